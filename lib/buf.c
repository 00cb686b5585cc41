#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refparse.h"

void rpi_buf_init_on(rpi_buf *b, char *storage, size_t size, size_t max) {
  rpi_buf_init(b, max);
  b->p = storage;
  b->p[0] = '\0';
  b->cap = max < (size_t)-1 && size > max + 1 ? max + 1 : size;
  b->borrowed = true;
}

bool rpi_buf_reserve(rpi_buf *b, size_t extra) {
  if (b->err)
    return false;
  if (extra > b->max || b->len > b->max - extra) {
    b->err = RP_ERR_TOOBIG;
    return false;
  }
  size_t need = b->len + extra + 1;
  if (need <= b->cap)
    return true;
  size_t cap = b->cap ? b->cap : 128;
  while (cap < need)
    cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
  if (b->max < (size_t)-1 && cap > b->max + 1)
    cap = b->max + 1; /* keeps cap <= max + 1 (need <= max + 1 here) */
  char *p = b->borrowed || !b->p ? malloc(cap) : realloc(b->p, cap);
  if (!p) {
    b->err = RP_ERR_NOMEM;
    return false;
  }
  if (b->borrowed)
    memcpy(p, b->p, b->len + 1);
  b->borrowed = false;
  b->p = p;
  b->cap = cap;
  return true;
}

void rpi_buf_put_slow(rpi_buf *b, const char *s, size_t n) {
  if (!rpi_buf_reserve(b, n))
    return;
  if (n)
    memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

/* The digits are counted first and written in place (last to first, two
 * at a time from a table), with the same room check as one rpi_buf_put of
 * them. */
void rpi_buf_putu(rpi_buf *b, size_t v) {
  static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                              "25262728293031323334353637383940414243444546474849"
                              "50515253545556575859606162636465666768697071727374"
                              "75767778798081828384858687888990919293949596979899";
  size_t n = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : 4;
  for (size_t x = v / 10000; x; x /= 10)
    n++;
  if (!rpi_buf_room(b, n))
    return;
  char *d = b->p + b->len + n;
  *d = '\0';
  for (; v >= 100; v /= 100) {
    d -= 2;
    memcpy(d, pairs + 2 * (v % 100), 2);
  }
  if (v >= 10) {
    d -= 2;
    memcpy(d, pairs + 2 * v, 2);
  } else {
    *--d = (char)('0' + v);
  }
  b->len += n;
}

void rpi_buf_putcp(rpi_buf *b, unsigned cp) {
  char t[4];
  size_t n;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    cp = 0xFFFD;
  if (cp < 0x80) {
    t[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    t[0] = (char)(0xC0 | (cp >> 6));
    t[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    t[0] = (char)(0xE0 | (cp >> 12));
    t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    t[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    t[0] = (char)(0xF0 | (cp >> 18));
    t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    t[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  rpi_buf_put(b, t, n);
}

void rpi_buf_printf(rpi_buf *b, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->err = RP_ERR_INTERNAL;
    return;
  }
  if ((size_t)n < sizeof small) {
    rpi_buf_put(b, small, (size_t)n);
    return;
  }
  if (!rpi_buf_reserve(b, (size_t)n))
    return;
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

char *rpi_buf_detach(rpi_buf *b, size_t *len) {
  char *p = b->p;
  if (b->borrowed) {
    p = malloc(b->len + 1);
    if (p)
      memcpy(p, b->p, b->len + 1);
    b->borrowed = false;
  } else if (!p) {
    p = malloc(1);
    if (p)
      p[0] = '\0';
  }
  if (len)
    *len = b->len;
  b->p = NULL;
  b->len = b->cap = 0;
  return p;
}
