/* The SQLite backend: reference data (regions, countries, instruments, articles,
 * cross-walk). One table of columns per struct serves both ways: a put binds the
 * struct's fields in its order, a list reads rows back in the same order. */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/sqlite/internal.h"

static const char *const level_names[] = { "world", "region", "subregion", "intermediate" };

/* The columns of SQ_REGION_PUT; SQ_REGION_LIST adds the count of countries. */
static const struct sq_col region_put_cols[] = {
	SQ_BUF(struct region, code),
	SQ_NAME(struct region, level, level_names, 4),
	SQ_BUF0(struct region, parent),
	SQ_STRS(struct region, names),
};
static const struct sq_reader region_put_reader = SQ_READER(struct region, region_put_cols);
static const struct sq_col region_cols[] = {
	SQ_SAME(region_put_reader),
	SQ_NUM(struct region, country_count),
};
static const struct sq_reader region_reader = SQ_READER(struct region, region_cols);

int sq_region_put(struct store *s, const struct region *r, struct err *e)
{
	return sq_run((struct sq *)s, SQ_REGION_PUT, NULL, SQ_VALS(SQ_ROW(region_put_reader, r)),
		      "save region", e);
}

/* The region and country lists a connection keeps: pages that show them (the
 * search form, every facet and hit naming a country) read them on every request, and
 * counting each region's countries in SQL took a third of a search page's time. They
 * are read again when meta 'ref_generation' changes: the triggers of migration 26
 * count every change of the tables, by any process. Inside a transaction the tables
 * are read (what it changed may be rolled back). */
struct sq_refcache {
	long long generation;
	pool *p;
	struct region *regions;
	size_t nregions;
	struct country *countries;
	size_t ncountries;
};

static const struct sq_reader country_reader;

void sq_ref_free(struct sq_refcache *c)
{
	if (!c)
		return;
	pool_free(c->p);
	free(c);
}

/* Whether q->ref holds the lists of now into *fresh (0: read them from the tables,
 * inside a transaction): 0, or an error. */
static int ref_fresh(struct sq *q, int *fresh, struct err *e)
{
	struct sq_refcache *c;
	long long g = 0;
	pool *np;
	int rc;

	*fresh = 0;
	if (q->depth)
		return ERR_OK;
	if ((rc = sq_row(q, SQ_REF_GENERATION, NULL, SQ_NOVALS, NULL, &sq_ll_reader, &g, NULL,
			 "reference data", e)))
		return rc;
	if (q->ref && q->ref->generation == g) {
		*fresh = 1;
		return ERR_OK;
	}
	np = pool_new();
	c = q->ref ? q->ref : xcalloc(1, sizeof(*c));
	if ((rc = sq_list(q, SQ_REGION_LIST, NULL, SQ_NOVALS, np, &region_reader,
			  (void **)&c->regions, &c->nregions, "list regions", e)) ||
	    (rc = sq_list(q, SQ_COUNTRY_LIST, NULL, SQ_NOVALS, np, &country_reader,
			  (void **)&c->countries, &c->ncountries, "list countries", e))) {
		pool_free(np);
		if (!q->ref)
			free(c);
		else
			q->ref->generation = -1;
		return rc;
	}
	pool_free(c->p);
	c->p = np;
	c->generation = g;
	q->ref = c;
	*fresh = 1;
	return ERR_OK;
}

/* n rows of reader r from src, copied into p. */
static void *copy_list(pool *p, const struct sq_reader *r, const void *src, size_t n)
{
	unsigned char *out = pool_calloc(p, n + 1, r->size);

	for (size_t i = 0; i < n; i++)
		sq_copy(p, r, out + i * r->size, (const unsigned char *)src + i * r->size);
	return out;
}

/* The region list (countries 0) or the country list into *out: a copy of the kept one,
 * or read from the tables inside a transaction. */
static int ref_list(struct sq *q, pool *p, int countries, void **out, size_t *n,
		    struct err *e)
{
	const struct sq_reader *r = countries ? &country_reader : &region_reader;
	int fresh, rc = ref_fresh(q, &fresh, e);

	if (rc)
		return rc;
	if (!fresh)
		return sq_list(q, countries ? SQ_COUNTRY_LIST : SQ_REGION_LIST, NULL, SQ_NOVALS, p,
			       r, out, n, countries ? "list countries" : "list regions", e);
	*n = countries ? q->ref->ncountries : q->ref->nregions;
	*out = copy_list(p, r, countries ? (const void *)q->ref->countries :
			 (const void *)q->ref->regions, *n);
	return ERR_OK;
}

int sq_region_list(struct store *s, pool *p, struct region **out, size_t *n, struct err *e)
{
	return ref_list((struct sq *)s, p, 0, (void **)out, n, e);
}

static const struct sq_col country_cols[] = {
	SQ_BUF(struct country, alpha2),
	SQ_BUF(struct country, alpha3),
	SQ_BUF(struct country, numeric),
	SQ_STR(struct country, official_name),
	SQ_STRS(struct country, names),
	SQ_BUF0(struct country, region),
	SQ_BUF0(struct country, subregion),
	SQ_BUF0(struct country, intermediate),
};
static const struct sq_reader country_reader = SQ_READER(struct country, country_cols);

int sq_country_put(struct store *s, const struct country *c, struct err *e)
{
	return sq_run((struct sq *)s, SQ_COUNTRY_PUT, NULL, SQ_VALS(SQ_ROW(country_reader, c)),
		      "save country", e);
}

int sq_country_list(struct store *s, pool *p, struct country **out, size_t *n,
		    struct err *e)
{
	return ref_list((struct sq *)s, p, 1, (void **)out, n, e);
}

int sq_country_get(struct store *s, pool *p, const char *code, struct country **out,
		   struct err *e)
{
	struct sq *q = (struct sq *)s;
	size_t n = 0;
	int fresh, rc = ref_fresh(q, &fresh, e);

	if (rc)
		return rc;
	if (fresh) {
		for (size_t i = 0; i < q->ref->ncountries && !n; i++) {
			const struct country *c = &q->ref->countries[i];

			if (!strcmp(c->alpha2, code) || !strcmp(c->alpha3, code) ||
			    !strcmp(c->numeric, code)) {
				*out = copy_list(p, &country_reader, c, 1);
				n = 1;
			}
		}
	} else {
		rc = sq_list(q, SQ_COUNTRY_GET, NULL, SQ_VALS(SQ_TEXT(code)), p,
			     &country_reader, (void **)out, &n, "get country", e);
	}
	if (!rc && !n)
		rc = err_set(e, ERR_NOTFOUND, "no country with code %s", code);
	return rc;
}

static const struct sq_col instrument_cols[] = {
	SQ_STR(struct instrument, id),
	SQ_STR(struct instrument, short_name),
	SQ_STR(struct instrument, title),
	SQ_STR(struct instrument, adopted),
	SQ_STR(struct instrument, work_uri),
	SQ_NUM(struct instrument, article_count),
};
static const struct sq_reader instrument_reader =
	SQ_READER(struct instrument, instrument_cols);

int sq_instrument_put(struct store *s, const struct instrument *in, struct err *e)
{
	return sq_run((struct sq *)s, SQ_INSTRUMENT_PUT, NULL, SQ_VALS(SQ_ROW(instrument_reader, in)),
		      "save instrument", e);
}

int sq_instrument_list(struct store *s, pool *p, struct instrument **out, size_t *n,
		       struct err *e)
{
	return sq_list((struct sq *)s, SQ_INSTRUMENT_LIST, NULL, SQ_NOVALS, p,
		       &instrument_reader, (void **)out, n, "list instruments", e);
}

/* (depth is the domain's to compute: 0 here) */
static const struct sq_col chapter_cols[] = {
	SQ_STR(struct chapter, instrument),
	SQ_STR(struct chapter, code),
	SQ_STR0(struct chapter, parent),
	SQ_NUM(struct chapter, ordinal),
	SQ_STR(struct chapter, title),
};
static const struct sq_reader chapter_reader = SQ_READER(struct chapter, chapter_cols);

int sq_chapter_put(struct store *s, const struct chapter *c, struct err *e)
{
	return sq_run((struct sq *)s, SQ_CHAPTER_PUT, NULL, SQ_VALS(SQ_ROW(chapter_reader, c)),
		      "save chapter", e);
}

int sq_chapter_list(struct store *s, pool *p, const char *instrument, struct chapter **out,
		    size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_CHAPTER_LIST, NULL, SQ_VALS(SQ_TEXT(instrument)), p,
		       &chapter_reader, (void **)out, n, "list chapters", e);
}

static const struct sq_col article_cols[] = {
	SQ_STR(struct article, instrument),
	SQ_NUM(struct article, number),
	SQ_STR(struct article, title),
	SQ_STR(struct article, chapter),
	SQ_STR(struct article, category),
};
static const struct sq_reader article_reader = SQ_READER(struct article, article_cols);

int sq_article_put(struct store *s, const struct article *a, struct err *e)
{
	return sq_run((struct sq *)s, SQ_ARTICLE_PUT, NULL, SQ_VALS(SQ_ROW(article_reader, a)),
		      "save article", e);
}

int sq_article_list(struct store *s, pool *p, const char *instrument, struct article **out,
		    size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_ARTICLE_LIST, NULL, SQ_VALS(SQ_TEXT(instrument)), p,
		       &article_reader, (void **)out, n, "list articles", e);
}

int sq_xwalk_clear(struct store *s, struct err *e)
{
	return sq_run((struct sq *)s, SQ_XWALK_CLEAR, NULL, SQ_NOVALS,
		      "clear cross-walk", e);
}

static const struct sq_col xwalk_cols[] = {
	SQ_NUM(struct xwalk_row, ordinal),
	SQ_STR(struct xwalk_row, topic),
	SQ_STR(struct xwalk_row, a_instrument),
	SQ_NUM0(struct xwalk_row, a_number),
	SQ_STR(struct xwalk_row, b_instrument),
	SQ_NUM0(struct xwalk_row, b_number),
	SQ_STR(struct xwalk_row, relation),
};
static const struct sq_reader xwalk_reader = SQ_READER(struct xwalk_row, xwalk_cols);

int sq_xwalk_put(struct store *s, const struct xwalk_row *r, struct err *e)
{
	return sq_run((struct sq *)s, SQ_XWALK_PUT, NULL, SQ_VALS(SQ_ROW(xwalk_reader, r)),
		      "save cross-walk row", e);
}

int sq_xwalk_list(struct store *s, pool *p, struct xwalk_row **out, size_t *n,
		  struct err *e)
{
	return sq_list((struct sq *)s, SQ_XWALK_LIST, NULL, SQ_NOVALS, p, &xwalk_reader,
		       (void **)out, n, "list cross-walk", e);
}
