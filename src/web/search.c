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
			} else if (f == FACET_COUNTRY) {
				label = web_country_name(r, v->value);
			} else if (f == FACET_REGION) {
				label = region_label(r, rs, nr, v->value);
			} else if (f == FACET_LANG && lang_parse(v->value, -1) >= 0) {
				label = layout_t(r, lang_name((enum lang)lang_parse(v->value, -1)));
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

/* The fields of the search form and the filter each one writes into the query
 * (src/domain/query.c): the form and the query language are one mechanism. */
static const struct {
	const char *arg, *filter;
} form_fields[] = {
	{ "country", "country" }, { "region", "region" }, { "type", "type" },
	{ "article", "article" },
};

/* v as a filter value: as it is when it has only letters, digits and "/._-|",
 * else quoted (its quotes dropped). In r's pool. */
static const char *filter_value(struct req *r, const char *v)
{
	struct sbuf b = SBUF_INIT;
	const char *out;

	if (v[strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-|")])
	{
		sbuf_addc(&b, '"');
		for (const char *c = v; *c; c++)
			if (*c != '"')
				sbuf_addc(&b, *c);
		sbuf_addc(&b, '"');
		out = pool_strdup(r->pool, sbuf_str(&b));
		sbuf_release(&b);
		return out;
	}
	return v;
}

/* The query the page runs: the words typed (q) and the form's fields as filters
 * (country:KE type:case article:coe-185/2 year:2019..2021); *fields: 1 when a field
 * was filled. In r's pool. */
static const char *form_query(struct req *r, const char *q, int *fields)
{
	const char *full = q ? q : "", *from = req_arg(r, "from"), *to = req_arg(r, "to");

	*fields = 0;
	for (size_t i = 0; i < sizeof(form_fields) / sizeof(form_fields[0]); i++) {
		const char *v = req_arg(r, form_fields[i].arg);

		if (v && *v) {
			full = pool_printf(r->pool, "%s%s%s:%s", full, *full ? " " : "",
					   form_fields[i].filter, filter_value(r, v));
			*fields = 1;
		}
	}
	if ((from && *from) || (to && *to)) {
		full = pool_printf(r->pool, "%s%syear:%s..%s", full, *full ? " " : "",
				   from && *from ? filter_value(r, from) : "",
				   to && *to ? filter_value(r, to) : "");
		*fields = 1;
	}
	return full;
}

/* A <select> of name with an empty first option ("Any") and the options v[i]
 * labelled label[i], selected the one equal to the request's value. */
static void select_field(struct req *r, struct sbuf *b, const char *name, const char *const *v,
			 const char *const *label, size_t n)
{
	const char *cur = req_arg(r, name);

	html_fmt(b, "<select id=\"f-%s\" name=\"%s\">\n<option value=\"\">%s</option>\n", name,
		 name, layout_t(r, "Any"));
	for (size_t i = 0; i < n; i++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", v[i],
			 cur && !strcmp(cur, v[i]) ? " selected" : "", label[i]);
	html_fmt(b, "</select>");
}

/* The form's fields: each a filter of the query language, under "More fields" (open
 * when one is filled). */
static void form_fields_html(struct req *r, struct sbuf *b, int open)
{
	struct region *rs = NULL;
	size_t nr = 0;
	struct err e = { 0 };
	const char *kinds[REC_KIND_COUNT], *klabels[REC_KIND_COUNT], **rv, **rl;
	const char *from = req_arg(r, "from"), *to = req_arg(r, "to"),
		   *article = req_arg(r, "article");

	if (region_list(r->store, r->pool, &rs, &nr, &e))
		nr = 0;
	rv = pool_calloc(r->pool, nr + 1, sizeof(*rv));
	rl = pool_calloc(r->pool, nr + 1, sizeof(*rl));
	for (size_t i = 0; i < nr; i++) {
		rv[i] = rs[i].code;
		rl[i] = region_label(r, rs, nr, rs[i].code);
	}
	for (int k = 0; k < REC_KIND_COUNT; k++) {
		kinds[k] = record_kind_name((enum record_kind)k);
		klabels[k] = layout_t(r, kind_labels[k]);
	}
	html_fmt(b, "<details class=\"search-fields\"%S><summary>%s</summary>\n<fieldset>"
		 "<legend>%s</legend>\n<p><label for=\"f-country\">%s</label> ",
		 open ? " open" : "", layout_t(r, "More fields"),
		 layout_t(r, "Narrow the search"), layout_t(r, "Country"));
	web_country_select(r, b, "country", req_arg(r, "country"), layout_t(r, "Any"));
	html_fmt(b, "</p>\n<p><label for=\"f-region\">%s</label> ", layout_t(r, "Region"));
	select_field(r, b, "region", rv, rl, nr);
	html_fmt(b, "</p>\n<p><label for=\"f-type\">%s</label> ", layout_t(r, "Type"));
	select_field(r, b, "type", kinds, klabels, REC_KIND_COUNT);
	html_fmt(b, "</p>\n<p><label for=\"f-article\">%s</label> <input id=\"f-article\" "
		 "name=\"article\" value=\"%s\" placeholder=\"coe-185/2\" maxlength=\"64\"></p>\n"
		 "<p><label for=\"f-from\">%s</label> <input id=\"f-from\" name=\"from\" "
		 "inputmode=\"numeric\" pattern=\"[0-9]{4}\" size=\"5\" maxlength=\"4\" "
		 "value=\"%s\"> <label for=\"f-to\">%s</label> <input id=\"f-to\" name=\"to\" "
		 "inputmode=\"numeric\" pattern=\"[0-9]{4}\" size=\"5\" maxlength=\"4\" "
		 "value=\"%s\"></p>\n</fieldset>\n</details>\n", layout_t(r, "Instrument article"),
		 article ? article : "", layout_t(r, "From year"), from ? from : "",
		 layout_t(r, "To year"), to ? to : "");
}

/* A hit's title: a provision by its law, its number and heading (and its section's,
 * for one without a heading); a case by its name and citation; a lesson by its
 * title. Text, in r's pool. */
static const char *hit_title(struct req *r, const struct search_hit *h)
{
	const char *title = h->title && *h->title ? h->title : "";

	if (h->eid) {
		const char *head = h->heading && *h->heading ? h->heading : h->eid;

		if (h->section)
			head = pool_printf(r->pool, "%s › %s", h->section, head);
		return *title ? pool_printf(r->pool, "%s — %s", title, head) : head;
	}
	if (h->kind == REC_CASE && h->citation)
		return *title ? pool_printf(r->pool, "%s, %s", title, h->citation) : h->citation;
	return *title ? title : h->heading ? h->heading : "";
}

int web_search(struct req *r, struct resp *out)
{
	const char *q = req_arg(r, "q"), *page_s = req_arg(r, "page"), *full;
	struct search_result *res = NULL;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	int page = 1, status = 200, fields;

	if (page_s && num_int(page_s, 1, LIMIT_OFFSET_MAX / PAGE + 1, &page))
		page = 1;
	full = form_query(r, q, &fields);
	out->content_type = "text/html; charset=utf-8";
	out->cache_control = "no-store";
	if (*full && search_run(r->store, r->pool, r->actor, full, PAGE, (page - 1) * PAGE, &res,
				&e)) {
		status = http_status_of(e.code);
		if (status >= 500)
			return http_fail(r, out, &e);
	}
	layout_begin(r, b, *full ? pool_printf(r->pool, "%s: %s", layout_t(r, "Search"), full) :
				   layout_t(r, "Search"), "search");
	html_fmt(b, "<h1>%s</h1>\n<form method=\"get\" action=\"/search\" role=\"search\">"
		 "<label for=\"q\">%s</label> <input id=\"q\" name=\"q\" type=\"search\" "
		 "value=\"%s\" maxlength=\"%d\"> <button>%s</button>\n", layout_t(r, "Search"),
		 layout_t(r, "Words, \"phrases\", OR, -exclude, prefix*, country:KE, type:case, "
			     "article:un-cc/7, year:2015..2020, lang:fr"),
		 q ? q : "", LIMIT_QUERY, layout_t(r, "Search"));
	form_fields_html(r, b, fields);
	if (r->lang_explicit)
		html_fmt(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">", lang_code(r->lang));
	html_fmt(b, "</form>\n");
	if (status != 200) {
		/* the query's own words and filter names stay as typed: no field labels */
		html_fmt(b, "<p class=\"error\" role=\"alert\">%s</p>\n",
			 layout_msg(r, e.msg, NULL, 0));
	} else if (res) {
		/* what the hits, the pages and the facets count */
		size_t n = (size_t)(res->partial ? res->partial_total : res->total),
		       first = (size_t)(page - 1) * PAGE + 1;

		/* "Matches: 3" when they are all on the page, else "Results 11–20 of 45" */
		html_fmt(b, "<p class=\"muted\" id=\"count\">%s · %s</p>\n",
			 res->nhits && (first > 1 || res->nhits < n) ?
			 layout_msg(r, pool_printf(r->pool, "Results %zu–%zu of %zu", first,
						   first + res->nhits - 1, n), NULL, 0) :
			 layout_msg(r, pool_printf(r->pool, "Matches: %zu", n), NULL, 0),
			 layout_msg(r, pool_printf(r->pool, res->lang_guessed ?
						   "Word forms of %s (guessed; lang: chooses)" :
						   "Word forms of %s",
						   lang_name((enum lang)res->lang)), NULL, 0));
		if (res->partial)
			html_fmt(b, "<p class=\"notice\" role=\"status\">%s (%s)</p>\n",
				 layout_t(r, res->message),
				 layout_msg(r, pool_printf(r->pool, "With all the words: %zu",
							   (size_t)res->total), NULL, 0));
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
		facets(r, b, full, res);
		html_fmt(b, "<ol class=\"hits\" start=\"%z\">\n", first);
		for (size_t i = 0; i < res->nhits; i++) {
			const struct search_hit *h = &res->hits[i];
			const char *where = h->section ? h->section_path : h->path;
			/* the record's own words (title, path, snippet) in its language */
			const char *lang = layout_lang(r, h->language);

			html_fmt(b, "<li><a class=\"hit-title\" href=\"");
			hit_href(r, b, h);
			html_fmt(b, "\"%S>%s</a>", lang, hit_title(r, h));
			if (where)
				html_fmt(b, "<br><span class=\"muted hit-path\"%S>%s</span>", lang,
					 where);
			html_fmt(b, "<br><span class=\"muted\">%s%s%s</span>\n<p>",
				 layout_t(r, kind_labels[h->kind]), h->country ? " · " : "",
				 h->country ? web_country_name(r, h->country) : "");
			if (*lang)
				html_fmt(b, "<span%S>", lang);
			html_marked(b, h->snippet);
			if (*lang)
				html_fmt(b, "</span>");
			html_fmt(b, "</p>");
			if (h->concept)
				mapped_to(r, b, h->articles ? h->articles : h->concept);
			html_fmt(b, "</li>\n");
		}
		html_fmt(b, "</ol>\n");
		if (!res->nhits)
			html_fmt(b, "<p>%s</p>\n", layout_t(r, "Nothing matches."));
		if (page > 1)
			html_fmt(b, "<a href=\"/search?q=%u&amp;page=%d%S\" rel=\"prev\">%s</a> ",
				 full, page - 1, r->lang_explicit ? pool_printf(
					 r->pool, "&amp;lang=%s", lang_code(r->lang)) : "",
				 layout_t(r, "Previous"));
		if ((long long)page * PAGE < (long long)n && res->nhits == PAGE)
			html_fmt(b, "<a href=\"/search?q=%u&amp;page=%d%S\" rel=\"next\">%s</a>",
				 full, page + 1, r->lang_explicit ? pool_printf(
					 r->pool, "&amp;lang=%s", lang_code(r->lang)) : "",
				 layout_t(r, "Next"));
		html_fmt(b, "</div>\n");
	}
	layout_end(r, b);
	return status;
}
