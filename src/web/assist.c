/* The list of technical assistance requests (domain/assist.h, issue 16;
 * docs/assistance.md "Pages"): /assistance with its filters (country, region, topic,
 * stage, urgency) and counts by stage, the form that adds a request (focal points for
 * their country, curators for any) and /assistance.csv. The request page is in
 * assist_request.c, the other lists in assist_lists.c. */
#include <limits.h>
#include <string.h>

#include "core/num.h"
#include "domain/assist.h"
#include "domain/country.h"
#include "domain/needs.h"
#include "domain/record.h"
#include "export/assist_csv.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/assist_web.h"
#include "web/web.h"

#define T(s) layout_t(r, s)
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- /assistance ---- */

/* The list's filters, from the query. */
struct aw_filter {
	const char *country, *region, *topic, *stage, *urgency;
	int st, urg;
	struct country *countries;	/* for the region filter: every country */
	size_t ncountries;
	struct region *g;
};

static const char *aw_arg(const struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v && *v ? v : NULL;
}

static int aw_filter_read(struct req *r, struct aw_filter *f, struct err *e)
{
	memset(f, 0, sizeof(*f));
	f->country = aw_arg(r, "country");
	f->region = aw_arg(r, "region");
	f->topic = aw_arg(r, "topic");
	f->stage = aw_arg(r, "stage");
	f->urgency = aw_arg(r, "urgency");
	f->st = -1;
	if (f->stage && (f->st = assist_stage_parse(f->stage)) < 0)
		return err_set(e, ERR_INVALID, "stage: '%.40s' is not a stage", f->stage);
	if (f->topic && !needs_topic(f->topic))
		return err_set(e, ERR_INVALID, "topic: '%.40s' is not one of the allowed values",
			       f->topic);
	if (f->urgency && (strlen(f->urgency) != 1 || f->urgency[0] < '1' ||
			   f->urgency[0] > '3'))
		return err_set(e, ERR_INVALID, "urgency: '%.20s' is not 1, 2 or 3", f->urgency);
	f->urg = f->urgency ? f->urgency[0] - '0' : 0;
	if (f->region) {
		if (region_get(r->store, r->pool, f->region, &f->g, NULL))
			return err_set(e, ERR_INVALID, "regions: '%.20s' is no M49 region",
				       f->region);
		if (country_list(r->store, r->pool, &f->countries, &f->ncountries, e))
			return e->code;
	}
	return ERR_OK;
}

/* Whether q passes f's filters other than the stage and the country (the domain's). */
static int aw_filter_pass(const struct aw_filter *f, const struct assist_request *q)
{
	if (f->topic && strcmp(q->topic, f->topic))
		return 0;
	if (f->urg && q->urgency != f->urg)
		return 0;
	if (f->g) {
		for (size_t i = 0; i < f->ncountries; i++)
			if (!strcmp(f->countries[i].alpha2, q->country))
				return region_contains(f->g, &f->countries[i]);
		return 0;
	}
	return 1;
}

/* The query string of f (for the CSV link and the stage counts), with stage, as an
 * attribute's markup (values percent-encoded, "&amp;" between them). */
static const char *aw_filter_query(struct req *r, const struct aw_filter *f, const char *stage)
{
	struct sbuf q;
	const char *v[][2] = { { "country", f->country }, { "region", f->region },
			       { "topic", f->topic }, { "urgency", f->urgency },
			       { "stage", stage } };
	const char *out;

	sbuf_init(&q);
	for (size_t i = 0; i < NELEM(v); i++)
		if (v[i][1]) {
			sbuf_adds(&q, q.len ? "&amp;" : "?");
			sbuf_adds(&q, v[i][0]);
			sbuf_adds(&q, "=");
			html_url(&q, v[i][1]);
		}
	if (r->lang_explicit)
		sbuf_addf(&q, "%slang=%s", q.len ? "&amp;" : "?", lang_code(r->lang));
	out = pool_strdup(r->pool, sbuf_str(&q));
	sbuf_release(&q);
	return out;
}

static void aw_filter_form(struct req *r, struct sbuf *b, const struct aw_filter *f)
{
	html_fmt(b, "<form method=\"get\" action=\"/assistance\" class=\"filters\">\n"
		 "<input type=\"hidden\" name=\"lang\" value=\"%s\"%S>\n"
		 "<label for=\"f-country\">%s</label>\n", lang_code(r->lang),
		 r->lang_explicit ? "" : " disabled", T("Country"));
	web_country_select(r, b, "country", f->country, T("All countries"));
	html_fmt(b, "<label for=\"a-region\">%s</label> <input id=\"a-region\" name=\"region\" "
		 "size=\"4\" value=\"%s\" placeholder=\"002\">\n<label for=\"a-topic\">%s</label>\n",
		 T("Region"), f->region ? f->region : "", T("Topic"));
	aw_topic_select(r, b, "a-topic", "topic", f->topic, 1);
	html_fmt(b, "<label for=\"a-stage\">%s</label>\n<select id=\"a-stage\" name=\"stage\">\n"
		 "<option value=\"\">%s</option>\n", T("Stage"), T("any"));
	for (int s = 0; s < AS_STAGE_COUNT; s++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", assist_stage_names[s],
			 s == f->st ? " selected" : "", aw_stage(r, s));
	html_fmt(b, "</select>\n<label for=\"a-urgency\">%s</label>\n<select id=\"a-urgency\" "
		 "name=\"urgency\">\n<option value=\"\">%s</option>\n", T("Urgency"), T("any"));
	for (int u = 1; u <= 3; u++)
		html_fmt(b, "<option value=\"%d\"%S>%s</option>\n", u,
			 u == f->urg ? " selected" : "", aw_urgency(r, u));
	html_fmt(b, "</select>\n<button>%s</button>\n</form>\n", T("Show"));
}

/* The counts by stage of v[0..n) (every stage), each a link to the list at it. */
static void aw_stage_counts(struct req *r, struct sbuf *b, const struct aw_filter *f,
			    const struct assist_request *v, size_t n)
{
	size_t count[AS_STAGE_COUNT] = { 0 };

	for (size_t i = 0; i < n; i++)
		if (v[i].stage < AS_STAGE_COUNT && aw_filter_pass(f, &v[i]))
			count[v[i].stage]++;
	html_fmt(b, "<ul class=\"stages\" aria-label=\"%s\">\n", T("Requests by stage"));
	for (int s = 0; s < AS_STAGE_COUNT; s++)
		html_fmt(b, "<li%S><a href=\"/assistance%S\">%s</a> <span class=\"count\" "
			 "data-stage=\"%s\">%s</span></li>\n", s == f->st ? " class=\"current\"" : "",
			 aw_filter_query(r, f, assist_stage_names[s]), aw_stage(r, s),
			 assist_stage_names[s], layout_number(r, (long long)count[s]));
	html_fmt(b, "</ul>\n");
}

static int aw_list_page(struct req *r, struct resp *out, int status, const char *error)
{
	static const char *const head[] = { "Request", "Country", "Topic", "Beneficiary "
					    "institution", "Urgency", "Stage", "Changed", NULL };
	struct aw_filter f;
	struct assist_request *v, *keep;
	struct aw_ctx k;
	size_t n, nk = 0, from, to;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	int page;

	aw_ctx_init(&k, r);
	if (aw_filter_read(r, &f, &e) ||
	    assist_request_list(r->store, r->pool, r->actor, f.country, -1, &v, &n, &e))
		return http_fail(r, out, &e);
	/* the rows the filters keep: all of them in the CSV, a page of them here */
	keep = pool_calloc(r->pool, n ? n : 1, sizeof(*keep));
	for (size_t i = 0; i < n; i++)
		if (aw_filter_pass(&f, &v[i]) && (f.st < 0 || (int)v[i].stage == f.st))
			keep[nk++] = v[i];
	if (r->route_data) {	/* /assistance.csv */
		aw_csv_begin(r, out, "assistance.csv");
		assist_csv_requests(&out->body, r->pool, keep, nk, aw_minor, &k);
		return 200;
	}
	web_feed_link(r, "kind=assistance-delivered", T("Developments (Atom feed)"));
	web_page_begin(r, out, T("Technical assistance"), "assistance", "no-store");
	web_heading(b, T("Technical assistance"),
		    T("Requests for technical assistance from countries, from the request to "
		      "its evaluation."));
	html_fmt(b, "<p class=\"links\"><a href=\"/assistance/offers%S\">%s</a> · "
		 "<a href=\"/assistance/overlaps%S\">%s</a> · <a href=\"/assistance/totals%S\">"
		 "%s</a></p>\n", layout_q(r), T("Offers"), layout_q(r), T("Duplication warnings"),
		 layout_q(r), T("Funding totals"));
	aw_filter_form(r, b, &f);
	aw_stage_counts(r, b, &f, v, n);
	page = aw_page(r, nk, &from, &to);
	for (size_t i = from; i < to; i++) {
		if (i == from) {
			html_fmt(b, "<div class=\"scroll\">\n");
			web_table_begin(r, b, head);
		}
		html_fmt(b, "<tr><td>");
		aw_request_link(r, b, &keep[i]);
		html_fmt(b, "%S</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
			 "<td>%s</td></tr>\n", strcmp(keep[i].tlp, "AMBER") ? "" :
			 " <span class=\"tag tlp-amber\">TLP:AMBER</span>",
			 web_country_name(r, keep[i].country), aw_topic(r, keep[i].topic),
			 keep[i].beneficiary, aw_urgency(r, keep[i].urgency),
			 aw_stage(r, keep[i].stage), layout_date(r, keep[i].updated_at));
	}
	if (from < to) {
		html_fmt(b, "</tbody>\n</table>\n</div>\n");
		aw_pager(r, b, pool_printf(r->pool, "/assistance%s", aw_filter_query(r, &f,
					   f.stage)), nk, page);
	} else
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No requests found."));
	html_fmt(b, "<p><a href=\"/assistance.csv%S\">CSV</a></p>\n",
		 aw_filter_query(r, &f, f.stage));
	if (aw_may_request(r, NULL))
		aw_request_form(r, b, error, NULL);
	layout_end(r, b);
	return out->status = status;
}

int web_assistance(struct req *r, struct resp *out)
{
	struct assist_request_in in;
	long long id;
	struct err e = { 0 };

	if (r->method & (HTTP_GET | HTTP_HEAD))
		return aw_list_page(r, out, 200, NULL);
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	aw_request_in(r, &in);
	if (assist_request_add(r->store, r->pool, r->actor, &in, &id, &e)) {
		if (e.code == ERR_FORBIDDEN || http_status_of(e.code) >= 500)
			return http_fail(r, out, &e);
		return aw_list_page(r, out, http_status_of(e.code), aw_msg(r, e.msg));
	}
	return web_redirect(r, out, pool_printf(r->pool, "/assistance/%lld", id));
}
