/* Sharing from the browser: whom a record is shared with (its sharing groups and
 * named readers, on the record's page for those who may change it, with a form), and
 * the public page of what was shared with private-sector and civil-society
 * organisations (para 12 of the resolution). */
#include <stdlib.h>
#include <string.h>

#include "domain/share.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"
#include "domain/limits.h"

#define T(s) layout_t(r, (s))
#define NAMES_FIELD_MAX 4000	/* bytes of one comma-separated list */

void web_record_sharing(struct req *r, struct sbuf *b, const struct record *rec)
{
	struct record_share sh;

	if (record_share_get(r->store, r->pool, r->actor, rec->id, &sh, NULL))
		return;
	html_fmt(b, "<section aria-labelledby=\"ccrepo-sharing\">\n<h2 id=\"ccrepo-sharing\">%s"
		 "</h2>\n<p class=\"muted\">%s</p>\n<form method=\"post\" action=\"",
		 T("Sharing"), T("An AMBER record is also read by the organisations of its "
				 "sharing groups; a RED record only by its named readers."));
	layout_href(r, b, pool_printf(r->pool, "/records/%lld/sharing", rec->id));
	html_fmt(b, "\">\n<label>%s <input name=\"groups\" maxlength=\"%d\" value=\"%s\">"
		 "</label>\n<label>%s <input name=\"readers\" maxlength=\"%d\" value=\"%s\">"
		 "</label>\n", T("Sharing groups (comma-separated)"), NAMES_FIELD_MAX,
		 share_names_join(r->pool, sh.groups, sh.ngroups), T("Named readers (usernames)"),
		 NAMES_FIELD_MAX, share_names_join(r->pool, sh.readers, sh.nreaders));
	layout_csrf(r, b);
	html_fmt(b, "<button>%s</button>\n</form>\n</section>\n", T("Save sharing"));
}

/* A comma-separated form field (at most NAMES_FIELD_MAX bytes) into *n names. */
static int split(struct req *r, const char *v, const char **out, size_t *n)
{
	int k = v && strlen(v) > NAMES_FIELD_MAX ? -1 :
		share_names_split(r->pool, v, out, SHARE_NAMES_MAX);

	*n = k < 0 ? 0 : (size_t)k;
	return k < 0 ? -1 : 0;
}

/* groups, readers */
static int set_sharing(struct req *r, struct resp *out, long long id, struct err *e)
{
	const char *groups[SHARE_NAMES_MAX], *readers[SHARE_NAMES_MAX];
	size_t ng, nr;

	if (split(r, req_form(r, "groups"), groups, &ng) ||
	    split(r, req_form(r, "readers"), readers, &nr))
		return http_error(r, out, 400, pool_printf(r->pool, "Name at most %d groups and "
							   "%d readers.", SHARE_NAMES_MAX,
							   SHARE_NAMES_MAX));
	return record_share_set(r->store, r->pool, r->actor, id, groups, ng, readers, nr, e);
}

int web_record_sharing_post(struct req *r, struct resp *out)
{
	return web_record_post(r, out, set_sharing);
}


/* enum org_kind as words for people */
static const char *const org_kinds[ORG_KIND_COUNT] = {
	"national authority", "UNODC", "donor", "implementing organisation", "private sector",
	"civil society", "academia",
};

int web_shared(struct req *r, struct resp *out)
{
	struct share_event *ev;
	struct sbuf *b = &out->body;
	struct err e = { 0 };
	const char *pg = req_arg(r, "page");
	int page = 1;
	size_t n;

	if (pg && num_int(pg, 1, LIMIT_OFFSET_MAX / LIMIT_LIST_PAGE + 1, &page))
		page = 1;
	if (share_events(r->store, r->pool, LIMIT_LIST_PAGE + 1, (page - 1) * LIMIT_LIST_PAGE, &ev, &n,
			 &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, T("Shared with private sector and civil society"), NULL, NULL);
	web_heading(b, T("Shared with private sector and civil society"),
		    T("Restricted records shared with private-sector and civil-society "
		      "organisations, and when: AMBER records through sharing groups, RED records "
		      "with named people. No titles and no names of people are shown."));
	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("Nothing has been shared with them."));
	} else {
		web_table_begin(r, b, (const char *const[]){ "When", "Type", "Country", "Label",
				"Organisation", "Through", NULL });
		for (size_t i = 0; i < n && i < LIMIT_LIST_PAGE; i++)
			html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>TLP:%s</td><td>%s "
				 "<span class=\"muted\">(%s)</span></td><td>%s</td></tr>\n", ev[i].at,
				 T(record_kind_name(ev[i].kind)),
				 ev[i].country ? web_country_name(r, ev[i].country) : "",
				 ev[i].tlp, ev[i].org, T(org_kinds[ev[i].org_kind]),
				 ev[i].group ? pool_printf(r->pool, "%s %s", T("sharing group"),
							   ev[i].group) :
					       T("a named person"));
		html_fmt(b, "</tbody>\n</table>\n");
	}
	if (n > LIMIT_LIST_PAGE) {
		html_fmt(b, "<p><a href=\"");
		layout_href(r, b, pool_printf(r->pool, "/shared?page=%d", page + 1));
		html_fmt(b, "\">%s</a></p>\n", T("Older"));
	}
	layout_end(r, b);
	return 200;
}
