/* The SQLite store of saved reports (domain/report.h; table report, migration 25) and
 * the stated needs of a period that a report's needs section reads. */
#include "store/sqlite/internal.h"

static const struct sq_col report_cols[] = {
	SQ_NUM(struct report_saved, id),
	SQ_STR(struct report_saved, made_at),
	SQ_STR(struct report_saved, made_by),
	SQ_STR(struct report_saved, title),
	SQ_STR(struct report_saved, date_from),
	SQ_STR(struct report_saved, date_to),
	SQ_STR(struct report_saved, scope),
	SQ_STR(struct report_saved, level),
	SQ_STR(struct report_saved, content),
	SQ_STR(struct report_saved, prose),
};
static const struct sq_reader report_reader = SQ_READER(struct report_saved, report_cols);

int sq_report_put(struct store *s, const struct report_saved *r, long long *id,
		  struct err *e)
{
	return sq_insert((struct sq *)s, SQ_REPORT_PUT,
		"INSERT INTO report(made_at, made_by, title, date_from, date_to, scope, level, "
		"content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		SQ_VALS(SQ_TEXT(r->made_at), SQ_TEXT(r->made_by), SQ_TEXT(r->title),
			SQ_TEXT(r->date_from), SQ_TEXT(r->date_to), SQ_TEXT(r->scope),
			SQ_TEXT(r->level), SQ_TEXT(r->content)), id, "save report", e);
}

int sq_report_get(struct store *s, pool *p, long long id, struct report_saved **out,
		  struct err *e)
{
	return sq_get((struct sq *)s, SQ_REPORT_GET,
		      "SELECT id, made_at, made_by, title, date_from, date_to, scope, level, "
		      "content, prose FROM report WHERE id = ?1",
		      SQ_VALS(SQ_INT(id)), p, &report_reader, (void **)out, "report", e);
}

int sq_report_list(struct store *s, pool *p, int green, int limit, struct report_saved **out,
		   size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_REPORT_LIST,
		       "SELECT id, made_at, made_by, title, date_from, date_to, scope, level, "
		       "NULL, NULL FROM report WHERE ?1 OR level = 'public' "
		       "ORDER BY id DESC LIMIT ?2",
		       SQ_VALS(SQ_BOOL(green), SQ_INT(limit)), p, &report_reader, (void **)out, n,
		       "list reports", e);
}

int sq_report_prose(struct store *s, long long id, const char *key, const char *text,
		    struct err *e)
{
	return sq_change((struct sq *)s, SQ_REPORT_PROSE,
			 "UPDATE report SET prose = json_set(coalesce(prose, '{}'), "
			 "'$.\"' || ?2 || '\"', ?3) WHERE id = ?1",
			 SQ_VALS(SQ_INT(id), SQ_TEXT(key), SQ_TEXT(text)), "save the prose",
			 "no such report", e);
}

int sq_report_needs(struct store *s, pool *p, const char *from, const char *to,
		    const char *countries, struct need_stated **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_REPORT_NEEDS,
		       "SELECT id, country, topic, target, urgency, note, tlp, raised_at, "
		       "raised_by, closed_at, closed_by, close_note FROM stated_need WHERE "
		       "(substr(raised_at, 1, 10) BETWEEN ?1 AND ?2 OR "
		       "substr(closed_at, 1, 10) BETWEEN ?1 AND ?2) AND "
		       "(?3 IS NULL OR country IN (SELECT value FROM json_each(?3))) "
		       "ORDER BY raised_at, id",
		       SQ_VALS(SQ_TEXT(from), SQ_TEXT(to), SQ_TEXT(countries)), p, &sq_need_reader,
		       (void **)out, n, "stated needs of a period", e);
}
