/* The SQLite backend: what waits for review (proposed changes to published records,
 * pending versions of laws) and the daily count of reads of restricted records. */
#include "store/sqlite/internal.h"

static const struct sq_col change_cols[] = {
	SQ_NUM(struct record_change, record_id),
	SQ_STR(struct record_change, content),
	SQ_STR(struct record_change, proposed_at),
	SQ_STR(struct record_change, proposed_by),
	SQ_NUM0(struct record_change, proposed_by_user),
};
static const struct sq_reader change_reader = SQ_READER(struct record_change, change_cols);

int sq_change_put(struct store *s, const struct record_change *c, struct err *e)
{
	return sq_run((struct sq *)s, SQ_CHANGE_PUT,
		"INSERT INTO record_change(record_id, content, proposed_at, proposed_by, "
		"proposed_by_user) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(record_id) DO UPDATE "
		"SET content = excluded.content, proposed_at = excluded.proposed_at, "
		"proposed_by = excluded.proposed_by, proposed_by_user = excluded.proposed_by_user",
		SQ_VALS(SQ_ROW(change_reader, c)),
		"save proposed change", e);
}

int sq_change_get(struct store *s, pool *p, long long id, struct record_change **out,
		  struct err *e)
{
	return sq_get((struct sq *)s, SQ_CHANGE_GET,
		"SELECT c.record_id, c.content, c.proposed_at, c.proposed_by, c.proposed_by_user "
		"FROM record_change c JOIN record r ON r.id = c.record_id WHERE c.record_id = ?1 "
		"AND " SQ_VISIBLE_AS_DRAFT("r", "c.proposed_by_user"),
		SQ_VALS(SQ_INT(id)), p, &change_reader, (void **)out, "proposed change", e);
}

int sq_change_delete(struct store *s, long long id, struct err *e)
{
	return sq_run((struct sq *)s, SQ_CHANGE_DELETE,
		      "DELETE FROM record_change WHERE record_id = ?1", SQ_VALS(SQ_INT(id)),
		      "drop proposed change", e);
}

int sq_audit_read_count(struct store *s, const char *day, const char *actor,
			const char *target, long long *count, struct err *e)
{
	*count = 0;
	return sq_row((struct sq *)s, SQ_AUDIT_READ_COUNT,
		"INSERT INTO audit_read(day, actor, target, count) VALUES (?1, ?2, ?3, 1) "
		"ON CONFLICT(day, actor, target) DO UPDATE SET count = count + 1 "
		"RETURNING count", SQ_VALS(SQ_TEXT(day), SQ_TEXT(actor), SQ_TEXT(target)), NULL,
		&sq_ll_reader, count, NULL, "count a read", e);
}

int sq_expr_set_pending(struct store *s, long long expr_id, int pending, struct err *e)
{
	return sq_change((struct sq *)s, SQ_EXPR_PENDING,
			 "UPDATE expression SET pending = ?2, added_at = CASE WHEN ?2 = 0 AND "
			 "pending = 1 THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') ELSE added_at END "
			 "WHERE id = ?1",
			 SQ_VALS(SQ_INT(expr_id), SQ_BOOL(pending)), "publish version",
			 "no such version", e);
}

int sq_expr_restatus(struct store *s, long long work_id, struct err *e)
{
	/* per language, the latest published version is in force and the older ones are
	 * amended; a repealed one stays repealed, a pending one is neither */
	return sq_run((struct sq *)s, SQ_EXPR_RESTATUS,
		"UPDATE expression SET status = CASE WHEN EXISTS (SELECT 1 FROM expression y "
		"WHERE y.work_id = expression.work_id AND y.language = expression.language "
		"AND y.pending = 0 AND y.date > expression.date) THEN 'amended' ELSE 'in_force' "
		"END WHERE work_id = ?1 AND pending = 0 AND status <> 'repealed'",
		SQ_VALS(SQ_INT(work_id)), "versions in force", e);
}

int sq_expr_delete(struct store *s, long long expr_id, struct err *e)
{
	return sq_change((struct sq *)s, SQ_EXPR_DELETE, "DELETE FROM expression WHERE id = ?1",
			 SQ_VALS(SQ_INT(expr_id)), "drop version", "no such version", e);
}
