/*
 * harness.h: a tiny TAP producer for the C unit tests (cmark api_test style).
 *
 *   OK(cond, "what")               ok when cond is true
 *   INT_EQ(got, expected, "what")  integers (printed as long long)
 *   STR_EQ(got, expected, "what")  strings; NULL equals only NULL
 *   MEM_EQ(got, glen, exp, elen, "what")  byte strings
 *   TODO_BEGIN("why") ... TODO_END()  checks in between are "# TODO why"
 *   plan_lazy() at the start, return done() at the end ("1..N" last).
 *
 * A failing check prints "not ok N - what" and a diagnostic
 * "#   file:line: expected X got Y". done() returns 1 when a check outside a
 * TODO block failed, so the binary's exit status agrees with the TAP stream.
 * Header-only: every test program includes it once.
 */
#ifndef RP_TEST_HARNESS_H
#define RP_TEST_HARNESS_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int t_count;
static int t_failed;
static const char *t_todo;

/* The description is one TAP line: a newline or other control byte in it
 * (a multi-line value quoted in "(got ...)") is written as \n or \xNN. */
static void t_vreport(int ok, const char *file, int line, const char *fmt, va_list ap) {
  char desc[2048];
  t_count++;
  printf("%s %d - ", ok ? "ok" : "not ok", t_count);
  vsnprintf(desc, sizeof desc, fmt, ap);
  for (const char *p = desc; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '\n')
      fputs("\\n", stdout);
    else if (c < 0x20 || c == 0x7f)
      printf("\\x%02x", c);
    else
      putchar(c);
  }
  if (t_todo)
    printf(" # TODO %s", t_todo);
  putchar('\n');
  if (!ok) {
    printf("#   %s:%d: failed\n", file, line);
    if (!t_todo)
      t_failed++;
  }
  fflush(stdout);
}

static int t_ok(int ok, const char *file, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  t_vreport(ok, file, line, fmt, ap);
  va_end(ap);
  return ok;
}

/* Print a string (or NULL) on a diagnostic line, escaping what is not
 * printable ASCII so the TAP stream stays one line per diagnostic. */
static void t_print_bytes(const char *s, size_t n) {
  if (!s) {
    fputs("NULL", stdout);
    return;
  }
  putchar('"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\')
      printf("\\%c", c);
    else if (c < 0x20 || c == 0x7f)
      printf("\\x%02x", c);
    else
      putchar(c);
  }
  putchar('"');
}

static int t_int_eq(long long got, long long exp, const char *file, int line, const char *fmt,
                    ...) {
  va_list ap;
  va_start(ap, fmt);
  t_vreport(got == exp, file, line, fmt, ap);
  va_end(ap);
  if (got != exp)
    printf("#   expected %lld got %lld\n", exp, got);
  return got == exp;
}

static int t_mem_eq(const char *got, size_t glen, const char *exp, size_t elen, const char *file,
                    int line, const char *fmt, ...) {
  int ok = (got == NULL && exp == NULL) ||
           (got && exp && glen == elen && memcmp(got, exp, elen) == 0);
  va_list ap;
  va_start(ap, fmt);
  t_vreport(ok, file, line, fmt, ap);
  va_end(ap);
  if (!ok) {
    fputs("#   expected ", stdout);
    t_print_bytes(exp, elen);
    fputs("\n#        got ", stdout);
    t_print_bytes(got, glen);
    putchar('\n');
  }
  return ok;
}

#define OK(cond, ...) t_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define INT_EQ(got, exp, ...)                                                                    \
  t_int_eq((long long)(got), (long long)(exp), __FILE__, __LINE__, __VA_ARGS__)
#define STR_EQ(got, exp, ...)                                                                    \
  do {                                                                                           \
    const char *t_g_ = (got), *t_e_ = (exp);                                                     \
    t_mem_eq(t_g_, t_g_ ? strlen(t_g_) : 0, t_e_, t_e_ ? strlen(t_e_) : 0, __FILE__, __LINE__,   \
             __VA_ARGS__);                                                                       \
  } while (0)
#define MEM_EQ(got, glen, exp, elen, ...)                                                        \
  t_mem_eq((got), (glen), (exp), (elen), __FILE__, __LINE__, __VA_ARGS__)
#define TODO_BEGIN(why) (t_todo = (why))
#define TODO_END() (t_todo = NULL)
#define DIAG(...) (printf("# "), printf(__VA_ARGS__), putchar('\n'))

static void plan_lazy(void) { setvbuf(stdout, NULL, _IOLBF, 0); }

static int done(void) {
  printf("1..%d\n", t_count);
  if (t_failed)
    printf("# %d of %d checks failed\n", t_failed, t_count);
  return t_failed ? 1 : 0;
}

#endif
