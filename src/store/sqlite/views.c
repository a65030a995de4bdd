/* The search views of the record kinds described by fields (domain/kind.h): what a
 * case or a lesson puts into the search index is made from its kind's table, so that
 * a new searched field (KF_SEARCH) is a row of the table and a migration that adds
 * its column, nothing else.
 *
 * The view search_source_<kind name> (see search_sql.h for its columns) reads the
 * kind's table t and its record r: heading is the searched one-line fields
 * (KT_TEXT) joined by spaces, body the searched paragraphs, Markdown and keywords
 * joined by blank lines, year the year of the first date field (else of the record's
 * creation). `ccrepo migrate` (and every start) compares each view with the one its
 * table makes; one that differs is made again and the kind's rows indexed again, in
 * the caller's write transaction. */
#include <string.h>

#include "core/log.h"
#include "core/sbuf.h"
#include "domain/kind.h"
#include "store/sqlite/internal.h"
#include "store/sqlite/search_sql.h"

static int searched_as(const struct kind_field *f, int heading)
{
	if (!(f->flags & KF_SEARCH))
		return 0;
	return heading ? f->type == KT_TEXT
		       : f->type == KT_LONG || f->type == KT_MARKDOWN || f->type == KT_KEYWORDS;
}

/* The expression joining k's searched fields of one sort: "trim(coalesce(t.a, '') ||
 * ' ' || ...)" for headings, "coalesce(t.a, '') || char(10, 10) || ..." for bodies. */
static void joined(struct sbuf *b, const struct kind *k, int heading)
{
	const char *sep = heading ? " || ' ' || " : " || char(10, 10) || ";
	int n = 0;

	sbuf_adds(b, heading ? "trim(" : "");
	for (size_t i = 0; i < k->nfields; i++)
		if (searched_as(&k->fields[i], heading))
			sbuf_addf(b, "%scoalesce(t.%s, '')", n++ ? sep : "", k->fields[i].key);
	if (!n)
		sbuf_adds(b, "''");
	sbuf_adds(b, heading ? ")" : "");
}

static const char *date_field(const struct kind *k)
{
	for (size_t i = 0; i < k->nfields; i++)
		if (k->fields[i].type == KT_DATE)
			return k->fields[i].key;
	return NULL;
}

/* The CREATE VIEW of kind k's search source, in b. */
static void view_sql(struct sbuf *b, const struct kind *k)
{
	const char *date = date_field(k);

	sbuf_addf(b, "CREATE VIEW search_source_%s AS SELECT -r.id AS id, r.id AS record_id, "
		  "NULL AS eid, r.kind AS kind, r.country AS country, r.region AS region, "
		  "r.language AS language, CAST(substr(", k->name);
	if (date)
		sbuf_addf(b, "coalesce(t.%s, r.created_at)", date);
	else
		sbuf_adds(b, "r.created_at");
	sbuf_adds(b, ", 1, 4) AS INTEGER) AS year, NULL AS articles, r.status AS status, "
		  "r.tlp AS tlp, r.language AS text_lang, r.title AS title, ");
	joined(b, k, 1);
	sbuf_adds(b, " AS heading, ");
	joined(b, k, 0);
	sbuf_addf(b, " AS body" SEARCH_NO_CONTEXT " FROM %s t JOIN record r ON r.id = t.record_id",
		  k->table);
}

/* Make kind k's view again and queue its records for the index (SEARCH_FLUSH). */
static int view_restore(struct sq *q, const struct kind *k, const char *sql, struct err *e)
{
	struct sbuf b = SBUF_INIT;
	int rc;

	sbuf_addf(&b, "DROP VIEW IF EXISTS search_source_%s;\n%s;\n"
		  "INSERT INTO search_queue(record_id) SELECT record_id FROM %s;\n",
		  k->name, sql, k->table);
	rc = sq_exec(q, sbuf_str(&b), e);
	sbuf_release(&b);
	return rc;
}

/* Whether view name's SQL is sql: *same 1 when it is, 0 when it differs or is
 * missing. */
static int view_same(struct sq *q, const char *name, const char *sql, int *same,
		     struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(q->db, "SELECT sql FROM sqlite_master WHERE type = 'view' "
			       "AND name = ?1", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "views", e);
	sq_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	*same = rc == SQLITE_ROW && sqlite3_column_text(st, 0) &&
		!strcmp((const char *)sqlite3_column_text(st, 0), sql);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : sq_fail(q, "views", e);
}

int sq_views_compare(struct sq *q, int restore, struct sbuf *report, int *problems,
		     struct err *e)
{
	int rc = ERR_OK, restored = 0;

	for (int i = 0; i < REC_KIND_COUNT && !rc; i++) {
		const struct kind *k = kind_by_id(i);
		struct sbuf sql = SBUF_INIT;
		char name[64];
		int same;

		if (!k || !k->table)
			continue;
		view_sql(&sql, k);
		snprintf(name, sizeof(name), "search_source_%s", k->name);
		if ((rc = view_same(q, name, sbuf_str(&sql), &same, e)) || same)
			goto next;
		(*problems)++;
		if (report)
			sbuf_addf(report, "problem: view %s is not what the %s table makes "
				  "('ccrepo migrate' makes it again)\n", name, k->name);
		if (restore && !(rc = view_restore(q, k, sbuf_str(&sql), e))) {
			log_info("%s: view %s made from the %s table", q->path, name, k->name);
			restored = 1;
		}
next:
		sbuf_release(&sql);
	}
	if (!rc && restored)
		rc = sq_exec(q, SEARCH_FLUSH, e);
	return rc;
}
