#include "domain/needs.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/sbuf.h"
#include "core/utf8.h"
#include "domain/audit.h"
#include "domain/country.h"
#include "domain/limits.h"
#include "domain/record.h"
#include "domain/tx.h"
#include "domain/user.h"
#include "store/store.h"

/* The weights: name, default, what it weighs. The first COV_CATEGORY_COUNT are the
 * counted categories in cov_categories order. */
const struct need_weight_def need_weight_defs[NEED_WEIGHT_COUNT] = {
	[NW_CRIMINALIZATION] = { "criminalization", 3, "category criminalization" },
	[NW_LIABILITY] = { "liability", 2, "category liability" },
	[NW_JURISDICTION] = { "jurisdiction", 1.5, "category jurisdiction" },
	[NW_PROCEDURAL] = { "procedural", 3, "category procedural" },
	[NW_SAFEGUARDS] = { "safeguards", 2, "category safeguards" },
	[NW_COOPERATION] = { "cooperation", 2.5, "category cooperation" },
	[NW_NOT_COVERED] = { "not-covered", 2, "not covered" },
	[NW_PARTLY] = { "partly", 1, "partly covered" },
	[NW_SUBREGION] = { "subregion", 3, "countries of the sub-region cover it" },
	[NW_URGENCY] = { "urgency", 2.5, "urgency stated" },
	[NW_AGE] = { "age", 1, "years since raised" },
	[NW_STAGE] = { "stage", 2, "stages short of the target stage" },
	[NW_TARGET] = { "target-stage", 3, "target stage" },
};

const char *const need_source_names[] = { "gap", "stated", "answer" };

/* The topics and target groups: keys kept in the database, names are msgids. */
const struct need_term_def need_topics[] = {
	{ "legislation-drafting", "legislation drafting" },
	{ "digital-forensics", "digital forensics" },
	{ "electronic-evidence", "electronic evidence" },
	{ "international-cooperation", "international cooperation and MLA" },
	{ "financial-investigation", "financial investigation" },
	{ "child-exploitation", "child sexual exploitation online" },
	{ "cryptocurrency", "cryptocurrency tracing" },
	{ "cert", "CERT and incident response" },
	{ "prevention", "prevention and awareness" },
	{ "human-rights", "safeguards and human rights" },
};
const size_t need_topic_count = sizeof(need_topics) / sizeof(need_topics[0]);

const struct need_term_def need_targets[] = {
	{ "police", "police" },
	{ "prosecutors", "prosecutors" },
	{ "judges", "judges" },
	{ "cert-staff", "CERT staff" },
	{ "legislators", "legislators" },
	{ "central-authority", "central authority staff" },
	{ "partners", "private sector and civil society" },
};
const size_t need_target_count = sizeof(need_targets) / sizeof(need_targets[0]);

/* What a gap is about, by the article's category (cov_categories order). */
static const struct {
	const char *topic, *target;
} category_need[COV_CATEGORY_COUNT] = {
	{ "legislation-drafting", "legislators" },	/* criminalization */
	{ "legislation-drafting", "legislators" },	/* liability */
	{ "legislation-drafting", "legislators" },	/* jurisdiction */
	{ "electronic-evidence", "police" },		/* procedural */
	{ "human-rights", "judges" },			/* safeguards */
	{ "international-cooperation", "central-authority" },	/* cooperation */
};

/* The dimension of a gap, by its article's category (cov_categories order). */
static const char *const category_dimension[COV_CATEGORY_COUNT] = {
	"legal", "legal", "legal", "procedural", "procedural", "cooperation",
};

/* The dimension of a stated need, by its topic. */
static const struct {
	const char *topic, *dimension;
} topic_dimension[] = {
	{ "legislation-drafting", "legal" }, { "digital-forensics", "training" },
	{ "electronic-evidence", "procedural" }, { "international-cooperation", "cooperation" },
	{ "financial-investigation", "training" }, { "child-exploitation", "legal" },
	{ "cryptocurrency", "training" }, { "cert", "institutions" },
	{ "prevention", "prevention" }, { "human-rights", "legal" },
};

/* What an answer's need is about, by its question's dimension (qn_dimensions order). */
static const struct {
	const char *topic, *target;
} dimension_need[] = {
	{ "legislation-drafting", "legislators" },		/* legal */
	{ "electronic-evidence", "police" },			/* procedural */
	{ "international-cooperation", "central-authority" },	/* cooperation */
	{ "cert", "cert-staff" },				/* institutions */
	{ "digital-forensics", "police" },			/* training */
	{ "prevention", "partners" },				/* prevention */
};

static const char *const tlps[] = { "CLEAR", "GREEN", "AMBER" };

/* The server's weights: the defaults (once), or what needs_weights_use set before
 * the worker threads start. */
static struct need_weights current;
static pthread_once_t current_once = PTHREAD_ONCE_INIT;

static void current_init(void)
{
	needs_weights_default(&current);
}

void needs_weights_default(struct need_weights *w)
{
	for (size_t i = 0; i < NEED_WEIGHT_COUNT; i++)
		w->w[i] = need_weight_defs[i].def;
}

int needs_weight_set(struct need_weights *w, const char *name, const char *value,
		     struct err *e)
{
	char *end;
	double v;

	if (name && !strncmp(name, "need-weight-", 12))
		name += 12;
	for (size_t i = 0; name && i < NEED_WEIGHT_COUNT; i++) {
		if (strcmp(name, need_weight_defs[i].name))
			continue;
		v = value && *value ? strtod(value, &end) : -1;
		if (!value || !*value || *end || !(v >= 0 && v <= 100))
			return err_set(e, ERR_INVALID, "need-weight-%s: '%.40s' is not a "
				       "number from 0 to 100", name, value ? value : "");
		if (i == NW_TARGET && !(v >= 1 && v <= QN_STAGES))
			return err_set(e, ERR_INVALID, "need-weight-%s: '%.40s' is not a "
				       "stage from 1 to %d", name, value, QN_STAGES);
		w->w[i] = v;
		return ERR_OK;
	}
	return err_set(e, ERR_INVALID, "need-weight-%.40s: no such weight", name ? name : "");
}

int needs_weights_parse(struct need_weights *w, const char *list, struct err *e)
{
	struct need_weights t = *w;
	char name[64], value[32];
	const char *at = list;
	int rc;

	while (at && *at) {
		size_t len = strcspn(at, ","), eq = strcspn(at, "=");

		if (eq >= len || eq >= sizeof(name) || len - eq - 1 >= sizeof(value))
			return err_set(e, ERR_INVALID, "need-weights: '%.*s' is not NAME=NUMBER",
				       (int)(len > 60 ? 60 : len), at);
		memcpy(name, at, eq);
		name[eq] = 0;
		memcpy(value, at + eq + 1, len - eq - 1);
		value[len - eq - 1] = 0;
		if ((rc = needs_weight_set(&t, name, value, e)))
			return rc;
		at += len + (at[len] == ',');
	}
	*w = t;
	return ERR_OK;
}

const struct need_weights *needs_weights(void)
{
	pthread_once(&current_once, current_init);
	return &current;
}

void needs_weights_use(const struct need_weights *w)
{
	pthread_once(&current_once, current_init);
	current = *w;
}

/* The key of table meta that keeps the weights curators changed. */
#define WEIGHTS_KEY "need-weights"

int needs_weights_current(struct store *s, struct need_weights *w, struct err *e)
{
	pool *p = pool_new();
	char *list = NULL;
	struct err me = { 0 };
	int rc;

	*w = *needs_weights();
	rc = store_meta_get(s, p, WEIGHTS_KEY, &list, &me);
	if (rc == ERR_NOTFOUND)
		rc = ERR_OK;
	else if (rc)
		rc = err_set(e, rc, "%s", me.msg);
	/* a list stored by needs_weights_save parses; if it does not, the settings stand */
	else if (list && needs_weights_parse(w, list, &me))
		*w = *needs_weights();
	pool_free(p);
	return rc;
}

int needs_weights_save(struct store *s, const struct actor *a, const char *list,
		       struct err *e)
{
	pool *p = pool_new();
	struct need_weights w;
	struct sbuf b;
	char *old = NULL;
	struct tx t = { 0 };
	int rc;

	sbuf_init(&b);
	if ((rc = record_allow(a, ACT_CAMPAIGN, NULL, e)))
		goto out;
	if (list && strlen(list) > 2000) {
		rc = err_set(e, ERR_INVALID, "need-weights: longer than 2000 bytes");
		goto out;
	}
	if ((rc = tx_begin(&t, s, e)))
		goto out;
	w = *needs_weights();
	/* the earlier changes stay unless reset; then this list on top */
	if (list && *list && !store_meta_get(s, p, WEIGHTS_KEY, &old, NULL) && old)
		needs_weights_parse(&w, old, NULL);
	if ((rc = needs_weights_parse(&w, list, e)))
		goto out;
	/* keep every weight that differs from the settings, by name */
	for (size_t i = 0; i < NEED_WEIGHT_COUNT; i++)
		if (w.w[i] != needs_weights()->w[i])
			sbuf_addf(&b, "%s%s=%g", b.len ? "," : "", need_weight_defs[i].name,
				  w.w[i]);
	if ((rc = store_meta_set(s, WEIGHTS_KEY, sbuf_str(&b), e)))
		goto out;
	rc = audit_by(s, a, AUDIT_NEED_WEIGHTS, "needs/weights",
		      b.len ? sbuf_str(&b) : "the settings' weights", e);
out:
	rc = tx_end(&t, rc, e);
	sbuf_release(&b);
	pool_free(p);
	return rc;
}

static const struct need_term_def *term_find(const struct need_term_def *t, size_t n,
					     const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(t[i].key, key))
			return &t[i];
	return NULL;
}

const struct need_term_def *needs_topic(const char *key)
{
	return term_find(need_topics, need_topic_count, key);
}

const struct need_term_def *needs_target(const char *key)
{
	return term_find(need_targets, need_target_count, key);
}

/* ---- stated needs ---- */

static int signed_in(const struct actor *a)
{
	return a && a->user_id;
}

int needs_can_read(const struct actor *a, const struct need_stated *n)
{
	if (!strcmp(n->tlp, "CLEAR") || (a && a->local))
		return 1;
	if (!signed_in(a))
		return 0;
	if (!strcmp(n->tlp, "GREEN"))
		return 1;
	return a->role == ROLE_CURATOR || a->role == ROLE_ADMIN ||
	       (a->role == ROLE_FOCAL_POINT && a->country && !strcmp(a->country, n->country));
}

static int allow(const struct actor *a, const char *country, struct err *e)
{
	struct record rec;

	memset(&rec, 0, sizeof(rec));
	rec.country = country;
	return record_allow(a, ACT_NEED, &rec, e);
}

static int note_ok(const char *text, const char *what, struct err *e)
{
	if (text && strlen(text) > LIMIT_NEED_NOTE)
		return err_set(e, ERR_INVALID, "%s: longer than %zu bytes", what,
			       (size_t)LIMIT_NEED_NOTE);
	if (text && !utf8_valid(text, strlen(text)))
		return err_set(e, ERR_INVALID, "%s is not UTF-8", what);
	return ERR_OK;
}

static int tlp_ok(const char *tlp)
{
	for (size_t i = 0; i < sizeof(tlps) / sizeof(tlps[0]); i++)
		if (!strcmp(tlp, tlps[i]))
			return 1;
	return 0;
}

int needs_state(struct store *s, const struct actor *a, const struct need_stated *in,
		long long *id, struct err *e)
{
	pool *p = pool_new();
	struct need_stated n = *in;
	struct country *c;
	struct tx t = { 0 };
	int rc;

	if (!in->country || country_get(s, p, in->country, &c, NULL)) {
		rc = err_set(e, ERR_INVALID, "country: no country '%.40s'",
			     in->country ? in->country : "");
		goto out;
	}
	if (!needs_topic(in->topic)) {
		rc = err_set(e, ERR_INVALID, "topic: no topic '%.40s'",
			     in->topic ? in->topic : "");
		goto out;
	}
	if (!needs_target(in->target)) {
		rc = err_set(e, ERR_INVALID, "target: no target group '%.40s'",
			     in->target ? in->target : "");
		goto out;
	}
	if (in->urgency < 1 || in->urgency > 3) {
		rc = err_set(e, ERR_INVALID, "urgency: %d is not 1, 2 or 3", in->urgency);
		goto out;
	}
	n.tlp = in->tlp ? in->tlp : "GREEN";
	if (!tlp_ok(n.tlp)) {
		rc = err_set(e, ERR_INVALID, "tlp: '%.20s' is not CLEAR, GREEN or AMBER", n.tlp);
		goto out;
	}
	if ((rc = note_ok(in->note, "note", e)) || (rc = allow(a, c->alpha2, e)))
		goto out;
	n.country = c->alpha2;
	n.note = in->note ? in->note : "";
	n.raised_at = record_now(p);
	n.raised_by = a && a->name ? a->name : "unknown";
	if ((rc = tx_begin(&t, s, e)) || (rc = store_need_put(s, &n, id, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_NEED_STATE, pool_printf(p, "country/%s", n.country),
		      pool_printf(p, "need %lld: %s for %s, urgency %d, %s", *id, n.topic,
				  n.target, n.urgency, n.tlp), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

int needs_close(struct store *s, const struct actor *a, long long id, const char *note,
		struct err *e)
{
	pool *p = pool_new();
	struct need_stated *n;
	struct tx t = { 0 };
	int rc;

	if ((rc = store_need_get(s, p, id, &n, e)))
		goto out;
	if (n->closed_at || !needs_can_read(a, n)) {
		rc = err_set(e, ERR_NOTFOUND, "no open stated need %lld", id);
		goto out;
	}
	if ((rc = note_ok(note, "note", e)) || (rc = allow(a, n->country, e)) ||
	    (rc = tx_begin(&t, s, e)) ||
	    (rc = store_need_close(s, id, record_now(p), a && a->name ? a->name : "unknown",
				   note ? note : "", e)))
		goto out;
	rc = audit_by(s, a, AUDIT_NEED_CLOSE, pool_printf(p, "country/%s", n->country),
		      pool_printf(p, "need %lld: %s met", id, n->topic), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

int needs_get(struct store *s, pool *p, const struct actor *a, long long id,
	      struct need_stated **out, struct err *e)
{
	int rc = store_need_get(s, p, id, out, e);

	if (!rc && !needs_can_read(a, *out))
		rc = err_set(e, ERR_NOTFOUND, "no stated need %lld", id);
	return rc;
}

int needs_stated_list(struct store *s, pool *p, const struct actor *a, const char *country,
		      struct need_stated **out, size_t *n, struct err *e)
{
	struct country *c = NULL;
	struct need_stated *all;
	size_t nall, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (country && country_get(s, p, country, &c, NULL))
		return err_set(e, ERR_INVALID, "country: no country '%.40s'", country);
	if ((rc = store_need_list(s, p, c ? c->alpha2 : NULL, &all, &nall, e)))
		return rc;
	for (size_t i = 0; i < nall; i++)
		if (needs_can_read(a, &all[i]))
			all[k++] = all[i];
	*out = all;
	*n = k;
	return ERR_OK;
}

/* ---- scores ---- */

static void term_add(struct need *n, const struct need_weights *w, enum need_weight k,
		     double x)
{
	struct need_term *t = &n->terms[n->nterms++];

	t->weight = k;
	t->w = w->w[k];
	t->x = x;
	t->value = t->w * x;
}

/* category weight x status weight + sub-region weight x share covering it */
static void gap_score(struct need *n, const struct need_weights *w, int covering, int of)
{
	int cat = cov_category_index(n->article->category);
	enum need_weight status = n->cell->status == COV_NOT ? NW_NOT_COVERED : NW_PARTLY;
	double share = of > 0 ? (double)covering / of : 0;

	n->nterms = 0;
	term_add(n, w, (enum need_weight)(cat < 0 ? 0 : cat), 1);
	term_add(n, w, status, 1);
	term_add(n, w, NW_SUBREGION, share);
	n->terms[2].count = covering;
	n->terms[2].of = of;
	n->score = n->terms[0].value * n->terms[1].value + n->terms[2].value;
}

static long days_of(const char *date)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (!date || strlen(date) < 10 || sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon,
						  &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (long)(timegm(&tm) / 86400);
}

/* urgency weight x urgency + age weight x years since raised (capped) */
static void stated_score(struct need *n, const struct need_weights *w, const char *at)
{
	double years = (double)(days_of(at) - days_of(n->stated->raised_at)) / 365.0;

	if (years < 0)
		years = 0;
	if (years > NEEDS_AGE_CAP)
		years = NEEDS_AGE_CAP;
	n->nterms = 0;
	term_add(n, w, NW_URGENCY, n->stated->urgency);
	term_add(n, w, NW_AGE, years);
	n->score = n->terms[0].value + n->terms[1].value;
}

/* The stages value (of question q) is short of target: stage questions by their
 * stage, yes / partly / no ones 0, 1 or 2; 0 when none or another kind. */
static double stages_short(const struct qn_question *q, const char *value, double target)
{
	double d = 0;

	if (q->kind == QN_STAGE)
		d = target - atoi(value);
	else if (q->kind == QN_YES_PARTLY_NO)
		d = !strcmp(value, "no") ? 2 : !strcmp(value, "partly") ? 1 : 0;
	return d > 0 ? d : 0;
}

/* stage weight x stages short of the target */
static void answer_score(struct need *n, const struct need_weights *w, double short_by)
{
	n->nterms = 0;
	term_add(n, w, NW_STAGE, short_by);
	n->score = n->terms[0].value;
}

const char *needs_terms_text(pool *p, const struct need *n)
{
	const struct need_term *t = n->terms;

	if (n->source == NEED_ANSWER)
		return pool_printf(p, "%s: answer %s, %g stages short of the target \xc3\x97 %g = "
				   "%.1f", n->question->id, n->value->value, t[0].x, t[0].w,
				   t[0].value);

	if (n->source == NEED_STATED)
		return pool_printf(p, "urgency %d \xc3\x97 %g = %.1f, %.1f years since raised "
				   "\xc3\x97 %g = +%.1f", (int)t[0].x, t[0].w, t[0].value,
				   t[1].x, t[1].w, t[1].value);
	return pool_printf(p, "%s \xc3\x97 %g, %s \xc3\x97 %g, %d of %d countries of the "
			   "sub-region cover it +%.1f", need_weight_defs[t[0].weight].help,
			   t[0].w, need_weight_defs[t[1].weight].help, t[1].w, t[2].count,
			   t[2].of, t[2].value);
}

static int need_cmp(const void *x, const void *y)
{
	const struct need *a = x, *b = y;
	int c;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if ((c = strcmp(a->country, b->country)))
		return c;
	if (a->source != b->source)
		return (int)a->source - (int)b->source;
	if (a->source == NEED_STATED)
		return a->stated->id < b->stated->id ? -1 : a->stated->id > b->stated->id;
	if (a->source == NEED_ANSWER)
		return a->question->ordinal - b->question->ordinal;
	if ((c = strcmp(a->article->instrument, b->article->instrument)))
		return c;
	return a->article->number - b->article->number;
}

void needs_sort(struct need *needs, size_t n)
{
	if (n > 1)
		qsort(needs, n, sizeof(*needs), need_cmp);
}

/* ---- lists ---- */

static int dimension_index(const char *key)
{
	for (size_t i = 0; key && i < qn_dimension_count; i++)
		if (!strcmp(qn_dimensions[i], key))
			return (int)i;
	return -1;
}

static const char *stated_dimension(const char *topic)
{
	for (size_t i = 0; i < sizeof(topic_dimension) / sizeof(topic_dimension[0]); i++)
		if (!strcmp(topic_dimension[i].topic, topic))
			return topic_dimension[i].dimension;
	return "legal";
}

int needs_query_check(struct store *s, pool *p, const struct needs_query *q, struct err *e)
{
	struct cov_query cq = { .at = q->at, .region = q->region };

	if (q->topic && !needs_topic(q->topic))
		return err_set(e, ERR_INVALID, "topic: no topic '%.40s'", q->topic);
	if (q->target && !needs_target(q->target))
		return err_set(e, ERR_INVALID, "target: no target group '%.40s'", q->target);
	if (q->dimension && dimension_index(q->dimension) < 0)
		return err_set(e, ERR_INVALID, "dimension: no dimension '%.40s'", q->dimension);
	return cov_query_check(s, p, &cq, e);
}

static int keep(const struct needs_query *q, const char *topic, const char *target,
		const char *dimension)
{
	return (!q->topic || !strcmp(q->topic, topic)) &&
	       (!q->target || !strcmp(q->target, target)) &&
	       (!q->dimension || !strcmp(q->dimension, dimension));
}

/* A growing array of needs in p. */
struct needs_buf {
	struct need *v;
	size_t n, cap;
};

static struct need *buf_add(pool *p, struct needs_buf *b)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 64;
		struct need *v = pool_calloc(p, cap, sizeof(*v));

		if (b->n)
			memcpy(v, b->v, b->n * sizeof(*v));
		b->v = v;
		b->cap = cap;
	}
	memset(&b->v[b->n], 0, sizeof(b->v[0]));
	return &b->v[b->n++];
}

/* The gaps of country alpha2 into b. cells, when not NULL, is the country's row with
 * evidence (m's cells otherwise). */
static int add_gaps(pool *p, struct needs_buf *b, const struct need_weights *w,
		    const struct needs_query *q, const struct cov_matrix *m, const char *alpha2,
		    const struct cov_matrix *em, const struct cov_country_row *erow,
		    struct err *e)
{
	struct cov_comparison cmp;
	struct cov_gap *gaps;
	size_t ngaps;
	int rc;

	if ((rc = cov_gaps(p, m, alpha2, &gaps, &ngaps, e)) ||
	    (rc = cov_compare_subregion(m, alpha2, &cmp, e)))
		return rc;
	for (size_t i = 0; i < ngaps; i++) {
		int cat = cov_category_index(gaps[i].article->category);
		struct need *n;
		long col;

		if (cat < 0 || !keep(q, category_need[cat].topic, category_need[cat].target,
				     category_dimension[cat]))
			continue;
		n = buf_add(p, b);
		n->source = NEED_GAP;
		n->country = alpha2;
		n->topic = category_need[cat].topic;
		n->target = category_need[cat].target;
		n->dimension = category_dimension[cat];
		n->article = gaps[i].article;
		n->cell = gaps[i].cell;
		if (em && erow &&
		    (col = cov_matrix_column(em, n->article->instrument,
					     n->article->number)) >= 0)
			n->cell = &erow->cells[col];
		gap_score(n, w, gaps[i].subregion_covering, cmp.subregion_countries);
	}
	return ERR_OK;
}

static void add_stated(pool *p, struct needs_buf *b, const struct need_weights *w,
		       const struct needs_query *q, const struct need_stated *st, size_t nst,
		       const char *at)
{
	for (size_t i = 0; i < nst; i++) {
		struct need *n;

		if (!keep(q, st[i].topic, st[i].target, stated_dimension(st[i].topic)))
			continue;
		n = buf_add(p, b);
		n->source = NEED_STATED;
		n->dimension = stated_dimension(st[i].topic);
		n->country = st[i].country;
		n->topic = st[i].topic;
		n->target = st[i].target;
		n->stated = &st[i];
		stated_score(n, w, at);
	}
}

/* The needs of the latest answer of country (alpha-2) that a may read into b. */
static int add_answers(struct store *s, pool *p, struct needs_buf *b,
		       const struct need_weights *w, const struct needs_query *q,
		       const struct actor *a, const char *country, struct camp_memo *memo,
		       struct err *e)
{
	struct camp_answer *x;
	struct campaign *c;
	struct qn_template *t;
	int rc;

	if ((rc = camp_latest_answer(s, p, a, country, memo, &x, &c, &t, e)) || !x)
		return rc;
	for (size_t i = 0; i < x->nvalues; i++) {
		const struct camp_value *v = &x->values[i];
		const struct qn_question *qq = NULL;
		struct need *n;
		double d;
		int dim;

		for (size_t k = 0; k < t->nquestions && !qq; k++)
			if (!strcmp(t->questions[k].id, v->question))
				qq = &t->questions[k];
		if (!qq || !(d = stages_short(qq, v->value, w->w[NW_TARGET])))
			continue;
		dim = qq->dimension;
		if (!keep(q, dimension_need[dim].topic, dimension_need[dim].target,
			  qn_dimensions[dim]))
			continue;
		n = buf_add(p, b);
		n->source = NEED_ANSWER;
		n->country = x->country;
		n->topic = dimension_need[dim].topic;
		n->target = dimension_need[dim].target;
		n->dimension = qn_dimensions[dim];
		n->question = qq;
		n->value = v;
		n->campaign = c;
		answer_score(n, w, d);
	}
	return ERR_OK;
}

static const char *date_of(pool *p, const struct needs_query *q)
{
	return q->at ? q->at : pool_strndup(p, record_now(p), 10);
}

int needs_country(struct store *s, pool *p, const struct actor *a,
		  const struct need_weights *w, const char *country,
		  const struct needs_query *q, struct need **out, size_t *n, struct err *e)
{
	struct need_weights cw;
	struct cov_query cq = { .at = q->at };
	struct needs_buf b = { 0 };
	struct cov_profile *pr;
	struct need_stated *st;
	size_t nst;
	int rc;

	*out = NULL;
	*n = 0;
	if (!w) {
		if ((rc = needs_weights_current(s, &cw, e)))
			return rc;
		w = &cw;
	}
	if ((rc = needs_query_check(s, p, q, e)) ||
	    (rc = cov_profile(s, p, a, &cq, country, 0, &pr, e)))
		return rc;
	/* the gaps are ranked in the sub-region's matrix; recompute them there */
	{
		struct cov_query sq = { .at = q->at, .statuses_only = 1 };
		const struct country *c = pr->row->country;
		struct cov_matrix *sm;

		sq.region = *c->subregion ? c->subregion : NULL;
		if (!sq.region) {
			const char **one = pool_calloc(p, 1, sizeof(*one));

			one[0] = c->alpha2;
			sq.countries = one;
			sq.ncountries = 1;
		}
		if ((rc = cov_matrix(s, p, a, &sq, &sm, e)) ||
		    (rc = add_gaps(p, &b, w, q, sm, c->alpha2, pr->matrix, pr->row, e)))
			return rc;
		if ((rc = needs_stated_list(s, p, a, c->alpha2, &st, &nst, e)))
			return rc;
	}
	add_stated(p, &b, w, q, st, nst, date_of(p, q));
	if ((rc = add_answers(s, p, &b, w, q, a, pr->row->country->alpha2, NULL, e)))
		return rc;
	needs_sort(b.v, b.n);
	*out = b.v;
	*n = b.n;
	return ERR_OK;
}

int needs_all(struct store *s, pool *p, const struct actor *a, const struct need_weights *w,
	      const struct needs_query *q, struct need **out, size_t *n, struct err *e)
{
	struct need_weights cw;
	struct cov_query cq = { .at = q->at, .region = q->region, .statuses_only = 1 };
	struct needs_buf b = { 0 };
	struct cov_matrix *m;
	struct need_stated *st;
	size_t nst;
	int rc;

	*out = NULL;
	*n = 0;
	if (!w) {
		if ((rc = needs_weights_current(s, &cw, e)))
			return rc;
		w = &cw;
	}
	if ((rc = needs_query_check(s, p, q, e)) || (rc = cov_matrix(s, p, a, &cq, &m, e)))
		return rc;
	for (size_t i = 0; i < m->nrows; i++)
		if ((rc = add_gaps(p, &b, w, q, m, m->rows[i].country->alpha2, NULL, NULL, e)))
			return rc;
	if ((rc = needs_stated_list(s, p, a, NULL, &st, &nst, e)))
		return rc;
	/* stated needs of the region's countries only */
	for (size_t i = 0; i < nst; i++)
		if (cov_matrix_row(m, st[i].country))
			add_stated(p, &b, w, q, &st[i], 1, date_of(p, q));
	/* the answers of the region's countries */
	{
		struct camp_memo memo = { .n = 0 };

		for (size_t i = 0; i < m->nrows; i++)
			if ((rc = add_answers(s, p, &b, w, q, a, m->rows[i].country->alpha2, &memo,
					      e)))
				return rc;
	}
	needs_sort(b.v, b.n);
	*out = b.v;
	*n = b.n;
	return ERR_OK;
}

/* ---- shared needs ---- */

static int same_key(const struct need_shared *sh, const struct need *n)
{
	if (n->source == NEED_GAP)
		return sh->article == n->article;
	return !sh->article && !strcmp(sh->topic, n->topic);
}

static int shared_cmp(const void *x, const void *y)
{
	const struct need_shared *a = x, *b = y;

	if (a->ncountries != b->ncountries)
		return a->ncountries > b->ncountries ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return strcmp(a->topic, b->topic);
}

void needs_shared(pool *p, const struct need *needs, size_t n, size_t min_countries,
		  struct need_shared **out, size_t *nout)
{
	struct need_shared *sh = pool_calloc(p, n ? n : 1, sizeof(*sh));
	size_t nsh = 0, k = 0;

	for (size_t i = 0; i < n; i++) {
		struct need_shared *g = NULL;
		int dup = 0;

		for (size_t j = 0; j < nsh && !g; j++)
			if (same_key(&sh[j], &needs[i]))
				g = &sh[j];
		if (!g) {
			g = &sh[nsh++];
			g->article = needs[i].source == NEED_GAP ? needs[i].article : NULL;
			g->topic = needs[i].topic;
			g->countries = pool_calloc(p, n < LIMIT_NEED_COUNTRIES ? n :
						   LIMIT_NEED_COUNTRIES, sizeof(*g->countries));
		}
		for (size_t j = 0; j < g->ncountries; j++)
			dup |= !strcmp(g->countries[j], needs[i].country);
		if (dup || g->ncountries >= LIMIT_NEED_COUNTRIES)
			continue;
		g->countries[g->ncountries++] = needs[i].country;
		g->score += needs[i].score;
	}
	for (size_t j = 0; j < nsh; j++)
		if (sh[j].ncountries >= min_countries)
			sh[k++] = sh[j];
	if (k > 1)
		qsort(sh, k, sizeof(*sh), shared_cmp);
	*out = sh;
	*nout = k;
}
