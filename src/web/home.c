#include "domain/country.h"
#include "domain/instrument.h"
#include "domain/record.h"
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
	/* a focal point's questionnaires to answer, first */
	if (web_home_campaigns(r, b, &e))
		return http_fail(r, out, &e);
	/* and their cooperation directory's entries to verify (web/directory.c) */
	if (web_home_directory(r, b, &e))
		return http_fail(r, out, &e);
	html_fmt(b, "<form method=\"get\" action=\"/search\" role=\"search\" class=\"home-search\">"
		 "<label for=\"q\">%s</label> <input id=\"q\" name=\"q\" type=\"search\" "
		 "maxlength=\"%d\"> <button>%s</button>%S%S%S</form>\n",
		 layout_t(r, "Search laws, cases and lessons"), LIMIT_QUERY, layout_t(r, "Search"),
		 r->lang_explicit ? "<input type=\"hidden\" name=\"lang\" value=\"" : "",
		 r->lang_explicit ? lang_code(r->lang) : "", r->lang_explicit ? "\">" : "");
	html_fmt(b, "<h2>%s</h2>\n<ul>\n<li><a href=\"", layout_t(r, "Browse"));
	layout_href(r, b, "/countries");
	html_fmt(b, "\">%s</a> <span class=\"muted\">(%s)</span></li>\n<li><a href=\"",
		 layout_t(r, "Countries"),
		 layout_plural(r, (long long)nc, "{n} country or area|{n} countries and areas"));
	layout_href(r, b, "/regions");
	html_fmt(b, "\">%s</a> <span class=\"muted\">(%s)</span></li>\n",
		 layout_t(r, "Regions"), layout_plural(r, (long long)nr, "{n} region|{n} regions"));
	/* an instrument's short name is as its authors write it (English) */
	for (size_t i = 0; i < ni; i++)
		html_fmt(b, "<li><a href=\"/instruments/%u%S\"%S>%s</a> <span class=\"muted\">"
			 "(%s)</span></li>\n", ins[i].id, layout_q(r), layout_lang(r, "en"),
			 ins[i].short_name,
			 layout_plural(r, ins[i].article_count, "{n} article|{n} articles"));
	html_fmt(b, "<li><a href=\"");
	layout_href(r, b, "/assistance");
	html_fmt(b, "\">%s</a> <span class=\"muted\">(%s)</span></li>\n</ul>\n",
		 layout_t(r, "Technical assistance"),
		 layout_t(r, "requests, offers, matches and funding"));
	html_fmt(b, "<h2>%s</h2>\n<ul>\n<li><a href=\"/directory%S\">%s</a></li>\n"
		 "<li><a href=\"/directory/ask%S\">%s</a></li>\n</ul>\n",
		 layout_t(r, "Cooperation directory"), layout_q(r),
		 layout_t(r, "Competent authorities and 24/7 points of contact"), layout_q(r),
		 layout_t(r, "Who do I ask?"));
	html_fmt(b, "<h2>%s</h2>\n<ul>\n"
		 "<li><a href=\"/laws%S\">%s</a></li>\n<li><a href=\"/cases%S\">%s</a></li>\n"
		 "<li><a href=\"/lessons%S\">%s</a></li>\n",
		 layout_t(r, "Repository"), layout_q(r), layout_t(r, "Laws"), layout_q(r),
		 layout_t(r, "Cases"), layout_q(r), layout_t(r, "Lessons"));
	/* what the visitor may use: reviewing for those who publish, importing for those
	 * who make records; the public is offered to sign in */
	if (!record_allow(r->actor, ACT_PUBLISH, NULL, NULL))
		html_fmt(b, "<li><a href=\"/review%S\">%s</a></li>\n", layout_q(r),
			 layout_t(r, "Review queue"));
	if (!record_allow(r->actor, ACT_CREATE, NULL, NULL))
		html_fmt(b, "<li><a href=\"/laws/import%S\">%s</a></li>\n", layout_q(r),
			 layout_t(r, "Import a law"));
	if (!(r->actor && r->actor->user_id))
		html_fmt(b, "<li><a href=\"/signin%S\">%s</a> <span class=\"muted\">%s</span>"
			 "</li>\n", layout_q(r), layout_t(r, "Sign in"),
			 layout_t(r, "For contributors and reviewers; accounts are made by the "
				     "operator."));
	html_fmt(b, "</ul>\n");
	html_fmt(b, "<h2>%s</h2>\n<p>%s <a href=\"/api/v1/openapi.json\"%S>"
		 "/api/v1/openapi.json</a></p>\n",
		 layout_t(r, "For programs"),
		 layout_t(r, "The same data is available as JSON; the API is described by "
			     "its OpenAPI document:"), layout_lang(r, "zxx"));
	layout_end(r, b);
	return 200;
}
