/* clean_words.c: cleaning pass 3, list markers, dashes, quotes,
 * punctuation, lexicon word repairs and spaces (see clean.h). */
#include "clean.h"

#include "lexicon.h"
#include "utf8.h"

static bool is_dash(unsigned cp) {
  return cp == 0x2012 || cp == 0x2013 || cp == 0x2014 || cp == 0x2015 ||
         cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63 || cp == 0xFF0D;
}

/* Bullets, and the private-use characters a word processor's Symbol or
 * Wingdings bullet becomes when pasted (U+F000-U+F0FF: "\xef\x80\xad" for
 * the Symbol dash). */
static bool is_bullet(unsigned cp) {
  return (cp >= 0xF000 && cp <= 0xF0FF) || cp == 0x2022 || cp == 0xB7 || cp == 0x25AA || cp == 0x25E6 ||
         cp == 0x2023 || cp == 0x2219 || cp == 0x25CF || cp == 0x25CB ||
         cp == 0x25A0 || cp == 0x25A1 || cp == 0x2013 || cp == 0x2014 ||
         cp == '*' || cp == '-' || cp == 0x2043 || cp == 0x27A2 || cp == 0x25BA;
}

/* Whether s[from, n) holds a year (four digits standing alone) other
 * than y. */
static bool other_year(const char *s, size_t n, size_t from, const char *y) {
  for (size_t q = from; q + 4 <= n; q++)
    if ((q == 0 || s[q - 1] < '0' || s[q - 1] > '9') && (q + 4 == n || s[q + 4] < '0' || s[q + 4] > '9') &&
        rpi_lex_is_year(s + q) && memcmp(s + q, y, 4) != 0)
      return true;
  return false;
}

/* Whether s[j, n) opens with a capitalized plural and a preposition: the
 * number before it counts the noun of a title ("10 Facts on Obesity", "50
 * Years of Physics", "7 Ways to ..."), it does not number the list. A
 * family name ending in s is followed by initials or a comma ("2 Lemos DR",
 * "15 Rodrigues, S."), a Portuguese particle ("Barros da") by no word here.
 * A word in -ics, -ss, -us or -is counts nothing ("58 Statistics on the
 * Information Society": the list's number). */
static bool counted_noun(const char *s, size_t n, size_t j) {
  size_t e = j;
  while (e < n && ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z')))
    e++;
  if (e - j < 3 || s[e - 1] != 's' || e >= n || s[e] != ' ')
    return false;
  /* not a plural: "Statistics", "Process", "Analysis", "Virus" */
  char p1 = s[e - 2], p2 = s[e - 3];
  if (p1 == 's' || p1 == 'u' || p1 == 'i' || (p1 == 'c' && p2 == 'i'))
    return false;
  static const char *const preps[] = {"of ", "on ", "to ", "for ", "about ", "that "};
  for (size_t k = 0; k < sizeof preps / sizeof preps[0]; k++) {
    size_t l = strlen(preps[k]);
    if (e + 1 + l <= n && memcmp(s + e + 1, preps[k], l) == 0)
      return true;
  }
  return false;
}

/* Length of a list marker at the start of s ("• ", "[12] ", "12. ", "(3) ",
 * "12) "), 0 if none. The number, if any, goes to num[0..*numlen). */
/* "42 U.S.C. § 1983": the number is the code's title, not a list
 * number -- a short abbreviation from j, then a section sign. */
static bool code_title(const char *s, size_t n, size_t j) {
  size_t e = j;
  while (e < n && e < j + 16 && (((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <= 'z') || s[e] == '.' || s[e] == ' '))
    e++;
  return e > j && e + 1 < n && s[e] == '\xc2' && s[e + 1] == '\xa7';
}

size_t rpi_ditto_len(const char *s, size_t n) {
  if (!n || (s[0] != '-' && s[0] != '_' && s[0] != '\xe2'))
    return 0;
  size_t j = 0, run = 0, em = 0;
  while (j < n) {
    unsigned c = 0;
    size_t l = rpi_utf8_decode((const unsigned char *)s + j, n - j, &c);
    if (!l || !(c == 0x2014 || c == 0x2013 || c == '-' || c == '_'))
      break;
    run++;
    em += c == 0x2014;
    j += l;
  }
  if (!run)
    return 0;
  if (run >= 3 || em >= 2) {
    if (j < n && s[j] != ' ' && s[j] != '.' && s[j] != ',')
      return 0;
  } else if (!(run == 1 && j < n && (s[j] == ',' || s[j] == '.') && (j + 1 == n || s[j + 1] == ' '))) {
    return 0;
  }
  while (j < n && (s[j] == ' ' || s[j] == ',' || s[j] == '.'))
    j++;
  return j;
}

/* A byte of a citation key's label: an ASCII letter or digit, '+', '-'. */
static bool is_label_byte(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '+' || c == '-';
}

static size_t marker_at(const char *s, size_t n, size_t *num_off, size_t *num_len) {
  unsigned cp;
  size_t l = rpi_utf8_decode((const unsigned char *)s, n, &cp);
  *num_len = 0;
  if (!l)
    return 0;
  /* "———, Title", "—. 2005.": the same author as the previous entry;
   * "-- Title", two dashes, a marker */
  size_t ditto = rpi_ditto_len(s, n);
  if (ditto)
    return ditto;
  if (cp == 0x2014 || cp == 0x2013 || cp == '-' || cp == '_') {
    size_t j = 0;
    int count = 0;
    while (j < n) {
      unsigned c2;
      size_t l2 = rpi_utf8_decode((const unsigned char *)s + j, n - j, &c2);
      if (!l2 || !(c2 == 0x2014 || c2 == 0x2013 || c2 == '-' || c2 == '_'))
        break;
      j += l2;
      count++;
    }
    if (count >= 2) {
      while (j < n && (s[j] == ' ' || s[j] == ',' || s[j] == '.'))
        j++;
      return j;
    }
  }
  if (is_bullet(cp)) {
    if (l < n && s[l] == ' ')
      return l + 1;
    if (cp != '-' && cp != '*' && cp != 0x2013 && cp != 0x2014)
      return l;
    return 0;
  }
  /* BibTeX's alpha labels and citation keys: "[Knu84]", "[GJ79]",
   * "[ABC+90a]", "[Allison2006-MIT]", before a capital: a marker, no number */
  if (s[0] == '[' && n > 4 && s[1] >= 'A' && s[1] <= 'Z') {
    size_t j = 1, digits = 0, run = 0, best = 0;
    while (j < n && j < 26 && (is_label_byte(s[j]))) {
      run = s[j] >= '0' && s[j] <= '9' ? run + 1 : 0;
      digits += run > 0;
      best = run > best ? run : best;
      j++;
    }
    if (j < n && s[j] == ']' && (best == 2 || best == 4) && digits == best && j + 2 < n && s[j + 1] == ' ') {
      size_t k = j + 1;
      while (k < n && s[k] == ' ')
        k++;
      unsigned nx;
      if (k < n && rpi_utf8_decode((const unsigned char *)s + k, n - k, &nx) && (rpi_is_upper(nx) || nx == 0x201C || nx == '"'))
        return k;
    }
  }
  size_t i = 0;
  char open = 0;
  if (s[0] == '[' || s[0] == '(') {
    open = s[0];
    i = 1;
  }
  size_t d = i;
  while (i < n && s[i] >= '0' && s[i] <= '9' && i - d < 5)
    i++;
  if (i == d)
    return 0;
  size_t dl = i - d;
  if (i < n && s[i] >= 'a' && s[i] <= 'z' && open == '[')
    i++;
  if (open) {
    char close = open == '[' ? ']' : ')';
    if (i >= n || s[i] != close)
      return 0;
    /* "(2009) Journal of ...": a year in parentheses opens an entry whose
       authors were lost (Scopus exports), unless another year follows:
       "(1523) Smith, J. Nature 2009, 3, 4" numbers a long ACS list */
    if (open == '(' && dl == 4 && rpi_lex_is_year(s + d) && !other_year(s, n, i, s + d))
      return 0;
    i++;
    while (i < n && s[i] == close) /* "[12]]": the doubled bracket goes with it */
      i++;
    if (i + 1 < n && (s[i] == '.' || s[i] == ':') && s[i + 1] == ' ')
      i++; /* "[28]. Todd P.W. McMullen" */
  } else if (dl <= 3 && i < n &&
             (s[i] == ' ' || (s[i] == '-' && i + 1 < n && s[i + 1] == ' '))) {
    /* "2 Lemos DR, ..." or "22- Waldrop J, ...": a bare list number before a
       capitalized word */
    size_t j = i + 1;
    while (j < n && s[j] == ' ')
      j++;
    unsigned nx = 0;
    if (j < n)
      rpi_utf8_decode((const unsigned char *)s + j, n - j, &nx);
    if (!rpi_is_upper(nx) || counted_noun(s, n, j) || code_title(s, n, j))
      return 0;
    *num_off = d;
    *num_len = dl;
    return j;
  } else {
    if (i >= n || (s[i] != '.' && s[i] != ')'))
      return 0;
    /* "2004. Title" is a year, "12.5" a number */
    if (dl == 4 && rpi_lex_is_year(s + d))
      return 0;
    i++;
    while (i < n && s[i - 1] == ')' && s[i] == ')') /* "12))" */
      i++;
    if (i < n && s[i] != ' ')
      return 0;
  }
  *num_off = d;
  *num_len = dl;
  while (i < n && s[i] == ' ')
    i++;
  return i;
}

static bool is_alnum_ascii(unsigned c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}
/* a byte that continues a word: ASCII letter or digit, or part of a
 * multi-byte (non-ASCII) character */
static bool word_byte(char c) {
  unsigned k = P3_KIND((unsigned char)c); /* the same bytes, by table */
  return k == K_WORD || k == K_UPPER || k == K_DIGIT || k == K_STOP;
}

static const char *repair_phrase_at(const char *s, size_t n, size_t *used);

/* A lexicon-confirmed repair of the word at s: a known journal word with a
 * stray digit ("Pharm0aceutics"), or a journal name split in two ("EBio
 * Medicine") when a locator follows it ("EBio Medicine. 2020;9", "E Life, 9,"),
 * so that a title that happens to contain "E Life" is left alone. Returns the
 * repaired text and the length it replaces, or NULL. */
static const char *repair_word_at(const char *s, size_t n, size_t *used) {
  size_t j = 0, digits = 0;
  for (; j < n && word_byte(s[j]); j++)
    digits += (unsigned char)(s[j] - '0') < 10;
  /* rpi_lex_repair_word repairs only a word with one digit (lexicon.h) */
  const char *rep = digits == 1 ? rpi_lex_repair_word(s, j) : NULL;
  if (rep) {
    *used = j;
    return rep;
  }
  return repair_phrase_at(s, n, used);
}

/* The journal-name half of repair_word_at. */
static const char *repair_phrase_at(const char *s, size_t n, size_t *used) {
  size_t u = 0;
  const char *rep = rpi_lex_repair_phrase(s, n, &u);
  if (!rep)
    return NULL;
  size_t k = u;
  if (k < n && (s[k] == '.' || s[k] == ','))
    k++;
  while (k < n && s[k] == ' ')
    k++;
  if (k >= n || s[k] < '0' || s[k] > '9')
    return NULL;
  *used = u;
  return rep;
}

/* Whether pass 3 writes a single space before the byte c as it is (then
 * with the map entry of that byte): no rule at a byte of kind K_WORD,
 * K_PLAIN, K_UPPER, K_DIGIT, K_DOT, K_OPEN or K_CLOSE reads the pending
 * space or the byte before it (bit 0x40 of byte_class). */
static bool p3_after_space(unsigned char c) { return byte_class[c] & P3_AFTER_SPACE; }

/* Pass 3 from s[i] over the bytes no rule changes, written straight into o
 * (the caller checked room for n - i + 1 bytes), a pending space first;
 * returns where it stopped: the first byte a rule may act on. The output is
 * what the per-character loop writes for these bytes: it copies them, and a
 * single space before a byte that reads no space goes out as " " with the
 * map entry of that byte. So the run is found first (s[n] is '\0', which
 * ends every scan), then copied at once with its map, then the spaces' map
 * entries are set. */
enum { P3_SPACES = 64 }; /* spaces remembered before their map is written */
/* Map entries of a run: im[from, to) shifted by d, and the space at each
 * sp[k] mapped as the byte after it. */
static void map_run(uint32_t *om, const uint32_t *im, size_t d, size_t from, size_t to,
                    const size_t *sp, size_t nsp) {
  memcpy(om + (from + d), im + from, (to - from) * sizeof *om);
  for (size_t k = 0; k < nsp; k++)
    om[sp[k] + d] = im[sp[k] + 1];
}
static size_t pass3_run(mbuf *o, const mbuf *in, size_t i, bool repair, bool *space_pending,
                        size_t depth[2]) {
  const unsigned char *s = (const unsigned char *)in->b.p;
  size_t n = in->b.len, at = o->b.len, e = i;
  char *op = o->b.p;
  uint32_t *om = o->map;
  const uint32_t *im = in->map;
  if (*space_pending) {
    if (at == 0 || !p3_after_space(s[i]))
      return i;
    op[at] = ' ';
    om[at++] = im[i];
    *space_pending = false;
  }
  /* one output byte per input byte: s[e] goes to op[e + d], the same byte */
  size_t d = at - i, ws = (size_t)-1; /* ws: start of this word if capitalized */
  unsigned char before = at ? (unsigned char)op[at - 1] : 0; /* written before s[i] */
  size_t sp[P3_SPACES], nsp = 0, mapped = i; /* spaces of [mapped, e) */
  for (;; e++) {
    if (ws == (size_t)-1) /* outside a capitalized word digits are copied too */
      while (byte_class[s[e]] & P3_COPY)
        e++;
    else
      while (P3_KIND(s[e]) == K_WORD)
        e++;
    if (e >= n)
      break;
    unsigned char c = s[e], k = P3_KIND(c);
    unsigned char prev = e > i ? s[e - 1] : before;
    if (k == K_SPACE) { /* the most common stop, first: copied when the byte
                           after it reads no space, with that byte's map entry */
      if (e + d == 0 || e + 1 >= n || !p3_after_space(s[e + 1]))
        goto done;
      if (nsp == P3_SPACES) {
        map_run(om, im, d, mapped, e, sp, nsp);
        mapped = e;
        nsp = 0;
      }
      sp[nsp++] = e;
      ws = (size_t)-1;
      continue;
    }
    if (k == K_UPPER) {
      /* repair_word_at here is its phrase half unless a digit follows in
       * the word; then it is asked at the digit, and the word redone */
      size_t used;
      if (repair && !word_byte((char)prev)) {
        /* the lexicon first: repair_phrase_at needs its match */
        if (rpi_lex_repair_phrase((const char *)s + e, n - e, &used) &&
            repair_phrase_at((const char *)s + e, n - e, &used))
          goto done;
        ws = e;
      }
      continue;
    }
    if (k != K_DIGIT)
      ws = (size_t)-1;
    switch (k) {
    case K_DIGIT:
      if (ws != (size_t)-1) {
        size_t used, w = ws;
        ws = (size_t)-1;
        if (repair_word_at((const char *)s + w, n - w, &used)) {
          e = w;
          goto done;
        }
      }
      break;
    case K_SEP: /* doubled "," or ";" */
      if (prev == c)
        goto done;
      break;
    case K_DOT:
      if (prev == '.')
        goto done;
      break;
    case K_OPEN:
      depth[c == '[']++;
      break;
    case K_CLOSE:
      if (depth[c == ']'])
        depth[c == ']']--;
      else if (prev == c)
        goto done;
      break;
    case K_HYPHEN: /* "--", "- " */
      if (e + 1 < n && (s[e + 1] == '-' || s[e + 1] == ' '))
        goto done;
      break;
    case K_STOP:
      /* a word running into one has a non-ASCII byte: no word repair
       * (lexicon.c) */
      goto done;
    default: /* K_PLAIN */
      break;
    }
  }
done:
  memcpy(op + (i + d), s + i, e - i);
  /* every sp[k] < e, also after the rewind to w: a space ends the word */
  map_run(om, im, d, mapped, e, sp, nsp);
  o->b.len = e + d;
  op[e + d] = '\0';
  return e;
}

/* What the rules of pass 3 share. */
typedef struct pass3 {
  mbuf *o;
  const mbuf *in;
  const char *s;
  size_t n;
  rp_result *r;
  bool space_pending;
  size_t nspace_warn;
  size_t depth[2]; /* open "(" and "[" so far */
} pass3;

/* List markers at the start ("•", "[12]", "12."), up to three; the number
 * goes to t. Returns where the text starts after them. */
static size_t strip_markers(const pass3 *p, size_t i, rpi_text *t) {
  const char *s = p->s;
  for (int round = 0; round < 3 && i < p->n; round++) {
    size_t noff = 0, nlen = 0;
    size_t l = marker_at(s + i, p->n - i, &noff, &nlen);
    if (!l)
      break;
    /* "———. Title", "—, Title": the previous entry's names stay for the
     * authors stage to read */
    if (!nlen && rpi_ditto_len(s + i, p->n - i))
      break;
    if (nlen && !t->citation_number) {
      t->citation_number = rpi_strndup(s + i + noff, nlen);
      t->citation_off = p->in->map[i + noff];
      t->citation_len = p->in->map[i + noff + nlen - 1] + 1 - t->citation_off;
    }
    rpi_result_warn(p->r, RP_WARN_MARKER, p->in->map[i], p->in->map[i + l - 1] + 1 - p->in->map[i],
                    "list marker removed");
    i += l;
    while (i < p->n && s[i] == ' ')
      i++;
  }
  return i;
}

/* A dash (l bytes at s[i]: "–", TeX's "--", or an ASCII hyphen with a space
 * beside it) between two numbers of a range: "1510–7", "e264–e277",
 * "S1 – S10", "43 - 102", "pp. 82--96" become "-". Returns where the text
 * goes on after it, or 0. */
static size_t range_dash(pass3 *p, size_t i, size_t l) {
  const char *s = p->s;
  mbuf *o = p->o;
  size_t a = o->b.len;
  while (a > 0 && o->b.p[a - 1] == ' ')
    a--;
  bool left = a > 0 && o->b.p[a - 1] >= '0' && o->b.p[a - 1] <= '9';
  size_t j = i + l;
  while (j < p->n && s[j] == ' ')
    j++;
  bool right = j < p->n && s[j] >= '0' && s[j] <= '9';
  if (!right && left && j + 1 < p->n && is_alpha_ascii(s[j])) {
    /* "e264–e277", "S1–S10": the same letter prefix on both sides */
    size_t t0 = a;
    while (t0 > 0 && o->b.p[t0 - 1] >= '0' && o->b.p[t0 - 1] <= '9')
      t0--;
    size_t lp = t0;
    while (lp > 0 && is_alpha_ascii(o->b.p[lp - 1]))
      lp--;
    size_t plen = t0 - lp;
    bool word_start = lp == 0 || !is_alpha_ascii(o->b.p[lp - 1]);
    right = plen > 0 && plen <= 3 && word_start && j + plen < p->n && memcmp(o->b.p + lp, s + j, plen) == 0 &&
            s[j + plen] >= '0' && s[j + plen] <= '9';
  }
  if (!left || !right)
    return 0;
  p->space_pending = false; /* "1 – 8": no spaces around the dash */
  o->b.len = a;
  mb_put(o, "-", 1, p->in->map[i]);
  rpi_result_warn(p->r, RP_WARN_DASH, p->in->map[i], p->in->map[i + l - 1] + 1 - p->in->map[i],
                  "dash in a number range unified to '-'");
  return j;
}

/* Doubled separators ("Abramson,, S.", "et al.."; not "...", "../") and a
 * doubled closing bracket that closes nothing ("(Noisy-le-Grand))"); the
 * bracket depth is kept here. Returns the bytes removed, or 0. */
static size_t doubled(pass3 *p, size_t i, unsigned cp, size_t l) {
  const char *s = p->s;
  mbuf *o = p->o;
  char last = o->b.len ? o->b.p[o->b.len - 1] : 0;
  if ((cp == ',' || cp == ';') && last == (char)cp) {
    rpi_result_warn(p->r, RP_WARN_PUNCT_REPAIRED, p->in->map[i], l, "doubled punctuation removed");
    return l;
  }
  if (cp == '.' && last == '.' && !p->space_pending && (o->b.len < 2 || o->b.p[o->b.len - 2] != '.') &&
      (i + 1 >= p->n || (s[i + 1] != '.' && s[i + 1] != '/'))) {
    rpi_result_warn(p->r, RP_WARN_PUNCT_REPAIRED, p->in->map[i], l, "doubled period removed");
    return l;
  }
  if (cp == '(' || cp == '[') {
    p->depth[cp == '[']++;
  } else if (cp == ')' || cp == ']') {
    int k = cp == ']';
    if (p->depth[k] > 0) {
      p->depth[k]--;
    } else if (last == (char)cp && !p->space_pending) {
      rpi_result_warn(p->r, RP_WARN_PUNCT_REPAIRED, p->in->map[i], l, "unbalanced doubled closing bracket removed");
      return l;
    }
  }
  return 0;
}

/* An apostrophe between letters ("O’Brien", "don’t") made "'". Returns
 * the bytes consumed, or 0. */
static size_t apostrophe(pass3 *p, size_t i, unsigned cp, size_t l) {
  if (cp != 0x2019 && cp != 0x2032 && cp != 0x00B4)
    return 0;
  size_t ps;
  unsigned prev = p->o->b.len ? rpi_utf8_prev(p->o->b.p, p->o->b.len, &ps) : 0;
  unsigned next = 0;
  if (i + l < p->n)
    rpi_utf8_decode((const unsigned char *)p->s + i + l, p->n - i - l, &next);
  if (!rpi_is_letter(prev) || !rpi_is_letter(next))
    return 0;
  mb_put(p->o, "'", 1, p->in->map[i]);
  rpi_result_warn(p->r, RP_WARN_QUOTE, p->in->map[i], l, "apostrophe unified");
  return l;
}

/* A word the lexicon repairs ("Pharm0aceutics"), at the start of a word.
 * Returns the bytes consumed, or 0. */
static size_t repaired_word(pass3 *p, size_t i) {
  size_t used = 0;
  const char *rep = repair_word_at(p->s + i, p->n - i, &used);
  if (!rep)
    return 0;
  mb_put(p->o, rep, strlen(rep), p->in->map[i]);
  rpi_clean_warn(p->r, RP_WARN_WORD_REPAIRED, p->in->map[i], p->in->map[i + used - 1] + 1 - p->in->map[i],
                 p->s + i, used, rep, strlen(rep));
  return used;
}

int rpi_clean_words(mbuf *o, const mbuf *in, unsigned flags, rp_result *r, rpi_text *t) {
  pass3 p = {o, in, in->b.p ? in->b.p : "", in->b.len, r, false, 0, {0, 0}};
  const char *s = p.s;
  size_t n = p.n, i = 0;
  while (i < n && s[i] == ' ')
    i++;
  if (flags & RP_OPT_STRIP_MARKERS)
    i = strip_markers(&p, i, t);
  while (i < n && !o->b.err) {
    if (mb_room(o, n - i + 1)) {
      i = pass3_run(o, in, i, flags & RP_OPT_REPAIR_WORDS, &p.space_pending, p.depth);
      if (i >= n)
        break;
    }
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s + i, n - i, &cp), k;
    if (!l)
      l = 1, cp = 0xFFFD;
    if (cp == ' ') {
      size_t j = i;
      while (j < n && s[j] == ' ')
        j++;
      if (j - i > 1 && j < n && p.nspace_warn++ == 0)
        rpi_result_warn(r, RP_WARN_SPACE, in->map[i], in->map[j - 1] + 1 - in->map[i], "repeated spaces collapsed");
      p.space_pending = true;
      i = j;
      continue;
    }
    if (cp == '-' && i + 1 < n && s[i + 1] == '-' && (i + 2 >= n || s[i + 2] != '-') && (i == 0 || s[i - 1] != '-')) {
      /* TeX's en dash "--": a range dash, else it stays as printed */
      if ((k = range_dash(&p, i, 2))) {
        i = k;
        continue;
      }
      cp = '-';
      l = 1;
    } else if ((is_dash(cp) || (cp == '-' && (p.space_pending || (i + 1 < n && s[i + 1] == ' ')))) &&
               (k = range_dash(&p, i, l))) {
      i = k;
      continue;
    }
    if ((k = doubled(&p, i, cp, l))) {
      i += k;
      continue;
    }
    if (p.space_pending && o->b.len > 0)
      mb_put(o, " ", 1, in->map[i]);
    p.space_pending = false;
    if ((flags & RP_OPT_REPAIR_WORDS) && is_alnum_ascii(cp) && (o->b.len == 0 || !word_byte(o->b.p[o->b.len - 1])) &&
        (k = repaired_word(&p, i))) {
      i += k;
      continue;
    }
    if ((k = apostrophe(&p, i, cp, l))) {
      i += k;
      continue;
    }
    size_t e = i + l;
    if (is_alnum_ascii(cp)) /* the rest of an ASCII word: no rule above applies inside it */
      while (e < n && is_alnum_ascii((unsigned char)s[e]))
        e++;
    mb_copy(o, s + i, e - i, in->map + i, in->map[i]);
    i = e;
  }
  return o->b.err;
}
