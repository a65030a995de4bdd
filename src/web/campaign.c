/* The pages of questionnaire campaigns (domain/campaign.h, issue 15): /campaigns (the
 * list, and the form that opens one), /campaigns/:id (dates, counts, tracking, the
 * reminder list, the aggregates), the answer of one country (the form, the curator's
 * decisions, the offline forms: a printable page, a CSV to fill and upload), and the
 * hooks of the home page and the country profile. Every rule is the domain's: the
 * pages show what it returns and what it refuses. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "domain/campaign.h"
#include "domain/country.h"
#include "domain/questionnaire.h"
#include "domain/record.h"
#include "view/chart.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define T(s) layout_t(r, s)
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The fields of the forms, as the domain names them in its messages, and their
 * labels. */
static const struct i18n_name camp_fields[] = {
	{ "title", "Title" }, { "template", "Questionnaire" },
	{ "opens_on", "Opening date" }, { "deadline", "Deadline" },
	{ "region", "Region" }, { "countries", "Countries asked" },
	{ "comment", "Comment" }, { "until", "Reopen until" }, { "tlp", "Sharing label" },
};

static const char *camp_msg(struct req *r, const char *msg)
{
	return layout_msg(r, msg, camp_fields, NELEM(camp_fields));
}

static int camp_is_curator(const struct req *r)
{
	return !record_allow(r->actor, ACT_CAMPAIGN, NULL, NULL);
}

/* Whether r may save and submit country's answers (its focal points, curators). */
static int camp_may_answer(const struct req *r, const char *country)
{
	struct record rec = { .country = country };

	return !record_allow(r->actor, ACT_ANSWER, &rec, NULL);
}

static const char *camp_num(struct req *r, long long n)
{
	return layout_number(r, n);
}

static const char *camp_form_or(const struct req *r, const char *name, const char *dflt)
{
	const char *v = r->form ? req_form(r, name) : NULL;

	return v ? v : dflt;
}

/* A text of the template in r's language, or English; *attr (markup) then says so. */
static const char *camp_text(struct req *r, const struct qn_text *t, const char **attr)
{
	if (t->t[r->lang] && *t->t[r->lang]) {
		*attr = "";
		return t->t[r->lang];
	}
	*attr = layout_lang(r, "en");
	return t->t[LANG_EN];
}

static const char *camp_status_label(struct req *r, int s)
{
	return s >= 0 && s < CAMP_STATUS_COUNT ? T(camp_status_titles[s]) : "";
}

/* /campaigns/ID or /campaigns/ID/answers/CC..., in r's pool. */
static const char *camp_path(struct req *r, long long id, const char *country,
			     const char *rest)
{
	if (!country)
		return pool_printf(r->pool, "/campaigns/%lld%s", id, rest ? rest : "");
	return pool_printf(r->pool, "/campaigns/%lld/answers/%s%s", id, country,
			   rest ? rest : "");
}

static void camp_link(struct req *r, struct sbuf *b, const char *path, const char *text)
{
	html_fmt(b, "<a href=\"");
	layout_href(r, b, path);
	html_fmt(b, "\">%s</a>", text);
}

/* "draft 2 · submitted 1": the statuses some country is in. */
static void camp_counts(struct req *r, struct sbuf *b, const struct campaign *c)
{
	int first = 1;

	for (int s = 0; s < CAMP_STATUS_COUNT; s++) {
		if (!c->count[s])
			continue;
		html_fmt(b, "%S%s %s", first ? "" : " · ", camp_status_label(r, s),
			 camp_num(r, c->count[s]));
		first = 0;
	}
}

/* ---- /campaigns ---- */

static void camp_template_select(struct req *r, struct sbuf *b, const struct qn_version *v,
				 size_t n)
{
	const char *sel = camp_form_or(r, "template", "");

	html_fmt(b, "<select id=\"c-template\" name=\"template\">\n");
	for (size_t i = 0; i < n; i++) {
		const char *ref;

		if (strcmp(v[i].status, "published"))
			continue;
		ref = pool_printf(r->pool, "%s@%d", v[i].id, v[i].version);
		html_fmt(b, "<option value=\"%s\"%S>%s (%s)</option>\n", ref,
			 !strcmp(sel, ref) ? " selected" : "", v[i].title, ref);
	}
	html_fmt(b, "</select>\n");
}

/* Regions before sub-regions, each by name in the page's language. */
static int camp_region_cmp(const void *x, const void *y, void *lang)
{
	const struct region *a = x, *b = y;

	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	return strcmp(region_name(a, *(enum lang *)lang), region_name(b, *(enum lang *)lang));
}

static void camp_region_select(struct req *r, struct sbuf *b, struct region *g, size_t n)
{
	const char *sel = camp_form_or(r, "region", "");
	enum lang lang = r->lang;

	qsort_r(g, n, sizeof(*g), camp_region_cmp, &lang);

	html_fmt(b, "<select id=\"c-region\" name=\"region\">\n<option value=\"\"></option>\n");
	for (size_t i = 0; i < n; i++)
		if (g[i].level != REGION_WORLD)	/* "all" says it */
			html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", g[i].code,
				 !strcmp(sel, g[i].code) ? " selected" : "",
				 region_name(&g[i], r->lang));
	html_fmt(b, "</select>\n");
}

/* The form that opens a campaign (curators). */
static int camp_open_form(struct req *r, struct sbuf *b, const char *error, struct err *e)
{
	static const char *const who[][2] = {
		{ "all", "Every country" }, { "region", "The countries of a region" },
		{ "list", "A list of countries" },
	};
	const char *sel = camp_form_or(r, "who", "all");
	struct qn_version *v;
	struct region *g;
	size_t nv, ng;
	int rc;

	if ((rc = qn_list(r->store, r->pool, &v, &nv, e)) ||
	    (rc = region_list(r->store, r->pool, &g, &ng, e)))
		return rc;
	html_fmt(b, "<h2 id=\"open\">%s</h2>\n", T("Open a campaign"));
	web_message(b, error, 1);
	html_fmt(b, "<form method=\"post\" class=\"record\" action=\"");
	layout_href(r, b, "/campaigns");
	html_fmt(b, "\">\n<div><label for=\"c-title\">%s</label>\n<input id=\"c-title\" "
		 "name=\"title\" required maxlength=\"%d\" value=\"%s\"></div>\n"
		 "<div><label for=\"c-template\">%s</label>\n", T("Title"), LIMIT_CAMP_TITLE,
		 camp_form_or(r, "title", ""), T("Questionnaire"));
	camp_template_select(r, b, v, nv);
	html_fmt(b, "</div>\n<div><label for=\"c-opens\">%s</label>\n<input id=\"c-opens\" "
		 "name=\"opens_on\" type=\"date\" value=\"%s\"></div>\n<div><label "
		 "for=\"c-deadline\">%s</label>\n<input id=\"c-deadline\" name=\"deadline\" "
		 "type=\"date\" required value=\"%s\"></div>\n<fieldset class=\"choices\">"
		 "<legend>%s</legend>\n", T("Opening date"), camp_form_or(r, "opens_on", ""),
		 T("Deadline"), camp_form_or(r, "deadline", ""), T("Who is asked"));
	for (size_t i = 0; i < NELEM(who); i++)
		html_fmt(b, "<label><input type=\"radio\" name=\"who\" value=\"%s\"%S> %s</label>\n",
			 who[i][0], !strcmp(sel, who[i][0]) ? " checked" : "", T(who[i][1]));
	html_fmt(b, "</fieldset>\n<div><label for=\"c-region\">%s</label>\n", T("Region"));
	camp_region_select(r, b, g, ng);
	html_fmt(b, "</div>\n<div><label for=\"c-countries\">%s</label>\n<input "
		 "id=\"c-countries\" name=\"countries\" value=\"%s\" placeholder=\"KE GH SN\" "
		 "aria-describedby=\"c-countries-hint\"><p id=\"c-countries-hint\" "
		 "class=\"hint\">%s</p></div>\n", T("Countries asked"),
		 camp_form_or(r, "countries", ""),
		 T("Country codes separated by spaces or commas."));
	web_form_end(r, b, T("Open the campaign"));
	return ERR_OK;
}

static int camp_list_page(struct req *r, struct resp *out, int status, const char *error)
{
	static const char *const head[] = { "Title", "Questionnaire", "Opening date",
					    "Deadline", "Countries asked", "Answers", NULL };
	struct campaign *cs;
	size_t n;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (camp_list(r->store, r->pool, &cs, &n, &e))
		return http_fail(r, out, &e);
	web_feed_link(r, "kind=campaign-opened,campaign-answered", T("Developments (Atom feed)"));
	web_page_begin(r, out, T("Campaigns"), "campaigns", "no-store");
	web_heading(b, T("Campaigns"), T("Questionnaire rounds sent to member states: who is "
					 "asked, until when, and how far they are."));
	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No campaigns yet."));
	} else {
		html_fmt(b, "<div class=\"scroll\">\n");
		web_table_begin(r, b, head);
		for (size_t i = 0; i < n && i < LIMIT_CAMP_LIST; i++) {
			html_fmt(b, "<tr><td>");
			camp_link(r, b, camp_path(r, cs[i].id, NULL, NULL), cs[i].title);
			html_fmt(b, "</td><td><code%S>%s@%d</code></td><td>%s</td><td>%s</td>"
				 "<td>%s</td><td>", layout_lang(r, "zxx"), cs[i].template_id,
				 cs[i].template_version, layout_date(r, cs[i].opens_on),
				 layout_date(r, cs[i].deadline), camp_num(r, cs[i].ncountries));
			camp_counts(r, b, &cs[i]);
			html_fmt(b, "</td></tr>\n");
		}
		html_fmt(b, "</tbody>\n</table>\n</div>\n");
	}
	if (camp_is_curator(r) && camp_open_form(r, b, error, &e))
		return http_fail(r, out, &e);
	layout_end(r, b);
	return out->status = status;
}

/* The codes typed into the form's list, split at spaces and commas, in r's pool. */
static const char **camp_split(struct req *r, const char *s, size_t *n)
{
	const char **v = pool_calloc(r->pool, LIMIT_CAMP_COUNTRIES + 1, sizeof(*v));

	*n = 0;
	while (s && *s) {
		size_t k;

		s += strspn(s, " ,;\t\r\n");
		if (!(k = strcspn(s, " ,;\t\r\n")))
			break;
		if (*n > LIMIT_CAMP_COUNTRIES)
			break;
		v[(*n)++] = pool_strndup(r->pool, s, k);
		s += k;
	}
	return v;
}

int web_campaigns(struct req *r, struct resp *out)
{
	struct camp_open in = { 0 };
	const char *who;
	long long id;
	struct err e = { 0 };

	if (r->method & (HTTP_GET | HTTP_HEAD))
		return camp_list_page(r, out, 200, NULL);
	if (req_form_parse(r, &e) || record_allow(r->actor, ACT_CAMPAIGN, NULL, &e))
		return http_fail(r, out, &e);
	who = camp_form_or(r, "who", "all");
	in.title = req_form(r, "title");
	in.template_ref = req_form(r, "template");
	in.opens_on = req_form(r, "opens_on");
	if (in.opens_on && !*in.opens_on)
		in.opens_on = NULL;
	in.deadline = req_form(r, "deadline");
	if (!strcmp(who, "all"))
		in.all = 1;
	else if (!strcmp(who, "region"))
		in.region = camp_form_or(r, "region", "");
	else
		in.countries = camp_split(r, req_form(r, "countries"), &in.ncountries);
	if (camp_open(r->store, r->pool, r->actor, &in, &id, &e)) {
		if (e.code == ERR_FORBIDDEN || http_status_of(e.code) >= 500)
			return http_fail(r, out, &e);
		return camp_list_page(r, out, http_status_of(e.code), camp_msg(r, e.msg));
	}
	return web_redirect(r, out, camp_path(r, id, NULL, NULL));
}

/* ---- /campaigns/:id ---- */

static int camp_param_id(struct req *r, long long *id, struct err *e)
{
	if (!(*id = num_id(r->params[0])))
		return err_set(e, ERR_NOTFOUND, "There is no such page.");
	return ERR_OK;
}

/* The campaign's facts as <dt>/<dd> pairs inside an open <dl>. */
static void camp_facts(struct req *r, struct sbuf *b, const struct campaign *c,
		       const struct qn_template *t)
{
	const char *attr = "", *title = t ? camp_text(r, &t->title, &attr) : NULL;

	html_fmt(b, "<dt>%s</dt><dd>", T("Questionnaire"));
	if (title)
		html_fmt(b, "<span%S>%s</span> ", attr, title);
	html_fmt(b, "<code%S>%s@%d</code></dd>\n<dt>%s</dt><dd>%s</dd>\n"
		 "<dt>%s</dt><dd><strong>%s</strong></dd>\n", layout_lang(r, "zxx"),
		 c->template_id, c->template_version, T("Opening date"),
		 layout_date(r, c->opens_on), T("Deadline"), layout_date(r, c->deadline));
}

/* The focal point's own answer, linked, when its country is asked. */
static void camp_own(struct req *r, struct sbuf *b, const struct campaign *c)
{
	struct camp_answer *x;
	struct err e = { 0 };

	if (!r->actor || !r->actor->country ||
	    camp_answer_get(r->store, r->pool, r->actor, c->id, r->actor->country, &x, &e))
		return;
	html_fmt(b, "<p class=\"notice\">");
	camp_link(r, b, camp_path(r, c->id, x->country, NULL), T("Your country's answer"));
	html_fmt(b, " <span class=\"tag\">%s</span></p>\n", camp_status_label(r, x->status));
}

/* Tracking and the reminder list: curators only (the domain says so). */
static int camp_tracking_section(struct req *r, struct sbuf *b, const struct campaign *c,
				 struct err *e)
{
	static const char *const head[] = { "Country", "Status", "Late", "Last update",
					    "Submitted", NULL };
	struct camp_answer *x;
	struct sbuf rem = SBUF_INIT;
	size_t n;
	int rc;

	if ((rc = camp_tracking(r->store, r->pool, r->actor, c->id, NULL, &x, &n, e))) {
		if (rc != ERR_FORBIDDEN)
			return rc;
		err_clear(e);
		return ERR_OK;
	}
	html_fmt(b, "<h2 id=\"tracking\">%s</h2>\n<div class=\"scroll\">\n", T("Tracking"));
	web_table_begin(r, b, head);
	for (size_t i = 0; i < n; i++) {
		html_fmt(b, "<tr><td>");
		camp_link(r, b, camp_path(r, c->id, x[i].country, NULL),
			  web_country_name(r, x[i].country));
		html_fmt(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			 camp_status_label(r, x[i].status), x[i].late ? T("late") : "",
			 x[i].updated_at ? layout_datetime(r, x[i].updated_at) : "",
			 x[i].submitted_at ? layout_datetime(r, x[i].submitted_at) : "");
	}
	html_fmt(b, "</tbody>\n</table>\n</div>\n");
	if ((rc = camp_reminders(r->store, r->pool, r->actor, c->id, &rem, e))) {
		sbuf_release(&rem);
		return rc;
	}
	html_fmt(b, "<h2 id=\"reminders\">%s</h2>\n<p><label for=\"c-reminders\">%s</label></p>\n"
		 "<textarea id=\"c-reminders\" class=\"copy\" readonly rows=\"8\"%S>%s</textarea>\n",
		 T("Reminders"), T("The countries that have not submitted, with their focal "
				   "points' addresses, to copy into a message:"),
		 layout_lang(r, "en"), sbuf_str(&rem));
	sbuf_release(&rem);
	if (!c->published_at) {
		html_fmt(b, "<form method=\"post\" class=\"inline\" action=\"");
		layout_href(r, b, camp_path(r, c->id, NULL, "/publish"));
		html_fmt(b, "\">\n");
		web_form_end(r, b, T("Publish the aggregates"));
	}
	return ERR_OK;
}

/* One question's figures. */
static void camp_agg_one(struct req *r, struct sbuf *b, const struct camp_agg *g)
{
	static const char *const ypn[] = { "yes", "partly", "no" };
	struct chart_bar bars[LIMIT_QN_OPTIONS];
	struct chart_bars cb = { .label_heading = T("Answer"), .value_heading = T("Countries"),
				 .bars = bars };
	const char *attr, *text = camp_text(r, &g->q->text, &attr);

	html_fmt(b, "<div class=\"agg\"><p><code%S>%s</code> <span%S>%s</span> "
		 "<span class=\"muted\">· %s</span></p>\n", layout_lang(r, "zxx"), g->q->id, attr,
		 text, layout_plural(r, g->answered, "{n} answer|{n} answers"));
	if (!g->shown && g->q->kind != QN_TEXT) {
		html_fmt(b, "<p class=\"muted\">%s</p></div>\n",
			 T("Fewer than three answers: the figures are not shown."));
		return;
	}
	cb.title = text;
	switch (g->q->kind) {
	case QN_STAGE:
		cb.label_heading = T("Stage");
		for (int i = 0; i < QN_STAGES; i++)
			bars[i] = (struct chart_bar){ pool_printf(r->pool, "%d", i + 1),
						      (double)g->count[i], NULL };
		cb.n = QN_STAGES;
		break;
	case QN_YES_PARTLY_NO:
		for (int i = 0; i < 3; i++)
			bars[i] = (struct chart_bar){ T(ypn[i]), (double)g->count[i], NULL };
		cb.n = 3;
		break;
	case QN_CHOICE:
		for (size_t i = 0; i < g->q->noptions && i < LIMIT_QN_OPTIONS; i++)
			bars[i] = (struct chart_bar){ camp_text(r, &g->q->options[i].text, &attr),
						      (double)g->count[i], NULL };
		cb.n = g->q->noptions < LIMIT_QN_OPTIONS ? g->q->noptions : LIMIT_QN_OPTIONS;
		break;
	case QN_NUMBER:
		html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
			 "<dt>%s</dt><dd>%s</dd></dl>\n", T("Median"),
			 chart_decimal(r, g->median), T("Lowest"), chart_decimal(r, g->min),
			 T("Highest"), chart_decimal(r, g->max));
		break;
	default:
		break;
	}
	if (cb.n)
		chart_bars(r, b, &cb);
	html_fmt(b, "</div>\n");
}

static int camp_agg_section(struct req *r, struct sbuf *b, const struct campaign *c,
			    struct err *e)
{
	struct qn_template *t;
	struct camp_agg *g;
	size_t n;
	int rc, dim = -1;

	html_fmt(b, "<h2 id=\"aggregates\">%s</h2>\n", T("Aggregates"));
	if ((rc = camp_aggregates(r->store, r->pool, r->actor, c->id, &t, &g, &n, e))) {
		if (rc != ERR_FORBIDDEN)
			return rc;
		err_clear(e);
		html_fmt(b, "<p class=\"muted\">%s</p>\n",
			 T("The aggregates are not published yet."));
		return ERR_OK;
	}
	html_fmt(b, "<p>%s</p>\n", c->published_at ?
		 T("Over the accepted answers labelled CLEAR or GREEN; published.") :
		 T("Over the accepted answers labelled CLEAR or GREEN; not published yet: "
		   "only curators see them."));
	{
		long long any = 0;

		for (size_t i = 0; i < n; i++)
			any += g[i].answered;
		if (!any) {
			html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No accepted answer yet."));
			return ERR_OK;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (g[i].q->dimension != dim) {
			dim = g[i].q->dimension;
			html_fmt(b, "<h3>%s</h3>\n", T(qn_dimension_titles[dim]));
		}
		camp_agg_one(r, b, &g[i]);
	}
	return ERR_OK;
}

int web_campaign(struct req *r, struct resp *out)
{
	struct campaign *c;
	struct qn_template *t;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	struct chart_bar bars[CAMP_STATUS_COUNT];
	struct chart_bars cb = { .title = T("Countries by status"),
				 .label_heading = T("Status"), .value_heading = T("Countries"),
				 .bars = bars, .n = CAMP_STATUS_COUNT };
	long long id;

	if (camp_param_id(r, &id, &e) || camp_template(r->store, r->pool, id, &c, &t, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, c->title, "campaigns", "no-store");
	html_fmt(b, "<p class=\"crumbs\">");
	camp_link(r, b, "/campaigns", T("Campaigns"));
	html_fmt(b, "</p>\n<h1>%s</h1>\n<dl class=\"facts\">\n", c->title);
	camp_facts(r, b, c, t);
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n</dl>\n", T("Countries asked"),
		 camp_num(r, c->ncountries));
	camp_own(r, b, c);
	for (int s = 0; s < CAMP_STATUS_COUNT; s++)
		bars[s] = (struct chart_bar){ camp_status_label(r, s), (double)c->count[s], NULL };
	chart_bars(r, b, &cb);
	if (camp_tracking_section(r, b, c, &e) || camp_agg_section(r, b, c, &e))
		return http_fail(r, out, &e);
	layout_end(r, b);
	return 200;
}

int web_campaign_publish(struct req *r, struct resp *out)
{
	long long id;
	struct err e = { 0 };

	if (camp_param_id(r, &id, &e) || req_form_parse(r, &e) ||
	    camp_publish(r->store, r->actor, id, &e))
		return http_fail(r, out, &e);
	return web_redirect(r, out, camp_path(r, id, NULL, "#aggregates"));
}

/* ---- one country's answer ---- */

/* What an answer page works on. */
struct camp_ctx {
	long long id;
	struct campaign *c;
	struct qn_template *t;
	struct country *country;
	struct camp_answer *x;
};

static int camp_ctx_load(struct req *r, struct camp_ctx *k, const char *code, struct err *e)
{
	int rc;

	memset(k, 0, sizeof(*k));
	if ((rc = camp_param_id(r, &k->id, e)) ||
	    (rc = camp_template(r->store, r->pool, k->id, &k->c, &k->t, e)) ||
	    (rc = country_get(r->store, r->pool, code, &k->country, e)))
		return rc;
	return camp_answer_get(r->store, r->pool, r->actor, k->id, k->country->alpha2, &k->x, e);
}

/* The stored value (or evidence) of question q, or NULL. */
static const char *camp_stored(const struct camp_answer *x, const char *q, int evidence)
{
	for (size_t i = 0; x && i < x->nvalues; i++)
		if (!strcmp(x->values[i].question, q))
			return evidence ? x->values[i].evidence : x->values[i].value;
	return NULL;
}

/* The value to show: what was typed (the form posted, kept on an error), else what
 * is stored. */
static const char *camp_shown(struct req *r, const struct camp_answer *x, const char *q,
			      int evidence)
{
	const char *v;

	if (r->form)
		return (v = req_form(r, pool_printf(r->pool, "%s%s", evidence ? "e-" : "v-",
							 q))) ? v : "";
	v = camp_stored(x, q, evidence);
	return v ? v : "";
}

static void camp_radio(struct sbuf *b, const char *q, const char *value, const char *cur,
		       const char *label, const char *attr)
{
	html_fmt(b, "<li><label><input type=\"radio\" name=\"v-%s\" value=\"%s\"%S> "
		 "<span%S>%s</span></label></li>\n", q, value,
		 !strcmp(cur, value) ? " checked" : "", attr, label);
}

/* One question's input(s). */
static void camp_question(struct req *r, struct sbuf *b, const struct qn_question *q,
			  const struct camp_answer *x)
{
	static const char *const ypn[] = { "yes", "partly", "no" };
	const char *attr, *text = camp_text(r, &q->text, &attr), *cur = camp_shown(r, x, q->id, 0);
	int group = q->kind == QN_STAGE || q->kind == QN_YES_PARTLY_NO || q->kind == QN_CHOICE;

	html_fmt(b, "<div class=\"question\" id=\"q-%s\">\n", q->id);
	if (group)
		html_fmt(b, "<fieldset><legend><code%S>%s</code> <span%S>%s</span></legend>\n",
			 layout_lang(r, "zxx"), q->id, attr, text);
	else
		html_fmt(b, "<label for=\"v-%s\"><code%S>%s</code> <span%S>%s</span></label>\n",
			 q->id, layout_lang(r, "zxx"), q->id, attr, text);
	if (q->help) {
		const char *hattr, *help = camp_text(r, q->help, &hattr);

		html_fmt(b, "<p class=\"hint\"%S>%s</p>\n", hattr, help);
	}
	switch (q->kind) {
	case QN_STAGE:
		html_fmt(b, "<ul class=\"options stages\">\n");
		for (int i = 0; i < QN_STAGES; i++) {
			const char *sattr, *s = camp_text(r, &q->stages[i], &sattr);

			camp_radio(b, q->id, pool_printf(r->pool, "%d", i + 1), cur,
				   pool_printf(r->pool, "%d – %s", i + 1, s), sattr);
		}
		html_fmt(b, "</ul>\n");
		break;
	case QN_YES_PARTLY_NO:
		html_fmt(b, "<ul class=\"options\">\n");
		for (int i = 0; i < 3; i++)
			camp_radio(b, q->id, ypn[i], cur, T(ypn[i]), "");
		html_fmt(b, "</ul>\n");
		break;
	case QN_CHOICE:
		html_fmt(b, "<ul class=\"options\">\n");
		for (size_t i = 0; i < q->noptions; i++) {
			const char *oattr, *o = camp_text(r, &q->options[i].text, &oattr);

			camp_radio(b, q->id, q->options[i].id, cur, o, oattr);
		}
		html_fmt(b, "</ul>\n");
		break;
	case QN_NUMBER:
		html_fmt(b, "<input type=\"number\" step=\"any\" id=\"v-%s\" name=\"v-%s\" "
			 "value=\"%s\"", q->id, q->id, cur);
		if (q->has_min)
			html_fmt(b, " min=\"%S\"", pool_printf(r->pool, "%g", q->min));
		if (q->has_max)
			html_fmt(b, " max=\"%S\"", pool_printf(r->pool, "%g", q->max));
		html_fmt(b, ">\n");
		break;
	default:
		html_fmt(b, "<textarea id=\"v-%s\" name=\"v-%s\" rows=\"4\" maxlength=\"%d\">\n"
			 "%s</textarea>\n", q->id, q->id, LIMIT_CAMP_VALUE, cur);
		break;
	}
	if (group)
		html_fmt(b, "</fieldset>\n");
	if (q->evidence != QN_EV_NONE)
		html_fmt(b, "<div class=\"evidence\"><label for=\"e-%s\">%s</label>\n<input "
			 "id=\"e-%s\" name=\"e-%s\" maxlength=\"%d\" value=\"%s\"%S></div>\n",
			 q->id, T(q->evidence == QN_EV_REQUIRED ? "Evidence (required)" :
				  "Evidence (optional): a link, a record or a note"), q->id, q->id,
			 LIMIT_CAMP_EVIDENCE, camp_shown(r, x, q->id, 1),
			 q->evidence == QN_EV_REQUIRED ? " aria-required=\"true\"" : "");
	html_fmt(b, "</div>\n");
}

/* The answer form: the questions by dimension, the label, the two buttons. */
static void camp_answer_form(struct req *r, struct sbuf *b, const struct camp_ctx *k)
{
	static const char *const tlps[] = { "CLEAR", "GREEN", "AMBER" };
	const char *tlp = r->form ? camp_form_or(r, "tlp", "GREEN") :
			  k->x->tlp ? k->x->tlp : "GREEN";
	const char *base = camp_path(r, k->id, k->country->alpha2, NULL);
	int dim = -1;

	html_fmt(b, "<form method=\"post\" class=\"answer\" action=\"");
	layout_href(r, b, pool_printf(r->pool, "%s/save", base));
	/* the revision as it is now: after a conflict, what was typed is shown with the
	 * message, and saving it again is the user's choice */
	html_fmt(b, "\">\n<input type=\"hidden\" name=\"revision\" value=\"%S\">\n",
		 pool_printf(r->pool, "%lld", k->x->revision));
	for (size_t i = 0; i < k->t->nquestions; i++) {
		const struct qn_question *q = &k->t->questions[i];

		if (q->dimension != dim) {
			if (dim >= 0)
				html_fmt(b, "</fieldset>\n");
			dim = q->dimension;
			html_fmt(b, "<fieldset class=\"dimension\"><legend>%s</legend>\n",
				 T(qn_dimension_titles[dim]));
		}
		camp_question(r, b, q, k->x);
	}
	if (dim >= 0)
		html_fmt(b, "</fieldset>\n");
	html_fmt(b, "<div><label for=\"a-tlp\">%s</label>\n<select id=\"a-tlp\" name=\"tlp\">\n",
		 T("Sharing label"));
	for (size_t i = 0; i < NELEM(tlps); i++)
		html_fmt(b, "<option%S>%s</option>\n", !strcmp(tlp, tlps[i]) ? " selected" : "",
			 tlps[i]);
	html_fmt(b, "</select>\n<p class=\"hint\">%s</p></div>\n",
		 T("GREEN: the repository's registered users; CLEAR: everybody once accepted; "
		   "AMBER: only your country and the curators, and not in the aggregates."));
	layout_csrf(r, b);
	html_fmt(b, "<div class=\"buttons\"><button>%s</button> <button formaction=\"",
		 T("Save draft"));
	layout_href(r, b, pool_printf(r->pool, "%s/submit", base));
	html_fmt(b, "\">%s</button></div>\n</form>\n", T("Submit"));
}

/* The answer as text, for those who may read it but not change it now. */
static void camp_answer_values(struct req *r, struct sbuf *b, const struct camp_ctx *k)
{
	int dim = -1;

	for (size_t i = 0; i < k->t->nquestions; i++) {
		const struct qn_question *q = &k->t->questions[i];
		const char *tattr, *text = camp_text(r, &q->text, &tattr), *vattr = "";
		const char *v = camp_stored(k->x, q->id, 0), *ev = camp_stored(k->x, q->id, 1);

		if (q->dimension != dim) {
			html_fmt(b, "%S<h3>%s</h3>\n<dl class=\"answers\">\n", dim >= 0 ? "</dl>\n" : "",
				 T(qn_dimension_titles[q->dimension]));
			dim = q->dimension;
		}
		if (v && q->kind == QN_YES_PARTLY_NO)
			v = T(v);
		else if (v && q->kind == QN_TEXT)
			vattr = layout_lang(r, NULL);	/* as typed: any language */
		for (size_t o = 0; v && q->kind == QN_CHOICE && o < q->noptions; o++)
			if (!strcmp(v, q->options[o].id))
				v = camp_text(r, &q->options[o].text, &vattr);
		html_fmt(b, "<dt><code%S>%s</code> <span%S>%s</span></dt><dd>", layout_lang(r, "zxx"),
			 q->id, tattr, text);
		html_fmt(b, "<span%S>%s</span>", vattr, v && *v ? v : "–");
		if (ev && *ev)
			html_fmt(b, " <span class=\"muted\">· %s</span>", ev);
		html_fmt(b, "</dd>\n");
	}
	if (dim >= 0)
		html_fmt(b, "</dl>\n");
}

/* A curator's decisions: return with a comment or accept a submitted answer, reopen. */
static void camp_decisions(struct req *r, struct sbuf *b, const struct camp_ctx *k)
{
	const char *base = camp_path(r, k->id, k->country->alpha2, NULL);

	html_fmt(b, "<h2 id=\"decide\">%s</h2>\n", T("Curator's decision"));
	if (k->x->status == CAMP_SUBMITTED) {
		html_fmt(b, "<form method=\"post\" class=\"record\" action=\"");
		layout_href(r, b, pool_printf(r->pool, "%s/return", base));
		html_fmt(b, "\">\n<div><label for=\"a-comment\">%s</label>\n<textarea "
			 "id=\"a-comment\" name=\"comment\" rows=\"3\" maxlength=\"%d\">%s"
			 "</textarea></div>\n", T("Comment"), LIMIT_CAMP_COMMENT,
			 camp_form_or(r, "comment", ""));
		web_form_end(r, b, T("Return with comment"));
		html_fmt(b, "<form method=\"post\" class=\"inline\" action=\"");
		layout_href(r, b, pool_printf(r->pool, "%s/accept", base));
		html_fmt(b, "\">\n");
		web_form_end(r, b, T("Accept"));
	}
	html_fmt(b, "<form method=\"post\" class=\"record\" action=\"");
	layout_href(r, b, pool_printf(r->pool, "%s/reopen", base));
	html_fmt(b, "\">\n<div><label for=\"a-until\">%s</label>\n<input id=\"a-until\" "
		 "name=\"until\" type=\"date\" required value=\"%s\"></div>\n",
		 T("Reopen until"), camp_form_or(r, "until", ""));
	web_form_end(r, b, T("Reopen"));
}

/* The offline forms: the printable page, the CSV, and its upload. */
static void camp_offline(struct req *r, struct sbuf *b, const struct camp_ctx *k, int upload)
{
	const char *base = camp_path(r, k->id, k->country->alpha2, NULL);

	html_fmt(b, "<h2 id=\"offline\">%s</h2>\n<ul>\n<li>", T("Offline"));
	camp_link(r, b, pool_printf(r->pool, "%s/print", base),
		  T("The questionnaire as one printable page"));
	html_fmt(b, "</li>\n<li>");
	camp_link(r, b, pool_printf(r->pool, "%s.csv", base), T("The questionnaire as CSV, "
								 "to fill in a spreadsheet"));
	html_fmt(b, "</li>\n</ul>\n");
	if (!upload)
		return;
	html_fmt(b, "<form method=\"post\" class=\"record\" enctype=\"multipart/form-data\" "
		 "action=\"");
	layout_href(r, b, pool_printf(r->pool, "%s/upload", base));
	html_fmt(b, "\">\n<input type=\"hidden\" name=\"revision\" value=\"%S\">\n"
		 "<div><label for=\"a-file\">%s</label>\n<input type=\"file\" id=\"a-file\" "
		 "name=\"file\" accept=\".csv,text/csv\"></div>\n<div><label for=\"a-csv\">%s"
		 "</label>\n<textarea id=\"a-csv\" name=\"csv\" rows=\"4\"></textarea></div>\n",
		 pool_printf(r->pool, "%lld", k->x->revision), T("The filled CSV"),
		 T("Or its text"));
	web_form_end(r, b, T("Upload the answers"));
}

static int camp_answer_page(struct req *r, struct resp *out, const struct camp_ctx *k,
			    int status, const char *error)
{
	struct sbuf *b = &out->body;
	int open = k->x->status == CAMP_NOT_STARTED || k->x->status == CAMP_DRAFT ||
		   k->x->status == CAMP_RETURNED;
	int may = open && camp_may_answer(r, k->country->alpha2);
	const char *name = country_name(k->country, r->lang);

	web_page_begin(r, out, pool_printf(r->pool, "%s – %s", name, k->c->title), "campaigns",
		       "no-store");
	html_fmt(b, "<p class=\"crumbs\">");
	camp_link(r, b, "/campaigns", T("Campaigns"));
	html_fmt(b, " › ");
	camp_link(r, b, camp_path(r, k->id, NULL, NULL), k->c->title);
	html_fmt(b, "</p>\n<h1>%s</h1>\n", name);
	web_message(b, error, 1);
	html_fmt(b, "<dl class=\"facts\">\n");
	camp_facts(r, b, k->c, k->t);
	html_fmt(b, "<dt>%s</dt><dd><strong class=\"status\">%s</strong>%S%s</dd>\n",
		 T("Status"), camp_status_label(r, k->x->status), k->x->late ?
		 " <span class=\"tag late\">" : "", k->x->late ? T("late") : "");
	if (k->x->late)
		html_fmt(b, "</span>");
	if (k->x->reopened_until)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Reopened until"),
			 layout_date(r, k->x->reopened_until));
	if (k->x->updated_at)
		html_fmt(b, "<dt>%s</dt><dd>%s · %s</dd>\n", T("Last update"),
			 layout_datetime(r, k->x->updated_at), k->x->updated_by);
	if (k->x->submitted_at)
		html_fmt(b, "<dt>%s</dt><dd>%s · %s</dd>\n", T("Submitted"),
			 layout_datetime(r, k->x->submitted_at), k->x->submitted_by);
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Sharing label"),
		 k->x->tlp ? k->x->tlp : "GREEN");
	if (k->x->comment && *k->x->comment)
		html_fmt(b, "<dt>%s</dt><dd><q>%s</q></dd>\n", T("Curator's comment"),
			 k->x->comment);
	html_fmt(b, "</dl>\n");
	if (may) {
		html_fmt(b, "<form method=\"post\" class=\"inline\" action=\"");
		layout_href(r, b, camp_path(r, k->id, k->country->alpha2, "/carry"));
		html_fmt(b, "\">\n<input type=\"hidden\" name=\"revision\" value=\"%S\">\n",
			 pool_printf(r->pool, "%lld", k->x->revision));
		web_form_end(r, b, T("Fill the unanswered questions from our latest earlier answer"));
		camp_answer_form(r, b, k);
	}
	else
		camp_answer_values(r, b, k);
	if (camp_is_curator(r))
		camp_decisions(r, b, k);
	camp_offline(r, b, k, may);
	layout_end(r, b);
	return out->status = status;
}

/* ---- the printable page ---- */

/* Its own style (the only one it has: it must print and read away from the site). */
static const char camp_print_css[] =
	"body{font:11pt/1.45 'Noto Sans','DejaVu Sans',Arial,sans-serif;margin:1.5cm;"
	"color:#000}h1{font-size:16pt;margin:0 0 .3em}h2{font-size:13pt;border-bottom:1px "
	"solid #000;margin-top:1.2em}.q{break-inside:avoid;page-break-inside:avoid;margin:"
	".8em 0}.q p{margin:.2em 0}ul{list-style:none;padding:0;margin:.2em 0}li{margin:.15em "
	"0}.box{display:inline-block;width:.9em;height:.9em;border:1px solid #000;"
	"vertical-align:-.1em;margin-inline-end:.4em;text-align:center;line-height:.9em}"
	".line{border-bottom:1px solid #000;min-height:1.6em;margin:.3em 0}.area{border:1px "
	"solid #000;min-height:5em;margin:.3em 0;padding:.2em}code{font-size:.9em}.dim{"
	"break-before:page;page-break-before:always}.dim:first-of-type{break-before:auto;"
	"page-break-before:auto}.muted{color:#444}@media screen{body{max-width:45rem;margin:"
	"1rem auto;padding:0 1rem}}@page{margin:1.5cm}";

static void camp_print_box(struct req *r, struct sbuf *b, int ticked, const char *label,
			   const char *attr)
{
	(void)r;
	html_fmt(b, "<li><span class=\"box\">%S</span><span%S>%s</span></li>\n",
		 ticked ? "✕" : "", attr, label);
}

static void camp_print_question(struct req *r, struct sbuf *b, const struct qn_question *q,
				const struct camp_answer *x)
{
	static const char *const ypn[] = { "yes", "partly", "no" };
	const char *attr, *text = camp_text(r, &q->text, &attr);
	const char *v = camp_stored(x, q->id, 0), *ev = camp_stored(x, q->id, 1);

	html_fmt(b, "<div class=\"q\"><p><strong><code>%s</code></strong> <span%S>%s</span></p>\n",
		 q->id, attr, text);
	if (q->help) {
		const char *hattr, *help = camp_text(r, q->help, &hattr);

		html_fmt(b, "<p class=\"muted\"%S>%s</p>\n", hattr, help);
	}
	switch (q->kind) {
	case QN_STAGE:
		html_fmt(b, "<ul>\n");
		for (int i = 0; i < QN_STAGES; i++) {
			const char *sattr, *s = camp_text(r, &q->stages[i], &sattr);
			char d[2] = { (char)('1' + i), 0 };

			camp_print_box(r, b, v && !strcmp(v, d), pool_printf(r->pool, "%d – %s",
				       i + 1, s), sattr);
		}
		html_fmt(b, "</ul>\n");
		break;
	case QN_YES_PARTLY_NO:
		html_fmt(b, "<ul>\n");
		for (int i = 0; i < 3; i++)
			camp_print_box(r, b, v && !strcmp(v, ypn[i]), T(ypn[i]), "");
		html_fmt(b, "</ul>\n");
		break;
	case QN_CHOICE:
		html_fmt(b, "<ul>\n");
		for (size_t i = 0; i < q->noptions; i++) {
			const char *oattr, *o = camp_text(r, &q->options[i].text, &oattr);

			camp_print_box(r, b, v && !strcmp(v, q->options[i].id), o, oattr);
		}
		html_fmt(b, "</ul>\n");
		break;
	case QN_NUMBER:
		html_fmt(b, "<p class=\"muted\">%s", T("A number"));
		if (q->has_min || q->has_max)
			html_fmt(b, " (%S – %S)", q->has_min ? pool_printf(r->pool, "%g", q->min) :
				 "", q->has_max ? pool_printf(r->pool, "%g", q->max) : "");
		html_fmt(b, "</p><div class=\"line\">%s</div>\n", v ? v : "");
		break;
	default:
		html_fmt(b, "<div class=\"area\">%s</div>\n", v ? v : "");
		break;
	}
	if (q->evidence != QN_EV_NONE)
		html_fmt(b, "<p>%s</p><div class=\"line\">%s</div>\n",
			 T(q->evidence == QN_EV_REQUIRED ? "Evidence (required)" :
			   "Evidence (optional): a link, a record or a note"), ev ? ev : "");
	html_fmt(b, "</div>\n");
}

static int camp_print(struct req *r, struct resp *out, const struct camp_ctx *k)
{
	struct sbuf *b = &out->body;
	const char *attr, *title = camp_text(r, &k->t->title, &attr);
	const char *name = country_name(k->country, r->lang);
	int dim = -1;

	out->content_type = "text/html; charset=utf-8";
	out->cache_control = "no-store";
	/* its style is inline: nothing else may load, nothing may run */
	out->csp = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; "
		   "base-uri 'none'; frame-ancestors 'none'";
	html_fmt(b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%S\">\n<head>\n<meta "
		 "charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
		 "initial-scale=1\">\n<title>%s – %s</title>\n<style>%S</style>\n</head>\n<body>\n<main>\n"
		 "<h1%S>%s</h1>\n<p><strong>%s</strong> · %s</p>\n<p>%s: <strong>%s</strong>"
		 "</p>\n<p class=\"muted\">%s <code>%s@%d</code> · %s %S</p>\n",
		 lang_code(r->lang), lang_rtl(r->lang) ? "rtl" : "ltr", name, k->c->title,
		 camp_print_css, attr, title, k->c->title, name, T("Deadline"),
		 layout_date(r, k->c->deadline), T("Questionnaire"), k->c->template_id,
		 k->c->template_version, T("Revision"),
		 pool_printf(r->pool, "%lld", k->x->revision));
	html_fmt(b, "<p>%s</p>\n", T("Tick one box per question, write numbers and text on the "
				     "lines, then enter the answers online or in the CSV."));
	for (size_t i = 0; i < k->t->nquestions; i++) {
		const struct qn_question *q = &k->t->questions[i];

		if (q->dimension != dim) {
			html_fmt(b, "%S<section class=\"dim\">\n<h2>%s</h2>\n",
				 dim >= 0 ? "</section>\n" : "", T(qn_dimension_titles[q->dimension]));
			dim = q->dimension;
		}
		camp_print_question(r, b, q, k->x);
	}
	html_fmt(b, "%S</main>\n</body>\n</html>\n", dim >= 0 ? "</section>\n" : "");
	return 200;
}

static int camp_csv(struct req *r, struct resp *out, const struct camp_ctx *k)
{
	out->content_type = "text/csv; charset=utf-8";
	out->cache_control = "no-store";
	out->disposition = pool_printf(r->pool, "attachment; filename=\"campaign-%lld-%s.csv\"",
				       k->id, k->country->alpha2);
	camp_csv_write(r->pool, k->c, k->t, k->country->alpha2, k->x, r->lang, &out->body);
	return 200;
}

int web_campaign_answer(struct req *r, struct resp *out)
{
	struct camp_ctx k;
	struct err e = { 0 };
	const char *code = r->params[1];
	size_t len = strlen(code);
	int csv = len > 4 && !strcmp(code + len - 4, ".csv");

	if (csv)
		code = pool_strndup(r->pool, code, len - 4);
	if (camp_ctx_load(r, &k, code, &e))
		return http_fail(r, out, &e);
	if (strcmp(code, k.country->alpha2))	/* one address per answer */
		return web_redirect(r, out, camp_path(r, k.id, k.country->alpha2,
						      csv ? ".csv" : NULL));
	if (r->route_data)
		return camp_print(r, out, &k);
	if (csv)
		return camp_csv(r, out, &k);
	return camp_answer_page(r, out, &k, 200, NULL);
}

/* ---- the answer's forms: POST /campaigns/:id/answers/:code/:action ---- */

static long long camp_form_revision(struct req *r)
{
	long long rev = 0;

	if (num_parse(req_form(r, "revision"), 0, LLONG_MAX, &rev))
		rev = -1;	/* the domain refuses it: a conflict */
	return rev;
}

/* The form's values: each question the form sent (a radio none of which was chosen
 * is not sent, nor is a question of another form: they stay as they are). */
static int camp_do_save(struct req *r, struct camp_ctx *k, long long *rev, struct err *e)
{
	struct camp_value *v = pool_calloc(r->pool, k->t->nquestions + 1, sizeof(*v));
	const char *tlp = req_form(r, "tlp");
	size_t n = 0;

	for (size_t i = 0; i < k->t->nquestions; i++) {
		const struct qn_question *q = &k->t->questions[i];
		const char *val = req_form(r, pool_printf(r->pool, "v-%s", q->id));
		const char *ev = q->evidence == QN_EV_NONE ? NULL :
				 req_form(r, pool_printf(r->pool, "e-%s", q->id));

		if (!val && !(ev && *ev))
			continue;
		if (!val)	/* evidence typed for a value not chosen: keep the value */
			val = camp_stored(k->x, q->id, 0);
		v[n].question = q->id;
		v[n].value = val ? val : "";
		v[n++].evidence = ev;
	}
	return camp_answer_save(r->store, r->pool, r->actor, k->id, k->country->alpha2,
				camp_form_revision(r), v, n, tlp && *tlp ? tlp : NULL, rev, e);
}

static int act_save(struct req *r, struct camp_ctx *k, struct err *e)
{
	return camp_do_save(r, k, NULL, e);
}

/* What was typed is saved first, then submitted at the revision that made. */
static int act_submit(struct req *r, struct camp_ctx *k, struct err *e)
{
	long long rev;
	int rc;

	if ((rc = camp_do_save(r, k, &rev, e)))
		return rc;
	return camp_answer_submit(r->store, r->pool, r->actor, k->id, k->country->alpha2, rev,
				  e);
}

static int act_return(struct req *r, struct camp_ctx *k, struct err *e)
{
	return camp_answer_return(r->store, r->actor, k->id, k->country->alpha2,
				  req_form(r, "comment"), e);
}

static int act_accept(struct req *r, struct camp_ctx *k, struct err *e)
{
	return camp_answer_accept(r->store, r->actor, k->id, k->country->alpha2, e);
}

static int act_reopen(struct req *r, struct camp_ctx *k, struct err *e)
{
	return camp_reopen(r->store, r->actor, k->id, k->country->alpha2, req_form(r, "until"),
			   e);
}

/* The values of the country's latest answer to an earlier campaign of the template,
 * into the questions not answered yet (none: a message on the page, not a 404). */
static int act_carry(struct req *r, struct camp_ctx *k, struct err *e)
{
	int rc = camp_answer_carry(r->store, r->pool, r->actor, k->id, k->country->alpha2,
				   camp_form_revision(r), NULL, NULL, e);

	if (rc == ERR_NOTFOUND)
		rc = e->code = ERR_INVALID;
	return rc;
}

/* The CSV uploaded (a file, else the pasted text): read row by row, then saved. */
static int act_upload(struct req *r, struct camp_ctx *k, struct err *e)
{
	size_t len = 0, n;
	const char *csv = req_form_bytes(r, "file", &len, NULL);
	struct camp_value *v;
	long long rev = 0;
	int rc;

	if (!csv || !len) {
		csv = camp_form_or(r, "csv", "");
		len = strlen(csv);
	}
	if (!len)
		return err_set(e, ERR_INVALID, "Choose the CSV file to upload.");
	if (len > LIMIT_CAMP_CSV_BYTES)
		return err_set(e, ERR_TOOLARGE, "The CSV is longer than %d bytes.",
			       LIMIT_CAMP_CSV_BYTES);
	if ((rc = camp_csv_read(r->pool, k->c, k->t, k->country->alpha2, csv, len, &v, &n, &rev,
				e)))
		return rc;
	return camp_answer_save(r->store, r->pool, r->actor, k->id, k->country->alpha2,
				rev ? rev : camp_form_revision(r), v, n, NULL, NULL, e);
}

typedef int camp_act(struct req *r, struct camp_ctx *k, struct err *e);
static const struct {
	const char *name;
	camp_act *fn;
	int keep;		/* on an error, the answer form shows what was typed */
} camp_acts[] = {
	{ "save", act_save, 1 },
	{ "submit", act_submit, 1 },
	{ "return", act_return, 0 },
	{ "accept", act_accept, 0 },
	{ "reopen", act_reopen, 0 },
	{ "upload", act_upload, 0 },
	{ "carry", act_carry, 0 },
};

int web_campaign_answer_post(struct req *r, struct resp *out)
{
	struct camp_ctx k;
	struct err e = { 0 };
	size_t i;

	for (i = 0; i < NELEM(camp_acts); i++)
		if (!strcmp(r->params[2], camp_acts[i].name))
			break;
	if (i == NELEM(camp_acts))
		return http_error(r, out, 404, "There is no such page.");
	if (req_form_parse(r, &e) || camp_ctx_load(r, &k, r->params[1], &e))
		return http_fail(r, out, &e);
	if (!camp_acts[i].fn(r, &k, &e))
		return web_redirect(r, out, camp_path(r, k.id, k.country->alpha2, NULL));
	if (e.code == ERR_FORBIDDEN || e.code == ERR_NOTFOUND || http_status_of(e.code) >= 500)
		return http_fail(r, out, &e);
	{
		struct err e2 = { 0 };
		int status = http_status_of(e.code);
		const char *msg = camp_msg(r, e.msg);

		/* the page as it is now (a submission may have saved), with the message */
		if (camp_answer_get(r->store, r->pool, r->actor, k.id, k.country->alpha2, &k.x,
				    &e2))
			return http_fail(r, out, &e2);
		if (!camp_acts[i].keep)
			r->form = NULL, r->nform = 0;
		return camp_answer_page(r, out, &k, status, msg);
	}
}

/* ---- hooks: the home page, the country profile ---- */

int web_home_campaigns(struct req *r, struct sbuf *b, struct err *e)
{
	struct campaign *cs;
	int *status;
	size_t n;
	int rc;

	if (!r->actor || !r->actor->country)
		return ERR_OK;
	if ((rc = camp_open_for(r->store, r->pool, r->actor, &cs, &n, e)))
		return rc;
	if (!n)
		return ERR_OK;
	/* the statuses: the country's campaigns, matched by id */
	{
		struct campaign *all;
		size_t na;

		if ((rc = camp_of_country(r->store, r->pool, r->actor, r->actor->country, &all,
					  &status, &na, e)))
			return rc;
		html_fmt(b, "<section aria-labelledby=\"h-campaigns\">\n<h2 id=\"h-campaigns\">%s"
			 "</h2>\n<ul>\n", T("Questionnaires to answer"));
		for (size_t i = 0; i < n; i++) {
			int st = -1;

			for (size_t j = 0; j < na; j++)
				if (all[j].id == cs[i].id && status)
					st = status[j];
			html_fmt(b, "<li>");
			camp_link(r, b, camp_path(r, cs[i].id, r->actor->country, NULL),
				  cs[i].title);
			html_fmt(b, " <span class=\"muted\">· %s %s</span>", T("Deadline"),
				 layout_date(r, cs[i].deadline));
			if (st >= 0)
				html_fmt(b, " <span class=\"tag\">%s</span>", camp_status_label(r, st));
			html_fmt(b, "</li>\n");
		}
		html_fmt(b, "</ul>\n</section>\n");
	}
	return ERR_OK;
}

/* The change per dimension between the first and the last campaign answered. */
static void camp_progress_chart(struct req *r, struct sbuf *b, const struct camp_progress *p,
				size_t n)
{
	const struct camp_progress *a = &p[0], *z = &p[n - 1];
	struct chart_bar bars[8];
	struct chart_bars cb = { .label_heading = T("Dimension"),
				 .value_heading = T("Mean stage"), .bars = bars, .max = QN_STAGES,
				 .decimal = 1 };
	size_t nd = qn_dimension_count < 8 ? qn_dimension_count : 8;

	html_fmt(b, "<h3>%s</h3>\n<div class=\"scroll\">\n<table>\n<caption>%s</caption>\n"
		 "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
		 "%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", T("Progress"),
		 T("Mean stage per dimension, first and latest answer"), T("Dimension"),
		 a->campaign->title, z->campaign->title, T("Change"));
	for (size_t d = 0; d < nd; d++) {
		double ch = z->mean[d] - a->mean[d];

		if (!a->answered[d] && !z->answered[d])
			continue;
		html_fmt(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%S%s</td>"
			 "</tr>\n", T(qn_dimension_titles[d]),
			 a->answered[d] ? chart_decimal(r, a->mean[d]) : "–",
			 z->answered[d] ? chart_decimal(r, z->mean[d]) : "–",
			 ch > 0.05 && a->answered[d] && z->answered[d] ? "+" : "",
			 a->answered[d] && z->answered[d] ? chart_decimal(r, ch) : "–");
	}
	html_fmt(b, "</tbody>\n</table>\n</div>\n");
	for (const struct camp_progress *q = a;; q = z) {
		cb.n = 0;
		for (size_t d = 0; d < nd; d++)
			if (q->answered[d])
				bars[cb.n++] = (struct chart_bar){ T(qn_dimension_titles[d]),
								   q->mean[d], NULL };
		cb.title = q->campaign->title;
		chart_bars(r, b, &cb);
		if (q == z)
			break;
	}
}

int web_country_campaigns(struct req *r, struct sbuf *b, const struct country *c,
			  struct err *e)
{
	struct campaign *cs;
	struct camp_progress *p;
	int *status;
	size_t n, np;
	int rc;

	if ((rc = camp_of_country(r->store, r->pool, r->actor, c->alpha2, &cs, &status, &n, e)))
		return rc;
	if (!n)
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No campaign has asked this country."));
	else
		html_fmt(b, "<ul>\n");
	for (size_t i = 0; i < n && i < LIMIT_PROFILE_ROWS; i++) {
		int st = status ? status[i] : -1;

		html_fmt(b, "<li>");
		camp_link(r, b, st >= 0 ? camp_path(r, cs[i].id, c->alpha2, NULL) :
			  camp_path(r, cs[i].id, NULL, NULL), cs[i].title);
		html_fmt(b, " <span class=\"muted\">· %s %s</span>", T("Deadline"),
			 layout_date(r, cs[i].deadline));
		if (st >= 0)
			html_fmt(b, " <span class=\"tag\">%s</span>", camp_status_label(r, st));
		html_fmt(b, "</li>\n");
	}
	if (n)
		html_fmt(b, "</ul>\n");
	if ((rc = camp_progress(r->store, r->pool, r->actor, c->alpha2, &p, &np, e)))
		return rc;
	if (np >= 2)
		camp_progress_chart(r, b, p, np);
	return ERR_OK;
}
