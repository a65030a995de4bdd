/* Tests of domain/refdata with the real iso-codes (skipped when they are not
 * installed) on a temporary database, then of the domain API over what it loaded
 * (domain/country, domain/instrument), and of data/articles.tsv against the text of
 * the Budapest Convention in the shared corpus ($CCREPO_SHARED, default ../shared). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"

#include "core/log.h"
#include "domain/country.h"
#include "domain/instrument.h"
#include "domain/refdata.h"
#include "store/store.h"

#define ISO_DIR FIXTURE_ISO_DIR
#define LOCALE_DIR FIXTURE_LOCALE_DIR

static struct store *loaded;	/* one database loaded once for the API tests */

static int group_teardown(void **state)
{
	store_close(loaded);
	loaded = NULL;
	return fixture_group_teardown(state);
}

static int have_catalog(const char *ll)
{
	char path[256];

	snprintf(path, sizeof(path), LOCALE_DIR "/%s/LC_MESSAGES/iso_3166-1.mo", ll);
	return access(path, R_OK) == 0;
}

/* A new migrated database without reference data, read as the public. */
static struct store *fresh(const char *name)
{
	return fixture_db(name, FIX_PUBLIC);
}

/* The shared loaded database; skips the test when iso-codes is absent. */
static struct store *db(void)
{
	struct err e;
	int did = 0;

	if (!fixture_have_isocodes())
		skip();
	if (!loaded) {
		loaded = fresh("shared.db");
		err_clear(&e);
		if (refdata_ensure(loaded, ISO_DIR, LOCALE_DIR, 0, &did, NULL, &e))
			print_error("refdata_ensure: %s\n", e.msg);
		assert_int_equal(e.code, ERR_OK);
		assert_int_equal(did, 1);
	}
	return loaded;
}

static void test_load(void **state)
{
	struct refdata_counts c;
	struct store *s;
	struct err e;
	int did = -1;

	(void)state;
	if (!fixture_have_isocodes())
		skip();
	s = fresh("load.db");
	err_clear(&e);
	memset(&c, 0xff, sizeof(c));
	assert_int_equal(refdata_ensure(s, ISO_DIR, LOCALE_DIR, 0, &did, &c, &e), ERR_OK);
	assert_int_equal(did, 1);
	assert_true(c.countries >= 249);
	assert_int_equal(c.regions, 31);
	assert_int_equal(c.instruments, 2);
	assert_int_equal(c.chapters, 35);
	assert_int_equal(c.articles, 116);
	assert_int_equal(c.crosswalk, 43);
	/* iso-codes has a few areas M49 lacks (Taiwan, Kosovo-like cases), not many */
	assert_true(c.without_region < 10);

	/* current: nothing to do */
	did = -1;
	assert_int_equal(refdata_ensure(s, ISO_DIR, LOCALE_DIR, 0, &did, &c, &e), ERR_OK);
	assert_int_equal(did, 0);
	assert_int_equal(c.countries, 0);
	did = -1;
	assert_int_equal(refdata_ensure(s, ISO_DIR, LOCALE_DIR, 0, &did, NULL, &e), ERR_OK);
	assert_int_equal(did, 0);

	/* forced: everything again, same counts, no duplicates */
	assert_int_equal(refdata_ensure(s, ISO_DIR, LOCALE_DIR, 1, &did, &c, &e), ERR_OK);
	assert_int_equal(did, 1);
	assert_int_equal(c.articles, 116);
	assert_int_equal(c.crosswalk, 43);
	{
		pool *p = pool_new();
		struct country *list;
		struct xwalk_row *rows;
		size_t n, nc = c.countries;

		assert_int_equal(country_list(s, p, &list, &n, &e), ERR_OK);
		assert_int_equal(n, nc);
		assert_int_equal(instrument_crosswalk(s, p, &rows, &n, &e), ERR_OK);
		assert_int_equal(n, 43);
		pool_free(p);
	}
	/* the check is clean now */
	{
		struct sbuf report = SBUF_INIT;
		int problems = -1;

		assert_int_equal(store_check(s, &report, &problems, &e), ERR_OK);
		if (problems)
			print_error("%s", sbuf_str(&report));
		assert_int_equal(problems, 0);
		sbuf_release(&report);
	}
	store_close(s);
}

/* A locale directory that does not exist still loads, with English names; and the
 * change of sources makes the next ensure reload. */
static void test_no_locale(void **state)
{
	struct refdata_counts c;
	struct country *ke;
	struct store *s;
	struct err e;
	pool *p;
	int did = -1;

	(void)state;
	if (!fixture_have_isocodes())
		skip();
	s = fresh("nolocale.db");
	p = pool_new();
	err_clear(&e);
	assert_int_equal(refdata_ensure(s, ISO_DIR, "/nonexistent/locale", 0, &did, &c, &e),
			 ERR_OK);
	assert_int_equal(did, 1);
	assert_true(c.countries >= 249);
	assert_int_equal(country_get(s, p, "KE", &ke, &e), ERR_OK);
	for (int l = 0; l < LANG_COUNT; l++)
		assert_string_equal(ke->names[l], "Kenya");
	if (have_catalog("fr")) {
		assert_int_equal(refdata_ensure(s, ISO_DIR, LOCALE_DIR, 0, &did, &c, &e),
				 ERR_OK);
		assert_int_equal(did, 1);
		assert_int_equal(country_get(s, p, "DE", &ke, &e), ERR_OK);
		assert_string_equal(ke->names[LANG_FR], "Allemagne");
	}
	pool_free(p);
	store_close(s);
}

static void test_kenya(void **state)
{
	struct store *s = db();
	pool *p = pool_new();
	struct country *c, *c2;
	struct region *r;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(country_get(s, p, "KE", &c, &e), ERR_OK);
	assert_string_equal(c->alpha2, "KE");
	assert_string_equal(c->alpha3, "KEN");
	assert_string_equal(c->numeric, "404");
	assert_string_equal(c->names[LANG_EN], "Kenya");
	assert_string_equal(c->official_name, "Republic of Kenya");
	assert_string_equal(c->region, "002");
	assert_string_equal(c->subregion, "202");
	assert_string_equal(c->intermediate, "014");
	/* every code form, any case */
	static const char *const forms[] = { "ke", "KEN", "ken", "Ken", "404" };
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		assert_int_equal(country_get(s, p, forms[i], &c2, &e), ERR_OK);
		assert_string_equal(c2->alpha2, "KE");
	}
	/* short numeric codes are padded: 4 is Afghanistan (004) */
	assert_int_equal(country_get(s, p, "4", &c2, &e), ERR_OK);
	assert_string_equal(c2->alpha3, "AFG");

	assert_int_equal(region_get(s, p, "14", &r, &e), ERR_OK);
	assert_string_equal(r->code, "014");
	assert_int_equal(r->level, REGION_INTERMEDIATE);
	assert_string_equal(r->parent, "202");
	assert_string_equal(r->names[LANG_EN], "Eastern Africa");
	assert_string_equal(region_name(r, LANG_FR), "Afrique orientale");
	assert_true(r->country_count >= 15);
	assert_int_equal(region_get(s, p, "002", &r, &e), ERR_OK);
	assert_string_equal(r->names[LANG_EN], "Africa");
	assert_int_equal(r->level, REGION_REGION);
	assert_string_equal(r->parent, "001");
	assert_int_equal(region_get(s, p, "1", &r, &e), ERR_OK);
	assert_int_equal(r->level, REGION_WORLD);
	assert_string_equal(r->parent, "");
	{
		struct region *all;
		size_t n;

		assert_int_equal(region_list(s, p, &all, &n, &e), ERR_OK);
		assert_int_equal(n, 31);
		assert_non_null(region_find(all, n, "202"));
		assert_null(region_find(all, n, "999"));
		assert_null(region_find(all, n, ""));
	}
	pool_free(p);
}

static void test_resolve(void **state)
{
	struct store *s = db();
	pool *p = pool_new();
	struct country *c;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(country_resolve(s, p, "Kenya", &c, &e), ERR_OK);
	assert_string_equal(c->alpha2, "KE");
	assert_int_equal(country_resolve(s, p, "kENYA", &c, &e), ERR_OK);
	assert_string_equal(c->alpha2, "KE");
	assert_int_equal(country_resolve(s, p, "ken", &c, &e), ERR_OK);
	assert_string_equal(c->alpha2, "KE");
	if (have_catalog("es")) {
		assert_int_equal(country_resolve(s, p, "Kenia", &c, &e), ERR_OK);
		assert_string_equal(c->alpha2, "KE");
		assert_string_equal(country_name(c, LANG_ES), "Kenia");
	}
	if (have_catalog("ar")) {
		/* كينيا */
		assert_int_equal(country_resolve(s, p, "\xd9\x83\xd9\x8a\xd9\x86\xd9\x8a\xd8\xa7",
						 &c, &e), ERR_OK);
		assert_string_equal(c->alpha2, "KE");
	}
	if (have_catalog("fr")) {
		assert_int_equal(country_resolve(s, p, "Allemagne", &c, &e), ERR_OK);
		assert_string_equal(c->alpha2, "DE");
	}
	assert_int_equal(country_resolve(s, p, "Narnia", &c, &e), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "Narnia"));
	err_clear(&e);
	assert_int_equal(country_resolve(s, p, "ZZ", &c, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(country_resolve(s, p, "", &c, &e), ERR_NOTFOUND);
	pool_free(p);
}

static void test_bad_and_unknown(void **state)
{
	struct store *s = db();
	pool *p = pool_new();
	struct country *c;
	struct region *r;
	struct instrument *in;
	struct article *a;
	struct err e;
	int n;

	(void)state;
	static const char *const bad_country[] = { "", "K", "K1", "KENY", "4044", "4a",
						   "K E", "\xc3\xa9\xc3\xa9" };
	for (size_t i = 0; i < sizeof(bad_country) / sizeof(bad_country[0]); i++) {
		err_clear(&e);
		assert_int_equal(country_get(s, p, bad_country[i], &c, &e), ERR_INVALID);
	}
	err_clear(&e);
	assert_int_equal(country_get(s, p, "ZZ", &c, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(country_get(s, p, "ZZZ", &c, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(country_get(s, p, "999", &c, &e), ERR_NOTFOUND);

	static const char *const bad_region[] = { "", "abc", "0140", "1a", "-14", " 14" };
	for (size_t i = 0; i < sizeof(bad_region) / sizeof(bad_region[0]); i++) {
		err_clear(&e);
		assert_int_equal(region_get(s, p, bad_region[i], &r, &e), ERR_INVALID);
	}
	err_clear(&e);
	assert_int_equal(region_get(s, p, "999", &r, &e), ERR_NOTFOUND);

	static const char *const bad_instrument[] = { "", "COE-185", "coe 185", "coe/185",
						      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
	for (size_t i = 0; i < sizeof(bad_instrument) / sizeof(bad_instrument[0]); i++) {
		err_clear(&e);
		assert_int_equal(instrument_get(s, p, bad_instrument[i], &in, &e), ERR_INVALID);
	}
	err_clear(&e);
	assert_int_equal(instrument_get(s, p, "coe-999", &in, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(instrument_get(s, p, "coe-185", &in, &e), ERR_OK);
	assert_string_equal(in->short_name, "Budapest Convention");
	assert_int_equal(in->article_count, 48);

	static const char *const bad_number[] = { "", "0", "10000", "-1", "1a", "01x", " 7" };
	for (size_t i = 0; i < sizeof(bad_number) / sizeof(bad_number[0]); i++) {
		err_clear(&e);
		assert_int_equal(instrument_article_number(bad_number[i], &n, &e), ERR_INVALID);
	}
	err_clear(&e);
	assert_int_equal(instrument_article_number("48", &n, &e), ERR_OK);
	assert_int_equal(n, 48);
	assert_int_equal(instrument_article_number("9999", &n, &e), ERR_OK);
	assert_int_equal(n, 9999);
	assert_int_equal(instrument_article(s, p, "coe-185", 49, &a, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(instrument_article(s, p, "coe-185", 2, &a, &e), ERR_OK);
	assert_string_equal(a->title, "Illegal access");
	assert_string_equal(a->category, "criminalization");
	assert_string_equal(a->chapter, "II.1.T1");
	pool_free(p);
}

static void test_instruments(void **state)
{
	struct store *s = db();
	pool *p = pool_new();
	struct xwalk_link *links;
	struct chapter *ch;
	struct article *arts;
	struct instrument *ins;
	struct err e;
	size_t n;
	int found = 0;

	(void)state;
	err_clear(&e);
	assert_int_equal(instrument_list(s, p, &ins, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(ins[0].id, "coe-185");	/* by adoption date */
	assert_string_equal(ins[1].id, "un-cc");
	assert_int_equal(ins[1].article_count, 68);

	assert_int_equal(instrument_counterparts(s, p, "un-cc", 7, &links, &n, &e), ERR_OK);
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(links[i].instrument, "coe-185") && links[i].number == 2) {
			found = 1;
			assert_string_equal(links[i].relation, "equivalent");
			assert_string_equal(links[i].title, "Illegal access");
			assert_string_equal(links[i].topic, "illegal access");
		}
	}
	assert_true(found);

	/* copyright infringement has no UN counterpart */
	assert_int_equal(instrument_counterparts(s, p, "coe-185", 10, &links, &n, &e), ERR_OK);
	assert_true(n >= 1);
	assert_string_equal(links[0].instrument, "un-cc");
	assert_int_equal(links[0].number, 0);
	assert_null(links[0].title);

	assert_int_equal(instrument_counterparts(s, p, "coe-185", 9999, &links, &n, &e),
			 ERR_OK);
	assert_int_equal(n, 0);

	assert_int_equal(instrument_chapters(s, p, "coe-185", &ch, &n, &e), ERR_OK);
	assert_true(n > 5);
	found = 0;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(ch[i].code, "II.1.T1")) {
			found = 1;
			assert_int_equal(ch[i].depth, 2);
			assert_string_equal(ch[i].parent, "II.1");
		}
		if (!strcmp(ch[i].code, "I")) {
			assert_int_equal(ch[i].depth, 0);
			assert_string_equal(ch[i].parent, "");
		}
		if (!strcmp(ch[i].code, "II.1"))
			assert_int_equal(ch[i].depth, 1);
	}
	assert_true(found);

	assert_int_equal(instrument_articles(s, p, "coe-185", &arts, &n, &e), ERR_OK);
	assert_int_equal(n, 48);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(arts[i].number, (int)i + 1);	/* by number, none missing */
		assert_true(instrument_category_valid(arts[i].category));
	}
	assert_int_equal(instrument_articles(s, p, "un-cc", &arts, &n, &e), ERR_OK);
	assert_int_equal(n, 68);
	pool_free(p);
}

/* ---- data/articles.tsv against the corpus ---- */

static void trim_right(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

static void test_articles_match_corpus(void **state)
{
	const char *shared = getenv("CCREPO_SHARED");
	char path[1024], line[4096];
	struct store *s;
	pool *p;
	FILE *f;
	int number = 0, headings = 0;
	struct err e;

	(void)state;
	if (!shared || !*shared)
		shared = "../shared";
	snprintf(path, sizeof(path), "%s/corpus/treaties/coe-ets185-budapest-convention.md",
		 shared);
	if (!(f = fopen(path, "r"))) {
		printf("test_refdata: skipped: %s is absent (no ../shared or $CCREPO_SHARED)\n",
		       path);
		skip();
	}
	s = db();
	p = pool_new();
	err_clear(&e);
	/* "### Article  7  ", a blank line, then "####Title" */
	while (fgets(line, sizeof(line), f)) {
		struct article *a;

		if (!strncmp(line, "### Article", 11)) {
			number = atoi(line + 11);
			assert_true(number >= 1);
			continue;
		}
		if (!number || strncmp(line, "####", 4))
			continue;
		trim_right(line);
		assert_int_equal(instrument_article(s, p, "coe-185", number, &a, &e), ERR_OK);
		if (strcasecmp(a->title, line + 4))
			print_error("article %d: data has '%s', the corpus '%s'\n", number,
				    a->title, line + 4);
		assert_true(strcasecmp(a->title, line + 4) == 0);
		headings++;
		number = 0;
	}
	fclose(f);
	assert_int_equal(headings, 48);
	pool_free(p);
}

/* The region and country lists a connection keeps follow every change: its own,
 * another connection's, and inside a transaction what it changed (and no more after a
 * rollback). */
static void test_lists_follow_changes(void **state)
{
	struct store *s = fresh("follow.db"), *other;
	pool *p = pool_new();
	struct region w = { "001", REGION_WORLD, "", { 0 }, 0 };
	struct country k = { "KE", "KEN", "404", "Republic of Kenya", { 0 }, "", "", "" };
	struct country *c;
	struct region *r;
	size_t n;
	struct err e;

	(void)state;
	err_clear(&e);
	for (int l = 0; l < LANG_COUNT; l++) {
		w.names[l] = "World";
		k.names[l] = "Kenya";
	}
	assert_int_equal(store_region_put(s, &w, &e), ERR_OK);
	assert_int_equal(store_country_put(s, &k, &e), ERR_OK);
	assert_int_equal(country_list(s, p, &c, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].names[LANG_EN], "Kenya");
	assert_int_equal(region_list(s, p, &r, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].country_count, 1);
	/* a change through this connection */
	k.names[LANG_EN] = "Kenya (changed)";
	assert_int_equal(store_country_put(s, &k, &e), ERR_OK);
	assert_int_equal(country_get(s, p, "KEN", &c, &e), ERR_OK);
	assert_string_equal(c->names[LANG_EN], "Kenya (changed)");
	/* another connection's */
	assert_int_equal(fixture_db_open("follow.db", 0, &other, &e), ERR_OK);
	k.names[LANG_EN] = "Kenya (by another)";
	assert_int_equal(store_country_put(other, &k, &e), ERR_OK);
	assert_int_equal(country_list(s, p, &c, &n, &e), ERR_OK);
	assert_string_equal(c[0].names[LANG_EN], "Kenya (by another)");
	/* inside a transaction, then rolled back */
	assert_int_equal(store_begin(s, &e), ERR_OK);
	k.names[LANG_EN] = "Kenya (rolled back)";
	assert_int_equal(store_country_put(s, &k, &e), ERR_OK);
	assert_int_equal(country_get(s, p, "KE", &c, &e), ERR_OK);
	assert_string_equal(c->names[LANG_EN], "Kenya (rolled back)");
	store_rollback(s);
	assert_int_equal(country_get(s, p, "KE", &c, &e), ERR_OK);
	assert_string_equal(c->names[LANG_EN], "Kenya (by another)");
	/* rolled back, then as many changes by another: not the rolled back lists */
	assert_int_equal(store_begin(s, &e), ERR_OK);
	k.names[LANG_EN] = "Kenya (rolled back again)";
	assert_int_equal(store_country_put(s, &k, &e), ERR_OK);
	assert_int_equal(country_list(s, p, &c, &n, &e), ERR_OK);
	store_rollback(s);
	k.names[LANG_EN] = "Kenya (after)";
	assert_int_equal(store_country_put(other, &k, &e), ERR_OK);
	assert_int_equal(country_list(s, p, &c, &n, &e), ERR_OK);
	assert_string_equal(c[0].names[LANG_EN], "Kenya (after)");
	assert_int_equal(country_get(s, p, "UG", &c, &e), ERR_NOTFOUND);
	store_close(other);
	store_close(s);
	pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_no_locale),
		cmocka_unit_test(test_kenya),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_bad_and_unknown),
		cmocka_unit_test(test_instruments),
		cmocka_unit_test(test_articles_match_corpus),
		cmocka_unit_test(test_lists_follow_changes),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, group_teardown);
}
