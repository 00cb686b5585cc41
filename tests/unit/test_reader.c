/* The list reader (lib/reader.c): each layout, the hyphen rules, line ends,
 * headings, a number that is not a marker, streaming in small pieces and
 * hostile input. Every case reads the list from a buffer and from a read
 * callback handing out 1 and 7 bytes at a time, and expects exactly the
 * same references and line ranges from all three. TAP output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "reader.h"
#include "refparse.h"

/* A callback over a string, `step` bytes a call. */
typedef struct feed {
  const char *s;
  size_t n, pos, step, calls;
} feed;

static size_t feed_read(void *ctx, char *buf, size_t cap) {
  feed *f = ctx;
  size_t k = f->n - f->pos;
  if (k > f->step)
    k = f->step;
  if (k > cap)
    k = cap;
  memcpy(buf, f->s + f->pos, k);
  f->pos += k;
  f->calls++;
  return k;
}

/* The references of a list as "first-last|text\n" lines, and its layout. */
static char *render(rp_list *l, rp_layout *layout) {
  size_t cap = 1024, len = 0;
  char *out = malloc(cap);
  out[0] = '\0';
  *layout = rp_list_layout(l);
  for (;;) {
    const char *t;
    size_t n, first, last;
    if (rp_list_next(l, &t, &n) != RP_OK || !t)
      break;
    rp_list_lines(l, &first, &last);
    char head[64];
    int h = snprintf(head, sizeof head, "%zu-%zu|", first, last);
    while (len + (size_t)h + n + 2 > cap)
      out = realloc(out, cap *= 2);
    memcpy(out + len, head, (size_t)h);
    memcpy(out + len + h, t, n);
    len += (size_t)h + n;
    out[len++] = '\n';
    out[len] = '\0';
  }
  return out;
}

static void expect_as(const char *what, const char *in, rp_layout force, rp_layout layout,
                      const char *want) {
  rp_list *l = NULL;
  rp_layout got_layout;
  INT_EQ(rp_list_new(in, strlen(in), force, &l), RP_OK, "%s: rp_list_new", what);
  char *got = render(l, &got_layout);
  rp_list_free(l);
  STR_EQ(got, want, "%s: references", what);
  STR_EQ(rp_layout_name(got_layout), rp_layout_name(layout), "%s: layout", what);
  static const size_t steps[] = {1, 7};
  for (size_t s = 0; s < 2; s++) {
    feed f = {in, strlen(in), 0, steps[s], 0};
    l = NULL;
    INT_EQ(rp_list_new_reader(feed_read, &f, force, &l), RP_OK, "%s: new_reader", what);
    char *g2 = render(l, &got_layout);
    rp_list_free(l);
    STR_EQ(g2, got, "%s: the same read %zu byte(s) at a time", what, steps[s]);
    free(g2);
  }
  free(got);
}

static void expect(const char *what, const char *in, rp_layout layout, const char *want) {
  expect_as(what, in, RP_LAYOUT_AUTO, layout, want);
}

static void layouts(void) {
  expect("numbered [n], heading, wrapped, hyphenated",
         "References\n"
         "\n"
         "[1] Murry CE, Soonpaa MH. Regeneration of the heart by transfor-\n"
         "    mation of stem cells. Nature. 2004;428:664-668.\n"
         "[2] Balsam LB, Wagers AJ. Haematopoietic stem cells adopt mature\n"
         "haematopoietic fates. Nature. 2004;428:668-673.\n"
         "[3] Nygren JM. Bone marrow. Nat Med. 2004;10:494-501.\n",
         RP_LAYOUT_NUMBERED,
         "3-4|[1] Murry CE, Soonpaa MH. Regeneration of the heart by transformation of stem "
         "cells. Nature. 2004;428:664-668.\n"
         "5-6|[2] Balsam LB, Wagers AJ. Haematopoietic stem cells adopt mature haematopoietic "
         "fates. Nature. 2004;428:668-673.\n"
         "7-7|[3] Nygren JM. Bone marrow. Nat Med. 2004;10:494-501.\n");
  expect("numbered n.: '12.' and '4.' inside a reference are text",
         "3. Smith J. A title. J Biol Chem. 2001;\n"
         "12. 345-350.\n"
         "4. Doe A. Another title. Cell.\n"
         "4. Roe B. This '4.' repeats the number.\n"
         "5. Poe E. Third. Science. 1999;\n"
         "7. 1-2.\n",
         RP_LAYOUT_NUMBERED,
         "1-2|3. Smith J. A title. J Biol Chem. 2001; 12. 345-350.\n"
         "3-4|4. Doe A. Another title. Cell. 4. Roe B. This '4.' repeats the number.\n"
         "5-6|5. Poe E. Third. Science. 1999; 7. 1-2.\n");
  expect("numbered n): continuation lines under the text, restarts at 1 after a heading and "
         "after a blank line in another style",
         "1) Smith J. A long title that goes\n"
         "   on. Nature. 2001.\n"
         "2) Doe A. Short. Cell. 2002.\n"
         "Bibliography\n"
         "1) Roe B. Other list. Gene. 2003.\n"
         "2) Poe E. Last\n"
         "   one. Gene. 2004.\n"
         "\n"
         "[1] Another list, another style.\n"
         "[2] Its second\n"
         "    reference.\n",
         RP_LAYOUT_NUMBERED,
         "1-2|1) Smith J. A long title that goes on. Nature. 2001.\n"
         "3-3|2) Doe A. Short. Cell. 2002.\n"
         "5-5|1) Roe B. Other list. Gene. 2003.\n"
         "6-7|2) Poe E. Last one. Gene. 2004.\n"
         "9-9|[1] Another list, another style.\n"
         "10-11|[2] Its second reference.\n");
  expect("bulleted",
         "\xE2\x80\xA2 Smith J. A title that was\n"
         "  wrapped. Nature. 2001.\n"
         "\xE2\x80\xA2 Doe A. Short. Cell. 2002.\n"
         "\xE2\x80\xA2 Roe B. Pages\n"
         "- 12 (a dash, not this list's bullet).\n",
         RP_LAYOUT_BULLETED,
         "1-2|\xE2\x80\xA2 Smith J. A title that was wrapped. Nature. 2001.\n"
         "3-3|\xE2\x80\xA2 Doe A. Short. Cell. 2002.\n"
         "4-5|\xE2\x80\xA2 Roe B. Pages - 12 (a dash, not this list's bullet).\n");
  expect("hanging indent, tabs, a heading in capitals",
         "REFERENCES:\n"
         "Smith, J. (2001). A title that was\n"
         "\twrapped twice over\n"
         "\tthree lines. Nature, 1, 2-3.\n"
         "Doe, A. (2002). Short. Cell, 4, 5.\n"
         "Roe, B. (2003). Other. Gene,\n"
         "    6, 7.\n",
         RP_LAYOUT_HANGING,
         "2-4|Smith, J. (2001). A title that was wrapped twice over three lines. Nature, 1, "
         "2-3.\n"
         "5-5|Doe, A. (2002). Short. Cell, 4, 5.\n"
         "6-7|Roe, B. (2003). Other. Gene, 6, 7.\n");
  expect("blank lines between references",
         "Smith J. A title that\n"
         "was wrapped. Nature. 2001.\n"
         "\n"
         "Doe A. Short. Cell. 2002.\n"
         "\n"
         "\n"
         "Roe B. Other. Gene.\n"
         "2003;6:7.\n",
         RP_LAYOUT_BLANK,
         "1-2|Smith J. A title that was wrapped. Nature. 2001.\n"
         "4-4|Doe A. Short. Cell. 2002.\n"
         "7-8|Roe B. Other. Gene. 2003;6:7.\n");
  expect("one a line (the fallback); blank lines skipped",
         "Smith J. One. Nature. 2001.\n"
         "Doe A. Two. Cell. 2002.\n"
         "\n"
         "Roe B. Three. Gene. 2003.\n",
         RP_LAYOUT_LINES,
         "1-1|Smith J. One. Nature. 2001.\n"
         "2-2|Doe A. Two. Cell. 2002.\n"
         "4-4|Roe B. Three. Gene. 2003.\n");
  expect("one a line: '(1989)' and '(1990)' opening lines are not a numbered list",
         "Smith J. One. Nature.\n"
         "(1989) Doe A. Two. Cell.\n"
         "Roe B. Three. Gene.\n"
         "(1990) Poe E. Four.\n"
         "Moe F. Five.\n"
         "Zoe G. Six.\n"
         "Lee H. Seven.\n"
         "Kee I. Eight.\n"
         "Dee J. Nine.\n"
         "Bee K. Ten.\n"
         "Fee L. Eleven.\n"
         "Gee M. Twelve.\n"
         "Hee N. Thirteen.\n"
         "Jee O. Fourteen.\n"
         "Kay P. Fifteen.\n"
         "Lay Q. Sixteen.\n"
         "May R. Seventeen.\n"
         "Nay S. Eighteen.\n"
         "Pay T. Nineteen.\n"
         "Ray U. Twenty.\n"
         "Say V. Twenty-one.\n"
         "Tay W. Twenty-two.\n"
         "Way X. Twenty-three.\n"
         "Yay Y. Twenty-four.\n"
         "Zay Z. Twenty-five.\n",
         RP_LAYOUT_LINES,
         "1-1|Smith J. One. Nature.\n"
         "2-2|(1989) Doe A. Two. Cell.\n"
         "3-3|Roe B. Three. Gene.\n"
         "4-4|(1990) Poe E. Four.\n"
         "5-5|Moe F. Five.\n"
         "6-6|Zoe G. Six.\n"
         "7-7|Lee H. Seven.\n"
         "8-8|Kee I. Eight.\n"
         "9-9|Dee J. Nine.\n"
         "10-10|Bee K. Ten.\n"
         "11-11|Fee L. Eleven.\n"
         "12-12|Gee M. Twelve.\n"
         "13-13|Hee N. Thirteen.\n"
         "14-14|Jee O. Fourteen.\n"
         "15-15|Kay P. Fifteen.\n"
         "16-16|Lay Q. Sixteen.\n"
         "17-17|May R. Seventeen.\n"
         "18-18|Nay S. Eighteen.\n"
         "19-19|Pay T. Nineteen.\n"
         "20-20|Ray U. Twenty.\n"
         "21-21|Say V. Twenty-one.\n"
         "22-22|Tay W. Twenty-two.\n"
         "23-23|Way X. Twenty-three.\n"
         "24-24|Yay Y. Twenty-four.\n"
         "25-25|Zay Z. Twenty-five.\n");
  expect_as("a given layout: blank, although the lines are numbered",
            "1. Smith J. One.\n2. Doe A. Two.\n\n3. Roe B. Three.\n", RP_LAYOUT_BLANK,
            RP_LAYOUT_BLANK,
            "1-2|1. Smith J. One. 2. Doe A. Two.\n"
            "4-4|3. Roe B. Three.\n");
  expect("flush: every line at the margin, a reference opens with an author",
         "References\n"
         "Murry CE, Soonpaa MH, Reinecke H, Nakajima H, Nakajima HO,\n"
         "Rubart M, et al. Haematopoietic stem cells do not transdif-\n"
         "ferentiate into cardiac myocytes in myocardial infarcts.\n"
         "Nature. 2004;428(6983):664-668.\n"
         "Smith, J. A., & Doe, B. (2019). A title that is long enough to\n"
         "wrap onto a second line. Journal of Tests, 12(3), 45-67.\n"
         "J. Kowalski and P. Nowicki, \"A low-noise amplifier for the\n"
         "sensor front end,\" IEEE J. Solid-State Circuits, vol. 52,\n"
         "pp. 2935-2947, 2017.\n"
         "Kent WJ (2002) BLAT, the BLAST-like alignment tool. Genome\n"
         "Res 12: 656-664.\n",
         RP_LAYOUT_FLUSH,
         "2-5|Murry CE, Soonpaa MH, Reinecke H, Nakajima H, Nakajima HO, Rubart M, et al. "
         "Haematopoietic stem cells do not transdifferentiate into cardiac myocytes in "
         "myocardial infarcts. Nature. 2004;428(6983):664-668.\n"
         "6-7|Smith, J. A., & Doe, B. (2019). A title that is long enough to wrap onto a "
         "second line. Journal of Tests, 12(3), 45-67.\n"
         "8-10|J. Kowalski and P. Nowicki, \"A low-noise amplifier for the sensor front "
         "end,\" IEEE J. Solid-State Circuits, vol. 52, pp. 2935-2947, 2017.\n"
         "11-12|Kent WJ (2002) BLAT, the BLAST-like alignment tool. Genome Res 12: "
         "656-664.\n");
  expect("one a line without final stops is not flush (no line opens small)",
         "Smith J. A book title. London: Routledge\n"
         "Doe A. Another book. Paris: Gallimard\n"
         "Roe B. Third book. Berlin: Springer\n"
         "Poe E. Fourth book. Rome: Laterza\n"
         "Moe F. Fifth book. Madrid: Alianza\n",
         RP_LAYOUT_LINES,
         "1-1|Smith J. A book title. London: Routledge\n"
         "2-2|Doe A. Another book. Paris: Gallimard\n"
         "3-3|Roe B. Third book. Berlin: Springer\n"
         "4-4|Poe E. Fourth book. Rome: Laterza\n"
         "5-5|Moe F. Fifth book. Madrid: Alianza\n");
  expect("numbered: a reference without its number, a number lost",
         "[1] Smith J. One title that goes on\n"
         "    and on. Nature. 2001.\n"
         "[2] Doe A. Two. Cell. 2002.\n"
         "Roe, B. Three, without its number. Gene. 2003.\n"
         "[4] Poe E. Four. Science. 2004;\n"
         "    12. 345-350.\n"
         "[6] Moe F. Six after a lost five. Lancet. 2006.\n",
         RP_LAYOUT_NUMBERED,
         "1-2|[1] Smith J. One title that goes on and on. Nature. 2001.\n"
         "3-3|[2] Doe A. Two. Cell. 2002.\n"
         "4-4|Roe, B. Three, without its number. Gene. 2003.\n"
         "5-6|[4] Poe E. Four. Science. 2004; 12. 345-350.\n"
         "7-7|[6] Moe F. Six after a lost five. Lancet. 2006.\n");
  expect_as("numbered: a continuation line that opens like an author",
         "[1] Smith J. A first book. London: Routledge, 2001.\n"
         "[2] Antonetta, Susanne. Body Toxic: An Environmental Memoir.\n"
         "Washington, D.C.: Counterpoint, 2002.\n"
         "[3] Doe A. A third book. Paris: Gallimard, 2003.\n"
         "[4] Lee H. Vibrational determination of local solvent fields.\n"
         "J. Phys. Chem. A 2012, 116, 347-357.\n",
         RP_LAYOUT_NUMBERED, RP_LAYOUT_NUMBERED,
         "1-1|[1] Smith J. A first book. London: Routledge, 2001.\n"
         "2-3|[2] Antonetta, Susanne. Body Toxic: An Environmental Memoir. Washington, D.C.: "
         "Counterpoint, 2002.\n"
         "4-4|[3] Doe A. A third book. Paris: Gallimard, 2003.\n"
         "5-6|[4] Lee H. Vibrational determination of local solvent fields. J. Phys. Chem. A "
         "2012, 116, 347-357.\n");
  expect_as("numbered: a line like a reference without its number, then a blank line",
         "[1] Smith J. One. Nature. 2001.\n"
         "[2] Doe A. Two. Cell. 2002.\n"
         "Roe, B. Title goes on. Gene. 2003.\n"
         "\n"
         "[3] Poe E. Three. Science. 2004.\n",
         RP_LAYOUT_NUMBERED, RP_LAYOUT_NUMBERED,
         "1-1|[1] Smith J. One. Nature. 2001.\n"
         "2-3|[2] Doe A. Two. Cell. 2002. Roe, B. Title goes on. Gene. 2003.\n"
         "5-5|[3] Poe E. Three. Science. 2004.\n");
  expect("some lines numbered, one reference a line: lines",
         "[1] R. Venkataraman and M. Hollis, \"Adaptive control,\" IEEE Trans., 2018.\n"
         "[2] L. Moreau, \"Energy-aware scheduling,\" in Proc. DATE, 2016.\n"
         "J. Kowalski, \"A low-noise amplifier,\" IEEE J. Solid-State Circuits, 2017.\n"
         "H. Al-Rawi, Wireless Sensor Networks. Hoboken, NJ, USA: Wiley, 2019.\n"
         "Y. Zhang et al., \"Federated learning,\" in Proc. CVPR, 2021.\n",
         RP_LAYOUT_LINES,
         "1-1|[1] R. Venkataraman and M. Hollis, \"Adaptive control,\" IEEE Trans., 2018.\n"
         "2-2|[2] L. Moreau, \"Energy-aware scheduling,\" in Proc. DATE, 2016.\n"
         "3-3|J. Kowalski, \"A low-noise amplifier,\" IEEE J. Solid-State Circuits, 2017.\n"
         "4-4|H. Al-Rawi, Wireless Sensor Networks. Hoboken, NJ, USA: Wiley, 2019.\n"
         "5-5|Y. Zhang et al., \"Federated learning,\" in Proc. CVPR, 2021.\n");
  expect("a marker alone on its line",
         "[1]\nSmith J. One.\n[2]\nDoe A. Two.\n", RP_LAYOUT_NUMBERED,
         "1-2|[1] Smith J. One.\n"
         "3-4|[2] Doe A. Two.\n");
}

static void line_ends(void) {
  expect("CR LF", "[1] Smith J. Trans-\r\nformation.\r\n[2] Doe A.\r\n  Two.\r\n",
         RP_LAYOUT_NUMBERED,
         "1-2|[1] Smith J. Transformation.\n"
         "3-4|[2] Doe A. Two.\n");
  expect("CR alone", "[1] Smith J.\r  One.\r[2] Doe A.\r  Two.", RP_LAYOUT_NUMBERED,
         "1-2|[1] Smith J. One.\n"
         "3-4|[2] Doe A. Two.\n");
  expect("no newline at the end, trailing spaces", "Smith J. One.   \nDoe A. Two.  ",
         RP_LAYOUT_LINES,
         "1-1|Smith J. One.\n"
         "2-2|Doe A. Two.\n");
  expect("empty input", "", RP_LAYOUT_LINES, "");
  expect("only blank lines and a heading", "\n  \n\t\nReferences\n\n", RP_LAYOUT_LINES, "");
}

static void hyphen_cases(void) {
  expect_as("line-end hyphens",
            "Smith J. The transfor-\n"
            "mation of Hans-\n"
            "Peter in 2019-\n"
            "2020 as a long-\n"
            "term, evidence-\n"
            "based study of pre-\n"
            "and post-\n"
            "operative care; self-\n"
            "esteem; pp. 12-\n"
            "15 \xE2\x80\x93\n"
            "a dash -\n"
            "and a state-of-\n"
            "the-art soft\xC2\xAD\n"
            "hyphen and T-\n"
            "cells and Cornelius-\n"
            "White; Ab\xC3\xA9-\n"
            "c\xC3\xA9"
            "daire.\n",
            RP_LAYOUT_BLANK, RP_LAYOUT_BLANK,
            "1-17|Smith J. The transformation of Hans-Peter in 2019-2020 as a long-term, "
            "evidence-based study of pre- and postoperative care; self-esteem; pp. 12-15 "
            "\xE2\x80\x93 a dash - and a state-of-the-art softhyphen and T-cells and "
            "Cornelius-White; Ab\xC3\xA9"
            "c\xC3\xA9"
            "daire.\n");
  expect_as("line-end hyphens: capitals inside a word, punctuation before",
            "Smith J, Mc-\n"
            "Leod A. Title. Pub-\n"
            "Med: 123. Hoe (BRD).-\n"
            "Teil 1. SIG-\n"
            "PLAN Notices.\n",
            RP_LAYOUT_BLANK, RP_LAYOUT_BLANK,
            "1-5|Smith J, McLeod A. Title. PubMed: 123. Hoe (BRD).- Teil 1. SIG-PLAN "
            "Notices.\n");
  /* a line is read as `--input text` reads it: no line break, no join */
  expect_as("hyphen and space inside a line",
            "Smith J. The transfor- mation of pre- and post-war Hans- Peter data- base "
            "in long- term care, 2019- 2020.\n",
            RP_LAYOUT_LINES, RP_LAYOUT_LINES,
            "1-1|Smith J. The transfor- mation of pre- and post-war Hans- Peter data- base "
            "in long- term care, 2019- 2020.\n");
  expect_as("line-end hyphens in capitals",
            "CA-\nMARGO, L. M. A., PA-\nRANÁ, E., SOARES-\nFILHO, B., SIG-\nPLAN, HIV-\n"
            "AIDS, MS-\nDOS, LIB-\nLINEAR.\n",
            RP_LAYOUT_BLANK, RP_LAYOUT_BLANK,
            "1-8|CAMARGO, L. M. A., PARANÁ, E., SOARES-FILHO, B., SIG-PLAN, HIV-AIDS, MS-DOS, "
            "LIBLINEAR.\n");
  expect_as("a conjunction after a line-end hyphen",
            "Shahin, A., Trai-\nnor, L. J. Pre-\nand post-war. Ein-\nund Ausgabe.\n",
            RP_LAYOUT_BLANK, RP_LAYOUT_BLANK,
            "1-4|Shahin, A., Trainor, L. J. Pre- and post-war. Ein- und Ausgabe.\n");
  expect_as("what follows a URL that ends in a slash",
            "Home. http://example.org/deportation/\n[Accessed 5 March 2017]. "
            "http://example.org/a/\n(accessed 2012). doi:10.1002/\n(SICI)1097-4636. "
            "https://example.org/\n\xE2\x80\x9CQuoted\xE2\x80\x9D.\n",
            RP_LAYOUT_BLANK, RP_LAYOUT_BLANK,
            "1-5|Home. http://example.org/deportation/ [Accessed 5 March 2017]. "
            "http://example.org/a/ (accessed 2012). doi:10.1002/(SICI)1097-4636. "
            "https://example.org/ \xE2\x80\x9CQuoted\xE2\x80\x9D.\n");
  expect_as("URLs and DOIs broken by a line",
            "Smith J. Title. https://doi.org/10.1000/\n"
            "abc.def. http://example.org/a-\n"
            "b-c and doi:10.1000/xyz.\n"
            "2019.01 then www.example.org.\n"
            "Accessed 2020.\n",
            RP_LAYOUT_BLANK, RP_LAYOUT_BLANK,
            "1-5|Smith J. Title. https://doi.org/10.1000/abc.def. http://example.org/a-b-c and "
            "doi:10.1000/xyz.2019.01 then www.example.org. Accessed 2020.\n");
  OK(rpi_read_drop_hyphen("transfor", 8, "mation", 6), "transfor-mation: one word");
  OK(!rpi_read_drop_hyphen("long", 4, "term", 4), "long-term: a compound");
  OK(rpi_read_drop_hyphen("un", 2, "related", 7), "un-related: a prefix, one word");
  OK(!rpi_read_drop_hyphen("T", 1, "cell", 4), "T-cell: one letter before");
  OK(!rpi_read_drop_hyphen("pre", 3, "and", 3), "pre- and: suspended");
  OK(rpi_read_drop_hyphen("Proceed", 7, "ings", 4), "Proceed-ings: one word");
}

static void headings(void) {
  static const char *const yes[] = {"References", "REFERENCES", "References:",
                                    "7. References", "VII. Bibliography", "Literaturverzeichnis",
                                    "R\xC3\x89"
                                    "F\xC3\x89"
                                    "RENCES", "  Works Cited  ", NULL};
  static const char *const no[] = {"References to the past. Nature. 2001.", "Referee", "",
                                   "Notes on a scandal", NULL};
  for (size_t i = 0; yes[i]; i++)
    OK(rpi_read_is_heading(yes[i], strlen(yes[i])), "heading: '%s'", yes[i]);
  for (size_t i = 0; no[i]; i++)
    OK(!rpi_read_is_heading(no[i], strlen(no[i])), "not a heading: '%s'", no[i]);
}

static void hostile(void) {
  /* one line of 3 MiB without a newline: kept to READ_ITEM_MAX, one item */
  size_t n = 3u << 20;
  char *big = malloc(n);
  memset(big, 'x', n);
  rp_list *l = NULL;
  INT_EQ(rp_list_new(big, n, RP_LAYOUT_AUTO, &l), RP_OK, "huge line: new");
  const char *t;
  size_t len, first, last;
  INT_EQ(rp_list_next(l, &t, &len), RP_OK, "huge line: next");
  INT_EQ(len, READ_ITEM_MAX, "huge line: kept to the cap");
  rp_list_lines(l, &first, &last);
  INT_EQ(last, 1, "huge line: one line");
  INT_EQ(rp_list_next(l, &t, &len), RP_OK, "huge line: end");
  OK(t == NULL, "huge line: then the end");
  rp_list_free(l);
  /* two million short wrapped lines in one blank-separated paragraph */
  feed f = {big, n, 0, 4096, 0};
  for (size_t i = 0; i < n; i += 3)
    memcpy(big + i, "a\n\n", n - i < 3 ? n - i : 3);
  l = NULL;
  INT_EQ(rp_list_new_reader(feed_read, &f, RP_LAYOUT_AUTO, &l), RP_OK, "many lines: new");
  size_t items = 0;
  while (rp_list_next(l, &t, &len) == RP_OK && t)
    items++;
  INT_EQ(items, n / 3, "many lines: one item per paragraph");
  rp_list_free(l);
  /* lines joined without a space, one long word ("ab-" + "ab-" ...): each
   * line looks back a bounded way (this would take minutes otherwise) */
  for (size_t i = 0; i < n; i += 4)
    memcpy(big + i, "ab-\n", n - i < 4 ? n - i : 4);
  l = NULL;
  INT_EQ(rp_list_new(big, n, RP_LAYOUT_BLANK, &l), RP_OK, "one long word: new");
  INT_EQ(rp_list_next(l, &t, &len), RP_OK, "one long word: next");
  OK(t && len + 4 >= READ_ITEM_MAX && len <= READ_ITEM_MAX, "one long word: joined up to the cap");
  rp_list_free(l);
  /* bytes of every value, NULs, invalid UTF-8 */
  for (size_t i = 0; i < n; i++)
    big[i] = (char)((i * 2654435761u) >> 13);
  l = NULL;
  INT_EQ(rp_list_new(big, n, RP_LAYOUT_AUTO, &l), RP_OK, "binary: new");
  size_t total = 0;
  while (rp_list_next(l, &t, &len) == RP_OK && t)
    total += len;
  OK(total > 0 && total <= n, "binary: read to the end");
  rp_list_free(l);
  free(big);
}

static void api(void) {
  rp_list *l = (rp_list *)&l;
  const char *t = "x";
  size_t len = 1;
  INT_EQ(rp_list_new(NULL, 1, RP_LAYOUT_AUTO, &l), RP_ERR_ARG, "new: NULL text with a length");
  OK(l == NULL, "new: *out NULL on error");
  INT_EQ(rp_list_new("x", 1, RP_LAYOUT_COUNT_, &l), RP_ERR_ARG, "new: layout out of range");
  INT_EQ(rp_list_new("x", 1, RP_LAYOUT_AUTO, NULL), RP_ERR_ARG, "new: NULL out");
  INT_EQ(rp_list_new_reader(NULL, NULL, RP_LAYOUT_AUTO, &l), RP_ERR_ARG, "reader: NULL read");
  INT_EQ(rp_list_next(NULL, &t, &len), RP_ERR_ARG, "next: NULL list");
  OK(t == NULL && len == 0, "next: outputs cleared on error");
  size_t first = 9, last = 9;
  rp_list_lines(NULL, &first, &last);
  OK(first == 0 && last == 0, "lines: NULL list gives 0");
  INT_EQ(rp_list_layout(NULL), RP_LAYOUT_AUTO, "layout: NULL list");
  rp_list_free(NULL);
  INT_EQ(rp_list_new(NULL, 0, RP_LAYOUT_AUTO, &l), RP_OK, "new: empty");
  rp_list_lines(l, &first, &last);
  OK(first == 0 && last == 0, "lines: 0 before the first reference");
  INT_EQ(rp_list_next(l, &t, &len), RP_OK, "next: empty list");
  OK(t == NULL, "next: empty list ends at once");
  rp_list_free(l);
  static const char *const names[] = {"auto",    "lines", "numbered", "bulleted",
                                      "hanging", "blank", "flush"};
  for (int i = 0; i < RP_LAYOUT_COUNT_; i++)
    STR_EQ(rp_layout_name((rp_layout)i), names[i], "layout name %d", i);
  STR_EQ(rp_layout_name(RP_LAYOUT_COUNT_), "", "layout name out of range");
}

int main(void) {
  plan_lazy();
  layouts();
  line_ends();
  hyphen_cases();
  headings();
  hostile();
  api();
  return done();
}
