#include "imprint.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "lexicon.h"
#include "scan.h"
#include "utf8.h"

static int find_pubplace_fast(st *s, size_t from, size_t lim, rpi_match *m);

/* A place in Chinese or Japanese script: "北京", "東京" (one run of CJK
 * characters, at most 8). */
static bool cjk_run(const st *s, size_t a, size_t b) {
  size_t chars = 0;
  for (size_t q = a; q < b;) {
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s->w + q, b - q, &cp);
    if (!l || !is_cjk(cp))
      return false;
    q += l;
    chars++;
  }
  return chars > 0 && chars <= 8;
}

int rpi_imprint_find_pubplace(st *s, size_t from, size_t lim, rpi_match *m) {
#ifdef RP_CHECK_GUARDS
  rpi_match m2;
  int rc2 = s->err ? 0 : rpi_rx_find(s->p->rx, s->sc, P_PUBPLACE, s->w, s->n, from, false, &m2);
  int rc = find_pubplace_fast(s, from, lim, m);
  if (rc2 >= 0 && !s->err && ((rc2 == 1 && m2.start < lim) != (rc == 1 && m->start < lim) ||
                              (rc == 1 && m->start < lim && (m2.start != m->start || m2.end != m->end))))
    abort(); /* find_pubplace_fast() is out of step with P_PUBPLACE */
  return rc;
#else
  return find_pubplace_fast(s, from, lim, m);
#endif
}

static int find_pubplace_fast(st *s, size_t from, size_t lim, rpi_match *m) {
  const char *c;
  for (;;) {
    c = from < s->n ? memchr(s->w + from, ':', s->n - from) : NULL;
    if (!c)
      return 0;
    if (s->p->flags & RP_OPT_NO_JIT)
      break;
    size_t e = (size_t)(c - s->w) + 1;
    while (e < s->n && s->w[e] != ',' && s->w[e] != '.' && s->w[e] != ':' && s->w[e] != ';' &&
           s->w[e] != '(' && s->w[e] != ')')
      e++;
    if (e >= s->n || s->w[e] == ',' || s->w[e] == '.')
      break;
    from = (size_t)(c - s->w) + 1; /* a match with a later ':' starts after this one */
  }
  size_t p = (size_t)(c - s->w), ascii = 0;
  while (p > from) {
    unsigned char ch = (unsigned char)s->w[p - 1];
    if (ch < 0x80 && ch > ' ' &&
        (!(ascii_alpha((char)ch) || ch == '.' || ch == '\'' || ch == '-' || ch == ',') || ++ascii > 45))
      break;
    p--;
  }
  return p < lim && find(s, P_PUBPLACE, p, m);
}

/* A publisher that opens with initials ("W. W. Norton", "D. Reidel", "C.
 * H. Beck") or holds an abbreviation (name_abbrev_stop) ends at the first
 * stop that is not one of theirs: the pattern's publisher stops at the
 * first period. ub: where the match's publisher ends; returns the new end
 * (at most b). */
/* Whether the stop at e closes an abbreviation inside a publisher's name
 * that starts at ua: dotted initials ("M.E. Sharpe", "U.S. Department of
 * Justice", "I.B.Tauris") or a short word that names firms ("St.
 * Martin's Press", "Warner Bros. Pictures", "Schiffer Pub. Ltd"). */
static bool name_abbrev_stop(const st *s, size_t ua, size_t e) {
  size_t w = e;
  while (w > ua && (ascii_alpha(s->w[w - 1]) || s->w[w - 1] == '.'))
    w--;
  if (e - w < 2 || !(s->w[w] >= 'A' && s->w[w] <= 'Z'))
    return false;
  bool dotted = e - w >= 3;
  for (size_t q = w; q < e && dotted; q++)
    dotted = (q - w) % 2 == 0 ? s->w[q] >= 'A' && s->w[q] <= 'Z' : s->w[q] == '.';
  if (dotted)
    return true;
  static const char *const firm[] = {"St", "Bros", "Pub", "Publ", "Co", "Corp", "Inc", "Ltd", "Dept", "Mt", "Univ", "Acad", "Natl", "Pvt", NULL};
  for (size_t k = 0; firm[k]; k++)
    if (strlen(firm[k]) == e - w && at_lit(s, w, firm[k], e - w))
      return true;
  return false;
}

/* Whether [ua, e) is "Éd", "Ed", "Éds", "Eds", "Edit", "Édit" or "Edic":
 * the publisher's name opening with "Éditions", "Edizioni" or "Ediciones"
 * in short. */
static bool editions_abbrev(const st *s, size_t ua, size_t e) {
  static const lit_t ab[] = {LIT("\xc3\x89" "d"), LIT("Ed"), LIT("\xc3\x89" "ds"), LIT("Eds"), LIT("Edit"),
                             LIT("\xc3\x89" "dit"), LIT("Edic")};
  for (size_t i = 0; i < sizeof ab / sizeof ab[0]; i++)
    if (e - ua == ab[i].n && at_lit(s, ua, ab[i].s, ab[i].n))
      return true;
  return false;
}

static size_t past_initials(const st *s, size_t ua, size_t ub, size_t b) {
  size_t e = ub;
  for (;;) {
    size_t n = e + 1 < b && s->w[e + 1] == ' ' ? e + 2 : e + 1;
    bool initial = e + 2 < b && s->w[e] == '.' && s->w[e + 1] == ' ' && s->w[e + 2] >= 'A' && s->w[e + 2] <= 'Z' &&
                   e >= ua + 1 && s->w[e - 1] >= 'A' && s->w[e - 1] <= 'Z' && (e - 1 == ua || s->w[e - 2] == ' ');
    bool abbrev = !initial && n < b && s->w[e] == '.' && s->w[n] >= 'A' && s->w[n] <= 'Z' && name_abbrev_stop(s, ua, e);
    /* French and Italian publishers named "Éditions", "Edizioni",
     * "Ediciones" in short: "Éd. de l'Aube", "Éd. du Seuil", "Ed. Electa" */
    if (!initial && !abbrev && n < b && n > e + 1 && s->w[e] == '.' && editions_abbrev(s, ua, e) &&
        (ascii_alpha(s->w[n]) || (unsigned char)s->w[n] >= 0x80))
      abbrev = true;
    if (!initial && !abbrev)
      break;
    size_t q = n;
    while (q < b && s->w[q] != ',' && s->w[q] != ';' && s->w[q] != ':' && s->w[q] != '(' &&
           !(s->w[q] == '.' && (q + 1 >= b || s->w[q + 1] == ' ' || (s->w[q + 1] >= 'A' && s->w[q + 1] <= 'Z'))))
      q++;
    e = q;
  }
  return e;
}

/* A firm's name with commas in it: "Holt, Rinehart and Winston", "Farrar,
 * Straus and Giroux", "Longmans, Green, and Co.", "John Wiley and Sons,
 * Inc.", "Prentice-Hall, Inc.". From the comma at ub, up to three
 * capitalised segments of at most three words, no digits and no known
 * place, the last of them joined by "and" / "&" or a company suffix.
 * Returns the new end of the publisher (at most b), or ub. */
static size_t past_firm_commas(const st *s, size_t ub, size_t b) {
  static const char *const suffix[] = {"Inc", "Inc.", "Ltd", "Ltd.", "Co", "Co.", "Corp", "Corp.", "LLC", "GmbH",
                                       "AG", "plc", "Pty", "S.A", "S.A.", NULL};
  size_t e = ub;
  for (int segs = 0; segs < 3 && e < b && s->w[e] == ','; segs++) {
    size_t a = skip_sp(s, e + 1), z = a;
    while (z < b && s->w[z] != ',' && s->w[z] != ';' && s->w[z] != ':' && s->w[z] != '(' &&
           !(s->w[z] == '.' && (z + 1 >= b || s->w[z + 1] == ' ') && z >= a + 4 && ascii_alpha(s->w[z - 3])))
      z++;
    size_t xa = a, xb = z;
    trim(s->w, &xa, &xb);
    if (xb <= xa || rpi_scan_count_words(s, xa, xb) > 3)
      return ub;
    bool joined = at_lit(s, xa, "and ", 4) || at_lit(s, xa, "& ", 2);
    size_t k = joined ? skip_sp(s, xa + (s->w[xa] == '&' ? 1 : 3)) : xa;
    bool corp = false;
    for (size_t j = 0; suffix[j] && !corp; j++)
      corp = xb - k == strlen(suffix[j]) && at_lit(s, k, suffix[j], xb - k);
    if (!corp && !(s->w[k] >= 'A' && s->w[k] <= 'Z') && !(joined && (s->w[k] == 'c' || s->w[k] == 'C')))
      return ub;
    for (size_t q = xa; q < xb; q++) {
      if (ascii_digit(s->w[q]))
        return ub;
      if (!joined && q + 5 <= xb && (at_lit(s, q, " and ", 5) || at_lit(s, q, " & ", 3)))
        joined = true;
    }
    if (corp)
      return xb;
    int seg = rpi_imprint_seg(s, xa, xb); /* "Inc." reads as "Mass." would */
    if (seg == SEG_CITY || seg == SEG_REGION || seg == SEG_YEAR)
      return ub;
    if (joined)
      return xb;
    e = z;
  }
  return ub;
}

/* A body's subdivision or its parent after a comma in "Place: Body":
 * "Washington, DC: U.S. Department of Agriculture, Forest Service.",
 * "Washington, DC: South Asia Regional Office, World Bank.", "Pearl
 * Harbor, HI: Naval Facilities Engineering Command, Pacific. July." When
 * the publisher [ua, ub) names a body (rpi_imprint_seg: SEG_PUB, no
 * publisher's word: "L'Harmattan, Nouvelles Etudes" names a series) and
 * one segment of capitalised words after the comma at ub, a body or a
 * place the lists do not know, closes the sentence (or comes before ",
 * YEAR"), returns its end; else ub. */
static size_t past_body_comma(const st *s, size_t ua, size_t ub, size_t b) {
  if (ub >= b || s->w[ub] != ',')
    return ub;
  size_t a = skip_sp(s, ub + 1), z = a;
  while (z < b && s->w[z] != ',' && s->w[z] != ';' && s->w[z] != ':' && s->w[z] != '(' && s->w[z] != '.')
    z++;
  size_t n = z < b && s->w[z] == '.' && z + 1 < b ? skip_sp(s, z + 1) : z;
  bool closes = z >= b || s->w[z] == ';' || (s->w[z] == '.' && (n >= b || n > z + 1)) ||
                (s->w[z] == ',' && rpi_imprint_seg(s, z + 1, b) == SEG_YEAR);
  if (!closes || z <= a || rpi_scan_count_words(s, a, z) > 4 || !rpi_is_upper((unsigned char)s->w[a]))
    return ub;
  int seg = rpi_imprint_seg(s, a, z);
  if ((seg != SEG_PUB && seg != SEG_PLACE) || rpi_imprint_seg(s, ua, ub) != SEG_PUB ||
      rpi_imprint_has_publisher_word(s, ua, ub) || rpi_lex_month(s->w + a, z - a))
    return ub;
  /* not a series after a body ("Geological Society of America, Special
   * Paper", "..., Memoir 12"): no series word, and in a segment without a
   * body's word no journal word ("Studies") */
  static const char *const series_words[] = {"Paper", "Papers", "Series", "Report", "Reports", "Memoir", "Memoirs",
                                             "Publication", "Publications", "Notes", "Monograph", "Monographs", NULL};
  for (size_t k = a; k < z;) {
    size_t we = k;
    while (we < z && s->w[we] != ' ')
      we++;
    if (seg == SEG_PLACE && rpi_lex_is_journal_word(s->w + k, we - k))
      return ub;
    for (size_t i = 0; series_words[i]; i++)
      if (strlen(series_words[i]) == we - k && at_lit(s, k, series_words[i], we - k))
        return ub;
    k = skip_sp(s, we);
  }
  return z;
}

/* Citing Medicine's imprint closes the publisher with a semicolon and the
 * year ("Cambridge (MA): Harvard Univ. Press; 1950", "Tokyo, Japan: Dept.
 * Elect. Eng., Univ. Tokyo; 2016", "Copenhagen: University of Copenhagen,
 * Faculty of Health and Medical Sciences; 2018"): the stops and commas
 * before that semicolon are the publisher's, not the imprint's end. From
 * ub (where the publisher starting at ua ends so far, at a stop or comma), when
 * only letters, spaces, commas, "&" and the stops of abbreviations
 * (rpi_scan_abbrev_word: "Univ", "Eng"; each before a space and a
 * capital, or a comma) come before "; YEAR", returns where the semicolon
 * is; else ub. */
static size_t past_stops_to_year(const st *s, size_t ua, size_t ub, size_t b) {
  if (ub >= b || (s->w[ub] != '.' && s->w[ub] != ','))
    return ub;
  size_t q = ub;
  for (; q < b && s->w[q] != ';'; q++) {
    char c = s->w[q];
    if (c == '.') {
      size_t n = q + 1 < b && s->w[q + 1] == ' ' ? q + 2 : q + 1;
      if (n >= b || !(s->w[n] == ';' || s->w[n] == ',' || (n > q + 1 && s->w[n] >= 'A' && s->w[n] <= 'Z')) ||
          !rpi_scan_abbrev_word(s, rpi_scan_word_before(s, q, ua), q))
        return ub;
    } else if (!(ascii_alpha(c) || c == ' ' || c == ',' || c == '&' || c == '-' || c == '\'' ||
                 (unsigned char)c >= 0x80)) {
      return ub;
    }
  }
  size_t y = q + 1 < b && s->w[q + 1] == ' ' ? q + 2 : q + 1;
  if (q >= b || y + 4 > b || !rpi_lex_is_year(s->w + y) || (y + 4 < b && ascii_digit(s->w[y + 4])))
    return ub;
  while (q > ub && (s->w[q - 1] == ' ' || s->w[q - 1] == '.'))
    q--;
  return q;
}

/* Where the place's segment ending at c starts: after the comma,
 * semicolon or bracket before it, or after a sentence's stop (a word of
 * two letters or more before it), not before lo. */
static size_t place_segment_start(const st *s, size_t lo, size_t c) {
  size_t ca = c;
  while (ca > lo && s->w[ca - 1] != ',' && s->w[ca - 1] != ';' && s->w[ca - 1] != '(' &&
         !(s->w[ca - 1] == '.' && ca >= 2 && s->w[ca - 2] != ' ' && (ca - 2 == lo || s->w[ca - 3] != ' ')))
    ca--;
  return ca;
}

/* Whether the text before k (past spaces, not before lo) opens a
 * sentence or a bracket there. */
static bool opens_sentence(const st *s, size_t lo, size_t k) {
  while (k > lo && s->w[k - 1] == ' ')
    k--;
  return k == lo || s->w[k - 1] == '.' || s->w[k - 1] == '(' || s->w[k - 1] == ')';
}

/* Whether [c + 1, pb) is a country, region or abbreviated state after a
 * known city ending at c (the comma or semicolon) that starts after lo:
 * then *city gets the city's start. "Paris, France", "Cambridge, Mass.",
 * "Leiden, NL"; two known cities ("Berlin, Heidelberg", "Boston;
 * Montreal"); a place the lists do not know before a country or state,
 * opening the imprint's sentence ("Gland, Switzerland", "Rowley, Mass."). */
static bool city_region(const st *s, size_t lo, size_t c, size_t pb, size_t *city) {
  size_t ra = c + 1, rb = pb;
  trim(s->w, &ra, &rb);
  while (rb > ra && s->w[rb - 1] == '.')
    rb--;
  /* (the stop may follow pb: "Athens, Ga.: 1998", the place read up to it) */
  bool region = rb > ra && (rpi_lex_is_country(s->w + ra, rb - ra) ||
                            (rb - ra <= 5 && rb < s->n && s->w[rb] == '.' && rpi_is_upper((unsigned char)s->w[ra])));
  bool second_city = !region && rb > ra && rpi_lex_is_city(s->w + ra, rb - ra);
  if (!region && !(second_city || s->w[c] == ';'))
    return false;
  if (s->w[c] == ';' && !second_city)
    return false;
  size_t xa = place_segment_start(s, lo, c), xb = c;
  trim(s->w, &xa, &xb);
  if (xb <= xa)
    return false;
  /* a known city, or two joined ("New York & Abingdon, Oxon.") */
  if (!rpi_imprint_cities(s, xa, xb)) {
    /* an unknown place: before a region only, one to three capitalised
     * words opening a sentence (not "..., Banking in Geneva, Switzerland") */
    if (!region || rpi_scan_count_words(s, xa, xb) > 3 || !rpi_imprint_place_words(s, xa, xb))
      return false;
    size_t k = xa;
    while (k > lo && s->w[k - 1] == ' ')
      k--;
    /* "Solihull, West Midlands, England": a county between the town,
     * opening the sentence, and the country */
    if (k > lo + 1 && s->w[k - 1] == ',') {
      size_t ya = place_segment_start(s, lo, k - 1), yb = k - 1;
      trim(s->w, &ya, &yb);
      if (yb > ya && rpi_scan_count_words(s, ya, yb) <= 3 && rpi_imprint_place_words(s, ya, yb) &&
          opens_sentence(s, lo, ya)) {
        *city = ya;
        return true;
      }
    }
    if (!opens_sentence(s, lo, xa))
      return false;
  }
  *city = xa;
  return true;
}

/* The place of a P_PUBPLACE match [*pa, *pb): it starts after the last
 * sentence end, comma or semicolon in it (not the comma of "Hershey, PA");
 * trimmed. */
static void match_place(const st *s, size_t *pa, size_t *pb) {
  for (size_t q = *pb; q-- > *pa;)
    if ((s->w[q] == '.' && q + 1 < *pb && s->w[q + 1] == ' ' && q > *pa + 1 && s->w[q - 2] != ' ') ||
        s->w[q] == ',' || s->w[q] == ';') {
      if (s->w[q] == ',' && (q + 4 >= *pb || (q + 5 == *pb && s->w[q + 1] == ' ' && rpi_is_upper((unsigned char)s->w[q + 2]) &&
                                                rpi_is_upper((unsigned char)s->w[q + 3]) && rpi_is_upper((unsigned char)s->w[q + 4]))))
        continue; /* "Hershey, PA", "Canberra, ACT" */
      *pa = q + 1;
      break;
    }
  trim(s->w, pa, pb);
}

/* Whether the colon of a match whose place [pa, pb) the lists do not know
 * is a title's, not an imprint's: the publisher [ua, ub) after it opens
 * with a lower-case word (not a particle before a capital: "de Gruyter")
 * or holds a number that is no year ("Carnet de route : vers une pratique
 * ...", "533 Días de Historia Argentina: 6 de septiembre de 1930 - ..."),
 * or a publisher's name follows it in [ub, b) while it holds none, or
 * another "City: Publisher" with a known city follows in [from, b)
 * ("Privatization and Labor: Responses ..., Edward Elgar" is not one;
 * "From Midterms to Ministry: Practical Theologians ..., Grand Rapids:
 * Eerdmans, 2008" is). */
static bool title_colon(st *s, size_t pa, size_t pb, size_t ua, size_t ub, size_t from, size_t b) {
  if (pb <= pa || rpi_imprint_cities(s, pa, pb))
    return false;
  if (ua < ub && s->w[ua] >= 'a' && s->w[ua] <= 'z') {
    size_t pe = ua;
    while (pe < ub && s->w[pe] >= 'a' && s->w[pe] <= 'z')
      pe++;
    if (!(pe - ua <= 3 && pe + 1 < ub && s->w[pe] == ' ' && rpi_is_upper((unsigned char)s->w[pe + 1])))
      return true;
  }
  for (size_t q = ua; q < ub; q++)
    if (ascii_digit(s->w[q])) {
      size_t e = q;
      while (e < ub && ascii_digit(s->w[e]))
        e++;
      if (e - q != 4 || !rpi_lex_is_year(s->w + q))
        return true;
      q = e;
    }
  /* "Privatization and Labor: Responses and Consequences ..., Edward
   * Elgar, 2002": a publisher's name after the colon's phrase */
  if (ub < b && !rpi_imprint_has_publisher_word(s, ua, ub) && rpi_imprint_has_publisher_word(s, ub, b))
    return true;
  rpi_match m2;
  if (from < b && rpi_imprint_find_pubplace(s, from, b, &m2) && m2.start < b) {
    size_t xa = m2.g[G_PUBPLACE_PLACE][0], xb = m2.g[G_PUBPLACE_PLACE][1];
    match_place(s, &xa, &xb);
    /* (a known city, maybe with its region's code: "Canberra, ACT") */
    const char *cm = xb > xa ? memchr(s->w + xa, ',', xb - xa) : NULL;
    if (xb > xa && rpi_imprint_cities(s, xa, cm ? (size_t)(cm - s->w) : xb))
      return true;
  }
  return false;
}

/* "City: Publisher" by P_PUBPLACE in [a, b), or "MIT Press: Cambridge,
 * MA" with the publisher first. True when it set them. */
static bool pubplace_match(st *s, size_t a, size_t b) {
  rpi_match m;
  int gp = G_PUBPLACE_PLACE, gu = G_PUBPLACE_PUB;
  size_t from = a;
  while (rpi_imprint_find_pubplace(s, from, b, &m) && m.start < b) {
    if (m.g[gu][1] > b) {
      from = m.start + 1;
      break;
    }
    size_t pa = m.g[gp][0], pb = m.g[gp][1];
    match_place(s, &pa, &pb);
    size_t pa0 = pa; /* (before a run-on city is cut from it) */
    /* "... Radicals and Terrorists Oxford: Oxford University Press": a
     * known city run on from the title's words is the place alone */
    if (pb > pa && !rpi_imprint_cities(s, pa, pb)) {
      size_t colon = pb;
      while (colon < m.end && s->w[colon] != ':')
        colon++;
      size_t g = colon < m.end ? rpi_imprint_glued_city(s, pa, colon, NULL) : UNSET;
      if (g != UNSET)
        pa = g;
    }
    /* "Paris, France: Sirey", "Cambridge, Mass.: MIT Press": the city
     * before a country or state */
    size_t pc = pa;
    while (pc > a && s->w[pc - 1] == ' ')
      pc--;
    bool regioned = pc > a + 1 && (s->w[pc - 1] == ',' || s->w[pc - 1] == ';') && city_region(s, a, pc - 1, pb, &pa);
    /* "Grand Rapids & Cambridge, UK": a known city joined to the place by
     * an ampersand (the match's place holds no '&') */
    if (!regioned && pc > a + 2 && s->w[pc - 1] == '&') {
      size_t ya = place_segment_start(s, a, pc - 1), yb = pc - 1;
      trim(s->w, &ya, &yb);
      if (yb > ya && rpi_lex_is_city(s->w + ya, yb - ya) && opens_sentence(s, a, ya)) {
        pa = ya;
        regioned = true;
      }
    }
    size_t ua = m.g[gu][0], ub = m.g[gu][1];
    trim(s->w, &ua, &ub);
    ub = past_initials(s, ua, ub, b);
    ub = past_firm_commas(s, ub, b);
    ub = past_stops_to_year(s, ua, ub, b);
    ub = past_body_comma(s, ua, ub, b);
    /* "North Light Books 2007": the year is not the publisher's */
    if (ub >= ua + 6 && rpi_scan_all_digits(s, ub - 4, ub) && s->w[ub - 5] == ' ') {
      ub -= 5;
      trim(s->w, &ua, &ub);
    }
    if (!regioned && title_colon(s, pa0, pb, ua, ub, m.g[gu][0], b)) {
      from = m.g[gu][0];
      continue;
    }
    /* "London: 1990", "Miami, FL: 2011": the place and the year, with no
     * publisher between them */
    if (pb > pa && (ub == ua + 4 || (ub == ua + 5 && ascii_alpha(s->w[ua + 4]))) && rpi_lex_is_year(s->w + ua)) {
      if (rpi_scan_count_words(s, pa, pb) > 4)
        return false;
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
      return true;
    }
    if (!regioned && pb > pa && ub > ua && rpi_imprint_has_publisher_word(s, pa, pb) &&
        !rpi_imprint_has_publisher_word(s, ua, b) && rpi_imprint_place_words(s, ua, ub)) {
      /* "MIT Press: Cambridge, MA": the publisher first (not a place
       * read with its region: "Greenwood, S.C.: Attic") */
      size_t ue = b;
      trim(s->w, &ua, &ue);
      if (rpi_imprint_seg(s, ub + 1, ue) != SEG_REGION)
        ue = ub;
      rpi_fields_set(s, RP_FIELD_PUBLISHER, pa, pb);
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, ua, ue);
      return true;
    }
    if (pb > pa && ub > ua && (regioned || rpi_scan_count_words(s, pa, pb) <= 4)) {
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
      rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ub);
      return true;
    }
    from = m.end;
  }
  return false;
}

/* Whether every period in [a, b) closes an abbreviation of one or two
 * letters ("Frankfurt a. M", "St. Gallen", "Washington, D.C"): no
 * sentence ends there. */
static bool abbrev_stops_only(const st *s, size_t a, size_t b) {
  for (size_t q = a; q < b; q++) {
    if (s->w[q] != '.')
      continue;
    size_t w = q;
    while (w > a && ascii_alpha(s->w[w - 1]))
      w--;
    if (w == q || q - w > 2 || (w > a && s->w[w - 1] != ' ' && s->w[w - 1] != '.'))
      return false;
  }
  return true;
}

/* "London: Frances Pinter" / "MIT Press: Cambridge, MA": one colon
 * between a place and a publisher, in either order. True when it set
 * them. */
static bool one_colon(st *s, size_t a, size_t b) {
  /* a closing ", 2010" is the date, not part of the imprint */
  size_t b0 = b;
  if (b >= a + 6 && rpi_scan_all_digits(s, b - 4, b) && (s->w[b - 5] == ' ' || s->w[b - 5] == ',')) {
    b0 = b - 5;
    while (b0 > a && (s->w[b0 - 1] == ' ' || s->w[b0 - 1] == ','))
      b0--;
  }
  const char *colon = memchr(s->w + a, ':', b0 - a);
  size_t c = colon ? (size_t)(colon - s->w) : b0;
  if (c < b0 && !memchr(s->w + c + 1, ':', b0 - c - 1) && abbrev_stops_only(s, a, c)) {
    size_t xa = a, xb = c, ya = c + 1, yb = b0;
    trim(s->w, &xa, &xb);
    trim(s->w, &ya, &yb);
    /* "[Le Mans, France]: Groupe ...": a place in brackets (supplied);
     * the caller skipped the opening one */
    if (xb > xa + 1 && s->w[xb - 1] == ']' && !memchr(s->w + xa, '[', xb - xa))
      xb--;
    /* no number in the place, and in the publisher only in its last
     * word, of letters and digits, not a year, after no ';' ("Edições
     * 70", "nai010"; not "Press; 105-143") */
    size_t lw = yb;
    while (lw > ya && s->w[lw - 1] != ' ')
      lw--;
    bool digits = false, last = false, other = false;
    for (size_t q = a; q < yb; q++) {
      if (q < lw)
        digits |= ascii_digit(s->w[q]);
      else if (ascii_digit(s->w[q]))
        last = true;
      else
        other |= !ascii_alpha(s->w[q]) && (unsigned char)s->w[q] < 0x80;
    }
    if (last)
      digits = digits || other || memchr(s->w + ya, ';', yb - ya) || (lw + 4 == yb && rpi_scan_all_digits(s, lw, yb));
    /* a Vancouver imprint closed by "; Year" may name a longer publisher
     * ("Association for Computing Machinery and Morgan & Claypool") */
    size_t most = b0 < b && b0 > a && s->w[b0 - 1] == ';' ? 10 : 6;
    if (!digits && xb > xa && yb > ya && rpi_scan_count_words(s, ya, yb) <= most) {
      if (rpi_imprint_has_publisher_word(s, xa, xb) && !rpi_imprint_has_publisher_word(s, ya, yb) && rpi_imprint_place_words(s, ya, yb)) {
        rpi_fields_set(s, RP_FIELD_PUBLISHER, xa, xb);
        rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, ya, yb);
        return true;
      }
      if ((rpi_imprint_place_words(s, xa, xb) || cjk_run(s, xa, xb)) && !rpi_imprint_has_publisher_word(s, xa, xb)) {
        rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, xa, xb);
        rpi_fields_set(s, RP_FIELD_PUBLISHER, ya, yb);
        return true;
      }
    }
  }
  return false;
}

/* A publisher's name the lists do not know: one capitalised phrase of at
 * most six words, no digits, brackets or stops ("Dorling Kindersley"). */
static bool plain_name(const st *s, size_t a, size_t b) {
  trim(s->w, &a, &b);
  unsigned cp = 0;
  if (b <= a || !rpi_utf8_decode((const unsigned char *)s->w + a, b - a, &cp) || !rpi_is_upper(cp) ||
      rpi_scan_count_words(s, a, b) > 6)
    return false;
  for (size_t q = a; q < b; q++) {
    if (ascii_digit(s->w[q]) || s->w[q] == '(' || s->w[q] == ')' || s->w[q] == ':' || s->w[q] == '.')
      return false;
    size_t we = q;
    while (we < b && s->w[we] != ' ')
      we++;
    if ((q == a || s->w[q - 1] == ' ') && rpi_lex_is_journal_word(s->w + q, we - q))
      return false; /* "Trends in Higher Education Series" */
  }
  return true;
}

/* "Westview Press Boulder", "Springer Berlin", "University of Hawaii
 * Honolulu": a known city run on from a publisher's name with no
 * punctuation, after a word that is neither a body's ("University College
 * London", "Freie Universität Berlin" name their city) nor a particle
 * ("Presses universitaires de Rennes"). Returns the city's start, or
 * UNSET. */
static size_t publisher_city_tail(const st *s, size_t ua, size_t ue) {
  size_t pw = ua, k = rpi_imprint_glued_city(s, ua, ue, &pw);
  if (k == UNSET || k <= ua + 2)
    return UNSET;
  size_t pe = k;
  while (pe > pw && s->w[pe - 1] == ' ')
    pe--;
  if (rpi_lex_is_org_word(s->w + pw, pe - pw) || at_lit(s, pw, "Univ", 4) || at_lit(s, pw, "Hochschule", 10) ||
      !rpi_imprint_has_publisher_word(s, ua, pe))
    return UNSET;
  return k;
}

/* Set the publisher [ua, ue) and the place [pa, pe), trimmed; a city run
 * on from the publisher before a region's place ("Westview Press
 * Boulder, CO") is the place's. */
static bool set_publisher_place(st *s, size_t ua, size_t ue, size_t pa, size_t pe) {
  trim(s->w, &ua, &ue);
  trim(s->w, &pa, &pe);
  size_t k = pa > ue && rpi_imprint_seg(s, pa, pe) == SEG_REGION ? publisher_city_tail(s, ua, ue) : UNSET;
  if (k != UNSET) {
    ue = k;
    pa = k;
    trim(s->w, &ua, &ue);
  }
  rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ue);
  rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pe);
  return true;
}

/* Whether the comma segment [a, b) is a company's legal form: "Inc.",
 * "Ltd", "LLC", "GmbH", "Co.", "plc". */
static bool company_form(const st *s, size_t a, size_t b) {
  trim(s->w, &a, &b);
  if (b > a && s->w[b - 1] == '.')
    b--;
  static const char *const forms[] = {"Inc", "Ltd", "LLC", "GmbH", "Co", "plc", "Pty Ltd", NULL};
  for (size_t k = 0; forms[k]; k++)
    if (strlen(forms[k]) == b - a && at_lit(s, a, forms[k], b - a))
      return true;
  return false;
}

/* "The Ergonomics Society of Taiwan, Hsinchu, ROC", "Dorling Kindersley,
 * New York, USA": a publisher, then its place (with a known city among
 * the places when the publisher has no publisher word). True when it set
 * them. */
static bool publisher_then_place(st *s, size_t pa, size_t pb) {
  size_t c = pa;
  while (c < pb && s->w[c] != ',')
    c++;
  /* "Curran Associates, Inc., 2019", "O'Reilly Media, Inc., Sebastopol,
   * CA": the legal form belongs to the publisher */
  if (c < pb) {
    size_t c1 = c + 1;
    while (c1 < pb && s->w[c1] != ',')
      c1++;
    if (company_form(s, c + 1, c1)) {
      if (c1 >= pb) {
        size_t ua = pa, ub = pb;
        trim(s->w, &ua, &ub);
        rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ub);
        return true;
      }
      c = c1;
    }
  }
  int first = c < pb ? rpi_imprint_seg(s, pa, c) : SEG_OTHER;
  size_t c2 = c + 1;
  while (c2 < pb && s->w[c2] != ',')
    c2++;
  /* an unknown capitalised name reads as a place too: before a known
   * city it is the publisher */
  /* "CIM, Warszawa", "PUF, Paris": capitals read as a state ("CA") before
   * a comma, but a state follows its city; before a known city they are
   * the publisher's initials */
  bool initials = first == SEG_REGION && c < pb && c - pa >= 2 && !rpi_lex_is_country(s->w + pa, c - pa) &&
                  rpi_imprint_seg(s, c + 1, c2) == SEG_CITY;
  for (size_t q = pa; initials && q < c; q++)
    initials = s->w[q] >= 'A' && s->w[q] <= 'Z';
  bool places = first == SEG_PUB || initials || (first == SEG_OTHER && plain_name(s, pa, c)) ||
                (first == SEG_PLACE && c < pb && plain_name(s, pa, c) && rpi_imprint_seg(s, c + 1, c2) == SEG_CITY);
  bool city = false;
  for (size_t q = c; places && q < pb;) {
    size_t z = q + 1;
    while (z < pb && s->w[z] != ',')
      z++;
    int k = rpi_imprint_seg(s, q + 1, z);
    /* after a name the lists do not know, only known places */
    places = k == SEG_CITY || k == SEG_REGION || (k == SEG_PLACE && first == SEG_PUB);
    city |= k == SEG_CITY;
    q = z;
  }
  /* "Mazda, Costa Mesa, California", "Wyoming Cooperative Research Unit,
   * Laramie, USA": a name, then one place the lists do not know and a
   * country or state; the region makes the place one, so the name before
   * it is the publisher (not "Berlin, Heidelberg, Germany": no known city
   * first) */
  if (!places && c < pb && c2 < pb && (first == SEG_OTHER || first == SEG_PLACE) && plain_name(s, pa, c)) {
    size_t c3 = c2 + 1;
    while (c3 < pb && s->w[c3] != ',')
      c3++;
    int mid = rpi_imprint_seg(s, c + 1, c2);
    places = c3 >= pb && (mid == SEG_PLACE || mid == SEG_CITY) && rpi_imprint_seg(s, c2 + 1, pb) == SEG_REGION;
    city |= places;
  }
  if (places && (first == SEG_PUB || city))
    return set_publisher_place(s, pa, c, c + 1, pb);
  return false;
}

/* Whether the comma segment at [a, b) is two capitals alone, a state's
 * or a province's code ("MA", "CA", "NY", "ON"), up to the next comma. */
static bool state_code_at(const st *s, size_t a, size_t b) {
  size_t z = a;
  while (z < b && s->w[z] != ',')
    z++;
  trim(s->w, &a, &z);
  return z == a + 2 && s->w[a] >= 'A' && s->w[a] <= 'Z' && s->w[a + 1] >= 'A' && s->w[a + 1] <= 'Z';
}

/* Whether [a, b) is a state's or a province's code: two capitals ("PA",
 * "ON") or an abbreviation of the countries and regions list with its stop
 * ("Ont.", "Mass.", "Calif."; not "Print."). */
static bool region_code(const st *s, size_t a, size_t b) {
  trim(s->w, &a, &b);
  if (state_code_at(s, a, b))
    return true;
  return b > a + 1 && b - a <= 5 && b < s->n && s->w[b] == '.' && s->w[a] >= 'A' && s->w[a] <= 'Z' &&
         (rpi_lex_is_country(s->w + a, b - a + 1) || rpi_lex_is_country(s->w + a, b - a));
}

/* Whether the period at k (after pa) and the space after it end a
 * sentence: not the stop of an initial, of a short capitalised
 * abbreviation ("D. C.", "St. Paul", "Mt. Vernon") or of a word the
 * abbreviation list knows ("Math.", "Soc."). */
static bool sentence_stop(const st *s, size_t pa, size_t k) {
  if (s->w[k] != '.' || k + 1 >= s->n || s->w[k + 1] != ' ')
    return false;
  size_t w = k;
  while (w > pa && s->w[w - 1] != ' ' && s->w[w - 1] != '.')
    w--;
  if (k - w <= 2 && k > w && s->w[w] >= 'A' && s->w[w] <= 'Z' && (k - w == 1 || ascii_alpha(s->w[w + 1])))
    return false;
  return !rpi_lex_is_abbrev(s->w + w, k - w); /* "Amer. Math. Soc." */
}

/* "Report E-12. Boston, MA", "E1943-98. West Conshohocken, PA.",
 * "Ceramic Plumbing Fixtures. CSA, Mississauga, Ont.": a state's or
 * province's code after the last comma at c is the region of the place
 * before it, back to the previous comma or sentence stop; a name between a
 * stop and that comma, or a publisher's sentence before that stop, is the
 * publisher. True when it set them. */
static bool city_code_after_stop(st *s, size_t pa, size_t c, size_t pb) {
  if (!region_code(s, c + 1, pb))
    return false;
  size_t q = c;
  while (q > pa && s->w[q - 1] != ',' && !(q >= pa + 2 && sentence_stop(s, pa, q - 2)))
    q--;
  if (q <= pa)
    return false; /* nothing before the city: read as it is */
  size_t ca = q, ce = c;
  trim(s->w, &ca, &ce);
  if (ce <= ca || rpi_scan_count_words(s, ca, ce) > 3 || !rpi_imprint_place_words(s, ca, ce))
    return false;
  size_t ua = q - 1, ue = q - 1;
  bool comma = s->w[q - 1] == ',';
  if (!comma)
    ue = --ua; /* the stop before the city */
  while (ua > pa && !(ua >= pa + 2 && sentence_stop(s, pa, ua - 2)))
    ua--;
  trim(s->w, &ua, &ue);
  if (comma && (ue <= ua || memchr(s->w + ua, ',', ue - ua) || rpi_scan_count_words(s, ua, ue) > 5 ||
                !rpi_is_upper((unsigned char)s->w[ua])))
    return false;
  /* "Harbor Institute. Baltimore, MD": a sentence of its own before the
   * city is the publisher when it names one */
  if (!comma && (ue <= ua || rpi_imprint_seg(s, ua, ue) != SEG_PUB))
    ua = UNSET;
  size_t pe = pb;
  trim(s->w, &ca, &pe);
  rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, ca, pe);
  if (ua != UNSET)
    rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ue);
  return true;
}

/* "University Park, The Pennsylvania State University Press",
 * "Bloomington, Illinois, McLean County Historical Society": a known city
 * (and its region), then the publisher after the last comma. True when it
 * set them. */
static bool place_then_publisher(st *s, size_t pa, size_t pb) {
  size_t c = pb;
  while (c > pa && s->w[c - 1] != ',')
    c--;
  if (c <= pa + 1)
    return false;
  int last = rpi_imprint_seg(s, c, pb);
  if (last != SEG_PUB && !(last == SEG_OTHER && plain_name(s, c, pb)))
    return false;
  /* "Basel (Beltz Verlag)", "MA. IEEE Computer Society Press": one name */
  for (size_t q = c; q < pb; q++)
    if (s->w[q] == '(' || (s->w[q] == '.' && q + 1 < pb && s->w[q + 1] == ' '))
      return false;
  for (size_t q = pa; q < c - 1;) {
    size_t z = q;
    while (z < c - 1 && s->w[z] != ',')
      z++;
    int k = rpi_imprint_seg(s, q, z);
    /* "Reading, MA, Addison-Wesley": a place the lists do not know, made
     * one by the state's two capitals after it */
    if (q == pa && k == SEG_PLACE && z < c - 1 && state_code_at(s, z + 1, c - 1))
      k = SEG_CITY;
    if (q == pa ? k != SEG_CITY : k != SEG_PLACE && k != SEG_CITY && k != SEG_REGION)
      return false;
    q = z + 1;
  }
  return set_publisher_place(s, c, pb, pa, c - 1);
}

/* "Weinheim, Basel (Beltz Verlag) 2009", "Weinheim u. München (Juventa)
 * 1999": the German imprint "Place (Publisher) Year". Before the bracket
 * a place (at most four capitalised words, connectors allowed); inside it
 * a publisher (a publisher's word, or a plain name after a known city);
 * after it nothing but a year. True when it set them. */
static bool place_bracket_publisher(st *s, size_t a, size_t b) {
  const char *o = memchr(s->w + a, '(', b - a);
  if (!o)
    return false;
  size_t oa = (size_t)(o - s->w), c = oa + 1;
  /* a name: no colon, digit or inner bracket ("(Greenwood, S.C.: Attic,
   * 1973)" is an imprint of its own) */
  while (c < b && s->w[c] != ')' && s->w[c] != '(' && s->w[c] != ':' && !ascii_digit(s->w[c]))
    c++;
  /* c == b: the trimmed end was the bracket's close ("Basel (Beltz)") */
  if (c > b || s->w[c] != ')' || oa <= a + 2 || c <= oa + 2)
    return false;
  size_t k = skip_sp(s, c + 1);
  if (k + 4 <= b && rpi_scan_all_digits(s, k, k + 4))
    k = skip_sp(s, k + 4);
  while (k < b && (s->w[k] == '.' || s->w[k] == ',' || s->w[k] == ' '))
    k++;
  if (k < b)
    return false;
  size_t pa = a, pe = oa, ua = oa + 1, ue = c;
  trim(s->w, &pa, &pe);
  trim(s->w, &ua, &ue);
  if (pe <= pa || ue <= ua || !rpi_imprint_place_words(s, pa, pe))
    return false;
  /* "Gewaltlösungen. Seelze (Friedrich-Verlag)": the place is the last
   * sentence */
  for (size_t q = pa + 3; q < pe; q++)
    if (s->w[q] == '.' && ascii_alpha(s->w[q - 1]) && ascii_alpha(s->w[q - 2]) && ascii_alpha(s->w[q - 3]))
      pa = skip_sp(s, q + 1);
  bool city = false;
  for (size_t q = pa; q < pe && !city;) {
    size_t z = q;
    while (z < pe && s->w[z] != ',' && s->w[z] != ' ')
      z++;
    city = rpi_lex_is_city(s->w + q, z - q);
    q = z + 1;
  }
  if (!rpi_imprint_has_publisher_word(s, ua, ue) && !(city && plain_name(s, ua, ue)))
    return false;
  rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pe);
  rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ue);
  return true;
}

/* Whether [k, e) is a known city, or two joined by a connector ("Hamburg
 * und Leipzig", "London and New York", "Paris et Genève"), or known
 * cities joined by slashes ("Berkeley/London"). */
bool rpi_imprint_cities(const st *s, size_t k, size_t e) {
  trim(s->w, &k, &e); /* blanked text (a year read) may end the span */
  if (e <= k)
    return false;
  /* "Köln u.a.", "Berlin u. a.": a city "and other places" */
  if (e > k + 6 && s->w[e - 1] == 'a' && (at_lit(s, e - 4, " u.a", 4) || at_lit(s, e - 5, " u. a", 5))) {
    e -= s->w[e - 2] == '.' ? 4 : 5;
    trim(s->w, &k, &e);
  }
  if (rpi_lex_is_city(s->w + k, e - k))
    return true;
  /* "Berkeley/London", "Paris/New York/Tokyo": known cities joined by
   * slashes */
  const char *sl = memchr(s->w + k, '/', e - k);
  if (sl) {
    size_t q = (size_t)(sl - s->w), le = q, rs = q + 1;
    while (le > k && s->w[le - 1] == ' ')
      le--;
    while (rs < e && s->w[rs] == ' ')
      rs++;
    return le > k && rs < e && rpi_lex_is_city(s->w + k, le - k) && rpi_imprint_cities(s, rs, e);
  }
  /* every connector opens with a space: only the spaces are tried */
  static const lit_t conn[] = {LIT(" und "), LIT(" and "), LIT(" et "), LIT(" & "), LIT(" u. "), LIT(" - "),
                               LIT(" \xe2\x80\x93 ")};
  for (const char *sp = k + 2 < e ? memchr(s->w + k + 2, ' ', e - k - 2) : NULL; sp;
       sp = memchr(sp + 1, ' ', (size_t)(s->w + e - sp - 1))) {
    size_t q = (size_t)(sp - s->w);
    if (q + 4 >= e)
      break;
    for (size_t i = 0; i < sizeof conn / sizeof conn[0]; i++)
      if (q + conn[i].n < e && at_lit(s, q, conn[i].s, conn[i].n))
        return rpi_lex_is_city(s->w + k, q - k) && rpi_lex_is_city(s->w + q + conn[i].n, e - q - conn[i].n);
  }
  return false;
}

bool rpi_imprint_pub_place_sentence(const st *s, size_t k) {
  size_t e = s->n;
  while (e > k && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  const char *c = memchr(s->w + k, ',', e - k);
  if (!c || rpi_scan_first_stop(s, k, e) < e || rpi_imprint_seg(s, k, (size_t)(c - s->w)) != SEG_PUB)
    return false;
  bool place = false;
  for (size_t a = (size_t)(c - s->w) + 1; a < e;) {
    size_t b = a;
    while (b < e && s->w[b] != ',')
      b++;
    int g = rpi_imprint_seg(s, a, b);
    if (g != SEG_CITY && g != SEG_REGION && g != SEG_PLACE && g != SEG_YEAR)
      return false;
    place |= g == SEG_CITY || g == SEG_REGION;
    a = b + 1;
  }
  return place;
}

size_t rpi_imprint_glued_city(const st *s, size_t lo, size_t c, size_t *prev) {
  static const char *const prefixes[] = {"North", "South", "East", "West", "New", "Old", "Upper", "Lower", "Great",
                                         "Little", "Saint", "St.", "San", "Santa", "Fort", "Port", "Mount", "Bad",
                                         "Den", "Los", "Las", "El", "La", "Le", NULL};
  size_t e = c;
  while (e > lo && s->w[e - 1] == ' ')
    e--;
  /* "Trenton NJ" */
  if (e >= lo + 4 && s->w[e - 3] == ' ' && s->w[e - 1] >= 'A' && s->w[e - 1] <= 'Z' && s->w[e - 2] >= 'A' &&
      s->w[e - 2] <= 'Z')
    e -= 3;
  /* the last four words before e (their starts ws, ends we, the last
   * first); the longest known city of up to three of them, with a word
   * before it */
  size_t ws[4], we[4];
  int nw = 0;
  for (size_t q = e; nw < 4 && q > lo; nw++) {
    we[nw] = q;
    while (q > lo && s->w[q - 1] != ' ')
      q--;
    ws[nw] = q;
    while (q > lo && s->w[q - 1] == ' ')
      q--;
  }
  int j = -1;
  for (int t = nw - 2 < 2 ? nw - 2 : 2; t >= 0 && j < 0; t--) {
    bool letters = true;
    for (size_t q = ws[t]; q < e && letters; q++) {
      unsigned char ch = (unsigned char)s->w[q];
      letters = ch >= 0x80 || ascii_alpha((char)ch) || ch == ' ' || ch == '-' || ch == '\'' || ch == '.';
    }
    if (letters && rpi_lex_is_city(s->w + ws[t], e - ws[t]))
      j = t;
  }
  if (j < 0 || ws[j] < lo + 2)
    return UNSET;
  size_t k = ws[j], pa = ws[j + 1], pe = we[j + 1];
  /* the word before the city: a title's, run on with no punctuation */
  unsigned char last = (unsigned char)s->w[pe - 1];
  if (last < 0x80 && !ascii_alpha((char)last) && !ascii_digit((char)last) && last != '"' && last != '\'' &&
      last != ')')
    return UNSET;
  if ((pe - pa <= 3 && s->w[pa] >= 'a' && s->w[pa] <= 'z') || s->w[pa] == '&' || rpi_lex_is_city(s->w + pa, pe - pa))
    return UNSET;
  for (size_t i = 0; prefixes[i]; i++)
    if (strlen(prefixes[i]) == pe - pa && at_lit(s, pa, prefixes[i], pe - pa))
      return UNSET;
  if (prev)
    *prev = pa;
  return k;
}

size_t rpi_imprint_city_list_tail(const st *s, size_t a, size_t b) {
  while (b > a && (is_edge(s->w[b - 1])))
    b--;
  size_t e = b, cut = UNSET;
  bool city = false;
  for (int segs = 0; segs < 4 && e > a; segs++) {
    size_t c = e;
    while (c > a && s->w[c - 1] != ',')
      c--;
    size_t x = c, y = e;
    trim(s->w, &x, &y);
    while (y > x && s->w[y - 1] == '.')
      y--;
    bool is_city = y > x && rpi_imprint_cities(s, x, y);
    /* after the city: a country or a state ("Gothenburg, Sweden",
     * "Madison, WI") */
    bool region = !city && y > x &&
                  (rpi_lex_is_country(s->w + x, y - x) ||
                   (y - x == 2 && s->w[x] >= 'A' && s->w[x] <= 'Z' && s->w[x + 1] >= 'A' && s->w[x + 1] <= 'Z'));
    if (!is_city && !region)
      break;
    city |= is_city;
    if (city && c <= a)
      return a;
    if (c <= a)
      break;
    if (is_city)
      cut = c - 1;
    e = c - 1;
  }
  return cut;
}

/* Where the place [a, e) ends: a known city or a place by shape, then
 * regions ("San Jose, CA", "Washington, D. C", "Chambery, France",
 * "Norman, OK"), a city or a region among them, and with year a year
 * after them ("New York, 1990"). UNSET when it is no place. */
static size_t place_end(const st *s, size_t a, size_t e, bool year) {
  bool known = false;
  size_t pe = UNSET;
  for (size_t c = a; c < e;) {
    size_t d = c;
    while (d < e && s->w[d] != ',')
      d++;
    int g = rpi_imprint_seg(s, c, d);
    if (c == a ? g != SEG_CITY && g != SEG_PLACE : g != SEG_REGION && !(year && g == SEG_YEAR))
      return UNSET;
    known |= g == SEG_CITY || g == SEG_REGION;
    if (g != SEG_YEAR)
      pe = d;
    c = d + 1;
  }
  return known ? pe : UNSET;
}

/* "Ancient World Series. Eerdmans, 2004", "Medieval Texts Series 4.
 * Brepols", "The International Critical Commentary. T&T Clark, 1914",
 * "New International Commentary on the New Testament. Eerdmans, 1987": a
 * series' sentence, its last word (before an optional number, "38A") or a
 * word before "on" a series word, then the imprint's own
 * sentence. Sets the series as the collection title (when none is set)
 * and reads [after the stop, b) as the imprint. [pa, pb) is the imprint
 * without its year. True when it did. */
static bool series_sentence(st *s, size_t pa, size_t pb, size_t b) {
  static const char *const word[] = {"Series", "Studies", "Library", "Monographs", "Texts", "Reihe", "Commentary", "Commentaries", NULL};
  size_t d = UNSET;
  for (size_t q = pa + 4; q + 2 < pb; q++)
    if (s->w[q] == '.' && s->w[q + 1] == ' ' && s->w[q + 2] >= 'A' && s->w[q + 2] <= 'Z') {
      if (d != UNSET)
        return false; /* one stop only */
      d = q;
    }
  if (d == UNSET)
    return false;
  size_t we = d;
  /* "Word Biblical Commentary 38A": a number, maybe with a letter */
  if (we > pa + 2 && s->w[we - 1] >= 'A' && s->w[we - 1] <= 'Z' && ascii_digit(s->w[we - 2]))
    we--;
  while (we > pa && (ascii_digit(s->w[we - 1]) || s->w[we - 1] == ' '))
    we--;
  size_t ws = we;
  while (ws > pa && ascii_alpha(s->w[ws - 1]))
    ws--;
  bool series = false;
  for (size_t k = 0; word[k] && !series; k++)
    series = strlen(word[k]) == we - ws && at_lit(s, ws, word[k], we - ws);
  /* "New International Commentary on the New Testament": or a series
   * word before "on" */
  for (size_t q = pa + 1; q < d && !series; q++) {
    if (s->w[q - 1] != ' ')
      continue;
    size_t qe = q;
    while (qe < d && ascii_alpha(s->w[qe]))
      qe++;
    for (size_t k = 0; word[k] && !series; k++)
      series = strlen(word[k]) == qe - q && at_lit(s, q, word[k], qe - q) && at_lit(s, qe, " on ", 4);
  }
  /* "Sacra Pagina. Liturgical Press", "LNCS. Springer", "Bulletin 184.
   * Fisheries Research Board of Canada": with no series word, a short
   * capitalised sentence of one to four words (a longer one is more often
   * a title the names took the place of), no place, no genre, no
   * participle such as "Revised", no punctuation inside, ended by a real
   * stop after two lower-case letters, digits or capitals, before a
   * sentence that is a publisher's name by itself */
  bool lower2 = d > pa + 2 && s->w[d - 1] >= 'a' && s->w[d - 1] <= 'z' && s->w[d - 2] >= 'a' && s->w[d - 2] <= 'z';
  bool caps2 = d > pa + 2 && s->w[d - 1] >= 'A' && s->w[d - 1] <= 'Z' && s->w[d - 2] >= 'A' && s->w[d - 2] <= 'Z';
  bool plain = d > pa + 2 && (lower2 || caps2 || ascii_digit(s->w[d - 1]));
  for (size_t q = pa; q < d && plain; q++)
    plain = !strchr(",;:.()[]", s->w[q]) && (unsigned char)s->w[q] != 0xC2; /* not "§" */
  bool named = series;
  if (!series && plain && s->w[pa] >= 'A' && s->w[pa] <= 'Z' && rpi_scan_count_words(s, pa, d) <= 4 &&
      rpi_scan_real_stop_at(s, pa, pb, d) && !rpi_scan_genre_only(s, pa, d) && place_end(s, pa, d, false) == UNSET &&
      !(!memchr(s->w + pa, ' ', d - pa) && at_lit(s, d - 2, "ed", 2))) {
    size_t u = skip_sp(s, d + 1), c = u;
    while (c < pb && s->w[c] != ',')
      c++;
    series = rpi_imprint_seg(s, u, c) == SEG_PUB || rpi_imprint_has_publisher_word(s, u, c) ||
             rpi_lex_is_publisher(s->w + u, c - u);
  }
  if (!series || (named && ws == pa) || !(s->w[pa] >= 'A' && s->w[pa] <= 'Z'))
    return false;
  if (!s->r->field[RP_FIELD_COLLECTION_TITLE])
    rpi_fields_set(s, RP_FIELD_COLLECTION_TITLE, pa, d);
  rpi_imprint_publisher_place(s, d + 2, b);
  return true;
}

/* "University of Oklahoma Press. Norman, OK.", "Macmillan. New York.":
 * the publisher's sentence (a publisher's word, or of the lists), then
 * the place's. True when it set them. */
static bool publisher_stop_place(st *s, size_t a, size_t b) {
  size_t q = a;
  while (q < b && !(s->w[q] == '.' && q + 1 < b && s->w[q + 1] == ' ' && rpi_scan_real_stop_at(s, a, b, q)))
    q++;
  if (q >= b || q < a + 3 || !(rpi_imprint_has_publisher_word(s, a, q) || rpi_lex_is_publisher(s->w + a, q - a)) ||
      rpi_scan_count_words(s, a, q) > 8)
    return false;
  size_t k = skip_sp(s, q + 1), pe = place_end(s, k, b, true);
  return pe != UNSET && set_publisher_place(s, a, q, k, pe);
}

/* "San Jose, CA. AAAI Press", "Chambery, France. Morgan Kaufmann",
 * "Oxford. Oxford University Press": the place's sentence, then the
 * publisher's, with no stop in it and no place's shape of its own. True
 * when it set them. */
static bool place_stop_publisher(st *s, size_t a, size_t b) {
  if (b < a + 6)
    return false;
  /* the last stop first: "Washington, D. C. Morgan Kaufmann" */
  for (size_t q = b - 2; q >= a + 3; q--) {
    if (s->w[q] != '.' || s->w[q + 1] != ' ' || place_end(s, a, q, false) == UNSET)
      continue;
    size_t u = skip_sp(s, q + 1);
    for (size_t z = u; z + 1 < b; z++)
      if ((s->w[z] == '.' && s->w[z + 1] == ' ' && rpi_scan_real_stop_at(s, u, b, z)) || s->w[z] == ',' ||
          s->w[z] == ':' || s->w[z] == ';')
        return false;
    int g = rpi_imprint_seg(s, u, b);
    if (!(g == SEG_PUB || g == SEG_PLACE || rpi_imprint_has_publisher_word(s, u, b) ||
          rpi_lex_is_publisher(s->w + u, b - u)) ||
        g == SEG_CITY || g == SEG_REGION || rpi_scan_count_words(s, u, b) > 6)
      return false;
    return set_publisher_place(s, u, b, a, q);
  }
  return false;
}

/* "Rennes, PUR", "Paris, PUF", "Lisboa, ICS": a known city, a comma and a
 * publisher's initials, three to six capitals (or '&') that the country
 * and state list does not hold ("Cambridge, MA", "Sydney, NSW" are a
 * place and its region). True when it set them. */
static bool city_initials(st *s, size_t pa, size_t pb) {
  const char *c = memchr(s->w + pa, ',', pb - pa);
  if (!c)
    return false;
  size_t ce = (size_t)(c - s->w), ua = skip_sp(s, ce + 1);
  if (ua + 3 > pb || ua + 6 < pb || rpi_lex_is_country(s->w + ua, pb - ua) || !rpi_lex_is_city(s->w + pa, ce - pa))
    return false;
  for (size_t q = ua; q < pb; q++)
    if (!((s->w[q] >= 'A' && s->w[q] <= 'Z') || s->w[q] == '&'))
      return false;
  return set_publisher_place(s, ua, pb, pa, ce);
}

/* The ACL Anthology's "..., pages 311-318, Philadelphia, Pennsylvania,
 * USA. Association for Computational Linguistics.": in [a, b), a known
 * city (or "Online") and the places after it, a stop, and a publisher of
 * at most eight words with no stop; no digit, colon or semicolon in [a, b)
 * ("Armonk, NY: M.E. Sharpe" is another form). True when it set them. */
static bool city_stop_publisher(st *s, size_t a, size_t b) {
  while (a < b && (s->w[a] == ',' || s->w[a] == ' '))
    a++;
  size_t ce = a;
  while (ce < b && s->w[ce] != ',' && s->w[ce] != '.')
    ce++;
  if (ce == a || !(rpi_lex_is_city(s->w + a, ce - a) || (ce - a == 6 && at_lit(s, a, "Online", 6))))
    return false;
  size_t d = ce;
  while (d + 2 < b && !(s->w[d] == '.' && s->w[d + 1] == ' '))
    d++;
  if (d + 2 >= b)
    return false;
  size_t pa = d + 2;
  if (!rpi_is_upper((unsigned char)s->w[pa]) || rpi_scan_count_words(s, pa, b) > 8)
    return false;
  for (size_t q = a; q < b; q++)
    if (ascii_digit(s->w[q]) || (q >= pa && s->w[q] == '.') || s->w[q] == ':' || s->w[q] == ';')
      return false;
  rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, a, d);
  rpi_fields_set(s, RP_FIELD_PUBLISHER, pa, b);
  return true;
}

void rpi_imprint_publisher_place(st *s, size_t a, size_t b) {
  trim(s->w, &a, &b);
  /* "(Oxford Univ. Press, Oxford, 1998)"; "[M]. 北京: ..." after a GB/T mark */
  /* "...(S. 21-34). Frankfurt/M.: Campus": the close of a taken bracket */
  while (a < b && (s->w[a] == '(' || s->w[a] == '[' || s->w[a] == ' ' ||
                   ((s->w[a] == ']' || s->w[a] == ')' || s->w[a] == '.') && a + 1 < b &&
                    (s->w[a + 1] == '.' || s->w[a + 1] == ' '))))
    a++;
  while (b > a && (s->w[b - 1] == ')' || s->w[b - 1] == ']' || is_edge(s->w[b - 1])))
    b--;
  /* "Wiesbaden: Destatis; 2019. https://... (abgerufen am 10.01.2021).":
   * the opening of a bracket the access date was taken from, empty to its
   * close */
  if (b > a + 1 && (s->w[b - 1] == '(' || s->w[b - 1] == '[')) {
    size_t z = skip_sp(s, b);
    if (z < s->n && (s->w[z] == ')' || s->w[z] == ']'))
      for (b--; b > a && is_edge(s->w[b - 1]);)
        b--;
  }
  if (b <= a)
    return;
  /* "[place unknown]: Publisher; 2011" (Citing Medicine): the publisher
   * alone, up to the year */
  if (b - a > 15 && (at_lit(s, a - 1, "[place unknown]", 15) || at_lit(s, a - 1, "[Place unknown]", 15))) {
    size_t ua = a + 14;
    while (ua < b && (s->w[ua] == ':' || s->w[ua] == ' '))
      ua++;
    size_t ue = ua;
    while (ue < b && s->w[ue] != ';') /* "CoRR, abs/2009.05123; 2020" */
      ue++;
    trim(s->w, &ua, &ue);
    if (ue > ua)
      rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ue);
    return;
  }
  /* "London: [publisher unknown]; 1962" (Citing Medicine): the place alone */
  for (size_t q = a; q + 18 <= b; q++)
    if (s->w[q] == '[' && (at_lit(s, q + 1, "publisher unknown", 17) || at_lit(s, q + 1, "Publisher unknown", 17))) {
      size_t pe = q;
      while (pe > a && (s->w[pe - 1] == ' ' || s->w[pe - 1] == ':'))
        pe--;
      if (pe > a)
        rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, a, pe);
      return;
    }
  if (place_bracket_publisher(s, a, b) || publisher_stop_place(s, a, b) || place_stop_publisher(s, a, b) ||
      city_stop_publisher(s, a, b))
    return;
  if (rpi_imprint_starts_at(s, a, b)) {
    /* "Frankfurt/M.: Campus", "Reading (MA): Addison-Wesley; 1997",
     * "Berlin, New York: de Gruyter": the place shapes with a slash, a
     * bracket or a list of known places */
    const char *c = memchr(s->w + a, ':', b - a);
    size_t colon = c ? (size_t)(c - s->w) : b;
    if (c && (memchr(s->w + a, '/', colon - a) || memchr(s->w + a, '(', colon - a) ||
              memchr(s->w + a, ',', colon - a))) {
      size_t ua = skip_sp(s, colon + 1), ue = ua;
      /* the publisher ends at a stop that is not an initial's ("D. C.
       * Heath"), or before a year ("de Gruyter 2005, S. 71-89") */
      while (ue < b && s->w[ue] != ';' && s->w[ue] != ',' &&
             !(s->w[ue] == '.' && (ue + 1 >= b || s->w[ue + 1] == ' ') &&
               !(ue >= ua + 1 && rpi_is_upper((unsigned char)s->w[ue - 1]) && (ue == ua + 1 || s->w[ue - 2] == ' '))) &&
             !(s->w[ue] == ' ' && ue + 5 <= b && rpi_lex_is_year(s->w + ue + 1) && (ue + 5 == b || !(ascii_alpha(s->w[ue + 5]) || ascii_digit(s->w[ue + 5])))))
        ue++;
      /* "Armonk, NY: M.E. Sharpe", "Atglen, PA: Schiffer Pub. Ltd": on
       * past glued initials and a firm's abbreviation; "Cambridge (MA):
       * Harvard Univ. Press; 1950": to the semicolon before the year */
      ue = past_stops_to_year(s, ua, ue, b);
      if (ue < b && s->w[ue] == '.')
        ue = past_initials(s, ua, ue, b);
      ue = past_body_comma(s, ua, ue, b);
      size_t pa = a, pe = colon;
      while (pe > pa && (s->w[pe - 1] == ']' || s->w[pe - 1] == ' '))
        pe--;
      trim(s->w, &pa, &pe);
      trim(s->w, &ua, &ue);
      if (pe > pa && ue > ua) {
        rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pe);
        rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ue);
        return;
      }
    }
  }
  if (pubplace_match(s, a, b) || one_colon(s, a, b))
    return;
  /* "Springer, Cham" / "Publisher; 2001" at the end */
  size_t e = b;
  size_t ya = UNSET;
  rpi_match y;
  size_t yf = a;
  while (find(s, P_YEAR, yf, &y) && y.start < b) {
    ya = y.start;
    yf = y.end;
  }
  if (ya != UNSET)
    e = ya;
  size_t pa = a, pb = e;
  trim(s->w, &pa, &pb);
  /* "ACM, New York (2019)": the bracket that opens the year */
  bool paren = false;
  while (pb > pa && (s->w[pb - 1] == '(' || s->w[pb - 1] == '[' || s->w[pb - 1] == ' '))
    paren |= s->w[--pb] != ' ';
  /* "..., Palo Alto, California, February 28-30": drop a trailing date */
  for (;;) {
    size_t ws = pb;
    while (ws > pa && s->w[ws - 1] != ' ' && s->w[ws - 1] != ',')
      ws--;
    bool num = ws < pb;
    for (size_t q = ws; q < pb; q++)
      num &= ascii_digit(s->w[q]) || s->w[q] == '-';
    if (ws < pb && (num || rpi_lex_month(s->w + ws, pb - ws))) {
      pb = ws;
      trim(s->w, &pa, &pb);
      continue;
    }
    break;
  }
  if (pb <= pa)
    return;
  if (series_sentence(s, pa, pb, b))
    return;
  /* "Bari, Italy; University of Bari": places, a semicolon, the publisher */
  {
    const char *sc = memchr(s->w + pa, ';', pb - pa);
    size_t sq = sc ? (size_t)(sc - s->w) : pb, ua = sc ? skip_sp(s, sq + 1) : pb;
    if (sc && ua < pb && !memchr(s->w + ua, ';', pb - ua) && rpi_imprint_city_list_tail(s, pa, sq) == pa) {
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, sq);
      rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, pb);
      return;
    }
  }
  /* "Stuttgart", "Weinheim, Basel": known places alone are the place */
  if (rpi_imprint_city_list_tail(s, pa, pb) == pa) {
    rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
    return;
  }
  if (publisher_then_place(s, pa, pb) || place_then_publisher(s, pa, pb))
    return;
  if (city_initials(s, pa, pb))
    return;
  {
    /* "Torino, Einaudi": a known city, then the publisher */
    const char *c = memchr(s->w + pa, ',', pb - pa);
    size_t ce = c ? (size_t)(c - s->w) : pb, ua = c ? skip_sp(s, ce + 1) : pb;
    size_t lw = pb; /* the last word: "South Korea", "The Netherlands" are countries */
    while (lw > ua && s->w[lw - 1] != ' ')
      lw--;
    if (c && ua < pb && !memchr(s->w + ua, ',', pb - ua) && rpi_lex_is_city(s->w + pa, ce - pa) &&
        rpi_imprint_city_list_tail(s, ua, pb) == UNSET && rpi_imprint_seg(s, ua, pb) != SEG_REGION &&
        !rpi_lex_is_country(s->w + lw, pb - lw) && !memchr(s->w + ua, '(', pb - ua) &&
        !memchr(s->w + ua, ')', pb - ua) && rpi_scan_count_words(s, ua, pb) <= 4) {
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, ce);
      rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, pb);
      return;
    }
  }
  {
    /* "IEEE, Los Alamitos", "SIAM, Philadelphia": an acronym, then the
     * place */
    const char *c = memchr(s->w + pa, ',', pb - pa);
    size_t ce = c ? (size_t)(c - s->w) : pb, ua = c ? skip_sp(s, ce + 1) : pb;
    bool acro = c && ce - pa >= 2 && ce - pa <= 6;
    for (size_t q = pa; q < ce && acro; q++)
      acro = s->w[q] >= 'A' && s->w[q] <= 'Z';
    /* (a place of one word the lists do not know only after an acronym of
     * three letters or more that is no country: "NIST, Gaithersburg",
     * not "NY, Albany") */
    if (acro && ua < pb && !memchr(s->w + ua, ',', pb - ua) && rpi_imprint_place_words(s, ua, pb) &&
        (rpi_imprint_city_list_tail(s, ua, pb) == ua || rpi_scan_count_words(s, ua, pb) >= 2 ||
         (ce - pa >= 3 && !rpi_lex_is_country(s->w + pa, ce - pa)))) {
      rpi_fields_set(s, RP_FIELD_PUBLISHER, pa, ce);
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, ua, pb);
      return;
    }
  }
  if (!rpi_imprint_has_publisher_word(s, pa, pb) && rpi_imprint_place_words(s, pa, pb)) {
    /* "Palo Alto, California": a place alone is not a publisher */
    bool comma_only = true;
    for (size_t q = pa; q < pb; q++)
      if (s->w[q] == '.' || s->w[q] == ':')
        comma_only = false;
    if (comma_only && memchr(s->w + pa, ',', pb - pa)) {
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
      return;
    }
  }
  size_t comma = UNSET;
  for (size_t i = pa; i < pb; i++)
    if (s->w[i] == ',')
      comma = i;
  size_t nw = rpi_scan_count_words(s, pa, pb);
  if (nw > 6)
    return;
  if (comma != UNSET && city_code_after_stop(s, pa, comma, pb))
    return;
  /* "Washington, D. C.": a known city and its region's code with a stop
   * inside are the place, no publisher */
  if (comma != UNSET && rpi_imprint_cities(s, pa, comma) && rpi_imprint_seg(s, comma + 1, pb) == SEG_REGION &&
      !rpi_imprint_has_publisher_word(s, pa, comma)) {
    rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
    return;
  }
  if (comma != UNSET && rpi_scan_count_words(s, comma + 1, pb) <= 2) {
    size_t ua = pa, ub = comma, ca = comma + 1, cb = pb;
    trim(s->w, &ca, &cb);
    /* "Springer, Heidelberg (2004)": the bracket opened the year */
    while (cb > ca && (s->w[cb - 1] == '(' || s->w[cb - 1] == '[' || s->w[cb - 1] == ' '))
      cb--;
    unsigned f; /* 0 for an empty place */
    rpi_utf8_decode((const unsigned char *)s->w + ca, cb - ca, &f);
    if (rpi_is_upper(f)) {
      rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ub);
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, ca, cb);
      return;
    }
  }
  unsigned f;
  rpi_utf8_decode((const unsigned char *)s->w + pa, pb - pa, &f);
  /* "Austin 1996", "Mainz am Rhein 2002": a place right before the year,
   * with no publisher word, is the place (not before a bracketed year:
   * "Figshare (2020)", "ACM (2019)" name the publisher) */
  bool before_year = ya != UNSET && e == ya && !paren;
  /* "Title. Harbourline, 2010.": a name of its own sentence, a comma and
   * the year, no known place, status or genre ("Submitted, 1998.",
   * "Manuscript, 1995."), is the publisher (Chicago's imprint with no
   * place); "Title, Gand, 1985" in a comma list stays a place */
  size_t pv = pa;
  while (pv > 0 && s->w[pv - 1] == ' ')
    pv--;
  bool own_sentence = pv > 0 && s->w[pv - 1] == '.' && pb < s->n && s->w[pb] == ',' &&
                      !rpi_imprint_cities(s, pa, pb) && !rpi_lex_is_country(s->w + pa, pb - pa) &&
                      !rpi_lex_is_status(s->w + pa, pb - pa) &&
                      rpi_lex_at(RPI_LEX_GENRE_ONLY, s->w + pa, pb - pa) != pb - pa;
  if (rpi_is_upper(f) && nw <= 3 && before_year && !own_sentence && !rpi_imprint_has_publisher_word(s, pa, pb) &&
      rpi_imprint_place_words(s, pa, pb) && !memchr(s->w + pa, '.', pb - pa))
    rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
  else if (rpi_is_upper(f) && nw <= 5) {
    /* "Springer Berlin, 1997": the city run on from the publisher */
    size_t k = publisher_city_tail(s, pa, pb);
    if (k != UNSET) {
      set_publisher_place(s, pa, k, k, pb);
      return;
    }
    rpi_fields_set(s, RP_FIELD_PUBLISHER, pa, pb);
  }
}

bool rpi_imprint_has_publisher_word(const st *s, size_t a, size_t b) {
  /* at each position that starts a word, the entries with its first byte */
  for (size_t q = a; q < b; q++) {
    unsigned char c = (unsigned char)s->w[q];
    /* every entry starts with an ASCII capital, 0xC3 ("É"), or a Greek or
     * Cyrillic lead byte ("Наука") */
    if (!((c >= 'A' && c <= 'Z') || c == 0xC3 || (c >= 0xCE && c <= 0xD1)))
      continue;
    if (q > a && (ascii_alpha(s->w[q - 1]) || (c >= 0xCE && (unsigned char)s->w[q - 1] >= 0x80)))
      continue; /* inside a word (a Greek or Cyrillic letter after another) */
    /* a publisher's name from lib/data/publishers.txt */
    size_t we = q;
    while (we < b && (ascii_alpha(s->w[we]) || (unsigned char)s->w[we] >= 0x80))
      we++;
    if (rpi_lex_is_publisher(s->w + q, we - q))
      return true;
    /* a word of lib/data/publisher_words.txt; of two entries the text
     * starts with, the longer ("Publishers", "Publisher") is followed by a
     * letter only when the shorter is */
    size_t l = rpi_lex_at(RPI_LEX_PUBLISHER_WORDS, s->w + q, b - q);
    if (l && (q + l == b || !ascii_alpha(s->w[q + l])))
      return true;
  }
  return false;
}

bool rpi_imprint_place_year_tail(const st *s, size_t q, size_t b) {
  size_t k = skip_sp(s, q + 1);
  int words = 0;
  while (k < b) {
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + k, b - k, &cp);
    if (rpi_is_digit(cp))
      break;
    /* only a capital or a connector ("and", "und", "u.", "et", "&", "-",
     * an en dash, "am") goes on:
     * test before scanning the word, or a long run without spaces
     * (",,,,...") costs O(n) per comma in publisher_cut, O(n^2) in all */
    if (!rpi_is_upper(cp) && cp != 'a' && cp != 'u' && cp != 'e' && cp != '&' && cp != '-' && cp != 0x2013)
      return false;
    size_t j = k;
    while (j < b && s->w[j] != ' ')
      j++;
    bool conn = (j - k == 3 && at_lit(s, k, "and", 3)) || (j - k == 1 && s->w[k] == '-') ||
                (j - k == 3 && at_lit(s, k, "\xe2\x80\x93", 3)) || (j - k == 2 && at_lit(s, k, "am", 2)) ||
                (j - k == 3 && at_lit(s, k, "und", 3)) || (j - k == 2 && at_lit(s, k, "u.", 2)) ||
                (j - k == 2 && at_lit(s, k, "et", 2)) || (j - k == 1 && s->w[k] == '&') ||
                /* "Köln u.a. 2002", "Berlin u. a. 1991": "and other places" */
                (j - k == 4 && at_lit(s, k, "u.a.", 4)) ||
                (j - k == 2 && at_lit(s, k, "a.", 2) && k >= 3 && at_lit(s, k - 3, "u. ", 3));
    if (!conn && !rpi_is_upper(cp))
      return false;
    /* "Its Nature, Significance, and Social Context, Cambridge 1977": a
     * connector right after a comma ends a title's list, not a place's */
    if (conn && k >= 2 && s->w[k - 2] == ',')
      return false;
    /* a place is a short phrase: no colon, no sentence end inside
     * ("Tears, Fears and Fairy Tales. London: Tauris, 2010" is not one) */
    if (j - k > 4 && s->w[j - 1] == '.')
      return false;
    if (++words > 6)
      return false;
    k = skip_sp(s, j);
  }
  if (!words || k + 4 > b || !ascii_digit(s->w[k]) || !ascii_digit(s->w[k + 3]))
    return false;
  size_t e = k + 4;
  if (e < b && s->w[e] >= 'a' && s->w[e] <= 'z')
    e++;
  if (e < b && s->w[e] == '-') {
    e++;
    while (e < b && ascii_digit(s->w[e]))
      e++;
  }
  while (e < b && (s->w[e] == ' ' || s->w[e] == '.' || s->w[e] == ','))
    e++;
  /* "..., pp. 1-190" may follow */
  return e >= b || (e + 2 < b && s->w[e] == 'p');
}

bool rpi_imprint_proc_at(const st *s, size_t k) {
  /* lib/data/proceedings_starts.txt */
  return k < s->n && rpi_lex_at(RPI_LEX_PROCEEDINGS_STARTS, s->w + k, s->n - k) != 0;
}

bool rpi_imprint_event_at(const st *s, size_t a, size_t b) {
  if (rpi_imprint_proc_at(s, a))
    return true;
  /* an event word among the first eight words, before a comma or bracket
   * (the start of the word: "Conference" in "Conferences") */
  size_t k = a;
  for (int words = 0; words < 8 && k < b && s->w[k] != ',' && s->w[k] != '(' && s->w[k] != ';'; words++) {
    size_t e = k;
    while (e < b && s->w[e] != ' ' && s->w[e] != ',' && s->w[e] != '(' && s->w[e] != ';')
      e++;
    if (rpi_lex_at(RPI_LEX_EVENT_WORDS, s->w + k, e - k)) /* lib/data/event_words.txt */
      return true;
    k = skip_sp(s, e);
  }
  return false;
}

size_t rpi_imprint_proc_end(const st *s, size_t a, size_t b) {
  int dots = 0; /* abbreviation stops passed so far */
  for (size_t q = a; q < b; q++) {
    if (s->w[q] == '(') {
      /* "(ASPLOS-VI)", "(AAAI-93)", "(PODS)", "(MMSys)", "(VTC-Fall)": the
       * conference's acronym, two capitals or more */
      size_t z = q + 1;
      int upper = 0;
      while (z < b && z < q + 20 && s->w[z] != ')' &&
             (ascii_alpha(s->w[z]) || ascii_digit(s->w[z]) || s->w[z] == '-' ||
              s->w[z] == '\'' || s->w[z] == ' '))
        upper += s->w[z] >= 'A' && s->w[z] <= 'Z', z++;
      if (z < b && s->w[z] == ')' && upper >= 2) {
        q = z;
        continue;
      }
      return q;
    }
    if (real_stop(s, a, b, q)) {
      /* "Proc. IEEE Conf. Comput. Vis. Pattern Recognit. (CVPR)": a stop
       * after an abbreviation, before a capital, a digit or the acronym,
       * goes on */
      size_t nx = skip_sp(s, q + 1);
      unsigned c = 0;
      if (nx < b)
        rpi_utf8_decode((const unsigned char *)s->w + nx, b - nx, &c);
      size_t ws = rpi_scan_word_before(s, q, a);
      /* after two abbreviations, a short capitalised word is one too
       * ("Proc. 55th IEEE Conf. Decis. Control") */
      bool abbr = rpi_scan_abbrev_word(s, ws, q) ||
                  (dots >= 2 && q - ws <= 8 && ws < q && s->w[ws] >= 'A' && s->w[ws] <= 'Z');
      if (!(abbr && (rpi_is_upper(c) || rpi_is_digit(c) || c == '(') && !rpi_imprint_starts_at(s, nx, b) &&
            !rpi_imprint_has_publisher_word(s, nx, next_of3(s->w, nx, b, '.', ',', ';'))))
        return q;
    }
    if (s->w[q] == '.') {
      /* "Proc. 36th IAHR World Congr. The Hague, Netherlands: IAHR;
       * 2015": an abbreviation's stop before an imprint ends the name too */
      if (q + 2 < b && s->w[q + 1] == ' ' && rpi_imprint_starts_at(s, q + 2, b))
        return q;
      dots++;
    }
    if (s->w[q] == ';')
      return q;
    if (s->w[q] == ',') {
      size_t k = skip_sp(s, q + 1);
      if (k >= b || ascii_digit(s->w[k]) || (k + 3 <= s->n && rpi_lex_month(s->w + k, 3)))
        return q;
      size_t e = k;
      while (e < b && s->w[e] != ',' && s->w[e] != '.' && s->w[e] != '(')
        e++;
      if (at_lit(s, k, "pp", 2) || at_lit(s, k, "pages", 5) || at_lit(s, k, "vol", 3) ||
          at_lit(s, k, "chapter", 7) || at_lit(s, k, "chap.", 5) || rpi_imprint_has_publisher_word(s, k, e))
        return q;
      /* "Conf. Acoust., Speech Signal Process.": a comma after an
       * abbreviation, before more of them, stays in the name */
      bool inner = q > a && s->w[q - 1] == '.' && e < b && s->w[e] == '.' &&
                   rpi_scan_abbrev_word(s, rpi_scan_word_before(s, q - 1, a), q - 1);
      if (!inner && rpi_imprint_place_words(s, k, e)) {
        /* a place is followed by another place, a date or nothing:
         * "Munich, Germany, pp." but not "Acoustics, Speech, and Signal" */
        size_t k2 = e < b && s->w[e] == ',' ? skip_sp(s, e + 1) : e;
        unsigned f2 = 0;
        if (k2 < b)
          rpi_utf8_decode((const unsigned char *)s->w + k2, b - k2, &f2);
        if (k2 >= b || s->w[e] != ',' || rpi_is_upper(f2) || rpi_is_digit(f2))
          return q;
      }
    }
  }
  return b;
}

/* An indefinite article opening a phrase at k ("Ein Lesebuch", "A
 * Reader", "Une histoire"): a subtitle, never a place. */
static bool article_at(const st *s, size_t k) {
  return k < s->n && rpi_lex_at(RPI_LEX_ARTICLES, s->w + k, s->n - k) != 0; /* lib/data/articles.txt */
}

bool rpi_imprint_place_words(const st *s, size_t a, size_t b) {
  trim(s->w, &a, &b);
  if (a < b && article_at(s, a))
    return false;
  /* "..., Man, and Cybernetics", "..., Speech, and Signal Processing": a
   * connector opens the last item of a list in a name, never a place */
  if (at_lit(s, a, "and ", 4) || at_lit(s, a, "& ", 2))
    return false;
  int words = 0;
  for (size_t k = a; k < b;) {
    size_t j = k;
    while (j < b && s->w[j] != ' ')
      j++;
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + k, j - k, &cp);
    bool conn = (j - k <= 3 && s->w[k] >= 'a' && s->w[k] <= 'z');
    /* "La Tour d'Aigues", "Villeneuve-d'Ascq": an elided particle */
    if (!conn && (s->w[k] == 'd' || s->w[k] == 'l') && j > k + 2 && s->w[k + 1] == '\'' &&
        rpi_is_upper((unsigned char)s->w[k + 2]))
      cp = (unsigned char)s->w[k + 2];
    if (!conn && !rpi_is_upper(cp))
      return false;
    for (size_t q = k; q < j; q++)
      if (ascii_digit(s->w[q]) || s->w[q] == '(' || s->w[q] == ':')
        return false;
    if (rpi_lex_is_journal_word(s->w + k, j - k) || rpi_lex_is_org_word(s->w + k, j - k))
      return false;
    if (++words > 4)
      return false;
    k = skip_sp(s, j);
  }
  return words > 0;
}

size_t rpi_imprint_city_pub_tail(const st *s, size_t a, size_t b, size_t *ca, size_t *ce, size_t *ua,
                            size_t *ue) {
  size_t e = b;
  while (e > a && (is_edge(s->w[e - 1])))
    e--;
  /* an optional year at the end */
  size_t y = e;
  while (y > a && ascii_digit(s->w[y - 1]))
    y--;
  if (e - y == 4) {
    e = y;
    while (e > a && (s->w[e - 1] == ' ' || s->w[e - 1] == ','))
      e--;
  }
  size_t c2 = e;
  while (c2 > a && s->w[c2 - 1] != ',')
    c2--;
  if (c2 <= a + 1)
    return UNSET;
  size_t c1 = c2 - 1;
  while (c1 > a && s->w[c1 - 1] != ',')
    c1--;
  if (c1 <= a + 1)
    return UNSET;
  size_t p0 = c1, p1 = c2 - 1;
  trim(s->w, &p0, &p1);
  size_t u0 = c2, u1 = e;
  trim(s->w, &u0, &u1);
  /* (five or six words with a publisher's word: "Edizioni di Storia e
   * Letteratura") */
  size_t uw = p1 > p0 && u1 > u0 ? rpi_scan_count_words(s, u0, u1) : 0;
  if (!uw || (uw > 4 && (uw > 6 || !rpi_imprint_has_publisher_word(s, u0, u1))))
    return UNSET;
  /* the city, or "Roma-Bari", "Lanham-Boulder": its first part */
  size_t f = p0;
  while (f < p1 && s->w[f] != '-')
    f++;
  if (!rpi_lex_is_city(s->w + p0, p1 - p0) && !rpi_lex_is_city(s->w + p0, f - p0))
    return UNSET;
  for (size_t q = u0; q < u1; q++)
    if (ascii_digit(s->w[q]) || s->w[q] == ':' || s->w[q] == '(')
      return UNSET;
  /* not a month, a state ("Mass.", "CA") or a country after the city;
   * capitals alone ("PUF.", "CUEC.") are a publisher's initials */
  bool caps = u1 - u0 >= 3;
  for (size_t q = u0; q < u1 && caps; q++)
    caps = s->w[q] >= 'A' && s->w[q] <= 'Z';
  if (rpi_lex_month(s->w + u0, u1 - u0) ||
      (u1 - u0 <= 6 && (memchr(s->w + u0, '.', u1 - u0) || (u1 < b && s->w[u1] == '.' && u1 - u0 <= 5 && !caps))) ||
      (u1 - u0 == 2 && s->w[u0] >= 'A' && s->w[u0] <= 'Z' && s->w[u0 + 1] >= 'A' && s->w[u0 + 1] <= 'Z') ||
      rpi_lex_is_city(s->w + u0, u1 - u0) || rpi_lex_is_country(s->w + u0, u1 - u0))
    return UNSET;
  /* "..., MIT Press, Cambridge": the publisher came before the city */
  size_t c0 = c1 - 1;
  while (c0 > a && s->w[c0 - 1] != ',' && s->w[c0 - 1] != '.')
    c0--;
  if (rpi_imprint_has_publisher_word(s, c0, c1) || rpi_imprint_proc_at(s, skip_sp(s, c0)))
    return UNSET;
  *ca = p0, *ce = p1, *ua = u0, *ue = u1;
  return c1 - 1;
}

int rpi_imprint_seg(const st *s, size_t a, size_t b) {
  trim(s->w, &a, &b);
  while (b > a && (s->w[b - 1] == '.' || s->w[b - 1] == ' '))
    b--;
  if (b <= a || !(rpi_is_upper((unsigned char)s->w[a]) || (unsigned char)s->w[a] >= 0xC0 || ascii_digit(s->w[a]) ||
                  s->w[a] == '[' || at_lit(s, a, "n.d", 3) || at_lit(s, a, "s.d", 3) || at_lit(s, a, "s.l", 3)))
    return SEG_OTHER;
  /* one phrase: no colon, no sentence end inside (a firm's "Univ. Press",
   * "Natl. Acad. Press" hold no sentence end) */
  for (size_t q = a; q < b; q++)
    if (s->w[q] == ':' || (s->w[q] == '.' && q + 1 < b && s->w[q + 1] == ' ' && q > a + 3 &&
                           ascii_alpha(s->w[q - 1]) && ascii_alpha(s->w[q - 2]) && ascii_alpha(s->w[q - 3]) &&
                           !name_abbrev_stop(s, a, q)))
      return SEG_OTHER;
  size_t n = b - a;
  if ((n == 4 || (n == 5 && ascii_alpha(s->w[a + 4]))) && ascii_digit(s->w[a]) && ascii_digit(s->w[a + 3]))
    return SEG_YEAR;
  if (at_lit(s, a, "n.d", 3) || at_lit(s, a, "s.d", 3) || at_lit(s, a, "s.l", 3) || s->w[a] == '[')
    return SEG_REGION;
  if (rpi_lex_is_country(s->w + a, n))
    return SEG_REGION;
  /* "ROC", "CA", "Calif", "Mass" */
  bool caps = n <= 3;
  for (size_t q = a; q < b && caps; q++)
    caps = s->w[q] >= 'A' && s->w[q] <= 'Z';
  if (caps || (n <= 5 && s->w[a] >= 'A' && s->w[a] <= 'Z' && b < s->n && s->w[b] == '.'))
    return SEG_REGION;
  /* (or cities joined: "Berkeley/London", "London and New York") */
  if (rpi_imprint_cities(s, a, b))
    return SEG_CITY;
  /* "Sierra Club": a club publishes too */
  if (at_lit(s, a, "Club", 4) || (n > 5 && at_lit(s, b - 4, "Club", 4)) || rpi_imprint_has_publisher_word(s, a, b))
    return SEG_PUB;
  /* "Institute of Informatics", "The Ergonomics Society of Taiwan",
   * "Australian Research Alliance for Children": a body's word, not one
   * joined to another noun by "and" ("Culture, Society and Politics") */
  for (size_t q = a; q < b;) {
    size_t we = q;
    while (we < b && s->w[we] != ' ')
      we++;
    if (rpi_lex_is_org_word(s->w + q, we - q) && !(we + 5 <= b && at_lit(s, we, " and ", 5)) &&
        rpi_is_upper((unsigned char)s->w[a]))
      return SEG_PUB;
    q = skip_sp(s, we);
  }
  if (rpi_scan_count_words(s, a, b) <= 3 && rpi_imprint_place_words(s, a, b))
    return SEG_PLACE;
  return SEG_OTHER;
}

/* "Title, Librairie illustrée, Paris, 1892", "Title, Institute of
 * Informatics, Oslo, Norway": where a book title gives way to a
 * comma-separated imprint that names its publisher, or UNSET. */
size_t rpi_imprint_comma_cut(const st *s, size_t a, size_t b) {
  while (b > a && is_edge(s->w[b - 1]))
    b--;
  size_t cut = UNSET, e = b;
  bool pub = false;
  int prev = SEG_OTHER;
  for (int segs = 0; segs < 5; segs++) {
    size_t c = e;
    while (c > a && s->w[c - 1] != ',')
      c--;
    if (c <= a + 1)
      break;
    int k = rpi_imprint_seg(s, c, e);
    if (k == SEG_OTHER)
      break;
    /* "..., Quæ, Versailles, 2012": a short name by a place's shape right
     * before a known city, with no publisher after it, is the publisher */
    if (k == SEG_PLACE && !pub && prev == SEG_CITY)
      k = SEG_PUB;
    prev = k;
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

/* At o, after the place [pa, o): "(Publisher) Year", the publisher with
 * a publisher's word, or a plain name after a known city ("Weinheim
 * (Beltz) 2011", "Stuttgart (Klett-Cotta Verlag) 2016"). */
static bool bracket_publisher_year(const st *s, size_t pa, size_t o, size_t b) {
  /* a publisher's name is short: the scan stops after 80 bytes, so that
   * the callers' loops over a long unclosed bracket stay linear */
  size_t c = o + 1;
  while (c < b && c < o + 80 && s->w[c] != ')' && s->w[c] != '(' && s->w[c] != ':' && !ascii_digit(s->w[c]))
    c++;
  if (c >= b || s->w[c] != ')' || c <= o + 2)
    return false;
  size_t y = skip_sp(s, c + 1);
  if (y == c + 1 || y + 4 > b || !rpi_scan_all_digits(s, y, y + 4) || (y + 4 < b && ascii_digit(s->w[y + 4])))
    return false;
  if (rpi_imprint_has_publisher_word(s, o + 1, c))
    return true;
  size_t pe = o;
  while (pe > pa && s->w[pe - 1] == ' ')
    pe--;
  size_t w = pe;
  while (w > pa && s->w[w - 1] != ' ' && s->w[w - 1] != ',')
    w--;
  return rpi_lex_is_city(s->w + w, pe - w) && plain_name(s, o + 1, c);
}

bool rpi_imprint_starts_at(const st *s, size_t k, size_t b) {
  size_t seg = k; /* where the current place starts */
  for (int words = 0; words < 6 && k < b; words++) {
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + k, b - k, &cp);
    size_t e = k;
    while (e < b && s->w[e] != ' ' && s->w[e] != ':' && s->w[e] != ',')
      e++;
    if (words > 0 && s->w[k] == '(' && e < b && s->w[e] == ' ') {
      /* "Seoul (South Korea)": a country of two words in brackets */
      const char *cb = memchr(s->w + k, ')', b - k < 30 ? b - k : 30);
      if (cb && rpi_lex_is_country(s->w + k + 1, (size_t)(cb - s->w) - k - 1))
        e = (size_t)(cb - s->w) + 1;
    }
    size_t len = e - k;
    /* "Weinheim u. München (Juventa) 1999": the publisher in brackets */
    if (words > 0 && s->w[k] == '(' && bracket_publisher_year(s, seg, k, b))
      return true;
    /* "Frankfurt am Main", "Freiburg i. Br.", "Reading (MA)", Citing
     * Medicine's country in brackets: "Seoul (Korea)", "Toronto (Canada)" */
    /* ("Cardiff & London, UK: ...": an ampersand joins two places) */
    bool conn = words > 0 && ((len <= 3 && s->w[k] >= 'a' && s->w[k] <= 'z') || (len == 1 && s->w[k] == '&'));
    bool region = words > 0 && s->w[k] == '(' && len >= 3 && s->w[e - 1] == ')' &&
                  (len <= 6 || rpi_lex_is_country(s->w + k + 1, len - 2));
    if (!rpi_is_upper(cp) && !conn && !region)
      return false;
    for (size_t q = k; q < e; q++) {
      if (ascii_digit(s->w[q]))
        return false;
      /* a full stop only ends a short abbreviation ("Ts.", "a.") or
       * one after a slash ("Frankfurt/M."), or one before a slash and the
       * next place ("Frankfurt a. M./New York") */
      if (s->w[q] == '.' && !(q + 1 == e && (len <= 4 || (q >= k + 2 && s->w[q - 2] == '/') ||
                                               (q >= k + 3 && s->w[q - 3] == '/'))) &&
          !(q + 1 < e && s->w[q + 1] == '/' && q <= k + 3))
        return false;
    }
    if (!conn && !region && (rpi_lex_is_journal_word(s->w + k, len) || rpi_lex_is_org_word(s->w + k, len)))
      return false;
    if (e + 1 < b && s->w[e] == ' ' && s->w[e + 1] == ':')
      e++; /* "Paris : Karthala": French spacing */
    if (e < b && s->w[e] == ':') {
      size_t n = skip_sp(s, e + 1);
      if (n >= b)
        return false;
      rpi_utf8_decode((const unsigned char *)s->w + n, b - n, &cp);
      /* Citing Medicine's mark for a missing publisher: "London:
       * [publisher unknown]; 1962" */
      if (rpi_is_upper(cp) || at_lit(s, n, "[publisher unknown]", 19))
        return true;
      /* "Berlin: de Gruyter", "Assen: van Gorcum": a particle, then a
       * capital */
      size_t pe = n;
      while (pe < b && s->w[pe] >= 'a' && s->w[pe] <= 'z')
        pe++;
      return pe > n && pe - n <= 3 && pe + 1 < b && s->w[pe] == ' ' && rpi_is_upper((unsigned char)s->w[pe + 1]);
    }
    /* "Paris, France : Economica", "Cambridge, Mass.: MIT Press": a
     * country or state between the place and the colon */
    if (e < b && s->w[e] == ',' && !conn && !region) {
      size_t c = e + 1;
      while (c < b && c - e < 32 && s->w[c] != ':' && s->w[c] != ',')
        c++;
      if (c < b && s->w[c] == ':' && rpi_imprint_seg(s, e + 1, c) == SEG_REGION) {
        size_t n = skip_sp(s, c + 1);
        if (n >= b)
          return false;
        rpi_utf8_decode((const unsigned char *)s->w + n, b - n, &cp);
        return rpi_is_upper(cp) || at_lit(s, n, "[publisher unknown]", 19);
      }
    }
    /* "Berlin, New York: de Gruyter", "Frankfurt/M., New York: Campus":
     * a known place, a comma, the next place */
    if (e < b && s->w[e] == ',' && rpi_lex_is_city(s->w + seg, e - seg)) {
      k = seg = skip_sp(s, e + 1);
      continue;
    }
    if (e >= b || s->w[e] != ' ')
      return false;
    k = skip_sp(s, e);
  }
  return false;
}

bool rpi_imprint_subtitle_sentence(st *s, size_t ns, size_t te2, bool imprint_next) {
  if (te2 <= ns || rpi_scan_count_words(s, ns, te2) > 14 || !rpi_is_upper((unsigned char)s->w[ns]) ||
      rpi_scan_genre_only(s, ns, te2) || at_lit(s, ns, "Edited", 6) || at_lit(s, ns, "Ed.", 3) ||
      at_lit(s, ns, "Trans", 5) || rpi_lex_at(RPI_LEX_TRANSLATOR_MARKERS, s->w + ns, s->n - ns) ||
      at_lit(s, ns, "In ", 3) || rpi_imprint_has_publisher_word(s, ns, te2) ||
      rpi_scan_find_in_at(s, ns))
    return false;
  /* "B.J. Parker and C.P. Foster", "G. Manetti ed.": names, not a subtitle */
  if (ns + 1 < te2 && s->w[ns + 1] == '.')
    return false;
  for (size_t q = ns; q + 3 < te2; q++)
    if (s->w[q] == ' ' && (at_lit(s, q, " ed", 3) || at_lit(s, q, " eds", 4) || at_lit(s, q, " Hrsg", 5)) &&
        (q + 3 == te2 || !ascii_alpha(s->w[q + 3]) || (s->w[q + 3] == 's' && (q + 4 == te2 || !ascii_alpha(s->w[q + 4])))))
      return false;
  for (size_t q = ns; q < te2; q++) {
    if (s->w[q] == '(') {
      /* "(2 ed.)" already taken: brackets around nothing are fine */
      size_t z = q + 1;
      while (z < te2 && s->w[z] == ' ')
        z++;
      if (z < te2 && s->w[z] == ')') {
        q = z;
        continue;
      }
      /* "Cours au Collège de France (1989-1992)": years in brackets */
      z = q + 1;
      if (z + 4 <= te2 && rpi_scan_all_digits(s, z, z + 4) && rpi_lex_is_year(s->w + z)) {
        z += 4;
        if (z + 5 <= te2 && s->w[z] == '-' && rpi_scan_all_digits(s, z + 1, z + 5) && rpi_lex_is_year(s->w + z + 1))
          z += 5;
        if (z < te2 && s->w[z] == ')') {
          q = z;
          continue;
        }
      }
    }
    /* "un mugnaio del ’500": a century with its elision mark */
    if (ascii_digit(s->w[q]) && q >= ns + 1 &&
        (s->w[q - 1] == '\'' || (q >= ns + 3 && at_lit(s, q - 3, "\xE2\x80\x99", 3)))) {
      while (q + 1 < te2 && ascii_digit(s->w[q + 1]))
        q++;
      continue;
    }
    /* "Sozialhilfe in westdeutschen Großstädten 1950–1975": years only */
    if (ascii_digit(s->w[q]) && (q == ns || !ascii_digit(s->w[q - 1]))) {
      size_t z = q;
      while (z < te2 && ascii_digit(s->w[z]))
        z++;
      /* "im 19. Jahrhundert": a German ordinal after a small word */
      if (z - q <= 3 && z + 1 < te2 && s->w[z] == '.' && s->w[z + 1] == ' ' && !rpi_scan_real_stop_at(s, ns, te2 + 1, z)) {
        q = z;
        continue;
      }
      if (z - q != 4 || (s->w[q] != '1' && s->w[q] != '2') || (z < te2 && ascii_alpha(s->w[z])))
        return false;
      /* "Documentos de Trabajo n.º 2104", "No. 1978": a number, not a year */
      size_t pb = q;
      while (pb > ns && s->w[pb - 1] == ' ')
        pb--;
      if (pb > ns && (s->w[pb - 1] == '.' || s->w[pb - 1] == '#' ||
                      (pb > ns + 1 && (unsigned char)s->w[pb - 2] == 0xC2 &&
                       ((unsigned char)s->w[pb - 1] == 0xBA || (unsigned char)s->w[pb - 1] == 0xB0))))
        return false;
    }
    if (s->w[q] == '(')
      return false;
  }
  for (size_t q = ns; q < te2; q++) /* a word of lib/data/subtitle_notes.txt anywhere */
    if (rpi_lex_at(RPI_LEX_SUBTITLE_NOTES, s->w + q, te2 - q))
      return false;
  /* two capitals in a row open an acronym or a name in capitals */
  for (size_t q = ns; q + 1 < te2; q++)
    if ((q == ns || s->w[q - 1] == ' ') && s->w[q] >= 'A' && s->w[q] <= 'Z' && s->w[q + 1] >= 'A' &&
        s->w[q + 1] <= 'Z')
      return false;
  if (rpi_lex_is_journal_word(s->w + ns, strcspn(s->w + ns, " .,")))
    return false;
  /* a subtitle reads as a sentence: some lower-case word beyond "and", "of"
   * (in any script: "Уроци от миналото и сегашното") */
  for (size_t q = ns + 1; q + 3 < te2; q++) {
    unsigned lc = 0;
    if (s->w[q - 1] == ' ' && (unsigned char)s->w[q] >= 0xC0)
      rpi_utf8_decode((const unsigned char *)s->w + q, te2 - q, &lc);
    if (s->w[q - 1] == ' ' && ((s->w[q] >= 'a' && s->w[q] <= 'z') || (lc && rpi_is_lower(lc)))) {
      size_t we = q, nch = 0;
      while (we < te2 && s->w[we] != ' ' && s->w[we] != ',' && s->w[we] != '.') {
        nch += ((unsigned char)s->w[we] & 0xC0) != 0x80;
        we++;
      }
      if (nch >= 4)
        return true;
    }
  }
  size_t nw = rpi_scan_count_words(s, ns, te2);
  /* "Spezielle Grundlagen. Frankfurt a. M.: Campus": right before the
   * imprint, a phrase of capitalised words (German nouns) is a subtitle
   * too, when no word of it names a journal, series or body */
  bool phrase = imprint_next && nw >= 2;
  /* "Ein Lesebuch", "A Reader": an article and a noun */
  if (nw == 2 && article_at(s, ns) && te2 - skip_sp(s, strcspn(s->w + ns, " ") + ns) >= 5)
    return true;
  /* or a title-case phrase of three words or more with a comma or a
   * connector inside, and no word of a journal, series or body name */
  if (nw < 3 && !phrase)
    return false;
  bool joined = phrase;
  /* "Lebenslagen in Deutschland. Der Fünfte Armuts- und Reichtumsbericht
   * der Bundesregierung. Berlin.": right before the imprint, a phrase of
   * four words or more opening with a German article may name a body
   * or a report (not English: "A World Bank Country Study" names a
   * series, "The Journal of ..." a journal) */
  bool article_phrase = phrase && nw >= 4 &&
                        (at_lit(s, ns, "Der ", 4) || at_lit(s, ns, "Die ", 4) || at_lit(s, ns, "Das ", 4) ||
                         at_lit(s, ns, "Ein ", 4) || at_lit(s, ns, "Eine ", 5));
  for (size_t q = ns; q < te2; q++) {
    if (s->w[q] == ',' || (s->w[q] == ' ' && q + 1 < te2 && s->w[q + 1] >= 'a' && s->w[q + 1] <= 'z'))
      joined = true;
    if (!article_phrase && (q == ns || s->w[q - 1] == ' ')) {
      size_t we = q;
      while (we < te2 && s->w[we] != ' ' && s->w[we] != ',' && s->w[we] != '.')
        we++;
      if (rpi_lex_is_journal_word(s->w + q, we - q) || rpi_lex_is_org_word(s->w + q, we - q))
        return false;
    }
  }
  return joined;
}

bool rpi_imprint_colon_city_pub(const st *s, size_t a, size_t b, size_t *colon, size_t *pa, size_t *pb, size_t *ua,
                                size_t *ub) {
  size_t end = b;
  while (end > a && (s->w[end - 1] == ' ' || s->w[end - 1] == ',' || s->w[end - 1] == '.'))
    end--;
  size_t c = UNSET;
  for (size_t q = end; q-- > a + 4;) {
    if (s->w[q] == ':' && s->w[q + 1] == ' ') {
      c = q;
      break;
    }
    if (s->w[q] == '.' && real_stop(s, a, end, q))
      return false;
  }
  if (c == UNSET || rpi_scan_count_words(s, a, c) < 2 || memchr(s->w + a, '(', end - a) ||
      memchr(s->w + a, '[', end - a))
    return false;
  /* up to three comma segments: city, [state or country,] publisher */
  size_t seg[3][2], n = 0;
  for (size_t k = skip_sp(s, c + 1); k < end && n < 3;) {
    size_t e = k;
    while (e < end && s->w[e] != ',')
      e++;
    size_t x = k, y = e;
    trim(s->w, &x, &y);
    seg[n][0] = x;
    seg[n][1] = y;
    n++;
    k = e < end ? skip_sp(s, e + 1) : end;
    if (e < end && k >= end)
      return false;
  }
  if (n < 2 || seg[n - 1][1] != end)
    return false;
  if (!rpi_lex_is_city(s->w + seg[0][0], seg[0][1] - seg[0][0]))
    return false;
  if (n == 3 && !rpi_lex_is_country(s->w + seg[1][0], seg[1][1] - seg[1][0]))
    return false;
  size_t u0 = seg[n - 1][0], u1 = seg[n - 1][1];
  if (u1 <= u0 + 1 || !rpi_is_upper((unsigned char)s->w[u0]) || rpi_lex_is_city(s->w + u0, u1 - u0) ||
      rpi_lex_is_country(s->w + u0, u1 - u0) || rpi_scan_count_words(s, u0, u1) > 6)
    return false;
  for (size_t q = u0; q < u1; q++)
    if (ascii_digit(s->w[q]))
      return false;
  *colon = c;
  *pa = seg[0][0];
  *pb = seg[n - 2][1];
  *ua = u0;
  *ub = u1;
  return true;
}
