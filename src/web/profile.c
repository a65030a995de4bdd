/* The country profile (/countries/KE): what the repository holds about one country,
 * section by section. Each section is a row of sections[] (its anchor, its title and
 * the function that writes it); a capability that adds to the profile adds a row.
 * Only what the visitor may read is listed: the store applies the clearance. */
#include <string.h>

#include "domain/country.h"
#include "domain/kind.h"
#include "domain/legislation.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define T(s) layout_t(r, s)

/* Write one section's content (after its <h2>) into b; an error fails the page. */
typedef int profile_section(struct req *r, struct sbuf *b, const struct country *c,
			    struct err *e);

static void region_link(const struct req *r, struct sbuf *b, const struct region *rs,
			size_t nr, const char *code)
{
	const struct region *g = region_find(rs, nr, code);

	if (g)
		html_fmt(b, "<a href=\"/regions/%u%S\">%s</a>", g->code, layout_q(r),
			 region_name(g, r->lang));
	else
		html_fmt(b, "<span class=\"muted\">%s</span>", layout_t(r, "none"));
}

/* "All 73 laws of Kenya" past the first LIMIT_PROFILE_ROWS, or nothing. */
static void more_link(struct req *r, struct sbuf *b, size_t n, const char *path,
		      const struct country *c)
{
	if (n <= LIMIT_PROFILE_ROWS)
		return;
	html_fmt(b, "<p><a href=\"%s?country=%u%S\">%s</a></p>\n", path, c->alpha2,
		 r->lang_explicit ? pool_printf(r->pool, "&amp;lang=%s", lang_code(r->lang)) :
		 "", T("Show them all"));
}

/* The country's laws, each with its versions and when each is in force. */
static int sec_laws(struct req *r, struct sbuf *b, const struct country *c, struct err *e)
{
	struct record_query q = { .kind = REC_LEGISLATION, .country = c->alpha2, .status = -1,
				  .limit = LIMIT_PROFILE_ROWS + 1 };
	struct work *ws;
	size_t n;
	int rc;

	if ((rc = legislation_list(r->store, r->pool, r->actor, &q, &ws, &n, e)))
		return rc;
	if (!n)
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No laws of this country yet."));
	else
		html_fmt(b, "<ul class=\"works\">\n");
	for (size_t i = 0; i < n && i < LIMIT_PROFILE_ROWS; i++) {
		struct expression *xs;
		size_t nx;

		if ((rc = legislation_expressions(r->store, r->pool, ws[i].rec.id, &xs, &nx, e)))
			return rc;
		html_fmt(b, "<li><a href=\"");
		layout_href(r, b, web_path_enc(r, ws[i].uri));
		html_fmt(b, "\"%S>%s</a> <span class=\"muted\">· %s%s%s", layout_lang(r,
			 nx ? xs[0].language : NULL), ws[i].rec.title, ws[i].type,
			 ws[i].date ? " · " : "", ws[i].date ? layout_date(r, ws[i].date) : "");
		if (ws[i].rec.status != ST_PUBLISHED)
			html_fmt(b, " · %s", T(record_status_name(ws[i].rec.status)));
		html_fmt(b, "</span>\n<ul class=\"versions\">\n");
		for (size_t j = 0; j < nx; j++) {
			html_fmt(b, "<li><a href=\"");
			layout_href(r, b, web_path_enc(r, pool_printf(r->pool, "%s/%s@%s", ws[i].uri,
							 xs[j].language, xs[j].date)));
			html_fmt(b, "\"><code%S>%s@%s</code></a> %s</li>\n", layout_lang(r, "zxx"),
				 xs[j].language, xs[j].date, web_version_period(r, xs, j));
		}
		html_fmt(b, "</ul></li>\n");
	}
	if (n)
		html_fmt(b, "</ul>\n");
	more_link(r, b, n, "/laws", c);
	return ERR_OK;
}

/* The country's records of kind k (cases, lessons), with their list fields. */
static int sec_kind(struct req *r, struct sbuf *b, const struct country *c,
		    const struct kind *k, struct err *e)
{
	struct record_query q = { .kind = (int)k->id, .country = c->alpha2, .status = -1,
				  .limit = LIMIT_PROFILE_ROWS + 1 };
	void *rs;
	size_t n;
	int rc;

	if ((rc = kind_list(r->store, r->pool, r->actor, k, &q, &rs, &n, e)))
		return rc;
	if (!n)
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T(k->none));
	else
		html_fmt(b, "<ul>\n");
	for (size_t i = 0; i < n && i < LIMIT_PROFILE_ROWS; i++) {
		const struct record *rec = kind_at(k, rs, i);

		html_fmt(b, "<li><a href=\"");
		layout_href(r, b, pool_printf(r->pool, "/%s/%lld", k->path, rec->id));
		html_fmt(b, "\"%S>%s</a>", layout_lang(r, rec->language), rec->title);
		for (size_t f = 0; f < k->nfields; f++) {
			const char *v = kind_value(rec, &k->fields[f]);

			if (!v || !*v || !(k->fields[f].flags & (KF_LIST | KF_SUBTITLE)))
				continue;
			html_fmt(b, " <span class=\"muted\">· %s</span>", k->fields[f].type ==
				 KT_DATE ? layout_date(r, v) : v);
		}
		if (rec->status != ST_PUBLISHED)
			html_fmt(b, " <span class=\"muted\">· %s</span>",
				 T(record_status_name(rec->status)));
		html_fmt(b, "</li>\n");
	}
	if (n)
		html_fmt(b, "</ul>\n");
	more_link(r, b, n, pool_printf(r->pool, "/%s", k->path), c);
	return ERR_OK;
}

static int sec_cases(struct req *r, struct sbuf *b, const struct country *c, struct err *e)
{
	return sec_kind(r, b, c, kind_by_id(REC_CASE), e);
}

static int sec_lessons(struct req *r, struct sbuf *b, const struct country *c, struct err *e)
{
	return sec_kind(r, b, c, kind_by_id(REC_LESSON), e);
}

/* Its names in the six languages and its codes. */
static int sec_names(struct req *r, struct sbuf *b, const struct country *c, struct err *e)
{
	(void)e;
	html_fmt(b, "<table class=\"compact\">\n<thead><tr><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", T("Language"), T("Name"));
	for (int l = 0; l < LANG_COUNT; l++)
		html_fmt(b, "<tr><th scope=\"row\">%s</th><td lang=\"%s\" dir=\"%S\">%s</td></tr>\n",
			 T(lang_name((enum lang)l)), lang_code((enum lang)l),
			 lang_rtl((enum lang)l) ? "rtl" : "ltr", c->names[l]);
	html_fmt(b, "</tbody>\n</table>\n<dl class=\"facts\">\n"
		 "<dt>ISO 3166-1 alpha-2</dt><dd><code%S>%s</code></dd>\n"
		 "<dt>ISO 3166-1 alpha-3</dt><dd><code%S>%s</code></dd>\n"
		 "<dt>ISO 3166-1 numeric / M49</dt><dd><code%S>%s</code></dd>\n</dl>\n"
		 "<p><a href=\"/api/v1/countries/%u\">JSON</a></p>\n",
		 layout_lang(r, "zxx"), c->alpha2, layout_lang(r, "zxx"), c->alpha3,
		 layout_lang(r, "zxx"), c->numeric, c->alpha2);
	return ERR_OK;
}

/* The sections in page order: anchor, title (a msgid), writer. */
static const struct {
	const char *id, *title;
	profile_section *fn;
} sections[] = {
	{ "laws", "Laws", sec_laws },
	{ "cases", "Case law", sec_cases },
	{ "lessons", "Lessons learned", sec_lessons },
	{ "coverage", "Coverage of the conventions", web_country_coverage },
	{ "needs", "Needs", web_country_needs },
	{ "questionnaires", "Questionnaires", web_country_campaigns },
	{ "assistance", "Assistance", web_country_assistance },
	{ "contacts", "Contacts", web_country_contacts_section },
	{ "names", "Names and codes", sec_names },
};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

int web_country(struct req *r, struct resp *out)
{
	struct country *c;
	struct region *rs;
	size_t nr;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *name;

	if (country_get(r->store, r->pool, r->params[0], &c, &e) ||
	    region_list(r->store, r->pool, &rs, &nr, &e))
		return http_fail(r, out, &e);
	if (strcmp(r->params[0], c->alpha2)) { /* one address per country: /countries/KE */
		out->location = pool_printf(r->pool, "/countries/%s%s", c->alpha2, layout_q(r));
		out->cache_control = "public, max-age=86400";
		return http_error(r, out, 301, "This country's page is at its two-letter code.");
	}
	name = country_name(c, r->lang);
	web_feed_link(r, pool_printf(r->pool, "country=%s", c->alpha2),
		      pool_printf(r->pool, "%s: %s", T("Developments"), name));
	web_page_begin(r, out, name, "countries", NULL);
	/* where it is: Countries › Africa › Eastern Africa */
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/countries%S\">%s</a> › ", layout_q(r),
		 T("Countries"));
	region_link(r, b, rs, nr, c->region);
	if (c->subregion[0]) {
		html_fmt(b, " › ");
		region_link(r, b, rs, nr, c->subregion);
	}
	if (c->intermediate[0]) {
		html_fmt(b, " › ");
		region_link(r, b, rs, nr, c->intermediate);
	}
	html_fmt(b, "</p>\n<h1>%s</h1>\n", name);
	if (c->official_name)
		html_fmt(b, "<p class=\"muted\"%S>%s</p>\n", layout_lang(r, "en"),
			 c->official_name);
	html_fmt(b, "<nav class=\"toc\" aria-label=\"%s\"><ul>\n", T("On this page"));
	for (size_t i = 0; i < NSECTIONS; i++)
		html_fmt(b, "<li><a href=\"#%s\">%s</a></li>\n", sections[i].id,
			 T(sections[i].title));
	html_fmt(b, "</ul></nav>\n");
	for (size_t i = 0; i < NSECTIONS; i++) {
		html_fmt(b, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n",
			 sections[i].id, sections[i].id, T(sections[i].title));
		if (sections[i].fn(r, b, c, &e))
			return http_fail(r, out, &e);
		html_fmt(b, "</section>\n");
	}
	layout_end(r, b);
	return 200;
}
