/* report: a periodic report's sections from the pages' own functions (report.h). */
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/utf8.h"
#include "domain/assist.h"
#include "domain/audit.h"
#include "domain/campaign.h"
#include "domain/country.h"
#include "domain/coverage.h"
#include "domain/dev.h"
#include "domain/needs.h"
#include "domain/record.h"
#include "domain/report.h"
#include "domain/tx.h"
#include "domain/user.h"
#include "store/store.h"

/* ---- the resolution's paragraphs 5 to 13 ---- */

static const char *const para5[] = { "laws.", "articles.covered", "coverage.start.procedural",
	"coverage.end.procedural", "coverage.start.cooperation", "coverage.end.cooperation",
	NULL };
static const char *const para6[] = { "assist.trained.", "assist.activities", NULL };
static const char *const para7[] = { "assist.delivered", "assist.activities",
	"needs.stated.", NULL };
static const char *const para8[] = { "laws.", "cases.count", "lessons.count", NULL };
static const char *const para9[] = { "campaigns.", "lessons.count", "coverage.start.overall",
	"coverage.end.overall", NULL };
static const char *const para10[] = { "needs.", NULL };
static const char *const para11[] = { "assist.delivered", "assist.activities",
	"assist.countries", NULL };
static const char *const para12[] = { NULL };
static const char *const para13[] = { "assist.pledged.", "assist.disbursed.", NULL };

const struct report_paragraph report_paragraphs[REPORT_PARAGRAPH_COUNT] = {
	{ 5, "Member States are encouraged to make sure that cybercrime can be investigated "
	  "and prosecuted at the national level and that international cooperation can be "
	  "obtained, consistent with international human rights law.", para5 },
	{ 6, "Member States are urged to train law enforcement officers, investigators, "
	  "prosecutors and judges in cybercrime, evidence collection and information "
	  "technology.", para6 },
	{ 7, "Member States are encouraged to provide technical assistance and sustainable "
	  "capacity-building upon request and based on national needs.", para7 },
	{ 8, "UNODC is a central repository of cybercrime laws and lessons learned, for the "
	  "assessment of needs and the delivery of technical assistance.", para8 },
	{ 9, "UNODC is asked to collect information periodically on new developments, "
	  "progress made and best practices identified.", para9 },
	{ 10, "The Expert Group is invited to help identify high-priority capacity-building "
	  "needs and effective responses.", para10 },
	{ 11, "UNODC is asked to continue to provide technical assistance upon request, "
	  "through the Global Programme on Cybercrime and its regional offices.", para11 },
	{ 12, "Member States are invited to cooperate with the private sector and civil "
	  "society in a transparent and accountable manner.", para12 },
	{ 13, "Member States and other donors are invited to provide extrabudgetary "
	  "resources.", para13 },
};

int report_paragraph_has(const struct report_paragraph *g, const char *key)
{
	for (const char *const *f = g->figures; *f; f++) {
		size_t n = strlen(*f);

		if ((*f)[n - 1] == '.' ? !strncmp(key, *f, n) : !strcmp(key, *f))
			return 1;
	}
	return 0;
}

/* ---- the query ---- */

static int curator(const struct actor *a)
{
	return a && (a->local || (a->user_id && (a->role == ROLE_CURATOR ||
						 a->role == ROLE_ADMIN)));
}

int report_can_green(const struct actor *a)
{
	return curator(a);
}

static int by_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int report_query_parse(struct store *s, pool *p, const struct actor *a,
		       const struct report_params *in, struct report_query *out, struct err *e)
{
	const char *region = in->region && *in->region ? in->region : NULL;
	const char *list = in->country && *in->country ? in->country : NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = period_parse(in->period && *in->period ? in->period : NULL,
			       in->from && *in->from ? in->from : NULL,
			       in->to && *in->to ? in->to : NULL, &out->period, e)))
		return rc;
	if (region && list)
		return err_set(e, ERR_INVALID, "region: a region and countries: give one");
	if (region && strcmp(region, "001")) {
		struct region *g;

		if (strlen(region) > 3 || region_get(s, p, region, &g, NULL))
			return err_set(e, ERR_INVALID, "region: no region '%.20s'", region);
		memcpy(out->region, g->code, sizeof(out->region));
	}
	if (list) {
		char *copy = pool_strdup(p, list), *save = NULL;
		size_t cap = 0;

		if (strlen(list) > REPORT_COUNTRIES_MAX * 4 + 64)
			return err_set(e, ERR_INVALID, "country: more than %d countries",
				       REPORT_COUNTRIES_MAX);
		for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
			struct country *c;

			if (country_get(s, p, t, &c, NULL))
				return err_set(e, ERR_INVALID, "country: no country '%.20s'", t);
			if (out->ncountries == cap) {
				const char **grown = pool_calloc(p, cap = cap ? cap * 2 : 8,
								 sizeof(*grown));

				if (out->ncountries)
					memcpy(grown, out->countries,
					       out->ncountries * sizeof(*grown));
				out->countries = grown;
			}
			out->countries[out->ncountries++] = pool_strdup(p, c->alpha2);
			if (out->ncountries > REPORT_COUNTRIES_MAX)
				return err_set(e, ERR_INVALID, "country: more than %d countries",
					       REPORT_COUNTRIES_MAX);
		}
		if (!out->ncountries)
			return err_set(e, ERR_INVALID, "country: no country given");
		qsort(out->countries, out->ncountries, sizeof(*out->countries), by_str);
		{	/* duplicates dropped */
			size_t k = 1;

			for (size_t i = 1; i < out->ncountries; i++)
				if (strcmp(out->countries[i], out->countries[k - 1]))
					out->countries[k++] = out->countries[i];
			out->ncountries = k;
		}
	}
	if (!in->level || !*in->level || !strcmp(in->level, "public"))
		out->level = REPORT_PUBLIC;
	else if (!strcmp(in->level, "green"))
		out->level = REPORT_GREEN;
	else
		return err_set(e, ERR_INVALID, "level: '%.20s' is not public or green", in->level);
	if (out->level == REPORT_GREEN && !curator(a))
		return err_set(e, ERR_FORBIDDEN, "level: GREEN data in a report is for curators");
	if (in->title && *in->title) {
		if (strlen(in->title) > REPORT_TITLE_MAX || !utf8_valid(in->title,
									strlen(in->title)))
			return err_set(e, ERR_INVALID, "title: at most %d bytes of text",
				       REPORT_TITLE_MAX);
		out->title = pool_strdup(p, in->title);
	}
	return ERR_OK;
}

const char *report_scope(pool *p, const struct report_query *q)
{
	struct sbuf b = SBUF_INIT;
	const char *out;

	if (q->region[0])
		return pool_printf(p, "region:%s", q->region);
	if (!q->ncountries)
		return "world";
	for (size_t i = 0; i < q->ncountries; i++)
		sbuf_addf(&b, "%s%s", i ? "," : "", q->countries[i]);
	out = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return out;
}

/* ---- building sections ---- */

/* A report being made: who reads (the level's actor), the scope's countries. */
struct mk {
	struct store *s;
	pool *p;
	const struct actor *view;	/* NULL: the public */
	const struct report_query *q;
	const char **scope;		/* sorted alpha-2; NULL: every country */
	size_t nscope;
	struct report *r;
	struct report_section *sec;
	size_t cap;
};

static int in_scope(const struct mk *m, const char *alpha2)
{
	if (!m->scope)
		return 1;
	if (!alpha2)
		return 0;
	return bsearch(&alpha2, m->scope, m->nscope, sizeof(*m->scope), by_str) != NULL;
}

static struct report_section *section(struct mk *m, const char *key, const char *title,
				      const char *note)
{
	struct report_section *v;

	v = pool_calloc(m->p, m->r->nsections + 1, sizeof(*v));
	if (m->r->nsections)
		memcpy(v, m->r->sections, m->r->nsections * sizeof(*v));
	m->r->sections = v;
	m->sec = &v[m->r->nsections++];
	m->sec->key = key;
	m->sec->title = title;
	m->sec->note = note;
	return m->sec;
}

static void figure_of(struct mk *m, const char *key, const char *label, const char *of,
		      const char *unit, double value, int share)
{
	struct report_section *sec = m->sec;
	struct report_figure *v = pool_calloc(m->p, sec->nfigures + 1, sizeof(*v));

	if (sec->nfigures)
		memcpy(v, sec->figures, sec->nfigures * sizeof(*v));
	v[sec->nfigures++] = (struct report_figure){ key, label, of, unit, value, share };
	sec->figures = v;
}

static void figure(struct mk *m, const char *key, const char *label, const char *unit,
		   double value, int share)
{
	figure_of(m, key, label, NULL, unit, value, share);
}

#define SECTION_TABLES_MAX 8
/* The most developments of a kind a report gathers by halving its period. */
#define REPORT_DEVS_MAX 50000

/* A table of the current section with ncols columns, rows added by row(). */
struct tb {
	struct report_table *t;
	size_t cap;
};

static struct tb table(struct mk *m, const char *key, const char *title,
		       const struct report_column *cols, size_t ncols)
{
	struct report_section *sec = m->sec;
	struct report_table *v;

	/* the tables of a section stay where they are: the caller fills several at once */
	if (!sec->tables)
		sec->tables = pool_calloc(m->p, SECTION_TABLES_MAX, sizeof(*v));
	if (sec->ntables == SECTION_TABLES_MAX)
		abort();	/* a bug: the sections below have at most four */
	v = sec->tables;
	v[sec->ntables] = (struct report_table){ .key = key, .title = title, .cols = cols,
						 .ncols = ncols };
	return (struct tb){ &v[sec->ntables++], 0 };
}

/* A new row of t: its cells, to fill (NULL: empty). */
static const char **row(pool *p, struct tb *t)
{
	struct report_table *x = t->t;

	if (x->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		const char **grown = pool_calloc(p, cap * x->ncols, sizeof(*grown));

		if (x->nrows)
			memcpy(grown, x->cells, x->nrows * x->ncols * sizeof(*grown));
		x->cells = grown;
		t->cap = cap;
	}
	return &x->cells[x->nrows++ * x->ncols];
}

static const char *num(pool *p, long long n)
{
	return pool_printf(p, "%lld", n);
}

static int by_date_desc(const void *x, const void *y)
{
	const struct dev *a = x, *b = y;
	int c = strcmp(b->date, a->date);

	return c ? c : (a->kind != b->kind ? (int)a->kind - (int)b->kind :
			(a->id < b->id) - (a->id > b->id));
}

/* Developments gathered from several calls of dev_list. */
struct devacc {
	struct dev *v;
	size_t n, cap;
	int truncated;
};

static void devacc_add(pool *p, struct devacc *a, const struct dev *v, size_t n)
{
	if (a->n + n > a->cap) {
		struct dev *grown = pool_calloc(p, a->cap = (a->n + n) * 2 + 16, sizeof(*grown));

		if (a->n)
			memcpy(grown, a->v, a->n * sizeof(*grown));
		a->v = grown;
	}
	if (n)
		memcpy(a->v + a->n, v, n * sizeof(*v));
	a->n += n;
}

/* dev_list for dq into a; when it gives its most (DEV_LIMIT_MAX) and split, the
 * period's two halves each again, so that the counts are whole (up to
 * REPORT_DEVS_MAX developments; a day with more is marked truncated). Only kinds
 * whose dates alone place them in a period may be split: not coverage, whose "newly
 * covered" holds at the period's end. */
static int dev_range(struct mk *m, struct dev_query *dq, int split, struct devacc *a,
		     struct err *e)
{
	struct dev *v;
	size_t n;
	long d0, d1;
	int rc;

	if ((rc = dev_list(m->s, m->p, m->view, dq, &v, &n, NULL, e)))
		return rc;
	if (n < DEV_LIMIT_MAX) {
		devacc_add(m->p, a, v, n);
		return ERR_OK;
	}
	if (!split || period_day(dq->period.from, &d0) || period_day(dq->period.to, &d1) ||
	    d1 <= d0 || a->n + n > REPORT_DEVS_MAX) {
		a->truncated = 1;
		devacc_add(m->p, a, v, n);
		return ERR_OK;
	}
	{
		struct period whole = dq->period;
		long mid = d0 + (d1 - d0) / 2;

		period_date(mid + 1, dq->period.from);
		rc = dev_range(m, dq, split, a, e);	/* the later half first: newest first */
		dq->period = whole;
		if (!rc) {
			period_date(mid, dq->period.to);
			rc = dev_range(m, dq, split, a, e);
		}
		dq->period = whole;
	}
	return rc;
}

/* The developments of kinds in the scope, newest first (per country for a list,
 * merged; split: by halves of the period as dev_range does); *truncated when some
 * are missing. */
static int devs_split(struct mk *m, unsigned kinds, int split, struct dev **out, size_t *n,
		      int *truncated, struct err *e)
{
	struct dev_query dq = { 0 };
	struct devacc a = { 0 };
	int rc = ERR_OK;

	dq.period = m->q->period;
	dq.period_given = 1;
	dq.kinds = kinds;
	dq.limit = DEV_LIMIT_MAX;
	dq.order = DEV_BY_DATE;
	memcpy(dq.region, m->q->region, sizeof(dq.region));
	if (!m->q->ncountries)
		rc = dev_range(m, &dq, split, &a, e);
	for (size_t i = 0; i < m->q->ncountries && !rc; i++) {
		memcpy(dq.country, m->q->countries[i], 3);
		rc = dev_range(m, &dq, split, &a, e);
	}
	if (rc)
		return rc;
	/* newest first; a campaign opened asks several countries of a list: once */
	if (a.n > 1) {
		size_t k = 1;

		qsort(a.v, a.n, sizeof(*a.v), by_date_desc);
		for (size_t i = 1; i < a.n; i++)
			if (a.v[i].kind != a.v[k - 1].kind || a.v[i].id != a.v[k - 1].id ||
			    strcmp(a.v[i].key, a.v[k - 1].key))
				a.v[k++] = a.v[i];
		a.n = k;
	}
	*out = a.v;
	*n = a.n;
	*truncated = a.truncated;
	return ERR_OK;
}

static int devs(struct mk *m, unsigned kinds, struct dev **out, size_t *n, int *truncated,
		struct err *e)
{
	return devs_split(m, kinds, !(kinds & (1u << DEV_COVERED)), out, n, truncated, e);
}

#define NCOLS(c) (sizeof(c) / sizeof((c)[0]))

static const struct report_column law_cols[] = {
	{ "date", "Date", RC_DATE }, { "country", "Country", RC_COUNTRY },
	{ "kind", "Kind", RC_MSG }, { "title", "Law", RC_TEXT }, { "path", "Address", RC_PATH },
	{ "articles", "Articles newly covered", RC_TEXT },
};
static const struct report_column covered_cols[] = {
	{ "date", "Date", RC_DATE }, { "country", "Country", RC_COUNTRY },
	{ "article", "Article", RC_TEXT }, { "title", "Title", RC_TEXT },
};

static int sec_legislation(struct mk *m, struct err *e)
{
	struct dev *v, *cv;
	size_t n, ncv, adopted = 0, amended = 0, covered = 0;
	int trunc, ctrunc, rc;
	struct tb laws, cov;

	if ((rc = devs(m, (1u << DEV_LAW_ADOPTED) | (1u << DEV_LAW_AMENDED), &v, &n, &trunc,
		       e)) ||
	    (rc = devs(m, 1u << DEV_COVERED, &cv, &ncv, &ctrunc, e)))
		return rc;
	/* one list: the laws, then the articles newly covered */
	if (ncv) {
		struct dev *all = pool_calloc(m->p, n + ncv, sizeof(*all));

		if (n)
			memcpy(all, v, n * sizeof(*v));
		memcpy(all + n, cv, ncv * sizeof(*cv));
		v = all;
		n += ncv;
	}
	section(m, "legislation", "Legislative developments",
		"Laws adopted or amended in the period (by the date of their version) and the "
		"instrument articles a country's law newly covers.");
	laws = table(m, "laws", "Laws adopted or amended", law_cols, NCOLS(law_cols));
	cov = table(m, "covered", "Articles newly covered", covered_cols, NCOLS(covered_cols));
	laws.t->truncated = trunc;
	cov.t->truncated = ctrunc;
	for (size_t i = 0; i < n; i++) {
		const char **c;

		if (v[i].kind == DEV_COVERED) {
			c = row(m->p, &cov);
			c[0] = v[i].date;
			c[1] = v[i].country;
			c[2] = pool_printf(m->p, "%s/%d", v[i].instrument, v[i].article);
			c[3] = v[i].title;
			covered++;
			continue;
		}
		c = row(m->p, &laws);
		c[0] = v[i].date;
		c[1] = v[i].country;
		c[2] = dev_kind_titles[v[i].kind];
		c[3] = v[i].title;
		c[4] = v[i].path;
		if (v[i].kind == DEV_LAW_ADOPTED)
			adopted++;
		else
			amended++;
		/* the articles its country newly covers from its date */
		{
			struct sbuf b = SBUF_INIT;

			for (size_t k = 0; k < n; k++)
				if (v[k].kind == DEV_COVERED && v[k].country && v[i].country &&
				    !strcmp(v[k].country, v[i].country) &&
				    !strcmp(v[k].date, v[i].date))
					sbuf_addf(&b, "%s%s/%d", b.len ? " " : "", v[k].instrument,
						  v[k].article);
			c[5] = pool_strdup(m->p, sbuf_str(&b));
			sbuf_release(&b);
		}
	}
	figure(m, "laws.adopted", "Laws adopted", NULL, (double)adopted, 0);
	figure(m, "laws.amended", "Laws amended", NULL, (double)amended, 0);
	figure(m, "articles.covered", "Articles newly covered", NULL, (double)covered, 0);
	return ERR_OK;
}

static const struct report_column case_cols[] = {
	{ "date", "Date", RC_DATE }, { "country", "Country", RC_COUNTRY },
	{ "title", "Case", RC_TEXT }, { "path", "Address", RC_PATH },
	{ "court", "Court", RC_TEXT },
};
static const struct report_column lesson_cols[] = {
	{ "date", "Date", RC_DATE }, { "country", "Country", RC_COUNTRY },
	{ "title", "Lesson learned", RC_TEXT }, { "path", "Address", RC_PATH },
	{ "topic", "Topic", RC_TEXT },
};

/* Cases or lessons: one table of the developments of kind. */
static int sec_records(struct mk *m, enum dev_kind kind, struct err *e)
{
	int lesson = kind == DEV_LESSON, trunc, rc;
	struct dev *v;
	size_t n;
	struct tb t;

	if ((rc = devs(m, 1u << kind, &v, &n, &trunc, e)))
		return rc;
	if (lesson) {
		section(m, "lessons", "Lessons learned", "Lessons learned and good practices "
			"published, by their date.");
		t = table(m, "lessons", "Lessons learned", lesson_cols, NCOLS(lesson_cols));
	} else {
		section(m, "cases", "Case law", "Judgments published, by the day they were "
			"decided.");
		t = table(m, "cases", "Case law", case_cols, NCOLS(case_cols));
	}
	t.t->truncated = trunc;
	for (size_t i = 0; i < n; i++) {
		const char **c = row(m->p, &t);

		c[0] = v[i].date;
		c[1] = v[i].country;
		c[2] = v[i].title;
		c[3] = v[i].path;
		c[4] = v[i].detail;
	}
	figure(m, lesson ? "lessons.count" : "cases.count", lesson ? "Lessons learned" :
	       "Cases", NULL, (double)n, 0);
	return ERR_OK;
}

static const struct report_column coverage_cols[] = {
	{ "category", "Category", RC_MSG }, { "countries", "Countries", RC_NUM },
	{ "covered_start", "Covered at the start", RC_NUM },
	{ "covered_end", "Covered at the end", RC_NUM },
	{ "partly_start", "Partly covered at the start", RC_NUM },
	{ "partly_end", "Partly covered at the end", RC_NUM },
	{ "not_covered_end", "Not covered at the end", RC_NUM },
	{ "unknown_end", "Unknown at the end", RC_NUM },
	{ "score_start", "Score at the start", RC_SHARE },
	{ "score_end", "Score at the end", RC_SHARE },
};

/* The coverage of the scope at date: per category (and overall, index
 * COV_CATEGORY_COUNT) the cells' counts summed and the mean of the countries'
 * scores (each the coverage pages' by_category or overall). */
struct cov_sum {
	long long counted, covered, partly, not_covered, unknown, countries;
	double score_sum;
};

static int cov_at(struct mk *m, const char *at, struct cov_sum sum[COV_CATEGORY_COUNT + 1],
		  struct err *e)
{
	struct cov_query cq = { 0 };
	struct cov_matrix *mx;
	int rc;

	cq.at = at;
	cq.region = m->q->region[0] ? m->q->region : NULL;
	cq.countries = m->q->ncountries ? m->q->countries : NULL;
	cq.ncountries = m->q->ncountries;
	cq.statuses_only = 1;
	if ((rc = cov_matrix(m->s, m->p, m->view, &cq, &mx, e)))
		return rc;
	memset(sum, 0, sizeof(*sum) * (COV_CATEGORY_COUNT + 1));
	for (size_t i = 0; i < mx->nrows; i++)
		for (size_t k = 0; k <= COV_CATEGORY_COUNT; k++) {
			const struct cov_score *sc = k < COV_CATEGORY_COUNT ?
				&mx->rows[i].by_category[k] : &mx->rows[i].overall;

			if (!sc->counted)
				continue;
			sum[k].countries++;
			sum[k].counted += sc->counted;
			sum[k].covered += sc->covered;
			sum[k].partly += sc->partly;
			sum[k].not_covered += sc->not_covered;
			sum[k].unknown += sc->unknown;
			sum[k].score_sum += sc->score;
		}
	return ERR_OK;
}

static double mean(const struct cov_sum *c)
{
	return c->countries ? c->score_sum / (double)c->countries : 0;
}

static int sec_coverage(struct mk *m, struct err *e)
{
	struct cov_sum a[COV_CATEGORY_COUNT + 1], b[COV_CATEGORY_COUNT + 1];
	struct tb t;
	int rc;

	if ((rc = cov_at(m, m->q->period.from, a, e)) || (rc = cov_at(m, m->q->period.to, b, e)))
		return rc;
	section(m, "coverage", "Coverage progress",
		"How far the law covers the instruments' articles on the period's first and "
		"last day, per category: the cells counted over the scope's countries, and the "
		"mean of the countries' scores.");
	t = table(m, "coverage", "Coverage per category", coverage_cols, NCOLS(coverage_cols));
	for (size_t k = 0; k <= COV_CATEGORY_COUNT; k++) {
		const char *name = k < COV_CATEGORY_COUNT ? cov_categories[k] : "overall";
		const char **c = row(m->p, &t);

		c[0] = k < COV_CATEGORY_COUNT ? cov_categories[k] : "Overall";
		c[1] = num(m->p, b[k].countries);
		c[2] = num(m->p, a[k].covered);
		c[3] = num(m->p, b[k].covered);
		c[4] = num(m->p, a[k].partly);
		c[5] = num(m->p, b[k].partly);
		c[6] = num(m->p, b[k].not_covered);
		c[7] = num(m->p, b[k].unknown);
		c[8] = pool_printf(m->p, "%.6f", mean(&a[k]));
		c[9] = pool_printf(m->p, "%.6f", mean(&b[k]));
		figure_of(m, pool_printf(m->p, "coverage.start.%s", name), "Score at the start",
			  c[0], NULL, mean(&a[k]), 1);
		figure_of(m, pool_printf(m->p, "coverage.end.%s", name), "Score at the end",
			  c[0], NULL, mean(&b[k]), 1);
	}
	figure(m, "coverage.covered.start", "Articles covered at the start", NULL,
	       (double)a[COV_CATEGORY_COUNT].covered, 0);
	figure(m, "coverage.covered.end", "Articles covered at the end", NULL,
	       (double)b[COV_CATEGORY_COUNT].covered, 0);
	return ERR_OK;
}

/* ---- needs ---- */

static const struct report_column need_cols[] = {
	{ "id", "Need", RC_NUM }, { "country", "Country", RC_COUNTRY },
	{ "topic", "Topic", RC_MSG }, { "target", "Target group", RC_MSG },
	{ "urgency", "Urgency", RC_NUM }, { "raised", "Raised", RC_DATE },
	{ "closed", "Closed", RC_DATE },
};
static const struct report_column gap_cols[] = {
	{ "country", "Country", RC_COUNTRY }, { "gaps_start", "Gaps at the start", RC_NUM },
	{ "gaps_end", "Gaps at the end", RC_NUM }, { "closed", "Gaps closed", RC_NUM },
	{ "found", "Gaps found", RC_NUM },
};

/* One gap: country and article, for comparing the two ends. */
struct gapkey {
	const char *country, *instrument;
	int article;
};

static int gap_cmp(const void *x, const void *y)
{
	const struct gapkey *a = x, *b = y;
	int c = strcmp(a->country, b->country);

	if (!c)
		c = strcmp(a->instrument, b->instrument);
	return c ? c : a->article - b->article;
}

/* The gap needs at date at in the scope (needs_all, or needs_country per country of a
 * list), sorted. */
static int gaps_at(struct mk *m, const char *at, struct gapkey **out, size_t *n,
		   struct err *e)
{
	struct needs_query nq = { .at = at };
	struct need *v;
	size_t nv, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < (m->q->ncountries ? m->q->ncountries : 1); i++) {
		if (m->q->ncountries)
			rc = needs_country(m->s, m->p, m->view, NULL, m->q->countries[i], &nq, &v,
					   &nv, e);
		else {
			nq.region = m->q->region[0] ? m->q->region : NULL;
			rc = needs_all(m->s, m->p, m->view, NULL, &nq, &v, &nv, e);
		}
		if (rc)
			return rc;
		if (*n + nv > cap) {
			struct gapkey *grown = pool_calloc(m->p, cap = (*n + nv) * 2 + 1,
							   sizeof(*grown));

			if (*n)
				memcpy(grown, *out, *n * sizeof(*grown));
			*out = grown;
		}
		for (size_t k = 0; k < nv; k++)
			if (v[k].source == NEED_GAP && v[k].article)
				(*out)[(*n)++] = (struct gapkey){ v[k].country,
								  v[k].article->instrument,
								  v[k].article->number };
	}
	if (*n)
		qsort(*out, *n, sizeof(**out), gap_cmp);
	return ERR_OK;
}

/* The countries' counts of the gaps a and b (sorted), by country, into t. */
static void gap_rows(struct mk *m, struct tb *t, const struct gapkey *a, size_t na,
		     const struct gapkey *b, size_t nb, long long *closed, long long *found)
{
	size_t i = 0, k = 0;

	*closed = *found = 0;
	while (i < na || k < nb) {
		const char *cc = i < na && (k >= nb || strcmp(a[i].country, b[k].country) <= 0) ?
				 a[i].country : b[k].country;
		long long s = 0, en = 0, cl = 0, fd = 0;
		const char **c;

		while (i < na || k < nb) {
			int ia = i < na && !strcmp(a[i].country, cc);
			int kb = k < nb && !strcmp(b[k].country, cc);
			int d;

			if (!ia && !kb)
				break;
			d = ia && kb ? gap_cmp(&a[i], &b[k]) : ia ? -1 : 1;
			if (d < 0)
				s++, cl++, i++;
			else if (d > 0)
				en++, fd++, k++;
			else
				s++, en++, i++, k++;
		}
		c = row(m->p, t);
		c[0] = cc;
		c[1] = num(m->p, s);
		c[2] = num(m->p, en);
		c[3] = num(m->p, cl);
		c[4] = num(m->p, fd);
		*closed += cl;
		*found += fd;
	}
}

static int sec_needs(struct mk *m, struct err *e)
{
	struct gapkey *a, *b;
	size_t na, nb, ns;
	struct need_stated *st;
	long long raised = 0, closed_st = 0, closed, found;
	struct tb gaps, stated;
	const char *countries = NULL;
	int rc;

	if ((rc = gaps_at(m, m->q->period.from, &a, &na, e)) ||
	    (rc = gaps_at(m, m->q->period.to, &b, &nb, e)))
		return rc;
	if (m->scope) {
		struct sbuf j = SBUF_INIT;

		sbuf_addc(&j, '[');
		for (size_t i = 0; i < m->nscope; i++)
			sbuf_addf(&j, "%s\"%s\"", i ? "," : "", m->scope[i]);
		sbuf_addc(&j, ']');
		countries = pool_strdup(m->p, sbuf_str(&j));
		sbuf_release(&j);
	}
	if ((rc = store_report_needs(m->s, m->p, m->q->period.from, m->q->period.to, countries,
				     &st, &ns, e)))
		return rc;
	section(m, "needs", "Needs identified and closed",
		"Gaps in the law (articles not or partly covered) at the period's first and last "
		"day, as the needs pages rank them, and the needs stated by countries that were "
		"raised or closed in the period.");
	gaps = table(m, "gaps", "Gaps per country", gap_cols, NCOLS(gap_cols));
	gap_rows(m, &gaps, a, na, b, nb, &closed, &found);
	stated = table(m, "stated", "Stated needs raised or closed", need_cols,
		       NCOLS(need_cols));
	for (size_t i = 0; i < ns; i++) {
		const char **c;
		const struct need_term_def *tp = needs_topic(st[i].topic),
					   *tg = needs_target(st[i].target);
		int in_raised = period_contains(&m->q->period, st[i].raised_at),
		    in_closed = st[i].closed_at && period_contains(&m->q->period, st[i].closed_at);

		if (!needs_can_read(m->view, &st[i]) || (!in_raised && !in_closed))
			continue;
		c = row(m->p, &stated);
		c[0] = num(m->p, st[i].id);
		c[1] = st[i].country;
		c[2] = tp ? tp->name : st[i].topic;
		c[3] = tg ? tg->name : st[i].target;
		c[4] = num(m->p, st[i].urgency);
		c[5] = pool_strndup(m->p, st[i].raised_at, 10);
		c[6] = st[i].closed_at ? pool_strndup(m->p, st[i].closed_at, 10) : NULL;
		raised += in_raised;
		closed_st += in_closed;
	}
	figure(m, "needs.gaps.start", "Gaps at the start", NULL, (double)na, 0);
	figure(m, "needs.gaps.end", "Gaps at the end", NULL, (double)nb, 0);
	figure(m, "needs.gaps.closed", "Gaps closed", NULL, (double)closed, 0);
	figure(m, "needs.gaps.found", "Gaps found", NULL, (double)found, 0);
	figure(m, "needs.stated.raised", "Stated needs raised", NULL, (double)raised, 0);
	figure(m, "needs.stated.closed", "Stated needs closed", NULL, (double)closed_st, 0);
	return ERR_OK;
}

/* ---- assistance ---- */

static const struct report_column delivered_cols[] = {
	{ "date", "Date", RC_DATE }, { "country", "Country", RC_COUNTRY },
	{ "title", "Request", RC_TEXT }, { "path", "Address", RC_PATH },
	{ "topic", "Topic", RC_MSG },
};
static const struct report_column activity_cols[] = {
	{ "from", "From", RC_DATE }, { "to", "To", RC_DATE },
	{ "country", "Country", RC_COUNTRY }, { "title", "Activity", RC_TEXT },
	{ "path", "Address", RC_PATH }, { "mode", "Mode", RC_MSG },
	{ "trained", "People trained", RC_NUM },
};
static const struct report_column trained_cols[] = {
	{ "role", "Role", RC_MSG }, { "female", "female", RC_NUM }, { "male", "male", RC_NUM },
	{ "other", "other or not stated", RC_NUM }, { "total", "Total", RC_NUM },
};
static const struct report_column fund_cols[] = {
	{ "currency", "Currency", RC_TEXT }, { "pledged", "Pledged", RC_AMOUNT },
	{ "disbursed", "Disbursed", RC_AMOUNT },
};

static int by_id_desc(const void *x, const void *y)
{
	const struct assist_request *a = x, *b = y;

	return (a->id < b->id) - (a->id > b->id);
}

static int sec_assistance(struct mk *m, struct err *e)
{
	struct dev *dv;
	size_t ndv, nact, nreq, nf, nsum = 0;
	struct assist_activity *act;
	struct assist_request *req;
	struct assist_fund *f;
	struct assist_sum *sums = NULL;
	long long cnt[AR_COUNT][AG_COUNT] = { { 0 } }, activities = 0, total = 0, countries = 0;
	const char *single = m->q->ncountries == 1 ? m->q->countries[0] : NULL;
	const char **seen;
	struct tb t;
	int trunc, rc;

	if ((rc = devs(m, 1u << DEV_ASSIST_DELIVERED, &dv, &ndv, &trunc, e)) ||
	    (rc = assist_activity_list(m->s, m->p, m->view, 0, single, &act, &nact, e)) ||
	    (rc = assist_request_list(m->s, m->p, m->view, single, -1, &req, &nreq, e)) ||
	    (rc = store_assist_fund_list(m->s, m->p, 0, &f, &nf, e)))
		return rc;
	section(m, "assistance", "Assistance delivered",
		"Requests that reached the stage delivered in the period; the activities that "
		"ended in it with the people trained by role and gender; pledges and "
		"disbursements dated in it, per currency (never converted).");
	t = table(m, "delivered", "Requests delivered", delivered_cols, NCOLS(delivered_cols));
	t.t->truncated = trunc;
	for (size_t i = 0; i < ndv; i++) {
		const char **c = row(m->p, &t);
		const struct need_term_def *tp = needs_topic(dv[i].detail);

		c[0] = dv[i].date;
		c[1] = dv[i].country;
		c[2] = dv[i].title;
		c[3] = dv[i].path;
		c[4] = tp ? tp->name : dv[i].detail;
	}
	/* activities that ended in the period, with their training records */
	t = table(m, "activities", "Activities", activity_cols, NCOLS(activity_cols));
	seen = pool_calloc(m->p, nact + 1, sizeof(*seen));
	for (size_t i = 0; i < nact; i++) {
		const char **c;
		long long sum = 0;

		if (!in_scope(m, act[i].country) || !period_contains(&m->q->period, act[i].date_to))
			continue;
		activities++;
		if (act[i].trained_at)
			for (int r = 0; r < AR_COUNT; r++)
				for (int g = 0; g < AG_COUNT; g++) {
					cnt[r][g] += act[i].count[r][g];
					sum += act[i].count[r][g];
				}
		total += sum;
		{	/* the countries reached */
			size_t k = 0;

			while (k < (size_t)countries && strcmp(seen[k], act[i].country))
				k++;
			if (k == (size_t)countries)
				seen[countries++] = act[i].country;
		}
		c = row(m->p, &t);
		c[0] = act[i].date_from;
		c[1] = act[i].date_to;
		c[2] = act[i].country;
		c[3] = act[i].title;
		c[4] = pool_printf(m->p, "/assistance/activities/%lld", act[i].id);
		c[5] = act[i].mode;
		c[6] = act[i].trained_at ? num(m->p, sum) : NULL;
	}
	t = table(m, "trained", "People trained by role and gender", trained_cols,
		  NCOLS(trained_cols));
	for (int r = 0; r <= AR_COUNT; r++) {
		const char **c = row(m->p, &t);
		long long rs = 0;

		c[0] = r < AR_COUNT ? assist_role_titles[r] : "Total";
		for (int g = 0; g < AG_COUNT; g++) {
			long long v = 0;

			for (int k = 0; k < AR_COUNT; k++)
				if (k == r || r == AR_COUNT)
					v += cnt[k][g];
			c[1 + g] = num(m->p, v);
			rs += v;
		}
		c[4] = num(m->p, rs);
		if (r < AR_COUNT)
			figure(m, pool_printf(m->p, "assist.trained.%s", assist_role_names[r]),
			       assist_role_titles[r], NULL, (double)rs, 0);
	}
	for (int g = 0; g < AG_COUNT; g++) {
		long long v = 0;

		for (int k = 0; k < AR_COUNT; k++)
			v += cnt[k][g];
		figure(m, pool_printf(m->p, "assist.trained.%s", assist_gender_names[g]),
		       assist_gender_titles[g], NULL, (double)v, 0);
	}
	figure(m, "assist.trained.total", "People trained", NULL, (double)total, 0);
	figure(m, "assist.delivered", "Requests delivered", NULL, (double)ndv, 0);
	figure(m, "assist.activities", "Activities", NULL, (double)activities, 0);
	figure(m, "assist.countries", "Countries reached by activities", NULL,
	       (double)countries, 0);
	/* funding dated in the period, of the requests the level reads in the scope */
	if (nreq > 1)
		qsort(req, nreq, sizeof(*req), by_id_desc);
	for (size_t i = 0; i < nf; i++) {
		struct assist_request key = { .id = f[i].request };
		const struct assist_request *x = bsearch(&key, req, nreq, sizeof(*req),
							 by_id_desc);
		struct assist_sum *sum = NULL;

		if (!x || !in_scope(m, x->country) || !period_contains(&m->q->period, f[i].on_date))
			continue;
		for (size_t k = 0; k < nsum; k++)
			if (!strcmp(sums[k].currency, f[i].currency))
				sum = &sums[k];
		if (!sum) {
			struct assist_sum *grown = pool_calloc(m->p, nsum + 1, sizeof(*grown));
			struct assist_currency *cur;

			if (nsum)
				memcpy(grown, sums, nsum * sizeof(*grown));
			sums = grown;
			sum = &sums[nsum++];
			memcpy(sum->currency, f[i].currency, sizeof(sum->currency));
			if (!assist_currency_get(m->s, m->p, f[i].currency, &cur, NULL))
				sum->minor = cur->minor;
		}
		if (assist_add(f[i].kind == AF_PLEDGE ? &sum->pledged : &sum->disbursed,
			       f[i].amount))
			return err_set(e, ERR_INVALID, "funding: the totals in %s are too large",
				       f[i].currency);
	}
	t = table(m, "funding", "Funding pledged and disbursed", fund_cols, NCOLS(fund_cols));
	for (size_t k = 0; k < nsum; k++) {
		const char **c = row(m->p, &t);
		double unit = 1;

		for (int d = 0; d < sums[k].minor; d++)
			unit *= 10;
		c[0] = pool_strdup(m->p, sums[k].currency);
		c[1] = assist_amount_text(m->p, sums[k].pledged, sums[k].minor);
		c[2] = assist_amount_text(m->p, sums[k].disbursed, sums[k].minor);
		figure(m, pool_printf(m->p, "assist.pledged.%s", sums[k].currency), "Pledged",
		       c[0], (double)sums[k].pledged / unit, 0);
		figure(m, pool_printf(m->p, "assist.disbursed.%s", sums[k].currency),
		       "Disbursed", c[0], (double)sums[k].disbursed / unit, 0);
	}
	return ERR_OK;
}

/* ---- campaigns ---- */

static const struct report_column camp_cols[] = {
	{ "id", "Campaign", RC_NUM }, { "title", "Title", RC_TEXT },
	{ "path", "Address", RC_PATH }, { "opens_on", "Opens", RC_DATE },
	{ "deadline", "Deadline", RC_DATE }, { "asked", "Countries asked", RC_NUM },
	{ "answered", "Answers submitted or accepted", RC_NUM },
	{ "rate", "Response rate", RC_SHARE },
};

static int sec_campaigns(struct mk *m, struct err *e)
{
	struct dev *opened, *answers;
	size_t nopened, nanswers;
	long long asked = 0, answered = 0;
	int trunc, rc;
	struct tb t;

	if ((rc = devs(m, 1u << DEV_CAMPAIGN_OPENED, &opened, &nopened, &trunc, e)) ||
	    (rc = devs(m, 1u << DEV_CAMPAIGN_ANSWERED, &answers, &nanswers, &trunc, e)))
		return rc;
	section(m, "campaigns", "Campaigns and response rates",
		"Questionnaire campaigns opened in the period that ask a country of the scope, "
		"with the share of the countries asked that submitted an answer; answers "
		"submitted in the period by the scope's countries that may be read.");
	t = table(m, "campaigns", "Campaigns", camp_cols, NCOLS(camp_cols));
	for (size_t i = 0; i < nopened; i++) {
		struct campaign *c;
		const char **x;
		long long done;

		if ((rc = camp_get(m->s, m->p, opened[i].id, &c, e)))
			return rc;
		done = c->count[CAMP_SUBMITTED] + c->count[CAMP_ACCEPTED];
		x = row(m->p, &t);
		x[0] = num(m->p, c->id);
		x[1] = c->title;
		x[2] = pool_printf(m->p, "/campaigns/%lld", c->id);
		x[3] = c->opens_on;
		x[4] = c->deadline;
		x[5] = num(m->p, c->ncountries);
		x[6] = num(m->p, done);
		x[7] = pool_printf(m->p, "%.6f", c->ncountries ? (double)done /
				   (double)c->ncountries : 0.0);
		asked += c->ncountries;
		answered += done;
	}
	figure(m, "campaigns.opened", "Campaigns opened", NULL, (double)nopened, 0);
	figure(m, "campaigns.asked", "Countries asked", NULL, (double)asked, 0);
	figure(m, "campaigns.answered", "Answers submitted or accepted", NULL, (double)answered,
	       0);
	figure(m, "campaigns.rate", "Response rate", NULL, asked ? (double)answered /
	       (double)asked : 0, 1);
	figure(m, "campaigns.answers", "Answers submitted in the period", NULL,
	       (double)nanswers, 0);
	return ERR_OK;
}

/* ---- making ---- */

/* A signed-in reader with no organisation, country or records of its own: what a
 * GREEN report reads (CLEAR and GREEN). */
static const struct actor green_reader = {
	.name = "report", .user_id = -1, .role = ROLE_READER, .read_only = 1,
};

static int scope_countries(struct mk *m, struct err *e)
{
	struct country *cs;
	struct region *g;
	size_t n;
	int rc;

	if (m->q->ncountries) {
		m->scope = m->q->countries;
		m->nscope = m->q->ncountries;
		return ERR_OK;
	}
	if (!m->q->region[0])
		return ERR_OK;
	if ((rc = region_get(m->s, m->p, m->q->region, &g, e)) ||
	    (rc = country_list(m->s, m->p, &cs, &n, e)))
		return rc;
	m->scope = pool_calloc(m->p, n + 1, sizeof(*m->scope));
	for (size_t i = 0; i < n; i++)
		if (region_contains(g, &cs[i]))
			m->scope[m->nscope++] = pool_strdup(m->p, cs[i].alpha2);
	qsort(m->scope, m->nscope, sizeof(*m->scope), by_str);
	return ERR_OK;
}

int report_make(struct store *s, pool *p, const struct actor *a, const struct report_query *q,
		struct report **out, struct err *e)
{
	struct mk m = { .s = s, .p = p, .q = q };
	int rc;

	*out = NULL;
	m.view = q->level == REPORT_GREEN ? &green_reader : NULL;
	m.r = pool_calloc(p, 1, sizeof(*m.r));
	m.r->q = *q;
	m.r->title = q->title;
	m.r->made_at = record_now(p);
	m.r->made_by = a && a->name ? pool_strdup(p, a->name) : NULL;
	if ((rc = record_use_clearance(s, m.view, e)) ||
	    (rc = scope_countries(&m, e)) ||
	    (rc = sec_legislation(&m, e)) ||
	    (rc = sec_records(&m, DEV_CASE, e)) ||
	    (rc = sec_records(&m, DEV_LESSON, e)) ||
	    (rc = sec_coverage(&m, e)) ||
	    (rc = sec_needs(&m, e)) ||
	    (rc = sec_assistance(&m, e)) ||
	    (rc = sec_campaigns(&m, e)))
		goto out;
	*out = m.r;
out:
	{
		int back = record_use_clearance(s, a, rc ? NULL : e);

		return rc ? rc : back;
	}
}

const struct report_section *report_section(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->nsections; i++)
		if (!strcmp(r->sections[i].key, key))
			return &r->sections[i];
	return NULL;
}

const struct report_figure *report_figure(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->nsections; i++)
		for (size_t k = 0; k < r->sections[i].nfigures; k++)
			if (!strcmp(r->sections[i].figures[k].key, key))
				return &r->sections[i].figures[k];
	return NULL;
}

void report_compare(pool *p, const struct report *before, const struct report *after,
		    struct report_change **out, size_t *n)
{
	size_t cap = 16, k = 0;
	struct report_change *v = pool_calloc(p, cap, sizeof(*v));

	for (int pass = 0; pass < 2; pass++) {
		const struct report *x = pass ? before : after, *y = pass ? after : before;

		for (size_t i = 0; i < x->nsections; i++)
			for (size_t j = 0; j < x->sections[i].nfigures; j++) {
				const struct report_figure *f = &x->sections[i].figures[j];
				const struct report_figure *g = report_figure(y, f->key);

				if (pass && g)
					continue;	/* compared in the first pass */
				if (g && (f->value - g->value < 1e-9 && g->value - f->value < 1e-9))
					continue;
				if (k == cap) {
					struct report_change *grown = pool_calloc(p, cap *= 2,
										  sizeof(*grown));

					memcpy(grown, v, k * sizeof(*v));
					v = grown;
				}
				v[k++] = (struct report_change){
					.key = f->key, .label = f->label, .of = f->of,
					.unit = f->unit,
					.share = f->share,
					.before = pass ? f->value : g ? g->value : 0,
					.after = pass ? 0 : f->value,
					.was = pass ? 1 : g != NULL, .is = !pass };
			}
	}
	*out = v;
	*n = k;
}

/* ---- saved reports ---- */

int report_can_read(const struct actor *a, const struct report *r)
{
	return r->q.level == REPORT_PUBLIC || (a && (a->local || a->user_id));
}

int report_can_edit(const struct actor *a, const struct report *r)
{
	return curator(a) || (a && a->user_id && !a->read_only && a->name && r->made_by &&
			      !strcmp(a->name, r->made_by));
}

static const char *level_name(enum report_level l)
{
	return l == REPORT_GREEN ? "green" : "public";
}

int report_save(struct store *s, const struct actor *a, struct report *r, const char *json,
		long long *id, struct err *e)
{
	pool *p = pool_new();
	struct report_saved sv = { 0 };
	struct tx t = { 0 };
	int rc;

	if (!a || (!a->local && !a->user_id)) {
		rc = err_set(e, ERR_FORBIDDEN, "sign in to save a report");
		goto out;
	}
	if (a->read_only) {
		rc = err_set(e, ERR_FORBIDDEN, "a read-only token cannot save a report");
		goto out;
	}
	if (r->q.level == REPORT_GREEN && !curator(a)) {
		rc = err_set(e, ERR_FORBIDDEN, "level: GREEN data in a report is for curators");
		goto out;
	}
	sv.made_at = r->made_at;
	sv.made_by = a->name ? a->name : "unknown";
	sv.title = r->title;
	sv.date_from = r->q.period.from;
	sv.date_to = r->q.period.to;
	sv.scope = report_scope(p, &r->q);
	sv.level = level_name(r->q.level);
	sv.content = json;
	if ((rc = tx_begin(&t, s, e)) || (rc = store_report_put(s, &sv, id, e)))
		goto out;
	r->id = *id;
	r->made_by = sv.made_by;
	rc = audit_by(s, a, AUDIT_REPORT_SAVE, pool_printf(p, "report/%lld", *id),
		      pool_printf(p, "%s to %s, %s, %s", sv.date_from, sv.date_to, sv.scope,
				  sv.level), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

/* The saved report's reading fields as a struct report's (for the rules). */
static void saved_as_report(const struct report_saved *sv, struct report *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sv->id;
	r->made_by = sv->made_by;
	r->q.level = sv->level && !strcmp(sv->level, "green") ? REPORT_GREEN : REPORT_PUBLIC;
}

int report_get(struct store *s, pool *p, const struct actor *a, long long id,
	       struct report_saved **out, struct err *e)
{
	struct report r;
	struct err local = { 0 };
	int rc = store_report_get(s, p, id, out, &local);

	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no report %lld", id);
	if (rc)
		return err_set(e, rc, "%s", local.msg);
	saved_as_report(*out, &r);
	if (!report_can_read(a, &r)) {
		*out = NULL;
		return err_set(e, ERR_NOTFOUND, "no report %lld", id);
	}
	return ERR_OK;
}

int report_list(struct store *s, pool *p, const struct actor *a, int limit,
		struct report_saved **out, size_t *n, struct err *e)
{
	int rc;

	if (limit < 1 || limit > 500)
		return err_set(e, ERR_INVALID, "limit: %d is not from 1 to 500", limit);
	if ((rc = store_report_list(s, p, a && (a->local || a->user_id), limit, out, n, e)))
		return rc;
	return ERR_OK;
}

int report_prose_set(struct store *s, const struct actor *a, long long id, int number,
		     const char *text, struct err *e)
{
	pool *p = pool_new();
	struct report_saved *sv;
	struct report r;
	struct tx t = { 0 };
	int rc;

	if (number < 5 || number > 13) {
		rc = err_set(e, ERR_INVALID, "paragraph: %d is not from 5 to 13", number);
		goto out;
	}
	if (!text)
		text = "";
	if (strlen(text) > REPORT_PROSE_MAX || !utf8_valid(text, strlen(text))) {
		rc = err_set(e, ERR_INVALID, "prose: at most %d bytes of text", REPORT_PROSE_MAX);
		goto out;
	}
	if ((rc = report_get(s, p, a, id, &sv, e)))
		goto out;
	saved_as_report(sv, &r);
	if (!report_can_edit(a, &r)) {
		rc = err_set(e, ERR_FORBIDDEN, "only the report's maker or a curator writes its "
			     "prose");
		goto out;
	}
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_report_prose(s, id, pool_printf(p, "%d", number), text, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_REPORT_PROSE, pool_printf(p, "report/%lld", id),
		      pool_printf(p, "paragraph %d: %zu bytes", number, strlen(text)), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

int report_saved_query(struct store *s, pool *p, const struct report_saved *sv,
		       struct report_query *out, struct err *e)
{
	struct report_params in = { .from = sv->date_from, .to = sv->date_to,
				    .title = sv->title };
	static const struct actor cli = { .name = "report", .local = 1 };

	if (!strncmp(sv->scope, "region:", 7))
		in.region = sv->scope + 7;
	else if (strcmp(sv->scope, "world"))
		in.country = sv->scope;
	in.level = sv->level;
	/* the level was allowed when it was saved */
	return report_query_parse(s, p, &cli, &in, out, e);
}
