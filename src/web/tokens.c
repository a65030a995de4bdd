/* API tokens from the browser: /account/tokens (a signed-in account's own: list,
 * create, revoke) and /admin/tokens (every account's, for admins: list, revoke). The
 * same rules as `ccrepo user token|tokens|revoke` (domain/user.c), which also writes
 * each creation and revocation to the audit log. A new token's secret is shown once,
 * on the answer to the form that made it, and never again. */
#include <string.h>
#include <time.h>

#include "domain/record.h"
#include "domain/user.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define T(s) layout_t(r, (s))

/* A token's date and time in the page's language (UTC said), or a dash. */
static const char *date_or_dash(const struct req *r, const char *d)
{
	return d ? layout_datetime(r, d) : "\xe2\x80\x94";
}

/* The table of tokens; with_user adds the account's column (the admin page). Each
 * token not yet revoked gets a button that posts its id to revoke_path. */
static void tokens_table(struct req *r, struct sbuf *b, const struct token *ts, size_t n,
			 int with_user, const char *revoke_path)
{
	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No API tokens."));
		return;
	}
	html_fmt(b, "<table>\n<thead><tr>");
	if (with_user)
		html_fmt(b, "<th>%s</th>", T("User name"));
	html_fmt(b, "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		 "<th></th></tr></thead>\n<tbody>\n", T("Id"), T("Name"), T("Scope"),
		 T("Created"), T("Last used"), T("Revoked"));
	for (size_t i = 0; i < n; i++) {
		const struct token *t = &ts[i];

		html_fmt(b, "<tr>");
		if (with_user)
			html_fmt(b, "<td>%s</td>", t->username);
		html_fmt(b, "<td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
			 "<td>%s</td><td>", t->id, t->name, T(token_scope_name(t->scope)),
			 date_or_dash(r, t->created_at), date_or_dash(r, t->last_used_at),
			 date_or_dash(r, t->revoked_at));
		if (!t->revoked_at) {
			html_fmt(b, "<form method=\"post\" class=\"inline\" action=\"");
			layout_href(r, b, revoke_path);
			html_fmt(b, "\"><input type=\"hidden\" name=\"id\" value=\"%s\">", t->id);
			layout_csrf(r, b);
			html_fmt(b, "<button>%s</button></form>", T("Revoke"));
		}
		html_fmt(b, "</td></tr>\n");
	}
	html_fmt(b, "</tbody>\n</table>\n");
}

/* A notice (error 0) or an error message, when there is one. */
static void message_p(struct sbuf *b, const char *message, int error)
{
	if (message)
		html_fmt(b, "<p class=\"%s\" role=\"%s\">%s</p>\n", error ? "error" : "note",
			 error ? "alert" : "status", message);
}

/* The account's page of tokens; secret (the text of a token just made) is shown
 * once, above the list. */
static int account_page(struct req *r, struct resp *out, int status, const char *message,
			int error, const char *secret)
{
	struct sbuf *b = &out->body;
	struct token *ts;
	struct err e = { 0 };
	size_t n;

	if (token_list(r->store, r->pool, r->actor->name, &ts, &n, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, T("Your API tokens"), "account", "no-store");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"");
	layout_href(r, b, "/account");
	html_fmt(b, "\">%s</a></p>\n<h1>%s</h1>\n", T("Your account"), T("Your API tokens"));
	message_p(b, message, error);
	if (secret)
		html_fmt(b, "<section class=\"note\" role=\"status\" aria-labelledby=\"new-token\">"
			 "<h2 id=\"new-token\">%s</h2>\n<p><strong>%s</strong></p>\n"
			 "<p><code id=\"token-secret\">%s</code></p>\n<p>%s <code>Authorization: "
			 "Bearer</code></p>\n</section>\n", T("Your new API token"),
			 T("Copy it now: it is not shown again."), secret,
			 T("Programs send it in this header:"));
	html_fmt(b, "<p>%s</p>\n", T("API tokens let programs use the API as you. Revoke a "
				     "token you no longer need, or that may have leaked."));
	tokens_table(r, b, ts, n, 0, "/account/tokens/revoke");
	html_fmt(b, "<h2>%s</h2>\n<form method=\"post\" class=\"record\" action=\"",
		 T("New API token"));
	layout_href(r, b, "/account/tokens");
	html_fmt(b, "\">\n<div><label for=\"f-tname\">%s</label>\n<input id=\"f-tname\" "
		 "name=\"name\" required maxlength=\"%d\" autocomplete=\"off\"></div>\n"
		 "<div><label for=\"f-scope\">%s</label>\n<select id=\"f-scope\" name=\"scope\">",
		 T("Name (what the token is for)"), USER_TEXT_MAX, T("Scope"));
	for (int i = 0; i < SCOPE_COUNT; i++)
		html_fmt(b, "<option value=\"%s\">%s</option>", token_scope_name((enum token_scope)i),
			 T(token_scope_name((enum token_scope)i)));
	html_fmt(b, "</select></div>\n");
	web_form_end(r, b, T("Create the token"));
	layout_end(r, b);
	return status;
}

int web_account_tokens(struct req *r, struct resp *out)
{
	struct err e = { 0 };
	const char *name, *scope;
	char *id, *text;
	int sc;

	if (!web_signed_in(r))
		return web_redirect(r, out, "/signin?next=/account/tokens");
	if (r->method != HTTP_POST)
		return account_page(r, out, 200, req_arg(r, "revoked") ?
				    T("The token was revoked.") : NULL, 0, NULL);
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	name = req_form(r, "name");
	scope = req_form(r, "scope");
	sc = scope ? token_scope_parse(scope) : -1;
	if (sc < 0)
		return account_page(r, out, 400, T("Choose the scope: read or write."), 1, NULL);
	if (token_create(r->store, r->pool, r->actor->name, name ? name : "",
			 (enum token_scope)sc, time(NULL), &id, &text, &e))
		return e.code == ERR_INVALID ? account_page(r, out, 400, web_msg(r, e.msg), 1, NULL) :
					       http_fail(r, out, &e);
	return account_page(r, out, 200, NULL, 0, text);
}

int web_account_tokens_revoke(struct req *r, struct resp *out)
{
	struct err e = { 0 };

	if (!web_signed_in(r))
		return web_redirect(r, out, "/signin?next=/account/tokens");
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	if (token_revoke_own(r->store, r->pool, r->actor->user_id, req_form(r, "id"),
			     time(NULL), &e))
		return e.code == ERR_INVALID || e.code == ERR_NOTFOUND ?
			account_page(r, out, 400, web_msg(r, e.msg), 1, NULL) : http_fail(r, out, &e);
	return web_redirect(r, out, "/account/tokens?revoked=1");
}

static int admin_page(struct req *r, struct resp *out, int status, const char *message,
		      int error)
{
	struct sbuf *b = &out->body;
	struct token *ts;
	struct err e = { 0 };
	size_t n;

	if (token_list(r->store, r->pool, NULL, &ts, &n, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, T("API tokens"), "account", "no-store");
	web_admin_nav(r, b, "/admin/tokens");
	web_heading(b, T("API tokens"), NULL);
	message_p(b, message, error);
	html_fmt(b, "<p>%s</p>\n", T("Every account's API tokens. Their owners make them on "
				     "their account page; a revoked token stops working at once."));
	tokens_table(r, b, ts, n, 1, "/admin/tokens/revoke");
	layout_end(r, b);
	return status;
}

/* The refusal of an admin page to anybody else: 403 for a signed-in account, the
 * sign-in page otherwise. */
static int not_admin(struct req *r, struct resp *out)
{
	return r->actor->user_id ? http_error(r, out, 403, "only admins see every account's "
					      "API tokens") :
		web_redirect(r, out, "/signin?next=/admin/tokens");
}

int web_admin_tokens(struct req *r, struct resp *out)
{
	if (!web_is_admin(r))
		return not_admin(r, out);
	return admin_page(r, out, 200, req_arg(r, "revoked") ? T("The token was revoked.") :
			  NULL, 0);
}

int web_admin_tokens_revoke(struct req *r, struct resp *out)
{
	struct err e = { 0 };

	if (!web_is_admin(r))
		return not_admin(r, out);
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	if (token_revoke(r->store, req_form(r, "id"), time(NULL), &e))
		return e.code == ERR_INVALID || e.code == ERR_NOTFOUND ?
			admin_page(r, out, 400, web_msg(r, e.msg), 1) : http_fail(r, out, &e);
	return web_redirect(r, out, "/admin/tokens?revoked=1");
}
