#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

/* A string under construction with its raw-offset map. */
typedef struct mbuf {
  rpi_buf b;
  size_t *map;
  size_t mcap;
} mbuf;

static void mb_init(mbuf *m) {
  rpi_buf_init(&m->b, (size_t)1 << 30);
  m->map = NULL;
  m->mcap = 0;
}
static void mb_free(mbuf *m) {
  rpi_buf_free(&m->b);
  free(m->map);
  m->map = NULL;
}
static bool mb_map(mbuf *m, size_t from, size_t raw) {
  size_t need = m->b.len + 1;
  if (need > m->mcap) {
    size_t cap = m->mcap ? m->mcap * 2 : 256;
    while (cap < need)
      cap *= 2;
    size_t *p = realloc(m->map, cap * sizeof *p);
    if (!p) {
      m->b.err = RP_ERR_NOMEM;
      return false;
    }
    m->map = p;
    m->mcap = cap;
  }
  for (size_t i = from; i < m->b.len; i++)
    m->map[i] = raw;
  return true;
}
static void mb_put(mbuf *m, const char *s, size_t n, size_t raw) {
  size_t at = m->b.len;
  rpi_buf_put(&m->b, s, n);
  if (!m->b.err)
    mb_map(m, at, raw);
}
/* A verbatim copy: output byte k comes from source byte k, so spans that
 * end inside it (a 3-byte dash, a bullet) keep their true length. */
static void mb_copy(mbuf *m, const char *s, size_t n, const size_t *srcmap, size_t raw) {
  size_t at = m->b.len;
  rpi_buf_put(&m->b, s, n);
  if (m->b.err || !mb_map(m, at, raw))
    return;
  for (size_t k = 0; k < n && at + k < m->b.len; k++)
    m->map[at + k] = srcmap ? srcmap[k] : raw + k;
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
  rpi_buf msg;
  rpi_buf_init(&msg, 4096);
  rpi_buf_put(&msg, before, blen < 200 ? blen : 200);
  rpi_buf_puts(&msg, " -> ");
  rpi_buf_put(&msg, after, alen < 200 ? alen : 200);
  rpi_result_warn(r, code, off, len, rpi_buf_cstr(&msg));
  rpi_buf_free(&msg);
}

/* ---- pass 1: bytes -> code points, markup, mojibake, spaces ---------------- */

/* Windows-1252 byte for a code point, or -1. */
static int cp1252_byte(unsigned cp) {
  if (cp >= 0xA0 && cp <= 0xFF)
    return (int)cp;
  if (cp >= 0x80 && cp <= 0x9F)
    return (int)cp; /* Latin-1 reading of C1 controls */
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
  if (i >= n || !is_alpha_ascii(s[i]))
    return 0;
  unsigned base = (unsigned char)s[i];
  if (base == 'i' && i + 1 < n && s[i] == '\\')
    base = 'i';
  i++;
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

static int pass1(mbuf *o, const char *raw, size_t n, unsigned flags,
                 rp_result *r) {
  const unsigned char *u = (const unsigned char *)raw;
  size_t i = 0;
  size_t bad_start = (size_t)-1;
  while (i < n && !o->b.err) {
    unsigned cp, c2;
    size_t l;
    if (flags & RP_OPT_DECODE_MARKUP) {
      if (raw[i] == '&' && (l = entity_at(raw + i, n - i, &cp, &c2))) {
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
      if ((raw[i] == '\\' || raw[i] == '{') && (l = latex_at(raw + i, n - i, &cp, &c2))) {
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
        i += l;
        continue;
      }
    }
    if ((flags & RP_OPT_REPAIR_MOJIBAKE) && u[i] >= 0xC3 &&
        (l = mojibake_at(u + i, n - i, &cp))) {
      /* extend over a run of mojibake for one warning */
      size_t start = i, ostart = o->b.len;
      while (l) {
        mb_putcp(o, cp, i);
        i += l;
        l = i < n && u[i] >= 0xC3 ? mojibake_at(u + i, n - i, &cp) : 0;
      }
      warn_change(r, RP_WARN_MOJIBAKE, start, i - start, raw + start, i - start,
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
      mb_put(o, " ", 1, i);
    } else if (is_zero_width(cp)) {
      rpi_result_warn(r, RP_WARN_SPACE, i, l, "zero-width character removed");
    } else if (cp != ' ' && rpi_is_space(cp)) {
      mb_put(o, " ", 1, i);
    } else if (cp == 0x2010 || cp == 0x2011) {
      mb_put(o, "-", 1, i); /* a hyphen is a hyphen */
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

static int pass2(mbuf *o, const mbuf *in, unsigned flags, rp_result *r) {
  const char *s = in->b.p ? in->b.p : "";
  size_t n = in->b.len;
  bool nfc = rpi_is_nfc(s, n);
  size_t i = 0;
  while (i < n && !o->b.err) {
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (!l)
      l = 1, cp = 0xFFFD;
    /* letter + space + spacing diacritic + letter: "Guill ́en" -> "Guillén" */
    if ((flags & RP_OPT_JOIN_DIACRITICS) && cp == ' ' && i > 0 && i + 1 < n) {
      size_t ps;
      unsigned prev = rpi_utf8_prev(s, i, &ps);
      unsigned m = 0, nx = 0;
      size_t l2 = rpi_utf8_decode((const unsigned char *)s + i + 1, n - i - 1, &m);
      unsigned comb = l2 ? spacing_to_combining(m) : 0;
      if (comb == 0 && l2 && m >= 0x300 && m <= 0x36F)
        comb = m;
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
    /* letter + spacing diacritic + lower-case letter: "Lo¨tvall" */
    if ((flags & RP_OPT_JOIN_DIACRITICS) && rpi_is_letter(cp) && i + l < n) {
      unsigned m;
      size_t l2 = rpi_utf8_decode((const unsigned char *)s + i + l, n - i - l, &m);
      unsigned comb = l2 ? spacing_to_combining(m) : 0;
      if (comb) {
        unsigned nx = 0;
        size_t l3 = i + l + l2 < n ? rpi_utf8_decode((const unsigned char *)s + i + l + l2,
                                                     n - i - l - l2, &nx) : 0;
        unsigned comp = rpi_compose(cp, comb);
        if (comp && (l3 == 0 || rpi_is_lower(nx) || nx == ' ' || nx == ',' || nx == '.')) {
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
  } else if (i < n && s[i] == ' ' && dl <= 3) {
    /* "2 Lemos DR, ..." : a bare list number before a capitalized word */
    size_t j = i + 1;
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
    if (i < n && s[i] != ' ')
      return 0;
  }
  *num_off = d;
  *num_len = dl;
  while (i < n && s[i] == ' ')
    i++;
  return i;
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
  while (i < n && !o->b.err) {
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (!l)
      l = 1, cp = 0xFFFD;
    if (cp == ' ') {
      size_t j = i;
      while (j < n && s[j] == ' ')
        j++;
      if (j - i > 1 && nspace_warn++ == 0)
        rpi_result_warn(r, RP_WARN_SPACE, in->map[i], in->map[j - 1] + 1 - in->map[i],
                        "repeated spaces collapsed");
      space_pending = true;
      i = j;
      continue;
    }
    if (is_dash(cp)) {
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
    if (space_pending && o->b.len > 0)
      mb_put(o, " ", 1, in->map[i]);
    space_pending = false;
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x2032 || cp == 0x00B4) {
      /* an apostrophe between letters: "O’Brien", "don’t" */
      size_t ps;
      unsigned prev = o->b.len ? rpi_utf8_prev(o->b.p, o->b.len, &ps) : 0;
      unsigned next = 0;
      if (i + l < n)
        rpi_utf8_decode((const unsigned char *)s + i + l, n - i - l, &next);
      if (rpi_is_letter(prev) && rpi_is_letter(next) && cp != 0x2018) {
        mb_put(o, "'", 1, in->map[i]);
        if (cp != 0x2019)
          rpi_result_warn(r, RP_WARN_QUOTE, in->map[i], l, "apostrophe unified");
        i += l;
        continue;
      }
    }
    (void)flags;
    mb_copy(o, s + i, l, in->map + i, in->map[i]);
    i += l;
  }
  return o->b.err;
}

int rpi_text_clean(rpi_text *t, const char *raw, size_t n, unsigned flags,
                   rp_result *r) {
  memset(t, 0, sizeof *t);
  t->raw_len = n;
  mbuf a, b;
  mb_init(&a);
  mb_init(&b);
  int rc = pass1(&a, raw, n, flags, r);
  if (!rc)
    rc = pass2(&b, &a, flags, r);
  if (!rc) {
    a.b.len = 0;
    rc = pass3(&a, &b, flags, r, t);
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
