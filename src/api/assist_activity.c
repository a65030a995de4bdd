/* /api/v1/assistance: activities and trainings under a request, their evaluation,
 * the attendance lists and the people trained (domain/assist.h, assist_activity.c).
 * An activity is read as its request is. The attendance list is RED: its names are
 * answered on their own endpoint only, to those the domain lets read them (each read
 * audited), and never inside an activity, a list or a total, which carry the count. */
#include <limits.h>
#include <string.h>

#include "api/assist_impl.h"
#include "domain/country.h"
#include "domain/record.h"

/* ---- encoding ---- */

/* A score in tenths (725) as its text ("72.5"), or null for -1. */
static json_t *score_json(struct req *r, int tenths)
{
	if (tenths < 0)
		return json_null();
	return json_string(pool_printf(r->pool, "%d.%d", tenths / 10, tenths % 10));
}

/* The training record of act: participants by role and gender, per role, per gender,
 * the total (and the declared one), the scores; null while there is none. */
static json_t *training_json(struct req *r, const struct assist_activity *act, int names)
{
	json_t *j, *parts, *roles, *genders;
	long long role[AR_COUNT] = { 0 }, gender[AG_COUNT] = { 0 }, total = 0;

	if (!act->trained_at)
		return json_null();
	parts = json_object();
	for (int i = 0; i < AR_COUNT; i++) {
		json_t *o = json_object();

		for (int g = 0; g < AG_COUNT; g++) {
			json_object_set_new(o, assist_gender_names[g],
					    json_integer(act->count[i][g]));
			role[i] += act->count[i][g];
			gender[g] += act->count[i][g];
			total += act->count[i][g];
		}
		json_object_set_new(parts, assist_role_names[i], o);
	}
	roles = json_object();
	for (int i = 0; i < AR_COUNT; i++)
		json_object_set_new(roles, assist_role_names[i], json_integer(role[i]));
	genders = json_object();
	for (int g = 0; g < AG_COUNT; g++)
		json_object_set_new(genders, assist_gender_names[g], json_integer(gender[g]));
	j = json_object();
	json_object_set_new(j, "participants", parts);
	json_object_set_new(j, "by_role", roles);
	json_object_set_new(j, "by_gender", genders);
	json_object_set_new(j, "total", json_integer(total));
	json_object_set_new(j, "declared", act->declared >= 0 ?
			    json_integer(act->declared) : json_null());
	json_object_set_new(j, "pre", score_json(r, act->pre));
	json_object_set_new(j, "post", score_json(r, act->post));
	json_object_set_new(j, "trained_at", json_string(act->trained_at));
	if (names)
		json_object_set_new(j, "trained_by", api_str(act->trained_by));
	return j;
}

/* Activity act as the API shows it: the attendance list as its count, never its
 * names; who did what for those who act on its request (names). */
static json_t *activity_json(struct req *r, const struct assist_activity *act, int names)
{
	json_t *j = json_object(), *prov = json_array();

	for (size_t i = 0; i < act->nproviders; i++)
		json_array_append_new(prov, json_pack("{s:I, s:o}", "id",
						      (json_int_t)act->providers[i].id, "name",
						      api_str(act->providers[i].name)));
	json_object_set_new(j, "id", json_integer(act->id));
	json_object_set_new(j, "request", json_integer(act->request));
	json_object_set_new(j, "country", api_str(act->country));
	json_object_set_new(j, "title", api_str(act->title));
	json_object_set_new(j, "description", api_str(act->description));
	json_object_set_new(j, "date_from", api_str(act->date_from));
	json_object_set_new(j, "date_to", api_str(act->date_to));
	json_object_set_new(j, "mode", api_str(act->mode));
	json_object_set_new(j, "place", api_str(act->place));
	json_object_set_new(j, "language", api_str(act->language));
	json_object_set_new(j, "providers", prov);
	json_object_set_new(j, "training", training_json(r, act, names));
	json_object_set_new(j, "attendance", json_integer(act->attendance));
	if (act->rating) {
		json_t *ev = json_pack("{s:i, s:o, s:o}", "rating", act->rating, "closed_needs",
				       api_assist_list(act->closed_needs), "evaluated_at",
				       api_str(act->evaluated_at));

		if (names)
			json_object_set_new(ev, "evaluated_by", api_str(act->evaluated_by));
		json_object_set_new(j, "evaluation", ev);
	} else {
		json_object_set_new(j, "evaluation", json_null());
	}
	json_object_set_new(j, "created_at", api_str(act->created_at));
	if (names)
		json_object_set_new(j, "created_by", api_str(act->created_by));
	return j;
}

/* Whether r's asker acts on request id (as api_assist_acts); 0 when it cannot be
 * read. */
static int acts_on(struct req *r, long long id)
{
	struct assist_request *x;

	return !assist_request_get(r->store, r->pool, r->actor, id, &x, NULL) &&
	       api_assist_acts(r, x);
}

/* Activity aid as the asker reads it, answered with status. */
static int send_activity(struct req *r, struct resp *out, int status, long long aid)
{
	struct assist_activity *act;
	struct err e = { 0 };

	if (assist_activity_get(r->store, r->pool, r->actor, aid, &act, &e))
		return api_assist_fail(r, out, &e);
	return api_send(out, status, activity_json(r, act, acts_on(r, act->request)));
}

/* ---- activities ---- */

static const struct api_assist_member activity_members[] = {
	{ "title", AAK_STR, offsetof(struct assist_activity_in, title) },
	{ "description", AAK_STR, offsetof(struct assist_activity_in, description) },
	{ "date_from", AAK_STR, offsetof(struct assist_activity_in, date_from) },
	{ "date_to", AAK_STR, offsetof(struct assist_activity_in, date_to) },
	{ "mode", AAK_STR, offsetof(struct assist_activity_in, mode) },
	{ "place", AAK_STR, offsetof(struct assist_activity_in, place) },
	{ "language", AAK_STR, offsetof(struct assist_activity_in, language) },
	{ NULL, AAK_STR, 0 }
};

/* Member "providers" of body, a list of organisation names, into in; 400 naming it
 * otherwise. */
static int take_providers(struct req *r, struct resp *out, json_t *body,
			  struct assist_activity_in *in)
{
	json_t *v = json_object_get(body, "providers"), *item;
	const char **names;
	size_t i;

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_array(v) || json_array_size(v) > LIMIT_ASSIST_PROVIDERS)
		return http_error(r, out, 400, pool_printf(r->pool, "providers: a list of at "
							   "most %d organisation names",
							   LIMIT_ASSIST_PROVIDERS));
	names = pool_calloc(r->pool, json_array_size(v) + 1, sizeof(*names));
	json_array_foreach(v, i, item) {
		if (!json_is_string(item) || strlen(json_string_value(item)) !=
					     json_string_length(item))
			return http_error(r, out, 400, pool_printf(r->pool, "providers[%zu]: an "
								   "organisation's name", i));
		names[i] = pool_strdup(r->pool, json_string_value(item));
	}
	in->providers = names;
	in->nproviders = json_array_size(v);
	return 0;
}

/* POST: an activity under request id (activity_members and "providers"); 201. */
static int create_activity(struct req *r, struct resp *out, long long id)
{
	static const char *const extra[] = { "providers" };
	struct assist_activity_in in;
	struct err e = { 0 };
	json_t *body;
	long long aid;
	int rc;

	if (api_assist_signed_in(r, out) ||
	    !(body = api_assist_body(r, out, API_ASSIST_BODY_MAX, activity_members, extra, 1,
				     0)))
		return out->status;
	memset(&in, 0, sizeof(in));
	rc = api_assist_take(r, out, body, activity_members, &in);
	if (!rc)
		rc = take_providers(r, out, body, &in);
	json_decref(body);
	if (rc)
		return rc;
	if (assist_activity_add(r->store, r->pool, r->actor, id, &in, &aid, &e))
		return api_assist_fail(r, out, &e);
	out->location = pool_printf(r->pool, "/api/v1/assistance/activities/%lld", aid);
	return send_activity(r, out, 201, aid);
}

/* The activities of request (0: of country, or all) as the asker reads them. */
static int send_activities(struct req *r, struct resp *out, long long request,
			   const char *country)
{
	struct assist_activity *act;
	struct err e = { 0 };
	size_t n;
	long long last = 0;
	json_t *arr;
	int names = 0;

	if (assist_activity_list(r->store, r->pool, r->actor, request, country, &act, &n, &e))
		return api_assist_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		if (act[i].request != last) {
			last = act[i].request;
			names = acts_on(r, last);
		}
		json_array_append_new(arr, activity_json(r, &act[i], names));
	}
	return api_send(out, 200, json_pack("{s:I, s:o}", "count", (json_int_t)n,
					    "activities", arr));
}

/* GET: the activities of request :id, oldest first. POST: add one. */
int api_assist_request_activities(struct req *r, struct resp *out)
{
	long long id;

	if (api_assist_id(r, out, "request", &id))
		return out->status;
	if (r->method == HTTP_POST)
		return create_activity(r, out, id);
	return send_activities(r, out, id, NULL);
}

/* GET: the activities the asker may read, of ?country= when given. */
int api_assist_activities(struct req *r, struct resp *out)
{
	const char *country = req_arg(r, "country");
	struct country *c;

	out->cache_control = "no-store";
	if (country && *country && country_get(r->store, r->pool, country, &c, NULL))
		return http_error(r, out, 400, pool_printf(r->pool, "country: no country with "
							   "code '%.20s'", country));
	return send_activities(r, out, 0, country && *country ? c->alpha2 : NULL);
}

/* GET: activity :id. */
int api_assist_activity(struct req *r, struct resp *out)
{
	long long aid;

	if (api_assist_id(r, out, "activity", &aid))
		return out->status;
	return send_activity(r, out, 200, aid);
}

/* ---- training ---- */

/* "participants": {"police": {"female": 3, "m": 2}, ...} into in's counts (pool
 * text), or the compact text "police:f=3,m=2;judge:f=1"; 400 naming the member. */
static int take_participants(struct req *r, struct resp *out, json_t *v,
			     struct assist_training_in *in)
{
	const char *rk, *gk;
	json_t *genders, *n;
	struct err e = { 0 };

	if (json_is_string(v)) {
		if (assist_participants_parse(r->pool, json_string_value(v), in, &e))
			return http_error(r, out, 400, e.msg);
		return 0;
	}
	if (!json_is_object(v))
		return http_error(r, out, 400, "participants: an object {\"police\": {\"female\": "
				  "3, \"male\": 2}, ...} or the text \"police:f=3,m=2\"");
	json_object_foreach(v, rk, genders) {
		int role = assist_role_parse(rk);

		if (role < 0)
			return http_error(r, out, 400, pool_printf(r->pool, "participants.%.40s: not "
				"one of the roles police, prosecutor, judge, cert, other", rk));
		if (!json_is_object(genders))
			return http_error(r, out, 400, pool_printf(r->pool, "participants.%s: an "
				"object {\"female\": 3, \"male\": 2, \"other\": 0}", rk));
		json_object_foreach(genders, gk, n) {
			int g = assist_gender_parse(gk);

			if (g < 0)
				return http_error(r, out, 400, pool_printf(r->pool, "participants."
					"%s.%.40s: not one of the genders female, male, other", rk,
					gk));
			if (!json_is_integer(n))
				return http_error(r, out, 400, pool_printf(r->pool, "participants."
					"%s.%s: a whole number", rk, gk));
			if (in->count[role][g])
				return http_error(r, out, 400, pool_printf(r->pool, "participants."
					"%s: %s is counted twice", rk, assist_gender_names[g]));
			in->count[role][g] = pool_printf(r->pool, "%lld",
							 (long long)json_integer_value(n));
		}
	}
	return 0;
}

/* PUT (or POST) {"participants", "total"?, "pre"?, "post"?}: record (or replace) the
 * training record of activity :id; 200 with the activity. */
int api_assist_training(struct req *r, struct resp *out)
{
	static const struct api_assist_member members[] = {
		{ "total", AAK_WHOLE, offsetof(struct assist_training_in, total) },
		{ "pre", AAK_AMOUNT, offsetof(struct assist_training_in, pre) },
		{ "post", AAK_AMOUNT, offsetof(struct assist_training_in, post) },
		{ NULL, AAK_STR, 0 }
	};
	static const char *const extra[] = { "participants" };
	struct assist_training_in in;
	struct err e = { 0 };
	json_t *body, *v;
	long long aid;
	int rc;

	if (api_assist_id(r, out, "activity", &aid) || api_assist_signed_in(r, out) ||
	    !(body = api_assist_body(r, out, API_ASSIST_BODY_MAX, members, extra, 1, 0)))
		return out->status;
	memset(&in, 0, sizeof(in));
	rc = api_assist_take(r, out, body, members, &in);
	if (!rc && (v = json_object_get(body, "participants")) && !json_is_null(v))
		rc = take_participants(r, out, v, &in);
	json_decref(body);
	if (rc)
		return rc;
	if (assist_training_set(r->store, r->pool, r->actor, aid, &in, &e))
		return api_assist_fail(r, out, &e);
	return send_activity(r, out, 200, aid);
}

/* ---- attendance (RED) ---- */

/* The names of activity aid, to those who may read them, answered with status. */
static int send_attendance(struct req *r, struct resp *out, int status, long long aid)
{
	const char **names;
	struct err e = { 0 };
	size_t n;
	json_t *arr;

	if (assist_attendance_get(r->store, r->pool, r->actor, aid, &names, &n, &e))
		return api_assist_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(names[i]));
	out->cache_control = "no-store, private";
	return api_send(out, status, json_pack("{s:I, s:s, s:I, s:o}", "activity",
					       (json_int_t)aid, "tlp", "RED", "count",
					       (json_int_t)n, "names", arr));
}

/* GET: the attendance list of activity :id (curators and its providers; 403 for
 * others who read the activity, 404 for those who do not). PUT {"names": [...]}:
 * replace it. */
int api_assist_attendance(struct req *r, struct resp *out)
{
	static const char *const keys[] = { "names" };
	const char **names;
	struct err e = { 0 };
	json_t *body, *list, *item;
	long long aid;
	size_t i;

	if (api_assist_id(r, out, "activity", &aid))
		return out->status;
	if (r->method != HTTP_PUT)
		return send_attendance(r, out, 200, aid);
	if (api_assist_signed_in(r, out) ||
	    !(body = api_assist_body(r, out, API_ASSIST_NAMES_MAX, NULL, keys, 1, 0)))
		return out->status;
	list = json_object_get(body, "names");
	if (!json_is_array(list) || json_array_size(list) > LIMIT_ASSIST_NAMES) {
		json_decref(body);
		return http_error(r, out, 400, pool_printf(r->pool, "names: a list of at most %d "
							   "names", LIMIT_ASSIST_NAMES));
	}
	names = pool_calloc(r->pool, json_array_size(list) + 1, sizeof(*names));
	json_array_foreach(list, i, item) {
		if (!json_is_string(item) || strlen(json_string_value(item)) !=
					     json_string_length(item)) {
			json_decref(body);
			return http_error(r, out, 400, pool_printf(r->pool, "names[%zu]: a name",
								   i));
		}
		names[i] = pool_strdup(r->pool, json_string_value(item));
	}
	i = json_array_size(list);
	json_decref(body);
	if (assist_attendance_set(r->store, r->pool, r->actor, aid, names, i, &e))
		return api_assist_fail(r, out, &e);
	return send_attendance(r, out, 200, aid);
}

/* ---- evaluation ---- */

/* POST {"rating": 1-5, "closed_needs"?}: the beneficiary rates activity :id and
 * names the needs it closed; 200 with the activity. */
int api_assist_activity_evaluation(struct req *r, struct resp *out)
{
	static const struct api_assist_member members[] = {
		{ "closed_needs", AAK_LIST, 0 },
		{ NULL, AAK_STR, 0 }
	};
	static const char *const extra[] = { "rating" };
	const char *closed = NULL;
	struct err e = { 0 };
	json_t *body;
	long long aid, rating = 0;
	int rc;

	if (api_assist_id(r, out, "activity", &aid) || api_assist_signed_in(r, out) ||
	    !(body = api_assist_body(r, out, API_ASSIST_BODY_MAX, members, extra, 1, 0)))
		return out->status;
	rc = api_assist_whole(r, out, body, "rating", 1, 5, 1, &rating);
	if (!rc)
		rc = api_assist_take(r, out, body, members, &closed);
	json_decref(body);
	if (rc)
		return rc;
	if (assist_activity_evaluate(r->store, r->pool, r->actor, aid, (int)rating,
				     closed ? closed : "", &e))
		return api_assist_fail(r, out, &e);
	return send_activity(r, out, 200, aid);
}

/* ---- people trained ---- */

/* GET ?country=, ?request=, ?by=request|country (absent: one total): the
 * participants of the training records the asker may read, by role and gender. */
int api_assist_trained(struct req *r, struct resp *out)
{
	const char *country = req_arg(r, "country"), *rq = req_arg(r, "request");
	const char *by = req_arg(r, "by");
	struct assist_trained *t;
	struct country *c;
	struct err e = { 0 };
	long long request = 0;
	size_t n;
	json_t *arr;

	out->cache_control = "no-store";
	if (country && *country) {
		if (country_get(r->store, r->pool, country, &c, NULL))
			return http_error(r, out, 400, pool_printf(r->pool, "country: no country "
								   "with code '%.20s'", country));
		country = c->alpha2;
	} else {
		country = NULL;
	}
	if (rq && *rq && num_parse(rq, 1, LLONG_MAX, &request))
		return http_error(r, out, 400, "request: a request's id");
	if (assist_trained(r->store, r->pool, r->actor, country, request, by ? by : "", &t, &n,
			   &e))
		return api_assist_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object(), *parts = json_object(), *roles = json_object();
		json_t *genders = json_object();

		for (int k = 0; k < AR_COUNT; k++) {
			json_t *g = json_object();

			for (int m = 0; m < AG_COUNT; m++)
				json_object_set_new(g, assist_gender_names[m],
						    json_integer(t[i].count[k][m]));
			json_object_set_new(parts, assist_role_names[k], g);
			json_object_set_new(roles, assist_role_names[k], json_integer(t[i].role[k]));
		}
		for (int m = 0; m < AG_COUNT; m++)
			json_object_set_new(genders, assist_gender_names[m],
					    json_integer(t[i].gender[m]));
		json_object_set_new(o, "key", api_str(t[i].key));
		json_object_set_new(o, "activities", json_integer(t[i].activities));
		json_object_set_new(o, "participants", parts);
		json_object_set_new(o, "by_role", roles);
		json_object_set_new(o, "by_gender", genders);
		json_object_set_new(o, "total", json_integer(t[i].total));
		json_array_append_new(arr, o);
	}
	return api_send(out, 200, json_pack("{s:o, s:I, s:o}", "by", by && *by ? json_string(by) :
					    json_null(), "count", (json_int_t)n, "trained", arr));
}
