/* Sorting of names (core/utf8 utf8_collate) and the message catalog (view/i18n). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/utf8.h"
#include "domain/country.h"
#include "view/i18n.h"

static void test_collate_latin(void **state)
{
	(void)state;
	assert_true(utf8_collate("Qatar", "Réunion") < 0);
	assert_true(utf8_collate("Réunion", "Romania") < 0);
	assert_true(utf8_collate("Romania", "Rwanda") < 0);
	assert_true(utf8_collate("Åland Islands", "Albania") < 0);	/* å sorts as a */
	assert_true(utf8_collate("Côte d'Ivoire", "Croatia") < 0);
	assert_true(utf8_collate("curaçao", "Curaçao") > 0);		/* ties: bytes */
	assert_int_equal(utf8_collate("Kenya", "Kenya"), 0);
	assert_true(utf8_collate("Ke", "Kenya") < 0);
	assert_true(utf8_collate("", "a") < 0);
	assert_true(utf8_collate("Ÿ", "Z") < 0);			/* U+0178 sorts as y */
	assert_true(utf8_collate("Žilina", "Zz") < 0);
}

static void test_collate_other_scripts(void **state)
{
	(void)state;
	assert_true(utf8_collate("Ёлка", "Жук") < 0);	/* Ё sorts with Е, before Ж */
	assert_true(utf8_collate("Кения", "кения") != 0);
	assert_true(utf8_collate("алжир", "Бразилия") < 0);	/* case folded */
	/* broken UTF-8 does not crash and is ordered somehow, consistently */
	assert_true(utf8_collate("\xc3", "\xc3\xa9") != 0);
	assert_true(utf8_collate("\xff\xfe", "a") > 0);
}

/* utf8_collate_key orders as utf8_collate: every pair of these, both ways. */
static void test_collate_key(void **state)
{
	static const char *const w[] = { "Qatar", "Réunion", "Romania", "Åland Islands",
		"Albania", "Côte d'Ivoire", "curaçao", "Curaçao", "Kenya", "Ke", "", "Ÿ", "Z",
		"Ёлка", "Жук", "Кения", "кения", "\xc3", "\xc3\xa9", "\xff\xfe", "a",
		"الجزائر", "中国", "Zz" };
	size_t n = sizeof(w) / sizeof(*w);

	(void)state;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			uint32_t a[64], b[64];
			size_t k = 0;
			int by_key, c = utf8_collate(w[i], w[j]);

			utf8_collate_key(w[i], a);
			utf8_collate_key(w[j], b);
			while (a[k] == b[k] && a[k])
				k++;
			by_key = a[k] != b[k] ? (a[k] < b[k] ? -1 : 1) : strcmp(w[i], w[j]);
			assert_int_equal(by_key < 0 ? -1 : by_key > 0, c < 0 ? -1 : c > 0);
		}
}

static void test_country_sort(void **state)
{
	struct country cs[4];
	const char *names[] = { "Rwanda", "Réunion", "Qatar", "Romania" };

	(void)state;
	memset(cs, 0, sizeof(cs));
	for (int i = 0; i < 4; i++)
		for (int l = 0; l < LANG_COUNT; l++)
			cs[i].names[l] = names[i];
	cs[0].names[LANG_FR] = "Rwanda";
	cs[1].names[LANG_FR] = "La Réunion";
	country_sort(cs, 4, LANG_EN);
	assert_string_equal(cs[0].names[LANG_EN], "Qatar");
	assert_string_equal(cs[1].names[LANG_EN], "Réunion");
	assert_string_equal(cs[2].names[LANG_EN], "Romania");
	assert_string_equal(cs[3].names[LANG_EN], "Rwanda");
	country_sort(cs, 4, LANG_FR);
	assert_string_equal(cs[0].names[LANG_FR], "La Réunion");
}

static void test_i18n(void **state)
{
	(void)state;
	assert_string_equal(i18n(LANG_FR, "Countries"), "Pays");
	assert_string_equal(i18n(LANG_ES, "Countries"), "Países");
	assert_string_equal(i18n(LANG_RU, "Regions"), "Регионы");
	assert_string_equal(i18n(LANG_EN, "Countries"), "Countries");
	/* no translation: the English message itself */
	assert_string_equal(i18n(LANG_FR, "no such message in the catalog"),
			    "no such message in the catalog");
	assert_true(i18n_count(LANG_FR) >= 60);
	assert_true(i18n_count(LANG_AR) >= 60);
	assert_int_equal(i18n_count(LANG_EN), i18n_count(LANG_EN));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collate_latin),
		cmocka_unit_test(test_collate_other_scripts),
		cmocka_unit_test(test_collate_key),
		cmocka_unit_test(test_country_sort),
		cmocka_unit_test(test_i18n),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
