/*
 * stage_unparsed.c: the last stage. Reports the text that no stage took, so
 * that no word of a reference is lost silently.
 *
 *   "Smith J. Title. J Biol. 2001;12(3):45-9. Also in Smith 1990."
 *   -> unparsed "Also in Smith 1990." (its span in the caller's input)
 *   "Hansen MT (2016), arXiv:1610.03843 [hep-lat]" -> unparsed "[hep-lat]"
 *   "..., Proceedings of the Third International Workshop on Distributed
 *   Algorithms, Lecture Notes in Computer Science 392, Springer Verlag, 1989"
 *   -> unparsed "Lecture Notes in Computer Science 392, Springer Verlag"
 *
 * Taken is the text before the body (the names and the date next to them,
 * read by their own stages), the text inside the span of a field that holds
 * as much text as its span, and the duplicate fragments and the unparsed
 * text an earlier stage already reported.
 * The rest, from the body on, is cut into stretches where consumed text
 * (blanked in the working copy) starts or ends, so that text a stage took
 * out without keeping it is read too. A stretch is reported when it holds a
 * word of two or more letters or digits that is neither a label (below),
 * a month or a day next to one, nor a word of some field or name (compared
 * case-insensitively: a stage may copy text into a field from elsewhere,
 * or normalise it); the report runs from the first such word to the last.
 * Punctuation, white space and single characters alone are never
 * reported, nor a bracketed medium the type was read from.
 */
#include "stage.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "lexicon.h"
#include "scan.h"
#include "utf8.h"

/* Words that label a part of a reference or join its words rather than
 * carry its content: locator, edition, editor and translator labels,
 * access and availability notes, ordinal endings ("2nd ed."), company
 * forms, link texts of scraped references, and function words, in the
 * languages the lexicon's month list covers (and Dutch). tools/accounting.py,
 * which measures what this stage leaves, counts none of them (nor roles and
 * media, met here only among the names or in a medium's brackets). Lower
 * case, sorted (bytewise), searched by bisection; none starts with a digit
 * (is_label answers no for a number without searching). */
static const char *const labels[] = {
    "abgerufen", "about", "abruf", "abrufdatum", "acceso", "accessed", "acesso", "adresse", "ahead",
    "aktualisierte", "al", "am", "ampl", "an", "anais", "and", "anniversary", "anno", "ao", "aos", "are", "art", "article", "arxiv", "as",
    "at", "atual", "au", "auf", "aufgerufen", "aufl", "auflage", "augm", "augmentée", "aum", "aus", "autumn", "aux", "available", "avec", "año",
    "band", "bd", "bde", "be", "bei", "beschl", "beschluss", "between", "but", "by", "bände", "cap", "ch", "chap", "chapter",
    "cited", "col", "colección", "coleção", "coll", "collana", "collection", "com", "con",
    "consultado", "consulte", "consulté", "coord", "coords", "corr", "corrected", "cura", "da", "dans", "das", "de",
    "degli", "dei", "del", "della", "delle", "dello", "dem", "den", "der", "des", "di", "die",
    "dir", "dirs", "disponible", "disponivel", "disponível", "do", "doi", "dos", "du", "durchges", "durchgesehene", "dx", "e", "ed",
    "edición", "edited", "edition", "editor", "editors", "edn", "eds", "een", "ein", "eine", "einer",
    "eines",
    "el", "em", "eme", "en", "enlarged", "epub", "er", "erstausgabe", "erw", "erweiterte", "est", "et", "etal", "expanded", "fasc", "for",
    "from", "für", "geprüft", "gli", "gmbh", "heft", "herausgegeben", "het", "hg", "hrsg", "http",
    "https", "il", "im", "in", "inc", "inspire", "internet", "into", "is", "isbn", "iss", "issn",
    "issue", "its", "izd", "jahrgang", "jg", "la", "las", "le", "les", "ligne", "llc", "lo", "los",
    "ltd", "met", "mit", "na", "nas", "nd", "nel", "nella", "neubearb", "neubearbeitete", "no", "nos", "not", "nr", "num",
    "number", "nº", "núm", "obtenido", "oder", "of", "on", "online", "op", "or", "org", "orig",
    "original", "originally", "ou", "over", "page", "pages", "pags", "painos", "par", "para",
    "pela", "pelo", "per", "pg", "pgs", "place", "pmcid", "pmid", "por", "pour", "pp", "preprint",
    "print", "published", "publisher", "pubmed", "pubmedcentral", "págs", "rd", "recuperado",
    "reihe", "repr", "reprint", "reprinted", "retirado", "retrieved", "rev", "revised", "roč", "se", "sin", "sobre", "sous",
    "spring", "st", "stand",
    "summer", "sur", "sv", "te", "teoksessa", "th", "than", "that", "the", "these", "this",
    "through", "to", "toim", "tome", "tomes", "tomi", "tomos", "tr", "trad", "trans", "translated",
    "tratto", "udg", "um", "uma", "un", "una", "und", "under", "une", "unknown", "unter", "upon",
    "uppl", "url", "urt", "urteil", "utg", "van", "verfügbar", "version", "versus", "via", "viewed", "vol", "voll",
    "vols", "volume", "volumes", "volumi", "vom", "von", "voor", "vs", "was", "web", "were", "winter",
    "with", "work", "www", "y", "zu", "zugriff", "zuletzt", "zum", "zur", "årg", "ème", "éd", "édité", "édités",
    "éds",
    "über", "überarb", "überarbeitete",
};

/* Whether w[0..n) is a label (any case) or a month name. */
static bool is_label(const char *w, size_t n) {
  char low[16];
  if (n >= sizeof low || ascii_digit(w[0]))
    return false; /* a number: no label or month starts with a digit */
  for (size_t i = 0; i < n; i++)
    low[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
  low[n] = '\0';
  size_t lo = 0, hi = sizeof labels / sizeof *labels;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const unsigned char *x = (const unsigned char *)labels[mid], *y = (const unsigned char *)low;
    while (*x && *x == *y)
      x++, y++;
    if (*x == *y)
      return true;
    if (*x < *y)
      lo = mid + 1;
    else
      hi = mid;
  }
  return rpi_lex_month(w, n) != 0;
}

static char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

/* Whether the character at v[i], not ASCII, is part of a word. */
static bool word_char_multi(const char *v, size_t i, size_t n, size_t *len) {
  unsigned cp;
  size_t l = rpi_utf8_decode((const unsigned char *)v + i, n - i, &cp);
  *len = l ? l : 1;
  return l && (rpi_is_letter(cp) || rpi_is_mark(cp));
}

/* Whether the character at v[i] (n bytes in all) is part of a word: a
 * letter, a digit or a combining mark; *len gets its length in bytes. */
static inline bool word_char(const char *v, size_t i, size_t n, size_t *len) {
  unsigned char c = (unsigned char)v[i];
  if (c < 0x80) {
    *len = 1;
    return ascii_alpha((char)c) || ascii_digit((char)c);
  }
  return word_char_multi(v, i, n, len);
}

/* The end of the word starting at v[i], before n. */
static size_t word_end(const char *v, size_t i, size_t n) {
  size_t l;
  while (i < n && word_char(v, i, n, &l))
    i += l;
  return i;
}

/* Whether a word ends right before v[i] (i > 0). */
static bool word_before(const char *v, size_t i) {
  unsigned char c = (unsigned char)v[i - 1];
  if (c < 0x80)
    return ascii_alpha((char)c) || ascii_digit((char)c);
  size_t st0;
  unsigned cp = rpi_utf8_prev(v, i, &st0);
  return rpi_is_letter(cp) || rpi_is_mark(cp);
}

/* The bytes of a string as bits, ASCII letters case folded (others may
 * share a bit): a field lacking a bit of a word's cannot hold the word. */
static uint64_t char_mask(const char *v) {
  uint64_t m = 0;
  for (; *v; v++)
    m |= (uint64_t)1 << ((*v | 0x20) & 63);
  return m;
}

/* The masks of the fields and of the names' parts together, each made on
 * its first use: most references need none, and a word found in the names
 * or in an early field needs none of the later fields'. */
typedef struct fieldmasks {
  uint64_t made; /* bit f: m[f] is made */
  bool names_made;
  uint64_t m[RP_FIELD_COUNT_];
  uint64_t names; /* of every name part */
} fieldmasks;
_Static_assert(RP_FIELD_COUNT_ <= 64, "a field's bit fits fieldmasks.made");

/* Whether the string v holds w[0..n) as a whole word, ASCII case ignored. */
static bool has_word_in(const char *v, const char *w, size_t n) {
  if (!v)
    return false;
  /* w's first byte, in either case when a letter: (v[q] | fold) == c0 */
  char c0 = ascii_lower(w[0]), fold = c0 >= 'a' && c0 <= 'z' ? 0x20 : 0;
  for (size_t q = 0, l; v[q]; q++) {
    if ((char)(v[q] | fold) != c0)
      continue;
    size_t k = 1;
    while (k < n && v[q + k] && ascii_lower(v[q + k]) == ascii_lower(w[k]))
      k++;
    if (k == n && (q == 0 || !word_before(v, q)) && (!v[q + n] || !word_char(v, q + n, q + n + 4, &l)))
      return true;
  }
  return false;
}

/* Whether w[0..n) is a word of some name or field of the result. The
 * names come first: one mask for them all, and about two in five of the
 * words found are names ("Also in Smith 1990"). Then the fields from the
 * last: the titles come first in the enum, and a word found in a short
 * field (the year above all) needs none of their masks. */
/* Whether w[0..n), two to four capitals, are a name's initials as its
 * given name holds them ("KW" of "K. W.", "HG" of "H.-G."): Vancouver
 * prints them run together, the given name is canonical. */
static bool initials_of_a_name(const rp_result *r, const char *w, size_t n) {
  if (n < 2 || n > 4)
    return false;
  for (size_t i = 0; i < n; i++)
    if (w[i] < 'A' || w[i] > 'Z')
      return false;
  for (int role = 0; role < RP_ROLE_COUNT_; role++)
    for (size_t i = 0; i < r->n_names[role]; i++) {
      const char *g = r->names[role][i].part[RP_NAME_GIVEN];
      size_t k = 0;
      for (; g && *g && k <= n; g++)
        if (*g != '.' && *g != ' ' && *g != '-') {
          if (k == n || *g != w[k])
            break;
          k++;
        }
      if (g && !*g && k == n)
        return true;
    }
  return false;
}

static bool in_fields(const rp_result *r, fieldmasks *fm, const char *w, size_t n) {
  if (initials_of_a_name(r, w, n))
    return true;
  /* the day and month read beside the year ("14.05.2019": "14", "05") */
  if (r->month && n <= 5 && ascii_digit(w[0])) {
    bool date = true;
    for (size_t i = 0; i < n && date;) {
      int v = 0;
      size_t d = 0;
      while (i < n && ascii_digit(w[i]) && d < 3)
        v = v * 10 + (w[i++] - '0'), d++;
      date = d >= 1 && d <= 2 && (v == r->month || v == r->day) && (i == n || w[i] == '.');
      i += i < n;
    }
    if (date)
      return true;
  }
  /* the year a range of years ends on ("1939-1940", "1931-32") */
  if (r->year_end && (n == 4 || n == 2) && ascii_digit(w[0]) && ascii_digit(w[n - 1]) &&
      (n == 4 ? atoi(w) : r->year_end / 100 * 100 + atoi(w)) == r->year_end)
    return true;
  uint64_t need = 0;
  for (size_t i = 0; i < n; i++)
    need |= (uint64_t)1 << ((w[i] | 0x20) & 63);
  if (!fm->names_made) {
    fm->names_made = true;
    for (int role = 0; role < RP_ROLE_COUNT_; role++)
      for (size_t i = 0; i < r->n_names[role]; i++)
        for (int k = 0; k < RP_NAME_PART_COUNT_; k++)
          if (k != RP_NAME_ASCII && r->names[role][i].part[k])
            fm->names |= char_mask(r->names[role][i].part[k]);
  }
  if (!(need & ~fm->names))
    for (int role = 0; role < RP_ROLE_COUNT_; role++)
      for (size_t i = 0; i < r->n_names[role]; i++)
        for (int k = 0; k < RP_NAME_PART_COUNT_; k++)
          if (k != RP_NAME_ASCII && has_word_in(r->names[role][i].part[k], w, n))
            return true;
  for (int f = RP_FIELD_COUNT_ - 1; f >= 0; f--) {
    if (!r->field[f])
      continue;
    if (!(fm->made >> f & 1)) {
      fm->made |= (uint64_t)1 << f;
      fm->m[f] = char_mask(r->field[f]);
    }
    if (!(need & ~fm->m[f]) && has_word_in(r->field[f], w, n))
      return true;
  }
  return false;
}

/* The first cleaned byte whose raw offset is at least off, or the
 * length: found by walking from the guess g (the map is in order, and a
 * guess from the text's shift is right or near). */
static size_t cleaned_at(const rpi_text *t, size_t g, size_t off) {
  const uint32_t *map = t->map;
  if (g > t->len)
    g = t->len;
  while (g < t->len && map[g] < off)
    g++;
  while (g > 0 && map[g - 1] >= off)
    g--;
  return g;
}

/* A byte that may stand around a field's text in its span. */
static bool edge(char c) {
  return c == ' ' || c == '.' || c == ',' || c == ';' || c == ':' || c == '"' || c == '\'' || c == '(' ||
         c == ')';
}

/* The letters, digits and other characters beyond ASCII of v[0..n), in
 * bytes: a field holding fewer than its span dropped something from it. */
static size_t word_bytes(const char *v, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += ascii_alpha(v[i]) || ascii_digit(v[i]) || (unsigned char)v[i] >= 0x80;
  return k;
}

/* Whether w[0..n) is the lower-case ASCII word lit, in any case. */
static bool word_is(const char *w, size_t n, const char *lit) {
  size_t k = 0;
  while (k < n && lit[k] && ascii_lower(w[k]) == lit[k])
    k++;
  return k == n && !lit[k];
}

/* What a word is worth to the report. */
enum { W_CONTENT, W_SHORT, W_LABEL, W_NOISE };

/* The worth of the word v[a..b) before looking in the fields: one
 * character (W_SHORT: "4" in "2019;4(1):1", never content on its own); a
 * label (W_LABEL); a month or a day next to one ("31 January", "Nov 10";
 * pa..pb is the word before), or a word of a two-word label ("PubMed
 * Central", "in press") (W_NOISE); else W_CONTENT. */
static int worth(const char *v, size_t a, size_t b, size_t pa, size_t pb, size_t lim) {
  if (rpi_utf8_len(v + a, b - a) >= b - a)
    return W_SHORT;
  if (is_label(v + a, b - a))
    return W_LABEL;
  if (word_is(v + a, b - a, "central") && word_is(v + pa, pb - pa, "pubmed"))
    return W_NOISE; /* "PubMed Central PMCID: ..." */
  if (word_is(v + a, b - a, "press") && word_is(v + pa, pb - pa, "in"))
    return W_NOISE; /* "in press", a status */
  if (b - a > 2 || !ascii_digit(v[a]) || !ascii_digit(v[b - 1]))
    return W_CONTENT;
  if (pb > pa && rpi_lex_month(v + pa, pb - pa))
    return W_NOISE;
  size_t i = b, l;
  while (i < lim && !word_char(v, i, lim, &l))
    i += l;
  size_t e = word_end(v, i, lim);
  return e > i && rpi_lex_month(v + i, e - i) ? W_NOISE : W_CONTENT;
}

/* Whether [first, last) lies in brackets within [a, b) that hold the
 * medium the type was read from: "[Motion picture]", "[Data set]". */
static bool medium(const st *s, const char *v, size_t a, size_t b, size_t first, size_t last) {
  rp_type ty = s->r->type;
  if (!s->medium && ty != RP_TYPE_SOFTWARE && ty != RP_TYPE_DATASET && ty != RP_TYPE_MOTION_PICTURE)
    return false;
  size_t o = first + 1, c = last > first ? last - 1 : first;
  while (o > a && v[o - 1] != '[' && v[o - 1] != ']')
    o--;
  while (c < b && v[c] != ']' && v[c] != '[')
    c++;
  return o > a && v[o - 1] == '[' && c < b && v[c] == ']';
}

/* Whether [first, last) of the cleaned text v (n bytes) lies in brackets
 * that hold an arXiv subject class or a link text ("[hep-ph]", "[
 * INSPIRE]"); the stretch may start or end inside them. */
static bool id_note(const char *v, size_t n_v, size_t first, size_t last) {
  size_t o = first, c = last > first ? last : first;
  while (o > 0 && v[o - 1] != '[' && v[o - 1] != ']' && first - o < 24)
    o--;
  if (o < first && v[first] == '[')
    o = first + 1;
  while (c < n_v && v[c] != ']' && v[c] != '[' && c - last < 24)
    c++;
  if (c > last && last > first && v[last - 1] == ']')
    c = last - 1;
  if (!(o > 0 && v[o - 1] == '[' && c < n_v && v[c] == ']'))
    return false;
  char t[24];
  size_t n = 0;
  for (size_t q = o; q < c; q++)
    if (v[q] != ' ') {
      if (n == sizeof t)
        return false;
      t[n++] = v[q];
    }
  return n && rpi_ids_category_or_link(t, n);
}

/* Whether v[a..b) holds a bracket. */
static bool bracket_in(const char *v, size_t a, size_t b) {
  for (size_t q = a; q < b; q++)
    if (v[q] == '(' || v[q] == ')' || v[q] == '[' || v[q] == ']')
      return true;
  return false;
}

/* Report what [a, b) of the cleaned text v holds that nothing accounts
 * for: from its first to its last content word that is in no field, with
 * the labels right before that ("Die frühe Neuzeit", "Art. no. 1711") and
 * the one-digit numbers right after it ("2019;4(1):1"), and the brackets
 * around it ("[cs.SE]") or else a period right after it; nothing when there
 * is no such word or when it is a bracketed medium the type was read from. */
static void report(st *s, fieldmasks *fm, const char *v, size_t a, size_t b) {
  size_t first = UNSET, last = 0, pa = 0, pb = 0;
  size_t lead = UNSET; /* where the labels right before i start */
  bool after = false;  /* right after content: one-digit numbers extend it */
  for (size_t i = a, l; i < b;) {
    if (!word_char(v, i, b, &l)) {
      i += l;
      continue;
    }
    size_t j = word_end(v, i, b);
    int k = worth(v, i, j, pa, pb, b);
    if (k == W_CONTENT && in_fields(s->r, fm, v + i, j - i))
      k = W_NOISE;
    if (k == W_CONTENT) {
      if (first == UNSET) {
        first = i;
        if (lead != UNSET && !bracket_in(v, lead, i))
          first = lead;
      }
      last = j;
    } else if (k == W_SHORT && after && ascii_digit(v[i])) {
      last = j;
    }
    after = k == W_CONTENT || (after && k == W_SHORT && ascii_digit(v[i]));
    if (k != W_LABEL) {
      lead = UNSET;
    } else if (lead == UNSET) {
      /* a phrase's first words, not the middle of one ("University of") */
      size_t q = i;
      while (q > 0 && v[q - 1] == ' ')
        q--;
      if (q == 0 || !word_before(v, q))
        lead = i;
    }
    pa = i;
    pb = j;
    i = j;
  }
  if (first == UNSET)
    return;
  /* the brackets around it, when the stretch holds both */
  size_t o = first, e = last;
  while (o > a && v[o - 1] != '(' && v[o - 1] != '[' && v[o - 1] != ')' && v[o - 1] != ']')
    o--;
  while (e < b && v[e] != ')' && v[e] != ']' && v[e] != '(' && v[e] != '[')
    e++;
  if (bracket_in(v, first, last))
    o = a; /* not one pair around it */
  if (o > a && e < b && ((v[o - 1] == '(' && v[e] == ')') || (v[o - 1] == '[' && v[e] == ']')))
    first = o - 1, last = e + 1;
  else if (last < b && v[last] == '.')
    last++;
  if (medium(s, v, a, b, first, last) || id_note(v, s->n, first, last))
    return;
  rpi_buf m;
  char on[256];
  rpi_buf_init_on(&m, on, sizeof on, 240);
  rpi_fields_collapsed(&m, v, first, last < first + 200 ? last : first + 200);
  if (last > first + 200)
    rpi_buf_puts(&m, "...");
  rpi_fields_warn(s, RP_WARN_UNPARSED, first, last, m.err ? "text left over" : rpi_buf_cstr(&m));
  rpi_buf_free(&m);
}

void rpi_stage_unparsed(st *s) {
  const rp_result *r = s->r;
  if (!r->field[RP_FIELD_TITLE] && !r->field[RP_FIELD_CONTAINER_TITLE]) {
    bool warned = false;
    for (size_t i = 0; i < r->n_warn && !warned; i++)
      warned = r->warn[i].code == RP_WARN_NO_TITLE;
    if (!warned)
      rpi_result_warn(s->r, RP_WARN_NO_TITLE, 0, 0, "no title found");
  }
  if (!s->t->map)
    return;
  const char *w = s->w, *c = s->t->s;
  const uint32_t *map = s->t->map;
  /* the body starts after the names and date and whatever was consumed
   * right after them ("Smith J (2016), arXiv:1610.03843 [hep-lat]") */
  size_t from = s->body < s->n ? s->body : s->n;
  while (from > 0 && is_edge(w[from - 1]))
    from--;
  /* the cleaned ranges of the fields that hold all their span's text and
   * of the duplicates and unparsed text already reported, in order of their start;
   * a field holding less leaves its range to be read word by word below */
  enum { MAXR = RP_FIELD_COUNT_ + 16 };
  size_t fa[MAXR], fb[MAXR];
  size_t nf = 0, shift = s->n ? map[0] : 0;
  for (size_t f = 0; f < RP_FIELD_COUNT_ + r->n_warn && nf < MAXR; f++) {
    rp_span sp;
    if (f < RP_FIELD_COUNT_) {
      if (!r->field[f])
        continue;
      sp = r->span[f];
    } else {
      const rpi_warning *wn = &r->warn[f - RP_FIELD_COUNT_];
      if (wn->code != RP_WARN_DUP_LOCATOR && wn->code != RP_WARN_DUP_CONFLICT && wn->code != RP_WARN_UNPARSED)
        continue;
      sp = wn->span;
    }
    if (!sp.len)
      continue;
    /* guessed where cleaning shifted the text by as much as for the last
     * span and left the span's length alone (the common case) */
    size_t a = cleaned_at(s->t, sp.off >= shift ? sp.off - shift : 0, sp.off);
    size_t b = cleaned_at(s->t, a + sp.len, sp.off + sp.len);
    shift = a <= sp.off ? sp.off - a : 0;
    if (b <= a)
      continue;
    if (f < RP_FIELD_COUNT_) {
      /* as long as its span (the common case, counted no further) or as
       * its span without the separators and quotes at its ends: whole */
      size_t vn = strlen(r->field[f]);
      if (vn < b - a) {
        size_t ta = a, tb = b;
        while (ta < tb && edge(c[ta]))
          ta++;
        while (tb > ta && edge(c[tb - 1]))
          tb--;
        if (vn < tb - ta && word_bytes(r->field[f], vn) < word_bytes(c + ta, tb - ta))
          continue;
      }
    }
    size_t k = nf++;
    while (k > 0 && fa[k - 1] > a) {
      fa[k] = fa[k - 1];
      fb[k] = fb[k - 1];
      k--;
    }
    fa[k] = a;
    fb[k] = b;
  }
  /* the gaps between those ranges, cut where consumed text starts or ends */
  fieldmasks fm;
  fm.made = 0;
  fm.names_made = false;
  fm.names = 0;
  size_t i = from, q = 0;
  while (i < s->n) {
    while (q < nf && fb[q] <= i)
      q++;
    if (q < nf && fa[q] <= i) {
      i = fb[q];
      continue;
    }
    size_t end = q < nf ? fa[q] : s->n;
    while (i < end) {
      bool used = w[i] != c[i];
      size_t j = i + 1;
      while (j < end && (w[j] != c[j]) == used)
        j++;
      report(s, &fm, c, i, j);
      i = j;
    }
  }
}
