/*
 * corpus_runner.c: check corpus/<style>.jsonl gold records against the
 * library, field by field and exactly, one TAP line per record.
 *
 * usage: corpus_runner [--xfail FILE] [--root DIR] [--cli REFPARSE] FILE.jsonl...
 *
 * Each line is {"id", "raw", "gold": {CSL-JSON}}. The raw string is parsed
 * with rp_parse, written with rp_write_csljson and read back with jansson,
 * as any consumer would. With --cli, the output comes instead from
 * `REFPARSE parse --input jsonl FILE` (the same check through the command).
 *
 * A record passes when every key gold has is equal in the output:
 *   type, title, container-title, collection-title, publisher,
 *   publisher-place, volume, issue, page, number-of-pages, edition, genre,
 *   DOI, PMID, PMCID, URL, ISBN, ISSN, citation-number, version, number,
 *   collection-number, number-of-volumes, volume-title (strings; a JSON
 *   number compares by its decimal text), issued.date-parts[0][0] (year),
 *   original-date.date-parts[0][0],
 *   author/editor/translator (same length; family with any particles
 *   joined in front, given, suffix, literal of each name, absent = absent),
 *   custom.et-al (absent = false);
 * and the output has none of title, container-title, volume, issue, page,
 * DOI, author that gold lacks (a spurious field).
 *
 * A failure prints "# corpus/seeds.jsonl:42 title: expected X got Y" (file
 * names relative to --root). Ids in the --xfail file (one a line, '#'
 * comments) are reported "# TODO" and do not fail the run.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <refparse.h>

static const char *const STRING_KEYS[] = {
    "type",      "title",           "container-title", "collection-title", "publisher",
    "publisher-place", "volume",    "issue",           "page",             "number-of-pages",
    "edition",   "genre",           "DOI",             "PMID",             "PMCID",
    "URL",       "ISBN",            "ISSN",            "citation-number", "version",
    "number",    "collection-number", "number-of-volumes", "volume-title"};
static const char *const NAME_KEYS[] = {"author", "editor", "translator"};
static const char *const NAME_PARTS[] = {"family", "given", "suffix", "literal"};
static const char *const SPURIOUS_KEYS[] = {"title", "container-title", "volume", "issue",
                                            "page",  "DOI",             "author"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct xfail {
  char **ids;
  size_t n, cap;
  bool *used;
} xfail;

static char *xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (!p) {
    fputs("Bail out! out of memory\n", stdout);
    exit(1);
  }
  return memcpy(p, s, n);
}

static bool load_xfail(xfail *x, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return false;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) > 0) {
    char *h = strchr(line, '#');
    if (h)
      *h = '\0';
    char *a = line, *b = line + strlen(line);
    while (*a == ' ' || *a == '\t')
      a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n' || b[-1] == '\r'))
      b--;
    if (b == a)
      continue;
    *b = '\0';
    if (x->n == x->cap) {
      x->cap = x->cap ? 2 * x->cap : 16;
      x->ids = realloc(x->ids, x->cap * sizeof *x->ids);
      if (!x->ids) {
        fputs("Bail out! out of memory\n", stdout);
        exit(1);
      }
    }
    x->ids[x->n++] = xstrdup(a);
  }
  free(line);
  fclose(f);
  x->used = calloc(x->n + 1, sizeof *x->used);
  return true;
}

static bool is_xfail(xfail *x, const char *id) {
  for (size_t i = 0; i < x->n; i++)
    if (!strcmp(x->ids[i], id)) {
      x->used[i] = true;
      return true;
    }
  return false;
}

/* ---- comparing ------------------------------------------------------------- */

typedef struct rec_ctx {
  const char *where; /* "corpus/seeds.jsonl:42" */
  int problems;
  FILE *diag;        /* diagnostics, printed after the record's TAP line */
  char *diag_buf;
  size_t diag_len;
} rec_ctx;

/* Text of a scalar for comparison: strings as they are, integers in
 * decimal, other JSON as compact JSON. NULL for absent/null. Caller frees. */
static char *scalar_text(json_t *v) {
  if (!v || json_is_null(v))
    return NULL;
  if (json_is_string(v))
    return xstrdup(json_string_value(v));
  if (json_is_integer(v)) {
    char b[32];
    snprintf(b, sizeof b, "%lld", (long long)json_integer_value(v));
    return xstrdup(b);
  }
  char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
  return s ? s : xstrdup("?");
}

static void show(FILE *f, json_t *v) {
  if (!v) {
    fputs("(absent)", f);
    return;
  }
  char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
  fputs(s ? s : "?", f);
  free(s);
}

static void problem(rec_ctx *c, const char *field, json_t *exp, json_t *got) {
  c->problems++;
  fprintf(c->diag, "# %s %s: expected ", c->where, field);
  show(c->diag, exp);
  fputs(" got ", c->diag);
  show(c->diag, got);
  fputc('\n', c->diag);
}

static void compare_scalar(rec_ctx *c, const char *field, json_t *exp, json_t *got) {
  char *a = scalar_text(exp), *b = scalar_text(got);
  bool same = (!a && !b) || (a && b && !strcmp(a, b));
  if (!same)
    problem(c, field, exp, got);
  free(a);
  free(b);
}

/* The year of date variable key ("issued", "original-date"). */
static json_t *year_of(json_t *item, const char *key) {
  json_t *dp = json_object_get(json_object_get(item, key), "date-parts");
  return json_array_get(json_array_get(dp, 0), 0);
}

/* A new reference to name's part; for "family" the particles joined in
 * front ("van der" + "Berg" -> "van der Berg"), as gold writes them. */
static json_t *full_family(json_t *name, const char *part) {
  json_t *v = json_object_get(name, part);
  if (strcmp(part, "family") || !json_is_string(v))
    return json_incref(v);
  static const char *const particles[] = {"dropping-particle", "non-dropping-particle"};
  char full[2048];
  size_t n = 0;
  for (size_t k = 0; k < COUNT(particles); k++) {
    const char *p = json_string_value(json_object_get(name, particles[k]));
    if (p && *p && n < sizeof full)
      n += (size_t)snprintf(full + n, sizeof full - n, "%s ", p);
  }
  if (n >= sizeof full || (size_t)snprintf(full + n, sizeof full - n, "%s", json_string_value(v)) >= sizeof full - n)
    return json_incref(v);
  return json_string(full);
}

static void compare_names(rec_ctx *c, const char *key, json_t *exp, json_t *got) {
  if (!json_is_array(exp) || (got && !json_is_array(got))) {
    problem(c, key, exp, got);
    return;
  }
  size_t ne = json_array_size(exp), ng = json_array_size(got);
  if (ne != ng) {
    char f[64];
    snprintf(f, sizeof f, "%s (count %zu vs %zu)", key, ne, ng);
    problem(c, f, exp, got);
    return;
  }
  for (size_t i = 0; i < ne; i++) {
    json_t *e = json_array_get(exp, i), *g = json_array_get(got, i);
    for (size_t k = 0; k < COUNT(NAME_PARTS); k++) {
      char f[64];
      snprintf(f, sizeof f, "%s[%zu].%s", key, i, NAME_PARTS[k]);
      json_t *ev = full_family(e, NAME_PARTS[k]), *gv = full_family(g, NAME_PARTS[k]);
      compare_scalar(c, f, ev, gv);
      json_decref(ev);
      json_decref(gv);
    }
  }
}

static void compare(rec_ctx *c, json_t *gold, json_t *out) {
  for (size_t k = 0; k < COUNT(STRING_KEYS); k++) {
    json_t *e = json_object_get(gold, STRING_KEYS[k]);
    if (e)
      compare_scalar(c, STRING_KEYS[k], e, json_object_get(out, STRING_KEYS[k]));
  }
  if (json_object_get(gold, "issued"))
    compare_scalar(c, "issued", year_of(gold, "issued"), year_of(out, "issued"));
  if (json_object_get(gold, "original-date"))
    compare_scalar(c, "original-date", year_of(gold, "original-date"), year_of(out, "original-date"));
  for (size_t k = 0; k < COUNT(NAME_KEYS); k++) {
    json_t *e = json_object_get(gold, NAME_KEYS[k]);
    if (e)
      compare_names(c, NAME_KEYS[k], e, json_object_get(out, NAME_KEYS[k]));
  }
  json_t *ge = json_object_get(json_object_get(gold, "custom"), "et-al");
  json_t *oe = json_object_get(json_object_get(out, "custom"), "et-al");
  if (json_is_true(ge) != json_is_true(oe))
    problem(c, "custom.et-al", ge ? ge : json_false(), oe ? oe : json_false());
  for (size_t k = 0; k < COUNT(SPURIOUS_KEYS); k++) {
    json_t *o = json_object_get(out, SPURIOUS_KEYS[k]);
    if (o && !json_object_get(gold, SPURIOUS_KEYS[k])) {
      char f[64];
      snprintf(f, sizeof f, "%s (spurious)", SPURIOUS_KEYS[k]);
      problem(c, f, NULL, o);
    }
  }
}

/* ---- producing output ---------------------------------------------------------- */

static char *via_library(const rp_parser *p, json_t *raw, const char *id, size_t *len) {
  rp_result *r = NULL;
  char *out = NULL;
  rp_status st = rp_parse(p, json_string_value(raw), json_string_length(raw), &r);
  if (st == RP_OK)
    st = rp_write_csljson(r, id, strlen(id), 0, &out, len);
  rp_result_free(r);
  if (st != RP_OK) {
    printf("# rp_parse/rp_write_csljson failed: %s\n", rp_strerror(st));
    rp_free(out);
    return NULL;
  }
  return out;
}

/* Returns the CLI's stdout for FILE, or NULL. */
static FILE *via_cli(const char *exe, const char *path) {
  if (strchr(exe, '\'') || strchr(path, '\''))
    return NULL;
  size_t n = strlen(exe) + strlen(path) + 64;
  char *cmd = malloc(n);
  if (!cmd)
    return NULL;
  snprintf(cmd, n, "'%s' parse --quiet --input jsonl '%s'", exe, path);
  FILE *f = popen(cmd, "r");
  free(cmd);
  return f;
}

static const char *display_name(const char *path, const char *root) {
  size_t n = root ? strlen(root) : 0;
  if (n && !strncmp(path, root, n) && path[n] == '/')
    return path + n + 1;
  return path;
}

static bool is_blank(const char *s) {
  for (; *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      return false;
  return true;
}

int main(int argc, char **argv) {
  const char *xfail_path = NULL, *root = NULL, *cli = NULL;
  const char *files[256];
  int nfiles = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--xfail") && i + 1 < argc)
      xfail_path = argv[++i];
    else if (!strcmp(argv[i], "--root") && i + 1 < argc)
      root = argv[++i];
    else if (!strcmp(argv[i], "--cli") && i + 1 < argc)
      cli = argv[++i];
    else if (argv[i][0] == '-') {
      fprintf(stderr, "usage: corpus_runner [--xfail FILE] [--root DIR] [--cli EXE] FILE...\n");
      return 2;
    } else if (nfiles < 256)
      files[nfiles++] = argv[i];
  }
  if (!nfiles) {
    puts("Bail out! no corpus file given");
    return 1;
  }
  xfail xf = {0};
  if (xfail_path && !load_xfail(&xf, xfail_path)) {
    printf("Bail out! cannot read %s\n", xfail_path);
    return 1;
  }
  rp_parser *p = NULL;
  rp_options *popt = rp_options_new();
  /* RP_TEST_NO_JIT=1: the interpreter, for valgrind (see tests/run-all.sh) */
  const char *nojit = getenv("RP_TEST_NO_JIT");
  if (popt && nojit && !strcmp(nojit, "1"))
    rp_options_set_flags(popt, rp_options_flags(popt) | RP_OPT_NO_JIT);
  rp_status pst = popt ? rp_parser_new(popt, &p) : RP_ERR_NOMEM;
  rp_options_free(popt);
  if (pst != RP_OK) {
    puts("Bail out! rp_parser_new failed");
    return 1;
  }
  int n = 0, failed = 0, todo = 0;
  for (int fi = 0; fi < nfiles; fi++) {
    const char *name = display_name(files[fi], root);
    FILE *f = fopen(files[fi], "rb");
    if (!f) {
      printf("Bail out! cannot open %s\n", files[fi]);
      return 1;
    }
    FILE *co = NULL;
    if (cli && !(co = via_cli(cli, files[fi]))) {
      printf("Bail out! cannot run %s\n", cli);
      return 1;
    }
    char *line = NULL, *oline = NULL;
    size_t cap = 0, ocap = 0;
    long lineno = 0;
    while (getline(&line, &cap, f) > 0) {
      lineno++;
      if (is_blank(line))
        continue; /* not a record, for refparse eval and the CLI alike */
      char where[512];
      snprintf(where, sizeof where, "%s:%ld", name, lineno);
      rec_ctx c = {where, 0, NULL, NULL, 0};
      c.diag = open_memstream(&c.diag_buf, &c.diag_len);
      if (!c.diag) {
        puts("Bail out! out of memory");
        return 1;
      }
      json_error_t err;
      json_t *rec = json_loads(line, 0, &err);
      json_t *idv = json_object_get(rec, "id"), *raw = json_object_get(rec, "raw");
      json_t *gold = json_object_get(rec, "gold");
      char *id = scalar_text(idv);
      char *out = NULL;
      size_t out_len = 0;
      if (co) {
        ssize_t ol = getline(&oline, &ocap, co);
        if (ol > 0) {
          out_len = (size_t)ol - (oline[ol - 1] == '\n');
          out = malloc(out_len + 1);
          memcpy(out, oline, out_len);
          out[out_len] = '\0';
        }
      }
      n++;
      if (!json_is_object(rec) || !json_is_string(raw) || !json_is_object(gold) || !id) {
        printf("not ok %d - %s\n# %s: not a {\"id\",\"raw\",\"gold\"} record: %s\n", n, where,
               where, rec ? "missing key" : err.text);
        failed++;
        fclose(c.diag);
        free(c.diag_buf);
        free(out);
        free(id);
        json_decref(rec);
        continue;
      }
      if (!co)
        out = via_library(p, raw, id, &out_len);
      json_t *o = out ? json_loadb(out, out_len, 0, &err) : NULL;
      if (!json_is_object(o)) {
        c.problems++;
        fprintf(c.diag, "# %s output is not a JSON object: %s\n", where, out ? out : "(none)");
      } else {
        compare_scalar(&c, "id", idv, json_object_get(o, "id"));
        compare(&c, gold, o);
      }
      bool xf_this = is_xfail(&xf, id);
      printf("%s %d - %s %s%s\n", c.problems ? "not ok" : "ok", n, id, where,
             xf_this ? " # TODO in corpus/xfail.txt" : "");
      fclose(c.diag);
      fwrite(c.diag_buf, 1, c.diag_len, stdout);
      free(c.diag_buf);
      if (c.problems && !xf_this)
        failed++;
      if (xf_this)
        todo++;
      json_decref(o);
      if (co)
        free(out);
      else
        rp_free(out);
      free(id);
      json_decref(rec);
    }
    if (co) {
      if (getline(&oline, &ocap, co) > 0) {
        printf("not ok %d - %s: the command wrote more lines than there are records\n", ++n,
               name);
        failed++;
      }
      int st = pclose(co);
      if (st != 0) {
        printf("not ok %d - %s: the command exited with status %d\n", ++n, name, st);
        failed++;
      }
    }
    free(line);
    free(oline);
    fclose(f);
  }
  for (size_t i = 0; i < xf.n; i++)
    if (!xf.used[i])
      printf("# note: xfail id %s matched no record\n", xf.ids[i]);
  printf("1..%d\n", n);
  printf("# %d records, %d failed, %d marked TODO\n", n, failed, todo);
  for (size_t i = 0; i < xf.n; i++)
    free(xf.ids[i]);
  free(xf.ids);
  free(xf.used);
  rp_parser_free(p);
  return failed ? 1 : 0;
}
