/*
 * reader.h: a pasted reference list -> one string per reference
 * (rp_list_* in refparse.h). Lines are read once, in order; the first
 * lines (at most READ_WINDOW_LINES, READ_WINDOW_BYTES) are kept to choose
 * the layout, then the rest streams through one line buffer.
 *
 * Layouts, tried in this order on the first lines:
 *   numbered   "[1] A", "2. B", "3) C", "(4) D" at line start, each number
 *              the last one plus one, at the same or a smaller indent;
 *              "12. 345-350" inside reference 4 is text, not a marker;
 *              a line without a number that opens like a reference
 *              begins one only when the next marker skips a number
 *              When the lines without a marker mostly open with an author
 *              after a line that can end a reference ("[1] A", "B", "[3] C"
 *              one a line), the list is read one reference a line instead
 *   bulleted   "• A", "- B", "* C" with the first bullet's character
 *   hanging    first line at the margin, continuation lines indented
 *   blank      references separated by blank lines
 *   flush      every line at the margin, nothing between references (what
 *              a PDF viewer often gives): a reference begins with an author
 *              ("Smith, J.", "Murry CE,", "J. Smith", "[3] ...") after a
 *              line that can end one ("...2001.", "...664-8", a URL; not
 *              "...Smith, J." or "...J Biol."); chosen when lines have one
 *              width, a quarter stop mid-sentence and some open with a
 *              small letter or a digit. A heuristic: see bench/README.md
 *   lines      one reference per line (what `--input text` does)
 * A blank line ends a reference in every layout. A heading line
 * ("References", "7 Bibliography:", "LITERATUR") where a reference would
 * begin is skipped. Markers stay in the text: rp_parse strips them and
 * records the citation number.
 *
 * Joining the lines of a reference (inside a line nothing is joined:
 * "transfor- mation" stays as rp_parse of the line keeps it):
 *   "transfor-" + "mation"      -> "transformation" (small letter after)
 *   "CA-" + "MARGO"             -> "CAMARGO"        (capitals, a syllable)
 *   "SIG-" + "PLAN", "SOARES-" + "FILHO" -> kept    (acronym, name part)
 *   "Hans-" + "Peter"           -> "Hans-Peter"      (capital after)
 *   "2019-" + "2020"            -> "2019-2020"       (digit before or after)
 *   "long-" + "term"            -> "long-term"       (known second part)
 *   "pre- and post-"            -> kept              (suspended hyphen)
 *   "https://doi.org/10.1/" + "abc" -> "https://doi.org/10.1/abc"
 *   "http://a.org/" + "[Accessed 5 May]" -> one space (not more URL)
 *   anything else               -> one space
 */
#ifndef RP_READER_H
#define RP_READER_H

#include <stdbool.h>
#include <stddef.h>

/* Lines looked at to choose the layout, and the bytes kept for them. */
#define READ_WINDOW_LINES 512
#define READ_WINDOW_BYTES ((size_t)1 << 20)
/* Bytes of one line, and of one joined reference, kept; the rest of a
 * longer line or reference is dropped (its lines still count). rp_parse
 * reads RP_DEFAULT_MAX_LENGTH (8 KiB) of a reference by default. */
#define READ_LINE_MAX ((size_t)1 << 20)
#define READ_ITEM_MAX ((size_t)1 << 20)

/* Whether the trimmed line is a list heading: "References", "REFERENCES",
 * "7. Bibliography:", "Literaturverzeichnis", "Références". */
bool rpi_read_is_heading(const char *s, size_t n);

/* Whether a word that ends with a hyphen before a line break ("transfor")
 * and the word that continues it ("mation") are one word split by the
 * break (true: drop the hyphen) or a hyphenated compound (false). Both are
 * letters only, without the hyphen. */
bool rpi_read_drop_hyphen(const char *before, size_t nb, const char *after, size_t na);

#endif
