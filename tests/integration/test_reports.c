/* Reports through the real binary (docs/reports.md): laws imported over several dates
 * (a bundle: Kenya's act in two versions, an AMBER act, Uganda's CLEAR act and a
 * GREEN one), a case; then a report's figures as JSON, its tables as CSV, the printable
 * page, the 400s naming their parameter, the public against a curator's GREEN report
 * (which says so), a report saved, read by level, its prose written, made again after
 * a new case and compared, the report to the Commission as Markdown, and the command
 * line (make, list, show --again). Prints the time of a country's report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "integration/harness.h"

#define KE_ACT "/akn/ke/act/2018/5"

static struct srv *S;
static char cur[256], rd[256], fke[256];	/* "Authorization: Bearer ...\r\n" */

static struct http_response *get(const char *path, const char *hdr, int status)
{
	struct http_response *r = http_get(S, path, hdr);

	assert_non_null(r);
	if (r->status != status)
		fail_msg("%s: %d, not %d: %.400s", path, r->status, status, r->body);
	return r;
}

static json_t *must(const char *auth, const char *method, const char *path,
		    const char *json, int status)
{
	char hdr[400];
	struct http_response *r;
	json_t *j;

	snprintf(hdr, sizeof(hdr), "%s%s", auth, json ? "Content-Type: application/json\r\n" : "");
	r = http_request(S, method, path, hdr, json, json ? strlen(json) : 0);
	assert_non_null(r);
	if (r->status != status)
		fail_msg("%s %s: %d, want %d: %.300s", method, path, r->status, status, r->body);
	j = json_loads(r->body ? r->body : "", 0, NULL);
	http_response_free(r);
	return j;
}

static json_t *law(const char *uri, const char *country, const char *title, const char *tlp,
		   const char *const *dates, size_t n, const char *article)
{
	json_t *xs = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(xs, json_pack(
			"{s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:s}]}",
			"language", "eng", "date", dates[i], "title", title, "provisions",
			"eid", "sec_1", "kind", "section", "num", "1", "heading", "Illegal access",
			"text", i ? "A person who accesses a computer system without right, or "
			"beyond the right given, commits an offence." : "A person who accesses a "
			"computer system without right commits an offence."));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}, s:o,"
			 " s:[{s:s, s:s, s:s, s:s}]}",
			 "type", "legislation", "country", country, "language", "en",
			 "title", title, "status", "published", "tlp", tlp,
			 "work", "uri", uri, "type", "act", "number", strrchr(uri, '/') + 1,
			 "date", dates[0], "expressions", xs,
			 "mappings", "eid", "sec_1", "article", article, "state", "accepted",
			 "extent", "full");
}

static void add_case(const char *title, const char *decided)
{
	char body[300], line[100];
	json_t *j;
	long long id;

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"country\":\"KE\",\"language\":\"en\","
		 "\"court\":\"High Court\",\"decided\":\"%s\"}", title, decided);
	j = must(cur, "POST", "/api/v1/cases", body, 201);
	id = (long long)json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(line, sizeof(line), "/api/v1/records/%lld/status", id);
	json_decref(must(cur, "POST", line, "{\"to\":\"submitted\"}", 200));
	json_decref(must(cur, "POST", line, "{\"to\":\"published\"}", 200));
}

static int setup(void **state)
{
	static const char *const ke[] = { "2018-05-30", "2020-01-01" };
	static const char *const amber[] = { "2019-07-01" };
	static const char *const ug[] = { "2021-02-01" };
	static const char *const ug_green[] = { "2021-06-01" };
	json_t *records, *bundle;
	char *text;

	(void)state;
	if (!(S = srv_start(NULL)) ||
	    harness_cli(S->dir, NULL, (const char *const[]){ "org", "add", "UNODC", "--kind",
			"unodc", NULL }, NULL, 0) ||
	    harness_cli(S->dir, NULL, (const char *const[]){ "org", "add", "KE Police",
			"--kind", "national_authority", "--country", "KE", NULL }, NULL, 0) ||
	    harness_account(S->dir, "cora", "curator", "UNODC", NULL, "t", cur, sizeof(cur)) ||
	    harness_account(S->dir, "rita", "reader", "UNODC", NULL, "t", rd, sizeof(rd)) ||
	    harness_account(S->dir, "kamau", "focal_point", "KE Police", "KE", "t", fke,
			    sizeof(fke)))
		return -1;
	records = json_array();
	json_array_append_new(records, law(KE_ACT, "KE", "Computer Misuse Act", "CLEAR", ke, 2,
					   "coe-185/2"));
	json_array_append_new(records, law("/akn/ke/act/2019/9", "KE", "Restricted Systems Act",
					   "AMBER", amber, 1, "un-cc/7"));
	json_array_append_new(records, law("/akn/ug/act/2021/3", "UG", "Uganda Computer Misuse "
					   "Act", "CLEAR", ug, 1, "un-cc/12"));
	json_array_append_new(records, law("/akn/ug/act/2021/8", "UG", "Uganda Data Act",
					   "GREEN", ug_green, 1, "coe-185/3"));
	bundle = json_pack("{s:s, s:i, s:o}", "format", "ccrepo-bundle", "version", 1,
			   "records", records);
	text = json_dumps(bundle, 0);
	json_decref(bundle);
	json_decref(must(cur, "POST", "/api/v1/works/import", text, 201));
	free(text);
	add_case("Republic v. Mwangi", "2022-03-04");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (S)
		assert_int_equal(srv_stop(S), 0);
	return 0;
}

/* The value of figure key in report j, or -1 when absent. */
static double fig(json_t *j, const char *key)
{
	size_t i, k;
	json_t *s, *f;

	json_array_foreach(json_object_get(j, "sections"), i, s)
		json_array_foreach(json_object_get(s, "figures"), k, f)
			if (!strcmp(json_string_value(json_object_get(f, "key")), key))
				return json_number_value(json_object_get(f, "value"));
	return -1;
}

static void test_figures(void **state)
{
	json_t *j;
	double t0;

	(void)state;
	t0 = harness_now_ms();
	j = must("", "GET", "/api/v1/report?from=2018-01-01&to=2021-12-31&country=KE", NULL, 200);
	print_message("a country's report: %.1f ms\n", harness_now_ms() - t0);
	assert_int_equal(fig(j, "laws.adopted"), 1);	/* the AMBER act is not public */
	assert_int_equal(fig(j, "laws.amended"), 1);
	assert_true(fig(j, "articles.covered") >= 1);
	assert_int_equal(fig(j, "cases.count"), 0);	/* the case is of 2022 */
	assert_string_equal(json_string_value(json_object_get(j, "level")), "public");
	assert_int_equal(json_array_size(json_object_get(j, "commission")), 9);
	/* coverage: more at the end than at the start */
	assert_true(fig(j, "coverage.covered.end") > fig(j, "coverage.covered.start"));
	json_decref(j);
	/* Africa (002), 2021-2022: Uganda's CLEAR act, the case */
	j = must("", "GET", "/api/v1/report?period=2021&region=002", NULL, 200);
	assert_int_equal(fig(j, "laws.adopted"), 1);
	json_decref(j);
	j = must("", "GET", "/api/v1/report?from=2021-01-01&to=2022-12-31&country=KE,UG", NULL,
		 200);
	assert_int_equal(fig(j, "laws.adopted"), 1);
	assert_int_equal(fig(j, "cases.count"), 1);
	json_decref(j);
}

static void test_csv_and_page(void **state)
{
	struct http_response *r;

	(void)state;
	r = get("/reports/view.csv?from=2018-01-01&to=2021-12-31&country=KE&table=laws", NULL,
		200);
	assert_has(http_header(r, "Content-Type"), "text/csv");
	assert_has(r->body, "date,country,kind,title,path,articles\r\n");
	assert_has(r->body, "2020-01-01,KE,Law amended,Computer Misuse Act," KE_ACT "/eng@2020-01-01");
	assert_has(r->body, "2018-05-30,KE,Law adopted,");
	http_response_free(r);
	r = get("/reports/view?from=2018-01-01&to=2021-12-31&country=KE", NULL, 200);
	assert_has(r->body, "<section class=\"report-section\" id=\"sec-legislation\"");
	assert_has(r->body, "role=\"img\" aria-labelledby=\"ch-cov-t\"");
	assert_has(r->body, "Public data only: records marked CLEAR and published figures.");
	assert_has(r->body, "id=\"para-13\"");
	assert_has(r->body, "/reports/view.csv?from=2018-01-01&amp;to=2021-12-31&amp;country=KE"
		   "&amp;table=laws");
	http_response_free(r);
	/* Arabic: right to left, translated */
	r = get("/reports/view?period=2021&lang=ar", NULL, 200);
	assert_has(r->body, "dir=\"rtl\"");
	assert_has(r->body, "التطورات التشريعية");
	http_response_free(r);
	/* the form */
	r = get("/reports/new", NULL, 200);
	assert_has(r->body, "action=\"/reports/view\"");
	http_response_free(r);
}

static void test_bad_input(void **state)
{
	static const struct {
		const char *query, *detail;
		int status;
	} bad[] = {
		{ "from=1990-01-01&to=2025-12-31", "period: 1990-01-01 to 2025-12-31 is longer "
		  "than 30 years", 400 },
		{ "from=2025-01-01&to=2024-01-01", "to: 2024-01-01 is before from 2025-01-01", 400 },
		{ "period=2025&country=XX", "country: no country 'XX'", 400 },
		{ "period=2025&country=KE,QQ", "country: no country 'QQ'", 400 },
		{ "period=2025&region=999", "region: no region '999'", 400 },
		{ "period=2025&region=002&country=KE", "region: a region and countries: give one",
		  400 },
		{ "period=2025&level=green", "level: GREEN data in a report is for curators", 403 },
		{ "", "from: missing (a date or a period)", 400 },
	};
	char path[200];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *j;
		struct http_response *r;

		snprintf(path, sizeof(path), "/api/v1/report?%s", bad[i].query);
		j = must("", "GET", path, NULL, bad[i].status);
		assert_string_equal(json_string_value(json_object_get(j, "detail")), bad[i].detail);
		json_decref(j);
		snprintf(path, sizeof(path), "/reports/view?%s", bad[i].query);
		r = get(path, NULL, bad[i].status);
		assert_has(http_header(r, "Content-Type"), "text/html");
		http_response_free(r);
	}
	/* a reader may not ask for GREEN data either; a curator may */
	json_decref(must(rd, "GET", "/api/v1/report?period=2021&level=green", NULL, 403));
}

/* The public reads CLEAR laws; a curator's GREEN report also Uganda's GREEN act, never
 * the AMBER one, and says so on the page and in the JSON. */
static void test_public_curator(void **state)
{
	json_t *pub, *green;
	struct http_response *r;
	char hdr[300];

	(void)state;
	pub = must("", "GET", "/api/v1/report?period=2021&country=UG", NULL, 200);
	green = must(cur, "GET", "/api/v1/report?period=2021&country=UG&level=green", NULL, 200);
	assert_int_equal(fig(pub, "laws.adopted"), 1);
	assert_int_equal(fig(green, "laws.adopted"), 2);
	assert_has(json_string_value(json_object_get(green, "note")), "Includes GREEN data");
	/* a curator's public report is the public's */
	json_decref(green);
	green = must(cur, "GET", "/api/v1/report?period=2021&country=UG", NULL, 200);
	assert_int_equal(fig(green, "laws.adopted"), 1);
	json_decref(green);
	json_decref(pub);
	green = must(cur, "GET", "/api/v1/report?period=2019&country=KE&level=green", NULL, 200);
	assert_int_equal(fig(green, "laws.adopted"), 0);	/* AMBER: never */
	json_decref(green);
	snprintf(hdr, sizeof(hdr), "%s", cur);
	r = get("/reports/view?period=2021&country=UG&level=green", hdr, 200);
	assert_has(r->body, "<p class=\"note level\" role=\"note\">Includes GREEN data");
	assert_has(r->body, "<p class=\"level-foot\" aria-hidden=\"true\">Includes GREEN data");
	assert_has(r->body, "Uganda Data Act");
	http_response_free(r);
	/* its tables as CSV say so on their first line */
	r = get("/reports/view.csv?period=2021&country=UG&level=green&table=laws", hdr, 200);
	assert_true(!strncmp(r->body, "# Includes GREEN data", 21));
	assert_has(r->body, "Uganda Data Act");
	http_response_free(r);
}

/* A saved report: by a reader; read by level; its prose; made again after a new case. */
static void test_saved_again(void **state)
{
	json_t *j, *ch;
	long long id, gid;
	char path[200];
	struct http_response *r;

	(void)state;
	json_decref(must("", "POST", "/api/v1/reports", "{\"period\":\"2023\",\"country\":"
			 "\"KE\"}", 403));
	j = must(rd, "POST", "/api/v1/reports", "{\"period\":\"2023\",\"country\":\"KE\","
		 "\"title\":\"Kenya 2023\"}", 201);
	id = (long long)json_integer_value(json_object_get(j, "id"));
	assert_true(id > 0);
	assert_int_equal(fig(j, "cases.count"), 0);
	json_decref(j);
	j = must(cur, "POST", "/api/v1/reports", "{\"period\":\"2023\",\"level\":\"green\"}",
		 201);
	gid = (long long)json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/reports/%lld", gid);
	json_decref(must("", "GET", path, NULL, 404));
	json_decref(must(rd, "GET", path, NULL, 200));
	j = must("", "GET", "/api/v1/reports", NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), 1);
	json_decref(j);
	/* the prose: its maker, not someone else */
	snprintf(path, sizeof(path), "/api/v1/reports/%lld/prose/6", id);
	json_decref(must(rd, "PUT", path, "{\"prose\":\"Police officers were trained.\"}", 204));
	json_decref(must(fke, "PUT", path, "{\"prose\":\"No.\"}", 403));
	snprintf(path, sizeof(path), "/api/v1/reports/%lld/prose/14", id);
	json_decref(must(rd, "PUT", path, "{\"prose\":\"x\"}", 400));
	snprintf(path, sizeof(path), "/api/v1/reports/%lld", id);
	j = must("", "GET", path, NULL, 200);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
		json_object_get(j, "commission"), 1), "prose")), "Police officers were trained.");
	assert_string_equal(json_string_value(json_object_get(j, "title")), "Kenya 2023");
	json_decref(j);
	/* the list (the public's: not the GREEN one), the page, a table, the Markdown */
	r = get("/reports", NULL, 200);
	assert_has(r->body, "Kenya 2023</a></td>");
	assert_has(r->body, "<td>Kenya</td>");
	assert_null(strstr(r->body, "Public and GREEN data</td>"));
	http_response_free(r);
	snprintf(path, sizeof(path), "/reports/%lld", id);
	r = get(path, NULL, 200);
	assert_has(r->body, "Police officers were trained.");
	assert_has(r->body, "Kenya 2023");
	http_response_free(r);
	snprintf(path, sizeof(path), "/reports/%lld/coverage.csv", id);
	r = get(path, NULL, 200);
	assert_has(r->body, "category,countries,covered_start,covered_end");
	http_response_free(r);
	snprintf(path, sizeof(path), "/reports/%lld/nosuch.csv", id);
	http_response_free(get(path, NULL, 404));
	snprintf(path, sizeof(path), "/reports/%lld/commission.md", id);
	r = get(path, NULL, 200);
	assert_has(r->body, "## Paragraph 6");
	assert_has(r->body, "Police officers were trained.");
	http_response_free(r);
	/* a new case of 2023: made again, cases.count changed */
	add_case("Republic v. Otieno", "2023-05-06");
	snprintf(path, sizeof(path), "/api/v1/reports/%lld/again", id);
	j = must("", "GET", path, NULL, 200);
	ch = json_object_get(j, "changes");
	assert_int_equal(json_array_size(ch), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(ch, 0), "key")),
			    "cases.count");
	assert_int_equal(json_number_value(json_object_get(json_array_get(ch, 0), "before")), 0);
	assert_int_equal(json_number_value(json_object_get(json_array_get(ch, 0), "after")), 1);
	json_decref(j);
	snprintf(path, sizeof(path), "/reports/%lld/again", id);
	r = get(path, NULL, 200);
	assert_has(r->body, "<tr data-key=\"cases.count\">");
	http_response_free(r);
}

static void test_cli(void **state)
{
	char *out = NULL, *err = NULL;

	(void)state;
	assert_int_equal(harness_cli_keep(S->dir, NULL, (const char *const[]){ "report", "make",
			 "--from=2018-01-01", "--to=2021-12-31", "--scope=KE", "--format=csv",
			 "--table=laws", "--dry-run", NULL }, &out, &err), 0);
	assert_has(out, "date,country,kind,title,path,articles\r\n2020-01-01,KE,Law amended,");
	assert_int_equal(harness_cli_keep(S->dir, NULL, (const char *const[]){ "report", "make",
			 "--period=2021", "--scope=002", "--level=green", "--format=html", NULL },
			 &out, &err), 0);
	assert_has(out, "<!DOCTYPE html>");
	assert_has(out, "Includes GREEN data");
	assert_has(err, "saved");
	assert_int_equal(harness_cli_keep(S->dir, NULL, (const char *const[]){ "report", "make",
			 "--from=1980-01-01", "--to=2025-01-01", NULL }, &out, &err), 1);
	assert_has(err, "period: 1980-01-01 to 2025-01-01 is longer than 30 years");
	assert_int_equal(harness_cli_keep(S->dir, NULL, (const char *const[]){ "report", "list",
			 NULL }, &out, &err), 0);
	assert_has(out, "region:002\tgreen");
	assert_int_equal(harness_cli_keep(S->dir, NULL, (const char *const[]){ "report", "show",
			 "1", "--again", NULL }, &out, &err), 0);
	assert_has(out, "# report 1 made");
	free(out);
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_csv_and_page),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_public_curator),
		cmocka_unit_test(test_saved_again),
		cmocka_unit_test(test_cli),
	};

	return harness_exit(cmocka_run_group_tests(tests, setup, teardown));
}
