/* Tests of import/tsv (rows, comments, every rejection with origin:line, stopping
 * from the callback) and of core/utf8 validation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "import/tsv.h"

/* Rows seen by the callback, flattened as "line:f1|f2|...;" */
struct seen {
	char text[4096];
	int rows;
	int stop_at;	/* stop (ERR_CONFLICT) on this row number; 0: never */
};

static void put(struct seen *s, const char *str)
{
	size_t len = strlen(s->text);

	snprintf(s->text + len, sizeof(s->text) - len, "%s", str);
}

static int collect(void *ud, int lineno, char **fields, int nfields, struct err *e)
{
	struct seen *s = ud;
	char num[16];

	s->rows++;
	if (s->stop_at && s->rows == s->stop_at)
		return err_set(e, ERR_CONFLICT, "stop at line %d", lineno);
	snprintf(num, sizeof(num), "%d:", lineno);
	put(s, num);
	for (int i = 0; i < nfields; i++) {
		if (i)
			put(s, "|");
		put(s, fields[i]);
	}
	put(s, ";");
	return 0;
}

static int run(const char *text, size_t len, int nfields, struct seen *s, struct err *e)
{
	memset(s, 0, sizeof(*s));
	err_clear(e);
	return tsv_parse(text, len, nfields, "o.tsv", collect, s, e);
}

static int runs(const char *text, int nfields, struct seen *s, struct err *e)
{
	return run(text, strlen(text), nfields, s, e);
}

static void test_fields(void **state)
{
	struct seen s;
	struct err e;

	(void)state;
	assert_int_equal(runs("a\tb\tc\n", 3, &s, &e), ERR_OK);
	assert_string_equal(s.text, "1:a|b|c;");
	/* empty fields, UTF-8, spaces kept as they are */
	assert_int_equal(runs("\t\t\nx y\t\xc3\xa9\t \n", 3, &s, &e), ERR_OK);
	assert_string_equal(s.text, "1:||;2:x y|\xc3\xa9| ;");
	/* the last line needs no newline */
	assert_int_equal(runs("a\tb\nc\td", 2, &s, &e), ERR_OK);
	assert_string_equal(s.text, "1:a|b;2:c|d;");
	/* one field */
	assert_int_equal(runs("one\ntwo\n", 1, &s, &e), ERR_OK);
	assert_string_equal(s.text, "1:one;2:two;");
	/* the most fields */
	assert_int_equal(runs("1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16\n",
			      TSV_MAX_FIELDS, &s, &e), ERR_OK);
	assert_string_equal(s.text, "1:1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16;");
	/* empty input */
	assert_int_equal(run("", 0, 2, &s, &e), ERR_OK);
	assert_int_equal(s.rows, 0);
	/* len counts, not the NUL: the text need not be terminated */
	assert_int_equal(run("a\tb\nc\td\n", 4, 2, &s, &e), ERR_OK);
	assert_string_equal(s.text, "1:a|b;");
}

static void test_comments(void **state)
{
	struct seen s;
	struct err e;

	(void)state;
	assert_int_equal(runs("#code\tname\n# a comment with no tabs\n\nKE\tKenya\n\n"
			      "#\n" "DE\tGermany\n", 2, &s, &e), ERR_OK);
	assert_int_equal(s.rows, 2);
	/* line numbers count comments and blank lines */
	assert_string_equal(s.text, "4:KE|Kenya;7:DE|Germany;");
	/* only a leading '#' makes a comment */
	assert_int_equal(runs("a#\tb\n", 2, &s, &e), ERR_OK);
	assert_string_equal(s.text, "1:a#|b;");
	/* a line of spaces is data, not blank */
	assert_int_equal(runs(" \n", 2, &s, &e), ERR_INVALID);
}

static void test_field_count(void **state)
{
	struct seen s;
	struct err e;

	(void)state;
	assert_int_equal(runs("#h\na\tb\n", 3, &s, &e), ERR_INVALID);
	assert_string_equal(e.msg, "o.tsv:2: 2 fields, expected 3");
	assert_int_equal(s.rows, 0);
	assert_int_equal(runs("a\tb\tc\n\na\tb\tc\td\n", 3, &s, &e), ERR_INVALID);
	assert_string_equal(e.msg, "o.tsv:3: more than 3 fields");
	assert_int_equal(s.rows, 1);	/* rows before the bad one were delivered */
	assert_int_equal(runs("a\tb\t\n", 2, &s, &e), ERR_INVALID);	/* trailing tab */
	assert_non_null(strstr(e.msg, "o.tsv:1"));
	/* a bad field count from the caller is a bug */
	assert_int_equal(runs("a\n", 0, &s, &e), ERR_INTERNAL);
	assert_int_equal(runs("a\n", TSV_MAX_FIELDS + 1, &s, &e), ERR_INTERNAL);
	assert_int_equal(runs("a\n", -1, &s, &e), ERR_INTERNAL);
}

static void test_bad_bytes(void **state)
{
	static const char nul[] = "a\tb\nc\0\td\n";
	struct seen s;
	struct err e;

	(void)state;
	assert_int_equal(runs("a\tb\r\n", 2, &s, &e), ERR_INVALID);
	assert_string_equal(e.msg, "o.tsv:1: NUL or CR byte");
	assert_int_equal(runs("a\tb\nc\rx\td\n", 2, &s, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "o.tsv:2"));
	assert_int_equal(run(nul, sizeof(nul) - 1, 2, &s, &e), ERR_INVALID);
	assert_string_equal(e.msg, "o.tsv:2: NUL or CR byte");
	/* invalid UTF-8, also in a comment */
	assert_int_equal(runs("ok\tfine\nbad\t\xff\n", 2, &s, &e), ERR_INVALID);
	assert_string_equal(e.msg, "o.tsv:2: invalid UTF-8");
	assert_int_equal(runs("# caf\xc3\n", 2, &s, &e), ERR_INVALID);
	assert_string_equal(e.msg, "o.tsv:1: invalid UTF-8");
	assert_int_equal(runs("\xc0\xaf\tx\n", 2, &s, &e), ERR_INVALID);
}

static void test_line_length(void **state)
{
	char *buf = malloc(TSV_MAX_LINE + 16);
	struct seen s;
	struct err e;

	(void)state;
	assert_non_null(buf);
	/* exactly TSV_MAX_LINE bytes: fine */
	memset(buf, 'x', TSV_MAX_LINE);
	buf[0] = 'a', buf[1] = '\t';
	buf[TSV_MAX_LINE] = '\n';
	assert_int_equal(run(buf, TSV_MAX_LINE + 1, 2, &s, &e), ERR_OK);
	assert_int_equal(s.rows, 1);
	/* one more: too long, also without a newline at the end */
	memset(buf, 'x', TSV_MAX_LINE + 1);
	buf[0] = 'a', buf[1] = '\t';
	assert_int_equal(run(buf, TSV_MAX_LINE + 1, 2, &s, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "o.tsv:1: line longer than"));
	buf[TSV_MAX_LINE + 1] = '\n';
	assert_int_equal(run(buf, TSV_MAX_LINE + 2, 2, &s, &e), ERR_INVALID);
	free(buf);
}

static void test_stop(void **state)
{
	struct seen s;
	struct err e;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.stop_at = 2;
	err_clear(&e);
	assert_int_equal(tsv_parse("a\n#c\nb\nc\n", 9, 1, "o.tsv", collect, &s, &e),
			 ERR_CONFLICT);
	assert_string_equal(e.msg, "stop at line 3");
	assert_int_equal(s.rows, 2);	/* row "c" never reached the callback */
	assert_string_equal(s.text, "1:a;");
}

static void test_utf8(void **state)
{
	static const struct {
		const char *s;
		int valid;
	} t[] = {
		{ "", 1 },
		{ "plain ASCII ~\x7f", 1 },
		{ "\xc3\xa9", 1 },			/* é */
		{ "\xe2\x80\x99", 1 },			/* ’ */
		{ "\xe4\xb8\xad\xe6\x96\x87", 1 },	/* 中文 */
		{ "\xf0\x9f\x87\xb0", 1 },		/* U+1F1F0 */
		{ "\xf4\x8f\xbf\xbf", 1 },		/* U+10FFFF */
		{ "\xee\x80\x80", 1 },			/* U+E000 after the surrogates */
		{ "\xed\x9f\xbf", 1 },			/* U+D7FF before them */
		{ "\xc2\x80", 1 },			/* U+0080 */
		{ "\xe0\xa0\x80", 1 },			/* U+0800 */
		{ "\xf0\x90\x80\x80", 1 },		/* U+10000 */
		{ "\x80", 0 },				/* lone continuation */
		{ "\xbf", 0 },
		{ "\xc0\xaf", 0 },			/* overlong '/' */
		{ "\xc1\xbf", 0 },
		{ "\xe0\x80\xaf", 0 },			/* overlong, 3 bytes */
		{ "\xe0\x9f\xbf", 0 },
		{ "\xf0\x80\x80\xaf", 0 },		/* overlong, 4 bytes */
		{ "\xf0\x8f\xbf\xbf", 0 },
		{ "\xed\xa0\x80", 0 },			/* surrogates */
		{ "\xed\xbf\xbf", 0 },
		{ "\xf4\x90\x80\x80", 0 },		/* over U+10FFFF */
		{ "\xf5\x80\x80\x80", 0 },
		{ "\xf8\x88\x80\x80\x80", 0 },
		{ "\xfe", 0 },
		{ "\xff", 0 },
		{ "\xc3", 0 },				/* cut short */
		{ "\xe4\xb8", 0 },
		{ "\xf0\x9f\x87", 0 },
		{ "\xc3\x41", 0 },			/* a non-continuation byte */
		{ "\xe4\xb8\x41", 0 },
		{ "ab\xc3\xa9\xff", 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (utf8_valid(t[i].s, strlen(t[i].s)) != t[i].valid)
			print_error("case %zu\n", i);
		assert_int_equal(utf8_valid(t[i].s, strlen(t[i].s)), t[i].valid);
	}
	/* the length bounds the check: a sequence cut by len is invalid, NUL is ASCII */
	assert_false(utf8_valid("\xc3\xa9", 1));
	assert_true(utf8_valid("\xc3\xa9\xff", 2));
	assert_true(utf8_valid("a\0b", 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_field_count),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_line_length),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
