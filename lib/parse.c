/*
 * parse.c: the driver. Sets up the working state and runs the stages
 * (stage.h) in order; it is the only place that knows the order.
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "scan.h"

/* The stages after the names and dates, when the reference is not a
 * legal citation: chapter, locator, duplicates, page count, edition,
 * then title, container and imprint by kind. Returns whether it is a
 * chapter. */
static bool body_stages(st *s, size_t pos) {
  rpi_stage_series(s, pos);
  rpi_stage_report(s, pos);
  rpi_stage_imprint_acs(s, pos);
  size_t in_after = 0;
  size_t in_at = rpi_stage_chapter_find(s, pos, s->n, &in_after);
  if (in_at == UNSET)
    rpi_stage_book_editors(s, pos);
  loc L;
  bool have = rpi_stage_locators(s, pos, in_at, in_after, &L);
  if (have && (s->p->flags & RP_OPT_DEDUP_LOCATORS))
    rpi_stage_duplicates(s, &L);
  rpi_stage_pages_count(s, pos, have ? &L : NULL);
  rpi_stage_imprint_edition(s, pos);
  size_t region_end = have ? L.a : s->n;
  if (in_at != UNSET && in_at < region_end)
    return rpi_stage_chapter(s, pos, in_at, in_after, region_end, have ? &L : NULL);
  if (!have)
    return rpi_stage_title_forthcoming(s, pos) ? false : rpi_stage_book(s, pos);
  rpi_stage_dates_before_locator(s, pos, &L);
  if (!rpi_stage_book_with_locator(s, pos, &L))
    rpi_stage_title(s, pos, L.a);
  rpi_stage_imprint_after_locator(s, &L);
  rpi_stage_title_check(s);
  return false;
}

/* PDF-extracted spacing, "Merger ,Phys .Rev .Lett .116": a space before a
 * comma or period and none after it, between letters (or a bracket or digit
 * before); or a comma spaced on both sides after a word ("Bachkirova ,
 * T."). The working copy reads ", " and ". " there so that the stages see
 * the stops; fields keep the printed order (rpi_fields_source). */
static void pdf_spacing(st *s) {
  for (size_t q = 1; q + 2 < s->n; q++) {
#if RPI_SSE2
    if (q + 18 <= s->n) { /* no ' ' before a '.' or ',' in [q, q + 16): skip them */
      rpi_v16 nx = rpi_v16_load(s->w + q + 1);
      if (!rpi_v16_mask(rpi_v16_and(rpi_v16_eq(rpi_v16_load(s->w + q), ' '),
                                    rpi_v16_or(rpi_v16_eq(nx, '.'), rpi_v16_eq(nx, ','))))) {
        q += 15;
        continue;
      }
    }
#endif
    char c = s->w[q + 1];
    if (s->w[q] != ' ' || (c != '.' && c != ','))
      continue;
    unsigned char before = (unsigned char)s->w[q - 1], after = (unsigned char)s->w[q + 2];
    if (!(ascii_alpha((char)before) || ascii_digit((char)before) || before >= 0x80 || before == ')'))
      continue;
    /* "Bachkirova , T., Cox, E.": a comma spaced on both sides after a
     * word is the word's */
    bool both = c == ',' && after == ' ' && (ascii_alpha((char)before) || before >= 0x80);
    if (!both && !(ascii_alpha((char)after) || ascii_digit((char)after) || after >= 0xC2))
      continue;
    s->w[q] = c;
    s->w[q + 1] = ' ';
    s->swapped = true;
    q++;
  }
}

/* Every stage, in order. False when out of memory before any result. */
static bool run_stages(st *s) {
  rpi_stage_ids(s);
  if (rpi_stage_legal_cite(s)) {
    rpi_stage_unparsed(s);
    rpi_stage_confidence(s);
    return true;
  }
  size_t pos = rpi_stage_authors(s);
  if (pos == UNSET)
    return false;
  s->names_end = pos;
  bool act = rpi_stage_legal_act(s, pos);
  pos = rpi_stage_dates(s, pos);
  pos = rpi_stage_authors_to_date(s, pos);
  bool chapter = false;
  if (!act && !rpi_stage_legal(s, pos))
    chapter = body_stages(s, pos);
  rpi_stage_translators(s, pos);
  rpi_stage_dates_anywhere(s, pos);
  rpi_stage_dates_full(s);
  rpi_stage_pages_bare(s, pos);
  if (!act)
    rpi_stage_type(s, chapter, pos);
  rpi_stage_unparsed(s);
  rpi_stage_confidence(s);
  return true;
}

/* Free the working copy (unless it is on_stack) and its restored copy. */
static void free_work(st *s, const char *on_stack) {
  if (s->w != on_stack)
    free(s->w);
  free(s->restore);
}

int rpi_parse(const rp_parser *p, rpi_rx_scratch *sc, const rpi_text *t, rp_result *r,
              rpi_buf *normalized) {
  st s;
  memset(&s, 0, sizeof s);
  s.p = p;
  s.sc = sc;
  s.t = t;
  s.r = r;
  s.n = t->len;
  s.year_a = s.year_b = UNSET;
  char w_on[1024]; /* the working copy of most references: no allocation */
  s.w = t->len < sizeof w_on ? w_on : malloc(t->len + 1);
  if (!s.w)
    return RP_ERR_NOMEM;
  if (t->len)
    memcpy(s.w, t->s, t->len);
  s.w[t->len] = '\0';
  pdf_spacing(&s);
  rpi_match_pairs_init(&s);
  if (t->citation_number)
    rpi_result_set(r, RP_FIELD_CITATION_NUMBER, t->citation_number,
                   strlen(t->citation_number), t->citation_off, t->citation_len);
  if (s.n == 0) {
    rpi_result_warn(r, RP_WARN_EMPTY, 0, t->raw_len, "empty reference");
  } else if (!run_stages(&s)) {
    free_work(&s, w_on);
    return RP_ERR_NOMEM;
  }
  rpi_stage_duplicates_text(&s, normalized);
  free_work(&s, w_on);
  return s.err;
}
