/* Administration pages: accounts and organisations (/admin/users), for admins signed
 * in with a browser session; on the server itself the operator has `ccrepo user` and
 * `ccrepo org`, whose rules these follow (domain/user.c). Passwords are set here only
 * when an account is made, and afterwards by their owner on /account. Who is an admin
 * (web_is_admin) and the navigation between the admin pages (web_admin_nav) are
 * decided here for all of them (tokens.c, audit.c). */
#include <string.h>
#include <time.h>

#include "domain/record.h"
#include "domain/user.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"
#include "domain/limits.h"

#define T(s) layout_t(r, (s))

int web_signed_in(const struct req *r)
{
	return r->actor->user_id && !r->actor->token;
}

int web_is_admin(const struct req *r)
{
	return web_signed_in(r) && r->actor->role == ROLE_ADMIN;
}

/* The admin pages, in the order of their navigation. */
static const struct {
	const char *path, *label;
} admin_pages[] = {
	{ "/admin/users", "Accounts" },
	{ "/admin/tokens", "API tokens" },
	{ "/admin/audit", "Audit log" },
};

void web_admin_nav(struct req *r, struct sbuf *b, const char *current)
{
	html_fmt(b, "<nav class=\"sub\" aria-label=\"%s\"><ul>", T("Administration"));
	for (size_t i = 0; i < sizeof(admin_pages) / sizeof(admin_pages[0]); i++) {
		html_fmt(b, "<li><a href=\"");
		layout_href(r, b, admin_pages[i].path);
		html_fmt(b, "\"%S>%s</a></li>", !strcmp(current, admin_pages[i].path) ?
			 " aria-current=\"page\"" : "", T(admin_pages[i].label));
	}
	html_fmt(b, "</ul></nav>\n");
}

static int page(struct req *r, struct resp *out, int status, const char *message, int error)
{
	struct sbuf *b = &out->body;
	struct user *us;
	struct org *os;
	size_t nu, no;
	struct err e = { 0 };

	if (user_list(r->store, r->pool, &us, &nu, &e) || org_list(r->store, r->pool, &os, &no, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, T("Accounts"), "account", "no-store");
	web_admin_nav(r, b, "/admin/users");
	web_heading(b, T("Accounts"), NULL);
	web_message(b, message, error);
	html_fmt(b, "<table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		 "<th>%s</th><th></th></tr></thead>\n<tbody>\n", T("User name"), T("Role"),
		 T("Organisation"), T("Country"), T("Status"));
	for (size_t i = 0; i < nu; i++) {
		const struct user *u = &us[i];

		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>"
			 "<form method=\"post\" class=\"inline\" action=\"", u->username,
			 T(role_name(u->role)), u->org_name ? u->org_name : "",
			 u->country ? u->country : "", u->disabled ? T("disabled") : T("active"));
		layout_href(r, b, "/admin/users");
		html_fmt(b, "\"><input type=\"hidden\" name=\"user\" value=\"%s\">", u->username);
		layout_csrf(r, b);
		html_fmt(b, "<button name=\"action\" value=\"%s\">%s</button></form></td></tr>\n",
			 u->disabled ? "enable" : "disable", u->disabled ? T("Enable") : T("Disable"));
	}
	html_fmt(b, "</tbody>\n</table>\n<h2>%s</h2>\n<form method=\"post\" class=\"record\" "
		 "action=\"", T("New account"));
	layout_href(r, b, "/admin/users");
	html_fmt(b, "\">\n<input type=\"hidden\" name=\"action\" value=\"add\">\n"
		 "<div><label for=\"f-name\">%s</label>\n<input id=\"f-name\" name=\"user\" "
		 "required maxlength=\"64\" autocomplete=\"off\"></div>\n"
		 "<div><label for=\"f-role\">%s</label>\n<select id=\"f-role\" name=\"role\">",
		 T("User name"), T("Role"));
	for (int i = 0; i < ROLE_COUNT; i++)
		html_fmt(b, "<option value=\"%s\">%s</option>", role_name((enum role)i),
			 T(role_name((enum role)i)));
	html_fmt(b, "</select></div>\n<div><label for=\"f-org\">%s</label>\n<select "
		 "id=\"f-org\" name=\"org\">", T("Organisation"));
	for (size_t i = 0; i < no; i++)
		html_fmt(b, "<option>%s</option>", os[i].name);
	html_fmt(b, "</select></div>\n<div><label for=\"f-country\">%s</label>\n<input "
		 "id=\"f-country\" name=\"country\" maxlength=\"2\" size=\"3\"></div>\n"
		 "<div><label for=\"f-pass\">%s</label>\n<input id=\"f-pass\" name=\"password\" "
		 "type=\"password\" autocomplete=\"new-password\" required minlength=\"12\" "
		 "maxlength=\"1024\"></div>\n", T("Country (focal points)"),
		 T("First password (12 characters or more; its owner changes it)"));
	layout_csrf(r, b);
	html_fmt(b, "<div><button>%s</button></div>\n</form>\n<h2>%s</h2>\n<form "
		 "method=\"post\" class=\"record\" action=\"", T("Add the account"),
		 T("Set a new password"));
	layout_href(r, b, "/admin/users");
	html_fmt(b, "\">\n<input type=\"hidden\" name=\"action\" value=\"passwd\">\n"
		 "<div><label for=\"f-puser\">%s</label>\n<select id=\"f-puser\" name=\"user\">",
		 T("User name"));
	for (size_t i = 0; i < nu; i++)
		html_fmt(b, "<option>%s</option>", us[i].username);
	html_fmt(b, "</select></div>\n<div><label for=\"f-ppass\">%s</label>\n<input "
		 "id=\"f-ppass\" name=\"password\" type=\"password\" autocomplete=\"new-password\" "
		 "required minlength=\"12\" maxlength=\"1024\"></div>\n",
		 T("New password (12 characters or more; its sessions end)"));
	layout_csrf(r, b);
	html_fmt(b, "<div><button>%s</button></div>\n</form>\n<h2>%s</h2>\n<form "
		 "method=\"post\" class=\"record\" action=\"", T("Set the password"),
		 T("New organisation"));
	layout_href(r, b, "/admin/users");
	html_fmt(b, "\">\n<input type=\"hidden\" name=\"action\" value=\"org\">\n"
		 "<div><label for=\"f-oname\">%s</label>\n<input id=\"f-oname\" name=\"name\" "
		 "required maxlength=\"%d\"></div>\n<div><label for=\"f-kind\">%s</label>\n"
		 "<select id=\"f-kind\" name=\"kind\">", T("Name"), LIMIT_NAME, T("Kind"));
	for (int i = 0; i < ORG_KIND_COUNT; i++)
		html_fmt(b, "<option value=\"%s\">%s</option>", org_kind_name((enum org_kind)i),
			 T(org_kind_name((enum org_kind)i)));
	html_fmt(b, "</select></div>\n<div><label for=\"f-ocountry\">%s</label>\n<input "
		 "id=\"f-ocountry\" name=\"country\" maxlength=\"2\" size=\"3\"></div>\n",
		 T("Country"));
	web_form_end(r, b, T("Add the organisation"));
	layout_end(r, b);
	return status;
}

int web_admin_users(struct req *r, struct resp *out)
{
	struct err e = { 0 };
	const char *action, *name;
	int rc = ERR_OK;

	if (!web_is_admin(r))
		return r->actor->user_id ? http_error(r, out, 403, "only admins manage accounts") :
			web_redirect(r, out, "/signin?next=/admin/users");
	if (r->method != HTTP_POST)
		return page(r, out, 200, NULL, 0);
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	action = req_form(r, "action");
	name = req_form(r, "user");
	if (action && !strcmp(action, "disable") && name) {
		rc = user_disable(r->store, name, &e);
	} else if (action && !strcmp(action, "enable") && name) {
		rc = user_enable(r->store, name, &e);
	} else if (action && !strcmp(action, "add") && name) {
		struct user u = { 0 };
		struct org *o;
		const char *role = req_form(r, "role"), *country = req_form(r, "country");
		int ro = role ? role_parse(role) : -1;

		if (ro < 0)
			rc = err_set(&e, ERR_INVALID, "choose a role");
		else if (!(rc = org_get(r->store, r->pool, req_form(r, "org") ?
					req_form(r, "org") : "", &o, &e))) {
			u.username = name;
			u.role = (enum role)ro;
			u.org_id = o->id;
			u.org_name = o->name;
			u.country = country && *country ? country : NULL;
			rc = user_add(r->store, r->pool, &u, req_form(r, "password") ?
				      req_form(r, "password") : "", time(NULL), &e);
		}
	} else if (action && !strcmp(action, "passwd") && name) {
		rc = user_set_password(r->store, name, req_form(r, "password") ?
				       req_form(r, "password") : "", time(NULL), &e);
	} else if (action && !strcmp(action, "org")) {
		struct org o = { 0 };
		const char *kind = req_form(r, "kind"), *country = req_form(r, "country");
		int k = kind ? org_kind_parse(kind) : -1;

		o.name = req_form(r, "name");
		o.kind = (enum org_kind)(k < 0 ? 0 : k);
		o.country = country && *country ? country : NULL;
		rc = k < 0 || !o.name ? err_set(&e, ERR_INVALID, "give a name and a kind") :
					 org_add(r->store, r->pool, &o, &e);
	} else {
		rc = err_set(&e, ERR_INVALID, "unknown action");
	}
	if (rc == ERR_INVALID || rc == ERR_CONFLICT || rc == ERR_NOTFOUND)
		return page(r, out, 400, web_msg(r, e.msg), 1);
	if (rc)
		return http_fail(r, out, &e);
	return web_redirect(r, out, "/admin/users");
}
