/* The SQLite backend: what waits for review (proposed changes to published records,
 * pending versions of laws) and the daily count of reads of restricted records. */
#include "store/sqlite/internal.h"

int sq_change_put(struct store *s, const struct record_change *c, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_CHANGE_PUT,
		"INSERT INTO record_change(record_id, content, proposed_at, proposed_by, "
		"proposed_by_user) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(record_id) DO UPDATE "
		"SET content = excluded.content, proposed_at = excluded.proposed_at, "
		"proposed_by = excluded.proposed_by, proposed_by_user = excluded.proposed_by_user",
		e);

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, c->record_id);
	sq_bind_text(st, 2, c->content);
	sq_bind_text(st, 3, c->proposed_at);
	sq_bind_text(st, 4, c->proposed_by);
	if (c->proposed_by_user)
		sqlite3_bind_int64(st, 5, c->proposed_by_user);
	return sq_done(q, st, "save proposed change", e);
}

static void change_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct record_change *c = row;

	c->record_id = sqlite3_column_int64(st, 0);
	c->content = sq_col(p, st, 1);
	c->proposed_at = sq_col(p, st, 2);
	c->proposed_by = sq_col(p, st, 3);
	c->proposed_by_user = sqlite3_column_int64(st, 4);
}

int sq_change_get(struct store *s, pool *p, long long id, struct record_change **out,
		  struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_CHANGE_GET,
		"SELECT c.record_id, c.content, c.proposed_at, c.proposed_by, c.proposed_by_user "
		"FROM record_change c JOIN record r ON r.id = c.record_id WHERE c.record_id = ?1 "
		"AND " SQ_VISIBLE_AS_DRAFT("r", "c.proposed_by_user"), e);

	if (st)
		sqlite3_bind_int64(st, 1, id);
	return sq_one_row(q, st, p, sizeof(**out), change_row, (void **)out,
			  "proposed change", e);
}

int sq_change_delete(struct store *s, long long id, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_CHANGE_DELETE,
		"DELETE FROM record_change WHERE record_id = ?1", e);

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	return sq_done(q, st, "drop proposed change", e);
}

int sq_audit_read_count(struct store *s, const char *day, const char *actor,
			const char *target, long long *count, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_AUDIT_READ_COUNT,
		"INSERT INTO audit_read(day, actor, target, count) VALUES (?1, ?2, ?3, 1) "
		"ON CONFLICT(day, actor, target) DO UPDATE SET count = count + 1 "
		"RETURNING count", e);
	int rc;

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, day);
	sq_bind_text(st, 2, actor);
	sq_bind_text(st, 3, target);
	rc = sqlite3_step(st);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, "count a read", e);
	return ERR_OK;
}

int sq_expr_set_pending(struct store *s, long long expr_id, int pending, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_EXPR_PENDING,
		"UPDATE expression SET pending = ?2 WHERE id = ?1", e);
	int rc;

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, expr_id);
	sqlite3_bind_int(st, 2, pending ? 1 : 0);
	if ((rc = sq_done(q, st, "publish version", e)))
		return rc;
	return sqlite3_changes(q->db) ? ERR_OK : err_set(e, ERR_NOTFOUND, "no such version");
}

int sq_expr_restatus(struct store *s, long long work_id, struct err *e)
{
	struct sq *q = (struct sq *)s;
	/* per language, the latest published version is in force and the older ones are
	 * amended; a repealed one stays repealed, a pending one is neither */
	sqlite3_stmt *st = sq_prep(q, SQ_EXPR_RESTATUS,
		"UPDATE expression SET status = CASE WHEN EXISTS (SELECT 1 FROM expression y "
		"WHERE y.work_id = expression.work_id AND y.language = expression.language "
		"AND y.pending = 0 AND y.date > expression.date) THEN 'amended' ELSE 'in_force' "
		"END WHERE work_id = ?1 AND pending = 0 AND status <> 'repealed'", e);

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, work_id);
	return sq_done(q, st, "versions in force", e);
}

int sq_expr_delete(struct store *s, long long expr_id, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_EXPR_DELETE, "DELETE FROM expression WHERE id = ?1", e);
	int rc;

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, expr_id);
	if ((rc = sq_done(q, st, "drop version", e)))
		return rc;
	return sqlite3_changes(q->db) ? ERR_OK : err_set(e, ERR_NOTFOUND, "no such version");
}
