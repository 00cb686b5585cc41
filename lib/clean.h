/*
 * clean.h: what the three cleaning passes of text.c share. Each pass reads
 * one mapped buffer and writes another:
 *
 *   pass 1 (clean_markup.c)  raw bytes -> valid UTF-8: invalid bytes,
 *                            controls, odd spaces, zero-width characters,
 *                            mojibake, HTML and LaTeX markup
 *   pass 2 (clean_accents.c) detached and spacing diacritics joined, NFC
 *   pass 3 (clean_words.c)   list markers, dashes, quotes and apostrophes,
 *                            doubled punctuation, lexicon word repairs, one
 *                            space between words
 *
 * text.c runs them in that order and owns the buffers.
 */
#ifndef RP_CLEAN_H
#define RP_CLEAN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "result.h"
#include "text.h"

/* A string under construction with its raw-offset map. Offsets fit in 32
 * bits: a reference is at most 1 GiB (rp_options_set_max_length). */
typedef struct mbuf {
  rpi_buf b;
  uint32_t *map;
  size_t mcap;
  bool map_borrowed; /* map is the caller's storage (mb_init_on) */
} mbuf;

static inline void mb_init(mbuf *m) {
  rpi_buf_init(&m->b, (size_t)1 << 30);
  m->map = NULL;
  m->mcap = 0;
  m->map_borrowed = false;
}
/* An mbuf on the caller's storage, n bytes and n map entries; growing
 * moves it to the heap. */
static inline void mb_init_on(mbuf *m, char *p, uint32_t *map, size_t n) {
  rpi_buf_init_on(&m->b, p, n, (size_t)1 << 30);
  m->map = map;
  m->mcap = n;
  m->map_borrowed = true;
}
static inline void mb_reserve(mbuf *m, size_t n) {
  if (rpi_buf_reserve(&m->b, n)) {
    m->map = malloc((n + 1) * sizeof *m->map);
    m->mcap = m->map ? n + 1 : 0;
  }
}
static inline void mb_free(mbuf *m) {
  rpi_buf_free(&m->b);
  if (!m->map_borrowed)
    free(m->map);
  m->map = NULL;
}
static inline bool mb_map(mbuf *m, size_t from, size_t raw) {
  size_t need = m->b.len + 1;
  if (need > m->mcap) {
    size_t cap = m->mcap ? m->mcap * 2 : 256;
    while (cap < need)
      cap *= 2;
    uint32_t *p = m->map_borrowed ? malloc(cap * sizeof *p) : realloc(m->map, cap * sizeof *p);
    if (!p) {
      m->b.err = RP_ERR_NOMEM;
      return false;
    }
    if (m->map_borrowed)
      memcpy(p, m->map, m->mcap * sizeof *p);
    m->map_borrowed = false;
    m->map = p;
    m->mcap = cap;
  }
  for (size_t i = from; i < m->b.len; i++)
    m->map[i] = (uint32_t)raw;
  return true;
}
/* Room for n more bytes and their map entries without growing (and within
 * the cap): the fast paths below then write in place. */
static inline bool mb_room(const mbuf *m, size_t n) {
  return !m->b.err && m->b.len + n < m->b.cap && m->b.len + n < m->mcap &&
         m->b.len + n <= m->b.max;
}
static inline void mb_put(mbuf *m, const char *s, size_t n, size_t raw) {
  size_t at = m->b.len;
  if (mb_room(m, n)) {
    memcpy(m->b.p + at, s, n);
    m->b.len += n;
    m->b.p[m->b.len] = '\0';
    for (size_t k = 0; k < n; k++)
      m->map[at + k] = (uint32_t)raw;
    return;
  }
  rpi_buf_put(&m->b, s, n);
  if (!m->b.err)
    mb_map(m, at, raw);
}
/* A verbatim copy: output byte k comes from source byte k, so spans that
 * end inside it (a 3-byte dash, a bullet) keep their true length. */
static inline void mb_copy(mbuf *m, const char *s, size_t n, const uint32_t *srcmap, size_t raw) {
  size_t at = m->b.len;
  if (mb_room(m, n)) {
    memcpy(m->b.p + at, s, n);
    m->b.len += n;
    m->b.p[m->b.len] = '\0';
  } else {
    rpi_buf_put(&m->b, s, n);
    if (m->b.err || !mb_map(m, at, raw))
      return;
  }
  if (srcmap)
    memcpy(m->map + at, srcmap, n * sizeof *m->map);
  else
    for (size_t k = 0; k < n; k++)
      m->map[at + k] = (uint32_t)(raw + k);
}
static inline void mb_swap(mbuf *x, mbuf *y) {
  mbuf tmp = *x;
  *x = *y;
  *y = tmp;
}
static inline void mb_putcp(mbuf *m, unsigned cp, size_t raw) {
  size_t at = m->b.len;
  rpi_buf_putcp(&m->b, cp);
  if (!m->b.err)
    mb_map(m, at, raw);
}

static inline bool is_alpha_ascii(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Adds warning `code` at raw [off, off+len) with the message
 * "before -> after" (each side clipped to 200 bytes). */
void rpi_clean_warn(rp_result *r, rp_warning_code code, size_t off, size_t len, const char *before,
                    size_t blen, const char *after, size_t alen);

/* What the passes make of a byte. Bit 0x10: pass 1 copies it in a run
 * (pass1_plain). Bit 0x20: pass 2 copies it in a run when the text is NFC
 * (pass2_nfc_plain_end). Bit 0x40: p3_after_space. Bit 0x80: pass3_run
 * copies it outside a capitalized word (K_WORD, K_PLAIN, K_DIGIT; not NUL,
 * which ends its scans). Low four bits: its kind for pass3_run. A rule of pass 3 acts only at a space, '-', ',', ';', '.',
 * a bracket, a character with lead byte 0xC2, 0xE2 or 0xEF (K_STOP: the
 * dashes and apostrophes it reads, U+00B4 and U+2012..U+FF0D), or in a word
 * that starts with an ASCII capital (every lexicon repair does, lexicon.c).
 * (Keep true when adding rules.) K_WORD is a small letter or a non-ASCII
 * byte other than K_STOP; word_byte() is K_WORD, K_UPPER, K_DIGIT or K_STOP. */
enum { K_WORD, K_PLAIN, K_UPPER, K_DIGIT, K_SPACE, K_SEP, K_DOT, K_OPEN, K_CLOSE, K_HYPHEN, K_STOP };
#define P1_PLAIN 0x10
#define P2_NFC_PLAIN 0x20
#define P3_AFTER_SPACE 0x40
#define P3_COPY 0x80
#define P3_KIND(c) (byte_class[c] & 0x0F)
static const unsigned char byte_class[256] = {
    0x61, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1,
    0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1,
    0x34, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0x77, 0x78, 0xe1, 0xe1, 0x35, 0x39, 0x76, 0xf1,
    0xf3, 0xf3, 0xf3, 0xf3, 0xf3, 0xf3, 0xf3, 0xf3, 0xf3, 0xf3, 0xf1, 0x35, 0xe1, 0xe1, 0xe1, 0xe1,
    0xe1, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72,
    0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x67, 0xe1, 0x68, 0xe1, 0xe1,
    0xc1, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0,
    0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xe1, 0xe1, 0xe1, 0xc1, 0xe1,
    0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0,
    0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0,
    0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0,
    0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0,
    0xe0, 0xe0, 0x0a, 0xe0, 0xc0, 0xe0, 0xe0, 0xe0, 0xc0, 0xe0, 0xe0, 0xc0, 0xc0, 0xc0, 0xe0, 0xe0,
    0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0,
    0xe0, 0xe0, 0x2a, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0x2a,
    0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0,
};

/* Pass 1: raw[0..n) into o. Returns 0 or an rp_status (RP_ERR_UTF8 on
 * invalid UTF-8 without RP_OPT_REPAIR_UTF8). */
int rpi_clean_markup(mbuf *o, const char *raw, size_t n, unsigned flags, rp_result *r);
/* Whether pass 2 would only copy `in`. */
bool rpi_clean_accents_identity(const mbuf *in);
/* Pass 2: `in` into o (RP_OPT_JOIN_DIACRITICS off: composing only). */
int rpi_clean_accents(mbuf *o, const mbuf *in, unsigned flags, rp_result *r);
/* Pass 3: `in` (NUL-terminated) into o; a stripped list marker goes to t. */
int rpi_clean_words(mbuf *o, const mbuf *in, unsigned flags, rp_result *r, rpi_text *t);

#endif
