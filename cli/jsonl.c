/*
 * jsonl.c: a JSON Lines record checked and read a byte at a time (see
 * jsonl.h). A pushdown automaton: one state for what may come next, a bit
 * per open container (object or array), and the small decoders for strings
 * (escapes, surrogate pairs, UTF-8), numbers and the three literals.
 */
#include "jsonl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum state {
  S_VALUE,     /* a value must come */
  S_OBJ_FIRST, /* after '{': a key or '}' */
  S_OBJ_KEY,   /* after ',' in an object: a key */
  S_COLON,     /* after a key */
  S_ARR_FIRST, /* after '[': a value or ']' */
  S_AFTER,     /* after a value in a container: ',' or the closing bracket */
  S_END,       /* after the top-level value: only spaces */
  S_STR,       /* inside a string */
  S_ESC,       /* after a backslash */
  S_HEX,       /* in the four digits of \u */
  S_NUM,       /* inside a number */
  S_LIT,       /* inside true, false or null */
  S_BAD        /* not JSON */
};

/* Number states: after '-', "0", int digits, '.', fraction digits, 'e',
 * the exponent's sign, exponent digits. */
enum { N_MINUS, N_ZERO, N_INT, N_DOT, N_FRAC, N_E, N_ESIGN, N_EXP };

/* What the string being read is. */
enum { R_OTHER, R_KEY, R_VALUE };

struct jsonl_reader {
  char *keys;         /* id key, NUL, raw key, NUL */
  size_t id_key_len, raw_key_len;
  jsonl_value id, raw;
  enum state st;
  const char *why;    /* set with S_BAD */
  size_t off, bad_off;
  unsigned char *stack; /* bit d: container at depth d + 1 is an object */
  size_t depth, stack_cap;
  bool top_object, repaired;
  int role;           /* of the string being read */
  jsonl_value *target; /* the value being kept, or NULL */
  jsonl_value *slot;  /* the value the next top-level value goes to */
  char *key;          /* the top-level key being read, cut at key_cap */
  size_t key_len, key_cap;
  unsigned hex, hex_n, high; /* \u digits; a pending high surrogate */
  unsigned char u8[4];
  unsigned u8_n, u8_need;
  int num;
  const char *lit;
  unsigned lit_i;
};

static bool value_init(jsonl_value *v, size_t cap) {
  memset(v, 0, sizeof *v);
  v->p = malloc(cap + 1);
  v->cap = cap;
  return v->p != NULL;
}

jsonl_reader *jsonl_new(const char *id_key, const char *raw_key, size_t keep) {
  jsonl_reader *r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  r->id_key_len = strlen(id_key);
  r->raw_key_len = strlen(raw_key);
  r->keys = malloc(r->id_key_len + r->raw_key_len + 2);
  r->key_cap = (r->id_key_len > r->raw_key_len ? r->id_key_len : r->raw_key_len) + 1;
  r->key = malloc(r->key_cap);
  r->stack_cap = 64;
  r->stack = malloc(r->stack_cap);
  bool ok = r->keys && r->key && r->stack;
  ok = value_init(&r->id, JSONL_ID_MAX) && ok;
  ok = value_init(&r->raw, keep) && ok;
  if (!ok) {
    jsonl_free(r);
    return NULL;
  }
  memcpy(r->keys, id_key, r->id_key_len + 1);
  memcpy(r->keys + r->id_key_len + 1, raw_key, r->raw_key_len + 1);
  jsonl_begin(r);
  return r;
}

void jsonl_free(jsonl_reader *r) {
  if (!r)
    return;
  free(r->keys);
  free(r->key);
  free(r->stack);
  free(r->id.p);
  free(r->raw.p);
  free(r);
}

static void value_reset(jsonl_value *v) {
  v->kind = JSONL_NONE;
  v->dup = false;
  v->len = v->total = 0;
  v->p[0] = '\0';
}

void jsonl_begin(jsonl_reader *r) {
  value_reset(&r->id);
  value_reset(&r->raw);
  r->st = S_VALUE;
  r->why = NULL;
  r->off = r->bad_off = 0;
  r->depth = 0;
  r->top_object = r->repaired = false;
  r->target = r->slot = NULL;
  r->high = 0;
  r->u8_need = r->u8_n = 0;
}

static void bad(jsonl_reader *r, const char *why) {
  if (r->st != S_BAD) {
    r->st = S_BAD;
    r->why = why;
    r->bad_off = r->off;
  }
}

/* Bytes of the string being read. */
static void put(jsonl_reader *r, const char *s, size_t n) {
  if (r->role == R_KEY) {
    for (size_t i = 0; i < n && r->key_len < r->key_cap; i++)
      r->key[r->key_len++] = s[i];
  } else if (r->role == R_VALUE && r->target) {
    jsonl_value *v = r->target;
    size_t room = v->cap - v->len, k = n < room ? n : room;
    memcpy(v->p + v->len, s, k);
    v->len += k;
    v->total += n;
  }
}

static void put_cp(jsonl_reader *r, unsigned cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) {
    b[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    b[0] = (char)(0xC0 | cp >> 6);
    b[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = (char)(0xE0 | cp >> 12);
    b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = (char)(0xF0 | cp >> 18);
    b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  put(r, b, n);
}

static void put_fffd(jsonl_reader *r) {
  r->repaired = true;
  put_cp(r, 0xFFFD);
}

/* A high surrogate escape not followed by a low one is a lone surrogate. */
static void flush_high(jsonl_reader *r) {
  if (r->high) {
    r->high = 0;
    put_fffd(r);
  }
}

static bool push(jsonl_reader *r, bool object) {
  if (r->depth == JSONL_DEPTH_MAX) {
    bad(r, "JSON nested too deeply");
    return false;
  }
  if (r->depth / 8 >= r->stack_cap) {
    unsigned char *s = realloc(r->stack, r->stack_cap * 2);
    if (!s) {
      bad(r, "out of memory");
      return false;
    }
    r->stack = s;
    r->stack_cap *= 2;
  }
  unsigned char bit = (unsigned char)(1u << (r->depth % 8));
  if (object)
    r->stack[r->depth / 8] |= bit;
  else
    r->stack[r->depth / 8] &= (unsigned char)~bit;
  r->depth++;
  return true;
}

static bool in_object(const jsonl_reader *r) {
  size_t d = r->depth - 1;
  return r->stack[d / 8] >> (d % 8) & 1;
}

/* A value ended. */
static void value_done(jsonl_reader *r) {
  if (r->depth == 1)
    r->target = r->slot = NULL;
  r->st = r->depth ? S_AFTER : S_END;
}

/* A value starts with c; a top-level one may be kept. */
static void value_start(jsonl_reader *r, unsigned char c) {
  jsonl_value *v = r->depth == 1 ? r->slot : NULL;
  jsonl_kind kind = c == '{'   ? JSONL_OBJECT
                    : c == '[' ? JSONL_ARRAY
                    : c == '"' ? JSONL_STRING
                    : c == 't' || c == 'f' ? JSONL_BOOL
                    : c == 'n' ? JSONL_NULL
                               : JSONL_NUMBER;
  if (v)
    v->kind = kind;
  r->target = v;
  switch (c) {
  case '{':
    if (r->depth == 0)
      r->top_object = true;
    if (push(r, true))
      r->st = S_OBJ_FIRST;
    return;
  case '[':
    if (push(r, false))
      r->st = S_ARR_FIRST;
    return;
  case '"':
    r->role = R_VALUE;
    r->st = S_STR;
    return;
  case 't': r->lit = "true"; break;
  case 'f': r->lit = "false"; break;
  case 'n': r->lit = "null"; break;
  default:
    if (c == '-' || (c >= '0' && c <= '9')) {
      r->num = c == '-' ? N_MINUS : c == '0' ? N_ZERO : N_INT;
      r->role = R_VALUE;
      char ch = (char)c;
      put(r, &ch, 1);
      r->st = S_NUM;
    } else {
      bad(r, "not valid JSON");
    }
    return;
  }
  r->lit_i = 1;
  r->st = S_LIT;
}

/* The string that just ended was a key. */
static void key_done(jsonl_reader *r) {
  r->slot = NULL;
  if (r->role != R_KEY)
    return;
  const char *id_key = r->keys, *raw_key = r->keys + r->id_key_len + 1;
  if (r->key_len == r->id_key_len && !memcmp(r->key, id_key, r->key_len))
    r->slot = &r->id;
  else if (r->key_len == r->raw_key_len && !memcmp(r->key, raw_key, r->key_len))
    r->slot = &r->raw;
  if (r->slot && r->slot->kind != JSONL_NONE) {
    r->slot->dup = true; /* the first value stays; the record is refused */
    r->slot = NULL;
  }
}

static bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int hex_digit(unsigned char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
    return (c | 0x20) - 'a' + 10;
  return -1;
}

/* One byte of a string (state S_STR). */
static void str_byte(jsonl_reader *r, unsigned char c) {
  for (;;) {
    if (r->u8_need) {
      bool ok = (c & 0xC0) == 0x80;
      if (ok && r->u8_n == 1) { /* no overlong, surrogate or > U+10FFFF */
        unsigned char l = r->u8[0];
        ok = !(l == 0xE0 && c < 0xA0) && !(l == 0xED && c > 0x9F) && !(l == 0xF0 && c < 0x90) &&
             !(l == 0xF4 && c > 0x8F);
      }
      if (ok) {
        r->u8[r->u8_n++] = c;
        if (--r->u8_need == 0)
          put(r, (const char *)r->u8, r->u8_n);
        return;
      }
      r->u8_need = 0;
      put_fffd(r);
      continue; /* c again, on its own */
    }
    if (c == '"') {
      flush_high(r);
      if (r->role != R_VALUE) {
        r->st = S_COLON;
        key_done(r);
      } else {
        value_done(r);
      }
      return;
    }
    if (c == '\\') {
      r->st = S_ESC;
      return;
    }
    if (c < 0x20) {
      bad(r, "not valid JSON");
      return;
    }
    flush_high(r);
    if (c < 0x80) {
      char ch = (char)c;
      put(r, &ch, 1);
    } else if (c >= 0xC2 && c <= 0xF4) {
      r->u8[0] = c;
      r->u8_n = 1;
      r->u8_need = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    } else {
      put_fffd(r);
    }
    return;
  }
}

/* The value of a \u escape. */
static void escape_cp(jsonl_reader *r, unsigned v) {
  if (v >= 0xDC00 && v <= 0xDFFF) {
    if (r->high) {
      unsigned cp = 0x10000 + ((r->high - 0xD800) << 10) + (v - 0xDC00);
      r->high = 0;
      put_cp(r, cp);
    } else {
      put_fffd(r);
    }
  } else if (v >= 0xD800 && v <= 0xDBFF) {
    flush_high(r);
    r->high = v;
  } else {
    flush_high(r);
    put_cp(r, v);
  }
}

static void number_byte(jsonl_reader *r, unsigned char c) {
  bool digit = c >= '0' && c <= '9';
  int n = -1;
  switch (r->num) {
  case N_MINUS: n = c == '0' ? N_ZERO : digit ? N_INT : -1; break;
  case N_ZERO:
  case N_INT:
    n = digit && r->num == N_INT ? N_INT : c == '.' ? N_DOT : (c | 0x20) == 'e' ? N_E : -2;
    break;
  case N_DOT: n = digit ? N_FRAC : -1; break;
  case N_FRAC: n = digit ? N_FRAC : (c | 0x20) == 'e' ? N_E : -2; break;
  case N_E: n = digit ? N_EXP : c == '+' || c == '-' ? N_ESIGN : -1; break;
  case N_ESIGN: n = digit ? N_EXP : -1; break;
  case N_EXP: n = digit ? N_EXP : -2; break;
  }
  if (n >= 0) {
    r->num = n;
    char ch = (char)c;
    put(r, &ch, 1);
  } else if (n == -1) {
    bad(r, "not valid JSON");
  } else {
    value_done(r); /* the number ended before c */
  }
}

static void byte(jsonl_reader *r, unsigned char c) {
  switch (r->st) {
  case S_STR:
    str_byte(r, c);
    return;
  case S_ESC: {
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *e = c ? strchr(from, c) : NULL;
    r->st = S_STR;
    if (e) {
      flush_high(r);
      put(r, &to[e - from], 1);
    } else if (c == 'u') {
      r->hex = r->hex_n = 0;
      r->st = S_HEX;
    } else {
      bad(r, "not valid JSON");
    }
    return;
  }
  case S_HEX: {
    int d = hex_digit(c);
    if (d < 0) {
      bad(r, "not valid JSON");
      return;
    }
    r->hex = r->hex << 4 | (unsigned)d;
    if (++r->hex_n == 4) {
      r->st = S_STR;
      escape_cp(r, r->hex);
    }
    return;
  }
  case S_NUM:
    number_byte(r, c);
    if (r->st != S_AFTER && r->st != S_END)
      return;
    break; /* c comes after the number */
  case S_LIT:
    if (c != (unsigned char)r->lit[r->lit_i]) {
      bad(r, "not valid JSON");
    } else if (!r->lit[++r->lit_i]) {
      value_done(r);
    }
    return;
  case S_BAD:
    return;
  default:
    break;
  }
  if (is_space(c))
    return;
  switch (r->st) {
  case S_VALUE:
    value_start(r, c);
    return;
  case S_ARR_FIRST:
    if (c == ']') {
      r->depth--;
      value_done(r);
    } else {
      r->st = S_VALUE;
      value_start(r, c);
    }
    return;
  case S_OBJ_FIRST:
  case S_OBJ_KEY:
    if (c == '}' && r->st == S_OBJ_FIRST) {
      r->depth--;
      value_done(r);
    } else if (c == '"') {
      r->role = r->depth == 1 ? R_KEY : R_OTHER;
      r->key_len = 0;
      r->target = NULL;
      r->st = S_STR;
    } else {
      bad(r, "not valid JSON");
    }
    return;
  case S_COLON:
    if (c == ':')
      r->st = S_VALUE;
    else
      bad(r, "not valid JSON");
    return;
  case S_AFTER:
    if (c == ',') {
      r->st = in_object(r) ? S_OBJ_KEY : S_VALUE;
    } else if (c == (in_object(r) ? '}' : ']')) {
      r->depth--;
      value_done(r);
    } else {
      bad(r, "not valid JSON");
    }
    return;
  default: /* S_END */
    bad(r, "not valid JSON");
    return;
  }
}

void jsonl_feed(jsonl_reader *r, const char *s, size_t n) {
  size_t i = 0;
  while (i < n && r->st != S_BAD) {
    if (r->st == S_STR && !r->u8_need && !r->high) {
      /* most of a line is plain ASCII inside strings: taken a run at a time */
      size_t j = i;
      for (unsigned char c; j < n && (c = (unsigned char)s[j]) >= 0x20 && c < 0x80 && c != '"' &&
                            c != '\\';)
        j++;
      if (j > i) {
        put(r, s + i, j - i);
        r->off += j - i;
        i = j;
        continue;
      }
    }
    byte(r, (unsigned char)s[i]);
    i++;
    r->off++;
  }
}

const char *jsonl_end(jsonl_reader *r) {
  if (r->st == S_NUM)
    number_byte(r, ' ');
  r->id.p[r->id.len] = '\0';
  r->raw.p[r->raw.len] = '\0';
  if (r->st == S_BAD)
    return r->why;
  if (r->st != S_END) {
    r->bad_off = r->off;
    return "not valid JSON";
  }
  return r->top_object ? NULL : "not a JSON object";
}

const jsonl_value *jsonl_id(const jsonl_reader *r) { return &r->id; }
const jsonl_value *jsonl_raw(const jsonl_reader *r) { return &r->raw; }
bool jsonl_repaired(const jsonl_reader *r) { return r->repaired; }
size_t jsonl_error_offset(const jsonl_reader *r) { return r->bad_off; }

const char *jsonl_kind_name(jsonl_kind k) {
  static const char *const names[] = {"absent", "string", "number", "boolean",
                                      "null", "object", "array"};
  return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "";
}
