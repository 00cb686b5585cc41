/*
 * patterns.c: the parser's PCRE2 patterns, by id (scan.h), compiled once
 * per parser.
 */
#include "parse.h"

#include <string.h>

#include "scan.h"
#include "title.h"

#define YEAR "(?:1[5-9]|20)[0-9][0-9]"
#define PG "(?:[A-Za-z]{1,5}[0-9]+|[0-9]+[A-Za-z]?)(?:\\s?-{1,2}\\s?(?:[A-Za-z]{1,3})?[0-9]+[A-Za-z]?)?"
/* "1, 5", "12-14, 18": discontinuous pages, never a year after the comma */
#define PGL PG "(?:\\s*,\\s*(?!(?:1[5-9]|20)[0-9][0-9]\\b)[0-9]{1,4}(?:-[0-9]{1,4})?(?=\\s*(?:;|\\.\\s*(?:$|[A-Z(\\[]|http|doi)|,\\s*[0-9]|$)))*"
#define MONTH "(?:[A-Za-z][a-z]{2,8}\\.?(?:\\s?[-/]\\s?[A-Za-z][a-z]{2,8}\\.?)?|Spring|Summer|Fall|Autumn|Winter)"

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

int rpi_parse_compile(rp_parser *p) {
  rpi_title_lit_filters_init(p);
  size_t bad = 0;
  unsigned fl[P_COUNT];
  memcpy(fl, pattern_flags, sizeof fl);
  if (p->flags & RP_OPT_NO_JIT)
    fl[0] |= RPI_RX_NO_JIT;
  return rpi_rx_new(pattern_src, fl, P_COUNT, &p->rx, &bad);
}
