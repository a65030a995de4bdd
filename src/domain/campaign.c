#include "domain/campaign.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/utf8.h"
#include "domain/audit.h"
#include "domain/country.h"
#include "domain/record.h"
#include "domain/tx.h"
#include "domain/user.h"
#include "store/store.h"

const char *const camp_status_names[CAMP_STATUS_COUNT] = {
	"not_started", "draft", "submitted", "returned", "accepted",
};
const char *const camp_status_titles[CAMP_STATUS_COUNT] = {
	"not started", "draft", "submitted", "returned", "accepted",
};

static const char *const tlps[] = { "CLEAR", "GREEN", "AMBER", NULL };
/* the values of a yes / partly / no question, in the order of camp_agg count[] */
static const char *const ypn[] = { "yes", "partly", "no", NULL };

int camp_status_parse(const char *s)
{
	for (int i = 0; s && i < CAMP_STATUS_COUNT; i++)
		if (!strcmp(camp_status_names[i], s))
			return i;
	return -1;
}

static int in_list(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (!strcmp(list[i], s))
			return i;
	return -1;
}

static const char *actor_name(const struct actor *a)
{
	return a && a->name ? a->name : "unknown";
}

static int curator(const struct actor *a)
{
	return a && (a->local || (a->user_id && (a->role == ROLE_CURATOR ||
						 a->role == ROLE_ADMIN)));
}

/* Today (UTC) as YYYY-MM-DD, in p. */
static const char *today_of(pool *p)
{
	return pool_strndup(p, record_now(p), 10);
}

/* Days since 1970-01-01 of a valid YYYY-MM-DD. */
static long day_number(const char *d)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(d) - 1900;
	tm.tm_mon = atoi(d + 5) - 1;
	tm.tm_mday = atoi(d + 8);
	return (long)(timegm(&tm) / 86400);
}

static int date_ok(const char *d)
{
	return d && strlen(d) == 10 && record_date_valid(d);
}

static int text_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	return n <= max && (!n || utf8_valid(s, n));
}

/* The rec permit() needs to judge an action on country's answer. */
static int allow(const struct actor *a, enum record_action act, const char *country,
		 struct err *e)
{
	struct record rec;

	memset(&rec, 0, sizeof(rec));
	rec.country = country;
	return record_allow(a, act, country ? &rec : NULL, e);
}

/* ---- reading campaigns ---- */

int camp_list(struct store *s, pool *p, struct campaign **out, size_t *n, struct err *e)
{
	return store_camp_list(s, p, out, n, e);
}

int camp_get(struct store *s, pool *p, long long id, struct campaign **out, struct err *e)
{
	struct err ge = { 0 };
	int rc = store_camp_get(s, p, id, out, &ge);

	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no campaign %lld", id);
	if (rc)
		return err_set(e, rc, "%s", ge.msg);
	return ERR_OK;
}

int camp_template(struct store *s, pool *p, long long id, struct campaign **c,
		  struct qn_template **t, struct err *e)
{
	struct campaign *cc;
	struct qn_version *v;
	int rc;

	if ((rc = camp_get(s, p, id, &cc, e)) ||
	    (t && (rc = qn_get(s, p, cc->template_id, cc->template_version, &v, t, e))))
		return rc;
	if (c)
		*c = cc;
	return ERR_OK;
}

/* Whether x (of campaign c) may be written today, by a. */
static int window(pool *p, const struct actor *a, const struct campaign *c,
		  const struct camp_answer *x, struct err *e)
{
	const char *today = today_of(p);

	if (a && a->local)
		return ERR_OK;
	if (strcmp(today, c->opens_on) < 0)
		return err_set(e, ERR_CONFLICT, "campaign %lld opens on %s", c->id, c->opens_on);
	if (strcmp(today, c->deadline) > 0 &&
	    !(x->reopened_until && strcmp(today, x->reopened_until) <= 0))
		return err_set(e, ERR_CONFLICT, "campaign %lld closed on %s: answers after the "
			       "deadline need a curator to reopen it", c->id, c->deadline);
	return ERR_OK;
}

/* Whether campaign c is open today for answer x. */
static int is_open(const struct campaign *c, const struct camp_answer *x, const char *today)
{
	if (strcmp(today, c->opens_on) < 0)
		return 0;
	return strcmp(today, c->deadline) <= 0 ||
	       (x && x->reopened_until && strcmp(today, x->reopened_until) <= 0);
}

static void set_late(const struct campaign *c, struct camp_answer *x, const char *today)
{
	if (x->status == CAMP_SUBMITTED || x->status == CAMP_ACCEPTED)
		x->late = x->submitted_at && strncmp(x->submitted_at, c->deadline, 10) > 0;
	else
		x->late = strcmp(today, c->deadline) > 0;
}

int camp_can_track(const struct actor *a, const char *country)
{
	if (curator(a))
		return 1;
	return a && a->user_id && a->role == ROLE_FOCAL_POINT && a->country && country &&
	       !strcmp(a->country, country);
}

int camp_can_read(const struct actor *a, const struct camp_answer *x)
{
	return camp_can_track(a, x->country) ||
	       (!strcmp(x->tlp, "CLEAR") && x->status == CAMP_ACCEPTED);
}

/* A country's answers joined to their campaigns: rows (from the store), their
 * campaigns (c[i] for x[i]). */
static int country_answers(struct store *s, pool *p, const char *country,
			   struct camp_answer **x, struct campaign ***c, size_t *n,
			   struct err *e)
{
	struct country *k;
	int rc;

	if ((rc = country_get(s, p, country, &k, e)) ||
	    (rc = store_camp_of_country(s, p, k->alpha2, x, n, e)))
		return rc;
	*c = pool_calloc(p, *n ? *n : 1, sizeof(**c));
	for (size_t i = 0; i < *n; i++)
		if ((rc = camp_get(s, p, (*x)[i].campaign, &(*c)[i], e)))
			return rc;
	return ERR_OK;
}

int camp_of_country(struct store *s, pool *p, const struct actor *a, const char *country,
		    struct campaign **out, int **status, size_t *n, struct err *e)
{
	struct camp_answer *x;
	struct campaign **c;
	const char *today = today_of(p);
	size_t nx, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = country_answers(s, p, country, &x, &c, &nx, e)))
		return rc;
	*out = pool_calloc(p, nx ? nx : 1, sizeof(**out));
	if (status)
		*status = pool_calloc(p, nx ? nx : 1, sizeof(int));
	/* open ones first, then the others; each group newest first as the store gives */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nx; i++) {
			if (is_open(c[i], &x[i], today) != !pass)
				continue;
			(*out)[k] = *c[i];
			if (status)
				(*status)[k] = camp_can_track(a, x[i].country) ? (int)x[i].status
									: -1;
			k++;
		}
	*n = k;
	return ERR_OK;
}

int camp_open_for(struct store *s, pool *p, const struct actor *a, struct campaign **out,
		  size_t *n, struct err *e)
{
	struct camp_answer *x;
	struct campaign **c;
	const char *today = today_of(p);
	size_t nx;
	int rc;

	*out = NULL;
	*n = 0;
	if (!a || !a->user_id || a->role != ROLE_FOCAL_POINT || !a->country)
		return ERR_OK;
	if ((rc = country_answers(s, p, a->country, &x, &c, &nx, e)))
		return rc;
	*out = pool_calloc(p, nx ? nx : 1, sizeof(**out));
	for (size_t i = 0; i < nx; i++)
		if (is_open(c[i], &x[i], today))
			(*out)[(*n)++] = *c[i];
	return ERR_OK;
}

/* ---- opening ---- */

/* The countries in asks, as alpha-2 codes (in p) into *codes, and the scope. */
static int asked(struct store *s, pool *p, const struct camp_open *in, const char ***codes,
		 size_t *n, const char **scope, struct err *e)
{
	struct country *all, *c;
	struct region *g;
	size_t nall;
	int ways = !!in->all + !!(in->region && *in->region) + !!in->ncountries, rc;

	*n = 0;
	if (!ways)
		return err_set(e, ERR_INVALID, "countries: no country is asked (all, a region "
			       "or a list)");
	if (ways > 1)
		return err_set(e, ERR_INVALID, "countries: ask all, a region or a list, not "
			       "more than one");
	if (in->ncountries > LIMIT_CAMP_COUNTRIES)
		return err_set(e, ERR_INVALID, "countries: more than %d countries listed",
			       LIMIT_CAMP_COUNTRIES);
	if (in->ncountries) {
		*codes = pool_calloc(p, in->ncountries, sizeof(**codes));
		for (size_t i = 0; i < in->ncountries; i++) {
			if (country_get(s, p, in->countries[i], &c, NULL))
				return err_set(e, ERR_INVALID, "countries: '%.20s' is no country",
					       in->countries[i]);
			for (size_t k = 0; k < *n; k++)
				if (!strcmp((*codes)[k], c->alpha2))
					return err_set(e, ERR_INVALID, "countries: %s is listed "
						       "twice", c->alpha2);
			(*codes)[(*n)++] = pool_strdup(p, c->alpha2);
		}
		*scope = "list";
		return ERR_OK;
	}
	g = NULL;
	if (in->region && *in->region && region_get(s, p, in->region, &g, NULL))
		return err_set(e, ERR_INVALID, "region: '%.20s' is no M49 region", in->region);
	if ((rc = country_list(s, p, &all, &nall, e)))
		return rc;
	*codes = pool_calloc(p, nall ? nall : 1, sizeof(**codes));
	/* all, or a region: its member states of the United Nations (a list may name any
	 * country or area) */
	for (size_t i = 0; i < nall; i++)
		if ((!g || region_contains(g, &all[i])) && country_un_member(all[i].alpha2))
			(*codes)[(*n)++] = all[i].alpha2;
	if (!*n)
		return err_set(e, ERR_INVALID, "countries: no country is asked (all, a region "
			       "or a list)");
	*scope = g ? pool_printf(p, "region:%s", g->code) : "all";
	return ERR_OK;
}

/* The published version of template ref (the latest published without a version). */
static int published(struct store *s, pool *p, const char *ref, struct qn_version **out,
		     struct err *e)
{
	struct qn_version *list;
	const char *id;
	size_t n;
	int version, rc;

	if (!ref || !*ref)
		return err_set(e, ERR_INVALID, "template: is required");
	if (qn_ref(p, ref, &id, &version, NULL))
		return err_set(e, ERR_INVALID, "template: '%.80s' is not ID or ID@VERSION", ref);
	if (!version) {
		if ((rc = qn_list(s, p, &list, &n, e)))
			return rc;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(list[i].id, id) && !strcmp(list[i].status, "published"))
				version = list[i].version;
		if (!version)
			return err_set(e, ERR_INVALID, "template: %.64s has no published version",
				       id);
	}
	if (qn_get(s, p, id, version, out, NULL, NULL))
		return err_set(e, ERR_INVALID, "template: no %.64s@%d", id, version);
	if (strcmp((*out)->status, "published"))
		return err_set(e, ERR_INVALID, "template: %.64s@%d is a draft; publish it first",
			       id, version);
	return ERR_OK;
}

int camp_open(struct store *s, pool *p, const struct actor *a, const struct camp_open *in,
	      long long *id, struct err *e)
{
	struct campaign c;
	struct qn_version *v;
	const char **codes = NULL;
	const char *today = today_of(p);
	struct tx t = { 0 };
	size_t n;
	int rc;

	memset(&c, 0, sizeof(c));
	if ((rc = allow(a, ACT_CAMPAIGN, NULL, e)))
		goto out;
	if (!in->title || !in->title[strspn(in->title, " \t\r\n")] ||
	    !text_ok(in->title, LIMIT_CAMP_TITLE)) {
		rc = err_set(e, ERR_INVALID, "title: is required, at most %d bytes of UTF-8",
			     LIMIT_CAMP_TITLE);
		goto out;
	}
	c.opens_on = in->opens_on && *in->opens_on ? in->opens_on : today;
	if (!date_ok(c.opens_on)) {
		rc = err_set(e, ERR_INVALID, "opens_on: '%.20s' is not a date (YYYY-MM-DD)",
			     c.opens_on);
		goto out;
	}
	c.deadline = in->deadline;
	if (!date_ok(c.deadline)) {
		rc = err_set(e, ERR_INVALID, "deadline: '%.20s' is not a date (YYYY-MM-DD)",
			     c.deadline ? c.deadline : "");
		goto out;
	}
	if (strcmp(c.deadline, c.opens_on) < 0 ||
	    day_number(c.deadline) - day_number(c.opens_on) > LIMIT_CAMP_DAYS) {
		rc = err_set(e, ERR_INVALID, "deadline: must be from the opening date (%s) to "
			     "%d days after it", c.opens_on, LIMIT_CAMP_DAYS);
		goto out;
	}
	if (!a->local && strcmp(c.deadline, today) < 0) {
		rc = err_set(e, ERR_INVALID, "deadline: %s has passed", c.deadline);
		goto out;
	}
	if ((rc = published(s, p, in->template_ref, &v, e)) ||
	    (rc = asked(s, p, in, &codes, &n, &c.scope, e)))
		goto out;
	c.title = in->title;
	c.template_id = v->id;
	c.template_version = v->version;
	c.opened_at = record_now(p);
	c.opened_by = actor_name(a);
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_camp_put(s, &c, codes, n, id, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_CAMP_OPEN, pool_printf(p, "campaign/%lld", *id),
		      pool_printf(p, "%s@%d, %s to %s, %zu countries (%s)", c.template_id,
				  c.template_version, c.opens_on, c.deadline, n, c.scope), e);
out:
	return tx_end(&t, rc, e);
}

/* ---- tracking ---- */

/* Sort answers x[0..n) by their countries' English names. */
struct named {
	const char *name;
	struct camp_answer x;
};

static int named_cmp(const void *a, const void *b)
{
	return utf8_collate(((const struct named *)a)->name, ((const struct named *)b)->name);
}

static int by_name(struct store *s, pool *p, struct camp_answer *x, size_t n, struct err *e)
{
	struct country *all;
	struct named *v;
	size_t nall;
	int rc;

	if (n < 2)
		return ERR_OK;
	if ((rc = country_list(s, p, &all, &nall, e)))
		return rc;
	v = pool_calloc(p, n, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		v[i].x = x[i];
		v[i].name = x[i].country;
		for (size_t k = 0; k < nall; k++)
			if (!strcmp(all[k].alpha2, x[i].country))
				v[i].name = country_name(&all[k], LANG_EN);
	}
	qsort(v, n, sizeof(*v), named_cmp);
	for (size_t i = 0; i < n; i++)
		x[i] = v[i].x;
	return ERR_OK;
}

int camp_tracking(struct store *s, pool *p, const struct actor *a, long long id,
		  const char *today, struct camp_answer **out, size_t *n, struct err *e)
{
	struct campaign *c;
	int rc;

	*out = NULL;
	*n = 0;
	if (!curator(a))
		return err_set(e, ERR_FORBIDDEN, "only curators follow a campaign's answers");
	if ((rc = camp_get(s, p, id, &c, e)) ||
	    (rc = store_camp_answers(s, p, id, NULL, out, n, e)))
		return rc;
	if (!today)
		today = today_of(p);
	for (size_t i = 0; i < *n; i++)
		set_late(c, &(*out)[i], today);
	return by_name(s, p, *out, *n, e);
}

int camp_reminders(struct store *s, pool *p, const struct actor *a, long long id,
		   struct sbuf *out, struct err *e)
{
	struct camp_answer *x;
	struct country *k;
	const char **mail;
	size_t n, nm;
	int rc;

	if ((rc = camp_tracking(s, p, a, id, NULL, &x, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (x[i].status == CAMP_SUBMITTED || x[i].status == CAMP_ACCEPTED)
			continue;
		if ((rc = country_get(s, p, x[i].country, &k, e)) ||
		    (rc = store_camp_emails(s, p, x[i].country, &mail, &nm, e)))
			return rc;
		sbuf_addf(out, "%s\t%s%s\t", country_name(k, LANG_EN),
			  camp_status_titles[x[i].status], x[i].late ? ", late" : "");
		for (size_t m = 0; m < nm; m++)
			sbuf_addf(out, "%s%s", m ? ", " : "", mail[m]);
		sbuf_addf(out, "%s\n", nm ? "" : "-");
	}
	return ERR_OK;
}

/* ---- answering ---- */

/* The question of t with id q, or NULL. */
static const struct qn_question *question(const struct qn_template *t, const char *q)
{
	for (size_t i = 0; q && i < t->nquestions; i++)
		if (!strcmp(t->questions[i].id, q))
			return &t->questions[i];
	return NULL;
}

/* Campaign id, its template and country's answer row (values not read). ERR_NOTFOUND
 * when the country is not asked. */
static int load(struct store *s, pool *p, long long id, const char *country,
		struct campaign **c, struct qn_template **t, struct camp_answer **x,
		struct err *e)
{
	struct country *k;
	size_t n;
	int rc;

	if ((rc = camp_template(s, p, id, c, t, e)))
		return rc;
	if (country_get(s, p, country, &k, NULL) ||
	    (rc = store_camp_answers(s, p, id, k->alpha2, x, &n, e)) || !n)
		return rc ? rc : err_set(e, ERR_NOTFOUND, "no answer of %.20s to campaign %lld",
					 country, id);
	set_late(*c, *x, today_of(p));
	return ERR_OK;
}

/* x's values from the store, in t's order (unknown questions after). */
static int values_of(struct store *s, pool *p, const struct qn_template *t,
		     struct camp_answer *x, struct err *e)
{
	struct camp_value *v;
	size_t n, k = 0;
	int rc, *used;

	if ((rc = store_camp_values(s, p, x->campaign, x->country, &v, &n, e)))
		return rc;
	x->values = pool_calloc(p, n ? n : 1, sizeof(*x->values));
	used = pool_calloc(p, n ? n : 1, sizeof(int));
	for (size_t i = 0; i < t->nquestions; i++)
		for (size_t j = 0; j < n; j++)
			if (!used[j] && !strcmp(v[j].question, t->questions[i].id)) {
				used[j] = 1;
				x->values[k++] = v[j];
			}
	for (size_t j = 0; j < n; j++)
		if (!used[j])
			x->values[k++] = v[j];
	x->nvalues = k;
	return ERR_OK;
}

int camp_answer_get(struct store *s, pool *p, const struct actor *a, long long id,
		    const char *country, struct camp_answer **out, struct err *e)
{
	struct campaign *c;
	struct qn_template *t;
	int rc;

	if ((rc = load(s, p, id, country, &c, &t, out, e)))
		return rc == ERR_NOTFOUND ? err_set(e, rc, "no answer of %.20s to campaign %lld",
						    country, id) : rc;
	if (!camp_can_read(a, *out))
		return err_set(e, ERR_NOTFOUND, "no answer of %.20s to campaign %lld", country,
			       id);
	return values_of(s, p, t, *out, e);
}

int camp_value_check(const struct qn_question *q, const char *value, const char *evidence,
		     struct err *e)
{
	char *end;
	double d;
	int i;

	if (!text_ok(evidence, LIMIT_CAMP_EVIDENCE))
		return err_set(e, ERR_INVALID, "%s: the evidence is longer than %d bytes or not "
			       "UTF-8", q->id, LIMIT_CAMP_EVIDENCE);
	if (evidence && *evidence && q->evidence == QN_EV_NONE)
		return err_set(e, ERR_INVALID, "%s: this question takes no evidence", q->id);
	if (!value || !*value)
		return ERR_OK;
	if (!text_ok(value, LIMIT_CAMP_VALUE))
		return err_set(e, ERR_INVALID, "%s: the answer is longer than %d bytes or not "
			       "UTF-8", q->id, LIMIT_CAMP_VALUE);
	switch (q->kind) {
	case QN_STAGE:
		if (strlen(value) != 1 || value[0] < '1' || value[0] > '0' + QN_STAGES)
			return err_set(e, ERR_INVALID, "%s: '%.20s' is not a stage from 1 to %d",
				       q->id, value, QN_STAGES);
		break;
	case QN_YES_PARTLY_NO:
		if (in_list(ypn, value) < 0)
			return err_set(e, ERR_INVALID, "%s: '%.20s' is not yes, partly or no",
				       q->id, value);
		break;
	case QN_NUMBER:
		/* a decimal number as people write it: an optional sign, digits, an optional
		 * fraction and exponent; no hexadecimal, no spaces, no inf or nan */
		d = strtod(value, &end);
		if (end == value || *end || !isfinite(d) ||
		    value[strspn(value, "+-")] < '0' || value[strspn(value, "+-")] > '9' ||
		    strpbrk(value, "xXpP") || strspn(value, "+-") > 1)
			return err_set(e, ERR_INVALID, "%s: '%.20s' is not a number", q->id, value);
		if ((q->has_min && d < q->min) || (q->has_max && d > q->max)) {
			char lo[32] = "-", hi[32] = "-";

			if (q->has_min)
				snprintf(lo, sizeof(lo), "%g", q->min);
			if (q->has_max)
				snprintf(hi, sizeof(hi), "%g", q->max);
			return err_set(e, ERR_INVALID, "%s: %.20s is outside %s to %s", q->id,
				       value, lo, hi);
		}
		break;
	case QN_CHOICE:
		for (i = 0; i < (int)q->noptions && strcmp(q->options[i].id, value); i++)
			;
		if (i == (int)q->noptions)
			return err_set(e, ERR_INVALID, "%s: '%.40s' is not one of its options",
				       q->id, value);
		break;
	default:
		break;
	}
	return ERR_OK;
}

/* The answer's state after a change by a: the next revision, stamped. */
static void touched(pool *p, const struct actor *a, struct camp_answer *x)
{
	x->revision++;
	x->updated_at = record_now(p);
	x->updated_by = actor_name(a);
}

/* What every change of an answer goes through: load, the permit, the state. */
struct change {
	struct campaign *c;
	struct qn_template *t;
	struct camp_answer *x;
	long long from;			/* the revision changed from */
};

static int change_load(struct store *s, pool *p, const struct actor *a, long long id,
		       const char *country, enum record_action act, struct change *ch,
		       struct err *e)
{
	int rc;

	if ((rc = load(s, p, id, country, &ch->c, &ch->t, &ch->x, e)))
		return rc;
	/* who may not read the answer does not learn that it exists */
	if (!camp_can_read(a, ch->x) && !curator(a))
		return err_set(e, ERR_NOTFOUND, "no answer of %.20s to campaign %lld", country,
			       id);
	if ((rc = allow(a, act, ch->x->country, e)))
		return rc;
	ch->from = ch->x->revision;
	return ERR_OK;
}

static int revision_ok(const struct change *ch, long long revision, struct err *e)
{
	if (revision != ch->x->revision)
		return err_set(e, ERR_CONFLICT, "the answer changed since revision %lld: it is "
			       "at revision %lld", revision, ch->x->revision);
	return ERR_OK;
}

/* Write ch's new state and the audit entry, in the caller's transaction. */
static int change_store(struct store *s, pool *p, const struct actor *a,
			const struct change *ch, enum audit_action act, const char *detail,
			struct err *e)
{
	struct err ue = { 0 };
	int rc;

	if ((rc = store_camp_answer_update(s, ch->x, ch->from, &ue)))
		return rc == ERR_CONFLICT ? err_set(e, rc, "the answer changed meanwhile: "
						    "reload it") : err_set(e, rc, "%s", ue.msg);
	return audit_by(s, a, act, pool_printf(p, "campaign/%lld/%s", ch->c->id,
					       ch->x->country), detail, e);
}

int camp_answer_save(struct store *s, pool *p, const struct actor *a, long long id,
		     const char *country, long long revision, const struct camp_value *v,
		     size_t n, const char *tlp, long long *revision_out, struct err *e)
{
	struct change ch;
	const struct qn_question *q;
	struct tx t = { 0 };
	int rc;

	if ((rc = change_load(s, p, a, id, country, ACT_ANSWER, &ch, e)))
		goto out;
	if (ch.x->status == CAMP_SUBMITTED || ch.x->status == CAMP_ACCEPTED) {
		rc = err_set(e, ERR_CONFLICT, "the answer is %s: it cannot be changed",
			     camp_status_titles[ch.x->status]);
		goto out;
	}
	if ((rc = window(p, a, ch.c, ch.x, e)) || (rc = revision_ok(&ch, revision, e)))
		goto out;
	if (n > LIMIT_CAMP_VALUES) {
		rc = err_set(e, ERR_INVALID, "values: more than %d", LIMIT_CAMP_VALUES);
		goto out;
	}
	if (tlp && in_list(tlps, tlp) < 0) {
		rc = err_set(e, ERR_INVALID, "tlp: '%.20s' is not CLEAR, GREEN or AMBER", tlp);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (!(q = question(ch.t, v[i].question))) {
			rc = err_set(e, ERR_INVALID, "%.64s: no such question in %s@%d",
				     v[i].question ? v[i].question : "", ch.t->id, ch.t->version);
			goto out;
		}
		for (size_t k = 0; k < i; k++)
			if (!strcmp(v[k].question, q->id)) {
				rc = err_set(e, ERR_INVALID, "%s: answered twice", q->id);
				goto out;
			}
		if ((rc = camp_value_check(q, v[i].value, v[i].evidence, e)))
			goto out;
	}
	if (tlp)
		ch.x->tlp = tlp;
	if (ch.x->status == CAMP_NOT_STARTED)
		ch.x->status = CAMP_DRAFT;
	touched(p, a, ch.x);
	if ((rc = tx_begin(&t, s, e)))
		goto out;
	for (size_t i = 0; i < n; i++)
		if ((rc = store_camp_value_put(s, id, ch.x->country, &v[i], e)))
			goto out;
	if ((rc = change_store(s, p, a, &ch, AUDIT_ANSWER_SAVE,
			       pool_printf(p, "revision %lld, %zu values, %s", ch.x->revision, n,
					   ch.x->tlp), e)))
		goto out;
	if (revision_out)
		*revision_out = ch.x->revision;
out:
	return tx_end(&t, rc, e);
}

int camp_answer_submit(struct store *s, pool *p, const struct actor *a, long long id,
		       const char *country, long long revision, struct err *e)
{
	struct change ch;
	struct camp_answer *x;
	struct tx t = { 0 };
	int rc;

	if ((rc = change_load(s, p, a, id, country, ACT_ANSWER, &ch, e)))
		goto out;
	if (ch.x->status != CAMP_DRAFT && ch.x->status != CAMP_RETURNED) {
		rc = err_set(e, ERR_CONFLICT, "the answer is %s: only a draft or a returned "
			     "answer is submitted", camp_status_titles[ch.x->status]);
		goto out;
	}
	if ((rc = window(p, a, ch.c, ch.x, e)) || (rc = revision_ok(&ch, revision, e)))
		goto out;
	x = pool_alloc(p, sizeof(*x));
	*x = *ch.x;
	if ((rc = values_of(s, p, ch.t, x, e)))
		goto out;
	for (size_t i = 0; i < ch.t->nquestions; i++) {
		const struct qn_question *q = &ch.t->questions[i];
		const struct camp_value *v = NULL;

		for (size_t k = 0; k < x->nvalues && !v; k++)
			if (!strcmp(x->values[k].question, q->id))
				v = &x->values[k];
		if (!v && q->kind != QN_TEXT) {
			rc = err_set(e, ERR_INVALID, "%s: has no answer", q->id);
			goto out;
		}
		if (q->evidence == QN_EV_REQUIRED && (!v || !v->evidence || !*v->evidence)) {
			rc = err_set(e, ERR_INVALID, "%s: needs evidence", q->id);
			goto out;
		}
	}
	ch.x->status = CAMP_SUBMITTED;
	touched(p, a, ch.x);
	ch.x->submitted_at = ch.x->updated_at;
	ch.x->submitted_by = ch.x->updated_by;
	if (!(rc = tx_begin(&t, s, e)))
		rc = change_store(s, p, a, &ch, AUDIT_ANSWER_SUBMIT,
				  pool_printf(p, "revision %lld", ch.x->revision), e);
out:
	return tx_end(&t, rc, e);
}

/* A curator's move of a submitted answer: to returned (comment) or accepted. */
static int decide(struct store *s, const struct actor *a, long long id, const char *country,
		  const char *comment, struct err *e)
{
	pool *p = pool_new();
	struct change ch;
	struct tx t = { 0 };
	int rc;

	if ((rc = change_load(s, p, a, id, country, ACT_CAMPAIGN, &ch, e)))
		goto out;
	if (ch.x->status != CAMP_SUBMITTED) {
		rc = err_set(e, ERR_CONFLICT, "the answer is %s: only a submitted answer is "
			     "returned or accepted", camp_status_titles[ch.x->status]);
		goto out;
	}
	if (comment && (!*comment || !text_ok(comment, LIMIT_CAMP_COMMENT))) {
		rc = err_set(e, ERR_INVALID, "comment: is required, at most %d bytes of UTF-8",
			     LIMIT_CAMP_COMMENT);
		goto out;
	}
	touched(p, a, ch.x);
	if (comment) {
		ch.x->status = CAMP_RETURNED;
		ch.x->comment = comment;
	} else {
		ch.x->status = CAMP_ACCEPTED;
		ch.x->accepted_at = ch.x->updated_at;
		ch.x->accepted_by = ch.x->updated_by;
	}
	if (!(rc = tx_begin(&t, s, e)))
		rc = change_store(s, p, a, &ch, comment ? AUDIT_ANSWER_RETURN : AUDIT_ANSWER_ACCEPT,
				  comment ? comment : pool_printf(p, "revision %lld",
								  ch.x->revision), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

int camp_answer_return(struct store *s, const struct actor *a, long long id,
		       const char *country, const char *comment, struct err *e)
{
	return decide(s, a, id, country, comment ? comment : "", e);
}

int camp_answer_accept(struct store *s, const struct actor *a, long long id,
		       const char *country, struct err *e)
{
	return decide(s, a, id, country, NULL, e);
}

int camp_reopen(struct store *s, const struct actor *a, long long id, const char *country,
		const char *until, struct err *e)
{
	pool *p = pool_new();
	struct change ch;
	struct tx t = { 0 };
	int rc;

	if ((rc = change_load(s, p, a, id, country, ACT_CAMPAIGN, &ch, e)))
		goto out;
	if (!date_ok(until) || strcmp(until, today_of(p)) < 0 ||
	    day_number(until) - day_number(today_of(p)) > LIMIT_CAMP_DAYS) {
		rc = err_set(e, ERR_INVALID, "until: '%.20s' must be a date (YYYY-MM-DD) from "
			     "today to %d days after it", until ? until : "", LIMIT_CAMP_DAYS);
		goto out;
	}
	touched(p, a, ch.x);
	ch.x->reopened_until = until;
	if (ch.x->status == CAMP_ACCEPTED)
		ch.x->status = CAMP_RETURNED;
	if (!(rc = tx_begin(&t, s, e)))
		rc = change_store(s, p, a, &ch, AUDIT_ANSWER_REOPEN,
				  pool_printf(p, "until %s", until), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

/* ---- aggregates ---- */

int camp_publish(struct store *s, const struct actor *a, long long id, struct err *e)
{
	pool *p = pool_new();
	struct campaign *c;
	struct tx t = { 0 };
	int rc;

	if ((rc = allow(a, ACT_CAMPAIGN, NULL, e)) || (rc = camp_get(s, p, id, &c, e)) ||
	    (rc = tx_begin(&t, s, e)) ||
	    (rc = store_camp_publish(s, id, record_now(p), actor_name(a), e)))
		goto out;
	rc = audit_by(s, a, AUDIT_CAMP_PUBLISH, pool_printf(p, "campaign/%lld", id),
		      pool_printf(p, "%lld accepted answers", c->count[CAMP_ACCEPTED]), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

static int dbl_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

/* The figures of g from its values v[0..n) (all of its question). */
static void agg_fill(pool *p, struct camp_agg *g, const struct camp_value *v, size_t n)
{
	const struct qn_question *q = g->q;
	double *num = pool_calloc(p, n ? n : 1, sizeof(double));
	size_t nn = 0;
	int i;

	for (size_t k = 0; k < n; k++) {
		g->answered++;
		switch (q->kind) {
		case QN_STAGE:
			i = atoi(v[k].value) - 1;
			if (i >= 0 && i < QN_STAGES)
				g->count[i]++;
			break;
		case QN_YES_PARTLY_NO:
			if ((i = in_list(ypn, v[k].value)) >= 0)
				g->count[i]++;
			break;
		case QN_CHOICE:
			for (i = 0; i < (int)q->noptions; i++)
				if (!strcmp(q->options[i].id, v[k].value))
					g->count[i]++;
			break;
		case QN_NUMBER:
			num[nn++] = strtod(v[k].value, NULL);
			break;
		default:
			break;
		}
	}
	g->shown = g->answered >= CAMP_AGG_MIN;
	if (!g->shown) {
		memset(g->count, 0, sizeof(g->count));
		return;
	}
	if (nn) {
		qsort(num, nn, sizeof(double), dbl_cmp);
		g->min = num[0];
		g->max = num[nn - 1];
		g->median = nn % 2 ? num[nn / 2] : (num[nn / 2 - 1] + num[nn / 2]) / 2;
	}
}

int camp_aggregates(struct store *s, pool *p, const struct actor *a, long long id,
		    struct qn_template **t, struct camp_agg **out, size_t *n, struct err *e)
{
	struct campaign *c;
	struct qn_template *tt;
	struct camp_value *v;
	size_t nv, at = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = camp_template(s, p, id, &c, &tt, e)))
		return rc;
	if (!c->published_at && !curator(a))
		return err_set(e, ERR_FORBIDDEN, "the figures of campaign %lld are not "
			       "published", id);
	if ((rc = store_camp_agg_values(s, p, id, &v, &nv, e)))
		return rc;
	*out = pool_calloc(p, tt->nquestions ? tt->nquestions : 1, sizeof(**out));
	for (size_t i = 0; i < tt->nquestions; i++) {
		struct camp_agg *g = &(*out)[i];
		size_t from;

		g->q = &tt->questions[i];
		/* the store gives them by question id; find this question's run */
		for (at = 0; at < nv && strcmp(v[at].question, g->q->id); at++)
			;
		for (from = at; at < nv && !strcmp(v[at].question, g->q->id); at++)
			;
		agg_fill(p, g, v + from, at - from);
	}
	*n = tt->nquestions;
	if (t)
		*t = tt;
	return ERR_OK;
}

/* ---- progress and the latest answer ---- */

/* Whether x counts as an answer given: submitted or accepted. */
static int given(const struct camp_answer *x)
{
	return x->status == CAMP_SUBMITTED || x->status == CAMP_ACCEPTED;
}

int camp_progress(struct store *s, pool *p, const struct actor *a, const char *country,
		  struct camp_progress **out, size_t *n, struct err *e)
{
	struct camp_answer *x;
	struct campaign **c;
	struct qn_template *t;
	size_t nx;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = country_answers(s, p, country, &x, &c, &nx, e)))
		return rc;
	*out = pool_calloc(p, nx ? nx : 1, sizeof(**out));
	/* the store gives the newest first: walk back for the oldest first */
	for (size_t i = nx; i-- > 0;) {
		struct camp_progress *g = &(*out)[*n];
		double sum[8] = { 0 };

		if (!given(&x[i]) || !camp_can_read(a, &x[i]))
			continue;
		if ((rc = camp_template(s, p, x[i].campaign, NULL, &t, e)) ||
		    (rc = values_of(s, p, t, &x[i], e)))
			return rc;
		g->campaign = c[i];
		for (size_t k = 0; k < x[i].nvalues; k++) {
			const struct qn_question *q = question(t, x[i].values[k].question);

			if (!q || q->kind != QN_STAGE || q->dimension < 0 || q->dimension >= 8)
				continue;
			sum[q->dimension] += atoi(x[i].values[k].value);
			g->answered[q->dimension]++;
		}
		for (int d = 0; d < 8; d++)
			g->mean[d] = g->answered[d] ? sum[d] / g->answered[d] : 0;
		(*n)++;
	}
	return ERR_OK;
}

/* Campaign id and its template, from memo when it has them (memo may be NULL). */
static int memo_get(struct store *s, pool *p, struct camp_memo *memo, long long id,
		    struct campaign **c, struct qn_template **t, struct err *e)
{
	int rc;

	for (size_t i = 0; memo && i < memo->n; i++)
		if (memo->id[i] == id) {
			*c = memo->c[i];
			*t = memo->t[i];
			return ERR_OK;
		}
	if ((rc = camp_template(s, p, id, c, t, e)))
		return rc;
	if (memo && memo->n < CAMP_MEMO_MAX) {
		memo->id[memo->n] = id;
		memo->c[memo->n] = *c;
		memo->t[memo->n++] = *t;
	}
	return ERR_OK;
}

int camp_latest_answer(struct store *s, pool *p, const struct actor *a, const char *country,
		       struct camp_memo *memo, struct camp_answer **out, struct campaign **c,
		       struct qn_template **t, struct err *e)
{
	struct camp_answer *x;
	struct campaign *cc;
	size_t nx;
	int rc;

	*out = NULL;
	if ((rc = store_camp_of_country(s, p, country, &x, &nx, e)))
		return rc;
	for (size_t i = 0; i < nx; i++) {
		if (!given(&x[i]) || !camp_can_read(a, &x[i]))
			continue;
		if ((rc = memo_get(s, p, memo, x[i].campaign, &cc, t, e)) ||
		    (rc = values_of(s, p, *t, &x[i], e)))
			return rc;
		set_late(cc, &x[i], today_of(p));
		*out = &x[i];
		if (c)
			*c = cc;
		return ERR_OK;
	}
	return ERR_OK;
}

int camp_answer_carry(struct store *s, pool *p, const struct actor *a, long long id,
		      const char *country, long long revision, size_t *carried,
		      long long *revision_out, struct err *e)
{
	struct campaign *c, *oc;
	struct qn_template *t, *ot;
	struct camp_answer *now, *x;
	struct camp_value *v;
	size_t nx, n = 0;
	int *keep, rc;

	if (carried)
		*carried = 0;
	if ((rc = camp_template(s, p, id, &c, &t, e)) ||
	    (rc = camp_answer_get(s, p, a, id, country, &now, e)) ||
	    (rc = store_camp_of_country(s, p, now->country, &x, &nx, e)))
		return rc;
	for (size_t i = 0; i < nx; i++) {
		if (x[i].campaign == id || !given(&x[i]) || !camp_can_read(a, &x[i]))
			continue;
		if ((rc = camp_template(s, p, x[i].campaign, &oc, &ot, e)))
			return rc;
		if (strcmp(ot->id, t->id))
			continue;
		if ((rc = values_of(s, p, ot, &x[i], e)))
			return rc;
		qn_unchanged(p, ot, t, &keep);
		v = pool_calloc(p, x[i].nvalues ? x[i].nvalues : 1, sizeof(*v));
		for (size_t k = 0; k < x[i].nvalues; k++) {
			const struct camp_value *ov = &x[i].values[k];
			int j = -1, have = 0;

			for (size_t q = 0; q < t->nquestions && j < 0; q++)
				if (!strcmp(t->questions[q].id, ov->question))
					j = (int)q;
			for (size_t m = 0; m < now->nvalues; m++)
				have |= !strcmp(now->values[m].question, ov->question);
			if (j >= 0 && keep[j] && !have)
				v[n++] = *ov;
		}
		if ((rc = camp_answer_save(s, p, a, id, now->country, revision, v, n, NULL,
					   revision_out, e)))
			return rc;
		if (carried)
			*carried = n;
		return ERR_OK;
	}
	return err_set(e, ERR_NOTFOUND, "no earlier answer to carry over");
}
