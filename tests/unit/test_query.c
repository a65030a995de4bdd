/* Tests of domain/query: words, phrases, OR, excludes, prefixes, every filter, the
 * messages for malformed input, Unicode, hostile input and the limits; exact FTS5
 * expressions; canonical text. Every query that parses has its FTS5 expression run
 * against an in-memory SQLite FTS5 table: no SQLite error is allowed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "domain/query.h"
#include "domain/search.h"
#include "store/sqlite/internal.h"

static sqlite3 *db;

/* The FTS5 expression of q's terms as the SQLite backend writes it (words also in
 * their forms in lang, -1: as typed); NULL for a query of filters only. */
static const char *fts5_of(pool *pl, const struct query *q, int lang)
{
	struct sq_phrase *ph;
	size_t n, nph;
	const struct search_term *t = search_terms(pl, q, lang, &n);

	return sq_match_terms(pl, t, n, &ph, &nph);
}
static pool *p;

static int setup(void **state)
{
	(void)state;
	p = pool_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pool_free(p);
	p = NULL;
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x);"
			 "INSERT INTO t VALUES ('illegal access to a computer system');",
			 NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	sqlite3_close(db);
	return 0;
}

/* Run expr as a MATCH; fail the test on any SQLite error. Returns the row count. */
static int fts5_run(const char *expr)
{
	sqlite3_stmt *st;
	int rc, n = -1;

	rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?", -1, &st, NULL);
	assert_int_equal(rc, SQLITE_OK);
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		fail_msg("FTS5 rejected [%s]: %s", expr, sqlite3_errmsg(db));
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Parse text, which must succeed; its FTS5 expression must run, and its canonical
 * text must parse back to the same canonical text. */
static struct query *ok(const char *text)
{
	struct query *q, *q2;
	struct err e = { 0 };
	const char *expr, *canon;

	if (query_parse(p, text, &q, &e) != ERR_OK)
		fail_msg("query [%s] failed: %s", text, e.msg);
	expr = fts5_of(p, q, -1);
	if (expr)
		fts5_run(expr);
	canon = query_canonical(p, q);
	if (query_parse(p, canon, &q2, &e) != ERR_OK)
		fail_msg("canonical [%s] of [%s] failed: %s", canon, text, e.msg);
	assert_string_equal(query_canonical(p, q2), canon);
	return q;
}

static void bad(const char *text, enum err_code code, const char *fragment)
{
	struct query *q = (void *)1;
	struct err e = { 0 };
	int rc = query_parse(p, text, &q, &e);

	if (rc != (int)code || !strstr(e.msg, fragment))
		fail_msg("query [%.60s]: code %d message [%s], wanted %d [%s]", text, rc,
			 e.msg, code, fragment);
	assert_null(q);
}

static const char *fts(const char *text)
{
	return fts5_of(p, ok(text), -1);
}

static const char *canon(const char *text)
{
	return query_canonical(p, ok(text));
}

static void test_words(void **state)
{
	struct query *q;

	(void)state;
	q = ok("illegal access");
	assert_int_equal(q->nterms, 2);
	assert_int_equal(q->ngroups, 2);
	assert_string_equal(q->terms[0].text, "illegal");
	assert_int_equal(q->terms[0].kind, QT_WORD);
	assert_int_equal(q->terms[1].group, 1);
	assert_int_equal(q->year_from, 0);
	assert_int_equal(q->langs, 0);
	assert_string_equal(fts5_of(p, q, -1), "\"illegal\" AND \"access\"");
	assert_int_equal(fts5_run(fts5_of(p, q, -1)), 1);
}

static void test_phrase(void **state)
{
	struct query *q;

	(void)state;
	q = ok("\"illegal   access\" system");
	assert_int_equal(q->nterms, 2);
	assert_int_equal(q->terms[0].kind, QT_PHRASE);
	assert_string_equal(q->terms[0].text, "illegal access");
	assert_string_equal(fts5_of(p, q, -1), "\"illegal access\" AND \"system\"");
	assert_int_equal(fts5_run(fts5_of(p, q, -1)), 1);
	/* a quote ends a word: a"b c" is a word and a phrase */
	q = ok("a\"b c\"");
	assert_int_equal(q->nterms, 2);
	assert_string_equal(q->terms[1].text, "b c");
	/* empty and punctuation-only phrases are dropped */
	q = ok("\"\" \" ! \" word");
	assert_int_equal(q->nterms, 1);
}

static void test_or(void **state)
{
	struct query *q;

	(void)state;
	q = ok("illegal OR unauthorised access");
	assert_int_equal(q->nterms, 3);
	assert_int_equal(q->ngroups, 2);
	assert_int_equal(q->terms[0].group, 0);
	assert_int_equal(q->terms[1].group, 0);
	assert_int_equal(q->terms[2].group, 1);
	assert_string_equal(fts5_of(p, q, -1),
			    "( \"illegal\" OR \"unauthorised\" ) AND \"access\"");
	assert_string_equal(fts("a OR b OR \"c d\" OR ef*"),
			    "( \"a\" OR \"b\" OR \"c d\" OR \"ef\" * )");
	/* parentheses are spaces */
	assert_string_equal(canon("(illegal OR unauthorised) access"),
			    "illegal OR unauthorised access");
}

static void test_lowercase_or(void **state)
{
	struct query *q;

	(void)state;
	q = ok("fraud or forgery Or theft");
	assert_int_equal(q->nterms, 5);
	assert_int_equal(q->ngroups, 5);
	assert_string_equal(q->terms[1].text, "or");
	/* a quoted OR is a phrase; an excluded OR is a word */
	q = ok("\"OR\" -OR x");
	assert_int_equal(q->terms[0].kind, QT_PHRASE);
	assert_int_equal(q->terms[1].exclude, 1);
	assert_string_equal(q->terms[1].text, "OR");
}

static void test_or_errors(void **state)
{
	(void)state;
	bad("OR fraud", ERR_INVALID, "OR needs a search term before it");
	bad("fraud OR", ERR_INVALID, "OR needs a search term after it");
	bad("a OR OR b", ERR_INVALID, "OR OR");
	bad("a OR -b", ERR_INVALID, "excluded term cannot be part of OR");
	bad("-a OR b", ERR_INVALID, "excluded term cannot be part of OR");
	bad("country:KE OR country:UG", ERR_INVALID, "use | within a filter");
	bad("a OR country:UG", ERR_INVALID, "OR needs a search term after it, not the filter");
}

static void test_exclude(void **state)
{
	struct query *q;

	(void)state;
	q = ok("fraud -credit -\"bank card\"");
	assert_int_equal(q->nterms, 3);
	assert_int_equal(q->terms[1].exclude, 1);
	assert_int_equal(q->terms[2].exclude, 1);
	assert_int_equal(q->terms[2].kind, QT_PHRASE);
	assert_string_equal(fts5_of(p, q, -1),
			    "\"fraud\" NOT ( \"credit\" OR \"bank card\" )");
	/* positives come first in FTS5 whatever the order typed */
	assert_string_equal(fts("-x access"), "\"access\" NOT \"x\"");
	assert_string_equal(fts("-x illegal access"),
			    "( \"illegal\" AND \"access\" ) NOT \"x\"");
	assert_int_equal(fts5_run(fts("illegal -xyz")), 1);
	assert_int_equal(fts5_run(fts("illegal -access")), 0);
	/* a lone dash is nothing; a dash inside a word is part of it */
	q = ok("e-mail - spam");
	assert_int_equal(q->nterms, 2);
	assert_string_equal(q->terms[0].text, "e-mail");
	bad("-fraud -\"x y\"", ERR_INVALID, "say what to look for, not only what to leave out");
	bad("-country:KE x", ERR_INVALID, "a filter cannot be excluded");
}

/* A run of Chinese characters is its pairs, each a word of its own group (ANDed): the
 * words of "非法侵入计算机" need not stand in a row. Two characters stay one word; a
 * run mixed with Latin letters is left as typed. */
static void test_cjk_pairs(void **state)
{
	const char *pairs[] = { "非法", "法侵", "侵入", "入计", "计算", "算机" };
	struct query *q = ok("非法侵入计算机 data");
	const struct search_term *t;
	size_t n;

	(void)state;
	t = search_terms(p, q, LANG_ZH, &n);
	assert_int_equal(n, 7);
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(t[i].text, pairs[i]);
		assert_int_equal(t[i].kind, QT_WORD);
		for (size_t j = 0; j < i; j++)
			assert_int_not_equal(t[i].group, t[j].group);
	}
	assert_string_equal(t[6].text, "data");
	assert_int_not_equal(t[6].group, t[0].group);
	t = search_terms(p, ok("洗钱"), LANG_ZH, &n);
	assert_int_equal(n, 1);
	assert_string_equal(t[0].text, "洗钱");
	t = search_terms(p, ok("计算机abc"), LANG_ZH, &n);
	assert_int_equal(n, 1);
}

static void test_prefix(void **state)
{
	struct query *q;

	(void)state;
	q = ok("comput* -cyb*");
	assert_int_equal(q->terms[0].kind, QT_PREFIX);
	assert_string_equal(q->terms[0].text, "comput");
	assert_string_equal(fts5_of(p, q, -1), "\"comput\" * NOT \"cyb\" *");
	assert_int_equal(fts5_run(fts("comput*")), 1);
	assert_string_equal(canon("ab***"), "ab*");
	/* two characters, not bytes */
	q = ok("éa*");
	assert_string_equal(q->terms[0].text, "éa");
	bad("a*", ERR_INVALID, "prefix \"a*\" is too short");
	bad("x é*", ERR_INVALID, "at least 2 characters before *");
	/* a star alone or in a word's middle */
	q = ok("* a*b");
	assert_int_equal(q->nterms, 1);
	assert_int_equal(q->terms[0].kind, QT_WORD);
}

static void test_country(void **state)
{
	struct query *q;

	(void)state;
	q = ok("country:ke country:UGA country:KE|tz");
	assert_int_equal(q->ncountries, 3);
	assert_string_equal(q->countries[0], "KE");
	assert_string_equal(q->countries[1], "TZ");
	assert_string_equal(q->countries[2], "UGA");
	assert_null(fts5_of(p, q, -1));	/* filters only */
	assert_string_equal(query_canonical(p, q), "country:KE|TZ|UGA");
	bad("country:K", ERR_INVALID, "country:K is not a country code");
	bad("country:KENY", ERR_INVALID, "is not a country code");
	bad("country:4", ERR_INVALID, "is not a country code");
	bad("country:", ERR_INVALID, "country: needs a value");
}

static void test_region(void **state)
{
	struct query *q;

	(void)state;
	q = ok("region:Africa region:14 region:\"Eastern  Africa\" x");
	assert_int_equal(q->nregions, 3);
	assert_string_equal(q->regions[0], "014");
	assert_string_equal(q->regions[1], "africa");
	assert_string_equal(q->regions[2], "eastern africa");
	assert_string_equal(query_canonical(p, q), "x region:\"014|africa|eastern africa\"");
	bad("region:1234", ERR_INVALID, "region:1234 is not a region");
	bad("region:\"eastern af", ERR_INVALID, "unclosed quote after region:\"eastern af");
}

static void test_type(void **state)
{
	struct query *q;

	(void)state;
	q = ok("type:case|Lesson");
	assert_int_equal(q->types, QUERY_TYPE_CASE | QUERY_TYPE_LESSON);
	q = ok("type:legislation type:case");
	assert_int_equal(q->types, QUERY_TYPE_LEGISLATION | QUERY_TYPE_CASE);
	assert_string_equal(query_canonical(p, q), "type:legislation|case");
	bad("type:cases", ERR_INVALID, "unknown type \"cases\" (types: legislation, case, lesson)");
	bad("type:|", ERR_INVALID, "type: needs a value");
}

static void test_article(void **state)
{
	struct query *q;

	(void)state;
	q = ok("article:UN-CC/7 article:coe-185/2|un-cc/07");
	assert_int_equal(q->narticles, 2);
	assert_string_equal(q->articles[0].instrument, "coe-185");
	assert_int_equal(q->articles[0].number, 2);
	assert_string_equal(q->articles[1].instrument, "un-cc");
	assert_int_equal(q->articles[1].number, 7);
	assert_string_equal(query_canonical(p, q), "article:coe-185/2|un-cc/7");
	bad("article:un-cc", ERR_INVALID, "article:un-cc is not an article");
	bad("article:un-cc/0", ERR_INVALID, "is not an article");
	bad("article:un-cc/12345", ERR_INVALID, "is not an article");
	bad("article:un_cc/7", ERR_INVALID, "is not an article");
}

static void test_year(void **state)
{
	struct query *q;

	(void)state;
	q = ok("year:2015");
	assert_int_equal(q->year_from, 2015);
	assert_int_equal(q->year_to, 2015);
	q = ok("year:2015..2020");
	assert_int_equal(q->year_from, 2015);
	assert_int_equal(q->year_to, 2020);
	q = ok("year:..2020");
	assert_int_equal(q->year_from, 0);
	assert_int_equal(q->year_to, 2020);
	q = ok("year:2015..");
	assert_int_equal(q->year_from, 2015);
	assert_int_equal(q->year_to, 0);
	assert_string_equal(query_canonical(p, q), "year:2015..");
	assert_string_equal(canon("year:2015..2015"), "year:2015");
	bad("year:2015..20x", ERR_INVALID,
	    "year:2015..20x is not a year range (use year:2015..2020)");
	bad("year:..", ERR_INVALID, "is not a year range");
	bad("year:0999", ERR_INVALID, "year:0999 is not a year");
	bad("year:15", ERR_INVALID, "is not a year");
	bad("year:2020..2015", ERR_INVALID, "runs backwards (use year:2015..2020)");
	bad("year:2015 year:2016", ERR_INVALID, "only one year: filter");
}

static void test_lang(void **state)
{
	struct query *q;

	(void)state;
	q = ok("lang:FR lang:ar|zh");
	assert_int_equal(q->langs, (1u << LANG_FR) | (1u << LANG_AR) | (1u << LANG_ZH));
	assert_string_equal(query_canonical(p, q), "lang:ar|zh|fr");
	bad("lang:de", ERR_INVALID, "lang:de is not one of the six UN languages");
	bad("lang:fr-CA", ERR_INVALID, "not one of the six");
}

static void test_unknown_filter(void **state)
{
	struct query *q;

	(void)state;
	bad("contry:KE", ERR_INVALID,
	    "unknown filter \"contry:\" (filters: country, region, type, article, year, lang)");
	/* FTS5 column filters are not ours: an error, never a column filter */
	bad("title:x", ERR_INVALID, "unknown filter \"title:\"");
	bad("x:\"y\"", ERR_INVALID, "unknown filter \"x:\"");
	/* a word ending in a colon, and colons after digits, are words */
	q = ok("note: 3:1 x:");
	assert_int_equal(q->nterms, 3);
	assert_string_equal(q->terms[0].text, "note:");
	assert_string_equal(q->terms[1].text, "3:1");
	/* filter names ignore case */
	q = ok("Country:ke YEAR:2019");
	assert_string_equal(query_canonical(p, q), "country:KE year:2019");
}

static void test_all_filters(void **state)
{
	struct query *q;

	(void)state;
	q = ok("lang:en year:2010..2020 article:un-cc/7 type:case region:africa "
	       "country:NG  cybercrime");
	assert_int_equal(q->nterms, 1);
	assert_string_equal(query_canonical(p, q),
			    "cybercrime country:NG region:africa type:case article:un-cc/7 "
			    "year:2010..2020 lang:en");
	assert_string_equal(fts5_of(p, q, -1), "\"cybercrime\"");
}

static void test_unicode(void **state)
{
	struct query *q;

	(void)state;
	q = ok("accès illicite \"système informatique\"");
	assert_string_equal(q->terms[0].text, "accès");
	assert_string_equal(fts5_of(p, q, -1), "\"accès\" AND \"illicite\" AND \"système informatique\"");
	q = ok("незаконный доступ OR перехват");
	assert_int_equal(q->ngroups, 2);
	assert_string_equal(q->terms[2].text, "перехват");
	q = ok("الوصول غير المشروع");
	assert_int_equal(q->nterms, 3);
	assert_string_equal(q->terms[0].text, "الوصول");
	q = ok("非法访问");
	assert_int_equal(q->nterms, 1);
	/* its pairs, each a word (test_cjk_pairs) */
	assert_string_equal(fts5_of(p, q, -1), "\"非法\" AND \"法访\" AND \"访问\"");
	/* Unicode spaces separate: ideographic space, no-break space */
	q = ok("非法\xe3\x80\x80访问\xc2\xa0x");
	assert_int_equal(q->nterms, 3);
	assert_string_equal(query_canonical(p, q), "非法 访问 x");
	bad("ab\xff", ERR_INVALID, "not valid UTF-8 (at byte 3)");
	bad("\xc0\xaf", ERR_INVALID, "not valid UTF-8");
}

static void test_unclosed(void **state)
{
	(void)state;
	bad("\"illegal acc", ERR_INVALID, "unclosed quote after \"illegal acc");
	bad("x -\"a", ERR_INVALID, "unclosed quote after \"a");
	/* long rests are cut, at a character boundary */
	bad("\"ééééééééééééééééééééééééééééééééééééééééééééé", ERR_INVALID,
	    "unclosed quote after \"éééééééééééééééééééé...");
}

static void test_fts5_exact(void **state)
{
	(void)state;
	assert_string_equal(fts("a \"b c\" de*"), "\"a\" AND \"b c\" AND \"de\" *");
	assert_string_equal(fts("x OR y -z"), "( \"x\" OR \"y\" ) NOT \"z\"");
	assert_string_equal(fts("x OR y w -z -qu*"),
			    "( ( \"x\" OR \"y\" ) AND \"w\" ) NOT ( \"z\" OR \"qu\" * )");
	assert_string_equal(fts("a b OR c d"), "\"a\" AND ( \"b\" OR \"c\" ) AND \"d\"");
}

static void test_hostile(void **state)
{
	struct query *q;
	const char *hostile[] = {
		"NEAR(a b, 3)", "NEAR a b", "a AND b", "a NOT b", "^start", "a^b", "x:",
		"{x y}:z", "\\\"", "a\\b \\", "* ** *a", "+a", "a + b", "a\"\"b", "\"a\"\"b\"",
		"'; DROP TABLE t; --", "'x'", "a:b:c:", "1:2", "-", "--", "---x", "-\"\"",
		"x ( ) ( ( y", "\x01x\x02y\x7f", "a\tb\nc\rd", "x {a} [b]", "x NEAR/2 y",
		"ab* -cd* OR", "é:x", "\xe2\x80\x8bx",
	};
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		e.code = ERR_OK;
		e.msg[0] = '\0';
		if (query_parse(p, hostile[i], &q, &e) == ERR_OK)
			ok(hostile[i]);	/* the FTS5 check and the canonical round trip */
		else
			assert_true(e.msg[0] != '\0');
	}
	/* FTS5 syntax is searched for, not obeyed */
	assert_string_equal(fts("NEAR(a b, 3)"), "\"NEAR\" AND \"a\" AND \"b,\" AND \"3\"");
	assert_string_equal(fts("a AND b"), "\"a\" AND \"AND\" AND \"b\"");
	assert_string_equal(fts("^start"), "\"^start\"");
	assert_string_equal(fts("a\\b"), "\"a\\b\"");
	/* a quote inside a term is doubled (defence in depth: the parser never keeps one) */
	{
		struct query_term t = { QT_WORD, "a\"b", 0, 0 };
		struct query qq = { .terms = &t, .nterms = 1, .ngroups = 1 };

		assert_string_equal(fts5_of(p, &qq, -1), "\"a\"\"b\"");
		fts5_run(fts5_of(p, &qq, -1));
		/* with stems: words carry the language for the tokenizer, phrases do not */
		assert_string_equal(fts5_of(p, &qq, LANG_FR), "\"\x1fSfr\x1f" "a\"\"b\"");
		assert_string_equal(fts5_of(p, ok("accès \"données stockées\" conserv*"),
					       LANG_FR),
				    "\"\x1fSfr\x1f" "accès\" AND \"données stockées\" AND "
				    "\"conserv\" *");
	}
	/* control characters are spaces */
	q = ok("\x01x\x02y\x7f");
	assert_int_equal(q->nterms, 2);
	assert_string_equal(query_canonical(p, q), "x y");
	bad("", ERR_INVALID, "the query is empty");
	bad(" \t - * ( ) ", ERR_INVALID, "the query is empty");
}

static void test_limits(void **state)
{
	char buf[1200], *w;

	(void)state;
	memset(buf, 'a', 1000);
	buf[1000] = '\0';
	ok(buf);
	buf[1000] = 'a';
	buf[1001] = '\0';
	bad(buf, ERR_TOOLARGE, "the query is 1001 bytes long; the limit is 1000");
	w = buf;
	for (int i = 0; i < 32; i++)
		w += sprintf(w, "w%d ", i);
	ok(buf);
	sprintf(w, "w32");
	bad(buf, ERR_TOOLARGE, "too many search terms (at most 32)");
	w = buf;
	for (int i = 0; i < 16; i++)
		w += sprintf(w, "article:un-cc/%d ", i + 1);
	ok(buf);
	sprintf(w, "country:KE");
	bad(buf, ERR_TOOLARGE, "too many filters (at most 16)");
	/* repeats of one value count once */
	w = buf;
	for (int i = 0; i < 40; i++)
		w += sprintf(w, "country:KE ");
	ok(buf);
}

static void test_canonical(void **state)
{
	const char *c;

	(void)state;
	c = canon("  illegal   OR  unauthorised\taccess  -\"bank   card\"  pre*  ");
	assert_string_equal(c, "illegal OR unauthorised access -\"bank card\" pre*");
	assert_string_equal(canon("illegal OR unauthorised access -\"bank card\" pre*"), c);
	assert_string_equal(canon("type:lesson|case country:ug x country:ke"),
			    canon("x country:KE|UG type:case type:lesson"));
	assert_string_equal(canon("country:KE"), "country:KE");
}

static void test_words_list(void **state)
{
	const char **w;
	size_t n;

	(void)state;
	n = query_words(ok("illegal \"illegal access\" -fraud comp* OR system"), &w, p);
	assert_int_equal(n, 3);
	assert_string_equal(w[0], "illegal");
	assert_string_equal(w[1], "access");
	assert_string_equal(w[2], "system");
	n = query_words(ok("country:KE"), &w, p);
	assert_int_equal(n, 0);
	assert_null(w);
}

static void test_filters_only(void **state)
{
	struct query *q;

	(void)state;
	q = ok("type:legislation country:KE");
	assert_int_equal(q->nterms, 0);
	assert_int_equal(q->ngroups, 0);
	assert_null(fts5_of(p, q, -1));
	/* punctuation next to filters adds nothing */
	q = ok("( country:KE ) - *");
	assert_int_equal(q->nterms, 0);
	assert_int_equal(q->ncountries, 1);
}

static void test_repeated_filters(void **state)
{
	struct query *q;

	(void)state;
	q = ok("x country:KE country:ke region:africa region:AFRICA article:un-cc/7 "
	       "article:UN-CC/7 lang:fr lang:fr type:case type:case");
	assert_int_equal(q->ncountries, 1);
	assert_int_equal(q->nregions, 1);
	assert_int_equal(q->narticles, 1);
	assert_int_equal(q->types, QUERY_TYPE_CASE);
	assert_int_equal(q->langs, 1u << LANG_FR);
	assert_string_equal(query_canonical(p, q),
			    "x country:KE region:africa type:case article:un-cc/7 lang:fr");
	/* empty alternatives are skipped */
	q = ok("country:KE||UG|");
	assert_int_equal(q->ncountries, 2);
}

static void test_control_chars(void **state)
{
	struct query *q;

	(void)state;
	q = ok("a\x1b[31mb\x08" "c");
	assert_int_equal(q->nterms, 3);
	assert_string_equal(q->terms[1].text, "[31mb");
	q = ok("\"x\x01\x02y\"");
	assert_string_equal(q->terms[0].text, "x y");
	/* messages never carry control characters */
	bad("\"a\x01" "b", ERR_INVALID, "unclosed quote after \"a b");
}

static void test_spacing_equivalent(void **state)
{
	const char *c;

	(void)state;
	c = canon("a b OR c -d");
	assert_string_equal(canon("  a\tb   OR\nc  -d "), c);
	assert_string_equal(canon("a\xc2\xa0" "b\xe3\x80\x80OR c -d"), c);
	assert_string_equal(canon("(a) (b OR c) -d"), c);
	assert_string_equal(canon("\"a  b\""), canon(" \" a b \" "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phrase, setup, teardown),
		cmocka_unit_test_setup_teardown(test_or, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lowercase_or, setup, teardown),
		cmocka_unit_test_setup_teardown(test_or_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exclude, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_country, setup, teardown),
		cmocka_unit_test_setup_teardown(test_region, setup, teardown),
		cmocka_unit_test_setup_teardown(test_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_article, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lang, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unicode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unclosed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fts5_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_canonical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_words_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repeated_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_control_chars, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spacing_equivalent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cjk_pairs, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
