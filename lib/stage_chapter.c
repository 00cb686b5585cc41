/*
 * stage_chapter.c: chapters in edited books: the "In:" marker, the editors,
 * the book title, its pages and imprint.
 */
#include "stage.h"

#include <stdint.h>
#include <string.h>

#include "container.h"
#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "names.h"
#include "scan.h"
#include "title.h"
#include "utf8.h"

/* Does a proceedings or event name follow the "In" marker at q (wl bytes
 * long)? ", in Third International Conference on Logic Programming" */
static bool event_after(const st *s, size_t q, size_t wl, size_t b) {
  /* right after it, "the" aside: the start of a proceedings name or an
   * event word (lib/data/proceedings_starts.txt, event_words.txt) */
  size_t k = q + wl + 1;
  if (at_lit(s, k, "the ", 4))
    k += 4;
  bool proc = q + wl + 12 < b && k < b &&
              (rpi_imprint_proc_at(s, k) || rpi_lex_at(RPI_LEX_EVENT_WORDS, s->w + k, b - k));
  if (!proc && q + wl + 1 < b && s->w[q + wl] == ' ' && s->w[q + wl + 1] >= 'A' && s->w[q + wl + 1] <= 'Z') {
    /* ", in Third International Conference on Logic Programming" */
    /* a word of lib/data/event_words.txt before the first '.' or ',' */
    size_t lim = q + wl + 80 < b ? q + wl + 80 : b;
    for (size_t z = q + wl + 1; z < lim && !proc; z++)
      if (s->w[z] == '.' || s->w[z] == ',')
        break;
      else
        proc = rpi_lex_at(RPI_LEX_EVENT_WORDS, s->w + z, lim - z) != 0;
  }
  return proc;
}

/* After ", in " at q: a quoted journal ("«Rivista»") or an editor mark
 * ("(a cura di)") within the sentence. */
static bool italian_marker(const st *s, size_t q, size_t wl, size_t b) {
  bool ital;
  size_t k2 = skip_sp(s, q + wl);
  unsigned qc = 0;
  if (k2 < b)
    rpi_utf8_decode((const unsigned char *)s->w + k2, b - k2, &qc);
  ital = qc == 0xAB || qc == 0x201C || qc == '"';
  size_t lim = k2 + 90 < b ? k2 + 90 : b;
  for (size_t z = k2; z < lim && !ital; z++) {
    if (s->w[z] == '.' && z + 1 < b && s->w[z + 1] == ' ' && z > k2 + 3 && s->w[z - 2] != ' ' &&
        s->w[z - 2] != '.')
      break;
    if (s->w[z] == '(') /* a bracketed mark of lib/data/editor_marks.txt */
      ital = rpi_lex_at(RPI_LEX_EDITOR_MARKS, s->w + z, s->n - z) != 0;
    else if (s->w[z] == ',') /* "in Storia d'Italia, a cura di R. Romano" */
      ital = at_lit(s, z, ", a cura di ", 12);
  }
  return ital;
}

/* GSA's ", in Miall, A.D., ed., The Sedimentary Basins ...", ", in
 * Burchfiel, B.C., Lipman, P.W., and Zoback, M.L., eds., The Cordilleran
 * Orogen": after a lower-case "in" at q (wl bytes), a name list closed by
 * ", ed.," or ", eds.,". */
static bool gsa_editors_after(const st *s, size_t q, size_t wl, size_t b) {
  size_t k = skip_sp(s, q + wl);
  if (k >= b || !rpi_is_upper((unsigned char)s->w[k]))
    return false;
  rpi_namelist el;
  if (!rpi_names_parse_any(s->w, k, b, &el) || el.end > b)
    return false;
  size_t e = el.end;
  while (e < b && (s->w[e] == ' ' || s->w[e] == ','))
    e++;
  return e > el.end && (at_lit(s, e, "ed., ", 5) || at_lit(s, e, "eds., ", 6));
}

/* AGU's ", in Antarctic Research Series, vol. 77, edited by J. Smith, pp.
 * 123-145", Italian ", in Storia d'Italia. Annali, vol. 18, a cura di C.
 * De Seta, Torino", German ", in Handbuch, hrsg. von ...": after a
 * lower-case "in" at q (wl bytes) and a capital, an editors' phrase after
 * a comma within 200 bytes. */
/* Where the names start after an editors' phrase opening at the comma z
 * (", edited by ", ", a cura di ", ", hrsg. von ", ", éd. par "...), or 0. */
static size_t editors_phrase_at(const st *s, size_t z) {
  static const char *const marks[] = {"edited by ", "ed. by ", "a cura di ", "hrsg. von ", "hrsg. v. ", "hg. von ",
                                      "hg. v. ", "herausgegeben von ", "\xc3\xa9" "d. par ",
                                      "\xc3\xa9" "dit\xc3\xa9" " par ", NULL};
  if (z + 2 >= s->n || s->w[z] != ',' || s->w[z + 1] != ' ')
    return 0;
  for (size_t m = 0; marks[m]; m++) {
    size_t l = strlen(marks[m]);
    if (at_lit(s, z + 2, marks[m], l))
      return z + 2 + l;
  }
  return 0;
}

/* Italian and French ", in Storia d'Italia, Torino, Einaudi, 2004, pp.
 * 321-358": after a lower-case "in" at q (wl bytes) and a capital, a
 * known city between commas within 200 bytes, and the pages cited with
 * their label ("p.", "pp.", "S.") after it. */
static bool city_pages_after(const st *s, size_t q, size_t wl, size_t b) {
  size_t k = skip_sp(s, q + wl);
  if (k >= b || !rpi_is_upper((unsigned char)s->w[k]))
    return false;
  for (size_t z = k; z < b && z < k + 200; z++) {
    if (s->w[z] != ',')
      continue;
    size_t ca = skip_sp(s, z + 1), ce = ca;
    while (ce < b && s->w[ce] != ',')
      ce++;
    if (ce >= b || !rpi_lex_is_city(s->w + ca, ce - ca))
      continue;
    for (size_t p = ce; p + 4 < b; p++)
      if (s->w[p] == ' ' && s->w[p - 1] == ',' &&
          (at_lit(s, p + 1, "pp. ", 4) || at_lit(s, p + 1, "p. ", 3) || at_lit(s, p + 1, "S. ", 3)))
        return true;
    return false;
  }
  return false;
}

static bool edited_by_after(const st *s, size_t q, size_t wl, size_t b) {
  size_t k = skip_sp(s, q + wl);
  if (k >= b || !rpi_is_upper((unsigned char)s->w[k]))
    return false;
  /* (a series' abbreviations may stand between: "Geophys. Monogr. Ser.,
   * vol. 154, edited by") */
  for (size_t z = k; z + 12 < b && z < k + 200; z++)
    if (s->w[z] == ',' && editors_phrase_at(s, z))
      return true;
  return false;
}

/* Chicago's notes: ", in Novels, 1871-1880 (New York: Library of America,
 * 1983), 886", ", in Essays on the Midwest, ed. Paul Brown (Chicago: ...,
 * 1999), 45-67": after a lower-case "in" at q (wl bytes) and a capital, the
 * book's imprint in brackets (a colon and a year in them) within 200
 * bytes, or its ", ed. " first. */
static bool bracket_imprint_after(const st *s, size_t q, size_t wl, size_t b) {
  size_t k = skip_sp(s, q + wl);
  if (k >= b || !rpi_is_upper((unsigned char)s->w[k]))
    return false;
  for (size_t z = k; z < b && z < k + 200; z++) {
    if (s->w[z] == ',' && (at_lit(s, z, ", ed. ", 6) || at_lit(s, z, ", eds. ", 7)))
      return true;
    if (s->w[z] != '(')
      continue;
    bool colon = false, year = false;
    for (size_t c = z + 1; c < b && c < z + 120 && s->w[c] != ')' && s->w[c] != '('; c++) {
      colon |= s->w[c] == ':';
      year |= c + 4 <= b && rpi_lex_is_year(s->w + c) && !ascii_digit(s->w[c - 1]) &&
              (c + 4 == b || !ascii_digit(s->w[c + 4]));
    }
    return colon && year;
  }
  return false;
}

/* German and French humanities' ", in Michael Bauer, Städtisches
 * Handwerk ...", ", in M. Bauer und K. Weber, Title": after a lower-case
 * "in" at q (wl bytes), a person's name in natural order (a given name of
 * the lists or an initial first, two to four capitalised words, or two
 * names joined by "und", "and", "et" or "&"), then a comma and a
 * capital. */
static bool names_comma_after(const st *s, size_t q, size_t wl, size_t b) {
  size_t k = skip_sp(s, q + wl), words = 0;
  bool first = true;
  while (k < b && k < q + wl + 80) {
    size_t e = k;
    while (e < b && s->w[e] != ' ' && s->w[e] != ',')
      e++;
    if (e == k)
      return false;
    bool initial = e - k == 2 && s->w[k + 1] == '.' && rpi_is_upper((unsigned char)s->w[k]);
    bool joiner = (e - k == 3 && (at_lit(s, k, "und", 3) || at_lit(s, k, "and", 3))) ||
                  (e - k == 2 && at_lit(s, k, "et", 2)) || (e - k == 1 && s->w[k] == '&');
    unsigned cp = 0;
    rpi_utf8_decode((const unsigned char *)s->w + k, b - k, &cp);
    if (joiner) {
      if (first || words < 2)
        return false;
      first = true;
      words = 0;
    } else if (first) {
      if (!initial && !rpi_lex_is_given_name(s->w + k, e - k))
        return false;
      first = false;
      words = 1;
    } else if (!rpi_is_upper(cp) || ++words > 4 || (e > k && s->w[e - 1] == '.' && !initial)) {
      return false;
    }
    if (e < b && s->w[e] == ',') {
      size_t t = skip_sp(s, e + 1);
      unsigned tc = 0;
      if (t < b)
        rpi_utf8_decode((const unsigned char *)s->w + t, b - t, &tc);
      return words >= 2 && !first && rpi_is_upper(tc);
    }
    k = skip_sp(s, e);
  }
  return false;
}

/* A collection cited by its editors' names and year, listed elsewhere
 * in the bibliography, after a lower-case "in" at q (wl bytes): ", in
 * Fabre et al. 1996, p. 227-242", ", in Martin and Roux (1998), pp.
 * 45-60". One to three capitalised words, joined by "and", "et", "und",
 * "&" or ending in "et al.", then a year (maybe bracketed), then a comma
 * or a colon and the pages. */
static bool short_ref_after(const st *s, size_t q, size_t wl, size_t b) {
  size_t k = skip_sp(s, q + wl);
  int names = 0;
  while (k < b && names < 3) {
    unsigned cp = 0;
    rpi_utf8_decode((const unsigned char *)s->w + k, b - k, &cp);
    if (!rpi_is_upper(cp))
      break;
    size_t e = k;
    while (e < b && (ascii_alpha(s->w[e]) || s->w[e] == '-' || s->w[e] == '\'' || (unsigned char)s->w[e] >= 0x80))
      e++;
    if (e < k + 2 || e >= b || s->w[e] != ' ')
      return false;
    names++;
    k = skip_sp(s, e);
    if (at_lit(s, k, "et al. ", 7)) {
      k = skip_sp(s, k + 7);
      break;
    }
    if (at_lit(s, k, "and ", 4) || at_lit(s, k, "und ", 4) || at_lit(s, k, "et ", 3) || at_lit(s, k, "& ", 2))
      k = skip_sp(s, k + (s->w[k] == '&' ? 2 : s->w[k] == 'e' ? 3 : 4));
    else
      break;
  }
  if (!names)
    return false;
  if (k + 6 <= b && s->w[k] == '(' && s->w[k + 5] == ')' && rpi_scan_all_digits(s, k + 1, k + 5))
    k += 6;
  else if (k + 4 <= b && rpi_scan_all_digits(s, k, k + 4) && (k + 4 == b || !(ascii_alpha(s->w[k + 4]) || ascii_digit(s->w[k + 4]))))
    k += 4;
  else
    return false;
  if (k >= b || (s->w[k] != ',' && s->w[k] != ':'))
    return false;
  k = skip_sp(s, k + 1);
  return k < b && (ascii_digit(s->w[k]) || at_lit(s, k, "p.", 2) || at_lit(s, k, "pp.", 3) || at_lit(s, k, "S.", 2));
}

/* Nature's chapter: "Brox, T. in Medical Image Computing (eds Navab, N.
 * et al.) 234–241 (Springer, 2015).", "Title. in Handbook of Ecology (ed.
 * Brown, A.) 45–67 (Academic, 2001).": from k (a capital) to b the book
 * closes with its pages, then the publisher and the year in brackets.
 * *pa and *pe get the pages, *o the bracket's '(' and *pz the comma before
 * the year. False when [k, b) does not end so. */
static bool nature_tail(const st *s, size_t k, size_t b, size_t *pa, size_t *pe, size_t *o, size_t *pz) {
  if (k >= b || !(s->w[k] >= 'A' && s->w[k] <= 'Z'))
    return false;
  size_t e = b;
  while (e > k && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  /* "(Springer, 2015)": a comma and a year closing the bracket */
  if (e < k + 12 || s->w[e - 1] != ')' || !rpi_lex_is_year(s->w + e - 5) || s->w[e - 6] != ' ' || s->w[e - 7] != ',')
    return false;
  size_t q = e - 7;
  while (q > k && s->w[q] != '(' && s->w[q] != ')')
    q--;
  if (q <= k + 2 || s->w[q] != '(' || s->w[q - 1] != ' ' || q + 1 >= e - 7)
    return false;
  /* the pages before it: "234-241", "112" */
  size_t z = q - 1, a = z;
  while (a > k && (ascii_digit(s->w[a - 1]) || s->w[a - 1] == '-')) /* (the dash unified) */
    a--;
  if (a >= z || a <= k || s->w[a - 1] != ' ' || !ascii_digit(s->w[a]) || !ascii_digit(s->w[z - 1]))
    return false;
  *pa = a, *pe = z, *o = q, *pz = e - 7;
  return true;
}

size_t rpi_stage_chapter_nature_pages(const st *s, size_t after) {
  size_t pa, pe, o, pz;
  return nature_tail(s, after, s->n, &pa, &pe, &o, &pz) ? pa : UNSET;
}

static bool nature_tail_after(const st *s, size_t q, size_t wl, size_t b) {
  size_t pa, pe, o, pz;
  return nature_tail(s, skip_sp(s, q + wl), b, &pa, &pe, &o, &pz);
}

/* The book of Nature's chapter after "in" ([a, b), nature_tail): its
 * title, the editors in "(eds ...)" or "(ed. ...)" after it, the pages
 * and the bracketed publisher. True when it read them. */
static bool nature_book(st *s, size_t a, size_t b) {
  size_t k = skip_sp(s, a), pa, pe, o, pz;
  if (!nature_tail(s, k, b, &pa, &pe, &o, &pz))
    return false;
  size_t ce = pa;
  for (size_t q = k; q + 5 < pa; q++) {
    if (s->w[q] != '(' || !(at_lit(s, q, "(eds ", 5) || at_lit(s, q, "(ed. ", 5)))
      continue;
    const char *c = memchr(s->w + q, ')', pa - q);
    size_t cl = c ? (size_t)(c - s->w) : UNSET;
    rpi_namelist el;
    if (cl == UNSET || !rpi_names_parse_any(s->w, q + 5, cl, &el) || skip_sp(s, el.end) < cl - 1)
      return false;
    rpi_fields_names(s, &el, RP_ROLE_EDITOR);
    if (el.et_al)
      s->r->et_al[RP_ROLE_EDITOR] = true;
    blank(s, q, cl + 1);
    ce = q;
    break;
  }
  size_t ca = k;
  trim(s->w, &ca, &ce);
  if (ce <= ca + 2)
    return false;
  /* the book's volume closing its title: "... Systems Vol. 9" */
  size_t vd = ce;
  while (vd > ca && ascii_digit(s->w[vd - 1]))
    vd--;
  if (vd < ce && vd > ca + 7 && (at_lit(s, vd - 6, " Vol. ", 6) || at_lit(s, vd - 6, " vol. ", 6)) &&
      !s->r->field[RP_FIELD_VOLUME]) {
    rpi_fields_set(s, RP_FIELD_VOLUME, vd, ce);
    ce = vd - 6;
  }
  rpi_container_set(s, ca, ce, UNSET);
  rpi_fields_set(s, RP_FIELD_PAGE, pa, pe);
  size_t ua = o + 1, ub = pz;
  trim(s->w, &ua, &ub);
  rpi_imprint_publisher_place(s, ua, ub);
  return true;
}

/* MNRAS's editors before the book: "Brown A., Green B., eds, Stellar
 * Populations. Springer, Berlin, p. 269": from k, names (surname first)
 * closed by ", eds, " or ", ed., " within 200 bytes. Returns where the
 * mark starts (its comma), UNSET when there is none. */
static size_t mnras_editors_end(const st *s, size_t k, size_t b) {
  if (k >= b || !rpi_is_upper((unsigned char)s->w[k]))
    return UNSET;
  for (size_t q = k + 3; q + 7 < b && q < k + 200; q++) {
    if (s->w[q] != ',')
      continue;
    if (at_lit(s, q, ", eds, ", 7) || at_lit(s, q, ", ed., ", 7) || at_lit(s, q, ", eds., ", 8))
      return q;
    if (s->w[q + 1] == ' ' && s->w[q + 2] == '(')
      return UNSET;
  }
  return UNSET;
}

/* "In vitro", "In Vitro Cell Dev Biol", "In vivo" are words, not "In" */
static bool latin_word(const st *s, size_t q, size_t wl, size_t b) {
  size_t k2 = skip_sp(s, q + wl);
  return k2 < b && rpi_lex_at(RPI_LEX_IN_WORDS, s->w + k2, b - k2) != 0; /* lib/data/in_words.txt */
}

/* Whether "Chap. 4" or "Chapter 12" ends at e (after a, and after a
 * sentence's stop or a closing quote). */
static bool chapter_number_before(const st *s, size_t a, size_t e) {
  size_t d = e;
  while (d > a && ascii_digit(s->w[d - 1]))
    d--;
  if (d == e || e - d > 3 || d < a + 2 || s->w[d - 1] != ' ')
    return false;
  size_t w = d - 1;
  if (w >= a + 5 && at_lit(s, w - 5, "Chap.", 5))
    w -= 5;
  else if (w >= a + 7 && at_lit(s, w - 7, "Chapter", 7))
    w -= 7;
  else
    return false;
  while (w > a && s->w[w - 1] == ' ')
    w--;
  size_t ps;
  unsigned c = w > a ? rpi_utf8_prev(s->w, w, &ps) : 0;
  return c == '.' || c == 0x201D || c == '"' || c == ',';
}

size_t rpi_stage_chapter_find(const st *s, size_t a, size_t b, size_t *after) {
  /* GB/T 7714 "Title[C]//Proceedings. Place: Publisher, 2018: 45-52",
   * "[M]//Editor. Book": "//" right after a document mark opens the
   * container */
  for (const char *p = a < b ? memchr(s->w + a, ']', b - a) : NULL; p;
       p = memchr(p + 1, ']', b - (size_t)(p + 1 - s->w))) {
    size_t q = (size_t)(p - s->w) + 1;
    if (q + 3 < b && s->w[q] == '/' && s->w[q + 1] == '/' && q >= a + 4 && s->w[q - 3] == '[') {
      *after = skip_sp(s, q + 2);
      return q;
    }
  }
  /* Finnish "Teoksessa P. Räsänen (toim.), Matematiikka (s. 10-40)": the
   * marker ("in the work") before the editors and their mark, looked for
   * from the mark back (the byte scan below knows no 't') */
  for (const char *p = a < b ? memchr(s->w + a, '(', b - a) : NULL; p;
       p = memchr(p + 1, '(', b - (size_t)(p + 1 - s->w))) {
    size_t m = (size_t)(p - s->w);
    if (!at_lit(s, m, "(toim.)", 7) && !at_lit(s, m, "(toim)", 6))
      continue;
    for (size_t q = m > a + 90 ? m - 90 : a + 2; q + 10 < m; q++)
      if (s->w[q] == 'T' && at_lit(s, q, "Teoksessa ", 10) && s->w[q - 1] == ' ' &&
          (s->w[q - 2] == '.' || s->w[q - 2] == '?' || s->w[q - 2] == '!')) {
        *after = skip_sp(s, q + 10);
        return q;
      }
    break;
  }
  /* Nature's "Brox, T. in Medical Image Computing (eds ...) 234-241
   * (Springer, 2015).", Vancouver's "Olsen GJ. In: Carver M, editors.
   * Book.": no chapter title, the marker right after the names */
  {
    size_t k = skip_sp(s, a);
    if (k > 1 && s->w[k - 1] == ' ' && s->w[k - 2] == '.') {
      if (at_lit(s, k, "in ", 3) && nature_tail_after(s, k, 2, b)) {
        *after = skip_sp(s, k + 2);
        return k;
      }
      if (at_lit(s, k, "In: ", 4)) {
        *after = skip_sp(s, k + 3);
        return k;
      }
    }
    /* German law's commentary: "Säcker, Franz Jürgen, in: Münchener
     * Kommentar zum BGB, Bd. 1, 7. Aufl., München 2015" */
    if (k > 1 && s->w[k - 1] == ' ' && s->w[k - 2] == ',' && at_lit(s, k, "in: ", 4)) {
      *after = skip_sp(s, k + 3);
      return k;
    }
    /* ApJ's "2006, in ASP Conf. Ser. 351, Title, ed. C. Gabriel (San
     * Francisco, CA: ASP), 112": "in" right after the date's comma, the
     * editors or a bracketed imprint after it */
    size_t pk = k;
    while (pk > 0 && s->w[pk - 1] == ' ')
      pk--;
    if (pk < k && pk > 0 && s->w[pk - 1] == ',' && at_lit(s, k, "in ", 3) &&
        (bracket_imprint_after(s, k, 2, b) || mnras_editors_end(s, skip_sp(s, k + 2), b) != UNSET)) {
      *after = skip_sp(s, k + 2);
      return k;
    }
  }
  for (size_t q = a + 1; q + 3 < b; q++) {
    /* every marker below follows a space, and starts with one of these bytes */
#if RPI_SSE2
    if (q + 16 <= b) { /* the same test as below, sixteen bytes at a time */
      rpi_v16 v = rpi_v16_load(s->w + q), l = rpi_v16_lower(v);
      unsigned m = rpi_v16_mask(rpi_v16_and(rpi_v16_eq(rpi_v16_load(s->w + q - 1), ' '),
                                        rpi_v16_or(rpi_v16_or(rpi_v16_eq(l, 'd'), rpi_v16_eq(l, 'i')),
                                                     rpi_v16_or(rpi_v16_eq(l, 'e'), rpi_v16_eq(v, '/')))));
      if (!m) {
        q += 15;
        continue;
      }
      q += (unsigned)__builtin_ctz(m);
      if (q + 3 >= b)
        break;
    } else
#endif
    if (q + 8 <= b) { /* to the first byte of [q, q + 8) after a space that is '/' or d, i, e in either case */
      uint64_t v = load8(s->w + q), l = v | 0x2020202020202020u;
      uint64_t m = space_bytes(load8(s->w + q - 1)) &
                   (byte_eq(l, 'd') | byte_eq(l, 'i') | byte_eq(l, 'e') | byte_eq(v, '/'));
      if (!m) {
        q += 7;
        continue;
      }
      q += first_byte(m);
      if (q + 3 >= b)
        break;
    }
    if (s->w[q - 1] != ' ')
      continue;
    switch (s->w[q]) {
    case '/': case 'd': case 'I': case 'i': case 'E': case 'e': case 'D': break;
    default: continue;
    }
    /* GOST (Russian) "Title // Journal. 2004. Vol. 5": "//" opens the
     * container; French ", dans Book" like ", in Book" */
    if (s->w[q] == '/' && s->w[q + 1] == '/' && s->w[q - 1] == ' ' && s->w[q + 2] == ' ' && q > a + 8) {
      *after = skip_sp(s, q + 2);
      return q;
    }
    if (s->w[q] == 'd' && at_lit(s, q, "dans ", 5) && q > a + 8 && s->w[q - 1] == ' ' && s->w[q - 2] == ',') {
      *after = skip_sp(s, q + 4);
      return q;
    }
    /* Norwegian, Danish, Swedish "I: F. Engelstad (red.), Mektige Norge":
     * "I" before editors with their bracketed mark */
    bool nordic = s->w[q] == 'I' && (s->w[q + 1] == ':' || s->w[q + 1] == ' ') && italian_marker(s, q, 1, b);
    bool cap = (s->w[q] == 'I' && s->w[q + 1] == 'n') || nordic;
    /* Spanish, French ", en P. Lara (ed.), Historia rural": a lower-case
     * "en" only before editors and their mark */
    bool low = (s->w[q] == 'i' && s->w[q + 1] == 'n') ||
               (s->w[q] == 'e' && s->w[q + 1] == 'n' && s->w[q + 2] == ' ' && italian_marker(s, q, 2, b)) ||
               /* Spanish "», en: A. Castillo (coord.), Escribir y leer" */
               (s->w[q] == 'e' && s->w[q + 1] == 'n' && s->w[q + 2] == ':' && q + 4 < b && s->w[q + 3] == ' ' &&
                rpi_is_upper((unsigned char)s->w[q + 4]) && italian_marker(s, q, 3, b));
    bool em = (s->w[q] == 'E' && (s->w[q + 1] == 'm' || s->w[q + 1] == 'n')) ||
              (s->w[q] == 'D' && q + 4 < b && at_lit(s, q, "Dans", 4));
    if (!cap && !low && !em)
      continue;
    size_t wl = (s->w[q] == 'D') ? 4 : nordic ? 1 : 2;
    char nx = s->w[q + wl];
    if (nx != ':' && nx != ' ')
      continue;
    if (nx == ' ' && q + wl + 1 < b && s->w[q + wl + 1] == ':') {
      wl++; /* French "In : Book" */
      nx = ':';
    }
    if (q > 0 && s->w[q - 1] != ' ')
      continue;
    size_t pq = q - 1;
    while (pq > a && s->w[pq] == ' ')
      pq--;
    size_t ps;
    unsigned prevc = rpi_utf8_prev(s->w, pq + 1, &ps);
    bool after_stop = prevc == '.' || prevc == '?' || prevc == '!' || prevc == 0x201D ||
                      prevc == '"' || prevc == ',' || prevc == ')';
    /* "“The Long “Sixties” in Britain.” History Today": the quote before
     * "in" closes one nested in the title's, whose own close comes later */
    size_t nqa, nqb, nqe;
    if ((prevc == 0x201D || prevc == '"') && rpi_scan_quoted(s, a, b, &nqa, &nqb, &nqe) && nqa <= pq && nqb > q)
      continue;
    /* "The Long “Sixties” in Provincial England.": a quoted word or two
     * inside the title's sentence (after a word of three letters or more,
     * no comma or stop inside its close) is no chapter's title */
    if ((prevc == 0x201D || prevc == '"') && low && ps > a && ascii_alpha(s->w[ps - 1])) {
      size_t o = ps, words = 0;
      while (o > a && words <= 4) {
        o--;
        if (s->w[o] == ' ')
          words++;
        else if (s->w[o] == '"' || at_lit(s, o, "\xe2\x80\x9c", 3))
          break;
      }
      if (o > a + 4 && words < 4 && s->w[o - 1] == ' ' && ascii_alpha(s->w[o - 2]) &&
          ascii_alpha(s->w[o - 3]) && ascii_alpha(s->w[o - 4]) &&
          (s->w[o] == '"' || at_lit(s, o, "\xe2\x80\x9c", 3)))
        continue;
    }
    if (prevc == 0x2019 && low) {
      /* "‘Title’ in Book": a closing single quote, when one was opened */
      after_stop = at_lit(s, skip_sp(s, a), "\xe2\x80\x98", 3);
    }
    /* Chicago "“Title.” Chap. 4 in Book, edited by ...": the chapter's
     * number before "in" */
    bool chap = low && nx == ' ' && chapter_number_before(s, a, pq + 1);
    if (!after_stop && !chap)
      continue;
    if (low && !chap && prevc != ',' && prevc != 0x201D && prevc != '"' && prevc != '.' && prevc != 0x2019 && prevc != ')')
      continue;
    bool proc = event_after(s, q, wl, b);
    bool nature = low && nx == ' ' && prevc == '.' && s->w[q] == 'i' && nature_tail_after(s, q, wl, b);
    /* Italian / French: ", in «Rivista», XXXII" and ", in G. Ferri (a cura
     * di), Religione e società" */
    bool ital = low && (prevc == ',' || prevc == ')') && nx == ' ' &&
                (italian_marker(s, q, wl, b) ||
                 (s->w[q] == 'i' && (short_ref_after(s, q, wl, b) || gsa_editors_after(s, q, wl, b) ||
                                     edited_by_after(s, q, wl, b) || names_comma_after(s, q, wl, b) ||
                                     bracket_imprint_after(s, q, wl, b) || city_pages_after(s, q, wl, b))));
    if ((em || low) && nx != ':' && !(low && proc && prevc == ',') && !ital && !chap && !nature) {
      /* lower-case "in" only after a closing quote: “Title,” in Book */
      bool closeq = false;
      if (prevc == ',' && pq > a) {
        size_t qs;
        unsigned qc = rpi_utf8_prev(s->w, pq, &qs);
        closeq = qc == '"' || qc == 0x201D || qc == 0x2019 || qc == '\'';
      }
      if (low && !closeq && !(prevc == 0x201D || prevc == '"' || prevc == 0x2019))
        continue;
      if (em && prevc != '.')
        continue;
    }
    if (prevc == ',' && proc) {
      size_t e = q + wl;
      *after = skip_sp(s, e);
      return q;
    }
    if (prevc == ',' && cap && nx != ':')
      continue;
    if (nx == ' ' && latin_word(s, q, wl, b))
      continue;
    if (em && nx == ' ' && s->w[q + wl + 1] >= 'a' && s->w[q + wl + 1] <= 'z') {
      /* Danish, Norwegian "En historisk introduktion": an article before
       * a lower-case word of four letters or more, not a marker */
      size_t we = q + wl + 1;
      while (we < b && ascii_alpha(s->w[we]))
        we++;
      if (we - (q + wl + 1) >= 4)
        continue;
    }
    size_t e = q + wl + (nx == ':' ? 1 : 0);
    *after = skip_sp(s, e);
    return q;
  }
  return UNSET;
}

/* Whether [a, b) holds only an imprint or nothing: "Würzburg 2006",
 * "New York: Peter Lang", "Parma, p.", "Weinheim u. München (Juventa)". */
static bool imprint_like(st *s, size_t a, size_t b) {
  while (a < b && (s->w[a] == ' ' || s->w[a] == ',' || s->w[a] == '.'))
    a++;
  trim(s->w, &a, &b);
  if (a >= b)
    return true;
  if (ascii_digit(s->w[a]) || at_lit(s, a, "p. ", 3) || at_lit(s, a, "pp.", 3) || at_lit(s, a, "S. ", 3))
    return true;
  size_t we = a;
  while (we < b && s->w[we] != ',' && s->w[we] != ':' && s->w[we] != '(' && s->w[we] != ';' &&
         !(s->w[we] == ' ' && we + 1 < b && ascii_digit(s->w[we + 1])))
    we++;
  size_t ce = we;
  while (ce > a && s->w[ce - 1] == ' ')
    ce--;
  if (ce > a && rpi_lex_is_city(s->w + a, ce - a))
    return true;
  /* a place: capitalised words before a colon, a bracket, a year or the end */
  if (ce > a && (we >= b || s->w[we] != ',' || skip_sp(s, we + 1) >= b) && rpi_imprint_place_words(s, a, ce))
    return true;
  return rpi_scan_count_words(s, a, b) <= 6 && rpi_imprint_has_publisher_word(s, a, b);
}

/* The first word at k, its length (letters, apostrophes, hyphens). */
static size_t word_len(const st *s, size_t k, size_t b) {
  size_t e = k;
  while (e < b && s->w[e] != ' ' && s->w[e] != ',' && s->w[e] != '.' && s->w[e] != '(' && s->w[e] != ':')
    e++;
  return e - k;
}

/* Chicago's "In Famulus Christi, ed. Gerald Bonner" and "In Structural,
 * Syntactic, and Statistical Pattern Recognition, eds. Terry Caelli, ...":
 * the words before a bare "ed."/"eds." at [k, mark) are the book's title,
 * not editors, when they open with neither an initial nor a given name
 * and a given name, or a list of two names or more, follows the mark. */
static bool book_before_ed(const st *s, size_t k, size_t mark) {
  size_t m = mark;
  while (m > k && s->w[m - 1] != ' ' && s->w[m - 1] != ',')
    m--;
  if (!(at_lit(s, m, "ed.", 3) || at_lit(s, m, "eds.", 4)))
    return false;
  size_t l = word_len(s, k, mark);
  if (l < 3 || (k + l < s->n && s->w[k + l] == '.') || rpi_lex_is_given_name(s->w + k, l))
    return false;
  size_t g = skip_sp(s, mark);
  size_t gl = word_len(s, g, s->n);
  if (gl >= 2 && rpi_lex_is_given_name(s->w + g, gl))
    return true;
  /* or two names or more: "eds. Terry Caelli, Adnan Amin, ..." */
  rpi_namelist el;
  return rpi_is_upper((unsigned char)s->w[g]) && rpi_names_parse_any(s->w, g, s->n, &el) >= 2;
}

/* Whether [a, b) holds a lower-case word of a title: four letters or more
 * and no name's particle, or a short English function word ("of" in
 * "Handbook of Combinatorics", "in" in "New Trends in Macroeconomics");
 * names have only particles and connectors ("van", "and", "und"). */
static bool title_word_in(const st *s, size_t a, size_t b) {
  for (size_t k = a; k < b; k++) {
    if (k > a && s->w[k - 1] != ' ')
      continue;
    size_t l = 0;
    while (k + l < b && s->w[k + l] >= 'a' && s->w[k + l] <= 'z')
      l++;
    if (l < 2 || (k + l < b && s->w[k + l] != ' ' && s->w[k + l] != ','))
      continue;
    static const lit_t small[] = {LIT("of"), LIT("in"), LIT("on"), LIT("to"), LIT("at"), LIT("for"), LIT("the"), {NULL, 0}};
    if (l >= 4 && !rpi_lex_is_particle(s->w + k, l))
      return true;
    for (const lit_t *w = small; w->s; w++)
      if (w->n == l && memcmp(s->w + k, w->s, l) == 0)
        return true;
  }
  return false;
}

/* "In Handbook of Combinatorics, R. Graham, M. Grotschel, and L. Lovasz,
 * Eds., vol. 2.", "In: A Manual of Acarology, Krantz G.W and D.E. Walter
 * Eds., Third Edition.", "in New Trends in Macroeconomics, Diebolt, C., and
 * Kyrtsou, C., (eds.), Springer Verlag.": the book title, a comma, then its
 * editors closed by their mark, or the whole in brackets ("Optics East
 * (M. F. Lipson and K. Asakawa, eds.)"). Returns the comma ending the book title,
 * with the editors in *el and the mark's end in *me, or UNSET. */
static size_t editors_closing_book(const st *s, size_t a, size_t b, rpi_namelist *el, size_t *me) {
  /* inside the first sentence: not a reprint's editors after the place
   * ("..., Timberline, OR, 1987. Reprinted in Readings, J. Allen (eds.)") */
  size_t fs = rpi_scan_first_stop(s, a, b);
  /* not a list of names that runs to the mark from the start ("Liang S,
   * Kimura T, Castellanos F, et al., editors."), unless its words are a
   * title's */
  if (rpi_names_parse_any(s->w, a, b, el) && rpi_scan_editor_mark(s, el->end) && !title_word_in(s, a, el->end))
    return UNSET;
  for (size_t q = a + 3; q < fs; q++) {
    if (s->w[q] != ',' && s->w[q] != '(')
      continue;
    size_t k = skip_sp(s, q + 1);
    if (k >= b || !rpi_is_upper((unsigned char)s->w[k]) || !rpi_names_parse_any(s->w, k, b, el))
      continue;
    size_t m = rpi_scan_editor_mark(s, el->end);
    /* "in Optics East (M. F. Lipson, ..., and K. Asakawa, eds.), pp.":
     * BibTeX's editors in brackets after the book title */
    if (s->w[q] == '(') {
      if (!m || m >= b || s->w[m] != ')')
        continue;
      m++;
    }
    if (!m)
      continue;
    /* the part before: a title by its lower-case words, or words with no
     * stop that open with no given name before editors with initials
     * ("Mediterranean Coastal Ecology, Roux, P., and Bellamy, J., (eds.)") */
    size_t fl = word_len(s, a, q);
    bool titled = title_word_in(s, a, q) ||
                  (!memchr(s->w + a, '.', q - a) && rpi_scan_count_words(s, a, q) >= 2 &&
                   !rpi_lex_is_given_name(s->w + a, fl) && memchr(s->w + k, '.', el->end - k));
    if (!titled)
      return UNSET;
    *me = m;
    return q;
  }
  return UNSET;
}

/* ABNT's and Citing Medicine's editors with no mark: "In: BRAIT, B.
 * Literatura e outras linguagens.", "In: Collet N, Toso BRGO, Vieira CS.
 * Manual de enfermagem em pediatria." A list whose given names are all
 * initials, closed by a stop and followed by a capitalised word, is the
 * editors; the book title follows. */
static bool initials_then_title(const st *s, const rpi_namelist *nl, size_t b) {
  if (!nl->n || nl->et_al || nl->end >= b)
    return false;
  for (size_t i = 0; i < nl->n; i++) {
    const char *g = nl->v[i].given;
    if (!g[0] || nl->v[i].literal)
      return false;
    for (; *g; g++)
      if (!((*g >= 'A' && *g <= 'Z') || *g == '.' || *g == ' ' || *g == '-'))
        return false;
  }
  /* not "Collected Papers I. The Problem of Social Reality": one name of
   * several words before a letter is a title and its volume */
  if (nl->n == 1 && memchr(s->w + nl->v[0].fam_a, ' ', nl->v[0].fam_b - nl->v[0].fam_a))
    return false;
  size_t e = nl->end;
  bool stop = s->w[e - 1] == '.';
  if (e < b && s->w[e] == '.')
    stop = true, e++;
  if (!stop || e >= b || s->w[e] != ' ')
    return false;
  e = skip_sp(s, e);
  unsigned cp = 0;
  if (e < b)
    rpi_utf8_decode((const unsigned char *)s->w + e, b - e, &cp);
  return rpi_is_upper(cp);
}

/* "in Robert K. Merton & Elinor Barber, The Travels and Adventures of
 * Serendipity", "in Johannes Cochlaeus, Historiae hussitarum": the
 * book's names with no editor's mark, then a comma and its capitalised
 * title. Every name has a given name, a common one (lib/data) or
 * initials, and no digit stands among them. */
static bool book_names(const st *s, const rpi_namelist *nl, size_t b) {
  size_t c = skip_sp(s, nl->end);
  if (!nl->n || nl->et_al || c >= b || s->w[c] != ',')
    return false;
  size_t t = skip_sp(s, c + 1);
  unsigned f = 0;
  if (t >= b || !rpi_utf8_decode((const unsigned char *)s->w + t, b - t, &f) || !rpi_is_upper(f) ||
      rpi_scan_count_words(s, t, b) < 2)
    return false;
  for (size_t i = 0; i < nl->n; i++) {
    const rpi_pname *p = &nl->v[i];
    size_t gl = strcspn(p->given, " ");
    bool initial = gl == 2 && p->given[1] == '.';
    if (p->literal || !gl || !(initial || rpi_lex_is_given_name(p->given, gl)))
      return false;
  }
  return true;
}

/* Whether [a, e) is a family name printed alone: capitalised, with a
 * small letter, maybe after particles ("van der Berg"), and not a common
 * given name. */
static bool family_alone(const st *s, size_t a, size_t e) {
  size_t lw = e;
  while (lw > a && s->w[lw - 1] != ' ')
    lw--;
  for (size_t w = a; w < lw;) { /* the words before the last: particles */
    size_t we = w;
    while (we < lw && s->w[we] != ' ')
      we++;
    if (!rpi_lex_is_particle(s->w + w, we - w))
      return false;
    w = skip_sp(s, we);
  }
  unsigned cp = 0;
  size_t l = rpi_utf8_decode((const unsigned char *)s->w + lw, e - lw, &cp);
  if (!l || !rpi_is_upper(cp) || e - lw <= l)
    return false;
  bool small = false; /* a small letter after the capital (any non-ASCII letter counts) */
  for (size_t q = lw + l; q < e; q++) {
    char c = s->w[q];
    if (ascii_digit(c) || (c != '-' && c != '\'' && !ascii_alpha(c) && (unsigned char)c < 0x80))
      return false;
    small |= (c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80;
  }
  return small && !rpi_lex_is_given_name(s->w + lw, e - lw);
}

/* Citing Medicine's editors when some are known by their family name
 * alone: "In: Whitcombe, Osei, editors.", "In: Dalton, editor.", "In:
 * Pryor J, Hunt, editors." Citing Medicine separates names with commas and
 * writes each as its family name and initials, so before its spelled-out
 * ", editors." a piece with no initials is a family name, not the given
 * name of an inverted "Whitcombe, Osei": when the list is Vancouver's (an
 * editor with initials, or the reference's authors, in that form) and the
 * mark's number agrees with the pieces ("editor": one; "editors": two or
 * more). Sets the editors and returns the mark's end, or UNSET. */
static size_t family_only_editors(st *s, size_t k, size_t b) {
  /* the mark first: most containers have none, and the list is large */
  if (!rpi_scan_has_lit(s, k, b, "editor", 6))
    return UNSET;
  static rpi_namelist empty;
  rpi_namelist nl = empty, one;
  bool van = false, alone = false;
  for (size_t p = k;;) {
    if (nl.n >= RPI_MAX_NAMES || p >= b)
      return UNSET;
    const char *cm = memchr(s->w + p, ',', b - p);
    if (!cm)
      return UNSET;
    size_t c = (size_t)(cm - s->w), e = c;
    while (e > p && s->w[e - 1] == ' ')
      e--;
    size_t lw = e;
    while (lw > p && s->w[lw - 1] != ' ')
      lw--;
    bool initials = lw > p && e - lw <= 4;
    for (size_t q = lw; q < e && initials; q++)
      initials = (s->w[q] >= 'A' && s->w[q] <= 'Z') || (s->w[q] == '-' && q > lw);
    if (initials) {
      if (rpi_names_parse(s->w, p, e, &one) != 1 || one.end < e || one.v[0].literal || !one.v[0].given[0])
        return UNSET;
      nl.v[nl.n] = one.v[0];
      van = true;
    } else {
      if (!family_alone(s, p, e))
        return UNSET;
      nl.v[nl.n].fam_a = p;
      nl.v[nl.n].fam_b = e;
      alone = true;
    }
    nl.n++;
    p = skip_sp(s, c + 1);
    size_t ml = at_lit(s, p, "editors", 7) ? 7 : at_lit(s, p, "editor", 6) ? 6 : 0;
    if (!ml)
      continue;
    if ((p + ml < b && ascii_alpha(s->w[p + ml])) || !alone || (ml == 6) != (nl.n == 1))
      return UNSET;
    if (!van) {
      rpi_namelist al;
      if (!s->names_end || !rpi_names_parse(s->w, skip_sp(s, 0), s->names_end, &al) || !rpi_names_vancouver(&al))
        return UNSET;
    }
    nl.total = nl.n;
    nl.end = p + ml;
    rpi_fields_names(s, &nl, RP_ROLE_EDITOR);
    return p + ml;
  }
}

/* The editors at the start of a chapter's container [a, b), before their
 * marker ("(eds)", "(Hrsg.)", "(a cura di)"), set when found. Returns
 * where the book title starts. */
static size_t chapter_editors(st *s, size_t a, size_t b) {
  rpi_namelist nl;
  size_t k = skip_sp(s, a);
  size_t fe = family_only_editors(s, k, b);
  size_t n = fe == UNSET ? rpi_names_parse_any(s->w, k, b, &nl) : 0;
  size_t ca = fe == UNSET ? k : fe;
  if (n) {
    size_t mark = rpi_scan_editor_mark(s, nl.end);
    if (mark && !book_before_ed(s, k, mark)) {
      rpi_fields_names(s, &nl, RP_ROLE_EDITOR);
      ca = mark;
    } else if (!mark && initials_then_title(s, &nl, b)) {
      rpi_fields_names(s, &nl, RP_ROLE_EDITOR);
      ca = nl.end;
    } else if (book_names(s, &nl, b)) {
      rpi_fields_names(s, &nl, RP_ROLE_EDITOR);
      ca = skip_sp(s, nl.end) + 1;
    }
  }
  ca = skip_sp(s, ca);
  while (ca < b && (s->w[ca] == ',' || s->w[ca] == '.' || s->w[ca] == ':'))
    ca = skip_sp(s, ca + 1);
  /* "in M. Carlisle-O. Levaniouk (edd.), Nine Essays": editors the name
   * grammar did not take still end at their marker */
  {
    size_t lim = ca + 120 < b ? ca + 120 : b;
    for (size_t q = ca; q < lim; q++) {
      if (s->w[q] != '(')
        continue;
      size_t l = rpi_lex_at(RPI_LEX_EDITOR_MARKS, s->w + q, s->n - q); /* a bracketed mark of lib/data/editor_marks.txt */
      if (l) {
        rpi_namelist el;
        if (!s->r->n_names[RP_ROLE_EDITOR] && rpi_names_parse_any(s->w, ca, q, &el))
          rpi_fields_names(s, &el, RP_ROLE_EDITOR);
        ca = skip_sp(s, q + l);
        while (ca < b && (s->w[ca] == ',' || s->w[ca] == '.' || s->w[ca] == ':'))
          ca = skip_sp(s, ca + 1);
        break;
      }
    }
  }
  return ca;
}

/* "in «Rivista di storia economica», XXXII, 2016": a quoted journal, then
 * its volume in Roman numerals. True when it set the container. */
static bool quoted_journal_volume(st *s, size_t ca, size_t b) {
  size_t qa, qb, qe;
  if (ca < b && (s->w[ca] == '"' || at_lit(s, ca, "\xc2\xab", 2) || at_lit(s, ca, "\xe2\x80\x9c", 3)) &&
      rpi_scan_quoted(s, ca, b, &qa, &qb, &qe) && qb > qa + 2 && (skip_sp(s, qe) >= b || s->w[skip_sp(s, qe)] == ',')) {
    rpi_container_set(s, qa, qb, UNSET);
    size_t v = qe;
    while (v < b && (s->w[v] == ',' || s->w[v] == ' '))
      v++;
    size_t re = rpi_scan_roman_end(s, v, b);
    /* the Roman volume over a "volume" that is only the year */
    const char *vol = s->r->field[RP_FIELD_VOLUME];
    bool year_vol = vol && strlen(vol) == 4 && rpi_lex_is_year(vol);
    if (re != UNSET && (!vol || year_vol)) {
      if (year_vol && !s->r->field[RP_FIELD_YEAR])
        rpi_result_set(s->r, RP_FIELD_YEAR, vol, 4, s->r->span[RP_FIELD_VOLUME].off, s->r->span[RP_FIELD_VOLUME].len);
      rpi_fields_set(s, RP_FIELD_VOLUME, v, re);
    }
    return true;
  }
  return false;
}

/* ", chapter 14", ", translated by ...", "(Oxford: OUP, 2003)", "(63-78)"
 * or the end of a proceedings name before ce: the book title's end. */
static size_t book_end(st *s, size_t ca, size_t b, size_t ce) {
  if (rpi_imprint_event_at(s, ca, b)) {
    /* an abbreviated name runs past its stops to its acronym or place */
    ce = rpi_imprint_proc_end(s, ca, b);
  } else {
    /* ", chapter 14", ", translated by ...", "(Oxford: OUP, 2003)", "(63-78)" */
    for (size_t q = ca; q + 6 < ce; q++) {
      size_t k1 = skip_sp(s, q + 1);
      if (s->w[q] == ',' && ascii_digit(s->w[k1]) && !s->r->field[RP_FIELD_PAGE]) {
        /* "Language Studies, 13-42. Jerusalem: Magnes." */
        size_t z = k1;
        while (z < ce && (ascii_digit(s->w[z]) || s->w[z] == '-'))
          z++;
        if (z == ce && memchr(s->w + k1, '-', z - k1)) {
          rpi_fields_pages(s, k1, z);
          blank(s, k1, z);
          ce = q;
          break;
        }
      }
      if (s->w[q] == ',' && (at_lit(s, k1, "chapter ", 8) || at_lit(s, k1, "chap. ", 6) ||
                             at_lit(s, k1, "translated by", 13) || at_lit(s, k1, "trans. ", 7) ||
                             at_lit(s, k1, "transl. ", 8))) {
        ce = q;
        break;
      }
      if (s->w[q] == '(' && q > ca + 3) {
        size_t z = q + 1;
        while (z < ce && s->w[z] != ')')
          z++;
        bool digits_only = z > q + 1;
        for (size_t y = q + 1; y < z; y++)
          digits_only &= ascii_digit(s->w[y]) || s->w[y] == '-' || s->w[y] == ' ';
        if (digits_only || rpi_imprint_has_publisher_word(s, q + 1, z) || memchr(s->w + q + 1, ':', z - q - 1)) {
          if (!digits_only && !s->r->field[RP_FIELD_PUBLISHER])
            rpi_imprint_publisher_place(s, q + 1, z);
          ce = q;
          break;
        }
      }
    }
  }
  return ce;
}

/* "(pp." or, with the editors after the book title (Chicago/MLA), ", ed."
 * or ", edited by" before *cep: the book title's end. True when it set the
 * editors, the container and the imprint. */
static bool editors_after_book(st *s, size_t ca, size_t b, size_t *cep) {
  size_t ce = *cep;
  /* AAA's "In Recapturing Anthropology: Working in the Present. Richard
   * G. Fox, ed. Pp. 137-162.": the editors in a sentence of their own
   * after the book title, the mark after them */
  for (size_t q = ca + 3; q + 8 < b; q++) {
    if (s->w[q] != '.' || !real_stop(s, ca, b, q))
      continue;
    size_t ns = skip_sp(s, q + 1);
    if (!rpi_is_upper((unsigned char)s->w[ns]))
      continue;
    rpi_namelist el;
    if (!rpi_names_parse_any(s->w, ns, b, &el) || el.end >= b)
      continue;
    size_t m = el.end;
    while (m < b && (s->w[m] == ' ' || s->w[m] == ','))
      m++;
    size_t ml = at_lit(s, m, "ed.", 3) ? 3 : at_lit(s, m, "eds.", 4) ? 4 : 0;
    if (!ml || m == el.end || (m + ml < b && s->w[m + ml] != ' '))
      continue;
    rpi_fields_names(s, &el, RP_ROLE_EDITOR);
    rpi_container_set(s, ca, q, UNSET);
    rpi_imprint_publisher_place(s, m + ml, b);
    return true;
  }
  /* Italian "in Pisa e il Mediterraneo. Uomini, merci, idee, a cura di M.
   * Tangheroni, Milano": the book's subtitle after a stop, then the
   * editors' phrase (not English, whose stop ends the book title): the
   * book title runs to it when no colon, bracket or digit stands between */
  size_t far = ce;
  if (ce < b && s->w[ce] == '.') {
    for (size_t q = ce + 1; q + 12 < b && q < ce + 160; q++) {
      if (s->w[q] == ':' || s->w[q] == '(' || ascii_digit(s->w[q]) || s->w[q] == '.')
        break;
      size_t ea = s->w[q] == ',' ? editors_phrase_at(s, q) : 0;
      if (ea && !at_lit(s, q + 2, "ed", 2)) {
        far = q + 4;
        break;
      }
    }
  }
  /* up to the stop itself: ", hg." may end the first sentence */
  for (size_t q = ca; q + 4 <= far; q++) {
    if (s->w[q] == '(' && (s->w[q + 1] == 'p' || s->w[q + 1] == 'S')) {
      ce = q;
      break;
    }
    if (s->w[q] == ',' && (at_lit(s, q, ", ed.", 5) || at_lit(s, q, ", edited", 8) ||
                           at_lit(s, q, ", eds.", 6) || at_lit(s, q, ", hrsg", 6) ||
                           at_lit(s, q, ", hg.", 5) || at_lit(s, q, ", a cura di ", 12))) {
      /* editors after the book title (Chicago/MLA; Italian "in Storia
       * d'Italia, a cura di R. Romano e C. Vivanti, Torino, ...") */
      size_t ea = q + 2;
      while (ea < b && s->w[ea] != ' ')
        ea++;
      if (at_lit(s, q, ", a cura di ", 12)) {
        ea = q + 11;
      } else if (at_lit(s, q, ", edited", 8)) {
        ea = skip_sp(s, ea);
        if (at_lit(s, ea, "and translated ", 15))
          ea = skip_sp(s, ea + 15);
        if (ea + 2 < ce && at_lit(s, ea, "by", 2))
          ea += 2;
      } else if (at_lit(s, q, ", ed", 4) && at_lit(s, skip_sp(s, ea), "by ", 3)) {
        ea = skip_sp(s, ea) + 2; /* MHRA's ", ed. by A. Name" */
      }
      ea = skip_sp(s, ea);
      if (at_lit(s, ea, "von ", 4)) /* ", hg. von J. Berger" */
        ea = skip_sp(s, ea + 4);
      rpi_namelist el;
      size_t lim = at_lit(s, q, ", hrsg", 6) || at_lit(s, q, ", hg.", 5) ? b : rpi_container_editors_end(s, ea, b);
      if (rpi_names_parse_any(s->w, ea, lim, &el))
        rpi_fields_names(s, &el, RP_ROLE_EDITOR);
      size_t rest = el.n ? el.end : ea;
      size_t cend = q;
      rpi_container_set(s, ca, cend, UNSET);
      rpi_imprint_publisher_place(s, rest, b);
      return true;
    }
  }
  *cep = ce;
  return false;
}

/* "Leben als Phänomen. Die Freiburger Phänomenologie im Ost-West-Dialog.
 * Würzburg 2006": the book title's subtitle sentences, when only the
 * imprint follows them. Returns the book title's end. */
static size_t subtitle_sentences(st *s, size_t ca, size_t b, size_t ce, size_t fs) {
  if (ce == fs && ce < b && s->w[ce] == '.' && !rpi_imprint_proc_at(s, ca)) {
    size_t e = ce;
    for (int step = 0; step < 3 && e < b; step++) {
      size_t ns = skip_sp(s, e + 1);
      size_t se = rpi_scan_first_stop(s, ns, b);
      /* APA's "Cities and regions. An introduction to urban sociology (pp.
       * 1-20). Berlin: Springer": the bracket of the pages cited ("pp.",
       * "p.", "S.", or cut or emptied by the stages that took its pages
       * or edition) ends the subtitle */
      bool pages_bracket = false;
      for (size_t q = ns + 3; q < se; q++)
        if (s->w[q] == '(' && s->w[q - 1] == ' ') {
          size_t z = q + 1;
          while (z < se && (s->w[z] == ' ' || s->w[z] == ','))
            z++;
          if (z >= se || s->w[z] == ')' || at_lit(s, z, "pp", 2) || at_lit(s, z, "p.", 2) || at_lit(s, z, "S.", 2)) {
            se = q - 1;
            pages_bracket = true;
          }
          break;
        }
      /* "Die widerspenstigen Erbinnen, Weinheim u. München": the imprint
       * may follow a comma */
      bool cut = false;
      for (size_t q = ns; q < se; q++)
        if (s->w[q] == ',' && imprint_like(s, q + 1, se)) {
          se = q;
          cut = true;
          break;
        }
      /* before such a comma or another place's colon, capitalised words
       * with connectors alone are the subtitle ("Erfahrungen aus der
       * Praxis, Weinheim u. München (Juventa)", "... Praxis. Weinheim u.
       * München: Juventa"), unless a known city or a publisher's word */
      size_t xa = ns, xb = se;
      trim(s->w, &xa, &xb);
      bool next = cut || (se < b && rpi_imprint_starts_at(s, skip_sp(s, se + 1), b));
      bool words_only = next && xb > xa && !memchr(s->w + xa, ':', xb - xa) && !memchr(s->w + xa, '(', xb - xa) &&
                        rpi_imprint_place_words(s, xa, xb) && !rpi_lex_is_city(s->w + xa, xb - xa) &&
                        !rpi_imprint_has_publisher_word(s, xa, xb);
      /* (before the pages bracket, such words are the subtitle too: "In
       * A. Meier (Hrsg.), Handbuch Inklusion. Grundlagen und Praxis (S.
       * 12-30). Weinheim: Beltz"; APA's imprint follows the bracket) */
      words_only |= pages_bracket && xb > xa && !memchr(s->w + xa, ':', xb - xa) &&
                    rpi_imprint_place_words(s, xa, xb) && !rpi_lex_is_city(s->w + xa, xb - xa) &&
                    !rpi_imprint_has_publisher_word(s, xa, xb);
      bool imprint = !words_only && imprint_like(s, ns, se);
      if (imprint || !rpi_imprint_subtitle_sentence(s, ns, se, next))
        break;
      e = se;
      if (pages_bracket || imprint_like(s, se, b)) {
        ce = se;
        break;
      }
    }
  }
  return ce;
}

/* "..., New York: Plenum Press": an imprint inside the book title's
 * sentence. True when it set the container and the imprint. */
static bool imprint_in_book(st *s, size_t ca, size_t ce, size_t b) {
  rpi_match pm;
  /* the first "Place: Publisher" that reads as one: a subtitle's colon
   * ("Boundary Wars: Intimacy and Distance ..., Cleveland: Pilgrim")
   * comes before it */
  for (size_t from = ca; from < ce && rpi_imprint_find_pubplace(s, from, ce, &pm) && pm.start < ce;) {
    int gp = G_PUBPLACE_PLACE;
    size_t pa = pm.g[gp][0];
    size_t cq = pa;
    while (cq > ca && s->w[cq - 1] != ',')
      cq--;
    int gu = G_PUBPLACE_PUB;
    size_t colon = pa;
    while (colon < pm.end && s->w[colon] != ':')
      colon++;
    /* a publisher's word, or a known city before the colon (", Cleveland:
     * Pilgrim, 1996") */
    size_t xa = cq, xb = colon;
    trim(s->w, &xa, &xb);
    /* the year closing the match may stand in the locator after ce
     * ("..., Oxford: Clarendon Press, 2008, pp. 27-38") */
    int gy = G_PUBPLACE_Y;
    bool year_after = pm.g[gy][0] != UNSET && pm.g[gy][0] >= ce && pm.g[gu][1] <= ce;
    if (cq > ca + 3 && pa - cq < 30 && (pm.end <= ce + 1 || year_after) && rpi_imprint_place_words(s, cq, colon) &&
        (rpi_imprint_has_publisher_word(s, pm.g[gu][0], pm.g[gu][1]) || rpi_lex_is_city(s->w + xa, xb - xa))) {
      rpi_container_set(s, ca, cq - 1, UNSET);
      /* "..., Roma: 22-28": the pages after the city, no publisher */
      if (colon < pm.end && ascii_digit(s->w[skip_sp(s, colon + 1)]))
        rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, xa, xb);
      else
        rpi_imprint_publisher_place(s, cq, b);
      return true;
    }
    /* "..., Three Centuries of Encounters Trenton NJ: Africa World Press":
     * a known city run on from the book title's words, a publisher's
     * word after the colon */
    size_t g = colon < pm.end ? rpi_imprint_glued_city(s, ca, colon, NULL) : UNSET;
    if (g != UNSET && g > ca + 3 && (pm.end <= ce + 1 || year_after) &&
        rpi_imprint_has_publisher_word(s, pm.g[gu][0], pm.g[gu][1])) {
      rpi_container_set(s, ca, g, UNSET);
      rpi_imprint_publisher_place(s, g, b);
      return true;
    }
    if (colon >= pm.end || colon + 1 <= from)
      break;
    from = colon + 1;
  }
  return false;
}

/* "Essays on the Verbal Arts, Seattle 1967, pp. 12-44": a place before
 * the year that ends the container. True when it set them. */
static bool place_before_year(st *s, size_t ca, size_t ce) {
  size_t pe = ce;
  /* (or the year closing the container itself: "in: Münchener Kommentar
   * zum BGB, 7. Aufl., München 2015.") */
  size_t ye = ce;
  while (ye > ca && (s->w[ye - 1] == ' ' || s->w[ye - 1] == '.'))
    ye--;
  bool closing_year = ye >= ca + 10 && rpi_scan_all_digits(s, ye - 4, ye) && rpi_lex_is_year(s->w + ye - 4) &&
                      s->w[ye - 5] == ' ' && (s->year_a == UNSET || s->year_a == ye - 4);
  if (closing_year)
    pe = ye - 4;
  while (pe > ca && s->w[pe - 1] == ' ')
    pe--;
  if ((closing_year || (s->year_a != UNSET && s->year_a >= pe && s->year_a <= pe + 2)) &&
      !s->r->field[RP_FIELD_PUBLISHER_PLACE]) {
    size_t lc = pe;
    while (lc > ca && s->w[lc - 1] != ',')
      lc--;
    if (lc > ca + 3 && rpi_imprint_place_words(s, lc, pe)) {
      /* without the period of a final abbreviation, as before a colon:
       * "Schwalbach/Ts. 2014" -> "Schwalbach/Ts" (not an initialism's:
       * "D.C.") */
      bool cut = s->w[pe - 1] == '.' && !(pe >= lc + 3 && s->w[pe - 3] == '.');
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, skip_sp(s, lc), cut ? pe - 1 : pe);
      size_t cz = lc - 1; /* (past an edition read: "BGB, , München") */
      while (cz > ca && (s->w[cz - 1] == ' ' || s->w[cz - 1] == ','))
        cz--;
      rpi_container_set(s, ca, cz, UNSET);
      return true;
    }
  }
  return false;
}

/* GSA's "The Sedimentary Basins of the United States and Canada:
 * Amsterdam, Elsevier" after the editors: true when it set the container
 * and the imprint. */
static bool colon_city_pub_in_book(st *s, size_t ca, size_t b) {
  size_t c, pa, pb, ua, ub;
  if (!rpi_imprint_colon_city_pub(s, ca, b, &c, &pa, &pb, &ua, &ub))
    return false;
  rpi_container_set(s, ca, c, UNSET);
  rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
  rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ub);
  return true;
}

/* ", Roma, Carocci" ending the book title: true when it set the container
 * and the imprint. */
static bool city_pub_in_book(st *s, size_t ca, size_t ce) {
  size_t c0, c1, u0, u1;
  size_t cc = rpi_imprint_city_pub_tail(s, ca, ce, &c0, &c1, &u0, &u1);
  if (cc != UNSET && cc > ca + 3) {
    rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, c0, c1);
    rpi_fields_set(s, RP_FIELD_PUBLISHER, u0, u1);
    rpi_container_set(s, ca, cc, UNSET);
    return true;
  }
  return false;
}

/* "Climate Change Management. Springer, Cham": Springer's chapter form
 * gives the series as a sentence of its own between the book and the
 * imprint "Publisher, Place". When the sentence at a has no digit, no
 * inner punctuation, no publisher's word and is no city, and what follows
 * it has a publisher's word and no colon, it is the collection title;
 * returns where the imprint starts (a when there is no series). */
static size_t series_before_imprint(st *s, size_t a, size_t b) {
  size_t sa = a;
  while (sa < b && (s->w[sa] == ' ' || s->w[sa] == '.' || s->w[sa] == ','))
    sa++;
  size_t p = rpi_scan_first_stop(s, sa, b);
  if (p >= b || p <= sa + 3 || s->r->field[RP_FIELD_COLLECTION_TITLE])
    return a;
  /* "Weinheim u. München (Juventa)", "Frankfurt a. M.": a one-letter word
   * in lower case before the stop is an abbreviation, not a sentence */
  if (s->w[p - 1] >= 'a' && s->w[p - 1] <= 'z' && s->w[p - 2] == ' ')
    return a;
  for (size_t q = sa; q < p; q++)
    if (ascii_digit(s->w[q]) || s->w[q] == ':' || s->w[q] == ',' || s->w[q] == ';' || s->w[q] == '.' ||
        s->w[q] == '(' || s->w[q] == ')')
      return a;
  /* the imprint after it in Springer's order, "Springer, Cham", not
   * "Baden-Baden: Nomos" (there the sentence is the book's subtitle:
   * "Lokale Politik. Akteure und Verfahren. Baden-Baden: Nomos") */
  if (memchr(s->w + p, ':', b - p))
    return a;
  unsigned f;
  rpi_utf8_decode((const unsigned char *)s->w + sa, p - sa, &f);
  if (!rpi_is_upper(f) || rpi_scan_count_words(s, sa, p) < 2 || rpi_imprint_has_publisher_word(s, sa, p) ||
      rpi_lex_is_city(s->w + sa, p - sa) || !rpi_imprint_has_publisher_word(s, p + 1, b))
    return a;
  rpi_fields_set(s, RP_FIELD_COLLECTION_TITLE, sa, p);
  return p + 1;
}

/* IEEE "in Formal Methods for Industrial Critical Systems, ser. Lecture
 * Notes in Computer Science, vol. 11119. Cham, Switzerland: Springer":
 * the book ends at ", ser." (the series label), the series runs to the
 * next comma or stop, the imprint follows. True when it set them. */
static bool ieee_series(st *s, size_t ca, size_t ce, size_t b) {
  static const char lab[] = ", ser";
  size_t l = sizeof lab - 1;
  if (ce < ca + l + 3 || ce + 2 >= b || s->w[ce] != '.' || memcmp(s->w + ce - l, lab, l) != 0)
    return false;
  size_t sa = skip_sp(s, ce + 1), se = sa;
  while (se < b && s->w[se] != ',' && s->w[se] != '.' && s->w[se] != ';')
    se++;
  size_t te = se;
  while (te > sa && s->w[te - 1] == ' ')
    te--;
  if (te <= sa + 3)
    return false;
  rpi_container_set(s, ca, ce - l, UNSET);
  rpi_fields_set(s, RP_FIELD_COLLECTION_TITLE, sa, te);
  if (se < b)
    rpi_imprint_publisher_place(s, se + 1, b);
  return true;
}

/* "In Proceedings of the ... Conference on Artificial Intelligence Pisa,
 * Italy", "... Multi-Agent Worlds Germany": a known city (or, with nothing
 * after it, a country) glued to the end of an event's name without its
 * comma, after a capitalised word or a bracket, not after a connector
 * ("... in Germany"). [ca, ce) is the container as found, maybe
 * with ", Country" or ", ST" after the city. Returns the space before the
 * place, or UNSET. */
static size_t glued_place(const st *s, size_t ca, size_t ce) {
  size_t e = ce;
  while (e > ca && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  size_t c = e;
  while (c > ca && s->w[c - 1] != ',')
    c--;
  size_t pe = e;
  if (c > ca) {
    size_t x = c, y = e;
    trim(s->w, &x, &y);
    if (!(y > x && (rpi_lex_is_country(s->w + x, y - x) ||
                    (y - x == 2 && s->w[x] >= 'A' && s->w[x] <= 'Z' && s->w[x + 1] >= 'A' && s->w[x + 1] <= 'Z'))))
      return UNSET;
    pe = c - 1;
  }
  size_t ws = pe;
  while (ws > ca && s->w[ws - 1] != ' ')
    ws--;
  if (ws < ca + 8 || ws == pe || !(s->w[ws] >= 'A' && s->w[ws] <= 'Z'))
    return UNSET;
  if (!rpi_lex_is_city(s->w + ws, pe - ws) && !(c <= ca && rpi_lex_is_country(s->w + ws, pe - ws)))
    return UNSET;
  /* only an event's name: a book's title may end with its subject's
   * place ("The Forbidden Best-Sellers of PreRevolutionary France") */
  if (!rpi_imprint_event_at(s, skip_sp(s, ca), ws))
    return UNSET;
  size_t p0 = ws - 1; /* the word before the place */
  while (p0 > ca && s->w[p0 - 1] != ' ')
    p0--;
  char last = s->w[ws - 2];
  if (!((s->w[p0] >= 'A' && s->w[p0] <= 'Z') || last == ')' || ascii_digit(last)))
    return UNSET;
  return ws - 1;
}

/* Whether a capital stands after the first byte of the word [a, e)
 * ("EuroPVM", "McGraw"). */
static bool has_inner_capital(const st *s, size_t a, size_t e) {
  for (size_t q = a + 1; q < e; q++)
    if (s->w[q] >= 'A' && s->w[q] <= 'Z')
      return true;
  return false;
}

/* Chicago's short form for a chapter of a collection listed elsewhere in
 * the bibliography: "In Prazniak and Dirlik, 15-51.", "in Hecht and Steere
 * (1970), pp. 43-96", "in: Hüni/Trawny 2002, 55–69". Two or three
 * capitalised words joined by "and", "&", "/" or commas (or one before a
 * bracketed year), maybe a bracketed year, and nothing else before the locator
 * are the editors' family names, which stand for the book; there is no
 * container. Sets the editors and returns true when it found them. */
static bool editors_short_form(st *s, size_t ca, size_t b) {
  /* not a journal after "In:" ("In: Materials and Corrosion 69 (2018)") */
  if (s->r->field[RP_FIELD_VOLUME] || s->r->field[RP_FIELD_ISSUE])
    return false;
  rpi_namelist nl;
  nl.n = 0;
  size_t k = ca;
  for (;;) {
    unsigned cp = 0;
    if (k >= b || nl.n >= 3)
      return false;
    rpi_utf8_decode((const unsigned char *)s->w + k, b - k, &cp);
    if (!rpi_is_upper(cp))
      return false;
    size_t e = k;
    while (e < b && (ascii_alpha(s->w[e]) || s->w[e] == '-' || s->w[e] == '\'' || (unsigned char)s->w[e] >= 0x80))
      e++;
    if (e < k + 2 || (e < b && s->w[e] == '.'))
      return false;
    memset(&nl.v[nl.n], 0, sizeof nl.v[nl.n]);
    nl.v[nl.n].fam_a = k;
    nl.v[nl.n].fam_b = e;
    nl.n++;
    k = skip_sp(s, e);
    /* ", Cole, and Varga": a comma before another name or the connector */
    size_t c = k < b && s->w[k] == ',' ? skip_sp(s, k + 1) : k;
    if (at_lit(s, c, "and ", 4) || at_lit(s, c, "& ", 2))
      k = skip_sp(s, c + (s->w[c] == '&' ? 1 : 3));
    else if (c > k && c < b && s->w[c] >= 'A' && s->w[c] <= 'Z')
      k = c;
    else if (c == e && c + 2 < b && s->w[c] == '/' && s->w[c + 1] >= 'A' && s->w[c + 1] <= 'Z' &&
             !(s->w[c + 2] >= 'A' && s->w[c + 2] <= 'Z') && !has_inner_capital(s, nl.v[nl.n - 1].fam_a, e))
      k = c + 1; /* "Hüni/Trawny 2002", not "EuroPVM/MPI" */
    else
      break;
  }
  const char *other;
  /* "(1970)" */
  bool year = k + 6 <= b && s->w[k] == '(' && rpi_scan_all_digits(s, k + 1, k + 5) && s->w[k + 5] == ')';
  /* one name stands for its book only before its bracketed year ("In:
   * Bauer (1999), pp. 33-48"); a word alone may be a journal's name */
  if ((nl.n < 2 && !year) || rpi_lex_journal(s->w + ca, nl.v[nl.n - 1].fam_b - ca, &other) != RPI_JOURNAL_NONE)
    return false;
  if (year)
    k = skip_sp(s, k + 6);
  while (k < b && (s->w[k] == ',' || s->w[k] == '.' || s->w[k] == ' '))
    k++;
  if (k < b)
    return false;
  nl.total = nl.n;
  nl.et_al = false;
  nl.end = k;
  nl.form = 0;
  nl.dropped_a = nl.dropped_b = 0;
  rpi_fields_names(s, &nl, RP_ROLE_EDITOR);
  return true;
}

/* "In: Pryor J, Hunt K, editors. 1987. p. 201-219.", "In: Whitcombe,
 * Osei, editors. p. 211-239.": Citing Medicine's chapter of a book known
 * by its editors alone. After the editors [ca, b) holds nothing but stops
 * or a year, which is the date, not the book's title. */
static bool no_book_title(const st *s, size_t ca, size_t b) {
  size_t q = ca;
  if (q + 4 <= b && rpi_lex_is_year(s->w + q) && (q + 4 == b || !ascii_digit(s->w[q + 4])) &&
      (q == 0 || !ascii_digit(s->w[q - 1])))
    q += 4;
  while (q < b && (s->w[q] == ' ' || s->w[q] == '.' || s->w[q] == ','))
    q++;
  return q >= b;
}

/* GB/T 7714's responsible names between "//" and the book: "[C]//中国计算机学会.
 * 第十届全国信息安全会议论文集. 北京: ...", "[M]//王明, 李华. 城市研究文集.":
 * right after "//", a sentence of CJK script (names or a body, split at
 * commas), then the book's own sentence (no imprint); or such names with
 * Citing Medicine's ", editors." after "In:". Sets them as the editors
 * (kept whole) and returns where the book starts, or a. */
static size_t gbt_responsible(st *s, size_t a, size_t b) {
  size_t k = a;
  while (k > 0 && s->w[k - 1] == ' ')
    k--;
  bool slashes = k >= 2 && s->w[k - 1] == '/' && s->w[k - 2] == '/';
  /* the names: CJK script, commas and spaces */
  size_t ne = a;
  while (ne < b && s->w[ne] != '.' && ((unsigned char)s->w[ne] >= 0x80 || s->w[ne] == ',' || s->w[ne] == ' '))
    ne++;
  size_t e = ne; /* the stop closing the names' sentence */
  if (ne < b && s->w[ne] != '.') {
    /* Citing Medicine's "In: 王明, 李华, editors. 城市研究文集." */
    if (ne >= a + 2 && at_lit(s, ne - 2, ", editors.", 10))
      e = ne + 7;
    else if (ne >= a + 2 && at_lit(s, ne - 2, ", editor.", 9))
      e = ne + 6;
    else
      return a;
    ne -= 2;
  } else if (!slashes) {
    return a;
  }
  size_t nb = e < b ? skip_sp(s, e + 1) : b;
  if (ne <= a || ne - a > 90 || nb >= b || (unsigned char)s->w[nb] < 0x80)
    return a;
  /* the book's sentence is no imprint ("北京: 电子工业出版社") */
  for (size_t q = nb; q < b && s->w[q] != '.'; q++)
    if (s->w[q] == ':')
      return a;
  for (size_t q = a; q < ne;) {
    size_t c = q;
    while (c < ne && s->w[c] != ',')
      c++;
    if (!rpi_fields_literal_name(s, q, c, RP_ROLE_EDITOR))
      return a;
    q = c < ne ? c + 1 : ne;
  }
  return nb;
}

/* After "In": editors, the book title, publisher. [a, b) excludes the
 * locator; returns true when it found a container. */
/* The book of MNRAS's chapter after "in" ([a, b), mnras_editors_end): the
 * editors, the book title up to its sentence's end, the "Publisher,
 * Place" imprint after it. True when it read them. */
static bool mnras_book(st *s, size_t a, size_t b) {
  size_t k = skip_sp(s, a), m = mnras_editors_end(s, k, b);
  if (m == UNSET)
    return false;
  rpi_namelist el;
  if (!rpi_names_parse_any(s->w, k, m, &el) || skip_sp(s, el.end) < m)
    return false;
  size_t ca = skip_sp(s, m + (at_lit(s, m, ", eds., ", 8) ? 7 : 6));
  size_t ce = rpi_scan_first_stop(s, ca, b);
  if (ce >= b || ce <= ca + 2)
    return false;
  rpi_fields_names(s, &el, RP_ROLE_EDITOR);
  rpi_container_set(s, ca, ce, UNSET);
  rpi_imprint_publisher_place(s, ce + 1, b);
  return true;
}

/* ApJ's and AJ's proceedings after "in" ([a, b)): "ASP Conf. Ser. 351,
 * Astronomical Data Analysis Software and Systems XV, ed. C. Gabriel & S.
 * Enrique (San Francisco, CA: ASP), 112", "IAU Symp. 241, Title, ed. A.
 * Vazdekis (Cambridge: Cambridge Univ. Press), 45". The reference closes
 * with the bracketed "Place: Publisher" and the first page after a comma;
 * ", ed." or ", eds." before the bracket opens the editors. A first comma
 * segment ending in a number is the series and its volume. True when it
 * read them. */
static bool apj_book(st *s, size_t a, size_t b) {
  size_t k = skip_sp(s, a), e = b;
  while (e > k && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  size_t pa = e;
  while (pa > k && (ascii_digit(s->w[pa - 1]) || s->w[pa - 1] == '-'))
    pa--;
  if (pa == e || pa < k + 12 || !ascii_digit(s->w[pa]) || s->w[pa - 1] != ' ' || s->w[pa - 2] != ',' || s->w[pa - 3] != ')')
    return false;
  size_t c = pa - 3, o = c - 1;
  while (o > k && s->w[o] != '(' && s->w[o] != ')')
    o--;
  if (o <= k || s->w[o] != '(' || !memchr(s->w + o, ':', c - o))
    return false;
  size_t m = UNSET, ml = 0;
  for (size_t q = k; q + 6 < o; q++)
    if (s->w[q] == ',' && (at_lit(s, q, ", ed. ", 6) || at_lit(s, q, ", eds. ", 7) || at_lit(s, q, ", eds ", 6)))
      m = q, ml = s->w[q + 5] == ' ' ? 6 : s->w[q + 5] == '.' ? 7 : 6;
  if (m == UNSET || m <= k + 3)
    return false;
  rpi_namelist el;
  if (!rpi_names_parse_any(s->w, m + ml, o, &el) || skip_sp(s, el.end) < o)
    return false;
  rpi_fields_names(s, &el, RP_ROLE_EDITOR);
  /* "ASP Conf. Ser. 351, ...", "IAU Symp. 241, ...": the series */
  size_t ca = k;
  const char *c1 = memchr(s->w + k, ',', m - k);
  if (c1) {
    size_t ce = (size_t)(c1 - s->w), d = ce;
    while (d > k && ascii_digit(s->w[d - 1]))
      d--;
    size_t se = d;
    while (se > k && s->w[se - 1] == ' ')
      se--;
    if (d < ce && se > k + 2 && se < d && s->w[se - 1] == '.' && !s->r->field[RP_FIELD_COLLECTION_TITLE]) {
      rpi_fields_set(s, RP_FIELD_COLLECTION_TITLE, k, se);
      if (!s->r->field[RP_FIELD_VOLUME])
        rpi_fields_set(s, RP_FIELD_VOLUME, d, ce);
      ca = skip_sp(s, ce + 1);
    }
  }
  rpi_container_set(s, ca, m, UNSET);
  if (!s->r->field[RP_FIELD_PAGE])
    rpi_fields_set(s, RP_FIELD_PAGE, pa, e);
  rpi_imprint_publisher_place(s, o + 1, c);
  return true;
}

static bool chapter_tail(st *s, size_t a, size_t b) {
  if (nature_book(s, a, b) || apj_book(s, a, b) || mnras_book(s, a, b))
    return true;
  {
    rpi_namelist el;
    size_t me, bk = editors_closing_book(s, skip_sp(s, a), b, &el, &me);
    if (bk != UNSET) {
      rpi_fields_names(s, &el, RP_ROLE_EDITOR);
      rpi_container_set(s, skip_sp(s, a), bk, UNSET);
      rpi_imprint_publisher_place(s, me, b);
      return true;
    }
  }
  size_t ca = gbt_responsible(s, a, b);
  if (ca == a)
    ca = chapter_editors(s, a, b);
  if (!s->r->n_names[RP_ROLE_EDITOR] && editors_short_form(s, ca, b))
    return true;
  if (s->r->n_names[RP_ROLE_EDITOR] && no_book_title(s, ca, b))
    return true;
  if (quoted_journal_volume(s, ca, b))
    return true;
  /* container ends at a real stop, "(pp.", ", ed." or ", edited by" */
  size_t ce = rpi_scan_first_stop(s, ca, b);
  size_t fs = ce;
  ce = book_end(s, ca, b, ce);
  if (editors_after_book(s, ca, b, &ce))
    return true;
  if (ce <= ca)
    return false;
  ce = subtitle_sentences(s, ca, b, ce, fs);
  if (ieee_series(s, ca, ce, b))
    return true;
  if (s->r->n_names[RP_ROLE_EDITOR] && colon_city_pub_in_book(s, ca, b))
    return true;
  if (imprint_in_book(s, ca, ce, b) || place_before_year(s, ca, ce) || city_pub_in_book(s, ca, ce))
    return true;
  {
    /* "Les villes futures, Armand Colin, Paris", "Urban Futures,
     * Springer-Verlag, New York": the book's comma imprint, the publisher
     * before its place; not when a "Place: Publisher" sentence follows,
     * before or after the pages ("..., Centre international de synthèse.
     * Paris: Armand Colin", "..., Recht und Gesellschaft (S. 14-40).
     * Gerdau: GEW") */
    bool later = false;
    for (size_t q = ce; q + 2 < s->n && !later; q++)
      later = s->w[q] == '.' && s->w[q + 1] == ' ' && rpi_imprint_starts_at(s, skip_sp(s, q + 1), s->n);
    size_t ci = later ? UNSET : rpi_imprint_comma_cut(s, ca, ce);
    if (ci != UNSET && ci > ca + 3) {
      rpi_container_set(s, ca, ci, UNSET);
      rpi_imprint_publisher_place(s, ci + 1, b);
      return true;
    }
  }
  {
    /* "Bildung im Einwanderungsland, Wiesbaden, 112–130": known places
     * alone after the book title */
    size_t cl = rpi_imprint_city_list_tail(s, ca, ce);
    if (cl == UNSET)
      cl = glued_place(s, ca, ce);
    if (cl != UNSET && cl > ca + 3)
      ce = cl;
  }
  rpi_container_set(s, ca, ce < b && (s->w[ce] == '?' || s->w[ce] == '!') ? ce + 1 : ce, UNSET);
  /* "..., Parma, p. 89-123" / "... Würzburg 2006, 107-120": a place alone
   * before the year or the pages */
  size_t ra = ce + 1, rb = b;
  while (ra < rb && (s->w[ra] == ' ' || s->w[ra] == ',' || s->w[ra] == '.'))
    ra++;
  while (rb > ra && (s->w[rb - 1] == ' ' || s->w[rb - 1] == ',' || s->w[rb - 1] == '.'))
    rb--;
  if (rb > ra && rpi_scan_count_words(s, ra, rb) <= 3 && rpi_imprint_place_words(s, ra, rb) && !rpi_imprint_has_publisher_word(s, ra, rb) &&
      !memchr(s->w + ra, ',', rb - ra) && !memchr(s->w + ra, '.', rb - ra)) {
    rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, ra, rb);
    return true;
  }
  rpi_imprint_publisher_place(s, series_before_imprint(s, ce + 1, b), b);
  return true;
}

/* MNRAS's chapter in a series' volume: "in Brown A., ed., ASP Conf. Ser.
 * Vol. 238, Stellar Populations. Astron. Soc. Pac., San Francisco, p.
 * 269". The locator took the volume and the pages; [a, b) before it holds
 * the editors and the series, the text between the volume and the pages
 * the book title and its "Publisher, Place". True when it read them. */
static bool mnras_series_volume(st *s, size_t a, size_t b, const loc *L) {
  if (!L || L->v[0] == UNSET || L->p[0] == UNSET || L->i[0] != UNSET || L->p[0] <= L->v[1] + 8)
    return false;
  size_t k = skip_sp(s, a), m = mnras_editors_end(s, k, b);
  if (m == UNSET)
    return false;
  size_t sa = skip_sp(s, m + (at_lit(s, m, ", eds., ", 8) ? 7 : 6)), se = b;
  while (se > sa && (s->w[se - 1] == ' ' || s->w[se - 1] == ','))
    se--;
  /* the book title after the volume's comma, to its sentence's end */
  size_t ca = L->v[1];
  while (ca < L->p[0] && (s->w[ca] == ',' || s->w[ca] == ' '))
    ca++;
  size_t ce = rpi_scan_first_stop(s, ca, L->p[0]);
  rpi_namelist el;
  if (se <= sa + 2 || ce >= L->p[0] || ce <= ca + 2 || !rpi_is_upper((unsigned char)s->w[ca]) ||
      !rpi_names_parse_any(s->w, k, m, &el) || skip_sp(s, el.end) < m)
    return false;
  rpi_fields_names(s, &el, RP_ROLE_EDITOR);
  rpi_fields_set(s, RP_FIELD_COLLECTION_TITLE, sa, se);
  rpi_container_set(s, ca, ce, UNSET);
  /* the pages' label goes ("San Francisco, p. 269") */
  size_t pe = L->p[0];
  while (pe > ce && s->w[pe - 1] == ' ')
    pe--;
  if (pe >= ce + 3 && (at_lit(s, pe - 2, "p.", 2) || at_lit(s, pe - 3, "pp.", 3)))
    pe -= s->w[pe - 3] == 'p' ? 3 : 2;
  rpi_imprint_publisher_place(s, ce + 1, pe);
  return true;
}

bool rpi_stage_chapter(st *s, size_t pos, size_t in_at, size_t in_after, size_t region_end, const loc *L) {
  /* Title. In: Editors (eds) Book. Publisher. */
  size_t ta = pos, tb = in_at;
  size_t qa, qb, after;
  if (rpi_scan_quoted(s, ta, tb, &qa, &qb, &after))
    rpi_title_set(s, qa, qb);
  else
    rpi_title_set(s, ta, tb);
  bool chapter = mnras_series_volume(s, in_after, region_end, L) || chapter_tail(s, in_after, region_end);
  /* AGU's "in Antarctic Research Series, vol. 77, edited by J. Smith, pp.
   * 123-145", Italian "in Storia d'Italia, vol. 18, a cura di C. De Seta,
   * Torino, Einaudi, 2004, pp. 321-358": the editors between the volume
   * and the pages (the imprint after them is read below) */
  if (L && L->v[0] != UNSET && L->p[0] != UNSET && L->p[0] > L->v[1] + 12 && !s->r->n_names[RP_ROLE_EDITOR]) {
    for (size_t q = L->v[1]; q + 12 < L->p[0]; q++) {
      size_t ea = s->w[q] == ',' ? editors_phrase_at(s, q) : 0;
      if (!ea)
        continue;
      rpi_namelist el;
      ea = skip_sp(s, ea);
      size_t lim = rpi_container_editors_end(s, ea, L->p[0]);
      if (rpi_names_parse_any(s->w, ea, lim, &el) && el.n) {
        rpi_fields_names(s, &el, RP_ROLE_EDITOR);
        blank(s, q, el.end); /* the comma after the names stays */
      }
      break;
    }
  }
  /* IEEE "in Book, vol. 11119. Cham, Switzerland: Springer, 2018, pp.
   * 87-102", "eds., Book, v. 1, Springer-Verlag, New York, pp. 209-216":
   * the imprint between the volume and the pages */
  if (L && L->v[0] != UNSET && L->p[0] != UNSET && L->p[0] > L->v[1] + 4 &&
      !(L->i[0] != UNSET && L->i[0] > L->v[1] && L->i[0] < L->p[0]) && !s->r->field[RP_FIELD_PUBLISHER] &&
      !s->r->field[RP_FIELD_PUBLISHER_PLACE] && rpi_imprint_has_publisher_word(s, L->v[1], L->p[0])) {
    /* the pages' label goes ("v. 1, Springer-Verlag, New York, pp. 209-216") */
    size_t pe = L->p[0];
    while (pe > L->v[1] && s->w[pe - 1] == ' ')
      pe--;
    size_t we = pe > L->v[1] && s->w[pe - 1] == '.' ? pe - 1 : pe;
    size_t lw = rpi_scan_word_before(s, we, L->v[1]);
    if ((we - lw == 2 && at_lit(s, lw, "pp", 2)) || (we - lw == 1 && (s->w[lw] == 'p' || s->w[lw] == 'S')))
      pe = lw;
    rpi_imprint_publisher_place(s, L->v[1], pe);
  }
  /* French "dans ... (dir.), Histoire de l'édition française, t. 2, Paris,
   * Promodis, 1984, p. 402-429": a known city and a publisher with no
   * publisher's word between the volume and the pages */
  if (L && L->v[0] != UNSET && L->p[0] != UNSET && L->p[0] > L->v[1] + 4 && L->i[0] == UNSET &&
      !s->r->field[RP_FIELD_PUBLISHER] && !s->r->field[RP_FIELD_PUBLISHER_PLACE]) {
    size_t pe = L->p[0];
    while (pe > L->v[1] && s->w[pe - 1] == ' ')
      pe--;
    size_t lw = rpi_scan_word_before(s, pe > L->v[1] && s->w[pe - 1] == '.' ? pe - 1 : pe, L->v[1]);
    if (at_lit(s, lw, "pp.", 3) || at_lit(s, lw, "p.", 2) || at_lit(s, lw, "S.", 2))
      pe = lw;
    size_t ca, ce, ua, ue;
    if (rpi_imprint_city_pub_tail(s, L->v[0], pe, &ca, &ce, &ua, &ue) != UNSET) {
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, ca, ce);
      rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ue);
    }
  }
  if (L && L->b < s->n)
    rpi_imprint_publisher_place(s, L->b, s->n);
  return chapter;
}
