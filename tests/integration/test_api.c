/* The JSON API, through the real binary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integration/harness.h"

/* One server for the whole program: srv_one, started by srv_one_setup. */
#define S srv_one

/* The /api/v1 routes of src/http/routes.c, in OpenAPI's template form. */
static const char *const api_routes[] = {
	"/api/v1/openapi.json",
	"/api/v1/countries",
	"/api/v1/countries/resolve",
	"/api/v1/countries/{code}",
	"/api/v1/regions",
	"/api/v1/regions/{code}",
	"/api/v1/instruments",
	"/api/v1/instruments/{id}",
	"/api/v1/instruments/{id}/articles",
	"/api/v1/instruments/{id}/articles/{number}",
	"/api/v1/crosswalk",
	"/api/v1/search",
	"/api/v1/me",
	"/api/v1/instruments/{id}/articles/{number}/provisions",
	"/api/v1/works",
	"/api/v1/works/import",
	"/api/v1/works/{id}",
	"/api/v1/works/{id}/mappings",
	"/api/v1/works/{id}/suggestions",
	"/api/v1/akn/{path}",
	"/api/v1/cases",
	"/api/v1/cases/{id}",
	"/api/v1/lessons",
	"/api/v1/lessons/{id}",
	"/api/v1/records/{id}/status",
	"/api/v1/records/{id}/revisions",
	"/api/v1/records/{id}/change",
	"/api/v1/records/{id}/sharing",
	"/api/v1/groups",
	"/api/v1/shared",
	"/api/v1/review",
	"/api/v1/export",
	"/api/v1/coverage",
	"/api/v1/coverage/assessments",
	"/api/v1/coverage/assessments/{id}/withdraw",
	"/api/v1/coverage/disputes",
	"/api/v1/coverage/disputes/{id}",
	"/api/v1/coverage/disputes/{id}/decision",
	"/api/v1/needs",
	"/api/v1/needs/{id}/close",
	"/api/v1/campaigns",
	"/api/v1/campaigns/{id}",
	"/api/v1/campaigns/{id}/tracking",
	"/api/v1/campaigns/{id}/reminders",
	"/api/v1/campaigns/{id}/aggregates",
	"/api/v1/campaigns/{id}/publish",
	"/api/v1/campaigns/{id}/answers/{code}",
	"/api/v1/campaigns/{id}/answers/{code}/submit",
	"/api/v1/campaigns/{id}/answers/{code}/return",
	"/api/v1/campaigns/{id}/answers/{code}/accept",
	"/api/v1/campaigns/{id}/answers/{code}/reopen",
	"/api/v1/campaigns/{id}/answers/{code}/carry",
	"/api/v1/countries/{code}/progress",
	"/api/v1/needs/weights",
	"/api/v1/developments",
	"/api/v1/assistance/requests",
	"/api/v1/assistance/requests/{id}",
	"/api/v1/assistance/requests/{id}/timeline",
	"/api/v1/assistance/requests/{id}/moves",
	"/api/v1/assistance/requests/{id}/suggestions",
	"/api/v1/assistance/requests/{id}/matches",
	"/api/v1/assistance/requests/{id}/funding",
	"/api/v1/assistance/requests/{id}/evaluation",
	"/api/v1/assistance/matches/{id}/accept",
	"/api/v1/assistance/matches/{id}/decline",
	"/api/v1/assistance/offers",
	"/api/v1/assistance/offers/{id}",
	"/api/v1/assistance/offers/{id}/withdraw",
	"/api/v1/assistance/overlaps",
	"/api/v1/assistance/totals",
	"/api/v1/assistance/requests/{id}/activities",
	"/api/v1/assistance/activities",
	"/api/v1/assistance/activities/{id}",
	"/api/v1/assistance/activities/{id}/training",
	"/api/v1/assistance/activities/{id}/attendance",
	"/api/v1/assistance/activities/{id}/evaluation",
	"/api/v1/assistance/trained",
	"/api/v1/assistance/iati.xml",
	"/api/v1/directory",
	"/api/v1/directory/stale",
	"/api/v1/directory/ask",
	"/api/v1/directory/{id}",
	"/api/v1/directory/{id}/verify",
	"/api/v1/report",
	"/api/v1/reports",
	"/api/v1/reports/{id}",
	"/api/v1/reports/{id}/again",
	"/api/v1/reports/{id}/prose/{paragraph}",
};
#define N_API_ROUTES (sizeof(api_routes) / sizeof(api_routes[0]))

static const char *const langs[] = { "ar", "zh", "en", "fr", "ru", "es" };

/* Parse r's body as JSON after checking status and media type; the caller decrefs. */
static json_t *json_of(const struct http_response *r, int status, const char *ctype)
{
	json_error_t e;
	json_t *j;

	assert_status(r, status);
	assert_non_null(http_header(r, "Content-Type"));
	assert_string_equal(http_header(r, "Content-Type"), ctype);
	j = json_loadb(r->body, r->body_len, 0, &e);
	if (!j)
		fail_msg("not JSON (%s at %d): %.200s", e.text, e.position, r->body);
	return j;
}

static json_t *get_json(const char *path)
{
	struct http_response *r = http_get(S, path, NULL);
	json_t *j = json_of(r, 200, "application/json");

	http_response_free(r);
	return j;
}

/* Check a problem document: status, title, type, detail. */
static void check_problem(const char *method, const char *path, const char *body,
			  int status, const char *detail_has)
{
	struct http_response *r = body ? http_post_json(S, path, body) :
				   http_request(S, method, path, NULL, NULL, 0);
	json_t *j = json_of(r, status, "application/problem+json");

	assert_true(json_is_string(json_object_get(j, "type")));
	assert_true(json_is_string(json_object_get(j, "title")));
	assert_true(strlen(json_string_value(json_object_get(j, "title"))) > 0);
	assert_int_equal(json_integer_value(json_object_get(j, "status")), status);
	assert_true(json_is_string(json_object_get(j, "detail")));
	if (detail_has)
		assert_has(json_string_value(json_object_get(j, "detail")), detail_has);
	json_decref(j);
	http_response_free(r);
}

static const char *str_at(json_t *j, const char *path)
{
	/* a dotted path of object keys */
	char key[64];
	const char *p = path;

	while (j && *p) {
		size_t n = strcspn(p, ".");

		snprintf(key, sizeof(key), "%.*s", (int)n, p);
		j = json_object_get(j, key);
		p += n + (p[n] == '.');
	}
	if (!json_is_string(j))
		fail_msg("%s is not a string", path);
	return json_string_value(j);
}

static json_t *find_country(json_t *list, const char *alpha2)
{
	size_t i;
	json_t *c;

	json_array_foreach(list, i, c)
		if (json_is_string(json_object_get(c, "alpha2")) &&
		    !strcmp(json_string_value(json_object_get(c, "alpha2")), alpha2))
			return c;
	return NULL;
}

static void check_ke_names(json_t *c)
{
	static const char *const want[] = { "كينيا", "肯尼亚", "Kenya", "Kenya", "Кения",
					    "Kenia" };
	json_t *names = json_object_get(c, "name");

	for (size_t i = 0; i < 6; i++) {
		json_t *n = json_object_get(names, langs[i]);

		assert_true(json_is_string(n));
		assert_string_equal(json_string_value(n), want[i]);
	}
}

static void test_countries(void **state)
{
	json_t *j = get_json("/api/v1/countries"), *list = json_object_get(j, "countries"), *c;
	size_t i;

	(void)state;
	assert_true(json_is_array(list));
	assert_true(json_integer_value(json_object_get(j, "count")) >= 249);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), json_array_size(list));
	c = find_country(list, "KE");
	assert_non_null(c);
	assert_string_equal(str_at(c, "alpha3"), "KEN");
	assert_string_equal(str_at(c, "numeric"), "404");
	check_ke_names(c);
	assert_non_null(find_country(list, "FR"));
	assert_non_null(find_country(list, "CN"));
	/* every country has its codes and six non-empty names */
	json_array_foreach(list, i, c) {
		assert_int_equal(strlen(str_at(c, "alpha2")), 2);
		assert_int_equal(strlen(str_at(c, "alpha3")), 3);
		for (size_t k = 0; k < 6; k++) {
			json_t *n = json_object_get(json_object_get(c, "name"), langs[k]);

			if (!json_is_string(n) || !*json_string_value(n))
				fail_msg("%s has no %s name", str_at(c, "alpha2"), langs[k]);
		}
	}
	json_decref(j);
}

static void test_countries_by_region(void **state)
{
	json_t *j = get_json("/api/v1/countries?region=014"), *list = json_object_get(j, "countries");

	(void)state;
	assert_true(json_is_array(list));
	assert_int_equal(json_integer_value(json_object_get(j, "count")), json_array_size(list));
	assert_true(json_array_size(list) > 10 && json_array_size(list) < 40);
	assert_non_null(find_country(list, "KE"));
	assert_non_null(find_country(list, "ET"));
	assert_null(find_country(list, "FR"));
	assert_null(find_country(list, "NG"));
	json_decref(j);

	/* a region includes its sub-regions' countries */
	j = get_json("/api/v1/countries?region=002");
	list = json_object_get(j, "countries");
	assert_int_equal(json_array_size(list), 60);
	assert_non_null(find_country(list, "KE"));
	assert_non_null(find_country(list, "NG"));
	assert_null(find_country(list, "FR"));
	json_decref(j);

	check_problem("GET", "/api/v1/countries?region=abc", NULL, 400, "abc");
	check_problem("GET", "/api/v1/countries?region=999", NULL, 404, NULL);
}

static void test_country_ke(void **state)
{
	json_t *j = get_json("/api/v1/countries/KE");

	(void)state;
	assert_string_equal(str_at(j, "alpha2"), "KE");
	assert_string_equal(str_at(j, "alpha3"), "KEN");
	assert_string_equal(str_at(j, "region.code"), "002");
	assert_string_equal(str_at(j, "region.name.en"), "Africa");
	assert_string_equal(str_at(j, "subregion.code"), "202");
	assert_string_equal(str_at(j, "subregion.name.en"), "Sub-Saharan Africa");
	assert_string_equal(str_at(j, "intermediate_region.code"), "014");
	assert_string_equal(str_at(j, "intermediate_region.name.en"), "Eastern Africa");
	assert_string_equal(str_at(j, "intermediate_region.name.fr"), "Afrique orientale");
	check_ke_names(j);
	json_decref(j);

	/* lower case and alpha-3 work too, or redirect */
	{
		struct http_response *r = http_get(S, "/api/v1/countries/ken", NULL);

		assert_true(r->status == 200 || r->status == 301 || r->status == 308);
		if (r->status == 200)
			assert_has(r->body, "\"alpha2\":\"KE\"");
		else
			assert_string_equal(http_header(r, "Location"), "/api/v1/countries/KE");
		http_response_free(r);
	}
}

static void test_country_not_found(void **state)
{
	struct http_response *r = http_get(S, "/api/v1/countries/XX", NULL);
	json_t *j = json_of(r, 404, "application/problem+json");

	(void)state;
	assert_true(json_is_string(json_object_get(j, "type")));
	assert_string_equal(str_at(j, "title"), "Not Found");
	assert_int_equal(json_integer_value(json_object_get(j, "status")), 404);
	assert_has(str_at(j, "detail"), "XX");
	assert_header_has(r, "Cache-Control", "no-store");
	json_decref(j);
	http_response_free(r);

	check_problem("GET", "/api/v1/countries/K3Y!!", NULL, 400, NULL);
}

static void test_regions(void **state)
{
	json_t *j = get_json("/api/v1/regions"), *list = json_object_get(j, "regions"), *reg;
	size_t i, world = 0, regions = 0;

	(void)state;
	assert_int_equal(json_array_size(list), 31);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), 31);
	json_array_foreach(list, i, reg) {
		const char *level = str_at(reg, "level");

		world += !strcmp(level, "world");
		regions += !strcmp(level, "region");
		assert_int_equal(strlen(str_at(reg, "code")), 3);
	}
	assert_int_equal(world, 1);
	assert_int_equal(regions, 5);
	json_decref(j);

	j = get_json("/api/v1/regions/014");
	assert_string_equal(str_at(j, "code"), "014");
	assert_string_equal(str_at(j, "level"), "intermediate");
	assert_string_equal(str_at(j, "parent"), "202");
	assert_string_equal(str_at(j, "name.en"), "Eastern Africa");
	{
		json_t *cs = json_object_get(j, "countries"), *c;
		int ke = 0;

		assert_true(json_is_array(cs));
		json_array_foreach(cs, i, c)
			ke |= json_is_string(c) && !strcmp(json_string_value(c), "KE");
		assert_true(ke);
		assert_int_equal(json_integer_value(json_object_get(j, "country_count")),
				 json_array_size(cs));
	}
	json_decref(j);
	check_problem("GET", "/api/v1/regions/999", NULL, 404, NULL);
	check_problem("GET", "/api/v1/regions/ab", NULL, 400, NULL);
}

static void test_instruments(void **state)
{
	json_t *j = get_json("/api/v1/instruments"), *list = json_object_get(j, "instruments");
	json_t *ch, *c;
	size_t i;
	int found_ii1 = 0;

	(void)state;
	assert_int_equal(json_array_size(list), 2);
	assert_string_equal(str_at(json_array_get(list, 0), "id"), "coe-185");
	assert_string_equal(str_at(json_array_get(list, 1), "id"), "un-cc");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 0),
							    "article_count")), 48);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 1),
							    "article_count")), 68);
	json_decref(j);

	j = get_json("/api/v1/instruments/coe-185");
	assert_string_equal(str_at(j, "short_name"), "Budapest Convention");
	assert_string_equal(str_at(j, "adopted"), "2001-11-23");
	ch = json_object_get(j, "chapters");
	assert_int_equal(json_array_size(ch), 26);
	assert_string_equal(str_at(json_array_get(ch, 0), "code"), "I");
	assert_string_equal(str_at(json_array_get(ch, 0), "title"), "Chapter I – Use of terms");
	json_array_foreach(ch, i, c)
		if (!strcmp(str_at(c, "code"), "II.1")) {
			found_ii1 = 1;
			assert_string_equal(str_at(c, "parent"), "II");
			assert_string_equal(str_at(c, "title"),
					    "Section 1 – Substantive criminal law");
		}
	assert_true(found_ii1);
	json_decref(j);
	check_problem("GET", "/api/v1/instruments/nope", NULL, 404, NULL);
}

static void test_articles(void **state)
{
	json_t *j = get_json("/api/v1/instruments/un-cc/articles"), *list, *a;
	size_t i;
	int seven = 0;

	(void)state;
	list = json_object_get(j, "articles");
	assert_int_equal(json_array_size(list), 68);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), 68);
	json_array_foreach(list, i, a)
		assert_int_equal(json_integer_value(json_object_get(a, "number")), (long)i + 1);
	json_decref(j);

	j = get_json("/api/v1/instruments/un-cc/articles?category=criminalization");
	list = json_object_get(j, "articles");
	assert_true(json_array_size(list) >= 10 && json_array_size(list) < 68);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), json_array_size(list));
	json_array_foreach(list, i, a) {
		assert_string_equal(str_at(a, "category"), "criminalization");
		seven |= json_integer_value(json_object_get(a, "number")) == 7;
	}
	assert_true(seven);
	json_decref(j);

	j = get_json("/api/v1/instruments/coe-185/articles");
	assert_int_equal(json_array_size(json_object_get(j, "articles")), 48);
	json_decref(j);

	check_problem("GET", "/api/v1/instruments/un-cc/articles?category=bogus", NULL, 400,
		      "bogus");
}

static void test_article_counterparts(void **state)
{
	json_t *j = get_json("/api/v1/instruments/un-cc/articles/7"), *cp, *c;
	size_t i;
	int found = 0;

	(void)state;
	assert_string_equal(str_at(j, "id"), "un-cc/7");
	assert_string_equal(str_at(j, "title"), "Illegal access");
	assert_string_equal(str_at(j, "category"), "criminalization");
	cp = json_object_get(j, "counterparts");
	assert_true(json_is_array(cp));
	json_array_foreach(cp, i, c)
		if (!strcmp(str_at(c, "article"), "coe-185/2")) {
			found = 1;
			assert_string_equal(str_at(c, "relation"), "equivalent");
		}
	assert_true(found);
	json_decref(j);

	j = get_json("/api/v1/instruments/coe-185/articles/2");
	assert_string_equal(str_at(j, "title"), "Illegal access");
	{
		char *d = json_dumps(json_object_get(j, "counterparts"), 0);

		assert_has(d, "\"un-cc/7\"");
		free(d);
	}
	json_decref(j);

	check_problem("GET", "/api/v1/instruments/un-cc/articles/999", NULL, 404, NULL);
	check_problem("GET", "/api/v1/instruments/un-cc/articles/abc", NULL, 400, NULL);
}

static void test_crosswalk(void **state)
{
	json_t *j = get_json("/api/v1/crosswalk"), *list = json_object_get(j, "crosswalk"), *row;
	size_t i;
	int first = 0;

	(void)state;
	assert_int_equal(json_array_size(list), 43);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), 43);
	json_array_foreach(list, i, row) {
		assert_true(strlen(str_at(row, "topic")) > 0);
		assert_true(strlen(str_at(row, "relation")) > 0);
		if (!strcmp(str_at(row, "topic"), "illegal access")) {
			first = 1;
			assert_string_equal(str_at(row, "coe-185"), "coe-185/2");
			assert_string_equal(str_at(row, "un-cc"), "un-cc/7");
		}
	}
	assert_true(first);
	json_decref(j);
}

/* The path template with parameter names blanked: "/a/{x}/b" -> "/a/{}/b". */
static void blank_params(const char *in, char *out, size_t size)
{
	size_t k = 0;

	for (const char *p = in; *p && k + 1 < size; p++) {
		out[k++] = *p;
		if (*p == '{') {
			while (*p && *p != '}')
				p++;
			if (!*p)
				break;
			out[k++] = '}';
		}
	}
	out[k] = '\0';
}

/* Whether src/http/routes.c has exactly the /api/v1 routes of the list above. */
static void check_route_list(void)
{
	const char *src = getenv("CCREPO_SRC");
	char path[512], *text, *p;
	size_t found = 0;

	if (!src)
		return;
	snprintf(path, sizeof(path), "%s/src/http/routes.c", src);
	text = harness_read_file(path, NULL);
	if (!text)
		return;
	for (p = text; (p = strstr(p, "\"/api/v1/")); p++) {
		char route[256], tmpl[256], want[256];
		size_t n = strcspn(p + 1, "\""), k = 0;
		int listed = 0;

		snprintf(route, sizeof(route), "%.*s", (int)n, p + 1);
		/* ":code" -> "{}", and the final "*" (the rest of the path) too */
		for (const char *q = route; *q && k + 3 < sizeof(tmpl); q++) {
			if (*q == '*' && q[-1] == '/' && !q[1]) {
				tmpl[k++] = '{', tmpl[k++] = '}';
			} else if (*q == ':') {
				tmpl[k++] = '{', tmpl[k++] = '}';
				while (q[1] && q[1] != '/')
					q++;
			} else {
				tmpl[k++] = *q;
			}
		}
		tmpl[k] = '\0';
		for (size_t i = 0; i < N_API_ROUTES; i++) {
			blank_params(api_routes[i], want, sizeof(want));
			listed |= !strcmp(want, tmpl);
		}
		if (!listed)
			fail_msg("route %s of routes.c is missing from this test's list", route);
		found++;
	}
	free(text);
	assert_int_equal(found, N_API_ROUTES);
}

static void test_openapi(void **state)
{
	struct http_response *r = http_get(S, "/api/v1/openapi.json", NULL);
	json_t *j, *paths, *servers;
	const char *prefix = "";
	char want[256], have[256];

	(void)state;
	check_route_list();
	j = json_of(r, 200, "application/json");
	http_response_free(r);
	assert_true(json_is_string(json_object_get(j, "openapi")));
	assert_true(!strncmp(str_at(j, "openapi"), "3.1", 3));
	assert_true(json_is_string(json_object_get(json_object_get(j, "info"), "title")));
	paths = json_object_get(j, "paths");
	assert_true(json_is_object(paths));
	/* paths may be relative to a server URL ending in /api/v1 */
	servers = json_object_get(j, "servers");
	if (json_is_array(servers) && json_array_size(servers) > 0) {
		const char *url = json_string_value(json_object_get(json_array_get(servers, 0),
								    "url"));
		size_t n = url ? strlen(url) : 0;

		if (n >= 7 && !strcmp(url + n - 7, "/api/v1"))
			prefix = "/api/v1";
	}
	for (size_t i = 0; i < N_API_ROUTES; i++) {
		const char *key;
		json_t *item;
		int ok = 0;

		blank_params(api_routes[i] + strlen(prefix), want, sizeof(want));
		json_object_foreach(paths, key, item) {
			blank_params(key, have, sizeof(have));
			if (!strcmp(have, want)) {
				ok = 1;
				assert_true(json_is_object(item));
				/* some paths only take POST (resolve, import, status...) */
				if (!strcmp(api_routes[i], "/api/v1/countries/resolve") ||
				    !json_object_get(item, "get"))
					assert_non_null(json_object_get(item, "post"));
			}
		}
		if (!ok)
			fail_msg("the OpenAPI document has no path for %s", api_routes[i]);
	}
	/* the kinds' fields come from their tables: the case's court (required) and the
	 * lesson's audience, a field without a struct member */
	{
		json_t *sc = json_object_get(json_object_get(j, "components"), "schemas");
		json_t *lesson = json_array_get(json_object_get(json_object_get(sc, "Lesson"),
								"allOf"), 1);
		json_t *sent = json_object_get(json_object_get(sc, "LessonFields"), "properties");
		json_t *cs = json_array_get(json_object_get(json_object_get(sc, "Case"), "allOf"), 1);

		assert_int_equal(json_integer_value(json_object_get(json_object_get(
			json_object_get(lesson, "properties"), "audience"), "maxLength")), 1000);
		assert_non_null(json_object_get(sent, "audience"));
		assert_non_null(json_object_get(sent, "title"));
		assert_string_equal(json_string_value(json_array_get(json_object_get(cs,
			"required"), 0)), "court");
		assert_non_null(json_object_get(json_object_get(cs, "properties"), "applied"));
	}
	json_decref(j);
}

static void test_resolve(void **state)
{
	struct http_response *r = http_post_json(
		S, "/api/v1/countries/resolve",
		"{\"codes\":[\"ke\",\"KEN\",\"404\",\"Kenia\",\"Atlantis\",7]}");
	json_t *j = json_of(r, 200, "application/json"), *res, *x;

	(void)state;
	http_response_free(r);
	res = json_object_get(j, "results");
	assert_int_equal(json_array_size(res), 6);
	for (size_t i = 0; i < 4; i++) {
		x = json_array_get(res, i);
		assert_string_equal(str_at(x, "country.alpha2"), "KE");
		assert_null(json_object_get(x, "error"));
	}
	assert_string_equal(str_at(json_array_get(res, 0), "input"), "ke");
	assert_string_equal(str_at(json_array_get(res, 3), "input"), "Kenia");
	x = json_array_get(res, 4);
	assert_string_equal(str_at(x, "input"), "Atlantis");
	assert_true(json_is_null(json_object_get(x, "country")));
	assert_has(str_at(x, "error"), "Atlantis");
	x = json_array_get(res, 5);
	assert_int_equal(json_integer_value(json_object_get(x, "input")), 7);
	assert_true(json_is_null(json_object_get(x, "country")));
	assert_true(strlen(str_at(x, "error")) > 0);
	json_decref(j);

	/* names in other languages and spellings resolve too */
	r = http_post_json(S, "/api/v1/countries/resolve",
			   "{\"codes\":[\"Кения\",\"肯尼亚\",\"France\",\"fra\"]}");
	j = json_of(r, 200, "application/json");
	http_response_free(r);
	res = json_object_get(j, "results");
	assert_string_equal(str_at(json_array_get(res, 0), "country.alpha2"), "KE");
	assert_string_equal(str_at(json_array_get(res, 1), "country.alpha2"), "KE");
	assert_string_equal(str_at(json_array_get(res, 2), "country.alpha2"), "FR");
	assert_string_equal(str_at(json_array_get(res, 3), "country.alpha2"), "FR");
	json_decref(j);

	/* GET falls to /api/v1/countries/:code, where "resolve" is no code */
	r = http_get(S, "/api/v1/countries/resolve", NULL);
	assert_true(r->status == 400 || r->status == 405);
	http_response_free(r);
	/* PUT is not allowed */
	r = http_request(S, "PUT", "/api/v1/countries/resolve", NULL, "{}", 2);
	assert_status(r, 405);
	assert_header_has(r, "Allow", "POST");
	http_response_free(r);
}

static void test_health(void **state)
{
	struct http_response *r = http_get(S, "/healthz", NULL);
	json_t *j = json_of(r, 200, "application/json");

	(void)state;
	assert_string_equal(str_at(j, "status"), "ok");
	assert_header_has(r, "Cache-Control", "no-store");
	json_decref(j);
	http_response_free(r);
}

/* The IATI export (issue 16): XML of version 2.03 for the public, a bad country a
 * problem naming it. */
static void test_assist_iati(void **state)
{
	struct http_response *r = http_get(S, "/api/v1/assistance/iati.xml", NULL);

	(void)state;
	assert_status(r, 200);
	assert_header_has(r, "Content-Type", "application/xml");
	assert_non_null(strstr(r->body, "<iati-activities version=\"2.03\""));
	http_response_free(r);
	check_problem("GET", "/api/v1/assistance/iati.xml?country=Atlantis", NULL, 400,
		      "country");
}

static void test_api_gzip_and_etag(void **state)
{
	struct http_response *plain = http_get(S, "/api/v1/countries", NULL);
	struct http_response *z = http_get(S, "/api/v1/countries", "Accept-Encoding: gzip\r\n");
	char hdr[128];
	size_t n;
	char *inflated;

	(void)state;
	assert_status(plain, 200);
	assert_status(z, 200);
	assert_header_has(z, "Content-Encoding", "gzip");
	inflated = http_gunzip(z->body, z->body_len, &n);
	assert_non_null(inflated);
	assert_int_equal(n, plain->body_len);
	assert_memory_equal(inflated, plain->body, n);
	free(inflated);
	assert_null(http_header(plain, "Content-Language"));
	snprintf(hdr, sizeof(hdr), "If-None-Match: %s\r\n", http_header(plain, "ETag"));
	http_response_free(z);
	z = http_get(S, "/api/v1/countries", hdr);
	assert_status(z, 304);
	assert_int_equal(z->body_len, 0);
	http_response_free(z);
	http_response_free(plain);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_countries),
		cmocka_unit_test(test_countries_by_region),
		cmocka_unit_test(test_country_ke),
		cmocka_unit_test(test_country_not_found),
		cmocka_unit_test(test_regions),
		cmocka_unit_test(test_instruments),
		cmocka_unit_test(test_articles),
		cmocka_unit_test(test_article_counterparts),
		cmocka_unit_test(test_crosswalk),
		cmocka_unit_test(test_openapi),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_health),
		cmocka_unit_test(test_assist_iati),
		cmocka_unit_test(test_api_gzip_and_etag),
		cmocka_unit_test(srv_one_test_stop),
	};
	int rc = cmocka_run_group_tests(tests, srv_one_setup, srv_one_teardown);

	return harness_exit(rc ? rc : srv_one_failed);
}
