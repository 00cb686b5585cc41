/*
 * stage.h: the contract between the parser's stages. The driver (parse.c)
 * runs them in a fixed order over one working state: `st` holds a working
 * copy of the cleaned text, in which a stage blanks (overwrites with
 * spaces) what it consumes so that later stages no longer see it, and the
 * result being filled. What a stage reads, sets and consumes is written
 * before its entry point below; the order in parse.c is the only place
 * that knows which stage runs after which.
 *
 *   "Smith J. Title. J Biol. 2001;12(3):45-9. doi:10.1000/xyz123"
 *   after the identifier stage, DOI "10.1000/xyz123" and a working copy of
 *   "Smith J. Title. J Biol. 2001;12(3):45-9.                   "
 */
#ifndef RP_STAGE_H
#define RP_STAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
  int year_end; /* the year a range after the names ends on ("(1835-1840)"), or 0 */
  size_t names_end; /* where the author list ends (0: none read) */
  bool webcue;
  bool report;   /* a report's series and number were read (stage_report.c) */
  bool patent;   /* a patent's number was read (stage_report.c) */
  char series; /* "Phys. Rev. D91": the letter moved from the volume */
  bool labelled; /* the locator was "v. 46, n. 1, p. 33-50" style */
  bool law_year; /* the locator was a law journal's "NJW 2010, 2061" */
  int medium;    /* rp_type + 1 from "[Motion picture]", or 0 */
  /* duplicate-removal spans (cleaned offsets) for rp_normalize */
  size_t drop[16][2];
  size_t ndrop;
  /* pairs of adjacent ASCII letters in the text, case folded (may_match) */
  uint32_t pairs[26];
  bool pairs_all;
  bool cjk_lead;  /* a byte 0xE5..0xED, a CJK character's lead, occurs (rpi_match_pairs_init) */
  uint64_t never; /* bit id: may_match() said no to a guard that stays no */
  /* PDF spacing "Fields ,Nucl .Phys": the working copy reads ", " and ". "
   * there (pdf_spacing); fields are copied with the printed order back
   * (rpi_fields_source), in restore when swapped */
  bool swapped;
  char *restore;
} st;

/* No offset: a span end not found, a field not placed. */
#define UNSET ((size_t)-1)

/* The locator style families, strongest first: when two styles could read
 * a reference, the parser tries them in this order (stage_locators.c). */
typedef enum loc_family {
  LOC_NONE = 0,
  LOC_VANCOUVER,  /* "2019;12(3):45-67", "1993; 87, pages 1489-1497" */
  LOC_WHOLE,      /* volume, issue, date and pages read as one shape: physics
                     "91, 045002 (2019)", Chicago "12, no. 3 (2019): 45", ACS,
                     ACM articles, "48, 1966, 273-287", "12:3, 45" */
  LOC_LABELLED,   /* two or more labelled parts: "vol. 12, no. 3, pp. 45-67" */
  LOC_PUNCT,      /* "12 (3) 45-67", ", 17 416-429,", "12(3):45-67" */
  LOC_APA,        /* "12(3), 45-67" */
  LOC_LABEL_ONE,  /* one labelled part: "vol. 12", "pp. 45-67" */
  LOC_VOLISS,     /* "12(3)" alone */
  LOC_BARE,       /* "12 45-67" */
  LOC_PAGES_ONLY  /* ", 45-67, 2019." at the end */
} loc_family;

/* A locator found in the text: the style family that matched, its span
 * [a, b) and the volume, issue, pages and year spans within it (UNSET when
 * absent). */
typedef struct loc {
  loc_family fam;
  size_t a, b;
  size_t v[2], i[2], p[2], y[2];
} loc;

/* ---- the stages, in the order the driver (parse.c) runs them ----------- *
 * Each entry says what it reads, what it sets (in the result or in st)
 * and what it consumes (blanks in the working copy). pos is where the
 * body starts (after names and date), L the locator when one was found. */

/* -- identifiers (stage_ids.c) */

/* Reads the whole working copy. Sets DOI, URL, PMID, PMCID, arXiv, ISBN,
 * ISSN and accessed ("[cited ...]", "Accessed ..."), and s->webcue for
 * access notes and "Available from"/"Retrieved from". Consumes each of
 * them with its label, and "Epub ahead of print" notes. */
void rpi_stage_ids(st *s);

/* Whether the bracket content c (n bytes, spaces removed) is an arXiv
 * subject class ("hep-ph", "astro-ph.CO", "math.AG", "cs.LG") or the link
 * text of a scraped reference ("INSPIRE", "ADS", "CrossRef"): the ids
 * stage blanks such brackets, and the unparsed stage does not report them. */
bool rpi_ids_category_or_link(const char *c, size_t n);

/* -- authors (stage_authors.c) */

/* Reads from the start: organisations (an acronym with its name written
 * out in brackets, "OECD (Organisation for ...) (2013)", is the acronym
 * alone), CJK name lists, name lists
 * (names.c) with an editor mark (also after the date: "(2001) (Hrsg.)"),
 * a last author after an ellipsis and
 * role-marked creators, or capitalised author runs; with none, names
 * right after a title ("Title. A. Smith, B. Jones."). Sets the author or
 * editor names. Consumes only names read after a title. Returns where
 * the names end (0 when none), or UNSET when out of memory. */
size_t rpi_stage_authors(st *s);

/* Reads [pos, ...) when no date followed the names: the rest of a name
 * list the grammar stopped inside of, up to the date of an author-date
 * reference ("..., Jane WORTHINGTON a Anne BARTON, 2015. Association
 * of", "Grady, J. Lee. 2010. The Holy Spirit"). Only name-like words
 * (capitalised words, initials, joiners, particles; no digits, title,
 * organisation, journal or publisher words) may stand before the date,
 * and a new sentence must follow it. Sets the names it can read there
 * and the year (through rpi_stage_dates); s->body stays at pos, so that
 * names not read are reported as unparsed. Consumes nothing. Returns
 * where the title starts after the date, or pos. */
size_t rpi_stage_authors_to_date(st *s, size_t pos);

/* -- dates (stage_dates.c) */

/* Reads the date right after the names at pos ("(2001a)", "2001.", "2001
 * – ", "(in press)"). Sets the year, s->year_a/year_b and s->body.
 * Consumes nothing. Returns where the body (title onwards) starts, after
 * the date, a bracketed editor mark after it ("(2001) (Hrsg.):") and any
 * ". , : ;". */
size_t rpi_stage_dates(st *s, size_t pos);

/* Reads the text before a journal locator: a year ("Infancy. 2011
 * Volume 16") or a publication date ("Journal of Clinical Oncology.
 * November 10, 2011 2011;29(32)") between the journal and the locator.
 * Sets the year when none is set. Consumes nothing; moves L->a back to
 * where the journal ends. */
void rpi_stage_dates_before_locator(st *s, size_t pos, loc *L);

/* Reads [from, n) when no year is set yet: a bracketed year, else the
 * last one, else an ISO date's or a dotted date's ("12.5.2010", then
 * with its month and day). Sets the year. Consumes nothing. */
void rpi_stage_dates_anywhere(st *s, size_t from);

/* Whether [a, b) is a date in numbers with stops, day first, as German
 * and most European lists print an issue's date ("12.05.2010",
 * "3.7.1998"), a real day of a real month; its parts go to *d, *m, *y. */
bool rpi_stage_dates_dotted(const st *s, size_t a, size_t b, int *d, int *m, int *y);

/* Runs when the year is final. Reads the working copy around the year:
 * a month, day, month or day range or season printed with it ("2004 Mar
 * 5;", "2004 Jan-Feb;", "(2004, March 5)", "5 March 2004", "5 de mayo de
 * 2004", "Spring 2004", "2004-03-05"). Sets the result's month, day,
 * range end and season. Consumes nothing. */
void rpi_stage_dates_full(st *s);

/* -- legal citations (stage_legal.c) */

/* Reads [a, n): "Title, 59 Am. J. Comp. L. 859, 902 (2011)" (Bluebook),
 * "Title, (2009) 31 Cardozo L. Rev. 267" or, the title quoted (OSCOLA),
 * "'Title' (2006) 115 Yale LJ 1346", "'Title' [2010] NZ L Rev 265". Sets title, container,
 * volume, pages and year. Consumes nothing. True when it took the
 * reference: then no chapter, locator, title or book stage runs. */
bool rpi_stage_legal(st *s, size_t a);

/* Runs after the names: a Brazilian act as ABNT cites it, its
 * designation, number and date, its summary, the official gazette and its
 * place ("BRASIL. Lei nº 11.096, de 13 de janeiro de 2005. Institui ...
 * Diário Oficial da União, Brasília, DF, 14 jan. 2005."). Sets the type
 * (legislation), title, container, place and the act's year, and consumes
 * them. True when it took the reference: then no body stage runs. */
bool rpi_stage_legal_act(st *s, size_t pos);

/* Runs first, before the names: reads the whole working copy for a court
 * decision or a statute, and only when the whole reference has its shape
 * ("Roe v. Wade, 410 U.S. 113 (1973)", "Donoghue v Stevenson [1932] AC 562
 * (HL)", "42 U.S.C. § 1983 (2018)", "Pub. L. No. 111-148, 124 Stat. 119
 * (2010)", "Human Rights Act 1998, s 3"). Sets the type (legal_case or
 * legislation), title, container (the reporter or code), volume, page (the
 * first page), locator (a case's pinpoint), authority (the court, a
 * neutral citation's court code or an Act's jurisdiction), section,
 * number (a public law's, an EU case's) and year, and consumes them. True
 * when it took the reference: then no other body stage runs. */
bool rpi_stage_legal_cite(st *s);

/* -- chapters (stage_chapter.c), the marker */

/* Reads [a, b) for an "In:" / "In " that opens a container, after a
 * sentence end or a quote. Sets and consumes nothing. Returns where the
 * marker starts (UNSET when none), *after where the container starts. */
size_t rpi_stage_chapter_find(const st *s, size_t a, size_t b, size_t *after);

/* Where the pages of Nature's chapter tail start when the container that
 * opens at after (rpi_stage_chapter_find) closes with "234-241 (Springer,
 * 2015).", else UNSET: the locators leave those pages to the chapter. */
size_t rpi_stage_chapter_nature_pages(const st *s, size_t after);

/* -- locators (stage_locators.c) */

/* Reads [pos, n) for the locator by style family (Vancouver, APA,
 * Chicago, labelled "vol. 3, no. 2, pp. 1-9", ...), the strongest
 * complete one winning; one found before the chapter marker in_at from a
 * weak family is dropped, and so is one reaching into the pages of
 * Nature's chapter tail after the container that opens at in_after. Sets
 * *L, volume, issue, pages and year (a year after a chapter's place is
 * the date, not a volume), s->series and s->labelled. Consumes nothing:
 * later stages stop at L->a or start at L->b. Returns whether one was
 * found. */
bool rpi_stage_locators(st *s, size_t pos, size_t in_at, size_t in_after, loc *L);

/* -- duplicates (stage_duplicates.c) */

/* With RP_OPT_DEDUP_LOCATORS, reads what follows the locator L for
 * repeated fragments: "2019;4:1-15.", "Vol Page 2021;13:1802.", "13:2.
 * 2017" right after it (notes between), a "Vol Page" copy anywhere after
 * it, and a Vancouver form that ends the reference when every number
 * agrees. Sets warnings (a conflict warning when a year or volume
 * disagrees) and s->drop. Consumes each fragment. */
void rpi_stage_duplicates(st *s, const loc *L);
/* Where a label glued to a blanked identifier ends when one starts at q
 * ("oi:" of a broken "doi:10.1016/...", the identifier already taken):
 * after its colon; else q. Such labels are notes between a locator and
 * its copy. */
size_t rpi_stage_duplicates_label(const st *s, size_t q);

/* Reads s->drop. Writes to normalized (when not NULL) the cleaned text
 * without the dropped fragments, trailing spaces trimmed. Sets nothing in
 * the result. */
void rpi_stage_duplicates_text(const st *s, rpi_buf *normalized);

/* -- series (stage_series.c) */

/* Reads [pos, n) for a series with its label ("coll. « Tel »", "(coll.
 * Folio)", "(Colección Austral)", "(Reihe Politik)"): sets the collection
 * title and blanks the label, the name and the brackets or comma around
 * them. */
void rpi_stage_series(st *s, size_t pos);

/* -- reports (stage_report.c) */

/* Reads [pos, n) for a report's series and number ("NBER Working Paper
 * No. 19843", "(CEP Discussion Paper No. 716)", "Tech. Rep. TR-2019-01",
 * "Report No.: 2000-0139"): sets the genre and the number, blanks them
 * (with brackets around them), reads an institution after a comma, and
 * sets s->report. */
void rpi_stage_report(st *s, size_t pos);

/* The institution after the comma at comma, up to the sentence's end,
 * the year or the month ("..., Computer Science Department, Princeton
 * University, 1991"): the publisher, a known city after it the place,
 * "City: Institution" an imprint; blanked. True when it set them. */
bool rpi_stage_report_institution(st *s, size_t comma);

/* -- pages (stage_pages.c) */

/* Reads [pos, n) for a page count ("362 p.", "250 pp") outside the
 * locator L (NULL when none) when no pages are set. Sets number-of-pages.
 * Consumes it. */
void rpi_stage_pages_count(st *s, size_t pos, const loc *L);

/* Reads [pos, n) for a bare page range ("123-145") left by every other
 * stage when neither pages nor a page count is set. Sets pages. Consumes
 * it. */
void rpi_stage_pages_bare(st *s, size_t pos);

/* -- imprint (stage_imprint.c) */

/* Reads [pos, n) for an edition statement ("2nd ed.", "Second
 * edition", "3. Aufl."). Sets edition. Consumes it. */
void rpi_stage_imprint_edition(st *s, size_t pos);

/* Reads [pos, n) for ACS's imprint between semicolons ("...; Pearson:
 * Boston, MA, 2017; Vol. 1") and the editors' segment before it ("; Ertl,
 * G., Weitkamp, J., Eds."). Sets publisher, place, editors and the year
 * when none is set. Consumes them. */
void rpi_stage_imprint_acs(st *s, size_t pos);

/* Reads the text after a journal locator L: with a publisher's word and
 * no digits ("... 1757-1781. DOVE MEDICAL PRESS LTD."), sets publisher and
 * place from it. Consumes nothing. */
void rpi_stage_imprint_after_locator(st *s, const loc *L);

/* -- chapters (stage_chapter.c) */

/* Runs when the "In" marker in_at comes before the locator (or there is
 * none). Reads the title [pos, in_at), in quotes or not, then from
 * in_after to region_end the editors, book title, pages, edition and
 * imprint, then the imprint after L (NULL when none). Sets title, editor
 * names, container, pages, volume, year, publisher and place. Consumes pages it
 * sets. Returns whether the reference is a chapter. */
bool rpi_stage_chapter(st *s, size_t pos, size_t in_at, size_t in_after, size_t region_end, const loc *L);

/* -- books (stage_book.c) */

/* Runs when a locator was found and no chapter marker: a book cited with
 * a page or a volume, its imprint before or after the locator:
 * "Computer Graphics: Principles and Practice, pp. 992-996,
 * Addison-Wesley, Massachusetts 1990.", "A Void. London: The Harvill
 * Press, 1995. p.108." Reads [a, L->a) and after L->b. Sets title,
 * publisher and place. Consumes nothing. True when it set the title and
 * the imprint; else the title stage runs. */
bool rpi_stage_book_with_locator(st *s, size_t a, const loc *L);

/* Runs when no locator was found: books, theses, reports, web pages.
 * Reads [pos, n): a quoted title and what follows it (container, or
 * editors and a book), or a title ended by its imprint ("City:
 * Publisher", ", City, Publisher", ", Place Year", "(Publisher, City,
 * 1993)"), then proceedings, a journal with a year, publisher and place.
 * Sets title, container, editor names, pages, publisher and place.
 * Consumes pages after a proceedings name. Returns whether the reference
 * is a chapter (editors after a quoted title). */
bool rpi_stage_book(st *s, size_t pos);

/* Runs before the locators when no chapter marker was found: the editors'
 * sentence of a book, after its title ("Title. Edited by Giorgio Colli and
 * Mazzino Montinari. Vol. 5. Berlin: de Gruyter, 1999.", "Title. Ed.
 * Peter Washington. New York: ..."). Sets the editors and consumes the
 * sentence when its names fill it. */
void rpi_stage_book_editors(st *s, size_t pos);

/* -- title and container (stage_title.c) */

/* Runs when a locator was found and rpi_stage_book_with_locator said no.
 * Reads [a, b), the text between the body start and the locator, and
 * splits it into title and container by scored cut points (sentence
 * stops, quotes, abbreviation runs, title case). Sets title and
 * container (and a year, volume or issue written inside them). Consumes
 * nothing. */
void rpi_stage_title(st *s, size_t a, size_t b);

/* Reads [pos, n) of a reference with no locator: a status closing it
 * ("Applied Optics, to appear.", "Computational Intelligence Journal,
 * 1995. Submitted.") after a segment that is a journal of the lists or
 * holds a journal word, and no publisher word; or, when a DOI was read,
 * a last segment that is a journal of the lists. Sets the title before that
 * segment and the segment as the container. Consumes nothing. True when it
 * set them (the book stage is then not run). */
bool rpi_stage_title_forthcoming(st *s, size_t pos);

/* Reads the result: warns when neither title nor container was set. */
void rpi_stage_title_check(st *s);

/* -- translators (stage_translators.c) */

/* Reads [from, n) for translators: "Translated by Edward G.
 * Seidensticker", "Trans. Oliver Ready", "trad. de l'anglais par Yvonne
 * Davet", "Übers. von Justus Streller", "Přeložil Ivan Seidl" (marker
 * phrases from the English, French, Italian, German, Czech, Spanish and
 * Portuguese conventions), when none is set. Sets translator names.
 * Consumes nothing. */
void rpi_stage_translators(st *s, size_t from);

/* -- type (stage_type.c) */

/* Runs last. Reads the fields set so far, s->medium, s->webcue,
 * chapter and the text from body for genre words (thesis,
 * report, preprint, software, dataset). Sets the type and genre; for
 * software and data sets named so in brackets, moves a container to the
 * publisher. Consumes nothing. */
void rpi_stage_type(st *s, bool chapter, size_t body);

/* -- what is left (stage_unparsed.c) */

/* Runs after every other stage, the type included: it only reports. Reads
 * the working copy from where the names and date end (s->body, back over
 * what was consumed right before it), the cleaned text (to tell consumed
 * bytes from spaces), the fields and names with their spans, and the
 * duplicate warnings. Sets an unparsed warning for each stretch, left or
 * consumed, outside the fields that hold all their span's text, that holds
 * a word of two or more letters or digits neither a label, a date word nor
 * a word of some field or name; and a no-title warning when neither title
 * nor container was set and none was given. Consumes nothing. */
void rpi_stage_unparsed(st *s);

/* -- confidence (stage_confidence.c) */

/* Runs last of all, after the unparsed stage. Reads the result only: which
 * fields and names were set, the type, the title length and the warnings
 * (unparsed with their sizes, no-title, limit, dup-conflict, ...). Sets the
 * result's confidence and doubted fields (rp_result_confidence). Consumes
 * nothing. */
void rpi_stage_confidence(st *s);

#endif
