/*
 * stage_locators.c: the locator (volume, issue, pages, year) by style
 * family, the first complete one winning.
 */
#include "stage.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "scan.h"
#include "utf8.h"

static void loc_from(st *s, int pat, const rpi_match *m, loc_family fam, loc *L) {
  memset(L, 0, sizeof *L);
  L->fam = fam;
  L->a = m->start;
  L->b = m->end;
  L->v[0] = L->i[0] = L->p[0] = L->y[0] = UNSET;
  int g;
  const signed char *gn = rpi_pattern_group[pat];
  if ((g = gn[RPI_G_V]) >= 0 && gset(m, g))
    L->v[0] = m->g[g][0], L->v[1] = m->g[g][1];
  if ((g = gn[RPI_G_I]) >= 0 && gset(m, g))
    L->i[0] = m->g[g][0], L->i[1] = m->g[g][1];
  else if ((g = gn[RPI_G_I2]) >= 0 && gset(m, g))
    L->i[0] = m->g[g][0], L->i[1] = m->g[g][1];
  else if ((g = gn[RPI_G_I3]) >= 0 && gset(m, g))
    L->i[0] = m->g[g][0], L->i[1] = m->g[g][1];
  else if ((g = gn[RPI_G_I4]) >= 0 && gset(m, g))
    L->i[0] = m->g[g][0], L->i[1] = m->g[g][1];
  if ((g = gn[RPI_G_P]) >= 0 && gset(m, g))
    L->p[0] = m->g[g][0], L->p[1] = m->g[g][1];
  if ((g = gn[RPI_G_Y]) >= 0 && gset(m, g))
    L->y[0] = m->g[g][0], L->y[1] = m->g[g][1];
  /* trim a trailing space the pattern may have taken */
  while (L->b > L->a && s->w[L->b - 1] == ' ')
    L->b--;
}

/* A colon locator must not be a time, a ratio or a title's "Part 2: x":
 * a stop, a bracket, the end or a DOI label follows it (a DOI the ids
 * stage could not read stays: "65: 1041-1051 doi:0.1016/j.x.2012.05.005"). */
static bool colon_ok(st *s, const rpi_match *m) {
  size_t e = skip_sp(s, m->end);
  if (e >= s->n)
    return true;
  char c = s->w[e];
  if (c == '.' || c == ',' || c == ';' || c == '(' || c == '[')
    return true;
  return e > m->end && e + 4 <= s->n && (c | 0x20) == 'd' && (s->w[e + 1] | 0x20) == 'o' &&
         (s->w[e + 2] | 0x20) == 'i' && (s->w[e + 3] == ':' || s->w[e + 3] == ' ');
}

/* The end of a page or page range at q as the Vancouver pattern's pages
 * read it ("185-212", "e1234", "S12-S19"), or q when there is none. */
static size_t page_end(const st *s, size_t q) {
  size_t e = q, l = 0;
  while (e + l < s->n && l < 5 && ascii_alpha(s->w[e + l]))
    l++;
  size_t d = e + l;
  while (d < s->n && ascii_digit(s->w[d]))
    d++;
  if (d == e + l)
    return q;
  if (d < s->n && ascii_alpha(s->w[d]) && (d + 1 >= s->n || !ascii_alpha(s->w[d + 1])))
    d++;
  if (d + 1 < s->n && s->w[d] == '-') {
    size_t r = d + 1, rl = 0;
    while (r + rl < s->n && rl < 3 && ascii_alpha(s->w[r + rl]))
      rl++;
    size_t rd = r + rl;
    while (rd < s->n && ascii_digit(s->w[rd]))
      rd++;
    if (rd > r + rl)
      d = rd;
  }
  if (d < s->n && (ascii_alpha(s->w[d]) || ascii_digit(s->w[d])))
    return q;
  return d;
}

/* "2010;XXIV(2):185-212": a Roman volume after a Vancouver date, which
 * the Vancouver pattern (Arabic volumes) leaves out; its issue in
 * parentheses, the pages after a colon. Fills L (a Vancouver match with
 * neither volume nor pages) and returns whether it was there. */
static bool roman_volume(const st *s, loc *L) {
  size_t q = skip_sp(s, L->b), v = q;
  while (q < s->n && (s->w[q] == 'I' || s->w[q] == 'V' || s->w[q] == 'X' || s->w[q] == 'L' || s->w[q] == 'C'))
    q++;
  if (q == v || q - v > 9 || (q < s->n && (ascii_alpha(s->w[q]) || ascii_digit(s->w[q]))))
    return false;
  size_t i0 = UNSET, i1 = UNSET, e = q;
  if (e < s->n && s->w[e] == '(') {
    size_t c = e + 1;
    while (c < s->n && c - e <= 12 && ascii_digit(s->w[c]))
      c++;
    if (c == e + 1 || c >= s->n || s->w[c] != ')')
      return false;
    i0 = e + 1, i1 = c;
    e = c + 1;
  }
  if (e >= s->n || s->w[e] != ':')
    return false;
  size_t p = skip_sp(s, e + 1), pe = page_end(s, p);
  if (pe == p)
    return false;
  L->v[0] = v, L->v[1] = q;
  L->i[0] = i0, L->i[1] = i1;
  L->p[0] = p, L->p[1] = pe;
  L->b = pe;
  return true;
}

/* The end of a dotted page ("22.4.1", three numbers of up to three
 * digits) at q, or q. */
static size_t dotted_end(const st *s, size_t q) {
  size_t e = q;
  for (int part = 0; part < 3; part++) {
    if (part) {
      if (e >= s->n || s->w[e] != '.')
        return q;
      e++;
    }
    size_t d = e;
    while (e < s->n && e - d < 4 && ascii_digit(s->w[e]))
      e++;
    if (e == d || e - d > 3)
      return q;
  }
  return e < s->n && ascii_digit(s->w[e]) ? q : e;
}

/* The day in "2003 Jun 14:A3", Citing Medicine's date of an article with
 * no volume, the colon and the pages: a number of one or two digits (1 to
 * 31) at v right after a month name and the year read ("year" NULL: any
 * year). Returns where the year starts, or UNSET. With a volume the form
 * is "2003 Jun 14;12:A3", so with no semicolon the number is no volume. */
static size_t day_after_month(const st *s, size_t v, size_t ve, const char *year) {
  if (ve - v < 1 || ve - v > 2 || v < 10 || s->w[v - 1] != ' ')
    return UNSET;
  int day = s->w[v] - '0';
  if (ve - v == 2)
    day = day * 10 + s->w[v + 1] - '0';
  if (day < 1 || day > 31)
    return UNSET;
  size_t me = v - 1, ms = me;
  while (ms > 0 && ascii_alpha(s->w[ms - 1]))
    ms--;
  if (ms == me || ms < 6 || s->w[ms - 1] != ' ' || !rpi_lex_month(s->w + ms, me - ms))
    return UNSET;
  size_t y = ms - 5;
  if (!rpi_lex_is_year(s->w + y) || (y > 0 && (ascii_digit(s->w[y - 1]) || ascii_alpha(s->w[y - 1]))) ||
      (year && (strlen(year) != 4 || memcmp(year, s->w + y, 4) != 0)))
    return UNSET;
  return y;
}

/* A colon locator "Journal. 2014:77-98": Citing Medicine's form for an
 * article with neither volume nor issue is the year, a colon and the
 * pages; a year there right after a sentence's stop or a month ("May
 * 1999: 22-25", and not another year than the one read) is the date, not
 * a volume, and so is a day after the year and month ("2003 Jun 14:A3").
 * Dotted pages after the colon ("2017:22.4.1-22.4.4") are taken whole. */
static void colon_year(const st *s, loc *L) {
  size_t v = L->v[0];
  if (L->p[0] != UNSET) {
    size_t e = dotted_end(s, L->p[0]);
    if (e > L->p[0] && e + 1 < s->n && s->w[e] == '-') {
      size_t e2 = dotted_end(s, e + 1);
      if (e2 > e + 1)
        e = e2;
    }
    if (e > L->p[1])
      L->p[1] = L->b = e;
  }
  if (v != UNSET && L->i[0] == UNSET) {
    size_t y = day_after_month(s, v, L->v[1], s->r->field[RP_FIELD_YEAR]);
    if (y != UNSET) {
      L->y[0] = y, L->y[1] = y + 4;
      L->v[0] = L->v[1] = UNSET;
      L->a = y;
      return;
    }
  }
  if (v == UNSET || L->i[0] != UNSET || L->v[1] - v != 4 || !rpi_lex_is_year(s->w + v) || v < 2 ||
      s->w[v - 1] != ' ')
    return;
  /* "Histoire Sociale 39(77) 2006: 205-234": a volume and its issue in
   * brackets before the year: the year is the date, the locator opens at
   * the volume */
  if (s->w[v - 2] == ')') {
    size_t ie = v - 2, ia = digits_before(s, 0, ie);
    if (ia == ie || ia < 3 || s->w[ia - 1] != '(')
      return;
    size_t ve = ia - 1;
    while (ve > 0 && s->w[ve - 1] == ' ')
      ve--;
    size_t va = digits_before(s, 0, ve);
    const char *year = s->r->field[RP_FIELD_YEAR];
    if (va == ve || ve - va > 4 || va == 0 || s->w[va - 1] != ' ' ||
        (year && (strlen(year) != 4 || memcmp(year, s->w + v, 4) != 0)))
      return;
    L->y[0] = v, L->y[1] = L->v[1];
    L->v[0] = va, L->v[1] = ve;
    L->i[0] = ia, L->i[1] = ie;
    L->a = va;
    return;
  }
  if (s->w[v - 2] != '.') {
    /* or a month before it: a magazine's "Newsweek, May 1999: 22-25" */
    size_t me = v - 1, ms = me;
    while (ms > 0 && ascii_alpha(s->w[ms - 1]))
      ms--;
    if (ms == me || !rpi_lex_month(s->w + ms, me - ms))
      return;
  }
  const char *year = s->r->field[RP_FIELD_YEAR];
  if (year && (strlen(year) != 4 || memcmp(year, s->w + v, 4) != 0))
    return;
  L->y[0] = v, L->y[1] = L->v[1];
  L->v[0] = L->v[1] = UNSET;
}

/* Whether a month's name (maybe abbreviated with its period: "Jul.")
 * and a space stand right before v, after lo. */
static bool month_before(const st *s, size_t lo, size_t v) {
  if (v < lo + 2 || s->w[v - 1] != ' ')
    return false;
  size_t me = v - 1;
  if (me > lo && s->w[me - 1] == '.')
    me--;
  size_t w = me;
  while (w > lo && ascii_alpha(s->w[w - 1]))
    w--;
  return w < me && rpi_lex_month(s->w + w, me - w) != 0;
}

/* The strong families: Vancouver with labelled pages, Vancouver with a
 * volume or pages, then the earliest of the physics, Chicago, ACS and
 * similar forms. True when one was found (*best). */
static bool strong_families(st *s, size_t from, loc *best) {
  rpi_match m;
  loc L;
  memset(best, 0, sizeof *best);
  /* "Circulation 1993; 87, pages 1489-1497": Vancouver with labelled pages */
  if (find(s, P_VANPG, from, &m)) {
    loc_from(s, P_VANPG, &m, LOC_VANCOUVER, best);
    return true;
  }
  /* Vancouver: the first with a volume or pages */
  size_t f = from;
  while (find(s, P_VAN, f, &m)) {
    loc_from(s, P_VAN, &m, LOC_VANCOUVER, &L);
    /* "2012; 1-401." closing a book: a range whose second number is longer
     * than its first is pages, not a double volume ("2011;40-41") */
    if (L.v[0] != UNSET && L.p[0] == UNSET && L.i[0] == UNSET) {
      const char *dash = memchr(s->w + L.v[0], '-', L.v[1] - L.v[0]);
      if (dash && (size_t)(s->w + L.v[1] - dash - 1) > (size_t)(dash - (s->w + L.v[0]))) {
        L.p[0] = L.v[0], L.p[1] = L.v[1];
        L.v[0] = UNSET;
      }
    }
    if (L.v[0] != UNSET || L.p[0] != UNSET || roman_volume(s, &L)) {
      *best = L;
      return true;
    }
    f = m.end > m.start ? m.end : m.start + 1;
  }
  /* physics and Chicago: the earliest of the three */
  static const int fam2[] = {P_ACMART, P_VYP, P_PHYS1, P_PHYS2, P_CHICAGO, P_ACS, P_VCOLI, P_VDOTP, P_VISLASH, P_VICP, P_VROMAN, P_VMONP, P_VPPY};
  for (size_t k = 0; k < sizeof fam2 / sizeof fam2[0]; k++) {
    if (find(s, fam2[k], from, &m)) {
      loc_from(s, fam2[k], &m, LOC_WHOLE, &L);
      /* "Phys. Rev. D62 (2000)", "PLOS Computational Biology 7(3) (2011)":
       * with no page, physics only with a series letter or an issue */
      if (fam2[k] == P_PHYS2 && L.p[0] == UNSET && L.i[0] == UNSET && !ascii_alpha(s->w[L.v[0]]))
        continue;
      /* "Matéria 13, 1 (2008) 96.", "Cerâm. Ind. 7, 1 (2002) 24-30": a
       * number of one or two digits before the bracketed year and the
       * pages after it is the issue */
      if (fam2[k] == P_PHYS1 && L.i[0] == UNSET && L.p[0] != UNSET && L.p[1] - L.p[0] <= 2 &&
          rpi_scan_all_digits(s, L.p[0], L.p[1])) {
        size_t q = skip_sp(s, m.end);
        size_t e = q < s->n && ascii_digit(s->w[q]) ? page_end(s, q) : q;
        if (e > q && (skip_sp(s, e) >= s->n || strchr(".,;", s->w[skip_sp(s, e)]))) {
          L.i[0] = L.p[0], L.i[1] = L.p[1];
          L.p[0] = q, L.p[1] = e;
          L.b = e;
        }
      }
      /* "Publishers Weekly, March 23, 1984, 34-35": the number before the
       * year is the day of a magazine's or newspaper's date, no volume;
       * the locator is the year and the pages, the date left before it */
      if (fam2[k] == P_VYP && L.i[0] == UNSET && L.y[0] != UNSET && L.v[1] - L.v[0] <= 2 &&
          month_before(s, from, L.v[0])) {
        L.a = L.y[0];
        L.v[0] = L.v[1] = UNSET;
      }
      if (fam2[k] == P_CHICAGO && L.p[0] == UNSET && L.i[0] == UNSET) {
        /* "Vol (2004)." with nothing else is only a volume and date */
        size_t e = skip_sp(s, m.end);
        if (e < s->n && s->w[e] != '.' && s->w[e] != ',')
          continue;
      }
      /* "60, 11 (Nov. 2017), 72-79": volume, issue, date, pages beats the
       * physics reading "volume, page (year)" at the same place */
      if (!best->fam || L.a < best->a ||
          (L.a == best->a && fam2[k] == P_CHICAGO && L.i[0] != UNSET && L.p[0] != UNSET && best->i[0] == UNSET &&
           L.i[1] - L.i[0] <= 4 && s->w[L.i[0]] != '0'))
        *best = L;
    }
  }
  if (best->fam)
    return true;
  return false;
}

/* The first labelled volume from `from` starting at or before limit
 * (UNSET: anywhere): "vol. 12" (LVOL) or, when none comes before it, "27.
 * Jg." (LVOLPOST), its volume moved to LVOL's group so that *m reads as an
 * LVOL match. */
/* A volume of a multi-volume work with its own title, which is part of
 * the book's title: "Of Revelation and Revolution, vol. 2: The Dialectics
 * of Modernity", "Handbuch der Sonderpädagogik, Bd. 4: Pädagogik der
 * Lernbehinderten", "Mythologiques, t. 1 : Le Cru et le cuit". The
 * labelled volume m (no issue) follows a comma and is followed by a colon
 * and a capitalised word or an opening quote, not an issue's or a
 * supplement's label. (After a stop, "Title. Vol 1: Fundamental
 * Algorithms. 3rd ed.", the volume is read as such.) */
static bool volume_titled(const st *s, const rpi_match *m) {
  static const char *const labels[] = {"Suppl", "Supplement", "Special", "Issue", "No", "Nr", "Heft", "Pt", NULL};
  size_t b = m->start;
  while (b > 0 && s->w[b - 1] == ' ')
    b--;
  if (m->g[G_LVOL_I][0] != UNSET || b == 0 || s->w[b - 1] != ',')
    return false;
  size_t c = skip_sp(s, m->end);
  if (c >= s->n || s->w[c] != ':')
    return false;
  size_t k = skip_sp(s, c + 1);
  if (k < s->n && (s->w[k] == '"' || at_lit(s, k, "\xe2\x80\x9c", 3) || at_lit(s, k, "\xe2\x80\x9e", 3) ||
                   at_lit(s, k, "\xc2\xab", 2)))
    return true;
  size_t e = k;
  while (e < s->n && (ascii_alpha(s->w[e]) || (unsigned char)s->w[e] >= 0x80))
    e++;
  unsigned cp = 0;
  size_t l = e > k ? rpi_utf8_decode((const unsigned char *)s->w + k, e - k, &cp) : 0;
  if (e < k + 2 || !l || !rpi_is_upper(cp) || (s->w[k + l] >= 'A' && s->w[k + l] <= 'Z'))
    return false; /* (not an acronym) */
  for (size_t i = 0; labels[i]; i++)
    if (e - k == strlen(labels[i]) && memcmp(s->w + k, labels[i], e - k) == 0)
      return false;
  return true;
}

static bool find_lvol(st *s, size_t from, size_t limit, rpi_match *m) {
  rpi_match post;
  bool pre = rpi_match_find_lim(s, P_LVOL, from, limit, m);
  while (pre && volume_titled(s, m))
    pre = rpi_match_find_lim(s, P_LVOL, m->end, limit, m);
  if (!rpi_match_find_lim(s, P_LVOLPOST, from, limit, &post) || (pre && m->start <= post.start))
    return pre;
  *m = post;
  m->g[G_LVOL_V][0] = post.g[G_LVOLPOST_V][0], m->g[G_LVOL_V][1] = post.g[G_LVOLPOST_V][1];
  m->g[G_LVOL_I][0] = m->g[G_LVOL_I][1] = UNSET;
  return true;
}

/* Labelled atoms ("vol. 3", "no. 2", "pp. 1-9", with unlabelled pages or
 * a bare volume next to them) from `from`: *labp holds their spans, *lap
 * and *lbp the span they cover. Returns how many were found. */
/* Unlabelled pages (and a year) right after a labelled volume or issue
 * ending at from: "Volume 39, 2016, 487-518". Sets them in *lab and moves
 * *lb past them; returns whether there were. */
static bool voltail(st *s, size_t from, loc *lab, size_t *lb) {
  rpi_match t;
  if (rpi_rx_find(s->p->rx, s->sc, P_VOLTAIL, s->w, s->n, from, true, &t) != 1)
    return false;
  lab->p[0] = t.g[G_VOLTAIL_P][0];
  lab->p[1] = t.g[G_VOLTAIL_P][1];
  if (t.g[G_VOLTAIL_Y][0] != UNSET)
    lab->y[0] = t.g[G_VOLTAIL_Y][0], lab->y[1] = t.g[G_VOLTAIL_Y][1];
  *lb = t.end;
  return true;
}

/* "U of Texas P. 2020.": the MLA press abbreviation, then the date
 * closing the reference, is no "P. 2020" page label: a capital P right
 * after a word, and a page that is a year (the one read, if any) and ends
 * the reference. */
static bool press_year(const st *s, const rpi_match *m) {
  size_t p = m->g[G_LPAGES_P][0], e = m->g[G_LPAGES_P][1];
  if (!at_lit(s, m->start, "P.", 2) || m->start < 2 || s->w[m->start - 1] != ' ' || !ascii_alpha(s->w[m->start - 2]) ||
      e - p != 4 || !rpi_scan_all_digits(s, p, e) || !rpi_lex_is_year(s->w + p))
    return false;
  const char *year = s->r->field[RP_FIELD_YEAR];
  if (year && memcmp(year, s->w + p, 4) != 0)
    return false;
  while (e < s->n && (s->w[e] == ' ' || s->w[e] == '.'))
    e++;
  return e >= s->n;
}

/* Whether a digit of w is followed, maybe after spaces, by a byte that can
 * open a Korean, Japanese or Chinese locator label (CJKLOC: lead bytes 0xE5
 * to 0xED): a cheap test before the search. */
static bool may_cjk_label(const st *s, size_t from) {
  if (!s->cjk_lead)
    return false;
  for (size_t q = from; q + 3 < s->n; q++)
    if (ascii_digit(s->w[q])) {
      size_t e = skip_sp(s, q + 1);
      if (e < s->n && (unsigned char)s->w[e] >= 0xE5 && (unsigned char)s->w[e] <= 0xED)
        return true;
    }
  return false;
}

/* Korean, Japanese and Chinese labels after the number, "제33권 제1호",
 * "10권 1호", "45巻 1号", "23卷 第1期", "第23页": the first volume, issue
 * and pages so labelled from `from`, each within a few bytes of the one
 * before, go into the slots of *lab still unset; [*la, *lb) grows over
 * them. Returns how many it took. */
static int cjk_atoms(st *s, size_t from, loc *lab, size_t *la, size_t *lb) {
  if (!may_cjk_label(s, from))
    return 0;
  rpi_match m;
  int atoms = 0;
  size_t f = from, last = UNSET;
  while (find(s, P_CJKLOC, f, &m)) {
    if (last != UNSET && m.start > last + 12)
      break; /* "제1호" in the title, "제23권" far after it */
    size_t *slot = gset(&m, G_CJKLOC_VL) ? lab->v : gset(&m, G_CJKLOC_IL) ? lab->i : lab->p;
    if (slot[0] == UNSET) {
      slot[0] = m.g[G_CJKLOC_N][0];
      slot[1] = m.g[G_CJKLOC_N][1];
      if (*la == UNSET || m.start < *la)
        *la = m.start;
      if (m.end > *lb)
        *lb = m.end;
      atoms++;
    }
    last = m.end;
    f = m.end;
  }
  return atoms;
}

static int labelled_atoms(st *s, size_t from, loc *labp, size_t *lap, size_t *lbp) {
  rpi_match m;
  loc lab;
  memset(&lab, 0, sizeof lab);
  lab.v[0] = lab.i[0] = lab.p[0] = lab.y[0] = UNSET;
  int atoms = 0;
  size_t la = UNSET, lb = 0;
  if (find_lvol(s, from, UNSET, &m)) {
    lab.v[0] = m.g[G_LVOL_V][0];
    lab.v[1] = m.g[G_LVOL_V][1];
    if (gset(&m, G_LVOL_I)) {
      lab.i[0] = m.g[G_LVOL_I][0];
      lab.i[1] = m.g[G_LVOL_I][1];
    }
    la = m.start;
    lb = m.end;
    atoms++;
    /* "Volume 39, 2016, 487-518": unlabelled pages after the volume */
    if (voltail(s, m.end, &lab, &lb))
      atoms++;
  }
  atoms += cjk_atoms(s, from, &lab, &la, &lb);
  /* after a volume, only an issue starting in [lb, lb + 20) is taken: the
   * search stops there (same first match, else none either way) */
  if (rpi_match_find_lim(s, P_LISS, la != UNSET ? la : from, la != UNSET ? lb + 19 : UNSET, &m) &&
      (la == UNSET || m.start - lb < 20)) {
    lab.i[0] = m.g[G_LISS_I][0];
    lab.i[1] = m.g[G_LISS_I][1];
    if (la == UNSET || m.start < la)
      la = m.start;
    if (m.end > lb)
      lb = m.end;
    atoms++;
    if (lab.p[0] == UNSET && voltail(s, m.end, &lab, &lb))
      atoms++;
    if (lab.v[0] == UNSET) {
      /* "Information and Computation, 84, No. 1"; "Sociologický časopis,
       * 46, 2010, č. 4": a year there, and the volume before it */
      size_t q = m.start;
      while (q > from && (s->w[q - 1] == ' ' || s->w[q - 1] == ','))
        q--;
      size_t d = q;
      while (d > from && ascii_digit(s->w[d - 1]))
        d--;
      if (d < q && q - d == 4 && rpi_lex_is_year(s->w + d) && lab.y[0] == UNSET && d > from && s->w[d - 1] == ' ' &&
          d >= from + 2 && s->w[d - 2] == ',') {
        size_t y = d;
        q = d;
        while (q > from && (s->w[q - 1] == ' ' || s->w[q - 1] == ','))
          q--;
        d = q;
        while (d > from && ascii_digit(s->w[d - 1]))
          d--;
        lab.y[0] = y, lab.y[1] = y + 4;
        if (!(d < q && q - d <= 3 && d > from && (s->w[d - 1] == ' ' || s->w[d - 1] == ',')))
          d = q; /* "Soziale Welt, 2005, H. 3": the year, no volume */
      } else if (d < q && q - d == 4 && rpi_lex_is_year(s->w + d) && lab.y[0] == UNSET && d > from &&
                 s->w[d - 1] == ' ') {
        /* "„Studia Socjologiczne” 2012, nr 3", "Soziale Welt 2005, H. 3":
         * the year after the journal, no volume */
        lab.y[0] = d, lab.y[1] = d + 4;
        d = q;
      }
      if (d < q && q - d <= 4 && d > from && (s->w[d - 1] == ' ' || s->w[d - 1] == ',')) {
        lab.v[0] = d, lab.v[1] = q;
        la = d;
        atoms++;
      }
    }
  }
  if (find(s, P_LPAGES, la != UNSET ? la : from, &m) && !press_year(s, &m)) {
    lab.p[0] = m.g[G_LPAGES_P][0];
    lab.p[1] = m.g[G_LPAGES_P][1];
    if (la == UNSET || m.start < la)
      la = m.start;
    if (m.end > lb)
      lb = m.end;
    atoms++;
  }
  *labp = lab;
  *lap = la;
  *lbp = lb;
  return atoms;
}

/* *best from the labelled atoms lab covering [la, lb), with a bare
 * "12(3)", "Journal 12, pp. 3-9" or "35, 2, pp. 201-225" volume (and
 * issue, year) before them when no volume was labelled. */
static void labelled_volume(st *s, size_t from, loc lab, size_t la, size_t lb, loc *best) {
  rpi_match m;
  lab.fam = LOC_LABELLED;
  lab.a = la;
  lab.b = lb;
  /* "Nature, vol. 5" style already; a bare "12(3)" before pp. */
  *best = lab;
  if (lab.v[0] == UNSET && find(s, P_VOLISS, from, &m) && m.end <= la + 3) {
    best->v[0] = m.g[G_VOLISS_V][0], best->v[1] = m.g[G_VOLISS_V][1];
    best->i[0] = m.g[G_VOLISS_I][0], best->i[1] = m.g[G_VOLISS_I][1];
    best->a = m.start;
  } else if (lab.v[0] == UNSET && lab.p[0] != UNSET) {
    /* "Journal 12, pp. 3-9" or "Journal, 12, p. 3" or "Latomus, 13, 1954, p. 40" */
    size_t q = la;
    while (q > from && (s->w[q - 1] == ' ' || s->w[q - 1] == ','))
      q--;
    if (q >= from + 6 && (s->w[q - 5] == ' ' || s->w[q - 5] == ',') && rpi_lex_is_year(s->w + q - 4)) {
      best->y[0] = q - 4, best->y[1] = q;
      best->a = q - 4;
      q -= 4;
      while (q > from && (s->w[q - 1] == ' ' || s->w[q - 1] == ','))
        q--;
    }
    size_t d = q;
    while (d > from && ascii_digit(s->w[d - 1]))
      d--;
    if (d < q && q - d <= 4 && d > from && (s->w[d - 1] == ' ' || s->w[d - 1] == ',')) {
      best->v[0] = d, best->v[1] = q;
      best->a = d;
      /* "35, 2, pp. 201-225": volume, issue */
      size_t q2 = d;
      while (q2 > from && (s->w[q2 - 1] == ' ' || s->w[q2 - 1] == ','))
        q2--;
      size_t d2 = q2;
      while (d2 > from && ascii_digit(s->w[d2 - 1]))
        d2--;
      if (d2 < q2 && q2 - d2 <= 4 && q2 < d && s->w[q2] == ',' && d2 > from &&
          (s->w[d2 - 1] == ' ' || s->w[d2 - 1] == ',') && best->i[0] == UNSET) {
        best->i[0] = d, best->i[1] = q;
        best->v[0] = d2, best->v[1] = q2;
        best->a = d2;
      }
    }
  }
}

/* "Updated March 4, 2023", "July 18, 2020", IEEE's "Jul. 16, 1990" and
 * "Oct. 29-Nov. 1, 2017": a month (maybe abbreviated with its period), a
 * day and a year read as volume 4 and page 2023 by the APA pattern. */
static bool month_day_year(const st *s, const rpi_match *m) {
  size_t v = m->g[G_APA_V][0], ve = m->g[G_APA_V][1], p = m->g[G_APA_P][0], pe = m->g[G_APA_P][1];
  if (ve - v > 2 || !ascii_digit(s->w[v]) || gset(m, G_APA_I) || pe - p != 4 || !rpi_scan_all_digits(s, p, pe) ||
      !rpi_lex_is_year(s->w + p))
    return false;
  return month_before(s, 0, v);
}

/* Where the reference ends in [from, n), before closing spaces and
 * periods. */
static size_t trimmed_end(const st *s, size_t from) {
  size_t e = s->n;
  while (e > from && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  return e;
}

/* *L: a locator of family fam over [a, b) that is all pages or all
 * volume. */
static void tail_loc(loc *L, loc_family fam, size_t a, size_t b, bool pages) {
  memset(L, 0, sizeof *L);
  L->fam = fam;
  L->a = a;
  L->b = b;
  L->v[0] = L->i[0] = L->p[0] = L->y[0] = UNSET;
  if (pages)
    L->p[0] = a, L->p[1] = b;
  else
    L->v[0] = a, L->v[1] = b;
}

/* A reference printed without punctuation after its title, "Title 1997
 * Neurocomputing 101", "Title. 2003 In Proceedings 19th Fuzzy System
 * Symposium 67-70": a bare year between words, the only year of the
 * reference, then capitalised words and a volume or a page range that
 * closes it (or comes before a language note, "in Japanese"). Fills *L
 * (volume or pages) and returns whether it was there. */
static bool unpunctuated_tail(const st *s, size_t from, loc *L) {
  size_t e = trimmed_end(s, from);
  /* a language note closing it: "IEICE Trans 79 in Japanese" */
  size_t lw = e;
  while (lw > from && ascii_alpha(s->w[lw - 1]))
    lw--;
  if (lw < e && s->w[lw] >= 'A' && s->w[lw] <= 'Z' && lw >= from + 4 && at_lit(s, lw - 4, " in ", 4))
    e = lw - 4;
  size_t t = e;
  while (t > from && (ascii_digit(s->w[t - 1]) || s->w[t - 1] == '-'))
    t--;
  size_t d = t; /* the first number, up to a dash */
  while (d < e && ascii_digit(s->w[d]))
    d++;
  bool range = d < e;
  if (d == t || d - t > 5 || t < from + 2 || s->w[t - 1] != ' ' || !ascii_alpha(s->w[t - 2]) ||
      (range && (e - d < 2 || !ascii_digit(s->w[e - 1]) || (s->w[d + 1] != '-' && !ascii_digit(s->w[d + 1])))))
    return false;
  if (!range && d - t == 4 && rpi_lex_is_year(s->w + t))
    return false;
  /* the year: the last four-digit number before, alone between words */
  size_t y = UNSET;
  for (size_t q = from; q + 4 < t; q++)
    if (ascii_digit(s->w[q]) && (q == from || !ascii_digit(s->w[q - 1]))) {
      size_t r = q;
      while (r < t && ascii_digit(s->w[r]))
        r++;
      if (r - q == 4 && rpi_lex_is_year(s->w + q)) {
        if (y != UNSET)
          return false; /* two years: not this form */
        y = q;
      }
    }
  if (y == UNSET || y < from + 2 || s->w[y - 1] != ' ' || (!ascii_alpha(s->w[y - 2]) && s->w[y - 2] != '.') ||
      s->w[y + 4] != ' ' || !(s->w[y + 5] >= 'A' && s->w[y + 5] <= 'Z'))
    return false;
  size_t me = y + 5; /* "The Paris Review. 2019 Mar 14.": a date, not a journal */
  while (me < t && ascii_alpha(s->w[me]))
    me++;
  if (rpi_lex_month(s->w + y + 5, me - (y + 5)))
    return false;
  for (size_t q = y + 5; q < t; q++)
    if (s->w[q] == ',' || s->w[q] == ';' || s->w[q] == ':' || s->w[q] == '(')
      return false;
  tail_loc(L, LOC_BARE, t, e, range);
  return true;
}

/* "Title. Frontiers in neural circuits 7. doi: 10.3389/...": an article
 * known by its DOI, dated after the names, whose journal closes with the
 * volume alone. Fills *L (a volume) and returns whether it was there;
 * not after a word that labels a number ("Chapter 7", "Report 12"). */
static bool doi_volume_tail(const st *s, size_t from, loc *L) {
  if (!s->r->field[RP_FIELD_DOI] || !s->r->field[RP_FIELD_YEAR])
    return false;
  size_t e = trimmed_end(s, from), t = e;
  while (t > from && ascii_digit(s->w[t - 1]))
    t--;
  if (t == e || e - t > 4 || (e - t == 4 && rpi_lex_is_year(s->w + t)) || s->w[t] == '0' || t < from + 3 ||
      s->w[t - 1] != ' ' || !ascii_alpha(s->w[t - 2]))
    return false;
  size_t ws = t - 1;
  while (ws > from && ascii_alpha(s->w[ws - 1]))
    ws--;
  static const char *const labels[] = {"Chapter", "chapter", "Part", "part", "No", "no", "Number", "number",
                                       "Report", "report", "Volume", "volume", "Vol", "vol", "Issue", "issue",
                                       "Edition", "edition", "Version", "version", "Phase", "phase", NULL};
  for (int k = 0; labels[k]; k++)
    if (strlen(labels[k]) == t - 1 - ws && memcmp(labels[k], s->w + ws, t - 1 - ws) == 0)
      return false;
  tail_loc(L, LOC_BARE, t, e, false);
  return true;
}

/* "Title. Epidemiol Infect 1–8.": a dated article whose journal closes
 * with a page range alone, no comma before it; not a range of two years
 * ("Italy 1513-1527"). Fills *L (pages) and returns whether it was there. */
static bool pages_tail(const st *s, size_t from, loc *L) {
  if (!s->r->field[RP_FIELD_YEAR])
    return false;
  size_t e = trimmed_end(s, from), d2 = e;
  while (d2 > from && ascii_digit(s->w[d2 - 1]))
    d2--;
  if (d2 == e || d2 < from + 2 || s->w[d2 - 1] != '-')
    return false;
  size_t t = d2 - 1;
  while (t > from && ascii_digit(s->w[t - 1]))
    t--;
  if (t == d2 - 1 || t < from + 3 || s->w[t - 1] != ' ' || !ascii_alpha(s->w[t - 2]) ||
      (d2 - 1 - t == 4 && e - d2 == 4 && rpi_lex_is_year(s->w + t) && rpi_lex_is_year(s->w + d2)))
    return false;
  tail_loc(L, LOC_PAGES_ONLY, t, e, true);
  return true;
}

/* "岡村秀典, 1992, Title, 季刊 考古學 43, 雄山閣.", "..., 문화재12, 국립문화재연구소.",
 * "..., 古代文化 39-9, 古代學協會.": in Korean and Japanese humanities
 * lists a dated article's volume follows its journal's last Chinese,
 * Japanese or Korean character (one space or none between them) and closes
 * a segment after a comma. Fills *L (a volume) and returns whether it was
 * there; not a year, and not a number that opens a word ("20세기"). */
static bool cjk_volume_tail(const st *s, size_t from, loc *L) {
  if (!s->r->field[RP_FIELD_YEAR])
    return false;
  const char *cm = memchr(s->w + from, ',', s->n - from);
  for (size_t q = cm ? (size_t)(cm - s->w) + 1 : s->n; q < s->n; q++) {
    if (!ascii_digit(s->w[q]) || ascii_digit(s->w[q - 1]) || (unsigned char)s->w[q - 1 - (s->w[q - 1] == ' ')] < 0x80)
      continue;
    size_t e = q;
    while (e < s->n && ascii_digit(s->w[e]))
      e++;
    size_t d = e - q;
    if (e + 1 < s->n && s->w[e] == '-' && ascii_digit(s->w[e + 1]))
      for (e++; e < s->n && ascii_digit(s->w[e]);)
        e++;
    size_t k = skip_sp(s, e), ps;
    if (d > 4 || (d == 4 && e - q == 4 && rpi_lex_is_year(s->w + q)) ||
        (k < s->n && s->w[k] != ',' && s->w[k] != '.') ||
        !is_cjk(rpi_utf8_prev(s->w, s->w[q - 1] == ' ' ? q - 1 : q, &ps)))
      continue;
    tail_loc(L, LOC_BARE, q, e, false);
    return true;
  }
  return false;
}

/* "American Journal of Physical Anthropology 114 2001 146-155", "Revue
 * Historique 143 1923 40-56", "Annales E.S.C. 50 1995 947-960": French and
 * forensic lists print volume, year and pages with spaces alone. BARE read the year as the volume; a
 * number of one to four digits (not a year) right before it is the
 * volume, and the year the date. */
static void bare_year_volume(const st *s, size_t from, loc *L) {
  size_t v = L->v[0];
  if (v == UNSET || L->v[1] != v + 4 || !rpi_lex_is_year(s->w + v) || v < from + 4 || s->w[v - 1] != ' ')
    return;
  size_t e = v - 1, d = e;
  while (d > from && ascii_digit(s->w[d - 1]))
    d--;
  if (d == e || e - d > 4 || (e - d == 4 && rpi_lex_is_year(s->w + d)) || d <= from || s->w[d - 1] != ' ' ||
      !(ascii_alpha(s->w[d - 2]) || (unsigned char)s->w[d - 2] >= 0x80 ||
        (s->w[d - 2] == '.' && d >= from + 3 && ascii_alpha(s->w[d - 3]))))
    return;
  L->y[0] = v, L->y[1] = v + 4;
  L->v[0] = d, L->v[1] = e;
  L->a = d;
}

/* Whether the pages-only locator at k opens with a colon inside a bracket
 * opened after from and still open ("Cameroun), (Numero hors-Serie:
 * 1-141."): a note's, not a journal's "Journal: 17-31.". */
static bool colon_in_bracket(const st *s, size_t from, size_t k) {
  if (k >= s->n || s->w[k] != ':')
    return false;
  int depth = 0;
  for (size_t q = from; q < k; q++)
    depth += s->w[q] == '(' ? 1 : s->w[q] == ')' ? (depth > 0 ? -1 : 0) : 0;
  return depth > 0;
}

/* "Journal. 2002 Jun:1-6", "2001 Spring:12-19", "1999 Jul-Aug:5-9":
 * Citing Medicine's form for an article with no volume and a month or a
 * season, which the colon pattern (a number before the colon) leaves out:
 * the year, the month, a colon and the pages closing the reference or
 * followed by a stop. Fills L and returns whether it was there. */
static bool month_colon(const st *s, size_t from, loc *L) {
  for (const char *c = memchr(s->w + from, ':', s->n - from); c; c = memchr(c + 1, ':', (size_t)(s->w + s->n - c - 1))) {
    size_t me = (size_t)(c - s->w), ms = me;
    while (ms > from && ascii_alpha(s->w[ms - 1]))
      ms--;
    if (ms == me || (!rpi_lex_month(s->w + ms, me - ms) && !rpi_lex_season(s->w + ms, me - ms)))
      continue;
    if (ms > from && s->w[ms - 1] == '-') { /* "Jul-Aug" */
      size_t m0 = ms - 1;
      while (m0 > from && ascii_alpha(s->w[m0 - 1]))
        m0--;
      if (m0 == ms - 1 || !rpi_lex_month(s->w + m0, ms - 1 - m0))
        continue;
      ms = m0;
    }
    if (ms < from + 5 || s->w[ms - 1] != ' ')
      continue;
    size_t y = ms - 5;
    if (!rpi_lex_is_year(s->w + y) || (y > 0 && (ascii_digit(s->w[y - 1]) || ascii_alpha(s->w[y - 1]))))
      continue;
    size_t p = skip_sp(s, me + 1), pe = page_end(s, p);
    if (pe == p)
      continue;
    size_t e = skip_sp(s, pe);
    if (e < s->n && s->w[e] != '.' && s->w[e] != ',' && s->w[e] != ';' && s->w[e] != '(' && s->w[e] != '[')
      continue;
    memset(L, 0, sizeof *L);
    L->fam = LOC_PUNCT;
    L->a = y, L->b = pe;
    L->v[0] = L->i[0] = UNSET;
    L->y[0] = y, L->y[1] = y + 4;
    L->p[0] = p, L->p[1] = pe;
    return true;
  }
  return false;
}

/* "Journal (Spring 1990): 12-30", "Journal (March 3, 1990), pp. 12-30",
 * "Journal, Fall 1987, 12-30", "Journal (March): 12-30" after the year: a
 * journal with no volume (or with a volume and a bracketed issue the
 * strong families leave out: "85 (6) (September 2010): 52-54"), the month
 * or season and the year in brackets or between commas, then the pages closing the reference or followed by a
 * stop. The date stays for the date stage; the locator opens at the
 * bracket or the comma, so the journal ends there. Fills L and returns
 * whether it was there. */
static bool date_pages(const st *s, size_t from, loc *L) {
  if (from + 3 >= s->n)
    return false;
  /* from bracket to comma (the working copy ends in a NUL and holds none) */
  for (const char *p = strpbrk(s->w + from + 3, "(,"); p; p = strpbrk(p + 1, "(,")) {
    size_t o = (size_t)(p - s->w);
    if (o + 8 >= s->n)
      break;
    char oc = *p;
    if ((oc == '(' && s->w[o - 1] != ' ') || (oc == ',' && s->w[o + 1] != ' '))
      continue;
    size_t nb = oc == '(' ? o - 2 : o - 1;
    /* Chicago's "Journal 85 (6) (September 2010): 52-54", "Journal 85
     * (September 2010): 52-54": a volume, maybe its issue in brackets,
     * before the date's bracket */
    size_t va = UNSET, ve = UNSET, ia = UNSET, ie = UNSET;
    if (oc == '(' && (s->w[nb] == ')' || ascii_digit(s->w[nb]))) {
      size_t q = nb + 1;
      if (s->w[nb] == ')') {
        ie = nb, ia = digits_before(s, from, ie);
        if (ia == ie || ie - ia > 4 || ia < from + 3 || s->w[ia - 1] != '(')
          continue;
        q = ia - 1;
        while (q > from && s->w[q - 1] == ' ')
          q--;
      }
      ve = q, va = digits_before(s, from, ve);
      if (va == ve || ve - va > 4 || va < from + 2 || s->w[va - 1] != ' ' ||
          !(ascii_alpha(s->w[va - 2]) || s->w[va - 2] == '.'))
        continue;
    } else if (!(ascii_alpha(s->w[nb]) || s->w[nb] == '.')) {
      continue;
    }
    size_t ms = oc == '(' ? o + 1 : o + 2, we = ms;
    while (we < s->n && ascii_alpha(s->w[we]))
      we++;
    /* the date's end: the bracket, or the comma after the year (tested
     * before the month, which costs a lookup) */
    size_t ce = we;
    while (ce < s->n && ce - we < 20 && s->w[ce] != (oc == '(' ? ')' : ',') && s->w[ce] != '(' && s->w[ce] != ':')
      ce++;
    if (we == ms || ce >= s->n || s->w[ce] != (oc == '(' ? ')' : ','))
      continue;
    bool year = ce >= we + 5 && rpi_lex_is_year(s->w + ce - 4) && !ascii_digit(s->w[ce - 5]);
    /* "(March)" alone only when the year was read before it, and with no
     * volume before it ("Resonance 4 (March): 53-61" is the older colon
     * form's, its bracket the issue) */
    if (!year && (oc != '(' || ce != we || !s->r->field[RP_FIELD_YEAR] || va != UNSET))
      continue;
    if (!rpi_lex_month(s->w + ms, we - ms) && !rpi_lex_season(s->w + ms, we - ms))
      continue;
    size_t k = skip_sp(s, ce + 1);
    if (oc == '(') {
      if (k >= s->n || (s->w[k] != ':' && s->w[k] != ','))
        continue;
      k = skip_sp(s, k + 1);
    }
    if (at_lit(s, k, "pp. ", 4))
      k += 4;
    else if (at_lit(s, k, "p. ", 3))
      k += 3;
    size_t pe = page_end(s, k);
    /* a single page only in brackets' form ("Poetry (February 1931): 269") */
    if (pe == k || (oc == ',' && !memchr(s->w + k, '-', pe - k)))
      continue;
    size_t e = skip_sp(s, pe);
    if (e < s->n && s->w[e] != '.' && s->w[e] != ',' && s->w[e] != ';')
      continue;
    memset(L, 0, sizeof *L);
    L->fam = LOC_PUNCT;
    L->a = va != UNSET ? va : o, L->b = pe;
    L->v[0] = va, L->v[1] = ve;
    L->i[0] = ia, L->i[1] = ie;
    L->y[0] = UNSET;
    if (year)
      L->y[0] = ce - 4, L->y[1] = ce;
    L->p[0] = k, L->p[1] = pe;
    return true;
  }
  return false;
}

/* ASCE's article number before the volume is known, "J. Struct. Eng.,
 * 10.1061/(ASCE)ST.1943-541X.0002134, 04018123.": a dated article whose
 * journal closes, after a comma, with eight digits that open with a zero
 * (no volume, page or year has that shape). Fills *L (the page) and
 * returns whether it was there. */
static bool elocator_tail(const st *s, size_t from, loc *L) {
  size_t e = trimmed_end(s, from), t = digits_before(s, from, e), q = t;
  if (!s->r->field[RP_FIELD_YEAR] || e - t != 8 || s->w[t] != '0' || t < from + 3 || s->w[t - 1] != ' ')
    return false;
  while (q > from && s->w[q - 1] == ' ')
    q--;
  if (q == from || s->w[q - 1] != ',')
    return false;
  tail_loc(L, LOC_PAGES_ONLY, t, e, true);
  return true;
}

static bool find_locator_raw(st *s, size_t from, loc *best) {
  if (strong_families(s, from, best))
    return true;
  loc lab;
  size_t la, lb;
  int atoms = labelled_atoms(s, from, &lab, &la, &lb);
  /* (not after a labelled volume or issue: "Crafts no. 211. London :
   * Crafts Council (March/April 2008), 36-40") */
  if ((lab.v[0] == UNSET && lab.i[0] == UNSET) && date_pages(s, from, best))
    return true;
  if (atoms >= 2 || (atoms == 1 && lab.p[0] != UNSET)) {
    labelled_volume(s, from, lab, la, lb, best);
    return true;
  }
  rpi_match m;
  if (find(s, P_VIP, from, &m)) {
    loc_from(s, P_VIP, &m, LOC_PUNCT, best);
    return true;
  }
  size_t f = from;
  while (find(s, P_BARE, f, &m)) {
    /* "Journal, 17 416-429, 1969": a bare volume and range after a comma */
    size_t q = m.start;
    while (q > from && s->w[q - 1] == ' ')
      q--;
    size_t e = skip_sp(s, m.end);
    if (q > from && s->w[q - 1] == ',' && (e >= s->n || s->w[e] == ',' || s->w[e] == '.')) {
      loc_from(s, P_BARE, &m, LOC_PUNCT, best);
      return true;
    }
    f = m.end;
  }
  f = from;
  while (find(s, P_COLON, f, &m)) {
    if (colon_ok(s, &m)) {
      loc_from(s, P_COLON, &m, LOC_PUNCT, best);
      colon_year(s, best);
      return true;
    }
    f = m.end;
  }
  if (month_colon(s, from, best))
    return true;
  f = from;
  while (find(s, P_APA, f, &m)) {
    if (!month_day_year(s, &m)) {
      loc_from(s, P_APA, &m, LOC_APA, best);
      return true;
    }
    f = m.end;
  }
  if (atoms == 1) {
    lab.fam = LOC_LABEL_ONE;
    lab.a = la;
    lab.b = lb;
    *best = lab;
    return true;
  }
  if (find(s, P_VOLISS, from, &m)) {
    loc_from(s, P_VOLISS, &m, LOC_VOLISS, best);
    return true;
  }
  if (find(s, P_BARE, from, &m)) {
    loc_from(s, P_BARE, &m, LOC_BARE, best);
    bare_year_volume(s, from, best);
    return true;
  }
  if (find(s, P_BAREART, from, &m)) {
    loc_from(s, P_BAREART, &m, LOC_BARE, best);
    return true;
  }
  if (find(s, P_PAGESONLY, from, &m) && !colon_in_bracket(s, from, m.start)) {
    loc_from(s, P_PAGESONLY, &m, LOC_PAGES_ONLY, best);
    return true;
  }
  return unpunctuated_tail(s, from, best) || doi_volume_tail(s, from, best) || pages_tail(s, from, best) ||
         cjk_volume_tail(s, from, best) || elocator_tail(s, from, best);
}

/* A labelled "Vol. 38, No. 1" (or "45e année, n° 2") just before the
 * chosen locator belongs to it: "Feedback, Vol. 38, No. 1 (Winter 1997),
 * 16-25", "Population, 45e année, n° 2, 1990, p. 311-336". */
/* "Novos Estudos CEBRAP, (79), 71-94": APA 7's issue in brackets with no
 * volume, between commas before pages read without them, is the issue
 * (a year there, "(1995)", is none). */
static void issue_alone(st *s, size_t from, loc *L) {
  if (L->v[0] != UNSET || L->i[0] != UNSET || L->p[0] == UNSET)
    return;
  size_t q = L->a; /* the comma before the pages, or what follows it */
  if (s->w[q] != ',') {
    while (q > from && s->w[q - 1] == ' ')
      q--;
    if (q <= from || s->w[q - 1] != ',')
      return;
    q--;
  }
  while (q > from && s->w[q - 1] == ' ')
    q--;
  if (q <= from || s->w[q - 1] != ')')
    return;
  size_t ie = q - 1, ia = ie;
  while (ia > from && ascii_digit(s->w[ia - 1]))
    ia--;
  if (ia == ie || ie - ia > 4 || (ie - ia == 4 && rpi_lex_is_year(s->w + ia)) || ia <= from + 2 || s->w[ia - 1] != '(' || s->w[ia - 2] != ' ' || s->w[ia - 3] != ',')
    return;
  L->i[0] = ia, L->i[1] = ie;
  L->a = ia - 1;
}

static bool find_locator(st *s, size_t from, loc *L) {
  if (!find_locator_raw(s, from, L))
    return false;
  rpi_match m;
  for (int round = 0; round < 2; round++) {
    size_t lo = L->a > 40 ? L->a - 40 : 0;
    if (lo < from)
      lo = from;
    bool moved = false;
    size_t f = lo;
    /* only matches starting before L->a count: the searches stop there */
    while (L->a > 0 && find_lvol(s, f, L->a - 1, &m) && m.start < L->a) {
      if (m.end + 3 >= L->a) {
        if (L->v[0] == UNSET || (L->v[0] >= L->a && L->fam >= LOC_WHOLE)) {
          L->v[0] = m.g[G_LVOL_V][0], L->v[1] = m.g[G_LVOL_V][1];
        } else if (L->i[0] == UNSET && L->p[0] != UNSET) {
          /* "Vol. 12(7): 4": the locator's "volume" was the issue */
          L->i[0] = L->v[0], L->i[1] = L->v[1];
          L->v[0] = m.g[G_LVOL_V][0], L->v[1] = m.g[G_LVOL_V][1];
        }
        L->a = m.start;
        moved = true;
        break;
      }
      f = m.end;
    }
    f = lo;
    while (L->a > 0 && rpi_match_find_lim(s, P_LISS, f, L->a - 1, &m) && m.start < L->a) {
      if (m.end + 3 >= L->a && m.start > lo) {
        if (L->i[0] == UNSET) {
          L->i[0] = m.g[G_LISS_I][0], L->i[1] = m.g[G_LISS_I][1];
        } else if (L->v[0] != UNSET && L->v[0] >= L->a) {
          /* "No. 1 (Winter 1997)": CHICAGO read "1" as a volume */
        }
        if (L->v[0] != UNSET && L->v[0] >= m.end && L->v[1] <= L->b && L->fam == LOC_WHOLE && L->i[0] == m.g[G_LISS_I][0]) {
          L->v[0] = UNSET;
        }
        L->a = m.start;
        moved = true;
        break;
      }
      f = m.end;
    }
    if (!moved)
      break;
  }
  /* "Geographische Rundschau 48 (1996), H. 7/8, S. 412-418": a labelled
   * issue, then labelled pages, right after a locator without them; AMS
   * prints the pages unlabelled ("Comm. Partial Differential Equations
   * 32 (2007), no. 7-9, 1245-1260") */
  if (L->i[0] == UNSET && L->p[0] == UNSET && L->fam == LOC_WHOLE &&
      rpi_match_find_lim(s, P_LISS, L->b, L->b + 3, &m) && s->w[L->b] == ',') {
    L->i[0] = m.g[G_LISS_I][0], L->i[1] = m.g[G_LISS_I][1];
    L->b = m.end;
    size_t tb;
    if (rpi_match_find_lim(s, P_LPAGES, L->b, L->b + 3, &m) && s->w[L->b] == ',') {
      L->p[0] = m.g[G_LPAGES_P][0], L->p[1] = m.g[G_LPAGES_P][1];
      L->b = m.end;
    } else if (s->w[L->b] == ',') {
      loc t = *L; /* the pages only: the date was read before the issue */
      if (voltail(s, L->b, &t, &tb)) {
        L->p[0] = t.p[0], L->p[1] = t.p[1];
        L->b = tb;
      }
    }
  }
  /* the CHICAGO "volume" right after "No." is the issue itself; then a
   * bare volume may come before the label: "Zeitschrift, 58, H. 5, 2010,
   * S. 347-362" */
  if (L->v[0] != UNSET && L->i[0] != UNSET && L->v[0] == L->i[0]) {
    L->v[0] = UNSET;
    size_t q = L->a;
    while (q > from && (s->w[q - 1] == ' ' || s->w[q - 1] == ','))
      q--;
    size_t d = digits_before(s, from, q);
    if (d < q && q < L->a && q - d <= 4 && !(q - d == 4 && rpi_lex_is_year(s->w + d)) && d > from &&
        (s->w[d - 1] == ' ' || s->w[d - 1] == ',')) {
      L->v[0] = d, L->v[1] = q;
      L->a = d;
    }
  }
  issue_alone(s, from, L);
  return true;
}

static void set_locator(st *s, const loc *L) {
  if (L->v[0] != UNSET) {
    size_t va = L->v[0];
    /* "Phys. Rev. D91": the series letter belongs to the journal */
    if (L->v[1] - va >= 2 && s->w[va] >= 'A' && s->w[va] <= 'Z' && ascii_digit(s->w[va + 1]) && L->fam <= LOC_WHOLE) {
      s->series = s->w[va];
      va++;
    }
    rpi_fields_set(s, RP_FIELD_VOLUME, va, L->v[1]);
  }
  if (L->i[0] != UNSET) {
    size_t a = L->i[0], b = L->i[1];
    trim(s->w, &a, &b);
    /* "9911415 (1999)": a year in brackets, not an issue; only a year of
     * the last two centuries, as an older one here is more often a long
     * issue number ("279(1748)") */
    bool year = b - a == 4 && L->fam != LOC_LABELLED && rpi_lex_is_year(s->w + a) &&
                (s->w[a] == '2' || s->w[a + 1] == '9');
    if (year) {
      if (!s->r->field[RP_FIELD_YEAR])
        rpi_fields_year(s, a, b);
    } else {
      rpi_fields_set(s, RP_FIELD_ISSUE, a, b);
    }
  }
  if (L->p[0] != UNSET)
    rpi_fields_pages(s, L->p[0], L->p[1]);
  if (L->y[0] != UNSET && !s->r->field[RP_FIELD_YEAR])
    rpi_fields_year(s, L->y[0], L->y[1]);
}

static bool same_span(const st *s, const size_t x[2], const size_t y[2]) {
  return x[0] != UNSET && y[0] != UNSET && x[1] - x[0] == y[1] - y[0] && memcmp(s->w + x[0], s->w + y[0], x[1] - x[0]) == 0;
}

/* The first page of a page span: up to its '-'. */
static void first_page(const st *s, const size_t p[2], size_t out[2]) {
  out[0] = p[0], out[1] = p[0];
  while (out[0] != UNSET && out[1] < p[1] && s->w[out[1]] != '-' && s->w[out[1]] != ' ')
    out[1]++;
}

/* Whether the number w[sp] stands alone (not inside a longer number) in
 * [lo, hi). */
static bool number_in(const st *s, size_t lo, size_t hi, const size_t sp[2]) {
  size_t n = sp[0] == UNSET ? 0 : sp[1] - sp[0];
  if (!n || lo + n > hi)
    return false;
  /* each place its first byte stands, up to the last where it fits */
  const char *e = s->w + hi - n + 1;
  for (const char *p = s->w + lo; (p = memchr(p, s->w[sp[0]], (size_t)(e - p))); p++) {
    size_t q = (size_t)(p - s->w);
    if (memcmp(p, s->w + sp[0], n) == 0 && (q == lo || !ascii_digit(s->w[q - 1])) &&
        (q + n == hi || !ascii_digit(s->w[q + n])))
      return true;
  }
  return false;
}

/* rpi_scan_only_notes for [a, b), a label glued to a blanked identifier
 * ("oi:" of a broken "doi:") counting as a note too. */
static bool notes_between(const st *s, size_t a, size_t b) {
  size_t from = a;
  for (size_t q = a; q < b; q++) {
    size_t e = rpi_stage_duplicates_label(s, q);
    if (e != q && e <= b) {
      if (!rpi_scan_only_notes(s, from, q))
        return false;
      from = q = e;
    }
  }
  return rpi_scan_only_notes(s, from, b);
}

/* Whether the Vancouver locator L ends the reference and repeats every
 * number of the original O (fo, fl: their first pages): volume, first
 * page, issue when it has one, and the year of O, the year read before or
 * a year printed after O ("Media Policy Project 9: 1-18. The London School
 * of Economics. URL 2013;9:1-18.", "vol. 8, pp. 44012-44025, 2020.
 * [Online]. Available: URL 2020;8:44012."): a copy even with words
 * between. */
static bool trailing_copy(const st *s, const loc *O, const loc *L, const size_t fo[2],
                          const size_t fl[2]) {
  size_t e = L->b;
  while (e < s->n && (s->w[e] == ' ' || s->w[e] == '.'))
    e++;
  if (e < s->n || !same_span(s, O->v, L->v) || !same_span(s, fo, fl))
    return false;
  if (L->i[0] != UNSET && !same_span(s, O->i, L->i))
    return false;
  const char *year = s->r->field[RP_FIELD_YEAR];
  size_t yl = L->y[0] == UNSET ? 0 : L->y[1] - L->y[0];
  return same_span(s, O->y, L->y) ||
         (year && yl && strlen(year) == yl && memcmp(year, s->w + L->y[0], yl) == 0) ||
         (!year && number_in(s, O->b, L->a, L->y));
}

/* A Vancouver locator right after an original in another style (only
 * notes between) is a copy of it ("Genome Biol Evol 4: 136-154. Vol Page
 * 2012;4:136.", "Nature 438, 293-294. doi: ... 2005;438:293-294."): the
 * original, found with the copy hidden, is the locator when only notes
 * stand between them and it shares the volume or the first page; the
 * duplicate stage then weighs the copy. */
static void prefer_original(st *s, size_t pos, loc *L) {
  if (L->fam != LOC_VANCOUVER)
    return;
  size_t fl[2];
  first_page(s, L->p, fl);
  if (!number_in(s, pos, L->a, L->v) && !number_in(s, pos, L->a, fl))
    return; /* no original to share a number with: the common case */
  /* the copy is hidden with its "Vol Page " label, so that the original
   * ends where the label began ("..., 20, 104-115 Vol Page 1994;20:104.") */
  size_t ca = L->a >= 9 && at_lit(s, L->a - 9, "Vol Page ", 9) ? L->a - 9 : L->a;
  size_t n = rpi_scan_copy_run_end(s, L->a) - ca;
  char *saved = malloc(n ? n : 1);
  if (!saved)
    return;
  memcpy(saved, s->w + ca, n);
  uint64_t never = s->never;
  memset(s->w + ca, ' ', n);
  loc O;
  bool found = find_locator(s, pos, &O);
  memcpy(s->w + ca, saved, n);
  free(saved);
  s->never = never;
  /* a copy with the "Vol Page" label of scraped pages is one whatever
   * stands between ("2002b.", "Available: URL.", "ISSN ... (Linking).") */
  bool labelled = ca < L->a;
  if (!found || O.b > ca)
    return;
  size_t fo[2];
  first_page(s, O.p, fo);
  if (!labelled && !notes_between(s, O.b, ca) && !trailing_copy(s, &O, L, fo, fl))
    return;
  if (same_span(s, O.v, L->v) || same_span(s, fo, fl))
    *L = O;
}

/* "ISSAC'96 (1996)", "CP’04": a conference acronym's two-digit year at
 * v, an apostrophe glued to a word before it and no digit after it. */
static bool acronym_year(const st *s, size_t v) {
  if (v < 2 || v + 1 >= s->n || !ascii_digit(s->w[v]) || !ascii_digit(s->w[v + 1]) ||
      (v + 2 < s->n && ascii_digit(s->w[v + 2])))
    return false;
  if (s->w[v - 1] == '\'')
    return ascii_alpha(s->w[v - 2]);
  return v >= 4 && at_lit(s, v - 3, "\xe2\x80\x99", 3) && ascii_alpha(s->w[v - 4]);
}

/* find_locator with the acronym years of [pos, n) hidden: "In Proceedings
 * of ... ISSAC'96 (1996), pages 35-39" has no volume 96. */
static bool find_locator_no_acronyms(st *s, size_t pos, loc *L) {
  size_t hid[8], nh = 0;
  /* each year has an apostrophe right before it: "'" or the last byte
   * of "’" (most references have neither) */
  size_t rest = pos + 1 < s->n ? s->n - pos - 1 : 0;
  bool apostrophe = rest && (memchr(s->w + pos + 1, '\'', rest) || memchr(s->w + pos + 1, 0x99, rest));
  for (size_t q = pos + 2; apostrophe && q + 1 < s->n && nh < 8; q++)
    if (s->w[q - 1] != ' ' && acronym_year(s, q)) {
      hid[nh++] = q;
      q++;
    }
  if (!nh)
    return find_locator(s, pos, L);
  char saved[8][2];
  uint64_t never = s->never;
  for (size_t k = 0; k < nh; k++) {
    memcpy(saved[k], s->w + hid[k], 2);
    memset(s->w + hid[k], ' ', 2);
  }
  bool found = find_locator(s, pos, L);
  for (size_t k = 0; k < nh; k++)
    memcpy(s->w + hid[k], saved[k], 2);
  s->never = never;
  return found;
}

/* Whether the value at v has a label before it ("vol. 1984", "Bd. 1999"):
 * a letter or a stop right before it past white space, other than a
 * month's name ("avril 2008"). */
static bool labelled_before(const st *s, size_t v) {
  size_t k = v;
  while (k > 0 && s->w[k - 1] == ' ')
    k--;
  if (k == 0 || s->w[k - 1] == ',' || s->w[k - 1] == '(' || s->w[k - 1] == ':')
    return false;
  size_t w = k;
  while (w > 0 && (ascii_alpha(s->w[w - 1]) || (unsigned char)s->w[w - 1] >= 0x80))
    w--;
  return !(w < k && rpi_lex_month(s->w + w, k - w));
}

/* Whether the year at v closes an imprint: right after a comma, a
 * semicolon or a space, the phrase before it (from the last comma,
 * semicolon or colon) is a known city or a region ("Lille, 1999, 65-74",
 * "Paris 1998, 433"), a publisher's name ("Open UP, 2010: 17-34",
 * "Schindele Verlag 1982, 46-59", "University of Southern California;
 * 1977:1-330"), or the publisher of a sentence's "Place: Publisher"
 * ("Peterborough, Ontario: Frost Centre ..., 1997: 108-27"). */
static bool imprint_year(const st *s, size_t pos, size_t v) {
  size_t k = v;
  while (k > pos && s->w[k - 1] == ' ')
    k--;
  if (k <= pos + 2)
    return false;
  bool sep = s->w[k - 1] == ',' || s->w[k - 1] == ';';
  if (!sep && !ascii_alpha(s->w[k - 1]) && (unsigned char)s->w[k - 1] < 0x80)
    return false;
  size_t e = sep ? k - 1 : k, c = e;
  while (c > pos && s->w[c - 1] != ',' && s->w[c - 1] != ';' && s->w[c - 1] != ':' && e - c < 120)
    c--;
  if (c == pos || e - c >= 120)
    return false;
  size_t a = skip_sp(s, c);
  if (a >= e)
    return false;
  if (rpi_imprint_has_publisher_word(s, a, e))
    return true;
  /* "Edinburgh: Polygon, 2006: 88-104": a publisher after a sentence's
   * "Place:" */
  if (sep && s->w[c - 1] == ':') {
    size_t q = c - 1;
    while (q > pos && !(s->w[q - 1] == ' ' && q >= pos + 2 && s->w[q - 2] == '.') && c - q < 80)
      q--;
    if ((q == pos || s->w[q - 1] == ' ') && rpi_imprint_starts_at(s, q, e))
      return true;
  }
  if (!sep) {
    /* "Paris 1998": the last one to three words are a known city */
    size_t w = e;
    for (int n = 0; n < 3 && w > a; n++) {
      while (w > a && s->w[w - 1] != ' ')
        w--;
      if (rpi_imprint_cities(s, w, e))
        return true;
      while (w > a && s->w[w - 1] == ' ')
        w--;
    }
    return false;
  }
  int seg = rpi_imprint_seg(s, a, e);
  return seg == SEG_CITY || (seg == SEG_REGION && e - a > 3);
}

/* Whether a GB/T 7714 mark of a book, thesis, proceedings, report or
 * collection ("[M]", "[D]", "[C]", "[R]", "[A]", "[G]", "[M/OL]") is
 * printed. */
static bool gbt_monograph(const st *s) {
  for (const char *p = memchr(s->w, '[', s->n); p; p = memchr(p + 1, '[', s->n - (size_t)(p + 1 - s->w))) {
    size_t q = (size_t)(p - s->w) + 1;
    if (q + 1 < s->n && s->w[q + 1] == ']' && strchr("MDCRAG", s->w[q]) && s->w[q] != '\0')
      return true;
    if (q + 4 < s->n && at_lit(s, q, "M/OL]", 5))
      return true;
  }
  return false;
}

/* Whether a year other than the four digits at v is printed anywhere:
 * four digits of the lexicon's years, not inside a longer number. */
static bool other_year(const st *s, size_t v) {
  for (size_t q = 0; q + 4 <= s->n; q++) {
    if (!ascii_digit(s->w[q]) || (q > 0 && ascii_digit(s->w[q - 1])))
      continue;
    size_t e = q;
    while (e < s->n && ascii_digit(s->w[e]))
      e++;
    if (e - q == 4 && rpi_lex_is_year(s->w + q) && memcmp(s->w + q, s->w + v, 4) != 0)
      return true;
    q = e;
  }
  return false;
}

/* APA's "Forum Qualitative Sozialforschung, 17(3), Art. 12.", "20(2),
 * Article 7": an article number after the volume and issue, a comma
 * between, is the page (the e-locator); L ends after it. */
static void article_number_after(const st *s, loc *L) {
  size_t k = skip_sp(s, L->b);
  if (k + 6 >= s->n || s->w[k] != ',')
    return;
  k = skip_sp(s, k + 1);
  size_t l = at_lit(s, k, "Art. ", 5) ? 5 : at_lit(s, k, "Article ", 8) ? 8 : 0;
  if (!l)
    return;
  size_t a = skip_sp(s, k + l), e = a;
  while (e < s->n && ascii_digit(s->w[e]))
    e++;
  if (e == a || e - a > 8 || (e < s->n && (ascii_alpha(s->w[e]) || s->w[e] == '-' || s->w[e] == '(')))
    return;
  L->p[0] = a;
  L->p[1] = e;
  L->b = e;
}

/* Whether the locator L reads "ABBR YYYY, PAGE" at the reference's end
 * (after pos): the volume a year right after a short name of two to six
 * letters with two capitals or more and no stop ("NJW", "JZ", "NVwZ",
 * "JuS"), then a comma and the pages, and no other year printed but the
 * pages' digits ("JHEP 1703, 101 (2017)" has a volume). */
static bool law_journal_year(const st *s, size_t pos, const loc *L) {
  size_t v = L->v[0];
  if (L->v[1] != v + 4 || !rpi_lex_is_year(s->w + v) || L->v[1] >= s->n || s->w[L->v[1]] != ',' ||
      v < pos + 4 || s->w[v - 1] != ' ' || L->p[0] < L->v[1])
    return false;
  size_t z = L->b;
  while (z < s->n && (s->w[z] == ' ' || s->w[z] == '.'))
    z++;
  if (z < s->n)
    return false;
  size_t w = v - 1;
  while (w > pos && s->w[w - 1] != ' ' && s->w[w - 1] != ',')
    w--;
  size_t len = v - 1 - w;
  int caps = 0;
  for (size_t q = w; q < v - 1; q++) {
    if (!ascii_alpha(s->w[q]))
      return false;
    caps += s->w[q] >= 'A' && s->w[q] <= 'Z';
  }
  if (len < 2 || len > 6 || caps < 2 || !(s->w[w] >= 'A' && s->w[w] <= 'Z'))
    return false;
  for (size_t q = pos; q + 4 <= s->n; q++) {
    if (!ascii_digit(s->w[q]) || (q > 0 && ascii_digit(s->w[q - 1])))
      continue;
    size_t e = q;
    while (e < s->n && ascii_digit(s->w[e]))
      e++;
    if (e - q == 4 && q != v && (q < L->p[0] || q >= L->p[1]) && rpi_lex_is_year(s->w + q) && memcmp(s->w + q, s->w + v, 4) != 0)
      return false;
    q = e;
  }
  return true;
}

/* "Trans. Amer. Math. Soc. 347, (1995), 2235-2243", "J. ACM 27(4) pp.
 * 633-655", "L'Information géographique 75.1, 2011, p. 15-36",
 * "magazine, 41, (1), p. 3": a locator read without its volume, which
 * stands right before it after the journal's name; the volume (and an
 * issue in brackets, after a dot or in brackets after a comma) joins it,
 * over a bracketed year between them. Not a year ("Journal, 2001, p. 5"
 * is dated). */
static void volume_before(const st *s, size_t pos, loc *L) {
  if (L->v[0] != UNSET || L->p[0] == UNSET || L->i[0] != UNSET || L->a <= pos + 4)
    return;
  size_t e = L->a;
  while (e > pos && (s->w[e - 1] == ' ' || s->w[e - 1] == ','))
    e--;
  size_t ia = UNSET, ib = UNSET;
  /* "41, (1)": the issue in brackets, then the volume before a comma */
  if (e > pos + 3 && s->w[e - 1] == ')') {
    size_t d = e - 1;
    while (d > pos && ascii_digit(s->w[d - 1]))
      d--;
    if (d == e - 1 || d == pos || s->w[d - 1] != '(')
      return;
    if (e - 1 - d == 4 && rpi_lex_is_year(s->w + d)) {
      /* "347, (1995), 2235-2243": the date in brackets, read with the year */
    } else if (e - 1 - d > 3) {
      return;
    } else {
      ia = d, ib = e - 1;
    }
    e = d - 1;
    while (e > pos && (s->w[e - 1] == ' ' || s->w[e - 1] == ','))
      e--;
  }
  size_t d = e;
  while (d > pos && ascii_digit(s->w[d - 1]))
    d--;
  if (d == e || e - d > 4 || d <= pos + 3)
    return;
  if (ia == UNSET && d >= pos + 5 && s->w[d - 1] == '.' && ascii_digit(s->w[d - 2])) {
    /* "75.1": the volume, a dot, the issue */
    size_t v = d - 1;
    while (v > pos && ascii_digit(s->w[v - 1]))
      v--;
    if (v == d - 1 || d - 1 - v > 4)
      return;
    ia = d, ib = e;
    e = d - 1;
    d = v;
  }
  /* after the journal's name: a letter or an abbreviation's stop, then a
   * space or a comma */
  if (d < pos + 3 || (s->w[d - 1] != ' ' && s->w[d - 1] != ',') ||
      !(ascii_alpha(s->w[d - 2]) || s->w[d - 2] == '.' || s->w[d - 2] == ',' || (unsigned char)s->w[d - 2] >= 0x80))
    return;
  if (e - d == 4 && rpi_lex_is_year(s->w + d))
    return;
  /* "Publishers Weekly, March 23, 1984, 34-35": a day after its month */
  if (ia == UNSET && e - d <= 2 && month_before(s, pos, d))
    return;
  L->v[0] = d, L->v[1] = e;
  if (ia != UNSET)
    L->i[0] = ia, L->i[1] = ib;
  L->a = d;
}

/* "The Prelude: The Four Texts (1798, 1799, 1805, 1850)": a bracket
 * holding nothing but three years or more, joined by commas, dashes or
 * "and", around the span [a, b): the dates of a title, not a locator. */
static inline bool year_list_byte(char c) {
  return ascii_digit(c) || c == ',' || c == ' ' || c == '-' || c == '/' || c == 'a' || c == 'n' || c == 'd';
}

static bool years_bracket(const st *s, size_t a, size_t b) {
  /* only what such a bracket holds lies between the span and its
   * brackets: the walks stop at the first other byte */
  size_t o = a, c = b;
  while (o > 0 && a - o < 60 && year_list_byte(s->w[o - 1]))
    o--;
  while (c < s->n && c - b < 60 && year_list_byte(s->w[c]))
    c++;
  if (o == 0 || s->w[o - 1] != '(' || c >= s->n || s->w[c] != ')')
    return false;
  size_t years = 0;
  for (size_t q = o; q < c;) {
    if (q + 4 <= c && rpi_lex_is_year(s->w + q) && (q + 4 == c || !ascii_digit(s->w[q + 4]))) {
      years++;
      q += 4;
    } else if (s->w[q] == ',' || s->w[q] == ' ' || s->w[q] == '-' || s->w[q] == '/') {
      q++;
    } else if (at_lit(s, q, "and ", 4)) {
      q += 4;
    } else {
      return false;
    }
  }
  return years >= 3;
}

/* Chicago's note for a book cites pages as a list after the imprint's
 * bracket: "(New York: Library of America, 1989), 28, 29.", "..., 1983),
 * 427, 426.": the two numbers read as volume and page are the pages. */
static void cited_page_list(const st *s, loc *L) {
  if (L->v[0] == UNSET || L->p[0] == UNSET || L->i[0] != UNSET || L->p[0] < L->v[1] + 2 ||
      s->w[L->v[1]] != ',' || skip_sp(s, L->v[1] + 1) != L->p[0] || L->a < 8)
    return;
  size_t c = L->a;
  while (c > 0 && s->w[c - 1] == ' ')
    c--;
  if (c < 8 || s->w[c - 1] != ',' || s->w[c - 2] != ')' || !rpi_lex_is_year(s->w + c - 6))
    return;
  /* the bracket: "(Place: Publisher, Year)" */
  size_t o = c - 2;
  while (o > 0 && s->w[o - 1] != '(' && s->w[o - 1] != ')' && c - 2 - o < 120)
    o--;
  if (o == 0 || s->w[o - 1] != '(' || !memchr(s->w + o, ':', c - 2 - o))
    return;
  L->p[0] = L->v[0];
  L->v[0] = L->v[1] = UNSET;
}

/* Whether the lone labelled number of L names a musical work, "Symphony
 * No. 5 in C Minor, Op. 67", "Piano Concerto No. 1, Op. 15", "Ballade
 * No. 1": a key (" in " and a note's letter) or an opus or catalogue
 * number (", Op. ", ", BWV ", ", K. ", ", D. ") after it, or a musical
 * form's word before the label. */
static bool musical_number(const st *s, const loc *L) {
  size_t k = L->i[1];
  if (at_lit(s, k, " in ", 4) && k + 5 < s->n && s->w[k + 4] >= 'A' && s->w[k + 4] <= 'G' &&
      (s->w[k + 5] == ' ' || s->w[k + 5] == '-' || s->w[k + 5] == ',' || (unsigned char)s->w[k + 5] >= 0x80))
    return true;
  static const char *const cat[] = {", Op. ", ", op. ", ", BWV ", ", K. ", ", D. ", ", Hob. ", NULL};
  for (size_t c = 0; cat[c]; c++)
    if (at_lit(s, k, cat[c], strlen(cat[c])))
      return true;
  static const char *const forms[] = {"Symphony", "Concerto", "Sonata", "Quartet", "Quintet", "Trio", "Ballade",
                                      "Nocturne", "Prelude", "Suite", "Serenade", "Rhapsody", "Partita",
                                      "Impromptu", "Mazurka", "Polonaise", "Waltz", "Scherzo", "Cantata",
                                      "Sinfonie", "Symphonie", "Sonate", "Konzert", NULL};
  size_t e = L->a;
  while (e > 0 && s->w[e - 1] == ' ')
    e--;
  size_t b = e;
  while (b > 0 && ascii_alpha(s->w[b - 1]))
    b--;
  for (size_t f = 0; forms[f] && e > b; f++)
    if (e - b == strlen(forms[f]) && at_lit(s, b, forms[f], e - b))
      return true;
  return false;
}

/* German "v." (vom) before a newspaper's date ("FAZ v. 12.3.2001", "Der
 * Tagesspiegel v. 1. 3. 1996"), which LVOL does not read as a volume:
 * blanked, so that the newspaper's name ends before it. */
static void vom_date(st *s, size_t pos) {
  for (size_t k = pos; k + 8 < s->n; k++) {
    if (s->w[k] != ' ' || s->w[k + 1] != 'v' || s->w[k + 2] != '.')
      continue;
    size_t q = skip_sp(s, k + 3), f = 0;
    for (int part = 0; part < 2; part++) {
      size_t d = q;
      while (q < s->n && q - d < 3 && ascii_digit(s->w[q]))
        q++;
      if (q == d || q - d > 2 || q >= s->n || s->w[q] != '.')
        break;
      q = skip_sp(s, q + 1);
      f = part + 1;
    }
    size_t y = q;
    while (q < s->n && ascii_digit(s->w[q]))
      q++;
    /* (a date printed with spaces, "1. 3. 1996", which no date reader
     * takes whole, loses its day and month with the label: the year
     * stays for the date stage) */
    if (f == 2 && (q - y == 4 || q - y == 2) && (q >= s->n || !ascii_alpha(s->w[q])))
      blank(s, k + 1, memchr(s->w + k + 3, ' ', y - k - 3) ? y : k + 3);
  }
}

bool rpi_stage_locators(st *s, size_t pos, size_t in_at, size_t in_after, loc *L) {
  if (rpi_scan_has_lit(s, pos, s->n, " v.", 3))
    vom_date(s, pos);
  bool have = find_locator_no_acronyms(s, pos, L);
  /* Nature's "in Proc. 37th ICML 4512-4521 (PMLR, 2020).": the pages and
   * the bracketed imprint closing a chapter are the chapter's */
  if (have && in_at != UNSET && in_at < L->a) {
    size_t np = rpi_stage_chapter_nature_pages(s, in_after);
    /* (and a volume of the book before them: "in Advances in Neural
     * Information Processing Systems Vol. 9 (eds ...) 473-479 (MIT Press,
     * 1997)", the chapter's too) */
    if (np != UNSET && (L->b > np || (L->fam == LOC_LABEL_ONE && L->p[0] == UNSET)))
      have = false;
  }
  if (have && years_bracket(s, L->a, L->b))
    have = false;
  /* "thèse de doctorat, Université Lyon 2, 2012", "PhD thesis, University
   * of Paris 8, 2004": a university's number and the year after a thesis
   * note are no volume and page */
  if (have && L->v[0] != UNSET && L->p[0] != UNSET && L->i[0] == UNSET && L->p[1] == L->p[0] + 4 &&
      L->v[1] <= L->v[0] + 2 && rpi_lex_is_year(s->w + L->p[0]) && skip_sp(s, L->p[1]) + 1 >= s->n) {
    size_t ge;
    size_t tn = rpi_scan_thesis_note(s, pos, L->a, &ge);
    if (tn != UNSET && tn < L->a)
      have = false;
  }
  /* "Strafrecht Allgemeiner Teil, Bd. I, 4. Aufl., München 2006": the
   * number after a labelled volume is the edition's, not a page */
  if (have && L->v[0] != UNSET && L->p[0] != UNSET && L->i[0] == UNSET && L->p[1] > L->p[0] &&
      L->p[1] - L->p[0] <= 2 && L->p[0] > L->v[1] && at_lit(s, L->p[1], ". Aufl", 6)) {
    L->p[0] = L->p[1] = UNSET;
    L->b = L->v[1];
    L->fam = LOC_LABEL_ONE;
  }
  /* "Symphony No. 5 in C Minor, Op. 67. Kassel: Bärenreiter": a musical
   * work's number is its title's, no issue */
  if (have && L->fam == LOC_LABEL_ONE && L->i[0] != UNSET && L->v[0] == UNSET && L->p[0] == UNSET &&
      musical_number(s, L))
    have = false;
  /* Chicago's "The History of Sexuality, vol. 1 (New York: Pantheon,
   * 1978)": the bracket read as the date of "vol. 1" opens with a book's
   * imprint; the labelled volume alone is the locator */
  if (have && L->fam == LOC_WHOLE && L->v[0] != UNSET && L->i[0] == UNSET && L->p[0] == UNSET &&
      L->v[0] >= L->a + 4 && (at_lit(s, L->a, "vol. ", 5) || at_lit(s, L->a, "Vol. ", 5))) {
    size_t o = skip_sp(s, L->v[1]);
    if (o < L->b && s->w[o] == '(' && rpi_imprint_starts_at(s, o + 1, L->b)) {
      L->fam = LOC_LABEL_ONE;
      L->b = L->v[1];
      L->y[0] = L->y[1] = UNSET;
    }
  }
  /* "Coronavirus disease 2019 (COVID-19).": a bracketed acronym (three
   * capitals in a row) after a year is the title's, no issue */
  if (have && L->i[0] != UNSET && L->p[0] == UNSET && L->v[0] != UNSET && L->i[1] > L->i[0] + 3) {
    int run = 0, best = 0;
    for (size_t q = L->i[0]; q < L->i[1]; q++) {
      run = s->w[q] >= 'A' && s->w[q] <= 'Z' ? run + 1 : 0;
      best = run > best ? run : best;
    }
    if (best >= 3)
      have = false;
  }
  /* OECD's "PISA 2018 Results (Volume I): What Students Know and Can Do,
   * OECD Publishing": a volume in brackets with a subtitle after it is
   * the title's */
  if (have && L->fam == LOC_LABEL_ONE && L->v[0] != UNSET && L->p[0] == UNSET) {
    size_t o = L->a, z = skip_sp(s, L->b);
    while (o > pos && s->w[o - 1] == ' ')
      o--;
    if (z < s->n && s->w[z] == ')' && ((o > pos && s->w[o - 1] == '(') || s->w[L->a] == '(') && z + 1 < s->n &&
        s->w[z + 1] == ':')
      have = false;
  }
  if (have && (s->p->flags & RP_OPT_DEDUP_LOCATORS))
    prefer_original(s, pos, L);
  if (have && L->fam >= LOC_APA && in_at != UNSET && L->a < in_at)
    have = false;
  /* "In: ... Kassel 2009, 45-61": in a chapter, a year after the place is
   * the date, not a volume ("vol 1763" is a volume: it has its label) */
  if (have && in_at != UNSET && in_at < L->a && L->fam != LOC_LABELLED && L->fam != LOC_LABEL_ONE &&
      L->v[0] != UNSET && L->i[0] == UNSET && L->p[0] != UNSET &&
      L->v[1] - L->v[0] == 4 && rpi_lex_is_year(s->w + L->v[0]) && L->v[0] >= 2 && s->w[L->v[0] - 1] == ' ' &&
      ascii_alpha(s->w[L->v[0] - 2])) {
    if (L->y[0] == UNSET) {
      L->y[0] = L->v[0];
      L->y[1] = L->v[1];
    }
    L->v[0] = L->v[1] = UNSET;
  }
  /* "Travail et Emploi, 2005, n° 2, pp. 21-29", "New York: Holt, 1995,
   * 1–20", "Magazine, avril 2008, n°237. p. 28-32": an unlabelled year
   * and a comma before the issue or the pages is the date, not a volume,
   * when no other year is printed ("JHEP 1606, 004 (2016)", "AIP Conf.
   * Proc. 1701, 040007 (2016)" are volumes; "2017: 1-7" stays) */
  if (have && L->v[0] != UNSET && (L->i[0] != UNSET || L->p[0] != UNSET) && L->v[1] - L->v[0] == 4 &&
      rpi_lex_is_year(s->w + L->v[0]) && L->v[1] < s->n && s->w[L->v[1]] == ',' &&
      ((!labelled_before(s, L->v[0]) && !other_year(s, L->v[0])) || imprint_year(s, pos, L->v[0]))) {
    if (L->y[0] == UNSET) {
      L->y[0] = L->v[0];
      L->y[1] = L->v[1];
    }
    L->v[0] = L->v[1] = UNSET;
  }
  /* German law journals: "Müller, Titel, NJW 2010, 2061.", "JZ 1995,
   * 123", "NVwZ 2004, 1041-1046": the short name (capitals, no stop), the
   * year and the first page close the reference; there is no volume */
  if (have && L->v[0] != UNSET && L->i[0] == UNSET && L->p[0] != UNSET && law_journal_year(s, pos, L)) {
    if (L->y[0] == UNSET) {
      L->y[0] = L->v[0];
      L->y[1] = L->v[1];
    }
    L->v[0] = L->v[1] = UNSET;
    s->law_year = true;
  }
  /* GB/T 7714 books, theses, proceedings and chapters: "北京: 科学出版社,
   * 2018: 45-52", the year and the pages cited after the imprint */
  if (have && L->v[0] != UNSET && L->i[0] == UNSET && L->p[0] != UNSET && L->v[1] - L->v[0] == 4 &&
      rpi_lex_is_year(s->w + L->v[0]) && L->v[1] < s->n && s->w[L->v[1]] == ':' && L->v[0] >= 2 &&
      ((s->w[L->v[0] - 1] == ' ' && s->w[L->v[0] - 2] == ',' && gbt_monograph(s)) || imprint_year(s, pos, L->v[0]))) {
    if (L->y[0] == UNSET) {
      L->y[0] = L->v[0];
      L->y[1] = L->v[1];
    }
    L->v[0] = L->v[1] = UNSET;
  }
  /* "Urban Studies, vol. 47, no. 10, 2010", "Journal of Social Inclusion
   * 2 (1) 2011.", "La Physiophile, 56, 2012.": a year after the volume or
   * the issue, with no page printed, is the date, not a page: the
   * reference's year, or the only year printed when none was read yet
   * ("Phys. Rev. Lett. 80, 2063 (1998)" keeps its page; so does a page
   * label before it, "p. 1999") */
  if (have && L->p[0] != UNSET && (L->v[0] != UNSET || L->i[0] != UNSET) && L->p[1] - L->p[0] == 4 &&
      rpi_lex_is_year(s->w + L->p[0]) && L->p[0] > pos + 1 &&
      (L->p[1] >= s->n || !ascii_digit(s->w[L->p[1]]))) {
    size_t k = L->p[0];
    while (k > pos && s->w[k - 1] == ' ')
      k--;
    const char *year = s->r->field[RP_FIELD_YEAR];
    if (k > pos && (s->w[k - 1] == ',' || s->w[k - 1] == ')' || ascii_digit(s->w[k - 1])) &&
        (year ? strlen(year) == 4 && memcmp(year, s->w + L->p[0], 4) == 0 : !other_year(s, L->p[0]))) {
      if (L->y[0] == UNSET)
        L->y[0] = L->p[0], L->y[1] = L->p[1];
      L->p[0] = L->p[1] = UNSET;
      /* "J. Am. Dent. Assoc., 114: 341, 1987", "Virology, 187 : 633,
       * 1992": then a number of three digits after the volume's colon is
       * the page, no issue */
      if (L->v[0] != UNSET && L->i[0] != UNSET && L->i[1] - L->i[0] == 3 && L->i[0] > L->v[1] &&
          rpi_scan_all_digits(s, L->i[0], L->i[1])) {
        size_t c = skip_sp(s, L->v[1]);
        if (c < L->i[0] && s->w[c] == ':' && skip_sp(s, c + 1) == L->i[0]) {
          L->p[0] = L->i[0], L->p[1] = L->i[1];
          L->i[0] = L->i[1] = UNSET;
        }
      }
    }
  }
  if (have && L->p[0] == UNSET && (L->v[0] != UNSET || L->i[0] != UNSET))
    article_number_after(s, L);
  if (have)
    volume_before(s, pos, L);
  if (have)
    cited_page_list(s, L);
  if (have) {
    s->labelled = (L->fam == LOC_LABELLED || L->fam == LOC_LABEL_ONE) && L->a + 1 < s->n && s->w[L->a] == 'v' && s->w[L->a + 1] == '.';
    set_locator(s, L);
  }
  return have;
}
