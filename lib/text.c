#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "lexicon.h"
#include "utf8.h"

#include "simd.h"

/* A string under construction with its raw-offset map. Offsets fit in 32
 * bits: a reference is at most 1 GiB (rp_options_set_max_length). */
typedef struct mbuf {
  rpi_buf b;
  uint32_t *map;
  size_t mcap;
  bool map_borrowed; /* map is the caller's storage (mb_init_on) */
} mbuf;

static void mb_init(mbuf *m) {
  rpi_buf_init(&m->b, (size_t)1 << 30);
  m->map = NULL;
  m->mcap = 0;
  m->map_borrowed = false;
}
/* An mbuf on the caller's storage, n bytes and n map entries; growing
 * moves it to the heap. */
static void mb_init_on(mbuf *m, char *p, uint32_t *map, size_t n) {
  rpi_buf_init_on(&m->b, p, n, (size_t)1 << 30);
  m->map = map;
  m->mcap = n;
  m->map_borrowed = true;
}
static void mb_reserve(mbuf *m, size_t n) {
  if (rpi_buf_reserve(&m->b, n)) {
    m->map = malloc((n + 1) * sizeof *m->map);
    m->mcap = m->map ? n + 1 : 0;
  }
}
static void mb_free(mbuf *m) {
  rpi_buf_free(&m->b);
  if (!m->map_borrowed)
    free(m->map);
  m->map = NULL;
}
static bool mb_map(mbuf *m, size_t from, size_t raw) {
  size_t need = m->b.len + 1;
  if (need > m->mcap) {
    size_t cap = m->mcap ? m->mcap * 2 : 256;
    while (cap < need)
      cap *= 2;
    uint32_t *p = m->map_borrowed ? malloc(cap * sizeof *p) : realloc(m->map, cap * sizeof *p);
    if (!p) {
      m->b.err = RP_ERR_NOMEM;
      return false;
    }
    if (m->map_borrowed)
      memcpy(p, m->map, m->mcap * sizeof *p);
    m->map_borrowed = false;
    m->map = p;
    m->mcap = cap;
  }
  for (size_t i = from; i < m->b.len; i++)
    m->map[i] = (uint32_t)raw;
  return true;
}
/* Room for n more bytes and their map entries without growing (and within
 * the cap): the fast paths below then write in place. */
static inline bool mb_room(const mbuf *m, size_t n) {
  return !m->b.err && m->b.len + n < m->b.cap && m->b.len + n < m->mcap &&
         m->b.len + n <= m->b.max;
}
static void mb_put(mbuf *m, const char *s, size_t n, size_t raw) {
  size_t at = m->b.len;
  if (mb_room(m, n)) {
    memcpy(m->b.p + at, s, n);
    m->b.len += n;
    m->b.p[m->b.len] = '\0';
    for (size_t k = 0; k < n; k++)
      m->map[at + k] = (uint32_t)raw;
    return;
  }
  rpi_buf_put(&m->b, s, n);
  if (!m->b.err)
    mb_map(m, at, raw);
}
/* A verbatim copy: output byte k comes from source byte k, so spans that
 * end inside it (a 3-byte dash, a bullet) keep their true length. */
static void mb_copy(mbuf *m, const char *s, size_t n, const uint32_t *srcmap, size_t raw) {
  size_t at = m->b.len;
  if (mb_room(m, n)) {
    memcpy(m->b.p + at, s, n);
    m->b.len += n;
    m->b.p[m->b.len] = '\0';
  } else {
    rpi_buf_put(&m->b, s, n);
    if (m->b.err || !mb_map(m, at, raw))
      return;
  }
  if (srcmap)
    memcpy(m->map + at, srcmap, n * sizeof *m->map);
  else
    for (size_t k = 0; k < n; k++)
      m->map[at + k] = (uint32_t)(raw + k);
}
static void mb_swap(mbuf *x, mbuf *y) {
  mbuf tmp = *x;
  *x = *y;
  *y = tmp;
}
static void mb_putcp(mbuf *m, unsigned cp, size_t raw) {
  size_t at = m->b.len;
  rpi_buf_putcp(&m->b, cp);
  if (!m->b.err)
    mb_map(m, at, raw);
}

static void warn_change(rp_result *r, rp_warning_code code, size_t off,
                        size_t len, const char *before, size_t blen,
                        const char *after, size_t alen) {
  char msg[200 + 4 + 200 + 1]; /* both sides clipped to 200 bytes */
  size_t bl = blen < 200 ? blen : 200, al = alen < 200 ? alen : 200;
  memcpy(msg, before, bl);
  memcpy(msg + bl, " -> ", 4);
  memcpy(msg + bl + 4, after, al);
  msg[bl + 4 + al] = '\0';
  rpi_result_warn(r, code, off, len, msg);
}

/* ---- pass 1: bytes -> code points, markup, mojibake, spaces ---------------- */

/* An HTML entity or a LaTeX escape raw[i, i+l) decoded to cp (and a
 * combining c2, or 0): composed when it can be, written to o and warned. */
static void put_escape(mbuf *o, rp_result *r, const char *raw, size_t i, size_t l, unsigned cp,
                       unsigned c2) {
  if (c2 && rpi_compose(cp, c2))
    cp = rpi_compose(cp, c2), c2 = 0;
  /* "&#9;", "&#x2029;", "&nbsp;": white space of any kind is a space */
  if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0xA0 ||
      cp == 0x2028 || cp == 0x2029 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
      cp == 0x3000)
    cp = ' ';
  else if (cp < 0x20 || cp == 0x7F)
    cp = 0xFFFD; /* an escaped control character is not text */
  mb_putcp(o, cp, i);
  if (c2)
    mb_putcp(o, c2, i);
  rpi_buf tmp;
  rpi_buf_init(&tmp, 16);
  rpi_buf_putcp(&tmp, cp);
  if (c2)
    rpi_buf_putcp(&tmp, c2);
  warn_change(r, RP_WARN_MARKUP, i, l, raw + i, l, rpi_buf_cstr(&tmp), tmp.len);
  rpi_buf_free(&tmp);
}


/* Windows-1252 byte for a code point, or -1. */
static int cp1252_byte(unsigned cp) {
  if (cp >= 0xA0 && cp <= 0xFF)
    return (int)cp;
  if (cp >= 0x80 && cp <= 0x9F)
    return (int)cp; /* Latin-1 reading of C1 controls */
  if (cp < 0x80)
    return -1; /* ASCII is never in the table below */
  static const struct {
    unsigned cp;
    int b;
  } t[] = {{0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84},
           {0x2026, 0x85}, {0x2020, 0x86}, {0x2021, 0x87}, {0x02C6, 0x88},
           {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C},
           {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201C, 0x93},
           {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97},
           {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B},
           {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F}};
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if (t[i].cp == cp)
      return t[i].b;
  return -1;
}

/* Try to read a mojibake sequence at s: a lead char that is a UTF-8 lead
 * byte in Windows-1252, followed by continuation bytes. Returns the raw
 * length consumed and the repaired code point, or 0. */
static size_t mojibake_at(const unsigned char *s, size_t n, unsigned *out) {
  unsigned cp;
  size_t l = rpi_utf8_decode(s, n, &cp);
  if (!l || cp < 0xC2 || cp > 0xF4)
    return 0;
  unsigned char bytes[4];
  bytes[0] = (unsigned char)cp;
  size_t need = cp >= 0xF0 ? 4 : cp >= 0xE0 ? 3 : 2;
  size_t pos = l;
  for (size_t k = 1; k < need; k++) {
    unsigned c2;
    size_t l2 = rpi_utf8_decode(s + pos, n - pos, &c2);
    if (!l2)
      return 0;
    int b = cp1252_byte(c2);
    if (b < 0x80 || b > 0xBF)
      return 0;
    bytes[k] = (unsigned char)b;
    pos += l2;
  }
  unsigned dec;
  if (rpi_utf8_decode(bytes, need, &dec) != need)
    return 0;
  *out = dec;
  return pos;
}

/* Whether the mojibake read at s (l raw bytes, giving cp) is believable. A
 * three- or four-byte sequence ("â€™") always is. A two-byte one must give a
 * character that text really has: Latin-1 and Latin Extended-A letters,
 * Vietnamese, Pinyin and Romanian letters of Extended-B, spacing accents
 * (PDF text), Greek ("TGF-Î²1"), Cyrillic, or a combining mark that joins
 * the letter before it ("aÌŠ"); anything else (IPA, Armenian, Hebrew, Arabic,
 * NKo...) only when more mojibake follows at once, as in a mis-read word.
 * "ÍŠ" in "POSPÍŠILOVÁ" and "ß" + no-break space in "Weiß M" are text.
 * `prev` is the code point before, 0 if unknown. */
static bool plausible_mojibake(const unsigned char *s, size_t n, size_t l, unsigned cp,
                               unsigned prev) {
  unsigned c2;
  if (cp >= 0x800 || (cp >= 0x80 && cp <= 0x17F) || cp == 0x1A0 || cp == 0x1A1 ||
      cp == 0x1AF || cp == 0x1B0 || (cp >= 0x1CD && cp <= 0x1DC) ||
      (cp >= 0x218 && cp <= 0x21B) || (cp >= 0x2B0 && cp <= 0x2FF) ||
      (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x45F) || cp == 0x490 || cp == 0x491)
    return true;
  if (cp >= 0x300 && cp <= 0x36F && prev && rpi_compose(prev, cp))
    return true;
  unsigned lead;
  size_t ll = rpi_utf8_decode(s, n, &lead);
  if (ll && ll < l && rpi_utf8_decode(s + ll, n - ll, &c2) && c2 >= 0x80 && c2 <= 0x9F)
    return true; /* a C1 control is never text: "Ì\x81" is a mis-read U+0301 */
  return l < n && s[l] >= 0xC3 && mojibake_at(s + l, n - l, &c2) != 0;
}

/* Decode every mojibake sequence of s into out; false when there was none.
 * For text mis-read twice: "Ã¢â‚¬â„¢" -> "â€™" -> "’". */
static bool demojibake(const char *s, size_t n, rpi_buf *out) {
  const unsigned char *u = (const unsigned char *)s;
  bool any = false;
  for (size_t j = 0; j < n;) {
    unsigned cp;
    size_t k = u[j] >= 0xC3 ? mojibake_at(u + j, n - j, &cp) : 0;
    if (k && plausible_mojibake(u + j, n - j, k, cp, 0)) {
      rpi_buf_putcp(out, cp);
      any = true;
      j += k;
      continue;
    }
    k = rpi_utf8_len(s + j, n - j);
    if (!k)
      k = 1;
    rpi_buf_put(out, s + j, k);
    j += k;
  }
  return any;
}

static unsigned latex_accent(char c) {
  switch (c) {
  case '"': return 0x308;
  case '\'': return 0x301;
  case '`': return 0x300;
  case '^': return 0x302;
  case '~': return 0x303;
  case '=': return 0x304;
  case '.': return 0x307;
  case 'u': return 0x306;
  case 'v': return 0x30C;
  case 'H': return 0x30B;
  case 'c': return 0x327;
  case 'k': return 0x328;
  case 'r': return 0x30A;
  default: return 0;
  }
}

static bool is_alpha_ascii(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static int strncasecmp_ascii(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    int x = (unsigned char)a[i], y = (unsigned char)b[i];
    if (x >= 'A' && x <= 'Z')
      x += 32;
    if (y >= 'A' && y <= 'Z')
      y += 32;
    if (x != y)
      return x - y;
  }
  return 0;
}

/* LaTeX accent at s ("\"o", "{\"o}", "\'{e}", "\c{c}", "{\ss}"). Returns the
 * raw length and writes up to two code points. */
static size_t latex_at(const char *s, size_t n, unsigned *c1, unsigned *c2) {
  size_t i = 0;
  bool brace = false;
  if (n >= 2 && s[0] == '{' && s[1] == '\\') {
    brace = true;
    i = 1;
  }
  if (i >= n || s[i] != '\\' || i + 1 >= n)
    return 0;
  i++;
  /* special letters */
  static const struct {
    const char *name;
    unsigned cp;
  } sp[] = {{"ss", 0xDF}, {"ae", 0xE6}, {"AE", 0xC6}, {"oe", 0x153},
            {"OE", 0x152}, {"aa", 0xE5}, {"AA", 0xC5}, {"o", 0xF8},
            {"O", 0xD8}, {"l", 0x142}, {"L", 0x141}, {"i", 0x131}};
  if (brace) {
    for (size_t k = 0; k < sizeof sp / sizeof sp[0]; k++) {
      size_t l = strlen(sp[k].name);
      if (i + l < n && memcmp(s + i, sp[k].name, l) == 0 && s[i + l] == '}') {
        *c1 = sp[k].cp;
        *c2 = 0;
        return i + l + 1;
      }
    }
  }
  unsigned acc = latex_accent(s[i]);
  if (!acc)
    return 0;
  bool letter_cmd = is_alpha_ascii(s[i]);
  i++;
  bool inner = false;
  if (i < n && s[i] == '{') {
    inner = true;
    i++;
  } else if (letter_cmd && i < n && s[i] == ' ') {
    i++;
  }
  unsigned base;
  if (i + 1 < n && s[i] == '\\' && (s[i + 1] == 'i' || s[i + 1] == 'j') &&
      (i + 2 >= n || !is_alpha_ascii(s[i + 2]))) {
    /* "\'\i": the dotless i (or j) that carries the accent in TeX */
    base = (unsigned char)s[i + 1];
    i += 2;
  } else if (i < n && is_alpha_ascii(s[i])) {
    base = (unsigned char)s[i];
    i++;
  } else {
    return 0;
  }
  if (inner) {
    if (i >= n || s[i] != '}')
      return 0;
    i++;
  }
  if (brace) {
    if (i >= n || s[i] != '}')
      return 0;
    i++;
  }
  *c1 = base;
  *c2 = acc;
  return i;
}

static const char *const html_tags[] = {
    "i", "b", "em", "strong", "sup", "sub", "span", "a", "u", "sc", "italic",
    "bold", "br", "p", "div", "font", "small", "tt", "cite", "mark", "jats:italic",
    NULL};

/* An inline tag at s: returns its length or 0. */
static size_t tag_at(const char *s, size_t n) {
  if (n < 3 || s[0] != '<')
    return 0;
  size_t i = 1;
  if (s[i] == '/')
    i++;
  size_t name = i;
  while (i < n && (is_alpha_ascii(s[i]) || s[i] == ':'))
    i++;
  size_t nl = i - name;
  if (!nl)
    return 0;
  bool known = false;
  for (size_t k = 0; html_tags[k]; k++)
    if (strlen(html_tags[k]) == nl && strncasecmp_ascii(s + name, html_tags[k], nl) == 0)
      known = true;
  if (!known)
    return 0;
  size_t lim = i + 200 < n ? i + 200 : n;
  while (i < lim && s[i] != '>' && s[i] != '<')
    i++;
  if (i < lim && s[i] == '>')
    return i + 1;
  return 0;
}

/* An HTML entity at s: returns its length and up to two code points. */
static size_t entity_at(const char *s, size_t n, unsigned *c1, unsigned *c2) {
  if (n < 4 || s[0] != '&')
    return 0;
  size_t i = 1;
  *c2 = 0;
  if (s[i] == '#') {
    i++;
    unsigned v = 0;
    bool hex = i < n && (s[i] == 'x' || s[i] == 'X');
    if (hex)
      i++;
    size_t start = i;
    while (i < n && i - start < 7) {
      char c = s[i];
      if (c >= '0' && c <= '9')
        v = v * (hex ? 16 : 10) + (unsigned)(c - '0');
      else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        v = v * 16 + (unsigned)((c | 0x20) - 'a' + 10);
      else
        break;
      i++;
    }
    if (i == start || i >= n || s[i] != ';' || v == 0 || v > 0x10FFFF ||
        (v >= 0xD800 && v <= 0xDFFF))
      return 0;
    *c1 = v;
    return i + 1;
  }
  size_t start = i;
  while (i < n && i - start < 10 && is_alpha_ascii(s[i]))
    i++;
  if (i >= n || s[i] != ';' || i == start)
    return 0;
  size_t nl = i - start;
  const char *nm = s + start;
  static const struct {
    const char *name;
    unsigned cp;
  } ent[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'},
             {"apos", '\''}, {"nbsp", ' '}, {"ndash", 0x2013}, {"mdash", 0x2014},
             {"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
             {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"szlig", 0xDF},
             {"aelig", 0xE6}, {"AElig", 0xC6}, {"oslash", 0xF8},
             {"Oslash", 0xD8}, {"thinsp", ' '}, {"ensp", ' '}, {"emsp", ' '},
             {"laquo", 0xAB}, {"raquo", 0xBB}, {"minus", 0x2212},
             {"copy", 0xA9}, {"reg", 0xAE}, {"eth", 0xF0}, {"thorn", 0xFE},
             {"alpha", 0x3B1}, {"beta", 0x3B2}, {"gamma", 0x3B3},
             {"delta", 0x3B4}, {"kappa", 0x3BA}, {"mu", 0x3BC}};
  for (size_t k = 0; k < sizeof ent / sizeof ent[0]; k++)
    if (strlen(ent[k].name) == nl && memcmp(ent[k].name, nm, nl) == 0) {
      *c1 = ent[k].cp;
      return i + 1;
    }
  /* &eacute; &Ouml; ... : a letter and an accent name */
  static const struct {
    const char *name;
    unsigned mark;
  } acc[] = {{"acute", 0x301}, {"grave", 0x300}, {"uml", 0x308},
             {"circ", 0x302}, {"tilde", 0x303}, {"cedil", 0x327},
             {"ring", 0x30A}, {"caron", 0x30C}};
  if (nl >= 4 && is_alpha_ascii(nm[0]))
    for (size_t k = 0; k < sizeof acc / sizeof acc[0]; k++)
      if (strlen(acc[k].name) == nl - 1 && memcmp(acc[k].name, nm + 1, nl - 1) == 0) {
        *c1 = (unsigned char)nm[0];
        *c2 = acc[k].mark;
        return i + 1;
      }
  return 0;
}

static bool is_zero_width(unsigned cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
         cp == 0xFEFF || cp == 0xAD || cp == 0x180E;
}

/* The last code point written to o, 0 if none. */
static unsigned last_cp(const mbuf *o) {
  size_t st;
  return o->b.len ? rpi_utf8_prev(o->b.p, o->b.len, &st) : 0;
}

/* Write a decoded code point as the rest of the text would have it: odd and
 * zero-width spaces, hyphen variants and controls made plain, with their
 * warnings ("â€\x90" is a mis-read U+2010 hyphen). */
static void put_plain(mbuf *o, rp_result *r, unsigned cp, size_t at, size_t len) {
  if (is_zero_width(cp)) {
    rpi_result_warn(r, RP_WARN_SPACE, at, len, "zero-width character removed");
  } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
    rpi_result_warn(r, RP_WARN_CONTROL_CHAR, at, len, "control character replaced by a space");
    mb_put(o, " ", 1, at);
  } else if (cp != ' ' && rpi_is_space(cp)) {
    rpi_result_warn(r, RP_WARN_SPACE, at, len, "odd space replaced by a space");
    mb_put(o, " ", 1, at);
  } else if (cp == 0x2010 || cp == 0x2011) {
    rpi_result_warn(r, RP_WARN_DASH, at, len, "hyphen variant unified to '-'");
    mb_put(o, "-", 1, at);
  } else {
    mb_putcp(o, cp, at);
  }
}

/* What the passes make of a byte. Bit 0x10: pass 1 copies it in a run
 * (pass1_plain). Bit 0x20: pass 2 copies it in a run when the text is NFC
 * (pass2_nfc_plain_end). Bit 0x40: p3_after_space. Bit 0x80: pass3_run
 * copies it outside a capitalized word (K_WORD, K_PLAIN, K_DIGIT; not NUL,
 * which ends its scans). Low four bits: its kind for pass3_run. A rule of pass 3 acts only at a space, '-', ',', ';', '.',
 * a bracket, a character with lead byte 0xC2, 0xE2 or 0xEF (K_STOP: the
 * dashes and apostrophes it reads, U+00B4 and U+2012..U+FF0D), or in a word
 * that starts with an ASCII capital (every lexicon repair does, lexicon.c).
 * (Keep true when adding rules.) K_WORD is a small letter or a non-ASCII
 * byte other than K_STOP; word_byte() is K_WORD, K_UPPER, K_DIGIT or K_STOP. */
enum { K_WORD, K_PLAIN, K_UPPER, K_DIGIT, K_SPACE, K_SEP, K_DOT, K_OPEN, K_CLOSE, K_HYPHEN, K_STOP };
#define P1_PLAIN 0x10
#define P2_NFC_PLAIN 0x20
#define P3_AFTER_SPACE 0x40
#define P3_COPY 0x80
#define P3_KIND(c) (byte_class[c] & 0x0F)
static const unsigned char byte_class[256] = {
    0x61, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1,
    0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1,
    0x34, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1, 0x77, 0x78, 0xe1, 0xe1, 0x35, 0x39, 0x76, 0xf1,
    0xf3, 0xf3, 0xf3, 0xf3, 0xf3, 0xf3, 0xf3, 0xf3, 0xf3, 0xf3, 0xf1, 0x35, 0xe1, 0xe1, 0xe1, 0xe1,
    0xe1, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72,
    0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x72, 0x67, 0xe1, 0x68, 0xe1, 0xe1,
    0xc1, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0,
    0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xe1, 0xe1, 0xe1, 0xe1, 0xe1,
    0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0,
    0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0,
    0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0,
    0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0,
    0xe0, 0xe0, 0x0a, 0xe0, 0xc0, 0xe0, 0xe0, 0xe0, 0xc0, 0xe0, 0xe0, 0xc0, 0xc0, 0xc0, 0xe0, 0xe0,
    0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0,
    0xe0, 0xe0, 0x2a, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0x2a,
    0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0, 0xe0,
};

/* Bytes that no rule of pass 1 looks at (ASCII letters, digits, space and
 * " ,.;:()/-"), copied in runs. A new pass 1 rule that starts at one of
 * these bytes must take it out of this set. */
static bool pass1_plain(unsigned char c) { return byte_class[c] & P1_PLAIN; }

/* Length of the non-ASCII character at s (n bytes left) that pass 1 copies
 * as it is, or 0: one of U+0100..U+07FF (lead byte 0xC4..0xDF: no control,
 * space, zero-width character or mojibake lead among them), one of
 * U+00C0..U+00FF before an ASCII byte (as a mojibake lead it needs a
 * non-ASCII character after it), or a dash, quote or bullet of
 * U+2012..U+2027, U+2030..U+203F (no space, hyphen variant or zero-width
 * character among them). (Keep true when adding rules.) */
#if RPI_SSE2
/* Whether the 16 bytes at s are all pass1_plain: the same set by ranges
 * (letters, ' ', '(', ')', ',' to ';'; a byte >= 0x80 is negative here). */
static inline bool pass1_plain16(const unsigned char *s) {
  rpi_v16 x = rpi_v16_load(s);
  rpi_v16 let = rpi_v16_between(rpi_v16_lower(x), 0x60, 0x7B);
  rpi_v16 pun = rpi_v16_between(x, 0x2B, 0x3C);
  rpi_v16 par = rpi_v16_between(x, 0x27, 0x2A);
  rpi_v16 ok = rpi_v16_or(rpi_v16_or(let, pun), rpi_v16_or(par, rpi_v16_eq(x, ' ')));
  return rpi_v16_mask(ok) == 0xFFFF;
}
#endif

static size_t pass1_plain_multi(const unsigned char *s, size_t n) {
  if (n < 2 || (s[1] & 0xC0) != 0x80)
    return 0;
  if (s[0] >= 0xC4 && s[0] <= 0xDF)
    return 2;
  if (s[0] == 0xC3)
    return n == 2 || s[2] < 0x80 ? 2 : 0;
  if (s[0] == 0xE2 && s[1] == 0x80 && n >= 3 && s[2] >= 0x92 && s[2] <= 0xBF &&
      (s[2] <= 0xA7 || s[2] >= 0xB0))
    return 3;
  return 0;
}

static int pass1(mbuf *o, const char *raw, size_t n, unsigned flags,
                 rp_result *r) {
  const unsigned char *u = (const unsigned char *)raw;
  size_t i = 0;
  size_t bad_start = (size_t)-1;
  size_t star_close = (size_t)-1; /* the "*" that closes Markdown emphasis */
  while (i < n && !o->b.err) {
    unsigned cp, c2;
    size_t l;
    if ((pass1_plain(u[i]) || pass1_plain_multi(u + i, n - i)) && mb_room(o, n - i)) {
      /* a run of plain bytes and characters, written in place while
       * scanning: same result as character by character */
      char *op = o->b.p;
      uint32_t *om = o->map;
      size_t j = i, d = o->b.len - i; /* raw[j] goes to op[j + d] */
      for (;;) {
#if RPI_SSE2
        /* sixteen plain bytes at once while there are, map entries j.. */
        while (j + 16 <= n && pass1_plain16(u + j)) {
          memcpy(op + (j + d), raw + j, 16);
          rpi_v16_store_seq32(om + (j + d), (uint32_t)j);
          j += 16;
        }
#endif
        /* eight plain bytes at once while there are */
        while (j + 8 <= n && (byte_class[u[j]] & byte_class[u[j + 1]] & byte_class[u[j + 2]] &
                              byte_class[u[j + 3]] & byte_class[u[j + 4]] & byte_class[u[j + 5]] &
                              byte_class[u[j + 6]] & byte_class[u[j + 7]] & P1_PLAIN)) {
          memcpy(op + (j + d), raw + j, 8); /* j + d wraps back into range as size_t */
          for (size_t k = 0; k < 8; k++)
            om[j + d + k] = (uint32_t)(j + k);
          j += 8;
        }
        for (; j < n && pass1_plain(u[j]); j++) {
          op[j + d] = raw[j];
          om[j + d] = (uint32_t)j;
        }
        size_t lm = j < n ? pass1_plain_multi(u + j, n - j) : 0;
        if (!lm)
          break;
        for (size_t k = 0; k < lm; k++, j++) {
          op[j + d] = raw[j];
          om[j + d] = (uint32_t)j;
        }
      }
      o->b.len = j + d;
      op[j + d] = '\0';
      i = j;
      continue;
    }
    if (pass1_plain(u[i])) { /* no room: the same through mb_copy */
      size_t j = i + 1;
      while (j < n && pass1_plain(u[j]))
        j++;
      mb_copy(o, raw + i, j - i, NULL, i);
      i = j;
      continue;
    }
    if (flags & RP_OPT_DECODE_MARKUP) {
      /* Markdown emphasis "*Title.*": both stars go */
      if (raw[i] == '*' && i == star_close) {
        warn_change(r, RP_WARN_MARKUP, i, 1, "*", 1, "", 0);
        star_close = (size_t)-1;
        i++;
        continue;
      }
      if (raw[i] == '*' && star_close == (size_t)-1 && (i == 0 || raw[i - 1] == ' ') && i + 2 < n &&
          raw[i + 1] != ' ' && raw[i + 1] != '*') {
        size_t j = i + 2;
        while (j < n && j < i + 400 && raw[j] != '*')
          j++;
        if (j < n && raw[j] == '*' && raw[j - 1] != ' ' &&
            (j + 1 == n || raw[j + 1] == ' ' || raw[j + 1] == '.' || raw[j + 1] == ',' || raw[j + 1] == ';' ||
             raw[j + 1] == ':')) {
          warn_change(r, RP_WARN_MARKUP, i, 1, "*", 1, "", 0);
          star_close = j;
          i++;
          continue;
        }
      }
      if (raw[i] == '&' && (l = entity_at(raw + i, n - i, &cp, &c2))) {
        /* escaped twice: "&amp;amp;" -> "&", "&amp;eacute;" -> "é" */
        for (int depth = 0; cp == '&' && !c2 && depth < 4; depth++) {
          char tb[16];
          size_t k = n - i - l < sizeof tb - 1 ? n - i - l : sizeof tb - 1;
          tb[0] = '&';
          memcpy(tb + 1, raw + i + l, k);
          unsigned d1, d2;
          size_t l2 = entity_at(tb, k + 1, &d1, &d2);
          if (!l2)
            break;
          l += l2 - 1;
          cp = d1;
          c2 = d2;
        }
        put_escape(o, r, raw, i, l, cp, c2);
        i += l;
        continue;
      }
      if (raw[i] == '<' && (l = tag_at(raw + i, n - i))) {
        warn_change(r, RP_WARN_MARKUP, i, l, raw + i, l, "", 0);
        /* a tag between two words still separates them */
        if (l >= 4 && (raw[i + 1] == 'b' || raw[i + 1] == 'p') && raw[i + 2] == 'r')
          mb_put(o, " ", 1, i);
        i += l;
        continue;
      }
      if ((raw[i] == '`' || raw[i] == '\'') && i + 1 < n && raw[i + 1] == raw[i] &&
          (i + 2 >= n || raw[i + 2] != raw[i])) {
        /* LaTeX quotes ``...'' */
        unsigned q = raw[i] == '`' ? 0x201C : 0x201D;
        mb_putcp(o, q, i);
        rpi_result_warn(r, RP_WARN_QUOTE, i, 2, raw[i] == '`' ? "`` -> \u201c" : "'' -> \u201d");
        i += 2;
        continue;
      }
      if (raw[i] == '\\' && i + 1 < n && raw[i + 1] == '&' &&
          entity_at(raw + i + 1, n - i - 1, &cp, &c2)) {
        /* "\&#246;": a TeX escape over an HTML entity; the entity follows */
        rpi_result_warn(r, RP_WARN_MARKUP, i, 1, "\\ -> (removed)");
        i++;
        continue;
      }
      if (raw[i] == '\\' && i + 1 < n &&
          (raw[i + 1] == '&' || raw[i + 1] == '%' || raw[i + 1] == '$' || raw[i + 1] == '#' ||
           raw[i + 1] == '_')) {
        /* LaTeX escaped specials: "Taylor \& Francis" -> "Taylor & Francis" */
        mb_put(o, raw + i + 1, 1, i);
        warn_change(r, RP_WARN_MARKUP, i, 2, raw + i, 2, raw + i + 1, 1);
        i += 2;
        continue;
      }
      if ((raw[i] == '\\' || raw[i] == '{') && (l = latex_at(raw + i, n - i, &cp, &c2))) {
        put_escape(o, r, raw, i, l, cp, c2);
        i += l;
        continue;
      }
    }
    if ((flags & RP_OPT_REPAIR_MOJIBAKE) && u[i] >= 0xC3 &&
        (l = mojibake_at(u + i, n - i, &cp)) &&
        plausible_mojibake(u + i, n - i, l, cp, last_cp(o))) {
      /* a run of mojibake, one warning; decoded twice if it was mis-read twice */
      size_t start = i, ostart = o->b.len, end = i;
      rpi_buf dec, d2;
      rpi_buf_init(&dec, (size_t)1 << 30);
      for (size_t k = l; k;) {
        rpi_buf_putcp(&dec, cp);
        end += k;
        k = end < n && u[end] >= 0xC3 ? mojibake_at(u + end, n - end, &cp) : 0;
      }
      bool deeper = false;
      for (int level = 0; level < 2 && !dec.err; level++) {
        rpi_buf_init(&d2, (size_t)1 << 30);
        if (!demojibake(dec.p, dec.len, &d2)) {
          rpi_buf_free(&d2);
          break;
        }
        rpi_buf_free(&dec);
        dec = d2;
        deeper = true;
      }
      if (deeper) {
        /* the whole run maps to its start */
        for (size_t j = 0; j < dec.len;) {
          size_t k = rpi_utf8_decode((const unsigned char *)dec.p + j, dec.len - j, &cp);
          if (!k)
            k = 1, cp = 0xFFFD;
          put_plain(o, r, cp, start, end - start);
          j += k;
        }
      } else {
        l = mojibake_at(u + i, n - i, &cp); /* again from the first */
        while (l) {
          put_plain(o, r, cp, i, l);
          i += l;
          l = i < n && u[i] >= 0xC3 ? mojibake_at(u + i, n - i, &cp) : 0;
        }
      }
      rpi_buf_free(&dec);
      i = end;
      warn_change(r, RP_WARN_MOJIBAKE, start, end - start, raw + start, end - start,
                  o->b.p + ostart, o->b.len - ostart);
      continue;
    }
    l = rpi_utf8_decode(u + i, n - i, &cp);
    if (!l) {
      if (!(flags & RP_OPT_REPAIR_UTF8))
        return RP_ERR_UTF8;
      if (bad_start == (size_t)-1)
        bad_start = i;
      mb_putcp(o, 0xFFFD, i);
      i++;
      /* one warning per run of bad bytes */
      if (i >= n || rpi_utf8_decode(u + i, n - i, &cp)) {
        rpi_result_warn(r, RP_WARN_INVALID_UTF8, bad_start, i - bad_start,
                        "invalid UTF-8 replaced by U+FFFD");
        bad_start = (size_t)-1;
      }
      continue;
    }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
      if (cp != '\t' && cp != '\n' && cp != '\r')
        rpi_result_warn(r, RP_WARN_CONTROL_CHAR, i, l, "control character replaced by a space");
      else
        rpi_result_warn(r, RP_WARN_SPACE, i, l, "tab or line break replaced by a space");
      mb_put(o, " ", 1, i);
    } else if (is_zero_width(cp)) {
      rpi_result_warn(r, RP_WARN_SPACE, i, l, "zero-width character removed");
    } else if (cp != ' ' && rpi_is_space(cp)) {
      /* every change to the text is reported, odd spaces too */
      rpi_result_warn(r, RP_WARN_SPACE, i, l, "odd space replaced by a space");
      mb_put(o, " ", 1, i);
    } else if (cp == 0x2010 || cp == 0x2011) {
      rpi_result_warn(r, RP_WARN_DASH, i, l, "hyphen variant unified to '-'");
      mb_put(o, "-", 1, i); /* a hyphen is a hyphen */
    } else if (cp >= 0xFF10 && cp <= 0xFF19) {
      /* fullwidth digits (CJK input) become ASCII, as NFKC has them: the
       * locator patterns read only 0-9 */
      size_t j = i; /* the run, one warning */
      while (j < n && rpi_utf8_decode(u + j, n - j, &cp) == 3 && cp >= 0xFF10 && cp <= 0xFF19) {
        char d = (char)('0' + (cp - 0xFF10));
        mb_put(o, &d, 1, j);
        j += 3;
      }
      rpi_result_warn(r, RP_WARN_NFC, i, j - i, "fullwidth digits made ASCII");
      i = j;
      continue;
    } else {
      mb_copy(o, raw + i, l, NULL, i);
    }
    i += l;
  }
  return o->b.err;
}

/* ---- pass 2: detached diacritics and NFC ---------------------------------- */

static unsigned spacing_to_combining(unsigned cp) {
  switch (cp) {
  case 0xA8: return 0x308;
  case 0xB4: return 0x301;
  case 0x60: return 0x300; /* "Lef`evre", "`a": TeX-made PDFs print the grave as a backquote
                              (the only ASCII mark: pass2_plain) */
  case 0x2C6: return 0x302;
  case 0x2DC: return 0x303;
  case 0xB8: return 0x327;
  case 0x2C7: return 0x30C;
  case 0x2D8: return 0x306;
  case 0x2DA: return 0x30A;
  case 0xAF: return 0x304;
  case 0x2DD: return 0x30B;
  case 0x2D9: return 0x307;
  case 0x2DB: return 0x328;
  default: return 0;
  }
}

static bool is_vowel(unsigned cp) {
  switch (cp | 0x20) {
  case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return cp < 0x80;
  default: return false;
  }
}

/* Accented letters common in the names and words of references (Romance,
 * Germanic, Nordic, Slavic, Baltic, Hungarian, Turkish, Romanian); a rare
 * composition ("ǒ", "Ď", "ŕ", "ĺ") is the wrong reading of a detached mark. */
static bool common_accented(unsigned cp) {
  static const char *const list =
      "áéíóúýàèìòùâêîôûäëïöüÿãõñåçčšžřěůőűśćńźżğşăąęėāēīōūǎǐǒǔ";
  unsigned lc = rpi_to_lower(cp);
  const unsigned char *p = (const unsigned char *)list;
  size_t n = strlen(list), k = 0;
  while (k < n) {
    unsigned c;
    size_t l = rpi_utf8_decode(p + k, n - k, &c);
    if (!l)
      break;
    if (c == lc)
      return true;
    k += l;
  }
  return false;
}

static bool vowel_mark(unsigned comb) {
  return comb == 0x301 || comb == 0x300 || comb == 0x302 || comb == 0x308 || comb == 0x30A ||
         comb == 0x30B || comb == 0x304 || comb == 0x328;
}

/* Whether the letter at s[at] is "O", "D" or "L" standing alone, which takes
 * an apostrophe, not an accent, before a capital: "O´SULLIVAN", "D´AVILA".
 * (Before a small letter, "l´usage" and the TeX accent of "d´ecembre" look
 * alike; real text has the accent, so that is left to the other rules.) */
static bool elided(const char *s, size_t at) {
  size_t st;
  unsigned c = (unsigned char)s[at];
  if (c != 'O' && c != 'D' && c != 'L')
    return false;
  unsigned before = at ? rpi_utf8_prev(s, at, &st) : 0;
  return !rpi_is_letter(before) && before != '\'';
}

/* One extraction prints all its detached marks the same way: after their
 * letter ("Lo¨tvall", "Jose´ ") or before it ("´etude", "Gonz´alez"). The
 * marks whose letter is certain tell which: only one neighbour takes the
 * mark, or only one reading is a common letter. 1 after, 2 before, 0 unknown. */
static int mark_order(const char *s, size_t n) {
  /* Only the spacing marks other than '`' count, and all of them are
   * U+00A8..U+00B8 or U+02C6..U+02DD: without a 0xC2 or 0xCB lead byte
   * there is none, and the answer is 0. (Keep true when adding marks.) */
  if (!memchr(s, 0xC2, n) && !memchr(s, 0xCB, n))
    return 0;
  int after = 0, before = 0;
  unsigned p = 0;
  for (size_t i = 0; i < n;) {
    unsigned cp, nx = 0;
    size_t l = rpi_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (!l)
      l = 1, cp = 0xFFFD;
    unsigned comb = spacing_to_combining(cp);
    if (cp == 0xB4 && p < 0x80 && rpi_is_letter(p) && elided(s, i - 1))
      comb = 0; /* "O´SULLIVAN": an apostrophe, no evidence */
    if (comb && cp != 0x60) {
      size_t l2 = i + l < n ? rpi_utf8_decode((const unsigned char *)s + i + l, n - i - l, &nx) : 0;
      unsigned nn = 0; /* the letter after nx */
      if (l2 && i + l + l2 < n)
        rpi_utf8_decode((const unsigned char *)s + i + l + l2, n - i - l - l2, &nn);
      bool caps = rpi_is_upper(p) && rpi_is_upper(nx) && !rpi_is_lower(nn);
      bool nx_ok = !rpi_is_letter(nx) || rpi_is_lower(nx) || caps; /* not "O´Brien" */
      unsigned a = rpi_is_letter(p) && nx_ok ? rpi_compose(p, comb) : 0;
      unsigned b = nx == 0x131 || nx == 0x237 ? rpi_compose(nx == 0x131 ? 'i' : 'j', comb)
                   : (rpi_is_lower(nx) || caps) ? rpi_compose(nx, comb) : 0;
      if (a && b) {
        bool ca = common_accented(a), cb = common_accented(b);
        a = ca || !cb ? a : 0;
        b = cb || !ca ? b : 0;
      }
      if (a && !b)
        after++;
      else if (b && !a)
        before++;
    }
    p = cp;
    i += l;
  }
  return after > before ? 1 : before > after ? 2 : 0;
}

/* Which letter a detached mark between `prev` and `next` belongs to: 1 the
 * one before, 2 the one after, 0 neither. cprev/cnext are the compositions
 * (0 when none exists or the reading is not allowed). A common letter beats
 * a rare one; between two common ones the tilde goes to an "n"; then the
 * order the text shows elsewhere (`order`, see mark_order); then an acute
 * before a word-final "c" makes the "-ić" of South Slavic names; the tilde
 * goes to the "a" of "ão", marks of vowels (acute, grave, circumflex,
 * diaeresis, ring, double acute, macron, ogonek) to the vowel, marks of
 * consonants (caron, cedilla, breve, dot) to the consonant; between two
 * vowels TeX's order ("Bessi`ere"), else the letter before. */
static int mark_side(unsigned prev, unsigned next, unsigned comb, unsigned cprev, unsigned cnext,
                     int order, bool next_final) {
  if (!cprev || !cnext) /* one reading: taken if it is a common letter ("ĺ" is not) */
    return common_accented(cprev | cnext) ? (cprev ? 1 : 2) : 0;
  bool a = common_accented(cprev), b = common_accented(cnext);
  if (a != b)
    return a ? 1 : 2;
  if (comb == 0x303 && ((next | 0x20) == 'n') != ((prev | 0x20) == 'n'))
    return (next | 0x20) == 'n' ? 2 : 1; /* ñ */
  if (order) /* the order the text shows elsewhere */
    return order;
  if (comb == 0x301 && (next | 0x20) == 'c' && next_final)
    return 2; /* "Petrovi´c": the "-ić" of South Slavic names */
  if (comb == 0x303) /* the ã of "ão", else õ */
    return (next | 0x20) == 'a' && (prev | 0x20) != 'a' ? 2 : 1;
  bool vp = is_vowel(prev), vn = is_vowel(next);
  if (vp == vn) /* two vowels read TeX's way */
    return vp ? 2 : 1;
  if (vowel_mark(comb))
    return vp ? 1 : 2;
  return vp ? 2 : 1;
}

/* An English contraction or possessive ending at s: "s", "t", "d", "m", "ll",
 * "re", "ve" and then no more letters. */
static bool contraction_at(const char *s, size_t n) {
  static const char *const ends[] = {"s", "t", "d", "m", "ll", "re", "ve", NULL};
  for (size_t k = 0; ends[k]; k++) {
    size_t l = strlen(ends[k]);
    if (l <= n && memcmp(s, ends[k], l) == 0 && (l == n || !is_alpha_ascii(s[l])) &&
        (l == n || (unsigned char)s[l] < 0x80))
      return true;
  }
  return false;
}

/* ASCII and not a spacing diacritic: '`' is the only ASCII one
 * (spacing_to_combining). */
static bool pass2_plain(unsigned char c) { return c < 0x80 && c != '`'; }

/* The end of the run of pass2_plain bytes from s[i]. Sixteen (SSE2), then
 * eight bytes at a time first: one with the high bit set, or a '`' (which
 * the xor makes 0, found by the has-a-zero-byte test), ends the fast steps. */
static size_t pass2_plain_end(const unsigned char *s, size_t i, size_t n) {
#if RPI_SSE2
  for (; i + 16 <= n; i += 16) {
    rpi_v16 x = rpi_v16_load(s + i);
    if (rpi_v16_mask(rpi_v16_or(x, rpi_v16_eq(x, '`'))))
      break;
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t w = rpi_load8(s + i);
    if ((w & RPI_HIGH8) || rpi_has8(w, '`'))
      break;
  }
  while (i < n && pass2_plain(s[i]))
    i++;
  return i;
}

/* The end of the run from s[i] that pass 2 copies as it is in NFC text:
 * bytes but for '`' and the lead bytes 0xC2, 0xCB (the spacing marks of
 * spacing_to_combining), 0xC4, 0xC8 (the dotless i and j), 0xCC, 0xCD (the
 * combining marks U+0300..U+036F that the rules join). In NFC text no rule
 * fires at a character unless it or the next one starts with one of them.
 * (Keep true when adding rules.) */
static size_t pass2_nfc_plain_end(const unsigned char *s, size_t i, size_t n) {
  for (;;) {
    i = pass2_plain_end(s, i, n);
    if (i >= n || !(byte_class[s[i]] & P2_NFC_PLAIN))
      return i;
    i++;
  }
}

/* Whether pass 2 would only copy its input: every byte is one pass2_plain
 * takes in its run (ASCII, no spacing diacritic), so the run loop below
 * copies the whole text at once, the text is NFC, and no rule fires; or the
 * text is NFC and every byte is one pass2_nfc_plain_end takes, so the run
 * loop again copies it all at once (its first byte starts the run). */
static bool pass2_identity(const mbuf *in) {
  const unsigned char *s = (const unsigned char *)in->b.p;
  size_t n = in->b.len, e = pass2_plain_end(s, 0, n);
  return e == n || (pass2_nfc_plain_end(s, e, n) == n && rpi_is_nfc(in->b.p, n));
}

static int pass2(mbuf *o, const mbuf *in, unsigned flags, rp_result *r) {
  const char *s = in->b.p ? in->b.p : "";
  size_t n = in->b.len;
  bool nfc = rpi_is_nfc(s, n);
  int order = (flags & RP_OPT_JOIN_DIACRITICS) ? mark_order(s, n) : 0;
  size_t i = 0;
  while (i < n && !o->b.err) {
    /* A rule of pass 2 fires at a character only when it or the one after
     * it is non-ASCII or a spacing diacritic ("`"): a run of other ASCII
     * characters is copied at once, but for its last one when such a
     * character follows. (Keep true when adding rules.) In NFC text the run
     * takes the non-ASCII characters of pass2_nfc_plain_end too. The text
     * is valid UTF-8 (pass 1 wrote it), so stepping back over continuation
     * bytes finds the start of the run's last character. */
    const unsigned char *u = (const unsigned char *)s;
    if (pass2_plain(u[i]) || (nfc && (byte_class[u[i]] & P2_NFC_PLAIN))) {
      size_t j = nfc ? pass2_nfc_plain_end(u, i + 1, n) : pass2_plain_end(u, i + 1, n);
      if (j < n) {
        j--;
        while (j > i && (u[j] & 0xC0) == 0x80)
          j--;
      }
      if (j > i) {
        mb_copy(o, s + i, j - i, in->map + i, in->map[i]);
        i = j;
        continue;
      }
    }
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (!l)
      l = 1, cp = 0xFFFD;
    /* letter + space + combining mark + letter: "Guill ́en" -> "Guillén" (the
     * mark, printed on a space, belongs to the next letter; a spacing mark
     * after a space starts a word instead: "l'autre ´etude") */
    if ((flags & RP_OPT_JOIN_DIACRITICS) && cp == ' ' && i > 0 && i + 1 < n) {
      size_t ps;
      unsigned prev = rpi_utf8_prev(s, i, &ps);
      unsigned m = 0, nx = 0;
      size_t l2 = rpi_utf8_decode((const unsigned char *)s + i + 1, n - i - 1, &m);
      unsigned comb = l2 && m >= 0x300 && m <= 0x36F ? m : 0;
      size_t l3 = comb && i + 1 + l2 < n ? rpi_utf8_decode((const unsigned char *)s + i + 1 + l2, n - i - 1 - l2, &nx) : 0;
      unsigned comp = l3 ? rpi_compose(nx, comb) : 0;
      if (comp && rpi_is_letter(prev) && rpi_is_lower(nx)) {
        mb_putcp(o, comp, in->map[i + 1]);
        rpi_buf tmp;
        rpi_buf_init(&tmp, 16);
        rpi_buf_putcp(&tmp, comp);
        size_t ro = in->map[i], rl = in->map[i + l2 + l3] + 1 - ro;
        warn_change(r, RP_WARN_DIACRITIC, ro, rl, s + i, 1 + l2 + l3, tmp.p, tmp.len);
        rpi_buf_free(&tmp);
        i += 1 + l2 + l3;
        continue;
      }
    }
    /* letter + spacing diacritic + letter: the mark belongs to one of the
     * two. PDF text puts it after its letter ("Lo¨tvall", "Dvorˇa´k") or,
     * from TeX, before it ("Jos´e", "Arbel´aez", "Dˇzeroski"). */
    if ((flags & RP_OPT_JOIN_DIACRITICS) && rpi_is_letter(cp) && i + l < n) {
      unsigned m;
      size_t l2 = rpi_utf8_decode((const unsigned char *)s + i + l, n - i - l, &m);
      unsigned comb = l2 ? spacing_to_combining(m) : 0;
      if (comb) {
        unsigned nx = 0;
        size_t l3 = i + l + l2 < n ? rpi_utf8_decode((const unsigned char *)s + i + l + l2,
                                                     n - i - l - l2, &nx) : 0;
        unsigned cprev = 0, cnext = 0;
        if (m == 0xB4 && l3 && rpi_is_upper(nx) && elided(s, i)) {
          /* "O´SULLIVAN": an apostrophe printed as an acute */
          mb_copy(o, s + i, l, in->map + i, in->map[i]);
          i += l;
          continue;
        }
        if (m == 0xB4 && !is_vowel(cp) && contraction_at(s + i + l + l2, n - i - l - l2)) {
          /* "don´t", "Smith´s": an apostrophe printed as an acute ("-é´s" is "-és") */
          mb_copy(o, s + i, l, in->map + i, in->map[i]);
          i += l;
          continue;
        }
        bool dotless = (nx == 0x131 || nx == 0x237) && rpi_compose(nx == 0x131 ? 'i' : 'j', comb);
        unsigned nn = 0; /* "MU¨LLER" is upper case; "O´Brien" has an apostrophe */
        if (l3 && i + l + l2 + l3 < n)
          rpi_utf8_decode((const unsigned char *)s + i + l + l2 + l3, n - i - l - l2 - l3, &nn);
        bool caps = rpi_is_upper(cp) && rpi_is_upper(nx) && !rpi_is_lower(nn);
        if (!dotless && (l3 == 0 || rpi_is_lower(nx) || !rpi_is_letter(nx) || (caps && order != 2)))
          cprev = rpi_compose(cp, comb); /* not "O´Brien": that is an apostrophe */
        if (l3 && (rpi_is_lower(nx) || caps))
          cnext = rpi_compose(nx, comb); /* "Jos´e", "ESTAT´ISTICA" */
        unsigned after_nx = 0;
        if (l3 && i + l + l2 + l3 < n)
          rpi_utf8_decode((const unsigned char *)s + i + l + l2 + l3, n - i - l - l2 - l3, &after_nx);
        int side = mark_side(cp, nx, comb, cprev, cnext, order, !rpi_is_letter(after_nx));
        if (side) {
          unsigned comp = side == 1 ? cprev : cnext;
          size_t at = side == 1 ? i : i + l + l2; /* the letter that takes it */
          if (side == 2)
            mb_copy(o, s + i, l, in->map + i, in->map[i]);
          mb_putcp(o, comp, in->map[at]);
          rpi_buf tmp;
          rpi_buf_init(&tmp, 16);
          rpi_buf_putcp(&tmp, comp);
          size_t from = side == 1 ? i : i + l, to = side == 1 ? i + l + l2 : i + l + l2 + l3;
          size_t ro = in->map[from], rl = in->map[to - 1] + 1 - ro;
          warn_change(r, RP_WARN_DIACRITIC, ro, rl, s + from, to - from, tmp.p, tmp.len);
          rpi_buf_free(&tmp);
          i = to;
          continue;
        }
      }
    }
    /* a spacing diacritic before a letter, not after one ("´etude", "`a",
     * "l'´evaluation", "˚Akesson") or after one already taken (the second
     * mark of "Dvoˇr´ak"): it belongs to the letter after it */
    if ((flags & RP_OPT_JOIN_DIACRITICS) && spacing_to_combining(cp) && i + l < n) {
      size_t ps;
      unsigned prev = i ? rpi_utf8_prev(s, i, &ps) : 0, nx;
      size_t l2 = rpi_utf8_decode((const unsigned char *)s + i + l, n - i - l, &nx);
      bool ok = l2 && (rpi_is_letter(prev) ? rpi_is_lower(nx) || (rpi_is_upper(prev) && rpi_is_upper(nx))
                                           : rpi_is_letter(nx));
      if (ok && cp == 0xB4 && rpi_is_letter(prev) && !is_vowel(prev) &&
          contraction_at(s + i + l, n - i - l))
        ok = false; /* "Smith´s" */
      if (ok && cp == 0xB4 && rpi_is_upper(nx) && i > 0 && prev < 0x80 && rpi_is_letter(prev) &&
          elided(s, i - 1))
        ok = false; /* "O´SULLIVAN" */
      unsigned comp = ok ? rpi_compose(nx, spacing_to_combining(cp)) : 0;
      if (comp) {
        mb_putcp(o, comp, in->map[i + l]);
        rpi_buf tmp;
        rpi_buf_init(&tmp, 16);
        rpi_buf_putcp(&tmp, comp);
        size_t ro = in->map[i], rl = in->map[i + l + l2 - 1] + 1 - ro;
        warn_change(r, RP_WARN_DIACRITIC, ro, rl, s + i, l + l2, tmp.p, tmp.len);
        rpi_buf_free(&tmp);
        i += l + l2;
        continue;
      }
    }
    /* "Garc´ıa", "Tı́o": TeX puts an accent on the dotless i (or j), and PDF
     * text keeps the pair; the accented letter is "í" */
    if ((flags & RP_OPT_JOIN_DIACRITICS) && i + l < n) {
      unsigned nx, base = 0, mark = 0;
      size_t l2 = rpi_utf8_decode((const unsigned char *)s + i + l, n - i - l, &nx);
      if (l2 && (nx == 0x131 || nx == 0x237) && spacing_to_combining(cp))
        base = nx == 0x131 ? 'i' : 'j', mark = spacing_to_combining(cp);
      else if (l2 && (cp == 0x131 || cp == 0x237) && nx >= 0x300 && nx <= 0x36F)
        base = cp == 0x131 ? 'i' : 'j', mark = nx;
      unsigned comp = base ? rpi_compose(base, mark) : 0;
      if (comp) {
        mb_putcp(o, comp, in->map[i]);
        rpi_buf tmp;
        rpi_buf_init(&tmp, 16);
        rpi_buf_putcp(&tmp, comp);
        size_t ro = in->map[i], rl = in->map[i + l + l2 - 1] + 1 - ro;
        warn_change(r, RP_WARN_DIACRITIC, ro, rl, s + i, l + l2, tmp.p, tmp.len);
        rpi_buf_free(&tmp);
        i += l + l2;
        continue;
      }
    }
    if (!nfc) {
      /* a segment: this character and the combining marks after it */
      size_t j = i + l;
      while (j < n) {
        unsigned c2;
        size_t l2 = rpi_utf8_decode((const unsigned char *)s + j, n - j, &c2);
        if (!l2 || !(rpi_is_mark(c2) || (c2 >= 0x1160 && c2 <= 0x11FF)))
          break;
        j += l2;
      }
      if (j > i + l || !rpi_is_nfc(s + i, l)) {
        size_t at = o->b.len;
        int rc = rpi_nfc(s + i, j - i, &o->b);
        if (rc)
          return rc;
        mb_map(o, at, in->map[i]);
        if (o->b.len - at != j - i || memcmp(o->b.p + at, s + i, j - i) != 0)
          warn_change(r, RP_WARN_NFC, in->map[i], in->map[j - 1] + 1 - in->map[i],
                      s + i, j - i, o->b.p + at, o->b.len - at);
        i = j;
        continue;
      }
    }
    mb_copy(o, s + i, l, in->map + i, in->map[i]);
    i += l;
  }
  return o->b.err;
}

/* ---- pass 3: spaces, markers, dashes, apostrophes -------------------------- */

static bool is_dash(unsigned cp) {
  return cp == 0x2012 || cp == 0x2013 || cp == 0x2014 || cp == 0x2015 ||
         cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63 || cp == 0xFF0D;
}

static bool is_bullet(unsigned cp) {
  return cp == 0x2022 || cp == 0xB7 || cp == 0x25AA || cp == 0x25E6 ||
         cp == 0x2023 || cp == 0x2219 || cp == 0x25CF || cp == 0x25CB ||
         cp == 0x25A0 || cp == 0x25A1 || cp == 0x2013 || cp == 0x2014 ||
         cp == '*' || cp == '-' || cp == 0x2043 || cp == 0x27A2 || cp == 0x25BA;
}

/* Length of a list marker at the start of s ("• ", "[12] ", "12. ", "(3) ",
 * "12) "), 0 if none. The number, if any, goes to num[0..*numlen). */
static size_t marker_at(const char *s, size_t n, size_t *num_off, size_t *num_len) {
  unsigned cp;
  size_t l = rpi_utf8_decode((const unsigned char *)s, n, &cp);
  *num_len = 0;
  if (!l)
    return 0;
  /* "———, Title" / "--- (2008)": the same author as the previous entry */
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
    if (!rpi_is_upper(nx))
      return 0;
    *num_off = d;
    *num_len = dl;
    return j;
  } else {
    if (i >= n || (s[i] != '.' && s[i] != ')'))
      return 0;
    /* "2004. Title" is a year, "12.5" a number */
    if (dl == 4 && (s[d] == '1' || s[d] == '2'))
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

static int pass3(mbuf *o, const mbuf *in, unsigned flags, rp_result *r,
                 rpi_text *t) {
  const char *s = in->b.p ? in->b.p : "";
  size_t n = in->b.len;
  size_t i = 0;
  while (i < n && s[i] == ' ')
    i++;
  if (flags & RP_OPT_STRIP_MARKERS) {
    for (int round = 0; round < 3 && i < n; round++) {
      size_t noff = 0, nlen = 0;
      size_t l = marker_at(s + i, n - i, &noff, &nlen);
      if (!l)
        break;
      if (nlen && !t->citation_number) {
        t->citation_number = rpi_strndup(s + i + noff, nlen);
        t->citation_off = in->map[i + noff];
        t->citation_len = in->map[i + noff + nlen - 1] + 1 - t->citation_off;
      }
      rpi_result_warn(r, RP_WARN_MARKER, in->map[i], in->map[i + l - 1] + 1 - in->map[i],
                      "list marker removed");
      i += l;
      while (i < n && s[i] == ' ')
        i++;
    }
  }
  bool space_pending = false;
  size_t nspace_warn = 0;
  size_t depth[2] = {0, 0}; /* open "(" and "[" so far */
  while (i < n && !o->b.err) {
    if (mb_room(o, n - i + 1)) {
      i = pass3_run(o, in, i, flags & RP_OPT_REPAIR_WORDS, &space_pending, depth);
      if (i >= n)
        break;
    }
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (!l)
      l = 1, cp = 0xFFFD;
    if (cp == ' ') {
      size_t j = i;
      while (j < n && s[j] == ' ')
        j++;
      if (j - i > 1 && j < n && nspace_warn++ == 0)
        rpi_result_warn(r, RP_WARN_SPACE, in->map[i], in->map[j - 1] + 1 - in->map[i],
                        "repeated spaces collapsed");
      space_pending = true;
      i = j;
      continue;
    }
    if (cp == '-' && i + 1 < n && s[i + 1] == '-' && (i + 2 >= n || s[i + 2] != '-') &&
        (i == 0 || s[i - 1] != '-')) {
      /* TeX's en dash "--" in a range: "pp. 82--96" */
      cp = 0x2013;
      l = 2;
    }
    /* "43 - 102": an ASCII hyphen with spaces around it is a range too */
    bool spaced = cp == '-' && l == 1 && (space_pending || (i + 1 < n && s[i + 1] == ' '));
    if (is_dash(cp) || spaced) {
      /* inside numbers and ranges: "1510–7", "e264–e277", "S1 – S10" */
      size_t a = o->b.len;
      while (a > 0 && o->b.p[a - 1] == ' ')
        a--;
      bool left = a > 0 && o->b.p[a - 1] >= '0' && o->b.p[a - 1] <= '9';
      size_t j = i + l;
      while (j < n && s[j] == ' ')
        j++;
      bool right = j < n && s[j] >= '0' && s[j] <= '9';
      if (!right && left && j + 1 < n && is_alpha_ascii(s[j])) {
        /* "e264–e277", "S1–S10": the same letter prefix on both sides */
        size_t t0 = a;
        while (t0 > 0 && o->b.p[t0 - 1] >= '0' && o->b.p[t0 - 1] <= '9')
          t0--;
        size_t lp = t0;
        while (lp > 0 && is_alpha_ascii(o->b.p[lp - 1]))
          lp--;
        size_t plen = t0 - lp;
        bool word_start = lp == 0 || !is_alpha_ascii(o->b.p[lp - 1]);
        right = plen > 0 && plen <= 3 && word_start && j + plen < n &&
                memcmp(o->b.p + lp, s + j, plen) == 0 && s[j + plen] >= '0' && s[j + plen] <= '9';
      }
      if (left && right) {
        if (space_pending && o->b.len == a) {
          /* "1 – 8": drop the spaces around the dash */
        }
        space_pending = false;
        o->b.len = a;
        mb_put(o, "-", 1, in->map[i]);
        rpi_result_warn(r, RP_WARN_DASH, in->map[i], in->map[i + l - 1] + 1 - in->map[i],
                        "dash in a number range unified to '-'");
        i = j;
        continue;
      }
    }
    if (l == 2 && cp == 0x2013) {
      /* a "--" that is not a range stays as printed */
      cp = '-';
      l = 1;
    }
    char last = o->b.len ? o->b.p[o->b.len - 1] : 0;
    if ((cp == ',' || cp == ';') && last == (char)cp) {
      /* "Abramson,, S." / "Louise, , Nietzsche": a doubled separator */
      rpi_result_warn(r, RP_WARN_PUNCT_REPAIRED, in->map[i], l, "doubled punctuation removed");
      i += l;
      continue;
    }
    if (cp == '.' && last == '.' && !space_pending && (o->b.len < 2 || o->b.p[o->b.len - 2] != '.') &&
        (i + 1 >= n || (s[i + 1] != '.' && s[i + 1] != '/'))) {
      /* "et al.." / "disease.. Palliative"; an ellipsis "..." and "../" stay */
      rpi_result_warn(r, RP_WARN_PUNCT_REPAIRED, in->map[i], l, "doubled period removed");
      i += l;
      continue;
    }
    if (cp == '(' || cp == '[') {
      depth[cp == '[']++;
    } else if (cp == ')' || cp == ']') {
      int k = cp == ']';
      if (depth[k] > 0) {
        depth[k]--;
      } else if (last == (char)cp && !space_pending) {
        /* "(Noisy-le-Grand))": a doubled closing bracket that closes nothing */
        rpi_result_warn(r, RP_WARN_PUNCT_REPAIRED, in->map[i], l,
                        "unbalanced doubled closing bracket removed");
        i += l;
        continue;
      }
    }
    if (space_pending && o->b.len > 0)
      mb_put(o, " ", 1, in->map[i]);
    space_pending = false;
    if ((flags & RP_OPT_REPAIR_WORDS) && is_alnum_ascii(cp) &&
        (o->b.len == 0 || !word_byte(o->b.p[o->b.len - 1]))) {
      size_t used = 0;
      const char *rep = repair_word_at(s + i, n - i, &used);
      if (rep) {
        mb_put(o, rep, strlen(rep), in->map[i]);
        warn_change(r, RP_WARN_WORD_REPAIRED, in->map[i],
                    in->map[i + used - 1] + 1 - in->map[i], s + i, used, rep, strlen(rep));
        i += used;
        continue;
      }
    }
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x2032 || cp == 0x00B4) {
      /* an apostrophe between letters: "O’Brien", "don’t" */
      size_t ps;
      unsigned prev = o->b.len ? rpi_utf8_prev(o->b.p, o->b.len, &ps) : 0;
      unsigned next = 0;
      if (i + l < n)
        rpi_utf8_decode((const unsigned char *)s + i + l, n - i - l, &next);
      if (rpi_is_letter(prev) && rpi_is_letter(next) && cp != 0x2018) {
        mb_put(o, "'", 1, in->map[i]);
        rpi_result_warn(r, RP_WARN_QUOTE, in->map[i], l, "apostrophe unified");
        i += l;
        continue;
      }
    }
    (void)flags;
    size_t e = i + l;
    if (is_alnum_ascii(cp)) /* the rest of an ASCII word: no rule above applies inside it */
      while (e < n && is_alnum_ascii((unsigned char)s[e]))
        e++;
    mb_copy(o, s + i, e - i, in->map + i, in->map[i]);
    i = e;
  }
  return o->b.err;
}

int rpi_text_clean(rpi_text *t, const char *raw, size_t n, unsigned flags,
                   rp_result *r) {
  memset(t, 0, sizeof *t);
  t->raw_len = n;
  mbuf a, b;
  /* pass 1 writes on the stack when the line is short; the text that
   * leaves (pass 3's) is on the heap */
  char stack_p[1024];
  uint32_t stack_map[1024];
  if (n + 33 <= sizeof stack_p) {
    mb_init_on(&a, stack_p, stack_map, sizeof stack_p);
  } else {
    mb_init(&a);
    mb_reserve(&a, n + 32);
  }
  mb_init(&b);
  /* one allocation each for typical lines: repairs rarely grow the text */
  mb_reserve(&b, n + 32);
  int rc = pass1(&a, raw, n, flags, r);
  /* Each pass reads one buffer and writes the other; the swaps leave the
   * latest text in a. Pass 2 is skipped when it would only copy. */
  if (!rc && !pass2_identity(&a)) {
    rc = pass2(&b, &a, flags, r);
    mb_swap(&a, &b);
    if (b.map_borrowed || b.b.borrowed) { /* pass 3 writes on the heap */
      mb_free(&b);
      mb_init(&b);
      mb_reserve(&b, n + 32);
    }
  }
  if (!rc) {
    b.b.len = 0;
    if (a.b.p)
      a.b.p[a.b.len] = '\0'; /* pass3_run's scans stop at it */
    rc = pass3(&b, &a, flags, r, t);
    mb_swap(&a, &b);
  }
  if (!rc && !rpi_is_nfc(a.b.p ? a.b.p : "", a.b.len)) {
    /* a repair left a combining mark after a new base (a spacing accent
     * joined before a combining one, a dropped period): the text leaves in
     * NFC, so pass 2 runs again, composing only */
    mb_free(&b); /* a fresh heap buffer: mb_reserve assumes one */
    mb_init(&b);
    mb_reserve(&b, a.b.len + 32);
    rc = pass2(&b, &a, flags & ~RP_OPT_JOIN_DIACRITICS, r);
    mb_swap(&a, &b);
  }
  if (!rc && !mb_map(&a, a.b.len, n))
    rc = RP_ERR_NOMEM;
  if (!rc) {
    a.map[a.b.len] = n;
    t->s = rpi_buf_detach(&a.b, &t->len);
    t->map = a.map;
    a.map = NULL;
    if (!t->s)
      rc = RP_ERR_NOMEM;
  }
  mb_free(&a);
  mb_free(&b);
  return rc;
}

void rpi_text_free(rpi_text *t) {
  free(t->s);
  free(t->map);
  free(t->citation_number);
  memset(t, 0, sizeof *t);
}

rp_span rpi_text_span(const rpi_text *t, size_t off, size_t len) {
  rp_span sp = {0, 0};
  if (!t->map || off > t->len)
    return sp;
  if (off + len > t->len)
    len = t->len - off;
  sp.off = t->map[off];
  if (len == 0)
    return sp;
  size_t last = t->map[off + len - 1];
  /* extend to the end of the raw character */
  size_t end = off + len < t->len ? t->map[off + len] : t->raw_len;
  if (end <= last)
    end = last + 1;
  sp.len = end - sp.off;
  return sp;
}
