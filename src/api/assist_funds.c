/* /api/v1/assistance: pledges and disbursements per request with the gap, and the
 * totals per donor, country, region or topic (domain/assist.h, assist_funds.c).
 * Every amount is an exact integer of minor units with its currency and its decimal
 * text (api_assist_money); nothing is ever converted between currencies. */
#include <string.h>

#include "api/assist_impl.h"

static const struct api_assist_member fund_members[] = {
	{ "donor", AAK_STR, offsetof(struct assist_fund_in, donor) },
	{ "kind", AAK_STR, offsetof(struct assist_fund_in, kind) },
	{ "currency", AAK_STR, offsetof(struct assist_fund_in, currency) },
	{ "amount", AAK_AMOUNT, offsetof(struct assist_fund_in, amount) },
	{ "on", AAK_STR, offsetof(struct assist_fund_in, on_date) },
	{ NULL, AAK_STR, 0 }
};

/* A sum in one currency: {"currency", "minor_unit", "pledged": money, "disbursed":
 * money} (and "key" when the sum has one). */
static json_t *sum_json(struct req *r, const struct assist_sum *x, const char *key_name)
{
	json_t *j = json_object();

	if (key_name)
		json_object_set_new(j, key_name, api_str(x->key));
	json_object_set_new(j, "currency", json_string(x->currency));
	json_object_set_new(j, "pledged", api_assist_money(r, x->currency, x->pledged));
	json_object_set_new(j, "disbursed", api_assist_money(r, x->currency, x->disbursed));
	return j;
}

/* The funding of request id as the asker reads it: the budget, what is pledged in
 * its currency, the gap, the other currencies apart, and every pledge and
 * disbursement (who recorded it, for those who act on the request). */
static int send_funding(struct req *r, struct resp *out, int status, long long id)
{
	struct assist_request *x;
	struct assist_fund *f;
	struct assist_sum *other;
	struct err e = { 0 };
	size_t n, nother;
	long long gap, pledged;
	json_t *j, *arr, *oa;
	int names;

	if (assist_request_get(r->store, r->pool, r->actor, id, &x, &e) ||
	    assist_funds(r->store, r->pool, r->actor, id, &f, &n, &e) ||
	    assist_gap(r->pool, x, f, n, &gap, &pledged, &other, &nother, &e))
		return api_assist_fail(r, out, &e);
	names = api_assist_acts(r, x);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = api_assist_money(r, f[i].currency, f[i].amount);

		json_object_set_new(o, "id", json_integer(f[i].id));
		json_object_set_new(o, "kind", json_string(assist_fund_kind_names[f[i].kind]));
		json_object_set_new(o, "donor", api_str(f[i].donor_name));
		json_object_set_new(o, "on", api_str(f[i].on_date));
		json_object_set_new(o, "at", api_str(f[i].at));
		if (names)
			json_object_set_new(o, "by", api_str(f[i].by));
		json_array_append_new(arr, o);
	}
	oa = json_array();
	for (size_t i = 0; i < nother; i++)
		json_array_append_new(oa, sum_json(r, &other[i], NULL));
	j = json_object();
	json_object_set_new(j, "request", json_integer(id));
	json_object_set_new(j, "stage", json_string(assist_stage_names[x->stage]));
	if (x->budget_currency) {
		json_object_set_new(j, "budget", api_assist_money(r, x->budget_currency,
								  x->budget_amount));
		json_object_set_new(j, "pledged", api_assist_money(r, x->budget_currency,
								   pledged));
		json_object_set_new(j, "gap", api_assist_money(r, x->budget_currency, gap));
	} else {
		json_object_set_new(j, "budget", json_null());
		json_object_set_new(j, "pledged", json_null());
		json_object_set_new(j, "gap", json_null());
	}
	json_object_set_new(j, "other_currencies", oa);
	json_object_set_new(j, "count", json_integer((json_int_t)n));
	json_object_set_new(j, "funds", arr);
	return api_send(out, status, j);
}

/* GET: the funding of request :id. POST {"donor", "kind": "pledge" |
 * "disbursement", "currency", "amount", "on"}: record one; 201 with the funding. */
int api_assist_funding(struct req *r, struct resp *out)
{
	struct assist_fund_in in;
	struct err e = { 0 };
	json_t *body;
	long long id;
	int rc;

	if (api_assist_id(r, out, "request", &id))
		return out->status;
	if (r->method != HTTP_POST)
		return send_funding(r, out, 200, id);
	if (api_assist_signed_in(r, out) ||
	    !(body = api_assist_body(r, out, API_ASSIST_BODY_MAX, fund_members, NULL, 0, 0)))
		return out->status;
	memset(&in, 0, sizeof(in));
	rc = api_assist_take(r, out, body, fund_members, &in);
	json_decref(body);
	if (rc)
		return rc;
	if (assist_fund(r->store, r->pool, r->actor, id, &in, &e))
		return api_assist_fail(r, out, &e);
	return send_funding(r, out, 201, id);
}

/* GET ?by=donor|country|region|topic (donor when absent): pledged and disbursed per
 * key and currency over the requests the asker may read. */
int api_assist_totals(struct req *r, struct resp *out)
{
	const char *by = req_arg(r, "by");
	struct assist_sum *t;
	struct err e = { 0 };
	size_t n;
	json_t *arr;

	out->cache_control = "no-store";
	if (!by || !*by)
		by = assist_by_names[AB_DONOR];
	if (assist_totals(r->store, r->pool, r->actor, by, &t, &n, &e))
		return api_assist_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, sum_json(r, &t[i], "key"));
	return api_send(out, 200, json_pack("{s:s, s:I, s:o}", "by", by, "count",
					    (json_int_t)n, "totals", arr));
}
