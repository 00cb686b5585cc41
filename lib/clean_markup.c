/* clean_markup.c: cleaning pass 1, raw bytes to valid UTF-8 with markup,
 * mojibake, controls and odd spaces resolved (see clean.h). */
#include "clean.h"

#include "simd.h"
#include "utf8.h"

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
  rpi_clean_warn(r, RP_WARN_MARKUP, i, l, raw + i, l, rpi_buf_cstr(&tmp), tmp.len);
  rpi_buf_free(&tmp);
}


/* What Windows-1252 puts at 0x80..0x9F (0: unassigned); elsewhere above
 * 0x7F it is Latin-1, the code point equal to the byte. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* The code point of byte b (>= 0x80) read as Windows-1252, or 0. */
static unsigned cp1252_decode(unsigned char b) { return b >= 0xA0 ? b : b >= 0x80 ? cp1252_high[b - 0x80] : 0; }

/* Windows-1252 byte for a code point, or -1. */
static int cp1252_byte(unsigned cp) {
  if (cp >= 0xA0 && cp <= 0xFF)
    return (int)cp;
  if (cp >= 0x80 && cp <= 0x9F)
    return (int)cp; /* Latin-1 reading of C1 controls */
  if (cp < 0x80)
    return -1; /* ASCII is never in the table */
  for (int b = 0; b < 32; b++)
    if (cp1252_high[b] == cp)
      return 0x80 + b;
  return -1;
}

/* Whether Windows-1252 byte b is one of the accented letters of European
 * text: U+00C0..U+00FF but for the signs (U+00D7, U+00F7), the Icelandic
 * letters, "ÿ", and "Â", "Ã" (the usual lead bytes of UTF-8 that lost its
 * continuation: "M\xC3 zes" is not "MÃ zes"); and Š š Ž ž Œ œ. */
static bool cp1252_common_letter(unsigned char b) {
  if (b == 0x8A || b == 0x9A || b == 0x8E || b == 0x9E || b == 0x8C || b == 0x9C)
    return true;
  return b >= 0xC0 && b != 0xC2 && b != 0xC3 && b != 0xD0 && b != 0xD7 && b != 0xDE && b != 0xF0 &&
         b != 0xF7 && b != 0xFE && b != 0xFF;
}

/* Whether Windows-1252 byte b is a sign common in references: quotes,
 * dashes, the bullet, "«", "»", "°", "§", "£", "€", "·", "º", "ª". */
static bool cp1252_common_sign(unsigned char b) {
  return (b >= 0x91 && b <= 0x97) || b == 0x80 || b == 0x85 || b == 0xA3 || b == 0xA7 || b == 0xAA ||
         b == 0xAB || b == 0xB0 || b == 0xB7 || b == 0xBA || b == 0xBB;
}

/* Whether Windows-1252 byte b is a spacing accent ("\x88" ˆ, "\x98" ˜,
 * "\xA8" ¨, "\xAF" ¯, "\xB4" ´, "\xB8" ¸), as PDF text prints a detached
 * accent ("Uq ( \x88 sl (2))", "Jos\xB4e"). */
static bool cp1252_spacing_accent(unsigned char b) {
  return b == 0x88 || b == 0x98 || b == 0xA8 || b == 0xAF || b == 0xB4 || b == 0xB8;
}

/* An ASCII capital or a full stop: the neighbours of a capital "Â" or "Ã"
 * in an initial or a word in capitals ("E\xC2C", "M.\xC2.", "JO\xC3O"). */
static bool caps_side(unsigned char c) { return (c >= 'A' && c <= 'Z') || c == '.'; }

/* Whether u[0..n) is text in Windows-1252 rather than broken UTF-8: it holds
 * no valid UTF-8 sequence above ASCII (a UTF-8 line with one stray byte
 * stays UTF-8), every byte above 0x7F is assigned in Windows-1252, and one
 * of them reads as Windows-1252 and not as a piece of UTF-8: a common
 * accented letter not followed by a byte of 0x80..0xBF (where a UTF-8 lead
 * byte has its continuation), "Â" or "Ã" between capitals or full stops (a
 * UTF-8 lead byte that lost its continuation is followed by what came next
 * in a word: "M\xC3 zes", "M\xC3ller" stay broken), a common sign after an
 * ASCII byte, or a spacing accent after an ASCII byte and before a letter
 * or a space ("M\xFCller", "\xE0 Paris", "n\xB01", "E\xC2C", "( \x88 sl";
 * not "\xC0\xAF", "\xE2\x80", "Ti\xFFtle", "Smith\x88."). */
static bool legacy_text(const unsigned char *u, size_t n) {
  bool seen = false;
  for (size_t i = 0; i < n; i++) {
    if (u[i] < 0x80)
      continue;
    unsigned cp;
    if (rpi_utf8_decode(u + i, n - i, &cp) || !cp1252_decode(u[i]))
      return false;
    bool cont_next = i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0xBF;
    bool ascii_before = i > 0 && u[i - 1] < 0x80;
    bool word_after = i + 1 < n && (u[i + 1] == ' ' || is_alpha_ascii((char)u[i + 1]));
    seen = seen || (cp1252_common_letter(u[i]) && !cont_next) ||
           ((u[i] == 0xC2 || u[i] == 0xC3) && i > 0 && i + 1 < n && caps_side(u[i - 1]) && caps_side(u[i + 1])) ||
           (cp1252_common_sign(u[i]) && ascii_before) ||
           (cp1252_spacing_accent(u[i]) && ascii_before && word_after);
  }
  return seen;
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

/* ... and the bidirectional marks and embeddings web pages leave in copied
 * text (U+200E, U+200F, U+061C, U+202A..U+202E, U+2066..U+2069): "Greenstein,
 * \u200eShane M. \u200e& Tucker" */
static bool is_zero_width(unsigned cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
         cp == 0xFEFF || cp == 0xAD || cp == 0x180E || cp == 0x200E || cp == 0x200F || cp == 0x061C ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
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

/* A run of plain bytes and characters from raw[i], written in place while
 * scanning (the caller checked there is room): the same result as
 * character by character. Returns where the run ends. */
static size_t plain_run(mbuf *o, const char *raw, size_t i, size_t n) {
  const unsigned char *u = (const unsigned char *)raw;
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
  return j;
}

/* Markdown emphasis "*Title.*": both stars go. *star_close is the "*" that
 * closes the emphasis opened before, or (size_t)-1. Returns the bytes
 * consumed at raw[i], or 0. */
static size_t emphasis(rp_result *r, const char *raw, size_t i, size_t n, size_t *star_close) {
  if (raw[i] != '*')
    return 0;
  if (i == *star_close) {
    rpi_clean_warn(r, RP_WARN_MARKUP, i, 1, "*", 1, "", 0);
    *star_close = (size_t)-1;
    return 1;
  }
  if (*star_close == (size_t)-1 && (i == 0 || raw[i - 1] == ' ') && i + 2 < n && raw[i + 1] != ' ' &&
      raw[i + 1] != '*') {
    size_t j = i + 2;
    while (j < n && j < i + 400 && raw[j] != '*')
      j++;
    if (j < n && raw[j] == '*' && raw[j - 1] != ' ' &&
        (j + 1 == n || raw[j + 1] == ' ' || raw[j + 1] == '.' || raw[j + 1] == ',' || raw[j + 1] == ';' ||
         raw[j + 1] == ':')) {
      rpi_clean_warn(r, RP_WARN_MARKUP, i, 1, "*", 1, "", 0);
      *star_close = j;
      return 1;
    }
  }
  return 0;
}

/* HTML entities (also escaped twice) and tags, LaTeX quotes, escapes and
 * accents at raw[i], written to o. Returns the bytes consumed, or 0. */
static size_t markup(mbuf *o, rp_result *r, const char *raw, size_t i, size_t n) {
  unsigned cp, c2;
  size_t l;
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
    return l;
  }
  if (raw[i] == '<' && (l = tag_at(raw + i, n - i))) {
    rpi_clean_warn(r, RP_WARN_MARKUP, i, l, raw + i, l, "", 0);
    /* a tag between two words still separates them */
    if (l >= 4 && (raw[i + 1] == 'b' || raw[i + 1] == 'p') && raw[i + 2] == 'r')
      mb_put(o, " ", 1, i);
    return l;
  }
  if ((raw[i] == '`' || raw[i] == '\'') && i + 1 < n && raw[i + 1] == raw[i] &&
      (i + 2 >= n || raw[i + 2] != raw[i])) {
    /* LaTeX quotes ``...'' */
    mb_putcp(o, raw[i] == '`' ? 0x201C : 0x201D, i);
    rpi_result_warn(r, RP_WARN_QUOTE, i, 2, raw[i] == '`' ? "`` -> \u201c" : "'' -> \u201d");
    return 2;
  }
  if (raw[i] == '\\' && i + 1 < n && raw[i + 1] == '&' && entity_at(raw + i + 1, n - i - 1, &cp, &c2)) {
    /* "\&#246;": a TeX escape over an HTML entity; the entity follows */
    rpi_result_warn(r, RP_WARN_MARKUP, i, 1, "\\ -> (removed)");
    return 1;
  }
  if (raw[i] == '\\' && i + 1 < n &&
      (raw[i + 1] == '&' || raw[i + 1] == '%' || raw[i + 1] == '$' || raw[i + 1] == '#' || raw[i + 1] == '_')) {
    /* LaTeX escaped specials: "Taylor \& Francis" -> "Taylor & Francis" */
    mb_put(o, raw + i + 1, 1, i);
    rpi_clean_warn(r, RP_WARN_MARKUP, i, 2, raw + i, 2, raw + i + 1, 1);
    return 2;
  }
  if ((raw[i] == '\\' || raw[i] == '{') && (l = latex_at(raw + i, n - i, &cp, &c2))) {
    put_escape(o, r, raw, i, l, cp, c2);
    return l;
  }
  return 0;
}

/* A run of mojibake at raw[i] (UTF-8 read as Windows-1252), one warning;
 * decoded twice if it was mis-read twice. Returns the bytes consumed, or
 * 0. */
static size_t mojibake_run(mbuf *o, rp_result *r, const char *raw, size_t i, size_t n) {
  const unsigned char *u = (const unsigned char *)raw;
  unsigned cp;
  size_t l;
  if (u[i] < 0xC3 || !(l = mojibake_at(u + i, n - i, &cp)) || !plausible_mojibake(u + i, n - i, l, cp, last_cp(o)))
    return 0;
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
  rpi_clean_warn(r, RP_WARN_MOJIBAKE, start, end - start, raw + start, end - start, o->b.p + ostart,
                 o->b.len - ostart);
  return end - start;
}

/* The run of bytes above 0x7F at raw[i] read as Windows-1252, one
 * warning. Returns the bytes consumed. */
static size_t legacy_run(mbuf *o, rp_result *r, const char *raw, size_t i, size_t n) {
  const unsigned char *u = (const unsigned char *)raw;
  size_t start = i, ostart = o->b.len;
  for (; i < n && u[i] >= 0x80; i++)
    put_plain(o, r, cp1252_decode(u[i]), i, 1);
  static const char hex[] = "0123456789ABCDEF";
  char before[4 * 16]; /* "\xFC" per byte, the first 16 */
  size_t bl = 0;
  for (size_t k = start; k < i && k < start + 16; k++) {
    before[bl++] = '\\';
    before[bl++] = 'x';
    before[bl++] = hex[u[k] >> 4];
    before[bl++] = hex[u[k] & 15];
  }
  rpi_clean_warn(r, RP_WARN_ENCODING, start, i - start, before, bl, o->b.p + ostart, o->b.len - ostart);
  return i - start;
}

/* The character cp (l bytes) at raw[i], made plain: controls and odd
 * spaces a space, zero-width characters removed, hyphen variants '-',
 * ligatures their letters, a run of fullwidth digits ASCII; any other
 * copied. Returns the bytes consumed. */
static size_t plain_char(mbuf *o, rp_result *r, const char *raw, size_t i, size_t n, unsigned cp, size_t l) {
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
  } else if (cp >= 0xFB00 && cp <= 0xFB06) {
    /* typographic ligatures (PDF text) are their letters, as NFKC has them */
    static const char *const lig[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
    const char *a = lig[cp - 0xFB00];
    mb_put(o, a, strlen(a), i);
    rpi_clean_warn(r, RP_WARN_NFC, i, l, raw + i, l, a, strlen(a));
  } else if (cp >= 0xFF10 && cp <= 0xFF19) {
    /* fullwidth digits (CJK input) become ASCII, as NFKC has them: the
     * locator patterns read only 0-9 */
    const unsigned char *u = (const unsigned char *)raw;
    size_t j = i; /* the run, one warning */
    while (j < n && rpi_utf8_decode(u + j, n - j, &cp) == 3 && cp >= 0xFF10 && cp <= 0xFF19) {
      char d = (char)('0' + (cp - 0xFF10));
      mb_put(o, &d, 1, j);
      j += 3;
    }
    rpi_result_warn(r, RP_WARN_NFC, i, j - i, "fullwidth digits made ASCII");
    return j - i;
  } else {
    mb_copy(o, raw + i, l, NULL, i);
  }
  return l;
}

int rpi_clean_markup(mbuf *o, const char *raw, size_t n, unsigned flags, rp_result *r) {
  const unsigned char *u = (const unsigned char *)raw;
  size_t i = 0;
  size_t bad_start = (size_t)-1;
  int legacy = -1; /* legacy_text(), asked at the first invalid byte */
  size_t star_close = (size_t)-1; /* the "*" that closes Markdown emphasis */
  while (i < n && !o->b.err) {
    unsigned cp;
    size_t l;
    if ((pass1_plain(u[i]) || pass1_plain_multi(u + i, n - i)) && mb_room(o, n - i)) {
      i = plain_run(o, raw, i, n);
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
    /* every markup rule starts at one of "*&<`'\\{" */
    if ((flags & RP_OPT_DECODE_MARKUP) && memchr("*&<`'\\{", raw[i], 7) &&
        ((l = emphasis(r, raw, i, n, &star_close)) || (l = markup(o, r, raw, i, n)))) {
      i += l;
      continue;
    }
    if ((flags & RP_OPT_REPAIR_MOJIBAKE) && (l = mojibake_run(o, r, raw, i, n))) {
      i += l;
      continue;
    }
    l = rpi_utf8_decode(u + i, n - i, &cp);
    if (!l && legacy < 0)
      legacy = (flags & RP_OPT_REPAIR_UTF8) && legacy_text(u, n);
    if (!l && legacy) {
      i += legacy_run(o, r, raw, i, n);
      continue;
    }
    if (!l) {
      if (!(flags & RP_OPT_REPAIR_UTF8))
        return RP_ERR_UTF8;
      if (bad_start == (size_t)-1)
        bad_start = i;
      mb_putcp(o, 0xFFFD, i);
      i++;
      /* one warning per run of bad bytes */
      if (i >= n || rpi_utf8_decode(u + i, n - i, &cp)) {
        rpi_result_warn(r, RP_WARN_INVALID_UTF8, bad_start, i - bad_start, "invalid UTF-8 replaced by U+FFFD");
        bad_start = (size_t)-1;
      }
      continue;
    }
    i += plain_char(o, r, raw, i, n, cp, l);
  }
  return o->b.err;
}
