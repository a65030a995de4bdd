#include "http/http.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/err.h"
#include "core/log.h"
#include "core/utf8.h"

static const struct {
	int status;
	const char *reason;
} reasons[] = {
	{ 200, "OK" }, { 201, "Created" }, { 204, "No Content" },
	{ 301, "Moved Permanently" }, { 302, "Found" }, { 303, "See Other" },
	{ 304, "Not Modified" }, { 400, "Bad Request" }, { 401, "Unauthorized" },
	{ 403, "Forbidden" }, { 404, "Not Found" }, { 405, "Method Not Allowed" },
	{ 406, "Not Acceptable" }, { 408, "Request Timeout" }, { 409, "Conflict" },
	{ 411, "Length Required" }, { 413, "Content Too Large" }, { 414, "URI Too Long" },
	{ 415, "Unsupported Media Type" }, { 422, "Unprocessable Content" },
	{ 429, "Too Many Requests" }, { 431, "Request Header Fields Too Large" },
	{ 500, "Internal Server Error" }, { 501, "Not Implemented" },
	{ 503, "Service Unavailable" }, { 507, "Insufficient Storage" },
};

const char *http_reason(int status)
{
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "";
}

/* What each error code answers over HTTP, and for server-side failures the message
 * the client is told instead of the internal one (NULL: "something went wrong").
 * A full disk and a read-only database are the operator's to fix, but the client
 * should know that nothing was saved and why. */
static const struct {
	int status;
	const char *told;
} code_status[] = {
	[ERR_OK] = { 200, NULL }, [ERR_NOTFOUND] = { 404, NULL },
	[ERR_INVALID] = { 400, NULL }, [ERR_IO] = { 500, NULL }, [ERR_DB] = { 500, NULL },
	[ERR_CONFLICT] = { 409, NULL }, [ERR_TOOLARGE] = { 413, NULL },
	[ERR_INTERNAL] = { 500, NULL }, [ERR_FORBIDDEN] = { 403, NULL },
	[ERR_FULL] = { 507, "The server's storage is full: nothing was saved. Try again "
			    "later; the operator has been told." },
	[ERR_READONLY] = { 503, "The database is read-only: changes cannot be saved "
				"now. Reading still works." },
};

int http_status_of(int code)
{
	if ((unsigned)code < sizeof(code_status) / sizeof(code_status[0]) &&
	    code_status[code].status)
		return code_status[code].status;
	return 500;
}

const char *req_arg(const struct req *r, const char *name)
{
	for (int i = 0; i < r->nargs; i++)
		if (!strcmp(r->args[i].name, name))
			return r->args[i].value;
	return NULL;
}

void req_drop_arg(struct req *r, const char *name)
{
	int n = 0;

	for (int i = 0; i < r->nargs; i++)
		if (strcmp(r->args[i].name, name))
			r->args[n++] = r->args[i];
	r->nargs = n;
}

static http_error_page_fn error_page;

void http_set_error_page(http_error_page_fn fn)
{
	error_page = fn;
}

/* JSON string escaping for the problem document (no dependency on a JSON library
 * here: the http layer stays small). Bytes that are not part of a valid UTF-8
 * sequence (a message cut in the middle of a character) become U+FFFD, so the
 * document is always valid JSON. */
static void json_str(struct sbuf *sb, const char *s)
{
	sbuf_addc(sb, '"');
	while (*s) {
		unsigned char c = (unsigned char)*s;
		size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

		if (c == '"' || c == '\\') {
			sbuf_addc(sb, '\\');
			sbuf_addc(sb, (char)c);
		} else if (c < 0x20) {
			sbuf_addf(sb, "\\u%04x", c);
		} else if (c < 0x80) {
			sbuf_addc(sb, (char)c);
		} else if (strnlen(s, n) == n && utf8_valid(s, n)) {
			sbuf_add(sb, s, n);
			s += n;
			continue;
		} else {
			sbuf_adds(sb, "\\ufffd");
		}
		s++;
	}
	sbuf_addc(sb, '"');
}

int http_error(struct req *r, struct resp *out, int status, const char *detail)
{
	const char *title = http_reason(status);

	out->status = status;
	sbuf_reset(&out->body);
	out->cache_control = "no-store";
	if (r->api || !error_page) {
		out->content_type = "application/problem+json";
		sbuf_adds(&out->body, "{\"type\":\"about:blank\",\"title\":");
		json_str(&out->body, title);
		sbuf_addf(&out->body, ",\"status\":%d", status);
		if (detail) {
			sbuf_adds(&out->body, ",\"detail\":");
			json_str(&out->body, detail);
		}
		if (r->path) {
			sbuf_adds(&out->body, ",\"instance\":");
			json_str(&out->body, r->path);
		}
		sbuf_adds(&out->body, "}\n");
	} else {
		error_page(r, out, status, title, detail);
	}
	return status;
}

enum lang http_negotiate_lang(const char *al)
{
	int best = LANG_EN;
	double bestq = 0;
	const char *p = al;

	while (p && *p) {
		size_t n;
		double q = 1;
		const char *semi, *end;
		int l;

		while (*p == ' ' || *p == ',')
			p++;
		end = p + strcspn(p, ",");
		n = strcspn(p, ";, ");
		semi = memchr(p, ';', (size_t)(end - p));
		if (semi) {
			const char *qs = strstr(semi, "q=");

			if (qs && qs < end)
				q = strtod(qs + 2, NULL);
		}
		l = lang_parse(p, (int)n);
		if (l >= 0 && q > bestq) {
			best = l;
			bestq = q;
		}
		p = end;
	}
	return (enum lang)best;
}

const char *http_path_problem(const char *path)
{
	const unsigned char *s = (const unsigned char *)path;
	size_t len = strlen(path);

	if (*s != '/')
		return "the path must start with '/'";
	if (len > 2048)
		return "the path is longer than 2048 bytes";
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] == 0x7f)
			return "the path contains a control character";
	for (const char *seg = path; seg; seg = strchr(seg + 1, '/')) {
		size_t n = strcspn(seg + 1, "/");

		if ((n == 1 && seg[1] == '.') || (n == 2 && seg[1] == '.' && seg[2] == '.'))
			return "the path contains a '.' or '..' segment";
	}
	if (!utf8_valid(path, len))
		return "the path is not valid UTF-8";
	return NULL;
}

int http_fail(struct req *r, struct resp *out, const struct err *e)
{
	int status = http_status_of(e->code);
	const char *told = (unsigned)e->code < sizeof(code_status) / sizeof(code_status[0]) ?
			   code_status[e->code].told : NULL;

	if (status >= 500) {
		log_error("%s %s: %s", r->path, err_name(e->code), e->msg);
		return http_error(r, out, status, told ? told : "Something went wrong on our "
				  "side; the problem has been logged.");
	}
	return http_error(r, out, status, e->msg);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode s[0..n) ('+' is a space) into pool memory; NULL when malformed. */
static char *form_decode(pool *p, const char *s, size_t n)
{
	char *out = pool_alloc(p, n + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%') {
			int hi, lo;

			if (i + 2 >= n)
				return NULL;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			*o++ = (char)(hi * 16 + lo);
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	if (memchr(out, '\0', (size_t)(o - out)) || !utf8_valid(out, (size_t)(o - out)))
		return NULL;
	return out;
}

#define FORM_FIELDS 256
#define MULTIPART "multipart/form-data"
#define MAX_BOUNDARY 70		/* RFC 2046 */

static int is_form(const char *content_type)
{
	return content_type &&
	       (!strncasecmp(content_type, "application/x-www-form-urlencoded", 33) ||
		!strncasecmp(content_type, MULTIPART, strlen(MULTIPART)));
}

/* The value of parameter name ("boundary", "name", "filename") in a header's
 * parameters, quoted or not, copied into p; NULL when absent or over max bytes. */
static char *header_param(pool *p, const char *h, size_t hlen, const char *name, size_t max)
{
	size_t n = strlen(name);

	for (size_t i = 0; i + n + 1 < hlen; i++) {
		const char *v = h + i + n + 1, *end;

		if ((i && h[i - 1] != ';' && h[i - 1] != ' ' && h[i - 1] != '\t') ||
		    strncasecmp(h + i, name, n) || h[i + n] != '=')
			continue;
		if (*v == '"') {
			end = memchr(v + 1, '"', hlen - (size_t)(v + 1 - h));
			v++;
		} else {
			end = v;
			while (end < h + hlen && !strchr(";\r\n \t", *end))
				end++;
		}
		if (!end || (size_t)(end - v) > max)
			return NULL;
		return pool_strndup(p, v, (size_t)(end - v));
	}
	return NULL;
}

/* One part of a multipart body: its headers [h, h + hlen), its bytes [v, v + vlen). */
static int multipart_field(struct req *r, const char *h, size_t hlen, const char *v,
			   size_t vlen, struct err *e)
{
	struct req_arg *a;
	char *name = header_param(r->pool, h, hlen, "name", 200);

	if (!name || !utf8_valid(name, strlen(name)))
		return err_set(e, ERR_INVALID, "a part of the form has no name");
	if (r->nform == FORM_FIELDS)
		return err_set(e, ERR_INVALID, "more than %d form fields", FORM_FIELDS);
	a = &r->form[r->nform];
	a->name = name;
	a->filename = header_param(r->pool, h, hlen, "filename", 255);
	a->value = pool_strndup(r->pool, v, vlen);
	a->len = vlen;
	if (a->filename && (memchr(a->filename, '\0', strlen(a->filename)) ||
			    !utf8_valid(a->filename, strlen(a->filename))))
		a->filename = "file";
	if (!a->filename && (memchr(v, '\0', vlen) || !utf8_valid(v, vlen)))
		return err_set(e, ERR_INVALID, "form field %.40s is not UTF-8 text", name);
	r->nform++;
	return ERR_OK;
}

/* multipart/form-data: parts between "--boundary" lines, each headers then bytes. */
static int multipart_parse(struct req *r, struct err *e)
{
	char *boundary = header_param(r->pool, r->content_type, strlen(r->content_type),
				      "boundary", MAX_BOUNDARY), *delim;
	const char *p = r->body, *end = r->body + r->body_len;
	size_t dlen;
	int rc;

	if (!boundary || !*boundary)
		return err_set(e, ERR_INVALID, "the multipart form has no boundary");
	delim = pool_printf(r->pool, "\r\n--%s", boundary);
	dlen = strlen(delim);
	/* the first delimiter may open the body, without the CRLF before it */
	if ((size_t)(end - p) >= dlen - 2 && !memcmp(p, delim + 2, dlen - 2))
		p += dlen - 2;
	else if ((p = memmem(p, (size_t)(end - p), delim, dlen)))
		p += dlen;
	while (p && end - p >= 2 && memcmp(p, "--", 2)) {
		const char *h, *hend, *v, *next;

		if (memcmp(p, "\r\n", 2))
			return err_set(e, ERR_INVALID, "the multipart form is malformed");
		h = p + 2;
		if (!(hend = memmem(h, (size_t)(end - h), "\r\n\r\n", 4)))
			return err_set(e, ERR_INVALID, "a part of the form has no end of headers");
		v = hend + 4;
		if (!(next = memmem(v, (size_t)(end - v), delim, dlen)))
			return err_set(e, ERR_INVALID, "the multipart form is cut short");
		if ((rc = multipart_field(r, h, (size_t)(hend - h), v, (size_t)(next - v), e)))
			return rc;
		p = next + dlen;
	}
	if (!p || end - p < 2)
		return err_set(e, ERR_INVALID, "the multipart form is cut short");
	return ERR_OK;
}

int req_form_parse(struct req *r, struct err *e)
{
	const char *p = r->body, *end = r->body ? r->body + r->body_len : NULL;
	int cap = FORM_FIELDS;

	if (r->form)	/* parsed already (by req_check_token) */
		return ERR_OK;
	r->nform = 0;
	if (!is_form(r->content_type))
		return err_set(e, ERR_INVALID, "send the form as %s or %s",
			       "application/x-www-form-urlencoded", MULTIPART);
	r->form = pool_calloc(r->pool, (size_t)cap, sizeof(*r->form));
	if (!strncasecmp(r->content_type, MULTIPART, strlen(MULTIPART)))
		return r->body ? multipart_parse(r, e) : ERR_OK;
	while (p && p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p)), *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		char *name, *value;

		if (stop > p) {
			if (r->nform == cap)
				return err_set(e, ERR_INVALID, "more than %d form fields", cap);
			name = form_decode(r->pool, p, (size_t)((eq ? eq : stop) - p));
			value = eq ? form_decode(r->pool, eq + 1, (size_t)(stop - eq - 1)) :
				     pool_strdup(r->pool, "");
			if (!name || !value)
				return err_set(e, ERR_INVALID, "the form is not properly encoded");
			r->form[r->nform].name = name;
			r->form[r->nform].value = value;
			r->form[r->nform].len = strlen(value);
			r->nform++;
		}
		p = amp ? amp + 1 : end;
	}
	return ERR_OK;
}

int req_check_token(struct req *r, const char *header_token, struct err *e)
{
	const char *t;
	int rc;

	if (!(r->method & (HTTP_POST | HTTP_PUT | HTTP_PATCH | HTTP_DELETE)) || !r->session)
		return ERR_OK;
	if (!r->csrf)	/* a session always has a token; without one nothing matches */
		return err_set(e, ERR_FORBIDDEN, "this session has no form token: sign in again");
	if (header_token)
		t = header_token;
	else if (is_form(r->content_type)) {
		if ((rc = req_form_parse(r, e)))
			return rc;
		t = req_form(r, "csrf");
	} else {
		return err_set(e, ERR_FORBIDDEN, "a change made with a session cookie needs the "
			       "session's form token (header X-CSRF-Token; it is csrf_token in "
			       "GET /api/v1/me), or an API token (Authorization: Bearer)");
	}
	if (!t || !http_same_secret(t, r->csrf))
		return err_set(e, ERR_FORBIDDEN, "this form has expired or did not come from "
			       "this site: reload the page and try again");
	return ERR_OK;
}

int resp_set_cookie(struct resp *out, const char *value)
{
	size_t n = strcspn(value, "=;");

	if (!n || value[n] != '=') {
		log_error("http: Set-Cookie without a name: %.40s", value);
		return ERR_INVALID;
	}
	for (int i = 0; i < out->ncookies; i++) {
		if (!strncmp(out->cookies[i], value, n) && out->cookies[i][n] == '=') {
			out->cookies[i] = value;
			return ERR_OK;
		}
	}
	if (out->ncookies >= RESP_MAX_COOKIES) {
		log_error("http: more than %d cookies in one response; %.*s not set",
			  RESP_MAX_COOKIES, (int)n, value);
		return ERR_INVALID;
	}
	out->cookies[out->ncookies++] = value;
	return ERR_OK;
}

int http_same_secret(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	unsigned char d = (unsigned char)(n != m);

	/* constant time over b's length whatever a is */
	for (size_t i = 0; i < m; i++)
		d |= (unsigned char)(b[i] ^ (i < n ? a[i] : 0));
	return d == 0;
}

const char *req_form(const struct req *r, const char *name)
{
	for (int i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].name, name))
			return r->form[i].value;
	return NULL;
}

const char *req_form_bytes(const struct req *r, const char *name, size_t *len,
			   const char **filename)
{
	for (int i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].name, name)) {
			*len = r->form[i].len;
			if (filename)
				*filename = r->form[i].filename;
			return r->form[i].value;
		}
	return NULL;
}

int http_forwarded_for(const char *xff, char *addr, size_t size)
{
	const char *last = xff ? strrchr(xff, ',') : NULL;
	char buf[INET6_ADDRSTRLEN + 8];
	unsigned char bin[sizeof(struct in6_addr)];
	size_t n;

	if (!xff)
		return 0;
	last = last ? last + 1 : xff;
	while (*last == ' ' || *last == '\t')
		last++;
	n = strcspn(last, " \t");
	if (!n || n >= sizeof(buf) || n >= size || last[n + strspn(last + n, " \t")])
		return 0;
	memcpy(buf, last, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, bin) != 1 && inet_pton(AF_INET6, buf, bin) != 1)
		return 0;
	memcpy(addr, buf, n + 1);
	return 1;
}

static const char *const wdays[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
				      "Aug", "Sep", "Oct", "Nov", "Dec" };

const char *http_date(pool *p, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	return pool_printf(p, "%s, %02d %s %04d %02d:%02d:%02d GMT", wdays[tm.tm_wday],
			   tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
			   tm.tm_min, tm.tm_sec);
}

int http_date_parse(const char *s, time_t *t)
{
	char wd[4], mon[4], gmt[4];
	struct tm tm = { 0 };
	int n = 0, m = -1;

	if (!s || sscanf(s, "%3s, %2d %3s %4d %2d:%2d:%2d %3s%n", wd, &tm.tm_mday, mon,
			 &tm.tm_year, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, gmt, &n) != 8 ||
	    s[n] || strcmp(gmt, "GMT"))
		return -1;
	for (int i = 0; i < 12; i++)
		if (!strcmp(mon, months[i]))
			m = i;
	if (m < 0 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
	    tm.tm_min > 59 || tm.tm_sec > 60 || tm.tm_year < 1970)
		return -1;
	tm.tm_mon = m;
	tm.tm_year -= 1900;
	*t = timegm(&tm);
	return 0;
}
