/* /api/v1/coverage: a country's coverage of the instruments' articles, the countries
 * covering one article, the matrix of countries by articles (domain/coverage.h);
 * assessments and disputes. */
#include <string.h>

#include "api/api.h"
#include "domain/coverage.h"
#include "domain/record.h"

static const struct api_field evidence_fields[] = {
	API_FIELD(struct cov_evidence, work_uri, API_STR),
	API_FIELD_AS("work_title", struct cov_evidence, title, API_STR_NULL),
	API_FIELD(struct cov_evidence, eid, API_STR),
	API_FIELD(struct cov_evidence, num, API_STR_NULL),
	API_FIELD(struct cov_evidence, heading, API_STR_NULL),
	API_FIELD(struct cov_evidence, version_date, API_STR),
	API_FIELD(struct cov_evidence, version_language, API_STR),
	API_FIELD(struct cov_evidence, extent, API_STR),
	API_FIELD(struct cov_evidence, derived, API_INT),
	API_END
};

/* The "article" of an assessment or a dispute: "un-cc/7". */
#define ARTICLE_OF(name, T) \
	static json_t *name(const void *obj) \
	{ \
		return api_article_ref(((const T *)obj)->instrument, ((const T *)obj)->article); \
	}
ARTICLE_OF(assessment_article, struct cov_assessment)
ARTICLE_OF(dispute_article, struct cov_dispute)

/* What an assessment and a dispute begin with: id, country, article. */
#define CELL_REF_FIELDS(T, article_fn) \
	API_FIELD(T, id, API_LLONG), \
	API_FIELD(T, country, API_STR), \
	API_COMPUTED("article", article_fn)

static const struct api_field assessment_fields[] = {
	CELL_REF_FIELDS(struct cov_assessment, assessment_article),
	API_FIELD(struct cov_assessment, status, API_STR),
	API_FIELD(struct cov_assessment, note, API_STR),
	API_FIELD(struct cov_assessment, as_of, API_STR),
	API_FIELD(struct cov_assessment, recorded_at, API_STR),
	API_FIELD(struct cov_assessment, recorded_by, API_STR_NULL),
	API_FIELD(struct cov_assessment, withdrawn_at, API_STR_NULL),
	API_FIELD(struct cov_assessment, withdrawn_by, API_STR_NULL),
	API_END
};

static const struct api_field dispute_fields[] = {
	CELL_REF_FIELDS(struct cov_dispute, dispute_article),
	API_FIELD(struct cov_dispute, state, API_STR),
	API_FIELD(struct cov_dispute, opened_at, API_STR),
	API_FIELD(struct cov_dispute, opened_by, API_STR),
	API_FIELD(struct cov_dispute, decided_at, API_STR_NULL),
	API_FIELD(struct cov_dispute, decided_by, API_STR_NULL),
	API_FIELD(struct cov_dispute, decision, API_STR_NULL),
	API_END
};

static const struct api_field comment_fields[] = {
	API_FIELD(struct cov_comment, id, API_LLONG),
	API_FIELD(struct cov_comment, at, API_STR),
	API_FIELD(struct cov_comment, by, API_STR),
	API_FIELD(struct cov_comment, text, API_STR),
	API_END
};

static const struct api_field score_fields[] = {
	API_FIELD(struct cov_score, counted, API_INT),
	API_FIELD(struct cov_score, covered, API_INT),
	API_FIELD(struct cov_score, partly, API_INT),
	API_FIELD(struct cov_score, not_covered, API_INT),
	API_FIELD(struct cov_score, unknown, API_INT),
	API_END
};

static json_t *score_json(const struct cov_score *s)
{
	json_t *j = api_object(s, score_fields);

	json_object_set_new(j, "score", json_real(s->score));
	return j;
}

static json_t *categories_json(const struct cov_score *by_category)
{
	json_t *j = json_object();

	for (size_t k = 0; k < cov_category_count; k++)
		if (by_category[k].counted)
			json_object_set_new(j, cov_categories[k], score_json(&by_category[k]));
	return j;
}

static json_t *article_json(const struct article *a)
{
	json_t *j = json_object();

	json_object_set_new(j, "article", api_article_ref(a->instrument, a->number));
	json_object_set_new(j, "title", json_string(a->title));
	json_object_set_new(j, "category", json_string(a->category));
	return j;
}

static const struct api_field share_fields[] = {
	API_FIELD(struct cov_article_share, countries, API_INT),
	API_FIELD(struct cov_article_share, covered, API_INT),
	API_FIELD(struct cov_article_share, partly, API_INT),
	API_FIELD(struct cov_article_share, not_covered, API_INT),
	API_FIELD(struct cov_article_share, unknown, API_INT),
	API_END
};

/* An article with its counts over a set of countries, its share and its score. */
static json_t *share_json(const struct cov_article_share *sh)
{
	json_t *j = api_fields(article_json(sh->article), sh, share_fields);

	json_object_set_new(j, "share", json_real(sh->share));
	json_object_set_new(j, "score", json_real(sh->score));
	return j;
}

/* Whether the asker may record or decide for country's coverage. */
static int acts_on(const struct req *r, const char *country)
{
	struct record rec = { .country = country };

	return !record_allow(r->actor, ACT_ASSESS, &rec, NULL) ||
	       !record_allow(r->actor, ACT_DECIDE, &rec, NULL);
}

/* A cell with its evidence into j (a new object when NULL); who recorded its
 * assessment only with names (see acts_on). */
static json_t *cell_json(json_t *j, const struct cov_cell *c, int names)
{
	json_t *as = c->assessment ? api_object(c->assessment, assessment_fields) : json_null();

	if (!j)
		j = json_object();
	if (c->assessment && !names) {
		json_object_set_new(as, "recorded_by", json_null());
		json_object_set_new(as, "withdrawn_by", json_null());
	}
	json_object_set_new(j, "status", json_string(cov_status_name(c->status)));
	json_object_set_new(j, "derived", json_boolean(c->derived));
	json_object_set_new(j, "evidence", api_array(c->evidence, c->nevidence,
						     sizeof(*c->evidence), evidence_fields));
	json_object_set_new(j, "assessment", as);
	json_object_set_new(j, "conflict", json_boolean(c->conflict));
	json_object_set_new(j, "disputed", json_boolean(c->disputed));
	return j;
}

static json_t *country_ref(const struct country *c)
{
	json_t *j = json_object();

	json_object_set_new(j, "alpha2", json_string(c->alpha2));
	json_object_set_new(j, "name", json_string(country_name(c, LANG_EN)));
	return j;
}

/* What every answer says first: the date, whose records count, the formula. */
static json_t *head_json(const struct cov_matrix *m)
{
	json_t *j = json_object();

	json_object_set_new(j, "at", json_string(m->at));
	json_object_set_new(j, "public_only", json_boolean(m->public_only));
	json_object_set_new(j, "formula", json_string(COV_FORMULA));
	return j;
}

/* ?at, ?instrument, ?category, ?region into q; 400 naming the parameter. */
static int query_args(struct req *r, struct resp *out, struct cov_query *q)
{
	struct err e = { 0 };

	memset(q, 0, sizeof(*q));
	q->at = req_arg(r, "at");
	q->instrument = req_arg(r, "instrument");
	q->category = req_arg(r, "category");
	q->region = req_arg(r, "region");
	if (cov_query_check(r->store, r->pool, q, &e))
		return http_error(r, out, 400, e.msg);
	return 0;
}

/* ?country=KE: the country's scores, every article with its evidence, the
 * comparison with its sub-region and its gaps; ?timeline=1 adds the timeline. */
static int by_country(struct req *r, struct resp *out, struct cov_query *q,
		      const char *country)
{
	const char *tl = req_arg(r, "timeline");
	const struct cov_country_row *row;
	const struct cov_matrix *m;
	const struct cov_timeline *t;
	struct cov_profile *pr;
	struct err e = { 0 };
	json_t *j, *arr;
	int names;

	if (cov_profile(r->store, r->pool, r->actor, q, country, tl && !strcmp(tl, "1"), &pr,
			&e))
		return e.code == ERR_INVALID ? http_error(r, out, 400, e.msg)
					     : http_fail(r, out, &e);
	m = pr->matrix;
	row = pr->row;
	names = acts_on(r, row->country->alpha2);
	j = head_json(m);
	json_object_set_new(j, "country", country_ref(row->country));
	json_object_set_new(j, "score", score_json(&row->overall));
	json_object_set_new(j, "categories", categories_json(row->by_category));
	json_object_set_new(j, "safeguards_flag", json_boolean(row->safeguards_flag));
	arr = json_array();
	for (size_t k = 0; k < m->narticles; k++)
		json_array_append_new(arr, cell_json(article_json(&m->articles[k]),
						     &row->cells[k], names));
	json_object_set_new(j, "articles", arr);
	json_object_set_new(j, "subregion", json_pack("{s:s, s:f, s:i}", "code",
						      pr->subregion.subregion, "mean",
						      pr->subregion.subregion_mean, "countries",
						      pr->subregion.subregion_countries));
	arr = json_array();
	for (size_t k = 0; k < pr->ngaps; k++) {
		json_t *g = article_json(pr->gaps[k].article);

		json_object_set_new(g, "status",
				    json_string(cov_status_name(pr->gaps[k].cell->status)));
		json_object_set_new(g, "subregion_covering",
				    json_integer(pr->gaps[k].subregion_covering));
		json_array_append_new(arr, g);
	}
	json_object_set_new(j, "gaps", arr);
	if ((t = pr->timeline)) {
		arr = json_array();
		for (size_t k = 0; k < t->npoints; k++) {
			json_t *pt = score_json(&t->points[k].overall);

			json_object_set_new(pt, "date", json_string(t->points[k].date));
			json_array_append_new(arr, pt);
		}
		json_object_set_new(j, "timeline", arr);
		arr = json_object();
		for (size_t k = 0; k < t->narticles; k++)
			if (t->articles[k].covered_since)
				json_object_set_new(arr, pool_printf(r->pool, "%s/%d",
					t->articles[k].article->instrument,
					t->articles[k].article->number),
					json_string(t->articles[k].covered_since));
		json_object_set_new(j, "covered_since", arr);
	}
	return api_send(out, 200, j);
}

/* ?article=un-cc/7: every country (of ?region) with its status and evidence. */
static int by_article(struct req *r, struct resp *out, struct cov_query *q, const char *ref)
{
	struct cov_matrix *m;
	struct cov_article_share *sh;
	struct err e = { 0 };
	json_t *j, *arr;
	size_t n;

	if (cov_article_ref(r->pool, ref, &q->instrument, &q->article, &e) ||
	    cov_query_check(r->store, r->pool, q, &e))
		return http_error(r, out, 400, e.msg);
	if (cov_matrix(r->store, r->pool, r->actor, q, &m, &e) ||
	    cov_region_shares(r->store, r->pool, m, NULL, &sh, &n, &e))
		return http_fail(r, out, &e);
	j = head_json(m);
	json_object_set_new(j, "article", share_json(&sh[0]));
	arr = json_array();
	for (size_t i = 0; i < m->nrows; i++) {
		json_t *c;

		if (m->rows[i].cells[0].status == COV_UNKNOWN)
			continue;
		c = cell_json(NULL, &m->rows[i].cells[0], acts_on(r, m->rows[i].country->alpha2));
		json_object_set_new(c, "country", country_ref(m->rows[i].country));
		json_object_set_new(c, "region", json_string(m->rows[i].country->region));
		json_object_set_new(c, "subregion", json_string(m->rows[i].country->subregion));
		json_array_append_new(arr, c);
	}
	json_object_set_new(j, "countries", arr);
	return api_send(out, 200, j);
}

/* The matrix: a page of countries (?limit, ?offset) by articles, statuses only, and
 * per article the counts over all the matrix's countries. */
static int matrix(struct req *r, struct resp *out, struct cov_query *q)
{
	struct cov_matrix *m;
	struct cov_article_share *sh;
	struct err e = { 0 };
	json_t *j, *arr;
	size_t n;
	int limit, offset;

	if (api_paging(r, out, &limit, &offset))
		return out->status;
	q->statuses_only = 1;
	if (cov_matrix(r->store, r->pool, r->actor, q, &m, &e) ||
	    cov_region_shares(r->store, r->pool, m, NULL, &sh, &n, &e))
		return http_fail(r, out, &e);
	j = head_json(m);
	arr = json_array();
	for (size_t k = 0; k < n; k++)
		json_array_append_new(arr, share_json(&sh[k]));
	json_object_set_new(j, "articles", arr);
	json_object_set_new(j, "total", json_integer((json_int_t)m->nrows));
	json_object_set_new(j, "limit", json_integer(limit));
	json_object_set_new(j, "offset", json_integer(offset));
	arr = json_array();
	for (size_t i = (size_t)offset; i < m->nrows && i < (size_t)offset + (size_t)limit; i++) {
		const struct cov_country_row *row = &m->rows[i];
		json_t *c = country_ref(row->country), *st = json_array();

		json_object_set_new(c, "score", score_json(&row->overall));
		json_object_set_new(c, "safeguards_flag", json_boolean(row->safeguards_flag));
		for (size_t k = 0; k < m->narticles; k++)
			json_array_append_new(st, json_string(cov_status_name(row->cells[k].status)));
		json_object_set_new(c, "statuses", st);
		json_array_append_new(arr, c);
	}
	json_object_set_new(j, "countries", arr);
	return api_send(out, 200, j);
}

int api_coverage(struct req *r, struct resp *out)
{
	const char *country = req_arg(r, "country"), *article = req_arg(r, "article");
	struct cov_query q;

	out->cache_control = "no-store";
	if (query_args(r, out, &q))
		return out->status;
	if (country && article)
		return http_error(r, out, 400, "country: give a country or an article, not both");
	if (country)
		return by_country(r, out, &q, country);
	if (article)
		return by_article(r, out, &q, article);
	return matrix(r, out, &q);
}

/* GET ?country=: the assessments (withdrawn ones too); POST {"country", "article",
 * "note", "as_of"?}: record one. */
int api_coverage_assessments(struct req *r, struct resp *out)
{
	static const char *const keys[] = { "country", "article", "note", "as_of" };
	const char *f[4], *instrument, *country = NULL;
	struct cov_assessment *as;
	struct err e = { 0 };
	json_t *body;
	size_t n;
	long long id;
	int number;

	out->cache_control = "no-store";
	if (r->method == HTTP_GET) {
		if (api_country_arg(r, out, &country))
			return out->status;
		if (cov_assessments(r->store, r->pool, country, 1, &as, &n, &e))
			return http_fail(r, out, &e);
		/* who recorded or withdrew one: for those who act on that country's
		 * coverage, as on the pages */
		for (size_t i = 0; i < n; i++)
			if (!acts_on(r, as[i].country)) {
				as[i].recorded_by = NULL;
				as[i].withdrawn_by = NULL;
			}
		return api_send_list(out, "assessments", api_array(as, n, sizeof(*as),
								   assessment_fields), NULL);
	}
	if (!(body = api_body(r, out)) || api_take(r, out, body, keys, f, 4))
		return out->status;
	if (cov_article_ref(r->pool, f[1], &instrument, &number, &e) ||
	    cov_assess(r->store, r->actor, f[0], instrument, number, f[3], f[2], &id, &e) ||
	    cov_assessment_get(r->store, r->pool, id, &as, &e))
		return http_fail(r, out, &e);
	return api_send(out, 201, api_object(as, assessment_fields));
}

/* POST: withdraw assessment :id. */
int api_coverage_withdraw(struct req *r, struct resp *out)
{
	long long id = num_id(r->params[0]);
	struct cov_assessment *as;
	struct err e = { 0 };

	if (!id)
		return http_error(r, out, 404, "there is no assessment with that id");
	if (cov_withdraw(r->store, r->actor, id, &e) ||
	    cov_assessment_get(r->store, r->pool, id, &as, &e))
		return http_fail(r, out, &e);
	return api_send(out, 200, api_object(as, assessment_fields));
}

/* One dispute with its comments. */
static int send_dispute(struct req *r, struct resp *out, int status, long long id)
{
	struct cov_dispute *d;
	struct cov_comment *cs;
	struct err e = { 0 };
	json_t *j;
	size_t n;

	if (cov_dispute_get(r->store, r->pool, id, &d, &e) ||
	    cov_comments(r->store, r->pool, id, &cs, &n, &e))
		return http_fail(r, out, &e);
	j = api_object(d, dispute_fields);
	json_object_set_new(j, "comments", api_array(cs, n, sizeof(*cs), comment_fields));
	return api_send(out, status, j);
}

/* GET ?country=: the disputes (signed in); POST {"country", "article", "text"}: open
 * one (the country's focal point, curators). */
int api_coverage_disputes(struct req *r, struct resp *out)
{
	static const char *const keys[] = { "country", "article", "text" };
	const char *f[3], *instrument, *country = NULL;
	struct cov_dispute *ds;
	struct err e = { 0 };
	json_t *body;
	size_t n;
	long long id;
	int number;

	out->cache_control = "no-store";
	if (!r->actor || !r->actor->user_id)
		return http_error(r, out, 403, "sign in to see disputes");
	if (r->method == HTTP_GET) {
		if (api_country_arg(r, out, &country))
			return out->status;
		if (cov_disputes(r->store, r->pool, country, &ds, &n, &e))
			return http_fail(r, out, &e);
		return api_send_list(out, "disputes", api_array(ds, n, sizeof(*ds),
								dispute_fields), NULL);
	}
	if (!(body = api_body(r, out)) || api_take(r, out, body, keys, f, 3))
		return out->status;
	if (cov_article_ref(r->pool, f[1], &instrument, &number, &e) ||
	    cov_dispute_open(r->store, r->actor, f[0], instrument, number, f[2], &id, &e))
		return http_fail(r, out, &e);
	return send_dispute(r, out, 201, id);
}

/* GET: dispute :id with its comments (signed in); POST {"text"}: comment. */
int api_coverage_dispute(struct req *r, struct resp *out)
{
	static const char *const keys[] = { "text" };
	long long id = num_id(r->params[0]);
	const char *f[1];
	struct err e = { 0 };
	json_t *body;

	out->cache_control = "no-store";
	if (!r->actor || !r->actor->user_id)
		return http_error(r, out, 403, "sign in to see disputes");
	if (!id)
		return http_error(r, out, 404, "there is no dispute with that id");
	if (r->method == HTTP_GET)
		return send_dispute(r, out, 200, id);
	if (!(body = api_body(r, out)) || api_take(r, out, body, keys, f, 1))
		return out->status;
	if (cov_dispute_comment(r->store, r->actor, id, f[0], &e))
		return http_fail(r, out, &e);
	return send_dispute(r, out, 200, id);
}

/* POST {"state": "upheld"|"rejected", "note"}: a curator decides dispute :id. */
int api_coverage_decide(struct req *r, struct resp *out)
{
	static const char *const keys[] = { "state", "note" };
	long long id = num_id(r->params[0]);
	const char *f[2];
	struct err e = { 0 };
	json_t *body;

	if (!id)
		return http_error(r, out, 404, "there is no dispute with that id");
	if (!(body = api_body(r, out)) || api_take(r, out, body, keys, f, 2))
		return out->status;
	if (cov_dispute_decide(r->store, r->actor, id, f[0], f[1], &e))
		return http_fail(r, out, &e);
	return send_dispute(r, out, 200, id);
}
