/* writer_vancouver.c: a canonical NLM/Vancouver string from the fields, in
 * the forms of NLM's Citing Medicine (2nd ed.), one per reference type:
 *   journal   Murry CE, Soonpaa MH, et al. Title. Nature. 2004;428(6983):664-668.
 *   book      Murray PR. Medical microbiology. 7th ed. Philadelphia: Elsevier; 2013.
 *   chapter   Meltzer PS. Chromosome alterations. In: Vogelstein B, editor. The
 *             genetic basis of cancer. New York: McGraw-Hill; 2002. p. 93-113.
 *   paper     as a chapter, the proceedings as the book
 *   thesis    Borkowski MM. Infant sleep [dissertation]. Mount Pleasant: CMU; 2002.
 *   report    Page E. Health hazard evaluation report. Cincinnati: NIOSH; 2001.
 *   web page  WHO. Drinking-water [Internet]. Geneva: WHO; 2023 [cited 2024 Mar 5].
 *             Available from: https://www.who.int/...
 *   preprint  Vaswani A. Attention is all you need [Preprint]. arXiv; 2017.
 *             Available from: https://arxiv.org/abs/1706.03762
 *   software  Title [computer program]. Version 1.0. Place: Publisher; 2020.
 *   dataset   Title [dataset]. Place: Publisher; 2020. Available from: URL
 * followed by "doi:" and the DOI when there is one. Only what was parsed is
 * written: a missing part is left out with its punctuation. A journal's
 * title is printed as NLM prints it, without periods ("J. Chem. Phys." ->
 * "J Chem Phys"). */
#include <string.h>

#include "writer.h"

static void initials(rpi_buf *b, const char *g) {
  bool start = true;
  for (const char *q = g; *q; q++) {
    unsigned char c = (unsigned char)*q;
    if (c == ' ' || c == '.') {
      start = true;
      continue;
    }
    if (c == '-') {
      rpi_buf_putc(b, '-');
      start = true;
      continue;
    }
    /* a particle kept with the given name ("M. R. F. da") is written out:
     * "Costa MRF da" */
    if (start && c >= 'a' && c <= 'z' && q > g && q[-1] == ' ') {
      size_t w = 0;
      while (q[w] >= 'a' && q[w] <= 'z')
        w++;
      if (w >= 2 && (!q[w] || q[w] == ' ')) {
        rpi_buf_putc(b, ' ');
        rpi_buf_put(b, q, w);
        q += w - 1;
        start = false;
        continue;
      }
    }
    size_t l = 1;
    while (q[l] && ((unsigned char)q[l] & 0xC0) == 0x80)
      l++;
    if (start && l == 1 && c >= 'a' && c <= 'z' && q > g && q[-1] == '-')
      rpi_buf_putc(b, (char)(c - 'a' + 'A')); /* "Min-jun" -> "M-J": initials are capitals */
    else if (start)
      rpi_buf_put(b, q, l);
    start = false;
    q += l - 1;
  }
}

static bool ends_sentence(const char *s, size_t n) {
  char last = n ? s[n - 1] : 0;
  return last == '.' || last == '?' || last == '!';
}

static void sentence(rpi_buf *b, const char *s) {
  if (!s || !*s)
    return;
  if (b->len)
    rpi_buf_putc(b, ' ');
  rpi_buf_puts(b, s);
  if (!ends_sentence(s, strlen(s)))
    rpi_buf_putc(b, '.');
}

/* The journal's title as NLM prints one: without the periods that close
 * its words ("J. Chem. Phys." -> "J Chem Phys", "Yale L.J." -> "Yale
 * LJ", "Annales. Histoire" -> "Annales Histoire"), which the reader would
 * take for the stop between title and journal; then the sentence's
 * period. A period between digits or before a lower-case letter stays. */
static void journal_title(rpi_buf *b, const char *t) {
  if (!t || !*t)
    return;
  if (b->len)
    rpi_buf_putc(b, ' ');
  for (size_t i = 0; t[i]; i++) {
    unsigned char pv = i ? (unsigned char)t[i - 1] : 0;
    char nx = t[i + 1];
    bool after_letter = ((pv | 0x20) >= 'a' && (pv | 0x20) <= 'z') || pv >= 0x80;
    if (t[i] == '.' && after_letter &&
        (nx == 0 || nx == ' ' || nx == '-' || nx == ',' || nx == ')' || nx == ':' || (nx >= 'A' && nx <= 'Z')))
      continue;
    rpi_buf_putc(b, t[i]);
  }
  if (!ends_sentence(b->p, b->len))
    rpi_buf_putc(b, '.');
}

/* A Portuguese generational name ("Filho", "Neto", "Júnior", "Sobrinho"):
 * MEDLINE keeps it with the family, before the initials ("Lamy Filho F",
 * "Souza Júnior PRB"); Jr, Sr, III follow the initials ("King ML Jr"). */
static bool generational(const char *sfx) {
  static const char *const gen[] = {"Filho", "Neto", "Júnior", "Junior", "Sobrinho", NULL};
  for (size_t k = 0; gen[k]; k++)
    if (strcmp(sfx, gen[k]) == 0)
      return true;
  return false;
}

/* "Family AB, Family CD" for a role's names, ", et al" after a list that
 * had it; nothing for an empty role. Returns the number of names. */
static size_t names(rpi_buf *b, const rp_result *r, rp_role role) {
  size_t n = r->n_names[role];
  for (size_t i = 0; i < n; i++) {
    const rpi_name *nm = &r->names[role][i];
    if (i)
      rpi_buf_puts(b, ", ");
    if (nm->part[RP_NAME_LITERAL]) {
      rpi_buf_puts(b, nm->part[RP_NAME_LITERAL]);
      continue;
    }
    rpi_buf_puts(b, nm->part[RP_NAME_FAMILY] ? nm->part[RP_NAME_FAMILY] : "");
    const char *sfx = nm->part[RP_NAME_SUFFIX];
    if (sfx && generational(sfx)) {
      rpi_buf_putc(b, ' ');
      rpi_buf_puts(b, sfx);
      sfx = NULL;
    }
    if (nm->part[RP_NAME_GIVEN]) {
      rpi_buf_putc(b, ' ');
      initials(b, nm->part[RP_NAME_GIVEN]);
    }
    if (sfx) {
      rpi_buf_putc(b, ' ');
      rpi_buf_puts(b, nm->part[RP_NAME_SUFFIX]);
    }
  }
  if (n && r->et_al[role])
    rpi_buf_puts(b, ", et al");
  return n;
}

/* The title with its medium in brackets ("Title [Internet]."), unless the
 * printed title already ends with a bracketed medium. */
static void title_medium(rpi_buf *b, const char *t, const char *medium) {
  if (!t || !*t) {
    if (medium) {
      if (b->len)
        rpi_buf_putc(b, ' ');
      rpi_buf_putc(b, '[');
      rpi_buf_puts(b, medium);
      rpi_buf_put_lit(b, "].");
    }
    return;
  }
  size_t n = strlen(t);
  if (!medium || t[n - 1] == ']') {
    sentence(b, t);
    return;
  }
  if (b->len)
    rpi_buf_putc(b, ' ');
  /* "Title?" keeps its mark before the medium: "Title? [Internet]." */
  rpi_buf_put(b, t, ends_sentence(t, n) && t[n - 1] == '.' ? n - 1 : n);
  rpi_buf_put_lit(b, " [");
  rpi_buf_puts(b, medium);
  rpi_buf_put_lit(b, "].");
}

/* "2nd ed." from "2"; an edition already saying "ed"/"edition" as it is. */
static void edition(rpi_buf *b, const char *e) {
  if (!e || !*e)
    return;
  rpi_buf_putc(b, ' ');
  size_t n = strlen(e);
  bool digits = n <= 4;
  for (size_t i = 0; i < n && digits; i++)
    digits = e[i] >= '0' && e[i] <= '9';
  if (digits) {
    unsigned v = 0;
    for (size_t i = 0; i < n; i++)
      v = v * 10 + (unsigned)(e[i] - '0');
    const char *suf = (v % 100 >= 11 && v % 100 <= 13) ? "th"
                      : v % 10 == 1                    ? "st"
                      : v % 10 == 2                    ? "nd"
                      : v % 10 == 3                    ? "rd"
                                                       : "th";
    rpi_buf_puts(b, e);
    rpi_buf_puts(b, suf);
    rpi_buf_put_lit(b, " ed.");
    return;
  }
  bool says_ed = strstr(e, "ed") || strstr(e, "Ed");
  rpi_buf_puts(b, e);
  if (!says_ed)
    rpi_buf_put_lit(b, " ed.");
  else if (!ends_sentence(e, n))
    rpi_buf_putc(b, '.');
}

/* The date of publication as NLM writes it: "2004", "2004 Mar", "2004
 * Mar 5", "2004 Jan-Feb", "2004 Mar 5-7", "2004 Spring", "1939-1940". With
 * full false the year or years alone (books, chapters: Citing Medicine dates
 * them by year). */
static void issued(rpi_buf *b, const rp_result *r, bool full) {
  static const char *const season[] = {"Spring", "Summer", "Autumn", "Winter"};
  int from[3], to[3];
  bool range;
  int n = rpi_issued(r, from, to, &range);
  if (!n || !full || (n == 1 && range)) {
    rpi_buf_puts(b, r->field[RP_FIELD_YEAR]);
    if (n == 1 && range) { /* "1939-1940" */
      rpi_buf_putc(b, '-');
      rpi_buf_putu(b, (size_t)to[0]);
    }
    return;
  }
  rpi_buf_putu(b, (size_t)from[0]);
  if (n == 1 && r->season) {
    rpi_buf_putc(b, ' ');
    rpi_buf_puts(b, season[r->season - 1]);
  }
  if (n >= 2) {
    rpi_buf_putc(b, ' ');
    rpi_buf_puts(b, rpi_month_abbrev(from[1]));
  }
  if (n == 3) {
    rpi_buf_putc(b, ' ');
    rpi_buf_putu(b, (size_t)from[2]);
  }
  if (range && to[1] != from[1]) {
    rpi_buf_putc(b, '-');
    rpi_buf_puts(b, rpi_month_abbrev(to[1]));
    if (n == 3) {
      rpi_buf_putc(b, ' ');
      rpi_buf_putu(b, (size_t)to[2]);
    }
  } else if (range && n == 3) {
    rpi_buf_putc(b, '-');
    rpi_buf_putu(b, (size_t)to[2]);
  }
}

/* "[cited 2024 Mar 5]" (the date as printed when it cannot be read). */
static void cited(rpi_buf *b, const char *accessed) {
  int ymd[3];
  int n = rpi_date_parts(accessed, ymd);
  rpi_buf_put_lit(b, "[cited ");
  if (!n) {
    rpi_buf_puts(b, accessed);
  } else {
    rpi_buf_putu(b, (size_t)ymd[0]);
    if (n > 1) {
      rpi_buf_putc(b, ' ');
      rpi_buf_puts(b, rpi_month_abbrev(ymd[1]));
    }
    if (n > 2) {
      rpi_buf_putc(b, ' ');
      rpi_buf_putu(b, (size_t)ymd[2]);
    }
  }
  rpi_buf_putc(b, ']');
}

/* "Place: Publisher; Year [cited ...]." with what there is. */
static void imprint(rpi_buf *b, const rp_result *r, bool with_cited) {
  const char *place = r->field[RP_FIELD_PUBLISHER_PLACE], *pub = r->field[RP_FIELD_PUBLISHER];
  const char *year = r->field[RP_FIELD_YEAR], *acc = r->field[RP_FIELD_ACCESSED];
  bool cite = with_cited && acc;
  if (!place && !pub && !year && !cite)
    return;
  if (b->len)
    rpi_buf_putc(b, ' ');
  /* Citing Medicine marks the half of the imprint that is missing (a web
   * page and a preprint, "arXiv; 2017.", print what they have) */
  bool mark = r->type != RP_TYPE_WEBPAGE && r->type != RP_TYPE_ARTICLE;
  if (place || (pub && mark)) {
    rpi_buf_puts(b, place ? place : "[place unknown]");
    if (pub || mark)
      rpi_buf_put_lit(b, ": ");
  }
  if (pub || (place && mark))
    rpi_buf_puts(b, pub ? pub : "[publisher unknown]");
  if ((place || pub) && (year || cite))
    rpi_buf_put_lit(b, "; ");
  if (year)
    issued(b, r, with_cited);
  if (cite) {
    if (year)
      rpi_buf_putc(b, ' ');
    cited(b, acc);
  }
  rpi_buf_putc(b, '.');
}

/* " Available from: URL" (https:// added when it has no scheme), or the
 * arXiv page. */
static void available(rpi_buf *b, const rp_result *r) {
  const char *url = r->field[RP_FIELD_URL], *arxiv = r->field[RP_FIELD_ARXIV];
  if (!url && !arxiv)
    return;
  rpi_buf_put_lit(b, " Available from: ");
  if (url) {
    if (!rpi_url_has_scheme(url))
      rpi_buf_put_lit(b, "https://");
    rpi_buf_puts(b, url);
  } else {
    rpi_buf_put_lit(b, "https://arxiv.org/abs/");
    rpi_buf_puts(b, arxiv);
  }
}

static void doi(rpi_buf *b, const rp_result *r) {
  if (r->field[RP_FIELD_DOI]) {
    rpi_buf_puts(b, " doi:");
    rpi_buf_puts(b, r->field[RP_FIELD_DOI]);
  }
}

/* "Editor AA, Editor BB, editors." */
static void editors(rpi_buf *b, const rp_result *r) {
  names(b, r, RP_ROLE_EDITOR);
  rpi_buf_puts(b, r->n_names[RP_ROLE_EDITOR] > 1 || r->et_al[RP_ROLE_EDITOR] ? ", editors."
                                                                            : ", editor.");
}

/* Authors, or the editors with ", editors" when there are no authors;
 * closed with a period. */
static void creators(rpi_buf *b, const rp_result *r, bool editors_instead) {
  if (names(b, r, RP_ROLE_AUTHOR)) {
    if (b->p[b->len - 1] != '.') /* not after "Jr." */
      rpi_buf_putc(b, '.');
  } else if (editors_instead && r->n_names[RP_ROLE_EDITOR]) {
    editors(b, r);
  }
}

/* The journal form (also for types without one of their own). */
static void journal(rpi_buf *b, const rp_result *r) {
  creators(b, r, false);
  sentence(b, r->field[RP_FIELD_TITLE]);
  journal_title(b, r->field[RP_FIELD_CONTAINER_TITLE]);
  const char *status = r->field[RP_FIELD_NOTE];
  if (status && *status && !r->field[RP_FIELD_VOLUME] && !r->field[RP_FIELD_ISSUE] && !r->field[RP_FIELD_PAGE]) {
    /* an article not yet published, in Citing Medicine's form for one
     * ("Proc Natl Acad Sci U S A. Forthcoming 2002."), with the status
     * as the source printed it ("In press", "Submitted", "To appear"):
     * only an accepted article is forthcoming */
    if (b->len)
      rpi_buf_putc(b, ' ');
    rpi_buf_putc(b, status[0] >= 'a' && status[0] <= 'z' ? (char)(status[0] - 'a' + 'A') : status[0]);
    rpi_buf_puts(b, status + 1);
    if (r->field[RP_FIELD_YEAR]) {
      rpi_buf_putc(b, ' ');
      rpi_buf_puts(b, r->field[RP_FIELD_YEAR]);
    }
    rpi_buf_putc(b, '.');
    return;
  }
  if (r->field[RP_FIELD_YEAR] || r->field[RP_FIELD_VOLUME] || r->field[RP_FIELD_PAGE]) {
    if (b->len)
      rpi_buf_putc(b, ' ');
    if (r->field[RP_FIELD_YEAR])
      issued(b, r, true);
    if (r->field[RP_FIELD_VOLUME]) {
      rpi_buf_putc(b, ';');
      rpi_buf_puts(b, r->field[RP_FIELD_VOLUME]);
    }
    if (r->field[RP_FIELD_ISSUE] && !r->field[RP_FIELD_VOLUME] && !r->field[RP_FIELD_PAGE] &&
        r->field[RP_FIELD_YEAR]) {
      /* a number alone (a report series, a working paper): "2021. No.
       * 112", not "2021(112)", where the year would read as a volume */
      rpi_buf_put_lit(b, ". No. ");
      rpi_buf_puts(b, r->field[RP_FIELD_ISSUE]);
    } else if (r->field[RP_FIELD_ISSUE]) {
      /* "2009 Jul-Sep;(145):75-103": an issue without a volume, before
       * pages, still follows the semicolon (Citing Medicine) */
      if (!r->field[RP_FIELD_VOLUME] && r->field[RP_FIELD_YEAR])
        rpi_buf_putc(b, ';');
      rpi_buf_putc(b, '(');
      rpi_buf_puts(b, r->field[RP_FIELD_ISSUE]);
      rpi_buf_putc(b, ')');
    }
    if (r->field[RP_FIELD_PAGE]) {
      rpi_buf_putc(b, ':');
      rpi_buf_puts(b, r->field[RP_FIELD_PAGE]);
    }
    rpi_buf_putc(b, '.');
  }
}

/* A part in a whole: chapter or conference paper. */
static void part_of(rpi_buf *b, const rp_result *r) {
  creators(b, r, false);
  sentence(b, r->field[RP_FIELD_TITLE]);
  const char *in = r->field[RP_FIELD_CONTAINER_TITLE];
  if (in || (r->n_names[RP_ROLE_AUTHOR] && r->n_names[RP_ROLE_EDITOR])) {
    if (b->len)
      rpi_buf_putc(b, ' ');
    rpi_buf_put_lit(b, "In:");
    if (r->n_names[RP_ROLE_AUTHOR] && r->n_names[RP_ROLE_EDITOR]) {
      rpi_buf_putc(b, ' ');
      editors(b, r);
    }
    sentence(b, in);
  }
  edition(b, r->field[RP_FIELD_EDITION]);
  imprint(b, r, false);
  if (r->field[RP_FIELD_VOLUME]) {
    rpi_buf_put_lit(b, " Vol. ");
    rpi_buf_puts(b, r->field[RP_FIELD_VOLUME]);
    rpi_buf_putc(b, ',');
  }
  if (r->field[RP_FIELD_ISSUE]) {
    /* the proceedings' number, or the paper's ("Paper No. 1234") */
    rpi_buf_put_lit(b, " No. ");
    rpi_buf_puts(b, r->field[RP_FIELD_ISSUE]);
    rpi_buf_putc(b, ',');
  }
  if (r->field[RP_FIELD_PAGE]) {
    rpi_buf_put_lit(b, " p. ");
    rpi_buf_puts(b, r->field[RP_FIELD_PAGE]);
    rpi_buf_putc(b, '.');
  } else if (r->field[RP_FIELD_VOLUME] || r->field[RP_FIELD_ISSUE]) {
    b->p[b->len - 1] = '.';
  }
  available(b, r);
}

/* A work of its own: book, thesis, report, web page, preprint, software,
 * dataset. medium: the bracketed kind after the title, or NULL. */
static void whole(rpi_buf *b, const rp_result *r, const char *medium, bool online) {
  creators(b, r, r->type == RP_TYPE_BOOK || r->type == RP_TYPE_REPORT);
  title_medium(b, r->field[RP_FIELD_TITLE], medium);
  if (r->type != RP_TYPE_BOOK && r->type != RP_TYPE_THESIS)
    sentence(b, r->field[RP_FIELD_CONTAINER_TITLE]); /* the site, the archive */
  edition(b, r->field[RP_FIELD_EDITION]);
  if (r->n_names[RP_ROLE_AUTHOR] && r->n_names[RP_ROLE_EDITOR]) {
    /* the secondary authors after the edition: "Ashton R, editor." */
    if (b->len)
      rpi_buf_putc(b, ' ');
    editors(b, r);
  }
  /* a book's volume after the edition ("2nd ed. Vol. 3."), its pages
   * after the date ("2004. p. 210-245."); with both, only the volume,
   * which is what reads back */
  const char *vol = r->type == RP_TYPE_BOOK ? r->field[RP_FIELD_VOLUME] : NULL;
  const char *pages = r->type == RP_TYPE_BOOK && !vol ? r->field[RP_FIELD_PAGE] : NULL;
  if (vol) {
    rpi_buf_put_lit(b, " Vol. ");
    rpi_buf_puts(b, vol);
    const char *vt = r->field[RP_FIELD_VOLUME_TITLE]; /* "Vol. 1: Fundamental Algorithms." */
    if (vt) {
      rpi_buf_put_lit(b, ": ");
      rpi_buf_puts(b, vt);
    }
    if (!ends_sentence(vt ? vt : vol, strlen(vt ? vt : vol)))
      rpi_buf_putc(b, '.');
  }
  if (r->field[RP_FIELD_VERSION]) {
    rpi_buf_put_lit(b, " Version ");
    rpi_buf_puts(b, r->field[RP_FIELD_VERSION]);
    if (!ends_sentence(r->field[RP_FIELD_VERSION], strlen(r->field[RP_FIELD_VERSION])))
      rpi_buf_putc(b, '.');
  }
  if (r->type == RP_TYPE_ARTICLE && !r->field[RP_FIELD_PUBLISHER] && r->field[RP_FIELD_ARXIV] &&
      !r->field[RP_FIELD_CONTAINER_TITLE]) {
    /* the server is the preprint's publisher: "arXiv; 2017." */
    rpi_buf_put_lit(b, " arXiv");
    if (r->field[RP_FIELD_YEAR] || r->field[RP_FIELD_ACCESSED]) {
      rpi_buf_putc(b, ';');
      imprint(b, r, online);
    } else {
      rpi_buf_putc(b, '.');
    }
  } else {
    imprint(b, r, online);
  }
  if (pages) {
    rpi_buf_put_lit(b, " p. ");
    rpi_buf_puts(b, pages);
    rpi_buf_putc(b, '.');
  } else if (r->field[RP_FIELD_NUMBER_OF_PAGES]) {
    rpi_buf_putc(b, ' ');
    rpi_buf_puts(b, r->field[RP_FIELD_NUMBER_OF_PAGES]);
    rpi_buf_put_lit(b, " p.");
  }
  if (r->field[RP_FIELD_NUMBER_OF_VOLUMES]) { /* "1979. 3 vol." */
    rpi_buf_putc(b, ' ');
    rpi_buf_puts(b, r->field[RP_FIELD_NUMBER_OF_VOLUMES]);
    rpi_buf_put_lit(b, " vol.");
  }
  if (r->field[RP_FIELD_NUMBER] && r->type == RP_TYPE_REPORT) {
    /* the series and number as Citing Medicine writes a series, "(NBER
     * Working Paper; no. 28765).", or its "Report No.: 28765." */
    const char *g = r->field[RP_FIELD_GENRE];
    if (g) {
      rpi_buf_put_lit(b, " (");
      rpi_buf_puts(b, g);
      rpi_buf_put_lit(b, "; no. ");
      rpi_buf_puts(b, r->field[RP_FIELD_NUMBER]);
      rpi_buf_put_lit(b, ").");
    } else {
      rpi_buf_put_lit(b, " Report No.: ");
      rpi_buf_puts(b, r->field[RP_FIELD_NUMBER]);
      if (!ends_sentence(r->field[RP_FIELD_NUMBER], strlen(r->field[RP_FIELD_NUMBER])))
        rpi_buf_putc(b, '.');
    }
  }
  if (online || r->type == RP_TYPE_BOOK || r->type == RP_TYPE_REPORT || r->type == RP_TYPE_THESIS)
    available(b, r);
}

/* "Title [YEAR] ", a case as OSCOLA prints it (the year is there). */
static void case_title_year(rpi_buf *b, const rp_result *r) {
  if (r->field[RP_FIELD_TITLE]) {
    rpi_buf_puts(b, r->field[RP_FIELD_TITLE]);
    rpi_buf_putc(b, ' ');
  }
  rpi_buf_putc(b, '[');
  rpi_buf_puts(b, r->field[RP_FIELD_YEAR]);
  rpi_buf_put_lit(b, "] ");
}

/* "VOL REPORTER PAGE" of a law report (both reporter and page present). */
static void case_report(rpi_buf *b, const rp_result *r) {
  if (r->field[RP_FIELD_VOLUME]) {
    rpi_buf_puts(b, r->field[RP_FIELD_VOLUME]);
    rpi_buf_putc(b, ' ');
  }
  rpi_buf_puts(b, r->field[RP_FIELD_CONTAINER_TITLE]);
  rpi_buf_putc(b, ' ');
  rpi_buf_puts(b, r->field[RP_FIELD_PAGE]);
}

/* A Commonwealth or European case, its reporter without periods or
 * without a volume, in the form it is printed in (OSCOLA): "Case C-6/64
 * Costa v ENEL [1964] ECR 585.", "Caparo Industries plc v Dickman [1990] 2
 * AC 605 (HL)." */
static void legal_oscola(rpi_buf *b, const rp_result *r) {
  const char *num = r->field[RP_FIELD_NUMBER], *court = r->field[RP_FIELD_AUTHORITY];
  if (num && strchr(num, '/')) {
    rpi_buf_put_lit(b, "Case ");
    rpi_buf_puts(b, num);
    rpi_buf_putc(b, ' ');
  }
  case_title_year(b, r);
  case_report(b, r);
  if (court) {
    rpi_buf_put_lit(b, " (");
    rpi_buf_puts(b, court);
    rpi_buf_putc(b, ')');
  }
  rpi_buf_putc(b, '.');
}

/* A neutral citation as printed, "Ghaidan v Godin-Mendoza [2004] UKHL 30.",
 * "Smith v Jones [2003] EWHC 1234 (Admin).", and the law report after it
 * without its year, which the parse does not keep: "Rees v Darlington
 * Memorial Hospital NHS Trust [2003] UKHL 52, 1 AC 309." */
static void legal_neutral(rpi_buf *b, const rp_result *r) {
  const char *court = r->field[RP_FIELD_AUTHORITY], *div = strstr(court, " (");
  case_title_year(b, r);
  rpi_buf_put(b, court, div ? (size_t)(div - court) : strlen(court));
  rpi_buf_putc(b, ' ');
  rpi_buf_puts(b, r->field[RP_FIELD_NUMBER]);
  if (div)
    rpi_buf_puts(b, div);
  if (r->field[RP_FIELD_CONTAINER_TITLE] && r->field[RP_FIELD_PAGE]) {
    rpi_buf_put_lit(b, ", ");
    case_report(b, r);
  }
  rpi_buf_putc(b, '.');
}

/* A legal case or statute in Citing Medicine's form for legal materials,
 * which is the Bluebook's: "Roe v. Wade, 410 U.S. 113 (1973).", "Smith v.
 * Jones, 123 F.3d 456 (9th Cir. 1997).", "Civil Rights Act, 42 U.S.C.
 * § 1983 (2018)." */
static void legal(rpi_buf *b, const rp_result *r) {
  const char *t = r->field[RP_FIELD_TITLE], *rep = r->field[RP_FIELD_CONTAINER_TITLE];
  const char *num = r->field[RP_FIELD_NUMBER];
  if (r->type == RP_TYPE_LEGAL_CASE && r->field[RP_FIELD_AUTHORITY] && num && !strchr(num, '/') &&
      r->field[RP_FIELD_YEAR]) {
    legal_neutral(b, r);
    return;
  }
  if (r->type == RP_TYPE_LEGAL_CASE && rep && r->field[RP_FIELD_PAGE] && r->field[RP_FIELD_YEAR] &&
      (!r->field[RP_FIELD_VOLUME] || !strchr(rep, '.'))) {
    legal_oscola(b, r);
    return;
  }
  size_t start = b->len;
  const char *court = r->field[RP_FIELD_AUTHORITY], *year = r->field[RP_FIELD_YEAR];
  if (t)
    rpi_buf_puts(b, t);
  if (t && court && r->type == RP_TYPE_LEGISLATION && !rep) {
    /* an Act's jurisdiction after its title: "Native Title Act 1993 (Cth)" */
    rpi_buf_put_lit(b, " (");
    rpi_buf_puts(b, court);
    rpi_buf_putc(b, ')');
    court = NULL;
  }
  /* a public law's number as printed, "Pub. L. No. 88-352", its own part */
  if (r->type != RP_TYPE_LEGISLATION)
    num = NULL;
  if (num) {
    rpi_buf_puts(b, b->len > start ? ", " : "");
    rpi_buf_puts(b, num);
  }
  const char *parts[] = {r->field[RP_FIELD_VOLUME], r->field[RP_FIELD_CONTAINER_TITLE],
                         r->field[RP_FIELD_PAGE]};
  bool first = true;
  for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
    if (!parts[i])
      continue;
    rpi_buf_puts(b, first ? (b->len > start ? ", " : "") : " ");
    rpi_buf_puts(b, parts[i]);
    first = false;
  }
  if (r->field[RP_FIELD_SECTION]) {
    rpi_buf_puts(b, first ? (b->len > start ? ", " : "") : " ");
    rpi_buf_put_lit(b, "\xc2\xa7 ");
    rpi_buf_puts(b, r->field[RP_FIELD_SECTION]);
  }
  size_t tl = t ? strlen(t) : 0;
  if (year && tl >= 4 && strcmp(t + tl - 4, year) == 0 && !court)
    year = NULL; /* "Human Rights Act 1998": the year is the title's */
  if (court || year) {
    rpi_buf_put_lit(b, " (");
    if (court)
      rpi_buf_puts(b, court);
    if (court && year)
      rpi_buf_putc(b, ' ');
    if (year)
      rpi_buf_puts(b, year);
    rpi_buf_putc(b, ')');
  }
  if (b->len > start)
    rpi_buf_putc(b, '.');
}

rp_status rp_write_vancouver(const rp_result *r, unsigned flags, char **out, size_t *out_len) {
  (void)flags;
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if (!r)
    return RP_ERR_ARG;
  rpi_buf b;
  rpi_buf_init(&b, (size_t)1 << 30);
  const char *genre = r->field[RP_FIELD_GENRE];
  switch (r->type) {
  case RP_TYPE_BOOK:
    whole(&b, r, NULL, false);
    break;
  case RP_TYPE_CHAPTER:
  case RP_TYPE_PAPER_CONFERENCE:
    part_of(&b, r);
    break;
  case RP_TYPE_THESIS:
    whole(&b, r,
          genre && (strstr(genre, "aster") || strstr(genre, "MSc")) ? "master's thesis"
                                                                     : "dissertation",
          false);
    break;
  case RP_TYPE_REPORT:
    whole(&b, r, NULL, false);
    break;
  case RP_TYPE_WEBPAGE:
    whole(&b, r, "Internet", true);
    break;
  case RP_TYPE_ARTICLE:
    if (r->field[RP_FIELD_CONTAINER_TITLE] && !r->field[RP_FIELD_ARXIV]) {
      journal(&b, r); /* an article placed in a journal */
    } else if (r->field[RP_FIELD_CONTAINER_TITLE] && (r->field[RP_FIELD_VOLUME] || r->field[RP_FIELD_PAGE])) {
      /* published, its preprint cited too ("Eur. Phys. J. C 78 (2018)
       * 456, arXiv:1802.01234"): the journal's form, then the preprint
       * where Citing Medicine puts a journal's URL ("Eur Phys J C.
       * 2018;78:456. Available from: https://arxiv.org/abs/1802.01234") */
      journal(&b, r);
      available(&b, r);
    } else {
      whole(&b, r, "Preprint", true);
    }
    break;
  case RP_TYPE_SOFTWARE:
    whole(&b, r, "computer program", true);
    break;
  case RP_TYPE_DATASET:
    whole(&b, r, "dataset", true);
    break;
  case RP_TYPE_LEGAL_CASE:
  case RP_TYPE_LEGISLATION:
    legal(&b, r);
    break;
  default:
    journal(&b, r);
  }
  doi(&b, r);
  return rpi_writer_finish(&b, out, out_len);
}
