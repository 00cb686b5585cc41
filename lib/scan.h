/*
 * scan.h: the primitives every stage builds on, over the working copy in
 * `st` (stage.h): the pattern ids and find() with its keyword guards
 * (match.c), byte and word scanners, sentence stops, quotes and other
 * span tests (scan.c). The tiny hot ones are static inline here.
 *
 *   rpi_scan_count_words("Title   of it") -> 3
 *   rpi_scan_quoted("\u201cTitle,\u201d Journal") -> [qa, qb) = "Title,",
 *     *after at " Journal"
 */
#ifndef RP_SCAN_H
#define RP_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lexicon.h"
#include "rx.h"
#include "simd.h"
#include "stage.h"

/* The patterns by id (P_*) and their named groups (G_*, RPI_G_*): generated
 * from lib/data/patterns.rx. */
#include "rx_patterns.h"

typedef rpi_lex_phrase lit_t; /* a literal and its length, as the phrase lists hold them */
#define LIT(x) {x, sizeof x - 1}

/* The kinds of comma-separated segment an imprint is made of. */
enum { SEG_OTHER, SEG_YEAR, SEG_REGION, SEG_PLACE, SEG_CITY, SEG_PUB };

/* ---- match.c: searching with keyword guards ---- */

/* ---- keyword guards ------------------------------------------------------ *
 * Many patterns need a keyword ("retrieved", "ISBN") that most references
 * lack, yet a PCRE2 search for it tries nearly every position (UCP \b, many
 * alternatives). For a keyword to occur, each pair of its adjacent letters
 * must occur: rpi_match_pairs_init() notes the pairs present in one pass over the
 * text, and may_match() runs a pattern only when one of its keywords is
 * possible. A necessary condition only, so a guard never hides a match
 * (blanking text only removes pairs); PCRE2's caseless matching equates
 * U+017F and U+212A with 's' and 'k', so a text holding either passes.
 * KEEP EACH CASE IN STEP WITH ITS PATTERN; build with -DRP_CHECK_GUARDS to
 * have find() verify every guard (abort on a match a guard would hide). */
void rpi_match_pairs_init(st *s);

/* find() for a match starting at or before `limit` ((size_t)-1: anywhere);
 * a limit needs the pattern compiled with RPI_RX_OFFSET_LIMIT. */
int rpi_match_find_lim(st *s, int id, size_t from, size_t limit, rpi_match *m);

/* The first match of pattern id at or after `from` (1), none (0), or an
 * error; keyword guards skip searches that cannot match. */
int rpi_match_find(st *s, int id, size_t from, rpi_match *m);

/* ---- scan.c: spans of the working copy ---- */

/* "(eds)", "(Ed.)", "eds.", "(Hrsg.)", "(éd.)", "(org.)", "(coord.)" */
size_t rpi_scan_editor_mark(const st *s, size_t i);

/* A translators' mark in brackets at i: "(trans.)", "(Trans.)",
 * "(transl.)", "(tr.)", "(trad.)", "(Übers.)". Returns its end, or 0. */
size_t rpi_scan_translator_mark(const st *s, size_t i);

/* The start of the run of letters ending at p, not before lo. */
size_t rpi_scan_word_before(const st *s, size_t p, size_t lo);


/* The end of [a, b) without the date closing an imprint: edge characters,
 * digits and month names (", March 1990", ", 12 May", "VA 23529"). */
size_t rpi_scan_trim_date_tail(const st *s, size_t a, size_t b);

/* The rest of the region [a, hi) is made only of abbreviation-like tokens
 * ("Statist. Assoc.", "J", "Phys. Rev. Lett") and connectors. */
bool rpi_scan_abbrev_run(const st *s, size_t a, size_t hi);

/* [a, hi) is a journal abbreviation as NLM prints one, without periods
 * ("Nucl Instrum Methods A", "Phys Lett B"): two to eight capitalised
 * words without stops, two of them or more title-word abbreviations of
 * lib/data/iso4_abbrevs.txt. */
bool rpi_scan_nlm_abbrev(const st *s, size_t a, size_t hi);

/* The word [ws, p) before a full stop at p is an abbreviation inside a
 * name, not the end of a sentence: a listed one ("Comput", "Recognit"),
 * a capitalised word of four letters or fewer ("Vis", "Ges"), a
 * consonant-final one next to another abbreviation ("Energy Convers.
 * Congr."), or an ordinal ("44", "27e", "5th"; not "AAAI-91"). */
bool rpi_scan_abbrev_word(const st *s, size_t ws, size_t p);

/* "Dordrecht: D. Reidel", "New York: Norton": one to three capitalised
 * words, a colon, a capitalised word, at k. */
bool rpi_scan_place_colon_at(const st *s, size_t k, size_t hi);

/* Is the character at p ('.', '?', '!') the end of a sentence inside
 * [lo, hi)? Periods after initials and ISO 4 abbreviations are not. */
bool rpi_scan_real_stop_at(const st *s, size_t lo, size_t hi, size_t p);

/* A volume in capital Roman numerals at k ("XXXII", "LXXIX") ending before
 * a comma, a space or b: its end, or UNSET. */
size_t rpi_scan_roman_end(const st *s, size_t k, size_t b);

/* Quoted title at the start of [a, b): “...”, "...", ‘...’, «...»; a quote
 * nested in the same marks ("“The Long “Sixties” in Britain”") is inside */
bool rpi_scan_quoted(const st *s, size_t a, size_t b, size_t *qa, size_t *qb, size_t *after);

/* Trim [*a, *b) and take off up to two opening and closing quotes. */
void rpi_scan_strip_quotes(const st *s, size_t *a, size_t *b);

/* Drop what blanking left at the end of [a, *b): a dangling "(" or "[",
 * or brackets around nothing ("Book title (pp. 1-20)" after the pages went). */
void rpi_scan_trim_open(const st *s, size_t a, size_t *b, bool dates);

/* Whether c[0..len) is a machine learning or computer science
 * conference cited by its acronym alone ("ICLR", "NeurIPS", "ICCV'11",
 * "AAAI-90"): one of the acronyms the function knows (ICLR, ICML,
 * NeurIPS, NIPS, CVPR, ICCV, ECCV, ACL, EMNLP, NAACL, AAAI, IJCAI, KDD,
 * SIGMOD, SIGIR, ICRA, ...), then at most a year, an apostrophe and stops
 * (no letter: not "CHI Letters"). */
bool rpi_scan_conference_acronym(const char *c, size_t len);

/* "Preprint", "Submitted", "Ph.D. thesis", "Tech. Rep.": a note on the
 * work's status or genre, not a container. */
bool rpi_scan_genre_only(st *s, size_t a, size_t b);

/* "Ph.D. Thesis", "Masters Thesis", "Tech Report": the degree or kind
 * printed before a genre word at g belongs to it. Returns where the genre
 * starts, at most two words before g and not before a. */
size_t rpi_scan_degree_before(const st *s, size_t a, size_t g);

/* A thesis note in [a, b): a P_THESIS match with its degree ("Doctoral
 * dissertation", "PhD thesis"), or a note in words the pattern does not
 * take, set off by brackets or commas ("(Proefschrift)", "[dissertation]",
 * ", thèse de doctorat,", ", praca doktorska,"). Returns its start (*ge
 * its end), or UNSET. */
size_t rpi_scan_thesis_note(st *s, size_t a, size_t b, size_t *ge);

/* The number of space-separated words in [a, b). */
size_t rpi_scan_count_words(const st *s, size_t a, size_t b);

/* ISBD's area separator at k, before b: "- " or an en or em dash and a
 * space (". - Paris : Le Monde", ". – Cavaillon"). Returns its length with
 * the space, or 0. */
size_t rpi_scan_area_dash(const st *s, size_t k, size_t b);

/* "In ", "In:" or "in " at k: a chapter's "In" marker. */
bool rpi_scan_find_in_at(const st *s, size_t k);

/* First real sentence end in [a, b), or b. */
size_t rpi_scan_first_stop(const st *s, size_t a, size_t b);

/* Digits in [a, b) only, at least one. */
bool rpi_scan_all_digits(const st *s, size_t a, size_t b);

/* Whether [a, b) holds nothing but punctuation, numbers, month names,
 * blanked identifiers and bracketed notes ("Sep. 2018", "doi: ...",
 * "[Online]. Available: URL", blanked): what
 * may stand between a locator and a copy of it. Words ("Reprinted in Hist
 * Psychiatry.") make the numbers after them another work's locator. */
bool rpi_scan_only_notes(const st *s, size_t a, size_t b);

/* The end of the run of locator-copy characters that starts at a: digits,
 * white space, ";:().,-", "Vol Page" and a page's letter before a digit
 * ("e1745"). */
size_t rpi_scan_copy_run_end(const st *s, size_t a);

/* The first position at or after a that is not a note rpi_scan_only_notes
 * allows (white space, punctuation, a bracketed note, a month name): where
 * a copy of a locator may start. */
size_t rpi_scan_skip_notes(const st *s, size_t a);

/* ---- inline primitives ---- */

/* The literal lit (n bytes) at w[i], never reading past the working copy. */
static inline bool at_lit(const st *s, size_t i, const char *lit, size_t n) {
  return i <= s->n && n <= s->n - i && memcmp(s->w + i, lit, n) == 0;
}

/* Does the literal lit (n bytes) occur in w[a, b), exactly? memchr finds
 * its first byte, or its second after a leading space (a space opens
 * nearly every word). */
static inline bool rpi_scan_has_lit(const st *s, size_t a, size_t b, const char *lit, size_t n) {
  if (n == 0 || b > s->n || b < a + n)
    return false;
  size_t k = lit[0] == ' ' && n > 1;
  const char *p = s->w + a + k, *last = s->w + b - n + k; /* where lit[k] may stand */
  while (p <= last && (p = memchr(p, lit[k], (size_t)(last - p) + 1)) != NULL) {
    if (memcmp(p - k, lit, n) == 0)
      return true;
    p++;
  }
  return false;
}

/* May the lower-case ASCII word lit (n bytes) occur in the text, in any
 * case? Inline with a constant word: the loop unrolls to fixed bit tests. */
static inline __attribute__((always_inline)) bool has_word(const st *s, const char *lit, size_t n) {
  if (s->pairs_all)
    return true;
  for (size_t i = 0; i + 1 < n; i++)
    if (!((s->pairs[lit[i] - 'a'] >> (lit[i + 1] - 'a')) & 1u))
      return false;
  return true;
}

/* The 8 bytes at p as a number, p[0] lowest whatever the byte order (one
 * load where the compiler sees it): the byte masks below (value_start8,
 * byte_eq, first_byte) count byte k of memory as byte k of the number. */
static inline uint64_t load8(const void *p) {
  uint64_t x;
  memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap64(x);
#elif !defined(__BYTE_ORDER__)
  const unsigned char *b = p;
  x = 0;
  for (int k = 7; k >= 0; k--)
    x = x << 8 | b[k];
#endif
  return x;
}

static inline int find(st *s, int id, size_t from, rpi_match *m) { return rpi_match_find(s, id, from, m); }


static inline bool gset(const rpi_match *m, int g) { return g >= 0 && m->g[g][0] != (size_t)-1; }

static inline void blank(st *s, size_t a, size_t b) {
  if (b > s->n)
    b = s->n;
  for (size_t i = a; i < b; i++)
    s->w[i] = ' ';
}

static inline bool is_edge(char c) {
  return c == ' ' || c == '.' || c == ',' || c == ';' || c == ':';
}

/* Trim spaces and separators from both ends of [*a, *b). */
static inline void trim(const char *w, size_t *a, size_t *b) {
  while (*a < *b && is_edge(w[*a]))
    (*a)++;
  while (*b > *a && is_edge(w[*b - 1]))
    (*b)--;
}

/* Eight bytes at a time: byte_eq() gives 0x80 in each byte of v equal to
 * c and 0 in every other bit (exact: no carry crosses a byte). */
#define BYTES_80 0x8080808080808080u
static inline uint64_t byte_eq(uint64_t v, unsigned char c) {
  uint64_t x = v ^ (0x0101010101010101u * c), l = 0x7F7F7F7F7F7F7F7Fu;
  return ~(((x & l) + l) | x | l);
}

static inline uint64_t space_bytes(uint64_t v) { return byte_eq(v, ' '); }

/* The index (0-7, in memory order) of the first byte set in a nonzero
 * byte_eq()-style mask of a load8() value. */
static inline size_t first_byte(uint64_t m) { return (size_t)__builtin_ctzll(m) >> 3; }

#if RPI_SSE2
/* The bytes of the sixteen at p that are x, y or z: bit k for byte k (simd.h). */
static inline unsigned any3_16(const char *p, unsigned char x, unsigned char y, unsigned char z) {
  rpi_v16 v = rpi_v16_load(p);
  return rpi_v16_mask(rpi_v16_or(rpi_v16_or(rpi_v16_eq(v, x), rpi_v16_eq(v, y)), rpi_v16_eq(v, z)));
}

#endif

/* The index of the last byte set in such a mask. */
static inline size_t last_byte(uint64_t m) { return (size_t)(63 - __builtin_clzll(m)) >> 3; }


/* Where the run of ASCII digits ending at p starts (p when none), not
 * before lo. */
static inline size_t digits_before(const st *s, size_t lo, size_t p) {
  while (p > lo && s->w[p - 1] >= '0' && s->w[p - 1] <= '9')
    p--;
  return p;
}

static inline size_t skip_sp(const st *s, size_t i) {
  while (i < s->n && s->w[i] == ' ')
    i++;
  return i;
}

static inline bool ascii_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static inline bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

static inline bool is_cjk(unsigned cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB);
}

/* Most positions hold no '.', '?' or '!', where rpi_scan_real_stop_at() says no at
 * once: test that inline, without a call. */
static inline bool real_stop(const st *s, size_t lo, size_t hi, size_t p) {
  char c = s->w[p];
  return (c == '.' || c == '?' || c == '!') && rpi_scan_real_stop_at(s, lo, hi, p);
}

/* The stops ('.', '?', '!') among the eight bytes at w, a byte_eq() mask. */
static inline uint64_t stops8(const char *w) {
  uint64_t v = load8(w);
  return byte_eq(v, '.') | byte_eq(v, '?') | byte_eq(v, '!');
}

/* The first p in [q, b) where w[p] is x, y or z, or b (q >= b: b). */
static inline size_t next_of3(const char *w, size_t q, size_t b, unsigned char x, unsigned char y,
                              unsigned char z) {
#if RPI_SSE2
  for (; q + 16 <= b; q += 16) {
    unsigned m = any3_16(w + q, x, y, z);
    if (m)
      return q + (unsigned)__builtin_ctz(m);
  }
#endif
  for (; q + 8 <= b; q += 8) {
    uint64_t v = load8(w + q), m = byte_eq(v, x) | byte_eq(v, y) | byte_eq(v, z);
    if (m)
      return q + first_byte(m);
  }
  for (; q < b; q++)
    if ((unsigned char)w[q] == x || (unsigned char)w[q] == y || (unsigned char)w[q] == z)
      return q;
  return b;
}

/* Finding the first of many literals in a span: a filter (parse.h) holds
 * a bit for a hash of each literal's first four bytes, so a position whose
 * four bytes hash to a clear bit starts none of them (a necessary condition
 * only). Every literal must have four bytes or more. The filters of the
 * fixed lists below are made once, in rp_parser_new (rpi_title_lit_filters_init). */
typedef rpi_lit_filter lit_filter;

static inline unsigned lit_hash(const char *w) {
  uint32_t v;
  memcpy(&v, w, 4);
  return (unsigned)((v * 0x9E3779B1u) >> 20); /* 12 bits */
}

/* May a literal of the filter start at w (four bytes readable)? */
static inline bool lit_filter_may(const lit_filter *f, const char *w) {
  unsigned h = lit_hash(w);
  return (f->m[h >> 6] >> (h & 63)) & 1u;
}

#endif
