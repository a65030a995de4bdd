/* Developments (domain/dev.h): the page /developments (the filters as a form, the
 * period, the list with dates and countries, the feed's link; for a signed-in
 * account the form that makes a private feed address with a read token), the Atom
 * feed /feeds/developments.atom (the same filters as query parameters; RFC 4287 through
 * export/atom.h) and the pieces other pages use: the head's link to a feed, and a
 * development's title and HTML summary in the page's language.
 *
 * A feed is public unless its address carries a feed token (?token=, a read token
 * of the account: server.c reads it on /feeds/ only, and no session there): then it
 * shows what the account reads, is kept by no cache (Cache-Control: private,
 * no-store; the server's page cache keeps only the public's) and says so.
 * Conditional GET: the server's ETag of the body, and Last-Modified from the newest
 * entry's updated. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "domain/country.h"
#include "domain/dev.h"
#include "domain/needs.h"
#include "domain/record.h"
#include "domain/user.h"
#include "export/atom.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define T(s) layout_t(r, (s))

/* ---- the feed's authority (RFC 4151 tag URIs) ---- */

static char feed_authority[256] = "localhost";
static char feed_date[11] = "2026";

void web_set_feed_authority(const char *setting)
{
	const char *comma = setting ? strchr(setting, ',') : NULL;
	size_t n = comma ? (size_t)(comma - setting) : setting ? strlen(setting) : 0;

	if (n && n < sizeof(feed_authority)) {
		memcpy(feed_authority, setting, n);
		feed_authority[n] = 0;
	} else if (!n && !gethostname(feed_authority, sizeof(feed_authority) - 1)) {
		feed_authority[sizeof(feed_authority) - 1] = 0;
	}
	if (!feed_authority[0])
		snprintf(feed_authority, sizeof(feed_authority), "localhost");
	if (comma && strlen(comma + 1) < sizeof(feed_date))
		snprintf(feed_date, sizeof(feed_date), "%s", comma + 1);
}

/* ---- the query ---- */

static const char *arg(const struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v && *v ? v : NULL;
}

/* The query of the request's arguments (ERR_INVALID naming the parameter). */
static int query_of(struct req *r, struct dev_query *q, struct err *e)
{
	struct dev_params in = {
		.period = arg(r, "period"), .from = arg(r, "from"), .to = arg(r, "to"),
		.country = arg(r, "country"), .region = arg(r, "region"),
		.article = arg(r, "article"), .kind = arg(r, "kind"), .topic = arg(r, "topic"),
		.limit = arg(r, "limit"), .order = arg(r, "order"),
	};

	return dev_query_parse(r->store, r->pool, &in, NULL, q, e);
}

void web_feed_link(struct req *r, const char *query, const char *title)
{
	r->feed = pool_printf(r->pool, "/feeds/developments.atom?%s%slang=%s",
			      query ? query : "", query && *query ? "&" : "", lang_code(r->lang));
	r->feed_title = title;
}

/* ---- one development in the page's language ---- */

/* The country's (or a regional lesson's region's) name, from a small cache: most
 * entries of a list share one. */
struct names {
	const char *code, *name;
};

static const char *place_name(struct req *r, struct names *c, const struct dev *d)
{
	struct region *g;

	if (d->country) {
		if (!c->code || strcmp(c->code, d->country)) {
			c->code = d->country;
			c->name = web_country_name(r, d->country);
		}
		return c->name;
	}
	if (d->region && !region_get(r->store, r->pool, d->region, &g, NULL))
		return region_name(g, r->lang);
	return NULL;
}

/* What it is about: the record's or request's title; an article "coe-185/2 Illegal
 * access". Text. */
static const char *subject(struct req *r, const struct dev *d)
{
	if (d->kind == DEV_COVERED)
		return pool_printf(r->pool, "%s %s/%d: %s", T("Article"), d->instrument, d->article,
				   d->title ? d->title : "");
	return d->title ? d->title : "";
}

const char *web_dev_title(struct req *r, const struct dev *d)
{
	struct names c = { 0 };
	const char *place = place_name(r, &c, d);

	if (place)
		return pool_printf(r->pool, "%s: %s (%s)", T(dev_kind_titles[d->kind]),
				   subject(r, d), place);
	return pool_printf(r->pool, "%s: %s", T(dev_kind_titles[d->kind]), subject(r, d));
}

void web_dev_summary(struct req *r, struct sbuf *b, const struct dev *d, const char *base)
{
	struct names c = { 0 };
	const char *place = place_name(r, &c, d);

	html_fmt(b, "<p><strong>%s</strong> · %s", T(dev_kind_titles[d->kind]),
		 layout_date(r, d->date));
	if (place)
		html_fmt(b, " · %s", place);
	html_fmt(b, "</p>\n<p><a href=\"%s%s\"%S>%s</a></p>\n", base, d->path,
		 d->kind == DEV_COVERED ? "" : layout_lang(r, d->language), subject(r, d));
	if (d->diff_path)
		html_fmt(b, "<p><a href=\"%s%s\">%s</a></p>\n", base, d->diff_path,
			 T("What changed since the previous version"));
	if (d->detail && d->kind == DEV_CASE)
		html_fmt(b, "<p>%s: %s</p>\n", T("Court"), d->detail);
	else if (d->detail && d->kind == DEV_LESSON)
		html_fmt(b, "<p>%s: %s</p>\n", T("Topic"), d->detail);
	else if (d->detail && d->kind == DEV_ASSIST_DELIVERED)
		html_fmt(b, "<p>%s: %s</p>\n", T("Topic"), needs_topic(d->detail) ?
			 T(needs_topic(d->detail)->name) : d->detail);
}

/* ---- the page ---- */

static void kind_options(struct req *r, struct sbuf *b, const struct dev_query *q)
{
	int one = -1;

	for (int k = 0; k < DEV_KIND_COUNT; k++)
		if (q->kinds == (1u << k))
			one = k;
	html_fmt(b, "<div><label for=\"f-kind\">%s</label>\n<select id=\"f-kind\" name=\"kind\">"
		 "\n<option value=\"\">%s</option>\n", T("Kind"), T("any"));
	for (int k = 0; k < DEV_KIND_COUNT; k++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", dev_kind_names[k],
			 k == one ? " selected" : "", T(dev_kind_titles[k]));
	html_fmt(b, "</select></div>\n");
}

static void topic_options(struct req *r, struct sbuf *b, const struct dev_query *q)
{
	html_fmt(b, "<div><label for=\"f-topic\">%s</label>\n<select id=\"f-topic\" "
		 "name=\"topic\">\n<option value=\"\">%s</option>\n", T("Topic"), T("any"));
	for (size_t i = 0; i < need_topic_count; i++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", need_topics[i].key,
			 q->topic && !strcmp(q->topic, need_topics[i].key) ? " selected" : "",
			 T(need_topics[i].name));
	html_fmt(b, "</select></div>\n");
}

static void filters_form(struct req *r, struct sbuf *b, const struct dev_query *q)
{
	const char *article = q->instrument ? pool_printf(r->pool, "%s/%d", q->instrument,
							  q->article) : "";

	html_fmt(b, "<form method=\"get\" action=\"/developments\" class=\"filters\">\n");
	if (r->lang_explicit)
		html_fmt(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">\n",
			 lang_code(r->lang));
	html_fmt(b, "<div><label for=\"f-from\">%s</label>\n<input id=\"f-from\" name=\"from\" "
		 "type=\"date\" value=\"%s\"></div>\n<div><label for=\"f-to\">%s</label>\n"
		 "<input id=\"f-to\" name=\"to\" type=\"date\" value=\"%s\"></div>\n"
		 "<div><label for=\"f-country\">%s</label>\n", T("From"),
		 q->period.from, T("To"), q->period.to, T("Country"));
	web_country_select(r, b, "country", q->country[0] ? q->country : NULL, T("any"));
	html_fmt(b, "</div>\n<div><label for=\"f-region\">%s</label>\n<input id=\"f-region\" "
		 "name=\"region\" size=\"4\" value=\"%s\" inputmode=\"numeric\"></div>\n"
		 "<div><label for=\"f-article\">%s</label>\n<input id=\"f-article\" "
		 "name=\"article\" size=\"12\" value=\"%s\" placeholder=\"coe-185/2\"></div>\n",
		 T("Region (M49 code)"), q->region, T("Instrument article"), article);
	kind_options(r, b, q);
	topic_options(r, b, q);
	html_fmt(b, "<div><label for=\"f-limit\">%s</label>\n<input id=\"f-limit\" "
		 "name=\"limit\" type=\"number\" min=\"1\" max=\"%d\" value=\"%d\"></div>\n"
		 "<div><button>%s</button></div>\n</form>\n", T("At most"), DEV_LIMIT_MAX, q->limit,
		 T("Show"));
}

static void dev_table(struct req *r, struct sbuf *b, const struct dev *v, size_t n)
{
	struct names c = { 0 };

	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No developments in this period."));
		return;
	}
	web_table_begin(r, b, (const char *const[]){ "Date", "Kind", "Country", "Development",
						     NULL });
	for (size_t i = 0; i < n; i++) {
		const struct dev *d = &v[i];
		const char *place = place_name(r, &c, d);

		html_fmt(b, "<tr><td><time datetime=\"%s\">%s</time></td><td>%s</td><td>",
			 d->date, layout_date(r, d->date), T(dev_kind_titles[d->kind]));
		if (d->country)
			html_fmt(b, "<a href=\"/countries/%u%S\">%s</a>", d->country, layout_q(r),
				 place);
		else if (place)
			html_fmt(b, "%s", place);
		html_fmt(b, "</td><td><a href=\"%s%S\"%S>%s</a>", d->path, layout_q(r),
			 d->kind == DEV_COVERED ? "" : layout_lang(r, d->language), subject(r, d));
		if (d->diff_path)
			html_fmt(b, " · <a href=\"%s\">%s</a>", d->diff_path, T("What changed"));
		html_fmt(b, "</td></tr>\n");
	}
	html_fmt(b, "</tbody>\n</table>\n");
}

/* The private feed section: the form that makes a feed token, or the address just
 * made (shown once). */
static void private_feed(struct req *r, struct sbuf *b, const char *query, const char *made)
{
	if (!web_signed_in(r))
		return;
	html_fmt(b, "<section aria-labelledby=\"private-feed\">\n<h2 id=\"private-feed\">%s</h2>\n"
		 "<p>%s</p>\n", T("Your private feed"),
		 T("The feed above shows public records only. A private feed shows what your "
		   "account may read: its address holds a feed token (read only), which you can "
		   "revoke on your tokens page."));
	if (made)
		html_fmt(b, "<div class=\"note\" role=\"status\"><p><strong>%s</strong></p>\n"
			 "<p><code id=\"private-feed-url\">%s</code></p></div>\n",
			 T("Copy this address into your feed reader now: it is not shown again."),
			 made);
	html_fmt(b, "<form method=\"post\" class=\"record\" action=\"/developments\">\n"
		 "<input type=\"hidden\" name=\"query\" value=\"%s\">\n", query);
	web_form_end(r, b, T("Make a private feed address"));
	html_fmt(b, "<p><a href=\"");
	layout_href(r, b, "/account/tokens");
	html_fmt(b, "\">%s</a></p>\n</section>\n", T("Your API tokens"));
}

/* The base of absolute addresses: "https://host" from the request, or "". */
static const char *base_of(const struct req *r)
{
	return r->host ? pool_printf(r->pool, "%s://%s", r->secure ? "https" : "http", r->host)
		       : "";
}

static int page(struct req *r, struct resp *out, const char *made)
{
	struct dev_query q;
	struct dev *v;
	size_t n;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *qs;

	if (query_of(r, &q, &e) ||
	    dev_list(r->store, r->pool, r->actor, &q, &v, &n, NULL, &e))
		return http_fail(r, out, &e);
	qs = dev_query_string(r->pool, &q);
	web_feed_link(r, qs, T("Developments (Atom feed)"));
	web_page_begin(r, out, T("Developments"), "developments",
		       r->actor && r->actor->user_id ? "no-store" : NULL);
	web_heading(b, T("Developments"),
		    T("New and amended laws, new cases and lessons learned, articles newly "
		      "covered, campaigns opened and answered, and assistance delivered, newest "
		      "first, with the date of each."));
	filters_form(r, b, &q);
	html_fmt(b, "<p>%s</p>\n", pool_printf(r->pool, "%s: %s – %s", T("Period"),
					       layout_date(r, q.period.from),
					       layout_date(r, q.period.to)));
	dev_table(r, b, v, n);
	html_fmt(b, "<p><a class=\"feed\" href=\"%s\" type=\"application/atom+xml\">%s</a> · "
		 "<a href=\"/api/v1/developments%S%s\">JSON</a></p>\n", r->feed,
		 T("Follow these developments (Atom feed)"), *qs ? "?" : "", qs);
	private_feed(r, b, qs, made);
	layout_end(r, b);
	return 200;
}

/* POST /developments: a signed-in account makes a read token for a feed of the query
 * it posts, and sees the feed's address once. */
static int make_feed_token(struct req *r, struct resp *out)
{
	struct err e = { 0 };
	const char *query;
	char *id, *text;
	struct dev_query q;
	struct sbuf addr = SBUF_INIT;

	if (!web_signed_in(r))
		return web_redirect(r, out, "/signin?next=/developments");
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	query = req_form(r, "query");
	if (query && strlen(query) > 1000)
		return http_error(r, out, 400, "query: longer than 1000 bytes");
	/* the feed's filters are the page's: the query posted, checked as a page's */
	{
		char *copy = pool_strdup(r->pool, query ? query : ""), *save = NULL;

		r->nargs = 0;
		for (char *t = strtok_r(copy, "&", &save); t && r->nargs < REQ_MAX_ARGS - 1;
		     t = strtok_r(NULL, "&", &save)) {
			char *eq = strchr(t, '=');

			if (!eq)
				continue;
			*eq = 0;
			r->args[r->nargs].name = t;
			r->args[r->nargs++].value = eq + 1;
		}
	}
	if (query_of(r, &q, &e))
		return http_fail(r, out, &e);
	if (token_create(r->store, r->pool, r->actor->name, T("Developments feed"), SCOPE_READ,
			 time(NULL), &id, &text, &e))
		return http_fail(r, out, &e);
	html_fmt(&addr, "%s/feeds/developments.atom?", base_of(r));
	if (*dev_query_string(r->pool, &q))
		html_fmt(&addr, "%S&", dev_query_string(r->pool, &q));
	html_fmt(&addr, "lang=%s&token=%s", lang_code(r->lang), text);
	text = pool_strdup(r->pool, sbuf_str(&addr));
	sbuf_release(&addr);
	return page(r, out, text);
}

int web_developments(struct req *r, struct resp *out)
{
	if (r->method == HTTP_POST)
		return make_feed_token(r, out);
	return page(r, out, NULL);
}

/* ---- the feed ---- */

/* "2026-12-07T14:21:26Z" as time_t; 0 when it is not that. */
static time_t stored_time(const char *s)
{
	struct tm tm = { 0 };

	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			 &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

int web_feed_developments(struct req *r, struct resp *out)
{
	struct dev_query q;
	struct dev *v;
	size_t n;
	struct err e = { 0 };
	struct atom_feed f = { 0 };
	struct atom_entry *en;
	const char *newest, *qs, *base = base_of(r);
	int private = r->actor && r->actor->user_id;

	if (query_of(r, &q, &e))
		return http_fail(r, out, &e);
	if (!arg(r, "order"))	/* a feed reader wants what it has not seen yet first */
		q.order = DEV_BY_UPDATED;
	if (dev_list(r->store, r->pool, r->actor, &q, &v, &n, &newest, &e))
		return http_fail(r, out, &e);
	qs = dev_query_string(r->pool, &q);
	en = pool_calloc(r->pool, n ? n : 1, sizeof(*en));
	for (size_t i = 0; i < n; i++) {
		struct sbuf html = SBUF_INIT;

		en[i].id = atom_tag(r->pool, feed_authority, feed_date, v[i].key);
		en[i].title = web_dev_title(r, &v[i]);
		en[i].updated = v[i].updated;
		en[i].published = v[i].date;
		en[i].link = pool_printf(r->pool, "%s%s", base, v[i].path);
		en[i].category = dev_kind_names[v[i].kind];
		web_dev_summary(r, &html, &v[i], base);
		en[i].content = pool_strdup(r->pool, sbuf_str(&html));
		sbuf_release(&html);
	}
	f.id = atom_tag(r->pool, feed_authority, feed_date,
			pool_printf(r->pool, "developments%s%s", *qs ? "?" : "", qs));
	f.title = q.country[0] ? pool_printf(r->pool, "%s: %s", T("Developments"),
					     web_country_name(r, q.country)) :
		  T("Developments");
	f.subtitle = private ? T("What your account may read (a private feed: do not share "
				 "its address).") : T("Public records only.");
	f.updated = newest ? newest : pool_printf(r->pool, "%sT00:00:00Z", q.period.to);
	f.lang = lang_code(r->lang);
	f.self = pool_printf(r->pool, "%s/feeds/developments.atom?%s%slang=%s", base, qs,
			     *qs ? "&" : "", lang_code(r->lang));
	f.alternate = pool_printf(r->pool, "%s/developments?%s%slang=%s", base, qs,
				  *qs ? "&" : "", lang_code(r->lang));
	f.author = "ccrepo";
	f.generator = "ccrepo";
	f.entries = en;
	f.n = n;
	if (private)	/* the token is not written into the feed's own links */
		f.self = NULL;
	if (atom_write(&out->body, &f, &e))
		return http_fail(r, out, &e);
	out->content_type = "application/atom+xml; charset=utf-8";
	out->cache_control = private ? "private, no-store" : "public, max-age=300";
	if (newest && stored_time(newest))
		out->last_modified = http_date(r->pool, stored_time(newest));
	return 200;
}
