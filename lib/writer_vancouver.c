/* writer_vancouver.c: a canonical NLM/Vancouver string from the fields:
 * "Murry CE, Soonpaa MH, et al. Title. Nature. 2004;428(6983):664-668." */
#include <string.h>

#include "writer.h"

static void initials(rpi_buf *b, const char *g) {
  bool start = true;
  for (const char *q = g; *q; q++) {
    unsigned char c = (unsigned char)*q;
    if (c == ' ' || c == '.') {
      start = true;
      continue;
    }
    if (c == '-') {
      rpi_buf_putc(b, '-');
      start = true;
      continue;
    }
    size_t l = 1;
    while (q[l] && ((unsigned char)q[l] & 0xC0) == 0x80)
      l++;
    if (start)
      rpi_buf_put(b, q, l);
    start = false;
    q += l - 1;
  }
}

static void sentence(rpi_buf *b, const char *s) {
  if (!s || !*s)
    return;
  if (b->len)
    rpi_buf_putc(b, ' ');
  rpi_buf_puts(b, s);
  size_t n = strlen(s);
  char last = s[n - 1];
  if (last != '.' && last != '?' && last != '!')
    rpi_buf_putc(b, '.');
}

rp_status rp_write_vancouver(const rp_result *r, unsigned flags, char **out, size_t *out_len) {
  (void)flags;
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if (!r)
    return RP_ERR_ARG;
  rpi_buf b;
  rpi_buf_init(&b, (size_t)1 << 30);
  size_t na = r->n_names[RP_ROLE_AUTHOR];
  for (size_t i = 0; i < na; i++) {
    const rpi_name *nm = &r->names[RP_ROLE_AUTHOR][i];
    if (i)
      rpi_buf_puts(&b, ", ");
    if (nm->part[RP_NAME_LITERAL]) {
      rpi_buf_puts(&b, nm->part[RP_NAME_LITERAL]);
      continue;
    }
    rpi_buf_puts(&b, nm->part[RP_NAME_FAMILY] ? nm->part[RP_NAME_FAMILY] : "");
    if (nm->part[RP_NAME_GIVEN]) {
      rpi_buf_putc(&b, ' ');
      initials(&b, nm->part[RP_NAME_GIVEN]);
    }
    if (nm->part[RP_NAME_SUFFIX]) {
      rpi_buf_putc(&b, ' ');
      rpi_buf_puts(&b, nm->part[RP_NAME_SUFFIX]);
    }
  }
  if (na && r->et_al[RP_ROLE_AUTHOR])
    rpi_buf_puts(&b, ", et al");
  if (na)
    rpi_buf_putc(&b, '.');
  sentence(&b, r->field[RP_FIELD_TITLE]);
  const char *c = r->field[RP_FIELD_CONTAINER_TITLE];
  sentence(&b, c);
  if (r->field[RP_FIELD_YEAR] || r->field[RP_FIELD_VOLUME] || r->field[RP_FIELD_PAGE]) {
    if (b.len)
      rpi_buf_putc(&b, ' ');
    if (r->field[RP_FIELD_YEAR])
      rpi_buf_puts(&b, r->field[RP_FIELD_YEAR]);
    if (r->field[RP_FIELD_VOLUME]) {
      rpi_buf_putc(&b, ';');
      rpi_buf_puts(&b, r->field[RP_FIELD_VOLUME]);
    }
    if (r->field[RP_FIELD_ISSUE]) {
      rpi_buf_putc(&b, '(');
      rpi_buf_puts(&b, r->field[RP_FIELD_ISSUE]);
      rpi_buf_putc(&b, ')');
    }
    if (r->field[RP_FIELD_PAGE]) {
      rpi_buf_putc(&b, ':');
      rpi_buf_puts(&b, r->field[RP_FIELD_PAGE]);
    }
    rpi_buf_putc(&b, '.');
  }
  if (r->field[RP_FIELD_DOI]) {
    rpi_buf_puts(&b, " doi:");
    rpi_buf_puts(&b, r->field[RP_FIELD_DOI]);
  }
  return rpi_writer_finish(&b, out, out_len);
}
