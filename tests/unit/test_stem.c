/* Tests of core/stem (Snowball stems per language, the query language guess),
 * utf8_fold, and the search tokenizer of the SQLite backend (store/sqlite/fts.c) on
 * an in-memory FTS5 table: stems by the row's language, accents and case folded,
 * Arabic normalised, Chinese by character pairs, filter tags, and the ranking
 * function's phrase-closeness boost. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/stem.h"
#include "core/utf8.h"
#include "store/sqlite/internal.h"

static const char *stem(struct stemmer *st, enum lang l, const char *w)
{
	static char buf[STEM_WORD_MAX + 1];
	const char *s;
	size_t n;

	if (!stem_word(st, l, w, strlen(w), &s, &n))
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static void test_stems(void **state)
{
	struct stemmer *st = stem_new();

	(void)state;
	assert_string_equal(stem(st, LANG_EN, "offences"), "offenc");
	assert_string_equal(stem(st, LANG_EN, "offence"), "offenc");
	assert_string_equal(stem(st, LANG_EN, "computers"), "comput");
	assert_string_equal(stem(st, LANG_FR, "systèmes"), "system");
	assert_string_equal(stem(st, LANG_ES, "datos"), "dat");
	assert_string_equal(stem(st, LANG_RU, "компьютерной"), "компьютерн");
	assert_string_equal(stem(st, LANG_AR, "المشروع"), "مشروع");
	/* Chinese has no stemmer; nor has a word over the limit */
	assert_null(stem(st, LANG_ZH, "网络"));
	{
		char longw[STEM_WORD_MAX + 2];

		memset(longw, 'a', sizeof(longw) - 1);
		longw[sizeof(longw) - 1] = '\0';
		assert_null(stem(st, LANG_EN, longw));
	}
	assert_null(stem(st, (enum lang)99, "x"));
	stem_free(st);
	stem_free(NULL);
}

/* Spellings and word families (core/stem.c's tables): both forms one stem. */
static void test_variants(void **state)
{
	static const char *const same[][3] = {
		{ "en", "offence", "offense" }, { "en", "offences", "offenses" },
		{ "en", "authorised", "authorized" }, { "en", "unauthorised", "unauthorized" },
		{ "en", "authorisation", "authorization" }, { "en", "organisation", "organization" },
		{ "en", "licence", "license" }, { "en", "programme", "program" },
		{ "en", "defence", "defense" }, { "en", "behaviour", "behavior" },
		{ "en", "analyse", "analyze" }, { "en", "judgement", "judgment" },
		{ "en", "recognised", "recognizes" },
		{ "en", "seize", "seizure" }, { "en", "seized", "seizure" },
		{ "en", "intercept", "interception" }, { "en", "access", "accessing" },
		{ "en", "disclose", "disclosure" }, { "en", "retain", "retention" },
		{ "en", "store", "storage" }, { "en", "child", "children" },
		{ "en", "transmit", "transmission" }, { "en", "destroy", "destruction" },
		{ "fr", "accéder", "accès" }, { "fr", "saisir", "saisie" },
	};
	struct stemmer *st = stem_new();

	(void)state;
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		enum lang l = lang_parse(same[i][0], -1);
		char a[STEM_WORD_MAX + 1];

		snprintf(a, sizeof(a), "%s", stem(st, l, same[i][1]));
		if (strcmp(a, stem(st, l, same[i][2])))
			fail_msg("%s: %s (%s) and %s (%s)", same[i][0], same[i][1], a, same[i][2],
				 stem(st, l, same[i][2]));
	}
	/* what only looks like a variant stays apart */
	assert_string_equal(stem(st, LANG_EN, "seize"), "seiz");
	assert_string_equal(stem(st, LANG_EN, "size"), "size");
	assert_string_equal(stem(st, LANG_EN, "prize"), "prize");
	assert_string_equal(stem(st, LANG_EN, "organ"), "organ");
	assert_string_equal(stem(st, LANG_EN, "organization"), "organis");
	stem_free(st);
}

static const char *fold(const char *s)
{
	static char out[256];
	size_t n = utf8_fold(s, strlen(s), out);

	out[n] = '\0';
	return out;
}

static void test_fold(void **state)
{
	(void)state;
	assert_string_equal(fold("Système"), "systeme");
	assert_string_equal(fold("ACCÈS"), "acces");	/* ASCII upper, È folded */
	assert_string_equal(fold("ĂșțŁ"), "astl");
	assert_string_equal(fold("Ёлка"), "елка");
	assert_string_equal(fold("ИНФОРМАЦИЯ"), "информация");
	/* Arabic: vowel marks and tatweel dropped, alef forms, teh marbuta */
	assert_string_equal(fold("أَمـن"), "امن");
	assert_string_equal(fold("إدارة"), "اداره");
	assert_string_equal(fold("e\xcc\x81t\xc3\xa9"), "ete");	/* combining acute */
	assert_string_equal(fold("网络"), "网络");
	assert_string_equal(fold("a\xff" "b"), "a\xff" "b");	/* invalid bytes kept */
	assert_string_equal(fold(""), "");
}

static void guess(const char *text, enum lang want, int want_sure)
{
	int sure = -1;
	enum lang l = stem_guess_lang(text, &sure);

	if (l != want || sure != want_sure)
		fail_msg("\"%s\": %s (sure %d), expected %s (sure %d)", text, lang_code(l), sure,
			 lang_code(want), want_sure);
}

static void test_guess(void **state)
{
	(void)state;
	guess("illegal access", LANG_EN, 1);
	guess("offences", LANG_EN, 0);		/* nothing to go on: English */
	guess("", LANG_EN, 0);
	guess("accès illégal", LANG_FR, 1);
	guess("conservation rapide des données", LANG_FR, 1);
	guess("acceso ilícito", LANG_ES, 1);
	guess("datos informáticos", LANG_ES, 1);
	guess("неправомерный доступ", LANG_RU, 1);
	guess("الوصول غير المشروع", LANG_AR, 1);
	guess("非法访问", LANG_ZH, 1);
	guess("网络 crime", LANG_ZH, 1);	/* a script outweighs Latin words */
}

/* ---- the tokenizer and ccrank() through FTS5 ---- */

static sqlite3 *db;
static struct sq_rank_io io;

static int fts_setup(void **state)
{
	(void)state;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || sq_fts_register(db, &io) != SQLITE_OK)
		return -1;
	return sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(lang, title, heading, body, "
			    "tags, tokenize = 'ccrepo')", NULL, NULL, NULL);
}

static int fts_teardown(void **state)
{
	(void)state;
	sqlite3_close(db);
	db = NULL;
	return 0;
}

static void add(int id, const char *lang, const char *heading, const char *body,
		const char *tags)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, lang, title, heading, body, "
					    "tags) VALUES (?1, char(31) || 'L' || ?2, 'Law', ?3, "
					    "?4, char(31) || '# ' || ?5)", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_int(st, 1, id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, heading, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, tags, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

/* The row ids matching expr, best first ("1 3"), or "" */
static const char *ids(const char *expr)
{
	static char out[256];
	sqlite3_stmt *st;
	size_t n = 0;

	memset(&io, 0, sizeof(io));
	out[0] = '\0';
	if (sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 AND rank MATCH "
			       "'ccrank(4)' ORDER BY rank, rowid", -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%lld", n ? " " : "",
				      sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return out;
}

#define EN(w) "\"\x1fSen\x1f" w "\""
#define FR(w) "\"\x1fSfr\x1f" w "\""

static void test_tokenizer(void **state)
{
	(void)state;
	add(1, "eng", "Offences", "A person who accesses a computer system commits an offence.",
	    "cke klegislation spublished tclear");
	add(2, "fr", "Infractions", "L'accès frauduleux aux systèmes informatiques est puni.",
	    "ccm klegislation sdraft tclear");
	add(3, "ru", "Доступ", "Неправомерный доступ к компьютерной информации.",
	    "cru klegislation spublished tclear");
	add(4, "ar", "الجرائم", "الوصول غير المشروع إلى نظام معلوماتي.",
	    "ceg klegislation spublished tclear");
	add(5, "zh", "网络犯罪", "非法访问计算机信息系统的，处三年以下有期徒刑。",
	    "ccn klegislation spublished tclear");
	add(6, "en", "Interpretation", "computer system means any device; an offence under "
	    "this Act is a computer offence", "cke klegislation spublished tclear");

	/* stems: the row's language; words typed match their other forms */
	assert_string_equal(ids(EN("offences")), "1 6");
	assert_string_equal(ids("\"offences\""), "1");	/* as typed: only 1 has the plural */
	assert_string_equal(ids(EN("computers")), "6 1");	/* two in 6 */
	/* the French stem of "système" is English "system": both languages match */
	assert_string_equal(ids(FR("système")), "2 1 6");
	assert_string_equal(ids("\"système\""), "");	/* as typed: none has the singular */
	assert_string_equal(ids("\"\x1fSru\x1fкомпьютерная\""), "3");
	assert_string_equal(ids("\"\x1fSar\x1fمشروع\""), "4");
	/* accents and case folded, Arabic normalised both ways */
	assert_string_equal(ids("\"ACCÈS\""), "2");
	assert_string_equal(ids("\"acces\""), "2");
	assert_string_equal(ids("\"المشروع\""), "4");
	assert_string_equal(ids("\"المشرُوع\""), "4");	/* a vowel mark typed */
	/* Chinese: pairs in a row, a single character, no false pair */
	assert_string_equal(ids("\"非法访问\""), "5");
	assert_string_equal(ids("\"访问计算机\""), "5");
	assert_string_equal(ids("\"犯\""), "5");
	assert_string_equal(ids("\"访问非法\""), "");
	assert_string_equal(ids("\"网络\""), "5");	/* in the heading */
	/* phrases and prefixes */
	assert_string_equal(ids("\"computer system\""), "1 6");
	assert_string_equal(ids("\"system computer\""), "");
	assert_string_equal(ids("\"comput\" *"), "6 1");
	/* tags: filters, never words */
	assert_string_equal(ids(EN("offence") " AND \"\x1f#spublished\""), "1 6");
	assert_string_equal(ids("\"\x1f#sdraft\""), "2");
	assert_string_equal(ids("\"spublished\""), "");
	assert_string_equal(ids("\"\x1f#cke\" AND \"\x1f#tclear\""), "1 6");
	/* hyphenated words: their parts in a row, and joined */
	add(8, "en", "Mail", "Sending e-mail to plan a cyber-attack.", "cke");
	assert_string_equal(ids("\"e mail\""), "8");
	assert_string_equal(ids("\"email\""), "8");
	assert_string_equal(ids(EN("cyberattacks")), "8");
	assert_string_equal(ids("\"cyber attack\""), "8");
	assert_string_equal(ids("\"mailto\""), "");
	/* spellings: the row's and the query's words meet at one stem */
	assert_string_equal(ids(EN("offense")), "1 6");
	/* closeness: words side by side rank first (6 has both words apart and side by
	 * side; 1 side by side once) */
	add(7, "en", "Definitions", "computer means a device. A system is a set. Offence "
	    "means a crime.", "cke");
	assert_string_equal(ids(EN("computer") " AND " EN("system")), "6 1 7");
	/* ccrank hands back the frequencies of the phrases it counted */
	assert_int_equal(io.have[0], 1);
	assert_true(io.df[0] > 0);
	/* the tokenizer takes no options */
	assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE u USING fts5(x, tokenize = "
					  "'ccrepo foo')", NULL, NULL, NULL), SQLITE_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stems),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_guess),
		cmocka_unit_test_setup_teardown(test_tokenizer, fts_setup, fts_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
