/*
 * stage_dates.c: the date next to the names, a date just before the
 * locator, and a year anywhere when none was found.
 */
#include "stage.h"

#include <string.h>

#include "fields.h"
#include "lexicon.h"
#include "scan.h"

/* A publication status in brackets at k, in place of the date or after
 * it: "(im Erscheinen)", "(sous presse)", "(2011) (in press)". Returns
 * the end after the bracket, or 0. */
static size_t status_at(const st *s, size_t k) {
  if (k >= s->n || s->w[k] != '(')
    return 0;
  size_t c = k + 1;
  while (c < s->n && c - k < 48 && s->w[c] != ')' && s->w[c] != '(')
    c++;
  if (c >= s->n || s->w[c] != ')')
    return 0;
  size_t a = k + 1, b = c;
  trim(s->w, &a, &b);
  return b > a && rpi_lex_is_status(s->w + a, b - a) ? c + 1 : 0;
}

/* A date right after the names: "(2004)", "(2004a)", "(2004, May 3)",
 * "2004.", "(n.d.)", "(in press)", "(2011) (im Erscheinen)". A status
 * (lib/data/status_phrases.txt) stands for the date: there is no status
 * field in the result, so it is read like "in press" always was (no
 * year of its own, kept out of the title). Returns the
 * end or 0. */
static size_t date_after_names(st *s, size_t i) {
  size_t k = skip_sp(s, i);
  while (k < s->n && (s->w[k] == ',' || s->w[k] == '.' || s->w[k] == ':'))
    k = skip_sp(s, k + 1);
  bool paren = k < s->n && (s->w[k] == '(' || s->w[k] == '[');
  size_t d = paren ? k + 1 : k;
  d = skip_sp(s, d);
  /* "([1903], 2007)": the original year first, then this edition's */
  if (paren && d + 8 < s->n && s->w[d] == '[' && ascii_digit(s->w[d + 1]) && ascii_digit(s->w[d + 4]) &&
      s->w[d + 5] == ']') {
    size_t d2 = d + 6;
    while (d2 < s->n && (s->w[d2] == ',' || s->w[d2] == ' '))
      d2++;
    if (d2 + 4 <= s->n && ascii_digit(s->w[d2]) && ascii_digit(s->w[d2 + 3])) {
      size_t c = d2 + 4;
      while (c < s->n && c - d2 < 30 && s->w[c] != ')')
        c++;
      if (c < s->n && s->w[c] == ')') {
        /* the year first printed is the date cited */
        s->year_a = d + 1;
        s->year_b = d + 5;
        return c + 1;
      }
    }
  }
  if (!paren && i > 0 && (at_lit(s, d, "Forthcoming.", 12) || at_lit(s, d, "In press.", 9) ||
                          at_lit(s, d, "n.d.", 4)))
    return d + (s->w[d] == 'F' ? 12 : s->w[d] == 'I' ? 9 : 4);
  if (d + 4 <= s->n && ascii_digit(s->w[d]) && ascii_digit(s->w[d + 1]) &&
      ascii_digit(s->w[d + 2]) && ascii_digit(s->w[d + 3]) &&
      (d + 4 == s->n || !ascii_digit(s->w[d + 4]))) {
    int y = (s->w[d] - '0') * 1000 + (s->w[d + 1] - '0') * 100;
    if (y < 1500 || y > 2099)
      return 0;
    size_t e = d + 4;
    if (e < s->n && s->w[e] >= 'a' && s->w[e] <= 'z' && (e + 1 >= s->n || !ascii_alpha(s->w[e + 1])))
      e++;
    if (paren) {
      size_t c = e;
      while (c < s->n && c - e < 30 && s->w[c] != ')' && s->w[c] != ']' && s->w[c] != '(')
        c++;
      if (c >= s->n || (s->w[c] != ')' && s->w[c] != ']'))
        return 0;
      s->year_a = d;
      s->year_b = d + 4;
      /* "(1961) [1943]": the original edition's year follows */
      size_t o = skip_sp(s, c + 1);
      size_t so = status_at(s, o);
      if (so)
        return so;
      if (o + 6 <= s->n && (s->w[o] == '[' || s->w[o] == '(') && ascii_digit(s->w[o + 1]) &&
          ascii_digit(s->w[o + 4]) && (s->w[o + 5] == ']' || s->w[o + 5] == ')'))
        return o + 6;
      return c + 1;
    }
    /* bare year must be followed by a sentence end */
    size_t f = e;
    /* "LEROY Bernard, 1998 – Les forêts du Morvan": a dash (or a colon)
     * between spaces after the year (French lists) ends the date */
    if (i > 0 && f + 2 < s->n && s->w[f] == ' ') {
      size_t dl = s->w[f + 1] == '-' ? 1
                  : (at_lit(s, f + 1, "\xe2\x80\x93", 3) || at_lit(s, f + 1, "\xe2\x80\x94", 3)) ? 3
                                                                                                 : 0;
      /* "DE MONS Rodolphe, 1984 : Les de Mons": French spacing */
      if (s->w[f + 1] == ':')
        dl = 1;
      if (dl && f + 1 + dl < s->n && s->w[f + 1 + dl] == ' ') {
        s->year_a = d;
        s->year_b = d + 4;
        return f + 1 + dl;
      }
    }
    if (f + 1 < s->n && s->w[f] == ' ' && i > 0 && (s->w[i - 1] == '.' || (i > 1 && s->w[i - 2] == '.')) &&
        ((s->w[f + 1] >= 'A' && s->w[f + 1] <= 'Z') || (unsigned char)s->w[f + 1] >= 0xC3)) {
      /* "Renfrew, Colin. 1973 Monuments" / IOP "Schimmel A 2015 Title" */
      s->year_a = d;
      s->year_b = d + 4;
      return f;
    }
    if (f + 1 < s->n && s->w[f] == ' ' && (i == 0 || s->w[i - 1] != '.') &&
        ((s->w[f + 1] >= 'A' && s->w[f + 1] <= 'Z'))) {
      s->year_a = d;
      s->year_b = d + 4;
      return f;
    }
    if (f < s->n && (s->w[f] == '.' || s->w[f] == ',' || s->w[f] == ':')) {
      /* "2004;428" is a Vancouver locator, not a date after names */
      s->year_a = d;
      s->year_b = d + 4;
      return f + 1;
    }
    return 0;
  }
  if (paren) {
    size_t so = status_at(s, k);
    if (so)
      return so;
    /* "(Summer 2008)", "(March 2010)", "(2008, Summer)": a season or month
     * with the year */
    size_t c = d;
    while (c < s->n && c - d < 30 && s->w[c] != ')' && s->w[c] != ']')
      c++;
    if (c < s->n && c > d + 4 && (s->w[c] == ')' || s->w[c] == ']')) {
      static const char *const seasons[] = {"Spring", "Summer", "Fall", "Autumn", "Winter", NULL};
      size_t we = d;
      while (we < c && s->w[we] != ' ' && s->w[we] != ',')
        we++;
      bool lead = rpi_lex_month(s->w + d, we - d);
      for (size_t sk = 0; seasons[sk] && !lead; sk++)
        lead = we - d == strlen(seasons[sk]) && at_lit(s, d, seasons[sk], we - d);
      size_t y = (size_t)-1;
      for (size_t q = d; q + 4 <= c; q++)
        if (rpi_lex_is_year(s->w + q) && (q == d || !ascii_digit(s->w[q - 1])) &&
            (q + 4 == c || !ascii_digit(s->w[q + 4])))
          y = q;
      if (lead && y != (size_t)-1) {
        s->year_a = y;
        s->year_b = y + 4;
        return c + 1;
      }
    }
    static const char *const nd[] = {"n.d.", "n. d.", "s.d.", "s. d.", "in press", "In press",
                                      "no prelo", "forthcoming", "Forthcoming", "o. J.", "s.f.", "s. f.",
                                      "sans date", "sin fecha", NULL};
    for (size_t m = 0; nd[m]; m++) {
      size_t l = strlen(nd[m]);
      if (d + l < s->n && memcmp(s->w + d, nd[m], l) == 0 && s->w[d + l] == ')')
        return d + l + 1;
    }
  }
  return 0;
}

void rpi_stage_dates_anywhere(st *s, size_t from) {
  if (s->r->field[RP_FIELD_YEAR])
    return;
  rpi_match m;
  size_t f = from, best = UNSET;
  bool best_paren = false;
  while (find(s, P_YEAR, f, &m)) {
    bool paren = m.start > 0 && (s->w[m.start - 1] == '(' || s->w[m.start - 1] == '[');
    /* prefer a bracketed year, else the last one */
    if (best == UNSET || paren || !best_paren) {
      if (!(best_paren && !paren)) {
        best = m.start;
        best_paren = paren;
      }
    }
    f = m.end;
  }
  if (best == UNSET && from > 0) {
    f = 0;
    while (find(s, P_YEAR, f, &m) && m.start < from) {
      best = m.start;
      f = m.end;
    }
  }
  if (best != UNSET)
    rpi_fields_year(s, best, best + 4);
}

/* "Journal of Clinical Oncology. November 10, 2011 2011;29(32)", "Expert
 * Review of Hematology. 2010/06/01 2010;3(3)": a publication date printed
 * between the journal and the locator. Returns the new end of the
 * title/journal region [a, e): e when no date with a month or in numbers
 * ends it. */
static size_t strip_date_before(const st *s, size_t a, size_t e) {
  /* only before a locator that opens with the year ("2011;29(32)") */
  size_t y = skip_sp(s, e);
  if (y + 4 > s->n || !rpi_scan_all_digits(s, y, y + 4) || (y + 4 < s->n && ascii_digit(s->w[y + 4])))
    return e;
  size_t re = e;
  bool dated = false;
  for (int guard = 0; guard < 4; guard++) {
    size_t we = re;
    while (we > a && (s->w[we - 1] == ' ' || s->w[we - 1] == ',' || s->w[we - 1] == '.'))
      we--;
    size_t ws = we;
    while (ws > a && s->w[ws - 1] != ' ')
      ws--;
    if (ws <= a || we == ws)
      break;
    size_t n = we - ws;
    bool month = rpi_lex_month(s->w + ws, n) != 0;
    bool slash = n == 10 && rpi_scan_all_digits(s, ws, ws + 4) && (s->w[ws + 4] == '/' || s->w[ws + 4] == '-') &&
                 rpi_scan_all_digits(s, ws + 5, ws + 7) && rpi_scan_all_digits(s, ws + 8, ws + 10);
    bool year = n == 4 && rpi_lex_is_year(s->w + ws);
    bool day = n <= 2 && rpi_scan_all_digits(s, ws, we);
    if (day) {
      /* a day only after its month: "November 10," */
      size_t pe = ws;
      while (pe > a && s->w[pe - 1] == ' ')
        pe--;
      size_t ps = pe;
      while (ps > a && s->w[ps - 1] != ' ')
        ps--;
      day = pe > ps && rpi_lex_month(s->w + ps, pe - ps);
    }
    if (!(month || slash || year || day))
      break;
    dated |= month || slash;
    re = ws;
  }
  return dated && rpi_scan_count_words(s, a, re) >= 2 ? re : e;
}

size_t rpi_stage_dates(st *s, size_t pos) {
  size_t d = date_after_names(s, pos);
  if (d) {
    if (s->year_a != UNSET)
      rpi_fields_year(s, s->year_a, s->year_b);
    pos = d;
    /* "(2001) (Hrsg.):": the editors' mark after the date (the authors
     * stage made the names editors) */
    size_t m = skip_sp(s, pos), mk;
    if (m < s->n && s->w[m] == ',') { /* "(2001), (dir.)," */
      size_t m2 = skip_sp(s, m + 1);
      if (m2 < s->n && s->w[m2] == '(')
        m = m2;
    }
    if (m < s->n && s->w[m] == '(' && (mk = rpi_scan_editor_mark(s, m)))
      pos = mk;
  }
  pos = skip_sp(s, pos);
  while (pos < s->n && (s->w[pos] == '.' || s->w[pos] == ',' || s->w[pos] == ':' || s->w[pos] == ';'))
    pos = skip_sp(s, pos + 1);
  s->body = pos;
  return pos;
}

void rpi_stage_dates_before_locator(st *s, size_t pos, loc *L) {
  rp_result *r = s->r;
  /* "Infancy. 2011 Volume 16": a year between the journal and the locator */
  size_t ra = L->a;
  while (ra > pos && (s->w[ra - 1] == ' ' || s->w[ra - 1] == ',' || s->w[ra - 1] == '.'))
    ra--;
  if (ra >= pos + 6 && (s->w[ra - 5] == ' ' || s->w[ra - 5] == ',') && rpi_lex_is_year(s->w + ra - 4)) {
    if (!r->field[RP_FIELD_YEAR])
      rpi_fields_year(s, ra - 4, ra);
    L->a = ra - 4;
  }
  L->a = strip_date_before(s, pos, L->a);
}
