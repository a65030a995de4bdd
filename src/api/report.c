/* Reports as JSON (domain/report.h, export/report_json.h): made from the query string
 * (GET /api/v1/report: from, to or period, region or country, level), the saved ones
 * (GET /api/v1/reports, POST to make and save one, GET /api/v1/reports/:id), made
 * again and compared (GET /api/v1/reports/:id/again) and the prose of a paragraph of
 * the report to the Commission (PUT /api/v1/reports/:id/prose/:paragraph, body
 * {"prose": "..."}). 400 naming a bad parameter; 403 for GREEN data asked by anyone
 * but a curator. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/num.h"
#include "domain/record.h"
#include "domain/report.h"
#include "export/report_json.h"

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* GET /api/v1/report */
int api_report(struct req *r, struct resp *out)
{
	struct report_params in = {
		.period = req_arg(r, "period"), .from = req_arg(r, "from"), .to = req_arg(r, "to"),
		.region = req_arg(r, "region"), .country = req_arg(r, "country"),
		.level = req_arg(r, "level"), .title = req_arg(r, "title"),
	};
	struct report_query q;
	struct report *rep;
	struct err e = { 0 };

	out->cache_control = "no-store";
	if (report_query_parse(r->store, r->pool, r->actor, &in, &q, &e) ||
	    report_make(r->store, r->pool, r->actor, &q, &rep, &e))
		return http_fail(r, out, &e);
	return api_send(out, 200, report_json(rep));
}

static json_t *saved_json(const struct report_saved *v)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(v->id));
	json_object_set_new(o, "title", v->title ? json_string(v->title) : json_null());
	json_object_set_new(o, "made_at", json_string(v->made_at));
	json_object_set_new(o, "made_by", json_string(v->made_by));
	json_object_set_new(o, "from", json_string(v->date_from));
	json_object_set_new(o, "to", json_string(v->date_to));
	json_object_set_new(o, "scope", json_string(v->scope));
	json_object_set_new(o, "level", json_string(v->level));
	return o;
}

/* GET /api/v1/reports: the saved reports; POST: make and save one (the body's from,
 * to, period, region, country, level, title). */
int api_reports(struct req *r, struct resp *out)
{
	struct err e = { 0 };

	out->cache_control = "no-store";
	if (r->method == HTTP_POST) {
		json_t *body = api_body(r, out), *j;
		struct report_params in = { 0 };
		struct report_query q;
		struct report *rep;
		long long id;
		char *text;
		int rc;

		if (!body)
			return out->status;
		in.period = jstr(body, "period");
		in.from = jstr(body, "from");
		in.to = jstr(body, "to");
		in.region = jstr(body, "region");
		in.country = jstr(body, "country");
		in.level = jstr(body, "level");
		in.title = jstr(body, "title");
		if (report_query_parse(r->store, r->pool, r->actor, &in, &q, &e) ||
		    report_make(r->store, r->pool, r->actor, &q, &rep, &e)) {
			json_decref(body);
			return http_fail(r, out, &e);
		}
		json_decref(body);
		j = report_json(rep);
		text = json_dumps(j, JSON_COMPACT);
		json_decref(j);
		rc = report_save(r->store, r->actor, rep, text, &id, &e);
		free(text);
		if (rc)
			return http_fail(r, out, &e);
		out->location = pool_printf(r->pool, "/api/v1/reports/%lld", id);
		return api_send(out, 201, report_json(rep));
	}
	{
		struct report_saved *v;
		size_t n;
		json_t *arr, *j;

		if (report_list(r->store, r->pool, r->actor, 500, &v, &n, &e))
			return http_fail(r, out, &e);
		arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, saved_json(&v[i]));
		j = json_object();
		json_object_set_new(j, "count", json_integer((json_int_t)n));
		json_object_set_new(j, "reports", arr);
		return api_send(out, 200, j);
	}
}

static int saved(struct req *r, struct report **rep, struct err *e)
{
	long long id = num_id(r->params[0]);
	struct report_saved *sv;
	int rc;

	if (!id)
		return err_set(e, ERR_NOTFOUND, "no report %.20s", r->params[0]);
	if ((rc = report_get(r->store, r->pool, r->actor, id, &sv, e)))
		return rc;
	return report_json_saved(r->pool, sv, rep, e);
}

/* GET /api/v1/reports/:id */
int api_report_saved(struct req *r, struct resp *out)
{
	struct report *rep;
	struct err e = { 0 };

	out->cache_control = "no-store";
	if (saved(r, &rep, &e))
		return http_fail(r, out, &e);
	return api_send(out, 200, report_json(rep));
}

/* GET /api/v1/reports/:id/again: {"saved": id, "made_at", "changes": [...], "report"} */
int api_report_again(struct req *r, struct resp *out)
{
	struct report *old, *now;
	struct report_query q;
	struct report_change *ch;
	size_t n;
	struct err e = { 0 };
	json_t *j, *arr;

	out->cache_control = "no-store";
	if (saved(r, &old, &e))
		return http_fail(r, out, &e);
	q = old->q;
	if (report_make(r->store, r->pool, r->actor, &q, &now, &e))
		return http_fail(r, out, &e);
	report_compare(r->pool, old, now, &ch, &n);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "key", json_string(ch[i].key));
		json_object_set_new(o, "label", json_string(ch[i].label));
		json_object_set_new(o, "before", ch[i].was ? json_real(ch[i].before) : json_null());
		json_object_set_new(o, "after", ch[i].is ? json_real(ch[i].after) : json_null());
		json_array_append_new(arr, o);
	}
	j = json_object();
	json_object_set_new(j, "saved", json_integer(old->id));
	json_object_set_new(j, "saved_at", json_string(old->made_at ? old->made_at : ""));
	json_object_set_new(j, "changes", arr);
	json_object_set_new(j, "report", report_json(now));
	return api_send(out, 200, j);
}

/* PUT /api/v1/reports/:id/prose/:paragraph, body {"prose": "..."} */
int api_report_prose(struct req *r, struct resp *out)
{
	long long id = num_id(r->params[0]);
	int number = (int)num_id(r->params[1]);
	json_t *body;
	struct err e = { 0 };
	int rc;

	if (!id)
		return http_error(r, out, 404, "no such report");
	if (!(body = api_body(r, out)))
		return out->status;
	if (!json_is_string(json_object_get(body, "prose"))) {
		json_decref(body);
		return http_error(r, out, 400, "prose: a string is needed");
	}
	rc = report_prose_set(r->store, r->actor, id, number, jstr(body, "prose"), &e);
	json_decref(body);
	if (rc)
		return http_fail(r, out, &e);
	out->status = 204;
	return 204;
}
