/*
 * utf8.h: UTF-8 decoding and the ICU wrappers (NFC, ASCII folding).
 *
 * Decoding is strict (RFC 3629: no overlongs, no surrogates, max U+10FFFF).
 * Character classes here are Unicode-aware via ICU's u_* property calls, and
 * never depend on the C locale.
 *   rpi_utf8_decode("é", 2, &cp) -> 2, cp = 0xE9
 *   rpi_nfc("e\xCC\x81") -> "é"     rpi_fold("Műzes") -> "Muzes"
 */
#ifndef RP_UTF8_H
#define RP_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Decode one code point at s (n bytes available). Returns its length (1-4)
 * and stores it in *cp, or returns 0 and stores 0 for an invalid sequence
 * or n == 0 (then the caller should skip 1 byte). */
size_t rpi_utf8_decode_multi(const unsigned char *s, size_t n, unsigned *cp);
static inline size_t rpi_utf8_decode(const unsigned char *s, size_t n, unsigned *cp) {
  if (n && s[0] < 0x80) { /* ASCII inline; the rest out of line */
    *cp = s[0];
    return 1;
  }
  return rpi_utf8_decode_multi(s, n, cp);
}
/* Length of the valid UTF-8 character at s, 0 if none (needs n >= 1). */
size_t rpi_utf8_len(const char *s, size_t n);
/* Code point before byte offset `off` in s (valid UTF-8); start in *start. */
unsigned rpi_utf8_prev_multi(const char *s, size_t off, size_t *start);
static inline unsigned rpi_utf8_prev(const char *s, size_t off, size_t *start) {
  if (off && (unsigned char)s[off - 1] < 0x80) { /* ASCII inline */
    if (start)
      *start = off - 1;
    return (unsigned char)s[off - 1];
  }
  return rpi_utf8_prev_multi(s, off, start);
}

/* Character classes. They are called for nearly every character the rules
 * look at, so ASCII is answered inline; other code points go to ICU
 * through the *_nonascii functions (for cp >= 0x80 only). */
bool rpi_is_letter_nonascii(unsigned cp);
bool rpi_is_upper_nonascii(unsigned cp);
bool rpi_is_lower_nonascii(unsigned cp);
bool rpi_is_mark_nonascii(unsigned cp);
bool rpi_is_space_nonascii(unsigned cp);
unsigned rpi_to_upper_nonascii(unsigned cp);
unsigned rpi_to_lower_nonascii(unsigned cp);

static inline bool rpi_is_letter(unsigned cp) {
  return cp < 0x80 ? (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' : rpi_is_letter_nonascii(cp);
}
static inline bool rpi_is_upper(unsigned cp) {
  return cp < 0x80 ? cp >= 'A' && cp <= 'Z' : rpi_is_upper_nonascii(cp);
}
static inline bool rpi_is_lower(unsigned cp) {
  return cp < 0x80 ? cp >= 'a' && cp <= 'z' : rpi_is_lower_nonascii(cp);
}
static inline bool rpi_is_digit(unsigned cp) { return cp >= '0' && cp <= '9'; } /* ASCII only */
/* combining mark (Mn/Mc/Me); none below U+0300 */
static inline bool rpi_is_mark(unsigned cp) { return cp >= 0x300 && rpi_is_mark_nonascii(cp); }
/* any Unicode space or format space */
static inline bool rpi_is_space(unsigned cp) {
  return cp < 0x80 ? cp == ' ' || (cp >= 9 && cp <= 13) : rpi_is_space_nonascii(cp);
}
static inline unsigned rpi_to_upper(unsigned cp) {
  return cp < 0x80 ? ((cp >= 'a' && cp <= 'z') ? cp - 32 : cp) : rpi_to_upper_nonascii(cp);
}
static inline unsigned rpi_to_lower(unsigned cp) {
  return cp < 0x80 ? ((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp) : rpi_to_lower_nonascii(cp);
}

/* Whether s (valid UTF-8) is in NFC. */
bool rpi_is_nfc(const char *s, size_t n);
/* Append NFC of s to out. Returns 0 or an rp_status. */
int rpi_nfc(const char *s, size_t n, rpi_buf *out);
/* Compose base + combining mark if NFC has a precomposed character;
 * returns it, or 0 when none exists. */
unsigned rpi_compose(unsigned base, unsigned mark);

/* ASCII folding (ICU "Latin-ASCII" transliteration after NFD). */
typedef struct rpi_folder rpi_folder;
int rpi_folder_new(rpi_folder **out);
void rpi_folder_free(rpi_folder *f);
/* Append the ASCII-folded s to out; thread-safe on a shared folder (each
 * fold takes a transliterator from the folder's pool), linear in n (folded
 * in segments of at most 256 UTF-16 units). */
int rpi_fold(const rpi_folder *f, const char *s, size_t n, rpi_buf *out);
/* rpi_fold with every segment through ICU's transliterator (none of the
 * paths without it): the reference the tests compare rpi_fold with. */
int rpi_fold_icu(const rpi_folder *f, const char *s, size_t n, rpi_buf *out);

#endif
