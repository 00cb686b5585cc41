/*
 * segment.h: where a journal reference's title ends and its container
 * starts, chosen by a linear score over the candidate cut points of the
 * region between the names and the locator.
 *
 *   "Grenzen der Verwaltung. Eine Fallstudie zu kommunalen Reformen.
 *   Zeitschrift für Politik" -> candidates after "Verwaltung" and after
 *   "Reformen"; the second opens a journal phrase and wins.
 *
 * The candidates are the real sentence stops of the region (rpi_scan_
 * real_stop_at, and a country's name ending a sentence). Each gets the
 * fixed feature vector below (0 or 1 each, computed from the working copy
 * alone) and the score sum(w[k] * f[k]) with the weights of
 * lib/segment_weights.h, fitted by tools/fit_segment.py (softmax over a
 * reference's candidates). Deterministic, no allocation, no state.
 */
#ifndef RP_SEGMENT_H
#define RP_SEGMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "stage.h"

/* The features of one cut point p in [a, b): the left part [a, p) would be
 * the title, the right part [r, b) (r after the stop and spaces) the
 * container. Keep in step with the names in tools/fit_segment.py. */
enum {
  RPI_SEG_F_LAST,        /* the last stop of the region (today's rule) */
  RPI_SEG_F_FIRST,       /* the first stop of the region */
  RPI_SEG_F_QMARK,       /* the stop is '?' or '!' */
  RPI_SEG_F_QUOTE,       /* a closing quote next to the stop */
  RPI_SEG_F_COUNTRY,     /* a country's name ends the sentence */
  RPI_SEG_F_NEXT_CAPS,   /* the next 2-3 words all capitalised (connectors aside) */
  RPI_SEG_F_NEXT_LOWER,  /* the second or third next word lower-case, 4 letters or more */
  RPI_SEG_F_ARTICLE,     /* the right part opens with an article ("The", "Le", "Die") */
  RPI_SEG_F_JOURNAL,     /* the right part is a journal of the lists (rpi_lex_journal) */
  RPI_SEG_F_ABBREV,      /* the right part is an ISO 4 or NLM abbreviation run */
  RPI_SEG_F_JWORD,       /* a journal word among the right part's first three words */
  RPI_SEG_F_PLACE_PUB,   /* a known city or publisher's word in the right part (left at 0 while its weight is 0, but for the dump) */
  RPI_SEG_F_IN_EDITOR,   /* "In"/"In:" opens the right part, or an editor mark is in it */
  RPI_SEG_F_DIGIT,       /* a digit or year opens the right part */
  RPI_SEG_F_LEFT_ABBR,   /* the word before the stop is one letter or a listed abbreviation */
  RPI_SEG_F_LEFT_SHORT,  /* the left part has 1-3 words */
  RPI_SEG_F_LEFT_LONG,   /* the left part has 16 words or more */
  RPI_SEG_F_RIGHT_SHORT, /* the right part has 1-3 words */
  RPI_SEG_F_RIGHT_MID,   /* the right part has 4-8 words */
  RPI_SEG_F_RIGHT_LONG,  /* the right part has 9 words or more */
  RPI_SEG_F_RIGHT_LOWER, /* the right part opens with a lower-case letter */
  RPI_SEG_F_RIGHT_COLON, /* a colon in the right part (a subtitle's shape) */
  RPI_SEG_F_LEFT_LOWER_END, /* the word before the stop is lower-case, 5 letters or more */
  RPI_SEG_F_LEFT_SMALL_END, /* the word before the stop is lower-case, 2-4 letters ("sect", "var") */
  RPI_SEG_F_LEFT_BRACKET,   /* the left part ends with a closing bracket ("(abstract)", "[J]") */
  RPI_SEG_F_LEFT_DATE,      /* ... with a bracketed year, "(2015)", "(2015a)": a date, not a title */
  RPI_SEG_F_LEFT_TINY,      /* the left part has fewer than 12 characters */
  RPI_SEG_NFEAT
};

/* At most this many cut points are scored; a region with more keeps the
 * last RPI_SEG_MAX of them. */
#define RPI_SEG_MAX 16

/* One candidate cut: the stop at p, the right part from r, its features
 * and score. */
typedef struct rpi_seg_cand {
  size_t p, r;
  unsigned char f[RPI_SEG_NFEAT];
  double score;
} rpi_seg_cand;

/* The feature names, in enum order (for the dump and the docs). */
extern const char *const rpi_seg_feature_names[RPI_SEG_NFEAT];

/* "... in Bangladesh. Water Research": the '.' at p ends a sentence after
 * a country's name (after a lower-case word or a comma, so that "J. Egypt.
 * Soc." keeps its periods). */
bool rpi_seg_country_stop(const st *s, size_t a, size_t p);

/* Fill c (room for RPI_SEG_MAX) with the cut points of [a, b) from fs (the
 * first real stop: none before it) and their features and scores. Returns
 * how many. */
size_t rpi_seg_candidates(const st *s, size_t a, size_t b, size_t fs, rpi_seg_cand *c);

/* The index of the best-scoring candidate of c[0, n) (the rightmost on a
 * tie); *margin its score minus the next best (a large value when n is 1). */
size_t rpi_seg_best(const rpi_seg_cand *c, size_t n, double *margin);

/* The cut the title stage's default makes in [a, b) (fs its first real
 * stop, rule its last: the cut by today's rule): the best-scoring
 * candidate when it scores RPI_SEG_MARGIN or more above rule, else rule. *prev is
 * the stop before the chosen one, or UNSET. Calls the parser's seg_trace
 * with the candidates when one is set. */
size_t rpi_seg_cut(const st *s, size_t a, size_t b, size_t fs, size_t rule, size_t *prev);

#endif
