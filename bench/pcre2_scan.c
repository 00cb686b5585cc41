/*
 * pcre2_scan.c: the "practical limit" for refparse on one core. Reads a
 * file of references (one per line), and runs ONE PCRE2-JIT pass over each
 * line with a pattern of the kind refparse uses (UTF + UCP, year or DOI,
 * Vancouver locator), counting the lines that match. Reports lines/s and
 * MB/s for the read + split + match loop; nothing is parsed or written.
 *
 *   pcre2_scan [-p year|doi|locator|all] [-r ROUNDS] FILE
 *
 * -p all (default) runs the three patterns one after the other over each
 * line (three passes per line): the closest thing to "a parser that does
 * nothing but find its anchors". Linked against libpcre2-8 only.
 * Output: one line "pattern lines bytes seconds lines/s MB/s matched".
 * Pure throughput of the loop; no output is written (refparse must also
 * write about 1.5x its input as JSON).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const pat_year = "(?<![\\w\\d/.-])((?:1[5-9]|20)\\d\\d)[a-z]?(?![\\d])";
static const char *const pat_doi =
    "(?:(?:https?://)?(?:dx\\.)?doi\\.org/|\\bdoi\\s*[:.]?\\s*|\\b)(10\\.\\d{4,9}/[^\\s\"<>]+)";
static const char *const pat_loc =
    "(?<![\\d])((?:1[5-9]|20)\\d\\d)[a-z]?\\s*;\\s*([A-Za-z]?\\d+[A-Za-z]?)?\\s*(?:\\(([^()]{1,25})\\))?"
    "\\s*:\\s*((?:[A-Za-z]{1,5}\\d+|\\d+[A-Za-z]?)(?:\\s?-{1,2}\\s?(?:[A-Za-z]{1,3})?\\d+[A-Za-z]?)?)";

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static pcre2_code *compile(const char *src) {
  int err;
  PCRE2_SIZE off;
  pcre2_code *c = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
                                &err, &off, NULL);
  if (!c) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(err, msg, sizeof msg);
    fprintf(stderr, "pcre2_scan: pattern error at %zu: %s\n", (size_t)off, (char *)msg);
    exit(1);
  }
  if (pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) != 0) {
    fprintf(stderr, "pcre2_scan: JIT not available\n");
    exit(1);
  }
  return c;
}

int main(int argc, char **argv) {
  const char *which = "all", *path = NULL;
  int rounds = 1;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-p") && i + 1 < argc)
      which = argv[++i];
    else if (!strcmp(argv[i], "-r") && i + 1 < argc)
      rounds = atoi(argv[++i]);
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "usage: pcre2_scan [-p year|doi|locator|all] [-r ROUNDS] FILE\n");
      return 2;
    } else
      path = argv[i];
  }
  if (!path || rounds < 1) {
    fprintf(stderr, "usage: pcre2_scan [-p year|doi|locator|all] [-r ROUNDS] FILE\n");
    return 2;
  }
  pcre2_code *code[3];
  int ncode = 0;
  if (!strcmp(which, "year") || !strcmp(which, "all"))
    code[ncode++] = compile(pat_year);
  if (!strcmp(which, "doi") || !strcmp(which, "all"))
    code[ncode++] = compile(pat_doi);
  if (!strcmp(which, "locator") || !strcmp(which, "all"))
    code[ncode++] = compile(pat_loc);
  if (!ncode) {
    fprintf(stderr, "pcre2_scan: unknown pattern '%s'\n", which);
    return 2;
  }
  pcre2_match_data *md = pcre2_match_data_create(16, NULL);
  /* Streamed, like refparse: a 1 MiB read buffer, lines split in place, so
   * memory stays flat whatever the file size. */
  size_t cap = 1 << 20;
  char *buf = malloc(cap);
  if (!md || !buf)
    return 1;
  unsigned long long lines = 0, bytes = 0, matched = 0;
  double t0 = now();
  for (int r = 0; r < rounds; r++) {
    FILE *f = fopen(path, "rb");
    if (!f) {
      perror(path);
      return 1;
    }
    size_t have = 0;
    for (;;) {
      size_t got = fread(buf + have, 1, cap - have, f);
      size_t end = have + got;
      bytes += got;
      size_t start = 0;
      for (;;) {
        char *nl = memchr(buf + start, '\n', end - start);
        if (!nl && !(got == 0 && start < end))
          break;
        size_t e = nl ? (size_t)(nl - buf) : end;
        size_t len = e - start;
        if (len && buf[start + len - 1] == '\r')
          len--;
        lines++;
        int any = 0;
        for (int k = 0; k < ncode; k++) {
          /* The first match validates the line's UTF-8 (as refparse's
           * cleaner does once); the others skip the check, like refparse's
           * matches. pcre2_match runs the JIT code. */
          int rc = pcre2_match(code[k], (PCRE2_SPTR)buf + start, len, 0,
                               k ? PCRE2_NO_UTF_CHECK : 0, md, NULL);
          if (rc > 0)
            any = 1;
          else if (rc != PCRE2_ERROR_NOMATCH)
            break; /* invalid UTF-8: no further pattern on this line */
        }
        matched += (unsigned long long)any;
        start = nl ? e + 1 : end;
      }
      if (got == 0)
        break;
      memmove(buf, buf + start, end - start);
      have = end - start;
      if (have == cap) { /* a line longer than the buffer: grow */
        char *nb = realloc(buf, cap * 2);
        if (!nb)
          return 1;
        buf = nb;
        cap *= 2;
      }
    }
    fclose(f);
  }
  double el = now() - t0;
  printf("%s %llu %llu %.3f %.0f %.1f %llu\n", which, lines, bytes, el, (double)lines / el,
         (double)bytes / el / 1e6, matched);
  for (int k = 0; k < ncode; k++)
    pcre2_code_free(code[k]);
  pcre2_match_data_free(md);
  free(buf);
  return 0;
}
