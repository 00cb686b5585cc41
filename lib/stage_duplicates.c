/*
 * stage_duplicates.c: fragments repeating the locator after it, dropped from
 * the working copy and from the normalized text.
 */
#include "stage.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "fields.h"
#include "scan.h"

void rpi_stage_duplicates(st *s, const loc *L) {
  size_t a = L->b;
  size_t e = a;
  bool digit = false;
  while (e < s->n) {
    char c = s->w[e];
    if (ascii_digit(c) || c == ' ' || c == ';' || c == ':' || c == '(' || c == ')' ||
        c == '.' || c == ',' || c == '-') {
      digit |= ascii_digit(c);
      e++;
      continue;
    }
    if (e + 8 <= s->n && at_lit(s, e, "Vol Page", 8)) {
      e += 8;
      continue;
    }
    break;
  }
  if (!digit)
    return;
  /* the fragment must reach the end of the reference */
  size_t k = e;
  while (k < s->n && s->w[k] == ' ')
    k++;
  if (k < s->n)
    return;
  size_t da = a;
  while (da < e && (s->w[da] == ' ' || s->w[da] == '.' || s->w[da] == ','))
    da++;
  if (da >= e)
    return;
  size_t db = e;
  while (db > da && s->w[db - 1] == ' ')
    db--;
  /* only a repeated locator is a duplicate: it has ":" or ";" or "Vol Page",
   * or it is a bare year repeating the one already read ("2014;2014:1-14.
   * 2014."); a lone trailing year is the date ("p. 333-350, 2013.") */
  bool locish = false;
  for (size_t i = da; i < db; i++)
    locish |= s->w[i] == ':' || s->w[i] == ';' || s->w[i] == 'V';
  if (!locish) {
    const char *ky = s->r->field[RP_FIELD_YEAR];
    size_t nd = 0;
    for (size_t i = da; i < db; i++)
      nd += ascii_digit(s->w[i]);
    if (!ky || nd != 4 || !strstr(s->w + da, ky) || (size_t)(strstr(s->w + da, ky) - s->w) >= db)
      return;
  }
  /* compare: any 4-digit year differing from the kept one */
  char msg[256];
  const char *kept_year = s->r->field[RP_FIELD_YEAR];
  bool conflict = false;
  for (size_t i = da; i + 4 <= db; i++) {
    if (ascii_digit(s->w[i]) && ascii_digit(s->w[i + 1]) && ascii_digit(s->w[i + 2]) &&
        ascii_digit(s->w[i + 3]) && (i == da || !ascii_digit(s->w[i - 1])) &&
        (i + 4 == db || !ascii_digit(s->w[i + 4])) && (i + 4 == db || s->w[i + 4] != ':')) {
      if (kept_year && memcmp(kept_year, s->w + i, 4) != 0 && (i + 4 < db && s->w[i + 4] == ';')) {
        snprintf(msg, sizeof msg, "duplicate locator gives year %.4s, kept %s", s->w + i, kept_year);
        rpi_fields_warn(s, RP_WARN_DUP_CONFLICT, da, db, msg);
        conflict = true;
        break;
      }
    }
  }
  (void)conflict;
  /* repairs the cleaner made inside the removed fragment are void */
  {
    rp_span sp = rpi_text_span(s->t, da, db - da);
    rp_result *r = s->r;
    size_t o = 0;
    for (size_t w = 0; w < r->n_warn; w++) {
      rpi_warning *x = &r->warn[w];
      bool inside = x->span.len > 0 && x->span.off >= sp.off && x->span.off + x->span.len <= sp.off + sp.len &&
                    x->code != RP_WARN_DUP_CONFLICT;
      if (inside) {
        rpi_result_free_str(r, x->msg);
        continue;
      }
      r->warn[o++] = *x;
    }
    r->n_warn = o;
  }
  snprintf(msg, sizeof msg, "%.*s -> (removed)", (int)(db - da > 120 ? 120 : db - da), s->w + da);
  rpi_fields_warn(s, RP_WARN_DUP_LOCATOR, da, db, msg);
  /* the text to drop from the normalized string: the fragment's own
   * characters, not an identifier blanked earlier inside it ("PMID: ...") */
  for (size_t i = da; i < db && s->ndrop < 16;) {
    size_t kept = i;
    while (i < db && s->w[i] == ' ' && s->t->s[i] != ' ')
      i++;
    if (i > kept) {
      /* the identifier's own closing period stays with it */
      while (i < db && (s->w[i] == '.' || s->w[i] == ','))
        i++;
    }
    size_t j = i;
    while (j < db && !(s->w[j] == ' ' && s->t->s[j] != ' '))
      j++;
    size_t jj = j;
    while (jj > i && s->w[jj - 1] == ' ')
      jj--;
    if (jj > i) {
      s->drop[s->ndrop][0] = i;
      s->drop[s->ndrop][1] = jj;
      s->ndrop++;
    }
    i = j;
  }
  blank(s, da, db);
}

void rpi_stage_duplicates_text(const st *s, rpi_buf *normalized) {
  const rpi_text *t = s->t;
  if (normalized) {
    /* the cleaned text without the duplicate fragments */
    size_t i = 0;
    for (size_t k = 0; k < s->ndrop; k++) {
      size_t a = s->drop[k][0], b = s->drop[k][1];
      size_t e = a;
      while (e > i && (t->s[e - 1] == ' '))
        e--;
      rpi_buf_put(normalized, t->s + i, e - i);
      i = b;
    }
    rpi_buf_put(normalized, t->s + i, t->len - i);
    while (normalized->len && normalized->p[normalized->len - 1] == ' ')
      normalized->p[--normalized->len] = '\0';
  }
}
