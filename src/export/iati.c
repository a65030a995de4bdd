#include "export/iati.h"

#include <libxml/xmlwriter.h>
#include <string.h>
#include <time.h>

#include "domain/assist.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The request's topic -> DAC 5 purpose code (vocabulary 1). 15130 "Legal and
 * judicial development" covers legal drafting, the justice sector, law enforcement
 * and its training; 15210 "Security system management and reform" the security
 * institutions: incident response teams, the forensic capacity of security
 * services, national prevention programmes. docs/assistance.md gives the reasons. */
static const struct {
	const char *topic, *code;
} iati_sectors[] = {
	{ "legislation-drafting", "15130" },
	{ "electronic-evidence", "15130" },
	{ "international-cooperation", "15130" },
	{ "financial-investigation", "15130" },
	{ "child-exploitation", "15130" },
	{ "cryptocurrency", "15130" },
	{ "human-rights", "15130" },
	{ "digital-forensics", "15210" },
	{ "cert", "15210" },
	{ "prevention", "15210" },
};

/* A stage -> IATI ActivityStatus: 1 Pipeline/identification, 2 Implementation,
 * 3 Finalisation, 4 Closed, 5 Cancelled (6 Suspended has no stage). */
static const struct {
	const char *stage;
	int code;
} iati_statuses[] = {
	{ "requested", 1 }, { "assessed", 1 }, { "matched", 1 }, { "funded", 1 },
	{ "in_delivery", 2 }, { "delivered", 3 }, { "evaluated", 3 }, { "closed", 4 },
	{ "declined", 5 }, { "withdrawn", 5 },
};

/* fund kind -> IATI TransactionType */
static const char *const iati_transaction[AF_KIND_COUNT] = {
	[AF_PLEDGE] = "2",		/* Outgoing Commitment */
	[AF_DISBURSEMENT] = "3",	/* Disbursement */
};

static struct iati_org current = { IATI_ORG_REF_DEFAULT, IATI_ORG_NAME_DEFAULT };

void iati_org_use(const struct iati_org *org)
{
	current = *org;
}

const struct iati_org *iati_org_current(void)
{
	return &current;
}

const char *iati_sector(const char *topic)
{
	for (size_t i = 0; topic && i < NELEM(iati_sectors); i++)
		if (!strcmp(topic, iati_sectors[i].topic))
			return iati_sectors[i].code;
	return NULL;
}

int iati_status(const char *stage)
{
	for (size_t i = 0; stage && i < NELEM(iati_statuses); i++)
		if (!strcmp(stage, iati_statuses[i].stage))
			return iati_statuses[i].code;
	return 0;
}

int iati_ref_ok(const char *ref)
{
	size_t n = ref ? strlen(ref) : 0;

	if (!n || n > 100)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = ref[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || strchr("-_.:/", c)))
			return 0;
	}
	return 1;
}

/* ---- writing ---- */

struct w {
	xmlTextWriterPtr x;
	pool *p;
	int bad;		/* a write failed */
};

/* s without the control characters XML 1.0 cannot hold (C0 but tab, newline and
 * carriage return); "" for NULL. */
static const char *clean(pool *p, const char *s)
{
	size_t n = s ? strlen(s) : 0, k = 0;
	char *t;

	if (!n)
		return "";
	t = pool_alloc(p, n + 1);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x20 || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			t[k++] = s[i];
	t[k] = 0;
	return t;
}

static void open_el(struct w *w, const char *name)
{
	if (xmlTextWriterStartElement(w->x, BAD_CAST name) < 0)
		w->bad = 1;
}

static void close_el(struct w *w)
{
	if (xmlTextWriterEndElement(w->x) < 0)
		w->bad = 1;
}

static void attr(struct w *w, const char *name, const char *value)
{
	if (value && xmlTextWriterWriteAttribute(w->x, BAD_CAST name,
						 BAD_CAST clean(w->p, value)) < 0)
		w->bad = 1;
}

static void text(struct w *w, const char *s)
{
	if (xmlTextWriterWriteString(w->x, BAD_CAST clean(w->p, s)) < 0)
		w->bad = 1;
}

/* <name [a1=v1 a2=v2]/> with up to two attributes (NULL names end the list) */
static void empty_el(struct w *w, const char *name, const char *a1, const char *v1,
		     const char *a2, const char *v2)
{
	open_el(w, name);
	if (a1)
		attr(w, a1, v1);
	if (a2)
		attr(w, a2, v2);
	close_el(w);
}

/* <narrative [xml:lang=lang]>s</narrative> */
static void narrative(struct w *w, const char *lang, const char *s)
{
	open_el(w, "narrative");
	if (lang)
		attr(w, "xml:lang", lang);
	text(w, s);
	close_el(w);
}

/* <name [role=..]><narrative>s</narrative></name> for organisations */
static void org_el(struct w *w, const char *name, const char *role, const char *s)
{
	open_el(w, name);
	if (role)
		attr(w, "role", role);
	narrative(w, NULL, s);
	close_el(w);
}

/* <value currency= value-date=>amount</value>, amount in minor units */
static void value_el(struct w *w, const char *cur, int minor, long long amount,
		     const char *date)
{
	open_el(w, "value");
	attr(w, "currency", cur);
	attr(w, "value-date", date);
	text(w, assist_amount_text(w->p, amount, minor));
	close_el(w);
}

/* The minor units of currency code (2 when the table lacks it: the domain refused
 * such amounts when they were stored). */
static int minor_of(struct store *s, pool *p, const char *code)
{
	struct assist_currency *c;

	return assist_currency_get(s, p, code, &c, NULL) ? 2 : c->minor;
}

/* The first language of list ("en,fr" -> "en"), or NULL. */
static const char *first_lang(pool *p, const char *list)
{
	size_t n = list ? strcspn(list, ",") : 0;

	return n ? pool_strndup(p, list, n) : NULL;
}

/* The date part of an ISO timestamp "2026-12-07T14:22:52Z" (10 bytes). */
static const char *day_of(pool *p, const char *at)
{
	return at && strlen(at) >= 10 ? pool_strndup(p, at, 10) : NULL;
}

/* <title><narrative xml:lang="en">s</narrative></title> */
static void title_en(struct w *w, const char *s)
{
	open_el(w, "title");
	narrative(w, "en", s);
	close_el(w);
}

/* <period><period-start/><period-end/> left open for its actuals */
static void period_open(struct w *w, const char *from, const char *to)
{
	open_el(w, "period");
	empty_el(w, "period-start", "iso-date", from, NULL, NULL);
	empty_el(w, "period-end", "iso-date", to, NULL, NULL);
}

/* The results of activities act[0..n): people trained by role and gender (output),
 * the mean test scores before and after (outcome, per activity), the beneficiary's
 * ratings (outcome, per activity). Counts only: attendance names are never read. */
static void write_results(struct w *w, const struct assist_activity *act, size_t n)
{
	const char *from = NULL, *to = NULL;
	long long total = 0, count[AR_COUNT][AG_COUNT] = { { 0 } };
	size_t trained = 0, scored = 0, rated = 0;

	for (size_t i = 0; i < n; i++) {
		if (act[i].trained_at) {
			trained++;
			if (!from || strcmp(act[i].date_from, from) < 0)
				from = act[i].date_from;
			if (!to || strcmp(act[i].date_to, to) > 0)
				to = act[i].date_to;
			for (int r = 0; r < AR_COUNT; r++)
				for (int g = 0; g < AG_COUNT; g++) {
					count[r][g] += act[i].count[r][g];
					total += act[i].count[r][g];
				}
			scored += act[i].pre >= 0 || act[i].post >= 0;
		}
		rated += act[i].rating > 0;
	}
	if (trained) {
		open_el(w, "result");
		attr(w, "type", "1");		/* output */
		attr(w, "aggregation-status", "1");
		title_en(w, "People trained");
		open_el(w, "indicator");
		attr(w, "measure", "1");	/* unit */
		attr(w, "ascending", "1");
		title_en(w, "Participants of the trainings, by role and gender");
		period_open(w, from, to);
		empty_el(w, "actual", "value", pool_printf(w->p, "%lld", total), NULL, NULL);
		for (int r = 0; r < AR_COUNT; r++)
			for (int g = 0; g < AG_COUNT; g++) {
				if (!count[r][g])
					continue;
				open_el(w, "actual");
				attr(w, "value", pool_printf(w->p, "%lld", count[r][g]));
				empty_el(w, "dimension", "name", "role", "value",
					 assist_role_names[r]);
				empty_el(w, "dimension", "name", "sex", "value",
					 assist_gender_names[g]);
				close_el(w);
			}
		close_el(w);		/* period */
		close_el(w);		/* indicator */
		close_el(w);		/* result */
	}
	if (scored) {
		open_el(w, "result");
		attr(w, "type", "2");		/* outcome */
		title_en(w, "Mean test scores of the trainings, before and after (0-100)");
		for (size_t i = 0; i < n; i++) {
			if (!act[i].trained_at || (act[i].pre < 0 && act[i].post < 0))
				continue;
			open_el(w, "indicator");
			attr(w, "measure", "2");	/* percentage */
			attr(w, "ascending", "1");
			title_en(w, act[i].title);
			if (act[i].pre >= 0) {
				open_el(w, "baseline");
				attr(w, "iso-date", act[i].date_from);
				attr(w, "year", pool_strndup(w->p, act[i].date_from, 4));
				attr(w, "value", assist_amount_text(w->p, act[i].pre, 1));
				close_el(w);
			}
			period_open(w, act[i].date_from, act[i].date_to);
			if (act[i].post >= 0)
				empty_el(w, "actual", "value",
					 assist_amount_text(w->p, act[i].post, 1), NULL, NULL);
			close_el(w);	/* period */
			close_el(w);	/* indicator */
		}
		close_el(w);
	}
	if (rated) {
		open_el(w, "result");
		attr(w, "type", "2");		/* outcome */
		title_en(w, "The beneficiary's evaluation of each activity (1-5)");
		for (size_t i = 0; i < n; i++) {
			if (act[i].rating <= 0)
				continue;
			open_el(w, "indicator");
			attr(w, "measure", "1");
			attr(w, "ascending", "1");
			title_en(w, act[i].title);
			period_open(w, act[i].date_from, act[i].date_to);
			empty_el(w, "actual", "value", pool_printf(w->p, "%d", act[i].rating),
				 NULL, NULL);
			close_el(w);	/* period */
			close_el(w);	/* indicator */
		}
		close_el(w);
	}
}

/* Whether name is among names[0..n). */
static int has_name(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

static int write_request(struct store *s, pool *p, const struct actor *a, struct w *w,
			 const struct iati_org *org, const struct assist_request *r,
			 struct err *e)
{
	struct assist_fund *f;
	struct assist_match *m;
	struct assist_step *st;
	struct assist_activity *act;
	const char **impl;
	size_t nf, nm, nst, nact, nimpl = 0;
	char from[11], to[11];
	const char *lang = first_lang(p, r->languages), *sector = iati_sector(r->topic);
	const char *started = NULL, *ended = NULL;
	int rc;

	if ((rc = assist_funds(s, p, a, r->id, &f, &nf, e)) ||
	    (rc = assist_matches(s, p, a, r->id, &m, &nm, e)) ||
	    (rc = assist_timeline(s, p, a, r->id, &st, &nst, e)) ||
	    (rc = assist_activity_list(s, p, a, r->id, NULL, &act, &nact, e)))
		return rc;
	/* actual dates: the activities that took place (those with a training record),
	 * else the moves to in_delivery and delivered */
	for (size_t i = 0; i < nst; i++) {
		if (!strcmp(st[i].to, "in_delivery"))
			started = day_of(p, st[i].at);
		else if (!strcmp(st[i].to, "delivered"))
			ended = day_of(p, st[i].at);
	}
	{
		const char *first = NULL, *last = NULL;

		for (size_t i = 0; i < nact; i++) {
			if (!act[i].trained_at)
				continue;
			if (!first || strcmp(act[i].date_from, first) < 0)
				first = act[i].date_from;
			if (!last || strcmp(act[i].date_to, last) > 0)
				last = act[i].date_to;
		}
		if (first && started)
			started = first;
		if (last && ended)
			ended = last;
	}
	assist_period(r, from, to);

	open_el(w, "iati-activity");
	attr(w, "last-updated-datetime", r->updated_at);
	if (lang)
		attr(w, "xml:lang", lang);
	open_el(w, "iati-identifier");
	text(w, pool_printf(p, "%s-%lld", org->ref, r->id));
	close_el(w);
	open_el(w, "reporting-org");
	attr(w, "ref", org->ref);
	attr(w, "type", "40");
	narrative(w, NULL, org->name);
	close_el(w);
	open_el(w, "title");
	narrative(w, lang, r->title);
	close_el(w);
	open_el(w, "description");
	attr(w, "type", "1");
	narrative(w, lang, r->description && *r->description ? r->description : r->title);
	close_el(w);

	/* participating organisations: donors once each, the beneficiary, providers */
	for (size_t i = 0; i < nf; i++) {
		int seen = 0;

		for (size_t j = 0; j < i && !seen; j++)
			seen = f[j].donor == f[i].donor;
		if (!seen)
			org_el(w, "participating-org", "1", f[i].donor_name);
	}
	org_el(w, "participating-org", "2", r->beneficiary);
	/* implementing: the providers of accepted matches and of activities, once each */
	impl = pool_calloc(p, nm + 1, sizeof(*impl));
	for (size_t i = 0; i < nm; i++) {
		struct assist_offer *o;

		if (m[i].status != AM_ACCEPTED)
			continue;
		if ((rc = assist_offer_get(s, p, m[i].offer, &o, e)))
			return rc;
		if (!has_name(impl, nimpl, o->org_name))
			impl[nimpl++] = o->org_name;
	}
	for (size_t i = 0; i < nimpl; i++)
		org_el(w, "participating-org", "4", impl[i]);
	for (size_t i = 0; i < nact; i++)
		for (size_t j = 0; j < act[i].nproviders; j++) {
			const char *name = act[i].providers[j].name;
			int seen = has_name(impl, nimpl, name);

			for (size_t k = 0; k < i && !seen; k++)
				for (size_t l = 0; l < act[k].nproviders && !seen; l++)
					seen = !strcmp(act[k].providers[l].name, name);
			for (size_t l = 0; l < j && !seen; l++)
				seen = !strcmp(act[i].providers[l].name, name);
			if (!seen)
				org_el(w, "participating-org", "4", name);
		}

	empty_el(w, "activity-status", "code", pool_printf(p, "%d",
			iati_status(assist_stage_names[r->stage])), NULL, NULL);
	empty_el(w, "activity-date", "type", "1", "iso-date", from);
	if (started)
		empty_el(w, "activity-date", "type", "2", "iso-date", started);
	empty_el(w, "activity-date", "type", "3", "iso-date", to);
	if (ended)
		empty_el(w, "activity-date", "type", "4", "iso-date", ended);
	empty_el(w, "recipient-country", "code", r->country, NULL, NULL);
	if (sector)
		empty_el(w, "sector", "vocabulary", "1", "code", sector);

	if (r->budget_currency && *r->budget_currency) {
		open_el(w, "budget");
		attr(w, "type", "1");
		attr(w, "status", "1");
		empty_el(w, "period-start", "iso-date", from, NULL, NULL);
		empty_el(w, "period-end", "iso-date", to, NULL, NULL);
		value_el(w, r->budget_currency, minor_of(s, p, r->budget_currency),
			 r->budget_amount, from);
		close_el(w);
	}
	for (size_t i = 0; i < nf; i++) {
		open_el(w, "transaction");
		empty_el(w, "transaction-type", "code", iati_transaction[f[i].kind], NULL, NULL);
		empty_el(w, "transaction-date", "iso-date", f[i].on_date, NULL, NULL);
		value_el(w, f[i].currency, minor_of(s, p, f[i].currency), f[i].amount,
			 f[i].on_date);
		org_el(w, "provider-org", NULL, f[i].donor_name);
		org_el(w, "receiver-org", NULL, r->beneficiary);
		close_el(w);
	}
	write_results(w, act, nact);
	close_el(w);
	return ERR_OK;
}

int iati_export(struct store *s, pool *p, const struct actor *a, const struct iati_org *org,
		const char *country, const char *now, struct sbuf *out, size_t *nout,
		struct err *e)
{
	struct assist_request *r;
	size_t n;
	xmlBufferPtr buf = NULL;
	struct w w = { NULL, p, 0 };
	char stamp[32];
	int rc;

	if (!org || !iati_ref_ok(org->ref))
		return err_set(e, ERR_INVALID, "iati-org-ref: '%.100s' is not an IATI "
			       "organisation identifier", org && org->ref ? org->ref : "");
	if (!now) {
		time_t t = time(NULL);
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
		now = stamp;
	}
	if ((rc = assist_request_list(s, p, a, country, -1, &r, &n, e)))
		return rc;
	if (!(buf = xmlBufferCreate()) || !(w.x = xmlNewTextWriterMemory(buf, 0))) {
		rc = err_set(e, ERR_INTERNAL, "cannot make the XML writer");
		goto out;
	}
	xmlTextWriterSetIndent(w.x, 1);
	xmlTextWriterSetIndentString(w.x, BAD_CAST " ");
	if (xmlTextWriterStartDocument(w.x, "1.0", "UTF-8", NULL) < 0)
		w.bad = 1;
	open_el(&w, "iati-activities");
	attr(&w, "version", "2.03");
	attr(&w, "generated-datetime", now);
	for (size_t i = 0; i < n && !w.bad; i++)
		if ((rc = write_request(s, p, a, &w, org, &r[i], e)))
			goto out;
	close_el(&w);
	if (xmlTextWriterEndDocument(w.x) < 0)
		w.bad = 1;
	xmlFreeTextWriter(w.x);		/* flushes into buf */
	w.x = NULL;
	if (w.bad) {
		rc = err_set(e, ERR_INTERNAL, "cannot write the IATI document");
		goto out;
	}
	sbuf_add(out, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	if (nout)
		*nout = n;
	rc = ERR_OK;
out:
	if (w.x)
		xmlFreeTextWriter(w.x);
	if (buf)
		xmlBufferFree(buf);
	return rc;
}
