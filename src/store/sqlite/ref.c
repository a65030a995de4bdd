/* The SQLite backend: reference data (regions, countries, instruments, articles,
 * cross-walk). */
#include <string.h>

#include "core/xalloc.h"
#include "store/sqlite/internal.h"

static const char *const level_names[] = { "world", "region", "subregion", "intermediate" };

int sq_region_put(struct store *s, const struct region *r, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_REGION_PUT, e);

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, r->code);
	sq_bind_text(st, 2, level_names[r->level]);
	sq_bind_text(st, 3, r->parent[0] ? r->parent : NULL);
	for (int l = 0; l < LANG_COUNT; l++)
		sq_bind_text(st, 4 + l, r->names[l]);
	return sq_done(q, st, "save region", e);
}

static void region_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct region *r = row;
	char level[16];

	sq_col_buf(st, 0, r->code, sizeof(r->code));
	sq_col_buf(st, 1, level, sizeof(level));
	r->level = REGION_WORLD;
	for (int i = 0; i < 4; i++)
		if (!strcmp(level, level_names[i]))
			r->level = (enum region_level)i;
	sq_col_buf(st, 2, r->parent, sizeof(r->parent));
	for (int l = 0; l < LANG_COUNT; l++)
		r->names[l] = sq_col(p, st, 3 + l);
	r->country_count = sqlite3_column_int(st, 9);
}

int sq_region_list(struct store *s, pool *p, struct region **out, size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_REGION_LIST, e);

	return sq_rows(q, st, p, sizeof(**out), region_row, (void **)out, n, "list regions", e);
}

int sq_country_put(struct store *s, const struct country *c, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_COUNTRY_PUT, e);

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, c->alpha2);
	sq_bind_text(st, 2, c->alpha3);
	sq_bind_text(st, 3, c->numeric);
	sq_bind_text(st, 4, c->official_name);
	for (int l = 0; l < LANG_COUNT; l++)
		sq_bind_text(st, 5 + l, c->names[l]);
	sq_bind_text(st, 11, c->region[0] ? c->region : NULL);
	sq_bind_text(st, 12, c->subregion[0] ? c->subregion : NULL);
	sq_bind_text(st, 13, c->intermediate[0] ? c->intermediate : NULL);
	return sq_done(q, st, "save country", e);
}

static void country_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct country *c = row;

	sq_col_buf(st, 0, c->alpha2, sizeof(c->alpha2));
	sq_col_buf(st, 1, c->alpha3, sizeof(c->alpha3));
	sq_col_buf(st, 2, c->numeric, sizeof(c->numeric));
	c->official_name = sq_col(p, st, 3);
	for (int l = 0; l < LANG_COUNT; l++)
		c->names[l] = sq_col(p, st, 4 + l);
	sq_col_buf(st, 10, c->region, sizeof(c->region));
	sq_col_buf(st, 11, c->subregion, sizeof(c->subregion));
	sq_col_buf(st, 12, c->intermediate, sizeof(c->intermediate));
}

int sq_country_list(struct store *s, pool *p, struct country **out, size_t *n,
		    struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_COUNTRY_LIST, e);

	return sq_rows(q, st, p, sizeof(**out), country_row, (void **)out, n, "list countries",
		       e);
}

int sq_country_get(struct store *s, pool *p, const char *code, struct country **out,
		   struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_COUNTRY_GET, e);
	int rc;

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = pool_calloc(p, 1, sizeof(**out));
		country_row(p, st, *out);
		rc = ERR_OK;
	} else if (rc == SQLITE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no country with code %s", code);
	} else {
		rc = sq_fail(q, "get country", e);
	}
	sqlite3_reset(st);
	return rc;
}

int sq_instrument_put(struct store *s, const struct instrument *in, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_INSTRUMENT_PUT, e);

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, in->id);
	sq_bind_text(st, 2, in->short_name);
	sq_bind_text(st, 3, in->title);
	sq_bind_text(st, 4, in->adopted);
	sq_bind_text(st, 5, in->work_uri);
	sqlite3_bind_int(st, 6, in->article_count);
	return sq_done(q, st, "save instrument", e);
}

static void instrument_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct instrument *in = row;

	in->id = sq_col(p, st, 0);
	in->short_name = sq_col(p, st, 1);
	in->title = sq_col(p, st, 2);
	in->adopted = sq_col(p, st, 3);
	in->work_uri = sq_col(p, st, 4);
	in->article_count = sqlite3_column_int(st, 5);
}

int sq_instrument_list(struct store *s, pool *p, struct instrument **out, size_t *n,
		       struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_INSTRUMENT_LIST, e);

	return sq_rows(q, st, p, sizeof(**out), instrument_row, (void **)out, n,
		       "list instruments", e);
}

int sq_chapter_put(struct store *s, const struct chapter *c, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_CHAPTER_PUT, e);

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, c->instrument);
	sq_bind_text(st, 2, c->code);
	sq_bind_text(st, 3, c->parent && c->parent[0] ? c->parent : NULL);
	sqlite3_bind_int(st, 4, c->ordinal);
	sq_bind_text(st, 5, c->title);
	return sq_done(q, st, "save chapter", e);
}

static void chapter_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct chapter *c = row;

	c->instrument = sq_col(p, st, 0);
	c->code = sq_col(p, st, 1);
	c->parent = sq_col(p, st, 2);
	c->ordinal = sqlite3_column_int(st, 3);
	c->title = sq_col(p, st, 4);
	c->depth = 0;
}

int sq_chapter_list(struct store *s, pool *p, const char *instrument, struct chapter **out,
		    size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_CHAPTER_LIST, e);

	if (st)
		sq_bind_text(st, 1, instrument);
	return sq_rows(q, st, p, sizeof(**out), chapter_row, (void **)out, n, "list chapters",
		       e);
}

int sq_article_put(struct store *s, const struct article *a, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_ARTICLE_PUT, e);

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, a->instrument);
	sqlite3_bind_int(st, 2, a->number);
	sq_bind_text(st, 3, a->title);
	sq_bind_text(st, 4, a->chapter);
	sq_bind_text(st, 5, a->category);
	return sq_done(q, st, "save article", e);
}

static void article_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct article *a = row;

	a->instrument = sq_col(p, st, 0);
	a->number = sqlite3_column_int(st, 1);
	a->title = sq_col(p, st, 2);
	a->chapter = sq_col(p, st, 3);
	a->category = sq_col(p, st, 4);
}

int sq_article_list(struct store *s, pool *p, const char *instrument, struct article **out,
		    size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_ARTICLE_LIST, e);

	if (st)
		sq_bind_text(st, 1, instrument);
	return sq_rows(q, st, p, sizeof(**out), article_row, (void **)out, n, "list articles",
		       e);
}

int sq_xwalk_clear(struct store *s, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_XWALK_CLEAR, e);

	return st ? sq_done(q, st, "clear cross-walk", e) : ERR_DB;
}

int sq_xwalk_put(struct store *s, const struct xwalk_row *r, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_XWALK_PUT, e);

	if (!st)
		return ERR_DB;
	sqlite3_bind_int(st, 1, r->ordinal);
	sq_bind_text(st, 2, r->topic);
	sq_bind_text(st, 3, r->a_instrument);
	if (r->a_number)
		sqlite3_bind_int(st, 4, r->a_number);
	sq_bind_text(st, 5, r->b_instrument);
	if (r->b_number)
		sqlite3_bind_int(st, 6, r->b_number);
	sq_bind_text(st, 7, r->relation);
	return sq_done(q, st, "save cross-walk row", e);
}

static void xwalk_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct xwalk_row *r = row;

	r->ordinal = sqlite3_column_int(st, 0);
	r->topic = sq_col(p, st, 1);
	r->a_instrument = sq_col(p, st, 2);
	r->a_number = sqlite3_column_int(st, 3);
	r->b_instrument = sq_col(p, st, 4);
	r->b_number = sqlite3_column_int(st, 5);
	r->relation = sq_col(p, st, 6);
}

int sq_xwalk_list(struct store *s, pool *p, struct xwalk_row **out, size_t *n,
		  struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_stmt(q, SQ_XWALK_LIST, e);

	return sq_rows(q, st, p, sizeof(**out), xwalk_row, (void **)out, n, "list cross-walk",
		       e);
}
