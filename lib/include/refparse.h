/*
 * refparse.h: turn free-text bibliographic references into structured records.
 *
 * Threads: the library has no global mutable state. An rp_parser is
 * immutable once made and may be shared by any number of threads; an
 * rp_result belongs to the thread that uses it (it may be handed to another
 * thread, but not used by two at once). Internally a parser keeps a small
 * cache of regex match scratch space (at most 64 entries, about 1 KB each,
 * freed by rp_parser_free) and a pool of ICU transliterators for ASCII
 * folding (at most 64, one per thread folding non-Latin text at once),
 * each behind a mutex taken briefly to take or give back an entry, never
 * held across a parse or a fold; neither ever changes a result.
 *
 * Work is bounded whatever the input length: rp_parse and rp_normalize
 * read at most the parser's maximum length plus one byte of the text (the
 * extra byte only to cut at a character boundary), so their time and
 * memory do not grow past it; rp_ascii_fold's time and memory are linear
 * in its input.
 *
 * Ownership, one rule for the whole API: a pointer returned by a getter is
 * borrowed from the object it came from and stays valid until that object is
 * freed. A `char *` returned through an out-parameter is the caller's and is
 * released with rp_free(). Every *_free() function accepts NULL. Passing an
 * object that was already freed is undefined behaviour.
 *
 * Text: input is UTF-8, given as pointer + length (no NUL needed, NUL bytes
 * allowed). Every string the library returns is valid UTF-8 in NFC, is
 * NUL-terminated, and never NULL where documented "or NULL" is absent.
 *
 * Errors: fallible functions return an rp_status; messy input is not an
 * error (parsing returns a best-effort result with warnings). The library
 * never prints and never exits.
 */
#ifndef REFPARSE_H
#define REFPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "refparse-version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(RP_BUILDING) && defined(__GNUC__)
#define RP_API __attribute__((visibility("default")))
#else
#define RP_API
#endif

/* ---- Status codes (append only; never renumbered) ---------------------- */

typedef enum rp_status {
  RP_OK = 0,
  RP_ERR_NOMEM = -1,    /**< an allocation failed */
  RP_ERR_ARG = -2,      /**< a required argument was NULL or out of range */
  RP_ERR_TOOBIG = -3,   /**< input longer than the parser's maximum length */
  RP_ERR_LIMIT = -4,    /**< a match or work limit was reached */
  RP_ERR_UTF8 = -5,     /**< invalid UTF-8 and RP_OPT_REPAIR_UTF8 is off */
  RP_ERR_INTERNAL = -6  /**< a dependency (PCRE2, ICU) failed unexpectedly */
} rp_status;

/** Static English text for a status; never NULL, never to be freed. */
RP_API const char *rp_strerror(rp_status status);

/* ---- Version ------------------------------------------------------------ */

/** RP_VERSION_NUM of the library actually linked (0xMMmmpp). */
RP_API int rp_version(void);
/** "MAJOR.MINOR.PATCH" of the library actually linked; static. */
RP_API const char *rp_version_string(void);

/* ---- Options ------------------------------------------------------------ */

/* Boolean options, OR-ed together. RP_OPT_DEFAULT turns every repair on. */
#define RP_OPT_REPAIR_UTF8 (1u << 0)     /**< replace invalid UTF-8 with U+FFFD (else RP_ERR_UTF8) */
#define RP_OPT_STRIP_MARKERS (1u << 1)   /**< drop bullets and list numbers ("•", "[12]", "3.") */
#define RP_OPT_REPAIR_MOJIBAKE (1u << 2) /**< "LÃ¶tvall" -> "Lötvall" */
#define RP_OPT_DECODE_MARKUP (1u << 3)   /**< HTML entities/tags, LaTeX accents */
#define RP_OPT_JOIN_DIACRITICS (1u << 4) /**< "Lo¨tvall" -> "Lötvall" */
#define RP_OPT_DEDUP_LOCATORS (1u << 5)  /**< drop repeated volume/page/year fragments */
#define RP_OPT_EXPAND_PAGES (1u << 6)    /**< "1510-7" -> "1510-1517" */
#define RP_OPT_REPAIR_WORDS (1u << 7)    /**< lexicon-checked "Pharm0aceutics", "EBio Medicine" */
#define RP_OPT_TITLECASE_NAMES (1u << 8) /**< "MURRY" -> "Murry" (off by default) */
/** Match with PCRE2's interpreter instead of its JIT (off by default):
 *  several times slower, and a long reference may reach the match limit
 *  sooner (a field can then be missed). For memory checkers such as valgrind, which
 *  cannot follow JIT code, and systems that forbid executable memory. */
#define RP_OPT_NO_JIT (1u << 9)
#define RP_OPT_DEFAULT                                                          \
  (RP_OPT_REPAIR_UTF8 | RP_OPT_STRIP_MARKERS | RP_OPT_REPAIR_MOJIBAKE |         \
   RP_OPT_DECODE_MARKUP | RP_OPT_JOIN_DIACRITICS | RP_OPT_DEDUP_LOCATORS |      \
   RP_OPT_EXPAND_PAGES | RP_OPT_REPAIR_WORDS)

/** Default maximum reference length in bytes; longer input is truncated
 *  there (with an RP_WARN_TRUNCATED warning). */
#define RP_DEFAULT_MAX_LENGTH 8192u

typedef struct rp_options rp_options;

/** New options holding the defaults (RP_OPT_DEFAULT, RP_DEFAULT_MAX_LENGTH).
 *  Returns NULL when out of memory. Free with rp_options_free(). */
RP_API rp_options *rp_options_new(void);
/** Free options; NULL is accepted. Parsers made from them are unaffected. */
RP_API void rp_options_free(rp_options *opts);
/** Replace the boolean option set. Returns RP_ERR_ARG if opts is NULL. */
RP_API rp_status rp_options_set_flags(rp_options *opts, unsigned flags);
/** Current boolean option set (0 for NULL). */
RP_API unsigned rp_options_flags(const rp_options *opts);
/** Maximum reference length in bytes (64 .. 1 GiB), RP_ERR_ARG otherwise. */
RP_API rp_status rp_options_set_max_length(rp_options *opts, size_t bytes);

/* ---- Parser ------------------------------------------------------------- */

typedef struct rp_parser rp_parser;

/**
 * Make a parser: compiles every pattern once (PCRE2 JIT where available).
 * opts may be NULL (defaults) and is copied, so it may be freed afterwards.
 * On success stores the parser in *out and returns RP_OK; on failure *out is
 * NULL and the status says why (RP_ERR_ARG if out is NULL, RP_ERR_NOMEM,
 * RP_ERR_INTERNAL). The parser is immutable: share it across threads freely.
 */
RP_API rp_status rp_parser_new(const rp_options *opts, rp_parser **out);
/** Free a parser; NULL is accepted. No result may be in use in rp_parse. */
RP_API void rp_parser_free(rp_parser *parser);

/* ---- Parsing ------------------------------------------------------------ */

typedef struct rp_result rp_result;

/** A byte range [off, off + len) into the caller's original input. */
typedef struct rp_span {
  size_t off;
  size_t len;
} rp_span;

/**
 * Parse one reference (UTF-8, `len` bytes, no NUL needed; len may be 0).
 * On RP_OK, *out holds a result the caller frees with rp_result_free(); it
 * does not point into `text`, which may be released at once. Messy input
 * still gives RP_OK with warnings. Errors: RP_ERR_ARG (parser or out NULL,
 * or text NULL with len > 0), RP_ERR_NOMEM, RP_ERR_UTF8 (only without
 * RP_OPT_REPAIR_UTF8). On error *out is NULL. Thread-safe on a shared parser.
 */
RP_API rp_status rp_parse(const rp_parser *parser, const char *text,
                          size_t len, rp_result **out);

/**
 * Normalize one reference: the result's rp_result_text() is the input with
 * artefacts removed and Unicode repaired (not rewritten), and its warnings
 * list every repair. Fields are parsed (duplicated locators are found from
 * them) and readable as after rp_parse(), but the names carry no ASCII key
 * (RP_NAME_ASCII is NULL): that spares ICU transliteration, the costliest
 * step for names in other scripts. Same arguments, errors and
 * thread-safety as rp_parse().
 */
RP_API rp_status rp_normalize(const rp_parser *parser, const char *text,
                              size_t len, rp_result **out);

/** rp_parse_many mode: normalize (rp_normalize) instead of parse. */
#define RP_MANY_NORMALIZE (1u << 0)

/**
 * Parse n references on up to `threads` threads (0 or 1: the calling
 * thread only; at most 64), results in input order: results[i] is
 * texts[i] (lens[i] bytes) parsed as rp_parse() would, or NULL when that
 * failed, and statuses[i] (when statuses is not NULL) its status. mode: 0
 * or RP_MANY_NORMALIZE. The caller frees every results[i] with
 * rp_result_free(). Returns RP_OK when every reference gave a result, else
 * the first failing status in input order (the others are still parsed);
 * RP_ERR_ARG (nothing parsed) when parser, results or (for n > 0) texts or
 * lens is NULL or mode has an unknown bit; RP_ERR_NOMEM (nothing parsed)
 * when statuses is NULL and n statuses cannot be allocated. When a thread
 * cannot be started, fewer threads do the work. Thread-safe on a shared
 * parser; blocks until every reference is done.
 */
RP_API rp_status rp_parse_many(const rp_parser *parser, const char *const *texts,
                               const size_t *lens, size_t n, unsigned threads, unsigned mode,
                               rp_result **results, rp_status *statuses);

/** Free a result; NULL is accepted. */
RP_API void rp_result_free(rp_result *result);

/** Release memory the library handed to the caller (writers). NULL ok. */
RP_API void rp_free(void *ptr);

/* ---- Reading a result ------------------------------------------------------ */

/** Fields with one text value. Append only. */
typedef enum rp_field {
  RP_FIELD_TITLE = 0,
  RP_FIELD_CONTAINER_TITLE,
  RP_FIELD_YEAR,           /**< four digits, e.g. "2004" */
  RP_FIELD_VOLUME,
  RP_FIELD_ISSUE,
  RP_FIELD_PAGE,           /**< "664-668", "e69515", "S1-S10" */
  RP_FIELD_DOI,            /**< bare "10.xxxx/..." */
  RP_FIELD_PMID,
  RP_FIELD_PMCID,          /**< "PMC1234567" */
  RP_FIELD_URL,
  RP_FIELD_PUBLISHER,
  RP_FIELD_PUBLISHER_PLACE,
  RP_FIELD_EDITION,
  RP_FIELD_ARXIV,
  RP_FIELD_ISBN,
  RP_FIELD_ISSN,
  RP_FIELD_NUMBER_OF_PAGES,
  RP_FIELD_GENRE,          /**< "PhD thesis", "Technical report" */
  RP_FIELD_CITATION_NUMBER,
  RP_FIELD_COLLECTION_TITLE,
  RP_FIELD_ACCESSED,       /**< access date as printed */
  RP_FIELD_NOTE,            /**< a publication status closing the reference: "submitted" of
                                "Phys. Rev. D, submitted.", "In press" of "... In press 2013." */
  RP_FIELD_VERSION,        /**< software or data version: "1.0.2", "C.01" */
  RP_FIELD_ORIGINAL_DATE,  /**< the original edition's year of a reprint: "1887" of
                                "(2005 [1887])" or "2005 [1887]"; CSL "original-date" */
  RP_FIELD_NUMBER,         /**< a report's or working paper's number: "19843" of "NBER
                                Working Paper No. 19843", "TR-2019-01"; CSL "number" */
  RP_FIELD_COLLECTION_NUMBER, /**< the number in the series (RP_FIELD_COLLECTION_TITLE):
                                "123" of "coll. Folio, n° 123", "1760" of "(stw 1760)", "7" of
                                "Graduate Texts in Mathematics, No. 7"; CSL "collection-number" */
  RP_FIELD_AUTHORITY,      /**< the court of a legal case as printed: "9th Cir." of "(9th Cir.
                                1997)", "HL" of "[1932] AC 562 (HL)"; CSL "authority" */
  RP_FIELD_SECTION,        /**< the section of a statute: "1983" of "42 U.S.C. § 1983", "3" of
                                "Human Rights Act 1998, s 3"; CSL "section" */
  RP_FIELD_LOCATOR,        /**< a legal case's pinpoint, the page cited within it: "495" of
                                "347 U.S. 483, 495 (1954)" (the first page, 483, is
                                RP_FIELD_PAGE); CSL "locator" */
  RP_FIELD_NUMBER_OF_VOLUMES, /**< how many volumes a multi-volume work has: "3" of "Paris,
                                Armand Colin, 1979, 3 vol.", "2" of "2 Bde." or "(2 vols.)";
                                CSL "number-of-volumes" */
  RP_FIELD_VOLUME_TITLE,   /**< the title of the volume cited of a multi-volume work, after
                                its number: "Fundamental Algorithms" of "The Art of Computer
                                Programming. Vol 1: Fundamental Algorithms. 3rd ed."; CSL
                                "volume-title" (after a comma, "Title, vol. 2: Its Title", the
                                whole is the title) */
  RP_FIELD_COUNT_           /**< number of fields; not a field */
} rp_field;

/** Name of a field as used in CSL-JSON ("container-title"); "" if unknown. */
RP_API const char *rp_field_name(rp_field field);

/** Value of a field, or NULL when the reference does not have it. Borrowed
 *  from the result. If span is not NULL it receives the field's byte range in
 *  the original input ({0,0} when absent or synthesized). */
RP_API const char *rp_result_field(const rp_result *result, rp_field field,
                                   rp_span *span);

/** Reference types (CSL names via rp_type_name). Append only. */
typedef enum rp_type {
  RP_TYPE_ARTICLE_JOURNAL = 0,
  RP_TYPE_BOOK,
  RP_TYPE_CHAPTER,
  RP_TYPE_PAPER_CONFERENCE,
  RP_TYPE_THESIS,
  RP_TYPE_REPORT,
  RP_TYPE_WEBPAGE,
  RP_TYPE_ARTICLE,         /**< preprints and unplaced articles */
  RP_TYPE_SOFTWARE,
  RP_TYPE_DATASET,
  RP_TYPE_PATENT,
  RP_TYPE_MOTION_PICTURE,  /**< films, DVDs, videos ("[Motion picture]") */
  RP_TYPE_LEGAL_CASE,      /**< a court decision: "Roe v. Wade, 410 U.S. 113 (1973)", "Donoghue v
                                Stevenson [1932] AC 562 (HL)"; title = case name,
                                container-title = reporter, authority = court */
  RP_TYPE_LEGISLATION,     /**< a statute or code section: "42 U.S.C. § 1983 (2018)", "Human
                                Rights Act 1998, s 3"; container-title = code, section */
  RP_TYPE_COUNT_
} rp_type;

/** CSL type name ("article-journal"); "" if unknown. */
RP_API const char *rp_type_name(rp_type type);
/** The reference type inferred (RP_TYPE_ARTICLE_JOURNAL for NULL). */
RP_API rp_type rp_result_type(const rp_result *result);

/** Name roles. */
typedef enum rp_role { RP_ROLE_AUTHOR = 0, RP_ROLE_EDITOR, RP_ROLE_TRANSLATOR, RP_ROLE_COUNT_ } rp_role;

/** Parts of a name. */
typedef enum rp_name_part {
  RP_NAME_FAMILY = 0, /**< with particles: "van der Berg", "Le Blanc" */
  RP_NAME_GIVEN,      /**< initials as "C. E.", full names as printed */
  RP_NAME_SUFFIX,     /**< "Jr.", "III" */
  RP_NAME_LITERAL,    /**< organisations: the whole name; family/given NULL */
  RP_NAME_ASCII,      /**< ASCII-folded "Family Initials" key, e.g. "Lotvall J" */
  RP_NAME_PART_COUNT_
} rp_name_part;

/** Number of names in a role (0 for NULL). */
RP_API size_t rp_result_name_count(const rp_result *result, rp_role role);
/** Part of the i-th name of a role, or NULL if absent / out of range. */
RP_API const char *rp_result_name(const rp_result *result, rp_role role,
                                  size_t i, rp_name_part part);
/** True when the list of a role ended with "et al." or an equivalent. */
RP_API bool rp_result_et_al(const rp_result *result, rp_role role);

/** The reference text after normalization (see rp_normalize). Never NULL
 *  for a valid result. */
RP_API const char *rp_result_text(const rp_result *result);

/* ---- Confidence ------------------------------------------------------------
 *
 * Every parse ends with an estimate of how likely its record is right as a
 * whole: every one of author (the whole list), title, container-title,
 * issued (the year), volume, issue, page and DOI that the reference has is
 * found and equal to what an annotator would write, compared as
 * ../shared/tools/score.py compares them ("all fields correct"). It is a
 * logistic model over what the parse itself knows (which fields and names
 * were found, the type, the title's length, the unparsed, no-title,
 * limit, dup-conflict and repair warnings), fitted on annotated reference
 * sets of many styles (README.md, "Confidence"), and calibrated: of many
 * records given about 0.8, about 80 % are right. It is a property of the
 * reference set as much as of the record: on text unlike the fitted sets it
 * says less. Fixed for a given library version; the same input always gives
 * the same value.
 */

/** The probability (0 .. 1) that every scored field of the result is right;
 *  0 for NULL and for an empty reference. Thread-safe for distinct results;
 *  no error cases. */
RP_API double rp_result_confidence(const rp_result *result);
/** Number of fields the parser doubts (each likelier than the model's
 *  threshold to be wrong or missing); 0 for NULL. */
RP_API size_t rp_result_doubt_count(const rp_result *result);
/** CSL name of the i-th doubted field ("author", "title",
 *  "container-title", "issued", "volume", "issue", "page", "DOI"), in that
 *  order; NULL when i is out of range or result is NULL. The string is
 *  static (valid for the life of the program, never freed). */
RP_API const char *rp_result_doubt(const rp_result *result, size_t i);

/* ---- Warnings ------------------------------------------------------------ */

/** What was repaired or doubtful. Append only. */
typedef enum rp_warning_code {
  RP_WARN_INVALID_UTF8 = 0, /**< bytes replaced by U+FFFD */
  RP_WARN_CONTROL_CHAR,     /**< NUL or control character replaced */
  RP_WARN_TRUNCATED,        /**< input over the maximum length */
  RP_WARN_EMPTY,            /**< nothing to parse */
  RP_WARN_MOJIBAKE,         /**< UTF-8 read as Windows-1252 repaired */
  RP_WARN_MARKUP,           /**< HTML entity/tag or LaTeX escape decoded */
  RP_WARN_DIACRITIC,        /**< detached diacritic recombined */
  RP_WARN_NFC,              /**< text was not in NFC; fullwidth digits made ASCII */
  RP_WARN_SPACE,            /**< odd, zero-width or repeated spaces */
  RP_WARN_MARKER,           /**< list marker or number removed */
  RP_WARN_DUP_LOCATOR,      /**< repeated locator fragment removed */
  RP_WARN_DUP_CONFLICT,     /**< a removed duplicate disagreed with the kept one */
  RP_WARN_PAGE_EXPANDED,    /**< abbreviated page range expanded */
  RP_WARN_PAGE_SUSPECT,     /**< reversed or impossible range: first page kept */
  RP_WARN_WORD_REPAIRED,    /**< lexicon-confirmed word repair */
  RP_WARN_PUNCT_REPAIRED,   /**< doubled/stray punctuation or bracket repaired */
  RP_WARN_NAME_REPAIRED,    /**< initials re-spaced, stray name token dropped */
  RP_WARN_UNPARSED,         /**< text left over that no field took */
  RP_WARN_NO_TITLE,         /**< no title found */
  RP_WARN_LIMIT,            /**< a match limit stopped a rule */
  RP_WARN_DASH,             /**< dash or hyphen variant unified */
  RP_WARN_QUOTE,            /**< curly quote or prime unified */
  RP_WARN_ENCODING,         /**< text that is not UTF-8 read as Windows-1252 */
  RP_WARN_COUNT_
} rp_warning_code;

/** Stable lower-case name of a warning code ("dup-locator"); "" if unknown. */
RP_API const char *rp_warning_name(rp_warning_code code);
/** Number of warnings (0 for NULL). */
RP_API size_t rp_result_warning_count(const rp_result *result);
/** The i-th warning: its code (return), byte span in the original input
 *  (span may be NULL) and a message "before -> after" or explanation
 *  (message may be NULL; the text is borrowed). Returns RP_WARN_COUNT_ when
 *  i is out of range. A result keeps at most 1,000 warnings: past 999, the
 *  last is an RP_WARN_LIMIT whose message says how many were left out. */
RP_API rp_warning_code rp_result_warning(const rp_result *result, size_t i,
                                         rp_span *span, const char **message);

/* ---- Writers ------------------------------------------------------------ */

/* Writer flags. */
#define RP_WRITE_ID_NUMERIC (1u << 0) /**< write an all-digit id as a JSON number */
#define RP_WRITE_NO_CUSTOM (1u << 1)  /**< omit the "custom" object */
/** End a name list that ended with "et al." with {"literal": "others"}, the
 *  form pandoc's citeproc renders as the style's "et al." term (and what it
 *  makes of BibTeX's "and others"). citeproc-js has no such form and prints
 *  "others", and pandoc glues it to the last name under APA, so
 *  RP_WRITE_ET_AL is the better marker for a file meant for citation
 *  processors; scorers count either as a name, so both are off by default;
 *  custom.et-al is written either way. */
#define RP_WRITE_ET_AL_OTHERS (1u << 2)
/** End a name list that ended with "et al." with {"literal": "et al."}:
 *  rendered "et al." by pandoc's citeproc and by citeproc-js in styles that
 *  print a list with commas (Vancouver: "Murry CE, Soonpaa MH, Reinecke H,
 *  et al."); a style that puts "&" or "and" before the last name prints it
 *  there too (APA: "Reinecke, H., & et al."). Takes precedence over
 *  RP_WRITE_ET_AL_OTHERS. refparse parse --to csl-json sets it. */
#define RP_WRITE_ET_AL (1u << 3)

/**
 * Write a result as one CSL-JSON item (a single line, no newline), valid
 * against the CSL-JSON schema: "id" and "type" always present; a journal
 * of JabRef's lists printed in full gets its ISO 4 abbreviation as
 * "container-title-short"; refparse's extras (warnings, et-al flags, ASCII
 * name keys, the full title of a journal printed abbreviated as
 * "container-title-full") under "custom". id may be
 * NULL (then "id" is "1") and is id_len bytes. On RP_OK *out (caller frees
 * with rp_free) holds out_len bytes plus a NUL. Errors: RP_ERR_ARG,
 * RP_ERR_NOMEM. Thread-safe for distinct results.
 */
RP_API rp_status rp_write_csljson(const rp_result *result, const char *id,
                                  size_t id_len, unsigned flags, char **out,
                                  size_t *out_len);

/** Write a canonical Vancouver/NLM string from the parsed fields, e.g.
 *  "Murry CE, Soonpaa MH, et al. Title. Nature. 2004;428(6983):664-668."
 *  Same ownership and errors as rp_write_csljson; flags: reserved, pass 0.
 *  Use rp_ascii_fold() on the output for an ASCII rendering. */
RP_API rp_status rp_write_vancouver(const rp_result *result, unsigned flags,
                                    char **out, size_t *out_len);

/* ---- Output formats and the streaming writer -------------------------------
 *
 * A writer turns results into one of the formats below, record after
 * record, and adds what spans records: the "[", "," and "]" of a CSL-JSON
 * array, the TSV header row, and BibTeX keys made unique within the run.
 * Typical use (errors unchecked for brevity):
 *
 *   rp_writer *w; char *s; size_t n;
 *   rp_writer_new(parser, RP_FORMAT_BIBTEX, 0, &w);
 *   rp_writer_begin(w, &s, &n); fwrite(s, 1, n, stdout); rp_free(s);
 *   for each result r:
 *     rp_writer_add(w, r, id, id_len, &s, &n); fwrite(...); rp_free(s);
 *   rp_writer_end(w, &s, &n); fwrite(...); rp_free(s);
 *   rp_writer_free(w);
 *
 * Concatenating everything returned, in call order, gives a complete file.
 */

/** Output formats. Append only. */
typedef enum rp_format {
  RP_FORMAT_CSL_JSONL = 0, /**< one CSL-JSON item per line ("csl-jsonl") */
  RP_FORMAT_CSL_JSON,      /**< one JSON array of items, a CSL-JSON file ("csl-json") */
  RP_FORMAT_BIBTEX,        /**< BibTeX entries with unique keys ("bibtex") */
  RP_FORMAT_RIS,           /**< RIS records, TY to ER ("ris") */
  RP_FORMAT_TSV,           /**< a header row, then one row per result ("tsv") */
  RP_FORMAT_VANCOUVER,     /**< one rp_write_vancouver string per line ("vancouver") */
  RP_FORMAT_COUNT_
} rp_format;

/** Name of a format as the CLI's --to takes it ("csl-json"); "" if unknown. */
RP_API const char *rp_format_name(rp_format format);
/** The format called name (NUL-terminated, as rp_format_name writes it)
 *  into *out. Errors: RP_ERR_ARG when a pointer is NULL or the name is
 *  unknown (*out is then left alone). */
RP_API rp_status rp_format_from_name(const char *name, rp_format *out);

typedef struct rp_writer rp_writer;

/**
 * Make a writer for one output stream. parser (used to ASCII-fold BibTeX
 * keys) must outlive the writer; it may be NULL for every format but
 * RP_FORMAT_BIBTEX. flags: RP_WRITE_* (RP_WRITE_NO_CUSTOM applies to the
 * CSL-JSON formats, RP_WRITE_ID_NUMERIC too). On RP_OK *out holds a writer
 * freed with rp_writer_free(). Errors: RP_ERR_ARG (out NULL, unknown
 * format, or bibtex without a parser), RP_ERR_NOMEM. A writer keeps state
 * between calls (keys used so far, whether a record was written): use it
 * from one thread at a time, in output order.
 */
RP_API rp_status rp_writer_new(const rp_parser *parser, rp_format format, unsigned flags,
                               rp_writer **out);
/** Free a writer; NULL is accepted. */
RP_API void rp_writer_free(rp_writer *writer);
/** What opens the stream ("[" for csl-json, the TSV header row, else "").
 *  *out (caller frees with rp_free) holds *out_len bytes plus a NUL.
 *  Errors: RP_ERR_ARG, RP_ERR_NOMEM. */
RP_API rp_status rp_writer_begin(rp_writer *writer, char **out, size_t *out_len);
/** One record, with its separator and final newline. id (id_len bytes, may
 *  be NULL: then the count of records so far, from 1) is the CSL-JSON and
 *  TSV id and the RIS ID; BibTeX makes its own key (rp_bibtex_key) and adds
 *  "a", "b", ... to a key already used by this writer. Same ownership and
 *  errors as rp_writer_begin. */
RP_API rp_status rp_writer_add(rp_writer *writer, const rp_result *result, const char *id,
                               size_t id_len, char **out, size_t *out_len);
/** What closes the stream ("]" and a newline for csl-json, else "").
 *  Same ownership and errors as rp_writer_begin. */
RP_API rp_status rp_writer_end(rp_writer *writer, char **out, size_t *out_len);

/** The BibTeX key of a result before deduplication: the first author's
 *  family name without particles, ASCII-folded, lower case, letters and
 *  digits only; then the year; then the first title word that is not an
 *  article, preposition or conjunction ("murry2004haematopoietic").
 *  Missing parts are left out; "ref" when nothing is left. *out (caller
 *  frees with rp_free). Errors: RP_ERR_ARG, RP_ERR_NOMEM, RP_ERR_INTERNAL.
 *  Thread-safe. */
RP_API rp_status rp_bibtex_key(const rp_parser *parser, const rp_result *result, char **out,
                               size_t *out_len);
/** One BibTeX entry for a result under the given key (key_len bytes, used
 *  as it is), ending with "}" and a newline. Values are LaTeX-escaped
 *  ({}%&$#_^~\), names are "Family, Given" joined with " and ".
 *  flags: reserved, pass 0. Same ownership and errors as rp_write_csljson.
 *  Thread-safe for distinct results. */
RP_API rp_status rp_write_bibtex(const rp_result *result, const char *key, size_t key_len,
                                 unsigned flags, char **out, size_t *out_len);
/** One RIS record, "TY  - " to "ER  - " and a newline; id (may be NULL)
 *  goes to the ID tag. flags: reserved, pass 0. Same ownership and errors
 *  as rp_write_csljson. Thread-safe for distinct results. */
RP_API rp_status rp_write_ris(const rp_result *result, const char *id, size_t id_len,
                              unsigned flags, char **out, size_t *out_len);
/** The TSV header row, with its newline; static, never NULL. The columns
 *  are fixed (append only): id, type, author, editor, title,
 *  container-title, collection-title, year, volume, issue, page, publisher,
 *  publisher-place, edition, genre, DOI, PMID, PMCID, arXiv, ISBN, ISSN,
 *  URL, accessed, note, et-al, warnings, date, number,
 *  collection-number, number-of-volumes. "accessed" is ISO
 *  ("2024-03-05") when the access date reads as one, else as printed;
 *  "date" is the date of publication in ISO 8601 when it has a month
 *  ("2004-03-05", "2004-03", a range "2004-01/2004-02") or is a range of
 *  years ("1939/1940"), else empty. */
RP_API const char *rp_tsv_header(void);
/** One TSV row for a result, with its newline, in rp_tsv_header()'s
 *  columns. Names are "Family, Given" joined with "; "; et-al is "1" or
 *  empty; warnings are codes joined with ",". A backslash, tab, newline or
 *  carriage return in a value is written "\\", "\t", "\n", "\r".
 *  flags: reserved, pass 0. Same ownership and errors as rp_write_csljson.
 *  Thread-safe for distinct results. */
RP_API rp_status rp_write_tsv(const rp_result *result, const char *id, size_t id_len,
                              unsigned flags, char **out, size_t *out_len);

/** ASCII-fold a UTF-8 string ("Műzes" -> "Muzes", "武汉" -> "wu han") with
 *  ICU transliteration rules; what has no Latin reading becomes '?'.
 *  *out (caller frees with rp_free) receives the folded text. Time and
 *  memory are linear in len: text is folded in segments of at most 256
 *  UTF-16 units, cut after a space where there is one (names and words are
 *  never cut; only a longer run without a space, such as thousands of
 *  combining marks, is). Latin text with accents, Cyrillic, Han
 *  characters and Hangul (with ASCII) need no ICU transliterator (Han and
 *  Hangul through tables made from ICU's own rules at build time); the
 *  first fold of another script in a process pays ICU's set-up for it
 *  (about 8 ms), once.
 *  Errors: RP_ERR_ARG, RP_ERR_NOMEM, RP_ERR_INTERNAL. Thread-safe; folds
 *  run in parallel on a shared parser. */
RP_API rp_status rp_ascii_fold(const rp_parser *parser, const char *text,
                               size_t len, char **out, size_t *out_len);

/* ---- Reading a pasted reference list ------------------------------------ */

/*
 * A reference list as people paste it from a PDF or a web page: references
 * wrapped over several lines, words hyphenated at line ends, numbered,
 * bulleted, with a hanging indent or blank lines between them. An rp_list
 * reads such a list (a buffer, or a stream through a read callback) and
 * yields one reference at a time, its lines joined into one string, with
 * the first and last input line it came from. It only frames text: pass
 * each reference to rp_parse() or rp_normalize().
 *
 * Layout: chosen once per list from its first 512 lines (at most 1 MiB), or
 * given by the caller. A blank line ends a reference in every layout; a
 * heading line ("References", "7. Bibliography") where a reference would
 * begin is skipped. Numbered lists start a reference only at the marker
 * that continues the sequence, so "12. 345-350" inside reference 4 stays
 * text; one lost number is skipped after a full stop ("[11] ...2001."
 * then "[13] Smith"), and a line without a number that opens with an
 * author after a line that can end a reference is one too when the next
 * marker skips a number ("[2] A", "Roe, B. Three", "[4] C"); before the
 * expected number ("[190] ... Memoir.", "Washington, D.C.: ...", "[191]"),
 * a blank line or the end, it goes on the reference before it. Markers
 * ("[12]", "3.", "•") stay in the text: rp_parse with RP_OPT_STRIP_MARKERS
 * drops them and records "[12]" as citation-number.
 *
 * Joining: a line break becomes one space, except after a hyphen that
 * follows a non-space: "transfor-" + "mation" gives "transformation" (a
 * small letter after, not a known compound such as "long-term" or
 * "evidence-based", no suspended "pre- and"), "CA-" + "MARGO" gives
 * "CAMARGO" (capitals broken before a consonant and a vowel), "Hans-" +
 * "Peter", "SIG-" + "PLAN", "SOARES-" + "FILHO", "2019-" + "2020" and
 * "long-" + "term" keep the hyphen and no space. Inside a line nothing is
 * joined ("transfor- mation" stays, as rp_parse of the line keeps it). A
 * URL or DOI broken after "/" is joined without a space, unless the next
 * line opens with a bracket, a quote or a word in parentheses
 * ("[Accessed ...]", "(accessed ...)"). Line ends are LF, CR LF or CR.
 *
 * Memory is bounded whatever the input: the first lines (1 MiB), one line
 * and one reference of at most 1 MiB each (the rest of a longer one is
 * dropped; its lines still count), 64 KiB of read buffer. Bytes are passed
 * through as they are (not validated as UTF-8; rp_parse repairs them).
 *
 * Threads: an rp_list belongs to one thread at a time; lists do not share
 * state, so any number may be read at once.
 */

/** List layouts. Append only. */
typedef enum rp_layout {
  RP_LAYOUT_AUTO = 0, /**< choose from the first lines (when making a list) */
  RP_LAYOUT_LINES,    /**< one reference per line (`--input text`) */
  RP_LAYOUT_NUMBERED, /**< "[n]", "n.", "n)" or "(n)" at line start, n rising by one */
  RP_LAYOUT_BULLETED, /**< a bullet ("•", "-", "*", ...) at line start */
  RP_LAYOUT_HANGING,  /**< first line at the margin, continuation lines indented */
  RP_LAYOUT_BLANK,    /**< references separated by blank lines */
  RP_LAYOUT_FLUSH,    /**< every line at the margin, nothing between references: a
                           reference begins with an author ("Smith, J.", "Murry CE,",
                           "J. Smith") after a line that can end one (".", a number, a
                           URL; not "J." or "Biol.") */
  RP_LAYOUT_COUNT_
} rp_layout;

/** Name of a layout ("numbered"); "" if unknown. Static. */
RP_API const char *rp_layout_name(rp_layout layout);

typedef struct rp_list rp_list;

/** Read callback: copy up to cap bytes into buf and return how many; 0 at
 *  the end of input or on an error (the caller tells them apart, e.g. with
 *  ferror). Over stdio: `return fread(buf, 1, cap, (FILE *)ctx);` */
typedef size_t (*rp_read_fn)(void *ctx, char *buf, size_t cap);

/**
 * Read a list held in memory (`len` bytes, no NUL needed). The list borrows
 * `text`, which must stay unchanged until rp_list_free(). layout is
 * RP_LAYOUT_AUTO or the layout to use. On RP_OK *out holds a list the
 * caller frees with rp_list_free(). Errors: RP_ERR_ARG (out NULL, text NULL
 * with len > 0, layout out of range), RP_ERR_NOMEM; then *out is NULL.
 */
RP_API rp_status rp_list_new(const char *text, size_t len, rp_layout layout, rp_list **out);

/**
 * Read a list from a stream: `read(ctx, ...)` is called for 64 KiB at a
 * time, first here (the lines that choose the layout) and then from
 * rp_list_next(). ctx is the caller's and must outlive the list. Errors:
 * RP_ERR_ARG (out or read NULL, layout out of range), RP_ERR_NOMEM.
 */
RP_API rp_status rp_list_new_reader(rp_read_fn read, void *ctx, rp_layout layout,
                                    rp_list **out);

/**
 * The next reference. On RP_OK with *text not NULL, *text holds *len bytes
 * (plus a NUL; NUL bytes of the input pass through), borrowed from the list
 * until the next rp_list_next() or rp_list_free(). On RP_OK with *text NULL
 * the list has ended (and stays ended). Errors: RP_ERR_ARG (an argument
 * NULL), RP_ERR_NOMEM (the list cannot go on; free it).
 */
RP_API rp_status rp_list_next(rp_list *list, const char **text, size_t *len);

/** Input lines (1-based, counting every line, blank or skipped) of the
 *  first and last line of the reference rp_list_next() returned last; 0
 *  before the first one or for a NULL list. first or last may be NULL. */
RP_API void rp_list_lines(const rp_list *list, size_t *first, size_t *last);

/** The layout the list is read with (chosen or given); RP_LAYOUT_AUTO for
 *  NULL. */
RP_API rp_layout rp_list_layout(const rp_list *list);

/** Free a list; NULL is accepted. The callback is not called. */
RP_API void rp_list_free(rp_list *list);

#ifdef __cplusplus
}
#endif

#endif /* REFPARSE_H */
