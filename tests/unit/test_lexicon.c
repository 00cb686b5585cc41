/* Internal check of lib/lexicon.c: the binary-searched word lists are in
 * order and every entry is found through its lookup; the repair lists have
 * the shapes the cleaner assumes. TAP output. */
#include <stdio.h>

#include "lexicon.h"

int main(void) {
  size_t bad = rpi_lex_check();
  printf("1..1\n%s 1 - lexicon lists: sorted, every entry found, repair entries well shaped (%zu faults)\n",
         bad ? "not ok" : "ok", bad);
  return bad ? 1 : 0;
}
