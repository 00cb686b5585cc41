/*
 * stage_book.c: books, theses, reports and web pages: title, container and
 * imprint when no locator was found, and books that carry one.
 */
#include "stage.h"

#include <string.h>

#include "imprint.h"
#include "lexicon.h"
#include "scan.h"
#include "title.h"
#include "utf8.h"

size_t rpi_stage_book_publisher_cut(const st *s, size_t a, size_t b) {
  for (size_t q = a + 3; q < b; q++) {
    if (s->w[q] == '(') {
      size_t c = q + 1;
      while (c < s->n && s->w[c] != ')' && c - q < 120)
        c++;
      bool year = false;
      for (size_t k = q; k + 4 <= c; k++)
        if (ascii_digit(s->w[k]) && ascii_digit(s->w[k + 1]) && ascii_digit(s->w[k + 2]) &&
            ascii_digit(s->w[k + 3]))
          year = true;
      if (year && (rpi_imprint_has_publisher_word(s, q, c) || memchr(s->w + q, ',', c - q)))
        return q;
      /* "Title (London: Frances Pinter)" / "(MIT Press: Cambridge, MA)":
       * a closing imprint with no year */
      size_t z = c + 1;
      while (z < s->n && (s->w[z] == ' ' || s->w[z] == '.'))
        z++;
      if (c < s->n && z >= s->n) {
        const char *colon = memchr(s->w + q, ':', c - q);
        if (rpi_imprint_has_publisher_word(s, q, c) ||
            (colon && rpi_imprint_place_words(s, q + 1, (size_t)(colon - s->w)) && (size_t)(colon - s->w) + 2 < c))
          return q;
      }
    }
    if (s->w[q] == ',' && q + 2 < b) {
      /* the segment up to the next comma or bracket ("..., Labour and
       * the State (Oxford: Clarendon Press, 2010)" is not an imprint) */
      size_t e = q + 1;
      while (e < b && s->w[e] != ',' && s->w[e] != '(')
        e++;
      size_t k0 = skip_sp(s, q + 1);
      if (!(k0 < b && s->w[k0] >= 'a' && s->w[k0] <= 'z') && rpi_imprint_has_publisher_word(s, q + 1, e))
        return q;
      /* ", Y.-G. Le Dantec (ed.) (Paris: ...)", ", (ed.) R. W. Chapman" */
      if (at_lit(s, k0, "(ed", 3) || (e < b && s->w[e] == '(' && at_lit(s, e, "(ed", 3)))
        return q;
      if (rpi_imprint_place_year_tail(s, q, s->n))
        return q;
      /* ", Oxford: Clarendon" / ", Grand Rapids, MI: Eerdmans" */
      size_t k = skip_sp(s, q + 1);
      int words = 0;
      while (k < s->n && words < 4) {
        unsigned cp;
        rpi_utf8_decode((const unsigned char *)s->w + k, s->n - k, &cp);
        if (!rpi_is_upper(cp))
          break;
        while (k < s->n && s->w[k] != ' ' && s->w[k] != ':' && s->w[k] != ',')
          k++;
        words++;
        /* "..., Global Change. London: Routledge": not across a stop */
        if (k > 2 && s->w[k - 1] == '.' && ascii_alpha(s->w[k - 2]) && ascii_alpha(s->w[k - 3]))
          break;
        if (k < s->n && s->w[k] == ',' && k + 4 < s->n && s->w[k + 1] == ' ' &&
            s->w[k + 2] >= 'A' && s->w[k + 2] <= 'Z' && s->w[k + 3] >= 'A' && s->w[k + 3] <= 'Z' &&
            s->w[k + 4] == ':')
          k += 4;
        if (k < s->n && s->w[k] == ':') {
          /* "..., Trends: Aspects of European Thought in the ...": a
           * publisher is a short name, not a phrase */
          size_t u = skip_sp(s, k + 1), ue = u;
          while (ue < s->n && s->w[ue] != ',' && !(s->w[ue] == '.' && (ue + 1 >= s->n || s->w[ue + 1] == ' ')))
            ue++;
          if (rpi_scan_count_words(s, u, ue) <= 5 || rpi_imprint_has_publisher_word(s, u, ue))
            return q;
          break;
        }
        k = skip_sp(s, k);
      }
    }
  }
  return UNSET;
}

bool rpi_stage_book_journal_year_tail(const st *s, size_t a) {
  size_t e = a;
  while (e < s->n && s->w[e] != ',' && !(s->w[e] == '.' && (e + 1 >= s->n || s->w[e + 1] == ' ')))
    e++;
  if (e >= s->n || e == a || rpi_scan_count_words(s, a, e) > 10)
    return false;
  unsigned f0;
  rpi_utf8_decode((const unsigned char *)s->w + a, e - a, &f0);
  if (!rpi_is_upper(f0) || rpi_imprint_has_publisher_word(s, a, e) || memchr(s->w + a, ':', e - a) ||
      rpi_lex_is_city(s->w + a, e - a))
    return false;
  for (size_t q = a; q < e; q++)
    if (ascii_digit(s->w[q]))
      return false;
  size_t k = skip_sp(s, e + 1);
  /* then only a date (month, day, year) or "in press" to the end */
  bool year = false;
  while (k < s->n) {
    size_t j = k;
    while (j < s->n && s->w[j] != ' ' && s->w[j] != ',' && s->w[j] != '.')
      j++;
    if (j == k) {
      k++;
      continue;
    }
    bool digits = true;
    for (size_t q = k; q < j; q++)
      digits &= ascii_digit(s->w[q]);
    if (digits && j - k == 4)
      year = true;
    else if (!(digits && j - k <= 2) && !rpi_lex_month(s->w + k, j - k) &&
             !(j - k == 2 && at_lit(s, k, "in", 2)) && !(j - k == 5 && at_lit(s, k, "press", 5)))
      return false;
    k = skip_sp(s, j);
  }
  return year || true;
}

size_t rpi_stage_book_comma_imprint(const st *s, size_t a, size_t b) {
  while (b > a && is_edge(s->w[b - 1]))
    b--;
  size_t cut = UNSET, e = b;
  bool pub = false;
  for (int segs = 0; segs < 5; segs++) {
    size_t c = e;
    while (c > a && s->w[c - 1] != ',')
      c--;
    if (c <= a + 1)
      break;
    int k = rpi_imprint_seg(s, c, e);
    if (k == SEG_OTHER)
      break;
    /* a place by shape alone only after the publisher ("Club, San Francisco") */
    if (k == SEG_PLACE && pub)
      break;
    if (k == SEG_PUB) {
      if (pub)
        break;
      pub = true;
    }
    e = c - 1;
    if (k == SEG_PUB || k == SEG_CITY)
      cut = e;
  }
  if (cut == UNSET || !pub || rpi_scan_count_words(s, a, cut) < 2)
    return UNSET;
  return cut;
}

size_t rpi_stage_book_subtitle_end(st *s, size_t te) {
  if (te >= s->n)
    return te;
  size_t ns = skip_sp(s, te + 1);
  size_t te2 = rpi_scan_first_stop(s, ns, s->n);
  rpi_match pm;
  int gpp = grp(s, P_PUBPLACE, "place");
  size_t plc = UNSET;
  if (te2 < s->n && rpi_imprint_find_pubplace(s, ns, UNSET, &pm)) {
    /* the place starts after the last sentence end inside the match */
    plc = pm.g[gpp][0];
    for (size_t q = pm.g[gpp][1]; q-- > pm.g[gpp][0];)
      if (s->w[q] == '.' && q + 1 < s->n && s->w[q + 1] == ' ') {
        plc = q + 1;
        break;
      }
  }
  if (plc != UNSET && plc >= te2 && skip_sp(s, plc) <= skip_sp(s, te2 + 1) + 1 &&
      rpi_imprint_subtitle_sentence(s, ns, te2))
    return te2;
  return te;
}

size_t rpi_stage_book_place_date_tail(const st *s, size_t a, size_t b) {
  while (b > a && is_edge(s->w[b - 1]))
    b--;
  size_t c = b;
  while (c > a && s->w[c - 1] != ',')
    c--;
  if (c <= a + 1)
    return UNSET;
  /* the dates: a month name and digits */
  bool month = false, digit = false;
  for (size_t q = c; q < b;) {
    while (q < b && s->w[q] == ' ')
      q++;
    size_t e = q;
    while (e < b && s->w[e] != ' ' && s->w[e] != '-')
      e++;
    month |= e > q && rpi_lex_month(s->w + q, e - q);
    for (size_t z = q; z < e; z++)
      digit |= ascii_digit(s->w[z]);
    q = e + 1;
  }
  if (!month || !digit)
    return UNSET;
  size_t cut = UNSET, e = c - 1;
  for (int segs = 0; segs < 3; segs++) {
    size_t d = e;
    while (d > a && s->w[d - 1] != ',')
      d--;
    if (d <= a + 1)
      break;
    int k = rpi_imprint_seg(s, d, e);
    if (k != SEG_PLACE && k != SEG_CITY && k != SEG_REGION)
      break;
    cut = d - 1;
    e = d - 1;
  }
  return cut != UNSET && rpi_scan_count_words(s, a, cut) >= 1 ? cut : UNSET;
}

size_t rpi_stage_book_journal_comma(const st *s, size_t a, size_t b, size_t *je) {
  for (size_t q = a + 8; q + 4 < b; q++) {
    if (s->w[q] != ',')
      continue;
    size_t k = skip_sp(s, q + 1);
    size_t we = k;
    while (we < b && s->w[we] != ' ' && s->w[we] != ',' && s->w[we] != '.')
      we++;
    if (!rpi_is_upper((unsigned char)s->w[k]) ||
        !(rpi_lex_is_journal_word(s->w + k, we - k) || (we - k == 4 && at_lit(s, k, "IEEE", 4)) ||
          (we - k == 3 && at_lit(s, k, "ACM", 3)) || (we - k == 12 && at_lit(s, k, "Transactions", 12))))
      continue;
    size_t e = k;
    while (e < b && s->w[e] != ',')
      e++;
    if (rpi_scan_count_words(s, a, q) < 3 || rpi_scan_count_words(s, k, e) > 10)
      return UNSET;
    /* what follows: nothing, a year, or a status note */
    size_t r0 = e;
    while (r0 < b && (s->w[r0] == ',' || s->w[r0] == ' ' || s->w[r0] == '.'))
      r0++;
    size_t r1 = b;
    while (r1 > r0 && (s->w[r1 - 1] == ' ' || s->w[r1 - 1] == '.'))
      r1--;
    bool ok = r0 >= r1 || (r1 - r0 == 4 && rpi_scan_all_digits(s, r0, r1)) ||
              (r1 - r0 == 5 && rpi_scan_all_digits(s, r0, r0 + 4) && ascii_alpha(s->w[r0 + 4])) ||
              rpi_scan_genre_only((st *)s, r0, r1);
    if (!ok)
      return UNSET;
    size_t ce = e;
    while (ce > k && (s->w[ce - 1] == ' ' || s->w[ce - 1] == '.'))
      ce--;
    *je = ce;
    return q;
  }
  return UNSET;
}

bool rpi_stage_book_with_locator(st *s, size_t a, const loc *L) {
  if (L->i[0] != UNSET || (L->v[0] != UNSET && L->p[0] != UNSET))
    return false;
  size_t ra = a, rb = L->a;
  while (rb > ra && (s->w[rb - 1] == ' ' || s->w[rb - 1] == ',' || s->w[rb - 1] == '.'))
    rb--;
  size_t qa, qb, qe;
  if (rb <= ra || rpi_scan_find_in_at(s, ra) || rpi_scan_quoted(s, ra, rb, &qa, &qb, &qe))
    return false;
  /* "..., Lecture Notes in Computer Science, Vol. 323": a series or a
   * journal named in the region */
  for (size_t q = ra; q < rb;) {
    size_t e = q;
    while (e < rb && s->w[e] != ' ' && s->w[e] != ',' && s->w[e] != '.')
      e++;
    if (e > q && rpi_lex_is_journal_word(s->w + q, e - q))
      return false;
    q = e + 1;
  }
  size_t fs = rpi_scan_first_stop(s, ra, rb);
  if (fs < rb) {
    /* the imprint inside the region: "A Void. London: The Harvill Press, 1995" */
    size_t k = skip_sp(s, fs + 1);
    if (!rpi_scan_place_colon_at(s, k, rb) || rpi_scan_first_stop(s, k, rb) < rb || rpi_scan_count_words(s, ra, fs) > 20 ||
        !(rpi_imprint_has_publisher_word(s, k, rb) || (rb >= k + 4 && rpi_scan_all_digits(s, rb - 4, rb))))
      return false;
    rpi_title_set(s, ra, fs);
    rpi_imprint_publisher_place(s, k, rb);
    return true;
  }
  /* the imprint after the locator: a publisher word or "Place: Publisher" */
  size_t k = L->b;
  while (k < s->n && (s->w[k] == ' ' || s->w[k] == ',' || s->w[k] == '.'))
    k++;
  if (k >= s->n || rpi_scan_count_words(s, ra, rb) > 15 || !rpi_is_upper((unsigned char)s->w[k]) ||
      !(rpi_imprint_has_publisher_word(s, k, s->n) || rpi_scan_place_colon_at(s, k, s->n)))
    return false;
  rpi_title_set(s, ra, rb);
  rpi_imprint_publisher_place(s, k, s->n);
  return true;
}
