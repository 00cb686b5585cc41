/*
 * stream.c: the records of one input stream, read, parsed in threads and
 * written in input order. Input framing (LF, CRLF or CR line ends; JSON
 * Lines records through jsonl.c), the records that cannot be read and the
 * output are here; main.c has the arguments, the files and the exit codes.
 *
 * Memory is bounded by design, whatever the input: of a line the CLI keeps
 * only what the library reads (RP_DEFAULT_MAX_LENGTH bytes and one more, the
 * byte it looks at to cut at a character boundary; the library is told the
 * line's real length), plus a JSONL id (at most JSONL_ID_MAX bytes). A batch
 * ends at BATCH records or BATCH_BYTES kept bytes, and two batches are in
 * flight (one parsed while the next is read), so input held is at most
 * about 2 x (BATCH_BYTES + one record), and output held is that of two
 * batches.
 */
#include "stream.h"

#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "decode.h"
#include "jsonl.h"

/* Bytes of a reference kept: what the library reads of it. */
#define KEEP (RP_DEFAULT_MAX_LENGTH + 1u)
#define BATCH 2048
#define BATCH_BYTES (1u << 18)

volatile sig_atomic_t cli_stop_signal;

static void on_signal(int sig) { cli_stop_signal = sig; }

void cli_catch_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0; /* no SA_RESTART: a blocked read returns EINTR */
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
}

typedef struct rec {
  char *text;  /* reference (its first `kept` bytes), in the batch's store */
  size_t kept;
  size_t len;  /* the reference's whole length, as the library is told */
  bool has_error; /* input_error is in the batch's store */
  char *id;    /* in the batch's store */
  size_t id_len;
  bool numeric_id; /* the id is a JSON number (a line number, or a JSONL number) */
  size_t store_off;
  char *out;   /* output line, no newline; after the worker, the output
                  lines (with newlines) of the 16 records from here on, or
                  NULL inside such a run */
  size_t out_len;
  const char *input_error; /* why the record could not be read, or NULL */
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

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) {
    fputs("refparse: out of memory\n", stderr);
    exit(1);
  }
  return p;
}

static char *dup_n(const char *s, size_t n) {
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* The writer writes only short all-digit ids as numbers; a JSONL number
 * id it wrote as a string is made a number again: {"id":"-5",...} becomes
 * {"id":-5,...}. Number text has nothing to escape, so the quoted form is
 * the text itself between quotes. */
static void unquote_id(char *out, size_t *out_len, const char *id, size_t id_len) {
  static const char pre[] = "{\"id\":\"";
  size_t pl = sizeof pre - 1;
  if (*out_len < pl + id_len + 1 || memcmp(out, pre, pl) || memcmp(out + pl, id, id_len) ||
      out[pl + id_len] != '"')
    return;
  memmove(out + pl - 1, out + pl, id_len);
  memmove(out + pl - 1 + id_len, out + pl + id_len + 1, *out_len - (pl + id_len + 1));
  *out_len -= 2;
  out[*out_len] = '\0';
}

/* A record for input that could not be read as a reference: in parse
 * mode a CSL-JSON item with an "input" warning, otherwise an empty line. */
static void error_record(const cli_opts *o, rec *r, const char *why) {
  if (o->cmd != CMD_PARSE || o->vancouver_out) {
    r->out = dup_n("", 0);
    r->out_len = 0;
    return;
  }
  /* the id is JSON-escaped (a string id may hold quotes, backslashes,
   * control characters, NULs) and the record is sized to fit, however long
   * the id */
  static const char fmt[] =
      "{\"id\":%s,\"type\":\"article\",\"custom\":{\"warnings\":[{\"code\":\"input\","
      "\"offset\":0,\"length\":0,\"message\":\"%s\"}]}}";
  char *idj = NULL;
  if (r->numeric_id) {
    idj = dup_n(r->id, r->id_len); /* a line number or JSON number text */
  } else {
    json_t *s = json_stringn(r->id, r->id_len);
    idj = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
    json_decref(s);
    if (!idj)
      idj = dup_n("\"\"", 2);
  }
  /* why may quote a key: escaped too (fmt has the quotes) */
  json_t *w = json_string(why);
  char *whyj = w ? json_dumps(w, JSON_ENCODE_ANY) : NULL;
  json_decref(w);
  char msg[600];
  snprintf(msg, sizeof msg, "%.*s", whyj ? (int)strlen(whyj) - 2 : 0, whyj ? whyj + 1 : "");
  int n = snprintf(NULL, 0, fmt, idj, msg);
  if (n < 0) {
    fputs("refparse: internal error\n", stderr);
    exit(1);
  }
  r->out = xmalloc((size_t)n + 1);
  snprintf(r->out, (size_t)n + 1, fmt, idj, msg);
  r->out_len = (size_t)n;
  free(idj);
  free(whyj);
}

static void work_one(const job *j, rec *r) {
  if (r->input_error) {
    error_record(j->o, r, r->input_error);
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
      if (st == RP_OK && r->numeric_id)
        unquote_id(out, &out_len, r->id, r->id_len);
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
    error_record(j->o, r, why);
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

/* Input read in blocks with read(2): lines are cut with memchr. A signal
 * (SIGINT, SIGTERM) makes a blocked read return, and reading stops. */
typedef struct reader {
  int fd;
  cli_decoder *dec; /* --encoding: reads go through it, NULL for UTF-8 */
  size_t pos, end;
  bool eof, cr;   /* cr: the last line ended with CR (an LF next is its end too) */
  int err;        /* errno of a failed read */
  off_t seen;     /* bytes read, for the progress report */
  char buf[1 << 16];
} reader;

/* The decoder's raw reads: read(2) on the stream's descriptor. */
static ssize_t raw_read(void *ctx, char *buf, size_t cap) {
  return read(((reader *)ctx)->fd, buf, cap);
}

static bool fill(reader *rd) {
  if (rd->eof)
    return false;
  for (;;) {
    ssize_t k = rd->dec ? cli_decoder_read(rd->dec, rd->buf, sizeof rd->buf)
                        : read(rd->fd, rd->buf, sizeof rd->buf);
    if (k > 0) {
      rd->seen = rd->dec ? cli_decoder_consumed(rd->dec) : rd->seen + k;
      rd->pos = 0;
      rd->end = (size_t)k;
      if (rd->cr) { /* CRLF split between two reads */
        rd->cr = false;
        if (rd->buf[0] == '\n')
          rd->pos = 1;
        if (rd->pos == rd->end)
          continue;
      }
      return true;
    }
    if (k < 0 && errno == EINTR && !cli_stop_signal)
      continue;
    if (k < 0 && errno != EINTR)
      rd->err = errno;
    rd->eof = true;
    return false;
  }
}

/* Where a line's bytes go. */
typedef struct sink {
  void (*put)(struct sink *, const char *, size_t);
} sink;

/* Read one line (LF, CRLF or CR ends it) into s. Returns false at the end
 * of the input with nothing read. */
static bool read_line(reader *rd, sink *s) {
  bool any = false;
  for (;;) {
    if (rd->pos == rd->end && !fill(rd))
      return any;
    any = true;
    const char *p = rd->buf + rd->pos;
    size_t avail = rd->end - rd->pos, n = 0;
    /* the first LF or CR (most lines have neither CR nor a long run) */
    const char *nl = memchr(p, '\n', avail);
    const char *cr = memchr(p, '\r', nl ? (size_t)(nl - p) : avail);
    const char *e = cr ? cr : nl;
    n = e ? (size_t)(e - p) : avail;
    if (n)
      s->put(s, p, n);
    rd->pos += n;
    if (!e)
      continue;
    rd->pos++;
    if (*e == '\r') {
      if (rd->pos < rd->end) {
        if (rd->buf[rd->pos] == '\n')
          rd->pos++;
      } else {
        rd->cr = true;
      }
    }
    return true;
  }
}

/* Text lines: the first KEEP bytes kept, the whole length counted. */
typedef struct text_sink {
  sink s;
  char buf[KEEP];
  size_t kept, total;
} text_sink;

static void text_put(sink *s, const char *p, size_t n) {
  text_sink *t = (text_sink *)s;
  size_t k = KEEP - t->kept < n ? KEEP - t->kept : n;
  memcpy(t->buf + t->kept, p, k);
  t->kept += k;
  t->total += n;
}

/* JSONL lines go to the record reader; a UTF-8 BOM at the start of the
 * stream is skipped. */
typedef struct json_sink {
  sink s;
  jsonl_reader *jr;
  size_t bom;    /* bytes of a BOM seen at the stream's start */
  bool first;    /* still at the stream's start */
  bool blank;
} json_sink;

static void json_put(sink *s, const char *p, size_t n) {
  json_sink *j = (json_sink *)s;
  static const char bom[] = "\xEF\xBB\xBF";
  while (j->first && n) {
    if (*p == bom[j->bom]) {
      p++, n--;
      if (++j->bom == 3)
        j->first = false;
      continue;
    }
    j->first = false; /* not a BOM: give back what looked like one */
    if (j->bom)
      jsonl_feed(j->jr, bom, j->bom), j->blank = false;
  }
  if (!n)
    return;
  jsonl_feed(j->jr, p, n);
  for (size_t i = 0; i < n && j->blank; i++)
    j->blank = p[i] == ' ' || p[i] == '\t';
}

/* v in decimal into d (room for 20 digits); returns the digit count. */
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

/* The id, the kept text and the reason a record could not be read (or
 * nothing), each with a NUL, go to the end of st, the batch's store (one
 * block reused batch after batch). r->id, r->text and r->input_error are
 * set once the batch is read (st may move while it grows). */
static void store_record(rec *r, block *st, const char *id, size_t id_len, bool numeric,
                         const char *text, size_t kept, size_t len, const char *why) {
  size_t wl = why ? strlen(why) : 0;
  size_t need = id_len + 1 + kept + 1 + wl + 1;
  block_room(st, need, 1 << 16);
  char *m = st->p + st->len;
  memcpy(m, id, id_len);
  m[id_len] = '\0';
  if (kept)
    memcpy(m + id_len + 1, text, kept);
  m[id_len + 1 + kept] = '\0';
  if (wl)
    memcpy(m + id_len + 1 + kept + 1, why, wl);
  m[id_len + 1 + kept + 1 + wl] = '\0';
  r->store_off = st->len;
  st->len += need;
  r->id_len = id_len;
  r->numeric_id = numeric;
  r->kept = kept;
  r->len = len;
  r->has_error = why != NULL;
}

/* One stream's reading state. */
typedef struct input {
  reader rd;
  const char *name;
  text_sink text;
  json_sink json;
  unsigned long line; /* this stream's line number, for messages */
} input;

static void report(const input *in, const char *what) {
  fprintf(stderr, "refparse: %s:%lu: %s\n", in->name, in->line, what);
}

/* A record that cannot be read: counted, reported with its line number,
 * written as an error record (parse) or an empty line (normalize). Its id
 * is the one read, or the line number. */
static void unreadable(cli_run *run, input *in, rec *r, block *st, const char *why,
                       const char *id, size_t id_len, bool numeric) {
  char idb[24];
  if (!id) {
    id_len = put_ulong(idb, run->lineno);
    id = idb;
    numeric = true;
  }
  store_record(r, st, id, id_len, numeric, "", 0, 0, why);
  run->unreadable++;
  report(in, why);
}

static const char *a_kind(jsonl_kind k) {
  return k == JSONL_OBJECT || k == JSONL_ARRAY ? "an" : "a";
}

static void jsonl_record(cli_run *run, input *in, rec *r, block *st) {
  const cli_opts *o = run->o;
  jsonl_reader *jr = in->json.jr;
  const char *bad = jsonl_end(jr);
  char msg[256];
  if (in->json.blank) {
    unreadable(run, in, r, st, "blank line", NULL, 0, false);
    return;
  }
  if (bad) {
    if (!strcmp(bad, "not valid JSON")) {
      snprintf(msg, sizeof msg, "not valid JSON (at byte %zu)", jsonl_error_offset(jr) + 1);
      bad = msg;
    }
    unreadable(run, in, r, st, bad, NULL, 0, false);
    return;
  }
  if (jsonl_repaired(jr))
    report(in, "invalid UTF-8 or a lone surrogate escape replaced by U+FFFD");
  const jsonl_value *id = jsonl_id(jr), *raw = jsonl_raw(jr);
  const char *idp = NULL;
  size_t id_len = 0;
  bool numeric = false;
  if (id->dup) {
    snprintf(msg, sizeof msg, "the key \"%.100s\" appears twice", o->id_key);
    unreadable(run, in, r, st, msg, NULL, 0, false);
    return;
  }
  if (id->kind == JSONL_STRING || id->kind == JSONL_NUMBER) {
    if (id->total > id->len) {
      snprintf(msg, sizeof msg, "the id is longer than %u bytes", JSONL_ID_MAX);
      unreadable(run, in, r, st, msg, NULL, 0, false);
      return;
    }
    idp = id->p;
    id_len = id->len;
    numeric = id->kind == JSONL_NUMBER;
  } else if (id->kind != JSONL_NONE) {
    if (id->kind == JSONL_NULL)
      snprintf(msg, sizeof msg, "the id is null, not a string or a number");
    else
      snprintf(msg, sizeof msg, "the id is %s %s, not a string or a number", a_kind(id->kind),
               jsonl_kind_name(id->kind));
    unreadable(run, in, r, st, msg, NULL, 0, false);
    return;
  }
  if (raw->dup) {
    snprintf(msg, sizeof msg, "the key \"%.100s\" appears twice", o->raw_key);
    unreadable(run, in, r, st, msg, idp, id_len, numeric);
    return;
  }
  if (raw->kind != JSONL_STRING) {
    if (raw->kind == JSONL_NONE)
      snprintf(msg, sizeof msg, "no \"%.100s\" key (the reference; see --raw-key)", o->raw_key);
    else
      snprintf(msg, sizeof msg, "the \"%.100s\" value is %s %s, not a string", o->raw_key,
               a_kind(raw->kind), jsonl_kind_name(raw->kind));
    unreadable(run, in, r, st, msg, idp, id_len, numeric);
    return;
  }
  char idb[24];
  if (!idp) {
    id_len = put_ulong(idb, run->lineno);
    idp = idb;
    numeric = true;
  }
  store_record(r, st, idp, id_len, numeric, raw->p, raw->len, raw->total, NULL);
}

/* Up to BATCH records, or records until BATCH_BYTES are kept, from in into
 * recs; *eof is set when the input ends (or a signal stops the run).
 * Returns the number of records. */
static size_t read_batch(cli_run *run, input *in, rec *recs, block *st, bool *eof) {
  size_t n = 0;
  st->len = 0;
  while (n < BATCH && st->len < BATCH_BYTES) {
    bool ok;
    if (run->o->jsonl) {
      jsonl_begin(in->json.jr);
      in->json.blank = true;
      ok = read_line(&in->rd, &in->json.s);
    } else {
      in->text.kept = in->text.total = 0;
      ok = read_line(&in->rd, &in->text.s);
    }
    if (!ok) {
      *eof = true;
      break;
    }
    run->lineno++;
    in->line++;
    rec *r = &recs[n++];
    if (run->o->jsonl) {
      jsonl_record(run, in, r, st);
    } else {
      char idb[24];
      store_record(r, st, idb, put_ulong(idb, run->lineno), true, in->text.buf, in->text.kept,
                   in->text.total, NULL);
    }
    if (cli_stop_signal) {
      *eof = true;
      break;
    }
  }
  for (size_t i = 0; i < n; i++) {
    rec *r = &recs[i];
    r->id = st->p + r->store_off;
    r->text = r->id + r->id_len + 1;
    r->input_error = r->has_error ? r->text + r->kept + 1 : NULL;
  }
  return n;
}

/* All of p[0..n) to the output, however many writes it takes. */
static bool write_all(cli_run *run, const char *p, size_t n) {
  while (n) {
    ssize_t k = write(run->out_fd, p, n);
    if (k < 0) {
      if (errno == EINTR)
        continue; /* a signal: this record is still finished */
      run->out_errno = errno;
      return false;
    }
    p += k;
    n -= (size_t)k;
  }
  return true;
}

/* Runs of lines (16 records each) given to one writev(2): the least
 * IOV_MAX POSIX allows a system, so a batch takes 8 calls. */
#define WRITE_RUNS 16

/* The runs v[0..k) to the output in order, with as few writev calls as
 * the kernel takes. A signal stops the writing at the end of the run it
 * came in (the output holds whole records only): returns how many runs
 * are out whole, k when all are; after an error, run->out_errno is set. */
static size_t write_runs(cli_run *run, struct iovec *v, size_t k) {
  size_t done = 0;
  while (done < k) {
    if (cli_stop_signal)
      return done;
    ssize_t w = writev(run->out_fd, v + done, (int)(k - done));
    if (w < 0) {
      if (errno == EINTR)
        continue;
      run->out_errno = errno;
      return done;
    }
    for (size_t left = (size_t)w; left;) { /* past what went out */
      if (left < v[done].iov_len) {
        /* a run cut short: its rest (a signal then stops after it) */
        if (!write_all(run, (const char *)v[done].iov_base + left, v[done].iov_len - left))
          return done;
        left = 0;
      } else {
        left -= v[done].iov_len;
      }
      done++;
    }
  }
  return done;
}

/* Write the batch's runs of lines in order, WRITE_RUNS a writev call;
 * after a write error or a signal nothing more is written (the runs hold
 * whole records only). run->done counts the records of the runs out. */
static void write_batch(cli_run *run, rec *recs, size_t n, block *st) {
  struct iovec v[WRITE_RUNS];
  size_t at[WRITE_RUNS + 1]; /* the record each run starts at, then the end */
  bool writing = !run->out_errno && !cli_stop_signal;
  for (size_t i = 0; i < n && writing;) {
    size_t k = 0;
    for (; i < n && (k < WRITE_RUNS || !recs[i].out); i++)
      if (recs[i].out) {
        v[k].iov_base = recs[i].out;
        v[k].iov_len = recs[i].out_len;
        at[k++] = i;
      }
    at[k] = i;
    size_t out = write_runs(run, v, k);
    run->done += at[out] - at[0];
    writing = out == k;
  }
  for (size_t i = 0; i < n; i++)
    free(recs[i].out);
  memset(recs, 0, n * sizeof *recs);
  if (st->cap > (4u << 20)) {
    /* keep no more than 4 MiB for the next batch */
    free(st->p);
    st->p = NULL;
    st->cap = 0;
  }
}

/* Batches are pipelined: while batch k is parsed, the main thread reads
 * batch k + 1, then helps parse k; once k is done, k + 1 starts in the
 * helpers while the main thread writes k. Output stays in input order:
 * batches are written one after the other, each after it is complete.
 * Once output failed or a signal came, no more input is read. */
int cli_stream_run(cli_run *run, int in_fd, const char *name, off_t total) {
  const cli_opts *o = run->o;
  rec *recs[2] = {calloc(BATCH, sizeof(rec)), calloc(BATCH, sizeof(rec))};
  input *in = calloc(1, sizeof *in);
  jsonl_reader *jr = o->jsonl ? jsonl_new(o->id_key, o->raw_key, KEEP) : NULL;
  if (in) {
    in->rd.fd = in_fd;
    in->rd.dec = o->encoding ? cli_decoder_new(o->encoding, raw_read, &in->rd) : NULL;
  }
  if (!recs[0] || !recs[1] || !in || (o->jsonl && !jr) || (o->encoding && !in->rd.dec)) {
    fputs("refparse: out of memory\n", stderr);
    free(recs[0]);
    free(recs[1]);
    cli_decoder_free(in ? in->rd.dec : NULL);
    free(in);
    jsonl_free(jr);
    return 1;
  }
  in->name = name;
  in->text.s.put = text_put;
  in->json.s.put = json_put;
  in->json.jr = jr;
  in->json.first = true;
  int rc = 0;
  bool tty = !o->quiet && isatty(2), eof = false;
  int cur = 0;
  block st[2] = {{NULL, 0, 0}, {NULL, 0, 0}};
  size_t n = read_batch(run, in, recs[cur], &st[cur], &eof);
  running rn;
  if (n)
    batch_start(&rn, run->p, o, recs[cur], n);
  while (n) {
    size_t next_n = eof || run->out_errno || cli_stop_signal
                        ? 0
                        : read_batch(run, in, recs[1 - cur], &st[1 - cur], &eof);
    batch_finish(&rn);
    if (next_n)
      batch_start(&rn, run->p, o, recs[1 - cur], next_n);
    write_batch(run, recs[cur], n, &st[cur]);
    if (tty) {
      double el = difftime(time(NULL), run->start);
      if (el >= 1) {
        if (total > 0)
          fprintf(stderr, "\rrefparse: %lu records, %.0f/s, %.0f%%   ", run->done,
                  run->done / el, 100.0 * (double)in->rd.seen / (double)total);
        else
          fprintf(stderr, "\rrefparse: %lu records, %.0f/s   ", run->done, run->done / el);
      }
    }
    cur = 1 - cur;
    n = next_n;
  }
  if (in->rd.err) {
    fprintf(stderr, "refparse: %s: read error: %s\n", name, strerror(in->rd.err));
    rc = 1;
  }
  cli_decode_report(in->rd.dec, name, o->encoding);
  cli_decoder_free(in->rd.dec);
  free(st[0].p);
  free(st[1].p);
  free(recs[0]);
  free(recs[1]);
  free(in);
  jsonl_free(jr);
  return rc;
}
