/* Reports (domain/report.h; docs/reports.md): the form /reports/new, a report made
 * from the query string /reports/view (anyone: a public report; curators may ask for
 * GREEN data), saving it (POST /reports/new, signed-in accounts) and a saved report
 * /reports/:id with the report to the Commission and its prose, made again and
 * compared (/reports/:id/again), its tables as CSV (/reports/:id/TABLE.csv,
 * /reports/view.csv?table=TABLE&...) and the report to the Commission as Markdown
 * (/reports/:id/commission.md).
 *
 * The page prints: each section begins a page (static/site.css, @media print), the
 * level's note is repeated at the foot of every printed page, the charts are SVG with
 * a title and a description, every table a caption. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "domain/country.h"
#include "domain/record.h"
#include "domain/report.h"
#include "export/report_json.h"
#include "view/chart.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define T(s) layout_t(r, (s))

static const char *arg(const struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v && *v ? v : NULL;
}

static int query_of(struct req *r, int form, struct report_query *q, struct err *e)
{
	const char *(*get)(const struct req *, const char *) = form ? req_form : req_arg;
	struct report_params in = {
		.period = get(r, "period"), .from = get(r, "from"), .to = get(r, "to"),
		.region = get(r, "region"), .country = get(r, "country"),
		.level = get(r, "level"), .title = get(r, "title"),
	};

	return report_query_parse(r->store, r->pool, r->actor, &in, q, e);
}

/* The query string of q (for links): from, to, region or country, level. In r's
 * pool, escaped for an attribute. */
static const char *query_string(struct req *r, const struct report_query *q)
{
	struct sbuf b = SBUF_INIT;
	const char *out;

	html_fmt(&b, "from=%u&amp;to=%u", q->period.from, q->period.to);
	if (q->region[0])
		html_fmt(&b, "&amp;region=%u", q->region);
	if (q->ncountries)
		html_fmt(&b, "&amp;country=%u", report_scope(r->pool, q));
	if (q->level == REPORT_GREEN)
		html_fmt(&b, "&amp;level=green");
	if (r->lang_explicit)
		html_fmt(&b, "&amp;lang=%s", lang_code(r->lang));
	out = pool_strdup(r->pool, sbuf_str(&b));
	sbuf_release(&b);
	return out;
}

/* The scope in words. */
static const char *scope_words(struct req *r, const struct report_query *q)
{
	struct region *g;
	struct sbuf b = SBUF_INIT;
	const char *out;

	if (q->region[0])
		return region_get(r->store, r->pool, q->region, &g, NULL) ? q->region :
		       region_name(g, r->lang);
	if (!q->ncountries)
		return T("The world");
	for (size_t i = 0; i < q->ncountries; i++)
		sbuf_addf(&b, "%s%s", i ? ", " : "", web_country_name(r, q->countries[i]));
	out = pool_strdup(r->pool, sbuf_str(&b));
	sbuf_release(&b);
	return out;
}

/* A saved report's scope ("world", "region:014", "KE,UG") in words. */
static const char *saved_scope_words(struct req *r, const char *scope)
{
	struct report_query q = { 0 };
	char *copy, *save = NULL;

	if (!strcmp(scope, "world"))
		return T("The world");
	if (!strncmp(scope, "region:", 7) && strlen(scope + 7) < sizeof(q.region)) {
		memcpy(q.region, scope + 7, strlen(scope + 7) + 1);
		return scope_words(r, &q);
	}
	copy = pool_strdup(r->pool, scope);
	q.countries = pool_calloc(r->pool, REPORT_COUNTRIES_MAX + 1, sizeof(*q.countries));
	for (char *t = strtok_r(copy, ",", &save); t && q.ncountries < REPORT_COUNTRIES_MAX;
	     t = strtok_r(NULL, ",", &save))
		q.countries[q.ncountries++] = t;
	return scope_words(r, &q);
}

/* ---- writing a report ---- */

static const char *figure_value(struct req *r, const struct report_figure *f)
{
	if (f->share)
		return chart_percent(r, f->value);
	if (f->unit) {
		double whole = floor(f->value);

		if (f->value - whole < 0.005)
			return pool_printf(r->pool, "%s %s", layout_number(r, (long long)whole),
					   f->unit);
		return pool_printf(r->pool, "%s%s%02lld %s", layout_number(r, (long long)whole),
				   r->lang == LANG_FR || r->lang == LANG_RU || r->lang == LANG_ES ?
				   "," : ".", llround((f->value - whole) * 100) % 100, f->unit);
	}
	return layout_number(r, llround(f->value));
}

static const char *figure_label(struct req *r, const char *label, const char *of)
{
	return of ? pool_printf(r->pool, "%s – %s", T(of), T(label)) : T(label);
}

static void figures(struct req *r, struct sbuf *b, const struct report_section *s)
{
	if (!s->nfigures)
		return;
	html_fmt(b, "<dl class=\"figures\">\n");
	for (size_t k = 0; k < s->nfigures; k++)
		html_fmt(b, "<div><dt>%s</dt><dd data-key=\"%s\">%s</dd></div>\n",
			 figure_label(r, s->figures[k].label, s->figures[k].of), s->figures[k].key,
			 figure_value(r, &s->figures[k]));
	html_fmt(b, "</dl>\n");
}

/* The column that links to a path column's address: the first text column. */
static long link_col(const struct report_table *t, long *path)
{
	long text = -1;

	*path = -1;
	for (size_t c = 0; c < t->ncols; c++) {
		if (t->cols[c].type == RC_PATH && *path < 0)
			*path = (long)c;
		if (t->cols[c].type == RC_TEXT && text < 0)
			text = (long)c;
	}
	return *path >= 0 ? text : -1;
}

static void cell(struct req *r, struct sbuf *b, const char *v, enum report_ctype t)
{
	if (!v || !*v) {
		html_fmt(b, "<span class=\"muted\">–</span>");
		return;
	}
	switch (t) {
	case RC_MSG: html_fmt(b, "%s", T(v)); break;
	case RC_NUM: html_fmt(b, "%s", layout_number(r, strtoll(v, NULL, 10))); break;
	case RC_SHARE: html_fmt(b, "%s", chart_percent(r, strtod(v, NULL))); break;
	case RC_DATE:
		html_fmt(b, "<time datetime=\"%s\">%s</time>", v, layout_date(r, v));
		break;
	case RC_COUNTRY: html_fmt(b, "%s", web_country_name(r, v)); break;
	default: html_fmt(b, "%s", v); break;
	}
}

/* The chart of the coverage table: each category's score at both ends. */
static void coverage_chart(struct req *r, struct sbuf *b, const struct report_table *t)
{
	struct chart_pair *v = pool_calloc(r->pool, t->nrows + 1, sizeof(*v));

	if (t->ncols < 10)
		return;
	for (size_t i = 0; i < t->nrows; i++) {
		const char *const *c = &t->cells[i * t->ncols];

		v[i] = (struct chart_pair){ T(c[0] ? c[0] : ""), c[8] ? strtod(c[8], NULL) : 0,
					    c[9] ? strtod(c[9], NULL) : 0 };
	}
	chart_pairs(r, b, &(struct chart_pairs){ .id = "ch-cov",
		    .title = T("Coverage score per category at the start and the end of the "
			       "period"), .a_label = T("Start"), .b_label = T("End"), .pairs = v,
		    .n = t->nrows });
}

static void table_html(struct req *r, struct sbuf *b, const struct report_table *t,
		       const char *csv)
{
	long path, link = link_col(t, &path);

	html_fmt(b, "<h3>%s</h3>\n", T(t->title));
	if (!strcmp(t->key, "coverage"))
		coverage_chart(r, b, t);
	if (!t->nrows) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("Nothing in this period."));
		return;
	}
	html_fmt(b, "<div class=\"scroll\"><table class=\"report\"><caption>%s</caption>\n"
		 "<thead><tr>", T(t->title));
	for (size_t c = 0; c < t->ncols; c++)
		if ((long)c != path)
			html_fmt(b, "<th scope=\"col\">%s</th>", T(t->cols[c].label));
	html_fmt(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < t->nrows; i++) {
		const char *const *row = &t->cells[i * t->ncols];

		html_fmt(b, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			enum report_ctype ty = t->cols[c].type;

			if ((long)c == path)
				continue;
			html_fmt(b, ty == RC_NUM || ty == RC_SHARE || ty == RC_AMOUNT ?
				 "<td class=\"num\">" : "<td>");
			if ((long)c == link && row[path] && row[path][0] == '/') {
				html_fmt(b, "<a href=\"");
				layout_href(r, b, row[path]);
				html_fmt(b, "\">");
				cell(r, b, row[c], ty);
				html_fmt(b, "</a>");
			} else {
				cell(r, b, row[c], ty);
			}
			html_fmt(b, "</td>");
		}
		html_fmt(b, "</tr>\n");
	}
	html_fmt(b, "</tbody>\n</table></div>\n");
	if (t->truncated)
		html_fmt(b, "<p class=\"note\">%s</p>\n",
			 T("A source gave its most rows for this table: the counts are at least "
			   "these."));
	html_fmt(b, "<p class=\"csv\"><a href=\"%S\" download>%s</a></p>\n", csv,
		 T("This table as CSV"));
}

static void level_note(struct req *r, struct sbuf *b, const struct report *rep, int foot)
{
	const char *note = T(rep->q.level == REPORT_GREEN ? REPORT_GREEN_NOTE :
			     REPORT_PUBLIC_NOTE);

	if (foot)
		html_fmt(b, "<p class=\"level-foot\" aria-hidden=\"true\">%s</p>\n", note);
	else
		html_fmt(b, "<p class=\"note level\" role=\"note\">%s</p>\n", note);
}

/* The report to the Commission: each paragraph's gist, its figures, its prose (a
 * form to edit it when editable). */
static void commission(struct req *r, struct sbuf *b, const struct report *rep, int editable)
{
	html_fmt(b, "<section class=\"report-section\" id=\"commission\" aria-labelledby="
		 "\"h-commission\">\n<h2 id=\"h-commission\">%s</h2>\n<p>%s</p>\n",
		 T("Report to the Commission"),
		 T("The resolution's paragraphs 5 to 13, each with what the repository's figures "
		   "say of the period; the prose around them is written by a person."));
	for (size_t g = 0; g < REPORT_PARAGRAPH_COUNT; g++) {
		const struct report_paragraph *pg = &report_paragraphs[g];
		int any = 0;

		html_fmt(b, "<article class=\"para\" id=\"para-%d\">\n<h3>%s</h3>\n"
			 "<blockquote><p>%s</p></blockquote>\n", pg->number, pool_printf(r->pool,
			 "%s %d", T("Paragraph"), pg->number), T(pg->gist));
		for (size_t i = 0; i < rep->nsections; i++)
			for (size_t k = 0; k < rep->sections[i].nfigures; k++) {
				const struct report_figure *f = &rep->sections[i].figures[k];

				if (!report_paragraph_has(pg, f->key))
					continue;
				if (!any++)
					html_fmt(b, "<dl class=\"figures\">\n");
				html_fmt(b, "<div><dt>%s</dt><dd>%s</dd></div>\n",
					 figure_label(r, f->label, f->of), figure_value(r, f));
			}
		if (any)
			html_fmt(b, "</dl>\n");
		else
			html_fmt(b, "<p class=\"muted\">%s</p>\n",
				 T("The repository holds no figure for this paragraph."));
		if (editable) {
			html_fmt(b, "<form method=\"post\" class=\"record prose\" action=\""
				 "/reports/%d/prose\">\n<input type=\"hidden\" name=\"paragraph\" "
				 "value=\"%d\">\n<label for=\"prose-%d\">%s</label>\n<textarea "
				 "id=\"prose-%d\" name=\"prose\" rows=\"5\" maxlength=\"%d\">%s"
				 "</textarea>\n", (int)rep->id, pg->number, pg->number,
				 T("What was done (prose)"), pg->number, REPORT_PROSE_MAX,
				 rep->prose[g] ? rep->prose[g] : "");
			web_form_end(r, b, T("Save the prose"));
		}
		if (rep->prose[g]) {
			html_fmt(b, "<div class=\"prose%S\">", editable ? " print-only" : "");
			{	/* paragraphs at blank lines */
				const char *s = rep->prose[g];

				while (*s) {
					const char *end = strstr(s, "\n\n");
					size_t n = end ? (size_t)(end - s) : strlen(s);

					html_fmt(b, "<p>%s</p>", pool_strndup(r->pool, s, n));
					s += n;
					while (*s == '\n' || *s == '\r')
						s++;
				}
			}
			html_fmt(b, "</div>\n");
		}
		html_fmt(b, "</article>\n");
	}
	html_fmt(b, "</section>\n");
}

/* The report's body: its facts, its sections, the report to the Commission. csv is
 * the start of the tables' CSV addresses ("/reports/12/" or "/reports/view.csv?..."). */
static void report_html(struct req *r, struct sbuf *b, const struct report *rep,
			const char *csv_base, int by_query, int editable)
{
	html_fmt(b, "<div class=\"report\">\n");
	level_note(r, b, rep, 0);
	level_note(r, b, rep, 1);
	html_fmt(b, "<dl class=\"facts\">\n<dt>%s</dt><dd>%s – %s</dd>\n<dt>%s</dt><dd>%s</dd>\n"
		 "<dt>%s</dt><dd><time datetime=\"%s\">%s</time></dd>\n", T("Period"),
		 layout_date(r, rep->q.period.from), layout_date(r, rep->q.period.to), T("Scope"),
		 scope_words(r, &rep->q), T("Made"), rep->made_at ? rep->made_at : "",
		 layout_datetime(r, rep->made_at));
	if (rep->made_by)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Made by"), rep->made_by);
	html_fmt(b, "</dl>\n<nav class=\"toc\" aria-label=\"%s\"><ul>\n", T("Sections"));
	for (size_t i = 0; i < rep->nsections; i++)
		html_fmt(b, "<li><a href=\"#sec-%s\">%s</a></li>\n", rep->sections[i].key,
			 T(rep->sections[i].title));
	html_fmt(b, "<li><a href=\"#commission\">%s</a></li>\n</ul></nav>\n",
		 T("Report to the Commission"));
	for (size_t i = 0; i < rep->nsections; i++) {
		const struct report_section *s = &rep->sections[i];

		html_fmt(b, "<section class=\"report-section\" id=\"sec-%s\" aria-labelledby="
			 "\"h-%s\">\n<h2 id=\"h-%s\">%s</h2>\n", s->key, s->key, s->key,
			 T(s->title));
		if (s->note)
			html_fmt(b, "<p>%s</p>\n", T(s->note));
		figures(r, b, s);
		for (size_t k = 0; k < s->ntables; k++)
			table_html(r, b, &s->tables[k], by_query ?
				   pool_printf(r->pool, "%s&amp;table=%s", csv_base, s->tables[k].key) :
				   pool_printf(r->pool, "%s%s.csv", csv_base, s->tables[k].key));
		html_fmt(b, "</section>\n");
	}
	commission(r, b, rep, editable);
	html_fmt(b, "</div>\n");
}

/* ---- the pages ---- */

static void report_form(struct req *r, struct sbuf *b, const struct report_query *q)
{
	const char *countries = q && q->ncountries ? report_scope(r->pool, q) : "";
	int curator = report_can_green(r->actor);

	html_fmt(b, "<form method=\"get\" action=\"/reports/view\" class=\"record\">\n");
	if (r->lang_explicit)
		html_fmt(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">\n",
			 lang_code(r->lang));
	html_fmt(b, "<div><label for=\"f-from\">%s</label>\n<input id=\"f-from\" name=\"from\" "
		 "type=\"date\" required value=\"%s\"></div>\n<div><label for=\"f-to\">%s</label>\n"
		 "<input id=\"f-to\" name=\"to\" type=\"date\" required value=\"%s\"></div>\n"
		 "<div><label for=\"f-region\">%s</label>\n<input id=\"f-region\" name=\"region\" "
		 "size=\"4\" inputmode=\"numeric\" value=\"%s\"></div>\n<div><label for=\"f-country"
		 "\">%s</label>\n<input id=\"f-country\" name=\"country\" size=\"30\" value=\"%s\" "
		 "placeholder=\"KE,UG,TZ\"></div>\n", T("From"), q ? q->period.from : "", T("To"),
		 q ? q->period.to : "", T("Region (M49 code)"), q ? q->region : "",
		 T("Countries (ISO codes, comma-separated)"), countries);
	if (curator)
		html_fmt(b, "<div><label for=\"f-level\">%s</label>\n<select id=\"f-level\" "
			 "name=\"level\">\n<option value=\"public\">%s</option>\n<option value="
			 "\"green\"%S>%s</option>\n</select></div>\n", T("Data"),
			 T("Public data only"), q && q->level == REPORT_GREEN ? " selected" : "",
			 T("Public and GREEN data"));
	html_fmt(b, "<div><button>%s</button></div>\n</form>\n", T("Make the report"));
}

static void saved_list(struct req *r, struct sbuf *b)
{
	struct report_saved *v;
	size_t n;

	if (report_list(r->store, r->pool, r->actor, 100, &v, &n, NULL) || !n)
		return;
	html_fmt(b, "<h2>%s</h2>\n", T("Saved reports"));
	web_table_begin(r, b, (const char *const[]){ "Report", "Period", "Scope", "Data",
						     "Made", NULL });
	for (size_t i = 0; i < n; i++)
		html_fmt(b, "<tr><td><a href=\"/reports/%d%S\">%s</a></td><td>%s – %s</td>"
			 "<td>%s</td><td>%s</td><td>%s</td></tr>\n", (int)v[i].id, layout_q(r),
			 v[i].title ? v[i].title : pool_printf(r->pool, "%lld", v[i].id),
			 layout_date(r, v[i].date_from), layout_date(r, v[i].date_to),
			 saved_scope_words(r, v[i].scope),
			 T(strcmp(v[i].level, "green") ? "Public data only" :
			   "Public and GREEN data"), layout_datetime(r, v[i].made_at));
	html_fmt(b, "</tbody>\n</table>\n");
}

/* GET /reports, /reports/new: the form and the saved reports. */
int web_reports(struct req *r, struct resp *out)
{
	struct sbuf *b = &out->body;

	if (r->method == HTTP_POST)
		return web_report_save(r, out);
	web_page_begin(r, out, T("Reports"), "reports", "no-store");
	web_heading(b, T("Reports"),
		    T("A report for any period and scope: legislative developments, case law, "
		      "lessons learned, coverage progress, needs, assistance delivered and "
		      "campaigns, with the figures of the pages they summarise, to print, to "
		      "download as CSV or JSON, and to save and make again."));
	report_form(r, b, NULL);
	saved_list(r, b);
	layout_end(r, b);
	return 200;
}

/* GET /reports/view?from=&to=&...: the report of the query, made now. */
int web_report_view(struct req *r, struct resp *out)
{
	struct report_query q;
	struct report *rep;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *qs;

	if (query_of(r, 0, &q, &e) || report_make(r->store, r->pool, r->actor, &q, &rep, &e))
		return http_fail(r, out, &e);
	qs = query_string(r, &q);
	if (r->route_data) {	/* view.csv */
		const char *name = arg(r, "table");
		const struct report_table *t = name ? report_table_find(rep, name) : NULL;

		if (!t)
			return http_error(r, out, 400, "table: no such table in a report");
		report_csv(&out->body, t, q.level == REPORT_GREEN ? T(REPORT_GREEN_NOTE) :
			   NULL);
		out->content_type = "text/csv; charset=utf-8";
		out->disposition = pool_printf(r->pool, "attachment; filename=\"report-%s.csv\"",
					       t->key);
		out->cache_control = "no-store";
		return 200;
	}
	{
		const char *h = q.title ? q.title : pool_printf(r->pool, "%s: %s, %s – %s",
			T("Report"), scope_words(r, &q), layout_date(r, q.period.from),
			layout_date(r, q.period.to));

		web_page_begin(r, out, h, "reports", "no-store");
		web_heading(b, h, NULL);
	}
	report_html(r, b, rep, pool_printf(r->pool, "/reports/view.csv?%s", qs), 1, 0);
	html_fmt(b, "<p class=\"noprint\"><a href=\"/api/v1/report?%S\">JSON</a></p>\n", qs);
	if (web_signed_in(r)) {
		html_fmt(b, "<form method=\"post\" class=\"record noprint\" action=\"/reports/new\">\n"
			 "<input type=\"hidden\" name=\"from\" value=\"%s\">\n<input type=\"hidden\" "
			 "name=\"to\" value=\"%s\">\n<input type=\"hidden\" name=\"region\" value="
			 "\"%s\">\n<input type=\"hidden\" name=\"country\" value=\"%s\">\n<input type="
			 "\"hidden\" name=\"level\" value=\"%s\">\n<div><label for=\"f-title\">%s"
			 "</label>\n<input id=\"f-title\" name=\"title\" maxlength=\"%d\"></div>\n",
			 q.period.from, q.period.to, q.region, q.ncountries ?
			 report_scope(r->pool, &q) : "", q.level == REPORT_GREEN ? "green" : "public",
			 T("Title"), REPORT_TITLE_MAX);
		web_form_end(r, b, T("Save this report"));
	}
	html_fmt(b, "<h2 class=\"noprint\">%s</h2>\n", T("Another report"));
	report_form(r, b, &q);
	layout_end(r, b);
	return 200;
}

/* POST /reports/new: make the report posted and save it; 303 to its page. */
int web_report_save(struct req *r, struct resp *out)
{
	struct report_query q;
	struct report *rep;
	struct err e = { 0 };
	long long id;
	json_t *j;
	char *text;
	int rc;

	if (!web_signed_in(r))
		return web_redirect(r, out, "/signin?next=/reports");
	if (req_form_parse(r, &e) || query_of(r, 1, &q, &e) ||
	    report_make(r->store, r->pool, r->actor, &q, &rep, &e))
		return http_fail(r, out, &e);
	j = report_json(rep);
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	rc = report_save(r->store, r->actor, rep, text, &id, &e);
	free(text);
	if (rc)
		return http_fail(r, out, &e);
	return web_redirect(r, out, pool_printf(r->pool, "/reports/%lld", id));
}

/* The saved report of the path's id, with its prose. */
static int saved(struct req *r, struct report **rep, struct err *e)
{
	long long id = num_id(r->params[0]);
	struct report_saved *sv;
	int rc;

	if (!id)
		return err_set(e, ERR_NOTFOUND, "There is no such page.");
	if ((rc = report_get(r->store, r->pool, r->actor, id, &sv, e)))
		return rc;
	return report_json_saved(r->pool, sv, rep, e);
}

static void markdown(struct req *r, struct sbuf *b, const struct report *rep)
{
	sbuf_addf(b, "# %s\n\n", rep->title ? rep->title : T("Report to the Commission"));
	sbuf_addf(b, "%s: %s – %s  \n%s: %s  \n%s: %s\n\n_%s_\n\n", T("Period"),
		  layout_date(r, rep->q.period.from), layout_date(r, rep->q.period.to), T("Scope"),
		  scope_words(r, &rep->q), T("Made"), rep->made_at,
		  T(rep->q.level == REPORT_GREEN ? REPORT_GREEN_NOTE : REPORT_PUBLIC_NOTE));
	for (size_t g = 0; g < REPORT_PARAGRAPH_COUNT; g++) {
		const struct report_paragraph *pg = &report_paragraphs[g];
		int any = 0;

		sbuf_addf(b, "## %s\n\n> %s\n\n", pool_printf(r->pool, "%s %d",
			  T("Paragraph"), pg->number), T(pg->gist));
		if (rep->prose[g])
			sbuf_addf(b, "%s\n\n", rep->prose[g]);
		for (size_t i = 0; i < rep->nsections; i++)
			for (size_t k = 0; k < rep->sections[i].nfigures; k++) {
				const struct report_figure *f = &rep->sections[i].figures[k];

				if (report_paragraph_has(pg, f->key)) {
					sbuf_addf(b, "- %s: %s\n", figure_label(r, f->label, f->of),
						  figure_value(r, f));
					any = 1;
				}
			}
		if (!any)
			sbuf_addf(b, "%s\n", T("The repository holds no figure for this paragraph."));
		sbuf_adds(b, "\n");
	}
}

/* GET /reports/:id; /reports/:id/:file (TABLE.csv, commission.md). */
int web_report(struct req *r, struct resp *out)
{
	struct report *rep;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *file = r->nparams > 1 ? r->params[1] : NULL;
	int editable;

	if (saved(r, &rep, &e))
		return http_fail(r, out, &e);
	out->cache_control = "no-store";
	if (file && !strcmp(file, "commission.md")) {
		markdown(r, b, rep);
		out->content_type = "text/markdown; charset=utf-8";
		out->disposition = pool_printf(r->pool, "attachment; filename=\"report-%lld-"
					       "commission.md\"", rep->id);
		return 200;
	}
	if (file) {
		size_t n = strlen(file);
		const struct report_table *t = n > 4 && !strcmp(file + n - 4, ".csv") ?
			report_table_find(rep, pool_strndup(r->pool, file, n - 4)) : NULL;

		if (!t)
			return http_error(r, out, 404, "There is no such page.");
		report_csv(b, t, rep->q.level == REPORT_GREEN ? T(REPORT_GREEN_NOTE) :
			   NULL);
		out->content_type = "text/csv; charset=utf-8";
		out->disposition = pool_printf(r->pool, "attachment; filename=\"report-%lld-%s.csv\"",
					       rep->id, t->key);
		return 200;
	}
	editable = web_signed_in(r) && report_can_edit(r->actor, rep);
	web_page_begin(r, out, rep->title ? rep->title : T("Report"), "reports", "no-store");
	web_heading(b, rep->title ? rep->title : T("Report"), NULL);
	html_fmt(b, "<p class=\"noprint\"><a href=\"/reports/%d/again%S\">%s</a> · <a href=\""
		 "/reports/%d/commission.md\">%s</a> · <a href=\"/api/v1/reports/%d\">JSON</a>"
		 "</p>\n", (int)rep->id, layout_q(r), T("Make it again and compare"),
		 (int)rep->id, T("The report to the Commission (Markdown)"), (int)rep->id);
	report_html(r, b, rep, pool_printf(r->pool, "/reports/%lld/", rep->id), 0, editable);
	layout_end(r, b);
	return 200;
}

/* GET /reports/:id/again: the report made again now with the saved one's parameters,
 * the figures that changed first. */
int web_report_again(struct req *r, struct resp *out)
{
	struct report *old, *now;
	struct report_query q;
	struct report_change *ch;
	size_t n;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (saved(r, &old, &e))
		return http_fail(r, out, &e);
	q = old->q;
	q.title = old->title;
	if (report_make(r->store, r->pool, r->actor, &q, &now, &e))
		return http_fail(r, out, &e);
	report_compare(r->pool, old, now, &ch, &n);
	web_page_begin(r, out, T("The report made again"), "reports", "no-store");
	web_heading(b, T("The report made again"), NULL);
	html_fmt(b, "<p><a href=\"/reports/%d%S\">%s</a>: %s</p>\n", (int)old->id, layout_q(r),
		 T("The saved report"), layout_datetime(r, old->made_at));
	html_fmt(b, "<section id=\"changes\" aria-labelledby=\"h-changes\">\n<h2 id=\"h-changes\">"
		 "%s</h2>\n", T("Figures that changed"));
	if (!n) {
		html_fmt(b, "<p>%s</p>\n", T("No figure changed."));
	} else {
		web_table_begin(r, b, (const char *const[]){ "Figure", "Then", "Now", NULL });
		for (size_t i = 0; i < n; i++) {
			struct report_figure a = { .share = ch[i].share, .unit = ch[i].unit,
						   .value = ch[i].before },
					     z = a;

			z.value = ch[i].after;
			html_fmt(b, "<tr data-key=\"%s\"><td>%s</td><td class=\"num\">%s</td><td "
				 "class=\"num\">%s</td></tr>\n", ch[i].key,
				 figure_label(r, ch[i].label, ch[i].of),
				 ch[i].was ? figure_value(r, &a) : "–", ch[i].is ? figure_value(r, &z) :
				 "–");
		}
		html_fmt(b, "</tbody>\n</table>\n");
	}
	html_fmt(b, "</section>\n");
	report_html(r, b, now, pool_printf(r->pool, "/reports/view.csv?%s",
					   query_string(r, &now->q)), 1, 0);
	layout_end(r, b);
	return 200;
}

/* POST /reports/:id/prose: save a paragraph's prose; 303 back to it. */
int web_report_prose(struct req *r, struct resp *out)
{
	long long id = num_id(r->params[0]);
	struct err e = { 0 };
	int number;

	if (!id)
		return http_error(r, out, 404, "There is no such page.");
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	number = (int)num_id(req_form(r, "paragraph"));
	if (report_prose_set(r->store, r->actor, id, number, req_form(r, "prose"), &e))
		return http_fail(r, out, &e);
	return web_redirect(r, out, pool_printf(r->pool, "/reports/%lld#para-%d", id, number));
}

/* The print style of a report printed from the command line's document. */
static const char doc_css[] =
	"body{font:11pt/1.45 Georgia,serif;max-width:60rem;margin:1rem auto;padding:0 1rem}"
	"table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #999;"
	"padding:.15rem .4rem;text-align:start}td.num{text-align:end}"
	"caption{font-weight:bold;text-align:start}.muted{color:#555}.note{border-inline-start:"
	"3px solid #999;padding-inline-start:.5rem}dl.figures div{display:flex;gap:1rem}"
	"dl.figures dd{margin:0;font-weight:bold}svg.pairs{max-width:36rem;width:100%}"
	"svg .track{fill:#eee}svg .pa{fill:#a1dab4}svg .pb{fill:#253494}svg text{font-size:11px}"
	"table.sr{display:none}.level-foot{display:none}form,.csv,.noprint{display:none}"
	"@media print{.report-section{break-before:page}.level-foot{display:block;position:fixed;"
	"bottom:0;font-size:8pt}h2,h3{break-after:avoid}tr{break-inside:avoid}"
	"svg{print-color-adjust:exact;-webkit-print-color-adjust:exact}}";

void web_report_document(struct req *r, struct sbuf *b, const struct report *rep)
{
	html_fmt(b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%S\">\n<head>\n<meta charset=\"utf-8\">"
		 "\n<title>%s</title>\n<style>%S</style>\n</head>\n<body>\n<h1>%s</h1>\n",
		 lang_code(r->lang), lang_rtl(r->lang) ? "rtl" : "ltr",
		 rep->title ? rep->title : T("Report"), doc_css, rep->title ? rep->title : T("Report"));
	report_html(r, b, rep, "", 0, 0);
	html_fmt(b, "</body>\n</html>\n");
}
