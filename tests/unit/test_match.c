/* Tests of store/sqlite/match: the FTS5 expression of a search request's terms (the
 * exact expressions of typed queries are in test_query.c) and the list of its phrases
 * that the ranking numbers: positive terms first, then the excluded ones, each with
 * its key as written, its text as FTS5 reads it (stem mark kept, quotes single) and
 * whether it is a prefix. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/lang.h"
#include "domain/search.h"
#include "store/sqlite/internal.h"

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

/* The expression of typed text, its phrases into *ph and *n. */
static const char *match(const char *text, int lang, struct sq_phrase **ph, size_t *n)
{
	struct query *q;
	struct err e = { 0 };
	const struct search_term *t;
	size_t nt;

	if (query_parse(p, text, &q, &e) != ERR_OK)
		fail_msg("query [%s] failed: %s", text, e.msg);
	t = search_terms(p, q, lang, &nt);
	return sq_match_terms(p, t, nt, ph, n);
}

static void test_phrase_order(void **state)
{
	struct sq_phrase *ph;
	size_t n;

	(void)state;
	/* the excluded terms come last in the expression, so last among the phrases */
	assert_string_equal(match("-z x OR y \"w v\" -qu*", -1, &ph, &n),
			    "( ( \"x\" OR \"y\" ) AND \"w v\" ) NOT ( \"z\" OR \"qu\" * )");
	assert_int_equal(n, 5);
	assert_string_equal(ph[0].key, "\"x\"");
	assert_string_equal(ph[1].key, "\"y\"");
	assert_string_equal(ph[2].key, "\"w v\"");
	assert_string_equal(ph[2].text, "w v");
	assert_string_equal(ph[3].key, "\"z\"");
	assert_string_equal(ph[4].key, "\"qu\" *");
	assert_string_equal(ph[4].text, "qu");
	assert_true(ph[4].prefix);
	for (size_t i = 0; i < 4; i++)
		assert_false(ph[i].prefix);
}

static void test_stems(void **state)
{
	struct sq_phrase *ph;
	size_t n;

	(void)state;
	/* words carry the language for the tokenizer; phrases and prefixes do not */
	assert_string_equal(match("accès \"données stockées\" conserv*", LANG_FR, &ph, &n),
			    "\"\x1fSfr\x1f" "accès\" AND \"données stockées\" AND \"conserv\" *");
	assert_int_equal(n, 3);
	assert_string_equal(ph[0].key, "\"\x1fSfr\x1f" "accès\"");
	assert_string_equal(ph[0].text, "\x1fSfr\x1f" "accès");
	assert_string_equal(ph[1].text, "données stockées");
	/* without a language, words as typed */
	assert_string_equal(match("accès", -1, &ph, &n), "\"accès\"");
	assert_string_equal(ph[0].text, "accès");
}

static void test_quotes(void **state)
{
	struct search_term t = { .kind = QT_WORD, .text = "a\"b", .lang = LANG_EN, .stem = 1 };
	struct sq_phrase *ph;
	size_t n;

	(void)state;
	/* a quote inside a term is doubled in the expression, single in the text */
	assert_string_equal(sq_match_terms(p, &t, 1, &ph, &n), "\"\x1fSen\x1f" "a\"\"b\"");
	assert_int_equal(n, 1);
	assert_string_equal(ph[0].key, "\"\x1fSen\x1f" "a\"\"b\"");
	assert_string_equal(ph[0].text, "\x1fSen\x1f" "a\"b");
}

static void test_filters_only(void **state)
{
	struct sq_phrase *ph = (void *)1;
	size_t n = 1;

	(void)state;
	assert_null(match("country:KE type:case", LANG_EN, &ph, &n));
	assert_null(ph);
	assert_int_equal(n, 0);
	assert_null(sq_match_terms(p, NULL, 0, &ph, &n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_phrase_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quotes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters_only, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
