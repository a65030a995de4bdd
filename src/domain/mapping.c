/* Mappings of national provisions to instrument articles: accepted by curators,
 * rejected, or suggested by ccrepo (never a mapping until accepted). */
#include <string.h>

#include "domain/audit.h"
#include "domain/instrument.h"
#include "core/lang.h"
#include "domain/legislation.h"
#include "domain/limits.h"
#include "domain/suggest.h"
#include "domain/tx.h"
#include "store/store.h"

int mapping_list_work(struct store *s, pool *p, long long work_id, struct mapping **out,
		      size_t *n, struct err *e)
{
	return store_mapping_list(s, p, work_id, NULL, 0, out, n, e);
}

int mapping_list_article(struct store *s, pool *p, const char *instrument, int article,
			 struct mapping **out, size_t *n, struct err *e)
{
	return store_mapping_list(s, p, 0, instrument, article, out, n, e);
}

static const char *const states[] = { "suggested", "accepted", "rejected" };

/* Whether some version of the work has a provision eid. */
static int provision_exists(struct store *s, long long work_id, const char *eid)
{
	int found = 0;

	return eid && !store_prov_in_work(s, work_id, eid, &found, NULL) && found;
}

int mapping_set(struct store *s, const struct actor *a, long long work_id, const char *eid,
		const char *instrument, int article, const char *state, const char *extent,
		const char *comment, struct err *e)
{
	pool *p = pool_new();
	struct work *w;
	struct article *ar;
	struct mapping m;
	struct tx t = {0};
	int rc, known = 0;

	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		known |= state && !strcmp(state, states[i]);
	if (!known) {
		rc = err_set(e, ERR_INVALID, "a mapping's state is accepted, rejected or suggested");
		goto out;
	}
	if (!strcmp(state, "accepted") && (!extent || (strcmp(extent, "full") &&
						       strcmp(extent, "partial")))) {
		rc = err_set(e, ERR_INVALID, "an accepted mapping is full or partial");
		goto out;
	}
	if (strcmp(state, "accepted"))
		extent = NULL;
	if (comment && strlen(comment) > LIMIT_MAPPING_COMMENT) {
		rc = err_set(e, ERR_INVALID, "the comment is longer than %d bytes",
			     LIMIT_MAPPING_COMMENT);
		goto out;
	}
	if ((rc = store_work_get(s, p, NULL, work_id, &w, e)) ||
	    (rc = record_allow(a, ACT_MAP, &w->rec, e)))
		goto out;
	if ((rc = instrument_article(s, p, instrument, article, &ar, e)))
		goto out;
	if (!provision_exists(s, work_id, eid)) {
		rc = err_set(e, ERR_INVALID, "the work has no provision %.80s", eid ? eid : "");
		goto out;
	}
	memset(&m, 0, sizeof(m));
	m.work_id = work_id;
	m.eid = eid;
	m.instrument = instrument;
	m.article = article;
	m.state = state;
	m.extent = extent;
	m.comment = comment;
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_mapping_put(s, &m, record_now(p), a->name, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_MAPPING_SET, pool_printf(p, "record/%lld", work_id),
		      pool_printf(p, "%s -> %s/%d: %s%s%s", eid, instrument, article, state,
				  extent ? ", " : "", extent ? extent : ""), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

/* The index of pv[i]'s parent (before it), or -1. */
static long parent_index(const struct provision *pv, size_t i)
{
	for (size_t k = i; pv[i].parent_id && k-- > 0;)
		if (pv[k].id == pv[i].parent_id)
			return (long)k;
	return -1;
}

int mapping_suggest_work(struct store *s, const struct actor *a, long long work_id,
			 size_t *n, struct err *e)
{
	pool *p = pool_new();
	struct work *w;
	struct expression *x;
	struct provision *pv;
	struct suggest_item *it;
	size_t np;
	const char *now = record_now(p);
	struct tx t = {0};
	int rc;

	*n = 0;
	if ((rc = store_work_get(s, p, NULL, work_id, &w, e)) ||
	    (rc = record_allow(a, ACT_MAP, &w->rec, e)) ||
	    (rc = legislation_as_of(s, p, work_id, NULL, "9999-12-31", &x, e)) ||
	    (rc = store_prov_list(s, p, x->id, &pv, &np, e)))
		goto out;
	it = pool_calloc(p, np ? np : 1, sizeof(*it));
	for (size_t i = 0; i < np; i++) {
		it[i].heading = pv[i].heading;
		it[i].text = pv[i].text;
		it[i].kind = pv[i].kind;
		it[i].parent = parent_index(pv, i);
	}
	/* suggestions made before (by older rules) that no longer hold go */
	if ((rc = suggest_work(p, it, np, lang_parse(w->rec.language, -1), e)) ||
	    (rc = tx_begin(&t, s, e)) || (rc = store_mapping_unsuggest(s, work_id, e)))
		goto out;
	for (size_t i = 0; i < np; i++) {
		for (size_t k = 0; k < it[i].n; k++) {
			const struct suggestion *sg = &it[i].sg[k];
			struct mapping m;

			memset(&m, 0, sizeof(m));
			m.work_id = work_id;
			m.eid = pv[i].eid;
			m.instrument = sg->instrument;
			m.article = sg->article;
			m.state = "suggested";
			m.score = sg->score;
			m.reason = sg->reason;
			m.phrase = sg->phrase;
			if ((rc = store_mapping_put(s, &m, now, a->name, e)))
				goto out;
			(*n)++;
		}
	}
	if (*n)
		rc = audit_by(s, a, AUDIT_MAPPING_SUGGEST, pool_printf(p, "record/%lld", work_id),
			      pool_printf(p, "%zu suggestions", *n), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}
