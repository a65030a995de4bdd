/* The SQLite backend: developments (domain/dev.h). Three statements, each with the
 * filters of a struct dev_filter as parameters and its order and limit in SQL: the
 * records (versions of laws, cases, lessons) read under the connection's clearance
 * like every read of records (SQ_VISIBLE), the events that are not records
 * (campaigns, answers, deliveries: the domain applies their reading rules), and the
 * days coverage may have changed on.
 *
 * Parameters: ?1 from, ?2 to (YYYY-MM-DD), ?3 countries (JSON array or NULL), ?4 a
 * regional lesson's region, ?5 articles (JSON array of "coe-185/2" or NULL), ?6 the
 * topic's key, ?7 the kinds (mask of 1 << enum dev_kind), ?8 the topic's English
 * name, ?9 the limit. */
#include "store/sqlite/internal.h"

#define IN_COUNTRIES(col) "(?3 IS NULL OR " col " IN (SELECT value FROM json_each(?3)))"
#define IN_ARTICLES "m.state = 'accepted' AND m.instrument || '/' || m.article IN " \
	"(SELECT value FROM json_each(?5))"
/* a version's updated: when it was stored or published after review, or a later
 * change of its law (a title, a label, publication) */
#define VERSION_UPDATED "max(coalesce(x.added_at, r.created_at), r.changed_at)"
#define VERSIONS_WHERE "r.kind = 'legislation' AND r.status = 'published' AND " \
	"x.date BETWEEN ?1 AND ?2 AND " IN_COUNTRIES("r.country") " AND " SQ_VISIBLE("r")

/* One row per work and date (versions in several languages on one day are one
 * development); prev: the work's latest earlier version that is not pending. */
#define DEV_LAWS \
	"SELECT CASE WHEN prev IS NULL THEN 0 ELSE 1 END AS k, id, country, region, " \
	"title, language, d, u, uri, xl, prev, NULL AS detail, NULL AS status, tlp " \
	"FROM (SELECT r.id, r.country, r.region, r.title, r.language, r.tlp, x.date AS d, " \
	"max(" VERSION_UPDATED ") AS u, w.uri, min(x.language) AS xl, " \
	"(SELECT max(y.date) FROM expression y WHERE y.work_id = r.id AND y.pending = 0 " \
	"AND y.date < x.date) AS prev " \
	"FROM record r JOIN work w ON w.record_id = r.id " \
	"JOIN expression x ON x.work_id = r.id AND x.pending = 0 " \
	"WHERE ?7 & 3 AND " VERSIONS_WHERE " AND (?5 IS NULL OR EXISTS (SELECT 1 FROM " \
	"mapping m WHERE m.work_id = r.id AND " IN_ARTICLES ")) AND ?6 IS NULL " \
	"GROUP BY r.id, x.date) WHERE (prev IS NULL AND ?7 & 1) OR (prev IS NOT NULL AND ?7 & 2)"
#define CASE_DATE "coalesce(c.decided, substr(r.created_at, 1, 10))"
#define DEV_CASES \
	"SELECT 2, r.id, r.country, r.region, r.title, r.language, " CASE_DATE ", " \
	"r.changed_at, NULL, NULL, NULL, c.court, NULL, r.tlp " \
	"FROM record r JOIN caselaw c ON c.record_id = r.id " \
	"WHERE ?7 & 4 AND r.kind = 'case' AND r.status = 'published' AND " CASE_DATE \
	" BETWEEN ?1 AND ?2 AND " IN_COUNTRIES("r.country") " AND (?5 IS NULL OR EXISTS " \
	"(SELECT 1 FROM case_provision cp JOIN work w2 ON w2.uri = cp.work_uri " \
	"JOIN mapping m ON m.work_id = w2.record_id AND m.eid = cp.eid " \
	"WHERE cp.case_id = r.id AND " IN_ARTICLES ")) AND ?6 IS NULL AND " SQ_VISIBLE("r")
#define LESSON_DATE "coalesce(l.date, substr(r.created_at, 1, 10))"
#define DEV_LESSONS \
	"SELECT 3, r.id, r.country, r.region, r.title, r.language, " LESSON_DATE ", " \
	"r.changed_at, NULL, NULL, NULL, l.topic, NULL, r.tlp " \
	"FROM record r JOIN lesson l ON l.record_id = r.id " \
	"WHERE ?7 & 8 AND r.kind = 'lesson' AND r.status = 'published' AND " LESSON_DATE \
	" BETWEEN ?1 AND ?2 AND (" IN_COUNTRIES("r.country") " OR r.region = ?4) AND " \
	"?5 IS NULL AND (?6 IS NULL OR lower(trim(l.topic)) IN (lower(?6), lower(?8))) AND " \
	SQ_VISIBLE("r")
#define DEV_RECORDS DEV_LAWS " UNION ALL " DEV_CASES " UNION ALL " DEV_LESSONS

#define DEV_EVENTS \
	"SELECT 5 AS k, c.id, NULL AS country, NULL, c.title, NULL, c.opens_on AS d, " \
	"c.opened_at AS u, NULL, NULL, NULL, c.template, NULL, NULL FROM campaign c " \
	"WHERE ?7 & 32 AND c.opens_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR EXISTS " \
	"(SELECT 1 FROM campaign_country cc WHERE cc.campaign = c.id AND cc.country IN " \
	"(SELECT value FROM json_each(?3)))) AND ?5 IS NULL AND ?6 IS NULL " \
	"UNION ALL SELECT 6, cc.campaign, cc.country, NULL, c.title, NULL, " \
	"substr(cc.submitted_at, 1, 10), max(cc.submitted_at, coalesce(cc.accepted_at, '')), " \
	"NULL, NULL, NULL, NULL, cc.status, cc.tlp FROM campaign_country cc " \
	"JOIN campaign c ON c.id = cc.campaign WHERE ?7 & 64 AND " \
	"cc.status IN ('submitted', 'accepted') AND substr(cc.submitted_at, 1, 10) " \
	"BETWEEN ?1 AND ?2 AND " IN_COUNTRIES("cc.country") " AND ?5 IS NULL AND ?6 IS NULL " \
	"UNION ALL SELECT 7, q.id, q.country, NULL, q.title, NULL, substr(m.at, 1, 10), m.at, " \
	"NULL, NULL, NULL, q.topic, NULL, q.tlp FROM assist_move m " \
	"JOIN assist_request q ON q.id = m.request WHERE ?7 & 128 AND " \
	"m.to_stage = 'delivered' AND substr(m.at, 1, 10) BETWEEN ?1 AND ?2 AND " \
	IN_COUNTRIES("q.country") " AND ?5 IS NULL AND (?6 IS NULL OR q.topic = ?6)"

#define BY_DATE " ORDER BY d DESC, u DESC, k, id LIMIT ?9"
#define BY_UPDATED " ORDER BY u DESC, d DESC, k, id LIMIT ?9"

static const struct sq_col row_cols[] = {
	SQ_NUM(struct dev_row, kind),
	SQ_NUM(struct dev_row, id),
	SQ_STR(struct dev_row, country),
	SQ_STR(struct dev_row, region),
	SQ_STR(struct dev_row, title),
	SQ_STR(struct dev_row, language),
	SQ_STR(struct dev_row, date),
	SQ_STR(struct dev_row, updated),
	SQ_STR(struct dev_row, uri),
	SQ_STR(struct dev_row, version_language),
	SQ_STR(struct dev_row, prev),
	SQ_STR(struct dev_row, detail),
	SQ_STR(struct dev_row, status),
	SQ_STR(struct dev_row, tlp),
};
static const struct sq_reader row_reader = SQ_READER(struct dev_row, row_cols);

static int dev_rows(struct sq *q, enum sq_stmt id, const char *sql,
		    const struct dev_filter *f, pool *p, struct dev_row **out, size_t *n,
		    const char *what, struct err *e)
{
	return sq_list(q, id, sql, SQ_VALS(SQ_TEXT(f->from), SQ_TEXT(f->to),
		       SQ_TEXT(f->countries), SQ_TEXT(f->region), SQ_TEXT(f->articles),
		       SQ_TEXT(f->topic), SQ_INT(f->kinds), SQ_TEXT(f->topic_name),
		       SQ_INT(f->limit)), p, &row_reader, (void **)out, n, what, e);
}

int sq_dev_records(struct store *s, pool *p, const struct dev_filter *f,
		   struct dev_row **out, size_t *n, struct err *e)
{
	if (f->by_updated)
		return dev_rows((struct sq *)s, SQ_DEV_RECORDS_UPDATED, DEV_RECORDS BY_UPDATED,
				f, p, out, n, "list developments", e);
	return dev_rows((struct sq *)s, SQ_DEV_RECORDS, DEV_RECORDS BY_DATE, f, p, out, n,
			"list developments", e);
}

int sq_dev_events(struct store *s, pool *p, const struct dev_filter *f,
		  struct dev_row **out, size_t *n, struct err *e)
{
	if (f->by_updated)
		return dev_rows((struct sq *)s, SQ_DEV_EVENTS_UPDATED, DEV_EVENTS BY_UPDATED, f,
				p, out, n, "list events", e);
	return dev_rows((struct sq *)s, SQ_DEV_EVENTS, DEV_EVENTS BY_DATE, f, p, out, n,
			"list events", e);
}

int sq_dev_law_days(struct store *s, pool *p, const struct dev_filter *f,
		    struct dev_row **out, size_t *n, struct err *e)
{
	return dev_rows((struct sq *)s, SQ_DEV_LAW_DAYS,
		"SELECT 4, 0, r.country, NULL, NULL, NULL, x.date, max(" VERSION_UPDATED "), "
		"NULL, NULL, NULL, NULL, NULL, NULL FROM record r "
		"JOIN expression x ON x.work_id = r.id AND x.pending = 0 "
		"WHERE r.country IS NOT NULL AND " VERSIONS_WHERE " AND (?5 IS NULL OR EXISTS "
		"(SELECT 1 FROM mapping m WHERE m.work_id = r.id AND " IN_ARTICLES ")) "
		"GROUP BY r.country, x.date ORDER BY r.country, x.date", f, p, out, n,
		"list the days of laws", e);
}
