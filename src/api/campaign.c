/* /api/v1/campaigns: questionnaire campaigns and the countries' answers
 * (domain/campaign.h). A curator opens a campaign, tracks it, copies the reminders,
 * returns, accepts or reopens answers and publishes the aggregates; a country's focal
 * points save (JSON, or the campaign's CSV filled offline) and submit its answer;
 * /api/v1/countries/:code/progress sums a country's answers per dimension. Every rule
 * (who, when, revisions, values, labels) is the domain's: this file decodes the
 * request, refuses malformed members with a 400 that names them, and encodes. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "core/utf8.h"
#include "domain/campaign.h"
#include "domain/country.h"
#include "domain/record.h"
#include "domain/user.h"

/* ---- encoding ---- */

static json_t *campaign_template(const void *obj)
{
	const struct campaign *c = obj;
	char buf[LIMIT_QN_ID + 16];

	snprintf(buf, sizeof(buf), "%s@%d", c->template_id, c->template_version);
	return json_string(buf);
}

static json_t *campaign_counts(const void *obj)
{
	const struct campaign *c = obj;
	json_t *j = json_object();

	for (int s = 0; s < CAMP_STATUS_COUNT; s++)
		json_object_set_new(j, camp_status_names[s], json_integer(c->count[s]));
	return j;
}

/* What a campaign is: public. */
static const struct api_field campaign_fields[] = {
	API_FIELD(struct campaign, id, API_LLONG),
	API_FIELD(struct campaign, title, API_STR),
	API_COMPUTED("template", campaign_template),
	API_FIELD(struct campaign, opens_on, API_STR),
	API_FIELD(struct campaign, deadline, API_STR),
	API_FIELD(struct campaign, scope, API_STR),
	API_FIELD(struct campaign, opened_at, API_STR),
	API_FIELD(struct campaign, published_at, API_STR_NULL),
	API_FIELD_AS("countries_asked", struct campaign, ncountries, API_LLONG),
	API_COMPUTED("counts", campaign_counts),
	API_END
};

/* Who opened and published it: for curators (DESIGN, style 12: names are for those
 * who act on them). */
static const struct api_field campaign_names[] = {
	API_FIELD(struct campaign, opened_by, API_STR_NULL),
	API_FIELD(struct campaign, published_by, API_STR_NULL),
	API_END
};

static json_t *answer_status(const void *obj)
{
	return json_string(camp_status_names[((const struct camp_answer *)obj)->status]);
}

static json_t *answer_late(const void *obj)
{
	return json_boolean(((const struct camp_answer *)obj)->late);
}

/* What anyone who may read an answer reads of it. */
static const struct api_field answer_fields[] = {
	API_FIELD(struct camp_answer, campaign, API_LLONG),
	API_FIELD(struct camp_answer, country, API_STR),
	API_COMPUTED("status", answer_status),
	API_FIELD(struct camp_answer, revision, API_LLONG),
	API_FIELD(struct camp_answer, tlp, API_STR_NULL),
	API_COMPUTED("late", answer_late),
	API_FIELD(struct camp_answer, updated_at, API_STR_NULL),
	API_FIELD(struct camp_answer, submitted_at, API_STR_NULL),
	API_FIELD(struct camp_answer, accepted_at, API_STR_NULL),
	API_END
};

/* What those who track it read besides: the curator's comment, the reopening, who
 * did what. */
static const struct api_field answer_tracked[] = {
	API_FIELD(struct camp_answer, comment, API_STR_NULL),
	API_FIELD(struct camp_answer, reopened_until, API_STR_NULL),
	API_FIELD(struct camp_answer, updated_by, API_STR_NULL),
	API_FIELD(struct camp_answer, submitted_by, API_STR_NULL),
	API_FIELD(struct camp_answer, accepted_by, API_STR_NULL),
	API_END
};

static const struct api_field value_fields[] = {
	API_FIELD(struct camp_value, question, API_STR),
	API_FIELD(struct camp_value, value, API_STR_NULL),
	API_FIELD(struct camp_value, evidence, API_STR_NULL),
	API_END
};

/* A curator, an admin or the command line: who runs campaigns. */
static int runs_campaigns(const struct actor *a)
{
	return a && (a->local || (a->user_id && (a->role == ROLE_CURATOR ||
						 a->role == ROLE_ADMIN)));
}

static json_t *campaign_json(const struct req *r, const struct campaign *c)
{
	json_t *j = api_object(c, campaign_fields);

	return runs_campaigns(r->actor) ? api_fields(j, c, campaign_names) : j;
}

/* Answer x as r's asker may see it; its values when it has them. */
static json_t *answer_json(const struct req *r, const struct camp_answer *x)
{
	json_t *j = api_object(x, answer_fields);

	if (camp_can_track(r->actor, x->country))
		api_fields(j, x, answer_tracked);
	if (x->values)
		json_object_set_new(j, "values", api_array(x->values, x->nvalues,
							   sizeof(*x->values), value_fields));
	return j;
}

/* ---- decoding ---- */

/* Campaign :id (r->params[0]) into *id; 404 when it is not a number. */
static int campaign_id(struct req *r, struct resp *out, long long *id)
{
	out->cache_control = "no-store";
	if (!(*id = num_id(r->params[0])))
		return http_error(r, out, 404, "there is no campaign with that id; ids are "
				  "numbers");
	return 0;
}

/* The country of a path (any ISO form) into *alpha2 (pool); 404 when there is none. */
static int country_of(struct req *r, struct resp *out, const char *code, const char **alpha2)
{
	struct country *c;
	struct err e = { 0 };

	if (country_get(r->store, r->pool, code, &c, &e))
		return http_error(r, out, 404, pool_printf(r->pool, "no country with code "
							   "'%.20s'", code));
	*alpha2 = pool_strdup(r->pool, c->alpha2);
	return 0;
}

/* Member key of o, a whole number from 0, into *n (required). 400 otherwise. */
static int take_count(struct req *r, struct resp *out, json_t *o, const char *key,
		      long long *n)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return http_error(r, out, 400, pool_printf(r->pool, "%s: a whole number from 0 "
							   "is required", key));
	*n = (long long)json_integer_value(v);
	return 0;
}

/* ---- campaigns ---- */

/* POST {"title", "template", "opens_on"?, "deadline", "all" | "region" |
 * "countries"}: open a campaign (curators); 201 with it. */
static int open_campaign(struct req *r, struct resp *out)
{
	static const char *const keys[] = { "title", "template", "opens_on", "deadline",
					    "region", "all", "countries" };
	const char *f[5], **cs = NULL;
	struct camp_open in = { 0 };
	struct campaign *c;
	struct err e = { 0 };
	json_t *body, *all, *list, *v;
	long long id;
	size_t i;

	if (!(body = api_body(r, out)) || api_members(r, out, body, NULL, keys, 7))
		return out->status;
	all = json_object_get(body, "all");
	if (all && !json_is_boolean(all)) {
		json_decref(body);
		return http_error(r, out, 400, "all: true or false");
	}
	in.all = json_is_true(all);
	if ((list = json_object_get(body, "countries"))) {
		if (!json_is_array(list) || json_array_size(list) > LIMIT_CAMP_COUNTRIES) {
			json_decref(body);
			return http_error(r, out, 400, pool_printf(r->pool, "countries: a list of "
				"at most %d country codes", LIMIT_CAMP_COUNTRIES));
		}
		cs = pool_calloc(r->pool, json_array_size(list) + 1, sizeof(*cs));
		json_array_foreach(list, i, v) {
			if (!json_is_string(v) || json_string_length(v) > 64) {
				json_decref(body);
				return http_error(r, out, 400, pool_printf(r->pool, "countries[%zu]: "
					"a country code (KE, KEN or 404)", i));
			}
			cs[i] = pool_strdup(r->pool, json_string_value(v));
		}
		in.countries = cs;
		in.ncountries = json_array_size(list);
	}
	if (api_take(r, out, body, keys, f, 5))
		return out->status;
	in.title = f[0];
	in.template_ref = f[1];
	in.opens_on = f[2];
	in.deadline = f[3];
	in.region = f[4];
	if (camp_open(r->store, r->pool, r->actor, &in, &id, &e) ||
	    camp_get(r->store, r->pool, id, &c, &e))
		return http_fail(r, out, &e);
	out->location = pool_printf(r->pool, "/api/v1/campaigns/%lld", id);
	return api_send(out, 201, campaign_json(r, c));
}

/* GET: every campaign, newest first (?limit, ?offset); with ?country= those that ask
 * it, open ones first, with the country's status where the asker may track it. POST:
 * open one. */
int api_campaigns(struct req *r, struct resp *out)
{
	const char *country = NULL, *code = req_arg(r, "country");
	struct campaign *cs;
	int *status = NULL, limit, offset;
	size_t n;
	struct err e = { 0 };
	json_t *j, *arr;
	int rc;

	out->cache_control = "no-store";
	if (r->method == HTTP_POST)
		return open_campaign(r, out);
	if (api_paging(r, out, &limit, &offset))
		return out->status;
	if (code && *code) {
		struct country *cc;

		if (country_get(r->store, r->pool, code, &cc, &e))
			return http_error(r, out, 400, pool_printf(r->pool, "country: no country "
								   "with code '%.20s'", code));
		country = cc->alpha2;
		rc = camp_of_country(r->store, r->pool, r->actor, country, &cs, &status, &n, &e);
	} else {
		rc = camp_list(r->store, r->pool, &cs, &n, &e);
	}
	if (rc)
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = (size_t)offset; i < n && i < (size_t)offset + (size_t)limit; i++) {
		json_t *c = campaign_json(r, &cs[i]);

		if (status && status[i] >= 0 && status[i] < CAMP_STATUS_COUNT)
			json_object_set_new(c, "status", json_string(camp_status_names[status[i]]));
		json_array_append_new(arr, c);
	}
	j = json_object();
	json_object_set_new(j, "total", json_integer((json_int_t)n));
	json_object_set_new(j, "limit", json_integer(limit));
	json_object_set_new(j, "offset", json_integer(offset));
	json_object_set_new(j, "campaigns", arr);
	return api_send(out, 200, j);
}

/* GET: campaign :id with its counts per status. */
int api_campaign(struct req *r, struct resp *out)
{
	struct campaign *c;
	struct err e = { 0 };
	long long id;

	if (campaign_id(r, out, &id))
		return out->status;
	if (camp_get(r->store, r->pool, id, &c, &e))
		return http_fail(r, out, &e);
	return api_send(out, 200, campaign_json(r, c));
}

/* GET: every country's answer to campaign :id, without values (curators). */
int api_campaign_tracking(struct req *r, struct resp *out)
{
	struct campaign *c;
	struct camp_answer *xs;
	struct err e = { 0 };
	long long id;
	size_t n;
	json_t *j, *arr;

	if (campaign_id(r, out, &id))
		return out->status;
	if (camp_get(r->store, r->pool, id, &c, &e) ||
	    camp_tracking(r->store, r->pool, r->actor, id, NULL, &xs, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		xs[i].values = NULL;
		json_array_append_new(arr, answer_json(r, &xs[i]));
	}
	j = json_object();
	json_object_set_new(j, "campaign", campaign_json(r, c));
	json_object_set_new(j, "count", json_integer((json_int_t)n));
	json_object_set_new(j, "countries", arr);
	return api_send(out, 200, j);
}

/* GET: the reminder list of campaign :id, text/plain (curators). */
int api_campaign_reminders(struct req *r, struct resp *out)
{
	struct err e = { 0 };
	long long id;

	if (campaign_id(r, out, &id))
		return out->status;
	sbuf_reset(&out->body);
	if (camp_reminders(r->store, r->pool, r->actor, id, &out->body, &e)) {
		sbuf_reset(&out->body);
		return http_fail(r, out, &e);
	}
	out->content_type = "text/plain; charset=utf-8";
	out->status = 200;
	return 200;
}

/* ---- aggregates ---- */

/* The figures of one question, by its kind. */
static const char *const stage_keys[QN_STAGES] = { "1", "2", "3", "4", "5" };

static json_t *agg_json(const struct camp_agg *g)
{
	const struct qn_question *q = g->q;
	json_t *j = json_object(), *o;

	json_object_set_new(j, "question", json_string(q->id));
	json_object_set_new(j, "dimension", json_string(qn_dimensions[q->dimension]));
	json_object_set_new(j, "kind", json_string(qn_kind_names[q->kind]));
	json_object_set_new(j, "answered", json_integer(g->answered));
	json_object_set_new(j, "shown", json_boolean(g->shown));
	if (!g->shown || q->kind == QN_TEXT)
		return j;
	o = json_object();
	switch (q->kind) {
	case QN_STAGE:
		for (int k = 0; k < QN_STAGES; k++)
			json_object_set_new(o, stage_keys[k], json_integer(g->count[k]));
		break;
	case QN_YES_PARTLY_NO:
		json_object_set_new(o, "yes", json_integer(g->count[0]));
		json_object_set_new(o, "partly", json_integer(g->count[1]));
		json_object_set_new(o, "no", json_integer(g->count[2]));
		break;
	case QN_CHOICE:
		for (size_t k = 0; k < q->noptions && k < LIMIT_QN_OPTIONS; k++)
			json_object_set_new(o, q->options[k].id, json_integer(g->count[k]));
		break;
	case QN_NUMBER:
		json_decref(o);
		json_object_set_new(j, "median", json_real(g->median));
		json_object_set_new(j, "min", json_real(g->min));
		json_object_set_new(j, "max", json_real(g->max));
		return j;
	default:
		break;
	}
	json_object_set_new(j, "counts", o);
	return j;
}

/* GET: the aggregates of campaign :id (curators; everybody once published). */
int api_campaign_aggregates(struct req *r, struct resp *out)
{
	struct campaign *c;
	struct camp_agg *ag;
	struct err e = { 0 };
	long long id;
	size_t n;
	json_t *j, *arr;

	if (campaign_id(r, out, &id))
		return out->status;
	if (camp_get(r->store, r->pool, id, &c, &e) ||
	    camp_aggregates(r->store, r->pool, r->actor, id, NULL, &ag, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, agg_json(&ag[i]));
	j = json_object();
	json_object_set_new(j, "campaign", campaign_json(r, c));
	json_object_set_new(j, "min_answers", json_integer(CAMP_AGG_MIN));
	json_object_set_new(j, "questions", arr);
	return api_send(out, 200, j);
}

/* POST: publish the aggregates of campaign :id (curators); 200 with the campaign. */
int api_campaign_publish(struct req *r, struct resp *out)
{
	struct campaign *c;
	struct err e = { 0 };
	long long id;

	if (campaign_id(r, out, &id))
		return out->status;
	if (camp_publish(r->store, r->actor, id, &e) ||
	    camp_get(r->store, r->pool, id, &c, &e))
		return http_fail(r, out, &e);
	return api_send(out, 200, campaign_json(r, c));
}

/* ---- answers ---- */

/* The answer of country to campaign id as the asker reads it, with status. */
static int send_answer(struct req *r, struct resp *out, int status, long long id,
		       const char *country)
{
	struct camp_answer *x;
	struct err e = { 0 };

	if (camp_answer_get(r->store, r->pool, r->actor, id, country, &x, &e))
		return http_fail(r, out, &e);
	return api_send(out, status, answer_json(r, x));
}

/* The answer as the campaign's CSV (camp_csv_write), to fill offline. */
static int send_csv(struct req *r, struct resp *out, long long id, const char *country)
{
	struct camp_answer *x;
	struct campaign *c;
	struct qn_template *t;
	struct err e = { 0 };

	if (camp_answer_get(r->store, r->pool, r->actor, id, country, &x, &e) ||
	    camp_template(r->store, r->pool, id, &c, &t, &e))
		return http_fail(r, out, &e);
	sbuf_reset(&out->body);
	camp_csv_write(r->pool, c, t, x->country, x, r->lang, &out->body);
	out->content_type = "text/csv; charset=utf-8";
	out->disposition = pool_printf(r->pool, "attachment; filename=\"campaign-%lld-%s.csv\"",
				       id, x->country);
	out->status = 200;
	return 200;
}

/* One member of values[]: {"question", "value", "evidence"} into v. */
static int take_value(struct req *r, struct resp *out, json_t *item, size_t i,
		      struct camp_value *v)
{
	static const char *const keys[] = { "question", "value", "evidence" };
	const char **dst[] = { &v->question, &v->value, &v->evidence };
	const char *where = pool_printf(r->pool, "values[%zu]", i);
	struct err e = { 0 };

	if (!json_is_object(item))
		return http_error(r, out, 400, pool_printf(r->pool, "%s: an object {\"question\", "
							   "\"value\", \"evidence\"}", where));
	json_incref(item);	/* api_members releases what it refuses */
	if (api_members(r, out, item, where, keys, 3))
		return out->status;
	json_decref(item);
	for (size_t k = 0; k < 3; k++)
		if (record_json_take(r->pool, item, keys[k], dst[k], &e)) {
			err_prefix(&e, "%s", where);
			return http_error(r, out, 400, e.msg);
		}
	if (!v->question)
		return http_error(r, out, 400, pool_printf(r->pool, "%s.question: the question's "
							   "id is required", where));
	return 0;
}

/* PUT or POST {"revision", "tlp"?, "values": [{"question", "value", "evidence"}]}:
 * save into the answer of country to campaign id. */
static int save_json(struct req *r, struct resp *out, long long id, const char *country)
{
	static const char *const keys[] = { "tlp", "revision", "values" };
	const char *tlp;
	struct camp_value *v = NULL;
	struct err e = { 0 };
	json_t *body, *list, *item;
	long long revision;
	size_t n = 0, i;

	if (!(body = api_body(r, out)) || api_members(r, out, body, NULL, keys, 3))
		return out->status;
	if (take_count(r, out, body, "revision", &revision))
		goto refused;
	if ((list = json_object_get(body, "values"))) {
		if (!json_is_array(list) || json_array_size(list) > LIMIT_CAMP_VALUES) {
			http_error(r, out, 400, pool_printf(r->pool, "values: a list of at most %d "
				   "values", LIMIT_CAMP_VALUES));
			goto refused;
		}
		n = json_array_size(list);
		v = pool_calloc(r->pool, n + 1, sizeof(*v));
		json_array_foreach(list, i, item)
			if (take_value(r, out, item, i, &v[i]))
				goto refused;
	}
	if (api_take(r, out, body, keys, &tlp, 1))
		return out->status;
	if (camp_answer_save(r->store, r->pool, r->actor, id, country, revision, v, n, tlp,
			     NULL, &e))
		return http_fail(r, out, &e);
	return send_answer(r, out, 200, id, country);
refused:
	json_decref(body);
	return out->status;
}

/* PUT or POST text/csv: the campaign's CSV filled offline (camp_csv_read), saved from
 * the revision its comment names (?revision= overrides it), with ?tlp=. */
static int save_csv(struct req *r, struct resp *out, long long id, const char *country)
{
	const char *rev = req_arg(r, "revision"), *tlp = req_arg(r, "tlp");
	struct campaign *c;
	struct qn_template *t;
	struct camp_value *v;
	struct err e = { 0 };
	long long revision;
	size_t n;

	if (r->body_len > LIMIT_CAMP_CSV_BYTES)
		return http_error(r, out, 413, pool_printf(r->pool, "the CSV is larger than %d "
							   "bytes", LIMIT_CAMP_CSV_BYTES));
	if (!r->body || !r->body_len)
		return http_error(r, out, 400, "the request body is empty; send the campaign's "
				  "CSV");
	if (!utf8_valid(r->body, r->body_len))
		return http_error(r, out, 400, "the CSV is not valid UTF-8");
	if (camp_template(r->store, r->pool, id, &c, &t, &e))
		return http_fail(r, out, &e);
	if (camp_csv_read(r->pool, c, t, country, r->body, r->body_len, &v, &n, &revision, &e))
		return http_error(r, out, e.code == ERR_INVALID ? 400 : http_status_of(e.code),
				  e.msg);
	if (rev && num_parse(rev, 0, LLONG_MAX, &revision))
		return http_error(r, out, 400, "revision: a whole number from 0");
	if (camp_answer_save(r->store, r->pool, r->actor, id, country, revision, v, n,
			     tlp && *tlp ? tlp : NULL, NULL, &e))
		return http_fail(r, out, &e);
	return send_answer(r, out, 200, id, country);
}

/* /api/v1/campaigns/:id/answers/:code (":code.csv" or ?format=csv: the CSV). GET:
 * the answer; PUT or POST: save it (application/json, or text/csv). */
int api_answer(struct req *r, struct resp *out)
{
	const char *code = r->params[1], *format = req_arg(r, "format"), *country;
	size_t len = strlen(code);
	long long id;
	int csv = 0;

	if (campaign_id(r, out, &id))
		return out->status;
	if (len > 4 && !strcmp(code + len - 4, ".csv")) {
		code = pool_strndup(r->pool, code, len - 4);
		csv = 1;
	}
	if (format && strcmp(format, "json") && strcmp(format, "csv"))
		return http_error(r, out, 400, "format: json or csv");
	csv |= format && !strcmp(format, "csv");
	if (country_of(r, out, code, &country))
		return out->status;
	if (r->method & (HTTP_GET | HTTP_HEAD))
		return csv ? send_csv(r, out, id, country) : send_answer(r, out, 200, id, country);
	if (r->content_type && !strncasecmp(r->content_type, "text/csv", 8))
		return save_csv(r, out, id, country);
	return save_json(r, out, id, country);
}

/* The steps of an answer's workflow besides saving: each takes at most one member, s
 * (a string) or n (a whole number); *carried is what carry carried over. */
static int step_submit(struct req *r, long long id, const char *country, const char *s,
		       long long n, size_t *carried, struct err *e)
{
	(void)s, (void)carried;
	return camp_answer_submit(r->store, r->pool, r->actor, id, country, n, e);
}

static int step_return(struct req *r, long long id, const char *country, const char *s,
		       long long n, size_t *carried, struct err *e)
{
	(void)n, (void)carried;
	return camp_answer_return(r->store, r->actor, id, country, s, e);
}

static int step_accept(struct req *r, long long id, const char *country, const char *s,
		       long long n, size_t *carried, struct err *e)
{
	(void)s, (void)n, (void)carried;
	return camp_answer_accept(r->store, r->actor, id, country, e);
}

static int step_reopen(struct req *r, long long id, const char *country, const char *s,
		       long long n, size_t *carried, struct err *e)
{
	(void)n, (void)carried;
	return camp_reopen(r->store, r->actor, id, country, s, e);
}

static int step_carry(struct req *r, long long id, const char *country, const char *s,
		      long long n, size_t *carried, struct err *e)
{
	(void)s;
	return camp_answer_carry(r->store, r->pool, r->actor, id, country, n, carried, NULL, e);
}

static const struct step {
	const char *name;
	const char *member;	/* the body's one member, or NULL: no body needed */
	int count;		/* the member is a whole number (else a string) */
	int carries;		/* the answer says how many values were carried over */
	int (*run)(struct req *r, long long id, const char *country, const char *s,
		   long long n, size_t *carried, struct err *e);
} steps[] = {
	{ "submit", "revision", 1, 0, step_submit },
	{ "return", "comment", 0, 0, step_return },
	{ "accept", NULL, 0, 0, step_accept },
	{ "reopen", "until", 0, 0, step_reopen },
	{ "carry", "revision", 1, 1, step_carry },
};

/* POST /api/v1/campaigns/:id/answers/:code/STEP (the route's data): submit
 * {"revision"}, return {"comment"}, accept, reopen {"until"}, carry {"revision"}; 200
 * with the answer as the asker then reads it (carry: and "carried", the count). */
int api_answer_step(struct req *r, struct resp *out)
{
	const struct step *st = NULL;
	const char *country, *s = NULL;
	struct camp_answer *x;
	struct err e = { 0 };
	json_t *body = NULL, *j;
	long long id, n = 0;
	size_t carried = 0;

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (r->route_data && !strcmp(steps[i].name, r->route_data))
			st = &steps[i];
	if (!st)
		return http_error(r, out, 404, "no such step of an answer");
	if (campaign_id(r, out, &id) || country_of(r, out, r->params[1], &country))
		return out->status;
	/* accept needs no body; an empty one is fine */
	if (st->member || (r->body && r->body_len)) {
		if (!(body = api_body(r, out)) ||
		    api_members(r, out, body, NULL, &st->member, st->member ? 1 : 0))
			return out->status;
		if (st->count && take_count(r, out, body, st->member, &n)) {
			json_decref(body);
			return out->status;
		}
		if (!st->count && api_take(r, out, body, &st->member, &s, st->member ? 1 : 0))
			return out->status;
		if (st->count)
			json_decref(body);
	}
	if (st->run(r, id, country, s, n, &carried, &e) ||
	    camp_answer_get(r->store, r->pool, r->actor, id, country, &x, &e))
		return http_fail(r, out, &e);
	j = answer_json(r, x);
	if (st->carries)
		json_object_set_new(j, "carried", json_integer((json_int_t)carried));
	return api_send(out, 200, j);
}

/* ---- progress ---- */

/* GET /api/v1/countries/:code/progress: the country's answers it may read, oldest
 * campaign first, each with the mean stage per dimension. */
int api_country_progress(struct req *r, struct resp *out)
{
	const char *country;
	struct camp_progress *pr;
	struct err e = { 0 };
	size_t n;
	json_t *j, *arr;

	out->cache_control = "no-store";
	if (country_of(r, out, r->params[0], &country))
		return out->status;
	if (camp_progress(r->store, r->pool, r->actor, country, &pr, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *p = json_object(), *dims = json_object();
		const struct campaign *c = pr[i].campaign;

		json_object_set_new(p, "campaign", json_integer(c->id));
		json_object_set_new(p, "title", json_string(c->title));
		json_object_set_new(p, "template", campaign_template(c));
		json_object_set_new(p, "deadline", json_string(c->deadline));
		for (size_t k = 0; k < qn_dimension_count && k < 8; k++)
			json_object_set_new(dims, qn_dimensions[k],
					    json_pack("{s:f, s:i}", "mean", pr[i].mean[k],
						      "answered", pr[i].answered[k]));
		json_object_set_new(p, "dimensions", dims);
		json_array_append_new(arr, p);
	}
	j = json_object();
	json_object_set_new(j, "country", json_string(country));
	json_object_set_new(j, "campaigns", arr);
	return api_send(out, 200, j);
}
