/* The SQLite backend: who may read which record. The reading rules of the sharing
 * labels (TLP 2.0, docs/security.md) live here and only here: ccr_visible() for the
 * queries over records (SQ_VISIBLE in internal.h) and sq_clear_match() for the search
 * index, whose rows carry the same facts as tags (search_sql.h). Each connection
 * reads as one caller at a time, set by store_set_clearance; a new connection reads
 * as the public. */
#include <string.h>

#include "store/sqlite/internal.h"

#define MARK "\x1f"	/* the tokenizer's mark (fts.c) */

/* Whether the account's organisation is in one of the record's sharing groups. */
static int shares_group(struct sq *q, long long id)
{
	sqlite3_stmt *st;
	int found = 0;

	if (!q->clear.ngroups || !(st = sq_prep(q, SQ_CLEAR_GROUPS,
		"SELECT group_id FROM record_group WHERE record_id = ?1", NULL)))
		return 0;
	sqlite3_bind_int64(st, 1, id);
	while (!found && sqlite3_step(st) == SQLITE_ROW) {
		long long g = sqlite3_column_int64(st, 0);

		for (int i = 0; i < q->clear.ngroups && !found; i++)
			found = q->clear.groups[i] == g;
	}
	sqlite3_reset(st);
	return found;
}

/* Whether the account is one of a RED record's named readers. */
static int named(struct sq *q, long long id)
{
	sqlite3_stmt *st = sq_prep(q, SQ_CLEAR_NAMED,
		"SELECT 1 FROM record_reader WHERE record_id = ?1 AND user_id = ?2", NULL);
	int found;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, q->clear.user_id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

static int eq(const char *a, const char *b)
{
	return a && b && *a && !strcmp(a, b);
}

/* The rules. Anybody reads what they made. RED: only its named readers, and of its
 * drafts only those who are also curators. Otherwise curators and admins read
 * everything; drafts, submissions and withdrawn records nobody else; published
 * records by label: CLEAR everybody, GREEN signed in, AMBER the owning organisation,
 * the country's focal points and the organisations of its sharing groups,
 * AMBER+STRICT the owning organisation. */
static int visible(struct sq *q, long long id, const char *status, const char *tlp,
		   const char *country, long long author, long long owner)
{
	const struct sq_clear *c = &q->clear;
	int published = eq(status, "published");

	if (c->all || (c->user_id && author == c->user_id))
		return 1;
	if (eq(tlp, "RED"))
		return c->user_id && (published || c->curator) && named(q, id);
	if (c->curator)
		return 1;
	if (!published)
		return 0;
	if (eq(tlp, "CLEAR"))
		return 1;
	if (!c->user_id)
		return 0;
	if (eq(tlp, "GREEN"))
		return 1;
	if (eq(tlp, "AMBER"))
		return (c->org_id && owner == c->org_id) || eq(country, c->country) ||
		       shares_group(q, id);
	if (eq(tlp, "AMBER+STRICT"))
		return c->org_id && owner == c->org_id;
	return 0;
}

/* ccr_visible(id, status, tlp, country, created_by_user, owner_org) */
static void visible_fn(sqlite3_context *cx, int argc, sqlite3_value **v)
{
	struct sq *q = sqlite3_user_data(cx);

	(void)argc;
	sqlite3_result_int(cx, visible(q, sqlite3_value_int64(v[0]),
				       (const char *)sqlite3_value_text(v[1]),
				       (const char *)sqlite3_value_text(v[2]),
				       (const char *)sqlite3_value_text(v[3]),
				       sqlite3_value_int64(v[4]), sqlite3_value_int64(v[5])));
}

int sq_clear_register(struct sq *q)
{
	memset(&q->clear, 0, sizeof(q->clear));	/* the public */
	return sqlite3_create_function(q->db, "ccr_visible", 6, SQLITE_UTF8, q, visible_fn,
				       NULL, NULL);
}

/* The tags say who may not read a row, and who may all the same (SEARCH_ACCESS_TAGS
 * in search_sql.h): the condition excludes the few rows the caller may not read
 * (" NOT ( ... )"), so that a search over mostly public records walks short lists. */
void sq_clear_match(struct sq *q, struct sbuf *b)
{
	const struct sq_clear *c = &q->clear;

	if (c->all)
		return;
	if (!c->user_id) {	/* the public: published CLEAR only */
		sbuf_adds(b, " NOT \"" MARK "#xp\"");
		return;
	}
	if (c->curator) {	/* everything but RED rows they are not named on */
		sbuf_addf(b, " NOT ( \"" MARK "#tred\" NOT ( \"" MARK "#rn%lld\"", c->user_id);
	} else {		/* published CLEAR and GREEN, and what is granted */
		sbuf_addf(b, " NOT ( \"" MARK "#xs\" NOT ( \"" MARK "#rpn%lld\"", c->user_id);
		if (c->org_id)
			sbuf_addf(b, " OR \"" MARK "#ao%lld\" OR \"" MARK "#so%lld\"", c->org_id,
				  c->org_id);
		if (c->country[0])
			sbuf_addf(b, " OR \"" MARK "#ac%c%c\"", c->country[0] | 32,
				  c->country[1] | 32);
		for (int i = 0; i < c->ngroups; i++)
			sbuf_addf(b, " OR \"" MARK "#ag%lld\"", c->groups[i]);
	}
	sbuf_addf(b, " OR \"" MARK "#xu%lld\" ) )", c->user_id);	/* one's own records */
}

int sq_set_clearance(struct store *s, const struct clearance *cl, struct err *e)
{
	struct sq *q = (struct sq *)s;
	struct sq_clear *c = &q->clear;
	sqlite3_stmt *st;
	int rc = ERR_OK;

	memset(c, 0, sizeof(*c));	/* the public, also when what follows fails */
	if (!cl)
		return ERR_OK;
	c->all = cl->all;
	c->curator = cl->curator;
	c->user_id = cl->user_id;
	c->org_id = cl->org_id;
	if (cl->country && strlen(cl->country) == 2)
		memcpy(c->country, cl->country, 3);
	if (!c->org_id || c->all)
		return ERR_OK;
	if (!(st = sq_prep(q, SQ_CLEAR_ORG_GROUPS, "SELECT group_id FROM sharing_group_member "
			   "WHERE org_id = ?1 ORDER BY group_id LIMIT ?2", e)))
		rc = ERR_DB;
	else {
		sqlite3_bind_int64(st, 1, c->org_id);
		sqlite3_bind_int(st, 2, SQ_CLEAR_GROUPS_MAX);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			c->groups[c->ngroups++] = sqlite3_column_int64(st, 0);
		rc = rc == SQLITE_DONE ? ERR_OK : sq_fail(q, "read sharing groups", e);
		sqlite3_reset(st);
	}
	if (rc) {
		struct sq_clear keep = { 0 };

		*c = keep;
	}
	return rc;
}
