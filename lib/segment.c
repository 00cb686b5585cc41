/*
 * segment.c: the candidate cut points between a title and its container,
 * their features and their scores (segment.h).
 */
#include "segment.h"

#include <string.h>

#include "imprint.h"
#include "lexicon.h"
#include "scan.h"
#include "segment_weights.h"
#include "utf8.h"

const char *const rpi_seg_feature_names[RPI_SEG_NFEAT] = {
    "last",       "first",       "qmark",      "quote",       "country",    "next_caps",
    "next_lower", "article",     "journal",    "abbrev",      "jword",      "place_pub",
    "in_editor",  "digit",       "left_abbr",  "left_short",  "left_long",  "right_short",
    "right_mid",  "right_long",  "right_lower", "right_colon", "left_lower_end",
    "left_small_end", "left_bracket", "left_date", "left_tiny",
};

bool rpi_seg_country_stop(const st *s, size_t a, size_t p) {
  if (s->w[p] != '.' || p + 2 >= s->n || s->w[p + 1] != ' ' || !(s->w[p + 2] >= 'A' && s->w[p + 2] <= 'Z'))
    return false;
  size_t ws = p;
  while (ws > a && s->w[ws - 1] != ' ')
    ws--;
  if (ws == p || !rpi_lex_is_country(s->w + ws, p - ws)) {
    /* two words: "Sri Lanka", "New Zealand" */
    if (ws < a + 2 || s->w[ws - 1] != ' ')
      return false;
    size_t w2 = ws - 1;
    while (w2 > a && s->w[w2 - 1] != ' ')
      w2--;
    if (!rpi_lex_is_country(s->w + w2, p - w2))
      return false;
    ws = w2;
  }
  if (ws < a + 2 || s->w[ws - 1] != ' ')
    return false;
  char before = s->w[ws - 2];
  return before == ',' || (before >= 'a' && before <= 'z');
}

/* A short connector that a title-case name keeps in lower case. */
static bool small_word(const char *w, size_t n) {
  static const char *const words[] = {"of", "and", "the", "in", "for", "on", "de", "des", "du", "la", "le",
                                      "et", "für", "und", "der", "die", "das", "y", "e", "da", "do", "di",
                                      "del", "&", "a", "an", "to", NULL};
  for (int k = 0; words[k]; k++)
    if (strlen(words[k]) == n && memcmp(words[k], w, n) == 0)
      return true;
  return false;
}

/* A definite article opening a phrase, space included ("The ", "Le ",
 * "Die "); the indefinite ones are in lib/data/articles.txt. */
static bool article_at(const st *s, size_t k, size_t b) {
  static const char *const words[] = {"The ", "Le ", "La ", "Les ", "L'", "Die ", "Der ", "Das ", "El ",
                                      "Los ", "Las ", "Il ", "Lo ", "O ", "Os ", "As ", NULL};
  for (int i = 0; words[i]; i++) {
    size_t n = strlen(words[i]);
    if (k + n <= b && memcmp(s->w + k, words[i], n) == 0)
      return true;
  }
  return rpi_lex_at(RPI_LEX_ARTICLES, s->w + k, b - k) > 0;
}

/* The next word of [*i, b): its start and end (a space ends it); false
 * when none is left. */
static bool next_word(const st *s, size_t *i, size_t b, size_t *ws, size_t *we) {
  size_t q = *i;
  while (q < b && s->w[q] == ' ')
    q++;
  if (q >= b)
    return false;
  size_t e = q;
  while (e < b && s->w[e] != ' ')
    e++;
  *ws = q;
  *we = e;
  *i = e;
  return true;
}

/* The first letter of [ws, we), after opening marks, as a code point (0
 * when none). */
static unsigned first_cp(const st *s, size_t ws, size_t we) {
  while (ws < we && (s->w[ws] == '(' || s->w[ws] == '"' || s->w[ws] == '\'' || s->w[ws] == '['))
    ws++;
  unsigned cp = 0;
  if (ws < we)
    rpi_utf8_decode((const unsigned char *)s->w + ws, we - ws, &cp);
  return cp;
}

/* Whether a known city or a publisher's word is in [r, b): a city among
 * the words (one or two of them), or rpi_imprint_has_publisher_word. */
static bool place_or_publisher(const st *s, size_t r, size_t b) {
  size_t i = r, ws, we, pws = UNSET;
  while (next_word(s, &i, b, &ws, &we)) {
    size_t e = we;
    while (e > ws && (s->w[e - 1] == ',' || s->w[e - 1] == '.' || s->w[e - 1] == ':' || s->w[e - 1] == ';'))
      e--;
    if (e > ws && s->w[ws] >= 'A' && s->w[ws] <= 'Z' &&
        (rpi_lex_is_city(s->w + ws, e - ws) || (pws != UNSET && rpi_lex_is_city(s->w + pws, e - pws))))
      return true;
    pws = ws;
  }
  return rpi_imprint_has_publisher_word(s, r, b);
}

/* The features of the cut at c->p (c->r set) in [a, b); nstop the number
 * of candidates, k this one's index. With all false, a costly feature
 * whose weight is 0 is left at 0. */
static void features(const st *s, size_t a, size_t b, rpi_seg_cand *c, size_t k, size_t nstop, bool all) {
  unsigned char *f = c->f;
  memset(f, 0, RPI_SEG_NFEAT);
  size_t p = c->p, r = c->r;
  char ch = s->w[p];
  f[RPI_SEG_F_LAST] = k + 1 == nstop;
  f[RPI_SEG_F_FIRST] = k == 0;
  f[RPI_SEG_F_QMARK] = ch == '?' || ch == '!';
  f[RPI_SEG_F_QUOTE] = (p > a && (s->w[p - 1] == '"' || s->w[p - 1] == '\'' ||
                                  (p >= a + 3 && (unsigned char)s->w[p - 3] == 0xE2 && (unsigned char)s->w[p - 2] == 0x80 &&
                                   ((unsigned char)s->w[p - 1] == 0x9D || (unsigned char)s->w[p - 1] == 0x99)))) ||
                       (p > a + 1 && (unsigned char)s->w[p - 2] == 0xC2 && (unsigned char)s->w[p - 1] == 0xBB);
  f[RPI_SEG_F_COUNTRY] = !rpi_scan_real_stop_at(s, a, b, p);
  /* the right part's words */
  size_t i = r, ws, we, nw = 0, caps = 0, checked = 0;
  bool lower = false, jword = false, ended = false;
  size_t first_s = UNSET, first_e = UNSET;
  while (next_word(s, &i, b, &ws, &we)) {
    nw++;
    if (nw == 1) {
      first_s = ws;
      first_e = we;
    }
    if (nw <= 3) {
      size_t e = we;
      while (e > ws && (s->w[e - 1] == ',' || s->w[e - 1] == '.' || s->w[e - 1] == ':'))
        e--;
      jword |= !ended && e > ws && rpi_lex_is_journal_word(s->w + ws, e - ws);
      /* (not past the end of a sentence: "Eine Fallstudie. Zeitschrift") */
      ended |= s->w[we - 1] == '.' && we - ws >= 4 && s->w[we - 2] >= 'a' && s->w[we - 2] <= 'z';
      unsigned cp = first_cp(s, ws, we);
      if (nw > 1) {
        if (rpi_is_upper(cp)) {
          caps++;
          checked++;
        } else if (!small_word(s->w + ws, e - ws)) {
          checked++;
          if (rpi_is_lower(cp) && e - ws >= 4)
            lower = true;
        }
      }
    }
  }
  f[RPI_SEG_F_NEXT_CAPS] = nw >= 2 && checked > 0 && caps == checked;
  f[RPI_SEG_F_NEXT_LOWER] = lower;
  f[RPI_SEG_F_ARTICLE] = r < b && article_at(s, r, b);
  f[RPI_SEG_F_JWORD] = jword;
  const char *other;
  f[RPI_SEG_F_JOURNAL] = nw > 0 && nw <= 16 && rpi_lex_journal(s->w + r, b - r, &other) != RPI_JOURNAL_NONE;
  f[RPI_SEG_F_ABBREV] = nw > 0 && nw <= 10 &&
                        ((memchr(s->w + r, '.', b - r) && rpi_scan_abbrev_run(s, r, b)) || rpi_scan_nlm_abbrev(s, r, b));
  f[RPI_SEG_F_PLACE_PUB] = (all || rpi_seg_weights[RPI_SEG_F_PLACE_PUB] != 0) && place_or_publisher(s, r, b);
  f[RPI_SEG_F_IN_EDITOR] = rpi_scan_find_in_at(s, r) && first_s != UNSET && first_e - first_s <= 3;
  for (size_t q = r; q < b && !f[RPI_SEG_F_IN_EDITOR]; q++)
    if ((s->w[q] == '(' || s->w[q - 1] == ' ') && rpi_scan_editor_mark(s, q) > q)
      f[RPI_SEG_F_IN_EDITOR] = 1;
  f[RPI_SEG_F_DIGIT] = r < b && ascii_digit(s->w[r]);
  /* the word before the stop */
  size_t lw = p;
  while (lw > a && s->w[lw - 1] != ' ')
    lw--;
  /* an elided article or preposition: "l'Agenais", "d'Histoire" */
  if (p - lw > 3 && s->w[lw + 1] == '\'' && ascii_alpha(s->w[lw]))
    lw += 2;
  unsigned lc = 0;
  if (lw < p)
    rpi_utf8_decode((const unsigned char *)s->w + lw, p - lw, &lc);
  size_t nchars = 0;
  for (size_t q = lw; q < p; q++)
    nchars += ((unsigned char)s->w[q] & 0xC0) != 0x80;
  f[RPI_SEG_F_LEFT_ABBR] = (nchars == 1 && rpi_is_upper(lc)) || (lw < p && rpi_lex_is_abbrev(s->w + lw, p - lw));
  f[RPI_SEG_F_LEFT_LOWER_END] = nchars >= 5 && rpi_is_lower(lc);
  f[RPI_SEG_F_LEFT_SMALL_END] = nchars >= 2 && nchars <= 4 && rpi_is_lower(lc);
  f[RPI_SEG_F_LEFT_BRACKET] = p > a && (s->w[p - 1] == ')' || s->w[p - 1] == ']');
  size_t yb = p >= a + 7 && s->w[p - 2] >= 'a' && s->w[p - 2] <= 'z' ? p - 2 : p - 1; /* "(2015a)" */
  f[RPI_SEG_F_LEFT_DATE] = f[RPI_SEG_F_LEFT_BRACKET] && yb >= a + 5 && s->w[yb - 5] == '(' &&
                           rpi_lex_is_year(s->w + yb - 4);
  f[RPI_SEG_F_LEFT_BRACKET] &= !f[RPI_SEG_F_LEFT_DATE];
  size_t lchars = 0;
  for (size_t q = a; q < p && lchars < 12; q++)
    lchars += ((unsigned char)s->w[q] & 0xC0) != 0x80;
  f[RPI_SEG_F_LEFT_TINY] = lchars < 12;
  size_t lwords = rpi_scan_count_words(s, a, p);
  f[RPI_SEG_F_LEFT_SHORT] = lwords <= 3;
  f[RPI_SEG_F_LEFT_LONG] = lwords >= 16;
  f[RPI_SEG_F_RIGHT_SHORT] = nw <= 3;
  f[RPI_SEG_F_RIGHT_MID] = nw >= 4 && nw <= 8;
  f[RPI_SEG_F_RIGHT_LONG] = nw >= 9;
  f[RPI_SEG_F_RIGHT_LOWER] = first_s != UNSET && rpi_is_lower(first_cp(s, first_s, first_e));
  f[RPI_SEG_F_RIGHT_COLON] = memchr(s->w + r, ':', b - r) != NULL;
  double sc = 0;
  for (int j = 0; j < RPI_SEG_NFEAT; j++)
    if (f[j])
      sc += rpi_seg_weights[j];
  c->score = sc;
}

/* The cut points of [a, b) from fs, without their features. */
static size_t stops(const st *s, size_t a, size_t b, size_t fs, rpi_seg_cand *c) {
  size_t n = 0;
  for (size_t p = fs; p < b; p++) {
    char ch = s->w[p];
    if (ch != '.' && ch != '?' && ch != '!')
      continue;
    if (!real_stop(s, a, b, p) && !rpi_seg_country_stop(s, a, p))
      continue;
    if (n == RPI_SEG_MAX) { /* keep the last ones */
      memmove(c, c + 1, (RPI_SEG_MAX - 1) * sizeof *c);
      n--;
    }
    c[n].p = p;
    c[n].r = skip_sp(s, p + 1);
    n++;
  }
  return n;
}

size_t rpi_seg_candidates(const st *s, size_t a, size_t b, size_t fs, rpi_seg_cand *c) {
  size_t n = stops(s, a, b, fs, c);
  for (size_t k = 0; k < n; k++)
    features(s, a, b, &c[k], k, n, true);
  return n;
}

size_t rpi_seg_best(const rpi_seg_cand *c, size_t n, double *margin) {
  size_t best = 0;
  double second = -1e300;
  for (size_t k = 1; k < n; k++) {
    if (c[k].score >= c[best].score) {
      second = c[best].score;
      best = k;
    } else if (c[k].score > second) {
      second = c[k].score;
    }
  }
  *margin = n > 1 ? c[best].score - second : 1e300;
  return best;
}

size_t rpi_seg_cut(const st *s, size_t a, size_t b, size_t fs, size_t rule, size_t *prev) {
  if (*prev == UNSET && !s->p->seg_trace)
    return rule; /* one stop: nothing to choose */
  rpi_seg_cand c[RPI_SEG_MAX];
  size_t n = stops(s, a, b, fs, c);
  if (!s->p->seg_trace && (n < 2 || c[n - 1].p != rule))
    return rule; /* no choice: no features (prev as the caller found it) */
  for (size_t k = 0; k < n; k++)
    features(s, a, b, &c[k], k, n, s->p->seg_trace != NULL);
  if (s->p->seg_trace)
    s->p->seg_trace(s->p->seg_ctx, s, a, b, c, n);
  if (n < 2 || c[n - 1].p != rule)
    return rule;
  double margin;
  size_t k = rpi_seg_best(c, n, &margin);
  if (k + 1 == n || c[k].score - c[n - 1].score < RPI_SEG_MARGIN)
    return rule;
  *prev = k > 0 ? c[k - 1].p : UNSET;
  return c[k].p;
}
