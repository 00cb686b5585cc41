/* writer_stream.c: rp_writer, the formats strung into one output: the
 * array brackets and commas of CSL-JSON, the TSV header row, BibTeX keys
 * made unique within the run ("smith2020cells", then "smith2020cellsa",
 * "smith2020cellsb", ... "smith2020cellsz", "smith2020cellsaa"). */
#include <stdlib.h>
#include <string.h>

#include "writer.h"

static const char *const format_names[RP_FORMAT_COUNT_] = {
    "csl-jsonl", "csl-json", "bibtex", "ris", "tsv", "vancouver"};

const char *rp_format_name(rp_format f) {
  return (int)f >= 0 && f < RP_FORMAT_COUNT_ ? format_names[f] : "";
}

rp_status rp_format_from_name(const char *name, rp_format *out) {
  if (!name || !out)
    return RP_ERR_ARG;
  for (int i = 0; i < RP_FORMAT_COUNT_; i++)
    if (!strcmp(name, format_names[i])) {
      *out = (rp_format)i;
      return RP_OK;
    }
  return RP_ERR_ARG;
}

struct rp_writer {
  const rp_parser *parser;
  rp_format format;
  unsigned flags;
  size_t count; /* records written */
  /* BibTeX keys used so far: an open-addressing set of malloc'd strings,
   * never more than half full */
  char **keys;
  size_t n_keys, cap_keys;
};

rp_status rp_writer_new(const rp_parser *parser, rp_format format, unsigned flags,
                        rp_writer **out) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if ((int)format < 0 || format >= RP_FORMAT_COUNT_ || (format == RP_FORMAT_BIBTEX && !parser))
    return RP_ERR_ARG;
  rp_writer *w = calloc(1, sizeof *w);
  if (!w)
    return RP_ERR_NOMEM;
  w->parser = parser;
  w->format = format;
  w->flags = flags;
  *out = w;
  return RP_OK;
}

void rp_writer_free(rp_writer *w) {
  if (!w)
    return;
  for (size_t i = 0; i < w->cap_keys; i++)
    free(w->keys[i]);
  free(w->keys);
  free(w);
}

/* FNV-1a */
static size_t hash(const char *s) {
  uint64_t h = UINT64_C(14695981039346656037);
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
  return (size_t)h;
}

/* The slot of key in w's set: where it is, or the empty one where it goes. */
static size_t key_slot(const rp_writer *w, const char *key) {
  size_t i = hash(key) & (w->cap_keys - 1);
  while (w->keys[i] && strcmp(w->keys[i], key))
    i = (i + 1) & (w->cap_keys - 1);
  return i;
}

/* Add key (taken: freed by the set) to w's set; false when out of memory
 * (key freed). */
static bool key_add(rp_writer *w, char *key) {
  if (2 * (w->n_keys + 1) > w->cap_keys) {
    size_t cap = w->cap_keys ? 2 * w->cap_keys : 64;
    char **old = w->keys;
    size_t old_cap = w->cap_keys;
    w->keys = calloc(cap, sizeof *w->keys);
    if (!w->keys) {
      w->keys = old;
      free(key);
      return false;
    }
    w->cap_keys = cap;
    for (size_t i = 0; i < old_cap; i++)
      if (old[i])
        w->keys[key_slot(w, old[i])] = old[i];
    free(old);
  }
  w->keys[key_slot(w, key)] = key;
  w->n_keys++;
  return true;
}

static bool key_used(const rp_writer *w, const char *key) {
  return w->cap_keys && w->keys[key_slot(w, key)];
}

/* base, or base with the first suffix ("a", "b", ..., "z", "aa", ...)
 * that makes it unused; recorded in w's set. NULL when out of memory. */
static char *unique_key(rp_writer *w, const char *base, size_t len) {
  char *k = malloc(len + 16);
  if (!k)
    return NULL;
  memcpy(k, base, len);
  k[len] = '\0';
  for (size_t n = 0; key_used(w, k); n++) {
    /* n -> bijective base 26: 0 "a", 25 "z", 26 "aa" */
    char s[16];
    size_t sl = 0;
    for (size_t v = n + 1; v && sl < sizeof s; v = (v - 1) / 26)
      s[sl++] = (char)('a' + (v - 1) % 26);
    for (size_t i = 0; i < sl; i++)
      k[len + i] = s[sl - 1 - i];
    k[len + sl] = '\0';
  }
  char *copy = rpi_strndup(k, strlen(k));
  if (!copy || !key_add(w, copy)) {
    free(k);
    return NULL;
  }
  return k;
}

static rp_status literal(const char *s, size_t n, char **out, size_t *out_len) {
  rpi_buf b;
  rpi_buf_init(&b, (size_t)1 << 20);
  rpi_buf_put(&b, s, n);
  rpi_buf_reserve(&b, 1); /* an empty string is still a NUL-terminated block */
  return rpi_writer_finish(&b, out, out_len);
}

rp_status rp_writer_begin(rp_writer *w, char **out, size_t *out_len) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if (!w)
    return RP_ERR_ARG;
  const char *s = w->format == RP_FORMAT_CSL_JSON ? "[\n"
                  : w->format == RP_FORMAT_TSV    ? rp_tsv_header()
                                                  : "";
  return literal(s, strlen(s), out, out_len);
}

rp_status rp_writer_end(rp_writer *w, char **out, size_t *out_len) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if (!w)
    return RP_ERR_ARG;
  if (w->format != RP_FORMAT_CSL_JSON)
    return literal("", 0, out, out_len);
  return w->count ? literal("\n]\n", 3, out, out_len) : literal("]\n", 2, out, out_len);
}

rp_status rp_writer_add(rp_writer *w, const rp_result *r, const char *id, size_t id_len,
                        char **out, size_t *out_len) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if (!w || !r || (!id && id_len))
    return RP_ERR_ARG;
  char num[24];
  if (!id) {
    size_t v = w->count + 1, k = sizeof num;
    do {
      num[--k] = (char)('0' + v % 10);
      v /= 10;
    } while (v);
    id_len = sizeof num - k;
    memmove(num, num + k, id_len);
    id = num;
  }
  char *s = NULL, *key = NULL;
  size_t n = 0, key_len = 0;
  rp_status st;
  switch (w->format) {
  case RP_FORMAT_CSL_JSONL:
  case RP_FORMAT_CSL_JSON:
    st = rp_write_csljson(r, id, id_len, w->flags, &s, &n);
    break;
  case RP_FORMAT_BIBTEX:
    st = rp_bibtex_key(w->parser, r, &s, &n);
    if (st == RP_OK) {
      key = unique_key(w, s, n);
      rp_free(s);
      s = NULL;
      if (!key)
        return RP_ERR_NOMEM;
      key_len = strlen(key);
      st = rp_write_bibtex(r, key, key_len, 0, &s, &n);
      free(key);
    }
    break;
  case RP_FORMAT_RIS:
    st = rp_write_ris(r, id, id_len, 0, &s, &n);
    break;
  case RP_FORMAT_TSV:
    st = rp_write_tsv(r, id, id_len, 0, &s, &n);
    break;
  default:
    st = rp_write_vancouver(r, 0, &s, &n);
    break;
  }
  if (st != RP_OK)
    return st;
  rpi_buf b;
  rpi_buf_init(&b, (size_t)1 << 30);
  rpi_buf_reserve(&b, n + 4);
  if (w->format == RP_FORMAT_CSL_JSON && w->count)
    rpi_buf_put_lit(&b, ",\n");
  /* a blank line between BibTeX entries and RIS records */
  if ((w->format == RP_FORMAT_BIBTEX || w->format == RP_FORMAT_RIS) && w->count)
    rpi_buf_putc(&b, '\n');
  if (w->format == RP_FORMAT_VANCOUVER)
    for (size_t i = 0; i < n; i++)
      if (s[i] == '\n' || s[i] == '\r')
        s[i] = ' ';
  rpi_buf_put(&b, s, n);
  rp_free(s);
  if (w->format == RP_FORMAT_CSL_JSONL || w->format == RP_FORMAT_VANCOUVER)
    rpi_buf_putc(&b, '\n');
  st = rpi_writer_finish(&b, out, out_len);
  if (st == RP_OK)
    w->count++;
  return st;
}
