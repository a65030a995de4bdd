#include "domain/country.h"
#include "domain/instrument.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

int web_home(struct req *r, struct resp *out)
{
	struct country *countries;
	struct region *regions;
	struct instrument *ins;
	size_t nc, nr, ni;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (country_list(r->store, r->pool, &countries, &nc, &e) ||
	    region_list(r->store, r->pool, &regions, &nr, &e) ||
	    instrument_list(r->store, r->pool, &ins, &ni, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, layout_t(r, "Cybercrime repository"), "home", NULL);
	html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n<p>%s</p>\n",
		 layout_t(r, "Cybercrime repository and capacity-building platform"),
		 layout_t(r, "A shared repository of national cybercrime laws, case law and "
			     "lessons learned, measured against the international instruments, "
			     "for national authorities, UNODC and its regional offices, donors "
			     "and practitioners."),
		 layout_t(r, "It implements the General Assembly's call for technical "
			     "assistance and capacity-building to strengthen national measures "
			     "and international cooperation against cybercrime."));
	html_fmt(b, "<form method=\"get\" action=\"/search\" role=\"search\" class=\"home-search\">"
		 "<label for=\"q\">%s</label> <input id=\"q\" name=\"q\" type=\"search\" "
		 "maxlength=\"%d\"> <button>%s</button>%S%S%S</form>\n",
		 layout_t(r, "Search laws, cases and lessons"), LIMIT_QUERY, layout_t(r, "Search"),
		 r->lang_explicit ? "<input type=\"hidden\" name=\"lang\" value=\"" : "",
		 r->lang_explicit ? lang_code(r->lang) : "", r->lang_explicit ? "\">" : "");
	html_fmt(b, "<h2>%s</h2>\n<ul>\n<li><a href=\"", layout_t(r, "Browse"));
	layout_href(r, b, "/countries");
	html_fmt(b, "\">%s</a> <span class=\"muted\">(%z)</span></li>\n<li><a href=\"",
		 layout_t(r, "Countries"), nc);
	layout_href(r, b, "/regions");
	html_fmt(b, "\">%s</a> <span class=\"muted\">(%z)</span></li>\n",
		 layout_t(r, "Regions"), nr);
	for (size_t i = 0; i < ni; i++)
		html_fmt(b, "<li><a href=\"/instruments/%u%S\">%s</a> <span class=\"muted\">"
			 "(%d %s)</span></li>\n", ins[i].id, layout_q(r), ins[i].short_name,
			 ins[i].article_count, layout_t(r, "articles"));
	html_fmt(b, "</ul>\n");
	html_fmt(b, "<h2>%s</h2>\n<ul>\n"
		 "<li><a href=\"/laws%S\">%s</a></li>\n<li><a href=\"/cases%S\">%s</a></li>\n"
		 "<li><a href=\"/lessons%S\">%s</a></li>\n<li><a href=\"/review%S\">%s</a></li>\n"
		 "<li><a href=\"/laws/import%S\">%s</a></li>\n</ul>\n",
		 layout_t(r, "Repository"), layout_q(r), layout_t(r, "Laws"), layout_q(r),
		 layout_t(r, "Cases"), layout_q(r), layout_t(r, "Lessons"), layout_q(r),
		 layout_t(r, "Review queue"), layout_q(r), layout_t(r, "Import a law"));
	html_fmt(b, "<h2>%s</h2>\n<p>%s <a href=\"/api/v1/openapi.json\">"
		 "/api/v1/openapi.json</a>.</p>\n",
		 layout_t(r, "For programs"),
		 layout_t(r, "The same data is available as JSON; the API is described by "
			     "its OpenAPI document at"));
	layout_end(r, b);
	return 200;
}
