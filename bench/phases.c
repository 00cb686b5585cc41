/*
 * phases.c: where refparse's time goes, phase by phase, on one core.
 * A profiling harness, not a test: it links the library's internal static
 * archive (to time the cleaning pass and the parser separately) and wraps
 * a few external calls at link time (-Wl,--wrap) to count and time them:
 *
 *   pcre2_match_8, pcre2_jit_match_8  per pattern: calls and time
 *   utrans_transUChars   ICU transliteration (the ASCII name keys)
 *   malloc/calloc/realloc/free  calls made by the library itself
 *
 *   phases [-n LINES] [-r ROUNDS] FILE
 *
 * The file is read into memory first (no I/O in the timings). Four loops
 * over the same lines, each timed as a whole:
 *   clean   rpi_text_clean                      (lib/text.c)
 *   parse   clean + rpi_parse                   (lib/parse.c, stage_*.c, names.c)
 *   api     rp_parse (clean + parse + ASCII name keys, lib/result.c)
 *   write   rp_parse + rp_write_csljson         (lib/writer_csljson.c)
 * so parse-clean, api-parse, write-api are the phases' costs. Each loop
 * runs ROUNDS times (default 3) and its fastest round counts: differences
 * of loop times are fragile when other processes share the cores. The
 * pattern table (the wrapped pcre2_match_8) is taken in the last "parse"
 * round; its per-call timer adds about 2 x 20 ns per match to that loop.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/utrans.h>

#include "buf.h"
#include "parse.h"
#include "refparse.h"
#include "result.h"
#include "rx.h"
#include "text.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- link-time wraps ----------------------------------------------------- */

#define MAXPAT 256
typedef struct pat_stat {
  const pcre2_code *code;
  const char *src;
  unsigned long long calls, hits;
  double secs;
} pat_stat;
static pat_stat pats[MAXPAT];
static int npats;
static int timing_rx;
static unsigned long long n_malloc, n_free;
static unsigned long long n_fold;
static double fold_secs;

pcre2_code *__real_pcre2_compile_8(PCRE2_SPTR, PCRE2_SIZE, uint32_t, int *, PCRE2_SIZE *,
                                   pcre2_compile_context *);
pcre2_code *__wrap_pcre2_compile_8(PCRE2_SPTR, PCRE2_SIZE, uint32_t, int *, PCRE2_SIZE *,
                                   pcre2_compile_context *);
pcre2_code *__wrap_pcre2_compile_8(PCRE2_SPTR p, PCRE2_SIZE l, uint32_t o, int *e,
                                   PCRE2_SIZE *eo, pcre2_compile_context *c) {
  pcre2_code *code = __real_pcre2_compile_8(p, l, o, e, eo, c);
  if (code && npats < MAXPAT) {
    pats[npats].code = code;
    pats[npats].src = (const char *)p; /* the parser's static pattern text */
    npats++;
  }
  return code;
}

typedef int (*match_fn)(const pcre2_code *, PCRE2_SPTR, PCRE2_SIZE, PCRE2_SIZE, uint32_t,
                        pcre2_match_data *, pcre2_match_context *);

/* Run one search through `real`, timed and counted per pattern. */
static int timed_match(match_fn real, const pcre2_code *code, PCRE2_SPTR s, PCRE2_SIZE n,
                       PCRE2_SIZE from, uint32_t opt, pcre2_match_data *md, pcre2_match_context *mc) {
  if (!timing_rx)
    return real(code, s, n, from, opt, md, mc);
  double t0 = now();
  int rc = real(code, s, n, from, opt, md, mc);
  double el = now() - t0;
  for (int k = 0; k < npats; k++)
    if (pats[k].code == code) {
      pats[k].calls++;
      pats[k].hits += rc > 0;
      pats[k].secs += el;
      break;
    }
  return rc;
}

/* __wrap_NAME for --wrap=NAME: the search timed through timed_match. lib/rx.c
 * calls JIT-compiled patterns through pcre2_jit_match directly, the others
 * (anchored, --no-jit) through pcre2_match: both are wrapped. */
#define TIMED_WRAP(name)                                                                    \
  int __real_##name(const pcre2_code *, PCRE2_SPTR, PCRE2_SIZE, PCRE2_SIZE, uint32_t,       \
                    pcre2_match_data *, pcre2_match_context *);                            \
  int __wrap_##name(const pcre2_code *, PCRE2_SPTR, PCRE2_SIZE, PCRE2_SIZE, uint32_t,       \
                    pcre2_match_data *, pcre2_match_context *);                            \
  int __wrap_##name(const pcre2_code *code, PCRE2_SPTR s, PCRE2_SIZE n, PCRE2_SIZE from,    \
                    uint32_t opt, pcre2_match_data *md, pcre2_match_context *mc) {         \
    return timed_match(__real_##name, code, s, n, from, opt, md, mc);                      \
  }
TIMED_WRAP(pcre2_match_8)
TIMED_WRAP(pcre2_jit_match_8)
#undef TIMED_WRAP

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define REAL_TRANS CAT(__real_, ICU_TRANS_SYM)
#define WRAP_TRANS CAT(__wrap_, ICU_TRANS_SYM)
void REAL_TRANS(const UTransliterator *, UChar *, int32_t *, int32_t, int32_t, int32_t *,
                UErrorCode *);
void WRAP_TRANS(const UTransliterator *, UChar *, int32_t *, int32_t, int32_t, int32_t *,
                UErrorCode *);
void WRAP_TRANS(const UTransliterator *tr, UChar *text, int32_t *len, int32_t cap, int32_t start,
                int32_t *limit, UErrorCode *st) {
  double t0 = now();
  REAL_TRANS(tr, text, len, cap, start, limit, st);
  fold_secs += now() - t0;
  n_fold++;
}

void *__real_malloc(size_t);
void *__real_calloc(size_t, size_t);
void *__real_realloc(void *, size_t);
void __real_free(void *);
void *__wrap_malloc(size_t);
void *__wrap_calloc(size_t, size_t);
void *__wrap_realloc(void *, size_t);
void __wrap_free(void *);
void *__wrap_malloc(size_t n) {
  n_malloc++;
  return __real_malloc(n);
}
void *__wrap_calloc(size_t a, size_t b) {
  n_malloc++;
  return __real_calloc(a, b);
}
void *__wrap_realloc(void *p, size_t n) {
  n_malloc++;
  return __real_realloc(p, n);
}
void __wrap_free(void *p) {
  if (p)
    n_free++;
  __real_free(p);
}

/* ---- input --------------------------------------------------------------- */

typedef struct line {
  const char *s;
  size_t n;
} line;

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 24, n = 0;
  char *b = __real_malloc(cap);
  for (;;) {
    if (n == cap) {
      cap *= 2;
      b = __real_realloc(b, cap);
    }
    size_t got = fread(b + n, 1, cap - n, f);
    if (!got)
      break;
    n += got;
  }
  fclose(f);
  *len = n;
  return b;
}

static int cmp_secs(const void *a, const void *b) {
  double x = ((const pat_stat *)a)->secs, y = ((const pat_stat *)b)->secs;
  return x < y ? 1 : x > y ? -1 : 0;
}

int main(int argc, char **argv) {
  size_t want = 100000;
  int rounds = 3;
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-n") && i + 1 < argc)
      want = strtoul(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "-r") && i + 1 < argc)
      rounds = atoi(argv[++i]);
    else
      path = argv[i];
  }
  if (!path || rounds < 1) {
    fprintf(stderr, "usage: phases [-n LINES] [-r ROUNDS] FILE\n");
    return 2;
  }
  size_t flen;
  char *data = slurp(path, &flen);
  if (!data) {
    perror(path);
    return 1;
  }
  line *L = __real_malloc(want * sizeof *L);
  size_t nl = 0, bytes = 0;
  for (size_t i = 0; i < flen && nl < want;) {
    char *e = memchr(data + i, '\n', flen - i);
    size_t end = e ? (size_t)(e - data) : flen;
    size_t n = end - i;
    if (n && data[i + n - 1] == '\r')
      n--;
    L[nl].s = data + i;
    L[nl].n = n;
    bytes += n + 1;
    nl++;
    i = end + 1;
  }
  rp_parser *p;
  double t0 = now();
  if (rp_parser_new(NULL, &p) != RP_OK)
    return 1;
  double t_new = now() - t0;

  /* warm-up (first-touch of ICU data, JIT code, lexicon pages) */
  for (size_t i = 0; i < nl && i < 2000; i++) {
    rp_result *r;
    if (rp_parse(p, L[i].s, L[i].n, &r) == RP_OK)
      rp_result_free(r);
  }

  double secs[4];
  unsigned long long allocs[4];
  const char *names[4] = {"clean", "parse", "api", "write"};
  for (int loop = 0; loop < 4; loop++) {
   secs[loop] = 1e30;
   for (int round = 0; round < rounds; round++) {
    timing_rx = loop == 1 && round == rounds - 1;
    if (timing_rx)
      for (int k = 0; k < npats; k++)
        pats[k].calls = pats[k].hits = 0, pats[k].secs = 0;
    unsigned long long a0 = n_malloc;
    double f0 = fold_secs;
    unsigned long long nf0 = n_fold;
    t0 = now();
    for (size_t i = 0; i < nl; i++) {
      if (loop <= 1) {
        rp_result *r = calloc(1, sizeof *r);
        rpi_text t;
        size_t use = L[i].n < p->max_len ? L[i].n : p->max_len; /* benchmark lines are short */
        if (rpi_text_clean(&t, L[i].s, use, p->flags, r) == 0 && loop == 1) {
          rpi_rx_scratch *sc;
          rpi_buf norm;
          rpi_buf_init(&norm, (size_t)1 << 30);
          if (rpi_rx_scratch_new(&sc) == 0) {
            rpi_parse(p, sc, &t, r, &norm);
            rpi_rx_scratch_free(sc);
          }
          rpi_buf_free(&norm);
        }
        rpi_text_free(&t);
        rp_result_free(r);
      } else {
        rp_result *r;
        if (rp_parse(p, L[i].s, L[i].n, &r) != RP_OK)
          continue;
        if (loop == 3) {
          char *out;
          size_t ol;
          char id[24];
          int idn = snprintf(id, sizeof id, "%zu", i + 1);
          if (rp_write_csljson(r, id, (size_t)idn, RP_WRITE_ID_NUMERIC, &out, &ol) == RP_OK)
            rp_free(out);
        }
        rp_result_free(r);
      }
    }
    double el = now() - t0;
    if (loop != 1 || !timing_rx) /* the timed-pattern round is slowed by its timers */
      secs[loop] = el < secs[loop] ? el : secs[loop];
    else if (rounds == 1)
      secs[loop] = el;
    allocs[loop] = n_malloc - a0;
    if (loop == 2 && round == rounds - 1)
      printf("# ICU transliteration (api loop): %llu calls, %.3f s = %.1f%% of the api loop\n",
             n_fold - nf0, fold_secs - f0, 100.0 * (fold_secs - f0) / el);
   }
  }
  timing_rx = 0;
  printf("# %zu lines, %.1f MB, rp_parser_new %.2f ms\n", nl, bytes / 1e6, t_new * 1e3);
  printf("# loop   seconds  refs/s   allocs/ref\n");
  for (int k = 0; k < 4; k++)
    printf("%-7s %8.3f %8.0f %8.1f\n", names[k], secs[k], nl / secs[k], (double)allocs[k] / nl);
  double tot = secs[3];
  double rx = 0;
  unsigned long long calls = 0;
  for (int k = 0; k < npats; k++)
    rx += pats[k].secs, calls += pats[k].calls;
  /* the parse loop is slowed by the per-match timer; remove its estimated cost */
  double ovh = 0;
  {
    double a = now();
    for (int k = 0; k < 1000000; k++)
      (void)now();
    ovh = (now() - a) / 1e6; /* one now() */
  }
  /* secs[1] comes from untimed rounds unless rounds == 1 */
  double parse_only = secs[1] - secs[0] - (rounds == 1 ? 2 * ovh * (double)calls : 0);
  printf("# phase shares of the write loop (no file I/O); %.0f ns per timer call removed\n",
         ovh * 1e9);
  printf("phase clean (text.c)            %5.1f%%\n", 100 * secs[0] / tot);
  printf("phase parse: pcre2 matching     %5.1f%%  (%.1f matches/ref)\n",
         100 * (rx - ovh * (double)calls) / tot, (double)calls / nl);
  printf("phase parse: rest (C code)      %5.1f%%\n", 100 * (parse_only - (rx - ovh * (double)calls)) / tot);
  printf("phase name keys (ICU fold etc.) %5.1f%%\n",
         100 * (secs[2] - secs[1] + (rounds == 1 ? 2 * ovh * (double)calls : 0)) / tot);
  printf("phase JSON writer               %5.1f%%\n", 100 * (secs[3] - secs[2]) / tot);
  qsort(pats, (size_t)npats, sizeof pats[0], cmp_secs);
  printf("# top patterns by match time (parse loop; timer cost removed)\n");
  printf("# share  calls/ref  hit%%   ns/call  pattern\n");
  for (int k = 0; k < npats && k < (getenv("PHASES_ALL") ? npats : 15); k++) {
    double s = pats[k].secs - ovh * (double)pats[k].calls;
    printf("%5.1f%% %9.2f %5.1f %8.0f  %.60s\n", 100 * s / tot, (double)pats[k].calls / nl,
           pats[k].calls ? 100.0 * pats[k].hits / pats[k].calls : 0.0,
           pats[k].calls ? 1e9 * s / pats[k].calls : 0.0, pats[k].src);
  }
  rp_parser_free(p);
  return 0;
}
