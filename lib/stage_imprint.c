/*
 * stage_imprint.c: the edition and version statements, and a publisher
 * named after a journal locator ("... 1757-1781. DOVE MEDICAL PRESS LTD.").
 */
#include "stage.h"

#include <string.h>

#include "fields.h"
#include "imprint.h"
#include "scan.h"

/* Citing Medicine's version statement, a sentence of its own right after
 * the title's medium in brackets: "tidyspec [computer program]. Version
 * 1.3.2. Zenodo; 2021.", "[dataset]. Version 2. Mendeley Data; 2021.".
 * The version (one token holding a digit) is kept and the sentence taken
 * out, so that the imprint after it reads alone. */
static void version_sentence(st *s, size_t pos) {
  if (s->r->field[RP_FIELD_VERSION])
    return;
  for (size_t q = pos + 3; q + 10 < s->n; q++) {
    if (s->w[q] != 'V' || s->w[q - 1] != ' ' || s->w[q - 2] != '.' || s->w[q - 3] != ']' ||
        !at_lit(s, q, "Version ", 8))
      continue;
    size_t va = q + 8, e = va;
    bool digit = false;
    while (e < s->n && s->w[e] != ' ')
      digit |= ascii_digit(s->w[e++]);
    size_t ve = e;
    while (ve > va && s->w[ve - 1] == '.')
      ve--;
    if (!digit || ve == e || ve - va > 20)
      continue; /* the sentence ends with the version */
    rpi_fields_set(s, RP_FIELD_VERSION, va, ve);
    blank(s, q, e);
    return;
  }
}

/* GB/T 7714's and Japanese edition statements, a sentence of their own:
 * "[M]. 4版. 北京:", "[M]. 第2版. 上海:", "第3版." (版 after the number,
 * 第 before it optional). Sets the edition to the number and takes the
 * statement out. */
static void cjk_edition(st *s, size_t pos) {
  static const char ban[] = "\xe7\x89\x88", di[] = "\xe7\xac\xac"; /* 版 第 */
  for (size_t q = pos + 1; q + 4 < s->n; q++) {
    if (!ascii_digit(s->w[q]) || ascii_digit(s->w[q - 1]))
      continue;
    size_t e = q;
    while (e < s->n && ascii_digit(s->w[e]))
      e++;
    if (e - q > 2 || e + 3 > s->n || memcmp(s->w + e, ban, 3) != 0)
      continue;
    size_t a = q;
    if (a >= pos + 3 && memcmp(s->w + a - 3, di, 3) == 0)
      a -= 3;
    size_t z = e + 3;
    /* a sentence of its own: after ". " and before "." or "," */
    if (a < pos + 2 || s->w[a - 1] != ' ' || s->w[a - 2] != '.' ||
        (z < s->n && s->w[z] != '.' && s->w[z] != ','))
      continue;
    rpi_fields_set(s, RP_FIELD_EDITION, q, e);
    blank(s, a, z < s->n ? z + 1 : z);
    return;
  }
}

void rpi_stage_imprint_edition(st *s, size_t pos) {
  version_sentence(s, pos);
  rpi_match m;
  if (find(s, P_EDITION, pos, &m)) {
    int g = gset(&m, G_EDITION_E) ? G_EDITION_E : G_EDITION_E2;
    rpi_fields_set(s, RP_FIELD_EDITION, m.g[g][0], m.g[g][1]);
    blank(s, m.start, m.end);
  } else {
    cjk_edition(s, pos);
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
