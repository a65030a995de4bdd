/* The activities and trainings of a request on its page (domain/assist.h, "activities
 * and trainings"): dates, mode and place, language, providers; the participants by
 * role and gender as counts, the pre- and post-test scores; the beneficiary's
 * evaluation. Never the attendance names: the page says how many there are and that
 * the list is RED. */
#include <limits.h>
#include <string.h>

#include "core/num.h"

#include "domain/assist.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/assist_web.h"
#include "web/web.h"

#define T(s) layout_t(r, s)

/* A score in tenths of a point ("725" -> "72.5"), in r's pool. */
static const char *aa_score(struct req *r, int tenths)
{
	return pool_printf(r->pool, "%d.%d", tenths / 10, tenths % 10);
}

/* The participants by role (rows) and gender (columns), with the totals. */
static void aa_training(struct req *r, struct sbuf *b, const struct assist_activity *x)
{
	long long gender[AG_COUNT] = { 0 }, total = 0;

	html_fmt(b, "<table class=\"training\">\n<caption>%s</caption>\n<thead><tr><th "
		 "scope=\"col\">%s</th>", T("Participants"), T("Role"));
	for (int g = 0; g < AG_COUNT; g++)
		html_fmt(b, "<th scope=\"col\">%s</th>", T(assist_gender_titles[g]));
	html_fmt(b, "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", T("Total"));
	for (int ro = 0; ro < AR_COUNT; ro++) {
		long long sum = 0;

		html_fmt(b, "<tr><th scope=\"row\">%s</th>", T(assist_role_titles[ro]));
		for (int g = 0; g < AG_COUNT; g++) {
			html_fmt(b, "<td class=\"count\">%s</td>", layout_number(r, x->count[ro][g]));
			sum += x->count[ro][g];
			gender[g] += x->count[ro][g];
		}
		total += sum;
		html_fmt(b, "<td class=\"count\">%s</td></tr>\n", layout_number(r, sum));
	}
	html_fmt(b, "</tbody>\n<tfoot><tr><th scope=\"row\">%s</th>", T("Total"));
	for (int g = 0; g < AG_COUNT; g++)
		html_fmt(b, "<td class=\"count\">%s</td>", layout_number(r, gender[g]));
	html_fmt(b, "<td class=\"count\" data-total=\"%S\">%s</td></tr></tfoot>\n</table>\n",
		 pool_printf(r->pool, "%lld", total), layout_number(r, total));
	if (x->pre >= 0 || x->post >= 0) {
		html_fmt(b, "<p class=\"scores\">");
		if (x->pre >= 0)
			html_fmt(b, "%s <strong>%s</strong>", T("Pre-test mean score"),
				 aa_score(r, x->pre));
		if (x->pre >= 0 && x->post >= 0)
			html_fmt(b, " · ");
		if (x->post >= 0)
			html_fmt(b, "%s <strong>%s</strong>", T("Post-test mean score"),
				 aa_score(r, x->post));
		html_fmt(b, "</p>\n");
	}
}

static void aa_activity(struct req *r, struct sbuf *b, const struct assist_activity *x)
{
	html_fmt(b, "<article class=\"activity\" data-activity=\"%S\">\n<h3>%s</h3>\n"
		 "<dl class=\"facts\">\n<dt>%s</dt><dd>%s – %s</dd>\n<dt>%s</dt><dd>%s",
		 pool_printf(r->pool, "%lld", x->id), x->title, T("Dates"),
		 layout_date(r, x->date_from), layout_date(r, x->date_to), T("Delivery mode"),
		 aw_modes(r, x->mode));
	if (x->place && *x->place)
		html_fmt(b, " · %s", x->place);
	html_fmt(b, "</dd>\n<dt>%s</dt><dd><code%S>%s</code></dd>\n<dt>%s</dt><dd>", T("Language"),
		 layout_lang(r, "zxx"), x->language, T("Providers"));
	for (size_t i = 0; i < x->nproviders; i++) {
		if (i)
			html_fmt(b, ", ");
		aw_org_link(r, b, "providers", x->providers[i].name);
	}
	html_fmt(b, "</dd>\n");
	if (x->rating)
		html_fmt(b, "<dt>%s</dt><dd class=\"rating\">%s</dd>\n", T("Evaluation"),
			 pool_printf(r->pool, "%d / 5%s%s", x->rating,
				     x->closed_needs && *x->closed_needs ? " · " : "",
				     x->closed_needs ? x->closed_needs : ""));
	html_fmt(b, "</dl>\n");
	if (x->description && *x->description)
		html_fmt(b, "<p%S>%s</p>\n", layout_lang(r, NULL), x->description);
	if (x->trained_at)
		aa_training(r, b, x);
	if (x->attendance)
		html_fmt(b, "<p class=\"muted attendance\">%s</p>\n",
			 layout_plural(r, x->attendance, "Attendance list: {n} name, TLP:RED, not "
				       "shown|Attendance list: {n} names, TLP:RED, not shown"));
	html_fmt(b, "</article>\n");
}

static void aa_form_begin(struct req *r, struct sbuf *b, long long id, const char *action,
			  long long activity)
{
	html_fmt(b, "<form method=\"post\" class=\"record\" action=\"");
	layout_href(r, b, pool_printf(r->pool, "/assistance/%lld/%s", id, action));
	html_fmt(b, "\">\n");
	if (activity)
		html_fmt(b, "<input type=\"hidden\" name=\"activity\" value=\"%S\">\n",
			 pool_printf(r->pool, "%lld", activity));
}

/* The training record of activity x: a count per role and gender, the declared total,
 * the scores. Field names as the domain names them (police_female, total, pre, post). */
static void aa_training_form(struct req *r, struct sbuf *b, const struct assist_request *q,
			     const struct assist_activity *x)
{
	const char *pfx = pool_printf(r->pool, "t%lld", x->id);

	html_fmt(b, "<details class=\"form\"><summary>%s</summary>\n",
		 T("Record the training"));
	aa_form_begin(r, b, q->id, "training", x->id);
	html_fmt(b, "<table class=\"training\">\n<thead><tr><th scope=\"col\">%s</th>", T("Role"));
	for (int g = 0; g < AG_COUNT; g++)
		html_fmt(b, "<th scope=\"col\">%s</th>", T(assist_gender_titles[g]));
	html_fmt(b, "</tr></thead>\n<tbody>\n");
	for (int ro = 0; ro < AR_COUNT; ro++) {
		html_fmt(b, "<tr><th scope=\"row\">%s</th>", T(assist_role_titles[ro]));
		for (int g = 0; g < AG_COUNT; g++)
			html_fmt(b, "<td><input name=\"%s_%s\" aria-label=\"%s, %s\" size=\"4\" "
				 "inputmode=\"numeric\" value=\"%S\"></td>", assist_role_names[ro],
				 assist_gender_names[g], T(assist_role_titles[ro]),
				 T(assist_gender_titles[g]), x->trained_at ?
				 pool_printf(r->pool, "%lld", x->count[ro][g]) : "");
		html_fmt(b, "</tr>\n");
	}
	html_fmt(b, "</tbody>\n</table>\n<div><label for=\"%s-total\">%s</label>\n<input "
		 "id=\"%s-total\" name=\"total\" size=\"5\" inputmode=\"numeric\"></div>\n"
		 "<div><label for=\"%s-pre\">%s</label>\n<input id=\"%s-pre\" name=\"pre\" "
		 "size=\"5\" inputmode=\"decimal\" value=\"%S\"></div>\n<div><label "
		 "for=\"%s-post\">%s</label>\n<input id=\"%s-post\" name=\"post\" size=\"5\" "
		 "inputmode=\"decimal\" value=\"%S\"></div>\n", pfx, T("Declared total"), pfx, pfx,
		 T("Pre-test mean score"), pfx, x->pre >= 0 ? aa_score(r, x->pre) : "", pfx,
		 T("Post-test mean score"), pfx, x->post >= 0 ? aa_score(r, x->post) : "");
	web_form_end(r, b, T("Save the training record"));
	html_fmt(b, "</details>\n");
}

/* The beneficiary's evaluation of activity x. */
static void aa_evaluate_form(struct req *r, struct sbuf *b, const struct assist_request *q,
			     const struct assist_activity *x)
{
	const char *pfx = pool_printf(r->pool, "v%lld", x->id);

	html_fmt(b, "<details class=\"form\"><summary>%s</summary>\n",
		 T("Evaluate this activity"));
	aa_form_begin(r, b, q->id, "activity_evaluate", x->id);
	html_fmt(b, "<div><label for=\"%s-rating\">%s</label>\n<select id=\"%s-rating\" "
		 "name=\"rating\">\n", pfx, T("Rating"), pfx);
	for (int i = 5; i >= 1; i--)
		html_fmt(b, "<option%S>%d</option>\n", i == x->rating ? " selected" : "", i);
	html_fmt(b, "</select></div>\n");
	if (q->needs && *q->needs) {
		html_fmt(b, "<fieldset class=\"choices\"><legend>%s</legend>\n",
			 T("Needs it closed"));
		for (const char *at = q->needs; *at;) {
			size_t len = strcspn(at, ",");
			const char *ref = pool_strndup(r->pool, at, len);

			html_fmt(b, "<label><input type=\"checkbox\" name=\"closed\" value=\"%s\"%S> "
				 "<code%S>%s</code></label>\n", ref, x->closed_needs &&
				 assist_list_has(x->closed_needs, ref) ? " checked" : "",
				 layout_lang(r, "zxx"), ref);
			at += len + (at[len] != 0);
		}
		html_fmt(b, "</fieldset>\n");
	}
	web_form_end(r, b, T("Save the evaluation"));
	html_fmt(b, "</details>\n");
}

/* The form that records an activity under q. */
static void aa_activity_form(struct req *r, struct sbuf *b, const struct assist_request *q,
			     const char *error)
{
	const char *mode = aw_form_or(r, "mode", "in_person");

	html_fmt(b, "<h3 id=\"add-activity\">%s</h3>\n", T("Record an activity"));
	web_message(b, error, 1);
	aa_form_begin(r, b, q->id, "activity", 0);
	html_fmt(b, "<div><label for=\"a-title\">%s</label>\n<input id=\"a-title\" name=\"title\" "
		 "maxlength=\"%d\" value=\"%s\"></div>\n<div><label for=\"a-from\">%s</label>\n"
		 "<input id=\"a-from\" name=\"date_from\" type=\"date\" value=\"%s\"></div>\n"
		 "<div><label for=\"a-to\">%s</label>\n<input id=\"a-to\" name=\"date_to\" "
		 "type=\"date\" value=\"%s\"></div>\n<div><label for=\"a-mode\">%s</label>\n"
		 "<select id=\"a-mode\" name=\"mode\">\n", T("Title"), LIMIT_ASSIST_TITLE,
		 aw_form_or(r, "title", ""), T("From"), aw_form_or(r, "date_from", ""), T("To"),
		 aw_form_or(r, "date_to", ""), T("Delivery mode"));
	for (size_t i = 0; i < AW_MODES && assist_modes[i]; i++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", assist_modes[i],
			 !strcmp(mode, assist_modes[i]) ? " selected" : "", T(aw_mode_labels[i]));
	html_fmt(b, "</select></div>\n<div><label for=\"a-place\">%s</label>\n<input "
		 "id=\"a-place\" name=\"place\" maxlength=\"%d\" value=\"%s\"></div>\n<div><label "
		 "for=\"a-language\">%s</label>\n<input id=\"a-language\" name=\"language\" "
		 "size=\"3\" maxlength=\"3\" value=\"%s\" placeholder=\"en\"></div>\n<div><label "
		 "for=\"a-providers\">%s</label>\n<input id=\"a-providers\" name=\"providers\" "
		 "value=\"%s\" aria-describedby=\"a-providers-hint\"><p id=\"a-providers-hint\" "
		 "class=\"hint\">%s</p></div>\n<div><label for=\"a-description\">%s</label>\n"
		 "<textarea id=\"a-description\" name=\"description\" rows=\"3\" "
		 "maxlength=\"%d\">%s</textarea></div>\n", T("Place"), LIMIT_ASSIST_NAME,
		 aw_form_or(r, "place", ""), T("Language"), aw_form_or(r, "language", ""),
		 T("Providers"), aw_form_or(r, "providers", ""),
		 T("Organisation names separated by commas; none: the providers of the accepted "
		   "matches (yours, for a provider)."), T("Description"), LIMIT_ASSIST_TEXT,
		 aw_form_or(r, "description", ""));
	web_form_end(r, b, T("Record the activity"));
}

int aw_activities(struct req *r, struct sbuf *b, const struct assist_request *q, unsigned who,
		  const char *error, struct err *e)
{
	struct assist_activity *v;
	size_t n;
	int rc;

	if ((rc = assist_activity_list(r->store, r->pool, r->actor, q->id, NULL, &v, &n, e)))
		return rc;
	html_fmt(b, "<h2 id=\"activities\">%s</h2>\n", T("Activities and trainings"));
	if (!n)
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No activity recorded yet."));
	for (size_t i = 0; i < n; i++) {
		aa_activity(r, b, &v[i]);
		if (assist_op_may(q, who, ASSIST_OP_ACT_RECORD))
			aa_training_form(r, b, q, &v[i]);
		if (assist_op_may(q, who, ASSIST_OP_ACT_EVALUATE))
			aa_evaluate_form(r, b, q, &v[i]);
	}
	if (assist_op_may(q, who, ASSIST_OP_ACT_RECORD))
		aa_activity_form(r, b, q, error);
	return ERR_OK;
}

/* ---- the forms' posts (the table of assist_request.c) ---- */

/* The activity the form names, if it is request id's (as the visitor reads it). */
static int aa_form_activity(struct req *r, long long id, struct assist_activity **x,
			    struct err *e)
{
	const char *v = req_form(r, "activity");
	long long aid;
	int rc;

	if (!v || num_parse(v, 1, LLONG_MAX, &aid))
		return err_set(e, ERR_INVALID, "activity: a number");
	if ((rc = assist_activity_get(r->store, r->pool, r->actor, aid, x, e)))
		return rc;
	if ((*x)->request != id)
		return err_set(e, ERR_NOTFOUND, "no activity %lld", aid);
	return ERR_OK;
}

int aw_act_activity(struct req *r, long long id, struct err *e)
{
	const char *list = req_form(r, "providers");
	const char **names = pool_calloc(r->pool, LIMIT_ASSIST_PROVIDERS + 1, sizeof(*names));
	struct assist_activity_in in = {
		.title = req_form(r, "title"), .description = req_form(r, "description"),
		.date_from = req_form(r, "date_from"), .date_to = req_form(r, "date_to"),
		.mode = req_form(r, "mode"), .place = req_form(r, "place"),
		.language = req_form(r, "language"), .providers = names,
	};
	long long aid;

	/* names separated by commas, spaces around them dropped; one more than the
	 * limit is kept so that the domain says the limit */
	for (const char *at = list ? list : ""; *at && in.nproviders <= LIMIT_ASSIST_PROVIDERS;) {
		size_t len = strcspn(at, ",");
		const char *s = at, *t = at + len;

		while (s < t && (*s == ' ' || *s == '\t'))
			s++;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
			t--;
		if (t > s)
			names[in.nproviders++] = pool_strndup(r->pool, s, (size_t)(t - s));
		at += len + (at[len] != 0);
	}
	return assist_activity_add(r->store, r->pool, r->actor, id, &in, &aid, e);
}

int aw_act_training(struct req *r, long long id, struct err *e)
{
	struct assist_training_in in;
	struct assist_activity *x;
	int rc;

	if ((rc = aa_form_activity(r, id, &x, e)))
		return rc;
	memset(&in, 0, sizeof(in));
	for (int ro = 0; ro < AR_COUNT; ro++)
		for (int g = 0; g < AG_COUNT; g++)
			in.count[ro][g] = req_form(r, pool_printf(r->pool, "%s_%s",
								 assist_role_names[ro],
								 assist_gender_names[g]));
	in.total = req_form(r, "total");
	in.pre = req_form(r, "pre");
	in.post = req_form(r, "post");
	return assist_training_set(r->store, r->pool, r->actor, x->id, &in, e);
}

int aw_act_activity_evaluate(struct req *r, long long id, struct err *e)
{
	struct assist_activity *x;
	const char *v = req_form(r, "rating"), *closed = aw_form_list(r, "closed");
	int rating, rc;

	if ((rc = aa_form_activity(r, id, &x, e)))
		return rc;
	if (!v || num_int(v, 1, 5, &rating))
		return err_set(e, ERR_INVALID, "rating: from 1 to 5");
	return assist_activity_evaluate(r->store, r->pool, r->actor, x->id, rating,
					closed ? closed : "", e);
}
