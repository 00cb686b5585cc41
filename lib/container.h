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

#endif
