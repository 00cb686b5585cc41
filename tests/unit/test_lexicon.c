/* Internal check of lib/lexicon.c over the tables tools/make_lexicon.py
 * generates from lib/data/: the binary-searched lists are in order, every
 * entry is found through its lookup, the repair lists have the shapes the
 * cleaner assumes; and a few lookups by hand. TAP output. (That the
 * generator rejects a duplicate or an unused list: tests/lexicon_gen_test.py.) */
#include <stdio.h>
#include <string.h>

#include "lexicon.h"

#define W(s) s, strlen(s)

int main(void) {
  size_t bad = rpi_lex_check();
  printf("1..3\n%s 1 - lexicon lists: sorted, every entry found, repair entries well shaped (%zu faults)\n",
         bad ? "not ok" : "ok", bad);
  size_t used = 0;
  const char *phrase = rpi_lex_repair_phrase(W("E Life, 2019"), &used);
  const char *word = rpi_lex_repair_word(W("Pharm0aceutics"));
  bool ok = rpi_lex_is_abbrev(W("Biol")) && !rpi_lex_is_abbrev(W("biol")) && rpi_lex_is_abbrev(W("Int'l")) &&
            rpi_lex_is_particle(W("van")) && !rpi_lex_is_particle(W("Van")) && rpi_lex_is_cap_particle(W("Van")) &&
            rpi_lex_is_org_word(W("ORGANIZATION")) && !rpi_lex_is_org_word(W("WHOM")) &&
            rpi_lex_month(W("Août")) == 8 && rpi_lex_month(W("SEPT")) == 9 && rpi_lex_month(W("Sepp")) == 0 &&
            rpi_lex_month(W("janv")) == 1 && rpi_lex_month(W("Mär")) == 3 && rpi_lex_season(W("AUTUMN")) == 3 &&
            rpi_lex_season(W("Frühjahr")) == 1 && rpi_lex_season(W("Winterthur")) == 0 &&
            rpi_lex_is_journal_word(W("JOURNAL")) && rpi_lex_is_city(W("São Paulo")) &&
            !rpi_lex_is_city(W("paris")) && rpi_lex_is_country(W("U.S.A.")) && rpi_lex_is_inner_abbrev(W("Transl")) &&
            word && strcmp(word, "Pharmaceutics") == 0 && !rpi_lex_repair_word(W("Pharma0ceutic")) &&
            phrase && strcmp(phrase, "eLife") == 0 && used == 6;
  printf("%s 2 - lookups by hand (abbreviation, particles, org word, months, seasons, cities, repairs)\n",
         ok ? "ok" : "not ok");
  /* journals: each form finds the other, whatever its dots, case and accents */
  const char *o = NULL;
  bool j = rpi_lex_journal(W("Journal of Biological Chemistry"), &o) == RPI_JOURNAL_TITLE && o &&
           strcmp(o, "J. Biol. Chem.") == 0;
  j = j && rpi_lex_journal(W("The journal of biological chemistry"), &o) == RPI_JOURNAL_TITLE && o &&
      strcmp(o, "J. Biol. Chem.") == 0;
  j = j && rpi_lex_journal(W("J Biol Chem"), &o) == RPI_JOURNAL_ABBREV && o &&
      strcmp(o, "Journal of Biological Chemistry") == 0;
  j = j && rpi_lex_journal(W("J.Biol.Chem."), &o) == RPI_JOURNAL_ABBREV && o &&
      strcmp(o, "Journal of Biological Chemistry") == 0;
  j = j && rpi_lex_journal(W("Zeitschrift f\xc3\xbcr Physik"), &o) == RPI_JOURNAL_TITLE && o &&
      strcmp(o, "Z. Phys.") == 0;
  j = j && rpi_lex_journal(W("Accident Analysis & Prevention"), &o) == RPI_JOURNAL_TITLE && o;
  j = j && rpi_lex_journal(W("Nature"), &o) == RPI_JOURNAL_TITLE && !o; /* one word: no abbreviation */
  j = j && rpi_lex_journal(W("Eur. Phys. J. B"), &o) == RPI_JOURNAL_AMBIGUOUS && !o;
  j = j && rpi_lex_journal(W("Journal of Nothing Known"), &o) == RPI_JOURNAL_NONE && !o;
  j = j && rpi_lex_journal(W(" . , "), &o) == RPI_JOURNAL_NONE && rpi_lex_journal(W(""), &o) == RPI_JOURNAL_NONE;
  char longer[600];
  memset(longer, 'a', sizeof longer);
  j = j && rpi_lex_journal(longer, sizeof longer, &o) == RPI_JOURNAL_NONE;
  printf("%s 3 - journals: title -> ISO 4, abbreviation -> title, keys, ambiguous, unknown\n", j ? "ok" : "not ok");
  return bad || !ok || !j ? 1 : 0;
}
