/* decode.c: a legacy charset to UTF-8, read by read (decode.h), with one
 * ICU converter pair per stream and ucnv_convertEx's pivot kept between
 * calls. */
#include "decode.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

/* RAW is odd on purpose: any size is correct, and an odd one puts the
 * two bytes of a UTF-16 code unit on both sides of a read boundary in
 * every other read, so the stream tests exercise the carried state. */
enum { RAW = (1 << 14) - 1, OUT = 1 << 14, PIVOT = 1 << 10 };

struct cli_decoder {
  UConverter *src, *utf8;
  cli_raw_read raw;
  void *ctx;
  const char *ip, *iend; /* raw bytes not yet converted, in in[] */
  char *op, *oend;       /* UTF-8 not yet handed out, in out[] */
  UChar *ps, *pt;        /* the pivot's pending UTF-16 */
  bool started, eof, done, at_start;
  off_t consumed;
  unsigned long invalid;
  UChar pivot[PIVOT];
  char in[RAW];
  char out[OUT];
};

ssize_t cli_raw_stdio(void *ctx, char *buf, size_t cap) {
  size_t k = fread(buf, 1, cap, (FILE *)ctx);
  return k || !ferror((FILE *)ctx) ? (ssize_t)k : -1;
}

bool cli_encoding_known(const char *name) {
  if (!name || !*name)
    return false; /* ucnv_open("") is the platform default, not a name */
  UErrorCode st = U_ZERO_ERROR;
  UConverter *c = ucnv_open(name, &st);
  ucnv_close(c);
  return U_SUCCESS(st) && c;
}

/* Invalid or unmapped input: U+FFFD (ICU's own substitute would be U+001A
 * for the single-byte charsets), counted. */
static void to_u_invalid(const void *context, UConverterToUnicodeArgs *args,
                         const char *units, int32_t length, UConverterCallbackReason reason,
                         UErrorCode *err) {
  (void)units;
  (void)length;
  if (reason > UCNV_IRREGULAR)
    return; /* reset, close, clone: nothing to write */
  cli_decoder *d = (cli_decoder *)(uintptr_t)context;
  static const UChar fffd = 0xFFFD;
  d->invalid++;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &fffd, 1, 0, err);
}

cli_decoder *cli_decoder_new(const char *name, cli_raw_read raw, void *ctx) {
  if (!cli_encoding_known(name))
    return NULL;
  cli_decoder *d = malloc(sizeof *d);
  if (!d)
    return NULL;
  memset(d, 0, offsetof(cli_decoder, pivot));
  UErrorCode st = U_ZERO_ERROR;
  d->src = ucnv_open(name, &st);
  d->utf8 = U_SUCCESS(st) ? ucnv_open("UTF-8", &st) : NULL;
  if (U_SUCCESS(st))
    ucnv_setToUCallBack(d->src, to_u_invalid, d, NULL, NULL, &st);
  if (U_FAILURE(st)) {
    cli_decoder_free(d);
    return NULL;
  }
  d->raw = raw;
  d->ctx = ctx;
  d->ip = d->iend = d->in;
  d->op = d->oend = d->out;
  d->ps = d->pt = d->pivot;
  d->at_start = true;
  return d;
}

/* Convert what there is into out[] (empty before the call); false after
 * a failed raw read. */
static bool convert(cli_decoder *d) {
  if (d->ip == d->iend && !d->eof) {
    ssize_t k = d->raw(d->ctx, d->in, RAW);
    if (k < 0)
      return false;
    if (k == 0)
      d->eof = true;
    d->ip = d->in;
    d->iend = d->in + k;
    d->consumed += k;
  }
  char *t = d->out;
  UErrorCode st = U_ZERO_ERROR;
  ucnv_convertEx(d->utf8, d->src, &t, d->out + OUT, &d->ip, d->iend, d->pivot, &d->ps, &d->pt,
                 d->pivot + PIVOT, !d->started, d->eof, &st);
  d->started = true;
  if (st == U_ZERO_ERROR && d->eof)
    d->done = true; /* everything converted and flushed */
  else if (U_FAILURE(st) && st != U_BUFFER_OVERFLOW_ERROR)
    d->done = true; /* not reached with the substituting callback */
  d->op = d->out;
  d->oend = t;
  /* a byte order mark (U+FEFF, EF BB BF in UTF-8) opening the stream: the
   * first output holds the whole of it, as out[] has room for it */
  if (d->at_start && d->oend > d->op) {
    d->at_start = false;
    if (d->oend - d->op >= 3 && !memcmp(d->op, "\xEF\xBB\xBF", 3))
      d->op += 3;
  }
  return true;
}

ssize_t cli_decoder_read(cli_decoder *d, char *buf, size_t cap) {
  while (d->op == d->oend) {
    if (d->done)
      return 0;
    if (!convert(d))
      return -1;
  }
  size_t n = (size_t)(d->oend - d->op);
  if (n > cap)
    n = cap;
  memcpy(buf, d->op, n);
  d->op += n;
  return (ssize_t)n;
}

off_t cli_decoder_consumed(const cli_decoder *d) { return d->consumed; }

unsigned long cli_decoder_invalid(const cli_decoder *d) { return d->invalid; }

void cli_decode_report(const cli_decoder *d, const char *name, const char *encoding) {
  if (d && d->invalid)
    fprintf(stderr, "refparse: %s: %lu byte sequence%s not valid in %s replaced by U+FFFD\n",
            name, d->invalid, d->invalid == 1 ? "" : "s", encoding);
}

void cli_decoder_free(cli_decoder *d) {
  if (!d)
    return;
  ucnv_close(d->src);
  ucnv_close(d->utf8);
  free(d);
}
