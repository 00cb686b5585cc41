/*
 * container.h: setting the container title (journal, book, proceedings)
 * with its repairs, and the names, series and years found inside it.
 *
 *   "The. Journal of X" -> "Journal of X"
 */
#ifndef RP_CONTAINER_H
#define RP_CONTAINER_H

#include "stage.h"

/* Container value with repairs: stray "The. ", words with a stray digit,
 * known split names, unbalanced closing brackets, "Stem cells. Transl". */
void rpi_container_set(st *s, size_t a, size_t b, size_t join_a);

/* MLA's "Book, edited by Tom Reyes, Verso, 2015", "..., ed. Ann Lee and Jo
 * Park, Harbour Press": where the editors' list that starts at ea ends,
 * just after the comma before the first comma-separated segment that
 * cannot hold a name (a publisher, a body, a place, a number), or b. */
size_t rpi_container_editors_end(const st *s, size_t ea, size_t b);

#endif
