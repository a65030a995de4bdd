/* The search page. */
#include <stdlib.h>
#include <string.h>

#include "domain/country.h"
#include "domain/search.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define PAGE 10

/* The address of a hit: a provision on its own page, a case, a lesson. */
static void hit_href(struct req *r, struct sbuf *b, const struct search_hit *h)
{
	if (h->kind == REC_LESSON)
		html_fmt(b, "/lessons/%S", pool_printf(r->pool, "%lld", h->record_id));
	else if (h->kind == REC_CASE && !h->eid)
		html_fmt(b, "/cases/%S", pool_printf(r->pool, "%lld", h->record_id));
	else if (h->work_uri && h->eid)
		html_fmt(b, "%s/~%u", h->work_uri, h->eid);
	else
		html_fmt(b, "%s", h->work_uri ? h->work_uri : "/");
	html_fmt(b, "%S", layout_q(r));
}

/* A region's name in the page's language ("Eastern Africa"), or its code. */
static const char *region_label(struct req *r, const struct region *rs, size_t n,
				const char *code)
{
	const struct region *g = rs ? region_find(rs, n, code) : NULL;

	if (!g)
		return code;
	return g->names[r->lang] ? g->names[r->lang] : g->names[LANG_EN];
}

static const char *const kind_labels[] = { "Legislation", "Case law", "Lessons learned" };

static void facets(struct req *r, struct sbuf *b, const char *q, const struct search_result *res)
{
	static const char *const titles[FACET_COUNT] = {
		[FACET_COUNTRY] = "Country", [FACET_REGION] = "Region", [FACET_KIND] = "Type",
		[FACET_ARTICLE] = "Instrument article", [FACET_YEAR] = "Year",
		[FACET_LANG] = "Language",
	};

	struct region *rs = NULL;
	size_t nr = 0;
	struct err e = { 0 };

	if (res->nfacets[FACET_REGION] && region_list(r->store, r->pool, &rs, &nr, &e))
		rs = NULL;	/* codes are shown instead of names */
	html_fmt(b, "<aside class=\"facets\" aria-label=\"%s\">\n", layout_t(r, "Refine"));
	for (int f = 0; f < FACET_COUNT; f++) {
		if (!res->nfacets[f])
			continue;
		html_fmt(b, "<h2>%s</h2>\n<ul>\n", layout_t(r, titles[f]));
		for (size_t i = 0; i < res->nfacets[f]; i++) {
			const struct search_facet *v = &res->facets[f][i];
			const char *label = v->value;

			if (f == FACET_KIND) {
				int k = record_kind_parse(v->value);

				label = layout_t(r, k >= 0 ? kind_labels[k] : v->value);
			} else if (f == FACET_REGION) {
				label = region_label(r, rs, nr, v->value);
			} else if (f == FACET_LANG && lang_parse(v->value, -1) >= 0) {
				label = lang_native((enum lang)lang_parse(v->value, -1));
			}
			html_fmt(b, "<li><a href=\"/search?q=%u%S\">%s</a> <span class=\"muted\">"
				 "(%z)</span></li>\n",
				 pool_printf(r->pool, "%s %s:%s", q, search_facet_name(
						     (enum search_facet_kind)f), v->value),
				 r->lang_explicit ? pool_printf(r->pool, "&amp;lang=%s",
								lang_code(r->lang)) : "",
				 label, (size_t)v->count);
		}
		html_fmt(b, "</ul>\n");
	}
	html_fmt(b, "</aside>\n");
}

/* "Mapped to" and a link to each article of the space-separated list. */
static void mapped_to(struct req *r, struct sbuf *b, const char *articles)
{
	html_fmt(b, "<p class=\"muted\">%s", layout_t(r, "Mapped to"));
	while (*articles) {
		size_t n = strcspn(articles, " ");
		const char *a = pool_strndup(r->pool, articles, n);

		html_fmt(b, " <a href=\"/instruments/%S%S\">%s</a>", a, layout_q(r), a);
		articles += n;
		articles += *articles == ' ';
	}
	html_fmt(b, "</p>");
}

int web_search(struct req *r, struct resp *out)
{
	const char *q = req_arg(r, "q"), *page_s = req_arg(r, "page");
	struct search_result *res = NULL;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	int page = 1, status = 200;

	if (page_s && num_int(page_s, 1, LIMIT_OFFSET_MAX / PAGE + 1, &page))
		page = 1;
	out->content_type = "text/html; charset=utf-8";
	out->cache_control = "no-store";
	if (q && *q && search_run(r->store, r->pool, r->actor, q, PAGE, (page - 1) * PAGE, &res,
				  &e)) {
		status = http_status_of(e.code);
		if (status >= 500)
			return http_fail(r, out, &e);
	}
	layout_begin(r, b, q && *q ? pool_printf(r->pool, "%s: %s", layout_t(r, "Search"), q) :
				     layout_t(r, "Search"), "search");
	html_fmt(b, "<h1>%s</h1>\n<form method=\"get\" action=\"/search\" role=\"search\">"
		 "<label for=\"q\">%s</label> <input id=\"q\" name=\"q\" type=\"search\" "
		 "value=\"%s\" maxlength=\"%d\"> <button>%s</button>", layout_t(r, "Search"),
		 layout_t(r, "Words, \"phrases\", OR, -exclude, prefix*, country:KE, type:case, "
			     "article:un-cc/7, year:2015..2020, lang:fr"),
		 q ? q : "", LIMIT_QUERY, layout_t(r, "Search"));
	if (r->lang_explicit)
		html_fmt(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">", lang_code(r->lang));
	html_fmt(b, "</form>\n");
	if (status != 200) {
		html_fmt(b, "<p class=\"error\" role=\"alert\">%s</p>\n", e.msg);
	} else if (res) {
		html_fmt(b, "<p class=\"muted\">%z %s · %s %s%s</p>\n", (size_t)res->total,
			 layout_t(r, "matches"), layout_t(r, "word forms of"),
			 lang_native((enum lang)res->lang),
			 res->lang_guessed ? layout_t(r, " (guessed; lang: chooses)") : "");
		if (res->partial)
			html_fmt(b, "<p class=\"notice\" role=\"status\">%s (%z)</p>\n",
				 layout_t(r, res->message), (size_t)res->partial_total);
		if (res->nconcepts) {
			html_fmt(b, "<p>%s", layout_t(r, "Your search names a concept of the "
						     "instruments; provisions mapped to it are "
						     "found too:"));
			for (size_t i = 0; i < res->nconcepts; i++)
				html_fmt(b, " <a href=\"/instruments/%S%S\">%s</a>",
					 res->concepts[i], layout_q(r), res->concepts[i]);
			html_fmt(b, "</p>\n");
		}
		html_fmt(b, "<div class=\"results\">\n");
		facets(r, b, q, res);
		html_fmt(b, "<ol class=\"hits\" start=\"%d\">\n", (page - 1) * PAGE + 1);
		for (size_t i = 0; i < res->nhits; i++) {
			const struct search_hit *h = &res->hits[i];

			html_fmt(b, "<li><a href=\"");
			hit_href(r, b, h);
			html_fmt(b, "\">%s</a>", h->heading && *h->heading ? h->heading : h->title);
			html_fmt(b, "<br><span class=\"muted\">%s · %s%s%s%s%s</span>\n<p>",
				 layout_t(r, kind_labels[h->kind]), h->title, h->path ? " › " : "",
				 h->path ? h->path : "", h->country ? " · " : "",
				 h->country ? h->country : "");
			html_marked(b, h->snippet);
			html_fmt(b, "</p>");
			if (h->concept)
				mapped_to(r, b, h->articles ? h->articles : h->concept);
			html_fmt(b, "</li>\n");
		}
		html_fmt(b, "</ol>\n");
		if (!res->nhits)
			html_fmt(b, "<p>%s</p>\n", layout_t(r, "Nothing matches."));
		if (page > 1)
			html_fmt(b, "<a href=\"/search?q=%u&amp;page=%d\" rel=\"prev\">%s</a> ", q,
				 page - 1, layout_t(r, "Previous"));
		if ((long long)page * PAGE < (res->partial ? res->partial_total : res->total) &&
		    res->nhits == PAGE)
			html_fmt(b, "<a href=\"/search?q=%u&amp;page=%d\" rel=\"next\">%s</a>", q,
				 page + 1, layout_t(r, "Next"));
		html_fmt(b, "</div>\n");
	}
	layout_end(r, b);
	return status;
}
