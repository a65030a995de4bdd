/* Tests of view/html (escaping by context and html_fmt) and of the small helpers of
 * http/http.h: the problem+json body of http_error(), reason phrases, err-to-status,
 * Accept-Language negotiation and the request path check. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "core/err.h"
#include "domain/country.h"
#include "http/http.h"
#include "view/html.h"

/* ---- html_esc, html_url, html_fmt ---- */

static void test_esc(void **state)
{
	struct sbuf sb = SBUF_INIT;

	(void)state;
	html_esc(&sb, "a&b<c>d\"e'f");
	assert_string_equal(sbuf_str(&sb), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	sbuf_reset(&sb);
	html_esc(&sb, "<<>>&&");
	assert_string_equal(sbuf_str(&sb), "&lt;&lt;&gt;&gt;&amp;&amp;");
	sbuf_reset(&sb);
	/* an escaped entity is escaped again: the input is text, not markup */
	html_esc(&sb, "&amp;");
	assert_string_equal(sbuf_str(&sb), "&amp;amp;");
	sbuf_reset(&sb);
	/* UTF-8 passes untouched, including the typographic apostrophe U+2019 */
	html_esc(&sb, "C\xc3\xb4te d\xe2\x80\x99Ivoire \xe4\xb8\xad\xe6\x96\x87 \xd9\x83");
	assert_string_equal(sbuf_str(&sb),
			    "C\xc3\xb4te d\xe2\x80\x99Ivoire \xe4\xb8\xad\xe6\x96\x87 \xd9\x83");
	sbuf_reset(&sb);
	/* NULL and "" write nothing; output appends */
	sbuf_adds(&sb, "x");
	html_esc(&sb, NULL);
	html_esc(&sb, "");
	html_esc(&sb, "'");
	assert_string_equal(sbuf_str(&sb), "x&#39;");
	assert_int_equal(sb.len, 6);
	sbuf_release(&sb);
}

static void test_url(void **state)
{
	struct sbuf sb = SBUF_INIT;

	(void)state;
	html_url(&sb, "AZaz09-_.~");
	assert_string_equal(sbuf_str(&sb), "AZaz09-_.~");
	sbuf_reset(&sb);
	html_url(&sb, "a b&c/d?e=f#g+h%");
	assert_string_equal(sbuf_str(&sb), "a%20b%26c%2Fd%3Fe%3Df%23g%2Bh%25");
	sbuf_reset(&sb);
	html_url(&sb, "C\xc3\xb4te d'Ivoire");
	assert_string_equal(sbuf_str(&sb), "C%C3%B4te%20d%27Ivoire");
	sbuf_reset(&sb);
	html_url(&sb, "<\"\x01\x7f\xff>");
	assert_string_equal(sbuf_str(&sb), "%3C%22%01%7F%FF%3E");
	sbuf_reset(&sb);
	html_url(&sb, NULL);
	html_url(&sb, "");
	assert_string_equal(sbuf_str(&sb), "");
	assert_int_equal(sb.len, 0);
	sbuf_release(&sb);
}

static void test_fmt(void **state)
{
	struct sbuf sb = SBUF_INIT;

	(void)state;
	html_fmt(&sb, "<a href=\"/countries/%u\">%s</a>", "C d'I", "<b>&");
	assert_string_equal(sbuf_str(&sb),
			    "<a href=\"/countries/C%20d%27I\">&lt;b&gt;&amp;</a>");
	sbuf_reset(&sb);
	html_fmt(&sb, "%S|%d|%d|%z|100%%", "<i>raw</i>", -42, 0, (size_t)123456789012);
	assert_string_equal(sbuf_str(&sb), "<i>raw</i>|-42|0|123456789012|100%");
	sbuf_reset(&sb);
	/* NULL for the string directives writes nothing */
	html_fmt(&sb, "[%s][%u][%S]", (const char *)NULL, (const char *)NULL,
		 (const char *)NULL);
	assert_string_equal(sbuf_str(&sb), "[][][]");
	sbuf_reset(&sb);
	/* an unknown directive writes '?' and takes no argument */
	html_fmt(&sb, "a%qb%s", "<");
	assert_string_equal(sbuf_str(&sb), "a?b&lt;");
	sbuf_reset(&sb);
	/* a lone '%' at the end */
	html_fmt(&sb, "end%");
	assert_string_equal(sbuf_str(&sb), "end?");
	sbuf_reset(&sb);
	html_fmt(&sb, "");
	html_fmt(&sb, "plain");
	assert_string_equal(sbuf_str(&sb), "plain");
	sbuf_reset(&sb);
	/* a long argument */
	{
		char big[3001];

		memset(big, '"', 3000);
		big[3000] = '\0';
		html_fmt(&sb, "%s", big);
		assert_int_equal(sb.len, 3000 * 6);
		assert_memory_equal(sbuf_str(&sb), "&quot;&quot;", 12);
	}
	sbuf_release(&sb);
}

/* ---- http_error as problem+json ---- */

struct problem {
	struct req r;
	struct resp out;
	json_t *j;
};

static json_t *error_json(struct req *r, struct resp *out, int status, const char *detail)
{
	json_error_t je;
	json_t *j;

	sbuf_init(&out->body);
	assert_int_equal(http_error(r, out, status, detail), status);
	assert_int_equal(out->status, status);
	assert_string_equal(out->content_type, "application/problem+json");
	assert_string_equal(out->cache_control, "no-store");
	j = json_loadb(out->body.buf, out->body.len, 0, &je);
	if (!j)
		print_error("not JSON (%s): %s\n", je.text, sbuf_str(&out->body));
	assert_non_null(j);
	assert_true(json_is_object(j));
	return j;
}

static void test_error_json(void **state)
{
	static const char detail[] = "bad \"code\" \\ here\nline2\ttab\x01\x1f end \xc3\xa9";
	struct req r;
	struct resp out;
	json_t *j;

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&out, 0, sizeof(out));
	r.api = 1;
	r.path = "/api/v1/countries/\"x\"";
	j = error_json(&r, &out, 404, detail);
	assert_string_equal(json_string_value(json_object_get(j, "type")), "about:blank");
	assert_string_equal(json_string_value(json_object_get(j, "title")), "Not Found");
	assert_int_equal(json_integer_value(json_object_get(j, "status")), 404);
	assert_string_equal(json_string_value(json_object_get(j, "detail")), detail);
	assert_string_equal(json_string_value(json_object_get(j, "instance")),
			    "/api/v1/countries/\"x\"");
	/* control characters are escaped, not raw */
	assert_null(memchr(out.body.buf, '\x01', out.body.len));
	assert_null(memchr(out.body.buf, '\t', out.body.len));
	assert_non_null(strstr(out.body.buf, "\\u0001"));
	assert_non_null(strstr(out.body.buf, "\\\"code\\\""));
	json_decref(j);
	sbuf_release(&out.body);

	/* no detail, no path: the members are left out */
	memset(&r, 0, sizeof(r));
	r.api = 1;
	j = error_json(&r, &out, 500, NULL);
	assert_string_equal(json_string_value(json_object_get(j, "title")),
			    "Internal Server Error");
	assert_null(json_object_get(j, "detail"));
	assert_null(json_object_get(j, "instance"));
	json_decref(j);
	sbuf_release(&out.body);

	/* a status without a reason phrase still gives valid JSON */
	j = error_json(&r, &out, 599, "x");
	assert_string_equal(json_string_value(json_object_get(j, "title")), "");
	json_decref(j);
	sbuf_release(&out.body);
}

static int page_calls;

static void fake_page(struct req *r, struct resp *out, int status, const char *title,
		      const char *detail)
{
	(void)r;
	page_calls++;
	out->content_type = "text/html; charset=utf-8";
	sbuf_addf(&out->body, "<p>%d %s: %s</p>", status, title, detail ? detail : "");
}

static void test_error_page(void **state)
{
	struct req r;
	struct resp out;
	json_t *j;

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&out, 0, sizeof(out));
	/* without a registered page, even a web request gets JSON */
	http_set_error_page(NULL);
	j = error_json(&r, &out, 400, "no page");
	json_decref(j);
	sbuf_release(&out.body);

	http_set_error_page(fake_page);
	page_calls = 0;
	sbuf_adds(&out.body, "old body that must go");
	assert_int_equal(http_error(&r, &out, 403, "nope"), 403);
	assert_int_equal(page_calls, 1);
	assert_int_equal(out.status, 403);
	assert_string_equal(sbuf_str(&out.body), "<p>403 Forbidden: nope</p>");
	sbuf_release(&out.body);
	/* the API never gets the page */
	r.api = 1;
	j = error_json(&r, &out, 405, "method");
	assert_int_equal(page_calls, 1);
	json_decref(j);
	sbuf_release(&out.body);
	http_set_error_page(NULL);
}

/* A detail built by err_set() with a "%.16s" precision from a path segment (here
 * country_code_normalize() on "a" and nine "é") can end in the middle of a UTF-8
 * sequence; the problem document must still be valid JSON (valid UTF-8). */
static void test_error_json_truncated_utf8(void **state)
{
	const char *code = "a\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9";
	struct err e;
	char norm[4];
	struct req r;
	struct resp out;
	json_t *j;

	(void)state;
	err_clear(&e);
	assert_int_equal(country_code_normalize(code, norm, &e), ERR_INVALID);
	memset(&r, 0, sizeof(r));
	memset(&out, 0, sizeof(out));
	r.api = 1;
	r.path = "/api/v1/countries/x";
	j = error_json(&r, &out, http_status_of(e.code), e.msg);
	assert_int_equal(json_integer_value(json_object_get(j, "status")), 400);
	json_decref(j);
	sbuf_release(&out.body);
}

/* ---- reasons and statuses ---- */

static void test_reason_status(void **state)
{
	(void)state;
	assert_string_equal(http_reason(200), "OK");
	assert_string_equal(http_reason(304), "Not Modified");
	assert_string_equal(http_reason(400), "Bad Request");
	assert_string_equal(http_reason(404), "Not Found");
	assert_string_equal(http_reason(405), "Method Not Allowed");
	assert_string_equal(http_reason(413), "Content Too Large");
	assert_string_equal(http_reason(415), "Unsupported Media Type");
	assert_string_equal(http_reason(500), "Internal Server Error");
	assert_string_equal(http_reason(503), "Service Unavailable");
	assert_string_equal(http_reason(0), "");
	assert_string_equal(http_reason(418), "");
	assert_string_equal(http_reason(-1), "");

	assert_int_equal(http_status_of(ERR_OK), 200);
	assert_int_equal(http_status_of(ERR_NOTFOUND), 404);
	assert_int_equal(http_status_of(ERR_INVALID), 400);
	assert_int_equal(http_status_of(ERR_IO), 500);
	assert_int_equal(http_status_of(ERR_DB), 500);
	assert_int_equal(http_status_of(ERR_CONFLICT), 409);
	assert_int_equal(http_status_of(ERR_TOOLARGE), 413);
	assert_int_equal(http_status_of(ERR_INTERNAL), 500);
	assert_int_equal(http_status_of(-1), 500);
	assert_int_equal(http_status_of(1000), 500);
}

static void test_req_arg(void **state)
{
	struct req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_null(req_arg(&r, "q"));
	r.args[0].name = "lang", r.args[0].value = "fr";
	r.args[1].name = "q", r.args[1].value = "";
	r.nargs = 2;
	assert_string_equal(req_arg(&r, "lang"), "fr");
	assert_string_equal(req_arg(&r, "q"), "");
	assert_null(req_arg(&r, "Lang"));
}

/* ---- Accept-Language ---- */

static void test_negotiate_lang(void **state)
{
	(void)state;
	assert_int_equal(http_negotiate_lang("fr-CA,fr;q=0.9,en;q=0.8"), LANG_FR);
	assert_int_equal(http_negotiate_lang("de, zh;q=0.5"), LANG_ZH);
	assert_int_equal(http_negotiate_lang("ru;q=0, es;q=0.1"), LANG_ES);
	assert_int_equal(http_negotiate_lang(NULL), LANG_EN);
	assert_int_equal(http_negotiate_lang(""), LANG_EN);
	assert_int_equal(http_negotiate_lang("*"), LANG_EN);
	assert_int_equal(http_negotiate_lang("de-DE, it"), LANG_EN);
	assert_int_equal(http_negotiate_lang("ru;q=0"), LANG_EN);	/* q=0: not acceptable */
	assert_int_equal(http_negotiate_lang("AR"), LANG_AR);
	assert_int_equal(http_negotiate_lang("zh-Hans-CN"), LANG_ZH);
	assert_int_equal(http_negotiate_lang("zh_TW"), LANG_ZH);
	assert_int_equal(http_negotiate_lang("en;q=0.5, fr"), LANG_FR);	/* q defaults to 1 */
	assert_int_equal(http_negotiate_lang("es;q=0.8, ru;q=0.8"), LANG_ES);	/* first wins a tie */
	assert_int_equal(http_negotiate_lang("  ru ,, ar;q=0.2"), LANG_RU);
	assert_int_equal(http_negotiate_lang("fr;level=1;q=0.4, es;q=0.5"), LANG_ES);
	assert_int_equal(http_negotiate_lang("en-US,en;q=0.9,ar;q=0.95"), LANG_EN);
	/* a three-letter or one-letter primary tag is none of the six */
	assert_int_equal(http_negotiate_lang("fra, spa;q=0.9, e"), LANG_EN);
	assert_int_equal(http_negotiate_lang("ara;q=1, ru;q=0.1"), LANG_RU);
}

/* ---- request paths ---- */

static void test_path_problem(void **state)
{
	char big[3001];
	const char *m;

	(void)state;
	assert_null(http_path_problem("/"));
	assert_null(http_path_problem("/countries/KE"));
	assert_null(http_path_problem("/countries/C\xc3\xb4te"));
	assert_null(http_path_problem("/a/.../b"));	/* three dots are a name */
	assert_null(http_path_problem("/.well-known/x"));
	assert_null(http_path_problem("/a..b/c."));
	assert_null(http_path_problem("/\xe4\xb8\xad\xf0\x9f\x87\xb0"));

	m = http_path_problem("");
	assert_non_null(m);
	assert_non_null(strstr(m, "start"));
	assert_non_null(http_path_problem("countries"));

	static const char *const dots[] = { "/a/../b", "/a/./b", "/..", "/.", "/a/..",
					    "/a/.", "/../a", "/a/b/../../.." };
	for (size_t i = 0; i < sizeof(dots) / sizeof(dots[0]); i++) {
		m = http_path_problem(dots[i]);
		if (!m)
			print_error("accepted %s\n", dots[i]);
		assert_non_null(m);
		assert_non_null(strstr(m, ".."));
	}

	/* %FF decoded, an overlong '/', a surrogate, a stray continuation, a cut sequence */
	static const char *const bad_utf8[] = { "/\xff", "/\xc0\xaf", "/\xed\xa0\x80",
						"/\x80", "/C\xc3", "/\xf4\x90\x80\x80",
						"/\xe0\x80\xaf" };
	for (size_t i = 0; i < sizeof(bad_utf8) / sizeof(bad_utf8[0]); i++) {
		m = http_path_problem(bad_utf8[i]);
		assert_non_null(m);
		assert_non_null(strstr(m, "UTF-8"));
	}

	m = http_path_problem("/a\x01" "b");
	assert_non_null(m);
	assert_non_null(strstr(m, "control"));
	assert_non_null(http_path_problem("/a\tb"));
	assert_non_null(http_path_problem("/a\nb"));
	assert_non_null(http_path_problem("/a\x7f"));

	/* length: 2048 bytes is fine, 2049 and 3000 are not */
	big[0] = '/';
	memset(big + 1, 'a', sizeof(big) - 2);
	big[3000] = '\0';
	m = http_path_problem(big);
	assert_non_null(m);
	assert_non_null(strstr(m, "2048"));
	big[2049] = '\0';
	assert_non_null(http_path_problem(big));
	big[2048] = '\0';
	assert_null(http_path_problem(big));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esc),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_fmt),
		cmocka_unit_test(test_error_json),
		cmocka_unit_test(test_error_page),
		cmocka_unit_test(test_error_json_truncated_utf8),
		cmocka_unit_test(test_reason_status),
		cmocka_unit_test(test_req_arg),
		cmocka_unit_test(test_negotiate_lang),
		cmocka_unit_test(test_path_problem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
