/* assist (by organisation): a provider's matches and a donor's funding, of the
 * requests the asker may read (assist.h, "by organisation"). The rows come from the
 * store by organisation (indexes of migration 22); each distinct request is read once
 * through assist_request_get, the one reading rule. */
#include <stdlib.h>
#include <string.h>

#include "domain/assist_impl.h"
#include "store/store.h"

static int by_id(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return a < b ? -1 : a > b;
}

int assist_readable(struct store *s, pool *p, const struct actor *a, long long *ids,
		    size_t *n, struct assist_request ***reqs, struct err *e)
{
	size_t k = 0;

	qsort(ids, *n, sizeof(*ids), by_id);
	for (size_t i = 0; i < *n; i++)
		if (!k || ids[k - 1] != ids[i])
			ids[k++] = ids[i];
	*n = k;
	*reqs = pool_calloc(p, k ? k : 1, sizeof(**reqs));
	for (size_t i = 0; i < k; i++) {
		struct err none = { 0 };
		int rc = assist_request_get(s, p, a, ids[i], &(*reqs)[i], &none);

		if (rc == ERR_NOTFOUND)
			(*reqs)[i] = NULL;
		else if (rc)
			return err_set(e, rc, "%s", none.msg);
	}
	return ERR_OK;
}

const struct assist_request *assist_readable_find(const long long *ids,
						  struct assist_request *const *reqs,
						  size_t n, long long id)
{
	const long long *at = bsearch(&id, ids, n, sizeof(*ids), by_id);

	return at ? reqs[at - ids] : NULL;
}

int assist_org_matches(struct store *s, pool *p, const struct actor *a, long long org,
		       struct assist_match **out, const struct assist_request ***reqs,
		       size_t *n, struct err *e)
{
	struct assist_match *m;
	struct assist_request **rq;
	long long *ids;
	size_t nm, nid, k = 0;
	int rc;

	*out = NULL;
	*reqs = NULL;
	*n = 0;
	if ((rc = store_assist_match_list_org(s, p, org, &m, &nm, e)))
		return rc;
	ids = pool_calloc(p, nm ? nm : 1, sizeof(*ids));
	for (size_t i = 0; i < nm; i++)
		ids[i] = m[i].request;
	nid = nm;
	if ((rc = assist_readable(s, p, a, ids, &nid, &rq, e)))
		return rc;
	*reqs = pool_calloc(p, nm ? nm : 1, sizeof(**reqs));
	for (size_t i = 0; i < nm; i++) {
		const struct assist_request *r = assist_readable_find(ids, rq, nid, m[i].request);

		if (!r)
			continue;
		(*reqs)[k] = r;
		m[k++] = m[i];
	}
	*out = m;
	*n = k;
	return ERR_OK;
}

int assist_org_funds(struct store *s, pool *p, const struct actor *a, long long org,
		     struct assist_fund **out, const struct assist_request ***reqs,
		     size_t *n, struct err *e)
{
	struct assist_fund *f;
	struct assist_request **rq;
	long long *ids;
	size_t nf, nid, k = 0;
	int rc;

	*out = NULL;
	*reqs = NULL;
	*n = 0;
	if ((rc = store_assist_fund_list_donor(s, p, org, &f, &nf, e)))
		return rc;
	ids = pool_calloc(p, nf ? nf : 1, sizeof(*ids));
	for (size_t i = 0; i < nf; i++)
		ids[i] = f[i].request;
	nid = nf;
	if ((rc = assist_readable(s, p, a, ids, &nid, &rq, e)))
		return rc;
	*reqs = pool_calloc(p, nf ? nf : 1, sizeof(**reqs));
	for (size_t i = 0; i < nf; i++) {
		const struct assist_request *r = assist_readable_find(ids, rq, nid, f[i].request);

		if (!r)
			continue;
		(*reqs)[k] = r;
		f[k++] = f[i];
	}
	*out = f;
	*n = k;
	return ERR_OK;
}
