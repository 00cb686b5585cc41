/*
 * make_cjk_tables.c: compile ICU's Han-Latin and Hangul-Latin
 * transliteration rules into the tables lib/han.c and lib/hangul.c fold
 * Han and Hangul text with, so that folding Chinese, Japanese (kanji) or
 * Korean names needs no transliterator (building ICU's Han-Latin takes
 * ~70 ms of CPU, and the first transliterator of any kind ~8 ms, once per
 * process).
 *
 *   make_cjk_tables HAN.h HANGUL.h
 *
 * lib/meson.build runs it at build time, linked with the ICU the library
 * links, so the tables are that ICU's rules. It reads the rules back with
 * utrans_toRules and accepts them only in the forms lib/han.c and
 * lib/hangul.c implement; anything else makes it write that header with the
 * table disabled (RPI_HAN_TABLE 0 or RPI_HANGUL_TABLE 0: that script folds
 * through ICU, as before) and say why on stderr; the build goes on.
 *
 * Han-Latin must be
 *   ::Han-Spacedhan();            the spacing pass, whose rules must be the
 *                                 text of spacedhan_rules below
 *   {藏}' '?文 > zàng;            a character before another, alone or
 *                                 after one space
 *   [㗒哀埃...] > āi;              a set of characters, each to a syllable
 * A character enters the table only if the transliterator leaves
 * everything around it alone: script Han, category Lo, Ideographic,
 * unchanged by NFD, NFKC and Fullwidth-Halfwidth. Each one's syllable is
 * checked against the whole fold chain on that character alone (NFD;
 * Any-Latin; Latin-ASCII; [:Nonspacing Mark:] Remove; NFC, then '?' for
 * what is left outside ASCII); a character that disagrees is left out
 * (reported) and folds through ICU.
 * Output: han_syl[] the ASCII syllables (index 0: not in the table; 1 and
 * 2: "?" and "??", a Han character without a reading, which the fold turns
 * into one '?' per UTF-16 unit), han_page[cp >> 6] a page of 64 syllable
 * indexes (page 0: all zero), han_ctx[] the context rules.
 *
 * Hangul-Latin must be ::NFKD; ::ConjoiningJamo-Latin; ::NFC; and every
 * rule of ConjoiningJamo-Latin ANTE{KEY}POST > OUT with KEY one conjoining
 * jamo or empty, ANTE and POST sequences of sets and single characters, OUT
 * ASCII (rules on ASCII keys are left out: Hangul-Latin leaves ASCII alone,
 * which is checked). Output: hangul_items[] each set or character as a
 * bitmap over ASCII (bits 0-127), U+1100..U+11FF (128-383) and the edge of
 * the text (384: a set with U+FFFF, such as [^y], matches there, as in
 * ICU), hangul_rules[] in ICU's order.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

#define MAX_CP 0x40000 /* planes 0-3: every Han character */
#define PAGE 64
#define MAX_SYL 2048
#define SYL_LEN 8
#define MAX_CTX 64

/* Han-Spacedhan as ICU 72 has it (utrans_toRules, no escapes). */
static const char spacedhan_rules[] =
    "::[[\xe3\x86\x92-\xe3\x86\x9f\xe3\x88\xa0-\xe3\x89\x87\xe3\x8a\x80-\xe3\x8a\xb0\xe3\x8b\x80-"
    "\xe3\x8b\x8b\xe3\x8d\x98-\xe3\x8d\xb0\xe3\x8d\xbb-\xe3\x8d\xbf\xe3\x8f\xa0-\xe3\x8f\xbe "
    "\xf0\x9f\x88\x90-\xf0\x9f\x88\x92\xf0\x9f\x88\x94-\xf0\x9f\x88\xba\xf0\x9f\x89\x80-"
    "\xf0\x9f\x89\x88\xf0\x9f\x89\x90\xf0\x9f\x89\x91][:ideographic:][:sc=han:]] nfkc;\n"
    "::fullwidth-halfwidth;\n"
    "\xef\xbd\xa1 > '.';\n"
    "[[:Ideographic:][.,\\:;?!\xef\xbc\x8e\xef\xbc\x8c\xef\xbc\x9a\xef\xbc\x9f\xef\xbc\x81\xef\xbd\xa1"
    "\xe3\x80\x81\xef\xbc\x9b[:Pe:][:Pf:]]]{}[:Letter:] > ' ';\n"
    "[:Letter:][:Mark:]*{}[[:Ideographic:][:Ps:][:Pi:]] > ' ';";

static char syl[MAX_SYL][SYL_LEN];
static int nsyl = 3; /* 0: not in the table, 1: "?", 2: "??" (no reading) */
static unsigned short *idx;           /* [MAX_CP] syllable index */
static struct {
  unsigned a, b;
  int s;
} ctx[MAX_CTX];
static int nctx;
static const char *why; /* the table is disabled: the reason */

static UTransliterator *open_tr(const char *id) {
  UChar u[256];
  UErrorCode st = U_ZERO_ERROR;
  u_strFromUTF8(u, 256, NULL, id, -1, &st);
  UTransliterator *t = utrans_openU(u, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
  if (U_FAILURE(st)) {
    fprintf(stderr, "make_cjk_tables: cannot open %s: %s\n", id, u_errorName(st));
    exit(2);
  }
  return t;
}

/* Rules of t, malloc'd UTF-16, NUL-terminated. */
static UChar *rules_of(UTransliterator *t, int32_t *len) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t n = utrans_toRules(t, 0, NULL, 0, &st);
  st = U_ZERO_ERROR;
  UChar *r = malloc(((size_t)n + 1) * sizeof *r);
  if (!r)
    exit(2);
  utrans_toRules(t, 0, r, n + 1, &st);
  if (U_FAILURE(st))
    exit(2);
  *len = n;
  return r;
}

/* The ASCII of a syllable: its NFD without the nonspacing marks; -1 if
 * anything else is left or it is too long. */
static int syllable(const UChar *s, int32_t n) {
  UErrorCode st = U_ZERO_ERROR;
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
  UChar d[64];
  int32_t dl = unorm2_normalize(nfd, s, n, d, 64, &st);
  if (U_FAILURE(st))
    return -1;
  char a[SYL_LEN];
  int al = 0;
  for (int32_t k = 0; k < dl; k++) {
    if (u_charType(d[k]) == U_NON_SPACING_MARK)
      continue;
    if (!((d[k] >= 'a' && d[k] <= 'z') || (d[k] >= 'A' && d[k] <= 'Z')) || al == SYL_LEN - 1)
      return -1;
    a[al++] = (char)d[k];
  }
  a[al] = '\0';
  if (!al)
    return -1;
  for (int i = 3; i < nsyl; i++)
    if (!strcmp(syl[i], a))
      return i;
  if (nsyl == MAX_SYL)
    return -1;
  memcpy(syl[nsyl], a, SYL_LEN);
  return nsyl++;
}

/* Whether cp is a character the table may hold (see the top). */
static bool eligible(UTransliterator *fwhw, UChar32 cp) {
  UErrorCode st = U_ZERO_ERROR;
  if (uscript_getScript(cp, &st) != USCRIPT_HAN || u_charType(cp) != U_OTHER_LETTER ||
      !u_hasBinaryProperty(cp, UCHAR_IDEOGRAPHIC) || U_FAILURE(st))
    return false;
  UChar s[4];
  int32_t n = 0;
  U16_APPEND_UNSAFE(s, n, cp);
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
  const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
  if (U_FAILURE(st) || !unorm2_isNormalized(nfd, s, n, &st) || !unorm2_isNormalized(nfkc, s, n, &st))
    return false;
  int32_t len = n, lim = n;
  utrans_transUChars(fwhw, s, &len, 4, 0, &lim, &st);
  UChar32 back;
  int32_t k = 0;
  U16_NEXT_UNSAFE(s, k, back);
  return !U_FAILURE(st) && k == len && back == cp;
}

/* Parse one rule of Han-Latin at r[*at] (after the ::Han-Spacedhan line).
 * Returns false when it is of no form make_cjk_tables knows. */
static bool rule(const UChar *r, int32_t n, int32_t *at, unsigned short *first) {
  int32_t i = *at;
  UErrorCode st = U_ZERO_ERROR;
  USet *set = NULL;
  unsigned a = 0, b = 0;
  if (r[i] == '[') {
    set = uset_openEmpty();
    int32_t end = uset_applyPattern(set, r + i, n - i, 0, &st);
    if (U_FAILURE(st)) {
      uset_close(set);
      return false;
    }
    i += end;
  } else if (r[i] == '{') {
    /* {A}' '?B */
    i++;
    U16_NEXT(r, i, n, a);
    static const UChar mid[] = u"}' '?";
    if (u_strncmp(r + i, mid, 5) != 0)
      return false;
    i += 5;
    U16_NEXT(r, i, n, b);
  } else {
    return false;
  }
  static const UChar arrow[] = u" > ";
  if (u_strncmp(r + i, arrow, 3) != 0) {
    uset_close(set);
    return false;
  }
  i += 3;
  int32_t o = i;
  while (i < n && r[i] != ';')
    i++;
  int s = i < n ? syllable(r + o, i - o) : -1;
  if (s < 0) {
    uset_close(set);
    return false;
  }
  i++;
  if (i < n && r[i] == '\n')
    i++;
  *at = i;
  if (!set) {
    if (nctx == MAX_CTX || a < 0x80 || b < 0x80)
      return false;
    ctx[nctx].a = a;
    ctx[nctx].b = b;
    ctx[nctx++].s = s;
    return true;
  }
  bool ok = true;
  int32_t nr = uset_getItemCount(set);
  for (int32_t k = 0; k < nr && ok; k++) {
    UChar32 lo, hi;
    uset_getItem(set, k, &lo, &hi, NULL, 0, &st);
    if (U_FAILURE(st) || lo < 0x80)
      ok = false; /* a string in the set, or ASCII */
    for (UChar32 c = lo; ok && c <= hi && c < MAX_CP; c++)
      if (!first[c]) /* the first rule for a character wins */
        first[c] = (unsigned short)s;
  }
  uset_close(set);
  return ok;
}

/* Print the rule at r[at] on stderr: the one not understood. */
static void report_at(const UChar *r, int32_t n, int32_t at) {
  char line[256];
  UErrorCode st = U_ZERO_ERROR;
  int32_t e = at;
  while (e < n && r[e] != '\n' && e - at < 60)
    e++;
  u_strToUTF8(line, 256, NULL, r + at, e - at, &st);
  fprintf(stderr, "make_cjk_tables: at \"%s\"\n", line);
}

/* Open the header at path for the table of ICU's `id` rules. When err is
 * set, write it with the table disabled (`macro` 0), say why and return
 * NULL; *rc is then the exit status. */
static FILE *open_header(const char *path, const char *id, const char *macro, const char *err,
                         int *rc) {
  FILE *f = fopen(path, "w");
  *rc = 2;
  if (!f)
    return NULL;
  fprintf(f, "/* Generated by tools/make_cjk_tables.c from ICU %s's %s; do not edit. */\n",
          U_ICU_VERSION, id);
  if (!err)
    return f;
  fprintf(stderr, "make_cjk_tables: %s table disabled (that script folds through ICU): %s\n", id, err);
  fprintf(f, "#define %s 0\n", macro);
  *rc = fclose(f) ? 2 : 0;
  return NULL;
}

static void read_rules(void) {
  UTransliterator *sp = open_tr("Han-Spacedhan");
  int32_t n;
  UChar *r = rules_of(sp, &n);
  char *u8 = malloc((size_t)n * 4 + 1);
  UErrorCode st = U_ZERO_ERROR;
  u_strToUTF8(u8, n * 4 + 1, NULL, r, n, &st);
  if (U_FAILURE(st) || strcmp(u8, spacedhan_rules) != 0)
    why = "Han-Spacedhan is not the spacing lib/han.c implements";
  free(u8);
  free(r);
  utrans_close(sp);
  if (why)
    return;

  UTransliterator *hl = open_tr("Han-Latin");
  r = rules_of(hl, &n);
  static const UChar head[] = u"::Han-Spacedhan();\n";
  int32_t at = u_strlen(head);
  if (u_strncmp(r, head, at) != 0)
    why = "Han-Latin does not start with ::Han-Spacedhan()";
  unsigned short *first = calloc(MAX_CP, sizeof *first);
  while (!why && at < n)
    if (!rule(r, n, &at, first))
      why = "a Han-Latin rule of another form";
  if (why)
    report_at(r, n, at);
  free(r);
  utrans_close(hl);
  /* each character through the whole fold chain, alone */
  UTransliterator *chain = open_tr("NFD; Any-Latin; Latin-ASCII; [:Nonspacing Mark:] Remove; NFC");
  UTransliterator *fwhw = open_tr("Fullwidth-Halfwidth");
  long left_out = 0, unread = 0;
  for (UChar32 c = 0x80; !why && c < MAX_CP; c++) {
    if (!eligible(fwhw, c))
      continue;
    UChar s[64];
    int32_t len = 0;
    U16_APPEND_UNSAFE(s, len, c);
    int32_t lim = len;
    utrans_transUChars(chain, s, &len, 64, 0, &lim, &st);
    char got[128];
    int32_t gl = 0;
    for (int32_t k = 0; k < len && gl < 127; k++)
      got[gl++] = s[k] < 0x80 ? (char)s[k] : '?';
    got[gl] = '\0';
    if (U_FAILURE(st))
      break;
    /* no reading: the character stays, and each of its UTF-16 units
     * becomes '?' */
    int want = first[c] ? first[c] : U16_LENGTH(c);
    if (strcmp(got, syl[want]) != 0) {
      if (left_out++ < 10)
        fprintf(stderr, "make_cjk_tables: U+%04X left out: rules \"%s\", fold \"%s\"\n", (unsigned)c,
                syl[want], got);
      continue;
    }
    unread += !first[c];
    idx[c] = (unsigned short)want;
  }
  if (U_FAILURE(st))
    why = u_errorName(st);
  for (int k = 0; k < nctx && !why; k++)
    if (ctx[k].a >= MAX_CP || ctx[k].b >= MAX_CP || !idx[ctx[k].a] || !idx[ctx[k].b])
      why = "a context rule on a character outside the table";
  if (!why)
    fprintf(stderr, "make_cjk_tables: ICU %s, %d syllables, %d context rules, %ld characters without a "
            "reading, %ld left out\n", U_ICU_VERSION, nsyl - 3, nctx, unread, left_out);
  free(first);
  utrans_close(chain);
  utrans_close(fwhw);
}

/* ---- Hangul ------------------------------------------------------------ */

#define MAX_ITEMS 64
#define MAX_HRULES 256
#define ITEM_WORDS 7 /* 385 bits */
#define EDGE_BIT 384

static uint64_t item[MAX_ITEMS][ITEM_WORDS];
static int nitem;
static struct hrule {
  int nante, ante[4], npost, post[4];
  unsigned key; /* a jamo, or 0: no key */
  char out[8];
} hrule[MAX_HRULES];
static int nhrule;

static int bit_of(UChar32 c) {
  return c < 0x80 ? c : c >= 0x1100 && c <= 0x11FF ? 128 + (c - 0x1100) : -1;
}

/* The index of the item that matches what set s matches (of ASCII,
 * U+1100..U+11FF and the edge); a new item if no equal one exists. */
static int item_of(const USet *s) {
  uint64_t b[ITEM_WORDS] = {0};
  for (UChar32 c = 0; c < 0x1200; c++) {
    int k = bit_of(c);
    if (k >= 0 && uset_contains(s, c))
      b[k / 64] |= 1ull << (k % 64);
  }
  if (uset_contains(s, 0xFFFF))
    b[EDGE_BIT / 64] |= 1ull << (EDGE_BIT % 64);
  for (int i = 0; i < nitem; i++)
    if (!memcmp(item[i], b, sizeof b))
      return i;
  if (nitem == MAX_ITEMS)
    return -1;
  memcpy(item[nitem], b, sizeof b);
  return nitem++;
}

/* One item of a context at r[*i]: a set, a quoted character or a
 * character; -1 at anything else. */
static int context_item(const UChar *r, int32_t n, int32_t *i) {
  UErrorCode st = U_ZERO_ERROR;
  USet *set = uset_openEmpty();
  UChar32 c;
  if (r[*i] == '[') {
    *i += uset_applyPattern(set, r + *i, n - *i, 0, &st);
  } else if (r[*i] == '\'' && *i + 2 < n && r[*i + 2] == '\'' && r[*i + 1] != '\'') {
    uset_add(set, r[*i + 1]);
    *i += 3;
  } else if (r[*i] != '\\' && r[*i] != '\'' && r[*i] != '{' && r[*i] != '}' && r[*i] != ' ' &&
             r[*i] != '$' && r[*i] != '^' && r[*i] != '|') {
    U16_NEXT(r, *i, n, c);
    if (c == '*' || c == '+' || c == '?' || c == '(' || c == ')' || c == '&')
      st = U_PARSE_ERROR;
    uset_add(set, c);
  } else {
    st = U_PARSE_ERROR;
  }
  int k = U_FAILURE(st) ? -1 : item_of(set);
  uset_close(set);
  return k;
}

/* The items of a context at r[*i], up to a '{' or " > ", at most 4, into
 * items: their number, or -1. */
static int context_items(const UChar *r, int32_t n, int32_t *i, int items[4]) {
  static const UChar arrow[] = u" > ";
  int k = 0;
  while (*i < n && r[*i] != '{' && u_strncmp(r + *i, arrow, 3) != 0) {
    int it = k < 4 ? context_item(r, n, i) : -1;
    if (it < 0)
      return -1;
    items[k++] = it;
  }
  return k;
}

/* One rule of ConjoiningJamo-Latin at r[*at]; false for a form
 * lib/hangul.c does not implement. */
static bool hangul_rule(const UChar *r, int32_t n, int32_t *at) {
  int32_t i = *at;
  struct hrule h = {0};
  static const UChar arrow[] = u" > ";
  if (r[i] == '\'') { /* a quoted ASCII key: Hangul-Latin's filter keeps it out */
    i++;
    while (i < n && r[i] != '\'' && r[i] < 0x80)
      i++;
    if (i == n || r[i] != '\'' || u_strncmp(r + i + 1, arrow, 3) != 0)
      return false;
    while (i < n && r[i] != ';')
      i++;
    *at = i + 1 < n && r[i + 1] == '\n' ? i + 2 : i + 1;
    return i < n;
  }
  /* without braces the rule is KEY > OUT, KEY one character */
  bool braces = false;
  for (int32_t j = i; j < n && u_strncmp(r + j, arrow, 3) != 0; j++)
    braces = braces || r[j] == '{';
  if (!braces) {
    U16_NEXT(r, i, n, h.key);
  } else {
    h.nante = context_items(r, n, &i, h.ante);
    if (h.nante <= 0 || r[i] != '{')
      return false;
    i++;
    if (r[i] != '}') /* a key inside braces: one jamo */
      U16_NEXT(r, i, n, h.key);
    if (r[i] != '}')
      return false;
    i++;
    h.npost = context_items(r, n, &i, h.post);
    if (h.npost < 0 || r[i] == '{')
      return false;
  }
  if (h.key && (h.key < 0x1100 || h.key > 0x11FF))
    return false;
  if (u_strncmp(r + i, arrow, 3) != 0)
    return false;
  i += 3;
  int ol = 0;
  bool quoted = false;
  for (; i < n && (r[i] != ';' || quoted); i++) {
    if (r[i] == '\'') {
      quoted = !quoted;
      continue;
    }
    if (r[i] >= 0x80 || r[i] < 0x20 || ol == 7 ||
        (!quoted && !((r[i] | 0x20) >= 'a' && (r[i] | 0x20) <= 'z')))
      return false;
    h.out[ol++] = (char)r[i];
  }
  if (i == n || nhrule == MAX_HRULES)
    return false;
  i++;
  if (i < n && r[i] == '\n')
    i++;
  *at = i;
  hrule[nhrule++] = h;
  return true;
}

static bool item_has(int k, UChar32 c) {
  int b = c == 0xFFFF ? EDGE_BIT : bit_of(c);
  return b >= 0 && (item[k][b / 64] >> (b % 64) & 1);
}

/* Why the Hangul rules are not of the form lib/hangul.c implements, or
 * NULL. */
static const char *read_hangul(void) {
  UTransliterator *hl = open_tr("Hangul-Latin");
  int32_t n;
  UChar *r = rules_of(hl, &n);
  static const UChar want[] = u"::NFKD;\n::ConjoiningJamo-Latin;\n::NFC;";
  const char *err = u_strcmp(r, want) ? "Hangul-Latin is not ::NFKD; ::ConjoiningJamo-Latin; ::NFC;" : NULL;
  free(r);
  /* ASCII between two syllables is left alone ("김-민" -> "gim-min", where
   * ConjoiningJamo-Latin alone doubles the '-') */
  for (UChar c = 0x20; c < 0x7F && !err; c++) {
    UChar s[8] = {0xAE40, c, 0xAE40};
    int32_t len = 3, lim = 3;
    UErrorCode st = U_ZERO_ERROR;
    utrans_transUChars(hl, s, &len, 8, 0, &lim, &st);
    UChar w[8] = {'g', 'i', 'm', c, 'g', 'i', 'm'};
    if (U_FAILURE(st) || len != 7 || u_strncmp(s, w, 7))
      err = "Hangul-Latin changes ASCII";
  }
  utrans_close(hl);
  if (err)
    return err;
  UTransliterator *cj = open_tr("ConjoiningJamo-Latin");
  r = rules_of(cj, &n);
  int32_t at = 0;
  while (!err && at < n)
    if (!hangul_rule(r, n, &at))
      err = "a ConjoiningJamo-Latin rule of another form";
  if (err)
    report_at(r, n, at);
  free(r);
  utrans_close(cj);
  /* every jamo of a syllable has a rule */
  for (UChar32 c = 0x1100; c <= 0x11C2 && !err; c++) {
    if ((c > 0x1112 && c < 0x1161) || (c > 0x1175 && c < 0x11A8))
      continue;
    bool has = false;
    for (int k = 0; k < nhrule && !has; k++)
      has = hrule[k].key == (unsigned)c && !hrule[k].nante && !hrule[k].npost;
    if (!has)
      err = "a jamo without a rule";
  }
  /* an insertion (a rule without a key) must not enable another at the
   * same place, so lib/hangul.c makes at most one there */
  for (int k = 0; k < nhrule && !err; k++) {
    if (hrule[k].key)
      continue;
    if (!hrule[k].out[0] || !hrule[k].nante)
      err = "a rule without a key that inserts nothing or has no context before";
    for (int j = 0; j < nhrule && !err; j++)
      if (!hrule[j].key && item_has(hrule[j].ante[hrule[j].nante - 1],
                                    (unsigned char)hrule[k].out[strlen(hrule[k].out) - 1]))
        err = "an insertion that another insertion's context reads";
  }
  return err;
}

static int write_hangul(const char *path) {
  int rc;
  FILE *f = open_header(path, "Hangul-Latin", "RPI_HANGUL_TABLE", read_hangul(), &rc);
  if (!f)
    return rc;
  fprintf(stderr, "make_cjk_tables: ICU %s, Hangul: %d rules, %d sets\n", U_ICU_VERSION, nhrule, nitem);
  fprintf(f, "#define RPI_HANGUL_TABLE 1\n#define RPI_HANGUL_EDGE %d\n", EDGE_BIT);
  fprintf(f, "static const uint64_t hangul_items[%d][%d] = {\n", nitem, ITEM_WORDS);
  for (int i = 0; i < nitem; i++) {
    fprintf(f, "    {");
    for (int w = 0; w < ITEM_WORDS; w++)
      fprintf(f, "%s0x%016llxull", w ? ", " : "", (unsigned long long)item[i][w]);
    fprintf(f, "},\n");
  }
  fprintf(f, "};\nstatic const struct hangul_rule {\n  unsigned char nante, ante[4], npost, post[4];\n"
             "  unsigned short key;\n  char out[8];\n} hangul_rules[%d] = {\n", nhrule);
  for (int k = 0; k < nhrule; k++) {
    const struct hrule *h = &hrule[k];
    fprintf(f, "    {%d, {%d, %d, %d, %d}, %d, {%d, %d, %d, %d}, 0x%X, \"%s\"},\n", h->nante, h->ante[0],
            h->ante[1], h->ante[2], h->ante[3], h->npost, h->post[0], h->post[1], h->post[2], h->post[3],
            h->key, h->out);
  }
  fprintf(f, "};\n");
  return fclose(f) ? 2 : 0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fputs("usage: make_cjk_tables HAN.h HANGUL.h\n", stderr);
    return 2;
  }
  if (write_hangul(argv[2]))
    return 2;
  idx = calloc(MAX_CP, sizeof *idx);
  if (!idx)
    return 2;
  strcpy(syl[1], "?");
  strcpy(syl[2], "??");
  read_rules();
  int rc;
  FILE *f = open_header(argv[1], "Han-Latin", "RPI_HAN_TABLE", why, &rc);
  if (!f)
    return rc;
  fprintf(f, "#define RPI_HAN_TABLE 1\n#define RPI_HAN_PAGE %d\n#define RPI_HAN_MAX_CP 0x%X\n", PAGE,
          MAX_CP);
  fprintf(f, "static const char han_syl[%d][%d] = {\"\", \"?\", \"??\"", nsyl, SYL_LEN);
  for (int i = 3; i < nsyl; i++)
    fprintf(f, ",%s\"%s\"", i % 12 ? " " : "\n    ", syl[i]);
  fprintf(f, "};\n");
  /* pages: 0 is the empty one; others in order, equal pages shared */
  static unsigned short page_of[MAX_CP / PAGE];
  int npages = 1;
  fprintf(f, "static const unsigned short han_pages[][%d] = {\n    {0},\n", PAGE);
  for (int p = 0; p < MAX_CP / PAGE; p++) {
    const unsigned short *e = idx + p * PAGE;
    int any = 0;
    for (int k = 0; k < PAGE; k++)
      any |= e[k];
    if (!any)
      continue;
    int same = 0;
    for (int q = 0; q < p && !same; q++)
      if (page_of[q] && !memcmp(idx + q * PAGE, e, PAGE * sizeof *e))
        same = page_of[q];
    if (same) {
      page_of[p] = (unsigned short)same;
      continue;
    }
    page_of[p] = (unsigned short)npages++;
    fprintf(f, "    {");
    for (int k = 0; k < PAGE; k++)
      fprintf(f, "%s%u", k ? "," : "", e[k]);
    fprintf(f, "},\n");
  }
  fprintf(f, "};\nstatic const unsigned short han_page[%d] = {", MAX_CP / PAGE);
  for (int p = 0; p < MAX_CP / PAGE; p++)
    fprintf(f, "%s%u", !p ? "\n    " : p % 24 ? "," : ",\n    ", page_of[p]);
  fprintf(f, "};\n/* {A}' '?B > syllable: A alone or after one space before B */\n");
  fprintf(f, "static const struct han_ctx {\n  unsigned a, b;\n  unsigned short syl;\n} han_ctx[%d] = {",
          nctx);
  for (int k = 0; k < nctx; k++)
    fprintf(f, "%s{0x%X, 0x%X, %d}", k ? ", " : "", ctx[k].a, ctx[k].b, ctx[k].s);
  fprintf(f, "};\n");
  return fclose(f) ? 2 : 0;
}
