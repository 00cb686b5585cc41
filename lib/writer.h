/*
 * writer.h: helpers shared by the output formats (one file per format:
 * writer_csljson.c, writer_vancouver.c, writer_bibtex.c, writer_ris.c,
 * writer_tsv.c; writer_stream.c strings records into one file). Writers
 * only format what the parser found; no parsing logic lives here.
 *   rpi_json_str(b, "a\"b") appends "\"a\\\"b\""
 *   rpi_particle_len("van der Berg") -> 8 ("van der "), ("Vries") -> 0
 *   rpi_page_split("664-668") -> first "664", last "668"
 */
#ifndef RP_WRITER_H
#define RP_WRITER_H

#include "buf.h"
#include "result.h"

/* Append s as a JSON string literal (UTF-8 kept, controls escaped). */
void rpi_json_str(rpi_buf *b, const char *s, size_t n);
/* The checks a record writer starts with (out not NULL, then *out NULL; r
 * not NULL; id NULL only with id_len 0); on RP_OK b is ready for it. */
rp_status rpi_writer_start(const rp_result *r, const char *id, size_t id_len, char **out,
                           rpi_buf *b);
/* Hand a finished buffer to the caller as (*out, *out_len). */
rp_status rpi_writer_finish(rpi_buf *b, char **out, size_t *out_len);

/* Bytes of the lower-case particle prefix of a family name, with its
 * space ("van der ", "de ", "von "), or 0; a whole family name is never a
 * particle ("de" alone gives 0). *dropping is set for particles CSL drops
 * when the name is sorted or shortened (German "von", "zu"). */
size_t rpi_particle_len(const char *family, bool *dropping);
/* The first and last page of a page field: "664-668" -> [664][668];
 * "e69515" -> [e69515][] (last_len 0). */
void rpi_page_split(const char *page, size_t *first_len, const char **last, size_t *last_len);
/* A year field as a number, or -1 when it is not four digits. */
int rpi_year(const char *year);
/* The date parts of an access date that is ISO ("2024-03-05") or an
 * day, month and year in any usual order ("5 March 2024", "Mar. 5, 2024",
 * "2024 Mar 5", "le 14 mars 2023", "5 de mayo de 2024"; the month names of
 * lib/data/months.txt); 0 parts when it is neither. Returns the number of
 * parts set in ymd (1 to 3). */
int rpi_date_parts(const char *s, int ymd[3]);
/* The date of publication: its year, month and day in from (0 when not
 * printed) and, for a range ("2004 Jan-Feb", "2004 Mar 5-7", the years
 * "1939-1940"), where it ends in to. Returns the parts of from that are
 * set (0 without a year, else 1 to 3), and *range whether to holds an end
 * (a range of years has one part). */
int rpi_issued(const rp_result *r, int from[3], int to[3], bool *range);
/* Append the first n (1 to 3) parts of ymd joined by sep, month and day
 * in two digits: (2004, 3, 5), '-' -> "2004-03-05". */
void rpi_put_date(rpi_buf *b, const int ymd[3], int n, char sep);
/* The English abbreviation NLM and BibTeX write for month m (1..12):
 * "Jan", ..., "Dec"; "" for any other m. */
const char *rpi_month_abbrev(int m);
/* An access date as written by a format: ISO parts joined by sep into d
 * ("5 March 2024", '-' -> "2024-03-05") when rpi_date_parts reads all
 * three, else s as printed. Returns d or s. */
const char *rpi_accessed(const char *s, char sep, char d[16]);
/* True when url starts with a scheme ("https:", "ftp:"); writers put
 * "https://" before one without ("www.x.org/a"). */
bool rpi_url_has_scheme(const char *url);

#endif
