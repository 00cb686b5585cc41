/*
 * buf.h: growable byte buffer with a hard cap.
 *
 * Every append either succeeds or sets `err` (sticky) and leaves the
 * contents as they were; callers check once at the end. The cap keeps a
 * hostile input from growing memory without bound.
 *   rpi_buf b; rpi_buf_init(&b, 1 << 20);
 *   rpi_buf_puts(&b, "x"); if (b.err) ...; rpi_buf_free(&b);
 */
#ifndef RP_BUF_H
#define RP_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct rpi_buf {
  char *p;       /* NUL-terminated when len > 0 or after rpi_buf_cstr */
  size_t len;
  size_t cap;    /* storage size; never more than max + 1 */
  size_t max;    /* hard cap on len */
  int err;       /* 0, or an rp_status (negative) */
  bool borrowed; /* p is the caller's storage (rpi_buf_init_on), not malloc'd */
} rpi_buf;

/* init, free, clear and cstr are inline: they are called for every
 * temporary buffer, most of which never allocate. */
static inline void rpi_buf_init(rpi_buf *b, size_t max) {
  b->p = NULL;
  b->len = b->cap = 0;
  b->max = max;
  b->err = 0;
  b->borrowed = false;
}
/* Start on the caller's storage (size bytes, size >= 1, which must outlive
 * b); the contents move to malloc'd memory when they outgrow it. Otherwise
 * the same as rpi_buf_init: saves the allocation for small contents. */
void rpi_buf_init_on(rpi_buf *b, char *storage, size_t size, size_t max);
static inline void rpi_buf_free(rpi_buf *b) {
  if (b->p && !b->borrowed)
    free(b->p);
  b->borrowed = false;
  b->p = NULL;
  b->len = b->cap = 0;
}
static inline void rpi_buf_clear(rpi_buf *b) {
  b->len = 0;
  if (b->p)
    b->p[0] = '\0';
}
bool rpi_buf_reserve(rpi_buf *b, size_t extra);
/* rpi_buf_reserve with the common case inline: when extra bytes and the NUL
 * already fit in the storage (so within the cap too, as cap <= max + 1) it
 * has nothing to do. */
static inline bool rpi_buf_room(rpi_buf *b, size_t extra) {
  if (!b->err && extra < b->cap - b->len)
    return true;
  return rpi_buf_reserve(b, extra);
}
/* The out-of-line append: grows the buffer (or sets err). */
void rpi_buf_put_slow(rpi_buf *b, const char *s, size_t n);

/* Appends are inline: when the bytes and the NUL fit in the storage (so
 * within the cap too, as cap <= max + 1) they are written in place, with
 * the same result as rpi_buf_put_slow; anything else goes through it. */
static inline void rpi_buf_put(rpi_buf *b, const char *s, size_t n) {
  if (!b->err && n < b->cap - b->len) {
    char *d = b->p + b->len;
    if (n >= 4 && n <= 16) {
      /* a short copy without a call: first and last 8 (or 4) bytes, which
       * overlap, each read and written whole */
      if (n >= 8) {
        uint64_t x, y;
        memcpy(&x, s, 8);
        memcpy(&y, s + n - 8, 8);
        memcpy(d, &x, 8);
        memcpy(d + n - 8, &y, 8);
      } else {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + n - 4, 4);
        memcpy(d, &x, 4);
        memcpy(d + n - 4, &y, 4);
      }
    } else if (n > 16) {
      memcpy(d, s, n);
    } else if (n) {
      d[0] = s[0]; /* 1 to 3 bytes: first, middle and last */
      d[n / 2] = s[n / 2];
      d[n - 1] = s[n - 1];
    }
    b->len += n;
    b->p[b->len] = '\0';
    return;
  }
  rpi_buf_put_slow(b, s, n);
}
static inline void rpi_buf_puts(rpi_buf *b, const char *s) { rpi_buf_put(b, s, strlen(s)); }
static inline void rpi_buf_putc(rpi_buf *b, char c) { rpi_buf_put(b, &c, 1); }
/* Append a string literal (its length known at compile time, no strlen). */
#define rpi_buf_put_lit(b, lit) rpi_buf_put((b), "" lit, sizeof(lit) - 1)
/* Append v in decimal (as printf's %zu). */
void rpi_buf_putu(rpi_buf *b, size_t v);
/* Append a code point as UTF-8. */
void rpi_buf_putcp(rpi_buf *b, unsigned cp);
void rpi_buf_printf(rpi_buf *b, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Contents as a C string ("" when empty); valid until the next append. */
static inline const char *rpi_buf_cstr(rpi_buf *b) { return b->p ? b->p : ""; }
/* Hand the storage to the caller (malloc'd, NUL-terminated); resets b. */
char *rpi_buf_detach(rpi_buf *b, size_t *len);

#endif
