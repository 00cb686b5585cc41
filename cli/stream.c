/*
 * stream.c: the records of one input stream, read, parsed in threads and
 * written in input order. Input framing (lines, JSON Lines records), the
 * per-record error records and the output stream are here; main.c has the
 * arguments, the files and the exit codes.
 */
#include "stream.h"

#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* Bytes of one input line kept; the rest is counted. The library reads at
 * most RP_DEFAULT_MAX_LENGTH (8 KiB) of a reference, so 1 MiB loses nothing
 * and keeps peak memory flat: a 16 MiB cap let one 21 MB line cost 43 MB
 * (doubling line buffer + its copy). */
#define MAX_LINE_KEPT (1u << 20)
#define BATCH 2048

typedef struct rec {
  char *text;  /* reference; owned unless in_store */
  size_t len;
  char *id;    /* owned unless in_store */
  size_t id_len;
  bool numeric_id;
  bool in_store; /* id and text live in the batch's store (store_off) */
  size_t store_off;
  char *out;   /* output line, no newline; after the worker, the output
                  lines (with newlines) of the 16 records from here on, or
                  NULL inside such a run */
  size_t out_len;
  const char *input_error; /* static text when the record could not be read */
} rec;

typedef struct job {
  const rp_parser *p;
  const cli_opts *o;
  rec *recs;
  size_t n;
  size_t next;
  pthread_mutex_t lock;
  int failed;
} job;

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


/* A record for input that could not be read as a reference. */
static void error_record(rec *r, const char *why) {
  /* the id is JSON-escaped (a string id may hold quotes, backslashes,
   * control characters, NULs) and the record is sized to fit, however long
   * the id; `why` is always the CLI's own static text */
  static const char fmt[] =
      "{\"id\":%s,\"type\":\"article\",\"custom\":{\"warnings\":[{\"code\":\"input\","
      "\"offset\":0,\"length\":0,\"message\":\"%s\"}]}}";
  char *idj = NULL;
  if (r->numeric_id) {
    idj = dup_n(r->id, r->id_len); /* digits from snprintf("%lu"/"%lld") */
  } else {
    json_t *s = json_stringn(r->id, r->id_len);
    idj = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
    json_decref(s);
    if (!idj)
      idj = dup_n("\"\"", 2);
  }
  int n = snprintf(NULL, 0, fmt, idj, why);
  if (n < 0) {
    fputs("refparse: internal error\n", stderr);
    exit(1);
  }
  r->out = malloc((size_t)n + 1);
  if (!r->out) {
    fputs("refparse: out of memory\n", stderr);
    exit(1);
  }
  snprintf(r->out, (size_t)n + 1, fmt, idj, why);
  r->out_len = (size_t)n;
  free(idj);
}

static void work_one(const job *j, rec *r) {
  if (r->input_error) {
    error_record(r, r->input_error);
    return;
  }
  rp_result *res = NULL;
  rp_status st;
  char *out = NULL;
  size_t out_len = 0;
  if (j->o->cmd == CMD_PARSE) {
    st = rp_parse(j->p, r->text, r->len, &res);
    if (st == RP_OK) {
      if (j->o->vancouver_out)
        st = rp_write_vancouver(res, 0, &out, &out_len);
      else
        st = rp_write_csljson(res, r->id, r->id_len,
                              (r->numeric_id ? RP_WRITE_ID_NUMERIC : 0) |
                                  (j->o->no_custom ? RP_WRITE_NO_CUSTOM : 0),
                              &out, &out_len);
    }
  } else {
    st = rp_normalize(j->p, r->text, r->len, &res);
    if (st == RP_OK) {
      if (j->o->vancouver_out) {
        st = rp_write_vancouver(res, 0, &out, &out_len);
      } else {
        const char *t = rp_result_text(res);
        out = dup_n(t, strlen(t));
        out_len = strlen(t);
      }
      if (st == RP_OK && j->o->ascii) {
        char *f = NULL;
        size_t fl = 0;
        st = rp_ascii_fold(j->p, out, out_len, &f, &fl);
        free(out);
        out = f;
        out_len = fl;
      }
    }
  }
  rp_result_free(res);
  if (st != RP_OK) {
    free(out);
    char why[128];
    snprintf(why, sizeof why, "refparse could not process this record: %s", rp_strerror(st));
    error_record(r, why);
    return;
  }
  /* output lines never contain a raw newline (memchr: most have none);
   * CSL-JSON needs no look: it escapes every control character in its
   * strings, and its keys and numbers have none */
  if (j->o->cmd != CMD_PARSE || j->o->vancouver_out) {
    for (char *q = out; out_len && (q = memchr(q, '\n', out_len - (size_t)(q - out)));)
      *q = ' ';
    for (char *q = out; out_len && (q = memchr(q, '\r', out_len - (size_t)(q - out)));)
      *q = ' ';
  }
  r->out = out;
  r->out_len = out_len;
}

/* A growable block of bytes (output lines of a run of records, or the
 * ids and texts of a batch). */
typedef struct block {
  char *p;
  size_t len, cap;
} block;

/* Make room for need more bytes in b (first allocation: first bytes). */
static void block_room(block *b, size_t need, size_t first) {
  if (b->cap - b->len >= need)
    return;
  size_t cap = b->cap ? b->cap : first;
  while (cap - b->len < need)
    cap *= 2;
  char *p = realloc(b->p, cap);
  if (!p) {
    fputs("refparse: out of memory\n", stderr);
    exit(1);
  }
  b->p = p;
  b->cap = cap;
}

/* Move r's output line (and a newline) to the end of l. */
static void outrun_take(block *l, rec *r) {
  block_room(l, r->out_len + 1, 16384); /* 16 typical lines */
  memcpy(l->p + l->len, r->out, r->out_len);
  l->p[l->len + r->out_len] = '\n';
  l->len += r->out_len + 1;
  free(r->out);
  r->out = NULL;
}

/* Each run of 16 records is worked on by one thread, and their output
 * lines are joined as they come: every line's memory is freed right away
 * (so it is reused for the next), and the batch is written with one
 * fwrite per run. */
static void *worker(void *arg) {
  job *j = arg;
  for (;;) {
    pthread_mutex_lock(&j->lock);
    size_t i = j->next;
    j->next += 16;
    pthread_mutex_unlock(&j->lock);
    if (i >= j->n)
      break;
    size_t first = i, e = i + 16 < j->n ? i + 16 : j->n;
    block l = {NULL, 0, 0};
    for (; i < e; i++) {
      work_one(j, &j->recs[i]);
      outrun_take(&l, &j->recs[i]);
    }
    /* give back the unused room: batches in flight hold only their lines */
    char *p = l.cap - l.len > 1024 ? realloc(l.p, l.len) : NULL;
    j->recs[first].out = p ? p : l.p;
    j->recs[first].out_len = l.len;
  }
  return NULL;
}

/* A batch being parsed: the job and the helper threads working on it. */
typedef struct running {
  job j;
  pthread_t tid[64];
  int started;
} running;

/* Start parsing recs[0..n) in o->jobs - 1 helper threads; the calling
 * thread joins in with batch_finish. */
static void batch_start(running *rn, const rp_parser *p, const cli_opts *o, rec *recs, size_t n) {
  rn->j = (job){.p = p, .o = o, .recs = recs, .n = n, .next = 0, .failed = 0};
  pthread_mutex_init(&rn->j.lock, NULL);
  int threads = o->jobs > 1 && n > 32 ? o->jobs : 1;
  rn->started = 0;
  for (int t = 1; t < threads && t < 64; t++)
    if (pthread_create(&rn->tid[rn->started], NULL, worker, &rn->j) == 0)
      rn->started++;
}

/* Work on the batch until it is done, then wait for the helpers. */
static void batch_finish(running *rn) {
  worker(&rn->j);
  for (int t = 0; t < rn->started; t++)
    pthread_join(rn->tid[t], NULL);
  pthread_mutex_destroy(&rn->j.lock);
}

/* Input read in blocks: lines are cut with memchr instead of a getc per
 * byte. Only this reader takes bytes from its FILE. */
typedef struct reader {
  FILE *f;
  size_t pos, end;
  char buf[1 << 16];
} reader;

/* Read one line (without its newline, CR stripped); keeps at most
 * MAX_LINE_KEPT bytes. Returns false at EOF with nothing read. */
static bool read_line(reader *rd, char **buf, size_t *cap, size_t *len, size_t *dropped) {
  *len = 0;
  *dropped = 0;
  bool any = false;
  for (;;) {
    if (rd->pos == rd->end) {
      rd->pos = 0;
      rd->end = fread(rd->buf, 1, sizeof rd->buf, rd->f);
      if (!rd->end)
        break;
    }
    any = true;
    const char *p = rd->buf + rd->pos;
    size_t avail = rd->end - rd->pos;
    const char *nl = memchr(p, '\n', avail);
    size_t n = nl ? (size_t)(nl - p) : avail;
    rd->pos += nl ? n + 1 : n;
    size_t keep = MAX_LINE_KEPT - *len < n ? MAX_LINE_KEPT - *len : n;
    if (*len + keep + 1 > *cap) {
      size_t nc = *cap ? *cap : 4096;
      while (nc < *len + keep + 1)
        nc *= 2;
      char *nb = realloc(*buf, nc);
      if (!nb) {
        fputs("refparse: out of memory\n", stderr);
        exit(1);
      }
      *buf = nb;
      *cap = nc;
    }
    if (keep)
      memcpy(*buf + *len, p, keep);
    *len += keep;
    *dropped += n - keep;
    if (nl)
      break;
  }
  if (!any)
    return false;
  if (*len && (*buf)[*len - 1] == '\r')
    (*len)--;
  if (*buf)
    (*buf)[*len] = '\0';
  return true;
}

/* v in decimal (as "%lu") into d, which has room for 20 digits; returns
 * the number of digits. */
static size_t put_ulong(char *d, unsigned long v) {
  char t[24];
  size_t k = sizeof t;
  do {
    t[--k] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  memcpy(d, t + k, sizeof t - k);
  return sizeof t - k;
}

/* The id (the line number), its NUL, the text and its NUL go to the end of
 * st, the batch's store: one block reused batch after batch instead of an
 * allocation per record. r->id and r->text are set once the batch is read
 * (st may move while it grows). */
static void fill_text_record(rec *r, block *st, const char *line, size_t len,
                             unsigned long lineno) {
  char idb[24];
  size_t n = put_ulong(idb, lineno);
  size_t need = n + 1 + len + 1;
  block_room(st, need, 1 << 16);
  char *m = st->p + st->len;
  memcpy(m, idb, n);
  m[n] = '\0';
  if (len)
    memcpy(m + n + 1, line, len);
  m[n + 1 + len] = '\0';
  r->in_store = true;
  r->store_off = st->len;
  st->len += need;
  r->id_len = n;
  r->numeric_id = true;
  r->len = len;
}

static void fill_jsonl_record(rec *r, const cli_opts *o, const char *line, size_t len,
                              unsigned long lineno) {
  char idb[32];
  int n = (int)put_ulong(idb, lineno);
  r->id = dup_n(idb, (size_t)n);
  r->id_len = (size_t)n;
  r->numeric_id = true;
  json_error_t err;
  json_t *root = json_loadb(line, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
  if (!root || !json_is_object(root)) {
    r->input_error = "input line is not a JSON object";
    json_decref(root);
    return;
  }
  json_t *id = json_object_get(root, o->id_key);
  if (json_is_string(id)) {
    free(r->id);
    r->id = dup_n(json_string_value(id), json_string_length(id));
    r->id_len = json_string_length(id);
    r->numeric_id = false;
  } else if (json_is_integer(id)) {
    free(r->id);
    n = snprintf(idb, sizeof idb, "%lld", (long long)json_integer_value(id));
    r->id = dup_n(idb, (size_t)n);
    r->id_len = (size_t)n;
  }
  json_t *raw = json_object_get(root, o->raw_key);
  if (!json_is_string(raw)) {
    r->input_error = "JSON record has no string under the raw key";
  } else {
    r->text = dup_n(json_string_value(raw), json_string_length(raw));
    r->len = json_string_length(raw);
  }
  json_decref(root);
}

static bool is_blank_line(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t')
      return false;
  return true;
}

/* Up to BATCH records from rd into recs; *seen counts the bytes read,
 * *eof is set when the input ends. Returns the number of records. */
static size_t read_batch(reader *rd, const cli_opts *o, rec *recs, block *st, char **line,
                         size_t *cap, unsigned long *lineno, off_t *seen, bool *eof) {
  size_t n = 0, len = 0, dropped = 0;
  st->len = 0;
  while (n < BATCH) {
    if (!read_line(rd, line, cap, &len, &dropped)) {
      *eof = true;
      break;
    }
    (*lineno)++;
    *seen += (off_t)(len + dropped + 1);
    rec *r = &recs[n++];
    const char *l = *line ? *line : "";
    if (o->jsonl) {
      /* a blank JSONL line is still a record, so output joins input */
      if (is_blank_line(l, len))
        r->input_error = "blank JSON line", fill_text_record(r, st, "", 0, *lineno);
      else if (dropped)
        r->input_error = "JSON line too long", fill_text_record(r, st, "", 0, *lineno);
      else
        fill_jsonl_record(r, o, l, len, *lineno);
    } else {
      fill_text_record(r, st, l, len, *lineno);
    }
  }
  for (size_t i = 0; i < n; i++)
    if (recs[i].in_store) {
      recs[i].id = st->p + recs[i].store_off;
      recs[i].text = recs[i].id + recs[i].id_len + 1;
    }
  return n;
}

static void write_batch(rec *recs, size_t n, block *st, FILE *out) {
  for (size_t i = 0; i < n; i++) {
    if (recs[i].out)
      fwrite(recs[i].out, 1, recs[i].out_len, out);
    free(recs[i].out);
    if (!recs[i].in_store) {
      free(recs[i].text);
      free(recs[i].id);
    }
  }
  memset(recs, 0, n * sizeof *recs);
  if (st->cap > (4u << 20)) {
    /* a batch of long lines: keep no more than 4 MiB for the next */
    free(st->p);
    st->p = NULL;
    st->cap = 0;
  }
}

/* Batches are pipelined: while batch k is parsed, the main thread reads
 * batch k + 1, then helps parse k; once k is done, k + 1 starts in the
 * helpers while the main thread writes k. Output stays in input order:
 * batches are written one after the other, each after it is complete. */
int cli_stream_run(const rp_parser *p, const cli_opts *o, FILE *in, FILE *out, const char *name,
                   unsigned long *lineno, unsigned long *done, off_t total, time_t start) {
  rec *recs[2] = {calloc(BATCH, sizeof(rec)), calloc(BATCH, sizeof(rec))};
  reader *rd = malloc(sizeof *rd);
  char *line = NULL;
  size_t cap = 0;
  int rc = 0;
  bool tty = !o->quiet && isatty(2), eof = false;
  off_t seen = 0;
  if (!recs[0] || !recs[1] || !rd) {
    fputs("refparse: out of memory\n", stderr);
    free(recs[0]);
    free(recs[1]);
    free(rd);
    return 1;
  }
  rd->f = in;
  rd->pos = rd->end = 0;
  int cur = 0;
  block st[2] = {{NULL, 0, 0}, {NULL, 0, 0}};
  size_t n = read_batch(rd, o, recs[cur], &st[cur], &line, &cap, lineno, &seen, &eof);
  off_t cur_seen = seen;
  running rn;
  if (n)
    batch_start(&rn, p, o, recs[cur], n);
  while (n) {
    size_t next_n =
        eof ? 0 : read_batch(rd, o, recs[1 - cur], &st[1 - cur], &line, &cap, lineno, &seen, &eof);
    off_t next_seen = seen;
    batch_finish(&rn);
    if (next_n)
      batch_start(&rn, p, o, recs[1 - cur], next_n);
    write_batch(recs[cur], n, &st[cur], out);
    *done += n;
    if (tty) {
      double el = difftime(time(NULL), start);
      if (el >= 1) {
        if (total > 0)
          fprintf(stderr, "\rrefparse: %lu records, %.0f/s, %.0f%%   ", *done, *done / el,
                  100.0 * (double)cur_seen / (double)total);
        else
          fprintf(stderr, "\rrefparse: %lu records, %.0f/s   ", *done, *done / el);
      }
    }
    cur = 1 - cur;
    n = next_n;
    cur_seen = next_seen;
  }
  if (ferror(in)) {
    fprintf(stderr, "refparse: %s: read error: %s\n", name, strerror(errno));
    rc = 1;
  }
  free(line);
  free(st[0].p);
  free(st[1].p);
  free(recs[0]);
  free(recs[1]);
  free(rd);
  return rc;
}
