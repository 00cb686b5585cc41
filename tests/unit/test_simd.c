/* Internal check of lib/simd.h's bit counts against a count one bit at a
 * time: rpi_count16 over every 16-bit mask, rpi_count_high8 over every
 * set of byte flags (bit 7 of each of the eight bytes). TAP output. */
#include <stdint.h>
#include <stdio.h>

#include "simd.h"

static unsigned naive(uint64_t m) {
  unsigned n = 0;
  for (; m; m >>= 1)
    n += (unsigned)(m & 1u);
  return n;
}

int main(void) {
  unsigned bad16 = 0, bad8 = 0;
  for (unsigned m = 0; m < 0x10000u; m++)
    bad16 += rpi_count16(m) != naive(m);
  for (unsigned f = 0; f < 256; f++) {
    uint64_t m = 0;
    for (unsigned k = 0; k < 8; k++)
      if (f >> k & 1u)
        m |= UINT64_C(0x80) << (8 * k);
    bad8 += rpi_count_high8(m) != naive(f);
  }
  printf("1..2\n%s 1 - rpi_count16 on every 16-bit mask (%u wrong)\n", bad16 ? "not ok" : "ok", bad16);
  printf("%s 2 - rpi_count_high8 on every set of byte flags (%u wrong)\n", bad8 ? "not ok" : "ok", bad8);
  return bad16 || bad8;
}
