/* /api/v1/countries and /api/v1/regions */
#include <string.h>

#include "api/api.h"
#include "domain/country.h"
#include "domain/limits.h"

static const struct api_field country_fields[] = {
	API_FIELD(struct country, alpha2, API_CODE),
	API_FIELD(struct country, alpha3, API_CODE),
	API_FIELD(struct country, numeric, API_CODE),
	API_FIELD_AS("name", struct country, names, API_NAMES),
	API_FIELD(struct country, official_name, API_STR_NULL),
	API_FIELD(struct country, region, API_CODE_NULL),
	API_FIELD(struct country, subregion, API_CODE_NULL),
	API_FIELD_AS("intermediate_region", struct country, intermediate, API_CODE_NULL),
	API_END
};

static json_t *level_json(const void *g)
{
	return json_string(region_level_name(((const struct region *)g)->level));
}

static const struct api_field region_fields[] = {
	API_FIELD(struct region, code, API_CODE),
	API_COMPUTED("level", level_json),
	API_FIELD(struct region, parent, API_CODE_NULL),
	API_FIELD_AS("name", struct region, names, API_NAMES),
	API_FIELD(struct region, country_count, API_INT),
	API_END
};

/* A region named from a country: its code and names */
static const struct api_field region_ref_fields[] = {
	API_FIELD(struct region, code, API_CODE),
	API_FIELD_AS("name", struct region, names, API_NAMES),
	API_END
};

static json_t *region_ref(const struct region *rs, size_t nr, const char *code)
{
	const struct region *g = region_find(rs, nr, code);

	return g ? api_object(g, region_ref_fields) : json_null();
}

int api_countries(struct req *r, struct resp *out)
{
	struct country *cs;
	struct region *g = NULL;
	size_t n;
	struct err e = { 0 };
	const char *region = req_arg(r, "region");
	json_t *arr;

	if ((region && region_get(r->store, r->pool, region, &g, &e)) ||
	    country_list(r->store, r->pool, &cs, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		if (!g || region_contains(g, &cs[i]))
			json_array_append_new(arr, api_object(&cs[i], country_fields));
	return api_send_list(out, "countries", arr, NULL);
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
	j = api_object(c, country_fields);
	json_object_set_new(j, "region", region_ref(rs, nr, c->region));
	json_object_set_new(j, "subregion", region_ref(rs, nr, c->subregion));
	json_object_set_new(j, "intermediate_region", region_ref(rs, nr, c->intermediate));
	return api_send(out, 200, j);
}


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
	if (json_array_size(codes) > LIMIT_RESOLVE_CODES) {
		json_decref(body);
		return http_error(r, out, 413, pool_printf(r->pool, "at most %d codes in one "
								 "request", LIMIT_RESOLVE_CODES));
	}
	results = json_array();
	json_array_foreach(codes, i, v) {
		struct country *c;
		struct err e = { 0 };
		json_t *item = json_object();

		json_array_append_new(results, item);
		json_object_set(item, "input", v);
		if (!json_is_string(v) || json_string_length(v) == 0 ||
		    json_string_length(v) > LIMIT_NAME ||
		    memchr(json_string_value(v), 0, json_string_length(v))) {
			json_object_set_new(item, "country", json_null());
			json_object_set_new(item, "error", json_string(pool_printf(r->pool,
				"expected a non-empty string of at most %d bytes", LIMIT_NAME)));
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
		json_object_set_new(item, "country", api_object(c, country_fields));
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

	if (region_list(r->store, r->pool, &rs, &n, &e))
		return http_fail(r, out, &e);
	return api_send_list(out, "regions", api_array(rs, n, sizeof(*rs), region_fields), NULL);
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
	j = api_object(g, region_fields);
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
