/*
 * stage_translators.c: translators ("Translated by A. Smith") anywhere
 * after the names.
 */
#include "stage.h"

#include <stdint.h>
#include <string.h>

#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "names.h"
#include "scan.h"
#include "title.h"

/* Where the second name starts when the list at k opens with one given
 * name of the lexicon and a connector ("John and Anne Tedeschi", "Jean et
 * Marie Dupont"): two people of one family. UNSET otherwise. */
static size_t shared_family(const st *s, size_t k, size_t lim) {
  if (k >= lim || s->w[k] < 'A' || s->w[k] > 'Z')
    return UNSET;
  size_t e = k;
  while (e < lim && ascii_alpha(s->w[e]))
    e++;
  if (e - k < 2 || e >= lim || s->w[e] != ' ' || !rpi_lex_is_given_name(s->w + k, e - k))
    return UNSET;
  static const char *const conn[] = {" and ", " & ", " und ", " et ", " y ", " e ", NULL};
  for (size_t q = 0; conn[q]; q++) {
    size_t l = strlen(conn[q]);
    if (e + l < lim && memcmp(s->w + e, conn[q], l) == 0) {
      /* the second name: a given name of the lexicon, then a capitalised word */
      size_t g = e + l, ge = g;
      while (ge < lim && ascii_alpha(s->w[ge]))
        ge++;
      if (ge == g || s->w[g] < 'A' || s->w[g] > 'Z' || ge + 1 >= lim || s->w[ge] != ' ' ||
          !rpi_lex_is_given_name(s->w + g, ge - g))
        return UNSET;
      unsigned char f = (unsigned char)s->w[ge + 1]; /* the family's capital (or a UTF-8 lead) */
      return (f >= 'A' && f <= 'Z') || f >= 0xC3 ? g : UNSET;
    }
  }
  return UNSET;
}

void rpi_stage_translators(st *s, size_t from) {
  if (s->r->n_names[RP_ROLE_TRANSLATOR])
    return;
  const lit_filter *f = &s->p->lits[LF_TRANSL];
  for (size_t q = from; q + 6 < s->n; q++) {
    /* every marker starts with 'T', 't', 'P' or 0xC3 ("Ü", "ü") and has
     * 'r' or a non-ASCII byte second ("Tr", "tr", "Ü", "ü", "Př"): skip
     * eight positions where no such pair starts, else go to the first */
#if RPI_SSE2
    if (q + 17 <= s->n) { /* the same test as below, sixteen positions at a time */
      rpi_v16 v0 = rpi_v16_load(s->w + q), v1 = rpi_v16_load(s->w + q + 1);
      unsigned m = rpi_v16_mask(rpi_v16_or(rpi_v16_or(rpi_v16_eq(rpi_v16_lower(v0), 't'), rpi_v16_eq(v0, 'P')),
                                       rpi_v16_eq(v0, 0xC3))) &
                   (rpi_v16_mask(rpi_v16_eq(v1, 'r')) | rpi_v16_mask(v1));
      if (!m) {
        q += 15;
        continue;
      }
      q += (unsigned)__builtin_ctz(m);
      if (q + 6 >= s->n)
        break;
    } else
#endif
    if (q + 9 <= s->n) {
      uint64_t v0 = load8(s->w + q), v1 = load8(s->w + q + 1);
      uint64_t m = (byte_eq(v0 | 0x2020202020202020u, 't') | byte_eq(v0, 'P') | byte_eq(v0, 0xC3)) &
                   (byte_eq(v1, 'r') | (v1 & BYTES_80));
      if (!m) {
        q += 7;
        continue;
      }
      q += first_byte(m);
      if (q + 6 >= s->n)
        break;
    }
    /* no marker starts where the first four bytes hash to a clear bit */
    if (!lit_filter_may(f, s->w + q))
      continue;
    unsigned char c = (unsigned char)s->w[q];
    if (c != 'T' && c != 't' && c != 0xC3 && c != 'P')
      continue;
    if (q > 0 && ascii_alpha(s->w[q - 1]))
      continue;
    size_t na = UNSET;
    size_t ml = rpi_lex_at(RPI_LEX_TRANSLATOR_MARKERS, s->w + q, s->n - q); /* lib/data/translator_markers.txt */
    if (ml)
      na = q + ml;
    /* "trad. de l'anglais par ", "traduit de l'italien par " */
    if (na == UNSET && (at_lit(s, q, "trad. de ", 9) || at_lit(s, q, "traduit de ", 11) ||
                        at_lit(s, q, "traduit du ", 11))) {
      for (size_t z = q + 9; z + 5 < s->n && z < q + 40; z++)
        if (at_lit(s, z, " par ", 5)) {
          na = z + 5;
          break;
        }
    }
    if (na == UNSET)
      continue;
    /* "IEEE Trans. Signal Process": the marker and the word after it are
     * the container's */
    const char *ct = s->r->field[RP_FIELD_CONTAINER_TITLE];
    if (ct) {
      size_t we = skip_sp(s, na);
      while (we < s->n && s->w[we] != ' ' && s->w[we] != ',')
        we++;
      char nb[64];
      if (we - q < sizeof nb) {
        memcpy(nb, s->w + q, we - q);
        nb[we - q] = '\0';
        if (strstr(ct, nb))
          continue;
      }
    }
    /* the names end before ", Paris, Ivrea": an imprint after a comma */
    size_t lim = s->n;
    for (size_t z = na; z < s->n && lim == s->n; z++)
      if (s->w[z] == ',') {
        size_t ze = z + 1;
        while (ze < s->n && s->w[ze] != ',' && s->w[ze] != '.')
          ze++;
        if (rpi_imprint_seg(s, z + 1, ze) != SEG_OTHER)
          lim = z;
      }
    rpi_namelist el;
    size_t nb0 = skip_sp(s, na);
    size_t sh = shared_family(s, nb0, lim);
    if (sh != UNSET && rpi_names_parse_any(s->w, sh, lim, &el) && !el.v[0].literal && el.v[0].given[0] &&
        el.n < RPI_MAX_NAMES) {
      /* "Translated by John and Anne Tedeschi": the first given name
       * takes the family name the second prints */
      memmove(el.v + 1, el.v, el.n * sizeof el.v[0]);
      el.n++;
      el.total++;
      size_t gl = 0;
      while (nb0 + gl < lim && s->w[nb0 + gl] != ' ' && gl + 1 < sizeof el.v[0].given)
        gl++;
      memcpy(el.v[0].given, s->w + nb0, gl);
      el.v[0].given[gl] = '\0';
      el.v[0].suffix[0] = '\0';
      rpi_fields_names(s, &el, RP_ROLE_TRANSLATOR);
      return;
    }
    if (rpi_names_parse_any(s->w, nb0, lim, &el)) {
      /* not a publisher or a place read as a name */
      if (el.n == 1 && rpi_lex_is_org_word(s->w + el.v[0].fam_a, el.v[0].fam_b - el.v[0].fam_a))
        continue;
      rpi_fields_names(s, &el, RP_ROLE_TRANSLATOR);
      return;
    }
  }
}
