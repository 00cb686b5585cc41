/* Internal check of lib/segment.c: the cut points the title stage's
 * default scores for a reference (through the parser's trace hook), their
 * features, and the choice of the best one. TAP output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "parse.h"
#include "segment.h"
#include "stage.h"

typedef struct seen {
  size_t n, calls;
  rpi_seg_cand c[RPI_SEG_MAX];
  char left[RPI_SEG_MAX][160];
} seen;

static void trace(void *ctx, const struct st *s, size_t a, size_t b, const struct rpi_seg_cand *c, size_t n) {
  (void)b;
  seen *v = ctx;
  v->calls++;
  v->n = n;
  memcpy(v->c, c, n * sizeof *c);
  for (size_t k = 0; k < n; k++) {
    size_t len = c[k].p - a < sizeof v->left[k] - 1 ? c[k].p - a : sizeof v->left[k] - 1;
    memcpy(v->left[k], s->w + a, len);
    v->left[k][len] = 0;
  }
}

static void parse(rp_parser *p, seen *v, const char *ref) {
  memset(v, 0, sizeof *v);
  rp_result *r = NULL;
  if (rp_parse(p, ref, strlen(ref), &r) != RP_OK)
    v->calls = 99;
  rp_result_free(r);
}

static int feat(const seen *v, size_t k, int f) { return k < v->n ? v->c[k].f[f] : -1; }

int main(void) {
  plan_lazy();
  rp_parser *p;
  if (rp_parser_new(NULL, &p) != RP_OK)
    return 1;
  seen v;
  p->seg_trace = trace;
  p->seg_ctx = &v;

  parse(p, &v, "Weber, A. (2004). Grenzen der Verwaltung. Eine Fallstudie. Zeitschrift für Politik, 12(3), 45-67.");
  INT_EQ(v.calls, 1, "one region scored");
  INT_EQ(v.n, 2, "two stops: after the title's first sentence and after its second");
  STR_EQ(v.left[0], "Grenzen der Verwaltung", "the first cut's title");
  STR_EQ(v.left[1], "Grenzen der Verwaltung. Eine Fallstudie", "the second cut's title");
  INT_EQ(feat(&v, 0, RPI_SEG_F_FIRST), 1, "first: the first stop");
  INT_EQ(feat(&v, 0, RPI_SEG_F_LAST), 0, "first: not the last");
  INT_EQ(feat(&v, 0, RPI_SEG_F_ARTICLE), 1, "first: 'Eine' opens the right part");
  INT_EQ(feat(&v, 0, RPI_SEG_F_JWORD), 0, "first: the journal word is past a sentence end");
  INT_EQ(feat(&v, 0, RPI_SEG_F_LEFT_LOWER_END), 0, "first: 'Verwaltung' is capitalised");
  INT_EQ(feat(&v, 0, RPI_SEG_F_RIGHT_MID), 1, "first: 5 words on the right");
  INT_EQ(feat(&v, 1, RPI_SEG_F_LAST), 1, "second: the last stop");
  INT_EQ(feat(&v, 1, RPI_SEG_F_JWORD), 1, "second: 'Zeitschrift' opens the right part");
  INT_EQ(feat(&v, 1, RPI_SEG_F_JOURNAL), 1, "second: a journal of the lists");
  INT_EQ(feat(&v, 1, RPI_SEG_F_RIGHT_SHORT), 1, "second: 3 words on the right");
  INT_EQ(feat(&v, 1, RPI_SEG_F_LEFT_SHORT), 0, "second: 6 words on the left");

  parse(p, &v, "Lee K. Is it worth it? A look at the costs of an OSCE (2015). Teaching Matters Quarterly. "
                   "2001;23(2):1-9.");
  INT_EQ(v.n, 2, "'?' and the stop after the bracketed year");
  INT_EQ(feat(&v, 0, RPI_SEG_F_QMARK), 1, "a question mark");
  INT_EQ(feat(&v, 0, RPI_SEG_F_ARTICLE), 1, "'A ' opens the right part");
  INT_EQ(feat(&v, 1, RPI_SEG_F_LEFT_DATE), 1, "a bracketed year ends the left part");
  INT_EQ(feat(&v, 1, RPI_SEG_F_LEFT_BRACKET), 0, "a date is not a title's closing bracket");
  INT_EQ(feat(&v, 0, RPI_SEG_F_LEFT_SMALL_END), 1, "'it' before the question mark");
  INT_EQ(feat(&v, 1, RPI_SEG_F_JWORD), 1, "'Quarterly' among the first three words");
  INT_EQ(feat(&v, 1, RPI_SEG_F_NEXT_CAPS), 1, "'Matters Quarterly': title case");
  INT_EQ(feat(&v, 0, RPI_SEG_F_NEXT_LOWER), 1, "'look' after 'A': sentence case");

  parse(p, &v, "Smith J. A study of things. Wormwood Letters Bulletin. 2001;12(3):45-9.");
  INT_EQ(v.n, 1, "one stop: one candidate");
  INT_EQ(feat(&v, 0, RPI_SEG_F_FIRST) + feat(&v, 0, RPI_SEG_F_LAST), 2, "both the first and the last stop");
  INT_EQ(feat(&v, 0, RPI_SEG_F_JOURNAL), 0, "not a journal of the lists");
  INT_EQ(feat(&v, 0, RPI_SEG_F_LEFT_LOWER_END), 1, "'things' before the stop");

  /* the choice: the best score, the rightmost on a tie, and its margin */
  rpi_seg_cand c[3] = {{.score = 0.5}, {.score = 2.0}, {.score = 2.0}};
  double m;
  INT_EQ(rpi_seg_best(c, 3, &m), 2, "a tie goes to the later stop");
  OK(m == 0.0, "tie: no margin");
  c[2].score = 1.25;
  INT_EQ(rpi_seg_best(c, 3, &m), 1, "the best score wins");
  OK(m == 0.75, "margin over the next best");
  INT_EQ(rpi_seg_best(c, 1, &m), 0, "one candidate");

  rp_parser_free(p);
  return done();
}
