/* Case law and lessons learned: lists, record pages, and the forms that create and
 * edit them (GET shows the form, POST validates: errors show it again with the
 * message and what was typed, success answers 303 to the record's page). */
#include <stdlib.h>
#include <string.h>

#include "domain/caselaw.h"
#include "domain/country.h"
#include "domain/legislation.h"
#include "domain/lesson.h"
#include "domain/record.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define HTML "text/html; charset=utf-8"
#define T(s) layout_t(r, (s))
#define LIST_MAX 500

enum ftype { F_TEXT, F_AREA, F_BIG, F_DATE, F_URL, F_COUNTRY, F_TLP };

struct field {
	const char *name, *label;
	enum ftype type;
	int required;
	const char *hint;	/* shown under the label; NULL for none */
};

static const struct field case_fields[] = {
	{ "title", "Case name", F_TEXT, 1, NULL },
	{ "country", "Country", F_COUNTRY, 1, NULL },
	{ "court", "Court", F_TEXT, 1, NULL },
	{ "decided", "Date of the decision", F_DATE, 0, NULL },
	{ "citation", "Citation", F_TEXT, 0, NULL },
	{ "parties", "Parties", F_TEXT, 0, "They may be anonymised." },
	{ "summary", "Summary", F_AREA, 0, NULL },
	{ "facts", "Facts", F_AREA, 0, NULL },
	{ "outcome", "Outcome", F_AREA, 0, NULL },
	{ "evidence_issues", "Electronic evidence issues", F_AREA, 0, NULL },
	{ "keywords", "Keywords", F_TEXT, 0, "Separated by commas." },
	{ "applied", "Provisions applied", F_AREA, 0,
	  "One per line, such as /akn/ke/act/2018/5/~sec_14" },
	{ "language", "Language", F_TEXT, 1, "A language code, such as en or fr." },
	{ "source_url", "Source", F_URL, 0, NULL },
	{ "tlp", "TLP label", F_TLP, 0, NULL },
};
#define NCASE (sizeof(case_fields) / sizeof(case_fields[0]))

static const struct field lesson_fields[] = {
	{ "title", "Title", F_TEXT, 1, NULL },
	{ "country", "Country", F_COUNTRY, 0, "Or a region, for a regional lesson." },
	{ "region", "Region", F_TEXT, 0, "A UN M49 code, such as 014." },
	{ "topic", "Topic", F_TEXT, 0, NULL },
	{ "date", "Date", F_DATE, 0, NULL },
	{ "body", "Text", F_BIG, 1, "Markdown: headings, lists, links and emphasis." },
	{ "language", "Language", F_TEXT, 1, "A language code, such as en or fr." },
	{ "source_url", "Source", F_URL, 0, NULL },
	{ "tlp", "TLP label", F_TLP, 0, NULL },
};
#define NLESSON (sizeof(lesson_fields) / sizeof(lesson_fields[0]))

static const char *const tlps[] = { "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED" };

static void render_form(struct req *r, struct sbuf *b, const char *action,
			const struct field *f, size_t nf, const char *const *vals,
			const char *error, const char *submit)
{
	if (error)
		html_fmt(b, "<p class=\"error\" role=\"alert\">%s</p>\n", error);
	html_fmt(b, "<form method=\"post\" class=\"record\" action=\"");
	layout_href(r, b, action);
	html_fmt(b, "\">\n");
	for (size_t i = 0; i < nf; i++) {
		const char *v = vals[i] ? vals[i] : "", *req = f[i].required ? " required" : "";

		html_fmt(b, "<div><label for=\"f-%s\">%s%S</label>\n", f[i].name, T(f[i].label),
			 f[i].required ? " <span aria-hidden=\"true\">*</span>" : "");
		if (f[i].hint)
			html_fmt(b, "<span class=\"hint\" id=\"h-%s\">%s</span>\n", f[i].name,
				 T(f[i].hint));
		switch (f[i].type) {
		case F_AREA:
		case F_BIG:
			html_fmt(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"%d\"%S%S>\n%s</textarea>",
				 f[i].name, f[i].name, f[i].type == F_BIG ? 16 : 5, req,
				 f[i].hint ? pool_printf(r->pool, " aria-describedby=\"h-%s\"",
							 f[i].name) : "", v);
			break;
		case F_COUNTRY:
			web_country_select(r, b, f[i].name, v, f[i].required ?
					   T("Choose a country") : T("None"));
			break;
		case F_TLP:
			html_fmt(b, "<select id=\"f-%s\" name=\"%s\">", f[i].name, f[i].name);
			for (size_t k = 0; k < sizeof(tlps) / sizeof(tlps[0]); k++)
				html_fmt(b, "<option value=\"%s\"%S>TLP:%s</option>", tlps[k],
					 !strcmp(v, tlps[k]) || (!*v && !k) ? " selected" : "",
					 tlps[k]);
			html_fmt(b, "</select>");
			break;
		default:
			html_fmt(b, "<input id=\"f-%s\" name=\"%s\" type=\"%S\" value=\"%s\"%S%S>",
				 f[i].name, f[i].name, f[i].type == F_DATE ? "date" :
				 f[i].type == F_URL ? "url" : "text", v, req,
				 f[i].hint ? pool_printf(r->pool, " aria-describedby=\"h-%s\"",
							 f[i].name) : "");
		}
		html_fmt(b, "</div>\n");
	}
	layout_csrf(r, b);
	html_fmt(b, "<div><button>%s</button></div>\n</form>\n", submit);
}

/* A form value with CRLF made LF, NULL when empty. */
static const char *value(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	char *o, *s;

	if (!v || !*v)
		return NULL;
	s = o = pool_strdup(r->pool, v);
	for (const char *p = v; *p; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			*o++ = *p;
	*o = '\0';
	return s;
}

static void form_values(struct req *r, const struct field *f, size_t nf, const char **vals)
{
	for (size_t i = 0; i < nf; i++)
		vals[i] = req_form(r, f[i].name);
}

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

/* text as paragraphs (split on blank lines). */
static void paragraphs(struct req *r, struct sbuf *b, const char *text)
{
	const char *p = text;

	while (p && *p) {
		const char *end = strstr(p, "\n\n");
		char *para = pool_strndup(r->pool, p, end ? (size_t)(end - p) : strlen(p));

		if (para[strspn(para, " \t\r\n")])
			html_fmt(b, "<p>%s</p>\n", para);
		p = end ? end + 2 : NULL;
	}
}

static void section(struct req *r, struct sbuf *b, const char *title, const char *text)
{
	if (!text || !*text)
		return;
	html_fmt(b, "<h2>%s</h2>\n", T(title));
	paragraphs(r, b, text);
}

static void new_link(struct req *r, struct sbuf *b, const char *path, const char *label)
{
	if (record_allow(r->actor, ACT_CREATE, NULL, NULL))
		return;
	html_fmt(b, "<p><a class=\"button\" href=\"");
	layout_href(r, b, path);
	html_fmt(b, "\">%s</a></p>\n", T(label));
}

static void edit_link(struct req *r, struct sbuf *b, const struct record *rec,
		      const char *path)
{
	if (record_allow(r->actor, ACT_EDIT, rec, NULL))
		return;
	html_fmt(b, "<p><a class=\"button\" href=\"");
	layout_href(r, b, path);
	html_fmt(b, "\">%s</a></p>\n", T("Edit"));
}

/* ?country= for lists: NULL for all; an error answer when unknown. */
static int country_filter(struct req *r, struct resp *out, const char **cc)
{
	const char *v = nz(req_arg(r, "country"));
	struct country *c;
	struct err e = { 0 };

	*cc = NULL;
	if (!v)
		return 0;
	if (country_get(r->store, r->pool, v, &c, &e))
		return http_fail(r, out, &e);
	*cc = c->alpha2;
	return 0;
}

static void filter_form(struct req *r, struct sbuf *b, const char *path, const char *cc)
{
	html_fmt(b, "<form method=\"get\" class=\"filters\" action=\"%S\">\n<div><label "
		 "for=\"f-country\">%s</label>\n", path, T("Country"));
	web_country_select(r, b, "country", cc, T("All countries"));
	if (r->lang_explicit)
		html_fmt(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">",
			 lang_code(r->lang));
	html_fmt(b, "</div>\n<div><button>%s</button></div>\n</form>\n", T("Show"));
}

/* Case law */

int web_cases(struct req *r, struct resp *out)
{
	struct record_query q = { .kind = REC_CASE, .status = -1, .limit = LIST_MAX };
	struct caselaw *cs;
	size_t n, shown = 0;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (country_filter(r, out, &q.country))
		return out->status;
	if (caselaw_list(r->store, r->pool, &q, &cs, &n, &e))
		return http_fail(r, out, &e);
	out->content_type = HTML;
	layout_begin(r, b, T("Case law"), "cases");
	html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", T("Case law"),
		 T("Court decisions on cybercrime and electronic evidence, with the provisions "
		   "they applied."));
	filter_form(r, b, "/cases", q.country);
	new_link(r, b, "/cases/new", "Add a case");
	for (size_t i = 0; i < n; i++) {
		if (!shown++)
			html_fmt(b, "<table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
				 "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				 "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", T("Case name"),
				 T("Court"), T("Decided"), T("Country"), T("Status"));
		html_fmt(b, "<tr><td><a href=\"");
		layout_href(r, b, pool_printf(r->pool, "/cases/%lld", cs[i].rec.id));
		html_fmt(b, "\">%s</a>", cs[i].rec.title);
		if (cs[i].citation)
			html_fmt(b, "<br><span class=\"muted\">%s</span>", cs[i].citation);
		html_fmt(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			 cs[i].court, cs[i].decided, web_country_name(r, cs[i].rec.country),
			 T(record_status_name(cs[i].rec.status)));
	}
	if (shown)
		html_fmt(b, "</tbody>\n</table>\n");
	else
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No cases match."));
	html_fmt(b, "<p><a href=\"/api/v1/cases%S%u\">JSON</a></p>\n",
		 q.country ? "?country=" : "", q.country ? q.country : "");
	layout_end(r, b);
	return 200;
}

static void applied_item(struct req *r, struct sbuf *b, const struct case_link *l)
{
	struct work *w;
	const char *name = l->work_uri;

	if (!legislation_get(r->store, r->pool, l->work_uri, &w, NULL))
		name = w->rec.title;
	html_fmt(b, "<li><a href=\"");
	layout_href(r, b, pool_printf(r->pool, "%s/~%s", web_path_enc(r, l->work_uri),
				      web_path_enc(r, l->eid)));
	html_fmt(b, "\">%s, <code>%s</code></a></li>\n", name, l->eid);
}

int web_case(struct req *r, struct resp *out)
{
	long long id = num_id(r->params[0]);
	struct caselaw *c;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (!id)
		return http_error(r, out, 404, "There is no such case.");
	if (caselaw_get(r->store, r->pool, id, &c, &e) ||
	    record_read(r->store, r->actor, &c->rec, &e))
		return http_fail(r, out, &e);
	out->content_type = HTML;
	layout_begin(r, b, c->rec.title, "cases");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"");
	layout_href(r, b, "/cases");
	html_fmt(b, "\">%s</a></p>\n<h1>%s</h1>\n<dl class=\"facts\">\n<dt>%s</dt><dd>%s</dd>\n",
		 T("Case law"), c->rec.title, T("Court"), c->court);
	if (c->decided)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Decided"), c->decided);
	if (c->citation)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Citation"), c->citation);
	if (c->parties)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Parties"), c->parties);
	if (c->keywords && *c->keywords) {
		const char *p = c->keywords;

		html_fmt(b, "<dt>%s</dt><dd>", T("Keywords"));
		while (*p) {
			size_t n = strcspn(p, ",");
			char *k = pool_strndup(r->pool, p, n), *s = k + strspn(k, " ");

			while (*s && s[strlen(s) - 1] == ' ')
				s[strlen(s) - 1] = '\0';
			if (*s)
				html_fmt(b, "<span class=\"tag\">%s</span> ", s);
			p += n + (p[n] == ',');
		}
		html_fmt(b, "</dd>\n");
	}
	web_record_facts(r, b, &c->rec);
	html_fmt(b, "</dl>\n");
	edit_link(r, b, &c->rec, pool_printf(r->pool, "/cases/%lld/edit", id));
	section(r, b, "Summary", c->summary);
	section(r, b, "Facts", c->facts);
	section(r, b, "Outcome", c->outcome);
	section(r, b, "Electronic evidence issues", c->evidence_issues);
	if (c->napplied) {
		html_fmt(b, "<h2>%s</h2>\n<ul>\n", T("Provisions applied"));
		for (size_t i = 0; i < c->napplied; i++)
			applied_item(r, b, &c->applied[i]);
		html_fmt(b, "</ul>\n");
	}
	if (c->work_uri) {
		html_fmt(b, "<h2>%s</h2>\n<p><a href=\"", T("Judgment"));
		layout_href(r, b, web_path_enc(r, c->work_uri));
		html_fmt(b, "\">%s</a></p>\n", T("The text of the judgment"));
	}
	html_fmt(b, "<p><a href=\"/api/v1/cases/%S\">JSON</a></p>\n",
		 pool_printf(r->pool, "%lld", id));
	web_record_workflow(r, b, &c->rec);
	layout_end(r, b);
	return 200;
}

/* "work/~eid" lines (or "work#eid") into links; ERR_INVALID naming a bad line. */
static int parse_applied(struct req *r, const char *text, struct case_link **out, size_t *n,
			 struct err *e)
{
	size_t cap = 1;

	for (const char *p = text; p && *p; p++)
		cap += *p == '\n';
	*out = pool_calloc(r->pool, cap, sizeof(**out));
	*n = 0;
	for (const char *p = text; p && *p;) {
		size_t len = strcspn(p, "\n");
		char *line = pool_strndup(r->pool, p, len), *s = line + strspn(line, " \t\r");
		char *sep, *eid;
		const char *uri, *lang, *date;
		int rc;

		p += len + (p[len] == '\n');
		while (*s && strchr(" \t\r", s[strlen(s) - 1]))
			s[strlen(s) - 1] = '\0';
		if (!*s)
			continue;
		if ((sep = strstr(s, "/~")))
			eid = sep + 2;
		else if ((sep = strchr(s, '#')))
			eid = sep + 1;
		else
			eid = NULL;
		if (!eid || !*eid || strncmp(s, "/akn/", 5))
			return err_set(e, ERR_INVALID, "provisions applied: '%.80s' is not the address "
				       "of a provision, such as /akn/ke/act/2018/5/~sec_14", s);
		*sep = '\0';
		if ((rc = legislation_split_uri(r->pool, s, &uri, &lang, &date, e)))
			return rc;
		(*out)[*n].work_uri = uri;
		(*out)[(*n)++].eid = eid;
	}
	return ERR_OK;
}

static void case_values(struct req *r, const struct caselaw *c, const char **v)
{
	struct sbuf sb = SBUF_INIT;

	for (size_t i = 0; i < c->napplied; i++)
		sbuf_addf(&sb, "%s/~%s\n", c->applied[i].work_uri, c->applied[i].eid);
	v[0] = c->rec.title, v[1] = c->rec.country, v[2] = c->court, v[3] = c->decided;
	v[4] = c->citation, v[5] = c->parties, v[6] = c->summary, v[7] = c->facts;
	v[8] = c->outcome, v[9] = c->evidence_issues, v[10] = c->keywords;
	v[11] = pool_strdup(r->pool, sbuf_str(&sb));
	v[12] = c->rec.language, v[13] = c->rec.source_url, v[14] = c->rec.tlp;
	sbuf_release(&sb);
}

static int case_form_page(struct req *r, struct resp *out, long long id, const char **vals,
			  const char *error)
{
	struct sbuf *b = &out->body;
	const char *title = id ? T("Edit the case") : T("Add a case");

	out->content_type = HTML;
	out->cache_control = "no-store";
	layout_begin(r, b, title, "cases");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"");
	layout_href(r, b, "/cases");
	html_fmt(b, "\">%s</a></p>\n<h1>%s</h1>\n", T("Case law"), title);
	render_form(r, b, id ? pool_printf(r->pool, "/cases/%lld/edit", id) : "/cases/new",
		    case_fields, NCASE, vals, error, T("Save"));
	layout_end(r, b);
	return error ? 400 : 200;
}

int web_case_form(struct req *r, struct resp *out)
{
	const char *vals[NCASE];
	struct caselaw *old = NULL, c;
	struct err e = { 0 };
	long long id = 0;
	int rc;

	out->cache_control = "no-store";
	if (r->nparams) {
		if (!(id = num_id(r->params[0])))
			return http_error(r, out, 404, "There is no such case.");
		if (caselaw_get(r->store, r->pool, id, &old, &e) ||
		    record_allow(r->actor, ACT_EDIT, &old->rec, &e))
			return http_fail(r, out, &e);
	} else if (record_allow(r->actor, ACT_CREATE, NULL, &e)) {
		return http_fail(r, out, &e);
	}
	if (r->method & (HTTP_GET | HTTP_HEAD)) {
		if (old) {
			case_values(r, old, vals);
		} else {
			memset(vals, 0, sizeof(vals));
			vals[12] = "en";
			vals[1] = nz(req_arg(r, "country"));
		}
		return case_form_page(r, out, id, vals, NULL);
	}
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	form_values(r, case_fields, NCASE, vals);
	memset(&c, 0, sizeof(c));
	c.rec.id = id;
	c.rec.title = value(r, "title");
	c.rec.country = value(r, "country");
	c.rec.language = value(r, "language");
	c.rec.source_url = value(r, "source_url");
	c.rec.tlp = value(r, "tlp");
	c.court = value(r, "court");
	c.decided = value(r, "decided");
	c.citation = value(r, "citation");
	c.parties = value(r, "parties");
	c.summary = value(r, "summary");
	c.facts = value(r, "facts");
	c.outcome = value(r, "outcome");
	c.evidence_issues = value(r, "evidence_issues");
	c.keywords = value(r, "keywords");
	c.work_uri = old ? old->work_uri : NULL;
	if (!c.rec.country)
		return case_form_page(r, out, id, vals, T("Choose the country of the court."));
	if ((rc = parse_applied(r, value(r, "applied"), &c.applied, &c.napplied, &e)) ||
	    (rc = caselaw_save(r->store, r->actor, &c, &id, &e))) {
		if (rc == ERR_INVALID)
			return case_form_page(r, out, id, vals, e.msg);
		return http_fail(r, out, &e);
	}
	return web_redirect(r, out, pool_printf(r->pool, "/cases/%lld", id));
}

/* Lessons learned */

int web_lessons(struct req *r, struct resp *out)
{
	struct record_query q = { .kind = REC_LESSON, .status = -1, .limit = LIST_MAX };
	struct lesson *ls;
	size_t n, shown = 0;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (country_filter(r, out, &q.country))
		return out->status;
	if (lesson_list(r->store, r->pool, &q, &ls, &n, &e))
		return http_fail(r, out, &e);
	out->content_type = HTML;
	layout_begin(r, b, T("Lessons learned"), "lessons");
	html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", T("Lessons learned and good practices"),
		 T("What national authorities and practitioners learned, for others to use."));
	filter_form(r, b, "/lessons", q.country);
	new_link(r, b, "/lessons/new", "Add a lesson");
	for (size_t i = 0; i < n; i++) {
		if (!shown++)
			html_fmt(b, "<table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
				 "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				 "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", T("Title"),
				 T("Topic"), T("Country or region"), T("Date"), T("Status"));
		html_fmt(b, "<tr><td><a href=\"");
		layout_href(r, b, pool_printf(r->pool, "/lessons/%lld", ls[i].rec.id));
		html_fmt(b, "\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			 ls[i].rec.title, ls[i].topic, ls[i].rec.country ?
			 web_country_name(r, ls[i].rec.country) : ls[i].rec.region, ls[i].date,
			 T(record_status_name(ls[i].rec.status)));
	}
	if (shown)
		html_fmt(b, "</tbody>\n</table>\n");
	else
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No lessons match."));
	html_fmt(b, "<p><a href=\"/api/v1/lessons%S%u\">JSON</a></p>\n",
		 q.country ? "?country=" : "", q.country ? q.country : "");
	layout_end(r, b);
	return 200;
}

int web_lesson(struct req *r, struct resp *out)
{
	long long id = num_id(r->params[0]);
	struct lesson *l;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (!id)
		return http_error(r, out, 404, "There is no such lesson.");
	if (lesson_get(r->store, r->pool, id, &l, &e) ||
	    record_read(r->store, r->actor, &l->rec, &e))
		return http_fail(r, out, &e);
	out->content_type = HTML;
	layout_begin(r, b, l->rec.title, "lessons");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"");
	layout_href(r, b, "/lessons");
	html_fmt(b, "\">%s</a></p>\n<h1>%s</h1>\n<dl class=\"facts\">\n", T("Lessons learned"),
		 l->rec.title);
	if (l->topic)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Topic"), l->topic);
	if (l->date)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Date"), l->date);
	web_record_facts(r, b, &l->rec);
	html_fmt(b, "</dl>\n");
	edit_link(r, b, &l->rec, pool_printf(r->pool, "/lessons/%lld/edit", id));
	/* cmark in safe mode: raw HTML and javascript: links are dropped */
	html_fmt(b, "<div class=\"md\" lang=\"%s\">\n%S</div>\n", l->rec.language,
		 lesson_html(r->pool, l->body));
	html_fmt(b, "<p><a href=\"/api/v1/lessons/%S\">JSON</a></p>\n",
		 pool_printf(r->pool, "%lld", id));
	web_record_workflow(r, b, &l->rec);
	layout_end(r, b);
	return 200;
}

static int lesson_form_page(struct req *r, struct resp *out, long long id, const char **vals,
			    const char *error)
{
	struct sbuf *b = &out->body;
	const char *title = id ? T("Edit the lesson") : T("Add a lesson");

	out->content_type = HTML;
	out->cache_control = "no-store";
	layout_begin(r, b, title, "lessons");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"");
	layout_href(r, b, "/lessons");
	html_fmt(b, "\">%s</a></p>\n<h1>%s</h1>\n", T("Lessons learned"), title);
	render_form(r, b, id ? pool_printf(r->pool, "/lessons/%lld/edit", id) : "/lessons/new",
		    lesson_fields, NLESSON, vals, error, T("Save"));
	layout_end(r, b);
	return error ? 400 : 200;
}

int web_lesson_form(struct req *r, struct resp *out)
{
	const char *vals[NLESSON];
	struct lesson *old = NULL, l;
	struct err e = { 0 };
	long long id = 0;
	int rc;

	out->cache_control = "no-store";
	if (r->nparams) {
		if (!(id = num_id(r->params[0])))
			return http_error(r, out, 404, "There is no such lesson.");
		if (lesson_get(r->store, r->pool, id, &old, &e) ||
		    record_allow(r->actor, ACT_EDIT, &old->rec, &e))
			return http_fail(r, out, &e);
	} else if (record_allow(r->actor, ACT_CREATE, NULL, &e)) {
		return http_fail(r, out, &e);
	}
	if (r->method & (HTTP_GET | HTTP_HEAD)) {
		memset(vals, 0, sizeof(vals));
		if (old) {
			vals[0] = old->rec.title, vals[1] = old->rec.country;
			vals[2] = old->rec.region, vals[3] = old->topic, vals[4] = old->date;
			vals[5] = old->body, vals[6] = old->rec.language;
			vals[7] = old->rec.source_url, vals[8] = old->rec.tlp;
		} else {
			vals[6] = "en";
			vals[1] = nz(req_arg(r, "country"));
		}
		return lesson_form_page(r, out, id, vals, NULL);
	}
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	form_values(r, lesson_fields, NLESSON, vals);
	memset(&l, 0, sizeof(l));
	l.rec.id = id;
	l.rec.title = value(r, "title");
	l.rec.country = value(r, "country");
	l.rec.region = value(r, "region");
	l.rec.language = value(r, "language");
	l.rec.source_url = value(r, "source_url");
	l.rec.tlp = value(r, "tlp");
	l.topic = value(r, "topic");
	l.date = value(r, "date");
	l.body = value(r, "body");
	if ((rc = lesson_save(r->store, r->actor, &l, &id, &e))) {
		if (rc == ERR_INVALID)
			return lesson_form_page(r, out, id, vals, e.msg);
		return http_fail(r, out, &e);
	}
	return web_redirect(r, out, pool_printf(r->pool, "/lessons/%lld", id));
}
