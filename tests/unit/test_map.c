/* Tests of view/map: the world map's classes, its markup read back as XML (links,
 * titles, classes, no data, escaping, legend, the accessible name) and its size with
 * every country valued. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "core/pool.h"
#include "http/gzip.h"
#include "view/map.h"

/* The output read as XML, in a root element (the legend follows the SVG). */
static xmlDocPtr parse(const struct sbuf *sb)
{
	struct sbuf x = SBUF_INIT;
	xmlDocPtr doc;

	sbuf_adds(&x, "<root>");
	sbuf_add(&x, sb->buf, sb->len);
	sbuf_adds(&x, "</root>");
	doc = xmlReadMemory(x.buf, (int)x.len, "map.xml", "UTF-8",
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	sbuf_release(&x);
	return doc;
}

/* The string value of XPath expression e (s: the SVG namespace), "" when none; free()
 * it. */
static char *xs(xmlDocPtr doc, const char *e)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;
	xmlChar *s;
	char *out;

	xmlXPathRegisterNs(ctx, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
	o = xmlXPathEvalExpression(BAD_CAST e, ctx);
	assert_non_null(o);
	s = xmlXPathCastToString(o);
	out = strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return out;
}

static void assert_xpath(xmlDocPtr doc, const char *e, const char *want)
{
	char *got = xs(doc, e);

	if (strcmp(got, want))
		fail_msg("%s: \"%s\", want \"%s\"", e, got, want);
	free(got);
}

static double xnum(xmlDocPtr doc, const char *e)
{
	char *s = xs(doc, e);
	double v = atof(s);

	free(s);
	return v;
}

static void test_classes(void **state)
{
	(void)state;
	assert_int_equal(map_class(0), 0);
	assert_int_equal(map_class(0.199), 0);
	assert_int_equal(map_class(0.2), 1);
	assert_int_equal(map_class(0.62), 3);
	assert_int_equal(map_class(0.8), 4);
	assert_int_equal(map_class(1), 4);
	assert_int_equal(map_class(MAP_NO_DATA), -1);
	assert_int_equal(map_class(NAN), -1);
	assert_int_equal(map_class(1.01), -1);
	assert_true(map_has_shape("404"));	/* Kenya */
	assert_true(map_has_shape("840"));
	assert_false(map_has_shape("010"));	/* Antarctica is left out */
	assert_true(map_has_shape("702"));	/* Singapore: a dot */
	assert_false(map_has_shape("999"));
	assert_false(map_has_shape(""));
	assert_false(map_has_shape(NULL));
}

static void test_render(void **state)
{
	static const struct country countries[] = {
		{ .alpha2 = "KE", .alpha3 = "KEN", .numeric = "404" },
		{ .alpha2 = "SG", .alpha3 = "SGP", .numeric = "702" },
	};
	static const struct map_value values[] = {
		{ "ke", 0.62, "Kenya: 62%", "/countries/KE" },
		{ "840", 0.1, "United <States> & \"Co\"", "/countries/US?x=1&y=2" },
		{ "250", MAP_NO_DATA, "France: no data", "/countries/FR" },
		{ "076", 1, "Brazil: 100%", NULL },
		{ "SG", 0.5, "Singapore: 50%", "/countries/SG" },	/* a dot */
		{ "999", 0.5, "nowhere", "/countries/ZZ" },		/* no country */
		{ "404", 0.1, "Kenya again", NULL },			/* the first wins */
	};
	struct map_spec m = {
		.id = "cov", .title = "Coverage <of> un-cc", .desc = "Share & more",
		.values = values, .nvalues = sizeof(values) / sizeof(values[0]),
		.countries = countries, .ncountries = 2,
	};
	struct req r;
	struct sbuf sb = SBUF_INIT;
	xmlDocPtr doc;
	double shapes, nd;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.pool = pool_new();
	r.lang = LANG_EN;
	assert_int_equal(map_render(&r, &sb, &m), 5);
	assert_non_null(doc = parse(&sb));

	/* a group of links (an image would hide them), its name and description, not
	 * mirrored */
	assert_xpath(doc, "string(/root/s:svg/@role)", "group");
	assert_xpath(doc, "string(/root/s:svg/@dir)", "ltr");
	assert_xpath(doc, "string(/root/s:svg/@aria-labelledby)", "cov-t");
	assert_xpath(doc, "string(/root/s:svg/s:title[@id='cov-t'])", "Coverage <of> un-cc");
	assert_xpath(doc, "string(/root/s:svg/s:desc[@id=/root/s:svg/@aria-describedby])",
		     "Share & more");
	/* each valued country: its link, class and title */
	assert_xpath(doc, "string(//s:a[@href='/countries/KE']/s:path/@class)", "b3");
	assert_xpath(doc, "string(//s:a[@href='/countries/KE']/s:path/s:title)", "Kenya: 62%");
	assert_xpath(doc, "string(//s:a[@href='/countries/KE']/@tabindex)", "-1");
	assert_xpath(doc, "string(//s:a[@href='/countries/US?x=1&y=2']/s:path/@class)", "b0");
	assert_xpath(doc, "string(//s:a[@href='/countries/US?x=1&y=2']/s:path/s:title)",
		     "United <States> & \"Co\"");
	assert_xpath(doc, "string(//s:path[s:title='Brazil: 100%']/@class)", "b4");
	assert_xpath(doc, "count(//s:path[s:title='Brazil: 100%']/parent::s:a)", "0");
	/* no data: in the hatched group, still a link with its title */
	assert_xpath(doc, "string(//s:a[@href='/countries/FR']/s:path/@class)", "nd");
	assert_xpath(doc, "string(//s:a[@href='/countries/FR']/parent::s:g/@fill)",
		     "url(#cov-nd)");
	assert_xpath(doc, "count(//s:pattern[@id='cov-nd'])", "1");
	assert_xpath(doc, "count(//s:title[.='nowhere' or .='Kenya again'])", "0");
	/* a country too small for the map: a dot over the shapes; only those given */
	assert_xpath(doc, "string(/root/s:svg/s:g[last()]/s:a/s:path/s:title)", "Singapore: 50%");
	assert_xpath(doc, "string(/root/s:svg/s:g[last()]/s:a/s:path/@class)", "b2");
	assert_xpath(doc, "count(/root/s:svg/s:g//s:path[contains(@d, 'a')])", "1");
	/* every other shape is drawn as no data, without a title */
	shapes = xnum(doc, "count(/root/s:svg/s:g//s:path)");
	nd = xnum(doc, "count(/root/s:svg/s:g//s:path[@class='nd'])");
	assert_true(shapes > 170);
	assert_true(nd == shapes - 4);
	assert_xpath(doc, "count(/root/s:svg/s:g//s:path/s:title)", "5");
	assert_xpath(doc, "count(/root/s:svg/s:g//s:path[not(starts-with(@d, 'm'))])", "0");
	/* the label escaped at output */
	assert_non_null(strstr(sb.buf, "United &lt;States&gt; &amp; &quot;Co&quot;"));
	assert_null(strstr(sb.buf, "<States>"));
	assert_null(strstr(sb.buf, "style"));
	/* the legend: five ranges and no data */
	assert_xpath(doc, "count(/root/ul[@class='legend']/li)", "6");
	assert_xpath(doc, "string(/root/ul/@aria-label)", "Legend");
	assert_xpath(doc, "string(/root/ul/li[1])", "0%–20%");
	assert_xpath(doc, "string(/root/ul/li[5])", "80%–100%");
	assert_xpath(doc, "string(/root/ul/li[4]/svg/rect/@class)", "b3");
	assert_xpath(doc, "string(/root/ul/li[6])", "No data");
	assert_xpath(doc, "string(/root/ul/li[6]/svg/rect/@fill)", "url(#cov-nd)");
	assert_xpath(doc, "starts-with(/root/p[@class='hint'], 'The boundaries and names')",
		     "true");
	xmlFreeDoc(doc);

	/* in French, chosen by ?lang=: the links keep it, the legend is translated */
	sbuf_reset(&sb);
	r.lang = LANG_FR, r.lang_explicit = 1;
	m.id = NULL;
	assert_int_equal(map_render(&r, &sb, &m), 5);
	assert_non_null(doc = parse(&sb));
	assert_xpath(doc, "string(//s:a[s:path/s:title='Kenya: 62%']/@href)",
		     "/countries/KE?lang=fr");
	assert_xpath(doc, "string(//s:a[s:path/s:title='France: no data']/@href)",
		     "/countries/FR?lang=fr");
	assert_xpath(doc, "string(/root/s:svg/s:title/@id)", "map-t");
	assert_xpath(doc, "string(/root/ul/li[6])", "Aucune donnée");
	assert_xpath(doc, "string(/root/ul/li[2])", "20\u202f%–40\u202f%");
	xmlFreeDoc(doc);

	/* without links, an image */
	{
		static const struct map_value plain[] = { { "404", 0.5, "Kenya: 50%", NULL } };
		struct map_spec p = { .title = "Kenya", .values = plain, .nvalues = 1 };

		sbuf_reset(&sb);
		assert_int_equal(map_render(&r, &sb, &p), 1);
		assert_non_null(doc = parse(&sb));
		assert_xpath(doc, "string(/root/s:svg/@role)", "img");
		assert_xpath(doc, "count(//s:a)", "0");
		assert_xpath(doc, "string(//s:path[s:title='Kenya: 50%']/@class)", "b2");
		xmlFreeDoc(doc);
	}

	/* right to left, the map is still drawn left to right */
	sbuf_reset(&sb);
	r.lang = LANG_AR, r.lang_explicit = 0;
	map_render(&r, &sb, &m);
	assert_non_null(doc = parse(&sb));
	assert_xpath(doc, "string(/root/s:svg/@dir)", "ltr");
	xmlFreeDoc(doc);
	sbuf_release(&sb);
	pool_free(r.pool);
}

/* Every country with a value, a label and a link: the markup stays small (the whole
 * map page must stay under 60 KB gzipped). */
static void test_size(void **state)
{
	struct map_value v[1000];
	char code[1000][4], label[1000][40], href[1000][24];
	struct map_spec m = { .title = "Coverage of the UN Convention against Cybercrime",
			      .values = v, .nvalues = 1000 };
	struct req r;
	struct sbuf sb = SBUF_INIT;
	unsigned char *z;
	size_t zlen, drawn = 0;
	struct timespec t0, t1;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.pool = pool_new();
	r.lang = LANG_EN;
	for (int i = 0; i < 1000; i++) {
		snprintf(code[i], sizeof(code[i]), "%03d", i);
		snprintf(label[i], sizeof(label[i]), "Country %03d: %d%%", i, i % 101);
		snprintf(href[i], sizeof(href[i]), "/countries/%c%c", 'A' + i % 26,
			 'A' + i / 26 % 26);
		v[i] = (struct map_value){ code[i], (i % 101) / 100.0, label[i], href[i] };
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < 100; i++) {	/* the time to draw it, for a first idea */
		sbuf_reset(&sb);
		drawn = map_render(&r, &sb, &m);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_non_null(z = gzip_compress(sb.buf, sb.len, &zlen));
	print_message("map: %zu countries valued and drawn, %zu bytes, %zu gzipped, drawn in "
		      "%.0f us\n", drawn, sb.len, zlen,
		      ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / 100 / 1e3);
	assert_true(drawn > 230);
	assert_true(zlen <= 45 * 1024);
	if (getenv("CCREPO_MAP_HTML")) {	/* a page to look at, with the stylesheet */
		FILE *f = fopen(getenv("CCREPO_MAP_HTML"), "w");

		assert_non_null(f);
		fprintf(f, "<!doctype html><meta charset=utf-8><link rel=stylesheet "
			   "href=\"%s/static/site.css\"><main>%s</main>\n",
			getenv("CCREPO_SRC") ? getenv("CCREPO_SRC") : ".", sb.buf);
		fclose(f);
	}
	free(z);
	sbuf_release(&sb);
	pool_free(r.pool);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
