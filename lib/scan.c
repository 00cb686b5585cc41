#include "scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "utf8.h"

size_t rpi_scan_editor_mark(const st *s, size_t i) {
  size_t k = skip_sp(s, i);
  if (k < s->n && s->w[k] == ',')
    k = skip_sp(s, k + 1);
  /* every mark starts with one of these bytes (the bracketed form below
   * with '(') */
#ifdef RP_CHECK_GUARDS
  const rpi_lex_phrase *marks = rpi_lex_entries(RPI_LEX_EDITOR_MARKS); /* lib/data/editor_marks.txt */
  for (size_t m = 0; marks[m].s; m++)
    if (!strchr("(eEHd\xc3", marks[m].s[0]))
      abort(); /* the test below is out of step with editor_marks.txt */
#endif
  unsigned char c0 = k < s->n ? (unsigned char)s->w[k] : 0;
  if (!(c0 == '(' || c0 == 'e' || c0 == 'E' || c0 == 'H' || c0 == 'd' || c0 == 0xC3))
    return 0;
  /* the longest mark at k ("editors" before "editor": the shorter one is
   * then followed by a letter too) */
  size_t l = k < s->n ? rpi_lex_at(RPI_LEX_EDITOR_MARKS, s->w + k, s->n - k) : 0;
  /* not MHRA's "Paradise Lost, ed. by Alastair Fowler": "by" opens the
   * editors after a title */
  if (l && s->w[k] != '(' && at_lit(s, skip_sp(s, k + l), "by ", 3))
    return 0;
  if (l && !(k + l < s->n && ascii_alpha(s->w[k + l]) && s->w[k + l - 1] != ')'))
    return k + l;
  /* "(Hrsg. )", "( eds. )": a bracketed mark with spaces inside */
  if (k < s->n && s->w[k] == '(') {
    char compact[16];
    size_t cl = 0, q = k;
    for (; q < s->n && cl + 1 < sizeof compact && s->w[q] != ')'; q++)
      if (s->w[q] != ' ')
        compact[cl++] = s->w[q];
    if (q < s->n && s->w[q] == ')' && cl + 1 < sizeof compact && q > k + cl) {
      compact[cl++] = ')';
      if (rpi_lex_at(RPI_LEX_EDITOR_MARKS, compact, cl) == cl) /* compact opens with '(' */
        return q + 1;
    }
  }
  return 0;
}

size_t rpi_scan_translator_mark(const st *s, size_t i) {
  static const char *const marks[] = {"(trans.)", "(Trans.)", "(transl.)", "(tr.)", "(trad.)", "(Übers.)"};
  for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
    size_t l = strlen(marks[m]);
    if (at_lit(s, i, marks[m], l))
      return i + l;
  }
  return 0;
}

size_t rpi_scan_word_before(const st *s, size_t p, size_t lo) {
  size_t q = p;
  while (q > lo) {
    size_t st0;
    unsigned cp = rpi_utf8_prev(s->w, q, &st0);
    if (!(rpi_is_letter(cp) || rpi_is_mark(cp)))
      break;
    q = st0;
  }
  return q;
}

size_t rpi_scan_trim_date_tail(const st *s, size_t a, size_t b) {
  for (;;) {
    while (b > a && (is_edge(s->w[b - 1]) || ascii_digit(s->w[b - 1])))
      b--;
    size_t ws = rpi_scan_word_before(s, b, a);
    if (ws == b || ws == a || !rpi_lex_month(s->w + ws, b - ws))
      return b;
    b = ws;
  }
}

static bool lower_abbrev(const char *w, size_t n) {
  if (n == 0 || n > 6)
    return false; /* no entry is empty or longer than "approx" */
  return rpi_lex_at(RPI_LEX_SHORT_ABBREVS, w, n) == n; /* lib/data/short_abbrevs.txt */
}

/* A word that looks like an ISO 4 abbreviation: ends in a consonant other
 * than s or y, and is not all upper case. */
static bool abbrev_shape(const st *s, size_t a, size_t b) {
  char last = s->w[b - 1];
  if (!((last | 0x20) >= 'a' && (last | 0x20) <= 'z'))
    return false;
  char l = (char)(last | 0x20);
  if (strchr("aeiousy", l))
    return false;
  bool lower = false;
  for (size_t i = a + 1; i < b; i++)
    lower |= s->w[i] >= 'a' && s->w[i] <= 'z';
  return lower;
}

bool rpi_scan_abbrev_word(const st *s, size_t ws, size_t p) {
  /* the digits of an ordinal come before the letters word_before() gives */
  size_t z = ws;
  while (z > 0 && ascii_digit(s->w[z - 1]))
    z--;
  if (z < ws)
    return ws - z <= 3 && (z == 0 || s->w[z - 1] == ' ') &&
           (p == ws || (p - ws <= 2 && s->w[ws] >= 'a' && s->w[ws] <= 'z'));
  if (p <= ws || p - ws > 12)
    return false;
  unsigned first;
  rpi_utf8_decode((const unsigned char *)s->w + ws, p - ws, &first);
  if (!rpi_is_upper(first))
    return false;
  /* "Vis", "Ges", "Proc": a capitalised word of four letters or fewer */
  if (p - ws <= 4 || rpi_lex_is_abbrev(s->w + ws, p - ws))
    return true;
  /* "Energy Convers. Congr.", "Conf. Knowl. Discov.": a word before a
   * listed abbreviation, or a consonant-final one after an abbreviation */
  if (p - ws > 10)
    return false;
  size_t nx = p + 1;
  while (nx < s->n && s->w[nx] == ' ')
    nx++;
  size_t ne = nx;
  while (ne < s->n && ascii_alpha(s->w[ne]))
    ne++;
  if (ne > nx && ne < s->n && s->w[ne] == '.' && rpi_lex_is_abbrev(s->w + nx, ne - nx))
    return true;
  if (!abbrev_shape(s, ws, p))
    return false;
  size_t pe = ws;
  while (pe > 0 && s->w[pe - 1] == ' ')
    pe--;
  return (pe < ws && pe > 0 && s->w[pe - 1] == '.') || (ne > nx && ne < s->n && s->w[ne] == '.' && ne - nx <= 8);
}

bool rpi_scan_abbrev_run(const st *s, size_t a, size_t hi) {
  size_t i = a, tokens = 0, long_words = 0, dotted = 0;
  while (i < hi) {
    while (i < hi && (s->w[i] == ' ' || s->w[i] == '.'))
      i++;
    if (i >= hi)
      break;
    size_t j = i;
    while (j < hi && s->w[j] != ' ' && s->w[j] != '.')
      j++;
    /* "Phys .Rev .Lett": a period printed after a space */
    bool dot = (j < hi && s->w[j] == '.') || (j + 1 < hi && s->w[j] == ' ' && s->w[j + 1] == '.');
    size_t wl = j - i;
    if (wl == 0)
      return false;
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + i, wl, &cp);
    bool cap = rpi_is_upper(cp);
    bool conn = (wl <= 3 && !cap) && (at_lit(s, i, "of", 2) || at_lit(s, i, "and", 3) ||
                                      at_lit(s, i, "the", 3) || at_lit(s, i, "&", 1) ||
                                      at_lit(s, i, "de", 2) || at_lit(s, i, "in", 2));
    bool last = false;
    size_t k = dot ? j + 1 : j;
    while (k < hi && s->w[k] == ' ')
      k++;
    last = k >= hi;
    if (!conn && !cap)
      return false;
    if (cap && !dot && !last && wl > 4 && !(rpi_lex_is_abbrev(s->w + i, wl)))
      long_words++;
    bool lowers = false;
    for (size_t q = i + 1; q < j; q++)
      lowers |= s->w[q] >= 'a' && s->w[q] <= 'z';
    if (dot && cap && lowers && wl > 1 && !rpi_lex_is_abbrev(s->w + i, wl) && !abbrev_shape(s, i, j) && !last)
      return false; /* "Performance Persistence. Journal of Finance": a sentence */
    if (dot && cap)
      dotted++;
    tokens++;
    if (tokens > 8)
      return false;
    i = dot ? j + 1 : j;
  }
  return tokens > 0 && (long_words == 0 || (dotted > 0 && dotted >= long_words));
}

bool rpi_scan_nlm_abbrev(const st *s, size_t a, size_t hi) {
  size_t words = 0, abbrevs = 0;
  for (size_t i = a; i < hi;) {
    while (i < hi && s->w[i] == ' ')
      i++;
    if (i >= hi)
      break;
    size_t j = i;
    while (j < hi && s->w[j] != ' ')
      j++;
    if (!(s->w[i] >= 'A' && s->w[i] <= 'Z'))
      return false;
    for (size_t q = i; q < j; q++)
      if (!ascii_alpha(s->w[q]))
        return false;
    abbrevs += rpi_lex_is_abbrev(s->w + i, j - i);
    if (++words > 8)
      return false;
    i = j;
  }
  return words >= 2 && abbrevs >= 2;
}

bool rpi_scan_place_colon_at(const st *s, size_t k, size_t hi) {
  for (int words = 0; words < 4 && k < hi; words++) {
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + k, hi - k, &cp);
    size_t e = k;
    while (e < hi && s->w[e] != ' ' && s->w[e] != ':' && s->w[e] != ',' && s->w[e] != '.')
      e++;
    /* "Rio de Janeiro": a short lower-case particle inside the place */
    bool particle = words > 0 && e - k <= 3 && e < hi && s->w[e] == ' ' && s->w[k] >= 'a' && s->w[k] <= 'z';
    if (!rpi_is_upper(cp) && !particle)
      return false;
    if (e - k < 3 && !particle)
      return false; /* "J. Phys. B: At. Mol." */
    if (e < hi && s->w[e] == ':') {
      size_t n = skip_sp(s, e + 1);
      if (n >= hi)
        return false;
      rpi_utf8_decode((const unsigned char *)s->w + n, hi - n, &cp);
      return rpi_is_upper(cp);
    }
    if (e >= hi || s->w[e] != ' ')
      return false;
    k = skip_sp(s, e);
  }
  return false;
}

bool rpi_scan_real_stop_at(const st *s, size_t lo, size_t hi, size_t p) {
  char c = s->w[p];
  if (p + 1 >= hi || s->w[p + 1] != ' ')
    return false;
  size_t nx = skip_sp(s, p + 1);
  if (nx >= hi)
    return false;
  if (c != '.')
    return true;
  /* a German ordinal after a small word: "im 19. Jahrhundert", "zum 60.
   * Geburtstag", "am 3. Mai", "Das 20. Jahrhundert" (a capital first) */
  size_t ds = p;
  while (ds > lo && p - ds < 4 && ascii_digit(s->w[ds - 1]))
    ds--;
  if (ds < p && p - ds <= 3 && ds >= lo + 4 && s->w[ds - 1] == ' ') {
    size_t pw = ds - 1;
    while (pw > lo && s->w[pw - 1] >= 'a' && s->w[pw - 1] <= 'z')
      pw--;
    if (pw > lo && s->w[pw - 1] >= 'A' && s->w[pw - 1] <= 'Z')
      pw--;
    unsigned nc;
    rpi_utf8_decode((const unsigned char *)s->w + nx, hi - nx, &nc);
    static const char *const small[] = {"im", "am", "zum", "vom", "beim", "des", "der", "dem", "den", "zur",
                                        "ins", "seit", "bis", "ab", "nach", "vor", "das", "die", NULL};
    size_t sl = ds - 1 - pw;
    bool ord = (pw == lo || s->w[pw - 1] == ' ') && rpi_is_upper(nc) && sl > 0;
    for (size_t k = 0; ord && small[k]; k++)
      if (strlen(small[k]) == sl && (s->w[pw] | 0x20) == small[k][0] && memcmp(small[k] + 1, s->w + pw + 1, sl - 1) == 0)
        return false;
  }
  /* an ordinal before a word in lower case of four letters or more (five
   * before a stop: not an abbreviation): Estonian "21. sajandi", Norwegian
   * "det 20. århundre", Hungarian "A 20. század" */
  if (ds < p && p - ds <= 3 && ds > lo + 1 && s->w[ds - 1] == ' ') {
    unsigned nc;
    rpi_utf8_decode((const unsigned char *)s->w + nx, hi - nx, &nc);
    bool lower = (nc >= 'a' && nc <= 'z') || (nc >= 0xDF && !rpi_is_upper(nc));
    size_t we = nx, letters = 0;
    while (we < hi && s->w[we] != ' ' && s->w[we] != '.' && s->w[we] != ',' && s->w[we] != ':' && s->w[we] != ';')
      letters += ((unsigned char)s->w[we++] & 0xC0) != 0x80;
    if (lower && letters >= 4 && (we >= hi || s->w[we] != '.' || letters >= 5) &&
        (we >= hi || s->w[we] == ' ' || s->w[we] == '.'))
      return false;
  }
  size_t ws = rpi_scan_word_before(s, p, lo);
  size_t wl = p - ws;
  if (wl == 0)
    return true;
  /* circa before a year: "England, c. 1400-c. 1580" */
  if (s->w[p - 1] == 'c' && p - 1 > lo &&
      (s->w[p - 2] == ' ' || s->w[p - 2] == '-' || (unsigned char)s->w[p - 2] == 0x93) && nx + 4 <= hi &&
      rpi_scan_all_digits(s, nx, nx + 4) && (nx + 4 == hi || !ascii_digit(s->w[nx + 4])))
    return false;
  unsigned first;
  rpi_utf8_decode((const unsigned char *)s->w + ws, wl, &first);
  size_t nchars = 0;
  for (size_t i = ws; i < p; i++)
    nchars += ((unsigned char)s->w[i] & 0xC0) != 0x80;
  if (nchars == 1 && rpi_is_upper(first)) {
    /* "... Using Lipase B. Tetrahedron Lett. 2005": after a lower-case
     * word, a letter ends the title when an abbreviated journal follows */
    size_t pe = ws;
    while (pe > lo && s->w[pe - 1] == ' ')
      pe--;
    size_t pws = rpi_scan_word_before(s, pe, lo);
    bool prev_word = pe - pws >= 3;
    for (size_t q = pws + 1; q < pe && prev_word; q++)
      prev_word = !(s->w[q] >= 'A' && s->w[q] <= 'Z');
    size_t nx2 = skip_sp(s, p + 1);
    size_t hi2 = hi < s->n && s->w[hi] == '.' ? hi + 1 : hi;
    if (prev_word && pe == ws - 1 && nx2 < hi) {
      /* "Treatment of hepatitis C. Journal of Hepatology, 52(3)": or a
       * journal of the lists of two words or more, up to the next comma,
       * bracket, semicolon or digit ("J. Stat. Mech. P09002" is none) */
      size_t je = nx2;
      while (je < s->n && s->w[je] != ',' && s->w[je] != '(' && s->w[je] != ';' && !ascii_digit(s->w[je]))
        je++;
      while (je > nx2 && (s->w[je - 1] == ' ' || s->w[je - 1] == '.'))
        je--;
      const char *other;
      if (je > nx2 + 3 && memchr(s->w + nx2, ' ', je - nx2) &&
          rpi_lex_journal(s->w + nx2, je - nx2, &other) != RPI_JOURNAL_NONE)
        return true;
    }
    if (!(prev_word && pe == ws - 1 && nx2 < hi && rpi_scan_abbrev_run(s, nx2, hi2)))
      return false; /* an initial */
    bool dotted = false;
    for (size_t q = nx2; q <= hi && q < s->n; q++)
      dotted |= s->w[q] == '.';
    if (!dotted)
      return false;
  }
  if (lower_abbrev(s->w + ws, wl))
    return false;
  /* "... Conditional Logic. Dordrecht: D. Reidel", "... Praxis. Tübingen:
   * Narr": an imprint "Place: Publisher" opens after a real stop */
  if (wl >= 4 && rpi_is_upper(first) && rpi_scan_place_colon_at(s, nx, hi))
    return true;
  /* "... Classical Greek Art. Oxford: Oxford University Press": a word of
   * three letters the abbreviations know ("Art."), after a word with no
   * stop, before a known city and its colon */
  if (wl == 3 && rpi_is_upper(first) && ws >= lo + 2 && s->w[ws - 1] == ' ' && s->w[ws - 2] != '.' &&
      rpi_scan_place_colon_at(s, nx, hi)) {
    const char *colon = memchr(s->w + nx, ':', hi - nx);
    if (colon && rpi_lex_is_city(s->w + nx, (size_t)(colon - s->w) - nx))
      return true;
  }
  unsigned nxc;
  rpi_utf8_decode((const unsigned char *)s->w + nx, hi - nx, &nxc);
  /* "State of the Art. SIAM": after "the", a word, not an abbreviation */
  /* ... and after "du", "des", "der", "del": "Les friches industrielles
   * du Nord. Annales de géographie" */
  bool after_the = (ws >= lo + 4 && (at_lit(s, ws - 4, "the ", 4) || at_lit(s, ws - 4, "des ", 4) ||
                                     at_lit(s, ws - 4, "der ", 4) || at_lit(s, ws - 4, "del ", 4))) ||
                   (ws >= lo + 3 && at_lit(s, ws - 3, "du ", 3));
  if (!after_the && rpi_is_upper(first) && rpi_lex_is_abbrev(s->w + ws, wl) && (rpi_is_upper(nxc) || rpi_is_digit(nxc)))
    return false;
  if (!after_the && rpi_is_upper(first) && rpi_lex_is_abbrev(s->w + ws, wl) && nx + 3 < hi &&
      (at_lit(s, nx, "of ", 3) || at_lit(s, nx, "on ", 3) ||
       at_lit(s, nx, "and ", 4) || at_lit(s, nx, "for ", 4)))
    return false;
  /* "J. Amer. Statist. Assoc.": a capitalized consonant-final word inside a
   * run of abbreviations that reaches the end of the region */
  if (rpi_is_upper(first) && nchars >= 2 && nchars <= 7 && rpi_is_upper(nxc) && abbrev_shape(s, ws, p) &&
      rpi_scan_abbrev_run(s, nx, hi)) {
    bool rest_dotted = false;
    for (size_t q = nx; q + 1 < hi; q++)
      rest_dotted |= s->w[q] == '.' && s->w[q + 1] == ' ';
    size_t pe = ws;
    while (pe > lo && s->w[pe - 1] == ' ')
      pe--;
    bool prev_abbrev = pe > lo && s->w[pe - 1] == '.' && pe - 1 > lo &&
                       rpi_is_upper((unsigned char)s->w[rpi_scan_word_before(s, pe - 1, lo)]);
    if (rest_dotted && (prev_abbrev || nchars <= 5))
      return false;
  }
  if (rpi_is_upper(first) && nchars <= 8 && nxc == '(' && (rpi_lex_is_abbrev(s->w + ws, wl) || abbrev_shape(s, ws, p)) &&
      nx + 1 < hi && s->w[nx + 1] >= 'A' && s->w[nx + 1] <= 'Z')
    return false; /* "Comput. Des. (ICCD)" */
  if (wl == 3 && at_lit(s, ws, "The", 3) && rpi_is_upper(nxc))
    return false; /* "The. J Immunol": a stray period, repaired later */
  if (wl == 2 && ws > lo && ascii_digit(s->w[ws - 1]) && rpi_is_upper(nxc)) {
    /* "Proc. 5th. BCS-FACS Workshop": an ordinal */
    const char *sfx = s->w + ws;
    if (!memcmp(sfx, "st", 2) || !memcmp(sfx, "nd", 2) || !memcmp(sfx, "rd", 2) || !memcmp(sfx, "th", 2))
      return false;
  }
  return true;
}

size_t rpi_scan_roman_end(const st *s, size_t k, size_t b) {
  size_t e = k;
  while (e < b && e - k < 12 && strchr("IVXLCDM", s->w[e]) && s->w[e])
    e++;
  if (e == k || (e < b && s->w[e] != ',' && s->w[e] != ' ' && s->w[e] != '.'))
    return UNSET;
  return e;
}

/* Where a quote opened at i (its close mark close) ends when it holds a
 * quotation in the same marks: "“The Long “Sixties” in Britain.”", "« La «
 * société civile » dans la « gouvernance » ... »", Czech "“Spis „Vyznání
 * věrných Čechů“,”", '"A Critique of the "Autonomization of Capital"
 * Thesis"'. The inner quote opens after a space, a bracket or a dash; the
 * balancing close, or UNSET when none is nested or the nesting does not
 * balance (the caller then takes the first close). Stops at the first
 * close outside any nesting, so costs no more than that search. */
static size_t nested_close(const st *s, size_t i, size_t b, unsigned close) {
  if (close != 0x201D && close != 0xBB && close != '"')
    return UNSET;
  unsigned depth = 0;
  bool nested = false;
  for (size_t j = i; j < b;) {
    unsigned c;
    size_t l = rpi_utf8_decode((const unsigned char *)s->w + j, b - j, &c);
    if (!l)
      l = 1;
    char prev = s->w[j - 1]; /* at i, the opening mark's last byte: "““Title" doubles it */
    /* not after a comma: '“Name, “Title,” Journal 46, no.” 165', a whole
     * reference a stray mark opens, quotes a title after the names */
    bool open_pos = (prev == ' ' && j >= i + 2 && s->w[j - 2] != ',') || prev == '(' || prev == '[' || prev == '-' ||
                    prev == '/';
    unsigned next = 0;
    if (j + l < b)
      rpi_utf8_decode((const unsigned char *)s->w + j + l, b - j - l, &next);
    bool opener = false, closer = false;
    if (close == 0xBB) {
      opener = c == 0xAB && open_pos;
      closer = c == 0xBB;
    } else if (close == 0x201D) {
      opener = (c == 0x201C || c == 0x201E) && open_pos && (rpi_is_letter(next) || rpi_is_digit(next));
      /* a “ after a word closes the inner „...“, or the title itself when
       * PDFs print "“Title“" (nothing nested then) */
      closer = c == 0x201D || (c == 0x201C && prev != ' ' && !open_pos && (depth > 0 || j > i + 3));
    } else {
      opener = c == '"' && open_pos && (rpi_is_letter(next) || rpi_is_digit(next));
      closer = c == '"' && prev != ' ' && !open_pos;
    }
    if (opener) {
      depth++;
      nested = true;
    } else if (closer) {
      if (depth == 0)
        return nested ? j : UNSET;
      depth--;
    }
    j += l;
  }
  return UNSET;
}

bool rpi_scan_quoted(const st *s, size_t a, size_t b, size_t *qa, size_t *qb, size_t *after) {
  size_t i = skip_sp(s, a);
  unsigned cp;
  size_t l = rpi_utf8_decode((const unsigned char *)s->w + i, b - i, &cp);
  if (!l)
    return false;
  unsigned close;
  if (cp == 0x201C || cp == 0x201E)
    close = 0x201D;
  else if (cp == '"')
    close = '"';
  else if (cp == 0x2018)
    close = 0x2019;
  else if (cp == 0xAB)
    close = 0xBB;
  else if (cp == '\'' )
    close = '\'';
  else if (cp == 0x300C || cp == 0x300E) /* Japanese 「...」, 『...』 */
    close = cp + 1;
  else
    return false;
  size_t nj = nested_close(s, i + l, b, close);
  for (size_t j = nj != UNSET ? nj : i + l; j < b;) {
    unsigned c2;
    size_t l2 = rpi_utf8_decode((const unsigned char *)s->w + j, b - j, &c2);
    if (!l2)
      l2 = 1;
    if (c2 == close || (close == 0x201D && c2 == 0x201C && j > i + l + 3)) {
      if (close == '\'' && j + l2 < b && rpi_is_letter((unsigned char)s->w[j + l2]))
        goto next; /* an apostrophe */
      /* a quoted phrase opening a longer title, no stop inside its close:
       * "'Grossly Material Things': Women and Book Production", "'Piers
       * Plowman' and the New Anticlericalism" */
      size_t k = j + l2;
      if (j > i + l && !strchr(",.;:?!", s->w[j - 1]) && k + 2 < b &&
          ((s->w[k] == ':' && s->w[k + 1] == ' ' && rpi_is_upper((unsigned char)s->w[k + 2]) &&
            rpi_scan_count_words(s, k + 2, b) >= 3) ||
           at_lit(s, k, " and ", 5) || at_lit(s, k, " or ", 4)))
        return false;
      *qa = i + l;
      *qb = j;
      *after = j + l2;
      return *qb > *qa;
    }
  next:
    j += l2;
  }
  return false;
}

/* Whether the quote opened before a closes within [a, b) before a word in
 * lower case, or before a colon or a dash and the rest of the title, with
 * no punctuation inside the closing quote: "“Tiny houses” and the politics
 * of downsizing", "“It’s not just the weather”: farmers’ climate talk". */
static bool quoted_phrase_opens(const st *s, size_t a, size_t b) {
  for (size_t q = a; q + 2 < b; q++) {
    size_t l = s->w[q] == '"' ? 1
               : (at_lit(s, q, "\xe2\x80\x9d", 3) || at_lit(s, q, "\xe2\x80\x99", 3)) ? 3
               : at_lit(s, q, "\xc2\xbb", 2)                                         ? 2
                                                                                   : 0;
    if (!l)
      continue;
    size_t k = q + l;
    /* an apostrophe between letters ("It’s") closes nothing */
    if (l == 3 && s->w[q + 2] == '\x99' && q > a && k < b && ascii_alpha(s->w[q - 1]) && ascii_alpha(s->w[k]))
      continue;
    if (q == a || strchr(",.;:", s->w[q - 1]))
      return false;
    if (k + 1 < b && s->w[k] == ' ' && s->w[k + 1] >= 'a' && s->w[k + 1] <= 'z')
      return true;
    /* "…”: farmers’ climate talk", "’ - a novel orthobunyavirus" */
    size_t m = k < b && s->w[k] == ' ' ? k + 1 : k;
    size_t d = m < b && (s->w[m] == ':' || s->w[m] == '-') ? 1
               : (at_lit(s, m, "\xe2\x80\x93", 3) || at_lit(s, m, "\xe2\x80\x94", 3)) ? 3
                                                                                         : 0;
    return d && m + d < b && s->w[m + d] == ' ' && rpi_scan_count_words(s, m + d, b) >= 3;
  }
  return false;
}

void rpi_scan_strip_quotes(const st *s, size_t *a, size_t *b) {
  trim(s->w, a, b);
  for (int k = 0; k < 2; k++) {
    unsigned cp;
    size_t l = *a < *b ? rpi_utf8_decode((const unsigned char *)s->w + *a, *b - *a, &cp) : 0;
    /* not a quoted phrase opening the title: "“Bad Future Things” and
     * Liberatory Moments" keeps its quotes */
    if (l && (cp == 0x201C || cp == 0x201E || cp == '"' || cp == 0x2018 || cp == 0xAB) &&
        !quoted_phrase_opens(s, *a + l, *b))
      *a += l;
    size_t ps;
    unsigned last = *b > *a ? rpi_utf8_prev(s->w, *b, &ps) : 0;
    if (last == 0x201D || last == '"' || last == 0x2019 || last == 0xBB)
      *b = ps;
    trim(s->w, a, b);
  }
}

void rpi_scan_trim_open(const st *s, size_t a, size_t *b, bool dates) {
  for (;;) {
    trim(s->w, &a, b);
    if (*b <= a)
      return;
    char c = s->w[*b - 1];
    if (c == '(' || c == '[') {
      (*b)--;
      continue;
    }
    /* "Conference (1974", "Applications (R. Chellappa": a bracket the
     * locator cut open */
    if (dates) {
      size_t op = *b;
      while (op > a && *b - op < 28 && s->w[op - 1] != '(' && s->w[op - 1] != ')' && s->w[op - 1] != '[' &&
             s->w[op - 1] != ']')
        op--;
      if (op > a + 3 && (s->w[op - 1] == '(' || s->w[op - 1] == '[') && s->w[op - 2] == ' ') {
        *b = op - 1;
        continue;
      }
    }
    if (c == ')' || c == ']') {
      char o = c == ')' ? '(' : '[';
      size_t q = *b - 1;
      while (q > a && s->w[q - 1] == ' ')
        q--;
      if (q > a && s->w[q - 1] == o) {
        *b = q - 1;
        continue;
      }
      /* "Proceedings of X (1986)", "(Oct. 1994)": a date in brackets */
      size_t op = *b - 1;
      while (op > a && s->w[op - 1] != o && s->w[op - 1] != c)
        op--;
      if (dates && op > a && s->w[op - 1] == o && op > a + 1) {
        bool date = true;
        int year = 0;
        for (size_t k = op; k < *b - 1 && date;) {
          while (k < *b - 1 && (s->w[k] == ' ' || s->w[k] == ',' || s->w[k] == '.' || s->w[k] == '-'))
            k++;
          size_t j = k;
          while (j < *b - 1 && s->w[j] != ' ' && s->w[j] != ',' && s->w[j] != '.' && s->w[j] != '-')
            j++;
          if (j == k)
            break;
          bool digits = true;
          for (size_t d = k; d < j; d++)
            digits &= ascii_digit(s->w[d]);
          if (j - k == 4 && rpi_lex_is_year(s->w + k))
            year++;
          else if (!(digits && j - k <= 2) && !rpi_lex_month(s->w + k, j - k))
            date = false;
          k = j;
        }
        if (date && year == 1) {
          *b = op - 1;
          continue;
        }
      }
    }
    return;
  }
}

bool rpi_scan_conference_acronym(const char *c, size_t len) {
  static const lit_t acr[] = {LIT("AAAI"),  LIT("ACL"),   LIT("AISTATS"), LIT("CHI"),   LIT("CIKM"),  LIT("COLING"),
                              LIT("COLT"),  LIT("CVPR"),  LIT("EACL"),    LIT("ECCV"),  LIT("EMNLP"), LIT("ICASSP"),
                              LIT("ICCV"),  LIT("ICLR"),  LIT("ICML"),    LIT("ICRA"),  LIT("IJCAI"), LIT("INTERSPEECH"),
                              LIT("IROS"),  LIT("KDD"),   LIT("MICCAI"),  LIT("NAACL"), LIT("NIPS"),  LIT("NeurIPS"),
                              LIT("SIGIR"), LIT("SIGMOD"), LIT("UAI"),    LIT("WACV"),  LIT("WSDM"),  {NULL, 0}};
  size_t n = 0;
  while (n < len && ((c[n] >= 'A' && c[n] <= 'Z') || (c[n] >= 'a' && c[n] <= 'z')))
    n++;
  bool known = false;
  for (const lit_t *a = acr; a->s && !known; a++)
    known = a->n == n && memcmp(c, a->s, n) == 0;
  if (!known)
    return false;
  for (size_t q = n; q < len; q++)
    if ((c[q] >= 'A' && c[q] <= 'Z') || (c[q] >= 'a' && c[q] <= 'z'))
      return false; /* "ACL Anthology", "CHI Letters" */
  return true;
}

bool rpi_scan_genre_only(st *s, size_t a, size_t b) {
  /* lib/data/genre_only.txt, in_press.txt */
  if (a < s->n && (rpi_lex_at(RPI_LEX_GENRE_ONLY, s->w + a, s->n - a) || rpi_lex_at(RPI_LEX_IN_PRESS, s->w + a, s->n - a)))
    return true;
  /* a P_THESIS or P_REPORT match starting at a starts with one of these
   * letters (both patterns are case-sensitive): else no search. KEEP IN
   * STEP WITH THE PATTERNS (checked with -DRP_CHECK_GUARDS) */
  bool may = a >= s->n || memchr("BCDHIMPRTWt", s->w[a], 11) != NULL;
  rpi_match m;
#ifdef RP_CHECK_GUARDS
  for (int k = 0; k < 2 && !may; k++)
    if (rpi_rx_find(s->p->rx, s->sc, (size_t)(k ? P_REPORT : P_THESIS), s->w, s->n, a, false, &m) == 1 &&
        m.start == a)
      abort(); /* the letters above are out of step with P_THESIS or P_REPORT */
#endif
  int pats[] = {P_THESIS, P_REPORT};
  for (int k = 0; k < 2 && may; k++)
    if (find(s, pats[k], a, &m) && m.start == a && rpi_scan_count_words(s, a, b) <= 4) {
      /* only the genre words and a number: "Tech. Rep. 18", not
       * "Informe Agropecuário" */
      size_t letters = 0;
      for (size_t q = m.end; q < b; q++)
        letters += ascii_alpha(s->w[q]) || ((unsigned char)s->w[q] >= 0xC0);
      if (letters <= 3)
        return true;
    }
  return false;
}

/* "thèse de doctorat en sociologie, ...", "Dissertation in Soziologie,":
 * a discipline after a thesis note ending at e, a preposition and lower-case
 * words (or one capitalised one: German nouns) up to a comma, a bracket or
 * a stop. Returns its end, or e. */
static size_t discipline_end(const st *s, size_t e, size_t b) {
  size_t k = e < b && s->w[e] == ' ' ? e + 1 : e;
  if (!(k + 3 < b && (at_lit(s, k, "en ", 3) || at_lit(s, k, "in ", 3) || at_lit(s, k, "em ", 3))))
    return e;
  size_t z = k + 3;
  int caps = 0;
  for (size_t q = z; q < b && q < k + 60; q++) {
    char c = s->w[q];
    if (c == ',' || c == ')' || c == ']' || (c == '.' && (q + 1 >= b || s->w[q + 1] == ' ')))
      return q > z ? q : e;
    if ((q == z || s->w[q - 1] == ' ') && rpi_is_upper((unsigned char)c) && ++caps > 1)
      return e;
    if (ascii_digit(c))
      return e;
  }
  return e;
}

size_t rpi_scan_thesis_note(st *s, size_t a, size_t b, size_t *ge) {
  size_t best = UNSET;
  rpi_match m;
  if (find(s, P_THESIS, a, &m) && m.start < b) {
    best = rpi_scan_degree_before(s, a, m.start);
    *ge = discipline_end(s, m.end, b);
  }
  size_t to = best == UNSET ? b : best;
  /* "Title. PhD, The University of Western Australia, Perth.", glued
   * ("genera.PhD, ..."): a doctor's or master's degree alone after the
   * title's stop, then a comma and a university */
  static const lit_t degrees[] = {LIT("PhD"), LIT("Ph.D."), LIT("DPhil"), LIT("D.Phil."), LIT("MSc"),
                                  LIT("M.Sc."), LIT("MPhil"), LIT("M.Phil.")};
  for (const char *p = memchr(s->w + a, '.', to - a); p; p = memchr(p + 1, '.', (size_t)(s->w + to - p - 1))) {
    size_t q = (size_t)(p - s->w), k = skip_sp(s, q + 1);
    /* every degree opens with P, D or M */
    if (k >= to || (s->w[k] != 'P' && s->w[k] != 'D' && s->w[k] != 'M')) {
      if (q + 1 >= to)
        break;
      continue;
    }
    for (size_t i = 0; i < sizeof degrees / sizeof degrees[0]; i++) {
      size_t e = k + degrees[i].n;
      if (!at_lit(s, k, degrees[i].s, degrees[i].n) || e >= s->n || s->w[e] != ',' ||
          !(rpi_scan_has_lit(s, e, s->n, "Univ", 4) || rpi_scan_has_lit(s, e, s->n, "College", 7)))
        continue;
      *ge = e;
      return k;
    }
    if (q + 1 >= to)
      break;
  }
  for (size_t q = next_of3(s->w, a, to, '(', '[', ','); q < to; q = next_of3(s->w, q + 1, to, '(', '[', ',')) {
    size_t k = skip_sp(s, q + 1);
    /* the longest note of lib/data/thesis_notes.txt at k (a shorter one,
     * "thèse" of "thèse de doctorat", is followed by a space) */
    size_t l = k < b ? rpi_lex_at(RPI_LEX_THESIS_NOTES, s->w + k, b - k) : 0, e = l ? discipline_end(s, k + l, b) : k;
    if (l && (e == b || s->w[e] == ')' || s->w[e] == ']' || s->w[e] == ',' || s->w[e] == '.' || s->w[e] == ';')) {
      *ge = e;
      return q;
    }
  }
  return best;
}

size_t rpi_scan_degree_before(const st *s, size_t a, size_t g) {
  const rpi_lex_phrase *deg = rpi_lex_entries(RPI_LEX_DEGREE_WORDS); /* lib/data/degree_words.txt */
  for (int guard = 0; guard < 2 && g > a; guard++) {
    size_t pe = g;
    while (pe > a && s->w[pe - 1] == ' ')
      pe--;
    size_t moved = g;
    for (size_t k = 0; deg[k].s; k++) {
      size_t l = deg[k].n;
      if (pe >= a + l && at_lit(s, pe - l, deg[k].s, l) &&
          (pe - l == a || s->w[pe - l - 1] == ' ' || s->w[pe - l - 1] == ',' || s->w[pe - l - 1] == '(')) {
        moved = pe - l;
        break;
      }
    }
    if (moved == g)
      break;
    g = moved;
  }
  return g;
}

size_t rpi_scan_count_words(const st *s, size_t a, size_t b) {
  size_t n = 0;
  bool in = false;
  size_t i = a;
#if RPI_SSE2
  for (; i + 16 <= b; i += 16) { /* sixteen at a time: a run starts at a non-space after a space */
    unsigned ns = ~rpi_v16_mask(rpi_v16_eq(rpi_v16_load(s->w + i), ' ')) & 0xFFFFu;
    n += rpi_count16(ns & ~((ns << 1) | (unsigned)in));
    in = (ns >> 15) & 1u;
  }
#endif
  /* eight bytes at a time: the runs of non-spaces are the non-spaces less
   * the pairs of adjacent ones (less one when a run goes on from before) */
  for (; i + 8 <= b; i += 8) {
    uint64_t ns8 = ~space_bytes(load8(s->w + i)) & BYTES_80;
    n += rpi_count_high8(ns8) - rpi_count_high8(ns8 & (ns8 << 8)) - (in && s->w[i] != ' ');
    in = s->w[i + 7] != ' ';
  }
  for (; i < b; i++) {
    bool sp = s->w[i] == ' ';
    if (!sp && !in)
      n++;
    in = !sp;
  }
  return n;
}

size_t rpi_scan_area_dash(const st *s, size_t k, size_t b) {
  size_t l = k < b && s->w[k] == '-' ? 1
             : b - k >= 3 && (unsigned char)s->w[k] == 0xE2 && (unsigned char)s->w[k + 1] == 0x80 &&
                     ((unsigned char)s->w[k + 2] == 0x93 || (unsigned char)s->w[k + 2] == 0x94)
                 ? 3
                 : 0;
  return l && k + l < b && s->w[k + l] == ' ' ? l + 1 : 0;
}

bool rpi_scan_find_in_at(const st *s, size_t k) {
  return k + 3 < s->n && (at_lit(s, k, "In ", 3) || at_lit(s, k, "In:", 3) ||
                          at_lit(s, k, "in ", 3));
}

size_t rpi_scan_first_stop(const st *s, size_t a, size_t b) {
  /* only the stops: every other p fails real_stop() */
  for (size_t p = next_of3(s->w, a, b, '.', '?', '!'); p < b; p = next_of3(s->w, p + 1, b, '.', '?', '!'))
    if (real_stop(s, a, b, p))
      return p;
  return b;
}

bool rpi_scan_all_digits(const st *s, size_t a, size_t b) {
  if (b <= a)
    return false;
  for (size_t q = a; q < b; q++)
    if (!ascii_digit(s->w[q]))
      return false;
  return true;
}

bool rpi_scan_only_notes(const st *s, size_t a, size_t b) {
  size_t depth = 0;
  for (size_t q = a; q < b; q++) {
    char ch = s->w[q];
    depth += ch == '[';
    if (ch == ']' && depth) {
      depth--;
    } else if (!depth && ascii_alpha(ch)) {
      size_t e = q;
      while (e < b && ascii_alpha(s->w[e]))
        e++;
      if (!rpi_lex_month(s->w + q, e - q)) /* "Sep. 2018" is the date */
        return false;
      q = e - 1;
    } else if (!depth && (unsigned char)ch >= 0x80) {
      return false;
    }
  }
  return true;
}

size_t rpi_scan_copy_run_end(const st *s, size_t a) {
  size_t e = a;
  while (e < s->n) {
    char c = s->w[e];
    if (ascii_digit(c) || c == ' ' || c == ';' || c == ':' || c == '(' || c == ')' || c == '.' || c == ',' ||
        c == '-') {
      e++;
      continue;
    }
    if (e + 8 <= s->n && at_lit(s, e, "Vol Page", 8)) {
      e += 8;
      continue;
    }
    if (ascii_alpha(c) && e + 1 < s->n && ascii_digit(s->w[e + 1]) && (e == a || !ascii_alpha(s->w[e - 1]))) {
      e++;
      continue;
    }
    break;
  }
  return e;
}

size_t rpi_scan_skip_notes(const st *s, size_t a) {
  size_t q = a;
  while (q < s->n) {
    char c = s->w[q];
    if (c == ' ' || c == '.' || c == ',' || c == ';' || c == ':' || c == '-' || c == ')') {
      q++;
    } else if (c == '[') {
      const char *close = memchr(s->w + q, ']', s->n - q);
      if (!close)
        return q;
      q = (size_t)(close - s->w) + 1;
    } else if (ascii_alpha(c) && !(q + 8 <= s->n && at_lit(s, q, "Vol Page", 8))) {
      size_t e = q;
      while (e < s->n && ascii_alpha(s->w[e]))
        e++;
      if (!rpi_lex_month(s->w + q, e - q))
        return q;
      q = e;
    } else {
      return q;
    }
  }
  return q;
}
