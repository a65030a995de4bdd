/* The developments and their Atom feeds through the real server: laws imported over
 * several dates (a bundle of three laws, one in two versions, one AMBER), a case;
 * then each feed checked against the rules of RFC 4287 with libxml2 (well-formed, the
 * Atom namespace, the feed's id, title and updated, every entry's id, title and
 * updated, ids unique, dates RFC 3339, xml:lang), conditional GET (ETag and
 * Last-Modified: 304), the private feed of a focal point's read token (what it reads,
 * a revoked token refused, a session cookie alone unlocks nothing, the write API
 * refuses the token, a write token refused in a feed's address), the AMBER law absent
 * from the public feed, the page's head link and Arabic, the API, and the 400s naming
 * their parameter. Prints the time of a country's feed, warm. */
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
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "integration/harness.h"

#define ATOM_NS "http://www.w3.org/2005/Atom"
#define KE_ACT "/akn/ke/act/2018/5"
#define KE_AMBER "/akn/ke/act/2019/9"
#define UG_ACT "/akn/ug/act/2021/3"

static struct srv *S;
static char cur[256], fke[256];	/* "Authorization: Bearer ..." (write tokens) */
static char fke_read[160];	/* kamau's read token (the feed token) */
static char fke_read_id[40];

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

/* One law of the bundle: uri, country, title, label, its versions (dates). */
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

static int setup(void **state)
{
	static const char *const ke[] = { "2018-05-30", "2020-01-01" };
	static const char *const amber[] = { "2019-07-01" };
	static const char *const ug[] = { "2021-02-01" };
	json_t *records, *bundle, *j;
	char *text, line[200];
	long long id;

	(void)state;
	if (!(S = srv_start(NULL)) ||
	    harness_cli(S->dir, NULL, (const char *const[]){ "org", "add", "UNODC", "--kind",
			"unodc", NULL }, NULL, 0) ||
	    harness_cli(S->dir, NULL, (const char *const[]){ "org", "add", "KE Police",
			"--kind", "national_authority", "--country", "KE", NULL }, NULL, 0) ||
	    harness_account(S->dir, "cora", "curator", "UNODC", NULL, "t", cur, sizeof(cur)) ||
	    harness_account(S->dir, "kamau", "focal_point", "KE Police", "KE", "t", fke,
			    sizeof(fke)) ||
	    harness_cli(S->dir, "", (const char *const[]){ "user", "token", "kamau", "--name",
			"feed", "--scope", "read", NULL }, fke_read, sizeof(fke_read)))
		return -1;
	records = json_array();
	json_array_append_new(records, law(KE_ACT, "KE", "Computer Misuse Act", "CLEAR", ke, 2,
					   "coe-185/2"));
	json_array_append_new(records, law(KE_AMBER, "KE", "zqamberlaw Restricted Systems Act",
					   "AMBER", amber, 1, "un-cc/7"));
	json_array_append_new(records, law(UG_ACT, "UG", "Uganda Computer <Misuse> & Act",
					   "CLEAR", ug, 1, "un-cc/12"));
	bundle = json_pack("{s:s, s:i, s:o}", "format", "ccrepo-bundle", "version", 1,
			   "records", records);
	text = json_dumps(bundle, 0);
	json_decref(bundle);
	json_decref(must(cur, "POST", "/api/v1/works/import", text, 201));
	free(text);
	/* a case, published */
	j = must(cur, "POST", "/api/v1/cases", "{\"title\":\"Republic v. Mwangi\",\"country\":"
		 "\"KE\",\"language\":\"en\",\"court\":\"High Court\",\"decided\":\"2022-03-04\"}",
		 201);
	id = (long long)json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(line, sizeof(line), "/api/v1/records/%lld/status", id);
	json_decref(must(cur, "POST", line, "{\"to\":\"submitted\"}", 200));
	json_decref(must(cur, "POST", line, "{\"to\":\"published\"}", 200));
	/* the read token's public id: ccr_ID_SECRET */
	snprintf(fke_read_id, sizeof(fke_read_id), "%.16s", fke_read + 4);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (S)
		assert_int_equal(srv_stop(S), 0);
	return 0;
}

/* ---- the Atom rules ---- */

static xmlNode *child(xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name) && c->ns &&
		    !strcmp((const char *)c->ns->href, ATOM_NS))
			return c;
	return NULL;
}

static char *text_of(xmlNode *n)
{
	static char buf[1024];
	xmlChar *t = n ? xmlNodeGetContent(n) : NULL;

	snprintf(buf, sizeof(buf), "%s", t ? (const char *)t : "");
	xmlFree(t);
	return buf;
}

/* RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM). */
static int rfc3339(const char *s)
{
	int y, mo, d, h, mi, sec, n = 0;
	const char *z;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n != 19 ||
	    mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return 0;
	z = s + 19;
	if (*z == '.')
		for (z++; *z >= '0' && *z <= '9'; z++)
			;
	if (!strcmp(z, "Z"))
		return 1;
	return (z[0] == '+' || z[0] == '-') && strlen(z) == 6 && z[3] == ':';
}

/* Check an Atom document against RFC 4287's rules; returns its number of entries and
 * the body (for the caller to search) stays r's. lang: the xml:lang it must carry. */
static size_t check_feed(const struct http_response *r, const char *lang)
{
	xmlDoc *doc;
	xmlNode *feed, *n;
	size_t entries = 0, nids = 0;
	char ids[600][200];
	xmlChar *xl;

	assert_non_null(http_header(r, "Content-Type"));
	assert_true(!strncmp(http_header(r, "Content-Type"), "application/atom+xml", 20));
	doc = xmlReadMemory(r->body, (int)r->body_len, "feed.xml", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		fail_msg("not well-formed XML: %.300s", r->body);
	feed = xmlDocGetRootElement(doc);
	assert_string_equal((const char *)feed->name, "feed");
	assert_non_null(feed->ns);
	assert_string_equal((const char *)feed->ns->href, ATOM_NS);
	xl = xmlGetNsProp(feed, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	assert_non_null(xl);
	assert_string_equal((const char *)xl, lang);
	xmlFree(xl);
	assert_true(strlen(text_of(child(feed, "id"))) > 4);
	assert_true(!strncmp(text_of(child(feed, "id")), "tag:", 4));
	assert_true(strlen(text_of(child(feed, "title"))) > 0);
	assert_true(rfc3339(text_of(child(feed, "updated"))));
	assert_non_null(child(child(feed, "author"), "name"));
	for (n = feed->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "entry"))
			continue;
		entries++;
		assert_non_null(child(n, "id"));
		assert_true(!strncmp(text_of(child(n, "id")), "tag:", 4));
		for (size_t i = 0; i < nids; i++)
			if (!strcmp(ids[i], text_of(child(n, "id"))))
				fail_msg("entry id twice: %s", ids[i]);
		if (nids < 600)
			snprintf(ids[nids++], sizeof(ids[0]), "%s", text_of(child(n, "id")));
		assert_true(strlen(text_of(child(n, "title"))) > 0);
		if (!rfc3339(text_of(child(n, "updated"))))
			fail_msg("updated not RFC 3339: '%s'", text_of(child(n, "updated")));
		if (child(n, "published"))
			assert_true(rfc3339(text_of(child(n, "published"))));
		assert_non_null(child(n, "content"));
		xl = xmlGetProp(child(n, "content"), (const xmlChar *)"type");
		assert_string_equal((const char *)xl, "html");
		xmlFree(xl);
		assert_non_null(child(n, "link"));
	}
	xmlFreeDoc(doc);
	return entries;
}

static void test_feeds_valid(void **state)
{
	static const struct {
		const char *path, *lang;
		size_t min;
	} feeds[] = {
		{ "/feeds/developments.atom", "en", 6 },
		{ "/feeds/developments.atom?country=KE", "en", 4 },
		{ "/feeds/developments.atom?country=UGA&lang=fr", "fr", 2 },
		{ "/feeds/developments.atom?region=014&lang=ar", "ar", 6 },
		{ "/feeds/developments.atom?article=un-cc/7", "en", 2 },
		{ "/feeds/developments.atom?kind=law-amended&lang=zh", "zh", 1 },
		{ "/feeds/developments.atom?period=2020&lang=ru", "ru", 1 },
		{ "/feeds/developments.atom?from=2021-01-01&to=2022-12-31&lang=es", "es", 2 },
		{ "/feeds/developments.atom?topic=digital-forensics", "en", 0 },
		{ "/feeds/developments.atom?limit=1", "en", 1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(feeds) / sizeof(feeds[0]); i++) {
		struct http_response *r = get(feeds[i].path, NULL, 200);
		size_t n = check_feed(r, feeds[i].lang);

		if (n < feeds[i].min)
			fail_msg("%s: %zu entries, want at least %zu", feeds[i].path, n, feeds[i].min);
		if (strstr(feeds[i].path, "limit=1"))
			assert_int_equal(n, 1);
		/* markup in a title is escaped, never raw */
		assert_null(strstr(r->body, "Computer <Misuse>"));
		http_response_free(r);
	}
	/* what the entries say: an amendment links to its differences, which exist */
	{
		struct http_response *r = get("/feeds/developments.atom?country=KE", NULL, 200), *d;

		assert_has(r->body, "Law amended: Computer Misuse Act (Kenya)");
		assert_has(r->body, "Law adopted: Computer Misuse Act (Kenya)");
		assert_has(r->body, "New case: Republic v. Mwangi (Kenya)");
		assert_has(r->body, "Article newly covered");
		assert_has(r->body, "?diff=eng@2018-05-30..eng@2020-01-01");
		assert_has(r->body, "<category term=\"law-amended\"");
		http_response_free(r);
		d = get(KE_ACT "?diff=eng@2018-05-30..eng@2020-01-01", NULL, 200);
		assert_has(d->body, "Show the changes");
		http_response_free(d);
		r = get("/feeds/developments.atom?country=KE&lang=fr", NULL, 200);
		assert_has(r->body, "Loi modifiée");
		http_response_free(r);
	}
}

/* ETag and Last-Modified: a second request with either gets 304. */
static void test_conditional(void **state)
{
	struct http_response *r = get("/feeds/developments.atom?country=KE", NULL, 200), *c;
	char hdr[300], etag[100], lm[100];

	(void)state;
	assert_non_null(http_header(r, "ETag"));
	assert_non_null(http_header(r, "Last-Modified"));
	assert_has(http_header(r, "Cache-Control"), "public");
	snprintf(etag, sizeof(etag), "%s", http_header(r, "ETag"));
	snprintf(lm, sizeof(lm), "%s", http_header(r, "Last-Modified"));
	assert_has(lm, " GMT");
	http_response_free(r);
	snprintf(hdr, sizeof(hdr), "If-None-Match: %s\r\n", etag);
	c = get("/feeds/developments.atom?country=KE", hdr, 304);
	assert_int_equal(c->body_len, 0);
	http_response_free(c);
	snprintf(hdr, sizeof(hdr), "If-Modified-Since: %s\r\n", lm);
	c = get("/feeds/developments.atom?country=KE", hdr, 304);
	assert_non_null(http_header(c, "Last-Modified"));
	http_response_free(c);
	c = get("/feeds/developments.atom?country=KE",
		"If-Modified-Since: Thu, 01 Jan 1998 00:00:00 GMT\r\n", 200);
	http_response_free(c);
	/* a different ETag: the whole feed */
	c = get("/feeds/developments.atom?country=KE", "If-None-Match: \"nope\"\r\n", 200);
	http_response_free(c);
}

/* The AMBER law: absent for the public, present for Kenya's focal point by feed token;
 * a session alone unlocks nothing; the token cannot write; revoked, it is refused. */
static void test_token_feed(void **state)
{
	struct http_response *r;
	char path[400], hdr[400];
	json_t *j;

	(void)state;
	r = get("/feeds/developments.atom?country=KE", NULL, 200);
	assert_lacks(r->body, "zqamberlaw");
	assert_has(r->body, "Public records only.");
	http_response_free(r);
	r = get("/feeds/developments.atom", NULL, 200);
	assert_lacks(r->body, "zqamberlaw");
	http_response_free(r);
	snprintf(path, sizeof(path), "/feeds/developments.atom?country=KE&token=%s", fke_read);
	r = get(path, NULL, 200);
	check_feed(r, "en");
	assert_has(r->body, "zqamberlaw");
	assert_has(http_header(r, "Cache-Control"), "private");
	assert_has(http_header(r, "Cache-Control"), "no-store");
	assert_lacks(r->body, fke_read);	/* the token is not written into the feed */
	http_response_free(r);
	/* the same token in the header works on a feed too */
	snprintf(hdr, sizeof(hdr), "Authorization: Bearer %s\r\n", fke_read);
	r = get("/feeds/developments.atom?country=KE", hdr, 200);
	assert_has(r->body, "zqamberlaw");
	http_response_free(r);
	/* a program's write token in the header only reads there */
	r = get("/feeds/developments.atom?country=KE", fke, 200);
	assert_has(r->body, "zqamberlaw");
	assert_has(http_header(r, "Cache-Control"), "private");
	http_response_free(r);
	/* ?token= is nothing anywhere else: the API answers as to the public */
	snprintf(path, sizeof(path), "/api/v1/developments?country=KE&token=%s", fke_read);
	r = get(path, NULL, 200);
	assert_lacks(r->body, "zqamberlaw");
	http_response_free(r);
	/* the read token may not write */
	{
		char wh[500];
		const char *body = "{\"title\":\"x\",\"country\":\"KE\",\"language\":\"en\","
				   "\"body\":\"x\"}";

		snprintf(wh, sizeof(wh), "%sContent-Type: application/json\r\n", hdr);
		r = http_request(S, "POST", "/api/v1/lessons", wh, body, strlen(body));
	}
	assert_int_equal(r->status, 403);
	http_response_free(r);
	/* a write token does not travel in a feed's address */
	snprintf(path, sizeof(path), "/feeds/developments.atom?token=%s", fke + 22);
	*strchr(path, '\r') = 0;
	r = get(path, NULL, 403);
	assert_has(r->body, "scope read");
	http_response_free(r);
	/* a session cookie alone does not unlock a feed: sign in as kamau */
	{
		struct http_response *f = get("/signin", NULL, 200);
		const char *sc = http_header(f, "Set-Cookie"), *hv;
		char token[128], cookie[400], body[400], session[128] = "";

		assert_non_null(sc);
		hv = strstr(f->body, "name=\"signin\" value=\"");
		assert_non_null(hv);
		snprintf(token, sizeof(token), "%.*s", (int)strcspn(hv + 21, "\""), hv + 21);
		http_response_free(f);
		snprintf(cookie, sizeof(cookie), "Cookie: ccrepo_signin=%s\r\nContent-Type: "
			 "application/x-www-form-urlencoded\r\n", token);
		snprintf(body, sizeof(body), "signin=%s&username=kamau&password=%s&next=/",
			 token, HARNESS_PASSWORD);
		for (char *p = body; *p; p++)
			if (*p == ' ')
				*p = '+';
		f = http_request(S, "POST", "/signin", cookie, body, strlen(body));
		assert_int_equal(f->status, 303);
		for (size_t i = 0; i < f->nheaders; i++)
			if (!strcasecmp(f->headers[i].name, "Set-Cookie") &&
			    !strncmp(f->headers[i].value, "ccrepo_session=", 15))
				snprintf(session, sizeof(session), "%.*s",
					 (int)strcspn(f->headers[i].value + 15, ";"),
					 f->headers[i].value + 15);
		http_response_free(f);
		assert_int_equal(strlen(session), 64);
		snprintf(hdr, sizeof(hdr), "Cookie: ccrepo_session=%s\r\n", session);
		/* the page, signed in, shows the AMBER law (the session reads it) ... */
		r = get("/developments?country=KE", hdr, 200);
		assert_has(r->body, "zqamberlaw");
		assert_has(r->body, "Make a private feed address");
		http_response_free(r);
		/* ... the feed with the session only does not */
		r = get("/feeds/developments.atom?country=KE", hdr, 200);
		assert_lacks(r->body, "zqamberlaw");
		http_response_free(r);
	}
	/* revoked: 401 */
	assert_int_equal(harness_cli(S->dir, NULL, (const char *const[]){ "user", "revoke",
				     fke_read_id, NULL }, NULL, 0), 0);
	snprintf(path, sizeof(path), "/feeds/developments.atom?country=KE&token=%s", fke_read);
	r = get(path, NULL, 401);
	assert_lacks(r->body, "zqamberlaw");
	http_response_free(r);
	/* the focal point's own API reads the AMBER law (its write token) */
	j = must(fke, "GET", "/api/v1/developments?country=KE", NULL, 200);
	assert_false(json_is_true(json_object_get(j, "public_only")));
	{
		char *t = json_dumps(j, 0);

		assert_has(t, "zqamberlaw");
		free(t);
	}
	json_decref(j);
}

/* The page: the head's link to its feed, filters, Arabic right to left; the country's
 * and the article's pages link their feeds. */
static void test_pages(void **state)
{
	struct http_response *r;

	(void)state;
	r = get("/developments", NULL, 200);
	assert_has(r->body, "<link rel=\"alternate\" type=\"application/atom+xml\"");
	assert_has(r->body, "href=\"/feeds/developments.atom?lang=en\"");
	assert_has(r->body, "Computer Misuse Act");
	assert_lacks(r->body, "zqamberlaw");
	assert_lacks(r->body, "Make a private feed address");	/* not signed in */
	http_response_free(r);
	r = get("/developments?lang=ar&country=KE", NULL, 200);
	assert_has(r->body, "<html lang=\"ar\" dir=\"rtl\">");
	assert_has(r->body, "التطورات");
	assert_has(r->body, "href=\"/feeds/developments.atom?country=KE&amp;lang=ar\"");
	http_response_free(r);
	r = get("/countries/KE", NULL, 200);
	assert_has(r->body, "<link rel=\"alternate\" type=\"application/atom+xml\"");
	assert_has(r->body, "/feeds/developments.atom?country=KE&amp;lang=en");
	http_response_free(r);
	r = get("/instruments/coe-185/2", NULL, 200);
	assert_has(r->body, "/feeds/developments.atom?article=coe-185/2&amp;lang=en");
	http_response_free(r);
	r = get("/campaigns", NULL, 200);
	assert_has(r->body, "/feeds/developments.atom?kind=campaign-opened,campaign-answered&amp;"
		   "lang=en");
	http_response_free(r);
	r = get("/assistance", NULL, 200);
	assert_has(r->body, "/feeds/developments.atom?kind=assistance-delivered&amp;lang=en");
	http_response_free(r);
	r = get("/regions/014", NULL, 200);
	assert_has(r->body, "/feeds/developments.atom?region=014&amp;lang=en");
	http_response_free(r);
	r = get("/developments?kind=case", NULL, 200);
	assert_has(r->body, "Republic v. Mwangi");
	assert_lacks(r->body, "Computer Misuse Act");
	http_response_free(r);
}

static void test_api(void **state)
{
	json_t *j = must("", "GET", "/api/v1/developments?country=KE", NULL, 200), *v;
	int adopted = 0, amended = 0, covered = 0;
	size_t i;

	(void)state;
	assert_true(json_is_true(json_object_get(j, "public_only")));
	assert_int_equal(json_integer_value(json_object_get(j, "limit")), 50);
	json_array_foreach(json_object_get(j, "developments"), i, v) {
		const char *k = json_string_value(json_object_get(v, "kind"));

		assert_string_equal(json_string_value(json_object_get(v, "country")), "KE");
		adopted += !strcmp(k, "law-adopted");
		amended += !strcmp(k, "law-amended");
		covered += !strcmp(k, "coverage");
		if (!strcmp(k, "law-amended"))
			assert_string_equal(json_string_value(json_object_get(v, "date")),
					    "2020-01-01");
	}
	assert_int_equal(adopted, 1);
	assert_int_equal(amended, 1);
	assert_true(covered >= 1);
	json_decref(j);
}

/* Bad input: 400 naming the parameter, on the feed, the API and the page. */
static void test_bad_input(void **state)
{
	static const struct {
		const char *query, *names;
	} bad[] = {
		{ "limit=501", "limit" }, { "limit=abc", "limit" }, { "country=XX", "country" },
		{ "region=999", "region" }, { "article=coe-185/999", "article" },
		{ "article=seven", "article" }, { "kind=law", "kind" },
		{ "topic=knitting", "topic" }, { "from=1990-01-01&to=2025-01-01", "period" },
		{ "from=2025-01-01&to=2024-01-01", "to" }, { "period=2025-13", "period" },
	};
	static const char *const bases[] = { "/feeds/developments.atom?", "/api/v1/developments?",
					     "/developments?" };
	char path[300];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		for (size_t b = 0; b < 3; b++) {
			struct http_response *r;

			snprintf(path, sizeof(path), "%s%s", bases[b], bad[i].query);
			r = get(path, NULL, 400);
			assert_has(r->body, bad[i].names);
			http_response_free(r);
		}
}

/* n requests of path with hdr after one not timed: the median and the 99th percentile
 * (nearest rank) in ms into q[0], q[1]. */
static void timed(const char *path, const char *hdr, int n, double q[2])
{
	double t[200], tmp;

	assert_true(n <= 200);
	http_response_free(get(path, hdr, 200));
	for (int i = 0; i < n; i++) {
		double t0 = harness_now_ms();

		http_response_free(get(path, hdr, 200));
		t[i] = harness_now_ms() - t0;
	}
	for (int i = 0; i < n; i++)
		for (int k = i + 1; k < n; k++)
			if (t[k] < t[i]) {
				tmp = t[i];
				t[i] = t[k];
				t[k] = tmp;
			}
	q[0] = t[n / 2];
	q[1] = t[(99 * n + 99) / 100 - 1];
}

/* A country's feed, warm: computed (a program's token in the header: a private feed,
 * never cached) and the public's (from the page cache after the first). */
static void test_timing(void **state)
{
	double c[2], k[2];

	(void)state;
	timed("/feeds/developments.atom?country=KE", fke, 50, c);
	timed("/feeds/developments.atom?country=KE", NULL, 50, k);
	printf("country feed, warm, over HTTP: computed median %.2f ms (p99 %.2f); public, "
	       "cached, median %.2f ms (p99 %.2f)\n", c[0], c[1], k[0], k[1]);
	assert_true(c[0] < 200);	/* a generous bound for a loaded machine */
}

/* ---- on the corpus of ../shared (skipped without it) ---- */

static char *shared_dir;
static char corpus_cur[256];	/* the corpus server's curator: "Authorization: ..." */

static int corpus_setup(void **state)
{
	const char *sh = getenv("CCREPO_SHARED");
	char corpus[1024], fa[256];
	FILE *f;

	(void)state;
	S = NULL;
	if (!sh || !*sh)
		return 0;
	snprintf(corpus, sizeof(corpus), "%s/corpus/README.md", sh);
	if (!(f = fopen(corpus, "r")))
		return 0;
	fclose(f);
	shared_dir = strdup(sh);
	S = harness_corpus_srv(shared_dir, corpus_cur, fa, sizeof(fa));
	return S ? 0 : -1;
}

static int corpus_teardown(void **state)
{
	(void)state;
	free(shared_dir);
	if (S)
		assert_int_equal(srv_stop(S), 0);
	S = NULL;
	return 0;
}

#define NEED_CORPUS()                                                                   \
	do {                                                                            \
		if (!S) {                                                               \
			printf("skipped: no corpus at $CCREPO_SHARED/corpus\n");         \
			skip();                                                         \
		}                                                                       \
	} while (0)

/* Every law of the corpus in the feeds of 1986-2015, valid; the United States' laws
 * and the articles they cover since 1986 in its feed and the API. */
static void test_corpus_feeds(void **state)
{
	static const char *const feeds[] = {
		"/feeds/developments.atom?from=1986-01-01&to=2015-12-31&limit=500",
		"/feeds/developments.atom?from=1986-01-01&to=2015-12-31&country=US&lang=ar",
		"/feeds/developments.atom?from=1986-01-01&to=2015-12-31&article=un-cc/7&lang=zh",
		"/feeds/developments.atom?from=1990-01-01&to=2019-12-31&region=150&lang=fr",
	};
	struct http_response *r;
	json_t *j, *v;
	size_t i;
	int us7 = 0;

	(void)state;
	NEED_CORPUS();
	for (i = 0; i < sizeof(feeds) / sizeof(feeds[0]); i++) {
		const char *lang = strstr(feeds[i], "lang=");

		r = get(feeds[i], NULL, 200);
		assert_true(check_feed(r, lang ? lang + 5 : "en") >= 2);
		http_response_free(r);
	}
	r = get(feeds[0], NULL, 200);
	assert_has(r->body, "18 U.S.C. 1030");
	assert_has(r->body, "Code pénal");
	http_response_free(r);
	j = must("", "GET", "/api/v1/developments?from=1986-01-01&to=2015-12-31&country=US"
		 "&kind=coverage&limit=500", NULL, 200);
	json_array_foreach(json_object_get(j, "developments"), i, v) {
		const char *a = json_string_value(json_object_get(v, "article"));

		if (a && !strcmp(a, "un-cc/7") &&
		    !strcmp(json_string_value(json_object_get(v, "date")), "1986-10-16"))
			us7 = 1;
	}
	json_decref(j);
	assert_true(us7);
}

/* A country's feed and the world's, warm, on the corpus, computed (the curator's
 * token: never cached) and the public's (cached): median and 99th percentile. */
static void test_corpus_timing(void **state)
{
	static const char *const paths[] = {
		"/feeds/developments.atom?country=US&from=1986-01-01&to=2015-12-31",
		"/feeds/developments.atom?from=1986-01-01&to=2015-12-31",
	};
	double c[2], k[2];

	(void)state;
	NEED_CORPUS();
	for (size_t p = 0; p < 2; p++) {
		timed(paths[p], corpus_cur, 100, c);
		timed(paths[p], NULL, 100, k);
		printf("corpus, %s feed, warm, over HTTP: computed median %.2f ms (p99 %.2f); "
		       "public, cached, median %.2f ms (p99 %.2f)\n",
		       p ? "the world's" : "a country's (US)", c[0], c[1], k[0], k[1]);
		assert_true(c[0] < 500);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feeds_valid),
		cmocka_unit_test(test_conditional),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_timing),
		cmocka_unit_test(test_token_feed),
	};

	const struct CMUnitTest corpus[] = {
		cmocka_unit_test(test_corpus_feeds),
		cmocka_unit_test(test_corpus_timing),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);

	return harness_exit(rc ? rc : cmocka_run_group_tests(corpus, corpus_setup,
							     corpus_teardown));
}
