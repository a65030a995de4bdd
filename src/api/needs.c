/* GET /api/v1/needs: the ranked needs of one country (?country=) or of all countries
 * (?region=, ?topic=, ?target=, ?at=), each with its score and terms, and with
 * ?region= the needs shared by several of its countries (domain/needs.h). */
#include <string.h>

#include "api/api.h"
#include "domain/limits.h"
#include "domain/needs.h"

static const char *arg(const struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v && *v ? v : NULL;
}

static json_t *term_json(const struct need_term *t)
{
	json_t *j = json_object();

	json_object_set_new(j, "weight", json_string(need_weight_defs[t->weight].name));
	json_object_set_new(j, "w", json_real(t->w));
	json_object_set_new(j, "x", json_real(t->x));
	json_object_set_new(j, "value", json_real(t->value));
	if (t->weight == NW_SUBREGION) {
		json_object_set_new(j, "covering", json_integer(t->count));
		json_object_set_new(j, "of", json_integer(t->of));
	}
	return j;
}

static json_t *need_json(pool *p, const struct need *n)
{
	json_t *j = json_object(), *terms = json_array();

	json_object_set_new(j, "country", json_string(n->country));
	json_object_set_new(j, "source", json_string(n->source == NEED_GAP ? "gap" : "stated"));
	json_object_set_new(j, "topic", json_string(n->topic));
	json_object_set_new(j, "target", json_string(n->target));
	if (n->source == NEED_GAP) {
		json_object_set_new(j, "article", api_article_ref(n->article->instrument,
								  n->article->number));
		json_object_set_new(j, "category", json_string(n->article->category));
		json_object_set_new(j, "status", json_string(cov_status_name(n->cell->status)));
		if (n->cell->assessment)
			json_object_set_new(j, "assessment",
					    json_string(n->cell->assessment->note));
	} else {
		json_object_set_new(j, "id", json_integer(n->stated->id));
		json_object_set_new(j, "urgency", json_integer(n->stated->urgency));
		json_object_set_new(j, "note", json_string(n->stated->note));
		json_object_set_new(j, "tlp", json_string(n->stated->tlp));
		json_object_set_new(j, "raised_at", json_string(n->stated->raised_at));
	}
	json_object_set_new(j, "score", json_real(n->score));
	for (size_t i = 0; i < n->nterms; i++)
		json_array_append_new(terms, term_json(&n->terms[i]));
	json_object_set_new(j, "terms", terms);
	json_object_set_new(j, "terms_text", json_string(needs_terms_text(p, n)));
	return j;
}

int api_needs(struct req *r, struct resp *out)
{
	struct needs_query q = { .at = arg(r, "at"), .region = arg(r, "region"),
				 .topic = arg(r, "topic"), .target = arg(r, "target") };
	const char *country = arg(r, "country");
	struct need *v;
	size_t n;
	struct err e = { 0 };
	json_t *j, *arr = json_array();
	int rc;

	out->cache_control = "no-store";
	if (country) {
		q.region = NULL;
		rc = needs_country(r->store, r->pool, r->actor, needs_weights(), country, &q, &v,
				   &n, &e);
	} else {
		rc = needs_all(r->store, r->pool, r->actor, needs_weights(), &q, &v, &n, &e);
	}
	if (rc) {
		json_decref(arr);
		return http_fail(r, out, &e);
	}
	for (size_t i = 0; i < n && (country || i < LIMIT_NEED_PAGE); i++)
		json_array_append_new(arr, need_json(r->pool, &v[i]));
	j = json_object();
	json_object_set_new(j, "formula", json_string(NEEDS_FORMULA));
	json_object_set_new(j, "count", json_integer((json_int_t)n));
	json_object_set_new(j, "needs", arr);
	if (q.region && !country) {
		struct need_shared *sh;
		size_t nsh;
		json_t *sa = json_array();

		needs_shared(r->pool, v, n, 2, &sh, &nsh);
		for (size_t i = 0; i < nsh && i < LIMIT_NEED_PAGE; i++) {
			json_t *o = json_object(), *cs = json_array();

			if (sh[i].article)
				json_object_set_new(o, "article", api_article_ref(
						    sh[i].article->instrument, sh[i].article->number));
			json_object_set_new(o, "topic", json_string(sh[i].topic));
			for (size_t k = 0; k < sh[i].ncountries; k++)
				json_array_append_new(cs, json_string(sh[i].countries[k]));
			json_object_set_new(o, "countries", cs);
			json_object_set_new(o, "score", json_real(sh[i].score));
			json_array_append_new(sa, o);
		}
		json_object_set_new(j, "shared", sa);
	}
	return api_send(out, 200, j);
}
