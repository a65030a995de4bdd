/* Tests of import/mo: catalogs built in memory in both byte orders, malformed images,
 * and the real French iso-codes catalog when it is installed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/mo.h"

struct pair {
	const char *id, *str;
	size_t idlen, strlen;	/* 0: strlen() of the string; set for embedded NULs */
};

#define P(i, s) { i, s, 0, 0 }

static void put32(unsigned char *p, uint32_t v, int be)
{
	for (int i = 0; i < 4; i++)
		p[be ? 3 - i : i] = (unsigned char)(v >> (8 * i));
}

/* Serialize pairs into a .mo image (in the order given; no hash table). The caller
 * frees the result. Offsets of the tables and strings follow msgfmt's layout: header,
 * msgid table, msgstr table, msgids, msgstrs. */
static unsigned char *build_mo(const struct pair *pairs, size_t n, int be, uint32_t revision,
			       size_t *len)
{
	size_t total = 28 + 16 * n, off;
	unsigned char *img;

	for (size_t i = 0; i < n; i++) {
		total += (pairs[i].idlen ? pairs[i].idlen : strlen(pairs[i].id)) + 1;
		total += (pairs[i].strlen ? pairs[i].strlen : strlen(pairs[i].str)) + 1;
	}
	img = calloc(1, total);
	assert_non_null(img);
	put32(img, 0x950412de, be);
	put32(img + 4, revision, be);
	put32(img + 8, (uint32_t)n, be);
	put32(img + 12, 28, be);
	put32(img + 16, (uint32_t)(28 + 8 * n), be);
	put32(img + 20, 0, be);
	put32(img + 24, (uint32_t)(28 + 16 * n), be);
	off = 28 + 16 * n;
	for (int t = 0; t < 2; t++) {
		for (size_t i = 0; i < n; i++) {
			const char *s = t ? pairs[i].str : pairs[i].id;
			size_t sl = t ? pairs[i].strlen : pairs[i].idlen;

			if (!sl)
				sl = strlen(s);
			put32(img + 28 + 8 * (t * n + i), (uint32_t)sl, be);
			put32(img + 28 + 8 * (t * n + i) + 4, (uint32_t)off, be);
			memcpy(img + off, s, sl);
			off += sl + 1;
		}
	}
	*len = total;
	return img;
}

static const struct pair basic[] = {
	P("", "Content-Type: text/plain; charset=UTF-8\n"),
	P("Germany", "Allemagne"),
	P("Kenya", "Kenya"),
	P("Spain", "Espagne"),
};
#define NBASIC (sizeof(basic) / sizeof(basic[0]))

static void check_basic(int be)
{
	struct err e = { 0 };
	struct mo_catalog *c = NULL;
	size_t len;
	unsigned char *img = build_mo(basic, NBASIC, be, 0, &len);

	assert_int_equal(mo_parse(img, len, &c, &e), ERR_OK);
	/* the catalog keeps its own copy */
	memset(img, 0xff, len);
	free(img);
	assert_int_equal(mo_count(c), 3);
	assert_string_equal(mo_lookup(c, "Germany"), "Allemagne");
	assert_string_equal(mo_lookup(c, "Kenya"), "Kenya");
	assert_string_equal(mo_lookup(c, "Spain"), "Espagne");
	assert_null(mo_lookup(c, "France"));
	assert_null(mo_lookup(c, "Germ"));
	assert_null(mo_lookup(c, "Germany "));
	assert_null(mo_lookup(c, "Zimbabwe"));
	assert_null(mo_lookup(c, "A"));
	/* the header entry is not a translation */
	assert_null(mo_lookup(c, ""));
	assert_null(mo_lookup(c, NULL));
	mo_free(c);
}

static void test_little_endian(void **state)
{
	(void)state;
	check_basic(0);
}

static void test_big_endian(void **state)
{
	(void)state;
	check_basic(1);
}

static void test_plural(void **state)
{
	static const struct pair pairs[] = {
		{ "file\0files", "fichier\0fichiers", 10, 16 },
		P("folder", "dossier"),
	};
	struct err e = { 0 };
	struct mo_catalog *c = NULL;
	size_t len;
	unsigned char *img = build_mo(pairs, 2, 0, 0, &len);

	(void)state;
	assert_int_equal(mo_parse(img, len, &c, &e), ERR_OK);
	assert_int_equal(mo_count(c), 2);
	assert_string_equal(mo_lookup(c, "file"), "fichier");
	assert_null(mo_lookup(c, "files"));
	assert_string_equal(mo_lookup(c, "folder"), "dossier");
	mo_free(c);
	free(img);
}

static void test_unsorted_duplicates_untranslated(void **state)
{
	static const struct pair pairs[] = {
		P("zeta", "Z"), P("beta", "first"), P("alpha", "A"), P("beta", "second"),
		P("gamma", ""), P("", "header"),
	};
	struct err e = { 0 };
	struct mo_catalog *c = NULL;
	size_t len;
	unsigned char *img = build_mo(pairs, 6, 1, 0, &len);

	(void)state;
	assert_int_equal(mo_parse(img, len, &c, &e), ERR_OK);
	assert_int_equal(mo_count(c), 3);
	assert_string_equal(mo_lookup(c, "alpha"), "A");
	assert_string_equal(mo_lookup(c, "beta"), "first");
	assert_string_equal(mo_lookup(c, "zeta"), "Z");
	assert_null(mo_lookup(c, "gamma"));
	mo_free(c);
	free(img);
}

static void test_many(void **state)
{
	enum { N = 2000 };
	struct pair *pairs = calloc(N, sizeof(*pairs));
	char (*ids)[16] = calloc(N, 16), (*strs)[16] = calloc(N, 16);
	struct err e = { 0 };
	struct mo_catalog *c = NULL;
	unsigned char *img;
	size_t len;

	(void)state;
	for (int i = 0; i < N; i++) {
		/* reverse order: the parser must sort */
		snprintf(ids[i], 16, "k%05d", N - i);
		snprintf(strs[i], 16, "v%d", N - i);
		pairs[i].id = ids[i];
		pairs[i].str = strs[i];
	}
	img = build_mo(pairs, N, 0, 0, &len);
	assert_int_equal(mo_parse(img, len, &c, &e), ERR_OK);
	assert_int_equal(mo_count(c), N);
	for (int i = 1; i <= N; i++) {
		char k[16], v[16];

		snprintf(k, sizeof(k), "k%05d", i);
		snprintf(v, sizeof(v), "v%d", i);
		assert_string_equal(mo_lookup(c, k), v);
	}
	assert_null(mo_lookup(c, "k00000"));
	assert_null(mo_lookup(c, "k99999"));
	mo_free(c);
	free(img);
	free(pairs);
	free(ids);
	free(strs);
}

static void test_empty(void **state)
{
	struct err e = { 0 };
	struct mo_catalog *c = NULL;
	size_t len;
	unsigned char *img = build_mo(NULL, 0, 0, 0, &len);

	(void)state;
	assert_int_equal(len, 28);
	assert_int_equal(mo_parse(img, len, &c, &e), ERR_OK);
	assert_int_equal(mo_count(c), 0);
	assert_null(mo_lookup(c, "Kenya"));
	mo_free(c);
	free(img);
	/* and the NULL catalog is empty too */
	assert_int_equal(mo_count(NULL), 0);
	assert_null(mo_lookup(NULL, "Kenya"));
	mo_free(NULL);
}

static void test_revision(void **state)
{
	struct err e = { 0 };
	struct mo_catalog *c = NULL;
	size_t len;
	unsigned char *img = build_mo(basic, NBASIC, 0, 0x00010001, &len);

	(void)state;
	assert_int_equal(mo_parse(img, len, &c, &e), ERR_OK);
	assert_string_equal(mo_lookup(c, "Spain"), "Espagne");
	mo_free(c);
	c = NULL;
	put32(img + 4, 0x00020000, 0);
	assert_int_equal(mo_parse(img, len, &c, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "revision"));
	assert_null(c);
	free(img);
}

/* Parse img expecting failure with code; *out must stay untouched. */
static void expect_fail(const unsigned char *img, size_t len, int code, const char *fragment)
{
	struct err e = { 0 };
	struct mo_catalog *c = (struct mo_catalog *)&e;	/* a sentinel, never freed */

	assert_int_equal(mo_parse(img, len, &c, &e), code);
	assert_int_equal(e.code, code);
	assert_ptr_equal(c, (struct mo_catalog *)&e);
	if (fragment && !strstr(e.msg, fragment))
		fail_msg("message '%s' lacks '%s'", e.msg, fragment);
}

static void test_bad_magic(void **state)
{
	size_t len;
	unsigned char *img = build_mo(basic, NBASIC, 0, 0, &len);

	(void)state;
	img[0] ^= 1;
	expect_fail(img, len, ERR_INVALID, "magic");
	memset(img, 0, len);
	expect_fail(img, len, ERR_INVALID, "magic");
	free(img);
}

static void test_truncated(void **state)
{
	(void)state;
	for (int be = 0; be < 2; be++) {
		size_t len;
		unsigned char *img = build_mo(basic, NBASIC, be, 0, &len);

		/* every proper prefix cuts at least the last msgstr's NUL */
		for (size_t n = 0; n < len; n++) {
			unsigned char *cut = malloc(n ? n : 1);

			memcpy(cut, img, n);
			expect_fail(cut, n, ERR_INVALID, NULL);
			free(cut);
		}
		free(img);
	}
}

static void test_offset_beyond_end(void **state)
{
	(void)state;
	for (int be = 0; be < 2; be++) {
		size_t len;
		unsigned char *img = build_mo(basic, NBASIC, be, 0, &len);

		/* msgid 2: offset at the very end, then far beyond */
		put32(img + 28 + 8 * 2 + 4, (uint32_t)len, be);
		expect_fail(img, len, ERR_INVALID, "msgid 2");
		put32(img + 28 + 8 * 2 + 4, 0xfffffff0u, be);
		expect_fail(img, len, ERR_INVALID, "msgid 2");
		free(img);
		/* the msgstr table itself past the end */
		img = build_mo(basic, NBASIC, be, 0, &len);
		put32(img + 16, (uint32_t)len - 8, be);
		expect_fail(img, len, ERR_INVALID, "msgstr table");
		put32(img + 16, 0xffffffffu, be);
		expect_fail(img, len, ERR_INVALID, "msgstr table");
		put32(img + 16, 28 + 8 * NBASIC, be);
		put32(img + 12, (uint32_t)len, be);
		expect_fail(img, len, ERR_INVALID, "msgid table");
		free(img);
	}
}

static void test_length_overflow(void **state)
{
	size_t len;
	unsigned char *img = build_mo(basic, NBASIC, 0, 0, &len);

	(void)state;
	/* offset + length wraps around 32 bits */
	put32(img + 28 + 8 * NBASIC + 8, 0xffffffffu, 0);
	expect_fail(img, len, ERR_INVALID, "msgstr 1");
	put32(img + 28 + 8 * NBASIC + 8, (uint32_t)len, 0);
	expect_fail(img, len, ERR_INVALID, "msgstr 1");
	free(img);
	/* a string that runs to the end without its NUL */
	img = build_mo(basic, NBASIC, 0, 0, &len);
	img[len - 1] = 'x';
	expect_fail(img, len, ERR_INVALID, "NUL");
	free(img);
}

static void test_too_many_strings(void **state)
{
	size_t len;
	unsigned char *img = build_mo(basic, NBASIC, 0, 0, &len);

	(void)state;
	put32(img + 8, MO_MAX_STRINGS + 1, 0);
	expect_fail(img, len, ERR_TOOLARGE, NULL);
	put32(img + 8, 0xffffffffu, 0);
	expect_fail(img, len, ERR_TOOLARGE, NULL);
	/* within the limit but more than the file holds */
	put32(img + 8, 1000, 0);
	expect_fail(img, len, ERR_INVALID, "table");
	free(img);
}

static void test_too_large(void **state)
{
	size_t len;
	unsigned char *small = build_mo(basic, NBASIC, 0, 0, &len);
	unsigned char *big = calloc(1, (size_t)MO_MAX_SIZE + 1);

	(void)state;
	assert_non_null(big);
	memcpy(big, small, len);
	expect_fail(big, (size_t)MO_MAX_SIZE + 1, ERR_TOOLARGE, NULL);
	free(big);
	free(small);
}

static void test_load(void **state)
{
	char path[] = "/tmp/test_mo.XXXXXX";
	struct err e = { 0 };
	struct mo_catalog *c = NULL;
	size_t len;
	unsigned char *img = build_mo(basic, NBASIC, 1, 0, &len);
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, img, len), (ssize_t)len);
	close(fd);
	assert_int_equal(mo_load(path, &c, &e), ERR_OK);
	assert_string_equal(mo_lookup(c, "Germany"), "Allemagne");
	mo_free(c);
	c = NULL;
	/* a corrupt file: the message names it */
	fd = open(path, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, img, len - 1), (ssize_t)len - 1);
	close(fd);
	assert_int_equal(mo_load(path, &c, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, path));
	assert_null(c);
	unlink(path);
	free(img);
	/* a missing file */
	err_clear(&e);
	assert_int_equal(mo_load("/nonexistent/dir/x.mo", &c, &e), ERR_IO);
	assert_non_null(strstr(e.msg, "/nonexistent/dir/x.mo"));
	assert_non_null(strstr(e.msg, "No such file"));
	assert_null(c);
	/* a directory */
	err_clear(&e);
	assert_int_equal(mo_load("/tmp", &c, &e), ERR_IO);
	assert_null(c);
}

static void test_real_fr(void **state)
{
	const char *path = "/usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo";
	struct err e = { 0 };
	struct mo_catalog *c = NULL;

	(void)state;
	if (access(path, R_OK) != 0)
		skip();
	assert_int_equal(mo_load(path, &c, &e), ERR_OK);
	assert_true(mo_count(c) >= 249);
	assert_string_equal(mo_lookup(c, "Kenya"), "Kenya");
	assert_string_equal(mo_lookup(c, "Germany"), "Allemagne");
	assert_null(mo_lookup(c, "No Such Country"));
	mo_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_little_endian),
		cmocka_unit_test(test_big_endian),
		cmocka_unit_test(test_plural),
		cmocka_unit_test(test_unsorted_duplicates_untranslated),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_revision),
		cmocka_unit_test(test_bad_magic),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_offset_beyond_end),
		cmocka_unit_test(test_length_overflow),
		cmocka_unit_test(test_too_many_strings),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_real_fr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
