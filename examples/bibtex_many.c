/* bibtex_many.c: the example of refparse(3): two references parsed with
 * rp_parse_many and written as BibTeX through an rp_writer. */
#include <refparse.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  const char *refs[] = {
    "Murry CE, Soonpaa MH. Haematopoietic stem cells. Nature. 2004;428:664-8.",
    "Murry CE. Cardiac regeneration. 2nd ed. London: Academic Press; 2004.",
  };
  size_t lens[2] = {strlen(refs[0]), strlen(refs[1])};
  rp_result *res[2];
  rp_parser *p;
  rp_writer *w;
  char *s;
  size_t n;
  if (rp_parser_new(NULL, &p) != RP_OK)
    return 1;
  rp_parse_many(p, refs, lens, 2, 2, 0, res, NULL);
  rp_writer_new(p, RP_FORMAT_BIBTEX, 0, &w);
  for (int i = 0; i < 2; i++) {
    if (res[i] && rp_writer_add(w, res[i], NULL, 0, &s, &n) == RP_OK) {
      fwrite(s, 1, n, stdout);
      rp_free(s);
    }
    rp_result_free(res[i]);
  }
  rp_writer_free(w);
  rp_parser_free(p);
  return 0;
}
