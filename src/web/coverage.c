/* Pages of the gap analysis (domain/coverage.h): the matrix of countries by articles
 * (/coverage, and as CSV), the world map (/coverage/map), and the coverage sections of
 * a country's profile and of an article's page. The numbers are the domain's; this
 * file only draws them (view/map.h, view/chart.h). What a visitor sees is what the
 * store's clearance lets them read: the public, public records only, and the pages
 * say so. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "domain/coverage.h"
#include "domain/record.h"
#include "export/csv.h"
#include "view/chart.h"
#include "view/html.h"
#include "view/layout.h"
#include "view/map.h"
#include "web/web.h"

#define T(s) layout_t(r, s)

/* Each status: its name on the page, its class and the mark a matrix cell shows. */
static const struct {
	const char *label, *cls, *mark;
} statuses[COV_STATUS_COUNT] = {
	[COV_UNKNOWN] = { "Unknown", "cu", "·" },
	[COV_NOT] = { "Not covered", "cn", "○" },
	[COV_PARTLY] = { "Partly covered", "cp", "◐" },
	[COV_COVERED] = { "Covered", "cv", "●" },
};

/* The counted categories' names on the page, in cov_categories order. */
static const char *category_label(struct req *r, const char *category)
{
	return T(category);
}

static const char *arg(const struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v && *v ? v : NULL;
}

/* Whether the visitor may do action (ACT_ASSESS, ACT_DISPUTE, ACT_DECIDE) for the
 * coverage of country (alpha-2). */
static int may(struct req *r, enum record_action action, const char *country)
{
	struct record rec = { .country = country };

	return !record_allow(r->actor, action, &rec, NULL);
}

/* The query the page's arguments ask for (at, instrument, category, region,
 * article), checked: ERR_INVALID / ERR_NOTFOUND naming the parameter. */
static int query_of(struct req *r, struct cov_query *q, const char *instrument,
		    struct err *e)
{
	const char *article = arg(r, "article");
	int rc;

	memset(q, 0, sizeof(*q));
	q->at = arg(r, "at");
	q->instrument = arg(r, "instrument") ? arg(r, "instrument") : instrument;
	q->category = arg(r, "category");
	q->region = arg(r, "region");
	if (article && (rc = cov_article_ref(r->pool, article, &q->instrument, &q->article, e)))
		return rc;
	return cov_query_check(r->store, r->pool, q, e);
}

/* The arguments query_args() keeps, and the bits that leave one out. */
static const char *const kept_args[] = { "at", "instrument", "category", "region", "article",
					 "all", "sort" };
enum { SKIP_ALL = 1 << 5, SKIP_SORT = 1 << 6 };

/* The query's arguments again, for links: lead ('?' or '&') then
 * "at=...&amp;instrument=..." (markup, write with %S), without those whose bit (1 << i
 * for kept_args[i]) is in skip; "" when none. */
static const char *query_args(struct req *r, int lead, unsigned skip)
{
	struct sbuf b = SBUF_INIT;
	const char *out;

	for (size_t i = 0; i < sizeof(kept_args) / sizeof(kept_args[0]); i++) {
		const char *v = arg(r, kept_args[i]);

		if (v && !(skip & (1u << i)))
			html_fmt(&b, "%S%s=%u", b.len ? "&amp;" : lead == '?' ? "?" : "&amp;",
				 kept_args[i], v);
	}
	if (r->lang_explicit)
		html_fmt(&b, "%S%s=%s", b.len ? "&amp;" : lead == '?' ? "?" : "&amp;", "lang",
			 lang_code(r->lang));
	out = pool_strdup(r->pool, sbuf_str(&b));
	sbuf_release(&b);
	return out;
}

/* "Computed on 7 December 2026 from public records only: ..." and the formula. */
static void basis(struct req *r, struct sbuf *b, const struct cov_matrix *m)
{
	html_fmt(b, "<p class=\"muted\">%s", layout_msg(r, pool_printf(r->pool,
		 "Coverage on %s.", layout_date(r, m->at)), NULL, 0));
	if (m->public_only)
		html_fmt(b, " %s", T("Computed from public records only: sign in to see what "
				     "your account may read."));
	html_fmt(b, " <span dir=\"ltr\">%s</span></p>\n", T(COV_FORMULA));
}

/* A status as a tag with its words (and "derived" when it comes through the
 * cross-walk). */
static void status_tag(struct req *r, struct sbuf *b, const struct cov_cell *c)
{
	html_fmt(b, "<span class=\"cov %S\">%S %s</span>", statuses[c->status].cls,
		 statuses[c->status].mark, T(statuses[c->status].label));
	if (c->derived)
		html_fmt(b, " <span class=\"muted\">(%s)</span>", T("through the cross-walk"));
	if (c->disputed)
		html_fmt(b, " <span class=\"tag\">%s</span>", T("disputed"));
}

/* A cell's evidence: each provision linked, with its eId and version; the
 * assessment's note when it says not covered (and who recorded it, for staff: those
 * who may record or decide for the country). */
static void evidence_list(struct req *r, struct sbuf *b, const struct cov_cell *c, int staff)
{
	if (!c->nevidence && !c->assessment)
		return;
	/* a long list folds away: the status says the essential */
	if (c->nevidence > 3)
		html_fmt(b, "<details><summary>%s</summary>\n", layout_plural(r,
			 (long long)c->nevidence, "{n} provision|{n} provisions"));
	html_fmt(b, "<ul class=\"evidence\">\n");
	for (size_t k = 0; k < c->nevidence; k++) {
		const struct cov_evidence *v = &c->evidence[k];

		html_fmt(b, "<li><a href=\"");
		layout_href(r, b, web_path_enc(r, pool_printf(r->pool, "%s/%s@%s/~%s",
						 v->work_uri, v->version_language,
						 v->version_date, v->eid)));
		html_fmt(b, "\">%s%s%s</a> <span class=\"muted\"><code%S>%s</code> · "
			 "<code%S>%s@%s</code> · %s", v->title, v->num ? " — " : "",
			 v->num ? v->num : "", layout_lang(r, "zxx"), v->eid,
			 layout_lang(r, "zxx"), v->version_language, v->version_date,
			 T(!strcmp(v->extent, "full") ? "full" : "partial"));
		if (v->derived)
			html_fmt(b, " · %s <a href=\"/instruments/%u/%d%S\">%s/%d</a>",
				 T("mapped to"), v->via_instrument, v->via_article, layout_q(r),
				 v->via_instrument, v->via_article);
		html_fmt(b, "</span></li>\n");
	}
	/* the note is evidence for everybody; who recorded it, for those who act on it */
	if (c->assessment)
		html_fmt(b, "<li>%s <q>%s</q> <span class=\"muted\">· %s%S%s</span></li>\n",
			 T(c->conflict ? "Recorded as not covered, but a provision is mapped:"
				       : "Recorded as not covered:"),
			 c->assessment->note, layout_date(r, c->assessment->as_of),
			 staff ? " · " : "", staff ? c->assessment->recorded_by : "");
	html_fmt(b, "</ul>\n%S", c->nevidence > 3 ? "</details>\n" : "");
}

/* ---- the matrix ---- */

/* Rows of the matrix page with at least one known cell (all: every row). */
static int row_known(const struct cov_country_row *row, int all)
{
	return all || row->overall.counted > row->overall.unknown;
}

static int by_score(const void *a, const void *b)
{
	const struct cov_country_row *x = *(const struct cov_country_row *const *)a;
	const struct cov_country_row *y = *(const struct cov_country_row *const *)b;

	if (x->overall.score != y->overall.score)
		return x->overall.score < y->overall.score ? 1 : -1;
	return strcmp(x->country->alpha2, y->country->alpha2);
}

/* Rows by their country's name in the language *ctx (qsort_r). */
static int by_name(const void *a, const void *b, void *ctx)
{
	const struct cov_country_row *x = *(const struct cov_country_row *const *)a;
	const struct cov_country_row *y = *(const struct cov_country_row *const *)b;
	enum lang lang = *(const enum lang *)ctx;

	return utf8_collate(country_name(x->country, lang), country_name(y->country, lang));
}

/* The filters of the matrix and map pages. */
static void filters(struct req *r, struct sbuf *b, const char *action,
		    const struct cov_query *q, int matrix)
{
	struct region *rs;
	size_t nr = 0;
	const char *v;

	if (region_list(r->store, r->pool, &rs, &nr, NULL))
		nr = 0;
	html_fmt(b, "<form method=\"get\" action=\"%S\" class=\"filters\">\n"
		 "<div><label for=\"f-instrument\">%s</label>\n<select id=\"f-instrument\" "
		 "name=\"instrument\"><option value=\"\">%s</option>", action, T("Instrument"),
		 T("Both"));
	for (int i = 0; i < 2; i++) {
		const char *id = i ? "un-cc" : "coe-185";

		v = q->instrument;
		html_fmt(b, "<option value=\"%s\"%S>%s</option>", id, v && !strcmp(v, id) ?
			 " selected" : "", T(i ? "UN Convention against Cybercrime" :
					      "Budapest Convention"));
	}
	html_fmt(b, "</select></div>\n<div><label for=\"f-category\">%s</label>\n"
		 "<select id=\"f-category\" name=\"category\"><option value=\"\">%s</option>",
		 T("Category"), T("All"));
	for (size_t i = 0; i < cov_category_count; i++) {
		v = arg(r, "category");
		html_fmt(b, "<option value=\"%s\"%S>%s</option>", cov_categories[i],
			 v && !strcmp(v, cov_categories[i]) ? " selected" : "",
			 category_label(r, cov_categories[i]));
	}
	html_fmt(b, "</select></div>\n<div><label for=\"f-region\">%s</label>\n"
		 "<select id=\"f-region\" name=\"region\"><option value=\"\">%s</option>",
		 T("Region"), T("The world"));
	for (size_t i = 0; i < nr; i++) {
		if (rs[i].level == REGION_WORLD)
			continue;
		v = arg(r, "region");
		html_fmt(b, "<option value=\"%s\"%S>%S%s</option>", rs[i].code,
			 v && !strcmp(v, rs[i].code) ? " selected" : "",
			 rs[i].level == REGION_REGION ? "" : "&nbsp;&nbsp;",
			 region_name(&rs[i], r->lang));
	}
	html_fmt(b, "</select></div>\n<div><label for=\"f-at\">%s</label>\n<input id=\"f-at\" "
		 "name=\"at\" type=\"date\" min=\"%S\" max=\"%S\" value=\"%s\"></div>\n",
		 T("On the date"), COV_DATE_MIN, COV_DATE_MAX, arg(r, "at"));
	if (matrix)
		html_fmt(b, "<div><label><input type=\"checkbox\" name=\"all\" value=\"1\"%S> %s"
			 "</label></div>\n", arg(r, "all") ? " checked" : "",
			 T("Also countries with nothing recorded"));
	else if ((v = arg(r, "article")))
		html_fmt(b, "<input type=\"hidden\" name=\"article\" value=\"%s\">\n", v);
	if (r->lang_explicit)
		html_fmt(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">\n",
			 lang_code(r->lang));
	html_fmt(b, "<div><button>%s</button></div>\n</form>\n", T("Show"));
}

/* The legend of the matrix's marks. */
static void marks_legend(struct req *r, struct sbuf *b)
{
	html_fmt(b, "<ul class=\"legend\">\n");
	for (int s = COV_STATUS_COUNT - 1; s >= 0; s--)
		html_fmt(b, "<li><span class=\"cov %S\" aria-hidden=\"true\">%S</span> %s</li>\n",
			 statuses[s].cls, statuses[s].mark, T(statuses[s].label));
	html_fmt(b, "<li><span class=\"cov\" aria-hidden=\"true\">*</span> %s</li>\n</ul>\n",
		 T("through the cross-walk"));
}

/* The CSV of the matrix: one line per country and article (csv_coverage, as
 * `ccrepo coverage --csv` writes it). */
static int matrix_csv(struct req *r, struct resp *out, const struct cov_matrix *m)
{
	out->content_type = "text/csv; charset=utf-8";
	csv_coverage(&out->body, r->pool, m);
	return 200;
}

int web_coverage(struct req *r, struct resp *out)
{
	struct cov_query q;
	struct cov_matrix *m;
	const struct cov_country_row **rows;
	size_t nrows = 0, first, page_rows = LIMIT_COV_PAGE;
	int all = arg(r, "all") != NULL, page = 1, csv = r->route_data != NULL;
	const char *sort = arg(r, "sort"), *pg = arg(r, "page");
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (pg && num_int(pg, 1, LIMIT_OFFSET_MAX / LIMIT_COV_PAGE, &page))
		return http_error(r, out, 400, "The page is a number from 1.");
	if (sort && strcmp(sort, "score") && strcmp(sort, "name"))
		return http_error(r, out, 400, "The sort is name or score.");
	/* one instrument's columns fit a screen: the UN convention's unless asked; the
	 * page shows statuses, the CSV their evidence too */
	if (query_of(r, &q, csv ? NULL : "un-cc", &e))
		return http_fail(r, out, &e);
	q.statuses_only = !csv;
	if (cov_matrix(r->store, r->pool, r->actor, &q, &m, &e))
		return http_fail(r, out, &e);
	if (csv)
		return matrix_csv(r, out, m);
	rows = pool_calloc(r->pool, m->nrows + 1, sizeof(*rows));
	for (size_t i = 0; i < m->nrows; i++)
		if (row_known(&m->rows[i], all))
			rows[nrows++] = &m->rows[i];
	if (sort && !strcmp(sort, "score"))
		qsort(rows, nrows, sizeof(*rows), by_score);
	else	/* by name in the page's language */
		qsort_r(rows, nrows, sizeof(*rows), by_name, &r->lang);
	first = (size_t)(page - 1) * page_rows;
	web_page_begin(r, out, T("Coverage of the conventions"), "coverage", NULL);
	web_heading(b, T("Coverage of the conventions"),
		    T("Which articles of the Budapest Convention and the UN Convention against "
		      "Cybercrime each country's law covers, from the provisions mapped to them "
		      "and the gaps recorded. Unknown means nothing is recorded yet: it is not a "
		      "gap."));
	filters(r, b, "/coverage", &q, 1);
	basis(r, b, m);
	html_fmt(b, "<p><a href=\"/coverage/map%S\">%s</a> · <a href=\"/coverage.csv%S\">"
		 "CSV</a> · <a href=\"/api/v1/coverage%S\">JSON</a></p>\n",
		 query_args(r, '?', SKIP_ALL | SKIP_SORT), T("World map"), query_args(r, '?', SKIP_SORT),
		 query_args(r, '?', SKIP_ALL | SKIP_SORT));
	marks_legend(r, b);
	if (!nrows) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n",
			 T("Nothing is recorded for these countries and articles yet."));
		layout_end(r, b);
		return 200;
	}
	html_fmt(b, "<div class=\"scroll\"><table class=\"matrix\">\n<caption>%s</caption>\n"
		 "<thead><tr><th scope=\"col\"><a href=\"/coverage?sort=name%S\">%s</a></th>"
		 "<th scope=\"col\"><a href=\"/coverage?sort=score%S\">%s</a></th>",
		 layout_plural(r, (long long)nrows, "{n} country|{n} countries"),
		 query_args(r, '&', SKIP_SORT), T("Country"), query_args(r, '&', SKIP_SORT), T("Score"));
	for (size_t j = 0; j < m->narticles; j++)
		html_fmt(b, "<th scope=\"col\"><a href=\"/instruments/%u/%d%S\" title=\"%s %d – %s\">"
			 "%S%d</a></th>", m->articles[j].instrument, m->articles[j].number,
			 layout_q(r), m->articles[j].instrument, m->articles[j].number,
			 m->articles[j].title, q.instrument ? "" :
			 strcmp(m->articles[j].instrument, "un-cc") ? "C" : "U",
			 m->articles[j].number);
	html_fmt(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = first; i < nrows && i < first + page_rows; i++) {
		const struct cov_country_row *row = rows[i];

		html_fmt(b, "<tr><th scope=\"row\"><a href=\"/countries/%u%S#coverage\">%s</a></th>"
			 "<td>%s</td>", row->country->alpha2, layout_q(r),
			 country_name(row->country, r->lang),
			 chart_percent(r, row->overall.score));
		for (size_t j = 0; j < m->narticles; j++) {
			const struct cov_cell *c = &row->cells[j];

			html_fmt(b, "<td class=\"%S\" title=\"%s\">%S%S</td>", statuses[c->status].cls,
				 T(statuses[c->status].label), statuses[c->status].mark,
				 c->derived ? "*" : "");
		}
		html_fmt(b, "</tr>\n");
	}
	html_fmt(b, "</tbody>\n</table></div>\n");
	if (page > 1)
		html_fmt(b, "<a href=\"/coverage?page=%d%S\" rel=\"prev\">%s</a> ", page - 1,
			 query_args(r, '&', 0), T("Previous"));
	if (first + page_rows < nrows)
		html_fmt(b, "<a href=\"/coverage?page=%d%S\" rel=\"next\">%s</a>", page + 1,
			 query_args(r, '&', 0), T("Next"));
	layout_end(r, b);
	return 200;
}

/* ---- the world map ---- */

/* A country's value on the map: its score (of the category, or of the one article:
 * covered 1, partly 0.5, not covered 0), or no data when all its cells are unknown. */
static double map_value_of(const struct cov_country_row *row, const struct cov_query *q,
			   long col)
{
	const struct cov_score *s = &row->overall;

	if (col >= 0) {
		static const double v[] = { MAP_NO_DATA, 0, 0.5, 1 };

		return v[row->cells[col].status];
	}
	if (q->category && cov_category_index(q->category) >= 0)
		s = &row->by_category[cov_category_index(q->category)];
	return s->counted > s->unknown ? s->score : MAP_NO_DATA;
}

int web_coverage_map(struct req *r, struct resp *out)
{
	struct cov_query q;
	struct cov_matrix *m;
	struct map_value *vs;
	struct country *cs;
	size_t ncs, nv = 0;
	const struct cov_country_row **order;
	long col = -1;
	const char *what;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (query_of(r, &q, NULL, &e))
		return http_fail(r, out, &e);
	q.statuses_only = 1;
	if (cov_matrix(r->store, r->pool, r->actor, &q, &m, &e) ||
	    country_list(r->store, r->pool, &cs, &ncs, &e))
		return http_fail(r, out, &e);
	if (q.article)
		col = cov_matrix_column(m, q.instrument, q.article);
	what = col >= 0 ? pool_printf(r->pool, "%s %d – %s", m->articles[col].instrument,
				      m->articles[col].number, m->articles[col].title) :
	       q.category ? category_label(r, q.category) : T("All counted articles");
	vs = pool_calloc(r->pool, m->nrows + 1, sizeof(*vs));
	order = pool_calloc(r->pool, m->nrows + 1, sizeof(*order));
	for (size_t i = 0; i < m->nrows; i++) {
		const struct cov_country_row *row = &m->rows[i];
		double v = map_value_of(row, &q, col);

		vs[nv].code = row->country->numeric;
		vs[nv].value = v;
		vs[nv].label = pool_printf(r->pool, "%s: %s", country_name(row->country, r->lang),
					   v == MAP_NO_DATA ? T("nothing recorded") :
					   col >= 0 ? T(statuses[row->cells[col].status].label) :
					   chart_percent(r, v));
		vs[nv].href = pool_printf(r->pool, "/countries/%s", row->country->alpha2);
		order[nv] = row;
		nv++;
	}
	web_page_begin(r, out, T("World map of coverage"), "coverage", NULL);
	web_heading(b, T("World map of coverage"), NULL);
	html_fmt(b, "<p>%s <strong>%s</strong></p>\n", T("Showing:"), what);
	filters(r, b, "/coverage/map", &q, 0);
	basis(r, b, m);
	map_render(r, b, &(struct map_spec){ .id = "map", .title = what,
		   .desc = T("Each country's share of the articles its law covers; grey where "
			     "nothing is recorded."), .values = vs, .nvalues = nv,
		   .countries = cs, .ncountries = ncs });
	/* the same numbers as a table: the map's text alternative, with every link, by
	 * name in the page's language */
	qsort_r(order, nv, sizeof(*order), by_name, &r->lang);
	html_fmt(b, "<table class=\"compact\">\n<caption>%s</caption>\n<thead><tr>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		 what, T("Country"), T(col >= 0 ? "Status" : "Score"));
	for (size_t k = 0; k < nv; k++) {
		size_t i = (size_t)(order[k] - m->rows);

		if (vs[i].value == MAP_NO_DATA)
			continue;
		html_fmt(b, "<tr><th scope=\"row\"><a href=\"");
		layout_href(r, b, vs[i].href);
		html_fmt(b, "\">%s</a></th><td>%s</td></tr>\n",
			 country_name(m->rows[i].country, r->lang),
			 col >= 0 ? T(statuses[m->rows[i].cells[col].status].label) :
			 chart_percent(r, vs[i].value));
	}
	html_fmt(b, "</tbody>\n</table>\n<p><a href=\"/coverage%S\">%s</a></p>\n",
		 query_args(r, '?', 0), T("The matrix of countries by articles"));
	layout_end(r, b);
	return 200;
}

/* ---- recording gaps and disputing statuses ---- */

/* A <select name="article"> of m's articles; only those whose status in row is at
 * most max (COV_UNKNOWN: the unknown ones; COV_COVERED: all). */
static void article_select(struct sbuf *b, const char *id, const struct cov_matrix *m,
			   const struct cov_country_row *row, enum cov_status max)
{
	html_fmt(b, "<select id=\"%s\" name=\"article\" required>\n", id);
	for (size_t j = 0; j < m->narticles; j++)
		if (row->cells[j].status <= max)
			html_fmt(b, "<option value=\"%s/%d\">%s/%d – %s</option>\n",
				 m->articles[j].instrument, m->articles[j].number,
				 m->articles[j].instrument, m->articles[j].number,
				 m->articles[j].title);
	html_fmt(b, "</select>\n");
}

/* The opening of a form that posts action to the country's coverage. */
static void form_open(struct req *r, struct sbuf *b, const struct country *c,
		      const char *action, const char *cls)
{
	html_fmt(b, "<form method=\"post\" class=\"%S\" action=\"", cls);
	layout_href(r, b, pool_printf(r->pool, "/countries/%s/coverage/%s", c->alpha2, action));
	html_fmt(b, "\">\n");
	layout_csrf(r, b);
}

/* One dispute: its state, its thread, and the forms of those who may act on it. */
static int dispute_block(struct req *r, struct sbuf *b, const struct country *c,
			 const struct cov_dispute *d, struct err *e)
{
	struct cov_comment *cs;
	size_t n;
	int rc;

	if ((rc = cov_comments(r->store, r->pool, d->id, &cs, &n, e)))
		return rc;
	html_fmt(b, "<li><a href=\"/instruments/%u/%d%S\">%s/%d</a> · <span class=\"tag\">%s</span> "
		 "<span class=\"muted\">· %s · %s</span>\n<ul>\n", d->instrument, d->article,
		 layout_q(r), d->instrument, d->article, T(!strcmp(d->state, "open") ? "open" :
		 !strcmp(d->state, "upheld") ? "upheld" : "rejected"), d->opened_by,
		 layout_datetime(r, d->opened_at));
	for (size_t i = 0; i < n; i++)
		html_fmt(b, "<li>%s <span class=\"muted\">· %s · %s</span></li>\n", cs[i].text,
			 cs[i].by, layout_datetime(r, cs[i].at));
	if (d->decision)
		html_fmt(b, "<li><strong>%s</strong> %s <span class=\"muted\">· %s · %s</span></li>\n",
			 T("Decision:"), d->decision, d->decided_by ? d->decided_by : "",
			 d->decided_at ? layout_datetime(r, d->decided_at) : "");
	html_fmt(b, "</ul>\n");
	if (!strcmp(d->state, "open")) {
		form_open(r, b, c, "comment", "inline");
		html_fmt(b, "<input type=\"hidden\" name=\"dispute\" value=\"%s\">"
			 "<label>%s <input name=\"text\" required maxlength=\"%d\"></label> "
			 "<button>%s</button></form>\n", pool_printf(r->pool, "%lld", d->id),
			 T("Comment"), LIMIT_COV_NOTE, T("Add the comment"));
		if (may(r, ACT_DECIDE, c->alpha2)) {
			form_open(r, b, c, "decide", "inline");
			html_fmt(b, "<input type=\"hidden\" name=\"dispute\" value=\"%s\">"
				 "<label>%s <input name=\"note\" required maxlength=\"%d\"></label> "
				 "<button name=\"state\" value=\"upheld\">%s</button> "
				 "<button name=\"state\" value=\"rejected\">%s</button></form>\n",
				 pool_printf(r->pool, "%lld", d->id), T("Decision"), LIMIT_COV_NOTE,
				 T("Uphold"), T("Reject"));
		}
	}
	html_fmt(b, "</li>\n");
	return ERR_OK;
}

/* What those who may act on the country's coverage see: the gaps recorded (with a
 * withdraw button), the form to record one, the disputes and the form to open one.
 * Nothing for the others: who recorded what and the threads are for them. */
static int coverage_work(struct req *r, struct sbuf *b, const struct country *c,
			 const struct cov_matrix *m, const struct cov_country_row *row,
			 struct err *e)
{
	int assess = may(r, ACT_ASSESS, c->alpha2), dispute = may(r, ACT_DISPUTE, c->alpha2);
	struct cov_assessment *as;
	struct cov_dispute *ds;
	size_t na, nd;
	int rc;

	if (!assess && !dispute && !may(r, ACT_DECIDE, c->alpha2))
		return ERR_OK;
	if ((rc = cov_assessments(r->store, r->pool, c->alpha2, 0, &as, &na, e)) ||
	    (rc = cov_disputes(r->store, r->pool, c->alpha2, &ds, &nd, e)))
		return rc;
	html_fmt(b, "<h3 id=\"record\">%s</h3>\n", T("Gaps recorded"));
	if (!na)
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No gap is recorded."));
	else
		html_fmt(b, "<ul>\n");
	for (size_t i = 0; i < na; i++) {
		html_fmt(b, "<li><a href=\"/instruments/%u/%d%S\">%s/%d</a> <q>%s</q> <span "
			 "class=\"muted\">· %s %s · %s</span>\n", as[i].instrument, as[i].article,
			 layout_q(r), as[i].instrument, as[i].article, as[i].note, T("from"),
			 layout_date(r, as[i].as_of), as[i].recorded_by);
		if (assess) {
			form_open(r, b, c, "withdraw", "inline");
			html_fmt(b, "<input type=\"hidden\" name=\"assessment\" value=\"%s\">"
				 "<button>%s</button></form>\n", pool_printf(r->pool, "%lld",
				 as[i].id), T("Withdraw"));
		}
		html_fmt(b, "</li>\n");
	}
	if (na)
		html_fmt(b, "</ul>\n");
	if (assess) {
		form_open(r, b, c, "assess", "record");
		html_fmt(b, "<p>%s</p>\n<div><label for=\"g-article\">%s</label>\n",
			 T("Record that the law has no provision for an article: it then shows "
			   "as not covered, with your note, until a provision is mapped to it."),
			 T("Instrument article"));
		article_select(b, "g-article", m, row, COV_UNKNOWN);
		html_fmt(b, "</div>\n<div><label for=\"g-note\">%s</label>\n<textarea id=\"g-note\" "
			 "name=\"note\" required rows=\"3\" maxlength=\"%d\"></textarea></div>\n"
			 "<div><label for=\"g-from\">%s</label>\n<input id=\"g-from\" name=\"as_of\" "
			 "type=\"date\"></div>\n<div><button>%s</button></div>\n</form>\n",
			 T("Note: what the law lacks, and where you looked"), LIMIT_COV_NOTE,
			 T("Holds from (empty: today)"), T("Record the gap"));
	}
	html_fmt(b, "<h3 id=\"disputes\">%s</h3>\n", T("Disputes"));
	if (!nd)
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No status is disputed."));
	else
		html_fmt(b, "<ul class=\"disputes\">\n");
	for (size_t i = 0; i < nd; i++)
		if ((rc = dispute_block(r, b, c, &ds[i], e)))
			return rc;
	if (nd)
		html_fmt(b, "</ul>\n");
	if (dispute) {
		form_open(r, b, c, "dispute", "record");
		html_fmt(b, "<p>%s</p>\n<div><label for=\"d-article\">%s</label>\n",
			 T("Dispute a status: say why it is wrong; a curator decides."),
			 T("Instrument article"));
		article_select(b, "d-article", m, row, COV_COVERED);
		html_fmt(b, "</div>\n<div><label for=\"d-text\">%s</label>\n<textarea id=\"d-text\" "
			 "name=\"text\" required rows=\"3\" maxlength=\"%d\"></textarea></div>\n"
			 "<div><button>%s</button></div>\n</form>\n", T("Why"), LIMIT_COV_NOTE,
			 T("Open the dispute"));
	}
	return ERR_OK;
}

/* The forms' posts: /countries/:code/coverage/:action. */
typedef int coverage_act(struct req *r, const struct country *c, struct err *e);

static int act_article(struct req *r, const char **instrument, int *number, struct err *e)
{
	const char *ref = req_form(r, "article");

	return cov_article_ref(r->pool, ref ? ref : "", instrument, number, e);
}

static int act_id(struct req *r, const char *name, long long *id, struct err *e)
{
	const char *v = req_form(r, name);

	if (!v || num_parse(v, 1, LLONG_MAX, id))
		return err_set(e, ERR_INVALID, "%s: a number", name);
	return ERR_OK;
}

static int act_assess(struct req *r, const struct country *c, struct err *e)
{
	const char *instrument, *as_of = req_form(r, "as_of");
	int number, rc;
	long long id;

	if ((rc = act_article(r, &instrument, &number, e)))
		return rc;
	return cov_assess(r->store, r->actor, c->alpha2, instrument, number,
			  as_of && *as_of ? as_of : NULL, req_form(r, "note"), &id, e);
}

static int act_withdraw(struct req *r, const struct country *c, struct err *e)
{
	struct cov_assessment *a;
	long long id;
	int rc;

	if ((rc = act_id(r, "assessment", &id, e)) ||
	    (rc = cov_assessment_get(r->store, r->pool, id, &a, e)))
		return rc;
	if (strcmp(a->country, c->alpha2))
		return err_set(e, ERR_NOTFOUND, "There is no such assessment.");
	return cov_withdraw(r->store, r->actor, id, e);
}

static int act_dispute(struct req *r, const struct country *c, struct err *e)
{
	const char *instrument;
	int number, rc;
	long long id;

	if ((rc = act_article(r, &instrument, &number, e)))
		return rc;
	return cov_dispute_open(r->store, r->actor, c->alpha2, instrument, number,
				req_form(r, "text"), &id, e);
}

/* The dispute the form names, if it is the country's. */
static int own_dispute(struct req *r, const struct country *c, long long *id, struct err *e)
{
	struct cov_dispute *d;
	int rc;

	if ((rc = act_id(r, "dispute", id, e)) ||
	    (rc = cov_dispute_get(r->store, r->pool, *id, &d, e)))
		return rc;
	return strcmp(d->country, c->alpha2) ?
	       err_set(e, ERR_NOTFOUND, "There is no such dispute.") : ERR_OK;
}

static int act_comment(struct req *r, const struct country *c, struct err *e)
{
	long long id;
	int rc = own_dispute(r, c, &id, e);

	return rc ? rc : cov_dispute_comment(r->store, r->actor, id, req_form(r, "text"), e);
}

static int act_decide(struct req *r, const struct country *c, struct err *e)
{
	long long id;
	int rc = own_dispute(r, c, &id, e);

	return rc ? rc : cov_dispute_decide(r->store, r->actor, id, req_form(r, "state"),
					    req_form(r, "note"), e);
}

static const struct {
	const char *name, *anchor;
	coverage_act *fn;
} acts[] = {
	{ "assess", "record", act_assess }, { "withdraw", "record", act_withdraw },
	{ "dispute", "disputes", act_dispute }, { "comment", "disputes", act_comment },
	{ "decide", "disputes", act_decide },
};

int web_country_coverage_post(struct req *r, struct resp *out)
{
	struct country *c;
	struct err e = { 0 };

	if (country_get(r->store, r->pool, r->params[0], &c, &e) || req_form_parse(r, &e))
		return http_fail(r, out, &e);
	for (size_t i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
		if (!strcmp(r->params[1], acts[i].name)) {
			if (acts[i].fn(r, c, &e))
				return http_fail(r, out, &e);
			return web_redirect(r, out, pool_printf(r->pool, "/countries/%s#%s",
								 c->alpha2, acts[i].anchor));
		}
	return http_error(r, out, 404, "There is no such page.");
}

/* ---- the country's profile ---- */

/* One category's articles of the country: each known one with its status and
 * evidence, the unknown ones on one line. */
/* Since when article a is covered without a break, by tl; NULL when not covered. */
static const char *covered_since(const struct cov_timeline *tl, const struct article *a)
{
	for (size_t i = 0; tl && i < tl->narticles; i++)
		if (tl->articles[i].article->number == a->number &&
		    !strcmp(tl->articles[i].article->instrument, a->instrument))
			return tl->articles[i].covered_since;
	return NULL;
}

static void category_block(struct req *r, struct sbuf *b, const struct cov_matrix *m,
			   const struct cov_country_row *row, const struct cov_timeline *tl,
			   const char *category, int staff)
{
	int known = 0, unknown = 0;

	for (size_t j = 0; j < m->narticles; j++) {
		const struct cov_cell *c = &row->cells[j];

		if (strcmp(m->articles[j].category, category))
			continue;
		if (c->status == COV_UNKNOWN) {
			unknown++;
			continue;
		}
		if (!known++)
			html_fmt(b, "<ul class=\"coverage\">\n");
		html_fmt(b, "<li><a href=\"/instruments/%u/%d%S\">%s %d – %s</a> ",
			 m->articles[j].instrument, m->articles[j].number, layout_q(r),
			 strcmp(m->articles[j].instrument, "un-cc") ? "CETS 185" : "UNCC",
			 m->articles[j].number, m->articles[j].title);
		status_tag(r, b, c);
		if (covered_since(tl, &m->articles[j]))
			html_fmt(b, " <span class=\"muted\">%s</span>", layout_msg(r,
				 pool_printf(r->pool, "since %s", layout_date(r, covered_since(tl,
				 &m->articles[j]))), NULL, 0));
		evidence_list(r, b, c, staff);
		html_fmt(b, "</li>\n");
	}
	if (known)
		html_fmt(b, "</ul>\n");
	if (unknown) {
		html_fmt(b, "<p class=\"muted\">%s: ", T("Nothing recorded"));
		for (size_t j = 0, k = 0; j < m->narticles; j++)
			if (!strcmp(m->articles[j].category, category) &&
			    row->cells[j].status == COV_UNKNOWN)
				html_fmt(b, "%S<a href=\"/instruments/%u/%d%S\" title=\"%s\">%s/%d</a>",
					 k++ ? ", " : "", m->articles[j].instrument,
					 m->articles[j].number, layout_q(r), m->articles[j].title,
					 m->articles[j].instrument, m->articles[j].number);
		html_fmt(b, "</p>\n");
	}
}

int web_country_coverage(struct req *r, struct sbuf *b, const struct country *c,
			 struct err *e)
{
	struct cov_query q;
	struct cov_profile *pr;
	const struct cov_matrix *m;
	const struct cov_timeline *tl;
	const struct cov_comparison *cmp;
	const struct cov_gap *gaps;
	struct chart_bar bars[9];
	struct chart_point *pts;
	const struct cov_country_row *row;
	size_t ngaps, nb = 0;
	int rc, staff = may(r, ACT_ASSESS, c->alpha2) || may(r, ACT_DECIDE, c->alpha2);

	/* the country with its evidence, its sub-region's statuses, its timeline */
	if ((rc = query_of(r, &q, NULL, e)) ||
	    (rc = cov_profile(r->store, r->pool, r->actor, &q, c->alpha2, 1, &pr, e)))
		return rc;
	m = pr->matrix;
	row = pr->row;
	cmp = &pr->subregion;
	gaps = pr->gaps;
	ngaps = pr->ngaps;
	tl = pr->timeline;
	basis(r, b, m);
	html_fmt(b, "<p><a href=\"/coverage%S\">%s</a> · <a href=\"/coverage/map%S\">%s</a> · "
		 "<a href=\"/api/v1/coverage?country=%u\">JSON</a></p>\n", layout_q(r),
		 T("All countries"), layout_q(r), T("World map"), c->alpha2);
	if (row->overall.counted == row->overall.unknown) {
		html_fmt(b, "<p>%s</p>\n", T("Nothing is recorded yet for this country's law: no "
					    "provision is mapped to an article and no gap is "
					    "recorded."));
		return coverage_work(r, b, c, m, row, e);
	}
	/* the scores: overall and per category */
	bars[nb++] = (struct chart_bar){ T("Overall"), row->overall.score, NULL };
	for (size_t i = 0; i < cov_category_count && nb < 9; i++)
		if (row->by_category[i].counted)
			bars[nb++] = (struct chart_bar){ category_label(r, cov_categories[i]),
							 row->by_category[i].score, NULL };
	chart_bars(r, b, &(struct chart_bars){ .title = T("Share of the articles covered"),
		   .label_heading = T("Category"), .value_heading = T("Score"), .bars = bars,
		   .n = nb, .percent = 1 });
	if (cmp->subregion && cmp->subregion[0]) {
		struct region *g;

		html_fmt(b, "<p>%s</p>\n", layout_msg(r, pool_printf(r->pool,
			 "%s: %s; the mean of %s: %s (countries compared: %d).",
			 country_name(c, r->lang), chart_percent(r, cmp->score),
			 region_get(r->store, r->pool, cmp->subregion, &g, NULL) ? cmp->subregion :
			 region_name(g, r->lang), chart_percent(r, cmp->subregion_mean),
			 cmp->subregion_countries), NULL, 0));
	}
	if (row->safeguards_flag)
		html_fmt(b, "<p class=\"note\" role=\"note\">%s</p>\n",
			 T("Procedural powers are mapped but no safeguard article is (conditions "
			   "and safeguards, human rights, personal data): the powers may lack "
			   "their limits in law, or the safeguards are not mapped yet."));
	/* the gaps, most urgent first */
	html_fmt(b, "<h3>%s</h3>\n", T("Gaps"));
	if (!ngaps)
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No gap is recorded: every article "
							      "known is covered."));
	else
		html_fmt(b, "<p class=\"muted\">%s</p>\n<ol>\n",
			 T("Articles partly or not covered, first those most countries of the "
			   "sub-region cover."));
	for (size_t i = 0; i < ngaps && i < 10; i++) {
		html_fmt(b, "<li><a href=\"/instruments/%u/%d%S\">%s/%d – %s</a> ",
			 gaps[i].article->instrument, gaps[i].article->number, layout_q(r),
			 gaps[i].article->instrument, gaps[i].article->number,
			 gaps[i].article->title);
		status_tag(r, b, gaps[i].cell);
		html_fmt(b, " <span class=\"muted\">· %s</span></li>\n", layout_plural(r,
			 gaps[i].subregion_covering, "covered by {n} country of the sub-region|"
			 "covered by {n} countries of the sub-region"));
	}
	if (ngaps)
		html_fmt(b, "</ol>\n");
	/* over time */
	pts = pool_calloc(r->pool, tl->npoints + 1, sizeof(*pts));
	for (size_t i = 0; i < tl->npoints; i++)
		pts[i] = (struct chart_point){ tl->points[i].date, tl->points[i].overall.score };
	html_fmt(b, "<h3>%s</h3>\n", T("Coverage over time"));
	chart_timeline(r, b, &(struct chart_timeline){ .id = "tl-cov",
		       .title = T("Overall score over time"), .date_heading = T("From"),
		       .value_heading = T("Score"), .points = pts, .n = tl->npoints,
		       .to = m->at });
	/* by category, with the evidence */
	for (size_t i = 0; i < cov_category_count; i++) {
		if (!row->by_category[i].counted)
			continue;
		html_fmt(b, "<h3>%s</h3>\n", category_label(r, cov_categories[i]));
		category_block(r, b, m, row, tl, cov_categories[i], staff);
	}
	return coverage_work(r, b, c, m, row, e);
}

/* ---- the article's page ---- */

int web_article_coverage(struct req *r, struct sbuf *b, const struct article *a,
			 struct err *e)
{
	const char *instrument = a->instrument;
	int number = a->number;
	struct cov_query q;
	struct cov_matrix *m;
	struct region *rs;
	size_t nr;
	long col;
	int rc, any = 0;

	if (cov_category_index(a->category) < 0) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("This article asks nothing of "
							       "states' laws: coverage is not "
							       "measured for it."));
		return ERR_OK;
	}
	if ((rc = query_of(r, &q, NULL, e)))
		return rc;
	q.instrument = instrument;
	q.article = number;
	q.category = NULL;
	if ((rc = cov_matrix(r->store, r->pool, r->actor, &q, &m, e)) ||
	    (rc = region_list(r->store, r->pool, &rs, &nr, e)))
		return rc;
	if ((col = cov_matrix_column(m, instrument, number)) < 0)
		return err_set(e, ERR_DB, "coverage: no column for %s/%d", instrument, number);
	basis(r, b, m);
	html_fmt(b, "<p><a href=\"/coverage/map?article=%u/%d%S\">%s</a></p>\n", instrument,
		 number, r->lang_explicit ? pool_printf(r->pool, "&amp;lang=%s",
		 lang_code(r->lang)) : "", T("On the world map"));
	/* by region: the countries of each status, with their evidence */
	for (size_t g = 0; g < nr; g++) {
		int counts[COV_STATUS_COUNT] = { 0 };

		if (rs[g].level != REGION_REGION)
			continue;
		for (size_t i = 0; i < m->nrows; i++)
			if (region_contains(&rs[g], m->rows[i].country))
				counts[m->rows[i].cells[col].status]++;
		if (counts[COV_COVERED] + counts[COV_PARTLY] + counts[COV_NOT] == 0)
			continue;
		any = 1;
		html_fmt(b, "<h3>%s</h3>\n<p class=\"muted\">", region_name(&rs[g], r->lang));
		for (int s = COV_STATUS_COUNT - 1; s >= 0; s--)
			html_fmt(b, "%S%s: %s", s == COV_STATUS_COUNT - 1 ? "" : " · ",
				 T(statuses[s].label), layout_number(r, counts[s]));
		html_fmt(b, "</p>\n<ul class=\"coverage\">\n");
		for (int s = COV_STATUS_COUNT - 1; s > COV_UNKNOWN; s--)
			for (size_t i = 0; i < m->nrows; i++) {
				const struct cov_country_row *row = &m->rows[i];
				const struct cov_cell *c = &row->cells[col];

				if (c->status != (enum cov_status)s ||
				    !region_contains(&rs[g], row->country))
					continue;
				html_fmt(b, "<li><a href=\"/countries/%u%S#coverage\">%s</a> ",
					 row->country->alpha2, layout_q(r),
					 country_name(row->country, r->lang));
				status_tag(r, b, c);
				evidence_list(r, b, c, may(r, ACT_DECIDE, row->country->alpha2));
				html_fmt(b, "</li>\n");
			}
		html_fmt(b, "</ul>\n");
	}
	if (!any)
		html_fmt(b, "<p class=\"muted\">%s</p>\n",
			 T("Nothing is recorded for this article yet."));
	return ERR_OK;
}

/* ---- a region's page ---- */

int web_region_coverage(struct req *r, struct sbuf *b, const struct region *g,
			struct err *e)
{
	struct cov_query q;
	struct cov_matrix *m;
	struct cov_article_share *shares, *least;
	struct chart_bar *bars;
	size_t n, nleast;
	int rc, known = 0;

	if ((rc = query_of(r, &q, NULL, e)))
		return rc;
	q.region = g->level == REGION_WORLD ? NULL : g->code;
	q.statuses_only = 1;
	if ((rc = cov_matrix(r->store, r->pool, r->actor, &q, &m, e)) ||
	    (rc = cov_region_shares(r->store, r->pool, m, q.region, &shares, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		known += shares[i].covered + shares[i].partly + shares[i].not_covered > 0;
	basis(r, b, m);
	html_fmt(b, "<p><a href=\"/coverage?region=%u%S\">%s</a> · <a href=\"/coverage/map?"
		 "region=%u%S\">%s</a></p>\n", g->code, r->lang_explicit ? pool_printf(r->pool,
		 "&amp;lang=%s", lang_code(r->lang)) : "", T("The matrix of countries by articles"),
		 g->code, r->lang_explicit ? pool_printf(r->pool, "&amp;lang=%s",
		 lang_code(r->lang)) : "", T("World map"));
	if (!known) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n",
			 T("Nothing is recorded for these countries and articles yet."));
		return ERR_OK;
	}
	/* the least covered first: where help is needed across the region */
	least = pool_calloc(r->pool, n + 1, sizeof(*least));
	memcpy(least, shares, n * sizeof(*least));
	nleast = n;
	cov_least_covered(least, &nleast, 10);
	html_fmt(b, "<h3>%s</h3>\n<ol>\n", T("The articles least covered"));
	for (size_t i = 0; i < nleast; i++)
		html_fmt(b, "<li><a href=\"/instruments/%u/%d%S\">%s/%d – %s</a> <span "
			 "class=\"muted\">· %s · %s</span></li>\n", least[i].article->instrument,
			 least[i].article->number, layout_q(r), least[i].article->instrument,
			 least[i].article->number, least[i].article->title,
			 chart_percent(r, least[i].share), layout_plural(r, least[i].unknown,
			 "{n} country with nothing recorded|{n} countries with nothing recorded"));
	html_fmt(b, "</ol>\n");
	/* every article: the share of the region's countries covering it */
	bars = pool_calloc(r->pool, n + 1, sizeof(*bars));
	for (size_t i = 0; i < n; i++)
		bars[i] = (struct chart_bar){ pool_printf(r->pool, "%s/%d – %s",
					      shares[i].article->instrument, shares[i].article->number,
					      shares[i].article->title), shares[i].share,
					      pool_printf(r->pool, "/instruments/%s/%d",
							  shares[i].article->instrument,
							  shares[i].article->number) };
	html_fmt(b, "<details><summary>%s</summary>\n", T("Every article"));
	chart_bars(r, b, &(struct chart_bars){ .title = T("Share of the countries covering each "
							  "article"),
		   .label_heading = T("Article"), .value_heading = T("Share"), .bars = bars,
		   .n = n, .percent = 1 });
	html_fmt(b, "</details>\n");
	return ERR_OK;
}

/* ---- the review queue ---- */

int web_review_disputes(struct req *r, struct sbuf *b, struct err *e)
{
	struct cov_dispute *ds;
	size_t n, shown = 0;
	int rc;

	if (!may(r, ACT_DECIDE, NULL))
		return ERR_OK;
	if ((rc = cov_disputes(r->store, r->pool, NULL, &ds, &n, e)))
		return rc;
	html_fmt(b, "<h2 id=\"disputes\">%s</h2>\n", T("Disputed coverage"));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(ds[i].state, "open"))
			continue;
		if (!shown++)
			html_fmt(b, "<ul>\n");
		html_fmt(b, "<li><a href=\"/countries/%u%S#disputes\">%s</a> · <a href=\"/instruments/"
			 "%u/%d%S\">%s/%d</a> <span class=\"muted\">· %s · %s</span></li>\n",
			 ds[i].country, layout_q(r), web_country_name(r, ds[i].country),
			 ds[i].instrument, ds[i].article, layout_q(r), ds[i].instrument,
			 ds[i].article, ds[i].opened_by, layout_datetime(r, ds[i].opened_at));
	}
	if (shown)
		html_fmt(b, "</ul>\n");
	else
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No status is disputed."));
	return ERR_OK;
}
