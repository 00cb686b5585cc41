/*
 * stage_legal.c: legal citations ("410 U.S. 113 (1973)", "[2004] UKHL 22").
 */
#include "stage.h"

#include "container.h"
#include "fields.h"
#include "scan.h"
#include "title.h"
#include "utf8.h"

#include <string.h>

/* The start of the digits ending at pe, after a space; UNSET if none. */
static size_t number_before(const st *s, size_t a, size_t pe) {
  size_t pa = pe;
  while (pa > a && ascii_digit(s->w[pa - 1]))
    pa--;
  if (pa == pe || pa < a + 1 || s->w[pa - 1] != ' ')
    return UNSET;
  return pa;
}

bool rpi_stage_legal(st *s, size_t a) {
  size_t e = s->n;
  while (e > a && (s->w[e - 1] == '.' || s->w[e - 1] == ' '))
    e--;
  size_t ya = UNSET, va, ve, ja, je, pa, pe, tb;
  bool oscola = false; /* a quoted title before the year: "Yale LJ" may lack periods */
  if (e >= a + 6 && s->w[e - 1] == ')' && s->w[e - 6] == '(' && rpi_scan_all_digits(s, e - 5, e - 1)) {
    /* US: "... 59 JOURNAL 859, 902 (2011)" */
    ya = e - 5;
    size_t q = e - 6;
    while (q > a && s->w[q - 1] == ' ')
      q--;
    pe = q;
    /* an optional pinpoint ", 902" */
    size_t z = pe;
    while (z > a && ascii_digit(s->w[z - 1]))
      z--;
    if (z >= a + 2 && z < pe && s->w[z - 1] == ' ' && s->w[z - 2] == ',') {
      pe = z - 2;
    }
    if ((pa = number_before(s, a, pe)) == UNSET)
      return false;
    je = pa - 1;
    /* the volume is the last number before the journal that follows a comma */
    size_t q2 = je;
    va = ve = UNSET;
    while (q2 > a) {
      q2--;
      if (s->w[q2] == ',' && q2 + 2 < je) {
        size_t k = skip_sp(s, q2 + 1);
        size_t kk = k;
        while (kk < je && ascii_digit(s->w[kk]))
          kk++;
        if (kk > k && kk < je && s->w[kk] == ' ') {
          va = k;
          ve = kk;
          tb = q2;
        }
        break;
      }
    }
    if (va == UNSET)
      return false;
    ja = skip_sp(s, ve);
  } else {
    /* Commonwealth: "..., (2009) 31 Cardozo L. Rev. 267"; OSCOLA, the
     * title quoted: "'Title' (2006) 115 Yale LJ 1346", "'Title' [2010] NZ
     * L Rev 265" (a year in square brackets may stand for the volume) */
    pe = e;
    if ((pa = number_before(s, a, pe)) == UNSET)
      return false;
    je = pa - 1;
    size_t q = je;
    ya = UNSET;
    bool square = false;
    while (q > a + 7) {
      q--;
      char open = s->w[q] == ')' ? '(' : s->w[q] == ']' ? '[' : 0;
      if (open && s->w[q - 5] == open && rpi_scan_all_digits(s, q - 4, q) && q - 5 > a + 1 &&
          (s->w[q - 6] == ' ' || s->w[q - 6] == ',')) {
        ya = q - 4;
        square = open == '[';
        break;
      }
      if (s->w[q] == ',')
        break;
    }
    if (ya == UNSET)
      return false;
    va = skip_sp(s, ya + 5);
    ve = va;
    while (ve < je && ascii_digit(s->w[ve]))
      ve++;
    if (ve == va || ve >= je || s->w[ve] != ' ') {
      if (!square)
        return false;
      ja = skip_sp(s, ya + 5);
      va = ve = UNSET;
    } else {
      ja = skip_sp(s, ve);
    }
    tb = ya - 1;
    while (tb > a && (s->w[tb - 1] == ' ' || s->w[tb - 1] == '(' || s->w[tb - 1] == '['))
      tb--;
    oscola = tb > a + 3 && (s->w[tb - 1] == '\'' || s->w[tb - 1] == '"' ||
                            (s->w[tb - 3] == '\xe2' && s->w[tb - 2] == '\x80' &&
                             (s->w[tb - 1] == '\x99' || s->w[tb - 1] == '\x9d')));
    if (tb <= a || (s->w[tb - 1] != ',' && !oscola) || (square && !oscola))
      return false;
    if (!oscola)
      tb--;
  }
  /* the journal: capitalised words, abbreviated or in capitals, up to 8 */
  while (je > ja && s->w[je - 1] == ' ')
    je--;
  if (je <= ja || !rpi_is_upper((unsigned char)s->w[ja]) || rpi_scan_count_words(s, ja, je) > 8)
    return false;
  bool dotted = false, caps = true;
  for (size_t q = ja; q < je; q++) {
    /* OSCOLA abbreviations without periods: a word of capitals, "LJ" */
    if (s->w[q] == '.' || (oscola && (q == ja || s->w[q - 1] == ' ') && rpi_is_upper((unsigned char)s->w[q]) &&
                           (q + 1 == je || s->w[q + 1] == ' ' || rpi_is_upper((unsigned char)s->w[q + 1]))))
      dotted = true;
    if (s->w[q] >= 'a' && s->w[q] <= 'z')
      caps = false;
    if (ascii_digit(s->w[q]) || s->w[q] == ',' || s->w[q] == '(' || s->w[q] == ':')
      return false;
  }
  if (!dotted && !caps)
    return false;
  if (rpi_scan_count_words(s, a, tb) < 2)
    return false;
  size_t ta = a, te = tb;
  rpi_scan_strip_quotes(s, &ta, &te);
  if (oscola && te > ta + 2 && s->w[ta] == '\'' && s->w[te - 1] == '\'') { /* OSCOLA's 'Title' */
    ta++;
    te--;
  }
  rpi_title_set(s, ta, te);
  rpi_container_set(s, ja, je, UNSET);
  if (va != UNSET)
    rpi_fields_set(s, RP_FIELD_VOLUME, va, ve);
  rpi_fields_pages(s, pa, pe);
  if (!s->r->field[RP_FIELD_YEAR])
    rpi_fields_year(s, ya, ya + 4);
  return true;
}

/* Whether w[a, b) holds the text lit. */
static bool has_lit(const st *s, size_t a, size_t b, const char *lit) {
  return rpi_scan_has_lit(s, a, b, lit, strlen(lit));
}

/* A law review, not a law report: "Yale L.J.", "Harv. L. Rev.", "J." */
static bool journal_like(const st *s, size_t a, size_t b) {
  return has_lit(s, a, b, "Rev") || has_lit(s, a, b, "L.J") || has_lit(s, a, b, "L. J") ||
         has_lit(s, a, b, "J.") || has_lit(s, a, b, "Law") || has_lit(s, a, b, "Q.") ||
         has_lit(s, a, b, "LJ") || has_lit(s, a, b, "LQR");
}

/* A quoted title opens an article, not a case name. */
static bool quoted(const st *s, size_t a, size_t b) {
  return has_lit(s, a, b, "\"") || has_lit(s, a, b, "\xe2\x80\x98") || has_lit(s, a, b, "\xe2\x80\x9c") ||
         has_lit(s, a, b, " '") || (b > a && s->w[a] == '\'');
}

/* The span of group g of m, or false when unset. */
static bool grp(const rpi_match *m, int g, size_t *a, size_t *b) {
  if (!gset(m, g))
    return false;
  *a = m->g[g][0];
  *b = m->g[g][1];
  return *b > *a;
}

/* Set field f from group g of m, when set. */
static void set_grp(st *s, rp_field f, const rpi_match *m, int g) {
  size_t a, b;
  if (grp(m, g, &a, &b))
    rpi_fields_set(s, f, a, b);
}

/* A field and the group of a pattern that holds it. */
typedef struct fgroup {
  rp_field f;
  int g;
} fgroup;

/* Set each field of map[0, n) from its group of m, when set. */
static void set_grps(st *s, const rpi_match *m, const fgroup *map, size_t n) {
  for (size_t k = 0; k < n; k++)
    set_grp(s, map[k].f, m, map[k].g);
}

#define SET_GRPS(s, m, ...)                                                                        \
  do {                                                                                             \
    static const fgroup map_[] = {__VA_ARGS__};                                                    \
    set_grps(s, m, map_, sizeof map_ / sizeof *map_);                                              \
  } while (0)

/* "Human Rights Act 1998": every word capitalised or a short joining word,
 * at most ten. */
static bool act_title(const st *s, size_t a, size_t b) {
  static const char *const small[] = {"of", "the", "and", "for", "on", "to", "in", "(No"};
  size_t words = 0;
  for (size_t q = a; q < b;) {
    while (q < b && s->w[q] == ' ')
      q++;
    size_t e = q;
    while (e < b && s->w[e] != ' ')
      e++;
    if (e == q)
      break;
    words++;
    bool ok = rpi_is_upper((unsigned char)s->w[q]) || ascii_digit(s->w[q]);
    for (size_t k = 0; !ok && k < sizeof small / sizeof *small; k++)
      ok = e - q == strlen(small[k]) && memcmp(s->w + q, small[k], e - q) == 0;
    if (!ok)
      return false;
    q = e;
  }
  return words >= 2 && words <= 10;
}

/* Whether the text may hold a legal citation: " v " / " v. " between
 * words (not before a number: "v. 35, n. 2" labels a volume), "In re", a
 * section sign, "Pub. L." or " Act ". Each cue is one memchr pass. */
static bool may_be_legal(const st *s) {
  static const struct {
    const char *lit;
    size_t n;
  } cues[] = {{"In re ", 6}, {"Re ", 3}, {"Ex parte ", 9}, {"\xc2\xa7", 2}, {"Pub.", 4}, {" Act ", 5}};
  for (size_t i = 0; i < sizeof cues / sizeof *cues; i++)
    if (rpi_scan_has_lit(s, 0, s->n, cues[i].lit, cues[i].n))
      return true;
  /* " v", " vs. ": the word after is no number */
  for (const char *p = s->w, *e = s->w + s->n; p + 3 < e && (p = memchr(p + 1, 'v', (size_t)(e - p) - 3));) {
    if (p[-1] != ' ')
      continue;
    size_t k = p[1] == ' ' ? 2 : p[1] == '.' && p[2] == ' ' ? 3 : p[1] == 's' && p[2] == '.' && p + 4 < e && p[3] == ' ' ? 4 : 0;
    if (k && !ascii_digit(p[k]))
      return true;
  }
  return false;
}

/* A court's code in a neutral citation ("[2004] UKHL 22", "[2003] EWCA
 * Civ 123", "2016 SCC 27"): the first word of w[a, b). */
static bool neutral_court(const st *s, size_t a, size_t b) {
  static const char *const codes[] = {
      "ABCA",  "ABQB",  "ACTSC", "BCCA",  "BCSC",   "CSIH",  "CSOH", "EWCA",  "EWCOP", "EWFC",
      "EWHC",  "FCA",   "FCAFC", "HCA",   "HCJAC",  "HKCFA", "IECA", "IEHC",  "IESC",  "MBCA",
      "NBCA",  "NICA",  "NIQB",  "NSCA",  "NSWCA",  "NSWCCA", "NSWSC", "NZCA", "NZHC",  "NZSC",
      "ONCA",  "ONSC",  "QCA",   "QCCA",  "QSC",    "SASC",  "SASCFC", "SCC",  "SGCA",  "SGHC",
      "SKCA",  "TASSC", "UKEAT", "UKFTT", "UKHL",   "UKPC",  "UKSC", "UKUT",  "VSC",   "VSCA",
      "WASC",  "WASCA", "ZACC",  "ZASCA"};
  size_t e = a;
  while (e < b && s->w[e] != ' ')
    e++;
  for (size_t k = 0; k < sizeof codes / sizeof *codes; k++)
    if (strlen(codes[k]) == e - a && memcmp(s->w + a, codes[k], e - a) == 0)
      return true;
  return false;
}

/* Take the whole match: type, year, and the text consumed. */
static bool take(st *s, const rpi_match *m, rp_type type, size_t ya, size_t yb) {
  s->r->type = type;
  if (ya != UNSET)
    rpi_fields_year(s, ya, yb);
  /* a label before the body ("Case") stays: the text before the body is
   * taken as read */
  blank(s, s->body > m->start && s->body < m->end ? s->body : m->start, m->end);
  return true;
}

/* A German court decision: "BGH, Urteil vom 12.05.2010 - I ZR 121/08,
 * NJW 2010, 2061.", "BVerfG, Beschl. v. 3.7.2019, 1 BvR 2/18", "OLG
 * München, Urt. v. 5.2.2004 – 6 U 123/03, GRUR 2004, 512 (514)". The
 * court up to the first comma (no digit), the decision's word, "vom" or
 * "v.", the date in numbers with stops, the docket number up to the next
 * comma, then the report: a short name, its year and the first page (a
 * pinpoint after it). Sets the court as the authority, the date, the
 * number, the report as container, page and locator (the pinpoint);
 * consumes the whole. */
static bool german_decision(st *s) {
  static const char *const words[] = {"Urteil ", "Urt. ", "Beschluss ", "Beschl. ", NULL};
  static const char *const vom[] = {"vom ", "v. ", NULL};
  const char *c = memchr(s->w, ',', s->n < 48 ? s->n : 48);
  if (!c || !(s->w[0] >= 'A' && s->w[0] <= 'Z'))
    return false;
  size_t ce = (size_t)(c - s->w), k = skip_sp(s, ce + 1), l = 0;
  for (size_t q = 0; q < ce; q++)
    if (ascii_digit(s->w[q]))
      return false;
  for (size_t i = 0; words[i] && !l; i++)
    if (at_lit(s, k, words[i], strlen(words[i])))
      l = strlen(words[i]);
  if (!l)
    return false;
  k = skip_sp(s, k + l);
  l = 0;
  for (size_t i = 0; vom[i] && !l; i++)
    if (at_lit(s, k, vom[i], strlen(vom[i])))
      l = strlen(vom[i]);
  size_t da = skip_sp(s, k + l), de = da;
  while (de < s->n && (ascii_digit(s->w[de]) || s->w[de] == '.'))
    de++;
  while (de > da && s->w[de - 1] == '.')
    de--;
  int d, mo, y;
  if (!l || !rpi_stage_dates_dotted(s, da, de, &d, &mo, &y))
    return false;
  /* the docket number: after " - ", " \xe2\x80\x93 " or ", " (an "Az." label) */
  size_t na = de;
  while (na < s->n && (s->w[na] == ' ' || s->w[na] == ',' || s->w[na] == '-'))
    na++;
  if (at_lit(s, na, "\xe2\x80\x93", 3))
    na = skip_sp(s, na + 3);
  if (at_lit(s, na, "Az. ", 4))
    na = skip_sp(s, na + 4);
  size_t nb = na;
  while (nb < s->n && s->w[nb] != ',' && nb - na < 40)
    nb++;
  size_t xe = nb;
  while (xe > na && (s->w[xe - 1] == '.' || s->w[xe - 1] == ' '))
    xe--;
  bool digit = false;
  for (size_t q = na; q < xe; q++)
    digit |= ascii_digit(s->w[q]);
  if (!digit || (nb < s->n && s->w[nb] != ','))
    return false;
  /* the report: "NJW 2010, 2061", "GRUR 2004, 512 (514)" */
  size_t ra = UNSET, rb = 0, pa = 0, pb = 0, la = 0, lb = 0, end = xe;
  if (nb < s->n) {
    size_t q = skip_sp(s, nb + 1), w = q;
    while (w < s->n && (ascii_alpha(s->w[w]) || s->w[w] == '-' || (unsigned char)s->w[w] >= 0x80))
      w++;
    size_t ya = w + 1;
    if (w == q || w - q > 12 || w + 8 >= s->n || s->w[w] != ' ' || !rpi_scan_all_digits(s, ya, ya + 4) ||
        !rpi_lex_is_year(s->w + ya) || s->w[ya + 4] != ',')
      return false;
    pa = skip_sp(s, ya + 5), pb = pa;
    while (pb < s->n && (ascii_digit(s->w[pb]) || (s->w[pb] == '-' && pb + 1 < s->n && ascii_digit(s->w[pb + 1]))))
      pb++;
    if (pb == pa)
      return false;
    end = pb;
    size_t z = skip_sp(s, pb);
    if (z < s->n && s->w[z] == '(') { /* the pinpoint "(514)" */
      const char *cb = memchr(s->w + z, ')', s->n - z < 12 ? s->n - z : 12);
      if (!cb)
        return false;
      end = (size_t)(cb - s->w) + 1;
      la = z + 1;
      lb = end - 1;
    }
    for (z = end; z < s->n; z++)
      if (s->w[z] != ' ' && s->w[z] != '.')
        return false;
    ra = q;
    rb = w;
  } else {
    end = s->n;
  }
  size_t cb = ce;
  while (cb > 0 && s->w[cb - 1] == ' ')
    cb--;
  rpi_fields_set(s, RP_FIELD_AUTHORITY, 0, cb);
  rpi_fields_year(s, de - 4, de);
  s->r->month = (unsigned char)mo;
  s->r->day = (unsigned char)d;
  rpi_fields_set(s, RP_FIELD_NUMBER, na, xe);
  if (ra != UNSET) {
    rpi_fields_set(s, RP_FIELD_CONTAINER_TITLE, ra, rb);
    rpi_fields_set(s, RP_FIELD_PAGE, pa, pb);
    if (lb > la)
      rpi_fields_set(s, RP_FIELD_LOCATOR, la, lb);
  }
  s->r->type = RP_TYPE_LEGAL_CASE;
  blank(s, 0, end);
  return true;
}

bool rpi_stage_legal_cite(st *s) {
  if (s->n >= 24 && (rpi_scan_has_lit(s, 0, 48 < s->n ? 48 : s->n, "Urt", 3) ||
                     rpi_scan_has_lit(s, 0, 48 < s->n ? 48 : s->n, "Beschl", 6)) &&
      german_decision(s))
    return true;
  if (s->n < 8 || !may_be_legal(s))
    return false;
  rpi_match m;
  size_t a = 0, b = 0, ya = UNSET, yb = UNSET;
  if (find(s, P_LEGALUS, 0, &m) == 1) {
    size_t ca = m.g[G_LEGALUS_C][0], cb = m.g[G_LEGALUS_C][1];
    grp(&m, G_LEGALUS_T, &a, &b);
    if (has_lit(s, ca, cb, ".") && !journal_like(s, ca, cb) && !quoted(s, a, b)) {
      rpi_fields_set(s, RP_FIELD_TITLE, a, b);
      rpi_fields_set(s, RP_FIELD_CONTAINER_TITLE, ca, cb);
      SET_GRPS(s, &m, {RP_FIELD_VOLUME, G_LEGALUS_V}, {RP_FIELD_PAGE, G_LEGALUS_P},
               {RP_FIELD_LOCATOR, G_LEGALUS_L}, {RP_FIELD_AUTHORITY, G_LEGALUS_A});
      return take(s, &m, RP_TYPE_LEGAL_CASE, m.g[G_LEGALUS_Y][0], m.g[G_LEGALUS_Y][1]);
    }
  }
  if (find(s, P_LEGALNC, 0, &m) == 1 && neutral_court(s, m.g[G_LEGALNC_C][0], m.g[G_LEGALNC_C][1])) {
    /* "R v Jordan, 2016 SCC 27[, [2016] 1 SCR 631]" */
    SET_GRPS(s, &m, {RP_FIELD_TITLE, G_LEGALNC_T}, {RP_FIELD_AUTHORITY, G_LEGALNC_C},
             {RP_FIELD_NUMBER, G_LEGALNC_N}, {RP_FIELD_VOLUME, G_LEGALNC_V},
             {RP_FIELD_CONTAINER_TITLE, G_LEGALNC_R}, {RP_FIELD_PAGE, G_LEGALNC_P},
             {RP_FIELD_LOCATOR, G_LEGALNC_L});
    return take(s, &m, RP_TYPE_LEGAL_CASE, m.g[G_LEGALNC_Y][0], m.g[G_LEGALNC_Y][1]);
  }
  if (find(s, P_LEGALUK, 0, &m) == 1) {
    size_t ca = m.g[G_LEGALUK_C][0], cb = m.g[G_LEGALUK_C][1];
    grp(&m, G_LEGALUK_T, &a, &b);
    if (!journal_like(s, ca, cb) && !quoted(s, a, b)) {
      rpi_fields_set(s, RP_FIELD_TITLE, a, b);
      if (gset(&m, G_LEGALUK_N)) { /* "Case C-6/64": the label opens the body */
        set_grp(s, RP_FIELD_NUMBER, &m, G_LEGALUK_N);
        s->body = m.g[G_LEGALUK_N][0];
      }
      if (gset(&m, G_LEGALUK_C2)) {
        /* "[2004] UKHL 22, [2004] 2 AC 457": the neutral citation's court
         * and number, then the law report */
        rpi_fields_set(s, RP_FIELD_AUTHORITY, ca, cb);
        if (!s->r->field[RP_FIELD_NUMBER])
          set_grp(s, RP_FIELD_NUMBER, &m, G_LEGALUK_P);
        set_grp(s, RP_FIELD_CONTAINER_TITLE, &m, G_LEGALUK_C2);
        set_grp(s, RP_FIELD_VOLUME, &m, G_LEGALUK_V2);
        set_grp(s, RP_FIELD_PAGE, &m, G_LEGALUK_P2);
      } else if (!gset(&m, G_LEGALUK_V) && neutral_court(s, ca, cb)) {
        /* a neutral citation alone: "[2004] UKHL 30" is the court and the
         * judgment's number, "[2003] EWHC 1234 (Admin)" with the division */
        size_t xa, xb;
        if (grp(&m, G_LEGALUK_A, &xa, &xb)) {
          rpi_buf v;
          rpi_buf_init(&v, 256);
          rpi_fields_collapsed(&v, s->w, ca, cb);
          rpi_buf_put_lit(&v, " (");
          rpi_fields_collapsed(&v, s->w, xa, xb);
          rpi_buf_putc(&v, ')');
          if (v.err)
            s->err = v.err;
          else
            rpi_fields_text(s, RP_FIELD_AUTHORITY, v.p, v.len, ca, xb);
          rpi_buf_free(&v);
        } else {
          rpi_fields_set(s, RP_FIELD_AUTHORITY, ca, cb);
        }
        if (!s->r->field[RP_FIELD_NUMBER])
          set_grp(s, RP_FIELD_NUMBER, &m, G_LEGALUK_P);
      } else {
        rpi_fields_set(s, RP_FIELD_CONTAINER_TITLE, ca, cb);
        set_grp(s, RP_FIELD_VOLUME, &m, G_LEGALUK_V);
        set_grp(s, RP_FIELD_PAGE, &m, G_LEGALUK_P);
      }
      set_grp(s, RP_FIELD_LOCATOR, &m, G_LEGALUK_L);
      if (!s->r->field[RP_FIELD_AUTHORITY])
        set_grp(s, RP_FIELD_AUTHORITY, &m, G_LEGALUK_A);
      return take(s, &m, RP_TYPE_LEGAL_CASE, m.g[G_LEGALUK_Y][0], m.g[G_LEGALUK_Y][1]);
    }
  }
  if (find(s, P_LEGALCODE, 0, &m) == 1 && has_lit(s, m.g[G_LEGALCODE_C][0], m.g[G_LEGALCODE_C][1], ".")) {
    SET_GRPS(s, &m, {RP_FIELD_TITLE, G_LEGALCODE_T}, {RP_FIELD_VOLUME, G_LEGALCODE_V},
             {RP_FIELD_CONTAINER_TITLE, G_LEGALCODE_C}, {RP_FIELD_SECTION, G_LEGALCODE_S},
             {RP_FIELD_AUTHORITY, G_LEGALCODE_A});
    if (gset(&m, G_LEGALCODE_Y)) {
      ya = m.g[G_LEGALCODE_Y][0];
      yb = m.g[G_LEGALCODE_Y][1];
    }
    return take(s, &m, RP_TYPE_LEGISLATION, ya, yb);
  }
  if (find(s, P_LEGALPL, 0, &m) == 1) {
    SET_GRPS(s, &m, {RP_FIELD_TITLE, G_LEGALPL_T}, {RP_FIELD_NUMBER, G_LEGALPL_N},
             {RP_FIELD_VOLUME, G_LEGALPL_V}, {RP_FIELD_CONTAINER_TITLE, G_LEGALPL_C},
             {RP_FIELD_PAGE, G_LEGALPL_P}, {RP_FIELD_AUTHORITY, G_LEGALPL_A});
    if (gset(&m, G_LEGALPL_Y)) { /* else the year of "Civil Rights Act of 1964" */
      ya = m.g[G_LEGALPL_Y][0];
      yb = m.g[G_LEGALPL_Y][1];
    } else if (grp(&m, G_LEGALPL_T, &a, &b)) {
      ya = a;
      yb = b;
    }
    return take(s, &m, RP_TYPE_LEGISLATION, ya, yb);
  }
  if (find(s, P_LEGALACT, 0, &m) == 1 && grp(&m, G_LEGALACT_T, &a, &b) &&
      (gset(&m, G_LEGALACT_S) || act_title(s, a, b))) {
    rpi_fields_set(s, RP_FIELD_TITLE, a, b);
    set_grp(s, RP_FIELD_AUTHORITY, &m, G_LEGALACT_A);
    set_grp(s, RP_FIELD_SECTION, &m, G_LEGALACT_S);
    return take(s, &m, RP_TYPE_LEGISLATION, m.g[G_LEGALACT_Y][0], m.g[G_LEGALACT_Y][1]);
  }
  return false;
}

/* The designation of a Brazilian act at k ("Lei", "Decreto-Lei",
 * "Portaria"), its number sign after it ("nº", "n.º", "n°", "no"): the
 * end of the sign, or 0. */
static size_t act_br_at(const st *s, size_t k) {
  static const char *const acts[] = {"Lei Complementar", "Lei Orgânica", "Lei", "Decreto-Lei", "Decreto Legislativo",
                                     "Decreto", "Portaria Normativa", "Portaria Interministerial", "Portaria",
                                     "Resolução", "Medida Provisória", "Instrução Normativa",
                                     "Emenda Constitucional", "Deliberação", "Parecer", NULL};
  static const char *const signs[] = {"n\xc2\xba.", "n\xc2\xba", "n.\xc2\xba", "n\xc2\xb0", "n.", "no", NULL};
  for (size_t i = 0; acts[i]; i++) {
    if (acts[i][0] != s->w[k])
      continue;
    size_t l = strlen(acts[i]);
    if (!at_lit(s, k, acts[i], l) || k + l >= s->n || s->w[k + l] != ' ')
      continue;
    size_t q = k + l + 1;
    for (size_t j = 0; signs[j]; j++) {
      size_t m = strlen(signs[j]);
      if (at_lit(s, q, signs[j], m) && q + m < s->n && (s->w[q + m] == ' ' || ascii_digit(s->w[q + m])))
        return q + m;
    }
    return 0;
  }
  return 0;
}

bool rpi_stage_legal_act(st *s, size_t pos) {
  size_t k = skip_sp(s, pos);
  if (k < s->n && (s->w[k] == '.' || s->w[k] == ','))
    k = skip_sp(s, k + 1);
  if (k + 24 >= s->n || !memchr("LDPRMIE", s->w[k], 7))
    return false;
  size_t q = act_br_at(s, k);
  if (!q)
    return false;
  /* the number, then ", de 13 de janeiro de 2005" */
  q = skip_sp(s, q);
  size_t d = q;
  while (d < s->n && (ascii_digit(s->w[d]) || s->w[d] == '.' || s->w[d] == '/' || s->w[d] == '-'))
    d++;
  if (d == q || !at_lit(s, d, ", de ", 5))
    return false;
  size_t x = d + 5, day = x;
  while (x < s->n && x - day < 2 && ascii_digit(s->w[x]))
    x++;
  if (x > day && at_lit(s, x, "\xc2\xba", 2)) /* "1º de maio" */
    x += 2;
  if (x == day || !at_lit(s, x, " de ", 4))
    return false;
  size_t ma = x + 4, me = ma;
  while (me < s->n && s->w[me] != ' ')
    me++;
  if (!rpi_lex_month(s->w + ma, me - ma) || !at_lit(s, me, " de ", 4) || me + 8 > s->n ||
      !rpi_scan_all_digits(s, me + 4, me + 8) || !rpi_lex_is_year(s->w + me + 4))
    return false;
  size_t ya = me + 4, ye = me + 8;
  /* the title runs to the official gazette ("Diário Oficial da União,
   * Brasília, DF, 14 jan. 2005") or to the link's label, with the act's
   * summary ("Institui o Programa ...") when one is printed */
  size_t te = s->n, ga = UNSET;
  for (size_t z = ye; z + 8 < s->n; z++) {
    if (s->w[z] != ' ' || s->w[z + 1] == ' ')
      continue;
    size_t w = z + 1;
    bool stop = s->w[z - 1] == '.' || s->w[z - 1] == ',';
    if (stop && (at_lit(s, w, "Di\xc3\xa1rio Oficial", 15) || at_lit(s, w, "DI\xc3\x81RIO OFICIAL", 15))) {
      ga = w;
      te = z - 1;
      break;
    }
    if (at_lit(s, w, "Dispon\xc3\xadvel", 10) || at_lit(s, w, "Available", 9) || at_lit(s, w, "Acesso", 6) ||
        at_lit(s, w, "[Internet]", 10)) {
      te = z - 1;
      break;
    }
  }
  while (te > ye && (s->w[te - 1] == ' ' || s->w[te - 1] == '.'))
    te--;
  rpi_fields_set(s, RP_FIELD_TITLE, k, te);
  size_t end = te;
  if (ga != UNSET) {
    size_t gb = ga;
    while (gb < s->n && s->w[gb] != ',' && !(s->w[gb] == '.' && (gb + 1 >= s->n || s->w[gb + 1] == ' ')))
      gb++;
    rpi_fields_set(s, RP_FIELD_CONTAINER_TITLE, ga, gb);
    end = gb;
    /* the place: the comma segments up to the one that opens with the
     * gazette's date ("Brasília, DF, 14 jan. 2005") */
    if (gb < s->n && s->w[gb] == ',') {
      size_t pa = skip_sp(s, gb + 1), pb = pa;
      for (size_t g = pa; g < s->n && g - pa < 60; g++) {
        if (s->w[g] == ',' || s->w[g] == '.') {
          size_t nx = skip_sp(s, g + 1);
          if (s->w[g] == ',' && nx < s->n && !ascii_digit(s->w[nx])) {
            pb = g;
            continue;
          }
          pb = g;
          break;
        }
      }
      if (pb > pa) {
        rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
        end = pb;
      }
    }
  }
  /* the names before it are a jurisdiction or a body, whole:
   * "MINAS GERAIS.", "SÃO PAULO (Estado).", "Rio Grande Do Sul." */
  size_t na = skip_sp(s, 0), nb = k;
  while (nb > na && (s->w[nb - 1] == ' ' || s->w[nb - 1] == '.' || s->w[nb - 1] == ','))
    nb--;
  if (s->r->n_names[RP_ROLE_AUTHOR] && nb > na && nb - na < 120) {
    rpi_result_clear_names(s->r, RP_ROLE_AUTHOR);
    rpi_fields_literal_name(s, na, nb, RP_ROLE_AUTHOR);
  }
  s->r->type = RP_TYPE_LEGISLATION;
  rpi_fields_year(s, ya, ye);
  blank(s, k, end);
  return true;
}
