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
#include "domain/caselaw.h"
#include "domain/country.h"
#include "domain/legislation.h"
#include "domain/lesson.h"
#include "domain/record.h"

static json_t *case_json(const struct caselaw *c)
{
	json_t *j = api_record_json(&c->rec), *applied = json_array();

	json_object_set_new(j, "court", api_str(c->court));
	json_object_set_new(j, "decided", api_str(c->decided));
	json_object_set_new(j, "citation", api_str(c->citation));
	json_object_set_new(j, "parties", api_str(c->parties));
	json_object_set_new(j, "summary", api_str(c->summary));
	json_object_set_new(j, "facts", api_str(c->facts));
	json_object_set_new(j, "outcome", api_str(c->outcome));
	json_object_set_new(j, "evidence_issues", api_str(c->evidence_issues));
	json_object_set_new(j, "keywords", api_str(c->keywords));
	json_object_set_new(j, "work_uri", api_str(c->work_uri));
	for (size_t i = 0; i < c->napplied; i++) {
		json_t *l = json_object();

		json_object_set_new(l, "work_uri", json_string(c->applied[i].work_uri));
		json_object_set_new(l, "eid", json_string(c->applied[i].eid));
		json_array_append_new(applied, l);
	}
	json_object_set_new(j, "applied", applied);
	return j;
}

static json_t *lesson_json(const struct lesson *l)
{
	json_t *j = api_record_json(&l->rec);

	json_object_set_new(j, "topic", api_str(l->topic));
	json_object_set_new(j, "date", api_str(l->date));
	json_object_set_new(j, "body", api_str(l->body));
	return j;
}

/* The string under key into *dst (a pool copy): absent leaves *dst, null or ""
 * clears it; another type is ERR_INVALID. */
static int take(pool *p, json_t *o, const char *key, const char **dst, struct err *e)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return ERR_OK;
	if (json_is_null(v)) {
		*dst = NULL;
		return ERR_OK;
	}
	if (!json_is_string(v))
		return err_set(e, ERR_INVALID, "%s must be a string or null", key);
	if (strlen(json_string_value(v)) != json_string_length(v))
		return err_set(e, ERR_INVALID, "%s contains a NUL character", key);
	*dst = json_string_length(v) ? pool_strdup(p, json_string_value(v)) : NULL;
	return ERR_OK;
}

static int record_from_json(struct req *r, json_t *o, struct record *rec, struct err *e)
{
	const struct {
		const char *key;
		const char **dst;
	} f[] = {
		{ "title", &rec->title }, { "country", &rec->country },
		{ "region", &rec->region }, { "language", &rec->language },
		{ "source_url", &rec->source_url }, { "tlp", &rec->tlp },
	};
	struct country *c;
	int rc;

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if ((rc = take(r->pool, o, f[i].key, f[i].dst, e)))
			return rc;
	/* any code form: "ke", "KEN", "404" */
	if (rec->country) {
		if (country_get(r->store, r->pool, rec->country, &c, NULL))
			return err_set(e, ERR_INVALID, "country '%.20s' is not an ISO 3166-1 code",
				       rec->country);
		rec->country = pool_strdup(r->pool, c->alpha2);
	}
	return ERR_OK;
}

static int case_from_json(struct req *r, json_t *o, struct caselaw *c, struct err *e)
{
	const struct {
		const char *key;
		const char **dst;
	} f[] = {
		{ "court", &c->court }, { "decided", &c->decided }, { "citation", &c->citation },
		{ "parties", &c->parties }, { "summary", &c->summary }, { "facts", &c->facts },
		{ "outcome", &c->outcome }, { "evidence_issues", &c->evidence_issues },
		{ "keywords", &c->keywords }, { "work_uri", &c->work_uri },
	};
	json_t *applied = json_object_get(o, "applied"), *v;
	size_t i;
	int rc;

	if ((rc = record_from_json(r, o, &c->rec, e)))
		return rc;
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if ((rc = take(r->pool, o, f[i].key, f[i].dst, e)))
			return rc;
	if (!applied)
		return ERR_OK;
	if (json_is_null(applied)) {
		c->napplied = 0;
		return ERR_OK;
	}
	if (!json_is_array(applied))
		return err_set(e, ERR_INVALID, "applied must be an array of {\"work_uri\", \"eid\"}");
	c->applied = pool_calloc(r->pool, json_array_size(applied) + 1, sizeof(*c->applied));
	c->napplied = 0;
	json_array_foreach(applied, i, v) {
		struct case_link *l = &c->applied[c->napplied++];

		if (!json_is_object(v) || take(r->pool, v, "work_uri", &l->work_uri, NULL) ||
		    take(r->pool, v, "eid", &l->eid, NULL) || !l->work_uri || !l->eid)
			return err_set(e, ERR_INVALID, "applied[%zu] must be {\"work_uri\": "
				       "\"/akn/...\", \"eid\": \"sec_1\"}", i);
	}
	return ERR_OK;
}

static int lesson_from_json(struct req *r, json_t *o, struct lesson *l, struct err *e)
{
	int rc;

	if ((rc = record_from_json(r, o, &l->rec, e)) ||
	    (rc = take(r->pool, o, "topic", &l->topic, e)) ||
	    (rc = take(r->pool, o, "date", &l->date, e)) ||
	    (rc = take(r->pool, o, "body", &l->body, e)))
		return rc;
	return ERR_OK;
}

/* ?country= and ?status= into q. */
static int list_filters(struct req *r, struct resp *out, struct record_query *q)
{
	const char *country = req_arg(r, "country"), *status = req_arg(r, "status");
	struct country *c;
	struct err e = { 0 };

	if (country && *country) {
		if (country_get(r->store, r->pool, country, &c, &e))
			return http_fail(r, out, &e);
		q->country = c->alpha2;
	}
	if (status && *status && (q->status = record_status_parse(status)) < 0)
		return http_error(r, out, 400, "status is draft, submitted, published or "
				  "withdrawn");
	return api_paging(r, out, &q->limit, &q->offset);
}

static json_t *list_json(const struct record_query *q, const char *key, json_t *arr)
{
	json_t *j = json_object();

	json_object_set_new(j, "count", json_integer((json_int_t)json_array_size(arr)));
	json_object_set_new(j, "limit", json_integer(q->limit));
	json_object_set_new(j, "offset", json_integer(q->offset));
	json_object_set_new(j, key, arr);
	return j;
}

/* Answer a failed decode or save (400 invalid, 403, 404, 409 ...), freeing body. */
static int save_failed(struct req *r, struct resp *out, json_t *body, const struct err *e)
{
	json_decref(body);
	return http_fail(r, out, e);
}

int api_cases(struct req *r, struct resp *out)
{
	struct record_query q = { .kind = REC_CASE, .status = -1 };
	struct caselaw *cs, c, *saved;
	size_t n;
	long long id = 0;
	struct err e = { 0 };
	json_t *arr, *body;

	if (r->method & (HTTP_GET | HTTP_HEAD)) {
		if (list_filters(r, out, &q))
			return out->status;
		if (caselaw_list(r->store, r->pool, &q, &cs, &n, &e))
			return http_fail(r, out, &e);
		arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, case_json(&cs[i]));
		return api_send(out, 200, list_json(&q, "cases", arr));
	}
	if (!(body = api_body(r, out)))
		return out->status;
	memset(&c, 0, sizeof(c));
	if (case_from_json(r, body, &c, &e) || caselaw_save(r->store, r->actor, &c, &id, &e) ||
	    caselaw_get(r->store, r->pool, id, &saved, &e))
		return save_failed(r, out, body, &e);
	json_decref(body);
	out->location = pool_printf(r->pool, "/api/v1/cases/%lld", id);
	return api_send(out, 201, case_json(saved));
}

int api_case(struct req *r, struct resp *out)
{
	long long id = api_id(r->params[0]);
	struct caselaw *old, c, *saved;
	struct err e = { 0 };
	json_t *body;

	if (!id)
		return http_error(r, out, 404, "there is no case with that id; ids are numbers");
	if (caselaw_get(r->store, r->pool, id, &old, &e) ||
	    record_read(r->store, r->actor, &old->rec, &e))
		return http_fail(r, out, &e);
	if (r->method & (HTTP_GET | HTTP_HEAD))
		return api_send(out, 200, case_json(old));
	if (!(body = api_body(r, out)))
		return out->status;
	c = *old;
	if (case_from_json(r, body, &c, &e) || caselaw_save(r->store, r->actor, &c, &id, &e) ||
	    caselaw_get(r->store, r->pool, id, &saved, &e))
		return save_failed(r, out, body, &e);
	json_decref(body);
	return api_send(out, 200, case_json(saved));
}

int api_lessons(struct req *r, struct resp *out)
{
	struct record_query q = { .kind = REC_LESSON, .status = -1 };
	struct lesson *ls, l, *saved;
	size_t n;
	long long id = 0;
	struct err e = { 0 };
	json_t *arr, *body;

	if (r->method & (HTTP_GET | HTTP_HEAD)) {
		if (list_filters(r, out, &q))
			return out->status;
		if (lesson_list(r->store, r->pool, &q, &ls, &n, &e))
			return http_fail(r, out, &e);
		arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, lesson_json(&ls[i]));
		return api_send(out, 200, list_json(&q, "lessons", arr));
	}
	if (!(body = api_body(r, out)))
		return out->status;
	memset(&l, 0, sizeof(l));
	if (lesson_from_json(r, body, &l, &e) || lesson_save(r->store, r->actor, &l, &id, &e) ||
	    lesson_get(r->store, r->pool, id, &saved, &e))
		return save_failed(r, out, body, &e);
	json_decref(body);
	out->location = pool_printf(r->pool, "/api/v1/lessons/%lld", id);
	return api_send(out, 201, lesson_json(saved));
}

int api_lesson(struct req *r, struct resp *out)
{
	long long id = api_id(r->params[0]);
	struct lesson *old, l, *saved;
	struct err e = { 0 };
	json_t *body;

	if (!id)
		return http_error(r, out, 404, "there is no lesson with that id; ids are numbers");
	if (lesson_get(r->store, r->pool, id, &old, &e))
		return http_fail(r, out, &e);
	if (r->method & (HTTP_GET | HTTP_HEAD))
		return api_send(out, 200, lesson_json(old));
	if (!(body = api_body(r, out)))
		return out->status;
	l = *old;
	if (lesson_from_json(r, body, &l, &e) || lesson_save(r->store, r->actor, &l, &id, &e) ||
	    lesson_get(r->store, r->pool, id, &saved, &e))
		return save_failed(r, out, body, &e);
	json_decref(body);
	return api_send(out, 200, lesson_json(saved));
}

/* Where a record is in the API. */
static const char *record_api_path(pool *p, const struct record *rec)
{
	static const char *const area[] = { "works", "cases", "lessons" };

	return pool_printf(p, "/api/v1/%s/%lld",
			   area[(unsigned)rec->kind < REC_KIND_COUNT ? rec->kind : 0], rec->id);
}

static json_t *record_with_href(pool *p, const struct record *rec)
{
	json_t *j = api_record_json(rec);

	json_object_set_new(j, "href", json_string(record_api_path(p, rec)));
	return j;
}

int api_record_status(struct req *r, struct resp *out)
{
	long long id = api_id(r->params[0]);
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
	if (note && strlen(note) > 1000)
		return http_error(r, out, 400, "the note is longer than 1000 bytes");
	if (record_set_status(r->store, r->actor, id, (enum record_status)st, note, &e) ||
	    record_get(r->store, r->pool, id, &rec, &e))
		return http_fail(r, out, &e);
	return api_send(out, 200, record_with_href(r->pool, rec));
}

int api_review(struct req *r, struct resp *out)
{
	struct record *rs;
	size_t n;
	struct err e = { 0 };
	json_t *arr, *j;

	if (record_queue(r->store, r->pool, &rs, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, record_with_href(r->pool, &rs[i]));
	j = json_object();
	json_object_set_new(j, "count", json_integer((json_int_t)json_array_size(arr)));
	json_object_set_new(j, "records", arr);
	return api_send(out, 200, j);
}

int api_record_revisions(struct req *r, struct resp *out)
{
	long long id = api_id(r->params[0]);
	struct record *rec;
	struct revision *rv;
	size_t n;
	struct err e = { 0 };
	json_t *j, *arr;

	if (!id)
		return http_error(r, out, 404, "there is no record with that id; ids are numbers");
	if (record_get(r->store, r->pool, id, &rec, &e) ||
	    record_revisions(r->store, r->pool, id, &rv, &n, &e))
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
