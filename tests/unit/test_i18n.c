/* Tests of view/i18n: messages with values (i18n_msg) matched against the catalog's
 * patterns, values put back in the translation, field keys shown as their labels, and
 * every pattern of data/messages.tsv translated with the same values; every message of
 * the catalog translated into all five languages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/embed.h"
#include "core/pool.h"
#include "import/tsv.h"
#include "view/i18n.h"

static const struct i18n_name names[] = { { "court", "Court" }, { "topic", "Topic" } };

static void test_values(void **state)
{
	pool *p = pool_new();

	(void)state;
	/* English: the key shows as its label */
	assert_string_equal(i18n_msg(p, LANG_EN, "court is required", names, 2),
			    "Court is required");
	assert_string_equal(i18n_msg(p, LANG_EN, "court is required", NULL, 0),
			    "court is required");
	/* French: pattern, label translated, number kept */
	assert_string_equal(i18n_msg(p, LANG_FR, "court is required", names, 2),
			    "Juridiction est obligatoire");
	assert_string_equal(i18n_msg(p, LANG_FR, "topic is longer than 200 bytes", names, 2),
			    "Sujet dépasse 200 octets");
	assert_string_equal(i18n_msg(p, LANG_ES, "password: at least 12 characters", NULL, 0),
			    "contraseña: al menos 12 caracteres");
	/* a value that is a msgid is translated too, one that is not is kept */
	assert_string_equal(i18n_msg(p, LANG_FR, "Title is required", NULL, 0),
			    "Titre est obligatoire");
	assert_string_equal(i18n_msg(p, LANG_RU, "country ZZ does not exist", NULL, 0),
			    "Страны ZZ не существует");
	/* a number conversion takes digits only: no match, the message as it is */
	assert_string_equal(i18n_msg(p, LANG_FR, "password: at least many characters", NULL, 0),
			    "password: at least many characters");
	/* a message without values, as i18n() */
	assert_string_equal(i18n_msg(p, LANG_FR, "Topic", NULL, 0), "Sujet");
	assert_string_equal(i18n_msg(p, LANG_AR, "nothing like this", NULL, 0),
			    "nothing like this");
	assert_null(i18n_msg(p, LANG_FR, NULL, NULL, 0));
	pool_free(p);
}

static void test_pattern_ok(void **state)
{
	(void)state;
	assert_true(i18n_pattern_ok("%s is longer than %zu bytes", "%s dépasse %zu octets"));
	assert_true(i18n_pattern_ok("%s is longer than %zu bytes", "%2$s: %1$s"));
	assert_false(i18n_pattern_ok("%s is longer than %zu bytes", "%s dépasse"));
	assert_false(i18n_pattern_ok("%s is longer than %zu bytes", "%3$s"));
	assert_false(i18n_pattern_ok("%1$s", "%s"));
	assert_true(i18n_pattern_ok("100%% sure", "sûr à 100%%"));
	assert_true(i18n_pattern_ok("no provision %.100s", "aucune disposition %s"));
}

static int row(void *ud, int lineno, char **f, int nf, struct err *e)
{
	int *bad = ud;

	(void)e;
	if (!strchr(f[0], '%'))
		return ERR_OK;
	for (int i = 1; i < nf; i++)
		if (*f[i] && !i18n_pattern_ok(f[0], f[i])) {
			print_error("data/messages.tsv:%d: column %d of '%s' has other values: "
				    "'%s'\n", lineno, i + 1, f[0], f[i]);
			(*bad)++;
		}
	return ERR_OK;
}

/* Every pattern's translations carry the same values. */
static void test_catalog_patterns(void **state)
{
	size_t len;
	const char *d = (const char *)embed_find("data/messages.tsv", &len);
	struct err e = { 0 };
	int bad = 0;

	(void)state;
	assert_non_null(d);
	assert_int_equal(tsv_parse(d, len, 6, "data/messages.tsv", row, &bad, &e), ERR_OK);
	assert_int_equal(bad, 0);
}

static int complete_row(void *ud, int lineno, char **f, int nf, struct err *e)
{
	static const char *const langs[] = { "msgid", "ar", "zh", "fr", "ru", "es" };
	int *bad = ud;

	(void)e;
	for (int i = 1; i < nf; i++)
		if (!*f[i]) {
			print_error("data/messages.tsv:%d: '%s' has no %s translation\n", lineno,
				    f[0], i < 6 ? langs[i] : "?");
			(*bad)++;
		}
	return ERR_OK;
}

/* Every message of the catalog is translated into all five languages. */
static void test_catalog_complete(void **state)
{
	size_t len;
	const char *d = (const char *)embed_find("data/messages.tsv", &len);
	struct err e = { 0 };
	int bad = 0;

	(void)state;
	assert_non_null(d);
	assert_int_equal(tsv_parse(d, len, 6, "data/messages.tsv", complete_row, &bad, &e),
			 ERR_OK);
	assert_int_equal(bad, 0);
	/* and i18n() finds them: as many messages in each language as in English */
	for (int l = 0; l < LANG_COUNT; l++)
		assert_int_equal(i18n_count((enum lang)l), i18n_count(LANG_EN));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_pattern_ok),
		cmocka_unit_test(test_catalog_patterns),
		cmocka_unit_test(test_catalog_complete),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
