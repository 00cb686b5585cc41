/*
 * parse.h: the reference parser proper. Runs over the cleaned text:
 *   1. identifiers anywhere (DOI, URL, PMID, PMCID, arXiv, ISBN, ISSN) and
 *      access notes ("[cited ...]", "Accessed ...") are taken out;
 *   2. the name list from the left (names.h), then a date next to it;
 *   3. the locator (year/volume/issue/pages) by style family, first
 *      complete one wins; repeated fragments after it are duplicates;
 *   4. title and container split between them by scored cut points;
 *   5. books, chapters, theses, reports: "In:", editors, City: Publisher;
 *   6. type from the evidence; page ranges expanded.
 * Each step is a stage (stage.h, stage_*.c) over primitives (scan.h,
 * fields.h, title.h, container.h, imprint.h); parse.c runs them in order.
 */
#ifndef RP_PARSE_H
#define RP_PARSE_H

#include <stdint.h>

#include "result.h"
#include "rx.h"
#include "text.h"
#include "utf8.h"

/* A bit for a hash of each literal's first four bytes (title.c). */
typedef struct rpi_lit_filter {
  uint64_t m[64];
} rpi_lit_filter;
enum { LF_GENRE, LF_TRANSL, LF_COUNT };

struct st;
struct rpi_seg_cand;

struct rp_parser {
  unsigned flags;
  size_t max_len;
  rpi_rx *rx;
  rpi_folder *folder;
  rpi_lit_filter lits[LF_COUNT]; /* title.c: filters of fixed literal lists */
  /* Not set by any public call: an internal tool (tools/seg_dump.c) sets it
   * to see the title/container cut points segment.c scores (NULL: none). */
  void (*seg_trace)(void *ctx, const struct st *s, size_t a, size_t b, const struct rpi_seg_cand *c, size_t n);
  void *seg_ctx;
};

/* Compile the parser's patterns into p->rx. */
int rpi_parse_compile(rp_parser *p);
/* Parse cleaned text t into r. Returns 0 or an rp_status. */
int rpi_parse(const rp_parser *p, rpi_rx_scratch *sc, const rpi_text *t, rp_result *r,
              rpi_buf *normalized);

#endif
