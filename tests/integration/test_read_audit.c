/* Reads of restricted records are audited in the domain, whatever the route: for each
 * record kind (law, case, lesson), a restricted record read through its page, the API
 * for one record, the API's list, the export (JSON and CSV), the API's revisions
 * (their snapshots are the record's content) and a search that finds it (API and page:
 * its snippet is its content) writes one
 * read.restricted entry for that reader and record; a second read the same day writes
 * none; a TLP:CLEAR record read everywhere writes none. Each route has its own reader
 * (a curator) so that the daily entry of one route does not hide another's. */
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

static char *D;
static struct srv *S;

/* the routes, each read by its own curator; SETUP makes the records */
enum route { PAGE, ONE, LIST, EXPORT_JSON, EXPORT_CSV, REVISIONS, SEARCH, SEARCH_PAGE, SETUP,
	     NROUTE };
static const char *const names[NROUTE] = { "page", "one", "list", "xjson", "xcsv", "revs",
					    "find", "findpage", "setup" };
static char auth[NROUTE][220];

enum kind { LAW, CASE, LESSON, NKIND };
static struct rec {
	const char *tlp;
	const char *page, *api, *list;	/* formats with %lld */
	long long id, clear_id;		/* the restricted one; a TLP:CLEAR one */
} recs[NKIND] = {
	[LAW] = { "AMBER+STRICT", "/works/%lld", "/api/v1/works/%lld", "/api/v1/works", 0, 0 },
	[CASE] = { "AMBER", "/cases/%lld", "/api/v1/cases/%lld", "/api/v1/cases", 0, 0 },
	[LESSON] = { "RED", "/lessons/%lld", "/api/v1/lessons/%lld", "/api/v1/lessons", 0, 0 },
};

static int cli(const char *input, const char *const *args, char *out, size_t size)
{
	return harness_cli(D, input, args, out, size);
}

static struct http_response *get(enum route who, const char *path)
{
	struct http_response *r = http_request(S, "GET", path, auth[who], NULL, 0);

	if (!r)
		fail_msg("GET %s as %s: no connection", path, names[who]);
	return r;
}

/* GET path as who (following one redirect, as from /works/ID to the law's page): 200. */
static void get_ok(enum route who, const char *path)
{
	struct http_response *r = get(who, path);
	char to[300];

	if (r->status == 303 && http_header(r, "Location")) {
		snprintf(to, sizeof(to), "%s", http_header(r, "Location"));
		http_response_free(r);
		r = get(who, to);
	}

	if (r->status != 200)
		fail_msg("GET %s as %s: %d", path, names[who], r->status);
	http_response_free(r);
}

static json_t *send(enum route who, const char *method, const char *path, const char *body,
		    int status)
{
	char hdr[300];
	struct http_response *r;
	json_t *j;

	snprintf(hdr, sizeof(hdr), "%sContent-Type: application/json\r\n", auth[who]);
	r = http_request(S, method, path, hdr, body, strlen(body));
	if (!r || r->status != status)
		fail_msg("%s %s: %d, want %d: %.300s", method, path, r ? r->status : -1, status,
			 r && r->body ? r->body : "");
	j = json_loads(r->body ? r->body : "", 0, NULL);
	http_response_free(r);
	return j;
}

/* A case or lesson made and published by the setup curator; its id. */
static long long made(const char *collection, const char *json)
{
	char path[80];
	json_t *j = send(SETUP, "POST", collection, json, 201);
	long long id = (long long)json_integer_value(json_object_get(j, "id"));

	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/records/%lld/status", id);
	json_decref(send(SETUP, "POST", path, "{\"to\":\"submitted\"}", 200));
	json_decref(send(SETUP, "POST", path, "{\"to\":\"published\"}", 200));
	return id;
}

/* A published law of Kenya imported at the command line; its id. */
static long long law(const char *uri, const char *tlp)
{
	char file[400], path[120];
	const char *text = "Section 1. Unauthorised access\n\nA person who accesses a "
			   "computer system without authority commits an offence.\n";
	json_t *j;
	long long id;

	snprintf(file, sizeof(file), "%s/law.txt", D);
	if (harness_write_file(file, text, strlen(text)) ||
	    cli("", (const char *const[]){ "import", "--uri", uri, "--title", "Restricted Act",
		"--country", "KE", "--date", "2020-01-01", "--language", "eng", "--status",
		"published", "--tlp", tlp, "--no-suggest", file, NULL }, NULL, 0))
		fail_msg("import %s", uri);
	snprintf(path, sizeof(path), "/api/v1/akn%s", uri + 4);
	j = send(SETUP, "GET", path, "", 200);
	id = (long long)json_integer_value(json_object_get(json_object_get(j, "work"), "id"));
	if (!id)
		id = (long long)json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

static int group_setup(void **state)
{
	struct srv_options o = { 0 };

	(void)state;
	if (!(D = harness_tmpdir()) || cli("", (const char *const[]){ "migrate", NULL }, NULL, 0) ||
	    cli("", (const char *const[]){ "org", "add", "UNODC", "--kind", "unodc", NULL },
		NULL, 0))
		return -1;
	for (int w = 0; w < NROUTE; w++) {
		if (harness_account(D, names[w], "curator", "UNODC", NULL, "t", auth[w],
				    sizeof(auth[w])))
			return -1;
	}
	o.dir = D;
	return (S = srv_start_with(&o)) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	harness_done(S, D);
	return 0;
}

/* The read.restricted entries of record id by who. */
static int entries(enum route who, long long id)
{
	char target[40], db[400], *out = NULL, *err = NULL;
	const char *args[] = { "audit", "list", "--action", "read.restricted", "--target", target,
			       "--actor", names[who], "--limit", "1000", "--db", db, NULL };
	int n = 0;

	snprintf(target, sizeof(target), "record/%lld", id);
	snprintf(db, sizeof(db), "%s/ccrepo.db", D);
	assert_int_equal(harness_run(args, NULL, D, &out, &err), 0);
	for (const char *p = out; p && (p = strchr(p, '\n')); p++)
		n++;
	free(out);
	free(err);
	return n;
}

/* Every route for every kind, twice: one entry per reader, record and day. */
static void test_every_kind_every_route(void **state)
{
	char path[160];
	json_t *j;

	(void)state;
	recs[LAW].id = law("/akn/ke/act/2020/1", recs[LAW].tlp);
	recs[LAW].clear_id = law("/akn/ke/act/2020/2", "CLEAR");
	recs[CASE].id = made("/api/v1/cases", "{\"title\":\"Restricted v State\",\"country\":"
			     "\"KE\",\"language\":\"en\",\"court\":\"High Court\",\"tlp\":\"AMBER\"}");
	recs[CASE].clear_id = made("/api/v1/cases", "{\"title\":\"Open v State\",\"country\":"
				   "\"KE\",\"language\":\"en\",\"court\":\"High Court\"}");
	recs[LESSON].id = made("/api/v1/lessons", "{\"title\":\"Red lesson\",\"country\":\"KE\","
			       "\"language\":\"en\",\"body\":\"Kept close.\",\"tlp\":\"RED\"}");
	recs[LESSON].clear_id = made("/api/v1/lessons", "{\"title\":\"Open lesson\",\"country\":"
				     "\"KE\",\"language\":\"en\",\"body\":\"For all.\"}");
	/* a RED record is read by its named readers only */
	snprintf(path, sizeof(path), "/api/v1/records/%lld/sharing", recs[LESSON].id);
	j = send(SETUP, "PUT", path, "{\"readers\":[\"page\",\"one\",\"list\",\"xjson\","
		 "\"xcsv\",\"revs\",\"find\",\"findpage\",\"setup\"]}", 200);
	json_decref(j);

	for (int pass = 0; pass < 2; pass++) {
		for (int k = 0; k < NKIND; k++) {
			long long ids[2] = { recs[k].id, recs[k].clear_id };

			for (int i = 0; i < 2; i++) {
				snprintf(path, sizeof(path), recs[k].page, ids[i]);
				get_ok(PAGE, path);
				snprintf(path, sizeof(path), recs[k].api, ids[i]);
				get_ok(ONE, path);
				snprintf(path, sizeof(path), "/api/v1/records/%lld/revisions",
					 ids[i]);
				get_ok(REVISIONS, path);
			}
			get_ok(LIST, recs[k].list);
		}
		get_ok(EXPORT_JSON, "/api/v1/export?format=json");
		get_ok(EXPORT_CSV, "/api/v1/export?format=csv");
		/* a search whose results are the three restricted records (and the others) */
		get_ok(SEARCH, "/api/v1/search?q=accesses+OR+state+OR+close+OR+all&limit=20");
		get_ok(SEARCH_PAGE, "/search?q=accesses+OR+state+OR+close+OR+all");
	}
	for (int k = 0; k < NKIND; k++)
		for (int w = PAGE; w <= SEARCH_PAGE; w++) {
			int n = entries((enum route)w, recs[k].id);

			if (n != 1)
				fail_msg("record %lld (%s) read by route %s: %d read.restricted "
					 "entries, want 1", recs[k].id, recs[k].tlp, names[w], n);
			if ((n = entries((enum route)w, recs[k].clear_id)))
				fail_msg("TLP:CLEAR record %lld read by route %s: %d entries, want 0",
					 recs[k].clear_id, names[w], n);
		}
	assert_int_equal(cli("", (const char *const[]){ "audit", "verify", NULL }, NULL, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_every_route),
	};

	return harness_exit(cmocka_run_group_tests(tests, group_setup, group_teardown));
}
