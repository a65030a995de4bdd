/* The lists of technical assistance (domain/assist.h): /assistance/offers (with the
 * form that offers assistance and the withdraw buttons), a provider's page, a donor's
 * page, /assistance/overlaps, /assistance/totals, each with its CSV, and the country
 * profile's "Assistance" section. Only what the domain lets the visitor read: a
 * provider's matches and a donor's funding are those of the requests the visitor may
 * read. */
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

/* Whether a path parameter names a CSV ("GIZ.csv"): then *name is what comes before. */
static int al_csv_param(struct req *r, const char *param, const char **name)
{
	size_t n = strlen(param);

	if (n > 4 && !strcmp(param + n - 4, ".csv")) {
		*name = pool_strndup(r->pool, param, n - 4);
		return 1;
	}
	*name = param;
	return 0;
}

/* ---- offers ---- */

/* Whether the visitor may offer for (or withdraw an offer of) organisation org. */
static int al_may_offer(const struct req *r, long long org)
{
	struct record rec = { .owner_org = org };

	return !record_allow(r->actor, ACT_OFFER, &rec, NULL);
}

static void al_offer_row(struct req *r, struct sbuf *b, const struct assist_offer *o,
			 int provider_col)
{
	html_fmt(b, "<tr data-offer=\"%S\"><td>%s</td>", pool_printf(r->pool, "%lld", o->id),
		 o->title);
	if (provider_col) {
		html_fmt(b, "<td>");
		aw_org_link(r, b, "providers", o->org_name);
		html_fmt(b, "</td>");
	}
	html_fmt(b, "<td>");
	for (const char *at = o->topics; at && *at;) {
		size_t len = strcspn(at, ",");

		html_fmt(b, "%S%s", at == o->topics ? "" : ", ",
			 aw_topic(r, pool_strndup(r->pool, at, len)));
		at += len + (at[len] != 0);
	}
	html_fmt(b, "</td><td><code%S>%s</code></td><td><code%S>%s</code></td><td>%s</td>"
		 "<td>%s</td><td>", layout_lang(r, "zxx"), *o->regions ? o->regions : "001",
		 layout_lang(r, "zxx"), o->languages, aw_modes(r, o->modes),
		 layout_number(r, o->capacity));
	if (o->period_from)
		html_fmt(b, "%s – %s", layout_date(r, o->period_from), layout_date(r, o->period_to));
	html_fmt(b, "</td><td>");
	if (o->withdrawn_at)
		html_fmt(b, "%s %s", T("withdrawn"), layout_date(r, o->withdrawn_at));
	else if (al_may_offer(r, o->org)) {
		html_fmt(b, "<form method=\"post\" class=\"inline\" action=\"");
		layout_href(r, b, pool_printf(r->pool, "/assistance/offers/%lld/withdraw", o->id));
		html_fmt(b, "\">");
		layout_csrf(r, b);
		html_fmt(b, "<button>%s</button></form>", T("Withdraw"));
	}
	html_fmt(b, "</td></tr>\n");
}

static void al_offers_table(struct req *r, struct sbuf *b, const struct assist_offer *v,
			    size_t n, int provider_col)
{
	static const char *const head[] = { "Offer", "Provider", "Topics", "Regions",
					    "Languages", "Delivery modes", "Activities a year",
					    "Period", "Status", NULL };
	static const char *const head_own[] = { "Offer", "Topics", "Regions", "Languages",
						"Delivery modes", "Activities a year", "Period",
						"Status", NULL };

	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No offers yet."));
		return;
	}
	html_fmt(b, "<div class=\"scroll\">\n");
	web_table_begin(r, b, provider_col ? head : head_own);
	for (size_t i = 0; i < n; i++)
		al_offer_row(r, b, &v[i], provider_col);
	html_fmt(b, "</tbody>\n</table>\n</div>\n");
}

static void al_offer_form(struct req *r, struct sbuf *b, const char *error)
{
	const char *topics[32], *topic_labels[32];
	size_t nt = 0;

	for (size_t i = 0; i < need_topic_count && nt < NELEM(topics); i++, nt++) {
		topics[nt] = need_topics[i].key;
		topic_labels[nt] = need_topics[i].name;
	}
	html_fmt(b, "<h2 id=\"offer\">%s</h2>\n", T("Offer assistance"));
	web_message(b, error, 1);
	html_fmt(b, "<form method=\"post\" class=\"record\" action=\"");
	layout_href(r, b, "/assistance/offers");
	html_fmt(b, "\">\n");
	if (aw_curator(r))
		html_fmt(b, "<div><label for=\"o-org\">%s</label>\n<input id=\"o-org\" name=\"org\" "
			 "value=\"%s\"></div>\n", T("Organisation"), aw_form_or(r, "org", ""));
	html_fmt(b, "<div><label for=\"o-title\">%s</label>\n<input id=\"o-title\" "
		 "name=\"title\" maxlength=\"%d\" value=\"%s\"></div>\n", T("Title"),
		 LIMIT_ASSIST_TITLE, aw_form_or(r, "title", ""));
	aw_checkboxes(r, b, "topics", T("Topics"), topics, topic_labels, nt,
		      r->form ? aw_form_list(r, "topics") : NULL);
	html_fmt(b, "<div><label for=\"o-regions\">%s</label>\n<input id=\"o-regions\" "
		 "name=\"regions\" value=\"%s\" placeholder=\"002,142\" "
		 "aria-describedby=\"o-regions-hint\"><p id=\"o-regions-hint\" class=\"hint\">%s"
		 "</p></div>\n<div><label for=\"o-languages\">%s</label>\n<input "
		 "id=\"o-languages\" name=\"languages\" value=\"%s\" placeholder=\"en,fr\"></div>\n",
		 T("Regions"), aw_form_or(r, "regions", ""),
		 T("UN M49 region codes separated by commas; none: the world."), T("Languages"),
		 aw_form_or(r, "languages", ""));
	aw_checkboxes(r, b, "modes", T("Delivery modes"), (const char *const *)assist_modes,
		      aw_mode_labels, AW_MODES, r->form ? aw_form_list(r, "modes") : NULL);
	html_fmt(b, "<div><label for=\"o-capacity\">%s</label>\n<input id=\"o-capacity\" "
		 "name=\"capacity\" inputmode=\"numeric\" value=\"%s\"></div>\n<div><label "
		 "for=\"o-from\">%s</label>\n<input id=\"o-from\" name=\"period_from\" "
		 "type=\"date\" value=\"%s\"></div>\n<div><label for=\"o-to\">%s</label>\n<input "
		 "id=\"o-to\" name=\"period_to\" type=\"date\" value=\"%s\"></div>\n",
		 T("Activities a year"), aw_form_or(r, "capacity", ""), T("Offered from"),
		 aw_form_or(r, "period_from", ""), T("Offered until"),
		 aw_form_or(r, "period_to", ""));
	web_form_end(r, b, T("Offer"));
}

/* Whether the visitor may offer at all: a provider account, a curator. */
static int al_may_offer_any(const struct req *r)
{
	return aw_curator(r) || (r->actor && r->actor->user_id && r->actor->org_id &&
				 al_may_offer(r, r->actor->org_id));
}

static int al_offers_page(struct req *r, struct resp *out, int status, const char *error)
{
	struct assist_offer *v;
	size_t n;
	int all = req_arg(r, "all") != NULL;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (assist_offer_list(r->store, r->pool, all, &v, &n, &e))
		return http_fail(r, out, &e);
	if (r->route_data) {
		aw_csv_begin(r, out, "offers.csv");
		assist_csv_offers(&out->body, r->pool, v, n);
		return 200;
	}
	web_page_begin(r, out, T("Offers of assistance"), "assistance", "no-store");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/assistance%S\">%s</a></p>\n", layout_q(r),
		 T("Technical assistance"));
	web_heading(b, T("Offers of assistance"),
		    T("What providers offer: topics, regions, languages, delivery modes and "
		      "how many activities a year."));
	html_fmt(b, "<p><a href=\"");
	layout_href(r, b, all ? "/assistance/offers" : "/assistance/offers?all=1");
	html_fmt(b, "\">%s</a></p>\n", T(all ? "Offers open now" : "Also the withdrawn offers"));
	{
		size_t from, to;
		int page = aw_page(r, n, &from, &to);
		const char *q = layout_q(r);

		al_offers_table(r, b, v + from, to - from, 1);
		aw_pager(r, b, all ? pool_printf(r->pool, "/assistance/offers?all=1%s%s",
						 *q ? "&amp;" : "", *q ? q + 1 : "") :
			 pool_printf(r->pool, "/assistance/offers%s", q), n, page);
	}
	html_fmt(b, "<p><a href=\"/assistance/offers.csv%S\">CSV</a></p>\n", all ? "?all=1" : "");
	if (al_may_offer_any(r))
		al_offer_form(r, b, error);
	layout_end(r, b);
	return out->status = status;
}

int web_assistance_offers(struct req *r, struct resp *out)
{
	struct assist_offer_in in;
	long long id;
	struct err e = { 0 };

	if (r->method & (HTTP_GET | HTTP_HEAD))
		return al_offers_page(r, out, 200, NULL);
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	memset(&in, 0, sizeof(in));
	in.org = req_form(r, "org");
	in.title = req_form(r, "title");
	in.topics = aw_form_list(r, "topics");
	in.regions = req_form(r, "regions");
	in.languages = req_form(r, "languages");
	in.modes = aw_form_list(r, "modes");
	in.capacity = req_form(r, "capacity");
	in.period_from = req_form(r, "period_from");
	in.period_to = req_form(r, "period_to");
	if (assist_offer_add(r->store, r->pool, r->actor, &in, &id, &e)) {
		if (e.code == ERR_FORBIDDEN || http_status_of(e.code) >= 500)
			return http_fail(r, out, &e);
		return al_offers_page(r, out, http_status_of(e.code), aw_msg(r, e.msg));
	}
	return web_redirect(r, out, "/assistance/offers");
}

int web_assistance_offer_withdraw(struct req *r, struct resp *out)
{
	long long id = num_id(r->params[0]);
	struct err e = { 0 };

	if (!id)
		return http_error(r, out, 404, "There is no such page.");
	if (req_form_parse(r, &e) ||
	    assist_offer_withdraw(r->store, r->pool, r->actor, id, &e))
		return http_fail(r, out, &e);
	return web_redirect(r, out, "/assistance/offers");
}

/* ---- providers and donors ---- */

/* The matches (provider) or funding (donor) of organisation org on the requests the
 * visitor may read, each with its request (assist_org_matches, assist_org_funds). */
struct al_of_org {
	const struct assist_request *q;
	struct assist_match *m;
	struct assist_fund *f;
};

static int al_org_rows(struct req *r, long long org, int funds, struct al_of_org **out,
		       size_t *nout, struct err *e)
{
	const struct assist_request **q;
	struct assist_match *m = NULL;
	struct assist_fund *f = NULL;
	size_t n;
	int rc = funds ? assist_org_funds(r->store, r->pool, r->actor, org, &f, &q, &n, e) :
			 assist_org_matches(r->store, r->pool, r->actor, org, &m, &q, &n, e);

	*nout = 0;
	*out = NULL;
	if (rc)
		return rc;
	*out = pool_calloc(r->pool, n ? n : 1, sizeof(**out));
	for (size_t i = 0; i < n; i++)
		(*out)[i] = (struct al_of_org){ q[i], funds ? NULL : &m[i], funds ? &f[i] : NULL };
	*nout = n;
	return ERR_OK;
}

/* The activities org provided (of the requests the visitor may read) and how the
 * beneficiaries rated them. */
static void al_provider_activities(struct req *r, struct sbuf *b, const struct org *o,
				   const struct assist_activity *v, size_t n)
{
	static const char *const head[] = { "Activity", "Country", "Dates", "Rating", NULL };
	int any = 0;
	long long sum = 0, rated = 0;

	html_fmt(b, "<h2 id=\"activities\">%s</h2>\n", T("Activities and their evaluations"));
	for (size_t i = 0; i < n; i++) {
		int ours = 0;

		for (size_t j = 0; j < v[i].nproviders; j++)
			ours |= v[i].providers[j].id == o->id;
		if (!ours)
			continue;
		if (!any++) {
			html_fmt(b, "<div class=\"scroll\">\n");
			web_table_begin(r, b, head);
		}
		html_fmt(b, "<tr><td><a href=\"");
		layout_href(r, b, pool_printf(r->pool, "/assistance/%lld", v[i].request));
		html_fmt(b, "#activities\">%s</a></td><td>%s</td><td>%s – %s</td><td>%S</td></tr>\n",
			 v[i].title, web_country_name(r, v[i].country),
			 layout_date(r, v[i].date_from), layout_date(r, v[i].date_to),
			 v[i].rating ? pool_printf(r->pool, "%d / 5", v[i].rating) : "");
		if (v[i].rating) {
			sum += v[i].rating;
			rated++;
		}
	}
	if (!any) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No activity recorded yet."));
		return;
	}
	html_fmt(b, "</tbody>\n</table>\n</div>\n");
	if (rated)
		html_fmt(b, "<p id=\"mean-rating\">%s: <strong>%S</strong> (%s)</p>\n",
			 T("Mean evaluation"), pool_printf(r->pool, "%.1f / 5", (double)sum /
							   (double)rated),
			 layout_plural(r, rated, "{n} evaluation|{n} evaluations"));
}

int web_assistance_provider(struct req *r, struct resp *out)
{
	static const char *const head[] = { "Request", "Country", "Status", "Score", "Stage",
					    NULL };
	static const char *const status_titles[AM_STATUS_COUNT] = { "confirmed", "accepted",
								    "declined" };
	struct org *o;
	struct assist_offer *v;
	struct assist_activity *acts;
	struct al_of_org *rows;
	size_t n, nrows, nacts, k = 0;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *name;

	int csv = al_csv_param(r, r->params[0], &name);

	if (org_get(r->store, r->pool, name, &o, NULL))
		return http_error(r, out, 404, "There is no such page.");
	if (assist_offer_list(r->store, r->pool, 1, &v, &n, &e) ||
	    al_org_rows(r, o->id, 0, &rows, &nrows, &e) ||
	    assist_org_activities(r->store, r->pool, r->actor, o->id, &acts, &nacts, &e))
		return http_fail(r, out, &e);
	for (size_t i = 0; i < n; i++)
		if (v[i].org == o->id)
			v[k++] = v[i];
	if (csv) {	/* its matches */
		struct assist_match *m = pool_calloc(r->pool, nrows ? nrows : 1, sizeof(*m));
		const struct assist_request **q = pool_calloc(r->pool, nrows ? nrows : 1,
							      sizeof(*q));

		for (size_t i = 0; i < nrows; i++) {
			m[i] = *rows[i].m;
			q[i] = rows[i].q;
		}
		aw_csv_begin(r, out, "matches.csv");
		assist_csv_matches(&out->body, r->pool, m, q, o->name, nrows);
		return 200;
	}
	web_page_begin(r, out, o->name, "assistance", "no-store");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/assistance%S\">%s</a> › <a "
		 "href=\"/assistance/offers%S\">%s</a></p>\n<h1>%s</h1>\n<p class=\"muted\">%s</p>\n",
		 layout_q(r), T("Technical assistance"), layout_q(r), T("Offers"), o->name,
		 T("Provider of technical assistance"));
	html_fmt(b, "<h2 id=\"offers\">%s</h2>\n", T("Offers"));
	al_offers_table(r, b, v, k, 0);
	html_fmt(b, "<h2 id=\"matches\">%s</h2>\n", T("Matches"));
	if (!nrows) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No match yet."));
	} else {
		html_fmt(b, "<div class=\"scroll\">\n");
		web_table_begin(r, b, head);
		for (size_t i = 0; i < nrows; i++) {
			html_fmt(b, "<tr><td>");
			aw_request_link(r, b, rows[i].q);
			html_fmt(b, "</td><td>%s</td><td>%s</td><td>%S</td><td>%s</td></tr>\n",
				 web_country_name(r, rows[i].q->country),
				 T(status_titles[rows[i].m->status]),
				 pool_printf(r->pool, "%.2f", rows[i].m->score),
				 aw_stage(r, rows[i].q->stage));
		}
		html_fmt(b, "</tbody>\n</table>\n</div>\n");
	}
	html_fmt(b, "<p><a href=\"/assistance/providers/%u\">CSV</a></p>\n",
		 pool_printf(r->pool, "%s.csv", o->name));
	al_provider_activities(r, b, o, acts, nacts);
	layout_end(r, b);
	return 200;
}

int web_assistance_donor(struct req *r, struct resp *out)
{
	static const char *const head[] = { "Request", "Country", "Kind", "Amount", "Date",
					    NULL };
	static const char *const thead[] = { "Currency", "Pledged", "Disbursed", NULL };
	struct org *o;
	struct al_of_org *rows;
	struct assist_sum *sums;
	struct aw_ctx k;
	size_t nrows, nsums;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *name;
	int csv = al_csv_param(r, r->params[0], &name), any = 0;

	aw_ctx_init(&k, r);
	if (org_get(r->store, r->pool, name, &o, NULL) || o->kind != ORG_DONOR)
		return http_error(r, out, 404, "There is no such page.");
	if (al_org_rows(r, o->id, 1, &rows, &nrows, &e) ||
	    assist_totals(r->store, r->pool, r->actor, "donor", &sums, &nsums, &e))
		return http_fail(r, out, &e);
	if (csv) {
		struct assist_fund *f = pool_calloc(r->pool, nrows ? nrows : 1, sizeof(*f));

		for (size_t i = 0; i < nrows; i++)
			f[i] = *rows[i].f;
		aw_csv_begin(r, out, "donor.csv");
		assist_csv_funds(&out->body, r->pool, f, nrows, aw_minor, &k);
		return 200;
	}
	web_page_begin(r, out, o->name, "assistance", "no-store");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/assistance%S\">%s</a> › <a "
		 "href=\"/assistance/totals%S\">%s</a></p>\n<h1>%s</h1>\n<p class=\"muted\">%s</p>\n",
		 layout_q(r), T("Technical assistance"), layout_q(r), T("Funding totals"),
		 o->name, T("Donor"));
	html_fmt(b, "<h2 id=\"totals\">%s</h2>\n", T("Totals by currency"));
	for (size_t i = 0; i < nsums; i++) {
		if (!sums[i].key || strcmp(sums[i].key, o->name))
			continue;
		if (!any++) {
			html_fmt(b, "<div class=\"scroll\">\n");
			web_table_begin(r, b, thead);
		}
		html_fmt(b, "<tr><td>%s</td><td class=\"amount\">%s</td><td class=\"amount\">%s"
			 "</td></tr>\n", sums[i].currency,
			 aw_amount(&k, sums[i].currency, sums[i].pledged),
			 aw_amount(&k, sums[i].currency, sums[i].disbursed));
	}
	if (any)
		html_fmt(b, "</tbody>\n</table>\n</div>\n");
	else
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No funding recorded."));
	html_fmt(b, "<h2 id=\"funding\">%s</h2>\n", T("Pledges and disbursements"));
	if (nrows) {
		html_fmt(b, "<div class=\"scroll\">\n");
		web_table_begin(r, b, head);
		for (size_t i = 0; i < nrows; i++) {
			html_fmt(b, "<tr><td>");
			aw_request_link(r, b, rows[i].q);
			html_fmt(b, "</td><td>%s</td><td>%s</td><td class=\"amount\">%s</td><td>%s"
				 "</td></tr>\n", web_country_name(r, rows[i].q->country),
				 T(rows[i].f->kind == AF_PLEDGE ? "pledge" : "disbursement"),
				 aw_amount(&k, rows[i].f->currency, rows[i].f->amount),
				 layout_date(r, rows[i].f->on_date));
		}
		html_fmt(b, "</tbody>\n</table>\n</div>\n");
	}
	html_fmt(b, "<p><a href=\"/assistance/donors/%u\">CSV</a></p>\n",
		 pool_printf(r->pool, "%s.csv", o->name));
	layout_end(r, b);
	return 200;
}

/* ---- overlaps ---- */

int web_assistance_overlaps(struct req *r, struct resp *out)
{
	static const char *const head[] = { "Request", "Request", "Country", "Topic", "Why",
					    NULL };
	struct assist_overlap *v;
	size_t n;
	const char *country = req_arg(r, "country");
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (country && !*country)
		country = NULL;
	if (assist_overlaps(r->store, r->pool, r->actor, country, &v, &n, &e))
		return http_fail(r, out, &e);
	if (r->route_data) {
		aw_csv_begin(r, out, "overlaps.csv");
		assist_csv_overlaps(&out->body, r->pool, v, n);
		return 200;
	}
	web_page_begin(r, out, T("Duplication warnings"), "assistance", "no-store");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/assistance%S\">%s</a></p>\n", layout_q(r),
		 T("Technical assistance"));
	web_heading(b, T("Duplication warnings"),
		    T("Two open requests on the same topic in the same country, in overlapping "
		      "periods, for the same beneficiary institution or the same target group."));
	html_fmt(b, "<form method=\"get\" action=\"/assistance/overlaps\" class=\"filters\">\n"
		 "<label for=\"f-country\">%s</label>\n", T("Country"));
	web_country_select(r, b, "country", country, T("All countries"));
	html_fmt(b, "<button>%s</button>\n</form>\n", T("Show"));
	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No duplication found."));
	} else {
		size_t from, to;
		int page = aw_page(r, n, &from, &to);
		const char *q = layout_q(r);
		struct sbuf base;

		html_fmt(b, "<div class=\"scroll\">\n");
		web_table_begin(r, b, head);
		for (size_t i = from; i < to; i++) {
			html_fmt(b, "<tr><td>");
			aw_request_link(r, b, v[i].a);
			html_fmt(b, "<br><span class=\"muted\">%s</span></td><td>", v[i].a->beneficiary);
			aw_request_link(r, b, v[i].b);
			html_fmt(b, "<br><span class=\"muted\">%s</span></td><td>%s</td><td>%s</td>"
				 "<td>%s%S%s%S</td></tr>\n", v[i].b->beneficiary,
				 web_country_name(r, v[i].a->country), aw_topic(r, v[i].a->topic),
				 T(v[i].kind == AO_BENEFICIARY ? "the same beneficiary institution" :
				   "the same target group"), v[i].kind == AO_TARGET ? " (" : "",
				 v[i].kind == AO_TARGET ? aw_targets(r, v[i].target) : "",
				 v[i].kind == AO_TARGET ? ")" : "");
		}
		html_fmt(b, "</tbody>\n</table>\n</div>\n");
		sbuf_init(&base);
		html_fmt(&base, "/assistance/overlaps?country=%u%S%S", country ? country : "",
			 *q ? "&amp;" : "", *q ? q + 1 : "");
		aw_pager(r, b, pool_strdup(r->pool, sbuf_str(&base)), n, page);
		sbuf_release(&base);
	}
	html_fmt(b, "<p><a href=\"/assistance/overlaps.csv?country=%u\">CSV</a></p>\n",
		 country ? country : "");
	layout_end(r, b);
	return 200;
}

/* ---- totals ---- */

int web_assistance_totals(struct req *r, struct resp *out)
{
	static const char *const titles[AB_COUNT] = { "Donor", "Country", "Region", "Topic" };
	static const char *const head_tail[] = { "Currency", "Pledged", "Disbursed" };
	struct assist_sum *v;
	struct aw_ctx k;
	size_t n;
	const char *by = req_arg(r, "by");
	int ib = 0;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	aw_ctx_init(&k, r);
	if (!by || !*by)
		by = assist_by_names[0];
	for (ib = 0; ib < AB_COUNT && strcmp(by, assist_by_names[ib]); ib++)
		;
	if (assist_totals(r->store, r->pool, r->actor, by, &v, &n, &e))
		return http_fail(r, out, &e);
	if (r->route_data) {
		aw_csv_begin(r, out, pool_printf(r->pool, "totals-%s.csv", assist_by_names[ib]));
		assist_csv_totals(&out->body, r->pool, assist_by_names[ib], v, n);
		return 200;
	}
	web_page_begin(r, out, T("Funding totals"), "assistance", "no-store");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/assistance%S\">%s</a></p>\n", layout_q(r),
		 T("Technical assistance"));
	web_heading(b, T("Funding totals"),
		    T("Pledged and disbursed, per currency (never converted), over the requests "
		      "you may read."));
	html_fmt(b, "<ul class=\"tabs\">\n");
	for (int i = 0; i < AB_COUNT; i++)
	{
		html_fmt(b, "<li%S><a href=\"", i == ib ? " class=\"current\" "
			 "aria-current=\"page\"" : "");
		layout_href(r, b, pool_printf(r->pool, "/assistance/totals?by=%s",
					      assist_by_names[i]));
		html_fmt(b, "\">%s</a></li>\n", T(titles[i]));
	}
	html_fmt(b, "</ul>\n");
	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No funding recorded."));
	} else {
		html_fmt(b, "<div class=\"scroll\">\n<table>\n<thead><tr><th scope=\"col\">%s</th>",
			 T(titles[ib]));
		for (size_t i = 0; i < NELEM(head_tail); i++)
			html_fmt(b, "<th scope=\"col\">%s</th>", T(head_tail[i]));
		html_fmt(b, "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			html_fmt(b, "<tr><td>");
			if (ib == AB_DONOR)
				aw_org_link(r, b, "donors", v[i].key);
			else if (ib == AB_COUNTRY)
				html_fmt(b, "%s", web_country_name(r, v[i].key));
			else if (ib == AB_TOPIC)
				html_fmt(b, "%s", aw_topic(r, v[i].key));
			else
				html_fmt(b, "<a href=\"/regions/%u%S\">%s</a>", v[i].key ? v[i].key : "",
					 layout_q(r), v[i].key);
			html_fmt(b, "</td><td>%s</td><td class=\"amount\">%s</td><td class=\"amount\">"
				 "%s</td></tr>\n", v[i].currency,
				 aw_amount(&k, v[i].currency, v[i].pledged),
				 aw_amount(&k, v[i].currency, v[i].disbursed));
		}
		html_fmt(b, "</tbody>\n</table>\n</div>\n");
	}
	html_fmt(b, "<p><a href=\"/assistance/totals.csv?by=%s\">CSV</a></p>\n",
		 assist_by_names[ib]);
	layout_end(r, b);
	return 200;
}

/* ---- the country profile ---- */

int web_country_assistance(struct req *r, struct sbuf *b, const struct country *c,
			   struct err *e)
{
	struct assist_request *v;
	struct assist_activity *acts;
	struct assist_trained *tr;
	size_t n, count[AS_STAGE_COUNT] = { 0 }, met = 0, nacts, ntr, delivered = 0;
	const char *today = pool_strndup(r->pool, record_now(r->pool), 10);
	int rc;

	if ((rc = assist_request_list(r->store, r->pool, r->actor, c->alpha2, -1, &v, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (v[i].stage < AS_STAGE_COUNT)
			count[v[i].stage]++;
		/* the stated needs its requests name that were met */
		for (const char *at = v[i].needs; at && *at;) {
			size_t len = strcspn(at, ",");
			struct need_stated *st;

			if (!strncmp(at, "stated:", 7) &&
			    !needs_get(r->store, r->pool, r->actor,
				       num_id(pool_strndup(r->pool, at + 7, len - 7)), &st, NULL) &&
			    st->closed_at)
				met++;
			at += len + (at[len] != 0);
		}
	}
	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No requests found."));
	} else {
		html_fmt(b, "<ul class=\"stages\">\n");
		for (int s = 0; s < AS_STAGE_COUNT; s++) {
			if (!count[s])
				continue;
			html_fmt(b, "<li><a href=\"");
			layout_href(r, b, pool_printf(r->pool, "/assistance?country=%s&stage=%s",
						      c->alpha2, assist_stage_names[s]));
			html_fmt(b, "\">%s</a> <span class=\"count\" data-stage=\"%s\">%s</span>"
				 "</li>\n", aw_stage(r, s), assist_stage_names[s],
				 layout_number(r, (long long)count[s]));
		}
		html_fmt(b, "</ul>\n");
	}
	if ((rc = assist_activity_list(r->store, r->pool, r->actor, 0, c->alpha2, &acts, &nacts,
				       e)) ||
	    (rc = assist_trained(r->store, r->pool, r->actor, c->alpha2, 0, NULL, &tr, &ntr, e)))
		return rc;
	for (size_t i = 0; i < nacts; i++)
		delivered += strcmp(acts[i].date_to, today) <= 0;
	html_fmt(b, "<dl class=\"facts\">\n<dt>%s</dt><dd id=\"activities-delivered\">%s</dd>\n"
		 "<dt>%s</dt><dd id=\"people-trained\">%s</dd>\n<dt>%s</dt><dd id=\"needs-met\">"
		 "%s</dd>\n</dl>\n", T("Activities delivered"),
		 layout_number(r, (long long)delivered), T("People trained"),
		 layout_number(r, ntr ? tr[0].total : 0), T("Needs met through assistance"),
		 layout_number(r, (long long)met));
	html_fmt(b, "<p><a href=\"");
	layout_href(r, b, pool_printf(r->pool, "/assistance?country=%s", c->alpha2));
	html_fmt(b, "\">%s</a>", T("All requests of this country"));
	if (aw_may_request(r, c->alpha2))
		html_fmt(b, " · <a href=\"/assistance%S#add\">%s</a>", layout_q(r),
			 T("Request assistance"));
	html_fmt(b, "</p>\n");
	return ERR_OK;
}
