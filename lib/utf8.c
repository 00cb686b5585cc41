#include "utf8.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "han.h"
#include "hangul.h"
#include "refparse.h"
#include "simd.h"

size_t rpi_utf8_decode_multi(const unsigned char *s, size_t n, unsigned *cp) {
  *cp = 0; /* what an empty or invalid sequence stores */
  if (n == 0)
    return 0;
  unsigned c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  /* two and three bytes decoded at once (same checks as the loop below:
   * a 0xC2..0xDF lead is never overlong) */
  if (c >= 0xC2 && c <= 0xDF) {
    if (n < 2 || (s[1] & 0xC0) != 0x80)
      return 0;
    *cp = (c & 0x1F) << 6 | (s[1] & 0x3Fu);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
      return 0;
    unsigned v = (c & 0x0F) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
      return 0;
    *cp = v;
    return 3;
  }
  size_t len;
  unsigned min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    c &= 0x1F;
    min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    c &= 0x0F;
    min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    c &= 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    c = (c << 6) | (s[i] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  *cp = c;
  return len;
}

size_t rpi_utf8_len(const char *s, size_t n) {
  unsigned cp;
  return rpi_utf8_decode((const unsigned char *)s, n, &cp);
}

unsigned rpi_utf8_prev_multi(const char *s, size_t off, size_t *start) {
  size_t i = off;
  if (i == 0) {
    if (start)
      *start = 0;
    return 0;
  }
  i--;
  while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && off - i < 4)
    i--;
  unsigned cp = 0;
  if (!rpi_utf8_decode((const unsigned char *)s + i, off - i, &cp)) {
    i = off - 1;
    cp = (unsigned char)s[i];
  }
  if (start)
    *start = i;
  return cp;
}

bool rpi_is_letter_nonascii(unsigned cp) { return u_isalpha((UChar32)cp); }
bool rpi_is_upper_nonascii(unsigned cp) { return u_isupper((UChar32)cp) || u_istitle((UChar32)cp); }
bool rpi_is_lower_nonascii(unsigned cp) { return u_islower((UChar32)cp); }
bool rpi_is_mark_nonascii(unsigned cp) {
  int8_t t = u_charType((UChar32)cp);
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}
bool rpi_is_space_nonascii(unsigned cp) {
  return u_isUWhiteSpace((UChar32)cp) || cp == 0x200B || cp == 0xFEFF || cp == 0x2060 || cp == 0x180E;
}
unsigned rpi_to_upper_nonascii(unsigned cp) { return (unsigned)u_toupper((UChar32)cp); }
unsigned rpi_to_lower_nonascii(unsigned cp) { return (unsigned)u_tolower((UChar32)cp); }

/* UTF-8 <-> UTF-16 through a small stack buffer or the heap. */
static UChar *to_u16(const char *s, size_t n, int32_t *ulen, UChar *stack,
                     int32_t stack_cap) {
  UErrorCode st = U_ZERO_ERROR;
  if (n > 0x3FFFFFFF)
    return NULL;
  int32_t need = 0;
  u_strFromUTF8(stack, stack_cap, &need, s, (int32_t)n, &st);
  if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING ||
      need >= stack_cap) {
    UChar *heap = malloc(((size_t)need + 1) * sizeof(UChar));
    if (!heap)
      return NULL;
    st = U_ZERO_ERROR;
    u_strFromUTF8(heap, need + 1, &need, s, (int32_t)n, &st);
    if (U_FAILURE(st)) {
      free(heap);
      return NULL;
    }
    *ulen = need;
    return heap;
  }
  if (U_FAILURE(st))
    return NULL;
  *ulen = need;
  return stack;
}

static int put_u16(const UChar *u, int32_t ulen, rpi_buf *out) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t need = 0;
  u_strToUTF8(NULL, 0, &need, u, ulen, &st);
  if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
    return RP_ERR_INTERNAL;
  if (!rpi_buf_reserve(out, (size_t)need))
    return out->err;
  st = U_ZERO_ERROR;
  u_strToUTF8(out->p + out->len, need + 1, NULL, u, ulen, &st);
  if (U_FAILURE(st))
    return RP_ERR_INTERNAL;
  out->len += (size_t)need;
  out->p[out->len] = '\0';
  return 0;
}

/* Length of the ASCII prefix of s[0..n): sixteen (SSE2) or eight bytes at
 * a time, then the last eight bytes at once when they are all that is
 * left (they overlap bytes already known to be ASCII). */
static size_t ascii_prefix(const unsigned char *s, size_t n) {
  size_t i = 0;
#if RPI_SSE2
  for (; i + 16 <= n; i += 16) {
    unsigned m = rpi_v16_mask(rpi_v16_load(s + i)); /* the bytes >= 0x80 */
    if (m)
      return i + (size_t)__builtin_ctz(m);
  }
#endif
  for (; i + 8 <= n; i += 8)
    if (rpi_load8(s + i) & RPI_HIGH8)
      break;
  if (i + 8 > n && n >= 8 && !(rpi_load8(s + n - 8) & RPI_HIGH8))
    return n;
  while (i < n && s[i] < 0x80)
    i++;
  return i;
}

/* The 16-code-point blocks of the BMP (bit b of word w: block 64w + b)
 * whose code points are all assigned (not private use) and have
 * NFC_Quick_Check=Yes and combining class 0, as ICU 72 (Unicode 15) has
 * them; Unicode's normalization stability keeps that true in later
 * versions. Made with u_charType, u_getIntPropertyValue and
 * u_getCombiningClass over every code point. */
static const uint64_t nfc_yes_blocks[64] = {
    0xfa00ffffffffffffull, 0x37e49f4d20d7feffull, 0x0000000000c70c91ull, 0x0005020604840000ull,
    0x7d5dc6cfe33feef3ull, 0x1f157dffffffffffull, 0x3b27001dcb217b7dull, 0x074dffff0fff06e7ull,
    0xfffbfffffefb0c3eull, 0xffffffffffffffc3ull, 0xfd7fdfffffffffffull, 0x1fff7d1f013b3fffull,
    0xfffffffdbef6fdebull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull,
    0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull,
    0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull,
    0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull,
    0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull,
    0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull,
    0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull,
    0xffffffffffffffffull, 0x0fff7d33ffffeeffull, 0x3fb847c7475b0f72ull, 0xffffffffffffffffull,
    0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull,
    0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull,
    0xffffffffffffffffull, 0x6bffffffffffffffull, 0x0000000000000000ull, 0x0000000000000000ull,
    0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull,
    0x0000000000000000ull, 0x0000000000000000ull, 0xcfe0000000000000ull, 0x07fe7f198dffffffull,
};

/* The Unicode quick check, the certain case: text whose every code point
 * has NFC_Quick_Check=Yes and combining class 0 is NFC. Returns false when
 * that does not hold (the text may still be NFC) or s is not valid UTF-8.
 * Code points below U+0300 and those of nfc_yes_blocks pass without
 * asking ICU. */
static bool quick_nfc(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    if (u[i] < 0x80) {
      i += ascii_prefix(u + i, n - i);
      continue;
    }
    /* the common characters without a call: a valid two-byte one below
     * U+0300 (lead 0xC2..0xCB), and a valid three-byte one (no overlong or
     * surrogate: lead 0xE1..0xEF but 0xED) of nfc_yes_blocks */
    if (u[i] >= 0xC2 && u[i] <= 0xCB && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    if (u[i] >= 0xE1 && u[i] <= 0xEF && u[i] != 0xED && i + 2 < n && (u[i + 1] & 0xC0) == 0x80 &&
        (u[i + 2] & 0xC0) == 0x80) {
      unsigned c = (u[i] & 0x0Fu) << 12 | (u[i + 1] & 0x3Fu) << 6 | (u[i + 2] & 0x3Fu);
      if (nfc_yes_blocks[c >> 10] >> ((c >> 4) & 63) & 1) {
        i += 3;
        continue;
      }
    }
    unsigned cp;
    size_t l = rpi_utf8_decode_multi(u + i, n - i, &cp);
    if (!l)
      return false;
    /* below U+0300 every code point is NFC_QC=Yes, ccc=0 */
    if (cp >= 0x300 && !(cp < 0x10000 && (nfc_yes_blocks[cp >> 10] >> ((cp >> 4) & 63) & 1)) &&
        (u_getIntPropertyValue((UChar32)cp, UCHAR_NFC_QUICK_CHECK) != UNORM_YES ||
         u_getCombiningClass((UChar32)cp) != 0))
      return false;
    i += l;
  }
  return true;
}

bool rpi_is_nfc(const char *s, size_t n) {
  size_t i = ascii_prefix((const unsigned char *)s, n);
  if (i == n || quick_nfc(s + i, n - i))
    return true;
  UErrorCode st = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
  if (U_FAILURE(st))
    return true;
  UChar stack[512];
  int32_t ulen = 0;
  UChar *u = to_u16(s, n, &ulen, stack, 512);
  if (!u)
    return true;
  UBool ok = unorm2_isNormalized(nfc, u, ulen, &st);
  if (u != stack)
    free(u);
  return U_FAILURE(st) ? true : ok;
}

int rpi_nfc(const char *s, size_t n, rpi_buf *out) {
  UErrorCode st = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
  if (U_FAILURE(st))
    return RP_ERR_INTERNAL;
  UChar stack[512], ostack[512];
  int32_t ulen = 0;
  UChar *u = to_u16(s, n, &ulen, stack, 512);
  if (!u)
    return RP_ERR_NOMEM;
  int32_t cap = ulen * 3 + 16;
  UChar *o = cap <= 512 ? ostack : malloc((size_t)cap * sizeof(UChar));
  int rc = 0;
  if (!o) {
    rc = RP_ERR_NOMEM;
  } else {
    int32_t olen = unorm2_normalize(nfc, u, ulen, o, cap, &st);
    rc = U_FAILURE(st) ? RP_ERR_INTERNAL : put_u16(o, olen, out);
  }
  if (o && o != ostack)
    free(o);
  if (u != stack)
    free(u);
  return rc;
}

unsigned rpi_compose(unsigned base, unsigned mark) {
  UErrorCode st = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
  if (U_FAILURE(st))
    return 0;
  UChar32 c = unorm2_composePair(nfc, (UChar32)base, (UChar32)mark);
  return c < 0 ? 0 : (unsigned)c;
}

/* ASCII folding. Transliterators are built on first use: the first
 * utrans_open* in a process initialises ICU's transliterator registry,
 * ~8 ms, more than refparse's whole start-up budget, and Any-Latin builds
 * each script's transliterator (Han-Latin: ~65 ms) the first time it meets
 * that script; later instances reuse the registry's compiled rules (an
 * instance ~0.2 ms, a script in it ~0.1 ms). Most keys never need one:
 * names in Latin letters with accents (quick_fold), in Cyrillic
 * (cyrillic_fold), in Han characters and in Hangul (rpi_han_fold,
 * rpi_hangul_fold: tables compiled from ICU's own rules at build time) fold
 * without it.
 *
 * An ICU transliterator is not thread-safe, so each fold takes one from the
 * folder's pool of idle instances (or opens one) and gives it back after:
 * the lock guards only the pool, for a push or a pop, never a fold, and
 * threads fold in parallel. */
#define FOLD_POOL 64

struct rpi_folder {
  pthread_mutex_t lock; /* guards idle and nidle only */
  UTransliterator *idle[FOLD_POOL];
  int nidle;
};

static const UChar fold_id[] = u"NFD; Any-Latin; Latin-ASCII; [:Nonspacing Mark:] Remove; NFC";

int rpi_folder_new(rpi_folder **out) {
  rpi_folder *f = calloc(1, sizeof *f);
  if (!f)
    return RP_ERR_NOMEM;
  pthread_mutex_init(&f->lock, NULL);
  *out = f;
  return 0;
}

void rpi_folder_free(rpi_folder *f) {
  if (!f)
    return;
  for (int i = 0; i < f->nidle; i++)
    utrans_close(f->idle[i]);
  pthread_mutex_destroy(&f->lock);
  free(f);
}

/* An idle transliterator of the pool, or a new one (NULL on failure). */
static UTransliterator *folder_take(rpi_folder *f) {
  UTransliterator *tr = NULL;
  pthread_mutex_lock(&f->lock);
  if (f->nidle)
    tr = f->idle[--f->nidle];
  pthread_mutex_unlock(&f->lock);
  if (!tr) {
    UErrorCode st = U_ZERO_ERROR;
    tr = utrans_openU(fold_id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st)) {
      if (tr)
        utrans_close(tr);
      tr = NULL;
    }
  }
  return tr;
}

static void folder_give(rpi_folder *f, UTransliterator *tr) {
  pthread_mutex_lock(&f->lock);
  if (f->nidle < FOLD_POOL) {
    f->idle[f->nidle++] = tr;
    tr = NULL;
  }
  pthread_mutex_unlock(&f->lock);
  if (tr)
    utrans_close(tr);
}

/* Latin letters without a decomposition that Latin-ASCII spells in ASCII,
 * the same in every context (checked against the transliterator: bench/
 * fold_check.c): "Sørensen", "Weiß", "Łukasiewicz", "Đorđević", "Yılmaz",
 * "Ærøe", "Þór". NULL for any other character. */
static const char *latin_letter_ascii(UChar c) {
  switch (c) {
  case 0xC6: return "AE";  /* Æ */
  case 0xD0: return "D";   /* Ð */
  case 0xD8: return "O";   /* Ø */
  case 0xDE: return "TH";  /* Þ */
  case 0xDF: return "ss";  /* ß */
  case 0xE6: return "ae";  /* æ */
  case 0xF0: return "d";   /* ð */
  case 0xF8: return "o";   /* ø */
  case 0xFE: return "th";  /* þ */
  case 0x110: return "D";  /* Đ */
  case 0x111: return "d";  /* đ */
  case 0x131: return "i";  /* ı */
  case 0x141: return "L";  /* Ł */
  case 0x142: return "l";  /* ł */
  case 0x152: return "OE"; /* Œ */
  case 0x153: return "oe"; /* œ */
  default: return NULL;
  }
}

/* The transliterator's result without it, for text whose characters are
 * Latin (below U+0250, U+1E00..U+1EFF) or combining diacritics and whose
 * NFD is ASCII, the letters of latin_letter_ascii and marks U+0300..U+036F
 * (not the overlays U+0334..U+0338): the ASCII letters of the NFD, those
 * letters spelled out, the marks dropped. Same bytes as the transliterator,
 * checked on every such code point in context, every Latin letter + mark
 * pair and random strings (bench/fold_check.c). Returns false (nothing
 * written) for any other text. */
static bool quick_fold(const UChar *u, int32_t n, rpi_buf *out) {
  for (int32_t k = 0; k < n; k++) {
    UChar c = u[k];
    if (!(c < 0x250 || (c >= 0x300 && c < 0x370) || (c >= 0x1E00 && c < 0x1F00)))
      return false;
  }
  UErrorCode st = U_ZERO_ERROR;
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
  if (U_FAILURE(st) || n > 1000)
    return false;
  UChar d[4096]; /* a Latin character decomposes into at most 4 */
  int32_t dl = unorm2_normalize(nfd, u, n, d, 4096, &st);
  if (U_FAILURE(st))
    return false;
  for (int32_t k = 0; k < dl; k++) {
    UChar c = d[k];
    if (c >= 0x80 && !latin_letter_ascii(c) &&
        !(c >= 0x300 && c < 0x370 && !(c >= 0x334 && c <= 0x338) && u_charType(c) == U_NON_SPACING_MARK))
      return false;
  }
  if (!rpi_buf_reserve(out, (size_t)dl * 2)) /* a letter gives at most 2 */
    return true; /* out->err is set */
  for (int32_t k = 0; k < dl; k++) {
    const char *a = d[k] < 0x80 ? NULL : latin_letter_ascii(d[k]);
    if (d[k] < 0x80)
      out->p[out->len++] = (char)d[k];
    else if (a)
      while (*a)
        out->p[out->len++] = *a++;
  }
  out->p[out->len] = '\0';
  return true;
}

/* The transliterator's result for each code point of the Cyrillic block
 * U+0400..U+04FF, '?' for what it leaves outside ASCII. Cyrillic-Latin
 * folds these the same in every context (checked on random strings of
 * Cyrillic letters, ASCII letters, digits and punctuation: bench/
 * fold_check.c), so Cyrillic names fold without ICU's transliterator and
 * its ~8 ms set-up. Made by folding each code point alone. */
static const char *const cyrillic_ascii[256] = {
    "E", "E", "D", "G", "E", "Z", "I", "I",
    "J", "L", "N", "C", "K", "I", "U", "D",
    "A", "B", "V", "G", "D", "E", "Z", "Z",
    "I", "J", "K", "L", "M", "N", "O", "P",
    "R", "S", "T", "U", "F", "H", "C", "C",
    "S", "S", "\"", "Y", "'", "E", "U", "A",
    "a", "b", "v", "g", "d", "e", "z", "z",
    "i", "j", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "h", "c", "c",
    "s", "s", "\"", "y", "'", "e", "u", "a",
    "e", "e", "d", "g", "e", "z", "i", "i",
    "j", "l", "n", "c", "k", "i", "u", "d",
    "?", "?", "?", "?", "?", "?", "?", "?",
    "?", "?", "?", "?", "?", "?", "?", "?",
    "?", "?", "?", "?", "?", "?", "?", "?",
    "?", "?", "?", "?", "?", "?", "?", "?",
    "?", "?", "?", "", "", "", "", "",
    "?", "?", "?", "?", "?", "?", "?", "?",
    "G", "g", "G", "g", "G", "g", "?", "?",
    "Z", "z", "K?", "k?", "?", "?", "?", "?",
    "?", "?", "?", "?", "?", "?", "?", "?",
    "?", "?", "?", "?", "?", "?", "?", "?",
    "?", "?", "?", "?", "?", "?", "?", "?",
    "?", "?", "?", "?", "?", "?", "?", "?",
    "?", "Z", "z", "?", "?", "?", "?", "?",
    "?", "?", "?", "?", "?", "?", "?", "?",
    "A", "a", "A", "a", "AE", "ae", "E", "e",
    "?", "?", "?", "?", "Z", "z", "Z", "z",
    "?", "?", "I", "i", "I", "i", "O", "o",
    "?", "?", "?", "?", "E", "e", "U", "u",
    "U", "u", "U", "u", "C", "c", "?", "?",
    "Y", "y", "?", "?", "?", "?", "?", "?",
};

/* The transliterator's result without it for text of ASCII and the
 * Cyrillic block only; false (nothing written) for any other text. */
static bool cyrillic_fold(const UChar *u, int32_t n, rpi_buf *out) {
  size_t need = 0;
  for (int32_t k = 0; k < n; k++) {
    if (u[k] >= 0x80 && (u[k] < 0x400 || u[k] > 0x4FF))
      return false;
    need += u[k] < 0x80 ? 1 : strlen(cyrillic_ascii[u[k] - 0x400]);
  }
  if (!rpi_buf_reserve(out, need))
    return true; /* out->err is set */
  for (int32_t k = 0; k < n; k++) {
    if (u[k] < 0x80) {
      out->p[out->len++] = (char)u[k];
    } else {
      const char *a = cyrillic_ascii[u[k] - 0x400];
      size_t l = strlen(a);
      memcpy(out->p + out->len, a, l);
      out->len += l;
    }
  }
  out->p[out->len] = '\0';
  return true;
}

/* Folding is done in segments of at most FOLD_SEG UTF-16 units: ICU's
 * transliteration (and its normalization passes) can be quadratic in a run
 * of combining marks or of letters without a break, so folding segment by
 * segment keeps the work linear in the input. A reference's names and
 * words are shorter than a segment and are folded whole; only a run of
 * more than FOLD_SEG units without a space is cut, before a character that
 * is not a combining mark where there is one. */
#define FOLD_SEG 256

/* Length of the next segment of u[0..n). */
static int32_t fold_segment(const UChar *u, int32_t n) {
  if (n <= FOLD_SEG)
    return n;
  for (int32_t k = FOLD_SEG; k > FOLD_SEG / 2; k--)
    if (u[k - 1] == ' ')
      return k;
  for (int32_t k = FOLD_SEG; k > 0; k--)
    if (!U16_IS_TRAIL(u[k]) && !rpi_is_mark(u[k]))
      return k;
  return U16_IS_TRAIL(u[FOLD_SEG]) ? FOLD_SEG - 1 : FOLD_SEG;
}

/* Fold one segment with a transliterator (taken from the pool when *tr is
 * NULL; kept in *tr for the next segment). */
static int fold_icu(rpi_folder *f, UTransliterator **tr, const UChar *u, int32_t ulen,
                    rpi_buf *out) {
  if (!*tr && !(*tr = folder_take(f)))
    return RP_ERR_INTERNAL;
  int32_t cap = ulen * 4 + 16;
  UChar stack[FOLD_SEG * 4 + 16];
  UChar *w = stack;
  memcpy(w, u, (size_t)ulen * sizeof(UChar));
  int32_t len = ulen, limit = ulen;
  UErrorCode st = U_ZERO_ERROR;
  utrans_transUChars(*tr, w, &len, cap, 0, &limit, &st);
  if (U_FAILURE(st))
    return RP_ERR_INTERNAL;
  /* Anything still outside ASCII (no Latin reading) becomes '?'. */
  for (int32_t k = 0; k < len; k++)
    if (w[k] >= 0x80)
      w[k] = '?';
  return put_u16(w, len, out);
}

/* rpi_fold, or with fast = false rpi_fold_icu. */
static int fold(const rpi_folder *fc, const char *s, size_t n, rpi_buf *out, bool fast) {
  if (ascii_prefix((const unsigned char *)s, n) == n) {
    rpi_buf_put(out, s, n);
    return out->err;
  }
  rpi_folder *f = (rpi_folder *)fc;
  UChar stack[512];
  int32_t ulen = 0;
  UChar *u = to_u16(s, n, &ulen, stack, 512);
  if (!u)
    return RP_ERR_NOMEM;
  UTransliterator *tr = NULL;
  int rc = 0;
  for (int32_t at = 0; at < ulen && !rc;) {
    int32_t k = fold_segment(u + at, ulen - at);
    if (!fast || (!quick_fold(u + at, k, out) && !cyrillic_fold(u + at, k, out) &&
                  !rpi_han_fold(u + at, k, out) && !rpi_hangul_fold(u + at, k, out)))
      rc = fold_icu(f, &tr, u + at, k, out);
    if (!rc)
      rc = out->err;
    at += k;
  }
  if (tr)
    folder_give(f, tr);
  if (u != stack)
    free(u);
  return rc;
}

int rpi_fold(const rpi_folder *f, const char *s, size_t n, rpi_buf *out) {
  return fold(f, s, n, out, true);
}

int rpi_fold_icu(const rpi_folder *f, const char *s, size_t n, rpi_buf *out) {
  return fold(f, s, n, out, false);
}
