#include "title.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "fields.h"
#include "names.h"
#include "scan.h"

static size_t genre_cut(st *s, size_t a, size_t b);

/* Add the literals of l (NULL-terminated) to f. */
static void lit_filter_add(lit_filter *f, const lit_t *l) {
  for (; l->s; l++) {
    unsigned h = lit_hash(l->s);
    f->m[h >> 6] |= (uint64_t)1 << (h & 63);
  }
}

static void lit_filter_init(lit_filter *f, const lit_t *l) {
  memset(f, 0, sizeof *f);
  lit_filter_add(f, l);
}

/* The first q in [from, to) where an entry of one of the phrase lists
 * l[0..nl) starts and ends by b, or UNSET (f holds the entries of all). */
static size_t first_lit(const st *s, const lit_filter *f, const rpi_lex_list *l, size_t nl, size_t from, size_t to,
                        size_t b) {
  if (b > s->n)
    b = s->n;
  if (b < 4)
    return UNSET;
  if (to > b - 3)
    to = b - 3; /* q + 4 <= b */
  for (size_t q = from; q < to; q++) {
    if (!lit_filter_may(f, s->w + q))
      continue;
    for (size_t i = 0; i < nl; i++)
      if (rpi_lex_at(l[i], s->w + q, b - q))
        return q;
  }
  return UNSET;
}

/* A genre note after the title: ", PhD thesis, ...", "(Unpublished doctoral
 * dissertation)", ", Technical Report TR-9", ". Preprint": where it starts,
 * or b. Only after a comma, a period or an opening bracket. */
static size_t genre_cut(st *s, size_t a, size_t b) {
  size_t best = b;
  rpi_match m;
  int pats[] = {P_THESIS, P_REPORT};
  for (int k = 0; k < 2; k++)
    if (find(s, pats[k], a, &m) && m.start < best)
      best = m.start;
  /* "(Proefschrift)", ", thèse de doctorat,": a thesis note the pattern
   * does not take */
  size_t ge, tn = rpi_scan_thesis_note(s, a, best, &ge);
  size_t tp = tn; /* a degree alone after the title's stop: "genera.PhD, University" */
  while (tp != UNSET && tp > a && s->w[tp - 1] == ' ')
    tp--;
  if (tn != UNSET && tn < best &&
      (s->w[tn] == '(' || s->w[tn] == '[' || s->w[tn] == ',' || (tp > a && s->w[tp - 1] == '.')))
    return tn >= a + 8 ? tn : b;
  /* the first literal starting before best (one pass, not one per literal) */
  static const rpi_lex_list notes[] = {RPI_LEX_GENRE_NOTES, RPI_LEX_IN_PRESS, RPI_LEX_EDITOR_CUES};
  size_t hit = first_lit(s, &s->p->lits[LF_GENRE], notes, 3, a + 1, best, b);
  if (hit != UNSET)
    best = hit;
  if (best < b)
    best = rpi_scan_degree_before(s, a, best);
  if (best >= b || best < a + 8)
    return b;
  if (s->w[best] == ',')
    return best; /* ", ed. Peter Laslett" */
  size_t k = best;
  while (k > a && s->w[k - 1] == ' ')
    k--;
  if (k > a && (s->w[k - 1] == '(' || s->w[k - 1] == '['))
    return k - 1; /* "Title [Doctoral dissertation, ...]" */
  k = best;
  while (k > a && s->w[k - 1] == ' ')
    k--;
  /* "(Unpublished doctoral dissertation)" / ", PhD thesis" / ". Preprint" */
  size_t t = best;
  if (k < best && (s->w[k] == '(' || s->w[k] == '['))
    return k;
  if (k > a && (s->w[k - 1] == ',' || s->w[k - 1] == '.'))
    return k - 1;
  /* "... (Unpublished doctoral dissertation)": the bracket before the words */
  for (size_t q = t; q > a && q + 40 > t; q--)
    if (s->w[q - 1] == '(')
      return q - 1;
  return b;
}

/* "Title [Motion picture]", "Title [Computer software]": the medium, not
 * part of the title. Returns the new end; the medium is remembered. */
/* "Regularization of wavelet approximations (with discussion)": the
 * discussion a statistics journal printed with the paper, in brackets
 * closing the title, is a note, not the title. Returns where the title
 * ends. */
static size_t discussion_cut(st *s, size_t a, size_t b) {
  size_t e = b;
  while (e > a && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  if (e <= a + 8 || s->w[e - 1] != ')')
    return b;
  size_t o = e - 1;
  while (o > a && s->w[o] != '(' && e - o < 80)
    o--;
  if (s->w[o] != '(' || o == a || !at_lit(s, o + 1, "with ", 5))
    return b;
  static const char *const kinds[] = {"discussion", "comment", "rejoinder", "a rejoinder", "reply", NULL};
  size_t k = o + 6;
  bool kind = false;
  for (size_t i = 0; kinds[i] && !kind; i++)
    kind = at_lit(s, k, kinds[i], strlen(kinds[i]));
  if (!kind)
    return b;
  if (!s->r->field[RP_FIELD_NOTE])
    rpi_fields_set(s, RP_FIELD_NOTE, o + 1, e - 1);
  while (o > a && s->w[o - 1] == ' ')
    o--;
  return o;
}

static size_t medium_cut(st *s, size_t a, size_t b) {
  size_t e = b;
  while (e > a && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  if (e <= a || s->w[e - 1] != ']')
    return b;
  size_t o = e - 1;
  while (o > a && s->w[o] != '[')
    o--;
  if (s->w[o] != '[' || o == a)
    return b;
  static const struct {
    const char *w;
    int type;
  } media[] = {{"Motion picture", RP_TYPE_MOTION_PICTURE}, {"DVD", RP_TYPE_MOTION_PICTURE},
               {"Film", RP_TYPE_MOTION_PICTURE}, {"Video", RP_TYPE_MOTION_PICTURE},
               {"Video file", RP_TYPE_MOTION_PICTURE}, {"Videorecording", RP_TYPE_MOTION_PICTURE},
               {"Computer software", RP_TYPE_SOFTWARE}, {"Computer program", RP_TYPE_SOFTWARE},
               {"Software", RP_TYPE_SOFTWARE}, {"Source code", RP_TYPE_SOFTWARE},
               {"Data set", RP_TYPE_DATASET},
               {"Dataset", RP_TYPE_DATASET}, {"Data file", RP_TYPE_DATASET},
               {"Blog post", RP_TYPE_WEBPAGE}, {"Web log post", RP_TYPE_WEBPAGE},
               {"Podcast", -1}, {"Audio podcast", -1}, {"Television series", -1},
               {"Television broadcast", -1}, {"Lecture notes", -1}, {"Brochure", -1},
               {"Abstract", -1}, {"Editorial", -1}, {"Letter to the editor", -1}, {"Review", -1},
               {"Press release", -1}, {"Fact sheet", -1}, {"PowerPoint slides", -1},
               {"Poster", -1}, {"Internet", -1}, {"Online", -1}, {"online", -1}, {"en l\xc3\xadnea", -1},
               {"en ligne", -1}, {"em linha", -1}, {NULL, 0}};
  size_t ia = o + 1, ib = e - 1;
  for (size_t k = 0; media[k].w; k++) {
    size_t l = strlen(media[k].w);
    if (ib - ia >= l && !strncasecmp(s->w + ia, media[k].w, l) &&
        (ib - ia == l || s->w[ia + l] == ',' || s->w[ia + l] == ' ')) {
      if (media[k].type >= 0)
        s->medium = media[k].type + 1;
      return o;
    }
  }
  return b;
}

/* the filter: the markers (lib/data/translator_markers.txt), and the starts
 * of "trad. de ", "traduit de/du " (rpi_stage_translators) */
static const lit_t transl_starts[] = {LIT("trad. de "), LIT("traduit d"), {NULL, 0}};

void rpi_title_lit_filters_init(rp_parser *p) {
  /* lib/data/genre_notes.txt, in_press.txt and editor_cues.txt */
  lit_filter_init(&p->lits[LF_GENRE], rpi_lex_entries(RPI_LEX_GENRE_NOTES));
  lit_filter_add(&p->lits[LF_GENRE], rpi_lex_entries(RPI_LEX_IN_PRESS));
  lit_filter_add(&p->lits[LF_GENRE], rpi_lex_entries(RPI_LEX_EDITOR_CUES));
  lit_filter_init(&p->lits[LF_TRANSL], rpi_lex_entries(RPI_LEX_TRANSLATOR_MARKERS));
  lit_filter_add(&p->lits[LF_TRANSL], transl_starts);
}

/* A translator note after the title: ", trans. Gary Kern", ". Trans.
 * Stephen Heath.", "(J.-M. Klinkenberg, Trans.)", ". (Trans.) W. H.
 * Woglom": where it starts, or b. The translators' names are kept. */
static size_t translator_cut(st *s, size_t a, size_t b) {
  /* only the positions holding '(', ',' or '.': nothing below starts elsewhere */
  for (size_t q = next_of3(s->w, a + 3, b, '(', ',', '.'); q < b; q = next_of3(s->w, q + 1, b, '(', ',', '.')) {
    unsigned d = (unsigned char)s->w[q] - (unsigned)'(';
    if (d > 6 || !((0x51u >> d) & 1u))
      continue; /* neither '(' (bit 0), ',' (bit 4) nor '.' (bit 6): nothing below */
    if ((s->w[q] == ',' || s->w[q] == '.') && q + 2 < s->n && s->w[q + 1] == ' ') {
      size_t l = rpi_lex_at(RPI_LEX_TRANSLATOR_NOTES, s->w + q, s->n - q); /* lib/data/translator_notes.txt */
      if (l) {
        rpi_namelist el;
        if (!s->r->n_names[RP_ROLE_TRANSLATOR] && rpi_names_parse_any(s->w, q + l, s->n, &el))
          rpi_fields_names(s, &el, RP_ROLE_TRANSLATOR);
        return q;
      }
    }
    if (s->w[q] == '(' && q > a + 3) {
      /* the bracket may close beyond b: "(A. Sheridan, Trans.)." */
      size_t c = q + 1;
      while (c < s->n && s->w[c] != ')' && c - q < 80)
        c++;
      if (c >= s->n || s->w[c] != ')')
        continue;
      for (size_t z = q + 1; z + 6 <= c; z++)
        if (at_lit(s, z, "Trans.", 6) || at_lit(s, z, "Transl.", 7) || at_lit(s, z, "trans.)", 7)) {
          size_t ne = z;
          while (ne > q + 1 && (s->w[ne - 1] == ' ' || s->w[ne - 1] == ','))
            ne--;
          rpi_namelist el;
          if (ne > q + 2 && !s->r->n_names[RP_ROLE_TRANSLATOR] && rpi_names_parse_any(s->w, q + 1, ne, &el))
            rpi_fields_names(s, &el, RP_ROLE_TRANSLATOR);
          return q;
        }
    }
  }
  return b;
}

/* "CardioSeg: Cardiac MRI segmentation toolkit (Version 1.0.2)", "(R
 * package version 1.1.2)", "(Revision C.01)", "(v2.0.3)": a software or
 * data version in brackets after the title. Returns where the bracket
 * opens, or b; the version is kept. */
static size_t version_cut(st *s, size_t a, size_t b) {
  for (size_t q = a + 2; q < b; q++) {
    const char *o = memchr(s->w + q, '(', b - q); /* the next '(' */
    if (!o)
      break;
    q = (size_t)(o - s->w);
    size_t k = q + 1, c = q + 1;
    while (c < s->n && s->w[c] != ')' && c - q < 40)
      c++;
    if (c >= s->n || s->w[c] != ')')
      continue;
    size_t va = UNSET, vl = rpi_lex_at(RPI_LEX_VERSION_WORDS, s->w + k, s->n - k); /* lib/data/version_words.txt */
    if (vl)
      va = skip_sp(s, k + vl);
    if (va == UNSET && (s->w[k] == 'v' || s->w[k] == 'V') && k + 1 < c && ascii_digit(s->w[k + 1]))
      va = k + 1;
    if (va == UNSET || va >= c)
      continue;
    /* the version is one token with a digit: "1.0.2", "C.01", "2.0.3" */
    size_t ve = va;
    bool digit = false;
    while (ve < c && s->w[ve] != ' ' && s->w[ve] != ';' && s->w[ve] != ',')
      digit |= ascii_digit(s->w[ve++]);
    if (!digit)
      continue;
    if (!s->r->field[RP_FIELD_VERSION])
      rpi_fields_set(s, RP_FIELD_VERSION, va, ve);
    return q;
  }
  /* "ringbuf: lock-free ring buffers for Rust, v0.3.1": a dotted version
   * after the title's last comma */
  size_t e = b;
  while (e > a && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  size_t t = e;
  while (t > a && s->w[t - 1] != ' ' && s->w[t - 1] != ',')
    t--;
  size_t c = t;
  while (c > a && s->w[c - 1] == ' ')
    c--;
  if (c > a + 2 && s->w[c - 1] == ',' && (s->w[t] == 'v' || s->w[t] == 'V') && t + 3 < e && ascii_digit(s->w[t + 1]) &&
      memchr(s->w + t, '.', e - t)) {
    if (!s->r->field[RP_FIELD_VERSION])
      rpi_fields_set(s, RP_FIELD_VERSION, t + 1, e);
    return c - 1;
  }
  /* ACS's "Gaussian 16, Revision C.01": "Revision" and one token with a
   * digit after the title's last comma (not a title's own "..., version
   * 1.2" or an APA dataset's "..., Version 3") */
  size_t lc = e;
  while (lc > a && s->w[lc - 1] != ',')
    lc--;
  if (lc > a + 3 && skip_sp(s, lc) < e) {
    lc--; /* the comma */
    size_t k = skip_sp(s, lc + 1), vl = rpi_lex_at(RPI_LEX_VERSION_WORDS, s->w + k, e - k);
    size_t va = vl ? skip_sp(s, k + vl) : e;
    bool digit = false, space = false;
    for (size_t q = va; q < e; q++) {
      digit |= ascii_digit(s->w[q]);
      space |= s->w[q] == ' ';
    }
    if (vl && at_lit(s, k, "Revision ", 9) && va < e && digit && !space) {
      if (!s->r->field[RP_FIELD_VERSION])
        rpi_fields_set(s, RP_FIELD_VERSION, va, e);
      return lc;
    }
  }
  return b;
}

/* GB/T 7714 (the Chinese national standard for references) marks the kind
 * of document after the title: "研究[J]", "乡土中国[M]", "[D]" thesis, "[C]"
 * proceedings, "[R]" report, "[P]" patent, "[EB/OL]" online. Returns where
 * the mark opens, or b; the kind is remembered. The mark may close just
 * beyond b. */
static size_t gbt_cut(st *s, size_t a, size_t b) {
  size_t o = b;
  while (o > a && b - o < 8 && s->w[o - 1] != '[')
    o--;
  if (o <= a + 1 || s->w[o - 1] != '[')
    return b;
  size_t c = o;
  while (c < s->n && c - o < 6 && s->w[c] != ']')
    c++;
  if (c >= s->n || s->w[c] != ']')
    return b;
  static const struct {
    const char *code;
    int type;
  } kinds[] = {{"J", RP_TYPE_ARTICLE_JOURNAL}, {"M", RP_TYPE_BOOK}, {"D", RP_TYPE_THESIS},
               {"C", RP_TYPE_PAPER_CONFERENCE}, {"R", RP_TYPE_REPORT}, {"P", RP_TYPE_PATENT},
               {"EB/OL", RP_TYPE_WEBPAGE}, {"J/OL", RP_TYPE_ARTICLE_JOURNAL}, {"M/OL", RP_TYPE_BOOK},
               {"N", -1}, {"S", -1}, {"G", -1}, {"Z", -1}, {"A", -1}, {"DB", RP_TYPE_DATASET},
               {"DB/OL", RP_TYPE_DATASET}, {"CP", RP_TYPE_SOFTWARE}, {NULL, 0}};
  for (size_t k = 0; kinds[k].code; k++) {
    size_t l = strlen(kinds[k].code);
    if (c - o == l && memcmp(s->w + o, kinds[k].code, l) == 0) {
      int type = kinds[k].type;
      /* "[M]//王明, 李华. 城市研究文集": a part of a book */
      if (type == RP_TYPE_BOOK && c + 2 < s->n && s->w[c + 1] == '/' && s->w[c + 2] == '/')
        type = RP_TYPE_CHAPTER;
      if (type >= 0 && !s->medium)
        s->medium = type + 1;
      return o - 1;
    }
  }
  return b;
}

/* "Manual de sociología rural (2.ª ed.)", "(3rd ed.)", "(2. Aufl.)": an
 * edition in brackets closing the title. Returns where it starts (the
 * edition is set when none was), or b. */
static size_t edition_cut(st *s, size_t a, size_t b) {
  size_t e = b;
  while (e > a && s->w[e - 1] == ' ')
    e--;
  if (e < a + 8 || s->w[e - 1] != ')')
    return b;
  size_t o = e - 1;
  while (o > a && s->w[o] != '(' && e - o < 24)
    o--;
  if (s->w[o] != '(' || o < a + 4)
    return b;
  size_t d = skip_sp(s, o + 1), de = d;
  while (de < e && ascii_digit(s->w[de]))
    de++;
  if (de == d) {
    /* "(Revised 3rd edition)" whose edition the imprint stage took: the
     * bracket holds consumed text and at most two words without digits */
    bool taken = false;
    size_t words = 0;
    for (size_t q = o + 1; q < e - 1; q++) {
      taken |= s->w[q] != s->t->s[q];
      if (ascii_digit(s->w[q]))
        return b;
      if (s->w[q] != ' ' && s->w[q - 1] == ' ')
        words++;
    }
    return taken && words <= 2 ? o : b;
  }
  if (de - d > 2)
    return b;
  /* the ordinal's marks, then the word */
  size_t w = de;
  if (w + 1 < e && s->w[w] >= 'a' && s->w[w] <= 'z' && (s->w[w + 1] < 'a' || s->w[w + 1] > 'z'))
    w++; /* "2a", "3e" */
  else if (w + 2 < e && s->w[w] >= 'a' && s->w[w] <= 'z' && s->w[w + 1] >= 'a' && s->w[w + 1] <= 'z' &&
           (s->w[w + 2] == ' ' || s->w[w + 2] == '.'))
    w += 2; /* "3rd", "2nd", "1er" */
  while (w < e - 1 && (s->w[w] == '.' || s->w[w] == ' ' ||
                       ((unsigned char)s->w[w] == 0xC2 && ((unsigned char)s->w[w + 1] == 0xAA ||
                                                           (unsigned char)s->w[w + 1] == 0xBA))))
    w += (unsigned char)s->w[w] == 0xC2 ? 2 : 1; /* "2.ª", "2.º" */
  if (w >= s->n || !rpi_lex_at(RPI_LEX_EDITION_WORDS, s->w + w, s->n - w)) /* lib/data/edition_words.txt */
    return b;
  if (!s->r->field[RP_FIELD_EDITION])
    rpi_fields_set(s, RP_FIELD_EDITION, d, de);
  return o;
}

/* "Broiler chicken Industry Key Facts 2016.", "A specimen of printing
 * types, by Edmund Fry and Co. 1787. London.": a bare year after a space
 * closing a title of three or more words, when the reference prints no
 * other year, is its date ("Colorectal cancer statistics 2020. CA Cancer
 * J Clin 2020" keeps its year). The year at k; returns where the title
 * ends without it, or b. */
static size_t bare_year_cut(st *s, size_t a, size_t b, size_t k) {
  if (ascii_digit(s->w[k - 2]) || s->w[k - 2] == '-' || s->w[k - 2] == '/')
    return b;
  for (size_t q = 0; q + 4 <= s->n; q++)
    if (q != k && rpi_lex_is_year(s->w + q) && (q == 0 || !ascii_digit(s->w[q - 1])) &&
        (q + 4 == s->n || !ascii_digit(s->w[q + 4])))
      return b;
  const char *yr = s->r->field[RP_FIELD_YEAR];
  size_t cut = k;
  while (cut > a && (s->w[cut - 1] == ' ' || s->w[cut - 1] == ','))
    cut--;
  if (cut <= a)
    return b;
  /* not after a month ("June 1992", "10 de dezembro 1948": a date the
   * title names) or an initial ("Chutjian, A. 2000": a name) */
  size_t ws = cut, we = cut;
  if (we > a && s->w[we - 1] == '.')
    we--;
  while (ws > a && s->w[ws - 1] != ' ')
    ws--;
  if (rpi_lex_month(s->w + ws, we - ws) || (we - ws <= 2 && we < cut))
    return b;
  /* nor after a closing quote ('“Planet dump,” 2022': the title's end is
   * elsewhere) */
  if (s->w[cut - 1] == '"' || s->w[cut - 1] == '\'' ||
      (cut >= a + 3 && (at_lit(s, cut - 3, "\xe2\x80\x9d", 3) || at_lit(s, cut - 3, "\xe2\x80\x99", 3))) ||
      (cut >= a + 2 && at_lit(s, cut - 2, "\xc2\xbb", 2)))
    return b;
  if (rpi_scan_count_words(s, a, cut) < 3 || (yr && strncmp(yr, s->w + k, 4) != 0))
    return b;
  if (!yr)
    rpi_fields_year(s, k, k + 4);
  return cut;
}

/* "Colonial Pathologies: ... in the Philippines (2006)": the reference's
 * year in brackets closing a title of three or more words is its date,
 * not the title's; set as the year when none is and the reference prints
 * no other. After a comma ("GS and ASLR in Windows Vista, 2007") only
 * then ("Colorectal cancer statistics, 2020. CA Cancer J Clin 2020" keeps
 * its year;
 * "Studio sulle opere di Giuseppe Verdi (1859)" of 2001 its bracket).
 * Returns where the title ends without it, or b. */
static size_t year_cut(st *s, size_t a, size_t b) {
  size_t e = b;
  while (e > a && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  bool paren = e > a && s->w[e - 1] == ')';
  size_t y = paren ? e - 1 : e;
  if (y >= a + 4 && s->w[y - 1] >= 'a' && s->w[y - 1] <= 'z' && ascii_digit(s->w[y - 2]))
    y--; /* "2006a" */
  if (y < a + 6 || !rpi_lex_is_year(s->w + y - 4))
    return b;
  size_t k = y - 4;
  bool comma = !paren && s->w[k - 1] == ' ' && s->w[k - 2] == ',';
  if (!paren && !comma && s->w[k - 1] == ' ' && e == y)
    return bare_year_cut(s, a, b, k);
  if (paren ? s->w[k - 1] != '(' : !comma)
    return b;
  size_t cut = paren ? k - 1 : k - 2;
  while (cut > a && s->w[cut - 1] == ' ')
    cut--;
  const char *yr = s->r->field[RP_FIELD_YEAR];
  if (rpi_scan_count_words(s, a, cut) < 3 || (yr && (comma || strncmp(yr, s->w + k, 4) != 0)))
    return b;
  if (!yr) {
    /* no year yet: the bracket's, when the reference prints no other */
    for (size_t q = b; q + 4 <= s->n; q++)
      if (rpi_lex_is_year(s->w + q) && !ascii_digit(s->w[q - 1]) && (q + 4 == s->n || !ascii_digit(s->w[q + 4])))
        return b;
    rpi_fields_year(s, k, k + 4);
  }
  return cut;
}

/* "Personal communication", "Personal communication, March 25",
 * "communication personnelle", "persönliche Mitteilung": [a, b)
 * holds only the note that the work is a personal communication, and
 * a date; such a work has no title. Returns where the note ends, or
 * UNSET. */
static size_t personal_communication(const st *s, size_t a, size_t b) {
  static const char *const note[] = {"Personal communication", "personal communication",
                                     "Communication personnelle", "communication personnelle",
                                     "Persönliche Mitteilung", "persönliche Mitteilung"};
  size_t k = UNSET;
  for (size_t i = 0; i < sizeof note / sizeof note[0] && k == UNSET; i++)
    if (b - a >= strlen(note[i]) && at_lit(s, a, note[i], strlen(note[i])))
      k = a + strlen(note[i]);
  if (k == UNSET)
    return UNSET;
  size_t e = k;
  /* then only a date: digits, month names, separators */
  while (k < b) {
    size_t j = k;
    while (j < b && ascii_alpha(s->w[j]))
      j++;
    if (j > k && !rpi_lex_month(s->w + k, j - k))
      return UNSET;
    if (j == k && !ascii_digit(s->w[k]) && !strchr(" ,.;-/()", s->w[k]))
      return UNSET;
    k = j > k ? j : k + 1;
  }
  return e;
}

void rpi_title_set(st *s, size_t a, size_t b) {
  /* "Fawcett, J.W. & Keynes, J. - Peripheral nerve regeneration.": the
   * dash between the names and the title */
  for (;;) {
    a = skip_sp(s, a);
    size_t dl = a + 1 < b && s->w[a] == '-' && s->w[a + 1] == ' ' ? 1
                : a + 3 < b && (at_lit(s, a, "\xe2\x80\x93 ", 4) || at_lit(s, a, "\xe2\x80\x94 ", 4)) ? 3
                                                                                                     : 0;
    if (!dl)
      break;
    a += dl;
  }
  if (b > a)
    b = translator_cut(s, a, b);
  if (b > a)
    b = genre_cut(s, a, b);
  if (b > a)
    b = medium_cut(s, a, b);
  if (b > a)
    b = discussion_cut(s, a, b);
  if (b > a)
    b = gbt_cut(s, a, b);
  if (b > a)
    b = version_cut(s, a, b);
  if (b > a)
    b = edition_cut(s, a, b);
  if (b > a)
    b = year_cut(s, a, b);
  rpi_scan_trim_open(s, a, &b, false);
  rpi_scan_strip_quotes(s, &a, &b);
  /* keep a final "?" or "!", and the space French prints before it
   * ("Pourquoi les jeunes votent-ils moins ?") */
  size_t m = b < s->n && s->w[b] == ' ' ? b + 1 : b;
  if (m < s->n && (s->w[m] == '?' || s->w[m] == '!'))
    b = m + 1;
  if (b <= a)
    return;
  /* the note is the work's genre, not its title */
  size_t pc = personal_communication(s, a, b);
  if (pc == UNSET)
    rpi_fields_set(s, RP_FIELD_TITLE, a, b);
  else if (!s->r->field[RP_FIELD_GENRE])
    rpi_fields_set(s, RP_FIELD_GENRE, a, s->w[pc - 1] == '.' ? pc - 1 : pc);
}
