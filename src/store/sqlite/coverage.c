/* The SQLite backend: coverage (domain/coverage.h). The evidence rows in one
 * statement, read under the connection's clearance like every read of records;
 * assessments, disputes and their comments. */
#include "store/sqlite/internal.h"


/* Published laws only (a curator reads drafts too, but drafts are no law in force);
 * pending versions are in force nowhere. Without ORDER BY: driven from record, the
 * rows of one work come together, and sorting 100,000 rows would cost more than the
 * rest. One statement per (what drives it, text): a few countries' rows come through
 * the index on record(kind, country, status); a few articles' (?2, a JSON list of
 * "un-cc/7") through mapping(instrument, article, state), which the IN lists on
 * instrument and article let the planner use. */
#define EVIDENCE_SQL(text, from, where) \
	"SELECT m.work_id, x.id, r.country, " text ", r.language, m.instrument, " \
	"m.article, m.extent, x.date, x.language, x.valid_to, v.id IS NOT NULL " \
	from " JOIN expression x ON x.work_id = r.id AND x.pending = 0 " \
	"LEFT JOIN provision v ON v.expression_id = x.id AND v.eid = m.eid " \
	"WHERE r.kind = 'legislation' AND r.status = 'published' AND " where " AND " \
	"(?2 IS NULL OR m.instrument || '/' || m.article IN " \
	"(SELECT value FROM json_each(?2))) AND " SQ_VISIBLE("r")
#define EVIDENCE_BY_RECORD "FROM record r JOIN work w ON w.record_id = r.id " \
	"JOIN mapping m ON m.work_id = r.id AND m.state = 'accepted'"
#define EVIDENCE_BY_MAPPING "FROM mapping m JOIN record r ON r.id = m.work_id " \
	"JOIN work w ON w.record_id = r.id"
#define EVIDENCE_TEXT "w.uri, r.title, m.eid, v.num, v.heading"
#define EVIDENCE_NOTEXT "NULL, NULL, NULL, NULL, NULL"
#define EVIDENCE_SOME "r.country IN (SELECT value FROM json_each(?1))"
#define EVIDENCE_ALL "r.country IS NOT NULL AND ?1 IS NULL"
#define EVIDENCE_ARTICLES EVIDENCE_ALL " AND m.state = 'accepted' AND " \
	"m.instrument IN (SELECT substr(value, 1, instr(value, '/') - 1) FROM json_each(?2)) " \
	"AND m.article IN (SELECT CAST(substr(value, instr(value, '/') + 1) AS INTEGER) " \
	"FROM json_each(?2))"

static const struct sq_col row_cols[] = {
	SQ_NUM(struct cov_row, work_id),
	SQ_NUM(struct cov_row, expression_id),
	SQ_STR(struct cov_row, country),
	SQ_STR(struct cov_row, work_uri),
	SQ_STR(struct cov_row, title),
	SQ_STR(struct cov_row, eid),
	SQ_STR(struct cov_row, num),
	SQ_STR(struct cov_row, heading),
	SQ_STR(struct cov_row, work_language),
	SQ_STR(struct cov_row, instrument),
	SQ_NUM(struct cov_row, article),
	SQ_STR(struct cov_row, extent),
	SQ_STR(struct cov_row, version_date),
	SQ_STR(struct cov_row, version_language),
	SQ_STR(struct cov_row, valid_to),
	SQ_NUM(struct cov_row, present),
};
static const struct sq_reader row_reader = SQ_READER(struct cov_row, row_cols);

int sq_cov_evidence(struct store *s, pool *p, const struct cov_filter *f,
		    struct cov_row **out, size_t *n, struct err *e)
{
	static const struct {
		enum sq_stmt id;
		const char *sql;
	} stmts[3][2] = {	/* [all, some countries, some articles][text] */
		{ { SQ_COV_EVIDENCE,
		    EVIDENCE_SQL(EVIDENCE_NOTEXT, EVIDENCE_BY_RECORD, EVIDENCE_ALL) },
		  { SQ_COV_EVIDENCE_TEXT,
		    EVIDENCE_SQL(EVIDENCE_TEXT, EVIDENCE_BY_RECORD, EVIDENCE_ALL) } },
		{ { SQ_COV_EVIDENCE_SOME,
		    EVIDENCE_SQL(EVIDENCE_NOTEXT, EVIDENCE_BY_RECORD, EVIDENCE_SOME) },
		  { SQ_COV_EVIDENCE_SOME_TEXT,
		    EVIDENCE_SQL(EVIDENCE_TEXT, EVIDENCE_BY_RECORD, EVIDENCE_SOME) } },
		{ { SQ_COV_EVIDENCE_ARTICLES,
		    EVIDENCE_SQL(EVIDENCE_NOTEXT, EVIDENCE_BY_MAPPING, EVIDENCE_ARTICLES) },
		  { SQ_COV_EVIDENCE_ARTICLES_TEXT,
		    EVIDENCE_SQL(EVIDENCE_TEXT, EVIDENCE_BY_MAPPING, EVIDENCE_ARTICLES) } },
	};
	const int by = f->countries ? 1 : f->articles ? 2 : 0, text = f->text != 0;

	return sq_list((struct sq *)s, stmts[by][text].id, stmts[by][text].sql,
		       SQ_VALS(SQ_TEXT(f->countries), SQ_TEXT(f->articles)), p, &row_reader,
		       (void **)out, n, "gather coverage evidence", e);
}

static const struct sq_col assessment_cols[] = {
	SQ_NUM(struct cov_assessment, id),
	SQ_STR(struct cov_assessment, country),
	SQ_STR(struct cov_assessment, instrument),
	SQ_NUM(struct cov_assessment, article),
	SQ_STR(struct cov_assessment, status),
	SQ_STR(struct cov_assessment, note),
	SQ_STR(struct cov_assessment, as_of),
	SQ_STR(struct cov_assessment, recorded_at),
	SQ_STR(struct cov_assessment, recorded_by),
	SQ_STR(struct cov_assessment, withdrawn_at),
	SQ_STR(struct cov_assessment, withdrawn_by),
};
static const struct sq_reader assessment_reader =
	SQ_READER(struct cov_assessment, assessment_cols);
#define ASSESSMENT_SELECT "SELECT id, country, instrument, article, status, note, as_of, " \
	"recorded_at, recorded_by, withdrawn_at, withdrawn_by FROM assessment "

int sq_cov_assessment_put(struct store *s, const struct cov_assessment *a, long long *id,
			  struct err *e)
{
	return sq_insert((struct sq *)s, SQ_COV_ASSESS_PUT,
		"INSERT INTO assessment(country, instrument, article, status, note, as_of, "
		"recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		SQ_VALS(SQ_TEXT(a->country), SQ_TEXT(a->instrument), SQ_INT(a->article),
			SQ_TEXT(a->status), SQ_TEXT(a->note), SQ_TEXT(a->as_of),
			SQ_TEXT(a->recorded_at), SQ_TEXT(a->recorded_by)), id,
		"save assessment", e);
}

int sq_cov_assessment_withdraw(struct store *s, long long id, const char *at, const char *by,
			       struct err *e)
{
	return sq_change((struct sq *)s, SQ_COV_ASSESS_WITHDRAW,
		"UPDATE assessment SET withdrawn_at = ?2, withdrawn_by = ?3 "
		"WHERE id = ?1 AND withdrawn_at IS NULL",
		SQ_VALS(SQ_INT(id), SQ_TEXT(at), SQ_TEXT(by)), "withdraw assessment",
		"no such assessment in force", e);
}

int sq_cov_assessment_get(struct store *s, pool *p, long long id, struct cov_assessment **out,
			  struct err *e)
{
	return sq_get((struct sq *)s, SQ_COV_ASSESS_GET, ASSESSMENT_SELECT "WHERE id = ?1",
		      SQ_VALS(SQ_INT(id)), p, &assessment_reader, (void **)out, "assessment",
		      e);
}

int sq_cov_assessment_list(struct store *s, pool *p, const char *country, int with_withdrawn,
			   struct cov_assessment **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_COV_ASSESS_LIST, ASSESSMENT_SELECT
		       "WHERE (?1 IS NULL OR country = ?1) AND (?2 OR withdrawn_at IS NULL) "
		       "ORDER BY country, instrument, article, as_of, id",
		       SQ_VALS(SQ_TEXT(country), SQ_BOOL(with_withdrawn)), p,
		       &assessment_reader, (void **)out, n, "list assessments", e);
}

static const struct sq_col dispute_cols[] = {
	SQ_NUM(struct cov_dispute, id),
	SQ_STR(struct cov_dispute, country),
	SQ_STR(struct cov_dispute, instrument),
	SQ_NUM(struct cov_dispute, article),
	SQ_STR(struct cov_dispute, opened_at),
	SQ_STR(struct cov_dispute, opened_by),
	SQ_STR(struct cov_dispute, state),
	SQ_STR(struct cov_dispute, decided_at),
	SQ_STR(struct cov_dispute, decided_by),
	SQ_STR(struct cov_dispute, decision),
};
static const struct sq_reader dispute_reader = SQ_READER(struct cov_dispute, dispute_cols);
#define DISPUTE_SELECT "SELECT id, country, instrument, article, opened_at, opened_by, " \
	"state, decided_at, decided_by, decision FROM dispute "

int sq_cov_dispute_put(struct store *s, const struct cov_dispute *d, long long *id,
		       struct err *e)
{
	return sq_insert((struct sq *)s, SQ_COV_DISPUTE_PUT,
		"INSERT INTO dispute(country, instrument, article, opened_at, opened_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5)",
		SQ_VALS(SQ_TEXT(d->country), SQ_TEXT(d->instrument), SQ_INT(d->article),
			SQ_TEXT(d->opened_at), SQ_TEXT(d->opened_by)), id, "open dispute", e);
}

int sq_cov_dispute_decide(struct store *s, long long id, const char *state, const char *at,
			  const char *by, const char *note, struct err *e)
{
	return sq_change((struct sq *)s, SQ_COV_DISPUTE_DECIDE,
		"UPDATE dispute SET state = ?2, decided_at = ?3, decided_by = ?4, "
		"decision = ?5 WHERE id = ?1 AND state = 'open'",
		SQ_VALS(SQ_INT(id), SQ_TEXT(state), SQ_TEXT(at), SQ_TEXT(by), SQ_TEXT(note)),
		"decide dispute", "no such open dispute", e);
}

int sq_cov_dispute_get(struct store *s, pool *p, long long id, struct cov_dispute **out,
		       struct err *e)
{
	return sq_get((struct sq *)s, SQ_COV_DISPUTE_GET, DISPUTE_SELECT "WHERE id = ?1",
		      SQ_VALS(SQ_INT(id)), p, &dispute_reader, (void **)out, "dispute", e);
}

int sq_cov_dispute_list(struct store *s, pool *p, const char *country,
			struct cov_dispute **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_COV_DISPUTE_LIST, DISPUTE_SELECT
		       "WHERE ?1 IS NULL OR country = ?1 ORDER BY id DESC",
		       SQ_VALS(SQ_TEXT(country)), p, &dispute_reader, (void **)out, n,
		       "list disputes", e);
}

static const struct sq_col comment_cols[] = {
	SQ_NUM(struct cov_comment, id),
	SQ_NUM(struct cov_comment, dispute_id),
	SQ_STR(struct cov_comment, at),
	SQ_STR(struct cov_comment, by),
	SQ_STR(struct cov_comment, text),
};
static const struct sq_reader comment_reader = SQ_READER(struct cov_comment, comment_cols);

int sq_cov_comment_put(struct store *s, const struct cov_comment *c, long long *id,
		       struct err *e)
{
	return sq_insert((struct sq *)s, SQ_COV_COMMENT_PUT,
		"INSERT INTO dispute_comment(dispute_id, at, by, text) VALUES (?1, ?2, ?3, ?4)",
		SQ_VALS(SQ_INT(c->dispute_id), SQ_TEXT(c->at), SQ_TEXT(c->by),
			SQ_TEXT(c->text)), id, "add comment", e);
}

int sq_cov_comment_list(struct store *s, pool *p, long long dispute_id,
			struct cov_comment **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_COV_COMMENT_LIST,
		       "SELECT id, dispute_id, at, by, text FROM dispute_comment "
		       "WHERE dispute_id = ?1 ORDER BY id",
		       SQ_VALS(SQ_INT(dispute_id)), p, &comment_reader, (void **)out, n,
		       "list comments", e);
}
