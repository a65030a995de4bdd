#include "http/server.h"

#include "core/num.h"
#include "domain/user.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>

#include "core/embed.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "domain/audit.h"
#include "domain/record.h"
#include "http/cache.h"
#include "http/guard.h"
#include "http/gzip.h"
#include "store/store.h"

struct server {
	struct MHD_Daemon *d;
	const struct route *routes;
	int nroutes;
	size_t max_body;
	int trust_proxy;
	struct cache *cache;
	struct static_file *statics;
	size_t nstatics;
	struct guard *guard;	/* header and body deadlines */
};

/* An embedded file under static/, ready to send. */
struct static_file {
	const char *name;	/* without "static/" */
	struct MHD_Response *plain, *gz, *not_modified;
	size_t plain_len, gz_len;
	char etag[40];
};

/* Per-connection state between the calls of one request. */
struct conn_state {
	struct timespec start;
	struct sbuf body;
	int too_large;
	int status;
	size_t bytes;
	char method[8];
	char *path;
};

/* The policy of every response but those that bring their own (resp.csp). */
static const char csp_default[] =
	"default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
	"img-src 'self' data:; "
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/* The one place where every response gets its security headers. */
static void security_headers(struct MHD_Response *r)
{
	static const char *const h[][2] = {
		{ "Content-Security-Policy", csp_default },
		{ "X-Content-Type-Options", "nosniff" },
		{ "Referrer-Policy", "same-origin" },
		{ "X-Frame-Options", "DENY" },
		{ "Cross-Origin-Opener-Policy", "same-origin" },
		{ "Permissions-Policy", "camera=(), microphone=(), geolocation=()" },
	};

	for (size_t i = 0; i < sizeof(h) / sizeof(h[0]); i++)
		MHD_add_response_header(r, h[i][0], h[i][1]);
}

/* A response for data with the security headers, then each of the n headers (name,
 * value) whose value is not NULL, in order. NULL when MHD cannot make it. */
static struct MHD_Response *new_response(size_t len, void *data,
					 enum MHD_ResponseMemoryMode mode,
					 const char *const headers[][2], size_t n)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, data, mode);

	if (!r)
		return NULL;
	security_headers(r);
	for (size_t i = 0; i < n; i++)
		if (headers[i][1])
			MHD_add_response_header(r, headers[i][0], headers[i][1]);
	return r;
}

static void etag_of(const void *data, size_t len, char out[40])
{
	const unsigned char *p = data;
	unsigned long long h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	snprintf(out, 40, "\"%016llx\"", h);
}

/* Build the MHD response(s) for a body: plain, and gzip when worth it and wanted. */
static struct MHD_Response *make_response(const void *data, size_t len, int copy,
					  const char *ctype, const char *etag,
					  const char *cache_control, const char *lang, int gz,
					  const char *vary)
{
	char tag[48] = "";
	const char *const headers[][2] = {
		{ MHD_HTTP_HEADER_CONTENT_TYPE, ctype },
		{ MHD_HTTP_HEADER_CONTENT_ENCODING, gz ? "gzip" : NULL },
		{ MHD_HTTP_HEADER_VARY, vary },
		{ MHD_HTTP_HEADER_ETAG, etag && *etag ? tag : NULL },
		{ MHD_HTTP_HEADER_CACHE_CONTROL, cache_control },
		{ MHD_HTTP_HEADER_CONTENT_LANGUAGE, lang },
	};

	/* the gzip form is another representation: another tag */
	if (etag && *etag && gz)
		snprintf(tag, sizeof(tag), "%.*s-gz\"", (int)strlen(etag) - 1, etag);
	else if (etag && *etag)
		snprintf(tag, sizeof(tag), "%s", etag);
	return new_response(len, (void *)data,
			    copy ? MHD_RESPMEM_MUST_COPY : MHD_RESPMEM_MUST_FREE, headers,
			    sizeof(headers) / sizeof(headers[0]));
}

static struct MHD_Response *make_not_modified(const char *etag, const char *cache_control,
					      const char *vary)
{
	const char *const headers[][2] = {
		{ MHD_HTTP_HEADER_ETAG, etag },
		{ MHD_HTTP_HEADER_VARY, vary },
		{ MHD_HTTP_HEADER_CACHE_CONTROL, cache_control },
	};

	return new_response(0, (void *)"", MHD_RESPMEM_PERSISTENT, headers,
			    sizeof(headers) / sizeof(headers[0]));
}

static const struct {
	const char *ext, *type;
} mime[] = {
	{ ".css", "text/css; charset=utf-8" }, { ".svg", "image/svg+xml" },
	{ ".ico", "image/x-icon" },		{ ".png", "image/png" },
	{ ".js", "application/javascript" },	{ ".txt", "text/plain; charset=utf-8" },
	{ ".json", "application/json" },
};

static const char *mime_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < sizeof(mime) / sizeof(mime[0]); i++)
		if (!strcmp(dot, mime[i].ext))
			return mime[i].type;
	return "application/octet-stream";
}

#define STATIC_CACHE "public, max-age=86400"

static void statics_init(struct server *s)
{
	size_t n = embed_count();

	s->statics = xcalloc(n ? n : 1, sizeof(*s->statics));
	for (size_t i = 0; i < n; i++) {
		const unsigned char *data;
		size_t len;
		const char *name = embed_name(i, &data, &len), *ct;
		struct static_file *f;
		unsigned char *z;
		size_t zlen;

		if (strncmp(name, "static/", 7))
			continue;
		f = &s->statics[s->nstatics++];
		f->name = name + 7;
		ct = mime_of(name);
		etag_of(data, len, f->etag);
		f->plain = MHD_create_response_from_buffer(len, (void *)data,
							   MHD_RESPMEM_PERSISTENT);
		security_headers(f->plain);
		MHD_add_response_header(f->plain, MHD_HTTP_HEADER_CONTENT_TYPE, ct);
		MHD_add_response_header(f->plain, MHD_HTTP_HEADER_ETAG, f->etag);
		MHD_add_response_header(f->plain, MHD_HTTP_HEADER_CACHE_CONTROL, STATIC_CACHE);
		f->plain_len = len;
		if (gzip_worth(ct, len) && (z = gzip_compress(data, len, &zlen))) {
			f->gz = make_response(z, zlen, 0, ct, f->etag, STATIC_CACHE, NULL, 1,
					      "Accept-Encoding");
			f->gz_len = zlen;
		}
		if (f->gz || gzip_worth(ct, 1 << 20))
			MHD_add_response_header(f->plain, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
		f->not_modified = make_not_modified(f->etag, STATIC_CACHE, "Accept-Encoding");
	}
}

static void statics_free(struct server *s)
{
	for (size_t i = 0; i < s->nstatics; i++) {
		MHD_destroy_response(s->statics[i].plain);
		if (s->statics[i].gz)
			MHD_destroy_response(s->statics[i].gz);
		MHD_destroy_response(s->statics[i].not_modified);
	}
	free(s->statics);
}

/* Serve /static/NAME; 0 when there is no such file. */
static int serve_static(struct server *s, struct MHD_Connection *conn, const char *name,
			int gz, const char *inm, struct conn_state *cs)
{
	for (size_t i = 0; i < s->nstatics; i++) {
		struct static_file *f = &s->statics[i];
		struct MHD_Response *r;

		if (strcmp(f->name, name))
			continue;
		if (inm && cache_etag_match(inm, f->etag)) {
			cs->status = MHD_HTTP_NOT_MODIFIED;
			r = f->not_modified;
		} else {
			cs->status = MHD_HTTP_OK;
			r = gz && f->gz ? f->gz : f->plain;
			cs->bytes = gz && f->gz ? f->gz_len : f->plain_len;
		}
		MHD_queue_response(conn, (unsigned)cs->status, r);
		return 1;
	}
	return 0;
}

struct args_ctx {
	struct req *r;
	struct sbuf *key;
	int overflow;
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *name,
				   const char *value)
{
	struct args_ctx *a = cls;

	(void)kind;
	if (a->r->nargs == REQ_MAX_ARGS) {
		a->overflow = 1;
		return MHD_NO;
	}
	a->r->args[a->r->nargs].name = name;
	a->r->args[a->r->nargs].value = value ? value : "";
	a->r->nargs++;
	sbuf_addf(a->key, "%c%s=%s", a->r->nargs == 1 ? '?' : '&', name, value ? value : "");
	return MHD_YES;
}

/* Who is asking, before identify(): the public, known only by its address. Where a
 * request comes from grants nothing (behind a reverse proxy every visitor comes from
 * loopback): only signing in does. actor.local is for the CLI alone. With
 * trust_proxy, a connection from loopback is a proxy on this machine, and the
 * address it forwards is the client's (for the sign-in limits and the audit log). */
static struct actor *make_actor(struct MHD_Connection *conn, pool *p, int trust_proxy,
				const char **address)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	struct actor *a = pool_calloc(p, 1, sizeof(*a));
	char addr[INET6_ADDRSTRLEN] = "unknown";
	int loopback = 0;

	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)ci->client_addr;

		inet_ntop(AF_INET, &in->sin_addr, addr, sizeof(addr));
		loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	} else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ci->client_addr;

		inet_ntop(AF_INET6, &in6->sin6_addr, addr, sizeof(addr));
		loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	}
	if (trust_proxy && loopback)
		http_forwarded_for(MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							       "X-Forwarded-For"), addr, sizeof(addr));
	a->name = pool_strdup(p, addr);
	*address = pool_strdup(p, addr);
	a->role = -1;
	return a;
}

#define SESSION_COOKIE "ccrepo_session"

/* Who is signed in: an API token (Authorization: Bearer ccr_...) or a session cookie.
 * A bad token is an error (a program should know); a stale cookie is only ignored
 * (and cleared). */
static int identify(struct MHD_Connection *conn, struct req *r, struct resp *out,
		    struct err *e)
{
	/* a feed (/feeds/) is read by feed readers and programs: a read token as ?token=
	 * (user_actor_from_feed_token), or a token in the header, which only reads
	 * there; never a session */
	int feed = !strncmp(r->path, "/feeds/", 7);
	const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						       MHD_HTTP_HEADER_AUTHORIZATION);
	const char *cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, SESSION_COOKIE);
	const char *proto = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							"X-Forwarded-Proto");
	const char *bearer = auth && !strncasecmp(auth, "Bearer ", 7) ? auth + 7 : NULL;
	int stale = 0, rc;

	r->secure = proto && !strcasecmp(proto, "https");
	r->signin_cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "ccrepo_signin");
	if (feed && !bearer) {	/* a feed reader's address: a read token only */
		const char *text = req_arg(r, "token");

		return text ? user_actor_from_feed_token(r->store, r->pool, text, time(NULL),
							 r->actor, e) : ERR_OK;
	}
	if (feed) {		/* a program's header: any valid token, reading only */
		if ((rc = user_actor_from_credentials(r->store, r->pool, bearer, NULL,
						      time(NULL), r->actor, &r->csrf, &stale, e)))
			return rc;
		r->actor->read_only = 1;
		return ERR_OK;
	}
	if ((rc = user_actor_from_credentials(r->store, r->pool, bearer, cookie, time(NULL),
					      r->actor, &r->csrf, &stale, e)))
		return rc;
	if (stale)
		resp_set_cookie(out, SESSION_COOKIE "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
	else if (!bearer && r->actor->user_id)
		r->session = cookie;
	return 0;
}

/* Requests that change something must come from our own pages or from a program,
 * not from another site's page in the user's browser: when the browser says where
 * the request comes from (Origin, else Referer), it must be this host. */
static const char *cross_site(struct MHD_Connection *conn, enum http_method m)
{
	const char *host, *from, *p;
	size_t n;

	if (m & (HTTP_GET | HTTP_HEAD | HTTP_OPTIONS))
		return NULL;
	host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	from = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
	if (from && !strcmp(from, "null")) {
		/* a sandboxed frame, a file, a redirect across sites: never one of our
		 * pages, so the browser's cookies may not act; a program with an API
		 * token may (the token is checked later) */
		const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							       MHD_HTTP_HEADER_AUTHORIZATION);

		if (auth && !strncasecmp(auth, "Bearer ", 7))
			return NULL;
		return "this request came from a page without an origin (Origin: null), "
		       "not from this site";
	}
	if (!from)
		from = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						   MHD_HTTP_HEADER_REFERER);
	if (!from)
		return NULL;
	p = strstr(from, "://");
	if (!host || !p)
		return "this request came from another site's page";
	p += 3;
	n = strlen(host);
	if (strncasecmp(p, host, n) || (p[n] != '\0' && p[n] != '/'))
		return "this request came from another site's page";
	return NULL;
}

/* Location, Allow, Content-Disposition and a page's own policy go on whichever form
 * of the response is sent. */
static void add_extra_headers(struct MHD_Response *r, const struct resp *out)
{
	if (!r)
		return;
	if (out->csp) {
		MHD_del_response_header(r, "Content-Security-Policy", csp_default);
		MHD_add_response_header(r, "Content-Security-Policy", out->csp);
	}
	if (out->disposition)
		MHD_add_response_header(r, "Content-Disposition", out->disposition);
	if (out->location)
		MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, out->location);
	if (out->allow)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, out->allow);
	if (out->last_modified)
		MHD_add_response_header(r, MHD_HTTP_HEADER_LAST_MODIFIED, out->last_modified);
	for (int i = 0; i < out->ncookies; i++)
		MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, out->cookies[i]);
}

/* Whether the request's If-Modified-Since is as late as the answer's Last-Modified. */
static int not_modified_since(const struct req *r, const struct resp *out)
{
	time_t since, last;

	return out->last_modified && r->if_modified_since &&
	       !http_date_parse(r->if_modified_since, &since) &&
	       !http_date_parse(out->last_modified, &last) && since >= last;
}

/* Queue a finished struct resp, caching it when the route allows. */
static void send_resp(struct server *s, struct MHD_Connection *conn, struct req *r,
		      struct resp *out, const struct route *route, const char *key,
		      unsigned long gen, int gz, const char *inm, struct conn_state *cs)
{
	const char *ct = out->content_type ? out->content_type : "text/plain; charset=utf-8";
	/* what a signed-in account sees is never cached, nor anything that sets a cookie */
	int shared = route && (route->flags & ROUTE_CACHE) && out->status == 200 &&
		     (r->method & (HTTP_GET | HTTP_HEAD)) && !r->actor->user_id && !out->ncookies;
	/* kept in memory (and so compressed ahead) only when the cache would keep it */
	int cacheable = shared && cache_may_keep(s->cache, out->body.len);
	const char *cc = out->cache_control ? out->cache_control :
			 shared ? "public, max-age=60" : "no-store";
	const char *lang = r->api ? NULL : lang_code(r->lang);
	/* pages follow Accept-Language unless ?lang= chose; the API never does */
	const char *vary = r->api || r->lang_explicit ? "Accept-Encoding" :
			   "Accept-Encoding, Accept-Language";
	char etag[40] = "";
	struct MHD_Response *plain = NULL, *zr = NULL, *nm = NULL, *chosen;
	unsigned char *z = NULL;
	size_t zlen = 0, len = out->body.len;
	char *body;

	if (out->status == 200)
		etag_of(sbuf_str(&out->body), len, etag);
	if ((gz || cacheable) && gzip_worth(ct, len))
		z = gzip_compress(sbuf_str(&out->body), len, &zlen);
	body = sbuf_detach(&out->body, NULL);
	if (cacheable || !(gz && z))
		plain = make_response(body, len, 0, ct, etag, cc, lang, 0, vary);
	else
		free(body);
	if (z)
		zr = make_response(z, zlen, 0, ct, etag, cc, lang, 1, vary);
	add_extra_headers(plain, out);
	add_extra_headers(zr, out);
	if ((etag[0] && inm && cache_etag_match(inm, etag)) ||
	    (etag[0] && !inm && not_modified_since(r, out))) {
		nm = make_not_modified(etag, cc, vary);
		if (nm && out->last_modified)
			MHD_add_response_header(nm, MHD_HTTP_HEADER_LAST_MODIFIED,
						out->last_modified);
		cs->status = MHD_HTTP_NOT_MODIFIED;
		chosen = nm;
	} else {
		cs->status = out->status;
		chosen = gz && zr ? zr : plain;
		cs->bytes = gz && zr ? zlen : len;
	}
	if (chosen)
		MHD_queue_response(conn, (unsigned)cs->status, chosen);
	if (cacheable && plain) {
		if (!nm)
			nm = make_not_modified(etag, cc, vary);
		cache_put(s->cache, key, gen, plain, len, zr, zr ? zlen : 0, nm, etag);
		return;
	}
	if (plain)
		MHD_destroy_response(plain);
	if (zr)
		MHD_destroy_response(zr);
	if (nm)
		MHD_destroy_response(nm);
}

/* Build the req, route it, run the handler or serve from the cache. */
static void dispatch(struct server *s, struct MHD_Connection *conn, const char *url,
		     const char *method, struct conn_state *cs)
{
	struct req r;
	struct resp out;
	struct sbuf key = SBUF_INIT;
	struct args_ctx actx;
	const struct route *route = NULL;
	const char *problem, *inm, *ae, *al, *larg;
	unsigned allowed = 0;
	unsigned long gen = 0;
	struct err e = { 0 };
	int gz;

	memset(&r, 0, sizeof(r));
	memset(&out, 0, sizeof(out));
	r.pool = pool_new();
	r.method = router_method(method);
	r.api = !strncmp(url, "/api/", 5);
	r.path = pool_strdup(r.pool, url);
	out.status = 500;
	ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	al = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					 MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
	r.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_TYPE);
	r.if_modified_since = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							  MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
	r.host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	if (r.host && (!*r.host || strlen(r.host) > 255 ||
		       strspn(r.host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			      "0123456789.-:[]") != strlen(r.host)))
		r.host = NULL;
	gz = ae && gzip_accepted(ae);
	actx.r = &r;
	actx.key = &key;
	actx.overflow = 0;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &actx);
	larg = req_arg(&r, "lang");
	if (larg && lang_parse(larg, -1) >= 0) {
		r.lang = (enum lang)lang_parse(larg, -1);
		r.lang_explicit = 1;
	} else {
		r.lang = http_negotiate_lang(al);
	}
	r.actor = make_actor(conn, r.pool, s->trust_proxy, &r.address);
	if ((problem = http_path_problem(url))) {
		http_error(&r, &out, 400, problem);
		goto send;
	}
	if (actx.overflow) {
		http_error(&r, &out, 400, "too many query arguments (at most 32)");
		goto send;
	}
	if ((problem = cross_site(conn, r.method))) {
		http_error(&r, &out, 403, problem);
		goto send;
	}
	if (cs->too_large) {
		http_error(&r, &out, 413, pool_printf(r.pool, "the request body is larger than "
						      "%zu bytes", s->max_body));
		goto send;
	}
	switch (router_match(s->routes, s->nroutes, r.pool, r.method, url, &route, r.params,
			     &r.nparams, &allowed)) {
	case ROUTER_NOT_FOUND:
		http_error(&r, &out, 404, "There is no page at this address.");
		goto send;
	case ROUTER_BAD_METHOD:
		out.allow = router_allow_header(r.pool, allowed);
		http_error(&r, &out, 405, pool_printf(r.pool, "%s is not allowed here; use %s",
						      method, out.allow));
		goto send;
	case ROUTER_FOUND:
		r.route_data = route->data;
		break;
	}
	if (!route->handler) { /* static files */
		if (!serve_static(s, conn, r.params[0], gz, inm, cs)) {
			http_error(&r, &out, 404, "There is no such file.");
			goto send;
		}
		goto out;
	}
	if (!(r.store = store_thread(&e))) {
		log_error("database: %s", e.msg);
		http_error(&r, &out, 503, "The database is not available; try again later.");
		goto send;
	}
	switch (identify(conn, &r, &out, &e)) {
	case ERR_OK:
		break;
	case ERR_FORBIDDEN:
	case ERR_NOTFOUND:
		http_error(&r, &out, 401, "this API token is not valid (revoked, or its account "
			   "is disabled)");
		goto send;
	case ERR_INVALID:	/* a feed given a token that may write: refused */
		http_error(&r, &out, 403, e.msg);
		goto send;
	default:	/* the token could not be checked: the database failed */
		http_fail(&r, &out, &e);
		goto send;
	}
	if (cs->body.len || cs->body.buf) {
		r.body = sbuf_str(&cs->body);
		r.body_len = cs->body.len;
	}
	/* a change made with a session cookie carries the session's form token: checked
	 * here, for every route, so that no handler can forget it */
	if (!(route->flags & ROUTE_OWN_TOKEN) &&
	    req_check_token(&r, MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							    "X-CSRF-Token"), &e)) {
		http_fail(&r, &out, &e);
		goto send;
	}
	/* what it may read: every read of a record through the store applies this */
	if (record_use_clearance(r.store, r.actor, &e)) {
		log_error("clearance: %s", e.msg);
		http_error(&r, &out, 503, "The database is not available; try again later.");
		goto send;
	}
	/* who acts, for the audit log of what this request writes */
	audit_context_set(r.actor->name, r.address);
	if ((route->flags & ROUTE_CACHE) && !r.actor->user_id && !r.actor->local) {
		/* the API is the same in every language: one entry, not six; the day is in
		 * the key, for what a page says of today (the versions in force, coverage) */
		char *k = pool_printf(r.pool, "%s\t%ld\t%s%s", r.api ? "" : lang_code(r.lang),
				      (long)(time(NULL) / 86400), url, sbuf_str(&key));

		gen = store_generation(r.store);
		sbuf_release(&key);
		sbuf_adds(&key, k);
		/* the cache answers If-None-Match; an If-Modified-Since alone goes to the
		 * handler, whose answer's Last-Modified send_resp compares */
		if ((inm || !r.if_modified_since) &&
		    cache_serve(s->cache, k, gen, gz, inm, conn, &cs->status, &cs->bytes))
			goto out;
	}
	out.status = route->handler(&r, &out);
send:
	send_resp(s, conn, &r, &out, route, sbuf_str(&key), gen, gz, inm, cs);
out:
	if (r.store)	/* the next request on this thread starts as the public */
		store_set_clearance(r.store, NULL, NULL);
	audit_context_set(NULL, NULL);
	sbuf_release(&out.body);
	sbuf_release(&key);
	pool_free(r.pool);
}

/* The guard's handle of a connection (set when it opened), or NULL. */
static struct guard_conn *conn_guard(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

/* Connections open and close: the guard keeps their deadlines (from the start, the
 * request headers are due within --header-timeout). */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	struct server *s = cls;
	const union MHD_ConnectionInfo *fd, *ci;
	char addr[INET6_ADDRSTRLEN] = "?";

	if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		guard_close(s->guard, *socket_context);
		*socket_context = NULL;
		return;
	}
	fd = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!fd)
		return;
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)ci->client_addr)->sin_addr, addr,
			  sizeof(addr));
	else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)ci->client_addr)->sin6_addr, addr,
			  sizeof(addr));
	*socket_context = guard_open(s->guard, fd->connect_fd, addr);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	struct server *s = cls;
	struct conn_state *cs = *con_cls;
	struct guard_conn *gc = conn_guard(conn);

	(void)version;
	if (!cs) {
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);

		cs = xcalloc(1, sizeof(*cs));
		clock_gettime(CLOCK_MONOTONIC, &cs->start);
		snprintf(cs->method, sizeof(cs->method), "%s", method);
		cs->path = xstrdup(url);
		*con_cls = cs;
		if (cl && strtoull(cl, NULL, 10) > s->max_body) {
			/* refuse before reading the body */
			cs->too_large = 1;
			guard_phase(s->guard, gc, GUARD_BUSY);
			dispatch(s, conn, url, method, cs);
			return MHD_YES;
		}
		/* the headers are in: the body has its own deadline */
		guard_phase(s->guard, gc, GUARD_BODY);
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!cs->too_large && cs->body.len + *upload_data_size <= s->max_body)
			sbuf_add(&cs->body, upload_data, *upload_data_size);
		else if (!cs->too_large) {
			cs->too_large = 1;
			sbuf_release(&cs->body);
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (cs->status) /* answered already (body too large) */
		return MHD_YES;
	guard_phase(s->guard, gc, GUARD_BUSY);
	dispatch(s, conn, url, method, cs);
	return MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct conn_state *cs = *con_cls;
	struct timespec now;
	char addr[INET6_ADDRSTRLEN] = "-";
	const union MHD_ConnectionInfo *ci;

	/* a kept-alive connection: the next request's headers have their deadline */
	guard_phase(s->guard, conn_guard(conn), GUARD_HEADERS);
	if (!cs)
		return;
	if (log_enabled(LOG_INFO)) {
		ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr) {
			if (ci->client_addr->sa_family == AF_INET)
				inet_ntop(AF_INET, &((struct sockaddr_in *)ci->client_addr)->sin_addr,
					  addr, sizeof(addr));
			else if (ci->client_addr->sa_family == AF_INET6)
				inet_ntop(AF_INET6,
					  &((struct sockaddr_in6 *)ci->client_addr)->sin6_addr,
					  addr, sizeof(addr));
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		log_info("access %s \"%s %.200s\" %d %zu %.2fms%s", addr, cs->method, cs->path,
			 cs->status, cs->bytes,
			 (double)(now.tv_sec - cs->start.tv_sec) * 1e3 +
				 (double)(now.tv_nsec - cs->start.tv_nsec) / 1e6,
			 toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" :
			 toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? " timeout" : " aborted");
	}
	sbuf_release(&cs->body);
	free(cs->path);
	free(cs);
	*con_cls = NULL;
}

/* At most this many lines a second from the library: under a flood of connections
 * (refused at a limit, closed half-sent) the log says how many it left out. */
#define MHD_LOG_PER_SECOND 10

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static time_t second;
	static unsigned lines, dropped;
	char buf[512];
	size_t n;
	time_t now = time(NULL);
	unsigned was_dropped = 0;

	(void)cls;
	pthread_mutex_lock(&lock);
	if (now != second) {
		was_dropped = dropped;
		second = now;
		lines = dropped = 0;
	}
	if (++lines > MHD_LOG_PER_SECOND) {
		dropped++;
		pthread_mutex_unlock(&lock);
		return;
	}
	pthread_mutex_unlock(&lock);
	if (was_dropped)
		log_warn("http: %u more messages in the last second left out", was_dropped);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	n = strlen(buf);
	while (n && buf[n - 1] == '\n')
		buf[--n] = '\0';
	log_warn("http: %s", buf);
}

/* Percent-decoding of paths and query arguments. A decoded NUL would silently cut
 * the string short ("/countries%00x" read as "/countries"); it becomes DEL, which
 * http_path_problem() refuses. */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *str)
{
	size_t n;

	(void)cls, (void)conn;
	for (char *p = str; (p = strstr(p, "%00")); p += 3)
		p[1] = '7', p[2] = 'f';
	n = MHD_http_unescape(str);
	return n;
}

/* Parse "host:port" or "[v6]:port" into a socket address. */
static int parse_listen(const char *listen, struct sockaddr_storage *ss, struct err *e)
{
	char host[256];
	const char *colon = strrchr(listen, ':');
	size_t hl;
	int port;

	memset(ss, 0, sizeof(*ss));
	if (!colon || (hl = (size_t)(colon - listen)) >= sizeof(host))
		return err_set(e, ERR_INVALID, "listen: '%s' is not HOST:PORT", listen);
	if (num_int(colon + 1, 0, 65535, &port))
		return err_set(e, ERR_INVALID, "listen: '%s' is not HOST:PORT", listen);
	if (listen[0] == '[' && hl >= 2 && listen[hl - 1] == ']') {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		memcpy(host, listen + 1, hl - 2);
		host[hl - 2] = '\0';
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host, &a->sin6_addr) == 1)
			return ERR_OK;
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		memcpy(host, listen, hl);
		host[hl] = '\0';
		if (!strcmp(host, "localhost"))
			strcpy(host, "127.0.0.1");
		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, host, &a->sin_addr) == 1)
			return ERR_OK;
	}
	return err_set(e, ERR_INVALID, "listen: '%s' is not a numeric address (such as "
		       "127.0.0.1:8080 or [::1]:8080)", listen);
}

int server_start(const struct server_options *o, const struct route *routes, int nroutes,
		 struct server **out, struct err *e)
{
	struct server *s = xcalloc(1, sizeof(*s));
	struct sockaddr_storage ss;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
	int rc;

	if ((rc = parse_listen(o->listen, &ss, e)))
		goto fail;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	s->routes = routes;
	s->nroutes = nroutes;
	s->max_body = (size_t)o->max_body;
	s->trust_proxy = o->trust_proxy;
	s->cache = cache_new((size_t)o->cache_max);
	s->guard = guard_start(o->header_timeout * 1000L, o->body_timeout * 1000L);
	statics_init(s);
	errno = 0;
	s->d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, s,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads > 0 ? o->threads : 1),
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->timeout,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)(o->max_connections > 0 ?
							 o->max_connections : 1000),
		/* behind a proxy on this machine every client has its address: no limit */
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(o->trust_proxy ? 0 :
							       o->max_per_address),
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32 * 1024,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, s,
		MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
		MHD_OPTION_END);
	if (!s->d) {
		/* no SO_REUSEPORT: a second server on the same port must not start and
		 * split the requests between two databases */
		if (errno == EADDRINUSE)
			rc = err_set(e, ERR_IO, "cannot listen on %s: the address is already in "
				     "use (is another ccrepo serve running on this port?)",
				     o->listen);
		else
			rc = err_set(e, ERR_IO, "cannot listen on %s (%s; is it an address of "
				     "this machine?)", o->listen, strerror(errno));
		goto fail;
	}
	*out = s;
	return ERR_OK;
fail:
	server_stop(s);
	return rc;
}

unsigned server_port(const struct server *s)
{
	const union MHD_DaemonInfo *i = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);

	return i ? i->port : 0;
}

void server_stop(struct server *s)
{
	if (!s)
		return;
	if (s->d)
		MHD_stop_daemon(s->d);
	guard_stop(s->guard);
	cache_free(s->cache);
	statics_free(s);
	free(s);
}
