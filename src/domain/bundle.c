#include "domain/bundle.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "domain/audit.h"
#include "domain/caselaw.h"
#include "domain/legislation.h"
#include "domain/lesson.h"
#include "domain/tx.h"
#include "import/doc.h"
#include "store/store.h"

#define BUNDLE_FORMAT "ccrepo-bundle"
#define BUNDLE_VERSION 1

/* ---- export ---- */

static void common_json(json_t *j, const struct record *r)
{
	json_object_set_new(j, "type", json_string(record_kind_name(r->kind)));
	record_json_fields(j, r);
}

static json_t *nodes_json(const struct doc_node *parent, size_t *count)
{
	json_t *arr = json_array();

	for (const struct doc_node *n = parent->first; n; n = n->next) {
		json_t *o = json_object();

		json_object_set_new(o, "eid", json_string(n->eid));
		json_object_set_new(o, "kind", json_string(n->kind));
		json_object_set_new(o, "num", record_json_str(n->num));
		json_object_set_new(o, "heading", record_json_str(n->heading));
		json_object_set_new(o, "text", record_json_str(n->text));
		if (n->first)
			json_object_set_new(o, "children", nodes_json(n, count));
		json_array_append_new(arr, o);
		(*count)++;
	}
	return arr;
}

/* "work", "expressions" and "mappings" of a work, into j. */
static int work_json(struct store *s, pool *p, const struct work *w, json_t *j,
		     struct bundle_counts *c, struct err *e)
{
	struct expression *xs;
	struct mapping *ms;
	size_t nx, nm;
	json_t *exprs = json_array(), *maps = json_array();
	int rc;

	json_object_set_new(j, "work", json_pack("{s:s, s:s, s:o, s:o, s:o}", "uri", w->uri,
						 "type", w->type, "subtype", record_json_str(w->subtype),
						 "number", record_json_str(w->number),
						 "date", record_json_str(w->date)));
	json_object_set_new(j, "expressions", exprs);
	json_object_set_new(j, "mappings", maps);
	if ((rc = store_expr_list(s, p, w->rec.id, &xs, &nx, e)))
		return rc;
	for (size_t i = nx; i-- > 0;) {	/* oldest first */
		struct doc *d;
		json_t *x;

		if (xs[i].pending)	/* not published: not in a bundle */
			continue;
		if ((rc = legislation_to_doc(s, w, &xs[i], &d, e)))
			return rc;
		x = json_pack("{s:s, s:s, s:s, s:o}", "language", xs[i].language, "date",
			      xs[i].date, "status", expr_status_name(xs[i].status), "title",
			      record_json_str(xs[i].title));
		if (xs[i].long_title)
			json_object_set_new(x, "long_title", json_string(xs[i].long_title));
		if (xs[i].extent)
			json_object_set_new(x, "extent", json_string(xs[i].extent));
		if (xs[i].valid_to)
			json_object_set_new(x, "valid_to", json_string(xs[i].valid_to));
		json_object_set_new(x, "provisions", nodes_json(d->root, &c->provisions));
		json_array_append_new(exprs, x);
		doc_free(d);
		c->expressions++;
	}
	if ((rc = store_mapping_list(s, p, w->rec.id, NULL, 0, &ms, &nm, e)))
		return rc;
	for (size_t i = 0; i < nm; i++) {
		char ref[64];

		snprintf(ref, sizeof(ref), "%s/%d", ms[i].instrument, ms[i].article);
		json_array_append_new(maps, json_pack("{s:s, s:s, s:s, s:o, s:o}", "eid",
						      ms[i].eid, "article", ref, "state",
						      ms[i].state, "extent",
						      record_json_str(ms[i].extent), "comment",
						      record_json_str(ms[i].comment)));
		c->mappings++;
	}
	return ERR_OK;
}

/* Whether field f is a text the bundle keeps under the field's key (a kind's links and
 * the judgment's URI are written apart). */
static int text_field(const struct kind_field *f)
{
	return f->type != KT_LINKS && f->type != KT_WORK;
}

/* The text fields of obj, of kind k, set in j in the order of the kind's table. */
static void fields_json(json_t *j, const struct kind *k, const void *obj)
{
	for (size_t i = 0; i < k->nfields; i++)
		if (text_field(&k->fields[i]))
			json_object_set_new(j, k->fields[i].key,
					    record_json_str(kind_value(obj, &k->fields[i])));
}

static int case_json(struct store *s, pool *p, long long id, json_t *j, struct err *e)
{
	struct caselaw *c;
	json_t *links = json_array();
	int rc = caselaw_get(s, p, id, &c, e);

	json_object_set_new(j, "provisions_applied", links);
	if (rc)
		return rc;
	fields_json(j, &caselaw_kind, c);
	for (size_t i = 0; i < c->napplied; i++)
		json_array_append_new(links, json_pack("{s:s, s:s}", "work_uri",
						       c->applied[i].work_uri, "eid",
						       c->applied[i].eid));
	return ERR_OK;
}

static int dump_cb(const char *buf, size_t size, void *data)
{
	sbuf_add(data, buf, size);
	return 0;
}

int bundle_export(struct store *s, const struct actor *a, const struct record_query *q,
		  struct sbuf *out, struct bundle_counts *counts, struct err *e)
{
	pool *p = pool_new();
	struct record_query page = *q;
	struct bundle_counts local;
	struct bundle_counts *c = counts ? counts : &local;
	json_t *root = json_object(), *records = json_array();
	int rc = ERR_OK;

	memset(c, 0, sizeof(*c));
	json_object_set_new(root, "format", json_string(BUNDLE_FORMAT));
	json_object_set_new(root, "version", json_integer(BUNDLE_VERSION));
	json_object_set_new(root, "exported_at", json_string(record_now(p)));
	json_object_set_new(root, "records", records);
	page.limit = 500;
	for (page.offset = 0;; page.offset += page.limit) {
		struct record *rs;
		size_t n;

		if ((rc = store_record_list(s, p, &page, &rs, &n, e)) ||
		    (a && (rc = record_read_each(s, a, rs, sizeof(*rs), n, e))))
			goto out;
		for (size_t i = 0; i < n; i++) {
			json_t *j;
			struct work *w;
			struct lesson *l;

			j = json_object();
			common_json(j, &rs[i]);
			json_array_append_new(records, j);
			if (rs[i].kind == REC_LESSON) {
				if ((rc = lesson_get(s, p, rs[i].id, &l, e)))
					goto out;
				fields_json(j, &lesson_kind, l);
				c->lessons++;
				continue;
			}
			if (rs[i].kind == REC_CASE) {
				if ((rc = case_json(s, p, rs[i].id, j, e)))
					goto out;
				c->cases++;
			} else {
				c->legislation++;
			}
			rc = store_work_get(s, p, NULL, rs[i].id, &w, NULL);
			if (rc == ERR_OK && (rc = work_json(s, p, w, j, c, e)))
				goto out;
			rc = ERR_OK;	/* a case without a document */
		}
		if (n < (size_t)page.limit || (q->limit && page.offset + page.limit >= q->limit))
			break;
	}
	json_dump_callback(root, dump_cb, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	sbuf_addc(out, '\n');
out:
	json_decref(root);
	pool_free(p);
	return rc;
}

/* ---- import ---- */

struct reader {
	struct store *s;
	const struct actor *a;
	pool *p;
	const char *origin;
	size_t index;	/* of the record being read, for messages */
	struct bundle_counts *c;
};

/* A string member, NULL when absent or null; ERR_INVALID when of another type. */
static int get_str(struct reader *rd, json_t *o, const char *key, const char **out,
		   struct err *e)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return ERR_OK;
	if (!json_is_string(v))
		return err_set(e, ERR_INVALID, "%s: record %zu: \"%s\" must be a string",
			       rd->origin, rd->index, key);
	*out = pool_strndup(rd->p, json_string_value(v), json_string_length(v));
	if (strlen(*out) != json_string_length(v))
		return err_set(e, ERR_INVALID, "%s: record %zu: \"%s\" contains a NUL character",
			       rd->origin, rd->index, key);
	return ERR_OK;
}

static int read_common(struct reader *rd, json_t *o, struct record *r, struct err *e)
{
	const char *status = NULL;
	int rc, st;

	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < record_nfields; i++) {
		const struct record_field *f = &record_fields[i];
		json_t *v = json_object_get(o, f->key);

		if (f->type == RF_INT) {
			if (json_is_integer(v))
				*(int *)(void *)((char *)r + f->off) = (int)json_integer_value(v);
		} else if ((rc = get_str(rd, o, f->key, f->type == RF_STATUS ? &status :
					 (const char **)(void *)((char *)r + f->off), e))) {
			return rc;
		}
	}
	st = status ? record_status_parse(status) : ST_DRAFT;
	if (st < 0)
		return err_set(e, ERR_INVALID, "%s: record %zu: unknown status '%.20s'", rd->origin,
			       rd->index, status);
	r->status = (enum record_status)st;
	if (!r->language)
		r->language = "en";
	if (!r->tlp)
		r->tlp = "CLEAR";
	return ERR_OK;
}

/* The text fields of kind k from o into obj, as get_str does, in the order of the
 * kind's table. */
static int read_fields(struct reader *rd, json_t *o, const struct kind *k, void *obj,
		       struct err *e)
{
	for (size_t i = 0; i < k->nfields; i++) {
		const char *v;
		int rc;

		if (!text_field(&k->fields[i]))
			continue;
		if ((rc = get_str(rd, o, k->fields[i].key, &v, e)))
			return rc;
		kind_set(obj, &k->fields[i], v);
	}
	return ERR_OK;
}

/* Provisions (with children) into the doc under parent. */
static int read_nodes(struct reader *rd, struct doc *d, struct doc_node *parent, json_t *arr,
		      int depth, struct err *e)
{
	size_t i;
	json_t *v;

	if (!json_is_array(arr))
		return err_set(e, ERR_INVALID, "%s: record %zu: \"provisions\" must be an array",
			       rd->origin, rd->index);
	if (depth > 64)
		return err_set(e, ERR_TOOLARGE, "%s: record %zu: provisions nested deeper than 64",
			       rd->origin, rd->index);
	json_array_foreach(arr, i, v) {
		const char *eid, *kind, *num, *heading, *text;
		struct doc_node *n;
		int rc;

		if (!json_is_object(v))
			return err_set(e, ERR_INVALID, "%s: record %zu: a provision must be an object",
				       rd->origin, rd->index);
		if ((rc = get_str(rd, v, "eid", &eid, e)) || (rc = get_str(rd, v, "kind", &kind, e)) ||
		    (rc = get_str(rd, v, "num", &num, e)) ||
		    (rc = get_str(rd, v, "heading", &heading, e)) ||
		    (rc = get_str(rd, v, "text", &text, e)))
			return rc;
		if (!eid || !*eid || !kind || !*kind)
			return err_set(e, ERR_INVALID, "%s: record %zu: every provision needs \"eid\" "
				       "and \"kind\"", rd->origin, rd->index);
		n = doc_add(d, parent, kind, eid, num, heading, text, 0);
		if (json_object_get(v, "children") &&
		    (rc = read_nodes(rd, d, n, json_object_get(v, "children"), depth + 1, e)))
			return rc;
	}
	return ERR_OK;
}

/* The work and its versions of a legislation or case record; *id gets the record. */
static int read_work(struct reader *rd, json_t *o, const struct record *r, int judgment,
		     long long *id, struct err *e)
{
	json_t *w = json_object_get(o, "work"), *xs = json_object_get(o, "expressions"), *x;
	const char *uri, *type, *subtype, *number, *date;
	size_t i;
	int rc;

	if (!json_is_object(w))
		return err_set(e, ERR_INVALID, "%s: record %zu: \"work\" must be an object",
			       rd->origin, rd->index);
	if ((rc = get_str(rd, w, "uri", &uri, e)) || (rc = get_str(rd, w, "type", &type, e)) ||
	    (rc = get_str(rd, w, "subtype", &subtype, e)) ||
	    (rc = get_str(rd, w, "number", &number, e)) || (rc = get_str(rd, w, "date", &date, e)))
		return rc;
	if (!json_is_array(xs) || !json_array_size(xs))
		return err_set(e, ERR_INVALID, "%s: record %zu: \"expressions\" must be a non-empty "
			       "array", rd->origin, rd->index);
	json_array_foreach(xs, i, x) {
		struct doc *d = doc_new();
		const char *lang, *xdate, *title, *status;
		size_t nprov;

		d->kind = judgment ? DOC_JUDGMENT : DOC_LEGISLATION;
		d->work_uri = uri;
		d->country = r->country;
		d->type = type;
		d->subtype = subtype;
		d->number = number;
		d->date = date;
		d->source = r->source_url;
		if (!json_is_object(x))
			rc = err_set(e, ERR_INVALID, "%s: record %zu: an expression must be an object",
				     rd->origin, rd->index);
		if (!rc && !(rc = get_str(rd, x, "language", &lang, e)) &&
		    !(rc = get_str(rd, x, "date", &xdate, e)) &&
		    !(rc = get_str(rd, x, "title", &title, e)) &&
		    !(rc = get_str(rd, x, "status", &status, e)) &&
		    !(rc = get_str(rd, x, "long_title", &d->long_title, e)) &&
		    !(rc = get_str(rd, x, "extent", &d->extent, e)) &&
		    !(rc = get_str(rd, x, "valid_to", &d->expr_end, e))) {
			d->language = lang;
			d->expr_date = xdate;
			d->title = title ? title : r->title;
			rc = read_nodes(rd, d, d->root, json_object_get(x, "provisions"), 0, e);
		}
		if (!rc)
			rc = legislation_import_doc(rd->s, rd->a, d, ST_DRAFT, NULL, id, &nprov, e);
		doc_free(d);
		if (rc)
			return rc;
		rd->c->expressions++;
		rd->c->provisions += nprov;
	}
	return ERR_OK;
}

static int read_mappings(struct reader *rd, json_t *o, long long work_id, struct err *e)
{
	json_t *ms = json_object_get(o, "mappings"), *m;
	size_t i;
	int rc;

	if (!ms)
		return ERR_OK;
	if (!json_is_array(ms))
		return err_set(e, ERR_INVALID, "%s: record %zu: \"mappings\" must be an array",
			       rd->origin, rd->index);
	json_array_foreach(ms, i, m) {
		const char *eid, *article, *state, *extent, *comment, *slash;
		char instrument[40];

		if ((rc = get_str(rd, m, "eid", &eid, e)) ||
		    (rc = get_str(rd, m, "article", &article, e)) ||
		    (rc = get_str(rd, m, "state", &state, e)) ||
		    (rc = get_str(rd, m, "extent", &extent, e)) ||
		    (rc = get_str(rd, m, "comment", &comment, e)))
			return rc;
		if (!eid || !article || !(slash = strchr(article, '/')) ||
		    (size_t)(slash - article) >= sizeof(instrument))
			return err_set(e, ERR_INVALID, "%s: record %zu: a mapping needs \"eid\" and "
				       "\"article\" such as \"un-cc/7\"", rd->origin, rd->index);
		memcpy(instrument, article, (size_t)(slash - article));
		instrument[slash - article] = '\0';
		if ((rc = mapping_set(rd->s, rd->a, work_id, eid, instrument, atoi(slash + 1),
				      state ? state : "accepted", extent, comment, e))) {
			err_prefix(e, "%s: record %zu", rd->origin, rd->index);
			return rc;
		}
		rd->c->mappings++;
	}
	return ERR_OK;
}

/* What the bundle says of the record beyond its content: status, label, source,
 * place, revision, and who created and changed it when (when given). The content
 * was stored as a draft first, so that storing it made no revisions. */
static int keep_provenance(struct reader *rd, long long id, const struct record *from,
			   struct err *e)
{
	struct record *r;
	int rc;

	if ((rc = store_record_get(rd->s, rd->p, id, &r, e)))
		return rc;
	if (from->created_at) {
		r->created_at = from->created_at;
		r->created_by = from->created_by ? from->created_by : r->created_by;
	}
	if (from->changed_at) {
		r->changed_at = from->changed_at;
		r->changed_by = from->changed_by ? from->changed_by : r->changed_by;
	}
	if (from->revision > 0)
		r->revision = from->revision;
	r->status = from->status;
	r->tlp = from->tlp;
	r->source_url = from->source_url;
	if (from->region)
		r->region = from->region;
	return store_record_update(rd->s, r, e);
}

static int read_case(struct reader *rd, json_t *o, const struct record *r, struct err *e)
{
	struct caselaw c;
	json_t *links = json_object_get(o, "provisions_applied"), *l;
	long long id = 0;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	c.rec = *r;
	if ((rc = read_fields(rd, o, &caselaw_kind, &c, e)))
		return rc;
	if (links && !json_is_array(links))
		return err_set(e, ERR_INVALID, "%s: record %zu: \"provisions_applied\" must be an "
			       "array", rd->origin, rd->index);
	c.napplied = links ? json_array_size(links) : 0;
	c.applied = pool_calloc(rd->p, c.napplied ? c.napplied : 1, sizeof(*c.applied));
	json_array_foreach(links, i, l) {
		if ((rc = get_str(rd, l, "work_uri", &c.applied[i].work_uri, e)) ||
		    (rc = get_str(rd, l, "eid", &c.applied[i].eid, e)))
			return rc;
	}
	/* the judgment's text first: it creates the record */
	if (json_object_get(o, "work")) {
		if ((rc = read_work(rd, o, r, 1, &id, e)) || (rc = read_mappings(rd, o, id, e)))
			return rc;
		c.work_uri = json_string_value(json_object_get(json_object_get(o, "work"),
							       "uri"));
	} else {
		struct record_query q = { REC_CASE, r->country, -1, NULL, 10000, 0, 0, 0 };
		struct caselaw *cs;
		size_t n;

		/* match an existing case by court and citation */
		if (c.citation && !caselaw_list(rd->s, rd->p, &q, &cs, &n, NULL))
			for (size_t k = 0; k < n && !id; k++)
				if (cs[k].citation && cs[k].court && c.court &&
				    !strcmp(cs[k].citation, c.citation) &&
				    !strcmp(cs[k].court, c.court))
					id = cs[k].rec.id;
	}
	c.rec.id = id;
	if ((rc = caselaw_save(rd->s, rd->a, &c, &id, e)))
		return rc;
	rd->c->cases++;
	return keep_provenance(rd, id, r, e);
}

/* Equal strings, or both NULL. */
static int same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static int read_lesson(struct reader *rd, json_t *o, const struct record *r, struct err *e)
{
	struct lesson l;
	struct record_query q = { REC_LESSON, r->country, -1, NULL, 10000, 0, 0, 0 };
	struct lesson *ls;
	size_t n;
	long long id = 0;
	int rc;

	memset(&l, 0, sizeof(l));
	l.rec = *r;
	if ((rc = read_fields(rd, o, &lesson_kind, &l, e)))
		return rc;
	if (!lesson_list(rd->s, rd->p, &q, &ls, &n, NULL))
		for (size_t k = 0; k < n && !id; k++)
			if (ls[k].rec.title && r->title && !strcmp(ls[k].rec.title, r->title) &&
			    same(ls[k].rec.country, r->country) && same(ls[k].rec.region, r->region))
				id = ls[k].rec.id;
	l.rec.id = id;
	if ((rc = lesson_save(rd->s, rd->a, &l, &id, e)))
		return rc;
	rd->c->lessons++;
	return keep_provenance(rd, id, r, e);
}

int bundle_import(struct store *s, const struct actor *a, const char *text, size_t len,
		  const char *origin, struct bundle_counts *counts, struct err *e)
{
	struct bundle_counts local;
	struct reader rd = { s, a, NULL, origin, 0, counts ? counts : &local };
	json_error_t je;
	json_t *root = NULL, *records, *o;
	const char *format;
	size_t i;
	struct tx t = {0};
	int rc, batch = 0;

	memset(rd.c, 0, sizeof(*rd.c));
	/* a bundle carries statuses, labels and authors: only those who publish may
	 * bring them in (others would skip the review, or write as someone else) */
	if (record_allow(a, ACT_PUBLISH, NULL, NULL))
		return err_set(e, ERR_FORBIDDEN, "importing a bundle is for curators and admins: "
			       "it sets statuses, labels and authors");
	if (len > (size_t)BUNDLE_MAX_BYTES)
		return err_set(e, ERR_TOOLARGE, "%s: larger than %ld bytes", origin,
			       BUNDLE_MAX_BYTES);
	if (!utf8_valid(text, len))
		return err_set(e, ERR_INVALID, "%s: not valid UTF-8", origin);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return err_set(e, ERR_INVALID, "%s:%d:%d: %s", origin, je.line, je.column, je.text);
	format = json_string_value(json_object_get(root, "format"));
	records = json_object_get(root, "records");
	if (!format || strcmp(format, BUNDLE_FORMAT) || !json_is_array(records)) {
		rc = err_set(e, ERR_INVALID, "%s: not a ccrepo bundle (needs \"format\": \"%s\" and "
			     "\"records\": [...])", origin, BUNDLE_FORMAT);
		goto out;
	}
	if (json_integer_value(json_object_get(root, "version")) != BUNDLE_VERSION) {
		rc = err_set(e, ERR_INVALID, "%s: bundle version %lld; this program reads version "
			     "%d", origin,
			     (long long)json_integer_value(json_object_get(root, "version")),
			     BUNDLE_VERSION);
		goto out;
	}
	rd.p = pool_new();
	if ((rc = tx_begin(&t, s, e)))
		goto out;
	/* one audit entry for the whole bundle, not one per record */
	audit_batch_begin();
	batch = 1;
	json_array_foreach(records, i, o) {
		struct record r;
		const char *type;
		long long id;
		int kind;

		rd.index = i + 1;
		if (!json_is_object(o)) {
			rc = err_set(e, ERR_INVALID, "%s: record %zu is not an object", origin,
				     rd.index);
			goto out;
		}
		if ((rc = get_str(&rd, o, "type", &type, e)) || (rc = read_common(&rd, o, &r, e)))
			goto out;
		kind = record_kind_parse(type);
		switch (kind) {
		case REC_LEGISLATION:
			if ((rc = read_work(&rd, o, &r, 0, &id, e)) ||
			    (rc = read_mappings(&rd, o, id, e)) ||
			    (rc = keep_provenance(&rd, id, &r, e)))
				goto out;
			rd.c->legislation++;
			break;
		case REC_CASE:
			if ((rc = read_case(&rd, o, &r, e)))
				goto out;
			break;
		case REC_LESSON:
			if ((rc = read_lesson(&rd, o, &r, e)))
				goto out;
			break;
		default:
			rc = err_set(e, ERR_INVALID, "%s: record %zu: \"type\" must be legislation, "
				     "case or lesson", origin, rd.index);
			goto out;
		}
	}
	audit_batch_end();
	batch = 0;
	rc = audit_by(s, a, AUDIT_IMPORT, origin,
		      pool_printf(rd.p, "bundle: %zu legislation (%zu versions, %zu provisions), "
				  "%zu cases, %zu lessons, %zu mappings", rd.c->legislation,
				  rd.c->expressions, rd.c->provisions, rd.c->cases,
				  rd.c->lessons, rd.c->mappings), e);
out:
	if (batch)
		audit_batch_end();
	/* a failure inside the transaction names the record it stopped at */
	if (t.open && (rc = tx_end(&t, rc, e)) && e && !strstr(e->msg, origin))
		err_prefix(e, "%s: record %zu", origin, rd.index);
	pool_free(rd.p);
	json_decref(root);
	return rc;
}
