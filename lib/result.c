/*
 * result.c: the result store behind rp_result. Strings, name and warning
 * arrays are carved from the arena inside the result while it has room
 * (bump allocation) and malloc'd after; the setters keep every field in
 * NFC and every warning message valid UTF-8.
 */
#include "result.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "lexicon.h"
#include "utf8.h"

static bool in_arena(const rp_result *r, const void *p) {
  return (uintptr_t)p - (uintptr_t)r->arena < sizeof r->arena;
}

/* n bytes (8-aligned) from the arena, or NULL when it has no room. */
static void *arena_take(rp_result *r, size_t n) {
  size_t room = sizeof r->arena - r->arena_used;
  if (n > room)
    return NULL;
  void *p = r->arena + r->arena_used;
  size_t step = (n + 7) & ~(size_t)7;
  r->arena_used += step < room ? step : room;
  return p;
}

/* n bytes from the arena, or malloc'd when it is full. */
static void *arena_alloc(rp_result *r, size_t n) {
  void *p = arena_take(r, n);
  if (p)
    return p;
  r->spilled = true;
  return malloc(n);
}

/* free() for what the result holds: arena memory is freed with the result. */
static void res_free(const rp_result *r, void *p) {
  if (p && !in_arena(r, p))
    free(p);
}

/* realloc() for an array the result holds (old holds old_n bytes). */
static void *arena_grow(rp_result *r, void *old, size_t old_n, size_t n) {
  if (old && !in_arena(r, old))
    return realloc(old, n);
  void *p = arena_alloc(r, n);
  if (p && old_n)
    memcpy(p, old, old_n);
  return p;
}

/* s[0..n) and a NUL into p (n + 1 bytes, or NULL: then NULL). */
static char *put_str(char *p, const char *s, size_t n) {
  if (!p)
    return NULL;
  if (n)
    memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

static char *arena_strndup(rp_result *r, const char *s, size_t n) {
  return put_str(arena_alloc(r, n + 1), s, n);
}

char *rpi_strndup(const char *s, size_t n) { return put_str(malloc(n + 1), s, n); }

char *rpi_result_strndup(rp_result *r, const char *s, size_t n) { return arena_strndup(r, s, n); }

void rpi_result_free_str(rp_result *r, char *s) { res_free(r, s); }

void rpi_result_clear_names(rp_result *r, rp_role role) {
  for (size_t i = 0; i < r->n_names[role]; i++)
    for (int k = 0; k < RP_NAME_PART_COUNT_; k++) {
      res_free(r, r->names[role][i].part[k]);
      r->names[role][i].part[k] = NULL;
    }
  r->n_names[role] = 0;
}

/* A length i such that s[0..i) is ASCII: n when all of s is, found in
 * 8-byte words and, for the last few bytes, one overlapping read of the last
 * 8 (no byte-by-byte walk of the tail). */
static size_t ascii_run(const unsigned char *s, size_t n) {
  const uint64_t high = UINT64_C(0x8080808080808080);
  size_t i = 0;
  uint64_t v;
  while (n - i >= 8 && (memcpy(&v, s + i, 8), !(v & high)))
    i += 8;
  if (n - i < 8 && n >= 8 && (memcpy(&v, s + n - 8, 8), !(v & high)))
    return n;
  return i;
}

static void add_warn(rp_result *r, rp_warning_code code, size_t off, size_t len, const char *msg);

void rpi_result_warn(rp_result *r, rp_warning_code code, size_t off, size_t len,
                     const char *msg) {
  /* bounded: a hostile line cannot grow the list forever; the last place
   * is kept for the limit warning that counts the ones left out */
  if (r->n_warn >= RPI_MAX_WARNINGS - 1) {
    r->warn_dropped++;
    return;
  }
  add_warn(r, code, off, len, msg);
}

void rpi_result_warn_close(rp_result *r) {
  if (!r->warn_dropped)
    return;
  char msg[96];
  snprintf(msg, sizeof msg, "%zu more warnings left out (at most %d are kept)", r->warn_dropped,
           RPI_MAX_WARNINGS);
  add_warn(r, RP_WARN_LIMIT, 0, 0, msg);
  r->warn_dropped = 0;
}

static void add_warn(rp_result *r, rp_warning_code code, size_t off, size_t len, const char *msg) {
  if (r->n_warn == r->cap_warn) {
    size_t cap = r->cap_warn ? r->cap_warn * 2 : 8;
    rpi_warning *w = arena_grow(r, r->warn, r->cap_warn * sizeof *w, cap * sizeof *w);
    if (!w) {
      r->err = RP_ERR_NOMEM;
      return;
    }
    r->warn = w;
    r->cap_warn = cap;
  }
  rpi_warning *w = &r->warn[r->n_warn];
  w->code = code;
  w->span.off = off;
  w->span.len = len;
  size_t n = msg ? strlen(msg) : 0;
  w->msg = msg ? arena_strndup(r, msg, n) : NULL;
  if (msg && !w->msg) {
    r->err = RP_ERR_NOMEM;
    return;
  }
  /* Messages quote clipped excerpts: a clip may split a character, and a
   * message is promised to be valid UTF-8, so stray bytes become '?'.
   * (An ASCII byte is a whole character: it needs no decoding.) */
  if (w->msg) {
    unsigned char *m = (unsigned char *)w->msg;
    size_t i = ascii_run(m, n); /* the loop below would only step over m[0..i) */
    while (i < n) {
      uint64_t v;
      if (n - i >= 8 && (memcpy(&v, m + i, 8), !(v & UINT64_C(0x8080808080808080)))) {
        i += 8; /* eight ASCII bytes */
        continue;
      }
      if (m[i] < 0x80) {
        i++;
        continue;
      }
      unsigned cp;
      size_t k = rpi_utf8_decode(m + i, n - i, &cp);
      if (k == 0) {
        m[i++] = '?';
      } else {
        i += k;
      }
    }
  }
  r->n_warn++;
}

void rpi_result_take(rp_result *r, rp_field f, char *v, size_t off, size_t len) {
  /* Text cut out of the middle can put a combining mark after a new base
   * ("i." + U+0301 with the "." dropped); every field leaves in NFC
   * (refparse.h), so such a value is composed here. */
  size_t n = v ? strlen(v) : 0;
  /* pure ASCII is NFC: rpi_is_nfc would say so */
  if (n && ascii_run((const unsigned char *)v, n) < n && !rpi_is_nfc(v, n)) {
    rpi_buf nf;
    rpi_buf_init(&nf, 3 * n + 16);
    char *c = rpi_nfc(v, n, &nf) == 0 && !nf.err ? arena_strndup(r, nf.p ? nf.p : "", nf.len) : NULL;
    rpi_buf_free(&nf);
    if (c) {
      res_free(r, v);
      v = c;
    }
  }
  if (f == RP_FIELD_CONTAINER_TITLE)
    r->journal_of = NULL;
  res_free(r, r->field[f]);
  r->field[f] = v;
  r->span[f].off = off;
  r->span[f].len = len;
}

void rpi_result_journal_seen(rp_result *r, const char *s, size_t n, int kind, const char *other) {
  const char *ct = r->field[RP_FIELD_CONTAINER_TITLE];
  if (!ct || strlen(ct) != n || memcmp(ct, s, n) != 0)
    return;
  r->journal_of = ct;
  r->journal_kind = kind;
  r->journal_other = other;
}

int rpi_result_journal(const rp_result *r, const char **other) {
  const char *ct = r->field[RP_FIELD_CONTAINER_TITLE];
  *other = NULL;
  if (!ct)
    return RPI_JOURNAL_NONE;
  if (ct == r->journal_of) {
    *other = r->journal_other;
    return r->journal_kind;
  }
  return rpi_lex_journal(ct, strlen(ct), other);
}

void rpi_result_set(rp_result *r, rp_field f, const char *s, size_t n, size_t off,
                    size_t len) {
  char *v = arena_strndup(r, s, n);
  if (!v) {
    r->err = RP_ERR_NOMEM;
    return;
  }
  rpi_result_take(r, f, v, off, len);
}

rpi_name *rpi_result_add_name(rp_result *r, rp_role role) {
  if (r->n_names[role] >= 1000)
    return NULL;
  if (r->n_names[role] == r->cap_names[role]) {
    size_t cap = r->cap_names[role] ? r->cap_names[role] * 2 : 8;
    rpi_name *v = arena_grow(r, r->names[role], r->cap_names[role] * sizeof *v, cap * sizeof *v);
    if (!v) {
      r->err = RP_ERR_NOMEM;
      return NULL;
    }
    r->names[role] = v;
    r->cap_names[role] = cap;
  }
  rpi_name *nm = &r->names[role][r->n_names[role]++];
  memset(nm, 0, sizeof *nm);
  return nm;
}

rp_result *rpi_result_new(void) {
  rp_result *r = malloc(sizeof *r);
  if (r)
    memset(r, 0, offsetof(rp_result, arena)); /* the arena needs no zeroing */
  return r;
}

char *rpi_result_text_room(rp_result *r, size_t len) {
  return len < sizeof r->arena / 2 ? arena_take(r, len + 1) : NULL;
}

int rpi_result_name_keys(rp_result *r, const rpi_folder *folder) {
  rpi_buf b, f;
  char b_on[256], f_on[256]; /* room for most keys: no allocation */
  rpi_buf_init_on(&b, b_on, sizeof b_on, 8192);
  rpi_buf_init_on(&f, f_on, sizeof f_on, 8192);
  int rc = 0;
  for (int role = 0; role < RP_ROLE_COUNT_ && !rc; role++)
    for (size_t i = 0; i < r->n_names[role] && !rc; i++) {
      rpi_name *nm = &r->names[role][i];
      rpi_buf_clear(&b);
      rpi_buf_clear(&f);
      if (nm->part[RP_NAME_LITERAL]) {
        rpi_buf_puts(&b, nm->part[RP_NAME_LITERAL]);
      } else {
        rpi_buf_puts(&b, nm->part[RP_NAME_FAMILY] ? nm->part[RP_NAME_FAMILY] : "");
        const char *g = nm->part[RP_NAME_GIVEN];
        if (g && *g) {
          rpi_buf_putc(&b, ' ');
          /* initials of the given name: "C. E." / "Charles E." -> "CE" */
          bool start = true;
          for (const char *q = g; *q; q++) {
            unsigned char c = (unsigned char)*q;
            if (c == ' ' || c == '.' || c == '-') {
              start = true;
              continue;
            }
            if (start && c >= 'a' && c <= 'z' && q > g && q[-1] == ' ') {
              /* a particle kept with the given name ("Miguel de", "M. R.
               * F. da") is no initial: "Costa MRF" */
              size_t w = 0;
              while (q[w] >= 'a' && q[w] <= 'z')
                w++;
              if (w >= 2 && (!q[w] || q[w] == ' ')) {
                q += w - 1;
                start = false;
                continue;
              }
            }
            if (start) {
              /* an ASCII byte is a whole character (as rpi_utf8_len says) */
              size_t l = c < 0x80 ? 1 : rpi_utf8_len(q, strlen(q));
              rpi_buf_put(&b, q, l ? l : 1);
              if (l > 1)
                q += l - 1;
            } else if (c >= 0x80) {
              size_t l = rpi_utf8_len(q, strlen(q));
              if (l > 1)
                q += l - 1;
            }
            start = false;
          }
        }
      }
      if (b.err) {
        rc = b.err;
        break;
      }
      const char *key = rpi_buf_cstr(&b);
      size_t key_len = b.len;
      if (ascii_run((const unsigned char *)key, key_len) < key_len) { /* rpi_fold copies ASCII as it is */
        rc = rpi_fold(folder, key, key_len, &f);
        key = rpi_buf_cstr(&f);
        key_len = f.len;
      }
      if (!rc)
        nm->part[RP_NAME_ASCII] = arena_strndup(r, key, key_len);
    }
  rpi_buf_free(&b);
  rpi_buf_free(&f);
  return rc;
}

void rpi_result_destroy(rp_result *r) {
  if (!r)
    return;
  res_free(r, r->text);
  for (int f = 0; f < RP_FIELD_COUNT_; f++)
    res_free(r, r->field[f]);
  /* name parts, name and warning arrays and messages come only from
   * arena_alloc (result.h): with nothing spilled they are all in the arena */
  if (r->spilled) {
    for (int role = 0; role < RP_ROLE_COUNT_; role++) {
      for (size_t i = 0; i < r->n_names[role]; i++)
        for (int k = 0; k < RP_NAME_PART_COUNT_; k++)
          res_free(r, r->names[role][i].part[k]);
      res_free(r, r->names[role]);
    }
    for (size_t i = 0; i < r->n_warn; i++)
      res_free(r, r->warn[i].msg);
    res_free(r, r->warn);
  }
  free(r);
}
