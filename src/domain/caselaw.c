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
	if (c->napplied > 500)
		return err_set(e, ERR_INVALID, "at most 500 provisions applied");
	for (size_t i = 0; i < c->napplied; i++)
		if (!c->applied[i].work_uri || strncmp(c->applied[i].work_uri, "/akn/", 5) ||
		    !c->applied[i].eid || !*c->applied[i].eid)
			return err_set(e, ERR_INVALID, "provisions applied: each needs a work URI "
				       "(/akn/...) and an eId");
	return ERR_OK;
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
	if ((rc = record_store(s, p, a, &c->rec, REC_CASE, e)))
		goto fail;
	if ((rc = store_case_put(s, c, e)) || (rc = store_commit(s, e)))
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
