#include "han.h"

#include <string.h>

#include "han_table.h"

#if RPI_HAN_TABLE
bool rpi_han_table(void) { return true; }

/* han_syl index of cp: 0 when cp is not in the table. */
static unsigned syl_of(unsigned cp) {
  return cp < RPI_HAN_MAX_CP ? han_pages[han_page[cp / RPI_HAN_PAGE]][cp % RPI_HAN_PAGE] : 0;
}

static const char *han_syl_at(unsigned s) { return han_syl[s]; }

bool rpi_han_context_rule(size_t i, unsigned *a, unsigned *b) {
  if (i >= sizeof han_ctx / sizeof han_ctx[0])
    return false;
  *a = han_ctx[i].a;
  *b = han_ctx[i].b;
  return true;
}
#else
bool rpi_han_table(void) { return false; }
static unsigned syl_of(unsigned cp) { return 0; }
static const char *han_syl_at(unsigned s) { return ""; }
bool rpi_han_context_rule(size_t i, unsigned *a, unsigned *b) { return false; }
#endif

bool rpi_han_known(unsigned cp) { return syl_of(cp) != 0; }

static bool ascii_letter(unsigned c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* The code point at u[k] (k < n), its length in *len; 0x110000 (in no
 * table) for a lone surrogate. */
static unsigned next_cp(const UChar *u, int32_t k, int32_t n, int32_t *len) {
  *len = 1;
  if (u[k] < 0xD800 || u[k] > 0xDFFF)
    return u[k];
  if (u[k] > 0xDBFF || k + 1 == n || u[k + 1] < 0xDC00 || u[k + 1] > 0xDFFF)
    return 0x110000;
  *len = 2;
  return 0x10000 + ((unsigned)(u[k] - 0xD800) << 10) + (u[k + 1] - 0xDC00u);
}

/* The syllable of the Han character c at u[k], followed by u[next..n):
 * a context rule's when the next character, or the one after a space, is
 * its second character. */
static unsigned syllable(unsigned c, const UChar *u, int32_t next, int32_t n) {
#if RPI_HAN_TABLE
  for (size_t r = 0; r < sizeof han_ctx / sizeof han_ctx[0]; r++) {
    if (han_ctx[r].a != c)
      continue;
    int32_t l;
    int32_t at = next < n && u[next] == ' ' ? next + 1 : next;
    if ((at < n && next_cp(u, at, n, &l) == han_ctx[r].b) ||
        (next < n && next_cp(u, next, n, &l) == han_ctx[r].b))
      return han_ctx[r].syl;
  }
#endif
  return syl_of(c);
}

/* How Any-Latin reaches this text: it cuts it into script runs, ASCII
 * letters (Latin, which it leaves alone) and Han characters, each run
 * taking the ASCII non-letters (script Common) around it, and gives each
 * Han run to Han-Latin, whose rules may read characters outside the run but
 * change only inside it. Han-Latin first inserts the spaces of its
 * Spacedhan rules, at a position of a Han run where
 *   - the character after is a letter (in a Han run: a Han character) and
 *     the one before is Ideographic or one of ".,:;?!" or a closing
 *     bracket or quote (Pe, Pf); or
 *   - the one before is a letter and the one after is Ideographic or an
 *     opening bracket or quote (Ps, Pi),
 * and then replaces each Han character by its syllable. Latin-ASCII and
 * the mark removal then take the tones off. */
bool rpi_han_fold(const UChar *u, int32_t n, rpi_buf *out) {
  for (int32_t k = 0; k < n;) {
    int32_t l;
    unsigned c = next_cp(u, k, n, &l);
    if (c >= 0x80 && !syl_of(c))
      return false;
    k += l;
  }
  /* a character gives a space and at most 7 letters (han_syl[][8]) */
  if (!rpi_buf_reserve(out, (size_t)n * 8))
    return true; /* out->err is set */
  enum { NONE, HAN, LETTER, AFTER, OTHER } prev = NONE;
  for (int32_t k = 0; k < n;) {
    int32_t l;
    unsigned c = next_cp(u, k, n, &l);
    if (c >= 0x80) {
      if (prev == HAN || prev == LETTER || prev == AFTER)
        out->p[out->len++] = ' ';
      const char *s = han_syl_at(syllable(c, u, k + l, n));
      size_t sl = strlen(s);
      memcpy(out->p + out->len, s, sl);
      out->len += sl;
      prev = HAN;
    } else {
      if ((c == '(' || c == '[' || c == '{') && prev == HAN) {
        out->p[out->len++] = ' ';
      } else if ((c == '(' || c == '[' || c == '{') && prev == LETTER) {
        /* in a Han run only when the next letter is Han */
        int32_t j = k + 1;
        while (j < n && u[j] < 0x80 && !ascii_letter(u[j]))
          j++;
        if (j < n && u[j] >= 0x80)
          out->p[out->len++] = ' ';
      }
      out->p[out->len++] = (char)c;
      prev = ascii_letter(c) ? LETTER : c && strchr(".,:;?!)]}", (int)c) ? AFTER : OTHER;
    }
    k += l;
  }
  out->p[out->len] = '\0';
  return true;
}
