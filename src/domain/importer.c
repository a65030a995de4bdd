/* The one import: see importer.h. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/sbuf.h"

#include "domain/country.h"
#include "domain/importer.h"
#include "domain/legislation.h"
#include "import/akn.h"
#include "import/clml.h"
#include "import/doc.h"
#include "import/judgment.h"
#include "import/pdf.h"
#include "import/text.h"

/* Every name and media type of a format. */
static const struct {
	const char *name;
	enum importer_format f;
} format_names[] = {
	{ "auto", IMPORTER_AUTO },
	{ "akn", IMPORTER_AKN },		{ "xml", IMPORTER_XML },
	{ "application/xml", IMPORTER_XML },	{ "text/xml", IMPORTER_XML },
	{ "application/akn+xml", IMPORTER_AKN },
	{ "clml", IMPORTER_CLML },
	{ "pdf", IMPORTER_PDF },		{ "application/pdf", IMPORTER_PDF },
	{ "text", IMPORTER_TEXT },		{ "md", IMPORTER_TEXT },
	{ "markdown", IMPORTER_TEXT },		{ "text/plain", IMPORTER_TEXT },
	{ "text/markdown", IMPORTER_TEXT },
	{ "json", IMPORTER_JSON },		{ "application/json", IMPORTER_JSON },
};

/* The format of an input from its origin's extension, else from its first bytes. */
static const struct {
	const char *ext;
	enum importer_format f;
} format_exts[] = {
	{ ".xml", IMPORTER_XML }, { ".akn", IMPORTER_AKN }, { ".json", IMPORTER_JSON },
	{ ".pdf", IMPORTER_PDF },
};

/* The first bytes (after white space) of each format. */
static const struct {
	const char *head;
	enum importer_format f;
} format_heads[] = {
	{ "%PDF-", IMPORTER_PDF }, { "<", IMPORTER_XML }, { "{", IMPORTER_JSON },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int importer_format_parse(const char *name)
{
	size_t n;

	if (!name)
		return -1;
	n = strcspn(name, "; \t");	/* a media type's parameters do not count */
	for (size_t i = 0; i < COUNT(format_names); i++)
		if (strlen(format_names[i].name) == n &&
		    !strncasecmp(name, format_names[i].name, n))
			return (int)format_names[i].f;
	return -1;
}

static enum importer_format format_guess(const char *origin, const char *s, size_t len)
{
	const char *dot = origin ? strrchr(origin, '.') : NULL;
	size_t i = 0;

	for (size_t k = 0; dot && k < COUNT(format_exts); k++)
		if (!strcasecmp(dot, format_exts[k].ext))
			return format_exts[k].f;
	while (i < len && strchr(" \t\r\n", s[i]) && s[i])
		i++;
	for (size_t k = 0; k < COUNT(format_heads); k++)
		if (len - i >= strlen(format_heads[k].head) &&
		    !memcmp(s + i, format_heads[k].head, strlen(format_heads[k].head)))
			return format_heads[k].f;
	return IMPORTER_TEXT;
}

int importer_status_parse(const char *s, enum record_status *out, struct err *e)
{
	int st = s && *s ? record_status_parse(s) : ST_DRAFT;

	if (st < 0 || st == ST_WITHDRAWN)
		return err_set(e, ERR_INVALID, "The status is draft, submitted or published.");
	*out = (enum record_status)st;
	return ERR_OK;
}

/* s, or NULL when empty. */
static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

static void put_result(struct store *s, pool *p, const struct doc *d, long long id,
		       size_t nprov, struct importer_result *out)
{
	struct expression *x;

	out->id = id;
	out->kind = record_kind_name(d->kind == DOC_JUDGMENT ? REC_CASE : REC_LEGISLATION);
	out->uri = pool_strdup(p, d->work_uri);
	out->title = pool_strdup(p, d->title);
	out->language = pool_strdup(p, nz(d->language) ? d->language : "eng");
	out->date = pool_strdup(p, nz(d->expr_date) ? d->expr_date : d->date);
	out->nprovisions = nprov;
	out->nwarnings = d->nwarnings;
	out->warnings = pool_alloc(p, (d->nwarnings + 1) * sizeof(*out->warnings));
	for (size_t i = 0; i < d->nwarnings; i++)
		out->warnings[i] = pool_strdup(p, d->warnings[i]);
	/* a new version of a published law by someone who may not publish it */
	out->pending = !legislation_expression(s, p, id, out->language, out->date, &x, NULL) &&
		       x->pending;
}

/* The parser of each format (JSON bundles go to bundle_import()). */
typedef int (*parse_fn)(const struct importer_request *q, const char *origin,
			const struct text_meta *m, struct doc **out, struct err *e);

static int parse_akn(const struct importer_request *q, const char *origin,
		     const struct text_meta *m, struct doc **out, struct err *e)
{
	(void)m;
	return akn_parse(q->content, q->len, origin, out, e);
}

static int parse_clml(const struct importer_request *q, const char *origin,
		      const struct text_meta *m, struct doc **out, struct err *e)
{
	(void)m;
	return clml_parse(q->content, q->len, origin, out, e);
}

/* XML: CLML when its root says so, else Akoma Ntoso. */
static int parse_xml(const struct importer_request *q, const char *origin,
		     const struct text_meta *m, struct doc **out, struct err *e)
{
	return (clml_sniff(q->content, q->len) ? parse_clml : parse_akn)(q, origin, m, out, e);
}

/* Plain text: a judgment when the caller says so (type judgment) or, when it says no
 * type, when the text reads as one; else a statute. */
static int parse_plain(const char *t, size_t n, const struct importer_request *q,
		       const char *origin, const struct text_meta *m, struct doc **out,
		       struct err *e)
{
	const char *type = nz(q->type);

	if (type ? !strcmp(type, "judgment") : judgment_sniff(t, n))
		return judgment_parse(t, n, origin, m, out, e);
	return text_parse(t, n, origin, m, out, e);
}

static int parse_pdf(const struct importer_request *q, const char *origin,
		     const struct text_meta *m, struct doc **out, struct err *e)
{
	char *t = NULL;
	size_t n = 0;
	int rc;

	if ((rc = pdf_text(q->content, q->len, origin, &t, &n, e)))
		return rc;
	rc = parse_plain(t, n, q, origin, m, out, e);
	free(t);
	return rc;
}

static int parse_text(const struct importer_request *q, const char *origin,
		      const struct text_meta *m, struct doc **out, struct err *e)
{
	return parse_plain(q->content, q->len, q, origin, m, out, e);
}

static const parse_fn parsers[] = {
	[IMPORTER_AKN] = parse_akn, [IMPORTER_XML] = parse_xml, [IMPORTER_CLML] = parse_clml,
	[IMPORTER_PDF] = parse_pdf, [IMPORTER_TEXT] = parse_text,
};

/* s as a URI segment: lowercase letters and digits, '-' between words, at most max
 * bytes, appended to sb. */
static void add_slug(struct sbuf *sb, const char *s, size_t max)
{
	size_t start = sb->len;
	int dash = 0;

	for (; *s && sb->len - start < max; s++) {
		char c = *s;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && sb->len > start)
				sbuf_addc(sb, '-');
			sbuf_addc(sb, c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
}

/* /akn/in/judgment/supreme-court-of-india/2015-03-24/shreya-singhal-vs-u-o-i */
static const char *judgment_uri(struct doc *d)
{
	struct sbuf sb = SBUF_INIT;
	const char *r;

	sbuf_addf(&sb, "/akn/%c%c/judgment", d->country[0] | 0x20, d->country[1] | 0x20);
	if (d->court) {
		sbuf_addc(&sb, '/');
		add_slug(&sb, d->court, 40);
	}
	sbuf_addf(&sb, "/%.10s/", d->date);
	add_slug(&sb, d->parties ? d->parties : d->title ? d->title : "judgment", 60);
	r = pool_strdup(d->pool, sbuf_str(&sb));
	sbuf_release(&sb);
	return r;
}

/* A judgment of plain text or a PDF (judgment_parse()) becomes a case: its country
 * from the court's jurisdiction when the caller gives none (looked up in s; not when
 * s is NULL), its work URI made from country, court, date and parties when the
 * caller gives none. */
static int as_judgment(struct store *s, struct doc *d, struct err *e)
{
	const char *place;
	struct country *c;

	if (d->kind != DOC_JUDGMENT)
		return ERR_OK;
	place = judgment_read(d);
	if (!d->country && place && s && !country_resolve(s, d->pool, place, &c, NULL))
		d->country = pool_strdup(d->pool, c->alpha2);
	if (!d->expr_date)
		d->expr_date = d->date;
	if (d->work_uri)
		return ERR_OK;
	if (!d->country || !d->date)
		return err_set(e, ERR_INVALID, "the judgment's %s is not in its text: give it "
			       "(or its work URI)", d->date ? "country" : "date");
	d->work_uri = judgment_uri(d);
	return ERR_OK;
}

/* The format of q: ERR_INVALID for an unknown name. */
static int request_format(const struct importer_request *q, enum importer_format *f,
			  struct err *e)
{
	int k;

	if (!nz(q->format))
		k = (int)format_guess(q->origin, q->content, q->len);
	else if ((k = importer_format_parse(q->format)) < 0)
		return err_set(e, ERR_INVALID, "the format is akn, clml, xml, pdf, text or json");
	else if (k == IMPORTER_AUTO)
		k = (int)format_guess(q->origin, q->content, q->len);
	*f = (enum importer_format)k;
	return ERR_OK;
}

/* Parse the document of q (not a bundle) and apply the caller's overrides; a judgment
 * of text or a PDF gets its country looked up in s (none when s is NULL). */
static int parse_doc(struct store *s, const struct importer_request *q,
		     enum importer_format f, struct doc **out, struct err *e)
{
	const char *origin = nz(q->origin) ? q->origin : "input";
	struct text_meta m = {
		nz(q->uri), nz(q->country), nz(q->type), nz(q->number), nz(q->date),
		nz(q->title), nz(q->language), nz(q->version_date), nz(q->source),
	};
	struct doc *d = NULL;
	int rc;

	if ((unsigned)f >= sizeof(parsers) / sizeof(parsers[0]) || !parsers[f])
		return err_set(e, ERR_INTERNAL, "no parser for format %d", (int)f);
	rc = parsers[f](q, origin, &m, &d, e);
	if (!rc && (f == IMPORTER_TEXT || f == IMPORTER_PDF))
		rc = as_judgment(s, d, e);
	if (rc)
		return rc;
	/* what the caller says wins over what the document says */
	if (nz(q->uri))
		d->work_uri = pool_strdup(d->pool, q->uri);
	if (nz(q->title))
		d->title = pool_strdup(d->pool, q->title);
	if (nz(q->version_date))
		d->expr_date = pool_strdup(d->pool, q->version_date);
	if (nz(q->source))
		d->source = pool_strdup(d->pool, q->source);
	*out = d;
	return ERR_OK;
}

int importer_parse(const struct importer_request *q, struct doc **out, struct err *e)
{
	enum importer_format f;
	int rc;

	if (!q->content || !q->len)
		return err_set(e, ERR_INVALID, "The document is empty.");
	if ((rc = request_format(q, &f, e)))
		return rc;
	if (f == IMPORTER_JSON)
		return err_set(e, ERR_INVALID, "a JSON bundle is stored as it is: nothing to parse");
	return parse_doc(NULL, q, f, out, e);
}

int importer_run(struct store *s, pool *p, const struct actor *a,
		 const struct importer_request *q, struct importer_result *out, struct err *e)
{
	const char *origin = nz(q->origin) ? q->origin : "input";
	enum record_status status = ST_DRAFT;
	enum importer_format f;
	struct doc *d = NULL;
	long long id = 0;
	size_t nprov = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!q->content || !q->len) {
		rc = err_set(e, ERR_INVALID, "The document is empty.");
		goto out;
	}
	if ((rc = importer_status_parse(q->status, &status, e)) ||
	    (rc = request_format(q, &f, e)))
		goto out;
	if (f == IMPORTER_JSON) {
		out->bundle = 1;
		rc = bundle_import(s, a, q->content, q->len, origin, &out->counts, e);
		goto out;
	}
	if ((rc = parse_doc(s, q, f, &d, e)))
		goto out;
	if ((rc = legislation_import_doc(s, a, d, status, nz(q->tlp), &id, &nprov, e)))
		goto out;
	put_result(s, p, d, id, nprov, out);
	if (!q->no_suggest) {
		struct err se = { 0 };

		if (mapping_suggest_work(s, a, id, &out->nsuggested, &se))
			out->suggest_error = pool_strdup(p, se.msg);
	}
out:
	doc_free(d);
	return rc;
}
