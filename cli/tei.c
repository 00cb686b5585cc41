/*
 * tei.c: one parsed reference as a TEI <biblStruct>, laid out as GROBID's
 * processCitation answers it, so GROBID clients read it unchanged:
 *
 *   article   <analytic> title level="a", authors, idnos
 *             <monogr> title level="j", <imprint> volume/issue/page/date
 *   chapter   <analytic> title level="a", authors
 *             <monogr> title level="m", editors, <imprint> publisher ...
 *   book      <monogr> title level="m", authors, editors, <imprint> ...
 *
 * Initials "C. E." become <forename type="first">C</forename><forename
 * type="middle">E</forename>; a page range "664-668" becomes
 * <biblScope unit="page" from="664" to="668"/>. Every value is XML-escaped.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

/* ---- cli_buf --------------------------------------------------------------- */

static bool buf_room(cli_buf *b, size_t n) {
  if (b->failed)
    return false;
  if (b->cap - b->len > n)
    return true;
  size_t cap = b->cap ? b->cap : 256;
  while (cap - b->len <= n) {
    if (cap > SIZE_MAX / 2) {
      b->failed = true;
      return false;
    }
    cap *= 2;
  }
  char *d = realloc(b->data, cap);
  if (!d) {
    b->failed = true;
    return false;
  }
  b->data = d;
  b->cap = cap;
  return true;
}

void cli_buf_add(cli_buf *b, const char *s, size_t n) {
  if (!buf_room(b, n))
    return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void cli_buf_adds(cli_buf *b, const char *s) { cli_buf_add(b, s, strlen(s)); }

void cli_buf_free(cli_buf *b) {
  free(b->data);
  *b = (cli_buf){0};
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid; *cp
 * receives the code point. (The library's own decoder is internal.) */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned c = s[0];
  size_t len;
  uint32_t v, min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, v = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, v = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, v = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    v = (v << 6) | (s[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  *cp = v;
  return len;
}

void cli_buf_add_xml(cli_buf *b, const char *s, size_t n) {
  static const char fffd[] = "\xEF\xBF\xBD";
  const unsigned char *u = (const unsigned char *)s;
  size_t run = 0; /* start of the pending run copied as it is */
  size_t i = 0;
  while (i < n) {
    uint32_t cp = 0;
    size_t k = utf8_seq(u + i, n - i, &cp);
    const char *rep = NULL;
    if (k == 0) {
      rep = fffd, k = 1;
    } else if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') {
      rep = fffd;
    } else if (cp == 0xFFFE || cp == 0xFFFF) {
      rep = fffd;
    } else {
      switch (cp) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      case '\'': rep = "&apos;"; break;
      default: break;
      }
    }
    if (rep) {
      cli_buf_add(b, s + run, i - run);
      cli_buf_adds(b, rep);
      run = i + k;
    }
    i += k;
  }
  cli_buf_add(b, s + run, n - run);
}

/* ---- TEI ------------------------------------------------------------------ */

static void elem(cli_buf *b, const char *open, const char *text, const char *close) {
  if (!text || !*text)
    return;
  cli_buf_adds(b, open);
  cli_buf_add_xml(b, text, strlen(text));
  cli_buf_adds(b, close);
}

/* Given names split at spaces and full stops: "C. E." -> first "C",
 * middle "E"; "Jean-Pierre" -> first "Jean-Pierre". */
static void forenames(cli_buf *b, const char *given) {
  size_t i = 0, n = strlen(given);
  bool first = true;
  while (i < n) {
    while (i < n && (given[i] == ' ' || given[i] == '.'))
      i++;
    size_t s = i;
    while (i < n && given[i] != ' ' && given[i] != '.')
      i++;
    if (i == s)
      break;
    cli_buf_adds(b, first ? "<forename type=\"first\">" : "<forename type=\"middle\">");
    cli_buf_add_xml(b, given + s, i - s);
    cli_buf_adds(b, "</forename>");
    first = false;
  }
}

static void names(cli_buf *b, const rp_result *r, rp_role role, const char *tag) {
  size_t n = rp_result_name_count(r, role);
  for (size_t i = 0; i < n; i++) {
    const char *lit = rp_result_name(r, role, i, RP_NAME_LITERAL);
    const char *fam = rp_result_name(r, role, i, RP_NAME_FAMILY);
    const char *giv = rp_result_name(r, role, i, RP_NAME_GIVEN);
    const char *suf = rp_result_name(r, role, i, RP_NAME_SUFFIX);
    if (!(lit && *lit) && !(fam && *fam) && !(giv && *giv))
      continue;
    cli_buf_adds(b, "<");
    cli_buf_adds(b, tag);
    cli_buf_adds(b, ">");
    if (lit && *lit) {
      elem(b, "<orgName>", lit, "</orgName>");
    } else {
      cli_buf_adds(b, "<persName>");
      if (giv)
        forenames(b, giv);
      elem(b, "<surname>", fam, "</surname>");
      elem(b, "<genName>", suf, "</genName>");
      cli_buf_adds(b, "</persName>");
    }
    cli_buf_adds(b, "</");
    cli_buf_adds(b, tag);
    cli_buf_adds(b, ">\n");
  }
}

static const char *field(const rp_result *r, rp_field f) {
  const char *v = rp_result_field(r, f, NULL);
  return v && *v ? v : NULL;
}

static void idnos(cli_buf *b, const rp_result *r, bool issn) {
  static const struct {
    rp_field f;
    const char *open;
  } ids[] = {
      {RP_FIELD_DOI, "<idno type=\"DOI\">"},     {RP_FIELD_PMID, "<idno type=\"PMID\">"},
      {RP_FIELD_PMCID, "<idno type=\"PMCID\">"}, {RP_FIELD_ARXIV, "<idno type=\"arXiv\">"},
      {RP_FIELD_ISBN, "<idno type=\"ISBN\">"},   {RP_FIELD_ISSN, "<idno type=\"ISSN\">"},
  };
  for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
    if (issn == (ids[i].f == RP_FIELD_ISSN))
      elem(b, ids[i].open, field(r, ids[i].f), "</idno>\n");
}

/* "664-668" -> from/to attributes; anything else is the element's text. */
static void pages(cli_buf *b, const char *page) {
  const char *dash = strchr(page, '-');
  if (dash && dash != page && dash[1] && !strchr(dash + 1, '-')) {
    cli_buf_adds(b, "<biblScope unit=\"page\" from=\"");
    cli_buf_add_xml(b, page, (size_t)(dash - page));
    cli_buf_adds(b, "\" to=\"");
    cli_buf_add_xml(b, dash + 1, strlen(dash + 1));
    cli_buf_adds(b, "\"/>\n");
  } else {
    elem(b, "<biblScope unit=\"page\">", page, "</biblScope>\n");
  }
}

static void imprint(cli_buf *b, const rp_result *r) {
  cli_buf_adds(b, "<imprint>\n");
  elem(b, "<publisher>", field(r, RP_FIELD_PUBLISHER), "</publisher>\n");
  elem(b, "<pubPlace>", field(r, RP_FIELD_PUBLISHER_PLACE), "</pubPlace>\n");
  elem(b, "<biblScope unit=\"volume\">", field(r, RP_FIELD_VOLUME), "</biblScope>\n");
  elem(b, "<biblScope unit=\"issue\">", field(r, RP_FIELD_ISSUE), "</biblScope>\n");
  const char *page = field(r, RP_FIELD_PAGE);
  if (page)
    pages(b, page);
  const char *year = field(r, RP_FIELD_YEAR);
  if (year) {
    cli_buf_adds(b, "<date type=\"published\" when=\"");
    cli_buf_add_xml(b, year, strlen(year));
    cli_buf_adds(b, "\"/>\n");
  }
  cli_buf_adds(b, "</imprint>\n");
}

/* Whether the type has a part (<analytic>) inside a host (<monogr>). */
static bool has_analytic(rp_type t) {
  switch (t) {
  case RP_TYPE_ARTICLE_JOURNAL:
  case RP_TYPE_CHAPTER:
  case RP_TYPE_PAPER_CONFERENCE:
  case RP_TYPE_ARTICLE:
    return true;
  default:
    return false;
  }
}

void cli_tei_bibl(cli_buf *b, const rp_result *r, size_t index, const char *raw, size_t raw_len) {
  char id[32];
  snprintf(id, sizeof id, "b%zu", index);
  cli_buf_adds(b, "<biblStruct xml:id=\"");
  cli_buf_adds(b, id);
  cli_buf_adds(b, "\">\n");
  rp_type type = rp_result_type(r);
  bool part = has_analytic(type);
  const char *title = field(r, RP_FIELD_TITLE);
  const char *host = field(r, RP_FIELD_CONTAINER_TITLE);
  if (part) {
    /* like GROBID, no <analytic> when nothing goes in it */
    cli_buf a = {0};
    elem(&a, "<title level=\"a\" type=\"main\">", title, "</title>\n");
    names(&a, r, RP_ROLE_AUTHOR, "author");
    idnos(&a, r, false);
    if (a.len) {
      cli_buf_adds(b, "<analytic>\n");
      cli_buf_add(b, a.data, a.len);
      cli_buf_adds(b, "</analytic>\n");
    }
    b->failed = b->failed || a.failed;
    cli_buf_free(&a);
  }
  cli_buf_adds(b, "<monogr>\n");
  if (part) {
    /* journals (and preprint servers) are level j; proceedings and the
     * books holding chapters are level m */
    bool journal = type == RP_TYPE_ARTICLE_JOURNAL || type == RP_TYPE_ARTICLE;
    elem(b, journal ? "<title level=\"j\">" : "<title level=\"m\">", host, "</title>\n");
  } else {
    elem(b, "<title level=\"m\" type=\"main\">", title ? title : host, "</title>\n");
    names(b, r, RP_ROLE_AUTHOR, "author");
  }
  names(b, r, RP_ROLE_EDITOR, "editor");
  if (!part)
    idnos(b, r, false);
  idnos(b, r, true);
  elem(b, "<edition>", field(r, RP_FIELD_EDITION), "</edition>\n");
  imprint(b, r);
  cli_buf_adds(b, "</monogr>\n");
  const char *series = field(r, RP_FIELD_COLLECTION_TITLE);
  if (series)
    elem(b, "<series>\n<title level=\"s\">", series, "</title>\n</series>\n");
  const char *url = field(r, RP_FIELD_URL);
  if (url) {
    cli_buf_adds(b, "<ptr target=\"");
    cli_buf_add_xml(b, url, strlen(url));
    cli_buf_adds(b, "\"/>\n");
  }
  elem(b, "<note type=\"report_type\">", field(r, RP_FIELD_GENRE), "</note>\n");
  elem(b, "<note>", field(r, RP_FIELD_NOTE), "</note>\n");
  if (raw) {
    cli_buf_adds(b, "<note type=\"raw_reference\">");
    cli_buf_add_xml(b, raw, raw_len);
    cli_buf_adds(b, "</note>\n");
  }
  cli_buf_adds(b, "</biblStruct>\n");
}
