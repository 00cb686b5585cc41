/* clean_accents.c: cleaning pass 2, detached and spacing diacritics joined,
 * text made NFC (see clean.h). */
#include "clean.h"

#include "lexicon.h"
#include "simd.h"
#include "utf8.h"

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
  case 0x7E: return 0x303; /* "Educa\u00e7~ao": only between two letters (mark_at) */
  default: return 0;
  }
}

/* The combining mark for the spacing mark cp at s[i], or 0. An ASCII tilde
 * is one between two letters, the second small or both capitals ("Jo~ao",
 * "S~ao", "REDAÇ~AO"), in a word without '/', ':' or '.' before it (not
 * "~smith" in a URL nor "~20"); or opening a word before a letter and a
 * small letter ("~Nopo" is "Ñopo"). */
static unsigned mark_at(const char *s, size_t n, size_t i, unsigned cp) {
  if (cp != '~')
    return spacing_to_combining(cp);
  size_t ps, l;
  unsigned nx, nn = 0, pv = i ? rpi_utf8_prev(s, i, &ps) : ' ';
  if (i + 1 >= n || !(l = rpi_utf8_decode((const unsigned char *)s + i + 1, n - i - 1, &nx)))
    return 0;
  if (i + 1 + l < n)
    rpi_utf8_decode((const unsigned char *)s + i + 1 + l, n - i - 1 - l, &nn);
  if (pv == ' ' || pv == '(')
    return rpi_is_letter(nx) && rpi_is_lower(nn) ? 0x303 : 0;
  if (!rpi_is_letter(pv) || !(rpi_is_lower(nx) || (rpi_is_upper(pv) && rpi_is_upper(nx))))
    return 0;
  for (size_t k = i; k > 0 && s[k - 1] != ' '; k--)
    if (s[k - 1] == '/' || s[k - 1] == ':' || s[k - 1] == '.')
      return 0;
  return 0x303;
}

static bool is_vowel(unsigned cp) {
  switch (cp | 0x20) {
  case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return cp < 0x80;
  default: return false;
  }
}

/* Accented letters common in the names and words of references (Romance,
 * Germanic, Nordic, Slavic, Baltic, Hungarian, Turkish, Romanian; and
 * "ĉ": the dev references write it as often as a circumflex vowel before
 * a "c", twice each, so "Roˆcek" in TeX's order stays "Roĉek", while "âg",
 * "ês" outnumber "ĝ", "ŝ" 26 and 10 to none); a rare
 * composition ("ǒ", "Ď", "ŕ", "ĺ") is the wrong reading of a detached mark. */
static bool common_accented(unsigned cp) {
  static const char *const list =
      "áéíóúýàèìòùâêîôûäëïöüÿãõñåçčšžřěůőűśćńźżğşăąęėāēīōūǎǐǒǔĉ";
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
  /* Only the spacing marks other than '`' count (an ASCII '~' where
   * mark_at takes it as a tilde), and the others are U+00A8..U+00B8 or
   * U+02C6..U+02DD: without a 0xC2 or 0xCB lead byte or a '~' there is
   * none, and the answer is 0. (Keep true when adding marks.) */
  if (!memchr(s, 0xC2, n) && !memchr(s, 0xCB, n) && !memchr(s, '~', n))
    return 0;
  int after = 0, before = 0;
  unsigned p = 0;
  for (size_t i = 0; i < n;) {
    unsigned cp, nx = 0;
    size_t l = rpi_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (!l)
      l = 1, cp = 0xFFFD;
    unsigned comb = cp == 0x7E ? mark_at(s, n, i, cp) : spacing_to_combining(cp);
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

/* Whether "ć", "ń", "ś" or "ź" (the acute on c, n, s or z: Polish) may
 * stand before the letter nn: only before a consonant Polish writes there
 * ("ńs", "ńc", "ńk", "śc", "śl", "śm", "śn", "św", "ćw", "źd", "źl", "źr"),
 * never before a vowel ("ni", "si" are written instead). Across the dev
 * references the accented consonant stands before a vowel twice and an
 * accented vowel then c, n, s or z then a vowel 249 times. */
static bool polish_pair(unsigned c, unsigned nn) {
  static const char *const pairs = "nsncnkscslsmsnswcwzdzlzr";
  c |= 0x20, nn |= 0x20;
  for (const char *q = pairs; *q; q += 2)
    if ((unsigned char)q[0] == c && (unsigned char)q[1] == nn)
      return true;
  return false;
}

/* Which letter a detached mark between `prev` and `next` belongs to: 1 the
 * one before, 2 the one after, 0 neither. cprev/cnext are the compositions
 * (0 when none exists or the reading is not allowed). A common letter beats
 * a rare one; between two common ones the tilde goes to an "n" unless the
 * other letter opens "ão", "ãe" or "õe" ("n˜ao" is "não", "Pen˜a" "Peña");
 * then the order the text shows elsewhere (`order`, see mark_order); the
 * tilde goes to the "a" of "ão", else õ; a caron between c, s, z or r
 * and a vowel to the consonant; an acute between a vowel and a
 * c, n, s or z that Polish does not write before the letter after it
 * (polish_pair) to the vowel; a mark whose after-the-letter
 * reading ends the word as after_marks.txt lists ("Ramo´n", "Herna´ndez":
 * `after_word`) to the letter before; else TeX's order, the letter after
 * ("Bie´n" is "Bień", "Chru´sciel" "Chruściel", "Roˆcek" "Roĉek"). */
static int mark_side(unsigned prev, unsigned next, unsigned nn, unsigned comb, unsigned cprev,
                     unsigned cnext, int order, bool after_word) {
  if (!cprev || !cnext) /* one reading: taken if it is a common letter ("ĺ" is not) */
    return common_accented(cprev | cnext) ? (cprev ? 1 : 2) : 0;
  bool a = common_accented(cprev), b = common_accented(cnext);
  if (a != b)
    return a ? 1 : 2;
  if (comb == 0x303 && ((next | 0x20) == 'n') != ((prev | 0x20) == 'n')) {
    unsigned v = next | 0x20, w = nn | 0x20;
    if ((prev | 0x20) == 'n' && ((v == 'a' && (w == 'o' || w == 'e')) || (v == 'o' && w == 'e')))
      return 2; /* "n˜ao": the ã of "não" */
    return v == 'n' ? 2 : 1; /* ñ */
  }
  if (order) /* the order the text shows elsewhere */
    return order;
  if (comb == 0x303) /* the ã of "ão", else õ */
    return (next | 0x20) == 'a' && (prev | 0x20) != 'a' ? 2 : 1;
  unsigned nc = next | 0x20, pc = prev | 0x20;
  if (comb == 0x30C && (pc == 'c' || pc == 's' || pc == 'z' || pc == 'r') && is_vowel(next))
    return 1; /* "Rocˇek", "Bozˇic": Czech writes no "cě", "sě", "zě", "rě" (the dev
                 references: "č", "š", "ž", "ř" before a vowel 54 times, those never) */
  if (comb == 0x301 && is_vowel(prev) && (nc == 'c' || nc == 'n' || nc == 's' || nc == 'z') &&
      rpi_is_letter(nn) && !polish_pair(next, nn))
    return 1; /* "Estadi´stica", "li´nea": not "ś", "ń" before "t", a vowel */
  return after_word ? 1 : 2;
}

/* Whether the word read with the letter before the mark accented (comp,
 * then the ASCII letters from s[0] on to the word's end) ends as
 * after_marks.txt lists: "Ramo´n" -> "ón", "Herna´ndez" -> "ández". */
static bool after_ending(unsigned comp, const char *s, size_t n) {
  rpi_buf t;
  rpi_buf_init(&t, 32);
  rpi_buf_putcp(&t, rpi_to_lower(comp));
  size_t k = 0;
  while (k < n && k < 12 && is_alpha_ascii(s[k])) {
    char c = (char)(s[k] | 0x20);
    rpi_buf_put(&t, &c, 1);
    k++;
  }
  bool hit = !t.err && (k == n || (unsigned char)s[k] < 0x80) && (k == n || !is_alpha_ascii(s[k])) &&
             rpi_lex_at(RPI_LEX_AFTER_MARKS, t.p, t.len) == t.len;
  rpi_buf_free(&t);
  return hit;
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

/* ASCII and not a spacing diacritic: '`' and '~' are the ASCII ones
 * (spacing_to_combining). */
static bool pass2_plain(unsigned char c) { return c < 0x80 && c != '`' && c != '~'; }

/* The end of the run of pass2_plain bytes from s[i]. Sixteen (SSE2), then
 * eight bytes at a time first: one with the high bit set, a '`' or a '~'
 * ends the fast steps. */
static size_t pass2_plain_end(const unsigned char *s, size_t i, size_t n) {
#if RPI_SSE2
  for (; i + 16 <= n; i += 16) {
    rpi_v16 x = rpi_v16_load(s + i);
    if (rpi_v16_mask(rpi_v16_or(x, rpi_v16_or(rpi_v16_eq(x, '`'), rpi_v16_eq(x, '~')))))
      break;
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t w = rpi_load8(s + i);
    if ((w & RPI_HIGH8) || rpi_has8(w, '`') || rpi_has8(w, '~'))
      break;
  }
  while (i < n && pass2_plain(s[i]))
    i++;
  return i;
}

/* The end of the run from s[i] that pass 2 copies as it is in NFC text:
 * bytes but for '`', '~' and the lead bytes 0xC2, 0xCB (the spacing marks of
 * spacing_to_combining), 0xC4, 0xC8 (the dotless i and j), 0xCC, 0xCD (the
 * combining marks U+0300..U+036F that the rules join). In NFC text no rule
 * fires at a character unless it or the next one starts with one of them.
 * (Keep true when adding rules.) */
static size_t pass2_nfc_plain_end(const unsigned char *s, size_t i, size_t n) {
#if RPI_SSE2
  /* sixteen bytes a step while none is one of the eight above (the bytes
   * byte_class gives no P2_NFC_PLAIN: keep both in step); the loop below
   * goes on from the block that holds one */
  for (; i + 16 <= n; i += 16) {
    rpi_v16 x = rpi_v16_load(s + i);
    rpi_v16 stop = rpi_v16_or(rpi_v16_or(rpi_v16_eq(x, '`'), rpi_v16_eq(x, '~')),
                              rpi_v16_or(rpi_v16_eq(x, 0xC2), rpi_v16_eq(x, 0xC4)));
    stop = rpi_v16_or(stop, rpi_v16_or(rpi_v16_or(rpi_v16_eq(x, 0xC8), rpi_v16_eq(x, 0xCB)),
                                       rpi_v16_or(rpi_v16_eq(x, 0xCC), rpi_v16_eq(x, 0xCD))));
    if (rpi_v16_mask(stop))
      break;
  }
#endif
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
bool rpi_clean_accents_identity(const mbuf *in) {
  const unsigned char *s = (const unsigned char *)in->b.p;
  size_t n = in->b.len, e = pass2_plain_end(s, 0, n);
  return e == n || (pass2_nfc_plain_end(s, e, n) == n && rpi_is_nfc(in->b.p, n));
}

/* What the rules of pass 2 share: input, output, and the text's accent
 * order (mark_order). */
typedef struct pass2 {
  mbuf *o;
  const mbuf *in;
  const char *s;
  size_t n;
  rp_result *r;
  int order;
} pass2;

static size_t decode_at(const pass2 *p, size_t i, unsigned *cp) {
  return i < p->n ? rpi_utf8_decode((const unsigned char *)p->s + i, p->n - i, cp) : 0;
}

/* Writes comp for s[from, to), mapped to the letter at s[at], and warns. */
static void put_joined(const pass2 *p, unsigned comp, size_t at, size_t from, size_t to) {
  mb_putcp(p->o, comp, p->in->map[at]);
  rpi_buf tmp;
  rpi_buf_init(&tmp, 16);
  rpi_buf_putcp(&tmp, comp);
  size_t ro = p->in->map[from], rl = p->in->map[to - 1] + 1 - ro;
  rpi_clean_warn(p->r, RP_WARN_DIACRITIC, ro, rl, p->s + from, to - from, tmp.p, tmp.len);
  rpi_buf_free(&tmp);
}

/* letter + space + combining mark + letter: "Guill ́en" -> "Guillén" (the
 * mark, printed on a space, belongs to the next letter; a spacing mark
 * after a space starts a word instead: "l'autre ´etude"). The space is at
 * s[i]. Returns the bytes consumed, or 0. */
static size_t mark_on_space(const pass2 *p, size_t i) {
  if (i == 0 || i + 1 >= p->n)
    return 0;
  size_t ps;
  unsigned prev = rpi_utf8_prev(p->s, i, &ps);
  unsigned m = 0, nx = 0;
  size_t l2 = decode_at(p, i + 1, &m);
  unsigned comb = l2 && m >= 0x300 && m <= 0x36F ? m : 0;
  size_t l3 = comb ? decode_at(p, i + 1 + l2, &nx) : 0;
  unsigned comp = l3 ? rpi_compose(nx, comb) : 0;
  if (!comp || !rpi_is_letter(prev) || !rpi_is_lower(nx))
    return 0;
  put_joined(p, comp, i + 1, i, i + 1 + l2 + l3);
  return 1 + l2 + l3;
}

/* letter + spacing diacritic + letter: the mark belongs to one of the
 * two. PDF text puts it after its letter ("Lo¨tvall", "Dvorˇa´k") or,
 * from TeX, before it ("Jos´e", "Arbel´aez", "Dˇzeroski"). The letter cp
 * (l bytes) is at s[i]. Returns the bytes consumed (the letter alone when
 * the mark is an apostrophe), or 0. */
static size_t mark_between(const pass2 *p, size_t i, unsigned cp, size_t l) {
  const char *s = p->s;
  unsigned m;
  size_t l2 = decode_at(p, i + l, &m);
  unsigned comb = l2 ? mark_at(s, p->n, i + l, m) : 0;
  if (!comb)
    return 0;
  unsigned nx = 0;
  size_t l3 = decode_at(p, i + l + l2, &nx);
  if (m == 0xB4 && l3 && rpi_is_upper(nx) && elided(s, i)) {
    /* "O´SULLIVAN": an apostrophe printed as an acute */
    mb_copy(p->o, s + i, l, p->in->map + i, p->in->map[i]);
    return l;
  }
  if (m == 0xB4 && !is_vowel(cp) && contraction_at(s + i + l + l2, p->n - i - l - l2)) {
    /* "don´t", "Smith´s": an apostrophe printed as an acute ("-é´s" is "-és") */
    mb_copy(p->o, s + i, l, p->in->map + i, p->in->map[i]);
    return l;
  }
  bool dotless = (nx == 0x131 || nx == 0x237) && rpi_compose(nx == 0x131 ? 'i' : 'j', comb);
  unsigned nn = 0; /* "MU¨LLER" is upper case; "O´Brien" has an apostrophe */
  if (l3)
    decode_at(p, i + l + l2 + l3, &nn);
  bool caps = rpi_is_upper(cp) && rpi_is_upper(nx) && !rpi_is_lower(nn);
  unsigned cprev = 0, cnext = 0;
  if (!dotless && (l3 == 0 || rpi_is_lower(nx) || !rpi_is_letter(nx) || (caps && p->order != 2)))
    cprev = rpi_compose(cp, comb); /* not "O´Brien": that is an apostrophe */
  if (l3 && (rpi_is_lower(nx) || caps))
    cnext = rpi_compose(nx, comb); /* "Jos´e", "ESTAT´ISTICA" */
  bool after_word = cprev && cnext && l3 && after_ending(cprev, s + i + l + l2, p->n - i - l - l2);
  int side = mark_side(cp, nx, nn, comb, cprev, cnext, p->order, after_word);
  if (side == 1) {
    put_joined(p, cprev, i, i, i + l + l2);
    return l + l2;
  }
  if (side == 2) {
    mb_copy(p->o, s + i, l, p->in->map + i, p->in->map[i]);
    put_joined(p, cnext, i + l + l2, i + l, i + l + l2 + l3);
    return l + l2 + l3;
  }
  return 0;
}

/* a spacing diacritic before a letter, not after one ("´etude", "`a",
 * "l'´evaluation", "˚Akesson") or after one already taken (the second
 * mark of "Dvoˇr´ak"): it belongs to the letter after it. The mark cp (l
 * bytes) is at s[i]. Returns the bytes consumed, or 0. */
static size_t mark_before(const pass2 *p, size_t i, unsigned cp, size_t l) {
  const char *s = p->s;
  unsigned comb = mark_at(s, p->n, i, cp);
  if (!comb)
    return 0;
  size_t ps;
  unsigned prev = i ? rpi_utf8_prev(s, i, &ps) : 0, nx;
  size_t l2 = decode_at(p, i + l, &nx);
  /* Before a capital after a small letter only a mark that is never an
   * apostrophe or quote, in a text that puts its marks before their letters
   * ("ˆa˘A´Z" is "âĂŹ"; not "O´Brien", "l`Anglais"). */
  bool cap_ok = cp != 0xB4 && cp != '`' && cp != '~' && p->order == 2 && rpi_is_upper(nx);
  bool ok = l2 && (rpi_is_letter(prev) ? rpi_is_lower(nx) || (rpi_is_upper(prev) && rpi_is_upper(nx)) || cap_ok
                                       : rpi_is_letter(nx));
  if (ok && cp == 0xB4 && rpi_is_letter(prev) && !is_vowel(prev) && contraction_at(s + i + l, p->n - i - l))
    ok = false; /* "Smith´s" */
  if (ok && cp == 0xB4 && rpi_is_upper(nx) && i > 0 && prev < 0x80 && rpi_is_letter(prev) && elided(s, i - 1))
    ok = false; /* "O´SULLIVAN" */
  unsigned comp = ok ? rpi_compose(nx, comb) : 0;
  if (!comp)
    return 0;
  put_joined(p, comp, i + l, i, i + l + l2);
  return l + l2;
}

/* "Garc´ıa", "Tı́o": TeX puts an accent on the dotless i (or j), and PDF
 * text keeps the pair; the accented letter is "í". Returns the bytes
 * consumed, or 0. */
static size_t mark_on_dotless(const pass2 *p, size_t i, unsigned cp, size_t l) {
  unsigned nx, base = 0, mark = 0;
  size_t l2 = decode_at(p, i + l, &nx);
  if (l2 && (nx == 0x131 || nx == 0x237) && mark_at(p->s, p->n, i, cp))
    base = nx == 0x131 ? 'i' : 'j', mark = mark_at(p->s, p->n, i, cp);
  else if (l2 && (cp == 0x131 || cp == 0x237) && nx >= 0x300 && nx <= 0x36F)
    base = cp == 0x131 ? 'i' : 'j', mark = nx;
  unsigned comp = base ? rpi_compose(base, mark) : 0;
  if (!comp)
    return 0;
  put_joined(p, comp, i, i, i + l + l2);
  return l + l2;
}

/* Text not in NFC: the segment at s[i] (this character, l bytes, and the
 * combining marks after it) made NFC when it is not. Returns the bytes
 * consumed, or 0 (*rc set on an ICU error). */
static size_t nfc_segment(const pass2 *p, size_t i, size_t l, int *rc) {
  const char *s = p->s;
  size_t j = i + l;
  while (j < p->n) {
    unsigned c2;
    size_t l2 = decode_at(p, j, &c2);
    if (!l2 || !(rpi_is_mark(c2) || (c2 >= 0x1160 && c2 <= 0x11FF)))
      break;
    j += l2;
  }
  if (j == i + l && rpi_is_nfc(s + i, l))
    return 0;
  mbuf *o = p->o;
  size_t at = o->b.len;
  if ((*rc = rpi_nfc(s + i, j - i, &o->b)))
    return 0;
  mb_map(o, at, p->in->map[i]);
  if (o->b.len - at != j - i || memcmp(o->b.p + at, s + i, j - i) != 0)
    rpi_clean_warn(p->r, RP_WARN_NFC, p->in->map[i], p->in->map[j - 1] + 1 - p->in->map[i], s + i, j - i,
                   o->b.p + at, o->b.len - at);
  return j - i;
}

int rpi_clean_accents(mbuf *o, const mbuf *in, unsigned flags, rp_result *r) {
  const char *s = in->b.p ? in->b.p : "";
  size_t n = in->b.len;
  bool nfc = rpi_is_nfc(s, n), join = flags & RP_OPT_JOIN_DIACRITICS;
  pass2 p = {o, in, s, n, r, join ? mark_order(s, n) : 0};
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < n && !o->b.err) {
    /* A rule of pass 2 fires at a character only when it or the one after
     * it is non-ASCII or a spacing diacritic ("`", "~"): a run of other
     * ASCII characters is copied at once, but for its last one when such a
     * character follows. (Keep true when adding rules.) In NFC text the run
     * takes the non-ASCII characters of pass2_nfc_plain_end too. The text
     * is valid UTF-8 (pass 1 wrote it), so stepping back over continuation
     * bytes finds the start of the run's last character. */
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
    size_t l = decode_at(&p, i, &cp), k = 0;
    if (!l)
      l = 1, cp = 0xFFFD;
    if (join && ((cp == ' ' && (k = mark_on_space(&p, i))) ||
                 (rpi_is_letter(cp) && i + l < n && (k = mark_between(&p, i, cp, l))) ||
                 (i + l < n && (k = mark_before(&p, i, cp, l))) || (i + l < n && (k = mark_on_dotless(&p, i, cp, l))))) {
      i += k;
      continue;
    }
    if (!nfc) {
      int rc = 0;
      k = nfc_segment(&p, i, l, &rc);
      if (rc)
        return rc;
      if (k) {
        i += k;
        continue;
      }
    }
    mb_copy(o, s + i, l, in->map + i, in->map[i]);
    i += l;
  }
  return o->b.err;
}
