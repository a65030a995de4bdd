#include "domain/instrument.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"

const char *const instrument_categories[] = {
	"definitions", "criminalization", "liability", "jurisdiction", "procedural",
	"safeguards", "cooperation", "assistance", "prevention", "final",
};
const size_t instrument_category_count =
	sizeof(instrument_categories) / sizeof(instrument_categories[0]);

int instrument_category_valid(const char *s)
{
	for (size_t i = 0; i < instrument_category_count; i++)
		if (!strcmp(s, instrument_categories[i]))
			return 1;
	return 0;
}

/* Instrument ids are short lowercase words and digits joined by '-'. */
static int id_valid(const char *id)
{
	size_t n = strlen(id);

	return n >= 1 && n <= 32 && strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

int instrument_list(struct store *s, pool *p, struct instrument **out, size_t *n,
		    struct err *e)
{
	return store_instrument_list(s, p, out, n, e);
}

int instrument_get(struct store *s, pool *p, const char *id, struct instrument **out,
		   struct err *e)
{
	struct instrument *all;
	size_t n;
	int rc;

	if (!id_valid(id))
		return err_set(e, ERR_INVALID, "'%.40s' is not an instrument id (such as "
			       "coe-185 or un-cc)", id);
	if ((rc = store_instrument_list(s, p, &all, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(all[i].id, id)) {
			*out = &all[i];
			return ERR_OK;
		}
	}
	return err_set(e, ERR_NOTFOUND, "no instrument %s", id);
}

int instrument_chapters(struct store *s, pool *p, const char *id, struct chapter **out,
			size_t *n, struct err *e)
{
	int rc = store_chapter_list(s, p, id, out, n, e);

	if (rc)
		return rc;
	/* depth from the parent chain; parents come before children in ordinal order */
	for (size_t i = 0; i < *n; i++) {
		struct chapter *c = &(*out)[i];

		c->depth = 0;
		for (size_t j = 0; j < i && c->parent[0]; j++)
			if (!strcmp((*out)[j].code, c->parent))
				c->depth = (*out)[j].depth + 1;
	}
	return ERR_OK;
}

int instrument_articles(struct store *s, pool *p, const char *id, struct article **out,
			size_t *n, struct err *e)
{
	return store_article_list(s, p, id, out, n, e);
}

int instrument_article_number(const char *str, int *out, struct err *e)
{
	size_t n = strlen(str);

	if (n < 1 || n > 4 || strspn(str, "0123456789") != n || atoi(str) < 1)
		return err_set(e, ERR_INVALID, "'%.16s' is not an article number (1 to 9999)",
			       str);
	*out = atoi(str);
	return ERR_OK;
}

int instrument_article(struct store *s, pool *p, const char *id, int number,
		       struct article **out, struct err *e)
{
	struct article *all;
	size_t n;
	int rc;

	if ((rc = store_article_list(s, p, id, &all, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (all[i].number == number) {
			*out = &all[i];
			return ERR_OK;
		}
	}
	return err_set(e, ERR_NOTFOUND, "%s has no article %d", id, number);
}

static const char *title_of(struct store *s, pool *p, const char *id, int number)
{
	struct article *a;

	return instrument_article(s, p, id, number, &a, NULL) ? "" : a->title;
}

int instrument_counterparts(struct store *s, pool *p, const char *id, int number,
			    struct xwalk_link **out, size_t *n, struct err *e)
{
	struct xwalk_row *rows;
	size_t nrows;
	int rc;

	*n = 0;
	if ((rc = store_xwalk_list(s, p, &rows, &nrows, e)))
		return rc;
	*out = pool_calloc(p, nrows ? nrows : 1, sizeof(**out));
	for (size_t i = 0; i < nrows; i++) {
		const struct xwalk_row *r = &rows[i];
		struct xwalk_link *l;
		int a = !strcmp(r->a_instrument, id) && r->a_number == number;
		int b = !strcmp(r->b_instrument, id) && r->b_number == number;

		if (!a && !b)
			continue;
		l = &(*out)[(*n)++];
		l->topic = r->topic;
		l->instrument = a ? r->b_instrument : r->a_instrument;
		l->number = a ? r->b_number : r->a_number;
		l->relation = r->relation;
		l->title = l->number ? title_of(s, p, l->instrument, l->number) : NULL;
	}
	return ERR_OK;
}

int instrument_crosswalk(struct store *s, pool *p, struct xwalk_row **out, size_t *n,
			 struct err *e)
{
	return store_xwalk_list(s, p, out, n, e);
}
