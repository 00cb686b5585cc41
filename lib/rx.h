/*
 * rx.h: the only user of PCRE2. Patterns are compiled once (UTF, UCP, JIT
 * where available) when a parser is made; every match runs under a match
 * context with match and depth limits, so no input can make a rule run
 * away. Match data lives in a per-call scratch, so a compiled set is shared
 * between threads; its only mutable part is a mutex-guarded pool of
 * scratches kept for reuse.
 */
#ifndef RP_RX_H
#define RP_RX_H

#include <stdbool.h>
#include <stddef.h>

#define RPI_RX_MAX_GROUPS 12

typedef struct rpi_rx rpi_rx;
typedef struct rpi_rx_scratch rpi_rx_scratch;

typedef struct rpi_match {
  size_t start, end;
  /* group k: [g[k][0], g[k][1]); both (size_t)-1 when unset */
  size_t g[RPI_RX_MAX_GROUPS][2];
} rpi_match;

#define RPI_RX_CASELESS 1u
#define RPI_RX_NO_JIT 2u /* in flags[0]: no pattern is JIT-compiled */
#define RPI_RX_OFFSET_LIMIT 4u /* compiled so that rpi_rx_find_before can bound it */

/* Compile `count` patterns (sources and per-pattern flags). Returns 0 or an
 * rp_status; on a pattern error, *bad receives its index. */
int rpi_rx_new(const char *const *sources, const unsigned *flags, size_t count,
               rpi_rx **out, size_t *bad);
void rpi_rx_free(rpi_rx *rx);

int rpi_rx_scratch_new(rpi_rx_scratch **out);
void rpi_rx_scratch_free(rpi_rx_scratch *sc);
/* A scratch from rx's pool (or a new one): 0 or RP_ERR_NOMEM. Give it back
 * with rpi_rx_scratch_give when the parse is done; the pool keeps a bounded
 * number for reuse, under a mutex, so any thread may take and give. */
int rpi_rx_scratch_take(rpi_rx *rx, rpi_rx_scratch **out);
void rpi_rx_scratch_give(rpi_rx *rx, rpi_rx_scratch *sc);

/* Find pattern `id` in s[0..n) at or after `from`. Returns 1 and fills m on
 * a match, 0 when none, or a negative rp_status (RP_ERR_LIMIT when a limit
 * was hit). `anchored` requires the match to start at `from`. */
int rpi_rx_find(const rpi_rx *rx, rpi_rx_scratch *sc, size_t id, const char *s,
                size_t n, size_t from, bool anchored, rpi_match *m);
/* rpi_rx_find for a match that starts at or before `limit` (the pattern
 * must have RPI_RX_OFFSET_LIMIT): the same match when one starts there,
 * and the search stops at `limit` instead of running to the end. */
int rpi_rx_find_before(const rpi_rx *rx, rpi_rx_scratch *sc, size_t id, const char *s,
                       size_t n, size_t from, size_t limit, rpi_match *m);
/* Group number of a named group in pattern id, or -1. */
int rpi_rx_group(const rpi_rx *rx, size_t id, const char *name);

#endif
