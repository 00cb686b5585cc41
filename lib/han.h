/*
 * han.h: Han characters (Chinese hanzi, Japanese kanji) to toneless pinyin
 * in ASCII, as the ASCII fold (rpi_fold) gives them, without building ICU's
 * Han-Latin transliterator (~70 ms of CPU, once per process).
 *
 * The table is ICU's own Han-Latin rules, compiled at build time by
 * tools/make_cjk_tables.c against the ICU the library links; the spacing
 * rules of Han-Latin (a space between two Han characters, between a Han
 * character and a letter before it, after ". , : ; ? ! ) ] }" before one,
 * and between a letter and "( [ {" before Han text) and its four context
 * rules are applied here in code. tests/unit/test_cjk.c checks the result
 * equal to the transliterator's on every CJK ideograph and on random mixed
 * strings.
 *   "王伟"      -> "wang wei"       "武汉大学" -> "wu han da xue"
 *   "重庆"      -> "chong qing"     (not "zhong": a context rule)
 *   "Wang王"    -> "Wang wang"      "王Wang"   -> "wangWang" (as ICU)
 *   "李(明)"    -> "li (ming)"      "𠀀" (no reading) -> "??", one '?' a UTF-16 unit
 */
#ifndef RP_HAN_H
#define RP_HAN_H

#include <stdbool.h>
#include <stdint.h>
#include <unicode/umachine.h>

#include "buf.h"

/* Whether the build compiled ICU's Han-Latin rules into the table (false:
 * the rules were of a form the generator does not know, and every Han fold
 * goes through ICU). */
bool rpi_han_table(void);

/* Whether the code point cp is in the table (folded here). */
bool rpi_han_known(unsigned cp);

/* The fold of u[0..n) (UTF-16) appended to out when the text is ASCII and
 * characters of the table only: what ICU's "NFD; Any-Latin; Latin-ASCII;
 * [:Nonspacing Mark:] Remove; NFC" and '?' for what stays outside ASCII
 * give. Returns false (nothing written) for any other text. Reads only
 * constant tables: thread-safe, linear in n. On a full buffer out->err is
 * set and true returned. */
bool rpi_han_fold(const UChar *u, int32_t n, rpi_buf *out);

/* The i-th context rule of Han-Latin ("重" before "庆" reads "chong"):
 * its two characters in *a and *b; false past the last one. For tests. */
bool rpi_han_context_rule(size_t i, unsigned *a, unsigned *b);

#endif
