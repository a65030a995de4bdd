/* csv: comma-separated values as RFC 4180 writes them (fields separated by commas,
 * records ended by CRLF, a field quoted when it holds a comma, a double quote, CR or
 * LF, or begins or ends with a space or tab; quotes inside doubled). Bytes are
 * written as they are: UTF-8 in, UTF-8 out.
 *
 * Formula injection: a spreadsheet that opens the file runs a cell that begins with
 * = + - or @ as a formula (and tab or CR can hide such a start), so data from users
 * could call out or run commands on a reader's machine. By default (csv_field,
 * csv_row) a field that begins with one of = + - @ tab CR gets a leading single
 * quote, which spreadsheets show as text (OWASP "CSV Injection" recommendation).
 * This changes the data ("-1" is written '-1), so the _raw variants write fields
 * exactly, for programs rather than people (machine exchange, re-import). */
#ifndef EXPORT_CSV_H
#define EXPORT_CSV_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "core/sbuf.h"
#include "domain/coverage.h"
#include "import/doc.h"

/* Append one field to out, quoted where needed and guarded against formula
 * injection. NULL and "" write an empty field. No separator is written. */
void csv_field(struct sbuf *out, const char *s);
/* The same without the formula-injection guard: s exactly. */
void csv_field_raw(struct sbuf *out, const char *s);
/* Append one record: n fields (csv_field each; NULL entries are empty fields),
 * separated by commas, ended by CRLF. */
void csv_row(struct sbuf *out, const char *const *fields, size_t n);
/* The same with csv_field_raw. */
void csv_row_raw(struct sbuf *out, const char *const *fields, size_t n);

/* Append the provisions of d, one header row and then one row per node in document
 * order, with the columns work_uri, expression ("eng@2018-05-30"; "" when the doc
 * has neither language nor expression date), eid, kind, num, heading, text,
 * parent_eid ("" at the top level) and depth (1 at the top level); fields guarded
 * as csv_row does. Returns ERR_OK, or ERR_INVALID when d is NULL. */
int csv_doc_provisions(const struct doc *d, struct sbuf *out, struct err *e);

/* Append the cells of a coverage matrix, one header row and then one row per country
 * and article (the countries in m's order, each with m's articles), with the columns
 * country (alpha-2), instrument, article (its number), title, category, status
 * (cov_status_name), derived (0 or 1), evidence ("URI~EID (num, eng@DATE, extent)"
 * joined by "; ", derived ones "..., through coe-185/2)"), assessment (its note) and
 * disputed (0 or 1); fields guarded as csv_row does. Temporary strings go to p. */
void csv_coverage(struct sbuf *out, pool *p, const struct cov_matrix *m);

#endif
