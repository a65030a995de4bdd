/* Tests of domain/questionnaire: the template format (every kind valid and invalid,
 * texts in the UN languages, ids, limits, duplicates), the shipped template, which
 * questions carry over between versions, and the stored versions: import as draft and
 * again, publish, a published version refused, unknown articles, permissions and the
 * audit entries. On temporary databases with the real reference data (articles);
 * those tests are skipped without iso-codes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

#include "core/embed.h"
#include "domain/audit.h"
#include "domain/limits.h"
#include "domain/questionnaire.h"
#include "store/store.h"

/* A template of version v whose dimension "legal" holds question q (JSON) and a
 * yes_partly_no question "legal.base". */
static const char *tmpl(pool *p, int v, const char *q)
{
	return pool_printf(p, "{\"id\": \"t1\", \"version\": %d, \"title\": {\"en\": \"Test\", "
			   "\"fr\": \"Essai\"}, \"dimensions\": [{\"id\": \"legal\", "
			   "\"questions\": [{\"id\": \"legal.base\", \"kind\": "
			   "\"yes_partly_no\", \"text\": \"Base?\"}%s%s]}]}", v, q ? ", " : "",
			   q ? q : "");
}

static int parse(pool *p, const char *json, struct qn_template **t, struct err *e)
{
	memset(e, 0, sizeof(*e));
	return qn_parse(p, json, strlen(json), t, e);
}

#define STAGES "\"stages\": [\"one\", \"two\", \"three\", \"four\", \"five\"]"

/* Every kind, valid. */
static void test_kinds_valid(void **state)
{
	static const char *const ok[] = {
		"{\"id\": \"q.stage\", \"kind\": \"stage\", \"text\": \"How mature?\", " STAGES
		", \"evidence\": \"required\", \"articles\": [\"un-cc/7\"]}",
		"{\"id\": \"q.ypn\", \"kind\": \"yes_partly_no\", \"text\": {\"en\": \"Is it?\", "
		"\"ar\": \"\xd9\x87\xd9\x84\xd8\x9f\", \"zh\": \"\xe6\x98\xaf\xe5\x90\x97\xef\xbc\x9f\", "
		"\"es\": \"\xc2\xbfLo es?\"}, \"help\": \"Say so.\"}",
		"{\"id\": \"q.num\", \"kind\": \"number\", \"text\": \"How many?\", \"min\": 0, "
		"\"max\": 10.5}",
		"{\"id\": \"q.num2\", \"kind\": \"number\", \"text\": \"How many?\"}",
		"{\"id\": \"q.choice\", \"kind\": \"choice\", \"text\": \"Which?\", \"options\": "
		"[{\"id\": \"a\", \"text\": \"A\"}, {\"id\": \"b\", \"text\": {\"en\": \"B\", "
		"\"ru\": \"\xd0\x91\"}}], \"evidence\": \"optional\"}",
		"{\"id\": \"q_text-1\", \"kind\": \"text\", \"text\": \"Describe.\", "
		"\"evidence\": \"none\"}",
	};
	pool *p = pool_new();
	struct qn_template *t;
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		if (parse(p, tmpl(p, 1, ok[i]), &t, &e))
			fail_msg("%s: %s", ok[i], e.msg);
		assert_int_equal(t->nquestions, 2);
		assert_int_equal(t->questions[1].ordinal, 2);
		assert_int_equal(t->questions[1].kind, (int)i < 2 ? (int)i : i < 4 ? QN_NUMBER
				 : (int)i - 1);
	}
	assert_int_equal(parse(p, tmpl(p, 1, ok[0]), &t, &e), ERR_OK);
	assert_string_equal(t->id, "t1");
	assert_string_equal(t->title.t[LANG_FR], "Essai");
	assert_string_equal(t->questions[1].stages[4].t[LANG_EN], "five");
	assert_int_equal(t->questions[1].evidence, QN_EV_REQUIRED);
	assert_int_equal(t->questions[0].evidence, QN_EV_NONE);
	assert_int_equal(t->questions[1].narticles, 1);
	assert_string_equal(t->questions[1].articles[0], "un-cc/7");
	assert_int_equal(parse(p, tmpl(p, 1, ok[1]), &t, &e), ERR_OK);
	assert_non_null(t->questions[1].text.t[LANG_AR]);
	assert_null(t->questions[1].text.t[LANG_FR]);
	assert_string_equal(t->questions[1].help->t[LANG_EN], "Say so.");
	assert_int_equal(parse(p, tmpl(p, 1, ok[2]), &t, &e), ERR_OK);
	assert_true(t->questions[1].has_min && t->questions[1].has_max);
	assert_true(t->questions[1].max == 10.5);
	assert_int_equal(parse(p, tmpl(p, 1, ok[4]), &t, &e), ERR_OK);
	assert_int_equal(t->questions[1].noptions, 2);
	assert_string_equal(t->questions[1].options[1].text.t[LANG_RU], "\xd0\x91");
	pool_free(p);
}

/* Each invalid question is refused with a message naming it and the fault. */
static void test_kinds_invalid(void **state)
{
	static const struct {
		const char *q, *msg;
	} bad[] = {
		{ "{\"id\": \"q1\", \"kind\": \"stage\", \"text\": \"T\", \"stages\": [\"a\", "
		  "\"b\"]}", "question q1: a stage question has exactly 5 stages" },
		{ "{\"id\": \"q1\", \"kind\": \"stage\", \"text\": \"T\"}",
		  "question q1: stages is missing" },
		{ "{\"id\": \"q1\", \"kind\": \"stage\", \"text\": \"T\", \"stages\": [\"a\", "
		  "\"b\", \"c\", \"d\", \"\"]}", "question q1: stages[4] is empty" },
		{ "{\"id\": \"q1\", \"kind\": \"yes_partly_no\", \"text\": \"T\", \"options\": []}",
		  "question q1: options is not allowed in a yes_partly_no question" },
		{ "{\"id\": \"q1\", \"kind\": \"number\", \"text\": \"T\", \"min\": 5, \"max\": 1}",
		  "question q1: min is greater than max" },
		{ "{\"id\": \"q1\", \"kind\": \"number\", \"text\": \"T\", \"min\": \"5\"}",
		  "question q1: min has the wrong type (number expected)" },
		{ "{\"id\": \"q1\", \"kind\": \"choice\", \"text\": \"T\", \"options\": [{\"id\": "
		  "\"a\", \"text\": \"A\"}]}", "question q1: a choice question has at least 2 "
		  "options" },
		{ "{\"id\": \"q1\", \"kind\": \"choice\", \"text\": \"T\", \"options\": [{\"id\": "
		  "\"a\", \"text\": \"A\"}, {\"id\": \"a\", \"text\": \"B\"}]}",
		  "question q1: duplicate id 'a'" },
		{ "{\"id\": \"q1\", \"kind\": \"choice\", \"text\": \"T\", \"options\": [{\"id\": "
		  "\"a\", \"text\": \"A\"}, {\"id\": \"b\"}]}",
		  "question q1, option 2: text is missing" },
		{ "{\"id\": \"q1\", \"kind\": \"choice\", \"text\": \"T\"}",
		  "question q1: options is missing" },
		{ "{\"id\": \"q1\", \"kind\": \"text\", \"text\": \"T\", \"min\": 1}",
		  "question q1: min is not allowed in a text question" },
		{ "{\"id\": \"q1\", \"kind\": \"scale\", \"text\": \"T\"}",
		  "question q1: unknown kind 'scale'" },
		{ "{\"id\": \"q1\", \"text\": \"T\"}", "question q1: kind is missing" },
		{ "{\"id\": \"q1\", \"kind\": \"text\"}", "question q1: text is missing" },
		{ "{\"id\": \"q1\", \"kind\": \"text\", \"text\": {\"fr\": \"T\"}}",
		  "question q1: text.en is missing" },
		{ "{\"id\": \"q1\", \"kind\": \"text\", \"text\": {\"en\": \"T\", \"de\": \"T\"}}",
		  "question q1: unknown language 'de'" },
		{ "{\"id\": \"q1\", \"kind\": \"text\", \"text\": 3}",
		  "question q1: text has the wrong type" },
		{ "{\"id\": \"q1\", \"kind\": \"text\", \"text\": \"T\", \"evidence\": \"maybe\"}",
		  "question q1: unknown evidence 'maybe'" },
		{ "{\"id\": \"q1\", \"kind\": \"text\", \"text\": \"T\", \"articles\": [\"x\"]}",
		  "question q1: 'x' is not an article" },
		{ "{\"id\": \"q1\", \"kind\": \"text\", \"text\": \"T\", \"colour\": \"red\"}",
		  "question q1: unknown field 'colour'" },
		{ "{\"id\": \"q 1\", \"kind\": \"text\", \"text\": \"T\"}",
		  "dimension legal: 'q 1' is not an id" },
		{ "{\"kind\": \"text\", \"text\": \"T\"}", "dimension legal: id is missing" },
		{ "{\"id\": \"legal.base\", \"kind\": \"text\", \"text\": \"T\"}",
		  "dimension legal: duplicate id 'legal.base'" },
		{ "\"q1\"", "dimension legal: question has the wrong type" },
	};
	pool *p = pool_new();
	struct qn_template *t;
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(p, tmpl(p, 1, bad[i].q), &t, &e) != ERR_INVALID)
			fail_msg("accepted: %s", bad[i].q);
		if (!strstr(e.msg, bad[i].msg))
			fail_msg("%s: '%s', not '%s'", bad[i].q, e.msg, bad[i].msg);
		assert_null(t);
	}
	pool_free(p);
}

/* The template's own fields, the dimensions and the limits. */
static void test_template_and_limits(void **state)
{
	static const struct {
		const char *json, *msg;
	} bad[] = {
		{ "", "template: not JSON" },
		{ "[]", "template: not JSON" },
		{ "{\"id\": \"t\", \"version\": 1, \"title\": \"T\", \"dimensions\": [{\"id\": "
		  "\"legal\", \"questions\": [{\"id\": \"a\", \"kind\": \"text\", \"text\": "
		  "\"T\"}, {\"id\": \"a\", \"kind\": \"text\", \"text\": \"T\"}]}], \"id\": \"u\"}",
		  "template: not JSON" },	/* a key twice */
		{ "{\"id\": \"t\", \"version\": 0, \"title\": \"T\", \"dimensions\": []}",
		  "version: must be a whole number from 1 to" },
		{ "{\"id\": \"t\", \"version\": 1.5, \"title\": \"T\", \"dimensions\": []}",
		  "version: must be a whole number" },
		{ "{\"id\": \"t\", \"version\": 1, \"dimensions\": []}",
		  "template: title is missing" },
		{ "{\"id\": \"t\", \"version\": 1, \"title\": \"T\"}",
		  "template: dimensions is missing" },
		{ "{\"id\": \"t\", \"version\": 1, \"title\": \"T\", \"dimensions\": []}",
		  "template: no questions" },
		{ "{\"id\": \"t\", \"version\": 1, \"title\": \"T\", \"dimensions\": [{\"id\": "
		  "\"economy\", \"questions\": []}]}", "dimension economy: unknown dimension" },
		{ "{\"id\": \"t\", \"version\": 1, \"title\": \"T\", \"dimensions\": [{\"id\": "
		  "\"legal\", \"questions\": []}, {\"id\": \"legal\", \"questions\": []}]}",
		  "template: duplicate id 'legal'" },
		{ "{\"id\": \"t\", \"version\": 1, \"title\": \"T\", \"dimensions\": [{\"id\": "
		  "\"legal\", \"questions\": [{\"id\": \"a\", \"kind\": \"text\", \"text\": "
		  "\"T\"}]}, {\"id\": \"training\", \"questions\": [{\"id\": \"a\", \"kind\": "
		  "\"text\", \"text\": \"T\"}]}]}",
		  "dimension training: duplicate id 'a'" },	/* across dimensions */
		{ "{\"id\": \"t\", \"version\": 1, \"title\": \"T\", \"extra\": 1, "
		  "\"dimensions\": []}", "template: unknown field 'extra'" },
	};
	pool *p = pool_new();
	struct qn_template *t;
	struct sbuf sb = SBUF_INIT;
	struct err e;
	char *big;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(p, bad[i].json, &t, &e) != ERR_INVALID)
			fail_msg("accepted: %s", bad[i].json);
		if (!strstr(e.msg, bad[i].msg))
			fail_msg("%s: '%s', not '%s'", bad[i].json, e.msg, bad[i].msg);
	}
	/* a text one byte too long, and one just long enough */
	big = pool_calloc(p, LIMIT_QN_TEXT + 2, 1);
	memset(big, 'x', LIMIT_QN_TEXT + 1);
	assert_int_equal(parse(p, tmpl(p, 1, pool_printf(p, "{\"id\": \"q\", \"kind\": "
				"\"text\", \"text\": \"%s\"}", big)), &t, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "question q: text is longer than 2000 bytes"));
	big[LIMIT_QN_TEXT] = 0;
	assert_int_equal(parse(p, tmpl(p, 1, pool_printf(p, "{\"id\": \"q\", \"kind\": "
				"\"text\", \"text\": \"%s\"}", big)), &t, &e), ERR_OK);
	/* an id too long */
	memset(big, 'i', LIMIT_QN_ID + 1);
	big[LIMIT_QN_ID + 1] = 0;
	assert_int_equal(parse(p, tmpl(p, 1, pool_printf(p, "{\"id\": \"%s\", \"kind\": "
				"\"text\", \"text\": \"T\"}", big)), &t, &e), ERR_INVALID);
	/* too many options */
	sbuf_adds(&sb, "{\"id\": \"q\", \"kind\": \"choice\", \"text\": \"T\", \"options\": [");
	for (int i = 0; i <= LIMIT_QN_OPTIONS; i++)
		sbuf_addf(&sb, "%s{\"id\": \"o%d\", \"text\": \"O\"}", i ? ", " : "", i);
	sbuf_adds(&sb, "]}");
	assert_int_equal(parse(p, tmpl(p, 1, sbuf_str(&sb)), &t, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "question q: options has more than 30 entries"));
	/* too many questions */
	sbuf_release(&sb);
	for (int i = 0; i < LIMIT_QN_QUESTIONS; i++)
		sbuf_addf(&sb, "%s{\"id\": \"q%d\", \"kind\": \"text\", \"text\": \"T\"}",
			  i ? ", " : "", i);
	assert_int_equal(parse(p, tmpl(p, 1, sbuf_str(&sb)), &t, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "questions has more than 200 entries"));
	sbuf_release(&sb);
	/* too many bytes: refused before parsing */
	memset(&e, 0, sizeof(e));
	assert_int_equal(qn_parse(p, "{}", LIMIT_QN_BYTES + 1, &t, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "template: larger than"));
	pool_free(p);
}

/* The shipped template: 30 to 60 questions in the six dimensions, every kind, stage
 * descriptions everywhere, articles named. */
static void test_shipped(void **state)
{
	pool *p = pool_new();
	size_t len = 0;
	const char *json = (const char *)embed_find(QN_SHIPPED_PATH, &len);
	struct qn_template *t;
	int per_dim[8] = { 0 }, per_kind[QN_KIND_COUNT] = { 0 }, with_articles = 0;
	struct err e = { 0 };

	(void)state;
	assert_non_null(json);
	if (qn_parse(p, json, len, &t, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(t->version, 1);
	for (int l = 0; l < LANG_COUNT; l++)
		assert_non_null(t->title.t[l]);
	assert_true(t->nquestions >= 30 && t->nquestions <= 60);
	assert_int_equal(t->ndimensions, 6);
	for (size_t i = 0; i < t->nquestions; i++) {
		const struct qn_question *q = &t->questions[i];

		per_dim[q->dimension]++;
		per_kind[q->kind]++;
		with_articles += q->narticles > 0;
		for (int k = 0; q->kind == QN_STAGE && k < QN_STAGES; k++)
			assert_non_null(q->stages[k].t[LANG_EN]);
	}
	for (size_t d = 0; d < qn_dimension_count; d++)
		assert_true(per_dim[d] >= 3);
	for (int k = 0; k < QN_KIND_COUNT; k++)
		assert_true(per_kind[k] >= 2);
	assert_true(with_articles >= 10);
	pool_free(p);
}

/* Which questions of a new version carry over. */
static void test_unchanged(void **state)
{
	pool *p = pool_new();
	const char *v1 = "{\"id\": \"t\", \"version\": 1, \"title\": \"T\", \"dimensions\": "
		"[{\"id\": \"legal\", \"questions\": ["
		"{\"id\": \"same\", \"kind\": \"text\", \"text\": \"Describe.\"},"
		"{\"id\": \"reworded\", \"kind\": \"yes_partly_no\", \"text\": \"Is it?\"},"
		"{\"id\": \"rekinded\", \"kind\": \"yes_partly_no\", \"text\": \"Is it?\"},"
		"{\"id\": \"opts\", \"kind\": \"choice\", \"text\": \"Which?\", \"options\": "
		"[{\"id\": \"a\", \"text\": \"A\"}, {\"id\": \"b\", \"text\": \"B\"}]},"
		"{\"id\": \"range\", \"kind\": \"number\", \"text\": \"N?\", \"max\": 10},"
		"{\"id\": \"stage\", \"kind\": \"stage\", \"text\": \"S?\", " STAGES "},"
		"{\"id\": \"translated\", \"kind\": \"text\", \"text\": \"Why?\"}"
		"]}]}";
	const char *v2 = "{\"id\": \"t\", \"version\": 2, \"title\": \"T2\", \"dimensions\": "
		"[{\"id\": \"training\", \"questions\": ["
		"{\"id\": \"new\", \"kind\": \"text\", \"text\": \"New.\"},"
		"{\"id\": \"same\", \"kind\": \"text\", \"text\": \"Describe.\", \"help\": \"H\", "
		"\"evidence\": \"required\"},"
		"{\"id\": \"reworded\", \"kind\": \"yes_partly_no\", \"text\": \"Is it so?\"},"
		"{\"id\": \"rekinded\", \"kind\": \"text\", \"text\": \"Is it?\"},"
		"{\"id\": \"opts\", \"kind\": \"choice\", \"text\": \"Which?\", \"options\": "
		"[{\"id\": \"a\", \"text\": \"A\"}, {\"id\": \"b\", \"text\": \"B2\"}]},"
		"{\"id\": \"range\", \"kind\": \"number\", \"text\": \"N?\", \"max\": 5},"
		"{\"id\": \"stage\", \"kind\": \"stage\", \"text\": \"S?\", " STAGES "},"
		"{\"id\": \"translated\", \"kind\": \"text\", \"text\": {\"en\": \"Why?\", "
		"\"fr\": \"Pourquoi ?\"}}"
		"]}]}";
	struct qn_template *a, *b;
	int *keep;
	struct err e;
	/* in v2's order */
	static const int want[] = { 0, 1, 0, 0, 0, 0, 1, 1 };

	(void)state;
	assert_int_equal(parse(p, v1, &a, &e), ERR_OK);
	assert_int_equal(parse(p, v2, &b, &e), ERR_OK);
	assert_int_equal(qn_unchanged(p, a, b, &keep), 3);
	for (size_t i = 0; i < b->nquestions; i++)
		if (keep[i] != want[i])
			fail_msg("%s: %d", b->questions[i].id, keep[i]);
	assert_int_equal(qn_unchanged(p, a, a, &keep), a->nquestions);
	pool_free(p);
}

static size_t audit_count(struct store *s, pool *p, const char *action)
{
	struct audit_filter f = { .action = action };
	struct audit_entry *en;
	size_t n;
	struct err e = { 0 };

	assert_int_equal(audit_list(s, p, &f, 100, 0, &en, &n, &e), ERR_OK);
	return n;
}

/* Import, again as draft, publish; a published version never changes; unknown
 * articles; the rows; permissions; every write audited. */
static void test_store(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct actor cur = fixture_actor(s, "curator1", ROLE_CURATOR, "UNODC", NULL);
	struct actor fp = fixture_actor(s, "focal1", ROLE_FOCAL_POINT, "KE police", "KE");
	const char *q = "{\"id\": \"q.art\", \"kind\": \"yes_partly_no\", \"text\": \"A?\", "
		"\"articles\": [\"un-cc/7\", \"coe-185/2\"], \"evidence\": \"optional\"}";
	const char *json = tmpl(p, 1, q);
	struct qn_template *t;
	struct qn_version *v, *list;
	struct qn_question_row *rows;
	size_t n;
	struct err e = { 0 };
	int loaded;

	(void)state;
	/* permissions: the public and a focal point may not; a curator may */
	assert_int_equal(qn_import(s, p, NULL, json, strlen(json), 0, &t, &e), ERR_FORBIDDEN);
	memset(&e, 0, sizeof(e));
	assert_int_equal(qn_import(s, p, &fp, json, strlen(json), 0, &t, &e), ERR_FORBIDDEN);
	assert_int_equal(audit_count(s, p, "questionnaire.import"), 0);
	memset(&e, 0, sizeof(e));
	if (qn_import(s, p, &cur, json, strlen(json), 0, &t, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(qn_get(s, p, "t1", 0, &v, &t, &e), ERR_OK);
	assert_string_equal(v->status, "draft");
	assert_string_equal(v->json, json);
	assert_string_equal(v->imported_by, "curator1");
	assert_int_equal(v->nquestions, 2);
	assert_int_equal(t->nquestions, 2);
	assert_int_equal(store_qn_questions(s, p, "t1", 1, &rows, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[1].question, "q.art");
	assert_string_equal(rows[1].dimension, "legal");
	assert_string_equal(rows[1].kind, "yes_partly_no");
	assert_string_equal(rows[1].evidence, "optional");
	assert_int_equal(rows[1].ordinal, 2);
	assert_string_equal(rows[1].articles, "[\"un-cc/7\",\"coe-185/2\"]");
	assert_string_equal(rows[0].articles, "[]");
	/* a draft imported again is replaced */
	json = tmpl(p, 1, NULL);
	assert_int_equal(qn_import(s, p, &cur, json, strlen(json), 0, &t, &e), ERR_OK);
	assert_int_equal(qn_get(s, p, "t1", 1, &v, NULL, &e), ERR_OK);
	assert_int_equal(v->nquestions, 1);
	/* published by a curator; a focal point may not */
	assert_int_equal(qn_publish(s, &fp, "t1", 1, &e), ERR_FORBIDDEN);
	memset(&e, 0, sizeof(e));
	assert_int_equal(qn_publish(s, &cur, "t1", 1, &e), ERR_OK);
	assert_int_equal(qn_get(s, p, "t1", 1, &v, NULL, &e), ERR_OK);
	assert_string_equal(v->status, "published");
	assert_string_equal(v->published_by, "curator1");
	assert_int_equal(qn_publish(s, &cur, "t1", 1, &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "questionnaire t1 version 1 is published already");
	/* a published version never changes */
	memset(&e, 0, sizeof(e));
	json = tmpl(p, 1, q);
	assert_int_equal(qn_import(s, p, &cur, json, strlen(json), 0, &t, &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "questionnaire t1 version 1 is published and never changes: "
			    "import it as a new version");
	assert_int_equal(qn_get(s, p, "t1", 1, &v, NULL, &e), ERR_OK);
	assert_int_equal(v->nquestions, 1);
	/* an unknown article: nothing stored */
	memset(&e, 0, sizeof(e));
	json = tmpl(p, 2, "{\"id\": \"q.x\", \"kind\": \"text\", \"text\": \"T\", "
		    "\"articles\": [\"un-cc/999\"]}");
	assert_int_equal(qn_import(s, p, &cur, json, strlen(json), 1, &t, &e), ERR_INVALID);
	assert_string_equal(e.msg, "question q.x: no article un-cc/999");
	assert_int_equal(qn_get(s, p, "t1", 2, &v, NULL, &e), ERR_NOTFOUND);
	/* version 2, published at import */
	memset(&e, 0, sizeof(e));
	json = tmpl(p, 2, q);
	assert_int_equal(qn_import(s, p, &cur, json, strlen(json), 1, &t, &e), ERR_OK);
	assert_int_equal(qn_get(s, p, "t1", 0, &v, NULL, &e), ERR_OK);
	assert_int_equal(v->version, 2);
	assert_string_equal(v->status, "published");
	assert_int_equal(qn_list(s, p, &list, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_null(list[0].json);
	/* the audit log: 3 imports, 2 publications */
	assert_int_equal(audit_count(s, p, "questionnaire.import"), 3);
	assert_int_equal(audit_count(s, p, "questionnaire.publish"), 2);
	/* the shipped template: loaded once */
	assert_int_equal(qn_ensure_shipped(s, &fixture_local, &loaded, &e), ERR_OK);
	assert_int_equal(loaded, 1);
	assert_int_equal(qn_ensure_shipped(s, &fixture_local, &loaded, &e), ERR_OK);
	assert_int_equal(loaded, 0);
	assert_int_equal(qn_list(s, p, &list, &n, &e), ERR_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].id, "ccrepo-needs");
	assert_string_equal(list[0].status, "published");
	pool_free(p);
	store_close(s);
}

static void test_ref(void **state)
{
	pool *p = pool_new();
	const char *id;
	int v;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(qn_ref(p, "ccrepo-needs", &id, &v, &e), ERR_OK);
	assert_string_equal(id, "ccrepo-needs");
	assert_int_equal(v, 0);
	assert_int_equal(qn_ref(p, "t@12", &id, &v, &e), ERR_OK);
	assert_string_equal(id, "t");
	assert_int_equal(v, 12);
	assert_int_equal(qn_ref(p, "t@", &id, &v, &e), ERR_INVALID);
	assert_int_equal(qn_ref(p, "t@0", &id, &v, NULL), ERR_INVALID);
	assert_int_equal(qn_ref(p, "t@-1", &id, &v, NULL), ERR_INVALID);
	assert_int_equal(qn_ref(p, "@1", &id, &v, NULL), ERR_INVALID);
	assert_int_equal(qn_ref(p, "a b", &id, &v, NULL), ERR_INVALID);
	pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_valid),
		cmocka_unit_test(test_kinds_invalid),
		cmocka_unit_test(test_template_and_limits),
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_unchanged),
		cmocka_unit_test(test_store),
		cmocka_unit_test(test_ref),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
