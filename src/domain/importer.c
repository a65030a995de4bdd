/* The one import: see importer.h. */
#include <string.h>
#include <strings.h>

#include "domain/importer.h"
#include "domain/legislation.h"
#include "import/akn.h"
#include "import/doc.h"
#include "import/text.h"

/* Every name and media type of a format. */
static const struct {
	const char *name;
	enum importer_format f;
} format_names[] = {
	{ "auto", IMPORTER_AUTO },
	{ "akn", IMPORTER_AKN },		{ "xml", IMPORTER_AKN },
	{ "application/xml", IMPORTER_AKN },	{ "text/xml", IMPORTER_AKN },
	{ "application/akn+xml", IMPORTER_AKN },
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
	{ ".xml", IMPORTER_AKN }, { ".akn", IMPORTER_AKN }, { ".json", IMPORTER_JSON },
};

static const struct {
	char first;
	enum importer_format f;
} format_heads[] = {
	{ '<', IMPORTER_AKN }, { '{', IMPORTER_JSON },
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
		if (!strcmp(dot, format_exts[k].ext))
			return format_exts[k].f;
	while (i < len && strchr(" \t\r\n", s[i]) && s[i])
		i++;
	for (size_t k = 0; i < len && k < COUNT(format_heads); k++)
		if (s[i] == format_heads[k].first)
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

/* The format of q: ERR_INVALID for an unknown name. */
static int request_format(const struct importer_request *q, enum importer_format *f,
			  struct err *e)
{
	int k;

	if (!nz(q->format))
		k = (int)format_guess(q->origin, q->content, q->len);
	else if ((k = importer_format_parse(q->format)) < 0)
		return err_set(e, ERR_INVALID, "the format is akn, text or json");
	else if (k == IMPORTER_AUTO)
		k = (int)format_guess(q->origin, q->content, q->len);
	*f = (enum importer_format)k;
	return ERR_OK;
}

/* Parse the document of q (not a bundle) and apply the caller's overrides. */
static int parse_doc(const struct importer_request *q, enum importer_format f, struct doc **out,
		     struct err *e)
{
	const char *origin = nz(q->origin) ? q->origin : "input";
	struct doc *d = NULL;
	int rc;

	if (f == IMPORTER_AKN) {
		rc = akn_parse(q->content, q->len, origin, &d, e);
	} else {
		struct text_meta m = {
			nz(q->uri), nz(q->country), nz(q->type), nz(q->number), nz(q->date),
			nz(q->title), nz(q->language), nz(q->version_date), nz(q->source),
		};

		rc = text_parse(q->content, q->len, origin, &m, &d, e);
	}
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
	return parse_doc(q, f, out, e);
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
	if ((rc = parse_doc(q, f, &d, e)))
		goto out;
	if ((rc = legislation_import_doc(s, a, d, status, nz(q->tlp), &id, &nprov, e)))
		goto out;
	put_result(s, p, d, id, nprov, out);
	if (q->suggest) {
		struct err se = { 0 };

		if (mapping_suggest_work(s, a, id, &out->nsuggested, &se))
			out->suggest_error = pool_strdup(p, se.msg);
	}
out:
	doc_free(d);
	return rc;
}
