#include "lexicon.h"
#include "scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t lpages_first(const st *s, size_t from);
static bool may_match_now(const st *s, int id, size_t from, size_t limit);

void rpi_match_pairs_init(st *s) {
  /* a class per byte: its letter 0..25 (either case), 26 for other bytes,
   * 27..30 for 0xC5, 0xE2, 0xBF, 0x84 (the bytes of U+017F and U+212A), 31
   * for 0xE5..0xED (a Korean, Japanese or Chinese character's lead byte) */
  static const unsigned char cls[256] = {
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
      15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 26, 26, 26, 26,
      26,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
      15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 30, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 29,
      26, 26, 26, 26, 26, 27, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 28, 26, 26, 31, 31, 31, 31, 31, 31, 31, 31, 31, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
  };
  /* pr[a] has bit b when class a is followed by class b somewhere; rows
   * 26..31 and bits 26..31 only serve the non-ASCII tests */
  uint32_t pr[32] = {0};
  const unsigned char *w = (const unsigned char *)s->w;
  size_t i = 0;
  unsigned a = 26;
  for (; i + 4 <= s->n; i += 4) { /* the same pairs, four bytes a round */
    unsigned b0 = cls[w[i]], b1 = cls[w[i + 1]], b2 = cls[w[i + 2]], b3 = cls[w[i + 3]];
    pr[a] |= 1u << b0;
    pr[b0] |= 1u << b1;
    pr[b1] |= 1u << b2;
    pr[b2] |= 1u << b3;
    a = b3;
  }
  for (; i < s->n; i++) {
    unsigned b = cls[w[i]];
    pr[a] |= 1u << b;
    a = b;
  }
  for (size_t k = 0; k < 26; k++)
    s->pairs[k] = pr[k] & ((1u << 26) - 1);
  /* U+017F (C5 BF), or U+2100..U+213F (E2 84, U+212A among them) */
  s->pairs_all = ((pr[27] >> 29) & 1u) || ((pr[28] >> 30) & 1u);
  uint32_t any = 0;
  for (size_t k = 0; k < 32; k++)
    any |= pr[k];
  s->cjk_lead = (any >> 31) & 1u;
}

/* Does the byte string lit (n bytes) occur in the text, exactly? Not when
 * a pair of adjacent ASCII letters of lit is missing from s->pairs. */
static bool has_lit(const st *s, const char *lit, size_t n) {
  for (size_t i = 0; i + 1 < n; i++) {
    unsigned a = ((unsigned char)lit[i] | 0x20u) - 'a', b = ((unsigned char)lit[i + 1] | 0x20u) - 'a';
    if (a < 26 && b < 26 && !((s->pairs[a] >> b) & 1u))
      return false;
  }
  for (const char *p = s->w, *e = s->w + s->n; (size_t)(e - p) >= n;) {
    p = memchr(p, lit[0], (size_t)(e - p) - n + 1);
    if (!p)
      return false;
    if (memcmp(p, lit, n) == 0)
      return true;
    p++;
  }
  return false;
}

/* Where the text ends before white space, a period and white space (ASCII
 * white space only: "\\s*\\.?\\s*$" as far as ASCII tells). */
static size_t end_before_stop(const st *s) {
  size_t e = s->n;
  while (e > 0 && (s->w[e - 1] == ' ' || (s->w[e - 1] >= '\t' && s->w[e - 1] <= '\r')))
    e--;
  if (e > 0 && s->w[e - 1] == '.')
    e--;
  while (e > 0 && (s->w[e - 1] == ' ' || (s->w[e - 1] >= '\t' && s->w[e - 1] <= '\r')))
    e--;
  return e;
}

/* May the text end with a digit, then white space, a period, white space
 * ("\\d\\s*\\.?\\s*$")? A non-ASCII byte there may be a Unicode digit or space
 * (UCP): then yes. */
static bool may_end_in_digit(const st *s) {
  size_t e = end_before_stop(s);
  return e > 0 && ((s->w[e - 1] >= '0' && s->w[e - 1] <= '9') || (unsigned char)s->w[e - 1] >= 0x80);
}

/* Bytes \s may stand for in ASCII (UCP: \t \n \v \f \r and space; any other
 * white space is non-ASCII). Taking every control byte errs on the safe side. */
static inline bool sp_or_ctl(unsigned char c) { return c <= ' '; }

static inline bool is_ascii_word(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_';
}

/* Can the UTF-8 character ending at w[e - 1] (non-ASCII) be white space
 * (UCP \s)? Those are U+0085, U+00A0, U+1680, U+180E, U+2000..U+200A,
 * U+2028, U+2029, U+202F, U+205F and U+3000: lead byte C2, E1, E2 or E3.
 * Yes also for U+010D, which ends the Czech labels "roč." and "č." (the
 * label guards ask this at a non-ASCII byte before a value), and for the
 * Cyrillic letters (lead byte D0 or D1), which end the Russian labels
 * "Т.", "С.", "Вып.". */
static bool may_be_uspace(const unsigned char *w, size_t e) {
  size_t q = e - 1;
  while (q > 0 && (w[q] & 0xC0u) == 0x80u)
    q--;
  return w[q] == 0xC2 || (w[q] >= 0xE1 && w[q] <= 0xE3) || (w[q] == 0xC4 && w[q + 1] == 0x8D) ||
         w[q] == 0xD0 || w[q] == 0xD1;
}

/* Where a label before w[v] would end: back over white space, then one '.'. */
static size_t label_end(const unsigned char *w, size_t v) {
  while (v > 0 && sp_or_ctl(w[v - 1]))
    v--;
  return v > 0 && w[v - 1] == '.' ? v - 1 : v;
}

/* May a label from labels[] (NULL-terminated) end before the value starting
 * at w[v], with "\.?\s*" between? Walks back from v over white space and an
 * optional '.'. A non-ASCII character met there may be Unicode white space
 * or end a non-ASCII label ("n\x{b0}"): then yes, if may_be_uspace() (whose
 * lead bytes take in U+00B0 and U+00BA) says so; no other non-ASCII
 * character ends a label. With wb, the label follows "\b" (all
 * labels start with a letter), so an ASCII letter, digit or '_' before it
 * rules it out. */
static bool label_before(const st *s, size_t v, const lit_t *labels, bool wb) {
  const unsigned char *w = (const unsigned char *)s->w;
  size_t e = label_end(w, v);
  if (e == 0)
    return false;
  if (w[e - 1] >= 0x80) /* Unicode white space, or "n\x{b0}" ("\xc2\xb0") and the like */
    return may_be_uspace(w, e);
  if ((w[e - 1] | 0x20u) - 'a' >= 26u)
    return false; /* every ASCII label ends in a letter */
  for (size_t k = 0; labels[k].s; k++) {
    size_t l = labels[k].n;
    if (l <= e && w[e - 1] == (unsigned char)labels[k].s[l - 1] &&
        memcmp(w + e - l, labels[k].s, l) == 0 &&
        !(wb && e > l && is_ascii_word(w[e - l - 1])))
      return true;
  }
  return false;
}

/* Which of the 8 bytes in x look like a value's first byte: an ASCII digit
 * or, with roman, an ASCII capital (a superset of [IVXLC])? Bit 7 of each
 * such byte is set. Each byte is tested on its own (no carry crosses a
 * byte). */
static inline uint64_t value_start8(uint64_t x, bool roman) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  uint64_t y = x & ~high; /* the low 7 bits of each byte */
  uint64_t digit = (y + (0x80 - '0') * ones) & ~(y + (0x80 - ('9' + 1)) * ones) & ~x & high;
  uint64_t cap = roman ? (y + (0x80 - 'A') * ones) & ~(y + (0x80 - ('Z' + 1)) * ones) & ~x & high : 0;
  return digit | cap;
}

#if RPI_SSE2
/* value_start8() for the 16 bytes at p: bit k set when byte k is an ASCII
 * digit or, with roman, an ASCII capital. */
static inline unsigned value_start16(const unsigned char *p, bool roman) {
  rpi_v16 x = rpi_v16_load(p);
  unsigned m = rpi_v16_mask(rpi_v16_between(x, '0' - 1, '9' + 1));
  return roman ? m | rpi_v16_mask(rpi_v16_between(x, 'A' - 1, 'Z' + 1)) : m;
}
#endif

/* P_LISS, P_LVOL: a label, "\.?\s*", then the value, which starts with an
 * ASCII digit ("[0-9]") or, for P_LVOL, [IVXLC]. Only the ASCII labels
 * need listing (label_before() says yes at a non-ASCII character that may
 * end one); `last` has a bit LAST(c) for the last byte c of each (a
 * letter), so that most values need no label_before(). Both patterns have
 * "\b" before the label. The match starts with the label, in [from, limit]
 * (limit (size_t)-1: anywhere): a label (at most LABEL_MAX bytes) ends by
 * limit + LABEL_MAX, and only '.' and white space (ASCII, or non-ASCII
 * bytes) come between it and the value, so values past the first other
 * byte after that need no look. */
#define LABEL_MAX 6
#define LAST(c) (1ull << ((c) - 'A'))
/* May a value of P_LISS/P_LVOL start at w[i] (i > 0) after a label? */
static inline bool label_value_at(const st *s, size_t i, const lit_t *labels, uint64_t last, bool roman) {
  const unsigned char *w = (const unsigned char *)s->w;
  unsigned c = w[i];
  if (c - '0' < 10u) {
    if ((unsigned)(w[i - 1] - '0') < 10u)
      return false; /* not the first digit */
  } else if (roman && (c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C')) {
    size_t j = i; /* "[IVXLC]+\b": the run ends the word */
    while (j < s->n && (w[j] == 'I' || w[j] == 'V' || w[j] == 'X' || w[j] == 'L' || w[j] == 'C'))
      j++;
    if (j < s->n && w[j] < 0x80 && is_ascii_word(w[j]))
      return false;
  } else {
    return false;
  }
  size_t e = label_end(w, i); /* label_before()'s first tests, then the last byte */
  if (e == 0)
    return false;
  unsigned char b = w[e - 1];
  return b >= 0x80 ? may_be_uspace(w, e)
                   : (unsigned)(b - 'A') < 58u && ((last >> (b - 'A')) & 1u) && label_before(s, i, labels, true);
}

/* The first value start (in the order of the text) that may follow a
 * label, or (size_t)-1: a necessary condition of a P_LISS/P_LVOL match. */
static size_t label_value_first(const st *s, const lit_t *labels, uint64_t last, bool roman, size_t from,
                                size_t limit) {
  const unsigned char *w = (const unsigned char *)s->w;
#ifdef RP_CHECK_GUARDS
  for (size_t k = 0; labels[k].s; k++) {
    unsigned b = (unsigned char)labels[k].s[labels[k].n - 1] - 'A';
    if (b >= 58u || !((last >> b) & 1u))
      abort(); /* `last` is out of step with the labels */
  }
#endif
  size_t hi = s->n; /* values at [from + 1, hi) */
  if (limit < s->n && s->n - limit > LABEL_MAX) {
    hi = limit + LABEL_MAX;
    while (hi < s->n && (sp_or_ctl(w[hi]) || w[hi] == '.' || w[hi] >= 0x80))
      hi++;
    if (hi < s->n)
      hi++;
  }
  for (size_t i = from + 1; i < hi;) { /* a label comes first: never at from */
#if RPI_SSE2
    if (i + 16 <= hi) { /* the candidates among 16 bytes, lowest first */
      for (unsigned m = value_start16(w + i, roman); m; m &= m - 1)
        if (label_value_at(s, i + (size_t)__builtin_ctz(m), labels, last, roman))
          return i + (size_t)__builtin_ctz(m);
      i += 16;
      continue;
    }
#endif
    if (i + 8 <= hi) { /* the candidates among 8 bytes, lowest first */
      for (uint64_t m = value_start8(load8(w + i), roman); m; m &= m - 1)
        if (label_value_at(s, i + (size_t)__builtin_ctzll(m) / 8, labels, last, roman))
          return i + (size_t)__builtin_ctzll(m) / 8;
      i += 8;
      continue;
    }
    if (label_value_at(s, i, labels, last, roman))
      return i;
    i++;
  }
  return (size_t)-1;
}

static const lit_t liss_labels[] = {
    LIT("no"),   LIT("No"),    LIT("NO"),     LIT("nos"),    LIT("Nos"),  LIT("n"),
    LIT("nr"),   LIT("Nr"),    LIT("num"),    LIT("n\xc3\xbam"), LIT("issue"), LIT("Issue"),
    LIT("Heft"), LIT("H"),     LIT("fasc"),   LIT("number"), LIT("Number"), LIT("cuad"),
    LIT("iss"),  LIT("Iss"),   {NULL, 0}};
static const lit_t lvol_labels[] = {
    LIT("vol"),  LIT("vols"), LIT("volume"), LIT("Volume"), LIT("Vol"), LIT("Vols"),
    LIT("VOL"),  LIT("Bd"),   LIT("Jg"),     LIT("tome"),   LIT("Tome"), LIT("t"),
    LIT("v"),    LIT("anno"), LIT("a\xc3\xb1o"), LIT("ano"), LIT("Band"), LIT("jg"),
    LIT("Jahrgang"), LIT("\xc3\xa5rg"), LIT("\xc3\x85rg"), {NULL, 0}};

/* label_value_first() for P_LISS or P_LVOL. */
static size_t liss_lvol_first(const st *s, int id, size_t from, size_t limit) {
  if (id == P_LISS)
    return label_value_first(s, liss_labels,
                             LAST('o') | LAST('O') | LAST('s') | LAST('n') | LAST('r') | LAST('m') | LAST('e') |
                                 LAST('t') | LAST('H') | LAST('c') | LAST('d'),
                             false, from, limit);
  return label_value_first(s, lvol_labels,
                           LAST('l') | LAST('s') | LAST('e') | LAST('L') | LAST('d') | LAST('g') | LAST('t') |
                               LAST('v') | LAST('o'),
                           true, from, limit);
}

/* A P_LISS/P_LVOL/P_LPAGES match with its value at v starts with the
 * label, and the label and "\.?\s*" after it (and a P_LPAGES value's
 * letters before its digits) hold only ASCII letters, non-ASCII bytes, '.'
 * and white space: so no match starts before the run of those bytes before
 * the first value start label_value_first() (or digit run lpages_first())
 * gives (a later value's run ends after it or runs on into the same run). */
static size_t label_run_start(const st *s, size_t from, size_t v) {
  const unsigned char *w = (const unsigned char *)s->w;
  while (v > from && ((w[v - 1] | 0x20u) - 'a' < 26u || w[v - 1] >= 0x80 || w[v - 1] == '.' || sp_or_ctl(w[v - 1])))
    v--;
  return v;
}

/* P_EDITION: "(?<e>\d+)\s*(suffix)?\s*(keyword)" where every keyword starts
 * with "ed", "Aufl" or "\xc3\xa9d", and every byte between the number and the
 * keyword is white space, '.', a letter of "st nd rd th a e er" / "\xc3\xa8me"
 * or a non-ASCII byte; or "(First|...|Revised|, first|. first|...)\s+(ed\.|edition)". For
 * each keyword start, walk back over those bytes: an ASCII digit reached, or
 * a non-ASCII byte met (a Unicode digit or space), means the pattern may
 * match; then look for an ordinal word before it. */
static bool edition_at(const st *s, size_t k) {
  static const lit_t ordinal[] = {LIT("First"), LIT("Second"), LIT("Third"), LIT("Fourth"), LIT("Fifth"),
                                  LIT("Sixth"), LIT("Revised"), LIT("first"), LIT("second"), LIT("third"),
                                  LIT("fourth"), LIT("fifth"), LIT("sixth"), LIT("revised"), LIT("Rev"), LIT("rev"), {NULL, 0}};
  const unsigned char *w = (const unsigned char *)s->w;
  size_t j = k;
  while (j > 0) {
    unsigned char c = w[j - 1];
    if (c >= 0x80)
      return true;
    if (c >= '0' && c <= '9')
      return true;
    if (!(sp_or_ctl(c) || c == '.' || strchr("stndrhaem", c)))
      break;
    j--;
  }
  return k > 0 && sp_or_ctl(w[k - 1]) && label_before(s, k, ordinal, false);
}

/* Each 'c' in s->w[0..n) in turn: `for (EACH_BYTE(s, p, c))` */
#define EACH_BYTE(s, p, c) EACH_BYTE_FROM(s, p, c, 0)
/* Each 'c' in s->w[from..n) in turn. The guards of a match starting at or
 * after from that use it say no at a 'c' before from anyway: they need it
 * after from, or walk back from it no further than from. */
#define EACH_BYTE_FROM(s, p, c, from)                                                              \
  const char *p = (from) < (s)->n ? memchr((s)->w + (from), (c), (s)->n - (from)) : NULL; p;       \
  p = memchr(p + 1, (c), (s)->n - (size_t)(p + 1 - (s)->w))

static bool may_edition(const st *s) {
  const unsigned char *w = (const unsigned char *)s->w;
  /* "ed" and "\xc3\xa9d" end in 'd', rarer than 'e' */
  for (EACH_BYTE(s, d, 'd')) {
    size_t j = (size_t)(d - s->w);
    if ((j >= 1 && (w[j - 1] == 'e' || w[j - 1] == 'E') && edition_at(s, j - 1)) ||
        (j >= 2 && w[j - 2] == 0xC3 && w[j - 1] == 0xA9 && edition_at(s, j - 2)))
      return true;
  }
  if (has_word(s, "aufl", 4))
    for (EACH_BYTE(s, a, 'A')) {
      size_t k = (size_t)(a - s->w);
      if (k + 3 < s->n && memcmp(w + k, "Aufl", 4) == 0 && edition_at(s, k))
        return true;
    }
  /* Nordic "4. utg.", "2. udg.", "2. uppl.", Finnish "15. painos", South
   * Slavic "2. izd.": the pattern decides */
  if (has_word(s, "utg", 3) || has_word(s, "udg", 3) || has_word(s, "uppl", 4) || has_word(s, "painos", 6) ||
      has_word(s, "izd", 3))
    return true;
  /* Russian "4-е изд.": the keyword after "-е" (a non-ASCII byte before it) */
  return has_lit(s, "\xd0\xb8\xd0\xb7\xd0\xb4.", 7);
}

/* Is some byte c of the text followed, past white space, by a byte that
 * next() accepts? (A non-ASCII byte there may be Unicode white space: the
 * callers' next() accept it.) */
static bool byte_then(const st *s, char c, bool (*next)(const st *, size_t)) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE(s, p, c)) {
    size_t j = (size_t)(p - s->w) + 1;
    while (j < s->n && sp_or_ctl(w[j]))
      j++;
    if (j < s->n && next(s, j))
      return true;
  }
  return false;
}

/* Is the lower-case ASCII word lit (n bytes) at w[i] in any ASCII case? */
static bool ci_at(const st *s, size_t i, const char *lit, size_t n) {
  if (n > s->n - i)
    return false;
  for (size_t k = 0; k < n; k++)
    if ((unsigned char)(s->w[i + k] | 0x20) != (unsigned char)lit[k])
      return false;
  return true;
}

#define CI_AT(i, lit) ci_at(s, i, lit, sizeof lit - 1)

/* Does the lower-case ASCII word lit (n bytes) occur in the text in any
 * ASCII case? CI() asks has_word() first, and passes a text with U+017F or
 * U+212A (caseless 's' and 'k' match them too). */
static bool ci_search(const st *s, const char *lit, size_t n) {
  for (size_t i = 0; i + n <= s->n; i++)
    if ((unsigned char)(s->w[i] | 0x20) == (unsigned char)lit[0] && ci_at(s, i, lit, n))
      return true;
  return false;
}

/* P_ACCESS's first form, "\[\s*(?:cited|accessed|viewed|citado|consultado|
 * acesso em|zitiert|consult\x{e9})" (caseless): after '[' and white space,
 * one of those words' starts in any ASCII case (any non-ASCII byte, or a
 * text with U+017F or U+212A: yes). */
static bool access_start(const st *s, size_t j) {
  if ((unsigned char)s->w[j] >= 0x80 || s->pairs_all)
    return true;
  return CI_AT(j, "cit") || CI_AT(j, "accessed") || CI_AT(j, "viewed") || CI_AT(j, "consult") ||
         CI_AT(j, "acesso") || CI_AT(j, "zitiert");
}

/* P_VANPG's pages label: ',', white space, then "pages" or "p" (or "::"). */
static bool pages_start(const st *s, size_t j) { return s->w[j] == 'p' || (unsigned char)s->w[j] >= 0x80; }

/* P_VCOLI: "\d+\s*:\s*\d": a ':' with a digit on each side past white space
 * (a non-ASCII byte there may be a Unicode digit or space). P_VISLASH:
 * "[0-9]{1,3}\s*:\s*(?<p>PG)", where PG may also start with an ASCII
 * letter (letter_after). */
static bool may_digit_colon_digit(const st *s, bool letter_after) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (const char *c = memchr(s->w, ':', s->n); c; c = memchr(c + 1, ':', s->n - (size_t)(c + 1 - s->w))) {
    size_t i = (size_t)(c - s->w), a = i, b = i + 1;
    while (a > 0 && sp_or_ctl(w[a - 1]))
      a--;
    while (b < s->n && sp_or_ctl(w[b]))
      b++;
    if (a > 0 && b < s->n && ((w[a - 1] >= '0' && w[a - 1] <= '9') || w[a - 1] >= 0x80) &&
        ((w[b] >= '0' && w[b] <= '9') || w[b] >= 0x80 || (letter_after && (w[b] | 0x20u) - 'a' < 26u)))
      return true;
  }
  return false;
}

static inline bool roman_byte(unsigned char c) { return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C'; }

/* P_VROMAN: "(?<![\w.'\x{2019}-])(?<v>[IVXLC]+)(?![\w])", then "\s*\(" or "/"
 * or "\s*,\s*", then the first digit of the issue (or of the year that
 * stands for it after ", "): a '(', '/' or ',' with a
 * digit after it past white space and a run of I V X L C before it past
 * white space, the run starting at or after from and not after an ASCII
 * letter, digit, '_', '.', '\'' or '-'. A non-ASCII byte where white space
 * may stand means yes. */
static bool roman_before(const st *s, size_t from, size_t i) {
  const unsigned char *w = (const unsigned char *)s->w;
  size_t a = i, b = i + 1;
  while (b < s->n && sp_or_ctl(w[b]))
    b++;
  if (b >= s->n || !((unsigned)(w[b] - '0') < 10u || w[b] >= 0x80))
    return false;
  while (a > from && sp_or_ctl(w[a - 1]))
    a--;
  if (a > from && w[a - 1] >= 0x80)
    return true;
  size_t r = a;
  while (r > from && roman_byte(w[r - 1]))
    r--;
  return r < a && (r == 0 || !(is_ascii_word(w[r - 1]) || w[r - 1] == '.' || w[r - 1] == '\'' || w[r - 1] == '-'));
}

/* roman_before() at every ',', '(' and '/' after from. */
static bool may_roman(const st *s, size_t from) {
  static const char delim[] = ",(/";
  for (size_t k = 0; k < 3; k++)
    for (const char *p = from + 1 < s->n ? memchr(s->w + from + 1, delim[k], s->n - from - 1) : NULL; p;
         p = memchr(p + 1, delim[k], s->n - (size_t)(p + 1 - s->w)))
      if (roman_before(s, from, (size_t)(p - s->w)))
        return true;
  return false;
}

/* P_VMONP: "\s*,\s*\(\p{L}": a '(' with a ',' before it past white space and
 * a letter after it (ASCII, or a non-ASCII byte that may start one), at or
 * after from. A non-ASCII byte where white space may stand means yes. */
static bool may_comma_paren_word(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (const char *c = from < s->n ? memchr(s->w + from, '(', s->n - from) : NULL; c;
       c = memchr(c + 1, '(', s->n - (size_t)(c + 1 - s->w))) {
    size_t i = (size_t)(c - s->w), a = i;
    if (i + 1 >= s->n || !((w[i + 1] | 0x20u) - 'a' < 26u || w[i + 1] >= 0x80))
      continue;
    while (a > from && sp_or_ctl(w[a - 1]))
      a--;
    if (a > from && (w[a - 1] == ',' || w[a - 1] >= 0x80))
      return true;
  }
  return false;
}

/* P_VDOTP's tail, read backwards from the end: "\d+\.\s+\d+\s?-\s?\d+\.?\s*$"
 * (the dash may be U+2013). Any non-ASCII byte on the way may be a Unicode
 * digit, space or the dash: then yes, from anywhere (0). Else the walk is
 * the only way the tail can match, and the volume "[0-9]{1,4}" ends at the
 * '.' it reaches: returns where the match may start at the earliest, or
 * (size_t)-1 for no match. */
static size_t vdotp_start(const st *s) {
  const unsigned char *w = (const unsigned char *)s->w;
  size_t e = s->n;
#define VD_NONASCII (e > 0 && w[e - 1] >= 0x80)
#define VD_DIGIT (e > 0 && w[e - 1] >= '0' && w[e - 1] <= '9')
  while (e > 0 && sp_or_ctl(w[e - 1]))
    e--;
  if (VD_NONASCII)
    return 0;
  if (e > 0 && w[e - 1] == '.')
    e--;
  for (int part = 0; part < 2; part++) { /* the last number, then the first */
    if (VD_NONASCII)
      return 0;
    if (!VD_DIGIT)
      return (size_t)-1;
    while (VD_DIGIT)
      e--;
    if (part == 0) { /* "\s?[-\x{2013}]\s?" */
      if (e > 0 && sp_or_ctl(w[e - 1]))
        e--;
      if (VD_NONASCII)
        return 0;
      if (!(e > 0 && w[e - 1] == '-'))
        return (size_t)-1;
      e--;
      if (e > 0 && sp_or_ctl(w[e - 1]))
        e--;
    }
  }
  /* "\.\s+" before the first number */
  if (VD_NONASCII)
    return 0;
  if (!(e > 0 && sp_or_ctl(w[e - 1])))
    return (size_t)-1;
  while (e > 0 && sp_or_ctl(w[e - 1]))
    e--;
  if (VD_NONASCII)
    return 0;
  return e > 0 && w[e - 1] == '.' ? (e >= 5 ? e - 5 : 0) : (size_t)-1;
#undef VD_NONASCII
#undef VD_DIGIT
}

static inline bool is_digit_at(const unsigned char *w, size_t i) { return (unsigned)(w[i] - '0') < 10u; }

/* P_BAREART, read backwards from the end:
 * "(?<=[\p{L}.])\s+[0-9]{1,4}\s+[A-Z]?[0-9]{1,8}\s*\.?\s*$", no year
 * before a page of one to three digits. Both numbers
 * are whole runs of digits (white space or a capital stands before each),
 * so the walk is the only way the tail can match, and the match starts
 * where the white space before the volume does (after the letter or '.'
 * the lookbehind needs): returns that place, 0 (anywhere) when a
 * non-ASCII byte on the way may be Unicode white space (UCP), or
 * (size_t)-1 for no match. */
static size_t bareart_start(const st *s) {
  const unsigned char *w = (const unsigned char *)s->w;
  size_t e = s->n;
#define BA_NONASCII (e > 0 && w[e - 1] >= 0x80)
#define BA_SPACE (e > 0 && sp_or_ctl(w[e - 1]))
  while (BA_SPACE)
    e--;
  if (e > 0 && w[e - 1] == '.')
    e--;
  while (BA_SPACE)
    e--;
  size_t page = 0;
  for (int part = 0; part < 2; part++) { /* the article number, then the volume */
    size_t d = e;
    while (e > 0 && is_digit_at(w, e - 1))
      e--;
    d -= e;
    if (part == 0 ? d < 1 || d > 8 : d < 1 || d > 4)
      return BA_NONASCII ? 0 : (size_t)-1;
    if (part == 0)
      page = d;
    else if (page <= 3 && d == 4 && rpi_lex_is_year(s->w + e))
      return (size_t)-1;
    if (part == 0 && e > 0 && w[e - 1] >= 'A' && w[e - 1] <= 'Z')
      e--;
    if (BA_NONASCII)
      return 0;
    if (!BA_SPACE)
      return (size_t)-1;
    while (BA_SPACE)
      e--;
    if (BA_NONASCII)
      return 0;
  }
  return e > 0 && ((w[e - 1] | 0x20u) - 'a' < 26u || w[e - 1] == '.') ? e : (size_t)-1;
#undef BA_NONASCII
#undef BA_SPACE
}

/* P_LPAGES's labels; label_before() skips one '.', so the labels ending
 * in '.' are listed without it. */
static const lit_t lpages_labels[] = {
    LIT("p"),   LIT("pp"),  LIT("P"),   LIT("Pp"),         LIT("page"),        LIT("pages"),
    LIT("Page"), LIT("Pages"), LIT("S"), LIT("Ss"),         LIT("p\xc3\xa1g"), LIT("p\xc3\xa1gs"),
    LIT("pg"),  LIT("pgs"), LIT("blz"), LIT("str"),        LIT("c"),           LIT("coll"),
    {NULL, 0}};

/* May the digit w[d] (d > from) start the digit run of a P_LPAGES value? */
static bool lpages_at(const st *s, size_t from, size_t d) {
  const unsigned char *w = (const unsigned char *)s->w;
  if (is_digit_at(w, d - 1))
    return false;
  for (size_t j = d, k = 0; j > from; j--, k++) { /* the value starts at j */
    if (label_before(s, j, lpages_labels, true))
      return true;
    if (k == 5 || (w[j - 1] | 0x20u) - 'a' >= 26u)
      break;
  }
  return false;
}

/* P_LPAGES: a label, "\s*", then PGL, which starts with PG: "[A-Za-z]{1,5}
 * [0-9]+" or "[0-9]+[A-Za-z]?" (ASCII only). So the value starts at most 5
 * ASCII letters before the first digit of a run, after the label and white
 * space. The match starts with the label, at or after from. Returns the
 * first digit run start such a value may hold, or (size_t)-1. */
static size_t lpages_first(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (size_t i = from + 1; i < s->n;) { /* the digits, 16 or 8 bytes a round while they remain */
#if RPI_SSE2
    if (i + 16 <= s->n) {
      for (unsigned m = value_start16(w + i, false); m; m &= m - 1)
        if (lpages_at(s, from, i + (size_t)__builtin_ctz(m)))
          return i + (size_t)__builtin_ctz(m);
      i += 16;
      continue;
    }
#endif
    size_t i0 = i;
    uint64_t m = i + 8 <= s->n ? value_start8(load8(w + i), false) : is_digit_at(w, i) ? 0x80u : 0;
    i += i + 8 <= s->n ? 8 : 1;
    for (; m; m &= m - 1)
      if (lpages_at(s, from, i0 + (size_t)__builtin_ctzll(m) / 8))
        return i0 + (size_t)__builtin_ctzll(m) / 8;
  }
  return (size_t)-1;
}

/* P_BARE: "[0-9]+\s+[0-9]+\s?-{1,2}": a '-' after digits (and maybe one
 * space) that follow white space after a digit. A non-ASCII byte where white
 * space may stand means yes (Unicode white space). */
static bool may_bare(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (const char *h = memchr(s->w + from, '-', s->n - from); h;
       h = memchr(h + 1, '-', s->n - (size_t)(h + 1 - s->w))) {
    size_t k = (size_t)(h - s->w);
    if (k > 0 && w[k - 1] >= 0x80)
      return true;
    if (k > 0 && sp_or_ctl(w[k - 1]))
      k--;
    size_t d = k;
    while (d > 0 && is_digit_at(w, d - 1))
      d--;
    if (d == k || d == 0)
      continue;
    if (w[d - 1] >= 0x80)
      return true;
    if (!sp_or_ctl(w[d - 1]))
      continue;
    while (d > 0 && sp_or_ctl(w[d - 1]))
      d--;
    if (d > 0 && (w[d - 1] >= 0x80 || is_digit_at(w, d - 1)))
      return true;
  }
  return false;
}

/* YEAR at w[q] (q + 4 <= n) */
static bool year_at(const unsigned char *w, size_t q) { return rpi_lex_is_year((const char *)w + q); }

/* P_VAN: "YEAR[a-z]?(?:\s+MONTH(?:\s+DAY)?)?\s*;" starting at or after from.
 * Between the year's start and the ';' come only ASCII letters, digits,
 * '.', '-', '/' (at most VAN_SPAN of them: 4 + 1 + 21 + 5) and white space
 * (a non-ASCII character that may be Unicode white space counts as such):
 * so some ';' has a year in the run before it. The ';' of a match is the
 * first after its year, so a match whose ';' comes after the first such
 * ';' starts after it, and one that uses it starts within its run: returns
 * where that run starts (not before from), or (size_t)-1 when no ';' has
 * a year in its run. */
#define VAN_SPAN 31
static size_t van_start(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE_FROM(s, p, ';', from)) {
    size_t c = (size_t)(p - s->w), k = c, seen = 0;
    bool year = false;
    while (k > from) { /* back over the run */
      unsigned char b = w[k - 1];
      if (sp_or_ctl(b)) {
        k--;
      } else if (b >= 0x80) {
        if (!may_be_uspace(w, k))
          break;
        while (k > from && (w[k - 1] & 0xC0u) == 0x80u)
          k--;
        if (k > from)
          k--; /* the lead byte */
      } else if ((is_ascii_word(b) || b == '.' || b == '-' || b == '/') && ++seen <= VAN_SPAN) {
        k--;
        year = year || (k + 4 <= c && year_at(w, k));
      } else {
        break;
      }
    }
    if (year)
      return k;
  }
  return (size_t)-1;
}

/* The byte before w[o] past white space, not below lo (0: none). */
static unsigned char before_sp(const unsigned char *w, size_t lo, size_t o) {
  while (o > lo && sp_or_ctl(w[o - 1]))
    o--;
  return o > lo ? w[o - 1] : 0;
}

/* The ')' closing the '(' at o with no parenthesis between, or 0. */
static size_t paren_end(const st *s, size_t o) {
  size_t r = o + 1;
  while (r < s->n && s->w[r] != '(' && s->w[r] != ')')
    r++;
  return r < s->n && s->w[r] == ')' ? r : 0;
}

/* P_PHYS1, P_PHYS2, P_CHICAGO: "...\s*\((?<y>...YEAR...)\)" where the year
 * and the rest inside hold no parenthesis, and what ends before "\s*\(" is
 * a volume, issue or page: an ASCII letter, digit, '_', '/', '-' or ')' (or
 * a non-ASCII byte: a letter or Unicode white space), or the comma after a
 * volume ("347, (1995)"). */
static bool may_paren_year(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE_FROM(s, p, '(', from)) {
    size_t o = (size_t)(p - s->w), r;
    unsigned char b = before_sp(w, 0, o);
    if (o <= from || !(b >= 0x80 || (b && is_ascii_word(b)) || b == ')' || b == '/' || b == '-' || b == ',') ||
        !(r = paren_end(s, o)))
      continue;
    for (size_t q = o + 1; q + 4 <= r; q++)
      if (year_at(w, q))
        return true;
  }
  return false;
}

/* P_PHYS1: "(?<v>[A-Z]?[0-9]+[A-Z]?)(?:\([0-9]{1,3}\))?\s*,\s*(?<p>[A-Z]?[0-9]+
 * [A-Za-z]?(?:\s?-\s?[A-Z]?[0-9]+)?)\s*\(\s*...YEAR\s*\)" ("Phys. Rev. B 12,
 * 345 (1999)", ACM's pages "115:1-115:36" among its pages) and P_PHYS2:
 * "(?<v>[A-Z]?[0-9]+[A-Z]?)\s*,?\s*(?:\(\s*[0-9]{1,3}\s*\)\s*)?\(\s*YEAR\s*\)"
 * ("Phys. Rev. B 12 (1999) 345"). Before its year's '(' a match holds only
 * digits, letters next to a digit, '(', ')', ',', '-', ':' and white space
 * (a non-ASCII byte may be Unicode white space):
 * phys_byte(). So it starts within the run of such bytes that ends at its
 * '(', and a '(' after the first one that may be it (after a letter or
 * digit past white space, or for P_PHYS2 after ',' or ')'; its brackets
 * holding a year) has a run that reaches back no further than the first
 * one's. Returns where that run starts (not before from), or (size_t)-1
 * when no '(' may be the year's. */
static bool phys_byte(const unsigned char *w, size_t i) {
  unsigned char c = w[i];
  if (is_digit_at(w, i) || c >= 0x80 || sp_or_ctl(c) || c == '(' || c == ')' || c == ',' || c == '-' || c == ':')
    return true;
  return (c | 0x20u) - 'a' < 26u && (is_digit_at(w, i + 1) || (i > 0 && is_digit_at(w, i - 1)));
}
static size_t phys_start(const st *s, int id, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE_FROM(s, p, '(', from)) {
    size_t o = (size_t)(p - s->w), r;
    unsigned char b = before_sp(w, 0, o);
    bool after = b >= 0x80 || (unsigned)(b - '0') < 10u || (b | 0x20u) - 'a' < 26u ||
                 (id == P_PHYS2 && (b == ',' || b == ')'));
    if (o <= from || !after || !(r = paren_end(s, o)))
      continue;
    bool year = false;
    for (size_t q = o + 1; q + 4 <= r && !year; q++)
      year = year_at(w, q);
    if (!year)
      continue;
    size_t j = o;
    while (j > from && phys_byte(w, j - 1))
      j--;
    return j;
  }
  return (size_t)-1;
}

/* P_VPPY: "[0-9]{1,4}\s+[0-9]+\s?-\s?[0-9]+\s*\(\s*(?<y>YEAR)\s*\)" ("5
 * 207-229 (1988)") starting at or after from: a '(' right after a digit
 * (past white space; a non-ASCII byte there may be Unicode white space)
 * whose brackets hold a year. */
static bool may_vppy(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE_FROM(s, p, '(', from)) {
    size_t o = (size_t)(p - s->w), r;
    unsigned char b = before_sp(w, from, o);
    if (!(b >= 0x80 || (b >= '0' && b <= '9')) || !(r = paren_end(s, o)))
      continue;
    for (size_t q = o + 1; q + 4 <= r; q++)
      if (year_at(w, q))
        return true;
  }
  return false;
}

/* P_ACS: "(?<y>YEAR)\s*,\s*(?<v>[0-9]+)" starting at or after from: a ','
 * with a year before it and an ASCII digit after it, past white space (a
 * non-ASCII byte there may be Unicode white space). */
static bool may_acs(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE_FROM(s, p, ',', from)) {
    size_t c = (size_t)(p - s->w), a = c, b = c + 1;
    while (a > from && sp_or_ctl(w[a - 1]))
      a--;
    while (b < s->n && sp_or_ctl(w[b]))
      b++;
    if (b >= s->n || !(w[b] >= 0x80 || is_digit_at(w, b)))
      continue;
    if ((a > from && w[a - 1] >= 0x80) || (a >= from + 4 && year_at(w, a - 4)))
      return true;
  }
  return false;
}

/* P_VIP, P_VOLISS: "(?<v>[0-9]+)\s*\((?<i>[^()]{1,25})\)": a '(' after a
 * digit (past white space; a non-ASCII byte there may be Unicode white
 * space) that a ')' closes. */
static bool may_digit_paren(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE_FROM(s, p, '(', from)) {
    size_t o = (size_t)(p - s->w);
    unsigned char b = before_sp(w, from, o);
    if (o > from && (b >= 0x80 || (unsigned)(b - '0') < 10u) && paren_end(s, o))
      return true;
  }
  return false;
}

/* P_NPAGES: "(?<n>[0-9]+)\s*(?:pp|p|pages|S|s|\x{441}|p\x{e1}gs?|Seiten|f|pgs?)": a
 * 'p', 'S', 's' or 'f' after an ASCII digit, past white space (a non-ASCII byte there
 * may be Unicode white space), or Cyrillic "с." anywhere. */
static bool may_npages(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  if (has_lit(s, "\xd1\x81.", 3))
    return true;
  for (const char *u = "pSsf"; *u; u++)
    for (EACH_BYTE_FROM(s, p, *u, from)) {
      size_t k = (size_t)(p - s->w);
      unsigned char b = before_sp(w, from, k);
      if (k > from && (b >= 0x80 || (unsigned)(b - '0') < 10u))
        return true;
    }
  return false;
}

/* P_COLON: "(?<v>[0-9]+[A-Za-z]?)\s*(?:\(...\))?\s*:\s*(?<p>PG)" with PG
 * starting "[A-Za-z]{1,5}[0-9]" or "[0-9]": a ':' after an ASCII letter,
 * digit or ')' and, past white space and at most 5 letters, before a
 * digit (a non-ASCII byte where white space may stand means yes). */
static bool may_colon(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE_FROM(s, p, ':', from)) {
    size_t c = (size_t)(p - s->w), j = c + 1;
    unsigned char b = before_sp(w, from, c);
    if (c <= from || !(b >= 0x80 || b == ')' || (b && is_ascii_word(b))))
      continue;
    while (j < s->n && sp_or_ctl(w[j]))
      j++;
    for (size_t l = 0; l < 5 && j < s->n && (w[j] | 0x20u) - 'a' < 26u; l++)
      j++;
    if (j < s->n && (w[j] >= 0x80 || is_digit_at(w, j)))
      return true;
  }
  return false;
}

/* Where P_APA's "(?<v>[A-Z]?[0-9]+)\s*" may start when it ends at e: past
 * white space, the run of ASCII digits and a capital before it; e + 1
 * when no digit stands there, (size_t)-1 when a non-ASCII byte does (it may
 * be Unicode white space). */
static size_t apa_v(const unsigned char *w, size_t e) {
  while (e > 0 && sp_or_ctl(w[e - 1]))
    e--;
  if (e > 0 && w[e - 1] >= 0x80)
    return (size_t)-1;
  size_t d = e;
  while (d > 0 && is_digit_at(w, d - 1))
    d--;
  if (d == e)
    return e + 1;
  return d > 0 && w[d - 1] >= 'A' && w[d - 1] <= 'Z' ? d - 1 : d;
}

/* The '(' that opens "\([^()]{1,25}" reaching to e (at most 25 characters
 * between, no bracket), or (size_t)-1. */
static size_t apa_open(const unsigned char *w, size_t e) {
  size_t k = e, chars = 0;
  while (k > 0 && w[k - 1] != '(' && w[k - 1] != ')' && chars <= 25)
    chars += (w[--k] & 0xC0u) != 0x80u;
  return k > 0 && w[k - 1] == '(' && chars >= 1 && chars <= 25 ? k - 1 : (size_t)-1;
}

/* P_APA: "(?<v>[A-Z]?[0-9]+)\s*(?:\(...\))?\s*,\s*(?:pp?\.\s*)?(?<p>PG...)"
 * with PG starting "[A-Za-z]{1,5}[0-9]" or "[0-9]": a ',' after an ASCII
 * digit or ')' past white space and, past white space, '.' and at most 7
 * ASCII letters, before a digit (a non-ASCII byte where white space may
 * stand means yes). A match's ',' is such a ',', so none comes before
 * the first one (c); a match that uses c starts at the volume before it
 * (past white space, or past the bracketed issue), and one that uses a
 * later ',' starts after c unless c lies in its issue: then at the volume
 * before the '(' that opens around c. Returns the earlier of those places
 * (not before from), from when a non-ASCII byte on the way may be white
 * space, or (size_t)-1 when no ',' is such. */
static size_t apa_start(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE_FROM(s, p, ',', from)) {
    size_t c = (size_t)(p - s->w), j = c + 1, l = 0;
    unsigned char b = before_sp(w, from, c);
    if (c <= from || !(b >= 0x80 || b == ')' || (unsigned)(b - '0') < 10u))
      continue;
    while (j < s->n && (sp_or_ctl(w[j]) || w[j] == '.' || ((w[j] | 0x20u) - 'a' < 26u && ++l <= 7)))
      j++;
    if (!(j < s->n && (w[j] >= 0x80 || is_digit_at(w, j))))
      continue;
    if (b >= 0x80)
      return from;
    size_t e = c, best = c;
    while (sp_or_ctl(w[e - 1])) /* b stands before c */
      e--;
    if (b == ')')
      e = apa_open(w, e - 1);
    size_t v = e == (size_t)-1 ? best : apa_v(w, e), o = apa_open(w, c);
    size_t v2 = o == (size_t)-1 ? best : apa_v(w, o);
    if (v == (size_t)-1 || v2 == (size_t)-1)
      return from;
    best = v < best ? v : best;
    best = v2 < best ? v2 : best;
    return best > from ? best : from;
  }
  return (size_t)-1;
}

/* P_VICP: "(?<v>[0-9]{1,4})\s*,\s*(?<i>[0-9]{1,3})\s*,\s*...": a ',' after
 * an ASCII digit past white space, then past white space one to three
 * ASCII digits, white space and a ','. A non-ASCII byte where white space
 * may stand means yes. */
static bool may_vicp(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE_FROM(s, p, ',', from)) {
    size_t c = (size_t)(p - s->w), j = c + 1, d = 0;
    unsigned char b = before_sp(w, from, c);
    if (c <= from || !(b >= 0x80 || (unsigned)(b - '0') < 10u))
      continue;
    while (j < s->n && sp_or_ctl(w[j]))
      j++;
    if (j < s->n && w[j] >= 0x80)
      return true;
    while (j < s->n && (unsigned)(w[j] - '0') < 10u && ++d <= 3)
      j++;
    if (d < 1 || d > 3)
      continue;
    while (j < s->n && sp_or_ctl(w[j]))
      j++;
    if (j < s->n && (w[j] == ',' || w[j] >= 0x80))
      return true;
  }
  return false;
}

/* P_VYP: "\s*,\s*(?<y>YEAR)[a-z]?\s*,": a ',' and, past white space, a
 * year, maybe a letter, then white space and a ','. A non-ASCII byte where
 * white space may stand means yes. */
static bool may_vyp(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE_FROM(s, p, ',', from)) {
    size_t j = (size_t)(p - s->w) + 1;
    if (j <= from)
      continue;
    while (j < s->n && sp_or_ctl(w[j]))
      j++;
    if (j < s->n && w[j] >= 0x80)
      return true;
    if (j + 4 > s->n || !year_at(w, j))
      continue;
    j += 4;
    if (j < s->n && w[j] >= 'a' && w[j] <= 'z')
      j++;
    while (j < s->n && sp_or_ctl(w[j]))
      j++;
    if (j < s->n && (w[j] == ',' || w[j] >= 0x80))
      return true;
  }
  return false;
}

#define W(lit) has_word(s, lit, sizeof lit - 1)
#define LIT_IN(lit) has_lit(s, lit, sizeof lit - 1)
#define CI(lit) (W(lit) && (s->pairs_all || ci_search(s, lit, sizeof lit - 1)))
#define HAS(c) (memchr(s->w, c, s->n) != NULL)
/* May pattern id match starting in [from, limit] ((size_t)-1: anywhere)? */
/* Patterns whose guard only asks for words (W()), literals without a space
 * (LIT_IN()) or bytes other than ' ' (HAS()): blanking turns text into
 * spaces and so never makes such a guard say yes again, and its no is
 * kept for the rest of the reference. */
#define STAYS_NO                                                                                   \
  ((1ull << P_DOI) | (1ull << P_URL) | (1ull << P_PMID) | (1ull << P_PMCID) | (1ull << P_ARXIV) | \
   (1ull << P_ISBN) | (1ull << P_ISSN) | (1ull << P_AVAIL) | (1ull << P_EPUB) | (1ull << P_THESIS) | \
   (1ull << P_REPORT) | (1ull << P_SOFTWARE) | (1ull << P_DATASET) | (1ull << P_PREPRINT) |        \
   (1ull << P_ACMART) | (1ull << P_LVOLPOST))
static bool may_match(st *s, int id, size_t from, size_t limit) {
  if ((s->never >> id) & 1u)
    return false;
  if (may_match_now(s, id, from, limit))
    return true;
  s->never |= ((STAYS_NO >> id) & 1u) << id;
  return false;
}

static bool may_match_now(const st *s, int id, size_t from, size_t limit) {
  switch (id) {
  case P_DOI: return LIT_IN("10.");
  case P_URL: return LIT_IN("://") || LIT_IN("www.");
  case P_PMID: return W("pmid") || W("pubmed");
  case P_PMCID: return LIT_IN("PMC");
  case P_ARXIV: return W("arxiv");
  case P_ISBN: return W("isbn");
  case P_ISSN: return LIT_IN("ISSN");
  case P_ACCESS:
    return byte_then(s, '[', access_start) || CI("accessed") || CI("retrieved") || CI("consult") || CI("acess") ||
           CI("cited") ||
           CI("abgerufen") || CI("zugegriffen") || CI("zugriff") || CI("aufgerufen") || CI("gepr") ||
           CI("abruf") || CI("stand");
  case P_AVAIL:
    return CI("available") || CI("retrieved") || CI("dispon") || CI("verf") || CI("accessible") || CI("recuperado") || CI("url") ||
           CI("unter") || CI("retirado") || CI("obtenido") || CI("abgerufen") || CI("tratto") || CI("adresse");
  case P_EPUB: return W("pub"); /* Epub, E-pub, Published */
  case P_EDITION:
    return (W("ed") || W("aufl") || LIT_IN("\xc3\xa9" "d") || LIT_IN("\xd0\xb8\xd0\xb7\xd0\xb4.") || W("utg") ||
            W("udg") || W("uppl") || W("painos") || W("izd")) &&
           may_edition(s);
  case P_THESIS: /* case-sensitive: the exact words (thesis/Thesis, diss/Diss...) */
    return (W("thesis") && LIT_IN("hesis")) ||
           (W("diss") && (LIT_IN("diss") || LIT_IN("Diss"))) ||
           (W("tesi") && (LIT_IN("Tesi") || LIT_IN("tesi"))) ||
           (W("tese") && LIT_IN("Tese")) ||
           (HAS('\xc3') && (LIT_IN("Th\xc3\xa8se") || LIT_IN("th\xc3\xa8se") || LIT_IN("M\xc3\xa9moire"))) ||
           (W("habil") && LIT_IN("Habil")) || (W("magisterarbeit") && LIT_IN("Magisterarbeit")) ||
           (W("staatsexamensarbeit") && LIT_IN("Staatsexamensarbeit")) ||
           (W("bachelorarbeit") && LIT_IN("Bachelorarbeit")) ||
           (W("arbeit") && LIT_IN("arbeit")) || (W("monografia") && LIT_IN("Monografia")) ||
           (W("tcc") && LIT_IN("TCC")) || (W("rozprawa") && LIT_IN("Rozprawa")) ||
           (W("trabajo") && LIT_IN("Trabajo")) ||
           (W("doktorsavhandling") && LIT_IN("Doktorsavhandling")) ||
           (W("doktoravhandling") && LIT_IN("Doktoravhandling"));
  case P_LISS: case P_LVOL: return liss_lvol_first(s, id, from, limit) != (size_t)-1;
  case P_REPORT: /* case-sensitive: every alternative holds one of these words */
    return (W("report") && LIT_IN("Report")) || (W("tech") && LIT_IN("Tech")) ||
           (W("paper") && LIT_IN("Paper")) || (W("rapport") && LIT_IN("Rapport")) ||
           (W("relat") && LIT_IN("Relat")) || (W("informe") && LIT_IN("Informe")) ||
           (W("brief") && LIT_IN("Brief")) || (W("catalogue") && LIT_IN("Catalogue")) ||
           (W("cat") && LIT_IN("Cat."));
  case P_SOFTWARE: /* case-sensitive: "[Computer software]", "Software", "computer program" */
    return (W("computer") && LIT_IN("omputer")) || (W("software") && LIT_IN("Software")) ||
           (W("package") && LIT_IN("package")) || (W("github") && LIT_IN("GitHub"));
  case P_DATASET: /* case-sensitive */
    return (W("data") && LIT_IN("Data")) || (W("dryad") && LIT_IN("Dryad")) ||
           (W("zenodo") && LIT_IN("Zenodo")) || (W("figshare") && LIT_IN("figshare")) ||
           (W("pangaea") && LIT_IN("PANGAEA")) || (W("dataverse") && LIT_IN("Dataverse"));
  case P_PREPRINT: return W("rxiv") || W("ssrn") || W("preprint") || W("square");
  /* locator patterns: a literal character or word they cannot match without */
  case P_VAN: return van_start(s, from) != (size_t)-1;
  case P_VYP: return may_vyp(s, from);
  case P_ACS: return may_acs(s, from);
  case P_VANPG: return HAS(';') && (byte_then(s, ',', pages_start) || LIT_IN("::"));
  case P_PHYS1: case P_PHYS2: case P_CHICAGO: return may_paren_year(s, from);
  case P_VIP: case P_VOLISS: return may_digit_paren(s, from);
  case P_COLON: return may_colon(s, from);
  case P_APA: return apa_start(s, from) != (size_t)-1;
  case P_VICP: return may_vicp(s, from);
  case P_NPAGES: return may_npages(s, from);
  case P_VCOLI: return may_digit_colon_digit(s, false);
  case P_VISLASH: return may_digit_colon_digit(s, true);
  case P_VROMAN: return may_roman(s, from);
  case P_VMONP: return may_comma_paren_word(s, from);
  case P_LVOLPOST: return LIT_IN("Jg.") || LIT_IN("Jahrg") || LIT_IN("\xa9" "e"); /* "année" */
  case P_ACMART: return LIT_IN("Art"); /* "Article", "Art." (case-sensitive) */
  case P_VPPY: return HAS('-') && may_vppy(s, from);
  case P_VDOTP: return vdotp_start(s) != (size_t)-1;
  case P_PAGESONLY: return may_end_in_digit(s);
  case P_BAREART: return bareart_start(s) != (size_t)-1;
  case P_LPAGES: return lpages_first(s, from) != (size_t)-1;
  case P_BARE: return from < s->n && may_bare(s, from);
  default: return true;
  }
}

#undef HAS
#undef W
#undef LIT_IN
#undef CI

/* Walk back from e over white space ("\s*"), not below lo. Returns the
 * place reached, or (size_t)-1 when a non-ASCII character there may be
 * white space (so the walk cannot tell where it stops). */
static size_t sp_back(const unsigned char *w, size_t lo, size_t e) {
  while (e > lo && sp_or_ctl(w[e - 1]))
    e--;
  return e > lo && w[e - 1] >= 0x80 && may_be_uspace(w, e) ? (size_t)-1 : e;
}

/* P_PUBPLACE: "(?<place>\p{Lu}[\p{L}.' -]{1,40}?(?:,\s*[A-Z]{2,3})?)\s*:"
 * holds no ':' before that one, so a match starting before the ':' at c
 * (and at or after lo, past any earlier ':') uses c. Its place ends past
 * "\s*" before c, or before ",\s*[A-Z]{2,3}" there, and starts at most 41
 * characters of [\p{L}.' -] before that end: the earliest start that may
 * reach c. */
static size_t place_reach(const st *s, size_t lo, size_t c) {
  const unsigned char *w = (const unsigned char *)s->w;
  size_t end = sp_back(w, lo, c);
  if (end == (size_t)-1)
    return lo;
  size_t up = 0; /* "[A-Z]{2,3}" before the white space */
  while (up < 3 && end - up > lo && w[end - up - 1] >= 'A' && w[end - up - 1] <= 'Z')
    up++;
  size_t run = end;
  for (size_t k = 2; k <= up; k++) {
    size_t q = sp_back(w, lo, end - k);
    if (q == (size_t)-1)
      return lo;
    if (q > lo && w[q - 1] == ',' && q - 1 < run)
      run = q - 1;
  }
  /* 41 characters back, all in [\p{L}.' -] (any non-ASCII one may be) */
  for (size_t n = 0; n < 41 && run > lo;) {
    unsigned char b = w[run - 1];
    if (b < 0x80 && !(((b | 0x20u) - 'a' < 26u) || b == '.' || b == '\'' || b == ' ' || b == '-'))
      break;
    if ((w[--run] & 0xC0u) != 0x80u)
      n++;
  }
  return run;
}

/* P_PUBPLACE anywhere at or after from: for each ':' in turn, a search from
 * place_reach() that stops before the ':' (offset limit), so the start
 * positions that cannot reach a ':' are never tried. The first match
 * found is the leftmost, as in one search from `from`; PCRE2 counts its
 * match limit per start position, and a start here that is skipped cannot
 * match. */
static int pubplace_split(st *s, size_t from, rpi_match *m) {
  if (from >= s->n)
    return 0;
  size_t lo = from;
  for (const char *c = memchr(s->w + from, ':', s->n - from); c;
       c = memchr(c + 1, ':', s->n - (size_t)(c + 1 - s->w))) {
    size_t ci = (size_t)(c - s->w);
    if (ci > lo) {
      int rc = rpi_rx_find_before(s->p->rx, s->sc, P_PUBPLACE, s->w, s->n, place_reach(s, lo, ci), ci - 1, m);
      if (rc != 0)
        return rc;
    }
    lo = ci + 1;
  }
  return 0;
}

/* P_DOI: the DOI's "10." comes after a prefix of ASCII letters, ':', '/',
 * '.' and white space (a non-ASCII byte may be white space or U+017F): no
 * match starts before that run before the first "10." at or after from (a
 * later "10." has its prefix after the digits of that one), so a search
 * from there finds the same first match. (size_t)-1: no "10.". */
static size_t doi_start(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (size_t i = from; i + 3 <= s->n; i++) {
    const char *p = memchr(s->w + i, '1', s->n - i - 2);
    if (!p)
      return (size_t)-1;
    i = (size_t)(p - s->w);
    if (p[1] == '0' && p[2] == '.') {
      while (i > from && ((w[i - 1] | 0x20u) - 'a' < 26u || w[i - 1] == ':' || w[i - 1] == '/' ||
                          w[i - 1] == '.' || sp_or_ctl(w[i - 1]) || w[i - 1] >= 0x80))
        i--;
      return i;
    }
  }
  return (size_t)-1;
}

/* Search for pattern id from `from`, for a match starting at or before
 * `limit` ((size_t)-1: anywhere), unless a guard says it cannot match.
 * A match-limit hit warns and counts as no match; another error sets
 * s->err. */
static inline int search(st *s, int id, size_t from, size_t limit, rpi_match *m) {
  if (s->err)
    return 0;
#ifdef RP_CHECK_GUARDS
  if (!may_match(s, id, from, limit) &&
      (limit == (size_t)-1
           ? rpi_rx_find(s->p->rx, s->sc, (size_t)id, s->w, s->n, from, false, m)
           : rpi_rx_find_before(s->p->rx, s->sc, (size_t)id, s->w, s->n, from, limit, m)) == 1)
    abort(); /* a guard in may_match() is out of step with its pattern */
#endif
#ifdef RP_CHECK_GUARDS
  size_t from0 = from;
#endif
  /* for these the guard also tells where a match may start */
  bool phys = id == P_PHYS1 || id == P_PHYS2;
  bool run = id == P_VDOTP || id == P_BAREART || phys || id == P_VAN || id == P_APA; /* a start, not a label */
  if (id == P_LISS || id == P_LVOL || id == P_LPAGES || run) {
    size_t v = id == P_LPAGES    ? lpages_first(s, from)
               : id == P_VDOTP   ? vdotp_start(s)
               : id == P_BAREART ? bareart_start(s)
               : phys            ? phys_start(s, id, from)
               : id == P_VAN     ? van_start(s, from)
               : id == P_APA     ? apa_start(s, from)
                                 : liss_lvol_first(s, id, from, limit);
    if (v == (size_t)-1)
      return 0;
    if (!run)
      from = label_run_start(s, from, v);
    else if (v > from)
      from = v;
    if (from > limit) {
#ifdef RP_CHECK_GUARDS
      if (rpi_rx_find_before(s->p->rx, s->sc, (size_t)id, s->w, s->n, from0, limit, m) == 1)
        abort(); /* the start found is out of step with its pattern */
#endif
      return 0; /* no match starts at or before limit */
    }
  } else if (!may_match(s, id, from, limit)) {
    return 0;
  }
  if (id == P_DOI && limit == (size_t)-1 && (from = doi_start(s, from)) == (size_t)-1)
    return 0; /* no "10." at or after from, so no match */
  int rc = limit != (size_t)-1
               ? rpi_rx_find_before(s->p->rx, s->sc, (size_t)id, s->w, s->n, from, limit, m)
           : id == P_PUBPLACE ? pubplace_split(s, from, m)
                              : rpi_rx_find(s->p->rx, s->sc, (size_t)id, s->w, s->n, from, false, m);
#ifdef RP_CHECK_GUARDS
  rpi_match full;
  if (id == P_PUBPLACE && limit == (size_t)-1 &&
      (rpi_rx_find(s->p->rx, s->sc, (size_t)id, s->w, s->n, from, false, &full) != rc ||
       (rc == 1 && memcmp(&full, m, sizeof full) != 0)))
    abort(); /* pubplace_split() differs from one search */
  if (from != from0 &&
      ((limit == (size_t)-1 ? rpi_rx_find(s->p->rx, s->sc, (size_t)id, s->w, s->n, from0, false, &full)
                            : rpi_rx_find_before(s->p->rx, s->sc, (size_t)id, s->w, s->n, from0, limit, &full)) != rc ||
       (rc == 1 && memcmp(&full, m, sizeof full) != 0)))
    abort(); /* a start found above is out of step with its pattern */
#endif
  if (rc == RP_ERR_LIMIT) {
    rpi_result_warn(s->r, RP_WARN_LIMIT, 0, 0, "a pattern hit its match limit; rule skipped");
    return 0;
  }
  if (rc < 0) {
    s->err = rc;
    return 0;
  }
  return rc;
}

int rpi_match_find_lim(st *s, int id, size_t from, size_t limit, rpi_match *m) {
  return search(s, id, from, limit, m);
}

int rpi_match_find(st *s, int id, size_t from, rpi_match *m) {
  return search(s, id, from, (size_t)-1, m);
}
