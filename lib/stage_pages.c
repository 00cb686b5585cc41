/*
 * stage_pages.c: page counts ("362 p.") and bare page ranges left after
 * the other stages.
 */
#include "stage.h"

#include <stdio.h>
#include <string.h>

#include "fields.h"
#include "lexicon.h"
#include "scan.h"

/* Does one of labels (NULL-terminated) stand right before a, after
 * spaces? */
static bool label_before(const st *s, size_t from, size_t a, const char *const *labels) {
  size_t e = a;
  while (e > from && s->w[e - 1] == ' ')
    e--;
  for (size_t k = 0; labels[k]; k++) {
    size_t l = strlen(labels[k]);
    if (e >= from + l && memcmp(s->w + e - l, labels[k], l) == 0 &&
        (e == from + l || s->w[e - l - 1] == ' ' || s->w[e - l - 1] == ',' || s->w[e - l - 1] == '('))
      return true;
  }
  return false;
}

/* Does an issue's label ("no.", "No.", "nos.", "n.", "Nr.", "H.") stand
 * right before a, after spaces, or a bracket glued to the volume
 * ("2007;45(1-2).")? */
static bool issue_label_before(const st *s, size_t from, size_t a) {
  static const char *const labels[] = {"no.", "No.", "nos.", "Nos.", "n.", "nr.", "Nr.", "H.", NULL};
  return (a >= from + 2 && s->w[a - 1] == '(' && ascii_digit(s->w[a - 2])) || label_before(s, from, a, labels);
}

/* Does a volume's label ("Vols.", "vol.", "Bd.", "t.") stand right before
 * a, after spaces? */
static bool volume_label_before(const st *s, size_t from, size_t a) {
  static const char *const labels[] = {"vol.", "Vol.", "vols.", "Vols.", "Bd.", "Bde.", "t.", "tomes", NULL};
  return label_before(s, from, a, labels);
}

/* A page range standing alone between separators when no locator gave
 * pages: "..., edited by D. Smith, 68-90. London: Verso", "(223-255)". Not
 * a span of years ("1930-1960"), nor the range of volumes read. */
static void bare_range(st *s, size_t from) {
  for (size_t i = from; i < s->n; i++) {
    if (!ascii_digit(s->w[i]) || (i > 0 && (ascii_digit(s->w[i - 1]) || ascii_alpha(s->w[i - 1]))))
      continue;
    size_t a = i, j = i;
    while (j < s->n && ascii_digit(s->w[j]))
      j++;
    if (j - a > 5 || j >= s->n || s->w[j] != '-')
      continue;
    size_t k = j + 1;
    size_t b0 = k;
    while (k < s->n && ascii_digit(s->w[k]))
      k++;
    if (k == b0 || k - b0 > 5 || (k < s->n && (ascii_alpha(s->w[k]) || s->w[k] == '-' || s->w[k] == '/')))
      continue;
    /* delimited: a separator or a bracket before, and after */
    size_t p = a;
    while (p > from && s->w[p - 1] == ' ')
      p--;
    char before = p > from ? s->w[p - 1] : ',';
    size_t q = k;
    while (q < s->n && s->w[q] == ' ')
      q++;
    char after = q < s->n ? s->w[q] : '.';
    if (!(before == ',' || before == '(' || before == '.' || before == ':') ||
        !(after == '.' || after == ',' || after == ')' || after == ';'))
      continue;
    if (a >= 2 && s->w[a - 1] == '.' && ascii_digit(s->w[a - 2]))
      continue; /* "A112.19.2-2008" */
    /* a span inside the title: "The Frankish World, 750-900"; the issue
     * read already after its label: "32 (2007), no. 7-9." */
    const char *ti = s->r->field[RP_FIELD_TITLE], *is = s->r->field[RP_FIELD_ISSUE],
               *vo = s->r->field[RP_FIELD_VOLUME];
    char pat[24];
    snprintf(pat, sizeof pat, "%.*s-%.*s", (int)(j - a), s->w + a, (int)(k - b0), s->w + b0);
    if ((ti && strstr(ti, pat)) || (is && strcmp(is, pat) == 0 && issue_label_before(s, from, a)) ||
        (vo && strcmp(vo, pat) == 0 && volume_label_before(s, from, a)))
      continue; /* (or the volumes, "(Vols. 1-6)") */
    int y1 = j - a == 4 ? atoi(s->w + a) : 0, y2 = k - b0 == 4 ? atoi(s->w + b0) : 0;
    if ((y1 >= 1500 && y1 <= 2099) && (y2 == 0 || (y2 >= 1500 && y2 <= 2099)))
      continue; /* years */
    rpi_fields_pages(s, a, k);
    blank(s, a, k);
    return;
  }
}

void rpi_stage_pages_count(st *s, size_t pos, const loc *L) {
  rp_result *r = s->r;
  rpi_match m;
  if (!r->field[RP_FIELD_PAGE] && find(s, P_NPAGES, pos, &m)) {
    size_t a = m.g[G_NPAGES_N][0];
    if (!(L && a >= L->a && a < L->b) && (a == 0 || s->w[a - 1] == ' ')) {
      rpi_fields_set(s, RP_FIELD_NUMBER_OF_PAGES, m.g[G_NPAGES_N][0], m.g[G_NPAGES_N][1]);
      blank(s, m.start, m.end);
    }
  }
}

/* Chicago's note of a part: "..., in Book (New York: Library of America,
 * 1983), 886.": one page number closing the reference after the bracket
 * of the book's imprint (a year in it), when a container was read. */
static void page_after_bracket(st *s, size_t from) {
  size_t e = s->n;
  while (e > from && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  size_t d = digits_before(s, from, e);
  if (d == e || e - d > 5 || d < from + 4 || s->w[d - 1] != ' ' || s->w[d - 2] != ',' || s->w[d - 3] != ')' ||
      !s->r->field[RP_FIELD_CONTAINER_TITLE])
    return;
  size_t o = d - 3;
  while (o > from && s->w[o - 1] != '(' && s->w[o - 1] != ')')
    o--;
  if (o <= from || s->w[o - 1] != '(')
    return;
  for (size_t q = o; q + 4 <= d - 3; q++)
    if (rpi_lex_is_year(s->w + q) && !ascii_digit(s->w[q - 1]) && !ascii_digit(s->w[q + 4])) {
      rpi_fields_pages(s, d, e);
      blank(s, d, e);
      return;
    }
}

void rpi_stage_pages_bare(st *s, size_t pos) {
  rp_result *r = s->r;
  if (!r->field[RP_FIELD_PAGE] && !r->field[RP_FIELD_NUMBER_OF_PAGES])
    bare_range(s, pos);
  if (!r->field[RP_FIELD_PAGE] && !r->field[RP_FIELD_NUMBER_OF_PAGES])
    page_after_bracket(s, pos);
}
