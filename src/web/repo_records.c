/* Records of the kinds described by data (domain/kind.h: case law, lessons learned):
 * lists, record pages, and the forms that create and edit them (GET shows the form,
 * POST validates: errors show it again with the message and what was typed, success
 * answers 303 to the record's page). Everything of a kind comes from its table. */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "domain/caselaw.h"
#include "domain/country.h"
#include "domain/kind.h"
#include "domain/legislation.h"
#include "domain/lesson.h"
#include "domain/limits.h"
#include "domain/record.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define T(s) layout_t(r, (s))
#define FORM_MAX 64	/* fields of one form */

enum ftype { F_TEXT, F_AREA, F_BIG, F_DATE, F_URL, F_COUNTRY, F_TLP };

/* A field of a form: the kind's own, or one every record has. */
struct field {
	const char *name, *label;
	enum ftype type;
	int required;
	const char *hint;	/* shown under the label; NULL for none */
	const struct kind_field *kf;	/* the kind's field; NULL: a common one */
};

void web_tlp_select(struct sbuf *b, const char *name, const char *value)
{
	const char *v = value ? value : "", *t;

	html_fmt(b, "<select id=\"f-%s\" name=\"%s\">", name, name);
	for (int k = 0; (t = record_tlp_name(k)); k++)
		html_fmt(b, "<option value=\"%s\"%S>TLP:%s</option>", t,
			 !strcmp(v, t) || (!*v && !k) ? " selected" : "", t);
	html_fmt(b, "</select>");
}

/* The form of kind k, in its order: title, place, the kind's fields, language,
 * source, label. */
static size_t form_fields(const struct kind *k, struct field *f)
{
	static const enum ftype of_type[] = {
		[KT_TEXT] = F_TEXT, [KT_LONG] = F_AREA, [KT_MARKDOWN] = F_BIG,
		[KT_DATE] = F_DATE, [KT_KEYWORDS] = F_TEXT, [KT_LINKS] = F_AREA,
		[KT_WORK] = F_TEXT,
	};
	size_t n = 0;

	f[n++] = (struct field){ "title", k->title_label, F_TEXT, 1, NULL, NULL };
	f[n++] = (struct field){ "country", "Country", F_COUNTRY, !k->regional, k->country_hint,
				 NULL };
	if (k->regional)
		f[n++] = (struct field){ "region", "Region", F_TEXT, 0,
					 "A UN M49 code, such as 014.", NULL };
	for (size_t i = 0; i < k->nfields && n < FORM_MAX - 3; i++) {
		const struct kind_field *kf = &k->fields[i];

		if (!(kf->flags & KF_NOFORM))
			f[n++] = (struct field){ kf->key, kf->label, of_type[kf->type],
						 !!(kf->flags & KF_REQUIRED), kf->hint, kf };
	}
	f[n++] = (struct field){ "language", "Language", F_TEXT, 1,
				 "A language code, such as en or fr.", NULL };
	f[n++] = (struct field){ "source_url", "Source", F_URL, 0, NULL, NULL };
	f[n++] = (struct field){ "tlp", "TLP label", F_TLP, 0, NULL, NULL };
	return n;
}

/* A message of the domain about the form's fields in r's language, each field's key
 * shown as its label ("court is required" -> "Court is required"). */
static const char *field_msg(struct req *r, const struct field *f, size_t nf, const char *msg)
{
	struct i18n_name *names = pool_calloc(r->pool, nf + 1, sizeof(*names));

	for (size_t i = 0; i < nf; i++)
		names[i] = (struct i18n_name){ f[i].name, f[i].label };
	return layout_msg(r, msg, names, nf);
}

static void render_form(struct req *r, struct sbuf *b, const char *action,
			const struct field *f, size_t nf, const char *const *vals,
			const char *error, const char *submit)
{
	web_message(b, error, 1);
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
			web_tlp_select(b, f[i].name, v);
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
	web_form_end(r, b, submit);
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

static const char *heading(const struct kind_field *f)
{
	return f->heading ? f->heading : f->label;
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

static void link_item(struct req *r, struct sbuf *b, const struct record_link *l)
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

/* "work/~eid" lines (or "work#eid") of field f into links; ERR_INVALID naming a bad
 * line. */
static int parse_links(struct req *r, const struct kind_field *f, const char *text,
		       struct record_link **out, size_t *n, struct err *e)
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
			return err_set(e, ERR_INVALID, "%s: '%.80s' is not the address of a "
				       "provision, such as /akn/ke/act/2018/5/~sec_14", f->key, s);
		*sep = '\0';
		if ((rc = legislation_split_uri(r->pool, s, &uri, &lang, &date, e)))
			return rc;
		(*out)[*n].work_uri = uri;
		(*out)[(*n)++].eid = eid;
	}
	return ERR_OK;
}

/* Where each common field of a record is, by its form name. */
static const char **common(struct record *rec, const char *name)
{
	const struct {
		const char *name;
		size_t off;
	} at[] = {
		{ "title", offsetof(struct record, title) },
		{ "country", offsetof(struct record, country) },
		{ "region", offsetof(struct record, region) },
		{ "language", offsetof(struct record, language) },
		{ "source_url", offsetof(struct record, source_url) },
		{ "tlp", offsetof(struct record, tlp) },
	};

	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		if (!strcmp(at[i].name, name))
			return (const char **)((char *)rec + at[i].off);
	return NULL;
}

/* Links as the form shows them: "work/~eid" lines. */
static const char *links_text(struct req *r, const void *obj, const struct kind_field *f)
{
	struct sbuf sb = SBUF_INIT;
	struct record_link *l;
	size_t n;
	const char *t;

	kind_links(obj, f, &l, &n);
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&sb, "%s/~%s\n", l[i].work_uri, l[i].eid);
	t = pool_strdup(r->pool, sbuf_str(&sb));
	sbuf_release(&sb);
	return t;
}

/* The form's values of record obj. */
static void record_values(struct req *r, void *obj, const struct field *f, size_t nf,
			  const char **v)
{
	for (size_t i = 0; i < nf; i++) {
		const char **c = common(obj, f[i].name);

		v[i] = f[i].kf ? (f[i].kf->type == KT_LINKS ? links_text(r, obj, f[i].kf) :
				  kind_value(obj, f[i].kf)) : c ? *c : NULL;
	}
}

/* The lists */

int web_kind_list(struct req *r, struct resp *out)
{
	const struct kind *k = r->route_data;
	struct record_query q = { .kind = (int)k->id, .status = -1, .limit = LIMIT_KIND_LIST };
	const struct kind_field *sub = NULL;
	void *rs;
	size_t n;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (country_filter(r, out, &q.country))
		return out->status;
	if (kind_list(r->store, r->pool, r->actor, k, &q, &rs, &n, &e))
		return http_fail(r, out, &e);
	web_feed_link(r, k->id == REC_CASE ? "kind=case" : "kind=lesson",
		      T("Developments (Atom feed)"));
	web_page_begin(r, out, T(k->plural), k->path, NULL);
	web_heading(b, T(k->heading), T(k->intro));
	filter_form(r, b, pool_printf(r->pool, "/%s", k->path), q.country);
	new_link(r, b, pool_printf(r->pool, "/%s/new", k->path), k->add);
	if (n) {
		html_fmt(b, "<table>\n<thead><tr><th scope=\"col\">%s</th>", T(k->title_label));
		for (size_t f = 0; f < k->nfields; f++) {
			if (k->fields[f].flags & KF_LIST)
				html_fmt(b, "<th scope=\"col\">%s</th>", T(heading(&k->fields[f])));
			if (k->fields[f].flags & KF_SUBTITLE)
				sub = &k->fields[f];
		}
		html_fmt(b, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n"
			 "<tbody>\n", T(k->regional ? "Country or region" : "Country"),
			 T("Status"));
	}
	for (size_t i = 0; i < n; i++) {
		const struct record *rec = kind_at(k, rs, i);

		html_fmt(b, "<tr><td><a href=\"");
		layout_href(r, b, pool_printf(r->pool, "/%s/%lld", k->path, rec->id));
		html_fmt(b, "\">%s</a>", rec->title);
		if (sub && kind_value(rec, sub))
			html_fmt(b, "<br><span class=\"muted\">%s</span>", kind_value(rec, sub));
		html_fmt(b, "</td>");
		for (size_t f = 0; f < k->nfields; f++)
			if (k->fields[f].flags & KF_LIST)
				html_fmt(b, "<td>%s</td>", kind_value(rec, &k->fields[f]));
		html_fmt(b, "<td>%s</td><td>%s</td></tr>\n", rec->country ?
			 web_country_name(r, rec->country) : rec->region,
			 T(record_status_name(rec->status)));
	}
	if (n)
		html_fmt(b, "</tbody>\n</table>\n");
	else
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T(k->none));
	html_fmt(b, "<p><a href=\"/api/v1/%S%S%u\">JSON</a></p>\n", k->api,
		 q.country ? "?country=" : "", q.country ? q.country : "");
	layout_end(r, b);
	return 200;
}

/* The record's page */

/* A comma-separated list as tags. */
static void tags(struct req *r, struct sbuf *b, const char *list)
{
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		char *t = pool_strndup(r->pool, p, n), *s = t + strspn(t, " ");

		while (*s && s[strlen(s) - 1] == ' ')
			s[strlen(s) - 1] = '\0';
		if (*s)
			html_fmt(b, "<span class=\"tag\">%s</span> ", s);
		p += n + (p[n] == ',');
	}
}

/* Field f of obj in the facts list (short ones) or the page's body (the others). */
static void show_field(struct req *r, struct sbuf *b, const struct record *obj,
		       const struct kind_field *f, int facts)
{
	const char *v = kind_value(obj, f);
	struct record_link *l;
	size_t n;
	int short_one = f->type == KT_TEXT || f->type == KT_DATE || f->type == KT_KEYWORDS;

	if (short_one != facts)
		return;
	switch (f->type) {
	case KT_TEXT:
	case KT_DATE:
		if (v || (f->flags & KF_REQUIRED))
			html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T(heading(f)), v);
		break;
	case KT_KEYWORDS:
		if (v && *v) {
			html_fmt(b, "<dt>%s</dt><dd>", T(heading(f)));
			tags(r, b, v);
			html_fmt(b, "</dd>\n");
		}
		break;
	case KT_LONG:
		section(r, b, heading(f), v);
		break;
	case KT_MARKDOWN:
		/* cmark in safe mode: raw HTML and javascript: links are dropped */
		if (v)
			html_fmt(b, "<div class=\"md\" lang=\"%s\">\n%S</div>\n", obj->language,
				 kind_markdown_html(r->pool, v));
		break;
	case KT_LINKS:
		kind_links(obj, f, &l, &n);
		if (!n)
			break;
		html_fmt(b, "<h2>%s</h2>\n<ul>\n", T(heading(f)));
		for (size_t i = 0; i < n; i++)
			link_item(r, b, &l[i]);
		html_fmt(b, "</ul>\n");
		break;
	case KT_WORK:
		if (!v)
			break;
		html_fmt(b, "<h2>%s</h2>\n<p><a href=\"", T(heading(f)));
		layout_href(r, b, web_path_enc(r, v));
		html_fmt(b, "\">%s</a></p>\n", T(f->hint ? f->hint : v));
		break;
	}
}

int web_kind_page(struct req *r, struct resp *out)
{
	const struct kind *k = r->route_data;
	long long id = num_id(r->params[0]);
	struct record *obj;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (!id)
		return http_error(r, out, 404, k->missing);
	if (kind_read(r->store, r->pool, r->actor, k, id, (void **)&obj, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, obj->title, k->path, NULL);
	html_fmt(b, "<p class=\"crumbs\"><a href=\"");
	layout_href(r, b, pool_printf(r->pool, "/%s", k->path));
	html_fmt(b, "\">%s</a></p>\n<h1>%s</h1>\n<dl class=\"facts\">\n", T(k->plural),
		 obj->title);
	for (size_t f = 0; f < k->nfields; f++)
		show_field(r, b, obj, &k->fields[f], 1);
	web_record_facts(r, b, obj);
	html_fmt(b, "</dl>\n");
	edit_link(r, b, obj, pool_printf(r->pool, "/%s/%lld/edit", k->path, id));
	for (size_t f = 0; f < k->nfields; f++)
		show_field(r, b, obj, &k->fields[f], 0);
	html_fmt(b, "<p><a href=\"/api/v1/%S/%S\">JSON</a></p>\n", k->api,
		 pool_printf(r->pool, "%lld", id));
	web_record_workflow(r, b, obj);
	layout_end(r, b);
	return 200;
}

/* The form */

static int form_page(struct req *r, struct resp *out, const struct kind *k, long long id,
		     const struct field *f, size_t nf, const char **vals, const char *error)
{
	struct sbuf *b = &out->body;
	const char *title = id ? T(k->edit) : T(k->add);

	web_page_begin(r, out, title, k->path, "no-store");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"");
	layout_href(r, b, pool_printf(r->pool, "/%s", k->path));
	html_fmt(b, "\">%s</a></p>\n<h1>%s</h1>\n", T(k->plural), title);
	render_form(r, b, id ? pool_printf(r->pool, "/%s/%lld/edit", k->path, id) :
		    pool_printf(r->pool, "/%s/new", k->path), f, nf, vals, error, T("Save"));
	layout_end(r, b);
	return error ? 400 : 200;
}

int web_kind_form(struct req *r, struct resp *out)
{
	const struct kind *k = r->route_data;
	struct field f[FORM_MAX];
	const char *vals[FORM_MAX] = { 0 };
	size_t nf = form_fields(k, f);
	struct record *old = NULL, *obj;
	struct err e = { 0 };
	long long id = 0;
	int rc;

	out->cache_control = "no-store";
	if (r->nparams) {
		if (!(id = num_id(r->params[0])))
			return http_error(r, out, 404, k->missing);
		if (kind_get(r->store, r->pool, k, id, (void **)&old, &e) ||
		    record_allow(r->actor, ACT_EDIT, old, &e))
			return http_fail(r, out, &e);
	} else if (record_allow(r->actor, ACT_CREATE, NULL, &e)) {
		return http_fail(r, out, &e);
	}
	if (r->method & (HTTP_GET | HTTP_HEAD)) {
		if (old) {
			record_values(r, old, f, nf, vals);
		} else {
			for (size_t i = 0; i < nf; i++)
				vals[i] = !strcmp(f[i].name, "language") ? "en" :
					  !strcmp(f[i].name, "country") ?
					  nz(req_arg(r, "country")) : NULL;
		}
		return form_page(r, out, k, id, f, nf, vals, NULL);
	}
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	/* what the form does not show an edit keeps */
	obj = old ? old : kind_new(r->pool, k);
	obj->id = id;
	for (size_t i = 0; i < nf; i++) {
		const char **c = common(obj, f[i].name);

		vals[i] = req_form(r, f[i].name);
		if (c)
			*c = value(r, f[i].name);
		else if (f[i].kf && f[i].kf->type != KT_LINKS)
			kind_set(obj, f[i].kf, value(r, f[i].name));
	}
	if (!obj->country && !k->regional)
		return form_page(r, out, k, id, f, nf, vals, T(k->no_country));
	for (size_t i = 0; i < nf; i++) {
		struct record_link *l;
		size_t n;

		if (!f[i].kf || f[i].kf->type != KT_LINKS)
			continue;
		if ((rc = parse_links(r, f[i].kf, value(r, f[i].name), &l, &n, &e)))
			return form_page(r, out, k, id, f, nf, vals, field_msg(r, f, nf, e.msg));
		kind_set_links(obj, f[i].kf, l, n);
	}
	if ((rc = kind_save(r->store, r->actor, k, obj, &id, &e))) {
		if (rc == ERR_INVALID)
			return form_page(r, out, k, id, f, nf, vals, field_msg(r, f, nf, e.msg));
		return http_fail(r, out, &e);
	}
	return web_redirect(r, out, pool_printf(r->pool, "/%s/%lld", k->path, id));
}
