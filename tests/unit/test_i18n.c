/* Tests of view/i18n: messages with values (i18n_msg) matched against the catalog's
 * patterns, values put back in the translation, field keys shown as their labels, the
 * domain's and the importers' messages as the pages show them, and
 * every pattern of data/messages.tsv translated with the same values; every message of
 * the catalog translated into all five languages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/pool.h"
#include "core/sbuf.h"
#include "import/akn.h"
#include "import/doc.h"
#include "import/tsv.h"
#include "view/i18n.h"
#include "core/lang.h"
#include "domain/country.h"
#include "domain/diff.h"
#include "domain/legislation.h"
#include "domain/query.h"
#include "domain/record.h"
#include "domain/user.h"
#include "http/http.h"
#include "view/layout.h"

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
	/* a value the msgid quotes is shown as typed, though it is a msgid too */
	assert_string_equal(i18n_msg(p, LANG_FR, "user 'admin' not found", NULL, 0),
			    "utilisateur « admin » introuvable");
	assert_string_equal(i18n_msg(p, LANG_AR, "unknown filter \"date:\" (filters: country, "
				     "year)", NULL, 0),
			    "مرشح غير معروف \"date:\" (المرشحات: country, year)");
	assert_string_equal(i18n_msg(p, LANG_FR, "the role admin may not do this", NULL, 0),
			    "le rôle administrateur ne permet pas cette action");
	/* a message given a prefix: the message inside by its own pattern */
	assert_string_equal(i18n_msg(p, LANG_FR, "country: no country is called or coded 'XX'",
				     NULL, 0),
			    "pays : aucun pays ne porte le nom ou le code « XX »");
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

/* The domain's messages as the pages show them: a malformed query (the search page),
 * a bad work URI and an importer's error and warning (the import form), made by the
 * code, in Arabic, French, Russian and Chinese through the real catalog; the query's
 * own words and filter names stay as typed. */
static void test_domain_messages(void **state)
{
	pool *p = pool_new();
	struct query *q;
	const char *country;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(query_parse(p, "contry:KE x", &q, &e), ERR_INVALID);
	assert_string_equal(e.msg, "unknown filter \"contry:\" (filters: country, region, type, "
			    "article, year, lang)");
	assert_string_equal(i18n_msg(p, LANG_FR, e.msg, NULL, 0),
			    "filtre inconnu « contry: » (filtres : country, region, type, article, "
			    "year, lang)");
	assert_string_equal(i18n_msg(p, LANG_AR, e.msg, NULL, 0),
			    "مرشح غير معروف \"contry:\" (المرشحات: country, region, type, article, "
			    "year, lang)");
	err_clear(&e);
	assert_int_equal(query_parse(p, "country: cybercrime", &q, &e), ERR_INVALID);
	assert_string_equal(i18n_msg(p, LANG_FR, e.msg, NULL, 0),
			    "country: demande une valeur (par exemple country:KE)");
	err_clear(&e);
	assert_int_equal(query_parse(p, "fraud OR country:KE", &q, &e), ERR_INVALID);
	assert_string_equal(i18n_msg(p, LANG_AR, e.msg, NULL, 0),
			    "يحتاج OR إلى مصطلح بحث بعده، لا إلى المرشح country:KE");
	err_clear(&e);
	assert_int_equal(query_parse(p, "\"illegal acc", &q, &e), ERR_INVALID);
	assert_string_equal(i18n_msg(p, LANG_FR, e.msg, NULL, 0),
			    "guillemet non fermé après \"illegal acc");
	err_clear(&e);
	/* the import form: a work URI without its date and number */
	assert_int_equal(legislation_uri_valid(NULL, p, "/akn/ke/act", &country, &e),
			 ERR_INVALID);
	assert_string_equal(i18n_msg(p, LANG_FR, e.msg, NULL, 0),
			    "l’URI d’œuvre « /akn/ke/act » doit avoir la forme "
			    "/akn/COUNTRY/TYPE/DATE/NUMBER");
	assert_string_equal(i18n_msg(p, LANG_AR, e.msg, NULL, 0),
			    "يحتاج معرّف العمل '/akn/ke/act' إلى الصيغة /akn/COUNTRY/TYPE/DATE/NUMBER");
	err_clear(&e);
	/* the importers: an error with the file and line before it, a warning with its
	 * line; the message inside is translated by its own row */
	{
		static const char bad[] = "<?xml version=\"1.0\"?>\n<html><body/></html>\n";
		static const char loose[] =
			"<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">"
			"<act><meta><identification><FRBRWork><FRBRthis value=\"/akn/ke/act/2018/5/"
			"!main\"/><FRBRuri value=\"/akn/ke/act/2018/5\"/><FRBRdate date=\"2018-05-16\""
			"/><FRBRcountry value=\"ke\"/></FRBRWork></identification></meta><body>\n"
			"<section><num>1</num><content><p>x</p></content></section>\n"
			"</body></act></akomaNtoso>\n";
		struct doc *d = NULL;

		assert_int_equal(akn_parse(bad, sizeof(bad) - 1, "law.xml", &d, &e), ERR_INVALID);
		assert_string_equal(e.msg, "law.xml:2: not an Akoma Ntoso document (root <html> "
				    "in namespace \"\")");
		assert_string_equal(i18n_msg(p, LANG_FR, e.msg, NULL, 0),
				    "law.xml:2 : ce n’est pas un document Akoma Ntoso (racine <html> "
				    "dans l’espace de noms \"\")");
		err_clear(&e);
		assert_int_equal(akn_parse(loose, sizeof(loose) - 1, "law.xml", &d, &e), ERR_OK);
		assert_int_equal(d->nwarnings, 2);
		assert_string_equal(d->warnings[0], "line 1: no FRBRlanguage: the language is "
				    "unknown");
		assert_string_equal(i18n_msg(p, LANG_RU, d->warnings[0], NULL, 0),
				    "строка 1: нет FRBRlanguage: язык неизвестен");
		assert_string_equal(d->warnings[1], "line 2: <section> has no eId or id: "
				    "\"sec_1\" generated");
		assert_string_equal(i18n_msg(p, LANG_AR, d->warnings[1], NULL, 0),
				    "السطر 2: لا يحتوي <section> على eId أو id: أُنشئ \"sec_1\"");
		doc_free(d);
	}
	/* values put back where the translation says (%3$s, %1$s, %2$s) */
	assert_string_equal(i18n_msg(p, LANG_ZH, "the version eng@2018-05-30 of /akn/ke/act/2018/5 "
				     "is published: a correction of it is a curator's; a new "
				     "version needs its own date", NULL, 0),
			    "/akn/ke/act/2018/5 的版本 eng@2018-05-30 已发布：更正该版本由审核员负责；"
			    "新版本需要有自己的日期");
	pool_free(p);
}

/* A count is a label and a number ("Articles: 48"), a sentence with a number one
 * pattern: each reads right for any number in every language. */
static void test_counts(void **state)
{
	pool *p = pool_new();

	(void)state;
	assert_string_equal(i18n_msg(p, LANG_EN, "Articles: 48", NULL, 0), "Articles: 48");
	assert_string_equal(i18n_msg(p, LANG_RU, "Articles: 1", NULL, 0), "Статей: 1");
	assert_string_equal(i18n_msg(p, LANG_AR, "Articles: 3", NULL, 0), "عدد المواد: 3");
	assert_string_equal(i18n_msg(p, LANG_FR, "Too many failed sign-ins for this account or "
				     "from this address. Minutes before you may try again: 15.",
				     NULL, 0),
			    "Trop de tentatives de connexion échouées pour ce compte ou depuis "
			    "cette adresse. Minutes avant de pouvoir réessayer : 15.");
	assert_string_equal(i18n_msg(p, LANG_ZH, "Countries and areas (ISO 3166-1), grouped by "
				     "UN M49 region: 249.", NULL, 0),
			    "国家和地区（ISO 3166-1），按联合国 M49 区域分组：249 个。");
	pool_free(p);
}

/* CLDR's integer plural categories, per language. */
static void test_plural_categories(void **state)
{
	static const struct {
		enum lang l;
		long long n;
		const char *cat;
	} cases[] = {
		{ LANG_AR, 0, "zero" }, { LANG_AR, 1, "one" }, { LANG_AR, 2, "two" },
		{ LANG_AR, 3, "few" }, { LANG_AR, 10, "few" }, { LANG_AR, 11, "many" },
		{ LANG_AR, 99, "many" }, { LANG_AR, 100, "other" }, { LANG_AR, 101, "other" },
		{ LANG_AR, 102, "other" }, { LANG_AR, 103, "few" }, { LANG_AR, 111, "many" },
		{ LANG_AR, 1000, "other" },
		{ LANG_RU, 1, "one" }, { LANG_RU, 2, "few" }, { LANG_RU, 4, "few" },
		{ LANG_RU, 5, "many" }, { LANG_RU, 11, "many" }, { LANG_RU, 12, "many" },
		{ LANG_RU, 14, "many" }, { LANG_RU, 20, "many" }, { LANG_RU, 21, "one" },
		{ LANG_RU, 22, "few" }, { LANG_RU, 0, "many" }, { LANG_RU, 111, "many" },
		{ LANG_RU, 101, "one" },
		{ LANG_FR, 0, "one" }, { LANG_FR, 1, "one" }, { LANG_FR, 2, "other" },
		{ LANG_FR, 1000000, "many" }, { LANG_FR, 1000001, "other" },
		{ LANG_EN, 0, "other" }, { LANG_EN, 1, "one" }, { LANG_EN, 2, "other" },
		{ LANG_ES, 1, "one" }, { LANG_ES, 0, "other" }, { LANG_ES, 5, "other" },
		{ LANG_ZH, 1, "other" }, { LANG_ZH, 0, "other" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (strcmp(i18n_plural_category(cases[i].l, cases[i].n), cases[i].cat))
			fail_msg("%s %lld: %s, not %s", lang_code(cases[i].l), cases[i].n,
				 i18n_plural_category(cases[i].l, cases[i].n), cases[i].cat);
	assert_int_equal(i18n_plural_forms(LANG_AR), 6);
	assert_int_equal(i18n_plural_forms(LANG_RU), 4);
	assert_int_equal(i18n_plural_forms(LANG_FR), 3);
	assert_int_equal(i18n_plural_forms(LANG_ZH), 1);
}

/* The forms chosen, the number put in. */
static void test_plural_forms(void **state)
{
	pool *p = pool_new();
	const char *m = "{n} article|{n} articles";

	(void)state;
	assert_string_equal(i18n_plural(p, LANG_EN, 1, "1", m), "1 article");
	assert_string_equal(i18n_plural(p, LANG_EN, 48, "48", m), "48 articles");
	assert_string_equal(i18n_plural(p, LANG_FR, 0, "0", m), "0 article");
	assert_string_equal(i18n_plural(p, LANG_RU, 21, "21", m), "21 статья");
	assert_string_equal(i18n_plural(p, LANG_RU, 3, "3", m), "3 статьи");
	assert_string_equal(i18n_plural(p, LANG_RU, 11, "11", m), "11 статей");
	assert_string_equal(i18n_plural(p, LANG_AR, 2, "2", m), "مادتان");
	assert_string_equal(i18n_plural(p, LANG_AR, 7, "7", m), "7 مواد");
	assert_string_equal(i18n_plural(p, LANG_AR, 48, "48", m), "48 مادة");
	assert_string_equal(i18n_plural(p, LANG_ZH, 1, "1", m), "1 条");
	assert_string_equal(i18n_plural(p, LANG_ES, 1, "1", m), "1 artículo");
	/* not in the catalog: the English forms */
	assert_string_equal(i18n_plural(p, LANG_FR, 2, "2", "{n} cat|{n} cats"), "2 cats");
	pool_free(p);
}

static int plural_row(void *ud, int lineno, char **f, int nf, struct err *e)
{
	static const enum lang col[] = { LANG_AR, LANG_ZH, LANG_FR, LANG_RU, LANG_ES };
	int *bad = ud;

	(void)e;
	if (!strchr(f[0], '|'))
		return ERR_OK;
	for (int i = 1; i < nf && i < 6; i++) {
		/* a plural message ({n}): the language's forms; a list: as many as msgid */
		int want = strstr(f[0], "{n}") ? i18n_plural_forms(col[i - 1]) :
			   i18n_count_forms(f[0]);

		if (i18n_count_forms(f[i]) != want) {
			print_error("data/messages.tsv:%d: '%s' in %s has %d forms, not %d\n",
				    lineno, f[0], lang_code(col[i - 1]), i18n_count_forms(f[i]), want);
			(*bad)++;
		}
	}
	if (strstr(f[0], "{n}") && i18n_count_forms(f[0]) != 2) {
		print_error("data/messages.tsv:%d: '%s' is not one|other\n", lineno, f[0]);
		(*bad)++;
	}
	return ERR_OK;
}

/* Every plural message and list of the catalog has each language's number of forms. */
static void test_catalog_plurals(void **state)
{
	size_t len;
	const char *d = (const char *)embed_find("data/messages.tsv", &len);
	struct err e = { 0 };
	int bad = 0;

	(void)state;
	assert_non_null(d);
	assert_int_equal(tsv_parse(d, len, 6, "data/messages.tsv", plural_row, &bad, &e), ERR_OK);
	assert_int_equal(bad, 0);
}

/* Numbers, dates, timestamps and the lang/dir of mixed content, per language. */
static void test_numbers_dates(void **state)
{
	static const char *const date[LANG_COUNT] = {
		"30 مايو 2018", "2018年5月30日", "30 May 2018", "30 mai 2018",
		"30 мая 2018 г.", "30 de mayo de 2018",
	};
	static const char *const num[LANG_COUNT] = {
		"1,234,567", "1,234,567", "1,234,567", "1\u202f234\u202f567",
		"1\u00a0234\u00a0567", "1.234.567",
	};
	struct req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.pool = pool_new();
	for (int l = 0; l < LANG_COUNT; l++) {
		r.lang = (enum lang)l;
		assert_string_equal(layout_date(&r, "2018-05-30"), date[l]);
		assert_string_equal(layout_number(&r, 1234567), num[l]);
		assert_string_equal(layout_number(&r, 999), "999");
	}
	r.lang = LANG_ES;
	assert_string_equal(layout_number(&r, 1234), "1234");	/* CLDR: from 5 digits */
	assert_string_equal(layout_number(&r, 12345), "12.345");
	assert_string_equal(layout_plural(&r, 12345, "{n} article|{n} articles"),
			    "12.345 artículos");
	r.lang = LANG_EN;
	assert_string_equal(layout_number(&r, -1234), "-1,234");
	assert_string_equal(layout_date(&r, "2019-01-05T10:00:00Z"), "5 January 2019");
	assert_string_equal(layout_date(&r, "not a date"), "not a date");
	assert_null(layout_date(&r, NULL));
	assert_string_equal(layout_datetime(&r, "2019-01-05 10:07:33"),
			    "5 January 2019, 10:07 UTC");
	assert_string_equal(layout_datetime(&r, "2019-12-25"), "25 December 2019");
	r.lang = LANG_FR;
	assert_string_equal(layout_datetime(&r, "2019-01-05T10:07:33Z"),
			    "5 janvier 2019 à 10:07 UTC");
	/* lang/dir: nothing for the page's language, the other's direction else */
	assert_string_equal(layout_lang(&r, "fr"), "");
	assert_string_equal(layout_lang(&r, "en"), " lang=\"en\" dir=\"ltr\"");
	assert_string_equal(layout_lang(&r, "ar"), " lang=\"ar\" dir=\"rtl\"");
	assert_string_equal(layout_lang(&r, NULL), " dir=\"auto\"");
	assert_string_equal(layout_lang(&r, "zxx"), "");
	r.lang = LANG_AR;
	assert_string_equal(layout_lang(&r, "zxx"), " dir=\"ltr\"");
	assert_string_equal(layout_lang(&r, "en-GB"), " lang=\"en\" dir=\"ltr\"");
	pool_free(r.pool);
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

/* What the rows of the catalog have shown so far: problems, and every msgid with its
 * line (each msgid once: a second row would shadow or be shadowed by the first). */
struct catalog_check {
	int bad;
	char **ids;
	int *lines;
	size_t n, cap;
};

static int complete_row(void *ud, int lineno, char **f, int nf, struct err *e)
{
	static const char *const langs[] = { "msgid", "ar", "zh", "fr", "ru", "es" };
	struct catalog_check *c = ud;

	(void)e;
	for (int i = 1; i < nf; i++)
		if (!*f[i]) {
			print_error("data/messages.tsv:%d: '%s' has no %s translation\n", lineno,
				    f[0], i < 6 ? langs[i] : "?");
			c->bad++;
		}
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->ids[i], f[0])) {
			print_error("data/messages.tsv:%d: '%s' is also line %d\n", lineno, f[0],
				    c->lines[i]);
			c->bad++;
		}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->ids = realloc(c->ids, c->cap * sizeof(*c->ids));
		c->lines = realloc(c->lines, c->cap * sizeof(*c->lines));
		assert_non_null(c->ids);
		assert_non_null(c->lines);
	}
	c->ids[c->n] = strdup(f[0]);
	c->lines[c->n++] = lineno;
	return ERR_OK;
}

/* Every message of the catalog is translated into all five languages, and has one
 * row. */
static void test_catalog_complete(void **state)
{
	size_t len;
	const char *d = (const char *)embed_find("data/messages.tsv", &len);
	struct err e = { 0 };
	struct catalog_check c = { 0 };

	(void)state;
	assert_non_null(d);
	assert_int_equal(tsv_parse(d, len, 6, "data/messages.tsv", complete_row, &c, &e),
			 ERR_OK);
	for (size_t i = 0; i < c.n; i++)
		free(c.ids[i]);
	free(c.ids);
	free(c.lines);
	assert_int_equal(c.bad, 0);
	/* and i18n() finds them: as many messages in each language as in English */
	for (int l = 0; l < LANG_COUNT; l++)
		assert_int_equal(i18n_count((enum lang)l), i18n_count(LANG_EN));
}

/* ---- Every string a user reads is in the catalog ----
 *
 * test_interface_strings reads the sources (from $CCREPO_SRC, else the working
 * directory: the suite runs from the repository's root) with a small C scanner
 * (comments, preprocessor lines, character constants, escapes and adjacent string
 * literals "a " "b" as one) and gathers the strings the pages translate:
 *   - the literal arguments of the calls that translate or show a message (calls[]:
 *     T(), layout_t(), layout_msg(), web_msg(), web_heading(), web_page_begin(),
 *     web_table_begin()'s label list, web_error_page(), http_error(), err_set() in
 *     src/web...), including both sides of a ?: and the format of a pool_printf()
 *     inside them (a pattern: "%s is longer than %zu bytes");
 *   - the catalog strings of struct kind (.title_label, .plural, ... designated) and
 *     of the kinds' field tables (struct kind_field: label, heading, hint);
 *   - the labels of the tables of the pages (tables[]: navigation, admin pages,
 *     workflow buttons...), each found by its name, so that a renamed table fails
 *     the test rather than leave it unchecked;
 *   - the strings some functions return for an error page (returns[]: the path's
 *     and the request's problems);
 *   - the names the domain gives and the pages translate (roles, statuses, HTTP
 *     reasons as error pages' titles...), asked of the domain itself;
 *   - and, as a net for what none of these rules knows, any other literal of
 *     src/web and src/view whose text (outside markup and conversions) reads as an
 *     English phrase.
 * Each that is not a msgid of data/messages.tsv fails the test with its file:line, and
 * so does a literal given to a function that shows its argument as it is
 * (web_heading(), web_page_begin(), web_message()...: it needs T()).
 * A string with no word in it (a format such as "%s: %s") is not a message. Strings
 * that are deliberately not translated are in not_translated[]. */

enum { TK_IDENT, TK_STR, TK_NUM, TK_PUNCT };

struct tok {
	int type;
	char *s;	/* an identifier, a decoded (concatenated) string, a punctuator */
	int line;
};

struct src {
	const char *path;	/* relative to the source directory */
	struct tok *t;
	size_t n;
	char *used;	/* per token: a rule took this string */
};

static void tok_push(struct src *f, int type, char *s, int line)
{
	f->t = realloc(f->t, (f->n + 1) * sizeof(*f->t));
	f->t[f->n++] = (struct tok){ type, s, line };
}

/* The string literal at d[*i] (the opening quote), decoded, appended to buf. */
static void lex_string(const char *d, size_t len, size_t *i, char **buf, size_t *blen)
{
	size_t j = *i + 1;

	while (j < len && d[j] != '"') {
		int c = (unsigned char)d[j++];

		if (c == '\\' && j < len) {
			c = (unsigned char)d[j++];
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'a': c = '\a'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'v': c = '\v'; break;
			case 'x': {
				int v = 0;

				while (j < len && isxdigit((unsigned char)d[j]))
					v = v * 16 + (isdigit((unsigned char)d[j]) ? d[j] - '0' :
						      tolower((unsigned char)d[j]) - 'a' + 10), j++;
				c = v & 0xff;
				break;
			}
			default:
				if (c >= '0' && c <= '7') {
					int v = c - '0';

					for (int k = 0; k < 2 && j < len && d[j] >= '0' && d[j] <= '7'; k++)
						v = v * 8 + d[j++] - '0';
					c = v & 0xff;
				}
				break;	/* \\ \" \' \? */
			}
		}
		*buf = realloc(*buf, *blen + 2);
		(*buf)[(*blen)++] = (char)c;
		(*buf)[*blen] = '\0';
	}
	*i = j + 1;
}

/* The tokens of C source d. */
static void lex(struct src *f, const char *d, size_t len)
{
	size_t i = 0;
	int line = 1, bol = 1, last_str = 0;

	while (i < len) {
		char c = d[i];

		if (c == '\n') {
			line++, bol = 1, i++;
			continue;
		}
		if (isspace((unsigned char)c)) {
			i++;
			continue;
		}
		if (c == '/' && i + 1 < len && d[i + 1] == '/') {
			while (i < len && d[i] != '\n')
				i++;
			continue;
		}
		if (c == '/' && i + 1 < len && d[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(d[i] == '*' && d[i + 1] == '/'); i++)
				line += d[i] == '\n';
			i += 2;
			continue;
		}
		if (c == '#' && bol) {	/* a preprocessor line, with its continuations */
			while (i < len && d[i] != '\n') {
				if (d[i] == '\\' && i + 1 < len && d[i + 1] == '\n')
					line++, i++;
				i++;
			}
			continue;
		}
		bol = 0;
		if (c == '"') {
			if (last_str) {	/* "a " "b": one string */
				struct tok *t = &f->t[f->n - 1];
				size_t blen = strlen(t->s);

				lex_string(d, len, &i, &t->s, &blen);
			} else {
				char *buf = calloc(1, 1);
				size_t blen = 0;
				int at = line;

				lex_string(d, len, &i, &buf, &blen);
				tok_push(f, TK_STR, buf, at);
			}
			last_str = 1;
			continue;
		}
		last_str = 0;
		if (c == '\'') {
			for (i++; i < len && d[i] != '\''; i++)
				if (d[i] == '\\')
					i++;
			i++;
			tok_push(f, TK_NUM, strdup("'c'"), line);
		} else if (isalpha((unsigned char)c) || c == '_') {
			size_t s = i;

			while (i < len && (isalnum((unsigned char)d[i]) || d[i] == '_'))
				i++;
			tok_push(f, TK_IDENT, strndup(d + s, i - s), line);
		} else if (isdigit((unsigned char)c)) {
			size_t s = i;

			while (i < len && (isalnum((unsigned char)d[i]) || d[i] == '.'))
				i++;
			tok_push(f, TK_NUM, strndup(d + s, i - s), line);
		} else {
			tok_push(f, TK_PUNCT, strndup(d + i, 1), line);
			i++;
		}
	}
}

static int is(const struct src *f, size_t i, const char *s)
{
	return i < f->n && f->t[i].type != TK_STR && !strcmp(f->t[i].s, s);
}

/* The index of the bracket that closes the one at open ("(", "[", "{"). */
static size_t closing(const struct src *f, size_t open)
{
	int depth = 0;

	for (size_t i = open; i < f->n; i++) {
		if (f->t[i].type != TK_PUNCT)
			continue;
		if (strchr("([{", f->t[i].s[0]))
			depth++;
		else if (strchr(")]}", f->t[i].s[0]) && !--depth)
			return i;
	}
	return f->n;
}

/* The elements of the list between brackets open and close: their first tokens
 * (*at) and ends (*end, exclusive), separated by the commas at its top level. */
static size_t elements(const struct src *f, size_t open, size_t close, size_t *at, size_t *end,
		       size_t max)
{
	size_t n = 0, s = open + 1;

	for (size_t i = open + 1; i <= close && n < max; i++) {
		if (i < close && f->t[i].type == TK_PUNCT && strchr("([{", f->t[i].s[0])) {
			i = closing(f, i);
			continue;
		}
		if (i == close || is(f, i, ",")) {
			if (i > s || i < close) {
				at[n] = s, end[n] = i;
				n++;
			}
			s = i + 1;
		}
	}
	return n;
}

struct found {
	const char *msgid, *path, *rule;
	int line;
	char *own;	/* msgid when the scan allocated it */
	int raw;	/* shown as it is, without the catalog */
};

struct scan {
	struct found *v;
	size_t n;
	struct src **files;	/* what the found strings point into */
	size_t nfiles;
};

static void scan_release(struct scan *sc)
{
	for (size_t i = 0; i < sc->n; i++)
		free(sc->v[i].own);
	for (size_t i = 0; i < sc->nfiles; i++) {
		for (size_t k = 0; k < sc->files[i]->n; k++)
			free(sc->files[i]->t[k].s);
		free(sc->files[i]->t);
		free(sc->files[i]->used);
		free(sc->files[i]);
	}
	free(sc->v);
	free(sc->files);
	memset(sc, 0, sizeof(*sc));
}

static void found(struct scan *sc, struct src *f, size_t i, const char *rule)
{
	sc->v = realloc(sc->v, (sc->n + 1) * sizeof(*sc->v));
	sc->v[sc->n++] = (struct found){ f->t[i].s, f->path, rule, f->t[i].line, NULL, 0 };
	f->used[i] = 1;
}

/* Calls whose arguments (0-based; -1 ends) are messages a page shows. web: only in
 * src/web and src/view (elsewhere they are the API's or the log's). raw: the function
 * shows its argument as it is, so a literal there is shown untranslated whatever the
 * catalog has (it needs T()). code: 1 + the index of an argument that is an enum
 * err_code (0: none); a message with a server-side code (server_side[]) is not
 * checked. */
static const struct {
	const char *fn;
	int args[3];
	int web, raw, code;
} calls[] = {
	{ "T", { 0, -1 }, 0, 0, 0 },
	{ "layout_t", { 1, -1 }, 0, 0, 0 },
	{ "i18n", { 1, -1 }, 0, 0, 0 },
	{ "layout_msg", { 1, -1 }, 0, 0, 0 },
	{ "layout_plural", { 2, -1 }, 0, 0, 0 },
	{ "i18n_plural", { 4, -1 }, 0, 0, 0 },
	{ "i18n_form", { 2, -1 }, 0, 0, 0 },
	{ "web_msg", { 1, -1 }, 0, 0, 0 },
	{ "i18n_msg", { 2, -1 }, 0, 0, 0 },
	{ "web_heading", { 1, 2, -1 }, 0, 1, 0 },
	{ "web_page_begin", { 2, -1 }, 0, 1, 0 },
	{ "web_table_begin", { 2, -1 }, 0, 0, 0 },
	{ "web_message", { 1, -1 }, 0, 1, 0 },
	{ "web_form_end", { 2, -1 }, 0, 1, 0 },
	{ "layout_begin", { 2, -1 }, 0, 1, 0 },
	{ "web_error_page", { 3, 4, -1 }, 0, 0, 0 },
	{ "web_country_select", { 4, -1 }, 0, 1, 0 },
	{ "http_error", { 3, -1 }, 0, 0, 0 },
	{ "new_link", { 3, -1 }, 1, 0, 0 },
	{ "field_msg", { 3, -1 }, 1, 0, 0 },
	{ "err_set", { 2, -1 }, 0, 0, 2 },	/* the domain's messages: forms show them */
	/* the importers' errors and warnings (src/import): the import form shows them,
	 * errors as "law.xml:12: message", warnings as "line 12: message" */
	{ "xml_fail", { 4, -1 }, 0, 0, 3 },
	{ "fail", { 3, -1 }, 0, 0, 2 },		/* akn.c, clml.c: xml_fail's macro */
	{ "xml_warn", { 4, -1 }, 0, 0, 0 },
	{ "warn", { 2, -1 }, 0, 0, 0 },		/* akn.c, clml.c: xml_warn's macro */
	{ "doc_warn", { 1, -1 }, 0, 0, 0 },
};

/* The error codes whose messages no page shows: http_fail() logs them and tells the
 * reader "Something went wrong on our side" (ERR_IO, ERR_DB, ERR_INTERNAL: 500) or
 * its own message (ERR_FULL, ERR_READONLY: code_status in src/http/http.c). */
static const char *const server_side[] = {
	"ERR_IO", "ERR_DB", "ERR_INTERNAL", "ERR_FULL", "ERR_READONLY",
};

/* Whether the expression [at, end) is one of server_side[]. */
static int is_server_side(const struct src *f, size_t at, size_t end)
{
	if (end != at + 1 || f->t[at].type != TK_IDENT)
		return 0;
	for (size_t i = 0; i < sizeof(server_side) / sizeof(server_side[0]); i++)
		if (!strcmp(f->t[at].s, server_side[i]))
			return 1;
	return 0;
}

static int call_rule(const char *fn)
{
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (!strcmp(calls[i].fn, fn))
			return (int)i;
	return -1;
}

/* The strings of the expression [from, to): each literal, both sides of a ?:, the
 * format of a pool_printf(); not the arguments of other calls (a call that
 * translates is a rule of its own). */
static void strings_in(struct scan *sc, struct src *f, size_t from, size_t to, const char *rule)
{
	for (size_t i = from; i < to; i++) {
		if (f->t[i].type == TK_STR) {
			found(sc, f, i, rule);
		} else if (f->t[i].type == TK_IDENT && is(f, i + 1, "(") &&
			   strcmp(f->t[i].s, "sizeof")) {
			size_t close = closing(f, i + 1), at[2], end[2];

			if (!strcmp(f->t[i].s, "pool_printf") &&
			    elements(f, i + 1, close, at, end, 2) == 2)
				strings_in(sc, f, at[1], end[1], rule);
			i = close;
		}
	}
}

/* Tables of strings the pages show, by name: positions of each element's fields
 * (-1 ends; ALL: the element itself). "struct X": every array and compound literal
 * of that struct type. */
#define ALL 99
static const struct {
	const char *file, *name;
	int pos[4];
} tables[] = {
	{ "", "struct kind_field", { 4, 5, 6, -1 } },	/* label, heading, hint */
	{ "src/view/layout.c", "nav", { 2, -1 } },
	{ "src/web/admin.c", "admin_pages", { 1, -1 } },
	{ "src/web/audit.c", "fields", { 1, -1 } },
	{ "src/web/share.c", "org_kinds", { ALL, -1 } },
	{ "src/web/repo.c", "moves", { 2, -1 } },
	{ "src/web/repo.c", "import_fields", { 1, -1 } },
	{ "src/web/repo.c", "formats", { 1, -1 } },
	{ "src/web/repo_akn.c", "names", { ALL, -1 } },
	{ "src/web/repo_akn.c", "kind_words", { 1, -1 } },
	{ "src/web/repo_records.c", "struct field", { 1, 4, -1 } },
	{ "src/web/search.c", "kind_labels", { ALL, -1 } },
	{ "src/web/search.c", "titles", { ALL, -1 } },
	{ "src/http/http.c", "code_status", { 1, -1 } },
	{ "src/web/about.c", "examples", { 1, -1 } },
	{ "src/web/about.c", "labels", { 1, -1 } },
};

/* Functions whose answers are messages an error page shows: the strings they
 * return. */
static const struct {
	const char *file, *fn;
} returns[] = {
	{ "src/http/http.c", "http_path_problem" },
	{ "src/http/server.c", "cross_site" },
};

/* Apply the returns rule to f; seen[r] counts the functions found. */
static void scan_returns(struct scan *sc, struct src *f, int *seen)
{
	for (size_t r = 0; r < sizeof(returns) / sizeof(returns[0]); r++) {
		if (strcmp(returns[r].file, f->path))
			continue;
		for (size_t i = 0; i + 1 < f->n; i++) {
			size_t close, body;

			if (f->t[i].type != TK_IDENT || strcmp(f->t[i].s, returns[r].fn) ||
			    !is(f, i + 1, "(") || !is(f, (close = closing(f, i + 1)) + 1, "{"))
				continue;	/* not its definition */
			seen[r]++;
			body = closing(f, close + 1);
			for (size_t j = close + 2; j < body; j++) {
				size_t k = j + 1;

				if (!is(f, j, "return"))
					continue;
				while (k < body && !is(f, k, ";"))
					k++;
				strings_in(sc, f, j + 1, k, returns[r].fn);
			}
		}
	}
}

/* The members of struct kind that are catalog strings. */
static const char *const kind_members[] = {
	"title_label", "plural", "heading", "intro", "add", "edit", "none", "missing",
	"no_country", "country_hint", "label", "hint",
};

/* The element [at, end) of a table less its designator ("[X] =", ".x ="). */
static size_t undesignated(const struct src *f, size_t at, size_t end)
{
	if (is(f, at, "[")) {
		size_t c = closing(f, at);

		if (c + 1 < end && is(f, c + 1, "="))
			return c + 2;
	}
	if (is(f, at, ".") && at + 2 < end && is(f, at + 2, "="))
		return at + 3;
	return at;
}

static void table_at(struct scan *sc, struct src *f, size_t open, int t, const char *rule)
{
	size_t close = closing(f, open), at[256], end[256], n;
	const int *pos = tables[t].pos;
	int single = !strncmp(tables[t].name, "struct ", 7) && is(f, open - 1, ")");

	n = single ? 1 : elements(f, open, close, at, end, 256);
	if (single)
		at[0] = open, end[0] = close + 1;
	for (size_t e = 0; e < n; e++) {
		size_t a = undesignated(f, at[e], end[e]), fa[16], fe[16], nf;

		if (pos[0] == ALL) {
			strings_in(sc, f, a, end[e], rule);
			continue;
		}
		if (!is(f, a, "{"))
			continue;
		nf = elements(f, a, closing(f, a), fa, fe, 16);
		for (int p = 0; pos[p] >= 0; p++)
			if ((size_t)pos[p] < nf)
				strings_in(sc, f, fa[pos[p]], fe[pos[p]], rule);
	}
}

/* Apply the table rules to f; seen[t] counts the tables found. */
static void scan_tables(struct scan *sc, struct src *f, int *seen)
{
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		const char *name = tables[t].name;
		int by_type = !strncmp(name, "struct ", 7);

		if (*tables[t].file && strcmp(tables[t].file, f->path))
			continue;
		for (size_t i = 0; i + 1 < f->n; i++) {
			size_t j;

			if (by_type) {
				if (!is(f, i, "struct") || !is(f, i + 1, name + 7))
					continue;
				j = i + 2;
				if (is(f, j, ")") && is(f, j + 1, "{")) {	/* (struct x){...} */
					table_at(sc, f, j + 1, (int)t, "table");
					seen[t]++;
					continue;
				}
				if (j < f->n && f->t[j].type == TK_IDENT)
					j++;	/* the array's name */
				else
					continue;
			} else {
				if (f->t[i].type != TK_IDENT || strcmp(f->t[i].s, name))
					continue;
				j = i + 1;
			}
			if (!is(f, j, "["))
				continue;
			while (is(f, j, "["))
				j = closing(f, j) + 1;
			if (is(f, j, "=") && is(f, j + 1, "{")) {
				table_at(sc, f, j + 1, (int)t, "table");
				seen[t]++;
			}
		}
	}
}

static void scan_calls(struct scan *sc, struct src *f, int web)
{
	for (size_t i = 0; i + 1 < f->n; i++) {
		int c;
		size_t close, at[8], end[8], n;

		if (f->t[i].type != TK_IDENT || !is(f, i + 1, "(") ||
		    (c = call_rule(f->t[i].s)) < 0 || (calls[c].web && !web))
			continue;
		if (i > 0 && (is(f, i - 1, ".") || is(f, i - 1, ">")))
			continue;	/* a member, not the function */
		close = closing(f, i + 1);
		n = elements(f, i + 1, close, at, end, 8);
		if (calls[c].code && (size_t)calls[c].code <= n &&
		    is_server_side(f, at[calls[c].code - 1], end[calls[c].code - 1])) {
			for (size_t j = at[0]; j < close; j++)	/* the log's: not the net's */
				f->used[j] = 1;
			continue;
		}
		for (int k = 0; k < 3 && calls[c].args[k] >= 0; k++)
			if ((size_t)calls[c].args[k] < n) {
				size_t before = sc->n;

				strings_in(sc, f, at[calls[c].args[k]], end[calls[c].args[k]],
					   calls[c].fn);
				for (size_t j = before; j < sc->n; j++)
					sc->v[j].raw = calls[c].raw;
			}
	}
}

/* .title_label = "..." and the like (struct kind). */
static void scan_members(struct scan *sc, struct src *f)
{
	for (size_t i = 0; i + 3 < f->n; i++) {
		size_t j;

		if (!is(f, i, ".") || f->t[i + 1].type != TK_IDENT || !is(f, i + 2, "="))
			continue;
		for (j = 0; j < sizeof(kind_members) / sizeof(kind_members[0]); j++)
			if (!strcmp(f->t[i + 1].s, kind_members[j]))
				break;
		if (j == sizeof(kind_members) / sizeof(kind_members[0]))
			continue;
		for (j = i + 3; j < f->n && !is(f, j, ",") && !is(f, j, "}") && !is(f, j, ";"); j++)
			if (f->t[j].type == TK_STR)
				found(sc, f, j, "struct kind");
	}
}

/* Whether s has a word a reader reads: two letters in a row outside printf
 * conversions. Formats such as "%s: %s" or "(%d)" have none. */
static int has_word(const char *s)
{
	int run = 0;

	for (; *s; s++) {
		if (*s == '%') {
			s++;
			while (*s && strchr("0123456789$.-+ #lhzjt", *s))
				s++;
			if (!*s)
				break;
			run = 0;
			continue;
		}
		run = isalpha((unsigned char)*s) ? run + 1 : 0;
		if (run >= 2)
			return 1;
	}
	return 0;
}

/* The net: whether text (a literal less its markup, entities and conversions, one
 * run of it) reads as an English phrase: words with a space between, or a word that
 * begins with a capital ("Accounts"), and none of the marks of code (= _ / ; @). */
static int reads_as_prose(const char *text)
{
	size_t n = strlen(text);

	if (n < 2 || strpbrk(text, "=_/;@\\{}[]|<>") || !has_word(text))
		return 0;
	if (isupper((unsigned char)text[0]) && islower((unsigned char)text[1]))
		return 1;
	for (size_t i = 1; i + 1 < n; i++)
		if (text[i] == ' ' && isalpha((unsigned char)text[i - 1]) &&
		    isalpha((unsigned char)text[i + 1]))
			return 1;
	return 0;
}

/* Calls whose literals are never shown to a reader (the net skips them). */
static const char *const not_shown_calls[] = {
	"log_info", "log_warn", "log_error", "log_debug", "strcmp", "strncmp", "req_arg",
	"req_form", "form_or", "audit_append", "resp_set_cookie", "cookie", "layout_href",
	"web_redirect", "strstr", "strchr", "arg",
};

static int not_shown(const char *fn)
{
	for (size_t i = 0; i < sizeof(not_shown_calls) / sizeof(not_shown_calls[0]); i++)
		if (!strcmp(not_shown_calls[i], fn))
			return 1;
	return 0;
}

/* The runs of text of literal s between markup (<...>), entities (&...;) and
 * conversions (%s), each checked by reads_as_prose; the first that reads as prose
 * into run (size max), or 0. */
static int prose_run(const char *s, char *run, size_t max)
{
	size_t n = 0;

	for (const char *c = s;; c++) {
		int cut = !*c || *c == '<' || *c == '&' || *c == '%' || *c == '\n';

		if (cut) {
			while (n && isspace((unsigned char)run[n - 1]))
				n--;
			run[n] = '\0';
			if (reads_as_prose(run))
				return 1;
			n = 0;
			if (!*c)
				return 0;
			if (*c == '<')
				while (c[1] && c[1] != '>')
					c++;
			else if (*c == '&')
				while (c[1] && c[1] != ';' && !isspace((unsigned char)c[1]))
					c++;
			else if (*c == '%')
				while (c[1] && !isalpha((unsigned char)c[1]) && c[1] != '%')
					c++;
			else
				continue;	/* a newline */
			if (c[1])
				c++;	/* the closing > ; or the conversion's letter */
			continue;
		}
		if (n || !isspace((unsigned char)*c))
			if (n + 1 < max)
				run[n++] = *c;
	}
}

/* The net over f: literals no rule took, outside calls that never show them. */
static void scan_prose(struct scan *sc, struct src *f)
{
	char run[512];

	for (size_t i = 0; i < f->n; i++) {
		if (f->t[i].type == TK_IDENT && is(f, i + 1, "(") && not_shown(f->t[i].s)) {
			i = closing(f, i + 1);
			continue;
		}
		if (f->t[i].type != TK_STR || f->used[i] || !prose_run(f->t[i].s, run, sizeof(run)))
			continue;
		sc->v = realloc(sc->v, (sc->n + 1) * sizeof(*sc->v));
		sc->v[sc->n] = (struct found){ NULL, f->path, "text", f->t[i].line, strdup(run), 0 };
		sc->v[sc->n].msgid = sc->v[sc->n].own;
		sc->n++;
	}
}

/* Deliberately not translated: names, codes, standards, formats that are the same
 * in every language. */
static const char *const not_translated[] = {
	"ccrepo",			/* the program's name */
	"JSON",				/* a format's name, as a link's text */
	"ISO 3166-1 alpha-2", "ISO 3166-1 alpha-3", "ISO 3166-1 numeric / M49",
	"UN M49",			/* standards, as UN portals write them */
	"TLP:",				/* FIRST's Traffic Light Protocol labels */
	"UNODC",			/* an organisation's name (org_kinds) */
	"Authorization: Bearer",	/* an HTTP header, as code */
	"Bearer",
	"See Other",			/* the body of a redirect, which browsers do not show */
	"\"illegal access\"", "access OR interception",
	"fraud -copyright",		/* search queries shown as code (/help): typed alike
					 * in every language */
};

/* The domain's messages (err_set) that no page shows, so that no reader needs them in
 * another language: the operator reads them in English on the command line or in the
 * log. A message here that a page comes to show needs a row of the catalog instead. */
static const char *const not_on_pages[] = {
	/* ccrepo audit verify and ccrepo audit show (src/cli/audit.c) */
	"missing (the log starts at entry %lld)",
	"missing (the log goes from entry %lld to %lld)",
	"its previous hash is not the hash of entry %lld",
	"its content does not match its hash",
	"the audit log has no entry %lld",
	/* the reference data built into the binary, checked at start-up: a bug */
	"data/m49-regions.tsv:%d: bad code or level", "data/m49-regions.tsv:%d: empty name",
	"data/m49-countries.tsv:%d: bad code", "data/instruments.tsv:%d: bad article count",
	"data/chapters.tsv:%d: bad ordinal", "data/articles.tsv:%d: bad number or category",
	"data/crosswalk.tsv:%d: bad row", "data/crosswalk.tsv: no header line",
	"data/currency-minor.tsv:%d: bad code or minor unit",
	"data/crosswalk.tsv: header needs 4 columns",
	":%d: bad article", "%s (%d row%s left out)",	/* the concept tables (suggest.c) */
	/* ccrepo serve's option listen, at start-up */
	"listen: '%s' is not HOST:PORT",
	"listen: '%s' is not a numeric address (such as 127.0.0.1:8080 or [::1]:8080)",
	/* a failure of the store passed on with its own code (a 5xx: http_fail logs it) */
	"cannot look up %.40s", "cannot read provision %.80s",
	"cannot read the proposed change of record %lld",
};

static int is_not_translated(const char *s)
{
	for (size_t i = 0; i < sizeof(not_translated) / sizeof(not_translated[0]); i++)
		if (!strcmp(not_translated[i], s))
			return 1;
	for (size_t i = 0; i < sizeof(not_on_pages) / sizeof(not_on_pages[0]); i++)
		if (!strcmp(not_on_pages[i], s))
			return 1;
	return 0;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *d = NULL;
	long n;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0) {
		d = malloc((size_t)n + 1);
		*len = fread(d, 1, (size_t)n, fp);
		d[*len] = '\0';
	}
	fclose(fp);
	return d;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .c files of dir (relative to root), sorted, into *paths. */
static size_t c_files(const char *root, const char *dir, char ***paths)
{
	char full[4096];
	DIR *d;
	struct dirent *de;
	size_t n = 0;

	snprintf(full, sizeof(full), "%s/%s", root, dir);
	if (!(d = opendir(full)))
		return 0;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);

		if (l < 3 || strcmp(de->d_name + l - 2, ".c"))
			continue;
		*paths = realloc(*paths, (n + 1) * sizeof(**paths));
		(*paths)[n] = malloc(strlen(dir) + l + 2);
		sprintf((*paths)[n++], "%s/%s", dir, de->d_name);
	}
	closedir(d);
	qsort(*paths, n, sizeof(**paths), by_name);
	return n;
}

/* The catalog's msgids (sorted), less the precisions of their conversions */
static char **msgids;
static size_t nmsgids;

/* s without the precisions of its conversions ("%.80s" as "%s"): i18n_msg() matches
 * the code's "'%.16s' is not a language" with the catalog's "'%s' is not a language".
 * Allocated. */
static char *unprecise(const char *s)
{
	char *r = strdup(s), *o = r;

	while (*s) {
		if (s[0] == '%' && s[1] == '.' && isdigit((unsigned char)s[2])) {
			*o++ = *s++;
			for (s++; isdigit((unsigned char)*s); s++)
				;
			continue;
		}
		*o++ = *s++;
	}
	*o = '\0';
	return r;
}

static int msgid_row(void *ud, int lineno, char **f, int nf, struct err *e)
{
	(void)ud, (void)lineno, (void)nf, (void)e;
	msgids = realloc(msgids, (nmsgids + 1) * sizeof(*msgids));
	msgids[nmsgids++] = unprecise(f[0]);
	return ERR_OK;
}

static int in_catalog(const char *s)
{
	char *u = unprecise(s);
	int in = bsearch(&u, msgids, nmsgids, sizeof(*msgids), by_name) != NULL;

	free(u);
	return in;
}

/* The length of the printf conversion at s, as i18n_msg() reads it ("%s", "%zu",
 * "%.80s", "%lld"...; 0: none); *numeric whether it stands for a number. */
static size_t conv_len(const char *s, int *numeric)
{
	static const char *const convs[] = { "s", "zu", "lld", "llu", "ld", "lu", "d", "u" };
	const char *q = s + 1;

	if (s[0] != '%')
		return 0;
	if (q[0] == '.')
		for (q++; isdigit((unsigned char)*q); q++)
			;
	for (size_t i = 0; i < sizeof(convs) / sizeof(convs[0]); i++)
		if (!strncmp(q, convs[i], strlen(convs[i]))) {
			*numeric = convs[i][0] != 's';
			return (size_t)(q - s) + strlen(convs[i]);
		}
	return 0;
}

/* Whether msg is pattern pat with values in place of its conversions (as i18n.c's
 * match()), each value a conversion of the message (SAMPLE_S, a number) or a form
 * field's key ("name", shown as its label): not the message's own words, which
 * would show in English inside the translation ("the comment" in "%s is longer than
 * %zu bytes"). */
#define SAMPLE_S "\x01"
static int pattern_match(const char *pat, const char *msg)
{
	int numeric;
	size_t cl;

	while (*pat) {
		if ((cl = conv_len(pat, &numeric))) {
			for (size_t len = 1; len <= strlen(msg); len++) {
				char v[64];

				if (numeric && !isdigit((unsigned char)msg[len - 1]))
					break;
				if (len >= sizeof(v))
					break;
				memcpy(v, msg, len);
				v[len] = '\0';
				if (!numeric && strcmp(v, SAMPLE_S) &&
				    strspn(v, "abcdefghijklmnopqrstuvwxyz_") < len)
					continue;
				if (pattern_match(pat + cl, msg + len))
					return 1;
			}
			return 0;
		}
		if (pat[0] == '%' && pat[1] == '%')
			pat++;
		if (*pat++ != *msg++)
			return 0;
	}
	return *msg == '\0';
}

/* The rules whose strings the pages show through i18n_msg() (a message with its
 * values, matched against the catalog's patterns), not through i18n() (as it is). */
static const char *const by_msg[] = { "err_set", "layout_msg", "web_msg", "i18n_msg",
				      "field_msg", "http_error" };

/* Whether i18n_msg() translates the messages msgid (a format) makes: msgid with a
 * sample value in place of each conversion ("name: required" as it is, "%s: longer
 * than %d bytes" as "\1: longer than 7 bytes") matches a pattern of the catalog
 * ("%s: required", "%s: longer than %zu bytes"). */
static int by_pattern(const char *msgid, const char *rule)
{
	struct sbuf b = SBUF_INIT;
	int hit = 0, msg = 0, numeric;
	size_t cl;

	for (size_t i = 0; i < sizeof(by_msg) / sizeof(by_msg[0]); i++)
		msg |= !strcmp(by_msg[i], rule);
	if (!msg)
		return 0;
	for (const char *s = msgid; *s;) {
		if (s[0] == '%' && s[1] == '%') {
			sbuf_addc(&b, '%');
			s += 2;
		} else if ((cl = conv_len(s, &numeric))) {
			sbuf_adds(&b, numeric ? "7" : SAMPLE_S);
			s += cl;
		} else {
			sbuf_addc(&b, *s++);
		}
	}
	for (size_t i = 0; i < nmsgids && !hit; i++)
		hit = strchr(msgids[i], '%') && pattern_match(msgids[i], sbuf_str(&b));
	sbuf_release(&b);
	return hit;
}

/* A string the pages show: whether it is fine (in the catalog, not a message, or not
 * translated on purpose); otherwise say where it is. */
static int check(const char *msgid, const char *path, int line, const char *rule)
{
	if (line < 0 && has_word(msgid) && !is_not_translated(msgid)) {
		print_error("%s:%d: shown untranslated (%s shows it as it is): \"%s\": write "
			    "T(\"...\")\n", path, -line, rule, msgid);
		return 1;
	}
	if (!has_word(msgid) || in_catalog(msgid) || is_not_translated(msgid) ||
	    by_pattern(msgid, rule))
		return 0;
	print_error("%s:%d: not in data/messages.tsv (%s): \"%s\"\n", path, line, rule, msgid);
	return 1;
}

/* Scan the source text d as file path; the strings into sc. web: a page's file (the
 * net applies). */
static void scan_text(struct scan *sc, const char *path, const char *d, size_t len, int web,
		      int *seen, int *seen_returns)
{
	struct src *f = calloc(1, sizeof(*f));

	f->path = path;
	sc->files = realloc(sc->files, (sc->nfiles + 1) * sizeof(*sc->files));
	sc->files[sc->nfiles++] = f;
	lex(f, d, len);
	f->used = calloc(f->n + 1, 1);
	scan_calls(sc, f, web);
	scan_members(sc, f);
	scan_tables(sc, f, seen);
	if (seen_returns)
		scan_returns(sc, f, seen_returns);
	if (web)
		scan_prose(sc, f);
}

static void load_msgids(void)
{
	size_t len;
	const char *d = (const char *)embed_find("data/messages.tsv", &len);
	struct err e = { 0 };

	if (msgids)
		return;
	assert_non_null(d);
	assert_int_equal(tsv_parse(d, len, 6, "data/messages.tsv", msgid_row, NULL, &e), ERR_OK);
	qsort(msgids, nmsgids, sizeof(*msgids), by_name);
}

/* The scanner itself, on a sample: concatenation, escapes, ?:, pool_printf's format,
 * tables and the net; and not the arguments of other calls, comments, #lines or the
 * messages of server-side errors. */
static void test_scanner(void **state)
{
	static const char sample[] =
		"#define X(s) T(\"not this\")\n"
		"/* T(\"nor this\") */ // T(\"nor that\")\n"
		"static const struct { const char *path, *label; } admin_pages[] = {\n"
		"\t{ \"/admin/users\", \"Accounts\" }, [1] = { \"/x\", \"Tab\\tbed\" },\n"
		"};\n"
		"void f(void) {\n"
		"\tT(\"Too many \" \"sign-ins\");\n"
		"\tlayout_t(r, x ? \"Yes\" : \"No \\\"quoted\\\"\");\n"
		"\tweb_heading(b, T(\"Heading\"), req_arg(r, \"intro\") ? \"Intro\" : NULL);\n"
		"\thttp_error(r, out, 400, pool_printf(r->pool, \"at most %d bytes\", n));\n"
		"\tweb_table_begin(r, b, (const char *const[]){ \"A\", \"B\", NULL });\n"
		"\thtml_fmt(b, \"<p>Loose words here</p><b>%s</b>\", \"x\");\n"
		"\tlog_info(\"Not shown to anyone\");\n"
		"\tweb_message(b, \"Raw\", 1);\n"
		"\terr_set(e, ERR_INVALID, \"bad input %s\", s);\n"
		"\terr_set(e, ERR_DB, \"cannot read %s\", s);\n"
		"\tc = '\"';\n"
		"}\n";
	static const char *const want[] = {
		"Accounts", "Tab\tbed", "Too many sign-ins", "Yes", "No \"quoted\"", "Heading",
		"Intro", "at most %d bytes", "A", "B", "Loose words here", "Raw", "bad input %s",
	};
	struct scan sc = { 0 };
	int seen[sizeof(tables) / sizeof(tables[0])] = { 0 };

	(void)state;
	scan_text(&sc, "src/web/admin.c", sample, sizeof(sample) - 1, 1, seen, NULL);
	if (sc.n != sizeof(want) / sizeof(want[0]))
		for (size_t i = 0; i < sc.n; i++)
			print_message("scanned: %s:%d (%s) \"%s\"\n", sc.v[i].path, sc.v[i].line,
				      sc.v[i].rule, sc.v[i].msgid);
	assert_int_equal(sc.n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < sc.n; i++) {
		int hit = 0;

		for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++)
			hit |= !strcmp(sc.v[i].msgid, want[k]);
		assert_true(hit);
	}
	for (size_t i = 0; i < sc.n; i++)	/* shown as it is: only those */
		assert_int_equal(sc.v[i].raw, !strcmp(sc.v[i].msgid, "Raw") ||
				 !strcmp(sc.v[i].msgid, "Intro"));
	for (size_t i = 0; i < sc.n; i++)	/* each at its line */
		if (!strcmp(sc.v[i].msgid, "Accounts") || !strcmp(sc.v[i].msgid, "Too many sign-ins"))
			assert_int_equal(sc.v[i].line, sc.v[i].msgid[0] == 'A' ? 4 : 7);
	scan_release(&sc);
}

/* Every string a user reads on the pages is a msgid of the catalog. */
static void test_interface_strings(void **state)
{
	static const char *const dirs[] = {
		"src/web", "src/view", "src/domain", "src/http", "src/import",
	};
	/* the readers of the reference data (ISO codes, their .mo names, TSV tables): they
	 * run at start-up or on the command line, never for a page */
	static const char *const skip[] = {
		"src/import/isocodes.c", "src/import/mo.c", "src/import/tsv.c",
	};
	const char *root = getenv("CCREPO_SRC") && *getenv("CCREPO_SRC") ?
			   getenv("CCREPO_SRC") : ".";
	struct scan sc = { 0 };
	int seen[sizeof(tables) / sizeof(tables[0])] = { 0 }, bad = 0, files = 0;
	int seen_returns[sizeof(returns) / sizeof(returns[0])] = { 0 };
	char **all = NULL;	/* the paths, which the found strings name */
	size_t nall = 0;

	(void)state;
	load_msgids();
	for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		char **paths = NULL;
		size_t n = c_files(root, dirs[d], &paths);

		for (size_t i = 0; i < n; i++) {
			char full[4096];
			size_t len;
			char *text;
			int web = d < 2 && strcmp(paths[i], "src/view/i18n.c") &&
				  strcmp(paths[i], "src/view/html.c"), skipped = 0;

			for (size_t k = 0; k < sizeof(skip) / sizeof(skip[0]); k++)
				skipped |= !strcmp(paths[i], skip[k]);
			snprintf(full, sizeof(full), "%s/%s", root, paths[i]);
			if (skipped || !(text = read_all(full, &len)))
				continue;
			scan_text(&sc, paths[i], text, len, web, seen, seen_returns);
			free(text);
			files++;
		}
		all = realloc(all, (nall + n) * sizeof(*all));
		memcpy(all + nall, paths, n * sizeof(*paths));
		nall += n;
		free(paths);
	}
	if (!files)
		fail_msg("no sources under %s: run from the repository's root or set CCREPO_SRC",
			 root);
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		if (!seen[t]) {
			print_error("%s: table %s not found: rename it here too\n",
				    *tables[t].file ? tables[t].file : "src", tables[t].name);
			bad++;
		}
	for (size_t r = 0; r < sizeof(returns) / sizeof(returns[0]); r++)
		if (!seen_returns[r]) {
			print_error("%s: function %s not found: rename it here too\n",
				    returns[r].file, returns[r].fn);
			bad++;
		}
	for (size_t i = 0; i < sc.n; i++)
		bad += check(sc.v[i].msgid, sc.v[i].path, sc.v[i].raw ? -sc.v[i].line :
			     sc.v[i].line, sc.v[i].rule);
	/* the names the domain gives and the pages translate */
	for (int i = 0; i < ROLE_COUNT; i++)
		bad += check(role_name((enum role)i), "src/domain/user.c", 0, "role_name");
	for (int i = 0; i < ORG_KIND_COUNT; i++)
		bad += check(org_kind_name((enum org_kind)i), "src/domain/user.c", 0,
			     "org_kind_name");
	for (int i = 0; i < SCOPE_COUNT; i++)
		bad += check(token_scope_name((enum token_scope)i), "src/domain/user.c", 0,
			     "token_scope_name");
	for (int i = 0; i < ST_COUNT; i++)
		bad += check(record_status_name((enum record_status)i), "src/domain/record.c", 0,
			     "record_status_name");
	for (int i = 0; i < REC_KIND_COUNT; i++)
		bad += check(record_kind_name((enum record_kind)i), "src/domain/record.c", 0,
			     "record_kind_name");
	for (int i = 0; i < LANG_COUNT; i++)
		bad += check(lang_name((enum lang)i), "src/core/lang.c", 0, "lang_name");
	for (int i = REGION_WORLD; i <= REGION_INTERMEDIATE; i++)
		bad += check(region_level_name((enum region_level)i), "src/domain/country.c", 0,
			     "region_level_name");
	for (int i = DIFF_UNCHANGED; i <= DIFF_CHANGED; i++)
		bad += check(diff_change_name((enum diff_change)i), "src/domain/diff.c", 0,
			     "diff_change_name");
	for (int s = 400; s < 600; s++)	/* the titles of error pages */
		if (*http_reason(s))
			bad += check(http_reason(s), "src/http/http.c", 0, "http_reason");
	if (bad)
		print_error("%d string(s) the pages show are not in data/messages.tsv: add a row "
			    "with its five translations (docs/translation.md)\n", bad);
	scan_release(&sc);
	for (size_t i = 0; i < nall; i++)
		free(all[i]);
	free(all);
	for (size_t i = 0; i < nmsgids; i++)
		free(msgids[i]);
	free(msgids);
	msgids = NULL, nmsgids = 0;
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_domain_messages),
		cmocka_unit_test(test_pattern_ok),
		cmocka_unit_test(test_plural_categories),
		cmocka_unit_test(test_plural_forms),
		cmocka_unit_test(test_catalog_plurals),
		cmocka_unit_test(test_numbers_dates),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_catalog_patterns),
		cmocka_unit_test(test_catalog_complete),
		cmocka_unit_test(test_scanner),
		cmocka_unit_test(test_interface_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
