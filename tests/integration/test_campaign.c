/* A whole questionnaire campaign through the API of the real binary (issue 15): a
 * curator opens a campaign for Kenya, Nigeria and the United States on a small
 * template; Kenya and Nigeria answer (a draft, a stale revision, an incomplete
 * submission, a complete one), Kenya's is returned with a comment, resubmitted and
 * accepted; a past round opened at the command line shows a country late, refuses
 * its save naming the deadline and takes it after a curator reopens it; the United
 * States answers offline (CSV downloaded, filled, uploaded; bad uploads refused with
 * nothing stored); the aggregates are the curators' until published; Kenya's GREEN
 * answer reaches nobody outside Kenya and the curators, Nigeria's CLEAR accepted one
 * everybody; every step is in the audit log; bad input is a 400 naming the member. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "integration/harness.h"

static char *D;
static struct srv *S;
/* "Authorization: Bearer ...\r\n" of: a curator, the curator's read-only token, the
 * focal points of Kenya, Nigeria and the United States, a reader; "" the public */
static char cur[200], cur_ro[200], fke[200], fng[200], fus[200], rdr[200];
static const char *const pub = "";
static long long C1, C2;	/* the campaign opened by the API; the past round */
static char today[16], soon[16], later[16], past[16], long_ago[16];

/* The small template the campaign asks: two stage questions, one of each other kind. */
static const char tmpl[] =
	"{\"id\": \"camp-test\", \"version\": 1, \"title\": \"Campaign test\", \"dimensions\": ["
	"{\"id\": \"legal\", \"questions\": ["
	" {\"id\": \"legal.offences\", \"kind\": \"stage\", \"text\": \"How complete are the "
	"offences?\", \"evidence\": \"required\", \"articles\": [\"un-cc/7\"], \"stages\": "
	"[\"none\", \"a few\", \"most\", \"all\", \"all, reviewed\"]},"
	" {\"id\": \"legal.access\", \"kind\": \"yes_partly_no\", \"text\": \"Is illegal access "
	"an offence?\"}]},"
	"{\"id\": \"training\", \"questions\": ["
	" {\"id\": \"training.level\", \"kind\": \"stage\", \"text\": \"How trained are judges, "
	"prosecutors and police?\", \"stages\": [\"none\", \"some\", \"many\", \"most\", "
	"\"all\"]},"
	" {\"id\": \"training.judges\", \"kind\": \"number\", \"text\": \"Judges trained\", "
	"\"min\": 0, \"max\": 100000},"
	" {\"id\": \"training.mode\", \"kind\": \"choice\", \"text\": \"How?\", \"options\": "
	"[{\"id\": \"online\", \"text\": \"Online\"}, {\"id\": \"class\", \"text\": \"In "
	"class\"}]},"
	" {\"id\": \"training.note\", \"kind\": \"text\", \"text\": \"Anything else?\", "
	"\"evidence\": \"optional\"}]}]}";

/* ---- requests ---- */

/* A request as auth (a header line, "" for the public) with a body of ctype. */
static struct http_response *req(const char *auth, const char *method, const char *path,
				 const char *ctype, const char *body)
{
	char hdr[400];
	struct http_response *r;

	snprintf(hdr, sizeof(hdr), "%s%s%s%s", auth, ctype ? "Content-Type: " : "",
		 ctype ? ctype : "", ctype ? "\r\n" : "");
	r = http_request(S, method, path, hdr, body, body ? strlen(body) : 0);
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
				      json);
	json_t *j;

	if (r->status != status)
		fail_msg("%s %s: %d, want %d: %.400s", method, path, r->status, status,
			 r->body ? r->body : "");
	if (has && (!r->body || !strstr(r->body, has)))
		fail_msg("%s %s: no \"%s\" in %.400s", method, path, has, r->body ? r->body : "");
	j = json_loads(r->body ? r->body : "", 0, NULL);
	http_response_free(r);
	return j;
}

#define EXPECT(auth, method, path, json, status, has) \
	json_decref(call((auth), (method), (path), (json), (status), (has)))

/* A change the rules refuse (not a malformed request): 400 or 409, with has. */
static void refused(const char *auth, const char *method, const char *path, const char *json,
		    const char *has)
{
	struct http_response *r = req(auth, method, path, json ? "application/json" : NULL,
				      json);

	if (r->status != 400 && r->status != 409)
		fail_msg("%s %s: %d, want 400 or 409: %.400s", method, path, r->status,
			 r->body ? r->body : "");
	if (has)
		assert_has(r->body, has);
	http_response_free(r);
}

/* GET path as auth: status, and the body lacks canary. */
static void lacks(const char *auth, const char *path, int status, const char *canary)
{
	struct http_response *r = req(auth, "GET", path, NULL, NULL);

	if (r->status != status)
		fail_msg("GET %s: %d, want %d: %.300s", path, r->status, status,
			 r->body ? r->body : "");
	assert_lacks(r->body, canary);
	http_response_free(r);
}

static const char *str_of(json_t *j, const char *key)
{
	const char *s = json_string_value(json_object_get(j, key));

	if (!s)
		fail_msg("no string %s in the answer", key);
	return s;
}

static long long int_of(json_t *j, const char *key)
{
	json_t *v = json_object_get(j, key);

	if (!json_is_integer(v))
		fail_msg("no integer %s in the answer", key);
	return (long long)json_integer_value(v);
}

static const char *path_of(char *buf, size_t size, long long c, const char *rest)
{
	snprintf(buf, size, "/api/v1/campaigns/%lld%s", c, rest);
	return buf;
}

/* The revision of country's answer to campaign c, as the curator reads it. */
static long long revision_of(long long c, const char *country)
{
	char path[128];
	json_t *j;
	long long n;

	snprintf(path, sizeof(path), "/api/v1/campaigns/%lld/answers/%s", c, country);
	j = call(cur, "GET", path, NULL, 200, NULL);
	n = int_of(j, "revision");
	json_decref(j);
	return n;
}

/* The status of country's answer to campaign c, as the curator reads it. */
static void status_is(long long c, const char *country, const char *status)
{
	char path[128];
	json_t *j;

	snprintf(path, sizeof(path), "/api/v1/campaigns/%lld/answers/%s", c, country);
	j = call(cur, "GET", path, NULL, 200, NULL);
	assert_string_equal(str_of(j, "status"), status);
	json_decref(j);
}

static void day(char *buf, int offset)
{
	time_t t = time(NULL) + (time_t)offset * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 16, "%Y-%m-%d", &tm);
}

/* ---- setup ---- */

static int cli(const char *const *args)
{
	return harness_cli(D, NULL, args, NULL, 0);
}

/* Account name (with an e-mail address) and its token of scope into auth. */
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
	char file[1200], token[160];

	(void)state;
	day(today, 0);
	day(soon, 5);
	day(later, 30);
	day(past, -1);
	day(long_ago, -30);
	if (!(D = harness_tmpdir()) || cli((const char *const[]){ "migrate", NULL }))
		return -1;
	snprintf(file, sizeof(file), "%s/template.json", D);
	if (harness_write_file(file, tmpl, strlen(tmpl)) ||
	    cli((const char *const[]){ "questionnaire", "import", file, "--publish", NULL }) ||
	    cli((const char *const[]){ "org", "add", "UNODC", "--kind", "unodc", NULL }) ||
	    cli((const char *const[]){ "org", "add", "Civic", "--kind", "civil_society", NULL }))
		return -1;
	for (int i = 0; i < 3; i++) {
		static const char *const cs[] = { "KE", "NG", "US" };
		char org[16];

		snprintf(org, sizeof(org), "%s-NA", cs[i]);
		if (cli((const char *const[]){ "org", "add", org, "--kind", "national_authority",
					       "--country", cs[i], NULL }))
			return -1;
	}
	if (account("cora", "curator", "UNODC", NULL, "write", cur) ||
	    account("kamau", "focal_point", "KE-NA", "KE", "write", fke) ||
	    account("ada", "focal_point", "NG-NA", "NG", "write", fng) ||
	    account("sam", "focal_point", "US-NA", "US", "write", fus) ||
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

/* ---- a campaign ---- */

static void test_open(void **state)
{
	char body[1024], path[128];
	json_t *j;

	(void)state;
	snprintf(body, sizeof(body), "{\"title\":\"Round 2027\",\"template\":\"camp-test\","
		 "\"opens_on\":\"%s\",\"deadline\":\"%s\",\"countries\":[\"KE\",\"nga\","
		 "\"840\"]}", today, later);
	/* only curators, and not with a read-only token */
	EXPECT(pub, "POST", "/api/v1/campaigns", body, 403, NULL);
	EXPECT(fke, "POST", "/api/v1/campaigns", body, 403, NULL);
	EXPECT(rdr, "POST", "/api/v1/campaigns", body, 403, NULL);
	EXPECT(cur_ro, "POST", "/api/v1/campaigns", body, 403, NULL);
	/* bad members, each named */
	EXPECT(cur, "POST", "/api/v1/campaigns", "{\"title\":\"x\",\"colour\":\"red\"}", 400,
	       "colour");
	EXPECT(cur, "POST", "/api/v1/campaigns", "{\"title\":\"x\",\"all\":\"yes\"}", 400,
	       "all");
	EXPECT(cur, "POST", "/api/v1/campaigns", "{\"title\":7}", 400, "title");
	EXPECT(cur, "POST", "/api/v1/campaigns", "{\"title\":\"x\",\"countries\":\"KE\"}",
	       400, "countries");
	EXPECT(cur, "POST", "/api/v1/campaigns", "{\"title\":\"x\",\"countries\":[\"KE\",4]}",
	       400, "countries[1]");
	{
		char many[4000] = "{\"title\":\"x\",\"countries\":[";

		for (int i = 0; i < 301; i++)
			strcat(many, i ? ",\"KE\"" : "\"KE\"");
		strcat(many, "]}");
		EXPECT(cur, "POST", "/api/v1/campaigns", many, 400, "countries");
	}
	{
		char t[256];

		memset(t, 'x', 201);
		t[201] = '\0';
		snprintf(body, sizeof(body), "{\"title\":\"%s\",\"template\":\"camp-test\","
			 "\"deadline\":\"%s\",\"all\":true}", t, later);
		EXPECT(cur, "POST", "/api/v1/campaigns", body, 400, "title");
	}
	snprintf(body, sizeof(body), "{\"title\":\"Nobody\",\"template\":\"camp-test\","
		 "\"deadline\":\"%s\",\"countries\":[]}", later);
	EXPECT(cur, "POST", "/api/v1/campaigns", body, 400, "no country is asked");
	snprintf(body, sizeof(body), "{\"title\":\"Late\",\"template\":\"camp-test\","
		 "\"opens_on\":\"%s\",\"deadline\":\"%s\",\"countries\":[\"KE\"]}", long_ago, past);
	EXPECT(cur, "POST", "/api/v1/campaigns", body, 400, "deadline");
	snprintf(body, sizeof(body), "{\"title\":\"No template\",\"template\":\"nothing\","
		 "\"deadline\":\"%s\",\"countries\":[\"KE\"]}", later);
	EXPECT(cur, "POST", "/api/v1/campaigns", body, 400, "template");
	EXPECT(cur, "POST", "/api/v1/campaigns", "{\"title\":\"x\",\"template\":\"camp-test\"}",
	       400, NULL);

	snprintf(body, sizeof(body), "{\"title\":\"Round 2027\",\"template\":\"camp-test\","
		 "\"opens_on\":\"%s\",\"deadline\":\"%s\",\"countries\":[\"KE\",\"nga\","
		 "\"840\"]}", today, later);
	j = call(cur, "POST", "/api/v1/campaigns", body, 201, "\"template\":\"camp-test@1\"");
	C1 = int_of(j, "id");
	assert_int_equal(int_of(j, "countries_asked"), 3);
	assert_string_equal(str_of(j, "deadline"), later);
	assert_string_equal(str_of(j, "opened_by"), "cora");
	json_decref(j);

	/* public: what a campaign is, not who opened it */
	j = call(pub, "GET", path_of(path, sizeof(path), C1, ""), NULL, 200,
		 "\"not_started\":3");
	assert_string_equal(str_of(j, "title"), "Round 2027");
	assert_null(json_object_get(j, "opened_by"));
	json_decref(j);
	EXPECT(pub, "GET", "/api/v1/campaigns", NULL, 200, "Round 2027");
	EXPECT(pub, "GET", "/api/v1/campaigns?limit=0", NULL, 400, "limit");
	EXPECT(fke, "GET", "/api/v1/campaigns?country=KE", NULL, 200, "\"status\":\"not_started\"");
	lacks(pub, "/api/v1/campaigns?country=KE", 200, "\"status\"");
	EXPECT(pub, "GET", "/api/v1/campaigns?country=XX", NULL, 400, "country");
	/* tracking and the reminders: curators */
	EXPECT(cur, "GET", path_of(path, sizeof(path), C1, "/tracking"), NULL, 200,
	       "\"country\":\"KE\"");
	EXPECT(fke, "GET", path, NULL, 403, NULL);
	EXPECT(pub, "GET", path, NULL, 403, NULL);
	{
		struct http_response *r = req(cur, "GET", path_of(path, sizeof(path), C1,
								  "/reminders"), NULL, NULL);

		assert_status(r, 200);
		assert_header_has(r, "Content-Type", "text/plain");
		assert_has(r->body, "Kenya\t");
		assert_has(r->body, "kamau@example.org");
		assert_has(r->body, "sam@example.org");
		http_response_free(r);
		EXPECT(fke, "GET", path, NULL, 403, NULL);
	}
}

/* Every value of a complete answer, as JSON, with a canary in its evidence. */
static void complete(char *buf, size_t size, long long revision, const char *stage,
		     const char *tlp, const char *canary)
{
	snprintf(buf, size, "{\"revision\":%lld,%s%s%s\"values\":["
		 "{\"question\":\"legal.offences\",\"value\":\"%s\",\"evidence\":\"%s\"},"
		 "{\"question\":\"legal.access\",\"value\":\"partly\"},"
		 "{\"question\":\"training.level\",\"value\":\"%s\"},"
		 "{\"question\":\"training.judges\",\"value\":\"12\"},"
		 "{\"question\":\"training.mode\",\"value\":\"online\"}]}", revision,
		 tlp ? "\"tlp\":\"" : "", tlp ? tlp : "", tlp ? "\"," : "", stage, canary, stage);
}

/* A step's JSON body as auth at path; the answer's new revision. */
static long long step(const char *auth, const char *path, const char *json, const char *has)
{
	json_t *j = call(auth, "POST", path, json, 200, has);
	long long n = int_of(j, "revision");

	json_decref(j);
	return n;
}

/* {"revision": n} */
static const char *rev_body(long long n)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "{\"revision\":%lld}", n);
	return buf;
}

static void test_answer(void **state)
{
	char path[128], body[2048];
	long long rev;
	json_t *j;

	(void)state;
	path_of(path, sizeof(path), C1, "/answers/KE");
	j = call(fke, "GET", path, NULL, 200, "\"status\":\"not_started\"");
	assert_int_equal(int_of(j, "revision"), 0);
	assert_string_equal(str_of(j, "tlp"), "GREEN");
	json_decref(j);
	/* a draft */
	j = call(fke, "PUT", path, "{\"revision\":0,\"values\":[{\"question\":\"legal.offences\","
		 "\"value\":\"2\",\"evidence\":\"/akn/ke/act/2018/5 zqkecanary\"}]}", 200,
		 "\"status\":\"draft\"");
	assert_int_equal(int_of(j, "revision"), 1);
	assert_string_equal(str_of(j, "updated_by"), "kamau");
	json_decref(j);
	/* another writer from the same revision: 409, nothing stored */
	EXPECT(fke, "PUT", path, "{\"revision\":0,\"values\":[{\"question\":\"legal.access\","
	       "\"value\":\"yes\"}]}", 409, "revision");
	/* bad input: 400 naming the member or the question, nothing stored */
	EXPECT(fke, "PUT", path, "{\"revision\":\"1\"}", 400, "revision");
	EXPECT(fke, "PUT", path, "{\"values\":[]}", 400, "revision");
	EXPECT(fke, "PUT", path, "{\"revision\":-1}", 400, "revision");
	EXPECT(fke, "PUT", path, "{\"revision\":1,\"colour\":1}", 400, "colour");
	EXPECT(fke, "PUT", path, "{\"revision\":1,\"values\":{}}", 400, "values");
	EXPECT(fke, "PUT", path, "{\"revision\":1,\"values\":[7]}", 400, "values[0]");
	EXPECT(fke, "PUT", path, "{\"revision\":1,\"values\":[{\"question\":\"legal.access\","
	       "\"answer\":\"yes\"}]}", 400, "values[0].answer");
	EXPECT(fke, "PUT", path, "{\"revision\":1,\"values\":[{\"question\":\"legal.access\","
	       "\"value\":3}]}", 400, "value");
	EXPECT(fke, "PUT", path, "{\"revision\":1,\"values\":[{\"value\":\"yes\"}]}", 400,
	       "values[0].question");
	EXPECT(fke, "PUT", path, "{\"revision\":1,\"values\":[{\"question\":\"legal.offences\","
	       "\"value\":\"9\"}]}", 400, "legal.offences");
	EXPECT(fke, "PUT", path, "{\"revision\":1,\"values\":[{\"question\":\"legal.nothing\","
	       "\"value\":\"yes\"}]}", 400, "legal.nothing");
	EXPECT(fke, "PUT", path, "{\"revision\":1,\"values\":[{\"question\":\"training.mode\","
	       "\"value\":\"carrier pigeon\"}]}", 400, "training.mode");
	EXPECT(fke, "PUT", path, "{\"revision\":1,\"values\":[{\"question\":\"training.judges\","
	       "\"value\":\"many\"}]}", 400, "training.judges");
	EXPECT(fke, "PUT", path, "{\"revision\":1,\"tlp\":\"RED\"}", 400, "tlp");
	{
		static char big[8000];
		int n = snprintf(big, sizeof(big), "{\"revision\":1,\"values\":[{\"question\":"
				 "\"training.note\",\"value\":\"");

		memset(big + n, 'x', 4001);
		strcpy(big + n + 4001, "\"}]}");
		EXPECT(fke, "PUT", path, big, 400, "training.note");
	}
	{
		static char many[20000];
		size_t n = (size_t)snprintf(many, sizeof(many), "{\"revision\":1,\"values\":[");

		for (int i = 0; i < 201; i++)
			n += (size_t)snprintf(many + n, sizeof(many) - n, "%s{\"question\":"
					      "\"legal.access\"}", i ? "," : "");
		snprintf(many + n, sizeof(many) - n, "]}");
		EXPECT(fke, "PUT", path, many, 400, "values");
	}
	{
		struct http_response *r = req(fke, "PUT", path, "text/plain", "revision=1");

		assert_status(r, 415);
		http_response_free(r);
	}
	assert_int_equal(revision_of(C1, "KE"), 1);
	/* nobody else writes Kenya's answer (those who may not read it do not learn it
	 * exists: 404); a curator's read-only token does not write (403) */
	EXPECT(fng, "PUT", path, "{\"revision\":1}", 404, NULL);
	EXPECT(pub, "PUT", path, "{\"revision\":1}", 404, NULL);
	EXPECT(rdr, "PUT", path, "{\"revision\":1}", 404, NULL);
	EXPECT(cur_ro, "PUT", path, "{\"revision\":1}", 403, NULL);
	EXPECT(fng, "POST", path_of(path, sizeof(path), C1, "/answers/KE/submit"),
	       "{\"revision\":1}", 404, NULL);
	assert_int_equal(revision_of(C1, "KE"), 1);
	/* submitted incomplete: 400 naming a question left out */
	path_of(path, sizeof(path), C1, "/answers/KE/submit");
	EXPECT(fke, "POST", path, "{\"revision\":1}", 400, "legal.access");
	EXPECT(fke, "POST", path, "{}", 400, "revision");
	EXPECT(fke, "POST", path, "{\"revision\":1,\"now\":true}", 400, "now");
	EXPECT(fke, "POST", path, "{\"revision\":0}", 409, NULL);
	status_is(C1, "KE", "draft");
	/* complete: saved by POST as well as PUT, then submitted */
	complete(body, sizeof(body), 1, "2", NULL, "/akn/ke/act/2018/5 zqkecanary");
	j = call(fke, "POST", path_of(path, sizeof(path), C1, "/answers/ke"), body, 200,
		 "\"revision\":2");
	assert_int_equal(json_array_size(json_object_get(j, "values")), 5);
	json_decref(j);
	rev = step(fke, path_of(path, sizeof(path), C1, "/answers/KEN/submit"), rev_body(2),
		   "\"status\":\"submitted\"");
	/* a submitted answer is not saved into */
	refused(fke, "PUT", path_of(path, sizeof(path), C1, "/answers/KE"), rev_body(rev), NULL);
	assert_int_equal(revision_of(C1, "KE"), rev);

	/* Nigeria: complete at once, CLEAR */
	complete(body, sizeof(body), 0, "4", "CLEAR", "/akn/ng/act/2015/1");
	EXPECT(fng, "PUT", path_of(path, sizeof(path), C1, "/answers/NG"), body, 200,
	       "\"tlp\":\"CLEAR\"");
	step(fng, path_of(path, sizeof(path), C1, "/answers/NG/submit"), rev_body(1),
	     "\"status\":\"submitted\"");

	/* the curator returns Kenya's with a comment; only curators return and accept */
	path_of(path, sizeof(path), C1, "/answers/KE/return");
	EXPECT(fke, "POST", path, "{\"comment\":\"fine\"}", 403, NULL);
	EXPECT(cur_ro, "POST", path, "{\"comment\":\"fine\"}", 403, NULL);
	EXPECT(cur, "POST", path, "{\"comment\":7}", 400, "comment");
	EXPECT(cur, "POST", path, "{\"note\":\"x\"}", 400, "note");
	EXPECT(cur, "POST", path, "{}", 400, "comment");
	j = call(cur, "POST", path, "{\"comment\":\"Please give the section for "
		 "legal.offences.\"}", 200, "\"status\":\"returned\"");
	assert_string_equal(str_of(j, "comment"), "Please give the section for legal.offences.");
	rev = int_of(j, "revision");
	json_decref(j);
	EXPECT(cur, "POST", path, "{\"comment\":\"again\"}", 409, NULL);
	EXPECT(fke, "GET", path_of(path, sizeof(path), C1, "/answers/KE"), NULL, 200,
	       "Please give the section");
	/* resubmitted: saved (still returned), submitted */
	snprintf(body, sizeof(body), "{\"revision\":%lld,\"values\":[{\"question\":"
		 "\"legal.offences\",\"value\":\"2\",\"evidence\":\"/akn/ke/act/2018/5 "
		 "section 14 zqkecanary\"}]}", rev);
	j = call(fke, "PUT", path, body, 200, "\"status\":\"returned\"");
	rev = int_of(j, "revision");
	json_decref(j);
	rev = step(fke, path_of(path, sizeof(path), C1, "/answers/KE/submit"), rev_body(rev),
		   "\"status\":\"submitted\"");
	/* accepted */
	path_of(path, sizeof(path), C1, "/answers/KE/accept");
	EXPECT(fke, "POST", path, NULL, 403, NULL);
	EXPECT(cur, "POST", path, "{\"now\":1}", 400, "now");
	rev = step(cur, path, NULL, "\"status\":\"accepted\"");
	EXPECT(cur, "POST", path, "{}", 409, NULL);
	EXPECT(cur, "POST", path_of(path, sizeof(path), C1, "/answers/NG/accept"), "{}", 200,
	       "\"accepted_by\":\"cora\"");
	/* an accepted answer is final */
	refused(fke, "PUT", path_of(path, sizeof(path), C1, "/answers/KE"), rev_body(rev), NULL);
	refused(fke, "POST", path_of(path, sizeof(path), C1, "/answers/KE/submit"),
		rev_body(rev), NULL);

	/* the counts and the tracking follow */
	EXPECT(pub, "GET", path_of(path, sizeof(path), C1, ""), NULL, 200, "\"accepted\":2");
	j = call(cur, "GET", path_of(path, sizeof(path), C1, "/tracking"), NULL, 200, NULL);
	{
		json_t *cs = json_object_get(j, "countries"), *x;
		size_t i;
		int seen = 0;

		assert_int_equal(json_array_size(cs), 3);
		json_array_foreach(cs, i, x) {
			const char *c = str_of(x, "country"), *st = str_of(x, "status");

			assert_null(json_object_get(x, "values"));
			assert_false(json_is_true(json_object_get(x, "late")));
			if (!strcmp(c, "US"))
				assert_string_equal(st, "not_started"), seen++;
			else
				assert_string_equal(st, "accepted"), seen++;
		}
		assert_int_equal(seen, 3);
	}
	json_decref(j);
	/* the reminders: only the country that has not submitted */
	{
		struct http_response *r = req(cur, "GET", path_of(path, sizeof(path), C1,
								  "/reminders"), NULL, NULL);

		assert_status(r, 200);
		assert_has(r->body, "sam@example.org");
		assert_lacks(r->body, "kamau@example.org");
		http_response_free(r);
	}
}

/* ---- a past round, late ---- */

static void test_late(void **state)
{
	char path[128], body[2048], opens[40], deadline[40], *out = NULL, *err = NULL;
	long long rev;
	json_t *j, *x;
	size_t i;
	int rc;

	(void)state;
	snprintf(opens, sizeof(opens), "--opens=%s", long_ago);
	snprintf(deadline, sizeof(deadline), "--deadline=%s", past);
	rc = harness_cli_keep(D, NULL, (const char *const[]){ "campaign", "open",
			      "--title=Round 2026", "--template=camp-test", opens, deadline,
			      "--countries=KE,NG", NULL }, &out, &err);
	if (rc)
		fail_msg("ccrepo campaign open: %d: %s%s", rc, out ? out : "", err ? err : "");
	free(out);
	free(err);
	j = call(pub, "GET", "/api/v1/campaigns", NULL, 200, "Round 2026");
	x = json_array_get(json_object_get(j, "campaigns"), 0);	/* newest first */
	assert_string_equal(str_of(x, "title"), "Round 2026");
	C2 = int_of(x, "id");
	json_decref(j);
	/* Kenya has not started and the deadline has passed: late */
	j = call(cur, "GET", path_of(path, sizeof(path), C2, "/tracking"), NULL, 200, NULL);
	assert_int_equal(json_array_size(json_object_get(j, "countries")), 2);
	json_array_foreach(json_object_get(j, "countries"), i, x) {
		assert_string_equal(str_of(x, "status"), "not_started");
		assert_true(json_is_true(json_object_get(x, "late")));
	}
	json_decref(j);
	/* its save refused, naming the deadline */
	complete(body, sizeof(body), 0, "1", NULL, "/akn/ke/act/2018/5");
	path_of(path, sizeof(path), C2, "/answers/KE");
	refused(fke, "PUT", path, body, past);
	assert_int_equal(revision_of(C2, "KE"), 0);
	/* reopened by a curator (not a focal point, not to a past day) */
	snprintf(body, sizeof(body), "{\"until\":\"%s\"}", soon);
	path_of(path, sizeof(path), C2, "/answers/KE/reopen");
	EXPECT(fke, "POST", path, body, 403, NULL);
	EXPECT(cur_ro, "POST", path, body, 403, NULL);
	EXPECT(cur, "POST", path, "{\"until\":\"2001-01-01\"}", 400, "until");
	EXPECT(cur, "POST", path, "{\"until\":\"soon\"}", 400, "until");
	EXPECT(cur, "POST", path, "{\"until\":5}", 400, "until");
	EXPECT(cur, "POST", path, "{}", 400, "until");
	j = call(cur, "POST", path, body, 200, NULL);
	assert_string_equal(str_of(j, "reopened_until"), soon);
	rev = int_of(j, "revision");
	json_decref(j);
	/* now Kenya answers, low stages, and the curator accepts */
	complete(body, sizeof(body), rev, "1", NULL, "/akn/ke/act/2018/5");
	j = call(fke, "PUT", path_of(path, sizeof(path), C2, "/answers/KE"), body, 200,
		 "\"status\":\"draft\"");
	rev = int_of(j, "revision");
	json_decref(j);
	step(fke, path_of(path, sizeof(path), C2, "/answers/KE/submit"), rev_body(rev),
	     "\"status\":\"submitted\"");
	step(cur, path_of(path, sizeof(path), C2, "/answers/KE/accept"), NULL,
	     "\"status\":\"accepted\"");
	/* Nigeria, not reopened, is still refused */
	complete(body, sizeof(body), 0, "3", NULL, "/akn/ng/act/2015/1");
	refused(fng, "PUT", path_of(path, sizeof(path), C2, "/answers/NG"), body, past);
	/* a curator reopening an accepted answer makes it returned */
	snprintf(body, sizeof(body), "{\"until\":\"%s\"}", soon);
	rev = step(cur, path_of(path, sizeof(path), C2, "/answers/KE/reopen"), body,
		   "\"status\":\"returned\"");
	rev = step(fke, path_of(path, sizeof(path), C2, "/answers/KE/submit"), rev_body(rev),
		   "\"status\":\"submitted\"");
	step(cur, path_of(path, sizeof(path), C2, "/answers/KE/accept"), NULL,
	     "\"status\":\"accepted\"");
}

/* ---- ranked needs from the answers ---- */

/* Kenya's latest accepted answer (the past round, low stages) brings needs of source
 * "answer" to its focal points and curators, ranked by how far each answer is short
 * of the target stage; not to the public, who may not read the answer. */
static void test_needs(void **state)
{
	char campaign[32];
	json_t *j, *x;
	size_t i;
	int answers = 0;

	(void)state;
	snprintf(campaign, sizeof(campaign), "\"campaign\":%lld", C2);
	for (int k = 0; k < 2; k++) {
		struct http_response *r = req(k ? cur : fke, "GET", "/api/v1/needs?country=KE",
					      NULL, NULL);

		assert_status(r, 200);
		assert_has(r->body, "\"source\":\"answer\"");
		assert_has(r->body, campaign);
		/* stage 1 of a stage question (2 stages short of 3) before "partly" (1) */
		assert_before(r->body, "\"question\":\"legal.offences\"",
			      "\"question\":\"legal.access\"");
		assert_before(r->body, "\"question\":\"training.level\"",
			      "\"question\":\"legal.access\"");
		http_response_free(r);
	}
	j = call(cur, "GET", "/api/v1/needs?country=KE", NULL, 200, NULL);
	json_array_foreach(json_object_get(j, "needs"), i, x) {
		if (strcmp(str_of(x, "source"), "answer"))
			continue;
		answers++;
		assert_int_equal(int_of(x, "campaign"), C2);
		assert_true(!strcmp(str_of(x, "dimension"), "legal") ||
			    !strcmp(str_of(x, "dimension"), "training"));
		if (!strcmp(str_of(x, "question"), "legal.offences")) {
			assert_string_equal(str_of(x, "answer"), "1");
			assert_string_equal(str_of(x, "evidence"), "/akn/ke/act/2018/5");
		}
		/* text, numbers and choices are no needs */
		assert_string_not_equal(str_of(x, "question"), "training.judges");
		assert_string_not_equal(str_of(x, "question"), "training.mode");
	}
	assert_int_equal(answers, 3);
	json_decref(j);
	for (int k = 0; k < 3; k++)
		lacks((const char *const[]){ pub, rdr, fng }[k], "/api/v1/needs?country=KE", 200,
		      "\"source\":\"answer\"");
	/* the dimension filter */
	EXPECT(cur, "GET", "/api/v1/needs?country=KE&dimension=training", NULL, 200,
	       "\"question\":\"training.level\"");
	lacks(cur, "/api/v1/needs?country=KE&dimension=training", 200, "legal.offences");
}

/* ---- offline: CSV ---- */

/* The value and evidence the United States fills in, by question. */
static const char *const us_values[][3] = {
	{ "legal.offences", "3", "https://uscode.house.gov/18/1030" },
	{ "legal.access", "yes", "" },
	{ "training.level", "4", "" },
	{ "training.judges", "250", "" },
	{ "training.mode", "class", "" },
	{ "training.note", "Federal Judicial Center, \"cyber\" course", "" },
};

/* Quote v as RFC 4180 does into buf at k; the new length. */
static size_t csv_put(char *buf, size_t k, const char *v)
{
	int q = strpbrk(v, ",\"\r\n") != NULL;

	if (q)
		buf[k++] = '"';
	for (; *v; v++) {
		if (*v == '"')
			buf[k++] = '"';
		buf[k++] = *v;
	}
	if (q)
		buf[k++] = '"';
	return k;
}

/* The raw fields of the record at *p (quotes kept) into f (at most max, their
 * starts and ends); *p moves past its line end. The number of fields. */
static int csv_split(const char **p, const char **start, const char **end, int max)
{
	int n = 0, quoted = 0;

	start[0] = *p;
	for (; **p && (quoted || **p != '\n'); (*p)++) {
		if (**p == '"') {
			quoted = !quoted;
		} else if (**p == ',' && !quoted && n + 1 < max) {
			end[n++] = *p;
			start[n] = *p + 1;
		}
	}
	end[n] = *p > start[n] && (*p)[-1] == '\r' ? *p - 1 : *p;
	if (**p == '\n')
		(*p)++;
	return n + 1;
}

/* csv with each question row's value and evidence (the columns the header names
 * so) set from vals, by the row's question (empty for questions vals does not
 * name); the comment line and the header kept as they are. Free the result. */
static char *csv_fill(const char *csv, const char *const (*vals)[3], size_t n)
{
	const char *p = csv, *start[16], *end[16];
	char *buf = malloc(strlen(csv) * 2 + 8192);
	int vcol = -1, ecol = -1, qcol = -1;
	size_t k = 0;

	assert_non_null(buf);
	while (*p) {
		const char *line = p;
		int nf = csv_split(&p, start, end, 16);

		if (*line == '#' || qcol < 0) {
			for (int i = 0; *line != '#' && i < nf; i++) {
				size_t len = (size_t)(end[i] - start[i]);

				if (len == 8 && !strncmp(start[i], "question", 8))
					qcol = i;
				else if (len == 5 && !strncmp(start[i], "value", 5))
					vcol = i;
				else if (len == 8 && !strncmp(start[i], "evidence", 8))
					ecol = i;
			}
			memcpy(buf + k, line, (size_t)(p - line));
			k += (size_t)(p - line);
			continue;
		}
		assert_true(vcol >= 0 && ecol >= 0 && nf > vcol && nf > ecol);
		for (int i = 0; i < nf; i++) {
			const char *v = NULL;

			for (size_t q = 0; q < n && (i == vcol || i == ecol); q++)
				if ((size_t)(end[qcol] - start[qcol]) == strlen(vals[q][0]) &&
				    !strncmp(start[qcol], vals[q][0], strlen(vals[q][0])))
					v = vals[q][i == vcol ? 1 : 2];
			if (i)
				buf[k++] = ',';
			if (i == vcol || i == ecol) {
				k = csv_put(buf, k, v ? v : "");
			} else {
				memcpy(buf + k, start[i], (size_t)(end[i] - start[i]));
				k += (size_t)(end[i] - start[i]);
			}
		}
		buf[k++] = '\r';
		buf[k++] = '\n';
	}
	buf[k] = '\0';
	return buf;
}

/* Upload csv into the United States' answer to C1: status, and the body has has. */
static void upload(const char *auth, const char *csv, int status, const char *has)
{
	char path[128];
	struct http_response *r = req(auth, "PUT", path_of(path, sizeof(path), C1,
							   "/answers/US"), "text/csv", csv);

	if (r->status != status)
		fail_msg("upload: %d, want %d: %.400s", r->status, status, r->body ? r->body : "");
	if (has)
		assert_has(r->body, has);
	http_response_free(r);
}

/* A copy of csv with the first occurrence of from replaced by to. */
static char *replaced(const char *csv, const char *from, const char *to)
{
	const char *at = strstr(csv, from);
	char *s;

	if (!at)
		fail_msg("no \"%s\" in the CSV: %.300s", from, csv);
	s = malloc(strlen(csv) + strlen(to) + 1);
	assert_non_null(s);
	sprintf(s, "%.*s%s%s", (int)(at - csv), csv, to, at + strlen(from));
	return s;
}

static void test_csv(void **state)
{
	char path[128], comment[160], mine[64], other[160];
	struct http_response *r;
	char *blank, *filled, *bad;
	json_t *j, *v;
	size_t i;

	(void)state;
	r = req(fus, "GET", path_of(path, sizeof(path), C1, "/answers/US.csv"), NULL, NULL);
	assert_status(r, 200);
	assert_header_has(r, "Content-Type", "text/csv");
	/* the first line: the comment naming the campaign, template, country, revision */
	snprintf(comment, sizeof(comment), "%.*s", (int)strcspn(r->body, "\r\n"), r->body);
	snprintf(mine, sizeof(mine), "campaign %lld", C1);
	assert_true(comment[0] == '#');
	assert_has(comment, mine);
	assert_has(comment, "camp-test@1");
	assert_has(comment, "US");
	assert_has(comment, "revision 0");
	assert_has(r->body, "question,dimension,kind,text,allowed,");
	assert_has(r->body, "value,evidence\r\n");
	assert_has(r->body, "\r\nlegal.offences,");
	blank = strdup(r->body);
	http_response_free(r);
	r = req(fus, "GET", path_of(path, sizeof(path), C1, "/answers/us?format=csv"), NULL,
		NULL);
	assert_status(r, 200);
	assert_string_equal(r->body, blank);
	http_response_free(r);
	EXPECT(fus, "GET", path_of(path, sizeof(path), C1, "/answers/US?format=xml"), NULL, 400,
	       "format");

	filled = csv_fill(blank, us_values, sizeof(us_values) / sizeof(us_values[0]));
	/* refused uploads, each naming the problem; nothing stored */
	bad = replaced(filled, mine, "campaign 999");
	upload(fus, bad, 400, "campaign 999");
	free(bad);
	bad = replaced(filled, "camp-test@1", "camp-test@2");
	upload(fus, bad, 400, "camp-test@2");
	free(bad);
	snprintf(other, sizeof(other), "%s", comment);
	memcpy(strstr(other, "US"), "NG", 2);
	bad = replaced(filled, comment, other);
	upload(fus, bad, 400, "NG");
	free(bad);
	bad = replaced(filled, "legal.access,", "legal.nothing,");
	upload(fus, bad, 400, "legal.nothing");
	free(bad);
	{
		const char *const stage7[][3] = { { "legal.offences", "7", "" } };
		char *one = csv_fill(blank, stage7, 1);

		upload(fus, one, 400, "legal.offences");
		upload(fus, one, 400, "row ");
		free(one);
	}
	{
		/* 10,001 rows */
		size_t len = strlen(filled), cap = len + 10001 * 40;
		char *big = malloc(cap), *at;

		assert_non_null(big);
		memcpy(big, filled, len);
		at = big + len;
		/* the comment, the header, 6 questions and 9,993 empty rows */
		for (int k = 0; k < 10001 - 8; k++)
			at += sprintf(at, ",,,,,,,\r\n");
		*at = '\0';
		{
			char p3[128];
			struct http_response *r3 = req(fus, "PUT", path_of(p3, sizeof(p3), C1,
							"/answers/US"), "text/csv", big);

			assert_status(r3, 400);
			if (!strstr(r3->body, "10000") && !strstr(r3->body, "10,000"))
				fail_msg("the refusal of 10,001 rows names no limit: %.300s",
					 r3->body);
			http_response_free(r3);
		}
		free(big);
	}
	upload(fus, "\xff\xfe", 400, "UTF-8");
	upload(fng, filled, 404, NULL);
	upload(pub, filled, 404, NULL);
	assert_int_equal(revision_of(C1, "US"), 0);
	/* the filled CSV */
	upload(fus, filled, 200, "\"revision\":1");
	j = call(fus, "GET", path_of(path, sizeof(path), C1, "/answers/US"), NULL, 200,
		 "\"status\":\"draft\"");
	json_array_foreach(json_object_get(j, "values"), i, v) {
		const char *q = str_of(v, "question");

		for (size_t k = 0; k < sizeof(us_values) / sizeof(us_values[0]); k++)
			if (!strcmp(q, us_values[k][0]))
				assert_string_equal(str_of(v, "value"), us_values[k][1]);
	}
	assert_int_equal(json_array_size(json_object_get(j, "values")), 6);
	json_decref(j);
	/* uploaded again from revision 0: stale */
	upload(fus, filled, 409, NULL);
	/* downloaded again: revision 1, the values in */
	r = req(fus, "GET", path_of(path, sizeof(path), C1, "/answers/US.csv"), NULL, NULL);
	assert_status(r, 200);
	assert_true(strstr(r->body, "revision 1") < strchr(r->body, '\n'));
	assert_non_null(strstr(r->body, "revision 1"));
	assert_has(r->body, "\"Federal Judicial Center, \"\"cyber\"\" course\"");
	http_response_free(r);
	/* ?revision= names the revision when the comment does not */
	{
		char *nocomment = strdup(strchr(filled, '\n') + 1);
		char p2[160];

		upload(fus, nocomment, 409, NULL);
		snprintf(p2, sizeof(p2), "/api/v1/campaigns/%lld/answers/US?revision=1", C1);
		r = req(fus, "PUT", p2, "text/csv", nocomment);
		assert_status(r, 200);
		assert_has(r->body, "\"revision\":2");
		http_response_free(r);
		free(nocomment);
	}
	free(filled);
	free(blank);
}

/* ---- who reads what ---- */

static void test_leak(void **state)
{
	const char *const outsiders[] = { fng, rdr, pub };
	char path[128];
	json_t *j;

	(void)state;
	/* Kenya's GREEN accepted answer: its focal point and curators only */
	EXPECT(fke, "GET", path_of(path, sizeof(path), C1, "/answers/KE"), NULL, 200,
	       "zqkecanary");
	EXPECT(cur, "GET", path, NULL, 200, "zqkecanary");
	for (size_t i = 0; i < 3; i++) {
		const char *who = outsiders[i];

		lacks(who, path_of(path, sizeof(path), C1, "/answers/KE"), 404, "zqkecanary");
		lacks(who, path_of(path, sizeof(path), C1, "/answers/KE.csv"), 404, "zqkecanary");
		lacks(who, path_of(path, sizeof(path), C1, "/answers/KE?format=csv"), 404,
		      "zqkecanary");
		lacks(who, path_of(path, sizeof(path), C1, "/tracking"), 403, "zqkecanary");
		lacks(who, path_of(path, sizeof(path), C1, "/reminders"), 403, "zqkecanary");
		lacks(who, path_of(path, sizeof(path), C1, ""), 200, "zqkecanary");
		lacks(who, "/api/v1/campaigns?country=KE", 200, "zqkecanary");
		lacks(who, "/api/v1/countries/KE/progress", 200, "zqkecanary");
		lacks(who, "/api/v1/needs?country=KE", 200, "zqkecanary");
		/* nor the draft of the United States */
		lacks(who, path_of(path, sizeof(path), C1, "/answers/US"), 404, "Judicial");
	}
	/* nothing says whether a country is asked: the same 404 */
	EXPECT(pub, "GET", path_of(path, sizeof(path), C1, "/answers/FR"), NULL, 404, NULL);
	/* Kenya's progress: for Kenya and curators */
	j = call(pub, "GET", "/api/v1/countries/KE/progress", NULL, 200, NULL);
	assert_int_equal(json_array_size(json_object_get(j, "campaigns")), 0);
	json_decref(j);
	j = call(fke, "GET", "/api/v1/countries/KEN/progress", NULL, 200, "\"legal\"");
	assert_int_equal(json_array_size(json_object_get(j, "campaigns")), 2);
	{
		json_t *x;
		size_t i;
		int seen = 0;

		json_array_foreach(json_object_get(j, "campaigns"), i, x) {
			json_t *dims = json_object_get(x, "dimensions");
			json_t *legal = json_object_get(dims, "legal");
			json_t *training = json_object_get(dims, "training");
			double want = int_of(x, "campaign") == C1 ? 2.0 : 1.0;

			/* one stage question of each dimension, at stage 2 (C1) or 1 (C2) */
			assert_true(json_real_value(json_object_get(legal, "mean")) == want);
			assert_int_equal(int_of(legal, "answered"), 1);
			assert_true(json_real_value(json_object_get(training, "mean")) == want);
			assert_int_equal(int_of(json_object_get(dims, "prevention"), "answered"), 0);
			seen++;
		}
		assert_int_equal(seen, 2);
	}
	json_decref(j);
	EXPECT(pub, "GET", "/api/v1/countries/XX/progress", NULL, 404, NULL);
	/* Nigeria's CLEAR accepted answer: everybody, without the names and comments */
	j = call(pub, "GET", path_of(path, sizeof(path), C1, "/answers/NG"), NULL, 200,
		 "/akn/ng/act/2015/1");
	assert_string_equal(str_of(j, "status"), "accepted");
	assert_null(json_object_get(j, "accepted_by"));
	assert_null(json_object_get(j, "updated_by"));
	assert_null(json_object_get(j, "comment"));
	json_decref(j);
	EXPECT(rdr, "GET", path_of(path, sizeof(path), C1, "/answers/NG.csv"), NULL, 200,
	       "/akn/ng/act/2015/1");
	j = call(pub, "GET", "/api/v1/countries/NG/progress", NULL, 200, NULL);
	assert_int_equal(json_array_size(json_object_get(j, "campaigns")), 1);
	json_decref(j);
}

/* ---- aggregates ---- */

static void test_aggregates(void **state)
{
	char path[128];
	long long rev;
	json_t *j, *q;
	size_t i;

	(void)state;
	path_of(path, sizeof(path), C1, "/aggregates");
	EXPECT(pub, "GET", path, NULL, 403, NULL);
	EXPECT(fke, "GET", path, NULL, 403, NULL);
	j = call(cur, "GET", path, NULL, 200, "\"min_answers\":3");
	json_array_foreach(json_object_get(j, "questions"), i, q) {
		if (!strcmp(str_of(q, "question"), "legal.offences")) {
			assert_int_equal(int_of(q, "answered"), 2);
			assert_false(json_is_true(json_object_get(q, "shown")));
			assert_null(json_object_get(q, "counts"));
		}
	}
	assert_int_equal(json_array_size(json_object_get(j, "questions")), 6);
	json_decref(j);
	path_of(path, sizeof(path), C1, "/publish");
	EXPECT(fke, "POST", path, NULL, 403, NULL);
	EXPECT(cur_ro, "POST", path, NULL, 403, NULL);
	EXPECT(pub, "POST", path, NULL, 403, NULL);
	j = call(cur, "POST", path, NULL, 200, "\"published_by\":\"cora\"");
	assert_non_null(json_string_value(json_object_get(j, "published_at")));
	json_decref(j);
	lacks(pub, path_of(path, sizeof(path), C1, "/aggregates"), 200, "zqkecanary");
	EXPECT(pub, "GET", path, NULL, 200, "\"answered\":2");
	EXPECT(pub, "GET", path_of(path, sizeof(path), C1, ""), NULL, 200, "\"published_at\":\"");

	/* the United States submits its CSV answer, accepted: three answers, figures shown */
	rev = revision_of(C1, "US");
	step(fus, path_of(path, sizeof(path), C1, "/answers/US/submit"), rev_body(rev),
	     "\"status\":\"submitted\"");
	step(cur, path_of(path, sizeof(path), C1, "/answers/US/accept"), NULL,
	     "\"status\":\"accepted\"");
	j = call(pub, "GET", path_of(path, sizeof(path), C1, "/aggregates"), NULL, 200, NULL);
	json_array_foreach(json_object_get(j, "questions"), i, q) {
		const char *id = str_of(q, "question");
		json_t *counts = json_object_get(q, "counts");

		if (!strcmp(id, "training.note")) {	/* free text: answered only */
			assert_int_equal(int_of(q, "answered"), 1);
			assert_null(counts);
			continue;
		}
		assert_int_equal(int_of(q, "answered"), 3);
		assert_true(json_is_true(json_object_get(q, "shown")));
		if (!strcmp(id, "legal.offences")) {	/* KE 2, NG 4, US 3 */
			assert_int_equal(int_of(counts, "1"), 0);
			assert_int_equal(int_of(counts, "2"), 1);
			assert_int_equal(int_of(counts, "3"), 1);
			assert_int_equal(int_of(counts, "4"), 1);
		} else if (!strcmp(id, "legal.access")) {	/* partly, partly, yes */
			assert_int_equal(int_of(counts, "yes"), 1);
			assert_int_equal(int_of(counts, "partly"), 2);
			assert_int_equal(int_of(counts, "no"), 0);
		} else if (!strcmp(id, "training.mode")) {	/* online, online, class */
			assert_int_equal(int_of(counts, "online"), 2);
			assert_int_equal(int_of(counts, "class"), 1);
		} else if (!strcmp(id, "training.judges")) {	/* 12, 12, 250 */
			assert_true(json_real_value(json_object_get(q, "median")) == 12.0);
			assert_true(json_real_value(json_object_get(q, "min")) == 12.0);
			assert_true(json_real_value(json_object_get(q, "max")) == 250.0);
		}
	}
	json_decref(j);
	/* AMBER answers do not count: the United States' made AMBER after a reopening */
	{
		char body[64];

		snprintf(body, sizeof(body), "{\"until\":\"%s\"}", soon);
		rev = step(cur, path_of(path, sizeof(path), C1, "/answers/US/reopen"), body,
			   "\"status\":\"returned\"");
		snprintf(body, sizeof(body), "{\"revision\":%lld,\"tlp\":\"AMBER\"}", rev);
		j = call(fus, "PUT", path_of(path, sizeof(path), C1, "/answers/US"), body, 200,
			 "\"tlp\":\"AMBER\"");
		rev = int_of(j, "revision");
		json_decref(j);
		step(fus, path_of(path, sizeof(path), C1, "/answers/US/submit"), rev_body(rev),
		     NULL);
		step(cur, path_of(path, sizeof(path), C1, "/answers/US/accept"), NULL, NULL);
		EXPECT(pub, "GET", path_of(path, sizeof(path), C1, "/aggregates"), NULL, 200,
		       "\"answered\":2");
		lacks(pub, path, 200, "\"answered\":3");
	}
}

/* ---- the audit log ---- */

static void test_audit(void **state)
{
	static const char *const want[] = {
		"\tcora\tcampaign.open\t", "\tkamau\tanswer.save\t", "\tkamau\tanswer.submit\t",
		"\tcora\tanswer.return\t", "\tcora\tanswer.accept\t", "\tcora\tanswer.reopen\t",
		"\tcora\tcampaign.publish\t", "\tada\tanswer.save\t", "\tsam\tanswer.save\t",
	};
	char *out = NULL, *err = NULL;

	(void)state;
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "audit", "list",
					  "--limit", "1000", NULL }, &out, &err), 0);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_has(out, want[i]);
	/* harness_cli_keep frees the previous output */
	assert_int_equal(harness_cli_keep(D, NULL, (const char *const[]){ "audit", "verify",
					  NULL }, &out, &err), 0);
	assert_has(out, "audit log intact");
	free(out);
	free(err);
}

/* ---- carry-over ---- */

/* A new round on the same template: Kenya carries over the values of its latest
 * accepted answer (the past round's), once; a country with no earlier answer has
 * nothing to carry. */
static void test_carry(void **state)
{
	char body[512], path[128];
	long long c3, rev;
	json_t *j, *v;
	size_t i;

	(void)state;
	snprintf(body, sizeof(body), "{\"title\":\"Round 2028\",\"template\":\"camp-test@1\","
		 "\"deadline\":\"%s\",\"countries\":[\"KE\",\"FR\"]}", later);
	j = call(cur, "POST", "/api/v1/campaigns", body, 201, NULL);
	c3 = int_of(j, "id");
	json_decref(j);
	path_of(path, sizeof(path), c3, "/answers/KE/carry");
	EXPECT(pub, "POST", path, "{\"revision\":0}", 404, NULL);
	EXPECT(fng, "POST", path, "{\"revision\":0}", 404, NULL);
	EXPECT(fke, "POST", path, "{\"revision\":0,\"all\":true}", 400, "all");
	EXPECT(fke, "POST", path, "{}", 400, "revision");
	EXPECT(fke, "POST", path, "{\"revision\":3}", 409, NULL);
	j = call(fke, "POST", path, "{\"revision\":0}", 200, "\"status\":\"draft\"");
	assert_int_equal(int_of(j, "carried"), 5);
	rev = int_of(j, "revision");
	json_array_foreach(json_object_get(j, "values"), i, v)
		if (!strcmp(str_of(v, "question"), "legal.offences"))
			assert_string_equal(str_of(v, "value"), "1");	/* the past round's */
	assert_int_equal(json_array_size(json_object_get(j, "values")), 5);
	json_decref(j);
	/* again: nothing left unanswered to carry into */
	j = call(fke, "POST", path, rev_body(rev), 200, NULL);
	assert_int_equal(int_of(j, "carried"), 0);
	json_decref(j);
	EXPECT(cur, "POST", path_of(path, sizeof(path), c3, "/answers/FR/carry"),
	       "{\"revision\":0}", 404, "no earlier answer");
}

/* ---- addresses ---- */

static void test_routes(void **state)
{
	char path[128];

	(void)state;
	EXPECT(pub, "GET", "/api/v1/campaigns/abc", NULL, 404, "campaign");
	EXPECT(pub, "GET", "/api/v1/campaigns/0", NULL, 404, NULL);
	EXPECT(pub, "GET", "/api/v1/campaigns/99999", NULL, 404, NULL);
	EXPECT(cur, "GET", "/api/v1/campaigns/99999/tracking", NULL, 404, NULL);
	EXPECT(cur, "GET", "/api/v1/campaigns/99999/answers/KE", NULL, 404, NULL);
	EXPECT(cur, "GET", path_of(path, sizeof(path), C1, "/answers/XX"), NULL, 404, "XX");
	EXPECT(cur, "GET", path_of(path, sizeof(path), C1, "/answers/FR"), NULL, 404, NULL);
	EXPECT(cur, "DELETE", path_of(path, sizeof(path), C1, "/answers/KE"), NULL, 405, NULL);
	EXPECT(cur, "GET", path_of(path, sizeof(path), C1, "/answers/KE/accept"), NULL, 405,
	       NULL);
	EXPECT(cur, "POST", path_of(path, sizeof(path), C1, "/answers/KE/delete"), NULL, 404,
	       NULL);
	EXPECT(cur, "POST", path_of(path, sizeof(path), C1, "/answers/KE/submit"), "[1]", 400,
	       NULL);
	EXPECT(cur, "POST", path_of(path, sizeof(path), C1, "/answers/KE/submit"), "{", 400,
	       "JSON");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_answer),
		cmocka_unit_test(test_late),
		cmocka_unit_test(test_needs),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_leak),
		cmocka_unit_test(test_aggregates),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_carry),
		cmocka_unit_test(test_routes),
	};

	harness_bin();
	return harness_exit(cmocka_run_group_tests(tests, setup, teardown));
}
