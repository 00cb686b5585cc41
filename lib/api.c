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

void rp_result_free(rp_result *r) { rpi_result_destroy(r); }

void rp_free(void *ptr) { free(ptr); }

static rp_status run(const rp_parser *parser, const char *text, size_t len, rp_result **out,
                     bool normalize) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if (!parser || (!text && len))
    return RP_ERR_ARG;
  rp_result *r = rpi_result_new();
  if (!r)
    return RP_ERR_NOMEM;
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
    char *on = rpi_result_text_room(r, t.len);
    if (on)
      rpi_buf_init_on(&norm, on, t.len + 1, (size_t)1 << 30);
    else
      rpi_buf_reserve(&norm, t.len);
  }
  if (!rc)
    rc = rpi_rx_scratch_take(parser->rx, &sc);
  if (!rc)
    rc = rpi_parse(parser, sc, &t, r, &norm);
  if (!rc && !normalize) /* normalizing writes text: no ASCII name keys */
    rc = rpi_result_name_keys(r, parser->folder);
  if (!rc)
    rpi_result_warn_close(r);
  if (!rc) {
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
    [RP_FIELD_ACCESSED] = "accessed", [RP_FIELD_NOTE] = "note", [RP_FIELD_VERSION] = "version",
    [RP_FIELD_ORIGINAL_DATE] = "original-date", [RP_FIELD_NUMBER] = "number",
    [RP_FIELD_COLLECTION_NUMBER] = "collection-number", [RP_FIELD_AUTHORITY] = "authority",
    [RP_FIELD_SECTION] = "section", [RP_FIELD_LOCATOR] = "locator",
    [RP_FIELD_NUMBER_OF_VOLUMES] = "number-of-volumes", [RP_FIELD_VOLUME_TITLE] = "volume-title"};

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
    "webpage", "article", "software", "dataset", "patent", "motion_picture",
    "legal_case", "legislation"};

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

double rp_result_confidence(const rp_result *r) { return r ? r->confidence : 0.0; }

size_t rp_result_doubt_count(const rp_result *r) { return r ? r->n_doubts : 0; }

const char *rp_result_doubt(const rp_result *r, size_t i) {
  if (!r || i >= r->n_doubts)
    return NULL;
  return rpi_confidence_field_name(r->doubts[i]);
}

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
