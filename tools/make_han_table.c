/*
 * make_han_table.c: compile ICU's Han-Latin transliteration rules into the
 * table lib/han.c folds Han text with, so that folding Chinese or Japanese
 * names needs no transliterator (building ICU's Han-Latin takes ~70 ms of
 * CPU, once per process).
 *
 *   make_han_table OUT.h
 *
 * lib/meson.build runs it at build time, linked with the ICU the library
 * links, so the table is that ICU's rules. It reads the rules back with
 * utrans_toRules and accepts them only in the form lib/han.c implements:
 *
 *   ::Han-Spacedhan();            the spacing pass, whose rules must be the
 *                                 text of spacedhan_rules below
 *   {藏}' '?文 > zàng;            a character before another, alone or
 *                                 after one space
 *   [㗒哀埃...] > āi;              a set of characters, each to a syllable
 *
 * Any other rule, a rule on an ASCII character, or a Spacedhan that is not
 * the expected one makes it write a header with the table disabled
 * (RPI_HAN_TABLE 0: every Han fold goes to ICU, as before) and say why on
 * stderr; the build goes on. A character enters the table only if the
 * transliterator leaves everything around it alone: script Han, category
 * Lo, Ideographic, unchanged by NFD, NFKC and Fullwidth-Halfwidth. Each
 * one's syllable is checked against the whole fold chain on that character
 * alone (NFD; Any-Latin; Latin-ASCII; [:Nonspacing Mark:] Remove; NFC, then
 * '?' for what is left outside ASCII); a character that disagrees is left
 * out (reported) and folds through ICU.
 *
 * Output: han_syl[] the ASCII syllables (index 0: not in the table; 1 and
 * 2: "?" and "??", a Han character without a reading, which the fold turns
 * into one '?' per UTF-16 unit), han_page[cp >> 6] a page of 64
 * syllable indexes (page 0: all zero), han_ctx[] the context rules.
 */
#include <stdbool.h>
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
    fprintf(stderr, "make_han_table: cannot open %s: %s\n", id, u_errorName(st));
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
 * Returns false when it is of no form make_han_table knows. */
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
  if (why) {
    int32_t e = at;
    while (e < n && r[e] != '\n' && e - at < 60)
      e++;
    char line[256];
    u_strToUTF8(line, 256, NULL, r + at, e - at, &st);
    fprintf(stderr, "make_han_table: at \"%s\"\n", line);
  }
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
        fprintf(stderr, "make_han_table: U+%04X left out: rules \"%s\", fold \"%s\"\n", (unsigned)c,
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
    fprintf(stderr, "make_han_table: ICU %s, %d syllables, %d context rules, %ld characters without a "
            "reading, %ld left out\n", U_ICU_VERSION, nsyl - 3, nctx, unread, left_out);
  free(first);
  utrans_close(chain);
  utrans_close(fwhw);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fputs("usage: make_han_table OUT.h\n", stderr);
    return 2;
  }
  idx = calloc(MAX_CP, sizeof *idx);
  if (!idx)
    return 2;
  strcpy(syl[1], "?");
  strcpy(syl[2], "??");
  read_rules();
  FILE *f = fopen(argv[1], "w");
  if (!f)
    return 2;
  fprintf(f, "/* Generated by tools/make_han_table.c from ICU %s's Han-Latin; do not edit. */\n",
          U_ICU_VERSION);
  if (why) {
    fprintf(stderr, "make_han_table: table disabled (Han text folds through ICU): %s\n", why);
    fprintf(f, "#define RPI_HAN_TABLE 0\n");
    return fclose(f) ? 2 : 0;
  }
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
