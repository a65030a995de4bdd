/* bundle: the project's own JSON format for records, used to export and import
 * them (and to move them between nodes). Export then import gives back the same
 * records. The format is documented in docs/bundle.md. */
#ifndef DOMAIN_BUNDLE_H
#define DOMAIN_BUNDLE_H
#include <stddef.h>

#include "core/err.h"
#include "core/sbuf.h"
#include "domain/record.h"

struct store;

#define BUNDLE_MAX_BYTES (512L * 1024 * 1024)

struct bundle_counts {
	size_t legislation, cases, lessons, expressions, provisions, mappings;
};

/* Write the records matching q (every version of each work, its provisions and
 * mappings; cases; lessons) as a bundle into out: only what the clearance set on s
 * may read (store_set_clearance). When a is not NULL the bundle goes to a: its
 * restricted records go to the audit log (record_read_each). */
int bundle_export(struct store *s, const struct actor *a, const struct record_query *q,
		  struct sbuf *out, struct bundle_counts *counts, struct err *e);
/* Import a bundle (text of len bytes; origin names it in messages) in one
 * transaction: all of it or nothing. Works are matched by URI, cases by court and
 * citation, lessons by title and place; matches are updated. Only for those who may
 * publish (ERR_FORBIDDEN otherwise): a bundle sets statuses, labels and authors. */
int bundle_import(struct store *s, const struct actor *a, const char *text, size_t len,
		  const char *origin, struct bundle_counts *counts, struct err *e);

#endif
