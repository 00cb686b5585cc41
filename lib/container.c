#include "container.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "names.h"
#include "scan.h"
#include "utf8.h"

/* Whether [a, b) can hold an rpi_scan_editor_mark() at all: every mark has a "(" or
 * "ed", "Ed" or "Hrsg". A cheap test that spares the name grammar on most
 * containers. */
static bool may_hold_editor_mark(const st *s, size_t a, size_t b) {
  for (size_t q = a; q < b; q++) {
    char ch = s->w[q];
    if (ch == '(')
      return true;
    if (q + 1 < b && s->w[q + 1] == 'd' && (ch == 'e' || ch == 'E'))
      return true;
    if (ch == 'H' && at_lit(s, q, "Hrsg", 4))
      return true;
  }
  return false;
}

/* The translators' note at a, before the rest of [a, b): the marker
 * (lib/data/translator_markers.txt) and names to a stop or a comma, or
 * names and "(trans.)" before a comma; a capitalised name must follow.
 * Sets the translators when none are. Returns where the rest starts, or
 * a. */
static size_t translators_lead(st *s, size_t a, size_t b) {
  size_t ml = rpi_lex_at(RPI_LEX_TRANSLATOR_MARKERS, s->w + a, s->n - a);
  size_t na = ml ? skip_sp(s, a + ml) : a;
  if (!ml) {
    /* a bracketed mark must be there: "(tr" or "(Üb" */
    bool mk = false;
    for (const char *q = memchr(s->w + a, '(', b - a); q && !mk; q = memchr(q + 1, '(', (size_t)(s->w + b - q - 1)))
      mk = (size_t)(q - s->w) + 3 < b && ((q[1] == 't' && q[2] == 'r') || (q[1] == '\xc3' && q[2] == '\x9c'));
    if (!mk)
      return a;
  }
  rpi_namelist *el = malloc(sizeof *el);
  if (!el)
    return a;
  size_t k = UNSET;
  if (rpi_names_parse_any(s->w, na, b, el)) {
    size_t e = skip_sp(s, el->end);
    if (!ml) {
      /* "Daphne Ellis (trans.), Wagner" */
      size_t me = rpi_scan_translator_mark(s, e);
      e = me ? skip_sp(s, me) : UNSET;
    }
    if (e != UNSET && e < b && (s->w[e] == '.' || s->w[e] == ',')) {
      size_t r = skip_sp(s, e + 1);
      unsigned f = 0;
      if (r + 3 < b)
        rpi_utf8_decode((const unsigned char *)s->w + r, b - r, &f);
      if (rpi_is_upper(f))
        k = r;
    }
  }
  if (k != UNSET && !s->r->n_names[RP_ROLE_TRANSLATOR])
    rpi_fields_names(s, el, RP_ROLE_TRANSLATOR);
  free(el);
  return k != UNSET ? k : a;
}

/* "Dans Comprehensive chemical kinetics", "In: Book" and "Matthew J. Smith
 * and Randy Duncan (eds.). Critical Approaches to Comics": a marker or
 * editors (set when none are) before the container's name. Returns where
 * the name starts. */
static size_t container_lead(st *s, size_t a, size_t b, size_t join_a) {
  /* "- Cognitive Studies": ISBD's area separator before the name */
  if (join_a == UNSET)
    a += rpi_scan_area_dash(s, a, b);
  /* "Dans Book", "In: Book", and a lower-case "in Shock Metamorphism of
   * Natural Materials" ("In Vivo" is a journal's name) */
  if (b > a + 5 && (at_lit(s, a, "Dans ", 5) || at_lit(s, a, "In: ", 4) || at_lit(s, a, "in ", 3)) &&
      join_a == UNSET) {
    size_t a2 = a + (s->w[a] == 'D' ? 5 : s->w[a] == 'i' ? 3 : 4);
    unsigned f2 = 0;
    rpi_utf8_decode((const unsigned char *)s->w + a2, b - a2, &f2);
    if (rpi_is_upper(f2))
      a = a2;
  }
  /* "Trans. Nicholas Rand. Critical Inquiry", "Translated by Helen Temple
   * and Ruthven Todd. Michigan Quarterly Review", "Daphne Ellis (trans.),
   * Wagner": a translated article's translators (set when none are)
   * before the journal's name */
  if (b > a + 8 && join_a == UNSET)
    a = translators_lead(s, a, b);
  /* "Matthew J. Smith and Randy Duncan (eds.). Critical Approaches to
   * Comics": editors before the book title */
  if (b > a && join_a == UNSET && may_hold_editor_mark(s, a, b)) {
    rpi_namelist *el = malloc(sizeof *el);
    /* APA's "(M. Cooper, J. C. Watson & W. B. Stiles, Eds.) Person-Centered
     * & Experiential Psychotherapies": the editors in brackets */
    bool open = s->w[a] == '(';
    if (el) {
      if (rpi_names_parse_any(s->w, a + open, b, el)) {
        size_t mk = rpi_scan_editor_mark(s, el->end);
        if (open && mk && mk < b && s->w[mk] == ')')
          mk++;
        else if (open && mk && s->w[mk - 1] != ')')
          mk = 0;
        if (mk && mk + 3 < b) {
          if (!s->r->n_names[RP_ROLE_EDITOR])
            rpi_fields_names(s, el, RP_ROLE_EDITOR);
          a = mk;
          while (a < b && (s->w[a] == '.' || s->w[a] == ',' || s->w[a] == ':' || s->w[a] == ' '))
            a++;
        }
      }
      free(el);
    }
  }
  return a;
}

/* Whether the comma-separated segment [a, e) after an editors' mark can
 * go on their list: "and Ann Lee", "Ann Lee", initials ("J. K.", "JK"); not a
 * publisher, a body or a place ("Verso", "British Film Institute",
 * "Harbour Press", "New York"). */
static bool editor_segment(const st *s, size_t a, size_t e) {
  a = skip_sp(s, a);
  if (at_lit(s, a, "and ", 4) || at_lit(s, a, "& ", 2))
    return true;
  while (e > a && s->w[e - 1] == ' ')
    e--;
  size_t words = rpi_scan_count_words(s, a, e);
  if (e <= a || words > 4 || rpi_imprint_has_publisher_word(s, a, e) || rpi_lex_is_city(s->w + a, e - a))
    return false;
  bool initials = true;
  for (size_t q = a; q < e;) {
    size_t we = q;
    while (we < e && s->w[we] != ' ')
      we++;
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + q, we - q, &cp);
    if (!rpi_is_upper(cp) || rpi_lex_is_org_word(s->w + q, we - q) || rpi_lex_is_publisher(s->w + q, we - q))
      return false;
    for (size_t k = q; k < we; k++)
      if (ascii_digit(s->w[k]))
        return false;
    /* "J.", "J.-P.", "JK" */
    bool caps = we - q <= 3;
    for (size_t k = q; k < we && caps; k++)
      caps = s->w[k] >= 'A' && s->w[k] <= 'Z';
    initials &= (we - q <= 5 && s->w[we - 1] == '.') || caps;
    q = skip_sp(s, we);
  }
  return words >= 2 || initials;
}

size_t rpi_container_editors_end(const st *s, size_t ea, size_t b) {
  size_t c = ea;
  while (c < b && s->w[c] != ',')
    c++;
  while (c < b) {
    size_t n = c + 1;
    while (n < b && s->w[n] != ',')
      n++;
    size_t x = c + 1, y = n;
    while (x < y && (s->w[x] == ' ' || s->w[x] == '.'))
      x++;
    /* nothing but blanks (taken pages) after it: no imprint to keep out */
    if (x == y && n >= b)
      return b;
    if (!editor_segment(s, c + 1, n))
      return c + 1; /* with the comma: the name grammar reads its end */
    c = n;
  }
  return b;
}

/* MLA "British Cinema in the 90s, edited by Robert Murphy, BFI": the
 * editors (set when none are) and what follows are not the container's
 * name: *bp moves before them. */
static void cut_editors(st *s, size_t *ap, size_t *bp) {
  size_t a = *ap, b = *bp;
  for (size_t q = a + 3; q < b; q++) {
    /* every entry starts with ", " or " (": skip eight positions with
     * no ',' at them and no '(' after them */
    if (q + 9 <= b) {
      uint64_t m = byte_eq(load8(s->w + q), ',') | byte_eq(load8(s->w + q + 1), '(');
      if (!m) {
        q += 7;
        continue;
      }
      q += first_byte(m); /* the first that may start one */
    }
    if (s->w[q] != ',' && s->w[q] != ' ')
      continue;
    /* lib/data/editor_cues.txt (the editors follow) or container_notes.txt */
    size_t l = rpi_lex_at(RPI_LEX_EDITOR_CUES, s->w + q, s->n - q);
    if (!l && !rpi_lex_at(RPI_LEX_CONTAINER_NOTES, s->w + q, s->n - q))
      continue;
    rpi_namelist el;
    size_t lim = l ? rpi_container_editors_end(s, q + l, b) : b;
    if (l && !s->r->n_names[RP_ROLE_EDITOR] && rpi_names_parse_any(s->w, q + l, lim, &el)) {
      /* not "British Film Institute": an organisation after the editors */
      while (el.n > 1 && rpi_lex_is_org_word(s->w + el.v[el.n - 1].fam_a,
                                             el.v[el.n - 1].fam_b - el.v[el.n - 1].fam_a))
        el.n--, el.total--;
      if (!(el.n == 1 && rpi_lex_is_org_word(s->w + el.v[0].fam_a, el.v[0].fam_b - el.v[0].fam_a))) {
        rpi_fields_names(s, &el, RP_ROLE_EDITOR);
        /* ", edited by Tom Reyes, Verso, 2015": the imprint after them */
        if (lim < b && !s->r->field[RP_FIELD_PUBLISHER] && !s->r->field[RP_FIELD_PUBLISHER_PLACE])
          rpi_imprint_publisher_place(s, lim, b);
      }
    }
    b = q;
    break;
  }
  trim(s->w, &a, &b);
  *ap = a, *bp = b;
}

/* "Frankfurter Allgemeine Zeitung, 12.05.2010", "Süddeutsche Zeitung vom
 * 3.7.1998": a newspaper's issue date in numbers closing the container is
 * no part of it; it is the date (its year when none was read, its month
 * and day when they match the year read). */
static void cut_dotted_date(st *s, size_t a, size_t *bp) {
  size_t b = *bp, ws = b;
  while (ws > a && s->w[ws - 1] != ' ' && s->w[ws - 1] != ',')
    ws--;
  int d, m, y;
  if (ws <= a + 3 || !rpi_stage_dates_dotted(s, ws, b, &d, &m, &y))
    return;
  size_t e = ws;
  while (e > a && (s->w[e - 1] == ' ' || s->w[e - 1] == ','))
    e--;
  if (e >= a + 4 && at_lit(s, e - 4, " vom", 4))
    e -= 4;
  while (e > a && (s->w[e - 1] == ' ' || s->w[e - 1] == ','))
    e--;
  if (e <= a + 3)
    return;
  const char *yr = s->r->field[RP_FIELD_YEAR];
  if (!yr)
    rpi_fields_year(s, b - 4, b);
  yr = s->r->field[RP_FIELD_YEAR];
  if (yr && atoi(yr) == y && !s->r->month) {
    s->r->month = (unsigned char)m;
    s->r->day = (unsigned char)d;
  }
  *bp = e;
}

/* "The Guardian, 12 May", "Le Monde, 3 mars": a newspaper's day and
 * month after a comma closing the container, its year printed after the
 * names, are no part of it; they are the date's month and day when the
 * year is read and no month is. */
static void cut_day_month(st *s, size_t a, size_t *bp) {
  size_t b = *bp, ms = b;
  while (ms > a && s->w[ms - 1] != ' ' && s->w[ms - 1] != ',')
    ms--;
  int m = ms < b ? rpi_lex_month(s->w + ms, b - ms) : 0;
  if (!m || ms < a + 5 || s->w[ms - 1] != ' ')
    return;
  size_t ds = ms - 1;
  while (ds > a && ascii_digit(s->w[ds - 1]))
    ds--;
  size_t dl = ms - 1 - ds;
  if (dl < 1 || dl > 2 || ds < a + 3 || s->w[ds - 1] != ' ' || s->w[ds - 2] != ',')
    return;
  int d = atoi(s->w + ds);
  const char *yr = s->r->field[RP_FIELD_YEAR];
  if (d < 1 || d > 31)
    return;
  if (yr && !s->r->month && d <= rpi_days_in_month(atoi(yr), m)) {
    s->r->month = (unsigned char)m;
    s->r->day = (unsigned char)d;
  }
  *bp = ds - 2;
}

/* "Guardian, 3 May 2008, Review section": a newspaper's section after the
 * date is no part of the name (the date before it goes next); the section
 * stays in the text, reported as unparsed. */
static void cut_section(const st *s, size_t a, size_t *bp) {
  size_t b = *bp, c = b;
  while (c > a && s->w[c - 1] != ',')
    c--;
  if (c <= a + 3 || b < c + 8 || !(at_lit(s, b - 7, "section", 7) || at_lit(s, b - 7, "Section", 7)) ||
      s->w[b - 8] != ' ' || rpi_scan_count_words(s, c, b) > 4)
    return;
  c--;
  while (c > a && s->w[c - 1] == ' ')
    c--;
  *bp = c;
}

/* "Lien social, 30/10/2009", "Journal, Oct-Dec", "Science 5/1994",
 * "Journal 39(77)": a date or a locator the locator rules left behind */
static void cut_dates(st *s, size_t *ap, size_t *bp) {
  size_t a = *ap, b = *bp;
  cut_dotted_date(s, a, &b);
  cut_day_month(s, a, &b);
  for (int guard = 0; guard < 3; guard++) {
    size_t ws = b;
    while (ws > a && s->w[ws - 1] != ' ' && s->w[ws - 1] != ',')
      ws--;
    if (ws <= a + 3)
      break;
    size_t tl = b - ws;
    bool datey = true, digits = false, parens = false;
    for (size_t q = ws; q < b; q++) {
      char ch = s->w[q];
      digits |= ascii_digit(ch);
      parens |= ch == '(';
      if (!(ascii_digit(ch) || ch == '/' || ch == '-' || ch == '(' || ch == ')' || ch == '.'))
        datey = false;
    }
    bool month_range = false;
    if (!datey) {
      size_t dash = ws;
      while (dash < b && s->w[dash] != '-')
        dash++;
      month_range = dash < b && rpi_lex_month(s->w + ws, dash - ws) && rpi_lex_month(s->w + dash + 1, b - dash - 1);
    }
    (void)parens;
    if ((datey && digits && tl <= 10 && memchr(s->w + ws, '/', tl)) || month_range) {
      b = ws;
      trim(s->w, &a, &b);
      continue;
    }
    break;
  }
  *ap = a, *bp = b;
}

/* "Revue de l'OFCE, Presses de Sciences Po", "Selected Works, Vol. One,
 * Progress Publishers, Moscow": a publisher after the container's name */
static void cut_publisher(st *s, size_t *ap, size_t *bp) {
  size_t a = *ap, b = *bp;
  size_t hi = b > 2 ? b - 2 : 0; /* q + 2 < b */
  for (size_t q = next_of3(s->w, a + 3, hi, ',', ',', ','); q < hi; q = next_of3(s->w, q + 1, hi, ',', ',', ',')) {
    size_t e = q + 1;
    while (e < b && s->w[e] != ',')
      e++;
    if (rpi_imprint_has_publisher_word(s, q + 1, e) && rpi_scan_count_words(s, q + 1, e) <= 5) {
      b = q;
      trim(s->w, &a, &b);
      break;
    }
  }
  *ap = a, *bp = b;
}

/* Japanese lists name a book or journal in 『』: "『社会学評論』" is the
 * journal; in "佐藤花子編『現代の地域社会』有斐閣" the book is inside the
 * brackets and its publisher after them (the editor before them is left
 * to the unparsed report). */
static void cut_book_brackets(st *s, size_t *ap, size_t *bp) {
  size_t a = *ap, b = *bp;
  const char *o = NULL;
  for (size_t q = a; q + 3 <= b && !o; q++)
    if (at_lit(s, q, "\xE3\x80\x8E", 3)) /* 『 */
      o = s->w + q;
  if (!o)
    return;
  size_t ia = (size_t)(o - s->w) + 3, ie = ia;
  while (ie + 3 <= b && !at_lit(s, ie, "\xE3\x80\x8F", 3)) /* 』 */
    ie++;
  if (ie + 3 > b || ie == ia)
    return;
  size_t pa = ie + 3, pb = b;
  while (pa < pb && (s->w[pa] == ' ' || s->w[pa] == ',' || s->w[pa] == '.'))
    pa++;
  trim(s->w, &pa, &pb);
  bool digits = false;
  for (size_t q = pa; q < pb; q++)
    digits |= ascii_digit(s->w[q]);
  if (pb > pa && !digits && !s->r->field[RP_FIELD_PUBLISHER])
    rpi_fields_set(s, RP_FIELD_PUBLISHER, pa, pb);
  *ap = ia;
  *bp = ie;
}

/* ABNT's "sine loco" and "sine nomine" marks left after a journal's name:
 * "Journal of Family Psychology, [S.l.], v. 16", "[S. l.]", "[s.n.]",
 * "[S.l.: s.n.]": no part of the name. */
static void cut_sine_loco(st *s, size_t *ap, size_t *bp) {
  size_t a = *ap, b = *bp;
  if (b < a + 8 || s->w[b - 1] != ']')
    return;
  size_t o = b - 1;
  while (o > a && s->w[o] != '[' && b - o < 16)
    o--;
  if (o <= a + 3 || s->w[o] != '[')
    return;
  char c[16];
  size_t n = 0;
  for (size_t q = o + 1; q + 1 < b && n + 1 < sizeof c; q++)
    if (s->w[q] != ' ')
      c[n++] = (char)(s->w[q] >= 'A' && s->w[q] <= 'Z' ? s->w[q] + 32 : s->w[q]);
  c[n] = '\0';
  if (strcmp(c, "s.l.") && strcmp(c, "s.n.") && strcmp(c, "s.l.:s.n.") && strcmp(c, "s.l.;s.n."))
    return;
  b = o;
  while (b > a && (s->w[b - 1] == ' ' || s->w[b - 1] == ','))
    b--;
  *bp = b;
}

/* Whether the month word [ws, e) left on a container reads as a month,
 * not a word of the name: an English month or its abbreviation, or a
 * longer word ("März", "octobre"); not another language's short
 * abbreviation that is an English word ("Text Summarization Branches
 * Out", "Reaching Out": Portuguese "out." for outubro; "Set", "Ago"). */
static bool month_not_word(const st *s, size_t ws, size_t e) {
  static const char *const english[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept",
                                        "Oct", "Nov", "Dec", "June", "July", NULL};
  if (e - ws >= 5)
    return true;
  for (size_t k = 0; english[k]; k++)
    if (strlen(english[k]) == e - ws && at_lit(s, ws, english[k], e - ws))
      return true;
  return !rpi_is_upper((unsigned char)s->w[ws]);
}

/* A year or a month left after the container's name. */
static void cut_year_month(st *s, size_t *ap, size_t *bp) {
  size_t a = *ap, b = *bp;
  /* "J Am Pod Med Assoc 2009": the year after the name */
  {
    size_t ws = b;
    while (ws > a && s->w[ws - 1] != ' ')
      ws--;
    if (b - ws == 4 && ws > a + 3 && rpi_lex_is_year(s->w + ws) && rpi_scan_count_words(s, a, ws) >= 2) {
      const char *y = s->r->field[RP_FIELD_YEAR];
      size_t pw = ws;
      while (pw > a && s->w[pw - 1] == ' ')
        pw--;
      size_t pws = pw;
      while (pws > a && s->w[pws - 1] != ' ')
        pws--;
      if (y && !strncmp(y, s->w + ws, 4) && !rpi_lex_month(s->w + pws, pw - pws)) {
        b = ws;
        trim(s->w, &a, &b);
      }
    }
  }
  /* "Business Insider May": a month left by the date; a short month of
   * another language is a word ("Text Summarization Branches Out", not
   * Portuguese "out." for outubro) */
  {
    size_t ws = b;
    while (ws > a && s->w[ws - 1] != ' ')
      ws--;
    if (ws > a + 3 && b - ws >= 3 && month_not_word(s, ws, b) && rpi_scan_count_words(s, a, ws) >= 2 &&
        rpi_lex_month(s->w + ws, b - ws)) {
      b = ws;
      trim(s->w, &a, &b);
    }
  }
  *ap = a, *bp = b;
}

/* "Stem cells. Transl Med" -> "Stem Cells Transl Med": the part before a
 * stray period, [join_a, a), put into v with its words capitalised. */
static void put_joined(st *s, rpi_buf *v, size_t join_a, size_t a, size_t b) {
  size_t ja = join_a, jb = a;
  trim(s->w, &ja, &jb);
  bool start = true;
  for (size_t i = ja; i < jb;) {
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s->w + i, jb - i, &cp);
    if (!l)
      l = 1, cp = '?';
    if (cp == '.') {
      i += l;
      continue;
    }
    rpi_buf_putcp(v, start && rpi_is_lower(cp) ? rpi_to_upper(cp) : cp);
    start = cp == ' ';
    i += l;
  }
  rpi_buf_putc(v, ' ');
  rpi_fields_warn(s, RP_WARN_PUNCT_REPAIRED, ja, b, "journal title split by a stray period rejoined");
}

/* w[from..b) into v with runs of spaces collapsed and, with
 * RP_OPT_REPAIR_WORDS, known split words and phrases repaired. */
static void put_repaired(st *s, rpi_buf *v, size_t from, size_t a, size_t b) {
  rpi_buf raw;
  char raw_on[512]; /* most containers: no allocation */
  rpi_buf_init_on(&raw, raw_on, sizeof raw_on, s->n + 1);
  rpi_buf_reserve(&raw, b - from); /* else one: collapsing never grows */
  const char *src = rpi_fields_source(s, from, b);
  if (src)
    rpi_fields_collapsed(&raw, src, from, b);
  const char *c = rpi_buf_cstr(&raw);
  size_t cl = raw.len;
  for (size_t i = 0; i < cl;) {
    if (s->p->flags & RP_OPT_REPAIR_WORDS) {
      size_t used = 0;
      const char *ph = (i == 0 || c[i - 1] == ' ') ? rpi_lex_repair_phrase(c + i, cl - i, &used) : NULL;
      if (ph) {
        rpi_buf_puts(v, ph);
        char msg[128];
        snprintf(msg, sizeof msg, "%.*s -> %s", (int)used, c + i, ph);
        rpi_fields_warn(s, RP_WARN_WORD_REPAIRED, a, b, msg);
        i += used;
        continue;
      }
    }
    size_t j = i;
    while (j < cl && c[j] != ' ')
      j++;
    const char *rep = (s->p->flags & RP_OPT_REPAIR_WORDS) ? rpi_lex_repair_word(c + i, j - i) : NULL;
    if (rep) {
      rpi_buf_puts(v, rep);
      char msg[128];
      snprintf(msg, sizeof msg, "%.*s -> %s", (int)(j - i), c + i, rep);
      rpi_fields_warn(s, RP_WARN_WORD_REPAIRED, a, b, msg);
    } else {
      rpi_buf_put(v, c + i, j - i);
    }
    if (j < cl)
      rpi_buf_putc(v, ' ');
    i = j + 1;
  }
  rpi_buf_free(&raw);
}

/* The segment after the ", " at q: [*a, *e), to the next ", " or the end. */
static void event_seg(const char *q, const char **a, const char **e) {
  *a = q + 2;
  const char *c = strstr(*a, ", ");
  *e = c ? c : *a + strlen(*a);
}

/* Whether [a, e) reads as words of a name: no digit, no bracket, each word
 * capitalised or a short lower-case connector ("of", "and"). */
static bool name_words(const char *a, const char *e) {
  if (a >= e)
    return false;
  for (const char *w = a; w < e;) {
    const char *x = w;
    while (x < e && *x != ' ')
      x++;
    unsigned cp = 0;
    rpi_utf8_decode((const unsigned char *)w, (size_t)(x - w), &cp);
    if (!rpi_is_upper(cp) && !(x - w <= 3 && *w >= 'a' && *w <= 'z') && *w != '&')
      return false;
    for (const char *y = w; y < x; y++)
      if ((*y >= '0' && *y <= '9') || *y == '(' || *y == ')')
        return false;
    w = x;
    while (w < e && *w == ' ')
      w++;
  }
  return true;
}

/* "Mobile Systems, Applications, and Services", "Systems, Man, and
 * Cybernetics", "Bioinformatics, Computational Biology and Health
 * Informatics": the ", " at q is inside a list of the event's subjects,
 * which closes with "and" or "&" before a capitalised word: in the last
 * segment of the container, or in a segment of its own (", and ..."). */
static bool subject_list_comma(const char *q) {
  for (int segs = 0; segs < 6; segs++) {
    const char *a, *e;
    event_seg(q, &a, &e);
    if (!name_words(a, e))
      return false;
    if ((!strncmp(a, "and ", 4) || !strncmp(a, "& ", 2)) && e - a > 5)
      return true;
    if (!*e) {
      /* the container's last segment: "Computational Biology and Health
       * Informatics" (a capitalised word on each side of the "and") */
      for (const char *c = a + 1; c + 5 < e; c++)
        if ((!strncmp(c, " and ", 5) || !strncmp(c, " & ", 3)) && c[-1] != ' ') {
          const char *n = c + (c[1] == '&' ? 3 : 5);
          if (*n >= 'A' && *n <= 'Z')
            return true;
        }
      return false;
    }
    q = e;
  }
  return false;
}

/* ", WWW '13", ", AIMSA'06", ", CSCL2015", ", KDD 2014": the event's
 * acronym with its year, closing the container after the ", " at q. */
static bool acronym_tail(const char *q) {
  const char *a, *e;
  event_seg(q, &a, &e);
  if (*e)
    return false;
  int caps = 0, digits = 0;
  const char *x = a;
  while (x < e && ((*x >= 'A' && *x <= 'Z') || (*x >= '0' && *x <= '9') || *x == '-')) {
    caps += *x >= 'A' && *x <= 'Z';
    digits += *x >= '0' && *x <= '9';
    x++;
  }
  if (caps < 2 || !(*a >= 'A' && *a <= 'Z'))
    return false;
  /* the year after the name: " '13", " 2014", "'06", "’13" */
  if (x < e && *x == ' ')
    x++;
  if (x < e && *x == '\'')
    x++;
  else if (e - x >= 3 && !memcmp(x, "\xe2\x80\x99", 3))
    x += 3;
  while (x < e && *x >= '0' && *x <= '9')
    x++, digits++;
  return x == e && digits >= 2;
}

/* "Proceedings of X, Milwaukee, Wisconsin" / "(Boston MA, April 1994)":
 * the event's place and date are not part of the container; a list of
 * its subjects and its acronym with the year are */
static void cut_event(rpi_buf *v) {
  if (strstr(v->p ? v->p : "", "roceedings") || strstr(v->p ? v->p : "", "Conference") ||
      strstr(v->p ? v->p : "", "Symposium") || strstr(v->p ? v->p : "", "Workshop")) {
    const char *kw = strstr(v->p, "roceedings");
    if (!kw)
      kw = v->p;
    const char *cut = NULL;
    for (const char *q = kw; *q; q++) {
      if (q[0] == ',' && q[1] == ' ') {
        if (subject_list_comma(q) || acronym_tail(q))
          continue;
        cut = q;
        break;
      }
      if (q[0] == ' ' && q[1] == '(') {
        /* keep "(AAAI-93)", cut "(Boston MA, April 1994)" */
        const char *c2 = strchr(q + 2, ')');
        const char *sp = strchr(q + 2, ' ');
        if (c2 && (!sp || sp > c2))
          continue;
        cut = q;
        break;
      }
    }
    if (cut && cut - v->p > 12) {
      v->len = (size_t)(cut - v->p);
      v->p[v->len] = '\0';
    }
  }
}

/* Unbalanced closing brackets at the end ("(Noisy-le-Grand))") and an
 * unclosed one at the start go, then trailing separators. */
static void balance_brackets(st *s, rpi_buf *v, size_t a, size_t b) {
  int open = 0;
  if (v->len && (memchr(v->p, '(', v->len) || memchr(v->p, ')', v->len))) /* else no bracket to count */
    for (size_t i = 0; i < v->len; i++)
      open += v->p[i] == '(' ? 1 : v->p[i] == ')' ? -1 : 0;
  while (open < 0 && v->len && v->p[v->len - 1] == ')') {
    v->p[--v->len] = '\0';
    open++;
    rpi_fields_warn(s, RP_WARN_PUNCT_REPAIRED, a, b, "unbalanced closing bracket removed");
  }
  if (open > 0 && v->len && v->p[0] == '(' ) {
    memmove(v->p, v->p + 1, v->len);
    v->len--;
  }
  while (v->len && is_edge(v->p[v->len - 1]))
    v->p[--v->len] = '\0';
}

/* ABNT "Cadernos de Saúde Pública, Rio de Janeiro, v. 29": the place;
 * "IEEE Data Engineering Bulletin, September": the month. */
static void cut_place_month(const st *s, rpi_buf *v) {
  if (s->labelled && v->p) {
    char *lc = strrchr(v->p, ',');
    if (lc && lc > v->p + 3 && lc[1] == ' ') {
      int words = 0;
      bool ok = true;
      for (char *q = lc + 2; *q && ok;) {
        while (*q == ' ')
          q++;
        if (!*q)
          break;
        char *e = q;
        while (*e && *e != ' ')
          e++;
        bool conn = (e - q <= 3) && *q >= 'a' && *q <= 'z';
        if ((e - q == 3 && memcmp(q, "and", 3) == 0) || *q == '&')
          ok = false;
        unsigned cp;
        rpi_utf8_decode((const unsigned char *)q, (size_t)(e - q), &cp);
        if (!conn && !rpi_is_upper(cp))
          ok = false;
        if (rpi_lex_is_journal_word(q, (size_t)(e - q)) || memchr(q, '.', (size_t)(e - q)))
          ok = false;
        words++;
        q = e;
      }
      if (ok && words >= 1 && words <= 3) {
        v->len = (size_t)(lc - v->p);
        v->p[v->len] = '\0';
      }
    }
  }
  /* "IEEE Data Engineering Bulletin, September" */
  {
    char *lc = v->p ? strrchr(v->p, ',') : NULL;
    if (lc && lc[1] == ' ' && rpi_lex_month(lc + 2, strlen(lc + 2)) && lc > v->p + 3) {
      v->len = (size_t)(lc - v->p);
      v->p[v->len] = '\0';
    }
  }
}

/* "Lancet Neurol. 2008" : the year is not part of the journal (it is set
 * when none is) */
static void cut_year(st *s, rpi_buf *v, size_t a, size_t b) {
  if (v->len > 6 && rpi_lex_is_year(v->p + v->len - 4) && v->p[v->len - 5] == ' ' &&
      (v->p[v->len - 6] == '.' || v->p[v->len - 6] == ',')) {
    size_t yo = b;
    while (yo > a && !ascii_digit(s->w[yo - 1]))
      yo--;
    if (!s->r->field[RP_FIELD_YEAR] && yo >= a + 4)
      rpi_fields_year(s, yo - 4, yo);
    v->len -= 6;
    v->p[v->len] = '\0';
  }
}

/* Words that open a note on a special issue of the journal: "Special
 * Issue", "Numéro spécial", "Sonderheft", "Número especial". */
static size_t special_issue_at(const st *s, size_t q, size_t b) {
  static const struct {
    const char *w;
    size_t n;
  } words[] = {{"special issue", 13}, {"special section", 15}, {"num\xc3\xa9" "ro sp\xc3\xa9" "cial", 16},
               {"sonderheft", 10}, {"n\xc3\xba" "mero especial", 16}, {"n\xc3\xba" "mero monogr\xc3\xa1" "fico", 20},
               {"numero speciale", 15}};
  for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
    size_t n = words[k].n;
    if (q + n <= b && (s->w[q] == words[k].w[0] || s->w[q] == words[k].w[0] - 32) &&
        strncasecmp(s->w + q + 1, words[k].w + 1, n - 1) == 0 && (q + n == b || !ascii_alpha(s->w[q + n])))
      return n;
  }
  return 0;
}

/* "IEEE Transactions on ...: Special Issue on Scheduling", "Special
 * Issue, Culture Theory and Critique", "Rangifer Special Issue 16": a
 * note on the special issue is no part of the journal's name. Only after
 * a separator or at the name's end, so that a journal named "... Special
 * Issue on X" in one run keeps its words. */
static void cut_special_issue(st *s, size_t *ap, size_t *bp) {
  size_t a = *ap, b = *bp;
  if (b < a + 10)
    return;
  size_t n = special_issue_at(s, a, b);
  if (n && a + n < b && (s->w[a + n] == ',' || s->w[a + n] == ':' || s->w[a + n] == '.')) {
    a += n;
    while (a < b && (s->w[a] == ',' || s->w[a] == ':' || s->w[a] == '.' || s->w[a] == ' '))
      a++;
    *ap = a;
    return;
  }
  for (size_t q = a + 4; q + 8 < b; q++) {
    if (s->w[q] != ' ' || !(s->w[q + 1] == 'S' || s->w[q + 1] == 's' || s->w[q + 1] == 'N' || s->w[q + 1] == 'n'))
      continue;
    n = special_issue_at(s, q + 1, b);
    if (!n)
      continue;
    char sep = s->w[q - 1];
    if (sep == ',' || sep == ':' || sep == '.' || q + 1 + n == b) {
      b = q;
      while (b > a && (s->w[b - 1] == ',' || s->w[b - 1] == ':' || s->w[b - 1] == ' '))
        b--;
      *bp = b;
      return;
    }
  }
  /* "Rangifer Special Issue 16": the locators took "Issue 16" and left
   * "Special" */
  size_t ws = b;
  while (ws > a && s->w[ws - 1] != ' ')
    ws--;
  if (ws > a + 2 && b - ws == 7 && strncasecmp(s->w + ws, "special", 7) == 0 && b + 6 <= s->n &&
      strncasecmp(s->w + b, " issue", 6) == 0) {
    b = ws;
    while (b > a && (s->w[b - 1] == ',' || s->w[b - 1] == ':' || s->w[b - 1] == ' '))
      b--;
    *bp = b;
  }
}

/* "Review of English Studies, n.s.", "Transactions of the Royal
 * Historical Society, 6th ser.", "Archaeological Journal, new series",
 * "Zeitschrift für Kirchengeschichte, N.F.", "Annals of Botany (N.S.)",
 * "Folia Entomologica Hungarica NS": the journal's series after its name
 * is no part of it; the container ends before it (the series stays in
 * the text, reported as unparsed). */
static void cut_journal_series(const st *s, size_t a, size_t *bp) {
  size_t b = *bp, c = b;
  {
    /* "Folia Entomologica Hungarica NS 18", "Annals of Botany (N.S.) 12":
     * the mark as the last word, or in brackets */
    size_t y = b;
    while (y > a && s->w[y - 1] == ' ')
      y--;
    bool br = y > a && s->w[y - 1] == ')';
    size_t e = br ? y - 1 : y;
    while (e > a && s->w[e - 1] == '.')
      e--;
    size_t x = e;
    while (x > a && s->w[x - 1] != ' ' && s->w[x - 1] != '(')
      x--;
    static const char *const last[] = {"N.S", "n.s", "NS", "N.F", "NF", NULL};
    bool mark = x > a + 3 && e - x >= 2 && e - x <= 3 && (s->w[x] == 'N' || s->w[x] == 'n') &&
                (!br || s->w[x - 1] == '(') && (br || s->w[x - 1] == ' ');
    bool hit = false;
    for (size_t k = 0; last[k] && mark && !hit; k++)
      hit = strlen(last[k]) == e - x && at_lit(s, x, last[k], e - x);
    if (hit) {
      c = br ? x - 1 : x;
      while (c > a && (s->w[c - 1] == ' ' || s->w[c - 1] == ','))
        c--;
      *bp = c;
      return;
    }
  }
  while (c > a && s->w[c - 1] != ',')
    c--;
  if (c <= a + 3)
    return;
  size_t x = c, y = b;
  trim(s->w, &x, &y);
  while (y > x && s->w[y - 1] == '.')
    y--;
  static const char *const marks[] = {"n.s", "N.S", "n. s", "ns", "NS", "new series", "New Series", "new ser",
                                      "N.F", "NF", "Neue Folge", "nouvelle s\xc3\xa9rie", "nuova serie", NULL};
  bool series = false;
  for (size_t k = 0; marks[k] && !series; k++)
    series = strlen(marks[k]) == y - x && at_lit(s, x, marks[k], y - x);
  if (!series) {
    /* "6th ser", "3rd series", "2e série" */
    size_t d = x;
    while (d < y && ascii_digit(s->w[d]))
      d++;
    if (d > x && d - x <= 2) {
      size_t w = d;
      while (w < y && ascii_alpha(s->w[w]) && w - d < 2)
        w++;
      w = skip_sp(s, w);
      series = (y - w == 3 && at_lit(s, w, "ser", 3)) || (y - w == 6 && at_lit(s, w, "series", 6)) ||
               (y - w == 6 && at_lit(s, w, "s\xc3\xa9rie", 6));
    }
  }
  if (!series)
    return;
  while (c > a && (s->w[c - 1] == ',' || s->w[c - 1] == ' '))
    c--;
  *bp = c;
}

/* "Appl. Numer. Math., 1", "American Journal of Political Science,
 * 45-3", "Lunar and Planetary Science, XII", "Harvard Business Review,
 * XLIII": a volume after a comma that the locator rules left on the
 * container is its volume (as printed), and the pages read already
 * ("Book Title, 1-19") are no part of it either. Only when no volume was
 * read: after one, what follows is no volume. */
static void cut_comma_volume(st *s, size_t *ap, size_t *bp) {
  size_t a = *ap, b = *bp;
  size_t c = b; /* after the last comma */
  while (c > a && s->w[c - 1] != ',' && b - c <= 10)
    c--;
  size_t ws = skip_sp(s, c);
  if (c <= a + 4 || s->w[c - 1] != ',' || ws >= b || b - ws > 9)
    return;
  size_t digits = 0, dashes = 0, roman = 0;
  for (size_t q = ws; q < b; q++) {
    char ch = s->w[q];
    if (ascii_digit(ch))
      digits++;
    else if (ch == '-' && q > ws && q + 1 < b && ascii_digit(s->w[q - 1]))
      dashes++;
    else if (strchr("IVXLC", ch))
      roman++;
    else
      return;
  }
  bool number = digits && !roman && dashes <= 1 && (dashes || b - ws <= 4);
  bool numeral = roman && !digits && !dashes && (roman >= 2 || s->w[ws] != 'C');
  /* not the year ("In ICCV, 2011."), which cut_year takes, nor the
   * pages read already ("Book Title, 1-19") */
  const char *pg = s->r->field[RP_FIELD_PAGE];
  if (!number && !numeral)
    return;
  if (number && !dashes && b - ws == 4 && rpi_lex_is_year(s->w + ws))
    return;
  bool pages = dashes && pg && strlen(pg) == b - ws && memcmp(pg, s->w + ws, b - ws) == 0;
  if (s->r->field[RP_FIELD_VOLUME])
    return;
  if (!pages)
    rpi_fields_set(s, RP_FIELD_VOLUME, ws, b);
  b = c - 1;
  trim(s->w, &a, &b);
  *bp = b;
}

/* "septembre 2014, J Endod", "2010, Iran Endod J.": the date of a
 * reference that prints it between the names and the journal is no part
 * of the journal's name. A year, after a month or alone, then a comma. */
static void cut_leading_date(st *s, size_t *ap, size_t *bp) {
  size_t a = *ap, b = *bp;
  size_t y = a;
  size_t w = a;
  while (w < b && s->w[w] != ' ' && s->w[w] != ',')
    w++;
  if (w > a && w < b && s->w[w] == ' ' && rpi_lex_month(s->w + a, w - a))
    y = skip_sp(s, w);
  if (y + 5 >= b || !rpi_lex_is_year(s->w + y) || s->w[y + 4] != ',')
    return;
  a = skip_sp(s, y + 5);
  if (b <= a + 2 || !rpi_is_upper((unsigned char)s->w[a]))
    return;
  *ap = a;
}

/* Whether [a, b) is a word of a date: a month ("May", "Sept.") or a day
 * or year of at most four digits. */
static bool date_word(const st *s, size_t a, size_t b) {
  size_t e = b;
  if (e > a && (s->w[e - 1] == '.' || s->w[e - 1] == ','))
    e--;
  if (e == a)
    return false;
  if (rpi_lex_month(s->w + a, e - a))
    return true;
  for (size_t q = a; q < e; q++)
    if (!ascii_digit(s->w[q]))
      return false;
  return e - a <= 4;
}

/* "Newsweek 27 May 2002", "Vox September", and a container that is only
 * a date ("February 2012", "April 5"): a date the date rules left on the
 * container, with a month among its words, is no part of it. Returns
 * where the name ends (a when nothing is left). */
static size_t cut_date_words(const st *s, size_t a, size_t b) {
  size_t e = b, words = 0;
  bool month = false;
  while (e > a) {
    size_t ws = e;
    while (ws > a && s->w[ws - 1] != ' ')
      ws--;
    if (!date_word(s, ws, e))
      break;
    size_t me = e;
    while (me > ws && (s->w[me - 1] == '.' || s->w[me - 1] == ','))
      me--;
    month |= rpi_lex_month(s->w + ws, me - ws) && (words || month_not_word(s, ws, me));
    words++;
    e = ws;
    while (e > a && (s->w[e - 1] == ' ' || s->w[e - 1] == ','))
      e--;
  }
  if (!month || (e > a && words < 2 && rpi_scan_count_words(s, a, e) >= 2))
    return b;
  return e;
}

void rpi_container_set(st *s, size_t a, size_t b, size_t join_a) {
  trim(s->w, &a, &b);
  if (b > a && join_a == UNSET && rpi_scan_genre_only(s, a, b))
    return;
  a = container_lead(s, a, b, join_a);
  rpi_scan_trim_open(s, a, &b, true);
  cut_editors(s, &a, &b);
  cut_leading_date(s, &a, &b);
  cut_section(s, a, &b);
  cut_dates(s, &a, &b);
  cut_sine_loco(s, &a, &b);
  cut_book_brackets(s, &a, &b);
  cut_special_issue(s, &a, &b);
  cut_journal_series(s, a, &b);
  cut_comma_volume(s, &a, &b);
  cut_publisher(s, &a, &b);
  cut_year_month(s, &a, &b);
  rpi_scan_strip_quotes(s, &a, &b);
  b = cut_date_words(s, a, b);
  if (b <= a)
    return;
  rpi_buf v;
  char on[512]; /* most containers: no allocation */
  rpi_buf_init_on(&v, on, sizeof on, s->n + 64);
  size_t from = a;
  if (join_a != UNSET && join_a < a)
    put_joined(s, &v, join_a, a, b);
  if (b - a > 5 && at_lit(s, a, "The. ", 5)) {
    rpi_fields_warn(s, RP_WARN_PUNCT_REPAIRED, a, a + 4, "stray \"The.\" before the journal title removed");
    a += 5;
    from = a;
  }
  put_repaired(s, &v, from, a, b);
  cut_event(&v);
  balance_brackets(s, &v, a, b);
  cut_place_month(s, &v);
  cut_year(s, &v, a, b);
  if (v.len && s->series && !(v.len >= 2 && v.p[v.len - 1] == s->series && !ascii_alpha(v.p[v.len - 2]))) {
    if (b < s->n && s->w[b] == '.')
      rpi_buf_putc(&v, '.');
    rpi_buf_putc(&v, ' ');
    rpi_buf_putc(&v, s->series);
  }
  if (v.len)
    rpi_fields_text(s, RP_FIELD_CONTAINER_TITLE, v.p, v.len, a, b);
  rpi_buf_free(&v);
}
