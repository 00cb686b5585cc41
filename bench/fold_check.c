/*
 * fold_check.c: rpi_fold (with its transliterator-free paths) against
 * ICU's transliterator itself, on every Latin code point below U+0250 and
 * in U+1E00..U+1EFF in several contexts, and on random strings of Latin
 * letters, accented letters, the letters quick_fold spells out ("ø", "ß",
 * "Æ"...), combining marks, spaces and punctuation; then on every code
 * point of the Cyrillic block in contexts and random Cyrillic strings. Prints the mismatches
 * and exits 1 if there is any. Built on request (uses lib/ internals):
 *   ninja -C BUILD bench/fold_check && BUILD/bench/fold_check [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "buf.h"
#include "utf8.h"

static UTransliterator *tr;
static rpi_folder *folder;
static unsigned long checked, bad;

/* The fold the library promises: the transliterator, then '?' for what
 * stays outside ASCII. */
static void reference(const char *s, char *out, size_t cap) {
  UChar u[1024];
  int32_t ul = 0;
  UErrorCode st = U_ZERO_ERROR;
  u_strFromUTF8(u, 256, &ul, s, -1, &st);
  int32_t len = ul, lim = ul;
  utrans_transUChars(tr, u, &len, 1024, 0, &lim, &st);
  for (int32_t k = 0; k < len; k++)
    if (u[k] >= 0x80)
      u[k] = '?';
  u_strToUTF8(out, (int32_t)cap, NULL, u, len, &st);
  if (U_FAILURE(st))
    out[0] = '\0';
}

static void check(const char *s) {
  char want[1024];
  reference(s, want, sizeof want);
  rpi_buf got;
  rpi_buf_init(&got, 1 << 20);
  int rc = rpi_fold(folder, s, strlen(s), &got);
  checked++;
  if (rc || strcmp(rpi_buf_cstr(&got), want) != 0) {
    if (bad++ < 20)
      printf("MISMATCH \"%s\": rpi_fold \"%s\", transliterator \"%s\"\n", s, rpi_buf_cstr(&got), want);
  }
  rpi_buf_free(&got);
}

static size_t put_cp(char *p, unsigned cp) {
  rpi_buf b;
  rpi_buf_init(&b, 16);
  rpi_buf_putcp(&b, cp);
  size_t n = b.len;
  memcpy(p, b.p, n);
  rpi_buf_free(&b);
  return n;
}

int main(int argc, char **argv) {
  unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 300000;
  static const UChar id[] = u"NFD; Any-Latin; Latin-ASCII; [:Nonspacing Mark:] Remove; NFC";
  UErrorCode st = U_ZERO_ERROR;
  tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
  if (U_FAILURE(st) || rpi_folder_new(&folder)) {
    fputs("fold_check: cannot open the transliterator\n", stderr);
    return 2;
  }
  /* every Latin code point in contexts */
  static const char *const ctx[][2] = {{"", ""}, {"a", ""}, {"", "a"}, {"A", "B"}, {"x", " Y"},
                                       {"", "e"}, {"", "E"}, {"O", "o"}, {"\xc3\xa9", ""}, {"", "\xcc\x81"}};
  for (unsigned cp = 0x80; cp < 0x1F00; cp++) {
    if (cp >= 0x250 && cp < 0x1E00)
      continue;
    for (size_t k = 0; k < sizeof ctx / sizeof ctx[0]; k++) {
      char s[64];
      size_t l = strlen(ctx[k][0]);
      memcpy(s, ctx[k][0], l);
      l += put_cp(s + l, cp);
      strcpy(s + l, ctx[k][1]);
      check(s);
    }
  }
  /* random strings */
  static const unsigned pool[] = {'a', 'e', 'o', 'n', 's', 'A', 'E', 'O', 'S', 'T', ' ', '-', '.', '\'',
                                  0xC6, 0xD0, 0xD8, 0xDE, 0xDF, 0xE6, 0xF0, 0xF8, 0xFE, 0x110, 0x111,
                                  0x131, 0x141, 0x142, 0x152, 0x153, 0xE9, 0xF6, 0xC5, 0xE5, 0x15A,
                                  0x17C, 0x1E9E, 0x1EF3, 0x300, 0x301, 0x308, 0x327, 0x335, 0x1C4,
                                  0x1C5, 0x132, 0x149, 0x138, 0x17F};
  srand(20261129);
  for (unsigned long i = 0; i < n; i++) {
    char s[128];
    size_t l = 0, len = 1 + (size_t)rand() % 10;
    for (size_t k = 0; k < len; k++)
      l += put_cp(s + l, pool[(size_t)rand() % (sizeof pool / sizeof pool[0])]);
    s[l] = '\0';
    check(s);
  }
  /* Cyrillic: every code point of U+0400..U+04FF in contexts, then random
   * strings of it with ASCII letters, digits and punctuation (the table
   * that folds them without the transliterator) */
  static const char *const cctx[][2] = {{"", ""}, {"a", ""}, {"", "a"}, {"A", "B"}, {" ", "."},
                                        {"\xd0\x98", ""}, {"", "\xd0\xb0"}, {"\xd0\xa9", "\xd0\xa3"}};
  for (unsigned cp = 0x400; cp < 0x500; cp++)
    for (size_t k = 0; k < sizeof cctx / sizeof cctx[0]; k++) {
      char s[64];
      size_t l = strlen(cctx[k][0]);
      memcpy(s, cctx[k][0], l);
      l += put_cp(s + l, cp);
      strcpy(s + l, cctx[k][1]);
      check(s);
    }
  static const char extra[] = " .,-A0z('";
  for (unsigned long i = 0; i < n; i++) {
    char s[128];
    size_t l = 0, len = 1 + (size_t)rand() % 10;
    for (size_t k = 0; k < len; k++) {
      if (rand() % 5 == 0)
        s[l++] = extra[(size_t)rand() % (sizeof extra - 1)];
      else
        l += put_cp(s + l, 0x400 + (unsigned)rand() % 0x100);
    }
    s[l] = '\0';
    check(s);
  }
  printf("%lu strings checked, %lu mismatches\n", checked, bad);
  utrans_close(tr);
  rpi_folder_free(folder);
  return bad ? 1 : 0;
}
