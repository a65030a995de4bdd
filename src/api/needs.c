/* GET /api/v1/needs: the ranked needs of one country (?country=) or of all countries
 * (?region=, ?topic=, ?target=, ?at=), each with its score and terms, and with
 * ?region= the needs shared by several of its countries (domain/needs.h). POST
 * /api/v1/needs states a need, POST /api/v1/needs/:id/close closes one as met. */
#include <limits.h>
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
	json_object_set_new(j, "source", json_string(need_source_names[n->source]));
	json_object_set_new(j, "dimension", json_string(n->dimension));
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
	} else if (n->source == NEED_ANSWER) {
		json_object_set_new(j, "campaign", json_integer(n->campaign->id));
		json_object_set_new(j, "question", json_string(n->question->id));
		json_object_set_new(j, "answer", json_string(n->value->value));
		json_object_set_new(j, "evidence", api_str(n->value->evidence));
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

/* A stated need as the API shows it. */
static json_t *stated_json(const struct need_stated *n)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(n->id));
	json_object_set_new(j, "country", json_string(n->country));
	json_object_set_new(j, "topic", json_string(n->topic));
	json_object_set_new(j, "target", json_string(n->target));
	json_object_set_new(j, "urgency", json_integer(n->urgency));
	json_object_set_new(j, "note", json_string(n->note));
	json_object_set_new(j, "tlp", json_string(n->tlp));
	json_object_set_new(j, "raised_at", json_string(n->raised_at));
	json_object_set_new(j, "closed_at", api_str(n->closed_at));
	json_object_set_new(j, "close_note", api_str(n->close_note));
	return j;
}

/* The stated need id, as the asker reads it, with status. */
static int send_stated(struct req *r, struct resp *out, int status, long long id)
{
	struct need_stated *n;
	struct err e = { 0 };

	if (needs_get(r->store, r->pool, r->actor, id, &n, &e))
		return http_fail(r, out, &e);
	return api_send(out, status, stated_json(n));
}

/* POST {"country", "topic", "target", "urgency": 1-3, "note", "tlp"?}: state a need. */
static int state(struct req *r, struct resp *out)
{
	static const char *const keys[] = { "country", "topic", "target", "note", "tlp" };
	const char *f[5];
	struct need_stated in = { 0 };
	struct err e = { 0 };
	json_t *body = api_body(r, out), *u;
	long long id;

	if (!body)
		return out->status;
	u = json_object_get(body, "urgency");
	if (!json_is_integer(u) || json_integer_value(u) < 1 || json_integer_value(u) > 3) {
		json_decref(body);
		return http_error(r, out, 400, "urgency: 1, 2 or 3");
	}
	in.urgency = (int)json_integer_value(u);
	if (api_take(r, out, body, keys, f, 5))
		return out->status;
	in.country = f[0];
	in.topic = f[1];
	in.target = f[2];
	in.note = f[3] ? f[3] : "";
	in.tlp = f[4];
	if (needs_state(r->store, r->actor, &in, &id, &e))
		return http_fail(r, out, &e);
	return send_stated(r, out, 201, id);
}

/* POST {"note"?}: close stated need :id as met. */
int api_need_close(struct req *r, struct resp *out)
{
	static const char *const keys[] = { "note" };
	const char *f[1];
	long long id;
	struct err e = { 0 };
	json_t *body;

	out->cache_control = "no-store";
	if (num_parse(r->params[0], 1, LLONG_MAX, &id))
		return http_error(r, out, 404, "There is no such need.");
	if (!(body = api_body(r, out)) || api_take(r, out, body, keys, f, 1))
		return out->status;
	if (needs_close(r->store, r->actor, id, f[0] ? f[0] : "", &e))
		return http_fail(r, out, &e);
	return send_stated(r, out, 200, id);
}

int api_needs(struct req *r, struct resp *out)
{
	struct needs_query q = { .at = arg(r, "at"), .region = arg(r, "region"),
				 .topic = arg(r, "topic"), .target = arg(r, "target"),
				 .dimension = arg(r, "dimension") };
	const char *country = arg(r, "country");
	struct need *v;
	size_t n;
	struct err e = { 0 };
	json_t *j, *arr = json_array();
	int rc;

	out->cache_control = "no-store";
	if (r->method == HTTP_POST) {
		json_decref(arr);
		return state(r, out);
	}
	if (country) {
		q.region = NULL;
		rc = needs_country(r->store, r->pool, r->actor, NULL, country, &q, &v,
				   &n, &e);
	} else {
		rc = needs_all(r->store, r->pool, r->actor, NULL, &q, &v, &n, &e);
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

/* The weights in force as {"NAME": {"value", "what"}}. */
static int send_weights(struct req *r, struct resp *out)
{
	struct need_weights w;
	struct err e = { 0 };
	json_t *j = json_object();

	if (needs_weights_current(r->store, &w, &e)) {
		json_decref(j);
		return http_fail(r, out, &e);
	}
	for (size_t i = 0; i < NEED_WEIGHT_COUNT; i++)
		json_object_set_new(j, need_weight_defs[i].name,
				    json_pack("{s:f, s:s}", "value", w.w[i], "what",
					      need_weight_defs[i].help));
	return api_send(out, 200, json_pack("{s:o, s:s}", "weights", j, "formula",
					    NEEDS_FORMULA));
}

/* GET the weights; PUT {"NAME": number, ...} changes those named (a curator), {}
 * resets them to the settings'. */
int api_need_weights(struct req *r, struct resp *out)
{
	struct sbuf list;
	struct err e = { 0 };
	const char *key;
	json_t *body, *v;
	int rc = 0;

	out->cache_control = "no-store";
	if (r->method != HTTP_PUT)
		return send_weights(r, out);
	if (!(body = api_body(r, out)))
		return out->status;
	sbuf_init(&list);
	json_object_foreach(body, key, v) {
		if (!json_is_number(v)) {
			rc = http_error(r, out, 400, pool_printf(r->pool, "%.60s: a number", key));
			break;
		}
		sbuf_addf(&list, "%s%.60s=%.17g", list.len ? "," : "", key, json_number_value(v));
	}
	json_decref(body);
	if (!rc && needs_weights_save(r->store, r->actor, sbuf_str(&list), &e))
		rc = http_fail(r, out, &e);
	sbuf_release(&list);
	return rc ? rc : send_weights(r, out);
}
