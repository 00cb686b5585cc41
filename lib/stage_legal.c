/*
 * stage_legal.c: legal citations ("410 U.S. 113 (1973)", "[2004] UKHL 22").
 */
#include "stage.h"

#include "container.h"
#include "fields.h"
#include "scan.h"
#include "title.h"
#include "utf8.h"

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
    /* Commonwealth: "..., (2009) 31 Cardozo L. Rev. 267" */
    pe = e;
    if ((pa = number_before(s, a, pe)) == UNSET)
      return false;
    je = pa - 1;
    size_t q = je;
    ya = UNSET;
    while (q > a + 7) {
      q--;
      if (s->w[q] == ')' && s->w[q - 5] == '(' && rpi_scan_all_digits(s, q - 4, q) && q - 5 > a + 1 &&
          (s->w[q - 6] == ' ' || s->w[q - 6] == ',')) {
        ya = q - 4;
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
    if (ve == va || ve >= je || s->w[ve] != ' ')
      return false;
    ja = skip_sp(s, ve);
    tb = ya - 1;
    while (tb > a && (s->w[tb - 1] == ' ' || s->w[tb - 1] == '('))
      tb--;
    if (tb <= a || s->w[tb - 1] != ',')
      return false;
    tb--;
  }
  /* the journal: capitalised words, abbreviated or in capitals, up to 8 */
  while (je > ja && s->w[je - 1] == ' ')
    je--;
  if (je <= ja || !rpi_is_upper((unsigned char)s->w[ja]) || rpi_scan_count_words(s, ja, je) > 8)
    return false;
  bool dotted = false, caps = true;
  for (size_t q = ja; q < je; q++) {
    if (s->w[q] == '.')
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
  rpi_title_set(s, ta, te);
  rpi_container_set(s, ja, je, UNSET);
  rpi_fields_set(s, RP_FIELD_VOLUME, va, ve);
  rpi_fields_pages(s, pa, pe);
  if (!s->r->field[RP_FIELD_YEAR])
    rpi_fields_year(s, ya, ya + 4);
  return true;
}
