#define PCRE2_CODE_UNIT_WIDTH 8
#include "rx.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "refparse.h"

/* Scratches kept for reuse: enough for one per thread of a busy program. */
#define RX_POOL_MAX 64

struct rpi_rx {
  pcre2_code **code;
  bool *jit; /* code[i] was JIT-compiled */
  /* code[i]'s name table (owned by code[i]): names[i].n entries of size
   * names[i].size, each a 2-byte big-endian group number, then the name */
  struct rx_names {
    const unsigned char *tab;
    uint32_t n, size;
  } *names;
  size_t count;
  pcre2_match_context *mctx;
  pthread_mutex_t pool_lock; /* guards pool and npool, the only mutable part */
  rpi_rx_scratch *pool;
  size_t npool;
  bool pool_ready; /* pool_lock initialised */
};

struct rpi_rx_scratch {
  pcre2_match_data *md;
  pcre2_match_context *lim; /* rx's limits + an offset limit; made on first use */
  rpi_rx_scratch *next;     /* in rx->pool */
};

/* Bounds chosen far above what any real reference needs (the longest dev
 * reference uses < 10k backtracks), yet small enough that a hostile line
 * stops in milliseconds. */
#define RX_MATCH_LIMIT 200000u
#define RX_DEPTH_LIMIT 2000u

int rpi_rx_new(const char *const *sources, const unsigned *flags, size_t count,
               rpi_rx **out, size_t *bad) {
  rpi_rx *rx = calloc(1, sizeof *rx);
  if (!rx)
    return RP_ERR_NOMEM;
  rx->code = calloc(count, sizeof *rx->code);
  rx->jit = calloc(count ? count : 1, sizeof *rx->jit);
  rx->names = calloc(count ? count : 1, sizeof *rx->names);
  rx->mctx = pcre2_match_context_create(NULL);
  if (!rx->code || !rx->jit || !rx->names || !rx->mctx) {
    rpi_rx_free(rx);
    return RP_ERR_NOMEM;
  }
  rx->count = count;
  pthread_mutex_init(&rx->pool_lock, NULL);
  rx->pool_ready = true;
  pcre2_set_match_limit(rx->mctx, RX_MATCH_LIMIT);
  pcre2_set_depth_limit(rx->mctx, RX_DEPTH_LIMIT);
  for (size_t i = 0; i < count; i++) {
    int err;
    PCRE2_SIZE eoff;
    uint32_t opt = PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK;
    if (flags && (flags[i] & RPI_RX_CASELESS))
      opt |= PCRE2_CASELESS;
    if (flags && (flags[i] & RPI_RX_OFFSET_LIMIT))
      opt |= PCRE2_USE_OFFSET_LIMIT;
    rx->code[i] = pcre2_compile((PCRE2_SPTR)sources[i], PCRE2_ZERO_TERMINATED,
                                opt & ~PCRE2_NO_UTF_CHECK, &err, &eoff, NULL);
    if (!rx->code[i]) {
      if (bad)
        *bad = i;
      rpi_rx_free(rx);
      return RP_ERR_INTERNAL;
    }
    struct rx_names *nm = &rx->names[i];
    PCRE2_SPTR tab = NULL;
    if (pcre2_pattern_info(rx->code[i], PCRE2_INFO_NAMECOUNT, &nm->n) != 0 ||
        pcre2_pattern_info(rx->code[i], PCRE2_INFO_NAMEENTRYSIZE, &nm->size) != 0 ||
        pcre2_pattern_info(rx->code[i], PCRE2_INFO_NAMETABLE, &tab) != 0)
      nm->n = 0;
    nm->tab = tab;
    /* JIT is an optimisation: on failure the interpreter is used. */
    if (!(flags && (flags[0] & RPI_RX_NO_JIT)))
      rx->jit[i] = pcre2_jit_compile(rx->code[i], PCRE2_JIT_COMPLETE) == 0;
  }
  *out = rx;
  return 0;
}

void rpi_rx_free(rpi_rx *rx) {
  if (!rx)
    return;
  if (rx->code)
    for (size_t i = 0; i < rx->count; i++)
      pcre2_code_free(rx->code[i]);
  free(rx->code);
  free(rx->jit);
  free(rx->names);
  pcre2_match_context_free(rx->mctx);
  if (rx->pool_ready) {
    while (rx->pool) {
      rpi_rx_scratch *sc = rx->pool;
      rx->pool = sc->next;
      rpi_rx_scratch_free(sc);
    }
    pthread_mutex_destroy(&rx->pool_lock);
  }
  free(rx);
}

int rpi_rx_scratch_new(rpi_rx_scratch **out) {
  rpi_rx_scratch *sc = calloc(1, sizeof *sc);
  if (!sc)
    return RP_ERR_NOMEM;
  sc->md = pcre2_match_data_create(RPI_RX_MAX_GROUPS, NULL);
  if (!sc->md) {
    free(sc);
    return RP_ERR_NOMEM;
  }
  *out = sc;
  return 0;
}

int rpi_rx_scratch_take(rpi_rx *rx, rpi_rx_scratch **out) {
  pthread_mutex_lock(&rx->pool_lock);
  rpi_rx_scratch *sc = rx->pool;
  if (sc) {
    rx->pool = sc->next;
    rx->npool--;
  }
  pthread_mutex_unlock(&rx->pool_lock);
  if (!sc)
    return rpi_rx_scratch_new(out);
  sc->next = NULL;
  *out = sc;
  return 0;
}

void rpi_rx_scratch_give(rpi_rx *rx, rpi_rx_scratch *sc) {
  if (!sc)
    return;
  pthread_mutex_lock(&rx->pool_lock);
  bool keep = rx->npool < RX_POOL_MAX;
  if (keep) {
    sc->next = rx->pool;
    rx->pool = sc;
    rx->npool++;
  }
  pthread_mutex_unlock(&rx->pool_lock);
  if (!keep)
    rpi_rx_scratch_free(sc);
}

void rpi_rx_scratch_free(rpi_rx_scratch *sc) {
  if (!sc)
    return;
  pcre2_match_data_free(sc->md);
  pcre2_match_context_free(sc->lim);
  free(sc);
}

static int find_ctx(const rpi_rx *rx, rpi_rx_scratch *sc, pcre2_match_context *ctx, size_t id,
                    const char *s, size_t n, size_t from, bool anchored, rpi_match *m) {
  /* The text is validated UTF-8 (the cleaner guarantees it). */
  uint32_t opt = PCRE2_NO_UTF_CHECK | (anchored ? PCRE2_ANCHORED : 0);
  /* JIT code is called directly (pcre2_match would only check the
   * arguments again, then call it); PCRE2_ANCHORED is fixed at JIT-compile
   * time, so an anchored search on an unanchored pattern goes through
   * pcre2_match as before. */
  int rc = rx->jit[id] && !anchored
               ? pcre2_jit_match(rx->code[id], (PCRE2_SPTR)s, n, from, opt & ~PCRE2_NO_UTF_CHECK, sc->md, ctx)
               : pcre2_match(rx->code[id], (PCRE2_SPTR)s, n, from, opt, sc->md, ctx);
  if (rc == PCRE2_ERROR_NOMATCH)
    return 0;
  if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
      rc == PCRE2_ERROR_JIT_STACKLIMIT || rc == PCRE2_ERROR_HEAPLIMIT)
    return RP_ERR_LIMIT;
  if (rc < 0)
    return RP_ERR_INTERNAL;
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
  uint32_t pairs = pcre2_get_ovector_count(sc->md);
  m->start = ov[0];
  m->end = ov[1];
  for (uint32_t k = 0; k < RPI_RX_MAX_GROUPS; k++) {
    if (k < pairs && k < (uint32_t)rc && ov[2 * k] != PCRE2_UNSET) {
      m->g[k][0] = ov[2 * k];
      m->g[k][1] = ov[2 * k + 1];
    } else {
      m->g[k][0] = m->g[k][1] = (size_t)-1;
    }
  }
  return 1;
}

int rpi_rx_find(const rpi_rx *rx, rpi_rx_scratch *sc, size_t id, const char *s,
                size_t n, size_t from, bool anchored, rpi_match *m) {
  if (id >= rx->count || from > n)
    return 0;
  return find_ctx(rx, sc, rx->mctx, id, s, n, from, anchored, m);
}

int rpi_rx_find_before(const rpi_rx *rx, rpi_rx_scratch *sc, size_t id, const char *s,
                       size_t n, size_t from, size_t limit, rpi_match *m) {
  if (id >= rx->count || from > n || from > limit)
    return 0;
  if (!sc->lim) {
    sc->lim = pcre2_match_context_copy(rx->mctx);
    if (!sc->lim)
      return RP_ERR_NOMEM;
  }
  pcre2_set_offset_limit(sc->lim, limit);
  return find_ctx(rx, sc, sc->lim, id, s, n, from, false, m);
}

/* A walk over the few names of the pattern's table, which is what
 * pcre2_substring_number_from_name() searches too (names are unique). */
int rpi_rx_group(const rpi_rx *rx, size_t id, const char *name) {
  if (id >= rx->count)
    return -1;
  const struct rx_names *nm = &rx->names[id];
  const unsigned char *e = nm->tab;
  for (uint32_t k = 0; k < nm->n; k++, e += nm->size)
    if (e[2] == (unsigned char)name[0] && strcmp((const char *)e + 2, name) == 0)
      return e[0] << 8 | e[1];
  return -1;
}
