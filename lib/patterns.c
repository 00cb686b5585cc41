/*
 * patterns.c: compiles the parser's PCRE2 patterns (lib/data/patterns.rx,
 * generated into rx_patterns.h) once per parser.
 */
#include "parse.h"

#include <string.h>

#define RPI_PATTERNS_DEFINE /* the tables of rx_patterns.h live here */
#include "scan.h"
#include "title.h"

int rpi_parse_compile(rp_parser *p) {
  rpi_title_lit_filters_init(p);
  size_t bad = 0;
  unsigned fl[P_COUNT];
  memcpy(fl, rpi_pattern_flags, sizeof fl);
  if (p->flags & RP_OPT_NO_JIT)
    fl[0] |= RPI_RX_NO_JIT;
  int rc = rpi_rx_new(rpi_pattern_src, fl, P_COUNT, &p->rx, &bad);
  if (rc)
    return rc;
  /* the group numbers the generator counted are PCRE2's */
  for (size_t k = 0; k < sizeof rpi_pattern_groups / sizeof rpi_pattern_groups[0]; k++)
    if (rpi_rx_group(p->rx, rpi_pattern_groups[k].pattern, rpi_pattern_groups[k].name) !=
        rpi_pattern_groups[k].number)
      return RP_ERR_INTERNAL;
  return 0;
}
