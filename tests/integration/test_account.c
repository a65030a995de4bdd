/* Signing in and out through the real server: the sign-in form's token, a generic
 * message for a wrong password, the session cookie's attributes, a new session at each
 * sign-in, the form token on every form of a signed-in browser, password change,
 * API tokens (Bearer), and the lock after repeated failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integration/harness.h"

static char *D;
static struct srv *S;
static char TOKEN[256];
static char WTOKEN[256];	/* root's, scope write */

static int run_in(const char *input, const char *const *args, char *out, size_t size)
{
	return harness_cli(D, input, args, out, size);
}

static int group_setup(void **state)
{
	struct srv_options o = { 0 };

	(void)state;
	if (!(D = harness_tmpdir()))
		return -1;
	if (run_in("", (const char *const[]){ "migrate", NULL }, NULL, 0) ||
	    run_in("", (const char *const[]){ "org", "add", "UNODC", "--kind", "unodc", NULL },
		   NULL, 0) ||
	    run_in("correct horse battery\n", (const char *const[]){ "user", "add", "alice",
		   "--role", "curator", "--org", "UNODC", "--password-stdin", NULL }, NULL, 0) ||
	    run_in("another long password\n", (const char *const[]){ "user", "add", "bob",
		   "--role", "reader", "--org", "UNODC", "--password-stdin", NULL }, NULL, 0) ||
	    run_in("root password long enough\n", (const char *const[]){ "user", "add", "root",
		   "--role", "admin", "--org", "UNODC", "--password-stdin", NULL }, NULL, 0) ||
	    run_in("", (const char *const[]){ "user", "token", "alice", "--name", "script",
		   "--scope", "read", NULL }, TOKEN, sizeof(TOKEN)) ||
	    run_in("", (const char *const[]){ "user", "token", "root", "--name", "writer",
		   "--scope", "write", NULL }, WTOKEN, sizeof(WTOKEN)))
		return -1;
	o.dir = D;
	return (S = srv_start_with(&o)) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	harness_done(S, D);
	return 0;
}

/* The value of cookie name set by r ("" when cleared), or NULL when not set. */
static char *set_cookie(const struct http_response *r, const char *name, char *attrs,
			size_t size)
{
	static char value[256];
	size_t n = strlen(name);

	for (size_t i = 0; i < r->nheaders; i++) {
		const char *v = r->headers[i].value;

		if (strcasecmp(r->headers[i].name, "Set-Cookie") || strncmp(v, name, n) ||
		    v[n] != '=')
			continue;
		snprintf(value, sizeof(value), "%.*s", (int)strcspn(v + n + 1, ";"), v + n + 1);
		if (attrs)
			snprintf(attrs, size, "%s", v);
		return value;
	}
	return NULL;
}

/* The value of the hidden input name in html. */
static char *hidden(const char *html, const char *name)
{
	static char value[256];
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "name=\"%s\" value=\"", name);
	if (!(p = strstr(html, pat)))
		return NULL;
	p += strlen(pat);
	snprintf(value, sizeof(value), "%.*s", (int)strcspn(p, "\""), p);
	return value;
}

/* Sign in: the form, then the post; the response of the post. */
static struct http_response *sign_in(const char *user, const char *pass, const char *extra)
{
	struct http_response *r = http_get(S, "/signin", NULL);
	char cookie[400], body[600], token[128];

	assert_int_equal(r->status, 200);
	snprintf(token, sizeof(token), "%s", hidden(r->body, "signin"));
	assert_string_equal(token, set_cookie(r, "ccrepo_signin", NULL, 0));
	snprintf(cookie, sizeof(cookie), "Cookie: ccrepo_signin=%s%s\r\nContent-Type: "
		 "application/x-www-form-urlencoded\r\n", token, extra ? extra : "");
	http_response_free(r);
	snprintf(body, sizeof(body), "signin=%s&username=%s&password=%s&next=/account", token,
		 user, pass);
	return http_request(S, "POST", "/signin", cookie, body, strlen(body));
}

static char *me(const char *cookie_header)
{
	static char body[512];
	struct http_response *r = http_get(S, "/api/v1/me", cookie_header);

	assert_int_equal(r->status, 200);
	snprintf(body, sizeof(body), "%s", r->body);
	http_response_free(r);
	return body;
}

static void test_sign_in_and_out(void **state)
{
	struct http_response *r;
	char attrs[400], session[256], hdr[400], csrf[128], body[256];

	(void)state;
	/* a wrong password and an unknown user get the same answer */
	r = sign_in("alice", "wrong", NULL);
	assert_int_equal(r->status, 401);
	assert_non_null(strstr(r->body, "The user name or the password is wrong."));
	assert_null(set_cookie(r, "ccrepo_session", NULL, 0));
	http_response_free(r);
	r = sign_in("nobody", "wrong", NULL);
	assert_int_equal(r->status, 401);
	assert_non_null(strstr(r->body, "The user name or the password is wrong."));
	http_response_free(r);
	/* without the form's token */
	r = http_request(S, "POST", "/signin", "Content-Type: application/x-www-form-urlencoded"
			 "\r\n", "username=alice&password=x", 25);
	assert_int_equal(r->status, 403);
	http_response_free(r);
	/* the right one: a session cookie, HttpOnly, SameSite=Lax */
	r = sign_in("alice", "correct+horse+battery", NULL);
	assert_int_equal(r->status, 303);
	assert_non_null(strstr(http_header(r, "Location"), "/account"));
	snprintf(session, sizeof(session), "%s", set_cookie(r, "ccrepo_session", attrs,
							    sizeof(attrs)));
	assert_int_equal(strlen(session), 64);
	assert_non_null(strstr(attrs, "HttpOnly"));
	assert_non_null(strstr(attrs, "SameSite=Lax"));
	assert_null(strstr(attrs, "Secure"));	/* plain HTTP here */
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\n", session);
	assert_non_null(strstr(me(hdr), "\"username\":\"alice\""));
	assert_non_null(strstr(me(hdr), "\"via\":\"session\""));
	assert_non_null(strstr(me(NULL), "\"signed_in\":false"));
	/* the account page; what a signed-in browser sees is never cached */
	r = http_get(S, "/account", hdr);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(r->body, "<dd>curator</dd>"));
	snprintf(csrf, sizeof(csrf), "%s", hidden(r->body, "csrf"));
	assert_int_equal(strlen(csrf), 64);
	http_response_free(r);
	r = http_get(S, "/countries", hdr);
	assert_non_null(strstr(http_header(r, "Cache-Control"), "no-store"));
	assert_non_null(strstr(r->body, ">alice</a>"));
	http_response_free(r);
	/* a form without the session's form token is refused */
	snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\nContent-Type: "
		 "application/x-www-form-urlencoded\r\n", session);
	r = http_request(S, "POST", "/signout", hdr, "x=1", 3);
	assert_int_equal(r->status, 403);
	http_response_free(r);
	r = http_request(S, "POST", "/signout", hdr, "csrf=00", 7);
	assert_int_equal(r->status, 403);
	http_response_free(r);
	snprintf(body, sizeof(body), "csrf=%s", csrf);
	r = http_request(S, "POST", "/signout", hdr, body, strlen(body));
	assert_int_equal(r->status, 303);
	assert_string_equal(set_cookie(r, "ccrepo_session", NULL, 0), "");
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\n", session);
	assert_non_null(strstr(me(hdr), "\"signed_in\":false"));
}

static void test_new_session_each_time(void **state)
{
	struct http_response *r;
	char first[128], second[128], hdr[400];

	(void)state;
	r = sign_in("alice", "correct+horse+battery", NULL);
	snprintf(first, sizeof(first), "%s", set_cookie(r, "ccrepo_session", NULL, 0));
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "; ccrepo_session=%s", first);
	r = sign_in("alice", "correct+horse+battery", hdr);
	assert_int_equal(r->status, 303);
	snprintf(second, sizeof(second), "%s", set_cookie(r, "ccrepo_session", NULL, 0));
	http_response_free(r);
	assert_string_not_equal(first, second);
	snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\n", first);
	assert_non_null(strstr(me(hdr), "\"signed_in\":false"));
	snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\n", second);
	assert_non_null(strstr(me(hdr), "\"signed_in\":true"));
}

/* The number of Set-Cookie headers of r for cookie name. */
static int count_cookies(const struct http_response *r, const char *name)
{
	size_t n = strlen(name);
	int count = 0;

	for (size_t i = 0; i < r->nheaders; i++)
		if (!strcasecmp(r->headers[i].name, "Set-Cookie") &&
		    !strncmp(r->headers[i].value, name, n) && r->headers[i].value[n] == '=')
			count++;
	return count;
}

/* Issue 10, defect 3: a browser that still holds an ended session signs in. The stale
 * cookie is cleared and the new session set in the same answer; the response had
 * room for two cookies and this made three (an out-of-bounds write that lost the new
 * session). The answer sets ccrepo_session once, to the new session, which works. */
static void test_stale_cookie_sign_in(void **state)
{
	static const char stale[] = "; ccrepo_session=0123456789abcdef0123456789abcdef"
				    "0123456789abcdef0123456789abcdef";
	struct http_response *r;
	char session[128], hdr[400];

	(void)state;
	for (int round = 0; round < 5; round++) {
		r = sign_in("alice", "correct+horse+battery", stale);
		assert_status(r, 303);
		assert_int_equal(count_cookies(r, "ccrepo_session"), 1);
		assert_int_equal(count_cookies(r, "ccrepo_signin"), 1);
		snprintf(session, sizeof(session), "%s", set_cookie(r, "ccrepo_session", NULL, 0));
		assert_int_equal(strlen(session), 64);
		http_response_free(r);
		snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\n", session);
		assert_non_null(strstr(me(hdr), "\"signed_in\":true"));
	}
	/* a failed sign-in with the stale cookie: cleared, and a new form token */
	r = sign_in("alice", "wrong", stale);
	assert_status(r, 401);
	assert_string_equal(set_cookie(r, "ccrepo_session", NULL, 0), "");
	assert_int_equal(count_cookies(r, "ccrepo_signin"), 1);
	http_response_free(r);
	assert_true(srv_healthy(S));
}

/* Issue 10, defect 9: every change made with a session cookie carries the session's
 * form token, checked by the server for every route: a form's field csrf, or the
 * header X-CSRF-Token (the token is csrf_token in GET /api/v1/me). The work's
 * "suggest" form and cookie-authenticated API writes were not checked; Origin: null
 * was taken for no Origin. API tokens (Bearer) need no form token. */
static void test_csrf_every_change(void **state)
{
	static const char law[] = "Section 1. Illegal access\n\nA person who accesses a "
				  "computer system without right commits an offence.\n";
	static const char lesson[] = "{\"title\":\"Forged?\",\"country\":\"KE\","
				     "\"language\":\"en\",\"body\":\"Text.\"}";
	struct http_response *r;
	char session[128], csrf[128], cookie[300], hdr[600], body[300], path[128];
	const char *p;
	long long work;

	(void)state;
	r = sign_in("alice", "correct+horse+battery", NULL);
	assert_status(r, 303);
	snprintf(session, sizeof(session), "%s", set_cookie(r, "ccrepo_session", NULL, 0));
	http_response_free(r);
	snprintf(cookie, sizeof(cookie), "Cookie: ccrepo_session=%s\r\n", session);
	r = http_get(S, "/account", cookie);
	snprintf(csrf, sizeof(csrf), "%s", hidden(r->body, "csrf"));
	assert_int_equal(strlen(csrf), 64);
	http_response_free(r);

	/* an API write with the cookie: refused without the token, taken with it */
	snprintf(hdr, sizeof(hdr), "%sContent-Type: application/json\r\n", cookie);
	r = http_request(S, "POST", "/api/v1/lessons", hdr, lesson, strlen(lesson));
	assert_status(r, 403);
	assert_has(r->body, "X-CSRF-Token");
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "%sContent-Type: application/json\r\nX-CSRF-Token: 00\r\n",
		 cookie);
	r = http_request(S, "POST", "/api/v1/lessons", hdr, lesson, strlen(lesson));
	assert_status(r, 403);
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "%sContent-Type: application/json\r\nX-CSRF-Token: %s\r\n",
		 cookie, csrf);
	r = http_request(S, "POST", "/api/v1/lessons", hdr, lesson, strlen(lesson));
	assert_status(r, 201);
	http_response_free(r);
	/* the token a script of the page sends: the same as the forms' */
	r = http_get(S, "/api/v1/me", cookie);
	assert_status(r, 200);
	assert_non_null(p = strstr(r->body, "\"csrf_token\":\""));
	assert_int_equal(strncmp(p + 14, csrf, 64), 0);
	http_response_free(r);
	/* a law imported the same way, for the suggest form below */
	snprintf(hdr, sizeof(hdr), "%sContent-Type: text/plain; charset=utf-8\r\n"
		 "X-CSRF-Token: %s\r\n", cookie, csrf);
	r = http_request(S, "POST", "/api/v1/works/import?uri=/akn/ke/act/2019/9&title=Act&"
			 "date=2019-01-01", hdr, law, strlen(law));
	assert_status(r, 201);
	assert_non_null(p = strstr(r->body, "\"id\":"));
	work = atoll(p + 5);
	http_response_free(r);

	/* the work's suggest form: refused without the form's token, done with it */
	snprintf(path, sizeof(path), "/works/%lld/suggest", work);
	snprintf(hdr, sizeof(hdr), "%sContent-Type: application/x-www-form-urlencoded\r\n",
		 cookie);
	r = http_request(S, "POST", path, hdr, "x=1", 3);
	assert_status(r, 403);
	http_response_free(r);
	snprintf(body, sizeof(body), "csrf=%s", csrf);
	r = http_request(S, "POST", path, hdr, body, strlen(body));
	assert_status(r, 303);
	assert_has(http_header(r, "Location"), "suggested=");
	http_response_free(r);

	/* Origin: null (a sandboxed frame, a file) is not this site, token or not */
	snprintf(hdr, sizeof(hdr), "%sContent-Type: application/x-www-form-urlencoded\r\n"
		 "Origin: null\r\n", cookie);
	r = http_request(S, "POST", path, hdr, body, strlen(body));
	assert_status(r, 403);
	assert_has(r->body, "Origin: null");
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "%sContent-Type: application/json\r\nX-CSRF-Token: %s\r\n"
		 "Origin: null\r\n", cookie, csrf);
	r = http_request(S, "POST", "/api/v1/lessons", hdr, lesson, strlen(lesson));
	assert_status(r, 403);
	http_response_free(r);

	/* an API token needs no form token, with or without an Origin */
	snprintf(hdr, sizeof(hdr), "Authorization: Bearer %s\r\nContent-Type: "
		 "application/json\r\n", WTOKEN);
	r = http_request(S, "POST", "/api/v1/lessons", hdr, lesson, strlen(lesson));
	assert_status(r, 201);
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "Authorization: Bearer %s\r\nContent-Type: "
		 "application/json\r\nOrigin: null\r\n", WTOKEN);
	r = http_request(S, "POST", "/api/v1/lessons", hdr, lesson, strlen(lesson));
	assert_status(r, 201);
	http_response_free(r);
	/* nor does a read with the cookie */
	r = http_get(S, "/api/v1/lessons", cookie);
	assert_status(r, 200);
	http_response_free(r);
}

/* Sign-ins, failures and sign-outs are in the audit log, with the address. */
static void test_audited(void **state)
{
	char out[4096];
	char *o = NULL, *err = NULL;
	char db[512];
	const char *env[] = { db, "CCREPO_LOG_LEVEL=error", NULL };

	(void)state;
	snprintf(db, sizeof(db), "CCREPO_DB=%s/ccrepo.db", D);
	assert_int_equal(harness_run((const char *const[]){ "audit", "list", "--limit", "50",
				     NULL }, env, D, &o, &err), 0);
	snprintf(out, sizeof(out), "%s", o ? o : "");
	assert_non_null(strstr(out, "signin.failed"));
	assert_non_null(strstr(out, "\tsignin\t"));
	assert_non_null(strstr(out, "signout"));
	assert_non_null(strstr(out, "127.0.0.1"));
	assert_null(strstr(out, "correct horse"));	/* never a password */
	free(o);
	free(err);
	assert_int_equal(harness_run((const char *const[]){ "audit", "verify", NULL }, env, D,
				     &o, &err), 0);
	free(o);
	free(err);
}

static void test_tokens(void **state)
{
	char hdr[400];
	struct http_response *r;

	(void)state;
	assert_int_equal(strncmp(TOKEN, "ccr_", 4), 0);
	snprintf(hdr, sizeof(hdr), "Authorization: Bearer %s\r\n", TOKEN);
	assert_non_null(strstr(me(hdr), "\"via\":\"token\""));
	assert_non_null(strstr(me(hdr), "\"read_only\":true"));
	r = http_get(S, "/api/v1/me", "Authorization: Bearer ccr_0123456789abcdef_00\r\n");
	assert_int_equal(r->status, 401);
	http_response_free(r);
}

static void test_password_change(void **state)
{
	struct http_response *r;
	char session[128], hdr[400], csrf[128], body[400];

	(void)state;
	r = sign_in("bob", "another+long+password", NULL);
	assert_int_equal(r->status, 303);
	snprintf(session, sizeof(session), "%s", set_cookie(r, "ccrepo_session", NULL, 0));
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\n", session);
	r = http_get(S, "/account", hdr);
	snprintf(csrf, sizeof(csrf), "%s", hidden(r->body, "csrf"));
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\nContent-Type: "
		 "application/x-www-form-urlencoded\r\n", session);
	snprintf(body, sizeof(body), "csrf=%s&current=wrong&new=a+new+long+password&"
		 "again=a+new+long+password", csrf);
	r = http_request(S, "POST", "/account/password", hdr, body, strlen(body));
	assert_int_equal(r->status, 403);
	http_response_free(r);
	snprintf(body, sizeof(body), "csrf=%s&current=another+long+password&"
		 "new=a+new+long+password&again=something+else+entirely", csrf);
	r = http_request(S, "POST", "/account/password", hdr, body, strlen(body));
	assert_int_equal(r->status, 400);
	http_response_free(r);
	snprintf(body, sizeof(body), "csrf=%s&current=another+long+password&"
		 "new=a+new+long+password&again=a+new+long+password", csrf);
	r = http_request(S, "POST", "/account/password", hdr, body, strlen(body));
	assert_int_equal(r->status, 303);
	assert_non_null(set_cookie(r, "ccrepo_session", NULL, 0));
	http_response_free(r);
	/* the old session ended with the change; the new password works */
	snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\n", session);
	assert_non_null(strstr(me(hdr), "\"signed_in\":false"));
	r = sign_in("bob", "a+new+long+password", NULL);
	assert_int_equal(r->status, 303);
	http_response_free(r);
}

/* The admin page: admins only; add an account, disable it (it cannot sign in). */
static void test_admin_page(void **state)
{
	struct http_response *r;
	char session[128], hdr[400], csrf[128], body[600];

	(void)state;
	r = sign_in("alice", "correct+horse+battery", NULL);
	snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\n", set_cookie(r, "ccrepo_session",
										 NULL, 0));
	http_response_free(r);
	r = http_get(S, "/admin/users", hdr);
	assert_int_equal(r->status, 403);	/* a curator is not an admin */
	http_response_free(r);
	/* nobody signed in: to the sign-in page, even from the server's own machine */
	r = http_get(S, "/admin/users", NULL);
	assert_int_equal(r->status, 303);
	assert_non_null(strstr(http_header(r, "Location"), "/signin"));
	http_response_free(r);
	/* an admin's API token is not a browser: no admin pages */
	r = http_get(S, "/admin/users", S->auth);
	assert_int_equal(r->status, 403);
	http_response_free(r);
	r = sign_in("root", "root+password+long+enough", NULL);
	assert_int_equal(r->status, 303);
	snprintf(session, sizeof(session), "%s", set_cookie(r, "ccrepo_session", NULL, 0));
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\n", session);
	r = http_get(S, "/admin/users", hdr);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(r->body, "<td>alice</td>"));
	snprintf(csrf, sizeof(csrf), "%s", hidden(r->body, "csrf"));
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\nContent-Type: "
		 "application/x-www-form-urlencoded\r\n", session);
	snprintf(body, sizeof(body), "csrf=%s&action=add&user=carol&role=reader&org=UNODC&"
		 "country=&password=carol+long+password", csrf);
	r = http_request(S, "POST", "/admin/users", hdr, body, strlen(body));
	assert_int_equal(r->status, 303);
	http_response_free(r);
	snprintf(body, sizeof(body), "csrf=%s&action=add&user=carol&role=reader&org=UNODC&"
		 "password=carol+long+password", csrf);
	r = http_request(S, "POST", "/admin/users", hdr, body, strlen(body));
	assert_int_equal(r->status, 400);	/* exists already */
	http_response_free(r);
	r = sign_in("carol", "carol+long+password", NULL);
	assert_int_equal(r->status, 303);
	http_response_free(r);
	snprintf(body, sizeof(body), "csrf=%s&action=disable&user=carol", csrf);
	r = http_request(S, "POST", "/admin/users", hdr, body, strlen(body));
	assert_int_equal(r->status, 303);
	http_response_free(r);
	r = sign_in("carol", "carol+long+password", NULL);
	assert_int_equal(r->status, 401);
	http_response_free(r);
	/* without the form token: refused */
	r = http_request(S, "POST", "/admin/users", hdr, "action=enable&user=carol", 24);
	assert_int_equal(r->status, 403);
	http_response_free(r);
	/* an admin sets a new password: the old one stops working */
	snprintf(body, sizeof(body), "csrf=%s&action=enable&user=carol", csrf);
	r = http_request(S, "POST", "/admin/users", hdr, body, strlen(body));
	assert_int_equal(r->status, 303);
	http_response_free(r);
	snprintf(body, sizeof(body), "csrf=%s&action=passwd&user=carol&password=short", csrf);
	r = http_request(S, "POST", "/admin/users", hdr, body, strlen(body));
	assert_int_equal(r->status, 400);
	http_response_free(r);
	snprintf(body, sizeof(body), "csrf=%s&action=passwd&user=carol&"
		 "password=carol+other+password", csrf);
	r = http_request(S, "POST", "/admin/users", hdr, body, strlen(body));
	assert_int_equal(r->status, 303);
	http_response_free(r);
	r = sign_in("carol", "carol+long+password", NULL);
	assert_int_equal(r->status, 401);
	http_response_free(r);
	r = sign_in("carol", "carol+other+password", NULL);
	assert_int_equal(r->status, 303);
	http_response_free(r);
}

/* The sign-in failures of a server's audit log, one per line (free it). */
static char *failures(const struct srv *p)
{
	char db[400];
	const char *env[] = { db, "CCREPO_LOG_LEVEL=error", NULL };
	char *o = NULL, *err = NULL;

	snprintf(db, sizeof(db), "CCREPO_DB=%s", p->db);
	assert_int_equal(harness_run_input((const char *const[]){ "audit", "list", "--action",
					   "signin.failed", NULL }, env, p->dir, "", &o, &err), 0);
	free(err);
	return o;
}

/* With trust-proxy 1, a connection from loopback is a proxy on this machine: the last
 * address of its X-Forwarded-For is the client's (in the audit log, and for the
 * sign-in limits); a malformed one is ignored. Without it, the header counts for
 * nothing. */
static void test_trust_proxy(void **state)
{
	struct srv *keep = S, *p;
	struct http_response *r;
	char *log;

	(void)state;
	for (int trust = 1; trust >= 0; trust--) {
		const char *args[] = { "--trust-proxy", trust ? "1" : "0", NULL };

		assert_non_null(p = srv_start(args));
		S = p;
		r = sign_in("nobody", "wrong", "\r\nX-Forwarded-For: 198.51.100.1, 203.0.113.7");
		assert_int_equal(r->status, 401);
		http_response_free(r);
		r = sign_in("nobody", "wrong", "\r\nX-Forwarded-For: 203.0.113.7, <script>");
		assert_int_equal(r->status, 401);
		http_response_free(r);
		S = keep;
		log = failures(p);
		if (trust) {
			assert_has(log, "\t203.0.113.7\t");
			assert_has(log, "\t127.0.0.1\t");	/* the malformed one */
			assert_lacks(log, "198.51.100.1");
		} else {
			assert_lacks(log, "203.0.113.7");
		}
		assert_lacks(log, "script");
		free(log);
		assert_int_equal(srv_stop(p), 0);
	}
}

/* Last: it locks this address. */
static void test_lock_after_failures(void **state)
{
	struct http_response *r;

	(void)state;
	/* a success clears the counts of the account and of the address */
	r = sign_in("bob", "a+new+long+password", NULL);
	assert_int_equal(r->status, 303);
	http_response_free(r);
	for (int i = 0; i < 5; i++) {
		r = sign_in("bob", "wrong", NULL);
		assert_int_equal(r->status, 401);
		http_response_free(r);
	}
	r = sign_in("bob", "a+new+long+password", NULL);	/* even the right one */
	assert_int_equal(r->status, 429);
	assert_non_null(strstr(r->body, "Too many failed sign-ins"));
	assert_null(set_cookie(r, "ccrepo_session", NULL, 0));
	http_response_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sign_in_and_out),
		cmocka_unit_test(test_new_session_each_time),
		cmocka_unit_test(test_stale_cookie_sign_in),
		cmocka_unit_test(test_csrf_every_change),
		cmocka_unit_test(test_audited),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_password_change),
		cmocka_unit_test(test_admin_page),
		cmocka_unit_test(test_trust_proxy),
		cmocka_unit_test(test_lock_after_failures),
	};

	return harness_exit(cmocka_run_group_tests(tests, group_setup, group_teardown));
}
