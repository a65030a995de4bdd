/* router: match a method and path against the route table. Patterns are made of
 * literal segments, ":name" segments that capture one segment, and a final "*" that
 * captures the rest of the path. */
#ifndef HTTP_ROUTER_H
#define HTTP_ROUTER_H

#include "http/http.h"

enum {
	ROUTE_CACHE = 1 << 0,	/* public and deterministic: may be kept rendered */
	ROUTE_OWN_TOKEN = 1 << 1, /* checks a token of its own instead of the session's
				   * form token (sign-in: there may be no session yet) */
};

struct route {
	unsigned methods;	/* enum http_method bits; GET implies HEAD */
	const char *pattern;
	http_handler handler;
	unsigned flags;
	const void *data;	/* for the handler, as r->route_data (a record kind) */
};

enum router_result { ROUTER_FOUND, ROUTER_NOT_FOUND, ROUTER_BAD_METHOD };

/* Find the route for method and path among n routes. On ROUTER_FOUND *match is set
 * and params (up to REQ_MAX_PARAMS) point into a copy of the path made in p. On
 * ROUTER_BAD_METHOD, *allowed has the methods the path does take. */
enum router_result router_match(const struct route *routes, int n, pool *p,
				enum http_method method, const char *path,
				const struct route **match, const char **params, int *nparams,
				unsigned *allowed);
/* "GET, HEAD, POST" for a method mask, in pool p. */
const char *router_allow_header(pool *p, unsigned methods);
/* The method bit of a method name; HTTP_OTHER when unknown. */
enum http_method router_method(const char *name);

#endif
