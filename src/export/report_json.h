/* report_json: a report (domain/report.h) as JSON and back, the form the API sends and
 * a saved report keeps; and its tables as CSV (RFC 4180, export/csv.h). */
#ifndef EXPORT_REPORT_JSON_H
#define EXPORT_REPORT_JSON_H
#include <jansson.h>

#include "core/err.h"
#include "core/pool.h"
#include "core/sbuf.h"
#include "domain/report.h"

/* The names of enum report_ctype in JSON: "text", "msg", "number", "share", "date",
 * "country", "path", "amount". */
extern const char *const report_ctype_names[];

/* r as a new JSON object: id, title, made_at, made_by, from, to, scope (region,
 * countries), level, sections (key, title, note, figures, tables with columns and
 * rows: numbers and shares as JSON numbers, the rest as strings or null) and
 * commission (paragraphs 5..13: number, gist, figures' keys, prose). */
json_t *report_json(const struct report *r);
/* The report text holds (as report_json writes it) into *out, in p: ERR_INVALID
 * "content: ..." when it is not. Its prose is not read (a saved report keeps it
 * apart). */
int report_json_read(pool *p, const char *text, struct report **out, struct err *e);
/* prose, a JSON object {"5": "...", ...} (NULL: none), into r->prose, in p. */
void report_json_prose(pool *p, const char *prose, struct report *r);
/* Saved report sv as a report, in p: its content read (report_json_read), its id,
 * maker and prose. A content that does not read (the database was changed by hand or
 * damaged) is ERR_INTERNAL "saved report N cannot be read", the reason in the log. */
int report_json_saved(pool *p, const struct report_saved *sv, struct report **out,
		      struct err *e);
/* Table t as CSV: a header of the columns' keys, then its rows; guarded against
 * formulas (csv_row) except numbers. note (NULL: none) first, as a comment line
 * "# NOTE" (a GREEN report's REPORT_GREEN_NOTE). */
void report_csv(struct sbuf *out, const struct report_table *t, const char *note);
/* The table called key ("laws", ...) of r, or NULL. */
const struct report_table *report_table_find(const struct report *r, const char *key);

#endif
