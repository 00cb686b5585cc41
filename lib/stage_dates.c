/*
 * stage_dates.c: the date next to the names, a date just before the
 * locator, and a year anywhere when none was found.
 */
#include "stage.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "scan.h"
#include "text.h"

/* A publication status in brackets at k, in place of the date or after
 * it: "(im Erscheinen)", "(sous presse)", "(2011) (in press)". Returns
 * the end after the bracket, or 0. */
static size_t status_at(st *s, size_t k) {
  if (k >= s->n || s->w[k] != '(')
    return 0;
  size_t c = k + 1;
  while (c < s->n && c - k < 48 && s->w[c] != ')' && s->w[c] != '(')
    c++;
  if (c >= s->n || s->w[c] != ')')
    return 0;
  size_t a = k + 1, b = c;
  trim(s->w, &a, &b);
  if (b <= a || !rpi_lex_is_status(s->w + a, b - a))
    return 0;
  if (!s->r->field[RP_FIELD_NOTE]) /* the status is the note ("in press") */
    rpi_fields_set(s, RP_FIELD_NOTE, a, b);
  return c + 1;
}

/* The year a range of years starting with year y1 and a dash at e ends
 * on ("1835-1840", "1835–1840", "1931-32"), *end past it; 0 when no
 * such range is there. Two digits are a year only above 12 (below, "2004-05"
 * may be a month), unless cut: then one or two digits end the year
 * whatever they are ("1703-6", "1921-08"; closing an imprint, where no
 * month follows). The range runs forward, at most 100 years. */
static int year_range_end(const st *s, size_t e, int y1, bool cut, size_t *end) {
  size_t q0 = e < s->n && s->w[e] == '-' ? e + 1 : at_lit(s, e, "\xe2\x80\x93", 3) ? e + 3 : 0, q = q0;
  if (!q0)
    return 0;
  while (q < s->n && q - q0 < 5 && ascii_digit(s->w[q]))
    q++;
  int y2 = 0;
  if (q - q0 == 4) {
    y2 = atoi(s->w + q0);
  } else if (q - q0 == 2) {
    int dd = (s->w[q0] - '0') * 10 + (s->w[q0 + 1] - '0');
    y2 = dd > 12 || cut ? y1 / 100 * 100 + dd : 0;
  } else if (q - q0 == 1 && cut) {
    y2 = y1 / 10 * 10 + (s->w[q0] - '0');
  }
  if (y2 <= y1 || y2 - y1 > 100 || (q < s->n && ascii_alpha(s->w[q])))
    return 0;
  *end = q;
  return y2;
}

/* A date right after the names: "(2004)", "(2004a)", "(2004, May 3)",
 * "2004.", "(n.d.)", "(in press)", "(2011) (im Erscheinen)". A status
 * (lib/data/status_phrases.txt) stands for the date: it is read like "in
 * press" always was (no year of its own, kept out of the title) and is
 * the note, as a status closing the reference is. Returns the end or 0. */
/* " [1939]" at e, an original edition's year after the year cited:
 * returns the first byte after it past spaces, 0 when none. */
static size_t orig_year_after(const st *s, size_t e) {
  size_t o = skip_sp(s, e);
  if (o == e || o + 6 > s->n || s->w[o] != '[' || s->w[o + 5] != ']' || !rpi_lex_is_year(s->w + o + 1))
    return 0;
  return skip_sp(s, o + 6);
}

/* Keep the year inside the "[1939]" that starts at o as the original date. */
static void orig_year_set(st *s, size_t o) {
  if (!s->r->field[RP_FIELD_ORIGINAL_DATE])
    rpi_fields_set(s, RP_FIELD_ORIGINAL_DATE, o + 1, o + 5);
}

/* A quoted title opening at k: '"', '«', '“', '„' or '‘' ("DUVAL, 2013
 * « L'analyse ... »", "Fayolle, G. de. 1927 « Ancienne cathédrale »"). */
static bool quote_opens(const st *s, size_t k) {
  static const char *const q[] = {"\"", "\xc2\xab", "\xe2\x80\x9c", "\xe2\x80\x9e", "\xe2\x80\x98", NULL};
  for (size_t m = 0; q[m]; m++)
    if (at_lit(s, k, q[m], strlen(q[m])))
      return true;
  return false;
}

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
  if (!paren && i > 0 && (at_lit(s, d, "Forthcoming.", 12) || at_lit(s, d, "In press.", 9)))
    return d + (s->w[d] == 'F' ? 12 : 9);
  /* no date: "n.d.", French "s.d.", German "o. J.", Spanish "s.f.",
   * Latin "s.a." */
  static const char *const undated[] = {"n.d.", "s.d.", "s. d.", "o. J.", "o.J.", "s.f.", "s.a.", NULL};
  bool und = !paren && i > 0 && d + 4 <= s->n && (s->w[d] == 'n' || s->w[d] == 's' || s->w[d] == 'o');
  for (size_t u = 0; und && undated[u]; u++) {
    size_t l = strlen(undated[u]), e = d + l;
    if (at_lit(s, d, undated[u], l) && (e >= s->n || s->w[e] == ' ' || s->w[e] == ',' || s->w[e] == ':'))
      return e < s->n && (s->w[e] == ',' || s->w[e] == ':') ? e + 1 : e;
  }
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
      /* "(1997 [1939])": the original edition's year inside */
      size_t ob = orig_year_after(s, e);
      if (ob && ob < s->n && s->w[ob] == ')') {
        orig_year_set(s, skip_sp(s, e));
        c = ob;
      }
      while (c < s->n && c - e < 30 && s->w[c] != ')' && s->w[c] != ']' && s->w[c] != '(')
        c++;
      if (c >= s->n || (s->w[c] != ')' && s->w[c] != ']'))
        return 0;
      s->year_a = d;
      s->year_b = d + 4;
      /* "(1835-1840)": a range of years */
      size_t re;
      int y2 = e == d + 4 ? year_range_end(s, e, atoi(s->w + d), false, &re) : 0;
      if (y2 && skip_sp(s, re) == c)
        s->year_end = y2;
      /* "(1961) [1943]": the original edition's year follows */
      size_t o = skip_sp(s, c + 1);
      size_t so = status_at(s, o);
      if (so)
        return so;
      if (o + 6 <= s->n && (s->w[o] == '[' || s->w[o] == '(') && ascii_digit(s->w[o + 1]) &&
          ascii_digit(s->w[o + 4]) && (s->w[o + 5] == ']' || s->w[o + 5] == ')')) {
        if (rpi_lex_is_year(s->w + o + 1))
          orig_year_set(s, o);
        return o + 6;
      }
      return c + 1;
    }
    /* "Wilamowitz-Moellendorff, U. von. 1931-2. Der Glaube", "1931-32.",
     * "1931-1932.": a range of years closing its sentence (or before a
     * colon or a comma), the first the date */
    if (!paren && i > 0 && e + 2 < s->n && (s->w[e] == '-' || at_lit(s, e, "\xe2\x80\x93", 3))) {
      size_t q0 = e + (s->w[e] == '-' ? 1 : 3), q = q0;
      while (q < s->n && q - q0 < 4 && ascii_digit(s->w[q]))
        q++;
      if (q > q0 && q < s->n && s->w[q] == '.' && (q + 1 >= s->n || s->w[q + 1] == ' ')) {
        s->year_a = d;
        s->year_b = d + 4;
        size_t re;
        int y2 = year_range_end(s, e, atoi(s->w + d), false, &re);
        if (y2 && re == q)
          s->year_end = y2;
        return q + 1;
      }
      /* "DELAHAYE Jean-Baptiste, 1730-1739 : Carte ...", "Lacour,
       * Stéphanie, 2008-2012, Programme ...": a whole range before a
       * colon or a comma, as French lists print the date */
      size_t c = skip_sp(s, q), re;
      int y2 = q > q0 && c < s->n && (s->w[c] == ':' || s->w[c] == ',') ? year_range_end(s, e, atoi(s->w + d), false, &re) : 0;
      if (y2 && re == q) {
        s->year_a = d;
        s->year_b = d + 4;
        s->year_end = y2;
        return c + 1;
      }
    }
    /* bare year must be followed by a sentence end; "1960 [1958]." keeps
     * the original edition's year with it */
    size_t f = e;
    if (orig_year_after(s, e)) {
      orig_year_set(s, skip_sp(s, e));
      f = orig_year_after(s, e);
    }
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
        ((s->w[f + 1] >= 'A' && s->w[f + 1] <= 'Z') || (unsigned char)s->w[f + 1] >= 0xC3 ||
         quote_opens(s, f + 1))) {
      /* "Renfrew, Colin. 1973 Monuments" / IOP "Schimmel A 2015 Title" */
      s->year_a = d;
      s->year_b = d + 4;
      return f;
    }
    if (f + 1 < s->n && s->w[f] == ' ' && (i == 0 || s->w[i - 1] != '.') &&
        ((s->w[f + 1] >= 'A' && s->w[f + 1] <= 'Z') || (i > 0 && quote_opens(s, f + 1)))) {
      s->year_a = d;
      s->year_b = d + 4;
      return f;
    }
    /* "ABD-ALLA, H.A., 2009 [viewed 29 April 2021]. Title": an access
     * note between the year and its stop, consumed already (the cleaned
     * text has single spaces: more are where it stood) */
    if (i > 0 && f + 1 < s->n && s->w[f] == ' ' && s->w[f + 1] == ' ') {
      size_t f2 = skip_sp(s, f);
      if (f2 < s->n && (s->w[f2] == '.' || s->w[f2] == ','))
        f = f2;
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
      size_t we = d;
      while (we < c && s->w[we] != ' ' && s->w[we] != ',')
        we++;
      bool lead = rpi_lex_month(s->w + d, we - d) || rpi_lex_season(s->w + d, we - d);
      /* Wikipedia's "(12 March 2018)": a day before the month */
      if (!lead && we > d && we - d <= 2 && we < c && s->w[we] == ' ' && rpi_scan_all_digits(s, d, we)) {
        size_t me = we + 1;
        while (me < c && s->w[me] != ' ' && s->w[me] != ',')
          me++;
        lead = rpi_lex_month(s->w + we + 1, me - we - 1);
      }
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

/* The first ISO date "2004-03-05" in [from, n) (a web page's date of
 * publication), with a month and day that can be: where its year starts,
 * or UNSET. */
static size_t iso_date(const st *s, size_t from) {
  for (size_t q = from; q + 10 <= s->n; q++) {
    if ((q > 0 && (ascii_digit(s->w[q - 1]) || s->w[q - 1] == '-' || s->w[q - 1] == '/')) ||
        !rpi_lex_is_year(s->w + q) || s->w[q + 4] != '-' || s->w[q + 7] != '-' ||
        !rpi_scan_all_digits(s, q + 5, q + 7) || !rpi_scan_all_digits(s, q + 8, q + 10) ||
        (q + 10 < s->n && (ascii_digit(s->w[q + 10]) || s->w[q + 10] == '-')))
      continue;
    int m = (s->w[q + 5] - '0') * 10 + s->w[q + 6] - '0', d = (s->w[q + 8] - '0') * 10 + s->w[q + 9] - '0';
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31)
      return q;
  }
  return UNSET;
}

/* Three numbers [a, b) joined by sep: one or two digits, one or two,
 * then a year of four ("12.5.2010", "30/10/2009"), read into *x, *z, *y. */
static bool three_numbers(const st *s, size_t a, size_t b, char sep, int *x, int *z, int *y) {
  size_t p1 = a;
  while (p1 < b && ascii_digit(s->w[p1]))
    p1++;
  if (p1 == a || p1 - a > 2 || p1 >= b || s->w[p1] != sep)
    return false;
  size_t p2 = p1 + 1;
  while (p2 < b && ascii_digit(s->w[p2]))
    p2++;
  if (p2 == p1 + 1 || p2 - p1 - 1 > 2 || p2 >= b || s->w[p2] != sep || b - p2 - 1 != 4 ||
      !rpi_scan_all_digits(s, p2 + 1, b) || !rpi_lex_is_year(s->w + p2 + 1))
    return false;
  *x = atoi(s->w + a);
  *z = atoi(s->w + p1 + 1);
  *y = atoi(s->w + p2 + 1);
  return true;
}

bool rpi_stage_dates_dotted(const st *s, size_t a, size_t b, int *d, int *m, int *y) {
  return three_numbers(s, a, b, '.', d, m, y) && *m >= 1 && *m <= 12 && *d >= 1 &&
         *d <= rpi_days_in_month(*y, *m);
}

/* A date in numbers with slashes [a, b): "30/10/2009" (day first, as
 * French, Spanish, Italian and British lists print it) or "10/30/2009"
 * (month first, American). *d and *m are the day and month when the
 * order shows (one number above 12), 0 when both could be either. */
static bool slashed_date(const st *s, size_t a, size_t b, int *d, int *m) {
  int x, z, y;
  if (!three_numbers(s, a, b, '/', &x, &z, &y) || x < 1 || z < 1 || (x > 12 && z > 12))
    return false;
  *d = *m = 0;
  if (x > 12 && x <= rpi_days_in_month(y, z))
    *d = x, *m = z;
  else if (z > 12 && z <= rpi_days_in_month(y, x))
    *d = z, *m = x;
  else if (x > 12 || z > 12)
    return false;
  return true;
}

/* The first date in numbers with stops ("12.5.2010") or slashes
 * ("30/10/2009") standing as a word in [from, n): its year's start, with
 * *m and *d (0 when a slashed date's order does not show); or UNSET. */
static size_t dotted_date_at(const st *s, size_t from, int *m, int *d) {
  for (size_t q = from; q + 8 <= s->n; q++) {
    if (!ascii_digit(s->w[q]) || (q > 0 && s->w[q - 1] != ' ' && s->w[q - 1] != ',' && s->w[q - 1] != '('))
      continue;
    size_t e = q;
    while (e < s->n && (ascii_digit(s->w[e]) || s->w[e] == '.' || s->w[e] == '/'))
      e++;
    while (e > q && s->w[e - 1] == '.')
      e--;
    int y;
    if (rpi_stage_dates_dotted(s, q, e, d, m, &y) ||
        (!(e < s->n && (ascii_alpha(s->w[e]) || s->w[e] == '-')) && slashed_date(s, q, e, d, m)))
      return e - 4;
    q = e;
  }
  return UNSET;
}

/* Whether a volume label ("Vol. ", "vol ", "Vols. ") ends at k, after
 * from. */
static bool volume_label_before(const st *s, size_t from, size_t k) {
  size_t q = k;
  while (q > from && s->w[q - 1] == ' ')
    q--;
  if (q > from && s->w[q - 1] == '.')
    q--;
  if (q > from && s->w[q - 1] == 's')
    q--;
  return q >= from + 3 && (s->w[q - 3] == 'V' || s->w[q - 3] == 'v') && s->w[q - 2] == 'o' && s->w[q - 1] == 'l' &&
         (q == from + 3 || !ascii_alpha(s->w[q - 4])) && q < k;
}

/* Whether the bracketed year at y ("(1805", "[1805") is printed inside the
 * title read ("The Prelude (1805)", "Four Texts (1798, 1799, 1805)"). */
static bool in_title(const st *s, size_t y) {
  const char *t = s->r->field[RP_FIELD_TITLE];
  if (!t || y < 1)
    return false;
  for (const char *p = t; (p = strchr(p, s->w[y - 1])) != NULL; p++)
    if (strncmp(p + 1, s->w + y, 4) == 0)
      return true;
  return false;
}

/* Where a note on a reprint or another edition opens a sentence or a
 * bracket after from ("... 2004. Reprint, Cambridge: ...", "1776. Repr.
 * New York ...", "1922. Nachdruck 1980.", "1872. [See also: Dover edition
 * 1960]", "Réimpr. 2010"), or UNSET. */
static size_t reprint_note(const st *s, size_t from) {
  static const char *const marks[] = {"Reprint", "reprint", "Repr.", "repr.", "R\xc3\xa9impr", "r\xc3\xa9impr",
                                      "Nachdr", "Neudr", "Reimpr", "reimpr", "Ristampa", "rist.", "See also", NULL};
  for (size_t k = from + 2; k + 5 < s->n; k++) {
    char c = s->w[k];
    if (c != 'R' && c != 'r' && c != 'N' && c != 'S')
      continue;
    if (!(s->w[k - 1] == '[' || s->w[k - 1] == '(' || (s->w[k - 1] == ' ' && strchr(".;[(", s->w[k - 2]))))
      continue;
    for (size_t i = 0; marks[i]; i++)
      if (at_lit(s, k, marks[i], strlen(marks[i])))
        return k;
  }
  return UNSET;
}

void rpi_stage_dates_anywhere(st *s, size_t from) {
  if (s->r->field[RP_FIELD_YEAR])
    return;
  rpi_match m;
  size_t f = from, best = UNSET;
  bool best_paren = false;
  size_t labelled = UNSET;
  size_t note = from < s->n ? reprint_note(s, from) : UNSET;
  while (find(s, P_YEAR, f, &m)) {
    /* "Cambridge: CUP, 2004. Reprint, Cambridge: CUP, 2008.": the year
     * before a reprint's note is the edition cited */
    if (note != UNSET && m.start > note && best != UNSET)
      break;
    bool paren = m.start > 0 && (s->w[m.start - 1] == '(' || s->w[m.start - 1] == '[');
    /* "Paris, EPEL, 2001 [1996]": the year cited, then the original's */
    if (paren && s->w[m.start - 1] == '[' && m.start >= 6 && s->w[m.start - 2] == ' ' &&
        rpi_lex_is_year(s->w + m.start - 6) && (m.start == 6 || !ascii_digit(s->w[m.start - 7]))) {
      f = m.end;
      continue;
    }
    if (volume_label_before(s, from, m.start) || (paren && in_title(s, m.start))) {
      /* "Protocols. 2018. Vol. 1763, p. 19-31": a labelled volume; "The
       * Prelude (1805). London: Penguin, 1995.": a year in brackets inside
       * the title; a date only when there is no other */
      if (labelled == UNSET)
        labelled = m.start;
      f = m.end;
      continue;
    }
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
  if (best == UNSET)
    best = labelled;
  if (best == UNSET)
    best = iso_date(s, from);
  /* "Die Zeit, Nr. 20, 12.5.2010, S. 12", "ASH, 30/10/2009, n°2630": a
   * day, month and year with stops or slashes (no year pattern reads a
   * year after a stop or a slash) */
  int dm = 0, dd = 0;
  if (best == UNSET && (best = dotted_date_at(s, from, &dm, &dd)) != UNSET) {
    rpi_fields_year(s, best, best + 4);
    s->r->month = (unsigned char)dm;
    s->r->day = (unsigned char)dd;
    return;
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
  bool dated = false, month_next = false;
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
    if (day && !month_next) {
      /* a day only beside its month: "November 10,", or before it as
       * MLA and most of Europe print it ("New Yorker 15 Feb. 1993: 48-51",
       * "Mercure de France, 15 novembre 1925") */
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
    month_next = month;
    re = ws;
  }
  return dated && rpi_scan_count_words(s, a, re) >= 2 ? re : e;
}

/* "Updated March 4, 2023", "Published online June 5, 2023", "Last
 * modified May 12, 2019": AMA's and Chicago's label before a web page's
 * date is blanked, so that the date reads as a date and not as a
 * container "Updated March" with volume 4 and page 2023. */
static void date_labels(st *s, size_t from) {
  static const char *const label[] = {"Published online ", "Updated ", "Published ", "Last modified ",
                                      "last modified "};
  /* most texts hold none of the labels' words: no walk (has_word: the
   * pairs of letters, so a necessary condition only) */
  if (!has_word(s, "published", 9) && !has_word(s, "updated", 7) && !has_word(s, "modified", 8))
    return;
  for (size_t q = from; q + 12 < s->n; q++) {
    if (q > 0 && s->w[q - 1] != ' ')
      continue;
    for (size_t k = 0; k < sizeof label / sizeof *label; k++) {
      size_t ll = strlen(label[k]);
      if (q + ll >= s->n || !at_lit(s, q, label[k], ll))
        continue;
      size_t m = q + ll, me = m;
      while (me < s->n && ascii_alpha(s->w[me]))
        me++;
      if (me == m || !rpi_lex_month(s->w + m, me - m) || me >= s->n || s->w[me] != ' ')
        break;
      size_t d = me + 1, de = d;
      while (de < s->n && de - d < 3 && ascii_digit(s->w[de]))
        de++;
      if (de == d || de - d > 2 || de + 6 > s->n || s->w[de] != ',' || s->w[de + 1] != ' ' ||
          !rpi_scan_all_digits(s, de + 2, de + 6) || !rpi_lex_is_year(s->w + de + 2))
        break;
      blank(s, q, m);
      q = m;
      break;
    }
  }
}

/* "Paris, Seuil, 1995 [1982].": the original edition's year after the
 * year closing the reference is blanked, so the imprint ends with the
 * year cited (the one the date is read from). */
static void orig_year_tail(st *s, size_t pos) {
  size_t e = s->n;
  while (e > pos && is_edge(s->w[e - 1]) && s->w[e - 1] != ']')
    e--;
  if (e < pos + 12 || s->w[e - 1] != ']' || s->w[e - 6] != '[' || s->w[e - 7] != ' ' ||
      !rpi_lex_is_year(s->w + e - 11) || (e - 11 > pos && ascii_digit(s->w[e - 12])))
    return;
  if (orig_year_after(s, e - 7)) {
    orig_year_set(s, e - 6);
    blank(s, e - 7, e);
  }
}

/* "Proc Natl Acad Sci U S A. Forthcoming 2002.": Citing Medicine's date of
 * an article not yet published, a status (lib/data/status_phrases.txt)
 * in its own sentence before the year closing the reference ("In press
 * 2013.", "Submitted 2024."). The status is the note and is blanked, so
 * that the year closes the journal as a date does. */
static void status_year_tail(st *s, size_t pos) {
  size_t e = s->n;
  while (e > pos && (s->w[e - 1] == '.' || s->w[e - 1] == ' '))
    e--;
  if (e < pos + 8 || !rpi_lex_is_year(s->w + e - 4) || s->w[e - 5] != ' ')
    return;
  size_t a = e - 5, b = e - 5;
  while (a > pos && s->w[a - 1] != '.' && s->w[a - 1] != ',' && s->w[a - 1] != ';')
    a--;
  trim(s->w, &a, &b);
  if (a == pos || b <= a || !rpi_lex_is_status(s->w + a, b - a))
    return;
  rpi_fields_set(s, RP_FIELD_NOTE, a, b);
  blank(s, a, b);
}

/* APA's "(Original work published 1949)" (also "Originally published
 * 1949", "First published 1949"), the French "(1re éd. 1897)", "(1re
 * éd. : 1897)", "(éd. orig. 1939)" and the German "(Original 1939)",
 * "(Erstausgabe 1939)": the original date, and the note blanked. */
static size_t orig_marker(const st *s, size_t k) {
  static const char *const m[] = {"Original work published ", "Originally published ", "First published ",
                                  "first published ", "1re \xc3\xa9" "d. ", "1\xc3\xa8re \xc3\xa9" "d. ",
                                  "\xc3\xa9" "d. orig. ", "Original ", "Orig. ", "Erstausgabe ", NULL};
  for (size_t i = 0; m[i]; i++) {
    size_t l = strlen(m[i]);
    if (at_lit(s, k, m[i], l))
      return l;
  }
  return 0;
}

static void orig_note(st *s, size_t pos) {
  for (const char *p = pos < s->n ? memchr(s->w + pos, '(', s->n - pos) : NULL; p;
       p = memchr(p + 1, '(', s->n - (size_t)(p + 1 - s->w))) {
    size_t o = (size_t)(p - s->w), k = skip_sp(s, o + 1);
    size_t l = orig_marker(s, k);
    if (!l)
      continue;
    size_t y = k + l;
    if (at_lit(s, y, "in ", 3))
      y += 3;
    if (at_lit(s, y, ": ", 2))
      y += 2;
    if (y + 4 > s->n || !rpi_lex_is_year(s->w + y) || (y + 4 < s->n && ascii_digit(s->w[y + 4])))
      continue;
    size_t c = y + 4;
    while (c < s->n && c < y + 16 && s->w[c] != ')')
      c++;
    if (c >= s->n || s->w[c] != ')')
      continue;
    if (!s->r->field[RP_FIELD_ORIGINAL_DATE])
      rpi_fields_set(s, RP_FIELD_ORIGINAL_DATE, y, y + 4);
    blank(s, o, c + 1);
    return;
  }
}

/* "(extraits : pp. 1-25, 173-199)", "(édition originale : Organizatsiya
 * ..., 1925)", "(Transl. Patrick Geary, Living in the Tenth Century,
 * Chicago, 1991)": a note in brackets closing the reference that opens
 * with a word of lib/data/closing_notes.txt speaks of the parts to read or
 * of another edition. It is the note, and blanked, so that its pages and
 * years are not read as the work's locator and date. */
static void closing_note(st *s, size_t pos) {
  size_t e = s->n;
  while (e > pos && (s->w[e - 1] == ' ' || s->w[e - 1] == '.' || s->w[e - 1] == ','))
    e--;
  if (e < pos + 12 || s->w[e - 1] != ')')
    return;
  size_t o = e - 1;
  int depth = 0;
  while (o > pos) {
    o--;
    if (s->w[o] == ')')
      depth++;
    else if (s->w[o] == '(' && depth-- == 0)
      break;
  }
  size_t k = skip_sp(s, o + 1);
  if (s->w[o] != '(' || o <= pos + 8 || !rpi_lex_at(RPI_LEX_CLOSING_NOTES, s->w + k, e - 1 - k))
    return;
  size_t a = k, b = e - 1;
  trim(s->w, &a, &b);
  if (!s->r->field[RP_FIELD_NOTE])
    rpi_fields_set(s, RP_FIELD_NOTE, a, b);
  blank(s, o, e);
}

/* MHRA's and Chicago's reprint: "(London: Weidenfeld & Nicolson, 1971;
 * repr. Harmondsworth: Penguin, 1991)": the imprint cited is the
 * reprint's; the first publication's year is the original date, and its
 * imprint and "repr." are blanked. */
static void reprint_imprint(st *s, size_t pos) {
  for (const char *p = pos < s->n ? memchr(s->w + pos, ';', s->n - pos) : NULL; p;
       p = memchr(p + 1, ';', s->n - (size_t)(p + 1 - s->w))) {
    size_t c = (size_t)(p - s->w), k = skip_sp(s, c + 1);
    size_t l = at_lit(s, k, "repr. ", 6) ? 6 : at_lit(s, k, "reprinted ", 10) ? 10 : 0;
    if (!l || c < pos + 6 || !rpi_lex_is_year(s->w + c - 4) || ascii_digit(s->w[c - 5]))
      continue;
    size_t o = c - 4;
    while (o > pos && s->w[o] != '(' && s->w[o] != ')')
      o--;
    if (s->w[o] != '(')
      continue;
    if (!s->r->field[RP_FIELD_ORIGINAL_DATE])
      rpi_fields_set(s, RP_FIELD_ORIGINAL_DATE, c - 4, c);
    blank(s, o + 1, k + l);
    return;
  }
}

/* Chicago's reprint of an old work: "On Liberty. 1859. Reprint,
 * Indianapolis: Hackett, 1978.", "On Liberty. 1859; repr., Indianapolis:
 * ...": the year after the title is the original edition's, and the
 * "Reprint," label goes; the imprint and its year follow. */
static void reprint_sentence(st *s, size_t pos) {
  for (size_t q = pos + 4; q + 12 < s->n; q++) {
    if (s->w[q] != ' ' || !ascii_digit(s->w[q + 1]) || !rpi_scan_all_digits(s, q + 1, q + 5) ||
        !rpi_lex_is_year(s->w + q + 1) || (s->w[q + 5] != '.' && s->w[q + 5] != ';') || s->w[q - 1] != '.')
      continue;
    size_t k = skip_sp(s, q + 6);
    size_t l = at_lit(s, k, "Reprint, ", 9) ? 9 : at_lit(s, k, "repr., ", 7) ? 7 : at_lit(s, k, "reprint, ", 9) ? 9 : 0;
    if (!l || !rpi_imprint_starts_at(s, k + l, s->n))
      continue;
    if (!s->r->field[RP_FIELD_ORIGINAL_DATE])
      rpi_fields_set(s, RP_FIELD_ORIGINAL_DATE, q + 1, q + 5);
    blank(s, q + 1, k + l);
    return;
  }
}

/* "Paris, Albin Michel, 1939-1940.", "Tübingen 1920-1921, 3 vol.",
 * "Leyden, 1703-6.", "New York: Harper & Row, 1972-73": a range of years
 * closing a book's imprint, after a known city or a
 * publisher, in a reference with no other year. Its first year is the
 * year; the range is taken out, so that no later stage reads it as pages.
 * Only called when no year was read after the names. */
static void imprint_year_range(st *s, size_t pos) {
  size_t e = s->n;
  while (e > pos && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  /* ", 2 vol.", ", 3 Bde.", ". 4 vol.": a number of volumes after it (a
   * word of lib/data/volume_units.txt) */
  size_t v = e;
  while (v > pos && (ascii_alpha(s->w[v - 1]) || (unsigned char)s->w[v - 1] >= 0x80))
    v--;
  if (v < e && rpi_lex_at(RPI_LEX_VOLUME_UNITS, s->w + v, e - v) == e - v) {
    size_t d = v;
    while (d > pos && s->w[d - 1] == ' ')
      d--;
    size_t dd = d;
    while (dd > pos && ascii_digit(s->w[dd - 1]))
      dd--;
    if (dd < d && d - dd <= 2 && dd > pos + 2 && s->w[dd - 1] == ' ' && (s->w[dd - 2] == ',' || s->w[dd - 2] == '.'))
      e = dd - 2;
  }
  /* (the second year maybe cut to its last one or two digits: "Leyden,
   * 1703-6.", "Paris, 1939-40") */
  size_t t = e;
  while (t > pos && e - t < 5 && ascii_digit(s->w[t - 1]))
    t--;
  size_t tl = e - t;
  if (e < pos + 12 || (tl != 4 && tl != 2 && tl != 1) || t < pos + 7 || s->w[t - 1] != '-' ||
      !rpi_scan_all_digits(s, t - 5, t - 1) || !rpi_lex_is_year(s->w + t - 5) ||
      (s->w[t - 6] != ' ' && s->w[t - 6] != ','))
    return;
  size_t a = t - 5, re;
  int y1 = atoi(s->w + a), y2 = year_range_end(s, a + 4, y1, true, &re);
  if (!y2 || re != e || y2 - y1 > 50 || (tl == 4 && !rpi_lex_is_year(s->w + t)))
    return;
  /* a known city, a publisher or a name by a place's shape before it */
  size_t pe = a;
  while (pe > pos && (s->w[pe - 1] == ' ' || s->w[pe - 1] == ',' || s->w[pe - 1] == ';'))
    pe--;
  size_t pa = pe;
  while (pa > pos && s->w[pa - 1] != ',' && s->w[pa - 1] != ':' && s->w[pa - 1] != '.')
    pa--;
  int k = rpi_imprint_seg(s, pa, pe);
  size_t ps = skip_sp(s, pa);
  /* (or Citing Medicine's "Milano: [publisher unknown]; 1954-1957") */
  bool unknown = at_lit(s, ps, "[publisher unknown]", 19) || at_lit(s, ps, "[Publisher unknown]", 19);
  if (pa <= pos ||
      (k != SEG_CITY && k != SEG_PUB && k != SEG_PLACE && !unknown && !rpi_imprint_cities(s, ps, pe)))
    return;
  /* no other year */
  rpi_match m;
  if (find(s, P_YEAR, pos, &m))
    return;
  rpi_fields_year(s, a, a + 4);
  s->r->year_end = (unsigned short)y2;
  blank(s, a, e);
}

size_t rpi_stage_dates(st *s, size_t pos) {
  date_labels(s, pos);
  orig_year_tail(s, pos);
  status_year_tail(s, pos);
  orig_note(s, pos);
  reprint_imprint(s, pos);
  if (has_word(s, "repr", 4))
    reprint_sentence(s, pos);
  closing_note(s, pos);
  size_t d = date_after_names(s, pos);
  if (d) {
    if (s->year_a != UNSET) {
      rpi_fields_year(s, s->year_a, s->year_b);
      s->r->year_end = (unsigned short)s->year_end;
    }
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
  if (!s->r->field[RP_FIELD_YEAR])
    imprint_year_range(s, pos);
  s->body = pos;
  return pos;
}

void rpi_stage_dates_before_locator(st *s, size_t pos, loc *L) {
  rp_result *r = s->r;
  /* "Infancy. 2011 Volume 16": a year between the journal and the locator */
  size_t ra = L->a;
  while (ra > pos && (s->w[ra - 1] == ' ' || s->w[ra - 1] == ',' || s->w[ra - 1] == '.' || s->w[ra - 1] == ';'))
    ra--;
  /* (or glued to the journal's stop by PDF extraction, "Cell Prolif.1991. 24:
   * 447-459", after a word of three or more small letters) */
  if (ra >= pos + 6 && rpi_lex_is_year(s->w + ra - 4) &&
      (s->w[ra - 5] == ' ' || s->w[ra - 5] == ',' ||
       (s->w[ra - 5] == '.' && ra >= pos + 9 && s->w[ra - 6] >= 'a' && s->w[ra - 6] <= 'z' &&
        s->w[ra - 7] >= 'a' && s->w[ra - 7] <= 'z' && s->w[ra - 8] >= 'a' && s->w[ra - 8] <= 'z'))) {
    if (!r->field[RP_FIELD_YEAR])
      rpi_fields_year(s, ra - 4, ra);
    L->a = ra - 4;
  } else if (ra >= pos + 8 && s->w[ra - 1] == ')' && s->w[ra - 6] == '(' && s->w[ra - 7] == ' ' &&
             skip_sp(s, ra) == L->a && rpi_lex_is_year(s->w + ra - 5) &&
             (!r->field[RP_FIELD_YEAR] || memcmp(r->field[RP_FIELD_YEAR], s->w + ra - 5, 4) == 0)) {
    /* "... variation Mol Biol Evol (1998) 15:427-441": the year in brackets
     * right before the locator, after the journal */
    if (!r->field[RP_FIELD_YEAR])
      rpi_fields_year(s, ra - 5, ra - 1);
    L->a = ra - 6;
  }
  L->a = strip_date_before(s, pos, L->a);
}

/* ---- month, day and season of the date of publication ------------------ */

/* The parts of a date beside its year; 0 when not printed. */
typedef struct date_more {
  int month, day, month_end, day_end, season;
} date_more;

/* A dash or slash between two months or days at k ("Jan-Feb", "Mar/Apr",
 * "Jan–Feb"): its length, else 0. */
static size_t range_dash(const st *s, size_t k) {
  if (k < s->n && (s->w[k] == '-' || s->w[k] == '/'))
    return 1;
  return at_lit(s, k, "\xe2\x80\x93", 3) ? 3 : 0;
}

/* Whether w[k] can be in a month or season word: an ASCII letter or a
 * byte of a multibyte character other than a dash. */
static bool word_byte(const st *s, size_t k) {
  if (ascii_alpha(s->w[k]))
    return true;
  if ((unsigned char)s->w[k] < 0x80)
    return false;
  /* inside "–" (e2 80 93) or "—" (e2 80 94) */
  for (size_t b = 0; b < 3 && b <= k; b++)
    if (k - b + 3 <= s->n && (at_lit(s, k - b, "\xe2\x80\x93", 3) || at_lit(s, k - b, "\xe2\x80\x94", 3)))
      return false;
  return true;
}

/* The month (1..12) of the word starting at k, *e its end past an
 * abbreviation's dot; 0 when it is none. */
static int month_at(const st *s, size_t k, size_t *e) {
  size_t j = k;
  while (j < s->n && word_byte(s, j))
    j++;
  int m = j > k && (j == s->n || !ascii_digit(s->w[j])) ? rpi_lex_month(s->w + k, j - k) : 0;
  *e = j < s->n && s->w[j] == '.' ? j + 1 : j;
  return m;
}

/* A day of the month at k: one or two digits, no digit after. Returns it
 * (0 when none) with *e its end. */
static int day_at(const st *s, size_t k, size_t *e) {
  if (k >= s->n || !ascii_digit(s->w[k]))
    return 0;
  size_t j = k + 1 < s->n && ascii_digit(s->w[k + 1]) ? k + 2 : k + 1;
  if (j < s->n && ascii_digit(s->w[j]))
    return 0;
  *e = j;
  return j - k == 2 ? (s->w[k] - '0') * 10 + s->w[k + 1] - '0' : s->w[k] - '0';
}

/* Whether the date may end at k: the end or one of ";,.)]:" after it,
 * past spaces, or an opening bracket after a space ("2004 Mar 5 [Epub]",
 * "2023 Sep 13 [cited ...]" once the access note is consumed); not "Mar
 * 12(3)", where 12 is a volume. */
static bool date_ends(const st *s, size_t k) {
  size_t j = skip_sp(s, k);
  return j >= s->n || strchr(";,.)]:", s->w[j]) || (j > k && (s->w[j] == '[' || s->w[j] == '('));
}

/* "2004 Mar 5;", "2004 Mar;", "2004 Jan-Feb;", "2004 Mar 5-7", "(2004,
 * March 5)", "(2019, 15 de marzo)", "(2008, Summer)", "2004-03-05",
 * "2004/03/05": what follows the year ending at b. */
static void after_year(const st *s, size_t b, date_more *d) {
  size_t k = b;
  /* ISO, with a day (a year-month "2004-05" reads as a range of years) */
  if (k + 6 <= s->n && (s->w[k] == '-' || s->w[k] == '/') && s->w[k + 3] == s->w[k] &&
      rpi_scan_all_digits(s, k + 1, k + 3) && rpi_scan_all_digits(s, k + 4, k + 6) &&
      (k + 6 == s->n || !ascii_digit(s->w[k + 6]))) {
    d->month = (s->w[k + 1] - '0') * 10 + s->w[k + 2] - '0';
    d->day = (s->w[k + 4] - '0') * 10 + s->w[k + 5] - '0';
    return;
  }
  if (k < s->n && s->w[k] == ',')
    k++;
  size_t w0 = skip_sp(s, k), e;
  if (w0 == b)
    return; /* "2004Mar" */
  /* APA in Spanish and Portuguese, "(2019, 15 de marzo)", "(2020, 3 de
   * abril)", and "(2019, 15 March)": the day before the month */
  size_t de;
  int dd = day_at(s, w0, &de);
  if (dd) {
    size_t mk = skip_sp(s, de), me;
    if (at_lit(s, mk, "de ", 3))
      mk = skip_sp(s, mk + 3);
    int mm = mk > de ? month_at(s, mk, &me) : 0;
    if (mm && date_ends(s, me)) {
      d->month = mm;
      d->day = dd;
    }
    return;
  }
  int m = month_at(s, w0, &e);
  if (!m) {
    size_t j = w0;
    while (j < s->n && word_byte(s, j))
      j++;
    int season = j > w0 ? rpi_lex_season(s->w + w0, j - w0) : 0;
    if (season && date_ends(s, j))
      d->season = season;
    return;
  }
  size_t dl = range_dash(s, e), e2;
  int m2 = dl ? month_at(s, e + dl, &e2) : 0;
  if (m2) {
    if (date_ends(s, e2)) {
      d->month = m;
      d->month_end = m2;
    }
    return;
  }
  size_t k2 = skip_sp(s, e);
  int day = k2 > e ? day_at(s, k2, &e2) : 0;
  if (day) {
    size_t e3;
    int day2 = range_dash(s, e2) == 1 ? day_at(s, e2 + 1, &e3) : 0;
    if (day2 > day && date_ends(s, e3)) {
      d->month = d->month_end = m;
      d->day = day;
      d->day_end = day2;
    } else if (date_ends(s, e2)) {
      d->month = m;
      d->day = day;
    }
    return;
  }
  if (date_ends(s, e))
    d->month = m;
}

/* The start of the word or number ending at e (letters or digits), e
 * when none. */
static size_t token_start(const st *s, size_t e) {
  size_t k = e;
  if (k > 0 && ascii_digit(s->w[k - 1])) {
    while (k > 0 && ascii_digit(s->w[k - 1]))
      k--;
    return k;
  }
  while (k > 0 && word_byte(s, k - 1))
    k--;
  return k;
}

/* The end of the text before k, past spaces. */
static size_t back_sp(const st *s, size_t k) {
  while (k > 0 && s->w[k - 1] == ' ')
    k--;
  return k;
}

/* Whether the Spanish or Portuguese "de" of "5 de mayo de 2004" ends at e:
 * returns where it starts, else e. */
static size_t back_de(const st *s, size_t e) {
  size_t k = token_start(s, e);
  return e - k == 2 && (at_lit(s, k, "de", 2) || at_lit(s, k, "De", 2)) ? back_sp(s, k) : e;
}

/* "March 5, 2004", "5 March 2004", "5. Juni 2004", "5 de mayo de 2004",
 * "March 2004", "Jan-Feb 2004", "Spring 2004": what comes before the year
 * starting at a. The date must open the reference or follow a bracket
 * or a stop (". , ; :"), so that a name or a title word ("Smith and May
 * 2004", "The Fall 2004 election") is not read as a month. */
static void before_year(const st *s, size_t a, date_more *d) {
  date_more f = {0, 0, 0, 0, 0};
  size_t e = back_sp(s, a);
  if (e == a && a > 0)
    return; /* "Mar2004" */
  bool comma = e > 0 && s->w[e - 1] == ',';
  if (comma)
    e = back_sp(s, e - 1);
  size_t k = token_start(s, e > 0 && s->w[e - 1] == '.' ? e - 1 : e), e2;
  /* (a one-letter word is no date's; a day may have one digit: "May 3,
   * 1999") */
  if (k == e || (k == e - 1 && !ascii_digit(s->w[k])))
    return;
  size_t first;
  if (ascii_digit(s->w[k])) {
    /* "March 5, 2004": a day, its month before it */
    size_t me = back_sp(s, k), ms = token_start(s, me);
    if (!comma || me == k || ms == me || (f.month = month_at(s, ms, &e2)) == 0 || e2 < me ||
        day_at(s, k, &e2) == 0)
      return;
    f.day = day_at(s, k, &e2);
    first = ms;
  } else {
    if (comma)
      return;
    e = back_de(s, e);
    k = token_start(s, e);
    size_t dot = e > 0 && s->w[e - 1] == '.' ? 1 : 0;
    if (dot)
      k = token_start(s, e - 1);
    if (k == e - dot)
      return;
    if (k < s->names_end)
      return; /* "Berg, May. 2011.", "Nowak, Jan. 2015.": a given name */
    f.month = month_at(s, k, &e2);
    if (!f.month) {
      f.season = rpi_lex_season(s->w + k, e - dot - k);
      if (!f.season || dot)
        return;
      first = k;
    } else {
      first = k;
      size_t dl = 0;
      if (k >= 1 && (s->w[k - 1] == '-' || s->w[k - 1] == '/'))
        dl = 1;
      else if (k >= 3 && at_lit(s, k - 3, "\xe2\x80\x93", 3))
        dl = 3;
      size_t m0 = dl ? token_start(s, k - dl) : k;
      int m1 = dl && m0 < k - dl ? month_at(s, m0, &e2) : 0;
      if (m1 && e2 == k - dl) {
        f.month_end = f.month;
        f.month = m1;
        first = m0;
      } else {
        /* "5 March", "5. Juni", "5 de mayo" */
        size_t de = back_de(s, back_sp(s, k));
        if (de > 0 && s->w[de - 1] == '.')
          de--;
        size_t ds = token_start(s, de);
        if (ds < de && ascii_digit(s->w[ds]) && de - ds <= 2 && back_sp(s, k) < k) {
          f.day = day_at(s, ds, &e2);
          first = ds;
        }
      }
    }
  }
  size_t p = back_sp(s, first);
  if (p > 0 && !strchr("([,.;:", s->w[p - 1]))
    return;
  *d = f;
}

/* Where the year of the result lies in the working copy, UNSET when it
 * is not found there. */
static size_t year_pos(const st *s) {
  const char *y = s->r->field[RP_FIELD_YEAR];
  if (!y || strlen(y) != 4)
    return UNSET;
  if (s->year_a != UNSET && s->year_a + 4 <= s->n && memcmp(s->w + s->year_a, y, 4) == 0)
    return s->year_a;
  size_t off = s->r->span[RP_FIELD_YEAR].off;
  for (size_t c = 0; c + 4 <= s->n; c++)
    if (s->t->map[c] == off && memcmp(s->w + c, y, 4) == 0)
      return c;
  return UNSET;
}

void rpi_stage_dates_full(st *s) {
  size_t a = year_pos(s);
  if (a == UNSET)
    return;
  date_more d = {0, 0, 0, 0, 0};
  after_year(s, a + 4, &d);
  if (!d.month && !d.season)
    before_year(s, a, &d);
  const char *y = s->r->field[RP_FIELD_YEAR];
  int year = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + y[3] - '0';
  if (d.month < 1 || d.month > 12 || d.day > rpi_days_in_month(year, d.month) || d.month_end > 12 ||
      (d.month_end && d.month_end < d.month) || (d.day_end && d.day_end > rpi_days_in_month(year, d.month_end))) {
    s->r->season = (unsigned char)d.season;
    return;
  }
  s->r->month = (unsigned char)d.month;
  s->r->day = (unsigned char)d.day;
  s->r->month_end = (unsigned char)d.month_end;
  s->r->day_end = (unsigned char)d.day_end;
}
