/*
 * list.c: `refparse parse|normalize --input list`: a pasted reference list
 * (wrapped, hyphenated, numbered, bulleted, hanging or blank-line separated)
 * read with rp_list_*, one output line per reference. Parse records are
 * numbered 1, 2, ... in input order and say under "custom" which input
 * lines the reference came from: "custom":{...,"lines":[3,5]}.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "decode.h"

/* A file read raw (dec NULL) or decoded from --encoding's charset. */
typedef struct source {
  FILE *fp;
  cli_decoder *dec;
} source;

static size_t read_source(void *ctx, char *buf, size_t cap) {
  source *s = ctx;
  if (!s->dec)
    return fread(buf, 1, cap, s->fp);
  ssize_t k = cli_decoder_read(s->dec, buf, cap);
  return k > 0 ? (size_t)k : 0; /* a read error shows in ferror(fp) */
}

/* Add "lines":[first,last] at the end of the "custom" object of a CSL-JSON
 * item from rp_write_csljson, which writes "custom" last: the item ends
 * with "}}". Returns the new item (malloc'd; the old one is freed) or NULL
 * when out of memory. */
static char *add_lines(char *item, size_t *len, size_t first, size_t last) {
  char tail[64];
  size_t n = *len;
  if (n < 3 || item[n - 1] != '}' || item[n - 2] != '}')
    return item; /* no "custom" object (--no-custom) */
  int t = snprintf(tail, sizeof tail, "%s\"lines\":[%zu,%zu]}}", item[n - 3] == '{' ? "" : ",",
                   first, last);
  if (t < 0 || (size_t)t >= sizeof tail)
    return item;
  char *out = malloc(n - 2 + (size_t)t + 1);
  if (!out) {
    rp_free(item);
    return NULL;
  }
  memcpy(out, item, n - 2);
  memcpy(out + n - 2, tail, (size_t)t + 1);
  *len = n - 2 + (size_t)t;
  rp_free(item);
  return out;
}

/* One output line for one reference; NULL with *why set on a library error. */
static char *one(const rp_parser *p, const cli_list_opts *o, const char *text, size_t len,
                 unsigned long id, size_t first, size_t last, size_t *out_len,
                 rp_status *why) {
  rp_result *res = NULL;
  char *out = NULL;
  rp_status st = o->normalize ? rp_normalize(p, text, len, &res) : rp_parse(p, text, len, &res);
  if (st == RP_OK && o->vancouver) {
    st = rp_write_vancouver(res, 0, &out, out_len);
  } else if (st == RP_OK && o->normalize) {
    const char *t = rp_result_text(res);
    *out_len = strlen(t);
    out = malloc(*out_len + 1);
    if (out)
      memcpy(out, t, *out_len + 1);
    else
      st = RP_ERR_NOMEM;
  } else if (st == RP_OK) {
    char idb[24];
    int n = snprintf(idb, sizeof idb, "%lu", id);
    st = rp_write_csljson(res, idb, (size_t)n,
                          RP_WRITE_ID_NUMERIC | (o->no_custom ? RP_WRITE_NO_CUSTOM : 0), &out,
                          out_len);
    if (st == RP_OK && !o->no_custom && !(out = add_lines(out, out_len, first, last)))
      st = RP_ERR_NOMEM;
  }
  if (st == RP_OK && o->normalize && o->ascii) {
    char *f = NULL;
    size_t fl = 0;
    st = rp_ascii_fold(p, out, *out_len, &f, &fl);
    free(out);
    out = f;
    *out_len = fl;
  }
  rp_result_free(res);
  if (st != RP_OK) {
    free(out);
    *why = st;
    return NULL;
  }
  if (o->normalize || o->vancouver) /* one reference, one output line */
    for (size_t i = 0; i < *out_len; i++)
      if (out[i] == '\n' || out[i] == '\r')
        out[i] = ' ';
  return out;
}

static int list_stream(const rp_parser *p, FILE *in, const char *name, const cli_list_opts *o,
                       unsigned long *id) {
  rp_list *l = NULL;
  source src = {in, NULL};
  if (o->encoding && !(src.dec = cli_decoder_new(o->encoding, cli_raw_stdio, in))) {
    fprintf(stderr, "refparse: %s: %s\n", name, rp_strerror(RP_ERR_NOMEM));
    return 1;
  }
  rp_status st = rp_list_new_reader(read_source, &src, RP_LAYOUT_AUTO, &l);
  int rc = 0;
  while (st == RP_OK) {
    const char *text;
    size_t len;
    st = rp_list_next(l, &text, &len);
    if (st != RP_OK || !text)
      break;
    size_t first, last, out_len = 0;
    rp_list_lines(l, &first, &last);
    rp_status why = RP_OK;
    char *out = one(p, o, text, len, ++*id, first, last, &out_len, &why);
    if (!out) {
      if (o->normalize || o->vancouver)
        printf("\n");
      else
        printf("{\"id\":%lu,\"type\":\"article\",\"custom\":{\"warnings\":[{\"code\":\"input\","
               "\"offset\":0,\"length\":0,\"message\":\"refparse could not process this "
               "record: %s\"}],\"lines\":[%zu,%zu]}}\n",
               *id, rp_strerror(why), first, last);
      continue;
    }
    fwrite(out, 1, out_len, stdout);
    putchar('\n');
    free(out);
  }
  if (st != RP_OK) {
    fprintf(stderr, "refparse: %s: %s\n", name, rp_strerror(st));
    rc = 1;
  }
  if (ferror(in)) {
    fprintf(stderr, "refparse: %s: read error\n", name);
    rc = 1;
  }
  rp_list_free(l);
  cli_decode_report(src.dec, name, o->encoding);
  cli_decoder_free(src.dec);
  return rc;
}

int cli_list_files(const rp_parser *p, const char *const *files, int nfiles,
                   const cli_list_opts *o) {
  unsigned long id = 0;
  int rc = 0;
  for (int f = 0; f < (nfiles ? nfiles : 1) && !rc; f++) {
    const char *name = nfiles ? files[f] : "-";
    FILE *in = strcmp(name, "-") ? fopen(name, "rb") : stdin;
    if (!in) {
      fprintf(stderr, "refparse: %s: %s\n", name, strerror(errno));
      return 1;
    }
    rc = list_stream(p, in, in == stdin ? "<stdin>" : name, o, &id);
    if (in != stdin)
      fclose(in);
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "refparse: write error: %s\n", strerror(errno));
    rc = 1;
  }
  return rc;
}
