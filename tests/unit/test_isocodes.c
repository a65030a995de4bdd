/* Tests of import/isocodes: parsing and validating a small inline country list,
 * translation from catalogs written into a temporary locale directory, and the real
 * iso-codes files when they are installed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "import/isocodes.h"

static const char small_json[] =
	"{\"3166-1\": [\n"
	" {\"alpha_2\": \"KE\", \"alpha_3\": \"KEN\","
	"  \"flag\": \"\xf0\x9f\x87\xb0\xf0\x9f\x87\xaa\","
	"  \"name\": \"Kenya\", \"numeric\": \"404\", \"official_name\": \"Republic of Kenya\"},\n"
	" {\"alpha_2\": \"DE\", \"alpha_3\": \"DEU\", \"name\": \"Germany\", \"numeric\": \"276\","
	"  \"official_name\": \"Federal Republic of Germany\"},\n"
	" {\"alpha_2\": \"BO\", \"alpha_3\": \"BOL\", \"common_name\": \"Bolivia\","
	"  \"name\": \"Bolivia, Plurinational State of\", \"numeric\": \"068\","
	"  \"official_name\": \"Plurinational State of Bolivia\"},\n"
	" {\"alpha_2\": \"ES\", \"alpha_3\": \"ESP\", \"name\": \"Spain\", \"numeric\": \"724\"}\n"
	"]}\n";

static int parse(const char *json, struct isocodes_country **list, size_t *n, struct err *e)
{
	return isocodes_parse_json(json, strlen(json), list, n, e);
}

static const struct isocodes_country *find(const struct isocodes_country *list, size_t n,
					   const char *alpha2)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i].alpha2, alpha2))
			return &list[i];
	return NULL;
}

static void test_parse_small(void **state)
{
	struct isocodes_country *list = NULL;
	struct err e = { 0 };
	size_t n = 0;

	(void)state;
	assert_int_equal(parse(small_json, &list, &n, &e), ERR_OK);
	assert_int_equal(n, 4);
	assert_string_equal(list[0].alpha2, "KE");
	assert_string_equal(list[0].alpha3, "KEN");
	assert_string_equal(list[0].numeric, "404");
	assert_string_equal(list[0].name, "Kenya");
	assert_string_equal(list[0].official_name, "Republic of Kenya");
	assert_null(list[0].common_name);
	assert_ptr_equal(list[0].names[LANG_EN], list[0].name);
	for (int l = 0; l < LANG_COUNT; l++)
		if (l != LANG_EN)
			assert_null(list[0].names[l]);
	assert_string_equal(list[2].numeric, "068");
	assert_string_equal(list[2].common_name, "Bolivia");
	assert_string_equal(list[2].name, "Bolivia, Plurinational State of");
	assert_null(list[3].official_name);
	isocodes_free(list, n);
	isocodes_free(NULL, 0);
}

static void test_parse_empty_list(void **state)
{
	struct isocodes_country *list = NULL;
	struct err e = { 0 };
	size_t n = 7;

	(void)state;
	assert_int_equal(parse("{\"3166-1\": []}", &list, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	isocodes_free(list, n);
}

#define ENTRY(a2, a3, num, name) \
	"{\"alpha_2\": \"" a2 "\", \"alpha_3\": \"" a3 "\", \"numeric\": \"" num \
	"\", \"name\": \"" name "\"}"
#define OK_ENTRY ENTRY("KE", "KEN", "404", "Kenya")

static const struct {
	const char *json, *fragment;
} rejects[] = {
	{ "{\"3166-1\": [" OK_ENTRY ", " ENTRY("ke", "KEN", "404", "Kenya") "]}",
	  "3166-1[1].alpha_2" },
	{ "{\"3166-1\": [" ENTRY("K", "KEN", "404", "Kenya") "]}", "3166-1[0].alpha_2" },
	{ "{\"3166-1\": [" ENTRY("KEN", "KEN", "404", "Kenya") "]}", "3166-1[0].alpha_2" },
	{ "{\"3166-1\": [" ENTRY("K1", "KEN", "404", "Kenya") "]}", "3166-1[0].alpha_2" },
	{ "{\"3166-1\": [" ENTRY("\xc3\x84X", "KEN", "404", "Kenya") "]}", "3166-1[0].alpha_2" },
	{ "{\"3166-1\": [" ENTRY("KE", "KE", "404", "Kenya") "]}", "3166-1[0].alpha_3" },
	{ "{\"3166-1\": [" ENTRY("KE", "KEn", "404", "Kenya") "]}", "3166-1[0].alpha_3" },
	{ "{\"3166-1\": [" ENTRY("KE", "KEN", "40", "Kenya") "]}", "3166-1[0].numeric" },
	{ "{\"3166-1\": [" ENTRY("KE", "KEN", "40a", "Kenya") "]}", "3166-1[0].numeric" },
	{ "{\"3166-1\": [" ENTRY("KE", "KEN", "-40", "Kenya") "]}", "3166-1[0].numeric" },
	{ "{\"3166-1\": [" ENTRY("KE", "KEN", "404", "") "]}", "3166-1[0].name" },
	{ "{\"3166-1\": [{\"alpha_2\": \"KE\", \"alpha_3\": \"KEN\", \"numeric\": 404, "
	  "\"name\": \"Kenya\"}]}", "3166-1[0].numeric: not a string" },
	{ "{\"3166-1\": [{\"alpha_2\": \"KE\", \"alpha_3\": \"KEN\", \"numeric\": \"404\"}]}",
	  "3166-1[0].name: missing" },
	{ "{\"3166-1\": [{\"alpha_3\": \"KEN\", \"numeric\": \"404\", \"name\": \"Kenya\"}]}",
	  "3166-1[0].alpha_2: missing" },
	{ "{\"3166-1\": [{\"alpha_2\": \"KE\", \"alpha_3\": \"KEN\", \"numeric\": \"404\", "
	  "\"name\": null}]}", "3166-1[0].name: not a string" },
	{ "{\"3166-1\": [{\"alpha_2\": \"KE\", \"alpha_3\": \"KEN\", \"numeric\": \"404\", "
	  "\"name\": \"Kenya\", \"official_name\": 5}]}", "3166-1[0].official_name" },
	{ "{\"3166-1\": [{\"alpha_2\": \"KE\", \"alpha_3\": \"KEN\", \"numeric\": \"404\", "
	  "\"name\": \"Kenya\", \"common_name\": \"\"}]}", "3166-1[0].common_name" },
	{ "{\"3166-1\": [" OK_ENTRY ", " ENTRY("KE", "KEE", "405", "Kenya") "]}",
	  "3166-1[1].alpha_2: KE appears twice" },
	{ "{\"3166-1\": [" OK_ENTRY ", " ENTRY("KF", "KEN", "405", "Kenya") "]}",
	  "3166-1[1].alpha_3: KEN appears twice" },
	{ "{\"3166-1\": [" OK_ENTRY ", " ENTRY("KF", "KEF", "404", "Kenya") "]}",
	  "3166-1[1].numeric: 404 appears twice" },
	{ "{\"3166-1\": [" OK_ENTRY ", 5]}", "3166-1[1]: not an object" },
	{ "{\"3166-1\": {\"KE\": " OK_ENTRY "}}", "\"3166-1\" array" },
	{ "{\"3166\": [" OK_ENTRY "]}", "\"3166-1\" array" },
	{ "[" OK_ENTRY "]", "\"3166-1\" array" },
	{ "\"3166-1\"", "line" },
	{ "{\"3166-1\": [" OK_ENTRY "], \"3166-1\": []}", "duplicate" },
	{ "{\"3166-1\": [{\"alpha_2\": \"KE\", \"alpha_2\": \"KE\", \"alpha_3\": \"KEN\", "
	  "\"numeric\": \"404\", \"name\": \"Kenya\"}]}", "duplicate" },
	{ "{\"3166-1\": [" OK_ENTRY "]", "line 1" },
	{ "{\"3166-1\": [" ENTRY("KE", "KEN", "404", "Ken\\u0000ya") "]}", "line 1" },
	{ "{\"3166-1\": [" ENTRY("KE", "KEN", "404", "Ken\xffya") "]}", "line 1" },
	{ "", "line" },
};

static void test_rejects(void **state)
{
	struct isocodes_country sentinel;

	(void)state;
	for (size_t i = 0; i < sizeof(rejects) / sizeof(rejects[0]); i++) {
		struct isocodes_country *list = &sentinel;
		struct err e = { 0 };
		size_t n = 99;

		if (parse(rejects[i].json, &list, &n, &e) != ERR_INVALID)
			fail_msg("case %zu accepted: %s", i, rejects[i].json);
		assert_int_equal(e.code, ERR_INVALID);
		if (!strstr(e.msg, rejects[i].fragment))
			fail_msg("case %zu: message '%s' lacks '%s'", i, e.msg,
				 rejects[i].fragment);
		/* outputs untouched */
		assert_ptr_equal(list, &sentinel);
		assert_int_equal(n, 99);
	}
}

static void test_name_length(void **state)
{
	struct isocodes_country *list = NULL;
	struct err e = { 0 };
	char name[300], json[600];
	size_t n = 0;

	(void)state;
	memset(name, 'x', sizeof(name));
	name[ISOCODES_NAME_MAX - 1] = '\0';
	snprintf(json, sizeof(json), "{\"3166-1\": [" ENTRY("KE", "KEN", "404", "%s") "]}",
		 name);
	assert_int_equal(parse(json, &list, &n, &e), ERR_OK);
	assert_int_equal(strlen(list[0].name), ISOCODES_NAME_MAX - 1);
	isocodes_free(list, n);
	memset(name, 'x', sizeof(name));
	name[ISOCODES_NAME_MAX] = '\0';
	snprintf(json, sizeof(json), "{\"3166-1\": [" ENTRY("KE", "KEN", "404", "%s") "]}",
		 name);
	assert_int_equal(parse(json, &list, &n, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "3166-1[0].name"));
}

static void test_too_many(void **state)
{
	struct isocodes_country *list = NULL;
	struct err e = { 0 };
	size_t n = 0, len = 0;
	char *json = malloc(16 + 2 * 677);

	(void)state;
	len += (size_t)sprintf(json, "{\"3166-1\": [");
	for (int i = 0; i < 677; i++)
		len += (size_t)sprintf(json + len, "%s1", i ? "," : "");
	len += (size_t)sprintf(json + len, "]}");
	assert_int_equal(isocodes_parse_json(json, len, &list, &n, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "677 entries"));
	assert_null(list);
	free(json);
}

static void test_too_large(void **state)
{
	struct isocodes_country *list = NULL;
	struct err e = { 0 };
	size_t n = 0, len = (size_t)ISOCODES_JSON_MAX + 1;
	char *big = malloc(len);

	(void)state;
	assert_non_null(big);
	memset(big, ' ', len);
	memcpy(big, small_json, strlen(small_json));
	assert_int_equal(isocodes_parse_json(big, len, &list, &n, &e), ERR_TOOLARGE);
	assert_null(list);
	/* at the limit it is fine: trailing white space */
	err_clear(&e);
	assert_int_equal(isocodes_parse_json(big, len - 1, &list, &n, &e), ERR_OK);
	assert_int_equal(n, 4);
	isocodes_free(list, n);
	free(big);
}

static void test_translate_missing_dir(void **state)
{
	struct isocodes_country *list = NULL;
	struct err e = { 0 };
	size_t n = 0;

	(void)state;
	assert_int_equal(parse(small_json, &list, &n, &e), ERR_OK);
	/* twice: names set by the first call are replaced, not leaked */
	for (int round = 0; round < 2; round++) {
		assert_int_equal(isocodes_translate(list, n, "/nonexistent/locale", &e), ERR_OK);
		assert_int_equal(e.code, ERR_OK);
		for (size_t i = 0; i < n; i++)
			for (int l = 0; l < LANG_COUNT; l++)
				assert_string_equal(list[i].names[l], list[i].name);
	}
	isocodes_free(list, n);
}

/* A little-endian .mo image of n msgid/msgstr pairs, in the order given. */
static void write_mo(const char *path, const char *const *pairs, size_t n)
{
	size_t total = 28 + 16 * n, off;
	unsigned char *img;
	FILE *f;

	for (size_t i = 0; i < 2 * n; i++)
		total += strlen(pairs[i]) + 1;
	img = calloc(1, total);
	assert_non_null(img);
#define PUT32(p, v) do { uint32_t v_ = (uint32_t)(v); \
	for (int b_ = 0; b_ < 4; b_++) (p)[b_] = (unsigned char)(v_ >> (8 * b_)); } while (0)
	PUT32(img, 0x950412de);
	PUT32(img + 8, n);
	PUT32(img + 12, 28);
	PUT32(img + 16, 28 + 8 * n);
	off = 28 + 16 * n;
	for (size_t t = 0; t < 2; t++)
		for (size_t i = 0; i < n; i++) {
			const char *s = pairs[2 * i + t];

			PUT32(img + 28 + 8 * (t * n + i), strlen(s));
			PUT32(img + 28 + 8 * (t * n + i) + 4, off);
			memcpy(img + off, s, strlen(s) + 1);
			off += strlen(s) + 1;
		}
#undef PUT32
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(img, 1, total, f), total);
	fclose(f);
	free(img);
}

static void make_catalog(const char *root, const char *dir, const char *const *pairs, size_t n)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES", root, dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/iso_3166-1.mo", root, dir);
	write_mo(path, pairs, n);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void rm_tree(const char *root)
{
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void test_translate_catalogs(void **state)
{
	static const char *const fr[] = {
		"", "Content-Type: text/plain; charset=UTF-8\n",
		"Kenya", "Kenya (fr)",
		"Germany", "Allemagne",
		"Spain", "Espa\xffgne",		/* not UTF-8: English kept */
	};
	static const char *const zh[] = {
		"Germany", "\xe5\xbe\xb7\xe5\x9b\xbd",
		"Bolivia, Plurinational State of", "", /* untranslated */
	};
	static const char *const es_bad[] = { "Germany", "Alemania" };
	struct isocodes_country *list = NULL;
	struct err e = { 0 };
	char root[] = "/tmp/test_isocodes.XXXXXX", path[512];
	size_t n = 0;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(root));
	make_catalog(root, "fr", fr, 4);
	make_catalog(root, "zh_CN", zh, 2);
	make_catalog(root, "zh", es_bad, 1);	/* the wrong directory for Chinese */
	assert_int_equal(parse(small_json, &list, &n, &e), ERR_OK);
	assert_int_equal(isocodes_translate(list, n, root, &e), ERR_OK);
	assert_string_equal(find(list, n, "KE")->names[LANG_FR], "Kenya (fr)");
	assert_string_equal(find(list, n, "DE")->names[LANG_FR], "Allemagne");
	assert_string_equal(find(list, n, "ES")->names[LANG_FR], "Spain");
	assert_string_equal(find(list, n, "BO")->names[LANG_FR],
			    "Bolivia, Plurinational State of");
	assert_string_equal(find(list, n, "DE")->names[LANG_ZH], "\xe5\xbe\xb7\xe5\x9b\xbd");
	assert_string_equal(find(list, n, "KE")->names[LANG_ZH], "Kenya");
	assert_string_equal(find(list, n, "BO")->names[LANG_ZH],
			    "Bolivia, Plurinational State of");
	assert_string_equal(find(list, n, "DE")->names[LANG_AR], "Germany");
	assert_string_equal(find(list, n, "DE")->names[LANG_ES], "Germany");
	assert_string_equal(find(list, n, "DE")->names[LANG_RU], "Germany");
	assert_string_equal(find(list, n, "DE")->names[LANG_EN], "Germany");

	/* a corrupt catalog fails the call and leaves the names as they were */
	snprintf(path, sizeof(path), "%s/es", root);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/es/LC_MESSAGES", root);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/es/LC_MESSAGES/iso_3166-1.mo", root);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs("this is not a catalog, but it is long enough", f);
	fclose(f);
	assert_int_equal(isocodes_translate(list, n, root, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, path));
	assert_string_equal(find(list, n, "DE")->names[LANG_FR], "Allemagne");
	assert_string_equal(find(list, n, "DE")->names[LANG_ES], "Germany");
	isocodes_free(list, n);
	rm_tree(root);
}

static void test_load_files(void **state)
{
	struct isocodes_country *list = NULL;
	struct err e = { 0 };
	char root[] = "/tmp/test_isocodes.XXXXXX", path[512];
	size_t n = 0;
	FILE *f;

	(void)state;
	assert_int_equal(isocodes_load("/nonexistent", "/nonexistent", &list, &n, &e), ERR_IO);
	assert_non_null(strstr(e.msg, "/nonexistent/iso_3166-1.json"));
	assert_null(list);

	assert_non_null(mkdtemp(root));
	snprintf(path, sizeof(path), "%s/iso_3166-1.json", root);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(small_json, f);
	fclose(f);
	err_clear(&e);
	assert_int_equal(isocodes_load(root, root, &list, &n, &e), ERR_OK);
	assert_int_equal(n, 4);
	assert_string_equal(list[1].names[LANG_RU], "Germany");
	isocodes_free(list, n);
	list = NULL;

	/* an invalid file: the message names it and the entry */
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs("{\"3166-1\": [" ENTRY("KE", "KEN", "4O4", "Kenya") "]}", f);
	fclose(f);
	assert_int_equal(isocodes_load(root, root, &list, &n, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "3166-1[0].numeric"));
	assert_null(list);
	rm_tree(root);
}

static void test_real(void **state)
{
	static const struct {
		enum lang lang;
		const char *dir, *kenya;
	} want[] = {
		/* كينيا, 肯尼亚 */
		{ LANG_AR, "ar", "\xd9\x83\xd9\x8a\xd9\x86\xd9\x8a\xd8\xa7" },
		{ LANG_ZH, "zh_CN", "\xe8\x82\xaf\xe5\xb0\xbc\xe4\xba\x9a" },
		{ LANG_EN, NULL, "Kenya" },
		{ LANG_FR, "fr", "Kenya" },
		/* Кения */
		{ LANG_RU, "ru", "\xd0\x9a\xd0\xb5\xd0\xbd\xd0\xb8\xd1\x8f" },
		{ LANG_ES, "es", "Kenia" },
	};
	const char *json_dir = "/usr/share/iso-codes/json", *locale_dir = "/usr/share/locale";
	struct isocodes_country *list = NULL;
	const struct isocodes_country *ke, *de;
	struct err e = { 0 };
	char path[512];
	size_t n = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/iso_3166-1.json", json_dir);
	if (access(path, R_OK) != 0)
		skip();
	assert_int_equal(isocodes_load(json_dir, locale_dir, &list, &n, &e), ERR_OK);
	assert_true(n >= 249);
	ke = find(list, n, "KE");
	assert_non_null(ke);
	assert_string_equal(ke->alpha3, "KEN");
	assert_string_equal(ke->numeric, "404");
	assert_string_equal(ke->official_name, "Republic of Kenya");
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *expect = want[i].kenya;

		snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/iso_3166-1.mo", locale_dir,
			 want[i].dir ? want[i].dir : "");
		/* a language whose catalog is not installed stays English */
		if (want[i].dir && access(path, R_OK) != 0)
			expect = "Kenya";
		assert_string_equal(ke->names[want[i].lang], expect);
	}
	de = find(list, n, "DE");
	assert_non_null(de);
	snprintf(path, sizeof(path), "%s/fr/LC_MESSAGES/iso_3166-1.mo", locale_dir);
	if (access(path, R_OK) == 0)
		assert_string_equal(de->names[LANG_FR], "Allemagne");
	for (size_t i = 0; i < n; i++)
		for (int l = 0; l < LANG_COUNT; l++)
			assert_true(list[i].names[l] && *list[i].names[l]);
	isocodes_free(list, n);
}

static int quiet(void **state)
{
	(void)state;
	log_set_level(LOG_ERROR);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_small),
		cmocka_unit_test(test_parse_empty_list),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_name_length),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_translate_missing_dir),
		cmocka_unit_test(test_translate_catalogs),
		cmocka_unit_test(test_load_files),
		cmocka_unit_test(test_real),
	};

	return cmocka_run_group_tests(tests, quiet, NULL);
}
