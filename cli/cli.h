/* cli.h: pieces of the refparse command shared between its files. */
#ifndef RP_CLI_H
#define RP_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include <refparse.h>

/* Score predictions (CSL-JSON lines in memory) against a gold JSONL file
 * exactly as ../shared/tools/score.py does (fields: its --fields list,
 * comma-separated, or NULL for its default list); print the table, then
 * the reliability table (confidence buckets), to stdout and the n first
 * errors to stderr. Returns a process exit code. */
int cli_eval(const rp_parser *p, const char *gold_path, const char *fields, int errors, bool json,
             int threads);

/* What `--input list` writes: parse records (CSL-JSON, or Vancouver with
 * vancouver) or normalize lines (the cleaned text, Vancouver, ASCII-folded
 * with ascii); no_custom drops the "custom" object, "lines" with it. */
typedef struct cli_list_opts {
  bool normalize, vancouver, ascii, no_custom;
  const char *encoding; /* --encoding: the input's charset, NULL for UTF-8 */
} cli_list_opts;

/* Read each file ("-" or none: stdin) as a pasted reference list
 * (cli/list.c) and print one line per reference to stdout, ids 1, 2, ...
 * across the files. Returns a process exit code. */
int cli_list_files(const rp_parser *p, const char *const *files, int nfiles,
                   const cli_list_opts *o);

/* How input records are read (main.c's --input, --id-key, --raw-key). */
typedef struct cli_input {
  bool jsonl;
  const char *id_key, *raw_key;
  const char *encoding; /* --encoding: the input's charset, NULL for UTF-8 */
} cli_input;

/* `parse --to FORMAT` for the file formats (csl-json, bibtex, ris, tsv):
 * every record of the files (stdin when nfiles is 0 or a file is "-")
 * parsed on jobs threads and written through one rp_writer to stdout.
 * flags: RP_WRITE_*. Returns a process exit code. */
int cli_convert(const rp_parser *p, rp_format format, unsigned flags, const cli_input *in,
                int jobs, const char *const *files, int nfiles);

#endif
