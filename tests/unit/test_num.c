/* Tests of core/num: whole strings only, signs only where allowed, ranges, overflow. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>

#include "core/num.h"

static void test_accepts(void **state)
{
	long long v = 0;
	int i = 0;

	(void)state;
	assert_int_equal(num_parse("0", 0, 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(num_parse("10", 0, 10, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(num_parse("007", 0, 10, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(num_parse("-5", -10, 10, &v), 0);
	assert_int_equal(v, -5);
	assert_int_equal(num_parse("9223372036854775807", 0, LLONG_MAX, &v), 0);
	assert_true(v == LLONG_MAX);
	assert_int_equal(num_parse("-9223372036854775808", LLONG_MIN, 0, &v), 0);
	assert_true(v == LLONG_MIN);
	assert_int_equal(num_int("500", 1, 500, &i), 0);
	assert_int_equal(i, 500);
	assert_true(num_id("42") == 42);
}

static void test_refuses(void **state)
{
	static const char *const bad[] = {
		"", " 1", "1 ", "+1", "1e3", "0x10", "1.0", "12a", "--1", "-", "١",
		"9223372036854775808", "99999999999999999999999",
	};
	long long v = 77;
	int i = 77;

	(void)state;
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		assert_int_equal(num_parse(bad[k], LLONG_MIN, LLONG_MAX, &v), -1);
		assert_true(v == 77);	/* untouched */
	}
	assert_int_equal(num_parse(NULL, 0, 1, &v), -1);
	assert_int_equal(num_parse("-1", 0, 10, &v), -1);	/* no sign unless allowed */
	assert_int_equal(num_parse("-0", 0, 10, &v), -1);
	assert_int_equal(num_parse("11", 0, 10, &v), -1);	/* over the range */
	assert_int_equal(num_parse("-11", -10, 10, &v), -1);
	assert_int_equal(num_parse("-9223372036854775809", LLONG_MIN, 0, &v), -1);
	assert_int_equal(num_int("2147483648", 0, INT_MAX, &i), -1);
	assert_int_equal(num_int("501", 1, 500, &i), -1);
	assert_int_equal(i, 77);
	assert_true(num_id("0") == 0);
	assert_true(num_id("-3") == 0);
	assert_true(num_id("3x") == 0);
	assert_true(num_id(NULL) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts),
		cmocka_unit_test(test_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
