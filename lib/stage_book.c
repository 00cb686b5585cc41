/*
 * stage_book.c: books, theses, reports and web pages: title, container and
 * imprint when no locator was found, and books that carry one.
 */
#include "stage.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "container.h"
#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "names.h"
#include "scan.h"
#include "title.h"
#include "utf8.h"

/* ", January 1990", ", Spring 1990", ", Jan. 1975": a month or a season
 * after the comma at q, a periodical's date and no place. */
static bool month_or_season_after(const st *s, size_t q) {
  size_t k = skip_sp(s, q + 1), e = k;
  while (e < s->n && e - k < 12 && ascii_alpha(s->w[e]))
    e++;
  return e > k && (rpi_lex_month(s->w + k, e - k) || rpi_lex_season(s->w + k, e - k));
}

/* "War, Peace and Memory, New York: Routledge, 2010": after the comma at
 * q, words that are no known place, then a comma or a stop and a known
 * city closed by the imprint's colon; the place is that city, the words the title's
 * (not "Title, Hoboken, NJ, USA: Wiley"). Looks 100 bytes ahead, the
 * six words a place-year tail may have. */
static bool title_words_before_city(const st *s, size_t q) {
  size_t c1 = q + 1, lim = q + 100 < s->n ? q + 100 : s->n;
  while (c1 < lim && s->w[c1] != ',' && s->w[c1] != ':' && !ascii_digit(s->w[c1]) &&
         !(s->w[c1] == '.' && c1 + 1 < lim && s->w[c1 + 1] == ' '))
    c1++;
  if (c1 >= lim || s->w[c1] == ':' || ascii_digit(s->w[c1]))
    return false; /* (a comma, or the stop of "Land, Labour and Law. London: Verso") */
  size_t c2 = c1 + 1;
  while (c2 < lim && s->w[c2] != ',' && s->w[c2] != ':' && !ascii_digit(s->w[c2]))
    c2++;
  if (c2 >= lim || s->w[c2] != ':')
    return false;
  size_t a1 = q + 1, b1 = c1, a2 = c1 + 1, b2 = c2;
  trim(s->w, &a1, &b1);
  trim(s->w, &a2, &b2);
  return b1 > a1 && b2 > a2 && !rpi_lex_is_city(s->w + a1, b1 - a1) && rpi_lex_is_city(s->w + a2, b2 - a2);
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
      size_t letters = 0, ands = 0; /* words, not only years: "(1798, 1799 and 1850)" */
      for (size_t k = q; k + 4 <= c; k++)
        if (ascii_digit(s->w[k]) && ascii_digit(s->w[k + 1]) && ascii_digit(s->w[k + 2]) &&
            ascii_digit(s->w[k + 3]))
          year = true;
      for (size_t k = q; k < c; k++) {
        letters += ascii_alpha(s->w[k]) || (unsigned char)s->w[k] >= 0x80;
        ands += at_lit(s, k, " and ", 5);
      }
      if (year && letters > 3 * ands && (rpi_imprint_has_publisher_word(s, q, c) || memchr(s->w + q, ',', c - q)))
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
      if (!title_words_before_city(s, q) && rpi_imprint_place_year_tail(s, q, s->n))
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
        if (k < s->n && s->w[k] == ',' && k + 4 < s->n && s->w[k + 1] == ' ' && s->w[k + 2] >= 'A' &&
            s->w[k + 2] <= 'Z') {
          /* ", MI:", ", Calif:", ", Mass.:": a state before the colon */
          size_t z = k + 3;
          while (z < s->n && z < k + 9 && ascii_alpha(s->w[z]))
            z++;
          /* (not a city: "New Risks, New Welfare, Oxford: Oxford University
           * Press" has its place after the second comma) */
          bool city = rpi_lex_is_city(s->w + k + 2, z - (k + 2));
          if (z < s->n && s->w[z] == '.')
            z++;
          if (z < s->n && s->w[z] == ':' && z - (k + 2) >= 2 && !city)
            k = z;
        }
        if (k < s->n && s->w[k] == ':') {
          /* "..., Trends: Aspects of European Thought in the ...": a
           * publisher is a short name, not a phrase */
          size_t u = skip_sp(s, k + 1), ue = u;
          while (ue < s->n && s->w[ue] != ',' && !(s->w[ue] == '.' && (ue + 1 >= s->n || s->w[ue + 1] == ' ')))
            ue++;
          /* "Labour market overview, UK: May 2019": a date after the
           * colon is the title's, no publisher */
          size_t uw = u;
          while (uw < ue && ascii_alpha(s->w[uw]))
            uw++;
          if (uw > u && rpi_lex_month(s->w + u, uw - u))
            break;
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

/* Whether [a, e) names a journal for sure: capitalised, two to twelve
 * words, no publisher's word, no digit, no place, and a journal of the
 * lists or a periodical's own word ("Journal", "Quarterly", "Review",
 * "Transactions", "Magazine") among its words. */
static bool journal_named_here(const st *s, size_t a, size_t e) {
  size_t words = rpi_scan_count_words(s, a, e);
  if (e <= a + 3 || !rpi_is_upper((unsigned char)s->w[a]) || words < 2 || words > 12 ||
      rpi_imprint_has_publisher_word(s, a, e) || rpi_imprint_place_words(s, a, e) ||
      rpi_imprint_city_list_tail(s, a, e) != UNSET)
    return false;
  for (size_t q = a; q < e; q++)
    if (ascii_digit(s->w[q]) || s->w[q] == ':' || s->w[q] == '(')
      return false;
  const char *other;
  if (rpi_lex_journal(s->w + a, e - a, &other) != RPI_JOURNAL_NONE)
    return true;
  static const char *const own[] = {"Journal", "Quarterly", "Review", "Transactions", "Magazine"};
  for (size_t k = a; k < e;) {
    size_t j = k;
    while (j < e && s->w[j] != ' ')
      j++;
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
      if (j - k == strlen(own[i]) && at_lit(s, k, own[i], j - k))
        return true;
    k = skip_sp(s, j);
  }
  return false;
}

/* "Am J Physiol", "Cereb Cortex", "Cold Spring Harb. Perspect. Biol.": a
 * journal's abbreviation, which no publisher's name reads like: one of the
 * lists, an NLM abbreviation without periods, or a run of two or more
 * listed title-word abbreviations with their periods; no digit, colon or
 * bracket, no publisher's word, no known city. */
static bool journal_abbrev_here(const st *s, size_t a, size_t e) {
  if (e <= a + 3 || !(s->w[a] >= 'A' && s->w[a] <= 'Z') || rpi_scan_count_words(s, a, e) < 2)
    return false;
  for (size_t q = a; q < e; q++)
    if (ascii_digit(s->w[q]) || s->w[q] == ':' || s->w[q] == '(' || s->w[q] == ',')
      return false;
  if (rpi_imprint_has_publisher_word(s, a, e) || rpi_imprint_cities(s, a, e))
    return false;
  const char *other;
  rpi_journal_kind k = rpi_lex_journal(s->w + a, e - a, &other);
  if (k == RPI_JOURNAL_ABBREV || k == RPI_JOURNAL_AMBIGUOUS || rpi_scan_nlm_abbrev(s, a, e))
    return true;
  size_t listed = 0;
  for (size_t q = a + 1; q <= e && q < s->n; q++) /* the last word's stop at e too */
    if (s->w[q] == '.') {
      size_t ws = rpi_scan_word_before(s, q, a);
      listed += ws < q && rpi_lex_is_abbrev(s->w + ws, q - ws);
    }
  return listed >= 2 && rpi_scan_abbrev_run(s, a, e);
}

/* "Morgan-Kaufmann, 1992.", "Dover, 1965.", "Title. Crown.": one word
 * with small letters, which the journal lists do not know, before a comma
 * and the year or closing the reference is a publisher's name, not a
 * journal's. Not "IJCV, 2008." (an acronym) or "NeurIPS, 2017." (a
 * conference's), not a preprint server
 * ("SocArXiv", or one of the patterns) or a data repository ("Zenodo,
 * 2021."), not a website's name before its address or access date, and
 * not the Vancouver "Name. Year." of a journal cited alone. */
static bool publisher_alone(st *s, size_t a, size_t e) {
  if (rpi_scan_count_words(s, a, e) != 1 || s->r->field[RP_FIELD_URL] || s->r->field[RP_FIELD_ACCESSED] ||
      rpi_scan_conference_acronym(s->w + a, e - a)) /* "NeurIPS, 2017." */
    return false;
  bool small = false;
  for (size_t q = a; q < e; q++) {
    small |= s->w[q] >= 'a' && s->w[q] <= 'z';
    if (q + 4 <= e && strncasecmp(s->w + q, "rxiv", 4) == 0)
      return false;
  }
  if (!small)
    return false;
  if (s->w[e] != ',' && skip_sp(s, e + 1) < s->n)
    return false;
  const char *other;
  rpi_match m;
  return rpi_lex_journal(s->w + a, e - a, &other) == RPI_JOURNAL_NONE &&
         !(find(s, P_PREPRINT, a, &m) && m.start < e) && !(find(s, P_DATASET, a, &m) && m.start < e);
}

/* Whether [w, w + n) is one of the count words of list. */
static bool word_of(const char *w, size_t n, const char *const *list, size_t count) {
  for (size_t i = 0; i < count; i++)
    if (n == strlen(list[i]) && memcmp(w, list[i], n) == 0)
      return true;
  return false;
}

/* "T&T Clark, 2003.", "A&C Black, 1998.": a firm's initials joined by a
 * glued ampersand, then a capitalised name, at most three words in all,
 * that the journal lists do not know, is a publisher (a journal named so
 * and cited with its year alone, "R&D Management, 1998.", reads as one
 * too). */
static bool firm_initials(const st *s, size_t a, size_t e) {
  const char *other;
  if (e < a + 6 || s->w[a + 1] != '&' || !(s->w[a] >= 'A' && s->w[a] <= 'Z') ||
      !(s->w[a + 2] >= 'A' && s->w[a + 2] <= 'Z') || s->w[a + 3] != ' ' ||
      !(s->w[a + 4] >= 'A' && s->w[a + 4] <= 'Z') || rpi_scan_count_words(s, a, e) > 3)
    return false;
  return rpi_lex_journal(s->w + a, e - a, &other) == RPI_JOURNAL_NONE;
}

/* A monograph series' own word ("Geological Society of America Special
 * Paper", "Memoirs of the ...", "Occasional Papers", "Monograph Series"). */
static const char *const SERIES_WORDS[] = {"Paper", "Papers", "Memoir", "Memoirs", "Series", "Monograph", "Monographs"};
/* A journal word that names a field of study ("Research", "Studies"),
 * which a body's name carries too ("Women's Research Council", "Institute
 * for Fiscal Studies"), unlike a periodical's own word ("Journal",
 * "Proceedings", "Bulletin"). */
static const char *const TOPIC_WORDS[] = {"Research", "Studies",   "Science",     "Sciences",  "Economics", "Medicine",
                                          "Physics",  "Chemistry", "Engineering", "Psychology", "Biology"};
#define NWORDS(l) (sizeof l / sizeof l[0])

/* "Dallas Theological Seminary, 1979.", "HAUTE AUTORITE DE SANTE, 2009.",
 * "Solid Waste Division.": a body's name, one of its words an
 * organisation's, publishes the book it closes. Not a journal of the lists,
 * not a name with a periodical's word ("Proceedings of the Royal Society";
 * a field's word, TOPIC_WORDS, only in a name of two words),
 * not a monograph series (SERIES_WORDS), not a website's name in a
 * reference with an address or an access date ("Centers for Disease Control
 * and Prevention. Accessed ..."), not the Vancouver "Name. Year." of a
 * journal cited alone, and not a body's word joined to
 * another noun by "and" or "&" ("Gender & Society", "Economy and Society"). */
static bool body_alone(const st *s, size_t a, size_t e) {
  const char *other;
  if (s->r->field[RP_FIELD_URL] || s->r->field[RP_FIELD_ACCESSED] || (s->w[e] != ',' && skip_sp(s, e + 1) < s->n) ||
      rpi_lex_journal(s->w + a, e - a, &other) != RPI_JOURNAL_NONE)
    return false;
  bool body = false, topic = false;
  for (size_t q = a; q < e;) {
    size_t we = q;
    while (we < e && s->w[we] != ' ')
      we++;
    if (word_of(s->w + q, we - q, SERIES_WORDS, NWORDS(SERIES_WORDS)))
      return false;
    if (rpi_lex_is_journal_word(s->w + q, we - q)) {
      if (!word_of(s->w + q, we - q, TOPIC_WORDS, NWORDS(TOPIC_WORDS)))
        return false;
      topic = true;
    }
    if (rpi_lex_is_org_word(s->w + q, we - q) && !(q >= a + 2 && s->w[q - 2] == '&') &&
        !(q >= a + 4 && at_lit(s, q - 4, "and ", 4)) && !(we + 5 <= e && at_lit(s, we, " and ", 5)) &&
        !(we + 3 <= e && at_lit(s, we, " & ", 3)))
      body = true;
    q = skip_sp(s, we);
  }
  /* "Organization Science", "Organization Studies": two words are a journal's */
  return body && !(topic && rpi_scan_count_words(s, a, e) <= 2);
}

/* "Artificial Intelligence, 1988." / "Journal of X, in press": a journal
 * named alone before a date, with no imprint. */
static bool journal_year_tail(st *s, size_t a) {
  size_t e = a;
  while (e < s->n && s->w[e] != ',' && !(s->w[e] == '.' && (e + 1 >= s->n || s->w[e + 1] == ' ')))
    e++;
  if (e >= s->n || e == a || rpi_scan_count_words(s, a, e) > 10)
    return false;
  unsigned f0;
  rpi_utf8_decode((const unsigned char *)s->w + a, e - a, &f0);
  /* not the end of a bracket: "[Tesis doctoral, Universidad de Buenos
   * Aires]. http://..." */
  if (!rpi_is_upper(f0) || rpi_imprint_has_publisher_word(s, a, e) || memchr(s->w + a, ':', e - a) ||
      memchr(s->w + a, ']', e - a) || memchr(s->w + a, ')', e - a) || rpi_imprint_cities(s, a, e))
    return false;
  for (size_t q = a; q < e; q++)
    if (ascii_digit(s->w[q]))
      return false;
  if (publisher_alone(s, a, e) || body_alone(s, a, e) || firm_initials(s, a, e))
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
  /* APA's "Freire, P. (1996). Pedagogia da autonomia. Paz e Terra.": with
   * the year read before the title and nothing after the name (no date,
   * address or DOI either: a newspaper, a web page, a preprint), an
   * unknown name of a few words is the publisher (an APA article has its
   * volume) */
  const char *other;
  if (!year && skip_sp(s, e + 1) >= s->n && s->year_a != UNSET && s->year_a < a && s->names_end &&
      s->year_a >= s->names_end && !s->r->month && !s->r->field[RP_FIELD_URL] && !s->r->field[RP_FIELD_DOI] &&
      rpi_scan_count_words(s, a, e) <= 4 && !journal_named_here(s, a, e) &&
      rpi_lex_journal(s->w + a, e - a, &other) == RPI_JOURNAL_NONE)
    return false;
  return true;
}

/* A book's subtitle sentence right before its imprint: returns the end of
 * the sentence after the one ending at te when the place of a "Place:
 * Publisher" imprint follows it, else te. */
/* "Bielefeld: transcript; 2019": the Vancouver imprint at k, place words, a
 * colon, a publisher (of any case) with no stop in it, "; " and a year. */
static bool vancouver_imprint_at(const st *s, size_t k) {
  const char *c = memchr(s->w + k, ':', s->n - k < 48 ? s->n - k : 48);
  if (!c || !rpi_imprint_place_words(s, k, (size_t)(c - s->w)))
    return false;
  size_t u = skip_sp(s, (size_t)(c - s->w) + 1);
  for (size_t q = u; q + 6 <= s->n; q++) {
    if (s->w[q] == '.' || s->w[q] == ':')
      return false;
    if (s->w[q] == ';')
      return q > u && s->w[q + 1] == ' ' && rpi_scan_all_digits(s, q + 2, q + 6) && rpi_lex_is_year(s->w + q + 2);
  }
  return false;
}

/* "Frankfurt am Main 2002.", "Essen, 2009", "Essen; 2009", "Hamburg und
 * Leipzig, 1893": a known place (or two joined by a connector) and the year,
 * or the place alone, closing the reference at k. */
static bool city_year_at(const st *s, size_t k) {
  size_t e = s->n;
  while (e > k && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  /* (or the known places alone, the year read before them: "Lebenslagen
   * in Deutschland. Der Fünfte Bericht. Berlin.") */
  if (e > k + 2 && !ascii_digit(s->w[e - 1]) && rpi_imprint_cities(s, k, e))
    return true;
  if (e < k + 6 || !rpi_lex_is_year(s->w + e - 4) || ascii_digit(s->w[e - 5]))
    return false;
  size_t ce = e - 4;
  while (ce > k && (s->w[ce - 1] == ' ' || s->w[ce - 1] == ',' || s->w[ce - 1] == ';'))
    ce--;
  return ce > k && rpi_imprint_cities(s, k, ce);
}

/* "Edited by Philip Barnard and Stephen Shapiro. Indianapolis: Hackett",
 * "Traduction de Chantal Thérond. Paris : Dunod": an editors' or a
 * translators' sentence at k, then the imprint. */
static bool note_then_imprint(const st *s, size_t k) {
  if (!(at_lit(s, k, "Edited by ", 10) || at_lit(s, k, "Edited and translated by ", 25) ||
        rpi_lex_at(RPI_LEX_TRANSLATOR_MARKERS, s->w + k, s->n - k)))
    return false;
  size_t e = rpi_scan_first_stop(s, k, s->n);
  if (e >= s->n)
    return false;
  size_t nx = skip_sp(s, e + 1);
  return rpi_imprint_starts_at(s, nx, s->n) || vancouver_imprint_at(s, nx) || city_year_at(s, nx);
}


static size_t subtitle_end(st *s, size_t te) {
  if (te >= s->n)
    return te;
  size_t ns = skip_sp(s, te + 1);
  size_t te2 = rpi_scan_first_stop(s, ns, s->n);
  rpi_match pm;
  int gpp = G_PUBPLACE_PLACE;
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
      rpi_imprint_subtitle_sentence(s, ns, te2, false))
    return te2;
  /* "Grenzen der Verwaltung. Eine Fallstudie zu kommunalen Reformen.
   * Frankfurt/M.: Campus.": up to three subtitle sentences, then the
   * imprint (an edition statement between them is already blanked) */
  for (int step = 0; step < 3 && ns < s->n; step++) {
    /* "Normaliser les conduites. Dispositifs, savoirs, politiques, Quæ,
     * Versailles, 2012.", "..., Versailles, Quæ.": the last sentence
     * closed by a comma imprint, the publisher first or the city first */
    if (skip_sp(s, te2 + 1) >= s->n) {
      size_t c0, c1, u0, u1;
      size_t ci = rpi_imprint_comma_cut(s, ns, s->n);
      if (ci == UNSET)
        ci = rpi_imprint_city_pub_tail(s, ns, s->n, &c0, &c1, &u0, &u1);
      /* (not the imprint's own places: "New York, Macmillan, 1913",
       * "Bloomington, Illinois, McLean County Historical Society") */
      if (ci != UNSET && ci > ns + 3 && !rpi_imprint_starts_at(s, ns, s->n) &&
          rpi_imprint_city_list_tail(s, ns, ci) == UNSET && !rpi_imprint_place_words(s, ns, ci) &&
          rpi_imprint_subtitle_sentence(s, ns, ci, true))
        return ci;
    }
    /* "Risikogesellschaft. Auf dem Weg in eine andere Moderne, Frankfurt
     * am Main: Suhrkamp.": the imprint after a comma inside the sentence */
    for (size_t c = te2; c-- > ns + 3;)
      if (s->w[c] == ',' && c + 1 < s->n && s->w[c + 1] == ' ') {
        /* not a place's region ("La Tour d'Aigues, France: Éd. de l'Aube") */
        size_t pa = skip_sp(s, c + 1), pe = pa;
        while (pe < s->n && s->w[pe] != ':' && s->w[pe] != ',')
          pe++;
        if (rpi_imprint_starts_at(s, pa, s->n) && !rpi_lex_is_country(s->w + pa, pe - pa) && pe - pa > 2 &&
            !rpi_imprint_starts_at(s, ns, s->n) && rpi_imprint_subtitle_sentence(s, ns, c, false))
          return c;
        break;
      }
    if (te2 >= s->n)
      break;
    size_t nx = skip_sp(s, te2 + 1);
    bool imprint_next = rpi_imprint_starts_at(s, nx, s->n) || vancouver_imprint_at(s, nx) || city_year_at(s, nx) ||
                        note_then_imprint(s, nx) || rpi_imprint_pub_place_sentence(s, nx);
    if (rpi_imprint_starts_at(s, ns, s->n) || !rpi_imprint_subtitle_sentence(s, ns, te2, imprint_next))
      break;
    if (imprint_next)
      return te2;
    ns = skip_sp(s, te2 + 1);
    te2 = rpi_scan_first_stop(s, ns, s->n);
  }
  return te;
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
/* "Lunar and Planetary Science XXXV", "Advances in Cryogenic Engineering
 * XXI": a name of capitalised words (and short lower-case ones) holding a
 * journal word, up to the next comma or b, closed by its volume in Roman
 * numerals. */
static bool roman_volume_name(const st *s, size_t k, size_t b) {
  size_t e = k;
  while (e < b && s->w[e] != ',')
    e++;
  while (e > k && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  size_t lw = rpi_scan_word_before(s, e, k);
  if (lw <= k || e - lw < 2 || rpi_scan_roman_end(s, lw, e) != e)
    return false;
  bool jword = false;
  size_t q = k;
  while (q < lw) {
    const char *sp = memchr(s->w + q, ' ', lw - q);
    size_t we = sp ? (size_t)(sp - s->w) : lw;
    if (we - q > 3 && !rpi_is_upper((unsigned char)s->w[q]))
      return false; /* a lower-case word longer than "and", "of" */
    jword = jword || rpi_lex_is_journal_word(s->w + q, we - q);
    q = skip_sp(s, we);
  }
  return jword;
}

/* "Title, 18th International Conference on Composite Materials, 2011",
 * "Title, 6th International Conference on ..., Milos, June 30-July 3":
 * a conference's name after the title's comma at q (k its first word,
 * maybe an ordinal), three words or more, with only its place and date
 * after it. Returns the name's end, or UNSET. */
static size_t event_comma(const st *s, size_t a, size_t q, size_t k, size_t b) {
  size_t d = k;
  while (d < b && ascii_digit(s->w[d]))
    d++;
  bool ordinal = d > k && d + 2 < b && s->w[d + 2] == ' ' &&
                 (at_lit(s, d, "st", 2) || at_lit(s, d, "nd", 2) || at_lit(s, d, "rd", 2) || at_lit(s, d, "th", 2));
  /* (a capitalised word after the ordinal: not "103rd to 112th Congresses") */
  if (ordinal && !(d + 3 < b && s->w[d + 3] >= 'A' && s->w[d + 3] <= 'Z'))
    return UNSET;
  if (!(ordinal || rpi_is_upper((unsigned char)s->w[k])) || (k + 1 < b && s->w[k + 1] == '.') ||
      rpi_scan_count_words(s, a, q) < 3 || !rpi_imprint_event_at(s, k, b))
    return UNSET;
  size_t e = rpi_imprint_proc_end(s, k, b);
  size_t ce = e;
  while (ce > k && (s->w[ce - 1] == ' ' || s->w[ce - 1] == '.'))
    ce--;
  if (rpi_scan_count_words(s, k, ce) < 3)
    return UNSET;
  /* after it: places, months, days and years (no lower-case word) */
  for (size_t z = e; z < b; z++)
    if (z > e && s->w[z - 1] == ' ' && s->w[z] >= 'a' && s->w[z] <= 'z')
      return UNSET;
  return ce;
}

/* "Title, 12th International Symposium on ..., Toulouse, 2000": a
 * conference's name after a comma of the title [a, b), before the imprint
 * at b, is the container. Returns where the title ends (b when there is
 * none). */
static size_t event_split(st *s, size_t a, size_t b) {
  for (size_t q = a + 8; q < b; q++) {
    size_t ev = s->w[q] == ',' ? event_comma(s, a, q, skip_sp(s, q + 1), b) : UNSET;
    if (ev != UNSET) {
      rpi_container_set(s, skip_sp(s, q + 1), ev, UNSET);
      return q;
    }
  }
  return b;
}

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
          (we - k == 3 && at_lit(s, k, "ACM", 3)) || (we - k == 12 && at_lit(s, k, "Transactions", 12)) ||
          roman_volume_name(s, k, b))) {
      size_t ev = event_comma(s, a, q, k, b);
      if (ev == UNSET)
        continue;
      *je = ev;
      return q;
    }
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
    /* (a month or a season before the year: "..., Journal of Modern
     * History, January 1990", "Spring 1990", "Jan. 1975") */
    size_t y0 = r0;
    if (month_or_season_after(s, e)) {
      y0 = skip_sp(s, e + 1);
      while (y0 < r1 && ascii_alpha(s->w[y0]))
        y0++;
      while (y0 < r1 && (s->w[y0] == '.' || s->w[y0] == ' '))
        y0++;
    }
    bool ok = r0 >= r1 || (r1 - y0 == 4 && rpi_scan_all_digits(s, y0, r1)) ||
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

/* A place and its colon at k, before hi: "Toronto: ", and with a state or
 * country, "Ithaca, NY: ", "Ithaca (NY): ", "Cham, Switzerland: ". */
static bool place_colon_at(const st *s, size_t k, size_t hi) {
  if (rpi_scan_place_colon_at(s, k, hi))
    return true;
  const char *c = k < hi ? memchr(s->w + k, ':', hi - k) : NULL;
  size_t ce = c ? (size_t)(c - s->w) : hi, pe = k;
  if (!c || ce - k > 48 || skip_sp(s, ce + 1) >= hi || !rpi_is_upper((unsigned char)s->w[skip_sp(s, ce + 1)]))
    return false;
  while (pe < ce && s->w[pe] != ',' && s->w[pe] != '(')
    pe++;
  size_t qa = pe + 1, qb = ce;
  while (qa < qb && s->w[qa] == ' ')
    qa++;
  while (qb > qa && (s->w[qb - 1] == ' ' || s->w[qb - 1] == ')'))
    qb--;
  /* the place before the comma or bracket, then the state or country */
  return pe < ce && qb > qa && rpi_scan_count_words(s, k, pe) <= 3 &&
         rpi_is_upper((unsigned char)s->w[k]) && rpi_is_upper((unsigned char)s->w[qa]) &&
         rpi_scan_count_words(s, qa, qb) <= 2 && !memchr(s->w + k, '.', ce - k);
}

/* Citing Medicine's imprint with a half missing, filling [k, hi):
 * "[place unknown]: Routledge", "London: [publisher unknown]". */
static bool unknown_imprint(const st *s, size_t k, size_t hi) {
  if (hi > k + 16 && (at_lit(s, k, "[place unknown]:", 16) || at_lit(s, k, "[Place unknown]:", 16)))
    return true;
  const char *c = k < hi ? memchr(s->w + k, ':', hi - k) : NULL;
  if (!c || !rpi_is_upper((unsigned char)s->w[k]))
    return false;
  size_t q = skip_sp(s, (size_t)(c - s->w) + 1);
  return q + 19 <= hi + 1 && (at_lit(s, q, "[publisher unknown", 18) || at_lit(s, q, "[Publisher unknown", 18));
}

/* "Amsterdam: Boom", "Paris: Minuit": a known city, its colon and a short
 * capitalised name filling [k, hi). */
static bool known_city_colon(const st *s, size_t k, size_t hi) {
  const char *c = k < hi ? memchr(s->w + k, ':', hi - k) : NULL;
  if (!c)
    return false;
  size_t ce = (size_t)(c - s->w), pe = ce;
  while (pe > k && s->w[pe - 1] == ' ')
    pe--;
  size_t q = skip_sp(s, ce + 1);
  if (pe <= k || pe - k >= 64 || q >= hi || !rpi_is_upper((unsigned char)s->w[q]) || rpi_scan_count_words(s, q, hi) > 4)
    return false;
  /* (the place as the Vancouver writer prints it, its final stop gone:
   * "Frankfurt a. M: Suhrkamp") */
  char c2[64];
  memcpy(c2, s->w + k, pe - k);
  c2[pe - k] = '.';
  return rpi_lex_is_city(c2, pe - k) || (s->w[pe - 1] != '.' && rpi_lex_is_city(c2, pe - k + 1));
}

/* Chicago's note for a book with the pages cited: "Title (Ithaca, NY:
 * Cornell University Press, 2011), 58-61." The region [ra, rb) before
 * the pages ends with the imprint in brackets, a place and its colon
 * first, then a publisher's word or a year; or, in physics lists, a
 * publisher, its place and the year, before the pages or a volume alone
 * ("Title (Cambridge University Press, Cambridge, 1995), Vol. 1."). True
 * when it set the title and the imprint. */
static bool paren_imprint_before_pages(st *s, size_t ra, size_t rb, const loc *L) {
  /* physics books: "Title (Publisher, City, Year), Vol. 1." */
  bool vol_only = L->v[0] != UNSET && L->p[0] == UNSET && L->i[0] == UNSET;
  if ((L->v[0] != UNSET && !vol_only) || (L->p[0] == UNSET && !vol_only) || s->w[rb - 1] != ')')
    return false;
  size_t op = rb - 1;
  while (op > ra && s->w[op - 1] != '(' && s->w[op - 1] != ')')
    op--;
  if (op <= ra + 1 || s->w[op - 1] != '(')
    return false;
  size_t ia = skip_sp(s, op), ib = rb - 1;
  bool dated = ib >= ia + 4 && rpi_scan_all_digits(s, ib - 4, ib) && rpi_lex_is_year(s->w + ib - 4);
  /* "(London, 1962), p. 45": a known city and the year, no publisher */
  size_t ce = dated ? ib - 4 : ia;
  while (ce > ia && s->w[ce - 1] == ' ')
    ce--;
  bool city_year = ce > ia + 1 && s->w[ce - 1] == ',' && rpi_lex_is_city(s->w + ia, ce - 1 - ia);
  if (!city_year && dated && ce > ia + 1 && s->w[ce - 1] == ',') {
    /* "(Stanford, CA, 1975)", "(Ithaca, N.Y., 1990)", "(Leiden, Netherlands,
     * 2001)": a known city, then a state's code or abbreviation or a country */
    const char *cm = memchr(s->w + ia, ',', ce - 1 - ia);
    if (cm && rpi_lex_is_city(s->w + ia, (size_t)(cm - s->w) - ia)) {
      size_t ra2 = skip_sp(s, (size_t)(cm - s->w) + 1), rb2 = ce - 1;
      bool code = rb2 > ra2 && rb2 - ra2 <= 6 && rpi_is_upper((unsigned char)s->w[ra2]) &&
                  !memchr(s->w + ra2, ' ', rb2 - ra2);
      city_year = code || (rb2 > ra2 && rpi_lex_is_country(s->w + ra2, rb2 - ra2));
    }
  }
  /* physics: "(Cambridge University Press, Cambridge, 1995)", a
   * publisher first, its place, the year */
  const char *c1 = ce > ia ? memchr(s->w + ia, ',', ce - ia) : NULL;
  bool pub_first = dated && c1 && s->w[ce - 1] == ',' && (size_t)(c1 - s->w) < ce - 1 &&
                   !place_colon_at(s, ia, ib) && rpi_imprint_has_publisher_word(s, ia, (size_t)(c1 - s->w)) &&
                   !memchr(s->w + ia, '.', (size_t)(c1 - s->w) - ia);
  if (vol_only && !pub_first)
    return false;
  if (!city_year && !pub_first && (!place_colon_at(s, ia, ib) || !(rpi_imprint_has_publisher_word(s, ia, ib) || dated)))
    return false;
  size_t te = op - 1;
  while (te > ra && (s->w[te - 1] == ' ' || s->w[te - 1] == ','))
    te--;
  if (te <= ra || rpi_scan_count_words(s, ra, te) > 30)
    return false;
  rpi_title_set(s, ra, te);
  if (city_year)
    rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, ia, s->w[ce - 2] == '.' ? ce - 2 : ce - 1); /* "Conn." */
  else
    rpi_imprint_publisher_place(s, ia, pub_first ? ce - 1 : ib);
  return true;
}

/* The comma segment ending at e (trimmed), its start in *sa: what
 * rpi_imprint_seg makes of it. */
static int seg_before(const st *s, size_t a, size_t e, size_t *sa) {
  size_t c = e;
  while (c > a && s->w[c - 1] != ',')
    c--;
  *sa = c;
  return c > a ? rpi_imprint_seg(s, c, e) : SEG_OTHER;
}

/* "Selected Works, Progress Publishers, Moscow, 1969, pp. 98-137",
 * "Wildlife ecology, Blackwell Scientific, Oxford, England, 1994, p. 12":
 * a book's ", Publisher, City[, Region][, Year]" imprint ending [a, b),
 * before the pages cited. The publisher has a publisher's word, the city
 * is a known one. Returns the comma before the publisher, or UNSET; *ua..*ue
 * is the publisher, *ca..*ce the place. */
static size_t pub_city_tail(const st *s, size_t a, size_t b, size_t *ua, size_t *ue, size_t *ca, size_t *ce) {
  size_t e = b;
  while (e > a && is_edge(s->w[e - 1]))
    e--;
  size_t sa;
  int k = seg_before(s, a, e, &sa);
  if (k == SEG_YEAR) {
    e = sa - 1;
    k = seg_before(s, a, e, &sa);
  }
  size_t pe = e;
  if (k == SEG_REGION) {
    e = sa - 1;
    k = seg_before(s, a, e, &sa);
  }
  if (k != SEG_CITY || sa <= a + 1)
    return UNSET;
  size_t pa = sa;
  e = sa - 1;
  if (seg_before(s, a, e, &sa) != SEG_PUB || sa <= a + 3 || !rpi_imprint_has_publisher_word(s, sa, e))
    return UNSET;
  *ua = sa, *ue = e, *ca = pa, *ce = pe;
  trim(s->w, ua, ue);
  trim(s->w, ca, ce);
  return sa - 1;
}

/* Whether a word of [a, b) is a journal's word (lib/data). */
static bool journal_word_in(const st *s, size_t a, size_t b) {
  for (size_t q = a; q < b;) {
    size_t e = q;
    while (e < b && s->w[e] != ' ' && s->w[e] != ',' && s->w[e] != '.')
      e++;
    if (e > q && rpi_lex_is_journal_word(s->w + q, e - q))
      return true;
    q = e + 1;
  }
  return false;
}

/* "Humain/déshumain, PUF, 2007, pp. 11-125", "..., EDB, 2013, p. 45": a
 * publisher's initials alone in the comma segment [c, e), three to six
 * capitals (or '&'), no country and no journal of the lists ("JAMA",
 * "BMJ"). */
static bool publisher_initials(const st *s, size_t a, size_t c, size_t e) {
  size_t u = skip_sp(s, c);
  if (e < u + 3 || e > u + 6 || c <= a + 1 || s->w[c - 1] != ',')
    return false;
  for (size_t q = u; q < e; q++)
    if (!(s->w[q] >= 'A' && s->w[q] <= 'Z') && s->w[q] != '&')
      return false;
  const char *other;
  return !rpi_lex_is_country(s->w + u, e - u) && rpi_lex_journal(s->w + u, e - u, &other) == RPI_JOURNAL_NONE;
}

/* "A History of Rome, Oxford University Press, 2007, pp. 11-25": a
 * book's ", Publisher, Year" ending [a, b), with no place, before the
 * pages cited. The publisher is one of the lists or has a publisher's
 * word, and no journal's word. Returns the comma before it, or UNSET;
 * *ua..*ue is the publisher. */
static size_t pub_year_tail(const st *s, size_t a, size_t b, size_t *ua, size_t *ue) {
  size_t e = b;
  while (e > a && is_edge(s->w[e - 1]))
    e--;
  size_t sa, y = b;
  while (y < s->n && (s->w[y] == ' ' || s->w[y] == ','))
    y++;
  /* the year closes the region, or the locator took it */
  if (seg_before(s, a, e, &sa) == SEG_YEAR)
    e = sa - 1;
  else if (!(y + 4 <= s->n && y > b && rpi_scan_all_digits(s, y, y + 4) && rpi_lex_is_year(s->w + y)))
    return UNSET;
  int k = seg_before(s, a, e, &sa);
  if (!(k == SEG_PUB && rpi_imprint_has_publisher_word(s, sa, e)) && !publisher_initials(s, a, sa, e))
    return UNSET;
  if (sa <= a + 3 || rpi_scan_count_words(s, sa, e) > 6)
    return UNSET;
  if (journal_word_in(s, sa, e))
    return UNSET;
  /* not a place before it ("... politiques. Paris, La Découverte, 2007"):
   * that imprint is read whole further on */
  size_t pe = sa - 1, p0 = pe;
  while (p0 > a && s->w[p0 - 1] != ',' && s->w[p0 - 1] != '.' && s->w[p0 - 1] != ';')
    p0--;
  trim(s->w, &p0, &pe);
  if (pe > p0 && rpi_lex_is_city(s->w + p0, pe - p0))
    return UNSET;
  *ua = sa, *ue = e;
  trim(s->w, ua, ue);
  return sa - 1;
}

/* Wikipedia's cite book, "Europe: A History. Oxford University Press. pp.
 * 345-346. ISBN ...": a book's publisher alone as the last sentence
 * before the labelled pages cited, no place (a colon or a comma in it is
 * another stage's imprint); a publisher of the lists or
 * one with a publisher's word, and the book known by its ISBN or the
 * pages labelled "p."/"pp." (a journal's pages are not). Sets the title
 * and the publisher and returns true when it is there. */
static bool publisher_before_pages(st *s, size_t ra, size_t rb, const loc *L) {
  if (L->p[0] == UNSET || L->v[0] != UNSET || rb >= s->n)
    return false;
  size_t k = L->p[0];
  while (k > ra && s->w[k - 1] == ' ')
    k--;
  bool labelled = k >= 2 && s->w[k - 1] == '.' && s->w[k - 2] == 'p' && (k < 3 || !ascii_alpha(s->w[k - 3]) || s->w[k - 3] == 'p');
  if (!labelled && !s->r->field[RP_FIELD_ISBN])
    return false;
  size_t d = rb;
  while (d > ra + 3 && !(s->w[d - 1] == '.' && s->w[d] == ' ' && rpi_scan_real_stop_at(s, ra, rb, d - 1)))
    d--;
  size_t u = d < rb ? skip_sp(s, d) : rb;
  if (d <= ra + 3 || u >= rb || rpi_scan_count_words(s, u, rb) > 6 || memchr(s->w + u, ':', rb - u) ||
      memchr(s->w + u, ',', rb - u) || !(rpi_lex_is_publisher(s->w + u, rb - u) || rpi_imprint_has_publisher_word(s, u, rb)))
    return false;
  rpi_title_set(s, ra, d - 1);
  rpi_fields_set(s, RP_FIELD_PUBLISHER, u, rb);
  return true;
}

bool rpi_stage_book_with_locator(st *s, size_t a, const loc *L) {
  /* "Contributo alla storia, Roma, Edizioni di Storia e Letteratura, 1955,
   * vol. II, pp. 101-130", "Les structures, Rome, École française de Rome,
   * 1973, t. 2, p. 745": a labelled volume of a book, after its ", City,
   * Publisher, Year" imprint */
  bool book_vol = L->v[0] != UNSET && L->i[0] == UNSET && (L->fam == LOC_LABELLED || L->fam == LOC_LABEL_ONE);
  /* ("Titel, NJW 2010, 2061": a journal's name, its year and page) */
  if (L->i[0] != UNSET || (L->v[0] != UNSET && L->p[0] != UNSET && !book_vol) || s->law_year)
    return false;
  size_t ra = a, rb = L->a;
  while (rb > ra && (s->w[rb - 1] == ' ' || s->w[rb - 1] == ',' || s->w[rb - 1] == '.'))
    rb--;
  /* APA's "Title (Vol. 1). Place: Publisher": the volume in brackets */
  bool bracket = rb > ra && s->w[rb - 1] == '(' && L->v[0] != UNSET && L->p[0] == UNSET;
  if (bracket)
    while (rb > ra && (s->w[rb - 1] == '(' || s->w[rb - 1] == ' '))
      rb--;
  size_t qa, qb, qe;
  if (rb <= ra || rpi_scan_find_in_at(s, ra) || rpi_scan_quoted(s, ra, rb, &qa, &qb, &qe))
    return false;
  if (paren_imprint_before_pages(s, ra, rb, L))
    return true;
  /* "Tra due crisi, Torino, Einaudi, 1971, pp. 45-78": a book's ", City,
   * Publisher[, Year]" imprint, then the pages cited */
  if ((L->v[0] == UNSET && L->p[0] != UNSET) || book_vol) {
    size_t ca, ce, ua, ue;
    size_t cpt = rpi_imprint_city_pub_tail(s, ra, rb, &ca, &ce, &ua, &ue);
    /* (with a volume, no sentence in the publisher: "Quebec, Canada.
     * Meteoritics, v. 26, pp. 31-39" names a journal) */
    if (cpt != UNSET && book_vol && rpi_scan_first_stop(s, ua, ue) < ue)
      cpt = UNSET;
    if (cpt != UNSET && cpt > ra + 3 && rpi_scan_count_words(s, ra, cpt) <= 25) {
      rpi_title_set(s, ra, cpt);
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, ca, ce);
      rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ue);
      return true;
    }
    if (book_vol && L->p[0] != UNSET)
      return false;
    /* the other order: ", Progress Publishers, Moscow, 1969, pp. 98-137" */
    size_t pct = pub_city_tail(s, ra, rb, &ua, &ue, &ca, &ce);
    if (pct != UNSET && rpi_scan_count_words(s, ra, pct) <= 25) {
      rpi_title_set(s, ra, pct);
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, ca, ce);
      rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ue);
      return true;
    }
    if (publisher_before_pages(s, ra, rb, L))
      return true;
    /* or the publisher alone: ", Oxford University Press, 2007, pp.
     * 11-25", ", Gallimard, 2007, p. 11-25" */
    size_t pt = pub_year_tail(s, ra, rb, &ua, &ue);
    if (pt != UNSET && rpi_scan_count_words(s, ra, pt) <= 25) {
      rpi_title_set(s, ra, pt);
      rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ue);
      return true;
    }
  }
  /* "..., Lecture Notes in Computer Science, Vol. 323": a series or a
   * journal named in the region (not before a volume alone and an
   * imprint: APA's "The History of Science (Vol. 3). University of
   * Chicago Press", Citing Medicine's "... Vol. 3. [place unknown]: ...") */
  bool vol_imprint = bracket;
  if (!vol_imprint && L->v[0] != UNSET && L->p[0] == UNSET) {
    size_t z = L->b;
    while (z < s->n && (s->w[z] == ' ' || s->w[z] == '.'))
      z++;
    size_t ze = rpi_scan_first_stop(s, z, s->n);
    vol_imprint = z < s->n && (unknown_imprint(s, z, ze < s->n ? ze : s->n) ||
                               (rpi_scan_place_colon_at(s, z, s->n) && rpi_imprint_has_publisher_word(s, z, s->n)) ||
                               rpi_imprint_starts_at(s, z, s->n));
  }
  if (!vol_imprint && journal_word_in(s, ra, rb))
    return false;
  size_t fs = rpi_scan_first_stop(s, ra, rb);
  if (fs >= rb)
    for (size_t q = rb; q-- > ra + 3;) {
      /* a stop the scan read as an abbreviation's ("English Working
       * Class. London: [publisher unknown]"), before a known city's or
       * Citing Medicine's imprint */
      if (s->w[q] != '.' || q + 1 >= rb || s->w[q + 1] != ' ')
        continue;
      size_t k = skip_sp(s, q + 1);
      if (unknown_imprint(s, k, rb) || (L->v[0] == UNSET && L->p[0] != UNSET && known_city_colon(s, k, rb)))
        fs = q;
      break;
    }
  if (fs < rb) {
    /* the imprint inside the region: "A Void. London: The Harvill Press, 1995" */
    size_t k = skip_sp(s, fs + 1);
    /* a year closing the region, or right after it as the locator
     * ("Bellingham: SPIE; 2004. p. 82-96": the Vancouver book's pages
     * after its date) */
    bool dated = (rb >= k + 4 && rpi_scan_all_digits(s, rb - 4, rb)) ||
                 (s->w[rb - 1] == ';' && L->v[0] == UNSET && L->p[0] != UNSET && L->a + 4 <= s->n &&
                  rpi_scan_all_digits(s, L->a, L->a + 4) && rpi_lex_is_year(s->w + L->a));
    /* or a known city and a short name before the pages cited:
     * "Amsterdam: Boom, pp. 12-34", "Frankfurt a. M.: Suhrkamp, S. 30";
     * or a known city opening the place: "The Other America. New York,
     * NY: Touchstone, p. 177-79" */
    bool city = (L->v[0] == UNSET && L->p[0] != UNSET && known_city_colon(s, k, rb)) || unknown_imprint(s, k, rb);
    size_t cw = k;
    while (cw < rb && s->w[cw] != ',' && s->w[cw] != ':')
      cw++;
    bool city_opens = cw < rb && rpi_lex_is_city(s->w + k, cw - k) && L->v[0] == UNSET;
    /* or the city, its comma and a short publisher's name, the year
     * after it or not, before the pages cited: "Les villes du Nord.
     * Paris, Gallimard, 1990, 244 p.", "The City. London, Routledge,
     * pp. 12-30" */
    if (city_opens && s->w[cw] == ',' && L->p[0] != UNSET && !city) {
      size_t sa, e = rb;
      int kind = seg_before(s, cw, e, &sa);
      if (kind == SEG_YEAR && sa > cw + 1) {
        e = sa - 1;
        kind = seg_before(s, cw, e, &sa);
      }
      size_t ua = sa, ue = e;
      trim(s->w, &ua, &ue);
      bool plain = ue > ua && rpi_is_upper((unsigned char)s->w[ua]) && rpi_scan_count_words(s, ua, ue) <= 4;
      for (size_t q = ua; q < ue && plain; q++)
        plain = !ascii_digit(s->w[q]) && s->w[q] != ':' && s->w[q] != '(';
      city = sa == cw + 1 && plain && (kind == SEG_PUB || kind == SEG_OTHER || kind == SEG_PLACE);
    }
    /* or the publisher, then known places, before the pages: Indian
     * agronomy's "Soil Chemical Analysis. Prentice Hall of India Pvt.
     * Ltd., New Delhi, pp. 498.", "... ICAR, New Delhi, p. 359." */
    if (!city && L->v[0] == UNSET && L->p[0] != UNSET) {
      size_t cl = rpi_imprint_city_list_tail(s, k, rb);
      bool plain = cl != UNSET && cl > k + 1 && rpi_is_upper((unsigned char)s->w[k]) && rpi_scan_count_words(s, k, cl) <= 8;
      for (size_t q = k; plain && q < cl; q++)
        plain = !ascii_digit(s->w[q]) && s->w[q] != ':' && s->w[q] != '(' &&
                /* a stop only after an abbreviation of four letters or fewer ("Pvt. Ltd.") */
                !(s->w[q] == '.' && q - rpi_scan_word_before(s, q, k) > 4);
      /* a publisher's word or the lists' name, or an acronym ("ICAR") */
      bool caps = plain && cl - k >= 2 && cl - k <= 8;
      for (size_t q = k; caps && q < cl; q++)
        caps = s->w[q] >= 'A' && s->w[q] <= 'Z';
      city = plain && (caps || rpi_imprint_has_publisher_word(s, k, cl) || rpi_lex_is_publisher(s->w + k, cl - k));
    }
    bool inside = !(!(city || place_colon_at(s, k, rb)) || (!city && rpi_scan_first_stop(s, k, rb) < rb) ||
                    rpi_scan_count_words(s, ra, fs) > 20 ||
                    !(city || city_opens || rpi_imprint_has_publisher_word(s, k, rb) || dated));
    if (inside) {
      rpi_title_set(s, ra, fs);
      rpi_imprint_publisher_place(s, k, rb);
      return true;
    }
    /* no imprint inside, a volume alone and an imprint after it, or the
     * volume's own title after a colon (read below): the whole region is
     * the title, subtitle and all ("Über den Prozeß der Zivilisation.
     * Soziogenetische Untersuchungen. Bd. 1. Berlin: Akademie Verlag",
     * "Soziologie. Spezielle Grundlagen. Band 1: Situationslogik und
     * Handeln. Frankfurt/M.: Campus") */
    if (!vol_imprint && !(L->v[0] != UNSET && L->p[0] == UNSET && skip_sp(s, L->b) < s->n && s->w[skip_sp(s, L->b)] == ':'))
      return false;
  }
  /* the imprint after the locator: a publisher word or "Place: Publisher" */
  size_t k = L->b;
  if (bracket) {
    k = skip_sp(s, k);
    if (k >= s->n || s->w[k] != ')')
      return false;
    k++;
  }
  while (k < s->n && (s->w[k] == ' ' || s->w[k] == ',' || s->w[k] == '.'))
    k++;
  /* Chicago's "The Ugaritic Baal Cycle, vol. 1 (Leiden: Brill, 1994)": a
   * labelled volume, then the imprint in brackets */
  if (k < s->n && s->w[k] == '(' && book_vol && L->p[0] == UNSET && rpi_imprint_starts_at(s, k + 1, s->n))
    k++;
  /* (Chicago puts a comma there: "The Civilizing Process. Vol. 1, The
   * History of Manners. Translated by ... New York: Urizen Books") */
  size_t vc = skip_sp(s, L->b), vs = L->a;
  while (vs > ra && s->w[vs - 1] == ' ')
    vs--;
  bool vt_comma = !bracket && vc < s->n && s->w[vc] == ',' && k < s->n && rpi_is_upper((unsigned char)s->w[k]) &&
                  book_vol && vs > ra && s->w[vs - 1] == '.' && !rpi_imprint_starts_at(s, k, s->n);
  if (k < s->n && (s->w[k] == ':' || vt_comma) && L->v[0] != UNSET && L->p[0] == UNSET) {
    /* "Vol 2: Continuous Systems. 2nd ed. New York (NY): Wiley": the
     * volume's title, then (an edition blanked or not) the imprint */
    size_t q = vt_comma ? k : skip_sp(s, k + 1), vta = q, vtb = UNSET;
    for (int step = 0; step < 6 && q < s->n; step++) {
      /* to the next sentence, or the next comma ("vol. 2: Il
       * Rinascimento, 3a ed., Torino, Einaudi, 2005") */
      size_t e = rpi_scan_first_stop(s, q, s->n);
      const char *c = memchr(s->w + q, ',', e - q);
      if (c)
        e = (size_t)(c - s->w);
      if (e >= s->n)
        break;
      if (vtb == UNSET)
        vtb = e; /* the volume's title: its first sentence */
      q = e + 1;
      while (q < s->n && (s->w[q] == ' ' || s->w[q] == ','))
        q++;
      size_t ce = q;
      while (ce < s->n && s->w[ce] != ',')
        ce++;
      if (rpi_imprint_starts_at(s, q, s->n) || (c && rpi_lex_is_city(s->w + q, ce - q))) {
        if (rpi_scan_count_words(s, ra, rb) > 15)
          return false;
        rpi_title_set(s, ra, rb);
        if (vtb > vta && rpi_is_upper((unsigned char)s->w[vta])) {
          rpi_fields_set(s, RP_FIELD_VOLUME_TITLE, vta, vtb);
          blank(s, vta, vtb);
        }
        rpi_imprint_publisher_place(s, q, s->n);
        return true;
      }
    }
  }
  /* "Lehrbuch des Schuldrechts, Bd. I, 14. Aufl., München 1987": a
   * labelled volume, then the place and the year (the edition read) */
  if (book_vol && k > 0 && k < s->n && L->p[0] == UNSET && rpi_scan_count_words(s, ra, rb) <= 15 &&
      rpi_imprint_place_year_tail(s, k - 1, s->n)) {
    size_t e = k;
    while (e < s->n && !ascii_digit(s->w[e]) && s->w[e] != ':' && s->w[e] != ',')
      e++;
    if (e < s->n && ascii_digit(s->w[e])) { /* a place alone, no publisher */
      trim(s->w, &k, &e);
      rpi_title_set(s, ra, rb);
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, k, e);
      return true;
    }
  }
  if (k >= s->n || rpi_scan_count_words(s, ra, rb) > 15 ||
      !(unknown_imprint(s, k, s->n) ||
        (rpi_is_upper((unsigned char)s->w[k]) &&
         (rpi_imprint_has_publisher_word(s, k, s->n) || rpi_scan_place_colon_at(s, k, s->n) ||
          rpi_imprint_starts_at(s, k, s->n)))))
    return false;
  rpi_title_set(s, ra, rb);
  rpi_imprint_publisher_place(s, k, s->n);
  return true;
}

/* The title in quotes at [qa, qb), the rest after it: a container, or
 * editors and a book ("“Title.” M. Smith (eds.). Book."), which make it a
 * chapter (*chapter). Returns where the imprint may start. */
static size_t book_quoted(st *s, size_t qa, size_t qb, size_t after, bool *chapter) {
  rp_result *r = s->r;
  size_t rest;
  rpi_title_set(s, qa, qb);
  rest = after;
  /* “Article,” New Yorker, 5 February 2007 / “Title,” PAMI, 2004 */
  size_t ca = skip_sp(s, rest);
  while (ca < s->n && (s->w[ca] == ',' || s->w[ca] == '.'))
    ca = skip_sp(s, ca + 1);
  {
    /* "“Title.” Matthew J. Smith and Randy Duncan (eds.). Book." */
    rpi_namelist *el = malloc(sizeof *el);
    if (el && rpi_names_parse_any(s->w, ca, s->n, el)) {
      size_t mk = rpi_scan_editor_mark(s, el->end);
      if (mk) {
        if (!r->n_names[RP_ROLE_EDITOR])
          rpi_fields_names(s, el, RP_ROLE_EDITOR);
        ca = mk;
        while (ca < s->n && (s->w[ca] == ',' || s->w[ca] == '.' || s->w[ca] == ' '))
          ca++;
        *chapter = true;
        size_t cs = rpi_scan_first_stop(s, ca, s->n);
        if (cs > ca + 3) {
          rpi_container_set(s, ca, cs, UNSET);
          rest = cs;
        }
      }
    }
    free(el);
  }
  size_t ce = ca;
  /* "“Title,” IEEE Conference on Software Maintenance-1992, Orlando,
   * Florida, November, 1992.", "“Title,” International Workshop on ...,
   * October 2003.": an event's name after the quoted title */
  bool procv = ca < s->n && (rpi_imprint_proc_at(s, ca) || at_lit(s, ca, "Conf. ", 6) ||
                             (rpi_is_upper((unsigned char)s->w[ca]) && rpi_imprint_event_at(s, ca, s->n)));
  if (procv) {
    ce = rpi_imprint_proc_end(s, ca, s->n);
  } else {
    while (ce < s->n && s->w[ce] != ',' && s->w[ce] != '(' && !(s->w[ce] == '.' && real_stop(s, ca, s->n, ce)) &&
           !(s->w[ce] == '.' && ce + 1 >= s->n))
      ce++;
  }
  unsigned f0 = 0;
  if (ca < s->n)
    rpi_utf8_decode((const unsigned char *)s->w + ca, s->n - ca, &f0);
  bool colon = false;
  for (size_t q = ca; q < ce; q++)
    colon |= s->w[q] == ':';
  if (procv && ce > ca) {
    rpi_container_set(s, ca, ce, UNSET);
    rest = ce;
  } else if (ce > ca && rpi_is_upper(f0) && !colon && rpi_scan_count_words(s, ca, ce) <= 8 &&
      !rpi_imprint_has_publisher_word(s, ca, ce) && !rpi_scan_find_in_at(s, ca)) {
    size_t k = skip_sp(s, ce + 1);
    bool dated = k < s->n && (ascii_digit(s->w[k]) || (k + 3 <= s->n && rpi_lex_month(s->w + k, 3)) || ce >= s->n ||
                             rpi_lex_month(s->w + k, (size_t)(strchr(s->w + k, ' ') ? strchr(s->w + k, ' ') - (s->w + k) : 0)));
    if (dated || ce >= s->n || s->w[ce] == '.') {
      rpi_container_set(s, ca, ce, UNSET);
      rest = ce;
    }
  }
  return rest;
}

/* "... to Global Jihad London: I.B.Tauris, 2007": a known city and its
 * colon right after the title's last word, with no stop: the title ends
 * before it. Returns the title's end, te when no such city. */
static size_t city_colon_end(st *s, size_t pos, size_t te) {
  size_t pc0 = publisher_cut(s, pos, te);
  for (size_t q = pos + 8; q + 4 < te && (pc0 == UNSET || q < pc0); q++) {
    if (s->w[q - 1] != ' ' || !rpi_is_upper((unsigned char)s->w[q]))
      continue;
    /* after a word, or after a one-letter word's stop that the stop scan
     * read as an initial ("Statistics with R. New York: Springer"), an
     * edition read between them blanked */
    size_t p = q - 1;
    while (p > pos + 3 && s->w[p - 1] == ' ')
      p--;
    if (!(ascii_alpha(s->w[p - 1]) ||
          (s->w[p - 1] == '.' && rpi_is_upper((unsigned char)s->w[p - 2]) && s->w[p - 3] == ' ')))
      continue;
    /* "Democracy in Rio de Janeiro: Trafficking": the city belongs to
     * the title after a preposition */
    size_t pw = rpi_scan_word_before(s, q - 1, pos);
    if (s->w[pw] >= 'a' && s->w[pw] <= 'z' && q - 1 - pw <= 6)
      continue;
    const char *colon = memchr(s->w + q, ':', te - q < 24 ? te - q : 24);
    if (!colon)
      continue;
    size_t ce = (size_t)(colon - s->w);
    while (ce > q && s->w[ce - 1] == ' ')
      ce--;
    if (rpi_lex_is_city(s->w + q, ce - q) && rpi_scan_count_words(s, pos, q) >= 3) {
      te = q - 1;
      break;
    }
  }
  return te;
}

/* "R. Sacks, The Traditional Phrase in Homer. Two Studies in Form,
 * Meaning and Interpretation, Leiden 1987.": a book whose imprint is
 * ", Place Year" keeps every sentence before it in its title. Returns
 * the comma before the place, or UNSET. */
static size_t place_year_comma(st *s, size_t pos) {
  size_t pyc = UNSET;
  for (size_t q = s->n, seen = 0; q-- > pos + 3 && seen < 2;)
    if (s->w[q] == ',') {
      seen++;
      if (seen == 2) {
        /* ", Cambridge, 1972", ", Berlin und Leipzig, 1921": a known
         * city (or two joined), then only the year */
        size_t ca = skip_sp(s, q + 1), cb = ca;
        while (cb < s->n && s->w[cb] != ',')
          cb++;
        if (!rpi_imprint_cities(s, ca, cb))
          break;
      }
      if (rpi_imprint_place_year_tail(s, q, s->n)) {
        pyc = q;
        break;
      }
    }
  return pyc;
}

/* ", Roma, Carocci" after a title of three or more words in one sentence
 * with a lower-case word: the place and publisher are set and *te moved
 * to the comma. Returns that comma, or UNSET. */
static size_t city_pub_title_end(st *s, size_t pos, size_t *te) {
  size_t cpt_c0 = 0, cpt_c1 = 0, cpt_u0 = 0, cpt_u1 = 0;
  size_t cpt = rpi_imprint_city_pub_tail(s, pos, s->n, &cpt_c0, &cpt_c1, &cpt_u0, &cpt_u1);
  /* "La société de cour, trad. P. Kamnitzer, Paris, Flammarion, 1985": a
   * translator's note (lib/data/translator_notes.txt) between title and
   * imprint; the title stage cuts it off and reads its names */
  bool note = false;
  for (size_t q = pos + 3; cpt != UNSET && q < cpt && !note; q++)
    note = (s->w[q] == ',' || s->w[q] == '.') && rpi_lex_at(RPI_LEX_TRANSLATOR_NOTES, s->w + q, cpt - q);
  if (cpt != UNSET && cpt > pos + 3) {
    size_t ls = cpt;
    while (ls > pos && !real_stop(s, pos, cpt, ls))
      ls--;
    bool ok = ls <= pos || note;
    if (!ok) {
      bool lower = false;
      for (size_t q = ls + 1; q + 1 < cpt; q++)
        lower |= s->w[q] == ' ' && s->w[q + 1] >= 'a' && s->w[q + 1] <= 'z';
      ok = lower && rpi_scan_count_words(s, ls + 1, cpt) >= 3 && !rpi_imprint_has_publisher_word(s, ls, cpt) &&
           !rpi_scan_find_in_at(s, skip_sp(s, ls + 1));
    }
    if (ok) {
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, cpt_c0, cpt_c1);
      rpi_fields_set(s, RP_FIELD_PUBLISHER, cpt_u0, cpt_u1);
      *te = cpt;
    } else {
      cpt = UNSET;
    }
  } else {
    cpt = UNSET;
  }
  return cpt;
}

/* Whether the ", Place Year" imprint at pyc ends a plain title (no colon,
 * bracket, body or journal word, month, publisher or "In") of three or
 * more words in one sentence with a lower-case word: then *te moves to
 * pyc and pyc is returned, else UNSET. */
static size_t plain_place_year(st *s, size_t pos, size_t pyc, size_t *te) {
  size_t ls = pyc;
  while (ls > pos && !real_stop(s, pos, pyc, ls))
    ls--;
  /* a known city before the year: a book's imprint, whatever periodical's
   * word the subtitle holds ("R. Sacks, The Traditional Phrase in Homer.
   * Two Studies in Form, Meaning and Interpretation, Leiden 1987.") */
  size_t ca = skip_sp(s, pyc + 1), cb = ca;
  while (cb < s->n && !ascii_digit(s->w[cb]) && s->w[cb] != ',' && cb - ca < 40)
    cb++;
  size_t cb0 = cb;
  while (cb0 > ca && s->w[cb0 - 1] == ' ')
    cb0--;
  bool city = cb < s->n && ascii_digit(s->w[cb]) && cb0 > ca && rpi_imprint_cities(s, ca, cb0);
  bool plain = true;
  for (size_t q = *te; q < pyc && plain; q++) {
    if (s->w[q] == ':' || s->w[q] == '(')
      plain = false;
    if (q == *te || s->w[q - 1] == ' ') {
      size_t we = q;
      while (we < pyc && s->w[we] != ' ' && s->w[we] != ',' && s->w[we] != '.')
        we++;
      if (rpi_lex_is_org_word(s->w + q, we - q) || (!city && rpi_lex_is_journal_word(s->w + q, we - q)))
        plain = false;
    }
  }
  size_t pw = skip_sp(s, pyc + 1);
  size_t pwe = pw;
  while (pwe < s->n && s->w[pwe] != ' ')
    pwe++;
  if (rpi_lex_month(s->w + pw, pwe - pw))
    plain = false;
  bool lower = false;
  for (size_t q = ls + 1; q + 1 < pyc; q++)
    lower |= s->w[q] == ' ' && s->w[q + 1] >= 'a' && s->w[q + 1] <= 'z';
  if (plain && lower && rpi_scan_count_words(s, ls + 1, pyc) >= 3 && ls > pos && !rpi_imprint_has_publisher_word(s, ls, pyc) && !rpi_scan_find_in_at(s, skip_sp(s, ls + 1)) &&
      !rpi_imprint_proc_at(s, skip_sp(s, ls + 1)))
    *te = pyc;
  else
    pyc = UNSET;
  return pyc;
}

/* "Bretons et Normands au Moyen Âge, PUR, Rennes, 2008": a publisher's
 * initials (two to five capitals, not a country) in the comma segment
 * ending at b, before the ", City Year" imprint. Returns the comma before
 * them, or UNSET. */
static size_t initials_before(const st *s, size_t a, size_t b) {
  size_t e = b;
  while (e > a && s->w[e - 1] == ' ')
    e--;
  size_t c = e;
  while (c > a && s->w[c - 1] >= 'A' && s->w[c - 1] <= 'Z')
    c--;
  if (e - c < 2 || e - c > 5 || c < a + 4 || s->w[c - 1] != ' ' || s->w[c - 2] != ',' ||
      rpi_lex_is_country(s->w + c, e - c))
    return UNSET;
  return c - 2;
}

/* MHRA's and Turabian's "The Paston Letters, ed. by Norman Davis
 * (Oxford: ...)", "The Book of Margery Kempe, ed. Barry Windeatt (Harlow:
 * ...)": editors after the book's title in [a, b) (its imprint's bracket
 * at b), after a cue of lib/data/editor_cues.txt, are the book's editors
 * when none were read; the cue and the names are blanked. */
static void editors_after_title(st *s, size_t a, size_t b) {
  if (s->r->n_names[RP_ROLE_EDITOR])
    return;
  for (const char *c = memchr(s->w + a, ',', b - a); c; c = memchr(c + 1, ',', b - (size_t)(c + 1 - s->w))) {
    size_t q = (size_t)(c - s->w), l = rpi_lex_at(RPI_LEX_EDITOR_CUES, s->w + q, s->n - q);
    if (!l || q < a + 4 || q + l >= b)
      continue;
    rpi_namelist *el = malloc(sizeof *el);
    if (!el)
      return;
    memset(el, 0, sizeof *el);
    if (rpi_names_parse_any(s->w, q + l, rpi_container_editors_end(s, q + l, b), el) && el->n) {
      rpi_fields_names(s, el, RP_ROLE_EDITOR);
      blank(s, q, el->end);
      /* "Pride and Prejudice, ed. by Pat Rogers, The Cambridge Edition of
       * the Works of Jane Austen (Cambridge: ...)": a series after the
       * editors, before the imprint */
      size_t k = el->end;
      while (k < b && (s->w[k] == ',' || s->w[k] == ' '))
        k++;
      size_t e = b;
      trim(s->w, &k, &e);
      bool plain = k < e && k > el->end && s->w[el->end] == ',' && rpi_is_upper((unsigned char)s->w[k]) &&
                   rpi_scan_count_words(s, k, e) >= 2 && !s->r->field[RP_FIELD_COLLECTION_TITLE];
      for (size_t z = k; z < e && plain; z++)
        plain = !ascii_digit(s->w[z]) && s->w[z] != ',' && s->w[z] != '(' && s->w[z] != '.';
      if (plain) {
        rpi_fields_set(s, RP_FIELD_COLLECTION_TITLE, k, e);
        blank(s, el->end, e);
      }
    }
    free(el);
    return;
  }
}

/* Set the title [pos, te) of a book with no locator, and the publisher
 * and place of a ", Place Year" (pyc) or ", City, Publisher" (cpt)
 * imprint. Returns where the rest of the imprint starts. */
static size_t book_title(st *s, size_t pos, size_t te, size_t pyc, size_t cpt) {
  size_t rest, jc0, je0;
  /* "Title (Publisher, City, 1993)" and "Title, MIT Press, 1986" */
  size_t pe = pyc != UNSET ? UNSET : publisher_cut(s, pos, te);
  if (pyc != UNSET && pyc == cpt) {
    rpi_title_set(s, pos, pyc);
    rest = s->n;
  } else if (pyc != UNSET) {
    /* "Title, 12th International Symposium on ..., Toulouse, 2000": a
     * conference's name before the place */
    size_t tq = event_split(s, pos, pyc);
    /* "Title, Librairie illustrée, Paris, 1892": the publisher before */
    size_t ci = tq < pyc ? UNSET : rpi_imprint_comma_cut(s, pos, pyc);
    if (ci == UNSET && tq == pyc)
      ci = initials_before(s, pos, pyc);
    if (ci != UNSET && ci > pos + 3) {
      size_t ua = skip_sp(s, ci + 1), ub = pyc;
      trim(s->w, &ua, &ub);
      rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ub);
      pyc = ci;
    }
    rpi_title_set(s, pos, tq < pyc ? tq : pyc);
    size_t pa = skip_sp(s, pyc + 1), pb = pa;
    while (pb < s->n && !ascii_digit(s->w[pb]))
      pb++;
    trim(s->w, &pa, &pb);
    /* ", PUR, Rennes, 2008": the publisher's initials before the city */
    const char *pc = memchr(s->w + pa, ',', pb - pa);
    if (pc) {
      size_t c = (size_t)(pc - s->w), ca = skip_sp(s, c + 1);
      bool caps = c - pa >= 2 && c - pa <= 5 && !rpi_lex_is_country(s->w + pa, c - pa);
      for (size_t q = pa; q < c && caps; q++)
        caps = s->w[q] >= 'A' && s->w[q] <= 'Z';
      if (caps && rpi_lex_is_city(s->w + ca, pb - ca)) {
        if (!s->r->field[RP_FIELD_PUBLISHER])
          rpi_fields_set(s, RP_FIELD_PUBLISHER, pa, c);
        pa = ca;
      }
    }
    if (pb > pa)
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
    rest = s->n;
  } else if (pe != UNSET && month_or_season_after(s, pe) && (jc0 = journal_comma(s, pos, te, &je0)) != UNSET &&
             jc0 < pe) {
    /* "The Politics of Memory, Journal of Modern History, January 1990":
     * the cut before the month is no imprint; the journal comes
     * before it */
    rpi_title_set(s, pos, jc0);
    rpi_container_set(s, skip_sp(s, jc0 + 1), je0, UNSET);
    rest = s->n;
  } else if (pe != UNSET) {
    editors_after_title(s, pos, pe);
    rpi_title_set(s, pos, event_split(s, pos, pe));
    rest = pe;
  } else {
    size_t je = UNSET;
    size_t jc = journal_comma(s, pos, te, &je);
    size_t pd = jc == UNSET ? place_date_tail(s, pos, te) : UNSET;
    if (pd != UNSET) {
      /* "Meeting #107, Prague, Czech Republic, 26th -30th August 2019" */
      rpi_title_set(s, pos, pd);
      rest = s->n;
    } else if (jc != UNSET) {
      /* "Graph coloring heuristics, Journal of Algorithms, 2004." */
      rpi_title_set(s, pos, jc);
      rpi_container_set(s, skip_sp(s, jc + 1), je, UNSET);
      rest = je;
      /* ", Spring 1990": the date, no imprint */
      if (je < te && s->w[je] == ',' && month_or_season_after(s, je))
        rest = s->n;
      /* a conference's place after its name ("..., Milos, June 30-July
       * 3"): the place, and the date is no imprint */
      if (rpi_imprint_event_at(s, skip_sp(s, jc + 1), te)) {
        size_t pa = je;
        while (pa < te && (s->w[pa] == ',' || s->w[pa] == ' ' || s->w[pa] == '.'))
          pa++;
        size_t pb = pa;
        while (pb < te && s->w[pb] != ',')
          pb++;
        size_t ta = pa, tb = pb;
        trim(s->w, &ta, &tb);
        if (tb > ta && rpi_imprint_place_words(s, ta, tb) && !rpi_lex_month(s->w + ta, tb - ta))
          rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, ta, tb);
        rest = s->n;
      }
    } else {
      /* "L'organisation du travail paysan, ed. Daniel Roche, 1990.": the
       * editors after the title with no imprint after them, when only
       * names follow the cue (no lower-case word of four letters or more:
       * not ", edited by T. Smith and published by Monmouth College") */
      const char *cue = memchr(s->w + pos, ',', te - pos);
      size_t cl = 0;
      while (cue && !(cl = rpi_lex_at(RPI_LEX_EDITOR_CUES, cue, s->n - (size_t)(cue - s->w))))
        cue = memchr(cue + 1, ',', te - (size_t)(cue + 1 - s->w));
      bool names = cue != NULL;
      for (size_t q = cue ? (size_t)(cue - s->w) + cl : te; q + 4 <= te && names; q++)
        if (s->w[q - 1] == ' ' && s->w[q] >= 'a' && s->w[q] <= 'z' && ascii_alpha(s->w[q + 1]) &&
            ascii_alpha(s->w[q + 2]) && ascii_alpha(s->w[q + 3]))
          names = false;
      if (names)
        editors_after_title(s, pos, te);
      rpi_title_set(s, pos, te);
      rest = te < s->n ? te + 1 : s->n;
    }
  }
  return rest;
}

/* GSA's "Tectonic Geomorphology: Malden, Massachusetts, Blackwell
 * Science, 274 p.": the title, place and publisher. True when it set them. */
static bool colon_city_publisher(st *s, size_t pos) {
  size_t c, pa, pb, ua, ub;
  if (!rpi_imprint_colon_city_pub(s, pos, s->n, &c, &pa, &pb, &ua, &ub))
    return false;
  rpi_title_set(s, pos, c);
  rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
  rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ub);
  blank(s, c, ub);
  return true;
}

/* The title of a book with no quotes, and the imprint ending it. Returns
 * where the rest of the imprint starts. */
/* "The Other America: Poverty in the U.S. New York: Touchstone, 1962.",
 * "Housing policy in the U.K. London: Routledge.": the stop of a dotted
 * initialism closing the title ends its sentence too when the imprint,
 * the last sentence of the reference, follows it. Returns that stop, or
 * te (the first stop found otherwise). */
static size_t initialism_stop(const st *s, size_t pos, size_t te) {
  for (size_t q = pos + 4; q + 2 < te; q++) {
    if (s->w[q] != '.' || s->w[q + 1] != ' ' || !(s->w[q - 1] >= 'A' && s->w[q - 1] <= 'Z') || s->w[q - 2] != '.')
      continue;
    size_t nx = skip_sp(s, q + 1);
    if (!rpi_imprint_starts_at(s, nx, s->n))
      continue;
    /* no sentence after the imprint's ("The U.S. Army: A History. New
     * York: Norton" has one: its colon is the title's) */
    bool last = true;
    for (size_t k = nx; k + 2 < s->n && last; k++)
      last = !(s->w[k] == '.' && s->w[k + 1] == ' ' && s->w[k + 2] >= 'A' && s->w[k + 2] <= 'Z');
    if (last)
      return q;
  }
  return te;
}

/* "Briefe 1880-1911, Frankfurt a. M.: Suhrkamp 2005", "..., Freiburg i.
 * Br.: Herder": the first stop te closes a place's one-letter word ("a.",
 * "i."), not the title: when a comma sets the place off and an imprint
 * starts at it, the title ends at that comma. */
static size_t place_letter_stop(const st *s, size_t pos, size_t te) {
  if (te >= s->n || te < pos + 8 || s->w[te] != '.' || s->w[te - 2] != ' ' || s->w[te - 1] < 'a' ||
      s->w[te - 1] > 'z')
    return te;
  size_t e = te - 2;
  while (e > pos && s->w[e - 1] == ' ')
    e--;
  size_t w = e;
  while (w > pos && s->w[w - 1] != ' ' && s->w[w - 1] != ',')
    w--;
  if (w + 2 > e || w < pos + 5)
    return te;
  size_t c = s->w[w - 1] == ' ' ? w - 2 : w - 1; /* the comma before the place */
  if (s->w[c] != ',')
    return te;
  unsigned cp = 0;
  rpi_utf8_decode((const unsigned char *)s->w + w, e - w, &cp);
  if (!rpi_is_upper(cp) || !rpi_imprint_starts_at(s, w, s->n))
    return te;
  return c;
}

static size_t book_plain(st *s, size_t pos) {
  rp_result *r = s->r;
  if (colon_city_publisher(s, pos))
    return s->n;
  size_t te = initialism_stop(s, pos, rpi_scan_first_stop(s, pos, s->n));
  te = place_letter_stop(s, pos, te);
  te = city_colon_end(s, pos, te);
  size_t pyc = place_year_comma(s, pos);
  size_t cpt = pyc == UNSET ? city_pub_title_end(s, pos, &te) : UNSET;
  if (pyc == UNSET && cpt == UNSET) {
    size_t ci = rpi_imprint_comma_cut(s, pos, te);
    /* "Organisationsberatung, Bern, Stuttgart.": known places alone */
    if (ci == UNSET) {
      ci = rpi_imprint_city_list_tail(s, pos, te);
      /* Australian Harvard's agency acronym before them: "Population
       * projections, Australia, ABS, Canberra." */
      size_t aa = ci, ab = ci;
      while (aa != UNSET && aa > pos && s->w[aa - 1] != ',')
        aa--;
      if (aa != UNSET && aa > pos + 3) {
        trim(s->w, &aa, &ab);
        bool caps = ab >= aa + 2 && ab <= aa + 6 && !rpi_lex_is_country(s->w + aa, ab - aa);
        for (size_t q = aa; q < ab && caps; q++)
          caps = s->w[q] >= 'A' && s->w[q] <= 'Z';
        if (caps)
          ci = aa - 2; /* the comma before it */
        while (caps && ci > pos && s->w[ci] != ',')
          ci--;
      }
    }
    if (ci != UNSET && ci > pos + 3)
      te = ci;
  }
  if (cpt != UNSET) {
    pyc = cpt; /* the title ends there; the imprint is taken */
  } else if (pyc != UNSET && te < pyc) {
    pyc = plain_place_year(s, pos, pyc, &te);
  } else {
    pyc = UNSET;
  }
  /* "The MACSYMA System, Proceedings of Second Symposium on ..." */
  for (size_t q = pos + 3; q + 6 < te; q++)
    if (s->w[q] == ',' && rpi_imprint_proc_at(s, skip_sp(s, q + 1))) {
      te = q;
      break;
    }
  /* "The authentic heart. An eightfold path to midlife love. New York:
   * Wiley.": a book's subtitle sentence right before its imprint */
  if (pyc == UNSET && te < s->n && !r->field[RP_FIELD_CONTAINER_TITLE])
    te = subtitle_end(s, te);
  return book_title(s, pos, te, pyc, cpt);
}

/* "(Doctoral dissertation, Stanford University)", ", thèse de doctorat,
 * Université Lyon 2, 2006", "(Proefschrift). Universiteit Utrecht,
 * Utrecht.": the university after a thesis note in [pos, n) is the
 * publisher, a known city after it the place. True when it set them. */
static bool thesis_imprint(st *s, size_t pos) {
  size_t ge, tn = rpi_scan_thesis_note(s, pos, s->n, &ge);
  if (tn == UNSET)
    return false;
  /* a note set off from the title ("Come si fa una tesi di laurea" is
   * a title; "family [Master's thesis, ..." is set off by its bracket) */
  size_t pb = tn;
  while (pb > pos && s->w[pb - 1] == ' ')
    pb--;
  if (pb < tn && pb > pos && ascii_alpha(s->w[pb - 1]) && s->w[tn] != '[' && s->w[tn] != '(' && s->w[tn] != ',')
    return false;
  size_t k = skip_sp(s, ge);
  /* "(Tesis doctoral)": the rest of a bracketed note */
  for (size_t q = k; q < s->n && q < ge + 30 && s->w[q] != ',' && s->w[q] != '.'; q++)
    if (s->w[q] == ')' || s->w[q] == ']') {
      k = q;
      break;
    }
  if (k < s->n && s->w[k] == ',') {
    /* the university inside the note or the sentence, then a place and
     * a year: ", Dept. Electr. Eng., Chalmers Univ. Technol., Gothenburg,
     * Sweden, 2018" */
    size_t ua = skip_sp(s, k + 1), ue = ua;
    while (ue < s->n && s->w[ue] != ')' && s->w[ue] != ']' && s->w[ue] != ';' &&
           !(real_stop(s, ua, s->n, ue) && !rpi_scan_abbrev_word(s, rpi_scan_word_before(s, ue, ua), ue)) &&
           !(s->w[ue] == '.' && ue + 1 >= s->n))
      ue++;
    size_t e = ue;
    /* the year and brackets closing it go, not a number of the name
     * ("Université Paris 8") */
    for (;;) {
      while (e > ua && (is_edge(s->w[e - 1]) || s->w[e - 1] == '('))
        e--;
      if (!(e >= ua + 5 && rpi_scan_all_digits(s, e - 4, e) && rpi_lex_is_year(s->w + e - 4) && !ascii_digit(s->w[e - 5])))
        break;
      e -= 4;
    }
    /* "Rice University, March 1990", "University of Bergen, 14 May 2008" */
    size_t mw = rpi_scan_word_before(s, e, ua);
    if (mw > ua && mw < e && rpi_lex_month(s->w + mw, e - mw))
      e = rpi_scan_trim_date_tail(s, ua, e);
    size_t cl = rpi_imprint_city_list_tail(s, ua, e);
    size_t ub = cl != UNSET ? cl : e;
    /* "Department of Computer Science, University of Lagos" */
    if (at_lit(s, ua, "Department of ", 14) || at_lit(s, ua, "School of ", 10) || at_lit(s, ua, "Faculty of ", 11)) {
      const char *c = memchr(s->w + ua, ',', ub - ua);
      if (c)
        ua = skip_sp(s, (size_t)(c - s->w) + 1);
    }
    trim(s->w, &ua, &ub);
    if (ub <= ua || ascii_digit(s->w[ua]))
      return false;
    rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ub);
    if (cl != UNSET)
      rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, skip_sp(s, cl + 1), e);
    return true;
  }
  /* "(Proefschrift). Universiteit Utrecht, Utrecht.": after the note */
  while (k < s->n && (s->w[k] == ')' || s->w[k] == ']' || s->w[k] == '.' || s->w[k] == ' '))
    k++;
  size_t e = s->n;
  while (e > k && is_edge(s->w[e - 1]))
    e--;
  if (e <= k || rpi_imprint_starts_at(s, k, e))
    return false;
  size_t cl = rpi_imprint_city_list_tail(s, k, e);
  if (cl == UNSET && !memchr(s->w + k, ':', e - k) && !memchr(s->w + k, ',', e - k) &&
      rpi_scan_count_words(s, k, e) <= 6) {
    /* "Diss. Universität Mannheim.": a university alone, maybe with the
     * year after it ("Habil.-Schr. Freie Universität Berlin 1998") */
    size_t ue = e;
    if (ue >= k + 6 && s->w[ue - 5] == ' ' && rpi_scan_all_digits(s, ue - 4, ue) && rpi_lex_is_year(s->w + ue - 4))
      ue -= 5;
    for (size_t z = k; z + 4 <= ue; z++)
      if ((z == k || s->w[z - 1] == ' ') && (s->w[z] == 'U' || s->w[z] == 'u') && at_lit(s, z + 1, "niv", 3)) {
        if (ue < e && !s->r->field[RP_FIELD_YEAR])
          rpi_fields_year(s, ue + 1, e);
        rpi_fields_set(s, RP_FIELD_PUBLISHER, k, ue);
        return true;
      }
  }
  if (cl == UNSET || cl <= k || memchr(s->w + k, ':', e - k))
    return false;
  rpi_fields_set(s, RP_FIELD_PUBLISHER, k, cl);
  rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, skip_sp(s, cl + 1), e);
  return true;
}

/* After a book's title: a proceedings name with its pages, a journal
 * with a year, and the publisher and place. */
static void book_rest(st *s, size_t pos, size_t rest) {
  rp_result *r = s->r;
  rpi_match m;
  rest = skip_sp(s, rest);
  while (rest < s->n && (s->w[rest] == ',' || s->w[rest] == '.'))
    rest = skip_sp(s, rest + 1);
  if (!r->field[RP_FIELD_CONTAINER_TITLE] && rest < s->n &&
      (rpi_imprint_proc_at(s, rest) || (rpi_is_upper((unsigned char)s->w[rest]) && rpi_imprint_event_at(s, rest, s->n)))) {
    size_t ce = rpi_imprint_proc_end(s, rest, s->n);
    rpi_container_set(s, rest, ce, UNSET);
    rest = ce;
    /* "..., 109-114." pages after the proceedings name */
    size_t k = skip_sp(s, rest < s->n && s->w[rest] == ',' ? rest + 1 : rest);
    size_t e = k;
    while (e < s->n && (ascii_digit(s->w[e]) || s->w[e] == '-'))
      e++;
    if (!r->field[RP_FIELD_PAGE] && e > k + 2 && ascii_digit(s->w[k]) && memchr(s->w + k, '-', e - k) &&
        (e >= s->n || s->w[e] == '.' || s->w[e] == ',' || s->w[e] == ' ')) {
      rpi_fields_pages(s, k, e);
      blank(s, k, e);
      rest = e;
    }
  }
  if (!r->field[RP_FIELD_CONTAINER_TITLE] && !r->field[RP_FIELD_EDITION] && rest < s->n &&
      journal_year_tail(s, rest)) {
    size_t ce = rest;
    while (ce < s->n && s->w[ce] != ',' && !(s->w[ce] == '.' && (ce + 1 >= s->n || s->w[ce + 1] == ' ')))
      ce++;
    rpi_container_set(s, rest, ce, UNSET);
    rest = ce;
  }
  if (!r->field[RP_FIELD_CONTAINER_TITLE] && rest < s->n) {
    /* "Title. Wall Street Journal 4 January.", "Title. Journal of
     * Intelligent Information Systems, 1995. Special Issue on ...": a
     * journal of the lists, or a name with a journal word, after the
     * title of a reference with no locator is the container, whatever
     * note follows it */
    size_t ce = rest;
    while (ce < s->n && s->w[ce] != ',' && !(s->w[ce] == '.' && (ce + 1 >= s->n || s->w[ce + 1] == ' ')))
      ce++;
    size_t je = ce;
    /* "Wall Street Journal 4 January": a date after the name */
    size_t mw = rpi_scan_word_before(s, je, rest);
    if (mw > rest && rpi_lex_month(s->w + mw, je - mw)) {
      je = mw;
      while (je > rest && (s->w[je - 1] == ' ' || ascii_digit(s->w[je - 1])))
        je--;
    }
    /* "Cold Spring Harb. Perspect. Biol. 4.": the stops of a journal's
     * abbreviated words are no sentence ends */
    size_t ae = ce;
    while (ae + 2 < s->n && s->w[ae] == '.' && s->w[ae + 1] == ' ' && s->w[ae + 2] >= 'A' && s->w[ae + 2] <= 'Z' &&
           rpi_scan_abbrev_word(s, rpi_scan_word_before(s, ae, rest), ae)) {
      ae += 2;
      while (ae < s->n && s->w[ae] != ',' && !(s->w[ae] == '.' && (ae + 1 >= s->n || s->w[ae + 1] == ' ')))
        ae++;
    }
    /* "Am J Physiol (June, 2012)": a date in brackets after the name */
    size_t be = UNSET;
    if (ae == ce) {
      const char *ob = memchr(s->w + rest, '(', ce - rest);
      if (ob && ob > s->w + rest + 4 && ob[-1] == ' ') {
        size_t o = (size_t)(ob - s->w) + 1, we = o;
        while (we < s->n && ascii_alpha(s->w[we]))
          we++;
        const char *cb = memchr(s->w + o, ')', s->n - o < 32 ? s->n - o : 32);
        if (cb && (rpi_lex_month(s->w + o, we - o) || rpi_lex_season(s->w + o, we - o))) {
          be = (size_t)(ob - s->w) - 1;
          ae = (size_t)(cb - s->w) + 1;
        }
      }
    }
    if (be != UNSET ? journal_abbrev_here(s, rest, be) : ae != ce && journal_abbrev_here(s, rest, ae - (ae > rest && s->w[ae - 1] == '.'))) {
      size_t ne = be != UNSET ? be : ae;
      while (ne > rest && (s->w[ne - 1] == '.' || s->w[ne - 1] == ' '))
        ne--;
      rpi_container_set(s, rest, ne, UNSET);
      rest = ae;
    } else if (journal_named_here(s, rest, je) || journal_abbrev_here(s, rest, je)) {
      rpi_container_set(s, rest, je, UNSET);
      rest = ce;
    }
  }
  if (thesis_imprint(s, pos))
    return;
  /* "..., Modern History Review, Spring 1990.": after the journal, the
   * issue's season or month and the year alone are no imprint */
  if (rest < s->n && s->r->field[RP_FIELD_CONTAINER_TITLE]) {
    size_t k = rest;
    while (k < s->n && (s->w[k] == ' ' || s->w[k] == ','))
      k++;
    size_t we = k;
    while (we < s->n && we - k < 12 && ascii_alpha(s->w[we]))
      we++;
    bool date_only = we > k && (rpi_lex_month(s->w + k, we - k) || rpi_lex_season(s->w + k, we - k));
    for (size_t q = we; q < s->n && date_only; q++)
      date_only = ascii_digit(s->w[q]) || s->w[q] == ' ' || s->w[q] == '.' || s->w[q] == ',';
    if (date_only)
      return;
  }
  if (rest < s->n && !find(s, P_THESIS, rest, &m) && !find(s, P_REPORT, rest, &m)) {
    /* a second sentence followed by City: Publisher may be a series or
     * a journal; keep it simple: publisher info from the rest */
    rpi_imprint_publisher_place(s, rest, s->n);
  } else if (rest < s->n) {
    rpi_imprint_publisher_place(s, rest, s->n);
  }
}

/* ", 2 vol.", ", 3 voll.", ", 2 Bde.", ", 3 tomes", ", t. 1–2": the number
 * of volumes closing a book (number-of-volumes) or the range of volumes
 * cited (the volume, when none was read), taken out so the imprint before
 * it ends the reference. */
static void volume_count_tail(st *s, size_t pos) {
  size_t e = s->n;
  while (e > pos && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  size_t w = e;
  while (w > pos && (ascii_alpha(s->w[w - 1]) || (unsigned char)s->w[w - 1] >= 0x80))
    w--;
  /* a word of lib/data/volume_units.txt */
  bool unit = e > w && rpi_lex_at(RPI_LEX_VOLUME_UNITS, s->w + w, e - w) == e - w;
  size_t q = w, na = 0, nb = 0; /* the count or the range */
  if (unit) {
    /* ", 2 vol." */
    while (q > pos && s->w[q - 1] == ' ')
      q--;
    size_t d = q;
    while (d > pos && ascii_digit(s->w[d - 1]))
      d--;
    if (d == q || q - d > 2)
      return;
    na = d;
    nb = q;
    q = d;
  } else {
    /* ", t. 1–2", ", Bd. 1-3": a range of volumes */
    size_t d = e;
    while (d > pos && (ascii_digit(s->w[d - 1]) || s->w[d - 1] == '-'))
      d--;
    if (d == e || !memchr(s->w + d, '-', e - d))
      return;
    while (d > pos && s->w[d - 1] == ' ')
      d--;
    if (!(d >= pos + 2 && at_lit(s, d - 2, "t.", 2)) && !(d >= pos + 3 && at_lit(s, d - 3, "Bd.", 3)))
      return;
    na = skip_sp(s, d);
    nb = e;
    q = d - (s->w[d - 2] == 't' ? 2 : 3);
  }
  while (q > pos && s->w[q - 1] == ' ')
    q--;
  /* after a comma, or a count after a stop (Citing Medicine's "Paris:
   * Armand Colin; 1979. 3 vol.") */
  if (q <= pos + 3 || (s->w[q - 1] != ',' && !(unit && s->w[q - 1] == '.')))
    return;
  if (unit)
    rpi_fields_set(s, RP_FIELD_NUMBER_OF_VOLUMES, na, nb);
  else if (!s->r->field[RP_FIELD_VOLUME])
    rpi_fields_set(s, RP_FIELD_VOLUME, na, nb);
  blank(s, q - 1, s->n);
}

/* "Theorie des kommunikativen Handelns, 2 Bde., Frankfurt/M.: Suhrkamp",
 * "The History. 6 vols. London: Strahan.", "Title, 3 vols (London: Allen
 * Lane, 1994)": the number of volumes between the title and the imprint
 * (a place and its colon, or a known city, maybe in a bracket):
 * number-of-volumes, taken out of the title. */
static void volume_count_inside(st *s, size_t pos) {
  for (size_t d = pos + 4; d + 4 < s->n; d++) {
    /* (or in brackets after the title: "(2 Bände)", APA's "(2 vols.)") */
    bool bracket = s->w[d - 1] == '(' && s->w[d - 2] == ' ';
    if (!ascii_digit(s->w[d]) || (!bracket && (s->w[d - 1] != ' ' || (s->w[d - 2] != ',' && s->w[d - 2] != '.'))))
      continue;
    size_t q = d;
    while (q < s->n && q < d + 2 && ascii_digit(s->w[q]))
      q++;
    if (q >= s->n || s->w[q] != ' ')
      continue;
    size_t w = q + 1, e = w;
    while (e < s->n && (ascii_alpha(s->w[e]) || (unsigned char)s->w[e] >= 0x80))
      e++;
    if (e == w || rpi_lex_at(RPI_LEX_VOLUME_UNITS, s->w + w, e - w) != e - w)
      continue;
    if (e < s->n && s->w[e] == '.')
      e++;
    if (bracket) {
      size_t c = skip_sp(s, e);
      if (c >= s->n || s->w[c] != ')')
        continue;
      rpi_fields_set(s, RP_FIELD_NUMBER_OF_VOLUMES, d, q);
      blank(s, d - 1, c + 1);
      return;
    }
    if (e < s->n && s->w[e] == ',')
      e++;
    size_t nx = skip_sp(s, e);
    if (nx < s->n && s->w[nx] == '(') /* MHRA's "3 vols (London: Allen Lane, 1994)" */
      nx = skip_sp(s, nx + 1);
    size_t ce = nx;
    while (ce < s->n && s->w[ce] != ',' && s->w[ce] != ':')
      ce++;
    /* (or a translators' or editors' sentence, then the imprint: "2
     * vols. Translated by Siân Reynolds. New York: Harper & Row") */
    if (nx < s->n && !rpi_imprint_starts_at(s, nx, s->n) && !(ce < s->n && rpi_lex_is_city(s->w + nx, ce - nx)) &&
        !note_then_imprint(s, nx))
      continue;
    rpi_fields_set(s, RP_FIELD_NUMBER_OF_VOLUMES, d, q);
    blank(s, d, e); /* the separator before stays: it ends the title */
    return;
  }
}

/* "Dynamics of Spiral Galaxies ,North -Holland1990 .": text taken from a
 * PDF, the publisher glued to the year after the last comma. Sets the
 * publisher and the year (when none was found) and blanks them. */
static void glued_year_tail(st *s, size_t pos) {
  size_t e = s->n;
  while (e > pos && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  if (e < pos + 12 || !rpi_scan_all_digits(s, e - 4, e) || !ascii_alpha(s->w[e - 5]))
    return;
  size_t y = e - 4, c = y;
  while (c > pos && s->w[c - 1] != ',')
    c--;
  if (c <= pos + 3)
    return;
  size_t ua = skip_sp(s, c), ub = y;
  if (ua >= ub || !rpi_is_upper((unsigned char)s->w[ua]) || rpi_scan_count_words(s, ua, ub) > 4)
    return;
  for (size_t q = ua; q < ub; q++)
    if (ascii_digit(s->w[q]) || s->w[q] == '(' || s->w[q] == ':')
      return;
  if (!s->r->field[RP_FIELD_YEAR])
    rpi_fields_year(s, y, e);
  rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ub);
  blank(s, c - 1, s->n);
}

/* Citing Medicine's secondary authors after a book's title: "Title.
 * Winckelmann J, Kaesler D, editors. Vol. 2. Tübingen: ...". The sentence
 * before ", editor." or ", editors." (the first such mark after pos) must
 * be the names and nothing else. True when it set them. */
static bool vancouver_book_editors(st *s, size_t pos) {
  if (!rpi_scan_has_lit(s, pos, s->n, ", editor", 8))
    return false;
  for (size_t m = pos + 4; m + 8 <= s->n; m++) {
    if (s->w[m] != ',' || !at_lit(s, m, ", editor", 8))
      continue;
    size_t e = m + 8 + (m + 8 < s->n && s->w[m + 8] == 's');
    if (e >= s->n || s->w[e] != '.')
      return false;
    size_t a = m;
    /* (the stop after a word, or a number: "Ballade No. 1, Op. 23. Ekier
     * J, editor.") */
    while (a > pos && !(s->w[a - 1] == ' ' && a >= 2 && s->w[a - 2] == '.' && a >= 3 &&
                        (rpi_is_letter((unsigned char)s->w[a - 3]) || ascii_digit(s->w[a - 3])) &&
                        (a < 4 || rpi_is_letter((unsigned char)s->w[a - 4]) || ascii_digit(s->w[a - 4]))))
      a--;
    if (a <= pos + 2)
      return false;
    rpi_namelist *el = malloc(sizeof *el);
    if (!el)
      return false;
    bool ok = rpi_names_parse(s->w, a, m, el) && el->end >= m && rpi_names_vancouver(el);
    if (ok) {
      rpi_fields_names(s, el, RP_ROLE_EDITOR);
      blank(s, a, e + 1);
    }
    free(el);
    return ok;
  }
  return false;
}

/* What may follow a book's names and their role: the end, a stop, the
 * bracketed imprint, ", Vol.", a "Place: Publisher" imprint, or more names
 * with their own role ("Caryl Emerson and Michael Holquist (trans.)"); not
 * the title ("L Douglas Kiel, Euel W Elliott (ed.), Chaos Theory ...": the
 * names came first). */
static bool after_role_ok(const st *s, size_t me) {
  size_t k = skip_sp(s, me);
  if (k >= s->n || s->w[k] == '.' || s->w[k] == '(' || s->w[k] == ';')
    return true;
  if (s->w[k] != ',')
    return false;
  k = skip_sp(s, k + 1);
  if (at_lit(s, k, "Vol", 3) || at_lit(s, k, "vol", 3) || rpi_imprint_starts_at(s, k, s->n))
    return true;
  size_t o = k;
  while (o < s->n && s->w[o] != '(' && s->w[o] != ',' && s->w[o] != '.' && o - k < 80)
    o++;
  return o < s->n && s->w[o] == '(' && (rpi_scan_editor_mark(s, o) || rpi_scan_translator_mark(s, o));
}

/* Names with their role in brackets after a book's title and a comma,
 * before its bracketed imprint: "The Prelude, Jonathan Wordsworth, M. H.
 * Abrams, and Stephen Gill (eds.) (New York, NY: Norton, 1979)", "Homo
 * Academicus, Peter Collier (trans.) (Stanford ...)". The names (in
 * natural order, maybe after "in") fill the stretch from a comma or a stop
 * to the mark. Sets them and takes the separator, names and mark out; up to
 * three such groups. */
static void names_with_role_after_title(st *s, size_t pos) {
  int groups = 0, tried = 0;
  for (const char *p = s->w + pos, *end = s->w + s->n; p < end && (p = memchr(p, '(', (size_t)(end - p))) != NULL;
       p++) {
    size_t q = (size_t)(p - s->w), me = rpi_scan_translator_mark(s, q);
    rp_role role = me ? RP_ROLE_TRANSLATOR : RP_ROLE_EDITOR;
    if (!me && (me = rpi_scan_editor_mark(s, q)) != 0 && skip_sp(s, q) != q)
      me = 0;
    if (!me || s->r->n_names[role] || q < pos + 8 || !after_role_ok(s, me))
      continue;
    if (++tried > 8)
      return; /* a bound on the work for text full of marks */
    size_t nb = q;
    while (nb > pos && s->w[nb - 1] == ' ')
      nb--;
    rpi_namelist *el = malloc(sizeof *el);
    if (!el)
      return;
    /* the furthest start, after a comma or a stop, from which the names
     * still fill the stretch */
    size_t best = UNSET, sep = UNSET;
    for (size_t z = nb; z > pos + 3 && nb - z < 200; z--) {
      if (!((s->w[z - 1] == ',' || s->w[z - 1] == '.') && s->w[z] == ' '))
        continue;
      size_t a = skip_sp(s, z);
      size_t a2 = at_lit(s, a, "in ", 3) || at_lit(s, a, "In ", 3) ? skip_sp(s, a + 3) : a; /* "in D. Kahneman, ..." */
      if (a2 < nb && rpi_names_parse(s->w, a2, nb, el) && el->end >= nb && !rpi_names_vancouver(el) &&
          el->v[0].given[0])
        best = a2, sep = z - 1;
    }
    /* a title before them, not more names */
    size_t ta = pos, tb = sep != UNSET ? sep : pos;
    trim(s->w, &ta, &tb);
    bool caps = tb > ta; /* "MINAYO, Maria Cecília de Souza (org.)": a family name in capitals */
    for (size_t k = ta; k < tb && caps; k++)
      caps = (s->w[k] >= 'A' && s->w[k] <= 'Z') || s->w[k] == '-' || (unsigned char)s->w[k] >= 0x80;
    /* (after the authors, one "name" whose given name the lexicon does
     * not know is the title: "Lefebvre, Henri, Espace Social, Ann Brown
     * (trans.)") */
    bool title = tb > ta && !caps &&
                 !(rpi_names_parse(s->w, ta, tb, el) && el->end >= tb &&
                   !(s->r->n_names[RP_ROLE_AUTHOR] > 0 && el->n == 1 && !strchr(el->v[0].given, '.') &&
                     !el->v[0].literal && !rpi_lex_is_given_name(el->v[0].given, strcspn(el->v[0].given, " "))));
    if (best != UNSET && title && rpi_names_parse(s->w, best, nb, el)) {
      rpi_fields_names(s, el, role);
      blank(s, s->w[sep] == ',' ? sep : best, me);
      p = s->w + me - 1;
      if (++groups < 3) {
        free(el);
        continue;
      }
    }
    free(el);
    return;
  }
}

/* The editors of a book named between commas after its title, in natural
 * order: "Dits et écrits, éd. par D. Defert et F. Ewald, Paris", "Briefe,
 * hrsg. von M. R. Lepsius und W. J. Mommsen, Tübingen", "Quaderni del
 * carcere, a cura di Valentino Gerratana, Torino", "..., edited by J.
 * Smith, London: Verso". The names run to the next comma, semicolon,
 * bracket or stop after a word, and the imprint follows them (a known
 * city and its comma, or "Place: Publisher"; MLA's "edited by X,
 * Publisher, 2017" and MHRA's "ed. by X, Series (Place: ...)" are read
 * by their own rules); they are the editors when the names grammar reads
 * all of it. Returns whether it set them. */
static bool editors_after_comma(st *s, size_t pos) {
  static const char *const marks[] = {"\xc3\xa9" "d. par ", "\xc3\xa9" "ds. par ", "\xc3\xa9" "dit\xc3\xa9" " par ",
                                      "\xc3\xa9" "dit\xc3\xa9" "s par ", "edited by ", "ed. by ", "eds. by ",
                                      "hrsg. von ", "hrsg. v. ", "hg. von ", "hg. v. ", "herausgegeben von ",
                                      "a cura di ", "ed. de ", "edici\xc3\xb3" "n de ", "org. por ", NULL};
  for (const char *p = s->w + pos, *end = s->w + s->n; (p = memchr(p, ',', (size_t)(end - p))) != NULL; p++) {
    size_t k = skip_sp(s, (size_t)(p - s->w) + 1), l = 0;
    if (k + 8 >= s->n)
      return false;
    /* (every mark opens with 'é', 'e', 'h', 'a' or 'o', in either case) */
    unsigned char c0 = (unsigned char)s->w[k] | 0x20;
    if (c0 != 0xe3 && c0 != 'e' && c0 != 'h' && c0 != 'a' && c0 != 'o')
      continue;
    /* the mark, its first letter in either case ("Hrsg. von") */
    for (size_t m = 0; marks[m] && !l; m++) {
      size_t ml = strlen(marks[m]);
      if (k + ml <= s->n && (s->w[k] == marks[m][0] || (s->w[k] | 0x20) == marks[m][0]) &&
          memcmp(s->w + k + 1, marks[m] + 1, ml - 1) == 0)
        l = ml;
    }
    if (!l)
      continue;
    size_t na = k + l, e = na;
    while (e < s->n && s->w[e] != ',' && s->w[e] != ';' && s->w[e] != '(' &&
           !(s->w[e] == '.' && (e + 1 >= s->n || s->w[e + 1] == ' ') && e >= na + 2 &&
             rpi_is_letter((unsigned char)s->w[e - 1]) && rpi_is_letter((unsigned char)s->w[e - 2])))
      e++;
    if (e >= s->n || e - na > 160 || e <= na + 2)
      return false;
    size_t ia = skip_sp(s, e + 1), ie = ia;
    while (ie < s->n && s->w[ie] != ',' && s->w[ie] != ':')
      ie++;
    if (!(ie < s->n && s->w[ie] == ',' && rpi_lex_is_city(s->w + ia, ie - ia)) && !rpi_imprint_starts_at(s, ia, s->n))
      return false;
    rpi_namelist *el = malloc(sizeof *el);
    if (!el)
      return false;
    bool ok = rpi_names_parse(s->w, na, e, el) && skip_sp(s, el->end) >= e;
    if (ok) {
      rpi_fields_names(s, el, RP_ROLE_EDITOR);
      /* one separator stays: the comma after, or before a stop */
      blank(s, s->w[e] == ',' ? (size_t)(p - s->w) : k, e);
    }
    free(el);
    return ok;
  }
  return false;
}

/* APA's editors in brackets after a book's title, maybe with the
 * translators and the volume, parts joined by semicolons: "Piaget's
 * theory (P. H. Mussen, Ed.)", "Economy and society (G. Roth & C.
 * Wittich, Eds.; Vol. 1)", "(J. M. Robson, Ed.; Vols. 1-33)", "(S. Lukes,
 * Ed.; W. D. Halls, Trans.)", "(J. Strachey, Ed. & Trans.; Vol. 4)". When
 * every part reads and one names editors, sets them all, takes the
 * bracket out and returns true. */
static bool apa_editors_bracket(st *s, size_t pos) {
  static const char *const roles[] = {", Eds. & Trans.", ", Ed. & Trans.", ", Eds.", ", Ed.", ", Trans.", NULL};
  for (const char *p = s->w + pos, *end = s->w + s->n; p < end && (p = memchr(p, '(', (size_t)(end - p))) != NULL;
       p++) {
    size_t q = (size_t)(p - s->w), c = q + 1;
    if (q < pos + 4)
      continue;
    while (c < s->n && c < q + 200 && s->w[c] != ')' && s->w[c] != '(')
      c++;
    if (c >= s->n || s->w[c] != ')' || !memchr(s->w + q, ',', c - q))
      continue;
    /* the parts: [a, e) up to each ';' */
    struct { size_t a, z; int role; } part[4];
    size_t np = 0, va = UNSET, vb = UNSET;
    bool ok = true, ed = false;
    for (size_t a = q + 1; ok && a < c;) {
      size_t e = a;
      while (e < c && s->w[e] != ';')
        e++;
      size_t t = e;
      while (t > a && s->w[t - 1] == ' ')
        t--;
      size_t l = at_lit(s, a, "Vols. ", 6) ? 6 : at_lit(s, a, "Vol. ", 5) ? 5 : 0;
      if (l) { /* "Vol. 1", "Vols. 1-33" */
        va = skip_sp(s, a + l);
        vb = va;
        while (vb < t && (ascii_digit(s->w[vb]) || s->w[vb] == '-'))
          vb++;
        ok = vb > va && vb == t;
      } else {
        int role = -1;
        for (int k = 0; roles[k] && role < 0; k++) {
          size_t rl = strlen(roles[k]);
          if (t >= a + rl && memcmp(s->w + t - rl, roles[k], rl) == 0) {
            role = k;
            if (np < 4)
              part[np].a = a, part[np].z = t - rl, part[np].role = k, np++;
            else
              ok = false;
          }
        }
        ok = ok && role >= 0;
        ed |= role >= 0 && role <= 3;
      }
      a = e < c ? skip_sp(s, e + 1) : c;
    }
    if (!ok || !ed)
      continue;
    rpi_namelist *el = malloc(sizeof *el);
    if (!el)
      return false;
    for (size_t i = 0; i < np && ok; i++)
      ok = rpi_names_parse(s->w, part[i].a, part[i].z, el) && el->end >= part[i].z && el->v[0].given[0];
    for (size_t i = 0; i < np && ok; i++) {
      rpi_names_parse(s->w, part[i].a, part[i].z, el);
      int r = part[i].role;
      if (r <= 3 && !s->r->n_names[RP_ROLE_EDITOR])
        rpi_fields_names(s, el, RP_ROLE_EDITOR);
      if ((r <= 1 || r == 4) && !s->r->n_names[RP_ROLE_TRANSLATOR]) /* "& Trans.", "Trans." */
        rpi_fields_names(s, el, RP_ROLE_TRANSLATOR);
    }
    if (ok) {
      if (va != UNSET && !s->r->field[RP_FIELD_VOLUME])
        rpi_fields_set(s, RP_FIELD_VOLUME, va, vb);
      blank(s, q, c + 1);
    }
    free(el);
    return ok;
  }
  return false;
}

void rpi_stage_book_editors(st *s, size_t pos) {
  if (pos < s->n && memchr(s->w + pos, '(', s->n - pos) && !apa_editors_bracket(s, pos))
    names_with_role_after_title(s, pos);
  if (!s->r->n_names[RP_ROLE_EDITOR] && editors_after_comma(s, pos))
    return;
  if (s->r->n_names[RP_ROLE_EDITOR] || vancouver_book_editors(s, pos) ||
      (!has_word(s, "ed", 2) && !has_word(s, "herausgeg", 9) && !has_word(s, "hrsg", 4) && !has_word(s, "hg", 2)))
    return;
  /* the marks that open the sentence (natural-order names follow) */
  static const char *const marks[] = {"Edited by ", "Ed. by ", "Eds. ", "Ed. ", "Edited and with an introduction by ",
                                      "Herausgegeben von ", "Hrsg. von ", "Hrsg. v. ", "Hg. von ", "Hg. v. "};
  if (pos + 4 >= s->n)
    return;
  for (const char *p = s->w + pos + 3, *end = s->w + s->n; (p = memchr(p, '.', (size_t)(end - p))) != NULL; p++) {
    size_t q = (size_t)(p - s->w) + 1; /* the space after the stop */
    if (q + 8 >= s->n)
      return;
    /* (a number may end the title before "Edited by": "Symphony No. 5,
     * Op. 67. Edited by ...") */
    if (s->w[q] != ' ' || (s->w[q + 1] != 'E' && s->w[q + 1] != 'H') ||
        !(ascii_alpha(s->w[q - 2]) || (ascii_digit(s->w[q - 2]) && at_lit(s, q + 1, "Edited by ", 10))))
      continue;
    size_t k = q + 1, l = 0;
    for (size_t m = 0; m < sizeof marks / sizeof *marks && !l; m++)
      if (at_lit(s, k, marks[m], strlen(marks[m])))
        l = strlen(marks[m]);
    if (!l)
      continue;
    /* the sentence ends at a stop after a word of two letters or more,
     * not after an initial ("Ed. Daniel R. Frost.") */
    size_t na = k + l, e = na;
    while (e < s->n && !(s->w[e] == '.' && (e + 1 >= s->n || s->w[e + 1] == ' ') && e >= na + 2 &&
                         rpi_is_letter((unsigned char)s->w[e - 1]) && rpi_is_letter((unsigned char)s->w[e - 2])))
      e++;
    if (e >= s->n || e - na > 200)
      return;
    rpi_namelist *el = malloc(sizeof *el);
    if (!el)
      return;
    if (rpi_names_parse(s->w, na, e, el) && skip_sp(s, el->end) >= e) {
      rpi_fields_names(s, el, RP_ROLE_EDITOR);
      blank(s, k, e + 1);
    }
    free(el);
    return;
  }
}

bool rpi_stage_book(st *s, size_t pos) {
  bool chapter = false;
  volume_count_tail(s, pos);
  volume_count_inside(s, pos);
  glued_year_tail(s, pos);
  size_t qa, qb, after;
  size_t rest;
  if (rpi_scan_quoted(s, pos, s->n, &qa, &qb, &after))
    rest = book_quoted(s, qa, qb, after, &chapter);
  else
    rest = book_plain(s, pos);
  book_rest(s, pos, rest);
  return chapter;
}
