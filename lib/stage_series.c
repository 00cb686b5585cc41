/*
 * stage_series.c: a series named with its label, as French, Spanish,
 * Portuguese, Italian and German lists print it:
 *
 *   "Paris, Gallimard, coll. « Bibliothèque des histoires », 1975."
 *   "Paris, Seuil (coll. L'univers historique), 1988."
 *   "Madrid, Espasa-Calpe (Colección Austral), 1941."
 *   "Opladen: Leske + Budrich (Reihe Politik), 1999."
 *
 * The name is the collection title. The label, the name, their quotes and
 * the brackets or the comma around them are taken out of the working copy,
 * so that the title and imprint around them read as if it were not there.
 * A number after the name ("coll. Folio, n° 123") is left to the stages
 * that follow (and reported unparsed when none reads it).
 *
 * Without a label, a bracket closing the reference after the year, with a
 * number at its end, is a series too:
 *
 *   "Rome, 1998 (Bibliothèque des Écoles françaises d'Athènes et de Rome, 300)."
 */
#include "stage.h"

#include <string.h>

#include "fields.h"
#include "scan.h"
#include "simd.h"
#include "utf8.h"

/* The labels, with the space after them. "collection" only in lower case
 * (a title may open with "Collection of ..."); "Reihe" only in brackets.
 * Each opens with "col", "Col" or "Rei": rpi_stage_series tests those
 * bytes before the list. */
static const char *const labels[] = {"coll. ",    "Coll. ",    "col. ",    "Col. ",     "collection ",
                                     "colección ", "Colección ", "coleção ", "Coleção ", "collana ",
                                     "Collana ",   "Reihe ",    NULL};

/* The closing quote of the opening quote at k ("«" "»", "“" "”", '"' '"'),
 * and the opening one's length in *ol; NULL when no quote opens at k. */
static const char *quote_at(const st *s, size_t k, size_t *ol) {
  if (at_lit(s, k, "\xC2\xAB", 2)) {
    *ol = 2;
    return "\xC2\xBB";
  }
  if (at_lit(s, k, "\xE2\x80\x9C", 3)) {
    *ol = 3;
    return "\xE2\x80\x9D";
  }
  if (k < s->n && s->w[k] == '"') {
    *ol = 1;
    return "\"";
  }
  return NULL;
}

/* The end of the series name opening at k, *na..*nb the name; 0 when no
 * name opens there. */
static size_t name_end(const st *s, size_t k, size_t *na, size_t *nb) {
  size_t ol;
  const char *close = quote_at(s, k, &ol);
  if (close) {
    size_t cl = strlen(close);
    for (size_t q = k + ol; q + cl <= s->n && q < k + 160; q++)
      if (memcmp(s->w + q, close, cl) == 0) {
        *na = k + ol;
        *nb = q;
        trim(s->w, na, nb);
        return *nb > *na ? q + cl : 0;
      }
    return 0;
  }
  unsigned cp;
  rpi_utf8_decode((const unsigned char *)s->w + k, s->n - k, &cp);
  if (!rpi_is_upper(cp))
    return 0;
  size_t e = k;
  while (e < s->n && e < k + 100 && s->w[e] != ',' && s->w[e] != ')' && s->w[e] != ';' &&
         !(s->w[e] == '.' && (e + 1 >= s->n || s->w[e + 1] == ' ')))
    e++;
  if (e >= k + 100 || rpi_scan_count_words(s, k, e) > 8)
    return 0;
  *na = k;
  *nb = e;
  trim(s->w, na, nb);
  return *nb > *na ? e : 0;
}

/* The first k' >= k whose byte may open a label ('c', 'C' or 'R'), or
 * one from which too few bytes are left for a whole block (the caller's
 * byte test goes on from there): skips blocks holding none. */
static size_t next_initial(const st *s, size_t k) {
#if RPI_SSE2
  for (; k + 16 <= s->n; k += 16) {
    rpi_v16 v = rpi_v16_load(s->w + k);
    unsigned m = rpi_v16_mask(rpi_v16_or(rpi_v16_eq(rpi_v16_lower(v), 'c'), rpi_v16_eq(v, 'R')));
    if (m)
      return k + (size_t)__builtin_ctz(m);
  }
#endif
  for (; k + 8 <= s->n; k += 8) {
    uint64_t v = rpi_load8(s->w + k);
    if (rpi_has8(v | (RPI_ONES8 * 0x20), 'c') || rpi_has8(v, 'R'))
      return k;
  }
  return k;
}

static bool series_labelled(st *s, size_t pos);

/* French and Italian humanities lists close a book with its series and
 * number in brackets after the year: "Rome, 1998 (Bibliothèque des Écoles
 * françaises d'Athènes et de Rome, 300).", "Paris, 1960 (Cahiers des
 * Annales 16)". A bracket after ", Year " that opens with a capital,
 * closes with a number of one to three digits and ends the reference: the
 * name is the collection title; the bracket is taken out (the number is
 * reported as unparsed). */
static void series_after_year(st *s, size_t pos) {
  /* only spaces and stops may follow the bracket (checked below for each
   * candidate): a text that ends otherwise has none */
  size_t end = s->n;
  while (end > 0 && (s->w[end - 1] == ' ' || s->w[end - 1] == '.'))
    end--;
  if (end == 0 || s->w[end - 1] != ')')
    return;
  for (size_t o = pos + 8; o + 4 < s->n; o++) {
    if (s->w[o] != '(' || s->w[o - 1] != ' ' || !rpi_scan_all_digits(s, o - 5, o - 1) ||
        (s->w[o - 6] != ' ' && s->w[o - 6] != ',') || !rpi_is_upper((unsigned char)s->w[o + 1]))
      continue;
    size_t c = o + 1;
    while (c < s->n && s->w[c] != ')' && s->w[c] != '(' && s->w[c] != ';' && s->w[c] != ':')
      c++;
    if (c >= s->n || s->w[c] != ')')
      return;
    /* the number closing the name */
    size_t d = c;
    while (d > o + 1 && ascii_digit(s->w[d - 1]))
      d--;
    /* "(Moscow, 1919)" is an imprint: a series number has 1-3 digits */
    if (d == c || c - d > 3 || s->w[d - 1] != ' ')
      return;
    size_t ne = d - 1;
    while (ne > o + 1 && (s->w[ne - 1] == ' ' || s->w[ne - 1] == ','))
      ne--;
    for (size_t q = o + 1; q < ne; q++)
      if (ascii_digit(s->w[q]))
        return;
    if (rpi_scan_count_words(s, o + 1, ne) < 1 || ne <= o + 3)
      return;
    /* it closes the reference (with pages after it, "), 171-216.", the
     * year and the pages read as a chapter's: left alone) */
    size_t z = c + 1;
    while (z < s->n && (s->w[z] == ' ' || s->w[z] == '.'))
      z++;
    if (z < s->n)
      return;
    if (!s->r->field[RP_FIELD_COLLECTION_TITLE])
      rpi_fields_set(s, RP_FIELD_COLLECTION_TITLE, o + 1, ne);
    blank(s, o, c + 1);
    return;
  }
}

/* The ')' closing the reference (only spaces and stops after it), at
 * or after lo; UNSET when there is none. */
static size_t closing_bracket(const st *s, size_t lo) {
  size_t c = s->n;
  while (c > lo && (s->w[c - 1] == ' ' || s->w[c - 1] == '.'))
    c--;
  return c >= lo && s->w[c - 1] == ')' ? c - 1 : UNSET;
}

/* German paperback series after the publisher, closing the reference:
 * "Frankfurt/Main: Suhrkamp (stw 1760).", "München: Beck (Beck'sche Reihe
 * 1234)": a bracket of words and a number of one to four digits after a
 * "Place: Publisher" of at most four words. The words are the collection
 * title; the bracket is taken out (the number is reported unparsed, as
 * above). */
static void series_after_publisher(st *s, size_t pos) {
  size_t c = closing_bracket(s, pos + 8);
  if (c == UNSET)
    return;
  size_t o = c;
  while (o > pos && s->w[o - 1] != '(' && s->w[o - 1] != ')' && c - o < 60)
    o--;
  if (o <= pos + 1 || s->w[o - 1] != '(' || s->w[o - 2] != ' ')
    return;
  size_t d = c;
  while (d > o && ascii_digit(s->w[d - 1]))
    d--;
  if (d == c || c - d > 4 || d <= o + 1 || s->w[d - 1] != ' ' || rpi_scan_count_words(s, o, d - 1) > 4)
    return;
  for (size_t q = o; q < d - 1; q++)
    if (ascii_digit(s->w[q]) || s->w[q] == ',' || s->w[q] == ':' || s->w[q] == ';')
      return;
  /* "Place: Publisher " before the bracket */
  size_t ue = o - 2, ua = ue;
  while (ua > pos && s->w[ua - 1] != ':' && ue - ua < 40)
    ua--;
  if (ua <= pos || s->w[ua - 1] != ':' || rpi_scan_count_words(s, ua, ue) > 4 || rpi_scan_count_words(s, ua, ue) < 1)
    return;
  for (size_t q = ua; q < ue; q++)
    if (ascii_digit(s->w[q]) || s->w[q] == ',' || s->w[q] == '(' || s->w[q] == ')')
      return;
  if (!s->r->field[RP_FIELD_COLLECTION_TITLE])
    rpi_fields_set(s, RP_FIELD_COLLECTION_TITLE, o, d - 1);
  blank(s, o - 1, c + 1);
}

/* Citing Medicine's and CSE's series closing a book, a sentence of its
 * own in brackets: "Princeton (NJ): Princeton University Press. (Monographs
 * in population biology; 17).", "...; 1982. (Methods in molecular
 * biology; no. 1234)." After ". (", a name of two words or more with no
 * digit, ";", an optional "no."/"vol.", one to five digits, ")" and only
 * stops after it. The name is the collection title; the bracket is taken
 * out. */
static void series_bracket_semicolon(st *s, size_t pos) {
  size_t c = closing_bracket(s, pos + 12);
  if (c == UNSET)
    return;
  /* the semicolon, then "no. 17", "vol. 355" or "17" up to the bracket */
  const char *sc = memchr(s->w + c - 12, ';', 12);
  if (!sc)
    return;
  size_t ne = (size_t)(sc - s->w), k = skip_sp(s, ne + 1);
  if (at_lit(s, k, "no.", 3) || at_lit(s, k, "vol.", 4))
    k = skip_sp(s, k + (s->w[k] == 'n' ? 3 : 4));
  if (k >= c || c - k > 5 || !rpi_scan_all_digits(s, k, c))
    return;
  size_t o = ne;
  while (o > pos && s->w[o - 1] != '(' && ne - o < 120) {
    if (ascii_digit(s->w[o - 1]) || s->w[o - 1] == ')' || s->w[o - 1] == ';')
      return;
    o--;
  }
  if (o < pos + 3 || s->w[o - 1] != '(' || s->w[o - 2] != ' ' || s->w[o - 3] != '.' ||
      !rpi_is_upper((unsigned char)s->w[o]) || rpi_scan_count_words(s, o, ne) < 2)
    return;
  if (!s->r->field[RP_FIELD_COLLECTION_TITLE])
    rpi_fields_set(s, RP_FIELD_COLLECTION_TITLE, o, ne);
  blank(s, o - 1, c + 1);
}

void rpi_stage_series(st *s, size_t pos) {
  if (!series_labelled(s, pos)) {
    series_after_year(s, pos);
    series_after_publisher(s, pos);
    series_bracket_semicolon(s, pos);
  }
}

/* A series with its label; true when one was taken out. */
static bool series_labelled(st *s, size_t pos) {
  for (size_t k = pos + 1; k + 6 < s->n; k++) {
    k = next_initial(s, k);
    if (k + 6 >= s->n)
      break;
    char c = s->w[k];
    if (c != 'c' && c != 'C' && c != 'R')
      continue;
    if (s->w[k - 1] != ' ' && s->w[k - 1] != '(')
      continue;
    if (c == 'R' ? s->w[k + 1] != 'e' || s->w[k + 2] != 'i' : s->w[k + 1] != 'o' || s->w[k + 2] != 'l')
      continue; /* every label opens with "col" or "Rei" */
    size_t l = 0;
    for (size_t i = 0; labels[i] && !l; i++)
      if (at_lit(s, k, labels[i], strlen(labels[i])))
        l = strlen(labels[i]);
    if (!l)
      continue;
    /* what opens the series: a bracket right before the label, or a
     * comma or semicolon before its space */
    size_t open = k - 1;
    while (open > pos && s->w[open] == ' ')
      open--;
    bool bracket = s->w[open] == '(';
    if (!bracket && s->w[open] != ',' && s->w[open] != ';')
      continue;
    if (c == 'R' && !bracket)
      continue;
    size_t na, nb;
    size_t e = name_end(s, skip_sp(s, k + l), &na, &nb);
    if (!e)
      continue;
    if (bracket) {
      size_t z = skip_sp(s, e);
      if (z >= s->n || s->w[z] != ')')
        continue;
      e = z + 1;
    }
    if (!s->r->field[RP_FIELD_COLLECTION_TITLE])
      rpi_fields_set(s, RP_FIELD_COLLECTION_TITLE, na, nb);
    blank(s, open, e);
    return true;
  }
  return false;
}
