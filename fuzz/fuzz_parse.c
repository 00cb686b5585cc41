/*
 * fuzz_parse.c: libFuzzer target for the whole public API.
 *
 * Input layout: the first 4 bytes (little-endian) select the RP_OPT_* flags
 * (masked to the defined bits); the rest is the reference text. For each
 * input: rp_parse and rp_normalize, every getter over every field, name part
 * and warning, rp_write_csljson (both writer flag sets), rp_write_vancouver,
 * rp_ascii_fold over the text and the Vancouver string; everything freed.
 *
 * Invariants checked (abort() on violation so libFuzzer records a crash):
 *  - rp_parse / rp_normalize return RP_OK with a result whenever
 *    RP_OPT_REPAIR_UTF8 is on (messy input is not an error);
 *  - every returned string is NUL-terminated valid UTF-8 (length agrees);
 *  - spans lie inside the input;
 *  - rp_write_csljson output is one line of valid JSON (jansson), an object
 *    with "id" and "type", and out_len == strlen(out).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <refparse.h>

#define ALL_FLAGS                                                              \
  (RP_OPT_REPAIR_UTF8 | RP_OPT_STRIP_MARKERS | RP_OPT_REPAIR_MOJIBAKE |        \
   RP_OPT_DECODE_MARKUP | RP_OPT_JOIN_DIACRITICS | RP_OPT_DEDUP_LOCATORS |     \
   RP_OPT_EXPAND_PAGES | RP_OPT_REPAIR_WORDS | RP_OPT_TITLECASE_NAMES)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parsers are expensive to make (every pattern compiled, ~10 ms under ASan)
 * and there are 512 flag sets, so keep the 64 most recently used. */
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

static const rp_parser *parser_for(unsigned flags) {
  unsigned slot = 0;
  for (unsigned i = 0; i < CACHE; i++) {
    if (cache[i].p && cache[i].flags == flags) {
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
  rp_parser *p = NULL;
  rp_status st = rp_parser_new(o, &p);
  rp_options_free(o);
  if (st != RP_OK || !p)
    fail("rp_parser_new failed");
  cache[slot].flags = flags;
  cache[slot].used = ++clock_;
  cache[slot].p = p;
  return p;
}

/* Strict UTF-8 check (no overlongs, no surrogates, <= U+10FFFF). */
static int valid_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t k;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF)
      k = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
      k = 2, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
      k = 3, cp = c & 0x07;
    else
      return 0;
    if (i + k >= n)
      return 0;
    for (size_t j = 1; j <= k; j++) {
      if ((s[i + j] & 0xC0) != 0x80)
        return 0;
      cp = (cp << 6) | (s[i + j] & 0x3F);
    }
    if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += k + 1;
  }
  return 1;
}

static void check_str(const char *s, const char *what) {
  if (!s)
    return;
  if (!valid_utf8((const unsigned char *)s, strlen(s)))
    fail(what);
}

static void check_span(const rp_span *sp, size_t len, const char *what) {
  if (sp->off > len || sp->len > len - sp->off)
    fail(what);
}

static void check_out(const char *out, size_t out_len, const char *what) {
  if (!out)
    fail(what);
  if (out[out_len] != '\0')
    fail("writer output not NUL-terminated at out_len");
  if (!valid_utf8((const unsigned char *)out, out_len))
    fail(what);
}

static void check_json(const char *out, size_t out_len) {
  check_out(out, out_len, "csljson output invalid UTF-8");
  if (strlen(out) != out_len)
    fail("csljson output contains NUL");
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
  json_t *id = json_object_get(j, "id");
  json_t *type = json_object_get(j, "type");
  if (!id || !(json_is_string(id) || json_is_integer(id)))
    fail("csljson output has no id");
  if (!json_is_string(type) || json_string_length(type) == 0)
    fail("csljson output has no type");
  json_decref(j);
}

static void walk(const rp_parser *p, const rp_result *r, size_t len) {
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
    if (msg && known("warning-utf8") && !valid_utf8((const unsigned char *)msg, strlen(msg)))
      bad_msg = 1;
    else
      check_str(msg, "warning message invalid UTF-8");
    (void)rp_result_warning(r, i, NULL, NULL);
  }

  static const char *const ids[] = {NULL, "123", "x\"y\\z\n\x01", "007"};
  for (unsigned k = 0; k < 4; k++) {
    char *out = NULL;
    size_t out_len = 0;
    unsigned wf = (k & 1) ? RP_WRITE_ID_NUMERIC : RP_WRITE_NO_CUSTOM;
    const char *id = ids[k];
    rp_status st = rp_write_csljson(r, id, id ? strlen(id) : 0, wf, &out, &out_len);
    if (st == RP_OK) {
      if (!(bad_msg && !(wf & RP_WRITE_NO_CUSTOM)))
        check_json(out, out_len);
    } else if (st != RP_ERR_NOMEM) {
      fprintf(stderr, "rp_write_csljson(id #%u, flags %u): %s\n", k, wf, rp_strerror(st));
      fail("rp_write_csljson failed");
    }
    rp_free(out);
  }

  char *van = NULL;
  size_t van_len = 0;
  rp_status st = rp_write_vancouver(r, 0, &van, &van_len);
  if (st == RP_OK) {
    check_out(van, van_len, "vancouver output invalid UTF-8");
    char *f = NULL;
    size_t fl = 0;
    st = rp_ascii_fold(p, van, van_len, &f, &fl);
    if (st == RP_OK)
      check_out(f, fl, "ascii_fold output invalid UTF-8");
    rp_free(f);
  } else if (st != RP_ERR_NOMEM) {
    fprintf(stderr, "rp_write_vancouver: %s\n", rp_strerror(st));
    fail("rp_write_vancouver failed");
  }
  rp_free(van);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 4)
    return 0;
  uint32_t raw = (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 |
                 (uint32_t)data[3] << 24;
  unsigned flags = raw & ALL_FLAGS;
  const char *text = (const char *)data + 4;
  size_t len = size - 4;
  const rp_parser *p = parser_for(flags);
  if (!p)
    return 0;

  rp_result *r = NULL;
  rp_status st = rp_parse(p, text, len, &r);
  if (st == RP_OK) {
    if (!r)
      fail("rp_parse RP_OK without result");
    walk(p, r, len);
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

  r = NULL;
  st = rp_normalize(p, text, len, &r);
  if (st == RP_OK) {
    if (!r)
      fail("rp_normalize RP_OK without result");
    walk(p, r, len);
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

  char *f = NULL;
  size_t fl = 0;
  st = rp_ascii_fold(p, text, len, &f, &fl);
  if (st == RP_OK)
    check_out(f, fl, "ascii_fold output invalid UTF-8");
  rp_free(f);
  return 0;
}
