#include "parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "container.h"
#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "names.h"
#include "scan.h"
#include "title.h"
#include "utf8.h"

/* "sentence case title, Title Case Journal": every word of the tail is
 * capitalized (connectors aside) and the title has lower-case words. */
static bool titlecase_tail(const st *s, size_t ta, size_t tb, size_t a, size_t b) {
  size_t lower_title = 0, words = 0;
  for (size_t i = ta; i < tb;) {
    while (i < tb && s->w[i] == ' ')
      i++;
    size_t j = i;
    while (j < tb && s->w[j] != ' ')
      j++;
    if (j > i) {
      words++;
      if (s->w[i] >= 'a' && s->w[i] <= 'z' && j - i > 3)
        lower_title++;
    }
    i = j;
  }
  if (lower_title < 2 || words < 4)
    return false;
  size_t tw = 0;
  for (size_t i = a; i < b;) {
    while (i < b && s->w[i] == ' ')
      i++;
    size_t j = i;
    while (j < b && s->w[j] != ' ')
      j++;
    if (j > i) {
      unsigned cp;
      rpi_utf8_decode((const unsigned char *)s->w + i, j - i, &cp);
      bool conn = j - i <= 4 && rpi_is_lower(cp);
      if (!conn && !rpi_is_upper(cp))
        return false;
      if (!conn)
        tw++;
    }
    i = j;
  }
  return tw >= 1 && tw <= 8;
}

/* Split [a, b) into title and container (journal-like references). */

static void split_title_container(st *s, size_t a, size_t b) {
  trim(s->w, &a, &b);
  if (b <= a)
    return;
  /* "V. Aynutdinov et al. Astropart. Phys. 25 (2006) 140": no title, the
   * whole region is an abbreviated journal */
  if (s->r->n_names[RP_ROLE_AUTHOR] > 0 && rpi_scan_count_words(s, a, b) <= 8 && rpi_scan_abbrev_run(s, a, b)) {
    bool dotted = false, lower = false;
    for (size_t q = a; q < b; q++) {
      dotted |= s->w[q] == '.';
      lower |= s->w[q] == ' ' && q + 1 < b && s->w[q + 1] >= 'a' && s->w[q + 1] <= 'z' &&
               !(q + 3 < b && (at_lit(s, q + 1, "of ", 3) || at_lit(s, q + 1, "and", 3) ||
                               at_lit(s, q + 1, "the", 3)));
    }
    if (dotted && !lower) {
      rpi_container_set(s, a, b, UNSET);
      return;
    }
  }
  size_t qa, qb, after;
  /* Italian "Title, «Giornale Italiano di Cardiologia», 5, 6": a quoted
   * journal after an unquoted title */
  for (size_t q = a + 8; q + 3 < b; q++) {
    const char *cm = memchr(s->w + q, ',', b - 3 - q); /* the next comma */
    if (!cm)
      break;
    q = (size_t)(cm - s->w);
    size_t k = skip_sp(s, q + 1);
    if (k < b && (s->w[k] == '"' || at_lit(s, k, "\xc2\xab", 2) || at_lit(s, k, "\xe2\x80\x9c", 3)) &&
        rpi_scan_quoted(s, k, b, &qa, &qb, &after) && rpi_scan_count_words(s, a, q) >= 2 &&
        !rpi_scan_quoted(s, a, q, &qa, &qb, &after) && rpi_scan_quoted(s, k, b, &qa, &qb, &after)) {
      /* only the locator may follow the quoted journal */
      bool words = false;
      for (size_t z = after; z + 3 < b && !words; z++)
        words = (z == after || s->w[z - 1] == ' ') && ascii_alpha(s->w[z]) && ascii_alpha(s->w[z + 1]) &&
                ascii_alpha(s->w[z + 2]) && ascii_alpha(s->w[z + 3]) && rpi_scan_roman_end(s, z, b) == UNSET &&
                !at_lit(s, z, "coll.", 5); /* "LXXIX, coll. 233-260": columns */
      if (words || rpi_scan_count_words(s, a, q) < 3)
        break;
      rpi_title_set(s, a, q);
      rpi_container_set(s, qa, qb, UNSET);
      return;
    }
  }
  if (rpi_scan_quoted(s, a, b, &qa, &qb, &after)) {
    rpi_title_set(s, qa, qb);
    size_t ca = after, cb = b;
    trim(s->w, &ca, &cb);
    if (cb > ca + 2 && (at_lit(s, ca, "In:", 3) || at_lit(s, ca, "in ", 3) ||
                        at_lit(s, ca, "In ", 3)))
      ca += 3;
    rpi_container_set(s, ca, cb, UNSET);
    return;
  }
  /* "Bagging predictors 1996 Machine Learning 24 123--140": no sentence
   * ends; a bare year between the title and the journal */
  size_t fs = rpi_scan_first_stop(s, a, b);
  if (fs == b) {
    for (size_t q = a + 3; q + 6 < b; q++) {
      if (s->w[q - 1] != ' ' || s->w[q + 4] != ' ' || !(at_lit(s, q, "19", 2) || at_lit(s, q, "20", 2)) ||
          !ascii_digit(s->w[q + 2]) || !ascii_digit(s->w[q + 3]))
        continue;
      size_t ca = skip_sp(s, q + 4);
      if (at_lit(s, ca, "In ", 3))
        ca = skip_sp(s, ca + 3);
      unsigned f;
      rpi_utf8_decode((const unsigned char *)s->w + ca, b - ca, &f);
      if (!rpi_is_upper(f) || rpi_scan_count_words(s, a, q) < 2 || memchr(s->w + ca, ',', b - ca))
        break;
      rpi_title_set(s, a, q);
      rpi_container_set(s, ca, b, UNSET);
      if (!s->r->field[RP_FIELD_YEAR])
        rpi_fields_year(s, q, q + 4);
      return;
    }
  }
  /* rightmost real sentence end (none before fs: w is as first_stop saw it) */
  size_t cut = UNSET, prev = UNSET;
  for (size_t p = b; p-- > fs;) {
#if defined(__SSE2__) && defined(__GNUC__)
    if (p >= a + 15) { /* as below, sixteen bytes at a time */
      unsigned m = any3_16(s->w + p - 15, '.', '?', '!');
      if (!m) {
        p -= 15; /* no stop in [p - 15, p] */
        continue;
      }
      p = p - 15 + (unsigned)(31 - __builtin_clz(m)); /* the last stop in [p - 15, p] */
      if (p < fs)
        break; /* the loop ends at fs */
    } else
#endif
    if (p >= a + 7) {
      uint64_t m = stops8(s->w + p - 7);
      if (!m) {
        p -= 7; /* no stop in [p - 7, p] */
        continue;
      }
      p = p - 7 + last_byte(m); /* the last stop in [p - 7, p] */
      if (p < fs)
        break; /* the loop ends at fs */
    }
    if (real_stop(s, a, b, p)) {
      if (cut == UNSET) {
        cut = p;
      } else {
        prev = p;
        break;
      }
    }
  }
  /* "... in Puget Sound streams: Journal of the American Water Resources
   * Association" / "...; Journal of Social Inclusion": a colon or semicolon
   * right before a journal word */
  for (size_t p = b; cut == UNSET && p-- > a + 8;) {
    if ((s->w[p] != ':' && s->w[p] != ';') || p + 2 >= b || s->w[p + 1] != ' ')
      continue;
    size_t r0 = skip_sp(s, p + 1), r1 = r0;
    while (r1 < b && s->w[r1] != ' ' && s->w[r1] != '.' && s->w[r1] != ',')
      r1++;
    /* "...: ASCE Journal of Environmental Engineering", "...: Geological
     * Society of America Bulletin": a journal word among the first words of a
     * capitalised segment */
    bool jw = rpi_lex_is_journal_word(s->w + r0, r1 - r0);
    if (!jw && rpi_is_upper((unsigned char)s->w[r0]) && rpi_scan_count_words(s, r0, b) <= 8) {
      bool caps = true;
      for (size_t q = r0; q < b && !jw; ) {
        while (q < b && s->w[q] == ' ')
          q++;
        size_t e = q;
        while (e < b && s->w[e] != ' ' && s->w[e] != ',' && s->w[e] != '.')
          e++;
        if (e > q && s->w[q] >= 'a' && s->w[q] <= 'z' && e - q > 3)
          caps = false;
        if (e > q && caps && rpi_lex_is_journal_word(s->w + q, e - q))
          jw = true;
        q = e < b ? e + 1 : b;
      }
      jw = jw && caps;
    }
    if (jw && rpi_is_upper((unsigned char)s->w[r0])) {
      rpi_title_set(s, a, p);
      rpi_container_set(s, r0, b, UNSET);
      return;
    }
    break;
  }
  /* "Title, Phys. Rev. Lett": a comma before a journal-like tail */
  {
    size_t seg = cut == UNSET ? a : cut + 1;
    size_t comma = UNSET;
    for (size_t q = seg; q < b; q++)
      if (s->w[q] == ',') {
        size_t r0 = skip_sp(s, q + 1), r1 = r0;
        while (r1 < b && s->w[r1] != ' ' && s->w[r1] != '.' && s->w[r1] != ',')
          r1++;
        if (rpi_lex_is_journal_word(s->w + r0, r1 - r0) || (r1 - r0 == 4 && at_lit(s, r0, "IEEE", 4)) ||
            (r1 - r0 == 14 && at_lit(s, r0, "Communications", 14)) ||
            (r1 - r0 == 12 && at_lit(s, r0, "Transactions", 12)) ||
            (r1 - r0 == 3 && at_lit(s, r0, "ACM", 3))) {
          comma = q;
          break;
        }
      }
    if (comma == UNSET)
      for (size_t q = b; q-- > seg;)
        if (s->w[q] == ',') {
          comma = q;
          break;
        }
    if (comma != UNSET && comma > seg + 8) {
      size_t ra = skip_sp(s, comma + 1);
      unsigned f0 = 0;
      if (ra < b)
        rpi_utf8_decode((const unsigned char *)s->w + ra, b - ra, &f0);
      size_t fw = ra;
      while (fw < b && s->w[fw] != ' ' && s->w[fw] != '.' && s->w[fw] != ',')
        fw++;
      bool jword = rpi_lex_is_journal_word(s->w + ra, fw - ra) ||
                   (fw - ra == 14 && at_lit(s, ra, "Communications", 14)) ||
                   (fw - ra == 12 && at_lit(s, ra, "Transactions", 12)) ||
                   (fw - ra == 4 && at_lit(s, ra, "IEEE", 4)) ||
                   (fw - ra == 3 && at_lit(s, ra, "ACM", 3));
      /* one sentence "Title, Journal Name" before a volume: with no other
       * place for the journal, the last comma opens it */
      bool located = cut == UNSET && (s->r->field[RP_FIELD_VOLUME] != NULL || s->r->field[RP_FIELD_ISSUE] != NULL) &&
                     rpi_scan_count_words(s, ra, b) <= 8 && rpi_scan_count_words(s, seg, comma) >= 3 &&
                     !rpi_lex_month(s->w + ra, fw - ra);
      for (size_t q = ra; q < b && located; q++)
        if (ascii_digit(s->w[q]) || s->w[q] == ':' || s->w[q] == '(' || s->w[q] == ')' || s->w[q] == ';')
          located = false;
      bool journalish = rpi_is_upper(f0) && rpi_scan_count_words(s, ra, b) <= (jword ? 24 : 12) &&
                        (jword || located || rpi_scan_abbrev_run(s, ra, b) || titlecase_tail(s, seg, comma, ra, b));
      if (jword)
        cut = UNSET;
      /* and the text before the comma is not itself the journal */
      bool dotted = false;
      for (size_t q = ra; q < b; q++)
        dotted |= s->w[q] == '.';
      if (journalish && (cut == UNSET || (dotted && rpi_scan_count_words(s, seg, comma) >= 4))) {
        rpi_title_set(s, a, comma);
        rpi_container_set(s, ra, b, UNSET);
        return;
      }
    }
  }
  if (cut == UNSET) {
    /* one segment: a short capitalized one is a journal, else a title */
    size_t nw = rpi_scan_count_words(s, a, b);
    unsigned first;
    rpi_utf8_decode((const unsigned char *)s->w + a, b - a, &first);
    if (nw <= 5 && rpi_is_upper(first) && s->r->n_names[RP_ROLE_AUTHOR] > 0 &&
        s->r->field[RP_FIELD_TITLE] == NULL)
      rpi_container_set(s, a, b, UNSET);
    else
      rpi_title_set(s, a, b);
    return;
  }
  size_t ca = cut + 1, ca_orig = cut + 1;
  size_t join = UNSET;
  /* "Stem cells. Transl Med": a short fragment before an inner word */
  size_t k = skip_sp(s, ca);
  size_t we = k;
  while (we < b && s->w[we] != ' ' && s->w[we] != '.')
    we++;
  if (rpi_lex_is_inner_abbrev(s->w + k, we - k)) {
    size_t fa = prev == UNSET ? a : prev + 1;
    size_t nw = rpi_scan_count_words(s, fa, cut);
    unsigned f0;
    size_t fk = skip_sp(s, fa);
    rpi_utf8_decode((const unsigned char *)s->w + fk, cut - fk, &f0);
    if (prev != UNSET && nw >= 1 && nw <= 3 && rpi_is_upper(f0)) {
      join = fk;
      cut = prev;
    }
  }
  if (join != UNSET) {
    rpi_title_set(s, a, cut);
    rpi_container_set(s, skip_sp(s, ca_orig), b, join);
    return;
  }
  rpi_title_set(s, a, cut);
  rpi_container_set(s, ca, b, UNSET);
}

/* Where a book title gives way to its imprint inside one sentence:
 * "Hydrodynamics (Cambridge Univ. Press, Cambridge, 1993)" or
 * "Robot Vision, MIT Press". Returns the cut or UNSET. */
static size_t publisher_cut(const st *s, size_t a, size_t b) {
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

/* "Artificial Intelligence, 1988." / "Journal of X, in press": a journal
 * named alone before a date, with no imprint. */
static bool journal_year_tail(const st *s, size_t a) {
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

/* "In:" / "In " that opens a container, after a sentence end or a quote. */
static size_t find_in(const st *s, size_t a, size_t b, size_t *after) {
  for (size_t q = a + 1; q + 3 < b; q++) {
    /* every marker below follows a space, and starts with one of these bytes */
#if defined(__SSE2__) && defined(__GNUC__)
    if (q + 16 <= b) { /* the same test as below, sixteen bytes at a time */
      __m128i v = load16(s->w + q), l = _mm_or_si128(v, _mm_set1_epi8(0x20));
      unsigned m = mask16(_mm_and_si128(eq16(load16(s->w + q - 1), ' '),
                                        _mm_or_si128(_mm_or_si128(eq16(l, 'd'), eq16(l, 'i')),
                                                     _mm_or_si128(eq16(l, 'e'), eq16(v, '/')))));
      if (!m) {
        q += 15;
        continue;
      }
      q += (unsigned)__builtin_ctz(m);
      if (q + 3 >= b)
        break;
    } else
#endif
    if (q + 8 <= b) { /* to the first byte of [q, q + 8) after a space that is '/' or d, i, e in either case */
      uint64_t v = load8(s->w + q), l = v | 0x2020202020202020u;
      uint64_t m = space_bytes(load8(s->w + q - 1)) &
                   (byte_eq(l, 'd') | byte_eq(l, 'i') | byte_eq(l, 'e') | byte_eq(v, '/'));
      if (!m) {
        q += 7;
        continue;
      }
      q += first_byte(m);
      if (q + 3 >= b)
        break;
    }
    if (s->w[q - 1] != ' ')
      continue;
    switch (s->w[q]) {
    case '/': case 'd': case 'I': case 'i': case 'E': case 'D': break;
    default: continue;
    }
    /* GOST (Russian) "Title // Journal. 2004. Vol. 5": "//" opens the
     * container; French ", dans Book" like ", in Book" */
    if (s->w[q] == '/' && s->w[q + 1] == '/' && s->w[q - 1] == ' ' && s->w[q + 2] == ' ' && q > a + 8) {
      *after = skip_sp(s, q + 2);
      return q;
    }
    if (s->w[q] == 'd' && at_lit(s, q, "dans ", 5) && q > a + 8 && s->w[q - 1] == ' ' && s->w[q - 2] == ',') {
      *after = skip_sp(s, q + 4);
      return q;
    }
    bool cap = s->w[q] == 'I' && s->w[q + 1] == 'n';
    bool low = s->w[q] == 'i' && s->w[q + 1] == 'n';
    bool em = (s->w[q] == 'E' && (s->w[q + 1] == 'm' || s->w[q + 1] == 'n')) ||
              (s->w[q] == 'D' && q + 4 < b && at_lit(s, q, "Dans", 4));
    if (!cap && !low && !em)
      continue;
    size_t wl = (s->w[q] == 'D') ? 4 : 2;
    char nx = s->w[q + wl];
    if (nx != ':' && nx != ' ')
      continue;
    if (nx == ' ' && q + wl + 1 < b && s->w[q + wl + 1] == ':') {
      wl++; /* French "In : Book" */
      nx = ':';
    }
    if (q > 0 && s->w[q - 1] != ' ')
      continue;
    size_t pq = q - 1;
    while (pq > a && s->w[pq] == ' ')
      pq--;
    size_t ps;
    unsigned prevc = rpi_utf8_prev(s->w, pq + 1, &ps);
    bool after_stop = prevc == '.' || prevc == '?' || prevc == '!' || prevc == 0x201D ||
                      prevc == '"' || prevc == ',' || prevc == ')';
    if (prevc == 0x2019 && low) {
      /* "‘Title’ in Book": a closing single quote, when one was opened */
      after_stop = at_lit(s, skip_sp(s, a), "\xe2\x80\x98", 3);
    }
    if (!after_stop)
      continue;
    if (low && prevc != ',' && prevc != 0x201D && prevc != '"' && prevc != '.' && prevc != 0x2019 && prevc != ')')
      continue;
    bool proc = q + wl + 12 < b && (at_lit(s, q + wl + 1, "Proceedings", 11) ||
                                      at_lit(s, q + wl + 1, "Proc.", 5) ||
                                      at_lit(s, q + wl + 1, "Proc ", 5) ||
                                      at_lit(s, q + wl + 1, "Conference", 10) ||
                                      at_lit(s, q + wl + 1, "Symposium", 9) ||
                                      at_lit(s, q + wl + 1, "Workshop", 8) ||
                                      at_lit(s, q + wl + 1, "the Proceedings", 15));
    if (!proc && q + wl + 1 < b && s->w[q + wl] == ' ' && s->w[q + wl + 1] >= 'A' && s->w[q + wl + 1] <= 'Z') {
      /* ", in Third International Conference on Logic Programming" */
      static const char *const ev[] = {"Conference", "Symposium", "Workshop", "Congress",
                                       "Colloquium", "Proceedings", "Meeting", NULL};
      size_t lim = q + wl + 80 < b ? q + wl + 80 : b;
      for (size_t k = 0; ev[k] && !proc; k++)
        for (size_t z = q + wl + 1; z + strlen(ev[k]) <= lim && !proc; z++)
          if (s->w[z] == '.' || s->w[z] == ',')
            break;
          else if (s->w[z] == ev[k][0] && at_lit(s, z, ev[k], strlen(ev[k])))
            proc = true;
    }
    /* Italian / French: ", in «Rivista», XXXII" and ", in G. Ferri (a cura
     * di), Religione e società" */
    bool ital = false;
    if (low && (prevc == ',' || prevc == ')') && nx == ' ') {
      size_t k2 = skip_sp(s, q + wl);
      unsigned qc = 0;
      if (k2 < b)
        rpi_utf8_decode((const unsigned char *)s->w + k2, b - k2, &qc);
      ital = qc == 0xAB || qc == 0x201C || qc == '"';
      static const char *const marks[] = {"(a cura di)", "(a c. di)", "(ed.)", "(eds.)", "(edd.)",
                                          "(Ed.)", "(Eds.)", "(Hrsg.)", "(dir.)", "(coord.)", "(org.)",
                                          "(éd.)", "(éds.)", NULL};
      size_t lim = k2 + 90 < b ? k2 + 90 : b;
      for (size_t z = k2; z < lim && !ital; z++) {
        if (s->w[z] == '.' && z + 1 < b && s->w[z + 1] == ' ' && z > k2 + 3 && s->w[z - 2] != ' ' &&
            s->w[z - 2] != '.')
          break;
        if (s->w[z] == '(')
          for (size_t mk = 0; marks[mk] && !ital; mk++)
            ital = at_lit(s, z, marks[mk], strlen(marks[mk]));
      }
    }
    if ((em || low) && nx != ':' && !(low && proc && prevc == ',') && !ital) {
      /* lower-case "in" only after a closing quote: “Title,” in Book */
      bool closeq = false;
      if (prevc == ',' && pq > a) {
        size_t qs;
        unsigned qc = rpi_utf8_prev(s->w, pq, &qs);
        closeq = qc == '"' || qc == 0x201D || qc == 0x2019 || qc == '\'';
      }
      if (low && !closeq && !(prevc == 0x201D || prevc == '"' || prevc == 0x2019))
        continue;
      if (em && prevc != '.')
        continue;
    }
    if (prevc == ',' && proc) {
      size_t e = q + wl;
      *after = skip_sp(s, e);
      return q;
    }
    if (prevc == ',' && cap && nx != ':')
      continue;
    /* "In vitro", "In Vitro Cell Dev Biol", "In vivo" are words, not "In" */
    if (nx == ' ') {
      static const char *const latin[] = {"vitro", "Vitro", "vivo", "Vivo", "situ", "Situ",
                                          "silico", "Silico", "utero", "press", "Press",
                                          "memoriam", "Memoriam", "the ", "a ", "this ", NULL};
      size_t k2 = skip_sp(s, q + wl);
      bool word = false;
      for (size_t t2 = 0; latin[t2]; t2++)
        if (k2 + strlen(latin[t2]) <= b && memcmp(s->w + k2, latin[t2], strlen(latin[t2])) == 0)
          word = true;
      if (word)
        continue;
    }
    size_t e = q + wl + (nx == ':' ? 1 : 0);
    *after = skip_sp(s, e);
    return q;
  }
  return UNSET;
}

/* "Title, Librairie illustrée, Paris, 1892", "Title, Institute of
 * Informatics, Oslo, Norway": where a book title gives way to a
 * comma-separated imprint that names its publisher, or UNSET. */
static size_t comma_imprint(const st *s, size_t a, size_t b) {
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

/* A book's subtitle sentence right before its imprint: returns the end of
 * the sentence after the one ending at te when the place of a "Place:
 * Publisher" imprint follows it, else te. */
static size_t subtitle_end(st *s, size_t te) {
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

/* Whether [a, b) holds only an imprint or nothing: "Würzburg 2006",
 * "New York: Peter Lang", "Parma, p.", "Weinheim u. München (Juventa)". */
static bool imprint_like(st *s, size_t a, size_t b) {
  while (a < b && (s->w[a] == ' ' || s->w[a] == ',' || s->w[a] == '.'))
    a++;
  trim(s->w, &a, &b);
  if (a >= b)
    return true;
  if (ascii_digit(s->w[a]) || at_lit(s, a, "p. ", 3) || at_lit(s, a, "pp.", 3) || at_lit(s, a, "S. ", 3))
    return true;
  size_t we = a;
  while (we < b && s->w[we] != ',' && s->w[we] != ':' && s->w[we] != '(' && s->w[we] != ';' &&
         !(s->w[we] == ' ' && we + 1 < b && ascii_digit(s->w[we + 1])))
    we++;
  size_t ce = we;
  while (ce > a && s->w[ce - 1] == ' ')
    ce--;
  if (ce > a && rpi_lex_is_city(s->w + a, ce - a))
    return true;
  /* a place: capitalised words before a colon, a bracket, a year or the end */
  if (ce > a && (we >= b || s->w[we] != ',' || skip_sp(s, we + 1) >= b) && rpi_imprint_place_words(s, a, ce))
    return true;
  return rpi_scan_count_words(s, a, b) <= 6 && rpi_imprint_has_publisher_word(s, a, b);
}

/* After "In": editors, the book title, publisher. [a, b) excludes the
 * locator; returns true when it found a container. */
static bool chapter_tail(st *s, size_t a, size_t b) {
  rpi_namelist nl;
  size_t k = skip_sp(s, a);
  size_t n = rpi_names_parse_any(s->w, k, b, &nl);
  size_t ca = k;
  if (n) {
    size_t mark = rpi_scan_editor_mark(s, nl.end);
    if (mark) {
      rpi_fields_names(s, &nl, RP_ROLE_EDITOR);
      ca = mark;
    }
  }
  ca = skip_sp(s, ca);
  while (ca < b && (s->w[ca] == ',' || s->w[ca] == '.' || s->w[ca] == ':'))
    ca = skip_sp(s, ca + 1);
  /* "in M. Carlisle-O. Levaniouk (edd.), Nine Essays": editors the name
   * grammar did not take still end at their marker */
  {
    static const char *const em[] = {"(ed.)", "(eds.)", "(edd.)", "(Ed.)", "(Eds.)", "(eds)", "(ed)",
                                     "(Hrsg.)", "(Hg.)", "(a c. di)", "(a. c. di)", "(a cura di)",
                                     "(dir.)", "(org.)", "(orgs.)", "(coord.)", "(coords.)",
                                     "(\xc3\xa9" "d.)", "(\xc3\xa9" "ds.)", NULL};
    size_t lim = ca + 120 < b ? ca + 120 : b;
    for (size_t q = ca; q < lim; q++) {
      if (s->w[q] != '(')
        continue;
      for (size_t m = 0; em[m]; m++) {
        size_t l = strlen(em[m]);
        if (at_lit(s, q, em[m], l)) {
          rpi_namelist el;
          if (!s->r->n_names[RP_ROLE_EDITOR] && rpi_names_parse_any(s->w, ca, q, &el))
            rpi_fields_names(s, &el, RP_ROLE_EDITOR);
          ca = skip_sp(s, q + l);
          while (ca < b && (s->w[ca] == ',' || s->w[ca] == '.' || s->w[ca] == ':'))
            ca = skip_sp(s, ca + 1);
          q = lim;
          break;
        }
      }
    }
  }
  /* "in «Rivista di storia economica», XXXII, 2016": a quoted journal, then
   * its volume in Roman numerals */
  {
    size_t qa, qb, qe;
    if (ca < b && (s->w[ca] == '"' || at_lit(s, ca, "\xc2\xab", 2) || at_lit(s, ca, "\xe2\x80\x9c", 3)) &&
        rpi_scan_quoted(s, ca, b, &qa, &qb, &qe) && qb > qa + 2 && (skip_sp(s, qe) >= b || s->w[skip_sp(s, qe)] == ',')) {
      rpi_container_set(s, qa, qb, UNSET);
      size_t v = qe;
      while (v < b && (s->w[v] == ',' || s->w[v] == ' '))
        v++;
      size_t re = rpi_scan_roman_end(s, v, b);
      /* the Roman volume over a "volume" that is only the year */
      const char *vol = s->r->field[RP_FIELD_VOLUME];
      bool year_vol = vol && strlen(vol) == 4 && (vol[0] == '1' || vol[0] == '2') && ascii_digit(vol[1]) &&
                      ascii_digit(vol[2]) && ascii_digit(vol[3]);
      if (re != UNSET && (!vol || year_vol)) {
        if (year_vol && !s->r->field[RP_FIELD_YEAR])
          rpi_result_set(s->r, RP_FIELD_YEAR, vol, 4, s->r->span[RP_FIELD_VOLUME].off, s->r->span[RP_FIELD_VOLUME].len);
        rpi_fields_set(s, RP_FIELD_VOLUME, v, re);
      }
      return true;
    }
  }
  /* container ends at a real stop, "(pp.", ", ed." or ", edited by" */
  size_t ce = rpi_scan_first_stop(s, ca, b);
  size_t fs = ce;
  if (rpi_imprint_proc_at(s, ca)) {
    size_t pe = rpi_imprint_proc_end(s, ca, b);
    if (pe < ce)
      ce = pe;
  } else {
    /* ", chapter 14", ", translated by ...", "(Oxford: OUP, 2003)", "(63-78)" */
    for (size_t q = ca; q + 6 < ce; q++) {
      size_t k1 = skip_sp(s, q + 1);
      if (s->w[q] == ',' && ascii_digit(s->w[k1]) && !s->r->field[RP_FIELD_PAGE]) {
        /* "Language Studies, 13-42. Jerusalem: Magnes." */
        size_t z = k1;
        while (z < ce && (ascii_digit(s->w[z]) || s->w[z] == '-'))
          z++;
        if (z == ce && memchr(s->w + k1, '-', z - k1)) {
          rpi_fields_pages(s, k1, z);
          blank(s, k1, z);
          ce = q;
          break;
        }
      }
      if (s->w[q] == ',' && (at_lit(s, k1, "chapter ", 8) || at_lit(s, k1, "chap. ", 6) ||
                             at_lit(s, k1, "translated by", 13) || at_lit(s, k1, "trans. ", 7) ||
                             at_lit(s, k1, "transl. ", 8))) {
        ce = q;
        break;
      }
      if (s->w[q] == '(' && q > ca + 3) {
        size_t z = q + 1;
        while (z < ce && s->w[z] != ')')
          z++;
        bool digits_only = z > q + 1;
        for (size_t y = q + 1; y < z; y++)
          digits_only &= ascii_digit(s->w[y]) || s->w[y] == '-' || s->w[y] == ' ';
        if (digits_only || rpi_imprint_has_publisher_word(s, q + 1, z) || memchr(s->w + q + 1, ':', z - q - 1)) {
          if (!digits_only && !s->r->field[RP_FIELD_PUBLISHER])
            rpi_imprint_publisher_place(s, q + 1, z);
          ce = q;
          break;
        }
      }
    }
  }
  for (size_t q = ca; q + 4 < ce; q++) {
    if (s->w[q] == '(' && (s->w[q + 1] == 'p' || s->w[q + 1] == 'S')) {
      ce = q;
      break;
    }
    if (s->w[q] == ',' && (at_lit(s, q, ", ed.", 5) || at_lit(s, q, ", edited", 8) ||
                           at_lit(s, q, ", eds.", 6) || at_lit(s, q, ", hrsg", 6))) {
      /* editors after the book title (Chicago/MLA) */
      size_t ea = q + 2;
      while (ea < ce && s->w[ea] != ' ')
        ea++;
      if (at_lit(s, q, ", edited", 8)) {
        ea = skip_sp(s, ea);
        if (at_lit(s, ea, "and translated ", 15))
          ea = skip_sp(s, ea + 15);
        if (ea + 2 < ce && at_lit(s, ea, "by", 2))
          ea += 2;
      }
      ea = skip_sp(s, ea);
      rpi_namelist el;
      memset(&el, 0, sizeof el);
      if (rpi_names_parse_any(s->w, ea, b, &el))
        rpi_fields_names(s, &el, RP_ROLE_EDITOR);
      size_t rest = el.n ? el.end : ea;
      size_t cend = q;
      rpi_container_set(s, ca, cend, UNSET);
      rpi_imprint_publisher_place(s, rest, b);
      return true;
    }
  }
  if (ce <= ca)
    return false;
  /* "Leben als Phänomen. Die Freiburger Phänomenologie im Ost-West-Dialog.
   * Würzburg 2006": the book title's subtitle sentences, when only the
   * imprint follows them */
  if (ce == fs && ce < b && s->w[ce] == '.' && !rpi_imprint_proc_at(s, ca)) {
    size_t e = ce;
    for (int step = 0; step < 3 && e < b; step++) {
      size_t ns = skip_sp(s, e + 1);
      size_t se = rpi_scan_first_stop(s, ns, b);
      /* "Die widerspenstigen Erbinnen, Weinheim u. München": the imprint
       * may follow a comma */
      for (size_t q = ns; q < se; q++)
        if (s->w[q] == ',' && imprint_like(s, q + 1, se)) {
          se = q;
          break;
        }
      if (imprint_like(s, ns, se) || !rpi_imprint_subtitle_sentence(s, ns, se))
        break;
      e = se;
      if (imprint_like(s, se, b)) {
        ce = se;
        break;
      }
    }
  }
  /* "..., New York: Plenum Press": an imprint inside the book title's
   * sentence */
  {
    rpi_match pm;
    if (rpi_imprint_find_pubplace(s, ca, ce, &pm) && pm.start < ce) {
      int gp = grp(s, P_PUBPLACE, "place");
      size_t pa = pm.g[gp][0];
      size_t cq = pa;
      while (cq > ca && s->w[cq - 1] != ',')
        cq--;
      int gu = grp(s, P_PUBPLACE, "pub");
      size_t colon = pa;
      while (colon < pm.end && s->w[colon] != ':')
        colon++;
      if (cq > ca + 3 && pa - cq < 30 && pm.end <= ce + 1 && rpi_imprint_place_words(s, cq, colon) &&
          rpi_imprint_has_publisher_word(s, pm.g[gu][0], pm.g[gu][1])) {
        rpi_container_set(s, ca, cq - 1, UNSET);
        rpi_imprint_publisher_place(s, cq, b);
        return true;
      }
    }
  }
  /* "Essays on the Verbal Arts, Seattle 1967, pp. 12-44": a place before
   * the year that ends the container */
  size_t pe = ce;
  while (pe > ca && s->w[pe - 1] == ' ')
    pe--;
  if (s->year_a != UNSET && s->year_a >= pe && s->year_a <= pe + 2 && !s->r->field[RP_FIELD_PUBLISHER_PLACE]) {
    size_t lc = pe;
    while (lc > ca && s->w[lc - 1] != ',')
      lc--;
    if (lc > ca + 3 && rpi_imprint_place_words(s, lc, pe)) {
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, skip_sp(s, lc), pe);
      rpi_container_set(s, ca, lc - 1, UNSET);
      return true;
    }
  }
  {
    size_t c0, c1, u0, u1;
    size_t cc = rpi_imprint_city_pub_tail(s, ca, ce, &c0, &c1, &u0, &u1);
    if (cc != UNSET && cc > ca + 3) {
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, c0, c1);
      rpi_fields_set(s, RP_FIELD_PUBLISHER, u0, u1);
      rpi_container_set(s, ca, cc, UNSET);
      return true;
    }
  }
  rpi_container_set(s, ca, ce < b && (s->w[ce] == '?' || s->w[ce] == '!') ? ce + 1 : ce, UNSET);
  /* "..., Parma, p. 89-123" / "... Würzburg 2006, 107-120": a place alone
   * before the year or the pages */
  size_t ra = ce + 1, rb = b;
  while (ra < rb && (s->w[ra] == ' ' || s->w[ra] == ',' || s->w[ra] == '.'))
    ra++;
  while (rb > ra && (s->w[rb - 1] == ' ' || s->w[rb - 1] == ',' || s->w[rb - 1] == '.'))
    rb--;
  if (rb > ra && rpi_scan_count_words(s, ra, rb) <= 3 && rpi_imprint_place_words(s, ra, rb) && !rpi_imprint_has_publisher_word(s, ra, rb) &&
      !memchr(s->w + ra, ',', rb - ra) && !memchr(s->w + ra, '.', rb - ra)) {
    rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, ra, rb);
    return true;
  }
  rpi_imprint_publisher_place(s, ce + 1, b);
  return true;
}

/* "Meeting #107, Prague, Czech Republic, 26th -30th August 2019": an
 * event's place and dates after its name. Returns the comma before the
 * place, or UNSET. */
static size_t place_date_tail(const st *s, size_t a, size_t b) {
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

/* "Title, IEEE Transactions on Fuzzy Systems, in press" / "Title, Journal
 * of Algorithms, 2004": with no locator, a comma before a segment that
 * opens with a journal word and is followed by nothing but a year or a
 * status note. Returns the comma (the journal ends at *je) or UNSET. */
static size_t journal_comma(const st *s, size_t a, size_t b, size_t *je) {
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

/* A book cited with a page or a volume, its imprint before or after the
 * locator: "Computer Graphics: Principles and Practice, pp. 992-996,
 * Addison-Wesley, Massachusetts 1990.", "A Void. London: The Harvill
 * Press, 1995. p.108.", "Obra Crítica, vol. 2. Rio de Janeiro: Casa de Rui
 * Barbosa, 1960." The region before the locator is [a, L->a). True when it
 * set the title and the imprint. */
static bool book_with_locator(st *s, size_t a, const loc *L) {
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

int rpi_parse(const rp_parser *p, rpi_rx_scratch *sc, const rpi_text *t, rp_result *r,
              rpi_buf *normalized) {
  st s;
  memset(&s, 0, sizeof s);
  s.p = p;
  s.sc = sc;
  s.t = t;
  s.r = r;
  s.n = t->len;
  s.year_a = s.year_b = UNSET;
  s.w = rpi_strndup(t->s, t->len);
  if (!s.w)
    return RP_ERR_NOMEM;
  rpi_match_pairs_init(&s);
  if (t->citation_number)
    rpi_result_set(r, RP_FIELD_CITATION_NUMBER, t->citation_number,
                   strlen(t->citation_number), t->citation_off, t->citation_len);
  if (s.n == 0) {
    rpi_result_warn(r, RP_WARN_EMPTY, 0, t->raw_len, "empty reference");
    goto done;
  }
  rpi_stage_ids(&s);

  /* names */
  size_t pos = 0;
  rpi_namelist *nl = malloc(sizeof *nl);
  if (!nl) {
    free(s.w);
    return RP_ERR_NOMEM;
  }
  size_t oe = rpi_stage_authors_cjk(&s, skip_sp(&s, 0));
  if (!oe)
    oe = rpi_stage_authors_org(&s, skip_sp(&s, 0));
  size_t nn = oe ? 0 : rpi_names_parse(s.w, skip_sp(&s, 0), s.n, nl);
  if (oe) {
    pos = oe;
    /* "Statistisches Bundesamt (Hrsg.):": the organisation edited it */
    size_t mk = rpi_scan_editor_mark(&s, pos);
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
  } else if (nn) {
    rpi_stage_authors_drop_titles(&s, skip_sp(&s, 0), nl);
    /* "G. Nagy, Homeric Questions, Austin 1996a.": a title read as a
     * natural-order name when only the imprint follows */
    if (nl->n >= 2 && nl->n == nl->total && !nl->et_al) {
      rpi_pname *lst = &nl->v[nl->n - 1];
      size_t gl = strlen(lst->given);
      size_t k = skip_sp(&s, nl->end);
      if (!lst->literal && gl && !strchr(lst->given, '.') && lst->fam_a > gl + 1 &&
          !memcmp(s.w + lst->fam_a - gl - 1, lst->given, gl) && k < s.n && s.w[k] == ',' &&
          rpi_imprint_place_year_tail(&s, k, s.n)) {
        size_t e = lst->fam_a - gl - 1;
        while (e > 0 && (s.w[e - 1] == ' ' || s.w[e - 1] == ','))
          e--;
        nl->n--;
        nl->total--;
        nl->end = e;
      }
    }
    size_t mark = rpi_scan_editor_mark(&s, nl->end);
    rpi_fields_names(&s, nl, mark ? RP_ROLE_EDITOR : RP_ROLE_AUTHOR);
    pos = mark ? mark : nl->end;
    /* APA 7 with 21 or more authors: "Zheng, N., … Yang, Z. (2022)" - the
     * last author after the ellipsis */
    if (!mark && !nl->et_al) {
      size_t k = skip_sp(&s, pos);
      if (k < s.n && s.w[k] == ',')
        k = skip_sp(&s, k + 1);
      size_t ke = at_lit(&s, k, "\xe2\x80\xa6", 3) ? k + 3 : at_lit(&s, k, ". . .", 5) ? k + 5
                                                      : at_lit(&s, k, "...", 3)         ? k + 3
                                                                                          : 0;
      rpi_namelist *last = ke ? malloc(sizeof *last) : NULL;
      if (last && rpi_names_parse(s.w, skip_sp(&s, ke), s.n, last) == 1 && last->n == 1) {
        rpi_fields_names(&s, last, RP_ROLE_AUTHOR);
        pos = last->end;
      }
      free(last);
    }
    /* APA audiovisual works: "Davidson, F. (Producer), & Davidson, J.
     * (Director)." - the creators, with their roles in brackets */
    for (int guard = 0; !mark && guard < 8; guard++) {
      size_t rm = rpi_stage_authors_role_mark(&s, pos);
      if (!rm)
        break;
      pos = rm;
      size_t k = skip_sp(&s, pos);
      while (k < s.n && (s.w[k] == ',' || s.w[k] == '&'))
        k = skip_sp(&s, k + 1);
      if (at_lit(&s, k, "and ", 4))
        k = skip_sp(&s, k + 4);
      rpi_namelist *more = malloc(sizeof *more);
      if (!more)
        break;
      size_t m2 = k > pos ? rpi_names_parse(s.w, k, s.n, more) : 0;
      if (m2 && rpi_stage_authors_role_mark(&s, more->end)) {
        rpi_fields_names(&s, more, RP_ROLE_AUTHOR);
        pos = more->end;
      }
      free(more);
    }
  } else {
    size_t e = rpi_stage_authors_caps(&s, skip_sp(&s, 0));
    if (e)
      pos = e;
  }
  if (!r->n_names[RP_ROLE_AUTHOR] && !r->n_names[RP_ROLE_EDITOR] && pos == 0)
    rpi_stage_authors_after_title(&s, nl);
  free(nl);
  size_t d = rpi_stage_dates_after_names(&s, pos);
  if (d) {
    if (s.year_a != UNSET)
      rpi_fields_year(&s, s.year_a, s.year_b);
    pos = d;
  }
  pos = skip_sp(&s, pos);
  while (pos < s.n && (s.w[pos] == '.' || s.w[pos] == ',' || s.w[pos] == ':' || s.w[pos] == ';'))
    pos = skip_sp(&s, pos + 1);
  s.body = pos;

  bool chapter = false;
  if (rpi_stage_legal(&s, pos))
    goto tail;
  /* chapter marker */
  size_t in_after = 0;
  size_t in_at = find_in(&s, pos, s.n, &in_after);

  loc L;
  bool have = rpi_stage_locators_find(&s, pos, &L);
  if (have && L.fam >= 5 && in_at != UNSET && L.a < in_at)
    have = false;
  /* "In: ... Kassel 2009, 45-61": in a chapter, a year after the place is
   * the date, not a volume */
  if (have && in_at != UNSET && in_at < L.a && L.v[0] != UNSET && L.i[0] == UNSET && L.p[0] != UNSET &&
      L.v[1] - L.v[0] == 4 && (at_lit(&s, L.v[0], "19", 2) || at_lit(&s, L.v[0], "20", 2)) &&
      ascii_digit(s.w[L.v[0] + 2]) && ascii_digit(s.w[L.v[0] + 3]) && L.v[0] >= 2 && s.w[L.v[0] - 1] == ' ' &&
      ascii_alpha(s.w[L.v[0] - 2])) {
    if (L.y[0] == UNSET) {
      L.y[0] = L.v[0];
      L.y[1] = L.v[1];
    }
    L.v[0] = L.v[1] = UNSET;
  }
  if (have) {
    s.labelled = (L.fam == 3 || L.fam == 6) && L.a + 1 < s.n && s.w[L.a] == 'v' && s.w[L.a + 1] == '.';
    rpi_stage_locators_set(&s, &L);
    if (p->flags & RP_OPT_DEDUP_LOCATORS)
      rpi_stage_duplicates(&s, &L);
  }
  /* number of pages ("362 p.") when no page range was found */
  rpi_match m;
  if (!r->field[RP_FIELD_PAGE] && find(&s, P_NPAGES, pos, &m)) {
    size_t a = m.g[1][0];
    if (!(have && a >= L.a && a < L.b) && (a == 0 || s.w[a - 1] == ' ')) {
      rpi_fields_set(&s, RP_FIELD_NUMBER_OF_PAGES, m.g[1][0], m.g[1][1]);
      blank(&s, m.start, m.end);
    }
  }
  if (find(&s, P_EDITION, pos, &m)) {
    int g = gset(&m, 1) ? 1 : 2;
    rpi_fields_set(&s, RP_FIELD_EDITION, m.g[g][0], m.g[g][1]);
    blank(&s, m.start, m.end);
  }

  size_t region_end = have ? L.a : s.n;
  if (in_at != UNSET && in_at < region_end) {
    /* Title. In: Editors (eds) Book. Publisher. */
    size_t ta = pos, tb = in_at;
    size_t qa, qb, after;
    if (rpi_scan_quoted(&s, ta, tb, &qa, &qb, &after))
      rpi_title_set(&s, qa, qb);
    else
      rpi_title_set(&s, ta, tb);
    chapter = chapter_tail(&s, in_after, region_end);
    if (have && L.b < s.n)
      rpi_imprint_publisher_place(&s, L.b, s.n);
  } else if (have) {
    /* "Infancy. 2011 Volume 16": a year between the journal and the locator */
    size_t ra = L.a;
    while (ra > pos && (s.w[ra - 1] == ' ' || s.w[ra - 1] == ',' || s.w[ra - 1] == '.'))
      ra--;
    if (ra >= pos + 6 && ascii_digit(s.w[ra - 1]) && ascii_digit(s.w[ra - 4]) && !ascii_digit(s.w[ra - 5]) &&
        (s.w[ra - 5] == ' ' || s.w[ra - 5] == ',') && (s.w[ra - 4] == '1' || s.w[ra - 4] == '2')) {
      if (!r->field[RP_FIELD_YEAR])
        rpi_fields_year(&s, ra - 4, ra);
      L.a = ra - 4;
    }
    L.a = rpi_stage_dates_strip_before(&s, pos, L.a);
    if (!book_with_locator(&s, pos, &L))
      split_title_container(&s, pos, L.a);
    /* "... Pages 1757-1781. DOVE MEDICAL PRESS LTD." */
    size_t ta = L.b, tb = s.n;
    trim(s.w, &ta, &tb);
    if (tb > ta) {
      bool digits = false;
      for (size_t q = ta; q < tb; q++)
        digits |= ascii_digit(s.w[q]);
      static const char *const pubw[] = {"Press", "PRESS", "Ltd", "LTD", "Inc", "INC", "Publishing",
                                         "PUBLISHING", "Publishers", "Verlag", "Editora", "Elsevier",
                                         "Springer", "Wiley", "GmbH", "LLC", NULL};
      bool pub = false;
      for (size_t k = 0; pubw[k]; k++)
        for (size_t q = ta; q + strlen(pubw[k]) <= tb; q++)
          if (s.w[q] == pubw[k][0] && memcmp(s.w + q, pubw[k], strlen(pubw[k])) == 0)
            pub = true;
      if (!digits && pub)
        rpi_imprint_publisher_place(&s, ta, tb);
    }
    if (!r->field[RP_FIELD_TITLE] && !r->field[RP_FIELD_CONTAINER_TITLE])
      rpi_result_warn(r, RP_WARN_NO_TITLE, 0, 0, "no title found");
  } else {
    /* no locator: book, thesis, report, web page */
    size_t qa, qb, after;
    size_t rest;
    if (rpi_scan_quoted(&s, pos, s.n, &qa, &qb, &after)) {
      rpi_title_set(&s, qa, qb);
      rest = after;
      /* “Article,” New Yorker, 5 February 2007 / “Title,” PAMI, 2004 */
      size_t ca = skip_sp(&s, rest);
      while (ca < s.n && (s.w[ca] == ',' || s.w[ca] == '.'))
        ca = skip_sp(&s, ca + 1);
      {
        /* "“Title.” Matthew J. Smith and Randy Duncan (eds.). Book." */
        rpi_namelist *el = malloc(sizeof *el);
        if (el && rpi_names_parse_any(s.w, ca, s.n, el)) {
          size_t mk = rpi_scan_editor_mark(&s, el->end);
          if (mk) {
            if (!r->n_names[RP_ROLE_EDITOR])
              rpi_fields_names(&s, el, RP_ROLE_EDITOR);
            ca = mk;
            while (ca < s.n && (s.w[ca] == ',' || s.w[ca] == '.' || s.w[ca] == ' '))
              ca++;
            chapter = true;
            size_t cs = rpi_scan_first_stop(&s, ca, s.n);
            if (cs > ca + 3) {
              rpi_container_set(&s, ca, cs, UNSET);
              rest = cs;
            }
          }
        }
        free(el);
      }
      size_t ce = ca;
      bool procv = ca < s.n && (rpi_imprint_proc_at(&s, ca) || at_lit(&s, ca, "Conf. ", 6));
      if (procv) {
        ce = rpi_imprint_proc_end(&s, ca, s.n);
      } else {
        while (ce < s.n && s.w[ce] != ',' && s.w[ce] != '(' && !(s.w[ce] == '.' && real_stop(&s, ca, s.n, ce)) &&
               !(s.w[ce] == '.' && ce + 1 >= s.n))
          ce++;
      }
      unsigned f0 = 0;
      if (ca < s.n)
        rpi_utf8_decode((const unsigned char *)s.w + ca, s.n - ca, &f0);
      bool colon = false;
      for (size_t q = ca; q < ce; q++)
        colon |= s.w[q] == ':';
      if (procv && ce > ca) {
        rpi_container_set(&s, ca, ce, UNSET);
        rest = ce;
      } else if (ce > ca && rpi_is_upper(f0) && !colon && rpi_scan_count_words(&s, ca, ce) <= 8 &&
          !rpi_imprint_has_publisher_word(&s, ca, ce) && !rpi_scan_find_in_at(&s, ca)) {
        size_t k = skip_sp(&s, ce + 1);
        bool dated = k < s.n && (ascii_digit(s.w[k]) || (k + 3 <= s.n && rpi_lex_month(s.w + k, 3)) || ce >= s.n ||
                                 rpi_lex_month(s.w + k, (size_t)(strchr(s.w + k, ' ') ? strchr(s.w + k, ' ') - (s.w + k) : 0)));
        if (dated || ce >= s.n || s.w[ce] == '.') {
          rpi_container_set(&s, ca, ce, UNSET);
          rest = ce;
        }
      }
    } else {
      size_t te = rpi_scan_first_stop(&s, pos, s.n);
      /* "... to Global Jihad London: I.B.Tauris, 2007": a known city and
       * its colon right after the title's last word, with no stop */
      size_t pc0 = publisher_cut(&s, pos, te);
      for (size_t q = pos + 8; q + 4 < te && (pc0 == UNSET || q < pc0); q++) {
        if (s.w[q - 1] != ' ' || !ascii_alpha(s.w[q - 2]) || !rpi_is_upper((unsigned char)s.w[q]))
          continue;
        /* "Democracy in Rio de Janeiro: Trafficking": the city belongs to
         * the title after a preposition */
        size_t pw = rpi_scan_word_before(&s, q - 1, pos);
        if (s.w[pw] >= 'a' && s.w[pw] <= 'z' && q - 1 - pw <= 6)
          continue;
        const char *colon = memchr(s.w + q, ':', te - q < 24 ? te - q : 24);
        if (!colon)
          continue;
        size_t ce = (size_t)(colon - s.w);
        while (ce > q && s.w[ce - 1] == ' ')
          ce--;
        if (rpi_lex_is_city(s.w + q, ce - q) && rpi_scan_count_words(&s, pos, q) >= 3) {
          te = q - 1;
          break;
        }
      }
      /* "R. Sacks, The Traditional Phrase in Homer. Two Studies in Form,
       * Meaning and Interpretation, Leiden 1987.": a book whose imprint is
       * ", Place Year" keeps every sentence before it in its title */
      size_t pyc = UNSET;
      for (size_t q = s.n, seen = 0; q-- > pos + 3 && seen < 2;)
        if (s.w[q] == ',') {
          seen++;
          if (seen == 2) {
            /* ", Cambridge, 1972": a known city, then only the year */
            size_t ca = skip_sp(&s, q + 1), cb = ca;
            while (cb < s.n && s.w[cb] != ',')
              cb++;
            if (!rpi_lex_is_city(s.w + ca, cb - ca))
              break;
          }
          if (rpi_imprint_place_year_tail(&s, q, s.n)) {
            pyc = q;
            break;
          }
        }
      size_t cpt_c0 = 0, cpt_c1 = 0, cpt_u0 = 0, cpt_u1 = 0;
      size_t cpt = pyc == UNSET ? rpi_imprint_city_pub_tail(&s, pos, s.n, &cpt_c0, &cpt_c1, &cpt_u0, &cpt_u1) : UNSET;
      if (cpt != UNSET && cpt > pos + 3) {
        size_t ls = cpt;
        while (ls > pos && !real_stop(&s, pos, cpt, ls))
          ls--;
        bool ok = ls <= pos;
        if (!ok) {
          bool lower = false;
          for (size_t q = ls + 1; q + 1 < cpt; q++)
            lower |= s.w[q] == ' ' && s.w[q + 1] >= 'a' && s.w[q + 1] <= 'z';
          ok = lower && rpi_scan_count_words(&s, ls + 1, cpt) >= 3 && !rpi_imprint_has_publisher_word(&s, ls, cpt) &&
               !rpi_scan_find_in_at(&s, skip_sp(&s, ls + 1));
        }
        if (ok) {
          rpi_fields_set(&s, RP_FIELD_PUBLISHER_PLACE, cpt_c0, cpt_c1);
          rpi_fields_set(&s, RP_FIELD_PUBLISHER, cpt_u0, cpt_u1);
          te = cpt;
        } else {
          cpt = UNSET;
        }
      } else {
        cpt = UNSET;
      }
      if (pyc == UNSET && cpt == UNSET) {
        size_t ci = comma_imprint(&s, pos, te);
        if (ci != UNSET && ci > pos + 3)
          te = ci;
      }
      if (cpt != UNSET) {
        pyc = cpt; /* the title ends there; the imprint is taken */
      } else if (pyc != UNSET && te < pyc) {
        size_t ls = pyc;
        while (ls > pos && !real_stop(&s, pos, pyc, ls))
          ls--;
        bool plain = true;
        for (size_t q = te; q < pyc && plain; q++) {
          if (s.w[q] == ':' || s.w[q] == '(')
            plain = false;
          if (q == te || s.w[q - 1] == ' ') {
            size_t we = q;
            while (we < pyc && s.w[we] != ' ' && s.w[we] != ',' && s.w[we] != '.')
              we++;
            if (rpi_lex_is_org_word(s.w + q, we - q) || rpi_lex_is_journal_word(s.w + q, we - q))
              plain = false;
          }
        }
        size_t pw = skip_sp(&s, pyc + 1);
        size_t pwe = pw;
        while (pwe < s.n && s.w[pwe] != ' ')
          pwe++;
        if (rpi_lex_month(s.w + pw, pwe - pw))
          plain = false;
        bool lower = false;
        for (size_t q = ls + 1; q + 1 < pyc; q++)
          lower |= s.w[q] == ' ' && s.w[q + 1] >= 'a' && s.w[q + 1] <= 'z';
        if (plain && lower && rpi_scan_count_words(&s, ls + 1, pyc) >= 3 && ls > pos && !rpi_imprint_has_publisher_word(&s, ls, pyc) && !rpi_scan_find_in_at(&s, skip_sp(&s, ls + 1)) &&
            !rpi_imprint_proc_at(&s, skip_sp(&s, ls + 1)))
          te = pyc;
        else
          pyc = UNSET;
      } else {
        pyc = UNSET;
      }
      /* "The MACSYMA System, Proceedings of Second Symposium on ..." */
      for (size_t q = pos + 3; q + 6 < te; q++)
        if (s.w[q] == ',' && rpi_imprint_proc_at(&s, skip_sp(&s, q + 1))) {
          te = q;
          break;
        }
      /* "The authentic heart. An eightfold path to midlife love. New York:
       * Wiley.": a book's subtitle sentence right before its imprint */
      if (pyc == UNSET && te < s.n && !r->field[RP_FIELD_CONTAINER_TITLE])
        te = subtitle_end(&s, te);
      /* "Title (Publisher, City, 1993)" and "Title, MIT Press, 1986" */
      size_t pe = pyc != UNSET ? UNSET : publisher_cut(&s, pos, te);
      if (pyc != UNSET && pyc == cpt) {
        rpi_title_set(&s, pos, pyc);
        rest = s.n;
      } else if (pyc != UNSET) {
        /* "Title, Librairie illustrée, Paris, 1892": the publisher before */
        size_t ci = comma_imprint(&s, pos, pyc);
        if (ci != UNSET && ci > pos + 3) {
          size_t ua = skip_sp(&s, ci + 1), ub = pyc;
          trim(s.w, &ua, &ub);
          rpi_fields_set(&s, RP_FIELD_PUBLISHER, ua, ub);
          pyc = ci;
        }
        rpi_title_set(&s, pos, pyc);
        size_t pa = skip_sp(&s, pyc + 1), pb = pa;
        while (pb < s.n && !ascii_digit(s.w[pb]))
          pb++;
        trim(s.w, &pa, &pb);
        if (pb > pa)
          rpi_fields_set(&s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
        rest = s.n;
      } else if (pe != UNSET) {
        rpi_title_set(&s, pos, pe);
        rest = pe;
      } else {
        size_t je = UNSET;
        size_t jc = journal_comma(&s, pos, te, &je);
        size_t pd = jc == UNSET ? place_date_tail(&s, pos, te) : UNSET;
        if (pd != UNSET) {
          /* "Meeting #107, Prague, Czech Republic, 26th -30th August 2019" */
          rpi_title_set(&s, pos, pd);
          rest = s.n;
        } else if (jc != UNSET) {
          /* "Graph coloring heuristics, Journal of Algorithms, 2004." */
          rpi_title_set(&s, pos, jc);
          rpi_container_set(&s, skip_sp(&s, jc + 1), je, UNSET);
          rest = je;
        } else {
          rpi_title_set(&s, pos, te);
          rest = te < s.n ? te + 1 : s.n;
        }
      }
    }
    rest = skip_sp(&s, rest);
    while (rest < s.n && (s.w[rest] == ',' || s.w[rest] == '.'))
      rest = skip_sp(&s, rest + 1);
    if (!r->field[RP_FIELD_CONTAINER_TITLE] && rest < s.n && rpi_imprint_proc_at(&s, rest)) {
      size_t ce = rpi_imprint_proc_end(&s, rest, s.n);
      rpi_container_set(&s, rest, ce, UNSET);
      rest = ce;
      /* "..., 109-114." pages after the proceedings name */
      size_t k = skip_sp(&s, rest < s.n && s.w[rest] == ',' ? rest + 1 : rest);
      size_t e = k;
      while (e < s.n && (ascii_digit(s.w[e]) || s.w[e] == '-'))
        e++;
      if (!r->field[RP_FIELD_PAGE] && e > k + 2 && ascii_digit(s.w[k]) && memchr(s.w + k, '-', e - k) &&
          (e >= s.n || s.w[e] == '.' || s.w[e] == ',' || s.w[e] == ' ')) {
        rpi_fields_pages(&s, k, e);
        blank(&s, k, e);
        rest = e;
      }
    }
    if (!r->field[RP_FIELD_CONTAINER_TITLE] && !r->field[RP_FIELD_EDITION] && rest < s.n &&
        journal_year_tail(&s, rest)) {
      size_t ce = rest;
      while (ce < s.n && s.w[ce] != ',' && !(s.w[ce] == '.' && (ce + 1 >= s.n || s.w[ce + 1] == ' ')))
        ce++;
      rpi_container_set(&s, rest, ce, UNSET);
      rest = ce;
    }
    if (rest < s.n && !find(&s, P_THESIS, rest, &m) && !find(&s, P_REPORT, rest, &m)) {
      /* a second sentence followed by City: Publisher may be a series or
       * a journal; keep it simple: publisher info from the rest */
      rpi_imprint_publisher_place(&s, rest, s.n);
    } else if (rest < s.n) {
      rpi_imprint_publisher_place(&s, rest, s.n);
    }
  }
tail:
  rpi_stage_translators(&s, pos);
  rpi_stage_dates_anywhere(&s, pos);
  if (!r->field[RP_FIELD_PAGE] && !r->field[RP_FIELD_NUMBER_OF_PAGES])
    rpi_stage_pages_bare(&s, pos);
  rpi_stage_type(&s, chapter, pos);
  /* "[Computer software]. Zenodo.", "[Data set]. GitHub.": software and
   * data named so in brackets have a publisher or repository, not a
   * journal */
  if (s.medium && (r->type == RP_TYPE_SOFTWARE || r->type == RP_TYPE_DATASET) && r->field[RP_FIELD_CONTAINER_TITLE] &&
      !r->field[RP_FIELD_PUBLISHER] && !r->field[RP_FIELD_VOLUME] && !r->field[RP_FIELD_PAGE]) {
    rpi_result_take(r, RP_FIELD_PUBLISHER, r->field[RP_FIELD_CONTAINER_TITLE], r->span[RP_FIELD_CONTAINER_TITLE].off,
                    r->span[RP_FIELD_CONTAINER_TITLE].len);
    r->field[RP_FIELD_CONTAINER_TITLE] = NULL;
    r->span[RP_FIELD_CONTAINER_TITLE].off = r->span[RP_FIELD_CONTAINER_TITLE].len = 0;
  }

done:
  if (normalized) {
    /* the cleaned text without the duplicate fragments */
    size_t i = 0;
    for (size_t k = 0; k < s.ndrop; k++) {
      size_t a = s.drop[k][0], b = s.drop[k][1];
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
  free(s.w);
  return s.err;
}
