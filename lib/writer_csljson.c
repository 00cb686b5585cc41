/* writer_csljson.c: one CSL-JSON item per result (schema: csl-data.json).
 * Beyond the fields as parsed: particles split off family names; an arXiv
 * id as a preprint's number (archive "arXiv") and as the URL when there is
 * none; "https://" before a URL without a scheme; an access date as
 * date-parts when it can be read; after a list that ended with "et al.",
 * a final {"literal":"et al."} with RP_WRITE_ET_AL or {"literal":"others"}
 * with RP_WRITE_ET_AL_OTHERS; a container
 * that is a journal of JabRef's lists (rpi_lex_journal) gets its other
 * form: a full title its ISO 4 abbreviation as container-title-short, an
 * abbreviation its full title as custom.container-title-full (never in
 * place of what was printed; an abbreviation of two journals gets none).
 * Under "custom", after the warnings: the confidence (two decimals) and
 * the doubted fields (stage_confidence.c). */
#include <string.h>

#include "lexicon.h"
#include "writer.h"

/* ,"k": -- every key is a string literal of this file, plain ASCII without
 * '"', '\\' or controls, so it needs no escaping. */
#define key(b, k) rpi_buf_put_lit(b, ",\"" k "\":")

static void str_field_(rpi_buf *b, const rp_result *r, rp_field f, const char *k, size_t k_len) {
  const char *v = r->field[f];
  if (!v)
    return;
  rpi_buf_put(b, k, k_len);
  rpi_json_str(b, v, strlen(v));
}
#define str_field(b, r, f, k) str_field_(b, r, f, ",\"" k "\":", sizeof(",\"" k "\":") - 1)

/* The names of a role; marker, when not NULL, is the final {"literal"}
 * written after a list that ended with "et al.". */
static void names_(rpi_buf *b, const rp_result *r, rp_role role, const char *k, size_t k_len,
                   const char *marker) {
  if (!r->n_names[role])
    return;
  rpi_buf_put(b, k, k_len); /* the key with its ":[{" */
  for (size_t i = 0; i < r->n_names[role]; i++) {
    const rpi_name *nm = &r->names[role][i];
    if (i)
      rpi_buf_put_lit(b, "},{");
    if (nm->part[RP_NAME_LITERAL]) {
      rpi_buf_put_lit(b, "\"literal\":");
      rpi_json_str(b, nm->part[RP_NAME_LITERAL], strlen(nm->part[RP_NAME_LITERAL]));
    } else {
      /* a lower-case particle prefix goes to its own key: "van der Berg"
       * -> family "Berg", non-dropping-particle "van der" */
      const char *fam = nm->part[RP_NAME_FAMILY] ? nm->part[RP_NAME_FAMILY] : "";
      bool dropping = false;
      size_t pl = rpi_particle_len(fam, &dropping);
      rpi_buf_put_lit(b, "\"family\":");
      rpi_json_str(b, fam + pl, strlen(fam + pl));
      if (nm->part[RP_NAME_GIVEN]) {
        rpi_buf_put_lit(b, ",\"given\":");
        rpi_json_str(b, nm->part[RP_NAME_GIVEN], strlen(nm->part[RP_NAME_GIVEN]));
      }
      if (pl) {
        if (dropping)
          rpi_buf_put_lit(b, ",\"dropping-particle\":");
        else
          rpi_buf_put_lit(b, ",\"non-dropping-particle\":");
        rpi_json_str(b, fam, pl - 1); /* without its space */
      }
      if (nm->part[RP_NAME_SUFFIX]) {
        rpi_buf_put_lit(b, ",\"suffix\":");
        rpi_json_str(b, nm->part[RP_NAME_SUFFIX], strlen(nm->part[RP_NAME_SUFFIX]));
      }
    }
  }
  if (marker && r->et_al[role]) {
    rpi_buf_put_lit(b, "},{\"literal\":");
    rpi_json_str(b, marker, strlen(marker));
  }
  rpi_buf_put_lit(b, "}]");
}
#define names(b, r, role, k, marker)                                                     \
  names_(b, r, role, ",\"" k "\":[{", sizeof(",\"" k "\":[{") - 1, marker)

/* ,"k":"<pre><v>" (pre is plain ASCII). */
static void prefixed(rpi_buf *b, const char *k, const char *pre, const char *v) {
  rpi_buf t;
  rpi_buf_init(&t, (size_t)1 << 30);
  rpi_buf_puts(&t, pre);
  rpi_buf_puts(&t, v);
  rpi_buf_put_lit(b, ",\"");
  rpi_buf_puts(b, k);
  rpi_buf_put_lit(b, "\":");
  rpi_json_str(b, rpi_buf_cstr(&t), t.len);
  if (t.err && !b->err)
    b->err = t.err;
  rpi_buf_free(&t);
}

static bool all_digits(const char *s, size_t n) {
  if (!n || n > 15)
    return false;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return !(n > 1 && s[0] == '0');
}

/* The n date parts ymd as a JSON array: "[2004,3,5]". */
static void parts(rpi_buf *b, const int *ymd, int n) {
  rpi_buf_putc(b, '[');
  for (int i = 0; i < n; i++) {
    if (i)
      rpi_buf_putc(b, ',');
    rpi_buf_putu(b, (size_t)ymd[i]);
  }
  rpi_buf_putc(b, ']');
}

/* "issued": the year, with the month and day when printed
 * ({"date-parts":[[2004,3,5]]}), a range as CSL writes one, two
 * date-parts ("2004 Jan-Feb": [[2004,1],[2004,2]]), and a season
 * ({"date-parts":[[2004]],"season":1}). A year that is not four digits is
 * written as it is. */
static void issued(rpi_buf *b, const rp_result *r) {
  const char *y = r->field[RP_FIELD_YEAR];
  if (!y)
    return;
  key(b, "issued");
  int from[3], to[3];
  bool range;
  int n = rpi_issued(r, from, to, &range);
  rpi_buf_put_lit(b, "{\"date-parts\":[");
  if (n) {
    parts(b, from, n);
    if (range) {
      rpi_buf_putc(b, ',');
      parts(b, to, n);
    }
  } else {
    rpi_buf_putc(b, '[');
    rpi_buf_puts(b, y);
    rpi_buf_putc(b, ']');
  }
  rpi_buf_putc(b, ']');
  if (r->season) {
    rpi_buf_put_lit(b, ",\"season\":");
    rpi_buf_putu(b, r->season);
  }
  rpi_buf_putc(b, '}');
}

/* "accessed": date-parts when the date reads as ISO or as a day, month
 * and year ("2024-03-05", "5 March 2024", "14 mars 2023"), else as
 * printed. */
static void accessed(rpi_buf *b, const rp_result *r) {
  const char *a = r->field[RP_FIELD_ACCESSED];
  if (!a)
    return;
  int ymd[3];
  int n = rpi_date_parts(a, ymd);
  key(b, "accessed");
  if (n) {
    rpi_buf_put_lit(b, "{\"date-parts\":[");
    parts(b, ymd, n);
    rpi_buf_put_lit(b, "]}");
  } else {
    rpi_buf_put_lit(b, "{\"raw\":");
    rpi_json_str(b, a, strlen(a));
    rpi_buf_putc(b, '}');
  }
}

/* refparse's "custom" object: et-al flags, the full title of an
 * abbreviated journal, the arXiv id, ASCII name keys, warnings, the
 * confidence and the doubted fields. */
static void custom(rpi_buf *b, const rp_result *r, rpi_journal_kind journal, const char *journal_other) {
  key(b, "custom");
  rpi_buf_putc(b, '{');
  bool first = true;
#define SEP() (first ? (void)(first = false) : rpi_buf_putc(b, ','))
  if (r->et_al[RP_ROLE_AUTHOR]) {
    SEP();
    rpi_buf_put_lit(b, "\"et-al\":true");
  }
  if (r->et_al[RP_ROLE_EDITOR]) {
    SEP();
    rpi_buf_put_lit(b, "\"editor-et-al\":true");
  }
  if (journal == RPI_JOURNAL_ABBREV && journal_other) {
    SEP();
    rpi_buf_put_lit(b, "\"container-title-full\":");
    rpi_json_str(b, journal_other, strlen(journal_other));
  }
  if (r->field[RP_FIELD_ARXIV]) {
    SEP();
    rpi_buf_put_lit(b, "\"arxiv\":");
    rpi_json_str(b, r->field[RP_FIELD_ARXIV], strlen(r->field[RP_FIELD_ARXIV]));
  }
  /* each key with its quotes and ":[" (plain ASCII, nothing to escape) */
  static const char *const ascii_keys[RP_ROLE_COUNT_] = {
      "\"author-ascii\":[", "\"editor-ascii\":[", "\"translator-ascii\":["};
  for (int role = 0; role < RP_ROLE_COUNT_; role++) {
    if (!r->n_names[role])
      continue;
    SEP();
    rpi_buf_puts(b, ascii_keys[role]);
    for (size_t i = 0; i < r->n_names[role]; i++) {
      const char *k = r->names[role][i].part[RP_NAME_ASCII];
      if (i)
        rpi_buf_putc(b, ',');
      rpi_json_str(b, k ? k : "", k ? strlen(k) : 0);
    }
    rpi_buf_putc(b, ']');
  }
  if (r->n_warn) {
    SEP();
    rpi_buf_put_lit(b, "\"warnings\":[");
    for (size_t i = 0; i < r->n_warn; i++) {
      const rpi_warning *w = &r->warn[i];
      /* warning names are lowercase ASCII words and '-': nothing to escape */
      if (i)
        rpi_buf_put_lit(b, ",{\"code\":\"");
      else
        rpi_buf_put_lit(b, "{\"code\":\"");
      rpi_buf_puts(b, rp_warning_name(w->code));
      rpi_buf_put_lit(b, "\",\"offset\":");
      rpi_buf_putu(b, w->span.off);
      rpi_buf_put_lit(b, ",\"length\":");
      rpi_buf_putu(b, w->span.len);
      if (w->msg) {
        rpi_buf_put_lit(b, ",\"message\":");
        rpi_json_str(b, w->msg, strlen(w->msg));
      }
      rpi_buf_putc(b, '}');
    }
    rpi_buf_putc(b, ']');
  }
  /* "confidence":0.83 (two decimals), "doubts":["title","page"] */
  SEP();
  rpi_buf_put_lit(b, "\"confidence\":");
  long c = (long)(r->confidence * 100 + 0.5); /* in [0, 1]: no locale, no libm */
  rpi_buf_putu(b, (size_t)(c / 100));
  rpi_buf_putc(b, '.');
  rpi_buf_putc(b, (char)('0' + c / 10 % 10));
  rpi_buf_putc(b, (char)('0' + c % 10));
  if (r->n_doubts) {
    /* CSL field names: plain ASCII, nothing to escape */
    rpi_buf_put_lit(b, ",\"doubts\":[");
    for (size_t i = 0; i < r->n_doubts; i++) {
      if (i)
        rpi_buf_putc(b, ',');
      rpi_buf_putc(b, '"');
      rpi_buf_puts(b, rpi_confidence_field_name(r->doubts[i]));
      rpi_buf_putc(b, '"');
    }
    rpi_buf_putc(b, ']');
  }
#undef SEP
  rpi_buf_putc(b, '}');
}

rp_status rp_write_csljson(const rp_result *r, const char *id, size_t id_len, unsigned flags,
                           char **out, size_t *out_len) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if (!r || (!id && id_len))
    return RP_ERR_ARG;
  rpi_buf b;
  rpi_buf_init(&b, (size_t)1 << 30);
  rpi_buf_reserve(&b, 1023); /* one allocation (1 KiB) for a typical item */
  rpi_buf_put_lit(&b, "{\"id\":");
  if (!id) {
    rpi_buf_put_lit(&b, "\"1\"");
  } else if ((flags & RP_WRITE_ID_NUMERIC) && all_digits(id, id_len)) {
    rpi_buf_put(&b, id, id_len);
  } else {
    rpi_json_str(&b, id, id_len);
  }
  /* type names are lowercase ASCII words, '-' and '_': nothing to escape */
  rpi_buf_put_lit(&b, ",\"type\":\"");
  rpi_buf_puts(&b, rp_type_name(r->type));
  rpi_buf_putc(&b, '"');
  str_field(&b, r, RP_FIELD_CITATION_NUMBER, "citation-number");
  const char *marker = (flags & RP_WRITE_ET_AL)          ? "et al."
                       : (flags & RP_WRITE_ET_AL_OTHERS) ? "others"
                                                         : NULL;
  names(&b, r, RP_ROLE_AUTHOR, "author", marker);
  names(&b, r, RP_ROLE_EDITOR, "editor", marker);
  names(&b, r, RP_ROLE_TRANSLATOR, "translator", marker);
  str_field(&b, r, RP_FIELD_TITLE, "title");
  str_field(&b, r, RP_FIELD_CONTAINER_TITLE, "container-title");
  const char *journal_other;
  rpi_journal_kind journal = (rpi_journal_kind)rpi_result_journal(r, &journal_other);
  if (journal == RPI_JOURNAL_TITLE && journal_other) {
    key(&b, "container-title-short");
    rpi_json_str(&b, journal_other, strlen(journal_other));
  }
  str_field(&b, r, RP_FIELD_COLLECTION_TITLE, "collection-title");
  str_field(&b, r, RP_FIELD_COLLECTION_NUMBER, "collection-number");
  str_field(&b, r, RP_FIELD_PUBLISHER, "publisher");
  str_field(&b, r, RP_FIELD_PUBLISHER_PLACE, "publisher-place");
  str_field(&b, r, RP_FIELD_EDITION, "edition");
  str_field(&b, r, RP_FIELD_GENRE, "genre");
  str_field(&b, r, RP_FIELD_VERSION, "version");
  issued(&b, r);
  const char *od = r->field[RP_FIELD_ORIGINAL_DATE];
  if (od) { /* four digits, as the parser reads it */
    key(&b, "original-date");
    rpi_buf_put_lit(&b, "{\"date-parts\":[[");
    rpi_buf_puts(&b, od);
    rpi_buf_put_lit(&b, "]]}");
  }
  accessed(&b, r);
  str_field(&b, r, RP_FIELD_VOLUME, "volume");
  str_field(&b, r, RP_FIELD_ISSUE, "issue");
  str_field(&b, r, RP_FIELD_PAGE, "page");
  str_field(&b, r, RP_FIELD_NUMBER_OF_PAGES, "number-of-pages");
  str_field(&b, r, RP_FIELD_NUMBER_OF_VOLUMES, "number-of-volumes");
  str_field(&b, r, RP_FIELD_VOLUME_TITLE, "volume-title");
  str_field(&b, r, RP_FIELD_SECTION, "section");
  str_field(&b, r, RP_FIELD_LOCATOR, "locator");
  str_field(&b, r, RP_FIELD_AUTHORITY, "authority");
  const char *arxiv = r->field[RP_FIELD_ARXIV];
  if (arxiv && r->type == RP_TYPE_ARTICLE) {
    /* a preprint's number is its arXiv id, as Zotero and citeproc-js read it */
    key(&b, "number");
    rpi_json_str(&b, arxiv, strlen(arxiv));
    rpi_buf_put_lit(&b, ",\"archive\":\"arXiv\"");
  } else {
    str_field(&b, r, RP_FIELD_NUMBER, "number");
  }
  str_field(&b, r, RP_FIELD_DOI, "DOI");
  str_field(&b, r, RP_FIELD_PMID, "PMID");
  str_field(&b, r, RP_FIELD_PMCID, "PMCID");
  const char *url = r->field[RP_FIELD_URL];
  if (url) /* "www.x.org/a" -> "https://www.x.org/a" */
    prefixed(&b, "URL", rpi_url_has_scheme(url) ? "" : "https://", url);
  else if (arxiv)
    prefixed(&b, "URL", "https://arxiv.org/abs/", arxiv);
  str_field(&b, r, RP_FIELD_ISBN, "ISBN");
  str_field(&b, r, RP_FIELD_ISSN, "ISSN");
  str_field(&b, r, RP_FIELD_NOTE, "note");
  if (!(flags & RP_WRITE_NO_CUSTOM))
    custom(&b, r, journal, journal_other);
  rpi_buf_putc(&b, '}');
  return rpi_writer_finish(&b, out, out_len);
}
