/* Tests of export/atom (Atom 1.0, RFC 4287): a feed parses with libxml2 and has what
 * the RFC requires, text and attributes are escaped (markup, quotes, control
 * characters, bytes that are not UTF-8), HTML content is escaped once as text, dates
 * are read in their forms and refused when not real, missing and repeated ids are
 * refused naming the entry, the entry limit, and tag URIs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "export/atom.h"

#define E (err_clear(&e), &e)

/* the document in b parsed (no network, no entities); NULL when not well-formed */
static xmlDocPtr parse(const struct sbuf *b)
{
	return xmlReadMemory(sbuf_str(b), (int)b->len, "feed.xml", NULL,
			     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* the string value of XPath x (prefix a: Atom) in d, malloc'd by libxml2 */
static char *xp(xmlDocPtr d, const char *x)
{
	xmlXPathContextPtr c = xmlXPathNewContext(d);
	xmlXPathObjectPtr o;
	char *s;

	xmlXPathRegisterNs(c, BAD_CAST "a", BAD_CAST "http://www.w3.org/2005/Atom");
	o = xmlXPathEvalExpression(BAD_CAST x, c);
	s = (char *)xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	return s;
}

static void expect(xmlDocPtr d, const char *x, const char *want)
{
	char *s = xp(d, x);

	if (strcmp(s, want))
		fail_msg("%s: '%s', expected '%s'", x, s, want);
	xmlFree(s);
}

static const struct atom_entry two[] = {
	{ .id = "tag:example.org,2026:record/1", .title = "Cybercrimes Act <2018> & \"more\"",
	  .updated = "2026-12-07 10:00:00", .published = "2018-05-30",
	  .link = "https://example.org/records/1?a=1&b=2", .category = "legislation",
	  .content = "<p>Section 14 &amp; 15</p>", .summary = "bad \x01 byte \xff end" },
	{ .id = "tag:example.org,2026:record/2", .title = "\xd9\x82\xd8\xa7\xd9\x86\xd9\x88\xd9\x86",
	  .updated = "2026-12-06T09:30:00.25+03:00", .author = "KE focal point" },
};

static void test_feed(void **state)
{
	struct atom_feed f = {
		.id = "tag:example.org,2026:feed/developments?country=KE", .title = "Kenya",
		.updated = "2026-12-07T10:00:00Z", .lang = "fr", .author = "ccrepo",
		.self = "https://example.org/feeds/developments.atom?country=KE&x=\"",
		.alternate = "https://example.org/countries/KE", .generator = "ccrepo",
		.entries = two, .n = 2,
	};
	struct sbuf b;
	struct err e = { 0 };
	xmlDocPtr d;

	(void)state;
	sbuf_init(&b);
	assert_int_equal(atom_write(&b, &f, E), ERR_OK);
	d = parse(&b);
	if (!d)
		fail_msg("not well-formed:\n%s", sbuf_str(&b));
	expect(d, "namespace-uri(/*)", "http://www.w3.org/2005/Atom");
	expect(d, "/a:feed/@xml:lang", "fr");
	expect(d, "/a:feed/a:id", f.id);
	expect(d, "/a:feed/a:updated", "2026-12-07T10:00:00Z");
	expect(d, "/a:feed/a:link[@rel='self']/@href", f.self);
	expect(d, "count(/a:feed/a:entry)", "2");
	expect(d, "/a:feed/a:entry[1]/a:title", two[0].title);
	expect(d, "/a:feed/a:entry[1]/a:updated", "2026-12-07T10:00:00Z");
	expect(d, "/a:feed/a:entry[1]/a:published", "2018-05-30T00:00:00Z");
	expect(d, "/a:feed/a:entry[1]/a:link/@href", two[0].link);
	expect(d, "/a:feed/a:entry[1]/a:category/@term", "legislation");
	/* the HTML comes back as it was given: escaped once as XML text */
	expect(d, "/a:feed/a:entry[1]/a:content[@type='html']", two[0].content);
	expect(d, "/a:feed/a:entry[1]/a:summary", "bad \xef\xbf\xbd byte \xef\xbf\xbd end");
	expect(d, "/a:feed/a:entry[2]/a:title", two[1].title);
	expect(d, "/a:feed/a:entry[2]/a:updated", two[1].updated);
	expect(d, "/a:feed/a:entry[2]/a:author/a:name", "KE focal point");
	assert_null(strstr(sbuf_str(&b), "<p>"));
	xmlFreeDoc(d);
	sbuf_release(&b);
}

static void refused(const struct atom_feed *f, const char *want)
{
	struct sbuf b;
	struct err e = { 0 };

	sbuf_init(&b);
	assert_int_equal(atom_write(&b, f, E), ERR_INVALID);
	if (!strstr(e.msg, want))
		fail_msg("'%s' does not say '%s'", e.msg, want);
	assert_int_equal(b.len, 0);
	sbuf_release(&b);
}

static void test_required(void **state)
{
	struct atom_entry x[3] = { two[0], two[1], two[0] };
	struct atom_feed f = { .id = "urn:x", .title = "t", .updated = "2026-12-07",
			       .entries = x, .n = 2 };

	(void)state;
	refused(&f, "entry 1: author: missing");
	f.author = "ccrepo";
	f.n = 3;
	refused(&f, "entry 3: id: the same as entry 1");
	x[2].id = "";
	refused(&f, "entry 3: id: missing");
	x[2].id = "urn:y";
	x[2].title = NULL;
	refused(&f, "entry 3: title: missing");
	x[2].title = "t";
	x[2].updated = "2026-02-30";
	refused(&f, "entry 3: updated: '2026-02-30' is not an RFC 3339 date");
	x[2].updated = "2026-02-28";
	x[2].published = "yesterday";
	refused(&f, "entry 3: published");
	x[2].published = NULL;
	f.id = NULL;
	refused(&f, "id: missing");
	f.id = "urn:x";
	f.updated = "2026-12-07T25:00:00Z";
	refused(&f, "updated: '2026-12-07T25:00:00Z'");
	f.updated = "2026-12-07";
	f.n = ATOM_MAX_ENTRIES + 1;
	refused(&f, "more than 500");
}

static void test_dates(void **state)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "2024-02-29", "2024-02-29T00:00:00Z" },
		{ "2023-02-29", NULL },
		{ "2026-12-07 14:21:26", "2026-12-07T14:21:26Z" },
		{ "2026-12-07T14:21:26Z", "2026-12-07T14:21:26Z" },
		{ "2026-12-31T23:59:60Z", "2026-12-31T23:59:60Z" },
		{ "2026-12-07T14:21:26.125-05:30", "2026-12-07T14:21:26.125-05:30" },
		{ "2026-12-07T14:21:26", NULL },
		{ "2026-12-07 14:21:26Z", NULL },
		{ "2026-12-07T14:21:26.Z", NULL },
		{ "2026-12-07T14:21:26+24:00", NULL },
		{ "2026-12-07T14:61:26Z", NULL },
		{ "2026-1-07", NULL },
		{ "", NULL },
	};
	pool *p = pool_new();

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const char *got = atom_date(p, t[i].in);

		if (t[i].out ? !got || strcmp(got, t[i].out) : got != NULL)
			fail_msg("atom_date('%s') = '%s'", t[i].in, got ? got : "(null)");
	}
	assert_null(atom_date(p, NULL));
	pool_free(p);
}

static void test_tag(void **state)
{
	pool *p = pool_new();

	(void)state;
	assert_string_equal(atom_tag(p, "example.org", "2026", "record/12/v3"),
			    "tag:example.org,2026:record/12/v3");
	assert_string_equal(atom_tag(p, "example.org", "2026-12-07", "feed?q=a b%<\xc3\xa9>"),
			    "tag:example.org,2026-12-07:feed?q=a%20b%25%3C%C3%A9%3E");
	pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed),
		cmocka_unit_test(test_required),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_tag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
