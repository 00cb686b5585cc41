/* convert.c: `refparse parse --to FORMAT` for the formats that are one
 * file rather than one line per record (csl-json, bibtex, ris, tsv): read
 * records in blocks, parse each block with rp_parse_many, write the
 * results in input order through one rp_writer. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "decode.h"

/* BLOCK records are parsed at a time; of a line, MAX_KEPT bytes are kept
 * (the library reads at most RP_DEFAULT_MAX_LENGTH of a reference, so
 * 1 MiB loses nothing and a huge line costs no more than that). */
enum { BLOCK = 4096, MAX_KEPT = 1 << 20 };

typedef struct block {
  char *text[BLOCK];
  size_t len[BLOCK];
  char *id[BLOCK];
  size_t id_len[BLOCK];
  rp_result *res[BLOCK];
  size_t n;
} block;

static char *dup_n(const char *s, size_t n) {
  char *p = malloc(n + 1);
  if (!p) {
    fputs("refparse: out of memory\n", stderr);
    exit(1);
  }
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* Record i of k from one input line: text lines as they are (the id is the
 * line number), JSON lines through the id and raw keys. A line that cannot
 * be read (or a JSON line longer than MAX_KEPT) is reported on stderr and
 * gives an empty record, so records and input lines still match up. */
static void fill(block *k, const cli_input *in, const char *name, const char *line, size_t len,
                 bool dropped, unsigned long lineno) {
  size_t i = k->n++;
  char idb[32];
  int idn = snprintf(idb, sizeof idb, "%lu", lineno);
  k->id[i] = dup_n(idb, (size_t)idn);
  k->id_len[i] = (size_t)idn;
  k->text[i] = NULL;
  k->len[i] = 0;
  if (!in->jsonl) {
    k->text[i] = dup_n(line, len);
    k->len[i] = len;
    return;
  }
  if (dropped) {
    fprintf(stderr, "refparse: %s:%lu: JSON line too long\n", name, lineno);
    return;
  }
  json_error_t err;
  json_t *root = json_loadb(line, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
  json_t *id = json_is_object(root) ? json_object_get(root, in->id_key) : NULL;
  json_t *raw = json_is_object(root) ? json_object_get(root, in->raw_key) : NULL;
  if (json_is_string(id)) {
    free(k->id[i]);
    k->id[i] = dup_n(json_string_value(id), json_string_length(id));
    k->id_len[i] = json_string_length(id);
  } else if (json_is_integer(id)) {
    free(k->id[i]);
    idn = snprintf(idb, sizeof idb, "%lld", (long long)json_integer_value(id));
    k->id[i] = dup_n(idb, (size_t)idn);
    k->id_len[i] = (size_t)idn;
  }
  if (json_is_string(raw)) {
    k->text[i] = dup_n(json_string_value(raw), json_string_length(raw));
    k->len[i] = json_string_length(raw);
  } else {
    fprintf(stderr, "refparse: %s:%lu: %s\n", name, lineno,
            json_is_object(root) ? "JSON record has no string under the raw key"
                                 : "input line is not a JSON object");
  }
  json_decref(root);
}

/* A file read raw (dec NULL) or decoded from --encoding's charset, a
 * byte at a time from buf. */
typedef struct source {
  FILE *fp;
  cli_decoder *dec;
  size_t pos, end;
  char buf[1 << 14];
} source;

static int source_getc(source *s) {
  if (!s->dec)
    return getc(s->fp);
  if (s->pos == s->end) {
    ssize_t k = cli_decoder_read(s->dec, s->buf, sizeof s->buf);
    if (k <= 0)
      return EOF; /* a read error shows in ferror(fp) */
    s->pos = 0;
    s->end = (size_t)k;
  }
  return (unsigned char)s->buf[s->pos++];
}

/* One line of f without its newline (and a CR before it) into *buf: at
 * most MAX_KEPT bytes kept, *dropped set when there were more. Returns
 * false at the end of the input with nothing read. */
static bool read_line(source *f, char **buf, size_t *cap, size_t *len, bool *dropped) {
  *len = 0;
  *dropped = false;
  if (!*buf) {
    *cap = 4096;
    if (!(*buf = malloc(*cap))) {
      fputs("refparse: out of memory\n", stderr);
      exit(1);
    }
  }
  bool any = false;
  int c;
  while ((c = source_getc(f)) != EOF) {
    any = true;
    if (c == '\n')
      break;
    if (*len == MAX_KEPT) {
      *dropped = true;
      continue;
    }
    if (*len + 1 >= *cap) {
      char *nb = realloc(*buf, *cap * 2);
      if (!nb) {
        fputs("refparse: out of memory\n", stderr);
        exit(1);
      }
      *buf = nb;
      *cap *= 2;
    }
    (*buf)[(*len)++] = (char)c;
  }
  if (*len && (*buf)[*len - 1] == '\r')
    (*len)--;
  (*buf)[*len] = '\0';
  return any;
}

/* Write s (n bytes) and free it; false on a write error. */
static bool put(char *s, size_t n) {
  bool ok = fwrite(s, 1, n, stdout) == n;
  rp_free(s);
  return ok;
}

/* Parse the block, write it, empty it. Returns 0 or an exit code. */
static int flush(block *k, const rp_parser *p, rp_writer *w, int jobs) {
  rp_status st[BLOCK];
  rp_parse_many(p, (const char *const *)k->text, k->len, k->n, (unsigned)jobs, 0, k->res, st);
  int rc = 0;
  for (size_t i = 0; i < k->n; i++) {
    char *s = NULL;
    size_t n = 0;
    rp_status ws = st[i];
    if (ws == RP_OK)
      ws = rp_writer_add(w, k->res[i], k->id[i], k->id_len[i], &s, &n);
    if (ws != RP_OK) {
      fprintf(stderr, "refparse: record %.*s: %s\n", (int)k->id_len[i], k->id[i],
              rp_strerror(ws));
      rc = 1;
    } else if (!put(s, n)) {
      rc = 1;
    }
    rp_result_free(k->res[i]);
    free(k->text[i]);
    free(k->id[i]);
  }
  k->n = 0;
  return rc;
}

int cli_convert(const rp_parser *p, rp_format format, unsigned flags, const cli_input *in,
                int jobs, const char *const *files, int nfiles) {
  rp_writer *w = NULL;
  /* csl-json is the file for citation processors: "et al." as a final
   * {"literal": "et al."}, which pandoc and citeproc-js both render
   * (csl-jsonl, the data format, keeps only custom.et-al, as scorers
   * expect) */
  if (format == RP_FORMAT_CSL_JSON)
    flags |= RP_WRITE_ET_AL;
  rp_status st = rp_writer_new(p, format, flags | (in->jsonl ? 0 : RP_WRITE_ID_NUMERIC), &w);
  block *k = calloc(1, sizeof *k);
  if (st != RP_OK || !k) {
    fprintf(stderr, "refparse: %s\n", rp_strerror(st != RP_OK ? st : RP_ERR_NOMEM));
    rp_writer_free(w);
    free(k);
    return 1;
  }
  char *s = NULL, *line = NULL;
  size_t n = 0, cap = 0;
  int rc = 0;
  if (rp_writer_begin(w, &s, &n) != RP_OK || !put(s, n))
    rc = 1;
  unsigned long lineno = 0;
  const char *stdin_name[] = {"-"};
  if (!nfiles) {
    files = stdin_name;
    nfiles = 1;
  }
  for (int f = 0; f < nfiles && !rc; f++) {
    bool is_stdin = !strcmp(files[f], "-");
    FILE *fp = is_stdin ? stdin : fopen(files[f], "rb");
    const char *name = is_stdin ? "<stdin>" : files[f];
    if (!fp) {
      fprintf(stderr, "refparse: %s: %s\n", files[f], strerror(errno));
      rc = 1;
      break;
    }
    size_t len;
    bool dropped;
    source *src = calloc(1, sizeof *src);
    if (src)
      src->fp = fp;
    if (!src || (in->encoding && !(src->dec = cli_decoder_new(in->encoding, cli_raw_stdio, fp)))) {
      fputs("refparse: out of memory\n", stderr);
      free(src);
      if (!is_stdin)
        fclose(fp);
      rc = 1;
      break;
    }
    while (!rc && read_line(src, &line, &cap, &len, &dropped)) {
      fill(k, in, name, line, len, dropped, ++lineno);
      if (k->n == BLOCK)
        rc = flush(k, p, w, jobs);
    }
    if (ferror(fp)) {
      fprintf(stderr, "refparse: %s: read error: %s\n", name, strerror(errno));
      rc = 1;
    }
    cli_decode_report(src->dec, name, in->encoding);
    cli_decoder_free(src->dec);
    free(src);
    if (!is_stdin)
      fclose(fp);
  }
  if (!rc && k->n)
    rc = flush(k, p, w, jobs);
  for (size_t i = 0; i < k->n; i++) {
    free(k->text[i]);
    free(k->id[i]);
  }
  if (!rc && (rp_writer_end(w, &s, &n) != RP_OK || !put(s, n)))
    rc = 1;
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "refparse: write error: %s\n", strerror(errno));
    rc = 1;
  }
  free(line);
  free(k);
  rp_writer_free(w);
  return rc;
}
