#include "parse.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "lexicon.h"
#include "names.h"

/* ---- patterns ------------------------------------------------------------ */

#define YEAR "(?:1[5-9]|20)[0-9][0-9]"
#define PG "(?:[A-Za-z]{1,5}[0-9]+|[0-9]+[A-Za-z]?)(?:\\s?-{1,2}\\s?(?:[A-Za-z]{1,3})?[0-9]+[A-Za-z]?)?"
/* "1, 5", "12-14, 18": discontinuous pages, never a year after the comma */
#define PGL PG "(?:\\s*,\\s*(?!(?:1[5-9]|20)[0-9][0-9]\\b)[0-9]{1,4}(?:-[0-9]{1,4})?(?=\\s*(?:;|\\.\\s*(?:$|[A-Z(\\[]|http|doi)|,\\s*[0-9]|$)))*"
#define MONTH "(?:[A-Za-z][a-z]{2,8}\\.?(?:\\s?[-/]\\s?[A-Za-z][a-z]{2,8}\\.?)?|Spring|Summer|Fall|Autumn|Winter)"

enum {
  P_DOI, P_URL, P_PMID, P_PMCID, P_ARXIV, P_ISBN, P_ISSN, P_ACCESS, P_AVAIL,
  P_VAN, P_PHYS1, P_PHYS2, P_CHICAGO, P_COLON, P_APA, P_VOLISS, P_LVOL,
  P_LISS, P_LPAGES, P_NPAGES, P_BARE, P_YEAR, P_PUBPLACE, P_EDITION,
  P_THESIS, P_REPORT, P_CONF, P_PREPRINT, P_SOFTWARE, P_DATASET, P_EPUB,
  P_INPRESS, P_ACS, P_VOLTAIL, P_VCOLI, P_VIP, P_PAGESONLY, P_ACMART, P_VYP, P_VDOTP, P_VANPG, P_COUNT
};

static const char *const pattern_src[P_COUNT] = {
    [P_DOI] = "(?:(?:https?://)?(?:dx\\.)?doi\\.org/|\\bdoi\\s*[:.]?\\s*(?:https?://(?:dx\\.)?doi\\.org/)?|\\b)(10\\.[0-9]{4,9}/[^\\s\"<>\\x{201C}\\x{201D}]+)",
    [P_URL] = "\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"\\x{201C}\\x{201D}]+",
    [P_PMID] = "\\b(?:PMID|PubMed(?:\\s+PMID)?)\\s*[:#]?\\s*([0-9]{1,9})\\b",
    [P_PMCID] = "\\b(?:PMCID\\s*:?\\s*)?(PMC[0-9]{4,9})\\b",
    [P_ARXIV] = "(?:\\barXiv\\s+(?:preprint|e-prints?)\\s*,?\\s*)?\\b(?:arXiv(?:\\s+preprint)?\\s*:?\\s*)([0-9]{4}\\.[0-9]{4,5}(?:v[0-9]+)?|[a-z\\-]+(?:\\.[A-Z]{2})?/[0-9]{7}(?:v[0-9]+)?)(?:\\s*\\[[\\w.\\-]+\\])?",
    [P_ISBN] = "\\bISBN(?:-1[03])?\\s*:?\\s*((?:97[89][\\s-]?)?[0-9]{1,5}[\\s-]?[0-9]{1,7}[\\s-]?[0-9]{1,7}[\\s-]?[0-9X])\\b",
    [P_ISSN] = "\\b(?:ISSN|e-ISSN|eISSN)\\s*:?\\s*([0-9]{4}-?[0-9]{3}[0-9Xx])",
    [P_ACCESS] = "\\[\\s*(?:cited|accessed|viewed|citado|consultado|acesso em|zitiert|consult\\x{e9})\\s*:?\\s*([^\\]]{1,60})\\]|\\b(?:(?:last\\s+)?accessed(?:\\s+on)?|retrieved(?:\\s+on)?|consultado(?:\\s+(?:el|em))?|acesso\\s+em|acessado\\s+em|abgerufen\\s+am|consult\\x{e9}\\s+le|zugegriffen\\s+am)\\s*:?\\s*((?:[0-9]{1,2}\\.?\\s+)?(?:[A-Za-z\\x{e9}\\x{e7}]+\\.?\\s+)?(?:[0-9]{1,2},?\\s+)?[0-9]{4}(?:[-/][0-9]{1,2}[-/][0-9]{1,2})?|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}|[0-9]{4}-[0-9]{2}-[0-9]{2})",
    [P_AVAIL] = "\\b(?:Available\\s+(?:from|at|online|in|on)|Retrieved\\s+from|Dispon\\x{ed}vel\\s+(?:em|no)|Disponible\\s+(?:en|sur)|Verf\\x{fc}gbar\\s+unter|Online\\s+verf\\x{fc}gbar|Accessible\\s+at)\\s*:?",
    [P_VAN] = "(?<![0-9])(?<y>" YEAR ")[a-z]?(?:\\s+" MONTH "(?:\\s+[0-9]{1,2}(?:\\s?-\\s?[0-9]{1,2})?)?)?\\s*;\\s*(?<v>[A-Za-z]?[0-9]+[A-Za-z]?)?(?:\\s*(?:Suppl|Pt|Part|Spec\\s?No|Supl)\\.?\\s*[0-9]*[A-Za-z]?)?\\s*(?:\\((?<i>[^()]{1,25})\\))?(?:\\s*(?:Suppl|Supl)\\.?\\s*[0-9]*)?(?:\\s*:\\s*|(?<=\\))\\s*)?(?<p>" PG ")?",
    /* "(?=[A-Z]?[0-9])": what the volume needs anyway, tested before the
     * lookbehinds so that most start positions fail at once */
    [P_PHYS1] = "(?=[A-Z]?[0-9])(?<![\\w-])(?<![0-9]\\.)(?<v>[A-Z]?[0-9]+[A-Z]?)\\s*,\\s*(?<p>[A-Z]?[0-9]+[A-Za-z]?(?:\\s?-\\s?[A-Z]?[0-9]+)?)\\s*\\(\\s*(?<y>(?:" MONTH "\\s+)?(?:[0-9]{1,2}\\s+)?" YEAR ")\\s*\\)",
    [P_PHYS2] = "(?=[A-Z]?[0-9])(?<![\\w-])(?<![0-9]\\.)(?<v>[A-Z]?[0-9]+[A-Z]?)\\s*(?:\\(\\s*(?<i>[0-9]{1,3})\\s*\\)\\s*)?\\(\\s*(?<y>" YEAR ")\\s*\\)\\s*,?\\s*(?<p>" PG ")(?![\\w])",
    [P_CHICAGO] = "(?<![\\w.\\-/:])(?<!:\\s)(?<v>[0-9]+(?:/[0-9]+)?)(?:\\s*,?\\s*(?:no\\.|no(?=\\s)|No\\.|n\\.|nos\\.|Nr\\.|H\\.|n\\x{b0}|n\\x{ba}|N\\x{b0}|N\\x{ba}|n\\x{fa}m\\.|num\\.)\\s*(?<i>[\\w/-]+)|\\s*[,.]\\s*(?<i2>[0-9]+)|\\s*:\\s*(?<i3>[0-9]+)(?=\\s*\\([^()]{0,30}\\)\\s*,\\s*[0-9]))?\\s*\\((?<y>[^()]{0,20}?" YEAR "[^()]{0,12})\\)\\s*(?:[:,]\\s*(?:pp?\\.\\s*|pages\\s+)?(?<p>" PG "))?",
    [P_COLON] = "(?<![\\w.:/])(?<v>[0-9]+[A-Za-z]?)\\s*(?:\\((?<i>[^()]{1,25})\\))?\\s*:\\s*(?<p>" PG ")(?![\\w:/])",
    [P_APA] = "(?<![\\w.-])(?<v>[A-Z]?[0-9]+)\\s*(?:\\((?<i>[^()]{1,25})\\))?\\s*,\\s*(?:pp?\\.\\s*)?(?<p>" PGL ")(?=\\s*(?:[.;,(]|$|doi|https?:|Retrieved|Available))",
    [P_VOLISS] = "(?<![\\w.])(?<v>[0-9]+)\\s*\\((?<i>[^()]{1,25})\\)(?=\\s*(?:[.,;:]|$))",
    [P_LVOL] = "(?:\\b(?:vols?|volume|Volume|Vols?|VOL|Bd|Jg|tome|Tome|t|v|anno|a\\x{f1}o|ano|Band)\\.?)\\s*(?<v>[0-9]+[A-Za-z]?|[IVXLC]+\\b)(?:\\s*\\((?<i>[^()]{1,12})\\))?",
    [P_LISS] = "\\b(?:(?:no|No|nos|Nos|NO|n|nr|Nr|num|n\\x{fa}m|issue|Issue|Heft|H|fasc|number|Number|cuad|iss|Iss)\\.?|n\\x{b0}|n\\x{ba}|N\\x{b0}|N\\x{ba})\\s*(?<i>[0-9]+[A-Za-z]?(?:\\s?[-/]\\s?[0-9]+)?)",
    /* "\b" once, before the labels (each starts with a letter) */
    [P_LPAGES] = "\\b(?:pp?\\.|[Pp]ages?\\b|Pp?\\.|S\\.|p\\x{e1}gs?\\.|pgs?\\.|Ss\\.|pp\\b|pgs?\\b|blz\\.|str\\.|c\\.)\\s*(?<p>" PGL ")",
    [P_NPAGES] = "(?<![\\w.-])(?<n>[0-9]+)\\s*(?:pp|p|pages|S|p\\x{e1}gs?|Seiten|f|pgs?)\\.?(?=\\s|$|[.,;)])",
    [P_BARE] = "(?<![\\w.:/-])(?<v>[0-9]+)\\s+(?<p>[0-9]+\\s?-{1,2}\\s?[0-9]+)(?![\\w])",
    [P_YEAR] = "(?<![\\w0-9/.-])(?<y>" YEAR ")[a-z]?(?![0-9])(?!\\s?-\\s?[0-9])",
    [P_PUBPLACE] = "(?<place>\\p{Lu}[\\p{L}.' -]{1,40}?(?:,\\s*[A-Z]{2,3})?)\\s*:\\s*(?<pub>[^:;()]{2,80}?)\\s*(?:[,.]\\s*(?:\\(?(?<y>" YEAR ")[a-z]?\\)?)?|$)",
    [P_EDITION] = "(?<e>[0-9]+)\\s*(?:(?:st|nd|rd|th)\\.?|\\.|\\x{aa}|a|e|er|\\x{e8}me)?\\s*(?:ed\\.|edn\\.?|edition|Aufl\\.|Auflage|\\x{e9}d\\.|edici\\x{f3}n|edi\\x{e7}\\x{e3}o|ed\\b)|(?<e2>(?:First|Second|Third|Fourth|Fifth|Sixth|Revised)\\s+(?:ed\\.|edition))",
    [P_THESIS] = "\\b(?:Ph\\s?\\.?\\s?D\\.?\\s*(?:thesis|dissertation|diss\\.)|(?:Doctoral|Master'?s|MSc|M\\.Sc\\.|MA|Bachelor'?s|Diploma|Habilitation)\\s+(?:thesis|dissertation|diss\\.)|[Tt]esi\\s+di\\s+(?:dottorato|laurea)|Rozprawa\\s+doktorska|(?:Dissertation|Thesis|Tese|Disserta\\x{e7}\\x{e3}o|Tesis|Th\\x{e8}se|Doktorarbeit|Diplomarbeit|Masterarbeit|Monografia|TCC)\\b)",
    [P_REPORT] = "\\b(?:Technical\\s+Report|Tech\\.\\s*Rep\\.|Tech\\s+Rep|Research\\s+Report|Working\\s+Paper|Report\\s+No\\.|Rapport|Relat\\x{f3}rio|Informe|Discussion\\s+Paper|White\\s+Paper|Policy\\s+Brief|Technical\\s+Note|Report)\\b",
    [P_CONF] = "\\b(?:Proceedings|Proc\\.|Conference|Conf\\.|Symposium|Symp\\.|Workshop|Congress|Congresso|Congreso|Kongress|Colloquium|Meeting|Annual\\s+Meeting|Anais\\s+do|Actas\\s+del?)\\b",
    [P_PREPRINT] = "\\b(?:arXiv|bioRxiv|medRxiv|SSRN|preprint|Preprint|PsyArXiv|ChemRxiv|Research\\s+Square|Preprints)\\b",
    [P_SOFTWARE] = "\\[(?:Computer\\s+software|Software|computer\\s+program)\\]|\\b(?:R\\s+package\\b|Software\\b|GitHub\\b|computer\\s+program\\b|Python\\s+package\\b)",
    [P_DATASET] = "\\[(?:Data\\s*set|Dataset|Data)\\]|\\b(?:Dataset\\b|Data\\s+set\\b|Dryad\\b|Zenodo\\b|figshare\\b|PANGAEA\\b)",
    [P_EPUB] = "\\b(?:Epub|E-pub|Published\\s+online)\\s*(?:ahead\\s+of\\s+print)?\\s*:?\\s*(?:" YEAR ")?(?:\\s+" MONTH ")?(?:\\s+[0-9]{1,2})?\\.?",
    [P_ACS] = "(?<![\\w.])(?<y>" YEAR ")\\s*,\\s*(?<v>[0-9]+)\\s*(?:,?\\s*\\((?<i>[^()]{1,20})\\))?\\s*,\\s*(?:pp?\\.\\s*)?(?<p>" PG ")(?![\\w])",
    [P_VOLTAIL] = "\\s*,\\s*(?:(" YEAR ")\\s*,\\s*)?(" PG ")(?=\\s*(?:[.;,]|$))",
    /* "Circulation 1993; 87, pages 1489-1497", "1992; 16::111-122" */
    [P_VANPG] = "(?<y>" YEAR ")\\s*;\\s*(?<v>[0-9]{1,5})\\s*(?:\\((?<i>[^()]{1,12})\\))?\\s*(?:,\\s*(?:pages|pp?\\.?)|::)\\s*(?<p>" PG ")",
    /* "Histoire littéraire de la France 40. 113-186." at the end */
    [P_VDOTP] = "(?<![\\w.:/,-])(?!(?:1[5-9]|20)[0-9][0-9]\\.)(?<v>[0-9]{1,4})\\.\\s+(?<p>[0-9]{1,5}\\s?[-\\x{2013}]\\s?[0-9]{1,5})\\.?\\s*$",
    /* European humanities: "Revue du Nord, 48, 1966, 273-287", "58 (1), 2011, 50-56" */
    [P_VYP] = "(?<![\\w.:/-])(?<v>[0-9]{1,4})(?:\\s*\\((?<i>[^()]{1,12})\\))?\\s*,\\s*(?<y>" YEAR ")\\s*,\\s*(?:pp?\\.?\\s*)?(?<p>[0-9]+(?:\\s?[-\\x{2013}]\\s?[0-9]+)?)(?![\\w/-])",
    /* ACM: "15, 3, Article 21 (August 2019), 27 pages" */
    [P_ACMART] = "(?<![\\w.:/-])(?<v>[0-9]+)\\s*,\\s*(?<i>[A-Za-z]*[0-9]+[A-Za-z]?|[A-Z]{3,}[0-9]*)\\s*,\\s*(?:Article|Art\\.)\\s+(?<p>[A-Za-z]?[0-9]+)\\s*(?:\\((?<y>[^()]{0,20}?" YEAR ")\\))?",
    [P_VCOLI] = "(?<![\\w.:/-])(?<v>[0-9]+)\\s*:\\s*(?<i>[0-9]{1,3})\\s*[,:]\\s*(?:pp?\\.\\s*)?(?<p>" PG ")(?![\\w])",
    [P_VIP] = "(?<![\\w.:/-])(?<v>[0-9]+)\\s*\\((?<i>[^()]{1,20})\\)\\s+(?<p>[0-9]+\\s?-{1,2}\\s?[0-9]+|[0-9]+)(?=\\s*(?:[.,;]|$))",
    [P_PAGESONLY] = ",\\s*(?<p>[0-9]+\\s?-{1,2}\\s?[0-9]+)\\s*(?:,\\s*(?<y>" YEAR "))?\\s*\\.?\\s*$",
    [P_INPRESS] = "\\b(?:in\\s+press|In\\s+press|forthcoming|no\\s+prelo|en\\s+prensa|im\\s+Druck|sous\\s+presse|in\\s+preparation|submitted|n\\.\\s?d\\.|s\\.\\s?d\\.|o\\.\\s?J\\.)",
};

static const unsigned pattern_flags[P_COUNT] = {
    [P_DOI] = RPI_RX_CASELESS, [P_PMID] = RPI_RX_CASELESS, [P_ARXIV] = RPI_RX_CASELESS,
    [P_ISBN] = RPI_RX_CASELESS, [P_ACCESS] = RPI_RX_CASELESS, [P_AVAIL] = RPI_RX_CASELESS,
    [P_EPUB] = RPI_RX_CASELESS, [P_LVOL] = RPI_RX_OFFSET_LIMIT, [P_LISS] = RPI_RX_OFFSET_LIMIT,
    [P_PUBPLACE] = RPI_RX_OFFSET_LIMIT, /* pubplace_split() */
};

static void lit_filters_init(rp_parser *p);

int rpi_parse_compile(rp_parser *p) {
  lit_filters_init(p);
  size_t bad = 0;
  unsigned fl[P_COUNT];
  memcpy(fl, pattern_flags, sizeof fl);
  if (p->flags & RP_OPT_NO_JIT)
    fl[0] |= RPI_RX_NO_JIT;
  return rpi_rx_new(pattern_src, fl, P_COUNT, &p->rx, &bad);
}

/* ---- working state --------------------------------------------------------- */

typedef struct st {
  const rp_parser *p;
  rpi_rx_scratch *sc;
  const rpi_text *t;
  rp_result *r;
  char *w;      /* working copy: consumed text blanked with spaces */
  size_t n;
  int err;
  /* layout found so far */
  size_t body;  /* where title/container text starts */
  size_t year_a, year_b;
  bool webcue, in_press;
  char series; /* "Phys. Rev. D91": the letter moved from the volume */
  bool labelled; /* the locator was "v. 46, n. 1, p. 33-50" style */
  int medium;    /* rp_type + 1 from "[Motion picture]", or 0 */
  /* duplicate-removal spans (cleaned offsets) for rp_normalize */
  size_t drop[16][2];
  size_t ndrop;
  /* pairs of adjacent ASCII letters in the text, case folded (may_match) */
  uint32_t pairs[26];
  bool pairs_all;
  uint64_t never; /* bit id: may_match() said no to a guard that stays no */
} st;

/* The literal lit (n bytes) at w[i], never reading past the working copy. */
static inline bool at_lit(const st *s, size_t i, const char *lit, size_t n) {
  return i <= s->n && n <= s->n - i && memcmp(s->w + i, lit, n) == 0;
}

/* ---- keyword guards ------------------------------------------------------ *
 * Many patterns need a keyword ("retrieved", "ISBN") that most references
 * lack, yet a PCRE2 search for it tries nearly every position (UCP \b, many
 * alternatives). For a keyword to occur, each pair of its adjacent letters
 * must occur: pairs_init() notes the pairs present in one pass over the
 * text, and may_match() runs a pattern only when one of its keywords is
 * possible. A necessary condition only, so a guard never hides a match
 * (blanking text only removes pairs); PCRE2's caseless matching equates
 * U+017F and U+212A with 's' and 'k', so a text holding either passes.
 * KEEP EACH CASE IN STEP WITH ITS PATTERN; build with -DRP_CHECK_GUARDS to
 * have find() verify every guard (abort on a match a guard would hide). */
static void pairs_init(st *s) {
  /* a class per byte: its letter 0..25 (either case), 26 for other bytes,
   * 27..30 for 0xC5, 0xE2, 0xBF, 0x84 (the bytes of U+017F and U+212A) */
  static const unsigned char cls[256] = {
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
      15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 26, 26, 26, 26,
      26,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
      15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 30, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 29,
      26, 26, 26, 26, 26, 27, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 28, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
      26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
  };
  /* pr[a] has bit b when class a is followed by class b somewhere; rows
   * 26..30 and bits 26..30 only serve the non-ASCII test */
  uint32_t pr[31] = {0};
  const unsigned char *w = (const unsigned char *)s->w;
  size_t i = 0;
  unsigned a = 26;
  for (; i + 4 <= s->n; i += 4) { /* the same pairs, four bytes a round */
    unsigned b0 = cls[w[i]], b1 = cls[w[i + 1]], b2 = cls[w[i + 2]], b3 = cls[w[i + 3]];
    pr[a] |= 1u << b0;
    pr[b0] |= 1u << b1;
    pr[b1] |= 1u << b2;
    pr[b2] |= 1u << b3;
    a = b3;
  }
  for (; i < s->n; i++) {
    unsigned b = cls[w[i]];
    pr[a] |= 1u << b;
    a = b;
  }
  for (size_t k = 0; k < 26; k++)
    s->pairs[k] = pr[k] & ((1u << 26) - 1);
  /* U+017F (C5 BF), or U+2100..U+213F (E2 84, U+212A among them) */
  s->pairs_all = ((pr[27] >> 29) & 1u) || ((pr[28] >> 30) & 1u);
}

/* May the lower-case ASCII word lit (n bytes) occur in the text, in any
 * case? Inline with a constant word: the loop unrolls to fixed bit tests. */
static inline bool has_word(const st *s, const char *lit, size_t n) {
  if (s->pairs_all)
    return true;
  for (size_t i = 0; i + 1 < n; i++)
    if (!((s->pairs[lit[i] - 'a'] >> (lit[i + 1] - 'a')) & 1u))
      return false;
  return true;
}

/* Does the byte string lit (n bytes) occur in the text, exactly? */
static bool has_lit(const st *s, const char *lit, size_t n) {
  for (const char *p = s->w, *e = s->w + s->n; (size_t)(e - p) >= n;) {
    p = memchr(p, lit[0], (size_t)(e - p) - n + 1);
    if (!p)
      return false;
    if (memcmp(p, lit, n) == 0)
      return true;
    p++;
  }
  return false;
}

/* May the text end with a digit, then white space, a period, white space
 * ("\\d\\s*\\.?\\s*$")? A non-ASCII byte there may be a Unicode digit or space
 * (UCP): then yes. */
static bool may_end_in_digit(const st *s) {
  size_t e = s->n;
  while (e > 0 && (s->w[e - 1] == ' ' || (s->w[e - 1] >= '\t' && s->w[e - 1] <= '\r')))
    e--;
  if (e > 0 && s->w[e - 1] == '.')
    e--;
  while (e > 0 && (s->w[e - 1] == ' ' || (s->w[e - 1] >= '\t' && s->w[e - 1] <= '\r')))
    e--;
  return e > 0 && ((s->w[e - 1] >= '0' && s->w[e - 1] <= '9') || (unsigned char)s->w[e - 1] >= 0x80);
}

/* Bytes \s may stand for in ASCII (UCP: \t \n \v \f \r and space; any other
 * white space is non-ASCII). Taking every control byte errs on the safe side. */
static inline bool sp_or_ctl(unsigned char c) { return c <= ' '; }
static inline bool is_ascii_word(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_';
}

/* Can the UTF-8 character ending at w[e - 1] (non-ASCII) be white space
 * (UCP \s)? Those are U+0085, U+00A0, U+1680, U+180E, U+2000..U+200A,
 * U+2028, U+2029, U+202F, U+205F and U+3000: lead byte C2, E1, E2 or E3. */
static bool may_be_uspace(const unsigned char *w, size_t e) {
  size_t q = e - 1;
  while (q > 0 && (w[q] & 0xC0u) == 0x80u)
    q--;
  return w[q] == 0xC2 || (w[q] >= 0xE1 && w[q] <= 0xE3);
}

/* May a label from labels[] (NULL-terminated) end before the value starting
 * at w[v], with "\.?\s*" between? Walks back from v over white space and an
 * optional '.'. A non-ASCII character met there may be Unicode white space
 * or end a non-ASCII label ("n\x{b0}"): then yes, if may_be_uspace() (whose
 * lead bytes take in U+00B0 and U+00BA) says so; no other non-ASCII
 * character ends a label. With wb, the label follows "\b" (all
 * labels start with a letter), so an ASCII letter, digit or '_' before it
 * rules it out. */
typedef struct {
  const char *s;
  size_t n;
} lit_t;
#define LIT(x) {x, sizeof x - 1}

/* Where a label before w[v] would end: back over white space, then one '.'. */
static size_t label_end(const unsigned char *w, size_t v) {
  while (v > 0 && sp_or_ctl(w[v - 1]))
    v--;
  return v > 0 && w[v - 1] == '.' ? v - 1 : v;
}

static bool label_before(const st *s, size_t v, const lit_t *labels, bool wb) {
  const unsigned char *w = (const unsigned char *)s->w;
  size_t e = label_end(w, v);
  if (e == 0)
    return false;
  if (w[e - 1] >= 0x80) /* Unicode white space, or "n\x{b0}" ("\xc2\xb0") and the like */
    return may_be_uspace(w, e);
  if ((w[e - 1] | 0x20u) - 'a' >= 26u)
    return false; /* every ASCII label ends in a letter */
  for (size_t k = 0; labels[k].s; k++) {
    size_t l = labels[k].n;
    if (l <= e && w[e - 1] == (unsigned char)labels[k].s[l - 1] &&
        memcmp(w + e - l, labels[k].s, l) == 0 &&
        !(wb && e > l && is_ascii_word(w[e - l - 1])))
      return true;
  }
  return false;
}

/* The 8 bytes at p as a number, p[0] lowest whatever the byte order (one
 * load where the compiler sees it): the byte masks below (value_start8,
 * byte_eq, first_byte) count byte k of memory as byte k of the number. */
static inline uint64_t load8(const void *p) {
  uint64_t x;
  memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap64(x);
#elif !defined(__BYTE_ORDER__)
  const unsigned char *b = p;
  x = 0;
  for (int k = 7; k >= 0; k--)
    x = x << 8 | b[k];
#endif
  return x;
}

/* Which of the 8 bytes in x look like a value's first byte: an ASCII digit
 * or, with roman, an ASCII capital (a superset of [IVXLC])? Bit 7 of each
 * such byte is set. Each byte is tested on its own (no carry crosses a
 * byte). */
static inline uint64_t value_start8(uint64_t x, bool roman) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  uint64_t y = x & ~high; /* the low 7 bits of each byte */
  uint64_t digit = (y + (0x80 - '0') * ones) & ~(y + (0x80 - ('9' + 1)) * ones) & ~x & high;
  uint64_t cap = roman ? (y + (0x80 - 'A') * ones) & ~(y + (0x80 - ('Z' + 1)) * ones) & ~x & high : 0;
  return digit | cap;
}

/* P_LISS, P_LVOL: a label, "\.?\s*", then the value, which starts with an
 * ASCII digit ("[0-9]") or, for P_LVOL, [IVXLC]. Only the ASCII labels
 * need listing (label_before() says yes at a non-ASCII character that may
 * end one); `last` has a bit LAST(c) for the last byte c of each (a
 * letter), so that most values need no label_before(). Both patterns have
 * "\b" before the label. The match starts with the label, in [from, limit]
 * (limit (size_t)-1: anywhere): a label (at most LABEL_MAX bytes) ends by
 * limit + LABEL_MAX, and only '.' and white space (ASCII, or non-ASCII
 * bytes) come between it and the value, so values past the first other
 * byte after that need no look. */
#define LABEL_MAX 6
#define LAST(c) (1ull << ((c) - 'A'))
/* May a value of P_LISS/P_LVOL start at w[i] (i > 0) after a label? */
static inline bool label_value_at(const st *s, size_t i, const lit_t *labels, uint64_t last, bool roman) {
  const unsigned char *w = (const unsigned char *)s->w;
  unsigned c = w[i];
  if (c - '0' < 10u) {
    if ((unsigned)(w[i - 1] - '0') < 10u)
      return false; /* not the first digit */
  } else if (roman && (c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C')) {
    size_t j = i; /* "[IVXLC]+\b": the run ends the word */
    while (j < s->n && (w[j] == 'I' || w[j] == 'V' || w[j] == 'X' || w[j] == 'L' || w[j] == 'C'))
      j++;
    if (j < s->n && w[j] < 0x80 && is_ascii_word(w[j]))
      return false;
  } else {
    return false;
  }
  size_t e = label_end(w, i); /* label_before()'s first tests, then the last byte */
  if (e == 0)
    return false;
  unsigned char b = w[e - 1];
  return b >= 0x80 ? may_be_uspace(w, e)
                   : (unsigned)(b - 'A') < 58u && ((last >> (b - 'A')) & 1u) && label_before(s, i, labels, true);
}

/* The first value start (in the order of the text) that may follow a
 * label, or (size_t)-1: a necessary condition of a P_LISS/P_LVOL match. */
static size_t label_value_first(const st *s, const lit_t *labels, uint64_t last, bool roman, size_t from,
                                size_t limit) {
  const unsigned char *w = (const unsigned char *)s->w;
#ifdef RP_CHECK_GUARDS
  for (size_t k = 0; labels[k].s; k++) {
    unsigned b = (unsigned char)labels[k].s[labels[k].n - 1] - 'A';
    if (b >= 58u || !((last >> b) & 1u))
      abort(); /* `last` is out of step with the labels */
  }
#endif
  size_t hi = s->n; /* values at [from + 1, hi) */
  if (limit < s->n && s->n - limit > LABEL_MAX) {
    hi = limit + LABEL_MAX;
    while (hi < s->n && (sp_or_ctl(w[hi]) || w[hi] == '.' || w[hi] >= 0x80))
      hi++;
    if (hi < s->n)
      hi++;
  }
  for (size_t i = from + 1; i < hi;) { /* a label comes first: never at from */
    if (i + 8 <= hi) { /* the candidates among 8 bytes, lowest first */
      for (uint64_t m = value_start8(load8(w + i), roman); m; m &= m - 1)
        if (label_value_at(s, i + (size_t)__builtin_ctzll(m) / 8, labels, last, roman))
          return i + (size_t)__builtin_ctzll(m) / 8;
      i += 8;
      continue;
    }
    if (label_value_at(s, i, labels, last, roman))
      return i;
    i++;
  }
  return (size_t)-1;
}

static const lit_t liss_labels[] = {
    LIT("no"),   LIT("No"),    LIT("NO"),     LIT("nos"),    LIT("Nos"),  LIT("n"),
    LIT("nr"),   LIT("Nr"),    LIT("num"),    LIT("n\xc3\xbam"), LIT("issue"), LIT("Issue"),
    LIT("Heft"), LIT("H"),     LIT("fasc"),   LIT("number"), LIT("Number"), LIT("cuad"),
    LIT("iss"),  LIT("Iss"),   {NULL, 0}};
static const lit_t lvol_labels[] = {
    LIT("vol"),  LIT("vols"), LIT("volume"), LIT("Volume"), LIT("Vol"), LIT("Vols"),
    LIT("VOL"),  LIT("Bd"),   LIT("Jg"),     LIT("tome"),   LIT("Tome"), LIT("t"),
    LIT("v"),    LIT("anno"), LIT("a\xc3\xb1o"), LIT("ano"), LIT("Band"), {NULL, 0}};

/* label_value_first() for P_LISS or P_LVOL. */
static size_t liss_lvol_first(const st *s, int id, size_t from, size_t limit) {
  if (id == P_LISS)
    return label_value_first(s, liss_labels,
                             LAST('o') | LAST('O') | LAST('s') | LAST('n') | LAST('r') | LAST('m') | LAST('e') |
                                 LAST('t') | LAST('H') | LAST('c') | LAST('d'),
                             false, from, limit);
  return label_value_first(s, lvol_labels,
                           LAST('l') | LAST('s') | LAST('e') | LAST('L') | LAST('d') | LAST('g') | LAST('t') |
                               LAST('v') | LAST('o'),
                           true, from, limit);
}

/* A P_LISS/P_LVOL/P_LPAGES match with its value at v starts with the
 * label, and the label and "\.?\s*" after it (and a P_LPAGES value's
 * letters before its digits) hold only ASCII letters, non-ASCII bytes, '.'
 * and white space: so no match starts before the run of those bytes before
 * the first value start label_value_first() (or digit run lpages_first())
 * gives (a later value's run ends after it or runs on into the same run). */
static size_t label_run_start(const st *s, size_t from, size_t v) {
  const unsigned char *w = (const unsigned char *)s->w;
  while (v > from && ((w[v - 1] | 0x20u) - 'a' < 26u || w[v - 1] >= 0x80 || w[v - 1] == '.' || sp_or_ctl(w[v - 1])))
    v--;
  return v;
}

/* P_EDITION: "(?<e>\d+)\s*(suffix)?\s*(keyword)" where every keyword starts
 * with "ed", "Aufl" or "\xc3\xa9d", and every byte between the number and the
 * keyword is white space, '.', a letter of "st nd rd th a e er" / "\xc3\xa8me"
 * or a non-ASCII byte; or "(First|...|Revised)\s+(ed\.|edition)". For
 * each keyword start, walk back over those bytes: an ASCII digit reached, or
 * a non-ASCII byte met (a Unicode digit or space), means the pattern may
 * match; then look for an ordinal word before it. */
static bool edition_at(const st *s, size_t k) {
  static const lit_t ordinal[] = {LIT("First"), LIT("Second"), LIT("Third"), LIT("Fourth"),
                                  LIT("Fifth"), LIT("Sixth"), LIT("Revised"), {NULL, 0}};
  const unsigned char *w = (const unsigned char *)s->w;
  size_t j = k;
  while (j > 0) {
    unsigned char c = w[j - 1];
    if (c >= 0x80)
      return true;
    if (c >= '0' && c <= '9')
      return true;
    if (!(sp_or_ctl(c) || c == '.' || strchr("stndrhaem", c)))
      break;
    j--;
  }
  return k > 0 && sp_or_ctl(w[k - 1]) && label_before(s, k, ordinal, false);
}

/* Each 'c' in s->w[0..n) in turn: `for (EACH_BYTE(s, p, c))` */
#define EACH_BYTE(s, p, c)                                                                         \
  const char *p = memchr((s)->w, (c), (s)->n); p;                                                  \
  p = memchr(p + 1, (c), (s)->n - (size_t)(p + 1 - (s)->w))

static bool may_edition(const st *s) {
  const unsigned char *w = (const unsigned char *)s->w;
  /* "ed" and "\xc3\xa9d" end in 'd', rarer than 'e' */
  for (EACH_BYTE(s, d, 'd')) {
    size_t j = (size_t)(d - s->w);
    if ((j >= 1 && w[j - 1] == 'e' && edition_at(s, j - 1)) ||
        (j >= 2 && w[j - 2] == 0xC3 && w[j - 1] == 0xA9 && edition_at(s, j - 2)))
      return true;
  }
  if (has_word(s, "aufl", 4))
    for (EACH_BYTE(s, a, 'A')) {
      size_t k = (size_t)(a - s->w);
      if (k + 3 < s->n && memcmp(w + k, "Aufl", 4) == 0 && edition_at(s, k))
        return true;
    }
  return false;
}

/* Is some byte c of the text followed, past white space, by a byte that
 * next() accepts? (A non-ASCII byte there may be Unicode white space: the
 * callers' next() accept it.) */
static bool byte_then(const st *s, char c, bool (*next)(const st *, size_t)) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE(s, p, c)) {
    size_t j = (size_t)(p - s->w) + 1;
    while (j < s->n && sp_or_ctl(w[j]))
      j++;
    if (j < s->n && next(s, j))
      return true;
  }
  return false;
}

/* Is the lower-case ASCII word lit (n bytes) at w[i] in any ASCII case? */
static bool ci_at(const st *s, size_t i, const char *lit, size_t n) {
  if (n > s->n - i)
    return false;
  for (size_t k = 0; k < n; k++)
    if ((unsigned char)(s->w[i + k] | 0x20) != (unsigned char)lit[k])
      return false;
  return true;
}
#define CI_AT(i, lit) ci_at(s, i, lit, sizeof lit - 1)

/* Does the lower-case ASCII word lit (n bytes) occur in the text in any
 * ASCII case? CI() asks has_word() first, and passes a text with U+017F or
 * U+212A (caseless 's' and 'k' match them too). */
static bool ci_search(const st *s, const char *lit, size_t n) {
  for (size_t i = 0; i + n <= s->n; i++)
    if ((unsigned char)(s->w[i] | 0x20) == (unsigned char)lit[0] && ci_at(s, i, lit, n))
      return true;
  return false;
}

/* P_ACCESS's first form, "\[\s*(?:cited|accessed|viewed|citado|consultado|
 * acesso em|zitiert|consult\x{e9})" (caseless): after '[' and white space,
 * one of those words' starts in any ASCII case (any non-ASCII byte, or a
 * text with U+017F or U+212A: yes). */
static bool access_start(const st *s, size_t j) {
  if ((unsigned char)s->w[j] >= 0x80 || s->pairs_all)
    return true;
  return CI_AT(j, "cit") || CI_AT(j, "accessed") || CI_AT(j, "viewed") || CI_AT(j, "consult") ||
         CI_AT(j, "acesso") || CI_AT(j, "zitiert");
}

/* P_VANPG's pages label: ',', white space, then "pages" or "p" (or "::"). */
static bool pages_start(const st *s, size_t j) { return s->w[j] == 'p' || (unsigned char)s->w[j] >= 0x80; }

/* P_VCOLI: "\d+\s*:\s*\d": a ':' with a digit on each side past white space
 * (a non-ASCII byte there may be a Unicode digit or space). */
static bool may_digit_colon_digit(const st *s) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (const char *c = memchr(s->w, ':', s->n); c; c = memchr(c + 1, ':', s->n - (size_t)(c + 1 - s->w))) {
    size_t i = (size_t)(c - s->w), a = i, b = i + 1;
    while (a > 0 && sp_or_ctl(w[a - 1]))
      a--;
    while (b < s->n && sp_or_ctl(w[b]))
      b++;
    if (a > 0 && b < s->n && ((w[a - 1] >= '0' && w[a - 1] <= '9') || w[a - 1] >= 0x80) &&
        ((w[b] >= '0' && w[b] <= '9') || w[b] >= 0x80))
      return true;
  }
  return false;
}

/* P_VDOTP's tail, read backwards from the end: "\d+\.\s+\d+\s?-\s?\d+\.?\s*$"
 * (the dash may be U+2013). Any non-ASCII byte on the way may be a Unicode
 * digit, space or the dash: then yes, from anywhere (0). Else the walk is
 * the only way the tail can match, and the volume "[0-9]{1,4}" ends at the
 * '.' it reaches: returns where the match may start at the earliest, or
 * (size_t)-1 for no match. */
static size_t vdotp_start(const st *s) {
  const unsigned char *w = (const unsigned char *)s->w;
  size_t e = s->n;
#define VD_NONASCII (e > 0 && w[e - 1] >= 0x80)
#define VD_DIGIT (e > 0 && w[e - 1] >= '0' && w[e - 1] <= '9')
  while (e > 0 && sp_or_ctl(w[e - 1]))
    e--;
  if (VD_NONASCII)
    return 0;
  if (e > 0 && w[e - 1] == '.')
    e--;
  for (int part = 0; part < 2; part++) { /* the last number, then the first */
    if (VD_NONASCII)
      return 0;
    if (!VD_DIGIT)
      return (size_t)-1;
    while (VD_DIGIT)
      e--;
    if (part == 0) { /* "\s?[-\x{2013}]\s?" */
      if (e > 0 && sp_or_ctl(w[e - 1]))
        e--;
      if (VD_NONASCII)
        return 0;
      if (!(e > 0 && w[e - 1] == '-'))
        return (size_t)-1;
      e--;
      if (e > 0 && sp_or_ctl(w[e - 1]))
        e--;
    }
  }
  /* "\.\s+" before the first number */
  if (VD_NONASCII)
    return 0;
  if (!(e > 0 && sp_or_ctl(w[e - 1])))
    return (size_t)-1;
  while (e > 0 && sp_or_ctl(w[e - 1]))
    e--;
  if (VD_NONASCII)
    return 0;
  return e > 0 && w[e - 1] == '.' ? (e >= 5 ? e - 5 : 0) : (size_t)-1;
#undef VD_NONASCII
#undef VD_DIGIT
}

static inline bool is_digit_at(const unsigned char *w, size_t i) { return (unsigned)(w[i] - '0') < 10u; }

/* P_LPAGES: a label, "\s*", then PGL, which starts with PG: "[A-Za-z]{1,5}
 * [0-9]+" or "[0-9]+[A-Za-z]?" (ASCII only). So the value starts at most 5
 * ASCII letters before the first digit of a run, after the label and white
 * space; label_before() skips one '.', so the labels ending in '.' are
 * listed without it. The match starts with the label, at or after from.
 * Returns the first digit run start such a value may hold, or (size_t)-1. */
static size_t lpages_first(const st *s, size_t from) {
  static const lit_t labels[] = {
      LIT("p"),   LIT("pp"),  LIT("P"),   LIT("Pp"),         LIT("page"),        LIT("pages"),
      LIT("Page"), LIT("Pages"), LIT("S"), LIT("Ss"),         LIT("p\xc3\xa1g"), LIT("p\xc3\xa1gs"),
      LIT("pg"),  LIT("pgs"), LIT("blz"), LIT("str"),        LIT("c"),           {NULL, 0}};
  const unsigned char *w = (const unsigned char *)s->w;
  for (size_t i = from + 1; i < s->n;) { /* the digits, 8 bytes a round while 8 remain */
    size_t i0 = i;
    uint64_t m = i + 8 <= s->n ? value_start8(load8(w + i), false) : is_digit_at(w, i) ? 0x80u : 0;
    i += i + 8 <= s->n ? 8 : 1;
    for (; m; m &= m - 1) {
      size_t d = i0 + (size_t)__builtin_ctzll(m) / 8;
      if (is_digit_at(w, d - 1))
        continue;
      for (size_t j = d, k = 0; j > from; j--, k++) { /* the value starts at j */
        if (label_before(s, j, labels, true))
          return d;
        if (k == 5 || (w[j - 1] | 0x20u) - 'a' >= 26u)
          break;
      }
    }
  }
  return (size_t)-1;
}

/* P_BARE: "[0-9]+\s+[0-9]+\s?-{1,2}": a '-' after digits (and maybe one
 * space) that follow white space after a digit. A non-ASCII byte where white
 * space may stand means yes (Unicode white space). */
static bool may_bare(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (const char *h = memchr(s->w + from, '-', s->n - from); h;
       h = memchr(h + 1, '-', s->n - (size_t)(h + 1 - s->w))) {
    size_t k = (size_t)(h - s->w);
    if (k > 0 && w[k - 1] >= 0x80)
      return true;
    if (k > 0 && sp_or_ctl(w[k - 1]))
      k--;
    size_t d = k;
    while (d > 0 && is_digit_at(w, d - 1))
      d--;
    if (d == k || d == 0)
      continue;
    if (w[d - 1] >= 0x80)
      return true;
    if (!sp_or_ctl(w[d - 1]))
      continue;
    while (d > 0 && sp_or_ctl(w[d - 1]))
      d--;
    if (d > 0 && (w[d - 1] >= 0x80 || is_digit_at(w, d - 1)))
      return true;
  }
  return false;
}

/* YEAR, "(?:1[5-9]|20)[0-9][0-9]", at w[q] (q + 4 <= n) */
static bool year_at(const unsigned char *w, size_t q) {
  return ((w[q] == '1' && w[q + 1] >= '5' && w[q + 1] <= '9') || (w[q] == '2' && w[q + 1] == '0')) &&
         is_digit_at(w, q + 2) && is_digit_at(w, q + 3);
}

/* P_VAN: "YEAR[a-z]?(?:\s+MONTH(?:\s+DAY)?)?\s*;" starting at or after from.
 * Between the year's start and the ';' come only ASCII letters, digits,
 * '.', '-', '/' (at most VAN_SPAN of them: 4 + 1 + 21 + 5) and white space
 * (a non-ASCII character that may be Unicode white space counts as such):
 * so some ';' has a year in the run before it. */
#define VAN_SPAN 31
static bool may_van(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE(s, p, ';')) {
    size_t c = (size_t)(p - s->w), k = c, seen = 0;
    while (k > from) { /* back over the run */
      unsigned char b = w[k - 1];
      if (sp_or_ctl(b)) {
        k--;
      } else if (b >= 0x80) {
        if (!may_be_uspace(w, k))
          break;
        while (k > from && (w[k - 1] & 0xC0u) == 0x80u)
          k--;
        if (k > from)
          k--; /* the lead byte */
      } else if ((is_ascii_word(b) || b == '.' || b == '-' || b == '/') && ++seen <= VAN_SPAN) {
        k--;
        if (k + 4 <= c && year_at(w, k))
          return true;
      } else {
        break;
      }
    }
  }
  return false;
}

/* The byte before w[o] past white space, not below lo (0: none). */
static unsigned char before_sp(const unsigned char *w, size_t lo, size_t o) {
  while (o > lo && sp_or_ctl(w[o - 1]))
    o--;
  return o > lo ? w[o - 1] : 0;
}

/* The ')' closing the '(' at o with no parenthesis between, or 0. */
static size_t paren_end(const st *s, size_t o) {
  size_t r = o + 1;
  while (r < s->n && s->w[r] != '(' && s->w[r] != ')')
    r++;
  return r < s->n && s->w[r] == ')' ? r : 0;
}

/* P_PHYS1, P_PHYS2, P_CHICAGO: "...\s*\((?<y>...YEAR...)\)" where the year
 * and the rest inside hold no parenthesis, and what ends before "\s*\(" is
 * a volume, issue or page: an ASCII letter, digit, '_', '/', '-' or ')' (or
 * a non-ASCII byte: a letter or Unicode white space). */
static bool may_paren_year(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE(s, p, '(')) {
    size_t o = (size_t)(p - s->w), r;
    unsigned char b = before_sp(w, 0, o);
    if (o <= from || !(b >= 0x80 || (b && is_ascii_word(b)) || b == ')' || b == '/' || b == '-') ||
        !(r = paren_end(s, o)))
      continue;
    for (size_t q = o + 1; q + 4 <= r; q++)
      if (year_at(w, q))
        return true;
  }
  return false;
}

/* P_ACS: "(?<y>YEAR)\s*,\s*(?<v>[0-9]+)" starting at or after from: a ','
 * with a year before it and an ASCII digit after it, past white space (a
 * non-ASCII byte there may be Unicode white space). */
static bool may_acs(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE(s, p, ',')) {
    size_t c = (size_t)(p - s->w), a = c, b = c + 1;
    while (a > from && sp_or_ctl(w[a - 1]))
      a--;
    while (b < s->n && sp_or_ctl(w[b]))
      b++;
    if (b >= s->n || !(w[b] >= 0x80 || is_digit_at(w, b)))
      continue;
    if ((a > from && w[a - 1] >= 0x80) || (a >= from + 4 && year_at(w, a - 4)))
      return true;
  }
  return false;
}

/* P_VIP, P_VOLISS: "(?<v>[0-9]+)\s*\((?<i>[^()]{1,25})\)": a '(' after a
 * digit (past white space; a non-ASCII byte there may be Unicode white
 * space) that a ')' closes. */
static bool may_digit_paren(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE(s, p, '(')) {
    size_t o = (size_t)(p - s->w);
    unsigned char b = before_sp(w, from, o);
    if (o > from && (b >= 0x80 || (unsigned)(b - '0') < 10u) && paren_end(s, o))
      return true;
  }
  return false;
}

/* P_NPAGES: "(?<n>[0-9]+)\s*(?:pp|p|pages|S|p\x{e1}gs?|Seiten|f|pgs?)": a 'p',
 * 'S' or 'f' after an ASCII digit, past white space (a non-ASCII byte there
 * may be Unicode white space). */
static bool may_npages(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (const char *u = "pSf"; *u; u++)
    for (EACH_BYTE(s, p, *u)) {
      size_t k = (size_t)(p - s->w);
      unsigned char b = before_sp(w, from, k);
      if (k > from && (b >= 0x80 || (unsigned)(b - '0') < 10u))
        return true;
    }
  return false;
}

/* P_COLON: "(?<v>[0-9]+[A-Za-z]?)\s*(?:\(...\))?\s*:\s*(?<p>PG)" with PG
 * starting "[A-Za-z]{1,5}[0-9]" or "[0-9]": a ':' after an ASCII letter,
 * digit or ')' and, past white space and at most 5 letters, before a
 * digit (a non-ASCII byte where white space may stand means yes). */
static bool may_colon(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE(s, p, ':')) {
    size_t c = (size_t)(p - s->w), j = c + 1;
    unsigned char b = before_sp(w, from, c);
    if (c <= from || !(b >= 0x80 || b == ')' || (b && is_ascii_word(b))))
      continue;
    while (j < s->n && sp_or_ctl(w[j]))
      j++;
    for (size_t l = 0; l < 5 && j < s->n && (w[j] | 0x20u) - 'a' < 26u; l++)
      j++;
    if (j < s->n && (w[j] >= 0x80 || is_digit_at(w, j)))
      return true;
  }
  return false;
}

/* P_APA: "(?<v>[A-Z]?[0-9]+)\s*(?:\(...\))?\s*,\s*(?:pp?\.\s*)?(?<p>PG...)"
 * with PG starting "[A-Za-z]{1,5}[0-9]" or "[0-9]": a ',' after an ASCII
 * digit or ')' past white space and, past white space, '.' and at most 7
 * ASCII letters, before a digit (a non-ASCII byte where white space may
 * stand means yes). */
static bool may_apa(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE(s, p, ',')) {
    size_t c = (size_t)(p - s->w), j = c + 1, l = 0;
    unsigned char b = before_sp(w, from, c);
    if (c <= from || !(b >= 0x80 || b == ')' || (unsigned)(b - '0') < 10u))
      continue;
    while (j < s->n && (sp_or_ctl(w[j]) || w[j] == '.' || ((w[j] | 0x20u) - 'a' < 26u && ++l <= 7)))
      j++;
    if (j < s->n && (w[j] >= 0x80 || is_digit_at(w, j)))
      return true;
  }
  return false;
}

/* P_VYP: "\s*,\s*(?<y>YEAR)\s*,": a ',' and, past white space, a year, then
 * white space and a ','. A non-ASCII byte where white space may stand
 * means yes. */
static bool may_vyp(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (EACH_BYTE(s, p, ',')) {
    size_t j = (size_t)(p - s->w) + 1;
    if (j <= from)
      continue;
    while (j < s->n && sp_or_ctl(w[j]))
      j++;
    if (j < s->n && w[j] >= 0x80)
      return true;
    if (j + 4 > s->n || !year_at(w, j))
      continue;
    j += 4;
    while (j < s->n && sp_or_ctl(w[j]))
      j++;
    if (j < s->n && (w[j] == ',' || w[j] >= 0x80))
      return true;
  }
  return false;
}

#define W(lit) has_word(s, lit, sizeof lit - 1)
#define LIT_IN(lit) has_lit(s, lit, sizeof lit - 1)
#define CI(lit) (W(lit) && (s->pairs_all || ci_search(s, lit, sizeof lit - 1)))
#define HAS(c) (memchr(s->w, c, s->n) != NULL)
/* May pattern id match starting in [from, limit] ((size_t)-1: anywhere)? */
static bool may_match_now(const st *s, int id, size_t from, size_t limit);
/* Patterns whose guard only asks for words (W()), literals without a space
 * (LIT_IN()) or bytes other than ' ' (HAS()): blanking turns text into
 * spaces and so never makes such a guard say yes again, and its no is
 * kept for the rest of the reference. */
#define STAYS_NO                                                                                   \
  ((1ull << P_DOI) | (1ull << P_URL) | (1ull << P_PMID) | (1ull << P_PMCID) | (1ull << P_ARXIV) | \
   (1ull << P_ISBN) | (1ull << P_ISSN) | (1ull << P_AVAIL) | (1ull << P_EPUB) | (1ull << P_THESIS) | \
   (1ull << P_REPORT) | (1ull << P_SOFTWARE) | (1ull << P_DATASET) | (1ull << P_PREPRINT) |        \
   (1ull << P_ACMART))
static bool may_match(st *s, int id, size_t from, size_t limit) {
  if ((s->never >> id) & 1u)
    return false;
  if (may_match_now(s, id, from, limit))
    return true;
  s->never |= ((STAYS_NO >> id) & 1u) << id;
  return false;
}
static bool may_match_now(const st *s, int id, size_t from, size_t limit) {
  switch (id) {
  case P_DOI: return LIT_IN("10.");
  case P_URL: return LIT_IN("://") || LIT_IN("www.");
  case P_PMID: return W("pmid") || W("pubmed");
  case P_PMCID: return LIT_IN("PMC");
  case P_ARXIV: return W("arxiv");
  case P_ISBN: return W("isbn");
  case P_ISSN: return LIT_IN("ISSN");
  case P_ACCESS:
    return byte_then(s, '[', access_start) || CI("accessed") || CI("retrieved") || CI("consult") || CI("acess") ||
           CI("abgerufen") || CI("zugegriffen");
  case P_AVAIL:
    return CI("available") || CI("retrieved") || CI("dispon") || CI("verf") || CI("accessible");
  case P_EPUB: return W("pub"); /* Epub, E-pub, Published */
  case P_EDITION: return (W("ed") || W("aufl") || LIT_IN("\xc3\xa9" "d")) && may_edition(s);
  case P_THESIS: /* case-sensitive: the exact words (thesis/Thesis, diss/Diss...) */
    return (W("thesis") && LIT_IN("hesis")) ||
           (W("diss") && (LIT_IN("diss") || LIT_IN("Diss"))) ||
           (W("tesi") && (LIT_IN("Tesi") || LIT_IN("tesi"))) ||
           (W("tese") && LIT_IN("Tese")) || (HAS('\xc3') && LIT_IN("Th\xc3\xa8se")) ||
           (W("arbeit") && LIT_IN("arbeit")) || (W("monografia") && LIT_IN("Monografia")) ||
           (W("tcc") && LIT_IN("TCC")) || (W("rozprawa") && LIT_IN("Rozprawa"));
  case P_LISS: case P_LVOL: return liss_lvol_first(s, id, from, limit) != (size_t)-1;
  case P_REPORT: /* case-sensitive: every alternative holds one of these words */
    return (W("report") && LIT_IN("Report")) || (W("tech") && LIT_IN("Tech")) ||
           (W("paper") && LIT_IN("Paper")) || (W("rapport") && LIT_IN("Rapport")) ||
           (W("relat") && LIT_IN("Relat")) || (W("informe") && LIT_IN("Informe")) ||
           (W("brief") && LIT_IN("Brief"));
  case P_SOFTWARE: /* case-sensitive: "[Computer software]", "Software", "computer program" */
    return (W("computer") && LIT_IN("omputer")) || (W("software") && LIT_IN("Software")) ||
           (W("package") && LIT_IN("package")) || (W("github") && LIT_IN("GitHub"));
  case P_DATASET: /* case-sensitive */
    return (W("data") && LIT_IN("Data")) || (W("dryad") && LIT_IN("Dryad")) ||
           (W("zenodo") && LIT_IN("Zenodo")) || (W("figshare") && LIT_IN("figshare")) ||
           (W("pangaea") && LIT_IN("PANGAEA"));
  case P_PREPRINT: return W("rxiv") || W("ssrn") || W("preprint") || W("square");
  /* locator patterns: a literal character or word they cannot match without */
  case P_VAN: return may_van(s, from);
  case P_VYP: return may_vyp(s, from);
  case P_ACS: return may_acs(s, from);
  case P_VANPG: return HAS(';') && (byte_then(s, ',', pages_start) || LIT_IN("::"));
  case P_PHYS1: case P_PHYS2: case P_CHICAGO: return may_paren_year(s, from);
  case P_VIP: case P_VOLISS: return may_digit_paren(s, from);
  case P_COLON: return may_colon(s, from);
  case P_APA: return may_apa(s, from);
  case P_NPAGES: return may_npages(s, from);
  case P_VCOLI: return may_digit_colon_digit(s);
  case P_ACMART: return LIT_IN("Art"); /* "Article", "Art." (case-sensitive) */
  case P_VDOTP: return vdotp_start(s) != (size_t)-1;
  case P_PAGESONLY: return may_end_in_digit(s);
  case P_LPAGES: return lpages_first(s, from) != (size_t)-1;
  case P_BARE: return from < s->n && may_bare(s, from);
  default: return true;
  }
}
#undef HAS
#undef W
#undef LIT_IN
#undef CI

/* Walk back from e over white space ("\s*"), not below lo. Returns the
 * place reached, or (size_t)-1 when a non-ASCII character there may be
 * white space (so the walk cannot tell where it stops). */
static size_t sp_back(const unsigned char *w, size_t lo, size_t e) {
  while (e > lo && sp_or_ctl(w[e - 1]))
    e--;
  return e > lo && w[e - 1] >= 0x80 && may_be_uspace(w, e) ? (size_t)-1 : e;
}

/* P_PUBPLACE: "(?<place>\p{Lu}[\p{L}.' -]{1,40}?(?:,\s*[A-Z]{2,3})?)\s*:"
 * holds no ':' before that one, so a match starting before the ':' at c
 * (and at or after lo, past any earlier ':') uses c. Its place ends past
 * "\s*" before c, or before ",\s*[A-Z]{2,3}" there, and starts at most 41
 * characters of [\p{L}.' -] before that end: the earliest start that may
 * reach c. */
static size_t place_reach(const st *s, size_t lo, size_t c) {
  const unsigned char *w = (const unsigned char *)s->w;
  size_t end = sp_back(w, lo, c);
  if (end == (size_t)-1)
    return lo;
  size_t up = 0; /* "[A-Z]{2,3}" before the white space */
  while (up < 3 && end - up > lo && w[end - up - 1] >= 'A' && w[end - up - 1] <= 'Z')
    up++;
  size_t run = end;
  for (size_t k = 2; k <= up; k++) {
    size_t q = sp_back(w, lo, end - k);
    if (q == (size_t)-1)
      return lo;
    if (q > lo && w[q - 1] == ',' && q - 1 < run)
      run = q - 1;
  }
  /* 41 characters back, all in [\p{L}.' -] (any non-ASCII one may be) */
  for (size_t n = 0; n < 41 && run > lo;) {
    unsigned char b = w[run - 1];
    if (b < 0x80 && !(((b | 0x20u) - 'a' < 26u) || b == '.' || b == '\'' || b == ' ' || b == '-'))
      break;
    if ((w[--run] & 0xC0u) != 0x80u)
      n++;
  }
  return run;
}

/* P_PUBPLACE anywhere at or after from: for each ':' in turn, a search from
 * place_reach() that stops before the ':' (offset limit), so the start
 * positions that cannot reach a ':' are never tried. The first match
 * found is the leftmost, as in one search from `from`; PCRE2 counts its
 * match limit per start position, and a start here that is skipped cannot
 * match. */
static int pubplace_split(st *s, size_t from, rpi_match *m) {
  if (from >= s->n)
    return 0;
  size_t lo = from;
  for (const char *c = memchr(s->w + from, ':', s->n - from); c;
       c = memchr(c + 1, ':', s->n - (size_t)(c + 1 - s->w))) {
    size_t ci = (size_t)(c - s->w);
    if (ci > lo) {
      int rc = rpi_rx_find_before(s->p->rx, s->sc, P_PUBPLACE, s->w, s->n, place_reach(s, lo, ci), ci - 1, m);
      if (rc != 0)
        return rc;
    }
    lo = ci + 1;
  }
  return 0;
}

/* P_DOI: the DOI's "10." comes after a prefix of ASCII letters, ':', '/',
 * '.' and white space (a non-ASCII byte may be white space or U+017F): no
 * match starts before that run before the first "10." at or after from (a
 * later "10." has its prefix after the digits of that one), so a search
 * from there finds the same first match. (size_t)-1: no "10.". */
static size_t doi_start(const st *s, size_t from) {
  const unsigned char *w = (const unsigned char *)s->w;
  for (size_t i = from; i + 3 <= s->n; i++) {
    const char *p = memchr(s->w + i, '1', s->n - i - 2);
    if (!p)
      return (size_t)-1;
    i = (size_t)(p - s->w);
    if (p[1] == '0' && p[2] == '.') {
      while (i > from && ((w[i - 1] | 0x20u) - 'a' < 26u || w[i - 1] == ':' || w[i - 1] == '/' ||
                          w[i - 1] == '.' || sp_or_ctl(w[i - 1]) || w[i - 1] >= 0x80))
        i--;
      return i;
    }
  }
  return (size_t)-1;
}

/* find() for a match starting at or before `limit` ((size_t)-1: anywhere);
 * a limit needs the pattern compiled with RPI_RX_OFFSET_LIMIT. */
static int find_lim(st *s, int id, size_t from, size_t limit, rpi_match *m) {
  if (s->err)
    return 0;
#ifdef RP_CHECK_GUARDS
  if (!may_match(s, id, from, limit) &&
      (limit == (size_t)-1
           ? rpi_rx_find(s->p->rx, s->sc, (size_t)id, s->w, s->n, from, false, m)
           : rpi_rx_find_before(s->p->rx, s->sc, (size_t)id, s->w, s->n, from, limit, m)) == 1)
    abort(); /* a guard in may_match() is out of step with its pattern */
#endif
#ifdef RP_CHECK_GUARDS
  size_t from0 = from;
#endif
  /* for these the guard also tells where a match may start */
  if (id == P_LISS || id == P_LVOL || id == P_LPAGES || id == P_VDOTP) {
    size_t v = id == P_LPAGES  ? lpages_first(s, from)
               : id == P_VDOTP ? vdotp_start(s)
                               : liss_lvol_first(s, id, from, limit);
    if (v == (size_t)-1)
      return 0;
    if (id != P_VDOTP)
      from = label_run_start(s, from, v);
    else if (v > from)
      from = v;
    if (from > limit) {
#ifdef RP_CHECK_GUARDS
      if (rpi_rx_find_before(s->p->rx, s->sc, (size_t)id, s->w, s->n, from0, limit, m) == 1)
        abort(); /* the start found is out of step with its pattern */
#endif
      return 0; /* no match starts at or before limit */
    }
  } else if (!may_match(s, id, from, limit)) {
    return 0;
  }
  if (id == P_DOI && limit == (size_t)-1 && (from = doi_start(s, from)) == (size_t)-1)
    return 0; /* no "10." at or after from, so no match */
  int rc = limit != (size_t)-1
               ? rpi_rx_find_before(s->p->rx, s->sc, (size_t)id, s->w, s->n, from, limit, m)
           : id == P_PUBPLACE ? pubplace_split(s, from, m)
                              : rpi_rx_find(s->p->rx, s->sc, (size_t)id, s->w, s->n, from, false, m);
#ifdef RP_CHECK_GUARDS
  rpi_match full;
  if (id == P_PUBPLACE && limit == (size_t)-1 &&
      (rpi_rx_find(s->p->rx, s->sc, (size_t)id, s->w, s->n, from, false, &full) != rc ||
       (rc == 1 && memcmp(&full, m, sizeof full) != 0)))
    abort(); /* pubplace_split() differs from one search */
  if (from != from0 &&
      ((limit == (size_t)-1 ? rpi_rx_find(s->p->rx, s->sc, (size_t)id, s->w, s->n, from0, false, &full)
                            : rpi_rx_find_before(s->p->rx, s->sc, (size_t)id, s->w, s->n, from0, limit, &full)) != rc ||
       (rc == 1 && memcmp(&full, m, sizeof full) != 0)))
    abort(); /* doi_start(), label_run_start() or vdotp_start() is out of step with its pattern */
#endif
  if (rc == RP_ERR_LIMIT) {
    rpi_result_warn(s->r, RP_WARN_LIMIT, 0, 0, "a pattern hit its match limit; rule skipped");
    return 0;
  }
  if (rc < 0) {
    s->err = rc;
    return 0;
  }
  return rc;
}

static int find(st *s, int id, size_t from, rpi_match *m) { return find_lim(s, id, from, (size_t)-1, m); }

static int grp(st *s, int id, const char *name) { return rpi_rx_group(s->p->rx, (size_t)id, name); }

static bool gset(const rpi_match *m, int g) { return g >= 0 && m->g[g][0] != (size_t)-1; }

static void blank(st *s, size_t a, size_t b) {
  if (b > s->n)
    b = s->n;
  for (size_t i = a; i < b; i++)
    s->w[i] = ' ';
}

static bool is_edge(char c) {
  return c == ' ' || c == '.' || c == ',' || c == ';' || c == ':';
}

/* Trim spaces and separators from both ends of [*a, *b). */
static void trim(const char *w, size_t *a, size_t *b) {
  while (*a < *b && is_edge(w[*a]))
    (*a)++;
  while (*b > *a && is_edge(w[*b - 1]))
    (*b)--;
}

/* Eight bytes at a time: byte_eq() gives 0x80 in each byte of v equal to
 * c and 0 in every other bit (exact: no carry crosses a byte). */
#define BYTES_80 0x8080808080808080u
static inline uint64_t byte_eq(uint64_t v, unsigned char c) {
  uint64_t x = v ^ (0x0101010101010101u * c), l = 0x7F7F7F7F7F7F7F7Fu;
  return ~(((x & l) + l) | x | l);
}
static inline uint64_t space_bytes(uint64_t v) { return byte_eq(v, ' '); }

/* The index (0-7, in memory order) of the first byte set in a nonzero
 * byte_eq()-style mask of a load8() value. */
static inline size_t first_byte(uint64_t m) { return (size_t)__builtin_ctzll(m) >> 3; }

#if defined(__SSE2__) && defined(__GNUC__)
/* Sixteen bytes at a time: eq16() marks the bytes of v equal to c (0xFF),
 * mask16() gives bit k for byte k marked (k = 0 the first in memory). */
static inline __m128i load16(const char *p) { return _mm_loadu_si128((const __m128i *)(const void *)p); }
static inline __m128i eq16(__m128i v, unsigned char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c)); }
static inline unsigned mask16(__m128i m) { return (unsigned)_mm_movemask_epi8(m); }
/* The bytes of the sixteen at p that are x, y or z, as a mask16() mask. */
static inline unsigned any3_16(const char *p, unsigned char x, unsigned char y, unsigned char z) {
  __m128i v = load16(p);
  return mask16(_mm_or_si128(_mm_or_si128(eq16(v, x), eq16(v, y)), eq16(v, z)));
}
#endif

/* The index of the last byte set in such a mask. */
static inline size_t last_byte(uint64_t m) { return (size_t)(63 - __builtin_clzll(m)) >> 3; }

/* How many bytes of a space_bytes()-style mask are set. */
static inline unsigned count_80(uint64_t m) { return (unsigned)(((m >> 7) * 0x0101010101010101u) >> 56); }


/* Copy w[a..b) into a buffer, collapsing runs of spaces. */
static void put_collapsed(rpi_buf *out, const char *w, size_t a, size_t b) {
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
#if defined(__SSE2__) && defined(__GNUC__)
    while (i + 17 <= b) { /* the same, sixteen bytes at a time */
      unsigned m = mask16(_mm_and_si128(eq16(load16(w + i), ' '), eq16(load16(w + i + 1), ' ')));
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

static void set_field(st *s, rp_field f, size_t a, size_t b) {
  if (b > s->n)
    b = s->n;
  if (b <= a)
    return;
  rpi_buf v;
  rpi_buf_init(&v, s->n + 1);
  rpi_buf_reserve(&v, b - a); /* one allocation: collapsing never grows */
  put_collapsed(&v, s->w, a, b);
  if (v.err) {
    s->err = v.err;
  } else if (v.len) {
    rp_span sp = rpi_text_span(s->t, a, b - a);
    rpi_result_take(s->r, f, rpi_buf_detach(&v, NULL), sp.off, sp.len); /* no copy */
  }
  rpi_buf_free(&v);
}

static void set_text(st *s, rp_field f, const char *v, size_t n, size_t a, size_t b) {
  rp_span sp = rpi_text_span(s->t, a, b > a ? b - a : 0);
  rpi_result_set(s->r, f, v, n, sp.off, sp.len);
}

static void warn_at(st *s, rp_warning_code c, size_t a, size_t b, const char *msg) {
  rp_span sp = rpi_text_span(s->t, a, b > a ? b - a : 0);
  rpi_result_warn(s->r, c, sp.off, sp.len, msg);
}

#define UNSET ((size_t)-1)

static size_t count_words(const st *s, size_t a, size_t b);

static size_t skip_sp(const st *s, size_t i) {
  while (i < s->n && s->w[i] == ' ')
    i++;
  return i;
}

static bool ascii_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

/* ---- 1. identifiers ----------------------------------------------------- */

static void take_ids(st *s) {
  rpi_match m;
  /* URLs first: a DOI inside a doi.org URL is a DOI, other URLs stay URLs */
  size_t from = 0;
  while (find(s, P_URL, from, &m)) {
    size_t a = m.start, b = m.end;
    /* "http://dx.doi. org/10.1016/...": a link broken by a space */
    if (b >= a + 4 && at_lit(s, b - 4, "doi.", 4) && at_lit(s, b, " org/", 5)) {
      b += 5;
      while (b < s->n && s->w[b] != ' ')
        b++;
      m.end = b;
    }
    while (b > a && strchr(".,;:)]}>'", s->w[b - 1])) {
      if (s->w[b - 1] == ')') {
        /* keep a closing parenthesis that closes one inside the URL */
        size_t open = 0, close = 0;
        for (size_t i = a; i < b; i++)
          open += s->w[i] == '(', close += s->w[i] == ')';
        if (open >= close)
          break;
      }
      b--;
    }
    bool doi_url = false;
    for (size_t i = a; i + 8 <= b && !doi_url; i++)
      if (s->w[i] == 'd' && at_lit(s, i, "doi.org/", 8))
        doi_url = true;
    /* A legacy "http://dx.doi.org/..." link printed as a link (no "doi:"
     * label) stays a URL; "https://doi.org/...", the DOI's display form
     * (Crossref display guidelines), and labelled links give the DOI. */
    if (doi_url && at_lit(s, a, "http://", 7)) {
      size_t k = a;
      while (k > 0 && s->w[k - 1] == ' ')
        k--;
      bool labelled = false;
      for (size_t q = k >= 5 ? k - 5 : 0; q < k; q++)
        labelled |= (s->w[q] | 0x20) == 'd' && q + 3 <= k && (s->w[q + 1] | 0x20) == 'o' &&
                    (s->w[q + 2] | 0x20) == 'i';
      if (!labelled)
        doi_url = false;
    }
    if (!doi_url) {
      if (!s->r->field[RP_FIELD_URL])
        set_field(s, RP_FIELD_URL, a, b);
      blank(s, a, b);
    }
    from = m.end;
  }
  if (find(s, P_DOI, 0, &m)) {
    size_t a = m.g[1][0], b = m.g[1][1];
    while (b > a && strchr(".,;:]}>'", s->w[b - 1]))
      b--;
    while (b > a && s->w[b - 1] == ')') {
      size_t open = 0, close = 0;
      for (size_t i = a; i < b; i++)
        open += s->w[i] == '(', close += s->w[i] == ')';
      if (open >= close)
        break;
      b--;
    }
    set_field(s, RP_FIELD_DOI, a, b);
    size_t e = b;
    blank(s, m.start, e);
    /* remove any other DOI mentions */
    while (find(s, P_DOI, e, &m)) {
      blank(s, m.start, m.end);
      e = m.end;
    }
  }
  static const struct {
    int pat;
    rp_field f;
  } ids[] = {{P_PMCID, RP_FIELD_PMCID}, {P_PMID, RP_FIELD_PMID}, {P_ARXIV, RP_FIELD_ARXIV},
             {P_ISBN, RP_FIELD_ISBN}, {P_ISSN, RP_FIELD_ISSN}};
  for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
    if (find(s, ids[k].pat, 0, &m)) {
      set_field(s, ids[k].f, m.g[1][0], m.g[1][1]);
      blank(s, m.start, m.end);
    }
  }
  if (find(s, P_ACCESS, 0, &m)) {
    int g = gset(&m, 1) ? 1 : 2;
    if (gset(&m, g))
      set_field(s, RP_FIELD_ACCESSED, m.g[g][0], m.g[g][1]);
    blank(s, m.start, m.end);
    s->webcue = true;
  }
  from = 0;
  while (find(s, P_AVAIL, from, &m)) {
    blank(s, m.start, m.end);
    s->webcue = true;
    from = m.end;
  }
  if (find(s, P_EPUB, 0, &m))
    blank(s, m.start, m.end);
  /* a bare PubMed id at the very end ("... 109-10. 25557714") */
  size_t e = s->n;
  while (e > 0 && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  size_t d = e;
  while (d > 0 && ascii_digit(s->w[d - 1]))
    d--;
  if (e - d >= 7 && e - d <= 8 && d > 2 && s->w[d - 1] == ' ' && s->w[d - 2] == '.' &&
      !s->r->field[RP_FIELD_PMID] && s->r->field[RP_FIELD_DOI] == NULL) {
    set_field(s, RP_FIELD_PMID, d, e);
    blank(s, d, e);
  }
  /* "[in Chinese]", "[Internet]", "[Epub ahead of print]" */
  static const lit_t notes[] = {LIT("[Internet]"), LIT("[internet]"), LIT("[Epub ahead of print]"),
                                LIT("[serial on the Internet]"), LIT("[online]"), LIT("[Online]"),
                                LIT("(Online)"), LIT("[homepage on the Internet]"), {NULL, 0}};
  /* Each note opens with '[' or '(' and holds no other, so no two
   * occurrences overlap: one pass over the openers finds them all, in any
   * order. */
  for (const char *op = "[("; *op; op++)
    for (const char *p = memchr(s->w, *op, s->n); p; p = memchr(p + 1, *op, s->n - (size_t)(p + 1 - s->w))) {
      size_t i = (size_t)(p - s->w);
      for (size_t k = 0; notes[k].s; k++)
        if (notes[k].s[0] == *op && at_lit(s, i, notes[k].s, notes[k].n)) {
          blank(s, i, i + notes[k].n);
          if (k <= 1 || k >= 3)
            s->webcue = true;
          break;
        }
    }
}

/* ---- 2. names ------------------------------------------------------------ */

static void commit_names(st *s, const rpi_namelist *l, rp_role role) {
  for (size_t i = 0; i < l->n; i++) {
    const rpi_pname *nm = &l->v[i];
    rpi_name *out = rpi_result_add_name(s->r, role);
    if (!out)
      return;
    rpi_buf fam;
    rpi_buf_init(&fam, 4096);
    put_collapsed(&fam, s->w, nm->fam_a, nm->fam_b);
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
        warn_at(s, RP_WARN_NAME_REPAIRED, nm->fam_a, nm->fam_b, "initials re-punctuated");
    }
    rpi_buf_free(&fam);
  }
  if (l->et_al)
    s->r->et_al[role] = true;
  if (l->dropped_b > l->dropped_a)
    warn_at(s, RP_WARN_NAME_REPAIRED, l->dropped_a, l->dropped_b, "stray token in the name list dropped");
}

/* An organisation as author: the first sentence holds an organisation word. */
static size_t add_literal(st *s, size_t a, size_t b) {
  rpi_name *nm = rpi_result_add_name(s->r, RP_ROLE_AUTHOR);
  if (!nm)
    return 0;
  rpi_buf v;
  rpi_buf_init(&v, 4096);
  trim(s->w, &a, &b);
  put_collapsed(&v, s->w, a, b);
  nm->part[RP_NAME_LITERAL] = rpi_result_strndup(s->r, v.p ? v.p : "", v.len);
  rpi_buf_free(&v);
  return b;
}

/* "BFG. 2018.", "INEP. Title": one upper-case word as the author. */
/* A capitalised phrase of two to eight words naming a body: "Ministério da
 * Saúde", "Economic Research Service". */
static bool org_segment(const st *s, size_t a, size_t b) {
  if (b <= a || !rpi_is_upper((unsigned char)s->w[a]) || count_words(s, a, b) < 2 || count_words(s, a, b) > 8)
    return false;
  for (size_t i = a; i < b;) {
    size_t j = i;
    while (j < b && s->w[j] != ' ' && s->w[j] != ',' && s->w[j] != '-') /* "Direção-Geral" */
      j++;
    if (j > i && rpi_lex_is_org_word(s->w + i, j - i))
      return true;
    i = j + 1;
  }
  return false;
}

static size_t caps_author(st *s, size_t from) {
  size_t e = from;
  while (e < s->n && ((s->w[e] >= 'A' && s->w[e] <= 'Z') || (unsigned char)s->w[e] >= 0x80 || s->w[e] == '-'))
    e++;
  bool comma_year = e + 6 < s->n && s->w[e] == ',' && s->w[e + 1] == ' ' && ascii_digit(s->w[e + 2]) &&
                    ascii_digit(s->w[e + 5]) && !ascii_digit(s->w[e + 6]);
  if (e - from < 2 || e >= s->n || (s->w[e] != '.' && !comma_year) || e + 1 >= s->n || s->w[e + 1] != ' ')
    return 0;
  /* all bytes upper case letters (non-ASCII: check the code points) */
  for (size_t i = from; i < e;) {
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s->w + i, e - i, &cp);
    if (!l || !(rpi_is_upper(cp) || cp == '-'))
      return 0;
    i += l;
  }
  /* "BRASIL. Ministério da Saúde. Secretaria de Vigilância em Saúde.": the
   * bodies under the jurisdiction, one sentence each */
  for (int guard = 0; !comma_year && guard < 4; guard++) {
    size_t ns = skip_sp(s, e + 1), se = ns;
    while (se < s->n && !(s->w[se] == '.' && (se + 1 >= s->n || s->w[se + 1] == ' ')))
      se++;
    if (se >= s->n || !org_segment(s, ns, se))
      break;
    e = se;
  }
  add_literal(s, from, e);
  return comma_year ? e : e + 1;
}

static bool is_cjk(unsigned cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB);
}

/* One CJK personal name at i: 2-6 characters, at most one inner space
 * ("松掛 暢"), Korean pairs joined by a period ("정미애.김형주") kept whole as
 * printed. Returns its end or 0. */
static size_t cjk_name(const st *s, size_t i) {
  size_t k = i, chars = 0, spaces = 0;
  while (k < s->n) {
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s->w + k, s->n - k, &cp);
    if (l && is_cjk(cp)) {
      chars++;
      k += l;
      continue;
    }
    if ((cp == ' ' || cp == '.') && chars && spaces == 0 && k + 1 < s->n) {
      unsigned c2;
      size_t l2 = rpi_utf8_decode((const unsigned char *)s->w + k + 1, s->n - k - 1, &c2);
      if (l2 && is_cjk(c2)) {
        /* "松掛 暢" only when a separator follows the short second part */
        size_t z = k + 1, more = 0;
        while (z < s->n) {
          unsigned c3;
          size_t l3 = rpi_utf8_decode((const unsigned char *)s->w + z, s->n - z, &c3);
          if (!l3 || !is_cjk(c3))
            break;
          more++;
          z += l3;
        }
        if ((cp == '.' && more >= 2 && more <= 4) ||
            (cp == ' ' && more <= 3 && (z >= s->n || s->w[z] == ',' || s->w[z] == ' ' || s->w[z] == '('))) {
          spaces++;
          k++;
          continue;
        }
      }
    }
    break;
  }
  if (chars < 2 || chars > 12 || (spaces == 0 && chars > 5))
    return 0;
  return k;
}

/* A separator between CJK names: comma, fullwidth comma, ideographic comma,
 * katakana middle dot. */
static bool cjk_sep(unsigned cp) { return cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == 0x30FB; }

/* Authors written in Chinese, Japanese or Korean script: "王小明, 李华, 张伟."
 * Each name is kept as printed, as a literal (there is no family/given
 * split a parser can know). Returns the end of the list or 0. */
static size_t cjk_authors(st *s, size_t from) {
  size_t ends[64];
  size_t starts[64];
  size_t n = 0, k = from;
  while (n < 64) {
    size_t e = cjk_name(s, k);
    if (!e)
      break;
    /* what follows a name: a separator, a date or the end of the list */
    size_t z = e;
    while (z < s->n && s->w[z] == ' ')
      z++;
    unsigned cp = 0;
    size_t l = z < s->n ? rpi_utf8_decode((const unsigned char *)s->w + z, s->n - z, &cp) : 0;
    bool sep = cjk_sep(cp);
    bool end = cp == '.' || cp == 0x3002 || cp == 0xFF0E || cp == '(' || cp == ':' || cp == 0xFF1A ||
               cp == 0xFF08 || (n > 0 && cp == ' ');
    if (!sep && !end)
      break;
    starts[n] = k;
    ends[n++] = e;
    if (!sep)
      break;
    k = z + l;
    while (k < s->n && s->w[k] == ' ')
      k++;
    /* the next item must itself be a name followed by a separator */
    size_t e2 = cjk_name(s, k);
    if (!e2)
      break;
    size_t z2 = e2;
    while (z2 < s->n && s->w[z2] == ' ')
      z2++;
    unsigned c2 = 0;
    if (z2 < s->n)
      rpi_utf8_decode((const unsigned char *)s->w + z2, s->n - z2, &c2);
    if (!(cjk_sep(c2) || c2 == '.' || c2 == 0x3002 || c2 == '(' || c2 == ':' ||
          c2 == 0xFF1A || c2 == 0xFF08 || (z2 + 4 < s->n && ascii_digit(s->w[z2]))))
      break;
  }
  if (!n)
    return 0;
  for (size_t q = 0; q < n; q++)
    add_literal(s, starts[q], ends[q]);
  return ends[n - 1];
}

static size_t org_author(st *s, size_t from) {
  size_t e = from;
  while (e < s->n && !(s->w[e] == '.' && (e + 1 >= s->n || s->w[e + 1] == ' ')) &&
         s->w[e] != '(' && s->w[e] != ':' && s->w[e] != ',' && e - from < 160)
    e++;
  /* no stop within 160 bytes: not an organisation name (w[e] may then be
   * any byte, even inside a character, and must not be skipped below) */
  if (e >= s->n || e - from < 3 || e - from >= 160)
    return 0;
  /* "UK Prospective Diabetes Study (UKPDS) Group." */
  size_t after_acronym = UNSET;
  if (s->w[e] == '(' && !(e + 1 < s->n && (ascii_digit(s->w[e + 1]) || s->w[e + 1] == 'n'))) {
    size_t c = e;
    while (c < s->n && s->w[c] != ')')
      c++;
    if (c < s->n) {
      size_t e2 = c;
      while (e2 < s->n && s->w[e2] != '.' && s->w[e2] != ',' && s->w[e2] != '(' && s->w[e2] != ':' &&
             e2 - from < 160)
        e2++;
      if (e2 < s->n && s->w[e2] == '.') {
        e = e2;
      } else if (e2 < s->n && s->w[e2] == '(' && skip_sp(s, c + 1) == e2 && e2 + 1 < s->n &&
                 ascii_digit(s->w[e2 + 1])) {
        /* "Intergovernmental Panel on Climate Change (IPCC) (2021)": the
         * acronym, then the date */
        bool caps = c > e + 2;
        for (size_t q = e + 1; q < c && caps; q++)
          caps = (s->w[q] >= 'A' && s->w[q] <= 'Z') || s->w[q] == '-' || s->w[q] == '&';
        if (caps)
          after_acronym = c + 1;
      }
    }
  }
  if (s->w[e] == ',') {
    /* "X Collaboration, Title"; "Ministère de la Transition écologique,
     * Title"; "U.S. Department of Agriculture, Economic Research Service." */
    size_t ws = e;
    while (ws > from && s->w[ws - 1] != ' ')
      ws--;
    bool collab = e - ws >= 5 && (at_lit(s, ws, "ollaboration", 12) || at_lit(s, ws + 1, "ollaboration", 12));
    /* the body's word among the first three ("Ministère de la ...", "Royal
     * College of ..."), not a title about one ("Signalétique pour le
     * Centre Georges Pompidou, ...") */
    size_t w3 = from;
    for (int k = 0; k < 3 && w3 < e; k++) {
      while (w3 < e && s->w[w3] != ' ')
        w3++;
      w3 = skip_sp(s, w3);
    }
    if (!collab && !(count_words(s, from, e) >= 3 && org_segment(s, from, w3 < e ? w3 : e)))
      return 0;
    if (!collab) {
      size_t ns = skip_sp(s, e + 1), se = ns;
      while (se < s->n && se - from < 200 && s->w[se] != ',' &&
             !(s->w[se] == '.' && (se + 1 >= s->n || s->w[se + 1] == ' ')))
        se++;
      if (se < s->n && s->w[se] == '.' && org_segment(s, ns, se))
        e = se;
    }
  }
  bool org = false;
  size_t words = 0;
  for (size_t i = from; i < e;) {
    while (i < e && !ascii_alpha(s->w[i]) && (unsigned char)s->w[i] < 0x80)
      i++;
    size_t j = i;
    while (j < e && s->w[j] != ' ' && s->w[j] != ',')
      j++;
    if (j > i) {
      words++;
      if (rpi_lex_is_org_word(s->w + i, j - i))
        org = true;
    }
    i = j + 1;
  }
  if (!org || words > 12)
    return 0;
  /* "International Monetary Fund 1999.": the year is the date */
  size_t ye = e;
  while (ye > from && s->w[ye - 1] == ' ')
    ye--;
  if (ye >= from + 8 && ascii_digit(s->w[ye - 1]) && ascii_digit(s->w[ye - 4]) && s->w[ye - 5] == ' ' &&
      (s->w[ye - 4] == '1' || s->w[ye - 4] == '2')) {
    add_literal(s, from, ye - 5);
    return ye - 4;
  }
  add_literal(s, from, e);
  if (after_acronym != UNSET)
    return after_acronym;
  return s->w[e] == '(' ? e : e + 1;
}

/* "(eds)", "(Ed.)", "eds.", "(Hrsg.)", "(éd.)", "(org.)", "(coord.)" */
static size_t editor_mark(const st *s, size_t i) {
  size_t k = skip_sp(s, i);
  if (k < s->n && s->w[k] == ',')
    k = skip_sp(s, k + 1);
  static const char *const marks[] = {
      "(eds.)", "(eds)", "(Eds.)", "(Eds)", "(ed.)", "(ed)", "(Ed.)", "(Ed)", "(Hrsg.)",
      "(Hg.)", "(Hgg.)", "(\xc3\xa9" "d.)", "(\xc3\xa9" "ds.)", "(dir.)", "(org.)", "(orgs.)",
      "(Org.)", "(Orgs.)", "(coord.)", "(Coord.)", "(a cura di)", "(editors)", "(editor)",
      "(Editors)", "(Editor)", "(comp.)", "(comps.)", "eds.", "Eds.", "ed.", "Ed.", "editors",
      "editor", "Hrsg.", "(edd.)", "(a c. di)", "(coords.)", "(Hrsgg.)", "(red.)", "(ред.)",
      "(edt)", "(edt.)", "dir.", "Hg.", "\xc3\xa9" "d.", "\xc3\xa9" "ds.", NULL};
  /* every mark starts with one of these bytes (the bracketed form below
   * with '(') */
#ifdef RP_CHECK_GUARDS
  for (size_t m = 0; marks[m]; m++)
    if (!strchr("(eEHd\xc3", marks[m][0]))
      abort(); /* the test below is out of step with marks[] */
#endif
  unsigned char c0 = k < s->n ? (unsigned char)s->w[k] : 0;
  if (!(c0 == '(' || c0 == 'e' || c0 == 'E' || c0 == 'H' || c0 == 'd' || c0 == 0xC3))
    return 0;
  for (size_t m = 0; k < s->n && marks[m]; m++) {
    if (marks[m][0] != s->w[k])
      continue; /* the first byte first: most marks differ there */
    size_t l = strlen(marks[m]);
    if (k + l <= s->n && memcmp(s->w + k, marks[m], l) == 0) {
      if (k + l < s->n && ascii_alpha(s->w[k + l]) && marks[m][l - 1] != ')')
        continue;
      return k + l;
    }
  }
  /* "(Hrsg. )", "( eds. )": a bracketed mark with spaces inside */
  if (k < s->n && s->w[k] == '(') {
    char compact[16];
    size_t cl = 0, q = k;
    for (; q < s->n && cl + 1 < sizeof compact && s->w[q] != ')'; q++)
      if (s->w[q] != ' ')
        compact[cl++] = s->w[q];
    if (q < s->n && s->w[q] == ')' && cl + 1 < sizeof compact && q > k + cl) {
      compact[cl++] = ')';
      for (size_t m = 0; marks[m]; m++)
        if (marks[m][0] == '(' && strlen(marks[m]) == cl && memcmp(marks[m], compact, cl) == 0)
          return q + 1;
    }
  }
  return 0;
}

/* Whether [a, b) can hold an editor_mark() at all: every mark has a "(" or
 * "ed", "Ed" or "Hrsg". A cheap test that spares the name grammar on most
 * containers. */
static bool may_hold_editor_mark(const st *s, size_t a, size_t b) {
  for (size_t q = a; q < b; q++) {
    char ch = s->w[q];
    if (ch == '(')
      return true;
    if (q + 1 < b && s->w[q + 1] == 'd' && (ch == 'e' || ch == 'E'))
      return true;
    if (ch == 'H' && at_lit(s, q, "Hrsg", 4))
      return true;
  }
  return false;
}

/* "(Director)", "(Producers)", "(Writer/Director)": a creator's role after
 * the name. Returns the end of the marker or 0. */
static size_t role_mark(const st *s, size_t i) {
  size_t k = skip_sp(s, i);
  if (k >= s->n || s->w[k] != '(')
    return 0;
  static const char *const roles[] = {"Director", "Directors", "Producer", "Producers", "Writer",
                                      "Writers", "Host", "Hosts", "Narrator", "Composer",
                                      "Performer", "Artist", "Photographer", "Executive Producer",
                                      "Creator", "Speaker", "Presenter", NULL};
  size_t z = k + 1;
  while (z < s->n && z < k + 40 && s->w[z] != ')')
    z++;
  if (z >= s->n || s->w[z] != ')')
    return 0;
  /* every word of the bracket is a role ("Writer/Director") */
  for (size_t q = k + 1; q < z;) {
    size_t e = q;
    while (e < z && s->w[e] != '/' && s->w[e] != ',' && s->w[e] != '&')
      e++;
    size_t a = q, b = e;
    trim(s->w, &a, &b);
    bool ok = false;
    for (size_t r = 0; roles[r] && !ok; r++)
      ok = b - a == strlen(roles[r]) && at_lit(s, a, roles[r], b - a);
    if (!ok && !(b - a == 3 && at_lit(s, a, "and", 3)))
      return 0;
    q = e + 1;
  }
  size_t e = z + 1;
  if (e < s->n && s->w[e] == '.')
    e++;
  return e;
}

/* ---- 3. dates ------------------------------------------------------------- */

/* A date right after the names: "(2004)", "(2004a)", "(2004, May 3)",
 * "2004.", "(n.d.)", "(in press)". Returns the end or 0. */
static size_t date_after_names(st *s, size_t i) {
  size_t k = skip_sp(s, i);
  while (k < s->n && (s->w[k] == ',' || s->w[k] == '.' || s->w[k] == ':'))
    k = skip_sp(s, k + 1);
  bool paren = k < s->n && (s->w[k] == '(' || s->w[k] == '[');
  size_t d = paren ? k + 1 : k;
  d = skip_sp(s, d);
  /* "([1903], 2007)": the original year first, then this edition's */
  if (paren && d + 8 < s->n && s->w[d] == '[' && ascii_digit(s->w[d + 1]) && ascii_digit(s->w[d + 4]) &&
      s->w[d + 5] == ']') {
    size_t d2 = d + 6;
    while (d2 < s->n && (s->w[d2] == ',' || s->w[d2] == ' '))
      d2++;
    if (d2 + 4 <= s->n && ascii_digit(s->w[d2]) && ascii_digit(s->w[d2 + 3])) {
      size_t c = d2 + 4;
      while (c < s->n && c - d2 < 30 && s->w[c] != ')')
        c++;
      if (c < s->n && s->w[c] == ')') {
        /* the year first printed is the date cited */
        s->year_a = d + 1;
        s->year_b = d + 5;
        return c + 1;
      }
    }
  }
  if (!paren && i > 0 && (at_lit(s, d, "Forthcoming.", 12) || at_lit(s, d, "In press.", 9) ||
                          at_lit(s, d, "n.d.", 4))) {
    s->in_press = true;
    return d + (s->w[d] == 'F' ? 12 : s->w[d] == 'I' ? 9 : 4);
  }
  if (d + 4 <= s->n && ascii_digit(s->w[d]) && ascii_digit(s->w[d + 1]) &&
      ascii_digit(s->w[d + 2]) && ascii_digit(s->w[d + 3]) &&
      (d + 4 == s->n || !ascii_digit(s->w[d + 4]))) {
    int y = (s->w[d] - '0') * 1000 + (s->w[d + 1] - '0') * 100;
    if (y < 1500 || y > 2099)
      return 0;
    size_t e = d + 4;
    if (e < s->n && s->w[e] >= 'a' && s->w[e] <= 'z' && (e + 1 >= s->n || !ascii_alpha(s->w[e + 1])))
      e++;
    if (paren) {
      size_t c = e;
      while (c < s->n && c - e < 30 && s->w[c] != ')' && s->w[c] != ']' && s->w[c] != '(')
        c++;
      if (c >= s->n || (s->w[c] != ')' && s->w[c] != ']'))
        return 0;
      s->year_a = d;
      s->year_b = d + 4;
      /* "(1961) [1943]": the original edition's year follows */
      size_t o = skip_sp(s, c + 1);
      if (o + 6 <= s->n && (s->w[o] == '[' || s->w[o] == '(') && ascii_digit(s->w[o + 1]) &&
          ascii_digit(s->w[o + 4]) && (s->w[o + 5] == ']' || s->w[o + 5] == ')'))
        return o + 6;
      return c + 1;
    }
    /* bare year must be followed by a sentence end */
    size_t f = e;
    if (f + 1 < s->n && s->w[f] == ' ' && i > 0 && (s->w[i - 1] == '.' || (i > 1 && s->w[i - 2] == '.')) &&
        ((s->w[f + 1] >= 'A' && s->w[f + 1] <= 'Z') || (unsigned char)s->w[f + 1] >= 0xC3)) {
      /* "Renfrew, Colin. 1973 Monuments" / IOP "Schimmel A 2015 Title" */
      s->year_a = d;
      s->year_b = d + 4;
      return f;
    }
    if (f + 1 < s->n && s->w[f] == ' ' && (i == 0 || s->w[i - 1] != '.') &&
        ((s->w[f + 1] >= 'A' && s->w[f + 1] <= 'Z'))) {
      s->year_a = d;
      s->year_b = d + 4;
      return f;
    }
    if (f < s->n && (s->w[f] == '.' || s->w[f] == ',' || s->w[f] == ':')) {
      /* "2004;428" is a Vancouver locator, not a date after names */
      s->year_a = d;
      s->year_b = d + 4;
      return f + 1;
    }
    return 0;
  }
  if (paren) {
    /* "(Summer 2008)", "(March 2010)", "(2008, Summer)": a season or month
     * with the year */
    size_t c = d;
    while (c < s->n && c - d < 30 && s->w[c] != ')' && s->w[c] != ']')
      c++;
    if (c < s->n && c > d + 4 && (s->w[c] == ')' || s->w[c] == ']')) {
      static const char *const seasons[] = {"Spring", "Summer", "Fall", "Autumn", "Winter", NULL};
      size_t we = d;
      while (we < c && s->w[we] != ' ' && s->w[we] != ',')
        we++;
      bool lead = rpi_lex_month(s->w + d, we - d);
      for (size_t sk = 0; seasons[sk] && !lead; sk++)
        lead = we - d == strlen(seasons[sk]) && at_lit(s, d, seasons[sk], we - d);
      size_t y = (size_t)-1;
      for (size_t q = d; q + 4 <= c; q++)
        if (ascii_digit(s->w[q]) && ascii_digit(s->w[q + 3]) && (q == d || !ascii_digit(s->w[q - 1])) &&
            (q + 4 == c || !ascii_digit(s->w[q + 4])) && (s->w[q] == '1' || s->w[q] == '2'))
          y = q;
      if (lead && y != (size_t)-1) {
        s->year_a = y;
        s->year_b = y + 4;
        return c + 1;
      }
    }
    static const char *const nd[] = {"n.d.", "n. d.", "s.d.", "s. d.", "in press", "In press",
                                      "no prelo", "forthcoming", "Forthcoming", "o. J.", "s.f.", "s. f.",
                                      "sans date", "sin fecha", NULL};
    for (size_t m = 0; nd[m]; m++) {
      size_t l = strlen(nd[m]);
      if (d + l < s->n && memcmp(s->w + d, nd[m], l) == 0 && s->w[d + l] == ')') {
        s->in_press = true;
        return d + l + 1;
      }
    }
  }
  return 0;
}

/* ---- 4. locators --------------------------------------------------------- */

typedef struct loc {
  int fam; /* 0 = none; lower is stronger */
  size_t a, b;
  size_t v[2], i[2], p[2], y[2];
} loc;


static void loc_from(st *s, int pat, const rpi_match *m, int fam, loc *L) {
  memset(L, 0, sizeof *L);
  L->fam = fam;
  L->a = m->start;
  L->b = m->end;
  L->v[0] = L->i[0] = L->p[0] = L->y[0] = UNSET;
  int g;
  if ((g = grp(s, pat, "v")) >= 0 && gset(m, g))
    L->v[0] = m->g[g][0], L->v[1] = m->g[g][1];
  if ((g = grp(s, pat, "i")) >= 0 && gset(m, g))
    L->i[0] = m->g[g][0], L->i[1] = m->g[g][1];
  else if ((g = grp(s, pat, "i2")) >= 0 && gset(m, g))
    L->i[0] = m->g[g][0], L->i[1] = m->g[g][1];
  else if ((g = grp(s, pat, "i3")) >= 0 && gset(m, g))
    L->i[0] = m->g[g][0], L->i[1] = m->g[g][1];
  if ((g = grp(s, pat, "p")) >= 0 && gset(m, g))
    L->p[0] = m->g[g][0], L->p[1] = m->g[g][1];
  if ((g = grp(s, pat, "y")) >= 0 && gset(m, g))
    L->y[0] = m->g[g][0], L->y[1] = m->g[g][1];
  /* trim a trailing space the pattern may have taken */
  while (L->b > L->a && s->w[L->b - 1] == ' ')
    L->b--;
}

/* A colon locator must not be a time, a ratio or a title's "Part 2: x". */
static bool colon_ok(st *s, const rpi_match *m) {
  size_t e = skip_sp(s, m->end);
  if (e >= s->n)
    return true;
  char c = s->w[e];
  if (c == '.' || c == ',' || c == ';' || c == '(' || c == '[')
    return true;
  return false;
}

static bool find_locator_raw(st *s, size_t from, loc *best) {
  rpi_match m;
  loc L;
  memset(best, 0, sizeof *best);
  /* "Circulation 1993; 87, pages 1489-1497": Vancouver with labelled pages */
  if (find(s, P_VANPG, from, &m)) {
    loc_from(s, P_VANPG, &m, 1, best);
    return true;
  }
  /* Vancouver: the first with a volume or pages */
  size_t f = from;
  while (find(s, P_VAN, f, &m)) {
    loc_from(s, P_VAN, &m, 1, &L);
    if (L.v[0] != UNSET || L.p[0] != UNSET) {
      *best = L;
      return true;
    }
    f = m.end > m.start ? m.end : m.start + 1;
  }
  /* physics and Chicago: the earliest of the three */
  static const int fam2[] = {P_ACMART, P_VYP, P_PHYS1, P_PHYS2, P_CHICAGO, P_ACS, P_VCOLI, P_VDOTP};
  for (size_t k = 0; k < 8; k++) {
    if (find(s, fam2[k], from, &m)) {
      loc_from(s, fam2[k], &m, 2, &L);
      if (fam2[k] == P_CHICAGO && L.p[0] == UNSET && L.i[0] == UNSET) {
        /* "Vol (2004)." with nothing else is only a volume and date */
        size_t e = skip_sp(s, m.end);
        if (e < s->n && s->w[e] != '.' && s->w[e] != ',')
          continue;
      }
      /* "60, 11 (Nov. 2017), 72-79": volume, issue, date, pages beats the
       * physics reading "volume, page (year)" at the same place */
      if (!best->fam || L.a < best->a ||
          (L.a == best->a && fam2[k] == P_CHICAGO && L.i[0] != UNSET && L.p[0] != UNSET && best->i[0] == UNSET &&
           L.i[1] - L.i[0] <= 4 && s->w[L.i[0]] != '0'))
        *best = L;
    }
  }
  if (best->fam)
    return true;
  /* labelled atoms: vol., no., pp. */
  loc lab;
  memset(&lab, 0, sizeof lab);
  lab.v[0] = lab.i[0] = lab.p[0] = lab.y[0] = UNSET;
  int atoms = 0;
  size_t la = UNSET, lb = 0;
  if (find(s, P_LVOL, from, &m)) {
    lab.v[0] = m.g[1][0];
    lab.v[1] = m.g[1][1];
    if (gset(&m, 2)) {
      lab.i[0] = m.g[2][0];
      lab.i[1] = m.g[2][1];
    }
    la = m.start;
    lb = m.end;
    atoms++;
    /* "Volume 39, 2016, 487-518": unlabelled pages after the volume */
    rpi_match t2;
    if (rpi_rx_find(s->p->rx, s->sc, P_VOLTAIL, s->w, s->n, m.end, true, &t2) == 1) {
      lab.p[0] = t2.g[2][0];
      lab.p[1] = t2.g[2][1];
      if (t2.g[1][0] != UNSET)
        lab.y[0] = t2.g[1][0], lab.y[1] = t2.g[1][1];
      lb = t2.end;
      atoms++;
    }
  }
  /* after a volume, only an issue starting in [lb, lb + 20) is taken: the
   * search stops there (same first match, else none either way) */
  if (find_lim(s, P_LISS, la != UNSET ? la : from, la != UNSET ? lb + 19 : UNSET, &m) &&
      (la == UNSET || m.start - lb < 20)) {
    lab.i[0] = m.g[1][0];
    lab.i[1] = m.g[1][1];
    if (la == UNSET || m.start < la)
      la = m.start;
    if (m.end > lb)
      lb = m.end;
    atoms++;
    rpi_match t2;
    if (lab.p[0] == UNSET &&
        rpi_rx_find(s->p->rx, s->sc, P_VOLTAIL, s->w, s->n, m.end, true, &t2) == 1) {
      lab.p[0] = t2.g[2][0];
      lab.p[1] = t2.g[2][1];
      if (t2.g[1][0] != UNSET)
        lab.y[0] = t2.g[1][0], lab.y[1] = t2.g[1][1];
      lb = t2.end;
      atoms++;
    }
    if (lab.v[0] == UNSET) {
      /* "Information and Computation, 84, No. 1" */
      size_t q = m.start;
      while (q > from && (s->w[q - 1] == ' ' || s->w[q - 1] == ','))
        q--;
      size_t d = q;
      while (d > from && ascii_digit(s->w[d - 1]))
        d--;
      if (d < q && q - d <= 4 && d > from && (s->w[d - 1] == ' ' || s->w[d - 1] == ',')) {
        lab.v[0] = d, lab.v[1] = q;
        la = d;
        atoms++;
      }
    }
  }
  if (find(s, P_LPAGES, la != UNSET ? la : from, &m)) {
    lab.p[0] = m.g[1][0];
    lab.p[1] = m.g[1][1];
    if (la == UNSET || m.start < la)
      la = m.start;
    if (m.end > lb)
      lb = m.end;
    atoms++;
  }
  if (atoms >= 2 || (atoms == 1 && lab.p[0] != UNSET)) {
    lab.fam = 3;
    lab.a = la;
    lab.b = lb;
    /* "Nature, vol. 5" style already; a bare "12(3)" before pp. */
    *best = lab;
    if (lab.v[0] == UNSET && find(s, P_VOLISS, from, &m) && m.end <= la + 3) {
      best->v[0] = m.g[1][0], best->v[1] = m.g[1][1];
      best->i[0] = m.g[2][0], best->i[1] = m.g[2][1];
      best->a = m.start;
    } else if (lab.v[0] == UNSET && lab.p[0] != UNSET) {
      /* "Journal 12, pp. 3-9" or "Journal, 12, p. 3" or "Latomus, 13, 1954, p. 40" */
      size_t q = la;
      while (q > from && (s->w[q - 1] == ' ' || s->w[q - 1] == ','))
        q--;
      if (q >= from + 6 && ascii_digit(s->w[q - 1]) && ascii_digit(s->w[q - 4]) &&
          (s->w[q - 5] == ' ' || s->w[q - 5] == ',') && (s->w[q - 4] == '1' || s->w[q - 4] == '2')) {
        best->y[0] = q - 4, best->y[1] = q;
        best->a = q - 4;
        q -= 4;
        while (q > from && (s->w[q - 1] == ' ' || s->w[q - 1] == ','))
          q--;
      }
      size_t d = q;
      while (d > from && ascii_digit(s->w[d - 1]))
        d--;
      if (d < q && q - d <= 4 && d > from && (s->w[d - 1] == ' ' || s->w[d - 1] == ',')) {
        best->v[0] = d, best->v[1] = q;
        best->a = d;
        /* "35, 2, pp. 201-225": volume, issue */
        size_t q2 = d;
        while (q2 > from && (s->w[q2 - 1] == ' ' || s->w[q2 - 1] == ','))
          q2--;
        size_t d2 = q2;
        while (d2 > from && ascii_digit(s->w[d2 - 1]))
          d2--;
        if (d2 < q2 && q2 - d2 <= 4 && q2 < d && s->w[q2] == ',' && d2 > from &&
            (s->w[d2 - 1] == ' ' || s->w[d2 - 1] == ',') && best->i[0] == UNSET) {
          best->i[0] = d, best->i[1] = q;
          best->v[0] = d2, best->v[1] = q2;
          best->a = d2;
        }
      }
    }
    return true;
  }
  if (find(s, P_VIP, from, &m)) {
    loc_from(s, P_VIP, &m, 4, best);
    return true;
  }
  f = from;
  while (find(s, P_BARE, f, &m)) {
    /* "Journal, 17 416-429, 1969": a bare volume and range after a comma */
    size_t q = m.start;
    while (q > from && s->w[q - 1] == ' ')
      q--;
    size_t e = skip_sp(s, m.end);
    if (q > from && s->w[q - 1] == ',' && (e >= s->n || s->w[e] == ',' || s->w[e] == '.')) {
      loc_from(s, P_BARE, &m, 4, best);
      return true;
    }
    f = m.end;
  }
  f = from;
  while (find(s, P_COLON, f, &m)) {
    if (colon_ok(s, &m)) {
      loc_from(s, P_COLON, &m, 4, best);
      return true;
    }
    f = m.end;
  }
  if (find(s, P_APA, from, &m)) {
    loc_from(s, P_APA, &m, 5, best);
    return true;
  }
  if (atoms == 1) {
    lab.fam = 6;
    lab.a = la;
    lab.b = lb;
    *best = lab;
    return true;
  }
  if (find(s, P_VOLISS, from, &m)) {
    loc_from(s, P_VOLISS, &m, 7, best);
    return true;
  }
  if (find(s, P_BARE, from, &m)) {
    loc_from(s, P_BARE, &m, 8, best);
    return true;
  }
  if (find(s, P_PAGESONLY, from, &m)) {
    loc_from(s, P_PAGESONLY, &m, 9, best);
    return true;
  }
  return false;
}

/* A labelled "Vol. 38, No. 1" just before the chosen locator belongs to
 * it: "Feedback, Vol. 38, No. 1 (Winter 1997), 16-25". */
static bool find_locator(st *s, size_t from, loc *L) {
  if (!find_locator_raw(s, from, L))
    return false;
  rpi_match m;
  for (int round = 0; round < 2; round++) {
    size_t lo = L->a > 40 ? L->a - 40 : 0;
    if (lo < from)
      lo = from;
    bool moved = false;
    size_t f = lo;
    /* only matches starting before L->a count: the searches stop there */
    while (L->a > 0 && find_lim(s, P_LVOL, f, L->a - 1, &m) && m.start < L->a) {
      if (m.end + 3 >= L->a) {
        if (L->v[0] == UNSET || (L->v[0] >= L->a && L->fam >= 2)) {
          L->v[0] = m.g[1][0], L->v[1] = m.g[1][1];
        } else if (L->i[0] == UNSET && L->p[0] != UNSET) {
          /* "Vol. 12(7): 4": the locator's "volume" was the issue */
          L->i[0] = L->v[0], L->i[1] = L->v[1];
          L->v[0] = m.g[1][0], L->v[1] = m.g[1][1];
        }
        L->a = m.start;
        moved = true;
        break;
      }
      f = m.end;
    }
    f = lo;
    while (L->a > 0 && find_lim(s, P_LISS, f, L->a - 1, &m) && m.start < L->a) {
      if (m.end + 3 >= L->a && m.start > lo) {
        if (L->i[0] == UNSET) {
          L->i[0] = m.g[1][0], L->i[1] = m.g[1][1];
        } else if (L->v[0] != UNSET && L->v[0] >= L->a) {
          /* "No. 1 (Winter 1997)": CHICAGO read "1" as a volume */
        }
        if (L->v[0] != UNSET && L->v[0] >= m.end && L->v[1] <= L->b && L->fam == 2 && L->i[0] == m.g[1][0]) {
          L->v[0] = UNSET;
        }
        L->a = m.start;
        moved = true;
        break;
      }
      f = m.end;
    }
    if (!moved)
      break;
  }
  /* the CHICAGO "volume" right after "No." is the issue itself */
  if (L->v[0] != UNSET && L->i[0] != UNSET && L->v[0] == L->i[0])
    L->v[0] = UNSET;
  return true;
}

/* Page normalisation: ASCII hyphen, MEDLINE-style expansion, suspect
 * ranges cut to the first page. */
static void set_pages(st *s, size_t a, size_t b);

/* "1, 5" / "12-14, 18": each part on its own, joined by ", " */
static bool set_page_list(st *s, size_t a, size_t b) {
  if (!memchr(s->w + a, ',', b - a))
    return false;
  rpi_buf v;
  rpi_buf_init(&v, 256);
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
    set_text(s, RP_FIELD_PAGE, v.p, v.len, a, b);
  rpi_buf_free(&v);
  return true;
}

static void set_pages(st *s, size_t a, size_t b) {
  if (set_page_list(s, a, b))
    return;
  rpi_buf v;
  rpi_buf_init(&v, 256);
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
      } else if (pre1 && !pre2 && last <= first) {
        /* "R149-12", "e1000029-0231": cannot be a range */
        snprintf(out, sizeof out, "%.*s", (int)l1, p);
        snprintf(msg, sizeof msg, "impossible page range %s kept as %s", p, out);
        warn_at(s, RP_WARN_PAGE_SUSPECT, a, b, msg);
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
          warn_at(s, RP_WARN_PAGE_SUSPECT, a, b, msg);
          snprintf(out, sizeof out, "%.*s", (int)l1, p);
        } else if (lf == first) {
          snprintf(out, sizeof out, "%.*s", (int)l1, p);
        } else {
          snprintf(out, sizeof out, "%.*s-%.*s%s", (int)l1, p, (int)pre1, p, full);
          snprintf(msg, sizeof msg, "%s -> %s", p, out);
          warn_at(s, RP_WARN_PAGE_EXPANDED, a, b, msg);
        }
        rpi_buf_clear(&v);
        rpi_buf_puts(&v, out);
      } else if (same_prefix && last == first && len1 == len2) {
        snprintf(out, sizeof out, "%.*s", (int)l1, p);
        snprintf(msg, sizeof msg, "%s -> %s", p, out);
        warn_at(s, RP_WARN_PAGE_EXPANDED, a, b, msg);
        rpi_buf_clear(&v);
        rpi_buf_puts(&v, out);
      } else if (same_prefix && last < first && len1 == len2) {
        snprintf(out, sizeof out, "%.*s", (int)l1, p);
        snprintf(msg, sizeof msg, "reversed page range %s: first page kept", p);
        warn_at(s, RP_WARN_PAGE_SUSPECT, a, b, msg);
        rpi_buf_clear(&v);
        rpi_buf_puts(&v, out);
      }
    }
  }
  if (v.len)
    set_text(s, RP_FIELD_PAGE, v.p, v.len, a, b);
  rpi_buf_free(&v);
}

static void set_year(st *s, size_t a, size_t b) {
  /* the four digits inside [a, b) */
  for (size_t i = a; i + 4 <= b; i++)
    if (ascii_digit(s->w[i]) && ascii_digit(s->w[i + 1]) && ascii_digit(s->w[i + 2]) &&
        ascii_digit(s->w[i + 3]) && (i + 4 == b || !ascii_digit(s->w[i + 4])) &&
        (i == a || !ascii_digit(s->w[i - 1]))) {
      int y = (s->w[i] - '0') * 1000 + (s->w[i + 1] - '0') * 100;
      if (y >= 1500 && y <= 2099) {
        set_field(s, RP_FIELD_YEAR, i, i + 4);
        s->year_a = i;
        s->year_b = i + 4;
        return;
      }
    }
}

/* Repeated locator fragments after the kept one: "2019;4:1-15.",
 * "Vol Page 2021;13:1802.", "13:2. 2017", "5:1. 2014;5:". Blanked, with a
 * warning, and a conflict warning when a year or volume disagrees. */
static void drop_duplicates(st *s, const loc *L) {
  size_t a = L->b;
  size_t e = a;
  bool digit = false;
  while (e < s->n) {
    char c = s->w[e];
    if (ascii_digit(c) || c == ' ' || c == ';' || c == ':' || c == '(' || c == ')' ||
        c == '.' || c == ',' || c == '-') {
      digit |= ascii_digit(c);
      e++;
      continue;
    }
    if (e + 8 <= s->n && at_lit(s, e, "Vol Page", 8)) {
      e += 8;
      continue;
    }
    break;
  }
  if (!digit)
    return;
  /* the fragment must reach the end of the reference */
  size_t k = e;
  while (k < s->n && s->w[k] == ' ')
    k++;
  if (k < s->n)
    return;
  size_t da = a;
  while (da < e && (s->w[da] == ' ' || s->w[da] == '.' || s->w[da] == ','))
    da++;
  if (da >= e)
    return;
  size_t db = e;
  while (db > da && s->w[db - 1] == ' ')
    db--;
  /* only a repeated locator is a duplicate: it has ":" or ";" or "Vol Page",
   * or it is a bare year repeating the one already read ("2014;2014:1-14.
   * 2014."); a lone trailing year is the date ("p. 333-350, 2013.") */
  bool locish = false;
  for (size_t i = da; i < db; i++)
    locish |= s->w[i] == ':' || s->w[i] == ';' || s->w[i] == 'V';
  if (!locish) {
    const char *ky = s->r->field[RP_FIELD_YEAR];
    size_t nd = 0;
    for (size_t i = da; i < db; i++)
      nd += ascii_digit(s->w[i]);
    if (!ky || nd != 4 || !strstr(s->w + da, ky) || (size_t)(strstr(s->w + da, ky) - s->w) >= db)
      return;
  }
  /* compare: any 4-digit year differing from the kept one */
  char msg[256];
  const char *kept_year = s->r->field[RP_FIELD_YEAR];
  bool conflict = false;
  for (size_t i = da; i + 4 <= db; i++) {
    if (ascii_digit(s->w[i]) && ascii_digit(s->w[i + 1]) && ascii_digit(s->w[i + 2]) &&
        ascii_digit(s->w[i + 3]) && (i == da || !ascii_digit(s->w[i - 1])) &&
        (i + 4 == db || !ascii_digit(s->w[i + 4])) && (i + 4 == db || s->w[i + 4] != ':')) {
      if (kept_year && memcmp(kept_year, s->w + i, 4) != 0 && (i + 4 < db && s->w[i + 4] == ';')) {
        snprintf(msg, sizeof msg, "duplicate locator gives year %.4s, kept %s", s->w + i, kept_year);
        warn_at(s, RP_WARN_DUP_CONFLICT, da, db, msg);
        conflict = true;
        break;
      }
    }
  }
  (void)conflict;
  /* repairs the cleaner made inside the removed fragment are void */
  {
    rp_span sp = rpi_text_span(s->t, da, db - da);
    rp_result *r = s->r;
    size_t o = 0;
    for (size_t w = 0; w < r->n_warn; w++) {
      rpi_warning *x = &r->warn[w];
      bool inside = x->span.len > 0 && x->span.off >= sp.off && x->span.off + x->span.len <= sp.off + sp.len &&
                    x->code != RP_WARN_DUP_CONFLICT;
      if (inside) {
        rpi_result_free_str(r, x->msg);
        continue;
      }
      r->warn[o++] = *x;
    }
    r->n_warn = o;
  }
  snprintf(msg, sizeof msg, "%.*s -> (removed)", (int)(db - da > 120 ? 120 : db - da), s->w + da);
  warn_at(s, RP_WARN_DUP_LOCATOR, da, db, msg);
  /* the text to drop from the normalized string: the fragment's own
   * characters, not an identifier blanked earlier inside it ("PMID: ...") */
  for (size_t i = da; i < db && s->ndrop < 16;) {
    size_t kept = i;
    while (i < db && s->w[i] == ' ' && s->t->s[i] != ' ')
      i++;
    if (i > kept) {
      /* the identifier's own closing period stays with it */
      while (i < db && (s->w[i] == '.' || s->w[i] == ','))
        i++;
    }
    size_t j = i;
    while (j < db && !(s->w[j] == ' ' && s->t->s[j] != ' '))
      j++;
    size_t jj = j;
    while (jj > i && s->w[jj - 1] == ' ')
      jj--;
    if (jj > i) {
      s->drop[s->ndrop][0] = i;
      s->drop[s->ndrop][1] = jj;
      s->ndrop++;
    }
    i = j;
  }
  blank(s, da, db);
}

/* ---- 5. title and container ---------------------------------------------- */

static size_t word_before(const st *s, size_t p, size_t lo) {
  size_t q = p;
  while (q > lo) {
    size_t st0;
    unsigned cp = rpi_utf8_prev(s->w, q, &st0);
    if (!(rpi_is_letter(cp) || rpi_is_mark(cp)))
      break;
    q = st0;
  }
  return q;
}

static bool lower_abbrev(const char *w, size_t n) {
  static const lit_t ab[] = {
      LIT("al"),  LIT("vs"),   LIT("e.g"),  LIT("i.e"), LIT("etc"), LIT("ca"),   LIT("cf"),     LIT("ed"),
      LIT("eds"), LIT("pp"),   LIT("vol"),  LIT("no"),  LIT("nr"),  LIT("p"),    LIT("op"),     LIT("cit"),
      LIT("ibid"), LIT("fig"), LIT("resp"), LIT("approx"), LIT("Ed"), LIT("Eds"), LIT("Vol"),   LIT("No"),
      LIT("St"),  LIT("Dr"),   LIT("Mr"),   LIT("Mrs"), LIT("Ms"),  LIT("Prof"), LIT("Jr"),     LIT("Sr"),
      LIT("Inc"), LIT("Co"),   LIT("Ltd"),  LIT("Corp"), {NULL, 0}};
  if (n == 0 || n > 6)
    return false; /* no entry is empty or longer than "approx" */
  for (size_t i = 0; ab[i].s; i++)
    if (ab[i].n == n && ab[i].s[0] == w[0] && memcmp(ab[i].s, w, n) == 0)
      return true;
  return false;
}

/* A word that looks like an ISO 4 abbreviation: ends in a consonant other
 * than s or y, and is not all upper case. */
static bool abbrev_shape(const st *s, size_t a, size_t b) {
  char last = s->w[b - 1];
  if (!((last | 0x20) >= 'a' && (last | 0x20) <= 'z'))
    return false;
  char l = (char)(last | 0x20);
  if (strchr("aeiousy", l))
    return false;
  bool lower = false;
  for (size_t i = a + 1; i < b; i++)
    lower |= s->w[i] >= 'a' && s->w[i] <= 'z';
  return lower;
}

/* The rest of the region [a, hi) is made only of abbreviation-like tokens
 * ("Statist. Assoc.", "J", "Phys. Rev. Lett") and connectors. */
static bool abbrev_run(const st *s, size_t a, size_t hi) {
  size_t i = a, tokens = 0, long_words = 0, dotted = 0;
  while (i < hi) {
    while (i < hi && (s->w[i] == ' ' || s->w[i] == '.'))
      i++;
    if (i >= hi)
      break;
    size_t j = i;
    while (j < hi && s->w[j] != ' ' && s->w[j] != '.')
      j++;
    /* "Phys .Rev .Lett": a period printed after a space */
    bool dot = (j < hi && s->w[j] == '.') || (j + 1 < hi && s->w[j] == ' ' && s->w[j + 1] == '.');
    size_t wl = j - i;
    if (wl == 0)
      return false;
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + i, wl, &cp);
    bool cap = rpi_is_upper(cp);
    bool conn = (wl <= 3 && !cap) && (at_lit(s, i, "of", 2) || at_lit(s, i, "and", 3) ||
                                      at_lit(s, i, "the", 3) || at_lit(s, i, "&", 1) ||
                                      at_lit(s, i, "de", 2) || at_lit(s, i, "in", 2));
    bool last = false;
    size_t k = dot ? j + 1 : j;
    while (k < hi && s->w[k] == ' ')
      k++;
    last = k >= hi;
    if (!conn && !cap)
      return false;
    if (cap && !dot && !last && wl > 4 && !(rpi_lex_is_abbrev(s->w + i, wl)))
      long_words++;
    bool lowers = false;
    for (size_t q = i + 1; q < j; q++)
      lowers |= s->w[q] >= 'a' && s->w[q] <= 'z';
    if (dot && cap && lowers && wl > 1 && !rpi_lex_is_abbrev(s->w + i, wl) && !abbrev_shape(s, i, j) && !last)
      return false; /* "Performance Persistence. Journal of Finance": a sentence */
    if (dot && cap)
      dotted++;
    tokens++;
    if (tokens > 8)
      return false;
    i = dot ? j + 1 : j;
  }
  return tokens > 0 && (long_words == 0 || dotted > 0);
}

/* Is the character at p ('.', '?', '!') the end of a sentence inside
 * [lo, hi)? Periods after initials and ISO 4 abbreviations are not. */
/* "Dordrecht: D. Reidel", "New York: Norton": one to three capitalised
 * words, a colon, a capitalised word, at k. */
static bool place_colon_at(const st *s, size_t k, size_t hi) {
  for (int words = 0; words < 4 && k < hi; words++) {
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + k, hi - k, &cp);
    size_t e = k;
    while (e < hi && s->w[e] != ' ' && s->w[e] != ':' && s->w[e] != ',' && s->w[e] != '.')
      e++;
    /* "Rio de Janeiro": a short lower-case particle inside the place */
    bool particle = words > 0 && e - k <= 3 && e < hi && s->w[e] == ' ' && s->w[k] >= 'a' && s->w[k] <= 'z';
    if (!rpi_is_upper(cp) && !particle)
      return false;
    if (e - k < 3 && !particle)
      return false; /* "J. Phys. B: At. Mol." */
    if (e < hi && s->w[e] == ':') {
      size_t n = skip_sp(s, e + 1);
      if (n >= hi)
        return false;
      rpi_utf8_decode((const unsigned char *)s->w + n, hi - n, &cp);
      return rpi_is_upper(cp);
    }
    if (e >= hi || s->w[e] != ' ')
      return false;
    k = skip_sp(s, e);
  }
  return false;
}

static bool real_stop_at(const st *s, size_t lo, size_t hi, size_t p);

/* Most positions hold no '.', '?' or '!', where real_stop_at() says no at
 * once: test that inline, without a call. */
static inline bool real_stop(const st *s, size_t lo, size_t hi, size_t p) {
  char c = s->w[p];
  return (c == '.' || c == '?' || c == '!') && real_stop_at(s, lo, hi, p);
}

/* The stops ('.', '?', '!') among the eight bytes at w, a byte_eq() mask. */
static inline uint64_t stops8(const char *w) {
  uint64_t v = load8(w);
  return byte_eq(v, '.') | byte_eq(v, '?') | byte_eq(v, '!');
}

/* The first p in [q, b) where w[p] is x, y or z, or b (q >= b: b). */
static inline size_t next_of3(const char *w, size_t q, size_t b, unsigned char x, unsigned char y,
                              unsigned char z) {
#if defined(__SSE2__) && defined(__GNUC__)
  for (; q + 16 <= b; q += 16) {
    unsigned m = any3_16(w + q, x, y, z);
    if (m)
      return q + (unsigned)__builtin_ctz(m);
  }
#endif
  for (; q + 8 <= b; q += 8) {
    uint64_t v = load8(w + q), m = byte_eq(v, x) | byte_eq(v, y) | byte_eq(v, z);
    if (m)
      return q + first_byte(m);
  }
  for (; q < b; q++)
    if ((unsigned char)w[q] == x || (unsigned char)w[q] == y || (unsigned char)w[q] == z)
      return q;
  return b;
}

static bool real_stop_at(const st *s, size_t lo, size_t hi, size_t p) {
  char c = s->w[p];
  if (p + 1 >= hi || s->w[p + 1] != ' ')
    return false;
  size_t nx = skip_sp(s, p + 1);
  if (nx >= hi)
    return false;
  if (c != '.')
    return true;
  size_t ws = word_before(s, p, lo);
  size_t wl = p - ws;
  if (wl == 0)
    return true;
  unsigned first;
  rpi_utf8_decode((const unsigned char *)s->w + ws, wl, &first);
  size_t nchars = 0;
  for (size_t i = ws; i < p; i++)
    nchars += ((unsigned char)s->w[i] & 0xC0) != 0x80;
  if (nchars == 1 && rpi_is_upper(first)) {
    /* "... Using Lipase B. Tetrahedron Lett. 2005": after a lower-case
     * word, a letter ends the title when an abbreviated journal follows */
    size_t pe = ws;
    while (pe > lo && s->w[pe - 1] == ' ')
      pe--;
    size_t pws = word_before(s, pe, lo);
    bool prev_word = pe - pws >= 3;
    for (size_t q = pws + 1; q < pe && prev_word; q++)
      prev_word = !(s->w[q] >= 'A' && s->w[q] <= 'Z');
    size_t nx2 = skip_sp(s, p + 1);
    size_t hi2 = hi < s->n && s->w[hi] == '.' ? hi + 1 : hi;
    if (!(prev_word && pe == ws - 1 && nx2 < hi && abbrev_run(s, nx2, hi2)))
      return false; /* an initial */
    bool dotted = false;
    for (size_t q = nx2; q <= hi && q < s->n; q++)
      dotted |= s->w[q] == '.';
    if (!dotted)
      return false;
  }
  if (lower_abbrev(s->w + ws, wl))
    return false;
  /* "... Conditional Logic. Dordrecht: D. Reidel", "... Praxis. Tübingen:
   * Narr": an imprint "Place: Publisher" opens after a real stop */
  if (wl >= 4 && rpi_is_upper(first) && place_colon_at(s, nx, hi))
    return true;
  unsigned nxc;
  rpi_utf8_decode((const unsigned char *)s->w + nx, hi - nx, &nxc);
  /* "State of the Art. SIAM": after "the", a word, not an abbreviation */
  bool after_the = ws >= lo + 4 && at_lit(s, ws - 4, "the ", 4);
  if (!after_the && rpi_is_upper(first) && rpi_lex_is_abbrev(s->w + ws, wl) && (rpi_is_upper(nxc) || rpi_is_digit(nxc)))
    return false;
  if (!after_the && rpi_is_upper(first) && rpi_lex_is_abbrev(s->w + ws, wl) && nx + 3 < hi &&
      (at_lit(s, nx, "of ", 3) || at_lit(s, nx, "on ", 3) ||
       at_lit(s, nx, "and ", 4) || at_lit(s, nx, "for ", 4)))
    return false;
  /* "J. Amer. Statist. Assoc.": a capitalized consonant-final word inside a
   * run of abbreviations that reaches the end of the region */
  if (rpi_is_upper(first) && nchars >= 2 && nchars <= 7 && rpi_is_upper(nxc) && abbrev_shape(s, ws, p) &&
      abbrev_run(s, nx, hi)) {
    bool rest_dotted = false;
    for (size_t q = nx; q + 1 < hi; q++)
      rest_dotted |= s->w[q] == '.' && s->w[q + 1] == ' ';
    size_t pe = ws;
    while (pe > lo && s->w[pe - 1] == ' ')
      pe--;
    bool prev_abbrev = pe > lo && s->w[pe - 1] == '.' && pe - 1 > lo &&
                       rpi_is_upper((unsigned char)s->w[word_before(s, pe - 1, lo)]);
    if (rest_dotted && (prev_abbrev || nchars <= 5))
      return false;
  }
  if (rpi_is_upper(first) && nchars <= 8 && nxc == '(' && (rpi_lex_is_abbrev(s->w + ws, wl) || abbrev_shape(s, ws, p)) &&
      nx + 1 < hi && s->w[nx + 1] >= 'A' && s->w[nx + 1] <= 'Z')
    return false; /* "Comput. Des. (ICCD)" */
  if (wl == 3 && at_lit(s, ws, "The", 3) && rpi_is_upper(nxc))
    return false; /* "The. J Immunol": a stray period, repaired later */
  if (wl == 2 && ws > lo && ascii_digit(s->w[ws - 1]) && rpi_is_upper(nxc)) {
    /* "Proc. 5th. BCS-FACS Workshop": an ordinal */
    const char *sfx = s->w + ws;
    if (!memcmp(sfx, "st", 2) || !memcmp(sfx, "nd", 2) || !memcmp(sfx, "rd", 2) || !memcmp(sfx, "th", 2))
      return false;
  }
  return true;
}

/* Quoted title at the start of [a, b): “...”, "...", ‘...’, «...» */
/* A volume in capital Roman numerals at k ("XXXII", "LXXIX") ending before
 * a comma, a space or b: its end, or UNSET. */
static size_t roman_end(const st *s, size_t k, size_t b) {
  size_t e = k;
  while (e < b && e - k < 12 && strchr("IVXLCDM", s->w[e]) && s->w[e])
    e++;
  if (e == k || (e < b && s->w[e] != ',' && s->w[e] != ' ' && s->w[e] != '.'))
    return UNSET;
  return e;
}

static bool quoted(const st *s, size_t a, size_t b, size_t *qa, size_t *qb, size_t *after) {
  size_t i = skip_sp(s, a);
  unsigned cp;
  size_t l = rpi_utf8_decode((const unsigned char *)s->w + i, b - i, &cp);
  if (!l)
    return false;
  unsigned close;
  if (cp == 0x201C || cp == 0x201E)
    close = 0x201D;
  else if (cp == '"')
    close = '"';
  else if (cp == 0x2018)
    close = 0x2019;
  else if (cp == 0xAB)
    close = 0xBB;
  else if (cp == '\'' )
    close = '\'';
  else
    return false;
  for (size_t j = i + l; j < b;) {
    unsigned c2;
    size_t l2 = rpi_utf8_decode((const unsigned char *)s->w + j, b - j, &c2);
    if (!l2)
      l2 = 1;
    if (c2 == close || (close == 0x201D && c2 == 0x201C && j > i + l + 3)) {
      if (close == '\'' && j + l2 < b && rpi_is_letter((unsigned char)s->w[j + l2]))
        goto next; /* an apostrophe */
      *qa = i + l;
      *qb = j;
      *after = j + l2;
      return *qb > *qa;
    }
  next:
    j += l2;
  }
  return false;
}

static void strip_quotes(const st *s, size_t *a, size_t *b) {
  trim(s->w, a, b);
  for (int k = 0; k < 2; k++) {
    unsigned cp;
    size_t l = *a < *b ? rpi_utf8_decode((const unsigned char *)s->w + *a, *b - *a, &cp) : 0;
    if (l && (cp == 0x201C || cp == 0x201E || cp == '"' || cp == 0x2018 || cp == 0xAB))
      *a += l;
    size_t ps;
    unsigned last = *b > *a ? rpi_utf8_prev(s->w, *b, &ps) : 0;
    if (last == 0x201D || last == '"' || last == 0x2019 || last == 0xBB)
      *b = ps;
    trim(s->w, a, b);
  }
}

/* Container value with repairs: stray "The. ", words with a stray digit,
 * known split names, unbalanced closing brackets, "Stem cells. Transl". */
/* Drop what blanking left at the end of [a, *b): a dangling "(" or "[",
 * or brackets around nothing ("Book title (pp. 1-20)" after the pages went). */
static void trim_open(const st *s, size_t a, size_t *b, bool dates) {
  for (;;) {
    trim(s->w, &a, b);
    if (*b <= a)
      return;
    char c = s->w[*b - 1];
    if (c == '(' || c == '[') {
      (*b)--;
      continue;
    }
    /* "Conference (1974", "Applications (R. Chellappa": a bracket the
     * locator cut open */
    if (dates) {
      size_t op = *b;
      while (op > a && *b - op < 28 && s->w[op - 1] != '(' && s->w[op - 1] != ')' && s->w[op - 1] != '[' &&
             s->w[op - 1] != ']')
        op--;
      if (op > a + 3 && (s->w[op - 1] == '(' || s->w[op - 1] == '[') && s->w[op - 2] == ' ') {
        *b = op - 1;
        continue;
      }
    }
    if (c == ')' || c == ']') {
      char o = c == ')' ? '(' : '[';
      size_t q = *b - 1;
      while (q > a && s->w[q - 1] == ' ')
        q--;
      if (q > a && s->w[q - 1] == o) {
        *b = q - 1;
        continue;
      }
      /* "Proceedings of X (1986)", "(Oct. 1994)": a date in brackets */
      size_t op = *b - 1;
      while (op > a && s->w[op - 1] != o && s->w[op - 1] != c)
        op--;
      if (dates && op > a && s->w[op - 1] == o && op > a + 1) {
        bool date = true;
        int year = 0;
        for (size_t k = op; k < *b - 1 && date;) {
          while (k < *b - 1 && (s->w[k] == ' ' || s->w[k] == ',' || s->w[k] == '.' || s->w[k] == '-'))
            k++;
          size_t j = k;
          while (j < *b - 1 && s->w[j] != ' ' && s->w[j] != ',' && s->w[j] != '.' && s->w[j] != '-')
            j++;
          if (j == k)
            break;
          bool digits = true;
          for (size_t d = k; d < j; d++)
            digits &= ascii_digit(s->w[d]);
          if (digits && j - k == 4 && (s->w[k] == '1' || s->w[k] == '2'))
            year++;
          else if (!(digits && j - k <= 2) && !rpi_lex_month(s->w + k, j - k))
            date = false;
          k = j;
        }
        if (date && year == 1) {
          *b = op - 1;
          continue;
        }
      }
    }
    return;
  }
}

static size_t count_words(const st *s, size_t a, size_t b);

/* "Preprint", "Submitted", "Ph.D. thesis", "Tech. Rep.": a note on the
 * work's status or genre, not a container. */
static bool genre_only(st *s, size_t a, size_t b) {
  static const lit_t w[] = {
      LIT("Preprint"), LIT("preprint"), LIT("Submitted"), LIT("submitted"), LIT("Unpublished"),
      LIT("unpublished"), LIT("Manuscript"), LIT("manuscript"), LIT("Draft"), LIT("draft"),
      LIT("In press"), LIT("in press"), LIT("To appear"), LIT("to appear"), LIT("Personal communication"),
      LIT("personal communication"), LIT("Forthcoming"), LIT("forthcoming"),
      LIT("\xc3\x80 para\xc3\xaetre"), LIT("\xc3\xa0 para\xc3\xaetre"), LIT("Soumis"), LIT("soumis"),
      LIT("Sous presse"), LIT("sous presse"), LIT("Im Druck"), LIT("im Druck"), LIT("No prelo"), LIT("no prelo"),
      LIT("En prensa"), LIT("en prensa"), LIT("In corso di stampa"), {NULL, 0}};
  for (size_t k = 0; a < s->n && w[k].s; k++)
    if (s->w[a] == w[k].s[0] && at_lit(s, a, w[k].s, w[k].n))
      return true;
  /* a P_THESIS or P_REPORT match starting at a starts with one of these
   * letters (both patterns are case-sensitive): else no search. KEEP IN
   * STEP WITH THE PATTERNS (checked with -DRP_CHECK_GUARDS) */
  bool may = a >= s->n || memchr("BDHIMPRTWt", s->w[a], 10) != NULL;
  rpi_match m;
#ifdef RP_CHECK_GUARDS
  for (int k = 0; k < 2 && !may; k++)
    if (rpi_rx_find(s->p->rx, s->sc, (size_t)(k ? P_REPORT : P_THESIS), s->w, s->n, a, false, &m) == 1 &&
        m.start == a)
      abort(); /* the letters above are out of step with P_THESIS or P_REPORT */
#endif
  int pats[] = {P_THESIS, P_REPORT};
  for (int k = 0; k < 2 && may; k++)
    if (find(s, pats[k], a, &m) && m.start == a && count_words(s, a, b) <= 4) {
      /* only the genre words and a number: "Tech. Rep. 18", not
       * "Informe Agropecuário" */
      size_t letters = 0;
      for (size_t q = m.end; q < b; q++)
        letters += ascii_alpha(s->w[q]) || ((unsigned char)s->w[q] >= 0xC0);
      if (letters <= 3)
        return true;
    }
  return false;
}

static size_t editor_mark(const st *s, size_t i);
static bool has_publisher_word(const st *s, size_t a, size_t b);

static void set_container(st *s, size_t a, size_t b, size_t join_a) {
  trim(s->w, &a, &b);
  if (b > a && join_a == UNSET && genre_only(s, a, b))
    return;
  /* "Dans Comprehensive chemical kinetics", "In: Book": the marker is not
   * part of the name */
  if (b > a + 5 && (at_lit(s, a, "Dans ", 5) || at_lit(s, a, "In: ", 4)) && join_a == UNSET) {
    size_t a2 = a + (s->w[a] == 'D' ? 5 : 4);
    unsigned f2 = 0;
    rpi_utf8_decode((const unsigned char *)s->w + a2, b - a2, &f2);
    if (rpi_is_upper(f2))
      a = a2;
  }
  /* "Matthew J. Smith and Randy Duncan (eds.). Critical Approaches to
   * Comics": editors before the book title */
  if (b > a && join_a == UNSET && may_hold_editor_mark(s, a, b)) {
    rpi_namelist *el = malloc(sizeof *el);
    if (el) {
      if (rpi_names_parse_any(s->w, a, b, el)) {
        size_t mk = editor_mark(s, el->end);
        if (mk && mk + 3 < b) {
          if (!s->r->n_names[RP_ROLE_EDITOR])
            commit_names(s, el, RP_ROLE_EDITOR);
          a = mk;
          while (a < b && (s->w[a] == '.' || s->w[a] == ',' || s->w[a] == ':' || s->w[a] == ' '))
            a++;
        }
      }
      free(el);
    }
  }
  trim_open(s, a, &b, true);
  /* MLA "British Cinema in the 90s, edited by Robert Murphy, BFI": the
   * editors and what follows are not the container's name */
  {
    static const lit_t ed[] = {LIT(", edited by "), LIT(", ed. by "), LIT(", eds. "), LIT(", ed. "),
                               LIT(", translated by "), LIT(", Edited by"), LIT(" (edited by "), LIT(", trans. "),
                               LIT(", hrsg. v. "), LIT(", a cura di "), {NULL, 0}};
    for (size_t q = a + 3; q < b; q++) {
      /* every entry starts with ", " or " (": skip eight positions with
       * no ',' at them and no '(' after them */
      if (q + 9 <= b) {
        uint64_t m = byte_eq(load8(s->w + q), ',') | byte_eq(load8(s->w + q + 1), '(');
        if (!m) {
          q += 7;
          continue;
        }
        q += first_byte(m); /* the first that may start one */
      }
      if (s->w[q] != ',' && s->w[q] != ' ')
        continue;
      for (size_t k = 0; ed[k].s; k++)
        if (ed[k].s[0] == s->w[q] && at_lit(s, q, ed[k].s, ed[k].n)) {
          rpi_namelist el;
          memset(&el, 0, sizeof el);
          size_t na = q + ed[k].n;
          if ((k < 4 || (k >= 5 && k <= 6)) && !s->r->n_names[RP_ROLE_EDITOR] &&
              rpi_names_parse_any(s->w, na, s->n, &el)) {
            /* not "British Film Institute": an organisation after the editors */
            while (el.n > 1 && rpi_lex_is_org_word(s->w + el.v[el.n - 1].fam_a,
                                                   el.v[el.n - 1].fam_b - el.v[el.n - 1].fam_a))
              el.n--, el.total--;
            if (!(el.n == 1 && rpi_lex_is_org_word(s->w + el.v[0].fam_a, el.v[0].fam_b - el.v[0].fam_a)))
              commit_names(s, &el, RP_ROLE_EDITOR);
          }
          b = q;
          break;
        }
    }
    trim(s->w, &a, &b);
  }
  /* "Lien social, 30/10/2009", "Journal, Oct-Dec", "Science 5/1994",
   * "Journal 39(77)": a date or a locator the locator rules left behind */
  for (int guard = 0; guard < 3; guard++) {
    size_t ws = b;
    while (ws > a && s->w[ws - 1] != ' ' && s->w[ws - 1] != ',')
      ws--;
    if (ws <= a + 3)
      break;
    size_t tl = b - ws;
    bool datey = true, digits = false, parens = false;
    for (size_t q = ws; q < b; q++) {
      char ch = s->w[q];
      digits |= ascii_digit(ch);
      parens |= ch == '(';
      if (!(ascii_digit(ch) || ch == '/' || ch == '-' || ch == '(' || ch == ')' || ch == '.'))
        datey = false;
    }
    bool month_range = false;
    if (!datey) {
      size_t dash = ws;
      while (dash < b && s->w[dash] != '-')
        dash++;
      month_range = dash < b && rpi_lex_month(s->w + ws, dash - ws) && rpi_lex_month(s->w + dash + 1, b - dash - 1);
    }
    (void)parens;
    if ((datey && digits && tl <= 10 && memchr(s->w + ws, '/', tl)) || month_range) {
      b = ws;
      trim(s->w, &a, &b);
      continue;
    }
    break;
  }
  /* "Revue de l'OFCE, Presses de Sciences Po", "Selected Works, Vol. One,
   * Progress Publishers, Moscow": a publisher after the container's name */
  size_t hi = b > 2 ? b - 2 : 0; /* q + 2 < b */
  for (size_t q = next_of3(s->w, a + 3, hi, ',', ',', ','); q < hi; q = next_of3(s->w, q + 1, hi, ',', ',', ',')) {
    size_t e = q + 1;
    while (e < b && s->w[e] != ',')
      e++;
    if (has_publisher_word(s, q + 1, e) && count_words(s, q + 1, e) <= 5) {
      b = q;
      trim(s->w, &a, &b);
      break;
    }
  }
  /* "J Am Pod Med Assoc 2009": the year after the name */
  {
    size_t ws = b;
    while (ws > a && s->w[ws - 1] != ' ')
      ws--;
    if (b - ws == 4 && ws > a + 3 && ascii_digit(s->w[ws]) && ascii_digit(s->w[ws + 3]) &&
        (s->w[ws] == '1' || s->w[ws] == '2') && count_words(s, a, ws) >= 2) {
      const char *y = s->r->field[RP_FIELD_YEAR];
      size_t pw = ws;
      while (pw > a && s->w[pw - 1] == ' ')
        pw--;
      size_t pws = pw;
      while (pws > a && s->w[pws - 1] != ' ')
        pws--;
      if (y && !strncmp(y, s->w + ws, 4) && !rpi_lex_month(s->w + pws, pw - pws)) {
        b = ws;
        trim(s->w, &a, &b);
      }
    }
  }
  /* "Business Insider May": a month left by the date */
  {
    size_t ws = b;
    while (ws > a && s->w[ws - 1] != ' ')
      ws--;
    if (ws > a + 3 && b - ws >= 3 && count_words(s, a, ws) >= 2 && rpi_lex_month(s->w + ws, b - ws)) {
      b = ws;
      trim(s->w, &a, &b);
    }
  }
  strip_quotes(s, &a, &b);
  if (b <= a)
    return;
  rpi_buf v;
  rpi_buf_init(&v, s->n + 64);
  size_t from = a;
  if (join_a != UNSET && join_a < a) {
    /* "Stem cells. Transl Med" -> "Stem Cells Transl Med" */
    size_t ja = join_a, jb = a;
    trim(s->w, &ja, &jb);
    bool start = true;
    for (size_t i = ja; i < jb;) {
      unsigned cp;
      size_t l = rpi_utf8_decode((const unsigned char *)s->w + i, jb - i, &cp);
      if (!l)
        l = 1, cp = '?';
      if (cp == '.') {
        i += l;
        continue;
      }
      rpi_buf_putcp(&v, start && rpi_is_lower(cp) ? rpi_to_upper(cp) : cp);
      start = cp == ' ';
      i += l;
    }
    rpi_buf_putc(&v, ' ');
    warn_at(s, RP_WARN_PUNCT_REPAIRED, ja, b, "journal title split by a stray period rejoined");
  }
  if (b - a > 5 && at_lit(s, a, "The. ", 5)) {
    warn_at(s, RP_WARN_PUNCT_REPAIRED, a, a + 4, "stray \"The.\" before the journal title removed");
    a += 5;
    from = a;
  }
  rpi_buf raw;
  rpi_buf_init(&raw, s->n + 1);
  rpi_buf_reserve(&raw, b - from); /* one allocation: collapsing never grows */
  put_collapsed(&raw, s->w, from, b);
  const char *c = rpi_buf_cstr(&raw);
  size_t cl = raw.len;
  for (size_t i = 0; i < cl;) {
    if (s->p->flags & RP_OPT_REPAIR_WORDS) {
      size_t used = 0;
      const char *ph = (i == 0 || c[i - 1] == ' ') ? rpi_lex_repair_phrase(c + i, cl - i, &used) : NULL;
      if (ph) {
        rpi_buf_puts(&v, ph);
        char msg[128];
        snprintf(msg, sizeof msg, "%.*s -> %s", (int)used, c + i, ph);
        warn_at(s, RP_WARN_WORD_REPAIRED, a, b, msg);
        i += used;
        continue;
      }
    }
    size_t j = i;
    while (j < cl && c[j] != ' ')
      j++;
    const char *rep = (s->p->flags & RP_OPT_REPAIR_WORDS) ? rpi_lex_repair_word(c + i, j - i) : NULL;
    if (rep) {
      rpi_buf_puts(&v, rep);
      char msg[128];
      snprintf(msg, sizeof msg, "%.*s -> %s", (int)(j - i), c + i, rep);
      warn_at(s, RP_WARN_WORD_REPAIRED, a, b, msg);
    } else {
      rpi_buf_put(&v, c + i, j - i);
    }
    if (j < cl)
      rpi_buf_putc(&v, ' ');
    i = j + 1;
  }
  /* "Proceedings of X, Milwaukee, Wisconsin" / "(Boston MA, April 1994)":
   * the event's place and date are not part of the container */
  if (strstr(v.p ? v.p : "", "roceedings") || strstr(v.p ? v.p : "", "Conference") ||
      strstr(v.p ? v.p : "", "Symposium") || strstr(v.p ? v.p : "", "Workshop")) {
    const char *kw = strstr(v.p, "roceedings");
    if (!kw)
      kw = v.p;
    const char *cut = NULL;
    for (const char *q = kw; *q; q++) {
      if (q[0] == ',' && q[1] == ' ') {
        cut = q;
        break;
      }
      if (q[0] == ' ' && q[1] == '(') {
        /* keep "(AAAI-93)", cut "(Boston MA, April 1994)" */
        const char *c2 = strchr(q + 2, ')');
        const char *sp = strchr(q + 2, ' ');
        if (c2 && (!sp || sp > c2))
          continue;
        cut = q;
        break;
      }
    }
    if (cut && cut - v.p > 12) {
      v.len = (size_t)(cut - v.p);
      v.p[v.len] = '\0';
    }
  }
  /* unbalanced closing brackets at the end: "(Noisy-le-Grand))" */
  int open = 0;
  if (v.len && (memchr(v.p, '(', v.len) || memchr(v.p, ')', v.len))) /* else no bracket to count */
    for (size_t i = 0; i < v.len; i++)
      open += v.p[i] == '(' ? 1 : v.p[i] == ')' ? -1 : 0;
  while (open < 0 && v.len && v.p[v.len - 1] == ')') {
    v.p[--v.len] = '\0';
    open++;
    warn_at(s, RP_WARN_PUNCT_REPAIRED, a, b, "unbalanced closing bracket removed");
  }
  if (open > 0 && v.len && v.p[0] == '(' ) {
    memmove(v.p, v.p + 1, v.len);
    v.len--;
  }
  while (v.len && is_edge(v.p[v.len - 1]))
    v.p[--v.len] = '\0';
  /* ABNT "Cadernos de Saúde Pública, Rio de Janeiro, v. 29": the place */
  if (s->labelled && v.p) {
    char *lc = strrchr(v.p, ',');
    if (lc && lc > v.p + 3 && lc[1] == ' ') {
      int words = 0;
      bool ok = true;
      for (char *q = lc + 2; *q && ok;) {
        while (*q == ' ')
          q++;
        if (!*q)
          break;
        char *e = q;
        while (*e && *e != ' ')
          e++;
        bool conn = (e - q <= 3) && *q >= 'a' && *q <= 'z';
        if ((e - q == 3 && memcmp(q, "and", 3) == 0) || *q == '&')
          ok = false;
        unsigned cp;
        rpi_utf8_decode((const unsigned char *)q, (size_t)(e - q), &cp);
        if (!conn && !rpi_is_upper(cp))
          ok = false;
        if (rpi_lex_is_journal_word(q, (size_t)(e - q)) || memchr(q, '.', (size_t)(e - q)))
          ok = false;
        words++;
        q = e;
      }
      if (ok && words >= 1 && words <= 3) {
        v.len = (size_t)(lc - v.p);
        v.p[v.len] = '\0';
      }
    }
  }
  /* "IEEE Data Engineering Bulletin, September" */
  {
    char *lc = v.p ? strrchr(v.p, ',') : NULL;
    if (lc && lc[1] == ' ' && rpi_lex_month(lc + 2, strlen(lc + 2)) && lc > v.p + 3) {
      v.len = (size_t)(lc - v.p);
      v.p[v.len] = '\0';
    }
  }
  /* "Lancet Neurol. 2008" : the year is not part of the journal */
  if (v.len > 6 && ascii_digit(v.p[v.len - 1]) && ascii_digit(v.p[v.len - 4]) && v.p[v.len - 5] == ' ' &&
      (v.p[v.len - 4] == '1' || v.p[v.len - 4] == '2') &&
      (v.p[v.len - 6] == '.' || v.p[v.len - 6] == ',')) {
    size_t yo = b;
    while (yo > a && !ascii_digit(s->w[yo - 1]))
      yo--;
    if (!s->r->field[RP_FIELD_YEAR] && yo >= a + 4)
      set_year(s, yo - 4, yo);
    v.len -= 6;
    v.p[v.len] = '\0';
  }
  if (v.len && s->series && !(v.len >= 2 && v.p[v.len - 1] == s->series && !ascii_alpha(v.p[v.len - 2]))) {
    if (b < s->n && s->w[b] == '.')
      rpi_buf_putc(&v, '.');
    rpi_buf_putc(&v, ' ');
    rpi_buf_putc(&v, s->series);
  }
  if (v.len)
    set_text(s, RP_FIELD_CONTAINER_TITLE, v.p, v.len, a, b);
  rpi_buf_free(&raw);
  rpi_buf_free(&v);
}

/* "Ph.D. Thesis", "Masters Thesis", "Tech Report": the degree or kind
 * printed before a genre word at g belongs to it. Returns where the genre
 * starts, at most two words before g and not before a. */
static size_t degree_before(const st *s, size_t a, size_t g) {
  static const char *const deg[] = {"Ph.D.", "Ph. D.", "PhD", "Masters", "Master's", "Master", "Doctoral",
                                    "MSc", "M.Sc.", "MA", "BSc", "Bachelor's", "Bachelors", "Honours",
                                    "Honors", "Tech", "Technical", "Unpublished", "unpublished", NULL};
  for (int guard = 0; guard < 2 && g > a; guard++) {
    size_t pe = g;
    while (pe > a && s->w[pe - 1] == ' ')
      pe--;
    size_t moved = g;
    for (size_t k = 0; deg[k]; k++) {
      size_t l = strlen(deg[k]);
      if (pe >= a + l && at_lit(s, pe - l, deg[k], l) &&
          (pe - l == a || s->w[pe - l - 1] == ' ' || s->w[pe - l - 1] == ',' || s->w[pe - l - 1] == '(')) {
        moved = pe - l;
        break;
      }
    }
    if (moved == g)
      break;
    g = moved;
  }
  return g;
}

/* Finding the first of many literals in a span: a filter (parse.h) holds
 * a bit for a hash of each literal's first four bytes, so a position whose
 * four bytes hash to a clear bit starts none of them (a necessary condition
 * only). Every literal must have four bytes or more. The filters of the
 * fixed lists below are made once, in rp_parser_new (lit_filters_init). */
typedef rpi_lit_filter lit_filter;

static inline unsigned lit_hash(const char *w) {
  uint32_t v;
  memcpy(&v, w, 4);
  return (unsigned)((v * 0x9E3779B1u) >> 20); /* 12 bits */
}

/* Add the literals of l (NULL-terminated) to f. */
static void lit_filter_add(lit_filter *f, const lit_t *l) {
  for (; l->s; l++) {
    unsigned h = lit_hash(l->s);
    f->m[h >> 6] |= (uint64_t)1 << (h & 63);
  }
}

static void lit_filter_init(lit_filter *f, const lit_t *l) {
  memset(f, 0, sizeof *f);
  lit_filter_add(f, l);
}

/* May a literal of the filter start at w (four bytes readable)? */
static inline bool lit_filter_may(const lit_filter *f, const char *w) {
  unsigned h = lit_hash(w);
  return (f->m[h >> 6] >> (h & 63)) & 1u;
}

/* The first q in [from, to) where a literal of l starts and ends by b, or
 * UNSET. */
static size_t first_lit(const st *s, const lit_filter *f, const lit_t *l, size_t from, size_t to, size_t b) {
  if (b > s->n)
    b = s->n;
  if (b < 4)
    return UNSET;
  if (to > b - 3)
    to = b - 3; /* q + 4 <= b */
  for (size_t q = from; q < to; q++) {
    if (!lit_filter_may(f, s->w + q))
      continue;
    for (const lit_t *k = l; k->s; k++)
      if (k->s[0] == s->w[q] && k->n <= b - q && memcmp(s->w + q, k->s, k->n) == 0)
        return q;
  }
  return UNSET;
}

/* The literal genre notes genre_cut() looks for. */
static const lit_t genre_lits[] = {
    LIT("Preprint"), LIT("preprint"), LIT("Unpublished"), LIT("unpublished"),
    LIT("Manuscript"), LIT("manuscript"), LIT("working paper"), LIT("Working paper"),
    LIT("in press"), LIT("In press"), LIT("to appear"), LIT("To appear"), LIT("submitted"),
    LIT("Submitted"), LIT("Press release"), LIT("press release"), LIT("Paper presented"),
    LIT("Poster presented"), LIT("Poster session"), LIT("Presented at"), LIT("presented at"),
    LIT("trad. it."), LIT("Trad. it."), LIT("(with discussion)"), LIT("(abstract)"),
    LIT("(Abstract)"), LIT("translated by"), LIT("Translated by"), LIT("trans. by"),
    LIT("Trans. by"), LIT("traduit par"), LIT("traduzione di"), LIT("übers. v."),
    LIT("Übers. v."), LIT(", ed. "), LIT(", eds. "), LIT(", éd. "), LIT(", éds "),
    LIT(", edited by "), {NULL, 0}};

/* A genre note after the title: ", PhD thesis, ...", "(Unpublished doctoral
 * dissertation)", ", Technical Report TR-9", ". Preprint": where it starts,
 * or b. Only after a comma, a period or an opening bracket. */
static size_t genre_cut(st *s, size_t a, size_t b) {
  size_t best = b;
  rpi_match m;
  int pats[] = {P_THESIS, P_REPORT};
  for (int k = 0; k < 2; k++)
    if (find(s, pats[k], a, &m) && m.start < best)
      best = m.start;
  /* the first literal starting before best (one pass, not one per literal) */
  size_t hit = first_lit(s, &s->p->lits[LF_GENRE], genre_lits, a + 1, best, b);
  if (hit != UNSET)
    best = hit;
  if (best < b)
    best = degree_before(s, a, best);
  if (best >= b || best < a + 8)
    return b;
  if (s->w[best] == ',')
    return best; /* ", ed. Peter Laslett" */
  size_t k = best;
  while (k > a && s->w[k - 1] == ' ')
    k--;
  if (k > a && (s->w[k - 1] == '(' || s->w[k - 1] == '['))
    return k - 1; /* "Title [Doctoral dissertation, ...]" */
  k = best;
  while (k > a && s->w[k - 1] == ' ')
    k--;
  /* "(Unpublished doctoral dissertation)" / ", PhD thesis" / ". Preprint" */
  size_t t = best;
  if (k < best && (s->w[k] == '(' || s->w[k] == '['))
    return k;
  if (k > a && (s->w[k - 1] == ',' || s->w[k - 1] == '.'))
    return k - 1;
  /* "... (Unpublished doctoral dissertation)": the bracket before the words */
  for (size_t q = t; q > a && q + 40 > t; q--)
    if (s->w[q - 1] == '(')
      return q - 1;
  return b;
}

/* "Title [Motion picture]", "Title [Computer software]": the medium, not
 * part of the title. Returns the new end; the medium is remembered. */
static size_t medium_cut(st *s, size_t a, size_t b) {
  size_t e = b;
  while (e > a && (s->w[e - 1] == ' ' || s->w[e - 1] == '.'))
    e--;
  if (e <= a || s->w[e - 1] != ']')
    return b;
  size_t o = e - 1;
  while (o > a && s->w[o] != '[')
    o--;
  if (s->w[o] != '[' || o == a)
    return b;
  static const struct {
    const char *w;
    int type;
  } media[] = {{"Motion picture", RP_TYPE_MOTION_PICTURE}, {"DVD", RP_TYPE_MOTION_PICTURE},
               {"Film", RP_TYPE_MOTION_PICTURE}, {"Video", RP_TYPE_MOTION_PICTURE},
               {"Video file", RP_TYPE_MOTION_PICTURE}, {"Videorecording", RP_TYPE_MOTION_PICTURE},
               {"Computer software", RP_TYPE_SOFTWARE}, {"Computer program", RP_TYPE_SOFTWARE},
               {"Software", RP_TYPE_SOFTWARE}, {"Source code", RP_TYPE_SOFTWARE},
               {"Data set", RP_TYPE_DATASET},
               {"Dataset", RP_TYPE_DATASET}, {"Data file", RP_TYPE_DATASET},
               {"Blog post", RP_TYPE_WEBPAGE}, {"Web log post", RP_TYPE_WEBPAGE},
               {"Podcast", -1}, {"Audio podcast", -1}, {"Television series", -1},
               {"Television broadcast", -1}, {"Lecture notes", -1}, {"Brochure", -1},
               {"Abstract", -1}, {"Editorial", -1}, {"Letter to the editor", -1}, {"Review", -1},
               {"Press release", -1}, {"Fact sheet", -1}, {"PowerPoint slides", -1},
               {"Poster", -1}, {"Internet", -1}, {"Online", -1}, {"online", -1}, {NULL, 0}};
  size_t ia = o + 1, ib = e - 1;
  for (size_t k = 0; media[k].w; k++) {
    size_t l = strlen(media[k].w);
    if (ib - ia >= l && !strncasecmp(s->w + ia, media[k].w, l) &&
        (ib - ia == l || s->w[ia + l] == ',' || s->w[ia + l] == ' ')) {
      if (media[k].type >= 0)
        s->medium = media[k].type + 1;
      return o;
    }
  }
  return b;
}

/* The kinds of comma-separated segment an imprint is made of. */
enum { SEG_OTHER, SEG_YEAR, SEG_REGION, SEG_PLACE, SEG_CITY, SEG_PUB };
static int imprint_seg(const st *s, size_t a, size_t b);

/* The translator markers find_translators() looks for. */
static const lit_t transl_lits[] = {
    LIT("Translated by "), LIT("translated by "), LIT("Trans. by "), LIT("trans. by "),
    LIT("Trans. "), LIT("trans. "), LIT("Transl. "), LIT("transl. "), LIT("Traducción de "),
    LIT("Tradução de "), LIT("Traduit par "), LIT("traduit par "), LIT("Traduzione di "),
    LIT("traduzione di "), LIT("trad. it. di "), LIT("Trad. it. di "), LIT("\xc3\x9c" "bers. von "),
    LIT("\xc3\xbc" "bers. von "), LIT("\xc3\x9c" "bers. v. "), LIT("\xc3\xbc" "bers. v. "),
    LIT("\xc3\x9c" "bersetzt von "), LIT("\xc3\xbc" "bersetzt von "), LIT("P\xc5\x99" "elo\xc5\xbe" "il "),
    LIT("P\xc5\x99" "elo\xc5\xbe" "ila "), {NULL, 0}};
/* the filter: the markers, and the starts of "trad. de ", "traduit de/du " (below) */
static const lit_t transl_starts[] = {LIT("trad. de "), LIT("traduit d"), {NULL, 0}};

/* The filters of the fixed literal lists, made once per parser. */
static void lit_filters_init(rp_parser *p) {
  lit_filter_init(&p->lits[LF_GENRE], genre_lits);
  lit_filter_init(&p->lits[LF_TRANSL], transl_lits);
  lit_filter_add(&p->lits[LF_TRANSL], transl_starts);
}

/* Translators named anywhere after the title: "Translated by Edward G.
 * Seidensticker", "Trans. Oliver Ready", "trad. de l'anglais par Yvonne
 * Davet", "trad. it. di Maria Antonietta Saracino", "Übers. von Justus
 * Streller", "Přeložil Ivan Seidl", "Traducción de Basilio Losada",
 * "Edited and translated by James Strachey". Marker phrases typed from
 * the English, French, Italian, German, Czech, Spanish and Portuguese
 * conventions. */
static void find_translators(st *s, size_t from) {
  if (s->r->n_names[RP_ROLE_TRANSLATOR])
    return;
  const lit_t *mk = transl_lits;
  const lit_filter *f = &s->p->lits[LF_TRANSL];
  for (size_t q = from; q + 6 < s->n; q++) {
    /* every marker starts with 'T', 't', 'P' or 0xC3 ("Ü", "ü") and has
     * 'r' or a non-ASCII byte second ("Tr", "tr", "Ü", "ü", "Př"): skip
     * eight positions where no such pair starts, else go to the first */
#if defined(__SSE2__) && defined(__GNUC__)
    if (q + 17 <= s->n) { /* the same test as below, sixteen positions at a time */
      __m128i v0 = load16(s->w + q), v1 = load16(s->w + q + 1);
      unsigned m = mask16(_mm_or_si128(_mm_or_si128(eq16(_mm_or_si128(v0, _mm_set1_epi8(0x20)), 't'), eq16(v0, 'P')),
                                       eq16(v0, 0xC3))) &
                   (mask16(eq16(v1, 'r')) | mask16(v1));
      if (!m) {
        q += 15;
        continue;
      }
      q += (unsigned)__builtin_ctz(m);
      if (q + 6 >= s->n)
        break;
    } else
#endif
    if (q + 9 <= s->n) {
      uint64_t v0 = load8(s->w + q), v1 = load8(s->w + q + 1);
      uint64_t m = (byte_eq(v0 | 0x2020202020202020u, 't') | byte_eq(v0, 'P') | byte_eq(v0, 0xC3)) &
                   (byte_eq(v1, 'r') | (v1 & BYTES_80));
      if (!m) {
        q += 7;
        continue;
      }
      q += first_byte(m);
      if (q + 6 >= s->n)
        break;
    }
    /* no marker starts where the first four bytes hash to a clear bit */
    if (!lit_filter_may(f, s->w + q))
      continue;
    unsigned char c = (unsigned char)s->w[q];
    if (c != 'T' && c != 't' && c != 0xC3 && c != 'P')
      continue;
    if (q > 0 && ascii_alpha(s->w[q - 1]))
      continue;
    size_t na = UNSET;
    for (size_t k = 0; mk[k].s && na == UNSET; k++)
      if ((unsigned char)mk[k].s[0] == c && at_lit(s, q, mk[k].s, mk[k].n))
        na = q + mk[k].n;
    /* "trad. de l'anglais par ", "traduit de l'italien par " */
    if (na == UNSET && (at_lit(s, q, "trad. de ", 9) || at_lit(s, q, "traduit de ", 11) ||
                        at_lit(s, q, "traduit du ", 11))) {
      for (size_t z = q + 9; z + 5 < s->n && z < q + 40; z++)
        if (at_lit(s, z, " par ", 5)) {
          na = z + 5;
          break;
        }
    }
    if (na == UNSET)
      continue;
    /* the names end before ", Paris, Ivrea": an imprint after a comma */
    size_t lim = s->n;
    for (size_t z = na; z < s->n && lim == s->n; z++)
      if (s->w[z] == ',') {
        size_t ze = z + 1;
        while (ze < s->n && s->w[ze] != ',' && s->w[ze] != '.')
          ze++;
        if (imprint_seg(s, z + 1, ze) != SEG_OTHER)
          lim = z;
      }
    rpi_namelist el;
    if (rpi_names_parse_any(s->w, skip_sp(s, na), lim, &el)) {
      /* not a publisher or a place read as a name */
      if (el.n == 1 && rpi_lex_is_org_word(s->w + el.v[0].fam_a, el.v[0].fam_b - el.v[0].fam_a))
        continue;
      commit_names(s, &el, RP_ROLE_TRANSLATOR);
      return;
    }
  }
}

/* A translator note after the title: ", trans. Gary Kern", ". Trans.
 * Stephen Heath.", "(J.-M. Klinkenberg, Trans.)", ". (Trans.) W. H.
 * Woglom": where it starts, or b. The translators' names are kept. */
static size_t translator_cut(st *s, size_t a, size_t b) {
  static const lit_t after[] = {
      LIT(", trans. by "), LIT(", trans. "), LIT(", transl. "), LIT(", tr. "), LIT(". Trans. by "),
      LIT(". Trans. "), LIT(". Transl. "), LIT(". Translated by "), LIT(". (Trans.) "),
      LIT(", translated by "), LIT(", trad. "), LIT(", traduit "), LIT(", traduzione di "),
      LIT(", \xc3\xbc" "bers. "), LIT(", \xc3\xbc" "bersetzt "), {NULL, 0}};
  /* only the positions holding '(', ',' or '.': nothing below starts elsewhere */
  for (size_t q = next_of3(s->w, a + 3, b, '(', ',', '.'); q < b; q = next_of3(s->w, q + 1, b, '(', ',', '.')) {
    unsigned d = (unsigned char)s->w[q] - (unsigned)'(';
    if (d > 6 || !((0x51u >> d) & 1u))
      continue; /* neither '(' (bit 0), ',' (bit 4) nor '.' (bit 6): nothing below */
    if ((s->w[q] == ',' || s->w[q] == '.') && q + 2 < s->n && s->w[q + 1] == ' ') {
      for (size_t k = 0; after[k].s; k++) {
        if (after[k].s[0] != s->w[q] || after[k].s[2] != s->w[q + 2])
          continue;
        size_t l = after[k].n;
        if (!at_lit(s, q, after[k].s, l))
          continue;
        rpi_namelist el;
        if (!s->r->n_names[RP_ROLE_TRANSLATOR] && rpi_names_parse_any(s->w, q + l, s->n, &el))
          commit_names(s, &el, RP_ROLE_TRANSLATOR);
        return q;
      }
    }
    if (s->w[q] == '(' && q > a + 3) {
      /* the bracket may close beyond b: "(A. Sheridan, Trans.)." */
      size_t c = q + 1;
      while (c < s->n && s->w[c] != ')' && c - q < 80)
        c++;
      if (c >= s->n || s->w[c] != ')')
        continue;
      for (size_t z = q + 1; z + 6 <= c; z++)
        if (at_lit(s, z, "Trans.", 6) || at_lit(s, z, "Transl.", 7) || at_lit(s, z, "trans.)", 7)) {
          size_t ne = z;
          while (ne > q + 1 && (s->w[ne - 1] == ' ' || s->w[ne - 1] == ','))
            ne--;
          rpi_namelist el;
          if (ne > q + 2 && !s->r->n_names[RP_ROLE_TRANSLATOR] && rpi_names_parse_any(s->w, q + 1, ne, &el))
            commit_names(s, &el, RP_ROLE_TRANSLATOR);
          return q;
        }
    }
  }
  return b;
}

/* "CardioSeg: Cardiac MRI segmentation toolkit (Version 1.0.2)", "(R
 * package version 1.1.2)", "(Revision C.01)", "(v2.0.3)": a software or
 * data version in brackets after the title. Returns where the bracket
 * opens, or b; the version is kept. */
static size_t version_cut(st *s, size_t a, size_t b) {
  for (size_t q = a + 2; q < b; q++) {
    const char *o = memchr(s->w + q, '(', b - q); /* the next '(' */
    if (!o)
      break;
    q = (size_t)(o - s->w);
    size_t k = q + 1, c = q + 1;
    while (c < s->n && s->w[c] != ')' && c - q < 40)
      c++;
    if (c >= s->n || s->w[c] != ')')
      continue;
    static const char *const vw[] = {"Version ", "version ", "Vers. ", "Release ", "release ", "Revision ",
                                      "revision ", "Rev. ", "R package version ", "Python package version ",
                                      NULL};
    size_t va = UNSET;
    for (size_t m = 0; vw[m] && va == UNSET; m++)
      if (at_lit(s, k, vw[m], strlen(vw[m])))
        va = skip_sp(s, k + strlen(vw[m]));
    if (va == UNSET && (s->w[k] == 'v' || s->w[k] == 'V') && k + 1 < c && ascii_digit(s->w[k + 1]))
      va = k + 1;
    if (va == UNSET || va >= c)
      continue;
    /* the version is one token with a digit: "1.0.2", "C.01", "2.0.3" */
    size_t ve = va;
    bool digit = false;
    while (ve < c && s->w[ve] != ' ' && s->w[ve] != ';' && s->w[ve] != ',')
      digit |= ascii_digit(s->w[ve++]);
    if (!digit)
      continue;
    if (!s->r->field[RP_FIELD_VERSION])
      set_field(s, RP_FIELD_VERSION, va, ve);
    return q;
  }
  return b;
}

/* GB/T 7714 (the Chinese national standard for references) marks the kind
 * of document after the title: "研究[J]", "乡土中国[M]", "[D]" thesis, "[C]"
 * proceedings, "[R]" report, "[P]" patent, "[EB/OL]" online. Returns where
 * the mark opens, or b; the kind is remembered. The mark may close just
 * beyond b. */
static size_t gbt_cut(st *s, size_t a, size_t b) {
  size_t o = b;
  while (o > a && b - o < 8 && s->w[o - 1] != '[')
    o--;
  if (o <= a + 1 || s->w[o - 1] != '[')
    return b;
  size_t c = o;
  while (c < s->n && c - o < 6 && s->w[c] != ']')
    c++;
  if (c >= s->n || s->w[c] != ']')
    return b;
  static const struct {
    const char *code;
    int type;
  } kinds[] = {{"J", RP_TYPE_ARTICLE_JOURNAL}, {"M", RP_TYPE_BOOK}, {"D", RP_TYPE_THESIS},
               {"C", RP_TYPE_PAPER_CONFERENCE}, {"R", RP_TYPE_REPORT}, {"P", RP_TYPE_PATENT},
               {"EB/OL", RP_TYPE_WEBPAGE}, {"J/OL", RP_TYPE_ARTICLE_JOURNAL}, {"M/OL", RP_TYPE_BOOK},
               {"N", -1}, {"S", -1}, {"G", -1}, {"Z", -1}, {"A", -1}, {"DB", RP_TYPE_DATASET},
               {"DB/OL", RP_TYPE_DATASET}, {"CP", RP_TYPE_SOFTWARE}, {NULL, 0}};
  for (size_t k = 0; kinds[k].code; k++) {
    size_t l = strlen(kinds[k].code);
    if (c - o == l && memcmp(s->w + o, kinds[k].code, l) == 0) {
      if (kinds[k].type >= 0 && !s->medium)
        s->medium = kinds[k].type + 1;
      return o - 1;
    }
  }
  return b;
}

static void set_title(st *s, size_t a, size_t b) {
  if (b > a)
    b = translator_cut(s, a, b);
  if (b > a)
    b = genre_cut(s, a, b);
  if (b > a)
    b = medium_cut(s, a, b);
  if (b > a)
    b = gbt_cut(s, a, b);
  if (b > a)
    b = version_cut(s, a, b);
  trim_open(s, a, &b, false);
  strip_quotes(s, &a, &b);
  /* keep a final "?" or "!" */
  if (b < s->n && (s->w[b] == '?' || s->w[b] == '!'))
    b++;
  if (b > a)
    set_field(s, RP_FIELD_TITLE, a, b);
}

static size_t count_words(const st *s, size_t a, size_t b) {
  size_t n = 0;
  bool in = false;
  size_t i = a;
#if defined(__SSE2__) && defined(__GNUC__)
  for (; i + 16 <= b; i += 16) { /* sixteen at a time: a run starts at a non-space after a space */
    unsigned ns = ~mask16(eq16(load16(s->w + i), ' ')) & 0xFFFFu;
    n += (size_t)__builtin_popcount(ns & ~((ns << 1) | (unsigned)in));
    in = (ns >> 15) & 1u;
  }
#endif
  /* eight bytes at a time: the runs of non-spaces are the non-spaces less
   * the pairs of adjacent ones (less one when a run goes on from before) */
  for (; i + 8 <= b; i += 8) {
    uint64_t ns8 = ~space_bytes(load8(s->w + i)) & BYTES_80;
    n += count_80(ns8) - count_80(ns8 & (ns8 << 8)) - (in && s->w[i] != ' ');
    in = s->w[i + 7] != ' ';
  }
  for (; i < b; i++) {
    bool sp = s->w[i] == ' ';
    if (!sp && !in)
      n++;
    in = !sp;
  }
  return n;
}

/* "sentence case title, Title Case Journal": every word of the tail is
 * capitalized (connectors aside) and the title has lower-case words. */
static bool titlecase_tail(const st *s, size_t ta, size_t tb, size_t a, size_t b) {
  size_t lower_title = 0, words = 0;
  for (size_t i = ta; i < tb;) {
    while (i < tb && s->w[i] == ' ')
      i++;
    size_t j = i;
    while (j < tb && s->w[j] != ' ')
      j++;
    if (j > i) {
      words++;
      if (s->w[i] >= 'a' && s->w[i] <= 'z' && j - i > 3)
        lower_title++;
    }
    i = j;
  }
  if (lower_title < 2 || words < 4)
    return false;
  size_t tw = 0;
  for (size_t i = a; i < b;) {
    while (i < b && s->w[i] == ' ')
      i++;
    size_t j = i;
    while (j < b && s->w[j] != ' ')
      j++;
    if (j > i) {
      unsigned cp;
      rpi_utf8_decode((const unsigned char *)s->w + i, j - i, &cp);
      bool conn = j - i <= 4 && rpi_is_lower(cp);
      if (!conn && !rpi_is_upper(cp))
        return false;
      if (!conn)
        tw++;
    }
    i = j;
  }
  return tw >= 1 && tw <= 8;
}

/* Split [a, b) into title and container (journal-like references). */
static size_t first_stop(const st *s, size_t a, size_t b);

static void split_title_container(st *s, size_t a, size_t b) {
  trim(s->w, &a, &b);
  if (b <= a)
    return;
  /* "V. Aynutdinov et al. Astropart. Phys. 25 (2006) 140": no title, the
   * whole region is an abbreviated journal */
  if (s->r->n_names[RP_ROLE_AUTHOR] > 0 && count_words(s, a, b) <= 8 && abbrev_run(s, a, b)) {
    bool dotted = false, lower = false;
    for (size_t q = a; q < b; q++) {
      dotted |= s->w[q] == '.';
      lower |= s->w[q] == ' ' && q + 1 < b && s->w[q + 1] >= 'a' && s->w[q + 1] <= 'z' &&
               !(q + 3 < b && (at_lit(s, q + 1, "of ", 3) || at_lit(s, q + 1, "and", 3) ||
                               at_lit(s, q + 1, "the", 3)));
    }
    if (dotted && !lower) {
      set_container(s, a, b, UNSET);
      return;
    }
  }
  size_t qa, qb, after;
  /* Italian "Title, «Giornale Italiano di Cardiologia», 5, 6": a quoted
   * journal after an unquoted title */
  for (size_t q = a + 8; q + 3 < b; q++) {
    const char *cm = memchr(s->w + q, ',', b - 3 - q); /* the next comma */
    if (!cm)
      break;
    q = (size_t)(cm - s->w);
    size_t k = skip_sp(s, q + 1);
    if (k < b && (s->w[k] == '"' || at_lit(s, k, "\xc2\xab", 2) || at_lit(s, k, "\xe2\x80\x9c", 3)) &&
        quoted(s, k, b, &qa, &qb, &after) && count_words(s, a, q) >= 2 &&
        !quoted(s, a, q, &qa, &qb, &after) && quoted(s, k, b, &qa, &qb, &after)) {
      /* only the locator may follow the quoted journal */
      bool words = false;
      for (size_t z = after; z + 3 < b && !words; z++)
        words = (z == after || s->w[z - 1] == ' ') && ascii_alpha(s->w[z]) && ascii_alpha(s->w[z + 1]) &&
                ascii_alpha(s->w[z + 2]) && ascii_alpha(s->w[z + 3]) && roman_end(s, z, b) == UNSET &&
                !at_lit(s, z, "coll.", 5); /* "LXXIX, coll. 233-260": columns */
      if (words || count_words(s, a, q) < 3)
        break;
      set_title(s, a, q);
      set_container(s, qa, qb, UNSET);
      return;
    }
  }
  if (quoted(s, a, b, &qa, &qb, &after)) {
    set_title(s, qa, qb);
    size_t ca = after, cb = b;
    trim(s->w, &ca, &cb);
    if (cb > ca + 2 && (at_lit(s, ca, "In:", 3) || at_lit(s, ca, "in ", 3) ||
                        at_lit(s, ca, "In ", 3)))
      ca += 3;
    set_container(s, ca, cb, UNSET);
    return;
  }
  /* "Bagging predictors 1996 Machine Learning 24 123--140": no sentence
   * ends; a bare year between the title and the journal */
  size_t fs = first_stop(s, a, b);
  if (fs == b) {
    for (size_t q = a + 3; q + 6 < b; q++) {
      if (s->w[q - 1] != ' ' || s->w[q + 4] != ' ' || !(at_lit(s, q, "19", 2) || at_lit(s, q, "20", 2)) ||
          !ascii_digit(s->w[q + 2]) || !ascii_digit(s->w[q + 3]))
        continue;
      size_t ca = skip_sp(s, q + 4);
      if (at_lit(s, ca, "In ", 3))
        ca = skip_sp(s, ca + 3);
      unsigned f;
      rpi_utf8_decode((const unsigned char *)s->w + ca, b - ca, &f);
      if (!rpi_is_upper(f) || count_words(s, a, q) < 2 || memchr(s->w + ca, ',', b - ca))
        break;
      set_title(s, a, q);
      set_container(s, ca, b, UNSET);
      if (!s->r->field[RP_FIELD_YEAR])
        set_year(s, q, q + 4);
      return;
    }
  }
  /* rightmost real sentence end (none before fs: w is as first_stop saw it) */
  size_t cut = UNSET, prev = UNSET;
  for (size_t p = b; p-- > fs;) {
#if defined(__SSE2__) && defined(__GNUC__)
    if (p >= a + 15) { /* as below, sixteen bytes at a time */
      unsigned m = any3_16(s->w + p - 15, '.', '?', '!');
      if (!m) {
        p -= 15; /* no stop in [p - 15, p] */
        continue;
      }
      p = p - 15 + (unsigned)(31 - __builtin_clz(m)); /* the last stop in [p - 15, p] */
      if (p < fs)
        break; /* the loop ends at fs */
    } else
#endif
    if (p >= a + 7) {
      uint64_t m = stops8(s->w + p - 7);
      if (!m) {
        p -= 7; /* no stop in [p - 7, p] */
        continue;
      }
      p = p - 7 + last_byte(m); /* the last stop in [p - 7, p] */
      if (p < fs)
        break; /* the loop ends at fs */
    }
    if (real_stop(s, a, b, p)) {
      if (cut == UNSET) {
        cut = p;
      } else {
        prev = p;
        break;
      }
    }
  }
  /* "... in Puget Sound streams: Journal of the American Water Resources
   * Association" / "...; Journal of Social Inclusion": a colon or semicolon
   * right before a journal word */
  for (size_t p = b; cut == UNSET && p-- > a + 8;) {
    if ((s->w[p] != ':' && s->w[p] != ';') || p + 2 >= b || s->w[p + 1] != ' ')
      continue;
    size_t r0 = skip_sp(s, p + 1), r1 = r0;
    while (r1 < b && s->w[r1] != ' ' && s->w[r1] != '.' && s->w[r1] != ',')
      r1++;
    /* "...: ASCE Journal of Environmental Engineering", "...: Geological
     * Society of America Bulletin": a journal word among the first words of a
     * capitalised segment */
    bool jw = rpi_lex_is_journal_word(s->w + r0, r1 - r0);
    if (!jw && rpi_is_upper((unsigned char)s->w[r0]) && count_words(s, r0, b) <= 8) {
      bool caps = true;
      for (size_t q = r0; q < b && !jw; ) {
        while (q < b && s->w[q] == ' ')
          q++;
        size_t e = q;
        while (e < b && s->w[e] != ' ' && s->w[e] != ',' && s->w[e] != '.')
          e++;
        if (e > q && s->w[q] >= 'a' && s->w[q] <= 'z' && e - q > 3)
          caps = false;
        if (e > q && caps && rpi_lex_is_journal_word(s->w + q, e - q))
          jw = true;
        q = e < b ? e + 1 : b;
      }
      jw = jw && caps;
    }
    if (jw && rpi_is_upper((unsigned char)s->w[r0])) {
      set_title(s, a, p);
      set_container(s, r0, b, UNSET);
      return;
    }
    break;
  }
  /* "Title, Phys. Rev. Lett": a comma before a journal-like tail */
  {
    size_t seg = cut == UNSET ? a : cut + 1;
    size_t comma = UNSET;
    for (size_t q = seg; q < b; q++)
      if (s->w[q] == ',') {
        size_t r0 = skip_sp(s, q + 1), r1 = r0;
        while (r1 < b && s->w[r1] != ' ' && s->w[r1] != '.' && s->w[r1] != ',')
          r1++;
        if (rpi_lex_is_journal_word(s->w + r0, r1 - r0) || (r1 - r0 == 4 && at_lit(s, r0, "IEEE", 4)) ||
            (r1 - r0 == 14 && at_lit(s, r0, "Communications", 14)) ||
            (r1 - r0 == 12 && at_lit(s, r0, "Transactions", 12)) ||
            (r1 - r0 == 3 && at_lit(s, r0, "ACM", 3))) {
          comma = q;
          break;
        }
      }
    if (comma == UNSET)
      for (size_t q = b; q-- > seg;)
        if (s->w[q] == ',') {
          comma = q;
          break;
        }
    if (comma != UNSET && comma > seg + 8) {
      size_t ra = skip_sp(s, comma + 1);
      unsigned f0 = 0;
      if (ra < b)
        rpi_utf8_decode((const unsigned char *)s->w + ra, b - ra, &f0);
      size_t fw = ra;
      while (fw < b && s->w[fw] != ' ' && s->w[fw] != '.' && s->w[fw] != ',')
        fw++;
      bool jword = rpi_lex_is_journal_word(s->w + ra, fw - ra) ||
                   (fw - ra == 14 && at_lit(s, ra, "Communications", 14)) ||
                   (fw - ra == 12 && at_lit(s, ra, "Transactions", 12)) ||
                   (fw - ra == 4 && at_lit(s, ra, "IEEE", 4)) ||
                   (fw - ra == 3 && at_lit(s, ra, "ACM", 3));
      /* one sentence "Title, Journal Name" before a volume: with no other
       * place for the journal, the last comma opens it */
      bool located = cut == UNSET && (s->r->field[RP_FIELD_VOLUME] != NULL || s->r->field[RP_FIELD_ISSUE] != NULL) &&
                     count_words(s, ra, b) <= 8 && count_words(s, seg, comma) >= 3 &&
                     !rpi_lex_month(s->w + ra, fw - ra);
      for (size_t q = ra; q < b && located; q++)
        if (ascii_digit(s->w[q]) || s->w[q] == ':' || s->w[q] == '(' || s->w[q] == ')' || s->w[q] == ';')
          located = false;
      bool journalish = rpi_is_upper(f0) && count_words(s, ra, b) <= (jword ? 24 : 12) &&
                        (jword || located || abbrev_run(s, ra, b) || titlecase_tail(s, seg, comma, ra, b));
      if (jword)
        cut = UNSET;
      /* and the text before the comma is not itself the journal */
      bool dotted = false;
      for (size_t q = ra; q < b; q++)
        dotted |= s->w[q] == '.';
      if (journalish && (cut == UNSET || (dotted && count_words(s, seg, comma) >= 4))) {
        set_title(s, a, comma);
        set_container(s, ra, b, UNSET);
        return;
      }
    }
  }
  if (cut == UNSET) {
    /* one segment: a short capitalized one is a journal, else a title */
    size_t nw = count_words(s, a, b);
    unsigned first;
    rpi_utf8_decode((const unsigned char *)s->w + a, b - a, &first);
    if (nw <= 5 && rpi_is_upper(first) && s->r->n_names[RP_ROLE_AUTHOR] > 0 &&
        s->r->field[RP_FIELD_TITLE] == NULL)
      set_container(s, a, b, UNSET);
    else
      set_title(s, a, b);
    return;
  }
  size_t ca = cut + 1, ca_orig = cut + 1;
  size_t join = UNSET;
  /* "Stem cells. Transl Med": a short fragment before an inner word */
  size_t k = skip_sp(s, ca);
  size_t we = k;
  while (we < b && s->w[we] != ' ' && s->w[we] != '.')
    we++;
  if (rpi_lex_is_inner_abbrev(s->w + k, we - k)) {
    size_t fa = prev == UNSET ? a : prev + 1;
    size_t nw = count_words(s, fa, cut);
    unsigned f0;
    size_t fk = skip_sp(s, fa);
    rpi_utf8_decode((const unsigned char *)s->w + fk, cut - fk, &f0);
    if (prev != UNSET && nw >= 1 && nw <= 3 && rpi_is_upper(f0)) {
      join = fk;
      cut = prev;
    }
  }
  if (join != UNSET) {
    set_title(s, a, cut);
    set_container(s, skip_sp(s, ca_orig), b, join);
    return;
  }
  set_title(s, a, cut);
  set_container(s, ca, b, UNSET);
}

/* Publisher and place in [a, b): "City: Publisher, 2001", "Publisher,
 * City", "City, ST: Publisher". */
static bool place_words(const st *s, size_t a, size_t b);
static bool has_publisher_word(const st *s, size_t a, size_t b);

static bool place_year_tail(const st *s, size_t q, size_t b);

static bool all_digits(const st *s, size_t a, size_t b);
static bool is_cjk(unsigned cp);

/* A place in Chinese or Japanese script: "北京", "東京" (one run of CJK
 * characters, at most 8). */
static bool cjk_run(const st *s, size_t a, size_t b) {
  size_t chars = 0;
  for (size_t q = a; q < b;) {
    unsigned cp;
    size_t l = rpi_utf8_decode((const unsigned char *)s->w + q, b - q, &cp);
    if (!l || !is_cjk(cp))
      return false;
    q += l;
    chars++;
  }
  return chars > 0 && chars <= 8;
}

/* find(P_PUBPLACE) from `from`, with the (costly) search started where a
 * match may first start. A match is "Place[, ST] : Publisher": before its
 * ':' (the first one after its start, as no ':' comes earlier in it) only
 * letters, ".' -", ',' and white space, at most 45 of them ASCII and not
 * white space (a capital, 40 more, ',' and 3 capitals). So a match with
 * the first ':' after from starts after the last other ASCII byte before
 * that ':', and within 45 such characters of it; a later match starts
 * after that ':'. Non-ASCII bytes (letters, Unicode spaces) are walked
 * over uncounted, control bytes taken for white space: both err on the
 * side of starting earlier. No ':', no match. After its ':' comes the
 * publisher ("[^:;()]{2,80}?") and then ',', '.' or the end: with neither
 * ',' nor '.' before the next ':', ';', '(' or ')', and that not the end, no
 * match has this ':' (and a failing search there can cost a million
 * instructions, backtracking over blanked runs of spaces): take the next
 * ':'. Not without JIT: there the interpreter's match limit may stop that
 * search ("limit" warning, rule skipped), and it must stay so. The caller
 * wants only a match starting before lim: when none can, no search.
 * KEEP IN STEP WITH P_PUBPLACE; -DRP_CHECK_GUARDS checks against a plain
 * search. */
static int find_pubplace_fast(st *s, size_t from, size_t lim, rpi_match *m);

static int find_pubplace(st *s, size_t from, size_t lim, rpi_match *m) {
#ifdef RP_CHECK_GUARDS
  rpi_match m2;
  int rc2 = s->err ? 0 : rpi_rx_find(s->p->rx, s->sc, P_PUBPLACE, s->w, s->n, from, false, &m2);
  int rc = find_pubplace_fast(s, from, lim, m);
  if (rc2 >= 0 && !s->err && ((rc2 == 1 && m2.start < lim) != (rc == 1 && m->start < lim) ||
                              (rc == 1 && m->start < lim && (m2.start != m->start || m2.end != m->end))))
    abort(); /* find_pubplace_fast() is out of step with P_PUBPLACE */
  return rc;
#else
  return find_pubplace_fast(s, from, lim, m);
#endif
}

static int find_pubplace_fast(st *s, size_t from, size_t lim, rpi_match *m) {
  const char *c;
  for (;;) {
    c = from < s->n ? memchr(s->w + from, ':', s->n - from) : NULL;
    if (!c)
      return 0;
    if (s->p->flags & RP_OPT_NO_JIT)
      break;
    size_t e = (size_t)(c - s->w) + 1;
    while (e < s->n && s->w[e] != ',' && s->w[e] != '.' && s->w[e] != ':' && s->w[e] != ';' &&
           s->w[e] != '(' && s->w[e] != ')')
      e++;
    if (e >= s->n || s->w[e] == ',' || s->w[e] == '.')
      break;
    from = (size_t)(c - s->w) + 1; /* a match with a later ':' starts after this one */
  }
  size_t p = (size_t)(c - s->w), ascii = 0;
  while (p > from) {
    unsigned char ch = (unsigned char)s->w[p - 1];
    if (ch < 0x80 && ch > ' ' &&
        (!(ascii_alpha((char)ch) || ch == '.' || ch == '\'' || ch == '-' || ch == ',') || ++ascii > 45))
      break;
    p--;
  }
  return p < lim && find(s, P_PUBPLACE, p, m);
}

static void publisher_place(st *s, size_t a, size_t b) {
  trim(s->w, &a, &b);
  /* "(Oxford Univ. Press, Oxford, 1998)"; "[M]. 北京: ..." after a GB/T mark */
  while (a < b && (s->w[a] == '(' || s->w[a] == '[' || s->w[a] == ' ' ||
                   ((s->w[a] == ']' || s->w[a] == '.') && a + 1 < b && (s->w[a + 1] == '.' || s->w[a + 1] == ' '))))
    a++;
  while (b > a && (s->w[b - 1] == ')' || s->w[b - 1] == ']' || is_edge(s->w[b - 1])))
    b--;
  if (b <= a)
    return;
  rpi_match m;
  int gp = grp(s, P_PUBPLACE, "place"), gu = grp(s, P_PUBPLACE, "pub");
  size_t from = a;
  while (find_pubplace(s, from, b, &m) && m.start < b) {
    if (m.g[gu][1] > b) {
      from = m.start + 1;
      break;
    }
    size_t pa = m.g[gp][0], pb = m.g[gp][1];
    /* the place starts after the last sentence end before it */
    for (size_t q = pb; q-- > pa;)
      if ((s->w[q] == '.' && q + 1 < pb && s->w[q + 1] == ' ' && q > pa + 1 && s->w[q - 2] != ' ') ||
          s->w[q] == ',' || s->w[q] == ';') {
        if (s->w[q] == ',' && q + 4 >= pb)
          continue; /* "Hershey, PA" */
        pa = q + 1;
        break;
      }
    trim(s->w, &pa, &pb);
    size_t ua = m.g[gu][0], ub = m.g[gu][1];
    trim(s->w, &ua, &ub);
    /* "North Light Books 2007": the year is not the publisher's */
    if (ub >= ua + 6 && all_digits(s, ub - 4, ub) && s->w[ub - 5] == ' ') {
      ub -= 5;
      trim(s->w, &ua, &ub);
    }
    if (pb > pa && ub > ua && has_publisher_word(s, pa, pb) && !has_publisher_word(s, ua, b) &&
        place_words(s, ua, ub)) {
      /* "MIT Press: Cambridge, MA": the publisher first */
      size_t ue = b;
      trim(s->w, &ua, &ue);
      if (imprint_seg(s, ub + 1, ue) != SEG_REGION)
        ue = ub;
      set_field(s, RP_FIELD_PUBLISHER, pa, pb);
      set_field(s, RP_FIELD_PUBLISHER_PLACE, ua, ue);
      return;
    }
    if (pb > pa && ub > ua && count_words(s, pa, pb) <= 4) {
      set_field(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
      set_field(s, RP_FIELD_PUBLISHER, ua, ub);
      return;
    }
    from = m.end;
  }
  /* "London: Frances Pinter" / "MIT Press: Cambridge, MA": one colon
   * between a place and a publisher, in either order */
  {
    /* a closing ", 2010" is the date, not part of the imprint */
    size_t b0 = b;
    if (b >= a + 6 && all_digits(s, b - 4, b) && (s->w[b - 5] == ' ' || s->w[b - 5] == ',')) {
      b0 = b - 5;
      while (b0 > a && (s->w[b0 - 1] == ' ' || s->w[b0 - 1] == ','))
        b0--;
    }
    const char *colon = memchr(s->w + a, ':', b0 - a);
    size_t c = colon ? (size_t)(colon - s->w) : b0;
    if (c < b0 && !memchr(s->w + c + 1, ':', b0 - c - 1) && !memchr(s->w + a, '.', c - a)) {
      size_t xa = a, xb = c, ya = c + 1, yb = b0;
      trim(s->w, &xa, &xb);
      trim(s->w, &ya, &yb);
      bool digits = false;
      for (size_t q = a; q < b0; q++)
        digits |= ascii_digit(s->w[q]);
      if (!digits && xb > xa && yb > ya && count_words(s, ya, yb) <= 6) {
        if (has_publisher_word(s, xa, xb) && !has_publisher_word(s, ya, yb) && place_words(s, ya, yb)) {
          set_field(s, RP_FIELD_PUBLISHER, xa, xb);
          set_field(s, RP_FIELD_PUBLISHER_PLACE, ya, yb);
          return;
        }
        if ((place_words(s, xa, xb) || cjk_run(s, xa, xb)) && !has_publisher_word(s, xa, xb)) {
          set_field(s, RP_FIELD_PUBLISHER_PLACE, xa, xb);
          set_field(s, RP_FIELD_PUBLISHER, ya, yb);
          return;
        }
      }
    }
  }
  /* "Springer, Cham" / "Publisher; 2001" at the end */
  size_t e = b;
  size_t ya = UNSET;
  rpi_match y;
  size_t yf = a;
  while (find(s, P_YEAR, yf, &y) && y.start < b) {
    ya = y.start;
    yf = y.end;
  }
  if (ya != UNSET)
    e = ya;
  size_t pa = a, pb = e;
  trim(s->w, &pa, &pb);
  /* "..., Palo Alto, California, February 28-30": drop a trailing date */
  for (;;) {
    size_t ws = pb;
    while (ws > pa && s->w[ws - 1] != ' ' && s->w[ws - 1] != ',')
      ws--;
    bool num = ws < pb;
    for (size_t q = ws; q < pb; q++)
      num &= ascii_digit(s->w[q]) || s->w[q] == '-';
    if (ws < pb && (num || rpi_lex_month(s->w + ws, pb - ws))) {
      pb = ws;
      trim(s->w, &pa, &pb);
      continue;
    }
    break;
  }
  if (pb <= pa)
    return;
  /* "The Ergonomics Society of Taiwan, Hsinchu, ROC": a publisher, then
   * its place */
  {
    size_t c = pa;
    while (c < pb && s->w[c] != ',')
      c++;
    bool places = c < pb && imprint_seg(s, pa, c) == SEG_PUB;
    for (size_t q = c; places && q < pb;) {
      size_t z = q + 1;
      while (z < pb && s->w[z] != ',')
        z++;
      int k = imprint_seg(s, q + 1, z);
      places = k == SEG_PLACE || k == SEG_CITY || k == SEG_REGION;
      q = z;
    }
    if (places) {
      size_t ua = pa, ub = c, ca = c + 1, cb = pb;
      trim(s->w, &ua, &ub);
      trim(s->w, &ca, &cb);
      set_field(s, RP_FIELD_PUBLISHER, ua, ub);
      set_field(s, RP_FIELD_PUBLISHER_PLACE, ca, cb);
      return;
    }
  }
  if (!has_publisher_word(s, pa, pb) && place_words(s, pa, pb)) {
    /* "Palo Alto, California": a place alone is not a publisher */
    bool comma_only = true;
    for (size_t q = pa; q < pb; q++)
      if (s->w[q] == '.' || s->w[q] == ':')
        comma_only = false;
    if (comma_only && memchr(s->w + pa, ',', pb - pa)) {
      set_field(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
      return;
    }
  }
  size_t comma = UNSET;
  for (size_t i = pa; i < pb; i++)
    if (s->w[i] == ',')
      comma = i;
  size_t nw = count_words(s, pa, pb);
  if (nw > 6)
    return;
  if (comma != UNSET && count_words(s, comma + 1, pb) <= 2) {
    size_t ua = pa, ub = comma, ca = comma + 1, cb = pb;
    trim(s->w, &ca, &cb);
    unsigned f;
    rpi_utf8_decode((const unsigned char *)s->w + ca, cb - ca, &f);
    if (rpi_is_upper(f)) {
      set_field(s, RP_FIELD_PUBLISHER, ua, ub);
      set_field(s, RP_FIELD_PUBLISHER_PLACE, ca, cb);
      return;
    }
  }
  unsigned f;
  rpi_utf8_decode((const unsigned char *)s->w + pa, pb - pa, &f);
  /* "Austin 1996", "Mainz am Rhein 2002": a place right before the year,
   * with no publisher word, is the place */
  bool before_year = ya != UNSET && e == ya;
  if (rpi_is_upper(f) && nw <= 3 && before_year && !has_publisher_word(s, pa, pb) && place_words(s, pa, pb) &&
      !memchr(s->w + pa, '.', pb - pa))
    set_field(s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
  else if (rpi_is_upper(f) && nw <= 5)
    set_field(s, RP_FIELD_PUBLISHER, pa, pb);
}

static bool has_publisher_word(const st *s, size_t a, size_t b) {
  static const lit_t pubw[] = {
      LIT("Press"), LIT("Verlag"), LIT("Publishers"), LIT("Publishing"), LIT("Publisher"),
      LIT("Springer"), LIT("Elsevier"), LIT("Wiley"), LIT("Kluwer"), LIT("Routledge"),
      LIT("Academic"), LIT("Editora"), LIT("Editorial"), LIT("Éditions"), LIT("Edições"),
      LIT("Ediciones"), LIT("Prentice"), LIT("Addison"), LIT("McGraw"), LIT("Norton"),
      LIT("Blackwell"), LIT("Macmillan"), LIT("Sage"), LIT("Penguin"), LIT("Hachette"),
      LIT("Gallimard"), LIT("Seuil"), LIT("Dunod"), LIT("PUF"), LIT("Cortez"), LIT("Atlas"),
      LIT("Zahar"), LIT("Vozes"), LIT("Ltd"), LIT("Inc"), LIT("Books"), LIT("Company"), LIT("Univ."), LIT("UP"), LIT("Publications"), LIT("Edizioni"), LIT("Presses"),
      LIT("University"), LIT("Universitaires"), LIT("Universitária"), LIT("Editions"), LIT("Librairie"), LIT("House"), {NULL, 0}};
  /* at each position that starts a word, the entries with its first byte */
  for (size_t q = a; q < b; q++) {
    unsigned char c = (unsigned char)s->w[q];
    /* every entry starts with an ASCII capital or 0xC3 ("É") */
    if (!((c >= 'A' && c <= 'Z') || c == 0xC3))
      continue;
    if (q > a && ascii_alpha(s->w[q - 1]))
      continue;
    for (size_t k = 0; pubw[k].s; k++) {
      if (s->w[q] != pubw[k].s[0])
        continue;
      size_t l = pubw[k].n;
      if (q + l <= b && memcmp(s->w + q, pubw[k].s, l) == 0 && (q + l == b || !ascii_alpha(s->w[q + l])))
        return true;
    }
  }
  return false;
}

/* ", Cambridge 1977" / ", New York and London 1982" / ", Berlin – Leiden
 * 1923-1958" / ", Austin 1996a" ending [q, b): a place and a year. */
static bool place_year_tail(const st *s, size_t q, size_t b) {
  size_t k = skip_sp(s, q + 1);
  int words = 0;
  while (k < b) {
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + k, b - k, &cp);
    if (rpi_is_digit(cp))
      break;
    /* only a capital or a connector ("and", "-", a-circumflex, "am") goes on:
     * test before scanning the word, or a long run without spaces
     * (",,,,...") costs O(n) per comma in publisher_cut, O(n^2) in all */
    if (!rpi_is_upper(cp) && cp != 'a' && cp != '-' && cp != 0xE2)
      return false;
    size_t j = k;
    while (j < b && s->w[j] != ' ')
      j++;
    bool conn = (j - k == 3 && at_lit(s, k, "and", 3)) || (j - k == 1 && s->w[k] == '-') ||
                (j - k == 3 && at_lit(s, k, "â", 3)) || (j - k == 2 && at_lit(s, k, "am", 2));
    if (!conn && !rpi_is_upper(cp))
      return false;
    /* a place is a short phrase: no colon, no sentence end inside
     * ("Tears, Fears and Fairy Tales. London: Tauris, 2010" is not one) */
    if (j - k > 4 && s->w[j - 1] == '.')
      return false;
    if (++words > 6)
      return false;
    k = skip_sp(s, j);
  }
  if (!words || k + 4 > b || !ascii_digit(s->w[k]) || !ascii_digit(s->w[k + 3]))
    return false;
  size_t e = k + 4;
  if (e < b && s->w[e] >= 'a' && s->w[e] <= 'z')
    e++;
  if (e < b && s->w[e] == '-') {
    e++;
    while (e < b && ascii_digit(s->w[e]))
      e++;
  }
  while (e < b && (s->w[e] == ' ' || s->w[e] == '.' || s->w[e] == ','))
    e++;
  /* "..., pp. 1-190" may follow */
  return e >= b || (e + 2 < b && s->w[e] == 'p');
}

/* Where a book title gives way to its imprint inside one sentence:
 * "Hydrodynamics (Cambridge Univ. Press, Cambridge, 1993)" or
 * "Robot Vision, MIT Press". Returns the cut or UNSET. */
static size_t publisher_cut(const st *s, size_t a, size_t b) {
  for (size_t q = a + 3; q < b; q++) {
    if (s->w[q] == '(') {
      size_t c = q + 1;
      while (c < s->n && s->w[c] != ')' && c - q < 120)
        c++;
      bool year = false;
      for (size_t k = q; k + 4 <= c; k++)
        if (ascii_digit(s->w[k]) && ascii_digit(s->w[k + 1]) && ascii_digit(s->w[k + 2]) &&
            ascii_digit(s->w[k + 3]))
          year = true;
      if (year && (has_publisher_word(s, q, c) || memchr(s->w + q, ',', c - q)))
        return q;
      /* "Title (London: Frances Pinter)" / "(MIT Press: Cambridge, MA)":
       * a closing imprint with no year */
      size_t z = c + 1;
      while (z < s->n && (s->w[z] == ' ' || s->w[z] == '.'))
        z++;
      if (c < s->n && z >= s->n) {
        const char *colon = memchr(s->w + q, ':', c - q);
        if (has_publisher_word(s, q, c) ||
            (colon && place_words(s, q + 1, (size_t)(colon - s->w)) && (size_t)(colon - s->w) + 2 < c))
          return q;
      }
    }
    if (s->w[q] == ',' && q + 2 < b) {
      /* the segment up to the next comma or bracket ("..., Labour and
       * the State (Oxford: Clarendon Press, 2010)" is not an imprint) */
      size_t e = q + 1;
      while (e < b && s->w[e] != ',' && s->w[e] != '(')
        e++;
      size_t k0 = skip_sp(s, q + 1);
      if (!(k0 < b && s->w[k0] >= 'a' && s->w[k0] <= 'z') && has_publisher_word(s, q + 1, e))
        return q;
      /* ", Y.-G. Le Dantec (ed.) (Paris: ...)", ", (ed.) R. W. Chapman" */
      if (at_lit(s, k0, "(ed", 3) || (e < b && s->w[e] == '(' && at_lit(s, e, "(ed", 3)))
        return q;
      if (place_year_tail(s, q, s->n))
        return q;
      /* ", Oxford: Clarendon" / ", Grand Rapids, MI: Eerdmans" */
      size_t k = skip_sp(s, q + 1);
      int words = 0;
      while (k < s->n && words < 4) {
        unsigned cp;
        rpi_utf8_decode((const unsigned char *)s->w + k, s->n - k, &cp);
        if (!rpi_is_upper(cp))
          break;
        while (k < s->n && s->w[k] != ' ' && s->w[k] != ':' && s->w[k] != ',')
          k++;
        words++;
        /* "..., Global Change. London: Routledge": not across a stop */
        if (k > 2 && s->w[k - 1] == '.' && ascii_alpha(s->w[k - 2]) && ascii_alpha(s->w[k - 3]))
          break;
        if (k < s->n && s->w[k] == ',' && k + 4 < s->n && s->w[k + 1] == ' ' &&
            s->w[k + 2] >= 'A' && s->w[k + 2] <= 'Z' && s->w[k + 3] >= 'A' && s->w[k + 3] <= 'Z' &&
            s->w[k + 4] == ':')
          k += 4;
        if (k < s->n && s->w[k] == ':') {
          /* "..., Trends: Aspects of European Thought in the ...": a
           * publisher is a short name, not a phrase */
          size_t u = skip_sp(s, k + 1), ue = u;
          while (ue < s->n && s->w[ue] != ',' && !(s->w[ue] == '.' && (ue + 1 >= s->n || s->w[ue + 1] == ' ')))
            ue++;
          if (count_words(s, u, ue) <= 5 || has_publisher_word(s, u, ue))
            return q;
          break;
        }
        k = skip_sp(s, k);
      }
    }
  }
  return UNSET;
}

/* A proceedings volume named without "In": "Proceedings of ...",
 * "Proc. ...", "Symposium on ...". */
static bool proc_at(const st *s, size_t k) {
  static const char *const w[] = {"Proceedings ", "Proc. ", "Proc ", "Symposium on ",
                                  "Workshop on ", "Conference on ", "Conference Proceedings",
                                  "Annual Meeting", "Actes du ", "Actes de ", "Anais do ",
                                  "Anais da ", "Tagungsband", NULL};
  for (size_t i = 0; k < s->n && w[i]; i++)
    if (s->w[k] == w[i][0] && at_lit(s, k, w[i], strlen(w[i])))
      return true;
  return false;
}

/* The end of a proceedings name starting at a: before "(", a sentence end,
 * or a comma that opens a place, a date or pages. */
static size_t proc_end(const st *s, size_t a, size_t b) {
  for (size_t q = a; q < b; q++) {
    if (s->w[q] == '(') {
      /* "(ASPLOS-VI)", "(AAAI-93)", "(PODS)": the conference's acronym */
      size_t z = q + 1;
      bool upper = false;
      while (z < b && z < q + 20 && s->w[z] != ')' &&
             ((s->w[z] >= 'A' && s->w[z] <= 'Z') || ascii_digit(s->w[z]) || s->w[z] == '-' ||
              s->w[z] == '\'' || s->w[z] == ' '))
        upper |= s->w[z] >= 'A' && s->w[z] <= 'Z', z++;
      if (z < b && s->w[z] == ')' && upper) {
        q = z;
        continue;
      }
      return q;
    }
    if (real_stop(s, a, b, q))
      return q;
    if (s->w[q] == ',') {
      size_t k = skip_sp(s, q + 1);
      if (k >= b || ascii_digit(s->w[k]) || (k + 3 <= s->n && rpi_lex_month(s->w + k, 3)))
        return q;
      size_t e = k;
      while (e < b && s->w[e] != ',' && s->w[e] != '.' && s->w[e] != '(')
        e++;
      if (at_lit(s, k, "pp", 2) || at_lit(s, k, "pages", 5) || at_lit(s, k, "vol", 3) ||
          at_lit(s, k, "chapter", 7) || at_lit(s, k, "chap.", 5) || has_publisher_word(s, k, e))
        return q;
      if (place_words(s, k, e)) {
        /* a place is followed by another place, a date or nothing:
         * "Munich, Germany, pp." but not "Acoustics, Speech, and Signal" */
        size_t k2 = e < b && s->w[e] == ',' ? skip_sp(s, e + 1) : e;
        unsigned f2 = 0;
        if (k2 < b)
          rpi_utf8_decode((const unsigned char *)s->w + k2, b - k2, &f2);
        if (k2 >= b || s->w[e] != ',' || rpi_is_upper(f2) || rpi_is_digit(f2))
          return q;
      }
    }
  }
  return b;
}

/* "Artificial Intelligence, 1988." / "Journal of X, in press": a journal
 * named alone before a date, with no imprint. */
static bool journal_year_tail(const st *s, size_t a) {
  size_t e = a;
  while (e < s->n && s->w[e] != ',' && !(s->w[e] == '.' && (e + 1 >= s->n || s->w[e + 1] == ' ')))
    e++;
  if (e >= s->n || e == a || count_words(s, a, e) > 10)
    return false;
  unsigned f0;
  rpi_utf8_decode((const unsigned char *)s->w + a, e - a, &f0);
  if (!rpi_is_upper(f0) || has_publisher_word(s, a, e) || memchr(s->w + a, ':', e - a) ||
      rpi_lex_is_city(s->w + a, e - a))
    return false;
  for (size_t q = a; q < e; q++)
    if (ascii_digit(s->w[q]))
      return false;
  size_t k = skip_sp(s, e + 1);
  /* then only a date (month, day, year) or "in press" to the end */
  bool year = false;
  while (k < s->n) {
    size_t j = k;
    while (j < s->n && s->w[j] != ' ' && s->w[j] != ',' && s->w[j] != '.')
      j++;
    if (j == k) {
      k++;
      continue;
    }
    bool digits = true;
    for (size_t q = k; q < j; q++)
      digits &= ascii_digit(s->w[q]);
    if (digits && j - k == 4)
      year = true;
    else if (!(digits && j - k <= 2) && !rpi_lex_month(s->w + k, j - k) &&
             !(j - k == 2 && at_lit(s, k, "in", 2)) && !(j - k == 5 && at_lit(s, k, "press", 5)))
      return false;
    k = skip_sp(s, j);
  }
  return year || true;
}

static bool find_in_at(const st *s, size_t k) {
  return k + 3 < s->n && (at_lit(s, k, "In ", 3) || at_lit(s, k, "In:", 3) ||
                          at_lit(s, k, "in ", 3));
}

/* First real sentence end in [a, b), or b. */
static size_t first_stop(const st *s, size_t a, size_t b) {
  /* only the stops: every other p fails real_stop() */
  for (size_t p = next_of3(s->w, a, b, '.', '?', '!'); p < b; p = next_of3(s->w, p + 1, b, '.', '?', '!'))
    if (real_stop(s, a, b, p))
      return p;
  return b;
}

/* "In:" / "In " that opens a container, after a sentence end or a quote. */
static size_t find_in(const st *s, size_t a, size_t b, size_t *after) {
  for (size_t q = a + 1; q + 3 < b; q++) {
    /* every marker below follows a space, and starts with one of these bytes */
#if defined(__SSE2__) && defined(__GNUC__)
    if (q + 16 <= b) { /* the same test as below, sixteen bytes at a time */
      __m128i v = load16(s->w + q), l = _mm_or_si128(v, _mm_set1_epi8(0x20));
      unsigned m = mask16(_mm_and_si128(eq16(load16(s->w + q - 1), ' '),
                                        _mm_or_si128(_mm_or_si128(eq16(l, 'd'), eq16(l, 'i')),
                                                     _mm_or_si128(eq16(l, 'e'), eq16(v, '/')))));
      if (!m) {
        q += 15;
        continue;
      }
      q += (unsigned)__builtin_ctz(m);
      if (q + 3 >= b)
        break;
    } else
#endif
    if (q + 8 <= b) { /* to the first byte of [q, q + 8) after a space that is '/' or d, i, e in either case */
      uint64_t v = load8(s->w + q), l = v | 0x2020202020202020u;
      uint64_t m = space_bytes(load8(s->w + q - 1)) &
                   (byte_eq(l, 'd') | byte_eq(l, 'i') | byte_eq(l, 'e') | byte_eq(v, '/'));
      if (!m) {
        q += 7;
        continue;
      }
      q += first_byte(m);
      if (q + 3 >= b)
        break;
    }
    if (s->w[q - 1] != ' ')
      continue;
    switch (s->w[q]) {
    case '/': case 'd': case 'I': case 'i': case 'E': case 'D': break;
    default: continue;
    }
    /* GOST (Russian) "Title // Journal. 2004. Vol. 5": "//" opens the
     * container; French ", dans Book" like ", in Book" */
    if (s->w[q] == '/' && s->w[q + 1] == '/' && s->w[q - 1] == ' ' && s->w[q + 2] == ' ' && q > a + 8) {
      *after = skip_sp(s, q + 2);
      return q;
    }
    if (s->w[q] == 'd' && at_lit(s, q, "dans ", 5) && q > a + 8 && s->w[q - 1] == ' ' && s->w[q - 2] == ',') {
      *after = skip_sp(s, q + 4);
      return q;
    }
    bool cap = s->w[q] == 'I' && s->w[q + 1] == 'n';
    bool low = s->w[q] == 'i' && s->w[q + 1] == 'n';
    bool em = (s->w[q] == 'E' && (s->w[q + 1] == 'm' || s->w[q + 1] == 'n')) ||
              (s->w[q] == 'D' && q + 4 < b && at_lit(s, q, "Dans", 4));
    if (!cap && !low && !em)
      continue;
    size_t wl = (s->w[q] == 'D') ? 4 : 2;
    char nx = s->w[q + wl];
    if (nx != ':' && nx != ' ')
      continue;
    if (nx == ' ' && q + wl + 1 < b && s->w[q + wl + 1] == ':') {
      wl++; /* French "In : Book" */
      nx = ':';
    }
    if (q > 0 && s->w[q - 1] != ' ')
      continue;
    size_t pq = q - 1;
    while (pq > a && s->w[pq] == ' ')
      pq--;
    size_t ps;
    unsigned prevc = rpi_utf8_prev(s->w, pq + 1, &ps);
    bool after_stop = prevc == '.' || prevc == '?' || prevc == '!' || prevc == 0x201D ||
                      prevc == '"' || prevc == ',' || prevc == ')';
    if (prevc == 0x2019 && low) {
      /* "‘Title’ in Book": a closing single quote, when one was opened */
      after_stop = at_lit(s, skip_sp(s, a), "\xe2\x80\x98", 3);
    }
    if (!after_stop)
      continue;
    if (low && prevc != ',' && prevc != 0x201D && prevc != '"' && prevc != '.' && prevc != 0x2019 && prevc != ')')
      continue;
    bool proc = q + wl + 12 < b && (at_lit(s, q + wl + 1, "Proceedings", 11) ||
                                      at_lit(s, q + wl + 1, "Proc.", 5) ||
                                      at_lit(s, q + wl + 1, "Proc ", 5) ||
                                      at_lit(s, q + wl + 1, "Conference", 10) ||
                                      at_lit(s, q + wl + 1, "Symposium", 9) ||
                                      at_lit(s, q + wl + 1, "Workshop", 8) ||
                                      at_lit(s, q + wl + 1, "the Proceedings", 15));
    if (!proc && q + wl + 1 < b && s->w[q + wl] == ' ' && s->w[q + wl + 1] >= 'A' && s->w[q + wl + 1] <= 'Z') {
      /* ", in Third International Conference on Logic Programming" */
      static const char *const ev[] = {"Conference", "Symposium", "Workshop", "Congress",
                                       "Colloquium", "Proceedings", "Meeting", NULL};
      size_t lim = q + wl + 80 < b ? q + wl + 80 : b;
      for (size_t k = 0; ev[k] && !proc; k++)
        for (size_t z = q + wl + 1; z + strlen(ev[k]) <= lim && !proc; z++)
          if (s->w[z] == '.' || s->w[z] == ',')
            break;
          else if (s->w[z] == ev[k][0] && at_lit(s, z, ev[k], strlen(ev[k])))
            proc = true;
    }
    /* Italian / French: ", in «Rivista», XXXII" and ", in G. Ferri (a cura
     * di), Religione e società" */
    bool ital = false;
    if (low && (prevc == ',' || prevc == ')') && nx == ' ') {
      size_t k2 = skip_sp(s, q + wl);
      unsigned qc = 0;
      if (k2 < b)
        rpi_utf8_decode((const unsigned char *)s->w + k2, b - k2, &qc);
      ital = qc == 0xAB || qc == 0x201C || qc == '"';
      static const char *const marks[] = {"(a cura di)", "(a c. di)", "(ed.)", "(eds.)", "(edd.)",
                                          "(Ed.)", "(Eds.)", "(Hrsg.)", "(dir.)", "(coord.)", "(org.)",
                                          "(éd.)", "(éds.)", NULL};
      size_t lim = k2 + 90 < b ? k2 + 90 : b;
      for (size_t z = k2; z < lim && !ital; z++) {
        if (s->w[z] == '.' && z + 1 < b && s->w[z + 1] == ' ' && z > k2 + 3 && s->w[z - 2] != ' ' &&
            s->w[z - 2] != '.')
          break;
        if (s->w[z] == '(')
          for (size_t mk = 0; marks[mk] && !ital; mk++)
            ital = at_lit(s, z, marks[mk], strlen(marks[mk]));
      }
    }
    if ((em || low) && nx != ':' && !(low && proc && prevc == ',') && !ital) {
      /* lower-case "in" only after a closing quote: “Title,” in Book */
      bool closeq = false;
      if (prevc == ',' && pq > a) {
        size_t qs;
        unsigned qc = rpi_utf8_prev(s->w, pq, &qs);
        closeq = qc == '"' || qc == 0x201D || qc == 0x2019 || qc == '\'';
      }
      if (low && !closeq && !(prevc == 0x201D || prevc == '"' || prevc == 0x2019))
        continue;
      if (em && prevc != '.')
        continue;
    }
    if (prevc == ',' && proc) {
      size_t e = q + wl;
      *after = skip_sp(s, e);
      return q;
    }
    if (prevc == ',' && cap && nx != ':')
      continue;
    /* "In vitro", "In Vitro Cell Dev Biol", "In vivo" are words, not "In" */
    if (nx == ' ') {
      static const char *const latin[] = {"vitro", "Vitro", "vivo", "Vivo", "situ", "Situ",
                                          "silico", "Silico", "utero", "press", "Press",
                                          "memoriam", "Memoriam", "the ", "a ", "this ", NULL};
      size_t k2 = skip_sp(s, q + wl);
      bool word = false;
      for (size_t t2 = 0; latin[t2]; t2++)
        if (k2 + strlen(latin[t2]) <= b && memcmp(s->w + k2, latin[t2], strlen(latin[t2])) == 0)
          word = true;
      if (word)
        continue;
    }
    size_t e = q + wl + (nx == ':' ? 1 : 0);
    *after = skip_sp(s, e);
    return q;
  }
  return UNSET;
}

/* ---- 6. chapters and books --------------------------------------------------- */

/* [a, b) looks like a place: 1-4 capitalised words ("Seattle", "New York",
 * "Lanham-Boulder-New York-Oxford"), no digits, no journal words. */
static bool place_words(const st *s, size_t a, size_t b) {
  trim(s->w, &a, &b);
  int words = 0;
  for (size_t k = a; k < b;) {
    size_t j = k;
    while (j < b && s->w[j] != ' ')
      j++;
    unsigned cp;
    rpi_utf8_decode((const unsigned char *)s->w + k, j - k, &cp);
    bool conn = (j - k <= 3 && s->w[k] >= 'a' && s->w[k] <= 'z');
    if (!conn && !rpi_is_upper(cp))
      return false;
    for (size_t q = k; q < j; q++)
      if (ascii_digit(s->w[q]) || s->w[q] == '(' || s->w[q] == ':')
        return false;
    if (rpi_lex_is_journal_word(s->w + k, j - k) || rpi_lex_is_org_word(s->w + k, j - k))
      return false;
    if (++words > 4)
      return false;
    k = skip_sp(s, j);
  }
  return words > 0;
}

/* ", Roma, Carocci" / ", Paris, Seuil, 1996" / ", Milano, Garzanti, 1988"
 * ending [a, b): the comma before the city, or UNSET. *pa..*pe is the
 * city, *ua..*ue the publisher. */
static size_t city_pub_tail(const st *s, size_t a, size_t b, size_t *ca, size_t *ce, size_t *ua,
                            size_t *ue) {
  size_t e = b;
  while (e > a && (is_edge(s->w[e - 1])))
    e--;
  /* an optional year at the end */
  size_t y = e;
  while (y > a && ascii_digit(s->w[y - 1]))
    y--;
  if (e - y == 4) {
    e = y;
    while (e > a && (s->w[e - 1] == ' ' || s->w[e - 1] == ','))
      e--;
  }
  size_t c2 = e;
  while (c2 > a && s->w[c2 - 1] != ',')
    c2--;
  if (c2 <= a + 1)
    return UNSET;
  size_t c1 = c2 - 1;
  while (c1 > a && s->w[c1 - 1] != ',')
    c1--;
  if (c1 <= a + 1)
    return UNSET;
  size_t p0 = c1, p1 = c2 - 1;
  trim(s->w, &p0, &p1);
  size_t u0 = c2, u1 = e;
  trim(s->w, &u0, &u1);
  if (p1 <= p0 || u1 <= u0 || count_words(s, u0, u1) > 4)
    return UNSET;
  /* the city, or "Roma-Bari", "Lanham-Boulder": its first part */
  size_t f = p0;
  while (f < p1 && s->w[f] != '-')
    f++;
  if (!rpi_lex_is_city(s->w + p0, p1 - p0) && !rpi_lex_is_city(s->w + p0, f - p0))
    return UNSET;
  for (size_t q = u0; q < u1; q++)
    if (ascii_digit(s->w[q]) || s->w[q] == ':' || s->w[q] == '(')
      return UNSET;
  /* not a month, a state ("Mass.", "CA") or a country after the city */
  if (rpi_lex_month(s->w + u0, u1 - u0) ||
      (u1 - u0 <= 6 && (memchr(s->w + u0, '.', u1 - u0) || (u1 < b && s->w[u1] == '.' && u1 - u0 <= 5))) ||
      (u1 - u0 == 2 && s->w[u0] >= 'A' && s->w[u0] <= 'Z' && s->w[u0 + 1] >= 'A' && s->w[u0 + 1] <= 'Z') ||
      rpi_lex_is_city(s->w + u0, u1 - u0) || rpi_lex_is_country(s->w + u0, u1 - u0))
    return UNSET;
  /* "..., MIT Press, Cambridge": the publisher came before the city */
  size_t c0 = c1 - 1;
  while (c0 > a && s->w[c0 - 1] != ',' && s->w[c0 - 1] != '.')
    c0--;
  if (has_publisher_word(s, c0, c1) || proc_at(s, skip_sp(s, c0)))
    return UNSET;
  *ca = p0, *ce = p1, *ua = u0, *ue = u1;
  return c1 - 1;
}

/* "The authentic heart. An eightfold path to midlife love. New York:
 * Wiley.": the end of a subtitle sentence that follows the title's first
 * sentence (ending at te) right before the imprint, or te. */
static int imprint_seg(const st *s, size_t a, size_t b) {
  trim(s->w, &a, &b);
  while (b > a && (s->w[b - 1] == '.' || s->w[b - 1] == ' '))
    b--;
  if (b <= a || !(rpi_is_upper((unsigned char)s->w[a]) || (unsigned char)s->w[a] >= 0xC0 || ascii_digit(s->w[a]) ||
                  s->w[a] == '[' || at_lit(s, a, "n.d", 3) || at_lit(s, a, "s.d", 3) || at_lit(s, a, "s.l", 3)))
    return SEG_OTHER;
  /* one phrase: no colon, no sentence end inside */
  for (size_t q = a; q < b; q++)
    if (s->w[q] == ':' || (s->w[q] == '.' && q + 1 < b && s->w[q + 1] == ' ' && q > a + 3 &&
                           ascii_alpha(s->w[q - 1]) && ascii_alpha(s->w[q - 2]) && ascii_alpha(s->w[q - 3])))
      return SEG_OTHER;
  size_t n = b - a;
  if ((n == 4 || (n == 5 && ascii_alpha(s->w[a + 4]))) && ascii_digit(s->w[a]) && ascii_digit(s->w[a + 3]))
    return SEG_YEAR;
  if (at_lit(s, a, "n.d", 3) || at_lit(s, a, "s.d", 3) || at_lit(s, a, "s.l", 3) || s->w[a] == '[')
    return SEG_REGION;
  if (rpi_lex_is_country(s->w + a, n))
    return SEG_REGION;
  /* "ROC", "CA", "Calif", "Mass" */
  bool caps = n <= 3;
  for (size_t q = a; q < b && caps; q++)
    caps = s->w[q] >= 'A' && s->w[q] <= 'Z';
  if (caps || (n <= 5 && s->w[a] >= 'A' && s->w[a] <= 'Z' && b < s->n && s->w[b] == '.'))
    return SEG_REGION;
  if (rpi_lex_is_city(s->w + a, n))
    return SEG_CITY;
  /* "Sierra Club": a club publishes too */
  if (at_lit(s, a, "Club", 4) || (n > 5 && at_lit(s, b - 4, "Club", 4)) || has_publisher_word(s, a, b))
    return SEG_PUB;
  /* "Institute of Informatics", "The Ergonomics Society of Taiwan",
   * "Australian Research Alliance for Children": a body's word, not one
   * joined to another noun by "and" ("Culture, Society and Politics") */
  for (size_t q = a; q < b;) {
    size_t we = q;
    while (we < b && s->w[we] != ' ')
      we++;
    if (rpi_lex_is_org_word(s->w + q, we - q) && !(we + 5 <= b && at_lit(s, we, " and ", 5)) &&
        rpi_is_upper((unsigned char)s->w[a]))
      return SEG_PUB;
    q = skip_sp(s, we);
  }
  if (count_words(s, a, b) <= 3 && place_words(s, a, b))
    return SEG_PLACE;
  return SEG_OTHER;
}

/* "Title, Librairie illustrée, Paris, 1892", "Title, Institute of
 * Informatics, Oslo, Norway": where a book title gives way to a
 * comma-separated imprint that names its publisher, or UNSET. */
static size_t comma_imprint(const st *s, size_t a, size_t b) {
  while (b > a && is_edge(s->w[b - 1]))
    b--;
  size_t cut = UNSET, e = b;
  bool pub = false;
  for (int segs = 0; segs < 5; segs++) {
    size_t c = e;
    while (c > a && s->w[c - 1] != ',')
      c--;
    if (c <= a + 1)
      break;
    int k = imprint_seg(s, c, e);
    if (k == SEG_OTHER)
      break;
    /* a place by shape alone only after the publisher ("Club, San Francisco") */
    if (k == SEG_PLACE && pub)
      break;
    if (k == SEG_PUB) {
      if (pub)
        break;
      pub = true;
    }
    e = c - 1;
    if (k == SEG_PUB || k == SEG_CITY)
      cut = e;
  }
  if (cut == UNSET || !pub || count_words(s, a, cut) < 2)
    return UNSET;
  return cut;
}

/* Whether the sentence [ns, te2) reads as a subtitle of the title before
 * it: capitalised, at most 14 words, no genre, edition, translator or
 * editor words, no digits or brackets, no publisher, journal or body
 * name, and worded like a sentence ("An eightfold path to midlife love")
 * or a title-case phrase joined by commas or connectors ("Age, Gender
 * and Daily Survival in Industrializing Montreal"). */
static bool subtitle_sentence(st *s, size_t ns, size_t te2) {
  if (te2 <= ns || count_words(s, ns, te2) > 14 || !rpi_is_upper((unsigned char)s->w[ns]) ||
      genre_only(s, ns, te2) || at_lit(s, ns, "Edited", 6) || at_lit(s, ns, "Ed.", 3) ||
      at_lit(s, ns, "Trans", 5) || at_lit(s, ns, "In ", 3) || has_publisher_word(s, ns, te2) ||
      find_in_at(s, ns))
    return false;
  /* "B.J. Parker and C.P. Foster", "G. Manetti ed.": names, not a subtitle */
  if (ns + 1 < te2 && s->w[ns + 1] == '.')
    return false;
  for (size_t q = ns; q + 3 < te2; q++)
    if (s->w[q] == ' ' && (at_lit(s, q, " ed", 3) || at_lit(s, q, " eds", 4) || at_lit(s, q, " Hrsg", 5)) &&
        (q + 3 == te2 || !ascii_alpha(s->w[q + 3]) || (s->w[q + 3] == 's' && (q + 4 == te2 || !ascii_alpha(s->w[q + 4])))))
      return false;
  for (size_t q = ns; q < te2; q++) {
    if (s->w[q] == '(') {
      /* "(2 ed.)" already taken: brackets around nothing are fine */
      size_t z = q + 1;
      while (z < te2 && s->w[z] == ' ')
        z++;
      if (z < te2 && s->w[z] == ')') {
        q = z;
        continue;
      }
    }
    if (ascii_digit(s->w[q]) || s->w[q] == '(')
      return false;
  }
  static const char *const edw[] = {"Reprint", "reprint", "Editio", "edition", "Edition", "Auflage",
                                    "édition", "edición", "edição", "Vol", "vol", "Revised", "revised",
                                    "expanded", "Tradução", "Trad.", "Org.", "Orgs.", "Hrsg.", "Übers",
                                    "Transl", "Translated", "Edited", "Ed.", "Eds.", "Dir.", "Coord.",
                                    "thesis", "Thesis", "Dissertation", "dissertation", "Report",
                                    "Herausgegeben", "Hg.", "Tradu", "tradu", "translat", "bersetz", NULL};
  for (size_t k = 0; edw[k]; k++)
    for (size_t q = ns; q + strlen(edw[k]) <= te2; q++)
      if (s->w[q] == edw[k][0] && at_lit(s, q, edw[k], strlen(edw[k])))
        return false;
  /* two capitals in a row open an acronym or a name in capitals */
  for (size_t q = ns; q + 1 < te2; q++)
    if ((q == ns || s->w[q - 1] == ' ') && s->w[q] >= 'A' && s->w[q] <= 'Z' && s->w[q + 1] >= 'A' &&
        s->w[q + 1] <= 'Z')
      return false;
  if (rpi_lex_is_journal_word(s->w + ns, strcspn(s->w + ns, " .,")))
    return false;
  /* a subtitle reads as a sentence: some lower-case word beyond "and", "of" */
  for (size_t q = ns + 1; q + 3 < te2; q++)
    if (s->w[q - 1] == ' ' && s->w[q] >= 'a' && s->w[q] <= 'z') {
      size_t we = q;
      while (we < te2 && s->w[we] != ' ' && s->w[we] != ',' && s->w[we] != '.')
        we++;
      if (we - q >= 4)
        return true;
    }
  /* or a title-case phrase of three words or more with a comma or a
   * connector inside, and no word of a journal, series or body name */
  if (count_words(s, ns, te2) < 3)
    return false;
  bool joined = false;
  for (size_t q = ns; q < te2; q++) {
    if (s->w[q] == ',' || (s->w[q] == ' ' && q + 1 < te2 && s->w[q + 1] >= 'a' && s->w[q + 1] <= 'z'))
      joined = true;
    if (q == ns || s->w[q - 1] == ' ') {
      size_t we = q;
      while (we < te2 && s->w[we] != ' ' && s->w[we] != ',' && s->w[we] != '.')
        we++;
      if (rpi_lex_is_journal_word(s->w + q, we - q) || rpi_lex_is_org_word(s->w + q, we - q))
        return false;
    }
  }
  return joined;
}

/* A book's subtitle sentence right before its imprint: returns the end of
 * the sentence after the one ending at te when the place of a "Place:
 * Publisher" imprint follows it, else te. */
static size_t subtitle_end(st *s, size_t te) {
  if (te >= s->n)
    return te;
  size_t ns = skip_sp(s, te + 1);
  size_t te2 = first_stop(s, ns, s->n);
  rpi_match pm;
  int gpp = grp(s, P_PUBPLACE, "place");
  size_t plc = UNSET;
  if (te2 < s->n && find_pubplace(s, ns, UNSET, &pm)) {
    /* the place starts after the last sentence end inside the match */
    plc = pm.g[gpp][0];
    for (size_t q = pm.g[gpp][1]; q-- > pm.g[gpp][0];)
      if (s->w[q] == '.' && q + 1 < s->n && s->w[q + 1] == ' ') {
        plc = q + 1;
        break;
      }
  }
  if (plc != UNSET && plc >= te2 && skip_sp(s, plc) <= skip_sp(s, te2 + 1) + 1 &&
      subtitle_sentence(s, ns, te2))
    return te2;
  return te;
}

/* Whether [a, b) holds only an imprint or nothing: "Würzburg 2006",
 * "New York: Peter Lang", "Parma, p.", "Weinheim u. München (Juventa)". */
static bool imprint_like(st *s, size_t a, size_t b) {
  while (a < b && (s->w[a] == ' ' || s->w[a] == ',' || s->w[a] == '.'))
    a++;
  trim(s->w, &a, &b);
  if (a >= b)
    return true;
  if (ascii_digit(s->w[a]) || at_lit(s, a, "p. ", 3) || at_lit(s, a, "pp.", 3) || at_lit(s, a, "S. ", 3))
    return true;
  size_t we = a;
  while (we < b && s->w[we] != ',' && s->w[we] != ':' && s->w[we] != '(' && s->w[we] != ';' &&
         !(s->w[we] == ' ' && we + 1 < b && ascii_digit(s->w[we + 1])))
    we++;
  size_t ce = we;
  while (ce > a && s->w[ce - 1] == ' ')
    ce--;
  if (ce > a && rpi_lex_is_city(s->w + a, ce - a))
    return true;
  /* a place: capitalised words before a colon, a bracket, a year or the end */
  if (ce > a && (we >= b || s->w[we] != ',' || skip_sp(s, we + 1) >= b) && place_words(s, a, ce))
    return true;
  return count_words(s, a, b) <= 6 && has_publisher_word(s, a, b);
}

/* After "In": editors, the book title, publisher. [a, b) excludes the
 * locator; returns true when it found a container. */
static bool chapter_tail(st *s, size_t a, size_t b) {
  rpi_namelist nl;
  size_t k = skip_sp(s, a);
  size_t n = rpi_names_parse_any(s->w, k, b, &nl);
  size_t ca = k;
  if (n) {
    size_t mark = editor_mark(s, nl.end);
    if (mark) {
      commit_names(s, &nl, RP_ROLE_EDITOR);
      ca = mark;
    }
  }
  ca = skip_sp(s, ca);
  while (ca < b && (s->w[ca] == ',' || s->w[ca] == '.' || s->w[ca] == ':'))
    ca = skip_sp(s, ca + 1);
  /* "in M. Carlisle-O. Levaniouk (edd.), Nine Essays": editors the name
   * grammar did not take still end at their marker */
  {
    static const char *const em[] = {"(ed.)", "(eds.)", "(edd.)", "(Ed.)", "(Eds.)", "(eds)", "(ed)",
                                     "(Hrsg.)", "(Hg.)", "(a c. di)", "(a. c. di)", "(a cura di)",
                                     "(dir.)", "(org.)", "(orgs.)", "(coord.)", "(coords.)",
                                     "(\xc3\xa9" "d.)", "(\xc3\xa9" "ds.)", NULL};
    size_t lim = ca + 120 < b ? ca + 120 : b;
    for (size_t q = ca; q < lim; q++) {
      if (s->w[q] != '(')
        continue;
      for (size_t m = 0; em[m]; m++) {
        size_t l = strlen(em[m]);
        if (at_lit(s, q, em[m], l)) {
          rpi_namelist el;
          if (!s->r->n_names[RP_ROLE_EDITOR] && rpi_names_parse_any(s->w, ca, q, &el))
            commit_names(s, &el, RP_ROLE_EDITOR);
          ca = skip_sp(s, q + l);
          while (ca < b && (s->w[ca] == ',' || s->w[ca] == '.' || s->w[ca] == ':'))
            ca = skip_sp(s, ca + 1);
          q = lim;
          break;
        }
      }
    }
  }
  /* "in «Rivista di storia economica», XXXII, 2016": a quoted journal, then
   * its volume in Roman numerals */
  {
    size_t qa, qb, qe;
    if (ca < b && (s->w[ca] == '"' || at_lit(s, ca, "\xc2\xab", 2) || at_lit(s, ca, "\xe2\x80\x9c", 3)) &&
        quoted(s, ca, b, &qa, &qb, &qe) && qb > qa + 2 && (skip_sp(s, qe) >= b || s->w[skip_sp(s, qe)] == ',')) {
      set_container(s, qa, qb, UNSET);
      size_t v = qe;
      while (v < b && (s->w[v] == ',' || s->w[v] == ' '))
        v++;
      size_t re = roman_end(s, v, b);
      /* the Roman volume over a "volume" that is only the year */
      const char *vol = s->r->field[RP_FIELD_VOLUME];
      bool year_vol = vol && strlen(vol) == 4 && (vol[0] == '1' || vol[0] == '2') && ascii_digit(vol[1]) &&
                      ascii_digit(vol[2]) && ascii_digit(vol[3]);
      if (re != UNSET && (!vol || year_vol)) {
        if (year_vol && !s->r->field[RP_FIELD_YEAR])
          rpi_result_set(s->r, RP_FIELD_YEAR, vol, 4, s->r->span[RP_FIELD_VOLUME].off, s->r->span[RP_FIELD_VOLUME].len);
        set_field(s, RP_FIELD_VOLUME, v, re);
      }
      return true;
    }
  }
  /* container ends at a real stop, "(pp.", ", ed." or ", edited by" */
  size_t ce = first_stop(s, ca, b);
  size_t fs = ce;
  if (proc_at(s, ca)) {
    size_t pe = proc_end(s, ca, b);
    if (pe < ce)
      ce = pe;
  } else {
    /* ", chapter 14", ", translated by ...", "(Oxford: OUP, 2003)", "(63-78)" */
    for (size_t q = ca; q + 6 < ce; q++) {
      size_t k1 = skip_sp(s, q + 1);
      if (s->w[q] == ',' && ascii_digit(s->w[k1]) && !s->r->field[RP_FIELD_PAGE]) {
        /* "Language Studies, 13-42. Jerusalem: Magnes." */
        size_t z = k1;
        while (z < ce && (ascii_digit(s->w[z]) || s->w[z] == '-'))
          z++;
        if (z == ce && memchr(s->w + k1, '-', z - k1)) {
          set_pages(s, k1, z);
          blank(s, k1, z);
          ce = q;
          break;
        }
      }
      if (s->w[q] == ',' && (at_lit(s, k1, "chapter ", 8) || at_lit(s, k1, "chap. ", 6) ||
                             at_lit(s, k1, "translated by", 13) || at_lit(s, k1, "trans. ", 7) ||
                             at_lit(s, k1, "transl. ", 8))) {
        ce = q;
        break;
      }
      if (s->w[q] == '(' && q > ca + 3) {
        size_t z = q + 1;
        while (z < ce && s->w[z] != ')')
          z++;
        bool digits_only = z > q + 1;
        for (size_t y = q + 1; y < z; y++)
          digits_only &= ascii_digit(s->w[y]) || s->w[y] == '-' || s->w[y] == ' ';
        if (digits_only || has_publisher_word(s, q + 1, z) || memchr(s->w + q + 1, ':', z - q - 1)) {
          if (!digits_only && !s->r->field[RP_FIELD_PUBLISHER])
            publisher_place(s, q + 1, z);
          ce = q;
          break;
        }
      }
    }
  }
  for (size_t q = ca; q + 4 < ce; q++) {
    if (s->w[q] == '(' && (s->w[q + 1] == 'p' || s->w[q + 1] == 'S')) {
      ce = q;
      break;
    }
    if (s->w[q] == ',' && (at_lit(s, q, ", ed.", 5) || at_lit(s, q, ", edited", 8) ||
                           at_lit(s, q, ", eds.", 6) || at_lit(s, q, ", hrsg", 6))) {
      /* editors after the book title (Chicago/MLA) */
      size_t ea = q + 2;
      while (ea < ce && s->w[ea] != ' ')
        ea++;
      if (at_lit(s, q, ", edited", 8)) {
        ea = skip_sp(s, ea);
        if (at_lit(s, ea, "and translated ", 15))
          ea = skip_sp(s, ea + 15);
        if (ea + 2 < ce && at_lit(s, ea, "by", 2))
          ea += 2;
      }
      ea = skip_sp(s, ea);
      rpi_namelist el;
      memset(&el, 0, sizeof el);
      if (rpi_names_parse_any(s->w, ea, b, &el))
        commit_names(s, &el, RP_ROLE_EDITOR);
      size_t rest = el.n ? el.end : ea;
      size_t cend = q;
      set_container(s, ca, cend, UNSET);
      publisher_place(s, rest, b);
      return true;
    }
  }
  if (ce <= ca)
    return false;
  /* "Leben als Phänomen. Die Freiburger Phänomenologie im Ost-West-Dialog.
   * Würzburg 2006": the book title's subtitle sentences, when only the
   * imprint follows them */
  if (ce == fs && ce < b && s->w[ce] == '.' && !proc_at(s, ca)) {
    size_t e = ce;
    for (int step = 0; step < 3 && e < b; step++) {
      size_t ns = skip_sp(s, e + 1);
      size_t se = first_stop(s, ns, b);
      /* "Die widerspenstigen Erbinnen, Weinheim u. München": the imprint
       * may follow a comma */
      for (size_t q = ns; q < se; q++)
        if (s->w[q] == ',' && imprint_like(s, q + 1, se)) {
          se = q;
          break;
        }
      if (imprint_like(s, ns, se) || !subtitle_sentence(s, ns, se))
        break;
      e = se;
      if (imprint_like(s, se, b)) {
        ce = se;
        break;
      }
    }
  }
  /* "..., New York: Plenum Press": an imprint inside the book title's
   * sentence */
  {
    rpi_match pm;
    if (find_pubplace(s, ca, ce, &pm) && pm.start < ce) {
      int gp = grp(s, P_PUBPLACE, "place");
      size_t pa = pm.g[gp][0];
      size_t cq = pa;
      while (cq > ca && s->w[cq - 1] != ',')
        cq--;
      int gu = grp(s, P_PUBPLACE, "pub");
      size_t colon = pa;
      while (colon < pm.end && s->w[colon] != ':')
        colon++;
      if (cq > ca + 3 && pa - cq < 30 && pm.end <= ce + 1 && place_words(s, cq, colon) &&
          has_publisher_word(s, pm.g[gu][0], pm.g[gu][1])) {
        set_container(s, ca, cq - 1, UNSET);
        publisher_place(s, cq, b);
        return true;
      }
    }
  }
  /* "Essays on the Verbal Arts, Seattle 1967, pp. 12-44": a place before
   * the year that ends the container */
  size_t pe = ce;
  while (pe > ca && s->w[pe - 1] == ' ')
    pe--;
  if (s->year_a != UNSET && s->year_a >= pe && s->year_a <= pe + 2 && !s->r->field[RP_FIELD_PUBLISHER_PLACE]) {
    size_t lc = pe;
    while (lc > ca && s->w[lc - 1] != ',')
      lc--;
    if (lc > ca + 3 && place_words(s, lc, pe)) {
      set_field(s, RP_FIELD_PUBLISHER_PLACE, skip_sp(s, lc), pe);
      set_container(s, ca, lc - 1, UNSET);
      return true;
    }
  }
  {
    size_t c0, c1, u0, u1;
    size_t cc = city_pub_tail(s, ca, ce, &c0, &c1, &u0, &u1);
    if (cc != UNSET && cc > ca + 3) {
      set_field(s, RP_FIELD_PUBLISHER_PLACE, c0, c1);
      set_field(s, RP_FIELD_PUBLISHER, u0, u1);
      set_container(s, ca, cc, UNSET);
      return true;
    }
  }
  set_container(s, ca, ce < b && (s->w[ce] == '?' || s->w[ce] == '!') ? ce + 1 : ce, UNSET);
  /* "..., Parma, p. 89-123" / "... Würzburg 2006, 107-120": a place alone
   * before the year or the pages */
  size_t ra = ce + 1, rb = b;
  while (ra < rb && (s->w[ra] == ' ' || s->w[ra] == ',' || s->w[ra] == '.'))
    ra++;
  while (rb > ra && (s->w[rb - 1] == ' ' || s->w[rb - 1] == ',' || s->w[rb - 1] == '.'))
    rb--;
  if (rb > ra && count_words(s, ra, rb) <= 3 && place_words(s, ra, rb) && !has_publisher_word(s, ra, rb) &&
      !memchr(s->w + ra, ',', rb - ra) && !memchr(s->w + ra, '.', rb - ra)) {
    set_field(s, RP_FIELD_PUBLISHER_PLACE, ra, rb);
    return true;
  }
  publisher_place(s, ce + 1, b);
  return true;
}

static void find_year_anywhere(st *s, size_t from) {
  if (s->r->field[RP_FIELD_YEAR])
    return;
  rpi_match m;
  size_t f = from, best = UNSET;
  bool best_paren = false;
  while (find(s, P_YEAR, f, &m)) {
    bool paren = m.start > 0 && (s->w[m.start - 1] == '(' || s->w[m.start - 1] == '[');
    /* prefer a bracketed year, else the last one */
    if (best == UNSET || paren || !best_paren) {
      if (!(best_paren && !paren)) {
        best = m.start;
        best_paren = paren;
      }
    }
    f = m.end;
  }
  if (best == UNSET && from > 0) {
    f = 0;
    while (find(s, P_YEAR, f, &m) && m.start < from) {
      best = m.start;
      f = m.end;
    }
  }
  if (best != UNSET)
    set_year(s, best, best + 4);
}

/* ---- 7. type ------------------------------------------------------------- */

/* A page range standing alone between separators when no locator gave
 * pages: "..., edited by D. Smith, 68-90. London: Verso", "(223-255)". Not
 * a span of years ("1930-1960"). */
static void bare_range(st *s, size_t from) {
  for (size_t i = from; i < s->n; i++) {
    if (!ascii_digit(s->w[i]) || (i > 0 && (ascii_digit(s->w[i - 1]) || ascii_alpha(s->w[i - 1]))))
      continue;
    size_t a = i, j = i;
    while (j < s->n && ascii_digit(s->w[j]))
      j++;
    if (j - a > 5 || j >= s->n || s->w[j] != '-')
      continue;
    size_t k = j + 1;
    size_t b0 = k;
    while (k < s->n && ascii_digit(s->w[k]))
      k++;
    if (k == b0 || k - b0 > 5 || (k < s->n && (ascii_alpha(s->w[k]) || s->w[k] == '-' || s->w[k] == '/')))
      continue;
    /* delimited: a separator or a bracket before, and after */
    size_t p = a;
    while (p > from && s->w[p - 1] == ' ')
      p--;
    char before = p > from ? s->w[p - 1] : ',';
    size_t q = k;
    while (q < s->n && s->w[q] == ' ')
      q++;
    char after = q < s->n ? s->w[q] : '.';
    if (!(before == ',' || before == '(' || before == '.' || before == ':') ||
        !(after == '.' || after == ',' || after == ')' || after == ';'))
      continue;
    if (a >= 2 && s->w[a - 1] == '.' && ascii_digit(s->w[a - 2]))
      continue; /* "A112.19.2-2008" */
    /* a span inside the title: "The Frankish World, 750-900" */
    const char *ti = s->r->field[RP_FIELD_TITLE];
    if (ti) {
      char pat[24];
      snprintf(pat, sizeof pat, "%.*s-%.*s", (int)(j - a), s->w + a, (int)(k - b0), s->w + b0);
      if (strstr(ti, pat))
        continue;
    }
    int y1 = j - a == 4 ? atoi(s->w + a) : 0, y2 = k - b0 == 4 ? atoi(s->w + b0) : 0;
    if ((y1 >= 1500 && y1 <= 2099) && (y2 == 0 || (y2 >= 1500 && y2 <= 2099)))
      continue; /* years */
    set_pages(s, a, k);
    blank(s, a, k);
    return;
  }
}

/* Whether the string hay holds the n bytes at nd. */
static bool contains(const char *hay, const char *nd, size_t n) {
  size_t hn = strlen(hay);
  for (size_t q = 0; q + n <= hn; q++)
    if (hay[q] == nd[0] && memcmp(hay + q, nd, n) == 0)
      return true;
  return false;
}

static void infer_type(st *s, bool chapter, size_t body) {
  rp_result *r = s->r;
  rpi_match m;
  bool has_container = r->field[RP_FIELD_CONTAINER_TITLE] != NULL;
  bool locator = r->field[RP_FIELD_VOLUME] || r->field[RP_FIELD_ISSUE];
  if (find(s, P_THESIS, body, &m)) {
    r->type = RP_TYPE_THESIS;
    set_field(s, RP_FIELD_GENRE, degree_before(s, body, m.start), m.end);
    return;
  }
  if (s->medium) {
    r->type = (rp_type)(s->medium - 1);
    return;
  }
  /* not "IEEE Software", the journal's name */
  if (find(s, P_SOFTWARE, 0, &m) &&
      !(has_container && m.end > m.start &&
        contains(r->field[RP_FIELD_CONTAINER_TITLE], s->w + m.start, m.end - m.start))) {
    r->type = RP_TYPE_SOFTWARE;
    return;
  }
  if (find(s, P_DATASET, 0, &m)) {
    r->type = RP_TYPE_DATASET;
    return;
  }
  if (r->field[RP_FIELD_ARXIV] ||
      (!locator && find(s, P_PREPRINT, 0, &m))) {
    r->type = RP_TYPE_ARTICLE;
    return;
  }
  const char *c = r->field[RP_FIELD_CONTAINER_TITLE];
  if (c && (strstr(c, "Proceedings") || strstr(c, "Proc.") || strstr(c, "Conference") ||
            strstr(c, "Symposium") || strstr(c, "Workshop") || strstr(c, "Congress") ||
            strstr(c, "Conf.") || strstr(c, "Meeting"))) {
    r->type = RP_TYPE_PAPER_CONFERENCE;
    return;
  }
  /* "In: Zeitschrift für Soziologie 42 (2013), Nr. 3": a journal after "In:" */
  if (chapter && r->field[RP_FIELD_VOLUME] && !r->n_names[RP_ROLE_EDITOR] && !r->field[RP_FIELD_PUBLISHER] &&
      !r->field[RP_FIELD_PUBLISHER_PLACE]) {
    r->type = RP_TYPE_ARTICLE_JOURNAL;
    return;
  }
  if (chapter || (has_container && !locator && r->n_names[RP_ROLE_EDITOR] && r->n_names[RP_ROLE_AUTHOR])) {
    r->type = RP_TYPE_CHAPTER;
    return;
  }
  if (find(s, P_REPORT, body, &m) && !locator) {
    r->type = RP_TYPE_REPORT;
    return;
  }
  if (has_container) {
    r->type = RP_TYPE_ARTICLE_JOURNAL;
    return;
  }
  if (s->webcue && r->field[RP_FIELD_URL]) {
    r->type = RP_TYPE_WEBPAGE;
    return;
  }
  if (r->field[RP_FIELD_PUBLISHER] || r->field[RP_FIELD_PUBLISHER_PLACE] ||
      r->field[RP_FIELD_ISBN] || r->field[RP_FIELD_NUMBER_OF_PAGES]) {
    r->type = RP_TYPE_BOOK;
    return;
  }
  if (r->field[RP_FIELD_URL] && !locator) {
    r->type = RP_TYPE_WEBPAGE;
    return;
  }
  r->type = RP_TYPE_ARTICLE_JOURNAL;
}

/* ---- driver --------------------------------------------------------------- */

static void set_locator(st *s, const loc *L) {
  if (L->v[0] != UNSET) {
    size_t va = L->v[0];
    /* "Phys. Rev. D91": the series letter belongs to the journal */
    if (L->v[1] - va >= 2 && s->w[va] >= 'A' && s->w[va] <= 'Z' && ascii_digit(s->w[va + 1]) && L->fam <= 2) {
      s->series = s->w[va];
      va++;
    }
    set_field(s, RP_FIELD_VOLUME, va, L->v[1]);
  }
  if (L->i[0] != UNSET) {
    size_t a = L->i[0], b = L->i[1];
    trim(s->w, &a, &b);
    /* "9911415 (1999)": a year in brackets, not an issue */
    bool year = b - a == 4 && L->fam != 3 && (at_lit(s, a, "19", 2) || at_lit(s, a, "20", 2)) &&
                ascii_digit(s->w[a + 2]) && ascii_digit(s->w[a + 3]);
    if (year) {
      if (!s->r->field[RP_FIELD_YEAR])
        set_year(s, a, b);
    } else {
      set_field(s, RP_FIELD_ISSUE, a, b);
    }
  }
  if (L->p[0] != UNSET)
    set_pages(s, L->p[0], L->p[1]);
  if (L->y[0] != UNSET && !s->r->field[RP_FIELD_YEAR])
    set_year(s, L->y[0], L->y[1]);
}

/* Digits in [a, b) only, at least one. */
static bool all_digits(const st *s, size_t a, size_t b) {
  if (b <= a)
    return false;
  for (size_t q = a; q < b; q++)
    if (!ascii_digit(s->w[q]))
      return false;
  return true;
}

/* The start of the digits ending at pe, after a space; UNSET if none. */
static size_t number_before(const st *s, size_t a, size_t pe) {
  size_t pa = pe;
  while (pa > a && ascii_digit(s->w[pa - 1]))
    pa--;
  if (pa == pe || pa < a + 1 || s->w[pa - 1] != ' ')
    return UNSET;
  return pa;
}

/* Legal citations, Bluebook "Title, 59 Am. J. Comp. L. 859, 902 (2011)" and
 * the Commonwealth "Title, (2009) 31 Cardozo L. Rev. 267": volume, an
 * abbreviated or capitalised journal, the first page, the year. [a, n) is
 * the text after the authors; true when it took the reference. */
static bool legal_citation(st *s, size_t a) {
  size_t e = s->n;
  while (e > a && (s->w[e - 1] == '.' || s->w[e - 1] == ' '))
    e--;
  size_t ya = UNSET, va, ve, ja, je, pa, pe, tb;
  if (e >= a + 6 && s->w[e - 1] == ')' && s->w[e - 6] == '(' && all_digits(s, e - 5, e - 1)) {
    /* US: "... 59 JOURNAL 859, 902 (2011)" */
    ya = e - 5;
    size_t q = e - 6;
    while (q > a && s->w[q - 1] == ' ')
      q--;
    pe = q;
    /* an optional pinpoint ", 902" */
    size_t z = pe;
    while (z > a && ascii_digit(s->w[z - 1]))
      z--;
    if (z >= a + 2 && z < pe && s->w[z - 1] == ' ' && s->w[z - 2] == ',') {
      pe = z - 2;
    }
    if ((pa = number_before(s, a, pe)) == UNSET)
      return false;
    je = pa - 1;
    /* the volume is the last number before the journal that follows a comma */
    size_t q2 = je;
    va = ve = UNSET;
    while (q2 > a) {
      q2--;
      if (s->w[q2] == ',' && q2 + 2 < je) {
        size_t k = skip_sp(s, q2 + 1);
        size_t kk = k;
        while (kk < je && ascii_digit(s->w[kk]))
          kk++;
        if (kk > k && kk < je && s->w[kk] == ' ') {
          va = k;
          ve = kk;
          tb = q2;
        }
        break;
      }
    }
    if (va == UNSET)
      return false;
    ja = skip_sp(s, ve);
  } else {
    /* Commonwealth: "..., (2009) 31 Cardozo L. Rev. 267" */
    pe = e;
    if ((pa = number_before(s, a, pe)) == UNSET)
      return false;
    je = pa - 1;
    size_t q = je;
    ya = UNSET;
    while (q > a + 7) {
      q--;
      if (s->w[q] == ')' && s->w[q - 5] == '(' && all_digits(s, q - 4, q) && q - 5 > a + 1 &&
          (s->w[q - 6] == ' ' || s->w[q - 6] == ',')) {
        ya = q - 4;
        break;
      }
      if (s->w[q] == ',')
        break;
    }
    if (ya == UNSET)
      return false;
    va = skip_sp(s, ya + 5);
    ve = va;
    while (ve < je && ascii_digit(s->w[ve]))
      ve++;
    if (ve == va || ve >= je || s->w[ve] != ' ')
      return false;
    ja = skip_sp(s, ve);
    tb = ya - 1;
    while (tb > a && (s->w[tb - 1] == ' ' || s->w[tb - 1] == '('))
      tb--;
    if (tb <= a || s->w[tb - 1] != ',')
      return false;
    tb--;
  }
  /* the journal: capitalised words, abbreviated or in capitals, up to 8 */
  while (je > ja && s->w[je - 1] == ' ')
    je--;
  if (je <= ja || !rpi_is_upper((unsigned char)s->w[ja]) || count_words(s, ja, je) > 8)
    return false;
  bool dotted = false, caps = true;
  for (size_t q = ja; q < je; q++) {
    if (s->w[q] == '.')
      dotted = true;
    if (s->w[q] >= 'a' && s->w[q] <= 'z')
      caps = false;
    if (ascii_digit(s->w[q]) || s->w[q] == ',' || s->w[q] == '(' || s->w[q] == ':')
      return false;
  }
  if (!dotted && !caps)
    return false;
  if (count_words(s, a, tb) < 2)
    return false;
  size_t ta = a, te = tb;
  strip_quotes(s, &ta, &te);
  set_title(s, ta, te);
  set_container(s, ja, je, UNSET);
  set_field(s, RP_FIELD_VOLUME, va, ve);
  set_pages(s, pa, pe);
  if (!s->r->field[RP_FIELD_YEAR])
    set_year(s, ya, ya + 4);
  return true;
}

/* "Journal of Clinical Oncology. November 10, 2011 2011;29(32)", "Expert
 * Review of Hematology. 2010/06/01 2010;3(3)": a publication date printed
 * between the journal and the locator. Returns the new end of the
 * title/journal region [a, e): e when no date with a month or in numbers
 * ends it. */
static size_t strip_date_before(const st *s, size_t a, size_t e) {
  /* only before a locator that opens with the year ("2011;29(32)") */
  size_t y = skip_sp(s, e);
  if (y + 4 > s->n || !all_digits(s, y, y + 4) || (y + 4 < s->n && ascii_digit(s->w[y + 4])))
    return e;
  size_t re = e;
  bool dated = false;
  for (int guard = 0; guard < 4; guard++) {
    size_t we = re;
    while (we > a && (s->w[we - 1] == ' ' || s->w[we - 1] == ',' || s->w[we - 1] == '.'))
      we--;
    size_t ws = we;
    while (ws > a && s->w[ws - 1] != ' ')
      ws--;
    if (ws <= a || we == ws)
      break;
    size_t n = we - ws;
    bool month = rpi_lex_month(s->w + ws, n) != 0;
    bool slash = n == 10 && all_digits(s, ws, ws + 4) && (s->w[ws + 4] == '/' || s->w[ws + 4] == '-') &&
                 all_digits(s, ws + 5, ws + 7) && all_digits(s, ws + 8, ws + 10);
    bool year = n == 4 && all_digits(s, ws, we) && (s->w[ws] == '1' || s->w[ws] == '2');
    bool day = n <= 2 && all_digits(s, ws, we);
    if (day) {
      /* a day only after its month: "November 10," */
      size_t pe = ws;
      while (pe > a && s->w[pe - 1] == ' ')
        pe--;
      size_t ps = pe;
      while (ps > a && s->w[ps - 1] != ' ')
        ps--;
      day = pe > ps && rpi_lex_month(s->w + ps, pe - ps);
    }
    if (!(month || slash || year || day))
      break;
    dated |= month || slash;
    re = ws;
  }
  return dated && count_words(s, a, re) >= 2 ? re : e;
}

/* "Meeting #107, Prague, Czech Republic, 26th -30th August 2019": an
 * event's place and dates after its name. Returns the comma before the
 * place, or UNSET. */
static size_t place_date_tail(const st *s, size_t a, size_t b) {
  while (b > a && is_edge(s->w[b - 1]))
    b--;
  size_t c = b;
  while (c > a && s->w[c - 1] != ',')
    c--;
  if (c <= a + 1)
    return UNSET;
  /* the dates: a month name and digits */
  bool month = false, digit = false;
  for (size_t q = c; q < b;) {
    while (q < b && s->w[q] == ' ')
      q++;
    size_t e = q;
    while (e < b && s->w[e] != ' ' && s->w[e] != '-')
      e++;
    month |= e > q && rpi_lex_month(s->w + q, e - q);
    for (size_t z = q; z < e; z++)
      digit |= ascii_digit(s->w[z]);
    q = e + 1;
  }
  if (!month || !digit)
    return UNSET;
  size_t cut = UNSET, e = c - 1;
  for (int segs = 0; segs < 3; segs++) {
    size_t d = e;
    while (d > a && s->w[d - 1] != ',')
      d--;
    if (d <= a + 1)
      break;
    int k = imprint_seg(s, d, e);
    if (k != SEG_PLACE && k != SEG_CITY && k != SEG_REGION)
      break;
    cut = d - 1;
    e = d - 1;
  }
  return cut != UNSET && count_words(s, a, cut) >= 1 ? cut : UNSET;
}

/* "Title, IEEE Transactions on Fuzzy Systems, in press" / "Title, Journal
 * of Algorithms, 2004": with no locator, a comma before a segment that
 * opens with a journal word and is followed by nothing but a year or a
 * status note. Returns the comma (the journal ends at *je) or UNSET. */
static size_t journal_comma(const st *s, size_t a, size_t b, size_t *je) {
  for (size_t q = a + 8; q + 4 < b; q++) {
    if (s->w[q] != ',')
      continue;
    size_t k = skip_sp(s, q + 1);
    size_t we = k;
    while (we < b && s->w[we] != ' ' && s->w[we] != ',' && s->w[we] != '.')
      we++;
    if (!rpi_is_upper((unsigned char)s->w[k]) ||
        !(rpi_lex_is_journal_word(s->w + k, we - k) || (we - k == 4 && at_lit(s, k, "IEEE", 4)) ||
          (we - k == 3 && at_lit(s, k, "ACM", 3)) || (we - k == 12 && at_lit(s, k, "Transactions", 12))))
      continue;
    size_t e = k;
    while (e < b && s->w[e] != ',')
      e++;
    if (count_words(s, a, q) < 3 || count_words(s, k, e) > 10)
      return UNSET;
    /* what follows: nothing, a year, or a status note */
    size_t r0 = e;
    while (r0 < b && (s->w[r0] == ',' || s->w[r0] == ' ' || s->w[r0] == '.'))
      r0++;
    size_t r1 = b;
    while (r1 > r0 && (s->w[r1 - 1] == ' ' || s->w[r1 - 1] == '.'))
      r1--;
    bool ok = r0 >= r1 || (r1 - r0 == 4 && all_digits(s, r0, r1)) ||
              (r1 - r0 == 5 && all_digits(s, r0, r0 + 4) && ascii_alpha(s->w[r0 + 4])) ||
              genre_only((st *)s, r0, r1);
    if (!ok)
      return UNSET;
    size_t ce = e;
    while (ce > k && (s->w[ce - 1] == ' ' || s->w[ce - 1] == '.'))
      ce--;
    *je = ce;
    return q;
  }
  return UNSET;
}

/* A book cited with a page or a volume, its imprint before or after the
 * locator: "Computer Graphics: Principles and Practice, pp. 992-996,
 * Addison-Wesley, Massachusetts 1990.", "A Void. London: The Harvill
 * Press, 1995. p.108.", "Obra Crítica, vol. 2. Rio de Janeiro: Casa de Rui
 * Barbosa, 1960." The region before the locator is [a, L->a). True when it
 * set the title and the imprint. */
static bool book_with_locator(st *s, size_t a, const loc *L) {
  if (L->i[0] != UNSET || (L->v[0] != UNSET && L->p[0] != UNSET))
    return false;
  size_t ra = a, rb = L->a;
  while (rb > ra && (s->w[rb - 1] == ' ' || s->w[rb - 1] == ',' || s->w[rb - 1] == '.'))
    rb--;
  size_t qa, qb, qe;
  if (rb <= ra || find_in_at(s, ra) || quoted(s, ra, rb, &qa, &qb, &qe))
    return false;
  /* "..., Lecture Notes in Computer Science, Vol. 323": a series or a
   * journal named in the region */
  for (size_t q = ra; q < rb;) {
    size_t e = q;
    while (e < rb && s->w[e] != ' ' && s->w[e] != ',' && s->w[e] != '.')
      e++;
    if (e > q && rpi_lex_is_journal_word(s->w + q, e - q))
      return false;
    q = e + 1;
  }
  size_t fs = first_stop(s, ra, rb);
  if (fs < rb) {
    /* the imprint inside the region: "A Void. London: The Harvill Press, 1995" */
    size_t k = skip_sp(s, fs + 1);
    if (!place_colon_at(s, k, rb) || first_stop(s, k, rb) < rb || count_words(s, ra, fs) > 20 ||
        !(has_publisher_word(s, k, rb) || (rb >= k + 4 && all_digits(s, rb - 4, rb))))
      return false;
    set_title(s, ra, fs);
    publisher_place(s, k, rb);
    return true;
  }
  /* the imprint after the locator: a publisher word or "Place: Publisher" */
  size_t k = L->b;
  while (k < s->n && (s->w[k] == ' ' || s->w[k] == ',' || s->w[k] == '.'))
    k++;
  if (k >= s->n || count_words(s, ra, rb) > 15 || !rpi_is_upper((unsigned char)s->w[k]) ||
      !(has_publisher_word(s, k, s->n) || place_colon_at(s, k, s->n)))
    return false;
  set_title(s, ra, rb);
  publisher_place(s, k, s->n);
  return true;
}

/* Capitalised words that open or fill titles and are not personal names
 * (English function words and common title nouns; surnames such as
 * "Law", "Power" or "Case" left out). */
static bool title_word(const char *w, size_t n) {
  /* by first letter, each list separated by single spaces */
  static const char *const tw[26] = {
      ['A' - 'A'] = "And As At Against Among Analysis",
      ['B' - 'A'] = "By Beyond Between",
      ['C' - 'A'] = "Culture Cultural Colonial",
      ['D' - 'A'] = "Development Democracy Dissertation",
      ['E' - 'A'] = "Essays Economic Economics Economy Education Empire",
      ['F' - 'A'] = "For From Friendship",
      ['G' - 'A'] = "Global Guide",
      ['H' - 'A'] = "How History Historical Health Handbook",
      ['I' - 'A'] = "In Introduction International",
      ['L' - 'A'] = "Language Literature",
      ['M' - 'A'] = "Modernity Management Methods",
      ['N' - 'A'] = "National",
      ['O' - 'A'] = "Of On Origins",
      ['P' - 'A'] = "Political Politics Public Policy Proceedings Philosophy Perspective Perspectives "
                    "Practice Principles Pathologies",
      ['R' - 'A'] = "Research Religion Revolution Report",
      ['S' - 'A'] = "Society Social Studies Science Sciences Systems Sacrament",
      ['T' - 'A'] = "The To Toward Towards Theory Thesis",
      ['W' - 'A'] = "Without Within Why What When Where World",
  };
  if (n < 2 || w[0] < 'A' || w[0] > 'Z' || !tw[w[0] - 'A'])
    return false; /* every word is ASCII, capitalised, 2+ letters */
  for (const char *t = tw[w[0] - 'A'];;) {
    size_t l = strcspn(t, " ");
    if (l == n && memcmp(t, w, n) == 0)
      return true;
    if (!t[l])
      return false;
    t += l + 1;
  }
}

/* Whether a parsed name holds a title word: "Anthony Giddens, Beyond
 * Left and Right" read "Beyond Left" as a name. */
static bool name_has_title_word(const st *s, const rpi_pname *nm) {
  if (nm->literal)
    return false;
  for (size_t q = nm->fam_a; q < nm->fam_b;) {
    size_t e = q;
    while (e < nm->fam_b && s->w[e] != ' ')
      e++;
    if (title_word(s->w + q, e - q))
      return true;
    q = e + 1;
  }
  for (const char *g = nm->given; *g;) {
    size_t l = strcspn(g, " ");
    if (l >= 2 && g[l - 1] != '.' && title_word(g, l))
      return true;
    g += l;
    while (*g == ' ')
      g++;
  }
  return false;
}

/* Drop the names from the first one that holds a title word, and end the
 * list at the comma before it; the first name is read again in natural
 * order when it is the one ("Robert Redfield, Peasant Society and
 * Culture"). */
static void drop_title_names(st *s, size_t start, rpi_namelist *nl) {
  size_t i = 0;
  while (i < nl->n && !name_has_title_word(s, &nl->v[i]))
    i++;
  if (i >= nl->n || nl->et_al)
    return;
  /* where the offending name starts: its family, or its given name
   * printed before it */
  size_t e = nl->v[i].fam_a;
  size_t gl = strlen(nl->v[i].given);
  if (gl && e > gl && memcmp(s->w + e - gl - 1, nl->v[i].given, gl) == 0)
    e -= gl + 1;
  size_t lim = UNSET;
  if (i == 0) {
    lim = nl->v[0].fam_b;
    while (lim < s->n && s->w[lim] != ',')
      lim++;
  } else {
    for (size_t q = e; q-- > start;)
      if (s->w[q] == ',' || s->w[q] == ';') {
        lim = q;
        break;
      }
  }
  if (lim == UNSET || lim >= s->n)
    return;
  rpi_namelist *re = malloc(sizeof *re);
  if (!re)
    return;
  size_t want = i ? i : 1;
  if (rpi_names_parse(s->w, start, lim, re) == want && re->n == want && !name_has_title_word(s, &re->v[0])) {
    re->end = lim;
    *nl = *re;
  }
  free(re);
}

/* Whether a word could belong to a person's name printed in a reference
 * whose title comes first: not a journal, body or abbreviation word and
 * not a word in capitals ("INTERNATIONAL JOURNAL OF", "Eos, Trans."). */
static bool person_word(const char *w, size_t n) {
  while (n && (w[n - 1] == '.' || w[n - 1] == ','))
    n--;
  if (n < 3)
    return true;
  bool caps = true;
  for (size_t q = 0; q < n && caps; q++)
    caps = !(w[q] >= 'a' && w[q] <= 'z');
  return !caps && !rpi_lex_is_journal_word(w, n) && !rpi_lex_is_org_word(w, n) && !rpi_lex_is_abbrev(w, n);
}

static bool plain_person(const st *s, const rpi_pname *nm) {
  for (size_t q = nm->fam_a; q < nm->fam_b;) {
    size_t e = q;
    while (e < nm->fam_b && s->w[e] != ' ')
      e++;
    if (!person_word(s->w + q, e - q))
      return false;
    q = e + 1;
  }
  for (const char *g = nm->given; *g;) {
    size_t l = strcspn(g, " ");
    if (!person_word(g, l))
      return false;
    g += l;
    while (*g == ' ')
      g++;
  }
  return true;
}

/* Catalogue and database exports put the title first: "The Dome of the
 * Rock and its Umayyad mosaic inscriptions. Marcus Milwright. Edinburgh :
 * Edinburgh University Press 2016", "Title. Hallinan, Maureen T; Teixeira,
 * Ruy A. Child Development. 58.5". When the second sentence is a whole
 * list of personal names, they are the authors and the sentence is
 * blanked; nl is scratch space. */
static void names_after_title(st *s, rpi_namelist *nl) {
  size_t a = skip_sp(s, 0);
  size_t te = first_stop(s, a, s->n);
  if (te >= s->n || count_words(s, a, te) < 3)
    return;
  /* "Cervantes, Miguel de (2004). Don Quijote": not a title, a date */
  for (size_t q = a; q + 4 <= te; q++)
    if (all_digits(s, q, q + 4))
      return;
  size_t ns = skip_sp(s, te + 1);
  if (!rpi_names_parse(s->w, ns, s->n, nl) || nl->n == 0)
    return;
  for (size_t i = 0; i < nl->n; i++)
    if (nl->v[i].literal || !nl->v[i].given[0] || name_has_title_word(s, &nl->v[i]) ||
        !plain_person(s, &nl->v[i]))
      return;
  /* the list fills the sentence: a stop right after it */
  size_t e = nl->end;
  while (e < s->n && s->w[e] == ' ')
    e++;
  if (e > 0 && s->w[e - 1] == '.' && (e >= s->n || s->w[e] != '.'))
    e--;
  else if (!(e < s->n && s->w[e] == '.'))
    return;
  size_t after = skip_sp(s, e + 1);
  if (after >= s->n || !rpi_is_upper((unsigned char)s->w[after]))
    return;
  commit_names(s, nl, RP_ROLE_AUTHOR);
  blank(s, ns, e + 1);
}

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
  pairs_init(&s);
  if (t->citation_number)
    rpi_result_set(r, RP_FIELD_CITATION_NUMBER, t->citation_number,
                   strlen(t->citation_number), t->citation_off, t->citation_len);
  if (s.n == 0) {
    rpi_result_warn(r, RP_WARN_EMPTY, 0, t->raw_len, "empty reference");
    goto done;
  }
  take_ids(&s);

  /* names */
  size_t pos = 0;
  rpi_namelist *nl = malloc(sizeof *nl);
  if (!nl) {
    free(s.w);
    return RP_ERR_NOMEM;
  }
  size_t oe = cjk_authors(&s, skip_sp(&s, 0));
  if (!oe)
    oe = org_author(&s, skip_sp(&s, 0));
  size_t nn = oe ? 0 : rpi_names_parse(s.w, skip_sp(&s, 0), s.n, nl);
  if (oe) {
    pos = oe;
    /* "Statistisches Bundesamt (Hrsg.):": the organisation edited it */
    size_t mk = editor_mark(&s, pos);
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
    drop_title_names(&s, skip_sp(&s, 0), nl);
    /* "G. Nagy, Homeric Questions, Austin 1996a.": a title read as a
     * natural-order name when only the imprint follows */
    if (nl->n >= 2 && nl->n == nl->total && !nl->et_al) {
      rpi_pname *lst = &nl->v[nl->n - 1];
      size_t gl = strlen(lst->given);
      size_t k = skip_sp(&s, nl->end);
      if (!lst->literal && gl && !strchr(lst->given, '.') && lst->fam_a > gl + 1 &&
          !memcmp(s.w + lst->fam_a - gl - 1, lst->given, gl) && k < s.n && s.w[k] == ',' &&
          place_year_tail(&s, k, s.n)) {
        size_t e = lst->fam_a - gl - 1;
        while (e > 0 && (s.w[e - 1] == ' ' || s.w[e - 1] == ','))
          e--;
        nl->n--;
        nl->total--;
        nl->end = e;
      }
    }
    size_t mark = editor_mark(&s, nl->end);
    commit_names(&s, nl, mark ? RP_ROLE_EDITOR : RP_ROLE_AUTHOR);
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
        commit_names(&s, last, RP_ROLE_AUTHOR);
        pos = last->end;
      }
      free(last);
    }
    /* APA audiovisual works: "Davidson, F. (Producer), & Davidson, J.
     * (Director)." - the creators, with their roles in brackets */
    for (int guard = 0; !mark && guard < 8; guard++) {
      size_t rm = role_mark(&s, pos);
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
      if (m2 && role_mark(&s, more->end)) {
        commit_names(&s, more, RP_ROLE_AUTHOR);
        pos = more->end;
      }
      free(more);
    }
  } else {
    size_t e = caps_author(&s, skip_sp(&s, 0));
    if (e)
      pos = e;
  }
  if (!r->n_names[RP_ROLE_AUTHOR] && !r->n_names[RP_ROLE_EDITOR] && pos == 0)
    names_after_title(&s, nl);
  free(nl);
  size_t d = date_after_names(&s, pos);
  if (d) {
    if (s.year_a != UNSET)
      set_year(&s, s.year_a, s.year_b);
    pos = d;
  }
  pos = skip_sp(&s, pos);
  while (pos < s.n && (s.w[pos] == '.' || s.w[pos] == ',' || s.w[pos] == ':' || s.w[pos] == ';'))
    pos = skip_sp(&s, pos + 1);
  s.body = pos;

  bool chapter = false;
  if (legal_citation(&s, pos))
    goto tail;
  /* chapter marker */
  size_t in_after = 0;
  size_t in_at = find_in(&s, pos, s.n, &in_after);

  loc L;
  bool have = find_locator(&s, pos, &L);
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
    set_locator(&s, &L);
    if (p->flags & RP_OPT_DEDUP_LOCATORS)
      drop_duplicates(&s, &L);
  }
  /* number of pages ("362 p.") when no page range was found */
  rpi_match m;
  if (!r->field[RP_FIELD_PAGE] && find(&s, P_NPAGES, pos, &m)) {
    size_t a = m.g[1][0];
    if (!(have && a >= L.a && a < L.b) && (a == 0 || s.w[a - 1] == ' ')) {
      set_field(&s, RP_FIELD_NUMBER_OF_PAGES, m.g[1][0], m.g[1][1]);
      blank(&s, m.start, m.end);
    }
  }
  if (find(&s, P_EDITION, pos, &m)) {
    int g = gset(&m, 1) ? 1 : 2;
    set_field(&s, RP_FIELD_EDITION, m.g[g][0], m.g[g][1]);
    blank(&s, m.start, m.end);
  }

  size_t region_end = have ? L.a : s.n;
  if (in_at != UNSET && in_at < region_end) {
    /* Title. In: Editors (eds) Book. Publisher. */
    size_t ta = pos, tb = in_at;
    size_t qa, qb, after;
    if (quoted(&s, ta, tb, &qa, &qb, &after))
      set_title(&s, qa, qb);
    else
      set_title(&s, ta, tb);
    chapter = chapter_tail(&s, in_after, region_end);
    if (have && L.b < s.n)
      publisher_place(&s, L.b, s.n);
  } else if (have) {
    /* "Infancy. 2011 Volume 16": a year between the journal and the locator */
    size_t ra = L.a;
    while (ra > pos && (s.w[ra - 1] == ' ' || s.w[ra - 1] == ',' || s.w[ra - 1] == '.'))
      ra--;
    if (ra >= pos + 6 && ascii_digit(s.w[ra - 1]) && ascii_digit(s.w[ra - 4]) && !ascii_digit(s.w[ra - 5]) &&
        (s.w[ra - 5] == ' ' || s.w[ra - 5] == ',') && (s.w[ra - 4] == '1' || s.w[ra - 4] == '2')) {
      if (!r->field[RP_FIELD_YEAR])
        set_year(&s, ra - 4, ra);
      L.a = ra - 4;
    }
    L.a = strip_date_before(&s, pos, L.a);
    if (!book_with_locator(&s, pos, &L))
      split_title_container(&s, pos, L.a);
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
        publisher_place(&s, ta, tb);
    }
    if (!r->field[RP_FIELD_TITLE] && !r->field[RP_FIELD_CONTAINER_TITLE])
      rpi_result_warn(r, RP_WARN_NO_TITLE, 0, 0, "no title found");
  } else {
    /* no locator: book, thesis, report, web page */
    size_t qa, qb, after;
    size_t rest;
    if (quoted(&s, pos, s.n, &qa, &qb, &after)) {
      set_title(&s, qa, qb);
      rest = after;
      /* “Article,” New Yorker, 5 February 2007 / “Title,” PAMI, 2004 */
      size_t ca = skip_sp(&s, rest);
      while (ca < s.n && (s.w[ca] == ',' || s.w[ca] == '.'))
        ca = skip_sp(&s, ca + 1);
      {
        /* "“Title.” Matthew J. Smith and Randy Duncan (eds.). Book." */
        rpi_namelist *el = malloc(sizeof *el);
        if (el && rpi_names_parse_any(s.w, ca, s.n, el)) {
          size_t mk = editor_mark(&s, el->end);
          if (mk) {
            if (!r->n_names[RP_ROLE_EDITOR])
              commit_names(&s, el, RP_ROLE_EDITOR);
            ca = mk;
            while (ca < s.n && (s.w[ca] == ',' || s.w[ca] == '.' || s.w[ca] == ' '))
              ca++;
            chapter = true;
            size_t cs = first_stop(&s, ca, s.n);
            if (cs > ca + 3) {
              set_container(&s, ca, cs, UNSET);
              rest = cs;
            }
          }
        }
        free(el);
      }
      size_t ce = ca;
      bool procv = ca < s.n && (proc_at(&s, ca) || at_lit(&s, ca, "Conf. ", 6));
      if (procv) {
        ce = proc_end(&s, ca, s.n);
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
        set_container(&s, ca, ce, UNSET);
        rest = ce;
      } else if (ce > ca && rpi_is_upper(f0) && !colon && count_words(&s, ca, ce) <= 8 &&
          !has_publisher_word(&s, ca, ce) && !find_in_at(&s, ca)) {
        size_t k = skip_sp(&s, ce + 1);
        bool dated = k < s.n && (ascii_digit(s.w[k]) || (k + 3 <= s.n && rpi_lex_month(s.w + k, 3)) || ce >= s.n ||
                                 rpi_lex_month(s.w + k, (size_t)(strchr(s.w + k, ' ') ? strchr(s.w + k, ' ') - (s.w + k) : 0)));
        if (dated || ce >= s.n || s.w[ce] == '.') {
          set_container(&s, ca, ce, UNSET);
          rest = ce;
        }
      }
    } else {
      size_t te = first_stop(&s, pos, s.n);
      /* "... to Global Jihad London: I.B.Tauris, 2007": a known city and
       * its colon right after the title's last word, with no stop */
      size_t pc0 = publisher_cut(&s, pos, te);
      for (size_t q = pos + 8; q + 4 < te && (pc0 == UNSET || q < pc0); q++) {
        if (s.w[q - 1] != ' ' || !ascii_alpha(s.w[q - 2]) || !rpi_is_upper((unsigned char)s.w[q]))
          continue;
        /* "Democracy in Rio de Janeiro: Trafficking": the city belongs to
         * the title after a preposition */
        size_t pw = word_before(&s, q - 1, pos);
        if (s.w[pw] >= 'a' && s.w[pw] <= 'z' && q - 1 - pw <= 6)
          continue;
        const char *colon = memchr(s.w + q, ':', te - q < 24 ? te - q : 24);
        if (!colon)
          continue;
        size_t ce = (size_t)(colon - s.w);
        while (ce > q && s.w[ce - 1] == ' ')
          ce--;
        if (rpi_lex_is_city(s.w + q, ce - q) && count_words(&s, pos, q) >= 3) {
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
          if (place_year_tail(&s, q, s.n)) {
            pyc = q;
            break;
          }
        }
      size_t cpt_c0 = 0, cpt_c1 = 0, cpt_u0 = 0, cpt_u1 = 0;
      size_t cpt = pyc == UNSET ? city_pub_tail(&s, pos, s.n, &cpt_c0, &cpt_c1, &cpt_u0, &cpt_u1) : UNSET;
      if (cpt != UNSET && cpt > pos + 3) {
        size_t ls = cpt;
        while (ls > pos && !real_stop(&s, pos, cpt, ls))
          ls--;
        bool ok = ls <= pos;
        if (!ok) {
          bool lower = false;
          for (size_t q = ls + 1; q + 1 < cpt; q++)
            lower |= s.w[q] == ' ' && s.w[q + 1] >= 'a' && s.w[q + 1] <= 'z';
          ok = lower && count_words(&s, ls + 1, cpt) >= 3 && !has_publisher_word(&s, ls, cpt) &&
               !find_in_at(&s, skip_sp(&s, ls + 1));
        }
        if (ok) {
          set_field(&s, RP_FIELD_PUBLISHER_PLACE, cpt_c0, cpt_c1);
          set_field(&s, RP_FIELD_PUBLISHER, cpt_u0, cpt_u1);
          te = cpt;
        } else {
          cpt = UNSET;
        }
      } else {
        cpt = UNSET;
      }
      if (pyc == UNSET && cpt == UNSET) {
        size_t ci = comma_imprint(&s, pos, te);
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
        if (plain && lower && count_words(&s, ls + 1, pyc) >= 3 && ls > pos && !has_publisher_word(&s, ls, pyc) && !find_in_at(&s, skip_sp(&s, ls + 1)) &&
            !proc_at(&s, skip_sp(&s, ls + 1)))
          te = pyc;
        else
          pyc = UNSET;
      } else {
        pyc = UNSET;
      }
      /* "The MACSYMA System, Proceedings of Second Symposium on ..." */
      for (size_t q = pos + 3; q + 6 < te; q++)
        if (s.w[q] == ',' && proc_at(&s, skip_sp(&s, q + 1))) {
          te = q;
          break;
        }
      /* "The authentic heart. An eightfold path to midlife love. New York:
       * Wiley.": a book's subtitle sentence right before its imprint */
      if (pyc == UNSET && te < s.n && !r->field[RP_FIELD_CONTAINER_TITLE])
        te = subtitle_end(&s, te);
      /* "Title (Publisher, City, 1993)" and "Title, MIT Press, 1986" */
      size_t pe = pyc != UNSET ? UNSET : publisher_cut(&s, pos, te);
      if (pyc != UNSET && pyc == cpt) {
        set_title(&s, pos, pyc);
        rest = s.n;
      } else if (pyc != UNSET) {
        /* "Title, Librairie illustrée, Paris, 1892": the publisher before */
        size_t ci = comma_imprint(&s, pos, pyc);
        if (ci != UNSET && ci > pos + 3) {
          size_t ua = skip_sp(&s, ci + 1), ub = pyc;
          trim(s.w, &ua, &ub);
          set_field(&s, RP_FIELD_PUBLISHER, ua, ub);
          pyc = ci;
        }
        set_title(&s, pos, pyc);
        size_t pa = skip_sp(&s, pyc + 1), pb = pa;
        while (pb < s.n && !ascii_digit(s.w[pb]))
          pb++;
        trim(s.w, &pa, &pb);
        if (pb > pa)
          set_field(&s, RP_FIELD_PUBLISHER_PLACE, pa, pb);
        rest = s.n;
      } else if (pe != UNSET) {
        set_title(&s, pos, pe);
        rest = pe;
      } else {
        size_t je = UNSET;
        size_t jc = journal_comma(&s, pos, te, &je);
        size_t pd = jc == UNSET ? place_date_tail(&s, pos, te) : UNSET;
        if (pd != UNSET) {
          /* "Meeting #107, Prague, Czech Republic, 26th -30th August 2019" */
          set_title(&s, pos, pd);
          rest = s.n;
        } else if (jc != UNSET) {
          /* "Graph coloring heuristics, Journal of Algorithms, 2004." */
          set_title(&s, pos, jc);
          set_container(&s, skip_sp(&s, jc + 1), je, UNSET);
          rest = je;
        } else {
          set_title(&s, pos, te);
          rest = te < s.n ? te + 1 : s.n;
        }
      }
    }
    rest = skip_sp(&s, rest);
    while (rest < s.n && (s.w[rest] == ',' || s.w[rest] == '.'))
      rest = skip_sp(&s, rest + 1);
    if (!r->field[RP_FIELD_CONTAINER_TITLE] && rest < s.n && proc_at(&s, rest)) {
      size_t ce = proc_end(&s, rest, s.n);
      set_container(&s, rest, ce, UNSET);
      rest = ce;
      /* "..., 109-114." pages after the proceedings name */
      size_t k = skip_sp(&s, rest < s.n && s.w[rest] == ',' ? rest + 1 : rest);
      size_t e = k;
      while (e < s.n && (ascii_digit(s.w[e]) || s.w[e] == '-'))
        e++;
      if (!r->field[RP_FIELD_PAGE] && e > k + 2 && ascii_digit(s.w[k]) && memchr(s.w + k, '-', e - k) &&
          (e >= s.n || s.w[e] == '.' || s.w[e] == ',' || s.w[e] == ' ')) {
        set_pages(&s, k, e);
        blank(&s, k, e);
        rest = e;
      }
    }
    if (!r->field[RP_FIELD_CONTAINER_TITLE] && !r->field[RP_FIELD_EDITION] && rest < s.n &&
        journal_year_tail(&s, rest)) {
      size_t ce = rest;
      while (ce < s.n && s.w[ce] != ',' && !(s.w[ce] == '.' && (ce + 1 >= s.n || s.w[ce + 1] == ' ')))
        ce++;
      set_container(&s, rest, ce, UNSET);
      rest = ce;
    }
    if (rest < s.n && !find(&s, P_THESIS, rest, &m) && !find(&s, P_REPORT, rest, &m)) {
      /* a second sentence followed by City: Publisher may be a series or
       * a journal; keep it simple: publisher info from the rest */
      publisher_place(&s, rest, s.n);
    } else if (rest < s.n) {
      publisher_place(&s, rest, s.n);
    }
  }
tail:
  find_translators(&s, pos);
  find_year_anywhere(&s, pos);
  if (!r->field[RP_FIELD_PAGE] && !r->field[RP_FIELD_NUMBER_OF_PAGES])
    bare_range(&s, pos);
  infer_type(&s, chapter, pos);
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
