/* Pages of countries and UN M49 regions. */
#include <string.h>

#include "domain/country.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

static void country_item(const struct req *r, struct sbuf *b, const struct country *c)
{
	html_fmt(b, "<li><a href=\"/countries/%u%S\">%s</a></li>\n", c->alpha2, layout_q(r),
		 country_name(c, r->lang));
}

/* The countries of region g as a list in columns (nothing when none);
 * skip_intermediate leaves out those listed under an intermediate region. */
static void list_members(const struct req *r, struct sbuf *b, const struct country *cs,
			 size_t nc, const struct region *g, int skip_intermediate)
{
	size_t k = 0;

	for (size_t i = 0; i < nc; i++) {
		if (!region_contains(g, &cs[i]) || (skip_intermediate && cs[i].intermediate[0]))
			continue;
		if (!k++)
			html_fmt(b, "<ul class=\"cols\">\n");
		country_item(r, b, &cs[i]);
	}
	if (k)
		html_fmt(b, "</ul>\n");
}

int web_countries(struct req *r, struct resp *out)
{
	struct country *cs;
	struct region *rs;
	size_t nc, nr, without = 0;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (country_list(r->store, r->pool, &cs, &nc, &e) ||
	    region_list(r->store, r->pool, &rs, &nr, &e))
		return http_fail(r, out, &e);
	country_sort(cs, nc, r->lang);
	web_page_begin(r, out, layout_t(r, "Countries"), "countries", NULL);
	html_fmt(b, "<h1>%s</h1>\n<p>%s <span class=\"muted\">(%s)</span></p>\n",
		 layout_t(r, "Countries and areas"),
		 layout_t(r, "Countries and areas (ISO 3166-1), grouped by UN M49 region."),
		 layout_plural(r, (long long)nc, "{n} country or area|{n} countries and areas"));
	/* region > sub-region > intermediate region, in M49 code order */
	for (size_t i = 0; i < nr; i++) {
		if (rs[i].level != REGION_REGION)
			continue;
		html_fmt(b, "<section>\n<h2 id=\"r%s\"><a href=\"/regions/%u%S\">%s</a></h2>\n",
			 rs[i].code, rs[i].code, layout_q(r), region_name(&rs[i], r->lang));
		for (size_t j = 0; j < nr; j++) {
			if (rs[j].level != REGION_SUBREGION || strcmp(rs[j].parent, rs[i].code))
				continue;
			html_fmt(b, "<h3><a href=\"/regions/%u%S\">%s</a></h3>\n", rs[j].code,
				 layout_q(r), region_name(&rs[j], r->lang));
			list_members(r, b, cs, nc, &rs[j], 1);
			for (size_t k = 0; k < nr; k++) {
				if (rs[k].level != REGION_INTERMEDIATE ||
				    strcmp(rs[k].parent, rs[j].code))
					continue;
				html_fmt(b, "<h4><a href=\"/regions/%u%S\">%s</a></h4>\n",
					 rs[k].code, layout_q(r), region_name(&rs[k], r->lang));
				list_members(r, b, cs, nc, &rs[k], 0);
			}
		}
		html_fmt(b, "</section>\n");
	}
	for (size_t i = 0; i < nc; i++) {
		if (cs[i].region[0])
			continue;
		if (!without++)
			html_fmt(b, "<section>\n<h2>%s</h2>\n<ul class=\"cols\">\n",
				 layout_t(r, "Not in a UN M49 region"));
		country_item(r, b, &cs[i]);
	}
	if (without)
		html_fmt(b, "</ul>\n</section>\n");
	layout_end(r, b);
	return 200;
}


static void region_tree(const struct req *r, struct sbuf *b, const struct region *rs,
			size_t nr, const char *parent)
{
	size_t k = 0;

	for (size_t i = 0; i < nr; i++) {
		if (strcmp(rs[i].parent, parent))
			continue;
		if (!k++)
			html_fmt(b, "<ul>\n");
		html_fmt(b, "<li><a href=\"/regions/%u%S\">%s</a> <span class=\"muted\">(%s · %s)"
			 "</span>\n", rs[i].code, layout_q(r), region_name(&rs[i], r->lang),
			 rs[i].code, layout_plural(r, rs[i].country_count,
						   "{n} country or area|{n} countries and areas"));
		region_tree(r, b, rs, nr, rs[i].code);
		html_fmt(b, "</li>\n");
	}
	if (k)
		html_fmt(b, "</ul>\n");
}

int web_regions(struct req *r, struct resp *out)
{
	struct region *rs;
	size_t nr;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (region_list(r->store, r->pool, &rs, &nr, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, layout_t(r, "Regions"), "regions", NULL);
	web_heading(b, layout_t(r, "UN M49 regions"),
		    layout_t(r, "The UN Statistics Division's geographic regions (M49), with "
				"the M49 code and the number of countries and areas in each."));
	region_tree(r, b, rs, nr, "");
	layout_end(r, b);
	return 200;
}

int web_region(struct req *r, struct resp *out)
{
	struct region *g, *rs;
	struct country *cs;
	size_t nr, nc;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *name;

	if (region_get(r->store, r->pool, r->params[0], &g, &e) ||
	    region_list(r->store, r->pool, &rs, &nr, &e) ||
	    country_list(r->store, r->pool, &cs, &nc, &e))
		return http_fail(r, out, &e);
	country_sort(cs, nc, r->lang);
	name = region_name(g, r->lang);
	web_feed_link(r, pool_printf(r->pool, "region=%s", g->code),
		      pool_printf(r->pool, "%s: %s", layout_t(r, "Developments"), name));
	web_page_begin(r, out, name, "regions", NULL);
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/regions%S\">%s</a>", layout_q(r),
		 layout_t(r, "Regions"));
	/* the chain of parents, outermost first (at most three levels above) */
	{
		const struct region *chain[4];
		int depth = 0;

		for (const struct region *p = region_find(rs, nr, g->parent); p && depth < 4;
		     p = region_find(rs, nr, p->parent))
			chain[depth++] = p;
		while (depth--)
			html_fmt(b, " › <a href=\"/regions/%u%S\">%s</a>", chain[depth]->code,
				 layout_q(r), region_name(chain[depth], r->lang));
	}
	html_fmt(b, "</p>\n<h1>%s</h1>\n<p class=\"muted\">UN M49 %s · %s</p>\n", name, g->code,
		 layout_t(r, region_level_name(g->level)));
	region_tree(r, b, rs, nr, g->code);
	html_fmt(b, "<h2>%s</h2>\n", layout_t(r, "Countries and areas"));
	list_members(r, b, cs, nc, g, 0);
	html_fmt(b, "<h2 id=\"coverage\">%s</h2>\n", layout_t(r, "Coverage of the conventions"));
	if (web_region_coverage(r, b, g, &e))
		return http_fail(r, out, &e);
	html_fmt(b, "<h2 id=\"needs\">%s</h2>\n<p><a href=\"/needs?region=%u\">%s</a></p>\n",
		 layout_t(r, "Needs"), g->code,
		 layout_t(r, "Needs shared by several countries"));
	layout_end(r, b);
	return 200;
}
