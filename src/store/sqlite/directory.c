/* The SQLite store of the cooperation directory (domain/directory.h; tables
 * directory_entry and directory_revision, migration 24). */
#include "store/sqlite/internal.h"

static const struct sq_col dir_cols[] = {
	SQ_NUM(struct dir_row, id),
	SQ_STR(struct dir_row, country),
	SQ_STR(struct dir_row, kind),
	SQ_STR(struct dir_row, tlp),
	SQ_NUM(struct dir_row, public_part),
	SQ_STR(struct dir_row, body),
	SQ_NUM(struct dir_row, version),
	SQ_STR(struct dir_row, created_at),
	SQ_STR(struct dir_row, created_by),
	SQ_NUM0(struct dir_row, created_by_user),
	SQ_STR(struct dir_row, changed_at),
	SQ_STR(struct dir_row, changed_by),
	SQ_STR(struct dir_row, verified_on),
	SQ_STR(struct dir_row, verified_by),
	SQ_NUM(struct dir_row, verified_version),
};
static const struct sq_reader dir_reader = SQ_READER(struct dir_row, dir_cols);
#define DIR_SELECT "SELECT id, country, kind, tlp, public_part, body, version, " \
	"created_at, created_by, created_by_user, changed_at, changed_by, verified_on, " \
	"verified_by, verified_version FROM directory_entry "

static const struct sq_col rev_cols[] = {
	SQ_NUM(struct dir_revision, entry),
	SQ_NUM(struct dir_revision, seq),
	SQ_STR(struct dir_revision, action),
	SQ_NUM(struct dir_revision, version),
	SQ_STR(struct dir_revision, snapshot),
	SQ_STR(struct dir_revision, at),
	SQ_STR(struct dir_revision, by),
};
static const struct sq_reader rev_reader = SQ_READER(struct dir_revision, rev_cols);

int sq_dir_insert(struct store *s, const struct dir_row *row, long long *id, struct err *e)
{
	return sq_insert((struct sq *)s, SQ_DIR_INSERT,
		"INSERT INTO directory_entry(id, country, kind, tlp, public_part, body, "
		"version, created_at, created_by, created_by_user, changed_at, changed_by, "
		"verified_on, verified_by, verified_version) VALUES (NULLIF(?1, 0), ?2, ?3, "
		"?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
		SQ_VALS(SQ_ROW(dir_reader, row)), id, "save directory entry", e);
}

int sq_dir_update(struct store *s, const struct dir_row *row, struct err *e)
{
	return sq_change((struct sq *)s, SQ_DIR_UPDATE,
		"UPDATE directory_entry SET kind = ?2, tlp = ?3, public_part = ?4, body = ?5, "
		"version = ?6, changed_at = ?7, changed_by = ?8 WHERE id = ?1",
		SQ_VALS(SQ_INT(row->id), SQ_TEXT(row->kind), SQ_TEXT(row->tlp),
			SQ_BOOL(row->public_part), SQ_TEXT(row->body), SQ_INT(row->version),
			SQ_TEXT(row->changed_at), SQ_TEXT(row->changed_by)),
		"save directory entry", "no such directory entry", e);
}

int sq_dir_verified(struct store *s, long long id, const char *on, const char *by,
		    int version, struct err *e)
{
	return sq_change((struct sq *)s, SQ_DIR_VERIFIED,
		"UPDATE directory_entry SET verified_on = ?2, verified_by = ?3, "
		"verified_version = ?4 WHERE id = ?1",
		SQ_VALS(SQ_INT(id), SQ_TEXT(on), SQ_TEXT(by), SQ_INT(version)),
		"verify directory entry", "no such directory entry", e);
}

int sq_dir_get(struct store *s, pool *p, long long id, struct dir_row **out, struct err *e)
{
	return sq_get((struct sq *)s, SQ_DIR_GET, DIR_SELECT "WHERE id = ?1",
		      SQ_VALS(SQ_INT(id)), p, &dir_reader, (void **)out, "directory entry", e);
}

int sq_dir_list(struct store *s, pool *p, const char *country, struct dir_row **out,
		size_t *n, struct err *e)
{
	if (!country)
		return sq_list((struct sq *)s, SQ_DIR_LIST_ALL, DIR_SELECT
			       "ORDER BY country, kind, id", SQ_NOVALS, p, &dir_reader,
			       (void **)out, n, "list directory entries", e);
	return sq_list((struct sq *)s, SQ_DIR_LIST, DIR_SELECT
		       "WHERE country = ?1 ORDER BY kind, id", SQ_VALS(SQ_TEXT(country)), p,
		       &dir_reader, (void **)out, n, "list directory entries", e);
}

int sq_dir_rev_add(struct store *s, const struct dir_revision *rev, struct err *e)
{
	return sq_run((struct sq *)s, SQ_DIR_REV_ADD,
		"INSERT INTO directory_revision(entry, seq, action, version, snapshot, at, by) "
		"VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM directory_revision "
		"WHERE entry = ?1), ?2, ?3, ?4, ?5, ?6)",
		SQ_VALS(SQ_INT(rev->entry), SQ_TEXT(rev->action), SQ_INT(rev->version),
			SQ_TEXT(rev->snapshot), SQ_TEXT(rev->at), SQ_TEXT(rev->by)),
		"save directory history", e);
}

int sq_dir_revs(struct store *s, pool *p, long long id, struct dir_revision **out,
		size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_DIR_REVS,
		       "SELECT entry, seq, action, version, snapshot, at, by FROM "
		       "directory_revision WHERE entry = ?1 ORDER BY seq",
		       SQ_VALS(SQ_INT(id)), p, &rev_reader, (void **)out, n,
		       "list directory history", e);
}

int sq_dir_partners(struct store *s, pool *p, long long org, const char ***out, size_t *n,
		    struct err *e)
{
	char **v = NULL;
	int rc = sq_list((struct sq *)s, SQ_DIR_PARTNERS,
		"SELECT country FROM organisation WHERE id = ?1 AND country IS NOT NULL "
		"AND kind = 'national_authority' "
		"UNION SELECT o.country FROM sharing_group_member mine "
		"JOIN sharing_group_member other ON other.group_id = mine.group_id "
		"JOIN organisation o ON o.id = other.org_id "
		"WHERE mine.org_id = ?1 AND o.country IS NOT NULL ORDER BY 1",
		SQ_VALS(SQ_INT(org)), p, &sq_str_reader, (void **)&v, n,
		"list cooperation partners", e);

	*out = (const char **)v;
	return rc;
}
