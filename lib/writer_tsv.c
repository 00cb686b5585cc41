/* writer_tsv.c: one tab-separated row per result, in fixed columns (the
 * header, rp_tsv_header). In values "\\" "\t" "\n" "\r" are written as
 * two characters each (a backslash and "\\", "t", "n", "r"), so a row is
 * one line and splitting on tabs is exact. */
#include <string.h>

#include "writer.h"

static const char header[] =
    "id\ttype\tauthor\teditor\ttitle\tcontainer-title\tcollection-title\tyear\tvolume\t"
    "issue\tpage\tpublisher\tpublisher-place\tedition\tgenre\tDOI\tPMID\tPMCID\tarXiv\tISBN\t"
    "ISSN\tURL\taccessed\tnote\tet-al\twarnings\tdate\tnumber\tcollection-number\tnumber-of-volumes\n";

const char *rp_tsv_header(void) { return header; }

static void esc_n(rpi_buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    char e = c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : 0;
    if (e) {
      rpi_buf_putc(b, '\\');
      rpi_buf_putc(b, e);
    } else {
      rpi_buf_putc(b, c);
    }
  }
}

static void esc(rpi_buf *b, const char *s) {
  if (s)
    esc_n(b, s, strlen(s));
}

/* A column after the first: the tab, then the value. */
static void col(rpi_buf *b, const char *s) {
  rpi_buf_putc(b, '\t');
  esc(b, s);
}

static void names(rpi_buf *b, const rp_result *r, rp_role role) {
  rpi_buf_putc(b, '\t');
  for (size_t i = 0; i < r->n_names[role]; i++) {
    const rpi_name *nm = &r->names[role][i];
    if (i)
      rpi_buf_put_lit(b, "; ");
    if (nm->part[RP_NAME_LITERAL]) {
      esc(b, nm->part[RP_NAME_LITERAL]);
      continue;
    }
    esc(b, nm->part[RP_NAME_FAMILY]);
    if (nm->part[RP_NAME_GIVEN]) {
      rpi_buf_put_lit(b, ", ");
      esc(b, nm->part[RP_NAME_GIVEN]);
    }
    if (nm->part[RP_NAME_SUFFIX]) {
      rpi_buf_put_lit(b, ", ");
      esc(b, nm->part[RP_NAME_SUFFIX]);
    }
  }
}

/* The "date" column: the date of publication in ISO 8601 when it has a
 * month ("2004-03-05", "2004-03", a range "2004-01/2004-02") or is a
 * range of years ("1939/1940"), else empty
 * (the year column has the year). */
static void date(rpi_buf *b, const rp_result *r) {
  int from[3], to[3];
  bool range;
  int n = rpi_issued(r, from, to, &range);
  rpi_buf_putc(b, '\t');
  if (n < 2 && !range)
    return;
  rpi_put_date(b, from, n, '-');
  if (range) {
    rpi_buf_putc(b, '/');
    rpi_put_date(b, to, n, '-');
  }
}

rp_status rp_write_tsv(const rp_result *r, const char *id, size_t id_len, unsigned flags,
                       char **out, size_t *out_len) {
  (void)flags;
  rpi_buf b;
  rp_status st = rpi_writer_start(r, id, id_len, out, &b);
  if (st != RP_OK)
    return st;
  if (id)
    esc_n(&b, id, id_len);
  col(&b, rp_type_name(r->type));
  names(&b, r, RP_ROLE_AUTHOR);
  names(&b, r, RP_ROLE_EDITOR);
  static const rp_field cols[] = {
      RP_FIELD_TITLE,     RP_FIELD_CONTAINER_TITLE, RP_FIELD_COLLECTION_TITLE,
      RP_FIELD_YEAR,      RP_FIELD_VOLUME,          RP_FIELD_ISSUE,
      RP_FIELD_PAGE,      RP_FIELD_PUBLISHER,       RP_FIELD_PUBLISHER_PLACE,
      RP_FIELD_EDITION,   RP_FIELD_GENRE,           RP_FIELD_DOI,
      RP_FIELD_PMID,      RP_FIELD_PMCID,           RP_FIELD_ARXIV,
      RP_FIELD_ISBN,      RP_FIELD_ISSN,            RP_FIELD_URL,
      RP_FIELD_ACCESSED,  RP_FIELD_NOTE};
  for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
    if (cols[i] == RP_FIELD_ACCESSED && r->field[cols[i]]) {
      char d[16]; /* ISO when it reads as a date, else as printed */
      col(&b, rpi_accessed(r->field[cols[i]], '-', d));
      continue;
    }
    col(&b, r->field[cols[i]]);
  }
  col(&b, r->et_al[RP_ROLE_AUTHOR] ? "1" : NULL);
  rpi_buf_putc(&b, '\t');
  for (size_t i = 0; i < r->n_warn; i++) {
    if (i)
      rpi_buf_putc(&b, ',');
    rpi_buf_puts(&b, rp_warning_name(r->warn[i].code));
  }
  date(&b, r);
  col(&b, r->field[RP_FIELD_NUMBER]);
  col(&b, r->field[RP_FIELD_COLLECTION_NUMBER]);
  col(&b, r->field[RP_FIELD_NUMBER_OF_VOLUMES]);
  rpi_buf_putc(&b, '\n');
  return rpi_writer_finish(&b, out, out_len);
}
