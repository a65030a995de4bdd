#include "domain/caselaw.h"

#include <string.h>

#include "core/utf8.h"
#include "store/store.h"

#define CASE_TEXT_MAX (256 * 1024)

static int field_ok(const char *name, const char *s, size_t max, struct err *e)
{
	size_t n = s ? strlen(s) : 0;

	if (n > max)
		return err_set(e, ERR_INVALID, "%s is longer than %zu bytes", name, max);
	if (s && !utf8_valid(s, n))
		return err_set(e, ERR_INVALID, "%s is not valid UTF-8", name);
	return ERR_OK;
}

int caselaw_validate(const struct caselaw *c, struct err *e)
{
	const struct {
		const char *name, *value;
		size_t max;
	} f[] = {
		{ "court", c->court, 500 }, { "decided", c->decided, 10 },
		{ "citation", c->citation, 500 }, { "parties", c->parties, 2000 },
		{ "summary", c->summary, CASE_TEXT_MAX }, { "facts", c->facts, CASE_TEXT_MAX },
		{ "outcome", c->outcome, CASE_TEXT_MAX },
		{ "evidence_issues", c->evidence_issues, CASE_TEXT_MAX },
		{ "keywords", c->keywords, 2000 },
	};
	int rc;

	if ((rc = record_validate(&c->rec, e)))
		return rc;
	if (!c->court || !*c->court)
		return err_set(e, ERR_INVALID, "court is required");
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if ((rc = field_ok(f[i].name, f[i].value, f[i].max, e)))
			return rc;
	if (c->decided && *c->decided && !record_date_valid(c->decided))
		return err_set(e, ERR_INVALID, "decided must be a date (YYYY-MM-DD)");
	if (c->napplied > CASE_APPLIED_MAX)
		return err_set(e, ERR_INVALID, "at most %d provisions applied",
			       CASE_APPLIED_MAX);
	for (size_t i = 0; i < c->napplied; i++)
		if (!c->applied[i].work_uri || strncmp(c->applied[i].work_uri, "/akn/", 5) ||
		    !c->applied[i].eid || !*c->applied[i].eid)
			return err_set(e, ERR_INVALID, "provisions applied: each needs a work URI "
				       "(/akn/...) and an eId");
	return ERR_OK;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *caselaw_json(const struct caselaw *c)
{
	const struct {
		const char *key, *value;
	} f[] = {
		{ "court", c->court }, { "decided", c->decided }, { "citation", c->citation },
		{ "parties", c->parties }, { "summary", c->summary }, { "facts", c->facts },
		{ "outcome", c->outcome }, { "evidence_issues", c->evidence_issues },
		{ "keywords", c->keywords }, { "work_uri", c->work_uri },
	};
	json_t *j = record_json(&c->rec), *applied = json_array();

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		json_object_set_new(j, f[i].key, str_or_null(f[i].value));
	for (size_t i = 0; i < c->napplied; i++)
		json_array_append_new(applied, json_pack("{s:s, s:s}", "work_uri",
							 c->applied[i].work_uri, "eid",
							 c->applied[i].eid));
	json_object_set_new(j, "applied", applied);
	return j;
}

int caselaw_from_json(struct store *s, pool *p, json_t *o, struct caselaw *c, struct err *e)
{
	const struct {
		const char *key;
		const char **dst;
	} f[] = {
		{ "court", &c->court }, { "decided", &c->decided }, { "citation", &c->citation },
		{ "parties", &c->parties }, { "summary", &c->summary }, { "facts", &c->facts },
		{ "outcome", &c->outcome }, { "evidence_issues", &c->evidence_issues },
		{ "keywords", &c->keywords }, { "work_uri", &c->work_uri },
	};
	json_t *applied, *v;
	size_t i;
	int rc;

	if ((rc = record_from_json(s, p, o, &c->rec, e)))
		return rc;
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if ((rc = record_json_take(p, o, f[i].key, f[i].dst, e)))
			return rc;
	if (!(applied = json_object_get(o, "applied")))
		return ERR_OK;
	if (json_is_null(applied)) {
		c->napplied = 0;
		return ERR_OK;
	}
	if (!json_is_array(applied) || json_array_size(applied) > CASE_APPLIED_MAX)
		return err_set(e, ERR_INVALID, "applied must be an array of at most %d "
			       "{\"work_uri\", \"eid\"}", CASE_APPLIED_MAX);
	c->applied = pool_calloc(p, json_array_size(applied) + 1, sizeof(*c->applied));
	c->napplied = 0;
	json_array_foreach(applied, i, v) {
		struct case_link *l = &c->applied[c->napplied++];

		if (!json_is_object(v) || record_json_take(p, v, "work_uri", &l->work_uri, NULL) ||
		    record_json_take(p, v, "eid", &l->eid, NULL) || !l->work_uri || !l->eid)
			return err_set(e, ERR_INVALID, "applied[%zu] must be {\"work_uri\": "
				       "\"/akn/...\", \"eid\": \"sec_1\"}", i);
	}
	return ERR_OK;
}

/* The edited caselaw as a proposed change: its fields, not who changed it when. */
static const char *proposal(pool *p, const struct caselaw *c)
{
	struct caselaw copy = *c;

	record_workflow_clear(&copy.rec);
	return record_json_text(p, caselaw_json(&copy));
}

int caselaw_save(struct store *s, const struct actor *a, struct caselaw *c, long long *id,
		 struct err *e)
{
	pool *p = pool_new();
	int rc;

	if (!c->rec.tlp)
		c->rec.tlp = "CLEAR";
	if ((rc = caselaw_validate(c, e)) || (rc = record_place_valid(s, &c->rec, e)) ||
	    (rc = store_begin(s, e)))
		goto out;
	if ((rc = record_store(s, p, a, &c->rec, REC_CASE, c->rec.id ?
				 proposal(p, c) : NULL, e)))
		goto fail;
	/* a proposed change waits for review: the record stays as published */
	if ((!c->rec.pending && (rc = store_case_put(s, c, e))) || (rc = store_commit(s, e)))
		goto fail;
	*id = c->rec.id;
	goto out;
fail:
	store_rollback(s);
out:
	pool_free(p);
	return rc;
}

int caselaw_get(struct store *s, pool *p, long long id, struct caselaw **out, struct err *e)
{
	return store_case_get(s, p, id, out, e);
}

int caselaw_list(struct store *s, pool *p, const struct record_query *q,
		 struct caselaw **out, size_t *n, struct err *e)
{
	struct record_query cq = *q;
	struct record *rs;
	size_t nr;
	int rc;

	cq.kind = REC_CASE;
	if ((rc = store_record_list(s, p, &cq, &rs, &nr, e)))
		return rc;
	*out = pool_calloc(p, nr ? nr : 1, sizeof(**out));
	*n = 0;
	for (size_t i = 0; i < nr; i++) {
		struct caselaw *c;

		if ((rc = store_case_get(s, p, rs[i].id, &c, e)))
			return rc;
		(*out)[(*n)++] = *c;
	}
	return ERR_OK;
}
