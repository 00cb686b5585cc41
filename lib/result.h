/*
 * result.h: the internal shape of rp_result, shared by the parser modules
 * and the writers, and the result store that fills it (result.c). Only
 * api.c hands it out, as an opaque pointer.
 */
#ifndef RP_RESULT_H
#define RP_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "refparse.h"
#include "utf8.h"

typedef struct rpi_name {
  char *part[RP_NAME_PART_COUNT_]; /* NULL when absent */
} rpi_name;

typedef struct rpi_warning {
  rp_warning_code code;
  rp_span span; /* into the caller's input */
  char *msg;
} rpi_warning;

struct rp_result {
  char *text; /* normalized text (rp_result_text) */
  char *field[RP_FIELD_COUNT_];
  rp_span span[RP_FIELD_COUNT_];
  rp_type type;
  rpi_name *names[RP_ROLE_COUNT_];
  size_t n_names[RP_ROLE_COUNT_];
  size_t cap_names[RP_ROLE_COUNT_];
  bool et_al[RP_ROLE_COUNT_];
  /* The date of publication beyond the year (stage_dates.c), 0 when not
   * printed: month and day, the month and day a range ends on ("2004
   * Jan-Feb": 1 and 2; "2004 Mar 5-7": 3, 5, 3, 7), and CSL's season
   * (1 spring .. 4 winter). */
  unsigned char month, day, month_end, day_end, season;
  /* The year a range of years ends on ("Paris, Albin Michel, 1939-1940":
   * 1940; the year field has the first), 0 when no range was printed. */
  unsigned short year_end;
  rpi_warning *warn;
  size_t n_warn, cap_warn;
  size_t warn_dropped; /* warnings past RPI_MAX_WARNINGS - 1, not kept */
  int err; /* first allocation failure while filling, or 0 */
  /* rp_result_confidence, and the fields doubted (indexes into
   * rpi_confidence_field_name), set by the confidence stage */
  double confidence;
  unsigned char doubts[16];
  unsigned char n_doubts;
  /* The journal lookup (rpi_lex_journal) of the container-title, when a
   * stage made one on the field's very bytes (rpi_result_journal_seen): the
   * field it was made for (NULL: none), its answer and other form.
   * rpi_result_take forgets it whenever the container-title changes. */
  const char *journal_of;
  int journal_kind;
  const char *journal_other;
  /* Set when the arena had no room and something was malloc'd instead.
   * Name parts (rpi_result_strndup), the name and warning arrays and the
   * warning messages are only ever allocated so (never a plain malloc or
   * rpi_strndup): while it is false they all lie in the arena and
   * rp_result_free skips them. Fields may be malloc'd (rpi_result_take). */
  bool spilled;
  /* Arena: the normalized text (when short), field copies
   * (rpi_result_set, rpi_result_strndup), ASCII name keys and the name and
   * warning arrays are carved from this block (bump allocation, nothing
   * freed one by one) while it has room, else malloc'd. rp_result_free
   * frees only what lies outside it, so any field or name part may still
   * be a malloc'd string (rpi_result_take, rpi_strndup). Warning messages
   * are in the arena too while it has room: free one early only with
   * rpi_result_free_str. Must stay last: it is not zeroed. */
  size_t arena_used;
  _Alignas(16) char arena[1536];
};

/* The CSL name of the i-th field the confidence stage scores ("author",
 * "issued", ...), NULL past the last (stage_confidence.c). */
const char *rpi_confidence_field_name(unsigned i);

/* A new, empty result (its arena not zeroed), or NULL when out of memory. */
rp_result *rpi_result_new(void);
/* Free r and everything it holds (rp_result_free). */
void rpi_result_destroy(rp_result *r);
/* len + 1 bytes in r's arena for the normalized text when len is short
 * (under half the arena) and there is room, else NULL. */
char *rpi_result_text_room(rp_result *r, size_t len);
/* Give each name its ASCII key, "Family Initials" folded ("Lötvall J" ->
 * "Lotvall J"). Returns 0 or an rp_status. */
int rpi_result_name_keys(rp_result *r, const rpi_folder *folder);
/* At most this many warnings are kept: past RPI_MAX_WARNINGS - 1 they are
 * counted, and rpi_result_warn_close adds one RP_WARN_LIMIT saying how many
 * were left out. */
#define RPI_MAX_WARNINGS 1000
/* Append a warning (message copied; may be NULL). Sets r->err on failure. */
void rpi_result_warn(rp_result *r, rp_warning_code code, size_t off,
                     size_t len, const char *msg);
/* After the last warning: the limit warning, when some were left out. */
void rpi_result_warn_close(rp_result *r);
/* Set a field to a copy of s[0..n) (replacing any old value). */
void rpi_result_set(rp_result *r, rp_field f, const char *s, size_t n,
                    size_t off, size_t len);
/* Set a field to v, a malloc'd NUL-terminated string the result now owns
 * (replacing any old value); v must not be NULL. */
void rpi_result_take(rp_result *r, rp_field f, char *v, size_t off, size_t len);
/* After a stage's rpi_lex_journal(s, n, ...) gave kind and other: kept
 * for rpi_result_journal when the container-title is now exactly s[0..n)
 * (the same bytes give the same answer), else nothing. */
void rpi_result_journal_seen(rp_result *r, const char *s, size_t n, int kind, const char *other);
/* rpi_lex_journal of the container-title (RPI_JOURNAL_NONE without one):
 * what a stage recorded for the field as it stands, else looked up now. */
int rpi_result_journal(const rp_result *r, const char **other);
/* Append an empty name to a role; NULL on allocation failure. */
rpi_name *rpi_result_add_name(rp_result *r, rp_role role);
/* Remove every name of a role, freeing the parts that lie outside the
 * arena (the array itself stays for the next names). */
void rpi_result_clear_names(rp_result *r, rp_role role);
/* Copy s[0..n) into a fresh NUL-terminated string (NULL on failure). */
char *rpi_strndup(const char *s, size_t n);
/* The same, owned by r (in its arena while there is room, freed with r):
 * for a field or name part of r, never to be freed by the caller. */
char *rpi_result_strndup(rp_result *r, const char *s, size_t n);
/* Free a string r holds (a field, name part or warning message) before r
 * is freed: arena memory is left alone, malloc'd memory freed. */
void rpi_result_free_str(rp_result *r, char *s);

#endif
