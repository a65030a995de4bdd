/* Tests of core/pool: alignment, many small and some large allocations that must not
 * overlap, copies and printf into the pool, and the byte count pool_used() reports.
 * (pool_calloc overflow aborts by contract and is not tested here.) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/pool.h"

#define ALIGN_ANY _Alignof(max_align_t)

static void test_new_free(void **state)
{
	pool *p = pool_new();

	(void)state;
	assert_non_null(p);
	assert_int_equal(pool_used(p), 0);
	pool_free(p);
	pool_free(NULL);	/* a no-op */
}

static void test_alignment(void **state)
{
	pool *p = pool_new();

	(void)state;
	/* odd sizes in between must not spoil the alignment of the next allocation */
	for (size_t n = 0; n < 200; n++) {
		void *a = pool_alloc(p, n % 37 + 1);

		assert_int_equal((uintptr_t)a % ALIGN_ANY, 0);
	}
	/* a large one-off block and a small one after it */
	assert_int_equal((uintptr_t)pool_alloc(p, 100001) % ALIGN_ANY, 0);
	assert_int_equal((uintptr_t)pool_alloc(p, 3) % ALIGN_ANY, 0);
	assert_int_equal((uintptr_t)pool_calloc(p, 7, 3) % ALIGN_ANY, 0);
	/* a long double and a double stored through the pointers work */
	{
		long double *ld = pool_alloc(p, sizeof(*ld));
		double *d = pool_alloc(p, sizeof(*d) * 4);

		*ld = 1.5L;
		d[3] = 2.5;
		assert_true(*ld == 1.5L);
		assert_true(d[3] == 2.5);
	}
	pool_free(p);
}

/* Fill each allocation with its own byte pattern, then check every one: an overlap
 * between two allocations would show as a wrong byte. */
static void test_many_small(void **state)
{
	enum { N = 5000 };
	pool *p = pool_new();
	unsigned char **a = calloc(N, sizeof(*a));
	size_t *len = calloc(N, sizeof(*len));

	(void)state;
	assert_non_null(a);
	assert_non_null(len);
	for (size_t i = 0; i < N; i++) {
		len[i] = 1 + i % 53;
		a[i] = pool_alloc(p, len[i]);
		memset(a[i], (int)(i & 0xff), len[i]);
	}
	for (size_t i = 0; i < N; i++)
		for (size_t j = 0; j < len[i]; j++)
			assert_int_equal(a[i][j], i & 0xff);
	/* distinct pointers */
	for (size_t i = 1; i < N; i++)
		assert_ptr_not_equal(a[i], a[i - 1]);
	free(a);
	free(len);
	pool_free(p);
}

static void test_large(void **state)
{
	pool *p = pool_new();
	unsigned char *small1, *big1, *small2, *big2, *small3;

	(void)state;
	small1 = pool_alloc(p, 100);
	memset(small1, 0x11, 100);
	big1 = pool_alloc(p, 1 << 20);	/* larger than a block */
	memset(big1, 0x22, 1 << 20);
	small2 = pool_alloc(p, 100);	/* still from the first block's free space */
	memset(small2, 0x33, 100);
	big2 = pool_alloc(p, 5000);	/* just over half a block */
	memset(big2, 0x44, 5000);
	/* enough small ones to need new blocks */
	for (int i = 0; i < 300; i++)
		memset(pool_alloc(p, 100), 0x55, 100);
	small3 = pool_alloc(p, 8192);	/* exactly a block */
	memset(small3, 0x66, 8192);
	for (int i = 0; i < 100; i++) {
		assert_int_equal(small1[i], 0x11);
		assert_int_equal(small2[i], 0x33);
	}
	for (int i = 0; i < 1 << 20; i += 4093)
		assert_int_equal(big1[i], 0x22);
	assert_int_equal(big1[(1 << 20) - 1], 0x22);
	assert_int_equal(big2[0], 0x44);
	assert_int_equal(big2[4999], 0x44);
	assert_int_equal(small3[0], 0x66);
	assert_int_equal(small3[8191], 0x66);
	pool_free(p);
}

static void test_zeroed(void **state)
{
	pool *p = pool_new();
	unsigned char *z;

	(void)state;
	/* dirty some pool memory first so that zeroes are not an accident of malloc */
	memset(pool_alloc(p, 2000), 0xaa, 2000);
	z = pool_calloc(p, 100, 10);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(z[i], 0);
	z = pool_calloc(p, 3, 40000);
	for (int i = 0; i < 120000; i += 997)
		assert_int_equal(z[i], 0);
	assert_non_null(pool_calloc(p, 0, 10));
	assert_non_null(pool_calloc(p, 10, 0));
	pool_free(p);
}

static void test_strdup(void **state)
{
	pool *p = pool_new();
	char src[] = "hello, world";
	char *s;

	(void)state;
	s = pool_strdup(p, src);
	assert_string_equal(s, "hello, world");
	assert_ptr_not_equal(s, src);
	src[0] = 'J';	/* a copy, not an alias */
	assert_string_equal(s, "hello, world");
	assert_null(pool_strdup(p, NULL));
	assert_string_equal(pool_strdup(p, ""), "");
	/* UTF-8 bytes pass through */
	assert_string_equal(pool_strdup(p, "C\xc3\xb4te"), "C\xc3\xb4te");

	s = pool_strndup(p, "hello, world", 5);
	assert_string_equal(s, "hello");
	assert_int_equal(s[5], '\0');
	s = pool_strndup(p, "abc", 0);
	assert_string_equal(s, "");
	s = pool_strndup(p, "abc", 3);
	assert_string_equal(s, "abc");
	pool_free(p);
}

static char *vp(pool *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *vp(pool *p, const char *fmt, ...)
{
	va_list ap;
	char *r;

	va_start(ap, fmt);
	r = pool_vprintf(p, fmt, ap);
	va_end(ap);
	return r;
}

static void test_printf(void **state)
{
	pool *p = pool_new();
	char want[1200];
	char *s;

	(void)state;
	assert_string_equal(pool_printf(p, "%s-%d-%zu", "a", -5, (size_t)42), "a--5-42");
	assert_string_equal(pool_printf(p, "%s", ""), "");
	/* output longer than the 256-byte stack buffer takes the second vsnprintf */
	memset(want, 'x', 1000);
	want[1000] = '\0';
	s = pool_printf(p, "<%s|%d>", want, 7);
	assert_int_equal(strlen(s), 1 + 1000 + 3);
	assert_int_equal(s[0], '<');
	assert_int_equal(s[1], 'x');
	assert_int_equal(s[1000], 'x');
	assert_string_equal(s + 1001, "|7>");
	/* exactly at the edges of the stack buffer: 255 and 256 characters */
	want[255] = '\0';
	s = pool_printf(p, "%s", want);
	assert_int_equal(strlen(s), 255);
	want[255] = 'x';
	want[256] = '\0';
	s = pool_printf(p, "%s", want);
	assert_int_equal(strlen(s), 256);
	assert_memory_equal(s, want, 257);
	/* the va_list form, long */
	want[256] = 'x';
	want[600] = '\0';
	s = vp(p, "%s%s", want, "!");
	assert_int_equal(strlen(s), 601);
	assert_int_equal(s[600], '!');
	pool_free(p);
}

static void test_used(void **state)
{
	pool *p = pool_new();
	char big[300];

	(void)state;
	assert_int_equal(pool_used(p), 0);
	pool_alloc(p, 10);
	assert_int_equal(pool_used(p), 10);
	pool_alloc(p, 100000);
	assert_int_equal(pool_used(p), 100010);
	pool_strdup(p, "abc");	/* 4 with the NUL */
	assert_int_equal(pool_used(p), 100014);
	pool_calloc(p, 5, 6);
	assert_int_equal(pool_used(p), 100044);
	memset(big, 'y', 299);
	big[299] = '\0';
	pool_printf(p, "%s", big);	/* 300 with the NUL */
	assert_int_equal(pool_used(p), 100344);
	pool_free(p);
}

static char order[8];

static void note(void *arg)
{
	strncat(order, arg, sizeof(order) - strlen(order) - 1);
}

/* pool_defer: each function once, at pool_free, the last registered first, while the
 * pool's memory is still there. */
static void test_defer(void **state)
{
	pool *p = pool_new();
	char *s = pool_strdup(p, "b");

	(void)state;
	order[0] = '\0';
	pool_defer(p, note, "a");
	pool_defer(p, note, s);
	pool_defer(p, note, "c");
	assert_string_equal(order, "");
	pool_free(p);
	assert_string_equal(order, "cba");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_free),
		cmocka_unit_test(test_defer),
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_many_small),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_zeroed),
		cmocka_unit_test(test_strdup),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_used),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
