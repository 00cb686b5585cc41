/*
 * stage_title.c: a journal reference's title and container, split between
 * the names and the locator by scored cut points.
 */
#include "stage.h"

#include <stdint.h>
#include <string.h>

#include "container.h"
#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "scan.h"
#include "segment.h"
#include "title.h"
#include "utf8.h"

/* How many words of [a, b) are capitalised when every word is, but for
 * lower-case connectors of up to four letters; 0 when another word is
 * there. */
static size_t capitalised_words(const st *s, size_t a, size_t b) {
  size_t tw = 0;
  for (size_t i = a; i < b; i++) {
    if (s->w[i] == ' ' || (i > a && s->w[i - 1] != ' '))
      continue; /* not where a word starts */
    const char *sp = memchr(s->w + i, ' ', b - i);
    size_t len = (sp ? (size_t)(sp - s->w) : b) - i;
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + i, len, &cp);
    if (rpi_is_upper(cp))
      tw++;
    else if (!(len <= 4 && rpi_is_lower(cp)))
      return 0;
  }
  return tw;
}

/* Whether [a, b) holds at least n characters of Chinese, Japanese or
 * Korean script: such a title is written without spaces, so its words
 * cannot be counted ("敦煌石窟铜绿颜料的应用与来源" is one run). */
static bool cjk_chars(const st *s, size_t a, size_t b, size_t n) {
  size_t k = 0;
  for (size_t i = a; i < b && k < n;) {
    unsigned cp = 0;
    size_t l = rpi_utf8_decode((const unsigned char *)s->w + i, b - i, &cp);
    if (!l)
      l = 1;
    k += is_cjk(cp);
    i += l;
  }
  return k >= n;
}

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
  size_t tw = capitalised_words(s, a, b);
  return tw >= 1 && tw <= 8;
}

/* A short English, French, German, Spanish or Portuguese word that joins
 * others ("and", "with", "from", "pour", "und", "para", "see also"): never
 * the last word of a title before its journal. */
static bool connector_word(const char *w, size_t n) {
  static const char *const words[] = {"and", "the", "for", "with", "from", "into", "over", "via", "its", "our",
                                      "their", "this", "that", "than", "upon", "onto", "about", "under", "after",
                                      "les", "des", "une", "par", "pour", "sur", "dans", "avec", "und", "der",
                                      "die", "das", "von", "mit", "del", "los", "las", "por", "para", "con",
                                      "dos", "pelo", "como", "nos", "are", "was", "were", "not", "but", "also",
                                      "see", NULL};
  for (int k = 0; words[k]; k++)
    if (strlen(words[k]) == n && memcmp(words[k], w, n) == 0)
      return true;
  return false;
}

/* "Optimistic Concurrency Control Revisited. ACM Trans. Comput. Syst":
 * the longest tail after a stop (". , ; ? !") that is a journal of the
 * lists (rpi_lex_journal: full title or abbreviation) is the container,
 * what comes before it, two words or more, the title. Leftmost stop
 * first, so "J. Am. Chem. Soc." wins over "Chem. Soc.". True when it set
 * them. */
/* "Fourier integral operators. I. Acta mathematica": the stop at p closes
 * a part's Roman numeral (I to VIII) that a sentence's stop comes before;
 * the title ends there, the journal may follow. */
static bool roman_part_stop(const st *s, size_t a, size_t p) {
  size_t q = p;
  while (q > a && (s->w[q - 1] == 'I' || s->w[q - 1] == 'V'))
    q--;
  return q < p && p - q <= 4 && q >= a + 3 && s->w[q - 1] == ' ' && s->w[q - 2] == '.' &&
         ascii_alpha(s->w[q - 3]);
}

/* Whether the '.' at p closes "et al" or capitals joined by periods
 * ("U.S", "U.K", "D.C"), after a space, past a + 3. */
static bool abbrev_title_end(const st *s, size_t a, size_t p) {
  if (p >= a + 6 && memcmp(s->w + p - 6, " et al", 6) == 0)
    return true;
  size_t q = p;
  while (q >= a + 2 && s->w[q - 1] >= 'A' && s->w[q - 1] <= 'Z' && s->w[q - 2] == '.')
    q -= 2;
  return q < p && q >= a + 3 && s->w[q - 1] >= 'A' && s->w[q - 1] <= 'Z' && s->w[q - 2] == ' ';
}

static bool known_journal_tail(st *s, size_t a, size_t b) {
  /* the bytes a tail may follow (all below 64): a space (below, "bare")
   * and the stops ". , ; ? !" */
  const uint64_t before_tail = (UINT64_C(1) << ' ') | (UINT64_C(1) << '.') | (UINT64_C(1) << ',') |
                               (UINT64_C(1) << ';') | (UINT64_C(1) << '?') | (UINT64_C(1) << '!');
  /* whether the region ends with a word a journal's abbreviation ends
   * with ("Virol", "Dis", "Cardiol"): a listed one or a capitalised word of
   * five letters or fewer (the test after any word below needs it) */
  size_t lw = rpi_scan_word_before(s, b, a);
  bool abbrev_end = lw < b && s->w[lw] >= 'A' && s->w[lw] <= 'Z' && (b - lw <= 5 || rpi_lex_is_abbrev(s->w + lw, b - lw));
  bool last_cap = lw < b && rpi_is_upper((unsigned char)s->w[lw]); /* a full title's last word */
  for (size_t p = a + 3; p + 3 < b; p++) {
    char c = s->w[p];
    if ((unsigned char)c >= 64 || !((before_tail >> c) & 1u))
      continue; /* (every test below needs one of them at p) */
    /* IOP "conformal field theories Nucl. Phys. B": no stop, the journal
     * opens with a capitalised abbreviation after a word */
    bool bare = false;
    if (c == ' ' && s->w[p - 1] != ' ' && s->w[p - 1] != '.' && !ascii_digit(s->w[p - 1])) {
      /* the first or second word ("New J. Phys") */
      for (size_t w0 = p + 1, k = 0; k < 2 && !bare && w0 < b && s->w[w0] >= 'A' && s->w[w0] <= 'Z'; k++) {
        size_t e = w0 + 1;
        while (e < b && ascii_alpha(s->w[e]) && e - w0 <= 8)
          e++;
        bare = e < b && s->w[e] == '.';
        w0 = e + 1;
      }
      /* the stop lost between a sentence-case title and its journal
       * ("... from amino acid sequence Biopolymers 1986; 25", "... in
       * childhood Aust N Z J Surg 2000;", "... in the developing rat eye
       * J Neurosci 1997;"): a capital after a lower-case word of three
       * letters or more, not a connector ("of", "in", "and", "with") */
      if (!bare && s->w[p + 1] >= 'A' && s->w[p + 1] <= 'Z') {
        size_t ws = p;
        while (ws > a && s->w[ws - 1] != ' ')
          ws--;
        bool lower = p - ws >= 3 && s->w[ws] >= 'a' && s->w[ws] <= 'z' && !connector_word(s->w + ws, p - ws);
        for (size_t q = ws; q < p && lower; q++)
          lower = (s->w[q] >= 'a' && s->w[q] <= 'z') || (unsigned char)s->w[q] >= 0x80 || s->w[q] == '-';
        /* and no short capitalised word before it, the first piece of a
         * word broken in two ("Journal of Eco nomic Dynamics"; "Papaver
         * somniferum Phytochemistry" is a cut) */
        if (lower && ws >= a + 2 && s->w[ws - 1] == ' ') {
          size_t w2 = ws - 1;
          while (w2 > a && s->w[w2 - 1] != ' ')
            w2--;
          lower = !(s->w[w2] >= 'A' && s->w[w2] <= 'Z' && ws - 1 - w2 <= 5);
        }
        /* after any other word ("minus-strand DNA J Virol", "Plasma
         * Preparation Tubes Clin Infect Dis"): a journal's abbreviation of
         * the lists, two words or more up to the locator, which no title
         * ends with; not when the word before could open the journal
         * itself: one opening a sentence, an abbreviation of the lists, a
         * word of one letter or two but an acronym ("AF"), or one after a
         * short capitalised word or one opening a sentence ("J Clin Med",
         * "Rev Cienc Med Biol", "J Etlik Vet Microbiol", "Southeast Asian J
         * Trop Med") */
        bool capital = s->w[ws] >= 'A' && s->w[ws] <= 'Z';
        if (!lower && capital && abbrev_end && (p - ws > 2 || (p - ws == 2 && s->w[ws + 1] >= 'A' && s->w[ws + 1] <= 'Z')) &&
            ws >= a + 2 && s->w[ws - 1] == ' ' && !strchr(".?!:;,", s->w[ws - 2]) &&
            !rpi_lex_is_abbrev(s->w + ws, p - ws) && rpi_scan_count_words(s, p + 1, b) >= 2) {
          size_t w0 = ws - 1;
          while (w0 > a && s->w[w0 - 1] != ' ')
            w0--;
          bool w0_cap = s->w[w0] >= 'A' && s->w[w0] <= 'Z';
          lower = !(w0_cap && (ws - 1 - w0 <= 4 || w0 < a + 2 || strchr(".?!:;", s->w[w0 - 2]))) &&
                  !rpi_lex_is_abbrev(s->w + w0, ws - 1 - w0);
        }
        if (lower && capital) {
          const char *other;
          rpi_journal_kind k = rpi_lex_journal(s->w + p + 1, b - p - 1, &other);
          lower = k == RPI_JOURNAL_ABBREV || k == RPI_JOURNAL_AMBIGUOUS;
        }
        /* a journal's full title of the lists, three words or more to the
         * locator, after a capitalised word of a title in title case
         * ("Early North American Crania American Journal of Physical
         * Anthropology 114", "... Studies Forensic Science International
         * 139"): the word before it follows another word's letter (not
         * a stop or a year: "É. 2012 American Journal of ..."), is no
         * abbreviation, and opens no journal's name itself */
        if (!lower && capital && last_cap && p - ws >= 4 && ws >= a + 2 && s->w[ws - 1] == ' ' &&
            (ascii_alpha(s->w[ws - 2]) || (unsigned char)s->w[ws - 2] >= 0x80) && !rpi_lex_is_abbrev(s->w + ws, p - ws) &&
            rpi_scan_count_words(s, p + 1, b) >= 3) {
          const char *other;
          lower = rpi_lex_journal(s->w + p + 1, b - p - 1, &other) == RPI_JOURNAL_TITLE &&
                  rpi_lex_journal(s->w + ws, b - ws, &other) == RPI_JOURNAL_NONE; /* not "American [Journal of ...]" */
        }
        bare = lower;
      }
    }
    /* PDF extraction drops the space after the title's stop ("...
     * super-group.Commun. Math. Phys. 195", "... equation.Annales Henri
     * Poincaré 16"): a stop between a lower-case word of three letters or
     * more (or a bracket) and a capital */
    bool glued = false;
    if (!bare && c == '.' && s->w[p + 1] >= 'A' && s->w[p + 1] <= 'Z' &&
        (s->w[p - 1] == ')' || (s->w[p - 1] >= 'a' && s->w[p - 1] <= 'z' && s->w[p - 2] >= 'a' &&
                                s->w[p - 2] <= 'z' && s->w[p - 3] >= 'a' && s->w[p - 3] <= 'z')))
      glued = true;
    if (glued) { /* not inside an abbreviated journal ("Nucl.Instrum .Meth") */
      size_t ws = p;
      while (ws > a && s->w[ws - 1] != ' ' && s->w[ws - 1] != ',' && s->w[ws - 1] != '.')
        ws--;
      glued = !rpi_lex_is_abbrev(s->w + ws, p - ws);
    }
    /* "... in the U.S. Journal of Labor Research", "... a reply to Hobbs
     * et al. Trends in Ecology & Evolution": the stop of an abbreviation
     * ending the title, before a journal's full title of the lists */
    bool abbr = c == '.' && s->w[p + 1] == ' ' && !real_stop(s, a, b, p) && abbrev_title_end(s, a, p);
    if (!bare && !glued && !abbr &&
        ((c != '.' && c != ',' && c != ';' && c != '?' && c != '!') || s->w[p + 1] != ' ' ||
         (c != ',' && c != ';' && !real_stop(s, a, b, p) && !rpi_seg_country_stop(s, a, p) &&
          !roman_part_stop(s, a, p))))
      continue;
    size_t ra = skip_sp(s, p + 1);
    unsigned f;
    rpi_utf8_decode((const unsigned char *)s->w + ra, b - ra, &f);
    if (!rpi_is_upper(f) || rpi_scan_count_words(s, ra, b) > 12)
      continue;
    const char *other;
    /* (after a glued stop, an abbreviated journal of no list too: "Class.
     * Quantum Grav.") */
    rpi_journal_kind kind = rpi_lex_journal(s->w + ra, b - ra, &other);
    if (abbr && (kind != RPI_JOURNAL_TITLE || rpi_scan_count_words(s, ra, b) < 2))
      continue;
    if (kind == RPI_JOURNAL_NONE &&
        !(glued && memchr(s->w + ra, '.', b - ra) && rpi_scan_abbrev_run(s, ra, b)))
      continue;
    /* a known city alone after a comma is a book's place ("..., Le
     * paysage rural au Moyen Âge, Toulouse, 1987, 51-77"), whatever
     * journal's abbreviation it also is */
    if (c == ',' && rpi_imprint_seg(s, ra, b) == SEG_CITY)
      continue;
    /* "Stem cells. Transl Med": a journal broken by a stop is joined
     * below, not kept as printed */
    bool broken = false;
    for (size_t q = ra, ws = ra; q < b && !broken; q++) {
      if (s->w[q] == ' ')
        ws = q + 1;
      else if (s->w[q] == '.')
        broken = q - ws >= 3 && s->w[ws] >= 'a' && s->w[ws] <= 'z';
    }
    if (broken)
      continue;
    size_t ta = a, tb = p;
    trim(s->w, &ta, &tb);
    /* "J. Chem. Soc. Chem. Commun.": abbreviations before the tail are
     * the journal's own */
    if (rpi_scan_count_words(s, ta, tb) < (bare ? 3 : 2) || rpi_scan_abbrev_run(s, ta, tb))
      return false;
    /* after a comma, a tail only when no sentence ends before it
     * ("Title. Public Key Cryptography, Lecture Notes in ...": a series) */
    if (c == ',' && rpi_scan_first_stop(s, ta, tb) < tb)
      continue;
    rpi_title_set(s, a, p);
    rpi_container_set(s, ra, b, UNSET);
    rpi_result_journal_seen(s->r, s->w + ra, b - ra, kind, other); /* for the writer */
    return true;
  }
  return false;
}

/* "V. Aynutdinov et al. Astropart. Phys. 25 (2006) 140": no title, the
 * whole region is an abbreviated journal. True when it set it. */
static bool abbreviated_journal(st *s, size_t a, size_t b) {
  if (s->r->n_names[RP_ROLE_AUTHOR] > 0 && rpi_scan_count_words(s, a, b) <= 8 && rpi_scan_abbrev_run(s, a, b)) {
    bool dotted = false, lower = false;
    for (size_t q = a; q < b; q++) {
      /* a word of ten letters or more before a stop is a whole word, no
       * abbreviation: "Historicising Punishment. MLR" is a title and a
       * journal */
      if (s->w[q] == '.' && q >= a + 10 && rpi_scan_word_before(s, q, a) + 10 <= q)
        return false;
      dotted |= s->w[q] == '.';
      lower |= s->w[q] == ' ' && q + 1 < b && s->w[q + 1] >= 'a' && s->w[q + 1] <= 'z' &&
               !(q + 3 < b && (at_lit(s, q + 1, "of ", 3) || at_lit(s, q + 1, "and", 3) ||
                               at_lit(s, q + 1, "the", 3)));
    }
    if (dotted && !lower) {
      rpi_container_set(s, a, b, UNSET);
      return true;
    }
  }
  return false;
}

/* Italian "Title, «Giornale Italiano di Cardiologia», 5, 6", Polish
 * "Title, „Przegląd Socjologiczny”, t. 65": a quoted journal after an
 * unquoted title. True when it set them. */
static bool quoted_journal_after(st *s, size_t a, size_t b) {
  size_t qa, qb, after;
  for (size_t q = a + 8; q + 3 < b; q++) {
    const char *cm = memchr(s->w + q, ',', b - 3 - q); /* the next comma */
    if (!cm)
      break;
    q = (size_t)(cm - s->w);
    size_t k = skip_sp(s, q + 1);
    if (k < b && (s->w[k] == '"' || at_lit(s, k, "\xc2\xab", 2) || at_lit(s, k, "\xe2\x80\x9c", 3) ||
                  at_lit(s, k, "\xe2\x80\x9e", 3)) &&
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
      return true;
    }
  }
  return false;
}

/* "..., Les tendances actuelles de l'histoire du Moyen Âge, Paris, 2002,
 * 447-460": a known city after the container's last comma, right before
 * the locator, is the place of the volume, and a publisher after it
 * (", Paris, Karthala, 2013") the volume's publisher. Sets them and
 * returns where the container ends, or b. */
static size_t city_tail(st *s, size_t ca, size_t b) {
  size_t c = b;
  while (c > ca && s->w[c - 1] != ',')
    c--;
  if (c <= ca + 1 || s->r->field[RP_FIELD_PUBLISHER_PLACE] || rpi_scan_count_words(s, ca, c - 1) < 2)
    return b;
  /* "..., Dictionnaire critique de la participation, Paris, Karthala,
   * 2013, p. 45-52": the city and its publisher */
  size_t qa, qe, ua, ue;
  size_t cc = s->r->field[RP_FIELD_PUBLISHER] ? UNSET : rpi_imprint_city_pub_tail(s, ca, b, &qa, &qe, &ua, &ue);
  if (cc != UNSET && cc > ca + 1 && rpi_scan_count_words(s, ca, cc) >= 2) {
    rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, qa, qe);
    rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ue);
    return cc;
  }
  if (rpi_imprint_seg(s, c, b) != SEG_CITY)
    return b;
  size_t pa = c, pb = b;
  trim(s->w, &pa, &pb);
  rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
  return c - 1;
}

/* "Histoire et archéologie médiévales : quelques considérations
 * actuelles, Peasants and Townsmen in Medieval Europe. Studies in honorem
 * Adriaan Verhulst, Gent, 1995", "Alimentation végétale, pratiques
 * agricoles et environnement du VIIe au Xe siècle, Un village au temps de
 * Charlemagne, Paris, 1988": in the comma-separated lists of the
 * humanities a title in sentence case ends at the first comma before a
 * capital, when the book named after it (three words or more, no place,
 * year or publisher) is closed by its place, a known city. Returns the
 * comma, or UNSET. */
static size_t sentence_title_comma(const st *s, size_t a, size_t b) {
  size_t c = b;
  while (c > a && s->w[c - 1] != ',')
    c--;
  if (c <= a + 1 || rpi_imprint_seg(s, c, b) != SEG_CITY)
    return UNSET;
  int depth = 0, words = 0, lower = 0, upper = 0;
  for (size_t q = a; q < b; q++) {
    unsigned char ch = (unsigned char)s->w[q];
    depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
    if (q == a || s->w[q - 1] == ' ') {
      /* a word: its first letter after any opening mark */
      size_t w0 = q, w1 = q;
      while (w1 < b && s->w[w1] != ' ' && s->w[w1] != ',')
        w1++;
      while (w0 < w1 && (s->w[w0] == '(' || s->w[w0] == '"' || s->w[w0] == '\''))
        w0++;
      unsigned cp = 0;
      if (w0 < w1 && rpi_utf8_decode((const unsigned char *)s->w + w0, w1 - w0, &cp)) {
        words++;
        if (rpi_is_lower(cp) && w1 - w0 >= 4)
          lower++;
        else if (rpi_is_upper(cp) && q > a)
          upper++;
      }
    }
    if (ch != ',' || depth > 0)
      continue;
    size_t k = skip_sp(s, q + 1);
    unsigned f = 0;
    if (k >= b || !rpi_utf8_decode((const unsigned char *)s->w + k, b - k, &f) || !rpi_is_upper(f))
      continue;
    /* the first comma before a capital decides */
    if (words < 3 || lower < 2 || upper * 2 > lower || at_lit(s, k, "In ", 3) || c <= k)
      return UNSET;
    size_t ke = k;
    while (ke < c - 1 && s->w[ke] != ',' && !(s->w[ke] == '.' && ke + 1 < b && s->w[ke + 1] == ' '))
      ke++;
    if (rpi_scan_count_words(s, k, ke) < 3 || rpi_imprint_seg(s, k, ke) != SEG_OTHER)
      return UNSET;
    return q;
  }
  return UNSET;
}

/* A quoted title, the container after it. True when it set them. */
/* A known city opening [k, b), before a comma or a colon. */
static bool place_city(const st *s, size_t k, size_t b) {
  size_t e = k;
  while (e < b && s->w[e] != ',' && s->w[e] != ':')
    e++;
  return e < b && rpi_lex_is_city(s->w + k, e - k);
}

static bool quoted_title(st *s, size_t a, size_t b) {
  size_t qa, qb, after;
  if (rpi_scan_quoted(s, a, b, &qa, &qb, &after)) {
    /* "“Bad Future Things” and Liberatory Moments: ...": a quote opening a
     * title that goes on in lower case ("in" opens a container) */
    size_t k = skip_sp(s, after);
    char in_end = qb > qa ? s->w[qb - 1] : ' ', out = after < b ? s->w[after] : ' ';
    if (k < b && s->w[k] >= 'a' && s->w[k] <= 'z' && !rpi_scan_find_in_at(s, k) && !strchr(",.;:", in_end) &&
        !strchr(",.;:", out))
      return false;
    /* "‘Schmallenberg virus’ - a novel orthobunyavirus emerging in Europe.
     * Epidemiol Infect", "‘We're just sick people, nothing else’: …
     * factors contributing to ...": a quote opening the region, then a
     * colon or a dash, and the title goes on */
    if (qa <= a + 3 && k + 2 < b && !strchr(",.;:", in_end) &&
        (s->w[k] == ':' || s->w[k] == '-' || at_lit(s, k, "\xe2\x80\x93", 3) || at_lit(s, k, "\xe2\x80\x94", 3))) {
      size_t t = skip_sp(s, k + (s->w[k] == ':' || s->w[k] == '-' ? 1 : 3));
      if (t > k + 1 && t < b && s->w[t] != '(' && rpi_scan_count_words(s, t, b) >= 3)
        return false;
    }
    rpi_title_set(s, qa, qb);
    size_t ca = after, cb = b;
    trim(s->w, &ca, &cb);
    if (cb > ca + 2 && (at_lit(s, ca, "In:", 3) || at_lit(s, ca, "in ", 3) ||
                        at_lit(s, ca, "In ", 3)))
      ca += 3;
    /* "“Plädoyer ...” Literaturwissenschaft in Theorie und Praxis.
     * Tübingen: Narr, 1–23": the book's imprint as the last sentence, a
     * known city or a publisher's word in it ("Blake: An Illustrated
     * Quarterly" is a journal) */
    size_t q = cb > ca + 4 ? cb - 4 : ca; /* the last stop after a word */
    while (q > ca + 3 && !(s->w[q] == '.' && s->w[q + 1] == ' ' && ascii_alpha(s->w[q - 1]) && ascii_alpha(s->w[q - 2])))
      q--;
    size_t ia = skip_sp(s, q + 1); /* (after text taken out: "2nd ed.") */
    if (q > ca + 3 && ia < cb && rpi_imprint_starts_at(s, ia, cb) && rpi_scan_first_stop(s, ia, cb) >= cb &&
        (place_city(s, ia, cb) || rpi_imprint_has_publisher_word(s, ia, cb))) {
      rpi_imprint_publisher_place(s, ia, cb);
      if (s->r->field[RP_FIELD_PUBLISHER])
        cb = q;
    }
    rpi_container_set(s, ca, city_tail(s, ca, cb), UNSET);
    return true;
  }
  return false;
}

/* "Bagging predictors 1996 Machine Learning 24 123--140": no sentence
 * ends; a bare year between the title and the journal. True when it set
 * them. */
static bool bare_year_split(st *s, size_t a, size_t b) {
  for (size_t q = a + 3; q + 6 < b; q++) {
    if (s->w[q - 1] != ' ' || s->w[q + 4] != ' ' || !rpi_lex_is_year(s->w + q))
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
    return true;
  }
  return false;
}

/* "Temporal sequence processing using recurrent SOM. 1998 In Proc. 2nd
 * Int. Conf. on ...": the year printed alone after the title's stop, then
 * the container, when it is the only year of the reference (not "Title.
 * 2004 IEEE Conference on ..., 2004"). True when it set them. */
static bool stop_year_split(st *s, size_t a, size_t b) {
  for (size_t q = a + 8; q + 7 < b; q++) {
    if (s->w[q] != ' ' || s->w[q - 1] != '.' || !rpi_lex_is_year(s->w + q + 1) || s->w[q + 5] != ' ' ||
        !real_stop(s, a, b, q - 1))
      continue;
    size_t ca = skip_sp(s, q + 5), me = ca;
    while (me < b && ascii_alpha(s->w[me]))
      me++;
    if (rpi_lex_month(s->w + ca, me - ca))
      return false; /* "Title. 2019 Mar 14": a date */
    if (at_lit(s, ca, "In ", 3))
      ca = skip_sp(s, ca + 3);
    unsigned char c0 = ca < b ? (unsigned char)s->w[ca] : 0;
    if (!((c0 >= 'A' && c0 <= 'Z') || ascii_digit((char)c0) || c0 >= 0x80) || rpi_scan_count_words(s, a, q) < 2 ||
        memchr(s->w + ca, ',', b - ca))
      return false;
    for (size_t r = 0; r + 4 <= s->n; r++)
      if (r != q + 1 && rpi_lex_is_year(s->w + r) && (r == 0 || !ascii_digit(s->w[r - 1])) &&
          (r + 4 == s->n || !ascii_digit(s->w[r + 4])))
        return false;
    rpi_title_set(s, a, q - 1);
    rpi_container_set(s, ca, b, UNSET);
    if (!s->r->field[RP_FIELD_YEAR])
      rpi_fields_year(s, q + 1, q + 5);
    return true;
  }
  return false;
}

/* The rightmost real sentence end in [fs, b) (none before fs: w is as
 * first_stop saw it), or UNSET; *prevp the one before it, or UNSET. */
static size_t last_stops(const st *s, size_t a, size_t b, size_t fs, size_t *prevp) {
  size_t cut = UNSET, prev = UNSET;
  for (size_t p = b; p-- > fs;) {
#if RPI_SSE2
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
    if (real_stop(s, a, b, p) || rpi_seg_country_stop(s, a, p)) {
      if (cut == UNSET) {
        cut = p;
      } else {
        prev = p;
        break;
      }
    }
  }
  *prevp = prev;
  return cut;
}

/* "... in Puget Sound streams: Journal of the American Water Resources
 * Association" / "...; Journal of Social Inclusion": a colon or semicolon
 * right before a journal word, when no sentence end cuts [a, b). True
 * when it set title and container. */
static bool colon_journal(st *s, size_t a, size_t b, size_t cut) {
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
      /* GSA's "Title: Geomorphology, v. 46, p. 35-58", "...: Rocky
       * Mountain Geology, v. 33, no. 2": before a locator opening with
       * "v.", a capitalised segment after the colon is the journal */
      bool gsa = s->labelled;
      bool caps = true;
      for (size_t q = r0; q < b && (!jw || gsa); ) {
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
      jw = (jw || gsa) && caps;
    }
    if (jw && rpi_is_upper((unsigned char)s->w[r0])) {
      rpi_title_set(s, a, p);
      rpi_container_set(s, r0, b, UNSET);
      return true;
    }
    break;
  }
  return false;
}

/* Whether the sentence at a, up to its first comma before b, opens like a
 * journal's name: with a journal word ("Journal of Law, Economics"), or
 * in one to three capitalised words ("Annales Histoire, Sciences
 * Sociales"; short lower-case connectors aside). */
static bool journal_head(const st *s, size_t a, size_t b) {
  const char *cm = memchr(s->w + a, ',', b - a);
  if (!cm)
    return false;
  size_t c = (size_t)(cm - s->w), fw = a;
  while (fw < c && s->w[fw] != ' ')
    fw++;
  if (rpi_lex_is_journal_word(s->w + a, fw - a))
    return true;
  if (memchr(s->w + a, '.', c - a) || memchr(s->w + a, ':', c - a))
    return false;
  size_t caps = capitalised_words(s, a, c);
  return caps >= 1 && caps <= 3;
}

/* "Titre, Un village au temps de Charlemagne, Toulouse, 1988, 203-213":
 * a known city alone after the comma at c, right before the locator, is
 * the book's place, not the container; the book is the comma segment
 * before it (two words or more, after a title of two words or more). Sets
 * title, container and place and returns true, or returns false. */
static bool city_after_book(st *s, size_t a, size_t c, size_t b) {
  size_t ca = c + 1;
  if (s->r->field[RP_FIELD_PUBLISHER_PLACE] || rpi_imprint_seg(s, ca, b) != SEG_CITY)
    return false;
  size_t pc = c;
  while (pc > a && s->w[pc - 1] != ',')
    pc--;
  if (pc <= a + 1 || rpi_scan_count_words(s, pc, c) < 2 || rpi_scan_count_words(s, a, pc - 1) < 2)
    return false;
  size_t pa = ca, pb = b;
  trim(s->w, &pa, &pb);
  rpi_fields_set(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
  rpi_title_set(s, a, pc - 1);
  size_t ba = skip_sp(s, pc);
  /* a publisher there is the imprint's ("Title, Artech House, Boston,
   * 1998, pp. 213-248"); a chapter's "in" opens the book ("..., in Atti
   * della Terza Conferenza ..., Napoli, pp. 258-263") */
  if (rpi_imprint_seg(s, ba, c) == SEG_PUB) {
    size_t ua = ba, ub = c;
    trim(s->w, &ua, &ub);
    rpi_fields_set(s, RP_FIELD_PUBLISHER, ua, ub);
    return true;
  }
  if (rpi_scan_find_in_at(s, ba) || at_lit(s, ba, "in: ", 4) || at_lit(s, ba, "dans ", 5))
    ba = skip_sp(s, ba + (s->w[ba] == 'd' ? 5 : s->w[ba + 2] == ':' ? 3 : 2));
  rpi_container_set(s, ba, c, UNSET);
  return true;
}

/* "Title, Phys. Rev. Lett": a comma before a journal-like tail. True when
 * it set title and container; a journal word after the comma overrides
 * the sentence end (*cutp = UNSET). */
/* Copernicus' and AMS's "Title, Clim. Dynam., 22, 597-603, 2004", "...,
 * Q. J. Roy. Meteor. Soc., 135", "..., Bound.-Lay. Meteorol., 110": after the region's last comma, two to
 * six dotted capitalised abbreviations (one of the ISO 4 list at least),
 * which the lists need not know as a journal, are the journal; the text
 * before the comma, three words or more not ending with such an
 * abbreviation ("J. Chem. Soc., Chem. Commun."), the title. True when it
 * set them. */
static bool comma_abbrev_journal(st *s, size_t a, size_t b) {
  while (b > a && (s->w[b - 1] == ' ' || s->w[b - 1] == ','))
    b--;
  if (b <= a || (!ascii_alpha(s->w[b - 1]) && s->w[b - 1] != '.'))
    return false;
  const char *c = NULL;
  for (size_t q = b; q-- > a && b - q < 60;)
    if (s->w[q] == ',') {
      c = s->w + q;
      break;
    }
  if (!c)
    return false;
  size_t comma = (size_t)(c - s->w), k = skip_sp(s, comma + 1);
  int words = 0;
  bool known = false;
  while (k < b) {
    size_t e = k;
    while (e < b && ascii_alpha(s->w[e]))
      e++;
    /* (the region may end before the last word's stop) */
    if (e == k || e - k > 8 || !(s->w[k] >= 'A' && s->w[k] <= 'Z') || (e < b && s->w[e] != '.'))
      return false;
    known |= e - k >= 2 && rpi_lex_is_abbrev(s->w + k, e - k);
    words++;
    k = e < b ? skip_sp(s, e + 1) : b;
    if (k + 1 < b && s->w[k] == '-' && s->w[k - 1] == '.')
      k++; /* "Bound.-Lay. Meteorol." */
  }
  if (words < 2 || words > 6 || !known)
    return false;
  size_t ta = a, tb = comma;
  trim(s->w, &ta, &tb);
  size_t lw = rpi_scan_word_before(s, tb, ta);
  if (rpi_scan_count_words(s, ta, tb) < 3 || (tb > ta && s->w[tb - 1] == '.' && rpi_lex_is_abbrev(s->w + lw, tb - 1 - lw)))
    return false;
  rpi_title_set(s, ta, tb);
  rpi_container_set(s, skip_sp(s, comma + 1), b, UNSET);
  return true;
}

static bool comma_journal(st *s, size_t a, size_t b, size_t *cutp) {
  size_t cut = *cutp;
  size_t seg = cut == UNSET ? a : cut + 1;
  /* after a sentence end, "Annales Histoire, Sciences Sociales", "Journal
   * of Law, Economics and Policy": the sentence is the journal, a comma
   * inside it is no cut */
  if (cut != UNSET && journal_head(s, skip_sp(s, seg), b))
    return false;
  size_t comma = UNSET;
  bool event = false;
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
      /* "Title, Proc. Fourth International Conf. on ASPLOS, Santa Clara,
       * CA, April 8-11, 1991", "Title, 12th International Symposium on
       * River Sedimentation, Kyoto": a proceedings or event name, maybe
       * opening with its ordinal, after the comma */
      size_t d = r0;
      while (d < b && ascii_digit(s->w[d]))
        d++;
      bool ordinal = d > r0 && d + 2 < b && s->w[d + 2] == ' ' &&
                     (at_lit(s, d, "st", 2) || at_lit(s, d, "nd", 2) || at_lit(s, d, "rd", 2) || at_lit(s, d, "th", 2));
      /* not an initial ("Chen, L. in Proc. ...": a name) */
      bool initial = r0 + 1 < b && s->w[r0 + 1] == '.';
      if (q > seg + 8 && r0 < b && (rpi_is_upper((unsigned char)s->w[r0]) || ordinal) && !initial &&
          rpi_imprint_event_at(s, r0, b)) {
        comma = q;
        event = true;
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
    bool jword = event || rpi_lex_is_journal_word(s->w + ra, fw - ra) ||
                 (fw - ra == 14 && at_lit(s, ra, "Communications", 14)) ||
                 (fw - ra == 12 && at_lit(s, ra, "Transactions", 12)) ||
                 (fw - ra == 4 && at_lit(s, ra, "IEEE", 4)) ||
                 (fw - ra == 3 && at_lit(s, ra, "ACM", 3));
    /* one sentence "Title, Journal Name" before a volume: with no other
     * place for the journal, the last comma opens it */
    bool located = cut == UNSET && (s->r->field[RP_FIELD_VOLUME] != NULL || s->r->field[RP_FIELD_ISSUE] != NULL) &&
                   rpi_scan_count_words(s, ra, b) <= 8 &&
                   (rpi_scan_count_words(s, seg, comma) >= 3 || cjk_chars(s, seg, comma, 6)) &&
                   !rpi_lex_month(s->w + ra, fw - ra);
    for (size_t q = ra; q < b && located; q++)
      if (ascii_digit(s->w[q]) || s->w[q] == ':' || s->w[q] == '(' || s->w[q] == ')' || s->w[q] == ';')
        located = false;
    bool journalish = (rpi_is_upper(f0) || event || (located && is_cjk(f0))) && rpi_scan_count_words(s, ra, b) <= (jword ? 24 : 12) &&
                      (jword || located || rpi_scan_abbrev_run(s, ra, b) || titlecase_tail(s, seg, comma, ra, b));
    if (jword)
      *cutp = cut = UNSET;
    /* and the text before the comma is not itself the journal */
    bool dotted = false;
    for (size_t q = ra; q < b; q++)
      dotted |= s->w[q] == '.';
    if (journalish && (cut == UNSET || (dotted && rpi_scan_count_words(s, seg, comma) >= 4))) {
      if (!event && city_after_book(s, a, comma, b))
        return true;
      rpi_title_set(s, a, comma);
      /* the event's place and date after its name are not the container */
      rpi_container_set(s, ra, event ? rpi_imprint_proc_end(s, ra, b) : city_tail(s, ra, b), UNSET);
      return true;
    }
  }
  return false;
}

/* "37, 3301 (2015)", "94, 1498 (1954)" at k: a physics volume, page and
 * bracketed year, which only ever follow a journal; a lone segment before
 * them is that journal, however long ("R.M. Gray, Foundations and Trends
 * in Communications and Information Theory 2, 155 (2006)"). */
static bool physics_locator_at(const st *s, size_t k) {
  k = skip_sp(s, k);
  size_t e = k;
  while (e < s->n && ascii_digit(s->w[e]))
    e++;
  if (e == k || e - k > 4 || e + 2 >= s->n || s->w[e] != ',' || s->w[e + 1] != ' ')
    return false;
  k = e + 2;
  if (k < s->n && s->w[k] >= 'A' && s->w[k] <= 'Z')
    k++; /* "L 12" article numbers */
  e = k;
  while (e < s->n && ascii_digit(s->w[e]))
    e++;
  return e > k && e + 7 <= s->n && s->w[e] == ' ' && s->w[e + 1] == '(' && rpi_lex_is_year(s->w + e + 2) &&
         s->w[e + 6] == ')';
}

/* "Journal of Crystal Growth and Materials Processing in Space", "Annals of
 * the Brazilian Academy of Sciences and Letters": a segment opening with a
 * journal word and "of" or "in", every other word of four letters or more
 * capitalised, names a journal however long; a title before a locator is
 * worded as a sentence. */
static bool journal_phrase(const st *s, size_t a, size_t b) {
  size_t we = a;
  while (we < b && s->w[we] != ' ')
    we++;
  if (!rpi_lex_is_journal_word(s->w + a, we - a) || !(at_lit(s, we, " of ", 4) || at_lit(s, we, " in ", 4)))
    return false;
  for (size_t q = we + 4; q < b;) {
    size_t e = q;
    while (e < b && s->w[e] != ' ')
      e++;
    unsigned cp = 0;
    rpi_utf8_decode((const unsigned char *)s->w + q, e - q, &cp);
    if (e - q >= 4 && !rpi_is_upper(cp))
      return false;
    q = e + 1;
  }
  return true;
}

/* "Good chemistry. (1996, September). Wake Forest University Magazine":
 * with no author, APA prints the date after the title. The first
 * bracket after a stop that opens with a year and closes within a
 * date's length is that date (the dates stage reads it later). Returns
 * the stop before it (*de: the end of the date and its stop), or UNSET. */
static size_t date_after_title(const st *s, size_t a, size_t b, size_t *de) {
  if (s->r->n_names[RP_ROLE_AUTHOR] || s->r->n_names[RP_ROLE_EDITOR])
    return UNSET;
  for (size_t p = a + 3; p + 6 < b; p++) {
    /* after a sentence end or a comma ("Son honors father with teaching
     * excellence awards, (1994, March). Wake Forest University Magazine") */
    if (s->w[p] != '(' || s->w[p - 1] != ' ' ||
        (s->w[p - 2] != '.' && s->w[p - 2] != '?' && s->w[p - 2] != '!' && s->w[p - 2] != ','))
      continue;
    /* a sentence end, not an initial ("Yarza De los Ríos, A. (2011).");
     * no comma inside the title before it */
    if (!rpi_scan_all_digits(s, p + 1, p + 5) || !rpi_lex_is_year(s->w + p + 1) ||
        (s->w[p - 2] == '.' && !real_stop(s, a, b, p - 2)) || memchr(s->w + a, ',', p - 2 - a))
      return UNSET;
    size_t c = p + 5;
    while (c < b && c - p < 40 && s->w[c] != ')' && s->w[c] != '(')
      c++;
    if (c >= b || s->w[c] != ')')
      return UNSET;
    size_t e = c + 1;
    if (e < b && s->w[e] == '.')
      e++;
    *de = e;
    return p - 2;
  }
  return UNSET;
}

/* "Maternal Kin in Early Medieval Germany. A Reply, Past and Present",
 * "Famille et parenté. Comparaison des recherches françaises et
 * allemandes, Les tendances actuelles ...": in the comma-separated
 * styles a subtitle sentence after the last stop runs on to the first
 * comma (it names no event, and no thesis note follows), and the
 * container (not a city, region, year, publisher or university) opens
 * after it. Returns that comma, or UNSET. */
static size_t subtitle_comma(st *s, size_t ca, size_t b) {
  size_t k = skip_sp(s, ca), q = k;
  int depth = 0;
  while (q < b && (s->w[q] != ',' || depth > 0)) {
    depth += s->w[q] == '(' ? 1 : s->w[q] == ')' ? -1 : 0;
    q++;
  }
  size_t ge;
  if (q >= b || !rpi_imprint_subtitle_sentence(s, k, q, false) || rpi_imprint_event_at(s, k, q) ||
      rpi_scan_thesis_note(s, k, b, &ge) != UNSET)
    return UNSET;
  const char *other;
  if (rpi_lex_journal(s->w + k, q - k, &other) != RPI_JOURNAL_NONE)
    return UNSET;
  /* worded as a sentence ("Comparaison des recherches ...") or two words
   * ("A Reply"): a title-case phrase ("Extreme Values in Finance,
   * Telecommunications and ...") may be a container with a comma */
  bool sentence = rpi_scan_count_words(s, k, q) <= 2;
  for (size_t z = k + 1; z + 4 < q && !sentence; z++)
    if (s->w[z - 1] == ' ' && s->w[z] >= 'a' && s->w[z] <= 'z') {
      size_t we = z;
      while (we < q && s->w[we] != ' ')
        we++;
      sentence = we - z >= 4;
    }
  if (!sentence)
    return UNSET;
  /* a container of two words or more follows */
  size_t r0 = skip_sp(s, q + 1), r1 = b;
  trim(s->w, &r0, &r1);
  unsigned f = 0;
  if (r1 <= r0 || !rpi_utf8_decode((const unsigned char *)s->w + r0, r1 - r0, &f) || !rpi_is_upper(f) ||
      rpi_scan_count_words(s, r0, r1) < 2)
    return UNSET;
  /* its first part: "Past and Present" reads as a place, "Perth" is one */
  size_t r2 = r0;
  while (r2 < r1 && s->w[r2] != ',')
    r2++;
  int seg = rpi_imprint_seg(s, r0, r2);
  if (seg != SEG_OTHER && seg != SEG_PLACE)
    return UNSET;
  /* "Mémoire de master, Aix-Marseille Université": a university (in any
   * language: Univ-, univ-) publishes a thesis or a report, not a journal */
  for (size_t z = k; z + 4 <= r2; z++)
    if ((z == k || s->w[z - 1] == ' ' || s->w[z - 1] == '-') && (s->w[z] == 'U' || s->w[z] == 'u') &&
        at_lit(s, z + 1, "niv", 3))
      return UNSET;
  return q;
}

/* "Title. Pérez-Higueras JJ, Arias A, de la Macorra JC, Peters OA.
 * septembre 2014, J Endod": the names after the title (a style some
 * reference managers write), then the date and the journal. When the text
 * after the title's stop at cut holds a stop followed by an optional month
 * and a year with a comma, with a name list before it (two commas or
 * more) and words alone after it (no locator left on them), the
 * container is those words; the names are left to the unparsed report.
 * Returns where that container starts, or UNSET. */
static size_t journal_after_names(const st *s, size_t cut, size_t b) {
  size_t commas = 0;
  for (size_t p = cut + 1; p < b; p++) {
    commas += s->w[p] == ',';
    if (s->w[p] != '.' || commas < 2 || p + 1 >= b || s->w[p + 1] != ' ')
      continue;
    size_t k = p + 2, e = k;
    while (e < b && s->w[e] != ' ' && s->w[e] != ',')
      e++;
    if (e < b && s->w[e] == ' ' && rpi_lex_month(s->w + k, e - k)) /* "septembre 2014," */
      k = e + 1;
    if (!(k + 6 < b && (s->w[k] == '1' || s->w[k] == '2') && ascii_digit(s->w[k + 1]) && ascii_digit(s->w[k + 2]) &&
          ascii_digit(s->w[k + 3]) && s->w[k + 4] == ',' && s->w[k + 5] == ' '))
      continue;
    k += 6;
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + k, b - k, &cp);
    if (!rpi_is_upper(cp))
      return UNSET;
    for (size_t q = k; q < b; q++)
      if (ascii_digit(s->w[q]))
        return UNSET;
    return k;
  }
  return UNSET;
}

void rpi_stage_title(st *s, size_t a, size_t b) {
  trim(s->w, &a, &b);
  if (b <= a)
    return;
  size_t de, dt = date_after_title(s, a, b, &de);
  /* only the journal after it: "Aristotle. (2002). Nicomachean ethics (T.
   * Irwin, Trans.). Hackett" is an author the names stage missed */
  if (dt != UNSET && skip_sp(s, de) + 2 < b && rpi_scan_first_stop(s, skip_sp(s, de), b) >= b) {
    rpi_title_set(s, a, dt);
    rpi_container_set(s, skip_sp(s, de), b, UNSET);
    return;
  }
  if (quoted_title(s, a, b))
    return;
  if (known_journal_tail(s, a, b) || abbreviated_journal(s, a, b) || quoted_journal_after(s, a, b))
    return;
  size_t fs = rpi_scan_first_stop(s, a, b);
  for (size_t q = a; q < fs; q++)
    if (s->w[q] == '.' && rpi_seg_country_stop(s, a, q)) {
      fs = q;
      break;
    }
  if (fs == b && bare_year_split(s, a, b))
    return;
  if (stop_year_split(s, a, b))
    return;
  size_t stc = sentence_title_comma(s, a, b);
  if (stc != UNSET) {
    rpi_title_set(s, a, stc);
    size_t sa = skip_sp(s, stc + 1);
    rpi_container_set(s, sa, city_tail(s, sa, b), UNSET);
    return;
  }
  if (comma_abbrev_journal(s, a, b))
    return;
  size_t prev;
  size_t cut = last_stops(s, a, b, fs, &prev);
  if (colon_journal(s, a, b, cut) || comma_journal(s, a, b, &cut))
    return;
  if (cut == UNSET) {
    /* one segment: a short capitalized one is a journal, else a title */
    size_t nw = rpi_scan_count_words(s, a, b);
    unsigned first;
    rpi_utf8_decode((const unsigned char *)s->w + a, b - a, &first);
    if ((nw <= 5 || physics_locator_at(s, b) || journal_phrase(s, a, b)) && rpi_is_upper(first) &&
        s->r->n_names[RP_ROLE_AUTHOR] > 0 &&
        s->r->field[RP_FIELD_TITLE] == NULL) {
      rpi_container_set(s, a, b, UNSET);
      return;
    }
    /* "Nucl. Phys. B, 2006, 741(1-2): 1-16", "IEEE COMMUNICATIONS SURVEYS &
     * TUTORIALS, VOL.10, No. 1": with no names either, a journal of the
     * lists or an abbreviated one is cited by its locator alone */
    const char *other;
    rpi_journal_kind kind = RPI_JOURNAL_NONE;
    if (!s->r->n_names[RP_ROLE_AUTHOR] && !s->r->n_names[RP_ROLE_EDITOR] && !s->r->field[RP_FIELD_TITLE] &&
        nw <= 8 && rpi_is_upper(first) &&
        ((kind = rpi_lex_journal(s->w + a, b - a, &other)) != RPI_JOURNAL_NONE ||
         (memchr(s->w + a, '.', b - a) && rpi_scan_abbrev_run(s, a, b)) || rpi_scan_nlm_abbrev(s, a, b))) {
      rpi_container_set(s, a, b, UNSET);
      if (kind != RPI_JOURNAL_NONE)
        rpi_result_journal_seen(s->r, s->w + a, b - a, kind, other); /* for the writer */
      return;
    }
    rpi_title_set(s, a, b);
    return;
  }
  /* the scored segmenter may move the cut to an earlier stop */
  cut = rpi_seg_cut(s, a, b, fs, cut, &prev);
  size_t jn = journal_after_names(s, cut, b);
  if (jn != UNSET) {
    rpi_title_set(s, a, cut);
    rpi_container_set(s, jn, b, UNSET);
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
    if (prev != UNSET && nw >= 1 && nw <= 3 && rpi_is_upper(f0) && !rpi_seg_country_stop(s, a, cut)) {
      join = fk;
      cut = prev;
    }
  }
  if (join != UNSET) {
    rpi_title_set(s, a, cut);
    rpi_container_set(s, skip_sp(s, ca_orig), b, join);
    return;
  }
  if (s->w[cut] == ',' && city_after_book(s, a, cut, b))
    return;
  /* "On random graphs. I. Publicationes Mathematicae, 6": a part's Roman
   * numeral after the title's stop is the title's */
  if (s->w[cut] == '.') {
    size_t rk = skip_sp(s, ca), rq = rk;
    while (rq < b && (s->w[rq] == 'I' || s->w[rq] == 'V'))
      rq++;
    if (rq > rk && rq - rk <= 4 && rq + 2 < b && s->w[rq] == '.' && s->w[rq + 1] == ' ' &&
        rpi_is_upper((unsigned char)s->w[rq + 2])) {
      cut = rq;
      ca = rq + 1;
    }
  }
  size_t sc = subtitle_comma(s, ca, b);
  if (sc != UNSET) {
    cut = sc;
    ca = sc + 1;
  }
  rpi_title_set(s, a, cut);
  rpi_container_set(s, ca, city_tail(s, ca, b), UNSET);
}

/* "Title. Applied Optics, to appear.", "Title. Computational Intelligence
 * Journal, 1995. Submitted.": an article with no locator whose status
 * (lib/data/status_phrases.txt) closes the reference, after a segment that
 * is a journal of the lists or holds a journal word; or, with a DOI, whose
 * last segment is a journal of the lists ("Current Psychology."). */
/* Whether [ja, je) reads as a journal before a publication status: one of
 * the lists, an abbreviated one ("SIAM J. Discr. Math"), or one holding a
 * journal word, with no publisher's word. */
static bool journal_like(const st *s, size_t ja, size_t je) {
  const char *other;
  bool journal = rpi_lex_journal(s->w + ja, je - ja, &other) != RPI_JOURNAL_NONE ||
                 (memchr(s->w + ja, '.', je - ja) && rpi_scan_abbrev_run(s, ja, je));
  for (size_t q = ja; q < je && !journal;) {
    size_t w = q;
    while (w < je && s->w[w] != ' ' && s->w[w] != ',' && s->w[w] != '.')
      w++;
    journal = w > q && rpi_lex_is_journal_word(s->w + q, w - q);
    q = w + 1;
  }
  return journal && !rpi_imprint_has_publisher_word(s, ja, je);
}

bool rpi_stage_title_forthcoming(st *s, size_t pos) {
  size_t e = s->n;
  while (e > pos && (s->w[e - 1] == ' ' || s->w[e - 1] == '.' || s->w[e - 1] == ')'))
    e--;
  size_t k = e;
  while (k > pos && s->w[k - 1] != ',' && s->w[k - 1] != '.' && s->w[k - 1] != '(')
    k--;
  size_t sa = k, sb = e;
  trim(s->w, &sa, &sb);
  if (k <= pos + 1 || sb <= sa)
    return false;
  const char *jo;
  /* "Biochimie in press.": a status of two words or more right after the
   * journal's last word */
  bool status = rpi_lex_is_status(s->w + sa, sb - sa);
  for (size_t q = sa + 1; !status && q + 3 < sb; q++)
    if (s->w[q] == ' ' && memchr(s->w + q + 1, ' ', sb - q - 1) && rpi_lex_is_status(s->w + q + 1, sb - q - 1)) {
      sa = k = q + 1;
      status = true;
    }
  if (!status) {
    /* "Title? Subtitle. Current Psychology. https://doi.org/...": an
     * article known by its DOI alone, closed by a journal of the lists */
    if (!s->r->field[RP_FIELD_DOI])
      return false;
    if (sb - sa == 4 && rpi_lex_is_year(s->w + sa)) {
      /* "... Social Science & Medicine. 2021." */
      sb = k - 1;
      while (sb > pos && (s->w[sb - 1] == ' ' || s->w[sb - 1] == '.'))
        sb--;
      sa = sb;
      while (sa > pos && s->w[sa - 1] != '.' && s->w[sa - 1] != ',')
        sa--;
      trim(s->w, &sa, &sb);
    }
    if (sb <= sa || rpi_lex_journal(s->w + sa, sb - sa, &jo) == RPI_JOURNAL_NONE)
      return false;
    k = sb + 1;
  }
  /* the status is the reference's note: "submitted", "to appear" */
  if (status && !s->r->field[RP_FIELD_NOTE])
    rpi_fields_set(s, RP_FIELD_NOTE, sa, sb);
  size_t je = k - 1; /* the journal ends before the status, and a year there */
  while (je > pos && (s->w[je - 1] == ' ' || s->w[je - 1] == ','))
    je--;
  if (je >= pos + 4 && rpi_lex_is_year(s->w + je - 4) && (je - 4 == pos || !ascii_digit(s->w[je - 5]))) {
    je -= 4;
    while (je > pos && (s->w[je - 1] == ' ' || s->w[je - 1] == ','))
      je--;
  }
  while (je > pos && s->w[je - 1] == '.')
    je--;
  /* IEEE's quoted title, then the journal after its comma: "“A note on
   * reflector arrays,” IEEE Trans. Antennas Propag., to be published." */
  size_t qa, qb, qe;
  if (rpi_scan_quoted(s, skip_sp(s, pos), je, &qa, &qb, &qe)) {
    size_t ja = qe;
    while (ja < je && (s->w[ja] == ' ' || s->w[ja] == ','))
      ja++;
    if (ja > qe && ja < je && rpi_scan_count_words(s, ja, je) <= 10 && journal_like(s, ja, je)) {
      rpi_title_set(s, qa, qb);
      rpi_container_set(s, ja, je, UNSET);
      return true;
    }
  }
  /* the journal: after the first real stop that leaves one (its own
   * abbreviations may hold more: "SIAM J. Discr. Math.") */
  for (size_t stop = pos + 3; stop < je; stop++) {
    if (!real_stop(s, pos, je, stop))
      continue;
    size_t ja = skip_sp(s, stop + 1);
    if (je <= ja || rpi_scan_count_words(s, ja, je) > 10)
      continue;
    if (!journal_like(s, ja, je))
      continue;
    rpi_title_set(s, pos, stop);
    rpi_container_set(s, ja, je, UNSET);
    return true;
  }
  /* "J. Smith and K. Lee, Phys. Rev. D, submitted.", "A. Cavé, M.
   * Leboeuf. Aust. J. Chem. Submitted.": no title, the journal alone
   * (of the lists, or abbreviated) between the names and the status */
  size_t ja = pos;
  while (ja < je && (s->w[ja] == ' ' || s->w[ja] == ',' || s->w[ja] == '.'))
    ja++;
  const char *other;
  if (s->r->n_names[RP_ROLE_AUTHOR] > 0 && je > ja + 2 && rpi_scan_count_words(s, ja, je) <= 8 &&
      (rpi_lex_journal(s->w + ja, je - ja, &other) != RPI_JOURNAL_NONE ||
       (memchr(s->w + ja, '.', je - ja) && rpi_scan_abbrev_run(s, ja, je)) || rpi_scan_nlm_abbrev(s, ja, je))) {
    rpi_container_set(s, ja, je, UNSET);
    return true;
  }
  return false;
}

void rpi_stage_title_check(st *s) {
  rp_result *r = s->r;
  if (!r->field[RP_FIELD_TITLE] && !r->field[RP_FIELD_CONTAINER_TITLE])
    rpi_result_warn(r, RP_WARN_NO_TITLE, 0, 0, "no title found");
}
