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
    if (rpi_names_parse_any(s->w, skip_sp(s, na), lim, &el)) {
      /* not a publisher or a place read as a name */
      if (el.n == 1 && rpi_lex_is_org_word(s->w + el.v[0].fam_a, el.v[0].fam_b - el.v[0].fam_a))
        continue;
      rpi_fields_names(s, &el, RP_ROLE_TRANSLATOR);
      return;
    }
  }
}
