/*
 * imprint.h: the pieces of an imprint that several stages read: places,
 * publishers, proceedings names, "City: Publisher" and ", City, Publisher"
 * tails, and the publisher and place fields set from them.
 *
 *   "New York: Wiley, 2001" -> publisher-place "New York", publisher "Wiley"
 */
#ifndef RP_IMPRINT_H
#define RP_IMPRINT_H

#include "rx.h"
#include "stage.h"

/* find(P_PUBPLACE) from `from`, with the (costly) search started where a
 * match may first start. A match is "Place[, ST] : Publisher": before its
 * ':' (the first one after its start, as no ':' comes earlier in it) only
 * letters, ".' -", ',' and white space, at most 45 of them ASCII and not
 * white space (a capital, 40 more, ',' and 3 capitals). So a match with
 * the first ':' after from starts after the last other ASCII byte before
 * that ':', and within 45 such characters of it; a later match starts
 * after that ':'. Non-ASCII bytes (letters, Unicode spaces) are walked
 * over uncounted, control bytes taken for white space: both err on the
 * side of starting earlier. No ':', no match. After its ':' comes the
 * publisher ("[^:;()]{2,80}?") and then ',', '.' or the end: with neither
 * ',' nor '.' before the next ':', ';', '(' or ')', and that not the end, no
 * match has this ':' (and a failing search there can cost a million
 * instructions, backtracking over blanked runs of spaces): take the next
 * ':'. Not without JIT: there the interpreter's match limit may stop that
 * search ("limit" warning, rule skipped), and it must stay so. The caller
 * wants only a match starting before lim: when none can, no search.
 * KEEP IN STEP WITH P_PUBPLACE; -DRP_CHECK_GUARDS checks against a plain
 * search. */
int rpi_imprint_find_pubplace(st *s, size_t from, size_t lim, rpi_match *m);

/* Publisher and place in [a, b): "City: Publisher, 2001", "Publisher,
 * City", "City, ST: Publisher". */
void rpi_imprint_publisher_place(st *s, size_t a, size_t b);

/* ", Bern, Stuttgart", ", Weinheim, Basel", ", Gothenburg, Sweden",
 * ", Madison, WI", ", London and New York": known cities (or two joined,
 * rpi_imprint_cities) ending [a, b), each maybe followed by a
 * country or a two-letter state. Returns the comma before the first
 * city, a when [a, b) is only places, or UNSET. */
size_t rpi_imprint_city_list_tail(const st *s, size_t a, size_t b);

/* Whether [k, e) is a known city, or two joined by a connector ("Hamburg
 * und Leipzig", "London and New York", "Paris et Genève"), or known
 * cities joined by slashes ("Berkeley/London"). */
bool rpi_imprint_cities(const st *s, size_t k, size_t e);

/* "Centre for Agricultural Publishing, Wageningen.", "Ohio University
 * Press, Athens, Ohio, USA.", "Island Press, Washington, D.C., 2001.": the
 * last sentence of the reference at k is a publisher-first comma imprint,
 * a publisher's segment (a body's or a publisher's words), then places,
 * regions and a year with a city or a region among them. */
bool rpi_imprint_pub_place_sentence(const st *s, size_t k);

/* A known city of one to three words (with a state's code of two capitals
 * after it: "Trenton NJ") run on from the words before it with no
 * punctuation and ending before the colon at c: "... Three Centuries of
 * Encounters Trenton NJ: Africa World Press", "... Radicals and
 * Terrorists Oxford: Oxford University Press". Returns the city's start
 * (after lo), or UNSET: no such city, or the word before it may open the
 * city's own name ("West", "San", "Fort"), is a known city too ("Berlin
 * Heidelberg: Springer") or a connector ("London and New York"). prev (may
 * be NULL) gets where that word starts. */
size_t rpi_imprint_glued_city(const st *s, size_t lo, size_t c, size_t *prev);

/* GSA's "Title: Malden, Massachusetts, Blackwell Science" ending [a, b)
 * (trailing ", ." aside): the last colon of one sentence, a known city,
 * an optional state or country, and a publisher of at most six words
 * with no digit; no bracket in [a, b) and two words or more before the
 * colon. Sets the colon's offset and the place's and publisher's spans;
 * false (nothing set) when [a, b) does not end so. */
bool rpi_imprint_colon_city_pub(const st *s, size_t a, size_t b, size_t *colon, size_t *pa, size_t *pb, size_t *ua,
                                size_t *ub);

/* Does [a, b) hold a publisher's word ("Press", "Verlag", "Wiley")? */
bool rpi_imprint_has_publisher_word(const st *s, size_t a, size_t b);

/* ", Cambridge 1977" / ", New York and London 1982" / ", Berlin – Leiden
 * 1923-1958" / ", Austin 1996a" ending [q, b): a place and a year. */
bool rpi_imprint_place_year_tail(const st *s, size_t q, size_t b);

/* A proceedings volume named without "In": "Proceedings of ...",
 * "Proc. ...", "Symposium on ...". */
bool rpi_imprint_proc_at(const st *s, size_t k);

/* The end of a proceedings name starting at a: before "(", a sentence end,
 * or a comma that opens a place, a date or pages. */
size_t rpi_imprint_proc_end(const st *s, size_t a, size_t b);

/* Whether [a, b) opens with an event's name: a proceedings marker, or an
 * event word ("Conf.", "Meeting", "Symposium", "Jahrestag", "Colloq.")
 * among its first eight words ("IEEE Int. Electron Devices Meeting",
 * "2019 Int. Conf. Unmanned Aircr. Syst."). */
bool rpi_imprint_event_at(const st *s, size_t a, size_t b);

/* [a, b) looks like a place: 1-4 capitalised words ("Seattle", "New York",
 * "Lanham-Boulder-New York-Oxford"), no digits, no journal words. */
bool rpi_imprint_place_words(const st *s, size_t a, size_t b);

/* ", Roma, Carocci" / ", Paris, Seuil, 1996" / ", Milano, Garzanti, 1988"
 * ending [a, b): the comma before the city, or UNSET. *pa..*pe is the
 * city, *ua..*ue the publisher. */
size_t rpi_imprint_city_pub_tail(const st *s, size_t a, size_t b, size_t *ca, size_t *ce, size_t *ua,
                            size_t *ue);

/* What the comma-separated imprint segment [a, b) is: a year, a region
 * (country, state, "n.d."), a known city, a publisher, another place, or
 * none of these (SEG_OTHER). */
int rpi_imprint_seg(const st *s, size_t a, size_t b);

/* "Title, Librairie illustrée, Paris, 1892", "Title, Institute of
 * Informatics, Oslo, Norway": where the text [a, b) gives way to a
 * comma-separated imprint that names its publisher (segments read by
 * rpi_imprint_seg from the end), or UNSET. */
size_t rpi_imprint_comma_cut(const st *s, size_t a, size_t b);

/* Whether the sentence [ns, te2) reads as a subtitle of the title before
 * it: capitalised, at most 14 words, no genre, edition, translator or
 * editor words, no digits or brackets, no publisher, journal or body
 * name, and worded like a sentence ("An eightfold path to midlife love")
 * or a title-case phrase joined by commas or connectors ("Age, Gender
 * and Daily Survival in Industrializing Montreal"). With imprint_next
 * (the imprint follows the sentence) any phrase of two words or more
 * passes those checks ("Spezielle Grundlagen"). */
bool rpi_imprint_subtitle_sentence(st *s, size_t ns, size_t te2, bool imprint_next);

/* Whether [k, b) opens with a "Place: Publisher" imprint, the place one to
 * six capitalised words with connectors, abbreviations and a region
 * ("Frankfurt/M.: Campus", "Freiburg i. Br.: Alber", "Reading (MA):
 * Addison-Wesley", "Rio de Janeiro: Fiocruz", "Paris, France : Economica"). */
bool rpi_imprint_starts_at(const st *s, size_t k, size_t b);

#endif
