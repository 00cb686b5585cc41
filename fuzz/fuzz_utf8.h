/* fuzz_utf8.h: the strict UTF-8 check both fuzz targets apply to every
 * output (refparse.h promises valid UTF-8). Header-only, for fuzz/ only. */
#ifndef FUZZ_UTF8_H
#define FUZZ_UTF8_H

#include <stddef.h>

/* Strict UTF-8 check (no overlongs, no surrogates, <= U+10FFFF). */
static int valid_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t k;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF)
      k = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
      k = 2, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
      k = 3, cp = c & 0x07;
    else
      return 0;
    if (i + k >= n)
      return 0;
    for (size_t j = 1; j <= k; j++) {
      if ((s[i + j] & 0xC0) != 0x80)
        return 0;
      cp = (cp << 6) | (s[i + j] & 0x3F);
    }
    if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += k + 1;
  }
  return 1;
}

#endif
