#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clean.h"
#include "utf8.h"

void rpi_clean_warn(rp_result *r, rp_warning_code code, size_t off, size_t len, const char *before,
                    size_t blen, const char *after, size_t alen) {
  char msg[200 + 4 + 200 + 1]; /* both sides clipped to 200 bytes */
  size_t bl = blen < 200 ? blen : 200, al = alen < 200 ? alen : 200;
  memcpy(msg, before, bl);
  memcpy(msg + bl, " -> ", 4);
  memcpy(msg + bl + 4, after, al);
  msg[bl + 4 + al] = '\0';
  rpi_result_warn(r, code, off, len, msg);
}

int rpi_text_clean(rpi_text *t, const char *raw, size_t n, unsigned flags,
                   rp_result *r) {
  t->s = t->citation_number = NULL;
  t->map = NULL;
  t->len = t->citation_off = t->citation_len = 0;
  t->raw_len = n;
  mbuf a, b;
  /* pass 1 writes on the stack when the line is short; the text that
   * leaves (pass 3's) is on the heap */
  char stack_p[1024];
  uint32_t stack_map[1024];
  _Static_assert(sizeof t->s_on == sizeof stack_p && sizeof t->map_on == sizeof stack_map,
                 "one length test for both");
  if (n + 33 <= sizeof stack_p) {
    /* pass 3 writes into t's own storage */
    mb_init_on(&a, stack_p, stack_map, sizeof stack_p);
    mb_init_on(&b, t->s_on, t->map_on, sizeof t->s_on);
  } else {
    mb_init(&a);
    mb_reserve(&a, n + 32);
    mb_init(&b);
    /* one allocation each for typical lines: repairs rarely grow the text */
    mb_reserve(&b, n + 32);
  }
  int rc = rpi_clean_markup(&a, raw, n, flags, r);
  /* Each pass reads one buffer and writes the other; the swaps leave the
   * latest text in a. Pass 2 is skipped when it would only copy. */
  if (!rc && !rpi_clean_accents_identity(&a)) {
    rc = rpi_clean_accents(&b, &a, flags, r);
    mb_swap(&a, &b);
    if (b.map_borrowed || b.b.borrowed) { /* pass 3 writes on the heap */
      mb_free(&b);
      mb_init(&b);
      mb_reserve(&b, n + 32);
    }
  }
  if (!rc) {
    b.b.len = 0;
    if (a.b.p)
      a.b.p[a.b.len] = '\0'; /* pass3_run's scans stop at it */
    rc = rpi_clean_words(&b, &a, flags, r, t);
    mb_swap(&a, &b);
  }
  if (!rc && !rpi_is_nfc(a.b.p ? a.b.p : "", a.b.len)) {
    /* a repair left a combining mark after a new base (a spacing accent
     * joined before a combining one, a dropped period): the text leaves in
     * NFC, so pass 2 runs again, composing only */
    mb_free(&b); /* a fresh heap buffer: mb_reserve assumes one */
    mb_init(&b);
    mb_reserve(&b, a.b.len + 32);
    rc = rpi_clean_accents(&b, &a, flags & ~RP_OPT_JOIN_DIACRITICS, r);
    mb_swap(&a, &b);
  }
  if (!rc && !mb_map(&a, a.b.len, n))
    rc = RP_ERR_NOMEM;
  if (!rc) {
    /* a is t's storage (or it outgrew that, or pass 2 ran: the heap) */
    a.map[a.b.len] = n;
    t->len = a.b.len;
    if (a.b.borrowed) {
      t->s = a.b.p;
      a.b.borrowed = false;
      a.b.p = NULL;
    } else {
      t->s = rpi_buf_detach(&a.b, NULL);
    }
    t->map = a.map;
    a.map = NULL;
    if (!t->s)
      rc = RP_ERR_NOMEM;
  }
  mb_free(&a);
  mb_free(&b);
  return rc;
}

void rpi_text_free(rpi_text *t) {
  if (t->s != t->s_on)
    free(t->s);
  if (t->map != t->map_on)
    free(t->map);
  free(t->citation_number);
  t->s = t->citation_number = NULL;
  t->map = NULL;
  t->len = t->raw_len = 0;
}

rp_span rpi_text_span(const rpi_text *t, size_t off, size_t len) {
  rp_span sp = {0, 0};
  if (!t->map || off > t->len)
    return sp;
  if (off + len > t->len)
    len = t->len - off;
  sp.off = t->map[off];
  if (len == 0)
    return sp;
  size_t last = t->map[off + len - 1];
  /* extend to the end of the raw character */
  size_t end = off + len < t->len ? t->map[off + len] : t->raw_len;
  if (end <= last)
    end = last + 1;
  sp.len = end - sp.off;
  return sp;
}
