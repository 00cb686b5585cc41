/*
 * lexicon.h: small word lists, compiled in (no file to find at run time).
 * Each list is a file lib/data/<name>.txt (one entry a line, its source and
 * match mode in the header); tools/make_lexicon.py turns them into const C
 * tables at build time, so there is no global state and nothing to set up.
 *   rpi_lex_is_abbrev("Biol") -> true     rpi_lex_is_particle("van") -> true
 *   rpi_lex_repair_word("Pharm0aceutics") -> "Pharmaceutics"
 */
#ifndef RP_LEXICON_H
#define RP_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ISO 4 title-word abbreviations (and common journal words) that end with
 * a period inside a journal title: "J", "Biol", "Chem". Case-sensitive. */
/* The one year predicate: the four bytes at w are ASCII digits making a
 * year a reference can carry, 1500..2099 (the {{YEAR}} piece of
 * lib/data/patterns.rx). The caller guarantees four readable bytes. */
static inline bool rpi_lex_is_year(const char *w) {
  return ((w[0] == '1' && w[1] >= '5' && w[1] <= '9') || (w[0] == '2' && w[1] == '0')) && w[2] >= '0' &&
         w[2] <= '9' && w[3] >= '0' && w[3] <= '9';
}

bool rpi_lex_is_abbrev(const char *w, size_t n);
/* Words that begin a journal title only rarely but often continue one
 * ("Transl", "Res", "Rev"): used to rejoin "Stem cells. Transl Med". */
bool rpi_lex_is_inner_abbrev(const char *w, size_t n);
/* Lower-case family-name particles: van, von, de, der, da, ... */
bool rpi_lex_is_particle(const char *w, size_t n);
/* A capitalized particle that can open a family name: "Van", "De", "Le". */
bool rpi_lex_is_cap_particle(const char *w, size_t n);
/* Words marking an organisation: Organization, Society, ... */
bool rpi_lex_is_org_word(const char *w, size_t n);
/* A common European given name, capitalised ("Karin", "Jörg"): tells
 * "Bauer Karin" (family first) from "Karin Bauer". */
bool rpi_lex_is_given_name(const char *w, size_t n);
/* A writer known by one name, as printed: "Aristotle", "Platon",
 * "Cicéron" (single_names.txt). */
bool rpi_lex_is_single_name(const char *w, size_t n);
/* A publication status printed in place of the date, without ASCII case:
 * "in press", "im Erscheinen", "sous presse", "en prensa". */
bool rpi_lex_is_status(const char *w, size_t n);
/* Month names/abbreviations in en, fr, de, es, pt, it: 1-12 or 0. */
int rpi_lex_month(const char *w, size_t n);
/* The days in month m (1..12) of year y, February 29 in leap years. */
static inline int rpi_days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return d[m - 1];
}
/* 1 (spring) .. 4 (winter), CSL's season numbers, for a season word in any
 * case ("Spring", "automne", "Herbst"), else 0. */
int rpi_lex_season(const char *w, size_t n);
/* A publishing city printed as a bare place ("Roma", "New York"). */
bool rpi_lex_is_city(const char *w, size_t n);
/* A publisher's own name or the word for publisher: "Suhrkamp", "Wydawnictwo". */
bool rpi_lex_is_publisher(const char *w, size_t n);
/* A country or a US state written out ("France", "Massachusetts"). */
bool rpi_lex_is_country(const char *w, size_t n);
/* Generic journal-title words: Journal, Review, Proceedings, ... */
bool rpi_lex_is_journal_word(const char *w, size_t n);
/* A whole-word repair confirmed by the lexicon of known journal words:
 * returns the repaired word or NULL. Only a word with exactly one ASCII
 * digit, neither first nor last, can be repaired (callers may skip the
 * call for any other word). */
const char *rpi_lex_repair_word(const char *w, size_t n);
/* A known split journal name ("EBio Medicine"): returns the joined form
 * and sets *consumed to the matched length, or NULL. */
const char *rpi_lex_repair_phrase(const char *s, size_t n, size_t *consumed);

/* Journal titles and their abbreviations (lib/data/journals.txt, from
 * JabRef's lists), looked up by key: case, accents of Latin-1 letters,
 * dots, commas, colons, hyphens, brackets, apostrophes and spacing aside,
 * "&" read as "and", a leading article ("The", "La", "Der") dropped:
 *   "Journal of Biological Chemistry" -> RPI_JOURNAL_TITLE, "J. Biol. Chem."
 *   "J Biol Chem", "J. Biol. Chem."    -> RPI_JOURNAL_ABBREV,
 *                                         "Journal of Biological Chemistry"
 *   "Eur. Phys. J. B"                  -> RPI_JOURNAL_AMBIGUOUS (two titles)
 * *other is the other form (a static string), or NULL when there is none
 * or it has the same key as s (nothing to add: "Cell" is both). A key that
 * is both a title and an abbreviation reads as a title. */
typedef enum rpi_journal_kind {
  RPI_JOURNAL_NONE = 0,  /* no journal of the lists */
  RPI_JOURNAL_TITLE,     /* a full title; *other its abbreviation (ISO 4) */
  RPI_JOURNAL_ABBREV,    /* an abbreviation of one journal; *other its title */
  RPI_JOURNAL_AMBIGUOUS  /* an abbreviation of two or more journals */
} rpi_journal_kind;
rpi_journal_kind rpi_lex_journal(const char *s, size_t n, const char **other);

/* ---- phrase lists: lib/data lists with "match: prefix" of one column ----
 * Words and phrases a stage looks for at a position in the reference,
 * byte for byte (case and leading punctuation as listed: ", ed. "), kept in
 * byte order. rpi_lex_at answers the longest entry the text starts with:
 *   rpi_lex_at(RPI_LEX_EDITOR_MARKS, "(eds.), Essays", 14) -> 6
 * and an exact lookup of a word is rpi_lex_at(l, w, n) == n. */
typedef struct rpi_lex_phrase {
  const char *s;
  size_t n;
} rpi_lex_phrase;

typedef enum rpi_lex_list {
  RPI_LEX_PUBLISHER_WORDS, /* publisher_words.txt: "Press", "Verlag", "Éditions" */
  RPI_LEX_PROCEEDINGS_STARTS, /* proceedings_starts.txt: "Proceedings ", "Actes du " */
  RPI_LEX_EVENT_WORDS, /* event_words.txt: "Conference", "Symp.", "Tagung" */
  RPI_LEX_EDITOR_MARKS, /* editor_marks.txt: "(eds.)", "(Hrsg.)", "éd." */
  RPI_LEX_GENRE_NOTES, /* genre_notes.txt: "Preprint", ", edited by " after a title */
  RPI_LEX_GENRE_ONLY, /* genre_only.txt: "Preprint", "Draft" as the whole note */
  RPI_LEX_IN_PRESS, /* in_press.txt: "in press", "forthcoming", "no prelo", "im Druck" */
  RPI_LEX_ARTICLES, /* articles.txt: "Ein ", "A ", "Une ": a subtitle, not a place */
  RPI_LEX_SUBTITLE_NOTES, /* subtitle_notes.txt: "Reprint", "Hrsg.", "thesis": a note, not a subtitle */
  RPI_LEX_SHORT_ABBREVS, /* short_abbrevs.txt: "al", "e.g", "Prof": whose stop ends no sentence */
  RPI_LEX_THESIS_NOTES, /* thesis_notes.txt: "(Proefschrift)", ", thèse de doctorat" */
  RPI_LEX_DEGREE_WORDS, /* degree_words.txt: "PhD", "Master's" before a thesis word */
  RPI_LEX_VOLUME_UNITS, /* volume_units.txt: "vols", "Bde" after a number of volumes */
  RPI_LEX_IN_WORDS, /* in_words.txt: "vitro", "press", "the " after "In": no container marker */
  RPI_LEX_WEB_NOTES, /* web_notes.txt: "[Internet]", "[Epub ahead of print]" */
  RPI_LEX_TRANSLATOR_NOTES, /* translator_notes.txt: ", trans. by ", ". Translated by " */
  RPI_LEX_VERSION_WORDS, /* version_words.txt: "(Version ", "(R package version " */
  RPI_LEX_EDITION_WORDS, /* edition_words.txt: "ed.", "Aufl." after an ordinal in brackets */
  RPI_LEX_TRANSLATOR_MARKERS, /* translator_markers.txt: "Translated by ", "Übers. von " */
  RPI_LEX_EDITOR_CUES, /* editor_cues.txt: ", edited by ", ", eds. " in a container */
  RPI_LEX_CONTAINER_NOTES, /* container_notes.txt: ", translated by ", ", a cura di " */
  RPI_LEX_AFTER_MARKS, /* after_marks.txt: "ón", "ández": a detached mark printed after its vowel */
  RPI_LEX_REPORT_SERIES, /* report_series.txt: "Working Paper", "Tech. Rep.", "Documento de Trabajo" */
  RPI_LEX_CLOSING_NOTES, /* closing_notes.txt: "extraits", "édition originale", "Transl. " in a closing bracket */
  RPI_LEX_LIST_COUNT_
} rpi_lex_list;

/* The entries of list l in byte order, closed by {NULL, 0}. */
const rpi_lex_phrase *rpi_lex_entries(rpi_lex_list l);
/* Bit (b & 63) of rpi_lex_next_bits[l][c] is set when an entry of l
 * starts with the byte c and then b (all bits when one is just c): a text
 * whose first two bytes have no bit there starts with no entry. */
extern const uint64_t *const rpi_lex_next_bits[RPI_LEX_LIST_COUNT_];
/* rpi_lex_at past that test: the walk over the entries of s's first byte. */
size_t rpi_lex_at_walk(rpi_lex_list l, const char *s, size_t n);
/* The length of the longest entry of l that s[0..n) starts with, 0 when
 * none does. Inline: most calls (21 a reference, from a dozen stages) are
 * answered by the second-byte test, cheaper than a call. */
static inline size_t rpi_lex_at(rpi_lex_list l, const char *s, size_t n) {
  if (!n)
    return 0;
  if (n >= 2 && !((rpi_lex_next_bits[l][(unsigned char)s[0]] >> ((unsigned char)s[1] & 63)) & 1u))
    return 0; /* no entry with this first byte goes on with this second one */
  return rpi_lex_at_walk(l, s, n);
}

/* Self-check of the generated tables (order, lookup of every entry, the
 * shapes the fast paths assume); returns the number of faults, 0 when all
 * is well. For the test suite. */
size_t rpi_lex_check(void);

#endif
