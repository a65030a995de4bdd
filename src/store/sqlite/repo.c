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

static const char *const statuses[] = { "draft", "submitted", "published", "withdrawn" };

/* The columns of RECORD_COLS (a kind's own follow them: sq_kind_get). */
static const struct sq_col record_cols[] = {
	SQ_NUM(struct record, id),
	SQ_KIND(struct record, kind),
	SQ_STR(struct record, country),
	SQ_STR(struct record, region),
	SQ_STR(struct record, language),
	SQ_STR(struct record, title),
	SQ_STR(struct record, source_url),
	SQ_NAME(struct record, status, statuses, 4),
	SQ_STR(struct record, tlp),
	SQ_NUM(struct record, revision),
	SQ_STR(struct record, created_at),
	SQ_STR(struct record, created_by),
	SQ_STR(struct record, changed_at),
	SQ_STR(struct record, changed_by),
	SQ_NUM(struct record, owner_org),
	SQ_NUM(struct record, created_by_user),
	SQ_NUM(struct record, pending),
};
static const struct sq_reader record_reader = SQ_READER(struct record, record_cols);

/* The common fields of r as ?1..?15 (everything but id). */
#define RECORD_VALS(r) \
	SQ_TEXT(record_kind_name((r)->kind)), SQ_TEXT((r)->country), SQ_TEXT((r)->region), \
	SQ_TEXT((r)->language), SQ_TEXT((r)->title), SQ_TEXT((r)->source_url), \
	SQ_TEXT(statuses[(r)->status]), SQ_TEXT((r)->tlp ? (r)->tlp : "CLEAR"), \
	SQ_INT((r)->revision > 0 ? (r)->revision : 1), SQ_TEXT((r)->created_at), \
	SQ_TEXT((r)->created_by), SQ_TEXT((r)->changed_at), SQ_TEXT((r)->changed_by), \
	SQ_ID((r)->owner_org), SQ_ID((r)->created_by_user)

int sq_record_insert(struct store *s, const struct record *r, long long *id, struct err *e)
{
	return sq_insert((struct sq *)s, SQ_RECORD_INSERT,
		"INSERT INTO record(kind, country, region, language, title, source_url, status, "
		"tlp, revision, created_at, created_by, changed_at, changed_by, owner_org, "
		"created_by_user) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
		SQ_VALS(RECORD_VALS(r)), id, "save record", e);
}

int sq_record_update(struct store *s, const struct record *r, struct err *e)
{
	struct sq *q = (struct sq *)s;
	int rc = sq_run(q, SQ_RECORD_UPDATE,
		"UPDATE record SET kind = ?1, country = ?2, region = ?3, language = ?4, "
		"title = ?5, source_url = ?6, status = ?7, tlp = ?8, revision = ?9, "
		"created_at = ?10, created_by = ?11, changed_at = ?12, changed_by = ?13, "
		"owner_org = ?14, created_by_user = ?15 WHERE id = ?16",
		SQ_VALS(RECORD_VALS(r), SQ_INT(r->id)), "update record", e);

	if (!rc && !sqlite3_changes(q->db))
		return err_set(e, ERR_NOTFOUND, "no record %lld", r->id);
	return rc;
}

int sq_record_get(struct store *s, pool *p, long long id, struct record **out,
		  struct err *e)
{
	return sq_get((struct sq *)s, SQ_RECORD_GET,
		      "SELECT " RECORD_COLS " FROM record r WHERE r.id = ?1 AND " SQ_VISIBLE("r"),
		      SQ_VALS(SQ_INT(id)), p, &record_reader, (void **)out, "record", e);
}

/* The common filter: ?1 kind, ?2 country, ?3 status, ?4 limit, ?5 offset, ?7 id, ?8
 * pending (a change waits for review). */
#define RECORD_FILTER "(?1 IS NULL OR r.kind = ?1) AND (?2 IS NULL OR r.country = ?2) " \
		      "AND (?3 IS NULL OR r.status = ?3) AND (?7 IS NULL OR r.id = ?7) " \
		      "AND (?8 IS NULL OR EXISTS (SELECT 1 FROM record_change rc " \
		      "  WHERE rc.record_id = r.id) OR EXISTS (SELECT 1 FROM expression px " \
		      "  WHERE px.work_id = r.id AND px.pending)) " \
		      "AND " SQ_VISIBLE("r")

/* The values of RECORD_FILTER's parameters for f, and ?6 (type: a list's own). */
#define FILTER_VALS(f, type) \
	SQ_TEXT((f)->kind >= 0 && (f)->kind < REC_KIND_COUNT ? \
		record_kind_name((enum record_kind)(f)->kind) : NULL), \
	SQ_TEXT((f)->country), \
	SQ_TEXT((f)->status >= 0 && (f)->status < ST_COUNT ? statuses[(f)->status] : NULL), \
	SQ_INT((f)->limit > 0 ? (f)->limit : 100), SQ_INT((f)->offset > 0 ? (f)->offset : 0), \
	SQ_TEXT(type), SQ_ID((f)->id), SQ_ID((f)->pending ? 1 : 0)

int sq_record_list(struct store *s, pool *p, const struct record_query *f,
		   struct record **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_RECORD_LIST,
		       "SELECT " RECORD_COLS " FROM record r WHERE " RECORD_FILTER
		       " ORDER BY r.changed_at, r.id LIMIT ?4 OFFSET ?5",
		       SQ_VALS(FILTER_VALS(f, NULL)), p, &record_reader, (void **)out, n,
		       "list records", e);
}

static const struct sq_col revision_cols[] = {
	SQ_NUM(struct revision, revision),
	SQ_NAME(struct revision, status, statuses, 4),
	SQ_STR(struct revision, snapshot),
	SQ_STR(struct revision, changed_at),
	SQ_STR(struct revision, changed_by),
	SQ_STR(struct revision, note),
};
static const struct sq_reader revision_reader = SQ_READER(struct revision, revision_cols);

int sq_revision_add(struct store *s, long long id, const struct revision *rv, struct err *e)
{
	return sq_run((struct sq *)s, SQ_REVISION_ADD,
		"INSERT INTO record_revision(record_id, revision, status, snapshot, changed_at, "
		"changed_by, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		SQ_VALS(SQ_INT(id), SQ_ROW(revision_reader, rv)), "save revision", e);
}

int sq_revision_list(struct store *s, pool *p, long long id, struct revision **out,
		     size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_REVISION_LIST,
		"SELECT revision, status, snapshot, changed_at, changed_by, note "
		"FROM record_revision WHERE record_id = ?1 AND EXISTS (SELECT 1 FROM record r "
		"WHERE r.id = ?1 AND " SQ_VISIBLE("r") ") ORDER BY id DESC",
		SQ_VALS(SQ_INT(id)), p, &revision_reader, (void **)out, n, "list revisions", e);
}

#define WORK_SELECT "SELECT " RECORD_COLS ", w.uri, w.type, w.subtype, w.number, w.date " \
		    "FROM work w JOIN record r ON r.id = w.record_id "

/* A work's own columns (after the record's id in SQ_WORK_PUT, after the record's
 * columns in WORK_SELECT). */
static const struct sq_col work_own_cols[] = {
	SQ_STR(struct work, uri),
	SQ_STR(struct work, type),
	SQ_STR(struct work, subtype),
	SQ_STR(struct work, number),
	SQ_STR(struct work, date),
};
static const struct sq_reader work_own_reader = SQ_READER(struct work, work_own_cols);
static const struct sq_col work_cols[] = {
	SQ_SUB(struct work, rec, record_reader),
	SQ_SAME(work_own_reader),
};
static const struct sq_reader work_reader = SQ_READER(struct work, work_cols);

int sq_work_put(struct store *s, const struct work *w, struct err *e)
{
	return sq_run((struct sq *)s, SQ_WORK_PUT,
		"INSERT INTO work(record_id, uri, type, subtype, number, date) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(record_id) DO UPDATE SET "
		"uri = excluded.uri, type = excluded.type, subtype = excluded.subtype, "
		"number = excluded.number, date = excluded.date",
		SQ_VALS(SQ_INT(w->rec.id), SQ_ROW(work_own_reader, w)), "save work", e);
}

int sq_work_get(struct store *s, pool *p, const char *uri, long long id, struct work **out,
		struct err *e)
{
	if (uri)
		return sq_get((struct sq *)s, SQ_WORK_GET_URI, WORK_SELECT "WHERE w.uri = ?1 AND "
			      SQ_VISIBLE("r"), SQ_VALS(SQ_TEXT(uri)), p, &work_reader,
			      (void **)out, "work", e);
	return sq_get((struct sq *)s, SQ_WORK_GET_ID, WORK_SELECT "WHERE w.record_id = ?1 AND "
		      SQ_VISIBLE("r"), SQ_VALS(SQ_INT(id)), p, &work_reader, (void **)out,
		      "work", e);
}

int sq_work_list(struct store *s, pool *p, const struct record_query *f, struct work **out,
		 size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_WORK_LIST,
		       WORK_SELECT "WHERE " RECORD_FILTER " AND (?6 IS NULL OR w.type = ?6) "
		       "ORDER BY r.country, w.date DESC, r.title LIMIT ?4 OFFSET ?5",
		       SQ_VALS(FILTER_VALS(f, f->type)), p, &work_reader, (void **)out, n,
		       "list works", e);
}

static const char *const expr_statuses[] = { "in_force", "amended", "repealed" };

int sq_expr_put(struct store *s, const struct expression *x, long long *id, struct err *e)
{
	struct sq *q = (struct sq *)s;
	long long found = 0;
	int rc;

	if ((rc = sq_row(q, SQ_EXPR_FIND, "SELECT id FROM expression WHERE work_id = ?1 AND "
			 "language = ?2 AND date = ?3", SQ_VALS(SQ_INT(x->work_id),
			 SQ_TEXT(x->language), SQ_TEXT(x->date)), NULL, &sq_ll_reader, &found,
			 NULL, "find expression", e)))
		return rc;
	if (found) {
		if ((rc = sq_run(q, SQ_EXPR_CLEAR, "DELETE FROM provision WHERE expression_id = ?1",
				 SQ_VALS(SQ_INT(found)), "replace expression", e)))
			return rc;
		*id = found;
		return sq_run(q, SQ_EXPR_UPDATE, "UPDATE expression SET status = ?2, title = ?3, "
			      "pending = ?4, proposed_by_user = ?5, extent = ?6, valid_to = ?7, "
			      "long_title = ?8 WHERE id = ?1",
			      SQ_VALS(SQ_INT(found), SQ_TEXT(expr_statuses[x->status]),
				      SQ_TEXT(x->title), SQ_BOOL(x->pending),
				      SQ_ID(x->proposed_by_user), SQ_TEXT(x->extent),
				      SQ_TEXT(x->valid_to), SQ_TEXT(x->long_title)),
			      "update expression", e);
	}
	return sq_insert(q, SQ_EXPR_INSERT, "INSERT INTO expression(work_id, language, date, "
			 "status, title, pending, proposed_by_user, extent, valid_to, long_title, added_at) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
			 "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", SQ_VALS(SQ_INT(x->work_id),
			 SQ_TEXT(x->language), SQ_TEXT(x->date), SQ_TEXT(expr_statuses[x->status]),
			 SQ_TEXT(x->title), SQ_BOOL(x->pending), SQ_ID(x->proposed_by_user),
			 SQ_TEXT(x->extent), SQ_TEXT(x->valid_to), SQ_TEXT(x->long_title)), id,
			 "save expression", e);
}

static const struct sq_col expr_cols[] = {
	SQ_NUM(struct expression, id),
	SQ_NUM(struct expression, work_id),
	SQ_STR(struct expression, language),
	SQ_STR(struct expression, date),
	SQ_NAME(struct expression, status, expr_statuses, 3),
	SQ_STR(struct expression, title),
	SQ_NUM(struct expression, provision_count),
	SQ_NUM(struct expression, pending),
	SQ_NUM(struct expression, proposed_by_user),
	SQ_STR(struct expression, extent),
	SQ_STR(struct expression, valid_to),
	SQ_STR(struct expression, long_title),
};
static const struct sq_reader expr_reader = SQ_READER(struct expression, expr_cols);

int sq_expr_list(struct store *s, pool *p, long long work_id, struct expression **out,
		 size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_EXPR_LIST,
		"SELECT x.id, x.work_id, x.language, x.date, x.status, x.title, "
		"(SELECT count(*) FROM provision v WHERE v.expression_id = x.id), x.pending, "
		"x.proposed_by_user, x.extent, x.valid_to, x.long_title "
		"FROM expression x JOIN record r ON r.id = x.work_id WHERE x.work_id = ?1 AND "
		SQ_VISIBLE("r") " AND (x.pending = 0 OR " SQ_VISIBLE_AS_DRAFT("r", "x.proposed_by_user")
		") ORDER BY x.date DESC, x.language", SQ_VALS(SQ_INT(work_id)), p, &expr_reader,
		(void **)out, n, "list expressions", e);
}

/* The columns of SQ_PROV_INSERT; a provision read back starts with its id. */
static const struct sq_col prov_put_cols[] = {
	SQ_NUM(struct provision, expression_id),
	SQ_NUM0(struct provision, parent_id),
	SQ_NUM(struct provision, ordinal),
	SQ_NUM(struct provision, depth),
	SQ_STR(struct provision, eid),
	SQ_STR(struct provision, kind),
	SQ_STR(struct provision, num),
	SQ_STR(struct provision, heading),
	SQ_STR(struct provision, text),
};
static const struct sq_reader prov_put_reader = SQ_READER(struct provision, prov_put_cols);
static const struct sq_col prov_cols[] = {
	SQ_NUM(struct provision, id),
	SQ_SAME(prov_put_reader),
};
static const struct sq_reader prov_reader = SQ_READER(struct provision, prov_cols);

int sq_prov_put(struct store *s, const struct provision *pv, long long *id, struct err *e)
{
	return sq_insert((struct sq *)s, SQ_PROV_INSERT,
		"INSERT INTO provision(expression_id, parent_id, ordinal, depth, eid, kind, num, "
		"heading, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		SQ_VALS(SQ_ROW(prov_put_reader, pv)), id, "save provision", e);
}

#define PROV_SELECT "SELECT id, expression_id, coalesce(parent_id, 0), ordinal, depth, " \
		    "eid, kind, num, heading, text FROM provision "

int sq_prov_list(struct store *s, pool *p, long long expression_id, struct provision **out,
		 size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_PROV_LIST, PROV_SELECT "WHERE expression_id = ?1 "
		       "ORDER BY ordinal", SQ_VALS(SQ_INT(expression_id)), p, &prov_reader,
		       (void **)out, n, "list provisions", e);
}

int sq_prov_get(struct store *s, pool *p, long long expression_id, const char *eid,
		struct provision **out, struct err *e)
{
	return sq_get((struct sq *)s, SQ_PROV_GET, PROV_SELECT "WHERE expression_id = ?1 AND "
		      "eid = ?2", SQ_VALS(SQ_INT(expression_id), SQ_TEXT(eid)), p, &prov_reader,
		      (void **)out, "provision", e);
}

int sq_prov_in_work(struct store *s, long long work_id, const char *eid, int *found,
		    struct err *e)
{
	long long exists = 0;
	int rc = sq_row((struct sq *)s, SQ_PROV_IN_WORK,
			"SELECT EXISTS (SELECT 1 FROM provision v JOIN expression x "
			"ON x.id = v.expression_id WHERE x.work_id = ?1 AND v.eid = ?2)",
			SQ_VALS(SQ_INT(work_id), SQ_TEXT(eid)), NULL, &sq_ll_reader, &exists, NULL,
			"find provision", e);

	*found = exists != 0;
	return rc;
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
	const char *table, *idcol, *add;
	long long id = ((const struct record *)obj)->id;
	struct record_link *l;
	size_t n;
	int rc;

	links_table(k, f, p, &table, &idcol);
	kind_links(obj, f, &l, &n);
	add = pool_printf(p, "INSERT OR IGNORE INTO %s(%s, work_uri, eid) VALUES (?1, ?2, ?3)",
			  table, idcol);
	rc = sq_run(q, kind_slot(SQ_KIND_LINKS_CLEAR, k),
		    pool_printf(p, "DELETE FROM %s WHERE %s = ?1", table, idcol),
		    SQ_VALS(SQ_INT(id)), pool_printf(p, "save %s", k->name), e);
	for (size_t i = 0; !rc && i < n; i++)
		rc = sq_run(q, kind_slot(SQ_KIND_LINK_ADD, k), add,
			    SQ_VALS(SQ_INT(id), SQ_TEXT(l[i].work_uri), SQ_TEXT(l[i].eid)),
			    pool_printf(p, "save %s %s", k->name, f->key), e);
	pool_free(p);
	return rc;
}

/* The kind's statement prepared from sql (the same text every time for one kind),
 * its text released. */
static sqlite3_stmt *kind_prep(struct sq *q, enum sq_stmt first, const struct kind *k,
			       struct sbuf *sql, struct err *e)
{
	sqlite3_stmt *st = sq_prep(q, kind_slot(first, k), sbuf_str(sql), e);

	sbuf_release(sql);
	return st;
}

int sq_kind_put(struct store *s, const struct kind *k, const void *obj, struct err *e)
{
	struct sq *q = (struct sq *)s;
	struct sbuf sql = SBUF_INIT, cols = SBUF_INIT, vals = SBUF_INIT, set = SBUF_INIT;
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
	sbuf_addf(&sql, "INSERT INTO %s(record_id%s) VALUES (?1%s) ON CONFLICT(record_id) "
		  "DO %s%s", k->table, sbuf_str(&cols), sbuf_str(&vals),
		  set.len ? "UPDATE SET " : "NOTHING", sbuf_str(&set));
	sbuf_release(&cols);
	sbuf_release(&vals);
	sbuf_release(&set);
	if (!(st = kind_prep(q, SQ_KIND_PUT, k, &sql, e)))
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

static const struct sq_col link_cols[] = {
	SQ_STR(struct record_link, work_uri),
	SQ_STR(struct record_link, eid),
};
static const struct sq_reader link_reader = SQ_READER(struct record_link, link_cols);

static int kind_links_get(struct sq *q, pool *p, const struct kind *k,
			  const struct kind_field *f, void *obj, struct err *e)
{
	const char *table, *idcol;
	struct record_link *l;
	size_t n;
	int rc;

	links_table(k, f, p, &table, &idcol);
	if (!(rc = sq_list(q, kind_slot(SQ_KIND_LINKS, k),
			   pool_printf(p, "SELECT work_uri, eid FROM %s WHERE %s = ?1 "
				       "ORDER BY work_uri, eid", table, idcol),
			   SQ_VALS(SQ_INT(((struct record *)obj)->id)), p, &link_reader,
			   (void **)&l, &n, pool_printf(p, "%s %s", k->name, f->key), e)))
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
	int rc, col;

	sbuf_adds(&sql, "SELECT " RECORD_COLS);
	for (size_t i = 0; i < k->nfields; i++)
		if (k->fields[i].type != KT_LINKS)
			sbuf_addf(&sql, ", t.%s", k->fields[i].key);
	sbuf_addf(&sql, " FROM %s t JOIN record r ON r.id = t.record_id WHERE t.record_id = ?1 "
		  "AND ", k->table);
	sbuf_adds(&sql, SQ_VISIBLE("r"));
	if (!(st = kind_prep(q, SQ_KIND_GET, k, &sql, e)))
		return ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return sq_fail(q, k->name, e);
		return err_set(e, ERR_NOTFOUND, "%s: not found", k->name);
	}
	obj = pool_calloc(p, 1, k->size);
	col = sq_read(p, st, &record_reader, obj, 0);
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
	return sq_run((struct sq *)s, SQ_MAPPING_PUT,
		"INSERT INTO mapping(work_id, eid, instrument, article, state, extent, score, "
		"reason, comment, changed_at, changed_by, phrase) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
		"ON CONFLICT(work_id, eid, instrument, article) DO UPDATE SET "
		"state = excluded.state, extent = excluded.extent, "
		"score = coalesce(excluded.score, mapping.score), "
		"reason = coalesce(excluded.reason, mapping.reason), comment = excluded.comment, "
		"phrase = coalesce(excluded.phrase, mapping.phrase), "
		"changed_at = excluded.changed_at, changed_by = excluded.changed_by "
		/* a suggestion never overrides a curator's decision */
		"WHERE excluded.state <> 'suggested' OR mapping.state = 'suggested'",
		SQ_VALS(SQ_INT(m->work_id), SQ_TEXT(m->eid), SQ_TEXT(m->instrument),
			SQ_INT(m->article), SQ_TEXT(m->state), SQ_TEXT(m->extent),
			SQ_REAL(m->score), SQ_TEXT(m->reason), SQ_TEXT(m->comment), SQ_TEXT(at),
			SQ_TEXT(by), SQ_TEXT(m->phrase)), "save mapping", e);
}

int sq_mapping_unsuggest(struct store *s, long long work_id, struct err *e)
{
	return sq_run((struct sq *)s, SQ_MAPPING_UNSUGGEST,
		      "DELETE FROM mapping WHERE work_id = ?1 AND state = 'suggested'",
		      SQ_VALS(SQ_INT(work_id)), "remove suggestions", e);
}

static const struct sq_col mapping_cols[] = {
	SQ_NUM(struct mapping, id),
	SQ_NUM(struct mapping, work_id),
	SQ_STR(struct mapping, work_uri),
	SQ_STR(struct mapping, eid),
	SQ_STR(struct mapping, instrument),
	SQ_NUM(struct mapping, article),
	SQ_STR(struct mapping, state),
	SQ_STR(struct mapping, extent),
	SQ_DBL(struct mapping, score),
	SQ_STR(struct mapping, reason),
	SQ_STR(struct mapping, comment),
	SQ_STR(struct mapping, country),
	SQ_STR(struct mapping, work_title),
	SQ_STR(struct mapping, heading),
	SQ_STR(struct mapping, num),
	SQ_STR(struct mapping, phrase),
};
static const struct sq_reader mapping_reader = SQ_READER(struct mapping, mapping_cols);

/* The provision's heading and number from the work's latest expression. */
#define MAPPING_SELECT \
	"SELECT m.id, m.work_id, w.uri, m.eid, m.instrument, m.article, m.state, m.extent, " \
	"m.score, m.reason, m.comment, r.country, r.title, v.heading, v.num, m.phrase " \
	"FROM mapping m JOIN work w ON w.record_id = m.work_id " \
	"JOIN record r ON r.id = m.work_id " \
	"LEFT JOIN provision v ON v.eid = m.eid AND v.expression_id = (SELECT x.id FROM " \
	"expression x WHERE x.work_id = m.work_id AND x.pending = 0 ORDER BY x.date DESC " \
	"LIMIT 1) "

int sq_mapping_list(struct store *s, pool *p, long long work_id, const char *instrument,
		    int article, struct mapping **out, size_t *n, struct err *e)
{
	if (work_id > 0)
		return sq_list((struct sq *)s, SQ_MAPPING_BY_WORK, MAPPING_SELECT
			       "WHERE m.work_id = ?1 AND " SQ_VISIBLE("r")
			       " ORDER BY m.eid, m.instrument, m.article", SQ_VALS(SQ_INT(work_id)),
			       p, &mapping_reader, (void **)out, n, "list mappings", e);
	return sq_list((struct sq *)s, SQ_MAPPING_BY_ARTICLE, MAPPING_SELECT
		       "WHERE m.instrument = ?1 AND m.article = ?2 AND m.state = 'accepted' "
		       "AND " SQ_VISIBLE("r") " ORDER BY r.country, r.title, m.eid",
		       SQ_VALS(SQ_TEXT(instrument), SQ_INT(article)), p, &mapping_reader,
		       (void **)out, n, "list mappings", e);
}
