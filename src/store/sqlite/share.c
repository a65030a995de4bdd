/* The SQLite backend: sharing groups, the groups and named readers of each record
 * (migration 7), and the public list of grants to private-sector and civil-society
 * organisations. Times cross this file as unix seconds, kept as ISO 8601 text. */
#include <string.h>

#include "store/sqlite/internal.h"

int sq_group_insert(struct store *s, const char *name, time_t now, long long *id,
		    struct err *e)
{
	return sq_insert((struct sq *)s, SQ_GROUP_INSERT, "INSERT INTO sharing_group(name, "
			 "created_at) VALUES (?1, " SQ_ISO("?2") ")",
			 SQ_VALS(SQ_TEXT(name), SQ_INT(now)), id, "add sharing group", e);
}

static const struct sq_col group_cols[] = {
	SQ_NUM(struct share_group, id),
	SQ_STR(struct share_group, name),
	SQ_STR(struct share_group, created_at),
	SQ_STR(struct share_group, members),
};
static const struct sq_reader group_reader = SQ_READER(struct share_group, group_cols);

int sq_group_list(struct store *s, pool *p, const char *name, struct share_group **out,
		  size_t *n, struct err *e)
{
	int rc = sq_list((struct sq *)s, SQ_GROUP_LIST,
		"SELECT g.id, g.name, g.created_at, (SELECT group_concat(name, ', ') FROM "
		"(SELECT o.name FROM sharing_group_member m JOIN organisation o ON o.id = m.org_id "
		"WHERE m.group_id = g.id ORDER BY o.name)) FROM sharing_group g "
		"WHERE ?1 IS NULL OR g.name = ?1 ORDER BY g.name", SQ_VALS(SQ_TEXT(name)), p,
		&group_reader, (void **)out, n, "list sharing groups", e);

	if (!rc && name && !*n)
		return err_set(e, ERR_NOTFOUND, "sharing group '%s' not found", name);
	return rc;
}

int sq_group_member(struct store *s, long long group_id, long long org_id, int join,
		    time_t now, struct err *e)
{
	if (join)
		return sq_run((struct sq *)s, SQ_GROUP_JOIN, "INSERT INTO sharing_group_member("
			      "group_id, org_id, added_at) VALUES (?1, ?2, " SQ_ISO("?3") ") "
			      "ON CONFLICT DO NOTHING",
			      SQ_VALS(SQ_INT(group_id), SQ_INT(org_id), SQ_INT(now)),
			      "join sharing group", e);
	return sq_run((struct sq *)s, SQ_GROUP_LEAVE, "DELETE FROM sharing_group_member "
		      "WHERE group_id = ?1 AND org_id = ?2",
		      SQ_VALS(SQ_INT(group_id), SQ_INT(org_id)), "leave sharing group", e);
}

/* The names a record is shared with, through its link table (only for a record the
 * caller may read). */
#define SHARE_NAMES(name, table, named, col) \
	"SELECT x." name " FROM " table " l JOIN " named " x ON x.id = l." col \
	" JOIN record r ON r.id = l.record_id WHERE l.record_id = ?1 AND " SQ_VISIBLE("r") \
	" ORDER BY x." name

int sq_share_get(struct store *s, pool *p, long long record_id, struct record_share *out,
		 struct err *e)
{
	struct sq *q = (struct sq *)s;
	int rc;

	if ((rc = sq_list(q, SQ_SHARE_GROUPS,
			  SHARE_NAMES("name", "record_group", "sharing_group", "group_id"),
			  SQ_VALS(SQ_INT(record_id)), p, &sq_str_reader, (void **)&out->groups,
			  &out->ngroups, "record's sharing groups", e)))
		return rc;
	return sq_list(q, SQ_SHARE_READERS,
		       SHARE_NAMES("username", "record_reader", "app_user", "user_id"),
		       SQ_VALS(SQ_INT(record_id)), p, &sq_str_reader, (void **)&out->readers,
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

/* A record's link table (record_group, record_reader) kept to the ids of the JSON
 * array ?2: those not in it dropped, the new ones added at ?3. */
#define LINKS_DROP(table, col) "DELETE FROM " table " WHERE record_id = ?1 AND " col \
	" NOT IN (SELECT value FROM json_each(?2))"
#define LINKS_ADD(table, col) "INSERT INTO " table "(record_id, " col ", added_at) " \
	"SELECT ?1, value, " SQ_ISO("?3") " FROM json_each(?2) WHERE true " \
	"ON CONFLICT DO NOTHING"

int sq_share_set(struct store *s, long long record_id, const long long *groups, size_t ng,
		 const long long *readers, size_t nr, time_t now, struct err *e)
{
	struct sq *q = (struct sq *)s;
	static const struct {
		enum sq_stmt id;
		const char *sql, *what;
		int readers, add;
	} steps[] = {
		{ SQ_SHARE_GROUPS_DROP, LINKS_DROP("record_group", "group_id"), "unshare groups",
		  0, 0 },
		{ SQ_SHARE_GROUPS_ADD, LINKS_ADD("record_group", "group_id"), "share with groups",
		  0, 1 },
		{ SQ_SHARE_READERS_DROP, LINKS_DROP("record_reader", "user_id"), "unshare readers",
		  1, 0 },
		{ SQ_SHARE_READERS_ADD, LINKS_ADD("record_reader", "user_id"), "share with readers",
		  1, 1 },
	};
	pool *p = pool_new();
	const char *garr = id_array(p, groups, ng), *rarr = id_array(p, readers, nr);
	int rc = ERR_OK;

	for (size_t i = 0; !rc && i < sizeof(steps) / sizeof(steps[0]); i++) {
		const struct sq_val v[] = {
			SQ_INT(record_id), SQ_TEXT(steps[i].readers ? rarr : garr), SQ_INT(now),
		};

		/* the time only where it is added */
		rc = sq_run(q, steps[i].id, steps[i].sql, v, steps[i].add ? 3 : 2, steps[i].what,
			    e);
	}
	pool_free(p);
	return rc;
}

static const struct sq_col event_cols[] = {
	SQ_STR(struct share_event, at),
	SQ_KIND(struct share_event, kind),
	SQ_STR(struct share_event, country),
	SQ_STR(struct share_event, tlp),
	SQ_STR(struct share_event, org),
	SQ_NAME(struct share_event, org_kind, sq_org_kinds, ORG_KIND_COUNT),
	SQ_STR(struct share_event, group),
};
static const struct sq_reader event_reader = SQ_READER(struct share_event, event_cols);

#define SHARED_WITH "o.kind IN ('private_sector', 'civil_society')"

int sq_share_events(struct store *s, pool *p, int limit, int offset,
		    struct share_event **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_SHARE_EVENTS,
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
		"ORDER BY 1 DESC, 5, 2 LIMIT ?1 OFFSET ?2", SQ_VALS(SQ_INT(limit), SQ_INT(offset)),
		p, &event_reader, (void **)out, n, "list shares", e);
}
