/*
 * stage_imprint.c: the edition statement, and a publisher named after a
 * journal locator ("... 1757-1781. DOVE MEDICAL PRESS LTD.").
 */
#include "stage.h"

#include <string.h>

#include "fields.h"
#include "imprint.h"
#include "scan.h"

void rpi_stage_imprint_edition(st *s, size_t pos) {
  rpi_match m;
  if (find(s, P_EDITION, pos, &m)) {
    int g = gset(&m, G_EDITION_E) ? G_EDITION_E : G_EDITION_E2;
    rpi_fields_set(s, RP_FIELD_EDITION, m.g[g][0], m.g[g][1]);
    blank(s, m.start, m.end);
  }
}

void rpi_stage_imprint_after_locator(st *s, const loc *L) {
  /* "... Pages 1757-1781. DOVE MEDICAL PRESS LTD." */
  size_t ta = L->b, tb = s->n;
  trim(s->w, &ta, &tb);
  if (tb > ta) {
    bool digits = false;
    for (size_t q = ta; q < tb; q++)
      digits |= ascii_digit(s->w[q]);
    if (!digits && rpi_imprint_has_publisher_word(s, ta, tb))
      rpi_imprint_publisher_place(s, ta, tb);
  }
}
