/*
 * fuzz_jsonl.c: libFuzzer target for the CLI's JSON Lines path.
 *
 * The input is one line of a JSONL file as `refparse parse --input jsonl`
 * sees it: cut at the first '\n', one trailing '\r' removed, blank lines
 * skipped; json_loadb(JSON_DECODE_ANY | JSON_ALLOW_NUL); "id" (string or
 * integer, else the line number) and "raw" (string) taken; rp_parse and
 * rp_write_csljson with the CLI's writer flags; newlines in the output
 * replaced by spaces. Records the CLI cannot read get the CLI's error record
 * (same snprintf format as cli/main.c error_record()).
 *
 * This copies the small logic of cli/main.c (fill_jsonl_record, work_one,
 * error_record) because main.c has a main() and static functions; keep it in
 * step when the CLI changes.
 *
 * Invariant: every output line is one valid JSON object with "id" and
 * "type" (abort() otherwise).
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <refparse.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rp_parser *parser;

static void fail(const char *what, const char *out, size_t out_len) {
  fprintf(stderr, "fuzz_jsonl: invariant violated: %s\n%.*s\n", what, (int)out_len, out);
  abort();
}

static void check_json(const char *out, size_t out_len) {
  if (memchr(out, '\n', out_len) || memchr(out, '\r', out_len))
    fail("output line contains a newline", out, out_len);
  json_error_t err;
  json_t *j = json_loadb(out, out_len, JSON_ALLOW_NUL, &err);
  if (!j) {
    fprintf(stderr, "jansson: %s at %d\n", err.text, err.position);
    fail("output line is not valid JSON", out, out_len);
  }
  if (!json_is_object(j))
    fail("output line is not an object", out, out_len);
  json_t *id = json_object_get(j, "id");
  json_t *type = json_object_get(j, "type");
  if (!id || !(json_is_string(id) || json_is_integer(id)))
    fail("output has no id", out, out_len);
  if (!json_is_string(type))
    fail("output has no type", out, out_len);
  json_decref(j);
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

/* cli/main.c error_record(), verbatim apart from the record struct. */
static void error_record(const char *rid, bool numeric_id, const char *why) {
  char buf[512];
  const char *idq = numeric_id ? "" : "\"";
  int n = snprintf(buf, sizeof buf,
                   "{\"id\":%s%s%s,\"type\":\"article\",\"custom\":{\"warnings\":[{\"code\":\"input\","
                   "\"offset\":0,\"length\":0,\"message\":\"%s\"}]}}",
                   idq, rid, idq, why);
  size_t len = n > 0 ? (size_t)n : 0;
  if (len >= sizeof buf)
    len = sizeof buf - 1;
  if (!known("cli-error-record"))
    check_json(buf, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!parser && rp_parser_new(NULL, &parser) != RP_OK)
    abort();
  const char *line = (const char *)data;
  const char *nl = memchr(line, '\n', size);
  size_t len = nl ? (size_t)(nl - line) : size;
  if (len && line[len - 1] == '\r')
    len--;
  bool blank = true;
  for (size_t i = 0; i < len && blank; i++)
    blank = line[i] == ' ' || line[i] == '\t';
  if (blank)
    return 0; /* blank JSONL lines are not records */

  char idb[32];
  snprintf(idb, sizeof idb, "%lu", 1ul); /* line number */
  char *id = strdup(idb);
  size_t id_len = strlen(id);
  bool numeric_id = true;
  const char *input_error = NULL;
  char *text = NULL;
  size_t text_len = 0;

  json_error_t err;
  json_t *root = json_loadb(line, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
  if (!root || !json_is_object(root)) {
    input_error = "input line is not a JSON object";
  } else {
    json_t *jid = json_object_get(root, "id");
    if (json_is_string(jid)) {
      free(id);
      id_len = json_string_length(jid);
      id = malloc(id_len + 1);
      memcpy(id, json_string_value(jid), id_len);
      id[id_len] = '\0';
      numeric_id = false;
    } else if (json_is_integer(jid)) {
      free(id);
      snprintf(idb, sizeof idb, "%lld", (long long)json_integer_value(jid));
      id = strdup(idb);
      id_len = strlen(id);
    }
    json_t *raw = json_object_get(root, "raw");
    if (!json_is_string(raw)) {
      input_error = "JSON record has no string under the raw key";
    } else {
      text_len = json_string_length(raw);
      text = malloc(text_len + 1);
      memcpy(text, json_string_value(raw), text_len);
      text[text_len] = '\0';
    }
  }
  json_decref(root);

  if (input_error) {
    error_record(id, numeric_id, input_error);
  } else {
    rp_result *res = NULL;
    char *out = NULL;
    size_t out_len = 0;
    rp_status st = rp_parse(parser, text, text_len, &res);
    if (st == RP_OK)
      st = rp_write_csljson(res, id, id_len, numeric_id ? RP_WRITE_ID_NUMERIC : 0, &out,
                            &out_len);
    rp_result_free(res);
    if (st != RP_OK) {
      rp_free(out);
      char why[128];
      snprintf(why, sizeof why, "refparse could not process this record: %s", rp_strerror(st));
      error_record(id, numeric_id, why);
    } else {
      for (size_t i = 0; i < out_len; i++)
        if (out[i] == '\n' || out[i] == '\r')
          out[i] = ' ';
      check_json(out, out_len);
      rp_free(out);
    }
  }
  free(id);
  free(text);
  return 0;
}
