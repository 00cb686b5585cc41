/* writer_bibtex.c: one BibTeX entry per result, and its citation key.
 *   @article{murry2004haematopoietic,
 *     author = {Murry, C. E. and Soonpaa, M. H. and others},
 *     title = {Haematopoietic stem cells do not transdifferentiate ...},
 *     journal = {Nature}, year = {2004}, pages = {664--668}, ...
 *   }
 * Values are LaTeX-escaped; url, doi and eprint are written as they are
 * (BibTeX styles print them verbatim), without braces. */
#include <string.h>

#include "parse.h"
#include "writer.h"

/* Append s with the ten LaTeX specials escaped and controls made spaces. */
static void tex(rpi_buf *b, const char *s) {
  for (const char *p = s; *p; p++) {
    unsigned char c = (unsigned char)*p;
    switch (c) {
    case '{': case '}': case '%': case '&': case '$': case '#': case '_':
      rpi_buf_putc(b, '\\');
      rpi_buf_putc(b, (char)c);
      break;
    case '^':
      rpi_buf_put_lit(b, "\\^{}");
      break;
    case '~':
      rpi_buf_put_lit(b, "\\~{}");
      break;
    case '\\':
      rpi_buf_put_lit(b, "\\textbackslash{}");
      break;
    default:
      rpi_buf_putc(b, c < 0x20 || c == 0x7F ? ' ' : (char)c);
    }
  }
}

/* Append s without braces and controls (a verbatim field). */
static void verbatim(rpi_buf *b, const char *s) {
  for (const char *p = s; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c != '{' && c != '}' && c >= 0x20 && c != 0x7F)
      rpi_buf_putc(b, (char)c);
  }
}

static void field_start(rpi_buf *b, const char *k) {
  rpi_buf_put_lit(b, "  ");
  rpi_buf_puts(b, k);
  rpi_buf_put_lit(b, " = {");
}

static void field(rpi_buf *b, const char *k, const char *v) {
  if (!v || !*v)
    return;
  field_start(b, k);
  tex(b, v);
  rpi_buf_put_lit(b, "},\n");
}

static void field_verbatim(rpi_buf *b, const char *k, const char *v) {
  if (!v || !*v)
    return;
  field_start(b, k);
  verbatim(b, v);
  rpi_buf_put_lit(b, "},\n");
}

/* The month as BibTeX's own macro ("month = mar", unbraced, which every
 * style prints in its language), and the whole date as biblatex reads it:
 * "date = {2004-03-05}", a range "{2004-01/2004-02}" or "{1939/1940}", a season as ISO
 * 8601-2 writes it ("{2004-21}", spring; 21 to 24). */
static void date(rpi_buf *b, const rp_result *r) {
  static const char *const macro[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};
  int from[3], to[3];
  bool range;
  int n = rpi_issued(r, from, to, &range);
  if (n >= 2) {
    rpi_buf_put_lit(b, "  month = ");
    rpi_buf_puts(b, macro[from[1] - 1]);
    rpi_buf_put_lit(b, ",\n");
  }
  if (n >= 2 || (n == 1 && (r->season || range))) {
    field_start(b, "date");
    rpi_put_date(b, from, n, '-');
    if (n == 1 && !range) {
      rpi_buf_putc(b, '-');
      rpi_buf_putu(b, 20u + r->season);
    }
    if (range) {
      rpi_buf_putc(b, '/');
      rpi_put_date(b, to, n, '-');
    }
    rpi_buf_put_lit(b, "},\n");
  }
}

/* A family name BibTeX reads right as it is: one word, or lower-case
 * particles and one word ("van der Berg"). Others ("Van der Berg", "García
 * Márquez") are braced, so BibTeX takes them whole as the last name. */
static bool family_plain(const char *fam) {
  const char *rest = fam + rpi_particle_len(fam, NULL);
  return !strchr(rest, ' ');
}

static void names(rpi_buf *b, const rp_result *r, rp_role role, const char *k) {
  size_t n = r->n_names[role];
  if (!n)
    return;
  field_start(b, k);
  for (size_t i = 0; i < n; i++) {
    const rpi_name *nm = &r->names[role][i];
    if (i)
      rpi_buf_put_lit(b, " and ");
    if (nm->part[RP_NAME_LITERAL]) {
      rpi_buf_putc(b, '{');
      tex(b, nm->part[RP_NAME_LITERAL]);
      rpi_buf_putc(b, '}');
      continue;
    }
    const char *fam = nm->part[RP_NAME_FAMILY] ? nm->part[RP_NAME_FAMILY] : "";
    bool plain = family_plain(fam);
    if (!plain)
      rpi_buf_putc(b, '{');
    tex(b, fam);
    if (!plain)
      rpi_buf_putc(b, '}');
    if (nm->part[RP_NAME_SUFFIX]) {
      rpi_buf_put_lit(b, ", ");
      tex(b, nm->part[RP_NAME_SUFFIX]);
    }
    if (nm->part[RP_NAME_GIVEN] || nm->part[RP_NAME_SUFFIX]) {
      rpi_buf_put_lit(b, ", ");
      tex(b, nm->part[RP_NAME_GIVEN] ? nm->part[RP_NAME_GIVEN] : "");
    }
  }
  if (r->et_al[role])
    rpi_buf_put_lit(b, " and others");
  rpi_buf_put_lit(b, "},\n");
}

static const char *entry_type(const rp_result *r) {
  const char *genre = r->field[RP_FIELD_GENRE];
  switch (r->type) {
  case RP_TYPE_ARTICLE_JOURNAL:
    return "article";
  case RP_TYPE_BOOK:
    return "book";
  case RP_TYPE_CHAPTER:
    return "incollection";
  case RP_TYPE_PAPER_CONFERENCE:
    return "inproceedings";
  case RP_TYPE_THESIS:
    /* "Master's thesis", "MSc thesis", "Masterarbeit" */
    return genre && (strstr(genre, "aster") || strstr(genre, "MSc") || strstr(genre, "MA "))
               ? "mastersthesis"
               : "phdthesis";
  case RP_TYPE_REPORT:
    return "techreport";
  case RP_TYPE_WEBPAGE:
    return "online";
  case RP_TYPE_ARTICLE:
    /* a preprint is @misc (with eprint); one placed in a journal, @article */
    return r->field[RP_FIELD_CONTAINER_TITLE] ? "article" : "misc";
  default:
    return "misc";
  }
}

rp_status rp_write_bibtex(const rp_result *r, const char *key, size_t key_len, unsigned flags,
                          char **out, size_t *out_len) {
  (void)flags;
  rpi_buf b;
  rp_status st = rpi_writer_start(r, key, key_len, out, &b);
  if (st != RP_OK)
    return st;
  if (!key || !key_len) {
    rpi_buf_free(&b);
    return RP_ERR_ARG;
  }
  rpi_buf_putc(&b, '@');
  rpi_buf_puts(&b, entry_type(r));
  rpi_buf_putc(&b, '{');
  verbatim(&b, key); /* keys are made of letters and digits (rp_bibtex_key) */
  (void)key_len;
  rpi_buf_put_lit(&b, ",\n");
  names(&b, r, RP_ROLE_AUTHOR, "author");
  names(&b, r, RP_ROLE_EDITOR, "editor");
  names(&b, r, RP_ROLE_TRANSLATOR, "translator");
  field(&b, "title", r->field[RP_FIELD_TITLE]);
  const char *container = r->field[RP_FIELD_CONTAINER_TITLE];
  switch (r->type) {
  case RP_TYPE_ARTICLE_JOURNAL:
  case RP_TYPE_ARTICLE:
    field(&b, "journal", container);
    break;
  case RP_TYPE_CHAPTER:
  case RP_TYPE_PAPER_CONFERENCE:
    field(&b, "booktitle", container);
    break;
  default:
    field(&b, "howpublished", container);
  }
  field(&b, "series", r->field[RP_FIELD_COLLECTION_TITLE]);
  field(&b, "edition", r->field[RP_FIELD_EDITION]);
  field(&b, r->type == RP_TYPE_THESIS   ? "school"
            : r->type == RP_TYPE_REPORT ? "institution"
                                        : "publisher",
        r->field[RP_FIELD_PUBLISHER]);
  field(&b, "address", r->field[RP_FIELD_PUBLISHER_PLACE]);
  if (r->type == RP_TYPE_THESIS || r->type == RP_TYPE_REPORT)
    field(&b, "type", r->field[RP_FIELD_GENRE]);
  /* BibTeX has no legal entry: @misc with the kind in type, the reporter
   * or code in howpublished, the court in organization, the statute's
   * section in section */
  if (r->type == RP_TYPE_LEGAL_CASE || r->type == RP_TYPE_LEGISLATION) {
    field(&b, "type", r->type == RP_TYPE_LEGAL_CASE ? "Legal case" : "Legislation");
    field(&b, "organization", r->field[RP_FIELD_AUTHORITY]);
    field(&b, "section", r->field[RP_FIELD_SECTION]);
  }
  field(&b, "version", r->field[RP_FIELD_VERSION]);
  field(&b, "year", r->field[RP_FIELD_YEAR]);
  field(&b, "origdate", r->field[RP_FIELD_ORIGINAL_DATE]);
  date(&b, r);
  field(&b, "volume", r->field[RP_FIELD_VOLUME]);
  /* BibTeX's number: the issue, a report's number, or the number in the
   * series */
  field(&b, "number", r->field[RP_FIELD_ISSUE]    ? r->field[RP_FIELD_ISSUE]
                      : r->field[RP_FIELD_NUMBER] ? r->field[RP_FIELD_NUMBER]
                                                  : r->field[RP_FIELD_COLLECTION_NUMBER]);
  if (r->field[RP_FIELD_PAGE]) {
    size_t fl, ll;
    const char *last;
    rpi_page_split(r->field[RP_FIELD_PAGE], &fl, &last, &ll);
    field_start(&b, "pages");
    char first[64];
    size_t n = fl < sizeof first - 1 ? fl : sizeof first - 1;
    memcpy(first, r->field[RP_FIELD_PAGE], n);
    first[n] = '\0';
    tex(&b, first);
    if (ll) {
      rpi_buf_put_lit(&b, "--");
      tex(&b, last);
    }
    rpi_buf_put_lit(&b, "},\n");
  }
  field(&b, "pagetotal", r->field[RP_FIELD_NUMBER_OF_PAGES]);
  field(&b, "volumes", r->field[RP_FIELD_NUMBER_OF_VOLUMES]);
  field_verbatim(&b, "doi", r->field[RP_FIELD_DOI]);
  if (r->field[RP_FIELD_ARXIV]) {
    field_verbatim(&b, "eprint", r->field[RP_FIELD_ARXIV]);
    field(&b, "archiveprefix", "arXiv");
  }
  field(&b, "pmid", r->field[RP_FIELD_PMID]);
  field(&b, "pmcid", r->field[RP_FIELD_PMCID]);
  field(&b, "isbn", r->field[RP_FIELD_ISBN]);
  field(&b, "issn", r->field[RP_FIELD_ISSN]);
  if (r->field[RP_FIELD_URL]) {
    field_start(&b, "url");
    if (!rpi_url_has_scheme(r->field[RP_FIELD_URL]))
      rpi_buf_put_lit(&b, "https://");
    verbatim(&b, r->field[RP_FIELD_URL]);
    rpi_buf_put_lit(&b, "},\n");
  }
  if (r->field[RP_FIELD_ACCESSED]) {
    char d[16]; /* biblatex wants ISO; a date it cannot read is kept as printed */
    field(&b, "urldate", rpi_accessed(r->field[RP_FIELD_ACCESSED], '-', d));
  }
  field(&b, "note", r->field[RP_FIELD_NOTE]);
  rpi_buf_put_lit(&b, "}\n");
  return rpi_writer_finish(&b, out, out_len);
}

/* Words a key skips: articles, prepositions, conjunctions (English, German,
 * French, Spanish, Italian, Portuguese), as lower-case ASCII. */
static const char *const stop_words[] = {
    "a",   "an",  "the", "of",   "on",   "in",  "for", "and",  "to",  "with", "at",  "by",
    "from", "into", "about", "as", "is", "are", "or",  "its",  "via", "der", "die", "das",
    "den", "dem", "des", "ein", "eine", "und", "le",  "la",   "les", "l",    "un",  "une",
    "du",  "de",  "et",  "el",  "los",  "las", "una", "y",    "il",  "lo",   "gli", "i",
    "della", "di", "per", "en", "em",  "um",  "uma", "do",   "da",  "dos",  "das", "o",
    "os",  "e",   "zur", "zum", "im",   "am",  "mit", "sur",  "au",  "aux",  "del", "con"};

static bool stop_word(const char *w, size_t n) {
  for (size_t i = 0; i < sizeof stop_words / sizeof *stop_words; i++)
    if (strlen(stop_words[i]) == n && !memcmp(stop_words[i], w, n))
      return true;
  return false;
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }
static bool alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Append the lower-case letters and digits of s[0..n). */
static void key_chars(rpi_buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (alnum(s[i]))
      rpi_buf_putc(b, lower(s[i]));
}

/* The first significant word of the ASCII text a (already folded). */
static void key_word(rpi_buf *b, const char *a, size_t n) {
  char w[64];
  size_t i = 0;
  while (i < n) {
    while (i < n && !alnum(a[i]) && a[i] != '\'')
      i++;
    size_t k = 0;
    /* a word runs over apostrophes ("l'analyse" is "l", "analyse") */
    while (i < n && alnum(a[i])) {
      if (k < sizeof w)
        w[k++] = lower(a[i]);
      i++;
    }
    if (i < n && a[i] == '\'')
      i++;
    if (k && !stop_word(w, k)) {
      rpi_buf_put(b, w, k);
      return;
    }
  }
}

rp_status rp_bibtex_key(const rp_parser *p, const rp_result *r, char **out, size_t *out_len) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if (!p || !r)
    return RP_ERR_ARG;
  rpi_buf b, f;
  rpi_buf_init(&b, 4096);
  rpi_buf_init(&f, 1 << 16);
  rp_role role = r->n_names[RP_ROLE_AUTHOR] ? RP_ROLE_AUTHOR : RP_ROLE_EDITOR;
  if (r->n_names[role]) {
    const rpi_name *nm = &r->names[role][0];
    const char *ascii = nm->part[RP_NAME_ASCII] ? nm->part[RP_NAME_ASCII] : "";
    if (nm->part[RP_NAME_LITERAL]) {
      key_word(&b, ascii, strlen(ascii));
    } else {
      /* the ASCII key is "family initials": the family is what comes
       * before the last space when there is a given name, less as many
       * words as the particles had ("van der meer" -> "meer") */
      const char *fam = nm->part[RP_NAME_FAMILY] ? nm->part[RP_NAME_FAMILY] : "";
      const char *end = ascii + strlen(ascii);
      const char *g = nm->part[RP_NAME_GIVEN];
      if (g && *g && strrchr(ascii, ' '))
        end = strrchr(ascii, ' ');
      size_t plen = rpi_particle_len(fam, NULL), words = 0;
      for (size_t i = 0; i < plen; i++)
        words += fam[i] == ' ';
      const char *s = ascii;
      while (words && s < end) {
        const char *sp = memchr(s, ' ', (size_t)(end - s));
        if (!sp)
          break;
        s = sp + 1;
        words--;
      }
      key_chars(&b, s, (size_t)(end - s));
    }
  }
  if (rpi_year(r->field[RP_FIELD_YEAR]) >= 0)
    rpi_buf_puts(&b, r->field[RP_FIELD_YEAR]);
  const char *t = r->field[RP_FIELD_TITLE];
  if (!t)
    t = r->field[RP_FIELD_CONTAINER_TITLE];
  if (t) {
    int rc = rpi_fold(p->folder, t, strlen(t), &f);
    if (rc) {
      rpi_buf_free(&b);
      rpi_buf_free(&f);
      return (rp_status)rc;
    }
    key_word(&b, rpi_buf_cstr(&f), f.len);
  }
  rpi_buf_free(&f);
  if (!b.len)
    rpi_buf_put_lit(&b, "ref");
  return rpi_writer_finish(&b, out, out_len);
}
