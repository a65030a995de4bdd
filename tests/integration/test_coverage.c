/* Coverage through the real binary: GET /api/v1/coverage by country, by article and
 * as a matrix, for the public and a curator (an AMBER law counts only for those who
 * read it); the 400s that name the parameter; assessments and disputes through the
 * API with their permissions and the note's limit; and `ccrepo coverage`. */
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
static char cur[220], fp[220], fp_ug[220];	/* Authorization headers */
static long long open_law, amber_law;

static int cli(const char *const *args, char *out, size_t size)
{
	return harness_cli(D, "", args, out, size);
}

/* A request (headers auth, body or NULL) that must answer status; its JSON. */
static json_t *call(const char *auth, const char *method, const char *path, const char *body,
		    int status)
{
	struct http_response *r;
	json_error_t je;
	json_t *j;
	char headers[300];

	snprintf(headers, sizeof(headers), "%sContent-Type: application/json\r\n",
		 auth ? auth : "");
	if (body)
		r = http_request(S, method, path, headers, body, strlen(body));
	else
		r = http_request(S, method, path, auth, NULL, 0);
	assert_status(r, status);
	j = json_loadb(r->body, r->body_len, 0, &je);
	if (!j)
		fail_msg("%s %s: not JSON: %.200s", method, path, r->body);
	http_response_free(r);
	return j;
}

/* The article's object in a country answer's "articles". */
static json_t *article(json_t *j, const char *ref)
{
	json_t *arr = json_object_get(j, "articles"), *a;
	size_t i;

	json_array_foreach(arr, i, a)
		if (!strcmp(json_string_value(json_object_get(a, "article")), ref))
			return a;
	fail_msg("no article %s", ref);
	return NULL;
}

static const char *status_of(json_t *j, const char *ref)
{
	return json_string_value(json_object_get(article(j, ref), "status"));
}

/* A published law of Kenya, imported at the command line; its record id. */
static long long law(const char *uri, const char *tlp)
{
	char file[400], out[400];
	const char *text = "Section 1. Unauthorised access\n\nA person who accesses a computer "
			   "system without authority commits an offence.\n\nSection 2. "
			   "Preservation\n\nA police officer may order the preservation of "
			   "data.\n";
	const char *rec;

	snprintf(file, sizeof(file), "%s/law.txt", D);
	if (harness_write_file(file, text, strlen(text)) ||
	    cli((const char *const[]){ "import", "--uri", uri, "--title", "Act", "--country",
		"KE", "--date", "2020-01-01", "--language", "eng", "--status", "published",
		"--tlp", tlp, "--no-suggest", file, NULL }, out, sizeof(out)) ||
	    !(rec = strstr(out, "(record ")))
		fail_msg("import %s", uri);
	return atoll(rec + 8);
}

static void map(long long id, const char *eid, const char *article_ref, const char *extent)
{
	char path[80], body[200];

	snprintf(path, sizeof(path), "/api/v1/works/%lld/mappings", id);
	snprintf(body, sizeof(body), "{\"eid\":\"%s\",\"article\":\"%s\",\"extent\":\"%s\"}",
		 eid, article_ref, extent);
	json_decref(call(cur, "POST", path, body, 200));
}

static int group_setup(void **state)
{
	struct srv_options o = { 0 };

	(void)state;
	if (!(D = harness_tmpdir()) || cli((const char *const[]){ "migrate", NULL }, NULL, 0) ||
	    cli((const char *const[]){ "org", "add", "UNODC", "--kind", "unodc", NULL }, NULL,
		0) ||
	    cli((const char *const[]){ "org", "add", "KE-NA", "--kind", "national_authority",
		"--country", "KE", NULL }, NULL, 0) ||
	    cli((const char *const[]){ "org", "add", "UG-NA", "--kind", "national_authority",
		"--country", "UG", NULL }, NULL, 0) ||
	    harness_account(D, "cora", "curator", "UNODC", NULL, "t", cur, sizeof(cur)) ||
	    harness_account(D, "kamau", "focal_point", "KE-NA", "KE", "t", fp, sizeof(fp)) ||
	    harness_account(D, "okello", "focal_point", "UG-NA", "UG", "t", fp_ug,
			    sizeof(fp_ug)))
		return -1;
	o.dir = D;
	return (S = srv_start_with(&o)) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	harness_done(S, D);
	return 0;
}

static void test_setup_data(void **state)
{
	(void)state;
	open_law = law("/akn/ke/act/2020/1", "CLEAR");
	amber_law = law("/akn/ke/act/2020/2", "AMBER");
	map(open_law, "sec_1", "coe-185/2", "full");
	map(open_law, "sec_2", "un-cc/25", "partial");
	map(amber_law, "sec_1", "un-cc/8", "full");
}

static void test_country(void **state)
{
	json_t *j;

	(void)state;
	/* the public: the CLEAR law only */
	j = call(NULL, "GET", "/api/v1/coverage?country=KE&at=2021-01-01", NULL, 200);
	assert_true(json_is_true(json_object_get(j, "public_only")));
	assert_string_equal(json_string_value(json_object_get(j, "at")), "2021-01-01");
	assert_has(json_string_value(json_object_get(j, "formula")), "0.5");
	assert_string_equal(status_of(j, "coe-185/2"), "covered");
	assert_string_equal(status_of(j, "un-cc/7"), "covered");
	assert_true(json_is_true(json_object_get(article(j, "un-cc/7"), "derived")));
	assert_string_equal(status_of(j, "un-cc/25"), "partly_covered");
	assert_string_equal(status_of(j, "un-cc/8"), "unknown");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(
		article(j, "coe-185/2"), "evidence"), 0), "eid")), "sec_1");
	assert_true(json_is_true(json_object_get(j, "safeguards_flag")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "score"),
							    "counted")), 82);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "subregion"),
							      "code")), "202");
	json_decref(j);
	/* a curator reads the AMBER law too */
	j = call(cur, "GET", "/api/v1/coverage?country=KE&at=2021-01-01&timeline=1", NULL, 200);
	assert_true(json_is_false(json_object_get(j, "public_only")));
	assert_string_equal(status_of(j, "un-cc/8"), "covered");
	assert_string_equal(status_of(j, "coe-185/3"), "covered");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j,
		"covered_since"), "un-cc/8")), "2020-01-01");
	json_decref(j);
	/* before the law */
	j = call(NULL, "GET", "/api/v1/coverage?country=KEN&at=2019-12-31", NULL, 200);
	assert_string_equal(status_of(j, "coe-185/2"), "unknown");
	json_decref(j);
}

static void test_bad_input(void **state)
{
	static const struct {
		const char *query, *names;
	} bad[] = {
		{ "at=1899-12-31", "at:" },
		{ "at=2101-01-01", "at:" },
		{ "at=2019-02-30", "at:" },
		{ "country=XX", "country:" },
		{ "article=un-cc/999", "article:" },
		{ "article=7", "article:" },
		{ "article=un-cc/60", "article:" },	/* final clauses are not counted */
		{ "region=999", "region:" },
		{ "category=final", "category:" },
		{ "instrument=coe-1", "instrument:" },
		{ "limit=501", "limit" },
		{ "country=KE&article=un-cc/7", "country:" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char path[200];
		json_t *j;

		snprintf(path, sizeof(path), "/api/v1/coverage?%s", bad[i].query);
		j = call(NULL, "GET", path, NULL, 400);
		assert_has(json_string_value(json_object_get(j, "detail")), bad[i].names);
		json_decref(j);
	}
}

static void test_article_and_matrix(void **state)
{
	json_t *j, *cs;

	(void)state;
	j = call(NULL, "GET", "/api/v1/coverage?article=un-cc/7&at=2021-01-01", NULL, 200);
	cs = json_object_get(j, "countries");
	assert_int_equal(json_array_size(cs), 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
		json_array_get(cs, 0), "country"), "alpha2")), "KE");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "article"),
							    "covered")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "article"),
							    "countries")), 249);
	json_decref(j);
	j = call(NULL, "GET", "/api/v1/coverage?region=014&category=criminalization&limit=3&"
		 "offset=0&at=2021-01-01", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "countries")), 3);
	assert_true(json_integer_value(json_object_get(j, "total")) > 3);
	assert_int_equal(json_array_size(json_object_get(j, "articles")), 21);
	assert_int_equal(json_array_size(json_object_get(json_array_get(json_object_get(j,
		"countries"), 0), "statuses")), 21);
	json_decref(j);
}

static void test_assessments_and_disputes(void **state)
{
	char big[4100 + 80], path[120];
	json_t *j;
	long long id, did;

	(void)state;
	/* the public and another country's focal point may not */
	json_decref(call(NULL, "POST", "/api/v1/coverage/assessments",
			 "{\"country\":\"KE\",\"article\":\"un-cc/11\",\"note\":\"none\"}", 403));
	json_decref(call(fp_ug, "POST", "/api/v1/coverage/assessments",
			 "{\"country\":\"KE\",\"article\":\"un-cc/11\",\"note\":\"none\"}", 403));
	/* the note's limit */
	snprintf(big, sizeof(big), "{\"country\":\"KE\",\"article\":\"un-cc/11\",\"note\":\"%0*d\"}",
		 4001, 0);
	j = call(fp, "POST", "/api/v1/coverage/assessments", big, 400);
	assert_has(json_string_value(json_object_get(j, "detail")), "4000");
	json_decref(j);
	j = call(fp, "POST", "/api/v1/coverage/assessments",
		 "{\"country\":\"KE\",\"article\":\"un-cc/11\",\"note\":\"No misuse of devices "
		 "offence.\",\"as_of\":\"2019-01-01\"}", 201);
	id = (long long)json_integer_value(json_object_get(j, "id"));
	assert_string_equal(json_string_value(json_object_get(j, "recorded_by")), "kamau");
	json_decref(j);
	j = call(NULL, "GET", "/api/v1/coverage?country=KE&at=2021-01-01", NULL, 200);
	assert_string_equal(status_of(j, "un-cc/11"), "not_covered");
	/* the note is evidence for all; who recorded it, for those who act on it */
	assert_true(json_is_null(json_object_get(json_object_get(article(j, "un-cc/11"),
						 "assessment"), "recorded_by")));
	json_decref(j);
	j = call(cur, "GET", "/api/v1/coverage?country=KE&at=2021-01-01", NULL, 200);
	assert_string_equal(json_string_value(json_object_get(json_object_get(article(j,
			    "un-cc/11"), "assessment"), "recorded_by")), "kamau");
	json_decref(j);
	j = call(NULL, "GET", "/api/v1/coverage/assessments?country=KE", NULL, 200);
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(j,
						 "assessments"), 0), "recorded_by")));
	json_decref(j);
	/* a dispute: opened by the focal point, commented and decided by a curator */
	j = call(fp, "POST", "/api/v1/coverage/disputes",
		 "{\"country\":\"KE\",\"article\":\"coe-185/2\",\"text\":\"Section 1 is "
		 "narrower.\"}", 201);
	did = (long long)json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	j = call(NULL, "GET", "/api/v1/coverage?country=KE", NULL, 200);
	assert_true(json_is_true(json_object_get(article(j, "coe-185/2"), "disputed")));
	json_decref(j);
	json_decref(call(NULL, "GET", "/api/v1/coverage/disputes", NULL, 403));
	snprintf(path, sizeof(path), "/api/v1/coverage/disputes/%lld", did);
	json_decref(call(cur, "POST", path, "{\"text\":\"It is not.\"}", 200));
	snprintf(path, sizeof(path), "/api/v1/coverage/disputes/%lld/decision", did);
	json_decref(call(fp, "POST", path, "{\"state\":\"upheld\",\"note\":\"x\"}", 403));
	j = call(cur, "POST", path, "{\"state\":\"rejected\",\"note\":\"Full.\"}", 200);
	assert_string_equal(json_string_value(json_object_get(j, "state")), "rejected");
	assert_int_equal(json_array_size(json_object_get(j, "comments")), 2);
	json_decref(j);
	/* withdrawn by a curator */
	snprintf(path, sizeof(path), "/api/v1/coverage/assessments/%lld/withdraw", id);
	json_decref(call(fp_ug, "POST", path, "{}", 403));
	json_decref(call(cur, "POST", path, "{}", 200));
	json_decref(call(cur, "POST", path, "{}", 404));
	j = call(NULL, "GET", "/api/v1/coverage?country=KE&at=2021-01-01", NULL, 200);
	assert_string_equal(status_of(j, "un-cc/11"), "unknown");
	json_decref(j);
	assert_int_equal(cli((const char *const[]){ "audit", "verify", NULL }, NULL, 0), 0);
}

static void test_cli(void **state)
{
	char *out = NULL, *err = NULL;

	(void)state;
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "coverage", "KE",
			 "--at=2021-01-01", "--csv", NULL }, &out, &err), 0);
	assert_has(out, "country,instrument,article,title,category,status,derived");
	assert_has(out, "KE,coe-185,2,Illegal access,criminalization,covered,0,");
	assert_has(out, "KE,un-cc,7,Illegal access,criminalization,covered,1,");
	/* the command line reads as the operator: the AMBER law counts */
	assert_has(out, "KE,un-cc,8,Illegal interception,criminalization,covered,0,");
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "coverage", "KE",
			 "--at=2021-01-01", NULL }, &out, &err), 0);
	assert_has(out, "Kenya (KE) on 2021-01-01");
	assert_has(out, "score = ");
	assert_has(out, "procedural powers without any safeguard covered");
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "coverage",
			 "--article=un-cc/7", NULL }, &out, &err), 0);
	assert_has(out, "KE covered");
	assert_has(out, "(derived)");
	assert_has(out, "covered 1, partly 0");
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "coverage", "assess",
			 "KE", "un-cc/12", "--note=No forgery offence.", NULL }, &out, &err), 0);
	assert_has(out, "recorded");
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "coverage", "KE",
			 "--csv", NULL }, &out, &err), 0);
	assert_has(out, "KE,un-cc,12,Information and communications technology system-related forgery,"
			"criminalization,not_covered,0,,"
			"No forgery offence.");
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "coverage", "KE",
			 "--at=1899-01-01", NULL }, &out, &err), 1);
	assert_has(err, "at:");
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "coverage",
			 "--article=un-cc/x", NULL }, &out, &err), 1);
	assert_has(err, "article:");
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "coverage", NULL },
			 &out, &err), 2);
	free(out);
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setup_data),
		cmocka_unit_test(test_country),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_article_and_matrix),
		cmocka_unit_test(test_assessments_and_disputes),
		cmocka_unit_test(test_cli),
	};

	return harness_exit(cmocka_run_group_tests(tests, group_setup, group_teardown));
}
