/* http: what handlers see of a request and build of a response. Handlers (src/api,
 * src/web) know these structs and nothing of the HTTP library underneath. */
#ifndef HTTP_HTTP_H
#define HTTP_HTTP_H
#include <stddef.h>
#include <time.h>

#include "core/lang.h"
#include "core/pool.h"
#include "core/sbuf.h"

struct store;
struct actor;
struct err;

enum http_method {
	HTTP_GET = 1 << 0,
	HTTP_HEAD = 1 << 1,
	HTTP_POST = 1 << 2,
	HTTP_PUT = 1 << 3,
	HTTP_PATCH = 1 << 4,
	HTTP_DELETE = 1 << 5,
	HTTP_OPTIONS = 1 << 6,
	HTTP_OTHER = 1 << 7,
};

#define REQ_MAX_PARAMS 4
#define REQ_MAX_ARGS 32
/* Cookies one response may set. The program has two (ccrepo_session, ccrepo_signin);
 * a name set twice keeps only the last value, so two would do: the rest is room. */
#define RESP_MAX_COOKIES 4

struct req_arg {
	const char *name, *value;
	size_t len;		/* of value, which a file of a multipart form may hold NUL
				 * bytes in (0 for query arguments: use strlen) */
	const char *filename;	/* a file field of a multipart form, else NULL */
};

struct web_memo;

struct req {
	pool *pool;			/* freed when the request ends */
	enum http_method method;
	const char *path;		/* decoded, validated UTF-8, no dot segments */
	const char *params[REQ_MAX_PARAMS];	/* route captures (":code", "*") */
	int nparams;
	const void *route_data;		/* the matched route's data (see router.h) */
	struct req_arg args[REQ_MAX_ARGS];	/* query-string arguments, decoded */
	int nargs;
	const char *body;		/* request body, NUL-terminated; NULL when none */
	size_t body_len;
	const char *content_type;	/* of the body, NULL when not given */
	enum lang lang;			/* interface language */
	int lang_explicit;		/* chosen by ?lang= rather than negotiated */
	int api;			/* under /api/: errors are problem+json */
	struct store *store;		/* this thread's connection */
	struct actor *actor;		/* who is asking (see domain/record.h) */
	struct req_arg *form;		/* the body's form fields, after req_form_parse */
	int nform;
	const char *address;		/* the client's IP address */
	const char *session;		/* the session secret from the cookie, or NULL */
	const char *csrf;		/* the session's form token, or NULL */
	const char *signin_cookie;	/* the sign-in form's token (cookie ccrepo_signin) */
	int secure;			/* the client reached us over TLS (X-Forwarded-Proto) */
	const char *host;		/* the Host header (checked: a host name or address
					 * and port), or NULL */
	const char *if_modified_since;	/* the If-Modified-Since header, or NULL */
	/* the Atom feed the page follows: layout_begin links it in the head
	 * (<link rel="alternate" type="application/atom+xml">); NULL none */
	const char *feed, *feed_title;
	struct web_memo *memo;		/* what the web layer read once for this request
					 * (web/repo.c), NULL until then */
};

struct resp {
	int status;
	const char *content_type;	/* static string or pool string */
	struct sbuf body;
	const char *location;		/* for redirects */
	const char *allow;		/* for 405 */
	const char *cache_control;	/* NULL: the server's default for the route */
	const char *disposition;	/* Content-Disposition ("attachment; filename=..."),
					 * or NULL */
	const char *csp;		/* a Content-Security-Policy replacing the default
					 * one (a page that carries its own style), or NULL */
	/* Set-Cookie header values, one per cookie name: write them only with
	 * resp_set_cookie(), which keeps the list within RESP_MAX_COOKIES */
	const char *cookies[RESP_MAX_COOKIES];
	int ncookies;
	/* Last-Modified (an HTTP date, http_date()), or NULL: with it the server
	 * answers 304 to an If-Modified-Since as late or later (when the request has no
	 * If-None-Match, which wins) */
	const char *last_modified;
};

/* A handler fills out and returns the HTTP status it set. */
typedef int (*http_handler)(struct req *r, struct resp *out);

/* The value of query argument name, or NULL. */
const char *req_arg(const struct req *r, const char *name);
/* Forget the query argument name (every occurrence): one a handler refused is not
 * carried into the page's links (the language links keep the others). */
void req_drop_arg(struct req *r, const char *name);
/* Add a Set-Cookie header value ("NAME=VALUE; attributes"; kept as a pointer, so a
 * static or pool string) to out. A cookie of the same name set earlier in this
 * response is replaced: the last word on a cookie is the one the browser gets (a
 * stale session cleared, then a new one set, sends only the new one). ERR_OK, or
 * ERR_INVALID when value has no name or the response already sets RESP_MAX_COOKIES
 * other cookies (nothing is written then; the caller's bug, logged). */
int resp_set_cookie(struct resp *out, const char *value);
/* Decode an application/x-www-form-urlencoded or multipart/form-data (RFC 7578) body
 * into r->form (at most 256 fields); a second call keeps the first result. A file of
 * a multipart form keeps its bytes as sent (req_form_bytes()); every other value must
 * be UTF-8 without NUL. ERR_INVALID with a message for another content type, bad
 * encoding or invalid UTF-8. (The form token is not checked here:
 * the server checks it for every request, req_check_token.) */
int req_form_parse(struct req *r, struct err *e);
/* The one check against forged requests of a signed-in browser, run by the server for
 * every route before its handler: a request that may change something (POST, PUT,
 * PATCH, DELETE) and is signed in with a session cookie (r->session) must carry the
 * session's form token (r->csrf), in header_token (X-CSRF-Token, for scripts of the
 * browser and API calls) or, for a form, in its field csrf (the form is parsed).
 * ERR_OK when it does or need not; ERR_FORBIDDEN with a message otherwise (or
 * req_form_parse's error for a form that cannot be decoded). */
int req_check_token(struct req *r, const char *header_token, struct err *e);
/* The value of form field name (after req_form_parse), or NULL. Values keep their
 * line breaks as CRLF or LF, as sent. */
const char *req_form(const struct req *r, const char *name);
/* The bytes of form field name (after req_form_parse), NUL-terminated, with their
 * length in *len (a file may hold NUL bytes) and the file's name in *filename (NULL
 * for a field that is not a file; filename may be NULL); NULL when absent. */
const char *req_form_bytes(const struct req *r, const char *name, size_t *len,
			   const char **filename);
/* Whether two secrets (NUL-terminated) are equal, in time that does not depend on
 * where they differ. */
int http_same_secret(const char *a, const char *b);

/* Set status and a problem (RFC 9457) or an HTML error page, by r->api; detail says
 * what is wrong in words for the user. Returns status. */
int http_error(struct req *r, struct resp *out, int status, const char *detail);
/* Answer a failure of the domain or store: e's code picks the status (404, 400, ...)
 * and its message is the detail; a 5xx is logged and the user sees a generic detail
 * (the message may name files or SQL). Returns the status. */
struct err;
int http_fail(struct req *r, struct resp *out, const struct err *e);
/* t as an HTTP date (IMF-fixdate, "Mon, 07 Dec 2026 14:21:26 GMT"), in p. */
const char *http_date(pool *p, time_t t);
/* An HTTP date (IMF-fixdate) into *t: 0, or -1 when s is not one. */
int http_date_parse(const char *s, time_t *t);
/* The reason phrase of a status ("Not Found"); "" when unknown. */
const char *http_reason(int status);
/* Map an err code to an HTTP status (ERR_NOTFOUND -> 404, ERR_INVALID -> 400 ...). */
int http_status_of(int err_code);

/* The web layer renders HTML error pages; it registers itself here. */
typedef void (*http_error_page_fn)(struct req *r, struct resp *out, int status,
				   const char *title, const char *detail);
void http_set_error_page(http_error_page_fn fn);


/* The best of the six languages for an Accept-Language value (q-values honoured);
 * LANG_EN when none matches or the header is NULL. */
enum lang http_negotiate_lang(const char *accept_language);
/* The last address of an X-Forwarded-For value (the one a proxy in front of us
 * added) into addr (size bytes) when it is a well-formed IPv4 or IPv6 address:
 * 1, else 0 and addr untouched. */
int http_forwarded_for(const char *xff, char *addr, size_t size);
/* Whether a decoded request path is acceptable: starts with '/', valid UTF-8, no
 * control characters, no "." or ".." segments, at most 2048 bytes. NULL when fine,
 * else a message saying what is wrong (static string). */
const char *http_path_problem(const char *path);

#endif
