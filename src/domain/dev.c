/* dev: the developments of a period (domain/dev.h). The store gathers the rows of
 * each source with the filters in SQL; here the query is checked, the reading rules
 * of what is not a record are applied (campaign answers, assistance requests),
 * coverage's timeline gives the articles newly covered, and the sources are merged
 * in the order asked. */
#include "domain/dev.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/num.h"
#include "core/sbuf.h"
#include "domain/assist.h"
#include "domain/campaign.h"
#include "domain/country.h"
#include "domain/coverage.h"
#include "domain/instrument.h"
#include "domain/needs.h"
#include "domain/record.h"
#include "store/store.h"

const char *const dev_kind_names[DEV_KIND_COUNT] = {
	"law-adopted", "law-amended", "case", "lesson", "coverage", "campaign-opened",
	"campaign-answered", "assistance-delivered",
};
const char *const dev_kind_titles[DEV_KIND_COUNT] = {
	"Law adopted", "Law amended", "New case", "New lesson learned",
	"Article newly covered", "Campaign opened", "Campaign answered",
	"Assistance delivered",
};

#define ALL_KINDS ((1u << DEV_KIND_COUNT) - 1)
/* what an article filter keeps (the rest is about no article) */
#define ARTICLE_KINDS ((1u << DEV_LAW_ADOPTED) | (1u << DEV_LAW_AMENDED) | \
		       (1u << DEV_CASE) | (1u << DEV_COVERED))
/* what a topic filter keeps: the kinds that carry a topic */
#define TOPIC_KINDS ((1u << DEV_LESSON) | (1u << DEV_ASSIST_DELIVERED))

int dev_kind_parse(const char *s)
{
	for (int i = 0; s && i < DEV_KIND_COUNT; i++)
		if (!strcmp(s, dev_kind_names[i]))
			return i;
	return -1;
}

static int given(const char *s)
{
	return s && *s;
}

/* The kinds of a comma-separated list into *mask. */
static int kinds_parse(pool *p, const char *list, unsigned *mask, struct err *e)
{
	char *copy, *save = NULL;

	*mask = 0;
	if (strlen(list) > 400)
		return err_set(e, ERR_INVALID, "kind: longer than 400 bytes");
	copy = pool_strdup(p, list);
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int k = dev_kind_parse(t);

		if (k < 0)
			return err_set(e, ERR_INVALID, "kind: no kind of development '%.40s'", t);
		*mask |= 1u << k;
	}
	if (!*mask)
		return err_set(e, ERR_INVALID, "kind: no kind of development ''");
	return ERR_OK;
}

static const char *today_of(char buf[11])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
	return buf;
}

int dev_query_parse(struct store *s, pool *p, const struct dev_params *in,
		    const char *today, struct dev_query *out, struct err *e)
{
	struct country *c;
	struct region *g;
	struct article *art;
	char buf[11];
	int rc;

	memset(out, 0, sizeof(*out));
	out->kinds = ALL_KINDS;
	out->limit = DEV_LIMIT_DEFAULT;
	if (!today)
		today = today_of(buf);
	if (given(in->period) || given(in->from) || given(in->to)) {
		out->period_given = 1;
		if ((rc = period_parse(given(in->period) ? in->period : NULL,
				       given(in->from) ? in->from : NULL,
				       given(in->to) ? in->to : NULL, &out->period, e)))
			return rc;
	} else {
		long day;
		char from[32];

		if (period_day(today, &day))
			return err_set(e, ERR_INVALID, "to: '%.20s' is not a date", today);
		memcpy(out->period.to, today, 10);
		/* PERIOD_MAX_YEARS years, both ends included: from the day after the same
		 * date that many years before */
		snprintf(from, sizeof(from), "%04d%.6s", atoi(today) - PERIOD_MAX_YEARS,
			 today + 4);
		memcpy(out->period.from, from, 10);
		if (period_day(out->period.from, &day))	/* 29 February */
			memcpy(out->period.from + 5, "03-01", 5);
		else
			period_date(day + 1, out->period.from);
	}
	if (given(in->country)) {
		if (country_get(s, p, in->country, &c, NULL))
			return err_set(e, ERR_INVALID, "country: no country '%.40s'", in->country);
		memcpy(out->country, c->alpha2, 3);
	}
	if (given(in->region)) {
		if (strlen(in->region) > 3 || region_get(s, p, in->region, &g, NULL))
			return err_set(e, ERR_INVALID, "region: no M49 region '%.40s'", in->region);
		memcpy(out->region, g->code, 4);
	}
	if (given(in->article)) {
		const char *inst;
		int num;

		if (cov_article_ref(p, in->article, &inst, &num, e))
			return ERR_INVALID;
		if (instrument_article(s, p, inst, num, &art, NULL))
			return err_set(e, ERR_INVALID, "article: no article '%.40s'", in->article);
		out->instrument = art->instrument;
		out->article = art->number;
	}
	if (given(in->kind) && (rc = kinds_parse(p, in->kind, &out->kinds, e)))
		return rc;
	if (given(in->topic)) {
		if (!needs_topic(in->topic))
			return err_set(e, ERR_INVALID, "topic: no topic '%.40s'", in->topic);
		out->topic = needs_topic(in->topic)->key;
	}
	if (given(in->limit) && num_int(in->limit, 1, DEV_LIMIT_MAX, &out->limit)) {
		long long big;

		if (!num_parse(in->limit, 1, 1000000000LL, &big))
			return err_set(e, ERR_INVALID, "limit: %lld is more than %d", big,
				       DEV_LIMIT_MAX);
		return err_set(e, ERR_INVALID, "limit: '%.20s' is not a number from 1 to %d",
			       in->limit, DEV_LIMIT_MAX);
	}
	if (given(in->order)) {
		if (!strcmp(in->order, "updated"))
			out->order = DEV_BY_UPDATED;
		else if (strcmp(in->order, "date"))
			return err_set(e, ERR_INVALID, "order: '%.20s' is neither date nor updated",
				       in->order);
	}
	return ERR_OK;
}

const char *dev_query_string(pool *p, const struct dev_query *q)
{
	struct sbuf b = SBUF_INIT;
	const char *out;

	if (q->period_given)
		sbuf_addf(&b, "&from=%s&to=%s", q->period.from, q->period.to);
	if (q->country[0])
		sbuf_addf(&b, "&country=%s", q->country);
	if (q->region[0])
		sbuf_addf(&b, "&region=%s", q->region);
	if (q->instrument)
		sbuf_addf(&b, "&article=%s/%d", q->instrument, q->article);
	if (q->kinds != ALL_KINDS) {
		sbuf_adds(&b, "&kind=");
		for (int k = 0, first = 1; k < DEV_KIND_COUNT; k++)
			if (q->kinds & (1u << k)) {
				sbuf_addf(&b, "%s%s", first ? "" : ",", dev_kind_names[k]);
				first = 0;
			}
	}
	if (q->topic)
		sbuf_addf(&b, "&topic=%s", q->topic);
	if (q->limit != DEV_LIMIT_DEFAULT)
		sbuf_addf(&b, "&limit=%d", q->limit);
	if (q->order == DEV_BY_UPDATED)
		sbuf_adds(&b, "&order=updated");
	out = pool_strdup(p, b.len ? sbuf_str(&b) + 1 : "");
	sbuf_release(&b);
	return out;
}

/* ---- the filter the store is asked ---- */

/* The countries q names as a JSON array (NULL: every country): its country, or the
 * countries of its region. */
static int countries_json(struct store *s, pool *p, const struct dev_query *q,
			  const char **out, struct err *e)
{
	struct sbuf b = SBUF_INIT;
	struct country *cs;
	struct region *g;
	size_t n;
	int rc;

	*out = NULL;
	if (q->country[0]) {
		*out = pool_printf(p, "[\"%s\"]", q->country);
		return ERR_OK;
	}
	if (!q->region[0])
		return ERR_OK;
	if ((rc = region_get(s, p, q->region, &g, e)) || (rc = country_list(s, p, &cs, &n, e)))
		return rc;
	sbuf_addc(&b, '[');
	for (size_t i = 0; i < n; i++)
		if (region_contains(g, &cs[i]))
			sbuf_addf(&b, "%s\"%s\"", b.len > 1 ? "," : "", cs[i].alpha2);
	sbuf_addc(&b, ']');
	*out = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return ERR_OK;
}

/* The article q names and its equivalents through the cross-walk, as a JSON array. */
static int articles_json(struct store *s, pool *p, const struct dev_query *q,
			 const char **out, struct err *e)
{
	struct xwalk_link *l;
	size_t n;
	int rc;
	struct sbuf b = SBUF_INIT;

	*out = NULL;
	if (!q->instrument)
		return ERR_OK;
	if ((rc = instrument_counterparts(s, p, q->instrument, q->article, &l, &n, e)))
		return rc;
	sbuf_addf(&b, "[\"%s/%d\"", q->instrument, q->article);
	for (size_t i = 0; i < n; i++)
		if (l[i].relation && !strcmp(l[i].relation, "equivalent"))
			sbuf_addf(&b, ",\"%s/%d\"", l[i].instrument, l[i].number);
	sbuf_addc(&b, ']');
	*out = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return ERR_OK;
}

/* Whether "inst/num" is in the JSON array list (NULL: any). */
static int article_in(pool *p, const char *list, const char *inst, int num)
{
	return !list || strstr(list, pool_printf(p, "\"%s/%d\"", inst, num)) != NULL;
}

/* ---- rows into developments ---- */

struct acc {
	struct dev *v;
	size_t n, cap;
};

static struct dev *acc_add(pool *p, struct acc *a)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 64;
		struct dev *v = pool_calloc(p, cap, sizeof(*v));

		if (a->n)
			memcpy(v, a->v, a->n * sizeof(*v));
		a->v = v;
		a->cap = cap;
	}
	memset(&a->v[a->n], 0, sizeof(a->v[0]));
	return &a->v[a->n++];
}

static void from_row(pool *p, const struct dev_row *w, struct dev *d)
{
	d->kind = (enum dev_kind)w->kind;
	d->id = w->id;
	d->country = w->country;
	d->region = w->region;
	d->title = w->title;
	d->language = w->language;
	d->date = w->date;
	d->updated = w->updated;
	d->detail = w->detail;
	if (d->kind <= DEV_LESSON)
		d->tlp = w->tlp;
	switch (d->kind) {
	case DEV_LAW_ADOPTED:
	case DEV_LAW_AMENDED:
		d->uri = w->uri;
		d->path = pool_printf(p, "%s/%s@%s", w->uri, w->version_language, w->date);
		if (w->prev)
			d->diff_path = pool_printf(p, "%s?diff=%s@%s..%s@%s", w->uri,
						   w->version_language, w->prev,
						   w->version_language, w->date);
		d->key = pool_printf(p, "law/%lld/%s", w->id, w->date);
		break;
	case DEV_CASE:
		d->path = pool_printf(p, "/cases/%lld", w->id);
		d->key = pool_printf(p, "case/%lld", w->id);
		break;
	case DEV_LESSON:
		d->path = pool_printf(p, "/lessons/%lld", w->id);
		d->key = pool_printf(p, "lesson/%lld", w->id);
		break;
	case DEV_CAMPAIGN_OPENED:
		d->path = pool_printf(p, "/campaigns/%lld", w->id);
		d->key = pool_printf(p, "campaign/%lld", w->id);
		break;
	case DEV_CAMPAIGN_ANSWERED:
		d->path = pool_printf(p, "/campaigns/%lld/answers/%s", w->id, w->country);
		d->key = pool_printf(p, "campaign/%lld/answer/%s", w->id, w->country);
		break;
	case DEV_ASSIST_DELIVERED:
		d->path = pool_printf(p, "/assistance/%lld", w->id);
		d->key = pool_printf(p, "assistance/%lld/delivered", w->id);
		break;
	default:
		break;
	}
}

/* Whether a may read the event of row w (not a record): an answer as camp_can_read
 * says, a request as assist_can_read (a provider's match through
 * assist_request_get), a campaign always. */
static int event_readable(struct store *s, pool *p, const struct actor *a,
			  const struct dev_row *w)
{
	struct assist_request *got;

	switch ((enum dev_kind)w->kind) {
	case DEV_CAMPAIGN_OPENED:
		return 1;
	case DEV_CAMPAIGN_ANSWERED: {
		struct camp_answer x = { 0 };

		x.campaign = w->id;
		x.country = w->country;
		x.status = (enum camp_status)camp_status_parse(w->status);
		x.tlp = w->tlp;
		return camp_can_read(a, &x);
	}
	case DEV_ASSIST_DELIVERED: {
		struct assist_request r = { 0 };

		r.id = w->id;
		r.country = w->country;
		r.tlp = w->tlp;
		r.stage = AS_DELIVERED;
		if (assist_can_read(a, &r, 0))
			return 1;
		return a && a->org_id && w->tlp && !strcmp(w->tlp, "AMBER") &&
		       !assist_request_get(s, p, a, w->id, &got, NULL);
	}
	default:
		return 0;
	}
}

/* The updated time of the laws of country dated date among days (by country and
 * date), or NULL. */
static const char *day_updated(const struct dev_row *days, size_t n, const char *country,
			       const char *date)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(days[i].country, country) && !strcmp(days[i].date, date))
			return days[i].updated;
	return NULL;
}

static int str0cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* newest first by the order's key (first and second: date and updated, or the
 * reverse), then kind, id and key */
static int dev_cmp(const struct dev *a, const struct dev *b, int by_updated)
{
	int c = by_updated ? str0cmp(b->updated, a->updated) : str0cmp(b->date, a->date);

	if (!c)
		c = by_updated ? str0cmp(b->date, a->date) : str0cmp(b->updated, a->updated);
	if (!c)
		c = (int)a->kind - (int)b->kind;
	if (!c)
		c = a->id < b->id ? -1 : a->id > b->id;
	return c ? c : str0cmp(a->key, b->key);
}

static int by_date(const void *a, const void *b)
{
	return dev_cmp(a, b, 0);
}

static int by_updated(const void *a, const void *b)
{
	return dev_cmp(a, b, 1);
}

/* Sort the developments of a in the order asked and keep the first limit. */
static void keep_first(struct acc *a, int updated, size_t limit)
{
	if (a->n > 1)
		qsort(a->v, a->n, sizeof(*a->v), updated ? by_updated : by_date);
	if (a->n > limit)
		a->n = limit;
}

/* A country with a version dated in the period: the greatest of its days by the
 * order's key (the date, or the updated time of that day's versions) and by the other
 * key. */
struct cday {
	const char *country, *key, *key2;
};

static int cday_cmp(const void *pa, const void *pb)
{
	const struct cday *a = pa, *b = pb;
	int c = str0cmp(b->key, a->key);

	return c ? c : str0cmp(b->key2, a->key2);
}

/* The articles newly covered in the period, per country that has a version dated in
 * it, as coverage's timeline says at the period's end. An article becomes covered on
 * the day of a version, so a country's entries are no newer (by date, or by updated)
 * than its newest day: countries are taken newest first, and once acc holds limit
 * entries that all come before a country's newest day in the order, neither it nor
 * those after it are computed. */
static int covered(struct store *s, pool *p, const struct actor *a, const struct dev_query *q,
		   const struct dev_filter *f, struct acc *acc, struct err *e)
{
	struct dev_row *days;
	struct cday *cs;
	size_t nd, nc = 0, limit = (size_t)f->limit;
	int rc;

	if ((rc = store_dev_law_days(s, p, f, &days, &nd, e)))
		return rc;
	cs = pool_calloc(p, nd ? nd : 1, sizeof(*cs));
	for (size_t i = 0; i < nd; i++) {
		const char *key = f->by_updated ? days[i].updated : days[i].date;
		const char *key2 = f->by_updated ? days[i].date : days[i].updated;

		if (!nc || strcmp(cs[nc - 1].country, days[i].country))
			cs[nc++].country = days[i].country;
		if (str0cmp(key, cs[nc - 1].key) > 0)
			cs[nc - 1].key = key;
		if (str0cmp(key2, cs[nc - 1].key2) > 0)
			cs[nc - 1].key2 = key2;
	}
	if (nc > 1)
		qsort(cs, nc, sizeof(*cs), cday_cmp);
	for (size_t k = 0; k < nc; k++) {
		const char *const one[1] = { cs[k].country };
		struct cov_query cq = { 0 };
		struct cov_timeline *t;

		if (acc->n >= limit) {
			const struct dev *last;
			int c;

			keep_first(acc, f->by_updated, limit);
			last = &acc->v[limit - 1];
			c = str0cmp(cs[k].key, f->by_updated ? last->updated : last->date);
			if (c < 0 || (!c && str0cmp(cs[k].key2, f->by_updated ? last->date :
						    last->updated) < 0))
				break;
		}
		cq.at = q->period.to;
		cq.countries = one;
		cq.ncountries = 1;
		if ((rc = cov_timeline(s, p, a, &cq, &t, e)))
			return rc;
		for (size_t j = 0; j < t->narticles; j++) {
			const struct cov_since *c = &t->articles[j];
			const char *up;
			struct dev *d;

			if (!c->covered_since || !period_contains(&q->period, c->covered_since) ||
			    !article_in(p, f->articles, c->article->instrument, c->article->number))
				continue;
			d = acc_add(p, acc);
			d->kind = DEV_COVERED;
			d->country = cs[k].country;
			d->title = c->article->title;
			d->language = "en";
			d->date = c->covered_since;
			up = day_updated(days, nd, cs[k].country, c->covered_since);
			d->updated = up ? up : pool_printf(p, "%sT00:00:00Z", c->covered_since);
			d->instrument = c->article->instrument;
			d->article = c->article->number;
			d->path = pool_printf(p, "/countries/%s", cs[k].country);
			d->key = pool_printf(p, "coverage/%s/%s/%d/%s", cs[k].country,
					     c->article->instrument, c->article->number,
					     c->covered_since);
		}
	}
	return ERR_OK;
}

int dev_list(struct store *s, pool *p, const struct actor *a, const struct dev_query *q,
	     struct dev **out, size_t *n, const char **newest, struct err *e)
{
	struct dev_filter f = { 0 };
	struct dev_row *rows;
	struct acc acc = { 0 };
	const struct need_term_def *topic = q->topic ? needs_topic(q->topic) : NULL;
	size_t nr;
	int rc;

	*out = NULL;
	*n = 0;
	if (newest)
		*newest = NULL;
	f.from = q->period.from;
	f.to = q->period.to;
	f.region = q->region[0] ? q->region : NULL;
	f.topic = topic ? topic->key : NULL;
	f.topic_name = topic ? topic->name : NULL;
	f.kinds = q->kinds;
	if (q->instrument)
		f.kinds &= ARTICLE_KINDS;
	if (topic)
		f.kinds &= TOPIC_KINDS;
	f.by_updated = q->order == DEV_BY_UPDATED;
	f.limit = q->limit > 0 && q->limit <= DEV_LIMIT_MAX ? q->limit : DEV_LIMIT_DEFAULT;
	if ((rc = countries_json(s, p, q, &f.countries, e)) ||
	    (rc = articles_json(s, p, q, &f.articles, e)))
		return rc;
	if (f.kinds & ((1u << DEV_LAW_ADOPTED) | (1u << DEV_LAW_AMENDED) | (1u << DEV_CASE) |
		       (1u << DEV_LESSON))) {
		if ((rc = store_dev_records(s, p, &f, &rows, &nr, e)))
			return rc;
		for (size_t i = 0; i < nr; i++)
			from_row(p, &rows[i], acc_add(p, &acc));
	}
	if (f.kinds & ((1u << DEV_CAMPAIGN_OPENED) | (1u << DEV_CAMPAIGN_ANSWERED) |
		       (1u << DEV_ASSIST_DELIVERED))) {
		struct dev_filter g = f;
		size_t kept = 0;

		g.limit = DEV_SCAN_MAX;
		if ((rc = store_dev_events(s, p, &g, &rows, &nr, e)))
			return rc;
		for (size_t i = 0; i < nr && kept < (size_t)f.limit; i++)
			if (event_readable(s, p, a, &rows[i])) {
				from_row(p, &rows[i], acc_add(p, &acc));
				kept++;
			}
	}
	if ((f.kinds & (1u << DEV_COVERED)) && (rc = covered(s, p, a, q, &f, &acc, e)))
		return rc;
	keep_first(&acc, f.by_updated, (size_t)f.limit);
	/* shown to a: its reads of restricted records are audited, as a list's */
	if (a) {
		struct record *recs = pool_calloc(p, acc.n ? acc.n : 1, sizeof(*recs));
		size_t nrec = 0;

		for (size_t i = 0; i < acc.n; i++)
			if (acc.v[i].tlp) {
				recs[nrec].id = acc.v[i].id;
				recs[nrec].kind = acc.v[i].kind == DEV_CASE ? REC_CASE :
						  acc.v[i].kind == DEV_LESSON ? REC_LESSON :
						  REC_LEGISLATION;
				recs[nrec].country = acc.v[i].country;
				recs[nrec].title = acc.v[i].title;
				recs[nrec].status = ST_PUBLISHED;
				recs[nrec++].tlp = acc.v[i].tlp;
			}
		if ((rc = record_read_each(s, a, recs, sizeof(*recs), nrec, e)))
			return rc;
	}
	if (newest)
		for (size_t i = 0; i < acc.n; i++)
			if (!*newest || str0cmp(acc.v[i].updated, *newest) > 0)
				*newest = acc.v[i].updated;
	*out = acc.v;
	*n = acc.n;
	return ERR_OK;
}
