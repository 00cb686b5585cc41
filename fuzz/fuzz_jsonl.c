/*
 * fuzz_jsonl.c: libFuzzer target for the CLI's JSON Lines path.
 *
 * The input is a whole JSON Lines file as `refparse parse --input jsonl`
 * reads it. It runs through the CLI's own code, not a copy: cli/stream.c is
 * linked into this target and its cli_stream_run() is called on the input
 * (fmemopen), writing to a memory stream. So read_line (framing, CR
 * stripping), the blank-line and too-long records, fill_jsonl_record
 * (json_loadb, "id"/"raw" keys), the workers (one worker thread: n <= 32
 * lines or -j 1), error_record and the newline scrub are the CLI's exactly.
 *
 * Each input is run twice: `parse --input jsonl` (CSL-JSON, the strict
 * checks below) and one more command chosen by size % 5: parse --no-custom,
 * parse --to vancouver, normalize, normalize --ascii, normalize --render
 * vancouver --ascii.
 *
 * Invariants (abort() otherwise):
 *  - exactly one output line per input line (README: "Every input record
 *    gives exactly one output record");
 *  - in CSL-JSON mode every output line is one valid JSON object with a
 *    string or number "id" and a string "type";
 *  - in every mode, every output line is valid UTF-8.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "../cli/stream.h"
#include "fuzz_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rp_parser *parser;

static void fail(const char *what, const char *out, size_t out_len) {
  fprintf(stderr, "fuzz_jsonl: invariant violated: %s\n%.*s\n", what, (int)out_len, out);
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

static void check_json(const char *out, size_t out_len) {
  json_error_t err;
  json_t *j = json_loadb(out, out_len, JSON_ALLOW_NUL, &err);
  if (!j) {
    /* error_record() pastes the id into JSON unescaped (finding
     * cli-error-record); tolerated when listed */
    if (known("cli-error-record") && strstr(out, "\"code\":\"input\""))
      return;
    /* a JSONL id may be any JSON number, beyond jansson's range too */
    if (strstr(err.text, "overflow") || strstr(err.text, "too big"))
      return;
    fprintf(stderr, "jansson: %s at %d\n", err.text, err.position);
    fail("output line is not valid JSON", out, out_len);
  }
  if (!json_is_object(j))
    fail("output line is not an object", out, out_len);
  json_t *id = json_object_get(j, "id");
  json_t *type = json_object_get(j, "type");
  if (!id || !(json_is_string(id) || json_is_number(id)))
    fail("output has no id", out, out_len);
  if (!json_is_string(type))
    fail("output has no type", out, out_len);
  json_decref(j);
}

/* An unlinked temporary file holding data, at offset 0. */
static int temp_fd(const void *data, size_t size) {
  FILE *f = tmpfile();
  if (!f || (size && fwrite(data, 1, size, f) != size) || fflush(f))
    abort();
  int fd = dup(fileno(f));
  fclose(f);
  if (fd < 0 || lseek(fd, 0, SEEK_SET) != 0)
    abort();
  return fd;
}

/* Run the CLI's cli_stream_run over data with options o; check the output. */
static void run_cli(const cli_opts *o, const uint8_t *data, size_t size, size_t in_lines) {
  int in = temp_fd(data, size), out = temp_fd(NULL, 0);
  cli_run run = {.p = parser, .o = o, .out_fd = out, .start = time(NULL)};
  /* unreadable records are reported on stderr: not while fuzzing */
  int err = dup(2), devnull = open("/dev/null", O_WRONLY);
  if (err < 0 || devnull < 0 || dup2(devnull, 2) < 0)
    abort();
  int rc = cli_stream_run(&run, in, "fuzz", 0);
  fflush(stderr);
  dup2(err, 2);
  close(err);
  close(devnull);
  close(in);
  off_t end = lseek(out, 0, SEEK_END);
  size_t olen = end > 0 ? (size_t)end : 0;
  char *obuf = malloc(olen + 1);
  if (!obuf || pread(out, obuf, olen, 0) != (ssize_t)olen)
    abort();
  close(out);
  if (rc != 0 || run.out_errno)
    fail("cli_stream_run failed", obuf, olen);
  if (run.lineno != in_lines || run.done != in_lines)
    fail("cli_stream_run read a different number of lines", obuf, olen);
  size_t lines = 0;
  for (size_t a = 0; a < olen;) {
    const char *nl = memchr(obuf + a, '\n', olen - a);
    if (!nl)
      fail("output does not end with a newline", obuf + a, olen - a);
    size_t n = (size_t)(nl - (obuf + a));
    lines++;
    if (memchr(obuf + a, '\r', n))
      fail("output line contains a carriage return", obuf + a, n);
    if (!valid_utf8((const unsigned char *)obuf + a, n))
      fail("output line is not valid UTF-8", obuf + a, n);
    if (!o->vancouver_out && o->cmd == CMD_PARSE)
      check_json(obuf + a, n);
    a += n + 1;
  }
  if (lines != in_lines) {
    fprintf(stderr, "%zu input lines, %zu output lines\n", in_lines, lines);
    fail("not one output line per input line", obuf, olen);
  }
  free(obuf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!parser && rp_parser_new(NULL, &parser) != RP_OK)
    abort();
  if (size == 0)
    return 0; /* fmemopen needs a non-empty buffer; no lines, no output */
  /* lines end with LF, CR or CRLF */
  size_t in_lines = 0;
  for (size_t i = 0; i < size; i++)
    if (data[i] == '\n' || (data[i] == '\r' && !(i + 1 < size && data[i + 1] == '\n')))
      in_lines++;
  if (data[size - 1] != '\n' && data[size - 1] != '\r')
    in_lines++;

  cli_opts o = {.cmd = CMD_PARSE, .jsonl = true, .quiet = true, .id_key = "id",
            .raw_key = "raw", .jobs = 2};
  run_cli(&o, data, size, in_lines);

  cli_opts m = o;
  switch (size % 5) {
  case 0: m.no_custom = true; break;
  case 1: m.vancouver_out = true; break;
  case 2: m.cmd = CMD_NORMALIZE; break;
  case 3: m.cmd = CMD_NORMALIZE, m.ascii = true; break;
  case 4: m.cmd = CMD_NORMALIZE, m.ascii = true, m.vancouver_out = true; break;
  }
  run_cli(&m, data, size, in_lines);
  return 0;
}
