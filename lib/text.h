/*
 * text.h: the cleaning pass. Turns raw bytes into valid NFC UTF-8 with one
 * space between words, keeping a map from every cleaned byte back to the raw
 * input so that fields and warnings carry spans into what the user gave.
 *
 *   "  • Lo¨tvall J,  Műzes G"   -> "Lötvall J, Műzes G"   (marker, diacritic)
 *   "LÃ¶tvall"                   -> "Lötvall"              (mojibake)
 *   "{\"o}ber &amp; <i>x</i>"    -> "öber & x"             (markup)
 *   "pp. 1510–7"                 -> "pp. 1510-7"           (dash in numbers)
 *   "O’Brien"                    -> "O'Brien"              (apostrophe)
 *   "Jos´e", "Garc´ıa", "Tı́o"     -> "José", "García", "Tío" (TeX-made PDF text)
 *   "Ã¢â‚¬â„¢", "ÍŠ" in "POSPÍŠILOVÁ" -> "’", left alone  (mojibake, twice or not)
 *   "Taylor \& Francis", "&amp;amp;" -> "Taylor & Francis", "&"   (markup)
 *   "Abramson,, S.", "al..", "(Noisy-le-Grand))" -> "Abramson, S.", "al.", "(Noisy-le-Grand)"
 *   "pp. 82--96", "43 - 102"     -> "pp. 82-96", "43-102"  (dash in numbers)
 *   "Pharm0aceutics. 2021;13"    -> "Pharmaceutics. 2021;13" (lexicon-checked word)
 * Each repair adds a warning (code, raw span, "before -> after"), and every
 * change to the text has one (odd spaces, hyphen variants and apostrophes
 * too); white space at the two ends is trimmed silently.
 */
#ifndef RP_TEXT_H
#define RP_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "result.h"

typedef struct rpi_text {
  char *s;      /* cleaned, NUL-terminated */
  size_t len;
  uint32_t *map; /* len + 1 entries: raw offset of each cleaned byte (the
                    raw input is at most 1 GiB, rp_options_set_max_length) */
  size_t raw_len;
  char *citation_number; /* from a stripped "[12]" / "12." marker, or NULL */
  size_t citation_off, citation_len; /* its span in the raw input */
  /* where s and map are for most references (a short line whose accents
   * need no pass of their own): no allocation. So a cleaned rpi_text must
   * not be copied, only pointed to. */
  char s_on[1024];
  uint32_t map_on[1024];
} rpi_text;

/* Clean raw[0..n) under `flags` (RP_OPT_*), recording warnings in r.
 * Returns 0 or an rp_status (RP_ERR_UTF8 without RP_OPT_REPAIR_UTF8). */
int rpi_text_clean(rpi_text *t, const char *raw, size_t n, unsigned flags,
                   rp_result *r);
void rpi_text_free(rpi_text *t);
/* Raw span of cleaned range [off, off+len). */
rp_span rpi_text_span(const rpi_text *t, size_t off, size_t len);

/* The previous entry's names printed as dashes at s[0, n): a run of
 * three dashes or of two long ones ("———. ", "---, ") before a space, stop
 * or the end, or one dash right before a comma or a period and a space
 * ("—, ", "-. "; "--, " is a list marker). Dashes are U+2014, U+2013, '-'
 * and '_'. Returns the length past the run and the spaces, commas and
 * periods after it, or 0. */
size_t rpi_ditto_len(const char *s, size_t n);

#endif
