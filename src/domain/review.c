#include "domain/review.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/names.h"
#include "domain/audit.h"
#include "domain/kind.h"
#include "domain/legislation.h"
#include "domain/limits.h"
#include "domain/tx.h"
#include "store/store.h"


static const char *const decision_names[] = { "publish", "reject" };

int review_decision_parse(const char *s)
{
	return names_index(decision_names, NAMES_COUNT(decision_names), s);
}

int review_change_get(struct store *s, pool *p, long long id, struct record_change **out,
		      struct err *e)
{
	return store_change_get(s, p, id, out, e);
}

static const char *field_text(pool *p, json_t *v)
{
	char *t;
	const char *copy;

	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return pool_strdup(p, json_string_value(v));
	t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	copy = pool_strdup(p, t ? t : "");
	free(t);
	return copy;
}

int review_change_diff(struct store *s, pool *p, const struct record *rec,
		       const struct record_change *c, struct review_field **out, size_t *n,
		       struct err *e)
{
	/* the workflow's fields, never proposed */
	static const char *const own[] = { "id", "kind", "status", "revision", "created_at",
					   "created_by", "changed_at", "changed_by" };
	json_t *now = NULL, *want = json_loads(c->content, 0, NULL), *v;
	const char *key;
	int rc;

	*n = 0;
	if (!json_is_object(want)) {
		json_decref(want);
		return err_set(e, ERR_INTERNAL, "the proposed change is not a JSON object");
	}
	if ((rc = kind_current_json(s, p, rec, &now, e))) {
		json_decref(want);
		return rc;
	}
	*out = pool_calloc(p, json_object_size(want) + 1, sizeof(**out));
	json_object_foreach(want, key, v) {
		size_t i = 0;

		while (i < sizeof(own) / sizeof(own[0]) && strcmp(own[i], key))
			i++;
		if (i < sizeof(own) / sizeof(own[0]) || json_equal(v, json_object_get(now, key)))
			continue;
		(*out)[*n].key = pool_strdup(p, key);
		(*out)[*n].published = field_text(p, json_object_get(now, key));
		(*out)[(*n)++].proposed = field_text(p, v);
	}
	json_decref(now);
	json_decref(want);
	return ERR_OK;
}

/* The proposed change of rec, if any: applied or dropped. *done counts it. */
static int decide_change(struct store *s, pool *p, const struct actor *a,
			 const struct record *rec, enum review_decision d, int *done,
			 struct err *e)
{
	struct record_change *c;
	json_t *content;
	int rc = store_change_get(s, p, rec->id, &c, NULL);

	if (rc == ERR_NOTFOUND)
		return ERR_OK;
	if (rc)
		return err_set(e, rc, "cannot read the proposed change of record %lld", rec->id);
	if (d == REVIEW_PUBLISH) {
		if (!(content = json_loads(c->content, 0, NULL)))
			return err_set(e, ERR_INTERNAL, "the proposed change of record %lld is "
				       "not JSON", rec->id);
		rc = kind_apply(s, p, a, rec, content, e);
		json_decref(content);
		if (rc)
			return rc;
	}
	(*done)++;
	return store_change_delete(s, rec->id, e);
}

/* The pending versions of work rec (one when version names it): put in force or
 * dropped. */
static int decide_versions(struct store *s, pool *p, const struct actor *a,
			   struct record *rec, const char *version, enum review_decision d,
			   int *done, const char **what, struct err *e)
{
	struct expression *xs;
	size_t n;
	int rc, published = 0;

	if (rec->kind != REC_LEGISLATION)
		return ERR_OK;
	if ((rc = store_expr_list(s, p, rec->id, &xs, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		const char *name = pool_printf(p, "%s@%s", xs[i].language, xs[i].date);

		if (!xs[i].pending || (version && strcmp(version, name)))
			continue;
		rc = d == REVIEW_PUBLISH ? store_expr_set_pending(s, xs[i].id, 0, e) :
		     store_expr_delete(s, xs[i].id, e);
		if (rc)
			return rc;
		published += d == REVIEW_PUBLISH;
		*what = pool_printf(p, "%s%s%s", *what, **what ? ", " : "", name);
		(*done)++;
	}
	if (!published)
		return ERR_OK;
	/* a new version in force: the old state of the record as a revision */
	if ((rc = store_expr_restatus(s, rec->id, e)) ||
	    (rc = record_before_edit(s, p, a, rec, e)))
		return rc;
	return store_record_update(s, rec, e);
}

int review_decide(struct store *s, const struct actor *a, long long id, const char *version,
		  enum review_decision d, const char *note, struct err *e)
{
	pool *p = pool_new();
	struct record *rec;
	const char *versions = "";
	struct tx t = {0};
	int rc, done = 0;

	if (note && strlen(note) > LIMIT_NOTE) {
		rc = err_set(e, ERR_INVALID, "the note is longer than %d bytes", LIMIT_NOTE);
		goto out;
	}
	if ((unsigned)d > REVIEW_REJECT) {
		rc = err_set(e, ERR_INVALID, "the decision is publish or reject");
		goto out;
	}
	if ((rc = tx_begin(&t, s, e)) || (rc = store_record_get(s, p, id, &rec, e)) ||
	    (rc = record_allow(a, ACT_PUBLISH, rec, e)) ||
	    (!version && (rc = decide_change(s, p, a, rec, d, &done, e))) ||
	    (rc = decide_versions(s, p, a, rec, version, d, &done, &versions, e)))
		goto out;
	if (!done) {
		if (version)
			rc = err_set(e, ERR_NOTFOUND, "version %.60s of record %lld is not waiting "
				     "for review", version, id);
		else
			rc = err_set(e, ERR_NOTFOUND, "nothing of record %lld waits for review",
				     id);
		goto out;
	}
	rc = audit_by(s, a, d == REVIEW_PUBLISH ? AUDIT_CHANGE_PUBLISH : AUDIT_CHANGE_REJECT,
		      pool_printf(p, "record/%lld", id),
		      pool_printf(p, "%s%s%s%s%s", record_kind_name(rec->kind),
				  *versions ? ", versions " : "", versions,
				  note && *note ? ": " : "", note ? note : ""), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}
