/*
 * fuzz_parse.c: libFuzzer target for the whole public API.
 *
 * Input layout: the first 4 bytes (little-endian) are a selector: bits 0-9
 * are the RP_OPT_* flags (bit 9 RP_OPT_NO_JIT: the PCRE2 interpreter),
 * bits 10-11 pick the maximum length (0: the default 8192, 1: 64, 2: 300,
 * 3: 1500 bytes, so truncation is exercised), the other bits are ignored;
 * the rest is the reference text. For each input:
 * rp_parse (and rp_normalize on one input in four: len % 4 == 1), every
 * getter over every field, name part and warning (and one past the end),
 * rp_write_csljson twice (writer flag sets and ids rotate with the length,
 * so all four flag sets and six ids are covered across inputs),
 * rp_write_vancouver, rp_ascii_fold over the Vancouver string and (one
 * input in four: len % 4 == 2) over the raw text, rp_bibtex_key,
 * rp_write_bibtex, rp_write_ris, rp_write_tsv and an rp_writer per format
 * (the result written twice); everything freed.
 *
 * Invariants checked (abort() on violation so libFuzzer records a crash):
 *  - rp_parse / rp_normalize return RP_OK with a result whenever
 *    RP_OPT_REPAIR_UTF8 is on (messy input is not an error);
 *  - every returned string is NUL-terminated valid UTF-8 (length agrees),
 *    and fields, name parts, the result text and the Vancouver string are
 *    in NFC (refparse.h: "Every string the library returns is valid UTF-8
 *    in NFC"); warning messages quote the input and are exempt from NFC;
 *  - spans lie inside the input;
 *  - rp_write_csljson output is one line of valid JSON (jansson), an object
 *    with "id" and "type", only CSL-JSON keys at the top level, names as
 *    objects of strings (a particle and the family joined are the parsed
 *    family), the URL as parsed (with "https://" when it had no scheme) or
 *    the arXiv abstract page, "number" only as the arXiv id, "issued" as {"date-parts":[[int]]}, the id written
 *    back as given, the field values equal to the getters', the warnings
 *    under "custom" equal to rp_result_warning's, and out_len == strlen(out).
 *
 * RP_FUZZ_SLOW_MS=N (optional, fuzzing only): abort when one input takes
 * more than N ms (parser creation excluded), so libFuzzer saves slow inputs.
 */
#include <jansson.h>
#include <stdint.h>
#include <time.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <refparse.h>
#include "fuzz_utf8.h"

#define ALL_FLAGS                                                              \
  (RP_OPT_REPAIR_UTF8 | RP_OPT_STRIP_MARKERS | RP_OPT_REPAIR_MOJIBAKE |        \
   RP_OPT_DECODE_MARKUP | RP_OPT_JOIN_DIACRITICS | RP_OPT_DEDUP_LOCATORS |     \
   RP_OPT_EXPAND_PAGES | RP_OPT_REPAIR_WORDS | RP_OPT_TITLECASE_NAMES | NO_JIT_FLAG)
#ifdef RP_OPT_NO_JIT
#define NO_JIT_FLAG RP_OPT_NO_JIT
#else
#define NO_JIT_FLAG 0u
#endif
#define LEN_SHIFT 10

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parsers are expensive to make (every pattern compiled, ~10 ms under ASan)
 * and there are 4096 flag/length sets, so keep the 64 most recently used.
 * The cache key is the 12-bit selector (flags | length choice << 10). */
#define CACHE 64
static struct {
  unsigned flags;
  unsigned long used;
  rp_parser *p;
} cache[CACHE];
static unsigned long clock_;

static void fail(const char *what) {
  fprintf(stderr, "fuzz_parse: invariant violated: %s\n", what);
  abort();
}

/* Known, reported findings can be tolerated while fuzzing goes on, so one
 * frequent bug does not stop the search for others:
 *   RP_FUZZ_KNOWN=id1,id2 ./fuzz_xxx ...
 * The replay test does not set it: saved crashes must really be fixed. */
static int known(const char *id) {
  static const char *list;
  static int init;
  if (!init) {
    list = getenv("RP_FUZZ_KNOWN");
    init = 1;
  }
  if (!list)
    return 0;
  size_t n = strlen(id);
  for (const char *p = list; (p = strstr(p, id)) != NULL; p += n)
    if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
      return 1;
  return 0;
}

static const size_t max_lengths[4] = {0, 64, 300, 1500};

static const rp_parser *parser_for(unsigned sel) {
  unsigned flags = sel & ALL_FLAGS;
  unsigned slot = 0;
  for (unsigned i = 0; i < CACHE; i++) {
    if (cache[i].p && cache[i].flags == sel) {
      cache[i].used = ++clock_;
      return cache[i].p;
    }
    if (!cache[i].p || cache[i].used < cache[slot].used)
      slot = i;
    if (!cache[slot].p)
      break;
  }
  rp_parser_free(cache[slot].p);
  cache[slot].p = NULL;
  rp_options *o = rp_options_new();
  if (!o)
    return NULL;
  if (rp_options_set_flags(o, flags) != RP_OK)
    fail("rp_options_set_flags refused a valid set");
  if (rp_options_flags(o) != flags)
    fail("rp_options_flags does not round-trip");
  size_t ml = max_lengths[(sel >> LEN_SHIFT) & 3];
  if (ml && rp_options_set_max_length(o, ml) != RP_OK)
    fail("rp_options_set_max_length refused a valid length");
  rp_parser *p = NULL;
  rp_status st = rp_parser_new(o, &p);
  rp_options_free(o);
  if (st != RP_OK || !p)
    fail("rp_parser_new failed");
  cache[slot].flags = sel;
  cache[slot].used = ++clock_;
  cache[slot].p = p;
  return p;
}

/* NFC check with ICU (the contract in refparse.h). */
static int is_nfc(const char *s, size_t n) {
  static const UNormalizer2 *nfc;
  static UChar *u16;
  static int32_t cap;
  UErrorCode e = U_ZERO_ERROR;
  if (!nfc) {
    nfc = unorm2_getNFCInstance(&e);
    if (U_FAILURE(e))
      fail("unorm2_getNFCInstance");
  }
  int32_t need = 0;
  e = U_ZERO_ERROR;
  u_strFromUTF8(NULL, 0, &need, s, (int32_t)n, &e);
  if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
    return 1; /* invalid UTF-8 is reported by the UTF-8 check */
  if (need + 1 > cap) {
    free(u16);
    cap = need + 1;
    u16 = malloc((size_t)cap * sizeof *u16);
    if (!u16)
      abort();
  }
  e = U_ZERO_ERROR;
  u_strFromUTF8(u16, cap, &need, s, (int32_t)n, &e);
  if (U_FAILURE(e))
    return 1;
  e = U_ZERO_ERROR;
  UBool ok = unorm2_isNormalized(nfc, u16, need, &e);
  return U_FAILURE(e) || ok;
}

static void check_str(const char *s, const char *what) {
  if (!s)
    return;
  size_t n = strlen(s);
  if (!valid_utf8((const unsigned char *)s, n))
    fail(what);
  if (!known("nfc") && !is_nfc(s, n)) {
    fprintf(stderr, "not NFC: \"%s\"\n", s);
    fail("string not in NFC");
  }
}

static void check_span(const rp_span *sp, size_t len, const char *what) {
  if (sp->off > len || sp->len > len - sp->off)
    fail(what);
}

/* Writer output: NUL-terminated at out_len, valid UTF-8 and (unless
 * nul_ok: rp_ascii_fold of raw input keeps the input's NULs) NUL-free. */
static void check_out_nul(const char *out, size_t out_len, const char *what, int nul_ok) {
  if (!out)
    fail(what);
  if (out[out_len] != '\0')
    fail("writer output not NUL-terminated at out_len");
  if (!nul_ok && strlen(out) != out_len)
    fail("writer output contains NUL");
  if (!valid_utf8((const unsigned char *)out, out_len))
    fail(what);
}

static void check_out(const char *out, size_t out_len, const char *what) {
  check_out_nul(out, out_len, what, 0);
}

/* Top-level keys rp_write_csljson may write (all CSL-JSON schema keys). */
static const char *const csl_keys[] = {
    "id", "type", "citation-number", "author", "editor", "translator", "title",
    "container-title", "container-title-short", "collection-title", "collection-number", "publisher", "publisher-place", "edition",
    "genre", "issued", "accessed", "volume", "issue", "page", "number-of-pages", "DOI",
    "PMID", "PMCID", "URL", "ISBN", "ISSN", "note", "version", "number", "archive", "section",
    "locator", "authority", "original-date", "number-of-volumes", "volume-title", "custom"};

/* Fields written as plain strings under their CSL name. */
static const struct {
  rp_field f;
  const char *key;
} csl_str[] = {
    {RP_FIELD_CITATION_NUMBER, "citation-number"}, {RP_FIELD_TITLE, "title"},
    {RP_FIELD_CONTAINER_TITLE, "container-title"}, {RP_FIELD_COLLECTION_TITLE, "collection-title"},
    {RP_FIELD_COLLECTION_NUMBER, "collection-number"},
    {RP_FIELD_PUBLISHER, "publisher"}, {RP_FIELD_PUBLISHER_PLACE, "publisher-place"},
    {RP_FIELD_EDITION, "edition"}, {RP_FIELD_GENRE, "genre"}, {RP_FIELD_VOLUME, "volume"},
    {RP_FIELD_ISSUE, "issue"}, {RP_FIELD_PAGE, "page"},
    {RP_FIELD_NUMBER_OF_PAGES, "number-of-pages"}, {RP_FIELD_DOI, "DOI"},
    {RP_FIELD_PMID, "PMID"}, {RP_FIELD_PMCID, "PMCID"}, {RP_FIELD_ISBN, "ISBN"}, {RP_FIELD_ISSN, "ISSN"}, {RP_FIELD_NOTE, "note"},
    {RP_FIELD_VERSION, "version"}, {RP_FIELD_SECTION, "section"}, {RP_FIELD_LOCATOR, "locator"},
    {RP_FIELD_NUMBER_OF_VOLUMES, "number-of-volumes"}, {RP_FIELD_VOLUME_TITLE, "volume-title"},
    {RP_FIELD_AUTHORITY, "authority"}};

static void check_names_json(json_t *arr, const rp_result *r, rp_role role) {
  size_t n = rp_result_name_count(r, role);
  if (!n) {
    if (arr)
      fail("csljson names for an empty role");
    return;
  }
  if (!json_is_array(arr) || json_array_size(arr) != n)
    fail("csljson name list does not match rp_result_name_count");
  for (size_t i = 0; i < n; i++) {
    json_t *o = json_array_get(arr, i);
    if (!json_is_object(o) || json_object_size(o) == 0)
      fail("csljson name is not a non-empty object");
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
      if (!json_is_string(v))
        fail("csljson name part is not a string");
      if (strcmp(k, "family") && strcmp(k, "given") && strcmp(k, "suffix") && strcmp(k, "literal") &&
          strcmp(k, "non-dropping-particle") && strcmp(k, "dropping-particle"))
        fail("csljson name has an unknown key");
    }
    /* the particle and the family make up rp_result_name's family */
    const char *fam = rp_result_name(r, role, i, RP_NAME_FAMILY);
    json_t *jf = json_object_get(o, "family");
    json_t *jp = json_object_get(o, "non-dropping-particle");
    if (!jp)
      jp = json_object_get(o, "dropping-particle");
    if (fam && jf) {
      size_t pl = jp ? json_string_length(jp) + 1 : 0;
      if (strlen(fam) < pl || (jp && (memcmp(fam, json_string_value(jp), pl - 1) || fam[pl - 1] != ' ')) ||
          strcmp(fam + pl, json_string_value(jf)))
        fail("csljson particle and family differ from rp_result_name");
    }
    const char *lit = rp_result_name(r, role, i, RP_NAME_LITERAL);
    json_t *jl = json_object_get(o, "literal");
    if (lit ? (!jl || strcmp(json_string_value(jl), lit)) : jl != NULL)
      fail("csljson literal name differs from rp_result_name");
  }
}

/* The BibTeX key is [a-z0-9]+; every file format's record for r is valid
 * UTF-8, and a RIS or TSV record is lines without controls but tabs. */
/* Every format through an rp_writer, the result written twice: each call
 * succeeds, and the csl-json file is a JSON array of two items. */
static void check_writers(const rp_parser *p, const rp_result *r) {
  for (int f = 0; f < RP_FORMAT_COUNT_; f++) {
    rp_writer *w = NULL;
    rp_status st = rp_writer_new(p, (rp_format)f, RP_WRITE_ET_AL_OTHERS, &w);
    char *all = NULL;
    size_t all_len = 0;
    for (int step = 0; step < 4 && st == RP_OK; step++) {
      char *s = NULL;
      size_t n = 0;
      st = step == 0   ? rp_writer_begin(w, &s, &n)
           : step == 3 ? rp_writer_end(w, &s, &n)
                       : rp_writer_add(w, r, "7", 1, &s, &n);
      if (st == RP_OK) {
        check_out(s, n, "rp_writer output invalid UTF-8");
        char *g = realloc(all, all_len + n + 1);
        if (!g)
          fail("out of memory");
        memcpy(g + all_len, s, n + 1);
        all = g;
        all_len += n;
      }
      rp_free(s);
    }
    if (st != RP_OK && st != RP_ERR_NOMEM)
      fail("rp_writer failed");
    if (st == RP_OK && f == RP_FORMAT_CSL_JSON) {
      json_error_t err;
      json_t *a = json_loadb(all, all_len, 0, &err);
      if (!json_is_array(a) || json_array_size(a) != 2)
        fail("rp_writer csl-json output is not an array of two items");
      json_decref(a);
    }
    free(all);
    rp_writer_free(w);
  }
}

static void check_file_formats(const rp_parser *p, const rp_result *r) {
  char *key = NULL, *out = NULL;
  size_t kl = 0, ol = 0;
  rp_status st = rp_bibtex_key(p, r, &key, &kl);
  if (st == RP_OK) {
    if (!kl || kl != strlen(key))
      fail("rp_bibtex_key: empty or length differs");
    for (size_t i = 0; i < kl; i++)
      if (!((key[i] >= 'a' && key[i] <= 'z') || (key[i] >= '0' && key[i] <= '9')))
        fail("rp_bibtex_key: a byte outside [a-z0-9]");
    st = rp_write_bibtex(r, key, kl, 0, &out, &ol);
    if (st == RP_OK)
      check_out(out, ol, "bibtex output invalid UTF-8");
    rp_free(out);
  }
  if (st != RP_OK && st != RP_ERR_NOMEM)
    fail("rp_bibtex_key or rp_write_bibtex failed");
  rp_free(key);
  for (int k = 0; k < 2; k++) {
    out = NULL;
    st = k ? rp_write_tsv(r, "1", 1, 0, &out, &ol) : rp_write_ris(r, "1", 1, 0, &out, &ol);
    if (st == RP_OK) {
      check_out(out, ol, "ris/tsv output invalid UTF-8");
      for (size_t i = 0; i < ol; i++)
        if (((unsigned char)out[i] < 0x20 && out[i] != '\n' && out[i] != '\t') ||
            (out[i] == '\t' && !k) || (out[i] == '\n' && k && i + 1 != ol))
          fail("ris/tsv output has a control character inside a value");
    } else if (st != RP_ERR_NOMEM) {
      fail("rp_write_ris or rp_write_tsv failed");
    }
    rp_free(out);
  }
}

static void check_json(const rp_result *r, const char *out, size_t out_len, const char *id,
                       size_t id_len, unsigned wf, size_t len) {
  check_out(out, out_len, "csljson output invalid UTF-8");
  if (memchr(out, '\n', out_len))
    fail("csljson output is not a single line");
  json_error_t err;
  json_t *j = json_loadb(out, out_len, JSON_ALLOW_NUL, &err);
  if (!j) {
    fprintf(stderr, "jansson: %s at %d\n%.*s\n", err.text, err.position, (int)out_len, out);
    fail("csljson output is not valid JSON");
  }
  if (!json_is_object(j))
    fail("csljson output is not an object");
  json_t *jid = json_object_get(j, "id");
  json_t *type = json_object_get(j, "type");
  if (!jid || !(json_is_string(jid) || json_is_integer(jid)))
    fail("csljson output has no id");
  if (json_is_string(jid)) {
    const char *want = id ? id : "1";
    size_t wl = id ? id_len : 1;
    if (json_string_length(jid) != wl || memcmp(json_string_value(jid), want, wl))
      fail("csljson id differs from the id given");
  } else if (!id || !(wf & RP_WRITE_ID_NUMERIC)) {
    fail("csljson numeric id without RP_WRITE_ID_NUMERIC");
  }
  if (!json_is_string(type) || strcmp(json_string_value(type), rp_type_name(rp_result_type(r))))
    fail("csljson type differs from rp_result_type");
  const char *k;
  json_t *v;
  json_object_foreach(j, k, v) {
    size_t i;
    for (i = 0; i < sizeof csl_keys / sizeof *csl_keys; i++)
      if (!strcmp(k, csl_keys[i]))
        break;
    if (i == sizeof csl_keys / sizeof *csl_keys) {
      fprintf(stderr, "key \"%s\"\n", k);
      fail("csljson output has a key outside the CSL-JSON schema");
    }
  }
  for (size_t i = 0; i < sizeof csl_str / sizeof *csl_str; i++) {
    const char *fv = rp_result_field(r, csl_str[i].f, NULL);
    json_t *jv = json_object_get(j, csl_str[i].key);
    if (fv ? (!json_is_string(jv) || strcmp(json_string_value(jv), fv)) : jv != NULL) {
      fprintf(stderr, "field \"%s\"\n", csl_str[i].key);
      fail("csljson field differs from rp_result_field");
    }
  }
  /* URL: the field, with "https://" when it had no scheme; else the arXiv
   * abstract page when there is an arXiv id */
  const char *url = rp_result_field(r, RP_FIELD_URL, NULL);
  const char *arxiv = rp_result_field(r, RP_FIELD_ARXIV, NULL);
  json_t *ju = json_object_get(j, "URL");
  const char *js = json_string_value(ju);
  if (url ? !js || (strcmp(js, url) && (strncmp(js, "https://", 8) || strcmp(js + 8, url)))
          : arxiv ? !js || strncmp(js, "https://arxiv.org/abs/", 22) || strcmp(js + 22, arxiv)
                  : ju != NULL)
    fail("csljson URL differs from rp_result_field (URL, or arXiv)");
  /* number: a preprint's arXiv id, else the number field (a report's,
   * a patent's, a case's) */
  json_t *jnum = json_object_get(j, "number");
  const char *num = arxiv && rp_result_type(r) == RP_TYPE_ARTICLE ? arxiv : rp_result_field(r, RP_FIELD_NUMBER, NULL);
  if (num ? !json_is_string(jnum) || strcmp(json_string_value(jnum), num) : jnum != NULL)
    fail("csljson number is neither the arXiv id nor the number field");
  const char *year = rp_result_field(r, RP_FIELD_YEAR, NULL);
  json_t *iss = json_object_get(j, "issued");
  if (year) {
    /* one date, or a range of two, each a year with its month and day
     * when known, the same number of parts each; the first year is the
     * year field's (which may hold a letter: "2007b") */
    json_t *dp = json_object_get(iss, "date-parts");
    size_t nd = json_array_size(dp), np = json_array_size(json_array_get(dp, 0));
    bool ok = json_is_object(iss) && (nd == 1 || nd == 2) && np >= 1 && np <= 3;
    for (size_t d = 0; ok && d < nd; d++) {
      json_t *dd = json_array_get(dp, d);
      ok = json_array_size(dd) == np;
      for (size_t q = 0; ok && q < np; q++)
        ok = json_is_integer(json_array_get(dd, q));
    }
    if (ok)
      ok = json_integer_value(json_array_get(json_array_get(dp, 0), 0)) == strtol(year, NULL, 10);
    if (!ok)
      fail("csljson issued is not {\"date-parts\":[[y(,m(,d))](,[...])]} of the year");
  } else if (iss) {
    fail("csljson issued without a year");
  }
  check_names_json(json_object_get(j, "author"), r, RP_ROLE_AUTHOR);
  check_names_json(json_object_get(j, "editor"), r, RP_ROLE_EDITOR);
  check_names_json(json_object_get(j, "translator"), r, RP_ROLE_TRANSLATOR);
  json_t *custom = json_object_get(j, "custom");
  if (wf & RP_WRITE_NO_CUSTOM) {
    if (custom)
      fail("csljson custom written with RP_WRITE_NO_CUSTOM");
  } else {
    if (!json_is_object(custom))
      fail("csljson custom is not an object");
    json_t *ws = json_object_get(custom, "warnings");
    size_t nw = rp_result_warning_count(r);
    if (nw ? (!json_is_array(ws) || json_array_size(ws) != nw) : ws != NULL)
      fail("csljson warnings differ from rp_result_warning_count");
    for (size_t i = 0; i < nw; i++) {
      json_t *w = json_array_get(ws, i);
      rp_span sp;
      const char *msg;
      rp_warning_code c = rp_result_warning(r, i, &sp, &msg);
      json_t *jc = json_object_get(w, "code");
      json_t *jo = json_object_get(w, "offset");
      json_t *jn = json_object_get(w, "length");
      json_t *jm = json_object_get(w, "message");
      if (!json_is_string(jc) || strcmp(json_string_value(jc), rp_warning_name(c)) ||
          !json_is_integer(jo) || (size_t)json_integer_value(jo) != sp.off ||
          !json_is_integer(jn) || (size_t)json_integer_value(jn) != sp.len ||
          (msg ? (!json_is_string(jm) || strcmp(json_string_value(jm), msg)) : jm != NULL))
        fail("csljson warning differs from rp_result_warning");
      if (sp.off > len || sp.len > len - sp.off)
        fail("csljson warning span outside input");
    }
  }
  json_decref(j);
}

/* nwrites rp_write_csljson calls (1..4): writer flag sets (len + 2i) & 3,
 * ids rotating with len, so every id meets every flag set across inputs. */
static void walk(const rp_parser *p, const rp_result *r, size_t len, unsigned nwrites) {
  rp_span sp;
  for (int f = 0; f <= RP_FIELD_COUNT_; f++) {
    const char *name = rp_field_name((rp_field)f);
    if (!name)
      fail("rp_field_name returned NULL");
    sp.off = sp.len = (size_t)-1;
    const char *v = rp_result_field(r, (rp_field)f, &sp);
    if (f == RP_FIELD_COUNT_ && v)
      fail("field out of range returned a value");
    check_str(v, "field value invalid UTF-8");
    if (v)
      check_span(&sp, len, "field span outside input");
    else if (sp.off || sp.len)
      fail("absent field with a non-empty span");
    (void)rp_result_field(r, (rp_field)f, NULL);
  }
  rp_type t = rp_result_type(r);
  if ((int)t < 0 || t >= RP_TYPE_COUNT_)
    fail("type out of range");
  if (!rp_type_name(t) || !*rp_type_name(t))
    fail("type has no name");
  for (int role = 0; role <= RP_ROLE_COUNT_; role++) {
    size_t n = rp_result_name_count(r, (rp_role)role);
    (void)rp_result_et_al(r, (rp_role)role);
    for (size_t i = 0; i <= n; i++)
      for (int part = 0; part <= RP_NAME_PART_COUNT_; part++) {
        const char *v = rp_result_name(r, (rp_role)role, i, (rp_name_part)part);
        if ((i == n || part == RP_NAME_PART_COUNT_) && v)
          fail("name out of range returned a value");
        check_str(v, "name part invalid UTF-8");
      }
  }
  const char *text = rp_result_text(r);
  if (!text)
    fail("rp_result_text NULL");
  check_str(text, "result text invalid UTF-8");
  size_t nw = rp_result_warning_count(r);
  int bad_msg = 0; /* a tolerated known bug: message with broken UTF-8 */
  for (size_t i = 0; i <= nw; i++) {
    const char *msg = NULL;
    rp_warning_code c = rp_result_warning(r, i, &sp, &msg);
    if (i == nw) {
      if (c != RP_WARN_COUNT_)
        fail("warning out of range not RP_WARN_COUNT_");
      break;
    }
    if ((int)c < 0 || c >= RP_WARN_COUNT_)
      fail("warning code out of range");
    if (!rp_warning_name(c) || !*rp_warning_name(c))
      fail("warning has no name");
    check_span(&sp, len, "warning span outside input");
    if (msg && !valid_utf8((const unsigned char *)msg, strlen(msg))) {
      if (!known("warning-utf8"))
        fail("warning message invalid UTF-8");
      bad_msg = 1;
    }
    (void)rp_result_warning(r, i, NULL, NULL);
  }

  /* ids: none, all digits (a JSON number with RP_WRITE_ID_NUMERIC), escapes
   * and a control character, a leading zero (never a number), an embedded
   * NUL and non-ASCII, and 16 digits (too long for a number). */
  static const struct {
    const char *s;
    size_t n;
  } ids[] = {{NULL, 0}, {"123", 3}, {"x\"y\\z\n\x01\x7f", 9}, {"007", 3},
             {"a\0b\xc3\xa9", 5}, {"1234567890123456", 16}};
  for (unsigned i = 0; i < nwrites; i++) {
    {
      unsigned wf = (unsigned)(len + 2 * i + i / 2) & 3;
      unsigned k = (unsigned)((len / 4 + i) % (sizeof ids / sizeof *ids));
      char *out = NULL;
      size_t out_len = 0;
      rp_status st = rp_write_csljson(r, ids[k].s, ids[k].n, wf, &out, &out_len);
      if (st == RP_OK) {
        if (!(bad_msg && !(wf & RP_WRITE_NO_CUSTOM)))
          check_json(r, out, out_len, ids[k].s, ids[k].n, wf, len);
      } else if (st != RP_ERR_NOMEM) {
        fprintf(stderr, "rp_write_csljson(id #%u, flags %u): %s\n", k, wf, rp_strerror(st));
        fail("rp_write_csljson failed");
      }
      rp_free(out);
    }
  }

  char *van = NULL;
  size_t van_len = 0;
  rp_status st = rp_write_vancouver(r, 0, &van, &van_len);
  if (st == RP_OK) {
    check_out(van, van_len, "vancouver output invalid UTF-8");
    if (!known("nfc") && !is_nfc(van, van_len)) {
      fprintf(stderr, "not NFC: \"%s\"\n", van);
      fail("vancouver output not in NFC");
    }
    char *f = NULL;
    size_t fl = 0;
    st = rp_ascii_fold(p, van, van_len, &f, &fl);
    if (st == RP_OK)
      check_out(f, fl, "ascii_fold output invalid UTF-8");
    else if (st != RP_ERR_NOMEM)
      fail("rp_ascii_fold failed on the Vancouver string");
    rp_free(f);
  } else if (st != RP_ERR_NOMEM) {
    fprintf(stderr, "rp_write_vancouver: %s\n", rp_strerror(st));
    fail("rp_write_vancouver failed");
  }
  rp_free(van);
  check_file_formats(p, r);
  check_writers(p, r);
}

/* The argument checks of the API, once. */
static void api_edges(void) {
  rp_result *r = (rp_result *)1;
  const rp_parser *p = parser_for(RP_OPT_DEFAULT);
  if (rp_parse(NULL, "x", 1, &r) != RP_ERR_ARG || r != NULL)
    fail("rp_parse(NULL parser)");
  if (rp_parse(p, NULL, 1, &r) != RP_ERR_ARG || rp_parse(p, "x", 1, NULL) != RP_ERR_ARG)
    fail("rp_parse argument checks");
  if (rp_parse(p, NULL, 0, &r) != RP_OK || !r)
    fail("rp_parse(NULL, 0) is an empty reference");
  walk(p, r, 0, 4);
  rp_result_free(r);
  rp_result_free(NULL);
  rp_parser_free(NULL);
  rp_options_free(NULL);
  rp_free(NULL);
  char *o = (char *)1;
  size_t ol;
  if (rp_write_csljson(NULL, NULL, 0, 0, &o, &ol) != RP_ERR_ARG || o)
    fail("rp_write_csljson(NULL)");
  o = (char *)1;
  if (rp_write_vancouver(NULL, 0, &o, &ol) != RP_ERR_ARG || o)
    fail("rp_write_vancouver(NULL)");
  o = (char *)1;
  if (rp_ascii_fold(NULL, "x", 1, &o, &ol) != RP_ERR_ARG || o)
    fail("rp_ascii_fold(NULL)");
  if (rp_ascii_fold(p, NULL, 0, &o, &ol) != RP_OK || !o || ol != 0)
    fail("rp_ascii_fold(NULL, 0)");
  rp_free(o);
  if (rp_result_field(NULL, RP_FIELD_TITLE, NULL) || rp_result_name_count(NULL, RP_ROLE_AUTHOR) ||
      rp_result_name(NULL, RP_ROLE_AUTHOR, 0, RP_NAME_FAMILY) || rp_result_et_al(NULL, RP_ROLE_AUTHOR) ||
      rp_result_warning_count(NULL) || rp_result_warning(NULL, 0, NULL, NULL) != RP_WARN_COUNT_ ||
      !rp_result_text(NULL) || rp_result_type(NULL) != RP_TYPE_ARTICLE_JOURNAL)
    fail("getters on NULL");
  if (*rp_field_name((rp_field)-1) || *rp_type_name((rp_type)-1) ||
      *rp_warning_name((rp_warning_code)-1) || !rp_strerror((rp_status)42) ||
      !rp_version_string() || rp_version() <= 0)
    fail("names out of range");
  rp_options *op = rp_options_new();
  if (!op || rp_options_set_max_length(op, 63) != RP_ERR_ARG ||
      rp_options_set_max_length(op, ((size_t)1 << 30) + 1) != RP_ERR_ARG ||
      rp_options_set_max_length(NULL, 100) != RP_ERR_ARG || rp_options_set_flags(NULL, 0) != RP_ERR_ARG ||
      rp_options_flags(NULL) != 0 || rp_options_flags(op) != RP_OPT_DEFAULT)
    fail("options checks");
  rp_options_free(op);
  rp_parser *np = (rp_parser *)1;
  if (rp_parser_new(NULL, NULL) != RP_ERR_ARG)
    fail("rp_parser_new(NULL out)");
  (void)np;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int init;
  static double slow_ms;
  if (!init) {
    init = 1;
    const char *e = getenv("RP_FUZZ_SLOW_MS");
    slow_ms = e ? atof(e) : 0;
    api_edges();
  }
  if (size < 4)
    return 0;
  uint32_t raw = (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 |
                 (uint32_t)data[3] << 24;
  unsigned sel = raw & (ALL_FLAGS | 3u << LEN_SHIFT);
  unsigned flags = raw & ALL_FLAGS;
  const char *text = (const char *)data + 4;
  size_t len = size - 4;
  const rp_parser *p = parser_for(sel);
  if (!p)
    return 0;
  double t0 = slow_ms > 0 ? now_ms() : 0;

  rp_result *r = NULL;
  rp_status st = rp_parse(p, text, len, &r);
  if (st == RP_OK) {
    if (!r)
      fail("rp_parse RP_OK without result");
    walk(p, r, len, 2);
  } else {
    if (r)
      fail("rp_parse error with a result");
    if (!(st == RP_ERR_UTF8 && !(flags & RP_OPT_REPAIR_UTF8)) && st != RP_ERR_NOMEM &&
        st != RP_ERR_LIMIT) {
      fprintf(stderr, "rp_parse: %s\n", rp_strerror(st));
      fail("rp_parse failed on input");
    }
  }
  rp_result_free(r);

  /* rp_normalize: on one input in four (it runs the same pipeline as
   * rp_parse today; halving the cost per input doubles the executions) */
  if ((len & 3) == 1) {
    r = NULL;
    st = rp_normalize(p, text, len, &r);
    if (st == RP_OK) {
      if (!r)
        fail("rp_normalize RP_OK without result");
      walk(p, r, len, 1);
    } else {
      if (r)
        fail("rp_normalize error with a result");
      if (!(st == RP_ERR_UTF8 && !(flags & RP_OPT_REPAIR_UTF8)) && st != RP_ERR_NOMEM &&
          st != RP_ERR_LIMIT) {
        fprintf(stderr, "rp_normalize: %s\n", rp_strerror(st));
        fail("rp_normalize failed on input");
      }
    }
    rp_result_free(r);
  }

  /* rp_ascii_fold over the raw input (any bytes) on one input in four
   * (len % 4 == 2): ICU transliteration of the whole input is costly */
  if ((len & 3) == 2) {
    char *f = NULL;
    size_t fl = 0;
    st = rp_ascii_fold(p, text, len, &f, &fl);
    if (st == RP_OK)
      check_out_nul(f, fl, "ascii_fold output invalid UTF-8", 1);
    rp_free(f);
  }

  if (slow_ms > 0) {
    double ms = now_ms() - t0;
    if (ms > slow_ms) {
      fprintf(stderr, "fuzz_parse: slow input: %.0f ms (limit %.0f ms), %zu bytes, selector 0x%x\n",
              ms, slow_ms, len, sel);
      fail("slow input");
    }
  }
  return 0;
}
