/* assist_match: offers, suggested matches and their reasons, confirmed and accepted
 * matches, evaluations, and the duplication warnings (domain/assist.h). */
#include "domain/assist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "domain/assist_impl.h"
#include "domain/audit.h"
#include "domain/country.h"
#include "domain/needs.h"
#include "domain/tx.h"
#include "domain/user.h"
#include "store/store.h"

const char *const assist_match_status_names[AM_STATUS_COUNT] = {
	"confirmed", "accepted", "declined",
};

/* The terms of a suggestion's score: each weight times a share from 0 to 1. */
const struct assist_weight_def assist_weights[AWT_COUNT] = {
	[AWT_LANGUAGE] = { "language", 3, "share of the request's languages offered" },
	[AWT_REGION] = { "region", 2, "the offer covers the country's region or the world" },
	[AWT_CAPACITY] = { "capacity", 2, "share of the yearly capacity left" },
	[AWT_MODE] = { "mode", 1, "share of the modes wanted that are offered" },
	[AWT_RATING] = { "rating", 2, "the provider's mean evaluation, 1 to 5 as 0 to 1" },
};

static int topic_ok(const char *k)
{
	return needs_topic(k) != NULL;
}

/* an M49 code of three digits; that it exists is checked after */
static int m49_ok(const char *k)
{
	return strlen(k) == 3 && k[0] >= '0' && k[0] <= '9' && k[1] >= '0' && k[1] <= '9' &&
	       k[2] >= '0' && k[2] <= '9';
}

/* ---- offers ---- */

int assist_offer_add(struct store *s, pool *p, const struct actor *a,
		     const struct assist_offer_in *in, long long *id, struct err *e)
{
	struct assist_offer o;
	struct record rec;
	struct org *org;
	struct region *g;
	size_t n;
	struct tx t = { 0 };
	int rc;

	memset(&o, 0, sizeof(o));
	if (!assist_none(in->org)) {
		if (store_org_list(s, p, in->org, &org, &n, NULL)) {
			rc = err_set(e, ERR_INVALID, "%s: '%.60s' is no organisation", "org",
				     in->org);
			goto out;
		}
		o.org = org->id;
	} else if (a && a->org_id) {
		o.org = a->org_id;
	} else {
		rc = err_set(e, ERR_INVALID, "%s: is required", "org");
		goto out;
	}
	memset(&rec, 0, sizeof(rec));
	rec.owner_org = o.org;
	if ((rc = record_allow(a, ACT_OFFER, &rec, e)))
		goto out;
	if (assist_none(in->title) || !assist_text_ok(in->title, LIMIT_ASSIST_TITLE)) {
		rc = err_set(e, ERR_INVALID, "title: is required, at most %d bytes of UTF-8",
			     LIMIT_ASSIST_TITLE);
		goto out;
	}
	o.title = in->title;
	if ((rc = assist_keys(p, "topics", in->topics, NULL, topic_ok, LIMIT_ASSIST_ITEMS, 0,
			      &o.topics, e)) ||
	    (rc = assist_keys(p, "regions", in->regions, NULL, m49_ok, LIMIT_ASSIST_ITEMS, 1,
			      &o.regions, e)) ||
	    (rc = assist_keys(p, "languages", in->languages, NULL, assist_language_ok,
			      LIMIT_ASSIST_ITEMS, 0, &o.languages, e)) ||
	    (rc = assist_keys(p, "modes", in->modes, assist_modes, NULL, LIMIT_ASSIST_ITEMS,
			      0, &o.modes, e)) ||
	    (rc = assist_dates("period_from", in->period_from, "period_to", in->period_to,
			       e)))
		goto out;
	for (const char *at = o.regions; *at; at += strcspn(at, ",") + !!at[strcspn(at, ",")]) {
		const char *code = pool_strndup(p, at, strcspn(at, ","));

		if (region_get(s, p, code, &g, NULL)) {
			rc = err_set(e, ERR_INVALID, "regions: '%.20s' is no M49 region", code);
			goto out;
		}
	}
	if (assist_none(in->capacity) || strlen(in->capacity) > 5 ||
	    strspn(in->capacity, "0123456789") != strlen(in->capacity) ||
	    (o.capacity = atoll(in->capacity)) < 1 || o.capacity > LIMIT_ASSIST_CAPACITY) {
		rc = err_set(e, ERR_INVALID, "capacity: activities a year, from 1 to %d",
			     LIMIT_ASSIST_CAPACITY);
		goto out;
	}
	o.period_from = assist_none(in->period_from) ? NULL : in->period_from;
	o.period_to = assist_none(in->period_to) ? NULL : in->period_to;
	o.created_at = record_now(p);
	o.created_by = assist_actor_name(a);
	if ((rc = tx_begin(&t, s, e)) || (rc = store_assist_offer_put(s, &o, id, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_ASSIST_OFFER, pool_printf(p, "assist-offer/%lld", *id),
		      pool_printf(p, "org %lld: %s", o.org, o.topics), e);
out:
	return tx_end(&t, rc, e);
}

int assist_offer_get(struct store *s, pool *p, long long id, struct assist_offer **out,
		     struct err *e)
{
	if (store_assist_offer_get(s, p, id, out, NULL))
		return err_set(e, ERR_NOTFOUND, "no offer %lld", id);
	return ERR_OK;
}

int assist_offer_list(struct store *s, pool *p, int all, struct assist_offer **out,
		      size_t *n, struct err *e)
{
	return store_assist_offer_list(s, p, all, out, n, e);
}

int assist_offer_withdraw(struct store *s, pool *p, const struct actor *a, long long id,
			  struct err *e)
{
	struct assist_offer *o;
	struct record rec;
	struct tx t = { 0 };
	int rc;

	if ((rc = assist_offer_get(s, p, id, &o, e)))
		goto out;
	memset(&rec, 0, sizeof(rec));
	rec.owner_org = o->org;
	if ((rc = record_allow(a, ACT_OFFER, &rec, e)))
		goto out;
	if (o->withdrawn_at) {
		rc = err_set(e, ERR_CONFLICT, "offer: %lld was withdrawn on %.10s", id,
			     o->withdrawn_at);
		goto out;
	}
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_assist_offer_withdraw(s, id, record_now(p), assist_actor_name(a), e)))
		goto out;
	rc = audit_by(s, a, AUDIT_ASSIST_OFFER_WITHDRAW, pool_printf(p, "assist-offer/%lld",
		      id), NULL, e);
out:
	return tx_end(&t, rc, e);
}

/* ---- scores ---- */

/* What scoring one request against many offers reads once. */
struct scoring {
	const struct assist_request *r;
	const struct country *c;
	struct assist_used *used;	/* accepted matches in year, by offer */
	size_t nused;
	struct assist_rating *ratings;
	size_t nratings;
	int year;
	const char *start;		/* the request's start, or today */
};

/* How many items of list a are in list b, and which, into *k and names. */
static size_t shared(pool *p, const char *a, const char *b, const char **names)
{
	size_t k = 0;

	*names = "";
	for (const char *at = a; at && *at;) {
		size_t len = strcspn(at, ",");
		const char *item = pool_strndup(p, at, len);

		if (assist_list_has(b, item)) {
			*names = k ? pool_printf(p, "%s, %s", *names, item) : item;
			k++;
		}
		at += len + (at[len] != 0);
	}
	return k;
}

static size_t count_items(const char *list)
{
	size_t n = 0;

	for (const char *at = list; at && *at; at += strcspn(at, ",") + !!at[strcspn(at, ",")])
		n++;
	return n;
}

static void term(struct assist_suggestion *sg, enum assist_weight w, double x,
		 const char *why)
{
	struct assist_term *t = &sg->terms[w];

	t->weight = w;
	t->w = assist_weights[w].w;
	t->x = x;
	t->value = t->w * x;
	t->why = why;
	sg->score += t->value;
}

/* Score offer o for sc's request into sg; 0 when it is not to be suggested (not its
 * topic, withdrawn, its period over before the request starts). */
static int score(pool *p, const struct scoring *sc, const struct assist_offer *o,
		 struct assist_suggestion *sg)
{
	const struct assist_request *r = sc->r;
	const char *names;
	size_t k, n;
	long long used = 0;

	memset(sg, 0, sizeof(*sg));
	if (!assist_list_has(o->topics, r->topic) || o->withdrawn_at ||
	    (o->period_to && strcmp(o->period_to, sc->start) < 0))
		return 0;
	sg->offer = o;
	n = count_items(r->languages);
	k = shared(p, r->languages, o->languages, &names);
	term(sg, AWT_LANGUAGE, n ? (double)k / (double)n : 0,
	     pool_printf(p, "%zu of %zu languages%s%s%s", k, n, k ? " (" : "", names,
			 k ? ")" : ""));
	if (!*o->regions)
		term(sg, AWT_REGION, 1, "offered to the world");
	else if (sc->c && (assist_list_has(o->regions, sc->c->region) ||
			   assist_list_has(o->regions, sc->c->subregion) ||
			   assist_list_has(o->regions, sc->c->intermediate) ||
			   assist_list_has(o->regions, "001")))
		term(sg, AWT_REGION, 1, pool_printf(p, "offered in the region of %s",
						    r->country));
	else
		term(sg, AWT_REGION, 0, pool_printf(p, "not offered in the region of %s",
						    r->country));
	for (size_t lo = 0, hi = sc->nused; lo < hi;) {	/* sc->used is by offer */
		size_t mid = lo + (hi - lo) / 2;

		if (sc->used[mid].offer == o->id) {
			used = sc->used[mid].count;
			break;
		}
		if (sc->used[mid].offer < o->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	sg->year = sc->year;
	sg->capacity_left = o->capacity > used ? o->capacity - used : 0;
	term(sg, AWT_CAPACITY, (double)sg->capacity_left / (double)o->capacity,
	     pool_printf(p, "%lld of %lld activities left in %d", sg->capacity_left,
			 o->capacity, sc->year));
	n = count_items(r->modes);
	k = shared(p, r->modes, o->modes, &names);
	if (!n)
		term(sg, AWT_MODE, 1, "no mode asked for");
	else
		term(sg, AWT_MODE, (double)k / (double)n,
		     pool_printf(p, "%zu of %zu modes%s%s%s", k, n, k ? " (" : "", names,
				 k ? ")" : ""));
	for (size_t i = 0; i < sc->nratings; i++)
		if (sc->ratings[i].org == o->org && sc->ratings[i].count) {
			double mean = (double)sc->ratings[i].sum / (double)sc->ratings[i].count;

			term(sg, AWT_RATING, (mean - 1) / 4,
			     pool_printf(p, "mean evaluation %.1f of 5 (%lld)", mean,
					 sc->ratings[i].count));
			return 1;
		}
	term(sg, AWT_RATING, 0.5, "no evaluations yet (counted as the middle)");
	return 1;
}

const char *assist_reasons(pool *p, const struct assist_suggestion *sg)
{
	struct sbuf b;
	const char *out;

	sbuf_init(&b);
	for (int i = 0; i < AWT_COUNT; i++) {
		const struct assist_term *t = &sg->terms[i];

		sbuf_addf(&b, "%s%s: %s, %g \xc3\x97 %.2f = %.2f", i ? "; " : "",
			  assist_weights[i].name, t->why ? t->why : "", t->w, t->x, t->value);
	}
	out = pool_strdup(p, b.len ? b.buf : "");
	sbuf_release(&b);
	return out;
}

static int by_score(const void *x, const void *y)
{
	const struct assist_suggestion *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->offer->id < b->offer->id ? -1 : a->offer->id > b->offer->id;
}

static int scoring_init(struct store *s, pool *p, const struct assist_request *r,
			struct scoring *sc, struct err *e)
{
	struct country *c;
	int rc;

	memset(sc, 0, sizeof(*sc));
	sc->r = r;
	sc->c = country_get(s, p, r->country, &c, NULL) ? NULL : c;
	sc->start = r->date_from ? r->date_from : pool_strndup(p, record_now(p), 10);
	sc->year = atoi(sc->start);
	if ((rc = store_assist_offer_used(s, p, pool_printf(p, "%04d", sc->year), &sc->used,
					  &sc->nused, e)) ||
	    (rc = store_assist_ratings(s, p, &sc->ratings, &sc->nratings, e)))
		return rc;
	return ERR_OK;
}

int assist_suggest(struct store *s, pool *p, const struct actor *a, long long id,
		   struct assist_suggestion **out, size_t *n, struct err *e)
{
	struct assist_request *r;
	struct assist_offer *o;
	struct scoring sc;
	size_t no;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = assist_request_get(s, p, a, id, &r, e)) ||
	    (rc = scoring_init(s, p, r, &sc, e)) ||
	    (rc = store_assist_offer_topic(s, p, r->topic, &o, &no, e)))
		return rc;
	*out = pool_calloc(p, no ? no : 1, sizeof(**out));
	for (size_t i = 0; i < no; i++)
		if (score(p, &sc, &o[i], &(*out)[*n]))
			(*n)++;
	qsort(*out, *n, sizeof(**out), by_score);
	return ERR_OK;
}

/* ---- matches ---- */

int assist_match_confirm(struct store *s, pool *p, const struct actor *a, long long request,
			 long long offer, long long *id, struct err *e)
{
	struct assist_request *r;
	struct assist_offer *o;
	struct assist_suggestion sg;
	struct assist_match m;
	struct scoring sc;
	struct tx t = { 0 };
	int rc;

	if ((rc = assist_request_get(s, p, a, request, &r, e)) ||
	    (rc = assist_allow(a, ACT_MATCH, r->country, e)))
		goto out;
	if (store_assist_offer_get(s, p, offer, &o, NULL)) {
		rc = err_set(e, ERR_INVALID, "%s: no offer %lld", "offer", offer);
		goto out;
	}
	if (o->withdrawn_at) {
		rc = err_set(e, ERR_CONFLICT, "offer: %lld was withdrawn on %.10s: a match to "
			     "a withdrawn offer is refused", offer, o->withdrawn_at);
		goto out;
	}
	if (!assist_list_has(o->topics, r->topic)) {
		rc = err_set(e, ERR_CONFLICT, "offer: %lld does not offer the topic %s", offer,
			     r->topic);
		goto out;
	}
	if (!assist_op_stage(r, ASSIST_OP_MATCH)) {
		rc = err_set(e, ERR_CONFLICT, "request %lld is %s: it can no longer be "
			     "matched", request, assist_stage_titles[r->stage]);
		goto out;
	}
	if ((rc = scoring_init(s, p, r, &sc, e)))
		goto out;
	memset(&m, 0, sizeof(m));
	m.request = request;
	m.offer = offer;
	m.status = AM_CONFIRMED;
	m.score = score(p, &sc, o, &sg) ? sg.score : 0;
	m.confirmed_at = record_now(p);
	m.confirmed_by = assist_actor_name(a);
	if ((rc = tx_begin(&t, s, e)))
		goto out;
	if ((rc = store_assist_match_put(s, &m, id, e))) {
		if (rc == ERR_CONFLICT) {
			err_clear(e);
			rc = err_set(e, ERR_CONFLICT, "offer: %lld is matched to request %lld "
				     "already", offer, request);
		}
		goto out;
	}
	rc = audit_by(s, a, AUDIT_ASSIST_MATCH, pool_printf(p, "assist/%lld", request),
		      pool_printf(p, "offer %lld, score %.2f", offer, m.score), e);
out:
	return tx_end(&t, rc, e);
}

int assist_match_answer(struct store *s, pool *p, const struct actor *a, long long id,
			int accept, const char *comment, struct err *e)
{
	struct assist_match *m, *x = NULL;
	struct tx t = { 0 };
	size_t n;
	int rc;

	if ((rc = store_assist_match_list(s, p, 0, 0, &m, &n, e)))
		goto out;
	for (size_t i = 0; i < n; i++)
		if (m[i].id == id)
			x = &m[i];
	if (!x) {
		rc = err_set(e, ERR_NOTFOUND, "no match %lld", id);
		goto out;
	}
	if (!(a && a->local) && !(a && a->user_id && !a->read_only && a->org_id == x->org)) {
		rc = err_set(e, ERR_FORBIDDEN, "only the provider that made the offer answers "
			     "a match");
		goto out;
	}
	if (x->status != AM_CONFIRMED) {
		rc = err_set(e, ERR_CONFLICT, "match %lld was answered already", id);
		goto out;
	}
	if (!assist_text_ok(comment, LIMIT_ASSIST_COMMENT)) {
		rc = err_set(e, ERR_INVALID, "%s: at most %d bytes of UTF-8", "comment",
			     LIMIT_ASSIST_COMMENT);
		goto out;
	}
	x->status = accept ? AM_ACCEPTED : AM_DECLINED;
	x->comment = comment;
	x->answered_at = record_now(p);
	x->answered_by = assist_actor_name(a);
	if ((rc = tx_begin(&t, s, e)) || (rc = store_assist_match_answer(s, x, e)))
		goto out;
	rc = audit_by(s, a, accept ? AUDIT_ASSIST_MATCH_ACCEPT : AUDIT_ASSIST_MATCH_DECLINE,
		      pool_printf(p, "assist/%lld", x->request),
		      pool_printf(p, "match %lld, offer %lld", id, x->offer), e);
out:
	return tx_end(&t, rc, e);
}

int assist_matches(struct store *s, pool *p, const struct actor *a, long long request,
		   struct assist_match **out, size_t *n, struct err *e)
{
	struct assist_request *r;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = assist_request_get(s, p, a, request, &r, e)))
		return rc;
	return store_assist_match_list(s, p, request, 0, out, n, e);
}

int assist_needs_subset(pool *p, const struct assist_request *r, const char *closed,
			struct err *e)
{
	for (const char *at = closed ? closed : ""; *at;) {
		size_t len = strcspn(at, ", ");
		const char *ref = pool_strndup(p, at, len);

		if (len && !assist_list_has(r->needs, ref))
			return err_set(e, ERR_INVALID, "closed_needs: '%.60s' is not a need of "
				       "request %lld", ref, r->id);
		at += len + (at[len] != 0);
	}
	return ERR_OK;
}

int assist_close_needs(struct store *s, pool *p, const struct actor *a, const char *refs,
		       const char *what, struct err *e)
{
	for (const char *at = refs ? refs : ""; *at;) {
		size_t len = strcspn(at, ", ");
		struct need_stated *n;
		int rc;

		if (len > 7 && !strncmp(at, "stated:", 7)) {
			long long nid = atoll(pool_strndup(p, at + 7, len - 7));

			if (!store_need_get(s, p, nid, &n, NULL) && !n->closed_at) {
				if ((rc = store_need_close(s, nid, record_now(p),
							   assist_actor_name(a),
							   pool_printf(p, "met by %s", what), e)) ||
				    (rc = audit_by(s, a, AUDIT_NEED_CLOSE,
						   pool_printf(p, "country/%s", n->country),
						   pool_printf(p, "need %lld: %s met (%s)", nid,
							       n->topic, what), e)))
					return rc;
			}
		}
		at += len + (at[len] != 0);
	}
	return ERR_OK;
}

int assist_evaluate(struct store *s, pool *p, const struct actor *a, long long id,
		    const char *org, int rating, const char *closed_needs, struct err *e)
{
	struct assist_request *r;
	struct assist_match *m;
	struct org *o;
	struct tx t = { 0 };
	size_t n;
	unsigned who;
	int rc, ok = 0;

	if ((rc = assist_request_get(s, p, a, id, &r, e)) ||
	    (rc = assist_who(s, p, a, r, &who, e)))
		goto out;
	if (!(who & (AW_FOCAL | AW_CURATOR))) {
		rc = err_set(e, ERR_FORBIDDEN, "only the country's focal points and curators "
			     "evaluate assistance");
		goto out;
	}
	if (!assist_op_stage(r, ASSIST_OP_EVALUATE)) {
		rc = err_set(e, ERR_CONFLICT, "request %lld is %s: assistance is evaluated "
			     "once delivered", id, assist_stage_titles[r->stage]);
		goto out;
	}
	if (assist_none(org) || store_org_list(s, p, org, &o, &n, NULL)) {
		rc = err_set(e, ERR_INVALID, "%s: '%.60s' is no organisation", "org",
			     org ? org : "");
		goto out;
	}
	if ((rc = store_assist_match_list(s, p, id, 0, &m, &n, e)))
		goto out;
	for (size_t i = 0; i < n; i++)
		ok |= m[i].org == o->id && m[i].status == AM_ACCEPTED;
	if (!ok) {
		rc = err_set(e, ERR_CONFLICT, "org: %.60s has no accepted match on request "
			     "%lld", org, id);
		goto out;
	}
	if (rating < 1 || rating > 5) {
		rc = err_set(e, ERR_INVALID, "rating: from 1 to 5");
		goto out;
	}
	if ((rc = assist_needs_subset(p, r, closed_needs, e)) ||
	    (rc = tx_begin(&t, s, e)) ||
	    (rc = store_assist_eval_put(s, id, o->id, rating, closed_needs, record_now(p),
					assist_actor_name(a), e)) ||
	    (rc = store_assist_rating_refresh(s, o->id, e)) ||
	    (rc = assist_close_needs(s, p, a, closed_needs,
					 pool_printf(p, "assistance request %lld", id), e)))
		goto out;
	rc = audit_by(s, a, AUDIT_ASSIST_EVALUATE, pool_printf(p, "assist/%lld", id),
		      pool_printf(p, "%s: %d", o->name, rating), e);
out:
	return tx_end(&t, rc, e);
}

/* ---- duplication warnings ---- */

void assist_period(const struct assist_request *r, char from[11], char to[11])
{
	if (r->date_from && r->date_to) {
		snprintf(from, 11, "%.10s", r->date_from);
		snprintf(to, 11, "%.10s", r->date_to);
		return;
	}
	snprintf(from, 11, "%.4s-01-01", r->created_at ? r->created_at : "0000");
	snprintf(to, 11, "%.4s-12-31", r->created_at ? r->created_at : "0000");
}

struct span {
	const struct assist_request *r;
	char from[11], to[11];
};

static int by_group_start(const void *x, const void *y)
{
	const struct span *a = x, *b = y;
	int c;

	if ((c = strcmp(a->r->topic, b->r->topic)) || (c = strcmp(a->r->country, b->r->country)) ||
	    (c = strcmp(a->from, b->from)))
		return c;
	return a->r->id < b->r->id ? -1 : a->r->id > b->r->id;
}

static int by_ids(const void *x, const void *y)
{
	const struct assist_overlap *a = x, *b = y;

	if (a->a->id != b->a->id)
		return a->a->id < b->a->id ? -1 : 1;
	return a->b->id < b->b->id ? -1 : a->b->id > b->b->id;
}

/* Whether comma-separated list has the item key[0..k). */
static int has_n(const char *list, const char *key, size_t k)
{
	for (const char *at = list; at && *at;) {
		size_t len = strcspn(at, ",");

		if (len == k && !memcmp(at, key, k))
			return 1;
		at += len + (at[len] != 0);
	}
	return 0;
}

/* The first target group of x that y has too (in p), or NULL; compared in place,
 * since the sweep asks this of every pair it meets. */
static const char *shared_target(pool *p, const struct assist_request *x,
				 const struct assist_request *y)
{
	for (const char *at = x->targets; at && *at;) {
		size_t len = strcspn(at, ",");

		if (has_n(y->targets, at, len))
			return pool_strndup(p, at, len);
		at += len + (at[len] != 0);
	}
	return NULL;
}

void assist_overlaps_find(pool *p, struct assist_request *r, size_t n,
			  struct assist_overlap **out, size_t *nout)
{
	struct span *sp = pool_calloc(p, n ? n : 1, sizeof(*sp));
	size_t *active = pool_calloc(p, n ? n : 1, sizeof(*active));
	size_t ns = 0, cap = 64, k = 0;
	struct assist_overlap *o = pool_calloc(p, cap, sizeof(*o));

	for (size_t i = 0; i < n; i++)
		if (assist_stage_open(r[i].stage)) {
			sp[ns].r = &r[i];
			assist_period(&r[i], sp[ns].from, sp[ns].to);
			ns++;
		}
	qsort(sp, ns, sizeof(*sp), by_group_start);
	for (size_t g = 0; g < ns;) {
		size_t end = g, na = 0;

		while (end < ns && !strcmp(sp[end].r->topic, sp[g].r->topic) &&
		       !strcmp(sp[end].r->country, sp[g].r->country))
			end++;
		/* sweep: the group's spans by start; active holds those not yet ended */
		for (size_t i = g; i < end; i++) {
			size_t keep = 0;

			for (size_t j = 0; j < na; j++)
				if (strcmp(sp[active[j]].to, sp[i].from) >= 0)
					active[keep++] = active[j];
			na = keep;
			for (size_t j = 0; j < na; j++) {
				const struct assist_request *x = sp[active[j]].r, *y = sp[i].r;
				const char *target = NULL;
				int same = !strcmp(x->beneficiary_key, y->beneficiary_key);

				if (!same && !(target = shared_target(p, x, y)))
					continue;
				if (k == cap) {
					struct assist_overlap *w = pool_calloc(p, cap * 2,
									       sizeof(*w));

					memcpy(w, o, k * sizeof(*o));
					o = w;
					cap *= 2;
				}
				o[k].a = x->id < y->id ? x : y;
				o[k].b = x->id < y->id ? y : x;
				o[k].kind = same ? AO_BENEFICIARY : AO_TARGET;
				o[k].target = target;
				k++;
			}
			active[na++] = i;
		}
		g = end;
	}
	qsort(o, k, sizeof(*o), by_ids);
	*out = o;
	*nout = k;
}

int assist_overlaps(struct store *s, pool *p, const struct actor *a, const char *country,
		    struct assist_overlap **out, size_t *n, struct err *e)
{
	struct assist_request *r;
	size_t nr;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = assist_request_list(s, p, a, country, -1, &r, &nr, e)))
		return rc;
	assist_overlaps_find(p, r, nr, out, n);
	return ERR_OK;
}
