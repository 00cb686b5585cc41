/*
 * stage.h: the contract between the parser's stages. The driver (parse.c)
 * runs them in a fixed order over one working state: `st` holds a working
 * copy of the cleaned text in which each stage blanks (overwrites with
 * spaces) what it has taken, so that later stages no longer see it, and
 * fills the result. What a stage reads, sets and consumes is written
 * before its entry point below; the order in parse.c is the only place
 * that knows which stage runs after which.
 *
 *   "Smith J. Title. J Biol. 2001;12(3):45-9. doi:10.1/x"
 *   after identifiers: "Smith J. Title. J Biol. 2001;12(3):45-9.          "
 */
#ifndef RP_STAGE_H
#define RP_STAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "names.h"
#include "parse.h"

/* The working state shared by every stage. */
typedef struct st {
  const rp_parser *p;
  rpi_rx_scratch *sc;
  const rpi_text *t;
  rp_result *r;
  char *w;      /* working copy: consumed text blanked with spaces */
  size_t n;
  int err;
  /* layout found so far */
  size_t body;  /* where title/container text starts */
  size_t year_a, year_b;
  bool webcue, in_press;
  char series; /* "Phys. Rev. D91": the letter moved from the volume */
  bool labelled; /* the locator was "v. 46, n. 1, p. 33-50" style */
  int medium;    /* rp_type + 1 from "[Motion picture]", or 0 */
  /* duplicate-removal spans (cleaned offsets) for rp_normalize */
  size_t drop[16][2];
  size_t ndrop;
  /* pairs of adjacent ASCII letters in the text, case folded (may_match) */
  uint32_t pairs[26];
  bool pairs_all;
  uint64_t never; /* bit id: may_match() said no to a guard that stays no */
} st;

/* No offset: a span end not found, a field not placed. */
#define UNSET ((size_t)-1)

/* A locator found in the text: the style family that matched (fam), its
 * span [a, b) and the volume, issue, pages and year spans within it
 * (UNSET when absent). */
typedef struct loc {
  int fam; /* 0 = none; lower is stronger */
  size_t a, b;
  size_t v[2], i[2], p[2], y[2];
} loc;

void rpi_stage_ids(st *s);

size_t rpi_stage_authors_caps(st *s, size_t from);

/* Authors written in Chinese, Japanese or Korean script: "王小明, 李华, 张伟."
 * Each name is kept as printed, as a literal (there is no family/given
 * split a parser can know). Returns the end of the list or 0. */
size_t rpi_stage_authors_cjk(st *s, size_t from);

size_t rpi_stage_authors_org(st *s, size_t from);

/* "(Director)", "(Producers)", "(Writer/Director)": a creator's role after
 * the name. Returns the end of the marker or 0. */
size_t rpi_stage_authors_role_mark(const st *s, size_t i);

/* Drop the names from the first one that holds a title word, and end the
 * list at the comma before it; the first name is read again in natural
 * order when it is the one ("Robert Redfield, Peasant Society and
 * Culture"). */
void rpi_stage_authors_drop_titles(st *s, size_t start, rpi_namelist *nl);

/* Catalogue and database exports put the title first: "The Dome of the
 * Rock and its Umayyad mosaic inscriptions. Marcus Milwright. Edinburgh :
 * Edinburgh University Press 2016", "Title. Hallinan, Maureen T; Teixeira,
 * Ruy A. Child Development. 58.5". When the second sentence is a whole
 * list of personal names, they are the authors and the sentence is
 * blanked; nl is scratch space. */
void rpi_stage_authors_after_title(st *s, rpi_namelist *nl);

/* A date right after the names: "(2004)", "(2004a)", "(2004, May 3)",
 * "2004.", "(n.d.)", "(in press)". Returns the end or 0. */
size_t rpi_stage_dates_after_names(st *s, size_t i);

void rpi_stage_dates_anywhere(st *s, size_t from);

/* "Journal of Clinical Oncology. November 10, 2011 2011;29(32)", "Expert
 * Review of Hematology. 2010/06/01 2010;3(3)": a publication date printed
 * between the journal and the locator. Returns the new end of the
 * title/journal region [a, e): e when no date with a month or in numbers
 * ends it. */
size_t rpi_stage_dates_strip_before(const st *s, size_t a, size_t e);

/* A labelled "Vol. 38, No. 1" just before the chosen locator belongs to
 * it: "Feedback, Vol. 38, No. 1 (Winter 1997), 16-25". */
bool rpi_stage_locators_find(st *s, size_t from, loc *L);

void rpi_stage_locators_set(st *s, const loc *L);

/* Repeated locator fragments after the kept one: "2019;4:1-15.",
 * "Vol Page 2021;13:1802.", "13:2. 2017", "5:1. 2014;5:". Blanked, with a
 * warning, and a conflict warning when a year or volume disagrees. */
void rpi_stage_duplicates(st *s, const loc *L);

/* A page range standing alone between separators when no locator gave
 * pages: "..., edited by D. Smith, 68-90. London: Verso", "(223-255)". Not
 * a span of years ("1930-1960"). */
void rpi_stage_pages_bare(st *s, size_t from);

/* Legal citations, Bluebook "Title, 59 Am. J. Comp. L. 859, 902 (2011)" and
 * the Commonwealth "Title, (2009) 31 Cardozo L. Rev. 267": volume, an
 * abbreviated or capitalised journal, the first page, the year. [a, n) is
 * the text after the authors; true when it took the reference. */
bool rpi_stage_legal(st *s, size_t a);

void rpi_stage_type(st *s, bool chapter, size_t body);

/* Translators named anywhere after the title: "Translated by Edward G.
 * Seidensticker", "Trans. Oliver Ready", "trad. de l'anglais par Yvonne
 * Davet", "trad. it. di Maria Antonietta Saracino", "Übers. von Justus
 * Streller", "Přeložil Ivan Seidl", "Traducción de Basilio Losada",
 * "Edited and translated by James Strachey". Marker phrases typed from
 * the English, French, Italian, German, Czech, Spanish and Portuguese
 * conventions. */
void rpi_stage_translators(st *s, size_t from);

/* Split [a, b) into title and container (journal-like references). */
void rpi_stage_title(st *s, size_t a, size_t b);

/* "In:" / "In " that opens a container, after a sentence end or a quote. */
size_t rpi_stage_chapter_find(const st *s, size_t a, size_t b, size_t *after);

/* After "In": editors, the book title, publisher. [a, b) excludes the
 * locator; returns true when it found a container. */
bool rpi_stage_chapter_tail(st *s, size_t a, size_t b);

/* Where a book title gives way to its imprint inside one sentence:
 * "Hydrodynamics (Cambridge Univ. Press, Cambridge, 1993)" or
 * "Robot Vision, MIT Press". Returns the cut or UNSET. */
size_t rpi_stage_book_publisher_cut(const st *s, size_t a, size_t b);

/* "Artificial Intelligence, 1988." / "Journal of X, in press": a journal
 * named alone before a date, with no imprint. */
bool rpi_stage_book_journal_year_tail(const st *s, size_t a);

/* "Title, Librairie illustrée, Paris, 1892", "Title, Institute of
 * Informatics, Oslo, Norway": where a book title gives way to a
 * comma-separated imprint that names its publisher, or UNSET. */
size_t rpi_stage_book_comma_imprint(const st *s, size_t a, size_t b);

/* A book's subtitle sentence right before its imprint: returns the end of
 * the sentence after the one ending at te when the place of a "Place:
 * Publisher" imprint follows it, else te. */
size_t rpi_stage_book_subtitle_end(st *s, size_t te);

/* "Meeting #107, Prague, Czech Republic, 26th -30th August 2019": an
 * event's place and dates after its name. Returns the comma before the
 * place, or UNSET. */
size_t rpi_stage_book_place_date_tail(const st *s, size_t a, size_t b);

/* "Title, IEEE Transactions on Fuzzy Systems, in press" / "Title, Journal
 * of Algorithms, 2004": with no locator, a comma before a segment that
 * opens with a journal word and is followed by nothing but a year or a
 * status note. Returns the comma (the journal ends at *je) or UNSET. */
size_t rpi_stage_book_journal_comma(const st *s, size_t a, size_t b, size_t *je);

/* A book cited with a page or a volume, its imprint before or after the
 * locator: "Computer Graphics: Principles and Practice, pp. 992-996,
 * Addison-Wesley, Massachusetts 1990.", "A Void. London: The Harvill
 * Press, 1995. p.108.", "Obra Crítica, vol. 2. Rio de Janeiro: Casa de Rui
 * Barbosa, 1960." The region before the locator is [a, L->a). True when it
 * set the title and the imprint. */
bool rpi_stage_book_with_locator(st *s, size_t a, const loc *L);

#endif
