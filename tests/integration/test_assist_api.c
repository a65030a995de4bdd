/* Technical assistance through the JSON API of the real binary (issue 16), from a
 * need to its evaluation with three roles: Kenya's focal point states a need and
 * asks for assistance answering it and a coverage gap; a curator assesses the
 * request; a provider offers, is suggested first (with its reasons), confirmed by the
 * curator and accepts; a donor pledges (the gap shrinks to nothing) and disburses;
 * the provider delivers; the focal point evaluates and the need leaves Kenya's ranked
 * needs; an activity with its training (participants by role and gender) and its RED
 * attendance list. Then the bad input of the issue, each refused with the member named and
 * nothing stored: amounts that are negative or not whole in minor units, unknown
 * currencies, dates out of order, moves the lifecycle lacks, a match to a withdrawn
 * offer; and the filters, counts, statuses and limits of the endpoints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integration/harness.h"

static char *D;
static struct srv *S;
/* "Authorization: Bearer ...\r\n" of: a curator, Kenya's and Nigeria's focal points,
 * a provider (CoE), another provider (Other), a donor's account (GIZ), a reader, the
 * curator's read-only token; "" the public */
static char cur[200], fke[200], fng[200], prov[200], oth[200], don[200], rdr[200],
	cur_ro[200];
static const char *const pub = "";
static long long NEED, R1, O1, O2, O3, M1;

/* ---- requests ---- */

static struct http_response *req(const char *auth, const char *method, const char *path,
				 const char *ctype, const char *body, size_t len)
{
	char hdr[400];
	struct http_response *r;

	snprintf(hdr, sizeof(hdr), "%s%s%s%s", auth, ctype ? "Content-Type: " : "",
		 ctype ? ctype : "", ctype ? "\r\n" : "");
	r = http_request(S, method, path, hdr, body, len);
	if (!r)
		fail_msg("%s %s: no connection", method, path);
	return r;
}

/* A JSON request that must answer status (and contain has, when not NULL); its body
 * as JSON (decref it; NULL when not JSON). */
static json_t *call(const char *auth, const char *method, const char *path, const char *json,
		    int status, const char *has)
{
	struct http_response *r = req(auth, method, path, json ? "application/json" : NULL,
				      json, json ? strlen(json) : 0);
	json_t *j;

	if (r->status != status)
		fail_msg("%s %s: %d, want %d: %.600s", method, path, r->status, status,
			 r->body ? r->body : "");
	if (has && (!r->body || !strstr(r->body, has)))
		fail_msg("%s %s: no \"%s\" in %.600s", method, path, has, r->body ? r->body : "");
	j = json_loads(r->body ? r->body : "", 0, NULL);
	http_response_free(r);
	return j;
}

#define EXPECT(auth, method, path, json, status, has) \
	json_decref(call((auth), (method), (path), (json), (status), (has)))

static long long int_at(json_t *j, const char *key)
{
	json_t *v = json_object_get(j, key);

	if (!json_is_integer(v))
		fail_msg("no integer %s in the answer", key);
	return (long long)json_integer_value(v);
}

static const char *str_at(json_t *j, const char *key)
{
	const char *s = json_string_value(json_object_get(j, key));

	if (!s)
		fail_msg("no string %s in the answer", key);
	return s;
}

/* path with the id of request id and the rest ("/moves") */
static const char *rpath(long long id, const char *rest)
{
	static char buf[4][160];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "/api/v1/assistance/requests/%lld%s", id, rest);
	return buf[k];
}

/* {"to": to, "comment": comment} */
static const char *move(const char *to, const char *comment)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "{\"to\":\"%s\"%s%s%s}", to, comment ? ",\"comment\":\"" : "",
		 comment ? comment : "", comment ? "\"" : "");
	return buf;
}

/* The stage of request id as the curator reads it. */
static void stage_is(long long id, const char *stage)
{
	json_t *j = call(cur, "GET", rpath(id, ""), NULL, 200, NULL);

	assert_string_equal(str_at(j, "stage"), stage);
	json_decref(j);
}

/* The gap of request id in minor units, as auth reads it (-1 without a budget). */
static long long gap_of(const char *auth, long long id)
{
	json_t *j = call(auth, "GET", rpath(id, "/funding"), NULL, 200, NULL), *g;
	long long n;

	g = json_object_get(j, "gap");
	n = json_is_null(g) ? -1 : int_at(g, "amount_minor");
	json_decref(j);
	return n;
}

/* ---- setup ---- */

static int cli(const char *const *args)
{
	return harness_cli(D, NULL, args, NULL, 0);
}

/* Account name and its token of scope into auth. */
static int account(const char *name, const char *role, const char *org, const char *country,
		   const char *scope, char *auth)
{
	char email[64], token[160];

	snprintf(email, sizeof(email), "%s@example.org", name);
	if (harness_cli(D, HARNESS_PASSWORD "\n", (const char *const[]){ "user", "add", name,
			"--role", role, "--org", org, "--email", email, "--password-stdin",
			country ? "--country" : NULL, country, NULL }, NULL, 0))
		return -1;
	return harness_cli(D, "", (const char *const[]){ "user", "token", name, "--name", scope,
			   "--scope", scope, NULL }, token, sizeof(token)) ? -1 :
	       snprintf(auth, 200, "Authorization: Bearer %s\r\n", token) < 0;
}

static int setup(void **state)
{
	static const char *const orgs[][3] = {
		{ "UNODC", "unodc", NULL }, { "KE-NA", "national_authority", "KE" },
		{ "NG-NA", "national_authority", "NG" }, { "CoE", "implementing", NULL },
		{ "Other", "implementing", NULL }, { "GIZ", "donor", NULL },
		{ "Civic", "civil_society", NULL },
	};
	char token[160];

	(void)state;
	if (!(D = harness_tmpdir()) || cli((const char *const[]){ "migrate", NULL }))
		return -1;
	for (size_t i = 0; i < sizeof(orgs) / sizeof(orgs[0]); i++)
		if (cli((const char *const[]){ "org", "add", orgs[i][0], "--kind", orgs[i][1],
					       orgs[i][2] ? "--country" : NULL, orgs[i][2],
					       NULL }))
			return -1;
	if (account("cora", "curator", "UNODC", NULL, "write", cur) ||
	    account("kamau", "focal_point", "KE-NA", "KE", "write", fke) ||
	    account("ada", "focal_point", "NG-NA", "NG", "write", fng) ||
	    account("pat", "provider", "CoE", NULL, "write", prov) ||
	    account("otto", "provider", "Other", NULL, "write", oth) ||
	    account("dora", "provider", "GIZ", NULL, "write", don) ||
	    account("rita", "reader", "Civic", NULL, "write", rdr) ||
	    harness_cli(D, "", (const char *const[]){ "user", "token", "cora", "--name", "ro",
			"--scope", "read", NULL }, token, sizeof(token)))
		return -1;
	snprintf(cur_ro, sizeof(cur_ro), "Authorization: Bearer %s\r\n", token);
	S = srv_start_with(&(struct srv_options){ .dir = D });
	return S ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	harness_done(S, D);
	return 0;
}

/* ---- from a need to its evaluation ---- */

/* The focal point states a need, sees the coverage gap among Kenya's needs, and asks
 * for assistance answering both; edits it from its revision. */
static void test_request(void **state)
{
	char body[2048];
	json_t *j, *b;

	(void)state;
	j = call(fke, "POST", "/api/v1/needs", "{\"country\":\"KE\",\"topic\":"
		 "\"digital-forensics\",\"target\":\"police\",\"urgency\":3,\"note\":"
		 "\"zqneedforensics\"}", 201, NULL);
	NEED = int_at(j, "id");
	json_decref(j);
	EXPECT(fke, "GET", "/api/v1/needs?country=KE", NULL, 200, "zqneedforensics");
	/* a coverage gap: the focal point assesses an article not covered */
	EXPECT(fke, "POST", "/api/v1/coverage/assessments", "{\"country\":\"KE\",\"article\":"
	       "\"un-cc/7\",\"note\":\"No offence of illegal access.\",\"as_of\":"
	       "\"2020-01-01\"}", 201, NULL);
	EXPECT(fke, "GET", "/api/v1/needs?country=KE", NULL, 200, "\"article\":\"un-cc/7\"");

	snprintf(body, sizeof(body), "{\"country\":\"KEN\",\"title\":\"Forensics training\","
		 "\"topic\":\"digital-forensics\",\"beneficiary\":\"DCI Cyber Unit\","
		 "\"targets\":[\"police\",\"prosecutors\"],\"languages\":[\"en\",\"sw\"],"
		 "\"date_from\":\"2030-01-10\",\"date_to\":\"2030-03-01\",\"urgency\":3,"
		 "\"modes\":[\"in_person\"],\"budget_currency\":\"eur\",\"budget_amount\":"
		 "\"1000.50\",\"needs\":[\"stated:%lld\",\"gap:un-cc/7\"],\"description\":"
		 "\"Two weeks for the unit\"}", NEED);
	/* not signed in: 401; a reader, another country's focal point, a read-only
	 * token: 403 */
	EXPECT(pub, "POST", "/api/v1/assistance/requests", body, 401, "sign in");
	EXPECT(rdr, "POST", "/api/v1/assistance/requests", body, 403, NULL);
	EXPECT(fng, "POST", "/api/v1/assistance/requests", body, 403, NULL);
	EXPECT(cur_ro, "POST", "/api/v1/assistance/requests", body, 403, NULL);
	j = call(fke, "POST", "/api/v1/assistance/requests", body, 201,
		 "\"stage\":\"requested\"");
	R1 = int_at(j, "id");
	assert_string_equal(str_at(j, "country"), "KE");
	assert_string_equal(str_at(j, "tlp"), "GREEN");
	assert_int_equal(int_at(j, "revision"), 1);
	assert_string_equal(str_at(j, "created_by"), "kamau");
	b = json_object_get(j, "budget");
	assert_string_equal(str_at(b, "currency"), "EUR");
	assert_int_equal(int_at(b, "amount_minor"), 100050);
	assert_int_equal(int_at(b, "minor_unit"), 2);
	assert_string_equal(str_at(b, "amount"), "1000.50");
	assert_int_equal(json_array_size(json_object_get(j, "needs")), 2);
	json_decref(j);

	/* GREEN: signed-in accounts read it, without who made it; the public does not */
	j = call(rdr, "GET", rpath(R1, ""), NULL, 200, "Forensics training");
	assert_null(json_object_get(j, "created_by"));
	json_decref(j);
	EXPECT(pub, "GET", rpath(R1, ""), NULL, 404, NULL);
	EXPECT(pub, "GET", rpath(R1, "/timeline"), NULL, 404, NULL);

	/* an edit names its revision: a stale one is 409 and changes nothing */
	snprintf(body, sizeof(body), "{\"revision\":1,\"title\":\"Forensics training 2030\","
		 "\"country\":\"KE\",\"topic\":\"digital-forensics\",\"beneficiary\":"
		 "\"DCI Cyber Unit\",\"targets\":\"police,prosecutors\",\"languages\":[\"en\","
		 "\"sw\"],\"date_from\":\"2030-01-10\",\"date_to\":\"2030-03-01\",\"urgency\":3,"
		 "\"modes\":[\"in_person\"],\"budget_currency\":\"EUR\",\"budget_amount\":"
		 "\"1000.50\",\"needs\":[\"stated:%lld\",\"gap:un-cc/7\"]}", NEED);
	EXPECT(rdr, "PUT", rpath(R1, ""), body, 403, NULL);
	EXPECT(fke, "PUT", rpath(R1, ""), body, 200, "\"revision\":2");
	EXPECT(fke, "PUT", rpath(R1, ""), body, 409, "revision 1");
	EXPECT(fke, "PUT", rpath(R1, ""), "{\"title\":\"x\"}", 400, "revision");
	EXPECT(fke, "PUT", rpath(R1, ""), "{\"revision\":2,\"country\":\"NG\",\"title\":\"x\"}",
	       400, "country");
	j = call(fke, "GET", rpath(R1, ""), NULL, 200, "Forensics training 2030");
	assert_int_equal(int_at(j, "revision"), 2);
	assert_string_equal(str_at(j, "updated_by"), "kamau");
	json_decref(j);
}

/* The curator assesses; providers offer; the suggestions put the offer that fits
 * first with its reasons; the curator confirms it, the provider accepts. */
static void test_match(void **state)
{
	char body[256];
	json_t *j, *s, *first;

	(void)state;
	/* the focal point may not assess: 403 naming who may */
	EXPECT(fke, "POST", rpath(R1, "/moves"), move("assessed", NULL), 403, "curators");
	EXPECT(cur, "POST", rpath(R1, "/moves"), move("assessed", "in the 2030 plan"), 200,
	       "\"stage\":\"assessed\"");

	/* offers: a provider for its own organisation, not another's */
	EXPECT(prov, "POST", "/api/v1/assistance/offers", "{\"org\":\"Other\",\"title\":\"x\","
	       "\"topics\":[\"cert\"],\"languages\":[\"en\"],\"modes\":[\"online\"],"
	       "\"capacity\":1}", 403, NULL);
	EXPECT(rdr, "POST", "/api/v1/assistance/offers", "{\"title\":\"x\",\"topics\":"
	       "[\"cert\"],\"languages\":[\"en\"],\"modes\":[\"online\"],\"capacity\":1}", 403,
	       NULL);
	j = call(prov, "POST", "/api/v1/assistance/offers", "{\"title\":\"GLACY forensics\","
		 "\"topics\":[\"digital-forensics\",\"electronic-evidence\"],\"regions\":"
		 "[\"002\"],\"languages\":[\"en\",\"sw\"],\"modes\":[\"in_person\",\"online\"],"
		 "\"capacity\":4}", 201, "\"org_name\":\"CoE\"");
	O1 = int_at(j, "id");
	assert_string_equal(str_at(j, "created_by"), "pat");
	json_decref(j);
	j = call(oth, "POST", "/api/v1/assistance/offers", "{\"title\":\"Forensics online\","
		 "\"topics\":[\"digital-forensics\"],\"regions\":[\"019\"],\"languages\":"
		 "[\"fr\"],\"modes\":[\"online\"],\"capacity\":2}", 201, NULL);
	O2 = int_at(j, "id");
	json_decref(j);
	j = call(prov, "POST", "/api/v1/assistance/offers", "{\"title\":\"Old offer\","
		 "\"topics\":[\"digital-forensics\"],\"languages\":[\"en\",\"sw\"],\"modes\":"
		 "[\"in_person\"],\"capacity\":9}", 201, NULL);
	O3 = int_at(j, "id");
	json_decref(j);
	snprintf(body, sizeof(body), "/api/v1/assistance/offers/%lld/withdraw", O3);
	EXPECT(oth, "POST", body, NULL, 403, NULL);
	EXPECT(prov, "POST", body, NULL, 200, "\"withdrawn_at\":\"");
	EXPECT(prov, "POST", body, NULL, 409, "withdrawn");
	/* offers are public, without who made them */
	j = call(pub, "GET", "/api/v1/assistance/offers", NULL, 200, "GLACY forensics");
	assert_int_equal(int_at(j, "count"), 2);
	for (size_t i = 0; i < 2; i++)
		assert_null(json_object_get(json_array_get(json_object_get(j, "offers"), i),
					    "created_by"));
	json_decref(j);
	EXPECT(pub, "GET", "/api/v1/assistance/offers?all=true", NULL, 200, "Old offer");
	EXPECT(pub, "GET", "/api/v1/assistance/offers?topic=cert", NULL, 200, "\"count\":0");

	/* suggestions: the offer that fits first, each with its terms in words; the
	 * withdrawn one is not suggested */
	j = call(cur, "GET", rpath(R1, "/suggestions"), NULL, 200, NULL);
	s = json_object_get(j, "suggestions");
	assert_int_equal(json_array_size(s), 2);
	first = json_array_get(s, 0);
	assert_int_equal(int_at(json_object_get(first, "offer"), "id"), O1);
	assert_true(json_real_value(json_object_get(first, "score")) >
		    json_real_value(json_object_get(json_array_get(s, 1), "score")));
	assert_has(str_at(first, "reasons"), "2 of 2 languages (en, sw)");
	assert_int_equal(json_array_size(json_object_get(first, "terms")), 5);
	assert_string_equal(str_at(json_array_get(json_object_get(first, "terms"), 0),
				   "weight"), "language");
	json_decref(j);

	/* a match to a withdrawn offer is refused, naming the offer; only curators
	 * confirm */
	snprintf(body, sizeof(body), "{\"offer\":%lld}", O3);
	EXPECT(cur, "POST", rpath(R1, "/matches"), body, 409, "offer: ");
	EXPECT(cur, "POST", rpath(R1, "/matches"), body, 409, "withdrawn");
	EXPECT(cur, "POST", rpath(R1, "/matches"), "{\"offer\":\"1\"}", 400, "offer");
	EXPECT(cur, "POST", rpath(R1, "/matches"), "{\"offer\":987654}", 400, "offer");
	snprintf(body, sizeof(body), "{\"offer\":%lld}", O1);
	EXPECT(fke, "POST", rpath(R1, "/matches"), body, 403, NULL);
	j = call(cur, "POST", rpath(R1, "/matches"), body, 201, "\"status\":\"confirmed\"");
	M1 = int_at(j, "id");
	assert_string_equal(str_at(j, "org_name"), "CoE");
	json_decref(j);
	EXPECT(cur, "POST", rpath(R1, "/matches"), body, 409, "already");
	/* not matched until the provider accepts */
	EXPECT(cur, "POST", rpath(R1, "/moves"), move("matched", NULL), 409,
	       "no accepted match");
	snprintf(body, sizeof(body), "/api/v1/assistance/matches/%lld/accept", M1);
	EXPECT(pub, "POST", body, NULL, 401, NULL);
	EXPECT(oth, "POST", body, NULL, 404, "no match");
	EXPECT(cur, "POST", body, NULL, 403, "provider");
	EXPECT(prov, "POST", body, "{\"comment\":\"glad to\"}", 200, "\"status\":\"accepted\"");
	EXPECT(prov, "POST", body, NULL, 409, "answered already");
	EXPECT(pub, "POST", "/api/v1/assistance/matches/987654/accept", NULL, 401, NULL);
	EXPECT(prov, "POST", "/api/v1/assistance/matches/987654/decline", NULL, 404, NULL);
	EXPECT(fke, "GET", rpath(R1, "/matches"), NULL, 200, "\"status\":\"accepted\"");
	EXPECT(cur, "POST", rpath(R1, "/moves"), move("matched", NULL), 200,
	       "\"stage\":\"matched\"");
}

/* A donor pledges and disburses: the gap in exact minor units; the bad amounts of
 * the issue refused naming the member, nothing stored. */
static void test_funding(void **state)
{
	static const struct {
		const char *body, *has;
	} bad[] = {
		{ "{\"donor\":\"GIZ\",\"kind\":\"pledge\",\"currency\":\"EUR\",\"amount\":-5,"
		  "\"on\":\"2029-12-01\"}", "amount: '-5'" },
		{ "{\"donor\":\"GIZ\",\"kind\":\"pledge\",\"currency\":\"EUR\",\"amount\":\"-5\","
		  "\"on\":\"2029-12-01\"}", "amount: '-5'" },
		{ "{\"donor\":\"GIZ\",\"kind\":\"pledge\",\"currency\":\"EUR\",\"amount\":12.5,"
		  "\"on\":\"2029-12-01\"}", "amount: give it as text" },
		{ "{\"donor\":\"GIZ\",\"kind\":\"pledge\",\"currency\":\"EUR\",\"amount\":"
		  "\"12.345\",\"on\":\"2029-12-01\"}", "amount: '12.345' has more than 2 decimals" },
		{ "{\"donor\":\"GIZ\",\"kind\":\"pledge\",\"currency\":\"JPY\",\"amount\":\"10.5\","
		  "\"on\":\"2029-12-01\"}", "amount: '10.5' has more than 0 decimals" },
		{ "{\"donor\":\"GIZ\",\"kind\":\"pledge\",\"currency\":\"EUR\",\"amount\":\"1e3\","
		  "\"on\":\"2029-12-01\"}", "amount: '1e3'" },
		{ "{\"donor\":\"GIZ\",\"kind\":\"pledge\",\"currency\":\"EUR\",\"amount\":\"0\","
		  "\"on\":\"2029-12-01\"}", "amount: must be more than 0" },
		{ "{\"donor\":\"GIZ\",\"kind\":\"pledge\",\"currency\":\"EUR\",\"amount\":"
		  "\"10000000000000000\",\"on\":\"2029-12-01\"}", "largest amount" },
		{ "{\"donor\":\"GIZ\",\"kind\":\"pledge\",\"currency\":\"XYZ\",\"amount\":\"5\","
		  "\"on\":\"2029-12-01\"}", "currency: 'XYZ' is not an ISO 4217 code" },
		{ "{\"donor\":\"GIZ\",\"kind\":\"gift\",\"currency\":\"EUR\",\"amount\":\"5\","
		  "\"on\":\"2029-12-01\"}", "kind: 'gift'" },
		{ "{\"donor\":\"GIZ\",\"kind\":\"pledge\",\"currency\":\"EUR\",\"amount\":\"5\","
		  "\"on\":\"2029-13-01\"}", "on: '2029-13-01'" },
		{ "{\"donor\":\"CoE\",\"kind\":\"pledge\",\"currency\":\"EUR\",\"amount\":\"5\","
		  "\"on\":\"2029-12-01\"}", "donor: CoE is not a donor organisation" },
		{ "{\"donor\":\"GIZ\",\"kind\":\"disbursement\",\"currency\":\"EUR\",\"amount\":"
		  "\"1\",\"on\":\"2029-12-01\"}", "above the pledges of GIZ" },
		{ "{\"donor\":\"GIZ\",\"kind\":\"pledge\",\"currency\":\"EUR\",\"amount\":\"5\","
		  "\"on\":\"2029-12-01\",\"rate\":1.1}", "rate: unknown member" },
	};
	json_t *j, *f;

	(void)state;
	assert_int_equal(gap_of(fke, R1), 100050);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT(don, "POST", rpath(R1, "/funding"), bad[i].body, 400, bad[i].has);
	j = call(cur, "GET", rpath(R1, "/funding"), NULL, 200, "\"count\":0");
	json_decref(j);
	/* the donor's own account pledges for its organisation, not for another */
	EXPECT(prov, "POST", rpath(R1, "/funding"), "{\"donor\":\"GIZ\",\"kind\":\"pledge\","
	       "\"currency\":\"EUR\",\"amount\":\"5\",\"on\":\"2029-12-01\"}", 403, NULL);
	j = call(don, "POST", rpath(R1, "/funding"), "{\"donor\":\"GIZ\",\"kind\":\"pledge\","
		 "\"currency\":\"EUR\",\"amount\":1000,\"on\":\"2029-12-01\"}", 201, NULL);
	assert_int_equal(int_at(json_object_get(j, "gap"), "amount_minor"), 50);
	assert_string_equal(str_at(json_object_get(j, "gap"), "amount"), "0.50");
	assert_int_equal(int_at(json_object_get(j, "pledged"), "amount_minor"), 100000);
	f = json_array_get(json_object_get(j, "funds"), 0);
	assert_int_equal(int_at(f, "amount_minor"), 100000);
	assert_string_equal(str_at(f, "amount"), "1000.00");
	assert_string_equal(str_at(f, "donor"), "GIZ");
	json_decref(j);
	/* not funded while 0.50 EUR are not pledged: 409 saying so */
	EXPECT(don, "POST", rpath(R1, "/moves"), move("funded", NULL), 409,
	       "0.50 EUR of its budget are not pledged");
	EXPECT(don, "POST", rpath(R1, "/funding"), "{\"donor\":\"GIZ\",\"kind\":\"pledge\","
	       "\"currency\":\"EUR\",\"amount\":\"0.5\",\"on\":\"2029-12-02\"}", 201, NULL);
	assert_int_equal(gap_of(cur, R1), 0);
	/* another currency is listed apart, never converted; three decimals for BHD */
	j = call(don, "POST", rpath(R1, "/funding"), "{\"donor\":\"GIZ\",\"kind\":\"pledge\","
		 "\"currency\":\"BHD\",\"amount\":\"2.125\",\"on\":\"2029-12-02\"}", 201, NULL);
	f = json_array_get(json_object_get(j, "other_currencies"), 0);
	assert_string_equal(str_at(f, "currency"), "BHD");
	assert_int_equal(int_at(json_object_get(f, "pledged"), "amount_minor"), 2125);
	assert_int_equal(int_at(json_object_get(f, "pledged"), "minor_unit"), 3);
	assert_int_equal(int_at(json_object_get(j, "gap"), "amount_minor"), 0);
	json_decref(j);
	/* the donor that pledged moves it to funded, then disburses within its pledges */
	EXPECT(don, "POST", rpath(R1, "/moves"), move("funded", "fully pledged"), 200,
	       "\"stage\":\"funded\"");
	EXPECT(don, "POST", rpath(R1, "/funding"), "{\"donor\":\"GIZ\",\"kind\":"
	       "\"disbursement\",\"currency\":\"EUR\",\"amount\":\"600\",\"on\":\"2030-01-05\"}",
	       201, "\"kind\":\"disbursement\"");
	EXPECT(don, "POST", rpath(R1, "/funding"), "{\"donor\":\"GIZ\",\"kind\":"
	       "\"disbursement\",\"currency\":\"EUR\",\"amount\":\"400.51\",\"on\":"
	       "\"2030-01-06\"}", 400, "amount: disbursements of 1000.51 EUR would be above");
	j = call(pub, "GET", "/api/v1/assistance/totals?by=donor", NULL, 200, NULL);
	assert_int_equal(int_at(j, "count"), 0);	/* GREEN: not the public's */
	json_decref(j);
	j = call(rdr, "GET", "/api/v1/assistance/totals?by=donor", NULL, 200, NULL);
	f = json_array_get(json_object_get(j, "totals"), 1);
	assert_string_equal(str_at(f, "key"), "GIZ");
	assert_string_equal(str_at(f, "currency"), "EUR");
	assert_int_equal(int_at(json_object_get(f, "pledged"), "amount_minor"), 100050);
	assert_int_equal(int_at(json_object_get(f, "disbursed"), "amount_minor"), 60000);
	json_decref(j);
	EXPECT(rdr, "GET", "/api/v1/assistance/totals?by=country", NULL, 200, "\"key\":\"KE\"");
	EXPECT(rdr, "GET", "/api/v1/assistance/totals?by=region", NULL, 200, "\"key\":\"002\"");
	EXPECT(rdr, "GET", "/api/v1/assistance/totals?by=topic", NULL, 200,
	       "\"key\":\"digital-forensics\"");
	EXPECT(rdr, "GET", "/api/v1/assistance/totals?by=planet", NULL, 400, "by: 'planet'");
}

/* An activity with a training: the provider records it, with participants by role and
 * gender and the attendance list, whose names only it and curators read, on their
 * own endpoint; the focal point evaluates it. Bad input names the member. */
static void activities(void)
{
	char path[200], apath[160];
	json_t *j, *t;
	long long aid;

	EXPECT(oth, "POST", rpath(R1, "/activities"), "{\"title\":\"x\",\"date_from\":"
	       "\"2030-01-12\",\"date_to\":\"2030-01-16\",\"mode\":\"online\",\"language\":"
	       "\"en\"}", 403, NULL);
	EXPECT(prov, "POST", rpath(R1, "/activities"), "{\"title\":\"Course\",\"date_from\":"
	       "\"2030-01-16\",\"date_to\":\"2030-01-12\",\"mode\":\"online\",\"language\":"
	       "\"en\"}", 400, "date_to");
	EXPECT(prov, "POST", rpath(R1, "/activities"), "{\"title\":\"Course\",\"date_from\":"
	       "\"2030-01-12\",\"date_to\":\"2030-01-16\",\"mode\":\"in_person\","
	       "\"language\":\"en\"}", 400, "place");
	EXPECT(prov, "POST", rpath(R1, "/activities"), "{\"title\":\"Course\",\"date_from\":"
	       "\"2030-01-12\",\"date_to\":\"2030-01-16\",\"mode\":\"online\",\"language\":"
	       "\"en\",\"providers\":\"CoE\"}", 400, "providers");
	j = call(prov, "POST", rpath(R1, "/activities"), "{\"title\":\"Forensics course\","
		 "\"date_from\":\"2030-01-12\",\"date_to\":\"2030-01-16\",\"mode\":"
		 "\"in_person\",\"place\":\"Nairobi\",\"language\":\"en\"}", 201,
		 "\"name\":\"CoE\"");
	aid = int_at(j, "id");
	assert_true(json_is_null(json_object_get(j, "training")));
	json_decref(j);
	snprintf(apath, sizeof(apath), "/api/v1/assistance/activities/%lld", aid);
	snprintf(path, sizeof(path), "%s/training", apath);
	/* counts that do not add up, negative, not whole; scores with two decimals */
	EXPECT(prov, "PUT", path, "{\"participants\":{\"police\":{\"female\":6,\"male\":5}},"
	       "\"total\":12}", 400, "total: 12 but the counts add up to 11");
	EXPECT(prov, "PUT", path, "{\"participants\":{\"police\":{\"female\":-3}}}", 400,
	       "police_female");
	EXPECT(prov, "PUT", path, "{\"participants\":{\"police\":{\"female\":2.5}}}", 400,
	       "participants.police.female");
	EXPECT(prov, "PUT", path, "{\"participants\":{\"chefs\":{\"female\":2}}}", 400,
	       "participants.chefs");
	EXPECT(prov, "PUT", path, "{\"participants\":{\"police\":{\"f\":2,\"female\":1}}}",
	       400, "counted twice");
	EXPECT(prov, "PUT", path, "{\"participants\":{\"police\":{\"f\":2}},\"pre\":"
	       "\"72.55\"}", 400, "pre");
	EXPECT(prov, "PUT", path, "{\"participants\":{\"police\":{\"f\":2}},\"post\":72.5}",
	       400, "post");
	EXPECT(prov, "PUT", path, "{\"participants\":{}}", 400, "no participant");
	EXPECT(rdr, "PUT", path, "{\"participants\":{\"police\":{\"f\":2}}}", 403, NULL);
	j = call(prov, "PUT", path, "{\"participants\":{\"police\":{\"female\":6,\"m\":8},"
		 "\"prosecutor\":{\"female\":3}},\"total\":17,\"pre\":\"48.5\",\"post\":77}",
		 200, NULL);
	t = json_object_get(j, "training");
	assert_int_equal(int_at(t, "total"), 17);
	assert_int_equal(int_at(json_object_get(t, "by_gender"), "female"), 9);
	assert_int_equal(int_at(json_object_get(t, "by_role"), "police"), 14);
	assert_int_equal(int_at(json_object_get(json_object_get(t, "participants"), "police"),
				"male"), 8);
	assert_string_equal(str_at(t, "pre"), "48.5");
	assert_string_equal(str_at(t, "post"), "77.0");
	json_decref(j);
	/* the compact form too */
	EXPECT(prov, "POST", path, "{\"participants\":\"police:f=6,m=8;prosecutor:f=3\","
	       "\"total\":17,\"pre\":\"48.5\",\"post\":77}", 200, "\"total\":17");

	/* the attendance list: RED */
	snprintf(path, sizeof(path), "%s/attendance", apath);
	EXPECT(fke, "PUT", path, "{\"names\":[\"x\"]}", 403, NULL);
	EXPECT(prov, "PUT", path, "{\"names\":\"Zqattendee One\"}", 400, "names");
	EXPECT(prov, "PUT", path, "{\"names\":[\"Zqattendee One\",\"Zqattendee Two\"]}", 200,
	       "\"count\":2");
	EXPECT(prov, "GET", path, NULL, 200, "Zqattendee Two");
	EXPECT(cur, "GET", path, NULL, 200, "Zqattendee One");
	EXPECT(fke, "GET", path, NULL, 403, "RED");
	EXPECT(rdr, "GET", path, NULL, 403, "RED");
	EXPECT(pub, "GET", path, NULL, 404, NULL);
	/* anywhere else: the count, never the names */
	{
		const char *const where[] = { apath, rpath(R1, "/activities"),
					      "/api/v1/assistance/activities?country=KE",
					      rpath(R1, ""), "/api/v1/assistance/trained" };

		for (size_t i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
			struct http_response *r = req(cur, "GET", where[i], NULL, NULL, 0);

			assert_status(r, 200);
			assert_lacks(r->body, "Zqattendee");
			http_response_free(r);
		}
	}
	EXPECT(cur, "GET", apath, NULL, 200, "\"attendance\":2");
	/* who reads the request reads the activity; the public does not (GREEN) */
	EXPECT(rdr, "GET", apath, NULL, 200, "Forensics course");
	EXPECT(pub, "GET", apath, NULL, 404, NULL);
	EXPECT(pub, "GET", "/api/v1/assistance/activities", NULL, 200, "\"count\":0");
	/* the people trained, by country */
	j = call(rdr, "GET", "/api/v1/assistance/trained?by=country", NULL, 200, NULL);
	t = json_array_get(json_object_get(j, "trained"), 0);
	assert_string_equal(str_at(t, "key"), "KE");
	assert_int_equal(int_at(t, "total"), 17);
	assert_int_equal(int_at(json_object_get(t, "by_gender"), "male"), 8);
	json_decref(j);
	EXPECT(rdr, "GET", "/api/v1/assistance/trained?by=planet", NULL, 400, "by");
	EXPECT(rdr, "GET", "/api/v1/assistance/trained?country=XX", NULL, 400, "country");

	/* its evaluation: the beneficiary */
	snprintf(path, sizeof(path), "%s/evaluation", apath);
	EXPECT(prov, "POST", path, "{\"rating\":4}", 403, NULL);
	EXPECT(fke, "POST", path, "{\"rating\":0}", 400, "rating");
	EXPECT(fke, "POST", path, "{\"rating\":4,\"closed_needs\":[\"gap:un-cc/9\"]}", 400,
	       "closed_needs");
	j = call(fke, "POST", path, "{\"rating\":4,\"closed_needs\":[\"gap:un-cc/7\"]}", 200,
		 NULL);
	assert_int_equal(int_at(json_object_get(j, "evaluation"), "rating"), 4);
	json_decref(j);
	EXPECT(cur, "GET", "/api/v1/assistance/activities/987654", NULL, 404, "no activity");
}

/* The provider delivers; the focal point evaluates and closes the need, which leaves
 * Kenya's ranked needs; the curator closes the request; the timeline has every move
 * with its comment. */
static void test_delivery(void **state)
{
	char body[256];
	json_t *j, *t;
	size_t i;
	json_t *x;

	(void)state;
	EXPECT(oth, "POST", rpath(R1, "/moves"), move("in_delivery", NULL), 403, NULL);
	EXPECT(prov, "POST", rpath(R1, "/moves"), move("in_delivery", NULL), 200,
	       "\"stage\":\"in_delivery\"");
	/* too late to edit */
	EXPECT(fke, "PUT", rpath(R1, ""), "{\"revision\":7,\"title\":\"x\"}", 409,
	       "can no longer be edited");
	EXPECT(fke, "POST", rpath(R1, "/evaluation"), "{\"org\":\"CoE\",\"rating\":5}", 409,
	       "once delivered");
	activities();
	EXPECT(prov, "POST", rpath(R1, "/moves"), move("delivered", "20 officers trained"), 200,
	       "\"stage\":\"delivered\"");
	/* evaluation: the beneficiary; rating 1..5; an org with an accepted match; needs
	 * of the request */
	EXPECT(prov, "POST", rpath(R1, "/evaluation"), "{\"org\":\"CoE\",\"rating\":5}", 403,
	       NULL);
	EXPECT(fke, "POST", rpath(R1, "/evaluation"), "{\"org\":\"CoE\",\"rating\":6}", 400,
	       "rating");
	EXPECT(fke, "POST", rpath(R1, "/evaluation"), "{\"org\":\"CoE\",\"rating\":4.5}", 400,
	       "rating");
	EXPECT(fke, "POST", rpath(R1, "/evaluation"), "{\"org\":\"Other\",\"rating\":3}", 409,
	       "org: Other has no accepted match");
	EXPECT(fke, "POST", rpath(R1, "/evaluation"), "{\"org\":\"CoE\",\"rating\":3,"
	       "\"closed_needs\":[\"stated:999\"]}", 400, "closed_needs");
	/* nothing was closed by the refusals */
	EXPECT(fke, "GET", "/api/v1/needs?country=KE", NULL, 200, "zqneedforensics");
	snprintf(body, sizeof(body), "{\"org\":\"CoE\",\"rating\":5,\"closed_needs\":"
		 "[\"stated:%lld\"]}", NEED);
	EXPECT(fke, "POST", rpath(R1, "/evaluation"), body, 200, "\"stage\":\"delivered\"");
	{
		struct http_response *r = req(fke, "GET", "/api/v1/needs?country=KE", NULL, NULL,
					      0);

		assert_status(r, 200);
		assert_lacks(r->body, "zqneedforensics");
		assert_has(r->body, "\"article\":\"un-cc/7\"");	/* gaps close with the law */
		http_response_free(r);
	}
	EXPECT(fke, "POST", rpath(R1, "/moves"), move("evaluated", NULL), 200,
	       "\"stage\":\"evaluated\"");
	EXPECT(fke, "POST", rpath(R1, "/moves"), move("closed", NULL), 403, NULL);
	EXPECT(cur, "POST", rpath(R1, "/moves"), move("closed", "done"), 200,
	       "\"stage\":\"closed\"");
	/* a move the lifecycle lacks: 409 naming both stages */
	EXPECT(cur, "POST", rpath(R1, "/moves"), move("withdrawn", "late"), 409,
	       "no move from closed to withdrawn");
	stage_is(R1, "closed");

	j = call(fke, "GET", rpath(R1, "/timeline"), NULL, 200, NULL);
	t = json_object_get(j, "timeline");
	assert_int_equal(json_array_size(t), 8);
	json_array_foreach(t, i, x) {
		static const char *const to[] = { "requested", "assessed", "matched", "funded",
						  "in_delivery", "delivered", "evaluated",
						  "closed" };

		assert_string_equal(str_at(x, "to"), to[i]);
	}
	assert_true(json_is_null(json_object_get(json_array_get(t, 0), "from")));
	assert_string_equal(str_at(json_array_get(t, 1), "comment"), "in the 2030 plan");
	assert_string_equal(str_at(json_array_get(t, 1), "by"), "cora");
	assert_string_equal(str_at(json_array_get(t, 3), "by"), "dora");
	json_decref(j);
	/* a reader sees the moves, not who made them */
	j = call(rdr, "GET", rpath(R1, "/timeline"), NULL, 200, "in the 2030 plan");
	assert_null(json_object_get(json_array_get(json_object_get(j, "timeline"), 1), "by"));
	json_decref(j);
	/* the audit log has every step */
	{
		char *out = NULL, *err = NULL;

		assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "audit", "list",
						  "--action=assist.move", NULL }, &out, &err), 0);
		assert_has(out, "funded -> in_delivery");
		assert_has(out, "evaluated -> closed: done");
		free(out);
		free(err);
	}
}

/* ---- bad input ---- */

/* A request body with one member replaced: member (JSON text) after the others
 * (later members would be duplicates: the member is left out of the base). */
static const char *request_with(const char *key, const char *value)
{
	static const char *const base[][2] = {
		{ "country", "\"KE\"" }, { "title", "\"Bad input\"" },
		{ "topic", "\"cert\"" }, { "beneficiary", "\"KE-CIRT\"" },
		{ "targets", "[\"cert-staff\"]" }, { "languages", "[\"en\"]" },
	};
	static char buf[80000];
	size_t n = 1;

	strcpy(buf, "{");
	for (size_t i = 0; i < sizeof(base) / sizeof(base[0]); i++)
		if (!key || strcmp(key, base[i][0]))
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s\"%s\":%s",
					      n > 1 ? "," : "", base[i][0], base[i][1]);
	if (key)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, ",\"%s\":%s", key, value);
	snprintf(buf + n, sizeof(buf) - n, "}");
	return buf;
}

static void test_bad_request(void **state)
{
	static const struct {
		const char *key, *value, *has;
		int status;
	} bad[] = {
		{ "date_from", "\"2030-02-01\",\"date_to\":\"2030-01-01\"",
		  "date_to: 2030-01-01 is before 2030-02-01", 400 },
		{ "date_from", "\"2030-02-01\"", "date_to: give both dates or neither", 400 },
		{ "date_from", "\"2030-02-30\",\"date_to\":\"2030-03-01\"", "date_from", 400 },
		{ "budget_currency", "\"EUR\",\"budget_amount\":\"-100\"", "budget_amount: '-100'",
		  400 },
		{ "budget_currency", "\"EUR\",\"budget_amount\":-100", "budget_amount: '-100'",
		  400 },
		{ "budget_currency", "\"EUR\",\"budget_amount\":99.99", "budget_amount: give it", 400 },
		{ "budget_currency", "\"JPY\",\"budget_amount\":\"10.5\"",
		  "budget_amount: '10.5' has more than 0 decimals", 400 },
		{ "budget_currency", "\"EUR\"", "budget_amount: give the currency", 400 },
		{ "budget_currency", "\"ZZZ\",\"budget_amount\":\"10\"",
		  "budget_currency: 'ZZZ' is not an ISO 4217 code", 400 },
		{ "urgency", "\"high\"", "urgency: a whole number", 400 },
		{ "urgency", "7", "urgency: '7' is not 1, 2 or 3", 400 },
		{ "targets", "[\"chefs\"]", "targets: 'chefs' is not one of the allowed values",
		  400 },
		{ "targets", "7", "targets: a list", 400 },
		{ "targets", "[\"police\",3]", "targets[1]", 400 },
		{ "targets", "[]", "targets: is required", 400 },
		{ "languages", "[\"klingon\"]", "languages", 400 },
		{ "modes", "[\"telepathy\"]", "modes", 400 },
		{ "topic", "\"astrology\"", "topic: 'astrology'", 400 },
		{ "title", "7", "title must be a string", 400 },
		{ "title", "\"\"", "title: is required", 400 },
		{ "tlp", "\"RED\"", "tlp: 'RED'", 400 },
		{ "needs", "[\"stated:424242\"]", "needs: 'stated:424242'", 400 },
		{ "needs", "[\"gap:un-cc/999\"]", "needs: 'gap:un-cc/999'", 400 },
		{ "country", "\"XX\"", "country: 'XX' is no country", 400 },
		{ "colour", "\"red\"", "colour: unknown member", 400 },
	};
	char path[128], *big;
	json_t *j;
	long long before;

	(void)state;
	j = call(cur, "GET", "/api/v1/assistance/requests", NULL, 200, NULL);
	before = int_at(j, "total");
	json_decref(j);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT(fke, "POST", "/api/v1/assistance/requests",
		       request_with(bad[i].key, bad[i].value), bad[i].status, bad[i].has);
	EXPECT(fke, "POST", "/api/v1/assistance/requests", "[1,2]", 400, "object");
	EXPECT(fke, "POST", "/api/v1/assistance/requests", "{\"title\":", 400, "JSON");
	{
		struct http_response *r = req(fke, "POST", "/api/v1/assistance/requests",
					      "text/plain", "title=x", 7);

		assert_status(r, 415);
		http_response_free(r);
	}
	/* a body over the limit: 413 before it is read */
	big = malloc(70000);
	memset(big, 'x', 69990);
	big[69990] = '\0';
	{
		char *body = malloc(70100);

		snprintf(body, 70100, "{\"description\":\"%s\"}", big);
		{
			struct http_response *r = req(fke, "POST", "/api/v1/assistance/requests",
						      "application/json", body, strlen(body));

			assert_status(r, 413);
			http_response_free(r);
		}
		free(body);
	}
	free(big);
	/* nothing was stored */
	j = call(cur, "GET", "/api/v1/assistance/requests", NULL, 200, NULL);
	assert_int_equal(int_at(j, "total"), before);
	json_decref(j);

	/* moves: an unknown stage names the member; the lifecycle's gaps are 409; a
	 * withdrawal needs its reason */
	j = call(fke, "POST", "/api/v1/assistance/requests", request_with(NULL, NULL), 201,
		 NULL);
	snprintf(path, sizeof(path), "/api/v1/assistance/requests/%lld/moves", int_at(j, "id"));
	json_decref(j);
	EXPECT(cur, "POST", path, move("nowhere", NULL), 400, "to: 'nowhere' is not a stage");
	EXPECT(cur, "POST", path, "{\"comment\":\"x\"}", 400, "to:");
	EXPECT(cur, "POST", path, "{\"to\":\"assessed\",\"by\":\"me\"}", 400, "by: unknown");
	EXPECT(cur, "POST", path, move("funded", NULL), 409, "no move from requested to funded");
	EXPECT(fke, "POST", path, move("withdrawn", NULL), 400, "comment: is required");
	EXPECT(fng, "POST", path, move("withdrawn", "not ours"), 403, NULL);
	EXPECT(pub, "POST", path, move("withdrawn", "x"), 401, NULL);
	EXPECT(fke, "POST", path, move("withdrawn", "no longer needed"), 200,
	       "\"stage\":\"withdrawn\"");
	EXPECT(cur, "POST", "/api/v1/assistance/requests/987654/moves", move("assessed", NULL),
	       404, "no request 987654");
	EXPECT(cur, "POST", "/api/v1/assistance/requests/987654/moves", move("nowhere", NULL),
	       404, "no request 987654");
	EXPECT(cur, "GET", "/api/v1/assistance/requests/abc", NULL, 404, NULL);
	EXPECT(cur, "GET", "/api/v1/assistance/requests/0", NULL, 404, NULL);
	EXPECT(cur, "GET", "/api/v1/assistance/requests/987654/funding", NULL, 404, NULL);
	EXPECT(cur, "GET", "/api/v1/assistance/requests/987654/suggestions", NULL, 404, NULL);
	EXPECT(cur, "GET", "/api/v1/assistance/offers/987654", NULL, 404, "no offer");
	EXPECT(cur, "DELETE", "/api/v1/assistance/requests/1", NULL, 405, NULL);

	/* offers */
	EXPECT(prov, "POST", "/api/v1/assistance/offers", "{\"title\":\"x\",\"topics\":"
	       "[\"cert\"],\"languages\":[\"en\"],\"modes\":[\"online\"],\"capacity\":\"4\"}",
	       400, "capacity: a whole number");
	EXPECT(prov, "POST", "/api/v1/assistance/offers", "{\"title\":\"x\",\"topics\":"
	       "[\"cert\"],\"languages\":[\"en\"],\"modes\":[\"online\"],\"capacity\":0}",
	       400, "capacity: activities a year");
	EXPECT(prov, "POST", "/api/v1/assistance/offers", "{\"title\":\"x\",\"topics\":"
	       "[\"cert\"],\"languages\":[\"en\"],\"modes\":[\"online\"],\"capacity\":1,"
	       "\"period_from\":\"2030-05-01\",\"period_to\":\"2030-04-01\"}", 400,
	       "period_to: 2030-04-01 is before 2030-05-01");
	EXPECT(prov, "POST", "/api/v1/assistance/offers", "{\"title\":\"x\",\"topics\":"
	       "[\"cert\"],\"languages\":[\"en\"],\"modes\":[\"online\"],\"capacity\":1,"
	       "\"regions\":[\"999\"]}", 400, "regions: '999'");
	EXPECT(prov, "POST", "/api/v1/assistance/offers", "{\"title\":\"x\",\"topics\":[],"
	       "\"languages\":[\"en\"],\"modes\":[\"online\"],\"capacity\":1}", 400,
	       "topics: is required");
	EXPECT(pub, "GET", "/api/v1/assistance/offers?all=maybe", NULL, 400, "all");
	EXPECT(pub, "GET", "/api/v1/assistance/offers?topic=astrology", NULL, 400, "topic");
}

/* The list: filters, counts per stage, paging; each filter's bad value named. */
static void test_list(void **state)
{
	json_t *j, *c;

	(void)state;
	EXPECT(fng, "POST", "/api/v1/assistance/requests", "{\"country\":\"NG\",\"title\":"
	       "\"EFCC cryptocurrency tracing\",\"topic\":\"cryptocurrency\",\"beneficiary\":"
	       "\"EFCC\",\"targets\":[\"police\"],\"languages\":[\"en\"],\"urgency\":1,"
	       "\"tlp\":\"CLEAR\"}", 201, NULL);
	j = call(cur, "GET", "/api/v1/assistance/requests", NULL, 200, NULL);
	c = json_object_get(j, "counts");
	assert_int_equal(int_at(c, "closed"), 1);
	assert_int_equal(int_at(c, "withdrawn"), 1);
	assert_int_equal(int_at(c, "requested"), 1);
	assert_int_equal(int_at(c, "assessed"), 0);
	assert_int_equal(int_at(j, "total"), 3);
	/* newest first */
	assert_string_equal(str_at(json_array_get(json_object_get(j, "requests"), 0),
				   "country"), "NG");
	json_decref(j);
	j = call(cur, "GET", "/api/v1/assistance/requests?stage=closed", NULL, 200, NULL);
	assert_int_equal(int_at(j, "total"), 1);
	assert_int_equal(int_at(json_object_get(j, "counts"), "withdrawn"), 1);
	assert_int_equal(int_at(json_array_get(json_object_get(j, "requests"), 0), "id"), R1);
	json_decref(j);
	EXPECT(cur, "GET", "/api/v1/assistance/requests?country=NGA", NULL, 200, "\"total\":1");
	EXPECT(cur, "GET", "/api/v1/assistance/requests?region=002", NULL, 200, "\"total\":3");
	EXPECT(cur, "GET", "/api/v1/assistance/requests?region=150", NULL, 200, "\"total\":0");
	EXPECT(cur, "GET", "/api/v1/assistance/requests?topic=cryptocurrency", NULL, 200,
	       "\"total\":1");
	EXPECT(cur, "GET", "/api/v1/assistance/requests?urgency=3", NULL, 200, "\"total\":1");
	EXPECT(cur, "GET", "/api/v1/assistance/requests?limit=1&offset=1", NULL, 200,
	       "\"total\":3");
	j = call(cur, "GET", "/api/v1/assistance/requests?limit=1&offset=1", NULL, 200, NULL);
	assert_int_equal(json_array_size(json_object_get(j, "requests")), 1);
	json_decref(j);
	/* the public reads the CLEAR one only, and counts only it */
	j = call(pub, "GET", "/api/v1/assistance/requests", NULL, 200, NULL);
	assert_int_equal(int_at(j, "total"), 1);
	assert_int_equal(int_at(json_object_get(j, "counts"), "closed"), 0);
	json_decref(j);
	EXPECT(cur, "GET", "/api/v1/assistance/requests?stage=nowhere", NULL, 400, "stage");
	EXPECT(cur, "GET", "/api/v1/assistance/requests?region=999", NULL, 400, "region");
	EXPECT(cur, "GET", "/api/v1/assistance/requests?topic=x", NULL, 400, "topic");
	EXPECT(cur, "GET", "/api/v1/assistance/requests?urgency=5", NULL, 400, "urgency");
	EXPECT(cur, "GET", "/api/v1/assistance/requests?country=XX", NULL, 400, "country");
	EXPECT(cur, "GET", "/api/v1/assistance/requests?limit=0", NULL, 400, "limit");
	EXPECT(cur, "GET", "/api/v1/assistance/overlaps?country=XX", NULL, 400, "country");
}

/* Two open requests for the same beneficiary on the same topic in overlapping
 * periods are a warning, shown to both countries' coordinators alike. */
static void test_overlaps(void **state)
{
	json_t *j, *o;
	long long a, b;

	(void)state;
	j = call(fke, "POST", "/api/v1/assistance/requests", "{\"country\":\"KE\",\"title\":"
		 "\"Forensics lab\",\"topic\":\"digital-forensics\",\"beneficiary\":\"DCI  cyber "
		 "unit\",\"targets\":[\"police\"],\"languages\":[\"en\"],\"date_from\":"
		 "\"2031-01-01\",\"date_to\":\"2031-02-01\"}", 201, NULL);
	a = int_at(j, "id");
	json_decref(j);
	j = call(cur, "POST", "/api/v1/assistance/requests", "{\"country\":\"KE\",\"title\":"
		 "\"Forensics mentoring\",\"topic\":\"digital-forensics\",\"beneficiary\":"
		 "\"DCI Cyber Unit\",\"targets\":[\"judges\"],\"languages\":[\"en\"],"
		 "\"date_from\":\"2031-01-20\",\"date_to\":\"2031-03-01\"}", 201, NULL);
	b = int_at(j, "id");
	json_decref(j);
	j = call(fke, "GET", "/api/v1/assistance/overlaps?country=KE", NULL, 200, NULL);
	assert_int_equal(int_at(j, "count"), 1);
	o = json_array_get(json_object_get(j, "overlaps"), 0);
	assert_string_equal(str_at(o, "kind"), "beneficiary");
	assert_int_equal(int_at(json_object_get(o, "a"), "id"), a);
	assert_int_equal(int_at(json_object_get(o, "b"), "id"), b);
	json_decref(j);
	EXPECT(cur, "GET", "/api/v1/assistance/overlaps?country=NG", NULL, 200, "\"count\":0");
}

/* Every /api/v1/assistance route of routes.c is in the OpenAPI document with its
 * methods (test_api checks the paths; this checks that each method is described). */
static void test_openapi(void **state)
{
	static const char *const ops[][2] = {
		{ "/api/v1/assistance/requests", "get" },
		{ "/api/v1/assistance/requests", "post" },
		{ "/api/v1/assistance/requests/{id}", "get" },
		{ "/api/v1/assistance/requests/{id}", "put" },
		{ "/api/v1/assistance/requests/{id}/timeline", "get" },
		{ "/api/v1/assistance/requests/{id}/moves", "post" },
		{ "/api/v1/assistance/requests/{id}/suggestions", "get" },
		{ "/api/v1/assistance/requests/{id}/matches", "get" },
		{ "/api/v1/assistance/requests/{id}/matches", "post" },
		{ "/api/v1/assistance/requests/{id}/funding", "get" },
		{ "/api/v1/assistance/requests/{id}/funding", "post" },
		{ "/api/v1/assistance/requests/{id}/evaluation", "post" },
		{ "/api/v1/assistance/matches/{id}/accept", "post" },
		{ "/api/v1/assistance/matches/{id}/decline", "post" },
		{ "/api/v1/assistance/offers", "get" },
		{ "/api/v1/assistance/offers", "post" },
		{ "/api/v1/assistance/offers/{id}", "get" },
		{ "/api/v1/assistance/offers/{id}/withdraw", "post" },
		{ "/api/v1/assistance/overlaps", "get" },
		{ "/api/v1/assistance/totals", "get" },
		{ "/api/v1/assistance/requests/{id}/activities", "get" },
		{ "/api/v1/assistance/requests/{id}/activities", "post" },
		{ "/api/v1/assistance/activities", "get" },
		{ "/api/v1/assistance/activities/{id}", "get" },
		{ "/api/v1/assistance/activities/{id}/training", "put" },
		{ "/api/v1/assistance/activities/{id}/training", "post" },
		{ "/api/v1/assistance/activities/{id}/attendance", "get" },
		{ "/api/v1/assistance/activities/{id}/attendance", "put" },
		{ "/api/v1/assistance/activities/{id}/evaluation", "post" },
		{ "/api/v1/assistance/trained", "get" },
	};
	json_t *j = call(pub, "GET", "/api/v1/openapi.json", NULL, 200, NULL), *paths;

	(void)state;
	paths = json_object_get(j, "paths");
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		json_t *op = json_object_get(json_object_get(paths, ops[i][0]), ops[i][1]);

		if (!op || !json_object_get(op, "responses"))
			fail_msg("no %s %s in the OpenAPI document", ops[i][1], ops[i][0]);
	}
	assert_non_null(json_object_get(json_object_get(json_object_get(j, "components"),
							"schemas"), "AssistMoney"));
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_funding),
		cmocka_unit_test(test_delivery),
		cmocka_unit_test(test_bad_request),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_overlaps),
		cmocka_unit_test(test_openapi),
	};

	return harness_exit(cmocka_run_group_tests(tests, setup, teardown));
}
