/* The SQLite backend: sharing groups, the groups and named readers of each record
 * (migration 7), and the public list of grants to private-sector and civil-society
 * organisations. Times cross this file as unix seconds, kept as ISO 8601 text. */
#include <string.h>

#include "store/sqlite/internal.h"

int sq_group_insert(struct store *s, const char *name, time_t now, long long *id,
		    struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_GROUP_INSERT, "INSERT INTO sharing_group(name, "
				   "created_at) VALUES (?1, " SQ_ISO("?2") ")", e);
	int rc;

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
	if ((rc = sq_done(q, st, "add sharing group", e)))
		return rc;
	*id = sqlite3_last_insert_rowid(q->db);
	return ERR_OK;
}

static void group_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct share_group *g = row;

	g->id = sqlite3_column_int64(st, 0);
	g->name = sq_col(p, st, 1);
	g->created_at = sq_col(p, st, 2);
	g->members = sq_col(p, st, 3);
}

int sq_group_list(struct store *s, pool *p, const char *name, struct share_group **out,
		  size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_GROUP_LIST,
		"SELECT g.id, g.name, g.created_at, (SELECT group_concat(name, ', ') FROM "
		"(SELECT o.name FROM sharing_group_member m JOIN organisation o ON o.id = m.org_id "
		"WHERE m.group_id = g.id ORDER BY o.name)) FROM sharing_group g "
		"WHERE ?1 IS NULL OR g.name = ?1 ORDER BY g.name", e);
	int rc;

	if (st)
		sq_bind_text(st, 1, name);
	rc = sq_rows(q, st, p, sizeof(**out), group_row, (void **)out, n, "list sharing groups",
		     e);
	if (!rc && name && !*n)
		return err_set(e, ERR_NOTFOUND, "sharing group '%s' not found", name);
	return rc;
}

int sq_group_member(struct store *s, long long group_id, long long org_id, int join,
		    time_t now, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = join ?
		sq_prep(q, SQ_GROUP_JOIN, "INSERT INTO sharing_group_member(group_id, org_id, "
			"added_at) VALUES (?1, ?2, " SQ_ISO("?3") ") ON CONFLICT DO NOTHING", e) :
		sq_prep(q, SQ_GROUP_LEAVE, "DELETE FROM sharing_group_member "
			"WHERE group_id = ?1 AND org_id = ?2", e);

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, group_id);
	sqlite3_bind_int64(st, 2, org_id);
	if (join)
		sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	return sq_done(q, st, join ? "join sharing group" : "leave sharing group", e);
}

static void name_row(pool *p, sqlite3_stmt *st, void *row)
{
	*(const char **)row = sq_col(p, st, 0);
}

int sq_share_get(struct store *s, pool *p, long long record_id, struct record_share *out,
		 struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;
	int rc;

	/* only for a record the caller may read */
	st = sq_prep(q, SQ_SHARE_GROUPS, "SELECT g.name FROM record_group rg JOIN "
		     "sharing_group g ON g.id = rg.group_id JOIN record r ON r.id = rg.record_id "
		     "WHERE rg.record_id = ?1 AND " SQ_VISIBLE("r") " ORDER BY g.name", e);
	if (st)
		sqlite3_bind_int64(st, 1, record_id);
	if ((rc = sq_rows(q, st, p, sizeof(char *), name_row, (void **)&out->groups,
			  &out->ngroups, "record's sharing groups", e)))
		return rc;
	st = sq_prep(q, SQ_SHARE_READERS, "SELECT u.username FROM record_reader rr JOIN "
		     "app_user u ON u.id = rr.user_id JOIN record r ON r.id = rr.record_id "
		     "WHERE rr.record_id = ?1 AND " SQ_VISIBLE("r") " ORDER BY u.username", e);
	if (st)
		sqlite3_bind_int64(st, 1, record_id);
	return sq_rows(q, st, p, sizeof(char *), name_row, (void **)&out->readers,
		       &out->nreaders, "record's named readers", e);
}

/* ids as a JSON array for json_each: "[1,2,3]" */
static char *id_array(pool *p, const long long *ids, size_t n)
{
	struct sbuf b = SBUF_INIT;
	char *out;

	sbuf_addc(&b, '[');
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&b, "%s%lld", i ? "," : "", ids[i]);
	sbuf_addc(&b, ']');
	out = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return out;
}

int sq_share_set(struct store *s, long long record_id, const long long *groups, size_t ng,
		 const long long *readers, size_t nr, time_t now, struct err *e)
{
	struct sq *q = (struct sq *)s;
	static const struct {
		enum sq_stmt id;
		const char *sql, *what;
		int readers;
	} steps[] = {
		{ SQ_SHARE_GROUPS_DROP, "DELETE FROM record_group WHERE record_id = ?1 AND "
		  "group_id NOT IN (SELECT value FROM json_each(?2))", "unshare groups", 0 },
		{ SQ_SHARE_GROUPS_ADD, "INSERT INTO record_group(record_id, group_id, added_at) "
		  "SELECT ?1, value, " SQ_ISO("?3") " FROM json_each(?2) WHERE true "
		  "ON CONFLICT DO NOTHING", "share with groups", 0 },
		{ SQ_SHARE_READERS_DROP, "DELETE FROM record_reader WHERE record_id = ?1 AND "
		  "user_id NOT IN (SELECT value FROM json_each(?2))", "unshare readers", 1 },
		{ SQ_SHARE_READERS_ADD, "INSERT INTO record_reader(record_id, user_id, added_at) "
		  "SELECT ?1, value, " SQ_ISO("?3") " FROM json_each(?2) WHERE true "
		  "ON CONFLICT DO NOTHING", "share with readers", 1 },
	};
	pool *p = pool_new();
	const char *garr = id_array(p, groups, ng), *rarr = id_array(p, readers, nr);
	int rc = ERR_OK;

	for (size_t i = 0; !rc && i < sizeof(steps) / sizeof(steps[0]); i++) {
		sqlite3_stmt *st = sq_prep(q, steps[i].id, steps[i].sql, e);

		if (!st) {
			rc = ERR_DB;
			break;
		}
		sqlite3_bind_int64(st, 1, record_id);
		sq_bind_text(st, 2, steps[i].readers ? rarr : garr);
		if (sqlite3_bind_parameter_count(st) >= 3)
			sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
		rc = sq_done(q, st, steps[i].what, e);
	}
	pool_free(p);
	return rc;
}

static void event_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct share_event *ev = row;

	ev->at = sq_col(p, st, 0);
	ev->kind = (enum record_kind)record_kind_parse((const char *)sqlite3_column_text(st, 1));
	if ((int)ev->kind < 0)
		ev->kind = REC_LEGISLATION;
	ev->country = sq_col(p, st, 2);
	ev->tlp = sq_col(p, st, 3);
	ev->org = sq_col(p, st, 4);
	ev->org_kind = (enum org_kind)sq_col_index(sq_org_kinds, ORG_KIND_COUNT, st, 5);
	ev->group = sq_col(p, st, 6);
}

#define SHARED_WITH "o.kind IN ('private_sector', 'civil_society')"

int sq_share_events(struct store *s, pool *p, int limit, int offset,
		    struct share_event **out, size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_SHARE_EVENTS,
		"SELECT max(rg.added_at, coalesce(m.added_at, '')) AS at, r.kind, r.country, "
		"r.tlp, o.name, o.kind, g.name FROM record_group rg "
		"JOIN record r ON r.id = rg.record_id JOIN sharing_group g ON g.id = rg.group_id "
		"JOIN sharing_group_member m ON m.group_id = rg.group_id "
		"JOIN organisation o ON o.id = m.org_id "
		"WHERE " SHARED_WITH " AND r.status = 'published' AND r.tlp = 'AMBER' "
		"UNION ALL "
		"SELECT rr.added_at, r.kind, r.country, r.tlp, o.name, o.kind, NULL "
		"FROM record_reader rr JOIN record r ON r.id = rr.record_id "
		"JOIN app_user u ON u.id = rr.user_id JOIN organisation o ON o.id = u.org_id "
		"WHERE " SHARED_WITH " AND r.status = 'published' AND r.tlp = 'RED' "
		"ORDER BY 1 DESC, 5, 2 LIMIT ?1 OFFSET ?2", e);

	if (st) {
		sqlite3_bind_int(st, 1, limit);
		sqlite3_bind_int(st, 2, offset);
	}
	return sq_rows(q, st, p, sizeof(**out), event_row, (void **)out, n, "list shares", e);
}
