/* batch.c: rp_parse_many, many references on a few threads. Threads take
 * runs of 16 references from a shared counter (a run is a few
 * microseconds of work, so the counter is seldom contended) and write each
 * result into its own slot: the order is the input's whatever the timing. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "refparse.h"

enum { RUN = 16, MAX_THREADS = 64 };

typedef struct many {
  const rp_parser *parser;
  const char *const *texts;
  const size_t *lens;
  size_t n;
  unsigned mode;
  rp_result **results;
  rp_status *statuses;
  atomic_size_t next;
} many;

static void *work(void *arg) {
  many *m = arg;
  for (;;) {
    size_t i = atomic_fetch_add(&m->next, RUN);
    if (i >= m->n)
      break;
    size_t e = m->n - i < RUN ? m->n : i + RUN;
    for (; i < e; i++) {
      rp_status st = (m->mode & RP_MANY_NORMALIZE)
                         ? rp_normalize(m->parser, m->texts[i], m->lens[i], &m->results[i])
                         : rp_parse(m->parser, m->texts[i], m->lens[i], &m->results[i]);
      if (m->statuses)
        m->statuses[i] = st;
    }
  }
  return NULL;
}

rp_status rp_parse_many(const rp_parser *parser, const char *const *texts, const size_t *lens,
                        size_t n, unsigned threads, unsigned mode, rp_result **results,
                        rp_status *statuses) {
  if (!parser || !results || (n && (!texts || !lens)) || (mode & ~RP_MANY_NORMALIZE))
    return RP_ERR_ARG;
  rp_status *own = NULL;
  many m = {.parser = parser, .texts = texts, .lens = lens, .n = n, .mode = mode,
            .results = results, .statuses = statuses};
  atomic_init(&m.next, 0);
  if (!statuses && !(m.statuses = own = malloc(n ? n * sizeof *own : 1)))
    return RP_ERR_NOMEM;
  size_t want = threads > MAX_THREADS ? MAX_THREADS : threads;
  if (want > (n + RUN - 1) / RUN)
    want = (n + RUN - 1) / RUN; /* no thread without a run to do */
  pthread_t tid[MAX_THREADS];
  size_t started = 0;
  for (; started + 1 < want; started++)
    if (pthread_create(&tid[started], NULL, work, &m))
      break; /* fewer helpers: the calling thread does the rest */
  work(&m);
  for (size_t t = 0; t < started; t++)
    pthread_join(tid[t], NULL);
  rp_status st = RP_OK;
  for (size_t i = 0; i < n && st == RP_OK; i++)
    st = m.statuses[i];
  free(own);
  return st;
}
