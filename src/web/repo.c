/* Repository pages: browsing legislation (/laws), importing it (/laws/import), and
 * what every record's page shares: its facts, the review workflow and revisions. */
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "domain/country.h"
#include "domain/importer.h"
#include "domain/legislation.h"
#include "domain/limits.h"
#include "domain/record.h"
#include "domain/review.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define HTML "text/html; charset=utf-8"
#define T(s) layout_t(r, (s))

static int url_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("-._~/@:", c));
}

const char *web_path_enc(const struct req *r, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = pool_alloc(r->pool, strlen(path) * 3 + 1), *o = out;

	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		if (url_safe(*s)) {
			*o++ = (char)*s;
		} else {
			*o++ = '%';
			*o++ = hex[*s >> 4];
			*o++ = hex[*s & 15];
		}
	}
	*o = '\0';
	return out;
}

int web_redirect(struct req *r, struct resp *out, const char *path)
{
	const char *hash = strchr(path, '#');
	int n = (int)(hash ? (size_t)(hash - path) : strlen(path));

	out->location = path;
	if (r->lang_explicit)
		out->location = pool_printf(r->pool, "%.*s%slang=%s%s", n, path,
					    memchr(path, '?', (size_t)n) ? "&" : "?",
					    lang_code(r->lang), hash ? hash : "");
	out->content_type = "text/plain; charset=utf-8";
	out->cache_control = "no-store";
	/* a short body: the answer stays uncompressed, with its Location */
	sbuf_reset(&out->body);
	sbuf_adds(&out->body, "See Other\n");
	out->status = 303;
	return 303;
}

const char *web_record_path(struct req *r, const struct record *rec)
{
	struct work *w;

	switch (rec->kind) {
	case REC_LEGISLATION:
		if (!legislation_get_id(r->store, r->pool, rec->id, &w, NULL))
			return web_path_enc(r, w->uri);
		return "/laws";
	case REC_CASE:
		return pool_printf(r->pool, "/cases/%lld", rec->id);
	default:
		return pool_printf(r->pool, "/lessons/%lld", rec->id);
	}
}

/* What a request reads once: the countries (a page names dozens: facets, hits). */
struct web_memo {
	struct country *countries;
	size_t ncountries;
	int have_countries;
};

static struct web_memo *memo(struct req *r)
{
	if (!r->memo)
		r->memo = pool_calloc(r->pool, 1, sizeof(*r->memo));
	return r->memo;
}

/* The request's country list (read once), or NULL with *n 0. */
static const struct country *countries(struct req *r, size_t *n)
{
	struct web_memo *m = memo(r);

	if (!m->have_countries)
		m->have_countries = 1 + !country_list(r->store, r->pool, &m->countries,
						      &m->ncountries, NULL);
	*n = m->have_countries == 2 ? m->ncountries : 0;
	return *n ? m->countries : NULL;
}

const char *web_country_name(struct req *r, const char *cc)
{
	size_t n;
	const struct country *all = countries(r, &n);
	struct country *c;

	if (!cc)
		return cc;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(all[i].alpha2, cc))
			return country_name(&all[i], r->lang);
	if (!country_get(r->store, r->pool, cc, &c, NULL))	/* another form of code */
		return country_name(c, r->lang);
	return cc;
}
void web_country_select(struct req *r, struct sbuf *b, const char *name, const char *selected,
			const char *empty_label)
{
	size_t n;
	const struct country *all = countries(r, &n);
	struct country *cs = pool_alloc(r->pool, (n + 1) * sizeof(*cs));

	if (n)
		memcpy(cs, all, n * sizeof(*cs));	/* the request's list stays as read */
	country_sort(cs, n, r->lang);
	html_fmt(b, "<select id=\"f-%s\" name=\"%s\">\n<option value=\"\">%s</option>\n", name,
		 name, empty_label);
	for (size_t i = 0; i < n; i++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", cs[i].alpha2,
			 selected && !strcmp(selected, cs[i].alpha2) ? " selected" : "",
			 country_name(&cs[i], r->lang));
	html_fmt(b, "</select>\n");
}

void web_record_facts(struct req *r, struct sbuf *b, const struct record *rec)
{
	if (rec->country)
		html_fmt(b, "<dt>%s</dt><dd><a href=\"/countries/%u%S\">%s</a></dd>\n",
			 T("Country"), rec->country, layout_q(r), web_country_name(r, rec->country));
	if (rec->region) {	/* by its name, as the country pages show it */
		struct region *g;

		html_fmt(b, "<dt>%s</dt><dd><a href=\"/regions/%u%S\">%s</a></dd>\n", T("Region"),
			 rec->region, layout_q(r), region_get(r->store, r->pool, rec->region, &g,
			 NULL) ? rec->region : region_name(g, r->lang));
	}
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd><span class=\"tag\">%s</span></dd>\n"
		 "<dt>TLP</dt><dd><span class=\"tag\">TLP:%s</span></dd>\n"
		 "<dt>%s</dt><dd>%d</dd>\n",
		 T("Language"), rec->language, T("Status"), T(record_status_name(rec->status)),
		 rec->tlp, T("Revision"), rec->revision);
	if (rec->source_url && *rec->source_url)
		html_fmt(b, "<dt>%s</dt><dd><a href=\"%s\" rel=\"external noopener noreferrer\">"
			 "%s</a></dd>\n", T("Source"), rec->source_url, rec->source_url);
	html_fmt(b, "<dt>%s</dt><dd>%s · %s</dd>\n<dt>%s</dt><dd>%s · %s</dd>\n", T("Created"),
		 layout_datetime(r, rec->created_at), rec->created_by, T("Changed"),
		 layout_datetime(r, rec->changed_at),
		 rec->changed_by);
}

/* The buttons of the workflow, in the order a record goes through it. */
static const struct {
	enum record_status to;
	enum record_action action;
	const char *label;
} moves[] = {
	{ ST_SUBMITTED, ACT_SUBMIT, "Submit for review" },
	{ ST_PUBLISHED, ACT_PUBLISH, "Publish" },
	{ ST_DRAFT, ACT_EDIT, "Return to draft" },
	{ ST_WITHDRAWN, ACT_WITHDRAW, "Withdraw" },
};

/* The workflow buttons for rec that the actor may use (nothing when none); back is
 * "review" to come back to the review queue. */
static void workflow_form(struct req *r, struct sbuf *b, const struct record *rec,
			  const char *back)
{
	int k = 0;

	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		if (record_transition_valid(rec->status, moves[i].to, NULL) ||
		    record_allow(r->actor, moves[i].action, rec, NULL))
			continue;
		if (!k++) {
			const char *action = pool_printf(r->pool, "/records/%lld/status", rec->id);

			html_fmt(b, "<form method=\"post\" class=\"inline\" action=\"");
			layout_href(r, b, action);
			html_fmt(b, "\">\n");
			if (back)
				html_fmt(b, "<input type=\"hidden\" name=\"back\" value=\"%s\">\n", back);
			html_fmt(b, "<label>%s <input name=\"note\" maxlength=\"%d\"></label>\n",
				 T("Note"), LIMIT_NOTE);
		}
		html_fmt(b, "<button name=\"to\" value=\"%s\">%s</button>\n",
			 record_status_name(moves[i].to), T(moves[i].label));
	}
	if (k) {
		layout_csrf(r, b);
		html_fmt(b, "</form>\n");
	}
}

/* The publish / reject form for what waits on rec (version: one law version, or
 * NULL), for those who may publish. */
static void decision_form(struct req *r, struct sbuf *b, const struct record *rec,
			  const char *version)
{
	if (record_allow(r->actor, ACT_PUBLISH, rec, NULL))
		return;
	html_fmt(b, "<form method=\"post\" class=\"inline\" action=\"");
	layout_href(r, b, pool_printf(r->pool, "/records/%lld/change", rec->id));
	html_fmt(b, "\">\n");
	if (version)
		html_fmt(b, "<input type=\"hidden\" name=\"version\" value=\"%s\">\n", version);
	html_fmt(b, "<label>%s <input name=\"note\" maxlength=\"%d\"></label>\n"
		 "<button name=\"decision\" value=\"publish\">%s</button>\n"
		 "<button name=\"decision\" value=\"reject\">%s</button>\n", T("Note"), LIMIT_NOTE,
		 T("Publish the change"), T("Reject the change"));
	layout_csrf(r, b);
	html_fmt(b, "</form>\n");
}

/* What waits for review on a published record, for the curators and the proposer:
 * the proposed change field by field, and the pending versions of a law. */
static void pending_section(struct req *r, struct sbuf *b, const struct record *rec)
{
	struct record_change *c;
	struct review_field *f;
	struct expression *xs;
	size_t n = 0, nx = 0, waiting = 0;

	if (!rec->pending)
		return;
	if (rec->kind == REC_LEGISLATION &&
	    legislation_expressions(r->store, r->pool, rec->id, &xs, &nx, NULL))
		nx = 0;
	if (review_change_get(r->store, r->pool, rec->id, &c, NULL))
		c = NULL;
	else if (review_change_diff(r->store, r->pool, rec, c, &f, &n, NULL))
		n = 0;
	for (size_t i = 0; i < nx; i++)
		waiting += xs[i].pending;
	if (!c && !waiting)
		return;
	html_fmt(b, "<section class=\"pending\" aria-labelledby=\"ccrepo-pending\">\n<h3 "
		 "id=\"ccrepo-pending\">%s</h3>\n<p class=\"muted\">%s</p>\n",
		 T("Waiting for review"), T("The public reads this record as published until a "
					   "curator publishes the change."));
	if (c) {
		html_fmt(b, "<p>%s %s · %s</p>\n", T("Change proposed"),
			 layout_datetime(r, c->proposed_at),
			 c->proposed_by);
		if (n) {
			web_table_begin(r, b, (const char *const[]){ "Field", "Published",
					"Proposed", NULL });
			for (size_t i = 0; i < n; i++)
				html_fmt(b, "<tr><td><code>%s</code></td><td>%s</td><td>%s</td>"
					 "</tr>\n", f[i].key, f[i].published ? f[i].published : "",
					 f[i].proposed ? f[i].proposed : "");
			html_fmt(b, "</tbody>\n</table>\n");
		}
		decision_form(r, b, rec, NULL);
	}
	for (size_t i = 0; i < nx; i++) {
		const char *v;

		if (!xs[i].pending)
			continue;
		v = pool_printf(r->pool, "%s@%s", xs[i].language, xs[i].date);
		html_fmt(b, "<p>%s <code>%s</code> · %d %s</p>\n", T("New version"), v,
			 xs[i].provision_count, T("provisions"));
		decision_form(r, b, rec, v);
	}
	html_fmt(b, "</section>\n");
}

void web_record_workflow(struct req *r, struct sbuf *b, const struct record *rec)
{
	struct revision *rv;
	size_t n = 0;

	/* the review history (who changed it, their notes) is for those who may act on
	 * the record; the public and readers see the record as published */
	if (record_allow(r->actor, ACT_EDIT, rec, NULL) &&
	    record_allow(r->actor, ACT_PUBLISH, rec, NULL))
		return;

	html_fmt(b, "<section class=\"workflow\" aria-labelledby=\"ccrepo-review\">\n"
		 "<h2 id=\"ccrepo-review\">%s</h2>\n<p>%s: <span class=\"tag\">%s</span> · %s %d</p>\n",
		 T("Review"), T("Status"), T(record_status_name(rec->status)), T("Revision"),
		 rec->revision);
	workflow_form(r, b, rec, NULL);
	pending_section(r, b, rec);
	if (record_revisions(r->store, r->pool, r->actor, rec->id, &rv, &n, NULL))
		n = 0;
	html_fmt(b, "<h3>%s</h3>\n", T("Earlier revisions"));
	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("None yet."));
	} else {
		web_table_begin(r, b, (const char *const[]){ "Revision", "Status", "Changed",
				"By", "Note", NULL });
		for (size_t i = 0; i < n; i++)
			html_fmt(b, "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
				 "</tr>\n", rv[i].revision, T(record_status_name(rv[i].status)),
				 layout_datetime(r, rv[i].changed_at), rv[i].changed_by, rv[i].note);
		html_fmt(b, "</tbody>\n</table>\n");
	}
	html_fmt(b, "</section>\n");
	web_record_sharing(r, b, rec);
}

/* The review queue: records waiting for a curator. */
int web_review(struct req *r, struct resp *out)
{
	struct record *rs;
	size_t n, shown = 0;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (record_queue(r->store, r->pool, r->actor, &rs, &n, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, T("Review queue"), NULL, NULL);
	web_heading(b, T("Review queue"),
		    T("Records submitted for review, oldest first. Publish them, or return them "
		      "to their authors as drafts."));
	for (size_t i = 0; i < n; i++) {
		if (!shown++)
			web_table_begin(r, b, (const char *const[]){ "Title", "Type", "Country",
					"Submitted", "Decision", NULL });
		html_fmt(b, "<tr><td><a href=\"");
		layout_href(r, b, web_record_path(r, &rs[i]));
		html_fmt(b, "\">%s</a></td><td>%s</td><td>%s</td><td>%s · %s</td><td>", rs[i].title,
			 T(record_kind_name(rs[i].kind)),
			 rs[i].country ? web_country_name(r, rs[i].country) : rs[i].region,
			 layout_datetime(r, rs[i].changed_at), rs[i].changed_by);
		workflow_form(r, b, &rs[i], "review");
		html_fmt(b, "</td></tr>\n");
	}
	if (shown)
		html_fmt(b, "</tbody>\n</table>\n");
	else
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("Nothing is waiting for review."));
	html_fmt(b, "<p><a href=\"/api/v1/review\">JSON</a></p>\n");
	if (web_review_disputes(r, b, &e))
		return http_fail(r, out, &e);
	layout_end(r, b);
	return 200;
}

int web_record_post(struct req *r, struct resp *out, web_record_act *act)
{
	struct err e = { 0 };
	struct record *rec;
	long long id = num_id(r->params[0]);
	const char *back;

	if (!id)
		return http_error(r, out, 404, "There is no such record.");
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	back = req_form(r, "back");
	if (act(r, out, id, &e))
		return e.code ? http_fail(r, out, &e) : out->status;
	if (record_get(r->store, r->pool, id, &rec, &e))
		return http_fail(r, out, &e);
	if (back && !strcmp(back, "review"))
		return web_redirect(r, out, "/review");
	return web_redirect(r, out, web_record_path(r, rec));
}

/* to, note */
static int set_status(struct req *r, struct resp *out, long long id, struct err *e)
{
	const char *note = req_form(r, "note");
	int st = record_status_parse(req_form(r, "to"));

	if (st < 0)
		return http_error(r, out, 400, "Choose the new status: draft, submitted, "
				  "published or withdrawn.");
	return record_set_status(r->store, r->actor, id, (enum record_status)st,
				 note && *note ? note : NULL, e);
}

/* POST /records/:id/status: to, note, back. */
int web_record_status(struct req *r, struct resp *out)
{
	return web_record_post(r, out, set_status);
}

/* decision (publish, reject), version, note */
static int decide(struct req *r, struct resp *out, long long id, struct err *e)
{
	const char *version = req_form(r, "version"), *note = req_form(r, "note");
	int d = review_decision_parse(req_form(r, "decision"));

	if (d < 0)
		return http_error(r, out, 400, "Choose publish or reject.");
	if (version && (!*version || strlen(version) > LIMIT_VERSION))
		version = NULL;
	return review_decide(r->store, r->actor, id, version, (enum review_decision)d,
			     note && *note ? note : NULL, e);
}

/* POST /records/:id/change: decision (publish, reject), version, note, back. */
int web_record_change(struct req *r, struct resp *out)
{
	return web_record_post(r, out, decide);
}

/* An optional filter argument: NULL when absent or empty. */
static const char *arg(const struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v && *v ? v : NULL;
}

static void hidden_lang(const struct req *r, struct sbuf *b)
{
	if (r->lang_explicit)
		html_fmt(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">\n",
			 lang_code(r->lang));
}

int web_laws(struct req *r, struct resp *out)
{
	const char *country = arg(r, "country"), *type = arg(r, "type");
	const char *status = arg(r, "status"), *offset = arg(r, "offset");
	/* laws only: a judgment (a work whose record is a case) is under Cases */
	struct record_query q = { .kind = REC_LEGISLATION, .status = -1,
				  .limit = LIMIT_LIST_PAGE + 1 };
	struct country *c;
	struct work *ws;
	size_t n, shown = 0;
	struct err e = { 0 };
	struct sbuf *b = &out->body, link = SBUF_INIT;
	if (country) {
		if (country_get(r->store, r->pool, country, &c, &e))
			return http_fail(r, out, &e);
		q.country = c->alpha2;
	}
	if (type && !legislation_type_valid(type))
		return http_error(r, out, 400, "The type is a lowercase word such as act, code, "
				  "decree or regulation.");
	q.type = type;
	if (status && (q.status = record_status_parse(status)) < 0)
		return http_error(r, out, 400, "The status is draft, submitted, published or "
				  "withdrawn.");
	if (offset && num_int(offset, 0, LIMIT_OFFSET_MAX, &q.offset))
		return http_error(r, out, 400, "The offset is a number of rows to skip.");
	if (legislation_list(r->store, r->pool, r->actor, &q, &ws, &n, &e))
		return http_fail(r, out, &e);
	web_feed_link(r, "kind=law-adopted,law-amended", T("Developments (Atom feed)"));
	web_page_begin(r, out, T("Laws"), "laws", NULL);
	web_heading(b, T("National legislation"),
		    T("Cybercrime laws by country and type, with their versions and the "
		      "instrument articles each provision implements."));
	html_fmt(b, "<form method=\"get\" action=\"/laws\" class=\"filters\">\n"
		 "<div><label for=\"f-country\">%s</label>\n", T("Country"));
	web_country_select(r, b, "country", q.country, T("All countries"));
	html_fmt(b, "</div>\n<div><label for=\"f-type\">%s</label>\n<input id=\"f-type\" "
		 "name=\"type\" value=\"%s\" size=\"12\" placeholder=\"act\"></div>\n"
		 "<div><label for=\"f-status\">%s</label>\n<select id=\"f-status\" name=\"status\">"
		 "<option value=\"\">%s</option>\n", T("Type"), type, T("Status"), T("Any"));
	for (int s = 0; s < ST_COUNT; s++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", record_status_name(s),
			 q.status == s ? " selected" : "", T(record_status_name(s)));
	html_fmt(b, "</select></div>\n");
	hidden_lang(r, b);
	html_fmt(b, "<div><button>%s</button></div>\n</form>\n", T("Show"));
	for (size_t i = 0; i < n && i < LIMIT_LIST_PAGE; i++) {
		if (!shown++)
			web_table_begin(r, b, (const char *const[]){ "Title", "Country", "Type",
					"Date", "Status", NULL });
		html_fmt(b, "<tr><td><a href=\"");
		layout_href(r, b, web_path_enc(r, ws[i].uri));
		html_fmt(b, "\">%s</a><br><code class=\"muted\">%s</code></td><td>%s</td><td>%s</td>"
			 "<td>%s</td><td>%s</td></tr>\n", ws[i].rec.title, ws[i].uri,
			 web_country_name(r, ws[i].rec.country), ws[i].type, ws[i].date,
			 T(record_status_name(ws[i].rec.status)));
	}
	if (shown)
		html_fmt(b, "</tbody>\n</table>\n");
	else
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("No laws match."));
	/* the same filters, for the next page and the JSON */
	if (q.country)
		html_fmt(&link, "&amp;country=%u", q.country);
	if (type)
		html_fmt(&link, "&amp;type=%u", type);
	if (status)
		html_fmt(&link, "&amp;status=%u", status);
	if (r->lang_explicit)
		html_fmt(&link, "&amp;lang=%s", lang_code(r->lang));
	html_fmt(b, "<p>");
	if (q.offset > 0)
		html_fmt(b, "<a href=\"/laws?offset=%d%S\" rel=\"prev\">%s</a> ",
			 q.offset > LIMIT_LIST_PAGE ? q.offset - LIMIT_LIST_PAGE : 0, sbuf_str(&link),
			 T("Previous"));
	if (n > LIMIT_LIST_PAGE)
		html_fmt(b, "<a href=\"/laws?offset=%d%S\" rel=\"next\">%s</a> ",
			 q.offset + LIMIT_LIST_PAGE, sbuf_str(&link), T("Next"));
	html_fmt(b, "<a href=\"/api/v1/works?kind=legislation&amp;offset=%d%S\">JSON</a>", q.offset,
		 sbuf_str(&link));
	if (!record_allow(r->actor, ACT_CREATE, NULL, NULL)) {
		html_fmt(b, " · <a href=\"");
		layout_href(r, b, "/laws/import");
		html_fmt(b, "\">%s</a>", T("Import a law"));
	}
	html_fmt(b, "</p>\n");
	sbuf_release(&link);
	layout_end(r, b);
	return 200;
}

/* The import form's fields, besides the text itself. */
static const struct {
	const char *name, *label, *hint;
} import_fields[] = {
	{ "uri", "Work URI", "/akn/ke/act/2018/5" },
	{ "title", "Title", NULL },
	{ "country", "Country", "KE" },
	{ "type", "Type", "act" },
	{ "number", "Number", "5" },
	{ "date", "Date", "2018-05-16" },
	{ "language", "Language of the version", "eng" },
	{ "version_date", "Date of the version", "2018-05-30" },
	{ "source", "Source", "https://" },
};

static const char *form_or(const struct req *r, const char *name, const char *dflt)
{
	const char *v = req_form(r, name);

	return v ? v : dflt;
}

static void import_form(struct req *r, struct sbuf *b, const char *error)
{
	const char *fmt = form_or(r, "format", "auto"), *status = form_or(r, "status", "draft");
	static const char *const formats[][2] = {
		{ "auto", "Recognise it" }, { "akn", "Akoma Ntoso XML" },
		{ "clml", "legislation.gov.uk XML (CLML)" }, { "pdf", "PDF" },
		{ "text", "Plain text or Markdown" },
	};

	web_heading(b, T("Import a law"),
		    T("Paste an Akoma Ntoso 3.0 or 2.0 document, or the text of a law (plain text "
		      "or Markdown: parts, chapters, sections and articles are recognised). For "
		      "text, give at least the work URI, the title and the date."));
	web_message(b, error, 1);
	html_fmt(b, "<form method=\"post\" class=\"record\" enctype=\"multipart/form-data\" "
		 "data-progress action=\"");
	layout_href(r, b, "/laws/import");
	html_fmt(b, "\">\n<div><label for=\"f-content\">%s</label>\n<textarea id=\"f-content\" "
		 "name=\"content\" rows=\"16\">\n%s</textarea></div>\n",
		 T("Document"), form_or(r, "content", ""));
	html_fmt(b, "<div><label for=\"f-file\">%s</label>\n<input type=\"file\" "
		 "id=\"f-file\" name=\"file\" accept=\".pdf,.xml,.akn,.txt,.md,.json,"
		 "application/pdf,application/xml,text/plain,text/markdown\"></div>\n"
		 "<div><label for=\"f-format\">%s</label>\n<select id=\"f-format\" name=\"format\">\n",
		 T("Or a file (PDF, XML or text)"), T("Format"));
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", formats[i][0],
			 !strcmp(fmt, formats[i][0]) ? " selected" : "", T(formats[i][1]));
	html_fmt(b, "</select></div>\n");
	for (size_t i = 0; i < sizeof(import_fields) / sizeof(import_fields[0]); i++)
		html_fmt(b, "<div><label for=\"f-%s\">%s</label>\n<input id=\"f-%s\" name=\"%s\" "
			 "value=\"%s\" placeholder=\"%s\"></div>\n", import_fields[i].name,
			 T(import_fields[i].label), import_fields[i].name, import_fields[i].name,
			 form_or(r, import_fields[i].name, ""), import_fields[i].hint);
	html_fmt(b, "<div><label for=\"f-status\">%s</label>\n<select id=\"f-status\" "
		 "name=\"status\">\n", T("Status of a new record"));
	for (int s = ST_DRAFT; s <= ST_PUBLISHED; s++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", record_status_name(s),
			 !strcmp(status, record_status_name(s)) ? " selected" : "",
			 T(record_status_name(s)));
	html_fmt(b, "</select></div>\n<div><label for=\"f-tlp\">%s</label>\n<select id=\"f-tlp\" "
		 "name=\"tlp\">\n", T("Sharing label of a new record"));
	for (int i = 0; record_tlp_name(i); i++)
		html_fmt(b, "<option%S>%s</option>\n", !strcmp(form_or(r, "tlp", "CLEAR"),
				 record_tlp_name(i)) ? " selected" : "", record_tlp_name(i));
	html_fmt(b, "</select></div>\n");
	/* shown by static/upload.js while a file is sent; the form works without it */
	html_fmt(b, "<p class=\"progress\" role=\"status\" hidden><label>%s "
		 "<progress max=\"1\" value=\"0\"></progress></label></p>\n",
		 T("Sending the file…"));
	web_form_end(r, b, T("Import"));
	html_fmt(b, "<script src=\"/static/upload.js\" defer></script>\n");
}

int web_laws_import(struct req *r, struct resp *out)
{
	struct sbuf *b = &out->body;
	struct importer_request q = { 0 };
	struct importer_result res;
	struct err e = { 0 };
	const char *path;
	int rc;

	out->content_type = HTML;
	out->cache_control = "no-store";
	if (record_allow(r->actor, ACT_CREATE, NULL, &e))
		return http_fail(r, out, &e);
	if (r->method & (HTTP_GET | HTTP_HEAD)) {
		layout_begin(r, b, T("Import a law"), "laws");
		import_form(r, b, NULL);
		layout_end(r, b);
		return 200;
	}
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	/* an uploaded file (its bytes and length: a PDF holds NUL bytes), else the text */
	q.content = req_form_bytes(r, "file", &q.len, &q.origin);
	if (!q.content || !q.len) {
		q.content = form_or(r, "content", "");
		q.len = strlen(q.content);
		q.origin = NULL;
	}
	if (!q.origin || !*q.origin)
		q.origin = "document";
	q.format = req_form(r, "format");
	q.uri = req_form(r, "uri");
	q.title = req_form(r, "title");
	q.country = req_form(r, "country");
	q.type = req_form(r, "type");
	q.number = req_form(r, "number");
	q.date = req_form(r, "date");
	q.language = req_form(r, "language");
	q.version_date = req_form(r, "version_date");
	q.source = req_form(r, "source");
	q.status = req_form(r, "status");
	q.tlp = req_form(r, "tlp");
	q.no_suggest = req_form(r, "no_suggest") != NULL;
	rc = importer_run(r->store, r->pool, r->actor, &q, &res, &e);
	if (rc == ERR_FORBIDDEN || http_status_of(rc) >= 500)
		return http_fail(r, out, &e);
	if (rc) {
		layout_begin(r, b, T("Import a law"), "laws");
		import_form(r, b, web_msg(r, e.msg));
		layout_end(r, b);
		return 400;
	}
	layout_begin(r, b, T("Imported"), "laws");
	html_fmt(b, "<h1>%s</h1>\n<p role=\"status\">%s</p>\n<dl class=\"facts\">\n",
		 T("Imported"), T("The document was stored in one transaction."));
	if (res.bundle) {
		html_fmt(b, "<dt>%s</dt><dd>%z</dd>\n<dt>%s</dt><dd>%z</dd>\n"
			 "<dt>%s</dt><dd>%z</dd>\n<dt>%s</dt><dd>%z</dd>\n</dl>\n",
			 T("Legislation"), res.counts.legislation, T("Case law"), res.counts.cases,
			 T("Lessons learned"), res.counts.lessons, T("Provisions"),
			 res.counts.provisions);
	} else {
		path = web_path_enc(r, pool_printf(r->pool, "%s/%s@%s", res.uri, res.language,
						   res.date));
		html_fmt(b, "<dt>%s</dt><dd><a href=\"", T("Title"));
		layout_href(r, b, path);
		html_fmt(b, "\">%s</a></dd>\n<dt>%s</dt><dd><code>%s/%s@%s</code></dd>\n"
			 "<dt>%s</dt><dd>%z</dd>\n</dl>\n", res.title, T("Version"), res.uri,
			 res.language, res.date, T("Provisions"), res.nprovisions);
		if (res.pending)
			html_fmt(b, "<p class=\"note\" role=\"status\">%s</p>\n",
				 T("This new version waits for a curator's review: the law stays "
				   "as published until then."));
	}
	if (res.nwarnings) {
		html_fmt(b, "<h2>%s (%z)</h2>\n<ul>\n", T("Warnings"), res.nwarnings);
		for (size_t i = 0; i < res.nwarnings && i < LIMIT_WARNINGS_SHOWN; i++)
			html_fmt(b, "<li>%s</li>\n", layout_msg(r, res.warnings[i], NULL, 0));
		html_fmt(b, "</ul>\n");
	}
	html_fmt(b, "<p><a href=\"");
	layout_href(r, b, "/laws/import");
	html_fmt(b, "\">%s</a></p>\n", T("Import another"));
	layout_end(r, b);
	return 200;
}
