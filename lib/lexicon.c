#include "lexicon.h"

#include <pthread.h>
#include <string.h>

/* w[0..n) against the NUL-terminated e in byte order (strcmp's order, a
 * prefix first); fold: ASCII letters compared as lower case. */
static int word_cmp(const char *w, size_t n, const char *e, bool fold) {
  for (size_t k = 0; k < n; k++) {
    unsigned char a = (unsigned char)w[k], b = (unsigned char)e[k];
    if (fold && a >= 'A' && a <= 'Z')
      a = (unsigned char)(a + 32);
    if (fold && b >= 'A' && b <= 'Z')
      b = (unsigned char)(b + 32);
    if (b == 0 || a != b)
      return (b == 0 || a > b) ? 1 : -1;
  }
  return e[n] ? -1 : 0;
}

/* Binary search in list[0..count), sorted in word_cmp's order (with the
 * same fold): the lists below are kept sorted so for this. */
static inline bool in_sorted(const char *const *list, size_t count, const char *w, size_t n, bool fold) {
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int d = word_cmp(w, n, list[mid], fold);
    if (d == 0)
      return true;
    if (d < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return false;
}
#define NWORDS(list) (sizeof list / sizeof list[0] - 1) /* without the NULL */
static bool in_list(const char *const *list, size_t count, const char *w, size_t n) {
  return in_sorted(list, count, w, n, false);
}

/* Source: ISO 4 List of Title Word Abbreviations (LTWA, ISSN International
 * Centre), the common entries as used by NLM/MEDLINE journal abbreviations. */
static const char *const abbrevs[] = {
    "Program", "Methodol", "Comput", "Graph", "Archit", "Parallel", "Distrib", "Embed",
    "Statist", "Oper", "Ling", "Philos", "Hist", "Sociol", "Stud", "Probab", "Manage",
    "Class", "Fis", "Astropart", "Cosmol", "Grav", "Relativ", "Quantum", "Part", "Ser",
    "Opin", "Neurobiol", "Genom", "Proteom", "Metab", "Cytol", "Histol", "Embryol",
    "Immun", "Investig", "Pract", "Sociol", "Anthropol", "Archaeol", "Philol", "Relig",
    "Theol", "Hosp", "Emerg", "Crit", "Palliat", "Agron", "Hortic", "Aquat", "Ornithol",
    "Paleontol", "Palaeontol", "Mineral", "Petrol", "Sediment", "Geochim", "Cosmochim",
    "Hydrobiol", "Limnol", "Climatol", "Glaciol", "Photogramm", "Cartogr", "Transp",
    "Energ", "Renew", "Sustain", "Manuf", "Constr", "Aerosp", "Electr", "Artif",
    "Differ", "Equ", "Funct", "Telecommun", "Microw", "Propag", "Compos", "Ceram",
    "Corros", "Surf", "Semin", "Perspect", "Maxillofac", "Orthod", "Periodontol",
    "Endod", "Prosthet", "Otol", "Laryngoscope", "Psychosom", "Neuropsychol",
    "Neuropsychopharmacol", "Psychopharmacol", "Pharmacother", "Toxicol", "Ecotoxicol",
    "Biogeogr", "Syst", "Phylogenet", "Evol", "Entomol", "Parasit", "Helminthol",
    "Protozool", "Bacteriol", "Mycobiol", "Phytopathol", "Physiother", "Kinesiol",
    "Biomech", "Orthop", "Traumatol", "Arthroplast", "Urol", "Androl", "Sex",
    "Comm", "Rec", "Intl", "Int'l", "Art", "Amer", "Mtg", "Conv", "Colloq",
    "Sympos", "Internat", "Nat'l", "Assn", "Akad", "Wiss", "Verh", "Ges",
    "J", "Proc", "Natl", "Acad", "Sci", "Res", "Rev", "Int", "Am", "Biol",
    "Chem", "Med", "Phys", "Lett", "Cell", "Mol", "Toxicol", "Biochem",
    "Biophys", "Clin", "Exp", "Ann", "Appl", "Eng", "Environ", "Opt", "Soc",
    "Trans", "Comput", "Math", "Stat", "Psychol", "Neurosci", "Neurol",
    "Immunol", "Microbiol", "Pharmacol", "Physiol", "Pathol", "Genet",
    "Endocrinol", "Cardiol", "Oncol", "Surg", "Dev", "Ecol", "Evol", "Geol",
    "Geophys", "Astron", "Astrophys", "Mater", "Nucl", "Instrum", 
    "Electron", "Commun", "Inf", "Syst", "Technol", "Anal", "Org", "Inorg",
    "Polym", "Struct", "Theor", "Comp", "Rep", "Bull", "Arch", "Eur", "Br",
    "Brit", "Can", "Aust", "Jpn", "Chin", "Indian", "Ger", "Fr", "Ital", "Jour", "Repert",
    "Span", "Scand", "Nat", "Natl", "Nutr", "Vet", "Agric", "Hum",
    "Behav", "Cogn", "Educ", "Econ", "Manag", "Manage", "Polit", "Philos",
    "Hist", "Stud", "Q", "Curr", "Adv", "Prog", "Annu", "Gen", "Pediatr",
    "Psychiatry", "Psychiatr", "Dermatol", "Ophthalmol", "Gastroenterol",
    "Hepatol", "Nephrol", "Urol", "Gynecol", "Obstet", "Radiol", "Anesth",
    "Anaesth", "Orthop", "Rheumatol", "Infect", "Dis", "Epidemiol", 
    "Prev", "Nurs", "Dent", "Oral", "Pharm", "Sci", "Biotechnol",
    "Bioeng", "Biomed", "Biomater", "Vasc", "Thromb", "Haematol", "Hematol",
    "Transl", "Regen", "Ther", "Diagn", "Invest", "Physiol", "Zool", "Bot",
    "Entomol", "Mar", "Oceanogr", "Atmos", "Meteorol", "Hydrol",
    "Geogr", "Anim", "Microbiol", "Virol", "Parasitol",
    "Mycol", "Crystallogr", "Spectrosc", "Catal", "Electrochem", "Sens",
    "Mech", "Therm", "Autom",
    "Robot", "Recognit", "Mach",
    "Intell", "Softw", "Netw", "Secur", "Lang", "Linguist", "Lit", "Stud",
    "Assoc", "Inst", "Univ", "Coll", "Conf", "Symp", "Congr", "Proc",
    "Jahrb", "Z", "Zh", "Ztschr", "Zeitschr", "Bl", "Mitt", "Ber", "Abh",
    "Rev", "Rech", "Bras", "Mex", "Argent", "Chil", "Venez", "Colomb", "Cuba",
    "Esp", "Port", "Lat", "Panam", "Saude", "Publica", "Enferm", "Odontol",
    "Fisioter", "Rehabil", "Exerc", "Gerontol", "Geriatr",
    "Neonatal", "Perinatol", "Reprod", "Fertil", "Steril", "Androl",
    "Respir", 
    "Headache",
    "Neurochem", "Neuropathol", "Neurosurg", "Neuroradiol", "Otolaryngol",
    "Laryngol", "Rhinol", "Audiol", "Ophthalm",
    "Rep", "Res", "Sci", "Tech", "Phys", "Math", "Bioinform", "Syst",
    "Ind", "Eng", "Chem", "Mat", "Geosci", "Remote", "Sens", "Comput",
    "Inform", "Cybern", "Optim", "Numer", "Algebra", "Topol", "Geom",
    "Probab", "Quant", "Financ", "Account", 
    "Leg", "Crim", "Soc", "Sociol", "Anthropol", "Archaeol",
    "Philol", "Theol", "Relig", "Musicol", "Archit", "Urban",
    "Transp", "Adm", "Gov", "Dep", "Ser", "Vol", "Suppl",
    "Ed", "Eds", "Dept", "Div", "Natl", "Fed", "Proc", 
    "Publ", "Pap", "Cah", "Ann", "Acta", "Arq", "Rev",
    "Hosp", "Klin", "Wochenschr", "Dtsch", "Schweiz", "Osterr", "Med",
    "Ned", "Tijdschr", "Geneeskd", "Ugeskr", "Laeg", "Nord", "Pol", "Ceska",
    "Cas", "Lek", "Cesk", "Sb", "Magy", "Orv", "Hetil", "Russ", "Sov",
    "Ukr", "Vestn", "Korean", "Taiwan", "Hong", "Kong", "Singap", "Malays",
    "Thai", "Philipp", "Afr", "Egypt", "Iran", "Iraq", "Isr", "Turk",
    "Saudi", "Arab", "Pak", "Bangladesh", "Nepal", "Sri", "Lanka", "NZ",
    "Biosci", "Biotech", "Phytochem", "Phytopathol", "Genom", "Proteom",
    "Metab", "Obes", "Lipid", "Atheroscler", "Hypertens",
    "Circ", "Miner", 
    
    "Nucleic", "Enzym", "Enzymol", "Pept",
    "Carbohydr", "Glycobiol", "Membr", "Cytol", "Histol", "Histochem",
    "Morphol", "Anat", "Embryol", "Teratol", "Mutat", "Carcinog",
    "Pharmacokinet", "Pharmacother", "Chemother", "Antimicrob", 
    "Inflamm", "Allerg", "Autoimmun", "Transplant",
    "Artif", "Prosthet", "Tech", 
    "Radiat", "Oncol", "Magn", "Reson",
    "Tomogr", "Electrophysiol", "Arrhythm", "Pacing", "Interv", "Endovasc",
    "Thorac", "Cardiovasc", "Cardiothorac", "Gastrointest", "Endosc",
    "Colorectal", "Biliary", "Hepatobiliary", "Pancreat",
    "Aust", "St", "Ft", "Mt", "Jr", "Sr",
    NULL};

/* The abbreviation list is long (hundreds of entries) and asked at every
 * period: an open-addressing table built once (pthread_once, so any thread
 * may be first) answers in one or two probes. */
#define ABBR_SLOTS 4096u
static const char *abbr_slot[ABBR_SLOTS];
static pthread_once_t abbr_once = PTHREAD_ONCE_INIT;

static unsigned abbr_hash(const char *w, size_t n) {
  unsigned h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)w[i]) * 16777619u;
  return h;
}

static void abbr_build(void) {
  for (size_t i = 0; abbrevs[i]; i++) {
    size_t n = strlen(abbrevs[i]);
    unsigned h = abbr_hash(abbrevs[i], n) & (ABBR_SLOTS - 1);
    while (abbr_slot[h] && strcmp(abbr_slot[h], abbrevs[i]) != 0)
      h = (h + 1) & (ABBR_SLOTS - 1);
    abbr_slot[h] = abbrevs[i];
  }
}

bool rpi_lex_is_abbrev(const char *w, size_t n) {
  pthread_once(&abbr_once, abbr_build);
  unsigned h = abbr_hash(w, n) & (ABBR_SLOTS - 1);
  while (abbr_slot[h]) {
    const char *e = abbr_slot[h];
    if (strncmp(e, w, n) == 0 && e[n] == '\0')
      return true;
    h = (h + 1) & (ABBR_SLOTS - 1);
  }
  return false;
}

/* The first bytes of the entries of each sorted list below (bit FB_x of
 * first_byte[c]: some entry of list x starts with c; with both cases of a
 * letter for the folded journal_words). A word whose first byte has no bit
 * matches no entry, so its binary search is skipped with the same answer;
 * rpi_lex_check verifies every entry against this table. */
enum {
  FB_INNER = 1, FB_PARTICLE = 2, FB_CAP_PARTICLE = 4, FB_ORG = 8, FB_JOURNAL = 16, FB_CITY = 32,
  FB_COUNTRY = 64
};
static const unsigned char first_byte[256] = {
    ['\''] = FB_PARTICLE, ['A'] = FB_ORG | FB_JOURNAL | FB_CITY | FB_COUNTRY,
    ['B'] = FB_INNER | FB_ORG | FB_JOURNAL | FB_CITY | FB_COUNTRY,
    ['C'] = FB_INNER | FB_ORG | FB_JOURNAL | FB_CITY | FB_COUNTRY,
    ['D'] = FB_INNER | FB_CAP_PARTICLE | FB_ORG | FB_CITY | FB_COUNTRY,
    ['E'] = FB_JOURNAL | FB_CITY | FB_COUNTRY, ['F'] = FB_ORG | FB_JOURNAL | FB_CITY | FB_COUNTRY,
    ['G'] = FB_ORG | FB_JOURNAL | FB_CITY | FB_COUNTRY, ['H'] = FB_ORG | FB_CITY,
    ['I'] = FB_INNER | FB_ORG | FB_CITY | FB_COUNTRY, ['J'] = FB_JOURNAL | FB_CITY | FB_COUNTRY,
    ['K'] = FB_CITY | FB_COUNTRY,
    ['L'] = FB_INNER | FB_CAP_PARTICLE | FB_ORG | FB_JOURNAL | FB_CITY,
    ['M'] = FB_INNER | FB_ORG | FB_JOURNAL | FB_CITY | FB_COUNTRY,
    ['N'] = FB_ORG | FB_JOURNAL | FB_CITY | FB_COUNTRY, ['O'] = FB_ORG | FB_CITY | FB_COUNTRY,
    ['P'] = FB_ORG | FB_JOURNAL | FB_CITY | FB_COUNTRY, ['Q'] = FB_JOURNAL | FB_CITY | FB_COUNTRY,
    ['R'] = FB_INNER | FB_JOURNAL | FB_CITY | FB_COUNTRY,
    ['S'] = FB_INNER | FB_ORG | FB_JOURNAL | FB_CITY | FB_COUNTRY,
    ['T'] = FB_INNER | FB_CAP_PARTICLE | FB_ORG | FB_JOURNAL | FB_CITY | FB_COUNTRY,
    ['U'] = FB_ORG | FB_CITY | FB_COUNTRY, ['V'] = FB_CAP_PARTICLE | FB_ORG | FB_CITY | FB_COUNTRY,
    ['W'] = FB_ORG | FB_CITY | FB_COUNTRY, ['Z'] = FB_JOURNAL | FB_CITY,
    ['a'] = FB_PARTICLE | FB_JOURNAL, ['b'] = FB_PARTICLE | FB_JOURNAL, ['c'] = FB_ORG | FB_JOURNAL,
    ['d'] = FB_PARTICLE, ['e'] = FB_PARTICLE | FB_JOURNAL, ['f'] = FB_JOURNAL, ['g'] = FB_JOURNAL,
    ['h'] = FB_PARTICLE, ['i'] = FB_PARTICLE, ['j'] = FB_JOURNAL, ['l'] = FB_PARTICLE | FB_JOURNAL,
    ['m'] = FB_JOURNAL, ['n'] = FB_JOURNAL, ['o'] = FB_PARTICLE, ['p'] = FB_JOURNAL,
    ['q'] = FB_JOURNAL, ['r'] = FB_JOURNAL, ['s'] = FB_PARTICLE | FB_JOURNAL,
    ['t'] = FB_PARTICLE | FB_JOURNAL, ['v'] = FB_PARTICLE, ['y'] = FB_PARTICLE,
    ['z'] = FB_PARTICLE | FB_JOURNAL,};

static inline bool may_start(const char *w, size_t n, unsigned list) {
  return n && (first_byte[(unsigned char)w[0]] & list);
}

/* NLM words that rarely open a journal title. The lists searched with
 * in_list / in_sorted are kept sorted in byte order (LC_ALL=C sort). */
static const char *const inner[] = {
    "Biol", "Chem", "Commun", "Dev", "Immunol", "Int", "Lett", "Med", "Regen", "Rep", "Res", "Rev",
    "Sci", "Ther", "Transl", NULL};

bool rpi_lex_is_inner_abbrev(const char *w, size_t n) {
  return may_start(w, n, FB_INNER) && in_list(inner, NWORDS(inner), w, n);
}

/* Family-name particles (Dutch, German, French, Spanish, Portuguese,
 * Italian, Arabic), from common name-formatting guides. */
static const char *const particles[] = {
    "'t", "abu", "al", "ben", "bin", "d'", "da", "dalla", "das", "de", "degli", "dei", "del",
    "della", "delle", "den", "der", "di", "do", "dos", "du", "el", "het", "ibn", "in", "l'", "la",
    "le", "les", "lo", "op", "st", "st.", "te", "ten", "ter", "van", "van't", "vander", "vom",
    "von", "y", "zu", "zum", "zur", NULL};

bool rpi_lex_is_particle(const char *w, size_t n) {
  return may_start(w, n, FB_PARTICLE) && in_list(particles, NWORDS(particles), w, n);
}

/* Particles that also stand capitalized at the head of a family name
 * ("Van Reenen", "De Souza", "Le Roux"); case-sensitive. */
static const char *const cap_particles[] = {
    "Da", "Das", "De", "Del", "Della", "Des", "Di", "Dos", "Du", "La", "Le", "Ten", "Ter", "Van",
    "Von", NULL};

bool rpi_lex_is_cap_particle(const char *w, size_t n) {
  return may_start(w, n, FB_CAP_PARTICLE) && in_list(cap_particles, NWORDS(cap_particles), w, n);
}

static const char *const org_words[] = {
    "Academy", "Administration", "Agence", "Agencies", "Agency", "Agência", "Alliance", "Assembly",
    "Association", "Associazione", "Associação", "Authority", "Bank", "Board", "Bundesamt",
    "Bundesministerium", "Bureau", "CDC", "Census", "Center", "Centers", "Centre", "Centres",
    "Centro", "Coalition", "Collaboration", "Collaborative", "Collaborators", "College", "Comisión",
    "Comissão", "Commission", "Commissione", "Committee", "Company", "Congress", "Conseil",
    "Consejo", "Conselho", "Consortium", "Consórcio", "Coordenação", "Corporation", "Council",
    "Court", "Departamento", "Department", "Dirección", "Direction", "Direção", "FDA", "Federation",
    "Fondazione", "Force", "Forum", "Foundation", "Fund", "Fundación", "Fundação", "Gesellschaft",
    "Group", "Haute", "IBGE", "Inc", "Initiative", "Institut", "Institute", "Institutes",
    "Institution", "Instituto", "Instituut", "Investigators", "Istituto", "Laboratories",
    "Laboratory", "Landesamt", "Ltd", "Ministerio", "Ministerium", "Ministero", "Ministry",
    "Ministère", "Ministério", "NICE", "NIH", "Nations", "Network", "OECD", "Observatorio",
    "Observatório", "Office", "Organisation", "Organisme", "Organización", "Organization",
    "Organização", "Panel", "Parliament", "Program", "Programme", "Secretaria", "Secretariat",
    "Secretaría", "Secrétariat", "Senate", "Service", "Services", "Sociedad", "Sociedade",
    "Society", "Società", "Statistics", "Stiftung", "Survey", "Taskforce", "Team", "Trust",
    "UNESCO", "UNICEF", "Union", "Universidad", "Universidade", "University", "Verband", "WHO",
    "Working", "collaboration", NULL};

#define ORG_MAX 32 /* every org_words entry is shorter (rpi_lex_check) */

/* Case-insensitive for ASCII, so "WORLD HEALTH ORGANIZATION" counts; a
 * short all-capital acronym (WHO) must match exactly. */
bool rpi_lex_is_org_word(const char *w, size_t n) {
  if (may_start(w, n, FB_ORG) && in_list(org_words, NWORDS(org_words), w, n))
    return true;
  for (size_t i = 0; i < n; i++)
    if (w[i] >= 'a' && w[i] <= 'z')
      return false; /* only an all-capital word is compared without case */
  if (n <= 4 || n >= ORG_MAX)
    return false;
  /* An entry equal to w but for ASCII case is all capitals (w itself, not
   * found above), a capital and no other (w[0] and the rest lowered) or
   * has no capital (all lowered): rpi_lex_check verifies each entry is one
   * of these, so two exact searches give the case-blind answer. */
  char low[ORG_MAX];
  for (size_t i = 0; i < n; i++)
    low[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
  if (in_list(org_words, NWORDS(org_words), low, n))
    return true;
  low[0] = w[0];
  return in_list(org_words, NWORDS(org_words), low, n);
}

/* Month names and abbreviations: en, fr, de, es, pt, it. Sorted in byte
 * order (word_cmp's): rpi_lex_month binary-searches it. */
static const struct {
  const char *w;
  int m;
} months[] = {
    {"abr", 4}, {"abril", 4}, {"ago", 8}, {"agosto", 8}, {"août", 8}, {"apr", 4}, {"april", 4},
    {"aprile", 4}, {"aug", 8}, {"august", 8}, {"avr", 4}, {"avril", 4}, {"dec", 12},
    {"december", 12}, {"decembre", 12}, {"dez", 12}, {"dezember", 12}, {"dezembro", 12},
    {"dic", 12}, {"dicembre", 12}, {"diciembre", 12}, {"décembre", 12}, {"ene", 1}, {"enero", 1},
    {"feb", 2}, {"febbraio", 2}, {"febrero", 2}, {"februar", 2}, {"february", 2}, {"fev", 2},
    {"fevereiro", 2}, {"fevrier", 2}, {"fév", 2}, {"février", 2}, {"gennaio", 1}, {"giugno", 6},
    {"jan", 1}, {"janeiro", 1}, {"januar", 1}, {"january", 1}, {"janvier", 1}, {"juillet", 7},
    {"juin", 6}, {"jul", 7}, {"julho", 7}, {"juli", 7}, {"julio", 7}, {"july", 7}, {"jun", 6},
    {"june", 6}, {"junho", 6}, {"juni", 6}, {"junio", 6}, {"luglio", 7}, {"maggio", 5}, {"mai", 5},
    {"maio", 5}, {"mar", 3}, {"march", 3}, {"marco", 3}, {"mars", 3}, {"marzo", 3}, {"março", 3},
    {"may", 5}, {"mayo", 5}, {"märz", 3}, {"nov", 11}, {"november", 11}, {"novembre", 11},
    {"novembro", 11}, {"noviembre", 11}, {"oct", 10}, {"october", 10}, {"octobre", 10},
    {"octubre", 10}, {"okt", 10}, {"oktober", 10}, {"ottobre", 10}, {"out", 10}, {"outubro", 10},
    {"sep", 9}, {"sept", 9}, {"september", 9}, {"septembre", 9}, {"septiembre", 9}, {"set", 9},
    {"setembro", 9}, {"settembre", 9},
    {NULL, 0}};

/* The entries starting with letter 'a' + k are months[month_at[k] ..
 * month_at[k + 1]) (the list is sorted; rpi_lex_check verifies each entry
 * lies in its letter's range): the search looks only there. */
static const unsigned char month_at[27] = {0, 12, 12, 12, 22, 24, 34, 36, 36, 36, 53, 53, 54, 66, 71, 80, 80, 80, 80, 88, 88, 88, 88, 88, 88, 88, 88};

int rpi_lex_month(const char *w, size_t n) {
  char low[16];
  if (n < 3 || n > 10) /* "jan" .. "septiembre": no other length can match */
    return 0;
  unsigned k0 = (unsigned)((w[0] | 0x20) - 'a');
  if (k0 >= 26 || month_at[k0] == month_at[k0 + 1])
    return 0; /* no entry starts with this letter (or it is no letter) */
  for (size_t i = 0; i < n; i++) {
    char c = w[i];
    low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  size_t lo = month_at[k0], hi = month_at[k0 + 1];
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int d = word_cmp(low, n, months[mid].w, false);
    if (d == 0)
      return months[mid].m;
    if (d < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return 0;
}

/* Sorted in byte order of the ASCII-lower-cased words (in_sorted with fold). */
static const char *const journal_words[] = {
    "Acta", "Advances", "Anais", "Annals", "Archives", "Arquivos", "Biology", "Boletim", "Boletín",
    "Bulletin", "Cadernos", "Cahiers", "Chemistry", "Communications", "Economics", "Engineering",
    "Frontiers", "Gazette", "Jahrbuch", "Journal", "Letters", "Magazine", "Medicine", "Nature",
    "Physics", "Proceedings", "Psychology", "Quarterly", "Reports", "Research", "Review", "Reviews",
    "Revista", "Revue", "Rivista", "Science", "Sciences", "Studies", "Transactions", "Zeitschrift", NULL};

bool rpi_lex_is_journal_word(const char *w, size_t n) {
  return may_start(w, n, FB_JOURNAL) && in_sorted(journal_words, NWORDS(journal_words), w, n, true);
}

/* Known journal words for stray-digit repair: a word with one digit inside
 * is repaired only when removing that digit gives one of these. Source:
 * common words of NLM journal titles. Each is ASCII letters beginning with
 * a capital: pass 3 of the cleaner (text.c, byte_class) tries repairs only
 * in such words. */
static const char *const known_words[] = {
    "Pharmaceutics", "Pharmaceuticals", "Medicine", "Biology", "Chemistry",
    "Physics", "Journal", "Research", "Science", "Sciences", "Nature",
    "Cells", "Immunology", "Molecules", "Nutrients", "Cancers", "Biomedicines",
    "Materials", "Polymers", "Sensors", "Genes", "Viruses", "Antibiotics",
    "Antioxidants", "Biomolecules", "Diagnostics", "Healthcare",
    "Microorganisms", "Pathogens", "Toxins", "Vaccines", "Neuroscience",
    "Oncology", "Cardiology", "Medicina", "Biomedical", "Clinical",
    "International", "Therapeutics", "Translational", "Regenerative",
    "Experimental", "Molecular", "Cellular", "Frontiers", "Reports",
    "Communications", "Letters", "Proceedings", "Transactions", NULL};

const char *rpi_lex_repair_word(const char *w, size_t n) {
  size_t digits = 0, pos = 0;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)(w[i] - '0') < 10) {
      if (++digits > 1) /* two digits: no repair (and no need to look on) */
        return NULL;
      pos = i;
    }
  if (digits != 1 || pos == 0 || pos == n - 1)
    return NULL;
  for (size_t i = 0; known_words[i]; i++) {
    const char *k = known_words[i];
    if (strlen(k) == n - 1 && memcmp(k, w, pos) == 0 &&
        memcmp(k + pos, w + pos + 1, n - pos - 1) == 0)
      return k;
  }
  return NULL;
}

/* Journal names printed split in two by publisher sites; each split form
 * begins with an ASCII capital (see known_words). The lengths are stored:
 * this runs at every capitalized word of every reference. */
#define PHRASE(split, joined) {split, sizeof split - 1, joined}
static const struct {
  char split[16]; /* at most 15 bytes and a NUL, in the table: one load less */
  size_t len;
  const char *joined;
} phrases[] = {PHRASE("EBio Medicine", "EBioMedicine"),
               PHRASE("E Bio Medicine", "EBioMedicine"),
               PHRASE("E Life", "eLife"),
               PHRASE("Plo S One", "PLoS One"),
               PHRASE("Plo S ONE", "PLoS ONE"),
               PHRASE("Bio Med Res Int", "BioMed Res Int")};
#undef PHRASE

const char *rpi_lex_repair_phrase(const char *s, size_t n, size_t *consumed) {
  if (n < 2)
    return NULL; /* every split form is longer */
  for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
    const char *p = phrases[i].split;
    size_t l = phrases[i].len;
    if (s[0] != p[0] || s[1] != p[1]) /* most entries differ at once */
      continue;
    if (l <= n && memcmp(s, p, l) == 0 && (l == n || s[l] == ' ' || s[l] == '.' || s[l] == ',')) {
      *consumed = l;
      return phrases[i].joined;
    }
  }
  return NULL;
}

/* Publishing cities that print as a bare place ("Roma, Carocci", "Paris,
 * Seuil"): a fact list typed for refparse, in the forms imprints use. */
static const char *const cities[] = {
    "Amsterdam", "Athens", "Athina", "Baltimore", "Barcelona", "Bari", "Basel", "Beijing",
    "Belo Horizonte", "Berkeley", "Berlin", "Bern", "Bogotá", "Bologna", "Bordeaux", "Boston",
    "Brasília", "Brescia", "Brussels", "Bruxelles", "Budapest", "Buenos Aires", "Cairo",
    "Cambridge", "Chicago", "Coimbra", "Copenhagen", "Delhi", "Den Haag", "Dublin", "Edinburgh",
    "Firenze", "Florence", "Frankfurt", "Geneva", "Genova", "Genève", "Grenoble", "Göttingen",
    "Hamburg", "Heidelberg", "Helsinki", "Istanbul", "Jerusalem", "Kraków", "Kyoto", "Köln",
    "København", "Lausanne", "Leiden", "Leipzig", "Leuven", "Lille", "Lima", "Lisboa", "Lisbon",
    "Liège", "London", "Louvain", "Lyon", "Madrid", "Manchester", "Marseille", "Melbourne", "Milan",
    "Milano", "Montréal", "Moscow", "Moskva", "Munich", "México", "München", "Nanterre", "Naples",
    "Napoli", "New Delhi", "New York", "Oslo", "Oxford", "Padova", "Palermo", "Paris", "Perugia",
    "Philadelphia", "Pisa", "Porto", "Prague", "Praha", "Princeton", "Québec", "Rennes",
    "Rio de Janeiro", "Roma", "Roma-Bari", "Rome", "Rotterdam", "Salamanca", "Santiago", "Sevilla",
    "Shanghai", "Siena", "Singapore", "Stanford", "Stockholm", "Strasbourg", "Stuttgart", "Sydney",
    "São Paulo", "Tel Aviv", "Tokyo", "Torino", "Toronto", "Toulouse", "Trieste", "Turin",
    "Tübingen", "Utrecht", "Valencia", "Venezia", "Venice", "Verona", "Vienna", "Warsaw",
    "Warszawa", "Washington", "Wien", "Zürich", NULL};

bool rpi_lex_is_city(const char *w, size_t n) {
  return may_start(w, n, FB_CITY) && in_list(cities, NWORDS(cities), w, n);
}

/* Countries and US states written out after a city ("Paris, France"). */
static const char *const countries[] = {
    "Argentina", "Australia", "Austria", "Belgium", "Brasil", "Brazil", "California", "Canada",
    "Chile", "China", "Colombia", "Connecticut", "Denmark", "Deutschland", "Egypt", "England",
    "España", "Finland", "France", "Germany", "Greece", "Illinois", "India", "Ireland", "Israel",
    "Italia", "Italy", "Japan", "Korea", "Maryland", "Massachusetts", "Mexico", "Michigan",
    "México", "Netherlands", "New Jersey", "New Zealand", "Norway", "Ohio", "Ontario",
    "Pennsylvania", "Peru", "Poland", "Portugal", "Quebec", "Russia", "Scotland", "Singapore",
    "South Africa", "Spain", "Sweden", "Switzerland", "Texas", "Turkey", "U.K.", "U.S.A.", "UK",
    "USA", "United States", "Virginia", "Wales", NULL};

bool rpi_lex_is_country(const char *w, size_t n) {
  return may_start(w, n, FB_COUNTRY) && in_list(countries, NWORDS(countries), w, n);
}

/* Every sorted list is in the order its binary search needs, every entry
 * is found again through its public lookup, and the repair lists have the
 * shapes the cleaner's fast paths assume (tests/unit/test_lexicon.c): an
 * entry that breaks either would otherwise silently never be found. */
size_t rpi_lex_check(void) {
  static const struct {
    const char *const *list;
    size_t count;
    bool fold;
    bool (*lookup)(const char *, size_t);
    unsigned fb; /* its bit in first_byte */
  } sorted[] = {
      {inner, NWORDS(inner), false, rpi_lex_is_inner_abbrev, FB_INNER},
      {particles, NWORDS(particles), false, rpi_lex_is_particle, FB_PARTICLE},
      {cap_particles, NWORDS(cap_particles), false, rpi_lex_is_cap_particle, FB_CAP_PARTICLE},
      {org_words, NWORDS(org_words), false, rpi_lex_is_org_word, FB_ORG},
      {journal_words, NWORDS(journal_words), true, rpi_lex_is_journal_word, FB_JOURNAL},
      {cities, NWORDS(cities), false, rpi_lex_is_city, FB_CITY},
      {countries, NWORDS(countries), false, rpi_lex_is_country, FB_COUNTRY},
  };
  size_t bad = 0;
  for (size_t k = 0; k < sizeof sorted / sizeof sorted[0]; k++)
    for (size_t i = 0; i < sorted[k].count; i++) {
      const char *w = sorted[k].list[i];
      if (i + 1 < sorted[k].count && word_cmp(w, strlen(w), sorted[k].list[i + 1], sorted[k].fold) >= 0)
        bad++;
      if (!in_sorted(sorted[k].list, sorted[k].count, w, strlen(w), sorted[k].fold) ||
          (sorted[k].lookup && !sorted[k].lookup(w, strlen(w))))
        bad++;
      unsigned char c0 = (unsigned char)w[0], other = c0 ^ 0x20; /* the other case of a letter */
      if (!(first_byte[c0] & sorted[k].fb) ||
          (sorted[k].fold && ((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z') && !(first_byte[other] & sorted[k].fb)))
        bad++;
    }
  if (month_at[26] != sizeof months / sizeof months[0] - 1)
    bad++;
  /* the case shapes rpi_lex_is_org_word relies on: all ASCII letters
   * capitals, or none but the first, or none; shorter than ORG_MAX */
  for (size_t i = 0; i < NWORDS(org_words); i++) {
    const char *w = org_words[i];
    size_t caps = 0, rest_caps = 0, letters = 0;
    for (size_t k = 0; w[k]; k++) {
      bool up = w[k] >= 'A' && w[k] <= 'Z';
      letters += up || (w[k] >= 'a' && w[k] <= 'z');
      caps += up;
      rest_caps += up && k > 0;
    }
    bad += !(caps == letters || rest_caps == 0) || strlen(w) >= ORG_MAX;
  }
  /* the shapes pass 3 of the cleaner relies on (text.c): a known word is
   * ASCII letters after a capital, a split phrase starts with a capital */
  for (size_t i = 0; known_words[i]; i++) {
    const char *w = known_words[i];
    bool ok = w[0] >= 'A' && w[0] <= 'Z';
    for (size_t k = 1; w[k]; k++)
      ok = ok && ((w[k] | 0x20) >= 'a' && (w[k] | 0x20) <= 'z');
    bad += !ok;
  }
  for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
    bad += !(phrases[i].split[0] >= 'A' && phrases[i].split[0] <= 'Z') ||
           phrases[i].len != strlen(phrases[i].split);
  for (size_t i = 0; months[i].w; i++) {
    unsigned k0 = (unsigned)(months[i].w[0] - 'a');
    if (k0 >= 26 || i < month_at[k0] || i >= month_at[k0 + 1])
      bad++;
    if (months[i + 1].w && word_cmp(months[i].w, strlen(months[i].w), months[i + 1].w, false) >= 0)
      bad++;
    if (rpi_lex_month(months[i].w, strlen(months[i].w)) != months[i].m)
      bad++;
  }
  return bad;
}
