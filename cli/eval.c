/*
 * eval.c: `refparse eval GOLD.jsonl`: field-level scores computed exactly as
 * ../shared/tools/score.py computes them (same text normalisation: NFKC,
 * dash and quote folding, space collapsing, edge trimming, case folding;
 * same author keys, page expansion and DOI prefix removal), so both print
 * the same numbers for the same predictions. Predictions are the library's
 * own CSL-JSON, read back with jansson like any consumer would.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "cli.h"

/* score.py's default field list (its FIELDS); --fields replaces it */
static const char *const DEFAULT_FIELDS[] = {"author", "author-item", "title", "container-title",
                                             "year", "volume", "issue", "page", "DOI"};
#define NDEFAULT 9
/* the reliability table's buckets: confidence [k/10, (k+1)/10), the last
 * one with 1.0 */
#define NBUCKET 10

/* ---- text(): the scorer's normalisation --------------------------------- */

static bool is_dash(UChar c) {
  return c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 ||
         c == 0x2015 || c == 0x2212 || c == 0xFE58 || c == 0xFE63 || c == 0xFF0D;
}
static int quote_of(UChar c) {
  if (c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B || c == 0x2032 || c == 0xB4 || c == '`')
    return '\'';
  if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0xAB || c == 0xBB || c == 0x2033)
    return '"';
  return 0;
}
static bool py_space(UChar32 c) {
  return u_isspace(c) || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x1F || c == 0x85;
}
static bool edge(UChar c) { return c < 0x80 && strchr(" \t.,;:'\"()[]{}<>*", (int)c) && c != 0; }

static UChar *u16(const char *s, int32_t *len) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t n = 0;
  u_strFromUTF8WithSub(NULL, 0, &n, s, -1, 0xFFFD, NULL, &st);
  st = U_ZERO_ERROR;
  UChar *u = malloc(((size_t)n + 1) * sizeof(UChar));
  if (!u)
    return NULL;
  u_strFromUTF8WithSub(u, n + 1, len, s, -1, 0xFFFD, NULL, &st);
  if (U_FAILURE(st)) {
    free(u);
    return NULL;
  }
  return u;
}

static char *u8(const UChar *u, int32_t n) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t need = 0;
  u_strToUTF8(NULL, 0, &need, u, n, &st);
  st = U_ZERO_ERROR;
  char *s = malloc((size_t)need + 1);
  if (!s)
    return NULL;
  u_strToUTF8(s, need + 1, NULL, u, n, &st);
  return s;
}

static UChar *nfkc(const char *s, int32_t *len) {
  int32_t n;
  UChar *u = u16(s, &n);
  if (!u)
    return NULL;
  UErrorCode st = U_ZERO_ERROR;
  const UNormalizer2 *k = unorm2_getNFKCInstance(&st);
  int32_t cap = n * 4 + 16;
  UChar *o = malloc((size_t)cap * sizeof(UChar));
  if (!o) {
    free(u);
    return NULL;
  }
  *len = unorm2_normalize(k, u, n, o, cap, &st);
  free(u);
  if (U_FAILURE(st)) {
    free(o);
    return NULL;
  }
  return o;
}

/* Returns a malloc'd normalised UTF-8 string, or NULL for "None". */
static char *norm_text(const char *s) {
  if (!s)
    return NULL;
  int32_t n;
  UChar *u = nfkc(s, &n);
  if (!u)
    return NULL;
  /* translate, collapse spaces */
  UChar *o = malloc(((size_t)n + 1) * sizeof(UChar));
  int32_t m = 0;
  bool sp = false;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    int32_t start = i;
    U16_NEXT(u, i, n, c);
    if (py_space(c)) {
      sp = true;
      continue;
    }
    if (sp)
      o[m++] = ' ';
    sp = false;
    if (c < 0x10000 && is_dash((UChar)c))
      o[m++] = '-';
    else if (c < 0x10000 && quote_of((UChar)c))
      o[m++] = (UChar)quote_of((UChar)c);
    else
      for (int32_t k = start; k < i; k++)
        o[m++] = u[k];
  }
  if (sp)
    o[m++] = ' ';
  free(u);
  int32_t a = 0, b = m;
  while (a < b && edge(o[a]))
    a++;
  while (b > a && edge(o[b - 1]))
    b--;
  UErrorCode st = U_ZERO_ERROR;
  int32_t cap = (b - a) * 3 + 16;
  UChar *f = malloc((size_t)cap * sizeof(UChar));
  int32_t fl = u_strFoldCase(f, cap, o + a, b - a, U_FOLD_CASE_DEFAULT, &st);
  free(o);
  if (U_FAILURE(st)) {
    free(f);
    return NULL;
  }
  /* \s*-\s* -> - */
  UChar *g = malloc(((size_t)fl + 1) * sizeof(UChar));
  int32_t gl = 0;
  for (int32_t i = 0; i < fl; i++) {
    if (f[i] == '-') {
      while (gl > 0 && py_space(g[gl - 1]))
        gl--;
      g[gl++] = '-';
      while (i + 1 < fl && py_space(f[i + 1]))
        i++;
      continue;
    }
    g[gl++] = f[i];
  }
  free(f);
  char *res = gl ? u8(g, gl) : NULL;
  free(g);
  return res;
}

static char *initials(const char *given) {
  int32_t n;
  UChar *u = nfkc(given ? given : "", &n);
  if (!u)
    return strdup("");
  UChar out[512];
  int32_t ol = 0;
  for (int32_t i = 0; i < n;) {
    /* a run of [^\W\d_] */
    int32_t a = i;
    UChar32 c;
    U16_GET(u, 0, i, n, c);
    int8_t t = u_charType(c);
    bool w = u_isalpha(c) || t == U_LETTER_NUMBER || t == U_OTHER_NUMBER;
    if (!w) {
      U16_FWD_1(u, i, n);
      continue;
    }
    int32_t b = i, count = 0;
    bool cased = false, upper = true;
    while (b < n) {
      UChar32 d;
      int32_t nb = b;
      U16_NEXT(u, nb, n, d);
      int8_t td = u_charType(d);
      if (!(u_isalpha(d) || td == U_LETTER_NUMBER || td == U_OTHER_NUMBER))
        break;
      if (u_isULowercase(d) || u_istitle(d))
        upper = false;
      if (u_isUUppercase(d))
        cased = true;
      count++;
      b = nb;
    }
    if (upper && cased && count <= 4) {
      for (int32_t k = a; k < b && ol < 500; k++)
        out[ol++] = u[k];
    } else {
      UChar32 f0;
      int32_t x = a;
      U16_NEXT(u, x, n, f0);
      UChar tmp[4];
      int32_t tl = 0;
      U16_APPEND_UNSAFE(tmp, tl, f0);
      UErrorCode st = U_ZERO_ERROR;
      UChar up[8];
      int32_t ul = u_strToUpper(up, 8, tmp, tl, "", &st);
      for (int32_t k = 0; k < ul && ol < 500; k++)
        out[ol++] = up[k];
    }
    i = b;
  }
  free(u);
  char *r = u8(out, ol);
  return r ? r : strdup("");
}

/* ---- values ------------------------------------------------------------- */

typedef struct akey {
  char *a, *b; /* family text (or "lit"), initials (or literal text) */
  bool lit;
} akey;

typedef struct alist {
  akey *v;
  size_t n;
  bool none;
} alist;

static char *str_or_num(json_t *v) {
  if (json_is_string(v))
    return strdup(json_string_value(v));
  if (json_is_integer(v)) {
    char b[32];
    snprintf(b, sizeof b, "%lld", (long long)json_integer_value(v));
    return strdup(b);
  }
  if (json_is_real(v)) {
    char b[64];
    double d = json_real_value(v);
    if (d == (long long)d)
      snprintf(b, sizeof b, "%.1f", d);
    else
      snprintf(b, sizeof b, "%.17g", d);
    return strdup(b);
  }
  return NULL;
}

static char *text_of(json_t *v) {
  char *s = str_or_num(v);
  char *t = norm_text(s);
  free(s);
  return t;
}

static alist authors(json_t *item) {
  alist l = {NULL, 0, true};
  json_t *v = json_object_get(item, "author");
  if (!json_is_array(v) || json_array_size(v) == 0)
    return l;
  l.v = calloc(json_array_size(v), sizeof *l.v);
  size_t i;
  json_t *a;
  json_array_foreach(v, i, a) {
    if (!json_is_object(a))
      continue;
    json_t *lit = json_object_get(a, "literal");
    bool truthy_lit = json_is_string(lit) ? json_string_length(lit) > 0 : (lit && !json_is_null(lit) && !json_is_false(lit));
    if (truthy_lit) {
      akey k = {strdup("lit"), text_of(lit), true};
      l.v[l.n++] = k;
      continue;
    }
    static const char *const parts[] = {"dropping-particle", "non-dropping-particle", "particle", "family"};
    char fam[2048] = "";
    for (int p = 0; p < 4; p++) {
      json_t *x = json_object_get(a, parts[p]);
      if (json_is_string(x) && json_string_length(x)) {
        if (fam[0])
          strncat(fam, " ", sizeof fam - strlen(fam) - 1);
        strncat(fam, json_string_value(x), sizeof fam - strlen(fam) - 1);
      }
    }
    char *ft = norm_text(fam);
    if (!ft)
      continue;
    json_t *g = json_object_get(a, "given");
    akey k = {ft, initials(json_is_string(g) ? json_string_value(g) : ""), false};
    l.v[l.n++] = k;
  }
  l.none = l.n == 0;
  return l;
}

static void alist_free(alist *l) {
  for (size_t i = 0; i < l->n; i++) {
    free(l->v[i].a);
    free(l->v[i].b);
  }
  free(l->v);
}

static bool key_eq(const akey *x, const akey *y) {
  if (x->lit != y->lit)
    return false;
  if (strcmp(x->a, y->a))
    return false;
  if (!x->b || !y->b)
    return x->b == y->b;
  return strcmp(x->b, y->b) == 0;
}

static char *year_of(json_t *item) {
  json_t *v = json_object_get(item, "issued");
  char *s = NULL;
  if (json_is_object(v)) {
    json_t *dp = json_object_get(v, "date-parts");
    if (json_is_array(dp) && json_array_size(dp) && json_is_array(json_array_get(dp, 0)) &&
        json_array_size(json_array_get(dp, 0))) {
      json_t *x = json_array_get(json_array_get(dp, 0), 0);
      s = str_or_num(x);
      if (!s && json_is_true(x))
        s = strdup("True");
    } else {
      json_t *r = json_object_get(v, "raw");
      if (!(json_is_string(r) && json_string_length(r)))
        r = json_object_get(v, "literal");
      s = str_or_num(r);
    }
  } else if (json_is_string(v) || json_is_integer(v)) {
    s = str_or_num(v);
  }
  if (!s)
    return NULL;
  /* \b(1[5-9]\d\d|20\d\d)\b */
  char *res = NULL;
  size_t n = strlen(s);
  for (size_t i = 0; i + 4 <= n && !res; i++) {
    bool lb = i == 0 || !(((unsigned char)s[i - 1] >= '0' && s[i - 1] <= '9') ||
                          ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z') || s[i - 1] == '_' ||
                          (unsigned char)s[i - 1] >= 0x80);
    bool rb = i + 4 == n || !((s[i + 4] >= '0' && s[i + 4] <= '9') ||
                              ((s[i + 4] | 0x20) >= 'a' && (s[i + 4] | 0x20) <= 'z') || s[i + 4] == '_' ||
                              (unsigned char)s[i + 4] >= 0x80);
    bool digits = s[i] >= '0' && s[i] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9' &&
                  s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9';
    bool range = (s[i] == '1' && s[i + 1] >= '5') || (s[i] == '2' && s[i + 1] == '0');
    if (lb && rb && digits && range)
      res = strndup(s + i, 4);
  }
  free(s);
  return res;
}

static char *page_of(json_t *item) {
  char *v = text_of(json_object_get(item, "page"));
  if (!v)
    return NULL;
  /* ^(pp?|pages?)\.?\s* */
  char *p = v;
  if (!strncmp(p, "pages", 5))
    p += 5;
  else if (!strncmp(p, "page", 4))
    p += 4;
  else if (!strncmp(p, "pp", 2))
    p += 2;
  else if (p[0] == 'p')
    p += 1;
  if (p != v) {
    if (*p == '.')
      p++;
    while (*p == ' ' || *p == '\t')
      p++;
  }
  /* ([a-z]?)(\d+)-([a-z]?)(\d+) */
  const char *q = p;
  char pre = 0;
  if (*q >= 'a' && *q <= 'z')
    pre = *q++;
  const char *d1 = q;
  while (*q >= '0' && *q <= '9')
    q++;
  size_t l1 = (size_t)(q - d1);
  char *res = NULL;
  if (l1 && *q == '-') {
    q++;
    char pre2 = 0;
    if (*q >= 'a' && *q <= 'z')
      pre2 = *q++;
    const char *d2 = q;
    while (*q >= '0' && *q <= '9')
      q++;
    size_t l2 = (size_t)(q - d2);
    if (l2 && *q == '\0' && !pre2 && l2 < l1) {
      char buf[256];
      snprintf(buf, sizeof buf, "%s%.*s-%s%.*s%.*s", pre ? (char[]){pre, 0} : "", (int)l1, d1,
               pre ? (char[]){pre, 0} : "", (int)(l1 - l2), d1, (int)l2, d2);
      res = strdup(buf);
    }
  }
  if (!res)
    res = strdup(p);
  free(v);
  return res;
}

static char *doi_of(json_t *item) {
  char *v = text_of(json_object_get(item, "DOI"));
  if (!v)
    return NULL;
  const char *p = v;
  if (!strncmp(p, "https://", 8) || !strncmp(p, "http://", 7)) {
    const char *q = p + (p[4] == 's' ? 8 : 7);
    if (!strncmp(q, "dx.", 3))
      q += 3;
    if (!strncmp(q, "doi.org/", 8))
      p = q + 8;
  } else if (!strncmp(p, "doi:", 4)) {
    p += 4;
    while (*p == ' ' || *p == '\t')
      p++;
  }
  char *r = strdup(p);
  free(v);
  return r;
}

static char *value_of(json_t *item, const char *f) {
  if (!strcmp(f, "year"))
    return year_of(item);
  if (!strcmp(f, "page"))
    return page_of(item);
  if (!strcmp(f, "DOI"))
    return doi_of(item);
  json_t *v = json_object_get(item, f);
  if (json_is_array(v))
    v = json_array_size(v) ? json_array_get(v, 0) : NULL;
  return text_of(v);
}

static bool alist_eq(const alist *x, const alist *y) {
  if (x->none || y->none)
    return x->none && y->none;
  if (x->n != y->n)
    return false;
  for (size_t i = 0; i < x->n; i++)
    if (!key_eq(&x->v[i], &y->v[i]))
      return false;
  return true;
}

static void print_alist(FILE *f, const alist *l) {
  if (l->none) {
    fputs("None", f);
    return;
  }
  fputc('(', f);
  for (size_t i = 0; i < l->n; i++)
    fprintf(f, "%s('%s', '%s')", i ? ", " : "", l->v[i].a, l->v[i].b ? l->v[i].b : "None");
  fputc(')', f);
}

/* Parse one reference into a CSL-JSON line (malloc'd), NULL on error;
 * *conf gets its rp_result_confidence (0 on error). */
static char *parse_line(const rp_parser *p, const char *text, size_t len, const char *id,
                        size_t id_len, size_t *out_len, double *conf) {
  rp_result *r = NULL;
  rp_status st = rp_parse(p, text, len, &r);
  char *out = NULL;
  *conf = 0;
  if (st == RP_OK) {
    *conf = rp_result_confidence(r);
    st = rp_write_csljson(r, id, id_len, 0, &out, out_len);
  }
  rp_result_free(r);
  if (st != RP_OK) {
    rp_free(out);
    return NULL;
  }
  return out;
}

typedef struct counts {
  long expected, predicted, correct;
} counts;

/* The fields to score: score.py's default list, or fields_arg split at
 * commas as score.py's --fields splits it (empty items kept). Returns the
 * count, or -1 when out of memory; *list and *buf are the caller's. */
static int field_list(const char *fields_arg, const char ***list, char **buf) {
  *buf = NULL;
  if (!fields_arg) {
    *list = malloc(sizeof DEFAULT_FIELDS);
    if (!*list)
      return -1;
    memcpy(*list, DEFAULT_FIELDS, sizeof DEFAULT_FIELDS);
    return NDEFAULT;
  }
  int n = 1;
  for (const char *q = fields_arg; *q; q++)
    n += *q == ',';
  *list = malloc((size_t)n * sizeof **list);
  *buf = strdup(fields_arg);
  if (!*list || !*buf)
    return -1;
  int k = 0;
  char *q = *buf;
  (*list)[k++] = q;
  for (; *q; q++)
    if (*q == ',') {
      *q = '\0';
      (*list)[k++] = q + 1;
    }
  return n;
}

int cli_eval(const rp_parser *p, const char *gold_path, const char *fields_arg, int errors,
             bool json_out, int threads) {
  (void)threads;
  const char **FIELDS = NULL;
  char *fields_buf = NULL;
  int NF = field_list(fields_arg, &FIELDS, &fields_buf);
  counts *c = NF > 0 ? calloc((size_t)NF, sizeof *c) : NULL;
  double *P = NF > 0 ? calloc((size_t)NF * 3, sizeof *P) : NULL;
  if (!c || !P) {
    fputs("refparse: out of memory\n", stderr);
    free(FIELDS), free(fields_buf), free(c), free(P);
    return 1;
  }
  double *R = P + NF, *F = P + 2 * NF;
  /* per bucket: references, sum of confidences, all fields correct */
  long bn[NBUCKET] = {0}, bok[NBUCKET] = {0};
  double bsum[NBUCKET] = {0};
  FILE *f = fopen(gold_path, "rb");
  if (!f) {
    fprintf(stderr, "refparse: %s: %s\n", gold_path, strerror(errno));
    free(FIELDS), free(fields_buf), free(c), free(P);
    return 1;
  }
  long n = 0, whole = 0;
  int shown = 0;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int rc = 0;
  long lineno = 0;
  while ((len = getline(&line, &cap, f)) > 0) {
    lineno++;
    bool blank = true;
    for (ssize_t i = 0; i < len; i++)
      if (line[i] != ' ' && line[i] != '\t' && line[i] != '\n' && line[i] != '\r')
        blank = false;
    if (blank)
      continue;
    json_error_t err;
    json_t *g = json_loadb(line, (size_t)len, 0, &err);
    if (!json_is_object(g)) {
      fprintf(stderr, "refparse: %s:%ld: not a JSON object: %s\n", gold_path, lineno, err.text);
      json_decref(g);
      rc = 1;
      break;
    }
    n++;
    json_t *gi = json_object_get(g, "gold");
    if (!json_is_object(gi)) {
      /* scoring without gold would report success on nothing */
      fprintf(stderr, "refparse: %s:%ld: record has no \"gold\" object; eval needs gold records\n",
              gold_path, lineno);
      json_decref(g);
      rc = 1;
      break;
    }
    json_t *raw = json_object_get(g, "raw");
    json_t *idv = json_object_get(g, "id");
    char *id = str_or_num(idv);
    char *out = NULL;
    size_t out_len = 0;
    double conf = 0;
    if (json_is_string(raw))
      out = parse_line(p, json_string_value(raw), json_string_length(raw), id ? id : "",
                       id ? strlen(id) : 0, &out_len, &conf);
    json_t *pred = out ? json_loadb(out, out_len, 0, &err) : NULL;
    rp_free(out);
    if (!json_is_object(pred)) {
      json_decref(pred);
      pred = json_object();
    }
    json_incref(gi);
    bool ok_all = true;
    for (int k = 0; k < NF; k++) {
      const char *fld = FIELDS[k];
      if (!strcmp(fld, "author-item")) {
        alist ga = authors(gi), pa = authors(pred);
        c[k].expected += (long)ga.n;
        c[k].predicted += (long)pa.n;
        bool *used = calloc(pa.n + 1, 1);
        for (size_t i = 0; i < ga.n; i++)
          for (size_t j = 0; j < pa.n; j++)
            if (!used[j] && key_eq(&ga.v[i], &pa.v[j])) {
              used[j] = true;
              c[k].correct++;
              break;
            }
        free(used);
        alist_free(&ga);
        alist_free(&pa);
        continue;
      }
      bool gnone, pnone, eq;
      char *gs = NULL, *ps = NULL;
      alist ga = {0}, pa = {0};
      if (!strcmp(fld, "author")) {
        ga = authors(gi);
        pa = authors(pred);
        gnone = ga.none;
        pnone = pa.none;
        eq = alist_eq(&ga, &pa);
      } else {
        gs = value_of(gi, fld);
        ps = value_of(pred, fld);
        gnone = !gs;
        pnone = !ps;
        eq = gs && ps && !strcmp(gs, ps);
      }
      if (!gnone)
        c[k].expected++;
      if (!pnone)
        c[k].predicted++;
      if (!gnone && eq) {
        c[k].correct++;
      } else if (!gnone || !pnone) {
        if (!gnone)
          ok_all = false;
        if (errors && shown < errors && !gnone) {
          shown++;
          fprintf(stderr, "[%s] %s: gold=", id ? id : "", fld);
          if (!strcmp(fld, "author"))
            print_alist(stderr, &ga);
          else
            fprintf(stderr, "'%s'", gs);
          fputs(" pred=", stderr);
          if (!strcmp(fld, "author"))
            print_alist(stderr, &pa);
          else if (ps)
            fprintf(stderr, "'%s'", ps);
          else
            fputs("None", stderr);
          fprintf(stderr, "\n    %s\n", json_is_string(raw) ? json_string_value(raw) : "");
        }
      }
      free(gs);
      free(ps);
      alist_free(&ga);
      alist_free(&pa);
    }
    whole += ok_all;
    int bk = conf >= 1 ? NBUCKET - 1 : conf > 0 ? (int)(conf * NBUCKET) : 0;
    bn[bk]++;
    bsum[bk] += conf;
    bok[bk] += ok_all;
    free(id);
    json_decref(pred);
    json_decref(gi);
    json_decref(g);
  }
  free(line);
  if (!rc && ferror(f)) {
    fprintf(stderr, "refparse: %s: read error: %s\n", gold_path, strerror(errno));
    rc = 1;
  }
  fclose(f);
  if (!rc && n == 0) {
    fprintf(stderr, "refparse: %s: no gold records\n", gold_path);
    rc = 1;
  }
  if (rc) {
    free(FIELDS), free(fields_buf), free(c), free(P);
    return rc;
  }
  double macro = 0;
  int scored = 0;
  for (int k = 0; k < NF; k++) {
    P[k] = c[k].predicted ? (double)c[k].correct / (double)c[k].predicted : 0.0;
    R[k] = c[k].expected ? (double)c[k].correct / (double)c[k].expected : 0.0;
    F[k] = P[k] + R[k] > 0 ? 2 * P[k] * R[k] / (P[k] + R[k]) : 0.0;
    if (c[k].expected) {
      macro += F[k];
      scored++;
    }
  }
  macro = scored ? macro / scored : 0.0;
  double acc = n ? (double)whole / (double)n : 0.0;
  if (json_out) {
    printf("{\"n\": %ld, \"fields\": {", n);
    for (int k = 0; k < NF; k++)
      printf("%s\"%s\": {\"precision\": %.17g, \"recall\": %.17g, \"f1\": %.17g, \"expected\": %ld, "
             "\"predicted\": %ld, \"correct\": %ld}",
             k ? ", " : "", FIELDS[k], P[k], R[k], F[k], c[k].expected, c[k].predicted, c[k].correct);
    printf("}, \"macro_f1\": %.17g, \"instance_accuracy\": %.17g, \"reliability\": [", macro,
           acc);
    bool first = true;
    for (int k = 0; k < NBUCKET; k++)
      if (bn[k]) {
        printf("%s{\"from\": %.1f, \"to\": %.1f, \"references\": %ld, \"mean_confidence\": %.17g, "
               "\"all_fields_correct\": %.17g}",
               first ? "" : ", ", k / 10.0, (k + 1) / 10.0, bn[k], bsum[k] / (double)bn[k],
               (double)bok[k] / (double)bn[k]);
        first = false;
      }
    printf("]}\n");
  } else {
    printf("%-16s %6s %6s %6s %8s\n", "field", "prec", "recall", "f1", "expected");
    for (int k = 0; k < NF; k++)
      if (c[k].expected)
        printf("%-16s %6.3f %6.3f %6.3f %8ld\n", FIELDS[k], P[k], R[k], F[k], c[k].expected);
    printf("references %ld  macro-F1 %.3f  all-fields-correct %.3f\n", n, macro, acc);
    /* the reliability table: how often records given a confidence are
     * right (all scored fields correct) */
    printf("\n%-10s %10s %6s %18s\n", "confidence", "references", "mean", "all-fields-correct");
    for (int k = 0; k < NBUCKET; k++)
      if (bn[k])
        printf("%.1f-%.1f    %10ld %6.3f %18.3f\n", k / 10.0, (k + 1) / 10.0, bn[k],
               bsum[k] / (double)bn[k], (double)bok[k] / (double)bn[k]);
  }
  free(FIELDS), free(fields_buf), free(c), free(P);
  return 0;
}
