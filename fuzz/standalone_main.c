/*
 * standalone_main.c: replay inputs through LLVMFuzzerTestOneInput without
 * libFuzzer (normal and sanitizer builds; the fuzz-replay test).
 *
 *   fuzz_parse_replay FILE|DIR...
 *
 * Each FILE is fed as one input; each DIR is read (not recursively) and
 * every regular file in it is fed, in name order. Files whose name starts
 * with '.' or ends in ".md"/".txt" are skipped (notes next to the inputs).
 * Prints one "ok NAME" line per input and a summary; a crash shows up as the
 * process dying (abort, sanitizer report), which fails the test.
 * Exit: 0 all replayed, 1 an input could not be read, 2 usage.
 *
 * RP_REPLAY_SLOW_MS=N: also time every input and print "slow MS NAME" for
 * each one over N ms, and the slowest one at the end (finding hangs and
 * quadratic behaviour; best with a release build, see fuzz/README.md).
 * Each input then runs twice and the second run is timed, so one-time
 * set-up (ICU data, a parser for a new option set) is not counted.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int replayed, unreadable;
static double slow_ms = -1, slowest_ms;
static char slowest[4096];

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int skip_name(const char *name) {
  size_t n = strlen(name);
  if (name[0] == '.')
    return 1;
  if (n >= 3 && !strcmp(name + n - 3, ".md"))
    return 1;
  if (n >= 4 && !strcmp(name + n - 4, ".txt"))
    return 1;
  return 0;
}

static void run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "fuzz-replay: cannot open %s\n", path);
    unreadable++;
    return;
  }
  size_t cap = 4096, len = 0;
  unsigned char *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) {
      unsigned char *nb = realloc(buf, cap * 2);
      if (!nb) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
  }
  int bad = !buf || ferror(f);
  fclose(f);
  if (bad) {
    fprintf(stderr, "fuzz-replay: cannot read %s\n", path);
    free(buf);
    unreadable++;
    return;
  }
  /* an exact-size copy so ASan catches reads past the end */
  unsigned char *exact = malloc(len ? len : 1);
  if (!exact) {
    free(buf);
    unreadable++;
    return;
  }
  memcpy(exact, buf, len);
  free(buf);
  fprintf(stderr, "replay %s (%zu bytes)\n", path, len);
  if (slow_ms >= 0)
    LLVMFuzzerTestOneInput(exact, len); /* warm-up, untimed */
  double t0 = now_ms();
  LLVMFuzzerTestOneInput(exact, len);
  double ms = now_ms() - t0;
  if (slow_ms >= 0) {
    if (ms > slow_ms)
      printf("slow %.1f %s (%zu bytes)\n", ms, path, len);
    if (ms > slowest_ms) {
      slowest_ms = ms;
      snprintf(slowest, sizeof slowest, "%s", path);
    }
  }
  free(exact);
  printf("ok %s\n", path);
  fflush(stdout);
  replayed++;
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "fuzz-replay: cannot open directory %s\n", dir);
    unreadable++;
    return;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (skip_name(e->d_name))
      continue;
    size_t pl = strlen(dir) + strlen(e->d_name) + 2;
    char *p = malloc(pl);
    if (!p)
      break;
    snprintf(p, pl, "%s/%s", dir, e->d_name);
    struct stat sb;
    if (stat(p, &sb) != 0 || !S_ISREG(sb.st_mode)) {
      free(p);
      continue;
    }
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      char **nn = realloc(names, cap * sizeof *nn);
      if (!nn) {
        free(p);
        break;
      }
      names = nn;
    }
    names[n++] = p;
  }
  closedir(d);
  if (n)
    qsort(names, n, sizeof *names, cmp);
  for (size_t i = 0; i < n; i++) {
    run_file(names[i]);
    free(names[i]);
  }
  free(names);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
    return 2;
  }
  if (getenv("RP_REPLAY_SLOW_MS"))
    slow_ms = atof(getenv("RP_REPLAY_SLOW_MS"));
  if (LLVMFuzzerInitialize)
    LLVMFuzzerInitialize(&argc, &argv);
  for (int i = 1; i < argc; i++) {
    struct stat sb;
    if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
      run_dir(argv[i]);
    else
      run_file(argv[i]);
  }
  printf("# replayed %d input(s), %d unreadable\n", replayed, unreadable);
  if (slow_ms >= 0 && slowest[0])
    printf("# slowest: %.1f ms %s\n", slowest_ms, slowest);
  return unreadable ? 1 : 0;
}
