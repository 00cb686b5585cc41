#include "names.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "lexicon.h"
#include "utf8.h"

enum { FORM_NONE, FORM_INV, FORM_VAN, FORM_INIT, FORM_NAT };

typedef struct cur cur;
typedef struct shape_memo shape_memo;
static inline bool suffix_at(const cur *c, size_t i, char *suf, size_t *end);
static bool suffix_words(const cur *c, size_t k, char *suf, size_t *end);
static bool stop_given(const cur *c, size_t i);
static inline size_t connector(const cur *c, size_t i);
static inline size_t etal_at(const cur *c, size_t i);
static size_t connector_words(const cur *c, size_t k);
static bool editor_word(const cur *c, size_t i);

struct cur {
  const char *s;
  size_t lim;
  shape_memo *memo; /* shapes already computed for this s and lim, or NULL */
  size_t first;     /* where the list's first name starts */
  bool lead;        /* the list opens the text (no letter before it): the
                       place of names printed family first */
  bool family_first; /* every name of the list is printed family first:
                        read so those the lexicon or nothing tells */
};

/* What tells the order of a name of whole capitalised words (rpi_pname
 * order). */
enum { ORDER_NONE, ORDER_CAPS, ORDER_LEX_FAMILY, ORDER_LEX_GIVEN, ORDER_OPEN };

static bool ascii_letter(char ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); }

static unsigned peek(const cur *c, size_t i, size_t *len) {
  unsigned cp = 0;
  if (i >= c->lim) {
    *len = 0;
    return 0;
  }
  if ((unsigned char)c->s[i] < 0x80) { /* ASCII: no decoding */
    *len = 1;
    return (unsigned char)c->s[i];
  }
  size_t l = rpi_utf8_decode((const unsigned char *)c->s + i, c->lim - i, &cp);
  if (!l)
    l = 1, cp = 0xFFFD;
  *len = l;
  return cp;
}

static size_t skip_sp(const cur *c, size_t i) {
  while (i < c->lim && c->s[i] == ' ')
    i++;
  return i;
}

/* A word: letters and marks, with inner apostrophes and hyphens. The
 * letters are counted in *nchars, and *lower is set when one is lower
 * case (shape() needs both; one pass instead of two). */
static size_t word_end(const cur *c, size_t i, size_t *nchars, bool *lower) {
  size_t j = i, l;
  while (j < c->lim) {
    unsigned char b = (unsigned char)c->s[j];
    if (b < 0x80 && (unsigned)((b | 0x20) - 'a') < 26) { /* ASCII letter, as rpi_is_letter/lower see it */
      (*nchars)++;
      if (b >= 'a')
        *lower = true;
      j++;
      continue;
    }
    unsigned cp = peek(c, j, &l);
    if (rpi_is_letter(cp)) {
      (*nchars)++;
      if (rpi_is_lower(cp))
        *lower = true;
      j += l;
      continue;
    }
    if (rpi_is_mark(cp)) {
      j += l;
      continue;
    }
    if ((cp == '\'' || cp == '-') && j > i) {
      size_t l2;
      unsigned nx = peek(c, j + l, &l2);
      if (rpi_is_letter(nx)) {
        j += l;
        continue;
      }
    }
    break;
  }
  return j;
}

typedef struct wshape {
  size_t a, b;
  size_t nchars;
  bool cap, allcaps, lower_first;
} wshape;

/* The grammar asks for the shape at the same offsets many times (each
 * form, each retry): parse_forms keeps the answers in a small table on its
 * stack, direct-mapped by offset. A slot holds offset + 1 (0: empty) and the
 * shape, a == b when there is no word. */
#define SHAPE_SLOTS 64u
struct shape_memo {
  size_t at[SHAPE_SLOTS];
  wshape w[SHAPE_SLOTS];
};

/* shape() when the memo has no answer: measure the word, remember it. */
static bool shape_slow(const cur *c, size_t i, wshape *w) {
  shape_memo *m = c->memo;
  size_t slot = i & (SHAPE_SLOTS - 1);
  size_t nchars = 0;
  bool lower = false;
  size_t e = word_end(c, i, &nchars, &lower);
  if (m) {
    m->at[slot] = i + 1;
    m->w[slot].a = i;
    m->w[slot].b = e;
  }
  if (e == i)
    return false;
  w->a = i;
  w->b = e;
  w->nchars = nchars;
  w->allcaps = !lower;
  size_t l;
  unsigned first = peek(c, i, &l);
  w->cap = rpi_is_upper(first);
  w->lower_first = rpi_is_lower(first);
  /* "d'Ozouville", "l'Estrange": an elided particle before a capital is
   * part of a capitalised family name */
  if (w->lower_first && l == 1 && i + 2 < e && c->s[i + 1] == '\'' && rpi_is_upper(peek(c, i + 2, &l)) &&
      (first == 'd' || first == 'l')) {
    w->cap = true;
    w->lower_first = false;
  }
  /* "al-Rashid", "el-Sayed": Arabic's article joined by a hyphen before
   * a capital, the same */
  if (w->lower_first && i + 4 < e && (first == 'a' || first == 'e') && c->s[i + 1] == 'l' && c->s[i + 2] == '-' &&
      rpi_is_upper(peek(c, i + 3, &l))) {
    w->cap = true;
    w->lower_first = false;
  }
  if (m)
    m->w[slot] = *w;
  return true;
}

static inline bool shape(const cur *c, size_t i, wshape *w) {
  const shape_memo *m = c->memo;
  size_t slot = i & (SHAPE_SLOTS - 1);
  if (!m || m->at[slot] != i + 1)
    return shape_slow(c, i, w);
  /* computed before for the same s and lim */
  if (m->w[slot].a == m->w[slot].b)
    return false;
  *w = m->w[slot];
  return true;
}

static void gput(char *g, size_t cap, const char *s, size_t n) {
  size_t gl = strlen(g);
  if (gl + n + 1 > cap)
    return;
  memcpy(g + gl, s, n);
  g[gl + n] = '\0';
}

/* Whether the digits at k open a word joined by a hyphen ("3-nm",
 * "28-GHz"): a title's first word after its article ("Meyer L. A 28-GHz
 * phased array ..."), not a year or a page after a name. */
static bool digit_word(const cur *c, size_t k) {
  while (k < c->lim && rpi_is_digit((unsigned char)c->s[k]))
    k++;
  return k + 1 < c->lim && c->s[k] == '-' && ((c->s[k + 1] >= 'a' && c->s[k + 1] <= 'z') ||
                                              (c->s[k + 1] >= 'A' && c->s[k + 1] <= 'Z'));
}

/* Initials at i: "C. E.", "C.E.", "CE", "K.-W.", "K-W", "Ch.", "H. H".
 * dotted_only: every initial must carry a period (except a last one before
 * a separator). Returns the end, or i when none; canonical form in g. */
/* The two capitals at a, their stop before e: an initial of Russian
 * names transliterated with two letters, as lists set in capitals print
 * it ("V. YA. SHTERN", "YU. A. KRAVTSOV", "ZH. I. ALFEROV"), so before
 * another initial or a name in capitals; not two initials run together
 * after a family name ("Strogatz SH. Collective dynamics"). */
static bool caps_digraph(const cur *c, size_t a, size_t e) {
  static const char pairs[][3] = {"YA", "YU", "YE", "YO", "ZH", "CH", "SH", "KH", "TS"};
  bool pair = false;
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0] && !pair; i++)
    pair = c->s[a] == pairs[i][0] && c->s[a + 1] == pairs[i][1];
  wshape w;
  size_t k = skip_sp(c, e);
  return pair && k > e && shape(c, k, &w) && w.cap &&
         ((w.allcaps && w.nchars >= 2) || (w.nchars == 1 && w.b < c->lim && c->s[w.b] == '.'));
}

/* A quote that opens a title after a name: '"', '“', '„', '«'. */
static bool opening_quote(unsigned cp) { return cp == '"' || cp == 0x201C || cp == 0x201E || cp == 0xAB; }

/* A year at n2, after a space (n2 > e), closed by a stop, a comma, a
 * semicolon, a bracket, a space or the end: "Moraes JC 2020.". */
static bool year_closes(const cur *c, size_t n2, size_t e) {
  if (n2 <= e || n2 + 4 > c->lim || !rpi_is_digit((unsigned char)c->s[n2]) || !rpi_lex_is_year(c->s + n2))
    return false;
  if (n2 + 4 == c->lim)
    return true;
  char ch = c->s[n2 + 4];
  return ch == '.' || ch == ',' || ch == ';' || ch == ')' || ch == ' ';
}

static size_t initials(const cur *c, size_t i, bool allow_block, char *g,
                       size_t gcap, bool *repaired) {
  size_t j = i;
  int count = 0;
  g[0] = '\0';
  for (;;) {
    size_t k = skip_sp(c, j);
    if (count > 0 && k == j && c->s[j - 1] != '.' && c->s[j - 1] != '-')
      break;
    wshape w;
    if (!shape(c, k, &w) || !w.cap)
      break;
    size_t l;
    unsigned after = peek(c, w.b, &l);
    if (w.nchars == 1 || (w.nchars == 2 && after == '.' && (!w.allcaps || caps_digraph(c, w.a, w.b + 1)))) {
      /* single initial (or "Ch.", and "YA." in a list set in capitals) */
      bool dot = after == '.';
      /* ACS "Finch, P. A. J. Org. Chem. 1997", "Sato, T. J. Am. Chem.
       * Soc.": after the name's initials, "J." or "Z." before an
       * abbreviated title word of the lists opens the journal */
      if (count > 0 && dot && w.nchars == 1 && (c->s[w.a] == 'J' || c->s[w.a] == 'Z')) {
        wshape wj;
        size_t kj = skip_sp(c, w.b + 1);
        if (kj > w.b + 1 && shape(c, kj, &wj) && wj.cap && !wj.allcaps && wj.nchars >= 2 && wj.b < c->lim &&
            c->s[wj.b] == '.' && rpi_lex_is_abbrev(c->s + wj.a, wj.b - wj.a))
          break;
      }
      bool hy = false;
      size_t e = w.b + (dot ? 1 : 0);
      if (!dot) {
        /* undotted single letter: only before a separator or another
         * initial ("Park H. H,", "Oh K-W,") */
        size_t n2 = skip_sp(c, e);
        unsigned nx = peek(c, n2, &l);
        bool sep = nx == ',' || nx == ';' || nx == 0 || nx == '.' || nx == ':' ||
                   nx == '(' || nx == '&' || nx == '/' || (rpi_is_digit(nx) && n2 > e && !digit_word(c, n2)) ||
                   (n2 > e && opening_quote(nx)); /* "Talley E “Sarbanes-Oxley ...”" */
        if (!sep) {
          wshape w2;
          if (shape(c, n2, &w2) && w2.nchars == 1 && w2.cap && n2 > e)
            sep = true; /* "H H" */
          else if (shape(c, n2, &w2) && (w2.b - w2.a == 3) &&
                   (memcmp(c->s + n2, "and", 3) == 0 || memcmp(c->s + n2, "und", 3) == 0))
            sep = true;
          else if (n2 + 1 < c->lim && (c->s[n2] == 'e' || c->s[n2] == 'y') && c->s[n2 + 1] == ' ')
            sep = true;
          else if (n2 + 2 < c->lim && memcmp(c->s + n2, "et", 2) == 0)
            sep = true;
          else if (etal_at(c, n2))
            sep = true; /* "Petrov I и др.", "Nowak J i in." */
        }
        if (!sep)
          break;
        if (count > 0 || c->s[j > 0 ? j - 1 : 0] == '.')
          *repaired = true;
        /* PDF spacing "Ando,K .;Maekawa ,S .;Saitoh", "M. Keating, S .
         * Louis, Doron Rotem", "W . Unger,": the initial's stop after a
         * space, then the list's separator or, after a space, a capital */
        if (nx == '.' && n2 > e && n2 + 1 < c->lim &&
            (c->s[n2 + 1] == ';' || c->s[n2 + 1] == ',' ||
             (c->s[n2 + 1] == ' ' && n2 + 2 < c->lim && c->s[n2 + 2] >= 'A' && c->s[n2 + 2] <= 'Z'))) {
          e = n2 + 1;
          *repaired = true;
        }
      }
      if (count > 0 && g[0] && g[strlen(g) - 1] != '-')
        gput(g, gcap, " ", 1);
      gput(g, gcap, c->s + w.a, w.b - w.a);
      gput(g, gcap, ".", 1);
      count++;
      j = e;
      /* "J. -P.", "M.–B.", "J. –P.": a French hyphenated given name's
       * initials with a space before the hyphen or an en dash for it
       * (the dash right before the next initial and its stop) */
      if (dot && count == 1 && j + 3 < c->lim) {
        size_t hj = j + (c->s[j] == ' ' ? 1 : 0), hl = 0;
        if (c->s[hj] == '-' && hj > j)
          hl = 1;
        else if (memcmp(c->s + hj, "\xe2\x80\x93", 3) == 0)
          hl = 3;
        size_t hk = hj + hl;
        if (hl && hk + 1 < c->lim && c->s[hk] >= 'A' && c->s[hk] <= 'Z' && c->s[hk + 1] == '.') {
          gput(g, gcap, "-", 1);
          gput(g, gcap, c->s + hk, 1);
          gput(g, gcap, ".", 1);
          *repaired = true;
          count++;
          j = hk + 2;
          continue;
        }
      }
      /* "K.-W."; "H.- P." broken at a line end */
      if (j < c->lim && c->s[j] == '-') {
        wshape w3;
        size_t hk = skip_sp(c, j + 1);
        if (shape(c, hk, &w3) && w3.cap && w3.nchars <= 2 && (hk == j + 1 || w3.nchars == 1)) {
          gput(g, gcap, "-", 1);
          hy = true;
          if (hk > j + 1)
            *repaired = true;
          j = j + 1;
          continue;
        }
      }
      (void)hy;
      continue;
    }
    if (!allow_block && count == 0 && w.b - w.a == 3 && c->s[w.a + 1] == '-' && after == '.' && c->s[w.a] >= 'A' &&
        c->s[w.a] <= 'Z' && c->s[w.a + 2] >= 'A' && c->s[w.a + 2] <= 'Z') {
      /* "J-M. Fourniau", "J-L. Gaudiot": a hyphenated given name's
       * initials with the first stop left out (French lists), as the
       * block below reads them after the family ("Fourniau J-M.") */
      char h[6] = {c->s[w.a], '.', '-', c->s[w.a + 2], '.', '\0'};
      gput(g, gcap, h, 5);
      count++;
      j = w.b + 1;
      continue;
    }
    if (allow_block && count == 0 && w.allcaps && w.nchars <= 4) {
      /* "CE", "OPB", "K-W" */
      size_t e = w.b;
      bool dot = after == '.';
      size_t n2 = skip_sp(c, e + (dot ? 1 : 0));
      unsigned nx = peek(c, n2, &l);
      bool sfx = false;
      if (nx == 'J' || nx == 'S' || nx == 'I') {
        char tmp[16];
        size_t se;
        sfx = suffix_at(c, n2, tmp, &se);
      }
      /* (a year after a space ends the list too: "Moraes JC 2020.", but
       * not a standard's number, "DIN EN 1990:2010-12") */
      if (nx != ',' && nx != ';' && nx != 0 && !dot && nx != ':' && nx != '(' && !sfx &&
          nx != '&' && nx != '/' && !(nx == 'a' || nx == 'u' || nx == 'e' || nx == 'y') && !etal_at(c, n2) &&
          !(n2 > e && opening_quote(nx)) && !year_closes(c, n2, e))
        break;
      for (size_t p = w.a; p < e; p += l) {
        unsigned cp = peek(c, p, &l);
        if (cp == '-') {
          gput(g, gcap, "-", 1);
          continue;
        }
        if (g[0] && g[strlen(g) - 1] != '-')
          gput(g, gcap, " ", 1);
        gput(g, gcap, c->s + p, l);
        gput(g, gcap, ".", 1);
      }
      count++;
      j = e + (dot ? 1 : 0);
      break;
    }
    break;
  }
  return count ? j : i;
}

/* Whether the word w (an article) stands at i, a space after it. */
static bool is_article_word(const cur *c, size_t i, const char *w) {
  size_t n = strlen(w);
  return i + n < c->lim && memcmp(c->s + i, w, n) == 0 && c->s[i + n] == ' ';
}

/* Family name at i: particles then 1..maxw capitalized words. Sets *nw. */
static size_t family(const cur *c, size_t i, int maxw, size_t *ends, int *nw) {
  size_t j = i;
  int words = 0;
  size_t l;
  /* "St. John, T. V.", "Ste. Croix": an abbreviated Saint opens the family */
  size_t sl = i + 4 <= c->lim && memcmp(c->s + i, "St. ", 4) == 0     ? 4
              : i + 5 <= c->lim && memcmp(c->s + i, "Ste. ", 5) == 0 ? 5
                                                                        : 0;
  if (sl && i + sl < c->lim && c->s[i + sl] >= 'A' && c->s[i + sl] <= 'Z')
    j = i + sl;
  /* "Grimm, Dieter, Die Zukunft der Verfassung, Frankfurt": an article
   * before more capitalised words opens a title, no family name */
  if (j == i && maxw > 1 && (c->s[i] == 'D' || c->s[i] == 'T' || c->s[i] == 'E') &&
      (is_article_word(c, i, "Die") || is_article_word(c, i, "The") || is_article_word(c, i, "Eine") ||
       is_article_word(c, i, "Ein"))) {
    wshape w;
    size_t k = i;
    while (k < c->lim && c->s[k] != ' ')
      k++;
    if (k + 1 < c->lim && shape(c, k + 1, &w) && w.cap) {
      *nw = 0;
      return i;
    }
  }
  /* particles */
  for (int p = 0; p < 3; p++) {
    wshape w;
    if (!shape(c, j, &w) || !w.lower_first)
      break;
    if (!rpi_lex_is_particle(c->s + w.a, w.b - w.a))
      break;
    if (peek(c, w.b, &l) != ' ')
      break;
    j = skip_sp(c, w.b);
  }
  /* d'Alembert, O'Brien handled by word_end */
  while (words < maxw) {
    wshape w;
    size_t k = words ? skip_sp(c, j) : j;
    if (words && k == j)
      break;
    if (!shape(c, k, &w))
      break;
    if (words) {
      char sfx[16];
      size_t se;
      if (suffix_at(c, k, sfx, &se))
        break;
    }
    if (!w.cap) {
      /* inner particle: "Ribeiro da Silva" */
      if (words && w.lower_first && rpi_lex_is_particle(c->s + w.a, w.b - w.a)) {
        size_t k2 = skip_sp(c, w.b);
        wshape w2;
        if (shape(c, k2, &w2) && w2.cap) {
          j = w.b;
          continue;
        }
        /* two of them: "Yarza de los Ríos", "Rodríguez de la Fuente" */
        wshape w3;
        if (shape(c, k2, &w2) && w2.lower_first && rpi_lex_is_particle(c->s + w2.a, w2.b - w2.a) &&
            shape(c, skip_sp(c, w2.b), &w3) && w3.cap) {
          j = w2.b;
          continue;
        }
      }
      /* Portuguese and Spanish "e"/"y" joining two family names that a
       * comma or Vancouver initials close: "Souza e Castro, F.", "Ortega
       * y Gasset, J.", "Costa e Silva M," */
      if (words && w.b == w.a + 1 && (c->s[w.a] == 'e' || c->s[w.a] == 'y')) {
        wshape w2;
        if (shape(c, skip_sp(c, w.b), &w2) && w2.cap && w2.b < c->lim) {
          size_t q = w2.b;
          if (q + 1 < c->lim && c->s[q] == ' ')
            for (q++; q < c->lim && q < w2.b + 5 && c->s[q] >= 'A' && c->s[q] <= 'Z';)
              q++;
          if (q < c->lim && (c->s[q] == ',' || (q > w2.b + 1 && c->s[q] == '.'))) {
            j = w.b;
            continue;
          }
        }
      }
      break;
    }
    j = w.b;
    ends[words++] = j;
  }
  *nw = words;
  return words ? j : i;
}

/* The length of w (not empty) when it stands at i as a whole word (no
 * letter after it), else 0. Byte by byte, no strlen: most calls differ at
 * the first byte. */
static size_t word_len_at(const cur *c, size_t i, const char *w) {
  size_t n = 0;
  for (; w[n]; n++)
    if (i + n >= c->lim || c->s[i + n] != w[n])
      return 0;
  size_t l;
  unsigned nx = peek(c, i + n, &l);
  return rpi_is_letter(nx) ? 0 : n;
}

static bool is_word_at(const cur *c, size_t i, const char *w) { return word_len_at(c, i, w) != 0; }

/* Word lists indexed by first byte (NULL: no word starts so): the first
 * word of the list for s[i] that stands at i as a whole word gives its
 * length; 0 when none. A call scans only the words that can match. */
typedef const char *const *const word_groups[256];
static size_t grouped_word_at(const cur *c, size_t i, const word_groups groups) {
  const char *const *list = i < c->lim ? groups[(unsigned char)c->s[i]] : NULL;
  for (size_t k = 0; list && list[k]; k++) {
    size_t n = word_len_at(c, i, list[k]);
    if (n)
      return n;
  }
  return 0;
}

/* etal_at() at a non-space i < lim. Each group keeps the order of
 * preference: "et al." before "et al". */
static size_t etal_forms(const cur *c, size_t i) {
  static const char *const e[] = {"et al.", "et al", "et. al.", "et.al.", "e col.", "e cols.", "etal.",
                                  "etal", "et al,", "et alii", "et coll.", "e outros", "e colaboradores",
                                  NULL};
  static const char *const a[] = {"and others", "a kol.", NULL};
  static const char *const u[] = {"u. a.", "u.a.", NULL};
  static const char *const y[] = {"y cols.", "y col.", "ym.", "y otros", NULL};
  static const char *const br[] = {"[et al.]", NULL};
  static const char *const m[] = {"m. fl.", "m.fl.", "mfl.", NULL};
  static const char *const cyr_i[] = {"и др.", NULL};
  static const char *const in[] = {"i in.", "i inni", NULL};
  /* also Portuguese, Spanish, Polish, Czech: "e outros", "y otros", "i in.", "a kol." */
  static word_groups forms = {['e'] = e, ['a'] = a, ['u'] = u, ['y'] = y,
                              ['['] = br, ['m'] = m, [0xD0] = cyr_i, ['i'] = in};
  size_t n = grouped_word_at(c, i, forms);
  return n ? i + n : 0;
}

/* The first bytes of the "et al." forms, the connectors and the suffixes
 * (0xD0 opens "и", 0xC3 "és", 0xC8 and 0xC5 "și" and "şi", 0xCE "και"): at any
 * other byte none can match, so etal_at(),
 * connector() and suffix_at() return at once. */
enum { OPENS_ETAL = 1, OPENS_CONN = 2, OPENS_SFX = 4 };
static const unsigned char opens[256] = {
    ['e'] = OPENS_ETAL | OPENS_CONN, ['a'] = OPENS_ETAL | OPENS_CONN, ['u'] = OPENS_ETAL | OPENS_CONN,
    ['y'] = OPENS_ETAL | OPENS_CONN, ['i'] = OPENS_ETAL | OPENS_CONN, [0xD0] = OPENS_ETAL | OPENS_CONN,
    ['['] = OPENS_ETAL, ['m'] = OPENS_ETAL, ['&'] = OPENS_CONN, ['o'] = OPENS_CONN, ['A'] = OPENS_CONN,
    [0xC3] = OPENS_CONN, ['j'] = OPENS_CONN, [0xC8] = OPENS_CONN, [0xC5] = OPENS_CONN, [0xCE] = OPENS_CONN,
    ['J'] = OPENS_SFX, ['S'] = OPENS_SFX, ['I'] = OPENS_SFX, ['2'] = OPENS_SFX, ['3'] = OPENS_SFX,
};
static inline bool opens_at(const cur *c, size_t i, unsigned what) {
  return i < c->lim && (opens[(unsigned char)c->s[i]] & what);
}

/* "et al", "et al.", "et. al.", "and others", "u. a.", "y col.", "e col." */
static inline size_t etal_at(const cur *c, size_t i) {
  i = skip_sp(c, i);
  return opens_at(c, i, OPENS_ETAL) ? etal_forms(c, i) : 0;
}

/* Connector between names: returns position after it or 0. Sets *last when
 * it is a final "and". */
static inline size_t connector(const cur *c, size_t i) {
  size_t k = skip_sp(c, i);
  return opens_at(c, k, OPENS_CONN) ? connector_words(c, k) : 0;
}

/* connector() at a non-space k < lim. */
static size_t connector_words(const cur *c, size_t k) {
  /* "AND": small capitals set in capitals ("FRANCEZ, N., AND KOZEN, D.") */
  /* Hungarian "és", Finnish "ja", Romanian "și" (and "şi" with a cedilla),
   * Greek "και" */
  static const char *const words[] = {"and", "&", "und", "y", "e", "et", "og", "och", "en", "i", "a", "и", "AND",
                                      "\xc3\xa9s", "ja", "\xc8\x99i", "\xc5\x9fi", "\xce\xba\xce\xb1\xce\xb9", NULL};
  for (size_t w = 0; words[w]; w++)
    if (is_word_at(c, k, words[w]) || (words[w][0] == '&' && k < c->lim && c->s[k] == '&')) {
      size_t e = k + strlen(words[w]);
      if (e < c->lim && c->s[e] == ' ')
        return skip_sp(c, e);
    }
  /* PDF text that lost the space after the connector: "&Chutjian , A.",
   * "andM .C .Downer", "andD . A. Jaroszynski" (a capital right after) */
  size_t g = c->s[k] == '&' ? 1 : k + 3 < c->lim && memcmp(c->s + k, "and", 3) == 0 ? 3 : 0;
  if (g && k + g < c->lim && c->s[k + g] >= 'A' && c->s[k + g] <= 'Z' && k > 0 &&
      (c->s[k - 1] == ' ' || c->s[k - 1] == ','))
    return k + g;
  return 0;
}

static inline bool suffix_at(const cur *c, size_t i, char *suf, size_t *end) {
  size_t k = skip_sp(c, i);
  return opens_at(c, k, OPENS_SFX) && suffix_words(c, k, suf, end);
}

/* suffix_at() at a non-space k < lim. */
static bool suffix_words(const cur *c, size_t k, char *suf, size_t *end) {
  static const char *const sfx[] = {"Jr.", "Jr", "Sr.", "Sr", "III", "II", "IV", "Jnr", "2nd", "3rd", NULL};
  char b = k + 1 < c->lim ? c->s[k + 1] : '\0';
  if (b != 'r' && b != 'n' && b != 'I' && b != 'V') /* no suffix has another second byte ("Smith") */
    return false;
  for (size_t w = 0; sfx[w]; w++) {
    size_t n = word_len_at(c, k, sfx[w]);
    if (n) {
      memcpy(suf, sfx[w], n);
      suf[n] = '\0';
      *end = k + n;
      return true;
    }
  }
  return false;
}

/* Full given names: "Charles", "Charles E.", "Mary-Jane", "J. Robert". */
/* Whether the name at k (past white space) reads as a Vancouver one, a
 * capitalised word and one to three capitals: "Blair PL", "Zhou Y". */
static bool vancouver_next(const cur *c, size_t k) {
  wshape a, b;
  k = skip_sp(c, k);
  if (!shape(c, k, &a) || !a.cap || a.allcaps || a.nchars < 2)
    return false;
  size_t k2 = skip_sp(c, a.b);
  if (k2 == a.b || !shape(c, k2, &b) || !b.allcaps || b.nchars > 3)
    return false;
  size_t l;
  unsigned after = peek(c, b.b, &l);
  return after == ',' || after == '.' || after == 0;
}

static size_t given_full(const cur *c, size_t i, char *g, size_t gcap, int maxw) {
  size_t j = i;
  int words = 0;
  g[0] = '\0';
  bool seen_initial = false;
  while (words < maxw) {
    size_t k = words ? skip_sp(c, j) : j;
    if (words && k == j && c->s[j - 1] != '.')
      break;
    wshape w;
    if (!shape(c, k, &w) || !w.cap)
      break;
    {
      char sfx[16];
      size_t se;
      if (words && suffix_at(c, k, sfx, &se))
        break; /* "Martin Sr.": the suffix is not a given name */
    }
    if (words && editor_word(c, k))
      break; /* "Lindqvist, Anna Hrsg.": the editor mark is no given name */
    size_t l;
    unsigned after = peek(c, w.b, &l);
    if (w.nchars == 1) {
      if (after != '.') {
        /* "Keith T and Howard Rosenthal", "Mauro F Guillén" */
        size_t k2 = skip_sp(c, w.b);
        size_t l2;
        unsigned nx2 = peek(c, k2, &l2);
        /* "Campbell, John L, Catherine Corson": the comma right after,
         * not in a Vancouver list ("Le Roch, Zhou Y, Blair PL") */
        if (words > 0 && ((k2 > w.b && (nx2 == ',' || nx2 == '.' || connector(c, w.b))) ||
                          (k2 == w.b && nx2 == ',' && !vancouver_next(c, w.b + 1)))) {
          if (g[0])
            gput(g, gcap, " ", 1);
          gput(g, gcap, c->s + w.a, w.b - w.a);
          gput(g, gcap, ".", 1);
          j = w.b;
          words++;
          break;
        }
        break;
      }
      seen_initial = true;
      if (g[0])
        gput(g, gcap, " ", 1);
      gput(g, gcap, c->s + w.a, w.b - w.a + 1);
      j = w.b + 1;
      words++;
      continue;
    }
    if (seen_initial && words > 0)
      break;
    if (w.allcaps && w.nchars > 1)
      break;
    /* "Thoreau, Henry David, Walden, Trad. fr. par ...": a translator's
     * mark is no given name */
    if ((w.b - w.a == 4 && memcmp(c->s + w.a, "Trad", 4) == 0) ||
        (after == '.' && ((w.b - w.a == 5 && memcmp(c->s + w.a, "Trans", 5) == 0) ||
                          (w.b - w.a == 6 && memcmp(c->s + w.a, "Transl", 6) == 0) ||
                          (w.b - w.a == 6 && memcmp(c->s + w.a, "\xc3\x9c" "bers", 6) == 0))))
      break;
    if (g[0])
      gput(g, gcap, " ", 1);
    gput(g, gcap, c->s + w.a, w.b - w.a);
    j = w.b;
    words++;
    /* "Hans- Peter": a compound given name broken after its hyphen (a
     * line end in the source) is joined again, "Hans-Peter" */
    if (j + 2 < c->lim && c->s[j] == '-' && c->s[j + 1] == ' ') {
      wshape w2;
      size_t k2 = skip_sp(c, j + 1);
      if (shape(c, k2, &w2) && w2.cap && !w2.allcaps && w2.nchars >= 2) {
        gput(g, gcap, "-", 1);
        gput(g, gcap, c->s + w2.a, w2.b - w2.a);
        j = w2.b;
      }
    }
  }
  return words ? j : i;
}

static void canon_block(char *g) { (void)g; }

/* A particle printed after the given name ("Barros, S. L. de,"): kept
 * with the given name, as the Brazilian sources print and annotate it. */
static size_t postfix_particle(const cur *c, size_t g, char *given, size_t gcap) {
  size_t k = skip_sp(c, g);
  if (k == g)
    return g;
  static const char *const pp[] = {"de", "da", "do", "dos", "das", "van", "von", "del", "di", NULL};
  if (k >= c->lim || (c->s[k] != 'd' && c->s[k] != 'v')) /* every pp[] word starts so */
    return g;
  for (int q = 0; pp[q]; q++) {
    size_t l = strlen(pp[q]);
    if (k + l <= c->lim && memcmp(c->s + k, pp[q], l) == 0) {
      char nx = k + l < c->lim ? c->s[k + l] : '\0';
      /* (or a bracketed year after it: "Tocqueville, A. de (1835).") */
      bool year = nx == ' ' && k + l + 2 < c->lim && c->s[k + l + 1] == '(' &&
                  rpi_is_digit((unsigned char)c->s[k + l + 2]);
      if (nx == ',' || nx == ';' || nx == '.' || nx == '\0' || nx == '/' || year) {
        gput(given, gcap, " ", 1);
        gput(given, gcap, pp[q], l);
        return k + l;
      }
    }
  }
  return g;
}

/* Whether the bracketed text at k may be given names: up to its ')', no
 * editor's or creator's role opening it ("(Hrsg.)", "(Producer)"), no
 * lower-case part after a hyphen ("(Saône-et-Loire)") and no word of a
 * body's name. */
static bool bracket_given(const cur *c, size_t k) {
  static const char *const roles[] = {"Ed",     "Hg",    "Hrsg",   "Dir",    "Coord",   "Org",
                                      "Comp",   "Trad",  "Trans",  "Produc", "Writer",  "Host",
                                      "Narrat", "Perform", "Artist", "Photograph", "Execut", "Creat",
                                      "Speak",  "Present", NULL};
  for (size_t r = 0; roles[r]; r++)
    if (k + strlen(roles[r]) <= c->lim && memcmp(c->s + k, roles[r], strlen(roles[r])) == 0)
      return false;
  for (size_t q = k; q < c->lim && c->s[q] != ')'; q++) {
    if (c->s[q] == '-' && q + 1 < c->lim && c->s[q + 1] >= 'a' && c->s[q + 1] <= 'z')
      return false;
    if (q == k || c->s[q - 1] == ' ') {
      size_t we = q;
      while (we < c->lim && c->s[we] != ' ' && c->s[we] != ')')
        we++;
      if (rpi_lex_is_org_word(c->s + q, we - q))
        return false;
    }
  }
  return true;
}

/* A Portuguese generational name at k, a whole word ("Filho", "NETO",
 * "Júnior", "Sobrinho"): copies it to suf (16 bytes) and returns its
 * length, else 0. */
static size_t generational_at(const cur *c, size_t k, char *suf) {
  static const char *const gen[] = {"Filho", "FILHO", "Neto", "NETO", "J\xc3\xbanior", "J\xc3\x9aNIOR",
                                    "Junior", "JUNIOR", "Sobrinho", "SOBRINHO", NULL};
  for (int q = 0; gen[q]; q++) {
    size_t gl = word_len_at(c, k, gen[q]);
    if (gl) {
      memcpy(suf, gen[q], gl + 1);
      return gl;
    }
  }
  return 0;
}

/* "TEIXEIRA JÚNIOR, J. G.", "Leitão Filho, H. F.": when the family's last
 * word [a, b) is a generational name, it becomes the suffix and the family
 * ends at fam_end. */
static void generational(const cur *c, rpi_pname *nm, size_t a, size_t b, size_t fam_end) {
  char suf[16];
  if (generational_at(c, a, suf) == b - a) {
    memcpy(nm->suffix, suf, sizeof suf);
    nm->fam_b = fam_end;
  }
}

/* "Audu, M; Gartman, SJ; Triolo, R Posture-dependent control ...": in a
 * semicolon list, the last name's undotted initials (one to three
 * capitals at k) run into the title, a capitalised word in lower case
 * after its capital. True for a name after "; " at i; the initials go to
 * g (gcap bytes) and their end to *end. */
static bool semicolon_last_initials(const cur *c, size_t i, size_t k, char *g, size_t gcap, size_t *end) {
  if (i < 2 || c->s[i - 2] != ';' || c->s[i - 1] != ' ')
    return false;
  size_t q = k;
  while (q < c->lim && q - k < 4 && c->s[q] >= 'A' && c->s[q] <= 'Z')
    q++;
  if (q == k || q - k > 3 || q + 3 >= c->lim || c->s[q] != ' ' || !(c->s[q + 1] >= 'A' && c->s[q + 1] <= 'Z') ||
      !(c->s[q + 2] >= 'a' && c->s[q + 2] <= 'z') || !((c->s[q + 3] >= 'a' && c->s[q + 3] <= 'z') || c->s[q + 3] == '-'))
    return false;
  g[0] = '\0';
  for (size_t p = k; p < q; p++) {
    if (g[0])
      gput(g, gcap, " ", 1);
    gput(g, gcap, c->s + p, 1);
    gput(g, gcap, ".", 1);
  }
  *end = q;
  return true;
}

/* Whether a word of two to four letters that is no given name, a period
 * and a number of one to three digits stand at k ("Vol. 12", "No. 3",
 * "Bd. 4", "Nr.5"). */
static bool abbrev_number(const cur *c, size_t k) {
  size_t e = k;
  while (e < c->lim && e < k + 5 && ascii_letter(c->s[e]))
    e++;
  if (e - k < 2 || e - k > 4 || e + 1 >= c->lim || c->s[e] != '.' || rpi_lex_is_given_name(c->s + k, e - k))
    return false;
  e++;
  if (c->s[e] == ' ')
    e++;
  size_t d = e;
  while (d < c->lim && d < e + 4 && c->s[d] >= '0' && c->s[d] <= '9')
    d++;
  return d > e && d < e + 4; /* (not a year: "Genesee, Fred. 2002.") */
}

/* FORM_INV: "Family, G.", "Family, Given", "PÉGEOT (P.)", "Duby
 * (Georges)". Returns the end or `i` on failure. */
static size_t name_inv(const cur *c, size_t i, rpi_pname *nm) {
  size_t ends[8];
  int nw = 0;
  size_t e = family(c, i, 4, ends, &nw);
  if (nw && e + 3 < c->lim && c->s[e] == ' ' && c->s[e + 1] == '(') {
    /* French "PÉGEOT (P.)", "Allen (J.P.)": initials in brackets */
    bool rep = false;
    size_t g = initials(c, e + 2, true, nm->given, sizeof nm->given, &rep);
    if (g > e + 2 && g < c->lim && c->s[g] == ')') {
      nm->fam_a = i;
      nm->fam_b = e;
      nm->repaired = rep;
      return g + 1;
    }
    /* "Duby (Georges)", "Le Goff (Jacques)": given names in brackets, not
     * a role ("(Hrsg.)", "(dir.)") or a body's expansion ("WHO (World
     * Health Organization)") */
    g = bracket_given(c, e + 2) ? given_full(c, e + 2, nm->given, sizeof nm->given, 3) : e + 2;
    if (g > e + 2 && g < c->lim && c->s[g] == ')') {
      nm->fam_a = i;
      nm->fam_b = e;
      return g + 1;
    }
    nm->given[0] = '\0';
  }
  /* "Baes Jr., C. F.", "King Jr., M. L.": the suffix before the comma */
  size_t comma = e, se0;
  char sfx0[16] = "";
  if (nw && e < c->lim && c->s[e] == ' ' && suffix_at(c, e, sfx0, &se0) && se0 < c->lim && c->s[se0] == ',')
    comma = se0;
  else
    sfx0[0] = '\0';
  if (!nw || comma >= c->lim || c->s[comma] != ',')
    return i;
  /* last word must not look like initials unless it is the only one */
  if (nw > 1) {
    wshape w;
    shape(c, ends[nw - 2] + 1, &w);
    size_t ka = skip_sp(c, ends[nw - 2]);
    shape(c, ka, &w);
    (void)w;
    wshape last;
    size_t la = ends[nw - 2];
    la = skip_sp(c, la);
    while (la < e && c->s[la] == ' ')
      la++;
    /* find start of last word */
    size_t st = ends[nw - 1];
    while (st > i && c->s[st - 1] != ' ')
      st--;
    if (shape(c, st, &last) && last.allcaps && last.nchars <= 4) {
      /* every word all caps ("DA SILVA") is fine */
      wshape f;
      shape(c, skip_sp(c, i), &f);
      if (!f.allcaps)
        return i;
    }
  }
  nm->fam_a = i;
  nm->fam_b = e;
  if (nw > 1)
    generational(c, nm, skip_sp(c, ends[nw - 2]), e, ends[nw - 2]);
  if (sfx0[0])
    memcpy(nm->suffix, sfx0, sizeof sfx0);
  size_t k = skip_sp(c, comma + 1);
  /* "Blueprint, Vol. 12, No. 3", "Merkur, Nr. 5": a locator's
   * abbreviation and its number after the comma, no given name */
  if (abbrev_number(c, k))
    return i;
  bool rep = false;
  size_t g = initials(c, k, true, nm->given, sizeof nm->given, &rep);
  if (g == k && semicolon_last_initials(c, i, k, nm->given, sizeof nm->given, &g)) {
    nm->repaired = true;
    return g;
  }
  if (g == k) {
    /* "James E. Hansen Jr., Mary Olsen": but where the text opens
     * ("Wimsatt Jr., William Kurtz"), a suffix before the comma goes
     * with initials only */
    if (sfx0[0] && !(c->lead && i == c->first))
      return i;
    g = given_full(c, k, nm->given, sizeof nm->given, 3);
  }
  if (g == k)
    return i;
  nm->repaired = rep;
  /* "Long, D. Stephen. The Goodness of God", "Hays, J. Daniel, and ...":
   * a middle name of the lexicon after the initial, closing the name */
  if (g > k && c->s[g - 1] == '.') {
    wshape mw;
    size_t mk = skip_sp(c, g);
    if (mk > g && shape(c, mk, &mw) && mw.cap && !mw.allcaps && mw.nchars >= 3 && mw.b < c->lim &&
        (c->s[mw.b] == ',' || (c->s[mw.b] == '.' && mw.b + 2 < c->lim && c->s[mw.b + 1] == ' ' &&
                               rpi_is_upper(peek(c, mw.b + 2, &(size_t){0})))) &&
        rpi_lex_is_given_name(c->s + mw.a, mw.b - mw.a)) {
      gput(nm->given, sizeof nm->given, " ", 1);
      gput(nm->given, sizeof nm->given, c->s + mw.a, mw.b - mw.a);
      g = mw.b;
    }
  }
  g = postfix_particle(c, g, nm->given, sizeof nm->given);
  size_t se;
  /* "Smith, J., Jr." / "King, Martin Sr., and" */
  if (g < c->lim && c->s[g] == ',' && suffix_at(c, g + 1, nm->suffix, &se))
    g = se;
  else if (g < c->lim && c->s[g] == ' ' && suffix_at(c, g, nm->suffix, &se))
    g = se;
  return g;
}

/* A FORM_VAN name found: its family [a, b), whether its initials were
 * repaired; returns its end. */
static size_t van_name(rpi_pname *nm, size_t a, size_t b, bool repaired, size_t end) {
  nm->fam_a = a;
  nm->fam_b = b;
  nm->repaired = repaired;
  return end;
}

/* FORM_VAN: "Family GH", "Wang T H", "Reinecke H III". Returns the end
 * or `i` on failure. */
static size_t name_van(const cur *c, size_t i, rpi_pname *nm) {
  size_t ends[8];
  int nw = 0;
  size_t e = family(c, i, 4, ends, &nw);
  for (int k = 1; k <= nw; k++) {
    size_t fe = ends[k - 1];
    size_t gs = skip_sp(c, fe);
    if (gs == fe)
      continue;
    /* a stray prime or quote between family and initials: "Hél ′ M-H" */
    {
      size_t sl;
      unsigned sc = peek(c, gs, &sl);
      if ((sc == 0x2032 || sc == 0x2019 || sc == 0x2018 || sc == '`' || sc == 0xB4) &&
          gs + sl < c->lim && c->s[gs + sl] == ' ') {
        size_t g2 = skip_sp(c, gs + sl);
        bool rep2 = false;
        size_t ge = initials(c, g2, true, nm->given, sizeof nm->given, &rep2);
        if (ge != g2) {
          return van_name(nm, i, fe, true, ge);
        }
      }
    }
    {
      /* "Wang T H, Zhao J C (2005)": initials spaced out, no periods */
      size_t z = gs, nl = 0;
      while (z + 1 < c->lim && c->s[z] >= 'A' && c->s[z] <= 'Z' && c->s[z + 1] == ' ' && z + 2 < c->lim &&
             c->s[z + 2] >= 'A' && c->s[z + 2] <= 'Z' && (z + 3 >= c->lim || !ascii_letter(c->s[z + 3])))
        z += 2, nl++;
      if (nl >= 1 && z < c->lim && c->s[z] >= 'A' && c->s[z] <= 'Z' &&
          (z + 1 >= c->lim || c->s[z + 1] == ',' || c->s[z + 1] == ' ' || c->s[z + 1] == ';' || c->s[z + 1] == '.')) {
        size_t e2 = z + 1;
        size_t k2 = skip_sp(c, e2);
        bool end_ok = k2 >= c->lim || c->s[k2] == ',' || c->s[k2] == '(' || c->s[k2] == ';' || c->s[k2] == '.' ||
                      connector(c, e2);
        if (end_ok && k == 1) {
          size_t gi = 0;
          for (size_t q = gs; q < e2 && gi + 3 < sizeof nm->given; q += 2) {
            if (gi)
              nm->given[gi++] = ' ';
            nm->given[gi++] = c->s[q];
            nm->given[gi++] = '.';
          }
          nm->given[gi] = '\0';
          return van_name(nm, i, fe, true, e2);
        }
      }
    }
    bool rep = false;
    size_t g = initials(c, gs, true, nm->given, sizeof nm->given, &rep);
    {
      /* "Reinecke H III", "Davis AB 2nd": initials, then a suffix */
      size_t te = gs;
      while (te < c->lim && c->s[te] != ' ' && c->s[te] != ',' && c->s[te] != '.')
        te++;
      char sfx[16];
      size_t se2;
      bool sx = te < c->lim && c->s[te] == ' ' && suffix_at(c, te, sfx, &se2);
      size_t gk = skip_sp(c, te), gl;
      if (!sx && te < c->lim && c->s[te] == ' ' && (gl = generational_at(c, gk, sfx)) != 0) {
        sx = true; /* "Souza PRB Júnior": a generational name too */
        se2 = gk + gl;
      }
      if (sx) {
        cur c2 = {c->s, te, NULL, c->first, c->lead, c->family_first}; /* another lim: shapes may differ, no memo */
        bool rep2 = false;
        size_t g2 = initials(&c2, gs, true, nm->given, sizeof nm->given, &rep2);
        if (g2 == te) {
          snprintf(nm->suffix, sizeof nm->suffix, "%s", sfx);
          return van_name(nm, i, fe, rep2, se2);
        }
      }
    }
    if (g == gs) {
      /* "Silva MRF da", "Brito ESV de": initials, then a particle (they
       * end no initials of their own: read them up to the particle) */
      size_t te = gs;
      while (te < c->lim && c->s[te] != ' ' && c->s[te] != ',' && c->s[te] != '.')
        te++;
      if (te > gs && te < c->lim && c->s[te] == ' ') {
        cur c2 = {c->s, te, NULL, c->first, c->lead, c->family_first};
        bool rep2 = false;
        size_t g2 = initials(&c2, gs, true, nm->given, sizeof nm->given, &rep2);
        size_t pe = g2 == te ? postfix_particle(c, te, nm->given, sizeof nm->given) : te;
        if (pe != te) {
          return van_name(nm, i, fe, rep2, pe);
        }
        nm->given[0] = '\0';
      }
      /* "Crowley Jr WF": the suffix between the family and the initials */
      char sfx[16];
      size_t se3;
      if (k == 1 && suffix_at(c, fe, sfx, &se3) && se3 < c->lim && c->s[se3] == ' ') {
        size_t g3s = skip_sp(c, se3);
        bool rep3 = false;
        size_t g3 = initials(c, g3s, true, nm->given, sizeof nm->given, &rep3);
        if (g3 != g3s) {
          snprintf(nm->suffix, sizeof nm->suffix, "%s", sfx);
          return van_name(nm, i, fe, rep3, g3);
        }
        nm->given[0] = '\0';
      }
      continue;
    }
    nm->fam_a = i;
    nm->fam_b = fe;
    nm->repaired = rep;
    g = postfix_particle(c, g, nm->given, sizeof nm->given);
    size_t se;
    if (suffix_at(c, g, nm->suffix, &se))
      g = se;
    else if (g + 1 < c->lim && c->s[g] == ',') {
      /* MNRAS's "Kennicutt R. C., Jr, 1998": "Jr" or "Sr" after a comma,
       * closed by another */
      char sf[16];
      if (suffix_at(c, g + 1, sf, &se) && (sf[0] == 'J' || sf[0] == 'S') && (se >= c->lim || c->s[se] == ',')) {
        snprintf(nm->suffix, sizeof nm->suffix, "%s", sf);
        g = se;
      }
    }
    /* Portuguese generational names: "Lamy Filho F" */
    if (k > 1 && !nm->suffix[0])
      generational(c, nm, skip_sp(c, ends[k - 2]), fe, ends[k - 2]);
    (void)e;
    return g;
  }
  return i;
}

/* In a Vancouver list, a comma between the family and its initials: "Lim
 * S, Bae JH, Kwon, HS, Nauck MA". The initials are one to four capitals
 * closed by a comma, semicolon or period. Returns the end, or i. */
static size_t van_comma_name(const cur *c, size_t i, rpi_pname *nm) {
  size_t ends[8];
  int nw = 0;
  size_t fe = family(c, i, 2, ends, &nw);
  if (!nw || fe >= c->lim || c->s[fe] != ',')
    return i;
  size_t gs = skip_sp(c, fe + 1), z = gs;
  while (z < c->lim && z - gs < 4 && c->s[z] >= 'A' && c->s[z] <= 'Z')
    z++;
  if (z == gs || (z < c->lim && c->s[z] != ',' && c->s[z] != ';' && c->s[z] != '.') ||
      (z + 1 < c->lim && c->s[z] == '.' && c->s[z + 1] != ' ')) /* not "O.S." */
    return i;
  memset(nm, 0, sizeof *nm);
  cur c2 = {c->s, z, NULL, c->first, c->lead, c->family_first};
  bool rep = false;
  if (initials(&c2, gs, true, nm->given, sizeof nm->given, &rep) != z)
    return i;
  return van_name(nm, i, fe, rep, z);
}

/* "A Okafor, B Mensah", "O Lind and K Berg": after a name at e, a comma or
 * a connector, then another bare initial and a capitalised word: the
 * "A" or "O" before e opens a list of names, not a title. */
static bool bare_initial_next(const cur *c, size_t e) {
  size_t k = skip_sp(c, e);
  if (k < c->lim && c->s[k] == ',')
    k = skip_sp(c, k + 1);
  else if (connector(c, e))
    k = skip_sp(c, connector(c, e));
  else
    return false;
  return k + 3 < c->lim && c->s[k] >= 'A' && c->s[k] <= 'Z' && c->s[k + 1] == ' ' && c->s[k + 2] >= 'A' &&
         c->s[k + 2] <= 'Z' && c->s[k + 3] >= 'a' && c->s[k + 3] <= 'z';
}

/* "K Assaker, T Benamor, J Blin Mesoporous titania with ...": the last
 * of a list of bare initials and families, after a comma, whose one-word
 * family at e runs into a title in sentence case with no stop (a
 * capitalised word, then one in lower case). The list opens with a bare
 * initial too. */
static bool bare_last_runs_on(const cur *c, size_t i, size_t e) {
  size_t f = c->first;
  if (i < f + 6 || !(c->s[f] >= 'A' && c->s[f] <= 'Z' && c->s[f + 1] == ' '))
    return false;
  size_t q = i;
  while (q > f && c->s[q - 1] == ' ')
    q--;
  if (q == i || c->s[q - 1] != ',')
    return false;
  wshape w1, w2;
  if (e >= c->lim || c->s[e] != ' ' || !shape(c, e + 1, &w1) || !w1.cap || w1.allcaps || w1.nchars < 2 ||
      w1.b >= c->lim || c->s[w1.b] != ' ')
    return false;
  return shape(c, w1.b + 1, &w2) && w2.lower_first && w2.nchars >= 2;
}

/* FORM_INIT: "G. H. Family", "V Harinarayan". Returns the end or `i` on
 * failure. */
static size_t name_init(const cur *c, size_t i, rpi_pname *nm) {
  size_t ends[8];
  int nw = 0;
  size_t l;
  bool rep = false;
  if (i + 3 < c->lim && c->s[i] >= 'A' && c->s[i] <= 'Z' && c->s[i + 1] == ' ') {
    /* "V Harinarayan, D. Quass", "D Lehmann. Belief revision": one bare
     * initial before a one-word family name closed by a separator */
    wshape fw;
    size_t k0 = skip_sp(c, i + 1);
    if (shape(c, k0, &fw) && fw.cap && !fw.allcaps && fw.nchars >= 2 &&
        (!stop_given(c, i) || bare_initial_next(c, fw.b))) {
      size_t l0;
      unsigned nx0 = peek(c, fw.b, &l0);
      /* (a colon ends the list before the title: "and J Pedersen: Title") */
      if (nx0 == ',' || (nx0 == '.' && !rpi_lex_is_abbrev(c->s + fw.a, fw.b - fw.a)) || connector(c, fw.b) ||
          (nx0 == ':' && fw.b + 1 < c->lim && c->s[fw.b + 1] == ' ') || bare_last_runs_on(c, i, fw.b)) {
        nm->given[0] = c->s[i];
        nm->given[1] = '.';
        nm->given[2] = '\0';
        nm->fam_a = k0;
        nm->fam_b = fw.b;
        nm->repaired = true;
        return fw.b;
      }
    }
  }
  size_t g = initials(c, i, false, nm->given, sizeof nm->given, &rep);
  if (g == i || c->s[g - 1] != '.')
    return i;
  /* "J. Robert Smith": allow one full middle name */
  size_t k = skip_sp(c, g);
  size_t e = family(c, k, 3, ends, &nw);
  if (!nw)
    return i;
  /* "J. Phys. G", "J. Math. Phys.": a journal, not a person */
  if (ends[0] < c->lim && c->s[ends[0]] == '.' && rpi_lex_is_abbrev(c->s + k, ends[0] - k))
    return i;
  /* "D. Grumiller Phys. Rev. Lett. 105", "M. Salamon Space Sci. Rev. 75":
   * the journal's abbreviation run on after the family with no comma
   * (its first or second word an abbreviation with its stop) */
  bool jz = (nm->given[0] == 'J' || nm->given[0] == 'Z') && nm->given[1] == '.' && !nm->given[2];
  for (int w = 1; w < nw && !jz; w++) { /* (not "R. Lopes, J. Exact Sci. 21": a journal) */
    size_t ws = skip_sp(c, ends[w - 1]);
    bool abbr = ends[w] < c->lim && c->s[ends[w]] == '.' && rpi_lex_is_abbrev(c->s + ws, ends[w] - ws);
    if (!abbr && w + 1 < nw) {
      size_t ws2 = skip_sp(c, ends[w]);
      abbr = ends[w + 1] < c->lim && c->s[ends[w + 1]] == '.' && rpi_lex_is_abbrev(c->s + ws2, ends[w + 1] - ws2);
    }
    if (abbr) {
      nw = w;
      e = ends[w - 1];
      break;
    }
  }
  if (nw > 1) {
    /* "C. E. Murry Title Words": keep the first word unless the next
     * token is a separator */
    size_t after = skip_sp(c, e);
    unsigned nx = peek(c, after, &l);
    if (nx != ',' && nx != ';' && nx != '.' && nx != ':' && nx != 0 && nx != '(' &&
        !connector(c, e)) {
      e = ends[0];
    }
  }
  nm->fam_a = k;
  nm->fam_b = e;
  nm->repaired = rep;
  size_t se;
  if (e < c->lim && c->s[e] == ',' && suffix_at(c, e + 1, nm->suffix, &se))
    e = se;
  else if (suffix_at(c, e, nm->suffix, &se))
    e = se;
  return e;
}

/* A given name from the lexicon, each part of a hyphenated one too
 * ("Marie-Pierre"). */
static bool given_word(const cur *c, size_t a, size_t b) {
  for (size_t q = a; q < b;) {
    size_t e = q;
    while (e < b && c->s[e] != '-')
      e++;
    if (!rpi_lex_is_given_name(c->s + q, e - q))
      return false;
    q = e + 1;
  }
  return true;
}

/* How many of the n words at i of a name read in natural order are in fact
 * its family name printed first, without a comma (French and German
 * lists): capitals then lower case ("LEROY Bernard", "GARCÍA LÓPEZ Ana"),
 * a capitalised particle opening it ("Van Dijk Teun"), or given names
 * after a word that is not one ("Bauer Karin"; only the list's first name
 * unless the whole list is printed so). 0: natural order. *order says what
 * told it. Every word must be a whole capitalised word: no initial, no
 * particle. */
static int family_words(const cur *c, size_t i, const size_t *starts, const size_t *wends, int n,
                        unsigned char *order) {
  *order = ORDER_NONE;
  wshape w[6];
  bool particle = false; /* "Van der Berg Anna" */
  for (int k = 0; k < n; k++) {
    if (!shape(c, starts[k], &w[k]) || w[k].nchars < 2 || w[k].b != wends[k])
      return 0;
    if (!w[k].cap && !(k > 0 && k < n - 1 && w[k].lower_first && rpi_lex_is_particle(c->s + w[k].a, w[k].b - w[k].a)))
      return 0;
    particle |= !w[k].cap;
  }
  int caps = 0;
  while (caps < n && w[caps].allcaps)
    caps++;
  if (caps) {
    for (int k = caps; k < n; k++)
      if (w[k].allcaps)
        return 0;
    *order = caps < n ? ORDER_CAPS : ORDER_NONE;
    return caps < n ? caps : 0;
  }
  for (int k = 1; k < n; k++)
    if (w[k].allcaps)
      return 0;
  /* with a lower-case particle inside, only before a given name ("Van der
   * Berg Anna"; not the title "De la Guerre") */
  if (n >= 3 && rpi_lex_is_cap_particle(c->s + w[0].a, w[0].b - w[0].a) &&
      (!particle || given_word(c, w[n - 1].a, w[n - 1].b))) {
    *order = ORDER_CAPS;
    return n - 1;
  }
  if (particle)
    return 0;
  bool rest = true;
  for (int k = 1; k < n && rest; k++)
    rest = given_word(c, w[k].a, w[k].b);
  if (given_word(c, w[0].a, w[0].b)) {
    /* "Lena Vogt": natural; "Martin Paul": given names both ways, open */
    *order = rest ? ORDER_OPEN : ORDER_LEX_GIVEN;
    return *order == ORDER_OPEN && c->family_first ? 1 : 0;
  }
  *order = rest ? ORDER_LEX_FAMILY : ORDER_OPEN;
  if (c->family_first || (rest && i == c->first && c->lead))
    return 1;
  return 0;
}

/* A capitalised particle printed in capitals: "VAN", "DE", "DI". */
static bool caps_particle(const cur *c, wshape w) {
  char t[4];
  size_t n = w.b - w.a;
  if (n < 2 || n > 3)
    return false;
  for (size_t k = 0; k < n; k++)
    t[k] = k ? (char)(c->s[w.a + k] | 0x20) : c->s[w.a];
  return rpi_lex_is_cap_particle(t, n);
}

/* FORM_NAT: "Given Family", "Jean de La Fontaine". Returns the end or `i`
 * on failure. */
static size_t name_nat(const cur *c, size_t i, rpi_pname *nm) {
  size_t l;
  /* Given Family: 2..4 words, each capitalized, family last */
  if (stop_given(c, i))
    return i;
  size_t j = i;
  size_t starts[6], wends[6];
  int n = 0;
  while (n < 5) {
    size_t k = n ? skip_sp(c, j) : j;
    if (n && k == j && !(j > 0 && c->s[j - 1] == '.'))
      break;
    wshape w;
    if (!shape(c, k, &w))
      break;
    if (!w.cap) {
      /* "in 't Veld", "in der Maur"; not "Land Tenure in Ghana" */
      bool in_ok = !(w.b - w.a == 2 && c->s[w.a] == 'i' && c->s[w.a + 1] == 'n') ||
                   (w.b + 4 <= c->lim && (memcmp(c->s + w.b, " 't", 3) == 0 || memcmp(c->s + w.b, " de", 3) == 0));
      if (n && w.lower_first && in_ok && rpi_lex_is_particle(c->s + w.a, w.b - w.a)) {
        starts[n] = k;
        wends[n] = w.b;
        n++;
        j = w.b;
        continue;
      }
      break;
    }
    /* an acronym, not a name ("WHO Guidelines"); but a short family
     * name in capitals further in a list ("ZHANG Wei, LI Xiaoming") or a
     * particle in capitals ("VAN DER BERG Anna") */
    if (n == 0 && w.allcaps && w.nchars > 1 && w.nchars <= 3 && i == c->first && !caps_particle(c, w))
      break;
    /* a journal's acronym ending in a capital after a lower-case letter
     * ("PoS LATTICE 2013", "ApJ Lett"), no given name */
    if (n == 0 && w.b - w.a >= 3 && c->s[w.b - 1] >= 'A' && c->s[w.b - 1] <= 'Z' && c->s[w.b - 2] >= 'a' &&
        c->s[w.b - 2] <= 'z')
      break;
    /* "Irmtraud Schnell Hrsg. 2015": an editor mark ends the name */
    if (n && editor_word(c, k))
      break;
    size_t e = w.b;
    if (w.nchars == 1) {
      if (peek(c, e, &l) != '.') {
        wshape w2;
        if (!(n > 0 && e < c->lim && c->s[e] == ' ' && shape(c, e + 1, &w2) && w2.cap && w2.nchars > 1))
          break;
      } else {
        e++;
      }
    }
    starts[n] = k;
    wends[n] = e;
    n++;
    j = e;
    size_t after = skip_sp(c, j);
    unsigned nx = peek(c, after, &l);
    if (nx == ',' || nx == ';' || nx == '.' || nx == 0 || nx == '(' || nx == ':' || connector(c, j))
      break;
  }
  if (n < 2)
    return i;
  /* "John D. Rockwell IV": a suffix closing the name */
  char sfx[16] = "";
  size_t sfx_end = 0, se0;
  /* (with its stop: "Mauricio Breternitz Jr., Zhiwei Ying, ...") */
  if (n >= 3 && suffix_words(c, starts[n - 1], sfx, &se0) &&
      (se0 == wends[n - 1] || (se0 == wends[n - 1] + 1 && c->s[wends[n - 1]] == '.'))) {
    sfx_end = se0;
    n--;
  } else {
    sfx[0] = '\0';
  }
  unsigned char order = ORDER_NONE;
  int ff = family_words(c, i, starts, wends, n, &order);
  nm->order = order;
  wshape w0;
  if (!ff && i == c->first && shape(c, i, &w0) && w0.allcaps && caps_particle(c, w0))
    return i; /* "DA SILVA, João": a particle in capitals opens a family */
  if (ff) {
    nm->fam_a = starts[0];
    nm->fam_b = wends[ff - 1];
    for (int k = ff; k < n; k++) {
      if (k > ff)
        gput(nm->given, sizeof nm->given, " ", 1);
      gput(nm->given, sizeof nm->given, c->s + starts[k], wends[k] - starts[k]);
    }
    nm->family_first = true;
    return wends[n - 1];
  }
  /* the family is the last word plus any particles before it */
  int fstart = n - 1;
  while (fstart > 1) {
    wshape w;
    shape(c, starts[fstart - 1], &w);
    if (w.lower_first || rpi_lex_is_cap_particle(c->s + w.a, w.b - w.a))
      fstart--;
    else
      break;
  }
  wshape lastw;
  shape(c, starts[n - 1], &lastw);
  if (lastw.nchars == 1)
    return i;
  /* an initial between two given words is a Vancouver name and a title:
   * "Mbeki T. Land Reform" ("J. Robert", "Mary Jane T." stay names) */
  for (int k = 1; k + 1 < fstart; k++) {
    wshape a0, a1, a2;
    if (shape(c, starts[k - 1], &a0) && shape(c, starts[k], &a1) && shape(c, starts[k + 1], &a2) &&
        a1.nchars == 1 && a0.nchars > 1 && a2.nchars > 1)
      return i;
  }
  nm->fam_a = starts[fstart];
  nm->fam_b = wends[n - 1];
  nm->given[0] = '\0';
  for (int k = 0; k < fstart; k++) {
    if (k)
      gput(nm->given, sizeof nm->given, " ", 1);
    gput(nm->given, sizeof nm->given, c->s + starts[k], wends[k] - starts[k]);
  }
  size_t se;
  size_t e = wends[n - 1];
  if (sfx_end) {
    snprintf(nm->suffix, sizeof nm->suffix, "%s", sfx);
    return sfx_end;
  }
  if (e < c->lim && c->s[e] == ',' && suffix_at(c, e + 1, nm->suffix, &se))
    e = se;
  return e;
}

/* One name in a given form. Returns the end or `i` on failure. */
static size_t one_name(const cur *c, size_t i, int form, rpi_pname *nm) {
  memset(nm, 0, sizeof *nm);
  switch (form) {
  case FORM_INV:
    return name_inv(c, i, nm);
  case FORM_VAN:
    return name_van(c, i, nm);
  case FORM_INIT:
    return name_init(c, i, nm);
  case FORM_NAT:
    return name_nat(c, i, nm);
  default:
    return i;
  }
}

/* After a name at e: where the next name starts (0 if the list ends),
 * setting et al. */
static size_t next_name(const cur *c, size_t e, rpi_namelist *out, size_t *list_end) {
  size_t k = skip_sp(c, e);
  size_t t;
  if ((t = etal_at(c, k))) {
    out->et_al = true;
    *list_end = t;
    return 0;
  }
  if (k + 3 < c->lim && k > e && ((c->s[k] == '-' && c->s[k + 1] == ' ') ||
                                   (memcmp(c->s + k, "\xe2\x80\x93 ", 4) == 0))) {
    /* "J.M. Bremer – I.J.F. de Jong – J. Kalff" */
    return skip_sp(c, k + (c->s[k] == '-' ? 1 : 3));
  }
  if (k < c->lim && (c->s[k] == ',' || c->s[k] == ';' || c->s[k] == '/')) {
    size_t k2 = skip_sp(c, k + 1);
    if ((t = etal_at(c, k2))) {
      out->et_al = true;
      *list_end = t;
      return 0;
    }
    size_t cn = connector(c, k2);
    if (cn) {
      if ((t = etal_at(c, cn))) {
        out->et_al = true;
        *list_end = t;
        return 0;
      }
      return cn;
    }
    return k2;
  }
  size_t cn = connector(c, k);
  if (cn) {
    if ((t = etal_at(c, cn))) {
      out->et_al = true;
      *list_end = t;
      return 0;
    }
    return cn;
  }
  return 0;
}

/* Single surname followed by ", et al." ("Holler, et al., Blood"). */
static size_t bare_family(const cur *c, size_t i, rpi_pname *nm) {
  size_t ends[8];
  int nw;
  size_t e = family(c, i, 2, ends, &nw);
  if (!nw)
    return i;
  size_t k = skip_sp(c, e);
  if (k < c->lim && c->s[k] == ',')
    k = skip_sp(c, k + 1);
  if (!etal_at(c, k))
    return i;
  memset(nm, 0, sizeof *nm);
  nm->fam_a = i;
  nm->fam_b = e;
  return e;
}

/* One word as the whole name, the date right after it: "Lindqvist (1998):",
 * "Homer (1990).", "AASHTO (2010)." (a word in capitals is a body, kept
 * as a literal), "Lindqvist, 1998 – Title". Returns the end or `i`. */
static size_t dated_single_name(const cur *c, size_t i, rpi_pname *nm) {
  wshape w;
  if (!shape(c, i, &w) || !w.cap || w.nchars < (w.allcaps ? 2u : 3u) || stop_given(c, i))
    return i;
  size_t k = w.b;
  if (k + 6 > c->lim)
    return i;
  bool paren = c->s[k] == ' ' && c->s[k + 1] == '(';
  bool comma = c->s[k] == ',' && c->s[k + 1] == ' ';
  /* "Plato 1985. Meno.", "Aristotle. 1984. The Complete Works": a writer
   * known by one name (lib/data/single_names.txt), a bare year after a
   * space or the name's stop, then a stop, colon or comma */
  if (!paren && !comma && (c->s[k] == ' ' || (c->s[k] == '.' && c->s[k + 1] == ' '))) {
    size_t y = c->s[k] == ' ' ? k + 1 : k + 2;
    if (y + 5 < c->lim && rpi_lex_is_year(c->s + y) && (c->s[y + 4] == '.' || c->s[y + 4] == ':' || c->s[y + 4] == ',') &&
        c->s[y + 5] == ' ' && rpi_lex_is_single_name(c->s + w.a, w.b - w.a)) {
      memset(nm, 0, sizeof *nm);
      nm->fam_a = i;
      nm->fam_b = w.b;
      return w.b;
    }
  }
  if (!(paren || comma) || !rpi_lex_is_year(c->s + k + 2))
    return i;
  size_t z = k + 6;
  if (z < c->lim && c->s[z] >= 'a' && c->s[z] <= 'z')
    z++;
  if (paren ? (z >= c->lim || c->s[z] != ')')
            : /* "Lindqvist, 1998 – Title", "Lindqvist, 1998 : Title" */
              !(z + 2 < c->lim && c->s[z] == ' ' &&
                (c->s[z + 1] == '-' || c->s[z + 1] == ':' ||
                 (z + 4 <= c->lim && memcmp(c->s + z + 1, "\xe2\x80\x93", 3) == 0))))
    return i;
  memset(nm, 0, sizeof *nm);
  nm->fam_a = i;
  nm->fam_b = w.b;
  nm->literal = w.allcaps;
  return w.b;
}

/* "Hrsg.", "Hg.", "Eds.", "Ed." at i, or "eds.", "ed." ("Warner, Marina
 * ed. Title"): an editor mark after a name, not a word of it. */
static bool editor_word(const cur *c, size_t i) {
  if (i >= c->lim || (c->s[i] != 'H' && c->s[i] != 'E' && c->s[i] != 'e'))
    return false;
  static const char *const w[] = {"Hrsg", "Hg", "Eds", "Ed", "eds", "ed", NULL};
  for (size_t k = 0; w[k]; k++) {
    size_t n = word_len_at(c, i, w[k]);
    if (n && i + n < c->lim && c->s[i + n] == '.')
      return true;
  }
  return false;
}

/* A name may end here: separator, connector, "et al.", date or the end. */
static bool at_boundary(const cur *c, size_t e) {
  size_t k = skip_sp(c, e);
  if (k >= c->lim)
    return true;
  char ch = c->s[k];
  if (ch == ',' || ch == ';' || ch == '.' || ch == '(' || ch == '&' || ch == '/' ||
      (ch >= '0' && ch <= '9'))
    return true;
  if (e > 0 && c->s[e - 1] == '.')
    return true;
  return connector(c, e) != 0 || etal_at(c, e) != 0 || editor_word(c, k);
}

/* Words that start titles, not given names: "The Einstein Tensor". */
static bool stop_given(const cur *c, size_t i) {
  /* grouped by the first byte, so a call scans only the words that can match */
  static const char *const t[] = {"The", "Towards", "Toward", "Their", "This", "These", "Those", "That", NULL};
  static const char *const a[] = {"A", "An", "Are", "As", NULL};
  static const char *const o[] = {"On", "Of", "O", "Os", "Our", NULL};
  static const char *const in[] = {"In", "Is", "Il", "Its", NULL};
  static const char *const f[] = {"For", "From", NULL};
  static const char *const n[] = {"New", NULL};
  static const char *const s[] = {"Some", "Sur", NULL};
  static const char *const h[] = {"How", "His", "Her", NULL};
  static const char *const w[] = {"Why", "What", "When", "With", NULL};
  static const char *const d[] = {"Do", "Does", "Die", "Der", "Das", "Des", "Du", NULL};
  static const char *const cc[] = {"Can", "Con", NULL};
  static const char *const l[] = {"La", "Le", "Les", "Lo", "Los", "Las", NULL};
  static const char *const e[] = {"El", "Ein", "Eine", NULL};
  static const char *const u[] = {"Un", "Une", "Uma", "Um", "Using", NULL};
  static const char *const ue[] = {"Über", NULL};
  static const char *const z[] = {"Zur", "Zum", NULL};
  static const char *const p[] = {"Pour", "Para", "Por", NULL};
  static const char *const v[] = {"Via", NULL};
  static word_groups words = {['T'] = t, ['A'] = a, ['O'] = o, ['I'] = in, ['F'] = f, ['N'] = n,
                              ['S'] = s, ['H'] = h, ['W'] = w, ['D'] = d, ['C'] = cc, ['L'] = l,
                              ['E'] = e, ['U'] = u, [0xC3] = ue, ['Z'] = z, ['P'] = p, ['V'] = v};
  return grouped_word_at(c, i, words) != 0;
}

/* The word w (whole word) at q, before lim. */
static bool word_is(const cur *c, size_t q, size_t lim, const char *w) {
  size_t n = strlen(w);
  return q + n <= lim && memcmp(c->s + q, w, n) == 0 && (q + n == lim || c->s[q + n] == ' ');
}

/* A name list is 64 names (~9 KB), of which callers read v[0..n) and the
 * fields after v: clear and copy only those. */
_Static_assert(offsetof(rpi_namelist, v) == 0 && offsetof(rpi_namelist, n) >= sizeof(((rpi_namelist *)0)->v),
               "rpi_namelist: v[] first, then the header from n on");
static void list_clear(rpi_namelist *l) {
  memset((char *)l + offsetof(rpi_namelist, n), 0, sizeof *l - offsetof(rpi_namelist, n));
}
static void list_copy(rpi_namelist *d, const rpi_namelist *s) {
  memcpy((char *)d + offsetof(rpi_namelist, n), (const char *)s + offsetof(rpi_namelist, n),
         sizeof *d - offsetof(rpi_namelist, n));
  memcpy(d->v, s->v, s->n * sizeof s->v[0]);
}

/* After an inverted name that ends at e with no separator the list
 * grammar knows, a period and another inverted name in capitals or with
 * initials go on with the list: "Lauritsen, MB. Als, TD.",
 * "LABOUSSET-PIQUET, Hélène. AIGUEBONNE, Evelyne." Returns where that name
 * starts, or 0. */
static size_t inverted_after_period(const cur *c, size_t e) {
  if (e > 0 && c->s[e - 1] == '.') {
    size_t k = skip_sp(c, e);
    rpi_pname t2;
    size_t e3 = k > e ? one_name(c, k, FORM_INV, &t2) : k;
    if (e3 != k) {
      wshape fw;
      shape(c, k, &fw);
      bool caps = fw.allcaps && fw.nchars > 1;
      bool init = strchr(t2.given, '.') != NULL && strlen(t2.given) <= 8;
      size_t l3;
      unsigned after3 = peek(c, skip_sp(c, e3), &l3);
      if ((caps || init) && (c->s[e3 - 1] == '.' || after3 == ',' || etal_at(c, e3)))
        return k;
    }
  } else if (e < c->lim && c->s[e] == '.') {
    size_t k = skip_sp(c, e + 1);
    rpi_pname t2;
    size_t e3 = one_name(c, k, FORM_INV, &t2);
    wshape fw;
    if (e3 != k && shape(c, k, &fw) && fw.allcaps && fw.nchars > 1)
      return k;
    /* "Bhattacharya, Rajesh. Seda-Irizarry, Ian. Title": a whole given
     * name of the lexicon closed by its stop (not "Smith, John. Paris,
     * Texas.": no given name) */
    if (e3 != k && e3 + 1 < c->lim && c->s[e3] == '.' && !t2.literal && !t2.family_first && t2.given[0] &&
        !strchr(t2.given, '.') && rpi_lex_is_given_name(t2.given, strcspn(t2.given, " ")))
      return k;
  }
  return 0;
}

/* MLA / Chicago "Geller, Anne Ellen, Michele Eodice, Frankie Condon, and
 * ...": after an inverted first name with a full given name, the name at
 * nx (the list went to e) is in natural order when read inverted it would
 * have a two-word family name that no particle, hyphen, capitals or
 * semicolon explains. */
static bool mla_next(const cur *c, size_t e, size_t nx) {
  rpi_pname t1;
  size_t ei = one_name(c, nx, FORM_INV, &t1);
  if (ei == nx || !memchr(c->s + t1.fam_a, ' ', t1.fam_b - t1.fam_a))
    return false;
  /* a stop in the given name: an inverted list ("Van Reenen, P."), unless
   * a full given name opens it and the "family" opens with a given name of
   * the lexicon ("Walter Brueggemann, Terence E. Fretheim") */
  if (strchr(t1.given, '.')) {
    const char *sp0 = memchr(c->s + t1.fam_a, ' ', t1.fam_b - t1.fam_a);
    if (t1.given[1] == '.' || t1.given[1] == ' ' ||
        !rpi_lex_is_given_name(c->s + t1.fam_a, (size_t)(sp0 - (c->s + t1.fam_a))))
      return false;
  }
  /* "Van Reenen, Pieter": a particle makes it a family name */
  wshape pw;
  if (shape(c, t1.fam_a, &pw) && (pw.lower_first || rpi_lex_is_particle(c->s + pw.a, pw.b - pw.a)))
    return false;
  for (size_t q = t1.fam_a; q < t1.fam_b; q++)
    if (c->s[q] == '-' || c->s[q] == '\'')
      return false;
  /* "RODRÍGUEZ, Ana María; PÉREZ GÓMEZ, Carlos": capitals or a semicolon
   * mean every name is inverted */
  if (pw.allcaps || memchr(c->s + e, ';', nx - e))
    return false;
  /* "De Souza, Ana": a capitalized particle opening the family */
  const char *fa = c->s + t1.fam_a;
  const char *sp = memchr(fa, ' ', t1.fam_b - t1.fam_a);
  if (sp && (size_t)(sp - c->s) + 1 < t1.fam_b && rpi_lex_is_cap_particle(fa, (size_t)(sp - fa)))
    return false;
  return true;
}

/* Whether a natural-order name nm read at nx..e2, after a list that went
 * to e in another form, really ends there. */
/* "12, 611 (2016)", "636, 164", "43 (2016) 055106" at k: a physics
 * volume and page, so the capitalised words before them are a journal
 * ("C.A. Dartora, Current Nanoscience 12, 611 (2016)"), not a name in
 * natural order; or ACS's "2019, 131, 348", a year, volume and page. A
 * year alone ("Lee Mary 2001, Title") is not a locator. */
static bool volume_page_at(const cur *c, size_t k) {
  size_t e = k;
  while (e < c->lim && rpi_is_digit((unsigned char)c->s[e]))
    e++;
  if (e - k > 5)
    return false;
  if (e - k == 4 && (c->s[k] == '1' || c->s[k] == '2')) {
    /* ACS "Renewable Energy 2019, 131, 348": year, volume and page */
    size_t v = e + 2, ve = v;
    while (ve < c->lim && rpi_is_digit((unsigned char)c->s[ve]))
      ve++;
    return e + 2 < c->lim && c->s[e] == ',' && c->s[e + 1] == ' ' && ve > v && ve + 2 < c->lim &&
           c->s[ve] == ',' && c->s[ve + 1] == ' ' && rpi_is_digit((unsigned char)c->s[ve + 2]);
  }
  if (e + 2 < c->lim && c->s[e] == ',' && c->s[e + 1] == ' ')
    return rpi_is_digit((unsigned char)c->s[e + 2]);
  return e + 6 < c->lim && c->s[e] == ' ' && c->s[e + 1] == '(' && rpi_is_digit((unsigned char)c->s[e + 2]) &&
         rpi_is_digit((unsigned char)c->s[e + 5]) && c->s[e + 6] == ')';
}

static bool natural_name_ends(const cur *c, size_t e, size_t nx, size_t e2, const rpi_pname *nm, int first_form,
                              bool mla) {
  /* a natural-order name after another form needs "and" before it
   * or a comma / connector after it: not "Homeric Misdirection." */
  bool conn_before = false;
  for (size_t q = e; q + 2 < nx; q++)
    if (c->s[q] == '&' || memcmp(c->s + q, "and ", 4) == 0 || memcmp(c->s + q, "und ", 4) == 0 ||
        memcmp(c->s + q, " y ", 3) == 0 || memcmp(c->s + q, " e ", 3) == 0 || memcmp(c->s + q, " et ", 4) == 0)
      conn_before = true;
  /* any connector word: "Pettersson Anders och Berg Maria" */
  size_t kb = skip_sp(c, e);
  if (kb < c->lim && (c->s[kb] == ',' || c->s[kb] == ';'))
    kb++;
  if (!conn_before && connector(c, kb) == nx)
    conn_before = true;
  size_t k3 = skip_sp(c, e2);
  bool sep_after = (k3 < c->lim && (c->s[k3] == ',' || c->s[k3] == ';')) || connector(c, e2) ||
                   etal_at(c, e2) ||
                   (k3 < c->lim && rpi_is_digit((unsigned char)c->s[k3]) && !volume_page_at(c, k3)) ||
                   /* "Schneider Klaus, Wagner Eva (2007)": the date ends the list */
                   ((nm->family_first || nm->order == ORDER_LEX_FAMILY || strchr(nm->given, '.')) &&
                    k3 + 1 < c->lim && c->s[k3] == '(' && rpi_is_digit((unsigned char)c->s[k3 + 1])) ||
                   /* "ROSSI Mario, BIANCHI Luca (a cura di)": a bracket */
                   ((nm->family_first || nm->order == ORDER_LEX_FAMILY) && k3 < c->lim && c->s[k3] == '(') ||
                   /* "Silvia Stoller, Gerhard Unterthurner (Hg.):": the editors' mark */
                   (k3 + 1 < c->lim && c->s[k3] == '(' && editor_word(c, k3 + 1)) ||
                   (mla && k3 < c->lim && c->s[k3] == '.') ||
                   /* "Schubert, Peter, Julie Cumming. Title", "Barker, Kenneth
                    * L., Bruce K. Waltke, Roy B. Zuck. Title": after an
                    * inverted first name, the last of the list in natural
                    * order opens with a whole given name, of the lexicon or
                    * before an initial */
                   (first_form == FORM_INV && k3 < c->lim && c->s[k3] == '.' && !nm->family_first &&
                    nm->given[0] && nm->given[1] && nm->given[1] != '.' && nm->given[1] != ' ' &&
                    (rpi_lex_is_given_name(nm->given, strcspn(nm->given, " ")) || strchr(nm->given, '.'))) ||
                   /* "ZHANG Wei, LI Xiaoming, WANG Fang. Title": the last
                    * of a list of capitals-first names */
                   (first_form == FORM_NAT && nm->order == ORDER_CAPS && k3 < c->lim && c->s[k3] == '.' &&
                    !rpi_lex_is_abbrev(nm->given, strlen(nm->given))) || /* not "IEEE Trans." */
                   /* "Todd P.W. McMullen, ..., Ronald N. McElhaney. Title": a
                    * natural-order list whose last name has an initial */
                   (first_form == FORM_NAT && k3 < c->lim && c->s[k3] == '.' && strchr(nm->given, '.') &&
                    nm->given[0] && nm->given[1] != '.' && nm->given[1] != '\0' && nm->given[1] != ' ' &&
                    !rpi_lex_is_abbrev(c->s + nm->fam_a, nm->fam_b - nm->fam_a)) ||
                   /* "Hartmut Walravens, Alexander Zorin: Title", German
                    * style: the last of a natural-order list closed by the
                    * title's colon, its given name one of the lexicon (not
                    * "Jane Smith, Social Theory: An Introduction") */
                   (first_form == FORM_NAT && k3 < c->lim && c->s[k3] == ':' && !nm->family_first &&
                    nm->given[0] && nm->given[1] != '.' && rpi_lex_is_given_name(nm->given, strcspn(nm->given, " ")));
  return conn_before || sep_after;
}

/* [a, b) is one to three capital letters and nothing else ("RB"). */
static bool caps_block(const cur *c, size_t a, size_t b) {
  if (b <= a || b - a > 3)
    return false;
  for (size_t q = a; q < b; q++)
    if (c->s[q] < 'A' || c->s[q] > 'Z')
      return false;
  return true;
}

/* "J.A. Labrincha, J. Hazard. Mater. 286 (2015) 252", "R. Lopes, J.
 * Exact Sci. 21, 2 (2019)": a "name" of the one initial "J." or "Z."
 * (Journal, Zeitschrift) whose family ends with a period, then dotted
 * capitalised words (none or up to three, the last may lack its period:
 * "J. Cryst. Growth 310") and a volume (a number, not a
 * year), is an abbreviated journal when the lexicon knows it or its last
 * word is a title-word abbreviation ("Sci"); not "J. Smith. Can. J.
 * Chem. 67", a last author before the journal. */
static bool journal_name(const cur *c, const rpi_pname *nm) {
  if (strlen(nm->given) != 2 || (nm->given[0] != 'J' && nm->given[0] != 'Z') || nm->given[1] != '.' ||
      nm->fam_b >= c->lim || c->s[nm->fam_b] != '.')
    return false;
  size_t k = nm->fam_b + 1, last = nm->fam_b;
  for (int words = 0;; words++) {
    while (k < c->lim && c->s[k] == ' ')
      k++;
    if (k < c->lim && rpi_is_digit((unsigned char)c->s[k])) {
      size_t d = k;
      while (d < c->lim && rpi_is_digit((unsigned char)c->s[d]))
        d++;
      if ((d - k == 4 && (c->s[k] == '1' || c->s[k] == '2')) || (d < c->lim && ascii_letter(c->s[d])))
        return false; /* a year, "13th" */
      break;
    }
    size_t w = k;
    while (w < c->lim && ascii_letter(c->s[w]))
      w++;
    if (words == 3 || w == k || c->s[k] < 'A' || c->s[k] > 'Z' || w >= c->lim)
      return false;
    last = w;
    if (c->s[w] == '.')
      k = w + 1;
    else if (c->s[w] == ' ' && skip_sp(c, w) < c->lim && rpi_is_digit((unsigned char)c->s[skip_sp(c, w)]))
      k = w; /* "J. Cryst. Growth 310": the last word undotted */
    else
      return false;
  }
  /* the journal runs from the initial ("J. " or "J.") to the last period */
  size_t ja = nm->fam_a;
  if (ja >= 3 && c->s[ja - 3] == nm->given[0] && c->s[ja - 1] == ' ')
    ja -= 3;
  else if (ja >= 2 && c->s[ja - 2] == nm->given[0])
    ja -= 2;
  const char *other;
  size_t fw = nm->fam_b;
  while (fw > nm->fam_a && c->s[fw - 1] != ' ')
    fw--;
  return rpi_lex_journal(c->s + ja, last - ja, &other) != RPI_JOURNAL_NONE ||
         rpi_lex_is_abbrev(c->s + fw, nm->fam_b - fw);
}

/* "Rodrigues L, IceCube Collaboration, et al.", "Abe K, Writing Group for
 * the PARTNER Trial, Smith J": an organisation among the names of a
 * Vancouver or initials-first list, up to the next comma or period: two to
 * eight words, capitalised or short lower-case ones ("for", "the"), the
 * last an organisation word of the lexicon. Returns its end, or i. */
static size_t org_in_list(const cur *c, size_t i, rpi_pname *nm) {
  size_t q = i, words = 0, last_a = i, last_b = i;
  while (q < c->lim && c->s[q] != ',' && c->s[q] != '.' && c->s[q] != ';') {
    size_t e = q;
    while (e < c->lim && c->s[e] != ' ' && c->s[e] != ',' && c->s[e] != '.' && c->s[e] != ';')
      e++;
    unsigned char ch = (unsigned char)c->s[q];
    if (++words > 8 || !((ch >= 'A' && ch <= 'Z') || ch >= 0xC2 || (ch >= 'a' && ch <= 'z' && e - q <= 3)))
      return i;
    last_a = q, last_b = e;
    q = skip_sp(c, e);
  }
  if (words < 2 || q >= c->lim || !rpi_lex_is_org_word(c->s + last_a, last_b - last_a))
    return i;
  memset(nm, 0, sizeof *nm);
  nm->fam_a = i;
  nm->fam_b = last_b;
  nm->literal = true;
  return last_b;
}

/* A given name of initials only: "K.", "J. A.", "K.-W.", "É." (a stop and
 * no two lower-case letters in a row). */
static bool initials_only(const char *g) {
  if (!strchr(g, '.'))
    return false;
  for (; *g; g++)
    if (*g >= 'a' && *g <= 'z' && g[1] >= 'a' && g[1] <= 'z')
      return false;
  return true;
}

/* Given names of two words or more, none an initial nor a given name of
 * the lexicon ("Sozialer Fortschritt", "Studi Storici", "Études
 * Rurales"). */
static bool full_words_unknown(const char *g) {
  if (!strchr(g, ' ') || strchr(g, '.'))
    return false;
  for (const char *w = g; *w;) {
    size_t n = strcspn(w, " ");
    if (n < 2 || rpi_lex_is_given_name(w, n))
      return false;
    w += n;
    while (*w == ' ')
      w++;
  }
  return true;
}

/* A family of three words or more, each capitalised ("Przemiany Wsi
 * Polskiej"; not "Gras-Le Guen", "van der Berg"). */
static bool long_family(const cur *c, const rpi_pname *nm) {
  int words = 0;
  for (size_t q = nm->fam_a; q < nm->fam_b; q++)
    if (q == nm->fam_a || c->s[q - 1] == ' ') {
      unsigned cp;
      rpi_utf8_decode((const unsigned char *)c->s + q, nm->fam_b - q, &cp);
      size_t e = q;
      while (e < nm->fam_b && c->s[e] != ' ')
        e++;
      if (!rpi_is_upper(cp) || rpi_lex_is_cap_particle(c->s + q, e - q))
        return false;
      words++;
    }
  return words >= 3;
}

/* "Irda Fidrianny, Dian Ayu, Rika Hartati. Antioxidant ...": after two
 * natural-order names or more joined by commas alone, a last one of two
 * capitalised words (given names the lexicon need not know) closed by a
 * stop and a capitalised word. */
static bool natural_last_of_commas(const cur *c, size_t nx, size_t e2, const rpi_pname *nm) {
  if (nm->family_first || !nm->given[0] || strchr(nm->given, ' ') || strchr(nm->given, '.') ||
      e2 + 2 >= c->lim || c->s[e2] != '.' || c->s[e2 + 1] != ' ')
    return false;
  /* the title after it: three words or more before a stop or a colon
   * (not "John Smith, Mary Jones, Social Theory. London: Sage") */
  int words = 0;
  for (size_t q = skip_sp(c, e2 + 1); q < c->lim && words < 3; q++) {
    if (c->s[q] == ':' || (c->s[q] == '.' && (q + 1 == c->lim || c->s[q + 1] == ' ')))
      return false;
    words += c->s[q] == ' ' && q + 1 < c->lim && c->s[q + 1] != ' ';
  }
  wshape g, f, t;
  return words >= 3 && shape(c, skip_sp(c, e2 + 1), &t) && t.cap && shape(c, nm->fam_a, &f) && f.cap && !f.allcaps &&
         f.nchars >= 2 && !rpi_lex_is_abbrev(c->s + f.a, f.b - f.a) && shape(c, nx, &g) && g.cap && !g.allcaps &&
         g.nchars >= 2;
}

static size_t run(const cur *c, size_t from, int first_form, rpi_namelist *out) {
  static const int fallback[5][4] = {
      {0, 0, 0, 0},
      {FORM_INV, FORM_NAT, FORM_INIT, FORM_VAN}, /* MLA: inverted first, then natural */
      {FORM_VAN, FORM_INIT, 0, 0},
      {FORM_INIT, FORM_NAT, 0, 0},
      {FORM_NAT, FORM_INIT, 0, 0},
  };
  list_clear(out);
  rpi_pname nm;
  size_t e = one_name(c, from, first_form, &nm);
  if (e == from)
    return 0;
  out->form = first_form;
  out->v[out->n++] = nm;
  out->total = 1;
  size_t list_end = e;
  bool mla = false; /* inverted first name, natural-order others */
  bool joined = false; /* the last name came after "and" / "&": the list ends */
  for (;;) {
    size_t nx = next_name(c, e, out, &list_end);
    if (joined && nx && !etal_at(c, nx) && memchr(c->s + e, ',', nx - e))
      break; /* "A, B and C, Title": but "A and B and C" goes on */
    if (!out->et_al && !nx && first_form == FORM_INV)
      nx = inverted_after_period(c, e);
    if (out->et_al || !nx)
      break;
    size_t e2 = nx;
    /* MLA / Chicago "Geller, Anne Ellen, Michele Eodice, Frankie Condon, and
     * ...": after an inverted first name with a full given name, the others
     * are in natural order */
    int order[4];
    memcpy(order, fallback[first_form], sizeof order);
    /* a whole given name first ("Anne Ellen", "Anna K."), not initials */
    const char *g0 = out->v[0].given;
    if (first_form == FORM_INV && out->n >= 1 && g0[0] && g0[1] && g0[1] != '.' && g0[1] != ' ' &&
        out->form == FORM_INV && mla_next(c, e, nx)) {
      mla = true;
      order[0] = FORM_NAT;
      order[1] = FORM_INV;
    }
    for (int f = 0; f < 4 && order[f]; f++) {
      int form = order[f];
      e2 = one_name(c, nx, form, &nm);
      if (e2 != nx && form != first_form && !at_boundary(c, e2))
        e2 = nx; /* a name in another form must end where a name can end */
      if (e2 != nx && form == FORM_NAT && stop_given(c, nx))
        e2 = nx;
      if (e2 != nx && form == FORM_NAT && !natural_name_ends(c, e, nx, e2, &nm, first_form, mla) &&
          !(first_form == FORM_NAT && out->n >= 2 && !joined && natural_last_of_commas(c, nx, e2, &nm)))
        e2 = nx;
      /* "W.-K. Chen, Linear Networks and Systems.", "P. Diament, Wave
       * Transmission and Fiber Optics.": after a name with initials first,
       * two words with no initial and no given name of the lexicon, then
       * "and" (not a comma: "A. D. Ghodke, Riyasat Husain, Pradeep Kumar"),
       * are the title, not a name */
      if (e2 != nx && form == FORM_NAT && (first_form == FORM_INIT || first_form == FORM_NAT) &&
          out->v[0].given[0] && out->v[0].given[1] == '.' && !out->v[0].family_first && !strchr(nm.given, '.') &&
          !rpi_lex_is_given_name(nm.given, strcspn(nm.given, " ")) && connector(c, e2) &&
          !etal_at(c, skip_sp(c, e2)))
        e2 = nx;
      /* "Sallis, JF, Cervero RB, Ascher W": after initials, a word and a
       * block of capitals is a Vancouver name, not given "Cervero" and
       * family "RB" (but "Wei LI": a given name of the lexicon) */
      if (e2 != nx && form == FORM_NAT && strchr(out->v[0].given, '.') && caps_block(c, nm.fam_a, nm.fam_b) &&
          !rpi_lex_is_given_name(nm.given, strlen(nm.given)))
        e2 = nx;
      /* "Müller, K., Die Reform der Sozialversicherung, Sozialer
       * Fortschritt, 12", "Rossi, M., La Riforma Agraria, Studi Storici,
       * 12": after an inverted name with initials, a title and a journal
       * between commas are no name: not one inverted, whose given names
       * are two words or more with no initial and none of the lexicon, or
       * one such word after a family of three capitalised words ("Nowak,
       * A., Przemiany Wsi Polskiej, Kultura i Społeczeństwo, 40"), nor
       * one in natural order ("Soziale Ungleichheit, Soziale Welt") whose
       * given name has no initial and is none of the lexicon (but "Gershick,
       * M. A. and Trygve Haavelmo": a comma alone before it) */
      if (e2 != nx && first_form == FORM_INV && out->form == FORM_INV && c->s[skip_sp(c, e)] == ',' &&
          skip_sp(c, skip_sp(c, e) + 1) == nx && initials_only(out->v[0].given) &&
          ((form == FORM_INV && (full_words_unknown(nm.given) ||
                                 (long_family(c, &nm) && !strchr(nm.given, '.') &&
                                  !rpi_lex_is_given_name(nm.given, strlen(nm.given))))) ||
           (form == FORM_NAT && nm.given[0] && !strchr(nm.given, '.') &&
            !rpi_lex_is_given_name(nm.given, strcspn(nm.given, " ")))))
        e2 = nx;
      if (e2 != nx)
        break;
    }
    if (e2 == nx && first_form == FORM_VAN)
      e2 = van_comma_name(c, nx, &nm);
    if (e2 == nx && (first_form == FORM_VAN || first_form == FORM_INIT) && nx > e && c->s[skip_sp(c, e)] == ',')
      e2 = org_in_list(c, nx, &nm);
    if (e2 == nx) {
      /* Vancouver artefact: a stray token between commas ("Eline C, ’, ") */
      size_t k = nx, l;
      unsigned cp = peek(c, k, &l);
      if (first_form == FORM_VAN && l && !rpi_is_letter(cp) && !rpi_is_digit(cp) &&
          cp != '(' && cp != '"' && cp != 0x201C) {
        size_t k2 = skip_sp(c, k + l);
        if (k2 < c->lim && c->s[k2] == ',') {
          out->dropped_a = k;
          out->dropped_b = k + l;
          e = k + l;
          continue;
        }
      }
      /* "Nisa Nur Iskandar and Iriawati. 2016.", "Smith, J. and Sukarno.
       * 1960.": after "and", a writer known by one name, closed by a stop
       * and the year; in a Vancouver list, after a comma, by a stop and
       * the title ("Santoso B, Wahyuni S, Mulyono. Title.") */
      wshape mw;
      bool and_before = false;
      for (size_t q = e; q + 4 <= nx && !and_before; q++)
        and_before = word_is(c, q, nx, "and") || word_is(c, q, nx, "und") || c->s[q] == '&';
      bool van_comma = first_form == FORM_VAN && c->s[skip_sp(c, e)] == ',';
      if ((and_before || van_comma) && shape(c, nx, &mw) && mw.cap && !mw.allcaps && mw.nchars >= 4 &&
          mw.b + 6 < c->lim && c->s[mw.b] == '.' && c->s[mw.b + 1] == ' ' &&
          (rpi_lex_is_year(c->s + mw.b + 2) || (van_comma && rpi_is_upper(peek(c, mw.b + 2, &l)))) &&
          !rpi_lex_is_org_word(c->s + mw.a, mw.b - mw.a) && !rpi_lex_is_abbrev(c->s + mw.a, mw.b - mw.a)) {
        memset(&nm, 0, sizeof nm);
        nm.fam_a = mw.a;
        nm.fam_b = mw.b;
        e2 = mw.b;
      } else {
        break;
      }
    }
    if (journal_name(c, &nm))
      break;
    if (out->n < RPI_MAX_NAMES)
      out->v[out->n++] = nm;
    out->total++;
    for (size_t q = e; q < nx && !joined; q++)
      joined = c->s[q] == '&' || ((q == e || c->s[q - 1] == ' ' || c->s[q - 1] == ',') &&
                                  (word_is(c, q, nx, "and") || word_is(c, q, nx, "und")));
    e = e2;
    list_end = e;
    if (out->total > 100000)
      break;
  }
  out->end = list_end;
  /* "Schneider Klaus, Wagner Eva", "Peeters Jan en Wouters Els": when one
   * name is printed family first and no given name opens another, every
   * name is (but "Bauer Karin and Lena Vogt" stays as it is) */
  if (!c->family_first) {
    bool first = false, given = false, more = false;
    for (size_t q = 0; q < out->n; q++) {
      unsigned char o = out->v[q].order;
      first |= out->v[q].family_first;
      given |= o == ORDER_LEX_GIVEN;
      more |= !out->v[q].family_first && (o == ORDER_OPEN || o == ORDER_LEX_FAMILY);
    }
    if (first && more && !given) {
      cur c2 = *c;
      c2.family_first = true;
      return run(&c2, from, first_form, out);
    }
  }
  return out->n;
}

/* "J. Lujan, S.K. Ostwald, M. Ortiz Promotora diabetes ...": a list of
 * names with dotted initials first, joined by commas, whose last name (a
 * one-word family after its initials and a comma) runs into the title's
 * capitalised first word at k with no stop between them. */
static bool initials_list_ends(const cur *c, const rpi_namelist *l, size_t k) {
  if (l->form != FORM_INIT || l->n < 2 || l->n != l->total)
    return false;
  const rpi_pname *lp = &l->v[l->n - 1];
  if (lp->literal || lp->suffix[0] || l->end != lp->fam_b || lp->fam_a < 2 || c->s[lp->fam_a - 1] != ' ')
    return false;
  for (size_t q = 0; q < l->n; q++) {
    const char *g = l->v[q].given;
    if (!(g[0] >= 'A' && g[0] <= 'Z') || g[1] != '.' || l->v[q].family_first)
      return false;
    for (; *g; g++)
      if (!((*g >= 'A' && *g <= 'Z') || *g == '.' || *g == ' ' || *g == '-'))
        return false;
  }
  /* the comma before the last name's initials */
  size_t q = lp->fam_a - 1;
  while (q > 0 && c->s[q - 1] != ',' && c->s[q - 1] != ';' && lp->fam_a - q < 12)
    q--;
  if (q == 0 || c->s[q - 1] != ',')
    return false;
  for (size_t p = lp->fam_a; p < lp->fam_b; p++)
    if (c->s[p] == ' ' || c->s[p] == '.')
      return false;
  wshape w;
  return shape(c, k, &w) && w.cap && !w.allcaps && w.nchars >= 2 && w.b < c->lim && c->s[w.b] == ' ';
}

static bool ends_well(const cur *c, const rpi_namelist *l) {
  size_t k = skip_sp(c, l->end);
  if (k >= c->lim)
    return true;
  char ch = c->s[k];
  if (l->et_al)
    return true;
  /* a name list ends at a sentence end, a date, a colon or a quote */
  if (ch == '.' || ch == '(' || ch == ':' || ch == ',' || ch == '[' || ch == ';')
    return true;
  size_t len;
  unsigned cp = peek(c, k, &len);
  if (cp == 0x201C || cp == '"' || cp == 0x2018 || cp == 0xAB)
    return true;
  if (rpi_is_digit(cp))
    return true;
  /* "Warner, Marina ed. Title": an editor mark closes the list */
  if (editor_word(c, k))
    return true;
  /* "Smith J. Title": the period went with the initial */
  if (l->end > 0 && c->s[l->end - 1] == '.')
    return true;
  /* "D. Grumiller Phys. Rev. Lett. 105": a journal's abbreviation with its
   * stop runs on */
  wshape jw, jw2;
  if (shape(c, k, &jw) && jw.cap && jw.nchars >= 2 && jw.b < c->lim) {
    if (c->s[jw.b] == '.' && rpi_lex_is_abbrev(c->s + jw.a, jw.b - jw.a))
      return true;
    /* (or its second: "M. Salamon Space Sci. Rev. 75") */
    size_t k2 = skip_sp(c, jw.b);
    if (c->s[jw.b] == ' ' && shape(c, k2, &jw2) && jw2.cap && jw2.nchars >= 2 && jw2.b < c->lim &&
        c->s[jw2.b] == '.' && rpi_lex_is_abbrev(c->s + jw2.a, jw2.b - jw2.a))
      return true;
  }
  return initials_list_ends(c, l, k);
}

/* Past a volume and an edition statement at k ("Vol. 1. ", "2nd ed. ",
 * "3. Aufl. "), or k. */
static size_t past_edition(const char *s, size_t k, size_t lim) {
  /* "Vol. 1. " */
  if (k + 6 < lim && memcmp(s + k, "Vol. ", 5) == 0) {
    size_t v = k + 5;
    while (v < lim && s[v] >= '0' && s[v] <= '9')
      v++;
    if (v > k + 5 && v + 1 < lim && s[v] == '.' && s[v + 1] == ' ')
      k = v + 2;
  }
  size_t e = k;
  while (e < lim && s[e] >= '0' && s[e] <= '9')
    e++;
  if (e == k || e - k > 2)
    return k;
  while (e < lim && ((s[e] >= 'a' && s[e] <= 'z') || s[e] == '.'))
    e++; /* "nd", "." */
  if (e < lim && s[e] == ' ')
    e++;
  if (e + 4 <= lim && memcmp(s + e, "ed. ", 4) == 0)
    return e + 4;
  if (e + 4 <= lim && memcmp(s + e, "Aufl", 4) == 0) {
    while (e < lim && s[e] != ' ')
      e++;
    return e < lim ? e + 1 : k;
  }
  return k;
}

/* Whether the list at from opens with a known given name ("Edward G.
 * Seidensticker. New York: ..." is a name, "Kafka F. Tagebücher. Frankfurt
 * am Main: ..." a name and a title). */
static bool given_first(const char *s, size_t from, size_t lim) {
  size_t e = from;
  while (e < lim && s[e] != ' ' && s[e] != ',' && s[e] != '.')
    e++;
  return e > from && rpi_lex_is_given_name(s + from, e - from);
}

/* "Frankfurt am Main: ", "Wien: ", "Bern, ": a known place
 * (lib/data/cities.txt) and a colon, comma or semicolon at k. */
static bool place_colon(const char *s, size_t k, size_t lim) {
  size_t e = k;
  while (e < lim && e - k < 40 && s[e] != ':' && s[e] != '.' && s[e] != ',' && s[e] != ';')
    e++;
  size_t b = e;
  while (b > k && s[b - 1] == ' ')
    b--;
  /* "Wien: Böhlau", and the places alone: "Bern, Stuttgart; 1995" */
  return e < lim && (s[e] == ':' || s[e] == ',' || s[e] == ';') && b > k && rpi_lex_is_city(s + k, b - k);
}

/* Whether s[a, lim) has a mark of the Vancouver form: a year and a
 * semicolon ("2009;68(1):117-142", "2009 Mar;"), a semicolon and a year
 * ("Lyon: Presses Universitaires; 1999."), or a chapter's "In: " and
 * "editor"/"editors" ("In: Earle H, editor."). */
static bool vancouver_marks(const char *s, size_t a, size_t lim) {
  bool in = false;
  for (size_t q = a; q < lim; q++) {
    if (s[q] == ';') {
      size_t k = q + 1 < lim && s[q + 1] == ' ' ? q + 2 : q + 1;
      if (q >= a + 4 && rpi_is_digit((unsigned char)s[q - 1]) && rpi_is_digit((unsigned char)s[q - 4]) &&
          (q == a + 4 || !rpi_is_digit((unsigned char)s[q - 5])))
        return true;
      if (k + 4 <= lim && rpi_is_digit((unsigned char)s[k]) && rpi_is_digit((unsigned char)s[k + 3]) &&
          (k + 4 == lim || !rpi_is_digit((unsigned char)s[k + 4])))
        return true;
    }
    if (q + 4 <= lim && memcmp(s + q, "In: ", 4) == 0 && (q == a || s[q - 1] == ' '))
      in = true;
    if (in && q + 8 <= lim && memcmp(s + q, ", editor", 8) == 0)
      return true;
  }
  return false;
}

/* "Henry David Thoreau, Walden, ...", "Nicolas Schöffer, La Ville
 * Cybernétique, ...", "Elson Manoel Pereira, Mathieu Perrin.": one
 * inverted name whose family of two words or more opens with a given name
 * of the lexicon, and whose "given name" opens with none or is a whole
 * name of two words, is a name in natural order and what follows it (not
 * "Lloyd Webber, Andrew", "García Márquez, Gabriel"). */
static bool given_then_title(const cur *c, const rpi_pname *nm) {
  if (nm->literal || nm->family_first || nm->suffix[0] || !nm->given[0] || strchr(nm->given, '.'))
    return false;
  size_t w = nm->fam_a;
  while (w < nm->fam_b && c->s[w] != ' ')
    w++;
  if (w >= nm->fam_b || !rpi_lex_is_given_name(c->s + nm->fam_a, w - nm->fam_a))
    return false;
  /* (a hyphenated given name by its first part: "Olivier de Sardan,
   * Jean-Pierre") */
  size_t g1 = strcspn(nm->given, " "), h1 = strcspn(nm->given, " -");
  return !(rpi_lex_is_given_name(nm->given, g1) || rpi_lex_is_given_name(nm->given, h1)) || nm->given[g1] == ' ';
}

static size_t parse_forms(const char *s, size_t from, size_t lim, rpi_namelist *out,
                          const int *forms, size_t nforms) {
  shape_memo memo;
  memset(memo.at, 0, sizeof memo.at);
  /* a list read after a title or a marker ("Translated by Philip
   * Gabriel") is in natural order unless capitals say otherwise */
  bool lead = true;
  for (size_t q = from; q-- > 0 && lead;)
    lead = !ascii_letter(s[q]) && (unsigned char)s[q] < 0x80;
  cur c = {s, lim, &memo, from, lead, false};
  /* two lists, swapped when a run scores better: the best is never copied
   * but once, into out */
  rpi_namelist la, lb;
  rpi_namelist *best = &la, *tmp = &lb;
  size_t best_n = 0;
  int best_score = -1;
  list_clear(best);
  for (size_t f = 0; f < nforms; f++) {
    size_t n = run(&c, from, forms[f], tmp);
    if (!n)
      continue;
    int score = (int)n * 4 + (ends_well(&c, tmp) ? 2 : -6);
    /* a dotted initial ends the Vancouver reading ("Jeffrey W."); a block
     * of capitals ("Thompson EP.") or a suffix ("Sewall WH Jr.") is
     * Vancouver whatever follows */
    if (forms[f] == FORM_VAN && n == 1 && tmp->end > 2 && s[tmp->end - 1] == '.' && !tmp->v[0].suffix[0] &&
        !(s[tmp->end - 2] >= 'A' && s[tmp->end - 2] <= 'Z' && s[tmp->end - 3] >= 'A' && s[tmp->end - 3] <= 'Z')) {
      /* "Jeffrey W. Cody, Title": natural order, not "Jeffrey W." */
      size_t k = skip_sp(&c, tmp->end);
      wshape w;
      if (shape(&c, k, &w) && w.cap && w.b < lim && s[w.b] == ',') {
        /* (but "Nakamura K. Rice, Land Reform, and ...": a family name
         * that is no given name, in a reference of Vancouver form) */
        if (given_first(s, from, lim) || !vancouver_marks(s, k, lim))
          score -= 3;
      }
      /* "Peter E. Gordon: Continental Divide.": a family closed by the
       * title's colon after a given name of the lexicon */
      else if (shape(&c, k, &w) && w.cap && !w.allcaps && w.nchars >= 2 && w.b + 1 < lim && s[w.b] == ':' &&
               s[w.b + 1] == ' ' && given_first(s, from, lim))
        score -= 3;
      /* "Sarita V. Adve. Using information ...": one more capitalised word
       * closed by a period, then the title */
      else if (shape(&c, k, &w) && w.cap && !w.allcaps && w.nchars >= 2 && w.b + 2 < lim && s[w.b] == '.' &&
               s[w.b + 1] == ' ' && !rpi_lex_is_abbrev(s + w.a, w.b - w.a) &&
               !(w.b + 5 < lim && memcmp(s + w.b + 2, "In", 2) == 0 && (s[w.b + 4] == ':' || s[w.b + 4] == ' ')) &&
               !((place_colon(s, past_edition(s, w.b + 2, lim), lim) || vancouver_marks(s, w.b, lim)) &&
                 !given_first(s, from, lim)))
        score -= 3; /* (but "Escalona A. Participation. In: ...", "Kafka F. Tagebücher. Frankfurt
                     * am Main: S. Fischer": a one-word title before a chapter's "In" or an imprint;
                     * "Brandt U. Stadtluft. Über das Leben ... Frankfurt am Main: Campus; 2003.":
                     * one before its subtitle, in a reference of Vancouver form) */
    }
    if (forms[f] == FORM_INV && n == 1 && given_then_title(&c, &tmp->v[0]))
      score -= 3;
    if (tmp->et_al)
      score += 2;
    if (score > best_score) {
      best_score = score;
      rpi_namelist *t = best;
      best = tmp;
      tmp = t;
      best_n = n;
    }
  }
  if (!best_n) {
    /* one name alone: "Holler, et al.", "Lindqvist (1998)" */
    rpi_pname nm;
    bool et_al = true;
    size_t e = bare_family(&c, from, &nm), end = 0;
    if (e != from) {
      size_t k = skip_sp(&c, e);
      if (k < lim && s[k] == ',')
        k++;
      end = etal_at(&c, k);
    } else if ((e = dated_single_name(&c, from, &nm)) != from) {
      end = e;
      et_al = false;
    }
    if (e != from) {
      list_clear(best);
      best->v[0] = nm;
      best->n = best->total = 1;
      best->end = end;
      best->et_al = et_al;
      best_n = 1;
      best_score = 1;
    }
  }
  if (best_score < 0) {
    list_clear(out); /* n = 0: callers may read n and end of a failed parse */
    return 0;
  }
  list_copy(out, best);
  return best_n;
}

size_t rpi_names_parse(const char *s, size_t from, size_t lim, rpi_namelist *out) {
  static const int forms[] = {FORM_INV, FORM_VAN, FORM_INIT, FORM_NAT};
  (void)canon_block;
  return parse_forms(s, from, lim, out, forms, 4);
}

size_t rpi_names_parse_any(const char *s, size_t from, size_t lim, rpi_namelist *out) {
  static const int forms[] = {FORM_INIT, FORM_INV, FORM_VAN, FORM_NAT};
  return parse_forms(s, from, lim, out, forms, 4);
}

bool rpi_names_vancouver(const rpi_namelist *l) { return l->n && l->form == FORM_VAN; }
