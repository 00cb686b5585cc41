/*
 * hangul.h: Korean Hangul to Latin letters, as the ASCII fold (rpi_fold)
 * gives them, without ICU's transliterator (the first one of a process
 * sets up ICU's transliterator registry, ~8 ms).
 *
 * The rules are ICU's own ConjoiningJamo-Latin, compiled at build time by
 * tools/make_cjk_tables.c against the ICU the library links, and applied
 * here as ICU applies them: each syllable split into its jamo, each jamo
 * read by the first rule that matches, in ICU's order, whose context may
 * read the Latin already written before it, back to the start of the text
 * (then a set such as [^y] matches the edge, as in ICU). Text outside the
 * jamo is left alone. tests/unit/test_cjk.c checks the result equal to
 * the transliterator's on every syllable and on random mixed strings.
 *   "김민수" -> "gimminsu"    "한국어" -> "hangug-eo"    "우이" -> "u-i"
 *   "as씨"  -> "as-ssi"      "김-민"  -> "gim-min"
 */
#ifndef RP_HANGUL_H
#define RP_HANGUL_H

#include <stdbool.h>
#include <stdint.h>
#include <unicode/umachine.h>

#include "buf.h"

/* Whether the build compiled ICU's Hangul rules into the table. */
bool rpi_hangul_table(void);

/* The fold of u[0..n) (UTF-16, n at most 256) appended to out when the
 * text is ASCII and Hangul syllables (U+AC00..U+D7A3) only: what ICU's
 * "NFD; Any-Latin; Latin-ASCII; [:Nonspacing Mark:] Remove; NFC" gives.
 * Returns false (nothing written) for any other text. Reads only constant
 * tables: thread-safe, linear in n. On a full buffer out->err is set and
 * true returned. */
bool rpi_hangul_fold(const UChar *u, int32_t n, rpi_buf *out);

#endif
