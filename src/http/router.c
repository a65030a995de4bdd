#include "http/router.h"

#include <string.h>

static const struct {
	const char *name;
	enum http_method m;
} methods[] = {
	{ "GET", HTTP_GET }, { "HEAD", HTTP_HEAD }, { "POST", HTTP_POST },
	{ "PUT", HTTP_PUT }, { "PATCH", HTTP_PATCH }, { "DELETE", HTTP_DELETE },
	{ "OPTIONS", HTTP_OPTIONS },
};
#define NMETHODS (sizeof(methods) / sizeof(methods[0]))

enum http_method router_method(const char *name)
{
	for (size_t i = 0; i < NMETHODS; i++)
		if (!strcmp(name, methods[i].name))
			return methods[i].m;
	return HTTP_OTHER;
}

const char *router_allow_header(pool *p, unsigned mask)
{
	char buf[128] = "";

	if (mask & HTTP_GET)
		mask |= HTTP_HEAD;
	for (size_t i = 0; i < NMETHODS; i++) {
		if (!(mask & methods[i].m))
			continue;
		if (buf[0])
			strcat(buf, ", ");
		strcat(buf, methods[i].name);
	}
	return pool_strdup(p, buf);
}

/* Match one pattern against path (a writable copy); captures go to params and are
 * NUL-terminated in place when the whole pattern matches. */
static int match_one(const char *pat, char *s, const char **params, int *nparams)
{
	char *ends[REQ_MAX_PARAMS];

	*nparams = 0;
	for (;;) {
		size_t plen, slen;

		if (*pat != '/' || *s != '/')
			return 0;
		if (pat[1] == '*' && pat[2] == '\0') {
			if (*nparams == REQ_MAX_PARAMS)
				return 0;
			ends[*nparams] = NULL;
			params[(*nparams)++] = s + 1;
			break;
		}
		pat++, s++;
		plen = strcspn(pat, "/");
		slen = strcspn(s, "/");
		if (*pat == ':') {
			if (slen == 0 || *nparams == REQ_MAX_PARAMS)
				return 0;
			ends[*nparams] = s + slen;
			params[(*nparams)++] = s;
		} else if (plen != slen || memcmp(pat, s, plen)) {
			return 0;
		}
		pat += plen, s += slen;
		if (!*pat && !*s)
			break;
		if (!*pat || !*s)
			return 0;
	}
	for (int i = 0; i < *nparams; i++)
		if (ends[i])
			*ends[i] = '\0';
	return 1;
}

enum router_result router_match(const struct route *routes, int n, pool *p,
				enum http_method method, const char *path,
				const struct route **match, const char **params, int *nparams,
				unsigned *allowed)
{
	/* match_one writes only when a pattern matches, so one copy serves all tries */
	char *copy = pool_strdup(p, path);

	*allowed = 0;
	for (int i = 0; i < n; i++) {
		unsigned m = routes[i].methods;

		if (m & HTTP_GET)
			m |= HTTP_HEAD;
		if (!match_one(routes[i].pattern, copy, params, nparams))
			continue;
		if (m & method) {
			*match = &routes[i];
			return ROUTER_FOUND;
		}
		*allowed |= m;
		copy = pool_strdup(p, path);	/* the match cut the copy: take a fresh one */
	}
	return *allowed ? ROUTER_BAD_METHOD : ROUTER_NOT_FOUND;
}
