/*
 * serve.h: `refparse serve`, an HTTP front end over the library
 * (libmicrohttpd): GROBID-compatible TEI endpoints, refparse's JSON
 * endpoints, Prometheus metrics and one embedded web page. Only the public
 * API of refparse.h is used; the one rp_parser is shared by every thread.
 *
 * The TEI writer (tei.c) follows GROBID's <biblStruct> layout:
 *   "Murry CE, ... Nature. 2004;428(6983):664-8."
 *   -> <biblStruct xml:id="b0"><analytic><title level="a" type="main">...
 *      <author><persName><forename type="first">C</forename>
 *      <forename type="middle">E</forename><surname>Murry</surname>...
 *      </analytic><monogr><title level="j">Nature</title><imprint>
 *      <biblScope unit="volume">428</biblScope>...
 *      <biblScope unit="page" from="664" to="668"/>
 *      <date type="published" when="2004"/></imprint></monogr></biblStruct>
 */
#ifndef RP_CLI_SERVE_H
#define RP_CLI_SERVE_H

#include <stdbool.h>
#include <stddef.h>

#include <refparse.h>

/* Run `refparse serve` (argv[1] is "serve"); returns the process exit code:
 * 0 after a clean shutdown (SIGTERM, SIGINT), 1 when the server cannot
 * start, 2 on a usage error. */
int rp_cli_serve(int argc, char **argv);

/* A growable byte string; `failed` is set (and stays set) when an
 * allocation fails, so callers check once at the end. */
typedef struct cli_buf {
  char *data;
  size_t len, cap;
  bool failed;
} cli_buf;

void cli_buf_add(cli_buf *b, const char *s, size_t n);
void cli_buf_adds(cli_buf *b, const char *s);
/* Add text escaped for XML content and attribute values: & < > " ' become
 * entities; invalid UTF-8 and characters XML 1.0 forbids (controls other
 * than tab, LF, CR; U+FFFE, U+FFFF) become U+FFFD. */
void cli_buf_add_xml(cli_buf *b, const char *s, size_t n);
void cli_buf_free(cli_buf *b);

/* Append one GROBID-style <biblStruct xml:id="bINDEX"> for a result. When
 * raw is not NULL it is added as <note type="raw_reference"> (GROBID's
 * includeRawCitations). */
void cli_tei_bibl(cli_buf *b, const rp_result *r, size_t index, const char *raw, size_t raw_len);

#endif
