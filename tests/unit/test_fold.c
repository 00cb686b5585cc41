/*
 * test_fold.c: rp_ascii_fold on long and non-Latin input (TAP): exact
 * output, work linear in the input (a run of 32,000 combining marks or
 * 64,000 Cyrillic letters folds in well under a second, where a quadratic
 * fold takes many), and two threads folding at once on one parser.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <refparse.h>

#include "harness.h"

static rp_parser *parser;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* prefix + n copies of unit + suffix, malloc'd. */
static char *repeat(const char *prefix, const char *unit, size_t n, const char *suffix,
                    size_t *len) {
  size_t pl = strlen(prefix), ul = strlen(unit), sl = strlen(suffix);
  char *s = malloc(pl + ul * n + sl + 1);
  memcpy(s, prefix, pl);
  for (size_t i = 0; i < n; i++)
    memcpy(s + pl + ul * i, unit, ul);
  memcpy(s + pl + ul * n, suffix, sl + 1);
  *len = pl + ul * n + sl;
  return s;
}

/* Fold s; return the output (malloc'd) and the seconds it took. */
static char *fold(const char *s, size_t n, double *secs) {
  char *out = NULL;
  size_t ol = 0;
  double t0 = now();
  rp_status st = rp_ascii_fold(parser, s, n, &out, &ol);
  *secs = now() - t0;
  return st == RP_OK ? out : NULL;
}

static void *fold_thread(void *arg) {
  size_t len;
  char *s = repeat("", "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2 ", 2000, "", &len);
  double secs;
  char *o = fold(s, len, &secs);
  *(int *)arg = o && strlen(o) == 2000 * 7 && !strncmp(o, "Ivanov Ivanov ", 14);
  rp_free(o);
  free(s);
  return NULL;
}

int main(void) {
  plan_lazy();
  if (rp_parser_new(NULL, &parser) != RP_OK)
    return 1;
  double secs;
  char *o = fold("\xe6\xad\xa6\xe6\xb1\x89 2", 8, &secs);
  STR_EQ(o, "wu han 2", "CJK: \"武汉 2\" -> \"wu han 2\"");
  rp_free(o);

  size_t len;
  char *s = repeat("\xe6\xad\xa6\xe6\xb1\x89 2", "\xcc\x83", 32000, "", &len);
  o = fold(s, len, &secs);
  STR_EQ(o, "wu han 2", "\"武汉 2\" + 32,000 x U+0303 -> \"wu han 2\" (the marks dropped)");
  OK(secs < 1.0, "... in under a second (%.3f s)", secs);
  rp_free(o);
  free(s);

  /* 64,000 Cyrillic letters without a space: cut into segments */
  s = repeat("", "\xd0\x98", 64000, "", &len); /* И */
  o = fold(s, len, &secs);
  OK(o && strlen(o) == 64000 && strspn(o, "I") == 64000, "64,000 x \"И\" -> 64,000 x \"I\"");
  OK(secs < 1.0, "... in under a second (%.3f s)", secs);
  rp_free(o);
  free(s);

  /* a long Latin string with accents: the quick path, segment by segment */
  s = repeat("", "L\xc3\xb6tvall M\xc5\xb1zes ", 10000, "", &len);
  o = fold(s, len, &secs);
  INT_EQ(o ? (long long)strlen(o) : -1, 10000 * 14, "10,000 x \"Lötvall Műzes \": 14 bytes each");
  OK(o && !strncmp(o, "Lotvall Muzes Lotvall", 21), "... \"Lotvall Muzes \" each");
  OK(secs < 1.0, "... in under a second (%.3f s)", secs);
  rp_free(o);
  free(s);

  int ok[2] = {0, 0};
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, fold_thread, &ok[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  OK(ok[0] && ok[1], "two threads folding 2,000 Cyrillic names at once on one parser");
  rp_parser_free(parser);
  return done();
}
