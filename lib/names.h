/*
 * names.h: the name-list grammar. Reads a list of personal or corporate
 * names from the left of a reference and says where it ends.
 *
 *   "Murry CE, Soonpaa MH, et al. Title"  -> Murry|C. E.; Soonpaa|M. H.; et al
 *   "Murry, C. E., & Soonpaa, M. H. (2004)" -> same names, APA form
 *   "C. E. Murry and M. H. Soonpaa, “Title"  -> initials-first (IEEE)
 *   "Monk, Claire, and Robert Lee. Title"   -> inverted, then natural order
 *   "SILVA, J. A.; SOUZA, M. B. Título"     -> ABNT
 *   "Park H. H, Im K. I"                    -> Park|H. H.; Im|K. I.
 *   "LEROY Bernard et PETIT Luc, 1998"      -> LEROY|Bernard; PETIT|Luc
 *   "Schneider Klaus, Wagner Eva (2007)"    -> Schneider|Klaus; Wagner|Eva
 *   "Lindqvist (1998):", "ISTAT (2022),"    -> Lindqvist; ISTAT (a literal)
 * Given names made of initials are canonical ("C. E.", "K.-W."); full given
 * names are kept as printed.
 */
#ifndef RP_NAMES_H
#define RP_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#define RPI_MAX_NAMES 64

typedef struct rpi_pname {
  size_t fam_a, fam_b; /* family name span in the text */
  char given[96];      /* canonical given name, "" when none */
  char suffix[16];
  bool literal;        /* organisation: the span is the whole name */
  bool repaired;       /* initials were re-spaced or re-punctuated */
  bool family_first;   /* "LEROY Bernard", "Bauer Karin": family, then given, no comma */
  unsigned char order; /* natural-order words: what tells their order (internal) */
} rpi_pname;

typedef struct rpi_namelist {
  rpi_pname v[RPI_MAX_NAMES];
  size_t n;
  size_t total;  /* names seen, including those over RPI_MAX_NAMES */
  bool et_al;
  size_t end;    /* offset just after the list (and "et al.") */
  int form;      /* which grammar matched (internal) */
  size_t dropped_a, dropped_b; /* a stray token skipped, or a == b */
} rpi_namelist;

/* Parse a name list in s[from..lim). Returns the number of names (0 when
 * the text does not start with a name list). Always writes *out: its count,
 * end, flags and the names v[0..n); entries from v[n] on are not written,
 * so out needs no clearing before the call. */
size_t rpi_names_parse(const char *s, size_t from, size_t lim, rpi_namelist *out);

/* Parse a list of editor names after "In:" / "ed." where names may come in
 * either order; same contract. */
size_t rpi_names_parse_any(const char *s, size_t from, size_t lim, rpi_namelist *out);

/* Whether a list rpi_names_parse or rpi_names_parse_any read opens with a
 * name in the Vancouver form, family then initials with no comma ("Murry
 * CE, ..."). */
bool rpi_names_vancouver(const rpi_namelist *l);

#endif
