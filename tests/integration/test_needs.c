/* The needs pages on real laws: the corpus of ../shared imported and mapped by
 * tests/relevance/load-corpus.sh, then the United States' needs (its gaps ranked with
 * their terms), a focal point stating a need for Kenya (GREEN: not for the public;
 * CLEAR: for everybody) and closing it, /needs with a region's shared needs, the CSV,
 * the JSON, and the 400s of bad parameters. Skipped without ../shared. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "harness.h"

static struct srv *S;
static char shared[1024];
static char cur[256], fp[256];	/* "Authorization: Bearer ..." of a curator, KE's focal point */


static struct http_response *get(const char *path, int status)
{
	struct http_response *r = http_get(S, path, NULL);

	assert_non_null(r);
	if (r->status != status)
		fail_msg("%s: %d, not %d: %.300s", path, r->status, status, r->body);
	return r;
}

static int setup(void **state)
{
	(void)state;
	if (!shared[0])
		return 0;
	S = harness_corpus_srv(shared, cur, fp, sizeof(cur));
	return S ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	if (S)
		assert_int_equal(srv_stop(S), 0);
	return 0;
}

#define NEED_SHARED()                                                            \
	do {                                                                     \
		if (!S) {                                                        \
			printf("skipped: ../shared absent (set CCREPO_SHARED)\n"); \
			skip();                                                  \
		}                                                                \
	} while (0)

static struct http_response *post(const char *auth, const char *path, const char *body)
{
	char h[512];

	snprintf(h, sizeof(h), "%sContent-Type: application/x-www-form-urlencoded\r\n",
		 auth ? auth : "");
	return http_request(S, "POST", path, h, body, strlen(body));
}

static void expect_keep(struct http_response *r, int status)
{
	assert_non_null(r);
	if (r->status != status)
		fail_msg("%d, not %d: %.300s", r->status, status, r->body);
}

static void expect(struct http_response *r, int status, const char *has)
{
	assert_non_null(r);
	if (r->status != status)
		fail_msg("%d, not %d: %.300s", r->status, status, r->body);
	if (has)
		assert_has(r->body, has);
	http_response_free(r);
}


/* The United States' gaps, ranked, each with its terms; the formula; the profile's
 * section; the JSON and the CSV. */
static void test_country_needs(void **state)
{
	struct http_response *r;
	const char *a, *b;

	(void)state;
	NEED_SHARED();
	r = get("/countries/US/needs", 200);
	assert_has(r->body, "<h1>Needs</h1>");
	assert_has(r->body, "gap: category weight × status weight");
	assert_has(r->body, "countries of the sub-region cover it");
	assert_has(r->body, "covered</span>");	/* not covered or partly covered */
	assert_has(r->body, "category criminalization ×3");
	assert_lacks(r->body, "State a need");	/* the public */
	/* ranked: the first row's score is not below the second's */
	a = strstr(r->body, "<td class=\"terms\">");
	assert_non_null(a);
	b = strstr(a + 1, "<td class=\"terms\">");
	assert_non_null(b);
	http_response_free(r);
	r = get("/countries/US", 200);
	assert_has(r->body, "<h2 id=\"needs\">Needs</h2>");
	assert_has(r->body, "All needs, with the form to state one");
	http_response_free(r);
	r = get("/api/v1/needs?country=US", 200);
	assert_has(r->body, "\"source\":\"gap\"");
	/* ranked: each score is not above the one before */
	{
		double prev = 1e9, x;
		int k = 0;

		for (a = strstr(r->body, "\"score\":"); a; a = strstr(a + 1, "\"score\":"), k++) {
			x = strtod(a + 8, NULL);
			assert_true(x <= prev);
			prev = x;
		}
		assert_true(k >= 2);
	}
	assert_has(r->body, "\"terms_text\"");
	assert_has(r->body, "\"weight\":\"subregion\"");
	http_response_free(r);
	r = get("/needs.csv?region=019", 200);
	assert_has(r->body, "country,source,dimension,article,status,question,answer,topic,"
		   "target,urgency,score,terms");
	assert_has(r->body, "US,gap,legal,");
	http_response_free(r);
}

/* A focal point states a need for Kenya; the public does not see it while GREEN. */
static void test_stated(void **state)
{
	struct http_response *r;
	const char *at;
	char id[24] = "", body[256];

	(void)state;
	NEED_SHARED();
	r = http_get(S, "/countries/KE/needs", fp);
	assert_int_equal(r->status, 200);
	assert_has(r->body, "State a need");
	http_response_free(r);
	expect(post(fp, "/countries/KE/needs/state", "topic=digital-forensics&target=police&"
		    "urgency=3&tlp=GREEN&note=No+forensic+laboratory"), 303, NULL);
	r = http_get(S, "/countries/KE/needs", fp);
	assert_has(r->body, "No forensic laboratory");
	assert_has(r->body, "urgency 3 ×2.5 = 7.5");
	at = strstr(r->body, "name=\"need\" value=\"");
	assert_non_null(at);
	sscanf(at + strlen("name=\"need\" value=\""), "%23[0-9]", id);
	http_response_free(r);
	r = get("/countries/KE/needs", 200);
	assert_lacks(r->body, "No forensic laboratory");
	http_response_free(r);
	r = get("/api/v1/needs?country=KE", 200);
	assert_lacks(r->body, "No forensic laboratory");
	http_response_free(r);
	/* not for another country's address, not by the public */
	expect(post(fp, "/countries/US/needs/state", "topic=digital-forensics&target=police&"
		    "urgency=3"), 403, NULL);
	expect(post(NULL, "/countries/KE/needs/state", "topic=digital-forensics&target=police&"
		    "urgency=3"), 403, NULL);
	expect(post(fp, "/countries/KE/needs/state", "topic=astrology&target=police&urgency=3"),
	       400, "topic");
	expect(post(fp, "/countries/KE/needs/state", "topic=cert&target=police&urgency=9"),
	       400, "urgency");
	/* CLEAR: for everybody, and shared with Uganda's in the region */
	expect(post(fp, "/countries/KE/needs/state", "topic=cryptocurrency&target=police&"
		    "urgency=2&tlp=CLEAR&note=Exchanges+unregulated"), 303, NULL);
	expect(post(cur, "/countries/UG/needs/state", "topic=cryptocurrency&target=prosecutors&"
		    "urgency=1&tlp=CLEAR"), 303, NULL);
	r = get("/countries/KE/needs", 200);
	assert_has(r->body, "Exchanges unregulated");
	http_response_free(r);
	r = get("/needs?region=014", 200);
	assert_has(r->body, "Needs shared by several countries");
	assert_has(r->body, "cryptocurrency tracing <span class=\"muted\">· 2 countries");
	http_response_free(r);
	r = get("/regions/014", 200);
	assert_has(r->body, "<a href=\"/needs?region=014\">Needs shared by several countries</a>");
	http_response_free(r);
	r = get("/api/v1/needs?region=014&topic=cryptocurrency", 200);
	assert_has(r->body, "\"shared\"");
	assert_has(r->body, "\"count\":2");
	http_response_free(r);
	/* closed as met */
	snprintf(body, sizeof(body), "need=%s&note=Lab+opened", id);
	expect(post(cur, "/countries/US/needs/close", body), 404, NULL);
	expect(post(fp, "/countries/KE/needs/close", body), 303, NULL);
	r = http_get(S, "/countries/KE/needs", fp);
	assert_lacks(r->body, "No forensic laboratory");
	http_response_free(r);
}

/* The same through the API: a focal point states a need as JSON and closes it; the
 * public does not read it; bad members are 400s naming them. */
static void test_api_stated(void **state)
{
	char h[512], path[64];
	struct http_response *r;
	const char *at;
	long long id;

	(void)state;
	NEED_SHARED();
	snprintf(h, sizeof(h), "%sContent-Type: application/json\r\n", fp);
	r = http_request(S, "POST", "/api/v1/needs", h, "{\"country\":\"KE\",\"topic\":"
			 "\"cryptocurrency\",\"target\":\"police\",\"urgency\":2,\"note\":"
			 "\"Tracing wallets seized in fraud cases\"}", 118);
	expect_keep(r, 201);
	assert_has(r->body, "\"tlp\":\"GREEN\"");
	at = strstr(r->body, "\"id\":");
	assert_non_null(at);
	id = atoll(at + 5);
	http_response_free(r);
	r = get("/api/v1/needs?country=KE", 200);
	assert_lacks(r->body, "Tracing wallets");
	http_response_free(r);
	r = http_get(S, "/api/v1/needs?country=KE", fp);
	assert_has(r->body, "Tracing wallets");
	http_response_free(r);
	r = http_request(S, "POST", "/api/v1/needs", h, "{\"country\":\"KE\",\"topic\":"
			 "\"cert\",\"target\":\"police\",\"urgency\":7}", 61);
	expect(r, 400, "urgency");
	r = http_request(S, "POST", "/api/v1/needs", h, "{\"country\":\"US\",\"topic\":"
			 "\"cert\",\"target\":\"police\",\"urgency\":1}", 61);
	expect(r, 403, NULL);
	snprintf(path, sizeof(path), "/api/v1/needs/%lld/close", id);
	r = http_request(S, "POST", path, h, "{\"note\":\"Training given\"}", 25);
	expect(r, 200, "\"close_note\":\"Training given\"");
	r = http_request(S, "POST", path, h, "{\"note\":\"again\"}", 16);
	expect(r, 404, NULL);
}

static struct http_response *put(const char *headers, const char *body)
{
	return http_request(S, "PUT", "/api/v1/needs/weights", headers, body, strlen(body));
}

/* The weights: anyone reads them; a curator changes them through the API or the form
 * on /needs and the ranking follows at once; others may not; bad values name the
 * weight. */
static void test_weights(void **state)
{
	char h[512], hc[512];
	struct http_response *r;
	double first_gap;
	const char *at;

	(void)state;
	NEED_SHARED();
	r = get("/api/v1/needs/weights", 200);
	assert_has(r->body, "\"target-stage\":{\"value\":3");
	http_response_free(r);
	r = get("/api/v1/needs?country=US", 200);
	at = strstr(r->body, "\"score\":");
	assert_non_null(at);
	first_gap = atof(at + 8);
	http_response_free(r);
	snprintf(h, sizeof(h), "%sContent-Type: application/json\r\n", fp);
	snprintf(hc, sizeof(hc), "%sContent-Type: application/json\r\n", cur);
	expect(put(h, "{\"not-covered\":9}"),
	       403, NULL);
	expect(put("Content-Type: application/json"
			    "\r\n", "{\"not-covered\":9}"), 403, NULL);
	expect(put(hc, "{\"not-covered\":900}"), 400, "not-covered");
	expect(put(hc, "{\"astrology\":1}"),
	       400, "astrology");
	expect(put(hc, "{\"not-covered\":\"x\"}"), 400, "not-covered");
	/* doubling not-covered and partly doubles every gap's product */
	expect(put(hc, "{\"not-covered\":4,\"partly\":2,\"subregion\":0}"), 200,
	       "\"not-covered\":{\"value\":4");
	r = get("/api/v1/needs?country=US", 200);
	at = strstr(r->body, "\"score\":");
	assert_non_null(at);
	assert_true(atof(at + 8) >= 2 * (first_gap - 3) - 0.01);
	assert_has(r->body, "\"weight\":\"partly\",\"w\":2.0");
	http_response_free(r);
	/* the page shows the form to curators only, and its post changes them */
	r = http_get(S, "/needs", cur);
	assert_has(r->body, "name=\"not-covered\" value=\"4\"");
	http_response_free(r);
	r = get("/needs", 200);
	assert_lacks(r->body, "name=\"not-covered\"");
	assert_has(r->body, "id=\"w-not-covered\">4<");
	http_response_free(r);
	expect(post(fp, "/needs/weights", "stage=5"), 403, NULL);
	r = post(cur, "/needs/weights", "stage=5&target-stage=4");
	expect_keep(r, 303);
	http_response_free(r);
	r = get("/api/v1/needs/weights", 200);
	assert_has(r->body, "\"stage\":{\"value\":5");
	assert_has(r->body, "\"not-covered\":{\"value\":4");
	http_response_free(r);
	/* back to the settings */
	expect(put(hc, "{}"), 200,
	       "\"not-covered\":{\"value\":2");
}

static void test_bad_input(void **state)
{
	(void)state;
	NEED_SHARED();
	expect(http_get(S, "/needs?region=999", NULL), 400, "region");
	expect(http_get(S, "/needs?topic=astrology", NULL), 400, "topic");
	expect(http_get(S, "/needs?target=cooks", NULL), 400, "target");
	expect(http_get(S, "/needs?dimension=astrology", NULL), 400, "dimension");
	expect(http_get(S, "/needs?at=yesterday", NULL), 400, NULL);
	expect(http_get(S, "/needs.csv?region=abc", NULL), 400, NULL);
	expect(http_get(S, "/api/v1/needs?country=XX", NULL), 400, "country");
	expect(http_get(S, "/api/v1/needs?target=cooks", NULL), 400, "target");
	expect(http_get(S, "/countries/KE/needs?topic=astrology", NULL), 400, "topic");
	expect(post(fp, "/countries/KE/needs/nothing", "x=1"), 404, NULL);
}

int main(void)
{
	const char *env = getenv("CCREPO_SHARED");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_country_needs),
		cmocka_unit_test(test_stated),
		cmocka_unit_test(test_api_stated),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_bad_input),
	};

	harness_bin();
	snprintf(shared, sizeof(shared), "%s", env && *env ? env : "../shared");
	{
		char corpus[1100];

		snprintf(corpus, sizeof(corpus), "%s/corpus", shared);
		if (access(corpus, R_OK))
			shared[0] = '\0';
	}
	return harness_exit(cmocka_run_group_tests(tests, setup, teardown));
}
