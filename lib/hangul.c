#include "hangul.h"

#include <string.h>

#include "hangul_table.h"

#if RPI_HANGUL_TABLE
bool rpi_hangul_table(void) { return true; }

/* The bit of c in a hangul_items bitmap: ASCII, then U+1100..U+11FF. */
static int bit_of(unsigned c) {
  return c < 0x80 ? (int)c : c >= 0x1100 && c <= 0x11FF ? 128 + (int)(c - 0x1100) : -1;
}

static bool has(unsigned item, int bit) {
  return bit >= 0 && (hangul_items[item][bit / 64] >> (bit % 64) & 1);
}

/* Whether rule r matches at d[i] (the jamo and ASCII of the text, d[0..n)),
 * after o[0..olen) (what has been written of the text so far). */
static bool matches(const struct hangul_rule *r, const UChar *d, int32_t i, int32_t n, const char *o,
                    size_t olen) {
  if (r->key) {
    if (d[i] != r->key)
      return false;
    i++;
  }
  for (int k = 0; k < r->npost; k++) {
    if (!has(r->post[k], i < n ? bit_of(d[i]) : RPI_HANGUL_EDGE))
      return false;
    if (i < n)
      i++;
  }
  for (int k = r->nante; k-- > 0;) {
    if (!has(r->ante[k], olen ? (unsigned char)o[olen - 1] : RPI_HANGUL_EDGE))
      return false;
    if (olen)
      olen--;
  }
  return true;
}

bool rpi_hangul_fold(const UChar *u, int32_t n, rpi_buf *out) {
  if (n > 256)
    return false;
  UChar d[3 * 256];
  int32_t dn = 0;
  for (int32_t k = 0; k < n; k++) {
    if (u[k] < 0x80) {
      d[dn++] = u[k];
      continue;
    }
    if (u[k] < 0xAC00 || u[k] > 0xD7A3)
      return false;
    /* the Unicode decomposition of a syllable: L V, or L V T */
    unsigned s = u[k] - 0xAC00u;
    d[dn++] = (UChar)(0x1100 + s / 588);
    d[dn++] = (UChar)(0x1161 + s % 588 / 28);
    if (s % 28)
      d[dn++] = (UChar)(0x11A7 + s % 28);
  }
  /* a jamo gives an insertion and its reading, each at most 7 (out[8]) */
  if (!rpi_buf_reserve(out, (size_t)dn * 14))
    return true; /* out->err is set */
  size_t start = out->len;
  const size_t nrules = sizeof hangul_rules / sizeof hangul_rules[0];
  for (int32_t i = 0; i < dn;) {
    if (d[i] < 0x80) {
      out->p[out->len++] = (char)d[i++];
      continue;
    }
    /* the first rule that matches; after one that only inserts (no key),
     * again from the first, with no second insertion (make_cjk_tables
     * checks that none could match there) */
    bool inserted = false, consumed = false;
    size_t k = 0;
    while (!consumed && k < nrules) {
      const struct hangul_rule *r = &hangul_rules[k++];
      if ((!r->key && inserted) || !matches(r, d, i, dn, out->p + start, out->len - start))
        continue;
      size_t ol = strlen(r->out);
      memcpy(out->p + out->len, r->out, ol);
      out->len += ol;
      if (r->key) {
        i++;
        consumed = true;
      } else {
        inserted = true;
        k = 0;
      }
    }
    if (!consumed) { /* a jamo no rule reads: cannot happen (checked) */
      out->len = start;
      out->p[out->len] = '\0';
      return false;
    }
  }
  out->p[out->len] = '\0';
  return true;
}
#else
bool rpi_hangul_table(void) { return false; }
bool rpi_hangul_fold(const UChar *u, int32_t n, rpi_buf *out) { return false; }
#endif
