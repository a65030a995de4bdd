/* The API token pages (/account/tokens, /admin/tokens) and the audit log page
 * (/admin/audit) through the real server: a token made on the page works as a Bearer
 * token and stops working when revoked there; an account revokes only its own; admins
 * see and revoke everybody's; readers are refused; the log's filters and pages;
 * curators see the entries about records only; form tokens and input limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "integration/harness.h"

static char *D;
static struct srv *S;
static char ROOT_TOKEN[256], CURA_TOKEN[256];

static const char act[] =
	"PART I – PRELIMINARY\n\n"
	"Section 1. Short title\n\n"
	"This Act may be cited as the Computer Misuse and Cybercrimes Act, 2018.\n";

static int run_in(const char *input, const char *const *args, char *out, size_t size)
{
	return harness_cli(D, input, args, out, size);
}

static int add_user(const char *name, const char *role, const char *password)
{
	char input[128];

	snprintf(input, sizeof(input), "%s\n", password);
	return run_in(input, (const char *const[]){ "user", "add", name, "--role", role,
		      "--org", "UNODC", "--password-stdin", NULL }, NULL, 0);
}

static int group_setup(void **state)
{
	struct srv_options o = { 0 };
	char path[512];

	(void)state;
	if (!(D = harness_tmpdir()))
		return -1;
	snprintf(path, sizeof(path), "%s/act.txt", D);
	if (run_in("", (const char *const[]){ "migrate", NULL }, NULL, 0) ||
	    run_in("", (const char *const[]){ "org", "add", "UNODC", "--kind", "unodc", NULL },
		   NULL, 0) ||
	    add_user("root", "admin", "root-password-long") ||
	    add_user("cura", "curator", "cura-password-long") ||
	    add_user("rita", "reader", "rita-password-long") ||
	    run_in("", (const char *const[]){ "user", "token", "root", "--name", "ops",
		   "--scope", "read", NULL }, ROOT_TOKEN, sizeof(ROOT_TOKEN)) ||
	    run_in("", (const char *const[]){ "user", "token", "cura", "--name", "sync",
		   "--scope", "write", NULL }, CURA_TOKEN, sizeof(CURA_TOKEN)) ||
	    harness_write_file(path, act, strlen(act)) ||
	    run_in("", (const char *const[]){ "import", "--uri", "/akn/ke/act/2018/5", "--date",
		   "2018-05-16", "--title", "Computer Misuse and Cybercrimes Act", "--language",
		   "eng", "--no-suggest", "act.txt", NULL }, NULL, 0))
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

/* The value of cookie name set by r, or NULL. */
static const char *set_cookie(const struct http_response *r, const char *name)
{
	static char value[256];
	size_t n = strlen(name);

	for (size_t i = 0; i < r->nheaders; i++) {
		const char *v = r->headers[i].value;

		if (strcasecmp(r->headers[i].name, "Set-Cookie") || strncmp(v, name, n) ||
		    v[n] != '=')
			continue;
		snprintf(value, sizeof(value), "%.*s", (int)strcspn(v + n + 1, ";"), v + n + 1);
		return value;
	}
	return NULL;
}

/* The value of the first hidden input name in html, or "" (a static buffer). */
static const char *hidden(const char *html, const char *name)
{
	static char value[256];
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "name=\"%s\" value=\"", name);
	value[0] = '\0';
	if (html && (p = strstr(html, pat))) {
		p += strlen(pat);
		snprintf(value, sizeof(value), "%.*s", (int)strcspn(p, "\""), p);
	}
	return value;
}

/* A signed-in browser: its Cookie header line and the form token of its session. */
struct browser {
	char cookie[320];
	char csrf[80];
};

static void sign_in(struct browser *br, const char *user, const char *pass)
{
	struct http_response *r = http_get(S, "/signin", NULL);
	char hdr[400], body[400], token[128];

	assert_status(r, 200);
	snprintf(token, sizeof(token), "%s", hidden(r->body, "signin"));
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_signin=%s\r\nContent-Type: "
		 "application/x-www-form-urlencoded\r\n", token);
	snprintf(body, sizeof(body), "signin=%s&username=%s&password=%s&next=/account", token,
		 user, pass);
	r = http_request(S, "POST", "/signin", hdr, body, strlen(body));
	assert_status(r, 303);
	snprintf(br->cookie, sizeof(br->cookie), "Cookie: ccrepo_session=%s\r\n",
		 set_cookie(r, "ccrepo_session"));
	http_response_free(r);
	r = http_get(S, "/account", br->cookie);
	assert_status(r, 200);
	snprintf(br->csrf, sizeof(br->csrf), "%s", hidden(r->body, "csrf"));
	assert_int_equal(strlen(br->csrf), 64);
	http_response_free(r);
}

static struct http_response *get(const struct browser *br, const char *path)
{
	return http_get(S, path, br ? br->cookie : NULL);
}

/* POST a form; with_csrf adds the session's form token in front of fields. */
static struct http_response *post(const struct browser *br, const char *path,
				  const char *fields, int with_csrf)
{
	char hdr[400], body[2048];

	snprintf(hdr, sizeof(hdr), "%sContent-Type: application/x-www-form-urlencoded\r\n",
		 br->cookie);
	snprintf(body, sizeof(body), "%s%s%s%s", with_csrf ? "csrf=" : "",
		 with_csrf ? br->csrf : "", with_csrf && *fields ? "&" : "", fields);
	return http_request(S, "POST", path, hdr, body, strlen(body));
}

/* The status of /api/v1/me with a Bearer token. */
static int me_status(const char *token)
{
	char hdr[300];
	struct http_response *r;
	int status;

	snprintf(hdr, sizeof(hdr), "Authorization: Bearer %s\r\n", token);
	r = http_get(S, "/api/v1/me", hdr);
	status = r ? r->status : 0;
	http_response_free(r);
	return status;
}

/* The public id of a token's text (ccr_ID_SECRET). */
static const char *token_id(const char *text)
{
	static char id[17];

	snprintf(id, sizeof(id), "%.16s", text + 4);
	return id;
}

static void test_account_tokens(void **state)
{
	struct browser rita;
	struct http_response *r;
	char text[128], id[17], fields[400];
	const char *p;

	(void)state;
	sign_in(&rita, "rita", "rita-password-long");
	r = get(&rita, "/account");
	assert_has(r->body, "href=\"/account/tokens\"");
	http_response_free(r);
	r = get(&rita, "/account/tokens");
	assert_status(r, 200);
	assert_has(r->body, "No API tokens.");
	assert_header_has(r, "Cache-Control", "no-store");
	http_response_free(r);

	/* made on the page: the secret is on the answer, once */
	r = post(&rita, "/account/tokens", "name=my+laptop&scope=read", 1);
	assert_status(r, 200);
	assert_header_has(r, "Cache-Control", "no-store");
	assert_has(r->body, "Copy it now: it is not shown again.");
	p = strstr(r->body, "<code id=\"token-secret\">");
	assert_non_null(p);
	p += strlen("<code id=\"token-secret\">");
	snprintf(text, sizeof(text), "%.*s", (int)strcspn(p, "<"), p);
	assert_int_equal(strlen(text), 85);
	assert_int_equal(strncmp(text, "ccr_", 4), 0);
	snprintf(id, sizeof(id), "%s", token_id(text));
	assert_has(r->body, "my laptop");
	/* when it was made: a date and time in the page's language, UTC said */
	assert_has(r->body, " UTC</td>");
	http_response_free(r);
	assert_int_equal(me_status(text), 200);

	/* listed afterwards, without its secret */
	r = get(&rita, "/account/tokens");
	assert_has(r->body, id);
	assert_has(r->body, "my laptop");
	assert_lacks(r->body, text + 21);
	assert_lacks(r->body, "Copy it now");
	http_response_free(r);

	/* another account's token cannot be revoked from here */
	snprintf(fields, sizeof(fields), "id=%s", token_id(ROOT_TOKEN));
	r = post(&rita, "/account/tokens/revoke", fields, 1);
	assert_status(r, 400);
	assert_has(r->body, "not found");
	http_response_free(r);
	assert_int_equal(me_status(ROOT_TOKEN), 200);

	/* without the form token: refused, and the token still works */
	snprintf(fields, sizeof(fields), "id=%s", id);
	r = post(&rita, "/account/tokens/revoke", fields, 0);
	assert_status(r, 403);
	http_response_free(r);
	r = post(&rita, "/account/tokens", "name=x&scope=read", 0);
	assert_status(r, 403);
	http_response_free(r);
	assert_int_equal(me_status(text), 200);

	/* revoked from the page: it stops working */
	r = post(&rita, "/account/tokens/revoke", fields, 1);
	assert_status(r, 303);
	assert_has(http_header(r, "Location"), "/account/tokens?revoked=1");
	http_response_free(r);
	assert_int_equal(me_status(text), 401);
	r = get(&rita, "/account/tokens?revoked=1");
	assert_has(r->body, "The token was revoked.");
	http_response_free(r);
}

static void test_account_tokens_input(void **state)
{
	struct browser rita;
	struct http_response *r;
	char fields[600], hdr[400];

	(void)state;
	sign_in(&rita, "rita", "rita-password-long");
	r = post(&rita, "/account/tokens", "name=x&scope=admin", 1);
	assert_status(r, 400);
	assert_has(r->body, "Choose the scope");
	http_response_free(r);
	r = post(&rita, "/account/tokens", "scope=read", 1);
	assert_status(r, 400);
	assert_has(r->body, "Name: required");
	http_response_free(r);
	r = post(&rita, "/account/tokens?lang=fr", "scope=read", 1);
	assert_status(r, 400);
	assert_has(r->body, "Nom est obligatoire");
	http_response_free(r);
	snprintf(fields, sizeof(fields), "scope=write&name=%0201d", 0);
	r = post(&rita, "/account/tokens", fields, 1);
	assert_status(r, 400);
	http_response_free(r);
	r = post(&rita, "/account/tokens/revoke", "id=..%2Fx", 1);
	assert_status(r, 400);
	http_response_free(r);
	/* the name is text on the page, never markup */
	r = post(&rita, "/account/tokens", "name=%3Cscript%3Ex%3C%2Fscript%3E&scope=write", 1);
	assert_status(r, 200);
	assert_has(r->body, "&lt;script&gt;x&lt;/script&gt;");
	assert_lacks(r->body, "<script>");
	http_response_free(r);
	/* a program with a token cannot make tokens: it is sent to sign in, as on
	 * /account */
	snprintf(hdr, sizeof(hdr), "Authorization: Bearer %s\r\nContent-Type: "
		 "application/x-www-form-urlencoded\r\n", ROOT_TOKEN);
	r = http_request(S, "POST", "/account/tokens", hdr, "name=x&scope=write", 18);
	assert_status(r, 303);
	assert_lacks(r->body, "ccr_");
	http_response_free(r);
}

static void test_reader_refused(void **state)
{
	struct browser rita;
	struct http_response *r;
	char hdr[300], fields[100];

	(void)state;
	sign_in(&rita, "rita", "rita-password-long");
	r = get(&rita, "/admin/tokens");
	assert_status(r, 403);
	http_response_free(r);
	r = get(&rita, "/admin/audit");
	assert_status(r, 403);
	assert_lacks(r->body, "signin.failed</code>");
	http_response_free(r);
	snprintf(fields, sizeof(fields), "id=%s", token_id(CURA_TOKEN));
	r = post(&rita, "/admin/tokens/revoke", fields, 1);
	assert_status(r, 403);
	http_response_free(r);
	assert_int_equal(me_status(CURA_TOKEN), 200);
	/* an admin's API token is not a browser: the admin pages refuse it */
	snprintf(hdr, sizeof(hdr), "Authorization: Bearer %s\r\n", ROOT_TOKEN);
	r = http_get(S, "/admin/audit", hdr);
	assert_status(r, 403);
	http_response_free(r);
	r = http_get(S, "/admin/tokens", hdr);
	assert_status(r, 403);
	http_response_free(r);
	/* the admin nav is not shown to others */
	r = get(&rita, "/account");
	assert_lacks(r->body, "/admin/");
	http_response_free(r);
}

static void test_admin_tokens(void **state)
{
	struct browser root;
	struct http_response *r;
	char fields[100];

	(void)state;
	sign_in(&root, "root", "root-password-long");
	r = get(&root, "/account");
	assert_has(r->body, "href=\"/admin/users\"");
	http_response_free(r);
	/* the home page links to what an admin may use, and no sign-in */
	r = get(&root, "/");
	assert_has(r->body, "<a href=\"/review\">");
	assert_has(r->body, "<a href=\"/laws/import\">");
	assert_lacks(r->body, "<a href=\"/signin\">");
	http_response_free(r);
	r = get(&root, "/admin/users");
	assert_has(r->body, "href=\"/admin/tokens\"");
	assert_has(r->body, "href=\"/admin/audit\"");
	http_response_free(r);
	r = get(&root, "/admin/tokens");
	assert_status(r, 200);
	assert_has(r->body, "<td>cura</td>");
	assert_has(r->body, "<td>root</td>");
	assert_has(r->body, "<td>rita</td>");
	assert_has(r->body, token_id(CURA_TOKEN));
	assert_has(r->body, "action=\"/admin/tokens/revoke\"");
	assert_has(r->body, "aria-current=\"page\">API tokens");
	assert_lacks(r->body, CURA_TOKEN + 21);
	http_response_free(r);
	snprintf(fields, sizeof(fields), "id=%s", token_id(CURA_TOKEN));
	r = post(&root, "/admin/tokens/revoke", fields, 0);
	assert_status(r, 403);	/* no form token */
	http_response_free(r);
	assert_int_equal(me_status(CURA_TOKEN), 200);
	r = post(&root, "/admin/tokens/revoke", fields, 1);
	assert_status(r, 303);
	http_response_free(r);
	assert_int_equal(me_status(CURA_TOKEN), 401);
	r = post(&root, "/admin/tokens/revoke", "id=0123456789abcdef", 1);
	assert_status(r, 400);
	assert_has(r->body, "token 0123456789abcdef not found");
	http_response_free(r);
}

/* The entries' actions on an audit page appear as <code>ACTION</code> cells. */
#define CELL(action) "<td><code>" action "</code></td>"

static void test_admin_audit(void **state)
{
	struct browser root;
	struct http_response *r;
	char path[600], today[16], tomorrow[16];
	time_t now = time(NULL), later = now + 86400;

	(void)state;
	strftime(today, sizeof(today), "%Y-%m-%d", gmtime(&now));
	strftime(tomorrow, sizeof(tomorrow), "%Y-%m-%d", gmtime(&later));
	sign_in(&root, "root", "root-password-long");
	r = get(&root, "/admin/audit");
	assert_status(r, 200);
	assert_header_has(r, "Cache-Control", "no-store");
	assert_has(r->body, CELL("signin"));
	assert_has(r->body, "<td>user/rita</td>");
	assert_has(r->body, "<td>127.0.0.1</td>");
	assert_has(r->body, CELL("token.create"));
	assert_has(r->body, CELL("token.revoke"));
	assert_has(r->body, CELL("import"));
	assert_has(r->body, "<option>signin.failed</option>");
	http_response_free(r);

	/* by action */
	r = get(&root, "/admin/audit?action=signin");
	assert_status(r, 200);
	assert_has(r->body, CELL("signin"));
	assert_lacks(r->body, CELL("token.create"));
	assert_lacks(r->body, CELL("import"));
	assert_has(r->body, "<option selected>signin</option>");
	http_response_free(r);
	/* by actor and target prefix */
	r = get(&root, "/admin/audit?actor=rita&target=token%2F");
	assert_has(r->body, CELL("token.create"));
	assert_lacks(r->body, CELL("signin"));
	assert_has(r->body, "value=\"token/\"");
	http_response_free(r);
	/* dates: until is included */
	snprintf(path, sizeof(path), "/admin/audit?since=%s&until=%s&action=signin", today,
		 today);
	r = get(&root, path);
	assert_has(r->body, CELL("signin"));
	http_response_free(r);
	snprintf(path, sizeof(path), "/admin/audit?since=%s", tomorrow);
	r = get(&root, path);
	assert_has(r->body, "No entries.");
	http_response_free(r);

	/* a page at a time */
	r = get(&root, "/admin/audit?action=signin&limit=1");
	assert_has(r->body, "rel=\"next\" href=\"/admin/audit?action=signin&amp;limit=1&amp;"
		   "offset=1\"");
	assert_lacks(r->body, "rel=\"prev\"");
	http_response_free(r);
	r = get(&root, "/admin/audit?action=signin&limit=1&offset=1");
	assert_status(r, 200);
	assert_has(r->body, CELL("signin"));
	assert_has(r->body, "rel=\"prev\" href=\"/admin/audit?action=signin&amp;limit=1&amp;"
		   "offset=0\"");
	http_response_free(r);
	r = get(&root, "/admin/audit?offset=10000");	/* LIMIT_OFFSET_MAX, past the end */
	assert_has(r->body, "No entries.");
	assert_lacks(r->body, "rel=\"next\"");
	http_response_free(r);

	/* what is typed is text, never markup */
	r = get(&root, "/admin/audit?actor=%22%3E%3Cb%3Ex");
	assert_status(r, 200);
	assert_has(r->body, "value=\"&quot;&gt;&lt;b&gt;x\"");
	assert_lacks(r->body, "<b>x");
	http_response_free(r);
}

static void test_admin_audit_limits(void **state)
{
	static const char *const bad[] = {
		"action=record.delete", "since=2027-02-30", "until=yesterday", "since=27-01-01",
		"limit=0", "limit=201", "limit=x", "offset=-1", "offset=1e3", "offset=10001",
		"offset=+1", "limit=%205",
	};
	struct browser root;
	struct http_response *r;
	char path[1200];

	(void)state;
	sign_in(&root, "root", "root-password-long");
	snprintf(path, sizeof(path), "/admin/audit?target=%0200d", 0);
	r = get(&root, path);
	assert_status(r, 200);
	http_response_free(r);
	snprintf(path, sizeof(path), "/admin/audit?target=%0201d", 0);
	r = get(&root, path);
	assert_status(r, 400);
	assert_has(r->body, "A filter is at most 200 bytes. (Target starts with)");
	http_response_free(r);
	snprintf(path, sizeof(path), "/admin/audit?actor=%0900d", 0);
	r = get(&root, path);
	assert_status(r, 400);
	assert_has(r->body, "A filter is at most 200 bytes. (Actor)");
	assert_lacks(r->body, "000000000000000000000000000000000000000000000000000000000000000"
			      "0000000000000000000000000000000000000000000000000000000000000000"
			      "0000000000000000000000000000000000000000000000000000000000000000"
			      "00000000000000000");	/* not echoed */
	http_response_free(r);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(path, sizeof(path), "/admin/audit?%s", bad[i]);
		r = get(&root, path);
		if (r->status != 400)
			fail_msg("%s: status %d", bad[i], r->status);
		assert_has(r->body, "role=\"alert\"");
		http_response_free(r);
	}
}

static void test_curator_audit(void **state)
{
	struct browser cura;
	struct http_response *r;

	(void)state;
	sign_in(&cura, "cura", "cura-password-long");
	r = get(&cura, "/account");
	assert_has(r->body, "href=\"/admin/audit\"");
	assert_lacks(r->body, "href=\"/admin/users\"");
	http_response_free(r);
	r = get(&cura, "/admin/audit");
	assert_status(r, 200);
	assert_has(r->body, CELL("import"));
	assert_has(r->body, "<td>record/1</td>");
	assert_has(r->body, "The entries about records");
	assert_lacks(r->body, CELL("signin"));
	assert_lacks(r->body, CELL("token.create"));
	assert_lacks(r->body, "<td>user/");
	assert_lacks(r->body, "href=\"/admin/users\"");	/* no admin navigation */
	http_response_free(r);
	/* filters cannot widen it */
	r = get(&cura, "/admin/audit?action=signin");
	assert_status(r, 200);
	assert_has(r->body, "No entries.");
	http_response_free(r);
	r = get(&cura, "/admin/audit?target=user%2F");
	assert_has(r->body, "No entries.");
	http_response_free(r);
	r = get(&cura, "/admin/tokens");
	assert_status(r, 403);
	http_response_free(r);
}

static void test_signed_out(void **state)
{
	static const char *const pages[] = { "/admin/users", "/admin/tokens",
					     "/admin/audit" };
	struct http_response *r;

	(void)state;
	/* nobody signed in, from the server's own machine: to the sign-in page */
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		r = http_get(S, pages[i], NULL);
		assert_status(r, 303);
		assert_has(http_header(r, "Location"), "/signin?next=/admin/");
		http_response_free(r);
	}
	r = http_request(S, "POST", "/admin/tokens/revoke", "Content-Type: "
			 "application/x-www-form-urlencoded\r\n", "id=0123456789abcdef", 19);
	assert_status(r, 303);
	http_response_free(r);
	r = http_get(S, "/account/tokens", NULL);
	assert_status(r, 303);
	assert_has(http_header(r, "Location"), "/signin?next=/account/tokens");
	http_response_free(r);
	r = http_request(S, "POST", "/account/tokens/revoke", "Content-Type: "
			 "application/x-www-form-urlencoded\r\n", "id=0123456789abcdef", 19);
	assert_status(r, 303);
	http_response_free(r);
}

static void test_audit_verifies(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(run_in("", (const char *const[]){ "audit", "verify", NULL }, out,
				sizeof(out)), 0);
	assert_has(out, "audit log intact");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_account_tokens),
		cmocka_unit_test(test_account_tokens_input),
		cmocka_unit_test(test_reader_refused),
		cmocka_unit_test(test_admin_tokens),
		cmocka_unit_test(test_admin_audit),
		cmocka_unit_test(test_admin_audit_limits),
		cmocka_unit_test(test_curator_audit),
		cmocka_unit_test(test_signed_out),
		cmocka_unit_test(test_audit_verifies),
	};

	return harness_exit(cmocka_run_group_tests(tests, group_setup, group_teardown));
}
