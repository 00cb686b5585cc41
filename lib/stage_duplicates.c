/*
 * stage_duplicates.c: fragments repeating the locator after it, dropped from
 * the working copy and from the normalized text:
 *   "2012;4:136-154. 2012;4:136."           right after it (notes between)
 *   "p. 257-270, 2002b. Vol Page 2002;53(4):257. Doi: ..."   labelled
 *   "9: 1-18. The LSE. URL 2013;9:1-18."    ending the reference
 * A fragment goes only when every number agrees with the kept fields; one
 * that disagrees stays in the text (dup-conflict), and identifiers blanked
 * inside a fragment are never dropped.
 */
#include "stage.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "fields.h"
#include "lexicon.h"
#include "scan.h"

/* A locator copy, spans into w (UNSET when absent), and where it ends:
 * "[Vol Page] YEAR[;[V][(I)][:[P[-P2]]]]", or the short "V:X[-P2]" of
 * publisher pages, whose X is the issue or the first page (short). */
typedef struct copy {
  size_t y[2], v[2], i[2], p[2], p2[2];
  size_t start, end;
  bool short_form;
} copy;

static size_t digits_end(const char *w, size_t i, size_t e) {
  while (i < e && ascii_digit(w[i]))
    i++;
  return i;
}

/* A page: digits, or a letter and digits ("e1745", "S45"). */
static size_t page_end(const char *w, size_t i, size_t e) {
  if (i < e && ascii_alpha(w[i]) && i + 1 < e && ascii_digit(w[i + 1]))
    i++;
  return i < e && ascii_digit(w[i]) ? digits_end(w, i, e) : i;
}

/* Reads one copy at w[i] (i < e), or returns false. */
static bool read_copy(const st *s, size_t i, size_t e, copy *c) {
  const char *w = s->w;
  for (int k = 0; k < 2; k++)
    c->y[k] = c->v[k] = c->i[k] = c->p[k] = c->p2[k] = UNSET;
  c->short_form = false;
  c->start = i;
  if (i + 8 <= e && at_lit(s, i, "Vol Page", 8)) {
    i += 8;
    while (i < e && w[i] == ' ')
      i++;
  }
  size_t d0 = digits_end(w, i, e);
  if (d0 > i && d0 < e && w[d0] == ':' && !(d0 - i == 4 && rpi_lex_is_year(w + i))) {
    /* "13:2", "14:302", "5:1-9" */
    size_t x = d0 + 1;
    while (x < e && w[x] == ' ')
      x++;
    size_t xe = page_end(w, x, e);
    if (xe == x)
      return false;
    c->v[0] = i, c->v[1] = d0, c->p[0] = x, c->p[1] = xe, c->short_form = true;
    if (xe < e && w[xe] == '-') {
      size_t d4 = page_end(w, xe + 1, e);
      if (d4 == xe + 1)
        return false;
      c->p2[0] = xe + 1, c->p2[1] = d4, xe = d4;
    }
    c->end = xe;
    return true;
  }
  if (i + 4 > e || !rpi_lex_is_year(w + i) || (i + 4 < e && ascii_digit(w[i + 4])))
    return false;
  c->y[0] = i, c->y[1] = i + 4;
  i += 4;
  if (i < e && w[i] == ';') {
    i++;
    while (i < e && w[i] == ' ')
      i++;
    size_t d = digits_end(w, i, e);
    if (d > i)
      c->v[0] = i, c->v[1] = d, i = d;
    if (i < e && w[i] == '(') {
      size_t d2 = digits_end(w, i + 1, e);
      if (d2 == i + 1 || d2 >= e || w[d2] != ')')
        return false;
      c->i[0] = i + 1, c->i[1] = d2, i = d2 + 1;
    }
    if (i < e && w[i] == ':') {
      i++;
      while (i < e && w[i] == ' ')
        i++;
      size_t d3 = page_end(w, i, e); /* none in "2014;5:" cut after the colon */
      if (d3 > i) {
        c->p[0] = i, c->p[1] = d3, i = d3;
        if (i < e && w[i] == '-') {
          size_t d4 = page_end(w, i + 1, e);
          if (d4 == i + 1)
            return false;
          c->p2[0] = i + 1, c->p2[1] = d4, i = d4;
        }
      }
    }
    if (c->v[0] == UNSET && c->i[0] == UNSET && c->p[0] == UNSET)
      return false;
  }
  c->end = i;
  return true;
}

static bool same(const char *kept, const char *w, const size_t sp[2]) {
  size_t n = sp[1] - sp[0];
  return strlen(kept) == n && memcmp(kept, w + sp[0], n) == 0;
}

/* Whether the page span sp (and the last page sp2, or UNSET) agrees with
 * the kept pages: the same first page, and a last page that, completed from
 * the first ("1318-25"), is the kept last page; or, when the kept page is an
 * article number ("e1005371", "4172"), the article's own pages from 1. */
static bool pages_agree(const char *w, const char *page, const size_t sp[2], const size_t sp2[2]) {
  const char *dash = strchr(page, '-');
  size_t fl = dash ? (size_t)(dash - page) : strlen(page), n = sp[1] - sp[0];
  if (!dash && n == 1 && w[sp[0]] == '1')
    return true;
  if (fl != n || memcmp(page, w + sp[0], n) != 0)
    return false;
  if (sp2[0] == UNSET || !dash)
    return true;
  const char *last = dash + 1;
  size_t ll = strlen(last), n2 = sp2[1] - sp2[0];
  return n2 <= ll && memcmp(last + ll - n2, w + sp2[0], n2) == 0 &&
         (n2 == ll || (ll <= n && memcmp(last, w + sp[0] + (n - ll), ll - n2) == 0));
}

/* Whether every number of copy c agrees with the kept fields; if not, msg
 * says which and both values. year is the kept year (or NULL). A part the
 * kept locator lacks agrees. */
static bool copy_agrees(const st *s, const copy *c, const char *year, char *msg, size_t cap) {
  const char *const *f = (const char *const *)s->r->field;
  const char *w = s->w;
  static const char *const names[] = {"year", "volume", "issue"};
  const char *kepts[] = {year, f[RP_FIELD_VOLUME], f[RP_FIELD_ISSUE]};
  const size_t *spans[] = {c->y, c->v, c->i};
  for (size_t k = 0; k < 3; k++) {
    const char *kept = kepts[k];
    if (spans[k][0] != UNSET && kept && !same(kept, w, spans[k])) {
      snprintf(msg, cap, "duplicate locator gives %s %.*s, kept %s", names[k],
               (int)(spans[k][1] - spans[k][0]), w + spans[k][0], kept);
      return false;
    }
  }
  const char *page = f[RP_FIELD_PAGE];
  if (c->p[0] == UNSET)
    return true;
  /* the short form's second number is the issue or the first page */
  if (c->short_form && c->p2[0] == UNSET && f[RP_FIELD_ISSUE] && same(f[RP_FIELD_ISSUE], w, c->p))
    return true;
  if (!page || pages_agree(w, page, c->p, c->p2))
    return true;
  snprintf(msg, cap, "duplicate locator gives pages %.*s, kept %s",
           (int)((c->p2[0] != UNSET ? c->p2[1] : c->p[1]) - c->p[0]), w + c->p[0], page);
  return false;
}

/* Drops [da, db) from the normalized text: the fragment's own characters,
 * not an identifier blanked earlier inside it ("PMID: ..."). */
static void drop_span(st *s, size_t da, size_t db) {
  for (size_t i = da; i < db && s->ndrop < 16;) {
    size_t kept = i;
    while (i < db && s->w[i] == ' ' && s->t->s[i] != ' ')
      i++;
    if (i > kept) {
      /* the identifier's own closing period stays with it */
      while (i < db && (s->w[i] == '.' || s->w[i] == ','))
        i++;
    }
    size_t j = i;
    while (j < db && !(s->w[j] == ' ' && s->t->s[j] != ' '))
      j++;
    size_t jj = j;
    while (jj > i && s->w[jj - 1] == ' ')
      jj--;
    if (jj > i) {
      s->drop[s->ndrop][0] = i;
      s->drop[s->ndrop][1] = jj;
      s->ndrop++;
    }
    i = j;
  }
}

/* Repairs the cleaner made inside a removed fragment are void. */
static void drop_warnings_inside(st *s, size_t da, size_t db) {
  rp_span sp = rpi_text_span(s->t, da, db - da);
  if (da > 0 && s->t->map) { /* from just after the last byte kept */
    size_t lo = (size_t)s->t->map[da - 1] + 1;
    if (lo < sp.off) {
      sp.len += sp.off - lo;
      sp.off = lo;
    }
  }
  rp_result *r = s->r;
  size_t o = 0;
  for (size_t w = 0; w < r->n_warn; w++) {
    rpi_warning *x = &r->warn[w];
    bool inside = x->span.len > 0 && x->span.off >= sp.off && x->span.off + x->span.len <= sp.off + sp.len &&
                  x->code != RP_WARN_DUP_CONFLICT;
    if (inside) {
      rpi_result_free_str(r, x->msg);
      continue;
    }
    r->warn[o++] = *x;
  }
  r->n_warn = o;
}

/* Copy c, read after the locator L, removed when every number agrees with
 * the kept fields (a dup-locator warning), else kept and reported
 * (dup-conflict); either way the parse reads no more of it. */
static void weigh_copy(st *s, const loc *L, const copy *c, const char *kept_year) {
  char msg[256];
  size_t a = c->start, b = c->end;
  size_t db = b < s->n && s->w[b] == '.' ? b + 1 : b;
  if (copy_agrees(s, c, kept_year, msg, sizeof msg)) {
    size_t wa = a; /* the white space before it goes with it */
    while (wa > L->b && s->w[wa - 1] == ' ')
      wa--;
    drop_warnings_inside(s, wa, db);
    snprintf(msg, sizeof msg, "%.*s -> (removed)", (int)(db - a > 120 ? 120 : db - a), s->w + a);
    rpi_fields_warn(s, RP_WARN_DUP_LOCATOR, a, db, msg);
    drop_span(s, a, db);
  } else {
    /* a copy that disagrees stays in the text; the parse does not read it */
    rpi_fields_warn(s, RP_WARN_DUP_CONFLICT, a, b, msg);
  }
  blank(s, a, db);
}

/* Copies with the "Vol Page" label of scraped pages anywhere after the
 * locator, with words between ("p. 257-270, 2002b. Vol Page
 * 2002;53(4):257. Doi: ...", "Available: URL. Vol Page 1962;143(7):1."):
 * the label says what they are. One must be the whole locator form, with
 * only a stop or the end after it. */
static void labelled_copies(st *s, const loc *L, const char *kept_year) {
  for (size_t q = L->b; q + 8 < s->n; q++) {
    if (!at_lit(s, q, "Vol Page", 8) || (q > 0 && s->w[q - 1] != ' '))
      continue;
    size_t e = rpi_scan_copy_run_end(s, q);
    copy c;
    if (!read_copy(s, q, e, &c) || c.short_form)
      continue;
    size_t z = c.end;
    while (z < e && (s->w[z] == '.' || s->w[z] == ',' || s->w[z] == ' '))
      z++;
    if (z < e || (c.v[0] == UNSET && c.i[0] == UNSET && c.p[0] == UNSET && !kept_year))
      continue;
    weigh_copy(s, L, &c, kept_year);
    q = c.end;
  }
}

size_t rpi_stage_duplicates_label(const st *s, size_t q) {
  size_t e = q;
  while (e < s->n && ascii_alpha(s->w[e]))
    e++;
  if (e == q || e - q > 8 || (q > 0 && ascii_alpha(s->w[q - 1])) || e + 1 >= s->n || s->w[e] != ':')
    return q;
  size_t f = e + 1;
  while (f < s->n && s->w[f] == ' ' && s->t->s[f] == ' ')
    f++;
  /* blanked: a space in the working copy where the text has none */
  return f < s->n && s->w[f] == ' ' && s->t->s[f] != ' ' ? e + 1 : q;
}

/* The run of copies right after the locator. */
static void adjacent_copies(st *s, const loc *L) {
  /* the copies follow the locator with only notes between ("doi: ...",
   * "[Online]. Available: URL", blanked, or a label left of a blanked
   * identifier) and may be followed by more text ("Retrieved from ...") */
  size_t da = rpi_scan_skip_notes(s, L->b);
  for (size_t lb; (lb = rpi_stage_duplicates_label(s, da)) != da;)
    da = rpi_scan_skip_notes(s, lb);
  size_t e = rpi_scan_copy_run_end(s, da);
  while (e > da && s->w[e - 1] == ' ')
    e--;
  /* a year right after a locator without one is the reference's date
   * ("p. 136-154, 2014.", "087501 (2014)."), not a copy */
  char date[5] = "";
  if (L->y[0] == UNSET && !s->r->field[RP_FIELD_YEAR] && da < e) {
    size_t q = da + (s->w[da] == '(');
    size_t z = q + 4 + (q != da); /* after the year and its ')' */
    if (q + 4 <= e && rpi_lex_is_year(s->w + q) && (q == da || (q + 4 < e && s->w[q + 4] == ')')) &&
        (z >= e || s->w[z] == '.' || s->w[z] == ',' || s->w[z] == ' ')) {
      memcpy(date, s->w + q, 4);
      da = z;
      while (da < e && (s->w[da] == ' ' || s->w[da] == '.' || s->w[da] == ','))
        da++;
    }
  }
  if (da >= e)
    return;
  /* the run must be copies and nothing else: "2019;4:1-15. Vol Page
   * 2019;4:1." or a bare year repeating the kept one ("2014."); anything
   * else ("2:121-123" after "1991; 1,", "2011. 2012.") is not a copy */
  copy c[8];
  size_t nc = 0, i = da;
  while (i < e) {
    if (nc == 8)
      return;
    if (!read_copy(s, i, e, &c[nc])) {
      /* "Vol. 93, p. 705 1998;93:705. (1998)": the reference's own date
       * in brackets after the copies of a locator without a year ends the
       * run; it is not a copy and stays */
      size_t z = i + 6;
      while (z < e && (s->w[z] == ' ' || s->w[z] == '.' || s->w[z] == ','))
        z++;
      if (!nc || L->y[0] != UNSET || date[0] || i + 6 > e || z < e || s->w[i] != '(' ||
          !rpi_lex_is_year(s->w + i + 1) || s->w[i + 5] != ')')
        return;
      if (!s->r->field[RP_FIELD_YEAR])
        memcpy(date, s->w + i + 1, 4);
      break;
    }
    i = c[nc++].end;
    while (i < e && (s->w[i] == ' ' || s->w[i] == '.' || s->w[i] == ','))
      i++;
  }
  const char *kept_year = s->r->field[RP_FIELD_YEAR] ? s->r->field[RP_FIELD_YEAR] : date[0] ? date : NULL;
  const char *kept_volume = s->r->field[RP_FIELD_VOLUME];
  for (size_t k = 0; k < nc; k++)
    if (c[k].short_form && (!kept_volume || !same(kept_volume, s->w, c[k].v)))
      return; /* "3,4:201-209", "11.4: 210-229": the locator goes on, no copy */
  for (size_t k = 0; k < nc; k++)
    if (c[k].v[0] == UNSET && c[k].i[0] == UNSET && c[k].p[0] == UNSET && !kept_year)
      return; /* a lone year with none kept is the date ("p. 333-350, 2013.") */
  for (size_t k = 0; k < nc; k++)
    weigh_copy(s, L, &c[k], kept_year);
}

/* Whether the number y (n digits) stands alone in w[a, b). */
static bool printed(const st *s, size_t a, size_t b, const char *y, size_t n) {
  for (size_t q = a; n && q + n <= b; q++)
    if (memcmp(s->w + q, y, n) == 0 && (q == a || !ascii_digit(s->w[q - 1])) &&
        (q + n == b || !ascii_digit(s->w[q + n])))
      return true;
  return false;
}

/* A copy that ends the reference with words between it and the locator
 * ("9: 1-18. The London School of Economics. URL 2013;9:1-18."): removed
 * when it is the whole Vancouver form with a year, a volume and pages,
 * and every number agrees; otherwise it may be another work's locator
 * ("Reprinted in ... 2001;12:1-9") and is left to the parse. */
static void trailing_copy(st *s, const loc *L, const char *kept_year) {
  size_t e = s->n;
  while (e > L->b && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  size_t a = e;
  while (a > L->b && s->w[a - 1] != ' ')
    a--;
  copy c;
  char msg[256], year[5] = "";
  if (a == e || a == L->b || !read_copy(s, a, e, &c))
    return;
  if (!kept_year && c.y[0] != UNSET && printed(s, L->b, a, s->w + c.y[0], 4)) {
    memcpy(year, s->w + c.y[0], 4); /* "2020. [Online]. Available: URL 2020;8:44012." */
    kept_year = year;
  }
  if (!kept_year || c.short_form ||
      c.end != e || c.y[0] == UNSET || c.v[0] == UNSET || c.p[0] == UNSET ||
      !copy_agrees(s, &c, kept_year, msg, sizeof msg))
    return;
  /* a last page the kept pages lack is a number that does not agree */
  const char *page = s->r->field[RP_FIELD_PAGE];
  if (c.p2[0] != UNSET && (!page || !strchr(page, '-')))
    return;
  weigh_copy(s, L, &c, kept_year);
}

void rpi_stage_duplicates(st *s, const loc *L) {
  adjacent_copies(s, L);
  labelled_copies(s, L, s->r->field[RP_FIELD_YEAR]);
  trailing_copy(s, L, s->r->field[RP_FIELD_YEAR]);
}

void rpi_stage_duplicates_text(const st *s, rpi_buf *normalized) {
  const rpi_text *t = s->t;
  if (normalized) {
    /* the cleaned text without the duplicate fragments */
    size_t i = 0;
    for (size_t k = 0; k < s->ndrop; k++) {
      size_t a = s->drop[k][0], b = s->drop[k][1];
      size_t e = a;
      while (e > i && (t->s[e - 1] == ' '))
        e--;
      rpi_buf_put(normalized, t->s + i, e - i);
      i = b;
    }
    rpi_buf_put(normalized, t->s + i, t->len - i);
    while (normalized->len && normalized->p[normalized->len - 1] == ' ')
      normalized->p[--normalized->len] = '\0';
  }
}
