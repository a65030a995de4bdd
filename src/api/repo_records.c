/* /api/v1/cases, /api/v1/lessons and the review workflow: /api/v1/records/{id}/status,
 * /api/v1/records/{id}/revisions, /api/v1/review.
 *
 * Bodies carry the fields of the record (see the OpenAPI document). On create, what
 * is left out is empty; on PUT, what is left out keeps its value and null clears it.
 * The status, revision and who changed what when belong to the workflow: they are
 * ignored here (POST /api/v1/records/{id}/status moves a record). */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/num.h"
#include "domain/caselaw.h"
#include "domain/country.h"
#include "domain/kind.h"
#include "domain/legislation.h"
#include "domain/lesson.h"
#include "domain/record.h"
#include "domain/review.h"

/* A record's JSON, and for those who may act on it, whether a change waits for review. */
static json_t *with_pending(struct req *r, json_t *j, const struct record *rec)
{
	if (rec->pending && !record_allow(r->actor, ACT_EDIT, rec, NULL))
		json_object_set_new(j, "pending_change", json_true());
	return j;
}

static json_t *one_json(struct req *r, const struct kind *k, const void *obj)
{
	return with_pending(r, kind_json(k, obj), obj);
}

static int take(pool *p, json_t *o, const char *key, const char **dst, struct err *e)
{
	return record_json_take(p, o, key, dst, e);
}

/* ?country= and ?status= into q. */
static int list_filters(struct req *r, struct resp *out, struct record_query *q)
{
	const char *status = req_arg(r, "status");

	if (api_country_arg(r, out, &q->country))
		return out->status;
	if (status && *status && (q->status = record_status_parse(status)) < 0)
		return http_error(r, out, 400, "status is draft, submitted, published or "
				  "withdrawn");
	return api_paging(r, out, &q->limit, &q->offset);
}

/* Answer a failed decode or save (400 invalid, 403, 404, 409 ...), freeing body. */
static int save_failed(struct req *r, struct resp *out, json_t *body, const struct err *e)
{
	json_decref(body);
	return http_fail(r, out, e);
}

/* GET: the records of kind k the caller reads (?country=, ?status=, paging); POST:
 * a new one. */
int api_kind_list(struct req *r, struct resp *out)
{
	const struct kind *k = r->route_data;
	struct record_query q = { .kind = (int)k->id, .status = -1 };
	void *rs, *obj, *saved;
	size_t n;
	long long id = 0;
	struct err e = { 0 };
	json_t *arr, *body;

	if (r->method & (HTTP_GET | HTTP_HEAD)) {
		if (list_filters(r, out, &q))
			return out->status;
		if (kind_list(r->store, r->pool, r->actor, k, &q, &rs, &n, &e))
			return http_fail(r, out, &e);
		arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, one_json(r, k, kind_at(k, rs, i)));
		return api_send_list(out, k->api, arr, &q);
	}
	if (!(body = api_body(r, out)))
		return out->status;
	obj = kind_new(r->pool, k);
	if (kind_from_json(r->store, r->pool, k, body, obj, &e) ||
	    kind_save(r->store, r->actor, k, obj, &id, &e) ||
	    kind_get(r->store, r->pool, k, id, &saved, &e))
		return save_failed(r, out, body, &e);
	json_decref(body);
	out->location = pool_printf(r->pool, "/api/v1/%s/%lld", k->api, id);
	return api_send(out, 201, one_json(r, k, saved));
}

/* GET: one record of kind k; PUT: change it. */
int api_kind_one(struct req *r, struct resp *out)
{
	const struct kind *k = r->route_data;
	long long id = num_id(r->params[0]);
	struct record *old, *saved;
	struct err e = { 0 };
	json_t *body;

	if (!id)
		return http_error(r, out, 404, pool_printf(r->pool, "there is no %s with that id; "
							   "ids are numbers", k->name));
	if (kind_read(r->store, r->pool, r->actor, k, id, (void **)&old, &e))
		return http_fail(r, out, &e);
	if (r->method & (HTTP_GET | HTTP_HEAD))
		return api_send(out, 200, one_json(r, k, old));
	if (!(body = api_body(r, out)))
		return out->status;
	if (kind_from_json(r->store, r->pool, k, body, old, &e) ||
	    kind_save(r->store, r->actor, k, old, &id, &e) ||
	    kind_get(r->store, r->pool, k, id, (void **)&saved, &e))
		return save_failed(r, out, body, &e);
	json_decref(body);
	/* 202: the change waits for review; the record as published meanwhile */
	return api_send(out, old->pending ? 202 : 200, one_json(r, k, saved));
}

/* Where a record is in the API. */
static const char *record_api_path(pool *p, const struct record *rec)
{
	const struct kind *k = kind_by_id(rec->kind);

	return pool_printf(p, "/api/v1/%s/%lld", k ? k->api : "works", rec->id);
}

static json_t *record_with_href(pool *p, const struct record *rec)
{
	json_t *j = record_json(rec);

	json_object_set_new(j, "href", json_string(record_api_path(p, rec)));
	return j;
}

int api_record_status(struct req *r, struct resp *out)
{
	long long id = num_id(r->params[0]);
	struct record *rec;
	struct err e = { 0 };
	const char *to = NULL, *note = NULL;
	int st;
	json_t *body;

	if (!id)
		return http_error(r, out, 404, "there is no record with that id; ids are numbers");
	if (!(body = api_body(r, out)))
		return out->status;
	if (take(r->pool, body, "to", &to, &e) || take(r->pool, body, "note", &note, &e)) {
		json_decref(body);
		return http_fail(r, out, &e);
	}
	json_decref(body);
	if ((st = record_status_parse(to)) < 0)
		return http_error(r, out, 400, "give \"to\": draft, submitted, published or "
				  "withdrawn");
	if (record_set_status(r->store, r->actor, id, (enum record_status)st, note, &e) ||
	    record_get(r->store, r->pool, id, &rec, &e))
		return http_fail(r, out, &e);
	return api_send(out, 200, record_with_href(r->pool, rec));
}

/* GET /api/v1/records/{id}/change: what waits for review (curators and the proposer);
 * POST {"decision": "publish"|"reject", "version": "eng@2020-01-01"?, "note"?}:
 * a curator's decision. */
int api_record_change(struct req *r, struct resp *out)
{
	long long id = num_id(r->params[0]);
	struct record_change *c;
	struct record *rec;
	struct err e = { 0 };
	const char *decision = NULL, *version = NULL, *note = NULL;
	json_t *body, *j;
	int d;

	out->cache_control = "no-store";
	if (!id)
		return http_error(r, out, 404, "there is no record with that id; ids are numbers");
	if (r->method & (HTTP_GET | HTTP_HEAD)) {
		if (review_change_get(r->store, r->pool, id, &c, &e))
			return http_fail(r, out, &e);
		j = json_pack("{s:I, s:s, s:s, s:o}", "record", (json_int_t)c->record_id,
			      "proposed_at", c->proposed_at, "proposed_by", c->proposed_by,
			      "content", json_loads(c->content, 0, NULL));
		return api_send(out, 200, j);
	}
	if (!(body = api_body(r, out)))
		return out->status;
	if (take(r->pool, body, "decision", &decision, &e) ||
	    take(r->pool, body, "version", &version, &e) ||
	    take(r->pool, body, "note", &note, &e))
		return save_failed(r, out, body, &e);
	json_decref(body);
	if ((d = review_decision_parse(decision)) < 0)
		return http_error(r, out, 400, "give \"decision\": publish or reject");
	if (review_decide(r->store, r->actor, id, version, (enum review_decision)d, note, &e) ||
	    record_get(r->store, r->pool, id, &rec, &e))
		return http_fail(r, out, &e);
	return api_send(out, 200, record_with_href(r->pool, rec));
}

int api_review(struct req *r, struct resp *out)
{
	struct record *rs;
	size_t n;
	struct err e = { 0 };
	json_t *arr;

	if (record_queue(r->store, r->pool, r->actor, &rs, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, with_pending(r, record_with_href(r->pool, &rs[i]),
							&rs[i]));
	return api_send_list(out, "records", arr, NULL);
}

int api_record_revisions(struct req *r, struct resp *out)
{
	long long id = num_id(r->params[0]);
	struct record *rec;
	struct revision *rv;
	size_t n;
	struct err e = { 0 };
	json_t *j, *arr;

	if (!id)
		return http_error(r, out, 404, "there is no record with that id; ids are numbers");
	if (record_get(r->store, r->pool, id, &rec, &e) ||
	    record_revisions(r->store, r->pool, r->actor, id, &rv, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object(), *snap = rv[i].snapshot ?
				json_loads(rv[i].snapshot, 0, NULL) : NULL;

		json_object_set_new(v, "revision", json_integer(rv[i].revision));
		json_object_set_new(v, "status", json_string(record_status_name(rv[i].status)));
		json_object_set_new(v, "changed_at", api_str(rv[i].changed_at));
		json_object_set_new(v, "changed_by", api_str(rv[i].changed_by));
		json_object_set_new(v, "note", api_str(rv[i].note));
		json_object_set_new(v, "snapshot", snap ? snap : json_null());
		json_array_append_new(arr, v);
	}
	j = record_with_href(r->pool, rec);
	json_object_set_new(j, "revisions", arr);
	return api_send(out, 200, j);
}
