/* Tests of view/chart: percentages per language, the bar chart (a table with its bars,
 * escaped, right to left) and the timeline (its SVG, its steps and its hidden table),
 * each read back as XML. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "core/pool.h"
#include "view/chart.h"

static xmlDocPtr parse(const struct sbuf *sb)
{
	struct sbuf x = SBUF_INIT;
	xmlDocPtr doc;

	sbuf_adds(&x, "<root>");
	sbuf_add(&x, sb->buf, sb->len);
	sbuf_adds(&x, "</root>");
	doc = xmlReadMemory(x.buf, (int)x.len, "chart.xml", "UTF-8",
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	sbuf_release(&x);
	return doc;
}

/* The string value of XPath expression e (s: the SVG namespace). */
static void assert_xpath(xmlDocPtr doc, const char *e, const char *want)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;
	xmlChar *s;

	xmlXPathRegisterNs(ctx, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
	o = xmlXPathEvalExpression(BAD_CAST e, ctx);
	assert_non_null(o);
	s = xmlXPathCastToString(o);
	if (strcmp((const char *)s, want))
		fail_msg("%s: \"%s\", want \"%s\"", e, (const char *)s, want);
	xmlFree(s);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
}

/* With CCREPO_CHART_HTML set, the charts drawn are appended to that file, with the
 * stylesheet, to look at. */
static void keep(const struct sbuf *sb, const struct req *r)
{
	FILE *f;

	if (!getenv("CCREPO_CHART_HTML") || !(f = fopen(getenv("CCREPO_CHART_HTML"), "a")))
		return;
	fprintf(f, "<!doctype html><meta charset=utf-8><link rel=stylesheet href=\"%s/static/"
		   "site.css\"><main dir=\"%s\">%s</main>\n",
		getenv("CCREPO_SRC") ? getenv("CCREPO_SRC") : ".", r->lang == LANG_AR ? "rtl" :
		"ltr", sb->buf);
	fclose(f);
}

static struct req req_in(enum lang lang)
{
	struct req r;

	memset(&r, 0, sizeof(r));
	r.pool = pool_new();
	r.lang = lang;
	return r;
}

static void test_percent(void **state)
{
	static const char *const want[LANG_COUNT] = {
		"62%", "62%", "62%", "62\u202f%", "62\u00a0%", "62\u00a0%",
	};

	(void)state;
	for (int l = 0; l < LANG_COUNT; l++) {
		struct req r = req_in((enum lang)l);

		assert_string_equal(chart_percent(&r, 0.62), want[l]);
		pool_free(r.pool);
	}
	{
		struct req r = req_in(LANG_EN);

		assert_string_equal(chart_percent(&r, 0), "0%");
		assert_string_equal(chart_percent(&r, 1), "100%");
		assert_string_equal(chart_percent(&r, 0.005), "1%");
		assert_string_equal(chart_percent(&r, NAN), "0%");
		pool_free(r.pool);
	}
}

static void test_bars(void **state)
{
	static const struct chart_bar bars[] = {
		{ "Criminalization", 0.62, "/instruments/un-cc?cat=crim" },
		{ "<Procedural> & \"safeguards\"", 0.25, NULL },
		{ "Cooperation", 1.5, NULL },	/* drawn full */
		{ "Negative", -1, NULL },
	};
	struct chart_bars c = { "Coverage by category", "Category", "Share", bars, 4, 1, 0, 0 };
	struct req r = req_in(LANG_EN);
	struct sbuf sb = SBUF_INIT;
	xmlDocPtr doc;

	(void)state;
	chart_bars(&r, &sb, &c);
	keep(&sb, &r);
	assert_non_null(doc = parse(&sb));
	assert_xpath(doc, "string(/root/table/caption)", "Coverage by category");
	assert_xpath(doc, "string(/root/table/thead/tr/th[2])", "Share");
	assert_xpath(doc, "count(/root/table/tbody/tr)", "4");
	assert_xpath(doc, "string(//tbody/tr[1]/th[@scope='row']/a/@href)", "/instruments/un-cc?cat=crim");
	assert_xpath(doc, "string(//tbody/tr[1]/th)", "Criminalization");
	assert_xpath(doc, "normalize-space(//tbody/tr[1]/td)", "62%");
	assert_xpath(doc, "string(//tbody/tr[1]/td/svg/@aria-hidden)", "true");
	assert_xpath(doc, "string(//tbody/tr[1]/td/svg/rect[2]/@width)", "62");
	assert_xpath(doc, "string(//tbody/tr[1]/td/svg/rect[2]/@x)", "0");
	assert_xpath(doc, "string(//tbody/tr[2]/th)", "<Procedural> & \"safeguards\"");
	assert_xpath(doc, "count(//tbody/tr[2]/th/a)", "0");
	assert_xpath(doc, "string(//tbody/tr[3]/td/svg/rect[2]/@width)", "100");
	assert_xpath(doc, "string(//tbody/tr[4]/td/svg/rect[2]/@width)", "0");
	assert_xpath(doc, "normalize-space(//tbody/tr[4]/td)", "0%");
	assert_non_null(strstr(sb.buf, "&lt;Procedural&gt; &amp; &quot;safeguards&quot;"));
	assert_null(strstr(sb.buf, "style"));
	xmlFreeDoc(doc);
	pool_free(r.pool);

	/* right to left: the bar grows from the right; the link keeps ?lang= */
	r = req_in(LANG_AR);
	r.lang_explicit = 1;
	sbuf_reset(&sb);
	chart_bars(&r, &sb, &c);
	keep(&sb, &r);
	assert_non_null(doc = parse(&sb));
	assert_xpath(doc, "string(//tbody/tr[1]/td/svg/rect[2]/@x)", "38");
	assert_xpath(doc, "string(//tbody/tr[1]/td/svg/rect[2]/@width)", "62");
	assert_xpath(doc, "string(//tbody/tr[1]/th/a/@href)", "/instruments/un-cc?cat=crim&lang=ar");
	xmlFreeDoc(doc);
	pool_free(r.pool);
	sbuf_release(&sb);
}

static void test_bar_counts(void **state)
{
	static const struct chart_bar bars[] = {
		{ "Laws", 1234, NULL }, { "Cases", 308.5, NULL }, { "Lessons", 0, NULL },
	};
	struct chart_bars c = { "Records", "Kind", "Count", bars, 3, 0, 0, 0 };
	struct req r = req_in(LANG_FR);
	struct sbuf sb = SBUF_INIT;
	xmlDocPtr doc;

	(void)state;
	chart_bars(&r, &sb, &c);
	assert_non_null(doc = parse(&sb));
	assert_xpath(doc, "normalize-space(//tbody/tr[1]/td)", "1\u202f234");
	assert_xpath(doc, "string(//tbody/tr[1]/td/svg/rect[2]/@width)", "100");
	assert_xpath(doc, "string(//tbody/tr[2]/td/svg/rect[2]/@width)", "25");
	assert_xpath(doc, "string(//tbody/tr[3]/td/svg/rect[2]/@width)", "0");
	xmlFreeDoc(doc);
	/* a given scale */
	c.max = 2468;
	sbuf_reset(&sb);
	chart_bars(&r, &sb, &c);
	assert_non_null(doc = parse(&sb));
	assert_xpath(doc, "string(//tbody/tr[1]/td/svg/rect[2]/@width)", "50");
	xmlFreeDoc(doc);
	/* one decimal (a mean stage), with the language's decimal separator */
	c.decimal = 1;
	sbuf_reset(&sb);
	chart_bars(&r, &sb, &c);
	assert_non_null(doc = parse(&sb));
	assert_xpath(doc, "normalize-space(//tbody/tr[1]/td)", "1\u202f234,0");
	assert_xpath(doc, "normalize-space(//tbody/tr[2]/td)", "308,5");
	xmlFreeDoc(doc);
	pool_free(r.pool);
	sbuf_release(&sb);
}

static void test_decimal(void **state)
{
	struct req en = req_in(LANG_EN), ru = req_in(LANG_RU);

	(void)state;
	assert_string_equal(chart_decimal(&en, 2.25), "2.3");
	assert_string_equal(chart_decimal(&en, -0.5), "-0.5");
	assert_string_equal(chart_decimal(&en, 3), "3.0");
	assert_string_equal(chart_decimal(&ru, 1.5), "1,5");
	pool_free(en.pool);
	pool_free(ru.pool);
}

static void test_timeline(void **state)
{
	static const struct chart_point pts[] = {
		{ "2019-01-01", 0.2 }, { "not a date", 0.9 }, { "2020-01-01", 0.5 },
	};
	struct chart_timeline c = {
		.id = "ke", .title = "Coverage of <un-cc> over time", .desc = "From 20% to 50%",
		.date_heading = "Date", .value_heading = "Coverage", .points = pts, .n = 3,
		.to = "2021-01-01",
	};
	struct req r = req_in(LANG_EN);
	struct sbuf sb = SBUF_INIT;
	xmlDocPtr doc;

	(void)state;
	chart_timeline(&r, &sb, &c);
	keep(&sb, &r);
	assert_non_null(doc = parse(&sb));
	assert_xpath(doc, "string(/root/s:svg/@role)", "img");
	assert_xpath(doc, "string(/root/s:svg/@dir)", "ltr");
	assert_xpath(doc, "string(/root/s:svg/s:title[@id=/root/s:svg/@aria-labelledby])",
		     "Coverage of <un-cc> over time");
	assert_xpath(doc, "string(/root/s:svg/s:desc[@id=/root/s:svg/@aria-describedby])",
		     "From 20% to 50%");
	/* 2019 to 2021: the step at 2020 is half way along the axis (365 of 731 days) */
	assert_xpath(doc, "string(//s:path[@class='step']/@d)", "M48 80H219.8V53H392");
	assert_xpath(doc, "string(//s:path[@class='area']/@d)", "M48 80H219.8V53H392V98H48z");
	assert_xpath(doc, "string(/root/s:svg/s:text[3])", "1 January 2019");
	assert_xpath(doc, "string(/root/s:svg/s:text[4])", "1 January 2021");
	assert_xpath(doc, "string(/root/s:svg/s:text[1])", "100%");
	/* the text alternative: the points that are dates, in words */
	assert_xpath(doc, "string(/root/table/@class)", "sr");
	assert_xpath(doc, "string(/root/table/caption)", "Coverage of <un-cc> over time");
	assert_xpath(doc, "count(/root/table/tbody/tr)", "2");
	assert_xpath(doc, "string(/root/table/tbody/tr[1]/td[1])", "1 January 2019");
	assert_xpath(doc, "string(/root/table/tbody/tr[2]/td[2])", "50%");
	assert_null(strstr(sb.buf, "<un-cc>"));
	xmlFreeDoc(doc);
	pool_free(r.pool);

	/* Arabic: dates in Arabic, isolated right to left inside the left-to-right chart */
	r = req_in(LANG_AR);
	sbuf_reset(&sb);
	chart_timeline(&r, &sb, &c);
	keep(&sb, &r);
	assert_non_null(doc = parse(&sb));
	assert_xpath(doc, "string(/root/s:svg/@dir)", "ltr");
	assert_xpath(doc, "string(/root/s:svg/s:text[3])",
		     "\xe2\x81\xa7" "1 \xd9\x8a\xd9\x86\xd8\xa7\xd9\x8a\xd8\xb1 2019\xe2\x81\xa9");
	assert_xpath(doc, "string(/root/table/tbody/tr[1]/td[1])",
		     "1 \xd9\x8a\xd9\x86\xd8\xa7\xd9\x8a\xd8\xb1 2019");
	xmlFreeDoc(doc);
	pool_free(r.pool);

	/* no point: empty axes, still well-formed, no step */
	r = req_in(LANG_EN);
	sbuf_reset(&sb);
	c.n = 0;
	c.id = NULL;
	c.desc = NULL;
	chart_timeline(&r, &sb, &c);
	assert_non_null(doc = parse(&sb));
	assert_xpath(doc, "count(//s:path[@class='step'])", "0");
	assert_xpath(doc, "count(/root/s:svg/@aria-describedby)", "0");
	assert_xpath(doc, "string(/root/s:svg/s:title/@id)", "tl-t");
	assert_xpath(doc, "count(/root/table/tbody/tr)", "0");
	xmlFreeDoc(doc);
	pool_free(r.pool);
	sbuf_release(&sb);
}

/* Pairs (a report's coverage at both ends): an svg role="img" named by its <title>,
 * every pair said in its <desc>, the bars as wide as their shares, escaped labels. */
static void test_pairs(void **state)
{
	static const struct chart_pair pairs[] = {
		{ "Criminalization & <co>", 0.25, 0.5 }, { "Overall", -1, 2 },
	};
	struct chart_pairs c = {
		.id = "pr", .title = "Scores at <both> ends", .a_label = "Start", .b_label = "End",
		.pairs = pairs, .n = 2,
	};
	struct req r = req_in(LANG_EN);
	struct sbuf sb = SBUF_INIT;
	xmlDocPtr doc;

	(void)state;
	chart_pairs(&r, &sb, &c);
	keep(&sb, &r);
	assert_non_null(doc = parse(&sb));
	assert_xpath(doc, "string(/root/s:svg/@role)", "img");
	assert_xpath(doc, "string(/root/s:svg/@dir)", "ltr");
	assert_xpath(doc, "string(/root/s:svg/s:title[@id=/root/s:svg/@aria-labelledby])",
		     "Scores at <both> ends");
	assert_xpath(doc, "string(/root/s:svg/s:desc[@id=/root/s:svg/@aria-describedby])",
		     "Criminalization & <co>: Start 25%, End 50%. Overall: Start -100%, End 200%.");
	/* the numbers said as they are; drawn: 260 units for 100%, a quarter 65, a half
	 * 130, out of range as 0 and 100% */
	assert_xpath(doc, "string((//s:rect[@class='pa'])[2]/@width)", "65");
	assert_xpath(doc, "string((//s:rect[@class='pb'])[2]/@width)", "130");
	assert_xpath(doc, "string((//s:rect[@class='pa'])[3]/@width)", "0");
	assert_xpath(doc, "string((//s:rect[@class='pb'])[3]/@width)", "260");
	assert_null(strstr(sb.buf, "<co>"));
	xmlFreeDoc(doc);
	pool_free(r.pool);
	sbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_bar_counts),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_timeline),
		cmocka_unit_test(test_pairs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
