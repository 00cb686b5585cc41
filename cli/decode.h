/*
 * decode.h: input in a named legacy charset (--encoding NAME) read as UTF-8.
 *
 * One decoder per input stream, between the raw reads and the line or list
 * reader: bytes come in as they are read, UTF-8 goes out, and the state of a
 * multi-byte or stateful charset (Shift_JIS, GB18030, UTF-16, ISO-2022-JP)
 * carries over from one read to the next, so a character split between two
 * reads is decoded whole. Memory is fixed (three buffers), whatever the
 * input's size.
 *   koi8-r "\xf0\xd5\xdb\xcb\xc9\xce"  -> "Пушкин"
 *   utf-16le "A\0\n\0"                  -> "A\n"
 * A byte order mark at the start of the stream is dropped; a byte sequence
 * that is not valid in the charset becomes U+FFFD and is counted.
 */
#ifndef RP_CLI_DECODE_H
#define RP_CLI_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Raw bytes of the stream into buf (at most cap): the count, 0 at the end,
 * -1 with errno set on an error (EINTR may be retried by the caller). */
typedef ssize_t (*cli_raw_read)(void *ctx, char *buf, size_t cap);

typedef struct cli_decoder cli_decoder;

/* A cli_raw_read for a stdio stream: ctx is the FILE *. */
ssize_t cli_raw_stdio(void *ctx, char *buf, size_t cap);

/* Whether ICU has a converter for name (any of its aliases: "latin1",
 * "windows-1252", "Shift_JIS", ...); an empty name is not one. */
bool cli_encoding_known(const char *name);

/* A decoder reading the stream through raw(ctx, ...); NULL when out of
 * memory or name is not known. Free with cli_decoder_free. */
cli_decoder *cli_decoder_new(const char *name, cli_raw_read raw, void *ctx);

/* Up to cap bytes of UTF-8 into buf: the count, 0 at the end of the
 * stream (and after), -1 with errno set when the raw read failed (the
 * decoder's state is kept: after EINTR the call may be repeated). */
ssize_t cli_decoder_read(cli_decoder *d, char *buf, size_t cap);

/* Raw bytes read so far (for a progress report). */
off_t cli_decoder_consumed(const cli_decoder *d);

/* Byte sequences so far that were not valid in the charset (each became
 * U+FFFD). */
unsigned long cli_decoder_invalid(const cli_decoder *d);

/* On stderr, when d met invalid bytes: "refparse: NAME: 3 byte sequences
 * not valid in ENCODING replaced by U+FFFD". NULL is accepted. */
void cli_decode_report(const cli_decoder *d, const char *name, const char *encoding);

/* Free a decoder; NULL is accepted. */
void cli_decoder_free(cli_decoder *d);

#endif
