/* Mappings of national provisions to instrument articles: accepted by curators,
 * rejected, or suggested by ccrepo (never a mapping until accepted). */
#include <string.h>

#include "core/utf8.h"
#include "domain/audit.h"
#include "domain/instrument.h"
#include "core/lang.h"
#include "domain/limits.h"
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

/* "un-cc/7" into instrument (in p) and number. */
static int article_ref(pool *p, const char *ref, const char **instrument, int *number,
		       struct err *e)
{
	const char *slash = ref ? strrchr(ref, '/') : NULL;

	if (!slash || slash == ref || strlen(ref) > LIMIT_ARTICLE_REF ||
	    instrument_article_number(slash + 1, number, NULL))
		return err_set(e, ERR_INVALID, "name the article as instrument/number, such as "
			       "un-cc/7 or coe-185/2");
	*instrument = pool_strndup(p, ref, (size_t)(slash - ref));
	return ERR_OK;
}

/* The record id of the work at uri. */
static int work_of(struct store *s, pool *p, const char *uri, long long *id, struct err *e)
{
	struct err le = { 0 };
	struct work *w;
	int rc = uri && *uri ? legislation_get(s, p, uri, &w, &le) : ERR_NOTFOUND;

	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no work has the URI %.200s", uri ? uri : "");
	if (rc)
		return err_set(e, (enum err_code)rc, "%s", le.msg);
	*id = w->rec.id;
	return ERR_OK;
}

/* mapping_decide on a work found already. */
static int decide(struct store *s, const struct actor *a, pool *p, long long work_id,
		  const char *eid, const char *article, const char *decision,
		  const char *comment, struct err *e)
{
	const char *instrument = NULL, *state = "accepted", *extent = decision;
	int number = 0, rc;

	if (!decision || (strcmp(decision, "full") && strcmp(decision, "partial") &&
			  strcmp(decision, "reject")))
		return err_set(e, ERR_INVALID, "a decision is full, partial or reject");
	if (!strcmp(decision, "reject")) {
		state = "rejected";
		extent = NULL;
	}
	if ((rc = article_ref(p, article, &instrument, &number, e)))
		return rc;
	return mapping_set(s, a, work_id, eid, instrument, number, state, extent,
			   comment && *comment ? comment : NULL, e);
}

int mapping_decide(struct store *s, const struct actor *a, const char *work_uri,
		   const char *eid, const char *article, const char *decision,
		   const char *comment, struct err *e)
{
	pool *p = pool_new();
	long long id;
	int rc;

	if (!(rc = work_of(s, p, work_uri, &id, e)))
		rc = decide(s, a, p, id, eid, article, decision, comment, e);
	pool_free(p);
	return rc;
}

/* Split line (modified) at tabs into at most max fields; the count, or max + 1 when
 * there are more. */
static int split_tabs(char *line, char **f, int max)
{
	int n = 0;

	for (char *c = line;; c++) {
		if (n == max)
			return max + 1;
		f[n++] = c;
		if (!(c = strchr(c, '\t')))
			return n;
		*c = '\0';
	}
}

/* One row of a mapping file: ERR_OK stored or skipped (*skipped set), else the error. */
static int load_row(struct store *s, const struct actor *a, pool *p, char *line,
		    const char **last_uri, long long *last_id, int *skipped, struct err *e)
{
	char *f[5];
	int n = split_tabs(line, f, 5), rc;

	*skipped = 0;
	if (n < 4 || n > 5)
		return err_set(e, ERR_INVALID, "a row has work URI, eId, article, judgment and "
			       "note, separated by tabs");
	if (!strcmp(f[3], "none") || !strcmp(f[3], "scope")) {
		*skipped = 1;
		return ERR_OK;
	}
	if (strcmp(f[3], "full") && strcmp(f[3], "partial"))
		return err_set(e, ERR_INVALID, "the judgment is full, partial, none or scope");
	if (!*last_uri || strcmp(*last_uri, f[0])) {
		*last_uri = NULL;
		if ((rc = work_of(s, p, f[0], last_id, e)))
			return rc;
		*last_uri = pool_strdup(p, f[0]);
	}
	return decide(s, a, p, *last_id, f[1], f[2], f[3], n == 5 ? f[4] : NULL, e);
}

int mapping_load_tsv(struct store *s, const struct actor *a, const char *text, size_t len,
		     int strict, mapping_bad_row_fn *bad, void *ud, struct mapping_load *out,
		     struct err *e)
{
	pool *p;
	const char *at = text, *end = text + len, *last_uri = NULL;
	long long last_id = 0;
	size_t lineno = 0;
	struct tx t = {0};
	int rc;

	memset(out, 0, sizeof(*out));
	if (len > LIMIT_MAPPING_FILE)
		return err_set(e, ERR_TOOLARGE, "the mapping file is larger than %d bytes",
			       LIMIT_MAPPING_FILE);
	if (!utf8_valid(text, len) || memchr(text, '\0', len))
		return err_set(e, ERR_INVALID, "%s: not valid UTF-8", "the mapping file");
	if ((rc = tx_begin(&t, s, e)))
		return rc;
	p = pool_new();
	while (at < end && !rc) {
		const char *nl = memchr(at, '\n', (size_t)(end - at));
		size_t n = (size_t)((nl ? nl : end) - at);
		char *line = pool_strndup(p, at, n);
		struct err re = { 0 };
		int skipped;

		at = nl ? nl + 1 : end;
		lineno++;
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		if (!n || line[0] == '#' || strspn(line, " \t") == n)
			continue;
		if (!load_row(s, a, p, line, &last_uri, &last_id, &skipped, &re)) {
			out->stored += !skipped;
			out->skipped += skipped;
			continue;
		}
		if (re.code != ERR_INVALID && re.code != ERR_NOTFOUND &&
		    re.code != ERR_FORBIDDEN && re.code != ERR_TOOLARGE) {
			/* the store failed, not the row: stop, nothing stored */
			rc = err_set(e, re.code, "line %zu: %s", lineno, re.msg);
			out->stored = 0;
			break;
		}
		out->bad++;
		if (bad)
			bad(ud, lineno, &re);
		if (strict) {
			rc = err_set(e, re.code, "line %zu: %s", lineno, re.msg);
			out->stored = 0;
		}
	}
	pool_free(p);
	return tx_end(&t, rc, e);
}
