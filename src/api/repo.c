/* /api/v1/works, /api/v1/akn/..., mappings, import and export.
 *
 * Provisions are returned as a flat list in document order; each has its eId, the
 * eId of its parent (null at the top) and its depth (0 at the top), so a client
 * rebuilds the tree in one pass. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "domain/audit.h"
#include "domain/bundle.h"
#include "domain/caselaw.h"
#include "domain/country.h"
#include "domain/diff.h"
#include "domain/importer.h"
#include "domain/instrument.h"
#include "domain/legislation.h"
#include "domain/lesson.h"
#include "domain/record.h"
#include "export/akn.h"
#include "export/csv.h"
#include "import/doc.h"

int api_paging(struct req *r, struct resp *out, int *limit, int *offset)
{
	const char *l = req_arg(r, "limit"), *o = req_arg(r, "offset");

	*limit = LIMIT_PAGE_DEFAULT;
	*offset = 0;
	if (l && num_int(l, 1, LIMIT_PAGE_MAX, limit))
		return http_error(r, out, 400, pool_printf(r->pool, "limit is a number from 1 "
							   "to %d", LIMIT_PAGE_MAX));
	if (o && num_int(o, 0, LIMIT_OFFSET_MAX, offset))
		return http_error(r, out, 400, pool_printf(r->pool, "offset is a number of "
							   "records to skip, at most %d",
							   LIMIT_OFFSET_MAX));
	return 0;
}

static const struct api_field work_fields[] = {
	API_FIELD(struct work, uri, API_STR),
	API_FIELD(struct work, type, API_STR_NULL),
	API_FIELD(struct work, subtype, API_STR_NULL),
	API_FIELD(struct work, number, API_STR_NULL),
	API_FIELD(struct work, date, API_STR_NULL),
	API_END
};

static json_t *work_json(const struct work *w)
{
	return api_fields(record_json(&w->rec), w, work_fields);
}

static json_t *expr_json(pool *p, const struct work *w, const struct expression *x)
{
	json_t *j = json_object();

	json_object_set_new(j, "expression", json_string(pool_printf(p, "%s@%s", x->language,
								     x->date)));
	json_object_set_new(j, "uri", json_string(pool_printf(p, "%s/%s@%s", w->uri,
							      x->language, x->date)));
	json_object_set_new(j, "language", json_string(x->language));
	json_object_set_new(j, "date", json_string(x->date));
	json_object_set_new(j, "status", json_string(expr_status_name(x->status)));
	json_object_set_new(j, "title", api_str(x->title ? x->title : w->rec.title));
	json_object_set_new(j, "provision_count", json_integer(x->provision_count));
	json_object_set_new(j, "long_title", api_str(x->long_title));
	json_object_set_new(j, "extent", api_str(x->extent));
	json_object_set_new(j, "valid_to", api_str(x->valid_to));
	if (x->pending)		/* only curators and its proposer see it */
		json_object_set_new(j, "pending", json_true());
	return j;
}

static json_t *prov_json(const struct provision *p, const char *parent)
{
	json_t *j = json_object();

	json_object_set_new(j, "eid", json_string(p->eid));
	json_object_set_new(j, "parent", api_str(parent));
	json_object_set_new(j, "depth", json_integer(p->depth));
	json_object_set_new(j, "kind", api_str(p->kind));
	json_object_set_new(j, "num", api_str(p->num));
	json_object_set_new(j, "heading", api_str(p->heading));
	json_object_set_new(j, "text", api_str(p->text));
	return j;
}

static json_t *mapping_article(const void *m)
{
	return api_article_ref(((const struct mapping *)m)->instrument,
			       ((const struct mapping *)m)->article);
}

/* A suggestion's score; null for a mapping made by hand */
static json_t *mapping_score(const void *m)
{
	double score = ((const struct mapping *)m)->score;

	return score > 0 ? json_real(score) : json_null();
}

static const struct api_field mapping_fields[] = {
	API_FIELD(struct mapping, work_id, API_LLONG),
	API_FIELD(struct mapping, work_uri, API_STR_NULL),
	API_FIELD(struct mapping, work_title, API_STR_NULL),
	API_FIELD(struct mapping, country, API_STR_NULL),
	API_FIELD(struct mapping, eid, API_STR),
	API_FIELD(struct mapping, num, API_STR_NULL),
	API_FIELD(struct mapping, heading, API_STR_NULL),
	API_COMPUTED("article", mapping_article),
	API_FIELD(struct mapping, instrument, API_STR),
	API_FIELD_AS("number", struct mapping, article, API_INT),
	API_FIELD(struct mapping, state, API_STR),
	API_FIELD(struct mapping, extent, API_STR_NULL),
	API_COMPUTED("score", mapping_score),
	API_FIELD(struct mapping, reason, API_STR_NULL),
	API_FIELD(struct mapping, phrase, API_STR_NULL),
	API_FIELD(struct mapping, comment, API_STR_NULL),
	API_END
};

/* Provisions pv[from..to) as a flat list with parent eIds; the parent of the first
 * level is top (NULL at the top of the document). */
static json_t *provs_json(pool *p, const struct provision *pv, size_t from, size_t to,
			  const char *top)
{
	json_t *arr = json_array();
	const char **stack;
	int base = from < to ? pv[from].depth : 0, maxd = 0;

	for (size_t i = from; i < to; i++)
		if (pv[i].depth - base > maxd)
			maxd = pv[i].depth - base;
	stack = pool_calloc(p, (size_t)maxd + 2, sizeof(*stack));
	for (size_t i = from; i < to; i++) {
		int d = pv[i].depth - base;

		if (d < 0)
			d = 0;
		stack[d] = pv[i].eid;
		json_array_append_new(arr, prov_json(&pv[i], d > 0 ? stack[d - 1] : top));
	}
	return arr;
}

/* The parent eId of pv[at] (NULL at the top). */
static const char *parent_of(const struct provision *pv, size_t at)
{
	for (size_t i = at; i-- > 0;)
		if (pv[i].depth < pv[at].depth)
			return pv[i].eid;
	return NULL;
}

static size_t subtree_end(const struct provision *pv, size_t n, size_t i)
{
	size_t j = i + 1;

	while (j < n && pv[j].depth > pv[i].depth)
		j++;
	return j;
}

static int work_by_id(struct req *r, struct resp *out, struct work **w)
{
	struct err e = { 0 };
	long long id = num_id(r->params[0]);

	if (!id)
		return http_error(r, out, 404, "there is no work with that id; ids are numbers");
	if (legislation_read_id(r->store, r->pool, r->actor, id, w, &e))
		return http_fail(r, out, &e);
	return 0;
}

/* ?country= ?type= ?status= ?kind= into q; on a bad value answer in out and return
 * non-zero. */
static int filters(struct req *r, struct resp *out, struct record_query *q)
{
	const char *type = req_arg(r, "type");
	const char *status = req_arg(r, "status"), *kind = req_arg(r, "kind");

	if (api_country_arg(r, out, &q->country))
		return out->status;
	if (type && *type) {
		if (!legislation_type_valid(type))
			return http_error(r, out, 400, "type is a lowercase word such as act, code, "
					  "decree or regulation");
		q->type = type;
	}
	if (status && *status && (q->status = record_status_parse(status)) < 0)
		return http_error(r, out, 400, "status is draft, submitted, published or "
				  "withdrawn");
	if (kind && *kind && (q->kind = record_kind_parse(kind)) < 0)
		return http_error(r, out, 400, "kind is legislation, case or lesson");
	return 0;
}

int api_works(struct req *r, struct resp *out)
{
	struct record_query q = { .kind = -1, .status = -1 };
	struct work *ws;
	size_t n;
	struct err e = { 0 };
	json_t *arr;

	if (filters(r, out, &q) || api_paging(r, out, &q.limit, &q.offset))
		return out->status;
	if (legislation_list(r->store, r->pool, r->actor, &q, &ws, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, work_json(&ws[i]));
	return api_send_list(out, "works", arr, &q);
}

static json_t *versions_json(pool *p, const struct work *w, const struct expression *xs,
			     size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, expr_json(p, w, &xs[i]));
	return arr;
}

static json_t *mappings_json(const struct mapping *ms, size_t n, const char *eid)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		if (!eid || !strcmp(ms[i].eid, eid))
			json_array_append_new(arr, api_object(&ms[i], mapping_fields));
	return arr;
}

int api_work(struct req *r, struct resp *out)
{
	struct work *w;
	struct expression *xs;
	struct mapping *ms;
	size_t nx, nm;
	struct err e = { 0 };
	json_t *j;

	if (work_by_id(r, out, &w))
		return out->status;
	if (legislation_expressions(r->store, r->pool, w->rec.id, &xs, &nx, &e) ||
	    mapping_list_work(r->store, r->pool, w->rec.id, &ms, &nm, &e))
		return http_fail(r, out, &e);
	j = work_json(w);
	json_object_set_new(j, "versions", versions_json(r->pool, w, xs, nx));
	json_object_set_new(j, "mappings", mappings_json(ms, nm, NULL));
	return api_send(out, 200, j);
}

/* The work, provision and version that the path after /api/v1/akn/ names (see
 * src/web/repo_akn.c for the forms). x is left NULL when need_version is 0 and no
 * date was asked for. */
static int resolve(struct req *r, const char *rest, int need_version, struct work **w,
		   struct expression **x, const char **eid, struct err *e)
{
	const char *full = pool_printf(r->pool, "/akn/%s", rest), *tilde = strstr(full, "/~");
	const char *uri, *lang, *date;
	int rc;

	*x = NULL;
	*eid = NULL;
	if (tilde) {
		*eid = tilde + 2;
		if ((rc = legislation_eid_valid(*eid, e)))
			return rc;
		full = pool_strndup(r->pool, full, (size_t)(tilde - full));
	}
	if ((rc = legislation_split_uri(r->pool, full, &uri, &lang, &date, e)) ||
	    (rc = legislation_read(r->store, r->pool, r->actor, uri, w, e)))
		return rc;
	if (lang && date)
		return legislation_expression(r->store, r->pool, (*w)->rec.id, lang, date, x, e);
	if (!date && (date = req_arg(r, "as_of")) && !*date)
		date = NULL;
	if (!need_version && !date)
		return ERR_OK;
	return legislation_as_of(r->store, r->pool, (*w)->rec.id, lang, date, x, e);
}

static int akn_history(struct req *r, struct resp *out, const struct work *w, const char *eid)
{
	struct expression *xs;
	struct provision **ps;
	size_t n;
	struct err e = { 0 };
	json_t *j, *arr;

	if (legislation_history(r->store, r->pool, w->rec.id, eid, &xs, &ps, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object();
		enum diff_change c = diff_classify(i && ps[i - 1] ? ps[i - 1]->text : NULL,
						   ps[i] ? ps[i]->text : NULL);

		if (i && ps[i - 1] && ps[i] && !c)
			c = diff_classify(ps[i - 1]->heading, ps[i]->heading);
		json_object_set_new(v, "version", expr_json(r->pool, w, &xs[i]));
		json_object_set_new(v, "provision", ps[i] ? prov_json(ps[i], NULL) : json_null());
		json_object_set_new(v, "change", !i ? json_string(ps[i] ? "added" : "absent") :
					 !ps[i] && !ps[i - 1] ? json_string("absent") :
					 json_string(diff_change_name(c)));
		json_array_append_new(arr, v);
	}
	j = json_object();
	json_object_set_new(j, "work", work_json(w));
	json_object_set_new(j, "eid", json_string(eid));
	json_object_set_new(j, "history", arr);
	return api_send(out, 200, j);
}

static int akn_export_xml(struct req *r, struct resp *out, const struct work *w,
			  const struct expression *x)
{
	struct doc *d;
	struct err e = { 0 };
	int rc;

	if (legislation_to_doc(r->store, w, x, &d, &e))
		return http_fail(r, out, &e);
	sbuf_reset(&out->body);
	rc = akn_export(d, &out->body, &e);
	doc_free(d);
	if (rc) {
		sbuf_reset(&out->body);
		return http_fail(r, out, &e);
	}
	out->content_type = "application/akn+xml";
	return 200;
}

int api_akn(struct req *r, struct resp *out)
{
	struct work *w;
	struct expression *x, *xs;
	struct provision *pv;
	struct mapping *ms;
	size_t np, nm, nx, at = 0;
	const char *eid, *format = req_arg(r, "format");
	int history = req_arg(r, "history") != NULL;
	struct err e = { 0 };
	json_t *j;

	if (format && strcmp(format, "json") && strcmp(format, "xml"))
		return http_error(r, out, 400, "format is json or xml (Akoma Ntoso 3.0)");
	if (resolve(r, r->params[0], !history, &w, &x, &eid, &e))
		return http_fail(r, out, &e);
	if (history) {
		if (!eid)
			return http_error(r, out, 400, "history is of one provision: add /~EID to "
					  "the path");
		return akn_history(r, out, w, eid);
	}
	if (format && !strcmp(format, "xml")) {
		if (eid)
			return http_error(r, out, 400, "format=xml exports a whole version; leave "
					  "out /~EID");
		return akn_export_xml(r, out, w, x);
	}
	if (legislation_provisions(r->store, r->pool, x->id, &pv, &np, &e) ||
	    mapping_list_work(r->store, r->pool, w->rec.id, &ms, &nm, &e))
		return http_fail(r, out, &e);
	j = json_object();
	json_object_set_new(j, "work", work_json(w));
	json_object_set_new(j, "version", expr_json(r->pool, w, x));
	if (eid) {
		int found = 0;

		for (size_t i = 0; i < np && !found; i++)
			if (!strcmp(pv[i].eid, eid))
				at = i, found = 1;
		if (!found) {
			json_decref(j);
			return http_error(r, out, 404, pool_printf(r->pool, "the version %s@%s has no "
								   "provision %.100s", x->language,
								   x->date, eid));
		}
		json_object_set_new(j, "provision", prov_json(&pv[at], parent_of(pv, at)));
		json_object_set_new(j, "provisions", provs_json(r->pool, pv, at,
								subtree_end(pv, np, at),
								parent_of(pv, at)));
		json_object_set_new(j, "mappings", mappings_json(ms, nm, eid));
		return api_send(out, 200, j);
	}
	if (legislation_expressions(r->store, r->pool, w->rec.id, &xs, &nx, &e)) {
		json_decref(j);
		return http_fail(r, out, &e);
	}
	json_object_set_new(j, "versions", versions_json(r->pool, w, xs, nx));
	json_object_set_new(j, "provisions", provs_json(r->pool, pv, 0, np, NULL));
	json_object_set_new(j, "mappings", mappings_json(ms, nm, NULL));
	return api_send(out, 200, j);
}

static json_t *counts_json(const struct bundle_counts *c)
{
	json_t *j = json_object();

	json_object_set_new(j, "legislation", json_integer((json_int_t)c->legislation));
	json_object_set_new(j, "cases", json_integer((json_int_t)c->cases));
	json_object_set_new(j, "lessons", json_integer((json_int_t)c->lessons));
	json_object_set_new(j, "versions", json_integer((json_int_t)c->expressions));
	json_object_set_new(j, "provisions", json_integer((json_int_t)c->provisions));
	json_object_set_new(j, "mappings", json_integer((json_int_t)c->mappings));
	return j;
}

int api_works_import(struct req *r, struct resp *out)
{
	struct importer_request q = {
		.content = r->body, .len = r->body_len, .format = r->content_type,
		.origin = "request body",
		.uri = req_arg(r, "uri"), .title = req_arg(r, "title"),
		.country = req_arg(r, "country"), .type = req_arg(r, "type"),
		.number = req_arg(r, "number"), .date = req_arg(r, "date"),
		.language = req_arg(r, "language"), .version_date = req_arg(r, "version_date"),
		.source = req_arg(r, "source"), .status = req_arg(r, "status"),
		.tlp = req_arg(r, "tlp"),
		.no_suggest = req_arg(r, "suggest") && !strcmp(req_arg(r, "suggest"), "0"),
	};
	struct importer_result res;
	struct err e = { 0 };
	json_t *j, *warn;

	/* a format the request does not name is HTTP's 415, not a bad document */
	if (!r->content_type || importer_format_parse(r->content_type) <= IMPORTER_AUTO)
		return http_error(r, out, 415, "send application/xml (Akoma Ntoso), text/plain, "
				  "text/markdown or application/json (a ccrepo bundle)");
	if (importer_run(r->store, r->pool, r->actor, &q, &res, &e))
		return http_fail(r, out, &e);
	j = json_object();
	if (res.bundle) {
		json_object_set_new(j, "imported", counts_json(&res.counts));
		return api_send(out, 201, j);
	}
	warn = json_array();
	for (size_t i = 0; i < res.nwarnings; i++)
		json_array_append_new(warn, json_string(res.warnings[i]));
	json_object_set_new(j, "id", json_integer(res.id));
	json_object_set_new(j, "kind", json_string(res.kind));
	json_object_set_new(j, "uri", json_string(res.uri));
	json_object_set_new(j, "title", api_str(res.title));
	json_object_set_new(j, "expression", json_string(pool_printf(r->pool, "%s@%s",
								     res.language, res.date)));
	json_object_set_new(j, "version_uri", json_string(pool_printf(
		r->pool, "%s/%s@%s", res.uri, res.language, res.date)));
	json_object_set_new(j, "provisions", json_integer((json_int_t)res.nprovisions));
	json_object_set_new(j, "suggestions", json_integer((json_int_t)res.nsuggested));
	if (res.suggest_error)
		json_object_set_new(j, "suggest_error", json_string(res.suggest_error));
	json_object_set_new(j, "warnings", warn);
	/* a new version of a published law that waits for a curator: 202 */
	if (res.pending)
		json_object_set_new(j, "pending", json_true());
	out->location = pool_printf(r->pool, "/api/v1/works/%lld", res.id);
	return api_send(out, res.pending ? 202 : 201, j);
}

int api_work_mappings(struct req *r, struct resp *out)
{
	struct work *w;
	struct mapping *ms;
	struct expression *xs;
	struct provision **ps;
	size_t nm, nx;
	struct err e = { 0 };
	json_t *body, *j, *arr;
	const char *state_f = req_arg(r, "state");
	const char *f[5] = { 0 }, *keys[5] = { "eid", "article", "state", "extent", "comment" };
	const char *slash, *instrument;
	int number;

	if (work_by_id(r, out, &w))
		return out->status;
	if (r->method & (HTTP_GET | HTTP_HEAD)) {
		if (mapping_list_work(r->store, r->pool, w->rec.id, &ms, &nm, &e))
			return http_fail(r, out, &e);
		arr = json_array();
		for (size_t i = 0; i < nm; i++)
			if (!state_f || !strcmp(state_f, ms[i].state))
				json_array_append_new(arr, api_object(&ms[i], mapping_fields));
		j = json_object();
		json_object_set_new(j, "work", json_string(w->uri));
		json_object_set_new(j, "count", json_integer((json_int_t)json_array_size(arr)));
		json_object_set_new(j, "mappings", arr);
		return api_send(out, 200, j);
	}
	if (!(body = api_body(r, out)))
		return out->status;
	for (int i = 0; i < 5; i++) {
		json_t *v = json_object_get(body, keys[i]);

		if (v && !json_is_null(v) && !json_is_string(v)) {
			json_decref(body);
			return http_error(r, out, 400, pool_printf(r->pool, "%s must be a string",
								   keys[i]));
		}
		if (json_is_string(v) && json_string_length(v) &&
		    strlen(json_string_value(v)) == json_string_length(v))
			f[i] = pool_strdup(r->pool, json_string_value(v));
	}
	json_decref(body);
	if (!f[0] || !f[1])
		return http_error(r, out, 400, "give eid (the provision) and article (such as "
				  "un-cc/7)");
	if (!f[2])
		f[2] = "accepted";
	if (!f[3] && !strcmp(f[2], "accepted"))
		f[3] = "full";
	slash = strrchr(f[1], '/');
	if (!slash || slash == f[1] || strlen(f[1]) > LIMIT_ARTICLE_REF)
		return http_error(r, out, 400, "article is instrument/number, such as un-cc/7");
	instrument = pool_strndup(r->pool, f[1], (size_t)(slash - f[1]));
	if (instrument_article_number(slash + 1, &number, &e) ||
	    legislation_history(r->store, r->pool, w->rec.id, f[0], &xs, &ps, &nx, &e) ||
	    mapping_set(r->store, r->actor, w->rec.id, f[0], instrument, number, f[2], f[3], f[4],
			&e) ||
	    mapping_list_work(r->store, r->pool, w->rec.id, &ms, &nm, &e))
		return http_fail(r, out, &e);
	for (size_t i = 0; i < nm; i++)
		if (!strcmp(ms[i].eid, f[0]) && !strcmp(ms[i].instrument, instrument) &&
		    ms[i].article == number)
			return api_send(out, 200, api_object(&ms[i], mapping_fields));
	return http_error(r, out, 500, "the mapping was stored but cannot be read back");
}

int api_work_suggestions(struct req *r, struct resp *out)
{
	struct work *w;
	struct mapping *ms;
	size_t n = 0, nm;
	struct err e = { 0 };
	json_t *j, *arr;

	if (work_by_id(r, out, &w))
		return out->status;
	if (mapping_suggest_work(r->store, r->actor, w->rec.id, &n, &e) ||
	    mapping_list_work(r->store, r->pool, w->rec.id, &ms, &nm, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < nm; i++)
		if (!strcmp(ms[i].state, "suggested"))
			json_array_append_new(arr, api_object(&ms[i], mapping_fields));
	j = json_object();
	json_object_set_new(j, "computed", json_integer((json_int_t)n));
	json_object_set_new(j, "suggestions", arr);
	return api_send(out, 200, j);
}

int api_article_provisions(struct req *r, struct resp *out)
{
	struct instrument *in;
	struct article *a;
	struct mapping *ms;
	struct record *rec = NULL;
	size_t n;
	struct err e = { 0 };
	json_t *j, *groups, *group = NULL, *list = NULL;
	const char *country = NULL;
	size_t count = 0;

	if (api_article_of(r, out, &in, &a))
		return out->status;
	if (mapping_list_article(r->store, r->pool, in->id, a->number, &ms, &n, &e))
		return http_fail(r, out, &e);
	groups = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *cc = ms[i].country ? ms[i].country : "";

		if (!rec || rec->id != ms[i].work_id)
			if (record_get(r->store, r->pool, ms[i].work_id, &rec, NULL))
				rec = NULL;
		if (!rec)
			continue;
		if (!country || strcmp(country, cc)) {
			country = cc;
			group = json_object();
			list = json_array();
			json_object_set_new(group, "country", *cc ? json_string(cc) : json_null());
			json_object_set_new(group, "provisions", list);
			json_array_append_new(groups, group);
		}
		json_array_append_new(list, api_object(&ms[i], mapping_fields));
		count++;
	}
	j = json_object();
	json_object_set_new(j, "article", api_article_ref(in->id, a->number));
	json_object_set_new(j, "title", json_string(a->title));
	json_object_set_new(j, "count", json_integer((json_int_t)count));
	json_object_set_new(j, "countries", groups);
	return api_send(out, 200, j);
}

/* Records of one kind for the CSV export, through the domain's lists. */
static int csv_records(struct req *r, const struct record_query *q, struct sbuf *out,
		       struct err *e)
{
	struct record_query page = *q;
	int rc;

	page.limit = LIMIT_PAGE_MAX;
	for (page.offset = 0;; page.offset += page.limit) {
		struct record **rs;
		size_t n;

		if (q->kind == REC_LEGISLATION) {
			struct work *ws;

			if ((rc = legislation_list(r->store, r->pool, r->actor, &page, &ws, &n, e)))
				return rc;
			rs = pool_calloc(r->pool, n ? n : 1, sizeof(*rs));
			for (size_t i = 0; i < n; i++)
				rs[i] = &ws[i].rec;
		} else {
			const struct kind *k = kind_by_id((enum record_kind)q->kind);
			void *ks;

			if ((rc = kind_list(r->store, r->pool, r->actor, k, &page, &ks, &n, e)))
				return rc;
			rs = pool_calloc(r->pool, n ? n : 1, sizeof(*rs));
			for (size_t i = 0; i < n; i++)
				rs[i] = kind_at(k, ks, i);
		}
		for (size_t i = 0; i < n; i++) {
			const struct record *x = rs[i];
			const char *row[] = {
				pool_printf(r->pool, "%lld", x->id), record_kind_name(x->kind),
				x->country, x->region, x->language, x->title,
				record_status_name(x->status), x->tlp,
				pool_printf(r->pool, "%d", x->revision), x->source_url,
				x->created_at, x->changed_at,
			};

			csv_row(out, row, sizeof(row) / sizeof(row[0]));
		}
		if (n < (size_t)page.limit)
			return ERR_OK;
	}
}

/* One audit entry for an export: its format and filters. */
static int audit_export(struct req *r, const char *format, const struct record_query *q,
			struct err *e)
{
	char detail[200];

	snprintf(detail, sizeof(detail), "format %s, country %s, kind %s", format,
		 q->country ? q->country : "any",
		 q->kind >= 0 ? record_kind_name((enum record_kind)q->kind) : "any");
	return audit_by(r->store, r->actor, AUDIT_EXPORT, NULL, detail, e);
}

int api_export(struct req *r, struct resp *out)
{
	static const char *const head[] = { "id", "kind", "country", "region", "language",
					    "title", "status", "tlp", "revision", "source_url",
					    "created_at", "changed_at" };
	struct record_query q = { .kind = -1, .status = -1 };
	const char *format = req_arg(r, "format");
	struct err e = { 0 };

	if (format && strcmp(format, "json") && strcmp(format, "csv"))
		return http_error(r, out, 400, "format is json (a ccrepo bundle) or csv");
	if (filters(r, out, &q))
		return out->status;
	sbuf_reset(&out->body);
	if (!format || !strcmp(format, "json")) {
		if (bundle_export(r->store, r->actor, &q, &out->body, NULL, &e) ||
		    audit_export(r, "json", &q, &e)) {
			sbuf_reset(&out->body);
			return http_fail(r, out, &e);
		}
		out->content_type = "application/json";
		return 200;
	}
	csv_row(&out->body, head, sizeof(head) / sizeof(head[0]));
	for (int k = 0; k < REC_KIND_COUNT; k++) {
		struct record_query kq = q;

		if (q.kind >= 0 && q.kind != k)
			continue;
		kq.kind = k;
		if (csv_records(r, &kq, &out->body, &e)) {
			sbuf_reset(&out->body);
			return http_fail(r, out, &e);
		}
	}
	if (audit_export(r, "csv", &q, &e)) {
		sbuf_reset(&out->body);
		return http_fail(r, out, &e);
	}
	out->content_type = "text/csv; charset=utf-8";
	return 200;
}
