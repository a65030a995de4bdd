/* coverage: the status rules, scores, aggregates and timeline of gap analysis, and the
 * writes of assessments and disputes. See coverage.h for the rules. */
#include "domain/coverage.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/lang.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "domain/audit.h"
#include "domain/limits.h"
#include "domain/record.h"
#include "domain/tx.h"
#include "store/store.h"

const char *const cov_categories[] = {
	"criminalization", "liability", "jurisdiction", "procedural", "safeguards",
	"cooperation",
};
const size_t cov_category_count = sizeof(cov_categories) / sizeof(cov_categories[0]);
_Static_assert(sizeof(cov_categories) / sizeof(cov_categories[0]) == COV_CATEGORY_COUNT,
	       "COV_CATEGORY_COUNT is the number of cov_categories");

static const struct {
	const char *name, *label;
} statuses[] = {
	[COV_UNKNOWN] = { "unknown", "unknown" },
	[COV_NOT] = { "not_covered", "not covered" },
	[COV_PARTLY] = { "partly_covered", "partly covered" },
	[COV_COVERED] = { "covered", "covered" },
};

int cov_category_index(const char *category)
{
	for (size_t i = 0; category && i < cov_category_count; i++)
		if (!strcmp(category, cov_categories[i]))
			return (int)i;
	return -1;
}

const char *cov_status_name(enum cov_status s)
{
	return statuses[(unsigned)s < COV_STATUS_COUNT ? s : COV_UNKNOWN].name;
}

const char *cov_status_label(enum cov_status s)
{
	return statuses[(unsigned)s < COV_STATUS_COUNT ? s : COV_UNKNOWN].label;
}

int cov_status_parse(const char *s)
{
	for (int i = 0; s && i < COV_STATUS_COUNT; i++)
		if (!strcmp(s, statuses[i].name))
			return i;
	return -1;
}

int cov_article_ref(pool *p, const char *ref, const char **instrument, int *number,
		    struct err *e)
{
	const char *slash = ref ? strrchr(ref, '/') : NULL;

	if (!slash || slash == ref || strlen(ref) > LIMIT_ARTICLE_REF ||
	    instrument_article_number(slash + 1, number, NULL))
		return err_set(e, ERR_INVALID, "article: name the article as "
			       "instrument/number, such as un-cc/7 or coe-185/2");
	*instrument = pool_strndup(p, ref, (size_t)(slash - ref));
	return ERR_OK;
}

/* ---- the context of one computation ---- */

/* An article and its counterpart through an "equivalent" cross-walk row. */
struct equiv {
	const char *a_inst, *b_inst;
	int a_num, b_num;
};

/* One piece of evidence waiting for its cell. */
struct item {
	size_t cell;
	struct cov_evidence ev;
};

struct ctx {
	pool *p;
	const char *at;
	struct article *cols;		/* counted articles (of the instrument), sorted */
	int *colcat;			/* each column's index in cov_categories */
	size_t ncols;
	struct country *ctry;		/* the rows, by alpha-2 */
	size_t nctry;
	int cidx[26 * 26];		/* alpha-2 -> row, -1 */
	struct equiv *eq;
	size_t neq;
	struct cov_row *rows;
	const struct cov_row **order;	/* the rows by work */
	size_t nrows;
	int text;			/* the rows carry the evidence's strings */
	struct cov_assessment *as;
	size_t nas;
	struct cov_dispute *ds;
	size_t nds;
};

static int code_ix(const char *a2)
{
	if (!a2 || a2[0] < 'A' || a2[0] > 'Z' || a2[1] < 'A' || a2[1] > 'Z' || a2[2])
		return -1;
	return (a2[0] - 'A') * 26 + (a2[1] - 'A');
}

static int art_cmp(const void *x, const void *y)
{
	const struct article *a = x, *b = y;
	int c = strcmp(a->instrument, b->instrument);

	return c ? c : (a->number > b->number) - (a->number < b->number);
}

static long art_find(const struct article *v, size_t n, const char *inst, int num)
{
	struct article key = { .instrument = inst, .number = num };
	const struct article *f = bsearch(&key, v, n, sizeof(*v), art_cmp);

	return f ? f - v : -1;
}

static int ctry_cmp(const void *x, const void *y)
{
	return strcmp(((const struct country *)x)->alpha2, ((const struct country *)y)->alpha2);
}

/* Today, YYYY-MM-DD (UTC), in p. */
static const char *today(pool *p)
{
	return pool_strndup(p, record_now(p), 10);
}

/* Who a write is recorded as. */
static const char *by_name(const struct actor *a)
{
	return a && a->name ? a->name : "unknown";
}

static int date_in_range(const char *d)
{
	return d && record_date_valid(d) && strcmp(d, COV_DATE_MIN) >= 0 &&
	       strcmp(d, COV_DATE_MAX) <= 0;
}

/* The articles of every instrument (or of one) into *out, sorted; counted ones only
 * when counted. */
static int load_articles(struct store *s, pool *p, const char *instrument, int counted,
			 struct article **out, size_t *n, struct err *e)
{
	struct instrument *ins;
	struct article *all = NULL, *as;
	size_t nins, na, cap = 0, k = 0;
	int rc;

	if ((rc = instrument_list(s, p, &ins, &nins, e)))
		return rc;
	for (size_t i = 0; i < nins; i++) {
		if (instrument && strcmp(instrument, ins[i].id))
			continue;
		if ((rc = instrument_articles(s, p, ins[i].id, &as, &na, e)))
			return rc;
		for (size_t j = 0; j < na; j++) {
			if (counted && cov_category_index(as[j].category) < 0)
				continue;
			if (k == cap) {
				struct article *bigger;

				cap = cap ? 2 * cap : 128;
				bigger = pool_alloc(p, cap * sizeof(*bigger));
				if (k)
					memcpy(bigger, all, k * sizeof(*bigger));
				all = bigger;
			}
			all[k++] = as[j];
		}
	}
	if (k)
		qsort(all, k, sizeof(*all), art_cmp);
	*out = all;
	*n = k;
	return ERR_OK;
}

int cov_query_check(struct store *s, pool *p, const struct cov_query *q, struct err *e)
{
	struct instrument *in;
	struct region *g;
	struct country *c;
	struct article *ar;

	if (q->at && !date_in_range(q->at))
		return err_set(e, ERR_INVALID, "at: '%.40s' is not a date from %s to %s "
			       "(YYYY-MM-DD)", q->at, COV_DATE_MIN, COV_DATE_MAX);
	if (q->instrument && instrument_get(s, p, q->instrument, &in, NULL))
		return err_set(e, ERR_INVALID, "instrument: no instrument '%.40s'",
			       q->instrument);
	if (q->category && cov_category_index(q->category) < 0)
		return err_set(e, ERR_INVALID, "category: '%.40s' is not a counted category",
			       q->category);
	if (q->region && region_get(s, p, q->region, &g, NULL))
		return err_set(e, ERR_INVALID, "region: no M49 region '%.40s'", q->region);
	if (q->ncountries > LIMIT_COV_COUNTRIES)
		return err_set(e, ERR_INVALID, "country: more than %d countries",
			       LIMIT_COV_COUNTRIES);
	for (size_t i = 0; i < q->ncountries; i++)
		if (!q->countries[i] || country_get(s, p, q->countries[i], &c, NULL))
			return err_set(e, ERR_INVALID, "country: no country '%.40s'",
				       q->countries[i] ? q->countries[i] : "");
	if (q->article) {
		if (!q->instrument)
			return err_set(e, ERR_INVALID, "article: an article needs its instrument");
		if (instrument_article(s, p, q->instrument, q->article, &ar, NULL))
			return err_set(e, ERR_INVALID, "article: no article %.40s/%d",
				       q->instrument, q->article);
		if (cov_category_index(ar->category) < 0)
			return err_set(e, ERR_INVALID, "article: %s/%d is not counted (%s)",
				       q->instrument, q->article, ar->category);
	}
	return ERR_OK;
}

/* Up to this many countries, the store is asked for their rows only; beyond, for
 * every country's (and the rest is left out here). */
#define COUNTRIES_ASKED 60

/* An article as "instrument/number" in p. */
static const char *art_ref(pool *p, const void *item)
{
	const struct article *a = item;

	return pool_printf(p, "%s/%d", a->instrument, a->number);
}

/* The n items (size bytes apart) as a JSON array of strings, in p: each item's
 * string by str, or (NULL) the item itself as a country's alpha-2. */
static const char *json_list(pool *p, const void *items, size_t n, size_t size,
			     const char *(*str)(pool *p, const void *item))
{
	json_t *a = json_array();
	char *text;
	const char *out;

	for (size_t i = 0; i < n; i++) {
		const void *it = (const char *)items + i * size;

		json_array_append_new(a, json_string(str ? str(p, it)
						       : ((const struct country *)it)->alpha2));
	}
	text = json_dumps(a, JSON_COMPACT);
	out = pool_strdup(p, text);
	free(text);
	json_decref(a);
	return out;
}

static int row_cmp(const void *x, const void *y)
{
	const struct cov_row *a = *(const struct cov_row *const *)x;
	const struct cov_row *b = *(const struct cov_row *const *)y;

	if (a->work_id != b->work_id)
		return a->work_id < b->work_id ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* Everything a computation reads, gathered once. */
static int ctx_load(struct store *s, pool *p, const struct cov_query *q, struct ctx *c,
		    struct err *e)
{
	struct country *all;
	struct region *g = NULL;
	struct xwalk_row *xw;
	size_t nall, nxw;
	struct cov_filter f = { 0 };
	const char *one;
	int rc;

	memset(c, 0, sizeof(*c));
	c->p = p;
	if ((rc = cov_query_check(s, p, q, e)))
		return rc;
	c->at = q->at ? pool_strdup(p, q->at) : today(p);
	if ((rc = load_articles(s, p, q->instrument, 1, &c->cols, &c->ncols, e)))
		return rc;
	c->colcat = pool_alloc(p, (c->ncols ? c->ncols : 1) * sizeof(*c->colcat));
	for (size_t j = 0; j < c->ncols; j++)
		c->colcat[j] = cov_category_index(c->cols[j].category);
	/* the countries */
	if (q->region && (rc = region_get(s, p, q->region, &g, e)))
		return rc;
	if ((rc = country_list(s, p, &all, &nall, e)))
		return rc;
	c->ctry = pool_calloc(p, nall ? nall : 1, sizeof(*c->ctry));
	for (size_t i = 0; i < nall; i++) {
		int keep = !g || region_contains(g, &all[i]);

		if (keep && q->ncountries) {
			keep = 0;
			for (size_t j = 0; j < q->ncountries && !keep; j++) {
				char buf[4];

				keep = !country_code_normalize(q->countries[j], buf, NULL) &&
				       (!strcmp(buf, all[i].alpha2) || !strcmp(buf, all[i].alpha3) ||
					!strcmp(buf, all[i].numeric));
			}
		}
		if (keep)
			c->ctry[c->nctry++] = all[i];
	}
	qsort(c->ctry, c->nctry, sizeof(*c->ctry), ctry_cmp);
	for (size_t i = 0; i < 26 * 26; i++)
		c->cidx[i] = -1;
	for (size_t i = 0; i < c->nctry; i++) {
		int ix = code_ix(c->ctry[i].alpha2);

		if (ix >= 0)
			c->cidx[ix] = (int)i;
	}
	/* a few countries: ask the store for their rows only */
	if (c->nctry <= COUNTRIES_ASKED && c->nctry < nall)
		f.countries = json_list(p, c->ctry, c->nctry, sizeof(*c->ctry), NULL);
	/* the cross-walk's equivalents */
	if ((rc = instrument_crosswalk(s, p, &xw, &nxw, e)))
		return rc;
	c->eq = pool_calloc(p, nxw ? nxw : 1, sizeof(*c->eq));
	for (size_t i = 0; i < nxw; i++)
		if (xw[i].a_number && xw[i].b_number && !strcmp(xw[i].relation, "equivalent"))
			c->eq[c->neq++] = (struct equiv){ xw[i].a_instrument, xw[i].b_instrument,
							  xw[i].a_number, xw[i].b_number };
	if (!c->nctry)
		return ERR_OK;
	/* one article: its mappings and its counterparts' */
	if (q->article) {
		struct article one_art = { .instrument = q->instrument, .number = q->article };
		struct article *arts = pool_calloc(p, c->neq + 1, sizeof(*arts));
		size_t na = 0;

		arts[na++] = one_art;
		for (size_t i = 0; i < c->neq; i++) {
			if (!strcmp(c->eq[i].a_inst, q->instrument) && c->eq[i].a_num == q->article)
				arts[na++] = (struct article){ .instrument = c->eq[i].b_inst,
							       .number = c->eq[i].b_num };
			else if (!strcmp(c->eq[i].b_inst, q->instrument) &&
				 c->eq[i].b_num == q->article)
				arts[na++] = (struct article){ .instrument = c->eq[i].a_inst,
							       .number = c->eq[i].a_num };
		}
		f.articles = json_list(p, arts, na, sizeof(*arts), art_ref);
	}
	f.text = c->text = !q->statuses_only;
	one = c->nctry == 1 ? c->ctry[0].alpha2 : NULL;
	if ((rc = store_cov_evidence(s, p, &f, &c->rows, &c->nrows, e)) ||
	    (rc = store_cov_assessment_list(s, p, one, 0, &c->as, &c->nas, e)) ||
	    (rc = store_cov_dispute_list(s, p, one, &c->ds, &c->nds, e)))
		return rc;
	/* the rows of each work together, in work order */
	c->order = pool_alloc(p, (c->nrows ? c->nrows : 1) * sizeof(*c->order));
	for (size_t i = 0; i < c->nrows; i++)
		c->order[i] = &c->rows[i];
	if (c->nrows)
		qsort(c->order, c->nrows, sizeof(*c->order), row_cmp);
	return ERR_OK;
}

/* The cell index of country/instrument/article in c, or -1. */
static long cell_of(const struct ctx *c, const char *country, const char *inst, int num)
{
	int ix = code_ix(country);
	long col;

	if (ix < 0 || c->cidx[ix] < 0 || (col = art_find(c->cols, c->ncols, inst, num)) < 0)
		return -1;
	return (long)c->cidx[ix] * (long)c->ncols + col;
}

struct items {
	struct item *v;
	size_t n, cap;
};

static void items_add(struct items *it, long cell, const struct cov_row *r, int derived)
{
	struct item *x;

	if (it->n == it->cap) {
		it->cap = it->cap ? 2 * it->cap : 256;
		it->v = xrealloc(it->v, it->cap * sizeof(*it->v));
	}
	x = &it->v[it->n++];
	x->cell = (size_t)cell;
	x->ev = (struct cov_evidence){
		.work_uri = r->work_uri, .title = r->title, .eid = r->eid, .num = r->num,
		.heading = r->heading, .version_date = r->version_date,
		.version_language = r->version_language, .extent = r->extent,
		.derived = derived, .via_instrument = derived ? r->instrument : NULL,
		.via_article = derived ? r->article : 0,
	};
}

/* Whether version r is later than best (NULL: yes); on the same date, the first
 * stored. */
static int later(const struct cov_row *r, const struct cov_row *best)
{
	int c;

	if (!best)
		return 1;
	c = strcmp(r->version_date, best->version_date);
	return c > 0 || (c == 0 && r->expression_id < best->expression_id);
}

/* By cell; direct evidence first; then by law, provision and the article mapped. */
static int item_cmp(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	int c;

	if (a->cell != b->cell)
		return a->cell < b->cell ? -1 : 1;
	if (a->ev.derived != b->ev.derived)
		return a->ev.derived - b->ev.derived;
	if ((c = strcmp(a->ev.work_uri, b->ev.work_uri)) || (c = strcmp(a->ev.eid, b->ev.eid)))
		return c;
	return a->ev.via_article - b->ev.via_article;
}

/* Whether cell cl has direct evidence of the provision of ev. */
static int has_direct(const struct cov_cell *cl, const struct cov_evidence *ev)
{
	for (size_t i = 0; i < cl->nevidence; i++)
		if (!cl->evidence[i].derived && !strcmp(cl->evidence[i].eid, ev->eid) &&
		    !strcmp(cl->evidence[i].work_uri, ev->work_uri))
			return 1;
	return 0;
}

/* The version of the work of rows[i..j) in force at at (coverage.h), or NULL; of two
 * versions of one date in other languages, the first stored. */
static const struct cov_row *in_force(const struct cov_row *const *rows, size_t i, size_t j,
				      const char *at)
{
	const struct cov_row *own = NULL, *any = NULL, *x;

	for (size_t k = i; k < j; k++) {
		const struct cov_row *r = rows[k];

		if (strcmp(r->version_date, at) > 0)
			continue;
		if (later(r, any))
			any = r;
		if (!strcmp(lang_bcp47(r->version_language), r->work_language) && later(r, own))
			own = r;
	}
	x = own ? own : any;
	if (x && x->valid_to && *x->valid_to && strcmp(x->valid_to, at) < 0)
		return NULL;
	return x;
}

static enum cov_status of_extent(const char *extent)
{
	return extent && !strcmp(extent, "full") ? COV_COVERED : COV_PARTLY;
}

static void score_add(struct cov_score *sc, enum cov_status st)
{
	sc->counted++;
	switch (st) {
	case COV_COVERED: sc->covered++; break;
	case COV_PARTLY: sc->partly++; break;
	case COV_NOT: sc->not_covered++; break;
	default: sc->unknown++; break;
	}
}

static void score_end(struct cov_score *sc)
{
	sc->score = sc->counted ? (sc->covered + 0.5 * sc->partly) / sc->counted : 0;
}

/* What evaluate gathers: the best direct and derived status of each cell, and (with
 * text) the evidence. */
struct gather {
	enum cov_status *direct, *derived;
	struct items it;
	int text;
};

static void gather_add(struct gather *g, long cell, const struct cov_row *r, int derived)
{
	enum cov_status st = of_extent(r->extent), *best;

	if (cell < 0)
		return;
	best = derived ? &g->derived[cell] : &g->direct[cell];
	if (st > *best)
		*best = st;
	if (g->text)
		items_add(&g->it, cell, r, derived);
}

/* The cells of every row and column of c at date at (nctry x ncols, in p). */
static struct cov_cell *evaluate(const struct ctx *c, const char *at)
{
	size_t ncells = c->nctry * c->ncols;
	struct cov_cell *cells = pool_calloc(c->p, ncells ? ncells : 1, sizeof(*cells));
	struct cov_evidence *evs;
	struct gather g = { .text = c->text };

	g.direct = xcalloc(ncells ? ncells : 1, sizeof(*g.direct));
	g.derived = xcalloc(ncells ? ncells : 1, sizeof(*g.derived));
	for (size_t i = 0; i < c->nrows;) {
		size_t j = i;
		const struct cov_row *x;

		while (j < c->nrows && c->order[j]->work_id == c->order[i]->work_id)
			j++;
		if ((x = in_force(c->order, i, j, at))) {
			for (size_t k = i; k < j; k++) {
				const struct cov_row *r = c->order[k];

				if (r->expression_id != x->expression_id || !r->present)
					continue;
				gather_add(&g, cell_of(c, r->country, r->instrument, r->article), r,
					   0);
				for (size_t q = 0; q < c->neq; q++) {
					const struct equiv *eq = &c->eq[q];

					if (eq->a_num == r->article && !strcmp(eq->a_inst, r->instrument))
						gather_add(&g, cell_of(c, r->country, eq->b_inst,
								       eq->b_num), r, 1);
					if (eq->b_num == r->article && !strcmp(eq->b_inst, r->instrument))
						gather_add(&g, cell_of(c, r->country, eq->a_inst,
								       eq->a_num), r, 1);
				}
			}
		}
		i = j;
	}
	if (g.it.n)
		qsort(g.it.v, g.it.n, sizeof(*g.it.v), item_cmp);
	evs = pool_alloc(c->p, (g.it.n ? g.it.n : 1) * sizeof(*evs));
	for (size_t k = 0, nev = 0; k < g.it.n; k++) {
		struct cov_cell *cl = &cells[g.it.v[k].cell];

		/* a provision mapped to both counterparts is direct evidence of each: not
		 * also derived evidence of it (the items of a cell are together, direct
		 * first) */
		if (g.it.v[k].ev.derived && has_direct(cl, &g.it.v[k].ev))
			continue;
		evs[nev] = g.it.v[k].ev;
		if (!cl->nevidence)
			cl->evidence = &evs[nev];
		cl->nevidence++;
		nev++;
	}
	for (size_t k = 0; k < ncells; k++) {
		cells[k].status = g.direct[k] >= g.derived[k] ? g.direct[k] : g.derived[k];
		cells[k].derived = g.derived[k] > g.direct[k];
	}
	free(g.direct);
	free(g.derived);
	free(g.it.v);
	/* assessments in force at the date: the latest as_of; evidence wins */
	for (size_t k = 0; k < c->nas; k++) {
		const struct cov_assessment *a = &c->as[k];
		long cell = cell_of(c, a->country, a->instrument, a->article);

		if (cell < 0 || a->withdrawn_at || strcmp(a->as_of, at) > 0)
			continue;
		if (!cells[cell].assessment || strcmp(a->as_of, cells[cell].assessment->as_of) >= 0)
			cells[cell].assessment = a;
	}
	for (size_t k = 0; k < ncells; k++) {
		if (!cells[k].assessment)
			continue;
		if (cells[k].status == COV_UNKNOWN)
			cells[k].status = COV_NOT;
		else
			cells[k].conflict = 1;
	}
	for (size_t k = 0; k < c->nds; k++) {
		long cell = cell_of(c, c->ds[k].country, c->ds[k].instrument, c->ds[k].article);

		if (cell >= 0 && !strcmp(c->ds[k].state, "open"))
			cells[cell].disputed = 1;
	}
	return cells;
}

/* The scores of a row (cells of all of c's columns): overall over the columns of
 * category cat (-1: all), by_category over all; returns the safeguards flag. */
static int row_scores(const struct ctx *c, const struct cov_cell *cells, int cat,
		      struct cov_score *overall, struct cov_score *by_category)
{
	int proc = 0, safe = 0;
	int iproc = cov_category_index("procedural"), isafe = cov_category_index("safeguards");

	memset(overall, 0, sizeof(*overall));
	for (size_t k = 0; k < cov_category_count; k++)
		memset(&by_category[k], 0, sizeof(by_category[k]));
	for (size_t j = 0; j < c->ncols; j++) {
		int ci = c->colcat[j], some = cells[j].status >= COV_PARTLY;

		proc |= ci == iproc && some;
		safe |= ci == isafe && some;
		score_add(&by_category[ci], cells[j].status);
		if (cat < 0 || ci == cat)
			score_add(overall, cells[j].status);
	}
	score_end(overall);
	for (size_t k = 0; k < cov_category_count; k++)
		score_end(&by_category[k]);
	return proc && !safe;
}

static int public_asker(const struct actor *a)
{
	return !a || (!a->local && !a->user_id);
}

static int matrix_compute(struct store *s, pool *p, const struct actor *a,
			  const struct cov_query *q, struct cov_matrix **out, struct err *e)
{
	struct ctx c;
	struct cov_matrix *m;
	struct cov_cell *cells;
	struct cov_country_row *rows;
	struct article *cols;
	size_t *keep, nkeep = 0;
	int cat, rc;

	if ((rc = ctx_load(s, p, q, &c, e)))
		return rc;
	cat = q->category ? cov_category_index(q->category) : -1;
	cells = evaluate(&c, c.at);
	/* the columns shown: the category's, or the one article */
	keep = pool_alloc(p, (c.ncols ? c.ncols : 1) * sizeof(*keep));
	cols = pool_alloc(p, (c.ncols ? c.ncols : 1) * sizeof(*cols));
	for (size_t j = 0; j < c.ncols; j++) {
		if (cat >= 0 && c.colcat[j] != cat)
			continue;
		if (q->article && c.cols[j].number != q->article)
			continue;
		cols[nkeep] = c.cols[j];
		keep[nkeep++] = j;
	}
	rows = pool_calloc(p, c.nctry ? c.nctry : 1, sizeof(*rows));
	for (size_t i = 0; i < c.nctry; i++) {
		const struct cov_cell *all = &cells[i * c.ncols];
		struct cov_cell *shown = pool_alloc(p, (nkeep ? nkeep : 1) * sizeof(*shown));

		for (size_t j = 0; j < nkeep; j++)
			shown[j] = all[keep[j]];
		rows[i].country = &c.ctry[i];
		rows[i].cells = shown;
		rows[i].safeguards_flag = row_scores(&c, all, cat, &rows[i].overall,
						     rows[i].by_category);
		if (q->article) {
			/* one article, whose evidence alone was read: the scores are the
			 * column's, the rest is not computed */
			rows[i].safeguards_flag = 0;
			memset(rows[i].by_category, 0, sizeof(rows[i].by_category));
			memset(&rows[i].overall, 0, sizeof(rows[i].overall));
			for (size_t j = 0; j < nkeep; j++)
				score_add(&rows[i].overall, shown[j].status);
			score_end(&rows[i].overall);
		}
	}
	m = pool_calloc(p, 1, sizeof(*m));
	m->at = c.at;
	m->public_only = public_asker(a);
	m->articles = cols;
	m->narticles = nkeep;
	m->rows = rows;
	m->nrows = c.nctry;
	*out = m;
	return ERR_OK;
}

/* ---- statuses kept between requests ----
 *
 * A matrix of statuses only (what maps, matrices and the sub-regions of profiles ask)
 * is kept, computed into a pool of its own, for the next identical query: the same
 * connection (s), database generation (store_generation: any commit invalidates), asker
 * (what the clearance reads follows from the account and the database, so its id
 * suffices), date (today's when none), instrument, category, region, countries and
 * article. A caller borrows it until its own pool is freed (pool_defer); an entry in
 * use is never dropped. At most COV_CACHE_ENTRIES, the least recently used goes first. */
#define COV_CACHE_ENTRIES 8

static struct cache_entry {
	char *key;
	pool *p;
	struct cov_matrix *m;
	int refs;
	unsigned long used;
} cache[COV_CACHE_ENTRIES];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long cache_clock;

static void pool_free_arg(void *arg)
{
	pool_free(arg);
}

static void cache_release(void *arg)
{
	struct cache_entry *en = arg;

	pthread_mutex_lock(&cache_lock);
	en->refs--;
	pthread_mutex_unlock(&cache_lock);
}

/* The key of q for a (checked, so that a bad query is never a key). */
static char *cache_key(struct store *s, pool *p, const struct actor *a,
		       const struct cov_query *q)
{
	char *k = pool_printf(p, "%p\t%lu\t%lld\t%d\t%s\t%s\t%s\t%s\t%d", (void *)s,
			      store_generation(s), a ? a->user_id : 0LL, a ? a->local : 0,
			      q->at ? q->at : today(p), q->instrument ? q->instrument : "",
			      q->category ? q->category : "", q->region ? q->region : "",
			      q->article);

	for (size_t i = 0; q->countries && i < q->ncountries; i++)
		k = pool_printf(p, "%s\t%s", k, q->countries[i]);
	return k;
}

/* The entry of key, borrowed by p, or NULL. */
static struct cov_matrix *cache_get(pool *p, const char *key)
{
	struct cov_matrix *m = NULL;

	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < COV_CACHE_ENTRIES && !m; i++)
		if (cache[i].key && !strcmp(cache[i].key, key)) {
			cache[i].refs++;
			cache[i].used = ++cache_clock;
			pool_defer(p, cache_release, &cache[i]);
			m = cache[i].m;
		}
	pthread_mutex_unlock(&cache_lock);
	return m;
}

/* Keep m (computed in mp) under key, borrowed by p; 0 when no entry was free (the
 * caller then owns mp). */
static int cache_keep(pool *p, const char *key, pool *mp, struct cov_matrix *m)
{
	struct cache_entry *en = NULL;

	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < COV_CACHE_ENTRIES; i++)
		if (!cache[i].refs && (!en || cache[i].used < en->used))
			en = &cache[i];
	if (en) {
		free(en->key);
		pool_free(en->p);
		en->key = xstrdup(key);
		en->p = mp;
		en->m = m;
		en->refs = 1;
		en->used = ++cache_clock;
		pool_defer(p, cache_release, en);
	}
	pthread_mutex_unlock(&cache_lock);
	return en != NULL;
}

int cov_matrix(struct store *s, pool *p, const struct actor *a, const struct cov_query *q,
	       struct cov_matrix **out, struct err *e)
{
	const char *key;
	pool *mp;
	int rc;

	if (!q->statuses_only)
		return matrix_compute(s, p, a, q, out, e);
	if ((rc = cov_query_check(s, p, q, e)))
		return rc;
	key = cache_key(s, p, a, q);
	if ((*out = cache_get(p, key)))
		return ERR_OK;
	mp = pool_new();
	if ((rc = matrix_compute(s, mp, a, q, out, e))) {
		/* the message lives in e; nothing of mp is kept */
		pool_free(mp);
		return rc;
	}
	if (!cache_keep(p, key, mp, *out))
		pool_defer(p, pool_free_arg, mp);
	return ERR_OK;
}

const struct cov_country_row *cov_matrix_row(const struct cov_matrix *m, const char *alpha2)
{
	char buf[4];

	if (!alpha2 || country_code_normalize(alpha2, buf, NULL))
		return NULL;
	for (size_t i = 0; i < m->nrows; i++)
		if (!strcmp(m->rows[i].country->alpha2, buf) ||
		    !strcmp(m->rows[i].country->alpha3, buf) ||
		    !strcmp(m->rows[i].country->numeric, buf))
			return &m->rows[i];
	return NULL;
}

long cov_matrix_column(const struct cov_matrix *m, const char *instrument, int article)
{
	for (size_t j = 0; instrument && j < m->narticles; j++)
		if (m->articles[j].number == article &&
		    !strcmp(m->articles[j].instrument, instrument))
			return (long)j;
	return -1;
}

/* ---- aggregates ---- */

int cov_region_shares(struct store *s, pool *p, const struct cov_matrix *m,
		      const char *region, struct cov_article_share **out, size_t *n,
		      struct err *e)
{
	struct region *g = NULL;
	struct cov_article_share *v;
	int rc;

	if (region && strcmp(region, "001") && (rc = region_get(s, p, region, &g, e)))
		return rc;
	v = pool_calloc(p, m->narticles ? m->narticles : 1, sizeof(*v));
	for (size_t j = 0; j < m->narticles; j++)
		v[j].article = &m->articles[j];
	for (size_t i = 0; i < m->nrows; i++) {
		if (g && !region_contains(g, m->rows[i].country))
			continue;
		for (size_t j = 0; j < m->narticles; j++) {
			v[j].countries++;
			switch (m->rows[i].cells[j].status) {
			case COV_COVERED: v[j].covered++; break;
			case COV_PARTLY: v[j].partly++; break;
			case COV_NOT: v[j].not_covered++; break;
			default: v[j].unknown++; break;
			}
		}
	}
	for (size_t j = 0; j < m->narticles; j++)
		if (v[j].countries) {
			v[j].share = (double)v[j].covered / v[j].countries;
			v[j].score = (v[j].covered + 0.5 * v[j].partly) / v[j].countries;
		}
	*out = v;
	*n = m->narticles;
	return ERR_OK;
}

static int share_cmp(const void *x, const void *y)
{
	const struct cov_article_share *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	if (a->unknown != b->unknown)
		return b->unknown - a->unknown;
	return art_cmp(a->article, b->article);
}

void cov_least_covered(struct cov_article_share *shares, size_t *n, size_t k)
{
	if (*n)
		qsort(shares, *n, sizeof(*shares), share_cmp);
	if (k < *n)
		*n = k;
}

int cov_compare_subregion(const struct cov_matrix *m, const char *alpha2,
			  struct cov_comparison *out, struct err *e)
{
	const struct cov_country_row *r = cov_matrix_row(m, alpha2);
	double sum = 0;

	memset(out, 0, sizeof(*out));
	if (!r)
		return err_set(e, ERR_NOTFOUND, "country: not in the matrix");
	out->subregion = r->country->subregion;
	out->score = r->overall.score;
	for (size_t i = 0; i < m->nrows; i++) {
		if (*out->subregion ? strcmp(m->rows[i].country->subregion, out->subregion)
				    : &m->rows[i] != r)
			continue;
		sum += m->rows[i].overall.score;
		out->subregion_countries++;
	}
	out->subregion_mean = out->subregion_countries ? sum / out->subregion_countries : 0;
	return ERR_OK;
}

static int gap_cmp(const void *x, const void *y)
{
	const struct cov_gap *a = x, *b = y;

	if (a->subregion_covering != b->subregion_covering)
		return b->subregion_covering - a->subregion_covering;
	return art_cmp(a->article, b->article);
}

int cov_gaps(pool *p, const struct cov_matrix *m, const char *alpha2, struct cov_gap **out,
	     size_t *n, struct err *e)
{
	const struct cov_country_row *r = cov_matrix_row(m, alpha2);
	struct cov_gap *v;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (!r)
		return err_set(e, ERR_NOTFOUND, "country: not in the matrix");
	v = pool_calloc(p, m->narticles ? m->narticles : 1, sizeof(*v));
	for (size_t j = 0; j < m->narticles; j++) {
		if (r->cells[j].status != COV_NOT && r->cells[j].status != COV_PARTLY)
			continue;
		v[k].article = &m->articles[j];
		v[k].cell = &r->cells[j];
		for (size_t i = 0; i < m->nrows; i++)
			v[k].subregion_covering += *r->country->subregion &&
				!strcmp(m->rows[i].country->subregion, r->country->subregion) &&
				m->rows[i].cells[j].status == COV_COVERED;
		k++;
	}
	if (k)
		qsort(v, k, sizeof(*v), gap_cmp);
	*out = v;
	*n = k;
	return ERR_OK;
}

/* ---- timeline ---- */

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The day after d (YYYY-MM-DD) in p. */
static const char *day_after(pool *p, const char *d)
{
	struct tm tm = { 0 };
	char buf[11];

	if (sscanf(d, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return d;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += 1;
	tm.tm_hour = 12;
	timegm(&tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	return pool_strdup(p, buf);
}

int cov_timeline(struct store *s, pool *p, const struct actor *a, const struct cov_query *q,
		 struct cov_timeline **out, struct err *e)
{
	struct cov_query one;
	struct ctx c;
	struct cov_timeline *t;
	struct cov_point *pts;
	struct cov_since *since;
	const char **dates;
	size_t nd = 0, np = 0;
	int cat, rc;

	(void)a;
	if (!q->ncountries || q->ncountries > 1)
		return err_set(e, ERR_INVALID, "country: a timeline is of one country");
	one = *q;
	one.region = NULL;
	one.article = 0;
	one.statuses_only = 1;	/* statuses and scores only, at every date */
	if ((rc = ctx_load(s, p, &one, &c, e)))
		return rc;
	if (c.nctry != 1)
		return err_set(e, ERR_INVALID, "country: no country '%.40s'", q->countries[0]);
	cat = q->category ? cov_category_index(q->category) : -1;
	dates = pool_alloc(p, (2 * c.nrows + c.nas + 1) * sizeof(*dates));
	for (size_t i = 0; i < c.nrows; i++) {
		dates[nd++] = c.rows[i].version_date;
		if (c.rows[i].valid_to && *c.rows[i].valid_to)
			dates[nd++] = day_after(p, c.rows[i].valid_to);
	}
	for (size_t i = 0; i < c.nas; i++)
		dates[nd++] = c.as[i].as_of;
	if (nd)
		qsort(dates, nd, sizeof(*dates), str_cmp);
	pts = pool_calloc(p, nd ? nd : 1, sizeof(*pts));
	since = pool_calloc(p, c.ncols ? c.ncols : 1, sizeof(*since));
	for (size_t j = 0; j < c.ncols; j++)
		since[j].article = &c.cols[j];
	for (size_t i = 0; i < nd; i++) {
		struct cov_cell *cells;

		if ((i && !strcmp(dates[i], dates[i - 1])) || strcmp(dates[i], c.at) > 0)
			continue;
		cells = evaluate(&c, dates[i]);
		pts[np].date = dates[i];
		row_scores(&c, cells, cat, &pts[np].overall, pts[np].by_category);
		for (size_t j = 0; j < c.ncols; j++) {
			if (cells[j].status != COV_COVERED)
				since[j].covered_since = NULL;
			else if (!since[j].covered_since)
				since[j].covered_since = dates[i];
		}
		np++;
	}
	/* the status at the date asked */
	{
		struct cov_cell *cells = evaluate(&c, c.at);

		for (size_t j = 0; j < c.ncols; j++) {
			since[j].status = cells[j].status;
			if (cells[j].status != COV_COVERED)
				since[j].covered_since = NULL;
		}
	}
	t = pool_calloc(p, 1, sizeof(*t));
	t->country = &c.ctry[0];
	t->points = pts;
	t->npoints = np;
	t->articles = since;
	t->narticles = c.ncols;
	*out = t;
	return ERR_OK;
}

/* ---- a country's profile ---- */

int cov_profile(struct store *s, pool *p, const struct actor *a, const struct cov_query *q,
		const char *country, int with_timeline, struct cov_profile **out,
		struct err *e)
{
	struct cov_query one = *q, sub;
	struct cov_profile *pr = pool_calloc(p, 1, sizeof(*pr));
	struct cov_matrix *m, *ms;
	struct cov_timeline *t;
	struct cov_gap *gaps;
	struct country *c;
	const char **codes = pool_alloc(p, sizeof(*codes));
	int rc;

	if (!country || country_get(s, p, country, &c, NULL))
		return err_set(e, ERR_INVALID, "country: no country '%.40s'",
			       country ? country : "");
	codes[0] = c->alpha2;
	one.countries = codes;
	one.ncountries = 1;
	one.region = NULL;
	one.article = 0;
	one.statuses_only = 0;
	/* the sub-region's statuses (the country alone when it has none) */
	sub = one;
	sub.statuses_only = 1;
	if (*c->subregion) {
		sub.countries = NULL;
		sub.ncountries = 0;
		sub.region = c->subregion;
	}
	if ((rc = cov_matrix(s, p, a, &one, &m, e)) ||
	    (rc = cov_matrix(s, p, a, &sub, &ms, e)) ||
	    (rc = cov_compare_subregion(ms, c->alpha2, &pr->subregion, e)) ||
	    (rc = cov_gaps(p, ms, c->alpha2, &gaps, &pr->ngaps, e)) ||
	    (with_timeline && (rc = cov_timeline(s, p, a, &one, &t, e))))
		return rc;
	pr->matrix = m;
	pr->row = &m->rows[0];
	pr->gaps = gaps;
	pr->timeline = with_timeline ? t : NULL;
	*out = pr;
	return ERR_OK;
}

/* ---- writes ---- */

/* Check text (1..LIMIT_COV_NOTE bytes of UTF-8) named what. */
static int text_ok(const char *text, const char *what, struct err *e)
{
	if (!text || !*text)
		return err_set(e, ERR_INVALID, "%s is empty", what);
	if (strlen(text) > LIMIT_COV_NOTE)
		return err_set(e, ERR_INVALID, "%s is longer than %zu bytes", what,
			       (size_t)LIMIT_COV_NOTE);
	if (!utf8_valid(text, strlen(text)))
		return err_set(e, ERR_INVALID, "%s is not UTF-8", what);
	return ERR_OK;
}

/* May a act on the coverage of country (alpha-2)? */
static int allow(const struct actor *a, enum record_action action, const char *country,
		 struct err *e)
{
	struct record rec;

	memset(&rec, 0, sizeof(rec));
	rec.country = country;
	return record_allow(a, action, &rec, e);
}

/* The country (alpha-2, in p) and a counted article, checked. */
static int cell_check(struct store *s, pool *p, const char *country, const char *instrument,
		      int article, const char **alpha2, struct err *e)
{
	struct country *c;
	struct article *ar;

	if (!country || country_get(s, p, country, &c, NULL))
		return err_set(e, ERR_INVALID, "country: no country '%.40s'",
			       country ? country : "");
	if (!instrument || instrument_article(s, p, instrument, article, &ar, NULL))
		return err_set(e, ERR_INVALID, "article: no article %.40s/%d",
			       instrument ? instrument : "", article);
	if (cov_category_index(ar->category) < 0)
		return err_set(e, ERR_INVALID, "article: %s/%d is not counted (%s)",
			       instrument, article, ar->category);
	*alpha2 = pool_strdup(p, c->alpha2);
	return ERR_OK;
}

int cov_assess(struct store *s, const struct actor *a, const char *country,
	       const char *instrument, int article, const char *as_of, const char *note,
	       long long *id, struct err *e)
{
	pool *p = pool_new();
	struct cov_assessment as;
	struct tx t = { 0 };
	const char *a2;
	int rc;

	if ((rc = cell_check(s, p, country, instrument, article, &a2, e)))
		goto out;
	if (as_of && !date_in_range(as_of)) {
		rc = err_set(e, ERR_INVALID, "as_of: '%.40s' is not a date from %s to %s "
			     "(YYYY-MM-DD)", as_of, COV_DATE_MIN, COV_DATE_MAX);
		goto out;
	}
	if ((rc = text_ok(note, "note", e)) || (rc = allow(a, ACT_ASSESS, a2, e)))
		goto out;
	memset(&as, 0, sizeof(as));
	as.country = a2;
	as.instrument = instrument;
	as.article = article;
	as.status = "not_covered";
	as.note = note;
	as.as_of = as_of ? as_of : today(p);
	as.recorded_at = record_now(p);
	as.recorded_by = by_name(a);
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_cov_assessment_put(s, &as, id, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_COV_ASSESS, pool_printf(p, "country/%s", a2),
		      pool_printf(p, "assessment %lld: %s/%d not covered from %s", *id,
				  instrument, article, as.as_of), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

int cov_withdraw(struct store *s, const struct actor *a, long long id, struct err *e)
{
	pool *p = pool_new();
	struct cov_assessment *as;
	struct tx t = { 0 };
	int rc;

	if ((rc = store_cov_assessment_get(s, p, id, &as, e)))
		goto out;
	if (as->withdrawn_at) {
		rc = err_set(e, ERR_NOTFOUND, "assessment %lld is withdrawn already", id);
		goto out;
	}
	if ((rc = allow(a, ACT_ASSESS, as->country, e)) || (rc = tx_begin(&t, s, e)) ||
	    (rc = store_cov_assessment_withdraw(s, id, record_now(p),
						by_name(a), e)))
		goto out;
	rc = audit_by(s, a, AUDIT_COV_WITHDRAW, pool_printf(p, "country/%s", as->country),
		      pool_printf(p, "assessment %lld: %s/%d", id, as->instrument, as->article),
		      e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

int cov_dispute_open(struct store *s, const struct actor *a, const char *country,
		     const char *instrument, int article, const char *text, long long *id,
		     struct err *e)
{
	pool *p = pool_new();
	struct cov_dispute d;
	struct cov_comment c;
	struct tx t = { 0 };
	const char *a2, *by = by_name(a);
	long long cid;
	int rc;

	if ((rc = cell_check(s, p, country, instrument, article, &a2, e)) ||
	    (rc = text_ok(text, "comment", e)) || (rc = allow(a, ACT_DISPUTE, a2, e)))
		goto out;
	memset(&d, 0, sizeof(d));
	d.country = a2;
	d.instrument = instrument;
	d.article = article;
	d.opened_at = record_now(p);
	d.opened_by = by;
	if ((rc = tx_begin(&t, s, e)) || (rc = store_cov_dispute_put(s, &d, id, e)))
		goto out;
	memset(&c, 0, sizeof(c));
	c.dispute_id = *id;
	c.at = d.opened_at;
	c.by = by;
	c.text = text;
	if ((rc = store_cov_comment_put(s, &c, &cid, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_COV_DISPUTE, pool_printf(p, "country/%s", a2),
		      pool_printf(p, "dispute %lld: %s/%d", *id, instrument, article), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

int cov_dispute_comment(struct store *s, const struct actor *a, long long dispute_id,
			const char *text, struct err *e)
{
	pool *p = pool_new();
	struct cov_dispute *d;
	struct cov_comment c;
	struct tx t = { 0 };
	long long cid;
	int rc;

	if ((rc = store_cov_dispute_get(s, p, dispute_id, &d, e)) ||
	    (rc = text_ok(text, "comment", e)))
		goto out;
	/* the country's focal point, or who decides */
	if (allow(a, ACT_DISPUTE, d->country, NULL) &&
	    (rc = allow(a, ACT_DECIDE, d->country, e)))
		goto out;
	if (strcmp(d->state, "open")) {
		rc = err_set(e, ERR_CONFLICT, "dispute %lld is decided", dispute_id);
		goto out;
	}
	memset(&c, 0, sizeof(c));
	c.dispute_id = dispute_id;
	c.at = record_now(p);
	c.by = by_name(a);
	c.text = text;
	if ((rc = tx_begin(&t, s, e)) || (rc = store_cov_comment_put(s, &c, &cid, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_COV_COMMENT, pool_printf(p, "country/%s", d->country),
		      pool_printf(p, "dispute %lld: comment %lld", dispute_id, cid), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

int cov_dispute_decide(struct store *s, const struct actor *a, long long dispute_id,
		       const char *state, const char *note, struct err *e)
{
	pool *p = pool_new();
	struct cov_dispute *d;
	struct tx t = { 0 };
	int rc;

	if (!state || (strcmp(state, "upheld") && strcmp(state, "rejected"))) {
		rc = err_set(e, ERR_INVALID, "state: a decision is upheld or rejected");
		goto out;
	}
	if ((rc = store_cov_dispute_get(s, p, dispute_id, &d, e)) ||
	    (rc = text_ok(note, "note", e)) || (rc = allow(a, ACT_DECIDE, d->country, e)) ||
	    (rc = tx_begin(&t, s, e)) ||
	    (rc = store_cov_dispute_decide(s, dispute_id, state, record_now(p),
					   by_name(a), note, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_COV_DECIDE, pool_printf(p, "country/%s", d->country),
		      pool_printf(p, "dispute %lld: %s", dispute_id, state), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

/* country in any ISO form into its alpha-2 (in p; NULL stays NULL). */
static int country_a2(struct store *s, pool *p, const char **country, struct err *e)
{
	struct country *c;

	if (!*country)
		return ERR_OK;
	if (country_get(s, p, *country, &c, NULL))
		return err_set(e, ERR_INVALID, "country: no country '%.40s'", *country);
	*country = c->alpha2;
	return ERR_OK;
}

int cov_assessments(struct store *s, pool *p, const char *country, int with_withdrawn,
		    struct cov_assessment **out, size_t *n, struct err *e)
{
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = country_a2(s, p, &country, e)))
		return rc;
	return store_cov_assessment_list(s, p, country, with_withdrawn, out, n, e);
}

int cov_disputes(struct store *s, pool *p, const char *country, struct cov_dispute **out,
		 size_t *n, struct err *e)
{
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = country_a2(s, p, &country, e)))
		return rc;
	return store_cov_dispute_list(s, p, country, out, n, e);
}

int cov_comments(struct store *s, pool *p, long long dispute_id, struct cov_comment **out,
		 size_t *n, struct err *e)
{
	return store_cov_comment_list(s, p, dispute_id, out, n, e);
}

int cov_assessment_get(struct store *s, pool *p, long long id, struct cov_assessment **out,
		       struct err *e)
{
	return store_cov_assessment_get(s, p, id, out, e);
}

int cov_dispute_get(struct store *s, pool *p, long long id, struct cov_dispute **out,
		    struct err *e)
{
	return store_cov_dispute_get(s, p, id, out, e);
}
