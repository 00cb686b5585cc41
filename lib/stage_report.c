/*
 * stage_report.c: the series and number of a report or working paper:
 *
 *   "Skills, education, ... inequality. NBER Working Paper No. 19843.
 *    Cambridge, MA: National Bureau of Economic Research."
 *   "Strikes and wages. NBER Working Paper 3263, National Bureau of
 *    Economic Research, Cambridge, MA."
 *   "... across firms and countries (CEP Discussion Paper No. 716).
 *    London: Centre for Economic Performance."
 *   "Arbeitsmarktreformen in Europa. IAB-Discussion Paper 12/2012, Nürnberg."
 *   "... Health hazard evaluation report. ...; 2001. Report No.: 2000-0139."
 *
 * A series word (lib/data/report_series.txt) with the capitalised words or
 * acronym before it in its segment is the genre ("NBER Working Paper"),
 * the number after it (past "No.", "Nr.", "Series") the number. Both are
 * taken out of the working copy so that the title and the imprint around
 * them read as if they were not there, and the reference is a report. An
 * institution after the number and a comma is the publisher.
 */
#include "stage.h"

#include <string.h>

#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "scan.h"
#include "simd.h"
#include "utf8.h"

static bool institution_at(st *s, size_t a, size_t b);

bool rpi_stage_report_institution(st *s, size_t comma) {
  size_t a = skip_sp(s, comma + 1);
  size_t b = rpi_scan_first_stop(s, a, s->n);
  if (b > s->n)
    b = s->n;
  for (size_t q = a; q < b; q++)
    if (s->w[q] == '(' || s->w[q] == ';') {
      b = q;
      break;
    }
  b = rpi_scan_trim_date_tail(s, a, b); /* ", May 1994" */
  return institution_at(s, a, b);
}

/* The institution [a, b) of a report, maybe with its place after it
 * ("Dept. Comput. Sci., Univ. Washington, Seattle, WA, USA"): the
 * publisher and the place; taken out. False when it is none. */
static bool institution_at(st *s, size_t a, size_t b) {
  if (b <= a + 3 || !(s->w[a] >= 'A' && s->w[a] <= 'Z') || rpi_scan_count_words(s, a, b) > 14)
    return false;
  for (size_t q = a; q < b; q++)
    if (ascii_digit(s->w[q]))
      return false;
  const char *c1 = memchr(s->w + a, ',', b - a);
  if (memchr(s->w + a, ':', b - a)) {
    rpi_imprint_publisher_place(s, a, b);
  } else if (c1 && rpi_lex_is_city(s->w + a, (size_t)(c1 - s->w) - a)) {
    /* "Paris, France Stratégie": the city first */
    rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, a, (size_t)(c1 - s->w));
    size_t ua = skip_sp(s, (size_t)(c1 - s->w) + 1), ub = b;
    trim(s->w, &ua, &ub);
    if (ub > ua)
      rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ub);
  } else {
    size_t cl = rpi_imprint_city_list_tail(s, a, b);
    if (cl == UNSET && b >= a + 4 && s->w[b - 3] == ' ' && s->w[b - 4] == ',') {
      /* "Supercomputing Research Center, Bowie, MD": a town and its
       * state's two capitals */
      size_t c = b - 4;
      while (c > a && s->w[c - 1] != ',')
        c--;
      if (c > a && s->w[b - 2] >= 'A' && s->w[b - 2] <= 'Z' && s->w[b - 1] >= 'A' && s->w[b - 1] <= 'Z' &&
          rpi_scan_count_words(s, c, b - 4) <= 3)
        cl = c - 1;
    }
    if (cl == a)
      return false; /* places alone */
    if (cl != UNSET)
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, skip_sp(s, cl + 1), b);
    size_t ub = cl != UNSET ? cl : b;
    trim(s->w, &a, &ub);
    rpi_fields_set(s, RP_FIELD_PUBLISHER, a, ub);
  }
  blank(s, a, b);
  return true;
}

/* The start of the genre whose series word opens at k: the capitalised
 * words (at most four, no digit, no stop or comma after them) or the
 * hyphened acronym ("IAB-") before it; UNSET when the genre opens the
 * text after pos (it is the title) or what precedes it is not a separator
 * ('.', ',', '(', ';', ':', a closing quote). */
static size_t genre_start(const st *s, size_t pos, size_t k) {
  size_t ga = k;
  if (s->w[k - 1] == '-') {
    size_t q = k - 1;
    while (q > pos && s->w[q - 1] != ' ' && s->w[q - 1] != '(')
      q--;
    if (q == k - 1 || !(s->w[q] >= 'A' && s->w[q] <= 'Z'))
      return UNSET;
    ga = q;
  }
  for (int words = 0; words < 4 && ga > pos + 2 && s->w[ga - 1] == ' '; words++) {
    size_t we = ga - 1, ws = we;
    while (ws > pos && s->w[ws - 1] != ' ' && s->w[ws - 1] != '(')
      ws--;
    unsigned char last = (unsigned char)s->w[we - 1];
    if (ws == we || strchr(".,:;)\"'", (char)last) || last == 0x9D || last == 0x99 || last == 0xBB)
      break;
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + ws, we - ws, &cp);
    bool digit = false;
    for (size_t q = ws; q < we; q++)
      digit |= ascii_digit(s->w[q]);
    if (!rpi_is_upper(cp) || digit)
      break;
    ga = ws;
  }
  size_t b = ga;
  while (b > pos && s->w[b - 1] == ' ')
    b--;
  /* a separator, or a closing quote: '"', "'", the last bytes of '”',
   * '’', '»' */
  unsigned char sep = b > pos ? (unsigned char)s->w[b - 1] : 0;
  if (ga < pos + 3)
    return UNSET; /* the title itself */
  if (b > pos + 1 && !(strchr(".,(;:\"'", (char)sep) || sep == 0x9D || sep == 0x99 || sep == 0xBB))
    return UNSET; /* (a title already read is blank) */
  return ga;
}

/* The number after the series word ending at le: past "Series", "No.",
 * "no.", "Nr.", "n°" and a colon, a run holding a digit ("19843",
 * "12/2012", "TR-2019-01", "2018:12"); its end in *ne, its start
 * returned, UNSET when there is none or it is the reference's year. */
static size_t number_after(const st *s, size_t le, size_t *ne) {
  size_t q = skip_sp(s, le);
  if (at_lit(s, q, "Series", 6) || at_lit(s, q, "series", 6))
    q = skip_sp(s, q + 6);
  if (q < s->n && s->w[q] == ';')
    q = skip_sp(s, q + 1); /* Citing Medicine's "(NBER Working Paper; no. 28765)" */
  if (at_lit(s, q, "No.", 3) || at_lit(s, q, "no.", 3) || at_lit(s, q, "Nr.", 3) || at_lit(s, q, "nr.", 3))
    q = skip_sp(s, q + 3);
  else if (at_lit(s, q, "No ", 3) || at_lit(s, q, "Nr ", 3))
    q = skip_sp(s, q + 3);
  else if (at_lit(s, q, "n\xC2\xB0", 3) || at_lit(s, q, "N\xC2\xB0", 3) || at_lit(s, q, "n\xC2\xBA", 3))
    q = skip_sp(s, q + 3); /* "n°", "nº" */
  else if (at_lit(s, q, "n.\xC2\xBA", 4))
    q = skip_sp(s, q + 4); /* "n.º" */
  if (q < s->n && s->w[q] == ':')
    q = skip_sp(s, q + 1);
  size_t e = q;
  bool digit = false;
  while (e < s->n && s->w[e] != ' ' && s->w[e] != ',' && s->w[e] != ';' && s->w[e] != ')' && s->w[e] != '(')
    digit |= ascii_digit(s->w[e++]);
  while (e > q && (s->w[e - 1] == '.' || s->w[e - 1] == ':'))
    e--;
  if (!digit || e - q > 30 || (e < s->n && s->w[e] == '('))
    return UNSET;
  /* a year with no label: the date ("Working Paper 2014, Department of
   * ..."), or a title's ("World Development Report 2021: The ...") */
  if (e - q == 4 && rpi_lex_is_year(s->w + q) && (q == s->year_a || q == skip_sp(s, le)))
    return UNSET;
  *ne = e;
  return q;
}

/* "U.S. Patent No. 10,987,654", "(US Patent 6206324)", "European
 * Patent EP 1234567 B1": a patent's number at the word "Patent" at k
 * (with the country before it, the genre). True when it read one. */
static bool patent_at(st *s, size_t pos, size_t k) {
  size_t q = skip_sp(s, k + 6);
  if (at_lit(s, q, "No.", 3) || at_lit(s, q, "no.", 3))
    q = skip_sp(s, q + 3);
  size_t na = q;
  if (q + 2 < s->n && s->w[q] >= 'A' && s->w[q] <= 'Z' && s->w[q + 1] >= 'A' && s->w[q + 1] <= 'Z' &&
      (s->w[q + 2] == ' ' || ascii_digit(s->w[q + 2])))
    q = skip_sp(s, q + 2); /* "US 1234567", "EP1234567" */
  size_t e = q;
  int digits = 0;
  while (e < s->n && (ascii_digit(s->w[e]) ||
                      (s->w[e] == ',' && e + 3 < s->n && ascii_digit(s->w[e + 1]) && ascii_digit(s->w[e + 2]) &&
                       ascii_digit(s->w[e + 3]) && (e + 4 >= s->n || !ascii_digit(s->w[e + 4]))) ||
                      /* digit groups spaced apart: "4 005 488" (seven or eight digits in all) */
                      (s->w[e] == ' ' && e + 1 < s->n && ascii_digit(s->w[e + 1]) && digits < 8 && e > q &&
                       ascii_digit(s->w[e - 1]))))
    digits += ascii_digit(s->w[e++]);
  while (e > q && s->w[e - 1] == ' ')
    e--;
  if (e - q < 5 || (memchr(s->w + q, ' ', e - q) && (digits < 7 || digits > 8)))
    return false;
  if (e + 3 <= s->n && s->w[e] == ' ' && (s->w[e + 1] == 'A' || s->w[e + 1] == 'B') && ascii_digit(s->w[e + 2]))
    e += 3; /* the kind code: "B1", "A2" */
  rpi_fields_set(s, RP_FIELD_NUMBER, na, e);
  /* the country before the word: "U.S.", "US", "United States", "European" */
  size_t ba = k;
  while (ba > pos + 1 && s->w[ba - 1] == ' ') {
    size_t ws = ba - 1;
    while (ws > pos && s->w[ws - 1] != ' ' && s->w[ws - 1] != '(')
      ws--;
    unsigned char f = (unsigned char)s->w[ws];
    /* letters, or an abbreviation of two stops or more ("U.S.", not a
     * sentence's "Same.") */
    bool word = true;
    int stops = 0;
    for (size_t x = ws; x < ba - 1 && word; x++) {
      word = ascii_alpha(s->w[x]) || s->w[x] == '.';
      stops += s->w[x] == '.';
    }
    if (ws == ba - 1 || f < 'A' || f > 'Z' || ba - 1 - ws > 9 || k - ws > 20 || !word ||
        (s->w[ba - 2] == '.' && stops < 2))
      break;
    ba = ws;
  }
  if (!s->r->field[RP_FIELD_GENRE])
    rpi_fields_set(s, RP_FIELD_GENRE, ba, k + 6); /* "U.S. Patent" */
  size_t bb = e, z = skip_sp(s, e);
  if (ba > 0 && s->w[ba - 1] == '(' && z < s->n && s->w[z] == ')')
    ba--, bb = z + 1;
  blank(s, ba, bb);
  s->patent = true;
  return true;
}

/* A patent publication number with its office's code and its kind code,
 * no word "Patent" needed: "DE 10 2004 012 345 A1", "JP 2010-123456 A",
 * "CN 102345678 A", "WO 2018/123456 A1", "KR 10-2015-0012345 A". At k
 * an office code, digit groups joined by spaces, '-' or '/' (six digits
 * or more), then the kind code (A, B, C or U, maybe a digit) closing the
 * number. Sets the number (and "Japanese Patent" before it as the genre)
 * and blanks them. True when it read one. */
static bool patent_code_at(st *s, size_t pos, size_t k) {
  static const char offices[] = "US EP WO DE JP CN KR GB FR CA AU RU";
  bool office = false;
  for (size_t o = 0; o + 2 <= sizeof offices - 1 && !office; o += 3)
    office = s->w[k] == offices[o] && s->w[k + 1] == offices[o + 1];
  if (!office || (s->w[k + 2] != ' ' && !ascii_digit(s->w[k + 2])))
    return false;
  size_t q = skip_sp(s, k + 2), e = q;
  int digits = 0;
  while (e < s->n && (ascii_digit(s->w[e]) ||
                      ((s->w[e] == ' ' || s->w[e] == '-' || s->w[e] == '/' || s->w[e] == ',') && e > q &&
                       ascii_digit(s->w[e - 1]) && e + 1 < s->n && ascii_digit(s->w[e + 1]))))
    digits += ascii_digit(s->w[e++]);
  if (digits < 6 || e + 2 > s->n || s->w[e] != ' ')
    return false;
  size_t c = e + 1;
  if (s->w[c] != 'A' && s->w[c] != 'B' && s->w[c] != 'C' && s->w[c] != 'U')
    return false;
  size_t ce = c + 1;
  if (ce < s->n && ascii_digit(s->w[ce]))
    ce++;
  if (ce < s->n && s->w[ce] != ' ' && s->w[ce] != ',' && s->w[ce] != '.' && s->w[ce] != ')' && s->w[ce] != ';')
    return false;
  rpi_fields_set(s, RP_FIELD_NUMBER, k, ce);
  size_t ba = k, bb = ce;
  /* "Japanese Patent JP 2010-123456 A": the words before are the genre */
  size_t pe = k;
  while (pe > pos && s->w[pe - 1] == ' ')
    pe--;
  if (pe >= pos + 6 && at_lit(s, pe - 6, "Patent", 6)) {
    size_t ga = pe - 6, ws = ga;
    while (ws > pos + 1 && s->w[ws - 1] == ' ' && rpi_is_upper((unsigned char)s->w[rpi_scan_word_before(s, ws - 1, pos)]) &&
           ga - rpi_scan_word_before(s, ws - 1, pos) < 20)
      ws = rpi_scan_word_before(s, ws - 1, pos);
    if (ws < ga && s->w[ws] != '(' && ascii_alpha(s->w[ws]))
      ga = ws;
    if (!s->r->field[RP_FIELD_GENRE])
      rpi_fields_set(s, RP_FIELD_GENRE, ga, pe);
    ba = ga;
  }
  size_t z = skip_sp(s, ce);
  if (ba > 0 && s->w[ba - 1] == '(' && z < s->n && s->w[z] == ')')
    ba--, bb = z + 1;
  blank(s, ba, bb);
  s->patent = true;
  return true;
}

/* Whether the word at k opens the sentence after a Vancouver imprint's
 * year: "Canberra: Geoscience Australia; 2016. Record 2016/14.", or the
 * bracket of Citing Medicine's series there ("2016. (Record; no.
 * 2016/14)."). */
static bool after_imprint_year(const st *s, size_t pos, size_t k) {
  size_t q = k;
  while (q > pos && s->w[q - 1] == ' ')
    q--;
  if (q > pos && s->w[q - 1] == '(')
    q--;
  while (q > pos && s->w[q - 1] == ' ')
    q--;
  if (q < pos + 7 || s->w[q - 1] != '.')
    return false;
  q--;
  return rpi_lex_is_year(s->w + q - 4) && s->w[q - 5] == ' ' && s->w[q - 6] == ';';
}

/* The length of the capitalised word of ASCII letters at k (five or more,
 * so no "Vol", "Part") before a space or the semicolon of "(Record; no.
 * 2016/14)", 0 when there is none. */
static size_t capital_word(const st *s, size_t k) {
  size_t e = k + 1;
  while (e < s->n && ascii_alpha(s->w[e]) && s->w[e] >= 'a')
    e++;
  return e - k >= 5 && (e == s->n || s->w[e] == ' ' || s->w[e] == ';') ? e - k : 0;
}

/* Whether only stops, spaces and a closing bracket follow e: the number
 * closes the reference. */
static bool closes(const st *s, size_t e) {
  while (e < s->n && (s->w[e] == '.' || s->w[e] == ' ' || s->w[e] == ')'))
    e++;
  return e == s->n;
}

/* The first k' >= k (k >= 1) where w[k'] is a capital A-Z after ' ', '('
 * or '-', where a series word may open; n when there is none. */
static size_t next_capital(const char *w, size_t k, size_t n) {
#if RPI_SSE2
  /* sixteen bytes a step while none of them is one */
  for (; k + 16 <= n; k += 16) {
    rpi_v16 p = rpi_v16_load(w + k - 1);
    rpi_v16 after = rpi_v16_or(rpi_v16_or(rpi_v16_eq(p, ' '), rpi_v16_eq(p, '(')), rpi_v16_eq(p, '-'));
    unsigned m = rpi_v16_mask(rpi_v16_and(rpi_v16_between(rpi_v16_load(w + k), 'A' - 1, 'Z' + 1), after));
    if (m)
      return k + (size_t)__builtin_ctz(m);
  }
#endif
  for (; k < n; k++) {
    char c = w[k], p = w[k - 1];
    if (c >= 'A' && c <= 'Z' && (p == ' ' || p == '(' || p == '-'))
      return k;
  }
  return n;
}

/* APA's report number in brackets after a title, an agency's acronym and
 * a number joined by hyphens or after a space: "(GAO-22-104746)",
 * "(GAO-21-519SP)", "(NCES 2020-144)", "(EPA-600/R-12/345)". k is the
 * acronym's first capital, right after '(' that follows a word and a
 * space; the number holds a hyphen, and only a stop or the end
 * comes after the bracket; its digits come in two groups or more, five
 * in all. Returns the bracket's close, UNSET when it is none of these. */
static size_t acronym_number(const st *s, size_t pos, size_t k) {
  if (k < pos + 3 || s->w[k - 1] != '(' || s->w[k - 2] != ' ')
    return UNSET;
  unsigned char wb = (unsigned char)s->w[k - 3];
  if (!(ascii_alpha((char)wb) || ascii_digit((char)wb) || wb >= 0x80))
    return UNSET;
  size_t e = k;
  while (e < s->n && s->w[e] >= 'A' && s->w[e] <= 'Z')
    e++;
  if (e - k < 2 || e - k > 8 || e >= s->n || (s->w[e] != '-' && s->w[e] != ' '))
    return UNSET;
  size_t q = e + 1, digits = 0, groups = 0;
  bool hyphen = s->w[e] == '-';
  if (!ascii_digit(s->w[q]))
    return UNSET;
  while (q < s->n && (ascii_alpha(s->w[q]) || ascii_digit(s->w[q]) || s->w[q] == '-' || s->w[q] == '/')) {
    if (ascii_digit(s->w[q])) {
      digits++;
      groups += !ascii_digit(s->w[q - 1]);
    }
    hyphen |= s->w[q] == '-';
    q++;
  }
  /* two groups of digits, five digits in all: no drug's or scale's
   * acronym ("(VM-26)", "(SATAQ-3)", "(COVID-19)") */
  if (digits < 5 || groups < 2 || !hyphen || q >= s->n || s->w[q] != ')' || s->w[q - 1] == '-')
    return UNSET;
  size_t z = q + 1;
  while (z < s->n && s->w[z] == ' ')
    z++;
  return z == s->n || s->w[z] == '.' ? q : UNSET;
}

/* IEEE's report: "“Title,” Dept. Comput. Sci., Univ. Washington, Seattle,
 * WA, USA, Tech. Rep. UW-CSE-19-04-01, 2019." The institution and its
 * place stand between the quoted title and the genre (which opens at ga,
 * after a comma): the publisher and the place. */
static void institution_before(st *s, size_t pos, size_t ga) {
  size_t c = ga;
  while (c > pos && s->w[c - 1] == ' ')
    c--;
  size_t qa, qb, qe;
  if (c <= pos + 1 || s->w[c - 1] != ',' || s->r->field[RP_FIELD_PUBLISHER] ||
      !rpi_scan_quoted(s, skip_sp(s, pos), c - 1, &qa, &qb, &qe))
    return;
  size_t ia = qe;
  while (ia < c - 1 && (s->w[ia] == ' ' || s->w[ia] == ','))
    ia++;
  if (ia > qe && ia < c - 1 && s->w[ia] >= 'A' && s->w[ia] <= 'Z')
    institution_at(s, ia, c - 1);
}

/* A computer-science report's number with no series label, after a stop or
 * a comma and before its department or university: "TR95-90 Computer
 * Science Dept., University of Massachusetts", "TR 1069, Computer Sciences
 * Dept., Univ. of Wisconsin-Madison". k is the 'T'. Returns the number's
 * end, UNSET when it is none of these. */
static size_t tr_number(const st *s, size_t pos, size_t k) {
  if (k < pos + 2 || s->w[k - 1] != ' ' || (s->w[k - 2] != '.' && s->w[k - 2] != ',') || !at_lit(s, k, "TR", 2))
    return UNSET;
  size_t q = k + 2;
  if (q < s->n && (s->w[q] == ' ' || s->w[q] == '-'))
    q++;
  if (q >= s->n || !ascii_digit(s->w[q]))
    return UNSET;
  while (q < s->n && (ascii_digit(s->w[q]) || ascii_alpha(s->w[q]) || s->w[q] == '-' || s->w[q] == '/'))
    q++;
  size_t a = q < s->n && s->w[q] == ',' ? q + 1 : q;
  if (a >= s->n || s->w[a] != ' ' || q - k > 16)
    return UNSET;
  a = skip_sp(s, a);
  size_t b = rpi_scan_first_stop(s, a, s->n);
  static const char *const words[] = {"Dept", "Department", "Univ", "Institut", "Laborator", "School", "College",
                                      "Center", "Centre", "Faculty"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (rpi_scan_has_lit(s, a, b < s->n ? b + 1 : s->n, words[i], strlen(words[i])))
      return q;
  return UNSET;
}

/* Whether [a, e) is a standards body's code: "ISO", "IEC", "DIN", "EN",
 * "BS", "ASTM", "ANSI", "NF", "UNE", "JIS", "SAE", "ASME", or two joined by
 * '/' ("ISO/IEC", "ISO/TS"). */
static bool standards_body(const st *s, size_t a, size_t e) {
  static const char *const bodies[] = {"ISO", "IEC", "DIN", "EN", "BS", "ASTM", "ANSI", "NF", "UNE",
                                       "JIS", "SAE", "ASME", "TS", "TR", "PAS", NULL};
  for (size_t q = a; q <= e; q++) {
    if (q < e && s->w[q] != '/')
      continue;
    bool known = false;
    for (size_t k = 0; bodies[k] && !known; k++)
      known = strlen(bodies[k]) == q - a && at_lit(s, a, bodies[k], q - a);
    if (!known)
      return false;
    a = q + 1;
  }
  return true;
}

/* A standard's designation at k: bodies' codes ("DIN EN", "BS EN ISO",
 * "ISO/IEC"), then one token holding a digit ("9001:2015", "D638-14",
 * "1990:2010-12"). Returns its end, or UNSET; *num is where the token
 * starts. */
static size_t standard_designation(const st *s, size_t k, size_t *num) {
  size_t q = k;
  int bodies = 0;
  for (;;) {
    size_t e = q;
    while (e < s->n && ((s->w[e] >= 'A' && s->w[e] <= 'Z') || s->w[e] == '/'))
      e++;
    if (e == q || e >= s->n || s->w[e] != ' ' || !standards_body(s, q, e))
      break;
    bodies++;
    q = e + 1;
  }
  if (!bodies)
    return UNSET;
  size_t e = q;
  bool digit = false;
  while (e < s->n && (ascii_alpha(s->w[e]) || ascii_digit(s->w[e]) || s->w[e] == ':' || s->w[e] == '-' ||
                      s->w[e] == '/' || (s->w[e] == '.' && e + 1 < s->n && ascii_digit(s->w[e + 1]))))
    digit |= ascii_digit(s->w[e++]);
  if (!digit || e - q > 24 || !(ascii_digit(s->w[q]) || (s->w[q] >= 'A' && s->w[q] <= 'Z' && ascii_digit(s->w[q + 1]))))
    return UNSET;
  *num = q;
  return e;
}

/* Standards: "ISO 9001:2015. Quality management systems. Geneva: ISO;
 * 2015.", "DIN EN 1990:2010-12. Eurocode ...", "ASTM D638-14. Standard
 * Test Method ..." (the designation as the first sentence, no author),
 * and APA's "Title (ISO Standard No. 9001:2015).", "Title (ASTM
 * D638-14)." (the bracket closing a sentence). The designation is the
 * number (in APA's bracket with "No.", the token after it, the words
 * before it the genre); it is blanked and the reference read as a
 * report. True when it read one. */
static bool standard_at(st *s, size_t pos) {
  size_t k = skip_sp(s, pos), num;
  if (k == 0) {
    size_t e = standard_designation(s, k, &num);
    if (e != UNSET && e + 2 < s->n && s->w[e] == '.' && s->w[e + 1] == ' ' && rpi_is_upper((unsigned char)s->w[e + 2])) {
      rpi_fields_set(s, RP_FIELD_NUMBER, k, e);
      blank(s, k, e + 1);
      s->report = true;
      return true;
    }
  }
  for (const char *o = memchr(s->w + k, '(', s->n - k); o; o = memchr(o + 1, '(', s->n - (size_t)(o + 1 - s->w))) {
    size_t b = (size_t)(o - s->w), a = b + 1, ga = a, ge = UNSET, na = a;
    /* "ISO Standard No. 9001:2015": the genre, "No." and the number */
    size_t e = a;
    while (e < s->n && s->w[e] >= 'A' && s->w[e] <= 'Z')
      e++;
    if (e > a && at_lit(s, e, " Standard No. ", 14) && standards_body(s, a, e)) {
      ge = e + 9;
      na = e + 14;
      e = na;
      while (e < s->n && (ascii_digit(s->w[e]) || s->w[e] == ':' || s->w[e] == '-'))
        e++;
      if (e == na || !ascii_digit(s->w[na]))
        continue;
    } else {
      e = standard_designation(s, a, &num);
      if (e == UNSET)
        continue;
    }
    /* closing the title's sentence: "Quality management (ISO 9001) in
     * hospitals" names a standard, it is none */
    if (e + 1 >= s->n || s->w[e] != ')' || s->w[e + 1] != '.')
      continue;
    rpi_fields_set(s, RP_FIELD_NUMBER, na, e);
    if (ge != UNSET && !s->r->field[RP_FIELD_GENRE])
      rpi_fields_set(s, RP_FIELD_GENRE, ga, ge);
    blank(s, b, e + 1);
    s->report = true;
    return true;
  }
  return false;
}

/* A United Nations document symbol as a sentence of its own before the
 * imprint: "Transforming our world: the 2030 Agenda for Sustainable
 * Development. A/RES/70/1. New York: United Nations.", "E/CN.4/2005/135.".
 * Capitals, then parts parted by '/' (two or more), a digit among them;
 * the number, taken out. True when it read one. */
static bool un_symbol(st *s, size_t pos) {
  for (const char *p = memchr(s->w + pos, '/', s->n - pos); p; p = memchr(p + 1, '/', s->n - (size_t)(p + 1 - s->w))) {
    size_t k = (size_t)(p - s->w);
    while (k > pos && s->w[k - 1] >= 'A' && s->w[k - 1] <= 'Z')
      k--;
    if (k == (size_t)(p - s->w) || k < pos + 3 || s->w[k - 1] != ' ' || s->w[k - 2] != '.')
      continue;
    size_t e = k;
    int slashes = 0;
    bool digit = false;
    while (e < s->n && (ascii_alpha(s->w[e]) || ascii_digit(s->w[e]) || s->w[e] == '/' ||
                        (s->w[e] == '.' && e + 1 < s->n && s->w[e + 1] != ' '))) {
      slashes += s->w[e] == '/';
      digit |= ascii_digit(s->w[e]);
      e++;
    }
    if (slashes < 2 || !digit || s->w[e - 1] == '/' || e + 1 >= s->n || s->w[e] != '.' ||
        !rpi_imprint_starts_at(s, skip_sp(s, e + 1), s->n))
      continue;
    rpi_fields_set(s, RP_FIELD_NUMBER, k, e);
    blank(s, k, e + 1);
    return true;
  }
  return false;
}

/* A European Commission document number as a sentence of its own before
 * the imprint: "A new Circular Economy Action Plan. COM(2020) 98 final.
 * Brussels: European Commission.", "SWD(2019) 305 final.": the number,
 * taken out. True when it read one. */
static bool eu_document(st *s, size_t pos) {
  for (const char *p = memchr(s->w + pos, '(', s->n - pos); p; p = memchr(p + 1, '(', s->n - (size_t)(p + 1 - s->w))) {
    size_t o = (size_t)(p - s->w), k = o - 3;
    if (o < pos + 6 || !(at_lit(s, k, "COM", 3) || at_lit(s, k, "SWD", 3) || at_lit(s, k, "SEC", 3)) ||
        s->w[k - 1] != ' ' || s->w[k - 2] != '.' || o + 12 > s->n || !rpi_lex_is_year(s->w + o + 1) || s->w[o + 5] != ')')
      continue;
    size_t e = skip_sp(s, o + 6), d = e;
    while (e < s->n && ascii_digit(s->w[e]))
      e++;
    if (e == d)
      continue;
    if (at_lit(s, e, " final", 6))
      e += 6;
    if (e + 1 >= s->n || s->w[e] != '.' || !rpi_imprint_starts_at(s, skip_sp(s, e + 1), s->n))
      continue;
    rpi_fields_set(s, RP_FIELD_NUMBER, k, e);
    blank(s, k, e + 1);
    return true;
  }
  return false;
}

/* Wildlife and natural-resources lists name a report's kind in a
 * sentence of its own before the institution that issued it: "Texas dove
 * hunter gun and shot survey. Unpublished report. Texas Parks and
 * Wildlife Department, Austin, USA.", "... Final report, U.S. Fish and
 * Wildlife Service, Denver, Colorado, USA." A sentence of "report" or
 * "Report" after one of the words of kinds below, opening after a stop,
 * then a comma or a stop and an institution with its place closing the
 * reference (rpi_imprint_pub_place_sentence; the book stage reads it as
 * the imprint): the sentence is the genre and is taken out; the
 * reference is a report. True when it did. */
static bool genre_sentence(st *s, size_t pos) {
  static const lit_t kinds[] = {LIT("Unpublished"), LIT("Final"), LIT("Technical"), LIT("Progress"),
                                LIT("Annual"), LIT("Interim"), LIT("Draft"), LIT("Internal"),
                                LIT("Project"), LIT("Research")};
  if (!has_word(s, "report", 6) || !rpi_scan_has_lit(s, pos, s->n, "eport", 5))
    return false;
  for (const char *h = memchr(s->w + pos, 'e', s->n - pos); h; h = memchr(h + 1, 'e', s->n - (size_t)(h + 1 - s->w))) {
    size_t hp = (size_t)(h - s->w);
    if (hp < pos + 5)
      continue;
    size_t r = hp - 1; /* the 'r' or 'R' of "report" */
    if ((s->w[r] != 'r' && s->w[r] != 'R') || !at_lit(s, r + 1, "eport", 5) || s->w[r - 1] != ' ')
      continue;
    size_t z = r + 6;
    /* (or a space before the institution: "Technical report University
     * of Notre Dame South Bend, IN.") */
    if (z >= s->n || (s->w[z] != '.' && s->w[z] != ',' && !(s->w[z] == ' ' && z + 1 < s->n && rpi_is_upper((unsigned char)s->w[z + 1]))))
      continue;
    size_t ka = UNSET;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && ka == UNSET; i++)
      if (r >= pos + kinds[i].n + 3 && at_lit(s, r - 1 - kinds[i].n, kinds[i].s, kinds[i].n))
        ka = r - 1 - kinds[i].n;
    if (ka == UNSET || s->w[ka - 1] != ' ' || s->w[ka - 2] != '.')
      continue;
    if (!rpi_imprint_pub_place_sentence(s, skip_sp(s, z + 1)))
      continue;
    if (!s->r->field[RP_FIELD_GENRE])
      rpi_fields_set(s, RP_FIELD_GENRE, ka, z);
    blank(s, ka, s->w[z] == ' ' ? z : z + 1);
    s->report = true;
    return true;
  }
  return false;
}

void rpi_stage_report(st *s, size_t pos) {
  if (standard_at(s, pos) || un_symbol(s, pos) || eu_document(s, pos))
    return;
  for (size_t k = next_capital(s->w, pos + 2, s->n); k + 8 < s->n; k = next_capital(s->w, k + 1, s->n)) {
    size_t ac = acronym_number(s, pos, k);
    if (ac != UNSET) {
      rpi_fields_set(s, RP_FIELD_NUMBER, k, ac);
      blank(s, k - 1, ac + 1);
      s->report = true;
      return;
    }
    if (s->w[k] == 'P' && at_lit(s, k, "Patent ", 7) && patent_at(s, pos, k))
      return;
    size_t tr = s->w[k] == 'T' ? tr_number(s, pos, k) : UNSET;
    if (tr != UNSET) {
      rpi_fields_set(s, RP_FIELD_NUMBER, k, tr);
      blank(s, k, tr);
      s->report = true;
      if (!s->r->field[RP_FIELD_PUBLISHER])
        rpi_stage_report_institution(s, s->w[tr] == ',' ? tr : tr - 1);
      return;
    }
    if (patent_code_at(s, pos, k))
      return;
    /* "US patent 4 005 488", "U.S. patent 6,206,324" */
    size_t up = at_lit(s, k, "US patent ", 10) ? k + 3 : at_lit(s, k, "U.S. patent ", 12) ? k + 5 : UNSET;
    if (up != UNSET && patent_at(s, pos, up))
      return;
    bool cm = at_lit(s, k, "Report No.:", 11); /* Citing Medicine */
    /* Statistics Canada's "Census Profile, 2016 Census. Catalogue no.
     * 98-316-X2016001. Ottawa: Statistics Canada.": a label, no genre */
    bool cat = !cm && s->w[k - 2] == '.' && (at_lit(s, k, "Catalogue no. ", 14) || at_lit(s, k, "Catalog no. ", 12));
    cm |= cat;
    size_t l = cat ? (s->w[k + 7] == 'u' ? 9 : 7) : cm ? 11 : rpi_lex_at(RPI_LEX_REPORT_SERIES, s->w + k, s->n - k);
    /* the one word of a series and its number after a Vancouver imprint,
     * closing the reference: "...; 2016. Record 2016/14.", "...; 2012.
     * Rapport 2012:14." */
    bool lone = !cm && after_imprint_year(s, pos, k);
    if (!l && lone)
      l = capital_word(s, k);
    if (!l || (k + l < s->n && ascii_alpha(s->w[k + l])))
      continue;
    size_t ga = cm ? k : genre_start(s, pos, k);
    /* "Report" alone names no series ("Environment Agency Report"), but
     * opening a sentence with "No." after it, and an imprint after its
     * number, it labels the number: "... Development Update. Report No.
     * 115432. Washington, DC: World Bank." */
    bool report_no = l == 6 && ga == k && !lone && s->w[k - 2] == '.' &&
                     (at_lit(s, k + 7, "No. ", 4) || at_lit(s, k + 7, "no. ", 4));
    if (ga == UNSET || (l == 6 && ga == k && !lone && !report_no))
      continue;
    size_t ne, na = number_after(s, k + l, &ne);
    if (na == UNSET || (lone && !closes(s, ne) && !rpi_lex_at(RPI_LEX_REPORT_SERIES, s->w + k, s->n - k)))
      continue;
    if (report_no && !(ne + 1 < s->n && s->w[ne] == '.' && rpi_imprint_starts_at(s, skip_sp(s, ne + 1), s->n)))
      continue;
    /* ASME's "Proc. ASME Turbo Expo 2016, Seoul, ..., ASME Paper No.
     * GT2016-56789": a paper's number in proceedings it names; the
     * proceedings stay the container, no report series */
    if (!cm && (rpi_scan_has_lit(s, pos, ga, "Proc.", 5) || rpi_scan_has_lit(s, pos, ga, "Proceedings", 11))) {
      rpi_fields_set(s, RP_FIELD_NUMBER, na, ne);
      blank(s, ga, ne);
      return;
    }
    size_t ge = k + l;
    while (ge > ga && s->w[ge - 1] == '.')
      ge--; /* "Tech. Rep" as other fields, without the final stop */
    if (!cm && !s->r->field[RP_FIELD_GENRE])
      rpi_fields_set(s, RP_FIELD_GENRE, ga, ge);
    rpi_fields_set(s, RP_FIELD_NUMBER, na, ne);
    size_t ba = ga, bb = ne, z = skip_sp(s, ne);
    if (ga > 0 && s->w[ga - 1] == '(' && z < s->n && s->w[z] == ')')
      ba = ga - 1, bb = z + 1; /* "(CEP Discussion Paper No. 716)" */
    blank(s, ba, bb);
    s->report = true;
    institution_before(s, pos, ba);
    z = skip_sp(s, bb);
    /* the institution after a comma, or as the next sentence when it has
     * no colon ("TR-2008-045. Department of Computer Science, University
     * of Toronto."; a colon's imprint is the book stage's) */
    size_t se = z + 1 < s->n ? rpi_scan_first_stop(s, skip_sp(s, z + 1), s->n) : s->n;
    if (z < s->n && !s->r->field[RP_FIELD_PUBLISHER] &&
        (s->w[z] == ',' ||
         (s->w[z] == '.' && z + 1 < s->n && !memchr(s->w + z + 1, ':', (se < s->n ? se : s->n) - (z + 1)))))
      rpi_stage_report_institution(s, z);
    return;
  }
  genre_sentence(s, pos);
}
