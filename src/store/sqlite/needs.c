/* The SQLite store of stated needs (domain/needs.h; table stated_need, migration 17). */
#include "store/sqlite/internal.h"

static const struct sq_col need_cols[] = {
	SQ_NUM(struct need_stated, id),
	SQ_STR(struct need_stated, country),
	SQ_STR(struct need_stated, topic),
	SQ_STR(struct need_stated, target),
	SQ_NUM(struct need_stated, urgency),
	SQ_STR(struct need_stated, note),
	SQ_STR(struct need_stated, tlp),
	SQ_STR(struct need_stated, raised_at),
	SQ_STR(struct need_stated, raised_by),
	SQ_STR(struct need_stated, closed_at),
	SQ_STR(struct need_stated, closed_by),
	SQ_STR(struct need_stated, close_note),
};
const struct sq_reader sq_need_reader = SQ_READER(struct need_stated, need_cols);
#define NEED_SELECT "SELECT id, country, topic, target, urgency, note, tlp, raised_at, " \
	"raised_by, closed_at, closed_by, close_note FROM stated_need "

int sq_need_put(struct store *s, const struct need_stated *n, long long *id, struct err *e)
{
	return sq_insert((struct sq *)s, SQ_NEED_PUT,
		"INSERT INTO stated_need(country, topic, target, urgency, note, tlp, "
		"raised_at, raised_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		SQ_VALS(SQ_TEXT(n->country), SQ_TEXT(n->topic), SQ_TEXT(n->target),
			SQ_INT(n->urgency), SQ_TEXT(n->note), SQ_TEXT(n->tlp),
			SQ_TEXT(n->raised_at), SQ_TEXT(n->raised_by)), id,
		"save stated need", e);
}

int sq_need_close(struct store *s, long long id, const char *at, const char *by,
		  const char *note, struct err *e)
{
	return sq_change((struct sq *)s, SQ_NEED_CLOSE,
		"UPDATE stated_need SET closed_at = ?2, closed_by = ?3, close_note = ?4 "
		"WHERE id = ?1 AND closed_at IS NULL",
		SQ_VALS(SQ_INT(id), SQ_TEXT(at), SQ_TEXT(by), SQ_TEXT(note)),
		"close stated need", "no such open stated need", e);
}

int sq_need_get(struct store *s, pool *p, long long id, struct need_stated **out,
		struct err *e)
{
	return sq_get((struct sq *)s, SQ_NEED_GET, NEED_SELECT "WHERE id = ?1",
		      SQ_VALS(SQ_INT(id)), p, &sq_need_reader, (void **)out, "stated need", e);
}

int sq_need_list(struct store *s, pool *p, const char *country, struct need_stated **out,
		 size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_NEED_LIST, NEED_SELECT
		       "WHERE (?1 IS NULL OR country = ?1) AND closed_at IS NULL "
		       "ORDER BY country, raised_at, id",
		       SQ_VALS(SQ_TEXT(country)), p, &sq_need_reader, (void **)out, n,
		       "list stated needs", e);
}
