/*
 * jsonl.h: one JSON Lines record read a byte at a time, in bounded memory,
 * whatever the line's length: the whole line is checked as JSON (RFC 8259),
 * but only the two top-level values the CLI needs are kept, the id (up to
 * JSONL_ID_MAX bytes) and the reference (its first `keep` bytes; the rest is
 * only counted).
 *
 *   {"id":"a1","raw":"Smith J. ..."}  -> id "a1" (string), raw "Smith J. ..."
 *   {"id":12345678901234567890123}     -> id "12345678901234567890123" (number)
 *   {"id":1e999,"raw":"x"}             -> id "1e999" (number)
 *   {"raw":"L\xf6tvall"}               -> raw "L\uFFFDtvall", repaired
 *   {"raw":"\ud800"}                   -> raw "\uFFFD", repaired
 *   [1,2]                              -> valid JSON, not an object
 *
 * Invalid UTF-8 inside strings (a Latin-1 byte, CESU-8 surrogates) and
 * escapes of lone surrogates become U+FFFD and set `repaired`; anything
 * else that is not JSON makes the record invalid.
 */
#ifndef RP_CLI_JSONL_H
#define RP_CLI_JSONL_H

#include <stdbool.h>
#include <stddef.h>

/* Longest id kept (bytes); a longer one is refused (JSONL_ID_TOO_LONG). */
#define JSONL_ID_MAX 65536u
/* Deepest nesting accepted; deeper input is refused as invalid. */
#define JSONL_DEPTH_MAX (1u << 20)

/* What a top-level value was. */
typedef enum {
  JSONL_NONE = 0, /* key absent */
  JSONL_STRING,
  JSONL_NUMBER,
  JSONL_BOOL,
  JSONL_NULL,
  JSONL_OBJECT,
  JSONL_ARRAY
} jsonl_kind;

/* A top-level value the reader keeps. */
typedef struct jsonl_value {
  jsonl_kind kind;
  bool dup;     /* the key appeared more than once */
  char *p;      /* decoded string or number text, NUL-terminated */
  size_t len;   /* bytes kept in p */
  size_t total; /* bytes of the whole decoded string */
  size_t cap;   /* bytes p can keep */
} jsonl_value;

typedef struct jsonl_reader jsonl_reader;

/* A reader for records whose id is under id_key and reference under
 * raw_key, keeping keep bytes of the reference. NULL when out of memory. */
jsonl_reader *jsonl_new(const char *id_key, const char *raw_key, size_t keep);
void jsonl_free(jsonl_reader *r);
/* Start a new record. */
void jsonl_begin(jsonl_reader *r);
/* Feed the next n bytes of the record's line. */
void jsonl_feed(jsonl_reader *r, const char *s, size_t n);
/* End the record. Returns NULL when it is one JSON object, else static
 * text saying why not ("not valid JSON", "not a JSON object", "JSON nested
 * too deeply"). */
const char *jsonl_end(jsonl_reader *r);
/* After jsonl_end: the id and the reference values; whether a string was
 * repaired (invalid UTF-8 or a lone surrogate escape, now U+FFFD); the
 * byte offset (0-based) where the JSON went wrong. */
const jsonl_value *jsonl_id(const jsonl_reader *r);
const jsonl_value *jsonl_raw(const jsonl_reader *r);
bool jsonl_repaired(const jsonl_reader *r);
size_t jsonl_error_offset(const jsonl_reader *r);
/* "string", "number", "boolean", "null", "object", "array". */
const char *jsonl_kind_name(jsonl_kind k);

#endif
