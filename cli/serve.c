/*
 * serve.c: `refparse serve`, HTTP over libmicrohttpd (MHD) with one shared,
 * immutable rp_parser.
 *
 *   GET  /                          the embedded web page (cli/web/index.html)
 *   GET  /health, /api/isalive      liveness
 *   GET  /metrics                   Prometheus text format
 *   POST /api/processCitation       GROBID: form field `citations` -> TEI <biblStruct>
 *                                   (BibTeX or RIS to an Accept of their type)
 *   POST /api/processCitationList   GROBID: repeated `citations` -> <listBibl>
 *   POST /v1/parse                  {"references":[...],"to":"csl-json"} -> [item, ...]
 *                                   ("to": vancouver, bibtex, ris: text)
 *   POST /v1/normalize              {"references":[...]} -> ["cleaned", ...]
 *
 * Threads: MHD's thread pool (--threads); each request is parsed on the
 * thread that reads it. Limits: body size (413), references per request
 * (413), header size (MHD answers 431), connections, idle and body time
 * (408). SIGTERM or SIGINT stops accepting, lets the requests in flight
 * finish (at most --timeout seconds), then exits 0. One JSON access-log line
 * per request on stderr.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netdb.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"
#include "web_index.h"

static const char usage[] =
    "usage: refparse serve [options]\n"
    "\n"
    "Serve the parser over HTTP: GROBID-compatible /api/processCitation and\n"
    "/api/processCitationList (TEI, or BibTeX or RIS by Accept), /v1/parse\n"
    "(CSL-JSON, or \"to\": vancouver, bibtex, ris), /v1/normalize,\n"
    "/health, /metrics (Prometheus) and a web page at /.\n"
    "\n"
    "options:\n"
    "  --host ADDR            address to bind (default 127.0.0.1: this machine only;\n"
    "                         0.0.0.0 or :: exposes the server to the network)\n"
    "  --port N               TCP port (default 8070; 0: any free port, printed on\n"
    "                         stderr)\n"
    "  --threads N            worker threads (default: number of cores)\n"
    "  --max-body BYTES       largest request body (default 1048576); larger: 413\n"
    "  --max-refs N           most references in one request (default 1000); more: 413\n"
    "  --max-header BYTES     room for the request line and headers (default 16384);\n"
    "                         larger: 431\n"
    "  --max-connections N    open connections at once (default 64); more are refused\n"
    "  --timeout SECONDS      an idle connection is closed, a body still arriving is\n"
    "                         answered 408, and shutdown waits at most this long for\n"
    "                         requests in flight (default 10)\n"
    "  --no-jit               match without the PCRE2 JIT (slower; for valgrind)\n"
    "  --quiet                no access log\n"
    "  -h, --help             this text\n"
    "\n"
    "Each request is logged on stderr as one JSON line. SIGTERM or SIGINT: stop\n"
    "accepting, finish the requests in flight, exit 0.\n";

/* ---- Settings and shared state ------------------------------------------ */

typedef struct settings {
  const char *host;
  unsigned port, threads, max_connections, timeout;
  size_t max_body, max_refs, max_header;
  bool no_jit, quiet;
} settings;

typedef enum endpoint {
  EP_INDEX,
  EP_HEALTH,
  EP_ISALIVE,
  EP_METRICS,
  EP_CITATION,
  EP_CITATION_LIST,
  EP_PARSE,
  EP_NORMALIZE,
  EP_OTHER,
  EP_COUNT_
} endpoint;

static const struct route {
  const char *path;
  bool post; /* POST, else GET (and HEAD) */
  const char *label;
} routes[EP_COUNT_] = {
    [EP_INDEX] = {"/", false, "index"},
    [EP_HEALTH] = {"/health", false, "health"},
    [EP_ISALIVE] = {"/api/isalive", false, "isalive"},
    [EP_METRICS] = {"/metrics", false, "metrics"},
    [EP_CITATION] = {"/api/processCitation", true, "processCitation"},
    [EP_CITATION_LIST] = {"/api/processCitationList", true, "processCitationList"},
    [EP_PARSE] = {"/v1/parse", true, "parse"},
    [EP_NORMALIZE] = {"/v1/normalize", true, "normalize"},
    [EP_OTHER] = {NULL, false, "other"},
};

/* Status codes counted one by one in /metrics; the rest go to "other". */
static const unsigned statuses[] = {200, 400, 404, 405, 406, 408, 413, 415, 500, 503};
#define NSTATUS (sizeof statuses / sizeof statuses[0])

/* Latency histogram bounds in seconds (Prometheus "le"). */
static const double buckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                 0.05,   0.1,   0.25,   0.5,   1,    2.5, 5};
#define NBUCKET (sizeof buckets / sizeof buckets[0])

typedef struct server {
  const rp_parser *parser;
  settings set;
  atomic_ulong requests[EP_COUNT_][NSTATUS + 1];
  atomic_ulong latency[NBUCKET + 1]; /* non-cumulative; last is +Inf */
  atomic_ulong latency_us_sum;
  atomic_ulong references;
  atomic_ulong parse_errors;
  atomic_int in_flight;
  atomic_bool stopping;
} server;

/* ---- Output formats ------------------------------------------------------- */

/* One entry per `to` value. csl-json and vancouver are written item by
 * item and joined as open, item, sep, item, ..., close (csl-json items may
 * get the page's spans). bibtex and ris go through one rp_writer per
 * request, as `refparse parse --to FORMAT` does: the writer adds the
 * separators and makes BibTeX keys unique within the answer, so an answer
 * is byte for byte what the command writes for the same lines. */
typedef rp_status (*write_fn)(const rp_result *r, size_t index, char **out, size_t *out_len);

static rp_status write_csljson(const rp_result *r, size_t index, char **out, size_t *out_len) {
  char id[24];
  int n = snprintf(id, sizeof id, "%zu", index + 1);
  return rp_write_csljson(r, id, (size_t)n, RP_WRITE_ID_NUMERIC, out, out_len);
}

static rp_status write_vancouver(const rp_result *r, size_t index, char **out,
                                 size_t *out_len) {
  (void)index;
  return rp_write_vancouver(r, 0, out, out_len);
}

typedef struct format {
  const char *name; /* the request's "to" */
  const char *mime; /* Content-Type of the answer */
  bool accept;      /* GROBID endpoints answer it to an Accept of mime */
  write_fn write;   /* one item; NULL: through an rp_writer of `lib` */
  rp_format lib;    /* the writer used when write is NULL */
  const char *open, *sep, *close;
} format;

static const format formats[] = {
    {"csl-json", "application/json", false, write_csljson, RP_FORMAT_CSL_JSON, "[", ",", "]\n"},
    {"vancouver", "text/plain; charset=utf-8", false, write_vancouver, RP_FORMAT_VANCOUVER, "",
     "\n", "\n"},
    {"bibtex", "application/x-bibtex", true, NULL, RP_FORMAT_BIBTEX, "", "", ""},
    {"ris", "application/x-research-info-systems", true, NULL, RP_FORMAT_RIS, "", "", ""},
};
#define NFORMAT (sizeof formats / sizeof formats[0])

static const format *format_named(const char *name) {
  for (size_t i = 0; i < NFORMAT; i++)
    if (!strcmp(formats[i].name, name))
      return &formats[i];
  return NULL;
}

/* custom.spans: {"title": [off, len], ...} in input bytes, for the page. */
static char *with_spans(const rp_result *r, char *item) {
  json_t *o = json_loads(item, 0, NULL);
  json_t *custom = json_object_get(o, "custom");
  if (o && !custom) {
    custom = json_object();
    json_object_set_new(o, "custom", custom);
  }
  json_t *spans = json_object();
  for (int f = 0; f < RP_FIELD_COUNT_; f++) {
    rp_span sp = {0, 0};
    if (rp_result_field(r, (rp_field)f, &sp) && sp.len)
      json_object_set_new(spans, rp_field_name((rp_field)f),
                          json_pack("[I,I]", (json_int_t)sp.off, (json_int_t)sp.len));
  }
  json_object_set_new(custom, "spans", spans);
  char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
  json_decref(o);
  return s;
}

/* One answer being written in a format: the request's own writer (never
 * shared between threads) for the formats that have one. */
typedef struct emitter {
  const format *fmt;
  rp_writer *w;
  size_t n; /* items written so far */
} emitter;

/* Append what the library returned (s, n bytes, when st is RP_OK) to b
 * and free it; returns st. */
static rp_status take(cli_buf *b, rp_status st, char *s, size_t n) {
  if (st == RP_OK)
    cli_buf_add(b, s, n);
  rp_free(s);
  return st;
}

static rp_status emit_open(emitter *e, const rp_parser *p, const format *fmt, cli_buf *b) {
  *e = (emitter){.fmt = fmt};
  if (fmt->write) {
    cli_buf_adds(b, fmt->open);
    return RP_OK;
  }
  /* numeric ids, as the command gives text lines (the RIS ID) */
  rp_status st = rp_writer_new(p, fmt->lib, RP_WRITE_ID_NUMERIC, &e->w);
  char *s = NULL;
  size_t n = 0;
  if (st == RP_OK)
    st = rp_writer_begin(e->w, &s, &n);
  return take(b, st, s, n);
}

/* Item `index` (its id is index + 1). spans: add custom.spans (csl-json). */
static rp_status emit_add(emitter *e, cli_buf *b, const rp_result *r, size_t index,
                          bool spans) {
  char *s = NULL;
  size_t n = 0;
  rp_status st;
  if (!e->fmt->write) {
    char id[24];
    int idn = snprintf(id, sizeof id, "%zu", index + 1);
    st = rp_writer_add(e->w, r, id, (size_t)idn, &s, &n);
    st = take(b, st, s, n);
  } else {
    if (e->n)
      cli_buf_adds(b, e->fmt->sep);
    st = e->fmt->write(r, index, &s, &n);
    if (st == RP_OK && spans && e->fmt->write == write_csljson) {
      char *with = with_spans(r, s);
      if (with)
        cli_buf_adds(b, with);
      else
        st = RP_ERR_NOMEM;
      free(with);
      rp_free(s);
    } else {
      st = take(b, st, s, n);
    }
  }
  e->n++;
  return st;
}

/* Close the answer and free the writer. */
static rp_status emit_close(emitter *e, cli_buf *b) {
  rp_status st = RP_OK;
  if (e->fmt->write) {
    cli_buf_adds(b, e->fmt->close);
  } else if (e->w) {
    char *s = NULL;
    size_t n = 0;
    st = rp_writer_end(e->w, &s, &n);
    st = take(b, st, s, n);
  }
  rp_writer_free(e->w);
  e->w = NULL;
  return st;
}

/* ---- One request ------------------------------------------------------------ */

typedef struct request {
  server *srv;
  endpoint ep;
  struct timespec t0;
  char remote[64];
  char method[16];
  char path[256]; /* JSON-safe copy of the URL for the log */
  cli_buf body;   /* JSON or text bodies */
  struct MHD_PostProcessor *pp;
  cli_buf *refs; /* form fields `citations`, in order */
  size_t nrefs, refs_cap;
  bool include_raw, too_big, too_many, no_memory, bad_form, answered;
  unsigned status;
  size_t bytes_in, bytes_out, references;
} request;

static double seconds_since(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Copy at most cap-1 bytes of s, with bytes a JSON string cannot hold as
 * they are (controls, quote, backslash, non-ASCII) replaced by '?'. */
static void safe_copy(char *dst, size_t cap, const char *s) {
  size_t i = 0;
  for (; s && s[i] && i + 1 < cap; i++) {
    unsigned char c = (unsigned char)s[i];
    dst[i] = (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') ? '?' : (char)c;
  }
  dst[i] = '\0';
}

static enum MHD_Result answer(request *q, struct MHD_Connection *conn, unsigned status,
                              const char *mime, char *data, size_t len) {
  struct MHD_Response *res = MHD_create_response_from_buffer_with_free_callback(len, data, free);
  if (!res) {
    free(data);
    return MHD_NO;
  }
  MHD_add_response_header(res, MHD_HTTP_HEADER_CONTENT_TYPE, mime);
  MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(res, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  if (q->ep == EP_INDEX && status == 200)
    MHD_add_response_header(res, "Content-Security-Policy",
                            "default-src 'none'; script-src 'unsafe-inline'; "
                            "style-src 'unsafe-inline'; connect-src 'self'; img-src data:");
  if (status == 405)
    MHD_add_response_header(res, MHD_HTTP_HEADER_ALLOW, routes[q->ep].post ? "POST" : "GET, HEAD");
  if (atomic_load(&q->srv->stopping))
    MHD_add_response_header(res, MHD_HTTP_HEADER_CONNECTION, "close");
  enum MHD_Result rc = MHD_queue_response(conn, status, res);
  MHD_destroy_response(res);
  if (rc == MHD_YES) {
    q->answered = true;
    q->status = status;
    q->bytes_out = len;
  }
  return rc;
}

static enum MHD_Result answer_text(request *q, struct MHD_Connection *conn, unsigned status,
                                   const char *mime, const char *text, size_t len) {
  char *d = malloc(len + 1);
  if (!d)
    return MHD_NO;
  memcpy(d, text, len);
  return answer(q, conn, status, mime, d, len);
}

/* {"error": message}, with the HTTP status. */
static enum MHD_Result answer_error(request *q, struct MHD_Connection *conn, unsigned status,
                                    const char *message) {
  json_t *o = json_pack("{s:s,s:I}", "error", message, "status", (json_int_t)status);
  char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
  json_decref(o);
  if (!s)
    return MHD_NO;
  size_t n = strlen(s);
  char *d = malloc(n + 2);
  if (d) {
    memcpy(d, s, n);
    d[n++] = '\n';
  }
  free(s);
  if (!d)
    return MHD_NO;
  return answer(q, conn, status, "application/json", d, n);
}

static enum MHD_Result answer_buf(request *q, struct MHD_Connection *conn, const char *mime,
                                  cli_buf *b) {
  if (b->failed) {
    cli_buf_free(b);
    return answer_error(q, conn, 500, "out of memory");
  }
  if (!b->data)
    cli_buf_add(b, "", 0);
  char *d = b->data;
  size_t n = b->len;
  *b = (cli_buf){0};
  if (!d)
    return answer_error(q, conn, 500, "out of memory");
  return answer(q, conn, 200, mime, d, n);
}

/* ---- Form fields (GROBID) --------------------------------------------------- */

/* MHD hands a long value over in pieces: off 0 starts a new one. */
static enum MHD_Result form_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *filename, const char *content_type,
                                  const char *transfer_encoding, const char *data, uint64_t off,
                                  size_t size) {
  request *q = cls;
  if (!strcmp(key, "citations")) {
    if (off == 0) {
      if (q->nrefs == q->srv->set.max_refs) {
        q->too_many = true;
        return MHD_YES;
      }
      if (q->nrefs == q->refs_cap) {
        size_t cap = q->refs_cap ? q->refs_cap * 2 : 8;
        cli_buf *t = realloc(q->refs, cap * sizeof *t);
        if (!t) {
          q->no_memory = true;
          return MHD_NO;
        }
        q->refs = t;
        q->refs_cap = cap;
      }
      q->refs[q->nrefs++] = (cli_buf){0};
    }
    if (q->too_many)
      return MHD_YES;
    cli_buf *r = &q->refs[q->nrefs - 1];
    cli_buf_add(r, size ? data : "", size);
    if (r->failed) {
      q->no_memory = true;
      return MHD_NO;
    }
  } else if (!strcmp(key, "includeRawCitations") && off == 0) {
    q->include_raw = size >= 1 && (data[0] == '1' || data[0] == 't' || data[0] == 'T');
  }
  /* consolidateCitations and anything else: accepted and ignored */
  return MHD_YES;
}

/* ---- Parsing -------------------------------------------------------------- */

/* The references of a JSON or text body, borrowed from `root` (JSON) or the
 * body (text). On failure *error is set to a static message. */
typedef struct refs_in {
  json_t *root;
  const char **text;
  size_t *len;
  size_t n;
  const format *fmt;
  bool spans;
} refs_in;

static void refs_in_free(refs_in *in) {
  json_decref(in->root);
  free(in->text);
  free(in->len);
}

static bool refs_room(refs_in *in, size_t n) {
  in->text = calloc(n ? n : 1, sizeof *in->text);
  in->len = calloc(n ? n : 1, sizeof *in->len);
  return in->text && in->len;
}

static bool is_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
      return false;
  return true;
}

static unsigned read_refs(request *q, struct MHD_Connection *conn, refs_in *in,
                          const char **error, char *detail, size_t detail_cap) {
  const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
  const char *body = q->body.data ? q->body.data : "";
  size_t blen = q->body.len;
  in->fmt = &formats[0];
  if (ct && !strncmp(ct, "text/plain", 10)) {
    /* one reference per line; blank lines skipped (as `refparse parse`) */
    size_t n = 0;
    for (size_t i = 0, s = 0; i <= blen; i++)
      if (i == blen || body[i] == '\n') {
        if (!is_blank(body + s, i - s))
          n++;
        s = i + 1;
      }
    if (n > q->srv->set.max_refs) {
      *error = "too many references";
      return 413;
    }
    if (!refs_room(in, n)) {
      *error = "out of memory";
      return 500;
    }
    for (size_t i = 0, s = 0; i <= blen; i++)
      if (i == blen || body[i] == '\n') {
        size_t e = i;
        if (e > s && body[e - 1] == '\r')
          e--;
        if (!is_blank(body + s, e - s)) {
          in->text[in->n] = body + s;
          in->len[in->n++] = e - s;
        }
        s = i + 1;
      }
    return 200;
  }
  /* any other Content-Type is read as JSON (curl -d sends a form type) */
  json_error_t jerr;
  in->root = json_loadb(body, blen, JSON_ALLOW_NUL, &jerr);
  if (!in->root) {
    snprintf(detail, detail_cap, "malformed JSON: %s (line %d, column %d)", jerr.text, jerr.line,
             jerr.column);
    *error = detail;
    return 400;
  }
  json_t *list = json_is_object(in->root) ? json_object_get(in->root, "references") : NULL;
  if (!json_is_array(list)) {
    *error = "expected a JSON object with a \"references\" array of strings";
    return 400;
  }
  json_t *to = json_object_get(in->root, "to");
  if (to) {
    if (!json_is_string(to)) {
      *error = "\"to\" must be a string";
      return 400;
    }
    in->fmt = format_named(json_string_value(to));
    if (!in->fmt) {
      *error = "unknown format in \"to\" (csl-json, vancouver, bibtex, ris)";
      return 400;
    }
  }
  json_t *spans = json_object_get(in->root, "spans");
  if (spans && !json_is_boolean(spans)) {
    *error = "\"spans\" must be true or false";
    return 400;
  }
  in->spans = json_is_true(spans);
  size_t n = json_array_size(list);
  if (n > q->srv->set.max_refs) {
    *error = "too many references";
    return 413;
  }
  if (!refs_room(in, n)) {
    *error = "out of memory";
    return 500;
  }
  for (size_t i = 0; i < n; i++) {
    json_t *s = json_array_get(list, i);
    if (!json_is_string(s)) {
      *error = "every reference must be a string";
      return 400;
    }
    in->text[i] = json_string_value(s);
    in->len[i] = json_string_length(s);
  }
  in->n = n;
  return 200;
}

static rp_status parse_one(request *q, bool normalize, const char *text, size_t len,
                           rp_result **r) {
  const rp_parser *p = q->srv->parser;
  rp_status st = normalize ? rp_normalize(p, text, len, r) : rp_parse(p, text, len, r);
  q->references++;
  if (st != RP_OK)
    atomic_fetch_add(&q->srv->parse_errors, 1);
  return st;
}

static enum MHD_Result do_parse(request *q, struct MHD_Connection *conn, bool normalize) {
  refs_in in = {0};
  const char *error = NULL;
  char detail[256];
  unsigned status = read_refs(q, conn, &in, &error, detail, sizeof detail);
  if (status != 200) {
    refs_in_free(&in);
    return answer_error(q, conn, status, error);
  }
  const format *fmt = normalize ? &formats[0] : in.fmt;
  cli_buf b = {0};
  emitter e;
  rp_status st = normalize ? RP_OK : emit_open(&e, q->srv->parser, fmt, &b);
  if (normalize)
    cli_buf_adds(&b, fmt->open);
  for (size_t i = 0; i < in.n && st == RP_OK && !b.failed; i++) {
    rp_result *r = NULL;
    if (parse_one(q, normalize, in.text[i], in.len[i], &r) != RP_OK) {
      if (!normalize)
        emit_close(&e, &b);
      refs_in_free(&in);
      cli_buf_free(&b);
      return answer_error(q, conn, 500, "parse failed");
    }
    if (normalize) {
      if (i)
        cli_buf_adds(&b, fmt->sep);
      json_t *s = json_string(rp_result_text(r));
      char *out = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
      json_decref(s);
      if (out)
        cli_buf_adds(&b, out);
      else
        st = RP_ERR_NOMEM;
      free(out);
    } else {
      st = emit_add(&e, &b, r, i, in.spans);
    }
    rp_result_free(r);
  }
  if (normalize)
    cli_buf_adds(&b, fmt->close);
  else if (emit_close(&e, &b) != RP_OK && st == RP_OK)
    st = RP_ERR_NOMEM;
  if (st != RP_OK)
    b.failed = true;
  refs_in_free(&in);
  return answer_buf(q, conn, fmt->mime, &b);
}

/* GROBID answers BibTeX to `Accept: application/x-bibtex`; anything else
 * (or nothing) gets TEI. */
static const format *accepted(struct MHD_Connection *conn) {
  const char *acc = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
  if (!acc)
    return NULL;
  for (size_t i = 0; i < NFORMAT; i++)
    if (formats[i].accept && strstr(acc, formats[i].mime))
      return &formats[i];
  return NULL;
}

static enum MHD_Result do_citations(request *q, struct MHD_Connection *conn, bool list) {
  if (q->no_memory)
    return answer_error(q, conn, 500, "out of memory");
  if (q->too_many)
    return answer_error(q, conn, 413, "too many references");
  if (q->nrefs == 0 || (!list && q->refs[0].len == 0))
    return answer_error(q, conn, 400, "the form needs a non-empty \"citations\" field");
  const format *fmt = accepted(conn);
  size_t n = list ? q->nrefs : 1;
  cli_buf b = {0};
  emitter e;
  rp_status st = RP_OK;
  if (fmt)
    st = emit_open(&e, q->srv->parser, fmt, &b);
  else if (list)
    cli_buf_adds(&b, "<listBibl>\n");
  for (size_t i = 0; i < n && st == RP_OK && !b.failed; i++) {
    rp_result *r = NULL;
    if (parse_one(q, false, q->refs[i].data, q->refs[i].len, &r) != RP_OK) {
      if (fmt)
        emit_close(&e, &b);
      cli_buf_free(&b);
      return answer_error(q, conn, 500, "parse failed");
    }
    if (fmt)
      st = emit_add(&e, &b, r, i, false);
    else
      cli_tei_bibl(&b, r, i, q->include_raw ? q->refs[i].data : NULL, q->refs[i].len);
    rp_result_free(r);
  }
  if (fmt) {
    if (emit_close(&e, &b) != RP_OK && st == RP_OK)
      st = RP_ERR_NOMEM;
  } else if (list) {
    cli_buf_adds(&b, "</listBibl>\n");
  }
  if (st != RP_OK)
    b.failed = true;
  return answer_buf(q, conn, fmt ? fmt->mime : "application/xml; charset=utf-8", &b);
}

/* {"status":"ok","version":..,"formats":{"csl-json":true,"bibtex":true,..}}:
 * the page enables its download buttons from "formats" (every format of
 * the table has a writer). */
static enum MHD_Result do_health(request *q, struct MHD_Connection *conn) {
  json_t *f = json_object();
  for (size_t i = 0; i < NFORMAT; i++)
    json_object_set_new(f, formats[i].name, json_true());
  json_t *o = json_pack("{s:s,s:s,s:o}", "status", "ok", "version", rp_version_string(),
                        "formats", f);
  cli_buf b = {0};
  char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
  json_decref(o);
  if (s) {
    cli_buf_adds(&b, s);
    cli_buf_adds(&b, "\n");
  } else {
    b.failed = true;
  }
  free(s);
  return answer_buf(q, conn, "application/json", &b);
}

/* One metric with one value: its HELP and TYPE lines, then the sample. */
static void metric(cli_buf *b, const char *name, const char *type, const char *help,
                   unsigned long value) {
  char line[320];
  snprintf(line, sizeof line, "# HELP refparse_%s %s\n# TYPE refparse_%s %s\nrefparse_%s %lu\n",
           name, help, name, type, name, value);
  cli_buf_adds(b, line);
}

static enum MHD_Result do_metrics(request *q, struct MHD_Connection *conn) {
  server *s = q->srv;
  cli_buf b = {0};
  char line[256];
  cli_buf_adds(&b, "# HELP refparse_http_requests_total HTTP requests answered, by endpoint "
                   "and status.\n# TYPE refparse_http_requests_total counter\n");
  for (int e = 0; e < EP_COUNT_; e++)
    for (size_t k = 0; k <= NSTATUS; k++) {
      unsigned long v = atomic_load(&s->requests[e][k]);
      if (!v)
        continue;
      char code[8];
      if (k < NSTATUS)
        snprintf(code, sizeof code, "%u", statuses[k]);
      else
        snprintf(code, sizeof code, "other");
      snprintf(line, sizeof line,
               "refparse_http_requests_total{endpoint=\"%s\",status=\"%s\"} %lu\n",
               routes[e].label, code, v);
      cli_buf_adds(&b, line);
    }
  unsigned long errs = 0;
  for (int e = 0; e < EP_COUNT_; e++)
    for (size_t k = 0; k <= NSTATUS; k++)
      if (k == NSTATUS || statuses[k] >= 400)
        errs += atomic_load(&s->requests[e][k]);
  metric(&b, "references_total", "counter", "References parsed or normalized.",
         atomic_load(&s->references));
  metric(&b, "parse_errors_total", "counter", "References the library failed on.",
         atomic_load(&s->parse_errors));
  metric(&b, "http_errors_total", "counter", "Requests answered with a 4xx or 5xx status.", errs);
  int fl = atomic_load(&s->in_flight);
  metric(&b, "requests_in_flight", "gauge", "Requests being read or answered.",
         fl > 0 ? (unsigned long)fl : 0);
  cli_buf_adds(&b, "# HELP refparse_http_request_duration_seconds Time from request headers "
                   "to the end of the answer.\n"
                   "# TYPE refparse_http_request_duration_seconds histogram\n");
  unsigned long cum = 0;
  for (size_t k = 0; k <= NBUCKET; k++) {
    cum += atomic_load(&s->latency[k]);
    if (k < NBUCKET)
      snprintf(line, sizeof line,
               "refparse_http_request_duration_seconds_bucket{le=\"%g\"} %lu\n", buckets[k],
               cum);
    else
      snprintf(line, sizeof line,
               "refparse_http_request_duration_seconds_bucket{le=\"+Inf\"} %lu\n"
               "refparse_http_request_duration_seconds_sum %.6f\n"
               "refparse_http_request_duration_seconds_count %lu\n",
               cum, (double)atomic_load(&s->latency_us_sum) / 1e6, cum);
    cli_buf_adds(&b, line);
  }
  return answer_buf(q, conn, "text/plain; version=0.0.4; charset=utf-8", &b);
}

/* ---- MHD callbacks ---------------------------------------------------------- */

static endpoint route_of(const char *url) {
  for (int e = 0; e < EP_OTHER; e++)
    if (!strcmp(url, routes[e].path))
      return (endpoint)e;
  return EP_OTHER;
}

static bool is_form_endpoint(endpoint e) { return e == EP_CITATION || e == EP_CITATION_LIST; }

static enum MHD_Result first_call(server *s, struct MHD_Connection *conn, const char *url,
                                  const char *method, request **out) {
  request *q = calloc(1, sizeof *q);
  if (!q)
    return MHD_NO;
  *out = q;
  q->srv = s;
  clock_gettime(CLOCK_MONOTONIC, &q->t0);
  atomic_fetch_add(&s->in_flight, 1);
  q->ep = route_of(url);
  safe_copy(q->method, sizeof q->method, method);
  safe_copy(q->path, sizeof q->path, url);
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (ci && ci->client_addr) {
    socklen_t sl = ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                                          : sizeof(struct sockaddr_in);
    if (getnameinfo(ci->client_addr, sl, q->remote, sizeof q->remote, NULL, 0, NI_NUMERICHOST))
      q->remote[0] = '\0';
  }
  if (q->ep == EP_OTHER)
    return answer_error(q, conn, 404, "no such endpoint");
  bool post = !strcmp(method, MHD_HTTP_METHOD_POST);
  bool get = !strcmp(method, MHD_HTTP_METHOD_GET) || !strcmp(method, MHD_HTTP_METHOD_HEAD);
  if (routes[q->ep].post ? !post : !get)
    return answer_error(q, conn, 405, "method not allowed");
  if (!post)
    return MHD_YES;
  const char *cl =
      MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  if (cl) {
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(cl, &end, 10);
    if (errno || end == cl || v > s->set.max_body)
      return answer_error(q, conn, 413, "request body too large");
  }
  if (is_form_endpoint(q->ep)) {
    q->pp = MHD_create_post_processor(conn, 16384, form_field, q);
    const char *ct =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    bool form = ct && (!strncmp(ct, "multipart/form-data", 19) ||
                       !strncmp(ct, "application/x-www-form-urlencoded", 33));
    if (!q->pp && form) /* e.g. multipart without a boundary */
      return answer_error(q, conn, 400, "malformed form data");
    if (!q->pp)
      return answer_error(q, conn, 415,
                          "Content-Type must be application/x-www-form-urlencoded or "
                          "multipart/form-data");
  }
  return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls) {
  server *s = cls;
  request *q = *con_cls;
  if (!q)
    return first_call(s, conn, url, method, (request **)con_cls);
  if (q->answered) {
    *upload_size = 0; /* an early answer: the rest of the body is dropped */
    return MHD_YES;
  }
  if (*upload_size) {
    size_t n = *upload_size;
    *upload_size = 0;
    q->bytes_in += n;
    if (q->too_big)
      return MHD_YES;
    if (q->bytes_in > s->set.max_body) {
      q->too_big = true; /* answered now if MHD lets us, else after the body */
      answer_error(q, conn, 413, "request body too large");
      return MHD_YES;
    }
    if (seconds_since(&q->t0) > s->set.timeout) {
      q->status = 408;
      if (answer_error(q, conn, 408, "request body too slow") != MHD_YES)
        return MHD_NO; /* cannot answer mid-body: close the connection */
      return MHD_YES;
    }
    if (q->pp) {
      if (!q->bad_form && MHD_post_process(q->pp, upload_data, n) != MHD_YES && !q->no_memory)
        q->bad_form = true;
    } else {
      cli_buf_add(&q->body, upload_data, n);
    }
    return MHD_YES;
  }
  /* the whole request is in */
  if (q->too_big)
    return answer_error(q, conn, 413, "request body too large");
  switch (q->ep) {
  case EP_INDEX:
    return answer_text(q, conn, 200, "text/html; charset=utf-8", (const char *)web_index_html,
                       sizeof web_index_html - 1);
  case EP_HEALTH:
    return do_health(q, conn);
  case EP_ISALIVE:
    return answer_text(q, conn, 200, "text/plain; charset=utf-8", "true", 4);
  case EP_METRICS:
    return do_metrics(q, conn);
  case EP_CITATION:
  case EP_CITATION_LIST:
    if (!q->bad_form && !q->no_memory) {
      /* the last urlencoded value is handed over here */
      enum MHD_Result done = MHD_destroy_post_processor(q->pp);
      q->pp = NULL;
      q->bad_form = done != MHD_YES;
    }
    if (q->bad_form)
      return answer_error(q, conn, 400, "malformed form data");
    return do_citations(q, conn, q->ep == EP_CITATION_LIST);
  case EP_PARSE:
  case EP_NORMALIZE:
    if (q->body.failed)
      return answer_error(q, conn, 500, "out of memory");
    return do_parse(q, conn, q->ep == EP_NORMALIZE);
  default:
    return answer_error(q, conn, 404, "no such endpoint");
  }
}

static const char *outcome(enum MHD_RequestTerminationCode toe) {
  switch (toe) {
  case MHD_REQUEST_TERMINATED_COMPLETED_OK: return "ok";
  case MHD_REQUEST_TERMINATED_WITH_ERROR: return "error";
  case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED: return "timeout";
  case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN: return "shutdown";
  case MHD_REQUEST_TERMINATED_READ_ERROR: return "read-error";
  case MHD_REQUEST_TERMINATED_CLIENT_ABORT: return "client-abort";
  default: return "other";
  }
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  server *s = cls;
  request *q = *con_cls;
  if (!q)
    return;
  *con_cls = NULL;
  double secs = seconds_since(&q->t0);
  size_t k = NSTATUS;
  for (size_t i = 0; i < NSTATUS; i++)
    if (statuses[i] == q->status)
      k = i;
  atomic_fetch_add(&s->requests[q->ep][k], 1);
  size_t bk = NBUCKET;
  for (size_t i = 0; i < NBUCKET; i++)
    if (secs <= buckets[i]) {
      bk = i;
      break;
    }
  atomic_fetch_add(&s->latency[bk], 1);
  atomic_fetch_add(&s->latency_us_sum, (unsigned long)(secs * 1e6));
  atomic_fetch_add(&s->references, q->references);
  if (!s->set.quiet) {
    struct timespec now;
    struct tm tm;
    char ts[32];
    clock_gettime(CLOCK_REALTIME, &now);
    gmtime_r(&now.tv_sec, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
    /* one write per line: lines from several threads never interleave */
    char line[768];
    int n = snprintf(line, sizeof line,
                     "{\"time\":\"%s.%03ldZ\",\"remote\":\"%s\",\"method\":\"%s\","
                     "\"path\":\"%s\",\"endpoint\":\"%s\",\"status\":%u,\"references\":%zu,"
                     "\"bytes_in\":%zu,\"bytes_out\":%zu,\"ms\":%.3f,\"outcome\":\"%s\"}\n",
                     ts, now.tv_nsec / 1000000, q->remote, q->method, q->path,
                     routes[q->ep].label, q->status, q->references, q->bytes_in, q->bytes_out,
                     secs * 1e3, outcome(toe));
    if (n > 0 && (size_t)n < sizeof line) {
      ssize_t w = write(STDERR_FILENO, line, (size_t)n);
      (void)w;
    }
  }
  if (q->pp)
    MHD_destroy_post_processor(q->pp);
  for (size_t i = 0; i < q->nrefs; i++)
    cli_buf_free(&q->refs[i]);
  free(q->refs);
  cli_buf_free(&q->body);
  free(q);
  atomic_fetch_sub(&s->in_flight, 1);
}

/* ---- Command line and lifetime ---------------------------------------------- */

static bool number(const char *s, unsigned long long lo, unsigned long long hi,
                   unsigned long long *out) {
  if (!s || !*s || *s == '-')
    return false;
  char *end = NULL;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end || v < lo || v > hi)
    return false;
  *out = v;
  return true;
}

static int parse_args(int argc, char **argv, settings *set) {
  long nc = sysconf(_SC_NPROCESSORS_ONLN);
  *set = (settings){.host = "127.0.0.1",
                    .port = 8070,
                    .threads = nc > 0 ? (nc > 64 ? 64 : (unsigned)nc) : 1,
                    .max_connections = 64,
                    .timeout = 10,
                    .max_body = 1u << 20,
                    .max_refs = 1000,
                    .max_header = 16384};
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    unsigned long long n = 0;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(usage, stdout);
      return 0;
    } else if (!strcmp(a, "--no-jit")) {
      set->no_jit = true;
      continue;
    } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
      set->quiet = true;
      continue;
    }
    static const char *const valued[] = {"--host",       "--port",     "--threads",
                                         "--max-body",   "--max-refs", "--max-header",
                                         "--max-connections", "--timeout"};
    bool known = false;
    for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++)
      known = known || !strcmp(a, valued[k]);
    if (!known) {
      fprintf(stderr, "refparse serve: unknown option '%s' (see refparse serve --help)\n", a);
      return 2;
    }
    if (!v) {
      fprintf(stderr, "refparse serve: %s needs a value (see refparse serve --help)\n", a);
      return 2;
    }
    i++;
    bool ok = true;
    if (!strcmp(a, "--host"))
      set->host = v;
    else if (!strcmp(a, "--port") && (ok = number(v, 0, 65535, &n)))
      set->port = (unsigned)n;
    else if (!strcmp(a, "--threads") && (ok = number(v, 1, 256, &n)))
      set->threads = (unsigned)n;
    else if (!strcmp(a, "--max-body") && (ok = number(v, 1, 1u << 30, &n)))
      set->max_body = (size_t)n;
    else if (!strcmp(a, "--max-refs") && (ok = number(v, 1, 1000000, &n)))
      set->max_refs = (size_t)n;
    else if (!strcmp(a, "--max-header") && (ok = number(v, 1024, 1u << 20, &n)))
      set->max_header = (size_t)n;
    else if (!strcmp(a, "--max-connections") && (ok = number(v, 1, 100000, &n)))
      set->max_connections = (unsigned)n;
    else if (!strcmp(a, "--timeout") && (ok = number(v, 1, 86400, &n)))
      set->timeout = (unsigned)n;
    if (!ok) {
      fprintf(stderr, "refparse serve: bad value for %s: '%s'\n", a, v);
      return 2;
    }
  }
  return -1;
}

int rp_cli_serve(int argc, char **argv) {
  static server srv; /* large (atomic counters); lives until exit */
  settings *set = &srv.set;
  int rc = parse_args(argc, argv, set);
  if (rc >= 0)
    return rc;

  struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                           .ai_flags = AI_PASSIVE};
  struct addrinfo *ai = NULL;
  char port[8];
  snprintf(port, sizeof port, "%u", set->port);
  int gai = getaddrinfo(set->host, port, &hints, &ai);
  if (gai || !ai) {
    fprintf(stderr, "refparse serve: cannot resolve --host '%s': %s\n", set->host,
            gai_strerror(gai));
    return 2;
  }

  rp_parser *p = NULL;
  rp_options *popt = rp_options_new();
  if (popt && set->no_jit)
    rp_options_set_flags(popt, rp_options_flags(popt) | RP_OPT_NO_JIT);
  rp_status st = popt ? rp_parser_new(popt, &p) : RP_ERR_NOMEM;
  rp_options_free(popt);
  if (st != RP_OK) {
    freeaddrinfo(ai);
    fprintf(stderr, "refparse serve: cannot create parser: %s\n", rp_strerror(st));
    return 1;
  }
  srv.parser = p;

  /* the signals are taken by sigwait below, never by MHD's threads, which
   * inherit this mask */
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigs, NULL);
  signal(SIGPIPE, SIG_IGN);

  unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC;
  if (ai->ai_family == AF_INET6)
    flags |= MHD_USE_IPv6;
  /* headers (and the post processor's buffer) live in the connection's
   * memory pool: --max-header plus room for reading */
  size_t pool = set->max_header + 16384;
  errno = 0; /* MHD leaves the bind or listen error here */
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, (uint16_t)set->port, NULL, NULL, on_request, &srv, MHD_OPTION_SOCK_ADDR,
      ai->ai_addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)set->threads,
      MHD_OPTION_CONNECTION_LIMIT, (unsigned)set->max_connections,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)set->timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      pool, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv, MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "refparse serve: cannot listen on %s port %u: %s\n", set->host, set->port,
            errno ? strerror(errno) : "libmicrohttpd failed to start");
    freeaddrinfo(ai);
    rp_parser_free(p);
    return 1;
  }
  const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  unsigned bound = di ? di->port : set->port;
  bool v6 = ai->ai_family == AF_INET6;
  char host[INET6_ADDRSTRLEN];
  if (getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof host, NULL, 0, NI_NUMERICHOST))
    safe_copy(host, sizeof host, set->host);
  freeaddrinfo(ai);
  fprintf(stderr,
          "{\"event\":\"listening\",\"url\":\"http://%s%s%s:%u/\",\"port\":%u,\"threads\":%u,"
          "\"version\":\"%s\"}\n",
          v6 ? "[" : "", host, v6 ? "]" : "", bound, bound, set->threads, rp_version_string());
  fflush(stderr);

  int sig = 0;
  sigwait(&sigs, &sig);
  atomic_store(&srv.stopping, true);
  fprintf(stderr, "{\"event\":\"stopping\",\"signal\":%d,\"in_flight\":%d}\n", sig,
          atomic_load(&srv.in_flight));
  /* closing the listening socket at once makes new connections fail fast
   * instead of waiting in the kernel's backlog */
  MHD_socket lsock = MHD_quiesce_daemon(d);
  if (lsock != MHD_INVALID_SOCKET)
    close(lsock);
  /* requests in flight are answered; idle keep-alive connections are not
   * waited for */
  struct timespec t0, nap = {0, 10 * 1000 * 1000};
  clock_gettime(CLOCK_MONOTONIC, &t0);
  while (atomic_load(&srv.in_flight) > 0 && seconds_since(&t0) < set->timeout)
    nanosleep(&nap, NULL);
  MHD_stop_daemon(d);
  rp_parser_free(p);
  fprintf(stderr, "{\"event\":\"stopped\"}\n");
  return 0;
}
