/* /api/v1/countries and /api/v1/regions */
#include <string.h>

#include "api/api.h"
#include "domain/country.h"

static json_t *names_json(const char *const names[LANG_COUNT])
{
	json_t *j = json_object();

	for (int l = 0; l < LANG_COUNT; l++)
		json_object_set_new(j, lang_code((enum lang)l), api_str(names[l]));
	return j;
}

static json_t *code_or_null(const char *code)
{
	return code[0] ? json_string(code) : json_null();
}

static json_t *country_json(const struct country *c)
{
	json_t *j = json_object();

	json_object_set_new(j, "alpha2", json_string(c->alpha2));
	json_object_set_new(j, "alpha3", json_string(c->alpha3));
	json_object_set_new(j, "numeric", json_string(c->numeric));
	json_object_set_new(j, "name", names_json(c->names));
	json_object_set_new(j, "official_name", api_str(c->official_name));
	json_object_set_new(j, "region", code_or_null(c->region));
	json_object_set_new(j, "subregion", code_or_null(c->subregion));
	json_object_set_new(j, "intermediate_region", code_or_null(c->intermediate));
	return j;
}

static json_t *region_ref(const struct region *rs, size_t nr, const char *code)
{
	const struct region *g = region_find(rs, nr, code);
	json_t *j;

	if (!g)
		return json_null();
	j = json_object();
	json_object_set_new(j, "code", json_string(g->code));
	json_object_set_new(j, "name", names_json(g->names));
	return j;
}

static json_t *region_json(const struct region *g)
{
	json_t *j = json_object();

	json_object_set_new(j, "code", json_string(g->code));
	json_object_set_new(j, "level", json_string(region_level_name(g->level)));
	json_object_set_new(j, "parent", code_or_null(g->parent));
	json_object_set_new(j, "name", names_json(g->names));
	json_object_set_new(j, "country_count", json_integer(g->country_count));
	return j;
}

int api_countries(struct req *r, struct resp *out)
{
	struct country *cs;
	struct region *g = NULL;
	size_t n;
	struct err e = { 0 };
	const char *region = req_arg(r, "region");
	json_t *arr, *j;

	if ((region && region_get(r->store, r->pool, region, &g, &e)) ||
	    country_list(r->store, r->pool, &cs, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		if (!g || region_contains(g, &cs[i]))
			json_array_append_new(arr, country_json(&cs[i]));
	j = json_object();
	json_object_set_new(j, "count", json_integer((json_int_t)json_array_size(arr)));
	json_object_set_new(j, "countries", arr);
	return api_send(out, 200, j);
}

int api_country(struct req *r, struct resp *out)
{
	struct country *c;
	struct region *rs;
	size_t nr;
	struct err e = { 0 };
	json_t *j;

	if (country_get(r->store, r->pool, r->params[0], &c, &e) ||
	    region_list(r->store, r->pool, &rs, &nr, &e))
		return http_fail(r, out, &e);
	j = country_json(c);
	json_object_set_new(j, "region", region_ref(rs, nr, c->region));
	json_object_set_new(j, "subregion", region_ref(rs, nr, c->subregion));
	json_object_set_new(j, "intermediate_region", region_ref(rs, nr, c->intermediate));
	return api_send(out, 200, j);
}

#define RESOLVE_MAX 1000
#define RESOLVE_ITEM_MAX 200

int api_countries_resolve(struct req *r, struct resp *out)
{
	json_t *body = api_body(r, out), *codes, *v, *results, *j;
	size_t i;

	if (!body)
		return out->status;
	codes = json_object_get(body, "codes");
	if (!json_is_array(codes)) {
		json_decref(body);
		return http_error(r, out, 400, "the body needs \"codes\": an array of strings, "
				  "such as {\"codes\": [\"KE\", \"FRA\", \"Kenya\"]}");
	}
	if (json_array_size(codes) > RESOLVE_MAX) {
		json_decref(body);
		return http_error(r, out, 413, "at most 1000 codes in one request");
	}
	results = json_array();
	json_array_foreach(codes, i, v) {
		struct country *c;
		struct err e = { 0 };
		json_t *item = json_object();

		json_array_append_new(results, item);
		json_object_set(item, "input", v);
		if (!json_is_string(v) || json_string_length(v) == 0 ||
		    json_string_length(v) > RESOLVE_ITEM_MAX ||
		    memchr(json_string_value(v), 0, json_string_length(v))) {
			json_object_set_new(item, "country", json_null());
			json_object_set_new(item, "error", json_string(
				"expected a non-empty string of at most 200 bytes"));
			continue;
		}
		if (country_resolve(r->store, r->pool, json_string_value(v), &c, &e)) {
			if (http_status_of(e.code) >= 500) {
				json_decref(results);
				json_decref(body);
				return http_fail(r, out, &e);
			}
			json_object_set_new(item, "country", json_null());
			json_object_set_new(item, "error", json_string(e.msg));
			continue;
		}
		json_object_set_new(item, "country", country_json(c));
	}
	json_decref(body);
	j = json_object();
	json_object_set_new(j, "results", results);
	return api_send(out, 200, j);
}

int api_regions(struct req *r, struct resp *out)
{
	struct region *rs;
	size_t n;
	struct err e = { 0 };
	json_t *arr, *j;

	if (region_list(r->store, r->pool, &rs, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, region_json(&rs[i]));
	j = json_object();
	json_object_set_new(j, "count", json_integer((json_int_t)n));
	json_object_set_new(j, "regions", arr);
	return api_send(out, 200, j);
}

int api_region(struct req *r, struct resp *out)
{
	struct region *g, *rs;
	struct country *cs;
	size_t nr, nc;
	struct err e = { 0 };
	json_t *j, *children, *members;

	if (region_get(r->store, r->pool, r->params[0], &g, &e) ||
	    region_list(r->store, r->pool, &rs, &nr, &e) ||
	    country_list(r->store, r->pool, &cs, &nc, &e))
		return http_fail(r, out, &e);
	j = region_json(g);
	children = json_array();
	for (size_t i = 0; i < nr; i++)
		if (!strcmp(rs[i].parent, g->code))
			json_array_append_new(children, json_string(rs[i].code));
	members = json_array();
	for (size_t i = 0; i < nc; i++)
		if (region_contains(g, &cs[i]))
			json_array_append_new(members, json_string(cs[i].alpha2));
	json_object_set_new(j, "children", children);
	json_object_set_new(j, "countries", members);
	return api_send(out, 200, j);
}
