/* Search through the real binary: the harness's operator posts a bundle to
 * /api/v1/works/import, then the public uses GET /api/v1/search (JSON, problem+json for
 * bad queries) and the /search page (marks, facet links, the query escaped, errors with
 * the form); and the command line (`ccrepo import`, `ccrepo search`, `ccrepo reindex`)
 * on a database of its own. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "integration/harness.h"

#define S srv_one

static const char bundle[] =
	"{\"format\": \"ccrepo-bundle\", \"version\": 1, \"records\": ["
	"{\"type\": \"legislation\", \"country\": \"KE\", \"language\": \"en\", "
	" \"title\": \"Computer Misuse and Cybercrimes Act, 2018\", \"status\": \"published\", "
	" \"work\": {\"uri\": \"/akn/ke/act/2018/5\", \"type\": \"act\", \"number\": \"5\", "
	"  \"date\": \"2018-05-16\"}, "
	" \"expressions\": [{\"language\": \"eng\", \"date\": \"2018-05-30\", "
	"  \"status\": \"in_force\", \"title\": \"Computer Misuse and Cybercrimes Act, 2018\", "
	"  \"provisions\": [{\"eid\": \"part_3\", \"kind\": \"part\", \"num\": \"Part III\", "
	"   \"heading\": \"Offences\", \"children\": ["
	"   {\"eid\": \"sec_14\", \"kind\": \"section\", \"num\": \"14\", "
	"    \"heading\": \"Unauthorised access to a computer system\", \"text\": \"A person "
	"who causes a computer system to perform a function, knowing that the access is "
	"unauthorised, commits an offence.\"},"
	"   {\"eid\": \"sec_17\", \"kind\": \"section\", \"num\": \"17\", "
	"    \"heading\": \"Interception\", \"text\": \"A person who intercepts any "
	"transmission commits an offence.\"},"
	"   {\"eid\": \"sec_18\", \"kind\": \"section\", \"num\": \"18\", "
	"    \"heading\": \"Penalties\", \"children\": ["
	"    {\"eid\": \"sec_18__subsec_2\", \"kind\": \"subsection\", \"num\": \"(2)\", "
	"     \"text\": \"A person convicted is liable to imprisonment for a term not "
	"exceeding three years.\"}]}]}]}]},"
	"{\"type\": \"legislation\", \"country\": \"NG\", \"language\": \"en\", "
	" \"title\": \"Cybercrimes Act, 2015\", \"status\": \"published\", "
	" \"work\": {\"uri\": \"/akn/ng/act/2015/17\", \"type\": \"act\", \"number\": \"17\", "
	"  \"date\": \"2015-05-15\"}, "
	" \"expressions\": [{\"language\": \"eng\", \"date\": \"2015-05-15\", "
	"  \"status\": \"in_force\", \"title\": \"Cybercrimes Act, 2015\", \"provisions\": ["
	"   {\"eid\": \"sec_6\", \"kind\": \"section\", \"num\": \"6\", \"heading\": \"Unlawful "
	"access\", \"text\": \"Any person who without authorisation accesses a computer "
	"commits the offence of unauthorised access.\"}]}]},"
	"{\"type\": \"case\", \"country\": \"KE\", \"language\": \"en\", \"title\": "
	" \"Republic v Mwangi\", \"status\": \"published\", \"court\": \"High Court of Kenya\", "
	" \"decided\": \"2019-03-01\", \"citation\": \"[2019] eKLR 123\", "
	" \"summary\": \"Unauthorised access to a bank's computer by card skimming.\"},"
	"{\"type\": \"lesson\", \"country\": \"KE\", \"language\": \"en\", "
	" \"title\": \"Seizing phones lawfully\", \"status\": \"published\", "
	" \"topic\": \"Evidence\", \"body\": \"## What happened\\n\\nThe police seized a "
	"**handset** without a warrant; see [the act](https://example.org/act).\\n\\n"
	"## What we learned\\n\\nGet a warrant for the *handset* first.\"}"
	"]}";

static json_t *json_body(struct http_response *r, int status, const char *type)
{
	json_t *j;
	json_error_t je;

	assert_status(r, status);
	assert_header_has(r, "Content-Type", type);
	if (!(j = json_loads(r->body, 0, &je)))
		fail_msg("not JSON (%s): %.300s", je.text, r->body);
	http_response_free(r);
	return j;
}

static void test_import(void **state)
{
	struct http_response *r;
	json_t *j;

	(void)state;
	r = http_request(S, "POST", "/api/v1/works/import", "Content-Type: application/json\r\n",
			 bundle, sizeof(bundle) - 1);
	json_decref(json_body(r, 403, "application/problem+json"));	/* not the public */
	r = http_op_request(S, "POST", "/api/v1/works/import",
			    "Content-Type: application/json\r\n", bundle, sizeof(bundle) - 1);
	j = json_body(r, 201, "application/json");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "imported"),
							    "legislation")), 2);
	json_decref(j);
}

static void test_api(void **state)
{
	json_t *j, *hits, *fc;
	const char *detail;
	size_t i, ke = 0;

	(void)state;
	j = json_body(http_get(S, "/api/v1/search?q=unauthorised+access", NULL), 200,
		      "application/json");
	assert_string_equal(json_string_value(json_object_get(j, "query")), "unauthorised access");
	assert_string_equal(json_string_value(json_object_get(j, "understood")),
			    "unauthorised access");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
	hits = json_object_get(j, "hits");
	assert_int_equal(json_array_size(hits), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(hits, 0), "eid")),
			    "sec_14");
	for (i = 0; i < json_array_size(hits); i++) {
		const char *snip = json_string_value(json_object_get(json_array_get(hits, i),
								     "snippet"));

		assert_non_null(snip);
		assert_non_null(strchr(snip, '\x02'));
		assert_non_null(strchr(snip, '\x03'));
	}
	fc = json_object_get(json_object_get(j, "facets"), "country");
	assert_true(json_is_array(fc));
	for (i = 0; i < json_array_size(fc); i++) {
		json_t *v = json_array_get(fc, i);

		if (!strcmp(json_string_value(json_object_get(v, "value")), "KE"))
			ke = (size_t)json_integer_value(json_object_get(v, "count"));
	}
	assert_int_equal(ke, 2);
	assert_true(json_is_array(json_object_get(json_object_get(j, "facets"), "type")));
	json_decref(j);

	/* filters and limit */
	j = json_body(http_get(S, "/api/v1/search?q=access+country%3ANG&limit=1", NULL), 200,
		      "application/json");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
				    json_object_get(j, "hits"), 0), "country")), "NG");
	json_decref(j);

	/* a malformed query */
	j = json_body(http_get(S, "/api/v1/search?q=contry%3AKE+x", NULL), 400,
		      "application/problem+json");
	detail = json_string_value(json_object_get(j, "detail"));
	assert_non_null(detail);
	assert_has(detail, "contry");
	json_decref(j);
	j = json_body(http_get(S, "/api/v1/search?q=%22unclosed", NULL), 400,
		      "application/problem+json");
	assert_has(json_string_value(json_object_get(j, "detail")), "unclosed");
	json_decref(j);
	/* filters alone list what they let through */
	j = json_body(http_get(S, "/api/v1/search?q=country%3ANG", NULL), 200, "application/json");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	/* no query */
	json_decref(json_body(http_get(S, "/api/v1/search", NULL), 400, "application/problem+json"));
	json_decref(json_body(http_get(S, "/api/v1/search?q=", NULL), 400,
			      "application/problem+json"));
	json_decref(json_body(http_get(S, "/api/v1/search?q=x&limit=1000", NULL), 400,
			      "application/problem+json"));
}

static void test_page(void **state)
{
	struct http_response *r;

	(void)state;
	r = http_get(S, "/search?q=unauthorised+access", NULL);
	assert_status(r, 200);
	assert_header_has(r, "Content-Type", "text/html");
	assert_has(r->body, "<mark>");
	assert_has(r->body, "</mark>");
	assert_has(r->body, "/akn/ke/act/2018/5/~sec_14");
	assert_has(r->body, "/search?q=");	/* facet links */
	assert_has(r->body, ">Kenya</a>");	/* named, not KE */
	assert_has(r->body, "value=\"unauthorised access\"");
	assert_before(r->body, "<form", "<mark>");
	assert_lacks(r->body, "~sec_14\" lang=");	/* English on an English page */
	http_response_free(r);
	/* on an Arabic page the law's English words are marked as such, the labels not */
	r = http_get(S, "/search?q=unauthorised+access&lang=ar", NULL);
	assert_status(r, 200);
	assert_has(r->body, "/akn/ke/act/2018/5/~sec_14?lang=ar\" lang=\"en\" dir=\"ltr\">");
	assert_has(r->body, "<span lang=\"en\" dir=\"ltr\">");
	http_response_free(r);

	/* the query is escaped where it is shown */
	r = http_get(S, "/search?q=%3Cscript%3Ealert%281%29%3C%2Fscript%3E", NULL);
	assert_status(r, 200);
	assert_lacks(r->body, "<script>alert");
	assert_has(r->body, "&lt;script&gt;alert");
	http_response_free(r);
	r = http_get(S, "/search?q=%22%3Cscript%3E", NULL);	/* "<script> unclosed */
	assert_status(r, 400);
	assert_lacks(r->body, "<script>");
	http_response_free(r);

	/* a malformed query: 400, the message and the form again */
	r = http_get(S, "/search?q=contry%3AKE+x", NULL);
	assert_status(r, 400);
	assert_header_has(r, "Content-Type", "text/html");
	assert_has(r->body, "contry");
	assert_has(r->body, "role=\"alert\"");
	assert_has(r->body, "<form");
	assert_has(r->body, "name=\"q\"");
	http_response_free(r);
	/* ... in the page's language, the query's words as typed */
	r = http_get(S, "/search?q=contry%3AKE+x&lang=fr", NULL);
	assert_status(r, 400);
	assert_has(r->body, "filtre inconnu « contry: » (filtres : country, region, type");
	http_response_free(r);
	r = http_get(S, "/search?q=%22illegal+acc&lang=ar", NULL);
	assert_status(r, 400);
	assert_has(r->body, "علامة اقتباس غير مغلقة بعد &quot;illegal acc");
	http_response_free(r);

	/* the empty page */
	r = http_get(S, "/search", NULL);
	assert_status(r, 200);
	assert_has(r->body, "<form");
	http_response_free(r);
}

/* The list of hits of page r (from <ol class="hits" to </ol>), in a new string. */
static char *hits_of(const struct http_response *r)
{
	const char *a = strstr(r->body, "<ol class=\"hits\""), *b = a ? strstr(a, "</ol>") : NULL;

	if (!a || !b)
		fail_msg("no list of hits in: %.2000s", r->body);
	return strndup(a, (size_t)(b - a));
}

/* Results read as their records: a provision by its law, number and heading (a
 * subsection by its section's too) with its place under it; a case by name and
 * citation; a lesson by title, its snippet plain text. */
static void test_titles(void **state)
{
	struct http_response *r;
	char *h;

	(void)state;
	r = http_get(S, "/search?q=unauthorised+access", NULL);
	assert_status(r, 200);
	h = hits_of(r);
	assert_has(h, ">Computer Misuse and Cybercrimes Act, 2018 — 14 Unauthorised access to a "
		   "computer system</a>");
	assert_has(h, "<span class=\"muted hit-path\">Part III Offences</span>");
	assert_has(h, ">Republic v Mwangi, [2019] eKLR 123</a>");
	assert_lacks(h, ">High Court of Kenya");	/* the court line is no title */
	free(h);
	http_response_free(r);

	/* a subsection without a heading: its section's number and heading too */
	r = http_get(S, "/search?q=imprisonment", NULL);
	assert_status(r, 200);
	h = hits_of(r);
	assert_has(h, ">Computer Misuse and Cybercrimes Act, 2018 — 18 Penalties › (2)</a>");
	assert_has(h, "<span class=\"muted hit-path\">Part III Offences</span>");
	assert_lacks(h, ">(2)</a>");
	free(h);
	http_response_free(r);

	/* a lesson: its title, its Markdown as plain text with the match marked */
	r = http_get(S, "/search?q=handset", NULL);
	assert_status(r, 200);
	h = hits_of(r);
	assert_has(h, ">Seizing phones lawfully</a>");
	assert_has(h, "<mark>handset</mark>");
	assert_has(h, "What happened: The police seized a <mark>handset</mark>");
	assert_has(h, "see the act");
	assert_lacks(h, "##");
	assert_lacks(h, "**");
	assert_lacks(h, "](");
	assert_lacks(h, "example.org");
	free(h);
	http_response_free(r);

	/* the API carries the same parts */
	r = http_get(S, "/api/v1/search?q=imprisonment", NULL);
	assert_status(r, 200);
	assert_has(r->body, "\"section\":\"18 Penalties\"");
	assert_has(r->body, "\"section_path\":\"Part III Offences\"");
	http_response_free(r);
	r = http_get(S, "/api/v1/search?q=handset", NULL);
	assert_status(r, 200);
	assert_lacks(r->body, "##");
	assert_lacks(r->body, "**");
	http_response_free(r);
}

/* Facets by name in the page's language, counting what the count line counts; the
 * count line reads right for one and for many. */
static void test_facets_counts(void **state)
{
	struct http_response *r;

	(void)state;
	r = http_get(S, "/search?q=unauthorised+access", NULL);
	assert_status(r, 200);
	assert_has(r->body, ">Kenya</a> <span class=\"muted\">(2)</span>");
	assert_has(r->body, ">Nigeria</a> <span class=\"muted\">(1)</span>");
	assert_has(r->body, ">Eastern Africa</a> <span class=\"muted\">(2)</span>");
	assert_lacks(r->body, ">KE</a>");
	assert_has(r->body, ">Legislation</a> <span class=\"muted\">(2)</span>");
	assert_has(r->body, ">Case law</a> <span class=\"muted\">(1)</span>");
	assert_has(r->body, ">English</a>");
	assert_has(r->body, "Matches: 3");
	assert_lacks(r->body, "3 matches");
	http_response_free(r);

	r = http_get(S, "/search?q=unauthorised+access&lang=fr", NULL);
	assert_status(r, 200);
	assert_has(r->body, ">Kenya</a> <span class=\"muted\">(2)</span>");
	assert_has(r->body, ">Afrique orientale</a> <span class=\"muted\">(2)</span>");
	assert_has(r->body, ">Législation</a>");
	assert_has(r->body, ">Jurisprudence</a>");
	assert_has(r->body, ">anglais</a>");
	assert_has(r->body, "Résultats : 3");
	http_response_free(r);

	r = http_get(S, "/search?q=interc*", NULL);
	assert_status(r, 200);
	assert_has(r->body, "Matches: 1");
	assert_lacks(r->body, "1 matches");
	http_response_free(r);

	/* some of the words: the count, the pages and the facets are those listed */
	r = http_get(S, "/search?q=unauthorised+zebra", NULL);
	assert_status(r, 200);
	assert_has(r->body, "Matches: 3");
	assert_has(r->body, "With all the words: 0");
	assert_has(r->body, ">Kenya</a> <span class=\"muted\">(2)</span>");
	http_response_free(r);

	/* more than a page: where the page is among them */
	r = http_get(S, "/search?q=unauthorised+access&page=2", NULL);
	assert_status(r, 200);
	assert_has(r->body, "Matches: 3");
	http_response_free(r);
}

/* The form's fields write the query the language reads: the same results. */
static void test_fields(void **state)
{
	struct http_response *a, *b;
	char *ha, *hb;

	(void)state;
	a = http_get(S, "/search?q=&country=KE&type=legislation", NULL);
	b = http_get(S, "/search?q=country%3AKE+type%3Alegislation", NULL);
	assert_status(a, 200);
	assert_status(b, 200);
	ha = hits_of(a);
	hb = hits_of(b);
	assert_string_equal(ha, hb);
	assert_has(ha, "/akn/ke/act/2018/5/~sec_14");
	assert_lacks(ha, "/cases/");
	assert_lacks(ha, "/akn/ng/");
	/* the fields keep their values, inside a labelled fieldset; links carry the query */
	assert_has(a->body, "<fieldset>");
	assert_has(a->body, "<legend>");
	assert_has(a->body, "<label for=\"f-country\">");
	assert_has(a->body, "<option value=\"KE\" selected>");
	assert_has(a->body, "<option value=\"legislation\" selected>");
	assert_has(a->body, "/search?q=country%3AKE%20type%3Alegislation%20");	/* facets */
	free(ha), free(hb);
	http_response_free(a);
	http_response_free(b);

	/* words and years too */
	a = http_get(S, "/search?q=access&from=2015&to=2016", NULL);
	b = http_get(S, "/search?q=access+year%3A2015..2016", NULL);
	ha = hits_of(a);
	hb = hits_of(b);
	assert_string_equal(ha, hb);
	assert_has(ha, "/akn/ng/act/2015/17/~sec_6");
	assert_lacks(ha, "/akn/ke/");
	free(ha), free(hb);
	http_response_free(a);
	http_response_free(b);

	/* a bad field is the query's error, with the form again */
	a = http_get(S, "/search?q=x&from=abc", NULL);
	assert_status(a, 400);
	assert_has(a->body, "role=\"alert\"");
	assert_has(a->body, "<fieldset>");
	http_response_free(a);
}

static void test_cli(void **state)
{
	char *dir = harness_tmpdir(), path[512], db[512], *out = NULL, *err = NULL;
	int rc;

	(void)state;
	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/bundle.json", dir);
	snprintf(db, sizeof(db), "%s/cli.db", dir);
	assert_int_equal(harness_write_file(path, bundle, sizeof(bundle) - 1), 0);

	rc = harness_run((const char *const[]){ "import", "--db", db, path, NULL }, NULL, dir,
			 &out, &err);
	if (rc)
		fail_msg("import: %d: %s", rc, err);
	free(out), free(err);

	rc = harness_run((const char *const[]){ "search", "--db", db, "unauthorised access", NULL },
			 NULL, dir, &out, &err);
	if (rc)
		fail_msg("search: %d: %s", rc, err);
	assert_has(out, "3 matches");
	assert_has(out, "[access]");
	assert_has(out, "[unauthorised]");
	assert_has(out, "/akn/ke/act/2018/5/~sec_14");
	free(out), free(err);

	rc = harness_run((const char *const[]){ "search", "--db", db, "contry:KE", "x", NULL },
			 NULL, dir, &out, &err);
	assert_int_equal(rc, 1);
	assert_has(err, "contry");
	free(out), free(err);

	rc = harness_run((const char *const[]){ "search", "--db", db, NULL }, NULL, dir, &out,
			 &err);
	assert_int_equal(rc, 2);
	assert_has(err, "usage");
	free(out), free(err);

	rc = harness_run((const char *const[]){ "reindex", "--db", db, NULL }, NULL, dir, &out,
			 &err);
	if (rc)
		fail_msg("reindex: %d: %s", rc, err);
	assert_has(out, "search index rebuilt");
	free(out), free(err);

	rc = harness_run((const char *const[]){ "search", "--db", db, "interc*", NULL }, NULL,
			 dir, &out, &err);
	assert_int_equal(rc, 0);
	assert_has(out, "1 match for");
	free(out), free(err);

	harness_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_facets_counts),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_cli),
		cmocka_unit_test(srv_one_test_stop),
	};

	return harness_exit(cmocka_run_group_tests(tests, srv_one_setup, srv_one_teardown));
}
