/*
 * stage_type.c: the reference type, from the evidence the other stages left.
 */
#include "stage.h"

#include <string.h>

#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "scan.h"

/* Whether the string hay holds the n bytes at nd. */
static bool contains(const char *hay, const char *nd, size_t n) {
  size_t hn = strlen(hay);
  for (size_t q = 0; q + n <= hn; q++)
    if (hay[q] == nd[0] && memcmp(hay + q, nd, n) == 0)
      return true;
  return false;
}

/* Whether a container-title names an event: "Proceedings", "Proc.",
 * "Conference", "Symposium", "Workshop", "Congress", "Conf." or "Meeting"
 * anywhere in it, in that case. One pass over the capitals that open
 * them, each compared with the words of its letter. */
static bool event_container(const char *c) {
  /* (and the same in Italian, Spanish, Portuguese, French and German:
   * "Atti della Terza Conferenza Italiana di ...", "Actas del Congreso") */
  static const lit_t words[] = {LIT("Proceedings"), LIT("Proc."),    LIT("Conference"), LIT("Symposium"),
                                LIT("Workshop"),    LIT("Congress"), LIT("Conf."),      LIT("Meeting"), LIT("Symp."),
                                LIT("Conferenza"),  LIT("Conferencia"), LIT("Conf\xc3\xa9rence"), LIT("Convegno"),
                                LIT("Colloque"),    LIT("Simposio"), LIT("Konferenz"),  LIT("Kongress"), LIT("Tagung"),
                                {NULL, 0}};
  for (const char *p = strpbrk(c, "PCSWMKT"); p; p = strpbrk(p + 1, "PCSWMKT"))
    for (const lit_t *w = words; w->s; w++)
      if (w->s[0] == *p && strncmp(p, w->s, w->n) == 0)
        return true;
  return false;
}

/* "Proc. Natl. Acad. Sci. U. S. A.", "Proceedings of the Royal Society
 * B", "Proc. Am. Math. Soc.", "Proc. IEEE": the proceedings of an academy
 * or a society, no event word besides, are a journal. */
static bool society_proceedings(const char *c) {
  if (strncmp(c, "Proc", 4) != 0)
    return false;
  static const char *const events[] = {"Conf", "Symp", "Workshop", "Congress", "Meeting", "Colloq", "Annual", NULL};
  for (size_t i = 0; events[i]; i++)
    if (strstr(c, events[i]))
      return false;
  return strstr(c, "Acad") || strstr(c, "Soc") || strstr(c, "Royal") ||
         strcmp(c, "Proc. IEEE") == 0 || strcmp(c, "Proceedings of the IEEE") == 0;
}

/* Whether a word of the container c is a journal's word (lib/data), or
 * it opens with a proceedings' word. */
static bool journal_named(const char *c) {
  if (strncmp(c, "Actes ", 6) == 0 || strncmp(c, "Atti ", 5) == 0)
    return true;
  for (const char *p = c; *p;) {
    size_t n = strcspn(p, " ,.:;()");
    if (n && rpi_lex_is_journal_word(p, n))
      return true;
    p += n;
    while (*p && strchr(" ,.:;()", *p))
      p++;
  }
  return false;
}

/* Unset field f without freeing its text (which another field now holds). */
static void unlink_field(rp_result *r, rp_field f) {
  r->field[f] = NULL;
  r->span[f].off = r->span[f].len = 0;
}

/* Unset field f and free its text (a no-op for text in the result's
 * arena; a long field may have been malloc'd when the arena was full). */
static void drop(rp_result *r, rp_field f) {
  rpi_result_free_str(r, r->field[f]);
  unlink_field(r, f);
}

/* Move the container-title, text and span, to field f. */
static void container_to(rp_result *r, rp_field f) {
  rpi_result_take(r, f, r->field[RP_FIELD_CONTAINER_TITLE], r->span[RP_FIELD_CONTAINER_TITLE].off,
                  r->span[RP_FIELD_CONTAINER_TITLE].len);
  unlink_field(r, RP_FIELD_CONTAINER_TITLE);
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
    /* "Title. Dissertation Abstracts International: Section B, 61(4-B),
     * 2193.": the thesis word named an abstracting index, and the index's
     * volume and page say where the abstract is listed, not where the
     * thesis is; they are left to the unparsed report */
    const char *ct = r->field[RP_FIELD_CONTAINER_TITLE];
    if (ct && ge > tn && contains(ct, s->w + tn, ge - tn) && contains(ct, "Abstract", 8)) {
      static const rp_field index_fields[] = {RP_FIELD_CONTAINER_TITLE, RP_FIELD_VOLUME, RP_FIELD_ISSUE, RP_FIELD_PAGE};
      for (size_t k = 0; k < sizeof index_fields / sizeof *index_fields; k++)
        drop(r, index_fields[k]);
    } else if (ct && !locator && !r->field[RP_FIELD_PAGE]) {
      /* "(Thèse de doctorat). Université Paris-Saclay.": what stands
       * where a container would, with no volume or pages, is the
       * institution that granted the thesis (read twice, "(Tesi di
       * dottorato). Università di Ferrara.", it is the publisher once) */
      const char *pub = r->field[RP_FIELD_PUBLISHER];
      if (!pub)
        container_to(r, RP_FIELD_PUBLISHER);
      else if (strcmp(pub, ct) == 0)
        drop(r, RP_FIELD_CONTAINER_TITLE);
    }
    /* physics lists cite a thesis without its title: "J. Smith, Ph.D.
     * thesis, Massachusetts Institute of Technology, 2010." The thesis
     * note read as the title is none, and the university read as the
     * container too is only the publisher */
    const char *ti = r->field[RP_FIELD_TITLE], *ge_text = r->field[RP_FIELD_GENRE];
    const char *pu = r->field[RP_FIELD_PUBLISHER];
    size_t gl = ge_text ? strlen(ge_text) : 0;
    /* the note alone, or the note, a comma and the university */
    if (ti && gl && strncmp(ti, ge_text, gl) == 0 &&
        (ti[gl] == '\0' || (pu && ti[gl] == ',' && ti[gl + 1] == ' ' && strcmp(ti + gl + 2, pu) == 0))) {
      drop(r, RP_FIELD_TITLE);
      ct = r->field[RP_FIELD_CONTAINER_TITLE];
      if (ct && pu && strcmp(ct, pu) == 0)
        drop(r, RP_FIELD_CONTAINER_TITLE);
    }
    return;
  }
  if (s->medium) {
    r->type = (rp_type)(s->medium - 1);
    return;
  }
  if (s->report && !r->field[RP_FIELD_VOLUME] && !r->field[RP_FIELD_PAGE]) {
    r->type = RP_TYPE_REPORT;
    return;
  }
  if (s->patent && !r->field[RP_FIELD_VOLUME] && !r->field[RP_FIELD_PAGE]) {
    r->type = RP_TYPE_PATENT;
    /* "..., USA Patent 6206324, March 27 2001.": the date left after the
     * number is no container */
    const char *ct = r->field[RP_FIELD_CONTAINER_TITLE];
    bool date = ct != NULL;
    for (const char *w = ct; date && *w;) {
      size_t n = strcspn(w, " ,.");
      date = n == 0 || rpi_lex_month(w, n) || strspn(w, "0123456789") >= n;
      w += n + (w[n] != '\0');
    }
    if (date)
      drop(r, RP_FIELD_CONTAINER_TITLE);
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
  if (r->field[RP_FIELD_ARXIV] || (!locator && find(s, P_PREPRINT, 0, &m)) ||
      (r->field[RP_FIELD_PUBLISHER] && strcmp(r->field[RP_FIELD_PUBLISHER], "CoRR") == 0)) {
    r->type = RP_TYPE_ARTICLE;
    return;
  }
  /* a chapter in a conference series' volume: ApJ's "in ASP Conf. Ser.
   * 351, Astronomical Data Analysis Software and Systems XV, ed. ..." */
  const char *cs = r->field[RP_FIELD_COLLECTION_TITLE];
  if (chapter && cs && event_container(cs)) {
    r->type = RP_TYPE_PAPER_CONFERENCE;
    return;
  }
  const char *c = r->field[RP_FIELD_CONTAINER_TITLE];
  if (c && (event_container(c) || rpi_scan_conference_acronym(c, strlen(c))) && !(r->field[RP_FIELD_VOLUME] && society_proceedings(c))) {
    r->type = RP_TYPE_PAPER_CONFERENCE;
    return;
  }
  if (!chapter && !locator && presented_at(s, body)) {
    r->type = RP_TYPE_PAPER_CONFERENCE;
    return;
  }
  /* "In: Zeitschrift für Soziologie 42 (2013), Nr. 3", "In: Soziale Welt
   * 2005, H. 3": a journal after "In:" */
  if (chapter && locator && !r->n_names[RP_ROLE_EDITOR] && !r->field[RP_FIELD_PUBLISHER] &&
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
  /* "“Title.” Book. Toronto: Anansi, 2008, 45-67": after a quoted title,
   * a container with its publisher and place and no volume or issue is a
   * book (not a translator's note read as the container: "Translated by
   * R. Nicholls") */
  size_t qa, qb, qe;
  if (has_container && r->field[RP_FIELD_PUBLISHER] && r->field[RP_FIELD_PUBLISHER_PLACE] &&
      !r->field[RP_FIELD_VOLUME] && !r->field[RP_FIELD_ISSUE] && rpi_scan_quoted(s, body, s->n, &qa, &qb, &qe) &&
      !rpi_lex_at(RPI_LEX_TRANSLATOR_MARKERS, c, strlen(c))) {
    r->type = RP_TYPE_CHAPTER;
    return;
  }
  /* "Title, Un village au temps de Charlemagne, Paris, 1988, 203-213":
   * a container closed by its place (no publisher), with pages and no
   * volume or issue, is a book, unless a journal's word ("Bulletin de
   * la Société ...", "Jahrbuch", "Transactions") or a proceedings' word
   * ("Actes", "Atti") names it */
  if (has_container && r->field[RP_FIELD_PUBLISHER_PLACE] && !r->field[RP_FIELD_PUBLISHER] &&
      r->field[RP_FIELD_PAGE] && !locator && !journal_named(c)) {
    r->type = RP_TYPE_CHAPTER;
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
  drop(r, RP_FIELD_PUBLISHER_PLACE);
}

/* APA's report: "Title (Report No. 2004-17). RAND Corporation.", "(Policy
 * Research Working Paper No. 9412). World Bank.", "(Catalogue no.
 * 11-001-X)". The locators took the number for a journal's issue (and
 * may have cut it: "11-001"). When a report word and "No." stand right
 * before that issue and nothing else places the reference in a journal,
 * it is a report: the whole number is the issue, the words in the bracket
 * the genre, and a short sentence after the bracket, with no digit, the
 * publisher. True when it found one. */
static bool report_number(st *s, size_t body) {
  rp_result *r = s->r;
  const char *iss = r->field[RP_FIELD_ISSUE];
  rpi_match m;
  /* (a short title alone before the locator was taken for the journal:
   * "Labour force survey (Catalogue no. 71-543-G)") */
  bool title_as_journal = r->field[RP_FIELD_CONTAINER_TITLE] && !r->field[RP_FIELD_TITLE];
  if (!iss || r->field[RP_FIELD_VOLUME] || r->field[RP_FIELD_PAGE] ||
      (r->field[RP_FIELD_CONTAINER_TITLE] && !title_as_journal) || !find(s, P_REPORT, body, &m))
    return false;
  size_t k = skip_sp(s, m.end);
  if (k + 3 < s->n && (s->w[k] == 'N' || s->w[k] == 'n') && s->w[k + 1] == 'o' && s->w[k + 2] == '.')
    k = skip_sp(s, k + 3);
  else if (m.end < 3 || memcmp(s->w + m.end - 3, "no.", 3) != 0)
    return false;
  if (k < s->n && s->w[k] == ':')
    k = skip_sp(s, k + 1);
  size_t ne = k;
  while (ne < s->n && s->w[ne] != ' ' && s->w[ne] != ')' && s->w[ne] != ';' && s->w[ne] != ',')
    ne++;
  if (ne > k && s->w[ne - 1] == '.')
    ne--;
  size_t il = strlen(iss);
  if (ne - k < il || memcmp(s->w + k, iss, il) != 0)
    return false;
  r->type = RP_TYPE_REPORT;
  rpi_fields_set(s, RP_FIELD_NUMBER, k, ne);
  drop(r, RP_FIELD_ISSUE);
  if (title_as_journal)
    container_to(r, RP_FIELD_TITLE);
  if (!r->field[RP_FIELD_GENRE] && s->w[m.start] != 'C') {
    size_t ga = m.start, ge = m.end;
    for (size_t q = m.start; q > body && m.start - q < 60; q--) {
      char c = s->w[q - 1];
      if (c == '(') {
        ga = q;
        break;
      }
      if (c == ')' || c == '.' || c == ',')
        break;
    }
    while (ge > ga && (s->w[ge - 1] == ' ' || s->w[ge - 1] == '.'))
      ge--;
    if (ge > 3 && memcmp(s->w + ge - 3, " No", 3) == 0)
      ge -= 3;
    rpi_fields_set(s, RP_FIELD_GENRE, ga, ge);
  }
  if (r->field[RP_FIELD_PUBLISHER] || r->field[RP_FIELD_PUBLISHER_PLACE] || ne >= s->n || s->w[ne] != ')')
    return true;
  size_t pa = ne + 1;
  while (pa < s->n && (s->w[pa] == ' ' || s->w[pa] == '.'))
    pa++;
  size_t pe = rpi_scan_first_stop(s, pa, s->n);
  if (pe > s->n)
    pe = s->n;
  while (pe > pa && (s->w[pe - 1] == ' ' || s->w[pe - 1] == '.'))
    pe--;
  if (pe <= pa || !(s->w[pa] >= 'A' && s->w[pa] <= 'Z') || rpi_scan_count_words(s, pa, pe) > 8)
    return true;
  for (size_t q = pa; q < pe; q++)
    if (ascii_digit(s->w[q]) || s->w[q] == ':' || s->w[q] == '/' || s->w[q] == '(')
      return true;
  /* "(Catalogue no. 71-543-G). Ottawa.": a known place alone */
  rpi_fields_set(s, rpi_lex_is_city(s->w + pa, pe - pa) ? RP_FIELD_PUBLISHER_PLACE : RP_FIELD_PUBLISHER, pa, pe);
  return true;
}

/* "Technical Report CS-TR-317-91, Computer Science Department, Princeton
 * University, 1991.", "Technical report, University of Auckland, 1993.":
 * the institution after a report word, its number and a comma is the
 * publisher, up to the sentence's end, the year or the month; a known
 * city after it the place, and "City: Institution" an imprint. The report
 * word is the genre. */
static void report_institution(st *s, size_t body) {
  rpi_match m;
  if (!find(s, P_REPORT, body, &m))
    return;
  size_t k = skip_sp(s, m.end);
  /* its number: "CS-TR-317-91", "92-43", "No. 11", "TR 1069" */
  for (int t = 0; t < 3 && k < s->n && s->w[k] != ','; t++) {
    size_t e = k;
    bool digit = false;
    while (e < s->n && s->w[e] != ' ' && s->w[e] != ',')
      digit |= ascii_digit(s->w[e++]);
    if (!digit && !(e - k <= 3 && s->w[k] >= 'A' && s->w[k] <= 'Z') && !at_lit(s, k, "No.", 3) &&
        !at_lit(s, k, "no.", 3))
      return;
    k = skip_sp(s, e);
  }
  if (k >= s->n || s->w[k] != ',' || !rpi_stage_report_institution(s, k))
    return;
  if (!s->r->field[RP_FIELD_GENRE])
    rpi_fields_set(s, RP_FIELD_GENRE, m.start, m.end);
}

void rpi_stage_type(st *s, bool chapter, size_t body) {
  rp_result *r = s->r;
  version_for_place(r);
  /* "Finite Difference Equations. Dover. ISBN 0-486-67260-3.": a book
   * (an ISBN, no locator) names its publisher where a journal would
   * stand; one short name only, not an edited book's title */
  char *ct = r->field[RP_FIELD_CONTAINER_TITLE];
  if (ct && r->field[RP_FIELD_ISBN] && !r->field[RP_FIELD_PUBLISHER] && !r->field[RP_FIELD_VOLUME] &&
      !r->field[RP_FIELD_ISSUE] && !r->field[RP_FIELD_PAGE] && !r->n_names[RP_ROLE_EDITOR] && !chapter &&
      strlen(ct) <= 40 && !strchr(ct, ',') && !strchr(ct, ':'))
    container_to(r, RP_FIELD_PUBLISHER);
  infer_type(s, chapter, body);
  if (r->type == RP_TYPE_ARTICLE_JOURNAL)
    report_number(s, body);
  if (r->type == RP_TYPE_REPORT && !r->field[RP_FIELD_PUBLISHER] && !r->field[RP_FIELD_PUBLISHER_PLACE] &&
      !r->field[RP_FIELD_CONTAINER_TITLE])
    report_institution(s, body);
  /* "[Computer software]. Zenodo.", "[Data set]. GitHub.": software and
   * data named so in brackets have a publisher or repository, not a
   * journal, and a film its distributor ("Coppola, Sofia, director. Lost
   * in Translation. Focus Features, 2003."); so has a report with its
   * series and number ("Dept. Elect. Eng., Univ. X, City, Tech. Rep.
   * TR-2019-01") */
  if (((s->medium && (r->type == RP_TYPE_SOFTWARE || r->type == RP_TYPE_DATASET ||
                      r->type == RP_TYPE_MOTION_PICTURE)) ||
       (s->report && r->type == RP_TYPE_REPORT)) &&
      r->field[RP_FIELD_CONTAINER_TITLE] && !r->field[RP_FIELD_PUBLISHER] && !r->field[RP_FIELD_VOLUME] &&
      !r->field[RP_FIELD_PAGE])
    container_to(r, RP_FIELD_PUBLISHER);
}
