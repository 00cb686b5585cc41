/*
 * stage_confidence.c: the last step of a parse. Estimates how likely the
 * record is right as a whole (every field a reader would score, as
 * ../shared/tools/score.py scores them: authors, title, container, year,
 * volume, issue, pages, DOI) and which of those fields are likely wrong.
 *
 *   "Murry CE, Soonpaa MH. Title. Nature. 2004;428(6983):664-8."
 *   -> confidence high, no doubts
 *   "Some words, more words and a 1999 somewhere in them"
 *   -> confidence low, doubts ["title", "container-title", ...]
 *
 * Only what the result already holds is read (the features below), so the
 * same numbers can be recomputed from the CSL-JSON output: that is how
 * tools/fit_confidence.py fits the weights (lib/confidence_weights.h,
 * generated; logistic regression against "all fields correct" on the dev
 * sets, then an isotonic calibration map). At parse time it is a weighted
 * sum, a logistic and a table lookup, plus one weighted sum and logistic
 * per doubtable field (doubted below RPI_CONF_DOUBT_BELOW).
 */
#include "stage.h"

#include <math.h>
#include <string.h>

#include "confidence_weights.h"
#include "simd.h"

/* The features, in the order of the weights (the generator writes the
 * same names beside each weight; RPI_CONF_FEATURES lists them). */
enum {
  X_BIAS,
  X_AUTHOR,        /* has authors */
  X_AUTHOR_LOG,    /* log(1 + number of authors) */
  X_ET_AL,         /* author list ended with "et al." */
  X_EDITOR,        /* has editors */
  X_TITLE,
  X_CONTAINER,
  X_YEAR,
  X_VOLUME,
  X_ISSUE,
  X_PAGE,
  X_DOI,
  X_PUBLISHER,
  X_T_JOURNAL,     /* type article-journal */
  X_T_BOOK,
  X_T_CHAPTER,
  X_T_CONFERENCE,
  X_UNPARSED_N,    /* unparsed warnings, at most 3 */
  X_UNPARSED_LOG,  /* log(1 + bytes the unparsed warnings cover) */
  X_NO_TITLE,      /* no-title warning */
  X_LIMIT,         /* a match limit stopped a rule */
  X_DUP_CONFLICT,
  X_PAGE_SUSPECT,
  X_NAME_REPAIRED,
  X_REPAIRS,       /* text repairs (mojibake, markup, encoding, words,
                      punctuation, diacritics, truncation), at most 3 */
  X_TITLE_LOG,     /* log(1 + characters of the title), 0 without one */
  X_TITLE_SHORT,   /* a title of under 15 characters */
  X_TITLE_LONG,    /* a title of over 200 characters */
  X_JOURNAL_DONE,  /* an article-journal with container, volume and pages */
  X_TITLE_AND_CONTAINER,
  X_COUNT
};

_Static_assert(X_COUNT == RPI_CONF_NFEAT, "lib/confidence_weights.h is for other features: "
                                          "rerun tools/fit_confidence.py");

/* The characters of s: its bytes but the continuation bytes (10xxxxxx),
 * eight bytes a step (bit 6 of each byte shifted onto its bit 7). */
static size_t chars(const char *s) {
  size_t n = strlen(s), cont = 0, i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t v = rpi_load8(s + i);
    cont += rpi_count_high8(v & ~(v << 1) & RPI_HIGH8);
  }
  for (; i < n; i++)
    cont += ((unsigned char)s[i] & 0xC0) == 0x80;
  return n - cont;
}

static void features(const rp_result *r, double x[X_COUNT]) {
  for (int i = 0; i < X_COUNT; i++)
    x[i] = 0;
  x[X_BIAS] = 1;
  size_t na = r->n_names[RP_ROLE_AUTHOR];
  x[X_AUTHOR] = na > 0;
  x[X_AUTHOR_LOG] = log1p((double)na);
  x[X_ET_AL] = r->et_al[RP_ROLE_AUTHOR];
  x[X_EDITOR] = r->n_names[RP_ROLE_EDITOR] > 0;
  x[X_TITLE] = r->field[RP_FIELD_TITLE] != NULL;
  x[X_CONTAINER] = r->field[RP_FIELD_CONTAINER_TITLE] != NULL;
  x[X_YEAR] = r->field[RP_FIELD_YEAR] != NULL;
  x[X_VOLUME] = r->field[RP_FIELD_VOLUME] != NULL;
  x[X_ISSUE] = r->field[RP_FIELD_ISSUE] != NULL;
  x[X_PAGE] = r->field[RP_FIELD_PAGE] != NULL;
  x[X_DOI] = r->field[RP_FIELD_DOI] != NULL;
  x[X_PUBLISHER] = r->field[RP_FIELD_PUBLISHER] != NULL;
  x[X_T_JOURNAL] = r->type == RP_TYPE_ARTICLE_JOURNAL;
  x[X_T_BOOK] = r->type == RP_TYPE_BOOK;
  x[X_T_CHAPTER] = r->type == RP_TYPE_CHAPTER;
  x[X_T_CONFERENCE] = r->type == RP_TYPE_PAPER_CONFERENCE;
  size_t unparsed = 0, unparsed_bytes = 0, repairs = 0;
  for (size_t i = 0; i < r->n_warn; i++) {
    switch (r->warn[i].code) {
    case RP_WARN_UNPARSED:
      unparsed++;
      unparsed_bytes += r->warn[i].span.len;
      break;
    case RP_WARN_NO_TITLE: x[X_NO_TITLE] = 1; break;
    case RP_WARN_LIMIT: x[X_LIMIT] = 1; break;
    case RP_WARN_DUP_CONFLICT: x[X_DUP_CONFLICT] = 1; break;
    case RP_WARN_PAGE_SUSPECT: x[X_PAGE_SUSPECT] = 1; break;
    case RP_WARN_NAME_REPAIRED: x[X_NAME_REPAIRED] = 1; break;
    case RP_WARN_MOJIBAKE: case RP_WARN_MARKUP: case RP_WARN_ENCODING:
    case RP_WARN_WORD_REPAIRED: case RP_WARN_PUNCT_REPAIRED: case RP_WARN_DIACRITIC:
    case RP_WARN_TRUNCATED: case RP_WARN_INVALID_UTF8:
      repairs++;
      break;
    default: break;
    }
  }
  x[X_UNPARSED_N] = (double)(unparsed < 3 ? unparsed : 3);
  x[X_UNPARSED_LOG] = log1p((double)unparsed_bytes);
  x[X_REPAIRS] = (double)(repairs < 3 ? repairs : 3);
  if (r->field[RP_FIELD_TITLE]) {
    size_t tl = chars(r->field[RP_FIELD_TITLE]);
    x[X_TITLE_LOG] = log1p((double)tl);
    x[X_TITLE_SHORT] = tl < 15;
    x[X_TITLE_LONG] = tl > 200;
  }
  bool title = r->field[RP_FIELD_TITLE], container = r->field[RP_FIELD_CONTAINER_TITLE];
  x[X_JOURNAL_DONE] = r->type == RP_TYPE_ARTICLE_JOURNAL && container &&
                      r->field[RP_FIELD_VOLUME] && r->field[RP_FIELD_PAGE];
  x[X_TITLE_AND_CONTAINER] = title && container;
}

/* The weighted sums of the features: the record's model in z[0], each
 * doubted field's in z[1 + f], in one pass over the features. Each sum
 * adds its terms in feature order, and a zero feature is passed over: w * 0
 * is +0 or -0, and adding it leaves a sum alone (a sum from +0 is never -0
 * in round-to-nearest), so the bits are those of a sum over all of them. */
static void weighted_sums(const double x[X_COUNT], double z[1 + RPI_CONF_NFIELD]) {
  for (int f = 0; f <= RPI_CONF_NFIELD; f++)
    z[f] = 0;
  for (int i = 0; i < X_COUNT; i++) {
    if (x[i] == 0)
      continue;
    z[0] += rpi_conf_weights[i] * x[i];
    for (int f = 0; f < RPI_CONF_NFIELD; f++)
      z[1 + f] += rpi_conf_field_weights[f][i] * x[i];
  }
}

/* The calibration map: piecewise linear through the knots (logistic
 * output -> share right among the fitted references near it), flat beyond
 * the first and the last. */
static double calibrate(double p) {
  if (p <= rpi_conf_knots[0][0])
    return rpi_conf_knots[0][1];
  for (int k = 1; k < RPI_CONF_NKNOT; k++) {
    double x0 = rpi_conf_knots[k - 1][0], y0 = rpi_conf_knots[k - 1][1];
    double x1 = rpi_conf_knots[k][0], y1 = rpi_conf_knots[k][1];
    if (p <= x1)
      return x1 > x0 ? y0 + (y1 - y0) * (p - x0) / (x1 - x0) : y1;
  }
  return rpi_conf_knots[RPI_CONF_NKNOT - 1][1];
}

void rpi_stage_confidence(st *s) {
  rp_result *r = s->r;
  double x[X_COUNT];
  features(r, x);
  double z[1 + RPI_CONF_NFIELD];
  weighted_sums(x, z);
  r->confidence = calibrate(1 / (1 + exp(-z[0])));
  r->n_doubts = 0;
  /* logistic(z) < t  <=>  z < log(t / (1 - t)): no exp() per field */
  for (int f = 0; f < RPI_CONF_NFIELD; f++)
    if (z[1 + f] < RPI_CONF_DOUBT_LOGIT)
      r->doubts[r->n_doubts++] = (unsigned char)f;
}

const char *rpi_confidence_field_name(unsigned i) {
  return i < RPI_CONF_NFIELD ? rpi_conf_field_names[i] : NULL;
}
