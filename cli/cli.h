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

#endif
