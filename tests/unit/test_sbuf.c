/* Tests of core/sbuf: appends of every kind keep the buffer NUL-terminated and the
 * length right, formatted appends that outgrow the buffer, detach, reset, release. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"

static void test_empty(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct sbuf sb2;

	(void)state;
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sbuf_str(&sb), "");
	sbuf_init(&sb2);
	assert_null(sb2.buf);
	assert_string_equal(sbuf_str(&sb2), "");
	sbuf_reset(&sb2);	/* on a NULL buffer: nothing to write */
	assert_string_equal(sbuf_str(&sb2), "");
	sbuf_release(&sb);	/* on an empty one */
	assert_null(sb.buf);
	/* a buffer that has grown but holds nothing is still "" */
	sbuf_grow(&sb, 100);
	assert_non_null(sb.buf);
	assert_string_equal(sbuf_str(&sb), "");
	sbuf_release(&sb);
}

static void test_add(void **state)
{
	struct sbuf sb = SBUF_INIT;

	(void)state;
	sbuf_adds(&sb, "abc");
	assert_int_equal(sb.len, 3);
	assert_string_equal(sbuf_str(&sb), "abc");
	assert_true(sb.cap > sb.len);
	sbuf_addc(&sb, 'd');
	assert_string_equal(sb.buf, "abcd");
	sbuf_add(&sb, "efgh", 2);
	assert_string_equal(sb.buf, "abcdef");
	assert_int_equal(sb.len, 6);
	sbuf_add(&sb, NULL, 0);	/* nothing */
	sbuf_adds(&sb, "");
	assert_int_equal(sb.len, 6);
	assert_string_equal(sb.buf, "abcdef");
	/* an embedded NUL counts in len */
	sbuf_add(&sb, "x\0y", 3);
	assert_int_equal(sb.len, 9);
	assert_memory_equal(sb.buf, "abcdefx\0y", 10);
	sbuf_release(&sb);
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.cap, 0);
	/* reusable after release */
	sbuf_addc(&sb, 'z');
	assert_string_equal(sb.buf, "z");
	sbuf_release(&sb);
}

static void test_grow_many(void **state)
{
	struct sbuf sb = SBUF_INIT;
	size_t n = 200000;

	(void)state;
	for (size_t i = 0; i < n; i++)
		sbuf_addc(&sb, (char)('a' + i % 26));
	assert_int_equal(sb.len, n);
	assert_int_equal(strlen(sb.buf), n);
	assert_true(sb.cap > n);
	for (size_t i = 0; i < n; i += 4999)
		assert_int_equal(sb.buf[i], 'a' + i % 26);
	sbuf_release(&sb);

	/* sbuf_grow reserves room without changing the contents */
	sbuf_adds(&sb, "keep");
	sbuf_grow(&sb, 10000);
	assert_true(sb.cap >= sb.len + 10000 + 1);
	assert_string_equal(sb.buf, "keep");
	assert_int_equal(sb.len, 4);
	sbuf_release(&sb);
}

static void vadd(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void vadd(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

static void test_addf(void **state)
{
	struct sbuf sb = SBUF_INIT;
	char big[5000];

	(void)state;
	sbuf_addf(&sb, "%d-%s-%zu", 42, "x", (size_t)7);
	assert_string_equal(sb.buf, "42-x-7");
	assert_int_equal(sb.len, 6);
	sbuf_addf(&sb, "%s", "");
	assert_int_equal(sb.len, 6);
	/* longer than the room left: the second vsnprintf path */
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	sbuf_addf(&sb, "[%s]", big);
	assert_int_equal(sb.len, 6 + 2 + 4999);
	assert_int_equal(strlen(sb.buf), sb.len);
	assert_int_equal(sb.buf[6], '[');
	assert_int_equal(sb.buf[sb.len - 1], ']');
	assert_int_equal(sb.buf[sb.len - 2], 'q');
	/* the va_list form, also long, appended after */
	vadd(&sb, "<%s>%d", big + 4000, -1);
	assert_int_equal(sb.len, 6 + 2 + 4999 + 999 + 2 + 2);
	assert_string_equal(sb.buf + sb.len - 4, "q>-1");
	/* fills exactly to the capacity edge: cap - len - 1 characters */
	{
		struct sbuf t = SBUF_INIT;
		size_t room;

		sbuf_addc(&t, '1');
		sbuf_grow(&t, 64);	/* what sbuf_vaddf reserves first */
		room = t.cap - t.len - 1;
		big[room] = '\0';
		sbuf_addf(&t, "%s", big);
		assert_int_equal(t.len, 1 + room);
		assert_int_equal(strlen(t.buf), t.len);
		big[room] = 'q';
		big[room + 1] = '\0';
		sbuf_reset(&t);
		sbuf_addc(&t, '1');
		sbuf_addf(&t, "%s", big);
		assert_int_equal(t.len, 2 + room);
		assert_int_equal(strlen(t.buf), t.len);
		sbuf_release(&t);
	}
	sbuf_release(&sb);
}

static void test_reset(void **state)
{
	struct sbuf sb = SBUF_INIT;
	char *before;

	(void)state;
	sbuf_adds(&sb, "something");
	before = sb.buf;
	sbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sbuf_str(&sb), "");
	assert_ptr_equal(sb.buf, before);	/* the memory is kept */
	sbuf_adds(&sb, "new");
	assert_string_equal(sb.buf, "new");
	sbuf_release(&sb);
}

static void test_detach(void **state)
{
	struct sbuf sb = SBUF_INIT;
	size_t len = 99;
	char *s;

	(void)state;
	sbuf_adds(&sb, "hello");
	s = sbuf_detach(&sb, &len);
	assert_string_equal(s, "hello");
	assert_int_equal(len, 5);
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.cap, 0);
	free(s);
	/* an empty sbuf detaches to an allocated "" */
	s = sbuf_detach(&sb, &len);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	/* len may be NULL */
	sbuf_adds(&sb, "x");
	s = sbuf_detach(&sb, NULL);
	assert_string_equal(s, "x");
	free(s);
	/* the sbuf is usable after a detach */
	sbuf_adds(&sb, "again");
	assert_string_equal(sbuf_str(&sb), "again");
	sbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_grow_many),
		cmocka_unit_test(test_addf),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_detach),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
