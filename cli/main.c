/*
 * main.c: the refparse command. Arguments, input files and exit codes only;
 * the records of a stream are stream.c's, every parse and every format is
 * the library's.
 * Exit: 0 ok, 1 I/O or internal error, 2 usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "decode.h"
#include "stream.h"
#ifdef RP_HAVE_SERVE
#include "serve.h"
#endif

static const char usage[] =
    "usage: refparse <command> [options] [FILE...]\n"
    "\n"
    "commands:\n"
    "  parse      one reference per input record -> one CSL-JSON item per line\n"
    "  normalize  one reference per input record -> the cleaned reference string\n"
    "  eval GOLD.jsonl\n"
    "             parse the gold file's raw strings and print field-level scores\n"
    "             and a reliability table (confidence bucket -> share correct)\n"
    "  serve      an HTTP service (refparse serve --help), when built with it\n"
    "\n"
    "parse and normalize:\n"
    "  --input text|jsonl|list\n"
    "                      input records: lines of text (default), JSON Lines, or a\n"
    "                      pasted reference list (wrapped, numbered, ...; one thread)\n"
    "  --id-key KEY        JSONL key holding the record id (default: id)\n"
    "  --raw-key KEY       JSONL key holding the reference (default: raw)\n"
    "  -j, --jobs N        parse in N threads (default: number of cores); output order\n"
    "                      and bytes are the same for every N\n"
    "  --strict            exit 1 when any input record could not be read\n"
    "  --encoding NAME     decode the input from charset NAME (any ICU converter name:\n"
    "                      windows-1252, latin1, iso-8859-2, koi8-r, shift_jis,\n"
    "                      gb18030, utf-16le, ...) before reading records\n"
    "parse:\n"
    "  --to FORMAT         output format: csl-jsonl (default; one CSL-JSON item per\n"
    "                      line), csl-json (one JSON array), bibtex, ris, tsv,\n"
    "                      vancouver\n"
    "  --no-custom         omit refparse's \"custom\" object\n"
    "normalize:\n"
    "  --render vancouver  write a canonical Vancouver string instead\n"
    "  --ascii             ASCII-fold the output\n"
    "eval:\n"
    "  --errors N          also print the N first field errors to stderr\n"
    "  --json              print the scores as JSON\n"
    "  --fields a,b,...    score these CSL fields instead of the default list\n"
    "                      (as score.py --fields: type, publisher, editor, URL, ...)\n"
    "every command:\n"
    "  --no-jit            match without the PCRE2 JIT (slower; for valgrind)\n"
    "  --titlecase-names   write ALL-CAPS family names in title case (MURRY -> Murry)\n"
    "  -q, --quiet         no progress on stderr\n"
    "  -h, --help          this text\n"
    "  --version           print the version\n"
    "\n"
    "Text input: one reference per line (LF, CRLF or CR); bullets and list numbers\n"
    "are stripped; ids are line numbers. Every input record gives exactly one\n"
    "output line, in order, even when it is empty or broken (then with a warning).\n"
    "Without --encoding the input is UTF-8, and a text line that is not valid\n"
    "UTF-8 but reads as Windows-1252 is decoded so, with an \"encoding\" warning.\n"
    "With --encoding the whole input is decoded as it is read (no warning in the\n"
    "records: the charset was given); a leading byte order mark is dropped, and\n"
    "bytes not valid in the charset become U+FFFD, counted on stderr per file.\n"
    "JSONL: any JSON object a line; a leading BOM is skipped, invalid UTF-8 and\n"
    "lone surrogates are replaced by U+FFFD (with a warning on stderr); the id\n"
    "may be a string or any number, else the record is refused. A record that\n"
    "cannot be read is reported on stderr with its line number, written as an\n"
    "error record (parse) or an empty line (normalize), and counted in a closing\n"
    "summary (\"refparse: 3 of 1,000 records unreadable\").\n"
    "\n"
    "Limits: the library reads the first 8192 bytes of a reference (a longer one\n"
    "is truncated, with a warning); a JSONL id may have up to 65536 bytes and a\n"
    "record may nest up to 1048576 levels. Lines, files and records have no other\n"
    "limit, and memory stays bounded (under 32 MB) whatever the input.\n"
    "\n"
    "Exit status: 0 ok; 1 I/O or internal error, or some records unreadable with\n"
    "--strict, or none readable; 2 usage error; 130 after SIGINT, 143 after\n"
    "SIGTERM (the record being written is finished, no more input is read).\n";

/* Which commands take an option. */
enum { FOR_PARSE = 1u << CMD_PARSE, FOR_NORMALIZE = 1u << CMD_NORMALIZE, FOR_EVAL = 1u << CMD_EVAL };

/* False (and a usage message) when option a is not one of cmd's. */
static bool option_for(cli_command cmd, unsigned cmds, const char *a) {
  if (cmds & (1u << cmd))
    return true;
  const char *whose = cmds == FOR_PARSE       ? "a parse option"
                      : cmds == FOR_NORMALIZE ? "a normalize option"
                      : cmds == FOR_EVAL      ? "an eval option"
                                              : "a parse and normalize option";
  static const char *const names[] = {"parse", "normalize", "eval"};
  fprintf(stderr, "refparse: %s is %s, not for %s (see refparse --help)\n", a, whose,
          names[cmd]);
  return false;
}

/* n in decimal with thousands separators ("1,000") into b (room for 27). */
static const char *grouped(char b[32], unsigned long n) {
  char d[24];
  int l = snprintf(d, sizeof d, "%lu", n), k = 0;
  for (int i = 0; i < l; i++) {
    if (i && (l - i) % 3 == 0)
      b[k++] = ',';
    b[k++] = d[i];
  }
  b[k] = '\0';
  return b;
}

/* Flush stdout; a write error (full disk, closed pipe) is reported and
 * turns rc into 1. */
static int flush_stdout(int rc) {
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "refparse: write error: %s\n", strerror(errno ? errno : EIO));
    return 1;
  }
  return rc;
}

static int parse_jobs(const char *s) {
  char *end;
  long v = strtol(s, &end, 10);
  if (*end || v < 1 || v > 64)
    return -1;
  return (int)v;
}

int main(int argc, char **argv) {
  cli_opts o = {.cmd = CMD_PARSE, .id_key = "id", .raw_key = "raw", .jobs = 0, .errors = 0};
  if (argc < 2) {
    fputs(usage, stderr);
    return 2;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
    fputs(usage, stdout);
    return flush_stdout(0);
  }
  if (!strcmp(cmd, "--version")) {
    printf("refparse %s\n", rp_version_string());
    return flush_stdout(0);
  }
#ifdef RP_HAVE_SERVE
  if (!strcmp(cmd, "serve"))
    return rp_cli_serve(argc, argv);
#endif
  if (!strcmp(cmd, "parse"))
    o.cmd = CMD_PARSE;
  else if (!strcmp(cmd, "normalize"))
    o.cmd = CMD_NORMALIZE;
  else if (!strcmp(cmd, "eval"))
    o.cmd = CMD_EVAL;
  else {
    fprintf(stderr, "refparse: unknown command '%s' (see refparse --help)\n", cmd);
    return 2;
  }
  /* the FILE arguments, in order: as many as the command line holds */
  const char **files = malloc((size_t)argc * sizeof *files);
  if (!files) {
    fputs("refparse: out of memory\n", stderr);
    return 1;
  }
  int nfiles = 0;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED()                                                                 \
  do {                                                                         \
    if (!next) {                                                               \
      fprintf(stderr, "refparse: %s needs a value (see refparse --help)\n", a); \
      goto usage_error;                                                        \
    }                                                                          \
    i++;                                                                       \
  } while (0)
#define FOR(cmds)                                                              \
  do {                                                                         \
    if (!option_for(o.cmd, (cmds), a))                                         \
      goto usage_error;                                                        \
  } while (0)
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      free(files);
      fputs(usage, stdout);
      return flush_stdout(0);
    } else if (!strcmp(a, "--version")) {
      free(files);
      printf("refparse %s\n", rp_version_string());
      return flush_stdout(0);
    } else if (!strcmp(a, "--input")) {
      FOR(FOR_PARSE | FOR_NORMALIZE);
      NEED();
      o.list = false;
      if (!strcmp(next, "jsonl"))
        o.jsonl = true;
      else if (!strcmp(next, "text"))
        o.jsonl = false;
      else if (!strcmp(next, "list"))
        o.jsonl = false, o.list = true;
      else {
        fprintf(stderr, "refparse: --input must be text, jsonl or list\n");
        goto usage_error;
      }
    } else if (!strcmp(a, "--id-key")) {
      FOR(FOR_PARSE | FOR_NORMALIZE);
      NEED();
      o.id_key = next;
    } else if (!strcmp(a, "--raw-key")) {
      FOR(FOR_PARSE | FOR_NORMALIZE);
      NEED();
      o.raw_key = next;
    } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
      FOR(FOR_PARSE | FOR_NORMALIZE);
      NEED();
      if ((o.jobs = parse_jobs(next)) < 0) {
        fprintf(stderr, "refparse: -j needs a number from 1 to 64\n");
        goto usage_error;
      }
    } else if (!strcmp(a, "--encoding")) {
      FOR(FOR_PARSE | FOR_NORMALIZE);
      NEED();
      if (!cli_encoding_known(next)) {
        fprintf(stderr, "refparse: unknown encoding '%s'\n", next);
        goto usage_error;
      }
      o.encoding = next;
    } else if (!strcmp(a, "--strict")) {
      FOR(FOR_PARSE | FOR_NORMALIZE);
      o.strict = true;
    } else if (!strcmp(a, "--to")) {
      FOR(FOR_PARSE);
      NEED();
      if (rp_format_from_name(next, &o.format) != RP_OK) {
        fprintf(stderr, "refparse: --to must be csl-jsonl, csl-json, bibtex, ris, tsv or vancouver\n");
        goto usage_error;
      }
      o.vancouver_out = o.format == RP_FORMAT_VANCOUVER;
    } else if (!strcmp(a, "--no-custom")) {
      FOR(FOR_PARSE);
      o.no_custom = true;
    } else if (!strcmp(a, "--render")) {
      FOR(FOR_NORMALIZE);
      NEED();
      if (strcmp(next, "vancouver")) {
        fprintf(stderr, "refparse: --render supports vancouver\n");
        goto usage_error;
      }
      o.vancouver_out = true;
    } else if (!strcmp(a, "--ascii")) {
      FOR(FOR_NORMALIZE);
      o.ascii = true;
    } else if (!strcmp(a, "--json")) {
      FOR(FOR_EVAL);
      o.json = true;
    } else if (!strcmp(a, "--fields") || !strncmp(a, "--fields=", 9)) {
      FOR(FOR_EVAL);
      if (a[8] == '=') {
        o.fields = a + 9;
      } else {
        NEED();
        o.fields = next;
      }
    } else if (!strcmp(a, "--errors")) {
      FOR(FOR_EVAL);
      NEED();
      char *end;
      long v = strtol(next, &end, 10);
      if (*end || v < 0 || v > 1000000) {
        fprintf(stderr, "refparse: --errors needs a count\n");
        goto usage_error;
      }
      o.errors = (int)v;
    } else if (!strcmp(a, "--no-jit")) {
      o.no_jit = true;
    } else if (!strcmp(a, "--titlecase-names")) {
      o.titlecase = true;
    } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
      o.quiet = true;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "refparse: unknown option '%s' (see refparse --help)\n", a);
      goto usage_error;
    } else {
      files[nfiles++] = a;
    }
#undef FOR
#undef NEED
  }
  if (o.jobs == 0) {
    long nc = sysconf(_SC_NPROCESSORS_ONLN);
    o.jobs = nc > 0 ? (nc > 64 ? 64 : (int)nc) : 1;
  }
  if (o.cmd == CMD_EVAL && nfiles != 1) {
    fprintf(stderr, "refparse: eval needs exactly one GOLD.jsonl file\n");
    goto usage_error;
  }
  rp_parser *p = NULL;
  rp_options *popt = rp_options_new();
  if (popt && o.no_jit)
    rp_options_set_flags(popt, rp_options_flags(popt) | RP_OPT_NO_JIT);
  if (popt && o.titlecase)
    rp_options_set_flags(popt, rp_options_flags(popt) | RP_OPT_TITLECASE_NAMES);
  rp_status st = popt ? rp_parser_new(popt, &p) : RP_ERR_NOMEM;
  rp_options_free(popt);
  if (st != RP_OK) {
    fprintf(stderr, "refparse: cannot create parser: %s\n", rp_strerror(st));
    free(files);
    return 1;
  }
  int rc = 0;
  if (o.cmd == CMD_EVAL) {
    rc = flush_stdout(cli_eval(p, files[0], o.fields, o.errors, o.json, o.jobs));
    rp_parser_free(p);
    free(files);
    return rc;
  }
  if (o.list) {
    const cli_list_opts lo = {o.cmd == CMD_NORMALIZE, o.vancouver_out, o.ascii, o.no_custom,
                              o.encoding};
    rc = cli_list_files(p, files, nfiles, &lo);
    rp_parser_free(p);
    free(files);
    return rc;
  }
  if (o.cmd == CMD_PARSE && o.format != RP_FORMAT_CSL_JSONL && o.format != RP_FORMAT_VANCOUVER) {
    cli_input in = {o.jsonl, o.id_key, o.raw_key, o.encoding};
    rc = cli_convert(p, o.format, o.no_custom ? RP_WRITE_NO_CUSTOM : 0, &in, o.jobs, files, nfiles);
    rp_parser_free(p);
    free(files);
    return rc;
  }
  cli_catch_signals();
  cli_run run = {.p = p, .o = &o, .out_fd = 1, .start = time(NULL)};
  /* what the usage text and its --help wrote is out before the records */
  rc = flush_stdout(0);
  for (int f = 0; f == 0 || f < nfiles; f++) {
    if (rc || run.out_errno || cli_stop_signal)
      break;
    const char *name = nfiles ? files[f] : "-";
    bool std_in = !strcmp(name, "-");
    int fd = std_in ? 0 : open(name, O_RDONLY);
    if (fd < 0) {
      fprintf(stderr, "refparse: %s: %s\n", name, strerror(errno));
      rc = 1;
      break;
    }
    struct stat sb;
    off_t total = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? sb.st_size : 0;
    rc = cli_stream_run(&run, fd, std_in ? "<stdin>" : name, total);
    if (!std_in)
      close(fd);
  }
  if (!o.quiet && isatty(2) && difftime(time(NULL), run.start) >= 1)
    fputc('\n', stderr);
  if (run.out_errno) {
    fprintf(stderr, "refparse: write error: %s\n", strerror(run.out_errno));
    rc = 1;
  }
  if (run.unreadable) {
    char a[32], b[32];
    fprintf(stderr, "refparse: %s of %s records unreadable\n", grouped(a, run.unreadable),
            grouped(b, run.lineno));
    /* nothing readable at all is an error: the wrong --input or --raw-key */
    if (o.strict || run.unreadable == run.lineno)
      rc = rc ? rc : 1;
  }
  if (cli_stop_signal) {
    fprintf(stderr, "refparse: stopped by %s\n", cli_stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
    rc = 128 + cli_stop_signal;
  }
  rp_parser_free(p);
  free(files);
  return rc;
usage_error:
  free(files);
  return 2;
}
