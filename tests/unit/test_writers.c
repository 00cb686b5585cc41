/*
 * test_writers.c: the output formats and the batch entry point through the
 * public API (shared library): exact BibTeX, RIS, TSV and CSL-JSON array
 * text for known references, BibTeX keys and their deduplication, LaTeX
 * and TSV escaping, writer misuse answered with status codes, and
 * rp_parse_many giving the same results as rp_parse in input order.
 *
 * usage: test_writers [CORPUS.jsonl...]   (raw strings for rp_parse_many)
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include <refparse.h>

#include "harness.h"

static const char MURRY[] =
    "Murry CE, Soonpaa MH, Reinecke H, et al. Haematopoietic stem cells do not "
    "transdifferentiate into cardiac myocytes in myocardial infarcts. Nature. "
    "2004;428(6983):664-8.";
static const char BERG[] =
    "van der Berg J, de Vries R. The cells of {Leiden} & 50% of $x_1$. Eur Heart J. "
    "2019;40(10):812-21. doi:10.1000/x_y. Available from: www.example.org/a_b "
    "(accessed 5 March 2024).";

static rp_parser *parser;

static rp_result *parse(const char *s) {
  rp_result *r = NULL;
  if (rp_parse(parser, s, strlen(s), &r) != RP_OK)
    DIAG("rp_parse failed on \"%s\"", s);
  return r;
}

/* Everything a writer made with flags returns for the texts, concatenated
 * (malloc'd). */
static char *write_flags(rp_format f, unsigned flags, const char *const *texts, size_t n) {
  rp_writer *w = NULL;
  if (rp_writer_new(parser, f, flags, &w) != RP_OK)
    return NULL;
  size_t len = 0;
  char *all = calloc(1, 1);
  for (size_t i = 0; i <= n + 1 && all; i++) {
    char *s = NULL;
    size_t sl = 0;
    rp_status st;
    rp_result *r = NULL;
    if (i == 0) {
      st = rp_writer_begin(w, &s, &sl);
    } else if (i == n + 1) {
      st = rp_writer_end(w, &s, &sl);
    } else {
      r = parse(texts[i - 1]);
      st = rp_writer_add(w, r, NULL, 0, &s, &sl);
    }
    rp_result_free(r);
    if (st != RP_OK) {
      free(all);
      all = NULL;
      break;
    }
    char *g = realloc(all, len + sl + 1);
    if (g) {
      memcpy(g + len, s, sl + 1);
      len += sl;
    }
    all = g;
    rp_free(s);
  }
  rp_writer_free(w);
  return all;
}

static char *write_all(rp_format f, const char *const *texts, size_t n) {
  return write_flags(f, 0, texts, n);
}

static void test_formats(void) {
  STR_EQ(rp_format_name(RP_FORMAT_CSL_JSON), "csl-json", "rp_format_name(CSL_JSON)");
  STR_EQ(rp_format_name(RP_FORMAT_COUNT_), "", "rp_format_name(COUNT_) is empty");
  rp_format f = RP_FORMAT_COUNT_;
  for (int i = 0; i < RP_FORMAT_COUNT_; i++) {
    OK(rp_format_from_name(rp_format_name((rp_format)i), &f) == RP_OK && f == (rp_format)i,
       "rp_format_from_name(rp_format_name(%d)) round-trips", i);
  }
  INT_EQ(rp_format_from_name("xml", &f), RP_ERR_ARG, "rp_format_from_name(xml): RP_ERR_ARG");
  INT_EQ(rp_format_from_name(NULL, &f), RP_ERR_ARG, "rp_format_from_name(NULL): RP_ERR_ARG");
  rp_writer *w = (rp_writer *)1;
  INT_EQ(rp_writer_new(NULL, RP_FORMAT_BIBTEX, 0, &w), RP_ERR_ARG,
         "rp_writer_new: bibtex without a parser is RP_ERR_ARG");
  OK(w == NULL, "rp_writer_new: *out NULL on error");
  INT_EQ(rp_writer_new(parser, RP_FORMAT_COUNT_, 0, &w), RP_ERR_ARG,
         "rp_writer_new: unknown format is RP_ERR_ARG");
  INT_EQ(rp_writer_new(NULL, RP_FORMAT_RIS, 0, NULL), RP_ERR_ARG, "rp_writer_new: out NULL");
  char *s = (char *)1;
  INT_EQ(rp_writer_add(NULL, NULL, NULL, 0, &s, NULL), RP_ERR_ARG, "rp_writer_add(NULL)");
  OK(s == NULL, "rp_writer_add: *out NULL on error");
  rp_writer_free(NULL);
  OK(1, "rp_writer_free(NULL) is harmless");
}

static void test_bibtex(void) {
  const char *texts[] = {MURRY, MURRY, BERG};
  char *got = write_all(RP_FORMAT_BIBTEX, texts, 3);
  STR_EQ(got,
         "@article{murry2004haematopoietic,\n"
         "  author = {Murry, C. E. and Soonpaa, M. H. and Reinecke, H. and others},\n"
         "  title = {Haematopoietic stem cells do not transdifferentiate into cardiac myocytes "
         "in myocardial infarcts},\n"
         "  journal = {Nature},\n"
         "  year = {2004},\n"
         "  volume = {428},\n"
         "  number = {6983},\n"
         "  pages = {664--668},\n"
         "}\n"
         "\n"
         "@article{murry2004haematopoietica,\n"
         "  author = {Murry, C. E. and Soonpaa, M. H. and Reinecke, H. and others},\n"
         "  title = {Haematopoietic stem cells do not transdifferentiate into cardiac myocytes "
         "in myocardial infarcts},\n"
         "  journal = {Nature},\n"
         "  year = {2004},\n"
         "  volume = {428},\n"
         "  number = {6983},\n"
         "  pages = {664--668},\n"
         "}\n"
         "\n"
         "@article{berg2019cells,\n"
         "  author = {van der Berg, J. and de Vries, R.},\n"
         "  title = {The cells of \\{Leiden\\} \\& 50\\% of \\$x\\_1\\$},\n"
         "  journal = {Eur Heart J},\n"
         "  year = {2019},\n"
         "  volume = {40},\n"
         "  number = {10},\n"
         "  pages = {812--821},\n"
         "  doi = {10.1000/x_y},\n"
         "  url = {https://www.example.org/a_b},\n"
         "  urldate = {2024-03-05},\n"
         "}\n",
         "bibtex: keys deduplicated, 'and others', particles, escaping, https, urldate");
  free(got);
  const char *reprint[] = {"Halbwachs, Maurice 1997 [1950]. La m\xC3\xA9moire collective. Paris: Albin Michel."};
  got = write_all(RP_FORMAT_BIBTEX, reprint, 1);
  STR_EQ(got,
         "@book{halbwachs1997memoire,\n"
         "  author = {Halbwachs, Maurice},\n"
         "  title = {La m\xC3\xA9moire collective},\n"
         "  publisher = {Albin Michel},\n"
         "  address = {Paris},\n"
         "  year = {1997},\n"
         "  origdate = {1950},\n"
         "}\n",
         "bibtex: a reprint's original year as biblatex origdate");
  free(got);

  /* keys: folding, particles, stop words, a third duplicate */
  static const struct {
    const char *raw, *key;
  } keys[] = {
      {"Lötvall J, Hill AF. The role of exosomes in disease. J Extracell Vesicles. "
       "2014;3:26913.", "lotvall2014role"},
      {"von Neumann J. On the foundations of quantum mechanics. Math Ann. 1927;5:1-5.",
       "neumann1927foundations"},
      {"", "ref"},
  };
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
    rp_result *r = parse(keys[i].raw);
    char *k = NULL;
    OK(rp_bibtex_key(parser, r, &k, NULL) == RP_OK, "rp_bibtex_key %zu: RP_OK", i);
    STR_EQ(k, keys[i].key, "rp_bibtex_key: %s", keys[i].key);
    rp_free(k);
    rp_result_free(r);
  }
  const char *three[] = {"", "", "", ""};
  got = write_all(RP_FORMAT_BIBTEX, three, 4);
  OK(got && strstr(got, "@article{ref,") && strstr(got, "@article{refa,") &&
         strstr(got, "@article{refb,") && strstr(got, "@article{refc,"),
     "bibtex: ref, refa, refb, refc for four keyless entries");
  free(got);
}

static void test_ris(void) {
  const char *texts[] = {MURRY, BERG};
  char *got = write_all(RP_FORMAT_RIS, texts, 2);
  STR_EQ(got,
         "TY  - JOUR\nID  - 1\nAU  - Murry, C. E.\nAU  - Soonpaa, M. H.\nAU  - Reinecke, H.\n"
         "TI  - Haematopoietic stem cells do not transdifferentiate into cardiac myocytes in "
         "myocardial infarcts\nT2  - Nature\nJF  - Nature\nPY  - 2004\nVL  - 428\nIS  - 6983\nSP  - 664\n"
         "EP  - 668\nER  - \n"
         "\n"
         "TY  - JOUR\nID  - 2\nAU  - van der Berg, J.\nAU  - de Vries, R.\n"
         "TI  - The cells of {Leiden} & 50% of $x_1$\nT2  - Eur Heart J\nJF  - Eur Heart J\n"
         "PY  - 2019\n"
         "VL  - 40\nIS  - 10\nSP  - 812\nEP  - 821\nDO  - 10.1000/x_y\n"
         "UR  - https://www.example.org/a_b\nY2  - 2024/03/05\nER  - \n",
         "ris: two records, ids counted from 1, SP/EP split, UR with https");
  free(got);
}

/* Legal citations: RIS CASE and STAT, BibTeX @misc with the kind in type,
 * CSL-JSON authority, locator and section. */
static void test_legal(void) {
  const char *texts[] = {"Doe v. Roe, 789 F. Supp. 2d 101, 105 (S.D.N.Y. 2011).",
                         "Americans with Disabilities Act of 1990, 42 U.S.C. \xC2\xA7\xC2\xA7 12101-12213 (2018)."};
  char *got = write_all(RP_FORMAT_RIS, texts, 2);
  STR_EQ(got,
         "TY  - CASE\nID  - 1\nTI  - Doe v. Roe\nT2  - F. Supp. 2d\nPY  - 2011\nVL  - 789\nSP  - 101\n"
         "PB  - S.D.N.Y.\nER  - \n\n"
         "TY  - STAT\nID  - 2\nTI  - Americans with Disabilities Act of 1990\nT2  - U.S.C.\nPY  - 2018\n"
         "VL  - 42\nSE  - 12101-12213\nER  - \n",
         "ris: CASE with the court as PB, STAT with the section as SE");
  free(got);
  got = write_all(RP_FORMAT_BIBTEX, texts, 1);
  STR_EQ(got,
         "@misc{2011doe,\n  title = {Doe v. Roe},\n  howpublished = {F. Supp. 2d},\n  type = {Legal case},\n"
         "  organization = {S.D.N.Y.},\n  year = {2011},\n  volume = {789},\n  pages = {101},\n}\n",
         "bibtex: a case is @misc with its kind and court");
  free(got);
  got = write_flags(RP_FORMAT_CSL_JSONL, RP_WRITE_NO_CUSTOM, texts, 2);
  STR_EQ(got,
         "{\"id\":\"1\",\"type\":\"legal_case\",\"title\":\"Doe v. Roe\",\"container-title\":\"F. Supp. 2d\","
         "\"issued\":{\"date-parts\":[[2011]]},\"volume\":\"789\",\"page\":\"101\",\"locator\":\"105\","
         "\"authority\":\"S.D.N.Y.\"}\n"
         "{\"id\":\"2\",\"type\":\"legislation\",\"title\":\"Americans with Disabilities Act of 1990\","
         "\"container-title\":\"U.S.C.\",\"issued\":{\"date-parts\":[[2018]]},\"volume\":\"42\","
         "\"section\":\"12101-12213\"}\n",
         "csl-jsonl: the page is the first page, the pinpoint the locator");
  free(got);
}

static void test_tsv(void) {
  const char *texts[] = {MURRY};
  char *got = write_all(RP_FORMAT_TSV, texts, 1);
  size_t hl = strlen(rp_tsv_header());
  OK(got && !strncmp(got, rp_tsv_header(), hl), "tsv: starts with rp_tsv_header()");
  STR_EQ(got ? got + hl : NULL,
         "1\tarticle-journal\tMurry, C. E.; Soonpaa, M. H.; Reinecke, H.\t\tHaematopoietic stem "
         "cells do not transdifferentiate into cardiac myocytes in myocardial infarcts\tNature\t"
         "\t2004\t428\t6983\t664-668\t\t\t\t\t\t\t\t\t\t\t\t\t\t1\tpage-expanded\t\t\t\t\n",
         "tsv: one row in the header's columns");
  int tabs = 0;
  for (const char *p = rp_tsv_header(); *p; p++)
    tabs += *p == '\t';
  INT_EQ(tabs, 29, "tsv: 30 columns in the header");
  free(got);
  /* a tab, a newline and a backslash in a value are escaped */
  rp_result *r = parse("Smith J. A\\B title. Nature. 2004;1:1-2.");
  char *row = NULL;
  OK(rp_write_tsv(r, "a\tb\nc", 5, 0, &row, NULL) == RP_OK && row &&
         !strncmp(row, "a\\tb\\nc\t", 8) && strstr(row, "\tA\\\\B title\t"),
     "tsv: tab, newline and backslash escaped (got %s)", row ? row : "NULL");
  rp_free(row);
  rp_result_free(r);
}

static void test_csljson_array(void) {
  const char *none[] = {NULL};
  char *got = write_all(RP_FORMAT_CSL_JSON, none, 0);
  STR_EQ(got, "[\n]\n", "csl-json: no records is an empty array");
  free(got);
  const char *texts[] = {MURRY, BERG};
  got = write_all(RP_FORMAT_CSL_JSON, texts, 2);
  json_error_t err;
  json_t *a = got ? json_loads(got, 0, &err) : NULL;
  OK(json_is_array(a) && json_array_size(a) == 2, "csl-json: one array of two items");
  OK(json_integer_value(json_object_get(json_array_get(a, 1), "id")) == 0 &&
         !strcmp(json_string_value(json_object_get(json_array_get(a, 1), "id")), "2"),
     "csl-json: ids counted from 1 as strings when none is given");
  json_decref(a);
  free(got);
}

static char *csl(const char *raw);

/* rpi_date_parts through the writer: the "accessed" of a web page. */
static void test_accessed(void) {
  static const struct {
    const char *date, *want;
  } cases[] = {
      {"2024-03-05", "{\"date-parts\":[[2024,3,5]]}"},
      {"5 March 2024", "{\"date-parts\":[[2024,3,5]]}"},
      {"Mar. 5, 2024", "{\"date-parts\":[[2024,3,5]]}"},
      {"11 Sept. 2020", "{\"date-parts\":[[2020,9,11]]}"},
      {"2 février 2023", "{\"date-parts\":[[2023,2,2]]}"},
      {"14 mars 2023", "{\"date-parts\":[[2023,3,14]]}"},
      {"3 ago. 2022", "{\"date-parts\":[[2022,8,3]]}"},
      {"3. Juni 2021", "{\"date-parts\":[[2021,6,3]]}"},
      {"printemps 2023", "{\"raw\":\"printemps 2023\"}"},
      {"31 February 2024", "{\"raw\":\"31 February 2024\"}"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char raw[256];
    snprintf(raw, sizeof raw,
             "World Health Organization. Fact sheet. 2020. Available from: "
             "https://www.who.int/a (accessed %s).", cases[i].date);
    rp_result *r = parse(raw);
    char *s = NULL;
    rp_write_csljson(r, NULL, 0, RP_WRITE_NO_CUSTOM, &s, NULL);
    const char *a = s ? strstr(s, "\"accessed\":") : NULL;
    size_t wl = strlen(cases[i].want);
    OK(a && !strncmp(a + 11, cases[i].want, wl),
       "csl-json accessed \"%s\" -> %s (got %s)", cases[i].date, cases[i].want, s ? s : "NULL");
    rp_free(s);
    rp_result_free(r);
  }
  char *s = csl("World Health Organization. Fact sheet [Internet]. 2020 [cited 2024 Mar 5]. "
                "Available from: https://www.who.int/a");
  OK(s && strstr(s, "\"accessed\":{\"date-parts\":[[2024,3,5]]}"),
     "csl-json accessed \"cited 2024 Mar 5\" as date-parts (got %s)", s ? s : "NULL");
  rp_free(s);
  s = csl("Institut national de la statistique. Estimations de population [Internet]. 2023 "
          "[consult\xC3\xA9 le 14 mars 2023]. Available from: https://www.insee.fr/a");
  OK(s && strstr(s, "\"accessed\":{\"date-parts\":[[2023,3,14]]}"),
     "csl-json accessed \"consult\xC3\xA9 le 14 mars 2023\" as date-parts (got %s)", s ? s : "NULL");
  rp_free(s);
}

/* The date of publication with its month, day, range or season, as each
 * format writes it. */
static void test_issued(void) {
  static const struct {
    const char *raw, *csl, *bib, *ris, *nlm;
  } cases[] = {
      {"Murry CE, Soonpaa MH. Stem cells. Nature. 2004 Mar 5;428(6983):664-8.",
       "{\"date-parts\":[[2004,3,5]]}", "  month = mar,\n  date = {2004-03-05},\n",
       "PY  - 2004/03/05/\nDA  - 2004/03/05/\n", " 2004 Mar 5;428(6983)"},
      {"Murry CE, Soonpaa MH. Stem cells. Nature. 2004 Mar;428(6983):664-8.",
       "{\"date-parts\":[[2004,3]]}", "  month = mar,\n  date = {2004-03},\n",
       "PY  - 2004/03//\nDA  - 2004/03//\n", " 2004 Mar;428"},
      {"Murry CE, Soonpaa MH. Stem cells. Nature. 2004 Jan-Feb;428(6983):664-8.",
       "{\"date-parts\":[[2004,1],[2004,2]]}", "  month = jan,\n  date = {2004-01/2004-02},\n",
       "PY  - 2004/01//\nDA  - 2004/01//Jan-Feb\n", " 2004 Jan-Feb;428"},
      {"Murry CE. Stem cells. Proc Soc. 2017 May 16-19;3:1-8.",
       "{\"date-parts\":[[2017,5,16],[2017,5,19]]}", "  date = {2017-05-16/2017-05-19},\n",
       "PY  - 2017/05/16/\n", " 2017 May 16-19;3:1-8."},
      {"Smith, J. (2004, March 5). Stem cells in the news. The Guardian, p. 12.",
       "{\"date-parts\":[[2004,3,5]]}", "  month = mar,\n", "DA  - 2004/03/05/\n", " 2004 Mar 5"},
      {"Smith, J. (Spring 2004). Stem cells. Journal of Things, 12(3), 45-67.",
       "{\"date-parts\":[[2004]],\"season\":1}", "  date = {2004-21},\n",
       "PY  - 2004\nDA  - 2004///Spring\n", " 2004 Spring;12(3):45-67."},
      {"Okafor D. Palm oil and credit. Int J Afr Hist Stud 47, no. 3 (Fall 2014): 389-412.",
       "{\"date-parts\":[[2014]],\"season\":3}", "  date = {2014-23},\n", "DA  - 2014///Autumn\n", " 2014 Autumn;47(3)"},
      {"Smith, J. \"Stem cells.\" Journal of Things 12, no. 3 (March 2004): 45-67.",
       "{\"date-parts\":[[2004,3]]}", "  month = mar,\n", "PY  - 2004/03//\n", " 2004 Mar;12(3)"},
      {"Hsu, Melissa. \"Reading the Ming Maps.\" Cartography Blog, May 12, 2019. https://example.org/a",
       "{\"date-parts\":[[2019,5,12]]}", "  date = {2019-05-12},\n", "PY  - 2019/05/12/\n", NULL},
      {"Gil, Ana. La memoria. Revista de Occidente, 5 de mayo de 2007, 41-58.",
       "{\"date-parts\":[[2007,5,5]]}", "  month = may,\n", "PY  - 2007/05/05/\n", NULL},
      {"Cohen, E. Pourquoi voter. Esprit, n\xC2\xB0 7-8, juillet-ao\xC3\xBBt 2017, p. 88-97.",
       "{\"date-parts\":[[2017,7],[2017,8]]}", "  month = jul,\n", "DA  - 2017/07//Jul-Aug\n", NULL},
      {"M\xC3\xBCller J. Stammzellen. Dtsch Med Wochenschr. 2004 M\xC3\xA4rz;12(3):45-67.",
       "{\"date-parts\":[[2004,3]]}", "  month = mar,\n", "PY  - 2004/03//\n", " 2004 Mar;12(3)"},
      {"Smith J. Stem cells [Internet]. Geneva: WHO; 2004-03-05 [cited 2024 Mar 5]. Available from: https://example.org/x",
       "{\"date-parts\":[[2004,3,5]]}", "  date = {2004-03-05},\n", "PY  - 2004/03/05/\n",
       "Geneva: WHO; 2004 Mar 5 [cited 2024 Mar 5]."},
      /* no month: the year alone, in every format as before */
      {"Murry CE, Soonpaa MH. Stem cells. Nature. 2004;428(6983):664-8.", "{\"date-parts\":[[2004]]}",
       "  year = {2004},\n  volume", "PY  - 2004\nVL", " 2004;428(6983)"},
      /* a name or a title word is no month or season, a volume no day */
      {"Smith J, May R (2004) Stem cells and growth. Nature 428:664-668.", "{\"date-parts\":[[2004]]}",
       "  year = {2004},\n", "PY  - 2004\n", NULL},
      {"Smith, J., and May, R. 2004. Stem cells and growth. Nature 428:664-668.", "{\"date-parts\":[[2004]]}",
       "  year = {2004},\n", "PY  - 2004\n", NULL},
      {"Smith J (2004) May the force be with you. Nature 428:664-668.", "{\"date-parts\":[[2004]]}",
       "  year = {2004},\n", "PY  - 2004\n", NULL},
      {"Smith J. The Fall 2004 election. Polit Q.", "{\"date-parts\":[[2004]]}", "  year = {2004},\n",
       "PY  - 2004\n", NULL},
      {"Smith J, Winter P. 2004. Stem cells. Nature 428:664-668.", "{\"date-parts\":[[2004]]}",
       "  year = {2004},\n", "PY  - 2004\n", NULL},
      {"Smith J. Stem cells. Nature. 2004 Feb 30;428:664-8.", "{\"date-parts\":[[2004]]}",
       "  year = {2004},\n  volume", "PY  - 2004\nVL", " 2004;428:664-668."},
      /* a multi-volume work's range of years: its first year is the year */
      {"Bloch, Marc, La Soci\xc3\xa9t\xc3\xa9 f\xc3\xa9odale, Paris, Albin Michel, 1939-1940.",
       "{\"date-parts\":[[1939],[1940]]}", "  year = {1939},\n  date = {1939/1940},\n", "PY  - 1939\n",
       "Paris: Albin Michel; 1939-1940."},
      {"Meinecke, F. (1907\xe2\x80\x93" "1908). Weltb\xc3\xbcrgertum und Nationalstaat. M\xc3\xbcnchen: Oldenbourg.",
       "{\"date-parts\":[[1907],[1908]]}", "  date = {1907/1908},\n", "PY  - 1907\n", "; 1907-1908."},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    rp_result *r = parse(cases[i].raw);
    char *c = NULL, *b = NULL, *s = NULL, *v = NULL;
    rp_write_csljson(r, NULL, 0, RP_WRITE_NO_CUSTOM, &c, NULL);
    rp_write_bibtex(r, "k", 1, 0, &b, NULL);
    rp_write_ris(r, NULL, 0, 0, &s, NULL);
    rp_write_vancouver(r, 0, &v, NULL);
    const char *is = c ? strstr(c, "\"issued\":") : NULL;
    OK(is && strstr(is, cases[i].csl) == is + 9, "issued %zu: csl-json %s (got %s)", i, cases[i].csl, c ? c : "NULL");
    OK(b && strstr(b, cases[i].bib), "issued %zu: bibtex has %s (got %s)", i, cases[i].bib, b ? b : "NULL");
    OK(s && strstr(s, cases[i].ris), "issued %zu: ris has %s (got %s)", i, cases[i].ris, s ? s : "NULL");
    if (cases[i].nlm)
      OK(v && strstr(v, cases[i].nlm), "issued %zu: vancouver has \"%s\" (got %s)", i, cases[i].nlm, v ? v : "NULL");
    rp_free(c);
    rp_free(b);
    rp_free(s);
    rp_free(v);
    rp_result_free(r);
  }
}

/* The CSL-JSON item of raw without "custom" (malloc'd by the library). */
static char *csl(const char *raw) {
  rp_result *r = parse(raw);
  char *s = NULL;
  if (rp_write_csljson(r, "x", 1, RP_WRITE_NO_CUSTOM, &s, NULL) != RP_OK)
    s = NULL;
  rp_result_free(r);
  return s;
}

/* CSL fields the writer derives from what was parsed. */
static void test_csl_fields(void) {
  char *s = csl("van der Meer JH, von Neumann J, de la Cruz M, Le Roux P. Tidal flows. Eur Heart J. "
                "2019;40(10):812-21.");
  STR_EQ(s,
         "{\"id\":\"x\",\"type\":\"article-journal\",\"author\":["
         "{\"family\":\"Meer\",\"given\":\"J. H.\",\"non-dropping-particle\":\"van der\"},"
         "{\"family\":\"Neumann\",\"given\":\"J.\",\"dropping-particle\":\"von\"},"
         "{\"family\":\"Cruz\",\"given\":\"M.\",\"non-dropping-particle\":\"de la\"},"
         "{\"family\":\"Le Roux\",\"given\":\"P.\"}],\"title\":\"Tidal flows\","
         "\"container-title\":\"Eur Heart J\",\"issued\":{\"date-parts\":[[2019]]},"
         "\"volume\":\"40\",\"issue\":\"10\",\"page\":\"812-821\"}",
         "csl-json: lower-case particles split off family (dropping for von), capitalised ones "
         "kept");
  rp_free(s);
  /* the et al. marker flags: how the author list of MURRY ends */
  static const struct {
    unsigned flags;
    const char *end, *what;
  } marks[] = {
      {RP_WRITE_ET_AL_OTHERS, "\"given\":\"H.\"},{\"literal\":\"others\"}],", "RP_WRITE_ET_AL_OTHERS: {literal: others}"},
      {0, "\"given\":\"H.\"}],", "no flag: no marker"},
      {RP_WRITE_ET_AL, "\"given\":\"H.\"},{\"literal\":\"et al.\"}],", "RP_WRITE_ET_AL: {literal: et al.}"},
      {RP_WRITE_ET_AL | RP_WRITE_ET_AL_OTHERS, "\"given\":\"H.\"},{\"literal\":\"et al.\"}],",
       "RP_WRITE_ET_AL over RP_WRITE_ET_AL_OTHERS"},
  };
  rp_result *r = parse(MURRY);
  for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
    s = NULL;
    rp_write_csljson(r, "m", 1, RP_WRITE_NO_CUSTOM | marks[i].flags, &s, NULL);
    OK(s && strstr(s, marks[i].end), "%s (got %s)", marks[i].what, s ? s : "NULL");
    rp_free(s);
  }
  rp_result_free(r);
  s = csl("Vaswani A, Shazeer N. Attention is all you need. arXiv. 2017. arXiv:1706.03762.");
  STR_EQ(s,
         "{\"id\":\"x\",\"type\":\"article\",\"author\":[{\"family\":\"Vaswani\",\"given\":"
         "\"A.\"},{\"family\":\"Shazeer\",\"given\":\"N.\"}],\"title\":\"Attention is all you "
         "need\",\"issued\":{\"date-parts\":[[2017]]},\"number\":\"1706.03762\",\"archive\":"
         "\"arXiv\",\"URL\":\"https://arxiv.org/abs/1706.03762\"}",
         "csl-json: a preprint's arXiv id as number with archive arXiv, and as the URL");
  rp_free(s);
  s = csl("Tönnies, F. (2005 [1887]). Gemeinschaft und Gesellschaft. Darmstadt: WBG.");
  OK(s && strstr(s, ",\"issued\":{\"date-parts\":[[2005]]},\"original-date\":{\"date-parts\":[[1887]]}"),
     "csl-json: a reprint's bracketed year as original-date (got %s)", s ? s : "NULL");
  rp_free(s);
  s = csl("Smith J. Late fees. Library Journal. 2019. Available from: "
          "www.libraryjournal.com/story/late-fees");
  OK(s && strstr(s, ",\"URL\":\"https://www.libraryjournal.com/story/late-fees\""),
     "csl-json: https:// before a URL without a scheme (got %s)", s ? s : "NULL");
  rp_free(s);
  s = csl("Nguyen, H. T. (2019). Mekong Delta livelihoods. In: Tran, V. L. (ed) Climate Change Adaptation. "
          "Climate Change Management. Springer, Cham, pp 233-251.");
  OK(s && strstr(s, ",\"collection-title\":\"Climate Change Management\",\"publisher\":\"Springer\","),
     "csl-json: a series between the book and 'Springer, Cham' (got %s)", s ? s : "NULL");
  rp_free(s);
  s = csl("Camus, Albert. L'Etranger. Paris : Gallimard, coll. Folio, n\xC2\xB0 2, 1972.");
  OK(s && strstr(s, "\"collection-title\":\"Folio\",\"collection-number\":\"2\",\"publisher\":\"Gallimard\","),
     "csl-json: a series' number after its name as collection-number (got %s)", s ? s : "NULL");
  rp_free(s);
  {
    const char *folio[] = {"Camus, Albert. L'Etranger. Paris : Gallimard, coll. Folio, n\xC2\xB0 2, 1972."};
    char *b = write_all(RP_FORMAT_BIBTEX, folio, 1), *t = write_all(RP_FORMAT_TSV, folio, 1),
         *ri = write_all(RP_FORMAT_RIS, folio, 1);
    OK(b && strstr(b, "series = {Folio},") && strstr(b, "number = {2},"),
       "bibtex: the collection number as number after series (got %s)", b ? b : "NULL");
    OK(t && strlen(t) > 4 && !strcmp(t + strlen(t) - 4, "\t2\t\n"),
       "tsv: the collection number in the last column but one (got %s)", t ? t : "NULL");
    OK(ri && strstr(ri, "\nT3  - Folio\n") && strstr(ri, "\nIS  - 2\n"),
       "ris: the collection number as IS with T3 (got %s)", ri ? ri : "NULL");
    free(b);
    free(t);
    free(ri);
  }
  {
    /* the number of volumes of a multi-volume work, in every format */
    const char *braudel[] = {"Braudel, Fernand, Civilisation mat\xc3\xa9rielle, Paris, Armand Colin, 1979, 3 vol."};
    char *c = write_all(RP_FORMAT_CSL_JSON, braudel, 1), *b = write_all(RP_FORMAT_BIBTEX, braudel, 1),
         *t = write_all(RP_FORMAT_TSV, braudel, 1), *ri = write_all(RP_FORMAT_RIS, braudel, 1);
    OK(c && strstr(c, "\"title\":\"Civilisation mat\xc3\xa9rielle\"") && strstr(c, "\"number-of-volumes\":\"3\""),
       "csl-json: \", 3 vol.\" closing a book is number-of-volumes, not title text (got %s)", c ? c : "NULL");
    OK(b && strstr(b, "\n  volumes = {3},\n"), "bibtex: number-of-volumes as volumes (got %s)", b ? b : "NULL");
    OK(t && strlen(t) > 3 && !strcmp(t + strlen(t) - 3, "\t3\n"), "tsv: number-of-volumes in the last column (got %s)",
       t ? t : "NULL");
    OK(ri && strstr(ri, "\nNV  - 3\n"), "ris: number-of-volumes as NV (got %s)", ri ? ri : "NULL");
    rp_result *br = parse(braudel[0]);
    char *v = NULL;
    OK(br && rp_write_vancouver(br, 0, &v, NULL) == RP_OK && v && strstr(v, "Paris: Armand Colin; 1979. 3 vol."),
       "vancouver: \"1979. 3 vol.\" after the date, as Citing Medicine writes it (got %s)", v ? v : "NULL");
    STR_EQ(br ? rp_result_field(br, RP_FIELD_NUMBER_OF_VOLUMES, NULL) : NULL, "3", "api: RP_FIELD_NUMBER_OF_VOLUMES");
    /* a volume's own title after its number and a colon, after a stop */
    rp_result *vt = parse("Esser H. Soziologie. Spezielle Grundlagen. Band 1: Situationslogik und Handeln. "
                          "Frankfurt/M.: Campus; 1999.");
    char *vv = NULL;
    STR_EQ(vt ? rp_result_field(vt, RP_FIELD_VOLUME_TITLE, NULL) : NULL, "Situationslogik und Handeln",
           "api: RP_FIELD_VOLUME_TITLE");
    STR_EQ(vt ? rp_result_field(vt, RP_FIELD_TITLE, NULL) : NULL, "Soziologie. Spezielle Grundlagen",
           "volume-title: the title keeps its subtitle, not the volume's title");
    OK(vt && rp_write_vancouver(vt, 0, &vv, NULL) == RP_OK && vv && strstr(vv, " Vol. 1: Situationslogik und Handeln. "),
       "vancouver: \"Vol. 1: Title.\" (got %s)", vv ? vv : "NULL");
    rp_free(vv);
    rp_result_free(vt);
    rp_free(v);
    rp_result_free(br);
    free(c);
    free(b);
    free(t);
    free(ri);
  }
  s = csl("[3] C. Dubois and A. Girard, \"Formal verification of interlocking,\" in Formal Methods for Critical "
          "Systems, ser. Lecture Notes in Computer Science, vol. 11119. Cham, Switzerland: Springer, 2018, pp. 87-102.");
  OK(s && strstr(s, "\"container-title\":\"Formal Methods for Critical Systems\",\"collection-title\":\"Lecture Notes "
                    "in Computer Science\",\"publisher\":\"Springer\","),
     "csl-json: IEEE 'ser.' series and the imprint between volume and pages (got %s)", s ? s : "NULL");
  rp_free(s);
  s = csl("Okafor, B. (2019). Water tariffs in secondary cities (Policy Research Working Paper No. 8821). World Bank.");
  OK(s && strstr(s, "\"type\":\"report\",") &&
         strstr(s, ",\"publisher\":\"World Bank\",\"genre\":\"Policy Research Working Paper\",") &&
         strstr(s, ",\"number\":\"8821\"") && !strstr(s, "\"issue\""),
     "csl-json: APA report number, genre and publisher (got %s)", s ? s : "NULL");
  rp_free(s);
  s = csl("Statistics Canada. (2021). Labour force survey (Catalogue no. 71-543-G). Ottawa.");
  OK(s && strstr(s, "\"type\":\"report\",") && strstr(s, "\"number\":\"71-543-G\"") && !strstr(s, "\"issue\""),
     "csl-json: a catalogue number read whole (got %s)", s ? s : "NULL");
  rp_free(s);
  s = csl("Smith J. Late fees. 2019. ftp://ftp.example.org/a.txt");
  OK(s && strstr(s, ",\"URL\":\"ftp://ftp.example.org/a.txt\""),
     "csl-json: a URL with a scheme is kept (got %s)", s ? s : "NULL");
  rp_free(s);
}

/* --render vancouver: one exact NLM (Citing Medicine) string per type. */
static void test_vancouver(void) {
  static const struct {
    const char *raw, *want, *what;
  } cases[] = {
      {"Okoro CU. Tropical Infectious Diseases: A Clinical Handbook. 3rd ed. Ibadan: University Press PLC; 2012.",
       "Okoro CU. Tropical Infectious Diseases: A Clinical Handbook. 3rd ed. Ibadan: University Press PLC; 2012.",
       "book"},
      {"Soares, Helena. Poesia Completa, vol. 3. Rio de Janeiro: Nova Fronteira, 1988.",
       "Soares H. Poesia Completa. Vol. 3. Rio de Janeiro: Nova Fronteira; 1988.", "book with a volume"},
      {"Kowalski, J., Nowak, P., Signal Processing for Radar Systems, pp. 210-245, Artech House, Boston 2004.",
       "Kowalski J, Nowak P. Signal Processing for Radar Systems. Boston: Artech House; 2004. p. 210-245.",
       "book with pages"},
      {"Ramírez J. El Senado en el Estado autonómico. Revista de Estudios Políticos. 2009 Jul-Sep;(145):75-103.",
       "Ramírez J. El Senado en el Estado autonómico. Revista de Estudios Políticos. 2009 Jul-Sep;(145):75-103.",
       "issue without a volume"},
      {"Kim, Min-jun, & Lee, Ji-eun (2019). Parental academic pressure and adolescent sleep in Seoul. Journal of Adolescence, 75, 120\xE2\x80\x93" "129.",
       "Kim M-J, Lee J-E. Parental academic pressure and adolescent sleep in Seoul. Journal of Adolescence. 2019;75:120-129.",
       "hyphenated given names as capital initials"},
      {"Chandra, S., & Mehta, P. (2014). Vibrational relaxation in dense water clusters. J. Chem. Phys., 141, 104301.",
       "Chandra S, Mehta P. Vibrational relaxation in dense water clusters. J Chem Phys. 2014;141:104301.",
       "a journal abbreviation without its periods"},
      {"Sewall, William H., Jr. 1994. \xE2\x80\x9C" "Guilds and Labor in Lyon.\xE2\x80\x9D" " American Journal of Sociology 99 (1): 1\xE2\x80\x93" "29.",
       "Sewall WH Jr. Guilds and Labor in Lyon. American Journal of Sociology. 1994;99(1):1-29.",
       "a suffix closing the names: one period"},
      {"Fischer T, Wolff R. Kosten und Nutzen der Elektromobilität im ländlichen Raum. Forschungsbericht. 2021. No. 112.",
       "Fischer T, Wolff R. Kosten und Nutzen der Elektromobilität im ländlichen Raum. Forschungsbericht. 2021. No. 112.",
       "a number alone"},
      {"Harrington, P. (2015) \xE2\x80\x98" "Fisheries governance in the North Atlantic\xE2\x80\x99" ", in Moore, J. and Duarte, L. (eds) Marine Policy in Transition. Cambridge: Cambridge University Press, pp. 87\xE2\x80\x93" "112.",
       "Harrington P. Fisheries governance in the North Atlantic. In: Moore J, Duarte L, editors. Marine Policy in Transition. Cambridge: Cambridge University Press; 2015. p. 87-112.",
       "chapter"},
      {"Lindgren, Sofia, and Arun Prakash. 2019. \xE2\x80\x9C" "Cross-Lingual Word Embeddings for Low-Resource Dialects.\xE2\x80\x9D" " In Proceedings of the 2019 Conference on Empirical Methods in Natural Language Processing, 3314\xE2\x80\x93" "3325. Hong Kong: Association for Computational Linguistics.",
       "Lindgren S, Prakash A. Cross-Lingual Word Embeddings for Low-Resource Dialects. In: Proceedings of the 2019 Conference on Empirical Methods in Natural Language Processing. Hong Kong: Association for Computational Linguistics; 2019. p. 3314-3325.",
       "conference paper"},
      {"Nakamura, Yui (2020). Second language anxiety among Japanese university students (Master's thesis). University of Auckland, Auckland, New Zealand. https://researchspace.auckland.ac.nz/handle/2292/51234",
       "Nakamura Y. Second language anxiety among Japanese university students [master's thesis]. Auckland, New Zealand: University of Auckland; 2020. Available from: https://researchspace.auckland.ac.nz/handle/2292/51234",
       "thesis"},
      {"Nakamura, Hiroshi, and Elena Ruiz. 2021. \xE2\x80\x9C" "Minimum Wages and Informal Employment: Evidence from Mexico.\xE2\x80\x9D" " NBER Working Paper 28765. Cambridge, MA: National Bureau of Economic Research.",
       "Nakamura H, Ruiz E. Minimum Wages and Informal Employment: Evidence from Mexico. Cambridge, MA: National Bureau of Economic Research; 2021. (NBER Working Paper; no. 28765).",
       "report"},
      {"World Health Organization. Drinking-water [Internet]. Geneva: WHO; 2023 Sep 13 [cited 2024 Jan 8]. Available from: https://www.who.int/news-room/fact-sheets/detail/drinking-water",
       "World Health Organization. Drinking-water [Internet]. Geneva: WHO; 2023 Sep 13 [cited 2024 Jan 8]. Available from: https://www.who.int/news-room/fact-sheets/detail/drinking-water",
       "web page"},
      {"Murry, C. E., & Soonpaa, M. H. (2004). Stochastic gradient methods for sparse cardiac imaging. arXiv:cs/0406012.",
       "Murry CE, Soonpaa MH. Stochastic gradient methods for sparse cardiac imaging [Preprint]. arXiv; 2004. Available from: https://arxiv.org/abs/cs/0406012",
       "preprint"},
      {"Virtanen, P., Okafor, D., & Hsu, L. (2023). spectrakit (Version 2.1.0) [Computer software]. Zenodo. https://doi.org/10.5281/zenodo.7712345",
       "Virtanen P, Okafor D, Hsu L. spectrakit [computer program]. Version 2.1.0. [place unknown]: Zenodo; 2023. doi:10.5281/zenodo.7712345",
       "software"},
      {"Moreno-Castillo, A., & Tembo, N. (2021). Maize yield trials in Zambia, 2012\xE2\x80\x93" "2020 [Data set]. Dryad. https://doi.org/10.5061/dryad.z612jm6b2",
       "Moreno-Castillo A, Tembo N. Maize yield trials in Zambia, 2012-2020 [dataset]. [place unknown]: Dryad; 2021. doi:10.5061/dryad.z612jm6b2",
       "dataset"},
      {"Nakamura, Keiko. 2009. \xE2\x80\x9C" "Rice, Land Reform, and Rural Politics in Postwar Japan.\xE2\x80\x9D" " Journal of Asian Studies 68, no. 1: 117\xE2\x80\x93" "42.",
       "Nakamura K. Rice, Land Reform, and Rural Politics in Postwar Japan. Journal of Asian Studies. 2009;68(1):117-142.",
       "a title with commas after one name"},
      {"Tanaka, Yuki. \xE2\x80\x9C" "Manga, Memory, and the Atomic Bomb.\xE2\x80\x9D" " Comics and Trauma, edited by Harriet Earle, 2018, pp. 131\xE2\x80\x93" "52.",
       "Tanaka Y. Manga, Memory, and the Atomic Bomb. In: Earle H, editor. Comics and Trauma. 2018. p. 131-152.",
       "a chapter title with commas after one name"},
      {"Kaur, P., Singh, H. and Dhillon, G. S. (2021) Punjab groundwater levels 1998\xE2\x80\x93" "2018. Mendeley Data, V2. doi: 10.17632/xk8b7tr4nm.2.",
       "Kaur P, Singh H, Dhillon GS. Punjab groundwater levels 1998-2018 [dataset]. Version 2. [place unknown]: Mendeley Data; 2021. doi:10.17632/xk8b7tr4nm.2",
       "dataset in a repository, with a version"},
      {"Holmberg, Sara (2010). L\xC3\xA4rares arbete med bed\xC3\xB6mning. Doktorsavhandling, Uppsala universitet.",
       "Holmberg S. L\xC3\xA4rares arbete med bed\xC3\xB6mning [dissertation]. [place unknown]: Uppsala universitet; 2010.",
       "Swedish doctoral thesis, its place unknown"},
      {"Souza J\xC3\xBAnior, P. R. B.; Szwarcwald, C. L. Inqu\xC3\xA9ritos nacionais de sa\xC3\xBA" "de no Brasil. Revista Brasileira de Epidemiologia, v. 20, n. 4, p. 567-579, 2017.",
       "Souza J\xC3\xBAnior PRB, Szwarcwald CL. Inqu\xC3\xA9ritos nacionais de sa\xC3\xBA" "de no Brasil. Revista Brasileira de Epidemiologia. 2017;20(4):567-579.",
       "a Portuguese generational name before the initials"},
      {"Brown Jr, P. R., & Smith, J. (2010). Soil carbon under grazing. Journal of Range Studies, 12(3), 45-67.",
       "Brown PR Jr, Smith J. Soil carbon under grazing. Journal of Range Studies. 2010;12(3):45-67.",
       "an inverted name with its suffix before the comma"},
      {"Nguyen, H. T. (2019). Mekong Delta livelihoods under salinity intrusion. In: Tran, V. L., Hoang, M. (eds) Climate Change Adaptation in Southeast Asia. Climate Change Management. Springer, Cham, pp 233\xE2\x80\x93" "251.",
       "Nguyen HT. Mekong Delta livelihoods under salinity intrusion. In: Tran VL, Hoang M, editors. Climate Change Adaptation in Southeast Asia. Cham: Springer; 2019. p. 233-251.",
       "a chapter in a series, Springer's form (the series is not written)"},
      {"20. Sophie Laurent, \xE2\x80\x9C" "Les comptes d'une abbaye cistercienne,\xE2\x80\x9D" " Annales. Histoire, Sciences Sociales 71, no. 4 (2016): 905\xE2\x80\x93" "37.",
       "Laurent S. Les comptes d'une abbaye cistercienne. Annales Histoire, Sciences Sociales. 2016;71(4):905-937.",
       "a journal with a comma in its name"},
      {"[14] ATLAS Collaboration, K. Ostrander et al., Phys. Lett. B 731 (2014) 173.",
       "ATLAS Collaboration, Ostrander K, et al. Phys Lett B. 2014;731:173.",
       "names after a collaboration"},
      {"7. Tadeusz Nowicki, The Grain Road, trans. Anna Zaremba (Ithaca, NY: Cornell University Press, 2011), 58\xE2\x80\x93" "61.",
       "Nowicki T. The Grain Road. Ithaca, NY: Cornell University Press; 2011. p. 58-61.",
       "a Chicago note for a book with its pages, the place with its state"},
      {"Okafor, C., & Brandt, L. (2013). Seasonal malaria chemoprevention in the Sahel. Malaria Journal, in press.",
       "Okafor C, Brandt L. Seasonal malaria chemoprevention in the Sahel. Malaria Journal. In press 2013.",
       "an article not yet published: the status before the year"},
      {"M. Oyelaran and T. Lindqvist, Phys. Rev. D, submitted.", "Oyelaran M, Lindqvist T. Phys Rev D. Submitted.",
       "a title-less article with its status only"},
      {"D. Kaiser and M. Vogt, Black hole shadows in modified gravity, Class. Quantum Grav. 31, 145002 (2014), arXiv:1402.1781.",
       "Kaiser D, Vogt M. Black hole shadows in modified gravity. Class Quantum Grav. 2014;31:145002. Available from: https://arxiv.org/abs/1402.1781",
       "a published article cited with its preprint"},
      {"M. Castillo and D. Whitman. 2019. Benchmarking graph databases for provenance. In Proc. VLDB Endow. 12, 11, 1502\xE2\x80\x93" "1515.",
       "Castillo M, Whitman D. Benchmarking graph databases for provenance. In: Proc. VLDB Endow. 2019. Vol. 12, No. 11, p. 1502-1515.",
       "a paper in numbered proceedings"},
      {"Griswold v. Connecticut, 381 U.S. 479, 485-86 (1965).", "Griswold v. Connecticut, 381 U.S. 479 (1965).",
       "a legal case: the pinpoint is not the case's"},
      {"Smith v. Jones, 123 F.3d 456 (9th Cir. 1997).", "Smith v. Jones, 123 F.3d 456 (9th Cir. 1997).",
       "a legal case with its court"},
      {"Pub. L. No. 111-148, 124 Stat. 119 (2010).", "Pub. L. No. 111-148, 124 Stat. 119 (2010).",
       "a public law"},
      {"Human Rights Act 1998, s 3.", "Human Rights Act 1998, \xC2\xA7 3.", "an Act's section"},
      {"Caparo Industries plc v Dickman [1990] 2 AC 605 (HL).", "Caparo Industries plc v Dickman [1990] 2 AC 605 (HL).",
       "a UK case in the form it is printed in"},
      {"Case C-6/64 Costa v ENEL [1964] ECR 585.", "Case C-6/64 Costa v ENEL [1964] ECR 585.",
       "an EU case with its number"},
      {"Rees v Darlington Memorial Hospital NHS Trust [2003] UKHL 52, [2004] 1 AC 309.",
       "Rees v Darlington Memorial Hospital NHS Trust [2003] UKHL 52, 1 AC 309.",
       "a neutral citation and its law report, whose year is not kept"},
      {"R v Jordan, 2016 SCC 27.", "R v Jordan [2016] SCC 27.", "a Canadian neutral citation"},
      {"Native Title Act 1993 (Cth) s 223.", "Native Title Act 1993 (Cth), \xC2\xA7 223.",
       "an Act with its jurisdiction"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    rp_result *r = parse(cases[i].raw);
    char *s = NULL;
    OK(rp_write_vancouver(r, 0, &s, NULL) == RP_OK, "vancouver %s: RP_OK", cases[i].what);
    STR_EQ(s, cases[i].want, "vancouver %s: NLM form", cases[i].what);
    /* a journal article, book or chapter (and a thesis, dataset) reads
     * back to itself; reports and preprints do not yet ("NBER Working
     * Paper 28765. Cambridge, MA: ...; 2021." loses its imprint) */
    rp_type ty = rp_result_type(r);
    if (ty == RP_TYPE_REPORT || ty == RP_TYPE_ARTICLE) {
      rp_free(s);
      rp_result_free(r);
      continue;
    }
    rp_result *again = parse(cases[i].want);
    char *s2 = NULL;
    OK(rp_write_vancouver(again, 0, &s2, NULL) == RP_OK, "vancouver %s again: RP_OK", cases[i].what);
    STR_EQ(s2, cases[i].want, "vancouver %s: the NLM string reads back to itself", cases[i].what);
    rp_free(s2);
    rp_result_free(again);
    rp_free(s);
    rp_result_free(r);
  }
}

/* rp_parse_many on the corpus raw strings: same CSL-JSON as rp_parse, in
 * order, with 1 and 4 threads. */
static void test_many(int argc, char **argv) {
  char *texts[600];
  size_t lens[600], n = 0;
  for (int f = 1; f < argc; f++) {
    json_error_t err;
    FILE *fp = fopen(argv[f], "r");
    char line[65536];
    while (fp && n < 600 && fgets(line, sizeof line, fp)) {
      json_t *o = json_loads(line, 0, &err);
      const char *raw = json_string_value(json_object_get(o, "raw"));
      if (raw) {
        texts[n] = strdup(raw);
        lens[n++] = strlen(raw);
      }
      json_decref(o);
    }
    if (fp)
      fclose(fp);
  }
  OK(n >= 100, "rp_parse_many: %zu corpus references read", n);
  rp_result **res = calloc(n + 1, sizeof *res);
  rp_status *st = calloc(n + 1, sizeof *st);
  for (unsigned threads = 1; threads <= 4; threads += 3) {
    INT_EQ(rp_parse_many(parser, (const char *const *)texts, lens, n, threads, 0, res, st), RP_OK,
           "rp_parse_many with %u threads: RP_OK", threads);
    size_t same = 0;
    for (size_t i = 0; i < n; i++) {
      rp_result *one = NULL;
      char *a = NULL, *b = NULL;
      rp_parse(parser, texts[i], lens[i], &one);
      if (st[i] == RP_OK && rp_write_csljson(res[i], NULL, 0, 0, &a, NULL) == RP_OK &&
          rp_write_csljson(one, NULL, 0, 0, &b, NULL) == RP_OK && !strcmp(a, b))
        same++;
      rp_free(a);
      rp_free(b);
      rp_result_free(one);
      rp_result_free(res[i]);
      res[i] = NULL;
    }
    INT_EQ((long long)same, (long long)n, "rp_parse_many with %u threads: all as rp_parse", threads);
  }
  INT_EQ(rp_parse_many(parser, (const char *const *)texts, lens, 1, 2, RP_MANY_NORMALIZE, res,
                       NULL),
         RP_OK, "rp_parse_many normalize, statuses NULL: RP_OK");
  OK(res[0] && rp_result_text(res[0])[0], "rp_parse_many normalize: text set");
  rp_result_free(res[0]);
  INT_EQ(rp_parse_many(parser, NULL, lens, 1, 1, 0, res, st), RP_ERR_ARG,
         "rp_parse_many: texts NULL is RP_ERR_ARG");
  INT_EQ(rp_parse_many(parser, NULL, NULL, 0, 8, 0, res, st), RP_OK,
         "rp_parse_many: n = 0 is RP_OK");
  INT_EQ(rp_parse_many(parser, (const char *const *)texts, lens, 1, 1, 1u << 5, res, st),
         RP_ERR_ARG, "rp_parse_many: unknown mode bit is RP_ERR_ARG");
  for (size_t i = 0; i < n; i++)
    free(texts[i]);
  free(res);
  free(st);
}

int main(int argc, char **argv) {
  plan_lazy();
  if (rp_parser_new(NULL, &parser) != RP_OK) {
    printf("Bail out! rp_parser_new failed\n");
    return 1;
  }
  test_formats();
  test_bibtex();
  test_ris();
  test_tsv();
  test_csljson_array();
  test_csl_fields();
  test_accessed();
  test_issued();
  test_vancouver();
  test_legal();
  test_many(argc, argv);
  rp_parser_free(parser);
  return done();
}
