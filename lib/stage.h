/*
 * stage.h: the contract between the parser's stages. The driver (parse.c)
 * runs them in a fixed order over one working state: `st` holds a working
 * copy of the cleaned text in which each stage blanks (overwrites with
 * spaces) what it has taken, so that later stages no longer see it, and
 * fills the result. What a stage reads, sets and consumes is written
 * before its entry point below; the order in parse.c is the only place
 * that knows which stage runs after which.
 *
 *   "Smith J. Title. J Biol. 2001;12(3):45-9. doi:10.1/x"
 *   after identifiers: "Smith J. Title. J Biol. 2001;12(3):45-9.          "
 */
#ifndef RP_STAGE_H
#define RP_STAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parse.h"

/* The working state shared by every stage. */
typedef struct st {
  const rp_parser *p;
  rpi_rx_scratch *sc;
  const rpi_text *t;
  rp_result *r;
  char *w;      /* working copy: consumed text blanked with spaces */
  size_t n;
  int err;
  /* layout found so far */
  size_t body;  /* where title/container text starts */
  size_t year_a, year_b;
  bool webcue, in_press;
  char series; /* "Phys. Rev. D91": the letter moved from the volume */
  bool labelled; /* the locator was "v. 46, n. 1, p. 33-50" style */
  int medium;    /* rp_type + 1 from "[Motion picture]", or 0 */
  /* duplicate-removal spans (cleaned offsets) for rp_normalize */
  size_t drop[16][2];
  size_t ndrop;
  /* pairs of adjacent ASCII letters in the text, case folded (may_match) */
  uint32_t pairs[26];
  bool pairs_all;
  uint64_t never; /* bit id: may_match() said no to a guard that stays no */
} st;

/* No offset: a span end not found, a field not placed. */
#define UNSET ((size_t)-1)

/* A locator found in the text: the style family that matched (fam), its
 * span [a, b) and the volume, issue, pages and year spans within it
 * (UNSET when absent). */
typedef struct loc {
  int fam; /* 0 = none; lower is stronger */
  size_t a, b;
  size_t v[2], i[2], p[2], y[2];
} loc;

#endif
