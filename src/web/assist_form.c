/* The form of a technical assistance request (domain/assist.h): the one that adds a
 * request on /assistance and the one that edits it on its page, with the topic and
 * country choices they share with the list's filters. */
#include <string.h>

#include "domain/assist.h"
#include "domain/country.h"
#include "domain/needs.h"
#include "domain/record.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/assist_web.h"
#include "web/web.h"

#define T(s) layout_t(r, s)
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

void aw_topic_select(struct req *r, struct sbuf *b, const char *id, const char *name,
			    const char *sel, int any)
{
	html_fmt(b, "<select id=\"%s\" name=\"%s\">\n", id, name);
	if (any)
		html_fmt(b, "<option value=\"\">%s</option>\n", T("any"));
	for (size_t i = 0; i < need_topic_count; i++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", need_topics[i].key,
			 sel && !strcmp(sel, need_topics[i].key) ? " selected" : "",
			 T(need_topics[i].name));
	html_fmt(b, "</select>\n");
}

/* The country of the form that adds a request (id r-country: the filters above have
 * f-country), every country by name in the page's language. */
static void aw_country_select(struct req *r, struct sbuf *b, const char *sel)
{
	struct country *cs;
	size_t n = 0;

	if (country_list(r->store, r->pool, &cs, &n, NULL))
		n = 0;
	country_sort(cs, n, r->lang);
	html_fmt(b, "<select id=\"r-country\" name=\"country\">\n<option value=\"\"></option>\n");
	for (size_t i = 0; i < n; i++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", cs[i].alpha2,
			 sel && !strcmp(sel, cs[i].alpha2) ? " selected" : "",
			 country_name(&cs[i], r->lang));
	html_fmt(b, "</select>\n");
}

void aw_request_form(struct req *r, struct sbuf *b, const char *error,
		     const struct assist_request *q)
{
	const char *targets[32], *target_labels[32];
	size_t nt = 0;
	const char *fixed = q ? q->country : aw_curator(r) ? NULL : r->actor->country;
	const char *urg = aw_form_or(r, "urgency", q ? pool_printf(r->pool, "%d", q->urgency) :
				     "2");
	const char *tlp = aw_form_or(r, "tlp", q ? q->tlp : "GREEN");
	const char *budget = "";
	static const char *const tlps[] = { "CLEAR", "GREEN", "AMBER" };
	struct aw_ctx k;

	aw_ctx_init(&k, r);
	if (q && q->budget_currency && aw_minor(&k, q->budget_currency) >= 0)
		budget = assist_amount_text(r->pool, q->budget_amount,
					    aw_minor(&k, q->budget_currency));

	for (size_t i = 0; i < need_target_count && nt < NELEM(targets); i++, nt++) {
		targets[nt] = need_targets[i].key;
		target_labels[nt] = need_targets[i].name;
	}
	html_fmt(b, "<h2 id=\"%s\">%s</h2>\n", q ? "edit" : "add",
		 T(q ? "Edit the request" : "Request assistance"));
	web_message(b, error, 1);
	html_fmt(b, "<form method=\"post\" class=\"record\" action=\"");
	layout_href(r, b, q ? pool_printf(r->pool, "/assistance/%lld/edit", q->id) :
		    "/assistance");
	html_fmt(b, "\">\n");
	if (q)
		html_fmt(b, "<input type=\"hidden\" name=\"revision\" value=\"%S\">\n",
			 pool_printf(r->pool, "%lld", q->revision));
	html_fmt(b, "<div><label for=\"r-country\">%s</label>\n", T("Country"));
	if (fixed)
		html_fmt(b, "<input id=\"r-country\" name=\"country\" value=\"%s\" readonly>",
			 fixed);
	else
		aw_country_select(r, b, aw_form_or(r, "country", NULL));
	html_fmt(b, "</div>\n<div><label for=\"r-title\">%s</label>\n<input id=\"r-title\" "
		 "name=\"title\" maxlength=\"%d\" value=\"%s\"></div>\n<div><label "
		 "for=\"r-topic\">%s</label>\n", T("Title"), LIMIT_ASSIST_TITLE,
		 aw_form_or(r, "title", q ? q->title : ""), T("Topic"));
	aw_topic_select(r, b, "r-topic", "topic", aw_form_or(r, "topic", q ? q->topic : NULL),
			0);
	html_fmt(b, "</div>\n<div><label for=\"r-beneficiary\">%s</label>\n<input "
		 "id=\"r-beneficiary\" name=\"beneficiary\" maxlength=\"%d\" value=\"%s\"></div>\n",
		 T("Beneficiary institution"), LIMIT_ASSIST_NAME,
		 aw_form_or(r, "beneficiary", q ? q->beneficiary : ""));
	aw_checkboxes(r, b, "targets", T("Target groups"), targets, target_labels, nt,
		      r->form ? aw_form_list(r, "targets") : q ? q->targets : NULL);
	html_fmt(b, "<div><label for=\"r-languages\">%s</label>\n<input id=\"r-languages\" "
		 "name=\"languages\" value=\"%s\" placeholder=\"en,fr\" "
		 "aria-describedby=\"r-languages-hint\"><p id=\"r-languages-hint\" class=\"hint\">"
		 "%s</p></div>\n<div><label for=\"r-from\">%s</label>\n<input id=\"r-from\" "
		 "name=\"date_from\" type=\"date\" value=\"%s\"></div>\n<div><label "
		 "for=\"r-to\">%s</label>\n<input id=\"r-to\" name=\"date_to\" type=\"date\" "
		 "value=\"%s\"></div>\n<div><label for=\"r-urgency\">%s</label>\n<select "
		 "id=\"r-urgency\" name=\"urgency\">\n", T("Languages"),
		 aw_form_or(r, "languages", q ? q->languages : ""),
		 T("Two-letter language codes separated by commas."), T("Preferred start"),
		 aw_form_or(r, "date_from", q && q->date_from ? q->date_from : ""),
		 T("Preferred end"), aw_form_or(r, "date_to", q && q->date_to ? q->date_to : ""),
		 T("Urgency"));
	for (int u = 1; u <= 3; u++)
		html_fmt(b, "<option value=\"%d\"%S>%s</option>\n", u,
			 urg[0] - '0' == u ? " selected" : "", aw_urgency(r, u));
	html_fmt(b, "</select></div>\n");
	aw_checkboxes(r, b, "modes", T("Delivery modes"), (const char *const *)assist_modes,
		      aw_mode_labels, AW_MODES,
		      r->form ? aw_form_list(r, "modes") : q ? q->modes : NULL);
	html_fmt(b, "<div><label for=\"r-currency\">%s</label>\n<input id=\"r-currency\" "
		 "name=\"budget_currency\" size=\"3\" maxlength=\"3\" value=\"%s\" "
		 "placeholder=\"EUR\"></div>\n<div><label for=\"r-budget\">%s</label>\n<input "
		 "id=\"r-budget\" name=\"budget_amount\" inputmode=\"decimal\" value=\"%s\" "
		 "placeholder=\"50000.00\"></div>\n<div><label for=\"r-needs\">%s</label>\n<input "
		 "id=\"r-needs\" name=\"needs\" value=\"%s\" placeholder=\"gap:un-cc/7\" "
		 "aria-describedby=\"r-needs-hint\"><p id=\"r-needs-hint\" class=\"hint\">%s</p>"
		 "</div>\n<div><label for=\"r-description\">%s</label>\n<textarea "
		 "id=\"r-description\" name=\"description\" rows=\"4\" maxlength=\"%d\">%s"
		 "</textarea></div>\n<div><label for=\"r-tlp\">%s</label>\n<select id=\"r-tlp\" "
		 "name=\"tlp\">\n", T("Budget currency"),
		 aw_form_or(r, "budget_currency", q && q->budget_currency ? q->budget_currency :
			    ""), T("Budget"), aw_form_or(r, "budget_amount", budget),
		 T("Needs answered"), aw_form_or(r, "needs", q ? q->needs : ""),
		 T("stated:12 (a stated need), gap:un-cc/7 (an article), "
		   "answer:3/legal.offences (a campaign's question); separated by commas."),
		 T("Description"), LIMIT_ASSIST_TEXT,
		 aw_form_or(r, "description", q && q->description ? q->description : ""),
		 T("Sharing label"));
	for (size_t i = 0; i < NELEM(tlps); i++)
		html_fmt(b, "<option%S>%s</option>\n", !strcmp(tlp, tlps[i]) ? " selected" : "",
			 tlps[i]);
	html_fmt(b, "</select></div>\n");
	web_form_end(r, b, T(q ? "Save the changes" : "Send the request"));
}

void aw_request_in(struct req *r, struct assist_request_in *in)
{
	memset(in, 0, sizeof(*in));
	in->country = req_form(r, "country");
	in->title = req_form(r, "title");
	in->topic = req_form(r, "topic");
	in->beneficiary = req_form(r, "beneficiary");
	in->targets = aw_form_list(r, "targets");
	in->languages = req_form(r, "languages");
	in->date_from = req_form(r, "date_from");
	in->date_to = req_form(r, "date_to");
	in->urgency = req_form(r, "urgency");
	in->modes = aw_form_list(r, "modes");
	in->budget_currency = req_form(r, "budget_currency");
	in->budget_amount = req_form(r, "budget_amount");
	in->needs = req_form(r, "needs");
	in->description = req_form(r, "description");
	in->tlp = req_form(r, "tlp");
}
