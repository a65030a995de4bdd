/* The HTML pages, through the real binary: content, languages, caching, compression,
 * security headers, escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integration/harness.h"

/* One server for the whole program: srv_one, started by srv_one_setup. */
#define S srv_one

#define HTML "text/html; charset=utf-8"

/* GET path, expect 200 text/html; the caller frees. */
static struct http_response *page(const char *path, const char *headers)
{
	struct http_response *r = http_get(S, path, headers);

	assert_status(r, 200);
	assert_header_has(r, "Content-Type", HTML);
	assert_has(r->body, "<!doctype html>");
	assert_has(r->body, "</html>");
	return r;
}

/* The body of the <main> element (a pointer into r->body). */
static const char *main_of(const struct http_response *r)
{
	const char *m = strstr(r->body, "<main");

	assert_non_null(m);
	return m;
}

static void test_home(void **state)
{
	struct http_response *r = page("/", NULL);

	(void)state;
	assert_string_equal(http_header(r, "Content-Type"), HTML);
	assert_has(r->body, "<html lang=\"en\"");
	assert_has(r->body, "dir=\"ltr\"");
	assert_has(r->body, "<a href=\"/countries\">");
	assert_has(r->body, "<a href=\"/instruments/coe-185\">");
	assert_has(r->body, "<a href=\"/instruments/un-cc\">");
	assert_has(r->body, "<link rel=\"stylesheet\" href=\"/static/site.css\">");
	assert_has(r->body, "<title>");
	/* the public is shown what it may use: no review queue, no import; a sign-in */
	assert_lacks(r->body, "href=\"/review");
	assert_lacks(r->body, "href=\"/laws/import");
	assert_has(r->body, "<a href=\"/signin\">Sign in</a>");
	http_response_free(r);
	/* a page the public may not use offers to sign in and come back */
	r = http_get(S, "/laws/import?lang=fr", NULL);
	assert_int_equal(r->status, 403);
	assert_has(r->body, "<a href=\"/signin?next=%2Flaws%2Fimport&amp;lang=fr\">Se connecter</a>");
	http_response_free(r);
	/* switching language keeps the query */
	r = http_get(S, "/search?q=illegal+access&type=case&lang=fr", NULL);
	assert_has(r->body, "<a href=\"/search?q=illegal%20access&amp;type=case&amp;lang=ar\" "
			    "lang=\"ar\"");
	http_response_free(r);
}

static void test_countries(void **state)
{
	struct http_response *r = page("/countries", NULL);
	const char *ssa, *ea, *ke, *p;

	(void)state;
	ssa = strstr(r->body, ">Sub-Saharan Africa</a></h");
	ea = strstr(r->body, ">Eastern Africa</a></h");
	ke = strstr(r->body, "<a href=\"/countries/KE\">Kenya</a>");
	assert_non_null(ssa);
	assert_non_null(ea);
	assert_non_null(ke);
	assert_true(ssa < ea);
	assert_true(ea < ke);
	/* Eastern Africa is the nearest heading above Kenya */
	for (p = strstr(ea, "</h") + 4; p < ke; p++)
		if (p[0] == '<' && p[1] == 'h' && p[2] >= '1' && p[2] <= '6')
			fail_msg("a heading between Eastern Africa and Kenya: %.80s", p);
	/* the heading of Sub-Saharan Africa is one level above that of Eastern Africa */
	assert_int_equal(strstr(ssa, "</h")[3] + 1, strstr(ea, "</h")[3]);
	/* other regions and countries are there too */
	assert_has(r->body, "<a href=\"/countries/FR\">France</a>");
	assert_has(r->body, "<a href=\"/countries/JP\">Japan</a>");
	assert_has(r->body, ">Northern Europe</a></h");
	http_response_free(r);
}

static void test_country_ke(void **state)
{
	struct http_response *r = page("/countries/KE", NULL);
	const char *m = main_of(r);

	(void)state;
	assert_has(m, "<h1>Kenya</h1>");
	assert_has(m, ">كينيا<");
	assert_has(m, ">肯尼亚<");
	assert_has(m, ">Kenya<");
	assert_has(m, ">Кения<");
	assert_has(m, ">Kenia<");
	assert_has(m, "<td lang=\"ar\" dir=\"rtl\">كينيا</td>");
	assert_has(m, "<td lang=\"zh\" dir=\"ltr\">肯尼亚</td>");
	/* where it is, then its sections in order, each named in the page's table */
	assert_has(m, "<a href=\"/countries\">Countries</a> › <a href=\"/regions/002\">Africa</a> "
		   "› <a href=\"/regions/202\">Sub-Saharan Africa</a> › <a href=\"/regions/014\">"
		   "Eastern Africa</a>");
	assert_before(m, "<h2 id=\"laws\">Laws</h2>", "<h2 id=\"cases\">Case law</h2>");
	assert_before(m, "<h2 id=\"cases\">", "<h2 id=\"lessons\">");
	assert_before(m, "<h2 id=\"lessons\">", "<h2 id=\"names\">");
	assert_has(m, "<li><a href=\"#laws\">Laws</a></li>");
	assert_has(m, "No laws of this country yet.");
	assert_has(m, "<code>KEN</code>");
	assert_has(m, "<code>404</code>");
	/* the page itself stays in English */
	assert_has(r->body, "<html lang=\"en\" dir=\"ltr\">");
	assert_string_equal(http_header(r, "Content-Language"), "en");
	http_response_free(r);
}

static void test_country_redirects(void **state)
{
	static const char *const paths[] = { "/countries/ke", "/countries/KEN",
					     "/countries/ken", "/countries/404" };

	(void)state;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct http_response *r = http_get(S, paths[i], NULL);

		assert_status(r, 301);
		assert_non_null(http_header(r, "Location"));
		assert_string_equal(http_header(r, "Location"), "/countries/KE");
		http_response_free(r);
	}
}

static void test_country_not_found(void **state)
{
	struct http_response *r = http_get(S, "/countries/XX", NULL);

	(void)state;
	assert_status(r, 404);
	assert_header_has(r, "Content-Type", HTML);
	assert_has(r->body, "<html lang=\"en\"");
	assert_has(r->body, "<h1>Page not found</h1>");
	assert_has(r->body, "XX");
	assert_header_has(r, "Cache-Control", "no-store");
	http_response_free(r);
}

static void test_country_bad_code(void **state)
{
	struct http_response *r = http_get(S, "/countries/K3Y!!", NULL);

	(void)state;
	assert_status(r, 400);
	assert_header_has(r, "Content-Type", HTML);
	assert_has(r->body, "</html>");
	http_response_free(r);
}

static void test_regions(void **state)
{
	struct http_response *r = page("/regions", NULL);
	const char *m = main_of(r);

	(void)state;
	assert_before(m, "<a href=\"/regions/001\">World</a>", "<a href=\"/regions/002\">Africa</a>");
	assert_before(m, "<a href=\"/regions/202\">Sub-Saharan Africa</a>",
		      "<a href=\"/regions/014\">Eastern Africa</a>");
	assert_has(m, "(001 · 249 countries and areas)");
	assert_has(m, "(002 · 60 countries and areas)");
	http_response_free(r);
	/* counts in each language's plural forms */
	r = page("/regions?lang=ru", NULL);
	assert_has(r->body, "(001 · 249 стран и территорий)");
	assert_has(r->body, "(002 · 60 стран и территорий)");
	http_response_free(r);
	r = page("/regions?lang=ar", NULL);
	assert_has(r->body, "(002 · 60 بلدًا ومنطقة)");
	http_response_free(r);

	r = page("/regions/014", NULL);
	m = main_of(r);
	assert_has(m, "<h1>Eastern Africa</h1>");
	assert_has(m, "014");
	assert_has(m, "<a href=\"/regions/202\">Sub-Saharan Africa</a>");
	assert_has(m, "<a href=\"/countries/KE\">Kenya</a>");
	assert_has(m, "<a href=\"/countries/ET\">Ethiopia</a>");
	assert_lacks(m, "/countries/FR\"");
	http_response_free(r);

	r = http_get(S, "/regions/999", NULL);
	assert_status(r, 404);
	http_response_free(r);
}

/* /about, /help, /contact in every language, linked from every page's footer; mixed
 * content (codes, English queries) marked with its language and direction. */
static void test_about_pages(void **state)
{
	static const char *const paths[] = { "/about", "/help", "/contact" };
	static const char *const langs[] = { "ar", "zh", "en", "fr", "ru", "es" };
	struct http_response *r;

	(void)state;
	for (size_t i = 0; i < 3; i++)
		for (size_t l = 0; l < 6; l++) {
			char path[64];

			snprintf(path, sizeof(path), "%s?lang=%s", paths[i], langs[l]);
			r = page(path, NULL);
			assert_has(r->body, "<h1>");
			assert_has(r->body, "href=\"/about?lang=");
			assert_has(r->body, "href=\"/help?lang=");
			assert_has(r->body, "href=\"/contact?lang=");
			http_response_free(r);
		}
	r = page("/help", NULL);
	assert_has(r->body, "<code>article:coe-185/2</code>");
	assert_has(r->body, "<code>/akn/ke/act/2018/5/~sec_14</code>");
	assert_has(r->body, "TLP:AMBER+STRICT");
	http_response_free(r);
	r = page("/help?lang=ar", NULL);
	assert_has(r->body, "<code lang=\"en\" dir=\"ltr\">country:KE</code>");
	assert_has(r->body, "<code dir=\"ltr\">/akn/ke/act/2018/5/~sec_14</code>");
	assert_has(r->body, "كيفية البحث");
	http_response_free(r);
	r = page("/contact?lang=fr", NULL);
	assert_has(r->body, "adressez-vous à l’exploitant de ce site");
	assert_lacks(r->body, "mailto:");
	http_response_free(r);
	{	/* with the setting contact, the address as a link */
		static const char *const args[] = { "--contact", "ops@example.org", NULL };
		struct srv *c = srv_start(args);

		assert_non_null(c);
		r = http_get(c, "/contact?lang=es", NULL);
		assert_status(r, 200);
		assert_has(r->body, "Escriba al operador: <a href=\"mailto:ops@example.org\" "
			   "dir=\"ltr\">ops@example.org</a>");
		http_response_free(r);
		assert_int_equal(srv_stop(c), 0);
	}
	/* the home page's counts: plural forms and grouped numbers */
	r = page("/?lang=fr", NULL);
	assert_has(r->body, "249 pays et zones");
	assert_has(r->body, "<a href=\"/about?lang=fr\">À propos</a>");
	http_response_free(r);
	r = page("/?lang=ar", NULL);
	assert_has(r->body, "<a href=\"/instruments/coe-185?lang=ar\" lang=\"en\" dir=\"ltr\">");
	http_response_free(r);
}

static void test_instrument_coe185(void **state)
{
	struct http_response *r = page("/instruments/coe-185", NULL);
	const char *m = main_of(r), *row;

	(void)state;
	assert_has(m, "<h1>Budapest Convention</h1>");
	assert_before(m, "Chapter I – Use of terms",
		      "Chapter II – Measures to be taken at the national level");
	assert_before(m, "Chapter II – Measures to be taken at the national level",
		      "Section 1 – Substantive criminal law");
	assert_has(m, "Chapter III – International co-operation");
	assert_has(m, "Chapter IV – Final provisions");
	row = strstr(m, "<a href=\"/instruments/coe-185/2\">Illegal access</a>");
	assert_non_null(row);
	assert_true(strstr(row, "criminalization") < strstr(row, "</tr>"));
	assert_has(m, "<a href=\"/instruments/coe-185/48\">");
	http_response_free(r);
}

static void test_instrument_uncc(void **state)
{
	struct http_response *r = page("/instruments/un-cc", NULL);
	const char *m = main_of(r);

	(void)state;
	assert_has(m, "<h1>UN Convention against Cybercrime</h1>");
	assert_before(m, "Chapter I – General provisions", "Chapter II – Criminalization");
	assert_before(m, "Chapter II – Criminalization",
		      "<a href=\"/instruments/un-cc/7\">Illegal access</a>");
	assert_has(m, "Chapter IX – Final provisions");
	assert_has(m, "<a href=\"/instruments/un-cc/68\">");
	http_response_free(r);

	r = page("/instruments", NULL);
	assert_has(r->body, "<a href=\"/instruments/coe-185\">Budapest Convention</a>");
	assert_has(r->body, "<a href=\"/instruments/un-cc\">");
	http_response_free(r);
}

static void test_articles(void **state)
{
	struct http_response *r = page("/instruments/un-cc/7", NULL);
	const char *m = main_of(r);

	(void)state;
	assert_has(m, "<h1>Article 7 – Illegal access</h1>");
	assert_has(m, "criminalization");
	assert_has(m, "<a href=\"/instruments/coe-185/2\">");
	assert_has(m, "equivalent");
	http_response_free(r);

	r = page("/instruments/coe-185/10", NULL);
	m = main_of(r);
	assert_has(m, "<h1>Article 10 – ");
	assert_has(m, "no counterpart");
	assert_lacks(m, "<a href=\"/instruments/un-cc/");
	http_response_free(r);

	r = http_get(S, "/instruments/un-cc/999", NULL);
	assert_status(r, 404);
	assert_header_has(r, "Content-Type", HTML);
	http_response_free(r);

	r = http_get(S, "/instruments/un-cc/abc", NULL);
	assert_status(r, 400);
	assert_header_has(r, "Content-Type", HTML);
	http_response_free(r);

	r = http_get(S, "/instruments/nope", NULL);
	assert_true(r->status == 404 || r->status == 400);
	http_response_free(r);
}

static void test_lang_param(void **state)
{
	struct http_response *r = page("/countries/KE?lang=fr", NULL);

	(void)state;
	assert_has(r->body, "<html lang=\"fr\" dir=\"ltr\">");
	assert_has(r->body, ">Pays</a>");
	assert_string_equal(http_header(r, "Content-Language"), "fr");
	/* links keep the language */
	assert_has(r->body, "href=\"/countries?lang=fr\"");
	http_response_free(r);

	/* an unknown language falls back to English */
	r = page("/countries/KE?lang=xx", NULL);
	assert_has(r->body, "<html lang=\"en\"");
	http_response_free(r);
}

static void test_accept_language(void **state)
{
	struct http_response *r = page("/countries/KE", "Accept-Language: ar\r\n");

	(void)state;
	assert_has(r->body, "<html lang=\"ar\" dir=\"rtl\">");
	assert_string_equal(http_header(r, "Content-Language"), "ar");
	http_response_free(r);

	/* q-values: Russian preferred over French */
	r = page("/countries", "Accept-Language: fr;q=0.5, ru;q=0.9, de\r\n");
	assert_has(r->body, "<html lang=\"ru\"");
	http_response_free(r);

	/* ?lang= wins over the header */
	r = page("/countries/KE?lang=es", "Accept-Language: ar\r\n");
	assert_has(r->body, "<html lang=\"es\" dir=\"ltr\">");
	http_response_free(r);
}

static void test_static(void **state)
{
	struct http_response *r = http_get(S, "/static/site.css", NULL), *r2;
	char hdr[256];
	const char *etag;

	(void)state;
	assert_status(r, 200);
	assert_header_has(r, "Content-Type", "text/css");
	assert_header_has(r, "Cache-Control", "max-age=");
	assert_true(r->body_len > 100);
	etag = http_header(r, "ETag");
	assert_non_null(etag);
	assert_true(etag[0] == '"' && etag[strlen(etag) - 1] == '"');
	snprintf(hdr, sizeof(hdr), "If-None-Match: %s\r\n", etag);
	r2 = http_get(S, "/static/site.css", hdr);
	assert_status(r2, 304);
	assert_int_equal(r2->body_len, 0);
	assert_string_equal(http_header(r2, "ETag"), etag);
	http_response_free(r2);
	/* another tag: the whole file again */
	r2 = http_get(S, "/static/site.css", "If-None-Match: \"nope\"\r\n");
	assert_status(r2, 200);
	assert_int_equal(r2->body_len, r->body_len);
	http_response_free(r2);
	http_response_free(r);

	r = http_get(S, "/static/nope.css", NULL);
	assert_status(r, 404);
	http_response_free(r);
}

static void test_gzip(void **state)
{
	struct http_response *plain = page("/countries", NULL);
	struct http_response *z = http_get(S, "/countries", "Accept-Encoding: gzip\r\n");
	size_t n = 0;
	char *inflated;

	(void)state;
	assert_status(z, 200);
	assert_null(http_header(plain, "Content-Encoding"));
	assert_header_has(z, "Content-Encoding", "gzip");
	assert_header_has(z, "Vary", "Accept-Encoding");
	assert_true(z->body_len < plain->body_len / 2);
	inflated = http_gunzip(z->body, z->body_len, &n);
	assert_non_null(inflated);
	assert_int_equal(n, plain->body_len);
	assert_memory_equal(inflated, plain->body, n);
	/* the two representations have different tags */
	assert_non_null(http_header(z, "ETag"));
	assert_string_not_equal(http_header(z, "ETag"), http_header(plain, "ETag"));
	free(inflated);
	http_response_free(z);

	/* the static file too */
	z = http_get(S, "/static/site.css", "Accept-Encoding: gzip, deflate\r\n");
	assert_status(z, 200);
	if (http_header(z, "Content-Encoding")) {
		inflated = http_gunzip(z->body, z->body_len, &n);
		assert_non_null(inflated);
		assert_has(inflated, "{");
		free(inflated);
	}
	http_response_free(z);
	/* gzip;q=0 means no */
	z = http_get(S, "/countries", "Accept-Encoding: gzip;q=0\r\n");
	assert_status(z, 200);
	assert_null(http_header(z, "Content-Encoding"));
	assert_int_equal(z->body_len, plain->body_len);
	http_response_free(z);
	http_response_free(plain);
}

static void test_etag(void **state)
{
	struct http_response *r = page("/countries/KE", NULL), *r2;
	char hdr[256];
	const char *etag = http_header(r, "ETag");

	(void)state;
	assert_non_null(etag);
	snprintf(hdr, sizeof(hdr), "If-None-Match: %s\r\n", etag);
	r2 = http_get(S, "/countries/KE", hdr);
	assert_status(r2, 304);
	assert_int_equal(r2->body_len, 0);
	assert_string_equal(http_header(r2, "ETag"), etag);
	http_response_free(r2);
	/* twice: the second one comes from the cache */
	r2 = http_get(S, "/countries/KE", hdr);
	assert_status(r2, 304);
	http_response_free(r2);
	/* a list of tags with the right one in it */
	snprintf(hdr, sizeof(hdr), "If-None-Match: \"a\", %s\r\n", etag);
	r2 = http_get(S, "/countries/KE", hdr);
	assert_status(r2, 304);
	http_response_free(r2);
	/* the French page is another representation */
	snprintf(hdr, sizeof(hdr), "If-None-Match: %s\r\n", etag);
	r2 = http_get(S, "/countries/KE?lang=fr", hdr);
	assert_status(r2, 200);
	assert_string_not_equal(http_header(r2, "ETag"), etag);
	http_response_free(r2);
	http_response_free(r);
}

static void check_security_headers(const char *what, const struct http_response *r)
{
	const char *csp = http_header(r, "Content-Security-Policy");

	if (!csp)
		fail_msg("%s (status %d): no Content-Security-Policy", what, r->status);
	if (!strstr(csp, "frame-ancestors 'none'"))
		fail_msg("%s: CSP without frame-ancestors 'none': %s", what, csp);
	if (!http_header(r, "X-Content-Type-Options") ||
	    strcmp(http_header(r, "X-Content-Type-Options"), "nosniff"))
		fail_msg("%s: X-Content-Type-Options is not nosniff", what);
	if (!http_header(r, "Referrer-Policy"))
		fail_msg("%s: no Referrer-Policy", what);
}

static void test_security_headers(void **state)
{
	static const struct {
		const char *path, *headers;
		int status;
	} cases[] = {
		{ "/", NULL, 200 },
		{ "/countries/KE", NULL, 200 },
		{ "/countries/KE", "Accept-Encoding: gzip\r\n", 200 },
		{ "/api/v1/countries/KE", NULL, 200 },
		{ "/healthz", NULL, 200 },
		{ "/countries/XX", NULL, 404 },
		{ "/countries/K3Y!!", NULL, 400 },
		{ "/api/v1/countries/XX", NULL, 404 },
		{ "/nowhere", NULL, 404 },
		{ "/static/site.css", NULL, 200 },
		{ "/static/site.css", "Accept-Encoding: gzip\r\n", 200 },
		{ "/static/nope.css", NULL, 404 },
		{ "/countries/ke", NULL, 301 },
	};
	char what[128];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct http_response *r = http_get(S, cases[i].path, cases[i].headers);

		snprintf(what, sizeof(what), "GET %s", cases[i].path);
		assert_status(r, cases[i].status);
		check_security_headers(what, r);
		http_response_free(r);
	}
	{
		struct http_response *r = http_request(S, "DELETE", "/countries", NULL, NULL, 0);

		assert_status(r, 405);
		check_security_headers("DELETE /countries", r);
		http_response_free(r);
		r = http_get(S, "/countries/KE", NULL);
		snprintf(what, sizeof(what), "If-None-Match: %s\r\n", http_header(r, "ETag"));
		http_response_free(r);
		r = http_get(S, "/countries/KE", what);
		assert_status(r, 304);
		check_security_headers("304 /countries/KE", r);
		http_response_free(r);
	}
}

static void test_escaping(void **state)
{
	static const char *const paths[] = {
		"/", "/countries", "/countries/KE", "/countries/CI", "/regions", "/regions/014",
		"/instruments", "/instruments/coe-185", "/instruments/un-cc",
		"/instruments/un-cc/7", "/countries/KE?lang=ar", "/countries?lang=zh",
		/* hostile input, echoed in error pages and in the language links */
		"/countries/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
		"/countries/%22%3E%3Cscript%3E",
		"/instruments/%3Cscript%3E",
		"/instruments/un-cc/%3Cscript%3E",
		"/%3Cscript%3E",
		"/countries?lang=%3Cscript%3E&x=%22%3E%3Cscript%3E",
		"/regions/%3Cscript%3E",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct http_response *r = http_get(S, paths[i], NULL);

		assert_non_null(r);
		if (r->status == 0)
			fail_msg("%s: no answer", paths[i]);
		assert_lacks(r->body, "<script");
		assert_lacks(r->body, "<SCRIPT");
		if (r->status >= 400)
			assert_header_has(r, "Content-Type", HTML);
		http_response_free(r);
	}
	/* the echoed text is there, escaped */
	{
		struct http_response *r = http_get(S, "/instruments/%3Cscript%3E", NULL);

		assert_has(r->body, "&lt;script&gt;");
		http_response_free(r);
	}
	/* Côte d'Ivoire: the apostrophe is escaped in text */
	{
		struct http_response *r = page("/countries/CI", NULL);

		assert_has(r->body, "C\xc3\xb4te d&#39;Ivoire");
		http_response_free(r);
	}
}

static void test_head(void **state)
{
	struct http_response *r = http_request(S, "HEAD", "/countries/KE", NULL, NULL, 0);

	(void)state;
	assert_status(r, 200);
	assert_int_equal(r->body_len, 0);
	assert_header_has(r, "Content-Type", HTML);
	http_response_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_home),
		cmocka_unit_test(test_countries),
		cmocka_unit_test(test_country_ke),
		cmocka_unit_test(test_country_redirects),
		cmocka_unit_test(test_country_not_found),
		cmocka_unit_test(test_country_bad_code),
		cmocka_unit_test(test_regions),
		cmocka_unit_test(test_about_pages),
		cmocka_unit_test(test_instrument_coe185),
		cmocka_unit_test(test_instrument_uncc),
		cmocka_unit_test(test_articles),
		cmocka_unit_test(test_lang_param),
		cmocka_unit_test(test_accept_language),
		cmocka_unit_test(test_static),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_etag),
		cmocka_unit_test(test_security_headers),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_head),
		cmocka_unit_test(srv_one_test_stop),
	};
	int rc = cmocka_run_group_tests(tests, srv_one_setup, srv_one_teardown);

	return harness_exit(rc ? rc : srv_one_failed);
}
