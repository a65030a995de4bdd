/* Regression tests of defects an attack from outside found (issue 10), through the
 * real server: each failed before its fix.
 *
 * - A focal point may not change the label or the sharing of another organisation's
 *   record (it answered 200 and the public could read it), nor read whom it is shared
 *   with (the public saw the named readers).
 * - An edit of a published record by someone who may not publish it waits for review:
 *   the public keeps reading the published text until a curator publishes the change.
 *   The same for a lowered label, and for a new version of a published law, which is
 *   neither searched nor in force before; a law has one version in force.
 * - A focal point may not move its records to another country.
 * - The sign-in lock holds for every spelling of an account's name.
 * - Reading a restricted record writes one audit entry per reader, record and day.
 * - Importing at the URI of a law one cannot read says the URI is taken, never the
 *   store's message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "integration/harness.h"

static char *D;
static struct srv *S;

enum who { PUBLIC, ANN, OLA, FKE, FUS, CUR, NWHO };
static struct person {
	const char *name, *role, *org, *country;
	char auth[200];
} people[NWHO] = {
	[PUBLIC] = { "public", NULL, NULL, NULL, "" },
	[ANN] = { "ann", "provider", "Kenya ICT", NULL, "" },
	[OLA] = { "ola", "reader", "Kenya ICT", NULL, "" },
	[FKE] = { "fke", "focal_point", "Police", "KE", "" },
	[FUS] = { "fus", "focal_point", "Police", "US", "" },
	[CUR] = { "cur", "curator", "UNODC", NULL, "" },
};
static const char *const orgs[][2] = {
	{ "Kenya ICT", "national_authority" }, { "Police", "national_authority" },
	{ "UNODC", "unodc" },
};

static int cli(const char *input, const char *const *args, char *out, size_t size)
{
	return harness_cli(D, input, args, out, size);
}

static struct http_response *as(enum who w, const char *method, const char *path,
				const char *ctype, const char *body)
{
	char hdr[400];
	struct http_response *r;

	snprintf(hdr, sizeof(hdr), "%s%s%s%s", people[w].auth, ctype ? "Content-Type: " : "",
		 ctype ? ctype : "", ctype ? "\r\n" : "");
	r = http_request(S, method, path, hdr, body, body ? strlen(body) : 0);
	if (!r)
		fail_msg("%s %s as %s: no connection", method, path, people[w].name);
	return r;
}

/* A JSON request that must answer status; its JSON (decref it; NULL if not JSON). */
static json_t *must(enum who w, const char *method, const char *path, const char *json,
		    int status)
{
	struct http_response *r = as(w, method, path, json ? "application/json" : NULL, json);
	json_t *j;

	if (r->status != status)
		fail_msg("%s %s as %s: %d, want %d: %.400s", method, path, people[w].name,
			 r->status, status, r->body ? r->body : "");
	j = json_loads(r->body ? r->body : "", 0, NULL);
	http_response_free(r);
	return j;
}

static const char *jstr(json_t *j, const char *key)
{
	const char *s = json_string_value(json_object_get(j, key));

	return s ? s : "";
}

static void set_status(enum who w, long long id, const char *to)
{
	char path[64], body[64];

	snprintf(path, sizeof(path), "/api/v1/records/%lld/status", id);
	snprintf(body, sizeof(body), "{\"to\":\"%s\"}", to);
	json_decref(must(w, "POST", path, body, 200));
}

/* A lesson of Kenya by ann (Kenya ICT), published by the curator. */
static long long published_lesson(const char *tlp, const char *body)
{
	char json[600];
	json_t *j;
	long long id;

	snprintf(json, sizeof(json), "{\"title\":\"Lesson\",\"country\":\"KE\",\"language\":"
		 "\"en\",\"tlp\":\"%s\",\"topic\":\"Evidence\",\"body\":\"%s\"}", tlp, body);
	j = must(ANN, "POST", "/api/v1/lessons", json, 201);
	id = (long long)json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	set_status(ANN, id, "submitted");
	set_status(CUR, id, "published");
	return id;
}

static int group_setup(void **state)
{
	struct srv_options o = { 0 };

	(void)state;
	if (!(D = harness_tmpdir()) || cli("", (const char *const[]){ "migrate", NULL }, NULL, 0))
		return -1;
	for (size_t i = 0; i < sizeof(orgs) / sizeof(orgs[0]); i++)
		if (cli("", (const char *const[]){ "org", "add", orgs[i][0], "--kind", orgs[i][1],
			NULL }, NULL, 0))
			return -1;
	for (int w = 1; w < NWHO; w++) {
		struct person *u = &people[w];

		if (harness_account(D, u->name, u->role, u->org, u->country, "t", u->auth,
				    sizeof(u->auth)))
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

/* Defect 1: a focal point of the record's country edits it, but does not change its
 * label or sharing, nor see whom it is shared with; the public neither. */
static void test_focal_point_label(void **state)
{
	long long id = published_lesson("AMBER", "zqamberbody");
	char path[64], share[80];
	json_t *j;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/lessons/%lld", id);
	snprintf(share, sizeof(share), "/api/v1/records/%lld/sharing", id);
	json_decref(must(FKE, "GET", path, NULL, 200));		/* it reads it */
	json_decref(must(FKE, "PUT", path, "{\"tlp\":\"CLEAR\"}", 403));
	json_decref(must(FKE, "PUT", path, "{\"tlp\":\"GREEN\"}", 403));
	json_decref(must(FKE, "PUT", share, "{\"groups\":[]}", 403));
	json_decref(must(FKE, "GET", share, NULL, 403));
	json_decref(must(OLA, "GET", share, NULL, 403));		/* a reader of its org */
	json_decref(must(PUBLIC, "GET", share, NULL, 404));
	json_decref(must(PUBLIC, "GET", path, NULL, 404));
	j = must(ANN, "GET", share, NULL, 200);			/* the owner does */
	json_decref(j);
	j = must(ANN, "GET", path, NULL, 200);
	assert_string_equal(jstr(j, "tlp"), "AMBER");
	json_decref(j);
}

/* Defect 2: the owner lowering a published record's label waits for a curator. */
static void test_lowered_label_waits(void **state)
{
	long long id = published_lesson("AMBER", "zqlowered");
	char path[64], change[80], page[64];
	struct http_response *h;
	json_t *j;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/lessons/%lld", id);
	snprintf(change, sizeof(change), "/api/v1/records/%lld/change", id);
	snprintf(page, sizeof(page), "/lessons/%lld", id);
	j = must(ANN, "PUT", path, "{\"tlp\":\"CLEAR\"}", 202);
	assert_string_equal(jstr(j, "tlp"), "AMBER");
	assert_true(json_is_true(json_object_get(j, "pending_change")));
	json_decref(j);
	json_decref(must(PUBLIC, "GET", path, NULL, 404));
	h = as(PUBLIC, "GET", page, NULL, NULL);
	assert_int_equal(h->status, 404);
	http_response_free(h);
	/* the owner may not publish its own change */
	json_decref(must(ANN, "POST", change, "{\"decision\":\"publish\"}", 403));
	json_decref(must(CUR, "POST", change, "{\"decision\":\"publish\",\"note\":\"ok\"}",
			 200));
	j = must(PUBLIC, "GET", path, NULL, 200);
	assert_string_equal(jstr(j, "tlp"), "CLEAR");
	json_decref(j);
	json_decref(must(CUR, "GET", change, NULL, 404));	/* nothing waits any more */
}

/* Defect 2: an edit of a published lesson by its author is a proposal; the public
 * reads the published text; the curator sees the change in the queue and on the page,
 * publishes or rejects it. */
static void test_edit_waits(void **state)
{
	long long id = published_lesson("CLEAR", "zqpublishedtext");
	char path[64], change[80], page[64], q[120];
	struct http_response *h;
	json_t *j, *recs, *v;
	size_t i;
	int listed = 0;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/lessons/%lld", id);
	snprintf(change, sizeof(change), "/api/v1/records/%lld/change", id);
	snprintf(page, sizeof(page), "/lessons/%lld", id);
	j = must(ANN, "PUT", path, "{\"body\":\"zqproposedtext\"}", 202);
	assert_string_equal(jstr(j, "body"), "zqpublishedtext");
	json_decref(j);
	/* the public, and the other readers, read the published text */
	j = must(PUBLIC, "GET", path, NULL, 200);
	assert_string_equal(jstr(j, "body"), "zqpublishedtext");
	assert_null(json_object_get(j, "pending_change"));
	assert_int_equal((int)json_integer_value(json_object_get(j, "revision")), 1);
	json_decref(j);
	h = as(PUBLIC, "GET", page, NULL, NULL);
	assert_int_equal(h->status, 200);
	assert_has(h->body, "zqpublishedtext");
	assert_lacks(h->body, "zqproposedtext");
	http_response_free(h);
	snprintf(q, sizeof(q), "/api/v1/search?q=zqproposedtext");
	j = must(PUBLIC, "GET", q, NULL, 200);
	assert_int_equal((int)json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	/* the proposal: for its proposer and curators only */
	json_decref(must(PUBLIC, "GET", change, NULL, 404));
	json_decref(must(FKE, "GET", change, NULL, 404));
	j = must(ANN, "GET", change, NULL, 200);
	assert_string_equal(jstr(json_object_get(j, "content"), "body"), "zqproposedtext");
	assert_string_equal(jstr(j, "proposed_by"), "ann");
	json_decref(j);
	j = must(CUR, "GET", "/api/v1/review", NULL, 200);
	recs = json_object_get(j, "records");
	json_array_foreach(recs, i, v)
		listed |= json_integer_value(json_object_get(v, "id")) == id &&
			  json_is_true(json_object_get(v, "pending_change"));
	json_decref(j);
	assert_true(listed);
	h = as(CUR, "GET", page, NULL, NULL);
	assert_has(h->body, "zqproposedtext");			/* the change, field by field */
	assert_has(h->body, "/change");				/* and the decision form */
	http_response_free(h);
	/* a second edit replaces the proposal */
	json_decref(must(ANN, "PUT", path, "{\"body\":\"zqsecondproposal\"}", 202));
	j = must(CUR, "GET", change, NULL, 200);
	assert_string_equal(jstr(json_object_get(j, "content"), "body"), "zqsecondproposal");
	json_decref(j);
	json_decref(must(CUR, "POST", change, "{\"decision\":\"maybe\"}", 400));
	json_decref(must(CUR, "POST", change, "{\"decision\":\"publish\"}", 200));
	j = must(PUBLIC, "GET", path, NULL, 200);
	assert_string_equal(jstr(j, "body"), "zqsecondproposal");
	assert_int_equal((int)json_integer_value(json_object_get(j, "revision")), 2);
	assert_string_equal(jstr(j, "status"), "published");
	json_decref(j);
	/* rejected: nothing changes */
	json_decref(must(ANN, "PUT", path, "{\"title\":\"zqrejectedtitle\"}", 202));
	json_decref(must(CUR, "POST", change, "{\"decision\":\"reject\",\"note\":\"no\"}", 200));
	j = must(PUBLIC, "GET", path, NULL, 200);
	assert_string_equal(jstr(j, "title"), "Lesson");
	json_decref(j);
	json_decref(must(CUR, "POST", change, "{\"decision\":\"publish\"}", 404));
	/* a curator's own edit is the review */
	json_decref(must(CUR, "PUT", path, "{\"topic\":\"zqcuratortopic\"}", 200));
	j = must(PUBLIC, "GET", path, NULL, 200);
	assert_string_equal(jstr(j, "topic"), "zqcuratortopic");
	json_decref(j);
}

static const char law_v1[] = "Computer Misuse Act\n\nPart I\n\n1. Illegal access\n\nA person "
			     "who accesses a computer system without right commits an offence "
			     "zqlawfirst.\n";
static const char law_v2[] = "Computer Misuse Act\n\nPart I\n\n1. Illegal access\n\nA person "
			     "who accesses a computer system without right commits an offence "
			     "zqlawsecond.\n";

/* The versions of work id as who sees them: how many, how many in force, pending. */
static void versions(enum who w, long long id, int *n, int *in_force, int *pending)
{
	char path[64];
	json_t *j, *xs, *x;
	size_t i;

	snprintf(path, sizeof(path), "/api/v1/works/%lld", id);
	j = must(w, "GET", path, NULL, 200);
	xs = json_object_get(j, "versions");
	assert_true(json_is_array(xs));
	*n = (int)json_array_size(xs);
	*in_force = *pending = 0;
	json_array_foreach(xs, i, x) {
		*in_force += !strcmp(jstr(x, "status"), "in_force") &&
			     !json_is_true(json_object_get(x, "pending"));
		*pending += json_is_true(json_object_get(x, "pending"));
	}
	json_decref(j);
}

static long long import_law(enum who w, const char *query, const char *text, int status)
{
	struct http_response *h = as(w, "POST", query, "text/plain", text);
	json_t *j;
	long long id;

	if (h->status != status)
		fail_msg("import %s as %s: %d, want %d: %.300s", query, people[w].name, h->status,
			 status, h->body ? h->body : "");
	j = json_loads(h->body, 0, NULL);
	id = (long long)json_integer_value(json_object_get(j, "id"));
	if (status == 202)
		assert_true(json_is_true(json_object_get(j, "pending")));
	json_decref(j);
	http_response_free(h);
	return id;
}

/* Defect 2: a new version of a published law imported by a focal point waits: the
 * public reads and searches the published version, which stays the one in force;
 * published, it takes over and the old one is amended. */
static void test_law_version_waits(void **state)
{
	int n, in_force, pending;
	long long id;
	char path[80];
	json_t *j;
	struct http_response *h;

	(void)state;
	id = import_law(CUR, "/api/v1/works/import?uri=/akn/ke/act/2019/9&date=2019-01-01"
			"&status=published", law_v1, 201);
	assert_true(id > 0);
	assert_int_equal((int)import_law(FKE, "/api/v1/works/import?uri=/akn/ke/act/2019/9"
					 "&date=2019-01-01&version_date=2021-06-01", law_v2,
					 202), (int)id);
	/* a published version is not rewritten by a proposal */
	import_law(FKE, "/api/v1/works/import?uri=/akn/ke/act/2019/9&date=2019-01-01", law_v2,
		   409);
	versions(PUBLIC, id, &n, &in_force, &pending);
	assert_int_equal(n, 1);
	assert_int_equal(in_force, 1);
	versions(CUR, id, &n, &in_force, &pending);
	assert_int_equal(n, 2);
	assert_int_equal(pending, 1);
	assert_int_equal(in_force, 1);
	versions(FKE, id, &n, &in_force, &pending);	/* its proposer sees it */
	assert_int_equal(pending, 1);
	h = as(PUBLIC, "GET", "/akn/ke/act/2019/9", NULL, NULL);
	assert_int_equal(h->status, 200);
	assert_has(h->body, "zqlawfirst");
	assert_lacks(h->body, "zqlawsecond");
	http_response_free(h);
	h = as(PUBLIC, "GET", "/akn/ke/act/2019/9/eng@2021-06-01", NULL, NULL);
	assert_int_equal(h->status, 404);
	http_response_free(h);
	j = must(CUR, "GET", "/api/v1/search?q=zqlawsecond", NULL, 200);
	assert_int_equal((int)json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	j = must(PUBLIC, "GET", "/api/v1/search?q=zqlawfirst", NULL, 200);
	assert_int_equal((int)json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/records/%lld/change", id);
	json_decref(must(FKE, "POST", path, "{\"decision\":\"publish\"}", 403));
	json_decref(must(CUR, "POST", path, "{\"decision\":\"publish\",\"version\":"
			 "\"eng@1999-01-01\"}", 404));
	json_decref(must(CUR, "POST", path, "{\"decision\":\"publish\",\"version\":"
			 "\"eng@2021-06-01\"}", 200));
	versions(PUBLIC, id, &n, &in_force, &pending);
	assert_int_equal(n, 2);
	assert_int_equal(in_force, 1);			/* one version in force */
	assert_int_equal(pending, 0);
	h = as(PUBLIC, "GET", "/akn/ke/act/2019/9", NULL, NULL);
	assert_has(h->body, "zqlawsecond");
	http_response_free(h);
	j = must(PUBLIC, "GET", "/api/v1/search?q=zqlawsecond", NULL, 200);
	assert_int_equal((int)json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	j = must(PUBLIC, "GET", "/api/v1/search?q=zqlawfirst", NULL, 200);
	assert_int_equal((int)json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	/* a rejected version is gone */
	import_law(FKE, "/api/v1/works/import?uri=/akn/ke/act/2019/9&date=2019-01-01"
		   "&version_date=2023-01-01", law_v1, 202);
	json_decref(must(CUR, "POST", path, "{\"decision\":\"reject\"}", 200));
	versions(CUR, id, &n, &in_force, &pending);
	assert_int_equal(n, 2);
	assert_int_equal(pending, 0);
}

/* Defect 4: a focal point does not move its country's records elsewhere. */
static void test_no_country_move(void **state)
{
	char json[300], path[64];
	json_t *j;
	long long id;

	(void)state;
	snprintf(json, sizeof(json), "{\"title\":\"Mine\",\"country\":\"KE\",\"language\":\"en\","
		 "\"topic\":\"x\",\"body\":\"zqmove\"}");
	j = must(FKE, "POST", "/api/v1/lessons", json, 201);
	id = (long long)json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/lessons/%lld", id);
	json_decref(must(FKE, "PUT", path, "{\"country\":\"US\"}", 403));
	json_decref(must(FKE, "PUT", path, "{\"country\":null,\"region\":\"002\"}", 403));
	json_decref(must(FUS, "PUT", path, "{\"country\":\"US\"}", 404));	/* a draft */
	j = must(FKE, "GET", path, NULL, 200);
	assert_string_equal(jstr(j, "country"), "KE");
	json_decref(j);
	json_decref(must(FKE, "PUT", path, "{\"topic\":\"still mine\"}", 200));
	json_decref(must(CUR, "PUT", path, "{\"country\":\"UG\"}", 200));	/* a curator may */
}

static char *hidden(const char *html, const char *name)
{
	static char value[256];
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "name=\"%s\" value=\"", name);
	if (!html || !(p = strstr(html, pat)))
		return NULL;
	p += strlen(pat);
	snprintf(value, sizeof(value), "%.*s", (int)strcspn(p, "\""), p);
	return value;
}

/* Sign in to srv from address (X-Forwarded-For, for a server with trust-proxy 1):
 * the status of the post. */
static int sign_in(const struct srv *srv, const char *user, const char *pass,
		   const char *address)
{
	struct http_response *r = http_get(srv, "/signin", NULL);
	char cookie[600], body[700], token[256];
	int status;

	assert_int_equal(r->status, 200);
	snprintf(token, sizeof(token), "%s", hidden(r->body, "signin"));
	http_response_free(r);
	snprintf(cookie, sizeof(cookie), "Cookie: ccrepo_signin=%s\r\nContent-Type: "
		 "application/x-www-form-urlencoded\r\nX-Forwarded-For: %s\r\n", token,
		 address);
	snprintf(body, sizeof(body), "signin=%s&username=%s&password=%s", token, user, pass);
	r = http_request(srv, "POST", "/signin", cookie, body, strlen(body));
	status = r->status;
	http_response_free(r);
	return status;
}

/* Defect 5: five wrong passwords lock the account under every spelling of its name,
 * even from five addresses (each address's own lock is not what stops it). */
static void test_signin_lock_any_case(void **state)
{
	static const char *const typed[] = { "Victim", "VICTIM", "vIctim", "viCtim", "vicTim" };
	struct srv *t = srv_start((const char *const[]){ "--trust-proxy", "1", NULL });
	char address[32];

	(void)state;
	assert_non_null(t);
	assert_int_equal(harness_cli(t->dir, HARNESS_PASSWORD "\n", (const char *const[]){
			 "user", "add", "victim", "--role", "reader", "--org", SRV_OPERATOR_ORG,
			 "--password-stdin", NULL }, NULL, 0), 0);
	for (int i = 0; i < 5; i++) {
		snprintf(address, sizeof(address), "192.0.2.%d", i + 1);
		assert_int_equal(sign_in(t, typed[i], "wrong+password+here", address), 401);
	}
	assert_int_equal(sign_in(t, "victim", "a+long+enough+password", "192.0.2.50"), 429);
	assert_int_equal(sign_in(t, "VICTIM", "a+long+enough+password", "192.0.2.51"), 429);
	assert_int_equal(sign_in(t, "Victim", "a+long+enough+password", "192.0.2.52"), 429);
	/* another account from those addresses is not locked */
	assert_int_equal(harness_cli(t->dir, "another long password\n", (const char *const[]){
			 "user", "add", "other", "--role", "reader", "--org", SRV_OPERATOR_ORG,
			 "--password-stdin", NULL }, NULL, 0), 0);
	assert_int_equal(sign_in(t, "OTHER", "another+long+password", "192.0.2.1"), 303);
	assert_int_equal(srv_stop(t), 0);
}

/* Defect 8: a reader who reloads a restricted record writes one audit entry a day. */
static void test_audit_once_a_day(void **state)
{
	long long id = published_lesson("AMBER", "zqauditflood");
	char path[64], target[64], out[4096];
	char *o = NULL, *err = NULL;
	const char *args[] = { "audit", "list", "--action", "read.restricted", "--target",
			       target, "--limit", "1000", "--db", NULL, NULL };
	char db[400];
	int lines = 0;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/lessons/%lld", id);
	snprintf(target, sizeof(target), "record/%lld", id);
	for (int i = 0; i < 40; i++) {
		json_decref(must(OLA, "GET", path, NULL, 200));
		json_decref(must(FKE, "GET", path, NULL, 200));
	}
	snprintf(db, sizeof(db), "%s/ccrepo.db", D);
	args[9] = db;
	assert_int_equal(harness_run(args, NULL, D, &o, &err), 0);
	for (const char *p = o; p && (p = strchr(p, '\n')); p++)
		lines++;
	/* one entry for ola, one for fke (ann, the author, reads it through creation) */
	snprintf(out, sizeof(out), "%s", o ? o : "");
	if (lines != 2)
		fail_msg("want 2 read.restricted entries for %s, got %d:\n%s", target, lines, out);
	assert_has(out, "\tola\t");
	assert_has(out, "\tfke\t");
	free(o);
	free(err);
	assert_int_equal(cli("", (const char *const[]){ "audit", "verify", NULL }, NULL, 0), 0);
}

/* Defect 10: a URI in use by a law the caller cannot read: a plain conflict. */
static void test_taken_uri(void **state)
{
	struct http_response *h;

	(void)state;
	import_law(CUR, "/api/v1/works/import?uri=/akn/ke/act/2020/77&date=2020-01-01&tlp=RED",
		   law_v1, 201);
	h = as(FKE, "POST", "/api/v1/works/import?uri=/akn/ke/act/2020/77&date=2020-01-01",
	       "text/plain", law_v2);
	assert_int_equal(h->status, 409);
	assert_lacks(h->body, "UNIQUE");
	assert_lacks(h->body, "constraint");
	assert_has(h->body, "already in use");
	http_response_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_focal_point_label),
		cmocka_unit_test(test_lowered_label_waits),
		cmocka_unit_test(test_edit_waits),
		cmocka_unit_test(test_law_version_waits),
		cmocka_unit_test(test_no_country_move),
		cmocka_unit_test(test_signin_lock_any_case),
		cmocka_unit_test(test_audit_once_a_day),
		cmocka_unit_test(test_taken_uri),
	};

	return harness_exit(cmocka_run_group_tests(tests, group_setup, group_teardown));
}
