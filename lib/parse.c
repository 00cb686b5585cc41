#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "container.h"
#include "fields.h"
#include "imprint.h"
#include "lexicon.h"
#include "names.h"
#include "scan.h"
#include "title.h"
#include "utf8.h"

int rpi_parse(const rp_parser *p, rpi_rx_scratch *sc, const rpi_text *t, rp_result *r,
              rpi_buf *normalized) {
  st s;
  memset(&s, 0, sizeof s);
  s.p = p;
  s.sc = sc;
  s.t = t;
  s.r = r;
  s.n = t->len;
  s.year_a = s.year_b = UNSET;
  s.w = rpi_strndup(t->s, t->len);
  if (!s.w)
    return RP_ERR_NOMEM;
  rpi_match_pairs_init(&s);
  if (t->citation_number)
    rpi_result_set(r, RP_FIELD_CITATION_NUMBER, t->citation_number,
                   strlen(t->citation_number), t->citation_off, t->citation_len);
  if (s.n == 0) {
    rpi_result_warn(r, RP_WARN_EMPTY, 0, t->raw_len, "empty reference");
    goto done;
  }
  rpi_stage_ids(&s);

  /* names */
  size_t pos = 0;
  rpi_namelist *nl = malloc(sizeof *nl);
  if (!nl) {
    free(s.w);
    return RP_ERR_NOMEM;
  }
  size_t oe = rpi_stage_authors_cjk(&s, skip_sp(&s, 0));
  if (!oe)
    oe = rpi_stage_authors_org(&s, skip_sp(&s, 0));
  size_t nn = oe ? 0 : rpi_names_parse(s.w, skip_sp(&s, 0), s.n, nl);
  if (oe) {
    pos = oe;
    /* "Statistisches Bundesamt (Hrsg.):": the organisation edited it */
    size_t mk = rpi_scan_editor_mark(&s, pos);
    if (mk && r->n_names[RP_ROLE_EDITOR] == 0) {
      rpi_name *tn = r->names[RP_ROLE_EDITOR];
      size_t tc = r->cap_names[RP_ROLE_EDITOR];
      r->names[RP_ROLE_EDITOR] = r->names[RP_ROLE_AUTHOR];
      r->n_names[RP_ROLE_EDITOR] = r->n_names[RP_ROLE_AUTHOR];
      r->cap_names[RP_ROLE_EDITOR] = r->cap_names[RP_ROLE_AUTHOR];
      r->names[RP_ROLE_AUTHOR] = tn;
      r->n_names[RP_ROLE_AUTHOR] = 0;
      r->cap_names[RP_ROLE_AUTHOR] = tc;
      pos = mk;
    }
  } else if (nn) {
    rpi_stage_authors_drop_titles(&s, skip_sp(&s, 0), nl);
    /* "G. Nagy, Homeric Questions, Austin 1996a.": a title read as a
     * natural-order name when only the imprint follows */
    if (nl->n >= 2 && nl->n == nl->total && !nl->et_al) {
      rpi_pname *lst = &nl->v[nl->n - 1];
      size_t gl = strlen(lst->given);
      size_t k = skip_sp(&s, nl->end);
      if (!lst->literal && gl && !strchr(lst->given, '.') && lst->fam_a > gl + 1 &&
          !memcmp(s.w + lst->fam_a - gl - 1, lst->given, gl) && k < s.n && s.w[k] == ',' &&
          rpi_imprint_place_year_tail(&s, k, s.n)) {
        size_t e = lst->fam_a - gl - 1;
        while (e > 0 && (s.w[e - 1] == ' ' || s.w[e - 1] == ','))
          e--;
        nl->n--;
        nl->total--;
        nl->end = e;
      }
    }
    size_t mark = rpi_scan_editor_mark(&s, nl->end);
    rpi_fields_names(&s, nl, mark ? RP_ROLE_EDITOR : RP_ROLE_AUTHOR);
    pos = mark ? mark : nl->end;
    /* APA 7 with 21 or more authors: "Zheng, N., … Yang, Z. (2022)" - the
     * last author after the ellipsis */
    if (!mark && !nl->et_al) {
      size_t k = skip_sp(&s, pos);
      if (k < s.n && s.w[k] == ',')
        k = skip_sp(&s, k + 1);
      size_t ke = at_lit(&s, k, "\xe2\x80\xa6", 3) ? k + 3 : at_lit(&s, k, ". . .", 5) ? k + 5
                                                      : at_lit(&s, k, "...", 3)         ? k + 3
                                                                                          : 0;
      rpi_namelist *last = ke ? malloc(sizeof *last) : NULL;
      if (last && rpi_names_parse(s.w, skip_sp(&s, ke), s.n, last) == 1 && last->n == 1) {
        rpi_fields_names(&s, last, RP_ROLE_AUTHOR);
        pos = last->end;
      }
      free(last);
    }
    /* APA audiovisual works: "Davidson, F. (Producer), & Davidson, J.
     * (Director)." - the creators, with their roles in brackets */
    for (int guard = 0; !mark && guard < 8; guard++) {
      size_t rm = rpi_stage_authors_role_mark(&s, pos);
      if (!rm)
        break;
      pos = rm;
      size_t k = skip_sp(&s, pos);
      while (k < s.n && (s.w[k] == ',' || s.w[k] == '&'))
        k = skip_sp(&s, k + 1);
      if (at_lit(&s, k, "and ", 4))
        k = skip_sp(&s, k + 4);
      rpi_namelist *more = malloc(sizeof *more);
      if (!more)
        break;
      size_t m2 = k > pos ? rpi_names_parse(s.w, k, s.n, more) : 0;
      if (m2 && rpi_stage_authors_role_mark(&s, more->end)) {
        rpi_fields_names(&s, more, RP_ROLE_AUTHOR);
        pos = more->end;
      }
      free(more);
    }
  } else {
    size_t e = rpi_stage_authors_caps(&s, skip_sp(&s, 0));
    if (e)
      pos = e;
  }
  if (!r->n_names[RP_ROLE_AUTHOR] && !r->n_names[RP_ROLE_EDITOR] && pos == 0)
    rpi_stage_authors_after_title(&s, nl);
  free(nl);
  size_t d = rpi_stage_dates_after_names(&s, pos);
  if (d) {
    if (s.year_a != UNSET)
      rpi_fields_year(&s, s.year_a, s.year_b);
    pos = d;
  }
  pos = skip_sp(&s, pos);
  while (pos < s.n && (s.w[pos] == '.' || s.w[pos] == ',' || s.w[pos] == ':' || s.w[pos] == ';'))
    pos = skip_sp(&s, pos + 1);
  s.body = pos;

  bool chapter = false;
  if (rpi_stage_legal(&s, pos))
    goto tail;
  /* chapter marker */
  size_t in_after = 0;
  size_t in_at = rpi_stage_chapter_find(&s, pos, s.n, &in_after);

  loc L;
  bool have = rpi_stage_locators_find(&s, pos, &L);
  if (have && L.fam >= 5 && in_at != UNSET && L.a < in_at)
    have = false;
  /* "In: ... Kassel 2009, 45-61": in a chapter, a year after the place is
   * the date, not a volume */
  if (have && in_at != UNSET && in_at < L.a && L.v[0] != UNSET && L.i[0] == UNSET && L.p[0] != UNSET &&
      L.v[1] - L.v[0] == 4 && (at_lit(&s, L.v[0], "19", 2) || at_lit(&s, L.v[0], "20", 2)) &&
      ascii_digit(s.w[L.v[0] + 2]) && ascii_digit(s.w[L.v[0] + 3]) && L.v[0] >= 2 && s.w[L.v[0] - 1] == ' ' &&
      ascii_alpha(s.w[L.v[0] - 2])) {
    if (L.y[0] == UNSET) {
      L.y[0] = L.v[0];
      L.y[1] = L.v[1];
    }
    L.v[0] = L.v[1] = UNSET;
  }
  if (have) {
    s.labelled = (L.fam == 3 || L.fam == 6) && L.a + 1 < s.n && s.w[L.a] == 'v' && s.w[L.a + 1] == '.';
    rpi_stage_locators_set(&s, &L);
    if (p->flags & RP_OPT_DEDUP_LOCATORS)
      rpi_stage_duplicates(&s, &L);
  }
  /* number of pages ("362 p.") when no page range was found */
  rpi_match m;
  if (!r->field[RP_FIELD_PAGE] && find(&s, P_NPAGES, pos, &m)) {
    size_t a = m.g[1][0];
    if (!(have && a >= L.a && a < L.b) && (a == 0 || s.w[a - 1] == ' ')) {
      rpi_fields_set(&s, RP_FIELD_NUMBER_OF_PAGES, m.g[1][0], m.g[1][1]);
      blank(&s, m.start, m.end);
    }
  }
  if (find(&s, P_EDITION, pos, &m)) {
    int g = gset(&m, 1) ? 1 : 2;
    rpi_fields_set(&s, RP_FIELD_EDITION, m.g[g][0], m.g[g][1]);
    blank(&s, m.start, m.end);
  }

  size_t region_end = have ? L.a : s.n;
  if (in_at != UNSET && in_at < region_end) {
    /* Title. In: Editors (eds) Book. Publisher. */
    size_t ta = pos, tb = in_at;
    size_t qa, qb, after;
    if (rpi_scan_quoted(&s, ta, tb, &qa, &qb, &after))
      rpi_title_set(&s, qa, qb);
    else
      rpi_title_set(&s, ta, tb);
    chapter = rpi_stage_chapter_tail(&s, in_after, region_end);
    if (have && L.b < s.n)
      rpi_imprint_publisher_place(&s, L.b, s.n);
  } else if (have) {
    /* "Infancy. 2011 Volume 16": a year between the journal and the locator */
    size_t ra = L.a;
    while (ra > pos && (s.w[ra - 1] == ' ' || s.w[ra - 1] == ',' || s.w[ra - 1] == '.'))
      ra--;
    if (ra >= pos + 6 && ascii_digit(s.w[ra - 1]) && ascii_digit(s.w[ra - 4]) && !ascii_digit(s.w[ra - 5]) &&
        (s.w[ra - 5] == ' ' || s.w[ra - 5] == ',') && (s.w[ra - 4] == '1' || s.w[ra - 4] == '2')) {
      if (!r->field[RP_FIELD_YEAR])
        rpi_fields_year(&s, ra - 4, ra);
      L.a = ra - 4;
    }
    L.a = rpi_stage_dates_strip_before(&s, pos, L.a);
    if (!rpi_stage_book_with_locator(&s, pos, &L))
      rpi_stage_title(&s, pos, L.a);
    /* "... Pages 1757-1781. DOVE MEDICAL PRESS LTD." */
    size_t ta = L.b, tb = s.n;
    trim(s.w, &ta, &tb);
    if (tb > ta) {
      bool digits = false;
      for (size_t q = ta; q < tb; q++)
        digits |= ascii_digit(s.w[q]);
      static const char *const pubw[] = {"Press", "PRESS", "Ltd", "LTD", "Inc", "INC", "Publishing",
                                         "PUBLISHING", "Publishers", "Verlag", "Editora", "Elsevier",
                                         "Springer", "Wiley", "GmbH", "LLC", NULL};
      bool pub = false;
      for (size_t k = 0; pubw[k]; k++)
        for (size_t q = ta; q + strlen(pubw[k]) <= tb; q++)
          if (s.w[q] == pubw[k][0] && memcmp(s.w + q, pubw[k], strlen(pubw[k])) == 0)
            pub = true;
      if (!digits && pub)
        rpi_imprint_publisher_place(&s, ta, tb);
    }
    if (!r->field[RP_FIELD_TITLE] && !r->field[RP_FIELD_CONTAINER_TITLE])
      rpi_result_warn(r, RP_WARN_NO_TITLE, 0, 0, "no title found");
  } else {
    /* no locator: book, thesis, report, web page */
    size_t qa, qb, after;
    size_t rest;
    if (rpi_scan_quoted(&s, pos, s.n, &qa, &qb, &after)) {
      rpi_title_set(&s, qa, qb);
      rest = after;
      /* “Article,” New Yorker, 5 February 2007 / “Title,” PAMI, 2004 */
      size_t ca = skip_sp(&s, rest);
      while (ca < s.n && (s.w[ca] == ',' || s.w[ca] == '.'))
        ca = skip_sp(&s, ca + 1);
      {
        /* "“Title.” Matthew J. Smith and Randy Duncan (eds.). Book." */
        rpi_namelist *el = malloc(sizeof *el);
        if (el && rpi_names_parse_any(s.w, ca, s.n, el)) {
          size_t mk = rpi_scan_editor_mark(&s, el->end);
          if (mk) {
            if (!r->n_names[RP_ROLE_EDITOR])
              rpi_fields_names(&s, el, RP_ROLE_EDITOR);
            ca = mk;
            while (ca < s.n && (s.w[ca] == ',' || s.w[ca] == '.' || s.w[ca] == ' '))
              ca++;
            chapter = true;
            size_t cs = rpi_scan_first_stop(&s, ca, s.n);
            if (cs > ca + 3) {
              rpi_container_set(&s, ca, cs, UNSET);
              rest = cs;
            }
          }
        }
        free(el);
      }
      size_t ce = ca;
      bool procv = ca < s.n && (rpi_imprint_proc_at(&s, ca) || at_lit(&s, ca, "Conf. ", 6));
      if (procv) {
        ce = rpi_imprint_proc_end(&s, ca, s.n);
      } else {
        while (ce < s.n && s.w[ce] != ',' && s.w[ce] != '(' && !(s.w[ce] == '.' && real_stop(&s, ca, s.n, ce)) &&
               !(s.w[ce] == '.' && ce + 1 >= s.n))
          ce++;
      }
      unsigned f0 = 0;
      if (ca < s.n)
        rpi_utf8_decode((const unsigned char *)s.w + ca, s.n - ca, &f0);
      bool colon = false;
      for (size_t q = ca; q < ce; q++)
        colon |= s.w[q] == ':';
      if (procv && ce > ca) {
        rpi_container_set(&s, ca, ce, UNSET);
        rest = ce;
      } else if (ce > ca && rpi_is_upper(f0) && !colon && rpi_scan_count_words(&s, ca, ce) <= 8 &&
          !rpi_imprint_has_publisher_word(&s, ca, ce) && !rpi_scan_find_in_at(&s, ca)) {
        size_t k = skip_sp(&s, ce + 1);
        bool dated = k < s.n && (ascii_digit(s.w[k]) || (k + 3 <= s.n && rpi_lex_month(s.w + k, 3)) || ce >= s.n ||
                                 rpi_lex_month(s.w + k, (size_t)(strchr(s.w + k, ' ') ? strchr(s.w + k, ' ') - (s.w + k) : 0)));
        if (dated || ce >= s.n || s.w[ce] == '.') {
          rpi_container_set(&s, ca, ce, UNSET);
          rest = ce;
        }
      }
    } else {
      size_t te = rpi_scan_first_stop(&s, pos, s.n);
      /* "... to Global Jihad London: I.B.Tauris, 2007": a known city and
       * its colon right after the title's last word, with no stop */
      size_t pc0 = rpi_stage_book_publisher_cut(&s, pos, te);
      for (size_t q = pos + 8; q + 4 < te && (pc0 == UNSET || q < pc0); q++) {
        if (s.w[q - 1] != ' ' || !ascii_alpha(s.w[q - 2]) || !rpi_is_upper((unsigned char)s.w[q]))
          continue;
        /* "Democracy in Rio de Janeiro: Trafficking": the city belongs to
         * the title after a preposition */
        size_t pw = rpi_scan_word_before(&s, q - 1, pos);
        if (s.w[pw] >= 'a' && s.w[pw] <= 'z' && q - 1 - pw <= 6)
          continue;
        const char *colon = memchr(s.w + q, ':', te - q < 24 ? te - q : 24);
        if (!colon)
          continue;
        size_t ce = (size_t)(colon - s.w);
        while (ce > q && s.w[ce - 1] == ' ')
          ce--;
        if (rpi_lex_is_city(s.w + q, ce - q) && rpi_scan_count_words(&s, pos, q) >= 3) {
          te = q - 1;
          break;
        }
      }
      /* "R. Sacks, The Traditional Phrase in Homer. Two Studies in Form,
       * Meaning and Interpretation, Leiden 1987.": a book whose imprint is
       * ", Place Year" keeps every sentence before it in its title */
      size_t pyc = UNSET;
      for (size_t q = s.n, seen = 0; q-- > pos + 3 && seen < 2;)
        if (s.w[q] == ',') {
          seen++;
          if (seen == 2) {
            /* ", Cambridge, 1972": a known city, then only the year */
            size_t ca = skip_sp(&s, q + 1), cb = ca;
            while (cb < s.n && s.w[cb] != ',')
              cb++;
            if (!rpi_lex_is_city(s.w + ca, cb - ca))
              break;
          }
          if (rpi_imprint_place_year_tail(&s, q, s.n)) {
            pyc = q;
            break;
          }
        }
      size_t cpt_c0 = 0, cpt_c1 = 0, cpt_u0 = 0, cpt_u1 = 0;
      size_t cpt = pyc == UNSET ? rpi_imprint_city_pub_tail(&s, pos, s.n, &cpt_c0, &cpt_c1, &cpt_u0, &cpt_u1) : UNSET;
      if (cpt != UNSET && cpt > pos + 3) {
        size_t ls = cpt;
        while (ls > pos && !real_stop(&s, pos, cpt, ls))
          ls--;
        bool ok = ls <= pos;
        if (!ok) {
          bool lower = false;
          for (size_t q = ls + 1; q + 1 < cpt; q++)
            lower |= s.w[q] == ' ' && s.w[q + 1] >= 'a' && s.w[q + 1] <= 'z';
          ok = lower && rpi_scan_count_words(&s, ls + 1, cpt) >= 3 && !rpi_imprint_has_publisher_word(&s, ls, cpt) &&
               !rpi_scan_find_in_at(&s, skip_sp(&s, ls + 1));
        }
        if (ok) {
          rpi_fields_set(&s, RP_FIELD_PUBLISHER_PLACE, cpt_c0, cpt_c1);
          rpi_fields_set(&s, RP_FIELD_PUBLISHER, cpt_u0, cpt_u1);
          te = cpt;
        } else {
          cpt = UNSET;
        }
      } else {
        cpt = UNSET;
      }
      if (pyc == UNSET && cpt == UNSET) {
        size_t ci = rpi_stage_book_comma_imprint(&s, pos, te);
        if (ci != UNSET && ci > pos + 3)
          te = ci;
      }
      if (cpt != UNSET) {
        pyc = cpt; /* the title ends there; the imprint is taken */
      } else if (pyc != UNSET && te < pyc) {
        size_t ls = pyc;
        while (ls > pos && !real_stop(&s, pos, pyc, ls))
          ls--;
        bool plain = true;
        for (size_t q = te; q < pyc && plain; q++) {
          if (s.w[q] == ':' || s.w[q] == '(')
            plain = false;
          if (q == te || s.w[q - 1] == ' ') {
            size_t we = q;
            while (we < pyc && s.w[we] != ' ' && s.w[we] != ',' && s.w[we] != '.')
              we++;
            if (rpi_lex_is_org_word(s.w + q, we - q) || rpi_lex_is_journal_word(s.w + q, we - q))
              plain = false;
          }
        }
        size_t pw = skip_sp(&s, pyc + 1);
        size_t pwe = pw;
        while (pwe < s.n && s.w[pwe] != ' ')
          pwe++;
        if (rpi_lex_month(s.w + pw, pwe - pw))
          plain = false;
        bool lower = false;
        for (size_t q = ls + 1; q + 1 < pyc; q++)
          lower |= s.w[q] == ' ' && s.w[q + 1] >= 'a' && s.w[q + 1] <= 'z';
        if (plain && lower && rpi_scan_count_words(&s, ls + 1, pyc) >= 3 && ls > pos && !rpi_imprint_has_publisher_word(&s, ls, pyc) && !rpi_scan_find_in_at(&s, skip_sp(&s, ls + 1)) &&
            !rpi_imprint_proc_at(&s, skip_sp(&s, ls + 1)))
          te = pyc;
        else
          pyc = UNSET;
      } else {
        pyc = UNSET;
      }
      /* "The MACSYMA System, Proceedings of Second Symposium on ..." */
      for (size_t q = pos + 3; q + 6 < te; q++)
        if (s.w[q] == ',' && rpi_imprint_proc_at(&s, skip_sp(&s, q + 1))) {
          te = q;
          break;
        }
      /* "The authentic heart. An eightfold path to midlife love. New York:
       * Wiley.": a book's subtitle sentence right before its imprint */
      if (pyc == UNSET && te < s.n && !r->field[RP_FIELD_CONTAINER_TITLE])
        te = rpi_stage_book_subtitle_end(&s, te);
      /* "Title (Publisher, City, 1993)" and "Title, MIT Press, 1986" */
      size_t pe = pyc != UNSET ? UNSET : rpi_stage_book_publisher_cut(&s, pos, te);
      if (pyc != UNSET && pyc == cpt) {
        rpi_title_set(&s, pos, pyc);
        rest = s.n;
      } else if (pyc != UNSET) {
        /* "Title, Librairie illustrée, Paris, 1892": the publisher before */
        size_t ci = rpi_stage_book_comma_imprint(&s, pos, pyc);
        if (ci != UNSET && ci > pos + 3) {
          size_t ua = skip_sp(&s, ci + 1), ub = pyc;
          trim(s.w, &ua, &ub);
          rpi_fields_set(&s, RP_FIELD_PUBLISHER, ua, ub);
          pyc = ci;
        }
        rpi_title_set(&s, pos, pyc);
        size_t pa = skip_sp(&s, pyc + 1), pb = pa;
        while (pb < s.n && !ascii_digit(s.w[pb]))
          pb++;
        trim(s.w, &pa, &pb);
        if (pb > pa)
          rpi_fields_set(&s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
        rest = s.n;
      } else if (pe != UNSET) {
        rpi_title_set(&s, pos, pe);
        rest = pe;
      } else {
        size_t je = UNSET;
        size_t jc = rpi_stage_book_journal_comma(&s, pos, te, &je);
        size_t pd = jc == UNSET ? rpi_stage_book_place_date_tail(&s, pos, te) : UNSET;
        if (pd != UNSET) {
          /* "Meeting #107, Prague, Czech Republic, 26th -30th August 2019" */
          rpi_title_set(&s, pos, pd);
          rest = s.n;
        } else if (jc != UNSET) {
          /* "Graph coloring heuristics, Journal of Algorithms, 2004." */
          rpi_title_set(&s, pos, jc);
          rpi_container_set(&s, skip_sp(&s, jc + 1), je, UNSET);
          rest = je;
        } else {
          rpi_title_set(&s, pos, te);
          rest = te < s.n ? te + 1 : s.n;
        }
      }
    }
    rest = skip_sp(&s, rest);
    while (rest < s.n && (s.w[rest] == ',' || s.w[rest] == '.'))
      rest = skip_sp(&s, rest + 1);
    if (!r->field[RP_FIELD_CONTAINER_TITLE] && rest < s.n && rpi_imprint_proc_at(&s, rest)) {
      size_t ce = rpi_imprint_proc_end(&s, rest, s.n);
      rpi_container_set(&s, rest, ce, UNSET);
      rest = ce;
      /* "..., 109-114." pages after the proceedings name */
      size_t k = skip_sp(&s, rest < s.n && s.w[rest] == ',' ? rest + 1 : rest);
      size_t e = k;
      while (e < s.n && (ascii_digit(s.w[e]) || s.w[e] == '-'))
        e++;
      if (!r->field[RP_FIELD_PAGE] && e > k + 2 && ascii_digit(s.w[k]) && memchr(s.w + k, '-', e - k) &&
          (e >= s.n || s.w[e] == '.' || s.w[e] == ',' || s.w[e] == ' ')) {
        rpi_fields_pages(&s, k, e);
        blank(&s, k, e);
        rest = e;
      }
    }
    if (!r->field[RP_FIELD_CONTAINER_TITLE] && !r->field[RP_FIELD_EDITION] && rest < s.n &&
        rpi_stage_book_journal_year_tail(&s, rest)) {
      size_t ce = rest;
      while (ce < s.n && s.w[ce] != ',' && !(s.w[ce] == '.' && (ce + 1 >= s.n || s.w[ce + 1] == ' ')))
        ce++;
      rpi_container_set(&s, rest, ce, UNSET);
      rest = ce;
    }
    if (rest < s.n && !find(&s, P_THESIS, rest, &m) && !find(&s, P_REPORT, rest, &m)) {
      /* a second sentence followed by City: Publisher may be a series or
       * a journal; keep it simple: publisher info from the rest */
      rpi_imprint_publisher_place(&s, rest, s.n);
    } else if (rest < s.n) {
      rpi_imprint_publisher_place(&s, rest, s.n);
    }
  }
tail:
  rpi_stage_translators(&s, pos);
  rpi_stage_dates_anywhere(&s, pos);
  if (!r->field[RP_FIELD_PAGE] && !r->field[RP_FIELD_NUMBER_OF_PAGES])
    rpi_stage_pages_bare(&s, pos);
  rpi_stage_type(&s, chapter, pos);
  /* "[Computer software]. Zenodo.", "[Data set]. GitHub.": software and
   * data named so in brackets have a publisher or repository, not a
   * journal */
  if (s.medium && (r->type == RP_TYPE_SOFTWARE || r->type == RP_TYPE_DATASET) && r->field[RP_FIELD_CONTAINER_TITLE] &&
      !r->field[RP_FIELD_PUBLISHER] && !r->field[RP_FIELD_VOLUME] && !r->field[RP_FIELD_PAGE]) {
    rpi_result_take(r, RP_FIELD_PUBLISHER, r->field[RP_FIELD_CONTAINER_TITLE], r->span[RP_FIELD_CONTAINER_TITLE].off,
                    r->span[RP_FIELD_CONTAINER_TITLE].len);
    r->field[RP_FIELD_CONTAINER_TITLE] = NULL;
    r->span[RP_FIELD_CONTAINER_TITLE].off = r->span[RP_FIELD_CONTAINER_TITLE].len = 0;
  }

done:
  if (normalized) {
    /* the cleaned text without the duplicate fragments */
    size_t i = 0;
    for (size_t k = 0; k < s.ndrop; k++) {
      size_t a = s.drop[k][0], b = s.drop[k][1];
      size_t e = a;
      while (e > i && (t->s[e - 1] == ' '))
        e--;
      rpi_buf_put(normalized, t->s + i, e - i);
      i = b;
    }
    rpi_buf_put(normalized, t->s + i, t->len - i);
    while (normalized->len && normalized->p[normalized->len - 1] == ' ')
      normalized->p[--normalized->len] = '\0';
  }
  free(s.w);
  return s.err;
}
