/*
 * stage_ids.c: identifiers (DOI, URL, PMID, PMCID, arXiv, ISBN, ISSN) and access
 * notes, taken out of the working copy wherever they are.
 */
#include "stage.h"

#include <string.h>

#include "fields.h"
#include "scan.h"

bool rpi_ids_category_or_link(const char *c, size_t n) {
  static const char *const cls[] = {"hep-ph", "hep-th", "hep-lat", "hep-ex", "gr-qc",   "astro-ph", "cond-mat",
                                    "quant-ph", "nucl-th", "nucl-ex", "math-ph", "physics", "math", "cs",
                                    "stat", "q-bio", "q-fin", "nlin", "econ", "eess", NULL};
  static const char *const links[] = {"INSPIRE", "ADS", "CrossRef", "Crossref", "GoogleScholar", "PubMed", NULL};
  for (size_t k = 0; links[k]; k++)
    if (strlen(links[k]) == n && memcmp(c, links[k], n) == 0)
      return true;
  for (size_t k = 0; cls[k]; k++) {
    size_t l = strlen(cls[k]);
    if (n < l || memcmp(c, cls[k], l) != 0)
      continue;
    if (n == l)
      return true;
    if (c[l] != '.' || n > l + 4)
      continue;
    bool letters = n > l + 1;
    for (size_t q = l + 1; q < n; q++)
      letters &= (c[q] >= 'A' && c[q] <= 'Z') || (c[q] >= 'a' && c[q] <= 'z');
    if (letters)
      return true;
  }
  return false;
}

/* "arXiv:1310.0878 [hep-ph]", "[ INSPIRE]": a subject class or a link
 * text in brackets, blanked as a label (the arXiv id is kept). */
static void category_notes(st *s) {
  for (const char *p = memchr(s->w, '[', s->n); p; p = memchr(p + 1, '[', s->n - (size_t)(p + 1 - s->w))) {
    size_t i = (size_t)(p - s->w), e = i + 1;
    char c[24];
    size_t n = 0;
    while (e < s->n && e < i + 24 && s->w[e] != ']' && s->w[e] != '[') {
      if (s->w[e] != ' ' && n < sizeof c)
        c[n++] = s->w[e];
      e++;
    }
    if (e < s->n && s->w[e] == ']' && n && rpi_ids_category_or_link(c, n))
      blank(s, i, e + 1);
  }
}

/* MNRAS's "2019, preprint (arXiv:1901.00001)": the word "preprint" (and
 * the bracket) around the arXiv id [a, b) just taken names no title; it
 * is blanked as the id's label. */
static void preprint_word(st *s, size_t a, size_t b) {
  size_t k = a;
  while (k > 0 && s->w[k - 1] == ' ')
    k--;
  if (k == 0 || s->w[k - 1] != '(')
    return;
  k--;
  while (k > 0 && s->w[k - 1] == ' ')
    k--;
  if (k < 9 || !(at_lit(s, k - 8, "preprint", 8) || at_lit(s, k - 8, "Preprint", 8)))
    return;
  size_t w = k - 8, c = w;
  while (c > 0 && s->w[c - 1] == ' ')
    c--;
  if (c == 0 || c == w || s->w[c - 1] != ',')
    return; /* its own comma segment only: not "... a preprint (arXiv:...)" */
  size_t e = skip_sp(s, b);
  if (e >= s->n || s->w[e] != ')')
    return;
  blank(s, w, e + 1);
}

/* Art history's "Title, exh. cat. London: ...", "Title. Exh. cat., Royal
 * Academy of Arts, London, 2015": an exhibition catalogue's mark after a
 * comma or a stop is the genre, blanked so that the title ends before
 * it. */
static void exhibition_mark(st *s) {
  /* (an 'x' is rarer than the stops: look for "xh. cat." from it) */
  for (const char *p = memchr(s->w, 'x', s->n); p; p = memchr(p + 1, 'x', s->n - (size_t)(p + 1 - s->w))) {
    size_t d = (size_t)(p - s->w) + 2; /* the stop of "exh." */
    if (d < 5 || !at_lit(s, d - 2, "xh. cat.", 8) || (s->w[d - 3] != 'e' && s->w[d - 3] != 'E') || s->w[d - 4] != ' ' ||
        (s->w[d - 5] != ',' && s->w[d - 5] != '.'))
      continue;
    rpi_fields_set(s, RP_FIELD_GENRE, d - 3, d + 6);
    /* the comma after it goes too ("exh. cat., Royal Academy"); before a
     * bracket the comma before it ("Title, exh. cat. (London: ...)");
     * else its stop stays, the title's end ("exh. cat. London: ...") */
    if (d + 6 < s->n && s->w[d + 6] == ',')
      blank(s, d - 3, d + 7);
    else if (d + 7 < s->n && s->w[d + 6] == ' ' && s->w[d + 7] == '(')
      blank(s, s->w[d - 5] == ',' ? d - 5 : d - 3, d + 6);
    else
      blank(s, d - 3, d + 5);
    return;
  }
}

/* Wikipedia's rendered citation templates: the file-format mark after a
 * title ('"Title" (PDF). Publisher', 'Archived from the original (PDF)
 * on ...') says the work is a PDF on the web, and the archive note
 * ('Archived from the original on 3 June 2016.') dates the archived copy,
 * not the work: both are blanked as notes on the medium. A "(PDF)" inside
 * a title ('the density function (PDF) of ...') is followed by a word and
 * stays. */
static void wiki_marks(st *s) {
  for (const char *p = memchr(s->w, '(', s->n); p; p = memchr(p + 1, '(', s->n - (size_t)(p + 1 - s->w))) {
    size_t i = (size_t)(p - s->w), e = i + 5;
    if (i + 1 >= s->n || s->w[i + 1] != 'P' || !at_lit(s, i, "(PDF)", 5))
      continue;
    size_t k = e;
    while (k < s->n && s->w[k] == ' ')
      k++;
    if (k == s->n || s->w[k] == '.' || s->w[k] == ',' || at_lit(s, k, "on ", 3)) {
      blank(s, i, e);
      s->webcue = true;
    }
  }
  if (!rpi_scan_has_lit(s, 0, s->n, "Archived from the original", 26))
    return;
  for (const char *p = memchr(s->w, 'A', s->n); p; p = memchr(p + 1, 'A', s->n - (size_t)(p + 1 - s->w))) {
    size_t i = (size_t)(p - s->w);
    if (!at_lit(s, i, "Archived from the original", 26) || (i > 0 && s->w[i - 1] != ' '))
      continue;
    /* to the note's stop: a date holds none ("on 2011-07-20.", "on 3 June 2016.") */
    size_t e = i + 26;
    while (e < s->n && !(s->w[e] == '.' && (e + 1 == s->n || s->w[e + 1] == ' ')))
      e++;
    blank(s, i, e < s->n ? e + 1 : e);
    s->webcue = true;
    return;
  }
}

/* Does the phrase lit end at e, as a whole word after lo? */
static bool word_ends_at(const st *s, size_t lo, size_t e, const lit_t *lit) {
  if (e < lo + lit->n || s->w[e - 1] != lit->s[lit->n - 1] || memcmp(s->w + e - lit->n, lit->s, lit->n) != 0)
    return false;
  size_t b = e - lit->n;
  return b == lo || strchr(" |,;.[(", s->w[b - 1]);
}

/* The link texts that publishers' pages and Google Scholar print after a
 * reference ('... Harper Business. Google Scholar', '... Cham. Crossref
 * Google Scholar', '... Press. Cited by 12034 Related articles All 15
 * versions', '[PubMed] [Google Scholar]'): a run of them closing the
 * reference is blanked, so that it is read as no publisher. A weak word
 * ('Article', 'CAS', 'Abstract') goes only in a run that holds a strong
 * one; the run is read from the end, word by word, and stops at the
 * first other word. */
static void link_texts(st *s) {
  static const lit_t strong[] = {LIT("Google Scholar"), LIT("Google Books"), LIT("Crossref"), LIT("CrossRef"),
                                 LIT("PubMed"), LIT("Web of Science"), LIT("Scopus"), LIT("Medline"),
                                 LIT("MEDLINE"), LIT("PMC free article"), LIT("Related articles"), {NULL, 0}};
  static const lit_t weak[] = {LIT("Article"), LIT("View Article"), LIT("CAS"), LIT("ISI"), LIT("Abstract"),
                               LIT("Full Text PDF"), LIT("Full Text"), LIT("DOI"), LIT("Search in"),
                               LIT("Go to Citation"), LIT("Export Citation"), LIT("PMC"), {NULL, 0}};
  size_t lo = s->n > 200 ? s->n - 200 : 0, e = s->n, cut = UNSET;
  bool strong_seen = false;
  for (;;) {
    while (e > lo && strchr(" |,;.[]", s->w[e - 1]))
      e--;
    size_t b = UNSET;
    bool st_word = false;
    /* the last letters of the phrases above: most references end in none */
    bool may = e > lo && s->w[e - 1] != '\0' && strchr("rsfdeESItFnC", s->w[e - 1]);
    for (const lit_t *l = strong; may && l->s && b == UNSET; l++)
      if (word_ends_at(s, lo, e, l))
        b = e - l->n, st_word = true;
    for (const lit_t *l = weak; may && l->s && b == UNSET; l++)
      if (word_ends_at(s, lo, e, l))
        b = e - l->n;
    if (b == UNSET && e > lo && (ascii_digit(s->w[e - 1]) || s->w[e - 1] == ')' || at_lit(s, e - 8, "versions", 8))) {
      /* "Cited by 154", "Scopus (45)", "All 15 versions" */
      size_t k = e;
      if (s->w[k - 1] == ')' || s->w[k - 1] == 's')
        k -= s->w[k - 1] == ')' ? 1 : 9;
      size_t d = k;
      while (d > lo && ascii_digit(s->w[d - 1]))
        d--;
      if (d < k && d > lo) {
        static const lit_t cited = LIT("Cited by"), scopus = LIT("Scopus"), all = LIT("All");
        if (s->w[e - 1] == ')' && s->w[d - 1] == '(' && word_ends_at(s, lo, d > lo + 1 ? d - 2 : d, &scopus))
          b = d - 2 - scopus.n, st_word = true;
        else if (ascii_digit(s->w[e - 1]) && s->w[d - 1] == ' ' && word_ends_at(s, lo, d - 1, &cited))
          b = d - 1 - cited.n, st_word = true;
        else if (s->w[e - 1] == 's' && s->w[d - 1] == ' ' && word_ends_at(s, lo, d - 1, &all))
          b = d - 1 - all.n, st_word = true;
      }
    }
    if (b == UNSET)
      break;
    strong_seen |= st_word;
    e = b;
    if (strong_seen)
      cut = b;
  }
  if (cut != UNSET && cut > 0)
    blank(s, cut, s->n);
}

/* DBLP's arXiv papers, "CoRR abs/1810.04805", "CoRR, abs/2001.01234":
 * the repository's name is the publisher and "abs/..." its volume, as
 * DBLP's records hold them; both are taken out of the text. */
static void corr_id(st *s) {
  for (const char *p = memchr(s->w, 'C', s->n); p; p = memchr(p + 1, 'C', s->n - (size_t)(p + 1 - s->w))) {
    size_t i = (size_t)(p - s->w), k = i + 4;
    if (i + 3 >= s->n || s->w[i + 3] != 'R' || !at_lit(s, i, "CoRR", 4) || (i > 0 && s->w[i - 1] != ' '))
      continue;
    if (k < s->n && s->w[k] == ',')
      k++;
    if (!at_lit(s, k, " abs/", 5) || k + 5 >= s->n || !ascii_digit(s->w[k + 5]))
      continue;
    size_t e = k + 5;
    while (e < s->n && !strchr(" ,;()", s->w[e]))
      e++;
    while (e > k + 5 && s->w[e - 1] == '.')
      e--;
    rpi_fields_set(s, RP_FIELD_PUBLISHER, i, i + 4);
    rpi_fields_set(s, RP_FIELD_VOLUME, k + 1, e);
    blank(s, i, e);
    return;
  }
}

void rpi_stage_ids(st *s) {
  rpi_match m;
  /* URLs first: a DOI inside a doi.org URL is a DOI, other URLs stay URLs */
  size_t from = 0;
  while (find(s, P_URL, from, &m)) {
    size_t a = m.start, b = m.end;
    /* "http://dx.doi. org/10.1016/...": a link broken by a space */
    if (b >= a + 4 && at_lit(s, b - 4, "doi.", 4) && at_lit(s, b, " org/", 5)) {
      b += 5;
      while (b < s->n && s->w[b] != ' ')
        b++;
      m.end = b;
    }
    while (b > a && strchr(".,;:)]}>'", s->w[b - 1])) {
      if (s->w[b - 1] == ')') {
        /* keep a closing parenthesis that closes one inside the URL */
        size_t open = 0, close = 0;
        for (size_t i = a; i < b; i++)
          open += s->w[i] == '(', close += s->w[i] == ')';
        if (open >= close)
          break;
      }
      b--;
    }
    bool doi_url = false;
    for (size_t i = a; i + 8 <= b && !doi_url; i++)
      if (s->w[i] == 'd' && at_lit(s, i, "doi.org/", 8))
        doi_url = true;
    /* A legacy "http://dx.doi.org/..." link printed as a link (no "doi:"
     * label) stays a URL; "https://doi.org/...", the DOI's display form
     * (Crossref display guidelines), and labelled links give the DOI. */
    if (doi_url && at_lit(s, a, "http://", 7)) {
      size_t k = a;
      while (k > 0 && s->w[k - 1] == ' ')
        k--;
      bool labelled = false;
      for (size_t q = k >= 5 ? k - 5 : 0; q < k; q++)
        labelled |= (s->w[q] | 0x20) == 'd' && q + 3 <= k && (s->w[q + 1] | 0x20) == 'o' &&
                    (s->w[q + 2] | 0x20) == 'i';
      if (!labelled)
        doi_url = false;
    }
    if (!doi_url) {
      if (!s->r->field[RP_FIELD_URL])
        rpi_fields_set(s, RP_FIELD_URL, a, b);
      blank(s, a, b);
    }
    from = m.end;
  }
  if (find(s, P_DOI, 0, &m)) {
    size_t a = m.g[G_DOI_DOI][0], b = m.g[G_DOI_DOI][1];
    while (b > a && strchr(".,;:]}>'", s->w[b - 1]))
      b--;
    while (b > a && s->w[b - 1] == ')') {
      size_t open = 0, close = 0;
      for (size_t i = a; i < b; i++)
        open += s->w[i] == '(', close += s->w[i] == ')';
      if (open >= close)
        break;
      b--;
    }
    rpi_fields_set(s, RP_FIELD_DOI, a, b);
    size_t e = b;
    blank(s, m.start, e);
    /* remove any other DOI mentions */
    while (find(s, P_DOI, e, &m)) {
      blank(s, m.start, m.end);
      e = m.end;
    }
  }
  static const struct {
    int pat;
    rp_field f;
  } ids[] = {{P_PMCID, RP_FIELD_PMCID}, {P_PMID, RP_FIELD_PMID}, {P_ARXIV, RP_FIELD_ARXIV},
             {P_ISBN, RP_FIELD_ISBN}, {P_ISSN, RP_FIELD_ISSN}};
  for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
    if (find(s, ids[k].pat, 0, &m)) {
      rpi_fields_set(s, ids[k].f, m.g[rpi_pattern_group[ids[k].pat][RPI_G_ID]][0],
                     m.g[rpi_pattern_group[ids[k].pat][RPI_G_ID]][1]);
      blank(s, m.start, m.end);
      if (ids[k].pat == P_ARXIV)
        preprint_word(s, m.start, m.end);
    }
  }
  /* the word before an access year is a month or a season, not any word:
   * "Retrieved from www.x.org 2007;4:187" (its URL blanked) is no date */
  for (from = 0; find(s, P_ACCESS, from, &m); from = m.start + 1) {
    if (gset(&m, G_ACCESS_MON)) {
      size_t ma = m.g[G_ACCESS_MON][0], mn = m.g[G_ACCESS_MON][1] - ma;
      if (!rpi_lex_month(s->w + ma, mn) && !rpi_lex_season(s->w + ma, mn))
        continue;
    }
    int g = gset(&m, G_ACCESS_CITED) ? G_ACCESS_CITED : G_ACCESS_DATE;
    if (gset(&m, g))
      rpi_fields_set(s, RP_FIELD_ACCESSED, m.g[g][0], m.g[g][1]);
    blank(s, m.start, m.end);
    s->webcue = true;
    break;
  }
  from = 0;
  while (find(s, P_AVAIL, from, &m)) {
    /* BibTeX's "URL https://..." (no colon) labels any record's link, a
     * book's or a program's: no sign of a web page */
    bool bare_url = (at_lit(s, m.start, "URL", 3) || at_lit(s, m.start, "url", 3)) &&
                    !memchr(s->w + m.start, ':', m.end - m.start);
    blank(s, m.start, m.end);
    s->webcue |= !bare_url;
    from = m.end;
  }
  if (find(s, P_EPUB, 0, &m))
    blank(s, m.start, m.end);
  /* a bare PubMed id at the very end ("... 109-10. 25557714") */
  size_t e = s->n;
  while (e > 0 && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  size_t d = e;
  while (d > 0 && ascii_digit(s->w[d - 1]))
    d--;
  if (e - d >= 7 && e - d <= 8 && d > 2 && s->w[d - 1] == ' ' && s->w[d - 2] == '.' &&
      !s->r->field[RP_FIELD_PMID] && s->r->field[RP_FIELD_DOI] == NULL) {
    rpi_fields_set(s, RP_FIELD_PMID, d, e);
    blank(s, d, e);
  }
  /* "[in Chinese]", "[Internet]", "[Epub ahead of print]" */
  /* Each note opens with '[' or '(' and holds no other, so no two
   * occurrences overlap: one pass over the openers finds them all, in any
   * order. */
  for (const char *op = "[("; *op; op++)
    for (const char *p = memchr(s->w, *op, s->n); p; p = memchr(p + 1, *op, s->n - (size_t)(p + 1 - s->w))) {
      size_t i = (size_t)(p - s->w);
      size_t l = rpi_lex_at(RPI_LEX_WEB_NOTES, s->w + i, s->n - i); /* lib/data/web_notes.txt */
      if (l) {
        if (!at_lit(s, i, "[Epub", 5)) /* ahead of print: no sign of the web */
          s->webcue = true;
        blank(s, i, i + l);
      }
    }
  category_notes(s);
  exhibition_mark(s);
  wiki_marks(s);
  link_texts(s);
  corr_id(s);
}
