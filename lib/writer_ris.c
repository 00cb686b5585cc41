/* writer_ris.c: one RIS record per result.
 *   TY  - JOUR
 *   AU  - Murry, C. E.
 *   TI  - Haematopoietic stem cells do not transdifferentiate ...
 *   T2  - Nature
 *   JF  - Nature
 *   PY  - 2004
 *   SP  - 664
 *   EP  - 668
 *   ER  -
 * A value is one line: tabs, newlines and other controls become spaces. */
#include <string.h>

#include "writer.h"

/* "TAG  - " pre v[0..n) and the newline (pre is ASCII). */
static void tag_pre(rpi_buf *b, const char *tag, const char *pre, const char *v, size_t n) {
  rpi_buf_puts(b, tag);
  rpi_buf_put_lit(b, "  - ");
  rpi_buf_puts(b, pre);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)v[i];
    rpi_buf_putc(b, c < 0x20 || c == 0x7F ? ' ' : (char)c);
  }
  rpi_buf_putc(b, '\n');
}

static void tag_n(rpi_buf *b, const char *t, const char *v, size_t n) { tag_pre(b, t, "", v, n); }

static void tag(rpi_buf *b, const char *t, const char *v) {
  if (v && *v)
    tag_n(b, t, v, strlen(v));
}

/* PY and DA in RIS's date form "YYYY/MM/DD/other" when the date has more
 * than its year ("2004/03/05/"; a range "2004/01//Jan-Feb", its first
 * month; a season "2004///Spring" in DA); PY the year alone otherwise. */
static void date(rpi_buf *b, const rp_result *r) {
  static const char *const season[] = {"Spring", "Summer", "Autumn", "Winter"};
  int from[3], to[3];
  bool range;
  int n = rpi_issued(r, from, to, &range);
  if (n < 2 && !(n == 1 && r->season)) {
    tag(b, "PY", r->field[RP_FIELD_YEAR]);
    return;
  }
  for (int t = 0; t < 2; t++) {
    if (!t && n == 1) { /* a season: only DA can say it */
      tag(b, "PY", r->field[RP_FIELD_YEAR]);
      continue;
    }
    rpi_buf_puts(b, t ? "DA  - " : "PY  - ");
    rpi_put_date(b, from, n, '/');
    for (int k = n; k < 4; k++)
      rpi_buf_putc(b, '/');
    if (t && range) {
      rpi_buf_puts(b, rpi_month_abbrev(from[1]));
      rpi_buf_putc(b, '-');
      rpi_buf_puts(b, rpi_month_abbrev(to[1]));
    } else if (t && n == 1) {
      rpi_buf_puts(b, season[r->season - 1]);
    }
    rpi_buf_putc(b, '\n');
  }
}

static void names(rpi_buf *b, const rp_result *r, rp_role role, const char *t) {
  rpi_buf one;
  rpi_buf_init(&one, 1 << 16);
  for (size_t i = 0; i < r->n_names[role]; i++) {
    const rpi_name *nm = &r->names[role][i];
    rpi_buf_clear(&one);
    if (nm->part[RP_NAME_LITERAL]) {
      rpi_buf_puts(&one, nm->part[RP_NAME_LITERAL]);
    } else {
      rpi_buf_puts(&one, nm->part[RP_NAME_FAMILY] ? nm->part[RP_NAME_FAMILY] : "");
      if (nm->part[RP_NAME_GIVEN]) {
        rpi_buf_put_lit(&one, ", ");
        rpi_buf_puts(&one, nm->part[RP_NAME_GIVEN]);
      }
      if (nm->part[RP_NAME_SUFFIX]) {
        rpi_buf_put_lit(&one, ", ");
        rpi_buf_puts(&one, nm->part[RP_NAME_SUFFIX]);
      }
    }
    if (one.err)
      b->err = one.err;
    tag_n(b, t, rpi_buf_cstr(&one), one.len);
  }
  rpi_buf_free(&one);
}

static const char *ris_type(rp_type t) {
  static const char *const types[RP_TYPE_COUNT_] = {
      [RP_TYPE_ARTICLE_JOURNAL] = "JOUR", [RP_TYPE_BOOK] = "BOOK",
      [RP_TYPE_CHAPTER] = "CHAP",         [RP_TYPE_PAPER_CONFERENCE] = "CPAPER",
      [RP_TYPE_THESIS] = "THES",          [RP_TYPE_REPORT] = "RPRT",
      [RP_TYPE_WEBPAGE] = "ELEC",         [RP_TYPE_ARTICLE] = "UNPB",
      [RP_TYPE_SOFTWARE] = "COMP",        [RP_TYPE_DATASET] = "DATA",
      [RP_TYPE_PATENT] = "PAT",           [RP_TYPE_MOTION_PICTURE] = "MPCT",
      [RP_TYPE_LEGAL_CASE] = "CASE",      [RP_TYPE_LEGISLATION] = "STAT"};
  return (int)t >= 0 && t < RP_TYPE_COUNT_ && types[t] ? types[t] : "GEN";
}

rp_status rp_write_ris(const rp_result *r, const char *id, size_t id_len, unsigned flags,
                       char **out, size_t *out_len) {
  (void)flags;
  rpi_buf b;
  rp_status st = rpi_writer_start(r, id, id_len, out, &b);
  if (st != RP_OK)
    return st;
  tag(&b, "TY", ris_type(r->type));
  if (id && id_len)
    tag_n(&b, "ID", id, id_len);
  names(&b, r, RP_ROLE_AUTHOR, "AU");
  names(&b, r, RP_ROLE_EDITOR, "ED");
  names(&b, r, RP_ROLE_TRANSLATOR, "A4");
  tag(&b, "TI", r->field[RP_FIELD_TITLE]);
  /* T2 is the container in the RIS specification; readers that predate it
   * (bibutils takes T2 for an abbreviation) read the full journal name from
   * JF and a chapter's or paper's book from BT */
  const char *container = r->field[RP_FIELD_CONTAINER_TITLE];
  tag(&b, "T2", container);
  if (r->type == RP_TYPE_ARTICLE_JOURNAL || r->type == RP_TYPE_ARTICLE)
    tag(&b, "JF", container);
  else if (r->type == RP_TYPE_CHAPTER || r->type == RP_TYPE_PAPER_CONFERENCE)
    tag(&b, "BT", container);
  tag(&b, "T3", r->field[RP_FIELD_COLLECTION_TITLE]);
  date(&b, r);
  tag(&b, "VL", r->field[RP_FIELD_VOLUME]);
  /* (a report's number, or the number in the series, where there is no
   * issue, as EndNote's Number) */
  tag(&b, "IS", r->field[RP_FIELD_ISSUE]    ? r->field[RP_FIELD_ISSUE]
                : r->field[RP_FIELD_NUMBER] ? r->field[RP_FIELD_NUMBER]
                                            : r->field[RP_FIELD_COLLECTION_NUMBER]);
  if (r->field[RP_FIELD_PAGE]) {
    size_t fl, ll;
    const char *last;
    rpi_page_split(r->field[RP_FIELD_PAGE], &fl, &last, &ll);
    tag_n(&b, "SP", r->field[RP_FIELD_PAGE], fl);
    if (ll)
      tag_n(&b, "EP", last, ll);
  }
  tag(&b, "ET", r->field[RP_FIELD_EDITION]);
  tag(&b, "NV", r->field[RP_FIELD_NUMBER_OF_VOLUMES]);
  tag(&b, "M3", r->field[RP_FIELD_GENRE]);
  /* a case's court is its publisher (PB) in RIS, a statute's section SE */
  tag(&b, "PB", r->field[RP_FIELD_PUBLISHER] ? r->field[RP_FIELD_PUBLISHER] : r->field[RP_FIELD_AUTHORITY]);
  tag(&b, "SE", r->field[RP_FIELD_SECTION]);
  tag(&b, "CY", r->field[RP_FIELD_PUBLISHER_PLACE]);
  tag(&b, "DO", r->field[RP_FIELD_DOI]);
  tag(&b, "SN", r->field[RP_FIELD_ISBN] ? r->field[RP_FIELD_ISBN] : r->field[RP_FIELD_ISSN]);
  tag(&b, "AN", r->field[RP_FIELD_PMID]);
  const char *url = r->field[RP_FIELD_URL], *arxiv = r->field[RP_FIELD_ARXIV];
  if (url)
    tag_pre(&b, "UR", rpi_url_has_scheme(url) ? "" : "https://", url, strlen(url));
  else if (arxiv)
    tag_pre(&b, "UR", "https://arxiv.org/abs/", arxiv, strlen(arxiv));
  if (r->field[RP_FIELD_ACCESSED]) {
    char d[16];
    tag(&b, "Y2", rpi_accessed(r->field[RP_FIELD_ACCESSED], '/', d));
  }
  tag(&b, "N1", r->field[RP_FIELD_NOTE]);
  rpi_buf_put_lit(&b, "ER  - \n");
  return rpi_writer_finish(&b, out, out_len);
}
