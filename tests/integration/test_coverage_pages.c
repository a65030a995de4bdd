/* The coverage pages on real laws: the corpus of ../shared imported and mapped by
 * tests/relevance/load-corpus.sh (the curators' mappings of tests/relevance/
 * mappings.tsv), then the United States' profile, the page of un-cc/7, the matrix
 * and its CSV, the world map, a date before the laws, and the 400s of bad
 * parameters. Skipped without ../shared. */
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

#define US "/akn/us/act/1986/usc-18-1030"

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

/* The profile: scores, the formula, the public's note, un-cc/7 covered with the
 * provision that implements it in full, linked with its version. */
static void test_profile_us(void **state)
{
	struct http_response *r;

	(void)state;
	NEED_SHARED();
	r = get("/countries/US", 200);
	assert_has(r->body, "<h2 id=\"coverage\">Coverage of the conventions</h2>");
	assert_has(r->body, "Computed from public records only");
	assert_has(r->body, "score = (covered + 0.5 × partly covered) / counted articles");
	assert_has(r->body, "Share of the articles covered");
	/* un-cc/7: covered, by 1030(a)(2) in full */
	assert_has(r->body, "UNCC 7 – Illegal access</a> <span class=\"cov cv\">● Covered</span> "
		   "<span class=\"muted\">since 16 October 1986</span>");
	assert_has(r->body, "<a href=\"" US "/eng@1986-10-16/~sec_1030__subsec_a__para_2\">");
	/* the gaps, ranked, and the timeline's text alternative */
	assert_has(r->body, "<h3>Gaps</h3>");
	assert_has(r->body, "Coverage over time");
	assert_has(r->body, "16 October 1986");
	/* no coverage before its laws: nothing is recorded, which is no gap */
	http_response_free(r);
	r = get("/countries/US?at=1980-01-01", 200);
	assert_has(r->body, "Nothing is recorded yet for this country&#39;s law");
	assert_lacks(r->body, "<h3>Gaps</h3>");
	http_response_free(r);
	/* a country with nothing recorded */
	r = get("/countries/KE", 200);
	assert_has(r->body, "Nothing is recorded yet for this country&#39;s law");
	http_response_free(r);
}

/* The article's page: the countries by region and status, with the evidence. */
static void test_article_page(void **state)
{
	struct http_response *r;
	const char *cov;

	(void)state;
	NEED_SHARED();
	r = get("/instruments/un-cc/7", 200);
	cov = strstr(r->body, "<h2 id=\"coverage\">");
	assert_non_null(cov);
	assert_has(cov, "<h3>Americas</h3>");
	assert_has(cov, "<a href=\"/countries/US#coverage\">United States</a> <span class=\"cov cv\">");
	assert_has(cov, "<h3>Africa</h3>");
	assert_has(cov, "<a href=\"/countries/NG#coverage\">Nigeria</a>");
	assert_has(cov, "sec_1030__subsec_a__para_2");
	assert_has(r->body, "href=\"/coverage/map?article=un-cc/7\"");
	http_response_free(r);
	/* final clauses are not measured */
	r = get("/instruments/un-cc/60", 200);
	assert_has(r->body, "coverage is not measured for it");
	http_response_free(r);
}

/* The matrix, its CSV and the map agree on the United States. */
static void test_matrix_and_map(void **state)
{
	struct http_response *r;

	(void)state;
	NEED_SHARED();
	r = get("/coverage", 200);
	assert_has(r->body, "<table class=\"matrix\">");
	assert_has(r->body, "<a href=\"/countries/US#coverage\">United States</a>");
	assert_lacks(r->body, ">Kenya</a>");	/* nothing recorded: left out */
	http_response_free(r);
	r = get("/coverage?all=1&sort=score&region=002", 200);
	assert_has(r->body, ">Kenya</a>");
	assert_before(r->body, ">Nigeria</a>", ">Kenya</a>");
	http_response_free(r);
	r = get("/coverage.csv", 200);
	assert_header_has(r, "Content-Type", "text/csv");
	assert_has(r->body, "country,instrument,article,title,category,status,derived,");
	assert_has(r->body, "US,un-cc,7,Illegal access,criminalization,covered,0,");
	http_response_free(r);
	r = get("/coverage/map?article=un-cc/7", 200);
	assert_has(r->body, "<svg class=\"map\"");
	assert_has(r->body, "role=\"group\" aria-labelledby=\"map-t\"");
	/* the table of the same numbers, each country a link */
	assert_has(r->body, "<th scope=\"row\"><a href=\"/countries/US\">United States</a></th>"
		   "<td>Covered</td>");
	assert_lacks(r->body, "<th scope=\"row\"><a href=\"/countries/KE\">");
	http_response_free(r);
	/* Arabic: right to left, numbers and names in Arabic */
	r = get("/coverage/map?lang=ar", 200);
	assert_has(r->body, "<html lang=\"ar\" dir=\"rtl\">");
	assert_has(r->body, ">الولايات المتّحدة</a>");
	http_response_free(r);
}

/* Bad parameters: 400 (or 404 for what does not exist) naming the parameter. */
static void test_bad_input(void **state)
{
	static const struct {
		const char *path, *names;
		int status;
	} cases[] = {
		{ "/coverage?at=1800-01-01", "at", 400 },
		{ "/coverage?at=2019-13-01", "at", 400 },
		{ "/coverage/map?at=2101-01-01", "at", 400 },
		{ "/coverage?instrument=xyz", "instrument", 400 },
		{ "/coverage?category=final", "category", 400 },
		{ "/coverage?page=0", "page", 400 },
		{ "/coverage?sort=size", "sort", 400 },
		{ "/coverage/map?article=un-cc", "article", 400 },
		{ "/countries/US?at=yesterday", "at", 400 },
	};

	(void)state;
	NEED_SHARED();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct http_response *r = get(cases[i].path, cases[i].status);

		assert_has(r->body, cases[i].names);
		http_response_free(r);
	}
	{	/* unknown region and article: not found, said */
		struct http_response *r = http_get(S, "/coverage?region=999", NULL);

		assert_true(r->status == 400 || r->status == 404);
		assert_has(r->body, "region");
		http_response_free(r);
		r = http_get(S, "/coverage/map?article=un-cc/999", NULL);
		assert_true(r->status == 400 || r->status == 404);
		assert_has(r->body, "article");
		http_response_free(r);
	}
}

/* POST a form as the account of auth (NULL: the public); the response. */
static struct http_response *post(const char *auth, const char *path, const char *body)
{
	char h[512];

	snprintf(h, sizeof(h), "%sContent-Type: application/x-www-form-urlencoded\r\n",
		 auth ? auth : "");
	return http_request(S, "POST", path, h, body, strlen(body));
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

/* The profile's forms: a focal point records a gap in their country's law and
 * disputes a status; a curator decides; the public sees the gap and its note but not
 * who recorded it, nor the thread. */
static void test_forms(void **state)
{
	struct http_response *r;
	char body[5200];

	(void)state;
	NEED_SHARED();
	r = get("/countries/KE", 200);
	assert_lacks(r->body, "Record the gap");
	assert_lacks(r->body, "<h3 id=\"disputes\">");
	http_response_free(r);
	r = http_get(S, "/countries/KE", fp);
	assert_has(r->body, "Record the gap");
	assert_has(r->body, "Open the dispute");
	assert_has(r->body, "No gap is recorded.");
	http_response_free(r);

	/* a gap in Kenya's law, by its focal point */
	r = post(fp, "/countries/KE/coverage/assess", "article=un-cc%2F16&note=No+offence+of+"
		 "sharing+intimate+images+in+the+Penal+Code+or+the+2018+act&as_of=2020-01-01");
	assert_int_equal(r->status, 303);
	assert_has(http_header(r, "Location"), "/countries/KE#record");
	http_response_free(r);
	r = get("/countries/KE", 200);
	assert_has(r->body, "<span class=\"cov cn\">○ Not covered</span>");
	assert_has(r->body, "<q>No offence of sharing intimate images in the Penal Code or the "
		   "2018 act</q>");
	assert_lacks(r->body, "kamau");
	http_response_free(r);
	/* before it holds, the article is unknown again */
	r = get("/countries/KE?at=2019-06-01", 200);
	assert_lacks(r->body, "Not covered</span>");
	http_response_free(r);

	/* not for another country, not for the public; limits */
	expect(post(fp, "/countries/US/coverage/assess", "article=un-cc%2F16&note=x"), 403, NULL);
	expect(post(NULL, "/countries/KE/coverage/assess", "article=un-cc%2F16&note=x"), 403,
	       NULL);
	memcpy(body, "article=un-cc%2F15&note=", 24);
	memset(body + 24, 'a', 4001);
	body[24 + 4001] = '\0';
	expect(post(fp, "/countries/KE/coverage/assess", body), 400, "4000");
	expect(post(fp, "/countries/KE/coverage/assess", "article=un-cc%2F99&note=x"), 400,
	       "article");
	expect(post(fp, "/countries/KE/coverage/nothing", "x=1"), 404, NULL);

	/* a dispute: opened by the focal point, decided by a curator */
	expect(post(fp, "/countries/KE/coverage/dispute", "article=un-cc%2F16&text=Section+37+"
		    "of+the+2018+act+covers+it"), 303, NULL);
	r = http_get(S, "/countries/KE", cur);
	assert_has(r->body, "Section 37 of the 2018 act covers it");
	assert_has(r->body, "kamau");
	assert_has(r->body, "name=\"state\" value=\"upheld\"");
	http_response_free(r);
	/* on the curators' review queue, not on a focal point's */
	r = http_get(S, "/review", cur);
	assert_has(r->body, "<a href=\"/countries/KE#disputes\">Kenya</a> · <a href=\"/instruments/"
		   "un-cc/16\">un-cc/16</a>");
	http_response_free(r);
	r = http_get(S, "/review", fp);
	assert_lacks(r->body, "Disputed coverage");
	http_response_free(r);
	{
		const char *at;
		char id[24] = "";

		r = http_get(S, "/countries/KE", cur);
		at = strstr(r->body, "name=\"dispute\" value=\"");
		assert_non_null(at);
		sscanf(at + strlen("name=\"dispute\" value=\""), "%23[0-9]", id);
		http_response_free(r);
		snprintf(body, sizeof(body), "dispute=%s&state=upheld&note=Section+37+maps", id);
		expect(post(fp, "/countries/KE/coverage/decide", body), 403, NULL);
		expect(post(cur, "/countries/KE/coverage/decide", body), 303, NULL);
		/* the dispute belongs to Kenya: not through another country's address */
		snprintf(body, sizeof(body), "dispute=%s&text=again", id);
		expect(post(cur, "/countries/US/coverage/comment", body), 404, NULL);
	}
	r = http_get(S, "/countries/KE", fp);
	assert_has(r->body, "Section 37 maps");
	assert_has(r->body, ">upheld</span>");
	http_response_free(r);
	r = get("/countries/KE", 200);
	assert_lacks(r->body, "Section 37");	/* the thread is for those who act on it */
	http_response_free(r);
}

int main(void)
{
	const char *env = getenv("CCREPO_SHARED");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profile_us),
		cmocka_unit_test(test_article_page),
		cmocka_unit_test(test_matrix_and_map),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_forms),
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
