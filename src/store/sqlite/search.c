/* The SQLite backend: full-text search (FTS5, table "search", kept by triggers; see
 * migration 3). */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite/internal.h"

/* The matching rows after every filter: the same for hits, total and facets.
 * ?1 match, ?2 public only, ?3 ",KE,NG,", ?4 kind bits, ?5/?6 years, ?7 language,
 * ?8 ",un-cc/7,", ?11 ",002,014," (the places of regional records). A provision
 * counts only in its law's latest version. */
#define MATCHES \
	"WITH f AS (SELECT s.rowid AS rid, s.record_id, s.eid, s.heading, " \
	"  bm25(search, 10.0, 4.0, 1.0) AS score, " \
	"  r.kind, r.country, r.language, r.title, w.uri, " \
	"  CAST(substr(coalesce(w.date, c.decided, l.date, r.created_at), 1, 4) AS INTEGER) " \
	"    AS year " \
	"FROM search s JOIN record r ON r.id = s.record_id " \
	"LEFT JOIN work w ON w.record_id = r.id " \
	"LEFT JOIN caselaw c ON c.record_id = r.id " \
	"LEFT JOIN lesson l ON l.record_id = r.id " \
	"WHERE search MATCH ?1 " \
	"AND (?2 = 0 OR (r.status = 'published' AND r.tlp = 'CLEAR')) " \
	"AND (?3 IS NULL OR instr(?3, ',' || r.country || ',') > 0 OR (r.country IS NULL " \
	"  AND instr(coalesce(?11, ''), ',' || r.region || ',') > 0)) " \
	"AND (?4 = 0 OR (?4 & (CASE r.kind WHEN 'legislation' THEN 1 WHEN 'case' THEN 2 " \
	"  ELSE 4 END)) <> 0) " \
	"AND (?7 IS NULL OR instr(?7, ',' || r.language || ',') > 0) " \
	"AND (s.expression_id IS NULL OR s.expression_id = (SELECT x.id FROM expression x " \
	"  WHERE x.work_id = s.record_id ORDER BY x.date DESC LIMIT 1)) " \
	"AND (?8 IS NULL OR EXISTS (SELECT 1 FROM mapping m WHERE m.work_id = s.record_id " \
	"  AND m.eid = s.eid AND m.state = 'accepted' " \
	"  AND instr(?8, ',' || m.instrument || '/' || m.article || ',') > 0))), " \
	"g AS (SELECT * FROM f WHERE (?5 = 0 OR year >= ?5) AND (?6 = 0 OR year <= ?6)) "


static void bind_request(sqlite3_stmt *st, const struct search_request *rq)
{
	sq_bind_text(st, 1, rq->match);
	sqlite3_bind_int(st, 2, rq->public_only);
	sq_bind_text(st, 3, rq->countries);
	sqlite3_bind_int(st, 4, (int)rq->kinds);
	sqlite3_bind_int(st, 5, rq->year_from);
	sqlite3_bind_int(st, 6, rq->year_to);
	sq_bind_text(st, 7, rq->languages);
	sq_bind_text(st, 8, rq->articles);
	if (sqlite3_bind_parameter_count(st) >= 11)
		sq_bind_text(st, 11, rq->regions);
}

static const char *const kinds[] = { "legislation", "case", "lesson" };

static void hit_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct search_hit *h = row;
	const char *k = (const char *)sqlite3_column_text(st, 5);

	h->record_id = sqlite3_column_int64(st, 0);
	h->eid = sq_col(p, st, 1);
	h->heading = sq_col(p, st, 2);
	h->score = sqlite3_column_double(st, 3);
	h->snippet = sq_col(p, st, 4);
	h->kind = REC_LEGISLATION;
	for (int i = 0; k && i < 3; i++)
		if (!strcmp(k, kinds[i]))
			h->kind = (enum record_kind)i;
	h->country = sq_col(p, st, 6);
	h->title = sq_col(p, st, 7);
	h->work_uri = sq_col(p, st, 8);
}

#define FACET_MAX 512	/* distinct values kept per facet (countries are ~250) */

/* Count n more for value in facet f (NULL values are not a facet). */
static void facet_add(pool *p, struct search_result *out, enum search_facet_kind f,
		      const char *value, long long n)
{
	struct search_facet *fs = out->facets[f];

	if (!value)
		return;
	for (size_t i = 0; i < out->nfacets[f]; i++) {
		if (!strcmp(fs[i].value, value)) {
			fs[i].count += n;
			return;
		}
	}
	if (!fs)
		fs = out->facets[f] = pool_calloc(p, FACET_MAX, sizeof(*fs));
	if (out->nfacets[f] == FACET_MAX)
		return;
	fs[out->nfacets[f]].value = pool_strdup(p, value);
	fs[out->nfacets[f]++].count = n;
}

static int by_count(const void *a, const void *b)
{
	const struct search_facet *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->value, y->value);
}

static int by_value_desc(const void *a, const void *b)
{
	return strcmp(((const struct search_facet *)b)->value,
		      ((const struct search_facet *)a)->value);
}

int sq_search(struct store *s, pool *p, const struct search_request *rq,
	      struct search_result *out, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;
	int rc;

	st = sq_prep(q, SQ_SEARCH_HITS, MATCHES
		     /* a record's first three hits come before its others, which still
		      * fill the page when few records match; snippets only for the page */
		     ", top AS (SELECT g.*, row_number() OVER (PARTITION BY record_id "
		     "ORDER BY score) AS k FROM g ORDER BY k > 3, score, rid LIMIT ?9 OFFSET ?10) "
		     "SELECT top.record_id, top.eid, top.heading, top.score, "
		     "(SELECT snippet(search, 2, char(2), char(3), '…', 14) FROM search "
		     "WHERE search MATCH ?1 AND search.rowid = top.rid), "
		     "top.kind, top.country, top.title, top.uri FROM top "
		     "ORDER BY top.k > 3, top.score, top.rid", e);
	if (st) {
		bind_request(st, rq);
		sqlite3_bind_int(st, 9, rq->limit);
		sqlite3_bind_int(st, 10, rq->offset);
	}
	if ((rc = sq_rows(q, st, p, sizeof(*out->hits), hit_row, (void **)&out->hits,
			  &out->nhits, "search", e)))
		return rc;
	/* the total and every facet from one pass over the matches */
	if (!(st = sq_prep(q, SQ_SEARCH_TOTAL, MATCHES "SELECT country, kind, "
			   "CASE WHEN year > 0 THEN CAST(year AS TEXT) END, language, count(*) "
			   "FROM g GROUP BY 1, 2, 3, 4", e)))
		return ERR_DB;
	bind_request(st, rq);
	out->total = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long n = sqlite3_column_int64(st, 4);

		out->total += n;
		for (int f = 0; f < FACET_COUNT; f++)
			facet_add(p, out, (enum search_facet_kind)f,
				  (const char *)sqlite3_column_text(st, f), n);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, "search", e);
	for (int f = 0; f < FACET_COUNT; f++) {
		if (out->nfacets[f] > 1)
			qsort(out->facets[f], out->nfacets[f], sizeof(*out->facets[f]),
			      f == FACET_YEAR ? by_value_desc : by_count);
		if (out->nfacets[f] > 50)
			out->nfacets[f] = 50;
	}
	return ERR_OK;
}

static void mapped_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct search_hit *h = row;

	hit_row(p, st, row);
	h->concept = sq_col(p, st, 9);
}

int sq_search_mapped(struct store *s, pool *p, const struct search_request *rq,
		     struct search_hit **out, size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	/* from the mapping index, not the text: the same filters as MATCHES */
	sqlite3_stmt *st = sq_prep(q, SQ_SEARCH_MAPPED,
		"SELECT r.id, v.eid, trim(coalesce(v.num, '') || ' ' || coalesce(v.heading, '')), "
		"0.0, substr(coalesce(v.text, ''), 1, 240), r.kind, r.country, r.title, w.uri, "
		"m.instrument || '/' || m.article "
		"FROM mapping m JOIN work w ON w.record_id = m.work_id "
		"JOIN record r ON r.id = m.work_id "
		"JOIN provision v ON v.eid = m.eid AND v.expression_id = (SELECT x.id FROM "
		"  expression x WHERE x.work_id = m.work_id ORDER BY x.date DESC LIMIT 1) "
		"WHERE m.state = 'accepted' AND instr(?8, ',' || m.instrument || '/' || m.article "
		"  || ',') > 0 "
		"AND (?2 = 0 OR (r.status = 'published' AND r.tlp = 'CLEAR')) "
		"AND (?3 IS NULL OR instr(?3, ',' || r.country || ',') > 0) "
		"AND (?4 = 0 OR (?4 & (CASE r.kind WHEN 'legislation' THEN 1 WHEN 'case' THEN 2 "
		"  ELSE 4 END)) <> 0) "
		"AND (?7 IS NULL OR instr(?7, ',' || r.language || ',') > 0) "
		"AND (?5 = 0 OR CAST(substr(w.date, 1, 4) AS INTEGER) >= ?5) "
		"AND (?6 = 0 OR CAST(substr(w.date, 1, 4) AS INTEGER) <= ?6) "
		"ORDER BY m.extent = 'full' DESC, r.country, r.title, v.ordinal LIMIT ?9", e);

	if (st) {
		bind_request(st, rq);
		sqlite3_bind_int(st, 9, rq->limit);
	}
	return sq_rows(q, st, p, sizeof(**out), mapped_row, (void **)out, n, "concept search", e);
}

int sq_reindex(struct store *s, long long *rows, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;
	int rc;

	/* the same statements as migration 3, run again from scratch */
	if ((rc = sq_exec(q, "DELETE FROM search;"
		"INSERT INTO search(rowid, title, heading, body, record_id, expression_id, eid) "
		"SELECT v.id, coalesce(x.title, r.title), "
		"trim(coalesce(v.num, '') || ' ' || coalesce(v.heading, '')), v.text, x.work_id, "
		"v.expression_id, v.eid FROM provision v JOIN expression x ON x.id = "
		"v.expression_id JOIN record r ON r.id = x.work_id;"
		"INSERT INTO search(rowid, title, heading, body, record_id, expression_id, eid) "
		"SELECT -c.record_id, r.title, trim(coalesce(c.court, '') || ' ' || "
		"coalesce(c.citation, '') || ' ' || coalesce(c.parties, '')), "
		"coalesce(c.summary, '') || char(10, 10) || coalesce(c.facts, '') || char(10, 10) "
		"|| coalesce(c.outcome, '') || char(10, 10) || coalesce(c.evidence_issues, '') || "
		"char(10, 10) || coalesce(c.keywords, ''), c.record_id, NULL, NULL "
		"FROM caselaw c JOIN record r ON r.id = c.record_id;"
		"INSERT INTO search(rowid, title, heading, body, record_id, expression_id, eid) "
		"SELECT -l.record_id, r.title, l.topic, l.body, l.record_id, NULL, NULL "
		"FROM lesson l JOIN record r ON r.id = l.record_id;"
		"INSERT INTO search(search) VALUES ('optimize');", e)))
		return rc;
	if (sqlite3_prepare_v2(q->db, "SELECT count(*) FROM search", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "reindex", e);
	rc = sqlite3_step(st);
	*rows = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? ERR_OK : sq_fail(q, "reindex", e);
}
