/*
 * test_api.c: the public API (refparse.h) as a user sees it, through the
 * shared library: status texts, version, enum names, options, misuse
 * answered with status codes, a few exact parses with spans and warnings,
 * the writers, rp_normalize, and a shared parser used by several threads.
 *
 * usage: test_api [CORPUS.jsonl...]   (raw strings for the thread test)
 */
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <refparse.h>

#include "harness.h"

static const char MURRY[] =
    "Murry CE, Soonpaa MH, Reinecke H, et al. Haematopoietic stem cells do not "
    "transdifferentiate into cardiac myocytes in myocardial infarcts. Nature. "
    "2004;428(6983):664\xE2\x80\x93" "8.";
static const char MURRY_TITLE[] =
    "Haematopoietic stem cells do not transdifferentiate into cardiac myocytes in "
    "myocardial infarcts";

static rp_parser *parser;

static rp_result *parse(const char *s) {
  rp_result *r = NULL;
  rp_status st = rp_parse(parser, s, strlen(s), &r);
  if (st != RP_OK)
    DIAG("rp_parse failed on \"%s\": %s", s, rp_strerror(st));
  return r;
}

/* Index of the first warning with the given code, or -1. */
static long find_warning(const rp_result *r, rp_warning_code code, rp_span *span,
                         const char **msg) {
  size_t n = rp_result_warning_count(r);
  for (size_t i = 0; i < n; i++)
    if (rp_result_warning(r, i, span, msg) == code)
      return (long)i;
  return -1;
}

/* Is s (NUL-terminated) valid UTF-8? Shortest forms, no surrogates. */
static bool valid_utf8(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    unsigned c = *p, n, cp;
    if (c < 0x80) {
      p++;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF)
      n = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
      n = 2, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
      n = 3, cp = c & 0x07;
    else
      return false;
    for (unsigned k = 1; k <= n; k++) {
      if ((p[k] & 0xC0) != 0x80)
        return false;
      cp = (cp << 6) | (p[k] & 0x3F);
    }
    if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    p += n + 1;
  }
  return true;
}

/* Byte offset of needle in hay, or -1. */
static long offset_of(const char *hay, const char *needle) {
  const char *p = strstr(hay, needle);
  return p ? (long)(p - hay) : -1;
}

/* ---- status, version, names ---------------------------------------------- */

static void test_strerror(void) {
  static const struct {
    rp_status st;
    const char *text;
  } cases[] = {
      {RP_OK, "no error"},
      {RP_ERR_NOMEM, "out of memory"},
      {RP_ERR_ARG, "invalid argument"},
      {RP_ERR_TOOBIG, "input too large"},
      {RP_ERR_LIMIT, "match or work limit reached"},
      {RP_ERR_UTF8, "invalid UTF-8"},
      {RP_ERR_INTERNAL, "internal error"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    STR_EQ(rp_strerror(cases[i].st), cases[i].text, "rp_strerror(%d)", (int)cases[i].st);
  /* every text distinct */
  int distinct = 1;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    for (size_t j = i + 1; j < sizeof cases / sizeof cases[0]; j++)
      if (!strcmp(rp_strerror(cases[i].st), rp_strerror(cases[j].st)))
        distinct = 0;
  OK(distinct, "rp_strerror texts are distinct");
  /* out of range: static, non-empty, never NULL */
  const char *u1 = rp_strerror((rp_status)1), *u2 = rp_strerror((rp_status)-7);
  OK(u1 && *u1, "rp_strerror(1) is a non-empty text");
  OK(u2 && *u2, "rp_strerror(-7) is a non-empty text");
  STR_EQ(rp_strerror((rp_status)-1000), "unknown status", "rp_strerror(-1000)");
}

static void test_version(void) {
  INT_EQ(RP_VERSION_NUM, (RP_VERSION_MAJOR << 16) | (RP_VERSION_MINOR << 8) | RP_VERSION_PATCH,
         "RP_VERSION_NUM is 0xMMmmpp");
  INT_EQ(rp_version(), RP_VERSION_NUM, "rp_version() == RP_VERSION_NUM");
  STR_EQ(rp_version_string(), RP_VERSION_STRING, "rp_version_string() == RP_VERSION_STRING");
  char buf[64];
  snprintf(buf, sizeof buf, "%d.%d.%d", RP_VERSION_MAJOR, RP_VERSION_MINOR, RP_VERSION_PATCH);
  STR_EQ(rp_version_string(), buf, "rp_version_string() is MAJOR.MINOR.PATCH");
  STR_EQ(RP_VERSION_STRING, MESON_PROJECT_VERSION, "header version == meson project version");
}

static void test_names(void) {
  static const char *const fields[RP_FIELD_COUNT_] = {
      [RP_FIELD_TITLE] = "title",
      [RP_FIELD_CONTAINER_TITLE] = "container-title",
      [RP_FIELD_YEAR] = "issued",
      [RP_FIELD_VOLUME] = "volume",
      [RP_FIELD_ISSUE] = "issue",
      [RP_FIELD_PAGE] = "page",
      [RP_FIELD_DOI] = "DOI",
      [RP_FIELD_PMID] = "PMID",
      [RP_FIELD_PMCID] = "PMCID",
      [RP_FIELD_URL] = "URL",
      [RP_FIELD_PUBLISHER] = "publisher",
      [RP_FIELD_PUBLISHER_PLACE] = "publisher-place",
      [RP_FIELD_EDITION] = "edition",
      [RP_FIELD_ARXIV] = "arxiv",
      [RP_FIELD_ISBN] = "ISBN",
      [RP_FIELD_ISSN] = "ISSN",
      [RP_FIELD_NUMBER_OF_PAGES] = "number-of-pages",
      [RP_FIELD_GENRE] = "genre",
      [RP_FIELD_CITATION_NUMBER] = "citation-number",
      [RP_FIELD_COLLECTION_TITLE] = "collection-title",
      [RP_FIELD_ACCESSED] = "accessed",
      [RP_FIELD_NOTE] = "note", [RP_FIELD_VERSION] = "version",
      [RP_FIELD_ORIGINAL_DATE] = "original-date",
      [RP_FIELD_NUMBER] = "number",
      [RP_FIELD_COLLECTION_NUMBER] = "collection-number",
      [RP_FIELD_AUTHORITY] = "authority",
      [RP_FIELD_SECTION] = "section",
      [RP_FIELD_LOCATOR] = "locator",
      [RP_FIELD_NUMBER_OF_VOLUMES] = "number-of-volumes",
      [RP_FIELD_VOLUME_TITLE] = "volume-title",
  };
  for (int f = 0; f < RP_FIELD_COUNT_; f++)
    STR_EQ(rp_field_name((rp_field)f), fields[f], "rp_field_name(%d)", f);
  STR_EQ(rp_field_name(RP_FIELD_COUNT_), "", "rp_field_name(RP_FIELD_COUNT_) is \"\"");
  STR_EQ(rp_field_name((rp_field)-1), "", "rp_field_name(-1) is \"\"");
  STR_EQ(rp_field_name((rp_field)1000), "", "rp_field_name(1000) is \"\"");

  static const char *const types[RP_TYPE_COUNT_] = {
      [RP_TYPE_ARTICLE_JOURNAL] = "article-journal",
      [RP_TYPE_BOOK] = "book",
      [RP_TYPE_CHAPTER] = "chapter",
      [RP_TYPE_PAPER_CONFERENCE] = "paper-conference",
      [RP_TYPE_THESIS] = "thesis",
      [RP_TYPE_REPORT] = "report",
      [RP_TYPE_WEBPAGE] = "webpage",
      [RP_TYPE_ARTICLE] = "article",
      [RP_TYPE_SOFTWARE] = "software",
      [RP_TYPE_DATASET] = "dataset",
      [RP_TYPE_PATENT] = "patent",
      [RP_TYPE_MOTION_PICTURE] = "motion_picture",
      [RP_TYPE_LEGAL_CASE] = "legal_case",
      [RP_TYPE_LEGISLATION] = "legislation",
  };
  for (int t = 0; t < RP_TYPE_COUNT_; t++)
    STR_EQ(rp_type_name((rp_type)t), types[t], "rp_type_name(%d)", t);
  STR_EQ(rp_type_name(RP_TYPE_COUNT_), "", "rp_type_name(RP_TYPE_COUNT_) is \"\"");
  STR_EQ(rp_type_name((rp_type)-1), "", "rp_type_name(-1) is \"\"");

  static const char *const warns[RP_WARN_COUNT_] = {
      [RP_WARN_INVALID_UTF8] = "invalid-utf8",
      [RP_WARN_CONTROL_CHAR] = "control-char",
      [RP_WARN_TRUNCATED] = "truncated",
      [RP_WARN_EMPTY] = "empty",
      [RP_WARN_MOJIBAKE] = "mojibake",
      [RP_WARN_MARKUP] = "markup",
      [RP_WARN_DIACRITIC] = "diacritic",
      [RP_WARN_NFC] = "nfc",
      [RP_WARN_SPACE] = "space",
      [RP_WARN_MARKER] = "marker",
      [RP_WARN_DUP_LOCATOR] = "dup-locator",
      [RP_WARN_DUP_CONFLICT] = "dup-conflict",
      [RP_WARN_PAGE_EXPANDED] = "page-expanded",
      [RP_WARN_PAGE_SUSPECT] = "page-suspect",
      [RP_WARN_WORD_REPAIRED] = "word-repaired",
      [RP_WARN_PUNCT_REPAIRED] = "punct-repaired",
      [RP_WARN_NAME_REPAIRED] = "name-repaired",
      [RP_WARN_UNPARSED] = "unparsed",
      [RP_WARN_NO_TITLE] = "no-title",
      [RP_WARN_LIMIT] = "limit",
      [RP_WARN_DASH] = "dash",
      [RP_WARN_QUOTE] = "quote",
      [RP_WARN_ENCODING] = "encoding",
  };
  for (int w = 0; w < RP_WARN_COUNT_; w++)
    STR_EQ(rp_warning_name((rp_warning_code)w), warns[w], "rp_warning_name(%d)", w);
  STR_EQ(rp_warning_name(RP_WARN_COUNT_), "", "rp_warning_name(RP_WARN_COUNT_) is \"\"");
  STR_EQ(rp_warning_name((rp_warning_code)-1), "", "rp_warning_name(-1) is \"\"");
}

/* ---- options -------------------------------------------------------------- */

static void test_options(void) {
  rp_options *o = rp_options_new();
  OK(o != NULL, "rp_options_new");
  if (!o)
    return;
  INT_EQ(rp_options_flags(o), RP_OPT_DEFAULT, "new options hold RP_OPT_DEFAULT");
  OK(!(RP_OPT_DEFAULT & RP_OPT_TITLECASE_NAMES), "RP_OPT_TITLECASE_NAMES is off by default");
  INT_EQ(rp_options_set_flags(o, RP_OPT_EXPAND_PAGES | RP_OPT_TITLECASE_NAMES), RP_OK,
         "rp_options_set_flags");
  INT_EQ(rp_options_flags(o), RP_OPT_EXPAND_PAGES | RP_OPT_TITLECASE_NAMES,
         "rp_options_flags reads back what was set");
  INT_EQ(rp_options_set_flags(o, 0), RP_OK, "rp_options_set_flags(0)");
  INT_EQ(rp_options_flags(o), 0, "flags 0 read back");
  INT_EQ(rp_options_set_flags(NULL, RP_OPT_DEFAULT), RP_ERR_ARG, "set_flags(NULL) -> RP_ERR_ARG");
  INT_EQ(rp_options_flags(NULL), 0, "rp_options_flags(NULL) is 0");

  INT_EQ(rp_options_set_max_length(o, 63), RP_ERR_ARG, "max_length 63 -> RP_ERR_ARG");
  INT_EQ(rp_options_set_max_length(o, 0), RP_ERR_ARG, "max_length 0 -> RP_ERR_ARG");
  INT_EQ(rp_options_set_max_length(o, 64), RP_OK, "max_length 64 ok");
  INT_EQ(rp_options_set_max_length(o, (size_t)1 << 30), RP_OK, "max_length 1 GiB ok");
  INT_EQ(rp_options_set_max_length(o, ((size_t)1 << 30) + 1), RP_ERR_ARG,
         "max_length 1 GiB + 1 -> RP_ERR_ARG");
  INT_EQ(rp_options_set_max_length(o, SIZE_MAX), RP_ERR_ARG, "max_length SIZE_MAX -> RP_ERR_ARG");
  INT_EQ(rp_options_set_max_length(NULL, 100), RP_ERR_ARG, "set_max_length(NULL) -> RP_ERR_ARG");

  /* the parser copies the options: freeing or changing them afterwards has
   * no effect on it */
  rp_options_set_flags(o, RP_OPT_DEFAULT);
  rp_options_set_max_length(o, 64);
  rp_parser *p = NULL;
  INT_EQ(rp_parser_new(o, &p), RP_OK, "rp_parser_new with options");
  rp_options_set_max_length(o, 8192);
  rp_options_free(o);
  if (!p)
    return;
  char big[200];
  memset(big, 'a', sizeof big);
  rp_result *r = NULL;
  INT_EQ(rp_parse(p, big, sizeof big, &r), RP_OK, "200 bytes on a 64-byte parser: RP_OK");
  INT_EQ(strlen(rp_result_text(r)), 64, "text truncated to max_length 64");
  OK(find_warning(r, RP_WARN_TRUNCATED, NULL, NULL) >= 0, "truncated warning");
  rp_result_free(r);
  r = NULL;
  INT_EQ(rp_parse(p, big, 64, &r), RP_OK, "64 bytes on a 64-byte parser");
  INT_EQ(find_warning(r, RP_WARN_TRUNCATED, NULL, NULL), -1, "exactly max_length: no truncation");
  rp_result_free(r);
  rp_parser_free(p);

  /* without RP_OPT_REPAIR_UTF8, invalid UTF-8 is an error */
  o = rp_options_new();
  rp_options_set_flags(o, RP_OPT_DEFAULT & ~RP_OPT_REPAIR_UTF8);
  p = NULL;
  INT_EQ(rp_parser_new(o, &p), RP_OK, "parser without REPAIR_UTF8");
  rp_options_free(o);
  r = (rp_result *)&r; /* garbage that must be overwritten */
  INT_EQ(rp_parse(p, "Smith J. Ti\xff" "tle. 2001.", 20, &r), RP_ERR_UTF8,
         "invalid UTF-8 without repair -> RP_ERR_UTF8");
  OK(r == NULL, "*out is NULL on RP_ERR_UTF8");
  r = (rp_result *)&r;
  INT_EQ(rp_normalize(p, "\xc3", 1, &r), RP_ERR_UTF8, "rp_normalize: RP_ERR_UTF8");
  OK(r == NULL, "rp_normalize: *out is NULL on RP_ERR_UTF8");
  r = NULL;
  INT_EQ(rp_parse(p, "Smith J. Title. 2001.", 21, &r), RP_OK, "valid UTF-8 without repair ok");
  rp_result_free(r);
  rp_parser_free(p);

  /* RP_OPT_TITLECASE_NAMES */
  o = rp_options_new();
  rp_options_set_flags(o, RP_OPT_DEFAULT | RP_OPT_TITLECASE_NAMES);
  p = NULL;
  rp_parser_new(o, &p);
  rp_options_free(o);
  const char *caps = "MURRY CE, SOONPAA MH. A title. Nature. 2004;1:2.";
  r = NULL;
  rp_parse(p, caps, strlen(caps), &r);
  STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, 0, RP_NAME_FAMILY), "Murry", "TITLECASE_NAMES: MURRY");
  STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, 1, RP_NAME_FAMILY), "Soonpaa",
         "TITLECASE_NAMES: SOONPAA");
  rp_result_free(r);
  rp_parser_free(p);
  r = parse(caps);
  STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, 0, RP_NAME_FAMILY), "MURRY",
         "default options keep MURRY");
  rp_result_free(r);
}

/* ---- misuse ----------------------------------------------------------------- */

static void test_misuse(void) {
  rp_result *r = (rp_result *)&r;
  INT_EQ(rp_parser_new(NULL, NULL), RP_ERR_ARG, "rp_parser_new(NULL out) -> RP_ERR_ARG");

  INT_EQ(rp_parse(NULL, "x", 1, &r), RP_ERR_ARG, "rp_parse(NULL parser) -> RP_ERR_ARG");
  OK(r == NULL, "rp_parse(NULL parser): *out NULL");
  INT_EQ(rp_parse(parser, "x", 1, NULL), RP_ERR_ARG, "rp_parse(NULL out) -> RP_ERR_ARG");
  r = (rp_result *)&r;
  INT_EQ(rp_parse(parser, NULL, 1, &r), RP_ERR_ARG, "rp_parse(NULL text, len 1) -> RP_ERR_ARG");
  OK(r == NULL, "rp_parse(NULL text): *out NULL");
  r = NULL;
  INT_EQ(rp_parse(parser, NULL, 0, &r), RP_OK, "rp_parse(NULL text, len 0) -> RP_OK");
  OK(r != NULL, "rp_parse(NULL, 0) gives a result");
  STR_EQ(rp_result_text(r), "", "empty input: text \"\"");
  INT_EQ(rp_result_type(r), RP_TYPE_ARTICLE_JOURNAL, "empty input: type article-journal");
  INT_EQ(rp_result_warning_count(r), 1, "empty input: one warning");
  INT_EQ(rp_result_warning(r, 0, NULL, NULL), RP_WARN_EMPTY, "empty input: warning 'empty'");
  INT_EQ(rp_result_warning(r, 1, NULL, NULL), RP_WARN_COUNT_,
         "warning index out of range -> RP_WARN_COUNT_");
  OK(rp_result_field(r, RP_FIELD_TITLE, NULL) == NULL, "empty input: no title");
  OK(rp_result_field(r, RP_FIELD_COUNT_, NULL) == NULL, "field RP_FIELD_COUNT_ -> NULL");
  OK(rp_result_field(r, (rp_field)-1, NULL) == NULL, "field -1 -> NULL");
  INT_EQ(rp_result_name_count(r, RP_ROLE_AUTHOR), 0, "empty input: no authors");
  OK(rp_result_name(r, RP_ROLE_AUTHOR, 0, RP_NAME_FAMILY) == NULL, "name 0 of none -> NULL");
  OK(rp_result_name(r, RP_ROLE_COUNT_, 0, RP_NAME_FAMILY) == NULL, "role out of range -> NULL");
  rp_result_free(r);

  r = (rp_result *)&r;
  INT_EQ(rp_normalize(NULL, "x", 1, &r), RP_ERR_ARG, "rp_normalize(NULL parser) -> RP_ERR_ARG");
  OK(r == NULL, "rp_normalize(NULL parser): *out NULL");
  INT_EQ(rp_normalize(parser, "x", 1, NULL), RP_ERR_ARG, "rp_normalize(NULL out) -> RP_ERR_ARG");
  r = (rp_result *)&r;
  INT_EQ(rp_normalize(parser, NULL, 3, &r), RP_ERR_ARG, "rp_normalize(NULL text, 3) -> RP_ERR_ARG");
  OK(r == NULL, "rp_normalize(NULL text): *out NULL");
  r = NULL;
  INT_EQ(rp_normalize(parser, NULL, 0, &r), RP_OK, "rp_normalize(NULL text, 0) -> RP_OK");
  STR_EQ(rp_result_text(r), "", "rp_normalize(NULL, 0): text \"\"");
  rp_result_free(r);

  /* getters on NULL */
  INT_EQ(rp_result_name_count(NULL, RP_ROLE_AUTHOR), 0, "rp_result_name_count(NULL) 0");
  OK(rp_result_name(NULL, RP_ROLE_AUTHOR, 0, RP_NAME_FAMILY) == NULL, "rp_result_name(NULL)");
  OK(!rp_result_et_al(NULL, RP_ROLE_AUTHOR), "rp_result_et_al(NULL) false");
  INT_EQ(rp_result_warning_count(NULL), 0, "rp_result_warning_count(NULL) 0");
  INT_EQ(rp_result_warning(NULL, 0, NULL, NULL), RP_WARN_COUNT_, "rp_result_warning(NULL)");
  INT_EQ(rp_result_type(NULL), RP_TYPE_ARTICLE_JOURNAL, "rp_result_type(NULL)");
  rp_span sp = {7, 7};
  OK(rp_result_field(NULL, RP_FIELD_TITLE, &sp) == NULL, "rp_result_field(NULL)");

  /* writers */
  r = parse("Smith J. A title. J Foo. 2001;2:3-4.");
  char *out = (char *)&r;
  size_t len = 99;
  INT_EQ(rp_write_csljson(NULL, NULL, 0, 0, &out, &len), RP_ERR_ARG,
         "rp_write_csljson(NULL result) -> RP_ERR_ARG");
  INT_EQ(rp_write_csljson(r, NULL, 0, 0, NULL, &len), RP_ERR_ARG,
         "rp_write_csljson(NULL out) -> RP_ERR_ARG");
  INT_EQ(rp_write_csljson(r, NULL, 5, 0, &out, &len), RP_ERR_ARG,
         "rp_write_csljson(NULL id, id_len 5) -> RP_ERR_ARG");
  INT_EQ(rp_write_vancouver(NULL, 0, &out, &len), RP_ERR_ARG,
         "rp_write_vancouver(NULL result) -> RP_ERR_ARG");
  INT_EQ(rp_write_vancouver(r, 0, NULL, &len), RP_ERR_ARG,
         "rp_write_vancouver(NULL out) -> RP_ERR_ARG");
  INT_EQ(rp_ascii_fold(NULL, "x", 1, &out, &len), RP_ERR_ARG, "rp_ascii_fold(NULL parser)");
  INT_EQ(rp_ascii_fold(parser, NULL, 1, &out, &len), RP_ERR_ARG, "rp_ascii_fold(NULL text, 1)");
  INT_EQ(rp_ascii_fold(parser, "x", 1, NULL, &len), RP_ERR_ARG, "rp_ascii_fold(NULL out)");
  out = NULL;
  INT_EQ(rp_ascii_fold(parser, NULL, 0, &out, &len), RP_OK, "rp_ascii_fold(NULL text, 0) ok");
  STR_EQ(out, "", "rp_ascii_fold of nothing is \"\"");
  INT_EQ(len, 0, "rp_ascii_fold of nothing: length 0");
  rp_free(out);
  rp_result_free(r);

  /* every free accepts NULL (would crash otherwise) */
  rp_result_free(NULL);
  rp_parser_free(NULL);
  rp_options_free(NULL);
  rp_free(NULL);
  OK(1, "rp_result_free/rp_parser_free/rp_options_free/rp_free accept NULL");
}

/* ---- exact parses ----------------------------------------------------------- */

static void test_murry(void) {
  rp_result *r = parse(MURRY);
  OK(r != NULL, "Murry: parsed");
  if (!r)
    return;
  INT_EQ(rp_result_type(r), RP_TYPE_ARTICLE_JOURNAL, "Murry: type");
  INT_EQ(rp_result_name_count(r, RP_ROLE_AUTHOR), 3, "Murry: 3 authors");
  static const char *const fam[] = {"Murry", "Soonpaa", "Reinecke"};
  static const char *const giv[] = {"C. E.", "M. H.", "H."};
  static const char *const asc[] = {"Murry CE", "Soonpaa MH", "Reinecke H"};
  for (size_t i = 0; i < 3; i++) {
    STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, i, RP_NAME_FAMILY), fam[i], "Murry: family %zu", i);
    STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, i, RP_NAME_GIVEN), giv[i], "Murry: given %zu", i);
    STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, i, RP_NAME_ASCII), asc[i], "Murry: ascii %zu", i);
    OK(rp_result_name(r, RP_ROLE_AUTHOR, i, RP_NAME_SUFFIX) == NULL, "Murry: no suffix %zu", i);
    OK(rp_result_name(r, RP_ROLE_AUTHOR, i, RP_NAME_LITERAL) == NULL, "Murry: no literal %zu", i);
  }
  OK(rp_result_name(r, RP_ROLE_AUTHOR, 3, RP_NAME_FAMILY) == NULL, "Murry: author 3 -> NULL");
  OK(rp_result_name(r, RP_ROLE_AUTHOR, 0, RP_NAME_PART_COUNT_) == NULL,
     "Murry: name part out of range -> NULL");
  OK(rp_result_et_al(r, RP_ROLE_AUTHOR), "Murry: et al.");
  OK(!rp_result_et_al(r, RP_ROLE_EDITOR), "Murry: editors not et al.");
  INT_EQ(rp_result_name_count(r, RP_ROLE_EDITOR), 0, "Murry: no editors");
  STR_EQ(rp_result_field(r, RP_FIELD_TITLE, NULL), MURRY_TITLE, "Murry: title");
  STR_EQ(rp_result_field(r, RP_FIELD_CONTAINER_TITLE, NULL), "Nature", "Murry: container");
  STR_EQ(rp_result_field(r, RP_FIELD_YEAR, NULL), "2004", "Murry: year");
  STR_EQ(rp_result_field(r, RP_FIELD_VOLUME, NULL), "428", "Murry: volume");
  STR_EQ(rp_result_field(r, RP_FIELD_ISSUE, NULL), "6983", "Murry: issue");
  STR_EQ(rp_result_field(r, RP_FIELD_PAGE, NULL), "664-668", "Murry: page");
  OK(rp_result_field(r, RP_FIELD_DOI, NULL) == NULL, "Murry: no DOI");
  OK(rp_result_field(r, RP_FIELD_PUBLISHER, NULL) == NULL, "Murry: no publisher");

  /* spans point at the bytes of the original input */
  static const struct {
    rp_field f;
    const char *text;
  } spans[] = {{RP_FIELD_TITLE, MURRY_TITLE},   {RP_FIELD_CONTAINER_TITLE, "Nature"},
               {RP_FIELD_YEAR, "2004"},         {RP_FIELD_VOLUME, "428"},
               {RP_FIELD_ISSUE, "6983"},        {RP_FIELD_PAGE, "664\xE2\x80\x93" "8"}};
  for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
    rp_span sp = {999, 999};
    rp_result_field(r, spans[i].f, &sp);
    INT_EQ(sp.off, offset_of(MURRY, spans[i].text), "Murry: %s span offset",
           rp_field_name(spans[i].f));
    INT_EQ(sp.len, strlen(spans[i].text), "Murry: %s span length", rp_field_name(spans[i].f));
  }
  rp_span sp = {999, 999};
  OK(rp_result_field(r, RP_FIELD_DOI, &sp) == NULL && sp.off == 0 && sp.len == 0,
     "Murry: absent field span {0,0}");

  /* warnings: the page expansion, with its span over "664–8" */
  const char *msg = NULL;
  sp = (rp_span){999, 999};
  long w = find_warning(r, RP_WARN_PAGE_EXPANDED, &sp, &msg);
  OK(w >= 0, "Murry: page-expanded warning");
  INT_EQ(sp.off, offset_of(MURRY, "664\xE2\x80\x93"), "Murry: page-expanded span offset");
  INT_EQ(sp.len, 7, "Murry: page-expanded span length");
  STR_EQ(msg, "664-8 -> 664-668", "Murry: page-expanded message");
  sp = (rp_span){999, 999};
  w = find_warning(r, RP_WARN_DASH, &sp, NULL);
  OK(w >= 0, "Murry: dash warning for the en dash");
  INT_EQ(sp.off, offset_of(MURRY, "\xE2\x80\x93"), "Murry: dash span offset");
  INT_EQ(sp.len, 3, "Murry: dash span covers the 3 bytes of U+2013");
  INT_EQ(rp_result_warning_count(r), 2, "Murry: exactly 2 warnings (dash, page-expanded)");
  STR_EQ(rp_result_text(r),
         "Murry CE, Soonpaa MH, Reinecke H, et al. Haematopoietic stem cells do not "
         "transdifferentiate into cardiac myocytes in myocardial infarcts. Nature. "
         "2004;428(6983):664-8.",
         "Murry: rp_result_text repairs the dash only");
  rp_result_free(r);
}

/* A thesis listed in an abstracting index, with pasted no-break spaces
 * and a duplicate locator: the index's name, volume, issue and page are dropped from the
 * fields. This reference fills the result's arena before the container is
 * set, so the container's text was malloc'd: dropping it must free it
 * (the sanitizer run of this test reports a leak otherwise). */
static void test_dropped_fields(void) {
  rp_result *r = parse("Okoro,, B. C. (1998).\xC2\xA0" "Family\xC2\xA0" "routines\xC2\xA0" "and\xC2\xA0" "adolescent\xC2\xA0"
                       "sleep\xC2\xA0" "in urban households. Dissertation\xC2\xA0" "Abstracts\xC2\xA0" "International:\xC2\xA0"
                       "Section B: The Sciences and Engineering,\xC2\xA0" "64(10-B), 4413. 2019;4(1):1. "
                       "2019;4:1\xE2\x80\x93" "15.");
  OK(r != NULL, "index thesis: parsed");
  if (!r)
    return;
  INT_EQ(rp_result_type(r), RP_TYPE_THESIS, "index thesis: type");
  STR_EQ(rp_result_field(r, RP_FIELD_TITLE, NULL), "Family routines and adolescent sleep in urban households",
         "index thesis: title");
  STR_EQ(rp_result_field(r, RP_FIELD_YEAR, NULL), "1998", "index thesis: year");
  OK(rp_result_field(r, RP_FIELD_CONTAINER_TITLE, NULL) == NULL, "index thesis: no container");
  OK(rp_result_field(r, RP_FIELD_VOLUME, NULL) == NULL, "index thesis: no volume");
  OK(rp_result_field(r, RP_FIELD_PAGE, NULL) == NULL, "index thesis: no page");
  rp_result_free(r);
}

static void test_ascii_names(void) {
  const char *s = "M\xC5\xB1zes G, L\xC3\xB6tvall J. A title here. J Test. 2020;1:2-3.";
  rp_result *r = parse(s);
  INT_EQ(rp_result_name_count(r, RP_ROLE_AUTHOR), 2, "Műzes/Lötvall: 2 authors");
  STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, 0, RP_NAME_FAMILY), "M\xC5\xB1zes", "family Műzes");
  STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, 0, RP_NAME_ASCII), "Muzes G", "ASCII of Műzes G");
  STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, 1, RP_NAME_FAMILY), "L\xC3\xB6tvall", "family Lötvall");
  STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, 1, RP_NAME_ASCII), "Lotvall J", "ASCII of Lötvall J");
  OK(!rp_result_et_al(r, RP_ROLE_AUTHOR), "Műzes/Lötvall: no et al.");
  rp_span sp;
  rp_result_field(r, RP_FIELD_TITLE, &sp);
  INT_EQ(sp.off, offset_of(s, "A title here"), "span offset counts bytes after multibyte names");
  INT_EQ(sp.len, 12, "title span length");

  /* rp_ascii_fold */
  const char *in = "M\xC5\xB1zes L\xC3\xB6tvall \xC3\x86r\xC3\xB8 \xC3\x9F";
  char *out = NULL;
  size_t len = 0;
  INT_EQ(rp_ascii_fold(parser, in, strlen(in), &out, &len), RP_OK, "rp_ascii_fold ok");
  STR_EQ(out, "Muzes Lotvall AEro ss", "rp_ascii_fold Műzes Lötvall Ærø ß");
  INT_EQ(len, out ? strlen(out) : 0, "rp_ascii_fold length");
  rp_free(out);
  rp_result_free(r);
}

/* Repairs with the default options, each with its warning and a span over the
 * original bytes. */
static void test_repairs(void) {
  const char *s = "  \xE2\x80\xA2 [12] Smith J, Doe A. The &amp; title of things. J Foo. "
                  "2001;2(3):45\xE2\x80\x93" "9. doi:10.1000/xyz.1";
  rp_result *r = parse(s);
  STR_EQ(rp_result_text(r),
         "Smith J, Doe A. The & title of things. J Foo. 2001;2(3):45-9. doi:10.1000/xyz.1",
         "markers stripped, entity decoded");
  STR_EQ(rp_result_field(r, RP_FIELD_TITLE, NULL), "The & title of things", "decoded title");
  rp_span sp;
  rp_result_field(r, RP_FIELD_TITLE, &sp);
  INT_EQ(sp.off, offset_of(s, "The &amp;"), "title span offset after stripped markers");
  INT_EQ(sp.len, strlen("The &amp; title of things"), "title span covers the raw entity");
  STR_EQ(rp_result_field(r, RP_FIELD_DOI, NULL), "10.1000/xyz.1", "bare DOI");
  rp_result_field(r, RP_FIELD_DOI, &sp);
  INT_EQ(sp.off, offset_of(s, "10.1000/"), "DOI span offset");
  STR_EQ(rp_result_field(r, RP_FIELD_PAGE, NULL), "45-49", "page 45–9 expanded");
  STR_EQ(rp_result_field(r, RP_FIELD_CITATION_NUMBER, NULL), "12", "citation number");
  /* "12" is printed in the input ("[12]"), so it is not synthesized */
  rp_result_field(r, RP_FIELD_CITATION_NUMBER, &sp);
  INT_EQ(sp.off, offset_of(s, "12]"), "citation-number span offset");
  INT_EQ(sp.len, 2, "citation-number span length");
  OK(find_warning(r, RP_WARN_MARKUP, &sp, NULL) >= 0, "markup warning");
  INT_EQ(sp.off, offset_of(s, "&amp;"), "markup span offset");
  INT_EQ(sp.len, 5, "markup span length");
  OK(find_warning(r, RP_WARN_MARKER, &sp, NULL) >= 0, "marker warning");
  rp_result_free(r);

  /* a Symbol-font bullet pasted from a word processor: U+F02D */
  s = "\xEF\x80\xAD P. Bourdieu, Langage et pouvoir symbolique, Paris, Seuil, 2001.";
  r = parse(s);
  STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, 0, RP_NAME_FAMILY), "Bourdieu", "private-use bullet: author");
  STR_EQ(rp_result_field(r, RP_FIELD_TITLE, NULL), "Langage et pouvoir symbolique", "private-use bullet: title");
  OK(find_warning(r, RP_WARN_MARKER, &sp, NULL) >= 0, "private-use bullet: marker warning");
  INT_EQ(sp.off, 0, "private-use bullet: marker span offset");
  INT_EQ(sp.len, 4, "private-use bullet: marker span length");
  rp_result_free(r);

  s = "L\xC3\x83\xC2\xB6tvall J, Lo\xC2\xA8tvall J. Title. Nature. 2004;428:664-8.";
  r = parse(s);
  STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, 0, RP_NAME_FAMILY), "L\xC3\xB6tvall",
         "mojibake LÃ¶tvall repaired");
  STR_EQ(rp_result_name(r, RP_ROLE_AUTHOR, 1, RP_NAME_FAMILY), "L\xC3\xB6tvall",
         "detached diacritic Lo¨tvall joined");
  OK(find_warning(r, RP_WARN_MOJIBAKE, &sp, NULL) >= 0, "mojibake warning");
  INT_EQ(sp.off, 1, "mojibake span offset");
  INT_EQ(sp.len, 4, "mojibake span length");
  OK(find_warning(r, RP_WARN_DIACRITIC, NULL, NULL) >= 0, "diacritic warning");
  rp_result_free(r);

  /* invalid UTF-8 is repaired (default options), with a warning */
  s = "Smith J. Ti\xFFtle. J Foo. 2001;2:3.";
  r = parse(s);
  OK(find_warning(r, RP_WARN_INVALID_UTF8, &sp, NULL) >= 0, "invalid-utf8 warning");
  INT_EQ(sp.off, 11, "invalid-utf8 span offset");
  OK(strstr(rp_result_text(r), "\xEF\xBF\xBD") != NULL, "U+FFFD in the repaired text");
  rp_result_free(r);

  /* a decomposed accent is composed (NFC) with an "nfc" warning; every
   * message must be valid UTF-8, however long the run of marks */
  r = parse("Caf" "e\xCC\x81" " au lait. J Foo. 2001;1:2.");
  STR_EQ(rp_result_text(r), "Caf\xC3\xA9 au lait. J Foo. 2001;1:2.", "NFC applied to the text");
  OK(find_warning(r, RP_WARN_NFC, NULL, NULL) >= 0, "nfc warning");
  rp_result_free(r);
  char marks[1 + 2 * 100];
  marks[0] = 'e';
  for (int i = 0; i < 100; i++)
    memcpy(marks + 1 + 2 * i, "\xCC\x81", 2);
  r = NULL;
  rp_parse(parser, marks, sizeof marks, &r);
  const char *msg = NULL;
  OK(find_warning(r, RP_WARN_NFC, NULL, &msg) >= 0, "'e' + 100 U+0301: nfc warning");
  OK(msg && valid_utf8(msg), "'e' + 100 U+0301: nfc warning message is valid UTF-8");
  rp_result_free(r);
}

/* ---- writers ------------------------------------------------------------------ */

/* s (n bytes) without custom's "confidence" and "doubts" keys, whose values
 * move whenever the model is refitted (test_confidence checks them);
 * malloc'd, or NULL when s has no "confidence" key. The keys come last in
 * "custom", after a ',' unless they are all it holds. */
static char *without_confidence(const char *s, size_t n) {
  const char *k = s ? strstr(s, "\"confidence\":") : NULL;
  if (!k || k == s)
    return NULL;
  const char *cut = k[-1] == ',' ? k - 1 : k;
  const char *e = k + strlen("\"confidence\":");
  while (*e == '.' || (*e >= '0' && *e <= '9'))
    e++;
  if (!strncmp(e, ",\"doubts\":[", 11))
    e = strchr(e, ']') + 1;
  char *o = malloc(n + 1);
  size_t a = (size_t)(cut - s);
  memcpy(o, s, a);
  memcpy(o + a, e, n - (size_t)(e - s) + 1);
  return o;
}

/* MEM_EQ on out without the confidence keys, which must be there. */
#define MEM_EQ_NC(out, len, exp, ...)                                                            \
  do {                                                                                           \
    char *nc_ = without_confidence(out, len);                                                    \
    OK(nc_ != NULL, "custom.confidence present: " __VA_ARGS__);                                  \
    MEM_EQ(nc_, nc_ ? strlen(nc_) : 0, exp, strlen(exp), __VA_ARGS__);                          \
    free(nc_);                                                                                   \
  } while (0)

/* The warning list is bounded: 999 warnings, then one 'limit' warning
 * that says how many more were left out. */
static void test_warning_limit(void) {
  static char s[16 + 1500 * 6 + 64];
  size_t k = 0;
  k += (size_t)sprintf(s + k, "Smith J. Title ");
  for (int i = 0; i < 1500; i++)
    k += (size_t)sprintf(s + k, "&nbsp;");
  sprintf(s + k, " x. J Foo. 2001;2:3-4. 2001;2:3.");
  rp_result *r = parse(s);
  OK(r != NULL, "1,500 entities: parsed");
  if (!r)
    return;
  INT_EQ(rp_result_warning_count(r), 1000, "1,500 entities: 1,000 warnings kept");
  rp_span sp;
  const char *msg = NULL;
  INT_EQ(rp_result_warning(r, 999, &sp, &msg), RP_WARN_LIMIT, "the last is a limit warning");
  STR_EQ(msg, "365 more warnings left out (at most 1000 are kept)", "it says how many were left out");
  INT_EQ(rp_result_warning(r, 998, NULL, NULL), RP_WARN_MARKUP, "the one before is a kept markup warning");
  rp_result_free(r);
}

static void test_writers(void) {
  const char *s = "M\xC5\xB1zes G, L\xC3\xB6tvall J. A title here. J Test. 2020;1:2-3.";
  rp_result *r = parse(s);
  char *out = NULL;
  size_t len = 0;
  const char *exp =
      "{\"id\":\"x1\",\"type\":\"article-journal\",\"author\":[{\"family\":\"M\xC5\xB1zes\","
      "\"given\":\"G.\"},{\"family\":\"L\xC3\xB6tvall\",\"given\":\"J.\"}],\"title\":\"A title "
      "here\",\"container-title\":\"J Test\",\"issued\":{\"date-parts\":[[2020]]},\"volume\":"
      "\"1\",\"page\":\"2-3\",\"custom\":{\"author-ascii\":[\"Muzes G\",\"Lotvall J\"]}}";
  INT_EQ(rp_write_csljson(r, "x1", 2, 0, &out, &len), RP_OK, "rp_write_csljson ok");
  MEM_EQ_NC(out, len, exp, "rp_write_csljson exact output");
  OK(out && out[len] == '\0', "rp_write_csljson output NUL-terminated");
  rp_free(out);

  out = NULL;
  INT_EQ(rp_write_csljson(r, "42", 2, RP_WRITE_ID_NUMERIC | RP_WRITE_NO_CUSTOM, &out, &len), RP_OK,
         "rp_write_csljson numeric id, no custom");
  exp = "{\"id\":42,\"type\":\"article-journal\",\"author\":[{\"family\":\"M\xC5\xB1zes\","
        "\"given\":\"G.\"},{\"family\":\"L\xC3\xB6tvall\",\"given\":\"J.\"}],\"title\":\"A title "
        "here\",\"container-title\":\"J Test\",\"issued\":{\"date-parts\":[[2020]]},\"volume\":"
        "\"1\",\"page\":\"2-3\"}";
  MEM_EQ(out, len, exp, strlen(exp), "numeric id and RP_WRITE_NO_CUSTOM");
  rp_free(out);

  out = NULL;
  INT_EQ(rp_write_csljson(r, NULL, 0, 0, &out, &len), RP_OK, "rp_write_csljson NULL id");
  OK(out && strncmp(out, "{\"id\":\"1\",", 10) == 0, "NULL id is written as \"1\"");
  rp_free(out);

  out = NULL;
  INT_EQ(rp_write_csljson(r, "4a", 2, RP_WRITE_ID_NUMERIC, &out, &len), RP_OK, "id 4a");
  OK(out && strncmp(out, "{\"id\":\"4a\",", 11) == 0,
     "RP_WRITE_ID_NUMERIC keeps a non-numeric id a string");
  rp_free(out);

  out = NULL;
  INT_EQ(rp_write_csljson(r, "a\"b\\c\n\x01" "d\0e", 10, RP_WRITE_NO_CUSTOM, &out, &len), RP_OK,
         "id with quote, backslash, newline, control, NUL");
  OK(out && strncmp(out, "{\"id\":\"a\\\"b\\\\c\\n\\u0001d\\u0000e\",", 31) == 0,
     "id is JSON-escaped (NUL kept as \\u0000)");
  OK(out && strlen(out) == len, "no raw NUL in the output");
  rp_free(out);

  out = NULL;
  INT_EQ(rp_write_vancouver(r, 0, &out, &len), RP_OK, "rp_write_vancouver ok");
  STR_EQ(out, "M\xC5\xB1zes G, L\xC3\xB6tvall J. A title here. J Test. 2020;1:2-3.",
         "rp_write_vancouver Műzes");
  INT_EQ(len, out ? strlen(out) : 0, "rp_write_vancouver length");
  rp_free(out);
  rp_result_free(r);

  r = parse(MURRY);
  out = NULL;
  INT_EQ(rp_write_vancouver(r, 0, &out, &len), RP_OK, "rp_write_vancouver Murry ok");
  STR_EQ(out,
         "Murry CE, Soonpaa MH, Reinecke H, et al. Haematopoietic stem cells do not "
         "transdifferentiate into cardiac myocytes in myocardial infarcts. Nature. "
         "2004;428(6983):664-668.",
         "rp_write_vancouver Murry exact");
  rp_free(out);
  out = NULL;
  INT_EQ(rp_write_csljson(r, "m", 1, 0, &out, &len), RP_OK, "rp_write_csljson Murry ok");
  exp = "{\"id\":\"m\",\"type\":\"article-journal\",\"author\":[{\"family\":\"Murry\",\"given\":"
        "\"C. E.\"},{\"family\":\"Soonpaa\",\"given\":\"M. H.\"},{\"family\":\"Reinecke\","
        "\"given\":\"H.\"}],\"title\":\"Haematopoietic stem cells do not transdifferentiate into "
        "cardiac myocytes in myocardial infarcts\",\"container-title\":\"Nature\",\"issued\":{"
        "\"date-parts\":[[2004]]},\"volume\":\"428\",\"issue\":\"6983\",\"page\":\"664-668\","
        "\"custom\":{\"et-al\":true,\"author-ascii\":[\"Murry CE\",\"Soonpaa MH\",\"Reinecke H\"],"
        "\"warnings\":[{\"code\":\"dash\",\"offset\":165,\"length\":3,\"message\":\"dash in a "
        "number range unified to '-'\"},{\"code\":\"page-expanded\",\"offset\":162,\"length\":7,"
        "\"message\":\"664-8 -> 664-668\"}]}}";
  /* the dash warning's span is {165,3}: U+2013 is 3 bytes */

  MEM_EQ_NC(out, len, exp, "rp_write_csljson Murry exact (et-al, warnings)");
  rp_free(out);
  rp_result_free(r);

  /* the empty reference still gives a valid item with its warning */
  rp_parse(parser, "", 0, &r);
  out = NULL;
  INT_EQ(rp_write_csljson(r, NULL, 0, 0, &out, &len), RP_OK, "rp_write_csljson empty ok");
  STR_EQ(out,
         "{\"id\":\"1\",\"type\":\"article-journal\",\"custom\":{\"warnings\":[{\"code\":\"empty\","
         "\"offset\":0,\"length\":0,\"message\":\"empty reference\"}],\"confidence\":0.00}}",
         "rp_write_csljson empty reference (confidence 0, no doubts)");
  rp_free(out);
  rp_result_free(r);
}

/* ---- confidence ------------------------------------------------------------------ */

/* The model's weights are refitted as the parser changes, so exact values
 * are not asserted: ranges, ordering between clearly good and clearly bad
 * parses, the doubts' names and order, and agreement with the writer. */
static void test_confidence(void) {
  static const char *const good[] = {
      MURRY,
      "Smith J, Jones K. A study of things. J Biol Chem. 2001;276(12):4500-4510. "
      "doi:10.1074/jbc.M0001",
  };
  static const char *const bad[] = {"blah", "Some words, more words and a 1999 somewhere in them"};
  static const char *const names[] = {"author", "title", "container-title", "issued",
                                      "volume", "issue", "page", "DOI"};
  double lo_good = 1, hi_bad = 0;
  for (int g = 0; g < 4; g++) {
    const char *s = g < 2 ? good[g] : bad[g - 2];
    rp_result *r = parse(s);
    double c = rp_result_confidence(r);
    OK(c > 0 && c < 1, "confidence in (0, 1): %.3f for \"%.30s\"", c, s);
    if (g < 2)
      lo_good = c < lo_good ? c : lo_good;
    else
      hi_bad = c > hi_bad ? c : hi_bad;
    /* doubts: known CSL names, in the documented order, no repeats */
    size_t nd = rp_result_doubt_count(r);
    int last = -1;
    bool known = true;
    for (size_t i = 0; i < nd; i++) {
      const char *d = rp_result_doubt(r, i);
      int k = -1;
      for (int j = 0; j < 8; j++)
        if (d && !strcmp(d, names[j]))
          k = j;
      known = known && k > last;
      last = k;
    }
    OK(known, "doubts are CSL names in order (%zu) for \"%.30s\"", nd, s);
    OK(rp_result_doubt(r, nd) == NULL, "rp_result_doubt past the last: NULL");
    if (g < 2)
      INT_EQ(nd, 0, "no doubts on a clean journal reference");
    else
      OK(nd > 0, "a reference without names or locator: some field doubted (%zu)", nd);
    /* the writer's two decimals are the getter's value rounded */
    char *out = NULL;
    size_t len = 0;
    rp_write_csljson(r, NULL, 0, 0, &out, &len);
    char want[64];
    long k = (long)(c * 100 + 0.5); /* rounded as the writer rounds */
    snprintf(want, sizeof want, "\"confidence\":%ld.%02ld", k / 100, k % 100);
    OK(out && strstr(out, want), "custom has %s", want);
    rp_free(out);
    rp_result_free(r);
  }
  OK(lo_good > 0.75, "clean journal references: confidence over 0.75 (%.3f)", lo_good);
  OK(hi_bad < 0.35, "a word, a sentence: confidence under 0.35 (%.3f)", hi_bad);
  OK(lo_good > hi_bad, "every good reference above every bad one");
  /* NULL and the empty reference */
  OK(rp_result_confidence(NULL) == 0, "rp_result_confidence(NULL) is 0");
  INT_EQ(rp_result_doubt_count(NULL), 0, "rp_result_doubt_count(NULL) is 0");
  OK(rp_result_doubt(NULL, 0) == NULL, "rp_result_doubt(NULL, 0) is NULL");
  rp_result *r = NULL;
  rp_parse(parser, "", 0, &r);
  OK(rp_result_confidence(r) == 0, "empty reference: confidence 0");
  INT_EQ(rp_result_doubt_count(r), 0, "empty reference: no doubts");
  rp_result_free(r);
  /* the same input, the same value (no state between parses) */
  rp_result *a = parse(MURRY), *b = parse(MURRY);
  OK(rp_result_confidence(a) == rp_result_confidence(b), "same input, same confidence");
  rp_result_free(a);
  rp_result_free(b);
}

/* ---- rp_normalize ---------------------------------------------------------------- */

static void test_normalize(void) {
  const char *s = "Cells. 2022;11(15):2300. Vol Page 2022;11:2300.";
  rp_result *r = NULL;
  INT_EQ(rp_normalize(parser, s, strlen(s), &r), RP_OK, "rp_normalize ok");
  STR_EQ(rp_result_text(r), "Cells. 2022;11(15):2300.", "rp_normalize removes the duplicate");
  rp_span sp = {0, 0};
  const char *msg = NULL;
  OK(find_warning(r, RP_WARN_DUP_LOCATOR, &sp, &msg) >= 0, "dup-locator warning");
  INT_EQ(sp.off, offset_of(s, "Vol Page"), "dup-locator span offset");
  INT_EQ(sp.len, strlen("Vol Page 2022;11:2300."), "dup-locator span length");
  INT_EQ(find_warning(r, RP_WARN_DUP_CONFLICT, NULL, NULL), -1, "no dup-conflict (same values)");
  STR_EQ(rp_result_field(r, RP_FIELD_VOLUME, NULL), "11", "normalize: fields readable (volume)");
  STR_EQ(rp_result_field(r, RP_FIELD_PAGE, NULL), "2300", "normalize: page");
  rp_result_free(r);

  /* normalize repairs but does not rewrite: the page stays abbreviated */
  r = NULL;
  rp_normalize(parser, MURRY, strlen(MURRY), &r);
  STR_EQ(rp_result_text(r),
         "Murry CE, Soonpaa MH, Reinecke H, et al. Haematopoietic stem cells do not "
         "transdifferentiate into cardiac myocytes in myocardial infarcts. Nature. "
         "2004;428(6983):664-8.",
         "rp_normalize Murry");
  rp_result_free(r);
}

/* ---- threads ------------------------------------------------------------------ */

#define NREFS 200
#define NTHREADS 4

typedef struct refs {
  char *raw[NREFS];
  size_t len[NREFS];
  size_t n;
} refs;

typedef struct tjob {
  const refs *in;
  char *out[NREFS];
  size_t out_len[NREFS];
  int errors;
} tjob;

static void run_all(tjob *j) {
  for (size_t i = 0; i < j->in->n; i++) {
    rp_result *r = NULL;
    char id[16];
    int idl = snprintf(id, sizeof id, "%zu", i + 1);
    j->out[i] = NULL;
    if (rp_parse(parser, j->in->raw[i], j->in->len[i], &r) != RP_OK ||
        rp_write_csljson(r, id, (size_t)idl, RP_WRITE_ID_NUMERIC, &j->out[i], &j->out_len[i]) !=
            RP_OK)
      j->errors++;
    rp_result_free(r);
  }
}

static void *thread_main(void *arg) {
  run_all(arg);
  return NULL;
}

static void load_refs(refs *in, int argc, char **argv) {
  in->n = 0;
  for (int a = 1; a < argc && in->n < NREFS; a++) {
    FILE *f = fopen(argv[a], "rb");
    if (!f) {
      DIAG("cannot open %s", argv[a]);
      continue;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while (in->n < NREFS && (n = getline(&line, &cap, f)) > 0) {
      json_error_t err;
      json_t *j = json_loadb(line, (size_t)n, 0, &err);
      json_t *raw = json_object_get(j, "raw");
      if (json_is_string(raw)) {
        in->len[in->n] = json_string_length(raw);
        in->raw[in->n] = malloc(in->len[in->n] + 1);
        memcpy(in->raw[in->n], json_string_value(raw), in->len[in->n] + 1);
        in->n++;
      }
      json_decref(j);
    }
    free(line);
    fclose(f);
  }
}

static void test_threads(int argc, char **argv) {
  static refs in;
  load_refs(&in, argc, argv);
  INT_EQ(in.n, NREFS, "threads: %d references loaded from the corpus", NREFS);
  if (in.n == 0)
    return;
  static tjob single, multi[NTHREADS];
  single.in = &in;
  run_all(&single);
  INT_EQ(single.errors, 0, "threads: single-threaded run without errors");
  pthread_t tid[NTHREADS];
  int started = 0;
  for (int t = 0; t < NTHREADS; t++) {
    multi[t].in = &in;
    if (pthread_create(&tid[t], NULL, thread_main, &multi[t]) == 0)
      started++;
  }
  INT_EQ(started, NTHREADS, "threads: %d threads started", NTHREADS);
  for (int t = 0; t < started; t++)
    pthread_join(tid[t], NULL);
  size_t bad_json = 0;
  for (size_t i = 0; i < in.n; i++) {
    json_error_t err;
    json_t *j = single.out[i] ? json_loadb(single.out[i], single.out_len[i], 0, &err) : NULL;
    if (!json_is_object(j) && !bad_json++)
      DIAG("reference %zu: %s", i + 1, j ? "not an object" : err.text);
    json_decref(j);
  }
  INT_EQ(bad_json, 0, "threads: all %zu CSL-JSON items are valid JSON (and UTF-8)", in.n);
  for (int t = 0; t < started; t++) {
    size_t diff = 0, first = 0;
    for (size_t i = 0; i < in.n; i++) {
      const char *a = single.out[i], *b = multi[t].out[i];
      bool same = a && b && single.out_len[i] == multi[t].out_len[i] &&
                  memcmp(a, b, single.out_len[i]) == 0;
      if (!same && !diff++)
        first = i;
    }
    INT_EQ(multi[t].errors, 0, "threads: thread %d without errors", t);
    if (!INT_EQ(diff, 0, "threads: thread %d output byte-identical to single-threaded", t))
      DIAG("first difference at reference %zu", first + 1);
  }
  for (size_t i = 0; i < in.n; i++) {
    rp_free(single.out[i]);
    for (int t = 0; t < started; t++)
      rp_free(multi[t].out[i]);
    free(in.raw[i]);
  }
}

int main(int argc, char **argv) {
  plan_lazy();
  if (rp_parser_new(NULL, &parser) != RP_OK || !parser) {
    printf("Bail out! rp_parser_new(NULL) failed\n");
    return 1;
  }
  test_strerror();
  test_version();
  test_names();
  test_options();
  test_misuse();
  test_murry();
  test_dropped_fields();
  test_ascii_names();
  test_repairs();
  test_warning_limit();
  test_writers();
  test_confidence();
  test_normalize();
  test_threads(argc, argv);
  rp_parser_free(parser);
  return done();
}
