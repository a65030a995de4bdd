#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "core/lang.h"
#include "core/log.h"
#include "core/utf8.h"
#include "domain/country.h"
#include "domain/record.h"

static int dump_cb(const char *buf, size_t size, void *data)
{
	sbuf_add(data, buf, size);
	return 0;
}

int api_send(struct resp *out, int status, json_t *j)
{
	out->content_type = "application/json";
	sbuf_reset(&out->body);
	json_dump_callback(j, dump_cb, &out->body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	sbuf_addc(&out->body, '\n');
	json_decref(j);
	out->status = status;
	return status;
}

json_t *api_body(struct req *r, struct resp *out)
{
	json_error_t je;
	json_t *j;
	size_t n;

	if (!r->content_type || strncasecmp(r->content_type, "application/json", 16)) {
		http_error(r, out, 415, "send the body as application/json");
		return NULL;
	}
	if (!r->body || !r->body_len) {
		http_error(r, out, 400, "the request body is empty; send a JSON object");
		return NULL;
	}
	if (!utf8_valid(r->body, r->body_len)) {
		http_error(r, out, 400, "the request body is not valid UTF-8");
		return NULL;
	}
	n = r->body_len;
	j = json_loadb(r->body, n, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		http_error(r, out, 400, pool_printf(r->pool, "the body is not valid JSON: %s "
						    "(line %d, column %d)", je.text, je.line,
						    je.column));
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		http_error(r, out, 400, "the body must be a JSON object");
		return NULL;
	}
	return j;
}

json_t *api_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *names_json(const char *const *names)
{
	json_t *j = json_object();

	for (int l = 0; l < LANG_COUNT; l++)
		json_object_set_new(j, lang_code((enum lang)l), api_str(names[l]));
	return j;
}

static json_t *field_json(const void *obj, const struct api_field *f)
{
	const char *at = (const char *)obj + f->offset;

	switch (f->type) {
	case API_STR:
		return json_string(*(const char *const *)(const void *)at);
	case API_STR_NULL:
		return api_str(*(const char *const *)(const void *)at);
	case API_CODE:
		return json_string(at);
	case API_CODE_NULL:
		return at[0] ? json_string(at) : json_null();
	case API_INT:
		return json_integer(*(const int *)(const void *)at);
	case API_LLONG:
		return json_integer(*(const long long *)(const void *)at);
	case API_NAMES:
		return names_json((const char *const *)(const void *)at);
	case API_CALL:
		return f->fn(obj);
	}
	return NULL;
}

json_t *api_fields(json_t *j, const void *obj, const struct api_field *fields)
{
	for (const struct api_field *f = fields; f->key; f++)
		json_object_set_new(j, f->key, field_json(obj, f));
	return j;
}

json_t *api_object(const void *obj, const struct api_field *fields)
{
	return api_fields(json_object(), obj, fields);
}

json_t *api_array(const void *items, size_t n, size_t size, const struct api_field *fields)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, api_object((const char *)items + i * size, fields));
	return arr;
}

json_t *api_article_ref(const char *instrument, int number)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "%s/%d", instrument, number);
	return json_string(buf);
}

int api_send_list(struct resp *out, const char *key, json_t *arr, const struct record_query *q)
{
	json_t *j = json_object();

	json_object_set_new(j, "count", json_integer((json_int_t)json_array_size(arr)));
	if (q) {
		json_object_set_new(j, "limit", json_integer(q->limit));
		json_object_set_new(j, "offset", json_integer(q->offset));
	}
	json_object_set_new(j, key, arr);
	return api_send(out, 200, j);
}

int api_country_arg(struct req *r, struct resp *out, const char **country)
{
	const char *v = req_arg(r, "country");
	struct country *c;
	struct err e = { 0 };

	if (!v || !*v)
		return 0;
	if (country_get(r->store, r->pool, v, &c, &e))
		return http_fail(r, out, &e);
	*country = c->alpha2;
	return 0;
}

int api_take(struct req *r, struct resp *out, json_t *body, const char *const *keys,
	     const char **dst, size_t n)
{
	struct err e = { 0 };

	for (size_t i = 0; i < n; i++) {
		dst[i] = NULL;
		if (record_json_take(r->pool, body, keys[i], &dst[i], &e)) {
			json_decref(body);
			return http_error(r, out, 400, e.msg);
		}
	}
	json_decref(body);
	return 0;
}

int api_members(struct req *r, struct resp *out, json_t *body, const char *where,
		const char *const *keys, size_t n)
{
	const char *key;
	json_t *v;

	json_object_foreach(body, key, v) {
		struct sbuf allowed = SBUF_INIT;
		const char *msg;
		size_t i;

		for (i = 0; i < n && strcmp(key, keys[i]); i++)
			;
		if (i < n)
			continue;
		sbuf_adds(&allowed, n ? "allowed: " : "no member is expected");
		for (i = 0; i < n; i++)
			sbuf_addf(&allowed, "%s%s", i ? ", " : "", keys[i]);
		msg = pool_printf(r->pool, "%s%s%.64s: unknown member (%s)", where ? where : "",
				  where ? "." : "", key, sbuf_str(&allowed));
		sbuf_release(&allowed);
		json_decref(body);
		return http_error(r, out, 400, msg);
	}
	return 0;
}
