/* Tests of domain/period: day numbers both ways over the whole range (leap years,
 * century rules), spans (year, half, quarter, month, day), from/to and their errors
 * naming the parameter, the 30-year limit at its edge, containment and the period
 * before. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/period.h"

#define E (err_clear(&e), &e)

static void test_days(void **state)
{
	long d = 0, prev;
	char buf[11];

	(void)state;
	assert_int_equal(period_day("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(period_day("2000-03-01", &d), 0);
	assert_int_equal(d, 11017);
	assert_int_equal(period_day("1969-12-31", &d), 0);
	assert_int_equal(d, -1);
	assert_int_equal(period_day("2024-02-29", &d), 0);
	assert_int_equal(period_day("2023-02-29", &d), -1);
	assert_int_equal(period_day("1900-02-29", &d), -1);	/* not a leap year */
	assert_int_equal(period_day("2000-02-29", &d), 0);	/* a leap year */
	assert_int_equal(period_day("1899-12-31", &d), -1);
	assert_int_equal(period_day("2101-01-01", &d), -1);
	assert_int_equal(period_day("2024-1-01", &d), -1);
	assert_int_equal(period_day(NULL, &d), -1);
	/* every day of the range there and back, each the day after the one before */
	assert_int_equal(period_day("1900-01-01", &prev), 0);
	for (long k = prev; k < prev + 73049; k++) {
		period_date(k, buf);
		if (period_day(buf, &d) || d != k)
			fail_msg("day %ld -> %s -> %ld", k, buf, d);
	}
	assert_string_equal(buf, "2099-12-31");
}

static void ok(const char *sp, const char *from, const char *to, const char *want_from,
	       const char *want_to)
{
	struct period p;
	struct err e = { 0 };

	if (period_parse(sp, from, to, &p, E))
		fail_msg("%s %s %s: %s", sp ? sp : "-", from ? from : "-", to ? to : "-",
			 e.msg);
	assert_string_equal(p.from, want_from);
	assert_string_equal(p.to, want_to);
}

static void refused(const char *sp, const char *from, const char *to, const char *want)
{
	struct period p;
	struct err e = { 0 };

	assert_int_equal(period_parse(sp, from, to, &p, E), ERR_INVALID);
	if (!strstr(e.msg, want))
		fail_msg("'%s' does not say '%s'", e.msg, want);
}

static void test_parse(void **state)
{
	(void)state;
	ok("2025", NULL, NULL, "2025-01-01", "2025-12-31");
	ok("2024-Q1", NULL, NULL, "2024-01-01", "2024-03-31");
	ok("2024-q4", NULL, NULL, "2024-10-01", "2024-12-31");
	ok("2024-H1", NULL, NULL, "2024-01-01", "2024-06-30");
	ok("2024-02", NULL, NULL, "2024-02-01", "2024-02-29");
	ok("2023-02", NULL, NULL, "2023-02-01", "2023-02-28");
	ok("2024-06-30", NULL, NULL, "2024-06-30", "2024-06-30");
	ok(NULL, "2020-03-15", "2021-02-01", "2020-03-15", "2021-02-01");
	ok("", "2020", "2022-Q2", "2020-01-01", "2022-06-30");
	ok(NULL, "2020-H2", NULL, "2020-07-01", "2020-12-31");
	ok(NULL, NULL, "2020-11", "2020-11-01", "2020-11-30");
	ok(NULL, "2000-01-01", "2029-12-31", "2000-01-01", "2029-12-31");	/* 30 years */
	refused(NULL, "2000-01-01", "2030-01-01", "period: 2000-01-01 to 2030-01-01 is "
		"longer than 30 years");
	refused(NULL, "1900", "2100", "longer than 30 years");
	refused(NULL, "2025-01-01", "2024-12-31", "to: 2024-12-31 is before from 2025-01-01");
	refused(NULL, "2025-02-30", NULL, "from: '2025-02-30' is not a date or a period");
	refused(NULL, "2025", "2025-Q5", "to: '2025-Q5'");
	refused("2025-H3", NULL, NULL, "period: '2025-H3'");
	refused("1899", NULL, NULL, "period: '1899'");
	refused("2025-13", NULL, NULL, "period: '2025-13'");
	refused("2025 ", NULL, NULL, "period: '2025 '");
	refused("20250", NULL, NULL, "period");
	refused(NULL, NULL, NULL, "from: missing");
	refused("", "", "", "from: missing");
}

static void test_ops(void **state)
{
	struct period p = { "2024-01-01", "2024-12-31" }, q;

	(void)state;
	assert_int_equal(period_days(&p), 366);
	assert_true(period_contains(&p, "2024-06-30T10:00:00Z"));
	assert_true(period_contains(&p, "2024-12-31"));
	assert_false(period_contains(&p, "2025-01-01"));
	assert_false(period_contains(&p, "2023-12-31"));
	assert_false(period_contains(&p, "2024"));
	assert_false(period_contains(&p, NULL));
	assert_int_equal(period_previous(&p, &q), 0);
	assert_string_equal(q.from, "2022-12-31");	/* 366 days before */
	assert_string_equal(q.to, "2023-12-31");
	p = (struct period){ "1900-01-01", "1900-01-31" };
	assert_int_equal(period_previous(&p, &q), -1);
	p = (struct period){ "1900-02-01", "1900-02-28" };
	assert_int_equal(period_previous(&p, &q), 0);
	assert_string_equal(q.from, "1900-01-04");
	assert_string_equal(q.to, "1900-01-31");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_ops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
