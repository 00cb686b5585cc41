/*
 * test_cjk.c: the ASCII fold of Han and Hangul text through the tables
 * compiled from ICU's Han-Latin and Hangul-Latin rules (lib/han.c,
 * lib/hangul.c, tools/make_cjk_tables.c) against ICU's transliterator
 * itself, byte for byte (TAP):
 *   - every code point of the CJK Unified Ideographs blocks (and of the
 *     compatibility blocks), alone and as "a" + c + c + "(", with every
 *     assigned unified ideograph in the table;
 *   - each Han context rule's two characters, adjacent, a space apart, two
 *     spaces apart, across punctuation;
 *   - every Hangul syllable alone, after "e", and before 어, 오, 이 and
 *     another syllable;
 *   - 64,000 Han characters without a space: exact, and in well under a
 *     second (the fold is linear);
 *   - random strings of Han characters or Hangul syllables, ASCII letters,
 *     digits, spaces and punctuation, all folded by the tables, and of
 *     those with characters the tables do not hold (kana, Latin, CJK
 *     punctuation, Han and Hangul together), which must fold as ICU folds
 *     them too.
 * The reference is rpi_fold_icu, what rpi_fold promises: ICU's "NFD;
 * Any-Latin; Latin-ASCII; [:Nonspacing Mark:] Remove; NFC" on each segment,
 * then '?' for each UTF-16 unit left outside ASCII.
 *   test_cjk [N]   N random strings of each kind (default 20,000)
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "han.h"
#include "hangul.h"
#include "harness.h"
#include "utf8.h"

static rpi_folder *folder;
static int shown;

/* Whether rpi_fold gives ICU's fold of c[0..n); prints the first
 * differences. *table is set when the table folded the text (no
 * transliterator). */
static bool same(const unsigned *c, size_t n, bool *table) {
  rpi_buf s, got, want;
  rpi_buf_init(&s, 1024);
  rpi_buf_init(&got, 4096);
  rpi_buf_init(&want, 4096);
  for (size_t k = 0; k < n; k++)
    rpi_buf_putcp(&s, c[k]);
  int rc = rpi_fold(folder, s.p, s.len, &got) | rpi_fold_icu(folder, s.p, s.len, &want);
  bool ok = !rc && !strcmp(rpi_buf_cstr(&got), rpi_buf_cstr(&want));
  if (table) { /* one segment: what rpi_fold tries before ICU */
    UChar u[256];
    int32_t ul = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 256, &ul, s.p, (int32_t)s.len, &st);
    rpi_buf scratch;
    rpi_buf_init(&scratch, 4096);
    *table = !U_FAILURE(st) && (rpi_han_fold(u, ul, &scratch) || rpi_hangul_fold(u, ul, &scratch));
    rpi_buf_free(&scratch);
  }
  if (!ok && shown++ < 10)
    printf("#   \"%s\": rpi_fold \"%s\", ICU \"%s\"\n", rpi_buf_cstr(&s), rpi_buf_cstr(&got),
           rpi_buf_cstr(&want));
  rpi_buf_free(&s);
  rpi_buf_free(&got);
  rpi_buf_free(&want);
  return ok;
}

static const struct {
  unsigned from, to;
  const char *name;
  bool unified;
} blocks[] = {
    {0x3400, 0x4DBF, "Extension A", true},  {0x4E00, 0x9FFF, "CJK Unified Ideographs", true},
    {0xF900, 0xFAFF, "Compatibility", false}, {0x20000, 0x2A6DF, "Extension B", true},
    {0x2A700, 0x2B73F, "Extension C", true}, {0x2B740, 0x2B81F, "Extension D", true},
    {0x2B820, 0x2CEAF, "Extension E", true}, {0x2CEB0, 0x2EBEF, "Extension F", true},
    {0x2F800, 0x2FA1F, "Compatibility Supplement", false}, {0x30000, 0x3134F, "Extension G", true},
    {0x31350, 0x323AF, "Extension H", true},
};

/* Characters the random strings draw from: ASCII that matters to the
 * spacing rules, and some Han characters (filled in main). */
static const char ascii_pool[] = "aZw 0.,:;?!()[]{}'\"-/&";
static unsigned han_pool[64];
static size_t nhan;
/* not in the tables: kana, Latin, Cyrillic, CJK punctuation and spaces, a
 * fullwidth letter, a compatibility ideograph, iteration marks, compatibility
 * jamo; and 한 and 王, a Hangul syllable among Han and a Han character
 * among Hangul */
static const unsigned other_pool[] = {0x3072, 0x30AB, 0x30FC, 0xD55C, 0xE9,   0x414,
                                      0x3002, 0xFF0C, 0x3000, 0xFF21, 0xF900, 0x3005,
                                      0x3007, 0x3001, 0x300C, 0x301D, 0x3131, 0x738B};

/* ASCII the Hangul rules read: vowels and finals they look back at */
static const char hangul_ascii[] = "aeiouwysgkbnlt -.'Z0";

/* A character of a random string: Han (hangul false) or Hangul, ASCII,
 * and with other true now and then one of other_pool. */
static unsigned pick(bool hangul, bool other) {
  int r = rand() % 10;
  if (other && r == 0)
    return other_pool[(size_t)rand() % (sizeof other_pool / sizeof other_pool[0])];
  if (r < 5)
    return hangul ? 0xAC00 + (unsigned)rand() % 11172 : han_pool[(size_t)rand() % nhan];
  if (hangul)
    return (unsigned char)hangul_ascii[(size_t)rand() % (sizeof hangul_ascii - 1)];
  return (unsigned char)ascii_pool[(size_t)rand() % (sizeof ascii_pool - 1)];
}

int main(int argc, char **argv) {
  long nrand = argc > 1 ? strtol(argv[1], NULL, 10) : 20000;
  plan_lazy();
  if (!rpi_han_table()) {
    printf("1..0 # SKIP the build found Han-Latin rules of a form lib/han.c does not know "
           "(see make_cjk_tables's message): Han text folds through ICU\n");
    return 0;
  }
  if (rpi_folder_new(&folder)) {
    printf("Bail out! no memory\n");
    return 1;
  }

  /* exact values, written down from ICU 72 */
  static const unsigned wanghan[] = {0x738B, 0x4F1F};                 /* 王伟 */
  static const unsigned chongqing[] = {0x91CD, 0x5E86};               /* 重庆 */
  static const unsigned zhongyao[] = {0x91CD, 0x8981};                /* 重要 */
  static const unsigned mixed[] = {'W', 'a', 'n', 'g', 0x738B, '(', 0x4F1F, ')'};
  struct {
    const unsigned *c;
    size_t n;
    const char *want;
  } exact[] = {{wanghan, 2, "wang wei"}, {chongqing, 2, "chong qing"}, {zhongyao, 2, "zhong yao"},
               {mixed, 8, "Wang wang (wei)"}};
  for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
    rpi_buf s, got;
    rpi_buf_init(&s, 256);
    rpi_buf_init(&got, 256);
    for (size_t k = 0; k < exact[i].n; k++)
      rpi_buf_putcp(&s, exact[i].c[k]);
    UChar u[64];
    int32_t ul = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 64, &ul, s.p, (int32_t)s.len, &st);
    OK(rpi_han_fold(u, ul, &got), "\"%s\" is folded by the table", rpi_buf_cstr(&s));
    STR_EQ(rpi_buf_cstr(&got), exact[i].want, "\"%s\" -> \"%s\"", rpi_buf_cstr(&s), exact[i].want);
    rpi_buf_free(&s);
    rpi_buf_free(&got);
  }

  /* Hangul, exact values from ICU 72 */
  if (rpi_hangul_table()) {
    static const struct {
      const char *in, *want;
    } hx[] = {{"\xea\xb9\x80\xeb\xaf\xbc\xec\x88\x98", "gimminsu"}, /* 김민수 */
              {"\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4", "hangug-eo"}, /* 한국어 */
              {"\xec\x9a\xb0\xec\x9d\xb4", "u-i"},                         /* 우이 */
              {"as\xec\x94\xa8", "as-ssi"},                                  /* as씨 */
              {"\xea\xb9\x80-\xeb\xaf\xbc", "gim-min"}};                   /* 김-민 */
    for (size_t i = 0; i < sizeof hx / sizeof hx[0]; i++) {
      UChar u[64];
      int32_t ul = 0;
      UErrorCode st = U_ZERO_ERROR;
      u_strFromUTF8(u, 64, &ul, hx[i].in, -1, &st);
      rpi_buf got;
      rpi_buf_init(&got, 256);
      OK(rpi_hangul_fold(u, ul, &got), "\"%s\" is folded by the Hangul table", hx[i].in);
      STR_EQ(rpi_buf_cstr(&got), hx[i].want, "\"%s\" -> \"%s\"", hx[i].in, hx[i].want);
      rpi_buf_free(&got);
    }
  }

  /* every code point of the CJK blocks */
  for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
    long assigned = 0, known = 0, bad = 0;
    for (unsigned c = blocks[b].from; c <= blocks[b].to; c++) {
      assigned += u_charType((UChar32)c) != U_UNASSIGNED;
      known += rpi_han_known(c);
      unsigned one[1] = {c}, ctx[4] = {'a', c, c, '('};
      bad += !same(one, 1, NULL) + !same(ctx, 4, NULL);
      if (rpi_han_known(c) && nhan < 48 && (c & 0x3FF) == 0x123)
        han_pool[nhan++] = c;
    }
    INT_EQ(bad, 0, "%s U+%04X..U+%04X: every code point alone and as \"a\" + c + c + \"(\" folds as ICU "
           "does (%ld in the table)", blocks[b].name, blocks[b].from, blocks[b].to, known);
    if (blocks[b].unified)
      INT_EQ(known, assigned, "... every one of its %ld assigned code points is in the table", assigned);
  }

  /* the context rules */
  long rules = 0, bad = 0;
  unsigned a, b;
  for (size_t i = 0; rpi_han_context_rule(i, &a, &b); i++, rules++) {
    const unsigned forms[][5] = {{a, b},         {a, ' ', b},    {a, ' ', ' ', b}, {a, '.', b},
                                 {'x', a, ' ', b}, {a, a, b},     {a, '(', b},      {b, a},
                                 {a},            {a, ' ', 'b'}};
    const size_t lens[] = {2, 3, 4, 3, 4, 3, 3, 2, 1, 3};
    for (size_t f = 0; f < sizeof lens / sizeof lens[0]; f++) {
      bool table;
      bad += !same(forms[f], lens[f], &table) + !table;
    }
    if (nhan < 64)
      han_pool[nhan++] = a;
    if (nhan < 64)
      han_pool[nhan++] = b;
  }
  OK(rules >= 1, "Han-Latin has context rules (%ld)", rules);
  INT_EQ(bad, 0, "each context rule's characters in 10 arrangements fold as ICU does, by the table");

  /* every Hangul syllable: alone, after "e", before 어, 오, 이 (the
   * separator rules read the vowel after a silent ㅇ) and before another */
  if (rpi_hangul_table()) {
    bad = 0;
    long by_table = 0;
    for (unsigned c = 0xAC00; c <= 0xD7A3; c++) {
      unsigned t = 0xAC00 + (c - 0xAC00) * 7919 % 11172;
      const unsigned forms[][2] = {{c}, {'e', c}, {c, 0xC5B4}, {c, 0xC624}, {c, 0xC774}, {c, t}};
      const size_t lens[] = {1, 2, 2, 2, 2, 2};
      for (size_t f = 0; f < sizeof lens / sizeof lens[0]; f++) {
        bool table;
        bad += !same(forms[f], lens[f], &table);
        by_table += table;
      }
    }
    INT_EQ(bad, 0, "every Hangul syllable U+AC00..U+D7A3 alone, after \"e\", before 어, 오, 이 and "
           "another folds as ICU does");
    INT_EQ(by_table, 11172 * 6, "... every one by the table");
  }

  /* random strings: the tables', then with characters they do not hold */
  srand(20261207);
  for (int hangul = 0; hangul < 2; hangul++) {
    if (hangul && !rpi_hangul_table())
      break;
    for (int other = 0; other < 2; other++) {
      long by_table = 0;
      bad = 0;
      for (long i = 0; i < nrand; i++) {
        unsigned c[16];
        size_t n = 1 + (size_t)rand() % 12;
        for (size_t k = 0; k < n; k++)
          c[k] = pick(hangul, other);
        bool table;
        bad += !same(c, n, &table);
        by_table += table;
      }
      INT_EQ(bad, 0, "%ld random strings of %s, ASCII letters, digits and punctuation%s fold as ICU "
             "does (%ld by the table)", nrand, hangul ? "Hangul" : "Han",
             other ? " and kana, Latin, CJK punctuation, Han and Hangul" : "", by_table);
      if (!other)
        INT_EQ(by_table, nrand, "... every one of them by the table");
    }
  }

  /* 64,000 x 王 without a space: folded in segments of 256 characters, each
   * "wang" and 255 x " wang" */
  rpi_buf s, got, want;
  rpi_buf_init(&s, 1 << 20);
  rpi_buf_init(&got, 1 << 22);
  rpi_buf_init(&want, 1 << 22);
  for (int i = 0; i < 64000; i++)
    rpi_buf_putcp(&s, 0x738B);
  for (int i = 0; i < 64000; i++)
    rpi_buf_puts(&want, i % 256 ? " wang" : "wang");
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int rc = rpi_fold(folder, s.p, s.len, &got);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  OK(!rc && got.len == want.len && !memcmp(got.p, want.p, got.len),
     "64,000 x \"王\" -> 250 segments of \"wang\" + 255 x \" wang\" (%zu bytes)", got.len);
  OK(secs < 1.0, "... in under a second (%.3f s)", secs);
  rpi_buf_free(&s);
  rpi_buf_free(&got);
  rpi_buf_free(&want);
  rpi_folder_free(folder);
  return done();
}
