/* Fuzz target of http/router with the real route table: the first byte chooses the
 * method, the rest is the path. The path goes through http_path_problem() as the
 * server does, then router_match(). A match must have its captures NUL-terminated
 * inside the pool copy, at most REQ_MAX_PARAMS of them; a 405 must name methods.
 * Paths the check refuses are routed too: the router must not care. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/router.h"
#include "http/routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void route_one(pool *p, enum http_method method, const char *path, int checked)
{
	const struct route *match = NULL;
	const char *params[REQ_MAX_PARAMS] = { 0 };
	int nparams = -1;
	unsigned allowed = 0;
	enum router_result rc;

	rc = router_match(routes, routes_count, p, method, path, &match, params, &nparams,
			  &allowed);
	switch (rc) {
	case ROUTER_FOUND:
		if (!match || nparams < 0 || nparams > REQ_MAX_PARAMS)
			abort();
		if (!(match->methods & method) &&
		    !(method == HTTP_HEAD && (match->methods & HTTP_GET)))
			abort();
		for (int i = 0; i < nparams; i++) {
			size_t n = strlen(params[i]);

			/* a ":name" capture is one non-empty segment; "*" may be more */
			if (n > strlen(path))
				abort();
			if (checked && strstr(match->pattern, "*") == NULL &&
			    (!n || memchr(params[i], '/', n)))
				abort();
		}
		break;
	case ROUTER_BAD_METHOD:
		if (!allowed || (allowed & method))
			abort();
		if (!*router_allow_header(p, allowed))
			abort();
		break;
	case ROUTER_NOT_FOUND:
		if (allowed)
			abort();
		break;
	default:
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum http_method method;
	pool *p;
	char *path;

	if (!size)
		return 0;
	method = (enum http_method)(1u << (data[0] % 8));
	path = malloc(size);
	memcpy(path, data + 1, size - 1);
	path[size - 1] = '\0';
	p = pool_new();
	route_one(p, method, path, http_path_problem(path) == NULL);
	(void)router_method(path);
	pool_free(p);
	free(path);
	return 0;
}
