/* The needs pages (domain/needs.h): /countries/KE/needs with the forms to state and
 * close a need, the profile's "Needs" section, /needs (all countries, filters, the
 * needs shared in a region, the weights and their form for curators) and /needs.csv. Every score is shown with its terms and
 * the formula. */
#include <limits.h>
#include <string.h>

#include "core/num.h"
#include "domain/country.h"
#include "domain/limits.h"
#include "domain/needs.h"
#include "domain/questionnaire.h"
#include "domain/record.h"
#include "export/csv.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define T(s) layout_t(r, s)

static const char *arg(const struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v && *v ? v : NULL;
}

static int may_state(struct req *r, const char *country)
{
	struct record rec = { .country = country };

	return !record_allow(r->actor, ACT_NEED, &rec, NULL);
}

static void query_of(struct req *r, struct needs_query *q)
{
	memset(q, 0, sizeof(*q));
	q->at = arg(r, "at");
	q->region = arg(r, "region");
	q->topic = arg(r, "topic");
	q->target = arg(r, "target");
	q->dimension = arg(r, "dimension");
}

static const char *topic_name(struct req *r, const char *key)
{
	const struct need_term_def *t = needs_topic(key);

	return t ? T(t->name) : key;
}

static const char *target_name(struct req *r, const char *key)
{
	const struct need_term_def *t = needs_target(key);

	return t ? T(t->name) : key;
}

/* What the need is: the article (a link) with its status, or the stated topic. */
static void need_what(struct req *r, struct sbuf *b, const struct need *n)
{
	if (n->source == NEED_GAP) {
		html_fmt(b, "<a href=\"/instruments/%u/%d%S\">%s %d – %s</a> <span class=\"tag\">"
			 "%s</span>", n->article->instrument, n->article->number, layout_q(r),
			 strcmp(n->article->instrument, "un-cc") ? "CETS 185" : "UNCC",
			 n->article->number, n->article->title,
			 T(cov_status_label(n->cell->status)));
		if (n->cell->assessment)
			html_fmt(b, " <q>%s</q>", n->cell->assessment->note);
		for (size_t i = 0; i < n->cell->nevidence; i++)
			html_fmt(b, " <span class=\"muted\">· %s %s</span>",
				 n->cell->evidence[i].title, n->cell->evidence[i].num ?
				 n->cell->evidence[i].num : n->cell->evidence[i].eid);
		return;
	}
	if (n->source == NEED_ANSWER) {
		const struct qn_text *t = &n->question->text;

		html_fmt(b, "<a href=\"/campaigns/%S/answers/%u%S\">%s</a> <span class=\"tag\">"
			 "%s</span> <q%S>%s</q> <span class=\"muted\">· %s %s · %s</span>",
			 pool_printf(r->pool, "%lld", n->campaign->id), n->country, layout_q(r),
			 n->campaign->title, T("questionnaire answer"),
			 t->t[r->lang] ? "" : " lang=\"en\"",
			 t->t[r->lang] ? t->t[r->lang] : t->t[LANG_EN], T("answer"),
			 n->value->value, n->question->id);
		if (n->value->evidence && *n->value->evidence)
			html_fmt(b, " <span class=\"muted\">· %s</span>", n->value->evidence);
		return;
	}
	html_fmt(b, "%s <span class=\"tag\">%s</span>", topic_name(r, n->topic),
		 T("stated need"));
	if (n->stated->note && *n->stated->note)
		html_fmt(b, " <q>%s</q>", n->stated->note);
	html_fmt(b, " <span class=\"muted\">· %s · %s · %s</span>",
		 T(n->stated->urgency == 3 ? "urgency high" : n->stated->urgency == 2 ?
		   "urgency medium" : "urgency low"), n->stated->raised_by,
		 layout_date(r, n->stated->raised_at));
}

/* The terms of the score, written out. */
static void need_terms(struct req *r, struct sbuf *b, const struct need *n)
{
	const struct need_term *t = n->terms;

	if (n->source == NEED_ANSWER) {
		html_fmt(b, "%S %s ×%S = %S", pool_printf(r->pool, "%g", t[0].x),
			 T("stages short of the target stage"), pool_printf(r->pool, "%g", t[0].w),
			 pool_printf(r->pool, "%.1f", t[0].value));
		return;
	}
	if (n->source == NEED_STATED) {
		html_fmt(b, "%s %d ×%S = %S, %S %s ×%S = +%S", T("urgency"), (int)t[0].x,
			 pool_printf(r->pool, "%g", t[0].w),
			 pool_printf(r->pool, "%.1f", t[0].value),
			 pool_printf(r->pool, "%.1f", t[1].x), T("years since raised"),
			 pool_printf(r->pool, "%g", t[1].w),
			 pool_printf(r->pool, "%.1f", t[1].value));
		return;
	}
	html_fmt(b, "%s ×%S, %s ×%S, %S %s +%S", T(need_weight_defs[t[0].weight].help),
		 pool_printf(r->pool, "%g", t[0].w), T(need_weight_defs[t[1].weight].help),
		 pool_printf(r->pool, "%g", t[1].w),
		 pool_printf(r->pool, "%d/%d", t[2].count, t[2].of),
		 T("countries of the sub-region cover it"),
		 pool_printf(r->pool, "%.1f", t[2].value));
}

/* A table of needs, at most max rows; with_country adds its column; close adds the
 * close form to the stated needs the visitor may close. */
static void needs_table(struct req *r, struct sbuf *b, const struct need *v, size_t n,
			size_t max, int with_country, int close)
{
	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No needs found."));
		return;
	}
	html_fmt(b, "<table class=\"needs\">\n<thead><tr><th scope=\"col\">#</th>");
	if (with_country)
		html_fmt(b, "<th scope=\"col\">%s</th>", T("Country"));
	html_fmt(b, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s"
		 "</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", T("Need"),
		 T("Target group"), T("Score"), T("Terms"));
	for (size_t i = 0; i < n && i < max; i++) {
		html_fmt(b, "<tr><td>%S</td>", pool_printf(r->pool, "%zu", i + 1));
		if (with_country)
			html_fmt(b, "<td><a href=\"/countries/%u/needs%S\">%s</a></td>",
				 v[i].country, layout_q(r), v[i].country);
		html_fmt(b, "<td>");
		need_what(r, b, &v[i]);
		if (close && v[i].source == NEED_STATED && may_state(r, v[i].country)) {
			html_fmt(b, "<form method=\"post\" class=\"inline\" action=\"");
			layout_href(r, b, pool_printf(r->pool, "/countries/%s/needs/close",
						      v[i].country));
			html_fmt(b, "\">\n");
			layout_csrf(r, b);
			html_fmt(b, "<input type=\"hidden\" name=\"need\" value=\"%S\">"
				 "<label>%s <input name=\"note\" maxlength=\"%d\"></label> "
				 "<button>%s</button></form>", pool_printf(r->pool, "%lld",
				 v[i].stated->id), T("How it was met"), LIMIT_NEED_NOTE,
				 T("Close as met"));
		}
		html_fmt(b, "</td><td>%s</td><td>%S</td><td class=\"terms\">",
			 target_name(r, v[i].target), pool_printf(r->pool, "%.1f", v[i].score));
		need_terms(r, b, &v[i]);
		html_fmt(b, "</td></tr>\n");
	}
	html_fmt(b, "</tbody>\n</table>\n");
}

/* The weights in force; a curator changes them here (POST /needs/weights). */
static void weights_section(struct req *r, struct sbuf *b)
{
	struct need_weights w;
	int edit = !record_allow(r->actor, ACT_CAMPAIGN, NULL, NULL);

	if (needs_weights_current(r->store, &w, NULL))
		return;
	html_fmt(b, "<h2 id=\"weights\">%s</h2>\n", T("Weights"));
	if (edit) {
		html_fmt(b, "<form method=\"post\" action=\"");
		layout_href(r, b, "/needs/weights");
		html_fmt(b, "\">\n");
		layout_csrf(r, b);
	}
	html_fmt(b, "<table class=\"weights\">\n<tbody>\n");
	for (size_t i = 0; i < NEED_WEIGHT_COUNT; i++) {
		const char *v = pool_printf(r->pool, "%g", w.w[i]);

		if (edit)
			html_fmt(b, "<tr><th scope=\"row\"><label for=\"w-%s\">%s</label></th><td>"
				 "<input id=\"w-%s\" name=\"%s\" value=\"%s\" size=\"5\" "
				 "inputmode=\"decimal\">", need_weight_defs[i].name,
				 T(need_weight_defs[i].help), need_weight_defs[i].name,
				 need_weight_defs[i].name, v);
		else
			html_fmt(b, "<tr><th scope=\"row\">%s</th><td id=\"w-%s\">%s",
				 T(need_weight_defs[i].help), need_weight_defs[i].name, v);
		html_fmt(b, "</td></tr>\n");
	}
	html_fmt(b, "</tbody>\n</table>\n");
	if (edit)
		html_fmt(b, "<button>%s</button>\n</form>\n", T("Save the weights"));
}

int web_needs_weights_post(struct req *r, struct resp *out)
{
	struct sbuf list;
	struct err e = { 0 };
	int rc;

	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	sbuf_init(&list);
	for (size_t i = 0; i < NEED_WEIGHT_COUNT; i++) {
		const char *v = req_form(r, need_weight_defs[i].name);

		if (v && *v)
			sbuf_addf(&list, "%s%s=%s", list.len ? "," : "",
				  need_weight_defs[i].name, v);
	}
	rc = needs_weights_save(r->store, r->actor, sbuf_str(&list), &e);
	sbuf_release(&list);
	if (rc)
		return http_fail(r, out, &e);
	return web_redirect(r, out, "/needs#weights");
}

static void formula(struct req *r, struct sbuf *b)
{
	html_fmt(b, "<p class=\"muted\">%s: %s</p>\n", T("Score"), T(NEEDS_FORMULA));
}

static void options(struct req *r, struct sbuf *b, const char *name,
		    const struct need_term_def *t, size_t n, const char *sel, int any)
{
	html_fmt(b, "<select id=\"n-%s\" name=\"%s\">\n", name, name);
	if (any)
		html_fmt(b, "<option value=\"\">%s</option>\n", T("any"));
	for (size_t i = 0; i < n; i++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", t[i].key,
			 sel && !strcmp(sel, t[i].key) ? " selected" : "", T(t[i].name));
	html_fmt(b, "</select>\n");
}

static void state_form(struct req *r, struct sbuf *b, const struct country *c)
{
	html_fmt(b, "<h2 id=\"state\">%s</h2>\n<form method=\"post\" class=\"record\" action=\"",
		 T("State a need"));
	layout_href(r, b, pool_printf(r->pool, "/countries/%s/needs/state", c->alpha2));
	html_fmt(b, "\">\n");
	layout_csrf(r, b);
	html_fmt(b, "<div><label for=\"n-topic\">%s</label>\n", T("Topic"));
	options(r, b, "topic", need_topics, need_topic_count, NULL, 0);
	html_fmt(b, "</div>\n<div><label for=\"n-target\">%s</label>\n", T("Target group"));
	options(r, b, "target", need_targets, need_target_count, NULL, 0);
	html_fmt(b, "</div>\n<div><label for=\"n-urgency\">%s</label>\n<select id=\"n-urgency\" "
		 "name=\"urgency\"><option value=\"1\">%s</option><option value=\"2\" selected>"
		 "%s</option><option value=\"3\">%s</option></select></div>\n"
		 "<div><label for=\"n-tlp\">%s</label>\n<select id=\"n-tlp\" name=\"tlp\">"
		 "<option>GREEN</option><option>CLEAR</option><option>AMBER</option></select>"
		 "</div>\n<div><label for=\"n-note\">%s</label>\n<textarea id=\"n-note\" "
		 "name=\"note\" rows=\"3\" maxlength=\"%d\"></textarea></div>\n"
		 "<div><button>%s</button></div>\n</form>\n", T("Urgency"), T("low"),
		 T("medium"), T("high"), T("Sharing label"), T("Note"), LIMIT_NEED_NOTE,
		 T("State the need"));
}

int web_country_needs_page(struct req *r, struct resp *out)
{
	struct needs_query q;
	struct country *c;
	struct need *v;
	size_t n;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	query_of(r, &q);
	q.region = NULL;
	if (country_get(r->store, r->pool, r->params[0], &c, &e) ||
	    needs_country(r->store, r->pool, r->actor, NULL, c->alpha2, &q, &v, &n,
			  &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, T("Needs"), "countries", NULL);
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/countries/%u%S\">%s</a></p>\n<h1>%s</h1>\n",
		 c->alpha2, layout_q(r), country_name(c, r->lang), T("Needs"));
	formula(r, b);
	needs_table(r, b, v, n, n, 0, 1);
	html_fmt(b, "<p><a href=\"/api/v1/needs?country=%u\">JSON</a></p>\n", c->alpha2);
	if (may_state(r, c->alpha2))
		state_form(r, b, c);
	layout_end(r, b);
	return 200;
}

int web_country_needs(struct req *r, struct sbuf *b, const struct country *c, struct err *e)
{
	struct needs_query q = { 0 };
	struct need *v;
	size_t n;
	int rc;

	if ((rc = needs_country(r->store, r->pool, r->actor, NULL, c->alpha2, &q,
				&v, &n, e)))
		return rc;
	needs_table(r, b, v, n, 3, 0, 0);
	html_fmt(b, "<p><a href=\"/countries/%u/needs%S\">%s</a></p>\n", c->alpha2, layout_q(r),
		 T("All needs, with the form to state one"));
	return ERR_OK;
}

/* The forms' posts: /countries/:code/needs/:action. */
static int act_state(struct req *r, const struct country *c, struct err *e)
{
	struct need_stated in = { .country = c->alpha2, .topic = req_form(r, "topic"),
				  .target = req_form(r, "target"), .note = req_form(r, "note"),
				  .tlp = req_form(r, "tlp") };
	const char *u = req_form(r, "urgency");
	long long id;

	if (!u || num_int(u, 1, 3, &in.urgency))
		return err_set(e, ERR_INVALID, "urgency: 1, 2 or 3");
	return needs_state(r->store, r->actor, &in, &id, e);
}

static int act_close(struct req *r, const struct country *c, struct err *e)
{
	struct need_stated *st;
	const char *v = req_form(r, "need");
	long long id;
	int rc;

	if (!v || num_parse(v, 1, LLONG_MAX, &id))
		return err_set(e, ERR_INVALID, "need: a number");
	if ((rc = needs_get(r->store, r->pool, r->actor, id, &st, e)))
		return rc;
	if (strcmp(st->country, c->alpha2))
		return err_set(e, ERR_NOTFOUND, "There is no such need.");
	return needs_close(r->store, r->actor, id, req_form(r, "note"), e);
}

typedef int needs_act(struct req *r, const struct country *c, struct err *e);
static const struct {
	const char *name;
	needs_act *fn;
} acts[] = {
	{ "state", act_state },
	{ "close", act_close },
};

int web_country_needs_post(struct req *r, struct resp *out)
{
	struct country *c;
	struct err e = { 0 };

	if (country_get(r->store, r->pool, r->params[0], &c, &e) || req_form_parse(r, &e))
		return http_fail(r, out, &e);
	for (size_t i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
		if (!strcmp(r->params[1], acts[i].name)) {
			if (acts[i].fn(r, c, &e))
				return http_fail(r, out, &e);
			return web_redirect(r, out, pool_printf(r->pool, "/countries/%s/needs",
								 c->alpha2));
		}
	return http_error(r, out, 404, "There is no such page.");
}

static int needs_csv(struct req *r, struct resp *out, const struct need *v, size_t n)
{
	static const char *const head[] = { "country", "source", "dimension", "article",
					    "status", "question", "answer", "topic", "target",
					    "urgency", "score", "terms" };

	out->content_type = "text/csv; charset=utf-8";
	csv_row(&out->body, head, sizeof(head) / sizeof(head[0]));
	for (size_t i = 0; i < n; i++) {
		const char *row[] = {
			v[i].country, need_source_names[v[i].source], v[i].dimension,
			v[i].source == NEED_GAP ? pool_printf(r->pool, "%s/%d",
				v[i].article->instrument, v[i].article->number) : "",
			v[i].source == NEED_GAP ? cov_status_name(v[i].cell->status) : "",
			v[i].source == NEED_ANSWER ? v[i].question->id : "",
			v[i].source == NEED_ANSWER ? v[i].value->value : "",
			v[i].topic, v[i].target,
			v[i].source == NEED_STATED ? pool_printf(r->pool, "%d",
				v[i].stated->urgency) : "",
			pool_printf(r->pool, "%.3f", v[i].score), needs_terms_text(r->pool, &v[i]),
		};

		csv_row(&out->body, row, sizeof(row) / sizeof(row[0]));
	}
	return 200;
}

/* The needs shared by several countries of the region, ranked. */
static void shared_list(struct req *r, struct sbuf *b, const struct need *v, size_t n)
{
	struct need_shared *sh;
	size_t nsh;

	needs_shared(r->pool, v, n, 2, &sh, &nsh);
	html_fmt(b, "<h2 id=\"shared\">%s</h2>\n", T("Needs shared by several countries"));
	if (!nsh) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No needs found."));
		return;
	}
	html_fmt(b, "<ol class=\"shared\">\n");
	for (size_t i = 0; i < nsh && i < LIMIT_NEED_PAGE; i++) {
		html_fmt(b, "<li>");
		if (sh[i].article)
			html_fmt(b, "<a href=\"/instruments/%u/%d%S\">%s/%d – %s</a>",
				 sh[i].article->instrument, sh[i].article->number, layout_q(r),
				 sh[i].article->instrument, sh[i].article->number,
				 sh[i].article->title);
		else
			html_fmt(b, "%s", topic_name(r, sh[i].topic));
		html_fmt(b, " <span class=\"muted\">· %S %s · %s %S</span>: ",
			 pool_printf(r->pool, "%zu", sh[i].ncountries), T("countries"), T("Score"),
			 pool_printf(r->pool, "%.1f", sh[i].score));
		for (size_t j = 0; j < sh[i].ncountries; j++)
			html_fmt(b, "%S<a href=\"/countries/%u/needs%S\">%s</a>", j ? ", " : "",
				 sh[i].countries[j], layout_q(r), sh[i].countries[j]);
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ol>\n");
}

int web_needs(struct req *r, struct resp *out)
{
	struct needs_query q;
	struct need *v;
	size_t n;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	query_of(r, &q);
	if (needs_all(r->store, r->pool, r->actor, NULL, &q, &v, &n, &e))
		return http_fail(r, out, &e);
	if (r->route_data)
		return needs_csv(r, out, v, n);
	web_page_begin(r, out, T("Needs"), "countries", NULL);
	html_fmt(b, "<h1>%s</h1>\n", T("Needs"));
	html_fmt(b, "<form method=\"get\" action=\"/needs\" class=\"filters\">\n"
		 "<label for=\"n-region\">%s</label> <input id=\"n-region\" name=\"region\" "
		 "size=\"4\" value=\"%s\">\n<label for=\"n-topic\">%s</label>\n", T("Region"),
		 q.region ? q.region : "", T("Topic"));
	options(r, b, "topic", need_topics, need_topic_count, q.topic, 1);
	html_fmt(b, "<label for=\"n-target\">%s</label>\n", T("Target group"));
	options(r, b, "target", need_targets, need_target_count, q.target, 1);
	html_fmt(b, "<label for=\"n-dimension\">%s</label>\n<select id=\"n-dimension\" "
		 "name=\"dimension\">\n<option value=\"\">%s</option>\n", T("Dimension"),
		 T("any"));
	for (size_t i = 0; i < qn_dimension_count; i++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", qn_dimensions[i],
			 q.dimension && !strcmp(q.dimension, qn_dimensions[i]) ? " selected" : "",
			 T(qn_dimension_titles[i]));
	html_fmt(b, "</select>\n<button>%s</button>\n</form>\n", T("Show"));
	formula(r, b);
	if (q.region)
		shared_list(r, b, v, n);
	needs_table(r, b, v, n, LIMIT_NEED_PAGE, 1, 0);
	html_fmt(b, "<p><a href=\"/needs.csv?region=%u&amp;topic=%u&amp;target=%u&amp;"
		 "dimension=%u\">CSV</a></p>\n", q.region ? q.region : "",
		 q.topic ? q.topic : "", q.target ? q.target : "",
		 q.dimension ? q.dimension : "");
	weights_section(r, b);
	layout_end(r, b);
	return 200;
}
