/* api.c: the rp_* entry points; everything else is internal. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "parse.h"
#include "refparse.h"
#include "result.h"
#include "rx.h"
#include "text.h"
#include "utf8.h"

/* ---- status, version ------------------------------------------------------- */

const char *rp_strerror(rp_status status) {
  switch (status) {
  case RP_OK: return "no error";
  case RP_ERR_NOMEM: return "out of memory";
  case RP_ERR_ARG: return "invalid argument";
  case RP_ERR_TOOBIG: return "input too large";
  case RP_ERR_LIMIT: return "match or work limit reached";
  case RP_ERR_UTF8: return "invalid UTF-8";
  case RP_ERR_INTERNAL: return "internal error";
  }
  return "unknown status";
}

int rp_version(void) { return RP_VERSION_NUM; }
const char *rp_version_string(void) { return RP_VERSION_STRING; }

/* ---- options ------------------------------------------------------------- */

struct rp_options {
  unsigned flags;
  size_t max_len;
};

rp_options *rp_options_new(void) {
  rp_options *o = malloc(sizeof *o);
  if (o) {
    o->flags = RP_OPT_DEFAULT;
    o->max_len = RP_DEFAULT_MAX_LENGTH;
  }
  return o;
}

void rp_options_free(rp_options *opts) { free(opts); }

rp_status rp_options_set_flags(rp_options *opts, unsigned flags) {
  if (!opts)
    return RP_ERR_ARG;
  opts->flags = flags;
  return RP_OK;
}

unsigned rp_options_flags(const rp_options *opts) { return opts ? opts->flags : 0; }

rp_status rp_options_set_max_length(rp_options *opts, size_t bytes) {
  if (!opts || bytes < 64 || bytes > ((size_t)1 << 30))
    return RP_ERR_ARG;
  opts->max_len = bytes;
  return RP_OK;
}

/* ---- parser ------------------------------------------------------------- */

rp_status rp_parser_new(const rp_options *opts, rp_parser **out) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  rp_parser *p = calloc(1, sizeof *p);
  if (!p)
    return RP_ERR_NOMEM;
  p->flags = opts ? opts->flags : RP_OPT_DEFAULT;
  p->max_len = opts ? opts->max_len : RP_DEFAULT_MAX_LENGTH;
  int rc = rpi_parse_compile(p);
  if (!rc)
    rc = rpi_folder_new(&p->folder);
  if (rc) {
    rp_parser_free(p);
    return (rp_status)rc;
  }
  *out = p;
  return RP_OK;
}

void rp_parser_free(rp_parser *parser) {
  if (!parser)
    return;
  rpi_rx_free(parser->rx);
  rpi_folder_free(parser->folder);
  free(parser);
}

/* ---- results ------------------------------------------------------------- */

static bool in_arena(const rp_result *r, const void *p) {
  return (uintptr_t)p - (uintptr_t)r->arena < sizeof r->arena;
}

/* n bytes (8-aligned) from the arena, or NULL when it has no room. */
static void *arena_take(rp_result *r, size_t n) {
  size_t room = sizeof r->arena - r->arena_used;
  if (n > room)
    return NULL;
  void *p = r->arena + r->arena_used;
  size_t step = (n + 7) & ~(size_t)7;
  r->arena_used += step < room ? step : room;
  return p;
}

/* n bytes from the arena, or malloc'd when it is full. */
static void *arena_alloc(rp_result *r, size_t n) {
  void *p = arena_take(r, n);
  if (p)
    return p;
  r->spilled = true;
  return malloc(n);
}

/* free() for what the result holds: arena memory is freed with the result. */
static void res_free(const rp_result *r, void *p) {
  if (p && !in_arena(r, p))
    free(p);
}

/* realloc() for an array the result holds (old holds old_n bytes). */
static void *arena_grow(rp_result *r, void *old, size_t old_n, size_t n) {
  if (old && !in_arena(r, old))
    return realloc(old, n);
  void *p = arena_alloc(r, n);
  if (p && old_n)
    memcpy(p, old, old_n);
  return p;
}

/* s[0..n) and a NUL into p (n + 1 bytes, or NULL: then NULL). */
static char *put_str(char *p, const char *s, size_t n) {
  if (!p)
    return NULL;
  if (n)
    memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

static char *arena_strndup(rp_result *r, const char *s, size_t n) {
  return put_str(arena_alloc(r, n + 1), s, n);
}

char *rpi_strndup(const char *s, size_t n) { return put_str(malloc(n + 1), s, n); }

char *rpi_result_strndup(rp_result *r, const char *s, size_t n) { return arena_strndup(r, s, n); }

void rpi_result_free_str(rp_result *r, char *s) { res_free(r, s); }

/* A length i such that s[0..i) is ASCII: n when all of s is, found in
 * 8-byte words and, for the last few bytes, one overlapping read of the last
 * 8 (no byte-by-byte walk of the tail). */
static size_t ascii_run(const unsigned char *s, size_t n) {
  const uint64_t high = UINT64_C(0x8080808080808080);
  size_t i = 0;
  uint64_t v;
  while (n - i >= 8 && (memcpy(&v, s + i, 8), !(v & high)))
    i += 8;
  if (n - i < 8 && n >= 8 && (memcpy(&v, s + n - 8, 8), !(v & high)))
    return n;
  return i;
}

void rpi_result_warn(rp_result *r, rp_warning_code code, size_t off, size_t len,
                     const char *msg) {
  if (r->n_warn >= 1000)
    return; /* bounded: a hostile line cannot grow the list forever */
  if (r->n_warn == r->cap_warn) {
    size_t cap = r->cap_warn ? r->cap_warn * 2 : 8;
    rpi_warning *w = arena_grow(r, r->warn, r->cap_warn * sizeof *w, cap * sizeof *w);
    if (!w) {
      r->err = RP_ERR_NOMEM;
      return;
    }
    r->warn = w;
    r->cap_warn = cap;
  }
  rpi_warning *w = &r->warn[r->n_warn];
  w->code = code;
  w->span.off = off;
  w->span.len = len;
  size_t n = msg ? strlen(msg) : 0;
  w->msg = msg ? arena_strndup(r, msg, n) : NULL;
  if (msg && !w->msg) {
    r->err = RP_ERR_NOMEM;
    return;
  }
  /* Messages quote clipped excerpts: a clip may split a character, and a
   * message is promised to be valid UTF-8, so stray bytes become '?'.
   * (An ASCII byte is a whole character: it needs no decoding.) */
  if (w->msg) {
    unsigned char *m = (unsigned char *)w->msg;
    size_t i = ascii_run(m, n); /* the loop below would only step over m[0..i) */
    while (i < n) {
      uint64_t v;
      if (n - i >= 8 && (memcpy(&v, m + i, 8), !(v & UINT64_C(0x8080808080808080)))) {
        i += 8; /* eight ASCII bytes */
        continue;
      }
      if (m[i] < 0x80) {
        i++;
        continue;
      }
      unsigned cp;
      size_t k = rpi_utf8_decode(m + i, n - i, &cp);
      if (k == 0) {
        m[i++] = '?';
      } else {
        i += k;
      }
    }
  }
  r->n_warn++;
}

void rpi_result_take(rp_result *r, rp_field f, char *v, size_t off, size_t len) {
  /* Text cut out of the middle can put a combining mark after a new base
   * ("i." + U+0301 with the "." dropped); every field leaves in NFC
   * (refparse.h), so such a value is composed here. */
  size_t n = v ? strlen(v) : 0;
  /* pure ASCII is NFC: rpi_is_nfc would say so */
  if (n && ascii_run((const unsigned char *)v, n) < n && !rpi_is_nfc(v, n)) {
    rpi_buf nf;
    rpi_buf_init(&nf, 3 * n + 16);
    char *c = rpi_nfc(v, n, &nf) == 0 && !nf.err ? arena_strndup(r, nf.p ? nf.p : "", nf.len) : NULL;
    rpi_buf_free(&nf);
    if (c) {
      res_free(r, v);
      v = c;
    }
  }
  res_free(r, r->field[f]);
  r->field[f] = v;
  r->span[f].off = off;
  r->span[f].len = len;
}

void rpi_result_set(rp_result *r, rp_field f, const char *s, size_t n, size_t off,
                    size_t len) {
  char *v = arena_strndup(r, s, n);
  if (!v) {
    r->err = RP_ERR_NOMEM;
    return;
  }
  rpi_result_take(r, f, v, off, len);
}

rpi_name *rpi_result_add_name(rp_result *r, rp_role role) {
  if (r->n_names[role] >= 1000)
    return NULL;
  if (r->n_names[role] == r->cap_names[role]) {
    size_t cap = r->cap_names[role] ? r->cap_names[role] * 2 : 8;
    rpi_name *v = arena_grow(r, r->names[role], r->cap_names[role] * sizeof *v, cap * sizeof *v);
    if (!v) {
      r->err = RP_ERR_NOMEM;
      return NULL;
    }
    r->names[role] = v;
    r->cap_names[role] = cap;
  }
  rpi_name *nm = &r->names[role][r->n_names[role]++];
  memset(nm, 0, sizeof *nm);
  return nm;
}

void rp_result_free(rp_result *r) {
  if (!r)
    return;
  res_free(r, r->text);
  for (int f = 0; f < RP_FIELD_COUNT_; f++)
    res_free(r, r->field[f]);
  /* name parts, name and warning arrays and messages come only from
   * arena_alloc (result.h): with nothing spilled they are all in the arena */
  if (r->spilled) {
    for (int role = 0; role < RP_ROLE_COUNT_; role++) {
      for (size_t i = 0; i < r->n_names[role]; i++)
        for (int k = 0; k < RP_NAME_PART_COUNT_; k++)
          res_free(r, r->names[role][i].part[k]);
      res_free(r, r->names[role]);
    }
    for (size_t i = 0; i < r->n_warn; i++)
      res_free(r, r->warn[i].msg);
    res_free(r, r->warn);
  }
  free(r);
}

void rp_free(void *ptr) { free(ptr); }

/* ASCII keys: "Family Initials" folded ("Lötvall J" -> "Lotvall J"). */
static int name_keys(const rp_parser *p, rp_result *r) {
  rpi_buf b, f;
  char b_on[256], f_on[256]; /* room for most keys: no allocation */
  rpi_buf_init_on(&b, b_on, sizeof b_on, 8192);
  rpi_buf_init_on(&f, f_on, sizeof f_on, 8192);
  int rc = 0;
  for (int role = 0; role < RP_ROLE_COUNT_ && !rc; role++)
    for (size_t i = 0; i < r->n_names[role] && !rc; i++) {
      rpi_name *nm = &r->names[role][i];
      rpi_buf_clear(&b);
      rpi_buf_clear(&f);
      if (nm->part[RP_NAME_LITERAL]) {
        rpi_buf_puts(&b, nm->part[RP_NAME_LITERAL]);
      } else {
        rpi_buf_puts(&b, nm->part[RP_NAME_FAMILY] ? nm->part[RP_NAME_FAMILY] : "");
        const char *g = nm->part[RP_NAME_GIVEN];
        if (g && *g) {
          rpi_buf_putc(&b, ' ');
          /* initials of the given name: "C. E." / "Charles E." -> "CE" */
          bool start = true;
          for (const char *q = g; *q; q++) {
            unsigned char c = (unsigned char)*q;
            if (c == ' ' || c == '.' || c == '-') {
              start = true;
              continue;
            }
            if (start) {
              /* an ASCII byte is a whole character (as rpi_utf8_len says) */
              size_t l = c < 0x80 ? 1 : rpi_utf8_len(q, strlen(q));
              rpi_buf_put(&b, q, l ? l : 1);
              if (l > 1)
                q += l - 1;
            } else if (c >= 0x80) {
              size_t l = rpi_utf8_len(q, strlen(q));
              if (l > 1)
                q += l - 1;
            }
            start = false;
          }
        }
      }
      if (b.err) {
        rc = b.err;
        break;
      }
      const char *key = rpi_buf_cstr(&b);
      size_t key_len = b.len;
      if (ascii_run((const unsigned char *)key, key_len) < key_len) { /* rpi_fold copies ASCII as it is */
        rc = rpi_fold(p->folder, key, key_len, &f);
        key = rpi_buf_cstr(&f);
        key_len = f.len;
      }
      if (!rc)
        nm->part[RP_NAME_ASCII] = arena_strndup(r, key, key_len);
    }
  rpi_buf_free(&b);
  rpi_buf_free(&f);
  return rc;
}

static rp_status run(const rp_parser *parser, const char *text, size_t len, rp_result **out,
                     bool normalize) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if (!parser || (!text && len))
    return RP_ERR_ARG;
  rp_result *r = malloc(sizeof *r);
  if (!r)
    return RP_ERR_NOMEM;
  memset(r, 0, offsetof(rp_result, arena)); /* the arena needs no zeroing */
  if (!text)
    text = "";
  size_t use = len;
  if (use > parser->max_len) {
    /* cut at a character boundary */
    use = parser->max_len;
    while (use > 0 && ((unsigned char)text[use] & 0xC0) == 0x80)
      use--;
    rpi_result_warn(r, RP_WARN_TRUNCATED, use, len - use,
                    "reference longer than the maximum length: the rest was ignored");
  }
  rpi_text t;
  int rc = rpi_text_clean(&t, text, use, parser->flags, r);
  rpi_rx_scratch *sc = NULL;
  rpi_buf norm;
  rpi_buf_init(&norm, (size_t)1 << 30);
  if (!rc) {
    /* one block: the normalized text is never longer; a short one goes in
     * the arena (and moves to malloc'd memory if it ever grew past it) */
    char *on = t.len < sizeof r->arena / 2 ? arena_take(r, t.len + 1) : NULL;
    if (on)
      rpi_buf_init_on(&norm, on, t.len + 1, (size_t)1 << 30);
    else
      rpi_buf_reserve(&norm, t.len);
  }
  if (!rc)
    rc = rpi_rx_scratch_take(parser->rx, &sc);
  if (!rc)
    rc = rpi_parse(parser, sc, &t, r, &norm);
  if (!rc)
    rc = name_keys(parser, r);
  if (!rc) {
    (void)normalize;
    if (norm.borrowed) {
      r->text = norm.p; /* still in the arena */
      norm.borrowed = false;
      norm.p = NULL;
    } else {
      r->text = rpi_buf_detach(&norm, NULL);
    }
    if (!r->text)
      rc = RP_ERR_NOMEM;
  }
  if (!rc && r->err)
    rc = r->err;
  rpi_buf_free(&norm);
  rpi_rx_scratch_give(parser->rx, sc);
  rpi_text_free(&t);
  if (rc) {
    rp_result_free(r);
    return (rp_status)rc;
  }
  *out = r;
  return RP_OK;
}

rp_status rp_parse(const rp_parser *parser, const char *text, size_t len, rp_result **out) {
  return run(parser, text, len, out, false);
}

rp_status rp_normalize(const rp_parser *parser, const char *text, size_t len, rp_result **out) {
  return run(parser, text, len, out, true);
}

/* ---- getters ------------------------------------------------------------- */

static const char *const field_names[RP_FIELD_COUNT_] = {
    [RP_FIELD_TITLE] = "title", [RP_FIELD_CONTAINER_TITLE] = "container-title",
    [RP_FIELD_YEAR] = "issued", [RP_FIELD_VOLUME] = "volume", [RP_FIELD_ISSUE] = "issue",
    [RP_FIELD_PAGE] = "page", [RP_FIELD_DOI] = "DOI", [RP_FIELD_PMID] = "PMID",
    [RP_FIELD_PMCID] = "PMCID", [RP_FIELD_URL] = "URL", [RP_FIELD_PUBLISHER] = "publisher",
    [RP_FIELD_PUBLISHER_PLACE] = "publisher-place", [RP_FIELD_EDITION] = "edition",
    [RP_FIELD_ARXIV] = "arxiv", [RP_FIELD_ISBN] = "ISBN", [RP_FIELD_ISSN] = "ISSN",
    [RP_FIELD_NUMBER_OF_PAGES] = "number-of-pages", [RP_FIELD_GENRE] = "genre",
    [RP_FIELD_CITATION_NUMBER] = "citation-number", [RP_FIELD_COLLECTION_TITLE] = "collection-title",
    [RP_FIELD_ACCESSED] = "accessed", [RP_FIELD_NOTE] = "note", [RP_FIELD_VERSION] = "version"};

const char *rp_field_name(rp_field field) {
  if ((int)field < 0 || field >= RP_FIELD_COUNT_)
    return "";
  return field_names[field];
}

const char *rp_result_field(const rp_result *r, rp_field field, rp_span *span) {
  if (span)
    span->off = span->len = 0;
  if (!r || (int)field < 0 || field >= RP_FIELD_COUNT_)
    return NULL;
  if (span && r->field[field])
    *span = r->span[field];
  return r->field[field];
}

static const char *const type_names[RP_TYPE_COUNT_] = {
    "article-journal", "book", "chapter", "paper-conference", "thesis", "report",
    "webpage", "article", "software", "dataset", "patent", "motion_picture"};

const char *rp_type_name(rp_type type) {
  if ((int)type < 0 || type >= RP_TYPE_COUNT_)
    return "";
  return type_names[type];
}

rp_type rp_result_type(const rp_result *r) { return r ? r->type : RP_TYPE_ARTICLE_JOURNAL; }

size_t rp_result_name_count(const rp_result *r, rp_role role) {
  if (!r || (int)role < 0 || role >= RP_ROLE_COUNT_)
    return 0;
  return r->n_names[role];
}

const char *rp_result_name(const rp_result *r, rp_role role, size_t i, rp_name_part part) {
  if (!r || (int)role < 0 || role >= RP_ROLE_COUNT_ || i >= r->n_names[role] || (int)part < 0 ||
      part >= RP_NAME_PART_COUNT_)
    return NULL;
  return r->names[role][i].part[part];
}

bool rp_result_et_al(const rp_result *r, rp_role role) {
  if (!r || (int)role < 0 || role >= RP_ROLE_COUNT_)
    return false;
  return r->et_al[role];
}

const char *rp_result_text(const rp_result *r) { return r && r->text ? r->text : ""; }

static const char *const warning_names[RP_WARN_COUNT_] = {
    "invalid-utf8", "control-char", "truncated", "empty", "mojibake", "markup",
    "diacritic", "nfc", "space", "marker", "dup-locator", "dup-conflict",
    "page-expanded", "page-suspect", "word-repaired", "punct-repaired",
    "name-repaired", "unparsed", "no-title", "limit", "dash", "quote", "encoding"};

const char *rp_warning_name(rp_warning_code code) {
  if ((int)code < 0 || code >= RP_WARN_COUNT_)
    return "";
  return warning_names[code];
}

size_t rp_result_warning_count(const rp_result *r) { return r ? r->n_warn : 0; }

rp_warning_code rp_result_warning(const rp_result *r, size_t i, rp_span *span, const char **message) {
  if (span)
    span->off = span->len = 0;
  if (message)
    *message = NULL;
  if (!r || i >= r->n_warn)
    return RP_WARN_COUNT_;
  if (span)
    *span = r->warn[i].span;
  if (message)
    *message = r->warn[i].msg;
  return r->warn[i].code;
}

rp_status rp_ascii_fold(const rp_parser *parser, const char *text, size_t len, char **out,
                        size_t *out_len) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if (!parser || (!text && len))
    return RP_ERR_ARG;
  rpi_buf b;
  rpi_buf_init(&b, (size_t)1 << 30);
  int rc = rpi_fold(parser->folder, text ? text : "", len, &b);
  if (!rc && b.err)
    rc = b.err;
  if (rc) {
    rpi_buf_free(&b);
    return (rp_status)rc;
  }
  *out = rpi_buf_detach(&b, out_len);
  return *out ? RP_OK : RP_ERR_NOMEM;
}
