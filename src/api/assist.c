/* /api/v1/assistance: technical assistance requests, their timeline and their moves
 * through the lifecycle (domain/assist.h; offers, suggestions, matches and
 * evaluations in assist_match.c, funding and totals in assist_funds.c), and what the
 * three files share (assist_impl.h). Who reads a request (assist_can_read), who may
 * do what, and every check of a field are the domain's: a request one may not read
 * is 404 everywhere, as if it did not exist. */
#include <limits.h>
#include <string.h>

#include "api/assist_impl.h"
#include "domain/country.h"
#include "domain/needs.h"
#include "domain/record.h"

/* ---- shared ---- */

int api_assist_id(struct req *r, struct resp *out, const char *what, long long *id)
{
	out->cache_control = "no-store";
	if (num_parse(r->params[0], 1, LLONG_MAX, id))
		return http_error(r, out, 404, pool_printf(r->pool, "no %s %.20s", what,
							   r->params[0]));
	return 0;
}

int api_assist_signed_in(struct req *r, struct resp *out)
{
	if (r->actor && r->actor->user_id)
		return 0;
	return http_error(r, out, 401, "sign in (or send an API token) to make changes");
}

int api_assist_fail(struct req *r, struct resp *out, const struct err *e)
{
	if (e->code == ERR_FORBIDDEN && !(r->actor && (r->actor->user_id || r->actor->local)))
		return http_error(r, out, 401, "sign in (or send an API token) to make changes");
	return http_fail(r, out, e);
}

int api_assist_whole(struct req *r, struct resp *out, json_t *body, const char *key,
		     long long min, long long max, int required, long long *n)
{
	json_t *v = json_object_get(body, key);

	if (!v && !required)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return http_error(r, out, 400, pool_printf(r->pool, "%s: a whole number from "
							   "%lld to %lld is required", key,
							   min, max));
	*n = (long long)json_integer_value(v);
	return 0;
}

json_t *api_assist_body(struct req *r, struct resp *out, size_t max,
			const struct api_assist_member *m, const char *const *extra,
			size_t nextra, int empty_ok)
{
	const char *keys[32];
	size_t n = 0;
	json_t *body;

	if (r->body_len > max) {
		http_error(r, out, 413, pool_printf(r->pool, "the body is larger than %zu bytes",
						    max));
		return NULL;
	}
	if (empty_ok && (!r->body || !r->body_len))
		return json_object();
	if (!(body = api_body(r, out)))
		return NULL;
	for (; m && m->key && n < 32; m++)
		keys[n++] = m->key;
	for (size_t i = 0; i < nextra && n < 32; i++)
		keys[n++] = extra[i];
	if (api_members(r, out, body, NULL, keys, n))
		return NULL;
	return body;
}

/* Member v of kind AAK_LIST (key) as "a,b" into *dst; 400 otherwise. */
static int take_list(struct req *r, struct resp *out, const char *key, json_t *v,
		     const char **dst)
{
	struct sbuf b = SBUF_INIT;
	json_t *item;
	size_t i;

	if (json_is_string(v)) {
		*dst = pool_strdup(r->pool, json_string_value(v));
		return 0;
	}
	if (!json_is_array(v) || json_array_size(v) > LIMIT_ASSIST_NEEDS)
		return http_error(r, out, 400, pool_printf(r->pool, "%s: a list of at most %d "
							   "strings", key, LIMIT_ASSIST_NEEDS));
	json_array_foreach(v, i, item) {
		const char *s = json_string_value(item);

		if (!s || !*s || strlen(s) != json_string_length(item) || strpbrk(s, ", ") ||
		    strlen(s) > 200) {
			sbuf_release(&b);
			return http_error(r, out, 400, pool_printf(r->pool, "%s[%zu]: a key such as "
								   "\"en\" (a string without "
								   "commas or spaces)", key, i));
		}
		sbuf_addf(&b, "%s%s", b.len ? "," : "", s);
	}
	*dst = pool_strdup(r->pool, b.len ? b.buf : "");
	sbuf_release(&b);
	return 0;
}

int api_assist_take(struct req *r, struct resp *out, json_t *body,
		    const struct api_assist_member *m, void *in)
{
	for (; m->key; m++) {
		const char **dst = (const char **)(void *)((char *)in + m->offset);
		json_t *v = json_object_get(body, m->key);
		struct err e = { 0 };

		*dst = NULL;
		if (!v || json_is_null(v))
			continue;
		switch (m->kind) {
		case AAK_STR:
			if (record_json_take(r->pool, body, m->key, dst, &e))
				return http_error(r, out, 400, e.msg);
			break;
		case AAK_LIST:
			if (take_list(r, out, m->key, v, dst))
				return out->status;
			break;
		case AAK_WHOLE:
			if (!json_is_integer(v))
				return http_error(r, out, 400, pool_printf(r->pool, "%s: a whole "
									   "number", m->key));
			*dst = pool_printf(r->pool, "%lld", (long long)json_integer_value(v));
			break;
		case AAK_AMOUNT:
			/* text keeps every digit; a JSON number with a fraction is binary
			 * floating point, and an amount is never that */
			if (json_is_integer(v))
				*dst = pool_printf(r->pool, "%lld", (long long)json_integer_value(v));
			else if (json_is_string(v))
				*dst = pool_strdup(r->pool, json_string_value(v));
			else
				return http_error(r, out, 400, pool_printf(r->pool, "%s: give it "
					"as text such as \"1234.56\" (or a whole number): a number "
					"with a fraction is not exact", m->key));
			break;
		}
	}
	return 0;
}

json_t *api_assist_list(const char *list)
{
	json_t *a = json_array();

	for (const char *at = list ? list : ""; *at;) {
		size_t len = strcspn(at, ",");

		if (len)
			json_array_append_new(a, json_stringn(at, len));
		at += len + (at[len] != 0);
	}
	return a;
}

json_t *api_assist_money(struct req *r, const char *currency, long long amount)
{
	struct assist_currency *cur;
	int minor = 2;

	if (!assist_currency_get(r->store, r->pool, currency, &cur, NULL))
		minor = cur->minor;
	return json_pack("{s:s, s:i, s:I, s:s}", "currency", currency, "minor_unit", minor,
			 "amount_minor", (json_int_t)amount, "amount",
			 assist_amount_text(r->pool, amount, minor));
}

int api_assist_acts(struct req *r, const struct assist_request *x)
{
	unsigned who = 0;

	return !assist_who(r->store, r->pool, r->actor, x, &who, NULL) && who;
}

static json_t *req_stage(const void *obj)
{
	return json_string(assist_stage_names[((const struct assist_request *)obj)->stage]);
}

static json_t *req_targets(const void *obj)
{
	return api_assist_list(((const struct assist_request *)obj)->targets);
}

static json_t *req_languages(const void *obj)
{
	return api_assist_list(((const struct assist_request *)obj)->languages);
}

static json_t *req_modes(const void *obj)
{
	return api_assist_list(((const struct assist_request *)obj)->modes);
}

static json_t *req_needs(const void *obj)
{
	return api_assist_list(((const struct assist_request *)obj)->needs);
}

/* What anyone who may read a request reads of it. */
static const struct api_field request_fields[] = {
	API_FIELD(struct assist_request, id, API_LLONG),
	API_FIELD(struct assist_request, country, API_STR),
	API_FIELD(struct assist_request, title, API_STR),
	API_FIELD(struct assist_request, topic, API_STR),
	API_FIELD(struct assist_request, beneficiary, API_STR),
	API_COMPUTED("targets", req_targets),
	API_COMPUTED("languages", req_languages),
	API_FIELD(struct assist_request, date_from, API_STR_NULL),
	API_FIELD(struct assist_request, date_to, API_STR_NULL),
	API_FIELD(struct assist_request, urgency, API_INT),
	API_COMPUTED("modes", req_modes),
	API_COMPUTED("needs", req_needs),
	API_FIELD(struct assist_request, description, API_STR_NULL),
	API_FIELD(struct assist_request, tlp, API_STR),
	API_COMPUTED("stage", req_stage),
	API_FIELD(struct assist_request, revision, API_LLONG),
	API_FIELD(struct assist_request, created_at, API_STR_NULL),
	API_FIELD(struct assist_request, updated_at, API_STR_NULL),
	API_END
};

/* Who made and changed it: for those who act on it. */
static const struct api_field request_names[] = {
	API_FIELD(struct assist_request, created_by, API_STR_NULL),
	API_FIELD(struct assist_request, updated_by, API_STR_NULL),
	API_END
};

json_t *api_assist_request_json(struct req *r, const struct assist_request *x)
{
	json_t *j = api_object(x, request_fields);

	json_object_set_new(j, "budget", x->budget_currency ?
			    api_assist_money(r, x->budget_currency, x->budget_amount) :
			    json_null());
	return j;
}

/* One request with the names of who made it, when the asker acts on it. */
static json_t *request_full(struct req *r, const struct assist_request *x)
{
	json_t *j = api_assist_request_json(r, x);

	return api_assist_acts(r, x) ? api_fields(j, x, request_names) : j;
}

/* ---- requests ---- */

static const struct api_assist_member request_members[] = {
	{ "country", AAK_STR, offsetof(struct assist_request_in, country) },
	{ "title", AAK_STR, offsetof(struct assist_request_in, title) },
	{ "topic", AAK_STR, offsetof(struct assist_request_in, topic) },
	{ "beneficiary", AAK_STR, offsetof(struct assist_request_in, beneficiary) },
	{ "targets", AAK_LIST, offsetof(struct assist_request_in, targets) },
	{ "languages", AAK_LIST, offsetof(struct assist_request_in, languages) },
	{ "date_from", AAK_STR, offsetof(struct assist_request_in, date_from) },
	{ "date_to", AAK_STR, offsetof(struct assist_request_in, date_to) },
	{ "urgency", AAK_WHOLE, offsetof(struct assist_request_in, urgency) },
	{ "modes", AAK_LIST, offsetof(struct assist_request_in, modes) },
	{ "budget_currency", AAK_STR, offsetof(struct assist_request_in, budget_currency) },
	{ "budget_amount", AAK_AMOUNT, offsetof(struct assist_request_in, budget_amount) },
	{ "needs", AAK_LIST, offsetof(struct assist_request_in, needs) },
	{ "description", AAK_STR, offsetof(struct assist_request_in, description) },
	{ "tlp", AAK_STR, offsetof(struct assist_request_in, tlp) },
	{ NULL, AAK_STR, 0 }
};

/* Request id as the asker reads it, answered with status. */
static int send_request(struct req *r, struct resp *out, int status, long long id)
{
	struct assist_request *x;
	struct err e = { 0 };

	if (assist_request_get(r->store, r->pool, r->actor, id, &x, &e))
		return api_assist_fail(r, out, &e);
	return api_send(out, status, request_full(r, x));
}

/* POST: a new request (the members of request_members); 201 with it. */
static int create_request(struct req *r, struct resp *out)
{
	struct assist_request_in in;
	struct err e = { 0 };
	json_t *body;
	long long id;
	int rc;

	if (api_assist_signed_in(r, out) ||
	    !(body = api_assist_body(r, out, API_ASSIST_BODY_MAX, request_members, NULL, 0, 0)))
		return out->status;
	memset(&in, 0, sizeof(in));
	rc = api_assist_take(r, out, body, request_members, &in);
	json_decref(body);
	if (rc)
		return rc;
	if (assist_request_add(r->store, r->pool, r->actor, &in, &id, &e))
		return api_assist_fail(r, out, &e);
	out->location = pool_printf(r->pool, "/api/v1/assistance/requests/%lld", id);
	return send_request(r, out, 201, id);
}

/* The filters of the list, checked; NULL members are absent. */
struct request_filter {
	const char *country;		/* alpha-2 */
	struct region *region;
	struct country *countries;	/* with region: every country, to place them */
	size_t ncountries;
	const char *topic;
	int stage, urgency;		/* -1, 0: any */
};

/* ?country=, ?region=, ?topic=, ?stage=, ?urgency= into *f; 400 naming the one that
 * is not known. */
static int filter_args(struct req *r, struct resp *out, struct request_filter *f)
{
	const char *v;
	struct country *c;
	struct err e = { 0 };

	memset(f, 0, sizeof(*f));
	f->stage = -1;
	if ((v = req_arg(r, "country")) && *v) {
		if (country_get(r->store, r->pool, v, &c, NULL))
			return http_error(r, out, 400, pool_printf(r->pool, "country: no country "
								   "with code '%.20s'", v));
		f->country = c->alpha2;
	}
	if ((v = req_arg(r, "region")) && *v) {
		if (region_get(r->store, r->pool, v, &f->region, NULL))
			return http_error(r, out, 400, pool_printf(r->pool, "region: no M49 region "
								   "'%.20s'", v));
		if (country_list(r->store, r->pool, &f->countries, &f->ncountries, &e))
			return http_fail(r, out, &e);
	}
	if ((v = req_arg(r, "topic")) && *v) {
		if (!needs_topic(v))
			return http_error(r, out, 400, pool_printf(r->pool, "topic: '%.40s' is not "
								   "one of the topics", v));
		f->topic = v;
	}
	if ((v = req_arg(r, "stage")) && *v && (f->stage = assist_stage_parse(v)) < 0)
		return http_error(r, out, 400, pool_printf(r->pool, "stage: '%.40s' is not a "
							   "stage", v));
	if ((v = req_arg(r, "urgency")) && *v && num_int(v, 1, 3, &f->urgency))
		return http_error(r, out, 400, "urgency: 1, 2 or 3");
	return 0;
}

/* Whether request x passes f but for its stage. */
static int filter_keeps(const struct request_filter *f, const struct assist_request *x)
{
	if (f->topic && strcmp(f->topic, x->topic))
		return 0;
	if (f->urgency && f->urgency != x->urgency)
		return 0;
	if (f->region) {
		for (size_t i = 0; i < f->ncountries; i++)
			if (!strcmp(f->countries[i].alpha2, x->country))
				return region_contains(f->region, &f->countries[i]);
		return 0;
	}
	return 1;
}

/* GET: the requests the asker may read, newest first, with ?country=, ?region=,
 * ?topic=, ?stage=, ?urgency=, ?limit=, ?offset=; "counts" per stage of those the
 * filters but ?stage= keep, "total" the requests that all keep. POST: a new one. */
int api_assist_requests(struct req *r, struct resp *out)
{
	struct request_filter f;
	struct assist_request *xs;
	struct err e = { 0 };
	long long counts[AS_STAGE_COUNT] = { 0 };
	size_t n, total = 0;
	int limit, offset;
	json_t *j, *arr, *cj;

	out->cache_control = "no-store";
	if (r->method == HTTP_POST)
		return create_request(r, out);
	if (api_paging(r, out, &limit, &offset) || filter_args(r, out, &f))
		return out->status;
	if (assist_request_list(r->store, r->pool, r->actor, f.country, -1, &xs, &n, &e))
		return api_assist_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		if (!filter_keeps(&f, &xs[i]))
			continue;
		counts[xs[i].stage]++;
		if (f.stage >= 0 && (int)xs[i].stage != f.stage)
			continue;
		if (total >= (size_t)offset && total < (size_t)offset + (size_t)limit)
			json_array_append_new(arr, api_assist_request_json(r, &xs[i]));
		total++;
	}
	cj = json_object();
	for (int s = 0; s < AS_STAGE_COUNT; s++)
		json_object_set_new(cj, assist_stage_names[s], json_integer(counts[s]));
	j = json_object();
	json_object_set_new(j, "total", json_integer((json_int_t)total));
	json_object_set_new(j, "limit", json_integer(limit));
	json_object_set_new(j, "offset", json_integer(offset));
	json_object_set_new(j, "counts", cj);
	json_object_set_new(j, "requests", arr);
	return api_send(out, 200, j);
}

/* PUT: the members of request_members and "revision" (the one the edit was made
 * from); the country stays (a different one is refused). 200 with the request. */
static int edit_request(struct req *r, struct resp *out, long long id)
{
	static const char *const extra[] = { "revision" };
	struct assist_request_in in;
	struct assist_request *x;
	struct country *c;
	struct err e = { 0 };
	json_t *body;
	long long revision = 0;
	int rc;

	if (api_assist_signed_in(r, out) ||
	    !(body = api_assist_body(r, out, API_ASSIST_BODY_MAX,
				     request_members, extra, 1, 0)))
		return out->status;
	memset(&in, 0, sizeof(in));
	rc = api_assist_whole(r, out, body, "revision", 1, LLONG_MAX, 1, &revision);
	if (!rc)
		rc = api_assist_take(r, out, body, request_members, &in);
	json_decref(body);
	if (rc)
		return rc;
	if (assist_request_get(r->store, r->pool, r->actor, id, &x, &e))
		return api_assist_fail(r, out, &e);
	if (in.country && (country_get(r->store, r->pool, in.country, &c, NULL) ||
			   strcmp(c->alpha2, x->country)))
		return http_error(r, out, 400, pool_printf(r->pool, "country: a request's "
							   "country stays %s", x->country));
	if (assist_request_edit(r->store, r->pool, r->actor, id, revision, &in, &e))
		return api_assist_fail(r, out, &e);
	return send_request(r, out, 200, id);
}

/* GET: request :id; PUT: edit it. */
int api_assist_request(struct req *r, struct resp *out)
{
	long long id;

	if (api_assist_id(r, out, "request", &id))
		return out->status;
	if (r->method == HTTP_PUT)
		return edit_request(r, out, id);
	return send_request(r, out, 200, id);
}

/* GET: the timeline of request :id, oldest first; who made each move for those who
 * act on the request. */
int api_assist_timeline(struct req *r, struct resp *out)
{
	struct assist_request *x;
	struct assist_step *st;
	struct err e = { 0 };
	size_t n;
	long long id;
	json_t *arr;
	int names;

	if (api_assist_id(r, out, "request", &id))
		return out->status;
	if (assist_request_get(r->store, r->pool, r->actor, id, &x, &e) ||
	    assist_timeline(r->store, r->pool, r->actor, id, &st, &n, &e))
		return api_assist_fail(r, out, &e);
	names = api_assist_acts(r, x);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:o}", "id", (json_int_t)st[i].id,
				      "from", api_str(st[i].from), "to", api_str(st[i].to),
				      "comment", api_str(st[i].comment), "at", api_str(st[i].at));

		if (names)
			json_object_set_new(o, "by", api_str(st[i].by));
		json_array_append_new(arr, o);
	}
	return api_send(out, 200, json_pack("{s:I, s:s, s:I, s:o}", "request", (json_int_t)id,
					    "stage", assist_stage_names[x->stage], "count",
					    (json_int_t)n, "timeline", arr));
}

/* POST {"to": a stage, "comment"?}: move request :id; 200 with the request. A move
 * the lifecycle lacks, or whose condition does not hold, is 409; one the asker may
 * not make 403. */
int api_assist_moves(struct req *r, struct resp *out)
{
	static const char *const keys[] = { "to", "comment" };
	const char *f[2];
	struct assist_request *x;
	struct err e = { 0 };
	json_t *body;
	long long id;

	if (api_assist_id(r, out, "request", &id) || api_assist_signed_in(r, out) ||
	    !(body = api_assist_body(r, out, API_ASSIST_BODY_MAX, NULL, keys, 2, 0)) ||
	    api_take(r, out, body, keys, f, 2))
		return out->status;
	if (!f[0] || assist_stage_parse(f[0]) < 0) {
		struct sbuf b = SBUF_INIT;
		const char *msg;

		for (int s = 0; s < AS_STAGE_COUNT; s++)
			sbuf_addf(&b, "%s%s", s ? ", " : "", assist_stage_names[s]);
		msg = pool_printf(r->pool, "to: '%.40s' is not a stage (%s)", f[0] ? f[0] : "",
				  sbuf_str(&b));
		sbuf_release(&b);
		/* the request first: one the asker may not read is 404 whatever is sent */
		if (assist_request_get(r->store, r->pool, r->actor, id, &x, &e))
			return api_assist_fail(r, out, &e);
		return http_error(r, out, 400, msg);
	}
	if (assist_move(r->store, r->pool, r->actor, id, f[0], f[1], &e))
		return api_assist_fail(r, out, &e);
	return send_request(r, out, 200, id);
}
