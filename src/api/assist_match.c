/* /api/v1/assistance: offers, suggestions, matches, evaluations and duplication
 * warnings (domain/assist.h, assist_match.c). Offers are public; the rest is read
 * through the request it belongs to, as the domain lets the asker read it. */
#include <limits.h>
#include <string.h>

#include "api/assist_impl.h"
#include "domain/country.h"
#include "domain/needs.h"
#include "domain/record.h"
#include "domain/user.h"

/* ---- offers ---- */

static json_t *offer_list_of(const void *obj, size_t off)
{
	return api_assist_list(*(const char *const *)(const void *)((const char *)obj + off));
}

static json_t *offer_topics(const void *obj)
{
	return offer_list_of(obj, offsetof(struct assist_offer, topics));
}

static json_t *offer_regions(const void *obj)
{
	return offer_list_of(obj, offsetof(struct assist_offer, regions));
}

static json_t *offer_languages(const void *obj)
{
	return offer_list_of(obj, offsetof(struct assist_offer, languages));
}

static json_t *offer_modes(const void *obj)
{
	return offer_list_of(obj, offsetof(struct assist_offer, modes));
}

static const struct api_field offer_fields[] = {
	API_FIELD(struct assist_offer, id, API_LLONG),
	API_FIELD(struct assist_offer, org, API_LLONG),
	API_FIELD(struct assist_offer, org_name, API_STR_NULL),
	API_FIELD(struct assist_offer, title, API_STR),
	API_COMPUTED("topics", offer_topics),
	API_COMPUTED("regions", offer_regions),
	API_COMPUTED("languages", offer_languages),
	API_COMPUTED("modes", offer_modes),
	API_FIELD(struct assist_offer, capacity, API_LLONG),
	API_FIELD(struct assist_offer, period_from, API_STR_NULL),
	API_FIELD(struct assist_offer, period_to, API_STR_NULL),
	API_FIELD(struct assist_offer, created_at, API_STR_NULL),
	API_FIELD(struct assist_offer, withdrawn_at, API_STR_NULL),
	API_END
};

/* Who made and withdrew it: for its organisation and curators. */
static const struct api_field offer_names[] = {
	API_FIELD(struct assist_offer, created_by, API_STR_NULL),
	API_FIELD(struct assist_offer, withdrawn_by, API_STR_NULL),
	API_END
};

json_t *api_assist_offer_json(struct req *r, const struct assist_offer *o)
{
	const struct actor *a = r->actor;
	json_t *j = api_object(o, offer_fields);

	if (a && a->user_id && (a->org_id == o->org || a->role == ROLE_CURATOR ||
				a->role == ROLE_ADMIN))
		api_fields(j, o, offer_names);
	return j;
}

static const struct api_assist_member offer_members[] = {
	{ "org", AAK_STR, offsetof(struct assist_offer_in, org) },
	{ "title", AAK_STR, offsetof(struct assist_offer_in, title) },
	{ "topics", AAK_LIST, offsetof(struct assist_offer_in, topics) },
	{ "regions", AAK_LIST, offsetof(struct assist_offer_in, regions) },
	{ "languages", AAK_LIST, offsetof(struct assist_offer_in, languages) },
	{ "modes", AAK_LIST, offsetof(struct assist_offer_in, modes) },
	{ "capacity", AAK_WHOLE, offsetof(struct assist_offer_in, capacity) },
	{ "period_from", AAK_STR, offsetof(struct assist_offer_in, period_from) },
	{ "period_to", AAK_STR, offsetof(struct assist_offer_in, period_to) },
	{ NULL, AAK_STR, 0 }
};

static int send_offer(struct req *r, struct resp *out, int status, long long id)
{
	struct assist_offer *o;
	struct err e = { 0 };

	if (assist_offer_get(r->store, r->pool, id, &o, &e))
		return api_assist_fail(r, out, &e);
	return api_send(out, status, api_assist_offer_json(r, o));
}

/* POST: a new offer (offer_members; org: the asker's own when absent). */
static int create_offer(struct req *r, struct resp *out)
{
	struct assist_offer_in in;
	struct err e = { 0 };
	json_t *body;
	long long id;
	int rc;

	if (api_assist_signed_in(r, out) ||
	    !(body = api_assist_body(r, out, API_ASSIST_BODY_MAX, offer_members, NULL, 0, 0)))
		return out->status;
	memset(&in, 0, sizeof(in));
	rc = api_assist_take(r, out, body, offer_members, &in);
	json_decref(body);
	if (rc)
		return rc;
	if (assist_offer_add(r->store, r->pool, r->actor, &in, &id, &e))
		return api_assist_fail(r, out, &e);
	out->location = pool_printf(r->pool, "/api/v1/assistance/offers/%lld", id);
	return send_offer(r, out, 201, id);
}

/* GET: the offers, newest first (?all=true: withdrawn ones too; ?topic=). POST: a
 * new one. */
int api_assist_offers(struct req *r, struct resp *out)
{
	const char *all = req_arg(r, "all"), *topic = req_arg(r, "topic");
	struct assist_offer *o;
	struct err e = { 0 };
	size_t n, k = 0;
	json_t *arr;

	out->cache_control = "no-store";
	if (r->method == HTTP_POST)
		return create_offer(r, out);
	if (all && *all && strcmp(all, "true") && strcmp(all, "false"))
		return http_error(r, out, 400, "all: true or false");
	if (topic && *topic && !needs_topic(topic))
		return http_error(r, out, 400, pool_printf(r->pool, "topic: '%.40s' is not one "
							   "of the topics", topic));
	if (assist_offer_list(r->store, r->pool, all && !strcmp(all, "true"), &o, &n, &e))
		return api_assist_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		if (!topic || !*topic || assist_list_has(o[i].topics, topic)) {
			json_array_append_new(arr, api_assist_offer_json(r, &o[i]));
			k++;
		}
	return api_send(out, 200, json_pack("{s:I, s:o}", "count", (json_int_t)k, "offers",
					    arr));
}

/* GET: offer :id. */
int api_assist_offer(struct req *r, struct resp *out)
{
	long long id;

	if (api_assist_id(r, out, "offer", &id))
		return out->status;
	return send_offer(r, out, 200, id);
}

/* POST: withdraw offer :id (its organisation, curators); 200 with it. */
int api_assist_offer_withdraw(struct req *r, struct resp *out)
{
	struct err e = { 0 };
	json_t *body;
	long long id;

	if (api_assist_id(r, out, "offer", &id) || api_assist_signed_in(r, out) ||
	    !(body = api_assist_body(r, out, API_ASSIST_BODY_MAX, NULL, NULL, 0, 1)))
		return out->status;
	json_decref(body);
	if (assist_offer_withdraw(r->store, r->pool, r->actor, id, &e))
		return api_assist_fail(r, out, &e);
	return send_offer(r, out, 200, id);
}

/* ---- suggestions ---- */

static json_t *suggestion_json(struct req *r, const struct assist_suggestion *sg)
{
	json_t *terms = json_array();

	for (int k = 0; k < AWT_COUNT; k++) {
		const struct assist_term *t = &sg->terms[k];

		json_array_append_new(terms, json_pack("{s:s, s:f, s:f, s:f, s:o}", "weight",
						       assist_weights[t->weight].name, "w", t->w,
						       "x", t->x, "value", t->value, "why",
						       api_str(t->why)));
	}
	return json_pack("{s:o, s:f, s:I, s:i, s:o, s:s}", "offer",
			 api_assist_offer_json(r, sg->offer), "score", sg->score,
			 "capacity_left", (json_int_t)sg->capacity_left, "year", sg->year,
			 "terms", terms, "reasons", assist_reasons(r->pool, sg));
}

/* GET: the offers suggested for request :id, best first, each with its terms and
 * its reasons in words. */
int api_assist_suggestions(struct req *r, struct resp *out)
{
	struct assist_suggestion *sg;
	struct err e = { 0 };
	size_t n;
	long long id;
	json_t *arr;

	if (api_assist_id(r, out, "request", &id))
		return out->status;
	if (assist_suggest(r->store, r->pool, r->actor, id, &sg, &n, &e))
		return api_assist_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, suggestion_json(r, &sg[i]));
	return api_send(out, 200, json_pack("{s:I, s:I, s:o}", "request", (json_int_t)id,
					    "count", (json_int_t)n, "suggestions", arr));
}

/* ---- matches ---- */

static json_t *match_status(const void *obj)
{
	return json_string(assist_match_status_names[((const struct assist_match *)obj)->status]);
}

static json_t *match_score(const void *obj)
{
	return json_real(((const struct assist_match *)obj)->score);
}

static const struct api_field match_fields[] = {
	API_FIELD(struct assist_match, id, API_LLONG),
	API_FIELD(struct assist_match, request, API_LLONG),
	API_FIELD(struct assist_match, offer, API_LLONG),
	API_FIELD(struct assist_match, org, API_LLONG),
	API_COMPUTED("status", match_status),
	API_COMPUTED("score", match_score),
	API_FIELD(struct assist_match, comment, API_STR_NULL),
	API_FIELD(struct assist_match, confirmed_at, API_STR_NULL),
	API_FIELD(struct assist_match, answered_at, API_STR_NULL),
	API_END
};

static const struct api_field match_names[] = {
	API_FIELD(struct assist_match, confirmed_by, API_STR_NULL),
	API_FIELD(struct assist_match, answered_by, API_STR_NULL),
	API_END
};

/* Match m with its offer's title and organisation; names when names. */
static json_t *match_json(struct req *r, const struct assist_match *m, int names)
{
	struct assist_offer *o;
	json_t *j = api_object(m, match_fields);

	if (!assist_offer_get(r->store, r->pool, m->offer, &o, NULL)) {
		json_object_set_new(j, "org_name", api_str(o->org_name));
		json_object_set_new(j, "offer_title", api_str(o->title));
	}
	return names ? api_fields(j, m, match_names) : j;
}

/* The matches of request id as the asker reads them: into *j the list (or the one
 * match only), answered with status. */
static int send_matches(struct req *r, struct resp *out, int status, long long id,
			long long only)
{
	struct assist_request *x;
	struct assist_match *m;
	struct err e = { 0 };
	size_t n;
	json_t *arr;
	int names;

	if (assist_request_get(r->store, r->pool, r->actor, id, &x, &e) ||
	    assist_matches(r->store, r->pool, r->actor, id, &m, &n, &e))
		return api_assist_fail(r, out, &e);
	names = api_assist_acts(r, x);
	if (only) {
		for (size_t i = 0; i < n; i++)
			if (m[i].id == only)
				return api_send(out, status, match_json(r, &m[i], names));
		return http_error(r, out, 404, pool_printf(r->pool, "no match %lld", only));
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, match_json(r, &m[i], names));
	return api_send(out, status, json_pack("{s:I, s:I, s:o}", "request", (json_int_t)id,
					       "count", (json_int_t)n, "matches", arr));
}

/* GET: the matches of request :id. POST {"offer": id}: a curator confirms that
 * offer for it; 201 with the match. */
int api_assist_matches(struct req *r, struct resp *out)
{
	static const char *const keys[] = { "offer" };
	struct err e = { 0 };
	json_t *body;
	long long id, offer = 0, mid;
	int rc;

	if (api_assist_id(r, out, "request", &id))
		return out->status;
	if (r->method != HTTP_POST)
		return send_matches(r, out, 200, id, 0);
	if (api_assist_signed_in(r, out) ||
	    !(body = api_assist_body(r, out, API_ASSIST_BODY_MAX, NULL, keys, 1, 0)))
		return out->status;
	rc = api_assist_whole(r, out, body, "offer", 1, LLONG_MAX, 1, &offer);
	json_decref(body);
	if (rc)
		return rc;
	if (assist_match_confirm(r->store, r->pool, r->actor, id, offer, &mid, &e))
		return api_assist_fail(r, out, &e);
	out->location = pool_printf(r->pool, "/api/v1/assistance/requests/%lld/matches", id);
	return send_matches(r, out, 201, id, mid);
}

/* POST {"comment"?}: the provider accepts or declines (the route's data) match :id;
 * 200 with {"id", "status", "comment"}. Refused to anyone else: as the match is read
 * through its request, one who is not a curator learns nothing of it (404). */
int api_assist_match_answer(struct req *r, struct resp *out)
{
	static const char *const keys[] = { "comment" };
	const char *comment = NULL;
	int accept = r->route_data && !strcmp(r->route_data, "accept");
	struct err e = { 0 };
	json_t *body;
	long long id;

	if (api_assist_id(r, out, "match", &id) || api_assist_signed_in(r, out))
		return out->status;
	/* before the match is looked up: the answer is the same whether it exists */
	if (r->actor->read_only)
		return http_error(r, out, 403, "this API token may only read");
	if (!(body = api_assist_body(r, out, API_ASSIST_BODY_MAX, NULL, keys, 1, 1)) ||
	    api_take(r, out, body, keys, &comment, 1))
		return out->status;
	if (assist_match_answer(r->store, r->pool, r->actor, id, accept, comment, &e)) {
		if (e.code == ERR_FORBIDDEN && r->actor->role != ROLE_CURATOR &&
		    r->actor->role != ROLE_ADMIN)
			return http_error(r, out, 404, pool_printf(r->pool, "no match %lld", id));
		return api_assist_fail(r, out, &e);
	}
	return api_send(out, 200, json_pack("{s:I, s:s, s:o}", "id", (json_int_t)id, "status",
					    assist_match_status_names[accept ? AM_ACCEPTED :
								      AM_DECLINED],
					    "comment", api_str(comment)));
}

/* ---- evaluation ---- */

/* POST {"org", "rating": 1-5, "closed_needs"?: [refs]}: the beneficiary rates the
 * provider org on request :id and names the needs it closed; 200 with the request. */
int api_assist_evaluation(struct req *r, struct resp *out)
{
	static const struct api_assist_member members[] = {
		{ "org", AAK_STR, 0 },
		{ "closed_needs", AAK_LIST, sizeof(const char *) },
		{ NULL, AAK_STR, 0 }
	};
	static const char *const extra[] = { "rating" };
	const char *f[2];
	struct assist_request *x;
	struct err e = { 0 };
	json_t *body;
	long long id, rating = 0;
	int rc;

	if (api_assist_id(r, out, "request", &id) || api_assist_signed_in(r, out) ||
	    !(body = api_assist_body(r, out, API_ASSIST_BODY_MAX, members, extra, 1, 0)))
		return out->status;
	rc = api_assist_whole(r, out, body, "rating", 1, 5, 1, &rating);
	if (!rc)
		rc = api_assist_take(r, out, body, members, f);
	json_decref(body);
	if (rc)
		return rc;
	if (assist_evaluate(r->store, r->pool, r->actor, id, f[0], (int)rating,
			    f[1] ? f[1] : "", &e) ||
	    assist_request_get(r->store, r->pool, r->actor, id, &x, &e))
		return api_assist_fail(r, out, &e);
	return api_send(out, 200, api_assist_request_json(r, x));
}

/* ---- overlaps ---- */

static const char *const overlap_kinds[] = { [AO_BENEFICIARY] = "beneficiary",
					     [AO_TARGET] = "target" };

/* A request as an overlap names it: enough to find it and see why. */
static json_t *overlap_side(const struct assist_request *x)
{
	char from[11], to[11];

	assist_period(x, from, to);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "id",
			 (json_int_t)x->id, "country", x->country, "title", x->title, "topic",
			 x->topic, "beneficiary", x->beneficiary, "targets",
			 api_assist_list(x->targets), "stage", assist_stage_names[x->stage],
			 "from", from, "to", to);
}

/* GET: the pairs of requests that may duplicate each other, among those the asker
 * may read (?country=). */
int api_assist_overlaps(struct req *r, struct resp *out)
{
	const char *country = req_arg(r, "country");
	struct assist_overlap *ov;
	struct country *c;
	struct err e = { 0 };
	size_t n;
	json_t *arr;

	out->cache_control = "no-store";
	if (country && !*country)
		country = NULL;
	if (country && country_get(r->store, r->pool, country, &c, NULL))
		return http_error(r, out, 400, pool_printf(r->pool, "country: no country with "
							   "code '%.20s'", country));
	if (assist_overlaps(r->store, r->pool, r->actor, country, &ov, &n, &e))
		return api_assist_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:o, s:o, s:o}", "kind",
						     overlap_kinds[ov[i].kind], "target",
						     api_str(ov[i].target), "a",
						     overlap_side(ov[i].a), "b",
						     overlap_side(ov[i].b)));
	return api_send(out, 200, json_pack("{s:I, s:o}", "count", (json_int_t)n, "overlaps",
					    arr));
}
