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
 * A number after the name ("coll. Folio, n° 123", "(Reihe Politik 12)")
 * is the collection number, taken out with it.
 *
 * Without a label, a bracket closing the reference after the year, with a
 * number at its end, is a series too:
 *
 *   "Rome, 1998 (Bibliothèque des Écoles françaises d'Athènes et de Rome, 300)."
 *
 * and so is one after the publisher, in brackets with its number or in
 * guillemets alone:
 *
 *   "Opladen: Budrich (Schriftenreihe der DGS, Bd. 12)."
 *   "Paris, PUF, « Le lien social », 2005."
 */
#include "stage.h"

#include <string.h>

#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
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

/* The length of the first of the strings of list (NULL-terminated) that
 * the text at k opens with, 0 when none does. */
static size_t lit_at(const st *s, size_t k, const char *const *list) {
  for (size_t i = 0; list[i]; i++)
    if (at_lit(s, k, list[i], strlen(list[i])))
      return strlen(list[i]);
  return 0;
}

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

/* The labels a series' number may carry in its bracket ("Bd. 12", "Vol.
 * 4", "n° 3012"), with the space after them. */
static const char *const number_labels[] = {"Bd. ",  "Band ", "Vol. ", "vol. ", "Vol ",  "vol ",   "n\xC2\xB0 ",
                                            "n\xC2\xBA ", "no. ", "No. ", "Nr. ", "nr. ", "Heft ", "H. ", "t. ",
                                            "tome ", "volume ", "Volume ", NULL};

/* The end of a series' name before its number at d (the digits' start, a
 * space before them): without a label ("Bd. ", "Vol. ", "n° ") and the
 * comma or semicolon before it ("Schriftenreihe der DGS, Bd. 12"). */
static size_t name_before_number(const st *s, size_t o, size_t d) {
  size_t ne = d - 1;
  for (size_t i = 0; number_labels[i]; i++) {
    size_t l = strlen(number_labels[i]);
    if (d >= o + l && at_lit(s, d - l, number_labels[i], l)) {
      ne = d - l;
      break;
    }
  }
  while (ne > o && s->w[ne - 1] == ' ')
    ne--;
  if (ne > o && (s->w[ne - 1] == ',' || s->w[ne - 1] == ';'))
    ne--;
  while (ne > o && s->w[ne - 1] == ' ')
    ne--;
  return ne;
}

/* The series [na, nb) as the collection title and [xa, xb) (xa UNSET:
 * none) as its number, unless a collection title was read already. */
static void series_set(st *s, size_t na, size_t nb, size_t xa, size_t xb) {
  if (s->r->field[RP_FIELD_COLLECTION_TITLE])
    return;
  rpi_fields_set(s, RP_FIELD_COLLECTION_TITLE, na, nb);
  if (xa != UNSET && xb > xa && !s->r->field[RP_FIELD_COLLECTION_NUMBER])
    rpi_fields_set(s, RP_FIELD_COLLECTION_NUMBER, xa, xb);
}

/* The number of a labelled series after its name, which ends at e: ", n°
 * 123", ", nº 58", ", no. 7", "; n. 12" or, in the series' bracket, ", 12"
 * (not a year); or the digits closing the name itself ("Reihe Politik
 * 12", *nb moved before them). Returns the end after the number (e when
 * there is none), its span in *xa, *xb. */
static size_t series_number(const st *s, size_t na, size_t *nb, size_t e, bool bracket, size_t *xa, size_t *xb) {
  static const char *const marks[] = {"n\xC2\xB0", "n\xC2\xBA", "n.\xC2\xBA", "N\xC2\xB0", "no.", "No.", "n.", "nr.", "Nr.", NULL};
  *xa = UNSET;
  size_t d = *nb;
  while (d > na && ascii_digit(s->w[d - 1]))
    d--;
  if (d < *nb && d > na + 1 && s->w[d - 1] == ' ' && *nb - d <= 4 && !(*nb - d == 4 && rpi_lex_is_year(s->w + d))) {
    *xa = d, *xb = *nb;
    *nb = d - 1;
    trim(s->w, &na, nb);
    return e;
  }
  size_t z = skip_sp(s, e);
  if (z >= s->n || (s->w[z] != ',' && s->w[z] != ';'))
    return e;
  z = skip_sp(s, z + 1);
  size_t ml = lit_at(s, z, marks);
  bool mark = ml > 0;
  z = skip_sp(s, z + ml);
  size_t q = z;
  while (q < s->n && ascii_digit(s->w[q]))
    q++;
  if (q == z || q - z > 5 || (q < s->n && (ascii_alpha(s->w[q]) || s->w[q] == '-' || s->w[q] == '/')) ||
      (!mark && (!bracket || (q - z == 4 && rpi_lex_is_year(s->w + z)))))
    return e;
  *xa = z, *xb = q;
  return q;
}

/* A German paperback series' abbreviation of two to four lower-case
 * letters, a space and a digit at k: "stw 891", "es 623" ("(stw 891)"
 * after the year); no label of pages, volumes or editions ("(pp 12)"). */
static bool paperback_at(const st *s, size_t k) {
  static const char *const not_series[] = {"pp", "vol", "vols", "no", "nos", "nr", "ed", "eds", "bd",
                                           "fig", "tab", "ch", "cap", "sec", "art", NULL};
  size_t e = k;
  while (e < s->n && s->w[e] >= 'a' && s->w[e] <= 'z')
    e++;
  if (e - k < 2 || e - k > 4 || e + 1 >= s->n || s->w[e] != ' ' || !ascii_digit(s->w[e + 1]))
    return false;
  for (size_t i = 0; not_series[i]; i++)
    if (strlen(not_series[i]) == e - k && at_lit(s, k, not_series[i], e - k))
      return false;
  return true;
}

/* French and Italian humanities lists close a book with its series and
 * number in brackets after the year: "Rome, 1998 (Bibliothèque des Écoles
 * françaises d'Athènes et de Rome, 300).", "Paris, 1960 (Cahiers des
 * Annales 16)". A bracket after ", Year " that opens with a capital,
 * closes with a number of one to three digits and ends the reference: the
 * name is the collection title; the bracket is taken out (the number is
 * the collection number). */
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
        (s->w[o - 6] != ' ' && s->w[o - 6] != ',') ||
        !(rpi_is_upper((unsigned char)s->w[o + 1]) || paperback_at(s, o + 1)))
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
    /* "(Moscow, 1919)" is an imprint: a series number has 1-3 digits
     * (four after a German paperback series' abbreviation) */
    if (d == c || c - d > (paperback_at(s, o + 1) ? 4u : 3u) || s->w[d - 1] != ' ')
      return;
    size_t ne = name_before_number(s, o + 1, d);
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
    series_set(s, o + 1, ne, d, c);
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
 * 1234)", and a series with its number after a comma or a semicolon, with
 * or without a label: "Opladen: Budrich (Schriftenreihe der DGS, Bd. 12)",
 * "London: Sage (Studies in Urban Life, Vol. 4)", "Paris : PUF (Que
 * sais-je ?, n° 3012)", "Opladen: Budrich 2004 (Reihe X; 12)". A bracket
 * of up to eight words and a number of one to four digits after a "Place:
 * Publisher" of at most four words (and maybe its year). The words are the
 * collection title, the number the collection number; the bracket is
 * taken out. */
static void series_after_publisher(st *s, size_t pos) {
  size_t c = closing_bracket(s, pos + 8);
  if (c == UNSET)
    return;
  size_t o = c;
  while (o > pos && s->w[o - 1] != '(' && s->w[o - 1] != ')' && c - o < 100)
    o--;
  if (o <= pos + 1 || s->w[o - 1] != '(' || s->w[o - 2] != ' ')
    return;
  size_t d = c;
  while (d > o && ascii_digit(s->w[d - 1]))
    d--;
  if (d == c || c - d > 4 || d <= o + 1 || s->w[d - 1] != ' ')
    return;
  size_t ne = name_before_number(s, o, d);
  /* "(Wiley, 2000)", "(Princeton University Press, 1981)": a year after a
   * comma closes an imprint, not a series */
  if (ne + 1 < d && c - d == 4 && rpi_lex_is_year(s->w + d))
    return;
  if (ne <= o + 1 || rpi_scan_count_words(s, o, ne) > 8)
    return;
  for (size_t q = o; q < ne; q++)
    if (ascii_digit(s->w[q]) || s->w[q] == ',' || s->w[q] == ':' || s->w[q] == ';')
      return;
  /* "Place: Publisher[ Year] " before the bracket */
  size_t ue = o - 2;
  if (ue >= pos + 5 && rpi_scan_all_digits(s, ue - 4, ue) && s->w[ue - 5] == ' ')
    ue -= 5;
  size_t ua = ue;
  while (ua > pos && s->w[ua - 1] != ':' && ue - ua < 40)
    ua--;
  if (ua <= pos || s->w[ua - 1] != ':' || rpi_scan_count_words(s, ua, ue) > 4 || rpi_scan_count_words(s, ua, ue) < 1)
    return;
  for (size_t q = ua; q < ue; q++)
    if (ascii_digit(s->w[q]) || s->w[q] == ',' || s->w[q] == '(' || s->w[q] == ')')
      return;
  series_set(s, o, ne, d, c);
  blank(s, o - 1, c + 1);
}

/* French lists name a series in guillemets with no label after the
 * publisher: "Paris, PUF, « Le lien social », 2005.", "Paris, La
 * Découverte, « Repères »." A quoted name after a comma whose segment
 * before it names a publisher or a known city, followed by nothing but a
 * year, is the collection title; it is taken out with the comma before
 * it. */
static void series_quoted_after_imprint(st *s, size_t pos) {
  size_t e = s->n;
  while (e > pos && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  /* a closing year ", 2005" may follow the name */
  size_t z = e;
  if (z >= pos + 6 && rpi_scan_all_digits(s, z - 4, z) && rpi_lex_is_year(s->w + z - 4) && !ascii_digit(s->w[z - 5])) {
    z -= 4;
    while (z > pos && (s->w[z - 1] == ' ' || s->w[z - 1] == ','))
      z--;
  }
  if (z < pos + 6 || !at_lit(s, z - 2, "\xC2\xBB", 2))
    return;
  size_t o = z - 2;
  while (o > pos && !at_lit(s, o, "\xC2\xAB", 2) && z - o < 120)
    o--;
  if (!at_lit(s, o, "\xC2\xAB", 2))
    return;
  size_t c = o;
  while (c > pos && s->w[c - 1] == ' ')
    c--;
  if (c <= pos + 1 || s->w[c - 1] != ',')
    return;
  /* the segment before: a publisher or a city */
  size_t sa = c - 1;
  while (sa > pos && s->w[sa - 1] != ',')
    sa--;
  int k = rpi_imprint_seg(s, sa, c - 1);
  if (sa <= pos || (k != SEG_PUB && k != SEG_CITY && !rpi_imprint_has_publisher_word(s, sa, c - 1)))
    return;
  size_t na = o + 2, nb = z - 2;
  trim(s->w, &na, &nb);
  if (nb <= na)
    return;
  series_set(s, na, nb, UNSET, 0);
  blank(s, c - 1, z);
}

/* Whether the last word of [a, b) marks an organisation ("European
 * Mathematical Society"). */
static bool org_word_last(const st *s, size_t a, size_t b) {
  size_t q = b;
  while (q > a && s->w[q - 1] != ' ')
    q--;
  return q < b && rpi_lex_is_org_word(s->w + q, b - q);
}

/* AMS and other mathematics lists print a book's series and its number
 * between the title and the imprint, all parted by commas: "A course in
 * arithmetic, Graduate Texts in Mathematics, No. 7, Springer-Verlag, New
 * York, 1973.", "Morse theory, Annals of Mathematics Studies, vol. 51,
 * Princeton University Press, Princeton, NJ, 1963." The series is the
 * comma's segment before ", vol. N," or ", No. N," (capitalised words, no
 * digit), and the reference closes with "Publisher[, Place], Year." where
 * the publisher is known, holds a publisher's word ("Amer. Math. Soc." is
 * one) or ends in an organisation's word, and nothing else
 * holds a digit (no pages: a chapter's "..., vol. 43, Amer. Math. Soc.,
 * Providence, RI, 2007, pp. 145-193" is left alone). The series and its
 * number are taken out. True when it did. */
static bool series_before_imprint(st *s, size_t pos) {
  static const char *const marks[] = {", vol. ", ", Vol. ", ", No. ", ", no. ", NULL};
  size_t end = s->n;
  while (end > pos && (s->w[end - 1] == ' ' || s->w[end - 1] == '.'))
    end--;
  if (end < pos + 20 || !rpi_scan_all_digits(s, end - 4, end) || !rpi_lex_is_year(s->w + end - 4) ||
      s->w[end - 5] != ' ' || s->w[end - 6] != ',')
    return false;
  for (size_t k = pos + 4; k + 8 < end; k++) {
    if (s->w[k] != ',' || s->w[k + 1] != ' ')
      continue;
    size_t l = lit_at(s, k, marks);
    if (!l)
      continue;
    size_t na = k + l, nb = na;
    while (nb < end && ascii_digit(s->w[nb]))
      nb++;
    if (nb == na || nb - na > 4 || s->w[nb] != ',' || nb + 2 >= end)
      return false;
    /* the imprint: no digit before the year, a publisher first */
    size_t ia = skip_sp(s, nb + 1), ie = end - 6;
    if (ia >= ie)
      return false;
    for (size_t q = ia; q < ie; q++)
      if (ascii_digit(s->w[q]))
        return false;
    const char *c = memchr(s->w + ia, ',', ie - ia);
    size_t pe = c ? (size_t)(c - s->w) : ie;
    size_t ub = pe;
    while (ub > ia && s->w[ub - 1] == '.')
      ub--;
    if (ub <= ia || !(rpi_lex_is_publisher(s->w + ia, pe - ia) || rpi_lex_is_publisher(s->w + ia, ub - ia) ||
                      rpi_imprint_has_publisher_word(s, ia, pe) || org_word_last(s, ia, ub)))
      return false;
    /* the series: the segment before the mark */
    size_t sa = k;
    while (sa > pos && s->w[sa - 1] != ',')
      sa--;
    if (sa <= pos + 1)
      return false;
    size_t ta = skip_sp(s, sa), te = k;
    if (!rpi_is_upper((unsigned char)s->w[ta]) || rpi_scan_count_words(s, ta, te) > 8 || te < ta + 4)
      return false;
    for (size_t q = ta; q < te; q++)
      if (ascii_digit(s->w[q]) || s->w[q] == '(' || s->w[q] == ':' || s->w[q] == '"')
        return false;
    series_set(s, ta, te, na, nb);
    blank(s, sa - 1, nb);
    return true;
  }
  return false;
}

/* APA's series and its number in brackets after the title: "Career
 * mobility dynamics (Studien und Berichte Nr. 49). Berlin: ...",
 * "(Materialien Heft 7)" (not a report's "(Working Paper No. 12)"). A name of one to eight words
 * (a capital first, no digit), "Nr.", "No.", "no." or "Heft", the number
 * (digits, a '-' or '/' inside), the close, then a stop or a comma. The
 * name is the collection title, the digits its number; the bracket is
 * taken out. */
static bool series_apa_bracket(st *s, size_t pos) {
  static const char *const marks[] = {"Nr. ", "No. ", "no. ", "Heft ", NULL};
  for (const char *p = memchr(s->w + pos, '(', s->n - pos); p; p = memchr(p + 1, '(', s->n - (size_t)(p + 1 - s->w))) {
    size_t o = (size_t)(p - s->w);
    if (o < pos + 4 || s->w[o - 1] != ' ' || !rpi_is_letter((unsigned char)s->w[o - 2]) || o + 8 >= s->n)
      continue;
    size_t na = o + 1, q = na;
    if (!rpi_is_upper((unsigned char)s->w[na]))
      continue;
    size_t ml = 0;
    while (q < s->n && q < na + 80 && s->w[q] != ')' && s->w[q] != '(' && !ascii_digit(s->w[q]) &&
           !(s->w[q] == ' ' && (ml = lit_at(s, q + 1, marks)) != 0))
      q++;
    if (!ml || q >= s->n || s->w[q] != ' ' || q < na + 4 || rpi_scan_count_words(s, na, q) > 8)
      continue;
    size_t nb = q, xa = q + 1 + ml, xb = xa;
    while (xb < s->n && (ascii_digit(s->w[xb]) || ((s->w[xb] == '-' || s->w[xb] == '/') && xb > xa && xb + 1 < s->n &&
                                                    ascii_digit(s->w[xb + 1]))))
      xb++;
    if (xb == xa || xb - xa > 10 || xb >= s->n || s->w[xb] != ')')
      continue;
    size_t z = skip_sp(s, xb + 1);
    if (z < s->n && s->w[z] != '.' && s->w[z] != ',')
      continue;
    for (size_t k = na; k < nb; k++)
      if (s->w[k] == ',' || s->w[k] == ':' || s->w[k] == ';')
        nb = UNSET;
    /* (a report's number is the report stage's: "(Working Paper No. 12)") */
    rpi_match m;
    if (nb == UNSET || (find(s, P_REPORT, o, &m) && m.start < xb))
      continue;
    series_set(s, na, nb, xa, xb);
    blank(s, o, xb + 1);
    return true;
  }
  return false;
}

/* Whether the word [a, b) names a German series: it ends in "serie" or
 * "reihe" ("Fachserie", "Schriftenreihe", "Reihe"), a capital first. */
static bool serie_word(const st *s, size_t a, size_t b) {
  return b >= a + 5 && s->w[a] >= 'A' && s->w[a] <= 'Z' &&
         (at_lit(s, b - 5, "serie", 5) || at_lit(s, b - 5, "reihe", 5) || at_lit(s, b - 5, "Reihe", 5));
}

/* The official statistics' series sentence after the title, before the
 * place: "Bevölkerung und Erwerbstätigkeit. Fachserie 1, Reihe 2.2.
 * Wiesbaden.", "... Schriftenreihe 12. Berlin: ...". One to three parts
 * "Word N" (a series word, a number with stops inside), commas between,
 * the stop, then an imprint or known places alone. The sentence is the
 * collection title, taken out. True when it did. */
static bool series_numbered_sentence(st *s, size_t pos) {
  for (size_t k = pos + 4; k + 8 < s->n; k++) {
    if (s->w[k] != ' ' || s->w[k - 1] != '.' || !ascii_alpha(s->w[k - 2]))
      continue;
    size_t sa = k + 1, q = sa, parts = 0;
    for (; parts < 3; parts++) {
      size_t we = q;
      while (we < s->n && ascii_alpha(s->w[we]))
        we++;
      /* a series word first, then any capitalised word ("Reihe", "Heft") */
      if (parts == 0 ? !serie_word(s, q, we) : !(we > q && s->w[q] >= 'A' && s->w[q] <= 'Z'))
        break;
      size_t d = we + 1, de = d;
      while (de < s->n && (ascii_digit(s->w[de]) || (s->w[de] == '.' && de + 1 < s->n && ascii_digit(s->w[de + 1]))))
        de++;
      if (we >= s->n || s->w[we] != ' ' || de == d || de - d > 8)
        break;
      q = de;
      if (q + 1 < s->n && s->w[q] == ',' && s->w[q + 1] == ' ')
        q += 2;
      else {
        parts++;
        break;
      }
    }
    if (!parts || q + 2 >= s->n || s->w[q] != '.' || s->w[q + 1] != ' ')
      continue;
    size_t ia = skip_sp(s, q + 1), ie = s->n;
    while (ie > ia && (s->w[ie - 1] == '.' || s->w[ie - 1] == ' '))
      ie--;
    if (!rpi_imprint_starts_at(s, ia, s->n) && rpi_imprint_city_list_tail(s, ia, ie) != ia)
      continue;
    series_set(s, sa, q, UNSET, UNSET);
    blank(s, sa, q + 1);
    return true;
  }
  return false;
}

/* Citing Medicine's and CSE's series closing a book, a sentence of its
 * own in brackets: "Princeton (NJ): Princeton University Press. (Monographs
 * in population biology; 17).", "...; 1982. (Methods in molecular
 * biology; no. 1234)." After ". (", a name of two words or more with no
 * digit, ";", an optional "no."/"vol.", one to five digits, ")" and only
 * stops after it. The name is the collection title, the digits its number;
 * the bracket is taken out. */
static void series_bracket_semicolon(st *s, size_t pos) {
  size_t c = closing_bracket(s, pos + 12);
  if (c == UNSET || c < pos + 12)
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
  series_set(s, o, ne, k, c);
  blank(s, o - 1, c + 1);
}

/* Archaeology's and the monograph series' sentence between the title and
 * a "Place: Publisher" imprint: "The Roman Villa at Example Farm. BAR
 * British Series 321. Oxford: Archaeopress.", "... Monographs Series 12.
 * London: ...", and the classics' "Loeb Classical Library 433. Cambridge,
 * MA: Harvard University Press". Capitalised words (at most eight, no
 * digit) ending in "Series" or "Library", a number of one to five digits,
 * the stop, then the imprint.
 * The words are the collection title, the digits its number; the
 * sentence is taken out. True when it did. */
static bool series_sentence_at(st *s, size_t pos, size_t k, size_t wl);

static bool series_sentence(st *s, size_t pos) {
  static const char *const words[] = {"Series ", "Library "};
  for (int wi = 0; wi < 2; wi++) {
    const char *word = words[wi];
    size_t wl = strlen(word);
    for (const char *p = memchr(s->w + pos, word[0], s->n - pos); p;
         p = memchr(p + 1, word[0], s->n - (size_t)(p + 1 - s->w))) {
      size_t k = (size_t)(p - s->w);
      if (k < pos + 8 || s->w[k - 1] != ' ' || !at_lit(s, k, word, wl))
        continue;
      if (series_sentence_at(s, pos, k, wl))
        return true;
    }
  }
  return false;
}

/* The series sentence whose last word ("Series", "Library", wl bytes with
 * its space) opens at k; true when it was taken out. */
static bool series_sentence_at(st *s, size_t pos, size_t k, size_t wl) {
  {
    size_t na = k + wl, nb = na;
    while (nb < s->n && ascii_digit(s->w[nb]))
      nb++;
    if (nb == na || nb - na > 5 || nb + 2 >= s->n || s->w[nb] != '.' || s->w[nb + 1] != ' ' ||
        !rpi_imprint_starts_at(s, skip_sp(s, nb + 1), s->n))
      return false;
    /* the sentence's start: after the stop before it */
    size_t sa = k;
    while (sa > pos && !(s->w[sa - 1] == ' ' && sa >= pos + 2 && s->w[sa - 2] == '.'))
      sa--;
    if (sa <= pos + 2 || k - sa > 80 || !rpi_is_upper((unsigned char)s->w[sa]) ||
        rpi_scan_count_words(s, sa, k + wl - 1) > 8)
      return false;
    bool ok = true;
    for (size_t q = sa; q < k && ok; q++)
      ok = !ascii_digit(s->w[q]) && s->w[q] != ':' && s->w[q] != '(' && s->w[q] != '.';
    if (!ok)
      return false;
    series_set(s, sa, k + wl - 1, na, nb);
    blank(s, sa, nb + 1);
    return true;
  }
}

/* SBL's and Chicago notes' commentary or monograph series between the
 * title and a bracketed imprint: "Genesis 1-15, WBC 1 (Waco, TX: Word,
 * 1987)", "Exodus 1-18, AB 2 (New York: ...)", "..., ed. Bruce Chilton and
 * Craig A. Evans, NTTS 28.1 (Leiden: Brill, 1999), 289-310". After a
 * comma, an abbreviation of two to nine letters opening with two capitals
 * ("AB", "WBC", "JSNTSup"), a space, a number ("1", "3A", "28.1", "2/123")
 * and " (" opening a "Place: Publisher" imprint. The abbreviation is the
 * collection title, the number the collection number; both are taken out
 * with the comma. True when it did. */
static bool series_abbrev_before_bracket(st *s, size_t pos) {
  for (const char *p = memchr(s->w + pos, '(', s->n - pos); p; p = memchr(p + 1, '(', s->n - (size_t)(p + 1 - s->w))) {
    size_t o = (size_t)(p - s->w);
    if (o < pos + 12 || s->w[o - 1] != ' ' || !rpi_imprint_starts_at(s, o + 1, s->n))
      continue;
    /* the number before the bracket */
    size_t xb = o - 1, xa = xb;
    if (xa > pos && rpi_is_upper((unsigned char)s->w[xa - 1]))
      xa--;
    size_t d = xa;
    while (xa > pos && (ascii_digit(s->w[xa - 1]) ||
                        ((s->w[xa - 1] == '.' || s->w[xa - 1] == '/') && xa - 1 > pos && ascii_digit(s->w[xa - 2]) &&
                         xa < d && ascii_digit(s->w[xa]))))
      xa--;
    if (xa == xb || xb - xa > 7 || !ascii_digit(s->w[xa]) || s->w[xa - 1] != ' ')
      continue;
    /* the abbreviation before it, after ", " */
    size_t nb = xa - 1, na = nb;
    while (na > pos && ascii_alpha(s->w[na - 1]))
      na--;
    if (nb - na < 2 || nb - na > 9 || !rpi_is_upper((unsigned char)s->w[na]) ||
        !rpi_is_upper((unsigned char)s->w[na + 1]) || na < pos + 4 || s->w[na - 1] != ' ' || s->w[na - 2] != ',')
      continue;
    series_set(s, na, nb, xa, xb);
    blank(s, na - 2, xb);
    return true;
  }
  return false;
}

/* Chicago's volume of a multivolume work with its own title: "The
 * Resurrection of the Son of God, vol. 3 of Christian Origins and the
 * Question of God (Minneapolis: Fortress, 2003)". After ", vol. N of ",
 * the work's name (capitalised, no digit, at most twelve words) up to
 * " (" opening a "Place: Publisher" imprint: the name is the collection
 * title, N the volume; both are taken out with the comma. True when it
 * did. */
static bool volume_of_work(st *s, size_t pos) {
  for (const char *p = memchr(s->w + pos, ' ', s->n - pos); p; p = memchr(p + 1, ' ', s->n - (size_t)(p + 1 - s->w))) {
    size_t k = (size_t)(p - s->w) + 1;
    if (k < pos + 6 || s->w[k - 2] != ',' || !(at_lit(s, k, "vol. ", 5) || at_lit(s, k, "Vol. ", 5)))
      continue;
    size_t va = k + 5, vb = va;
    while (vb < s->n && ascii_digit(s->w[vb]))
      vb++;
    if (vb == va || vb - va > 3 || !at_lit(s, vb, " of ", 4))
      continue;
    size_t na = vb + 4, o = na;
    while (o < s->n && s->w[o] != '(' && !ascii_digit(s->w[o]) && o < na + 120)
      o++;
    if (o >= s->n || s->w[o] != '(' || o < na + 4 || s->w[o - 1] != ' ' || !rpi_is_upper((unsigned char)s->w[na]) ||
        rpi_scan_count_words(s, na, o) > 12 || !rpi_imprint_starts_at(s, o + 1, s->n))
      continue;
    size_t nb = o - 1;
    if (s->r->field[RP_FIELD_COLLECTION_TITLE] || s->r->field[RP_FIELD_VOLUME])
      return false;
    rpi_fields_set(s, RP_FIELD_VOLUME, va, vb);
    series_set(s, na, nb, UNSET, 0);
    blank(s, k - 2, nb);
    return true;
  }
  return false;
}

/* German lists mark a book's series with an equals sign in its bracket,
 * after the title or after the imprint: "Die Sonderschulen im Saarland.
 * (= Veröffentlichungen des Instituts für Landeskunde, Band 19).
 * Saarbrücken ...", "Titel (= Studien zur Stadtgeschichte, Bd. 4).
 * Frankfurt/M.: Suhrkamp 1987.", "Opladen: Leske + Budrich (= Reihe
 * Politik 12)." After "(= ", a name of one to twelve words opening with a
 * capital and holding no colon or other bracket, then an optional number
 * (its label and the comma or semicolon before it as name_before_number
 * reads them, one to four digits) and ")": the name is the collection
 * title, the digits its number; the bracket is taken out (with a stop
 * right after it, when one closes the sentence before it too). True when
 * it did. */
static bool series_equals_bracket(st *s, size_t pos) {
  for (const char *h = memchr(s->w + pos, '=', s->n - pos); h;
       h = memchr(h + 1, '=', s->n - (size_t)(h + 1 - s->w))) {
    size_t o = (size_t)(h - s->w);
    if (o <= pos || s->w[o - 1] != '(' || o + 3 >= s->n || s->w[o + 1] != ' ')
      continue;
    size_t na = skip_sp(s, o + 1), c = na;
    if (!rpi_is_upper((unsigned char)s->w[na]))
      continue;
    while (c < s->n && s->w[c] != ')' && s->w[c] != '(' && s->w[c] != ':')
      c++;
    if (c >= s->n || s->w[c] != ')')
      continue;
    size_t d = c, nb = c, xa = UNSET;
    while (d > na && ascii_digit(s->w[d - 1]))
      d--;
    if (d < c && c - d <= 4 && d > na + 1 && s->w[d - 1] == ' ') {
      nb = name_before_number(s, na, d);
      xa = d;
    }
    trim(s->w, &na, &nb);
    while (nb > na && (s->w[nb - 1] == ',' || s->w[nb - 1] == ';'))
      nb--;
    if (nb <= na + 2 || rpi_scan_count_words(s, na, nb) > 12)
      continue;
    series_set(s, na, nb, xa, c);
    size_t e = c + 1;
    /* "Deutschland. (= Reihe, Band 19). Saarbrücken": one sentence stop */
    size_t b0 = o - 1;
    while (b0 > pos && s->w[b0 - 1] == ' ')
      b0--;
    if (e < s->n && s->w[e] == '.' && b0 > pos && s->w[b0 - 1] == '.')
      e++;
    blank(s, o - 1, e);
    return true;
  }
  return false;
}

/* German lists name a book's series in words: "Titel, Band 4 der Reihe
 * "Konstruktionen von Normalität", hrsg. v. ...", "Titel. Bd. 12 der
 * Schriftenreihe Politik und Bildung. Opladen ...". "Band", "Bd." or
 * "Heft", a number of one to four digits, "der Reihe" or "der
 * Schriftenreihe", then the name, quoted or up to the next comma or stop
 * (name_end), after a comma, a stop or a bracket: the name is the
 * collection title, the number its number; the phrase is taken out with
 * the comma before it. True when it did. */
static bool series_band_der_reihe(st *s, size_t pos) {
  static const char *const labels_n[] = {"Band ", "Bd. ", "Heft ", NULL};
  static const lit_t reihe[] = {LIT("der Reihe "), LIT("der Schriftenreihe ")};
  if (!has_word(s, "reihe", 5))
    return false;
  for (size_t i = 0; i < sizeof reihe / sizeof reihe[0]; i++) {
    if (!rpi_scan_has_lit(s, pos, s->n, reihe[i].s, reihe[i].n))
      continue;
    for (size_t q = pos + 8; q + reihe[i].n < s->n; q++) {
      if (s->w[q] != 'd' || !at_lit(s, q, reihe[i].s, reihe[i].n) || s->w[q - 1] != ' ')
        continue;
      size_t xb = q - 1, xa = xb;
      while (xa > pos && ascii_digit(s->w[xa - 1]))
        xa--;
      if (xa == xb || xb - xa > 4 || xa <= pos + 1 || s->w[xa - 1] != ' ')
        continue;
      size_t la = UNSET;
      for (size_t j = 0; labels_n[j] && la == UNSET; j++) {
        size_t l = strlen(labels_n[j]);
        if (xa >= pos + l && at_lit(s, xa - l, labels_n[j], l))
          la = xa - l;
      }
      if (la == UNSET)
        continue;
      size_t open = la;
      while (open > pos && s->w[open - 1] == ' ')
        open--;
      if (open <= pos || (s->w[open - 1] != ',' && s->w[open - 1] != '.' && s->w[open - 1] != '('))
        continue;
      size_t na, nb, e = name_end(s, q + reihe[i].n, &na, &nb);
      if (!e)
        continue;
      series_set(s, na, nb, xa, xb);
      if (s->w[open - 1] == '(') {
        size_t z = skip_sp(s, e);
        if (z < s->n && s->w[z] == ')')
          e = z + 1;
        blank(s, open - 1, e);
      } else {
        blank(s, s->w[open - 1] == ',' ? open - 1 : la, e);
      }
      return true;
    }
  }
  return false;
}

void rpi_stage_series(st *s, size_t pos) {
  if (memchr(s->w + pos, '(', s->n - pos) && volume_of_work(s, pos))
    return;
  if (!series_labelled(s, pos) && !(memchr(s->w + pos, '=', s->n - pos) && series_equals_bracket(s, pos)) &&
      !series_band_der_reihe(s, pos) &&
      !series_before_imprint(s, pos) && !series_sentence(s, pos) &&
      !(memchr(s->w + pos, '(', s->n - pos) && series_apa_bracket(s, pos)) &&
      !((has_word(s, "serie", 5) || has_word(s, "reihe", 5)) && series_numbered_sentence(s, pos)) &&
      !series_abbrev_before_bracket(s, pos)) {
    series_after_year(s, pos);
    series_after_publisher(s, pos);
    series_quoted_after_imprint(s, pos);
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
    size_t l = lit_at(s, k, labels);
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
    size_t na, nb, xa, xb = 0;
    size_t e = name_end(s, skip_sp(s, k + l), &na, &nb);
    if (!e)
      continue;
    e = series_number(s, na, &nb, e, bracket, &xa, &xb);
    if (bracket) {
      size_t z = skip_sp(s, e);
      if (z >= s->n || s->w[z] != ')')
        continue;
      e = z + 1;
    }
    series_set(s, na, nb, xa, xb);
    blank(s, open, e);
    return true;
  }
  return false;
}
