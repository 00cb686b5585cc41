/*
 * simd.h: the library's only vector code. Sixteen-byte operations on SSE2
 * (every x86-64 compiler), and eight-byte word tests (SWAR) that any 64-bit
 * or 32-bit target runs. Callers keep a byte-at-a-time loop after the fast
 * steps, so each fast step only has to be exact about where it stops.
 *
 * RPI_SSE2 is 1 when the SSE2 kernels are built: the compiler targets SSE2
 * and the build did not ask for the portable path (meson -Dsimd=false
 * defines RP_NO_SIMD; CI runs the golden outputs through that build too).
 */
#ifndef RP_SIMD_H
#define RP_SIMD_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__) && !defined(RP_NO_SIMD)
#define RPI_SSE2 1
#include <emmintrin.h>
#else
#define RPI_SSE2 0
#endif

/* ---- eight bytes at a time (all targets) ---- */

#define RPI_ONES8 UINT64_C(0x0101010101010101)
#define RPI_HIGH8 UINT64_C(0x8080808080808080)

/* The 8 bytes at p as one word, in memory order (byte k of p is bits
 * 8k..8k+7 on little-endian targets; the tests below do not depend on it). */
static inline uint64_t rpi_load8(const void *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* Non-zero exactly when some byte of v is zero. The flags above the first
 * zero byte may be false, so callers that need the position redo the word
 * byte by byte. */
static inline uint64_t rpi_zero8(uint64_t v) { return (v - RPI_ONES8) & ~v & RPI_HIGH8; }

/* Non-zero when some byte of v equals c. */
static inline uint64_t rpi_has8(uint64_t v, unsigned char c) { return rpi_zero8(v ^ (RPI_ONES8 * c)); }

/* How many bytes of m have bit 7 set, when no other bit of m is (a mask
 * such as rpi_zero8's): the multiply adds the eight flags, shifted to bit
 * 0 of their bytes, into the top byte. __builtin_popcount is a library
 * call on x86-64 unless the build assumes the POPCNT instruction. */
static inline unsigned rpi_count_high8(uint64_t m) { return (unsigned)(((m >> 7) * RPI_ONES8) >> 56); }

/* How many bits of the 16-bit m are set (an SSE2 byte mask), in parallel
 * sums of two, four, eight and sixteen bits. */
static inline unsigned rpi_count16(unsigned m) {
  m = m - ((m >> 1) & 0x5555u);
  m = (m & 0x3333u) + ((m >> 2) & 0x3333u);
  m = (m + (m >> 4)) & 0x0F0Fu;
  return (m + (m >> 8)) & 0x1Fu;
}

#if RPI_SSE2
/* ---- sixteen bytes at a time (SSE2) ---- */

typedef __m128i rpi_v16;

static inline rpi_v16 rpi_v16_load(const void *p) { return _mm_loadu_si128((const __m128i *)p); }
static inline void rpi_v16_store(void *p, rpi_v16 v) { _mm_storeu_si128((__m128i *)p, v); }
static inline rpi_v16 rpi_v16_or(rpi_v16 a, rpi_v16 b) { return _mm_or_si128(a, b); }
static inline rpi_v16 rpi_v16_and(rpi_v16 a, rpi_v16 b) { return _mm_and_si128(a, b); }
/* 0xFF in each byte of v equal to c */
static inline rpi_v16 rpi_v16_eq(rpi_v16 v, unsigned char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c)); }
/* v with 0x20 set in every byte (ASCII letters folded to lower case) */
static inline rpi_v16 rpi_v16_lower(rpi_v16 v) { return _mm_or_si128(v, _mm_set1_epi8(0x20)); }
/* 0xFF in each byte b of v with lo < b < hi, comparing as signed bytes (so
 * bytes >= 0x80 are below every ASCII bound) */
static inline rpi_v16 rpi_v16_between(rpi_v16 v, signed char lo, signed char hi) {
  return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(lo)), _mm_cmplt_epi8(v, _mm_set1_epi8(hi)));
}
/* 0xFF in each byte of v that is <= c (unsigned) */
static inline rpi_v16 rpi_v16_le(rpi_v16 v, unsigned char c) {
  return _mm_cmpeq_epi8(_mm_subs_epu8(v, _mm_set1_epi8((char)c)), _mm_setzero_si128());
}
/* Bit k set when byte k of m has its high bit set. */
static inline unsigned rpi_v16_mask(rpi_v16 m) { return (unsigned)_mm_movemask_epi8(m); }

/* Writes the 16 offsets j, j + 1, ..., j + 15 at om. */
static inline void rpi_v16_store_seq32(uint32_t *om, uint32_t j) {
  __m128i m = _mm_add_epi32(_mm_set1_epi32((int)j), _mm_setr_epi32(0, 1, 2, 3));
  for (int k = 0; k < 16; k += 4) {
    _mm_storeu_si128((__m128i *)(void *)(om + k), m);
    m = _mm_add_epi32(m, _mm_set1_epi32(4));
  }
}
#endif

#endif
