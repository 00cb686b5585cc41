/*
 * stage_type.c: the reference type, from the evidence the other stages left.
 */
#include "stage.h"

#include <string.h>

#include "fields.h"
#include "scan.h"

/* Whether the string hay holds the n bytes at nd. */
static bool contains(const char *hay, const char *nd, size_t n) {
  size_t hn = strlen(hay);
  for (size_t q = 0; q + n <= hn; q++)
    if (hay[q] == nd[0] && memcmp(hay + q, nd, n) == 0)
      return true;
  return false;
}

/* "Paper presented at the annual meeting of ...", "Poster presented at",
 * "presented at the Int. Conf. ...": a talk at an event, after the names
 * and not in the title ("Abstracts presented at annual meetings" as a
 * title does not count). */
static bool presented_at(const st *s, size_t body) {
  static const char cue[] = "resented at";
  size_t l = sizeof cue - 1;
  const char *t = s->r->field[RP_FIELD_TITLE];
  if (t && contains(t, cue, l))
    return false;
  for (size_t q = body + 1; q + l <= s->n; q++)
    if (s->w[q] == 'r' && memcmp(s->w + q, cue, l) == 0 && (s->w[q - 1] == 'p' || s->w[q - 1] == 'P'))
      return true;
  return false;
}

static void infer_type(st *s, bool chapter, size_t body) {
  rp_result *r = s->r;
  rpi_match m;
  bool has_container = r->field[RP_FIELD_CONTAINER_TITLE] != NULL;
  bool locator = r->field[RP_FIELD_VOLUME] || r->field[RP_FIELD_ISSUE];
  size_t ge, tn = rpi_scan_thesis_note(s, body, s->n, &ge);
  if (tn != UNSET) {
    r->type = RP_TYPE_THESIS;
    while (tn < ge && (s->w[tn] == '(' || s->w[tn] == '[' || s->w[tn] == ',' || s->w[tn] == ' '))
      tn++;
    if (!r->field[RP_FIELD_GENRE])
      rpi_fields_set(s, RP_FIELD_GENRE, tn, ge);
    return;
  }
  if (s->medium) {
    r->type = (rp_type)(s->medium - 1);
    return;
  }
  /* not "IEEE Software", the journal's name */
  if (find(s, P_SOFTWARE, 0, &m) &&
      !(has_container && m.end > m.start &&
        contains(r->field[RP_FIELD_CONTAINER_TITLE], s->w + m.start, m.end - m.start))) {
    r->type = RP_TYPE_SOFTWARE;
    return;
  }
  if (find(s, P_DATASET, 0, &m)) {
    r->type = RP_TYPE_DATASET;
    return;
  }
  if (r->field[RP_FIELD_ARXIV] ||
      (!locator && find(s, P_PREPRINT, 0, &m))) {
    r->type = RP_TYPE_ARTICLE;
    return;
  }
  const char *c = r->field[RP_FIELD_CONTAINER_TITLE];
  if (c && (strstr(c, "Proceedings") || strstr(c, "Proc.") || strstr(c, "Conference") ||
            strstr(c, "Symposium") || strstr(c, "Workshop") || strstr(c, "Congress") ||
            strstr(c, "Conf.") || strstr(c, "Meeting"))) {
    r->type = RP_TYPE_PAPER_CONFERENCE;
    return;
  }
  if (!chapter && !locator && presented_at(s, body)) {
    r->type = RP_TYPE_PAPER_CONFERENCE;
    return;
  }
  /* "In: Zeitschrift für Soziologie 42 (2013), Nr. 3": a journal after "In:" */
  if (chapter && r->field[RP_FIELD_VOLUME] && !r->n_names[RP_ROLE_EDITOR] && !r->field[RP_FIELD_PUBLISHER] &&
      !r->field[RP_FIELD_PUBLISHER_PLACE]) {
    r->type = RP_TYPE_ARTICLE_JOURNAL;
    return;
  }
  if (chapter || (has_container && !locator && r->n_names[RP_ROLE_EDITOR] && r->n_names[RP_ROLE_AUTHOR])) {
    r->type = RP_TYPE_CHAPTER;
    return;
  }
  if (find(s, P_REPORT, body, &m) && !locator) {
    r->type = RP_TYPE_REPORT;
    return;
  }
  if (has_container) {
    r->type = RP_TYPE_ARTICLE_JOURNAL;
    return;
  }
  if (s->webcue && r->field[RP_FIELD_URL]) {
    r->type = RP_TYPE_WEBPAGE;
    return;
  }
  if (r->field[RP_FIELD_PUBLISHER] || r->field[RP_FIELD_PUBLISHER_PLACE] ||
      r->field[RP_FIELD_ISBN] || r->field[RP_FIELD_NUMBER_OF_PAGES]) {
    r->type = RP_TYPE_BOOK;
    return;
  }
  if (r->field[RP_FIELD_URL] && !locator) {
    r->type = RP_TYPE_WEBPAGE;
    return;
  }
  r->type = RP_TYPE_ARTICLE_JOURNAL;
}

/* "Mendeley Data, V2.": the imprint reads a version after a repository as
 * the place of a Harvard "Publisher, Place"; a place that is only "V" and
 * a version number ("V2", "v1.0.3") is the version. */
static void version_for_place(rp_result *r) {
  char *pl = (char *)r->field[RP_FIELD_PUBLISHER_PLACE];
  if (!pl || (pl[0] != 'V' && pl[0] != 'v') || !ascii_digit(pl[1]) || r->field[RP_FIELD_VERSION])
    return;
  size_t n = strlen(pl);
  for (size_t q = 1; q < n; q++)
    if (!ascii_digit(pl[q]) && !(pl[q] == '.' && q + 1 < n && ascii_digit(pl[q + 1])))
      return;
  rp_span sp = r->span[RP_FIELD_PUBLISHER_PLACE];
  rpi_result_set(r, RP_FIELD_VERSION, pl + 1, n - 1, sp.off + 1, sp.len ? sp.len - 1 : 0);
  rpi_result_free_str(r, pl);
  r->field[RP_FIELD_PUBLISHER_PLACE] = NULL;
  r->span[RP_FIELD_PUBLISHER_PLACE].off = r->span[RP_FIELD_PUBLISHER_PLACE].len = 0;
}

void rpi_stage_type(st *s, bool chapter, size_t body) {
  rp_result *r = s->r;
  version_for_place(r);
  infer_type(s, chapter, body);
  /* "[Computer software]. Zenodo.", "[Data set]. GitHub.": software and
   * data named so in brackets have a publisher or repository, not a
   * journal */
  if (s->medium && (r->type == RP_TYPE_SOFTWARE || r->type == RP_TYPE_DATASET) && r->field[RP_FIELD_CONTAINER_TITLE] &&
      !r->field[RP_FIELD_PUBLISHER] && !r->field[RP_FIELD_VOLUME] && !r->field[RP_FIELD_PAGE]) {
    rpi_result_take(r, RP_FIELD_PUBLISHER, r->field[RP_FIELD_CONTAINER_TITLE], r->span[RP_FIELD_CONTAINER_TITLE].off,
                    r->span[RP_FIELD_CONTAINER_TITLE].len);
    r->field[RP_FIELD_CONTAINER_TITLE] = NULL;
    r->span[RP_FIELD_CONTAINER_TITLE].off = r->span[RP_FIELD_CONTAINER_TITLE].len = 0;
  }
}
