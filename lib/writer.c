#include "writer.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "simd.h"

/* Bytes a JSON string literal escapes: controls, '"', '\\', DEL. */
#define E1(c) ((c) < 0x20 || (c) == '"' || (c) == '\\' || (c) == 0x7F)
#define E4(c) E1(c), E1(c + 1), E1(c + 2), E1(c + 3)
#define E16(c) E4(c), E4(c + 4), E4(c + 8), E4(c + 12)
static const bool json_escaped[128] = {E16(0),  E16(16), E16(32), E16(48),
                                       E16(64), E16(80), E16(96), E16(112)};

/* Non-zero when any of the 8 bytes of v is one json_escaped marks (a
 * control, '"', '\\' or DEL); bytes >= 0x80 never are. Each term is the
 * exact "some byte is zero / below 0x20" word test, so the answer is exact
 * (which bit is set is not used: a flagged word is redone byte by byte). */
static inline uint64_t escapes_in(uint64_t v) {
  const uint64_t ones = UINT64_C(0x0101010101010101), high = ones * 0x80;
  uint64_t q = v ^ (ones * '"'), bs = v ^ (ones * '\\'), del = v ^ (ones * 0x7F);
  return (((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((bs - ones) & ~bs) |
          ((del - ones) & ~del)) &
         high;
}

/* The escape of a byte json_escaped marks; returns its length. */
static size_t escape(char *d, unsigned char c) {
  static const char hex[] = "0123456789abcdef";
  char e = c == '"' ? '"' : c == '\\' ? '\\' : c == '\n' ? 'n' : c == '\t' ? 't' : c == '\r' ? 'r' : 0;
  d[0] = '\\';
  if (e) {
    d[1] = e;
    return 2;
  }
  d[1] = 'u';
  d[2] = '0';
  d[3] = '0';
  d[4] = hex[c >> 4];
  d[5] = hex[c & 15];
  return 6;
}

/* Writes the escape of c at d, after reserving what it adds to the rest
 * (rest more bytes and the closing quote); returns the new d, or NULL when
 * the buffer could not grow (err set, contents kept). */
static char *escape_at(rpi_buf *b, char *d, unsigned char c, size_t rest) {
  char t[6];
  size_t k = escape(t, c);
  b->len = (size_t)(d - b->p);
  if (!rpi_buf_reserve(b, k + rest + 1)) {
    b->p[b->len] = '\0';
    return NULL;
  }
  d = b->p + b->len;
  memcpy(d, t, k);
  return d + k;
}

#if RPI_SSE2
/* Bit i set when byte i of v is one json_escaped marks (<= 0x1F, '"', '\\',
 * DEL). */
static inline unsigned escapes16(rpi_v16 v) {
  rpi_v16 ctl = rpi_v16_le(v, 0x1F), q = rpi_v16_eq(v, '"');
  rpi_v16 bs = rpi_v16_eq(v, '\\'), del = rpi_v16_eq(v, 0x7F);
  return rpi_v16_mask(rpi_v16_or(rpi_v16_or(ctl, q), rpi_v16_or(bs, del)));
}
#endif

/* Written in place: room for the quotes and the bytes as they are is
 * reserved first, and each escape reserves what it adds, so the buffer
 * grows (or fails with err) exactly as with one append per piece; clean
 * 16- and 8-byte blocks are copied whole. */
void rpi_json_str(rpi_buf *b, const char *s, size_t n) {
  if (!rpi_buf_room(b, n + 2))
    return;
  char *d = b->p + b->len;
  *d++ = '"';
  size_t i = 0, verbatim = 0; /* s[verbatim..i) was copied without escapes */
  while (i < n) {
    size_t left = n - i;
    uint64_t v;
#if RPI_SSE2
    if (left >= 16) {
      rpi_v16 x = rpi_v16_load(s + i);
      unsigned m = escapes16(x);
      rpi_v16_store(d, x); /* fits: 16 <= left */
      if (!m) {
        d += 16;
        i += 16;
        continue;
      }
      unsigned k = (unsigned)__builtin_ctz(m); /* s[i + k] is the first to escape */
      d += k;
      i += k;
      if (!(d = escape_at(b, d, (unsigned char)s[i], n - i - 1)))
        return;
      verbatim = ++i;
      continue;
    }
    if (n - verbatim >= 16) {
      /* the tail: the last 16 bytes of s, of which those before i are
       * already out verbatim at the same offsets, so rewriting them is
       * harmless */
      rpi_v16 x = rpi_v16_load(s + n - 16);
      if (!escapes16(x)) {
        rpi_v16_store(d - (16 - left), x);
        d += left;
        break;
      }
    }
#endif
    if (left >= 8) {
      memcpy(&v, s + i, 8);
      if (!escapes_in(v)) {
        memcpy(d, &v, 8);
        d += 8;
        i += 8;
        continue;
      }
    } else if (n - verbatim >= 8) {
      /* the tail, as above with 8 bytes */
      memcpy(&v, s + n - 8, 8);
      if (!escapes_in(v)) {
        memcpy(d - (8 - left), &v, 8);
        d += left;
        break;
      }
    } else if (left >= 4) {
      /* 4 to 7 bytes left: their first and last 4 (overlapping), checked
       * as one word */
      uint32_t lo, hi;
      memcpy(&lo, s + i, 4);
      memcpy(&hi, s + n - 4, 4);
      if (!escapes_in(lo | (uint64_t)hi << 32)) {
        memcpy(d, &lo, 4);
        memcpy(d + left - 4, &hi, 4);
        d += left;
        break;
      }
    }
    /* a byte at a time up to the end of this word */
    for (size_t e = left >= 8 ? i + 8 : n; i < e; i++) {
      unsigned char c = (unsigned char)s[i];
      if (c >= 0x80 || !json_escaped[c]) {
        *d++ = (char)c;
        continue;
      }
      if (!(d = escape_at(b, d, c, n - i - 1)))
        return;
      verbatim = i + 1;
    }
  }
  *d++ = '"';
  *d = '\0';
  b->len = (size_t)(d - b->p);
}

rp_status rpi_writer_finish(rpi_buf *b, char **out, size_t *out_len) {
  if (b->err) {
    rp_status st = (rp_status)b->err;
    rpi_buf_free(b);
    return st;
  }
  size_t len = 0;
  *out = rpi_buf_detach(b, &len);
  if (!*out)
    return RP_ERR_NOMEM;
  if (out_len)
    *out_len = len;
  return RP_OK;
}
