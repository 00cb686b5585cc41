/*
 * stage_authors.c: the creators at the start of a reference: organisations,
 * capitalised and CJK author lists, editors, roles, names read after the
 * title.
 */
#include "stage.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "names.h"
#include "scan.h"
#include "utf8.h"

/* An organisation as author: the first sentence holds an organisation word. */
static size_t add_literal(st *s, size_t a, size_t b) { return rpi_fields_literal_name(s, a, b, RP_ROLE_AUTHOR); }

/* "BFG. 2018.", "INEP. Title": one upper-case word as the author. */
/* A capitalised phrase of two to eight words naming a body: "Ministério da
 * Saúde", "Economic Research Service". */
static bool org_segment(const st *s, size_t a, size_t b) {
  if (b <= a || !rpi_is_upper((unsigned char)s->w[a]) || rpi_scan_count_words(s, a, b) < 2 || rpi_scan_count_words(s, a, b) > 8)
    return false;
  for (size_t i = a; i < b;) {
    size_t j = i;
    while (j < b && s->w[j] != ' ' && s->w[j] != ',' && s->w[j] != '-') /* "Direção-Geral" */
      j++;
    if (j > i && rpi_lex_is_org_word(s->w + i, j - i))
      return true;
    i = j + 1;
  }
  return false;
}

static size_t caps_author(st *s, size_t from) {
  size_t e = from;
  while (e < s->n && ((s->w[e] >= 'A' && s->w[e] <= 'Z') || (unsigned char)s->w[e] >= 0x80 || s->w[e] == '-'))
    e++;
  /* "ADRAF, (2009) « Titre »", "OECD, (2010) Title": the year in brackets */
  size_t yk = e + 3 < s->n && s->w[e + 2] == '(' ? e + 3 : e + 2;
  bool comma_year = yk + 4 < s->n && s->w[e] == ',' && s->w[e + 1] == ' ' && ascii_digit(s->w[yk]) &&
                    ascii_digit(s->w[yk + 3]) && !ascii_digit(s->w[yk + 4]) && (yk == e + 2 || s->w[yk + 4] == ')');
  /* Elsevier's numbered "AOAC, Official Methods of Analysis, 18th ed.,
   * ...", "APHA, Standard Methods ...": an acronym of two to eight
   * capitals, its comma, then a title of two words or more (not an
   * initial; names in capitals read as names before this) */
  bool comma_title = !comma_year && e - from <= 8 && e + 4 < s->n && s->w[e] == ',' && s->w[e + 1] == ' ' &&
                     s->w[e + 2] >= 'A' && s->w[e + 2] <= 'Z' && s->w[e + 3] != '.' && s->w[e + 3] != ' ';
  if (comma_title) {
    /* the title's comma segment, no sentence in it, not opening with a
     * given name (ABNT's "MINAYO, Maria Cecília de Souza (org.).") */
    size_t ce = e + 2, w1 = e + 2;
    while (ce < s->n && s->w[ce] != ',' && s->w[ce] != '.')
      ce++;
    while (w1 < ce && s->w[w1] != ' ')
      w1++;
    comma_title = ce < s->n && s->w[ce] == ',' && rpi_scan_count_words(s, e + 2, ce) >= 2 &&
                  !rpi_lex_is_given_name(s->w + e + 2, w1 - (e + 2));
  }
  comma_year |= comma_title;
  /* ABNT's "BRASIL, Presidência da República. Title": a country in
   * capitals, its comma, then the body's name in mixed case, two to six
   * words with no comma, digit or initial, up to the stop */
  size_t body_end = 0;
  if (!comma_year && e - from >= 4 && e - from < 24 && e + 4 < s->n && s->w[e] == ',' && s->w[e + 1] == ' ' &&
      s->w[e + 2] >= 'A' && s->w[e + 2] <= 'Z' && s->w[e + 3] >= 'a' && s->w[e + 3] <= 'z') {
    char cn[24];
    for (size_t i = from; i < e; i++)
      cn[i - from] = i > from && s->w[i] >= 'A' && s->w[i] <= 'Z' ? (char)(s->w[i] | 0x20) : s->w[i];
    if (rpi_lex_is_country(cn, e - from)) {
      size_t se = e + 2, w1 = e + 2;
      bool plain = true, low = false; /* and a word in lower case ("da", "nationale") */
      while (se < s->n && !(s->w[se] == '.' && (se + 1 >= s->n || s->w[se + 1] == ' '))) {
        plain &= s->w[se] != ',' && !ascii_digit(s->w[se]) && s->w[se] != '.';
        low |= s->w[se] == ' ' && se + 1 < s->n && s->w[se + 1] >= 'a' && s->w[se + 1] <= 'z';
        se++;
      }
      plain &= low || org_segment(s, e + 2, se);
      while (w1 < se && s->w[w1] != ' ')
        w1++;
      size_t nw = rpi_scan_count_words(s, e + 2, se);
      if (plain && se + 2 < s->n && nw >= 2 && nw <= 6 && w1 - (e + 2) >= 3 && !rpi_lex_is_given_name(s->w + e + 2, w1 - (e + 2)))
        body_end = se;
    }
  }
  if (e - from < 2 || e >= s->n || (s->w[e] != '.' && !comma_year && !body_end) || e + 1 >= s->n || s->w[e + 1] != ' ')
    return 0;
  /* all bytes upper case letters (non-ASCII: check the code points) */
  for (size_t i = from; i < e;) {
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s->w + i, e - i, &cp);
    if (!l || !(rpi_is_upper(cp) || cp == '-'))
      return 0;
    i += l;
  }
  if (body_end) {
    add_literal(s, from, body_end);
    return body_end + 1;
  }
  /* "BRASIL. Ministério da Saúde. Secretaria de Vigilância em Saúde.": the
   * bodies under the jurisdiction, one sentence each */
  for (int guard = 0; !comma_year && guard < 4; guard++) {
    size_t ns = skip_sp(s, e + 1), se = ns;
    while (se < s->n && !(s->w[se] == '.' && (se + 1 >= s->n || s->w[se + 1] == ' ')))
      se++;
    if (se >= s->n || !org_segment(s, ns, se))
      break;
    e = se;
  }
  add_literal(s, from, e);
  return comma_year ? e : e + 1;
}

static bool title_word(const char *w, size_t n);

/* Whether the place before the colon at k is a known place. */
static bool place_is_city(const st *s, size_t k) {
  size_t e = k;
  while (e < s->n && e - k < 40 && s->w[e] != ':')
    e++;
  size_t b = e;
  while (b > k && s->w[b - 1] == ' ')
    b--;
  return e < s->n && b > k && rpi_lex_is_city(s->w + k, b - k);
}

/* "Norois. 1987;135", "Nucl Instrum Methods A. 2010;620": a journal of the
 * lists or as NLM abbreviates one at k, then a stop and a year with a
 * Vancouver locator. */
static bool journal_then_year(const st *s, size_t k) {
  size_t e = k;
  while (e < s->n && e - k < 80 && !(s->w[e] == '.' && e + 1 < s->n && s->w[e + 1] == ' '))
    e++;
  if (e >= s->n || e == k || e + 7 > s->n)
    return false;
  size_t y = skip_sp(s, e + 1);
  const char *o;
  return y + 5 <= s->n && rpi_lex_is_year(s->w + y) && s->w[y + 4] == ';' &&
         (rpi_lex_journal(s->w + k, e - k, &o) != RPI_JOURNAL_NONE || rpi_scan_nlm_abbrev(s, k, e));
}

/* [from, e) as the only author, a family name alone; returns the end
 * after the period at e. */
static size_t family_alone(st *s, size_t from, size_t e, rpi_namelist *nl) {
  memset(nl, 0, sizeof *nl);
  nl->v[0].fam_a = from;
  nl->v[0].fam_b = e;
  nl->n = nl->total = 1;
  nl->end = e + 1;
  rpi_fields_names(s, nl, RP_ROLE_AUTHOR);
  return e + 1;
}

/* "Homer. The Iliad. New York: Viking; 1990.", "Lindqvist. Ordnung und
 * Wandel. Berlin: Springer": one capitalised word that names no title,
 * body, journal, publisher or place, a period, then a book whose imprint
 * is "Place: Publisher" with a known place (or Citing Medicine's "[place
 * unknown]: Publisher"), or an article whose journal of the lists is
 * followed by a Vancouver locator ("Lindgren. Les ports de la Baltique.
 * Norois. 1987;135:301-314."). A writer known by one name
 * (rpi_lex_is_single_name: "Aristotle. Nicomachean Ethics.", "Cicero, De
 * officiis", "Platon: Der Staat") needs no imprint. Sets it as the family
 * name; returns the end after its separator, or 0. */
static size_t single_name(st *s, size_t from, rpi_namelist *nl) {
  size_t e = from;
  while (e < s->n && (ascii_alpha(s->w[e]) || (unsigned char)s->w[e] >= 0x80 || s->w[e] == '-'))
    e++;
  size_t n = e - from;
  /* a writer known by one name may also close it with a comma or colon:
   * "Cicero, De officiis", "Platon: Der Staat" */
  bool known = n >= 3 && rpi_lex_is_single_name(s->w + from, n);
  /* "Anon., Beowulf": an abbreviated one with its stop, then the comma */
  if (known && e + 3 < s->n && s->w[e] == '.' && s->w[e + 1] == ',' && s->w[e + 2] == ' ' &&
      s->w[e + 3] >= 'A' && s->w[e + 3] <= 'Z')
    return family_alone(s, from, e + 1, nl);
  if (n < 3 || e + 2 >= s->n || !(s->w[e] == '.' || (known && (s->w[e] == ',' || s->w[e] == ':'))) ||
      s->w[e + 1] != ' ' || !(s->w[from] >= 'A' && s->w[from] <= 'Z'))
    return 0;
  bool lower = false;
  for (size_t q = from + 1; q < e; q++)
    lower |= s->w[q] >= 'a' && s->w[q] <= 'z';
  if (!lower || title_word(s->w + from, n) || rpi_lex_is_org_word(s->w + from, n) ||
      rpi_lex_is_journal_word(s->w + from, n) || rpi_lex_is_publisher(s->w + from, n) ||
      rpi_lex_is_city(s->w + from, n) || rpi_lex_is_country(s->w + from, n) || rpi_lex_is_abbrev(s->w + from, n))
    return 0;
  unsigned f;
  size_t k = skip_sp(s, e + 1);
  rpi_utf8_decode((const unsigned char *)s->w + k, s->n - k, &f);
  /* "Steppenwolf. Translated by ...": a role after a title */
  if (!rpi_is_upper(f) || rpi_lex_at(RPI_LEX_TRANSLATOR_MARKERS, s->w + k, s->n - k) || at_lit(s, k, "Edited", 6) ||
      at_lit(s, k, "Ed.", 3) || at_lit(s, k, "Eds.", 4) || rpi_scan_editor_mark(s, k))
    return 0;
  /* "Plato, J.": a family name and initials, which the name lists read */
  if (s->w[e] != '.' && k + 1 < s->n && s->w[k + 1] == '.')
    return 0;
  if (known)
    return family_alone(s, from, e, nl);
  /* else the imprint: a known place and a colon after a later stop */
  bool imprint = false;
  for (size_t q = k; q + 3 < s->n && !imprint; q++)
    if (s->w[q] == '.' && s->w[q + 1] == ' ')
      imprint = (rpi_scan_place_colon_at(s, q + 2, s->n) && place_is_city(s, q + 2)) ||
                journal_then_year(s, q + 2) || at_lit(s, q + 2, "[place unknown]:", 16);
  if (!imprint)
    return 0;
  return family_alone(s, from, e, nl);
}

/* "Aristote, Les Politiques, Paris, Flammarion, 1990", "Platon, La
 * République": a writer known by one name (rpi_lex_is_single_name), a
 * comma, then a title that opens with an article or Latin's "De" and a
 * small word ("Cicero, De officiis"), which the name lists would read as
 * a given name. Sets the family name; returns the end after the comma,
 * or 0. */
static size_t single_name_title(st *s, size_t from, rpi_namelist *nl) {
  size_t e = from;
  while (e < s->n && (ascii_alpha(s->w[e]) || (unsigned char)s->w[e] >= 0x80))
    e++;
  if (e - from < 3 || e + 4 >= s->n || s->w[e] != ',' || s->w[e + 1] != ' ' ||
      !rpi_lex_is_single_name(s->w + from, e - from))
    return 0;
  static const char *const opens[] = {"Le ", "La ", "Les ", "L'", "L\xe2\x80\x99", "Un ", "Une ", "The ",
                                      "A ", "An ", "Der ", "Die ", "Das ", "Il ", "Lo ", "El ", "Los ",
                                      "Las ", "Gli ", NULL};
  size_t k = e + 2;
  bool title = k + 3 < s->n && at_lit(s, k, "De ", 3) && s->w[k + 3] >= 'a' && s->w[k + 3] <= 'z';
  for (size_t i = 0; opens[i] && !title; i++)
    title = at_lit(s, k, opens[i], strlen(opens[i]));
  return title ? family_alone(s, from, e, nl) : 0;
}

/* APA's one-word author before the date: "OpenAI. (2023). ChatGPT ...",
 * "GitHub. (2023). GitHub Copilot [Computer software].", "Plato. (2000).
 * The republic ...". One capitalised word, a period and a bracketed
 * year: a body's name (a capital inside the word, "OpenAI", or an
 * organisation's word) as a literal, else a family name alone; not two
 * words ("Good chemistry. (1996, September).": APA's title in the
 * author's place). Returns the end after the period, or 0. */
static size_t word_before_year(st *s, size_t from, rpi_namelist *nl) {
  size_t e = from;
  bool inner_cap = false, lower = false;
  while (e < s->n && (ascii_alpha(s->w[e]) || (unsigned char)s->w[e] >= 0x80)) {
    inner_cap |= e > from && lower && s->w[e] >= 'A' && s->w[e] <= 'Z';
    lower |= s->w[e] >= 'a' && s->w[e] <= 'z';
    e++;
  }
  if (e - from < 2 || !(s->w[from] >= 'A' && s->w[from] <= 'Z') || !lower)
    return 0;
  size_t n1 = e - from;
  if (e + 8 > s->n || s->w[e] != '.' || s->w[e + 1] != ' ' || s->w[e + 2] != '(' ||
      !rpi_scan_all_digits(s, e + 3, e + 7) || !rpi_lex_is_year(s->w + e + 3) ||
      (s->w[e + 7] != ')' && s->w[e + 7] != ','))
    return 0;
  if (title_word(s->w + from, n1) || rpi_lex_is_journal_word(s->w + from, n1) || rpi_lex_is_city(s->w + from, n1) ||
      rpi_lex_is_country(s->w + from, n1))
    return 0;
  if (inner_cap || rpi_lex_is_org_word(s->w + from, n1)) {
    add_literal(s, from, e);
    return e + 1;
  }
  return family_alone(s, from, e, nl);
}

/* One CJK personal name at i: 2-6 characters, at most one inner space
 * ("松掛 暢"), Korean names joined by periods ("정미애.김형주",
 * "마강래.강정구.이경수") kept whole as printed. Returns its end or 0. */
static size_t cjk_name(const st *s, size_t i) {
  size_t k = i, chars = 0, spaces = 0, dots = 0;
  while (k < s->n) {
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s->w + k, s->n - k, &cp);
    if (l && is_cjk(cp)) {
      chars++;
      k += l;
      continue;
    }
    if ((cp == ' ' || cp == '.') && chars && spaces == 0 && dots < 4 && k + 1 < s->n) {
      unsigned c2;
      size_t l2 = rpi_utf8_decode((const unsigned char *)s->w + k + 1, s->n - k - 1, &c2);
      if (l2 && is_cjk(c2)) {
        /* "松掛 暢" only when a separator follows the short second part */
        size_t z = k + 1, more = 0;
        while (z < s->n) {
          unsigned c3;
          size_t l3 = rpi_utf8_decode((const unsigned char *)s->w + z, s->n - z, &c3);
          if (!l3 || !is_cjk(c3))
            break;
          more++;
          z += l3;
        }
        if (cp == '.' && more >= 2 && more <= 4) {
          dots++;
          k++;
          continue;
        }
        if (cp == ' ' && !dots && more <= 3 && (z >= s->n || s->w[z] == ',' || s->w[z] == ' ' || s->w[z] == '(')) {
          spaces++;
          k++;
          continue;
        }
      }
    }
    break;
  }
  if (chars < 2 || chars > 5 * (dots + 1) + 2 || (spaces == 0 && dots == 0 && chars > 5))
    return 0;
  return k;
}

/* GB/T 7714's editor mark closing a CJK name list: "李明 主编",
 * "孙华 编", "李明主编" (Simplified or Traditional; the one-character
 * mark only after a space). Given the last name's span [a, e), returns
 * where the name ends before the mark, or 0 when there is none. */
static size_t cjk_editor_mark(const st *s, size_t a, size_t e) {
  static const char *const marks[] = {"\xe4\xb8\xbb\xe7\xbc\x96", "\xe4\xb8\xbb\xe7\xb7\xa8", /* 主编 主編 */
                                      "\xe7\xbc\x96", "\xe7\xb7\xa8"};                            /* 编 編 */
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
    size_t ml = strlen(marks[i]);
    if (e < a + ml + 6 || memcmp(s->w + e - ml, marks[i], ml) != 0)
      continue;
    size_t ne = e - ml;
    bool spaced = s->w[ne - 1] == ' ';
    if (ml == 3 && !spaced)
      continue;
    while (ne > a && s->w[ne - 1] == ' ')
      ne--;
    return ne >= a + 6 ? ne : 0;
  }
  return 0;
}

/* A CJK name at i with a spaced editor mark after it ("李明 主编."): the
 * name's end past the mark, or cjk_name's answer. */
static size_t cjk_name_marked(const st *s, size_t i) {
  size_t e = cjk_name(s, i);
  if (!e || e >= s->n || s->w[e] != ' ')
    return e;
  size_t k = e;
  while (k < s->n && s->w[k] == ' ')
    k++;
  static const char *const marks[] = {"\xe4\xb8\xbb\xe7\xbc\x96", "\xe4\xb8\xbb\xe7\xb7\xa8", "\xe7\xbc\x96",
                                      "\xe7\xb7\xa8"};
  for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
    size_t ml = strlen(marks[m]);
    if (k + ml <= s->n && memcmp(s->w + k, marks[m], ml) == 0 &&
        (k + ml == s->n || s->w[k + ml] == '.' || s->w[k + ml] == ',' || s->w[k + ml] == ':'))
      return k + ml;
  }
  return e;
}

/* A separator between CJK names: comma, fullwidth comma, ideographic comma,
 * katakana middle dot. */
static bool cjk_sep(unsigned cp) { return cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == 0x30FB; }

/* Authors written in Chinese, Japanese or Korean script: "王小明, 李华, 张伟."
 * Each name is kept as printed, as a literal (there is no family/given
 * split a parser can know). Returns the end of the list or 0. */
static size_t cjk_authors(st *s, size_t from) {
  size_t ends[64];
  size_t starts[64];
  size_t n = 0, k = from;
  while (n < 64) {
    size_t e = cjk_name_marked(s, k);
    if (!e)
      break;
    /* what follows a name: a separator, a date or the end of the list */
    size_t z = e;
    while (z < s->n && s->w[z] == ' ')
      z++;
    unsigned cp = 0;
    size_t l = z < s->n ? rpi_utf8_decode((const unsigned char *)s->w + z, s->n - z, &cp) : 0;
    bool sep = cjk_sep(cp);
    /* "김성열, 김훈호 2015.": a year right after the last name */
    bool year = n > 0 && z + 4 <= s->n && rpi_lex_is_year(s->w + z) && (z + 4 == s->n || !ascii_digit(s->w[z + 4]));
    bool end = cp == '.' || cp == 0x3002 || cp == 0xFF0E || cp == '(' || cp == ':' || cp == 0xFF1A ||
               cp == 0xFF08 || (n > 0 && cp == ' ') || year;
    if (!sep && !end)
      break;
    starts[n] = k;
    ends[n++] = e;
    if (!sep)
      break;
    k = z + l;
    while (k < s->n && s->w[k] == ' ')
      k++;
    /* "배성우, & 신원식. (2005)": APA's ampersand before the last name */
    if (k + 1 < s->n && s->w[k] == '&' && s->w[k + 1] == ' ')
      k = skip_sp(s, k + 1);
    /* the next item must itself be a name followed by a separator */
    size_t e2 = cjk_name_marked(s, k);
    if (!e2)
      break;
    size_t z2 = e2;
    while (z2 < s->n && s->w[z2] == ' ')
      z2++;
    unsigned c2 = 0;
    if (z2 < s->n)
      rpi_utf8_decode((const unsigned char *)s->w + z2, s->n - z2, &c2);
    if (!(cjk_sep(c2) || c2 == '.' || c2 == 0x3002 || c2 == '(' || c2 == ':' ||
          c2 == 0xFF1A || c2 == 0xFF08 || (z2 + 4 < s->n && ascii_digit(s->w[z2]))))
      break;
  }
  if (!n)
    return 0;
  size_t me = cjk_editor_mark(s, starts[n - 1], ends[n - 1]);
  size_t last = ends[n - 1];
  if (me)
    ends[n - 1] = me;
  for (size_t q = 0; q < n; q++)
    rpi_fields_literal_name(s, starts[q], ends[q], me ? RP_ROLE_EDITOR : RP_ROLE_AUTHOR);
  return last;
}

/* "U.S. ", "U.K. ", "U.N. " at k: a dotted initialism of two or more
 * capitals, then a space and a capitalised word. Returns its length (the
 * space included), else 0. */
static size_t dotted_initialism(const st *s, size_t k) {
  size_t q = k;
  int caps = 0;
  while (q + 1 < s->n && s->w[q] >= 'A' && s->w[q] <= 'Z' && s->w[q + 1] == '.')
    q += 2, caps++;
  if (caps < 2 || q + 1 >= s->n || s->w[q] != ' ' || !(s->w[q + 1] >= 'A' && s->w[q + 1] <= 'Z'))
    return 0;
  return q + 1 - k;
}

/* Whether the last word of w[from, e) names a team of authors: 2 for a
 * collaboration ("ATLAS Collaboration", "LIGO Scientific Collaborations",
 * "RENO Collab."), 1 for a group or consortium ("Particle Data Group"),
 * else 0. */
static int team_word(const st *s, size_t from, size_t e) {
  while (e > from && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  size_t ws = e;
  while (ws > from && s->w[ws - 1] != ' ')
    ws--;
  size_t n = e - ws;
  const char *w = s->w + ws;
  if (n >= 6 && (w[0] == 'C' || w[0] == 'c') && memcmp(w + 1, "ollab", 5) == 0)
    return n == 6 || (n == 13 && memcmp(w + 6, "oration", 7) == 0) ||
                   (n == 14 && memcmp(w + 6, "orations", 8) == 0)
               ? 2
               : 0;
  return (n == 5 && memcmp(w, "Group", 5) == 0) || (n == 10 && memcmp(w, "Consortium", 10) == 0) ? 1 : 0;
}

/* Where " and " joins two collaborations in w[from, e) ("ATLAS
 * Collaboration and CMS Collaboration"), the first ending in its own team
 * word; UNSET when none does. */
static size_t team_and(const st *s, size_t from, size_t e) {
  for (size_t q = from + 3; q + 5 < e; q++)
    if (s->w[q] == ' ' && memcmp(s->w + q, " and ", 5) == 0 && team_word(s, from, q) == 2)
      return q;
  return UNSET;
}

static size_t org_author(st *s, size_t from) {
  /* "U.S. Department of Transportation.", "U.K. Home Office.": the stop
   * of a country's initialism opening the body's name ends nothing */
  size_t e = from + dotted_initialism(s, from);
  while (e < s->n && !(s->w[e] == '.' && (e + 1 >= s->n || s->w[e + 1] == ' ')) &&
         s->w[e] != '(' && s->w[e] != ':' && s->w[e] != ',' && e - from < 160)
    e++;
  /* no stop within 160 bytes: not an organisation name (w[e] may then be
   * any byte, even inside a character, and must not be skipped below) */
  if (e >= s->n || e - from < 3 || e - from >= 160)
    return 0;
  /* "UK Prospective Diabetes Study (UKPDS) Group." */
  size_t after_acronym = UNSET;
  if (s->w[e] == '(' && !(e + 1 < s->n && (ascii_digit(s->w[e + 1]) || s->w[e + 1] == 'n'))) {
    size_t c = e;
    while (c < s->n && s->w[c] != ')')
      c++;
    if (c < s->n) {
      size_t e2 = c;
      while (e2 < s->n && s->w[e2] != '.' && s->w[e2] != ',' && s->w[e2] != '(' && s->w[e2] != ':' &&
             e2 - from < 160)
        e2++;
      if (e2 < s->n && s->w[e2] == '.') {
        e = e2;
      } else if (e2 < s->n && s->w[e2] == '(' && skip_sp(s, c + 1) == e2 && e2 + 1 < s->n &&
                 ascii_digit(s->w[e2 + 1])) {
        /* "Intergovernmental Panel on Climate Change (IPCC) (2021)": the
         * acronym, then the date */
        bool caps = c > e + 2;
        for (size_t q = e + 1; q < c && caps; q++)
          caps = (s->w[q] >= 'A' && s->w[q] <= 'Z') || s->w[q] == '-' || s->w[q] == '&';
        if (caps)
          after_acronym = c + 1;
      }
    }
  }
  if (s->w[e] == ',' && rpi_scan_editor_mark(s, e)) {
    /* "Statistisches Bundesamt, editor.", "DFG, editor.": a body (an
     * organisation word, or an acronym alone) with the editor mark; the
     * caller makes it the editor */
    bool caps = e - from >= 2 && e - from <= 8;
    for (size_t q = from; q < e && caps; q++)
      caps = (s->w[q] >= 'A' && s->w[q] <= 'Z') || s->w[q] == '&';
    bool body = caps;
    for (size_t q = from; q < e && !body;) {
      size_t j = q;
      while (j < e && s->w[j] != ' ')
        j++;
      body = rpi_lex_is_org_word(s->w + q, j - q);
      q = skip_sp(s, j);
    }
    if (body) {
      add_literal(s, from, e);
      return e;
    }
  }
  /* "X Collaboration, Title", "RENO Collab. (J. K. Ahn et al.)" */
  bool collab = team_word(s, from, e) == 2;
  if (s->w[e] == ',') {
    /* "Ministère de la Transition écologique, Title"; "U.S. Department of
     * Agriculture, Economic Research Service." */
    /* the body's word among the first three ("Ministère de la ...", "Royal
     * College of ..."), not a title about one ("Signalétique pour le
     * Centre Georges Pompidou, ...") */
    size_t w3 = from;
    for (int k = 0; k < 3 && w3 < e; k++) {
      while (w3 < e && s->w[w3] != ' ')
        w3++;
      w3 = skip_sp(s, w3);
    }
    /* two words: "European Commission, Title", "Association négaWatt,
     * Title", but no given name of the lexicon ("Tom Bank, Title": a
     * person) */
    size_t nw = rpi_scan_count_words(s, from, e);
    bool two = nw == 2;
    for (size_t q = from; q < e && two;) {
      size_t j = q;
      while (j < e && s->w[j] != ' ')
        j++;
      two = !rpi_lex_is_given_name(s->w + q, j - q);
      q = skip_sp(s, j);
    }
    if (!collab && !((nw >= 3 || two) && org_segment(s, from, w3 < e ? w3 : e)))
      return 0;
    if (!collab) {
      size_t ns = skip_sp(s, e + 1), se = ns;
      while (se < s->n && se - from < 200 && s->w[se] != ',' &&
             !(s->w[se] == '.' && (se + 1 >= s->n || s->w[se + 1] == ' ')))
        se++;
      if (se < s->n && s->w[se] == '.' && org_segment(s, ns, se))
        e = se;
    }
  }
  bool org = collab;
  size_t words = 0, lw = from, given = 0, lower = 0;
  for (size_t i = from; i < e;) {
    while (i < e && !ascii_alpha(s->w[i]) && (unsigned char)s->w[i] < 0x80)
      i++;
    size_t j = i;
    while (j < e && s->w[j] != ' ' && s->w[j] != ',')
      j++;
    if (j > i) {
      words++;
      lw = i;
      if (rpi_lex_is_org_word(s->w + i, j - i))
        org = true;
      given += rpi_lex_is_given_name(s->w + i, j - i);
      lower += s->w[i] >= 'a' && s->w[i] <= 'z';
    }
    i = j + 1;
  }
  /* "Public Health England", "Cancer Research UK": three capitalised
   * words or more, none a given name, closed by a country, a sentence of
   * their own or before the date (not "Constituição da República
   * Federativa do Brasil") */
  size_t yb = skip_sp(s, e);
  bool dated = yb + 1 < s->n && s->w[yb] == '(' && ascii_digit(s->w[yb + 1]); /* "... England (2019)" */
  if (!org && words >= 3 && !given && !lower && e < s->n && (s->w[e] == '.' || dated)) {
    size_t le = e;
    while (le > lw && s->w[le - 1] == ' ')
      le--;
    org = rpi_lex_is_country(s->w + lw, le - lw);
  }
  if (!org || words > 12)
    return 0;
  /* "International Monetary Fund 1999.": the year is the date */
  size_t ye = e;
  while (ye > from && s->w[ye - 1] == ' ')
    ye--;
  if (ye >= from + 8 && s->w[ye - 5] == ' ' && rpi_lex_is_year(s->w + ye - 4)) {
    add_literal(s, from, ye - 5);
    return ye - 4;
  }
  /* "LIGO Scientific Collaboration and Virgo Collaboration": two teams */
  size_t and_at = collab ? team_and(s, from, e) : UNSET;
  if (and_at != UNSET) {
    add_literal(s, from, and_at);
    add_literal(s, and_at + 5, e);
  } else
    add_literal(s, from, e);
  if (after_acronym != UNSET)
    return after_acronym;
  return s->w[e] == '(' ? e : e + 1;
}

/* "OECD (Organisation for Economic Co-operation and Development) (2013):",
 * "DFG (Deutsche Forschungsgemeinschaft) (Hg.) (2013):": a body's acronym,
 * its name written out in brackets (round or square), then the date or
 * an editor mark. The
 * acronym is the author; the bracket is neither author nor title. Returns
 * where the bracket ends, or 0. */
static size_t acronym_expanded(st *s, size_t from) {
  size_t e = from, upper = 0;
  while (e < s->n && ((s->w[e] >= 'A' && s->w[e] <= 'Z') || (s->w[e] >= 'a' && s->w[e] <= 'z') || s->w[e] == '&'))
    upper += s->w[e++] <= 'Z';
  if (upper < 2 || e - from > 12 || !(s->w[from] >= 'A' && s->w[from] <= 'Z') || e + 3 >= s->n ||
      s->w[e] != ' ' || (s->w[e + 1] != '(' && s->w[e + 1] != '[') || !rpi_is_upper((unsigned char)s->w[e + 2]))
    return 0;
  char close = s->w[e + 1] == '(' ? ')' : ']'; /* "OECD [Organisation for ...]" */
  size_t c = e + 2;
  while (c < s->n && c - e < 200 && s->w[c] != close && s->w[c] != '(' && s->w[c] != '[' && !ascii_digit(s->w[c]))
    c++;
  if (c >= s->n || s->w[c] != close || rpi_scan_count_words(s, e + 2, c) < 2)
    return 0;
  size_t k = skip_sp(s, c + 1);
  if (k < s->n && s->w[k] == ',')
    k = skip_sp(s, k + 1);
  size_t y = k < s->n && s->w[k] == '(' ? k + 1 : k;
  if (!(y + 4 <= s->n && rpi_lex_is_year(s->w + y)) && !rpi_scan_editor_mark(s, c + 1))
    return 0;
  add_literal(s, from, e);
  /* the written-out name is in no field: said, so no text goes unreported */
  char msg[220];
  snprintf(msg, sizeof msg, "%.*s", (int)(c - e - 2 > 200 ? 200 : c - e - 2), s->w + e + 2);
  rpi_fields_warn(s, RP_WARN_UNPARSED, e + 1, c + 1, msg);
  return c + 1;
}

/* "Harding Lawson Associates (HLA). 1990.", "Environmental Protection
 * Agency, United States (EPA). 2000.", "International Council on Monuments
 * and Sites (ICOMOS), 1982.": a body's name (the literal author) closed
 * by its acronym in brackets, then the year (or the title, in the
 * Vancouver form). The acronym's letters follow each other in the
 * name and it opens with the name's first letter (no list of body words
 * needed). Returns the end after the bracket, or 0. */
static size_t name_with_acronym(st *s, size_t from) {
  if (from >= s->n || (!(s->w[from] >= 'A' && s->w[from] <= 'Z') && (unsigned char)s->w[from] < 0xC3))
    return 0;
  size_t o = from;
  while (o < s->n && o - from < 160 && s->w[o] != '(' && !ascii_digit(s->w[o]) && s->w[o] != ':' &&
         s->w[o] != ';' && !(s->w[o] == '.' && o + 2 < s->n && s->w[o + 1] == ' ' && s->w[o + 2] != '('))
    o++;
  if (o >= s->n || s->w[o] != '(' || o < from + 4 || s->w[o - 1] != ' ' || rpi_scan_count_words(s, from, o) < 2)
    return 0;
  size_t c = o + 1, caps = 0;
  while (c < s->n && c - o <= 10 && (ascii_alpha(s->w[c]) || s->w[c] == '&')) {
    caps += s->w[c] >= 'A' && s->w[c] <= 'Z';
    c++;
  }
  if (c >= s->n || s->w[c] != ')' || caps < 2 || !(s->w[o + 1] >= 'A' && s->w[o + 1] <= 'Z'))
    return 0;
  /* the acronym's letters in the name, in order, the first one first */
  if ((s->w[o + 1] | 0x20) != (s->w[from] | 0x20))
    return 0;
  size_t q = from;
  for (size_t k = o + 1; k < c; k++) {
    if (!ascii_alpha(s->w[k]))
      continue;
    while (q < o && (s->w[q] | 0x20) != (s->w[k] | 0x20))
      q++;
    if (q >= o)
      return 0;
    q++;
  }
  /* then the year: ". 2000.", ", 1982.", " (2013)", " 2004." */
  size_t y = c + 1;
  if (y < s->n && (s->w[y] == '.' || s->w[y] == ','))
    y++;
  y = skip_sp(s, y);
  bool bracketed = y < s->n && s->w[y] == '(';
  if (bracketed)
    y++;
  /* or, as the Vancouver form prints it, the title: "(KGE). Slope ..." */
  bool title_next = !bracketed && c + 3 < s->n && s->w[c + 1] == '.' && s->w[c + 2] == ' ' &&
                    rpi_is_upper((unsigned char)s->w[c + 3]);
  if (!title_next && !(y + 4 <= s->n && rpi_scan_all_digits(s, y, y + 4) && rpi_lex_is_year(s->w + y)))
    return 0;
  /* as org_author reads a body's name: "World Health Organization (WHO).
   * 2010." with its acronym, "World Meteorological Organization (WMO)
   * (2019)" without */
  add_literal(s, from, bracketed ? o : c + 1);
  return c + 1;
}

/* "(Director)", "(Producers)", "(Writer/Director)": a creator's role after
 * the name. Returns the end of the marker or 0. */
static size_t role_mark(const st *s, size_t i) {
  size_t k = skip_sp(s, i);
  if (k >= s->n || s->w[k] != '(')
    return 0;
  static const char *const roles[] = {"Director", "Directors", "Producer", "Producers", "Writer",
                                      "Writers", "Host", "Hosts", "Narrator", "Composer",
                                      "Performer", "Artist", "Photographer", "Executive Producer",
                                      "Creator", "Speaker", "Presenter", NULL};
  size_t z = k + 1;
  while (z < s->n && z < k + 40 && s->w[z] != ')')
    z++;
  if (z >= s->n || s->w[z] != ')')
    return 0;
  /* every word of the bracket is a role ("Writer/Director") */
  for (size_t q = k + 1; q < z;) {
    size_t e = q;
    while (e < z && s->w[e] != '/' && s->w[e] != ',' && s->w[e] != '&')
      e++;
    size_t a = q, b = e;
    trim(s->w, &a, &b);
    bool ok = false;
    for (size_t r = 0; roles[r] && !ok; r++)
      ok = b - a == strlen(roles[r]) && at_lit(s, a, roles[r], b - a);
    if (!ok && !(b - a == 3 && at_lit(s, a, "and", 3)))
      return 0;
    q = e + 1;
  }
  size_t e = z + 1;
  if (e < s->n && s->w[e] == '.')
    e++;
  return e;
}

/* Capitalised words that open or fill titles and are not personal names
 * (English function words, common title nouns and the names of a
 * journal's items: Editorial, Preface, Erratum...; and "history" in
 * French, Spanish, Italian, German and Polish; surnames such as "Law",
 * "Power" or "Case" left out). */
static const lit_t *const title_words[26] = {
    ['A' - 'A'] = (const lit_t[]){LIT("And"), LIT("As"), LIT("At"), LIT("Against"), LIT("Among"),
        LIT("Analysis"), LIT("Abstract"), LIT("Abstracts"), LIT("Appendix"), {NULL, 0}},
    ['B' - 'A'] = (const lit_t[]){LIT("By"), LIT("Beyond"), LIT("Between"), {NULL, 0}},
    ['C' - 'A'] = (const lit_t[]){LIT("Culture"), LIT("Cultural"), LIT("Colonial"), LIT("Commentary"),
        LIT("Correction"), LIT("Conclusion"), LIT("Conclusions"), {NULL, 0}},
    ['D' - 'A'] = (const lit_t[]){LIT("Development"), LIT("Democracy"), LIT("Dissertation"), LIT("Dzieje"),
        {NULL, 0}},
    ['E' - 'A'] = (const lit_t[]){LIT("Essays"), LIT("Economic"), LIT("Economics"), LIT("Economy"),
        LIT("Education"), LIT("Empire"), LIT("Editorial"), LIT("Erratum"), {NULL, 0}},
    ['F' - 'A'] = (const lit_t[]){LIT("For"), LIT("From"), LIT("Friendship"), LIT("Foreword"), {NULL, 0}},
    ['G' - 'A'] = (const lit_t[]){LIT("Global"), LIT("Guide"), LIT("Geschichte"), {NULL, 0}},
    ['H' - 'A'] = (const lit_t[]){LIT("How"), LIT("History"), LIT("Historical"), LIT("Health"),
        LIT("Handbook"), LIT("Histoire"), LIT("Historia"), {NULL, 0}},
    ['I' - 'A'] = (const lit_t[]){LIT("In"), LIT("Introduction"), LIT("International"), {NULL, 0}},
    ['L' - 'A'] = (const lit_t[]){LIT("Language"), LIT("Literature"), {NULL, 0}},
    ['M' - 'A'] = (const lit_t[]){LIT("Modernity"), LIT("Management"), LIT("Methods"), {NULL, 0}},
    ['N' - 'A'] = (const lit_t[]){LIT("National"), {NULL, 0}},
    ['O' - 'A'] = (const lit_t[]){LIT("Of"), LIT("On"), LIT("Origins"), LIT("Obituary"), {NULL, 0}},
    ['P' - 'A'] = (const lit_t[]){LIT("Political"), LIT("Politics"), LIT("Public"), LIT("Policy"),
        LIT("Proceedings"), LIT("Philosophy"), LIT("Perspective"), LIT("Perspectives"), LIT("Preface"),
        LIT("Practice"), LIT("Principles"), LIT("Pathologies"), {NULL, 0}},
    ['R' - 'A'] = (const lit_t[]){LIT("Research"), LIT("Religion"), LIT("Revolution"), LIT("Report"),
        {NULL, 0}},
    ['S' - 'A'] = (const lit_t[]){LIT("Society"), LIT("Social"), LIT("Studies"), LIT("Science"),
        LIT("Sciences"), LIT("Systems"), LIT("Sacrament"), LIT("Storia"), LIT("Summary"), {NULL, 0}},
    ['T' - 'A'] = (const lit_t[]){LIT("The"), LIT("To"), LIT("Toward"), LIT("Towards"), LIT("Theory"),
        LIT("Thesis"), {NULL, 0}},
    ['W' - 'A'] = (const lit_t[]){LIT("Without"), LIT("Within"), LIT("Why"), LIT("What"), LIT("When"),
        LIT("Where"), LIT("World"), {NULL, 0}},
};

static bool title_word(const char *w, size_t n) {
  if (n < 2 || w[0] < 'A' || w[0] > 'Z' || !title_words[w[0] - 'A'])
    return false; /* every word is ASCII, capitalised, 2+ letters */
  for (const lit_t *t = title_words[w[0] - 'A']; t->s; t++)
    if (t->n == n && memcmp(t->s, w, n) == 0)
      return true;
  return false;
}

/* Whether a parsed name holds a title word: "Anthony Giddens, Beyond
 * Left and Right" read "Beyond Left" as a name. */
static bool name_has_title_word(const st *s, const rpi_pname *nm) {
  if (nm->literal)
    return false;
  for (size_t q = nm->fam_a; q < nm->fam_b;) {
    size_t e = q;
    while (e < nm->fam_b && s->w[e] != ' ')
      e++;
    if (title_word(s->w + q, e - q))
      return true;
    q = e + 1;
  }
  for (const char *g = nm->given; *g;) {
    size_t l = strcspn(g, " ");
    if (l >= 2 && g[l - 1] != '.' && title_word(g, l))
      return true;
    g += l;
    while (*g == ' ')
      g++;
  }
  return false;
}

/* Where name i of nl starts: its family, or its given name printed
 * before it. */
static size_t name_start(const st *s, const rpi_namelist *nl, size_t i) {
  size_t e = nl->v[i].fam_a;
  size_t gl = strlen(nl->v[i].given);
  if (gl && e > gl && memcmp(s->w + e - gl - 1, nl->v[i].given, gl) == 0)
    e -= gl + 1;
  return e;
}

/* The comma or semicolon before name i (i > 0) of nl, after start, or
 * UNSET. */
static size_t comma_before_name(const st *s, size_t start, const rpi_namelist *nl, size_t i) {
  for (size_t q = name_start(s, nl, i); q-- > start;)
    if (s->w[q] == ',' || s->w[q] == ';')
      return q;
  return UNSET;
}

/* Read [start, lim) again as the first want names of the list; when it
 * reads so (and the first is no title word), they are the list, ending
 * at lim. */
static void keep_names_to(st *s, size_t start, size_t lim, size_t want, rpi_namelist *nl) {
  rpi_namelist *re = malloc(sizeof *re);
  if (!re)
    return;
  if (rpi_names_parse(s->w, start, lim, re) == want && re->n == want && !name_has_title_word(s, &re->v[0])) {
    re->end = lim;
    *nl = *re;
  }
  free(re);
}

/* "Mathilde von Bulow, West Germany, Cold War Europe and the Algerian
 * War", "Barringer, D. M., Coon Mountain and its crater.": a list that
 * stops before "and" or "&" and a word in lower case ran into a title
 * whose words read as names. The names of whole words (no initials, not
 * organisations) at its end, the first name aside, are the title's: the
 * list ends at the comma before them. */
static void dangling_connector(st *s, size_t start, rpi_namelist *nl) {
  size_t k = skip_sp(s, nl->end);
  size_t cl = at_lit(s, k, "and ", 4) ? 4 : at_lit(s, k, "& ", 2) ? 2 : 0;
  if (!cl || nl->n < 2 || nl->et_al || !(s->w[k + cl] >= 'a' && s->w[k + cl] <= 'z'))
    return;
  size_t i = nl->n;
  while (i > 1 && !nl->v[i - 1].literal && nl->v[i - 1].given[0] && !strchr(nl->v[i - 1].given, '.'))
    i--;
  if (i == nl->n)
    return;
  size_t lim = comma_before_name(s, start, nl, i);
  if (lim != UNSET)
    keep_names_to(s, start, lim, i, nl);
}

/* "Colin Burrow, Epic Romance: Homer to Milton": a lone name read in
 * inverted order whose two-word "family" opens with a given name of the
 * lexicon and whose "given name" is whole words opening with none is a
 * name in natural order before a title. */
static bool natural_before_title(const st *s, const rpi_namelist *nl) {
  const rpi_pname *nm = &nl->v[0];
  if (nl->n != 1 || nm->literal || nm->family_first || !nm->given[0] || strchr(nm->given, '.'))
    return false;
  const char *f = s->w + nm->fam_a;
  size_t fl = nm->fam_b - nm->fam_a;
  const char *sp = memchr(f, ' ', fl);
  if (!sp || memchr(sp + 1, ' ', fl - (size_t)(sp + 1 - f)) || nm->fam_b >= s->n || s->w[nm->fam_b] != ',')
    return false;
  return rpi_lex_is_given_name(f, (size_t)(sp - f)) &&
         !rpi_lex_is_given_name(nm->given, strcspn(nm->given, " "));
}

/* "Bruce Campbell, English Seigniorial Agriculture, 1250-1450 (...)",
 * "Maryanne Kowaleski, Local Markets and Regional Trade in Medieval
 * Exeter": in a list in natural order of whole words, the names at its
 * end whose first words are not known given names are the title's words
 * when a word in lower case follows the list, or when they are one name
 * joined by a comma alone (no "and" or "&", which join MHRA's and
 * Chicago's authors); and when they hold three words or more or the list
 * opens with a known given name. The list ends at the comma before them. */
static void comma_title_name(st *s, size_t start, rpi_namelist *nl) {
  size_t n = nl->n;
  if (n < 2 || nl->et_al || nl->total != n)
    return;
  for (size_t i = 0; i < n; i++) {
    const rpi_pname *nm = &nl->v[i];
    /* (the first may be MLA's inverted one: "Brown, Anne, Rural Schools
     * Revisited, Education Policy Review, ...") */
    if (nm->literal || nm->family_first || !nm->given[0] || strchr(nm->given, '.') ||
        (name_start(s, nl, i) == nm->fam_a && i > 0))
      return; /* not a name in natural order of whole words */
  }
  size_t i = n;
  while (i > 1 && !rpi_lex_is_given_name(nl->v[i - 1].given, strcspn(nl->v[i - 1].given, " ")))
    i--;
  if (i == n)
    return;
  size_t c = comma_before_name(s, start, nl, i);
  if (c == UNSET || s->w[c] != ',')
    return;
  size_t after = skip_sp(s, nl->end);
  /* "Cédric Durand, Tristan Auvray, 2015 “Title”": names before the date
   * are names, whatever the lexicon knows */
  if (after < s->n && s->w[after] == ',') {
    size_t d = skip_sp(s, after + 1);
    if (d + 4 <= s->n && rpi_scan_all_digits(s, d, d + 4) && rpi_lex_is_year(s->w + d))
      return;
  }
  bool lower_after = after < s->n && s->w[after] >= 'a' && s->w[after] <= 'z' && !at_lit(s, after, "and ", 4) &&
                     !at_lit(s, after, "et ", 3) && !at_lit(s, after, "ed", 2);
  /* one name joined by a comma alone, or the list runs into the title's
   * words in lower case ("Alex Krizhevsky, Ilya Sutskever, and Geoff
   * Hinton. Imagenet ..." is a list of names unknown to the lexicon) */
  if (!lower_after && (n - i > 1 || skip_sp(s, c + 1) != name_start(s, nl, i)))
    return;
  const char *g = nl->v[i].given;
  if (!(strchr(g, ' ') || n - i > 1 || rpi_lex_is_given_name(nl->v[0].given, strcspn(nl->v[0].given, " "))))
    return;
  keep_names_to(s, start, c, i, nl);
}

/* Drop the names from the first one that holds a title word, and end the
 * list at the comma before it; the first name is read again in natural
 * order when it is the one ("Robert Redfield, Peasant Society and
 * Culture"). */
static void drop_title_names(st *s, size_t start, rpi_namelist *nl) {
  size_t i = 0;
  if (!natural_before_title(s, nl))
    while (i < nl->n && !name_has_title_word(s, &nl->v[i]))
      i++;
  if (i >= nl->n || nl->et_al)
    return;
  size_t lim = UNSET;
  if (i == 0) {
    lim = nl->v[0].fam_b;
    while (lim < s->n && s->w[lim] != ',')
      lim++;
  } else {
    lim = comma_before_name(s, start, nl, i);
  }
  if (i == 0 && nl->n == 1 && !strchr(nl->v[0].given, '.') && !nl->v[0].literal &&
      title_word(s->w + nl->v[0].fam_a, nl->v[0].fam_b - nl->v[0].fam_a)) {
    /* "Privacy Policy. Harbour Line Ferries. 2020.": one "name" whose family
     * is a title word is the title */
    nl->n = nl->total = 0;
    nl->end = start;
    return;
  }
  if (lim == UNSET || lim >= s->n)
    return;
  keep_names_to(s, start, lim, i ? i : 1, nl);
}

/* Whether a word could belong to a person's name printed in a reference
 * whose title comes first: not a journal, body or abbreviation word and
 * not a word in capitals ("INTERNATIONAL JOURNAL OF", "Eos, Trans."). */
static bool person_word(const char *w, size_t n) {
  while (n && (w[n - 1] == '.' || w[n - 1] == ','))
    n--;
  if (n < 3)
    return true;
  bool caps = true;
  for (size_t q = 0; q < n && caps; q++)
    caps = !(w[q] >= 'a' && w[q] <= 'z');
  return !caps && !rpi_lex_is_journal_word(w, n) && !rpi_lex_is_org_word(w, n) && !rpi_lex_is_abbrev(w, n);
}

static bool plain_person(const st *s, const rpi_pname *nm) {
  for (size_t q = nm->fam_a; q < nm->fam_b;) {
    size_t e = q;
    while (e < nm->fam_b && s->w[e] != ' ')
      e++;
    if (!person_word(s->w + q, e - q))
      return false;
    q = e + 1;
  }
  for (const char *g = nm->given; *g;) {
    size_t l = strcspn(g, " ");
    if (!person_word(g, l))
      return false;
    g += l;
    while (*g == ' ')
      g++;
  }
  return true;
}

/* Catalogue and database exports put the title first: "The Dome of the
 * Rock and its Umayyad mosaic inscriptions. Marcus Milwright. Edinburgh :
 * Edinburgh University Press 2016", "Title. Hallinan, Maureen T; Teixeira,
 * Ruy A. Child Development. 58.5". When the second sentence is a whole
 * list of personal names, they are the authors and the sentence is
 * blanked; nl is scratch space. */
static void names_after_title(st *s, rpi_namelist *nl) {
  size_t a = skip_sp(s, 0);
  size_t te = rpi_scan_first_stop(s, a, s->n);
  if (te >= s->n || rpi_scan_count_words(s, a, te) < 3)
    return;
  /* "Cervantes, Miguel de (2004). Don Quijote": not a title, a date */
  for (size_t q = a; q + 4 <= te; q++)
    if (rpi_scan_all_digits(s, q, q + 4))
      return;
  size_t ns = skip_sp(s, te + 1);
  if (!rpi_names_parse(s->w, ns, s->n, nl) || nl->n == 0)
    return;
  for (size_t i = 0; i < nl->n; i++)
    if (nl->v[i].literal || !nl->v[i].given[0] || name_has_title_word(s, &nl->v[i]) ||
        !plain_person(s, &nl->v[i]))
      return;
  /* the list fills the sentence: a stop right after it, or the stop the
   * list took with its last initials ("Smith AB, Jones CD. Journal") */
  size_t e = nl->end;
  if (e > 0 && s->w[e - 1] == '.' && (e >= s->n || s->w[e] != '.')) {
    e--;
  } else {
    while (e < s->n && s->w[e] == ' ')
      e++;
    if (!(e < s->n && s->w[e] == '.'))
      return;
  }
  size_t after = skip_sp(s, e + 1);
  if (after >= s->n || !rpi_is_upper((unsigned char)s->w[after]))
    return;
  rpi_fields_names(s, nl, RP_ROLE_AUTHOR);
  blank(s, ns, e + 1);
}

/* Publication lists that print the title first and run on into the
 * names and the year, with no stop between: "The future mobility of the
 * world population Schafer, A., and D. Victor 2000 Transportation
 * Research A, 34(3)", "Land-ocean warming contrast ...: Convective
 * quasi-equilibrium theory and idealized simulations Byrne, M.P. and P.A.
 * O'Gorman 2013 Journal of Climate". After three or more words of title,
 * the first "Family, I." starts a list of personal names with initials
 * that ends right before a year (or a month, "Convery, F., D. Ellerman
 * and C. De Perthuis June, 40 p. 2008"): they are the authors, and are
 * blanked with a stop left before them to end the title. nl is scratch
 * space. */
static void names_before_year(st *s, rpi_namelist *nl) {
  size_t a = skip_sp(s, 0);
  for (size_t k = a + 1, words = 1; k + 6 < s->n; k++) {
    if (s->w[k - 1] != ' ')
      continue;
    words++;
    /* "Family, I." (or "Family, I.J."): a capital, letters, a comma, an
     * initial */
    if (words < 4 || !rpi_is_upper((unsigned char)s->w[k]))
      continue;
    size_t e = k + 1;
    while (e < s->n && (ascii_alpha(s->w[e]) || s->w[e] == '-' || s->w[e] == '\''))
      e++;
    if (e + 4 > s->n || s->w[e] != ',' || s->w[e + 1] != ' ' || !(s->w[e + 2] >= 'A' && s->w[e + 2] <= 'Z') ||
        s->w[e + 3] != '.')
      continue;
    if (!rpi_names_parse(s->w, k, s->n, nl) || nl->n == 0 || nl->et_al)
      return;
    for (size_t i = 0; i < nl->n; i++)
      if (nl->v[i].literal || nl->v[i].given[0] < 'A' || nl->v[i].given[0] > 'Z' || nl->v[i].given[1] != '.' ||
          name_has_title_word(s, &nl->v[i]) || !plain_person(s, &nl->v[i]))
        return;
    size_t y = skip_sp(s, nl->end);
    if (y == nl->end || y >= s->n)
      return;
    size_t we = y;
    while (we < s->n && s->w[we] != ' ' && s->w[we] != ',')
      we++;
    bool year = we - y == 4 && rpi_scan_all_digits(s, y, we) && (s->w[y] == '1' || s->w[y] == '2');
    if (!year && !rpi_lex_month(s->w + y, we - y))
      return;
    rpi_fields_names(s, nl, RP_ROLE_AUTHOR);
    if (year && !s->r->field[RP_FIELD_YEAR]) {
      rpi_fields_year(s, y, we);
      y = we;
    }
    blank(s, k, y);
    s->w[k - 1] = '.';
    return;
  }
}

/* "World Press Trends. Paris: World Association of Newspapers.",
 * "Statistics on the Information Society in Europe (2003). Luxembourg:
 * Office for Official Publications ...": a book without author whose
 * title read as one name (a body's, or capitalised words in natural
 * order), when nothing but a date, an editors' sentence ("Ed. Peter
 * Washington.") and "City: Publisher" follows it. The name is dropped and
 * the title starts the reference; returns the new position (0), or pos. */
static size_t name_was_title(st *s, size_t pos) {
  rp_result *r = s->r;
  if (r->n_names[RP_ROLE_AUTHOR] != 1 || r->n_names[RP_ROLE_EDITOR] || memchr(s->w, ',', pos))
    return pos;
  size_t k = skip_sp(s, pos);
  while (k < s->n && (s->w[k] == '.' || s->w[k] == ' '))
    k++;
  /* "(2003).", "2003." */
  size_t y = k < s->n && s->w[k] == '(' ? k + 1 : k;
  if (y + 4 <= s->n && rpi_lex_is_year(s->w + y)) {
    size_t e = y + 4;
    if (y > k) {
      if (e >= s->n || s->w[e] != ')')
        return pos;
      e++;
    }
    if (e >= s->n || s->w[e] != '.')
      return pos;
    k = skip_sp(s, e + 1);
  }
  /* "Ghost Stories. Ed. Peter Washington. New York: ...": the editors'
   * sentence; its names are the editors, read here and taken out */
  static const char *const notes[] = {"Ed. ", "Eds. ", "Edited by ", NULL};
  size_t na = UNSET, ne = UNSET;
  for (int m = 0; notes[m] && na == UNSET; m++) {
    size_t l = strlen(notes[m]);
    if (!at_lit(s, k, notes[m], l))
      continue;
    /* the sentence ends at a stop after a word, not after an initial
     * ("Ed. Daniel R. Frost.") */
    size_t e = k + l;
    while (e < s->n && !(s->w[e] == '.' && (e + 1 >= s->n || s->w[e + 1] == ' ') && e >= k + l + 2 &&
                         rpi_is_letter((unsigned char)s->w[e - 1]) && rpi_is_letter((unsigned char)s->w[e - 2])))
      e++;
    if (e >= s->n)
      return pos;
    na = k, ne = e + 1;
    k = skip_sp(s, e + 1);
  }
  size_t c = k;
  while (c < s->n && s->w[c] != ':' && s->w[c] != ',' && s->w[c] != '.' && c - k < 40)
    c++;
  size_t ce = c;
  while (ce > k && s->w[ce - 1] == ' ')
    ce--;
  if (c >= s->n || s->w[c] != ':' || ce <= k || !rpi_lex_is_city(s->w + k, ce - k))
    return pos;
  size_t ua = skip_sp(s, c + 1), ue = s->n;
  while (ue > ua && (s->w[ue - 1] == '.' || s->w[ue - 1] == ' '))
    ue--;
  if (ue >= ua + 6 && rpi_lex_is_year(s->w + ue - 4) && (s->w[ue - 5] == ' ' || s->w[ue - 5] == ',')) {
    ue -= 5;
    while (ue > ua && (s->w[ue - 1] == ',' || s->w[ue - 1] == ';' || s->w[ue - 1] == ' '))
      ue--;
  }
  if (ue <= ua || !rpi_is_upper((unsigned char)s->w[ua]) || rpi_scan_count_words(s, ua, ue) > 10)
    return pos;
  for (size_t q = ua; q < ue; q++)
    if (ascii_digit(s->w[q]) || s->w[q] == ':' || s->w[q] == '(' ||
        (s->w[q] == '.' && q + 1 < ue && s->w[q + 1] == ' ' && q >= ua + 3 && ascii_alpha(s->w[q - 1]) &&
         ascii_alpha(s->w[q - 2]) && ascii_alpha(s->w[q - 3])))
      return pos;
  if (na != UNSET) {
    rpi_namelist *el = malloc(sizeof *el);
    if (!el)
      return pos;
    size_t ea = na + (s->w[na + 2] == '.' ? 4 : s->w[na + 3] == '.' ? 5 : 10);
    /* read to the end (a name list reads its last name by what follows
     * it); it must fill the sentence */
    if (!rpi_names_parse(s->w, ea, s->n, el) || skip_sp(s, el->end) != ne - 1) {
      free(el);
      return pos;
    }
    rpi_fields_names(s, el, RP_ROLE_EDITOR);
    free(el);
    blank(s, na, ne);
  }
  rpi_result_clear_names(r, RP_ROLE_AUTHOR);
  return 0;
}

/* "Statistisches Bundesamt (Hrsg.):": an organisation that edited the
 * work, its name ending at oe, is its editor. Returns where the names end. */
static size_t org_editor(st *s, size_t oe) {
  rp_result *r = s->r;
  size_t pos = oe;
  size_t mk = rpi_scan_editor_mark(s, pos);
  if (mk && r->n_names[RP_ROLE_EDITOR] == 0) {
    rpi_name *tn = r->names[RP_ROLE_EDITOR];
    size_t tc = r->cap_names[RP_ROLE_EDITOR];
    r->names[RP_ROLE_EDITOR] = r->names[RP_ROLE_AUTHOR];
    r->n_names[RP_ROLE_EDITOR] = r->n_names[RP_ROLE_AUTHOR];
    r->cap_names[RP_ROLE_EDITOR] = r->cap_names[RP_ROLE_AUTHOR];
    r->names[RP_ROLE_AUTHOR] = tn;
    r->n_names[RP_ROLE_AUTHOR] = 0;
    r->cap_names[RP_ROLE_AUTHOR] = tc;
    pos = mk;
  }
  return pos;
}

/* Whether only a book's imprint follows the comma at k: ", Austin 1996a",
 * ", Frankfurt: Campus, 1986", ", Grand Rapids: Eerdmans, 2007", ",
 * Istanbul, Doğan Kitap, 2000", ", Presses de Sciences Po, Paris, 2011".
 * start is where the name list starts. */
static bool imprint_alone_after(st *s, size_t start, size_t k) {
  if (k >= s->n || s->w[k] != ',')
    return false;
  if (rpi_imprint_place_year_tail(s, k, s->n))
    return true;
  size_t e = s->n;
  while (e > k && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  size_t k1 = skip_sp(s, k + 1);
  const char *c = memchr(s->w + k1, ':', e - k1);
  if (c && rpi_imprint_starts_at(s, k1, e) && rpi_scan_first_stop(s, k1, e) >= e) {
    /* "Place: Publisher" and at most a year after it */
    size_t u = (size_t)(c - s->w) + 1, ye = e;
    while (ye > u && (ascii_alpha(s->w[ye - 1]) && ye - 1 > u && ascii_digit(s->w[ye - 2])))
      ye--;
    size_t y = ye;
    while (y > u && ascii_digit(s->w[y - 1]))
      y--;
    if (ye - y == 4 && rpi_lex_is_year(s->w + y))
      while (y > u && (s->w[y - 1] == ' ' || s->w[y - 1] == ','))
        y--;
    else
      y = e;
    for (size_t q = u; q < y; q++)
      if (s->w[q] == ',' || s->w[q] == ':' || s->w[q] == '(' || ascii_digit(s->w[q]))
        return false;
    return y > u && rpi_scan_count_words(s, u, y) <= 6;
  }
  size_t ca, ce, ua, ue;
  return rpi_imprint_city_pub_tail(s, k, e, &ca, &ce, &ua, &ue) == k || rpi_imprint_comma_cut(s, start, e) == k;
}

/* Whether the given name of nm opens with a given name of the lists
 * ("Jones, Mary, Paris: Seuil" is a name, not a title and its place). */
static bool given_name_first(const rpi_pname *nm) {
  size_t n = strcspn(nm->given, " .-");
  return n && rpi_lex_is_given_name(nm->given, n);
}

/* "G. Nagy, Homeric Questions, Austin 1996a.": a title read as a
 * natural-order name when only the imprint follows. "Beck, Ulrich,
 * Risikogesellschaft, Frankfurt: Campus, 1986.", "Rolnick, Philip A.,
 * Persons, Grace and God, Grand Rapids: Eerdmans, 2007.", "Bleda,
 * Tanşuğ, Maskeli Balo, Istanbul, Doğan Kitap, 2000.": after an inverted
 * first name, a later "name" whose family is followed by the imprint alone
 * is the title (the place read as its given name), with the whole-word
 * names joined to it by "and", "&", "et", "und", "y" or "e". */
static void title_as_last_name(st *s, size_t start, rpi_namelist *nl) {
  if (nl->n >= 2 && nl->n == nl->total && !nl->et_al) {
    rpi_pname *lst = &nl->v[nl->n - 1];
    size_t gl = strlen(lst->given);
    size_t k = skip_sp(s, nl->end);
    if (!lst->literal && gl && !strchr(lst->given, '.') && lst->fam_a > gl + 1 &&
        !memcmp(s->w + lst->fam_a - gl - 1, lst->given, gl) && imprint_alone_after(s, start, k)) {
      size_t e = lst->fam_a - gl - 1;
      while (e > 0 && (s->w[e - 1] == ' ' || s->w[e - 1] == ','))
        e--;
      nl->n--;
      nl->total--;
      nl->end = e;
      return;
    }
    const rpi_pname *f = &nl->v[0];
    if (f->literal || !f->given[0] || name_start(s, nl, 0) != f->fam_a || f->fam_b >= s->n || s->w[f->fam_b] != ',')
      return;
    size_t j = 1;
    while (j < nl->n && (nl->v[j].literal || given_name_first(&nl->v[j]) || strchr(nl->v[j].given, '.') ||
                         !imprint_alone_after(s, start, skip_sp(s, nl->v[j].fam_b))))
      j++;
    if (j >= nl->n)
      return;
    /* "Persons, Grace and God": names joined by a connector go too */
    while (j > 1 && !nl->v[j - 1].literal && !strchr(nl->v[j - 1].given, '.')) {
      size_t q = name_start(s, nl, j);
      while (q > 0 && s->w[q - 1] == ' ')
        q--;
      size_t w = q;
      while (w > 0 && s->w[w - 1] != ' ' && s->w[w - 1] != ',')
        w--;
      if (!(q - w == 3 && at_lit(s, w, "and", 3)) && !(q - w == 1 && strchr("&ye", s->w[w])) &&
          !(q - w == 2 && at_lit(s, w, "et", 2)) && !(q - w == 3 && at_lit(s, w, "und", 3)))
        break;
      j--;
    }
    size_t lim = comma_before_name(s, start, nl, j);
    if (lim != UNSET)
      keep_names_to(s, start, lim, j, nl);
  }
}

/* APA 7 with 21 or more authors: "Zheng, N., … Yang, Z. (2022)" - the
 * last author after the ellipsis. Returns where the names end. */
static size_t last_after_ellipsis(st *s, size_t pos) {
  size_t k = skip_sp(s, pos);
  if (k < s->n && s->w[k] == ',')
    k = skip_sp(s, k + 1);
  size_t ke = at_lit(s, k, "\xe2\x80\xa6", 3) ? k + 3 : at_lit(s, k, ". . .", 5) ? k + 5
                                                  : at_lit(s, k, "...", 3)         ? k + 3
                                                                                      : 0;
  rpi_namelist *last = ke ? malloc(sizeof *last) : NULL;
  if (last && rpi_names_parse(s->w, skip_sp(s, ke), s->n, last) == 1 && last->n == 1) {
    rpi_fields_names(s, last, RP_ROLE_AUTHOR);
    pos = last->end;
  }
  free(last);
  return pos;
}

/* MLA's role after the names: "Soderbergh, Steven, director.", "Glass,
 * Ira, host." - a creator's role in lower case between a comma and a
 * stop. Returns the end after the stop, or 0. */
static size_t role_word(const st *s, size_t i) {
  size_t k = skip_sp(s, i);
  if (k >= s->n || s->w[k] != ',')
    return 0;
  k = skip_sp(s, k + 1);
  static const char *const roles[] = {"director", "directors", "producer", "producers", "host", "hosts",
                                      "narrator", "performer", "performers", "creator", "creators",
                                      "composer", "illustrator", "photographer", "speaker", "presenter",
                                      "interviewer", "conductor", "choreographer", "curator", NULL};
  size_t e = k;
  while (e < s->n && e - k < 16 && s->w[e] >= 'a' && s->w[e] <= 'z')
    e++;
  if (e == k || e >= s->n || s->w[e] != '.')
    return 0;
  for (size_t r = 0; roles[r]; r++)
    if (e - k == strlen(roles[r]) && at_lit(s, k, roles[r], e - k))
      return e + 1;
  return 0;
}

/* APA audiovisual works: "Davidson, F. (Producer), & Davidson, J.
 * (Director)." - the creators, with their roles in brackets; MLA's
 * "Soderbergh, Steven, director." (role_word). Returns where the names
 * end. */
static size_t role_names(st *s, size_t pos) {
  size_t rw = role_word(s, pos);
  if (rw) {
    /* a director's work is a film, as "[Film]" says in APA */
    if (!s->medium && at_lit(s, skip_sp(s, skip_sp(s, pos) + 1), "director", 8))
      s->medium = RP_TYPE_MOTION_PICTURE + 1;
    return rw;
  }
  for (int guard = 0; guard < 8; guard++) {
    size_t rm = role_mark(s, pos);
    if (!rm)
      break;
    pos = rm;
    size_t k = skip_sp(s, pos);
    while (k < s->n && (s->w[k] == ',' || s->w[k] == '&'))
      k = skip_sp(s, k + 1);
    if (at_lit(s, k, "and ", 4))
      k = skip_sp(s, k + 4);
    rpi_namelist *more = malloc(sizeof *more);
    if (!more)
      break;
    size_t m2 = k > pos ? rpi_names_parse(s->w, k, s->n, more) : 0;
    if (m2 && role_mark(s, more->end)) {
      rpi_fields_names(s, more, RP_ROLE_AUTHOR);
      pos = more->end;
    }
    free(more);
  }
  return pos;
}

/* "Schulz, T./Berg, M. (2001) (Hrsg.):": the editor mark in brackets
 * after a bracketed date that follows the names. Returns the mark's end,
 * or 0. The date stage reads the date and steps over the mark. */
static size_t mark_after_date(const st *s, size_t i) {
  size_t k = skip_sp(s, i);
  if (k >= s->n || s->w[k] != '(')
    return 0;
  size_t d = skip_sp(s, k + 1);
  if (d + 4 > s->n || !rpi_lex_is_year(s->w + d))
    return 0;
  size_t c = d + 4;
  if (c < s->n && s->w[c] >= 'a' && s->w[c] <= 'z')
    c++;
  c = skip_sp(s, c);
  if (c >= s->n || s->w[c] != ')')
    return 0;
  size_t m = skip_sp(s, c + 1);
  if (m < s->n && s->w[m] == ',') /* "(2001), (dir.)," */
    m = skip_sp(s, m + 1);
  return m < s->n && s->w[m] == '(' ? rpi_scan_editor_mark(s, m) : 0;
}

/* Lower-case words that join or belong to names in a list: "and", "et",
 * Czech and Slovak "a", Spanish "y", Portuguese "e", German "und". */
static bool name_joiner(const char *w, size_t n) {
  static const char *const j[] = {"and", "et", "a", "y", "e", "und", "u", "i", NULL};
  for (size_t k = 0; j[k]; k++)
    if (strlen(j[k]) == n && memcmp(j[k], w, n) == 0)
      return true;
  return rpi_lex_is_particle(w, n);
}

/* Whether the word [a, b) (no spaces, commas or semicolons in it) could be
 * part of a personal name in a list: a capitalised or upper-case word, an
 * initial ("p.E.", "J.-P."), a joiner or particle; not a title,
 * organisation, journal or publisher word and nothing with digits,
 * brackets, quotes or colons. */
static bool name_like_word(const st *s, size_t a, size_t b) {
  size_t e = b;
  while (e > a && s->w[e - 1] == '.')
    e--;
  if (e == a)
    return false;
  for (size_t q = a; q < b; q++) {
    unsigned char c = (unsigned char)s->w[q];
    if (c < 0x80 && !ascii_alpha((char)c) && c != '.' && c != '-' && c != '\'' && c != '*' && c != '&')
      return false;
  }
  if (e - a == 1 && (s->w[a] == '&' || s->w[a] == '*'))
    return true;
  unsigned char c0 = (unsigned char)s->w[a];
  if (c0 >= 'a' && c0 <= 'z')
    return name_joiner(s->w + a, e - a) || (e - a <= 3 && s->w[a + 1] == '.');
  /* letters of the Latin, Greek and Cyrillic blocks; not CJK ("年全国") */
  if (c0 == '*' || c0 == '&' || c0 == '-' || c0 == '\'' || (c0 >= 0x80 && (c0 < 0xC3 || c0 > 0xD1)))
    return false;
  return !title_word(s->w + a, e - a) && !rpi_lex_is_org_word(s->w + a, e - a) &&
         !rpi_lex_is_journal_word(s->w + a, e - a) && !rpi_lex_is_publisher(s->w + a, e - a);
}

/* An opening quote at k: '"', “, «, „ or ‘. */
static bool opening_quote(const st *s, size_t k) {
  return s->w[k] == '"' || at_lit(s, k, "\xe2\x80\x9c", 3) || at_lit(s, k, "\xc2\xab", 2) ||
         at_lit(s, k, "\xe2\x80\x9e", 3) || at_lit(s, k, "\xe2\x80\x98", 3);
}

/* The names in [pos, end) of `words` name-like words, after the names read
 * before them: those the grammar reads, else a short comma-less phrase at
 * the very start as a literal author ("BBC News (2020)"); none otherwise
 * (the unparsed stage reports them). */
static void names_between(st *s, size_t pos, size_t end, size_t words) {
  rpi_namelist *nl = malloc(sizeof *nl);
  if (!nl)
    return;
  size_t a = pos;
  while (a < end && (s->w[a] == ' ' || s->w[a] == ',' || s->w[a] == ';' || s->w[a] == '.'))
    a++;
  if (rpi_names_parse(s->w, a, end, nl) && nl->end + 2 >= end) {
    bool editors = s->r->n_names[RP_ROLE_EDITOR] && !s->r->n_names[RP_ROLE_AUTHOR];
    rpi_fields_names(s, nl, editors ? RP_ROLE_EDITOR : RP_ROLE_AUTHOR);
  } else if (pos == 0 && words <= 4 && !memchr(s->w + a, ',', end - a) && !memchr(s->w + a, ';', end - a)) {
    add_literal(s, a, end);
  }
  free(nl);
}

/* "GS1. (2006). EPC Network ...", "MRC des Basques (2016). Bienvenue
 * ...", "République française (2005). Les parcs éoliens ...", "The
 * Partnership at Drugfree.org. (n.d.). Alcohol ...": a name the name
 * lists do not read, alone before an author-date bracket at the start of
 * the reference, then a capital, is its author (a body). Returns where
 * the body starts after the date, or UNSET. */
static size_t body_before_date(st *s, size_t pos) {
  if (s->r->n_names[RP_ROLE_AUTHOR] || pos != skip_sp(s, 0) || pos >= s->n ||
      !(rpi_is_upper((unsigned char)s->w[pos]) || (unsigned char)s->w[pos] >= 0xC3))
    return UNSET;
  size_t o = pos;
  while (o < s->n && o < pos + 100 && s->w[o] != '(')
    o++;
  if (o >= s->n || s->w[o] != '(' || o < pos + 2)
    return UNSET;
  size_t y = skip_sp(s, o + 1), z = y;
  if (y + 4 <= s->n && rpi_lex_is_year(s->w + y)) {
    z = y + 4;
    if (z < s->n && s->w[z] >= 'a' && s->w[z] <= 'z')
      z++;
    if (z < s->n && s->w[z] == ',')
      while (z < s->n && z < y + 24 && s->w[z] != ')')
        z++;
  } else if (at_lit(s, y, "n.d.", 4) || at_lit(s, y, "s.d.", 4) || at_lit(s, y, "s. f.", 5)) {
    z = y + (s->w[y + 2] == ' ' ? 5 : 4);
  }
  if (z == y || z >= s->n || s->w[z] != ')')
    return UNSET;
  size_t t = z + 1;
  while (t < s->n && (s->w[t] == '.' || s->w[t] == ',' || s->w[t] == ':'))
    t++;
  size_t c = skip_sp(s, t);
  if (c == t || c >= s->n ||
      !(rpi_is_upper((unsigned char)s->w[c]) || (unsigned char)s->w[c] >= 0xC2 || s->w[c] == '"' || s->w[c] == '\''))
    return UNSET;
  /* APA's work with no author puts its title there: not before an imprint
   * ("The Blackwell dictionary of cognitive psychology. (1991). Oxford,
   * England: Blackwell.") or a journal and its volume ("Good chemistry.
   * (1996, September). Wake Forest University Magazine, 44(1), p. 8") */
  size_t fe = rpi_scan_first_stop(s, c, s->n), ee = s->n;
  while (ee > c && (s->w[ee - 1] == ' ' || s->w[ee - 1] == '.'))
    ee--;
  if (fe >= ee && rpi_imprint_starts_at(s, c, s->n))
    return UNSET;
  for (size_t q = c; q + 2 < fe; q++)
    if (s->w[q] == ',' && s->w[q + 1] == ' ' && ascii_digit(s->w[q + 2])) {
      size_t k = q + 2;
      while (k < fe && ascii_digit(s->w[k]))
        k++;
      if (!at_lit(s, k, " p.", 3) && !at_lit(s, k, " S.", 3))
        return UNSET;
    }
  /* one name: no sentence end before the stop that may close it */
  size_t e = o;
  while (e > pos && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  if (e <= pos || rpi_scan_first_stop(s, pos, e) < e || rpi_scan_count_words(s, pos, e) > 10)
    return UNSET;
  bool space = false, lower = false, digit = false;
  for (size_t q = pos; q < e; q++) {
    /* CJK names have a stage of their own */
    if (s->w[q] == ',' || s->w[q] == ';' || s->w[q] == ':' || s->w[q] == '"' || (unsigned char)s->w[q] >= 0xE3)
      return UNSET;
    space |= s->w[q] == ' ';
    lower |= s->w[q] >= 'a' && s->w[q] <= 'z';
    digit |= ascii_digit(s->w[q]);
  }
  size_t n = e - pos;
  if (!space && lower && !digit && !title_word(s->w + pos, n) &&
      !rpi_lex_is_org_word(s->w + pos, n) && !rpi_lex_is_publisher(s->w + pos, n)) {
    /* "Aristotle. (1999).": one word, a person's or a body's; as a family
     * name, like single_name's "Homer." */
    rpi_namelist *nl = calloc(1, sizeof *nl);
    if (!nl)
      return UNSET;
    nl->v[0].fam_a = pos;
    nl->v[0].fam_b = e;
    nl->n = nl->total = 1;
    nl->end = e;
    rpi_fields_names(s, nl, RP_ROLE_AUTHOR);
    free(nl);
  } else {
    add_literal(s, pos, e);
  }
  size_t old_body = s->body;
  size_t d = rpi_stage_dates(s, o);
  s->body = old_body;
  return d > o ? d : UNSET;
}

size_t rpi_stage_authors_to_date(st *s, size_t pos) {
  if (s->year_a != UNSET || s->r->field[RP_FIELD_YEAR])
    return pos;
  size_t bd = body_before_date(s, pos);
  if (bd != UNSET)
    return bd;
  size_t q = pos, words = 0, last_end = pos;
  bool joined = false;
  while (q < s->n && q - pos < 320) {
    while (q < s->n && (s->w[q] == ' ' || s->w[q] == ',' || s->w[q] == ';')) {
      joined |= s->w[q] != ' ';
      q++;
    }
    if (q >= s->n)
      return pos;
    if (ascii_digit(s->w[q]) || s->w[q] == '(' || opening_quote(s, q))
      break;
    size_t e = q;
    while (e < s->n && s->w[e] != ' ' && s->w[e] != ',' && s->w[e] != ';' && s->w[e] != '(')
      e++;
    if (!name_like_word(s, q, e))
      return pos;
    joined |= s->w[q] == '&' || (e - q == 3 && memcmp(s->w + q, "and", 3) == 0);
    words++;
    last_end = e;
    q = e;
  }
  /* the date: "2015." or "(2015, June)." before a new sentence */
  /* more than two words must be a list ("Théorie et Technique
   * Homéopathiques. 1932." is a title) */
  if (q >= s->n || words == 0 || words > 48 || (pos == 0 && words < 2) || (words > 2 && !joined))
    return pos;
  /* a word or two after a list closed by its stop, with nothing joining
   * them to it, open the title: "Büchner, Georg. Woyzeck (1837)." */
  size_t le = pos; /* where the list's text ends */
  while (le > 0 && s->w[le - 1] == ' ')
    le--;
  if (!joined && le > 0 && s->w[le - 1] == '.' && words <= 2 && s->w[q] == '(') {
    /* (after an initial, a stop or a particle among the words goes on with
     * the name: "Aleni, G. SJ. (2002)", "Price, D. J. de Solla (1970)") */
    size_t w0 = skip_sp(s, pos);
    bool initial = le >= 3 && s->w[le - 3] == ' ' && rpi_is_upper((unsigned char)s->w[le - 2]);
    if (!initial || (!memchr(s->w + w0, '.', q - w0) && !(s->w[w0] >= 'a' && s->w[w0] <= 'z')))
      return pos;
  }
  /* names go on after a person's name, not after an organisation's */
  size_t na = s->r->n_names[RP_ROLE_AUTHOR];
  if (na && s->r->names[RP_ROLE_AUTHOR][na - 1].part[RP_NAME_LITERAL])
    return pos;
  if (opening_quote(s, q)) {
    /* "Feldman Stanley et Steenberger Marco R., « The Humanitarian ...":
     * a list closed by a comma before the quoted title (after a stop the
     * quote may be anything: "Briefkultur. “In: Deutsche ...") */
    size_t k = last_end;
    while (k < q && s->w[k] == ' ')
      k++;
    if (k >= q || s->w[k] != ',')
      return pos;
    names_between(s, pos, last_end, words);
    return q;
  }
  size_t z = q;
  if (s->w[z] == '(') {
    /* "(2015)", "(2015a)", "(2015, June)"; not "(1896-1969)" */
    size_t y = skip_sp(s, z + 1);
    if (y + 4 > s->n || !rpi_lex_is_year(s->w + y))
      return pos;
    y += 4;
    if (y < s->n && s->w[y] >= 'a' && s->w[y] <= 'z')
      y++;
    if (y >= s->n || (s->w[y] != ')' && s->w[y] != ','))
      return pos;
    /* not a list of years ("Hymns and Fragments (1799, 1800, 1803)") */
    if (s->w[y] == ',' && ascii_digit(s->w[skip_sp(s, y + 1)]))
      return pos;
    while (z < s->n && z - q < 32 && s->w[z] != ')')
      z++;
    if (z >= s->n || s->w[z] != ')')
      return pos;
    z++;
  } else {
    if (q + 4 > s->n || !rpi_lex_is_year(s->w + q))
      return pos;
    z = q + 4;
    if (z < s->n && s->w[z] >= 'a' && s->w[z] <= 'z')
      z++;
    if (z >= s->n || (s->w[z] != '.' && s->w[z] != ','))
      return pos;
  }
  while (z < s->n && (s->w[z] == '.' || s->w[z] == ',' || s->w[z] == ':'))
    z++;
  size_t t = skip_sp(s, z);
  unsigned char c = t < s->n ? (unsigned char)s->w[t] : 0;
  if (t == z || !((c >= 'A' && c <= 'Z') || c >= 0xC2 || c == '"' || c == '\''))
    return pos;
  /* a stop or comma before the date, or its bracket: "Lee. 2010.",
   * "BARTON, 2015."; not a year closing a title ("Skills Outlook 2013.") */
  if (s->w[q] != '(' && !(q > pos && (s->w[last_end - 1] == '.' || s->w[skip_sp(s, last_end)] == ',')))
    return pos;
  size_t old_body = s->body;
  size_t d = rpi_stage_dates(s, last_end);
  /* the unparsed stage reads from the old body on: names not read there
   * are reported */
  s->body = old_body;
  if (s->year_a == UNSET)
    return pos;
  names_between(s, pos, last_end, words);
  return d;
}

/* "Bourdieu Pierre, La Distinction. Critique ...": French lists print the
 * family name first with no comma ("NOM Prénom, Titre"); a title of two
 * capitalised words after the comma read as the given name of an
 * inverted "Bourdieu Pierre, La Distinction". When the first name's
 * family is two words or more, the last a given name of the lists and the
 * first not, and its "given name" holds no given name of the lists and no
 * initial, the name is "Bourdieu Pierre" and the list ends at the comma. */
static void family_first_before_title(const st *s, rpi_namelist *nl) {
  if (!nl->n || nl->et_al)
    return;
  const rpi_pname *f = &nl->v[0];
  if (f->literal || !f->given[0] || strchr(f->given, '.') || f->fam_b >= s->n || s->w[f->fam_b] != ',')
    return;
  /* the last word a given name, the first not ("Le Roy Ladurie
   * Emmanuel": particles may open the family) */
  size_t w2 = f->fam_b;
  while (w2 > f->fam_a && s->w[w2 - 1] != ' ')
    w2--;
  size_t w1e = f->fam_a;
  while (w1e < f->fam_b && s->w[w1e] != ' ')
    w1e++;
  if (w2 <= f->fam_a || f->fam_b - f->fam_a > 48 || !rpi_lex_is_given_name(s->w + w2, f->fam_b - w2) ||
      rpi_lex_is_given_name(s->w + f->fam_a, w1e - f->fam_a))
    return;
  /* a particle first needs a family word after it besides the given
   * name: "Le Jan, Régine" is a family "Le Jan" */
  size_t l1 = w1e - f->fam_a;
  bool particle = rpi_lex_is_particle(s->w + f->fam_a, l1) || rpi_lex_is_cap_particle(s->w + f->fam_a, l1);
  if (particle && skip_sp(s, w1e) >= w2)
    return;
  for (const char *g = f->given; *g;) {
    size_t n = strcspn(g, " -");
    if (n && rpi_lex_is_given_name(g, n))
      return;
    g += n;
    while (*g == ' ' || *g == '-')
      g++;
  }
  size_t gl = f->fam_b - w2, fe = w2;
  while (fe > f->fam_a && s->w[fe - 1] == ' ')
    fe--;
  if (gl + 1 > sizeof nl->v[0].given)
    return;
  rpi_pname *v = &nl->v[0];
  size_t end = v->fam_b;
  memcpy(v->given, s->w + w2, gl);
  v->given[gl] = '\0';
  v->fam_b = fe;
  v->suffix[0] = '\0';
  v->family_first = true;
  nl->n = nl->total = 1;
  nl->end = end;
}

/* "Roxin, Claus, Strafrecht Allgemeiner Teil, Band I, 4. Aufl.", "Stern,
 * Klaus, Das Staatsrecht ..., Bd. 1, 2. Aufl.": a German volume's label
 * read as a given name ("Band I.", "Bd.") ends the list at the comma
 * before that "name", which is the title with its volume. */
static void volume_label_names(st *s, size_t start, rpi_namelist *nl) {
  for (size_t i = 1; i < nl->n; i++) {
    const char *g = nl->v[i].given;
    if (strncmp(g, "Bd.", 3) == 0 || strncmp(g, "Band ", 5) == 0 || strcmp(g, "Band") == 0) {
      size_t lim = comma_before_name(s, start, nl, i);
      if (lim != UNSET)
        keep_names_to(s, start, lim, i, nl);
      return;
    }
  }
}

/* Chicago's film credit: "Hitchcock, Alfred, dir. Vertigo. Paramount
 * Pictures, 1958." - ", dir." after the names is the director's (as
 * MLA's ", director."), not the French editor's mark, when a studio's or
 * a film medium's word follows ("Pictures", "Studio", "Films",
 * "Entertainment", "Productions", "DVD", "Blu-ray"). Returns the end
 * after the mark, or 0. */
static size_t film_director_mark(const st *s, size_t i) {
  size_t k = skip_sp(s, i);
  if (k >= s->n || s->w[k] != ',')
    return 0;
  k = skip_sp(s, k + 1);
  if (!at_lit(s, k, "dir. ", 5))
    return 0;
  static const char *const film[] = {" Pictures", " Studio", " Films", " Entertainment", " Productions",
                                     " DVD",      " Blu-ray", NULL};
  for (size_t f = 0; film[f]; f++)
    if (rpi_scan_has_lit(s, k + 5, s->n, film[f], strlen(film[f])))
      return k + 4;
  return 0;
}

/* A name list read by names.c (nl), with its editor mark, a last author
 * after an ellipsis and role-marked creators. Returns where it ends. */
static size_t name_list(st *s, rpi_namelist *nl) {
  drop_title_names(s, skip_sp(s, 0), nl);
  family_first_before_title(s, nl);
  comma_title_name(s, skip_sp(s, 0), nl);
  dangling_connector(s, skip_sp(s, 0), nl);
  title_as_last_name(s, skip_sp(s, 0), nl);
  volume_label_names(s, skip_sp(s, 0), nl);
  size_t film = film_director_mark(s, nl->end);
  if (film) {
    rpi_fields_names(s, nl, RP_ROLE_AUTHOR);
    if (!s->medium)
      s->medium = RP_TYPE_MOTION_PICTURE + 1;
    return film;
  }
  size_t mark = rpi_scan_editor_mark(s, nl->end);
  bool edited = mark || mark_after_date(s, nl->end);
  rpi_fields_names(s, nl, edited ? RP_ROLE_EDITOR : RP_ROLE_AUTHOR);
  size_t pos = mark ? mark : nl->end;
  if (!edited && !nl->et_al)
    pos = last_after_ellipsis(s, pos);
  if (!edited)
    pos = role_names(s, pos);
  return pos;
}

/* "ATLAS Collaboration, K. Ostrander et al., Phys. Lett. B": after a
 * collaboration and its comma, names with initials that end in "et al."
 * or a comma are authors too. Returns where the names end, or pos. */
static size_t names_after_collaboration(st *s, size_t oe, size_t pos, rpi_namelist *nl) {
  size_t c = oe; /* the comma, at or just before oe */
  while (c > 0 && s->w[c - 1] == ' ')
    c--;
  if (c > 0 && s->w[c - 1] == ',')
    c--;
  if (c >= s->n || s->w[c] != ',' || !team_word(s, 0, c))
    return pos;
  size_t k = skip_sp(s, c + 1);
  if (!rpi_names_parse(s->w, k, s->n, nl) || !nl->n || !strchr(nl->v[0].given, '.'))
    return pos;
  size_t e = skip_sp(s, nl->end);
  if (!nl->et_al && !(e < s->n && s->w[e] == ','))
    return pos;
  rpi_fields_names(s, nl, RP_ROLE_AUTHOR);
  return nl->end;
}

/* "IceCube Collaboration, et al. Title", "World Health Organization, et
 * al.": the "et al." after a body read as the author closes the list; it
 * is taken (and the list marked so), not left to open the title. Returns
 * where it ends, or pos. */
static size_t etal_after_body(st *s, size_t pos) {
  size_t k = skip_sp(s, pos);
  if (k < s->n && s->w[k] == ',')
    k = skip_sp(s, k + 1);
  if (!at_lit(s, k, "et al", 5) || (k + 5 < s->n && ascii_alpha(s->w[k + 5])))
    return pos;
  size_t e = k + 5 + (k + 5 < s->n && s->w[k + 5] == '.');
  s->r->et_al[RP_ROLE_AUTHOR] = true;
  blank(s, k, e);
  return e;
}

/* "12-SEIDENBERG, B.; GARROW, E.", "32-Sharma D, Jelacic J": a list
 * number glued to the first name by a hyphen, which the list markers do
 * not take. When a list of two names or more follows it, it is the
 * citation number (unless one was read) and is consumed. */
static void glued_number(st *s, rpi_namelist *nl) {
  size_t k = skip_sp(s, 0), d = k;
  while (d < s->n && d - k < 3 && ascii_digit(s->w[d]))
    d++;
  if (d == k || d + 2 >= s->n || s->w[d] != '-')
    return;
  unsigned cp;
  rpi_utf8_decode((const unsigned char *)s->w + d + 1, s->n - d - 1, &cp);
  if (!rpi_is_upper(cp) || rpi_names_parse(s->w, d + 1, s->n, nl) < 2 || nl->v[0].fam_a != d + 1)
    return;
  if (!s->r->field[RP_FIELD_CITATION_NUMBER])
    rpi_fields_set(s, RP_FIELD_CITATION_NUMBER, k, d);
  blank(s, k, d + 1);
}

/* "*Smith, J. (1990). Title", "*Barker, Kenneth L., Bruce K. Waltke":
 * the asterisk that marks a study of a meta-analysis (APA) or a starred
 * entry of an annotated list, glued to the first name, which the list
 * markers take only before a space. When a name list follows it, it is
 * left out with a warning. */
static void glued_star(st *s, rpi_namelist *nl) {
  size_t k = skip_sp(s, 0);
  /* ... and a '?' or U+FFFD that stands for a character lost in the
   * list's extraction ("59. ?Childs JD, Whitman JM, ...") */
  size_t l = k + 3 < s->n && at_lit(s, k, "\xef\xbf\xbd", 3) ? 3 : 1;
  if (k + l + 1 >= s->n || (l == 1 && s->w[k] != '*' && s->w[k] != '?'))
    return;
  unsigned cp;
  rpi_utf8_decode((const unsigned char *)s->w + k + l, s->n - k - l, &cp);
  if (!rpi_is_upper(cp) || !rpi_names_parse(s->w, k + l, s->n, nl) || nl->v[0].fam_a != k + l)
    return;
  char mark[4];
  memcpy(mark, s->w + k, l);
  mark[l] = '\0';
  rpi_fields_warn(s, RP_WARN_UNPARSED, k, k + l, mark);
  blank(s, k, k + l);
}

/* "Furhmann, T.* & Blikstein, P.", "Davis, R.,* Bumbacher, E.", "Sarver,
 * E., Krometis, L., *Cook, N.", "Berg, L.* (2019)": CVs and reports mark
 * student or corresponding authors with an asterisk at a name's end or
 * start, inside the list. A star right after the list read so far (past a
 * comma or a space), before a comma, '&', "and", a bracket or a capital, is
 * left out with a warning and the list read again. Nothing is done
 * without a '*' in the text. */
static void inner_stars(st *s, rpi_namelist *nl) {
  if (!memchr(s->w, '*', s->n))
    return;
  for (int round = 0; round < 16; round++) {
    size_t k = skip_sp(s, 0);
    if (!rpi_names_parse(s->w, k, s->n, nl) || !nl->n)
      return;
    size_t p = nl->end;
    while (p < s->n && p < nl->end + 3 && (s->w[p] == ' ' || s->w[p] == ','))
      p++;
    if (p >= s->n || s->w[p] != '*')
      return;
    size_t q = p + 1;
    while (q < s->n && (s->w[q] == ' ' || s->w[q] == ','))
      q++;
    if (q >= s->n)
      return;
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + q, s->n - q, &cp);
    if (!(cp == '&' || cp == '(' || rpi_is_upper(cp) || (q + 4 < s->n && memcmp(s->w + q, "and ", 4) == 0)))
      return;
    /* glued before a word, only a family name and its comma ("*Cook, N."):
     * "Hartley, P. *Tidal Energy Systems*" sets the title in Markdown */
    if (q == p + 1) {
      size_t we = q;
      while (we < s->n && s->w[we] != ' ' && s->w[we] != ',' && s->w[we] != '*')
        we++;
      if (we >= s->n || s->w[we] != ',')
        return;
    }
    rpi_fields_warn(s, RP_WARN_UNPARSED, p, p + 1, "*");
    blank(s, p, p + 1);
  }
}

/* "Cf. R. Williams, Culture and Society", "See also P. Anderson,
 * Lineages", "See E. P. Thompson, The Making", "See Smith, J. (2001)",
 * "Vgl. Weber, Max: Wirtschaft": a footnote's signal before the names.
 * Most signals before any name list; "See", "Compare", "Voir" and "Siehe"
 * only before an initial or before a family name, its comma and
 * initials ("See, J." and "See JK" are names). When a name list follows,
 * the signal is left out with a warning. */
static void signal_word(st *s, rpi_namelist *nl) {
  static const struct {
    const char *w;
    size_t n;
    bool initial;
  } sig[] = {{"Cf. ", 4, false},        {"cf. ", 4, false},          {"Cfr. ", 5, false},
             {"See also ", 9, false},   {"see also ", 9, false},     {"See, e.g., ", 11, false},
             {"See e.g. ", 9, false},   {"See e.g., ", 10, false},   {"See, e.g. ", 10, false},
             {"E.g., ", 6, false},      {"e.g., ", 6, false},        {"See generally ", 14, false},
             {"But see ", 8, false},    {"but see ", 8, false},      {"Vgl. ", 5, false},
             {"vgl. ", 5, false},       {"See ", 4, true},           {"see ", 4, true},
             {"Compare ", 8, true},     {"Voir ", 5, true},          {"Siehe ", 6, true}};
  size_t k = skip_sp(s, 0);
  /* every signal opens with one of these letters */
  if (k >= s->n || !memchr("CSEBVcsebv", s->w[k], 10))
    return;
  for (size_t i = 0; i < sizeof sig / sizeof sig[0]; i++) {
    if (k + sig[i].n + 3 >= s->n || memcmp(s->w + k, sig[i].w, sig[i].n) != 0)
      continue;
    size_t a = skip_sp(s, k + sig[i].n);
    if (a + 3 >= s->n || !rpi_is_upper((unsigned char)s->w[a]))
      return;
    bool initial = s->w[a + 1] == '.' && s->w[a + 2] == ' ';
    if (!rpi_names_parse(s->w, a, s->n, nl) || nl->v[0].fam_a < a)
      return;
    /* "See Smith, J.": the family name, its comma, then initials */
    if (sig[i].initial && !initial &&
        !(nl->v[0].fam_a == a && nl->v[0].fam_b < s->n && s->w[nl->v[0].fam_b] == ',' &&
          strchr(nl->v[0].given, '.')))
      return;
    char msg[16];
    snprintf(msg, sizeof msg, "%.*s", (int)(sig[i].n - 1), sig[i].w);
    rpi_fields_warn(s, RP_WARN_UNPARSED, k, k + sig[i].n - 1, msg);
    blank(s, k, a);
    return;
  }
}

/* "1994: Ulf Preuss-Lausitz: Title", "2001 Susan Schech and Jane Haggis,
 * “Title”": a year heading the reference (a list sorted by year) before
 * the names. Returns where the names would start, or 0. */
static size_t leading_year(const st *s, size_t y) {
  if (y + 6 > s->n || !rpi_scan_all_digits(s, y, y + 4) || !rpi_lex_is_year(s->w + y))
    return 0;
  size_t k = y + 4;
  if (s->w[k] == ':' || s->w[k] == '.')
    k++;
  if (k >= s->n || s->w[k] != ' ')
    return 0;
  k = skip_sp(s, k);
  unsigned cp = 0;
  if (k >= s->n || !rpi_utf8_decode((const unsigned char *)s->w + k, s->n - k, &cp) || !rpi_is_upper(cp))
    return 0;
  return k;
}

/* The previous entry's names printed as dashes at k (rpi_ditto_len).
 * Returns the end past its separators, or 0. */
static size_t ditto_end(const st *s, size_t k) {
  size_t l = k < s->n ? rpi_ditto_len(s->w + k, s->n - k) : 0;
  return l ? k + l : 0;
}

/* Whether w[a, b) is a capitalised word: a capital, then letters, hyphens
 * or apostrophes with one lower-case letter at least ("Grünwald",
 * "O'Brien", "Chiluisa"). */
static bool cap_word(const st *s, size_t a, size_t b) {
  bool lower = false;
  for (size_t q = a; q < b;) {
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s->w + q, b - q, &cp);
    if (!l)
      return false;
    if (q == a ? !rpi_is_upper(cp) : !(rpi_is_letter(cp) || cp == '-' || cp == '\'' || cp == 0x2019))
      return false;
    lower |= rpi_is_lower(cp);
    q += l;
  }
  return lower;
}

/* "Foster ZS Sharpton TJ Grünwald NJ: Metacoder ...", "Liu SM Zhong J Zhao
 * XJ. Analysis ...": Vancouver names with no comma between them (lists
 * rendered from tagged names without their separators). Two names or more,
 * each one to three capitalised words and a block of one to three capitals,
 * single spaces between, a colon or a period and a space right after the
 * last block. Reads each name alone into nl; true when it did. */
static bool spaced_vancouver(st *s, size_t a, rpi_namelist *nl) {
  size_t ga[16], gb[16], ng = 0, words = 0, g0 = a, end = UNSET;
  for (size_t q = a; end == UNSET;) {
    size_t e = q;
    while (e < s->n && s->w[e] != ' ' && s->w[e] != ':' && s->w[e] != '.')
      e++;
    bool caps = e > q && e - q <= 3;
    for (size_t k = q; k < e && caps; k++)
      caps = s->w[k] >= 'A' && s->w[k] <= 'Z';
    if (caps && words) {
      if (ng == sizeof ga / sizeof *ga)
        return false;
      ga[ng] = g0, gb[ng++] = e, words = 0;
      if (e < s->n && (s->w[e] == ':' || s->w[e] == '.'))
        end = e;
    } else {
      if (caps || ++words > 3 || !cap_word(s, q, e))
        return false;
      if (words == 1)
        g0 = q;
    }
    if (end == UNSET) {
      if (e + 1 >= s->n || s->w[e] != ' ' || s->w[e + 1] == ' ')
        return false;
      q = e + 1;
    }
  }
  if (ng < 2 || end + 1 >= s->n || s->w[end + 1] != ' ')
    return false;
  rpi_namelist one;
  for (size_t i = 0; i < ng; i++) {
    rpi_namelist *d = i ? &one : nl;
    if (rpi_names_parse(s->w, ga[i], gb[i], d) != 1 || d->end != gb[i] || !rpi_names_vancouver(d))
      return false;
    if (i)
      nl->v[nl->n++] = one.v[0];
  }
  nl->total = nl->n;
  nl->end = end;
  return true;
}

/* "Aharonian F.A., et al. (HESS collaboration), 2006", "RENO Collab. (J.
 * K. Ahn et al.), Phys. Rev. Lett.", "Céline, Louis-Ferdinand
 * (Louis-Ferdinand Destouches). Mort à crédit", "FOREST, Jacques (ESG,
 * UQAM). Théorie ...": a bracket right after the names, holding no digit
 * and no role mark, is not the title. A collaboration, or names closed by
 * "et al.", join the authors; anything else (a real name or a nickname, an
 * acronym, an affiliation) is reported as unparsed. Either way the bracket
 * is taken out. Returns where the rest starts: after the bracket, or pos. */
static size_t names_aside(st *s, size_t pos) {
  if (!pos || !s->r->n_names[RP_ROLE_AUTHOR])
    return pos;
  size_t k = skip_sp(s, pos);
  if (k < s->n && s->w[k] == ',')
    k = skip_sp(s, k + 1);
  if (k >= s->n || (s->w[k] != '(' && s->w[k] != '[') || rpi_scan_editor_mark(s, k))
    return pos;
  char close = s->w[k] == '(' ? ')' : ']';
  size_t c = k + 1;
  while (c < s->n && c - k < 100 && s->w[c] != ')' && s->w[c] != ']' && s->w[c] != '(' && s->w[c] != '[' &&
         !ascii_digit(s->w[c]))
    c++;
  size_t a = k + 1, b = c;
  trim(s->w, &a, &b);
  if (c >= s->n || s->w[c] != close || b <= a || !rpi_is_upper((unsigned char)s->w[a]) ||
      rpi_scan_count_words(s, a, b) > 6)
    return pos;
  /* "[CMS Collaboration]": a square bracket holds a collaboration only */
  if (close == ']' && team_word(s, a, b) != 2)
    return pos;
  /* a separator after it, or the date's bracket ("(Weltliche) Eliten: ..."
   * opens a title); not more names ("(Alexei Maximovich Peshkov), et al.") */
  size_t z = c + 1, z2 = skip_sp(s, z + (z < s->n && s->w[z] == ','));
  if (z < s->n && s->w[z] != '.' && s->w[z] != ',' && s->w[z] != ':' &&
      !(s->w[z] == ' ' && z2 + 1 < s->n && s->w[z2] == '(' && ascii_digit(s->w[z2 + 1])))
    return pos;
  if (at_lit(s, z2, "et al", 5))
    return pos;
  /* one word with a period is a mark of some role ("(Comp.)"), not this */
  if (s->w[b - 1] == '.' && !memchr(s->w + a, ' ', b - a))
    return pos;
  rpi_namelist *el = malloc(sizeof *el);
  if (!el)
    return pos;
  if (team_word(s, a, b) == 2 || rpi_scan_has_lit(s, a, b, "ollaboration", 12)) {
    rpi_fields_literal_name(s, a, b, RP_ROLE_AUTHOR);
  } else if (rpi_names_parse(s->w, a, b, el) && el->et_al && skip_sp(s, el->end) >= b) {
    rpi_fields_names(s, el, RP_ROLE_AUTHOR);
    s->r->et_al[RP_ROLE_AUTHOR] = true;
  } else {
    char msg[112];
    snprintf(msg, sizeof msg, "%.*s", (int)(c + 1 - k), s->w + k);
    rpi_fields_warn(s, RP_WARN_UNPARSED, k, c + 1, msg);
  }
  free(el);
  blank(s, k, c + 1);
  return c + 1;
}

/* "Abrahamyan, S., et al.: PREX Collaboration. Phys. Rev. Lett.": a
 * collaboration after the names and a colon or comma, up to a stop or
 * comma, is an author too, not the title. Returns where the rest starts,
 * or pos. */
static size_t collaboration_after(st *s, size_t pos) {
  if (!pos || !s->r->n_names[RP_ROLE_AUTHOR])
    return pos;
  size_t k = skip_sp(s, pos);
  if (k < s->n && (s->w[k] == ':' || s->w[k] == ','))
    k = skip_sp(s, k + 1);
  if (k >= s->n || !rpi_is_upper((unsigned char)s->w[k]) ||
      !rpi_scan_has_lit(s, k, s->n - k < 80 ? s->n : k + 80, "ollab", 5))
    return pos;
  size_t e = k;
  while (e < s->n && e - k < 80 && s->w[e] != ',' && !(s->w[e] == '.' && (e + 1 >= s->n || s->w[e + 1] == ' ')))
    e++;
  if (e >= s->n || e - k >= 80 || team_word(s, k, e) != 2 || rpi_scan_count_words(s, k, e) > 6)
    return pos;
  rpi_fields_literal_name(s, k, e, RP_ROLE_AUTHOR);
  blank(s, k, e);
  return e + 1;
}

/* A reference that opens with a whole quoted title followed by its stop,
 * a comma or a bracket ('"About us". BBC News. Retrieved ...', '"Annual
 * Report 2019" (PDF). WHO.', Wikipedia's cite web with no author) names
 * no one before it: true then. */
static bool quoted_title_first(const st *s, size_t k) {
  if (k >= s->n || !opening_quote(s, k))
    return false;
  const char *close = s->w[k] == '"' ? "\"" : at_lit(s, k, "\xc2\xab", 2) ? "\xc2\xbb"
                      : at_lit(s, k, "\xe2\x80\x98", 3)                   ? "\xe2\x80\x99"
                                                                            : "\xe2\x80\x9d";
  size_t ol = s->w[k] == '"' ? 1 : at_lit(s, k, "\xc2\xab", 2) ? 2 : 3, cl = strlen(close);
  size_t lim = k + 400 < s->n ? k + 400 : s->n;
  for (size_t q = k + ol + 1; q + cl <= lim; q++) {
    if (!at_lit(s, q, close, cl) && !(ol == 3 && s->w[k + 2] == '\x9e' && at_lit(s, q, "\xe2\x80\x9c", 3)))
      continue;
    /* (a stop inside the quote, '"Committee." Title', may close a quoted name) */
    size_t a = skip_sp(s, q + cl);
    return a == s->n || s->w[a] == '.' || s->w[a] == ',' || s->w[a] == '(';
  }
  return false;
}

size_t rpi_stage_authors(st *s) {
  rp_result *r = s->r;
  size_t pos = 0;
  /* "———. Passing Time. London: Faber": the names are the previous
   * entry's; the title comes first */
  size_t dd = ditto_end(s, skip_sp(s, 0));
  if (dd) {
    blank(s, skip_sp(s, 0), dd);
    /* "———, ed. 1999. Essays": the previous entry's names as editors
     * (their role mark goes; there is no name to give the role) */
    size_t k = skip_sp(s, dd), mk = rpi_scan_editor_mark(s, k);
    if (mk && mk > k && mk - k < 40) {
      char msg[48];
      snprintf(msg, sizeof msg, "%.*s", (int)(mk - k), s->w + k);
      rpi_fields_warn(s, RP_WARN_UNPARSED, k, mk, msg);
      blank(s, k, mk);
    }
    return 0;
  }
  /* "Phys Lett B. 2011;702(3):150-155.": a journal cited without names
   * or title, which NLM's abbreviation reads like a name ("Phys Lett B"
   * as "Surname Surname I") */
  if (journal_then_year(s, skip_sp(s, 0)) || quoted_title_first(s, skip_sp(s, 0)))
    return 0;
  rpi_namelist *nl = malloc(sizeof *nl);
  if (!nl)
    return UNSET;
  glued_number(s, nl);
  glued_star(s, nl);
  inner_stars(s, nl);
  signal_word(s, nl);
  /* the year is the date; the names follow it */
  size_t y0 = skip_sp(s, 0), ly = leading_year(s, y0);
  if (ly && rpi_names_parse(s->w, ly, s->n, nl)) {
    /* a name list that ends at a separator, a colon only after "1994:"
     * ("1968 Tzeltal Numerical Classifiers: A Study" is a title), and
     * opens with a given name of the lexicon or initials ("2001: A Space
     * Odyssey" is a title too) */
    size_t k = skip_sp(s, nl->end);
    unsigned cp = 0;
    if (k < s->n)
      rpi_utf8_decode((const unsigned char *)s->w + k, s->n - k, &cp);
    const char *g = nl->n ? nl->v[0].given : "";
    bool named = rpi_lex_is_given_name(g, strcspn(g, " ")) || (g[0] && g[1] == '.');
    if (named && ((cp == ':' && s->w[y0 + 4] == ':') || cp == ',' || cp == '.' || cp == '(' || cp == '"' ||
                  cp == 0x201C || cp == 0xAB)) {
      rpi_fields_year(s, y0, y0 + 4);
      blank(s, y0, ly);
    }
  }
  size_t oe = cjk_authors(s, skip_sp(s, 0));
  if (!oe && (pos = single_name_title(s, skip_sp(s, 0), nl)) != 0) {
    free(nl);
    return pos;
  }
  if (!oe)
    oe = acronym_expanded(s, skip_sp(s, 0));
  if (!oe)
    oe = name_with_acronym(s, skip_sp(s, 0));
  if (!oe)
    oe = org_author(s, skip_sp(s, 0));
  size_t nn = oe                                      ? 0
              : spaced_vancouver(s, skip_sp(s, 0), nl) ? nl->n
                                                       : rpi_names_parse(s->w, skip_sp(s, 0), s->n, nl);
  if (oe) {
    pos = org_editor(s, oe);
    if (!r->n_names[RP_ROLE_EDITOR])
      pos = names_after_collaboration(s, oe, pos, nl);
    pos = etal_after_body(s, pos);
  } else if (nn) {
    pos = name_list(s, nl);
  } else {
    size_t e = caps_author(s, skip_sp(s, 0));
    if (e)
      pos = e;
  }
  if (!r->n_names[RP_ROLE_AUTHOR] && !r->n_names[RP_ROLE_EDITOR] && pos == 0)
    pos = single_name(s, skip_sp(s, 0), nl);
  if (!r->n_names[RP_ROLE_AUTHOR] && !r->n_names[RP_ROLE_EDITOR] && pos == 0)
    pos = word_before_year(s, skip_sp(s, 0), nl);
  if (!r->n_names[RP_ROLE_AUTHOR] && !r->n_names[RP_ROLE_EDITOR] && pos == 0)
    names_after_title(s, nl);
  if (!r->n_names[RP_ROLE_AUTHOR] && !r->n_names[RP_ROLE_EDITOR] && pos == 0)
    names_before_year(s, nl);
  pos = name_was_title(s, pos);
  pos = names_aside(s, pos);
  pos = collaboration_after(s, pos);
  free(nl);
  return pos;
}
