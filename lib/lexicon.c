#include "lexicon.h"

#include <stdint.h>
#include <string.h>

/* The tables: lib/data/<list>.txt compiled by tools/make_lexicon.py at build
 * time (lib/meson.build), sorted, with their indexes (first bytes, the hash
 * of the abbreviations); the build fails on a duplicate entry or a list no
 * code here reads. */
#include "lexicon_tables.h"

/* w[0..n) against the NUL-terminated e in byte order (strcmp's order, a
 * prefix first); fold: ASCII letters compared as lower case. */
static int word_cmp(const char *w, size_t n, const char *e, bool fold) {
  for (size_t k = 0; k < n; k++) {
    unsigned char a = (unsigned char)w[k], b = (unsigned char)e[k];
    if (fold && a >= 'A' && a <= 'Z')
      a = (unsigned char)(a + 32);
    if (fold && b >= 'A' && b <= 'Z')
      b = (unsigned char)(b + 32);
    if (b == 0 || a != b)
      return (b == 0 || a > b) ? 1 : -1;
  }
  return e[n] ? -1 : 0;
}

/* Binary search in list[0..count), sorted in word_cmp's order (with the
 * same fold, as the generator sorts): w's entry, or NULL. */
static inline const char *find_sorted(const char *const *list, size_t count, const char *w, size_t n,
                                      bool fold) {
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int d = word_cmp(w, n, list[mid], fold);
    if (d == 0)
      return list[mid];
    if (d < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}
static inline bool in_sorted(const char *const *list, size_t count, const char *w, size_t n, bool fold) {
  return find_sorted(list, count, w, n, fold) != NULL;
}

/* FNV-1a of w[0..n), as tools/make_lexicon.py's fnv1a hashes the entries
 * of the hash-indexed lists and the journal keys. */
static unsigned word_hash(const char *w, size_t n) {
  unsigned h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)w[i]) * 16777619u;
  return h;
}

/* A list with a hash index (the long lists asked at every period or
 * capitalised word): an open-addressing table built by the generator
 * (FNV-1a, linear probing, at most one slot in eight used) whose slots
 * hold an entry's index + 1, 0 when empty. Most words of a text are in no
 * list and meet an empty slot at the first probe; an entry is found in
 * one or two. */
static inline bool in_hash(const char *const *list, const uint16_t *slot, unsigned nslots, size_t minlen,
                           size_t maxlen, const char *w, size_t n) {
  if (n < minlen || n > maxlen)
    return false; /* no entry has that length: not worth hashing */
  for (unsigned h = word_hash(w, n) & (nslots - 1); slot[h]; h = (h + 1) & (nslots - 1)) {
    const char *e = list[slot[h] - 1];
    if (strncmp(e, w, n) == 0 && e[n] == '\0')
      return true;
  }
  return false;
}

/* in_hash() on the generated list lex_<name>, whose slots and lengths are
 * lex_<name>_slot and LEX_<NAME>_SLOTS, _MINLEN, _MAXLEN. */
#define IN_HASH(name, NAME, w, n)                                                                           \
  in_hash(lex_##name, lex_##name##_slot, LEX_##NAME##_SLOTS, LEX_##NAME##_MINLEN, LEX_##NAME##_MAXLEN, (w), (n))

bool rpi_lex_is_abbrev(const char *w, size_t n) {
  return IN_HASH(iso4_abbrevs, ISO4_ABBREVS, w, n);
}

/* A list with a first-byte index (lexicon_tables.h): its entries that
 * start with byte c (lower case for a caseless list) are list[at[c] ..
 * at[c + 1]), so only those are searched, none when no entry starts with
 * w's first byte: the answer of a search of the whole list. */
static inline bool in_first_byte(const char *const *list, const unsigned short *at, const char *w, size_t n,
                                 bool fold) {
  if (!n)
    return false;
  unsigned c = (unsigned char)w[0];
  if (fold && c >= 'A' && c <= 'Z')
    c += 32;
  return in_sorted(list + at[c], (size_t)(at[c + 1] - at[c]), w, n, fold);
}

bool rpi_lex_is_inner_abbrev(const char *w, size_t n) {
  return in_first_byte(lex_inner_abbrevs, lex_inner_abbrevs_at, w, n, false);
}

bool rpi_lex_is_particle(const char *w, size_t n) {
  return in_first_byte(lex_particles, lex_particles_at, w, n, false);
}

bool rpi_lex_is_cap_particle(const char *w, size_t n) {
  return in_first_byte(lex_cap_particles, lex_cap_particles_at, w, n, false);
}

bool rpi_lex_is_given_name(const char *w, size_t n) {
  return IN_HASH(given_names, GIVEN_NAMES, w, n);
}

bool rpi_lex_is_single_name(const char *w, size_t n) {
  return IN_HASH(single_names, SINGLE_NAMES, w, n);
}

bool rpi_lex_is_status(const char *w, size_t n) {
  return in_sorted(lex_status_phrases, LEX_STATUS_PHRASES_COUNT, w, n, true);
}

#define ORG_MAX 32 /* every org_words entry is shorter */
_Static_assert(LEX_ORG_WORDS_MAXLEN < ORG_MAX, "an org word fits low[ORG_MAX]");

/* Case-insensitive for ASCII, so "WORLD HEALTH ORGANIZATION" counts; a
 * short all-capital acronym (WHO) must match exactly. */
bool rpi_lex_is_org_word(const char *w, size_t n) {
  if (IN_HASH(org_words, ORG_WORDS, w, n))
    return true;
  for (size_t i = 0; i < n; i++)
    if ((w[i] >= 'a' && w[i] <= 'z') ||
        ((unsigned char)w[i] == 0xC3 && i + 1 < n && (unsigned char)w[i + 1] >= 0xA0))
      return false; /* only an all-capital word is compared without case */
  if (n <= 4 || n >= ORG_MAX)
    return false;
  /* An entry equal to w but for ASCII case is all capitals (w itself, not
   * found above), a capital and no other (w[0] and the rest lowered) or
   * has no capital (all lowered): rpi_lex_check verifies each entry is one
   * of these, so two exact searches give the case-blind answer. */
  /* (and the Latin-1 capitals after 0xC3: "MINISTÉRIO", "ASSOCIAÇÃO") */
  char low[ORG_MAX];
  for (size_t i = 0; i < n; i++) {
    low[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
    unsigned char b = (unsigned char)w[i];
    if (i > 0 && (unsigned char)w[i - 1] == 0xC3 && b >= 0x80 && b <= 0x9E && b != 0x97)
      low[i] = (char)(b + 0x20);
  }
  if (IN_HASH(org_words, ORG_WORDS, low, n))
    return true;
  low[0] = w[0];
  if (n > 1 && (unsigned char)w[0] == 0xC3)
    low[1] = w[1]; /* "ÉCOLE": the first letter, both its bytes, stays a capital */
  return IN_HASH(org_words, ORG_WORDS, low, n);
}

/* Months (lower-cased by the generator, sorted in word_cmp's order): the
 * entries starting with letter 'a' + k are lex_months[lex_months_at[k] ..
 * lex_months_at[k + 1]), and the search looks only there. */
int rpi_lex_month(const char *w, size_t n) {
  char low[16];
  _Static_assert(LEX_MONTHS_MAXLEN < sizeof low, "a month word fits low[]");
  if (n < LEX_MONTHS_MINLEN || n > LEX_MONTHS_MAXLEN) /* no other length can match */
    return 0;
  unsigned k0 = (unsigned)((w[0] | 0x20) - 'a');
  if (k0 >= 26 || lex_months_at[k0] == lex_months_at[k0 + 1])
    return 0; /* no entry starts with this letter (or it is no letter) */
  for (size_t i = 0; i < n; i++) {
    char c = w[i];
    low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  size_t lo = lex_months_at[k0], hi = lex_months_at[k0 + 1];
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int d = word_cmp(low, n, lex_months[mid].w, false);
    if (d == 0)
      return lex_months[mid].v;
    if (d < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return 0;
}

/* Seasons: a short list (lower-cased by the generator), searched in order. */
int rpi_lex_season(const char *w, size_t n) {
  char low[16];
  _Static_assert(LEX_SEASONS_MAXLEN < sizeof low, "a season word fits low[]");
  if (n < LEX_SEASONS_MINLEN || n > LEX_SEASONS_MAXLEN)
    return 0;
  for (size_t i = 0; i < n; i++)
    low[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
  for (size_t i = 0; lex_seasons[i].w; i++)
    if (word_cmp(low, n, lex_seasons[i].w, false) == 0)
      return lex_seasons[i].v;
  return 0;
}

bool rpi_lex_is_journal_word(const char *w, size_t n) {
  return in_first_byte(lex_journal_words, lex_journal_words_at, w, n, true);
}

/* A word with one digit inside is repaired only when removing that digit
 * gives one of lex_known_words. */
const char *rpi_lex_repair_word(const char *w, size_t n) {
  size_t digits = 0, pos = 0;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)(w[i] - '0') < 10) {
      if (++digits > 1) /* two digits: no repair (and no need to look on) */
        return NULL;
      pos = i;
    }
  if (digits != 1 || pos == 0 || pos == n - 1)
    return NULL;
  if (n - 1 < LEX_KNOWN_WORDS_MINLEN || n - 1 > LEX_KNOWN_WORDS_MAXLEN)
    return NULL; /* no entry has this length */
  char joined[LEX_KNOWN_WORDS_MAXLEN];
  memcpy(joined, w, pos);
  memcpy(joined + pos, w + pos + 1, n - pos - 1);
  return find_sorted(lex_known_words, LEX_KNOWN_WORDS_COUNT, joined, n - 1, false);
}

/* This runs at every capitalized word of every reference: the split forms
 * and their lengths are in the table (lex_split_phrases), each begins with
 * an ASCII capital, and no entry starts another. */

const char *rpi_lex_repair_phrase(const char *s, size_t n, size_t *consumed) {
  if (n < 2)
    return NULL; /* every split form is longer */
  for (size_t i = 0; i < LEX_SPLIT_PHRASES_COUNT; i++) {
    const char *p = lex_split_phrases[i].w;
    size_t l = lex_split_phrases[i].len;
    if (s[0] != p[0] || s[1] != p[1]) /* most entries differ at once */
      continue;
    if (l <= n && memcmp(s, p, l) == 0 && (l == n || s[l] == ' ' || s[l] == '.' || s[l] == ',')) {
      *consumed = l;
      return lex_split_phrases[i].v;
    }
  }
  return NULL;
}

bool rpi_lex_is_city(const char *w, size_t n) {
  return IN_HASH(cities, CITIES, w, n);
}

bool rpi_lex_is_publisher(const char *w, size_t n) {
  return IN_HASH(publishers, PUBLISHERS, w, n);
}

bool rpi_lex_is_country(const char *w, size_t n) {
  return IN_HASH(countries, COUNTRIES, w, n);
}

/* ---- journals --------------------------------------------------------- */

#define JKEY_CAP (LEX_JOURNALS_KEYMAX + 8) /* a dropped article ("les ") fits */

/* The key of a journal title or abbreviation into out[JKEY_CAP], exactly
 * as tools/make_lexicon.py's jnorm makes it (the tables are keyed so):
 * "The J. Biol. Chem." -> "j biol chem". Returns its length, 0 when it
 * has no word or is too long to be any key. */
static size_t journal_key(const char *s, size_t n, char *out) {
  size_t k = 0;
  bool in_word = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i], low = lex_journal_low[c];
    if (low || !c) { /* most bytes: a run of ASCII letters and digits (a NUL
                      * is a byte of a word too, as jnorm has it) */
      if (k + 2 > JKEY_CAP)
        return 0;
      if (!in_word && k)
        out[k++] = ' ';
      in_word = true;
      for (;;) {
        out[k++] = (char)low;
        if (i + 1 == n || !(low = lex_journal_low[(unsigned char)s[i + 1]]))
          break;
        if (k + 2 > JKEY_CAP)
          return 0;
        i++;
      }
      continue;
    }
    if (lex_journal_sep[c] == 1) { /* the next most common: a space or a stop */
      in_word = false;
      continue;
    }
    const char *rep;
    char one[2] = {0, 0};
    unsigned char c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0;
    if (c == 0xC3 && c1 >= 0x80 && c1 <= 0xBF && lex_journal_fold[c1 - 0x80][0]) {
      rep = lex_journal_fold[c1 - 0x80];
      i++;
    } else if (lex_journal_sep[c] == 2) {
      rep = "and";
      in_word = false;
    } else {
      one[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
      rep = one;
    }
    size_t l = strlen(rep);
    if (k + 1 + l > JKEY_CAP)
      return 0;
    if (!in_word && k)
      out[k++] = ' ';
    memcpy(out + k, rep, l);
    k += l;
    in_word = c != '&';
  }
  /* a leading article goes when more words follow */
  const char *sp = memchr(out, ' ', k);
  if (sp) {
    size_t l = (size_t)(sp - out);
    for (size_t a = 0; lex_journal_articles[a]; a++) {
      const char *art = lex_journal_articles[a];
      if (art[0] == out[0] && strncmp(out, art, l) == 0 && !art[l]) {
        memmove(out, sp + 1, k - l - 1);
        k -= l + 1;
        break;
      }
    }
  }
  return k;
}

static bool journal_key_is(const char *e, const char *key, size_t k) {
  char ek[JKEY_CAP];
  return journal_key(e, strlen(e), ek) == k && memcmp(ek, key, k) == 0;
}

/* A journal slot holds the entry + 1 in bits 0-16, bits 18-31 of its key's
 * hash in bits 17-30 (tools/make_lexicon.py, hash_slots) and
 * LEX_JOURNALS_AMBIGUOUS in bit 31. */
#define JSLOT_ENTRY(v) ((v) & 0x1FFFFu)
#define JSLOT_PRINT(v) (((v) >> 17) & 0x3FFFu)

/* Entry e's title and abbreviation; whether the abbreviation's key is
 * the title's (then neither is the other's other form). */
#define JFULL(e) (lex_journals_text + lex_journals[e].full)
#define JABBR(e) (lex_journals_text + (lex_journals[e].abbr & ~LEX_JOURNALS_SAME_KEY))
#define JSAME(e) ((lex_journals[e].abbr & LEX_JOURNALS_SAME_KEY) != 0)

/* The slot value whose title (abbr false) or abbreviation (abbr true) has
 * key[0..k), whose word_hash is full, or 0. Open addressing (FNV-1a,
 * linear probing, at most half the slots used): a probe whose hash bits
 * differ is passed over, one whose bits agree compares the key of the
 * entry's string. */
static uint32_t journal_find(const char *key, size_t k, unsigned full, bool abbr) {
  const uint32_t *slot = abbr ? lex_journals_abbr_slot : lex_journals_full_slot;
  unsigned mask = (abbr ? LEX_JOURNALS_ABBR_SLOTS : LEX_JOURNALS_FULL_SLOTS) - 1;
  unsigned h = full & mask, print = (full >> 18) & 0x3FFFu;
  for (; slot[h]; h = (h + 1) & mask) {
    if (JSLOT_PRINT(slot[h]) != print)
      continue;
    uint32_t e = JSLOT_ENTRY(slot[h]) - 1;
    if (journal_key_is(abbr ? JABBR(e) : JFULL(e), key, k))
      return slot[h];
  }
  return 0;
}

rpi_journal_kind rpi_lex_journal(const char *s, size_t n, const char **other) {
  char key[JKEY_CAP];
  *other = NULL;
  size_t k = journal_key(s, n, key);
  if (!k)
    return RPI_JOURNAL_NONE;
  unsigned full = word_hash(key, k); /* the two tables hash keys alike */
  uint32_t v = journal_find(key, k, full, false);
  if (v) {
    if (!JSAME(JSLOT_ENTRY(v) - 1))
      *other = JABBR(JSLOT_ENTRY(v) - 1);
    return RPI_JOURNAL_TITLE;
  }
  v = journal_find(key, k, full, true);
  if (!v)
    return RPI_JOURNAL_NONE;
  if (v & LEX_JOURNALS_AMBIGUOUS)
    return RPI_JOURNAL_AMBIGUOUS;
  if (!JSAME(JSLOT_ENTRY(v) - 1))
    *other = JFULL(JSLOT_ENTRY(v) - 1);
  return RPI_JOURNAL_ABBREV;
}


/* The phrase lists by rpi_lex_list: their entries and first-byte ranges. */
static const struct {
  const rpi_lex_phrase *e;
  const unsigned short *at;
} phrase_lists[RPI_LEX_LIST_COUNT_] = {
    [RPI_LEX_PUBLISHER_WORDS] = {lex_publisher_words, lex_publisher_words_at},
    [RPI_LEX_PROCEEDINGS_STARTS] = {lex_proceedings_starts, lex_proceedings_starts_at},
    [RPI_LEX_EVENT_WORDS] = {lex_event_words, lex_event_words_at},
    [RPI_LEX_EDITOR_MARKS] = {lex_editor_marks, lex_editor_marks_at},
    [RPI_LEX_GENRE_NOTES] = {lex_genre_notes, lex_genre_notes_at},
    [RPI_LEX_GENRE_ONLY] = {lex_genre_only, lex_genre_only_at},
    [RPI_LEX_IN_PRESS] = {lex_in_press, lex_in_press_at},
    [RPI_LEX_ARTICLES] = {lex_articles, lex_articles_at},
    [RPI_LEX_SUBTITLE_NOTES] = {lex_subtitle_notes, lex_subtitle_notes_at},
    [RPI_LEX_SHORT_ABBREVS] = {lex_short_abbrevs, lex_short_abbrevs_at},
    [RPI_LEX_THESIS_NOTES] = {lex_thesis_notes, lex_thesis_notes_at},
    [RPI_LEX_DEGREE_WORDS] = {lex_degree_words, lex_degree_words_at},
    [RPI_LEX_VOLUME_UNITS] = {lex_volume_units, lex_volume_units_at},
    [RPI_LEX_IN_WORDS] = {lex_in_words, lex_in_words_at},
    [RPI_LEX_WEB_NOTES] = {lex_web_notes, lex_web_notes_at},
    [RPI_LEX_TRANSLATOR_NOTES] = {lex_translator_notes, lex_translator_notes_at},
    [RPI_LEX_VERSION_WORDS] = {lex_version_words, lex_version_words_at},
    [RPI_LEX_EDITION_WORDS] = {lex_edition_words, lex_edition_words_at},
    [RPI_LEX_TRANSLATOR_MARKERS] = {lex_translator_markers, lex_translator_markers_at},
    [RPI_LEX_EDITOR_CUES] = {lex_editor_cues, lex_editor_cues_at},
    [RPI_LEX_CONTAINER_NOTES] = {lex_container_notes, lex_container_notes_at},
    [RPI_LEX_AFTER_MARKS] = {lex_after_marks, lex_after_marks_at},
    [RPI_LEX_REPORT_SERIES] = {lex_report_series, lex_report_series_at},
    [RPI_LEX_CLOSING_NOTES] = {lex_closing_notes, lex_closing_notes_at},
};

/* Their second-byte bits (lexicon.h). */
const uint64_t *const rpi_lex_next_bits[RPI_LEX_LIST_COUNT_] = {
    [RPI_LEX_PUBLISHER_WORDS] = lex_publisher_words_next,
    [RPI_LEX_PROCEEDINGS_STARTS] = lex_proceedings_starts_next,
    [RPI_LEX_EVENT_WORDS] = lex_event_words_next,
    [RPI_LEX_EDITOR_MARKS] = lex_editor_marks_next,
    [RPI_LEX_GENRE_NOTES] = lex_genre_notes_next,
    [RPI_LEX_GENRE_ONLY] = lex_genre_only_next,
    [RPI_LEX_IN_PRESS] = lex_in_press_next,
    [RPI_LEX_ARTICLES] = lex_articles_next,
    [RPI_LEX_SUBTITLE_NOTES] = lex_subtitle_notes_next,
    [RPI_LEX_SHORT_ABBREVS] = lex_short_abbrevs_next,
    [RPI_LEX_THESIS_NOTES] = lex_thesis_notes_next,
    [RPI_LEX_DEGREE_WORDS] = lex_degree_words_next,
    [RPI_LEX_VOLUME_UNITS] = lex_volume_units_next,
    [RPI_LEX_IN_WORDS] = lex_in_words_next,
    [RPI_LEX_WEB_NOTES] = lex_web_notes_next,
    [RPI_LEX_TRANSLATOR_NOTES] = lex_translator_notes_next,
    [RPI_LEX_VERSION_WORDS] = lex_version_words_next,
    [RPI_LEX_EDITION_WORDS] = lex_edition_words_next,
    [RPI_LEX_TRANSLATOR_MARKERS] = lex_translator_markers_next,
    [RPI_LEX_EDITOR_CUES] = lex_editor_cues_next,
    [RPI_LEX_CONTAINER_NOTES] = lex_container_notes_next,
    [RPI_LEX_AFTER_MARKS] = lex_after_marks_next,
    [RPI_LEX_REPORT_SERIES] = lex_report_series_next,
    [RPI_LEX_CLOSING_NOTES] = lex_closing_notes_next,
};

const rpi_lex_phrase *rpi_lex_entries(rpi_lex_list l) { return phrase_lists[l].e; }

/* The entries that s may start with share its first byte and sit together
 * in byte order; every match is a prefix of s, so of any longer match, and
 * the last one in byte order is the longest. */
size_t rpi_lex_at_walk(rpi_lex_list l, const char *s, size_t n) {
  unsigned char c = (unsigned char)s[0];
  const rpi_lex_phrase *e = phrase_lists[l].e;
  /* the second and third bytes first: most entries differ there (many
   * share two bytes: ", ed.", ", trans."), and no call is made for them;
   * the first byte is c's */
  for (size_t i = phrase_lists[l].at[c + 1]; i > phrase_lists[l].at[c]; i--) {
    const rpi_lex_phrase *x = &e[i - 1];
    if (x->n > n || (x->n >= 2 && x->s[1] != s[1]) || (x->n >= 3 && x->s[2] != s[2]))
      continue;
    if (x->n <= 3 || memcmp(s + 3, x->s + 3, x->n - 3) == 0)
      return x->n;
  }
  return 0;
}

/* The C side of the generator's promises: every sorted list is in the
 * order its binary search needs (word_cmp's order is the generator's),
 * every entry is found again through its public lookup and its first-byte
 * bit, and the lists have the shapes the lookups' fast paths assume
 * (tests/unit/test_lexicon.c): an entry that breaks one would otherwise
 * silently never be found. */
size_t rpi_lex_check(void) {
  static const struct {
    const char *const *list;
    size_t count;
    bool fold;
    bool (*lookup)(const char *, size_t);
    unsigned fb; /* its bit in lex_first_byte, 0: none */
  } sorted[] = {
      {lex_iso4_abbrevs, LEX_ISO4_ABBREVS_COUNT, false, rpi_lex_is_abbrev, 0},
      {lex_inner_abbrevs, LEX_INNER_ABBREVS_COUNT, false, rpi_lex_is_inner_abbrev, LEX_FB_INNER_ABBREVS},
      {lex_particles, LEX_PARTICLES_COUNT, false, rpi_lex_is_particle, LEX_FB_PARTICLES},
      {lex_cap_particles, LEX_CAP_PARTICLES_COUNT, false, rpi_lex_is_cap_particle, LEX_FB_CAP_PARTICLES},
      {lex_org_words, LEX_ORG_WORDS_COUNT, false, rpi_lex_is_org_word, 0},
      {lex_journal_words, LEX_JOURNAL_WORDS_COUNT, true, rpi_lex_is_journal_word, LEX_FB_JOURNAL_WORDS},
      {lex_known_words, LEX_KNOWN_WORDS_COUNT, false, NULL, 0},
      {lex_cities, LEX_CITIES_COUNT, false, rpi_lex_is_city, 0},
      {lex_countries, LEX_COUNTRIES_COUNT, false, rpi_lex_is_country, 0},
      {lex_publishers, LEX_PUBLISHERS_COUNT, false, rpi_lex_is_publisher, 0},
      {lex_given_names, LEX_GIVEN_NAMES_COUNT, false, rpi_lex_is_given_name, 0},
      {lex_single_names, LEX_SINGLE_NAMES_COUNT, false, rpi_lex_is_single_name, 0},
      {lex_status_phrases, LEX_STATUS_PHRASES_COUNT, true, rpi_lex_is_status, 0},
  };
  size_t bad = 0;
  for (size_t k = 0; k < sizeof sorted / sizeof sorted[0]; k++)
    for (size_t i = 0; i < sorted[k].count; i++) {
      const char *w = sorted[k].list[i];
      if (i + 1 < sorted[k].count && word_cmp(w, strlen(w), sorted[k].list[i + 1], sorted[k].fold) >= 0)
        bad++;
      if (!in_sorted(sorted[k].list, sorted[k].count, w, strlen(w), sorted[k].fold) ||
          (sorted[k].lookup && !sorted[k].lookup(w, strlen(w))))
        bad++;
      unsigned char c0 = (unsigned char)w[0], other = c0 ^ 0x20; /* the other case of a letter */
      if (sorted[k].fb && (!(lex_first_byte[c0] & sorted[k].fb) ||
                           (sorted[k].fold && ((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z') &&
                            !(lex_first_byte[other] & sorted[k].fb))))
        bad++;
    }
  if (lex_months_at[26] != LEX_MONTHS_COUNT)
    bad++;
  /* each phrase list: in byte order, its ranges right, every entry found */
  for (size_t l = 0; l < RPI_LEX_LIST_COUNT_; l++) {
    const rpi_lex_phrase *e = phrase_lists[l].e;
    size_t i = 0;
    for (; e[i].s; i++) {
      unsigned char c = (unsigned char)e[i].s[0];
      bad += e[i].n != strlen(e[i].s) || i < phrase_lists[l].at[c] || i >= phrase_lists[l].at[c + 1];
      bad += e[i + 1].s && strcmp(e[i].s, e[i + 1].s) >= 0;
      bad += rpi_lex_at((rpi_lex_list)l, e[i].s, e[i].n) != e[i].n;
    }
    bad += phrase_lists[l].at[256] != i;
  }
  /* the case shapes rpi_lex_is_org_word relies on: all ASCII letters
   * capitals, or none but the first, or none */
  for (size_t i = 0; i < LEX_ORG_WORDS_COUNT; i++) {
    const char *w = lex_org_words[i];
    size_t caps = 0, rest_caps = 0, letters = 0;
    for (size_t k = 0; w[k]; k++) {
      bool up = w[k] >= 'A' && w[k] <= 'Z';
      letters += up || (w[k] >= 'a' && w[k] <= 'z');
      caps += up;
      rest_caps += up && k > 0;
    }
    bad += !(caps == letters || rest_caps == 0);
  }
  /* the shapes pass 3 of the cleaner relies on (text.c): a known word is
   * ASCII letters after a capital, a split phrase starts with a capital */
  for (size_t i = 0; lex_known_words[i]; i++) {
    const char *w = lex_known_words[i];
    bool ok = w[0] >= 'A' && w[0] <= 'Z';
    for (size_t k = 1; w[k]; k++)
      ok = ok && ((w[k] | 0x20) >= 'a' && (w[k] | 0x20) <= 'z');
    char stray[LEX_KNOWN_WORDS_MAXLEN + 1]; /* w with a 0 after its capital */
    size_t n = strlen(w);
    stray[0] = w[0];
    stray[1] = '0';
    memcpy(stray + 2, w + 1, n - 1);
    bad += !ok || rpi_lex_repair_word(stray, n + 1) != w;
  }
  for (size_t i = 0; i < LEX_SPLIT_PHRASES_COUNT; i++) {
    size_t used = 0;
    const char *p = lex_split_phrases[i].w;
    bad += !(p[0] >= 'A' && p[0] <= 'Z') || lex_split_phrases[i].len != strlen(p) ||
           rpi_lex_repair_phrase(p, strlen(p), &used) != lex_split_phrases[i].v ||
           used != strlen(p);
  }
  /* every journal entry found again: its title as a title (of this entry
   * or of the one kept for the same key), its abbreviation as an
   * abbreviation or as a title; its same-key bit true exactly when the
   * two keys are one */
  for (size_t i = 0; i < LEX_JOURNALS_COUNT; i++) {
    const char *o, *f = JFULL(i), *a = JABBR(i);
    bad += rpi_lex_journal(f, strlen(f), &o) != RPI_JOURNAL_TITLE;
    bad += rpi_lex_journal(a, strlen(a), &o) == RPI_JOURNAL_NONE;
    char fk[JKEY_CAP];
    size_t fn = journal_key(f, strlen(f), fk);
    bad += JSAME(i) != journal_key_is(a, fk, fn);
  }
  for (size_t i = 0; lex_months[i].w; i++) {
    unsigned k0 = (unsigned)(lex_months[i].w[0] - 'a');
    if (k0 >= 26 || i < lex_months_at[k0] || i >= lex_months_at[k0 + 1])
      bad++;
    if (lex_months[i + 1].w && word_cmp(lex_months[i].w, strlen(lex_months[i].w), lex_months[i + 1].w, false) >= 0)
      bad++;
    if (rpi_lex_month(lex_months[i].w, strlen(lex_months[i].w)) != lex_months[i].v)
      bad++;
  }
  for (size_t i = 0; lex_seasons[i].w; i++)
    bad += rpi_lex_season(lex_seasons[i].w, strlen(lex_seasons[i].w)) != lex_seasons[i].v ||
           lex_seasons[i].v < 1 || lex_seasons[i].v > 4;
  return bad;
}
