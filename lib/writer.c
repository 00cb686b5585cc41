#include "writer.h"

#include <stdbool.h>
#include <stdlib.h>

/* Bytes a JSON string literal escapes: controls, '"', '\\', DEL. */
#define E1(c) ((c) < 0x20 || (c) == '"' || (c) == '\\' || (c) == 0x7F)
#define E4(c) E1(c), E1(c + 1), E1(c + 2), E1(c + 3)
#define E16(c) E4(c), E4(c + 4), E4(c + 8), E4(c + 12)
static const bool json_escaped[128] = {E16(0),  E16(16), E16(32), E16(48),
                                       E16(64), E16(80), E16(96), E16(112)};

void rpi_json_str(rpi_buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  rpi_buf_putc(b, '"');
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80 || !json_escaped[c])
      continue;
    rpi_buf_put(b, s + run, i - run);
    run = i + 1;
    switch (c) {
    case '"': rpi_buf_puts(b, "\\\""); break;
    case '\\': rpi_buf_puts(b, "\\\\"); break;
    case '\n': rpi_buf_puts(b, "\\n"); break;
    case '\t': rpi_buf_puts(b, "\\t"); break;
    case '\r': rpi_buf_puts(b, "\\r"); break;
    default: {
      char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      rpi_buf_put(b, u, 6);
    }
    }
  }
  rpi_buf_put(b, s + run, n - run);
  rpi_buf_putc(b, '"');
}

rp_status rpi_writer_finish(rpi_buf *b, char **out, size_t *out_len) {
  if (b->err) {
    rp_status st = (rp_status)b->err;
    rpi_buf_free(b);
    return st;
  }
  size_t len = 0;
  *out = rpi_buf_detach(b, &len);
  if (!*out)
    return RP_ERR_NOMEM;
  if (out_len)
    *out_len = len;
  return RP_OK;
}
