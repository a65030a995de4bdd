#include "domain/limits.h"
#include "domain/kind.h"

#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "core/utf8.h"
#include "store/store.h"
#include "domain/tx.h"

extern const struct kind caselaw_kind, lesson_kind;

/* Laws are works with versions and provisions (domain/legislation.c): a kind by name
 * only. */
static const struct kind legislation_kind = {
	.id = REC_LEGISLATION, .name = "legislation", .path = "laws", .api = "works",
	.size = sizeof(struct record), .title_label = "Title", .plural = "Legislation",
	.missing = "There is no such law.",
};

/* Every kind, by enum record_kind: the one list of their names. */
static const struct kind *const kinds[REC_KIND_COUNT] = {
	[REC_LEGISLATION] = &legislation_kind, [REC_CASE] = &caselaw_kind,
	[REC_LESSON] = &lesson_kind,
};

const struct kind *kind_by_id(enum record_kind k)
{
	return (unsigned)k < REC_KIND_COUNT ? kinds[k] : NULL;
}

const struct kind *kind_by_name(const char *name)
{
	for (int i = 0; name && i < REC_KIND_COUNT; i++)
		if (!strcmp(kinds[i]->name, name))
			return kinds[i];
	return NULL;
}

void *kind_at(const struct kind *k, void *arr, size_t i)
{
	return (char *)arr + i * k->size;
}

void *kind_new(pool *p, const struct kind *k)
{
	struct record *r = pool_calloc(p, 1, k->size);

	r->kind = k->id;
	return r;
}

/* The place of f in its kind's table: where a field without a struct member keeps its
 * value (struct record's values). */
static size_t slot(const struct kind_field *f)
{
	for (int i = 0; i < REC_KIND_COUNT; i++) {
		const struct kind *k = kinds[i];

		if (k->nfields && f >= k->fields && f < k->fields + k->nfields)
			return (size_t)(f - k->fields);
	}
	abort();	/* a field of no kind's table: a programming error */
}

const char *kind_value(const void *obj, const struct kind_field *f)
{
	if (f->type == KT_LINKS)
		return NULL;
	if (!f->off)
		return ((const struct record *)obj)->values[slot(f)];
	return *(const char *const *)((const char *)obj + f->off);
}

void kind_set(void *obj, const struct kind_field *f, const char *v)
{
	if (f->type == KT_LINKS)
		return;
	if (!f->off)
		((struct record *)obj)->values[slot(f)] = v;
	else
		*(const char **)((char *)obj + f->off) = v;
}

void kind_links(const void *obj, const struct kind_field *f, struct record_link **v,
		size_t *n)
{
	*v = *(struct record_link *const *)((const char *)obj + f->off);
	*n = *(const size_t *)((const char *)obj + f->off_n);
}

void kind_set_links(void *obj, const struct kind_field *f, struct record_link *v, size_t n)
{
	*(struct record_link **)((char *)obj + f->off) = v;
	*(size_t *)((char *)obj + f->off_n) = n;
}

static int links_ok(const struct kind_field *f, const void *obj, struct err *e)
{
	struct record_link *v;
	size_t n;

	kind_links(obj, f, &v, &n);
	if (n > f->max)
		return err_set(e, ERR_INVALID, "%s: at most %zu", f->key, f->max);
	for (size_t i = 0; i < n; i++)
		if (!v[i].work_uri || strncmp(v[i].work_uri, "/akn/", 5) || !v[i].eid ||
		    !*v[i].eid || strlen(v[i].work_uri) > 1000 || strlen(v[i].eid) > LIMIT_EID)
			return err_set(e, ERR_INVALID, "%s: each needs a work URI (/akn/...) and "
				       "an eId", f->key);
	return ERR_OK;
}

static int field_ok(const struct kind_field *f, const void *obj, struct err *e)
{
	const char *s = kind_value(obj, f);
	size_t n = s ? strlen(s) : 0;

	if (f->type == KT_LINKS)
		return links_ok(f, obj, e);
	if ((f->flags & KF_REQUIRED) && !n)
		return err_set(e, ERR_INVALID, "%s is required", f->key);
	if (n > f->max)
		return err_set(e, ERR_INVALID, "%s is longer than %zu bytes", f->key, f->max);
	if (s && !utf8_valid(s, n))
		return err_set(e, ERR_INVALID, "%s is not valid UTF-8", f->key);
	if (f->type == KT_DATE && n && !record_date_valid(s))
		return err_set(e, ERR_INVALID, "%s must be a date (YYYY-MM-DD)", f->key);
	return ERR_OK;
}

int kind_validate(const struct kind *k, const void *obj, struct err *e)
{
	int rc;

	if (!k->table)
		return err_set(e, ERR_INVALID, "a %s is not kept as fields", k->name);
	if ((rc = record_validate(obj, e)))
		return rc;
	for (size_t i = 0; i < k->nfields; i++)
		if ((rc = field_ok(&k->fields[i], obj, e)))
			return rc;
	return ERR_OK;
}

json_t *kind_json(const struct kind *k, const void *obj)
{
	json_t *j = record_json(obj);

	for (size_t i = 0; i < k->nfields; i++) {
		const struct kind_field *f = &k->fields[i];
		const char *v = kind_value(obj, f);
		struct record_link *l;
		size_t n;
		json_t *arr;

		if (f->type != KT_LINKS) {
			json_object_set_new(j, f->key, record_json_str(v));
			continue;
		}
		kind_links(obj, f, &l, &n);
		arr = json_array();
		for (size_t x = 0; x < n; x++)
			json_array_append_new(arr, json_pack("{s:s, s:s}", "work_uri",
							     l[x].work_uri, "eid", l[x].eid));
		json_object_set_new(j, f->key, arr);
	}
	return j;
}

static int links_from_json(pool *p, const struct kind_field *f, json_t *o, void *obj,
			   struct err *e)
{
	json_t *arr = json_object_get(o, f->key), *v;
	struct record_link *l;
	size_t i, n = 0;

	if (!arr)
		return ERR_OK;
	if (json_is_null(arr)) {
		kind_set_links(obj, f, NULL, 0);
		return ERR_OK;
	}
	if (!json_is_array(arr) || json_array_size(arr) > f->max)
		return err_set(e, ERR_INVALID, "%s must be an array of at most %zu "
			       "{\"work_uri\", \"eid\"}", f->key, f->max);
	l = pool_calloc(p, json_array_size(arr) + 1, sizeof(*l));
	json_array_foreach(arr, i, v) {
		if (!json_is_object(v) || record_json_take(p, v, "work_uri", &l[n].work_uri, NULL) ||
		    record_json_take(p, v, "eid", &l[n].eid, NULL) || !l[n].work_uri || !l[n].eid)
			return err_set(e, ERR_INVALID, "%s[%zu] must be {\"work_uri\": "
				       "\"/akn/...\", \"eid\": \"sec_1\"}", f->key, i);
		n++;
	}
	kind_set_links(obj, f, l, n);
	return ERR_OK;
}

int kind_from_json(struct store *s, pool *p, const struct kind *k, json_t *o, void *obj,
		   struct err *e)
{
	int rc;

	if ((rc = record_from_json(s, p, o, obj, e)))
		return rc;
	for (size_t i = 0; i < k->nfields; i++) {
		const struct kind_field *f = &k->fields[i];
		const char *v = kind_value(obj, f);

		if (f->type == KT_LINKS)
			rc = links_from_json(p, f, o, obj, e);
		else if (!(rc = record_json_take(p, o, f->key, &v, e)))
			kind_set(obj, f, v);
		if (rc)
			return rc;
	}
	return ERR_OK;
}

/* The edited record as a proposed change: its fields, not who changed it when. */
static const char *proposal(pool *p, const struct kind *k, const void *obj)
{
	struct record *copy = pool_calloc(p, 1, k->size);

	memcpy(copy, obj, k->size);
	record_workflow_clear(copy);
	return record_json_text(p, kind_json(k, copy));
}

int kind_save(struct store *s, const struct actor *a, const struct kind *k, void *obj,
	      long long *id, struct err *e)
{
	struct record *rec = obj;
	pool *p = pool_new();
	struct tx t = {0};
	int rc;

	if (!rec->tlp)
		rec->tlp = "CLEAR";
	if ((rc = kind_validate(k, obj, e)) || (rc = record_place_valid(s, rec, e)) ||
	    (rc = tx_begin(&t, s, e)) ||
	    (rc = record_store(s, p, a, rec, k->id, rec->id ? proposal(p, k, obj) : NULL, e)))
		goto out;
	/* a proposed change waits for review: the record stays as published */
	if (!rec->pending)
		rc = store_kind_put(s, k, obj, e);
out:
	if ((rc = tx_end(&t, rc, e)) == ERR_OK)
		*id = rec->id;
	pool_free(p);
	return rc;
}

int kind_get(struct store *s, pool *p, const struct kind *k, long long id, void **out,
	     struct err *e)
{
	if (!k->table)
		return err_set(e, ERR_NOTFOUND, "a %s is not kept as fields", k->name);
	return store_kind_get(s, p, k, id, out, e);
}

int kind_read(struct store *s, pool *p, const struct actor *a, const struct kind *k,
	      long long id, void **out, struct err *e)
{
	int rc;

	if ((rc = kind_get(s, p, k, id, out, e)))
		return rc;
	return record_read(s, a, *out, e);
}

int kind_list(struct store *s, pool *p, const struct actor *a, const struct kind *k,
	      const struct record_query *q, void **out, size_t *n, struct err *e)
{
	struct record_query kq = *q;
	struct record *rs;
	size_t nr;
	int rc;

	kq.kind = k->id;
	if ((rc = store_record_list(s, p, &kq, &rs, &nr, e)))
		return rc;
	*out = pool_calloc(p, nr ? nr : 1, k->size);
	*n = 0;
	for (size_t i = 0; i < nr; i++) {
		void *one;

		if ((rc = kind_get(s, p, k, rs[i].id, &one, e)))
			return rc;
		memcpy(kind_at(k, *out, (*n)++), one, k->size);
	}
	return a ? record_read_each(s, a, *out, k->size, *n, e) : ERR_OK;
}

int kind_apply(struct store *s, pool *p, const struct actor *a, const struct record *rec,
	       json_t *content, struct err *e)
{
	const struct kind *k = kind_by_id(rec->kind);
	long long id = rec->id;
	void *obj;
	int rc;

	/* laws change by new versions (pending expressions), not by proposals */
	if (!k || !k->table)
		return err_set(e, ERR_INVALID, "a %s has no proposed changes",
			       record_kind_name(rec->kind));
	if ((rc = kind_get(s, p, k, id, &obj, e)) ||
	    (rc = kind_from_json(s, p, k, content, obj, e)))
		return rc;
	((struct record *)obj)->id = id;
	return kind_save(s, a, k, obj, &id, e);
}

int kind_current_json(struct store *s, pool *p, const struct record *rec, json_t **out,
		      struct err *e)
{
	const struct kind *k = kind_by_id(rec->kind);
	void *obj;
	int rc;

	if (!k || !k->table) {
		*out = record_json(rec);
		return ERR_OK;
	}
	if (!(rc = kind_get(s, p, k, rec->id, &obj, e)))
		*out = kind_json(k, obj);
	return rc;
}

const char *kind_markdown_html(pool *p, const char *markdown)
{
	/* CMARK_OPT_SAFE (the default in cmark >= 0.29): raw HTML and javascript:,
	 * vbscript:, file: and data: links (but images) are dropped */
	char *html = cmark_markdown_to_html(markdown, strlen(markdown),
					    CMARK_OPT_SAFE | CMARK_OPT_SMART);
	const char *r = pool_strdup(p, html ? html : "");

	free(html);
	return r;
}
