#include "lexicon.h"

#include <pthread.h>
#include <string.h>

static bool in_list(const char *const *list, const char *w, size_t n) {
  for (size_t i = 0; list[i]; i++) {
    /* strlen(list[i]) == n && memcmp(list[i], w, n) == 0, stopping at the
     * first differing byte (most entries differ in the first) */
    const char *e = list[i];
    size_t k = 0;
    while (k < n && e[k] && e[k] == w[k])
      k++;
    if (k == n && e[k] == '\0')
      return true;
  }
  return false;
}

static bool in_list_ci(const char *const *list, const char *w, size_t n) {
  /* the same length and the same letters but for ASCII case, compared as
   * far as the first difference (no strlen per entry) */
  for (size_t i = 0; list[i]; i++) {
    const char *e = list[i];
    size_t k = 0;
    for (; k < n && e[k]; k++) {
      char a = w[k], b = e[k];
      if (a >= 'A' && a <= 'Z')
        a = (char)(a + 32);
      if (b >= 'A' && b <= 'Z')
        b = (char)(b + 32);
      if (a != b)
        break;
    }
    if (k == n && e[k] == '\0')
      return true;
  }
  return false;
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

/* NLM words that rarely open a journal title. */
static const char *const inner[] = {
    "Transl", "Res", "Rev", "Ther", "Rep", "Lett", "Commun", "Int", "Med",
    "Biol", "Sci", "Chem", "Immunol", "Dev", "Regen", NULL};

bool rpi_lex_is_inner_abbrev(const char *w, size_t n) { return in_list(inner, w, n); }

/* Family-name particles (Dutch, German, French, Spanish, Portuguese,
 * Italian, Arabic), from common name-formatting guides. */
static const char *const particles[] = {
    "van", "von", "der", "den", "de", "del", "della", "dalla", "delle", "di",
    "da", "dos", "das", "do", "du", "la", "le", "les", "ten", "ter", "te",
    "zu", "zum", "zur", "vom", "van't", "'t", "al", "el", "bin", "ibn", "dei",
    "degli", "lo", "y", "vander", "op", "het", "in", "d'", "l'", "st", "st.",
    "ben", "abu", NULL};

bool rpi_lex_is_particle(const char *w, size_t n) { return in_list(particles, w, n); }

/* Particles that also stand capitalized at the head of a family name
 * ("Van Reenen", "De Souza", "Le Roux"); case-sensitive. */
static const char *const cap_particles[] = {
    "Van", "Von", "De", "Del", "Della", "Di", "Da", "Le", "La", "Du", "Des",
    "Dos", "Das", "Ten", "Ter", NULL};

bool rpi_lex_is_cap_particle(const char *w, size_t n) { return in_list(cap_particles, w, n); }

static const char *const org_words[] = {
    "Organization", "Organisation", "Centers", "Centres", "Institutes", "Agencies", "Association", "Society", "Institute",
    "Institut", "Instituto", "Committee", "Group", "Council", "Ministry",
    "Ministerium", "College",
    "Ministerio", "Ministério", "Agency", "Department", "University",
    "Universidade", "Universidad", "Consortium", "Foundation", "Center",
    "Centre", "Centro", "Commission", "Board", "Office", "Network",
    "Collaboration", "Collaborative", "Initiative", "Service", "Services",
    "Programme", "Program", "Bureau", "Federation", "Union", "Academy",
    "Team", "Investigators", "Working", "Panel", "Taskforce", "Force",
    "Secretaria", "Secretaría", "Fundação", "Fundación", "Associação",
    "Sociedade", "Sociedad", "Conselho", "Consejo", "Organização",
    "Organización", "Coalition", "Alliance", "Authority", "Administration",
    "Corporation", "Inc", "Ltd", "Company", "Bank", "Trust", "Fund", "Agência",
    "IBGE", "WHO", "UNICEF", "OECD", "UNESCO", "CDC", "NIH", "FDA", "NICE",
    "Statistics", "Census", "Survey", "Coordenação", "Departamento", "Comissão", "Comisión",
    "Collaboration", "collaboration", "Collaborators", "Consórcio", "Instituut", "Bundesamt",
    "Ministère", "Ministry", "Direção", "Dirección", "Observatório", "Observatorio",
    "Institution", "Laboratory", "Laboratories", "Council", "Assembly",
    "Parliament", "Congress", "Senate", "Court", "Nations", "Bundesministerium",
    "Landesamt", "Verband", "Gesellschaft", "Stiftung", "Ministero", "Istituto",
    "Associazione", "Società", "Fondazione", "Commissione", "Organisme", "Agence",
    "Conseil", "Haute", "Direction", "Secrétariat", "Secretariat", "Forum", NULL};

/* Case-insensitive for ASCII, so "WORLD HEALTH ORGANIZATION" counts; a
 * short all-capital acronym (WHO) must match exactly. */
bool rpi_lex_is_org_word(const char *w, size_t n) {
  if (in_list(org_words, w, n))
    return true;
  for (size_t i = 0; i < n; i++)
    if (w[i] >= 'a' && w[i] <= 'z')
      return false; /* only an all-capital word is compared without case */
  return n > 4 && in_list_ci(org_words, w, n);
}

/* Month names and abbreviations: en, fr, de, es, pt, it. */
static const struct {
  const char *w;
  int m;
} months[] = {
    {"jan", 1}, {"january", 1}, {"janvier", 1}, {"januar", 1}, {"enero", 1}, {"janeiro", 1}, {"gennaio", 1}, {"ene", 1},
    {"feb", 2}, {"february", 2}, {"février", 2}, {"fevrier", 2}, {"februar", 2}, {"febrero", 2}, {"fevereiro", 2}, {"febbraio", 2}, {"fev", 2}, {"fév", 2},
    {"mar", 3}, {"march", 3}, {"mars", 3}, {"märz", 3}, {"marzo", 3}, {"março", 3}, {"marco", 3},
    {"apr", 4}, {"april", 4}, {"avril", 4}, {"abril", 4}, {"aprile", 4}, {"abr", 4}, {"avr", 4},
    {"may", 5}, {"mai", 5}, {"mayo", 5}, {"maio", 5}, {"maggio", 5},
    {"jun", 6}, {"june", 6}, {"juin", 6}, {"juni", 6}, {"junio", 6}, {"junho", 6}, {"giugno", 6},
    {"jul", 7}, {"july", 7}, {"juillet", 7}, {"juli", 7}, {"julio", 7}, {"julho", 7}, {"luglio", 7},
    {"aug", 8}, {"august", 8}, {"août", 8}, {"agosto", 8}, {"ago", 8},
    {"sep", 9}, {"sept", 9}, {"september", 9}, {"septembre", 9}, {"septiembre", 9}, {"setembro", 9}, {"settembre", 9}, {"set", 9},
    {"oct", 10}, {"october", 10}, {"octobre", 10}, {"oktober", 10}, {"octubre", 10}, {"outubro", 10}, {"ottobre", 10}, {"out", 10}, {"okt", 10},
    {"nov", 11}, {"november", 11}, {"novembre", 11}, {"noviembre", 11}, {"novembro", 11},
    {"dec", 12}, {"december", 12}, {"décembre", 12}, {"decembre", 12}, {"dezember", 12}, {"diciembre", 12}, {"dezembro", 12}, {"dicembre", 12}, {"dez", 12}, {"dic", 12},
    {NULL, 0}};

int rpi_lex_month(const char *w, size_t n) {
  char low[16];
  if (n == 0 || n >= sizeof low)
    return 0;
  for (size_t i = 0; i < n; i++) {
    char c = w[i];
    low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  for (size_t i = 0; months[i].w; i++) /* the first byte first: most entries differ there */
    if (months[i].w[0] == low[0] && strlen(months[i].w) == n && memcmp(months[i].w, low, n) == 0)
      return months[i].m;
  return 0;
}

static const char *const journal_words[] = {
    "Journal", "Review", "Reviews", "Proceedings", "Transactions", "Letters",
    "Annals", "Acta", "Bulletin", "Archives", "Revista", "Zeitschrift",
    "Quarterly", "Magazine", "Gazette", "Research", "Science", "Sciences",
    "Medicine", "Nature", "Reports", "Communications", "Advances",
    "Frontiers", "Studies", "Jahrbuch", "Cahiers", "Rivista", "Anais",
    "Cadernos", "Arquivos", "Boletín", "Boletim", "Revue", "Biology",
    "Chemistry", "Physics", "Engineering", "Psychology", "Economics",
    NULL};

bool rpi_lex_is_journal_word(const char *w, size_t n) {
  return in_list_ci(journal_words, w, n);
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
  const char *split;
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
    "Roma", "Rome", "Milano", "Milan", "Torino", "Turin", "Bologna", "Firenze", "Florence",
    "Napoli", "Naples", "Venezia", "Venice", "Bari", "Roma-Bari", "Padova", "Genova", "Pisa",
    "Palermo", "Verona", "Trieste", "Siena", "Perugia", "Brescia", "Paris", "Lyon", "Marseille",
    "Toulouse", "Bordeaux", "Lille", "Strasbourg", "Rennes", "Grenoble", "Nanterre", "Genève",
    "Geneva", "Lausanne", "Bruxelles", "Brussels", "Louvain", "Leuven", "Liège", "Montréal",
    "Québec", "London", "Oxford", "Cambridge", "Edinburgh", "Manchester", "Dublin", "New York",
    "Boston", "Chicago", "Princeton", "Baltimore", "Philadelphia", "Washington", "Berkeley",
    "Stanford", "Toronto", "Berlin", "München", "Munich", "Leipzig", "Frankfurt", "Hamburg",
    "Stuttgart", "Heidelberg", "Göttingen", "Tübingen", "Köln", "Wien", "Vienna", "Zürich",
    "Basel", "Bern", "Madrid", "Barcelona", "Sevilla", "Valencia", "Salamanca", "Lisboa",
    "Lisbon", "Porto", "Coimbra", "São Paulo", "Rio de Janeiro", "Belo Horizonte", "Brasília",
    "Buenos Aires", "México", "Santiago", "Bogotá", "Lima", "Amsterdam", "Leiden", "Utrecht",
    "Rotterdam", "Den Haag", "København", "Copenhagen", "Stockholm", "Oslo", "Helsinki",
    "Warszawa", "Warsaw", "Kraków", "Praha", "Prague", "Budapest", "Moskva", "Moscow",
    "Athens", "Athina", "Tokyo", "Kyoto", "Beijing", "Shanghai", "Singapore", "Sydney",
    "Melbourne", "Jerusalem", "Tel Aviv", "New Delhi", "Delhi", "Cairo", "Istanbul", NULL};

bool rpi_lex_is_city(const char *w, size_t n) { return in_list(cities, w, n); }

/* Countries and US states written out after a city ("Paris, France"). */
static const char *const countries[] = {
    "France", "Italy", "Italia", "Germany", "Deutschland", "Spain", "España", "Portugal",
    "Brazil", "Brasil", "Argentina", "Mexico", "México", "Chile", "Colombia", "Peru", "UK",
    "U.K.", "England", "Scotland", "Wales", "Ireland", "USA", "U.S.A.", "United States",
    "Canada", "Australia", "Japan", "China", "India", "Russia", "Netherlands", "Belgium",
    "Switzerland", "Austria", "Sweden", "Norway", "Denmark", "Finland", "Poland", "Greece",
    "Turkey", "Israel", "Egypt", "South Africa", "New Zealand", "Korea", "Singapore",
    "Massachusetts", "California", "New Jersey", "Pennsylvania", "Illinois", "Maryland",
    "Connecticut", "Virginia", "Texas", "Michigan", "Ohio", "Quebec", "Ontario", NULL};

bool rpi_lex_is_country(const char *w, size_t n) { return in_list(countries, w, n); }
