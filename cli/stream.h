/*
 * stream.h: one input stream through the parser, records in, one output
 * line per record out, in input order.
 *
 * Text input: a line is a record, its id the line number.
 *   "Smith J. Title. J Foo. 2001;1:1."  -> {"id":1,"type":...}
 * JSON Lines: an object a line, id and text under o->id_key / o->raw_key.
 *   {"id":"a","raw":"Smith J. ..."}      -> {"id":"a","type":...}
 * A record that cannot be read still gives one output line (an error
 * record with an "input" warning), so output lines join input lines.
 */
#ifndef RP_CLI_STREAM_H
#define RP_CLI_STREAM_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include <refparse.h>

typedef enum { CMD_PARSE, CMD_NORMALIZE, CMD_EVAL } cli_command;

/* The command line, as main() read it. */
typedef struct cli_opts {
  cli_command cmd;
  bool jsonl, quiet, ascii, no_custom, no_jit, titlecase, json, vancouver_out;
  const char *id_key, *raw_key;
  int jobs, errors;
} cli_opts;

/* Read every record of in (named name in messages), write one line per
 * record to out. *lineno counts input lines across calls (text ids go on
 * from file to file), *done the records written; total is in's size for
 * the progress report (0: unknown), start the run's start time. Returns 0,
 * or 1 after a read error (reported on stderr). */
int cli_stream_run(const rp_parser *p, const cli_opts *o, FILE *in, FILE *out, const char *name,
                   unsigned long *lineno, unsigned long *done, off_t total, time_t start);

#endif
