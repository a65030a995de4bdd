/* The page of one technical assistance request (domain/assist.h; docs/assistance.md
 * "Pages"): its facts, needs, timeline, the moves the visitor may make, suggestions
 * with their reasons, matches, funding and its gap, duplication warnings, its
 * activities, with the forms it posts to /assistance/:id/:action. What a visitor may
 * read and do is the domain's answer: a request it may not read is "no request N"
 * (404) here as everywhere. */
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

/* ---- /assistance/:id ---- */

/* What the request page shows, read once. */
struct aw_page {
	struct aw_ctx k;
	struct assist_request *q;
	struct assist_step *steps;
	size_t nsteps;
	struct assist_match *m;
	size_t nm;
	struct assist_fund *f;
	size_t nf;
	unsigned who;
};

static int aw_page_load(struct req *r, struct aw_page *g, long long id, struct err *e)
{
	int rc;

	memset(g, 0, sizeof(*g));
	aw_ctx_init(&g->k, r);
	if ((rc = assist_request_get(r->store, r->pool, r->actor, id, &g->q, e)) ||
	    (rc = assist_timeline(r->store, r->pool, r->actor, id, &g->steps, &g->nsteps, e)) ||
	    (rc = assist_matches(r->store, r->pool, r->actor, id, &g->m, &g->nm, e)) ||
	    (rc = assist_funds(r->store, r->pool, r->actor, id, &g->f, &g->nf, e)) ||
	    (rc = assist_who(r->store, r->pool, r->actor, g->q, &g->who, e)))
		return rc;
	return ERR_OK;
}

/* One need a request answers ("stated:12", "gap:un-cc/7", "answer:3/legal.offences"),
 * linked to where it is. */
static void aw_need(struct req *r, struct sbuf *b, const char *country, const char *ref)
{
	const char *v = strchr(ref, ':');
	struct need_stated *st;

	if (!v) {
		html_fmt(b, "<code>%s</code>", ref);
		return;
	}
	v++;
	if (!strncmp(ref, "stated:", 7)) {
		html_fmt(b, "<a href=\"/countries/%u/needs%S\">%s %s</a>", country, layout_q(r),
			 T("stated need"), v);
		if (!needs_get(r->store, r->pool, r->actor, num_id(v), &st, NULL))
			html_fmt(b, " · %s%S", aw_topic(r, st->topic), st->closed_at ?
				 pool_printf(r->pool, " · <strong class=\"met\">%s</strong>",
					     T("met")) : "");
	} else if (!strncmp(ref, "gap:", 4)) {
		const char *slash = strchr(v, '/');

		if (slash)
			html_fmt(b, "<a href=\"/instruments/%u/%u%S\">%s</a>",
				 pool_strndup(r->pool, v, (size_t)(slash - v)), slash + 1,
				 layout_q(r), v);
		else
			html_fmt(b, "%s", v);
		html_fmt(b, " <span class=\"tag\">%s</span>", T("gap"));
	} else if (!strncmp(ref, "answer:", 7)) {
		const char *slash = strchr(v, '/');

		html_fmt(b, "<a href=\"/campaigns/%u/answers/%u%S\">%s</a> <span class=\"tag\">"
			 "%s</span>", slash ? pool_strndup(r->pool, v, (size_t)(slash - v)) : v,
			 country, layout_q(r), v, T("questionnaire answer"));
	} else {
		html_fmt(b, "<code>%s</code>", ref);
	}
}

static void aw_facts(struct req *r, struct sbuf *b, struct aw_page *g)
{
	const struct assist_request *q = g->q;

	html_fmt(b, "<dl class=\"facts\">\n<dt>%s</dt><dd><strong class=\"stage\" "
		 "data-stage=\"%s\">%s</strong></dd>\n<dt>%s</dt><dd><a href=\"/countries/%u%S\">"
		 "%s</a></dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s"
		 "</dd>\n<dt>%s</dt><dd><code%S>%s</code></dd>\n", T("Stage"),
		 assist_stage_names[q->stage], aw_stage(r, q->stage), T("Country"), q->country,
		 layout_q(r), web_country_name(r, q->country), T("Topic"), aw_topic(r, q->topic),
		 T("Beneficiary institution"), q->beneficiary, T("Target groups"),
		 aw_targets(r, q->targets), T("Languages"), layout_lang(r, "zxx"), q->languages);
	if (q->date_from)
		html_fmt(b, "<dt>%s</dt><dd>%s – %s</dd>\n", T("Preferred dates"),
			 layout_date(r, q->date_from), layout_date(r, q->date_to));
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Urgency"), aw_urgency(r, q->urgency));
	if (q->modes && *q->modes)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Delivery modes"),
			 aw_modes(r, q->modes));
	if (q->budget_currency)
		html_fmt(b, "<dt>%s</dt><dd id=\"budget\">%s</dd>\n", T("Budget"),
			 aw_amount(&g->k, q->budget_currency, q->budget_amount));
	html_fmt(b, "<dt>%s</dt><dd><span class=\"tag\">TLP:%s</span></dd>\n<dt>%s</dt>"
		 "<dd>%s · %s</dd>\n<dt>%s</dt><dd>%S</dd>\n</dl>\n", T("Sharing label"), q->tlp,
		 T("Requested"), layout_datetime(r, q->created_at), q->created_by, T("Revision"),
		 pool_printf(r->pool, "%lld", q->revision));
	if (q->description && *q->description)
		html_fmt(b, "<p class=\"description\"%S>%s</p>\n", layout_lang(r, NULL),
			 q->description);
	html_fmt(b, "<h2 id=\"needs\">%s</h2>\n", T("Needs answered"));
	if (!q->needs || !*q->needs) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No needs named."));
		return;
	}
	html_fmt(b, "<ul class=\"needs\">\n");
	for (const char *at = q->needs; *at;) {
		size_t len = strcspn(at, ",");

		html_fmt(b, "<li>");
		aw_need(r, b, q->country, pool_strndup(r->pool, at, len));
		html_fmt(b, "</li>\n");
		at += len + (at[len] != 0);
	}
	html_fmt(b, "</ul>\n");
}

static void aw_timeline(struct req *r, struct sbuf *b, struct aw_page *g)
{
	html_fmt(b, "<h2 id=\"timeline\">%s</h2>\n<ol class=\"timeline\">\n", T("Timeline"));
	for (size_t i = 0; i < g->nsteps; i++) {
		const struct assist_step *s = &g->steps[i];
		int from = s->from ? assist_stage_parse(s->from) : -1;

		html_fmt(b, "<li>");
		if (from >= 0)
			html_fmt(b, "%s → ", aw_stage(r, from));
		html_fmt(b, "<strong>%s</strong> <span class=\"muted\">· %s · %s</span>",
			 aw_stage(r, assist_stage_parse(s->to)), layout_datetime(r, s->at), s->by);
		if (s->comment && *s->comment)
			html_fmt(b, " <q%S>%s</q>", layout_lang(r, NULL), s->comment);
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ol>\n");
}

/* Open a POST form to /assistance/ID/action; inline: a form of one line (buttons in
 * a list), else a form of labelled fields. */
static void aw_post_form(struct req *r, struct sbuf *b, long long id, const char *action,
			 int inline_form)
{
	html_fmt(b, inline_form ? "<form method=\"post\" class=\"inline\" action=\"" :
		 "<form method=\"post\" class=\"record\" action=\"");
	layout_href(r, b, pool_printf(r->pool, "/assistance/%lld/%s", id, action));
	html_fmt(b, "\">\n");
}

/* The moves of the lifecycle table the visitor may make from the request's stage. */
static void aw_moves(struct req *r, struct sbuf *b, struct aw_page *g)
{
	int any = 0;

	for (size_t i = 0; i < assist_move_count; i++) {
		const struct assist_move_rule *m = &assist_moves[i];

		if (m->from != g->q->stage || !(m->who & g->who))
			continue;
		if (!any++)
			html_fmt(b, "<h2 id=\"moves\">%s</h2>\n<div class=\"moves\">\n",
				 T("Next steps"));
		aw_post_form(r, b, g->q->id, "move", 0);
		html_fmt(b, "<input type=\"hidden\" name=\"to\" value=\"%s\">\n<div><label "
			 "for=\"m-%s\">%s</label>\n<textarea id=\"m-%s\" name=\"comment\" rows=\"2\" "
			 "maxlength=\"%d\"%S></textarea></div>\n", assist_stage_names[m->to],
			 assist_stage_names[m->to], T(m->comment ? "Comment (required)" : "Comment"),
			 assist_stage_names[m->to], LIMIT_ASSIST_COMMENT,
			 m->comment ? " required" : "");
		layout_csrf(r, b);
		html_fmt(b, "<div><button name=\"move\" value=\"%s\">%s: %s</button></div>\n"
			 "</form>\n", assist_stage_names[m->to], T("Move to"), aw_stage(r, m->to));
	}
	if (any)
		html_fmt(b, "</div>\n");
}

/* The duplication warnings that name this request. */
static int aw_request_overlaps(struct req *r, struct sbuf *b, struct aw_page *g, struct err *e)
{
	struct assist_overlap *o;
	size_t n;
	int any = 0, rc;

	if ((rc = assist_overlaps(r->store, r->pool, r->actor, g->q->country, &o, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		const struct assist_request *other = o[i].a->id == g->q->id ? o[i].b :
						     o[i].b->id == g->q->id ? o[i].a : NULL;

		if (!other)
			continue;
		if (!any++)
			html_fmt(b, "<section class=\"warning\" aria-labelledby=\"overlaps\">\n"
				 "<h2 id=\"overlaps\">%s</h2>\n<ul>\n", T("Duplication warnings"));
		html_fmt(b, "<li>");
		aw_request_link(r, b, other);
		html_fmt(b, " · %s · %s", other->beneficiary, aw_stage(r, other->stage));
		if (o[i].kind == AO_BENEFICIARY)
			html_fmt(b, ": %s", T("the same beneficiary institution, the same topic, "
					      "overlapping periods"));
		else
			html_fmt(b, ": %s (%s)", T("the same target group, the same topic, "
						   "overlapping periods"),
				 aw_targets(r, o[i].target));
		html_fmt(b, "</li>\n");
	}
	if (any)
		html_fmt(b, "</ul>\n</section>\n");
	return ERR_OK;
}

/* The terms of a score as the page names them (assist_weights[] order). */
static const char *const aw_term_labels[AWT_COUNT] = {
	[AWT_LANGUAGE] = "Languages", [AWT_REGION] = "Region", [AWT_CAPACITY] = "Capacity",
	[AWT_MODE] = "Delivery modes", [AWT_RATING] = "Evaluations",
};

/* The suggested offers, best first, each term written out (curators). */
static int aw_suggestions(struct req *r, struct sbuf *b, struct aw_page *g, struct err *e)
{
	struct assist_suggestion *sg;
	size_t n;
	int rc, may = assist_op_stage(g->q, ASSIST_OP_MATCH);

	if ((rc = assist_suggest(r->store, r->pool, r->actor, g->q->id, &sg, &n, e)))
		return rc;
	html_fmt(b, "<h2 id=\"suggestions\">%s</h2>\n", T("Suggested matches"));
	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No offer has this topic."));
		return ERR_OK;
	}
	html_fmt(b, "<ol class=\"suggestions\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct assist_offer *o = sg[i].offer;
		int matched = 0;

		for (size_t j = 0; j < g->nm; j++)
			matched |= g->m[j].offer == o->id;
		html_fmt(b, "<li class=\"suggestion\" data-offer=\"%S\"><strong>%s</strong> · ",
			 pool_printf(r->pool, "%lld", o->id), o->title);
		aw_org_link(r, b, "providers", o->org_name);
		html_fmt(b, " · %s <strong class=\"score\">%S</strong>\n<ul class=\"reasons\">\n",
			 T("Score"), pool_printf(r->pool, "%.2f", sg[i].score));
		for (int t = 0; t < AWT_COUNT; t++) {
			const struct assist_term *x = &sg[i].terms[t];

			html_fmt(b, "<li>%s: %s, %S × %S = %S</li>\n",
				 T(aw_term_labels[t]), aw_msg(r, x->why ? x->why : ""),
				 pool_printf(r->pool, "%g", x->w), pool_printf(r->pool, "%.2f", x->x),
				 pool_printf(r->pool, "%.2f", x->value));
		}
		html_fmt(b, "</ul>\n");
		if (matched)
			html_fmt(b, "<p class=\"muted\">%s</p>\n", T("Matched already."));
		else if (may) {
			aw_post_form(r, b, g->q->id, "confirm", 1);
			html_fmt(b, "<input type=\"hidden\" name=\"offer\" value=\"%S\">",
				 pool_printf(r->pool, "%lld", o->id));
			layout_csrf(r, b);
			html_fmt(b, "<button>%s</button></form>\n", T("Confirm this match"));
		}
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ol>\n");
	return ERR_OK;
}

static const char *aw_match_status(struct req *r, int st)
{
	static const char *const titles[AM_STATUS_COUNT] = { "confirmed", "accepted",
							     "declined" };

	return st >= 0 && st < AM_STATUS_COUNT ? T(titles[st]) : "";
}

/* The confirmed, accepted and declined matches; the provider's buttons. */
static int aw_matches(struct req *r, struct sbuf *b, struct aw_page *g, struct err *e)
{
	const struct actor *a = r->actor;

	(void)e;
	html_fmt(b, "<h2 id=\"matches\">%s</h2>\n", T("Matches"));
	if (!g->nm) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No match yet."));
		return ERR_OK;
	}
	html_fmt(b, "<ul class=\"matches\">\n");
	for (size_t i = 0; i < g->nm; i++) {
		const struct assist_match *m = &g->m[i];
		const struct org *o = aw_org(&g->k, m->org);
		struct assist_offer *offer;

		html_fmt(b, "<li class=\"match\" data-status=\"%s\">",
			 assist_match_status_names[m->status]);
		if (!assist_offer_get(r->store, r->pool, m->offer, &offer, NULL))
			html_fmt(b, "<strong>%s</strong> · ", offer->title);
		aw_org_link(r, b, "providers", o ? o->name : "");
		html_fmt(b, " · <strong class=\"status\">%s</strong> · %s %S <span class=\"muted\">"
			 "· %s %s · %s</span>", aw_match_status(r, m->status), T("Score"),
			 pool_printf(r->pool, "%.2f", m->score), T("confirmed"),
			 layout_datetime(r, m->confirmed_at), m->confirmed_by);
		if (m->answered_at)
			html_fmt(b, " <span class=\"muted\">· %s %s</span>",
				 layout_datetime(r, m->answered_at), m->answered_by);
		if (m->comment && *m->comment)
			html_fmt(b, " <q%S>%s</q>", layout_lang(r, NULL), m->comment);
		if (m->status == AM_CONFIRMED && a && a->user_id && a->org_id == m->org) {
			aw_post_form(r, b, g->q->id, "answer", 1);
			html_fmt(b, "<input type=\"hidden\" name=\"match\" value=\"%S\"><label>%s "
				 "<input name=\"comment\" maxlength=\"%d\"></label> ",
				 pool_printf(r->pool, "%lld", m->id), T("Comment"),
				 LIMIT_ASSIST_COMMENT);
			layout_csrf(r, b);
			html_fmt(b, "<button name=\"answer\" value=\"accept\">%s</button> "
				 "<button name=\"answer\" value=\"decline\">%s</button></form>",
				 T("Accept"), T("Decline"));
		}
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ul>\n");
	return ERR_OK;
}

/* Funding: the rows, the sums by donor and currency, the gap, and the form. */
static int aw_funding(struct req *r, struct sbuf *b, struct aw_page *g, const char *error,
		      struct err *e)
{
	static const char *const head[] = { "Donor", "Kind", "Amount", "Date", NULL };
	const struct assist_request *q = g->q;
	const struct org *own = aw_own_org(&g->k);
	long long gap, pledged;
	struct assist_sum *other;
	size_t nother;
	int rc, form;

	if ((rc = assist_gap(r->pool, q, g->f, g->nf, &gap, &pledged, &other, &nother, e)))
		return rc;
	html_fmt(b, "<h2 id=\"funding\">%s</h2>\n<dl class=\"facts funding\">\n", T("Funding"));
	if (q->budget_currency)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt>"
			 "<dd id=\"gap\" data-open=\"%d\">%s</dd>\n", T("Budget"),
			 aw_amount(&g->k, q->budget_currency, q->budget_amount), T("Pledged"),
			 aw_amount(&g->k, q->budget_currency, pledged), T("Gap"),
			 gap > 0,
			 aw_amount(&g->k, q->budget_currency, gap));
	else
		html_fmt(b, "<dt>%s</dt><dd id=\"gap\">%s</dd>\n", T("Budget"),
			 T("no budget stated"));
	for (size_t i = 0; i < nother; i++)
		html_fmt(b, "<dt>%s (%s)</dt><dd>%s %s · %s %s</dd>\n", T("Other currencies"),
			 other[i].currency, T("pledged"),
			 aw_amount(&g->k, other[i].currency, other[i].pledged), T("disbursed"),
			 aw_amount(&g->k, other[i].currency, other[i].disbursed));
	html_fmt(b, "</dl>\n");
	if (g->nf) {
		html_fmt(b, "<div class=\"scroll\">\n");
		web_table_begin(r, b, head);
		for (size_t i = 0; i < g->nf; i++) {
			html_fmt(b, "<tr><td>");
			aw_org_link(r, b, "donors", g->f[i].donor_name);
			html_fmt(b, "</td><td>%s</td><td class=\"amount\">%s</td><td>%s</td></tr>\n",
				 T(g->f[i].kind == AF_PLEDGE ? "pledge" : "disbursement"),
				 aw_amount(&g->k, g->f[i].currency, g->f[i].amount),
				 layout_date(r, g->f[i].on_date));
		}
		html_fmt(b, "</tbody>\n</table>\n</div>\n");
	}
	form = assist_stage_open(q->stage) &&
	       (aw_curator(r) || (own && own->kind == ORG_DONOR &&
				  !record_allow(r->actor, ACT_FUND, &(struct record){
						.owner_org = own->id }, NULL)));
	if (!form)
		return ERR_OK;
	html_fmt(b, "<h3 id=\"fund\">%s</h3>\n", T("Record a pledge or a disbursement"));
	web_message(b, error, 1);
	aw_post_form(r, b, q->id, "fund", 0);
	if (aw_curator(r))
		html_fmt(b, "<div><label for=\"d-donor\">%s</label>\n<input id=\"d-donor\" "
			 "name=\"donor\" value=\"%s\"></div>\n", T("Donor"),
			 aw_form_or(r, "donor", ""));
	else
		html_fmt(b, "<input type=\"hidden\" name=\"donor\" value=\"%s\">\n", own->name);
	html_fmt(b, "<div><label for=\"d-kind\">%s</label>\n<select id=\"d-kind\" name=\"kind\">"
		 "<option value=\"pledge\">%s</option><option value=\"disbursement\"%S>%s"
		 "</option></select></div>\n<div><label for=\"d-currency\">%s</label>\n<input "
		 "id=\"d-currency\" name=\"currency\" size=\"3\" maxlength=\"3\" value=\"%s\">"
		 "</div>\n<div><label for=\"d-amount\">%s</label>\n<input id=\"d-amount\" "
		 "name=\"amount\" inputmode=\"decimal\" value=\"%s\"></div>\n<div><label "
		 "for=\"d-on\">%s</label>\n<input id=\"d-on\" name=\"on_date\" type=\"date\" "
		 "value=\"%s\"></div>\n", T("Kind"), T("pledge"),
		 !strcmp(aw_form_or(r, "kind", ""), "disbursement") ? " selected" : "",
		 T("disbursement"), T("Currency"),
		 aw_form_or(r, "currency", q->budget_currency ? q->budget_currency : ""),
		 T("Amount"), aw_form_or(r, "amount", ""), T("Date"), aw_form_or(r, "on_date", ""));
	web_form_end(r, b, T("Record"));
	return ERR_OK;
}

/* The beneficiary's evaluation of a provider (focal points of the country,
 * curators), once delivered. */
static void aw_evaluate_form(struct req *r, struct sbuf *b, struct aw_page *g)
{
	const struct assist_request *q = g->q;
	int any = 0;

	if (!assist_op_may(q, g->who, ASSIST_OP_EVALUATE))
		return;
	for (size_t i = 0; i < g->nm; i++)
		any |= g->m[i].status == AM_ACCEPTED;
	if (!any)
		return;
	html_fmt(b, "<h2 id=\"evaluate\">%s</h2>\n", T("Evaluate the assistance"));
	aw_post_form(r, b, q->id, "evaluate", 0);
	html_fmt(b, "<div><label for=\"e-org\">%s</label>\n<select id=\"e-org\" name=\"org\">\n",
		 T("Provider"));
	for (size_t i = 0; i < g->nm; i++) {
		const struct org *o = aw_org(&g->k, g->m[i].org);

		if (g->m[i].status == AM_ACCEPTED && o)
			html_fmt(b, "<option>%s</option>\n", o->name);
	}
	html_fmt(b, "</select></div>\n<div><label for=\"e-rating\">%s</label>\n<select "
		 "id=\"e-rating\" name=\"rating\">\n", T("Rating"));
	for (int i = 5; i >= 1; i--)
		html_fmt(b, "<option>%d</option>\n", i);
	html_fmt(b, "</select></div>\n");
	if (q->needs && *q->needs) {
		html_fmt(b, "<fieldset class=\"choices\"><legend>%s</legend>\n",
			 T("Needs it closed"));
		for (const char *at = q->needs; *at;) {
			size_t len = strcspn(at, ",");
			const char *ref = pool_strndup(r->pool, at, len);

			html_fmt(b, "<label><input type=\"checkbox\" name=\"closed\" value=\"%s\"> "
				 "<code%S>%s</code></label>\n", ref, layout_lang(r, "zxx"), ref);
			at += len + (at[len] != 0);
		}
		html_fmt(b, "</fieldset>\n");
	}
	web_form_end(r, b, T("Save the evaluation"));
}

/* The request page; error (a message) above the forms when a post was refused. */
/* Where a refused form's message goes: above the page (its forms are one-line), or
 * above the form, which is shown again with what was typed. */
enum aw_where { AWW_TOP, AWW_FUND, AWW_ACTIVITY, AWW_EDIT };

static int aw_request_page(struct req *r, struct resp *out, long long id, int status,
			   const char *error, enum aw_where where)
{
	struct aw_page g;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (aw_page_load(r, &g, id, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, g.q->title, "assistance", "no-store");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/assistance%S\">%s</a> › <a href=\"",
		 layout_q(r), T("Technical assistance"));
	layout_href(r, b, pool_printf(r->pool, "/assistance?country=%s", g.q->country));
	html_fmt(b, "\">%s</a></p>\n<h1>%s</h1>\n", web_country_name(r, g.q->country),
		 g.q->title);
	web_message(b, where == AWW_TOP ? error : NULL, 1);
	aw_facts(r, b, &g);
	if (aw_request_overlaps(r, b, &g, &e))
		return http_fail(r, out, &e);
	aw_timeline(r, b, &g);
	aw_moves(r, b, &g);
	if (aw_curator(r) && aw_suggestions(r, b, &g, &e))
		return http_fail(r, out, &e);
	if (aw_matches(r, b, &g, &e) ||
	    aw_funding(r, b, &g, where == AWW_FUND ? error : NULL, &e))
		return http_fail(r, out, &e);
	aw_evaluate_form(r, b, &g);
	if (aw_activities(r, b, g.q, g.who, where == AWW_ACTIVITY ? error : NULL, &e))
		return http_fail(r, out, &e);
	/* edits until it is in delivery (assist_request_edit) */
	if (assist_op_may(g.q, g.who, ASSIST_OP_EDIT))
		aw_request_form(r, b, where == AWW_EDIT ? error : NULL, g.q);
	html_fmt(b, "<p><a href=\"/api/v1/assistance/requests/%S\">JSON</a></p>\n",
		 pool_printf(r->pool, "%lld", id));
	layout_end(r, b);
	return out->status = status;
}

int web_assistance_request(struct req *r, struct resp *out)
{
	long long id = num_id(r->params[0]);
	struct assist_request *q;
	struct err e = { 0 };

	if (!id)
		return http_error(r, out, 404, "There is no such page.");
	if (r->route_data) {	/* /assistance/requests/:id, the API's shape: one address */
		if (assist_request_get(r->store, r->pool, r->actor, id, &q, &e))
			return http_fail(r, out, &e);
		out->location = pool_printf(r->pool, "/assistance/%lld%s", id, layout_q(r));
		return http_error(r, out, 301, "This request's page is at /assistance/N.");
	}
	return aw_request_page(r, out, id, 200, NULL, AWW_TOP);
}

/* The forms' posts: /assistance/:id/:action. */
static int act_move(struct req *r, long long id, struct err *e)
{
	const char *to = req_form(r, "to");

	return assist_move(r->store, r->pool, r->actor, id, to ? to : "",
			   req_form(r, "comment"), e);
}

static int act_confirm(struct req *r, long long id, struct err *e)
{
	const char *v = req_form(r, "offer");
	long long offer, mid;

	if (!v || num_parse(v, 1, LLONG_MAX, &offer))
		return err_set(e, ERR_INVALID, "offer: a number");
	return assist_match_confirm(r->store, r->pool, r->actor, id, offer, &mid, e);
}

static int act_answer(struct req *r, long long id, struct err *e)
{
	const char *v = req_form(r, "match"), *answer = req_form(r, "answer");
	struct assist_match *m;
	size_t n;
	long long mid;
	int rc;

	if (!v || num_parse(v, 1, LLONG_MAX, &mid))
		return err_set(e, ERR_INVALID, "match: a number");
	if (!answer || (strcmp(answer, "accept") && strcmp(answer, "decline")))
		return err_set(e, ERR_INVALID, "answer: accept or decline");
	/* the match must be this request's (as the visitor reads it) */
	if ((rc = assist_matches(r->store, r->pool, r->actor, id, &m, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (m[i].id == mid)
			return assist_match_answer(r->store, r->pool, r->actor, mid,
						   !strcmp(answer, "accept"),
						   req_form(r, "comment"), e);
	return err_set(e, ERR_NOTFOUND, "no match %lld", mid);
}

static int act_fund(struct req *r, long long id, struct err *e)
{
	struct assist_fund_in in = {
		.donor = req_form(r, "donor"), .kind = req_form(r, "kind"),
		.currency = req_form(r, "currency"), .amount = req_form(r, "amount"),
		.on_date = req_form(r, "on_date"),
	};

	return assist_fund(r->store, r->pool, r->actor, id, &in, e);
}

static int act_evaluate(struct req *r, long long id, struct err *e)
{
	const char *v = req_form(r, "rating");
	const char *closed = aw_form_list(r, "closed");
	int rating;

	if (!v || num_int(v, 1, 5, &rating))
		return err_set(e, ERR_INVALID, "rating: from 1 to 5");
	return assist_evaluate(r->store, r->pool, r->actor, id, req_form(r, "org"), rating,
			       closed ? closed : "", e);
}

static int act_edit(struct req *r, long long id, struct err *e)
{
	struct assist_request_in in;
	const char *v = req_form(r, "revision");
	long long revision;

	if (!v || num_parse(v, 1, LLONG_MAX, &revision))
		return err_set(e, ERR_INVALID, "revision: a number");
	aw_request_in(r, &in);
	return assist_request_edit(r->store, r->pool, r->actor, id, revision, &in, e);
}

typedef int aw_act(struct req *r, long long id, struct err *e);
static const struct {
	const char *name;
	aw_act *fn;
	const char *anchor;	/* where the page goes back to */
	enum aw_where where;	/* where its message goes (AWW_TOP: the form is not kept) */
	const char *(*msg)(struct req *r, const char *msg);	/* its fields' labels */
} aw_acts[] = {
	{ "move", act_move, "#timeline", AWW_TOP, aw_msg },
	{ "confirm", act_confirm, "#matches", AWW_TOP, aw_msg },
	{ "answer", act_answer, "#matches", AWW_TOP, aw_msg },
	{ "fund", act_fund, "#funding", AWW_FUND, aw_msg },
	{ "evaluate", act_evaluate, "#evaluate", AWW_TOP, aw_msg },
	{ "edit", act_edit, "", AWW_EDIT, aw_msg },
	{ "activity", aw_act_activity, "#activities", AWW_ACTIVITY, aw_msg_activity },
	{ "training", aw_act_training, "#activities", AWW_TOP, aw_msg_activity },
	{ "activity_evaluate", aw_act_activity_evaluate, "#activities", AWW_TOP,
	  aw_msg_activity },
};

int web_assistance_post(struct req *r, struct resp *out)
{
	long long id = num_id(r->params[0]);
	struct assist_request *q;
	struct err e = { 0 };
	size_t i;

	for (i = 0; i < NELEM(aw_acts); i++)
		if (!strcmp(r->params[1], aw_acts[i].name))
			break;
	if (!id || i == NELEM(aw_acts))
		return http_error(r, out, 404, "There is no such page.");
	if (req_form_parse(r, &e) ||
	    assist_request_get(r->store, r->pool, r->actor, id, &q, &e))
		return http_fail(r, out, &e);
	if (!aw_acts[i].fn(r, id, &e))
		return web_redirect(r, out, pool_printf(r->pool, "/assistance/%lld%s", id,
							 aw_acts[i].anchor));
	if (e.code == ERR_FORBIDDEN || e.code == ERR_NOTFOUND || http_status_of(e.code) >= 500)
		return http_fail(r, out, &e);
	if (aw_acts[i].where == AWW_TOP)
		r->form = NULL, r->nform = 0;
	{
		const char *msg = aw_acts[i].msg(r, e.msg);

		return aw_request_page(r, out, id, http_status_of(e.code), msg,
				       aw_acts[i].where);
	}
}
