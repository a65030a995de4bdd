/* The SQLite backend: repository records (common fields, revisions), works,
 * expressions, provisions, case law, lessons and mappings. */
#include <string.h>

#include "core/sbuf.h"
#include "store/sqlite/internal.h"

#define RECORD_COLS "r.id, r.kind, r.country, r.region, r.language, r.title, " \
		    "r.source_url, r.status, r.tlp, r.revision, r.created_at, " \
		    "r.created_by, r.changed_at, r.changed_by, r.owner_org, r.created_by_user, " \
		    "(EXISTS (SELECT 1 FROM record_change rc WHERE rc.record_id = r.id) OR " \
		    "EXISTS (SELECT 1 FROM expression px WHERE px.work_id = r.id AND px.pending))"
#define RECORD_NCOLS 17

static const char *const statuses[] = { "draft", "submitted", "published", "withdrawn" };

static int index_of(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return 0;
}

/* Columns 0..16 of RECORD_COLS into r. */
static void record_cols(pool *p, sqlite3_stmt *st, struct record *r)
{
	const char *k = (const char *)sqlite3_column_text(st, 1);
	const char *stt = (const char *)sqlite3_column_text(st, 7);
	int kind = record_kind_parse(k);

	r->id = sqlite3_column_int64(st, 0);
	r->kind = kind < 0 ? REC_LEGISLATION : (enum record_kind)kind;
	r->country = sq_col(p, st, 2);
	r->region = sq_col(p, st, 3);
	r->language = sq_col(p, st, 4);
	r->title = sq_col(p, st, 5);
	r->source_url = sq_col(p, st, 6);
	r->status = (enum record_status)index_of(statuses, 4, stt);
	r->tlp = sq_col(p, st, 8);
	r->revision = sqlite3_column_int(st, 9);
	r->created_at = sq_col(p, st, 10);
	r->created_by = sq_col(p, st, 11);
	r->changed_at = sq_col(p, st, 12);
	r->changed_by = sq_col(p, st, 13);
	r->owner_org = sqlite3_column_int64(st, 14);
	r->created_by_user = sqlite3_column_int64(st, 15);
	r->pending = sqlite3_column_int(st, 16);
}

/* Bind the common fields to ?1..?15 (everything but id). */
static void record_bind(sqlite3_stmt *st, const struct record *r)
{
	sq_bind_text(st, 1, record_kind_name(r->kind));
	sq_bind_text(st, 2, r->country);
	sq_bind_text(st, 3, r->region);
	sq_bind_text(st, 4, r->language);
	sq_bind_text(st, 5, r->title);
	sq_bind_text(st, 6, r->source_url);
	sq_bind_text(st, 7, statuses[r->status]);
	sq_bind_text(st, 8, r->tlp ? r->tlp : "CLEAR");
	sqlite3_bind_int(st, 9, r->revision > 0 ? r->revision : 1);
	sq_bind_text(st, 10, r->created_at);
	sq_bind_text(st, 11, r->created_by);
	sq_bind_text(st, 12, r->changed_at);
	sq_bind_text(st, 13, r->changed_by);
	if (r->owner_org)
		sqlite3_bind_int64(st, 14, r->owner_org);
	if (r->created_by_user)
		sqlite3_bind_int64(st, 15, r->created_by_user);
}

int sq_record_insert(struct store *s, const struct record *r, long long *id, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_RECORD_INSERT,
		"INSERT INTO record(kind, country, region, language, title, source_url, status, "
		"tlp, revision, created_at, created_by, changed_at, changed_by, owner_org, "
		"created_by_user) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", e);
	int rc;

	if (!st)
		return ERR_DB;
	record_bind(st, r);
	if ((rc = sq_done(q, st, "save record", e)))
		return rc;
	*id = sqlite3_last_insert_rowid(q->db);
	return ERR_OK;
}

int sq_record_update(struct store *s, const struct record *r, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_RECORD_UPDATE,
		"UPDATE record SET kind = ?1, country = ?2, region = ?3, language = ?4, "
		"title = ?5, source_url = ?6, status = ?7, tlp = ?8, revision = ?9, "
		"created_at = ?10, created_by = ?11, changed_at = ?12, changed_by = ?13, "
		"owner_org = ?14, created_by_user = ?15 WHERE id = ?16", e);
	int rc;

	if (!st)
		return ERR_DB;
	record_bind(st, r);
	sqlite3_bind_int64(st, 16, r->id);
	if ((rc = sq_done(q, st, "update record", e)))
		return rc;
	if (!sqlite3_changes(q->db))
		return err_set(e, ERR_NOTFOUND, "no record %lld", r->id);
	return ERR_OK;
}

static void record_row(pool *p, sqlite3_stmt *st, void *row)
{
	record_cols(p, st, row);
}

int sq_record_get(struct store *s, pool *p, long long id, struct record **out,
		  struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_RECORD_GET,
		"SELECT " RECORD_COLS " FROM record r WHERE r.id = ?1 AND " SQ_VISIBLE("r"), e);

	if (st)
		sqlite3_bind_int64(st, 1, id);
	return sq_one_row(q, st, p, sizeof(**out), record_row, (void **)out, "record", e);
}

/* The common filter: ?1 kind, ?2 country, ?3 status, ?4 limit, ?5 offset, ?7 id, ?8
 * pending (a change waits for review). */
#define RECORD_FILTER "(?1 IS NULL OR r.kind = ?1) AND (?2 IS NULL OR r.country = ?2) " \
		      "AND (?3 IS NULL OR r.status = ?3) AND (?7 IS NULL OR r.id = ?7) " \
		      "AND (?8 IS NULL OR EXISTS (SELECT 1 FROM record_change rc " \
		      "  WHERE rc.record_id = r.id) OR EXISTS (SELECT 1 FROM expression px " \
		      "  WHERE px.work_id = r.id AND px.pending)) " \
		      "AND " SQ_VISIBLE("r")

static void filter_bind(sqlite3_stmt *st, const struct record_query *f)
{
	sq_bind_text(st, 1, f->kind >= 0 && f->kind < REC_KIND_COUNT ?
		     record_kind_name((enum record_kind)f->kind) : NULL);
	sq_bind_text(st, 2, f->country);
	sq_bind_text(st, 3, f->status >= 0 && f->status < ST_COUNT ? statuses[f->status] : NULL);
	sqlite3_bind_int(st, 4, f->limit > 0 ? f->limit : 100);
	sqlite3_bind_int(st, 5, f->offset > 0 ? f->offset : 0);
	if (f->id)
		sqlite3_bind_int64(st, 7, f->id);
	if (f->pending)
		sqlite3_bind_int(st, 8, 1);
}

int sq_record_list(struct store *s, pool *p, const struct record_query *f,
		   struct record **out, size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_RECORD_LIST,
		"SELECT " RECORD_COLS " FROM record r WHERE " RECORD_FILTER
		" ORDER BY r.changed_at, r.id LIMIT ?4 OFFSET ?5", e);

	if (st)
		filter_bind(st, f);
	return sq_rows(q, st, p, sizeof(**out), record_row, (void **)out, n, "list records", e);
}

int sq_revision_add(struct store *s, long long id, const struct revision *rv, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_REVISION_ADD,
		"INSERT INTO record_revision(record_id, revision, status, snapshot, changed_at, "
		"changed_by, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", e);

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, rv->revision);
	sq_bind_text(st, 3, statuses[rv->status]);
	sq_bind_text(st, 4, rv->snapshot);
	sq_bind_text(st, 5, rv->changed_at);
	sq_bind_text(st, 6, rv->changed_by);
	sq_bind_text(st, 7, rv->note);
	return sq_done(q, st, "save revision", e);
}

static void revision_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct revision *rv = row;
	const char *stt = (const char *)sqlite3_column_text(st, 1);

	rv->revision = sqlite3_column_int(st, 0);
	rv->status = (enum record_status)index_of(statuses, 4, stt);
	rv->snapshot = sq_col(p, st, 2);
	rv->changed_at = sq_col(p, st, 3);
	rv->changed_by = sq_col(p, st, 4);
	rv->note = sq_col(p, st, 5);
}

int sq_revision_list(struct store *s, pool *p, long long id, struct revision **out,
		     size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_REVISION_LIST,
		"SELECT revision, status, snapshot, changed_at, changed_by, note "
		"FROM record_revision WHERE record_id = ?1 AND EXISTS (SELECT 1 FROM record r "
		"WHERE r.id = ?1 AND " SQ_VISIBLE("r") ") ORDER BY id DESC",
		e);

	if (st)
		sqlite3_bind_int64(st, 1, id);
	return sq_rows(q, st, p, sizeof(**out), revision_row, (void **)out, n,
		       "list revisions", e);
}

int sq_work_put(struct store *s, const struct work *w, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_WORK_PUT,
		"INSERT INTO work(record_id, uri, type, subtype, number, date) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(record_id) DO UPDATE SET "
		"uri = excluded.uri, type = excluded.type, subtype = excluded.subtype, "
		"number = excluded.number, date = excluded.date", e);

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, w->rec.id);
	sq_bind_text(st, 2, w->uri);
	sq_bind_text(st, 3, w->type);
	sq_bind_text(st, 4, w->subtype);
	sq_bind_text(st, 5, w->number);
	sq_bind_text(st, 6, w->date);
	return sq_done(q, st, "save work", e);
}

#define WORK_SELECT "SELECT " RECORD_COLS ", w.uri, w.type, w.subtype, w.number, w.date " \
		    "FROM work w JOIN record r ON r.id = w.record_id "

static void work_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct work *w = row;

	record_cols(p, st, &w->rec);
	w->uri = sq_col(p, st, RECORD_NCOLS);
	w->type = sq_col(p, st, RECORD_NCOLS + 1);
	w->subtype = sq_col(p, st, RECORD_NCOLS + 2);
	w->number = sq_col(p, st, RECORD_NCOLS + 3);
	w->date = sq_col(p, st, RECORD_NCOLS + 4);
}

int sq_work_get(struct store *s, pool *p, const char *uri, long long id, struct work **out,
		struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;

	if (uri) {
		st = sq_prep(q, SQ_WORK_GET_URI, WORK_SELECT "WHERE w.uri = ?1 AND "
			     SQ_VISIBLE("r"), e);
		if (st)
			sq_bind_text(st, 1, uri);
	} else {
		st = sq_prep(q, SQ_WORK_GET_ID, WORK_SELECT "WHERE w.record_id = ?1 AND "
			     SQ_VISIBLE("r"), e);
		if (st)
			sqlite3_bind_int64(st, 1, id);
	}
	return sq_one_row(q, st, p, sizeof(**out), work_row, (void **)out, "work", e);
}

int sq_work_list(struct store *s, pool *p, const struct record_query *f, struct work **out,
		 size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_WORK_LIST,
		WORK_SELECT "WHERE " RECORD_FILTER " AND (?6 IS NULL OR w.type = ?6) "
		"ORDER BY r.country, w.date DESC, r.title LIMIT ?4 OFFSET ?5", e);

	if (st) {
		filter_bind(st, f);
		sq_bind_text(st, 6, f->type);
	}
	return sq_rows(q, st, p, sizeof(**out), work_row, (void **)out, n, "list works", e);
}

static const char *const expr_statuses[] = { "in_force", "amended", "repealed" };

int sq_expr_put(struct store *s, const struct expression *x, long long *id, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_EXPR_FIND,
		"SELECT id FROM expression WHERE work_id = ?1 AND language = ?2 AND date = ?3", e);
	long long found = 0;
	int rc;

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, x->work_id);
	sq_bind_text(st, 2, x->language);
	sq_bind_text(st, 3, x->date);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		found = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(q, "find expression", e);
	if (found) {
		if (!(st = sq_prep(q, SQ_EXPR_CLEAR, "DELETE FROM provision WHERE expression_id = ?1",
				   e)))
			return ERR_DB;
		sqlite3_bind_int64(st, 1, found);
		if ((rc = sq_done(q, st, "replace expression", e)))
			return rc;
		if (!(st = sq_prep(q, SQ_EXPR_UPDATE,
				   "UPDATE expression SET status = ?2, title = ?3, pending = ?4, "
				   "proposed_by_user = ?5 WHERE id = ?1", e)))
			return ERR_DB;
		sqlite3_bind_int64(st, 1, found);
		sq_bind_text(st, 2, expr_statuses[x->status]);
		sq_bind_text(st, 3, x->title);
		sqlite3_bind_int(st, 4, x->pending ? 1 : 0);
		if (x->proposed_by_user)
			sqlite3_bind_int64(st, 5, x->proposed_by_user);
		*id = found;
		return sq_done(q, st, "update expression", e);
	}
	if (!(st = sq_prep(q, SQ_EXPR_INSERT,
			   "INSERT INTO expression(work_id, language, date, status, title, pending, "
			   "proposed_by_user) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", e)))
		return ERR_DB;
	sqlite3_bind_int64(st, 1, x->work_id);
	sq_bind_text(st, 2, x->language);
	sq_bind_text(st, 3, x->date);
	sq_bind_text(st, 4, expr_statuses[x->status]);
	sq_bind_text(st, 5, x->title);
	sqlite3_bind_int(st, 6, x->pending ? 1 : 0);
	if (x->proposed_by_user)
		sqlite3_bind_int64(st, 7, x->proposed_by_user);
	if ((rc = sq_done(q, st, "save expression", e)))
		return rc;
	*id = sqlite3_last_insert_rowid(q->db);
	return ERR_OK;
}

static void expr_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct expression *x = row;

	x->id = sqlite3_column_int64(st, 0);
	x->work_id = sqlite3_column_int64(st, 1);
	x->language = sq_col(p, st, 2);
	x->date = sq_col(p, st, 3);
	x->status = (enum expr_status)index_of(expr_statuses, 3,
					       (const char *)sqlite3_column_text(st, 4));
	x->title = sq_col(p, st, 5);
	x->provision_count = sqlite3_column_int(st, 6);
	x->pending = sqlite3_column_int(st, 7);
	x->proposed_by_user = sqlite3_column_int64(st, 8);
}

int sq_expr_list(struct store *s, pool *p, long long work_id, struct expression **out,
		 size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_EXPR_LIST,
		"SELECT x.id, x.work_id, x.language, x.date, x.status, x.title, "
		"(SELECT count(*) FROM provision v WHERE v.expression_id = x.id), x.pending, "
		"x.proposed_by_user "
		"FROM expression x JOIN record r ON r.id = x.work_id WHERE x.work_id = ?1 AND "
		SQ_VISIBLE("r") " AND (x.pending = 0 OR " SQ_VISIBLE_AS_DRAFT("r", "x.proposed_by_user")
		") ORDER BY x.date DESC, x.language", e);

	if (st)
		sqlite3_bind_int64(st, 1, work_id);
	return sq_rows(q, st, p, sizeof(**out), expr_row, (void **)out, n, "list expressions",
		       e);
}

int sq_prov_put(struct store *s, const struct provision *pv, long long *id, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_PROV_INSERT,
		"INSERT INTO provision(expression_id, parent_id, ordinal, depth, eid, kind, num, "
		"heading, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", e);
	int rc;

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, pv->expression_id);
	if (pv->parent_id)
		sqlite3_bind_int64(st, 2, pv->parent_id);
	sqlite3_bind_int(st, 3, pv->ordinal);
	sqlite3_bind_int(st, 4, pv->depth);
	sq_bind_text(st, 5, pv->eid);
	sq_bind_text(st, 6, pv->kind);
	sq_bind_text(st, 7, pv->num);
	sq_bind_text(st, 8, pv->heading);
	sq_bind_text(st, 9, pv->text);
	if ((rc = sq_done(q, st, "save provision", e)))
		return rc;
	*id = sqlite3_last_insert_rowid(q->db);
	return ERR_OK;
}

static void prov_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct provision *v = row;

	v->id = sqlite3_column_int64(st, 0);
	v->expression_id = sqlite3_column_int64(st, 1);
	v->parent_id = sqlite3_column_int64(st, 2);
	v->ordinal = sqlite3_column_int(st, 3);
	v->depth = sqlite3_column_int(st, 4);
	v->eid = sq_col(p, st, 5);
	v->kind = sq_col(p, st, 6);
	v->num = sq_col(p, st, 7);
	v->heading = sq_col(p, st, 8);
	v->text = sq_col(p, st, 9);
}

int sq_prov_list(struct store *s, pool *p, long long expression_id, struct provision **out,
		 size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_PROV_LIST,
		"SELECT id, expression_id, coalesce(parent_id, 0), ordinal, depth, eid, kind, "
		"num, heading, text FROM provision WHERE expression_id = ?1 ORDER BY ordinal", e);

	if (st)
		sqlite3_bind_int64(st, 1, expression_id);
	return sq_rows(q, st, p, sizeof(**out), prov_row, (void **)out, n, "list provisions", e);
}

int sq_prov_get(struct store *s, pool *p, long long expression_id, const char *eid,
		struct provision **out, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_PROV_GET,
		"SELECT id, expression_id, coalesce(parent_id, 0), ordinal, depth, eid, kind, "
		"num, heading, text FROM provision WHERE expression_id = ?1 AND eid = ?2", e);

	if (st) {
		sqlite3_bind_int64(st, 1, expression_id);
		sq_bind_text(st, 2, eid);
	}
	return sq_one_row(q, st, p, sizeof(**out), prov_row, (void **)out, "provision", e);
}

int sq_prov_in_work(struct store *s, long long work_id, const char *eid, int *found,
		    struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_PROV_IN_WORK,
		"SELECT EXISTS (SELECT 1 FROM provision v JOIN expression x "
		"ON x.id = v.expression_id WHERE x.work_id = ?1 AND v.eid = ?2)", e);
	int rc;

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, work_id);
	sq_bind_text(st, 2, eid);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ERR_OK : sq_fail(q, "find provision", e);
}

/* A kind's KT_LINKS field is kept in the table <kind's table>_<key>(record_id,
 * work_uri, eid), but for these older ones. */
static const struct {
	const char *table, *key, *links, *id;
} link_tables[] = {
	{ "caselaw", "applied", "case_provision", "case_id" },
};

static void links_table(const struct kind *k, const struct kind_field *f, pool *p,
			const char **table, const char **id)
{
	for (size_t i = 0; i < sizeof(link_tables) / sizeof(link_tables[0]); i++)
		if (!strcmp(link_tables[i].table, k->table) && !strcmp(link_tables[i].key, f->key)) {
			*table = link_tables[i].links;
			*id = link_tables[i].id;
			return;
		}
	*table = pool_printf(p, "%s_%s", k->table, f->key);
	*id = "record_id";
}

/* The statement slot of kind k among first's. */
static enum sq_stmt kind_slot(enum sq_stmt first, const struct kind *k)
{
	return (enum sq_stmt)(first + k->id);
}

static int kind_links_put(struct sq *q, const struct kind *k, const struct kind_field *f,
			  const void *obj, struct err *e)
{
	pool *p = pool_new();
	const char *table, *idcol;
	long long id = ((const struct record *)obj)->id;
	struct record_link *l;
	size_t n;
	sqlite3_stmt *st;
	int rc;

	links_table(k, f, p, &table, &idcol);
	kind_links(obj, f, &l, &n);
	if (!(st = sq_prep(q, kind_slot(SQ_KIND_LINKS_CLEAR, k),
			   pool_printf(p, "DELETE FROM %s WHERE %s = ?1", table, idcol), e))) {
		rc = ERR_DB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sq_done(q, st, pool_printf(p, "save %s", k->name), e)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (!(st = sq_prep(q, kind_slot(SQ_KIND_LINK_ADD, k),
				   pool_printf(p, "INSERT OR IGNORE INTO %s(%s, work_uri, eid) "
					       "VALUES (?1, ?2, ?3)", table, idcol), e))) {
			rc = ERR_DB;
			goto out;
		}
		sqlite3_bind_int64(st, 1, id);
		sq_bind_text(st, 2, l[i].work_uri);
		sq_bind_text(st, 3, l[i].eid);
		if ((rc = sq_done(q, st, pool_printf(p, "save %s %s", k->name, f->key), e)))
			goto out;
	}
out:
	pool_free(p);
	return rc;
}

int sq_kind_put(struct store *s, const struct kind *k, const void *obj, struct err *e)
{
	struct sq *q = (struct sq *)s;
	struct sbuf cols = SBUF_INIT, vals = SBUF_INIT, set = SBUF_INIT;
	const struct kind_field *links = NULL;
	sqlite3_stmt *st;
	int rc, n = 1;

	for (size_t i = 0; i < k->nfields; i++) {
		const struct kind_field *f = &k->fields[i];

		if (f->type == KT_LINKS) {
			links = f;
			continue;
		}
		sbuf_addf(&cols, ", %s", f->key);
		sbuf_addf(&vals, ", ?%d", ++n);
		sbuf_addf(&set, "%s%s = excluded.%s", set.len ? ", " : "", f->key, f->key);
	}
	/* the same text every time for one kind: prepared once per connection */
	{
		struct sbuf sql = SBUF_INIT;

		sbuf_addf(&sql, "INSERT INTO %s(record_id%s) VALUES (?1%s) ON CONFLICT(record_id) "
			  "DO %s%s", k->table, sbuf_str(&cols), sbuf_str(&vals),
			  set.len ? "UPDATE SET " : "NOTHING", sbuf_str(&set));
		st = sq_prep(q, kind_slot(SQ_KIND_PUT, k), sbuf_str(&sql), e);
		sbuf_release(&sql);
	}
	sbuf_release(&cols);
	sbuf_release(&vals);
	sbuf_release(&set);
	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, ((const struct record *)obj)->id);
	n = 1;
	for (size_t i = 0; i < k->nfields; i++)
		if (k->fields[i].type != KT_LINKS)
			sq_bind_text(st, ++n, kind_value(obj, &k->fields[i]));
	if ((rc = sq_done(q, st, k->name, e)))
		return rc;
	return links ? kind_links_put(q, k, links, obj, e) : ERR_OK;
}

static void link_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct record_link *l = row;

	l->work_uri = sq_col(p, st, 0);
	l->eid = sq_col(p, st, 1);
}

static int kind_links_get(struct sq *q, pool *p, const struct kind *k,
			  const struct kind_field *f, void *obj, struct err *e)
{
	const char *table, *idcol;
	struct record_link *l;
	size_t n;
	sqlite3_stmt *st;
	int rc;

	links_table(k, f, p, &table, &idcol);
	st = sq_prep(q, kind_slot(SQ_KIND_LINKS, k),
		     pool_printf(p, "SELECT work_uri, eid FROM %s WHERE %s = ?1 "
				 "ORDER BY work_uri, eid", table, idcol), e);
	if (st)
		sqlite3_bind_int64(st, 1, ((struct record *)obj)->id);
	if (!(rc = sq_rows(q, st, p, sizeof(*l), link_row, (void **)&l, &n,
			   pool_printf(p, "%s %s", k->name, f->key), e)))
		kind_set_links(obj, f, l, n);
	return rc;
}

int sq_kind_get(struct store *s, pool *p, const struct kind *k, long long id, void **out,
		struct err *e)
{
	struct sq *q = (struct sq *)s;
	struct sbuf sql = SBUF_INIT;
	const struct kind_field *links = NULL;
	sqlite3_stmt *st;
	void *obj;
	int rc, col = RECORD_NCOLS;

	sbuf_adds(&sql, "SELECT " RECORD_COLS);
	for (size_t i = 0; i < k->nfields; i++)
		if (k->fields[i].type != KT_LINKS)
			sbuf_addf(&sql, ", t.%s", k->fields[i].key);
	sbuf_addf(&sql, " FROM %s t JOIN record r ON r.id = t.record_id WHERE t.record_id = ?1 "
		  "AND ", k->table);
	sbuf_adds(&sql, SQ_VISIBLE("r"));
	st = sq_prep(q, kind_slot(SQ_KIND_GET, k), sbuf_str(&sql), e);
	sbuf_release(&sql);
	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return sq_fail(q, k->name, e);
		return err_set(e, ERR_NOTFOUND, "%s: not found", k->name);
	}
	obj = pool_calloc(p, 1, k->size);
	record_cols(p, st, obj);
	for (size_t i = 0; i < k->nfields; i++) {
		if (k->fields[i].type == KT_LINKS)
			links = &k->fields[i];
		else
			kind_set(obj, &k->fields[i], sq_col(p, st, col++));
	}
	sqlite3_reset(st);
	if (links && (rc = kind_links_get(q, p, k, links, obj, e)))
		return rc;
	*out = obj;
	return ERR_OK;
}

int sq_mapping_put(struct store *s, const struct mapping *m, const char *at, const char *by,
		   struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_MAPPING_PUT,
		"INSERT INTO mapping(work_id, eid, instrument, article, state, extent, score, "
		"reason, comment, changed_at, changed_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
		"ON CONFLICT(work_id, eid, instrument, article) DO UPDATE SET "
		"state = excluded.state, extent = excluded.extent, "
		"score = coalesce(excluded.score, mapping.score), "
		"reason = coalesce(excluded.reason, mapping.reason), comment = excluded.comment, "
		"changed_at = excluded.changed_at, changed_by = excluded.changed_by "
		/* a suggestion never overrides a curator's decision */
		"WHERE excluded.state <> 'suggested' OR mapping.state = 'suggested'", e);

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, m->work_id);
	sq_bind_text(st, 2, m->eid);
	sq_bind_text(st, 3, m->instrument);
	sqlite3_bind_int(st, 4, m->article);
	sq_bind_text(st, 5, m->state);
	sq_bind_text(st, 6, m->extent);
	if (m->score > 0)
		sqlite3_bind_double(st, 7, m->score);
	sq_bind_text(st, 8, m->reason);
	sq_bind_text(st, 9, m->comment);
	sq_bind_text(st, 10, at);
	sq_bind_text(st, 11, by);
	return sq_done(q, st, "save mapping", e);
}

static void mapping_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct mapping *m = row;

	m->id = sqlite3_column_int64(st, 0);
	m->work_id = sqlite3_column_int64(st, 1);
	m->work_uri = sq_col(p, st, 2);
	m->eid = sq_col(p, st, 3);
	m->instrument = sq_col(p, st, 4);
	m->article = sqlite3_column_int(st, 5);
	m->state = sq_col(p, st, 6);
	m->extent = sq_col(p, st, 7);
	m->score = sqlite3_column_double(st, 8);
	m->reason = sq_col(p, st, 9);
	m->comment = sq_col(p, st, 10);
	m->country = sq_col(p, st, 11);
	m->work_title = sq_col(p, st, 12);
	m->heading = sq_col(p, st, 13);
	m->num = sq_col(p, st, 14);
}

/* The provision's heading and number from the work's latest expression. */
#define MAPPING_SELECT \
	"SELECT m.id, m.work_id, w.uri, m.eid, m.instrument, m.article, m.state, m.extent, " \
	"m.score, m.reason, m.comment, r.country, r.title, v.heading, v.num " \
	"FROM mapping m JOIN work w ON w.record_id = m.work_id " \
	"JOIN record r ON r.id = m.work_id " \
	"LEFT JOIN provision v ON v.eid = m.eid AND v.expression_id = (SELECT x.id FROM " \
	"expression x WHERE x.work_id = m.work_id AND x.pending = 0 ORDER BY x.date DESC " \
	"LIMIT 1) "

int sq_mapping_list(struct store *s, pool *p, long long work_id, const char *instrument,
		    int article, struct mapping **out, size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;

	if (work_id > 0) {
		st = sq_prep(q, SQ_MAPPING_BY_WORK, MAPPING_SELECT
			     "WHERE m.work_id = ?1 AND " SQ_VISIBLE("r")
			     " ORDER BY m.eid, m.instrument, m.article", e);
		if (st)
			sqlite3_bind_int64(st, 1, work_id);
	} else {
		st = sq_prep(q, SQ_MAPPING_BY_ARTICLE, MAPPING_SELECT
			     "WHERE m.instrument = ?1 AND m.article = ?2 AND m.state = 'accepted' "
			     "AND " SQ_VISIBLE("r") " ORDER BY r.country, r.title, m.eid", e);
		if (st) {
			sq_bind_text(st, 1, instrument);
			sqlite3_bind_int(st, 2, article);
		}
	}
	return sq_rows(q, st, p, sizeof(**out), mapping_row, (void **)out, n, "list mappings",
		       e);
}
