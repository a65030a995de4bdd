/* The cooperation directory through the real server (docs/directory.md): Kenya's
 * focal point adds and edits its entries, another country's may not, bad values are
 * refused naming their field, an edit from an old version conflicts, curators verify
 * and the history shows each step; an entry whose verification is more than 12 months
 * old is stale for Kenya's focal point and curators (API and contacts page) until a
 * curator verifies it again. And the leak test: an AMBER entry with a CLEAR public
 * part and an AMBER entry without one, each with canaries in their channels and
 * requirements, are asked for by the public, a provider outside Kenya's sharing
 * groups, a company of Kenya outside them, a reader and Uganda's focal point on every directory endpoint, the exports, the
 * country profile, "who do I ask?" and the search (entries are not indexed: the
 * search must not find them); only the public part shows to them, whole entries to
 * the partner in Kenya's sharing group, Kenya's focal point and the curator, and
 * their reads go to the audit log.
 *
 * Expectations are written from docs/directory.md ("Who reads an entry"), not from the
 * code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integration/harness.h"

static char *D;
static struct srv *S;

enum who { PUBLIC, OUTSIDER, FUG, READER, KEBANK, PARTNER, FKE, CUR, NWHO };
static struct person {
	const char *name, *role, *org, *country;
	int reads;		/* reads the AMBER entries whole (docs/directory.md) */
	char auth[200];
} people[NWHO] = {
	[PUBLIC] = { "public", NULL, NULL, NULL, 0, "" },
	[OUTSIDER] = { "olga", "provider", "Outsider Telco", NULL, 0, "" },
	[FUG] = { "okello", "focal_point", "UG-NA", "UG", 0, "" },
	[READER] = { "rita", "reader", "Civic", NULL, 0, "" },
	/* a company of Kenya outside its sharing groups: no authority, no partner */
	[KEBANK] = { "bob", "reader", "KE Bank", NULL, 0, "" },
	[PARTNER] = { "pierre", "provider", "Partner Telco", NULL, 1, "" },
	[FKE] = { "kamau", "focal_point", "KE-NA", "KE", 1, "" },
	[CUR] = { "cora", "curator", "UNODC", NULL, 1, "" },
};

#define PUBLIC_NAME "Zqpublic Cyber Unit"
#define HIDDEN_NAME "Zqhidden Prosecution Desk"
#define CANARY_MAIL "zqcanary@cyber.go.ke"
#define CANARY_TEXT "zqambersecret"
#define CANARY_PHONE "+254209876543"
static long long PUB, HIDDEN;

static struct http_response *ask(const struct person *who, const char *method,
				 const char *path, const char *json)
{
	char hdr[300];
	struct http_response *r;

	snprintf(hdr, sizeof(hdr), "%s%s", who->auth,
		 json ? "Content-Type: application/json\r\n" : "");
	r = http_request(S, method, path, hdr, json, json ? strlen(json) : 0);
	if (!r)
		fail_msg("%s %s: no connection", method, path);
	return r;
}

static json_t *as(enum who w, const char *method, const char *path, const char *json,
		  int status)
{
	struct http_response *r = ask(&people[w], method, path, json);
	json_t *j;

	if (r->status != status)
		fail_msg("%s %s as %s: %d, want %d: %.400s", method, path, people[w].name,
			 r->status, status, r->body ? r->body : "");
	j = json_loads(r->body ? r->body : "", 0, NULL);
	http_response_free(r);
	return j;
}

/* The body of a GET as w, which must answer 200 (free it). */
static char *page(enum who w, const char *path)
{
	struct http_response *r = ask(&people[w], "GET", path, NULL);
	char *b;

	if (r->status != 200)
		fail_msg("GET %s as %s: %d: %.300s", path, people[w].name, r->status,
			 r->body ? r->body : "");
	b = strdup(r->body ? r->body : "");
	http_response_free(r);
	return b;
}

static long long id_of(json_t *j)
{
	long long id = (long long)json_integer_value(json_object_get(j, "id"));

	json_decref(j);
	if (id <= 0)
		fail_msg("no id in the answer");
	return id;
}

static int listed(json_t *j, long long id);

static int cli(const char *const *args)
{
	return harness_cli(D, NULL, args, NULL, 0);
}

/* An entry of Kenya: kind, names (JSON), public part, the phone and e-mail. */
static char *entry(const char *kind, const char *names, int public_part, const char *phone)
{
	char *s;

	if (asprintf(&s, "{\"country\":\"KE\",\"kind\":\"%s\",\"public_part\":%s,"
		     "\"names\":%s,\"articles\":[\"coe-185/35\",\"un-cc/41\"],"
		     "\"legal_bases\":[\"coe-185\",\"reciprocity\"],\"languages\":[\"en\",\"sw\"],"
		     "\"channels\":[{\"type\":\"phone\",\"value\":\"%s\"},{\"type\":\"email\","
		     "\"value\":\"" CANARY_MAIL "\"},{\"type\":\"portal\",\"value\":"
		     "\"https://portal.cyber.go.ke/req\"}],\"hours\":\"24/7\",\"timezone\":"
		     "\"Africa/Nairobi\",\"requirements\":\"Case number; " CANARY_TEXT "\"}",
		     kind, public_part ? "true" : "false", names, phone) < 0)
		fail_msg("asprintf");
	return s;
}

static int setup(void **state)
{
	static const char *const orgs[][3] = {
		{ "UNODC", "unodc", NULL }, { "KE-NA", "national_authority", "KE" },
		{ "UG-NA", "national_authority", "UG" },
		{ "Partner Telco", "private_sector", "FR" },
		{ "Outsider Telco", "private_sector", "UG" }, { "Civic", "civil_society", NULL },
		{ "KE Bank", "private_sector", "KE" },
	};

	(void)state;
	if (!(D = harness_tmpdir()) || cli((const char *const[]){ "migrate", NULL }))
		return -1;
	for (size_t i = 0; i < sizeof(orgs) / sizeof(orgs[0]); i++)
		if (cli((const char *const[]){ "org", "add", orgs[i][0], "--kind", orgs[i][1],
					       orgs[i][2] ? "--country" : NULL, orgs[i][2],
					       NULL }))
			return -1;
	/* Kenya's sharing group: its authority and the partner */
	if (cli((const char *const[]){ "group", "add", "Kenya partners", NULL }) ||
	    cli((const char *const[]){ "group", "join", "Kenya partners", "KE-NA", NULL }) ||
	    cli((const char *const[]){ "group", "join", "Kenya partners", "Partner Telco",
				       NULL }))
		return -1;
	for (int w = 0; w < NWHO; w++)
		if (people[w].role && harness_account(D, people[w].name, people[w].role,
						      people[w].org, people[w].country, "t",
						      people[w].auth, sizeof(people[w].auth)))
			return -1;
	S = srv_start_with(&(struct srv_options){ .dir = D });
	return S ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	harness_done(S, D);
	return 0;
}

/* ---- adding, editing, verifying ---- */

static void test_add_edit_verify(void **state)
{
	char *body, path[120];
	struct http_response *r;
	json_t *j, *h;

	(void)state;
	body = entry("24x7", "{\"en\":\"" PUBLIC_NAME "\",\"fr\":\"Unité; cyber, \\\\ test\"}",
		     1, CANARY_PHONE);
	PUB = id_of(as(FKE, "POST", "/api/v1/directory", body, 201));
	/* another country's focal point, a provider, the public: refused */
	json_decref(as(FUG, "POST", "/api/v1/directory", body, 403));
	json_decref(as(PARTNER, "POST", "/api/v1/directory", body, 403));
	json_decref(as(PUBLIC, "POST", "/api/v1/directory", body, 403));
	free(body);
	body = entry("prosecution", "{\"en\":\"" HIDDEN_NAME "\"}", 0, CANARY_PHONE);
	HIDDEN = id_of(as(CUR, "POST", "/api/v1/directory", body, 201));
	free(body);
	/* bad values: refused, naming the field */
	body = entry("24x7", "{\"en\":\"X\"}", 0, "0720 123456");
	r = ask(&people[FKE], "POST", "/api/v1/directory", body);
	assert_status(r, 400);
	assert_has(r->body, "channels[0].value");
	assert_header_has(r, "Content-Type", "application/problem+json");
	http_response_free(r);
	free(body);
	r = ask(&people[FKE], "POST", "/api/v1/directory", "{\"country\":\"KE\",\"kind\":"
		"\"24x7\",\"names\":{\"en\":\"X\"},\"timezone\":\"../../etc/passwd\"}");
	assert_status(r, 400);
	assert_has(r->body, "timezone");
	http_response_free(r);
	r = ask(&people[FKE], "POST", "/api/v1/directory", "{\"country\":\"KE\",\"kind\":"
		"\"24x7\",\"names\":{\"en\":\"X\"},\"articles\":[\"coe-185/99\"]}");
	assert_status(r, 400);
	assert_has(r->body, "articles[0]");
	http_response_free(r);
	/* bad filters: refused, naming the parameter; a country by its other codes */
	r = ask(&people[FKE], "GET", "/api/v1/directory?language=english", NULL);
	assert_status(r, 400);
	assert_has(r->body, "language");
	http_response_free(r);
	r = ask(&people[FKE], "GET", "/api/v1/directory?article=coe-185", NULL);
	assert_status(r, 400);
	assert_has(r->body, "article");
	http_response_free(r);
	r = ask(&people[FKE], "GET", "/api/v1/directory?country=Germany", NULL);
	assert_true(r->status == 400 || r->status == 404);
	http_response_free(r);
	assert_true(listed(as(FKE, "GET", "/api/v1/directory?country=KEN", NULL, 200), PUB));
	assert_true(listed(as(FKE, "GET", "/api/v1/directory?country=404", NULL, 200), PUB));
	/* pages: count is the page's, total every entry read; the second page starts
	 * where the first ended */
	{
		json_t *all = as(FKE, "GET", "/api/v1/directory", NULL, 200), *pg;
		json_int_t total = json_integer_value(json_object_get(all, "total"));

		assert_true(total >= 2);
		assert_int_equal(json_integer_value(json_object_get(all, "count")), total);
		pg = as(FKE, "GET", "/api/v1/directory?limit=1&offset=1", NULL, 200);
		assert_int_equal(json_integer_value(json_object_get(pg, "count")), 1);
		assert_int_equal(json_integer_value(json_object_get(pg, "total")), total);
		assert_true(json_equal(json_array_get(json_object_get(pg, "entries"), 0),
				       json_array_get(json_object_get(all, "entries"), 1)));
		json_decref(pg);
		json_decref(all);
		r = ask(&people[FKE], "GET", "/api/v1/directory?limit=0", NULL);
		assert_status(r, 400);
		assert_has(r->body, "limit");
		http_response_free(r);
	}
	/* edit at version 1, then again from version 1: a conflict */
	snprintf(path, sizeof(path), "/api/v1/directory/%lld", PUB);
	j = as(FKE, "GET", path, NULL, 200);
	json_object_set_new(j, "hours", json_string("Mon-Fri 08:00-17:00, duty phone 24/7"));
	json_object_del(j, "history");
	body = json_dumps(j, 0);
	json_decref(j);
	j = as(FKE, "PUT", path, body, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "version")), 2);
	json_decref(j);
	json_decref(as(FKE, "PUT", path, body, 409));
	json_decref(as(FUG, "PUT", path, body, 403));	/* reads the public part only */
	free(body);
	/* verify: curators only */
	snprintf(path, sizeof(path), "/api/v1/directory/%lld/verify", PUB);
	json_decref(as(FKE, "POST", path, NULL, 403));
	j = as(CUR, "POST", path, NULL, 200);
	assert_string_equal(json_string_value(json_object_get(j, "verified_by")), "cora");
	assert_int_equal(json_integer_value(json_object_get(j, "verified_version")), 2);
	assert_false(json_is_true(json_object_get(j, "stale")));
	h = json_object_get(j, "history");
	assert_int_equal(json_array_size(h), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(h, 1),
							      "changed")), "hours");
	json_decref(j);
	/* the entry's page shows the history */
	snprintf(path, sizeof(path), "/directory/%lld", PUB);
	body = page(FKE, path);
	assert_has(body, "id=\"history\"");
	assert_has(body, ">hours<");
	assert_has(body, "Edit this entry");
	assert_lacks(body, "Mark as verified");
	free(body);
	body = page(CUR, path);
	assert_has(body, "Mark as verified");
	free(body);
}

/* ---- staleness ---- */

/* Move entry id's verification (or creation, when never verified) back to when. */
static void backdate(long long id, const char *when)
{
	char db[400], *sql;
	sqlite3 *h;

	snprintf(db, sizeof(db), "%s/ccrepo.db", D);
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	sql = sqlite3_mprintf("UPDATE directory_entry SET verified_on = CASE WHEN verified_on "
			      "IS NULL THEN NULL ELSE %Q END, created_at = %Q || 'T00:00:00Z' "
			      "WHERE id = %lld", when, when, id);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	sqlite3_close(h);
}

static int listed(json_t *j, long long id)
{
	json_t *v = json_object_get(j, "entries");
	int found = 0;

	for (size_t i = 0; i < json_array_size(v); i++)
		found |= json_integer_value(json_object_get(json_array_get(v, i), "id")) == id;
	json_decref(j);
	return found;
}

static void test_stale(void **state)
{
	char path[120], *body;

	(void)state;
	/* verified 11 months ago: not stale; 13 months ago: stale */
	backdate(PUB, "2025-01-01");
	backdate(HIDDEN, "2025-01-01");	/* never verified: its creation counts */
	assert_true(listed(as(FKE, "GET", "/api/v1/directory/stale", NULL, 200), PUB));
	assert_true(listed(as(FKE, "GET", "/api/v1/directory/stale", NULL, 200), HIDDEN));
	assert_true(listed(as(CUR, "GET", "/api/v1/directory/stale", NULL, 200), PUB));
	assert_false(listed(as(FUG, "GET", "/api/v1/directory/stale", NULL, 200), PUB));
	assert_false(listed(as(PUBLIC, "GET", "/api/v1/directory/stale", NULL, 200), PUB));
	assert_false(listed(as(PARTNER, "GET", "/api/v1/directory/stale", NULL, 200), PUB));
	/* the focal point's contacts page lists them to verify; the partner's does not */
	body = page(FKE, "/countries/KE/contacts");
	assert_has(body, "id=\"stale\"");
	assert_has(body, PUBLIC_NAME);
	free(body);
	body = page(FKE, "/");
	assert_has(body, "id=\"home-stale\"");
	assert_has(body, HIDDEN_NAME);
	free(body);
	body = page(FUG, "/");
	assert_lacks(body, "id=\"home-stale\"");
	free(body);
	body = page(PARTNER, "/countries/KE/contacts");
	assert_lacks(body, "id=\"stale\"");
	assert_has(body, "Stale: not verified for 12 months");
	free(body);
	/* a curator verifies: no longer stale */
	snprintf(path, sizeof(path), "/api/v1/directory/%lld/verify", PUB);
	json_decref(as(CUR, "POST", path, NULL, 200));
	assert_false(listed(as(FKE, "GET", "/api/v1/directory/stale", NULL, 200), PUB));
	assert_true(listed(as(FKE, "GET", "/api/v1/directory/stale", NULL, 200), HIDDEN));
	/* through the page's form too */
	snprintf(path, sizeof(path), "/directory/%lld", HIDDEN);
	body = page(CUR, path);
	assert_has(body, "Stale: not verified for 12 months");
	free(body);
	snprintf(path, sizeof(path), "/api/v1/directory/%lld/verify", HIDDEN);
	json_decref(as(CUR, "POST", path, NULL, 200));
	assert_false(listed(as(FKE, "GET", "/api/v1/directory/stale", NULL, 200), HIDDEN));
}

/* ---- the leak test ---- */

static const char *const canaries[] = { CANARY_MAIL, CANARY_TEXT, CANARY_PHONE, HIDDEN_NAME,
					 "portal.cyber.go.ke" };

static void no_canary(enum who w, const char *path, const char *body)
{
	for (size_t i = 0; i < sizeof(canaries) / sizeof(canaries[0]); i++)
		if (strstr(body, canaries[i]))
			fail_msg("%s leaks \"%s\" to %s", path, canaries[i], people[w].name);
}

static void test_leak(void **state)
{
	static const char *const paths[] = {
		"/api/v1/directory", "/api/v1/directory?country=KE",
		"/api/v1/directory?kind=prosecution", "/api/v1/directory?language=en",
		"/api/v1/directory?article=coe-185/35", "/api/v1/directory?region=002",
		"/directory", "/directory?kind=24x7", "/directory.csv", "/directory?region=014",
		"/countries/KE/contacts", "/countries/KE/contacts.vcf",
		"/countries/KE/contacts.csv", "/countries/KE", "/countries/KE?lang=ar",
		"/directory/ask?country=KE&need=preserve", "/directory/ask?country=KE&need=mla",
		"/api/v1/directory/ask?country=KE&need=preserve",
		"/api/v1/directory/ask?country=KE&need=mla", "/api/v1/directory/stale",
		"/search?q=zqhidden", "/search?q=zqpublic", "/api/v1/search?q=zqhidden",
		"/api/v1/search?q=zqcanary", "/api/v1/search?q=Prosecution",
	};
	char path[160], *body;

	(void)state;
	for (int w = 0; w < NWHO; w++) {
		for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			struct http_response *r = ask(&people[w], "GET", paths[i], NULL);

			assert_true(r->status == 200 || r->status == 404);
			if (!people[w].reads)
				no_canary((enum who)w, paths[i], r->raw ? r->raw : "");
			http_response_free(r);
		}
		/* one entry: the public part of PUB, nothing of HIDDEN */
		snprintf(path, sizeof(path), "/api/v1/directory/%lld", HIDDEN);
		json_decref(as((enum who)w, "GET", path, NULL, people[w].reads ? 200 : 404));
		snprintf(path, sizeof(path), "/directory/%lld", HIDDEN);
		{
			struct http_response *r = ask(&people[w], "GET", path, NULL);

			assert_int_equal(r->status, people[w].reads ? 200 : 404);
			if (!people[w].reads)
				no_canary((enum who)w, path, r->raw ? r->raw : "");
			http_response_free(r);
		}
		snprintf(path, sizeof(path), "/directory/%lld", PUB);
		body = page((enum who)w, path);
		assert_has(body, PUBLIC_NAME);	/* the CLEAR part shows to all */
		if (people[w].reads) {
			assert_has(body, CANARY_MAIL);
			assert_has(body, CANARY_TEXT);
		} else {
			no_canary((enum who)w, path, body);
		}
		free(body);
		body = page((enum who)w, "/countries/KE/contacts");
		assert_has(body, PUBLIC_NAME);
		if (people[w].reads)
			assert_has(body, HIDDEN_NAME);
		free(body);
		body = page((enum who)w, "/countries/KE/contacts.vcf");
		assert_has(body, PUBLIC_NAME);
		if (people[w].reads)
			assert_has(body, "TEL;VALUE=uri;TYPE=voice:tel:" CANARY_PHONE "\r\n");
		free(body);
	}
	/* entries are not in the search index: nobody finds them there */
	body = page(CUR, "/api/v1/search?q=zqhidden");
	assert_lacks(body, HIDDEN_NAME);
	free(body);
	/* the whole reads of the partner went to the audit log */
	{
		char out[400], target[40];

		snprintf(target, sizeof(target), "directory/%lld", HIDDEN);
		assert_int_equal(harness_cli(D, NULL, (const char *const[]){ "audit", "list",
				 "--actor", "pierre", "--action", "read.restricted", "--target",
				 target, NULL }, out, sizeof(out)), 0);
		assert_has(out, target);
		out[0] = 0;
		harness_cli(D, NULL, (const char *const[]){ "audit", "list", "--actor", "olga",
			    "--action", "read.restricted", "--target", "directory/", NULL },
			    out, sizeof(out));
		assert_lacks(out, "directory/");
	}
}

/* ---- pages and exports ---- */

static void test_pages(void **state)
{
	struct http_response *r;
	char *body, path[120];

	(void)state;
	r = ask(&people[FKE], "GET", "/countries/KE/contacts.vcf", NULL);
	assert_status(r, 200);
	assert_header_has(r, "Content-Type", "text/vcard");
	assert_has(r->body, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
	assert_has(r->body, "ORG;LANGUAGE=fr:Unité\\; cyber\\, \\\\ test\r\n");
	http_response_free(r);
	r = ask(&people[FKE], "GET", "/countries/KE/contacts.csv", NULL);
	assert_status(r, 200);
	assert_header_has(r, "Content-Type", "text/csv");
	assert_has(r->body, "id,country,kind,tlp,names");
	http_response_free(r);
	body = page(PUBLIC, "/countries/KE/contacts?lang=ar");
	assert_has(body, "dir=\"rtl\"");
	assert_has(body, "lang=\"ar\"");
	free(body);
	body = page(FKE, "/directory/ask?country=KE&need=preserve&lang=ar");
	assert_has(body, "dir=\"rtl\"");
	assert_has(body, PUBLIC_NAME);
	assert_lacks(body, HIDDEN_NAME);	/* a prosecution service: not for preserving */
	free(body);
	body = page(FKE, "/directory/ask?country=KE&need=mla");
	assert_has(body, HIDDEN_NAME);
	free(body);
	r = ask(&people[FKE], "GET", "/directory/ask?country=KE&need=bribe", NULL);
	assert_status(r, 200);
	assert_has(r->body, "role=\"alert\"");
	http_response_free(r);
	/* the profile's section */
	body = page(PUBLIC, "/countries/KE");
	assert_has(body, "id=\"contacts\"");
	assert_has(body, PUBLIC_NAME);
	free(body);
	/* filters */
	body = page(FKE, "/directory?kind=prosecution");
	assert_has(body, HIDDEN_NAME);
	assert_lacks(body, PUBLIC_NAME);
	free(body);
	body = page(FKE, "/directory?language=sw&article=un-cc/41");
	assert_has(body, PUBLIC_NAME);
	free(body);
	body = page(FKE, "/directory?language=fr");
	assert_lacks(body, PUBLIC_NAME);
	free(body);
	/* the focal point's form: an error names the field, a good one saves */
	snprintf(path, sizeof(path), "/directory/%lld/edit", PUB);
	body = page(FKE, path);
	assert_has(body, "name=\"channels\"");
	free(body);
	json_decref(as(FUG, "GET", path, NULL, 403));
	/* an entry's name with markup is escaped */
	{
		char *e = entry("cert", "{\"en\":\"<script>alert(1)</script>\"}", 1, CANARY_PHONE);
		long long id = id_of(as(FKE, "POST", "/api/v1/directory", e, 201));

		free(e);
		snprintf(path, sizeof(path), "/directory/%lld", id);
		body = page(PUBLIC, path);
		assert_lacks(body, "<script>alert(1)");
		assert_has(body, "&lt;script&gt;");
		free(body);
	}
}

/* ---- the command line ---- */

static void test_cli(void **state)
{
	char file[400], *out = NULL, *err = NULL, *body;
	FILE *f;

	(void)state;
	snprintf(file, sizeof(file), "%s/entry.json", D);
	body = entry("extradition", "{\"en\":\"Zqcli Extradition Office\"}", 1, "0720");
	assert_non_null(f = fopen(file, "w"));
	fputs(body, f);
	fclose(f);
	free(body);
	/* a bad telephone number: exit 1, the field named */
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "directory", "add",
			 "--file", file, NULL }, &out, &err), 1);
	assert_has(err, "channels[0].value");
	body = entry("extradition", "{\"en\":\"Zqcli Extradition Office\"}", 1, CANARY_PHONE);
	assert_non_null(f = fopen(file, "w"));
	fputs(body, f);
	fclose(f);
	free(body);
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "directory", "add",
			 "--file", file, NULL }, &out, &err), 0);
	assert_has(out, "added");
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "directory", "list",
			 "--country", "KE", "--kind", "extradition", NULL }, &out, &err), 0);
	assert_has(out, "Zqcli Extradition Office");
	assert_lacks(out, PUBLIC_NAME);
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "directory", "list",
			 "--country", "KE", "--format", "vcard", NULL }, &out, &err), 0);
	assert_has(out, "BEGIN:VCARD\r\n");
	assert_has(out, "FN:Zqcli Extradition Office\r\n");
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "directory", "list",
			 "--kind", "police", NULL }, &out, &err), 1);
	assert_has(err, "--kind");
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "directory", "show",
			 "1", NULL }, &out, &err), 0);
	assert_has(out, "\"history\"");
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "directory",
			 "stale", NULL }, &out, &err), 0);
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "directory",
			 "verify", "999", NULL }, &out, &err), 1);
	assert_has(err, "no directory entry 999");
	/* the API sees what the command line added */
	body = page(CUR, "/api/v1/directory?kind=extradition");
	assert_has(body, "Zqcli Extradition Office");
	assert_lacks(body, PUBLIC_NAME);
	free(body);
	free(out);
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_edit_verify),
		cmocka_unit_test(test_stale),
		cmocka_unit_test(test_leak),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_cli),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
