/* Internal check of lib/lexicon.c: the binary-searched word lists are in
 * order and every entry is found through its lookup. TAP output. */
#include <stdio.h>

#include "lexicon.h"

int main(void) {
  size_t bad = rpi_lex_check();
  printf("1..1\n%s 1 - sorted lexicon lists: every entry in order and found (%zu faults)\n",
         bad ? "not ok" : "ok", bad);
  return bad ? 1 : 0;
}
