/* The leak test of the sharing labels, through the real server: records under every
 * label and status, each with a canary word of its own, shared with groups and named
 * readers; then, as the public and as each kind of account, every route and API
 * endpoint is crawled (a seed list, every record's pages whether readable or not, and
 * every same-site link found on the way) and every canary is searched for. The test
 * fails when a canary reaches a caller who may not read its record, when a record one
 * may not read answers anything but 404, or when one that may be read cannot be.
 *
 * The expectation (may_read below) is written from the rules in docs/security.md, not
 * from the program's code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "integration/harness.h"

static char *D;
static struct srv *S;

/* ---- who ---- */

enum who { PUBLIC, ANN, OLA, BOB, CYD, FKE, FUG, CUR, ADM, RDR, NWHO };
static struct person {
	const char *name, *role, *org, *country;
	char auth[200];		/* "Authorization: Bearer ...\r\n", "" for the public */
} people[NWHO] = {
	[PUBLIC] = { "public", NULL, NULL, NULL, "" },
	[ANN] = { "ann", "provider", "Kenya ICT", NULL, "" },
	[OLA] = { "ola", "reader", "Kenya ICT", NULL, "" },
	[BOB] = { "bob", "reader", "Acme", NULL, "" },
	[CYD] = { "cyd", "reader", "Civic", NULL, "" },
	[FKE] = { "fke", "focal_point", "Police", "KE", "" },
	[FUG] = { "fug", "focal_point", "Police", "UG", "" },
	[CUR] = { "cur", "curator", "UNODC", NULL, "" },
	[ADM] = { "adm", "admin", "UNODC", NULL, "" },
	[RDR] = { "rdr", "reader", "Civic", NULL, "" },
};
static const char *const orgs[][3] = {	/* name, kind, country */
	{ "Kenya ICT", "national_authority", "KE" }, { "Acme", "private_sector", NULL },
	{ "Civic", "civil_society", NULL }, { "Police", "national_authority", NULL },
	{ "UNODC", "unodc", NULL },
};
#define GROUP_ORG "Acme"	/* the only member of sharing group "Partners" */

/* ---- what ---- */

static struct spec {
	const char *canary, *kind, *tlp, *status;	/* kind: lesson, case, law */
	int group;		/* shared with "Partners" */
	const char *readers;	/* named readers, comma-separated */
	long long id;
	const char *author, *owner_org;	/* as made below */
} recs[] = {
	{ "zqlessonclear", "lesson", "CLEAR", "published", 0, NULL, 0, NULL, NULL },
	{ "zqlessongreen", "lesson", "GREEN", "published", 0, NULL, 0, NULL, NULL },
	{ "zqlessonamber", "lesson", "AMBER", "published", 0, NULL, 0, NULL, NULL },
	{ "zqlessonambergroup", "lesson", "AMBER", "published", 1, NULL, 0, NULL, NULL },
	{ "zqlessonstrict", "lesson", "AMBER+STRICT", "published", 1, NULL, 0, NULL, NULL },
	{ "zqlessonred", "lesson", "RED", "published", 0, "rdr,cur", 0, NULL, NULL },
	{ "zqlessondraft", "lesson", "CLEAR", "draft", 0, NULL, 0, NULL, NULL },
	{ "zqlessonwithdrawn", "lesson", "CLEAR", "withdrawn", 0, NULL, 0, NULL, NULL },
	{ "zqcaseamber", "case", "AMBER", "published", 0, NULL, 0, NULL, NULL },
	{ "zqcasegreen", "case", "GREEN", "published", 0, NULL, 0, NULL, NULL },
	{ "zqcasered", "case", "RED", "submitted", 0, "cur", 0, NULL, NULL },
	{ "zqlawclear", "law", "CLEAR", "published", 0, NULL, 0, NULL, NULL },
	{ "zqlawamber", "law", "AMBER", "published", 1, NULL, 0, NULL, NULL },
	{ "zqlawred", "law", "RED", "published", 0, "rdr", 0, NULL, NULL },
	{ "zqlawdraft", "law", "CLEAR", "draft", 0, NULL, 0, NULL, NULL },
};
#define NREC (sizeof(recs) / sizeof(recs[0]))

static int in_list(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] != 0))
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

/* The rules of docs/security.md ("What each label means"). */
static int may_read(enum who w, const struct spec *r)
{
	const struct person *u = &people[w];
	int curator = u->role && (!strcmp(u->role, "curator") || !strcmp(u->role, "admin"));
	int published = !strcmp(r->status, "published");

	if (w == PUBLIC)
		return published && !strcmp(r->tlp, "CLEAR");
	if (!strcmp(r->author, u->name))
		return 1;
	if (!strcmp(r->tlp, "RED"))
		return in_list(r->readers, u->name) && (published || curator);
	if (curator)
		return 1;
	if (!published)
		return 0;
	if (!strcmp(r->tlp, "CLEAR") || !strcmp(r->tlp, "GREEN"))
		return 1;
	if (!strcmp(r->tlp, "AMBER"))
		return !strcmp(u->org, r->owner_org) ||
		       (!strcmp(u->role, "focal_point") && !strcmp(u->country, "KE")) ||
		       (r->group && !strcmp(u->org, GROUP_ORG));
	if (!strcmp(r->tlp, "AMBER+STRICT"))
		return !strcmp(u->org, r->owner_org);
	return 0;
}

/* ---- setup ---- */

static int run_in(const char *input, const char *const *args, char *out, size_t size)
{
	return harness_cli(D, input, args, out, size);
}

/* A request as w; the response (never NULL: a failed connection fails the test). */
static struct http_response *as(enum who w, const char *method, const char *path,
				const char *json)
{
	char hdr[400];
	struct http_response *r;

	snprintf(hdr, sizeof(hdr), "%s%s", people[w].auth,
		 json ? "Content-Type: application/json\r\n" : "");
	r = http_request(S, method, path, hdr, json, json ? strlen(json) : 0);
	if (!r)
		fail_msg("%s %s as %s: no connection", method, path, people[w].name);
	return r;
}

/* A request that must answer status; the response's JSON (decref it), or NULL for a
 * body that is not JSON. */
static json_t *must(enum who w, const char *method, const char *path, const char *json,
		    int status)
{
	struct http_response *r = as(w, method, path, json);
	json_t *j;

	if (r->status != status)
		fail_msg("%s %s as %s: %d, want %d: %.300s", method, path, people[w].name,
			 r->status, status, r->body ? r->body : "");
	j = json_loads(r->body ? r->body : "", 0, NULL);
	http_response_free(r);
	return j;
}

static void set_status(enum who w, long long id, const char *to)
{
	char path[64], body[64];

	snprintf(path, sizeof(path), "/api/v1/records/%lld/status", id);
	snprintf(body, sizeof(body), "{\"to\":\"%s\"}", to);
	json_decref(must(w, "POST", path, body, 200));
}

static void share(enum who w, const struct spec *r)
{
	char path[64], body[256], readers[128] = "";
	const char *p = r->readers;

	for (size_t n = 0; p && *p; p += n + (p[n] != 0)) {
		n = strcspn(p, ",");
		snprintf(readers + strlen(readers), sizeof(readers) - strlen(readers), "%s\"%.*s\"",
			 readers[0] ? "," : "", (int)n, p);
	}
	snprintf(path, sizeof(path), "/api/v1/records/%lld/sharing", r->id);
	snprintf(body, sizeof(body), "{\"groups\":[%s],\"readers\":[%s]}",
		 r->group ? "\"Partners\"" : "", readers);
	json_decref(must(w, "PUT", path, body, 200));
}

/* Lessons and cases are made by ann (Kenya ICT) through the API and go through the
 * review; laws come in a bundle imported by the curator (UNODC), each with a
 * mapping to UN-CC article 7 so that the article's pages list them. */
static int make_records(void)
{
	json_t *records = json_array(), *bundle, *res;
	char *text;
	int nlaw = 0;

	for (size_t i = 0; i < NREC; i++) {
		struct spec *r = &recs[i];
		char body[1200];
		json_t *j;

		if (!strcmp(r->kind, "law")) {
			char uri[64];

			snprintf(uri, sizeof(uri), "/akn/ke/act/2020/%d", ++nlaw);
			json_array_append_new(records, json_pack(
				"{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s},"
				" s:[{s:s, s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:s}]}],"
				" s:[{s:s, s:s, s:s, s:s}]}",
				"type", "legislation", "country", "KE", "language", "en",
				"title", r->canary, "status", r->status, "tlp", r->tlp,
				"work", "uri", uri, "type", "act", "number", uri + 17,
				"date", "2020-01-01", "expressions", "language", "eng", "date",
				"2020-01-01", "status", "in_force", "title", r->canary, "provisions",
				"eid", "sec_1", "kind", "section", "num", "1", "heading", "Illegal access",
				"text", "A person who accesses a computer system without right commits "
				"an offence.", "mappings", "eid", "sec_1", "article", "un-cc/7", "state",
				"accepted", "extent", "full"));
			r->author = "cur";
			r->owner_org = "UNODC";
			continue;
		}
		snprintf(body, sizeof(body), "{\"title\":\"Lesson %s\",\"country\":\"KE\","
			 "\"language\":\"en\",\"tlp\":\"%s\",%s}", r->canary, r->tlp,
			 !strcmp(r->kind, "lesson") ?
			 "\"topic\":\"Evidence\",\"body\":\"What we learned: %s.\"" :
			 "\"court\":\"High Court\",\"decided\":\"2021-03-04\",\"citation\":\"%s\","
			 "\"summary\":\"The court held: %s.\"");
		{
			char full[1400];

			snprintf(full, sizeof(full), body, r->canary, r->canary);
			j = must(ANN, "POST", !strcmp(r->kind, "lesson") ? "/api/v1/lessons" :
				 "/api/v1/cases", full, 201);
		}
		r->id = (long long)json_integer_value(json_object_get(j, "id"));
		json_decref(j);
		if (!r->id)
			return -1;
		r->author = "ann";
		r->owner_org = "Kenya ICT";
		share(ANN, r);
		if (!strcmp(r->status, "draft"))
			continue;
		set_status(ANN, r->id, "submitted");
		if (!strcmp(r->status, "submitted"))
			continue;
		set_status(CUR, r->id, "published");
		if (!strcmp(r->status, "withdrawn"))
			set_status(CUR, r->id, "withdrawn");
	}
	bundle = json_pack("{s:s, s:i, s:o}", "format", "ccrepo-bundle", "version", 1,
			   "records", records);
	text = json_dumps(bundle, 0);
	json_decref(bundle);
	res = must(CUR, "POST", "/api/v1/works/import", text, 201);
	free(text);
	json_decref(res);
	/* the laws' ids, by their titles, as the curator sees them */
	res = must(CUR, "GET", "/api/v1/works?limit=500", NULL, 200);
	for (size_t i = 0; i < NREC; i++) {
		json_t *w;
		size_t k;

		if (strcmp(recs[i].kind, "law"))
			continue;
		json_array_foreach(json_object_get(res, "works"), k, w)
			if (!strcmp(json_string_value(json_object_get(w, "title")), recs[i].canary))
				recs[i].id = (long long)json_integer_value(json_object_get(w, "id"));
		if (!recs[i].id) {
			json_decref(res);
			return -1;
		}
		share(CUR, &recs[i]);
	}
	json_decref(res);
	return 0;
}

static int group_setup(void **state)
{
	struct srv_options o = { 0 };

	(void)state;
	if (!(D = harness_tmpdir()) ||
	    run_in("", (const char *const[]){ "migrate", NULL }, NULL, 0))
		return -1;
	for (size_t i = 0; i < sizeof(orgs) / sizeof(orgs[0]); i++)
		if (run_in("", (const char *const[]){ "org", "add", orgs[i][0], "--kind",
			   orgs[i][1], orgs[i][2] ? "--country" : NULL, orgs[i][2], NULL }, NULL, 0))
			return -1;
	if (run_in("", (const char *const[]){ "group", "add", "Partners", NULL }, NULL, 0) ||
	    run_in("", (const char *const[]){ "group", "join", "Partners", GROUP_ORG, NULL },
		   NULL, 0))
		return -1;
	for (int w = 1; w < NWHO; w++) {
		struct person *u = &people[w];

		if (harness_account(D, u->name, u->role, u->org, u->country, "leak", u->auth,
				    sizeof(u->auth)))
			return -1;
	}
	o.dir = D;
	if (!(S = srv_start_with(&o)))
		return -1;
	return make_records();
}

static int group_teardown(void **state)
{
	(void)state;
	harness_done(S, D);
	return 0;
}

/* ---- checks ---- */

/* No canary w may not read is in body (what = where it came from). */
static void check_body(enum who w, const char *what, const char *body)
{
	for (size_t i = 0; body && i < NREC; i++) {
		const char *at;

		if (may_read(w, &recs[i]) || !(at = strstr(body, recs[i].canary)))
			continue;
		/* a longer canary holding this one is not this one */
		if (!strncmp(at, recs[i].canary, strlen(recs[i].canary)) &&
		    ((at[strlen(recs[i].canary)] >= 'a' && at[strlen(recs[i].canary)] <= 'z')))
			continue;
		fail_msg("%s reads \"%s\" in %s", people[w].name, recs[i].canary, what);
	}
}

/* Each record's own pages: 404 when w may not read it (never 403), its canary when
 * it may. */
static void test_records(void **state)
{
	(void)state;
	for (int w = 0; w < NWHO; w++) {
		for (size_t i = 0; i < NREC; i++) {
			const struct spec *r = &recs[i];
			char api[96], web[96];
			struct http_response *a, *b;
			int ok = may_read((enum who)w, r);

			snprintf(api, sizeof(api), "/api/v1/%s/%lld", !strcmp(r->kind, "law") ? "works" :
				 !strcmp(r->kind, "case") ? "cases" : "lessons", r->id);
			snprintf(web, sizeof(web), "/%s/%lld", !strcmp(r->kind, "law") ? "works" :
				 !strcmp(r->kind, "case") ? "cases" : "lessons", r->id);
			a = as((enum who)w, "GET", api, NULL);
			b = as((enum who)w, "GET", web, NULL);
			if (ok && (a->status != 200 || !strstr(a->body, r->canary)))
				fail_msg("%s cannot read %s (%s: %d)", people[w].name, r->canary, api,
					 a->status);
			if (!ok && (a->status != 404 || (b->status != 404)))
				fail_msg("%s: %s answers %d and %s %d, want 404", people[w].name, api,
					 a->status, web, b->status);
			check_body((enum who)w, api, a->body);
			check_body((enum who)w, web, b->body);
			http_response_free(a);
			http_response_free(b);
		}
	}
}

/* Searching for each canary finds it exactly when its record may be read: hits,
 * totals, and the page. */
static void test_search(void **state)
{
	static const char *const pages[] = {
		"/search?q=learned", "/search?q=%22court+held%22", "/search?q=computer+system",
		"/search?q=zq*", "/search?q=country:KE", "/search?q=type:lesson&page=2",
		"/search?q=article:un-cc/7", "/search?q=learned+lang:en",
	};

	(void)state;
	for (int w = 0; w < NWHO; w++) {
		for (size_t i = 0; i < NREC; i++) {
			char path[128];
			json_t *j;
			long long total;

			snprintf(path, sizeof(path), "/api/v1/search?q=%s", recs[i].canary);
			j = must((enum who)w, "GET", path, NULL, 200);
			total = (long long)json_integer_value(json_object_get(j, "total"));
			json_decref(j);
			if ((total > 0) != may_read((enum who)w, &recs[i]))
				fail_msg("search for %s as %s: %lld hits", recs[i].canary,
					 people[w].name, total);
		}
		/* the page of hits (with queries that do not hold a canary: the page shows
		 * the query typed) */
		for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
			struct http_response *r = as((enum who)w, "GET", pages[i], NULL);

			assert_int_equal(r->status, 200);
			check_body((enum who)w, pages[i], r->body);
			http_response_free(r);
		}
	}
}

/* ---- the crawl ---- */

#define CRAWL_MAX 400	/* pages per caller */

#define PER_SHAPE 3	/* found links of one shape (/countries/XX, /regions/N) */

struct crawl {
	char *seen[CRAWL_MAX];
	char *shape[CRAWL_MAX];
	size_t n, next;
};

/* The path without its query, digit runs as N and two capitals as XX. */
static char *shape_of(const char *path, size_t len)
{
	char *s = malloc(len + 1);
	size_t k = 0;

	for (size_t i = 0; i < len && path[i] != '?'; i++) {
		if (path[i] >= '0' && path[i] <= '9') {
			while (i + 1 < len && path[i + 1] >= '0' && path[i + 1] <= '9')
				i++;
			s[k++] = 'N';
		} else if (i + 1 < len && path[i] >= 'A' && path[i] <= 'Z' && path[i + 1] >= 'A' &&
			   path[i + 1] <= 'Z') {
			s[k++] = 'X';
			s[k++] = 'X';
			i++;
		} else {
			s[k++] = path[i];
		}
	}
	s[k] = '\0';
	return s;
}

/* Queue path (len bytes) unless seen; found (not a seed): at most PER_SHAPE of a
 * shape, so that 249 country pages do not crowd out the rest. */
static void push_as(struct crawl *c, const char *path, size_t len, int found)
{
	char *shape;
	size_t same = 0;

	if (c->n == CRAWL_MAX || len == 0 || len > 400 || path[0] != '/' || path[1] == '/')
		return;
	/* files, and pages in other languages (the same records), are not followed */
	if (!strncmp(path, "/static/", 8) || memmem(path, len, "lang=", 5) ||
	    !strncmp(path, "/signout", 8))
		return;
	for (size_t i = 0; i < c->n; i++)
		if (strlen(c->seen[i]) == len && !strncmp(c->seen[i], path, len))
			return;
	shape = shape_of(path, len);
	for (size_t i = 0; found && i < c->n; i++)
		same += !strcmp(c->shape[i], shape);
	if (same >= PER_SHAPE) {
		free(shape);
		return;
	}
	c->seen[c->n] = strndup(path, len);
	c->shape[c->n] = shape;
	c->n++;
}

static void push(struct crawl *c, const char *path, size_t len)
{
	push_as(c, path, len, 0);
}

/* href="/..." links of an HTML page, &amp; decoded. */
static void links(struct crawl *c, const char *html)
{
	for (const char *p = html; p && (p = strstr(p, "href=\"")); ) {
		char buf[512];
		size_t n = strcspn(p += 6, "\""), k = 0;

		for (size_t i = 0; i < n && k < sizeof(buf) - 1; i++) {
			if (!strncmp(p + i, "&amp;", 5)) {
				buf[k++] = '&';
				i += 4;
			} else {
				buf[k++] = p[i];
			}
		}
		buf[k] = '\0';
		buf[strcspn(buf, "#")] = '\0';
		push_as(c, buf, strlen(buf), 1);
		p += n;
	}
}

static void test_crawl(void **state)
{
	static const char *const seeds[] = {
		"/", "/search?q=zq*", "/laws", "/cases", "/lessons", "/review", "/shared",
		"/countries/KE", "/regions/014", "/instruments/un-cc/7", "/instruments/un-cc",
		"/account", "/admin/users", "/api/v1/works", "/api/v1/cases", "/api/v1/lessons",
		"/api/v1/review", "/api/v1/export", "/api/v1/export?format=csv",
		"/api/v1/instruments/un-cc/articles/7/provisions", "/api/v1/shared",
		"/api/v1/groups", "/api/v1/me", "/api/v1/search?q=zq*",
		"/api/v1/search?q=country:KE&limit=100", "/api/v1/countries/KE",
		"/api/v1/works?country=KE&status=draft", "/api/v1/lessons?status=withdrawn",
		"/api/v1/coverage?country=KE", "/api/v1/coverage?article=un-cc/7",
		"/api/v1/coverage?region=014", "/api/v1/coverage/assessments?country=KE",
		"/api/v1/coverage/disputes",
		/* reports (issue 17): public data, whoever asks */
		"/reports/view?from=1997-01-01&to=2026-12-31",
		"/api/v1/report?from=1997-01-01&to=2026-12-31&country=KE",
		"/reports/view.csv?from=1997-01-01&to=2026-12-31&table=laws",
	};
	static const char *const per_record[] = {
		"/%s/%lld/edit", "/api/v1/records/%lld/revisions", "/api/v1/records/%lld/sharing",
		"/api/v1/works/%lld/mappings",
	};
	size_t pages = 0;

	(void)state;
	for (int w = 0; w < NWHO; w++) {
		struct crawl c = { 0 };

		for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++)
			push(&c, seeds[i], strlen(seeds[i]));
		for (size_t i = 0; i < NREC; i++) {
			const char *area = !strcmp(recs[i].kind, "case") ? "cases" : "lessons";
			char p[128];

			for (size_t k = 0; k < sizeof(per_record) / sizeof(per_record[0]); k++) {
				if (strstr(per_record[k], "%s"))
					snprintf(p, sizeof(p), per_record[k], area, recs[i].id);
				else
					snprintf(p, sizeof(p), per_record[k], recs[i].id);
				push(&c, p, strlen(p));
			}
		}
		for (int n = 1; n <= 4; n++) {
			char p[96];

			snprintf(p, sizeof(p), "/akn/ke/act/2020/%d/~sec_1", n);
			push(&c, p, strlen(p));
			snprintf(p, sizeof(p), "/api/v1/akn/ke/act/2020/%d?format=xml", n);
			push(&c, p, strlen(p));
			snprintf(p, sizeof(p), "/api/v1/akn/ke/act/2020/%d/~sec_1?history=1", n);
			push(&c, p, strlen(p));
			snprintf(p, sizeof(p), "/akn/ke/act/2020/%d", n);
			push(&c, p, strlen(p));
		}
		for (c.next = 0; c.next < c.n; c.next++) {
			struct http_response *r = as((enum who)w, "GET", c.seen[c.next], NULL);
			const char *ct = http_header(r, "Content-Type");

			if (r->status >= 500)
				fail_msg("%s as %s: %d", c.seen[c.next], people[w].name, r->status);
			check_body((enum who)w, c.seen[c.next], r->body);
			if (ct && strstr(ct, "text/html"))
				links(&c, r->body);
			http_response_free(r);
		}
		pages += c.n;
		if (getenv("LEAK_DUMP") && w == CUR)
			for (size_t i = 0; i < c.n; i++)
				printf("%s\n", c.seen[i]);
		for (size_t i = 0; i < c.n; i++) {
			free(c.seen[i]);
			free(c.shape[i]);
		}
	}
	printf("crawled %zu pages as %d callers\n", pages, NWHO);
	assert_true(pages > NWHO * 40);
}

/* The sharing form on a record's page and the public list of grants: ann shares her
 * AMBER lesson with "Partners" from the page, and bob (Acme, in the group) reads it;
 * /shared says so without its title; unshared, it is gone again. Runs last: it
 * changes what bob reads. */
static void test_sharing_form(void **state)
{
	struct spec *r = NULL;
	struct http_response *h;
	char page[64], post[64], hdr[300];
	const char *form = "groups=Partners&readers=";

	(void)state;
	for (size_t i = 0; i < NREC; i++)
		if (!strcmp(recs[i].canary, "zqlessonamber"))
			r = &recs[i];
	assert_non_null(r);
	snprintf(page, sizeof(page), "/lessons/%lld", r->id);
	snprintf(post, sizeof(post), "/records/%lld/sharing", r->id);
	h = as(ANN, "GET", page, NULL);
	assert_status(h, 200);
	assert_has(h->body, post);	/* the form, for the author */
	http_response_free(h);
	h = as(CUR, "GET", page, NULL);
	assert_has(h->body, post);	/* and for a curator */
	http_response_free(h);
	h = as(FKE, "GET", page, NULL);
	assert_status(h, 200);
	/* a focal point of its country edits it, but who reads it is for the owning
	 * organisation and curators */
	assert_lacks(h->body, post);
	http_response_free(h);
	h = as(OLA, "GET", page, NULL);
	assert_status(h, 200);
	assert_lacks(h->body, post);	/* a reader of the owning organisation reads it only */
	http_response_free(h);
	/* bob may not share it: he cannot even see it */
	snprintf(hdr, sizeof(hdr), "%sContent-Type: application/x-www-form-urlencoded\r\n",
		 people[BOB].auth);
	h = http_request(S, "POST", post, hdr, form, strlen(form));
	assert_status(h, 404);
	http_response_free(h);
	snprintf(hdr, sizeof(hdr), "%sContent-Type: application/x-www-form-urlencoded\r\n",
		 people[ANN].auth);
	h = http_request(S, "POST", post, hdr, "groups=Nobody", 13);
	assert_status(h, 404);	/* no such group */
	assert_has(h->body, "Nobody");
	http_response_free(h);
	h = http_request(S, "POST", post, hdr, form, strlen(form));
	assert_status(h, 303);
	http_response_free(h);
	h = as(BOB, "GET", page, NULL);
	assert_status(h, 200);
	assert_has(h->body, "zqlessonamber");
	http_response_free(h);
	h = as(PUBLIC, "GET", "/shared", NULL);
	assert_status(h, 200);
	assert_has(h->body, "Acme");
	assert_has(h->body, "Partners");
	assert_lacks(h->body, "zq");	/* never a title */
	assert_lacks(h->body, "ann");	/* nor who shared it */
	http_response_free(h);
	h = http_request(S, "POST", post, hdr, "groups=&readers=", 16);
	assert_status(h, 303);
	http_response_free(h);
	h = as(BOB, "GET", page, NULL);
	assert_status(h, 404);
	http_response_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_crawl),
		cmocka_unit_test(test_sharing_form),
	};

	return harness_exit(cmocka_run_group_tests(tests, group_setup, group_teardown));
}
