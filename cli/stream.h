/*
 * stream.h: one input stream through the parser, records in, one output
 * line per record out, in input order.
 *
 * Text input: a line is a record, its id the line number.
 *   "Smith J. Title. J Foo. 2001;1:1."  -> {"id":1,"type":...}
 * JSON Lines: an object a line, id and text under o->id_key / o->raw_key.
 *   {"id":"a","raw":"Smith J. ..."}      -> {"id":"a","type":...}
 * A record that cannot be read still gives one output line (parse: an
 * error record with an "input" warning; normalize: an empty line), so
 * output lines join input lines.
 */
#ifndef RP_CLI_STREAM_H
#define RP_CLI_STREAM_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include <refparse.h>

typedef enum { CMD_PARSE, CMD_NORMALIZE, CMD_EVAL } cli_command;

/* The command line, as main() read it. */
typedef struct cli_opts {
  cli_command cmd;
  bool jsonl, list, quiet, ascii, no_custom, no_jit, titlecase, json, vancouver_out, strict;
  rp_format format; /* parse --to: a file format (cli_convert) or a line format */
  const char *id_key, *raw_key;
  const char *encoding; /* --encoding: the input's charset, NULL for UTF-8 */
  const char *fields; /* eval --fields: comma-separated, NULL for score.py's default */
  int jobs, errors;
} cli_opts;

/* One run of the command over its input streams. */
typedef struct cli_run {
  const rp_parser *p;
  const cli_opts *o;
  int out_fd;               /* written with write(2), whole records at a time */
  time_t start;             /* for the progress report */
  unsigned long lineno;     /* input lines so far: text ids go on from file to file */
  unsigned long done;       /* records written */
  unsigned long unreadable; /* records that could not be read */
  int out_errno;            /* errno of the first failed write, 0 while none */
} cli_run;

/* The signal (SIGINT, SIGTERM) that stopped the run, 0 if none. */
extern volatile sig_atomic_t cli_stop_signal;
/* Catch SIGINT and SIGTERM: the record being written is finished, no more
 * input is read, and cli_stop_signal says which came. */
void cli_catch_signals(void);

/* Read every record of in_fd (named name in messages) and write one line
 * per record to run->out_fd. An unreadable record is reported on stderr
 * with its line number and counted in run->unreadable. After a failed
 * write (run->out_errno) or a signal, nothing more is read or written.
 * total is the input's size for the progress report (0: unknown).
 * Returns 0, or 1 after a read error (reported on stderr). */
int cli_stream_run(cli_run *run, int in_fd, const char *name, off_t total);

#endif
