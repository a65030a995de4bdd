/* The audit log page /admin/audit: entries newest first, filtered by actor, action,
 * target prefix and dates, a page at a time. Admins (signed in, web_is_admin) see
 * every entry; curators only the entries about records, which the store decides
 * (audit_filter.records_only); anybody else is refused. The same log as
 * `ccrepo audit list` (domain/audit.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/num.h"
#include "domain/audit.h"
#include "domain/limits.h"
#include "domain/record.h"
#include "domain/user.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define T(s) layout_t(r, (s))


/* The query arguments of the page, in the order of the form. */
enum { Q_ACTOR, Q_ACTION, Q_TARGET, Q_SINCE, Q_UNTIL, Q_COUNT };

static const struct {
	const char *name, *label, *type;
} fields[Q_COUNT] = {
	[Q_ACTOR] = { "actor", "Actor", "text" },
	[Q_ACTION] = { "action", "Action", NULL },	/* a select */
	[Q_TARGET] = { "target", "Target starts with", "text" },
	[Q_SINCE] = { "since", "From (date)", "date" },
	[Q_UNTIL] = { "until", "Until (date, included)", "date" },
};

/* What the page was asked for: the filters as given ("" for none) and the page. */
struct audit_query {
	const char *v[Q_COUNT];
	int limit, offset;
};

/* A whole number from..to in s, or def when s is NULL or empty. 0 or -1. */
static int number_arg(const char *s, int def, int from, int to, int *out)
{
	if (!s || !*s) {
		*out = def;
		return 0;
	}
	return num_int(s, from, to, out);
}

/* A date YYYY-MM-DD as the time text the log keeps, moved on by days (0 or 1), into
 * out (11 bytes). 0 or -1 when it is not a real date. */
static int date_arg(const char *s, int days, char out[11])
{
	struct tm tm = { 0 };
	int y, m, d, n = 0;
	time_t t;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    s[4] != '-' || s[7] != '-' || y < 1970 || y > 9998)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	t = timegm(&tm);
	if (t == (time_t)-1 || tm.tm_mon != m - 1 || tm.tm_mday != d)
		return -1;	/* normalised: 2027-02-30 is not a date */
	t += (time_t)days * 86400;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return 0;
}

/* Read the query into q and the filter f (strings in r's pool). NULL when fine,
 * else what is wrong, for the user. */
static const char *parse(struct req *r, struct audit_query *q, struct audit_filter *f)
{
	char day[11];

	for (int i = 0; i < Q_COUNT; i++)
		q->v[i] = req_arg(r, fields[i].name) ? req_arg(r, fields[i].name) : "";
	for (int i = 0; i < Q_COUNT; i++)
		if (strlen(q->v[i]) > LIMIT_FILTER) {
			q->v[i] = "";	/* not shown again, nor in the page's links */
			req_drop_arg(r, fields[i].name);
			return pool_printf(r->pool, "%s (%s)", layout_msg(r, pool_printf(r->pool,
					   "A filter is at most %d bytes.", LIMIT_FILTER), NULL, 0),
					   T(fields[i].label));
		}
	if (number_arg(req_arg(r, "limit"), LIMIT_AUDIT_PAGE_DEFAULT, 1, LIMIT_AUDIT_PAGE_MAX,
		       &q->limit) ||
	    number_arg(req_arg(r, "offset"), 0, 0, LIMIT_OFFSET_MAX, &q->offset)) {
		q->limit = LIMIT_AUDIT_PAGE_DEFAULT;
		q->offset = 0;
		return layout_msg(r, pool_printf(r->pool, "limit is a number from 1 to %d, offset a "
						 "number from 0 to %d.", LIMIT_AUDIT_PAGE_MAX,
						 LIMIT_OFFSET_MAX), NULL, 0);
	}
	f->actor = *q->v[Q_ACTOR] ? q->v[Q_ACTOR] : NULL;
	f->target = *q->v[Q_TARGET] ? q->v[Q_TARGET] : NULL;
	if (*q->v[Q_ACTION]) {
		if (audit_action_parse(q->v[Q_ACTION]) < 0)
			return T("Choose an action from the list.");
		f->action = q->v[Q_ACTION];
	}
	if (*q->v[Q_SINCE]) {
		if (date_arg(q->v[Q_SINCE], 0, day))
			return T("Write dates as YYYY-MM-DD.");
		f->since = pool_strdup(r->pool, day);
	}
	if (*q->v[Q_UNTIL]) {
		if (date_arg(q->v[Q_UNTIL], 1, day))	/* the day itself is included */
			return T("Write dates as YYYY-MM-DD.");
		f->until = pool_strdup(r->pool, day);
	}
	return NULL;
}

/* The form of filters, filled with what was asked. */
static void filter_form(struct req *r, struct sbuf *b, const struct audit_query *q)
{
	html_fmt(b, "<form method=\"get\" class=\"filters\" action=\"");
	layout_href(r, b, "/admin/audit");
	html_fmt(b, "\">\n");
	if (r->lang_explicit)
		html_fmt(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">\n",
			 lang_code(r->lang));
	for (int i = 0; i < Q_COUNT; i++) {
		html_fmt(b, "<div><label for=\"f-%s\">%s</label>\n", fields[i].name,
			 T(fields[i].label));
		if (fields[i].type) {
			html_fmt(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\"%S value=\"%s\">"
				 "</div>\n", fields[i].name, fields[i].name, fields[i].type,
				 strcmp(fields[i].type, "text") ? "" :
				 pool_printf(r->pool, " maxlength=\"%d\"", LIMIT_FILTER), q->v[i]);
			continue;
		}
		html_fmt(b, "<select id=\"f-%s\" name=\"%s\"><option value=\"\">%s</option>",
			 fields[i].name, fields[i].name, T("any"));
		for (int a = 0; a < AUDIT_ACTION_COUNT; a++) {
			const char *name = audit_action_name((enum audit_action)a);

			html_fmt(b, "<option%S>%s</option>", strcmp(name, q->v[i]) ? "" :
				 " selected", name);
		}
		html_fmt(b, "</select></div>\n");
	}
	html_fmt(b, "<div><button>%s</button></div>\n</form>\n", T("Show"));
}

/* A link to the page at offset with the same filters. */
static void page_link(struct req *r, struct sbuf *b, const struct audit_query *q, int offset,
		      const char *rel, const char *label)
{
	struct sbuf path = SBUF_INIT;

	sbuf_adds(&path, "/admin/audit?");
	for (int i = 0; i < Q_COUNT; i++)
		if (*q->v[i]) {
			sbuf_addf(&path, "%s=", fields[i].name);
			html_url(&path, q->v[i]);
			sbuf_addc(&path, '&');
		}
	if (q->limit != LIMIT_AUDIT_PAGE_DEFAULT)
		sbuf_addf(&path, "limit=%d&", q->limit);
	sbuf_addf(&path, "offset=%d", offset);
	html_fmt(b, "<a rel=\"%s\" href=\"", rel);
	layout_href(r, b, sbuf_str(&path));
	html_fmt(b, "\">%s</a> ", label);
	sbuf_release(&path);
}

static void entries_table(struct req *r, struct sbuf *b, const struct audit_entry *en,
			  size_t n)
{
	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No entries."));
		return;
	}
	html_fmt(b, "<table>\n<thead><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		 "<th>%s</th><th>%s</th></tr></thead>\n<tbody>\n", T("Time (UTC)"), T("Actor"),
		 T("Action"), T("Target"), T("Address"), T("Detail"));
	for (size_t i = 0; i < n; i++) {
		html_fmt(b, "<tr><td>%S</td><td><time datetime=\"%s\">%s</time></td><td>%s</td>"
			 "<td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			 pool_printf(r->pool, "%lld", en[i].id), en[i].at, en[i].at,
			 en[i].actor, en[i].action, en[i].target, en[i].address, en[i].detail);
	}
	html_fmt(b, "</tbody>\n</table>\n");
}

/* The page: the filters, then (when problem is NULL) the entries, or the problem. */
static int page(struct req *r, struct resp *out, const struct audit_query *q,
		const struct audit_filter *f, const char *problem)
{
	struct sbuf *b = &out->body;
	struct audit_entry *en = NULL;
	struct err e = { 0 };
	size_t n = 0;
	int more;

	/* one more than shown says whether there is a next page */
	if (!problem && audit_list(r->store, r->pool, f, q->limit + 1, q->offset, &en, &n, &e))
		return http_fail(r, out, &e);
	more = n > (size_t)q->limit;
	if (more)
		n = (size_t)q->limit;
	web_page_begin(r, out, T("Audit log"), "account", "no-store");
	if (web_is_admin(r))
		web_admin_nav(r, b, "/admin/audit");
	web_heading(b, T("Audit log"), f->records_only ? T("The entries about records, newest first.") :
							 T("Every entry, newest first."));
	filter_form(r, b, q);
	if (problem) {
		html_fmt(b, "<p class=\"error\" role=\"alert\">%s</p>\n", problem);
	} else {
		entries_table(r, b, en, n);
		html_fmt(b, "<nav aria-label=\"%s\"><p>", T("Pages"));
		if (q->offset > 0)
			page_link(r, b, q, q->offset > q->limit ? q->offset - q->limit : 0, "prev",
				  T("Newer"));
		if (more)
			page_link(r, b, q, q->offset + q->limit, "next", T("Next"));
		html_fmt(b, "</p></nav>\n");
	}
	layout_end(r, b);
	return problem ? 400 : 200;
}

int web_admin_audit(struct req *r, struct resp *out)
{
	const struct actor *a = r->actor;
	struct audit_query q = { 0 };
	struct audit_filter f = { 0 };
	const char *problem;

	if (!web_is_admin(r)) {
		if (!a->user_id)
			return web_redirect(r, out, "/signin?next=/admin/audit");
		if (a->token || a->role != ROLE_CURATOR)
			return http_error(r, out, 403, "only admins and curators read the audit "
					  "log");
		f.records_only = 1;
	}
	problem = parse(r, &q, &f);
	return page(r, out, &q, &f, problem);
}
