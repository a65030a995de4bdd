/* assist_funds: currencies, exact amounts, pledges and disbursements, the gap of a
 * request and the totals (domain/assist.h). Amounts are integers of minor units
 * (cents); nothing here uses floating point, and every sum is checked before it is
 * made. */
#include "domain/assist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/assist_impl.h"
#include "domain/audit.h"
#include "domain/country.h"
#include "domain/tx.h"
#include "domain/user.h"
#include "store/store.h"

const char *const assist_fund_kind_names[AF_KIND_COUNT] = { "pledge", "disbursement" };
const char *const assist_by_names[AB_COUNT] = { "donor", "country", "region", "topic" };

/* the bound of a total: a thousand of the largest amounts */
#define SUM_MAX (ASSIST_MAX_AMOUNT * 1000)

int assist_currency_get(struct store *s, pool *p, const char *code,
			struct assist_currency **out, struct err *e)
{
	char up[4];

	if (!code || strlen(code) != 3)
		return err_set(e, ERR_INVALID, "currency: '%.20s' is not an ISO 4217 code",
			       code ? code : "");
	for (int i = 0; i < 3; i++)
		up[i] = (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 32 : code[i]);
	up[3] = 0;
	if (store_currency_get(s, p, up, out, NULL))
		return err_set(e, ERR_INVALID, "currency: '%.20s' is not an ISO 4217 code",
			       code);
	return ERR_OK;
}

int assist_amount_parse(const char *field, const char *text, int minor, int zero_ok,
			long long *out, struct err *e)
{
	long long v = 0;
	size_t i = 0, decimals = 0;
	int point = 0, whole = 0;

	if (!text || !*text)
		return err_set(e, ERR_INVALID, "%s: is required", field);
	for (; text[i]; i++) {
		char c = text[i];

		if (c == '.' && !point && whole) {
			point = 1;
			continue;
		}
		if (c < '0' || c > '9')
			return err_set(e, ERR_INVALID, "%s: '%.40s' is not an amount such as "
				       "1234.56 (digits and one point; no sign)", field, text);
		if (point && ++decimals > (size_t)minor)
			return err_set(e, ERR_INVALID, "%s: '%.40s' has more than %d decimals "
				       "for its currency", field, text, minor);
		whole += !point;
		if (v > (ASSIST_MAX_AMOUNT - (c - '0')) / 10)
			return err_set(e, ERR_INVALID, "%s: '%.40s' is more than the largest "
				       "amount", field, text);
		v = v * 10 + (c - '0');
	}
	if (point && !decimals)
		return err_set(e, ERR_INVALID, "%s: '%.40s' is not an amount such as 1234.56 "
			       "(digits and one point; no sign)", field, text);
	for (; decimals < (size_t)minor; decimals++) {
		if (v > ASSIST_MAX_AMOUNT / 10)
			return err_set(e, ERR_INVALID, "%s: '%.40s' is more than the largest "
				       "amount", field, text);
		v *= 10;
	}
	if (v > ASSIST_MAX_AMOUNT)
		return err_set(e, ERR_INVALID, "%s: '%.40s' is more than the largest amount",
			       field, text);
	if (!v && !zero_ok)
		return err_set(e, ERR_INVALID, "%s: must be more than 0", field);
	*out = v;
	return ERR_OK;
}

const char *assist_amount_text(pool *p, long long amount, int minor)
{
	long long unit = 1;
	int neg = amount < 0;
	unsigned long long a = neg ? 0ull - (unsigned long long)amount :
				     (unsigned long long)amount;

	for (int i = 0; i < minor; i++)
		unit *= 10;
	if (!minor)
		return pool_printf(p, "%s%llu", neg ? "-" : "", a);
	return pool_printf(p, "%s%llu.%0*llu", neg ? "-" : "", a / (unsigned long long)unit,
			   minor, a % (unsigned long long)unit);
}

int assist_add(long long *sum, long long add)
{
	if (add < 0 || *sum < 0 || *sum > SUM_MAX - add)
		return -1;
	*sum += add;
	return 0;
}

/* The funding of f[0..n) by donor in currency: pledged and disbursed. */
static int donor_sums(const struct assist_fund *f, size_t n, long long donor,
		      const char *currency, long long *pledged, long long *disbursed)
{
	*pledged = *disbursed = 0;
	for (size_t i = 0; i < n; i++)
		if (f[i].donor == donor && !strcmp(f[i].currency, currency) &&
		    assist_add(f[i].kind == AF_PLEDGE ? pledged : disbursed, f[i].amount))
			return -1;
	return 0;
}

int assist_fund(struct store *s, pool *p, const struct actor *a, long long id,
		const struct assist_fund_in *in, struct err *e)
{
	struct assist_request *r;
	struct assist_currency *cur;
	struct assist_fund f, *all;
	struct record rec;
	struct org *o;
	struct tx t = { 0 };
	long long pledged, disbursed;
	size_t n;
	int kind = -1, rc;

	memset(&f, 0, sizeof(f));
	if ((rc = assist_request_get(s, p, a, id, &r, e)))
		goto out;
	if (assist_none(in->donor) || store_org_list(s, p, in->donor, &o, &n, NULL)) {
		rc = err_set(e, ERR_INVALID, "%s: '%.60s' is no organisation", "donor",
			     in->donor ? in->donor : "");
		goto out;
	}
	if (o->kind != ORG_DONOR) {
		rc = err_set(e, ERR_INVALID, "donor: %.60s is not a donor organisation",
			     o->name);
		goto out;
	}
	memset(&rec, 0, sizeof(rec));
	rec.owner_org = o->id;
	if ((rc = record_allow(a, ACT_FUND, &rec, e)))
		goto out;
	for (int i = 0; i < AF_KIND_COUNT; i++)
		if (in->kind && !strcmp(in->kind, assist_fund_kind_names[i]))
			kind = i;
	if (kind < 0) {
		rc = err_set(e, ERR_INVALID, "kind: '%.20s' is not pledge or disbursement",
			     in->kind ? in->kind : "");
		goto out;
	}
	if (!assist_stage_open(r->stage)) {
		rc = err_set(e, ERR_CONFLICT, "request %lld is %s: it takes no funding", id,
			     assist_stage_titles[r->stage]);
		goto out;
	}
	if ((rc = assist_currency_get(s, p, in->currency, &cur, e)) ||
	    (rc = assist_amount_parse("amount", in->amount, cur->minor, 0, &f.amount, e)))
		goto out;
	if (assist_none(in->on_date) || strlen(in->on_date) != 10 ||
	    !record_date_valid(in->on_date)) {
		rc = err_set(e, ERR_INVALID, "%s: '%.20s' is not a date (YYYY-MM-DD)", "on",
			     in->on_date ? in->on_date : "");
		goto out;
	}
	f.request = id;
	f.donor = o->id;
	f.kind = (enum assist_fund_kind)kind;
	memcpy(f.currency, cur->code, 4);
	f.on_date = in->on_date;
	f.at = record_now(p);
	f.by = assist_actor_name(a);
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_assist_fund_list(s, p, id, &all, &n, e)))
		goto out;
	/* read inside the transaction: two disbursements at once cannot both pass */
	if (donor_sums(all, n, o->id, cur->code, &pledged, &disbursed) ||
	    assist_add(f.kind == AF_PLEDGE ? &pledged : &disbursed, f.amount)) {
		rc = err_set(e, ERR_INVALID, "amount: the total would be more than the "
			     "largest amount");
		goto out;
	}
	if (f.kind == AF_DISBURSEMENT && disbursed > pledged) {
		rc = err_set(e, ERR_INVALID, "amount: disbursements of %s %s would be above "
			     "the pledges of %.60s (%s %s)", assist_amount_text(p, disbursed,
			     cur->minor), cur->code, o->name, assist_amount_text(p, pledged,
			     cur->minor), cur->code);
		goto out;
	}
	if ((rc = store_assist_fund_put(s, &f, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_ASSIST_FUND, pool_printf(p, "assist/%lld", id),
		      pool_printf(p, "%s %s %s %s on %s", o->name, assist_fund_kind_names[kind],
				  assist_amount_text(p, f.amount, cur->minor), cur->code,
				  f.on_date), e);
out:
	return tx_end(&t, rc, e);
}

int assist_funds(struct store *s, pool *p, const struct actor *a, long long id,
		 struct assist_fund **out, size_t *n, struct err *e)
{
	struct assist_request *r;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = assist_request_get(s, p, a, id, &r, e)))
		return rc;
	return store_assist_fund_list(s, p, id, out, n, e);
}

/* The sum of key and currency in *sums (grown in p), made when absent. */
static struct assist_sum *sum_of(pool *p, struct assist_sum **sums, size_t *n, size_t *cap,
				 const char *key, const char *currency)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*sums)[i].currency, currency) &&
		    ((!key && !(*sums)[i].key) ||
		     (key && (*sums)[i].key && !strcmp((*sums)[i].key, key))))
			return &(*sums)[i];
	if (*n == *cap) {
		struct assist_sum *w = pool_calloc(p, *cap ? *cap * 2 : 8, sizeof(*w));

		if (*n)
			memcpy(w, *sums, *n * sizeof(*w));
		*sums = w;
		*cap = *cap ? *cap * 2 : 8;
	}
	memset(&(*sums)[*n], 0, sizeof(**sums));
	(*sums)[*n].key = key;
	snprintf((*sums)[*n].currency, 4, "%s", currency);
	return &(*sums)[(*n)++];
}

static int add_fund(struct assist_sum *x, const struct assist_fund *f, struct err *e)
{
	if (assist_add(f->kind == AF_PLEDGE ? &x->pledged : &x->disbursed, f->amount))
		return err_set(e, ERR_INVALID, "amount: the total would be more than the "
			       "largest amount");
	return ERR_OK;
}

int assist_gap(pool *p, const struct assist_request *r, const struct assist_fund *f,
	       size_t n, long long *gap, long long *pledged, struct assist_sum **other,
	       size_t *nother, struct err *e)
{
	size_t cap = 0;
	int rc;

	*gap = -1;
	*pledged = 0;
	*other = NULL;
	*nother = 0;
	for (size_t i = 0; i < n; i++) {
		if (r->budget_currency && !strcmp(f[i].currency, r->budget_currency)) {
			if (f[i].kind == AF_PLEDGE && assist_add(pledged, f[i].amount))
				return err_set(e, ERR_INVALID, "amount: the total would be more "
					       "than the largest amount");
			continue;
		}
		if ((rc = add_fund(sum_of(p, other, nother, &cap, NULL, f[i].currency), &f[i],
				   e)))
			return rc;
	}
	if (r->budget_currency)
		*gap = r->budget_amount > *pledged ? r->budget_amount - *pledged : 0;
	return ERR_OK;
}

static int by_key(const void *x, const void *y)
{
	const struct assist_sum *a = x, *b = y;
	int c = strcmp(a->key ? a->key : "", b->key ? b->key : "");

	return c ? c : strcmp(a->currency, b->currency);
}

int assist_totals(struct store *s, pool *p, const struct actor *a, const char *by,
		  struct assist_sum **out, size_t *n, struct err *e)
{
	struct assist_request *r;
	struct assist_fund *f;
	struct country *countries;
	size_t nr, nf, nc, cap = 0;
	int b = -1, rc;

	*out = NULL;
	*n = 0;
	for (int i = 0; i < AB_COUNT; i++)
		if (by && !strcmp(by, assist_by_names[i]))
			b = i;
	if (b < 0)
		return err_set(e, ERR_INVALID, "by: '%.20s' is not donor, country, region or "
			       "topic", by ? by : "");
	if ((rc = assist_request_list(s, p, a, NULL, -1, &r, &nr, e)) ||
	    (rc = store_assist_fund_list(s, p, 0, &f, &nf, e)) ||
	    (b == AB_REGION && (rc = country_list(s, p, &countries, &nc, e))))
		return rc;
	for (size_t i = 0; i < nf; i++) {
		const struct assist_request *x = NULL;
		const char *key = NULL;
		struct assist_currency *cur;
		struct assist_sum *sum;

		/* requests come newest first: a binary search by falling id */
		for (size_t lo = 0, hi = nr; lo < hi && !x;) {
			size_t mid = lo + (hi - lo) / 2;

			if (r[mid].id == f[i].request)
				x = &r[mid];
			else if (r[mid].id > f[i].request)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (!x)
			continue;	/* a request a may not read */
		switch (b) {
		case AB_DONOR: key = f[i].donor_name; break;
		case AB_COUNTRY: key = x->country; break;
		case AB_TOPIC: key = x->topic; break;
		case AB_REGION:
			key = "";
			for (size_t k = 0; k < nc; k++)
				if (!strcmp(countries[k].alpha2, x->country))
					key = pool_strdup(p, countries[k].region);
			break;
		}
		sum = sum_of(p, out, n, &cap, key, f[i].currency);
		if ((rc = add_fund(sum, &f[i], e)))
			return rc;
		if (!sum->minor && !assist_currency_get(s, p, f[i].currency, &cur, NULL))
			sum->minor = cur->minor;
	}
	if (*n)
		qsort(*out, *n, sizeof(**out), by_key);
	return ERR_OK;
}
