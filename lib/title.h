/*
 * title.h: setting the title field, with the cuts that take genre notes
 * ("[Dissertation]"), media ("[Motion picture]"), translators, versions
 * and standard designations off its end.
 *
 *   "Title. Translated by A. Smith" -> title "Title", translator A. Smith
 */
#ifndef RP_TITLE_H
#define RP_TITLE_H

#include "scan.h"

/* The filters of the fixed literal lists, made once per parser. */
void rpi_title_lit_filters_init(rp_parser *p);

/* Set the title to [a, b), after cutting translators, genre notes,
 * media, versions and standard designations off its end (and setting
 * the fields they name) and quotes and dangling brackets off its edges.
 * A personal communication's note alone ("Personal communication, March
 * 25") is no title: it sets the genre (when none is) instead. */
void rpi_title_set(st *s, size_t a, size_t b);

#endif
