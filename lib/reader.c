/* reader.c: split a pasted reference list into references (reader.h). */
#include <stdlib.h>
#include <string.h>

#include "refparse.h"

#include "lexicon.h"
#include "reader.h"
#include "utf8.h"

/* Bytes asked of a read callback at a time. */
#define READ_CHUNK ((size_t)1 << 16)
/* Candidate first markers tried per marker kind when choosing the layout. */
#define MAX_CHAIN_STARTS 64
/* Numbered layout: most wrapped references take 2-6 lines. */
#define CHAIN_MAX_LINES 12
/* Blank-line layout: the same bound on the average paragraph. */
#define BLANK_MAX_AVERAGE 12
/* Flush layout: the widest lines (95th percentile) at most this wide; a
 * line shorter than FLUSH_SHORT_PERCENT of that stops short; at least
 * FLUSH_LOW_PERCENT of the lines open with a small letter or a digit. */
#define FLUSH_MAX_WIDTH 160
#define FLUSH_SHORT_PERCENT 85
#define FLUSH_LOW_PERCENT 15

/* Bytes looked back from the end of a reference for the word or URL a
 * line break splits: each line costs at most this, however long the
 * reference ("a-" + "b-" + "c-" ... without a space). */
#define SCAN_BACK 2048

/* Marker kinds: "[12]", "12.", "12)", "(12)". */
enum { MK_NONE = 0, MK_BRACKET, MK_DOT, MK_PAREN, MK_PARENS };

/* What the layout rules need of one line. */
typedef struct line_info {
  bool blank;
  size_t indent;      /* columns of leading white space (tab: next multiple of 8) */
  int kind;           /* MK_* */
  unsigned long num;  /* the marker's number */
  size_t bullet;      /* bytes of a bullet at the start of the text, 0 if none */
  const char *text;   /* first byte after the indent */
  size_t len;         /* bytes from text to the last non-space */
  size_t cols;        /* characters of the line, indent included */
  bool bare;          /* a marker and nothing else: "[12]" */
} line_info;

/* A line of the window: bytes at base + off (base: the caller's text for a
 * buffer, l->win for a callback). */
typedef struct win_line {
  size_t off, len, no;
} win_line;

/* A growable byte block with a hard cap (append beyond it is dropped). */
typedef struct bytes {
  char *p;
  size_t len, cap;
} bytes;

struct rp_list {
  /* source: a buffer ... */
  const char *text;
  size_t text_len, text_pos;
  /* ... or a callback */
  rp_read_fn read;
  void *ctx;
  char *chunk;
  size_t chunk_pos, chunk_end;
  bool eof, skip_lf;
  bytes line; /* the current line of a callback source */
  size_t lineno;

  /* the first lines, kept while the layout is chosen, then replayed */
  bytes win;
  win_line *wl;
  size_t wn, wi;

  rp_layout layout;
  int kind;                 /* numbered: marker kind */
  char bullet[4];           /* bulleted: the bullet's bytes */
  size_t bullet_len;
  size_t start_no;          /* numbered/bulleted: line of the first marker */
  bool started;             /* that line has been reached */
  unsigned long expected;   /* numbered: the next number */
  size_t marker_indent;     /* numbered/bulleted: indent of the first marker */
  size_t margin;            /* hanging: indent of first lines */

  size_t width;             /* flush: the width lines are wrapped at */
  bool prev_ends;           /* the last line can end a reference */
  bool prev_stop;           /* the last line ends with a full stop */
  size_t prev_cols;         /* the last line's characters */
  bool prev_sep;            /* the last line was blank or a heading */
  bool pending;             /* a line read that begins the next reference */
  const char *pl;
  size_t pn, pno;

  bytes item;
  bool have_item;
  size_t first, last, cur_first, cur_last;
  rp_status err;

  /* numbered: a line without a number that opens like a reference
   * ("Washington, D.C.: Counterpoint, 2002.") is read on as part of the
   * reference until the next marker says which it was */
  bool numberless;          /* begins() took the line for one */
  bool tent;                /* such a line is inside the item */
  unsigned long tent_expected; /* the number expected before it */
  size_t tent_off;          /* where it starts in the item (its space) */
  size_t tent_no, tent_prev; /* its line, and the line before it */
  bytes held;               /* the second reference of a split, next out */
  bool have_held;
  size_t held_first, held_last;
};

/* ---- small helpers ------------------------------------------------------- */

static bool bytes_put(bytes *b, const char *s, size_t n, size_t max) {
  if (n > max - b->len)
    n = max - b->len;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
      return false;
    b->p = p;
    b->cap = cap;
  }
  if (n)
    memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  return true;
}

static char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

/* Length of white space at s: ASCII blanks, form feed, NBSP (U+00A0). */
static size_t space_at(const char *s, size_t n) {
  if (!n)
    return 0;
  if (s[0] == ' ' || s[0] == '\t' || s[0] == '\f' || s[0] == '\v')
    return 1;
  if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
    return 2;
  return 0;
}

/* Trim white space at both ends. */
static void trim(const char **s, size_t *n) {
  size_t k;
  while (*n && (k = space_at(*s, *n))) {
    *s += k;
    *n -= k;
  }
  for (;;) {
    if (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\f' ||
               (*s)[*n - 1] == '\v'))
      (*n)--;
    else if (*n >= 2 && (unsigned char)(*s)[*n - 2] == 0xC2 &&
             (unsigned char)(*s)[*n - 1] == 0xA0)
      *n -= 2;
    else
      break;
  }
}

/* Code point ending at byte off of s (0 when none or not valid UTF-8);
 * its first byte in *start. */
static unsigned cp_before(const char *s, size_t off, size_t *start) {
  size_t i = off;
  *start = off;
  if (!i)
    return 0;
  i--;
  for (int k = 0; k < 3 && i && ((unsigned char)s[i] & 0xC0) == 0x80; k++)
    i--;
  unsigned cp;
  size_t len = rpi_utf8_decode((const unsigned char *)s + i, off - i, &cp);
  if (len != off - i)
    return 0;
  *start = i;
  return cp;
}

/* Code point at s (0 when none or invalid); its length in *len. */
static unsigned cp_at(const char *s, size_t n, size_t *len) {
  unsigned cp = 0;
  *len = n ? rpi_utf8_decode((const unsigned char *)s, n, &cp) : 0;
  return *len ? cp : 0;
}

/* ---- headings, hyphens ----------------------------------------------------- */

/* Headings of reference lists, in lower case (compared after lower-casing
 * the line). The first ones are also taken for a heading between two lines
 * of a reference; the weak ones ("Literature.", "Notes") can end a wrapped
 * title, so they are headings only where a reference would begin. */
static const char *const headings[] = {
    "bibliografia", "bibliografía", "bibliographie", "bibliography", "cited literature",
    "literature cited", "literaturverzeichnis", "reference list", "references",
    "references and notes", "referencias", "referencias bibliográficas", "referências",
    "referências bibliográficas", "riferimenti bibliografici", "références",
    "références bibliographiques", "works cited", NULL};
static const char *const weak_headings[] = {
    "citations", "endnotes", "further reading", "literatur", "literaturangaben", "literature",
    "notes", "quellen", "quellenverzeichnis", "sources", NULL};

/* 0: not a heading; 1: a weak one; 2: a heading anywhere (no final '.'). */
static int heading_kind(const char *s, size_t n) {  trim(&s, &n);
  /* a section number first: "7", "7.", "VII.", "A." */
  size_t i = 0;
  while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == 'I' || s[i] == 'V' || s[i] == 'X'))
    i++;
  if (i < n && i > 0 && (s[i] == '.' || s[i] == ' ')) {
    if (s[i] == '.')
      i++;
    if (i < n && s[i] == ' ') {
      s += i;
      n -= i;
      trim(&s, &n);
    }
  }
  bool dot = n && s[n - 1] == '.';
  if (n && (s[n - 1] == ':' || dot))
    n--;
  if (!n || n > 40)
    return 0;
  char low[160];
  size_t m = 0;
  for (size_t k = 0; k < n;) {
    size_t len;
    unsigned cp = cp_at(s + k, n - k, &len);
    if (!len)
      return 0;
    cp = rpi_to_lower(cp);
    if (cp < 0x80) {
      low[m++] = (char)cp;
    } else if (cp < 0x800) {
      low[m++] = (char)(0xC0 | (cp >> 6));
      low[m++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      low[m++] = (char)(0xE0 | (cp >> 12));
      low[m++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      low[m++] = (char)(0x80 | (cp & 0x3F));
    } else {
      return 0;
    }
    k += len;
  }
  for (size_t h = 0; headings[h]; h++)
    if (strlen(headings[h]) == m && memcmp(headings[h], low, m) == 0)
      return dot ? 1 : 2;
  for (size_t h = 0; weak_headings[h]; h++)
    if (strlen(weak_headings[h]) == m && memcmp(weak_headings[h], low, m) == 0)
      return 1;
  return 0;
}

bool rpi_read_is_heading(const char *s, size_t n) { return heading_kind(s, n) != 0; }

static bool in_list(const char *const *list, const char *w, size_t n) {
  for (size_t i = 0; list[i]; i++)
    if (strlen(list[i]) == n) {
      size_t k = 0;
      while (k < n && lower_ascii(w[k]) == list[i][k])
        k++;
      if (k == n)
        return true;
    }
  return false;
}

/* Second parts of hyphenated compounds ("long-term", "evidence-based",
 * "meta-analysis"): after a line-end hyphen they keep it. Words that often
 * end longer words ("time": "lifetime", "old": "threshold") are left out. */
static const char *const second_parts[] = {
    "aged", "analyses", "analysis", "associated", "based", "being", "blind", "blinded",
    "centered", "control", "controlled", "dependent", "derived", "dimensional", "directed",
    "driven", "effective", "free", "guided", "income", "induced", "informed", "known",
    "label", "level", "like", "linked", "making", "mediated", "modified", "month",
    "negative", "order", "oriented", "positive", "related", "resistant", "scale",
    "sectional", "sensitive", "specific", "term", "treated", "up", "wide", "year", NULL};

/* Prefixes that form one word with those second parts ("unrelated",
 * "interdependent", "disorder"). */
static const char *const prefixes[] = {
    "anti", "bi", "co", "de", "dis", "down", "hyper", "hypo", "im", "in", "inter", "intra",
    "mis", "multi", "non", "out", "over", "post", "pre", "re", "semi", "sub", "super",
    "trans", "tri", "un", "under", "up", NULL};

/* First parts that keep their hyphen whatever follows ("self-esteem"). */
static const char *const first_parts[] = {"self", NULL};

/* Words after a suspended hyphen: "pre- and post-operative", "Ein- und
 * Ausgabe", "short- or long-term". */
static const char *const suspended[] = {"and", "bis", "e", "et", "nor", "o", "oder", "or",
                                        "ou", "to", "und", "y", NULL};

/* What a hyphen between two words is (line end: "long-" + "term"; inside a
 * line: "long- term"). */
typedef enum join {
  J_DROP,     /* a word split by the break: "transformation" */
  J_COMPOUND, /* a compound, small letter after: "long-term" */
  J_KEEP,     /* capital or digit around it: "Hans-Peter", "2019-2020"; in
                 a line "Hans- Peter" is left as it is */
  J_SPACE     /* a suspended hyphen: "pre- and post-" */
} join;

static join hyphen_kind(const char *before, size_t nb, const char *after, size_t na) {
  if (in_list(suspended, after, na))
    return J_SPACE;
  if (nb < 2 || !na)
    return J_COMPOUND; /* "T-cell", "X-ray" */
  char joined[64];
  if (nb + na < sizeof joined) {
    memcpy(joined, before, nb);
    memcpy(joined + nb, after, na);
    if (rpi_lex_is_journal_word(joined, nb + na))
      return J_DROP;
  }
  if (in_list(first_parts, before, nb))
    return J_COMPOUND;
  if (in_list(second_parts, after, na) && !in_list(prefixes, before, nb))
    return J_COMPOUND;
  return J_DROP;
}

bool rpi_read_drop_hyphen(const char *before, size_t nb, const char *after, size_t na) {
  return hyphen_kind(before, nb, after, na) == J_DROP;
}

/* Letters before byte off of s (the word a hyphen at off ends), at most
 * SCAN_BACK bytes of them; its start in *start. Returns the byte length. */
static size_t word_before(const char *s, size_t off, size_t *start) {
  size_t i = off, st;
  unsigned cp;
  while (off - i < SCAN_BACK && (cp = cp_before(s, i, &st)) &&
         (rpi_is_letter(cp) || rpi_is_mark(cp)))
    i = st;
  *start = i;
  return off - i;
}

/* Letters at the start of s. */
static size_t word_after(const char *s, size_t n) {
  size_t i = 0, len;
  unsigned cp;
  while (i < n && (cp = cp_at(s + i, n - i, &len)) && (rpi_is_letter(cp) || rpi_is_mark(cp)))
    i += len;
  return i;
}

/* Words with a capital inside that a line break may split: "Pub-" +
 * "Med" is "PubMed", and "Mc-" + "Leod" "McLeod", where "Hans-" + "Peter"
 * keeps its hyphen. */
static const char *const camel_words[] = {
    "bioone",     "biomed",       "clinicaltrials", "endnote",    "github",  "gitlab",
    "javascript", "linkedin",     "medlineplus",    "powerpoint", "psycinfo", "pubchem",
    "pubmed",     "researchgate", "sciencedirect",  "springerlink", "worldcat", "youtube",
    NULL};

static bool camel_word(const char *before, size_t nb, const char *after, size_t na) {
  if (nb == 2 && before[0] == 'M' && before[1] == 'c')
    return true;
  char joined[32];
  if (nb + na >= sizeof joined)
    return false;
  memcpy(joined, before, nb);
  memcpy(joined + nb, after, na);
  return in_list(camel_words, joined, nb + na);
}

/* Whether cp is a vowel (a, e, i, o, u, y, with or without an accent from
 * Latin-1 or Latin Extended-A), in either case. */
static bool is_vowel(unsigned cp) {
  cp = rpi_to_lower(cp);
  if (cp < 0x80)
    return cp == 'a' || cp == 'e' || cp == 'i' || cp == 'o' || cp == 'u' || cp == 'y';
  static const unsigned accented[][2] = {
      {0xE0, 0xE6}, {0xE8, 0xEF}, {0xF2, 0xF6}, {0xF8, 0xFD}, {0xFF, 0xFF}, {0x101, 0x105},
      {0x113, 0x11B}, {0x129, 0x131}, {0x14D, 0x153}, {0x169, 0x173}};
  for (size_t i = 0; i < sizeof accented / sizeof accented[0]; i++)
    if (cp >= accented[i][0] && cp <= accented[i][1])
      return true;
  return false;
}

/* Whether the n bytes at s are capitals only (at least two), and whether
 * one of them is a vowel. */
static bool all_caps(const char *s, size_t n, bool *vowel) {
  size_t i = 0, len, k = 0;
  *vowel = false;
  while (i < n) {
    unsigned cp = cp_at(s + i, n - i, &len);
    if (!len || !rpi_is_upper(cp))
      return false;
    *vowel = *vowel || is_vowel(cp);
    i += len;
    k++;
  }
  return k >= 2;
}

/* Name parts that follow a hyphen as a whole word ("SOARES-FILHO",
 * "OLIVEIRA-NETO"): in capitals they keep it. */
static const char *const caps_second_parts[] = {"filho", "junior", "neto", "sobrinho", NULL};

/* A word in capitals broken where a hyphenation dictionary breaks one:
 * "CA-" + "MARGO", "LIB-" + "LINEAR". The first part has a vowel, the
 * second opens with a consonant that a vowel follows, as a syllable does;
 * acronyms joined by a hyphen ("SIG-PLAN", "HIV-AIDS", "MS-DOS") and name
 * parts ("SOARES-FILHO") keep the hyphen. */
static bool caps_syllables(const char *before, size_t nb, const char *after, size_t na) {
  bool v1, v2;
  if (!all_caps(before, nb, &v1) || !all_caps(after, na, &v2) || !v1)
    return false;
  size_t l0, l1;
  unsigned c0 = cp_at(after, na, &l0);
  unsigned c1 = cp_at(after + l0, na - l0, &l1);
  return !is_vowel(c0) && is_vowel(c1) && !in_list(caps_second_parts, after, na);
}

/* What the hyphen at item[h] is, the text at s (n bytes) following it. */
static join hyphen_at(const char *item, size_t h, const char *s, size_t n) {
  size_t ws;
  size_t nb = word_before(item, h, &ws);
  if (!nb)
    return J_KEEP; /* "2019-" */
  size_t ps;
  unsigned pc = cp_before(item, ws, &ps);
  if (pc == '-' || pc == '/' || (pc >= '0' && pc <= '9'))
    return J_KEEP; /* "state-of-" + "the-art" */
  size_t l0;
  unsigned c0 = cp_at(s, n, &l0);
  size_t na = word_after(s, n);
  if (rpi_is_upper(c0) && camel_word(item + ws, nb, s, na))
    return J_DROP; /* "Pub-" + "Med", "Mc-" + "Leod" */
  if (rpi_is_upper(c0) && caps_syllables(item + ws, nb, s, na))
    return J_DROP; /* "CA-" + "MARGO" */
  if (!rpi_is_lower(c0))
    return J_KEEP; /* "Hans-" + "Peter", "2019-" + "2020" */
  if (na < n && (s[na] == '-' || (s[na] >= '0' && s[na] <= '9')))
    return J_KEEP; /* "state-" + "of-the-art" */
  if (in_list(suspended, s, na) && na < n && s[na] != ' ')
    return J_DROP; /* "Trai-" + "nor, L. J.": no word follows the "nor" */
  return hyphen_kind(item + ws, nb, s, na);
}

/* Whether the last word of item (from byte w) looks like a URL or DOI, so
 * that a break after "/" is no space. */
static bool url_like(const char *w, size_t n) {
  for (size_t i = 0; i + 3 <= n; i++)
    if (w[i] == ':' && w[i + 1] == '/' && w[i + 2] == '/')
      return true;
  if (n >= 4 && (memcmp(w, "www.", 4) == 0 || memcmp(w, "doi:", 4) == 0 ||
                 memcmp(w, "DOI:", 4) == 0))
    return true;
  if (n >= 8 && w[0] == '1' && w[1] == '0' && w[2] == '.' && memchr(w, '/', n))
    return true;
  return false;
}

/* ---- lines --------------------------------------------------------------- */

/* Next line of a buffer source, without its end (LF, CRLF or CR). */
static bool buf_line(rp_list *l, const char **s, size_t *n) {
  if (l->text_pos >= l->text_len)
    return false;
  const char *p = l->text + l->text_pos;
  size_t avail = l->text_len - l->text_pos;
  const char *lf = memchr(p, '\n', avail);
  size_t end = lf ? (size_t)(lf - p) : avail;
  const char *cr = memchr(p, '\r', end);
  size_t next;
  if (cr && (size_t)(cr - p) + 1 < end) { /* a CR alone ends a line */
    end = (size_t)(cr - p);
    next = end + 1;
  } else {
    next = lf ? end + 1 : end;
    if (end && p[end - 1] == '\r')
      end--;
    else if (!lf && cr) /* CR as the last byte */
      end = (size_t)(cr - p);
  }
  l->text_pos += next;
  *s = p;
  *n = end < READ_LINE_MAX ? end : READ_LINE_MAX;
  return true;
}

/* Next line of a callback source, into l->line (at most READ_LINE_MAX
 * bytes kept). */
static bool cb_line(rp_list *l, const char **s, size_t *n) {
  bool any = false;
  l->line.len = 0;
  for (;;) {
    if (l->chunk_pos == l->chunk_end) {
      if (l->eof)
        break;
      l->chunk_pos = 0;
      l->chunk_end = l->read(l->ctx, l->chunk, READ_CHUNK);
      if (l->chunk_end > READ_CHUNK)
        l->chunk_end = 0;
      if (!l->chunk_end) {
        l->eof = true;
        break;
      }
    }
    const char *p = l->chunk + l->chunk_pos;
    size_t avail = l->chunk_end - l->chunk_pos;
    if (l->skip_lf) {
      l->skip_lf = false;
      if (p[0] == '\n') {
        l->chunk_pos++;
        continue;
      }
    }
    any = true;
    const char *lf = memchr(p, '\n', avail);
    size_t end = lf ? (size_t)(lf - p) : avail;
    const char *cr = memchr(p, '\r', end);
    bool done = lf != NULL;
    if (cr) {
      end = (size_t)(cr - p);
      done = true;
      l->skip_lf = true; /* CR LF: the LF is skipped, also across chunks */
      l->chunk_pos += end + 1;
    } else {
      l->chunk_pos += lf ? end + 1 : end;
    }
    if (!bytes_put(&l->line, p, end, READ_LINE_MAX)) {
      l->err = RP_ERR_NOMEM;
      return false;
    }
    if (done)
      break;
  }
  if (!any)
    return false;
  *s = l->line.p ? l->line.p : "";
  *n = l->line.len;
  return true;
}

static bool src_line(rp_list *l, const char **s, size_t *n) {
  bool ok = l->read ? cb_line(l, s, n) : buf_line(l, s, n);
  if (ok)
    l->lineno++;
  return ok;
}

/* Next line: from the window while it lasts, then from the source. */
static bool next_line(rp_list *l, const char **s, size_t *n, size_t *no) {
  if (l->wi < l->wn) {
    const win_line *w = &l->wl[l->wi++];
    *s = (l->read ? l->win.p : l->text) + w->off;
    *n = w->len;
    *no = w->no;
    return true;
  }
  if (l->wl) { /* nothing points into the window any more */
    free(l->wl);
    l->wl = NULL;
    free(l->win.p);
    l->win = (bytes){NULL, 0, 0};
  }
  if (!src_line(l, s, n))
    return false;
  *no = l->lineno;
  return true;
}

static const char *const bullets[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA",
                                      "\xE2\x80\xA3", "\xE2\x97\x8F", "\xE2\x97\x8B",
                                      "\xE2\x96\xA0", "\xE2\x96\xA1", "\xE2\x96\xBA",
                                      "\xE2\x9E\xA2", "\xC2\xB7",     "-",
                                      "*",            NULL};

static line_info classify(const char *s, size_t n) {
  line_info in = {0};
  size_t i = 0, k;
  while (i < n && (k = space_at(s + i, n - i))) {
    in.indent = s[i] == '\t' ? (in.indent / 8 + 1) * 8 : in.indent + (s[i] == ' ' || k == 2);
    i += k;
  }
  in.text = s + i;
  if (i == n) {
    in.blank = true;
    return in;
  }
  const char *tt = s + i;
  in.len = n - i;
  trim(&tt, &in.len);
  in.cols = in.indent;
  for (size_t b = 0; b < in.len; b++)
    in.cols += ((unsigned char)tt[b] & 0xC0) != 0x80;
  const char *t = s + i;
  size_t m = n - i;
  /* numbers: "[12]", "12.", "12)", "(12)", then a space or the line end */
  size_t d = 0, open = 0;
  if (t[0] == '[' || t[0] == '(')
    open = 1;
  unsigned long v = 0;
  while (open + d < m && d < 4 && t[open + d] >= '0' && t[open + d] <= '9')
    v = v * 10 + (unsigned long)(t[open + d++] - '0');
  if (d && open + d < m) {
    char c = t[open + d];
    size_t after = open + d + 1;
    bool spaced = after == m || space_at(t + after, m - after);
    int kind = MK_NONE;
    if (open && t[0] == '[' && c == ']')
      kind = MK_BRACKET;
    else if (open && t[0] == '(' && c == ')' && spaced)
      kind = MK_PARENS;
    else if (!open && c == '.' && spaced)
      kind = MK_DOT;
    else if (!open && c == ')' && spaced)
      kind = MK_PAREN;
    if (kind) {
      in.kind = kind;
      in.num = v;
      in.bare = after >= in.len;
    }
  }
  for (size_t b = 0; bullets[b]; b++) {
    size_t bl = strlen(bullets[b]);
    if (bl < m && memcmp(t, bullets[b], bl) == 0 && space_at(t + bl, m - bl)) {
      in.bullet = bl;
      break;
    }
  }
  return in;
}

/* ---- flush lists: every line at the margin, nothing between references - */

/* Whether a line (trimmed) can be the last of a reference: it ends with a
 * digit, ")", "]", a closing quote, a URL or a full stop that is not an initial's ("J.") or
 * an abbreviation's ("Biol."). */
static bool can_end(const char *t, size_t n) {
  if (!n)
    return false;
  size_t ws = n;
  while (ws && t[ws - 1] != ' ')
    ws--;
  if (url_like(t + ws, n - ws))
    return true;
  char c = t[n - 1];
  if ((c >= '0' && c <= '9') || c == ')' || c == ']' || c == '"')
    return true;
  if (n >= 3 && (memcmp(t + n - 3, "\xE2\x80\x9D", 3) == 0 || /* ” */
                 memcmp(t + n - 3, "\xE2\x80\x9C", 3) == 0))  /* “ */
    return true;
  if (c != '.')
    return false;
  size_t wb = n - 1;
  while (wb && (((t[wb - 1] | 0x20) >= 'a' && (t[wb - 1] | 0x20) <= 'z') ||
                (unsigned char)t[wb - 1] >= 0x80))
    wb--;
  size_t wl = n - 1 - wb;
  if (wl == 1 && t[wb] >= 'A' && t[wb] <= 'Z')
    return false; /* "Smith, J." */
  return !(wl && rpi_lex_is_abbrev(t + wb, wl));
}

/* Capitalized words that open a line like a family name and are not one
 * ("In K. Brown (ed.)", "Vol. 2"). */
static const char *const not_names[] = {"ed", "eds", "in", "no", "pp", "see", "trans", "vol",
                                        NULL};

/* What follows a full first name ("Smith, John" + rest) that makes it a
 * name rather than "Springer, Berlin": an initial, "&", "and", "(", a year,
 * or ". " and a year or a quote. */
static bool after_first_name(const char *t, size_t n) {
  if (n >= 3 && t[0] == ' ' && t[1] >= 'A' && t[1] <= 'Z' && t[2] == '.')
    return true; /* "Hyman, Larry M." */
  if (n >= 2 && t[0] == ' ' && (t[1] == '&' || t[1] == '('))
    return true;
  if (n >= 5 && memcmp(t, " and ", 5) == 0)
    return true;
  size_t i = 0;
  if (n >= 2 && (t[0] == '.' || t[0] == ',') && t[1] == ' ')
    i = 2;
  else if (n >= 1 && t[0] == ' ')
    i = 1;
  else
    return false;
  if (i + 4 <= n && (t[i] == '1' || t[i] == '2') && t[i + 1] >= '0' && t[i + 1] <= '9' &&
      t[i + 2] >= '0' && t[i + 2] <= '9' && t[i + 3] >= '0' && t[i + 3] <= '9')
    return true; /* "Blagden, Cyprian. 1960.", "Fischer, Olga 2004" */
  return i == 2 && t[0] == '.' && i + 3 <= n &&
         (t[i] == '"' || memcmp(t + i, "\xE2\x80\x9C", 3) == 0); /* ". “Title" */
}

/* Whether a line (trimmed) opens with an author: 2 for "Smith, J.",
 * "Smith JA,", "J. Smith", "van der Berg, A.", "PEREIRA DE ALMEIDA, P.",
 * "AMAND (M.)", "Hyman, Larry M.", "Blagden, Cyprian. 1960"; 1 for
 * "Smith, John" alone (a name, or "Springer, Berlin"); 0 otherwise, also
 * for "Hillsdale, NJ:", "Chin J Pract" (a journal abbreviation) and "In K.
 * Brown". */
static int author_start(const char *t, size_t n) {
  size_t i = 0, len;
  for (int k = 0; k < 3; k++) { /* particles: "van der Berg", "Van Dyke" */
    size_t w = word_after(t + i, n - i);
    if (!w || i + w >= n || t[i + w] != ' ' ||
        !(rpi_lex_is_particle(t + i, w) || rpi_lex_is_cap_particle(t + i, w)))
      break;
    i += w + 1;
  }
  unsigned c = cp_at(t + i, n - i, &len);
  if (!rpi_is_upper(c))
    return 0;
  if (i + len < n && t[i + len] == '.') { /* "J. Smith", "J.-P. Smith" */
    while (i < n && rpi_is_upper(cp_at(t + i, n - i, &len)) && i + len < n &&
           t[i + len] == '.') {
      i += len + 1;
      while (i < n && (t[i] == ' ' || t[i] == '-'))
        i++;
    }
    for (int k = 0; k < 2; k++) { /* "J. C. da Silva" */
      size_t p = word_after(t + i, n - i);
      if (!p || i + p >= n || t[i + p] != ' ' || !rpi_lex_is_particle(t + i, p))
        break;
      i += p + 1;
    }
    c = cp_at(t + i, n - i, &len);
    size_t w = word_after(t + i, n - i);
    return rpi_is_upper(c) && w > len ? 2 : 0;
  }
  size_t w = i; /* the family name: letters, '-', '\'', U+2019 */
  bool caps = true;
  for (int words = 0;;) {
    size_t k = word_after(t + w, n - w);
    for (size_t b = w; b < w + k; b++)
      caps = caps && !(t[b] >= 'a' && t[b] <= 'z');
    w += k;
    if (w < n && (t[w] == '-' || t[w] == '\''))
      w++;
    else if (w + 2 < n && memcmp(t + w, "\xE2\x80\x99", 3) == 0)
      w += 3;
    else if (caps && k >= 2 && ++words < 3 && w + 1 < n && t[w] == ' ' && t[w + 1] >= 'A' &&
             t[w + 1] <= 'Z' && t[w + 2] >= 'A' && t[w + 2] <= 'Z')
      w++; /* "PEREIRA DE ALMEIDA" */
    else
      break;
    if (!k)
      break;
  }
  if (w - i < 2 || w >= n || in_list(not_names, t + i, w - i) || rpi_lex_is_abbrev(t + i, w - i))
    return 0;
  if (t[w] == ',' && w + 2 < n && t[w + 1] == ' ') { /* "Smith, J." */
    size_t j = w + 2;
    c = cp_at(t + j, n - j, &len);
    if (!rpi_is_upper(c))
      return 0;
    unsigned d = j + len < n ? cp_at(t + j + len, n - j - len, &len) : 0;
    if (j + 2 < n && t[j] >= 'A' && t[j] <= 'Z' && t[j + 1] >= 'A' && t[j + 1] <= 'Z' &&
        t[j + 2] == ':')
      return 0; /* "Hillsdale, NJ:" */
    if (!rpi_is_lower(d))
      return 2;
    size_t f = j + word_after(t + j, n - j);
    return after_first_name(t + f, n - f) ? 2 : 1;
  }
  if (t[w] == ' ') { /* "Murry CE,", "Smith J.", "AMAND (M.)" */
    size_t j = w + 1, ncap = 0;
    if (caps && j + 3 < n && t[j] == '(' && t[j + 1] >= 'A' && t[j + 1] <= 'Z' &&
        t[j + 2] == '.')
      return 2;
    while (j < n && t[j] >= 'A' && t[j] <= 'Z' && ncap < 4) {
      j++;
      ncap++;
    }
    if (ncap >= 1 && ncap <= 3 &&
        (j == n || t[j] == ',' || t[j] == '.' || (j + 1 < n && t[j] == ' ' && t[j + 1] == '(')))
      return 2; /* also "Kent WJ (2002)", not "Chin J Pract" */
  }
  return 0;
}

/* Whether a numbered line's text after its marker begins with a capital
 * ("60. Differences", not "220. 1969."). */
static bool marked_text(const char *t, size_t n) {
  size_t i = 0;
  while (i < n && t[i] != ' ' && t[i] != '\t')
    i++;
  while (i < n && (t[i] == ' ' || t[i] == '\t'))
    i++;
  size_t len;
  return i < n && rpi_is_upper(cp_at(t + i, n - i, &len));
}

/* Flush: a line that opens with an author or a list marker after a line
 * that can end a reference begins one; a full name ("Smith, John") only after a line
 * that stops short of the width. */
static bool flush_begins(size_t width, bool prev_ends, size_t prev_cols, const line_info *in) {
  if (!prev_ends)
    return false;
  if (in->bullet || (in->kind && in->kind != MK_PARENS && in->num < 1000 &&
                     marked_text(in->text, in->len)))
    return true; /* "[13] S. E. Han", "60. Differences"; not "341." or "(1993)" */
  int a = author_start(in->text, in->len);
  return a == 2 || (a == 1 && prev_cols * 100 < width * FLUSH_SHORT_PERCENT);
}

static int cmp_size(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

/* Flush: lines of about one width (95 % of them at most FLUSH_MAX_WIDTH
 * characters, half of them within 60 % of it), a quarter or more of which
 * stop where a reference cannot end (mid-sentence, after a comma), and
 * FLUSH_LOW_PERCENT or more begin with a small letter or a digit that is
 * not a marker. A list of one reference a line ends nearly every line with
 * "." or a number and begins it with a capital. */
static bool looks_flush(rp_list *l, const line_info *in, size_t first) {
  size_t n = 0;
  size_t *cols = malloc((l->wn - first + 1) * sizeof *cols);
  if (!cols)
    return false;
  for (size_t i = first; i < l->wn; i++)
    if (!in[i].blank)
      cols[n++] = in[i].cols;
  bool flush = false;
  if (n >= 4) {
    qsort(cols, n, sizeof *cols, cmp_size);
    size_t width = cols[n * 95 / 100 < n ? n * 95 / 100 : n - 1];
    size_t near = 0, open = 0, low = 0, last = l->wn;
    for (size_t i = first; i < l->wn; i++) {
      if (in[i].blank)
        continue;
      near += in[i].cols * 10 >= width * 6;
      size_t len;
      unsigned c = cp_at(in[i].text, in[i].len, &len);
      low += !in[i].kind && (rpi_is_lower(c) || (c >= '0' && c <= '9'));
      if (last < l->wn)
        open += !can_end(in[last].text, in[last].len);
      last = i;
    }
    flush = width <= FLUSH_MAX_WIDTH && near * 2 >= n && open * 4 >= n - 1 &&
            low * 100 >= n * FLUSH_LOW_PERCENT;
    l->width = width;
  }
  free(cols);
  return flush;
}

/* ---- choosing the layout ---------------------------------------------------- */

static line_info win_info(const rp_list *l, size_t i) {
  const win_line *w = &l->wl[i];
  return classify((l->read ? l->win.p : l->text) + w->off, w->len);
}

static bool win_heading(const rp_list *l, size_t i) {
  const win_line *w = &l->wl[i];
  return rpi_read_is_heading((l->read ? l->win.p : l->text) + w->off, w->len);
}

/* Numbered: the longest run of markers of one kind, each one more than the
 * last, at no deeper indent than the first. */
static size_t best_chain(const rp_list *l, const line_info *in, int *kind, size_t *start) {
  size_t best = 0;
  for (int k = MK_BRACKET; k <= MK_PARENS; k++) {
    size_t tried = 0;
    for (size_t i = 0; i < l->wn && tried < MAX_CHAIN_STARTS; i++) {
      if (in[i].kind != k)
        continue;
      tried++;
      size_t len = 1;
      unsigned long want = in[i].num + 1;
      for (size_t j = i + 1; j < l->wn; j++)
        if (in[j].kind == k && in[j].num == want && in[j].indent <= in[i].indent + 1) {
          len++;
          want++;
        }
      if (len > best || (len == best && i < *start)) { /* the earliest of equals */
        best = len;
        *kind = k;
        *start = i;
      }
    }
  }
  return best;
}

/* A numbered list, or one reference a line with some numbers missing
 * ("[1] A", "B", "[3] C")? The lines without a marker decide: opening with
 * an author ("Smith, J.", "Murry CE,") after a line that can end a
 * reference, they are references of their own (one a line); if most are
 * not, they are continuation lines (numbered). */
static rp_layout auto_numbered(const line_info *in, size_t wn, size_t first, int kind) {
  size_t own = 0, cont = 0, prev = wn;
  for (size_t i = first; i < wn; prev = in[i].blank ? prev : i, i++) {
    if (in[i].blank || in[i].kind == kind)
      continue;
    if (prev < wn && !in[prev].bare && can_end(in[prev].text, in[prev].len) &&
        author_start(in[i].text, in[i].len) == 2)
      own++;
    else
      cont++;
  }
  return own > cont ? RP_LAYOUT_LINES : RP_LAYOUT_NUMBERED;
}

static rp_status choose_layout(rp_list *l, rp_layout forced) {
  line_info *in = calloc(l->wn ? l->wn : 1, sizeof *in);
  if (!in)
    return RP_ERR_NOMEM;
  size_t first = l->wn; /* first line that is neither blank nor a heading */
  for (size_t i = 0; i < l->wn; i++) {
    in[i] = win_info(l, i);
    if (first == l->wn && !in[i].blank && !win_heading(l, i))
      first = i;
  }
  rp_layout lay = forced;
  int kind = MK_NONE;
  size_t cstart = 0;
  size_t chain = best_chain(l, in, &kind, &cstart);
  bool auto_ = forced == RP_LAYOUT_AUTO;
  size_t content = 0;
  for (size_t i = first; i < l->wn; i++)
    content += !in[i].blank;
  /* two markers at least, and one for every CHAIN_MAX_LINES lines: "(1989)"
   * and "(1990)" opening two continuation lines are not a list */
  if (auto_ && chain >= 2 && chain * CHAIN_MAX_LINES >= content)
    lay = auto_numbered(in, l->wn, first, kind);
  if (lay == RP_LAYOUT_NUMBERED) {
    l->kind = chain ? kind : MK_NONE;
    l->start_no = chain ? l->wl[cstart].no : 0;
  }
  /* bulleted: the first line is a bullet, and one more has the same one */
  if (auto_ && lay == RP_LAYOUT_AUTO && first < l->wn && in[first].bullet) {
    size_t same = 0;
    for (size_t i = first; i < l->wn; i++)
      if (in[i].bullet == in[first].bullet &&
          memcmp(in[i].text, in[first].text, in[first].bullet) == 0)
        same++;
    if (same >= 2)
      lay = RP_LAYOUT_BULLETED;
  }
  if (lay == RP_LAYOUT_BULLETED) {
    for (size_t i = first; i < l->wn; i++)
      if (in[i].bullet) {
        memcpy(l->bullet, in[i].text, in[i].bullet);
        l->bullet_len = in[i].bullet;
        l->start_no = l->wl[i].no;
        break;
      }
  }
  /* hanging: the first line at the least indent, some line deeper */
  size_t margin = (size_t)-1, deeper = 0;
  for (size_t i = first; i < l->wn; i++)
    if (!in[i].blank && in[i].indent < margin)
      margin = in[i].indent;
  for (size_t i = first; i < l->wn; i++)
    if (!in[i].blank && in[i].indent > margin)
      deeper++;
  if (auto_ && lay == RP_LAYOUT_AUTO && first < l->wn && in[first].indent == margin && deeper)
    lay = RP_LAYOUT_HANGING;
  l->margin = first < l->wn ? margin : 0;
  /* blank: three paragraphs or more, some of two lines or more (or two of
   * two lines or more), of at most BLANK_MAX_AVERAGE lines on average (one
   * blank line inside a list of one reference a line joins nothing) */
  if (auto_ && lay == RP_LAYOUT_AUTO) {
    size_t paras = 0, multi = 0, lines = 0, run = 0;
    for (size_t i = first; i < l->wn; i++) {
      if (in[i].blank) {
        run = 0;
        continue;
      }
      if (!run++)
        paras++;
      lines++;
      if (run == 2)
        multi++;
    }
    lay = ((paras >= 3 && multi) || (paras == 2 && multi == 2)) &&
                  lines <= BLANK_MAX_AVERAGE * paras
              ? RP_LAYOUT_BLANK
              : RP_LAYOUT_LINES;
  }
  bool flush = first < l->wn && looks_flush(l, in, first);
  if (auto_ && lay == RP_LAYOUT_LINES && flush)
    lay = RP_LAYOUT_FLUSH;
  if (lay == RP_LAYOUT_FLUSH && !flush && !l->width)
    l->width = FLUSH_MAX_WIDTH;
  l->layout = lay;
  free(in);
  return RP_OK;
}

/* Whether a line begins a new reference under the layout (called once per
 * non-blank line, in order: it keeps the numbering). */
static bool begins(rp_list *l, const line_info *in, size_t no) {
  switch (l->layout) {
  case RP_LAYOUT_NUMBERED:
    if (!l->started) {
      if (no != l->start_no || !l->kind)
        return true; /* before the list: a line is a reference */
      l->started = true;
      l->expected = in->num + 1;
      l->marker_indent = in->indent;
      return true;
    }
    if (in->kind && in->kind != l->kind && in->num == l->expected &&
        in->indent <= l->marker_indent + 1 && marked_text(in->text, in->len)) {
      l->expected++; /* "[9] A", "10. B": another style, the same count */
      return true;
    }
    if (in->kind && in->kind != l->kind && l->prev_sep && in->num == 1 &&
        marked_text(in->text, in->len)) {
      l->kind = in->kind; /* a new list after a heading or a blank line */
      l->expected = 2;
      l->marker_indent = in->indent;
      return true;
    }
    if (in->kind == l->kind && in->indent <= l->marker_indent + 1) {
      /* one number lost ("[11]" then "[13]"): after a full stop, and the
       * text opens with a capital ("13. Smith", not "13. 345-350") */
      bool gap = in->num == l->expected + 1 && l->prev_stop && marked_text(in->text, in->len);
      if (in->num == l->expected || gap || (l->prev_sep && in->num == 1)) {
        l->expected = in->num + 1;
        return true;
      }
    }
    /* a reference without its number: "[3] A", "Smith, J. B", "[5] C" */
    l->numberless = !in->kind && in->indent <= l->marker_indent + 1 && l->prev_ends &&
                    author_start(in->text, in->len) == 2;
    return l->numberless;
  case RP_LAYOUT_BULLETED:
    if (!l->started) {
      if (no != l->start_no)
        return true;
      l->started = true;
      l->marker_indent = in->indent;
      return true;
    }
    return in->bullet == l->bullet_len && memcmp(in->text, l->bullet, l->bullet_len) == 0 &&
           in->indent <= l->marker_indent + 1;
  case RP_LAYOUT_HANGING:
    return in->indent <= l->margin;
  case RP_LAYOUT_BLANK:
    return false;
  case RP_LAYOUT_FLUSH:
    return flush_begins(l->width, l->prev_ends, l->prev_cols, in);
  default:
    return true;
  }
}

/* ---- joining ------------------------------------------------------------- */

/* Whether the hyphen at byte h of s follows a letter or a digit: "transfor-",
 * "2019-", not "Smith -" or "(BRD).-", which a break joins with a space. */
static bool hyphen_after_word(const char *s, size_t h) {
  size_t st;
  unsigned cp = cp_before(s, h, &st);
  return rpi_is_letter(cp) || rpi_is_mark(cp) || (cp >= '0' && cp <= '9');
}

/* Whether a line that follows a URL ending in "/" opens with what comes
 * after a URL rather than more of it: a bracket, a quote, or a word in
 * parentheses ("[Accessed 5 March 2017]", "(accessed ...)"); "(SICI)1097"
 * of a Wiley DOI goes on. */
static bool prose_after_url(const char *s, size_t n) {
  if (!n)
    return false;
  if (s[0] == '[' || s[0] == '<' || s[0] == '"' || (n >= 2 && !memcmp(s, "\xC2\xAB", 2)) ||
      (n >= 3 && (!memcmp(s, "\xE2\x80\x9C", 3) || !memcmp(s, "\xE2\x80\x98", 3))))
    return true; /* also "«", "“", "‘" */
  if (s[0] != '(')
    return false;
  size_t i = 1;
  while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
    i++;
  return i > 1 && (i == n || s[i] == ' ');
}

/* Append a trimmed line to the reference being built. */
static bool add_line(rp_list *l, const char *s, size_t n) {
  bytes *it = &l->item;
  trim(&s, &n);
  if (!n)
    return true;
  if (it->len >= READ_ITEM_MAX)
    return true;
  const char *sep = it->len ? " " : "";
  size_t drop = 0; /* bytes removed from the end of the item */
  if (it->len) {
    const char *p = it->p;
    size_t L = it->len, ws = L;
    while (ws && L - ws < SCAN_BACK && p[ws - 1] != ' ')
      ws--;
    size_t hs;
    unsigned last = cp_before(p, L, &hs);
    size_t l0;
    unsigned c0 = cp_at(s, n, &l0);
    if (url_like(p + ws, L - ws) &&
        ((last == '/' && !prose_after_url(s, n)) ||
         ((last == '.' || last == '-' || last == '_' || last == '=' || last == '&' ||
           last == '?' || last == '#' || last == '~') &&
          ((c0 >= 'a' && c0 <= 'z') || (c0 >= '0' && c0 <= '9'))))) {
      sep = ""; /* "https://doi.org/10.1000/" + "abc" */
    } else if (last == 0xAD) {
      sep = ""; /* soft hyphen: always a break inside a word */
      drop = L - hs;
    } else if ((last == '-' || last == 0x2010) && hs && hyphen_after_word(p, hs)) {
      join j = hyphen_at(p, hs, s, n);
      sep = j == J_SPACE ? " " : "";
      if (j == J_DROP)
        drop = L - hs;
    } else if (last == 0x2013 && hs && p[hs - 1] != ' ') {
      sep = ""; /* "123–" + "130" */
    }
  }
  it->len -= drop;
  if (!bytes_put(it, sep, strlen(sep), READ_ITEM_MAX) || !bytes_put(it, s, n, READ_ITEM_MAX)) {
    l->err = RP_ERR_NOMEM;
    return false;
  }
  if (it->len == READ_ITEM_MAX) { /* cut: end on a whole character */
    size_t e = it->len;
    while (e && ((unsigned char)it->p[e - 1] & 0xC0) == 0x80)
      e--;
    if (e && (unsigned char)it->p[e - 1] >= 0xC0)
      e--;
    it->len = e;
    it->p[e] = '\0';
  }
  return true;
}

/* ---- public API ---------------------------------------------------------------- */

const char *rp_layout_name(rp_layout layout) {
  static const char *const names[RP_LAYOUT_COUNT_] = {
      "auto", "lines", "numbered", "bulleted", "hanging", "blank", "flush"};
  return (unsigned)layout < RP_LAYOUT_COUNT_ ? names[layout] : "";
}

/* Read the window and choose the layout. */
static rp_status start(rp_list *l, rp_layout layout) {
  size_t cap = 64;
  l->wl = malloc(cap * sizeof *l->wl);
  if (!l->wl)
    return RP_ERR_NOMEM;
  size_t kept = 0;
  const char *s;
  size_t n;
  while (l->wn < READ_WINDOW_LINES && kept < READ_WINDOW_BYTES && src_line(l, &s, &n)) {
    if (l->wn == cap) {
      win_line *w = realloc(l->wl, 2 * cap * sizeof *w);
      if (!w)
        return RP_ERR_NOMEM;
      l->wl = w;
      cap *= 2;
    }
    win_line *w = &l->wl[l->wn++];
    w->no = l->lineno;
    w->len = n;
    if (l->read) {
      w->off = l->win.len;
      if (!bytes_put(&l->win, s, n, (size_t)-1 / 2))
        return RP_ERR_NOMEM;
    } else {
      w->off = (size_t)(s - l->text);
    }
    kept += n + 1;
  }
  if (l->err)
    return l->err;
  return choose_layout(l, layout);
}

static rp_status make(rp_list *l, rp_layout layout, rp_list **out) {
  rp_status st = start(l, layout);
  if (st != RP_OK) {
    rp_list_free(l);
    return st;
  }
  l->prev_sep = true;
  *out = l;
  return RP_OK;
}

rp_status rp_list_new(const char *text, size_t len, rp_layout layout, rp_list **out) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if ((!text && len) || (unsigned)layout >= RP_LAYOUT_COUNT_)
    return RP_ERR_ARG;
  rp_list *l = calloc(1, sizeof *l);
  if (!l)
    return RP_ERR_NOMEM;
  l->text = text ? text : "";
  l->text_len = len;
  return make(l, layout, out);
}

rp_status rp_list_new_reader(rp_read_fn read, void *ctx, rp_layout layout, rp_list **out) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if (!read || (unsigned)layout >= RP_LAYOUT_COUNT_)
    return RP_ERR_ARG;
  rp_list *l = calloc(1, sizeof *l);
  if (!l)
    return RP_ERR_NOMEM;
  l->read = read;
  l->ctx = ctx;
  l->chunk = malloc(READ_CHUNK);
  if (!l->chunk) {
    free(l);
    return RP_ERR_NOMEM;
  }
  return make(l, layout, out);
}

/* The tentative reference inside the item is settled. When the marker
 * that ends the item (marked, its number next_num) skips the number the
 * list expected before that line, the line began a reference of its own
 * ("[2] A", "Roe, B. Three", "[4] C"), which is held to be returned next;
 * otherwise ("[190] ... Memoir.", "Washington, D.C.: ...", "[191]"; also
 * a blank line or the end of the input) it went on the reference. */
static void settle(rp_list *l, bool marked, unsigned long next_num) {
  if (!l->tent)
    return;
  l->tent = false;
  if (!marked || next_num <= l->tent_expected)
    return;
  if (l->item.len <= l->tent_off + 1)
    return; /* cut short at READ_ITEM_MAX: nothing of it is in the item */
  l->held.len = 0;
  if (!bytes_put(&l->held, l->item.p + l->tent_off + 1, l->item.len - l->tent_off - 1,
                 READ_ITEM_MAX)) {
    l->err = RP_ERR_NOMEM;
    return;
  }
  l->have_held = true;
  l->held_first = l->tent_no;
  l->held_last = l->last;
  l->item.len = l->tent_off;
  l->item.p[l->tent_off] = '\0';
  l->last = l->tent_prev;
}

rp_status rp_list_next(rp_list *l, const char **text, size_t *len) {
  if (text)
    *text = NULL;
  if (len)
    *len = 0;
  if (!l || !text || !len)
    return RP_ERR_ARG;
  if (l->err)
    return l->err;
  if (l->have_held) { /* the second half of a split */
    bytes t = l->item;
    l->item = l->held;
    l->held = t;
    l->have_held = false;
    l->cur_first = l->held_first;
    l->cur_last = l->held_last;
    *text = l->item.p;
    *len = l->item.len;
    return RP_OK;
  }
  l->item.len = 0;
  l->have_item = false;
  for (;;) {
    const char *s;
    size_t n, no;
    bool starts;
    if (l->pending) {
      l->pending = false;
      s = l->pl;
      n = l->pn;
      no = l->pno;
      starts = true;
    } else {
      if (!next_line(l, &s, &n, &no)) {
        if (l->err)
          return l->err;
        break;
      }
      line_info in = classify(s, n);
      if (in.blank) {
        l->prev_sep = true;
        if (l->have_item)
          break;
        continue;
      }
      l->numberless = false;
      bool b = begins(l, &in, no);
      l->prev_ends = !(in.bare && l->layout == RP_LAYOUT_NUMBERED) && can_end(in.text, in.len);
      l->prev_stop = in.len && in.text[in.len - 1] == '.';
      l->prev_cols = in.cols;
      starts = !l->have_item || b;
      int hk = heading_kind(s, n);
      if (hk == 2 || (starts && hk)) {
        l->prev_sep = true;
        if (l->have_item)
          break;
        continue;
      }
      if (starts && l->have_item && l->numberless && !l->tent) {
        l->tent = true; /* read on; the next marker settles it */
        l->tent_expected = l->expected;
        l->tent_off = l->item.len;
        l->tent_no = no;
        l->tent_prev = l->last;
      } else if (starts && l->have_item) {
        settle(l, in.kind == l->kind, in.num);
        l->pending = true;
        l->pl = s;
        l->pn = n;
        l->pno = no;
        break;
      }
    }
    if (!l->have_item) {
      l->have_item = true;
      l->first = no;
    }
    l->last = no;
    l->prev_sep = false;
    if (!add_line(l, s, n))
      return l->err;
    if (l->tent && l->tent_no == no &&
        (l->item.len <= l->tent_off + 1 || l->item.p[l->tent_off] != ' '))
      l->tent = false; /* joined without a space ("...doi.org/" + "Smith"): one reference */
  }
  settle(l, false, 0); /* a blank line, a heading or the end of the input */
  if (l->err)
    return l->err;
  if (!l->have_item)
    return RP_OK;
  l->cur_first = l->first;
  l->cur_last = l->last;
  *text = l->item.p ? l->item.p : "";
  *len = l->item.len;
  return RP_OK;
}

void rp_list_lines(const rp_list *l, size_t *first, size_t *last) {
  if (first)
    *first = l ? l->cur_first : 0;
  if (last)
    *last = l ? l->cur_last : 0;
}

rp_layout rp_list_layout(const rp_list *l) { return l ? l->layout : RP_LAYOUT_AUTO; }

void rp_list_free(rp_list *l) {
  if (!l)
    return;
  free(l->chunk);
  free(l->line.p);
  free(l->win.p);
  free(l->wl);
  free(l->item.p);
  free(l->held.p);
  free(l);
}
