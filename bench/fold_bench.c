/*
 * fold_bench.c: time rp_ascii_fold on long input, to show it linear:
 * "武汉 2" followed by n x U+0303 and n Cyrillic letters, n = 1,000 to
 * 64,000 (best of 3 runs each), and the same folds in 2 threads at once.
 * Built on request: `ninja -C BUILD bench/fold_bench`; bench/limits.sh
 * runs it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <refparse.h>

static rp_parser *parser;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *make(const char *prefix, const char *unit, size_t n, size_t *len) {
  size_t pl = strlen(prefix), ul = strlen(unit);
  char *s = malloc(pl + ul * n + 1);
  if (!s)
    exit(1);
  memcpy(s, prefix, pl);
  for (size_t i = 0; i < n; i++)
    memcpy(s + pl + ul * i, unit, ul);
  *len = pl + ul * n;
  s[*len] = '\0';
  return s;
}

/* Best of 3, in milliseconds. */
static double fold_ms(const char *s, size_t len) {
  double best = 1e30;
  for (int r = 0; r < 3; r++) {
    char *out = NULL;
    size_t ol = 0;
    double t0 = now();
    if (rp_ascii_fold(parser, s, len, &out, &ol) != RP_OK)
      exit(1);
    double t = (now() - t0) * 1e3;
    rp_free(out);
    if (t < best)
      best = t;
  }
  return best;
}

typedef struct arg {
  const char *s;
  size_t len;
  double ms;
} arg;

static void *thread(void *p) {
  arg *a = p;
  a->ms = fold_ms(a->s, a->len);
  return NULL;
}

int main(void) {
  if (rp_parser_new(NULL, &parser) != RP_OK)
    return 1;
  /* the first non-Latin fold pays ICU's set-up: not part of the figures */
  fold_ms("\xe6\xad\xa6\xe6\xb1\x89", 6);
  printf("%8s %14s %14s %16s\n", "n", "CJK+marks ms", "Cyrillic ms", "2 threads ms");
  for (size_t n = 1000; n <= 64000; n *= 2) {
    size_t l1, l2;
    char *m = make("\xe6\xad\xa6\xe6\xb1\x89 2", "\xcc\x83", n, &l1);
    char *c = make("", "\xd0\x98", n, &l2);
    double a = fold_ms(m, l1), b = fold_ms(c, l2);
    arg x = {m, l1, 0}, y = {c, l2, 0};
    pthread_t t1, t2;
    double t0 = now();
    pthread_create(&t1, NULL, thread, &x);
    pthread_create(&t2, NULL, thread, &y);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("%8zu %14.3f %14.3f %16.3f\n", n, a, b, (now() - t0) * 1e3 / 3);
    free(m);
    free(c);
  }
  rp_parser_free(parser);
  return 0;
}
