/*
 * fields.h: setting result fields from spans of the working copy, with
 * runs of spaces (left by blanking) collapsed: plain fields, pages, the
 * year, names and warnings.
 *
 *   rpi_fields_set(s, RP_FIELD_TITLE, a, b) on "Title   of it" -> "Title of it"
 */
#ifndef RP_FIELDS_H
#define RP_FIELDS_H

#include "buf.h"
#include "names.h"
#include "stage.h"

/* Copy w[a..b) into a buffer, collapsing runs of spaces. */
void rpi_fields_collapsed(rpi_buf *out, const char *w, size_t a, size_t b);

/* The bytes to copy a field's [a, b) from: the working copy, or, where the
 * parser read PDF spacing "Fields ,Nucl" as "Fields, Nucl", the same with
 * the printed order back. NULL when out of memory (s->err set). */
const char *rpi_fields_source(st *s, size_t a, size_t b);

/* Set field f to w[a..b) with runs of spaces collapsed; its span in the
 * caller's input is that of [a, b). Nothing when [a, b) is empty. */
void rpi_fields_set(st *s, rp_field f, size_t a, size_t b);

/* Set field f to v[0..n), spanning [a, b) of the working copy. */
void rpi_fields_text(st *s, rp_field f, const char *v, size_t n, size_t a, size_t b);

/* Add a warning spanning [a, b) of the working copy. */
void rpi_fields_warn(st *s, rp_warning_code c, size_t a, size_t b, const char *msg);

/* Add the names of l to role, each part taken from the working copy. */
void rpi_fields_names(st *s, const rpi_namelist *l, rp_role role);

/* Add one name to role kept whole as a literal: [a, b) of the working
 * copy, trimmed, white space collapsed (an organisation, a name in CJK
 * script). Returns b trimmed, or 0 when out of memory. */
size_t rpi_fields_literal_name(st *s, size_t a, size_t b, rp_role role);

/* Set the page field from [a, b): a list ("1, 5") part by part, a range
 * normalised (ASCII hyphen, MEDLINE-style expansion "123-9" -> "123-129",
 * suspect ranges cut to the first page), with a warning on a repair. */
void rpi_fields_pages(st *s, size_t a, size_t b);

/* Set the year to the first plausible four-digit year (1500-2099) in
 * [a, b), noting its span in s->year_a, s->year_b. */
void rpi_fields_year(st *s, size_t a, size_t b);

#endif
