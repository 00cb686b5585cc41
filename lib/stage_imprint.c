/*
 * stage_imprint.c: the edition and version statements, and a publisher
 * named after a journal locator ("... 1757-1781. DOVE MEDICAL PRESS LTD.").
 */
#include "stage.h"

#include <string.h>

#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "names.h"
#include "scan.h"

/* Citing Medicine's version statement, a sentence of its own right after
 * the title's medium in brackets: "tidyspec [computer program]. Version
 * 1.3.2. Zenodo; 2021.", "[dataset]. Version 2. Mendeley Data; 2021.".
 * The version (one token holding a digit) is kept and the sentence taken
 * out, so that the imprint after it reads alone. */
static void version_sentence(st *s, size_t pos) {
  if (s->r->field[RP_FIELD_VERSION] || !rpi_scan_has_lit(s, pos, s->n, "]. Version ", 11))
    return;
  for (size_t q = pos + 3; q + 10 < s->n; q++) {
    if (s->w[q] != 'V' || s->w[q - 1] != ' ' || s->w[q - 2] != '.' || s->w[q - 3] != ']' ||
        !at_lit(s, q, "Version ", 8))
      continue;
    size_t va = q + 8, e = va;
    bool digit = false;
    while (e < s->n && s->w[e] != ' ')
      digit |= ascii_digit(s->w[e++]);
    size_t ve = e;
    while (ve > va && s->w[ve - 1] == '.')
      ve--;
    if (!digit || ve == e || ve - va > 20)
      continue; /* the sentence ends with the version */
    rpi_fields_set(s, RP_FIELD_VERSION, va, ve);
    blank(s, q, e);
    return;
  }
}

/* ACS's editors, the segment [a, b) before the imprint's: "McCleverty, J.
 * A., Meyer, T. J., Eds." Sets them; true when it did. */
static bool acs_editors(st *s, size_t a, size_t b) {
  rpi_namelist el;
  if (s->r->n_names[RP_ROLE_EDITOR] || !rpi_names_parse_any(s->w, a, b, &el))
    return false;
  size_t m = rpi_scan_editor_mark(s, el.end);
  if (!m)
    return false;
  while (m < b && (s->w[m] == ' ' || s->w[m] == '.'))
    m++;
  if (m != b)
    return false;
  rpi_fields_names(s, &el, RP_ROLE_EDITOR);
  return true;
}

/* ACS's imprint, a segment of its own between semicolons: "Chemistry: The
 * Central Science, 14th ed.; Pearson: Boston, MA, 2017.", "In Book;
 * McCleverty, J. A., Meyer, T. J., Eds.; Elsevier: Oxford, 2004; Vol. 1,
 * pp 23-45." A publisher of one to six words without digits, its colon, a
 * place of at most five words and the year close the segment. Sets
 * publisher, place and (when none was read) the year, and takes the
 * segment out with its semicolon; the editors' segment before it, when
 * there is one, too (as the editors). */
void rpi_stage_imprint_acs(st *s, size_t pos) {
  if (s->r->field[RP_FIELD_PUBLISHER])
    return;
  for (const char *h = memchr(s->w + pos, ';', s->n - pos); h; h = memchr(h + 1, ';', s->n - (size_t)(h + 1 - s->w))) {
    size_t q = (size_t)(h - s->w), a = skip_sp(s, q + 1);
    if (q < pos + 8 || a >= s->n || !(s->w[a] >= 'A' && s->w[a] <= 'Z'))
      continue;
    const char *nx = memchr(s->w + a, ';', s->n - a);
    size_t b = nx ? (size_t)(nx - s->w) : s->n, e = b;
    while (e > a && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
      e--;
    const char *co = memchr(s->w + a, ':', e - a);
    if (!co || e < a + 10 || !rpi_scan_all_digits(s, e - 4, e) || !rpi_lex_is_year(s->w + e - 4) ||
        s->w[e - 5] != ' ' || s->w[e - 6] != ',')
      continue;
    size_t c = (size_t)(co - s->w), pa = skip_sp(s, c + 1), pe = e - 6;
    size_t ua = a, ue = c;
    trim(s->w, &ua, &ue);
    trim(s->w, &pa, &pe);
    if (ue <= ua || pe <= pa || rpi_scan_count_words(s, ua, ue) > 6 || rpi_scan_count_words(s, pa, pe) > 5 ||
        !(s->w[pa] >= 'A' && s->w[pa] <= 'Z'))
      continue;
    /* the publisher first, not a place ("Berlin; Heidelberg: Springer
     * Vieweg, 2014" is a place list, then the publisher); the place, its
     * first comma segment, no publisher */
    const char *pc = memchr(s->w + pa, ',', pe - pa);
    size_t p1 = pc ? (size_t)(pc - s->w) : pe;
    if (rpi_lex_is_city(s->w + ua, ue - ua) || rpi_imprint_has_publisher_word(s, pa, pe) ||
        !(rpi_lex_is_city(s->w + pa, p1 - pa) || rpi_imprint_has_publisher_word(s, ua, ue)))
      continue;
    bool bad = false;
    for (size_t k = ua; k < pe && !bad; k++)
      bad = ascii_digit(s->w[k]) || s->w[k] == '(' || s->w[k] == '"' || (k > c && s->w[k] == ':');
    if (bad)
      continue;
    rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ue);
    rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pe);
    if (!s->r->field[RP_FIELD_YEAR])
      rpi_fields_year(s, e - 4, e);
    blank(s, q, b);
    /* the editors' segment before it */
    size_t p0 = q;
    while (p0 > pos && s->w[p0 - 1] != ';')
      p0--;
    if (p0 > pos + 8) {
      size_t ea = skip_sp(s, p0), eb = q;
      while (eb > ea && s->w[eb - 1] == ' ')
        eb--;
      if (ea < eb && acs_editors(s, ea, eb))
        blank(s, p0 - 1, q);
    }
    return;
  }
}

/* GB/T 7714's and Japanese edition statements, a sentence of their own:
 * "[M]. 4版. 北京:", "[M]. 第2版. 上海:", "第3版." (版 after the number,
 * 第 before it optional). Sets the edition to the number and takes the
 * statement out. */
static void cjk_edition(st *s, size_t pos) {
  static const char ban[] = "\xe7\x89\x88", di[] = "\xe7\xac\xac"; /* 版 第 */
  if (!rpi_scan_has_lit(s, pos, s->n, ban, 3))
    return;
  for (size_t q = pos + 1; q + 4 < s->n; q++) {
    if (!ascii_digit(s->w[q]) || ascii_digit(s->w[q - 1]))
      continue;
    size_t e = q;
    while (e < s->n && ascii_digit(s->w[e]))
      e++;
    if (e - q > 2 || e + 3 > s->n || memcmp(s->w + e, ban, 3) != 0)
      continue;
    size_t a = q;
    if (a >= pos + 3 && memcmp(s->w + a - 3, di, 3) == 0)
      a -= 3;
    size_t z = e + 3;
    /* a sentence of its own: after ". " and before "." or "," */
    if (a < pos + 2 || s->w[a - 1] != ' ' || s->w[a - 2] != '.' ||
        (z < s->n && s->w[z] != '.' && s->w[z] != ','))
      continue;
    rpi_fields_set(s, RP_FIELD_EDITION, q, e);
    blank(s, a, z < s->n ? z + 1 : z);
    return;
  }
}

/* The length of the edition keyword at k ("ed.", "edn", "edition",
 * "Aufl.", "Auflage", "\xc3\xa9" "d.", "\xc3\xa9" "dition", "edici\xc3\xb3" "n"),
 * with its stop; 0 when none stands there. */
static size_t edition_word(const st *s, size_t k) {
  static const char *const kw[] = {"edition", "Edition", "edn.", "edn", "ed.", "Ed.", "Auflage", "Aufl.",
                                   "\xc3\xa9" "dition", "\xc3\xa9" "d.", "edici\xc3\xb3" "n", NULL};
  for (size_t i = 0; kw[i]; i++) {
    size_t l = strlen(kw[i]);
    if (at_lit(s, k, kw[i], l) && (k + l >= s->n || !ascii_alpha(s->w[k + l])))
      return l;
  }
  return 0;
}

/* Whether [k, we) is one of the words qual lists (lower case), or it
 * with a capital first letter. */
static bool qualifier(const st *s, const char *const *qual, size_t k, size_t we) {
  for (size_t i = 0; qual[i] && we > k; i++) {
    size_t l = strlen(qual[i]);
    if (we - k == l && (at_lit(s, k, qual[i], l) || (s->w[k] == qual[i][0] - 32 && at_lit(s, k + 1, qual[i] + 1, l - 1))))
      return true;
  }
  return false;
}

/* "3rd rev. ed.", "25th anniversary ed.", "2., \xc3\xbcberarb. Aufl.", "6.
 * \xc3\xbcberarbeitete und erweiterte Auflage", "2e \xc3\xa9d. rev. et augm." (the
 * pattern reads the last), "2nd revised and expanded edition": an
 * edition's number and ordinal, one to four words that qualify it, then
 * the keyword (or after it: ABNT's "6. ed. rev. e atual."). Sets the edition to the number and takes the statement out
 * (a bracket round it too). True when it did. */
static bool qualified_edition(st *s, size_t pos) {
  static const char *const qual[] = {"rev", "revised", "anniversary", "expanded", "enlarged", "corrected", "augm",
                                     "augment\xc3\xa9" "e", "and", "et", "und", "\xc3\xbc" "berarb",
                                     "\xc3\xbc" "berarbeitete", "erw", "erweiterte", "aktualisierte", "durchges",
                                     "durchgesehene", "neubearb", "neubearbeitete", "e", "y", "atual", "ampl", "aum",
                                     "corr", NULL};
  if (!(has_word(s, "ed", 2) || has_word(s, "aufl", 4) || rpi_scan_has_lit(s, pos, s->n, "\xc3\xa9" "d", 3)))
    return false;
  /* (a word of the list that is no connector: its letter pairs) */
  if (!(has_word(s, "rev", 3) || has_word(s, "anniversary", 11) || has_word(s, "expanded", 8) ||
        has_word(s, "enlarged", 8) || has_word(s, "corr", 4) || has_word(s, "augm", 4) || has_word(s, "berarb", 6) ||
        has_word(s, "erw", 3) || has_word(s, "aktualisierte", 13) || has_word(s, "durchges", 8) ||
        has_word(s, "neubearb", 8) || has_word(s, "atual", 5) || has_word(s, "ampl", 4) || has_word(s, "aum", 3)))
    return false;
  for (size_t q = pos; q + 6 < s->n; q++) {
    if (!ascii_digit(s->w[q]) || (q > 0 && (ascii_digit(s->w[q - 1]) || ascii_alpha(s->w[q - 1]))))
      continue;
    size_t e = q;
    while (e < s->n && ascii_digit(s->w[e]))
      e++;
    if (e - q > 3) {
      q = e;
      continue;
    }
    size_t k = e;
    /* the ordinal: "rd", ".", "e", "er", "\xc3\xa8me" */
    if (at_lit(s, k, "st", 2) || at_lit(s, k, "nd", 2) || at_lit(s, k, "rd", 2) || at_lit(s, k, "th", 2) ||
        at_lit(s, k, "er", 2))
      k += 2;
    else if (at_lit(s, k, "\xc3\xa8me", 4))
      k += 4;
    else if (s->w[k] == '.' || s->w[k] == 'e')
      k++;
    else
      continue;
    if (k < s->n && (s->w[k] == '.' || s->w[k] == ','))
      k++;
    if (k < s->n && s->w[k] == ',')
      k++;
    int words = 0;
    size_t kl = 0;
    for (;;) {
      k = skip_sp(s, k);
      if (k >= s->n || (kl = edition_word(s, k)) != 0 || words == 4)
        break;
      size_t we = k;
      while (we < s->n && (ascii_alpha(s->w[we]) || (unsigned char)s->w[we] >= 0x80))
        we++;
      if (!qualifier(s, qual, k, we))
        break;
      words++;
      k = we;
      if (k < s->n && (s->w[k] == '.' || s->w[k] == ','))
        k++;
    }
    if (!kl)
      continue;
    size_t b = k + kl;
    /* French "2e \xc3\xa9d. rev. et augm.": the words after the keyword */
    for (int after = 0; after < 4;) {
      size_t x = skip_sp(s, b), we = x;
      while (we < s->n && (ascii_alpha(s->w[we]) || (unsigned char)s->w[we] >= 0x80))
        we++;
      if (!qualifier(s, qual, x, we))
        break;
      after++;
      words++;
      b = we < s->n && s->w[we] == '.' ? we + 1 : we;
    }
    if (!words)
      continue;
    size_t a = q;
    /* "(3rd rev. ed.)": the bracket round it */
    size_t o = a;
    while (o > pos && s->w[o - 1] == ' ')
      o--;
    size_t c = skip_sp(s, b);
    if (o > pos && s->w[o - 1] == '(' && c < s->n && s->w[c] == ')') {
      a = o - 1;
      b = c + 1;
    }
    rpi_fields_set(s, RP_FIELD_EDITION, q, e);
    blank(s, a, b);
    return true;
  }
  return false;
}

void rpi_stage_imprint_edition(st *s, size_t pos) {
  version_sentence(s, pos);
  if (qualified_edition(s, pos))
    return;
  rpi_match m;
  if (find(s, P_EDITION, pos, &m)) {
    int g = gset(&m, G_EDITION_E) ? G_EDITION_E : G_EDITION_E2;
    rpi_fields_set(s, RP_FIELD_EDITION, m.g[g][0], m.g[g][1]);
    blank(s, m.start, m.end);
  } else {
    cjk_edition(s, pos);
  }
}

void rpi_stage_imprint_after_locator(st *s, const loc *L) {
  /* "... Pages 1757-1781. DOVE MEDICAL PRESS LTD." */
  size_t ta = L->b, tb = s->n;
  trim(s->w, &ta, &tb);
  /* "..., Vol. 323, Springer-Verlag, New York, NY (1988).": the year in
   * brackets closing the imprint is the date's */
  if (tb > ta + 10 && s->w[tb - 1] == ')' && s->w[tb - 6] == '(' && rpi_scan_all_digits(s, tb - 5, tb - 1) &&
      rpi_lex_is_year(s->w + tb - 5) && s->w[tb - 7] == ' ') {
    tb -= 6;
    trim(s->w, &ta, &tb);
  }
  /* physics' bracketed imprint after a series' volume: "Graduate Texts in
   * Mathematics Vol. 9 (Springer-Verlag, New York, 1978)." (the year
   * closing it is the date's, read later) */
  if (tb > ta + 8 && s->w[ta] == '(' && s->w[tb - 1] == ')') {
    size_t e = tb - 1;
    while (e > ta && s->w[e - 1] == ' ')
      e--;
    if (e >= ta + 6 && rpi_scan_all_digits(s, e - 4, e) && rpi_lex_is_year(s->w + e - 4) &&
        (s->w[e - 5] == ' ' || s->w[e - 5] == ',')) {
      ta++;
      tb = e - 4;
      trim(s->w, &ta, &tb);
    }
  }
  if (tb > ta) {
    bool digits = false;
    for (size_t q = ta; q < tb; q++)
      digits |= ascii_digit(s->w[q]);
    if (!digits && rpi_imprint_has_publisher_word(s, ta, tb))
      rpi_imprint_publisher_place(s, ta, tb);
  }
}
