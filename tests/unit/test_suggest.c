/* Tests of domain/suggest: suggestions for provisions in English (UK and US), French,
 * Spanish, Russian, Arabic and Chinese, procedural provisions, no suggestion for an
 * unrelated provision, word boundaries, folding of case and accents, the score and
 * reason, empty inputs, and data/concepts.tsv itself: every row loads, references
 * articles of data/articles.tsv and, as a heading, suggests its own articles. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/log.h"
#include "core/pool.h"
#include "domain/suggest.h"
#include "import/tsv.h"

struct result {
	pool *p;
	struct suggestion *s;
	size_t n;
};

static void run(struct result *r, const char *heading, const char *text, int hint)
{
	struct err e = { 0 };

	r->p = pool_new();
	assert_int_equal(suggest_articles(r->p, heading, text, (enum lang)hint, &r->s, &r->n, &e),
			 ERR_OK);
	assert_true(r->n <= SUGGEST_MAX);
	for (size_t i = 0; i < r->n; i++) {
		assert_true(r->s[i].score > 0 && r->s[i].score < 1);
		assert_true(i == 0 || r->s[i].score <= r->s[i - 1].score);
		assert_non_null(r->s[i].reason);
		assert_true(r->s[i].reason[0] != '\0');
	}
}

static void done(struct result *r)
{
	pool_free(r->p);
}

/* Position of instrument/article in the results, or -1. */
static int rank(const struct result *r, const char *instrument, int article)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->s[i].article == article && !strcmp(r->s[i].instrument, instrument))
			return (int)i;
	return -1;
}

/* Whether coe-185/coe and un-cc/uncc are the first two results, with the best score. */
static int on_top(const struct result *r, int coe, int uncc)
{
	int a = rank(r, "coe-185", coe), b = rank(r, "un-cc", uncc);

	return a >= 0 && b >= 0 && a < 2 && b < 2 && r->s[a].score == r->s[0].score &&
	       r->s[b].score == r->s[0].score;
}

static void test_uk(void **state)
{
	struct result r;

	(void)state;
	run(&r, "Unauthorised access to computer material",
	    "A person is guilty of an offence if he causes a computer to perform any function "
	    "with intent to secure access to any program or data held in any computer, and the "
	    "access he intends to secure is unauthorised.", LANG_EN);
	assert_true(on_top(&r, 2, 7));
	assert_string_equal(r.s[0].instrument, "coe-185");	/* ties: table order */
	assert_int_equal(r.s[0].article, 2);
	assert_string_equal(r.s[0].reason, "heading: \"unauthorised access to computer material\"; "
			    "text: \"access to any program or data held in any computer\"");
	assert_true(r.s[0].score > 0.5);
	done(&r);
}

static void test_us(void **state)
{
	struct result r;

	(void)state;
	run(&r, "Fraud and related activity in connection with computers",
	    "Whoever intentionally accesses a computer without authorization and thereby "
	    "obtains information from any protected computer", LANG_EN);
	assert_true(rank(&r, "coe-185", 2) >= 0);
	assert_true(rank(&r, "un-cc", 7) >= 0);
	assert_true(rank(&r, "coe-185", 8) >= 0);
	assert_true(rank(&r, "un-cc", 13) >= 0);
	/* the heading weighs more than the text */
	assert_true(r.s[rank(&r, "coe-185", 8)].score > r.s[rank(&r, "coe-185", 2)].score);
	assert_string_equal(r.s[rank(&r, "un-cc", 7)].reason,
			    "text: \"access a computer without authorization\"");
	done(&r);
}

static void test_french(void **state)
{
	struct result r;

	(void)state;
	run(&r, "Accès frauduleux à un système de traitement automatisé de données", NULL,
	    LANG_FR);
	assert_true(on_top(&r, 2, 7));
	done(&r);
	/* case and accents do not matter */
	run(&r, "ACCES FRAUDULEUX", "", LANG_FR);
	assert_true(on_top(&r, 2, 7));
	assert_string_equal(r.s[0].reason, "heading: \"accès frauduleux\"");
	done(&r);
	/* decomposed accent (e + U+0301) */
	run(&r, "Acce\xcc\x81s frauduleux", NULL, LANG_FR);
	assert_true(on_top(&r, 2, 7));
	done(&r);
	run(&r, "Atteintes aux systèmes", "Le fait d'entraver ou de fausser le fonctionnement "
	    "d'un système de traitement automatisé de données est puni de cinq ans "
	    "d'emprisonnement.", LANG_FR);
	assert_true(on_top(&r, 5, 10));
	done(&r);
}

static void test_spanish(void **state)
{
	struct result r;

	(void)state;
	run(&r, "Acceso ilícito", NULL, LANG_ES);
	assert_true(on_top(&r, 2, 7));
	done(&r);
	run(&r, "Artículo 269A. Acceso abusivo a un sistema informático", NULL, LANG_ES);
	assert_true(on_top(&r, 2, 7));
	done(&r);
	run(&r, "Fraude informático", NULL, LANG_ES);
	assert_true(on_top(&r, 8, 13));
	done(&r);
}

static void test_russian(void **state)
{
	struct result r;

	(void)state;
	run(&r, "Неправомерный доступ к компьютерной информации", NULL, LANG_RU);
	assert_true(on_top(&r, 2, 7));
	done(&r);
	/* other case forms and capitals */
	run(&r, "НЕПРАВОМЕРНОГО ДОСТУПА", NULL, LANG_RU);
	assert_true(on_top(&r, 2, 7));
	done(&r);
	run(&r, "Мошенничество в сфере компьютерной информации", NULL, LANG_RU);
	assert_true(on_top(&r, 8, 13));
	done(&r);
}

static void test_arabic_chinese(void **state)
{
	struct result r;

	(void)state;
	/* with the conjunction و and the article ال on another word, and a feminine ending */
	run(&r, "والدخول غير المشروعة", NULL, LANG_AR);
	assert_true(on_top(&r, 2, 7));
	done(&r);
	/* harakat do not count */
	run(&r, "الدُّخُول غَيْر المَشْرُوع", NULL, LANG_AR);
	assert_true(on_top(&r, 2, 7));
	done(&r);
	/* Chinese: anywhere in a run of characters */
	run(&r, "第二百八十五条【非法侵入计算机信息系统罪】", NULL, LANG_ZH);
	assert_true(on_top(&r, 2, 7));
	done(&r);
	run(&r, "非法侵入住宅罪", NULL, LANG_ZH);	/* trespass into a home */
	assert_int_equal(r.n, 0);
	done(&r);
}

static void test_procedural(void **state)
{
	struct result r;

	(void)state;
	run(&r, "Production order",
	    "A judge may order a person in its territory to submit specified computer data in "
	    "that person's possession or control, and a service provider offering its services "
	    "in the territory to submit subscriber information.", LANG_EN);
	assert_true(on_top(&r, 18, 27));
	assert_string_equal(r.s[0].reason, "heading: \"production order\"; text: "
			    "\"submit specified computer data\", \"subscriber information\"");
	done(&r);
	run(&r, "Expedited preservation of stored computer data", NULL, LANG_EN);
	assert_true(on_top(&r, 16, 25));
	assert_int_equal(r.n, 2);	/* the shorter phrases inside do not count */
	done(&r);
	/* the international request, not the domestic order */
	run(&r, "Mutual assistance in the real-time collection of traffic data", NULL, LANG_EN);
	assert_true(on_top(&r, 33, 45));
	assert_int_equal(rank(&r, "coe-185", 20), -1);
	done(&r);
	run(&r, "Injonction de produire", NULL, LANG_FR);
	assert_true(on_top(&r, 18, 27));
	done(&r);
	run(&r, "Conservación rápida de datos informáticos almacenados", NULL, LANG_ES);
	assert_true(on_top(&r, 16, 25));
	done(&r);
	run(&r, "Red 24/7", NULL, LANG_ES);
	assert_true(on_top(&r, 35, 41));
	done(&r);
}

static void test_unrelated(void **state)
{
	struct result r;

	(void)state;
	run(&r, "Excise duty on tobacco products",
	    "A duty of excise shall be charged on tobacco products manufactured in or imported "
	    "into the country at the rates specified in the First Schedule, and shall be paid "
	    "by the manufacturer or importer.", LANG_EN);
	assert_int_equal(r.n, 0);
	assert_null(r.s);
	done(&r);
}

static void test_boundaries(void **state)
{
	struct result r;

	(void)state;
	/* "access" inside "accessibility" and "fraud" inside "fraudster"s do not count */
	run(&r, "Accessibility of public websites",
	    "Unauthorised accessibility audits; fraudulently; defrauded", LANG_EN);
	assert_int_equal(r.n, 0);
	done(&r);
	/* nor across the end of a word */
	run(&r, "Unauthorisedaccess", "illegalinterception", LANG_EN);
	assert_int_equal(r.n, 0);
	done(&r);
	/* short inflections do */
	run(&r, "Accessing a computer without authorisation", NULL, LANG_EN);
	assert_true(on_top(&r, 2, 7));
	done(&r);
	/* punctuation and line breaks between the words are fine */
	run(&r, "Illegal\n  access --", NULL, LANG_EN);
	assert_true(on_top(&r, 2, 7));
	done(&r);
}

static void test_scores(void **state)
{
	struct result h, t, both, hint;

	(void)state;
	run(&h, "illegal interception", NULL, -1);
	run(&t, NULL, "illegal interception", -1);
	run(&both, "illegal interception", "by technical means, unlawful interception", -1);
	assert_true(on_top(&h, 3, 8) && on_top(&t, 3, 8) && on_top(&both, 3, 8));
	assert_true(h.s[0].score > t.s[0].score);
	assert_true(both.s[0].score > h.s[0].score);
	assert_true(h.s[0].score > 0.49 && h.s[0].score < 0.51);	/* 3 / (3 + 3) */
	assert_true(t.s[0].score > 0.24 && t.s[0].score < 0.26);	/* 1 / (1 + 3) */
	assert_string_equal(both.s[0].reason, "heading: \"illegal interception\"; text: "
			    "\"unlawful interception\"");
	/* diminishing returns: three phrases score less than three times one */
	done(&both);
	run(&both, "illegal interception; unlawful interception; unauthorised interception",
	    NULL, -1);
	assert_true(both.s[0].score < 0.75);
	assert_true(both.s[0].score > h.s[0].score);
	done(&both);
	/* at most SUGGEST_MAX, best first */
	run(&both, "Illegal access, illegal interception, data interference, system "
	    "interference, misuse of devices, computer-related forgery, computer-related fraud",
	    "extradition", -1);
	assert_int_equal(both.n, SUGGEST_MAX);
	assert_true(both.s[SUGGEST_MAX - 1].score > t.s[0].score);	/* text-only left out */
	done(&both);
	/* the hint breaks ties: "extradition" is a phrase in English and French, "mutual
	 * legal assistance" in English only */
	run(&hint, "Extradition; mutual legal assistance", NULL, LANG_FR);
	assert_int_equal(hint.n, 5);
	assert_int_equal(rank(&hint, "coe-185", 24), 0);
	assert_int_equal(rank(&hint, "un-cc", 37), 1);
	assert_int_equal(rank(&hint, "coe-185", 25), 2);
	done(&hint);
	run(&hint, "Extradition; mutual legal assistance", NULL, LANG_EN);
	assert_int_equal(rank(&hint, "coe-185", 24), 0);
	assert_int_equal(rank(&hint, "coe-185", 25), 1);
	assert_int_equal(rank(&hint, "un-cc", 37), 3);
	done(&hint);
	done(&h);
	done(&t);
}

static void test_empty(void **state)
{
	struct result r;
	char big[SUGGEST_MAX_INPUT + 64];

	(void)state;
	run(&r, NULL, NULL, -1);
	assert_int_equal(r.n, 0);
	done(&r);
	run(&r, "", "", LANG_EN);
	assert_int_equal(r.n, 0);
	done(&r);
	run(&r, " \n\t.,;", "\xff\xfe\xc3", 99);	/* punctuation, invalid UTF-8, bad hint */
	assert_int_equal(r.n, 0);
	done(&r);
	/* only the first SUGGEST_MAX_INPUT bytes are examined */
	memset(big, ' ', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memcpy(big + sizeof(big) - 20, "illegal access", 14);
	run(&r, NULL, big, -1);
	assert_int_equal(r.n, 0);
	done(&r);
	memcpy(big + 10, "illegal access", 14);
	run(&r, NULL, big, -1);
	assert_true(on_top(&r, 2, 7));
	done(&r);
}

/* ---- the table ---- */

struct refs {
	char (*id)[48];
	size_t n;
};

static int on_article(void *ud, int lineno, char **f, int nf, struct err *e)
{
	struct refs *r = ud;

	(void)lineno, (void)nf, (void)e;
	r->id = realloc(r->id, (r->n + 1) * sizeof(*r->id));
	snprintf(r->id[r->n++], sizeof(*r->id), "%s/%s", f[0], f[1]);
	return 0;
}

struct rows {
	struct refs *refs;
	int n, bad;
	int per_lang[LANG_COUNT];
	char concepts[64][48];
	int nconcepts;
};

static int on_concept(void *ud, int lineno, char **f, int nf, struct err *e)
{
	struct rows *r = ud;
	char list[TSV_MAX_LINE], *save = NULL;
	int lang = lang_parse(f[2], -1), known = 0;

	(void)nf, (void)e;
	r->n++;
	if (lang < 0) {
		fprintf(stderr, "concepts.tsv:%d: bad language %s\n", lineno, f[2]);
		r->bad++;
	} else {
		r->per_lang[lang]++;
	}
	snprintf(list, sizeof(list), "%s", f[1]);
	for (char *t = strtok_r(list, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		size_t i;

		for (i = 0; i < r->refs->n && strcmp(r->refs->id[i], t); i++)
			;
		if (i == r->refs->n) {
			fprintf(stderr, "concepts.tsv:%d: no article %s\n", lineno, t);
			r->bad++;
		}
	}
	for (int i = 0; i < r->nconcepts; i++)
		known |= !strcmp(r->concepts[i], f[0]);
	if (!known && r->nconcepts < 64)
		snprintf(r->concepts[r->nconcepts++], sizeof(r->concepts[0]), "%s", f[0]);
	return 0;
}

static void test_table(void **state)
{
	struct refs refs = { NULL, 0 };
	struct rows rows;
	struct err e = { 0 };
	const unsigned char *d;
	const struct suggest_phrase *ph;
	size_t len, n;

	(void)state;
	memset(&rows, 0, sizeof(rows));
	rows.refs = &refs;
	d = embed_find("data/articles.tsv", &len);
	assert_non_null(d);
	assert_int_equal(tsv_parse((const char *)d, len, 5, "articles.tsv", on_article, &refs,
				   &e), ERR_OK);
	assert_int_equal(refs.n, 48 + 68);
	d = embed_find("data/concepts.tsv", &len);
	assert_non_null(d);
	assert_int_equal(tsv_parse((const char *)d, len, 4, "concepts.tsv", on_concept, &rows,
				   &e), ERR_OK);
	/* every row references existing articles and loads */
	assert_int_equal(rows.bad, 0);
	assert_int_equal(suggest_check(&e), ERR_OK);
	ph = suggest_phrases(&n);
	assert_int_equal(n, (size_t)rows.n);
	assert_true(rows.nconcepts >= 40);
	/* several English phrases per concept; French, Spanish; some Russian, Arabic,
	 * Chinese */
	assert_true(rows.per_lang[LANG_EN] >= 3 * rows.nconcepts);
	assert_true(rows.per_lang[LANG_FR] >= 100);
	assert_true(rows.per_lang[LANG_ES] >= 100);
	assert_true(rows.per_lang[LANG_RU] >= 40);
	assert_true(rows.per_lang[LANG_AR] >= 40);
	assert_true(rows.per_lang[LANG_ZH] >= 40);
	assert_string_equal(ph[0].concept, "definitions");
	free(refs.id);
}

/* Every phrase, as a heading, suggests its own articles with the best score. */
static void test_phrases_find_themselves(void **state)
{
	const struct suggest_phrase *ph;
	size_t n;
	int failed = 0;

	(void)state;
	ph = suggest_phrases(&n);
	for (size_t i = 0; i < n; i++) {
		struct result r;
		char list[256], *save = NULL;

		run(&r, ph[i].phrase, NULL, (int)ph[i].lang);
		snprintf(list, sizeof(list), "%s", ph[i].articles);
		for (char *t = strtok_r(list, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
			char *slash = strchr(t, '/');
			int k;

			*slash = '\0';
			k = rank(&r, t, atoi(slash + 1));
			if (k < 0 || r.s[k].score < r.s[0].score) {
				fprintf(stderr, "'%s' (%s) does not suggest %s/%s first\n",
					ph[i].phrase, ph[i].concept, t, slash + 1);
				failed++;
			}
		}
		done(&r);
	}
	assert_int_equal(failed, 0);
}

/* The rows as loaded: a language, a lowercase phrase, article references. */
static void test_rows_well_formed(void **state)
{
	const struct suggest_phrase *ph;
	size_t n;

	(void)state;
	ph = suggest_phrases(&n);
	for (size_t i = 0; i < n; i++) {
		assert_true((unsigned)ph[i].lang < LANG_COUNT);
		assert_true(ph[i].phrase[0] != '\0');
		assert_non_null(strchr(ph[i].articles, '/'));
		for (const char *c = ph[i].phrase; *c; c++)
			assert_false(*c >= 'A' && *c <= 'Z');
	}
}

/* ---- suggest_work: a whole work ---- */

/* Whether item it suggests instrument/article. */
static int has(const struct suggest_item *it, const char *instrument, int article)
{
	for (size_t i = 0; i < it->n; i++)
		if (it->sg[i].article == article && !strcmp(it->sg[i].instrument, instrument))
			return 1;
	return 0;
}

/* A small computer-misuse law: offences, an attempt clause, penalties with sub-clauses,
 * definitions, an exception, and a numbered container over two offences. */
static const struct suggest_item law[] = {
	{ "Computer crimes", NULL, -1, NULL, 0, "chapter" },				/* 0 */
	{ "Unauthorised access to computer material",
	  "A person who intentionally accesses a computer without authorization commits an "
	  "offence.", 0, NULL, 0, NULL },
	{ NULL, "Whoever conspires to commit or attempts to commit an offence under "
	  "section 1 shall be punished as provided in section 3.", 0, NULL, 0, NULL },
	{ NULL, "The punishment for an offence under section 1 or 2 is", 0, NULL, 0, NULL },
	{ NULL, "a fine or imprisonment for not more than 5 years, or an attempt to commit "
	  "an offence punishable under this paragraph;", 3, NULL, 0, NULL },		/* 4 */
	{ NULL, "As used in this Act", 0, NULL, 0, NULL },
	{ NULL, "the term \"exceeds authorized access\" means to access a computer with "
	  "authorization and to use such access to alter information;", 5, NULL, 0, NULL },
	{ "Exceptions", "This Act does not prohibit lawful interception of communications "
	  "by the police.", 0, NULL, 0, NULL },
	{ NULL, NULL, 0, NULL, 0, NULL },
	{ NULL, "knowingly causes the transmission of a program, and as a result "
	  "intentionally causes damage without authorization, to a computer;", 8, NULL, 0, NULL },
	{ NULL, "intentionally accesses a computer without authorization, and as a result "
	  "recklessly causes damage;", 8, NULL, 0, NULL },
	{ NULL, "The court, in imposing sentence on a person convicted under this Act, shall "
	  "also take into account any loss caused to a victim by fraud.", 0, NULL, 0, NULL },
};
#define NLAW (sizeof(law) / sizeof(*law))

static void work(pool *p, struct suggest_item *it, const struct suggest_item *src, size_t n,
		 int lang)
{
	struct err e = { 0 };

	memcpy(it, src, n * sizeof(*it));
	assert_int_equal(suggest_work(p, it, n, lang, &e), ERR_OK);
	for (size_t i = 0; i < n; i++) {
		assert_true(it[i].n <= SUGGEST_MAX);
		for (size_t k = 0; k < it[i].n; k++) {
			assert_non_null(it[i].sg[k].phrase);
			assert_non_null(it[i].sg[k].reason);
			assert_true(it[i].sg[k].score > 0 && it[i].sg[k].score < 1);
		}
	}
}

static void test_work_rules(void **state)
{
	pool *p = pool_new();
	struct suggest_item it[NLAW];

	(void)state;
	work(p, it, law, NLAW, LANG_EN);
	/* the offence, with its phrase */
	assert_true(has(&it[1], "coe-185", 2) && has(&it[1], "un-cc", 7));
	assert_true(it[1].sg[0].in_heading);
	assert_string_equal(it[1].sg[0].phrase, "unauthorised access to computer material");
	/* attempt where the text starts with it; the penalty provision gives sanctions, and
	 * under it only penalties count ("an attempt to commit" in a penalty clause) */
	assert_true(has(&it[2], "coe-185", 11) && has(&it[2], "un-cc", 19));
	assert_true(has(&it[3], "coe-185", 13) && has(&it[3], "un-cc", 21));
	assert_int_equal(it[4].n, 0);
	/* definitions where they are introduced, nothing of the terms they define */
	assert_true(has(&it[5], "coe-185", 1) && has(&it[5], "un-cc", 2));
	assert_string_equal(it[5].sg[0].phrase, "as used in this");
	assert_int_equal(it[6].n, 0);
	/* an exception maps nothing */
	assert_int_equal(it[7].n, 0);
	/* a container without text takes what its children share */
	assert_true(has(&it[8], "coe-185", 4) && has(&it[8], "un-cc", 9));
	assert_true(has(&it[8], "coe-185", 2));	/* one child of two is half */
	assert_false(has(&it[0], "coe-185", 4));	/* a heading is not a container */
	/* one generic word late in the text is not enough */
	assert_int_equal(it[11].n, 0);
	pool_free(p);
}

static void test_work_language(void **state)
{
	static const struct suggest_item src[] = {
		{ "Infractions informatiques", NULL, -1, NULL, 0, NULL },
		{ NULL, "Le fait d'accéder ou de se maintenir, frauduleusement, dans tout ou "
		  "partie d'un système de traitement automatisé de données est puni de trois "
		  "ans d'emprisonnement. Lorsque l'infraction a été commise à l'encontre d'un "
		  "système de traitement automatisé de données à caractère personnel mis en "
		  "œuvre par l'État, la peine est portée à sept ans.", 0, NULL, 0, NULL },
		{ NULL, "Le fait d'entraver ou de fausser le fonctionnement d'un système de "
		  "traitement automatisé de données est puni de cinq ans d'emprisonnement.", 0,
		  NULL, 0, NULL },
		{ NULL, "La tentative des délits prévus par la présente section est punie des "
		  "mêmes peines.", 0, NULL, 0, NULL },
		/* "entraîner" is not "entraide"; the English "competent" not "compétence" */
		{ NULL, "Ces faits peuvent entraîner la saisine du tribunal competent.", 0, NULL,
		  0, NULL },
	};
	struct suggest_item it[sizeof(src) / sizeof(*src)];
	pool *p = pool_new();

	(void)state;
	work(p, it, src, sizeof(src) / sizeof(*src), LANG_FR);
	assert_true(has(&it[1], "coe-185", 2) && has(&it[1], "un-cc", 7));
	assert_false(has(&it[1], "un-cc", 36));	/* an aggravating circumstance */
	assert_true(has(&it[2], "coe-185", 5) && has(&it[2], "un-cc", 10));
	assert_true(has(&it[3], "coe-185", 11) && has(&it[3], "un-cc", 19));
	assert_int_equal(it[4].n, 0);
	pool_free(p);
}

/* A law about something else (pensions) names penalties, definitions and bodies
 * corporate: none of that is a mapping. */
static void test_work_off_topic(void **state)
{
	static const struct suggest_item src[] = {
		{ "Interpretation", "In this Act, unless the context otherwise requires—", -1,
		  NULL, 0, NULL },
		{ "General penalty", "Any person who contravenes this Act is liable to penalties "
		  "under section 9.", -1, NULL, 0, NULL },
		{ "Offences by bodies corporate", "Where an offence is committed by a body "
		  "corporate, every director is guilty of the offence.", -1, NULL, 0, NULL },
		{ "Jurisdiction", "The High Court has jurisdiction to hear appeals.", -1, NULL,
		  0, NULL },
	};
	struct suggest_item it[sizeof(src) / sizeof(*src)];
	pool *p = pool_new();

	(void)state;
	work(p, it, src, sizeof(src) / sizeof(*src), LANG_EN);
	for (size_t i = 0; i < sizeof(src) / sizeof(*src); i++)
		assert_int_equal(it[i].n, 0);
	pool_free(p);
}

static void test_work_empty(void **state)
{
	struct suggest_item it[1] = { { NULL, NULL, -1, NULL, 0, NULL } };
	pool *p = pool_new();
	struct err e = { 0 };

	(void)state;
	assert_int_equal(suggest_work(p, it, 0, LANG_EN, &e), ERR_OK);
	assert_int_equal(suggest_work(p, it, 1, -1, &e), ERR_OK);
	assert_int_equal(it[0].n, 0);
	assert_null(it[0].sg);
	pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uk),
		cmocka_unit_test(test_us),
		cmocka_unit_test(test_french),
		cmocka_unit_test(test_spanish),
		cmocka_unit_test(test_russian),
		cmocka_unit_test(test_arabic_chinese),
		cmocka_unit_test(test_procedural),
		cmocka_unit_test(test_unrelated),
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_scores),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_phrases_find_themselves),
		cmocka_unit_test(test_rows_well_formed),
		cmocka_unit_test(test_work_rules),
		cmocka_unit_test(test_work_language),
		cmocka_unit_test(test_work_off_topic),
		cmocka_unit_test(test_work_empty),
	};

	log_set_level(LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
