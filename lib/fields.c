#include "fields.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "lexicon.h"
#include "names.h"
#include "scan.h"
#include "utf8.h"

void rpi_fields_collapsed(rpi_buf *out, const char *w, size_t a, size_t b) {
  bool sp = false;
  /* Collapsing never makes [a, b) longer: when it fits as it is, write it
   * in place (the same bytes as the appends below). */
  if (b > a && !out->err && b - a < out->cap - out->len && b - a <= out->max - out->len) {
    char *d = out->p + out->len;
    size_t i = a;
    /* a run of spaces at a: one space when text comes before and after it */
    while (i < b && w[i] == ' ')
      i++;
    if (i > a && i < b && d > out->p)
      *d++ = ' ';
    /* Eight bytes at a time: everything before the first space followed by
     * a space comes out as it is (each such space is between two written
     * bytes); a run of two or more becomes one space if text follows. d
     * never passes w's position, so the eight bytes written fit. */
#if RPI_SSE2
    while (i + 17 <= b) { /* the same, sixteen bytes at a time */
      unsigned m = rpi_v16_mask(rpi_v16_and(rpi_v16_eq(rpi_v16_load(w + i), ' '), rpi_v16_eq(rpi_v16_load(w + i + 1), ' ')));
      memcpy(d, w + i, 16);
      if (!m) {
        d += 16;
        i += 16;
        continue;
      }
      size_t j = i + (unsigned)__builtin_ctz(m), k = j; /* text before j was written: d > out->p */
      d += j - i;
      while (k < b && w[k] == ' ')
        k++;
      if (k < b)
        *d++ = ' ';
      i = k;
    }
#endif
    while (i + 9 <= b) {
      uint64_t m = space_bytes(load8(w + i)) & space_bytes(load8(w + i + 1));
      memcpy(d, w + i, 8);
      if (!m) {
        d += 8;
        i += 8;
        continue;
      }
      size_t j = i + first_byte(m), k = j; /* text before j was written: d > out->p */
      d += j - i;
      while (k < b && w[k] == ' ')
        k++;
      if (k < b)
        *d++ = ' ';
      i = k;
    }
    for (; i < b; i++) { /* the rest byte by byte */
      if (w[i] == ' ') {
        sp = true;
        continue;
      }
      if (sp && d > out->p)
        *d++ = ' ';
      sp = false;
      *d++ = w[i];
    }
    if (d != out->p + out->len) {
      out->len = (size_t)(d - out->p);
      out->p[out->len] = '\0';
    }
    return;
  }
  for (size_t i = a; i < b;) {
    if (w[i] == ' ') {
      sp = true;
      i++;
      continue;
    }
    if (sp && out->len)
      rpi_buf_putc(out, ' ');
    sp = false;
    size_t j = i + 1; /* a word at once */
    while (j < b && w[j] != ' ')
      j++;
    rpi_buf_put(out, w + i, j - i);
    i = j;
  }
}

const char *rpi_fields_source(st *s, size_t a, size_t b) {
  if (!s->swapped)
    return s->w;
  if (!s->restore && !(s->restore = malloc(s->n + 1))) {
    s->err = RP_ERR_NOMEM;
    return NULL;
  }
  memcpy(s->restore + a, s->w + a, b - a);
  const char *t = s->t->s;
  for (size_t q = a; q + 1 < b; q++)
    if ((s->w[q] == '.' || s->w[q] == ',') && s->w[q + 1] == ' ' && t[q] == ' ' && t[q + 1] == s->w[q]) {
      s->restore[q] = ' ';
      s->restore[q + 1] = s->w[q];
      q++;
    }
  return s->restore;
}

void rpi_fields_set(st *s, rp_field f, size_t a, size_t b) {
  if (b > s->n)
    b = s->n;
  /* ISBD's area separator (". - Paris : Le Monde, 1998", ". – Cavaillon :
   * Roger Rimbaud") opens no container, publisher or place */
  if (f == RP_FIELD_CONTAINER_TITLE || f == RP_FIELD_PUBLISHER || f == RP_FIELD_PUBLISHER_PLACE) {
    size_t k = a;
    while (k < b && s->w[k] == ' ')
      k++;
    size_t l = rpi_scan_area_dash(s, k, b);
    if (l)
      a = k + l;
  }
  if (b <= a)
    return;
  /* a short value is collapsed on the stack and copied into the result's
   * arena; a long one gets one allocation (collapsing never grows), which
   * the result takes over */
  rpi_buf v;
  char on[512];
  rpi_buf_init_on(&v, on, sizeof on, s->n + 1);
  rpi_buf_reserve(&v, b - a);
  const char *src = rpi_fields_source(s, a, b);
  if (!src) {
    rpi_buf_free(&v);
    return;
  }
  rpi_fields_collapsed(&v, src, a, b);
  if (v.err) {
    s->err = v.err;
  } else if (v.len) {
    rp_span sp = rpi_text_span(s->t, a, b - a);
    if (v.borrowed)
      rpi_result_set(s->r, f, v.p, v.len, sp.off, sp.len);
    else
      rpi_result_take(s->r, f, rpi_buf_detach(&v, NULL), sp.off, sp.len); /* no copy */
  }
  rpi_buf_free(&v);
}

void rpi_fields_text(st *s, rp_field f, const char *v, size_t n, size_t a, size_t b) {
  rp_span sp = rpi_text_span(s->t, a, b > a ? b - a : 0);
  rpi_result_set(s->r, f, v, n, sp.off, sp.len);
}

void rpi_fields_warn(st *s, rp_warning_code c, size_t a, size_t b, const char *msg) {
  rp_span sp = rpi_text_span(s->t, a, b > a ? b - a : 0);
  rpi_result_warn(s->r, c, sp.off, sp.len, msg);
}

void rpi_fields_names(st *s, const rpi_namelist *l, rp_role role) {
  for (size_t i = 0; i < l->n; i++) {
    const rpi_pname *nm = &l->v[i];
    rpi_name *out = rpi_result_add_name(s->r, role);
    if (!out)
      return;
    rpi_buf fam;
    char fam_on[256]; /* most family names: no allocation */
    rpi_buf_init_on(&fam, fam_on, sizeof fam_on, 4096);
    rpi_fields_collapsed(&fam, s->w, nm->fam_a, nm->fam_b);
    /* trim trailing separators from the family */
    while (fam.len && is_edge(fam.p[fam.len - 1]))
      fam.p[--fam.len] = '\0';
    if (nm->literal) {
      out->part[RP_NAME_LITERAL] = rpi_result_strndup(s->r, fam.p ? fam.p : "", fam.len);
    } else {
      if ((s->p->flags & RP_OPT_TITLECASE_NAMES) && fam.len > 1) {
        bool all = true;
        for (size_t k = 0; k < fam.len; k++)
          if (fam.p[k] >= 'a' && fam.p[k] <= 'z')
            all = false;
        if (all) {
          rpi_buf tc;
          rpi_buf_init(&tc, 4096);
          bool start = true;
          for (size_t k = 0; k < fam.len;) {
            unsigned cp;
            size_t cl = rpi_utf8_decode((const unsigned char *)fam.p + k, fam.len - k, &cp);
            if (!cl)
              cl = 1, cp = '?';
            if (start && (k == 0 || fam.p[k - 1] == ' ')) {
              /* "DE LA CRUZ" -> "de la Cruz": a particle before the name
               * stays lower case */
              size_t we = k;
              while (we < fam.len && fam.p[we] != ' ')
                we++;
              char low[16];
              size_t wl = we - k;
              if (we < fam.len && wl < sizeof low) {
                for (size_t q = 0; q < wl; q++)
                  low[q] = (fam.p[k + q] >= 'A' && fam.p[k + q] <= 'Z') ? (char)(fam.p[k + q] + 32) : fam.p[k + q];
                if (rpi_lex_is_particle(low, wl)) {
                  rpi_buf_put(&tc, low, wl);
                  k = we;
                  start = true;
                  continue;
                }
              }
            }
            if (start && k + 3 < fam.len && fam.p[k] == 'M' && fam.p[k + 1] == 'C' && fam.p[k + 2] >= 'A' &&
                fam.p[k + 2] <= 'Z' && (k == 0 || fam.p[k - 1] == ' ' || fam.p[k - 1] == '-')) {
              rpi_buf_puts(&tc, "Mc"); /* "MCDONALD" -> "McDonald" */
              k += 2;
              start = true;
              continue;
            }
            rpi_buf_putcp(&tc, start ? cp : rpi_to_lower(cp));
            /* a combining mark continues its letter ("MU\u0308LLER"); an
             * apostrophe after one letter starts a name ("O'Brien", "D'Angelo") */
            bool apo = cp == '\'' || cp == 0x2019;
            start = (!rpi_is_letter(cp) && !rpi_is_mark(cp) && !apo) ||
                    (apo && k >= 1 && (k == 1 || fam.p[k - 2] == ' ' || fam.p[k - 2] == '-'));
            k += cl;
          }
          /* lowercasing can make a composable pair ("T\u0308" has no
           * precomposed capital, "t\u0308" is U+1E97): back to NFC, as
           * refparse.h promises for every returned string */
          rpi_buf nf;
          rpi_buf_init(&nf, 4096);
          if (!tc.err && rpi_nfc(rpi_buf_cstr(&tc), tc.len, &nf) == 0 && !nf.err) {
            rpi_buf_free(&fam);
            fam = nf;
          } else {
            rpi_buf_free(&nf); /* keep the name as printed (already NFC) */
          }
          rpi_buf_free(&tc);
        }
      }
      out->part[RP_NAME_FAMILY] = rpi_result_strndup(s->r, fam.p ? fam.p : "", fam.len);
      if (nm->given[0])
        out->part[RP_NAME_GIVEN] = rpi_result_strndup(s->r, nm->given, strlen(nm->given));
      if (nm->suffix[0])
        out->part[RP_NAME_SUFFIX] = rpi_result_strndup(s->r, nm->suffix, strlen(nm->suffix));
      if (nm->repaired)
        rpi_fields_warn(s, RP_WARN_NAME_REPAIRED, nm->fam_a, nm->fam_b, "initials re-punctuated");
    }
    rpi_buf_free(&fam);
  }
  if (l->et_al)
    s->r->et_al[role] = true;
  if (l->dropped_b > l->dropped_a)
    rpi_fields_warn(s, RP_WARN_NAME_REPAIRED, l->dropped_a, l->dropped_b, "stray token in the name list dropped");
}

/* "1, 5" / "12-14, 18": each part on its own, joined by ", " */
static bool set_page_list(st *s, size_t a, size_t b) {
  if (!memchr(s->w + a, ',', b - a))
    return false;
  rpi_buf v;
  char on[256]; /* all it can hold: no allocation */
  rpi_buf_init_on(&v, on, sizeof on, 256);
  for (size_t i = a; i < b && v.len < 200;) {
    size_t j = i;
    while (j < b && s->w[j] != ',')
      j++;
    size_t pa = i, pb = j;
    trim(s->w, &pa, &pb);
    if (pb > pa) {
      if (v.len)
        rpi_buf_puts(&v, ", ");
      for (size_t q = pa; q < pb; q++)
        if (s->w[q] != ' ')
          rpi_buf_putc(&v, s->w[q]);
    }
    i = j + 1;
  }
  if (v.len)
    rpi_fields_text(s, RP_FIELD_PAGE, v.p, v.len, a, b);
  rpi_buf_free(&v);
  return true;
}

/* 10^n, n small. */
static unsigned long pow10ul(size_t n) {
  unsigned long v = 1;
  while (n--)
    v *= 10;
  return v;
}

void rpi_fields_pages(st *s, size_t a, size_t b) {
  if (set_page_list(s, a, b))
    return;
  rpi_buf v;
  char on[256]; /* all it can hold: no allocation */
  rpi_buf_init_on(&v, on, sizeof on, 256);
  for (size_t i = a; i < b && v.len < 200; i++) {
    char c = s->w[i];
    if (c == ' ')
      continue;
    if (c == '-' && v.len && v.p[v.len - 1] == '-')
      continue;
    rpi_buf_putc(&v, c);
  }
  const char *p = rpi_buf_cstr(&v);
  const char *dash = strchr(p, '-');
  if (dash && (s->p->flags & RP_OPT_EXPAND_PAGES)) {
    size_t l1 = (size_t)(dash - p);
    const char *q = dash + 1;
    size_t pre1 = 0, pre2 = 0;
    while (pre1 < l1 && ascii_alpha(p[pre1]))
      pre1++;
    while (q[pre2] && ascii_alpha(q[pre2]))
      pre2++;
    size_t d1 = pre1, d2 = pre2;
    while (d1 < l1 && ascii_digit(p[d1]))
      d1++;
    while (q[d2] && ascii_digit(q[d2]))
      d2++;
    bool plain = d1 == l1 && q[d2] == '\0' && d1 > pre1 && d2 > pre2;
    if (plain && d1 - pre1 <= 9 && d2 - pre2 <= 9) {
      const char *n1 = p + pre1, *n2 = q + pre2;
      size_t len1 = d1 - pre1, len2 = d2 - pre2;
      unsigned long first = strtoul(n1, NULL, 10), last = strtoul(n2, NULL, 10);
      char out[64];
      bool same_prefix = pre1 == pre2 && (pre1 == 0 || memcmp(p, q, pre1) == 0);
      char msg[160];
      if (pre1 == 1 && p[0] == 'e' && !pre2 && n1[0] == '0' && len2 == 2 && len1 >= 4) {
        /* ASM's eLocators "e00123-21": one identifier, not a range */
        snprintf(out, sizeof out, "%s", p);
        rpi_buf_clear(&v);
        rpi_buf_puts(&v, out);
      } else if (pre1 && !pre2 && last <= first && len2 < len1 && n2[0] != '0' &&
                 strtoul(n1, NULL, 10) % pow10ul(len2) < last) {
        /* "S512-22", "E2846-55": the last page abbreviated -> "S512-S522" */
        snprintf(out, sizeof out, "%.*s-%.*s%.*s%s", (int)l1, p, (int)pre1, p, (int)(len1 - len2), n1, n2);
        snprintf(msg, sizeof msg, "%s -> %s", p, out);
        rpi_fields_warn(s, RP_WARN_PAGE_EXPANDED, a, b, msg);
        rpi_buf_clear(&v);
        rpi_buf_puts(&v, out);
      } else if (pre1 && !pre2 && last <= first) {
        /* "R149-12", "e1000029-0231": cannot be a range */
        snprintf(out, sizeof out, "%.*s", (int)l1, p);
        snprintf(msg, sizeof msg, "impossible page range %s kept as %s", p, out);
        rpi_fields_warn(s, RP_WARN_PAGE_SUSPECT, a, b, msg);
        rpi_buf_clear(&v);
        rpi_buf_puts(&v, out);
      } else if (pre1 && !pre2) {
        /* "S1-10" -> "S1-S10" */
        snprintf(out, sizeof out, "%.*s-%.*s%s", (int)l1, p, (int)pre1, p, q);
        rpi_buf_clear(&v);
        rpi_buf_puts(&v, out);
      } else if (same_prefix && len2 < len1 && !(len2 > 1 && n2[0] == '0' && last == 0)) {
        char full[32];
        snprintf(full, sizeof full, "%.*s%.*s", (int)(len1 - len2), n1, (int)len2, n2);
        unsigned long lf = strtoul(full, NULL, 10);
        if (lf < first) {
          snprintf(msg, sizeof msg, "reversed page range %s: first page kept", p);
          rpi_fields_warn(s, RP_WARN_PAGE_SUSPECT, a, b, msg);
          snprintf(out, sizeof out, "%.*s", (int)l1, p);
        } else if (lf == first) {
          snprintf(out, sizeof out, "%.*s", (int)l1, p);
        } else {
          snprintf(out, sizeof out, "%.*s-%.*s%s", (int)l1, p, (int)pre1, p, full);
          snprintf(msg, sizeof msg, "%s -> %s", p, out);
          rpi_fields_warn(s, RP_WARN_PAGE_EXPANDED, a, b, msg);
        }
        rpi_buf_clear(&v);
        rpi_buf_puts(&v, out);
      } else if (same_prefix && last == first && len1 == len2) {
        snprintf(out, sizeof out, "%.*s", (int)l1, p);
        snprintf(msg, sizeof msg, "%s -> %s", p, out);
        rpi_fields_warn(s, RP_WARN_PAGE_EXPANDED, a, b, msg);
        rpi_buf_clear(&v);
        rpi_buf_puts(&v, out);
      } else if (same_prefix && last < first && len1 == len2) {
        snprintf(out, sizeof out, "%.*s", (int)l1, p);
        snprintf(msg, sizeof msg, "reversed page range %s: first page kept", p);
        rpi_fields_warn(s, RP_WARN_PAGE_SUSPECT, a, b, msg);
        rpi_buf_clear(&v);
        rpi_buf_puts(&v, out);
      }
    }
  }
  if (v.len)
    rpi_fields_text(s, RP_FIELD_PAGE, v.p, v.len, a, b);
  rpi_buf_free(&v);
}

void rpi_fields_year(st *s, size_t a, size_t b) {
  /* the four digits inside [a, b) */
  for (size_t i = a; i + 4 <= b; i++)
    if (ascii_digit(s->w[i]) && ascii_digit(s->w[i + 1]) && ascii_digit(s->w[i + 2]) &&
        ascii_digit(s->w[i + 3]) && (i + 4 == b || !ascii_digit(s->w[i + 4])) &&
        (i == a || !ascii_digit(s->w[i - 1]))) {
      int y = (s->w[i] - '0') * 1000 + (s->w[i + 1] - '0') * 100;
      if (y >= 1500 && y <= 2099) {
        rpi_fields_set(s, RP_FIELD_YEAR, i, i + 4);
        s->r->year_end = 0; /* a range belongs to the year it was read with */
        s->year_a = i;
        s->year_b = i + 4;
        return;
      }
    }
}

size_t rpi_fields_literal_name(st *s, size_t a, size_t b, rp_role role) {
  rpi_name *nm = rpi_result_add_name(s->r, role);
  if (!nm)
    return 0;
  rpi_buf v;
  rpi_buf_init(&v, 4096);
  trim(s->w, &a, &b);
  /* "Planck Collaboration et al.": the body, and the list goes on */
  size_t z = b;
  while (z > a && s->w[z - 1] == '.')
    z--;
  if (z >= a + 9 && s->w[z - 1] == 'l' && memcmp(s->w + z - 6, " et al", 6) == 0) {
    b = z - 6;
    s->r->et_al[role] = true;
  }
  rpi_fields_collapsed(&v, s->w, a, b);
  nm->part[RP_NAME_LITERAL] = rpi_result_strndup(s->r, v.p ? v.p : "", v.len);
  rpi_buf_free(&v);
  return b;
}
