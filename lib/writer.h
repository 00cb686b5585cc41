/*
 * writer.h: helpers shared by the output formats (one file per format:
 * writer_csljson.c, writer_vancouver.c). Writers only format what the
 * parser found; no parsing logic lives here.
 *   rpi_json_str(b, "a\"b") appends "\"a\\\"b\""
 */
#ifndef RP_WRITER_H
#define RP_WRITER_H

#include "buf.h"
#include "result.h"

/* Append s as a JSON string literal (UTF-8 kept, controls escaped). */
void rpi_json_str(rpi_buf *b, const char *s, size_t n);
/* Hand a finished buffer to the caller as (*out, *out_len). */
rp_status rpi_writer_finish(rpi_buf *b, char **out, size_t *out_len);

#endif
