/* Tests of http/router against a small table of its own (literal routes, ":param"
 * captures, a "*" rest capture, the root, 405 with the allowed methods) and of the
 * real table in http/routes.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "api/api.h"
#include "http/router.h"
#include "http/routes.h"
#include "web/web.h"

static int h_root(struct req *r, struct resp *o) { (void)r, (void)o; return 1; }
static int h_list(struct req *r, struct resp *o) { (void)r, (void)o; return 2; }
static int h_item(struct req *r, struct resp *o) { (void)r, (void)o; return 3; }
static int h_post(struct req *r, struct resp *o) { (void)r, (void)o; return 4; }
static int h_sub(struct req *r, struct resp *o) { (void)r, (void)o; return 5; }
static int h_static(struct req *r, struct resp *o) { (void)r, (void)o; return 6; }
static int h_four(struct req *r, struct resp *o) { (void)r, (void)o; return 7; }
static int h_five(struct req *r, struct resp *o) { (void)r, (void)o; return 8; }
static int h_del(struct req *r, struct resp *o) { (void)r, (void)o; return 9; }
static int h_rest4(struct req *r, struct resp *o) { (void)r, (void)o; return 10; }

static const struct route table[] = {
	{ HTTP_GET, "/", h_root, 0, NULL },
	{ HTTP_GET, "/items", h_list, 0, NULL },
	{ HTTP_POST, "/items", h_post, 0, NULL },
	{ HTTP_GET, "/items/:id", h_item, 0, NULL },
	{ HTTP_DELETE, "/items/:id", h_del, 0, NULL },
	{ HTTP_GET, "/items/:id/sub/:n", h_sub, 0, NULL },
	{ HTTP_GET, "/static/*", h_static, 0, NULL },
	{ HTTP_GET, "/p/:a/:b/:c/:d", h_four, 0, NULL },
	{ HTTP_GET, "/q/:a/:b/:c/:d/:e", h_five, 0, NULL },	/* one capture too many */
	{ HTTP_GET, "/r/:a/:b/:c/:d/*", h_rest4, 0, NULL },	/* five with the rest */
	{ HTTP_PUT | HTTP_PATCH, "/only-put", h_post, 0, NULL },
};
#define NTABLE ((int)(sizeof(table) / sizeof(table[0])))

struct m {
	enum router_result rc;
	const struct route *route;
	const char *params[REQ_MAX_PARAMS];
	int nparams;
	unsigned allowed;
};

static struct m match_in(pool *p, const struct route *t, int n, enum http_method method,
			 const char *path)
{
	struct m m;

	memset(&m, 0, sizeof(m));
	m.nparams = -1;
	m.rc = router_match(t, n, p, method, path, &m.route, m.params, &m.nparams, &m.allowed);
	return m;
}

static struct m match(pool *p, enum http_method method, const char *path)
{
	return match_in(p, table, NTABLE, method, path);
}

static void test_literal(void **state)
{
	pool *p = pool_new();
	struct m m;

	(void)state;
	m = match(p, HTTP_GET, "/items");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, h_list);
	assert_int_equal(m.nparams, 0);
	m = match(p, HTTP_POST, "/items");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, h_post);
	/* a prefix or a longer literal is not the route */
	assert_int_equal(match(p, HTTP_GET, "/item").rc, ROUTER_NOT_FOUND);
	assert_int_equal(match(p, HTTP_GET, "/itemsx").rc, ROUTER_NOT_FOUND);
	assert_int_equal(match(p, HTTP_GET, "/Items").rc, ROUTER_NOT_FOUND);
	assert_int_equal(match(p, HTTP_GET, "/nothing").rc, ROUTER_NOT_FOUND);
	assert_int_equal(match(p, HTTP_GET, "").rc, ROUTER_NOT_FOUND);
	assert_int_equal(match(p, HTTP_GET, "items").rc, ROUTER_NOT_FOUND);
	pool_free(p);
}

static void test_root(void **state)
{
	pool *p = pool_new();
	struct m m;

	(void)state;
	m = match(p, HTTP_GET, "/");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, h_root);
	assert_int_equal(m.nparams, 0);
	assert_int_equal(match(p, HTTP_GET, "//").rc, ROUTER_NOT_FOUND);
	pool_free(p);
}

static void test_trailing_slash(void **state)
{
	pool *p = pool_new();

	(void)state;
	assert_int_equal(match(p, HTTP_GET, "/items/").rc, ROUTER_NOT_FOUND);
	assert_int_equal(match(p, HTTP_GET, "/items/7/").rc, ROUTER_NOT_FOUND);
	assert_int_equal(match(p, HTTP_GET, "/items/7/sub/").rc, ROUTER_NOT_FOUND);
	assert_int_equal(match(p, HTTP_GET, "/items//sub/1").rc, ROUTER_NOT_FOUND);
	pool_free(p);
}

static void test_params(void **state)
{
	pool *p = pool_new();
	char path[] = "/items/KE/sub/42";
	struct m m;

	(void)state;
	m = match(p, HTTP_GET, "/items/KE");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, h_item);
	assert_int_equal(m.nparams, 1);
	assert_string_equal(m.params[0], "KE");

	m = match(p, HTTP_GET, path);
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, h_sub);
	assert_int_equal(m.nparams, 2);
	/* NUL-terminated in place in a copy: the caller's path is untouched */
	assert_string_equal(m.params[0], "KE");
	assert_string_equal(m.params[1], "42");
	assert_string_equal(path, "/items/KE/sub/42");
	assert_true(m.params[0] < path || m.params[0] >= path + sizeof(path));
	/* the two captures live in one copy of the path: "KE\0sub/42" */
	assert_ptr_equal(m.params[1], m.params[0] + 7);
	assert_memory_equal(m.params[0], "KE\0sub/42", 10);

	/* UTF-8 and punctuation in a segment */
	m = match(p, HTTP_GET, "/items/C\xc3\xb4te d'Ivoire");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_string_equal(m.params[0], "C\xc3\xb4te d'Ivoire");
	/* an empty segment is no capture */
	assert_int_equal(match(p, HTTP_GET, "/items//sub/4").rc, ROUTER_NOT_FOUND);
	/* a literal segment between captures must match */
	assert_int_equal(match(p, HTTP_GET, "/items/KE/sup/42").rc, ROUTER_NOT_FOUND);
	pool_free(p);
}

static void test_rest(void **state)
{
	pool *p = pool_new();
	struct m m;

	(void)state;
	m = match(p, HTTP_GET, "/static/app.css");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, h_static);
	assert_int_equal(m.nparams, 1);
	assert_string_equal(m.params[0], "app.css");
	m = match(p, HTTP_GET, "/static/img/logo.svg");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_string_equal(m.params[0], "img/logo.svg");
	m = match(p, HTTP_GET, "/static/");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_string_equal(m.params[0], "");
	assert_int_equal(match(p, HTTP_GET, "/static").rc, ROUTER_NOT_FOUND);
	assert_int_equal(match(p, HTTP_GET, "/staticx/a").rc, ROUTER_NOT_FOUND);
	pool_free(p);
}

static void test_max_params(void **state)
{
	pool *p = pool_new();
	struct m m;

	(void)state;
	m = match(p, HTTP_GET, "/p/1/2/3/4");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, h_four);
	assert_int_equal(m.nparams, REQ_MAX_PARAMS);
	assert_string_equal(m.params[0], "1");
	assert_string_equal(m.params[3], "4");
	/* more captures than REQ_MAX_PARAMS never match */
	assert_int_equal(match(p, HTTP_GET, "/q/1/2/3/4/5").rc, ROUTER_NOT_FOUND);
	assert_int_equal(match(p, HTTP_GET, "/r/1/2/3/4/rest").rc, ROUTER_NOT_FOUND);
	pool_free(p);
}

static void test_bad_method(void **state)
{
	pool *p = pool_new();
	struct m m;

	(void)state;
	/* GET implies HEAD */
	m = match(p, HTTP_HEAD, "/items/3");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, h_item);
	m = match(p, HTTP_DELETE, "/items/3");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, h_del);

	m = match(p, HTTP_PUT, "/items/3");
	assert_int_equal(m.rc, ROUTER_BAD_METHOD);
	assert_int_equal(m.allowed, HTTP_GET | HTTP_HEAD | HTTP_DELETE);
	m = match(p, HTTP_DELETE, "/items");
	assert_int_equal(m.rc, ROUTER_BAD_METHOD);
	assert_int_equal(m.allowed, HTTP_GET | HTTP_HEAD | HTTP_POST);
	m = match(p, HTTP_OTHER, "/");
	assert_int_equal(m.rc, ROUTER_BAD_METHOD);
	assert_int_equal(m.allowed, HTTP_GET | HTTP_HEAD);
	/* no GET: no HEAD either */
	m = match(p, HTTP_HEAD, "/only-put");
	assert_int_equal(m.rc, ROUTER_BAD_METHOD);
	assert_int_equal(m.allowed, HTTP_PUT | HTTP_PATCH);
	/* not found has no allowed methods */
	m = match(p, HTTP_PUT, "/nowhere");
	assert_int_equal(m.rc, ROUTER_NOT_FOUND);
	assert_int_equal(m.allowed, 0);
	pool_free(p);
}

static void test_allow_header(void **state)
{
	pool *p = pool_new();

	(void)state;
	assert_string_equal(router_allow_header(p, HTTP_GET), "GET, HEAD");
	assert_string_equal(router_allow_header(p, HTTP_GET | HTTP_HEAD), "GET, HEAD");
	assert_string_equal(router_allow_header(p, HTTP_POST), "POST");
	assert_string_equal(router_allow_header(p, HTTP_GET | HTTP_POST | HTTP_DELETE),
			    "GET, HEAD, POST, DELETE");
	assert_string_equal(router_allow_header(p, HTTP_PUT | HTTP_PATCH), "PUT, PATCH");
	assert_string_equal(router_allow_header(p, 0xff),
			    "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
	assert_string_equal(router_allow_header(p, HTTP_OTHER), "");
	assert_string_equal(router_allow_header(p, 0), "");
	pool_free(p);
}

static void test_method_names(void **state)
{
	(void)state;
	assert_int_equal(router_method("GET"), HTTP_GET);
	assert_int_equal(router_method("HEAD"), HTTP_HEAD);
	assert_int_equal(router_method("POST"), HTTP_POST);
	assert_int_equal(router_method("PUT"), HTTP_PUT);
	assert_int_equal(router_method("PATCH"), HTTP_PATCH);
	assert_int_equal(router_method("DELETE"), HTTP_DELETE);
	assert_int_equal(router_method("OPTIONS"), HTTP_OPTIONS);
	/* method names are case-sensitive (RFC 9110 9.1) */
	assert_int_equal(router_method("get"), HTTP_OTHER);
	assert_int_equal(router_method("BREW"), HTTP_OTHER);
	assert_int_equal(router_method("TRACE"), HTTP_OTHER);
	assert_int_equal(router_method(""), HTTP_OTHER);
	assert_int_equal(router_method("GETX"), HTTP_OTHER);
}

/* The real table of the server. */
static void test_real_routes(void **state)
{
	pool *p = pool_new();
	struct m m;

	(void)state;
	assert_true(routes_count > 10);
	m = match_in(p, routes, routes_count, HTTP_GET, "/api/v1/countries/KE");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, api_country);
	assert_int_equal(m.nparams, 1);
	assert_string_equal(m.params[0], "KE");
	assert_true(m.route->flags & ROUTE_CACHE);

	m = match_in(p, routes, routes_count, HTTP_POST, "/api/v1/countries/resolve");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, api_countries_resolve);
	assert_false(m.route->flags & ROUTE_CACHE);

	m = match_in(p, routes, routes_count, HTTP_PUT, "/countries");
	assert_int_equal(m.rc, ROUTER_BAD_METHOD);
	assert_int_equal(m.allowed, HTTP_GET | HTTP_HEAD);
	assert_string_equal(router_allow_header(p, m.allowed), "GET, HEAD");

	m = match_in(p, routes, routes_count, HTTP_POST, "/api/v1/countries");
	assert_int_equal(m.rc, ROUTER_BAD_METHOD);

	m = match_in(p, routes, routes_count, HTTP_GET, "/countries/KE/x");
	assert_int_equal(m.rc, ROUTER_NOT_FOUND);

	m = match_in(p, routes, routes_count, HTTP_GET, "/");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, web_home);

	m = match_in(p, routes, routes_count, HTTP_HEAD, "/countries/KEN");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, web_country);
	assert_string_equal(m.params[0], "KEN");

	m = match_in(p, routes, routes_count, HTTP_GET, "/instruments/coe-185/2");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, web_article);
	assert_int_equal(m.nparams, 2);
	assert_string_equal(m.params[0], "coe-185");
	assert_string_equal(m.params[1], "2");

	m = match_in(p, routes, routes_count, HTTP_GET,
		     "/api/v1/instruments/un-cc/articles/7");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, api_article);
	assert_string_equal(m.params[0], "un-cc");
	assert_string_equal(m.params[1], "7");

	m = match_in(p, routes, routes_count, HTTP_GET, "/api/v1/instruments/un-cc/articles");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, api_articles);

	m = match_in(p, routes, routes_count, HTTP_GET, "/static/site.css");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_null(m.route->handler);	/* served by the server itself */
	assert_string_equal(m.params[0], "site.css");
	assert_int_equal(m.route->flags, 0);

	m = match_in(p, routes, routes_count, HTTP_GET, "/healthz");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, api_health);
	assert_false(m.route->flags & ROUTE_CACHE);	/* health is live */

	m = match_in(p, routes, routes_count, HTTP_GET, "/api/v1/openapi.json");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, api_openapi);

	m = match_in(p, routes, routes_count, HTTP_GET, "/api/v1/regions/014");
	assert_int_equal(m.rc, ROUTER_FOUND);
	assert_ptr_equal(m.route->handler, api_region);

	assert_int_equal(match_in(p, routes, routes_count, HTTP_GET, "/countries/").rc,
			 ROUTER_NOT_FOUND);
	assert_int_equal(match_in(p, routes, routes_count, HTTP_GET, "/api/v2/countries").rc,
			 ROUTER_NOT_FOUND);
	/* every route has a pattern starting with '/' and at least one method */
	for (int i = 0; i < routes_count; i++) {
		assert_int_equal(routes[i].pattern[0], '/');
		assert_true(routes[i].methods != 0);
	}
	pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal),
		cmocka_unit_test(test_root),
		cmocka_unit_test(test_trailing_slash),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_rest),
		cmocka_unit_test(test_max_params),
		cmocka_unit_test(test_bad_method),
		cmocka_unit_test(test_allow_header),
		cmocka_unit_test(test_method_names),
		cmocka_unit_test(test_real_routes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
