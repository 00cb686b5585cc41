/* cli.h: pieces of the refparse command shared between its files. */
#ifndef RP_CLI_H
#define RP_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include <refparse.h>

/* Score predictions (CSL-JSON lines in memory) against a gold JSONL file
 * exactly as ../shared/tools/score.py does; print the table to stdout and
 * the n worst errors to stderr. Returns a process exit code. */
int cli_eval(const rp_parser *p, const char *gold_path, int errors, bool json, int threads);

/* Parse one reference into a CSL-JSON line (malloc'd). */
char *cli_parse_line(const rp_parser *p, const char *text, size_t len, const char *id,
                     size_t id_len, bool numeric_id, size_t *out_len);

/* What `--input list` writes: parse records (CSL-JSON, or Vancouver with
 * vancouver) or normalize lines (the cleaned text, Vancouver, ASCII-folded
 * with ascii); no_custom drops the "custom" object, "lines" with it. */
typedef struct cli_list_opts {
  bool normalize, vancouver, ascii, no_custom;
} cli_list_opts;

/* Read each file ("-" or none: stdin) as a pasted reference list
 * (cli/list.c) and print one line per reference to stdout, ids 1, 2, ...
 * across the files. Returns a process exit code. */
int cli_list_files(const rp_parser *p, const char *const *files, int nfiles,
                   const cli_list_opts *o);

#endif
