/* Tests of domain/diff: the ops for insertions, deletions and replacements at every
 * place, punctuation, white space, UTF-8 words and CJK characters, the bounds (input
 * size, edit and work budget, time), word counts, provision-level classification, and
 * the reconstruction property (SAME+DEL gives a, SAME+INS gives b) over random edits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/pool.h"
#include "core/sbuf.h"
#include "domain/diff.h"

/* ops as "=same|-deleted|+inserted|..." */
static char *render(pool *p, const struct diff_op *ops, size_t n)
{
	struct sbuf sb = SBUF_INIT;
	char *s;

	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_addc(&sb, '|');
		sbuf_addc(&sb, "=-+"[ops[i].kind]);
		sbuf_add(&sb, ops[i].text, ops[i].len);
	}
	s = pool_strdup(p, sbuf_str(&sb));
	sbuf_release(&sb);
	return s;
}

/* Check the invariants of ops from a to b: no empty op, no two adjacent ops of the
 * same kind, no INS directly before a DEL, SAME+DEL gives a, SAME+INS gives b. */
static void check_ops(const char *a, const char *b, const struct diff_op *ops, size_t n)
{
	struct sbuf sa = SBUF_INIT, sb = SBUF_INIT;

	for (size_t i = 0; i < n; i++) {
		assert_true(ops[i].len > 0);
		if (i) {
			assert_true(ops[i].kind != ops[i - 1].kind);
			assert_false(ops[i - 1].kind == DIFF_INS && ops[i].kind == DIFF_DEL);
		}
		if (ops[i].kind != DIFF_INS)
			sbuf_add(&sa, ops[i].text, ops[i].len);
		if (ops[i].kind != DIFF_DEL)
			sbuf_add(&sb, ops[i].text, ops[i].len);
	}
	assert_string_equal(sbuf_str(&sa), a ? a : "");
	assert_string_equal(sbuf_str(&sb), b ? b : "");
	sbuf_release(&sa);
	sbuf_release(&sb);
}

/* The rendered diff of a and b (checked). */
static const char *d(pool *p, const char *a, const char *b)
{
	struct diff_op *ops;
	size_t n;
	struct err e = { 0 };

	assert_int_equal(diff_words(p, a, b, &ops, &n, &e), ERR_OK);
	check_ops(a, b, ops, n);
	return render(p, ops, n);
}

static void test_same(void **state)
{
	pool *p = pool_new();
	struct diff_op *ops;
	size_t n;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(diff_words(p, "the quick fox", "the quick fox", &ops, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ops[0].kind, DIFF_SAME);
	assert_int_equal(ops[0].len, 13);
	assert_string_equal(d(p, "Section 5.", "Section 5."), "=Section 5.");
	pool_free(p);
}

static void test_empty(void **state)
{
	pool *p = pool_new();
	struct diff_op *ops = (struct diff_op *)1;
	size_t n = 9;
	struct err e = { 0 };
	const char *b = "new text";

	(void)state;
	assert_int_equal(diff_words(p, NULL, NULL, &ops, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_null(ops);
	assert_int_equal(diff_words(p, "", "", &ops, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_string_equal(d(p, NULL, "new text"), "+new text");
	assert_string_equal(d(p, "old", ""), "-old");
	assert_string_equal(d(p, "", "  "), "+  ");
	/* op texts point into the inputs */
	assert_int_equal(diff_words(p, NULL, b, &ops, &n, &e), ERR_OK);
	assert_ptr_equal(ops[0].text, b);
	pool_free(p);
}

static void test_insert(void **state)
{
	pool *p = pool_new();

	(void)state;
	assert_string_equal(d(p, "quick fox", "the quick fox"), "+the |=quick fox");
	assert_string_equal(d(p, "the fox", "the quick fox"), "=the |+quick |=fox");
	assert_string_equal(d(p, "the quick", "the quick fox"), "=the quick|+ fox");
	assert_string_equal(d(p, "the quick fox", "the quick fox jumps"),
			    "=the quick fox|+ jumps");
	assert_string_equal(d(p, "a computer system", "a computer system or network"),
			    "=a computer system|+ or network");
	pool_free(p);
}

static void test_delete(void **state)
{
	pool *p = pool_new();

	(void)state;
	assert_string_equal(d(p, "the quick fox", "quick fox"), "-the |=quick fox");
	assert_string_equal(d(p, "the quick fox", "the fox"), "=the |-quick |=fox");
	assert_string_equal(d(p, "the quick fox", "the quick"), "=the quick|- fox");
	assert_string_equal(d(p, "intentionally and without right", "without right"),
			    "-intentionally and |=without right");
	pool_free(p);
}

static void test_replace(void **state)
{
	pool *p = pool_new();

	(void)state;
	assert_string_equal(d(p, "the quick brown fox", "the slow brown fox"),
			    "=the |-quick|+slow|= brown fox");
	/* white space between two changes goes into the change */
	assert_string_equal(d(p, "the quick brown fox", "the slow red fox"),
			    "=the |-quick brown|+slow red|= fox");
	assert_string_equal(d(p, "a term not exceeding two years",
			      "a term not exceeding five years or a fine"),
			    "=a term not exceeding |-two|+five|= years|+ or a fine");
	assert_string_equal(d(p, "abc", "xyz"), "-abc|+xyz");
	pool_free(p);
}

static void test_punctuation(void **state)
{
	pool *p = pool_new();

	(void)state;
	assert_string_equal(d(p, "Section 5, paragraph 2.", "Section 5; paragraph 2."),
			    "=Section 5|-,|+;|= paragraph 2.");
	assert_string_equal(d(p, "data (stored)", "data (stored)."), "=data (stored)|+.");
	assert_string_equal(d(p, "a-b", "a–b"), "=a|--|+–|=b");
	assert_string_equal(d(p, "“access”", "“accesses”"), "=“|-access|+accesses|=”");
	pool_free(p);
}

static void test_whitespace(void **state)
{
	pool *p = pool_new();
	struct diff_op *ops;
	size_t n, ins = 9, del = 9;
	struct err e = { 0 };

	(void)state;
	assert_string_equal(d(p, "a b", "a  b"), "=a|- |+  |=b");
	assert_string_equal(d(p, "a b", "a\nb"), "=a|- |+\n|=b");
	assert_string_equal(d(p, "a b", "a b "), "=a b|+ ");
	assert_int_equal(diff_words(p, "one two", "one\n\ttwo", &ops, &n, &e), ERR_OK);
	assert_int_equal(diff_stats(ops, n, &ins, &del), ERR_OK);
	assert_int_equal(ins, 0);
	assert_int_equal(del, 0);
	pool_free(p);
}

static void test_utf8(void **state)
{
	pool *p = pool_new();
	struct diff_op *ops;
	size_t n, ins, del;
	struct err e = { 0 };

	(void)state;
	assert_string_equal(d(p, "Côte d'Ivoire", "Côté d'Ivoire"), "-Côte|+Côté|= d'Ivoire");
	assert_string_equal(d(p, "кения и уганда", "кения и танзания"),
			    "=кения и |-уганда|+танзания");
	assert_string_equal(d(p, "Кения", "Кенія"), "-Кения|+Кенія");
	/* each CJK character is a token */
	assert_string_equal(d(p, "中文", "中国文"), "=中|+国|=文");
	assert_string_equal(d(p, "非法侵入计算机信息系统", "非法控制计算机信息系统"),
			    "=非法|-侵入|+控制|=计算机信息系统");
	assert_string_equal(d(p, "第二条。", "第三条。"), "=第|-二|+三|=条。");
	/* Arabic words */
	assert_string_equal(d(p, "الدخول غير المشروع", "الدخول المشروع"),
			    "=الدخول |-غير |=المشروع");
	/* not UTF-8: bytes are word characters, the property holds */
	assert_string_equal(d(p, "a\xff\xfe b", "a\xfe b"), "-a\xff\xfe|+a\xfe|= b");

	assert_int_equal(diff_words(p, "中文 text", "中国文 new text", &ops, &n, &e), 0);
	assert_int_equal(diff_stats(ops, n, &ins, &del), ERR_OK);
	assert_int_equal(ins, 2);	/* 国, new */
	assert_int_equal(del, 0);
	pool_free(p);
}

static void test_stats(void **state)
{
	pool *p = pool_new();
	struct diff_op *ops;
	size_t n, ins = 0, del = 0;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(diff_words(p, "the quick brown fox, said he.",
				    "the slow red fox said he!", &ops, &n, &e), 0);
	assert_int_equal(diff_stats(ops, n, &ins, &del), ERR_OK);
	assert_int_equal(ins, 2);
	assert_int_equal(del, 2);
	assert_int_equal(diff_stats(ops, n, NULL, NULL), ERR_OK);
	assert_int_equal(diff_stats(NULL, 0, &ins, &del), ERR_OK);
	assert_int_equal(ins, 0);
	assert_int_equal(diff_stats(NULL, 1, &ins, &del), ERR_INVALID);
	pool_free(p);
}

static void test_classify(void **state)
{
	(void)state;
	assert_int_equal(diff_classify(NULL, NULL), DIFF_UNCHANGED);
	assert_int_equal(diff_classify(NULL, "x"), DIFF_ADDED);
	assert_int_equal(diff_classify(NULL, ""), DIFF_ADDED);
	assert_int_equal(diff_classify("x", NULL), DIFF_REMOVED);
	assert_int_equal(diff_classify("same text", "same text"), DIFF_UNCHANGED);
	assert_int_equal(diff_classify("", ""), DIFF_UNCHANGED);
	assert_int_equal(diff_classify(" same\n text ", "same  text"), DIFF_UNCHANGED);
	assert_int_equal(diff_classify("same\xc2\xa0text", "same text"), DIFF_UNCHANGED);
	assert_int_equal(diff_classify("same text", "sametext"), DIFF_CHANGED);
	assert_int_equal(diff_classify("same text", "same text."), DIFF_CHANGED);
	assert_int_equal(diff_classify("Côte", "Cote"), DIFF_CHANGED);
	assert_int_equal(diff_classify("à b", "àb"), DIFF_CHANGED);
	assert_int_equal(diff_classify("", "x"), DIFF_CHANGED);
	assert_string_equal(diff_change_name(DIFF_UNCHANGED), "unchanged");
	assert_string_equal(diff_change_name(DIFF_ADDED), "added");
	assert_string_equal(diff_change_name(DIFF_REMOVED), "removed");
	assert_string_equal(diff_change_name(DIFF_CHANGED), "changed");
}

static uint64_t rng;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* A text of about len bytes (at most len) of words drawn from the first nvocab. */
static char *random_text(size_t len, int nvocab)
{
	static const char *const vocab[] = {
		"the", "person", "who", "intentionally", "accesses", "computer", "system",
		"without", "right", "shall", "be", "liable", "to", "a", "fine", "or",
		"imprisonment", "data", "traffic", "order", "of", "court", "any", "part",
		"whole", "Côte", "кения", "中文", "network", "service", "provider", "law",
	};
	char *s = malloc(len + 1);
	size_t n = 0;

	for (;;) {
		const char *w = vocab[rnd() % (unsigned)nvocab];
		size_t wl = strlen(w);

		if (n + wl + 1 > len)
			break;
		memcpy(s + n, w, wl);
		n += wl;
		s[n++] = rnd() % 11 ? ' ' : '\n';
	}
	s[n] = '\0';
	return s;
}

/* CPU time, so that a busy machine does not fail the bound */
static double ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void test_bounds(void **state)
{
	static const int vocabs[] = { 32, 4, 2 };
	pool *p = pool_new();
	struct diff_op *ops;
	size_t n;
	struct err e = { 0 };
	char *big = malloc(DIFF_MAX_INPUT + 2);

	(void)state;
	/* over the size limit */
	memset(big, 'x', DIFF_MAX_INPUT + 1);
	big[DIFF_MAX_INPUT + 1] = '\0';
	assert_int_equal(diff_words(p, big, "x", &ops, &n, &e), ERR_TOOLARGE);
	assert_int_equal(e.code, ERR_TOOLARGE);
	big[DIFF_MAX_INPUT] = '\0';	/* exactly the limit is fine */
	assert_int_equal(diff_words(p, big, "x", &ops, &n, &e), ERR_OK);
	free(big);

	/* two unrelated 64 KiB texts: over the edit budget, replaced as a whole after
	 * the common prefix, in bounded time */
	for (size_t v = 0; v < sizeof(vocabs) / sizeof(vocabs[0]); v++) {
		struct timespec t0;
		char *a, *b;
		double ms;

		rng = 0x1234567 + v;
		a = random_text(DIFF_MAX_INPUT, vocabs[v]);
		b = random_text(DIFF_MAX_INPUT, vocabs[v]);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
		assert_int_equal(diff_words(p, a, b, &ops, &n, &e), ERR_OK);
		ms = ms_since(&t0);
		check_ops(a, b, ops, n);
		assert_true(n <= 4);	/* fallback: SAME? DEL INS SAME? */
		assert_true(ms < 200.0);
		free(a);
		free(b);
	}

	/* a 64 KiB text with a few edits stays a precise diff */
	{
		struct timespec t0;
		char *a, *b;
		size_t ins, del;

		rng = 99;
		a = random_text(DIFF_MAX_INPUT - 64, 32);
		b = malloc(DIFF_MAX_INPUT + 1);
		memcpy(b, "NEW ", 4);
		strcpy(b + 4, a);
		memcpy(b + 30000, "XYZZY", 5);	/* replaces parts of words */
		strcat(b, " END");
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
		assert_int_equal(diff_words(p, a, b, &ops, &n, &e), ERR_OK);
		assert_true(ms_since(&t0) < 200.0);
		check_ops(a, b, ops, n);
		assert_int_equal(diff_stats(ops, n, &ins, &del), ERR_OK);
		assert_true(n >= 5 && n <= 9);
		assert_true(ins >= 3 && ins <= 5);
		assert_true(del >= 1 && del <= 3);
		free(a);
		free(b);
	}
	pool_free(p);
}

/* A few hundred random edits of a sample sentence: the property holds and each
 * single-word edit gives a small diff. */
static void test_property(void **state)
{
	static const char *const words[] = {
		"Whoever", "intentionally", "and", "without", "right", "accesses", "a",
		"computer", "system", ",", "by", "infringing", "security", "measures", "shall",
		"be", "punished", "with", "imprisonment", "of", "up", "to", "two", "years", ".",
	};
	static const char *const extra[] = {
		"unlawfully", "Côte", "кения", "中", "文", ";", "  ", "\n", "(a)", "three",
	};
	const size_t nw = sizeof(words) / sizeof(words[0]);

	(void)state;
	rng = 0xfeedbeef;
	for (int round = 0; round < 400; round++) {
		pool *p = pool_new();
		struct sbuf sa = SBUF_INIT, sb = SBUF_INIT;
		struct diff_op *ops;
		size_t n, nedits = 1 + rnd() % 6, ins, del;
		struct err e = { 0 };
		const char *seq[64];
		size_t len = nw;

		for (size_t i = 0; i < nw; i++)
			seq[i] = words[i];
		for (size_t k = 0; k < nedits; k++) {
			size_t at = rnd() % (len + 1);
			const char *w = rnd() % 2 ? extra[rnd() % 10] : words[rnd() % nw];

			switch (rnd() % 3) {
			case 0:	/* insert */
				if (len < 60) {
					memmove(seq + at + 1, seq + at,
						(len - at) * sizeof(*seq));
					seq[at] = w;
					len++;
				}
				break;
			case 1:	/* delete */
				if (at < len) {
					memmove(seq + at, seq + at + 1,
						(len - at - 1) * sizeof(*seq));
					len--;
				}
				break;
			default: /* replace */
				if (at < len)
					seq[at] = w;
				break;
			}
		}
		for (size_t i = 0; i < nw; i++)
			sbuf_addf(&sa, "%s%s", i ? " " : "", words[i]);
		for (size_t i = 0; i < len; i++)
			sbuf_addf(&sb, "%s%s", i ? " " : "", seq[i]);
		assert_int_equal(diff_words(p, sbuf_str(&sa), sbuf_str(&sb), &ops, &n, &e), 0);
		check_ops(sbuf_str(&sa), sbuf_str(&sb), ops, n);
		assert_true(n <= 4 * nedits + 1);
		/* a precise diff, not the whole sentence replaced */
		assert_int_equal(diff_stats(ops, n, &ins, &del), ERR_OK);
		assert_true(ins <= 2 * nedits && del <= 2 * nedits);
		/* and backwards */
		assert_int_equal(diff_words(p, sbuf_str(&sb), sbuf_str(&sa), &ops, &n, &e), 0);
		check_ops(sbuf_str(&sb), sbuf_str(&sa), ops, n);
		sbuf_release(&sa);
		sbuf_release(&sb);
		pool_free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_insert),
		cmocka_unit_test(test_delete),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_punctuation),
		cmocka_unit_test(test_whitespace),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_property),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
