/*
 * seg_dump: the title/container cut points the segmenter (lib/segment.c)
 * scores, for fitting its weights (tools/fit_segment.py). Internal: links
 * the library's internal archive and sets the parser's trace hook.
 *
 * Reads one reference a line on stdin; writes one JSON line per input
 * line: {} when the title stage's default never ran, else
 *   {"cands":[{"p":P,"left":"title text","right":"container text",
 *              "f":[0,1,...]}, ...]}
 * with the features in segment.h's order (a header line first:
 * {"features":[names]}). Built on request: `ninja -C BUILD tools/seg_dump`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "result.h"
#include "segment.h"
#include "stage.h"

typedef struct dump {
  char *out;
  size_t len, cap;
} dump;

static void put(dump *d, const char *s, size_t n) {
  if (d->len + n + 1 > d->cap) {
    size_t cap = (d->cap + n + 1) * 2;
    char *o = realloc(d->out, cap);
    if (!o) {
      fputs("seg_dump: out of memory\n", stderr);
      exit(1);
    }
    d->out = o;
    d->cap = cap;
  }
  memcpy(d->out + d->len, s, n);
  d->len += n;
  d->out[d->len] = 0;
}

static void puts_(dump *d, const char *s) { put(d, s, strlen(s)); }

/* [a, b) of the working copy as a JSON string, runs of spaces as one */
static void put_str(dump *d, const char *w, size_t a, size_t b) {
  puts_(d, "\"");
  for (size_t i = a; i < b; i++) {
    unsigned char c = (unsigned char)w[i];
    char esc[8];
    if (c == ' ' && i > a && w[i - 1] == ' ')
      continue;
    if (c == '"' || c == '\\') {
      esc[0] = '\\';
      esc[1] = (char)c;
      put(d, esc, 2);
    } else if (c < 0x20) {
      snprintf(esc, sizeof esc, "\\u%04x", c);
      puts_(d, esc);
    } else {
      put(d, (const char *)&c, 1);
    }
  }
  puts_(d, "\"");
}

static void trace(void *ctx, const struct st *s, size_t a, size_t b, const struct rpi_seg_cand *c, size_t n) {
  dump *d = ctx;
  d->len = 0;
  puts_(d, "{\"cands\":[");
  for (size_t k = 0; k < n; k++) {
    char num[32];
    snprintf(num, sizeof num, "%s{\"p\":%zu,\"left\":", k ? "," : "", c[k].p);
    puts_(d, num);
    put_str(d, s->w, a, c[k].p);
    puts_(d, ",\"right\":");
    put_str(d, s->w, c[k].r, b);
    puts_(d, ",\"f\":[");
    for (int j = 0; j < RPI_SEG_NFEAT; j++)
      puts_(d, j ? (c[k].f[j] ? ",1" : ",0") : (c[k].f[j] ? "1" : "0"));
    puts_(d, "]}");
  }
  puts_(d, "]}");
}

int main(void) {
  rp_parser *p;
  if (rp_parser_new(NULL, &p) != RP_OK) {
    fputs("seg_dump: cannot make a parser\n", stderr);
    return 1;
  }
  dump d = {0};
  p->seg_trace = trace;
  p->seg_ctx = &d;
  printf("{\"features\":[");
  for (int j = 0; j < RPI_SEG_NFEAT; j++)
    printf("%s\"%s\"", j ? "," : "", rpi_seg_feature_names[j]);
  printf("]}\n");
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, stdin)) >= 0) {
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
      len--;
    d.len = 0;
    rp_result *r = NULL;
    if (rp_parse(p, line, (size_t)len, &r) == RP_OK && d.len)
      puts(d.out);
    else
      puts("{}");
    rp_result_free(r);
  }
  free(line);
  free(d.out);
  rp_parser_free(p);
  return 0;
}
