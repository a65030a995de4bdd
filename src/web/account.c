/* Signing in and out, and the account page (password change).
 *
 * The session secret travels in the cookie ccrepo_session (HttpOnly, SameSite=Lax,
 * Secure behind TLS); a new session is made at every sign-in (the old one, if any,
 * ends). The sign-in form carries a token that must equal the cookie ccrepo_signin
 * (double submit): before signing in there is no session to hold a form token. */
#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "domain/audit.h"
#include "domain/limits.h"
#include "domain/record.h"
#include "domain/user.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define T(s) layout_t(r, (s))

/* Each password check holds 64 MiB (argon2id): at most this many at once. */
#define HASHES_AT_ONCE 2
static sem_t hashing;
static pthread_once_t hashing_once = PTHREAD_ONCE_INIT;

static void hashing_init(void)
{
	sem_init(&hashing, 0, HASHES_AT_ONCE);
}

static int authenticate(struct req *r, const char *user, const char *pass, time_t now,
			struct user **u, struct err *e)
{
	int rc;

	pthread_once(&hashing_once, hashing_init);
	sem_wait(&hashing);
	rc = user_authenticate(r->store, r->pool, user, pass, now, u, e);
	sem_post(&hashing);
	return rc;
}

static const char *cookie(struct req *r, const char *name, const char *value, long max_age)
{
	return pool_printf(r->pool, "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s",
			   name, value, max_age, r->secure ? "; Secure" : "");
}

/* Where to go after signing in: a path of this site only ("/x", not "//x"). */
static const char *next_path(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > LIMIT_NEXT_PATH)
		return "/";
	for (const char *c = next; *c; c++)
		if ((unsigned char)*c < 0x20)
			return "/";
	return next;
}

static int signin_page(struct req *r, struct resp *out, int status, const char *message,
		       const char *username)
{
	struct sbuf *b = &out->body;
	unsigned char raw[16];
	char token[33];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(token, sizeof(token), raw, sizeof(raw));
	resp_set_cookie(out, cookie(r, "ccrepo_signin", token, 3600));
	web_page_begin(r, out, T("Sign in"), "account", "no-store");
	web_heading(b, T("Sign in"), NULL);
	web_message(b, message, 1);
	html_fmt(b, "<form method=\"post\" class=\"record\" action=\"");
	layout_href(r, b, "/signin");
	html_fmt(b, "\">\n<input type=\"hidden\" name=\"signin\" value=\"%s\">\n"
		 "<input type=\"hidden\" name=\"next\" value=\"%s\">\n"
		 "<div><label for=\"f-user\">%s</label>\n<input id=\"f-user\" name=\"username\" "
		 "autocomplete=\"username\" required maxlength=\"64\" value=\"%s\"></div>\n"
		 "<div><label for=\"f-pass\">%s</label>\n<input id=\"f-pass\" name=\"password\" "
		 "type=\"password\" autocomplete=\"current-password\" required "
		 "maxlength=\"1024\"></div>\n<div><button>%s</button></div>\n</form>\n"
		 "<p class=\"muted\">%s</p>\n", token,
		 next_path(req_form(r, "next") ? req_form(r, "next") : req_arg(r, "next")),
		 T("User name"), username ? username : "", T("Password"), T("Sign in"),
		 T("Accounts are made by the operator; ask your focal point or UNODC."));
	layout_end(r, b);
	return status;
}

int web_signin(struct req *r, struct resp *out)
{
	struct err e = { 0 };
	const char *user, *pass, *keys[2];
	struct user *u;
	char *secret, *csrf;
	time_t now = time(NULL);
	long wait = 0;

	if (r->method != HTTP_POST)
		return signin_page(r, out, 200, NULL, NULL);
	/* the sign-in form has its own token (below), also for a browser signed in as
	 * someone else: the route is ROUTE_OWN_TOKEN, the session's is not asked for */
	if (req_form_parse(r, &e))
		return signin_page(r, out, 400, web_msg(r, e.msg), NULL);
	user = req_form(r, "username");
	pass = req_form(r, "password");
	if (!r->signin_cookie || !req_form(r, "signin") ||
	    !http_same_secret(req_form(r, "signin"), r->signin_cookie))
		return signin_page(r, out, 403, T("This form has expired: please sign in again."),
				   user);
	if (!user || !*user || !pass || !*pass)
		return signin_page(r, out, 400, T("Give your user name and password."), user);
	user = user_name_fold(r->pool, user);	/* one account, one lock: any case */
	keys[0] = signin_user_key(r->pool, user);
	keys[1] = pool_printf(r->pool, "ip:%s", r->address ? r->address : "unknown");
	for (int i = 0; i < 2; i++) {
		int rc = signin_allowed(r->store, keys[i], now, &wait, &e);

		if (rc == ERR_FORBIDDEN)
			return signin_page(r, out, 429, layout_msg(r, pool_printf(r->pool,
					   "Too many failed sign-ins for this account or from this "
					   "address. Minutes before you may try again: %ld.",
					   (wait + 59) / 60),
					   NULL, 0), user);
		if (rc)
			return http_fail(r, out, &e);
	}
	if (authenticate(r, user, pass, now, &u, &e)) {
		if (e.code != ERR_FORBIDDEN)
			return http_fail(r, out, &e);
		for (int i = 0; i < 2; i++)
			if (signin_failed(r->store, keys[i], now, &e))
				log_warn("sign-in: %s", e.msg);
		log_info("sign-in failed for %.64s from %s", user, r->address ? r->address : "?");
		if (audit_append(r->store, user, AUDIT_SIGNIN_FAILED, pool_printf(r->pool,
				 "user/%.64s", user), r->address, NULL, now, &e))
			return http_fail(r, out, &e);
		return signin_page(r, out, 401, T("The user name or the password is wrong."), user);
	}
	for (int i = 0; i < 2; i++)
		if (signin_succeeded(r->store, keys[i], &e))
			log_warn("sign-in: %s", e.msg);
	/* a new session every time (an old one of this browser ends) */
	if (r->session)
		session_delete(r->store, r->session, &e);
	if (session_create(r->store, r->pool, u->id, r->address, now, &secret, &csrf, &e))
		return http_fail(r, out, &e);
	log_info("signed in: %s from %s", u->username, r->address ? r->address : "?");
	if (audit_append(r->store, u->username, AUDIT_SIGNIN, pool_printf(r->pool, "user/%s",
			 u->username), r->address, NULL, now, &e))
		return http_fail(r, out, &e);
	resp_set_cookie(out, cookie(r, "ccrepo_session", secret, SESSION_MAX_SECONDS));
	resp_set_cookie(out, cookie(r, "ccrepo_signin", "", 0));
	return web_redirect(r, out, next_path(req_form(r, "next")));
}

int web_signout(struct req *r, struct resp *out)
{
	struct err e = { 0 };

	if (r->session) {
		if (req_form_parse(r, &e))	/* the server checked its form token */
			return http_fail(r, out, &e);
		if (session_delete(r->store, r->session, &e))
			return http_fail(r, out, &e);
		log_info("signed out: %s", r->actor->name);
		if (audit_append(r->store, r->actor->name, AUDIT_SIGNOUT, pool_printf(r->pool,
				 "user/%s", r->actor->name), r->address, NULL, time(NULL), &e))
			return http_fail(r, out, &e);
	}
	resp_set_cookie(out, cookie(r, "ccrepo_session", "", 0));
	return web_redirect(r, out, "/");
}

static int account_page(struct req *r, struct resp *out, int status, const char *message,
			int error)
{
	struct sbuf *b = &out->body;
	struct user *u;
	struct err e = { 0 };

	if (user_get(r->store, r->pool, r->actor->name, &u, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, T("Your account"), "account", "no-store");
	web_heading(b, T("Your account"), NULL);
	web_message(b, message, error);
	html_fmt(b, "<dl>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n",
		 T("User name"), u->username, T("Role"), T(role_name(u->role)),
		 T("Organisation"), u->org_name ? u->org_name : "");
	if (u->country)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Country"), u->country);
	html_fmt(b, "</dl>\n<ul>\n<li><a href=\"");
	layout_href(r, b, "/account/tokens");
	html_fmt(b, "\">%s</a></li>\n", T("Your API tokens"));
	if (web_is_admin(r)) {
		html_fmt(b, "<li><a href=\"");
		layout_href(r, b, "/admin/users");
		html_fmt(b, "\">%s</a></li>\n", T("Administration"));
	} else if (u->role == ROLE_CURATOR) {
		html_fmt(b, "<li><a href=\"");
		layout_href(r, b, "/admin/audit");
		html_fmt(b, "\">%s</a></li>\n", T("Audit log"));
	}
	html_fmt(b, "</ul>\n<h2>%s</h2>\n<form method=\"post\" class=\"record\" action=\"",
		 T("Change your password"));
	layout_href(r, b, "/account/password");
	html_fmt(b, "\">\n<div><label for=\"f-cur\">%s</label>\n<input id=\"f-cur\" "
		 "name=\"current\" type=\"password\" autocomplete=\"current-password\" required "
		 "maxlength=\"1024\"></div>\n<div><label for=\"f-new\">%s</label>\n<input "
		 "id=\"f-new\" name=\"new\" type=\"password\" autocomplete=\"new-password\" "
		 "required minlength=\"12\" maxlength=\"1024\"></div>\n<div><label for=\"f-again\">"
		 "%s</label>\n<input id=\"f-again\" name=\"again\" type=\"password\" "
		 "autocomplete=\"new-password\" required minlength=\"12\" maxlength=\"1024\">"
		 "</div>\n", T("Current password"), T("New password (12 characters or more)"),
		 T("New password again"));
	layout_csrf(r, b);
	html_fmt(b, "<div><button>%s</button></div>\n</form>\n<form method=\"post\" "
		 "class=\"inline\" action=\"", T("Change the password"));
	layout_href(r, b, "/signout");
	html_fmt(b, "\">");
	layout_csrf(r, b);
	html_fmt(b, "<button>%s</button></form>\n", T("Sign out"));
	layout_end(r, b);
	return status;
}

int web_account(struct req *r, struct resp *out)
{
	if (!web_signed_in(r))
		return web_redirect(r, out, "/signin?next=/account");
	return account_page(r, out, 200, req_arg(r, "changed") ? T("Your password was changed.") :
				    NULL, 0);
}

int web_account_password(struct req *r, struct resp *out)
{
	struct err e = { 0 };
	const char *cur, *nw, *again;
	struct user *u;
	char *secret, *csrf;
	time_t now = time(NULL);

	if (!web_signed_in(r))
		return web_redirect(r, out, "/signin?next=/account");
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	cur = req_form(r, "current");
	nw = req_form(r, "new");
	again = req_form(r, "again");
	if (!cur || !nw || !again)
		return account_page(r, out, 400, T("Fill in the three fields."), 1);
	if (strcmp(nw, again))
		return account_page(r, out, 400, T("The two new passwords differ."), 1);
	if (authenticate(r, r->actor->name, cur, now, &u, &e))
		return e.code == ERR_FORBIDDEN ?
			account_page(r, out, 403, T("The current password is wrong."), 1) :
			http_fail(r, out, &e);
	if (user_set_password(r->store, r->actor->name, nw, now, &e))
		return e.code == ERR_INVALID ? account_page(r, out, 400, web_msg(r, e.msg), 1) :
					       http_fail(r, out, &e);
	/* every session ended with the change: this browser gets a new one */
	if (session_create(r->store, r->pool, u->id, r->address, now, &secret, &csrf, &e))
		return http_fail(r, out, &e);
	log_info("password changed: %s", u->username);
	resp_set_cookie(out, cookie(r, "ccrepo_session", secret, SESSION_MAX_SECONDS));
	return web_redirect(r, out, "/account?changed=1");
}
