/* Tests of domain/needs: the score of a gap and of a stated need with its terms, the
 * order, weights changing the order, stated needs' permissions, audit, limits and
 * clearance, the needs of a region with filters, and the needs shared by several
 * countries. On temporary databases with the real reference data; skipped without
 * iso-codes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixture.h"

#include "domain/audit.h"
#include "domain/campaign.h"
#include "domain/questionnaire.h"
#include "domain/user.h"
#include "domain/coverage.h"
#include "domain/legislation.h"
#include "domain/limits.h"
#include "domain/needs.h"
#include "domain/record.h"
#include "import/doc.h"
#include "store/store.h"

/* A one-section law of country, mapped to inst/art with extent. */
static void law(struct store *s, const char *country, const char *uri, const char *inst,
		int art, const char *extent)
{
	struct doc *d = doc_new();
	struct err e = { 0 };
	long long id = 0;
	size_t n = 0;

	d->kind = DOC_LEGISLATION;
	d->work_uri = uri;
	d->country = country;
	d->type = "act";
	d->number = "1";
	d->date = "2015-01-01";
	d->title = "An act";
	d->language = "eng";
	d->expr_date = "2015-01-01";
	doc_add(d, NULL, "section", "sec_1", "1", "Offence", "A person who ...", 1);
	if (legislation_import_doc(s, &fixture_local, d, ST_PUBLISHED, NULL, &id, &n, &e))
		fail_msg("import %s: %s", uri, e.msg);
	doc_free(d);
	if (mapping_set(s, &fixture_local, id, "sec_1", inst, art, "accepted", extent, NULL,
			&e))
		fail_msg("map: %s", e.msg);
}

/* Kenya: un-cc/9 partly covered, un-cc/11 assessed not covered; Uganda covers
 * un-cc/11 (both in sub-region 202). */
static struct store *scenario(void)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	struct err e = { 0 };
	long long id;

	law(s, "KE", "/akn/ke/act/2015/1", "un-cc", 9, "partial");
	law(s, "UG", "/akn/ug/act/2015/1", "un-cc", 11, "full");
	if (cov_assess(s, &fixture_local, "KE", "un-cc", 11, "2016-01-01", "none", &id, &e))
		fail_msg("assess: %s", e.msg);
	return s;
}

static const struct need *find_gap(const struct need *v, size_t n, const char *inst, int art)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].source == NEED_GAP && !strcmp(v[i].article->instrument, inst) &&
		    v[i].article->number == art)
			return &v[i];
	return NULL;
}

static void test_gap_scores(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	struct needs_query q = { .at = "2020-01-01" };
	struct need_weights w;
	struct need *v;
	const struct need *g11, *g9;
	const char *text;
	struct err e = { 0 };
	size_t n;

	(void)state;
	needs_weights_default(&w);
	assert_int_equal(needs_country(s, p, &fixture_local, &w, "KEN", &q, &v, &n, &e),
			 ERR_OK);
	assert_true(n >= 3);	/* un-cc/9, coe-185/4 (derived), un-cc/11 */
	g11 = find_gap(v, n, "un-cc", 11);
	g9 = find_gap(v, n, "un-cc", 9);
	assert_non_null(g11);
	assert_non_null(g9);
	assert_ptr_equal(g11, &v[0]);	/* not covered, and a neighbour covers it */
	assert_int_equal(g11->nterms, 3);
	assert_int_equal(g11->terms[0].weight, NW_CRIMINALIZATION);
	assert_int_equal(g11->terms[1].weight, NW_NOT_COVERED);
	assert_int_equal(g11->terms[2].weight, NW_SUBREGION);
	assert_int_equal(g11->terms[2].count, 1);
	assert_true(g11->terms[2].of > 40);	/* Sub-Saharan Africa */
	assert_true(g11->score > 3 * 2 && g11->score < 3 * 2 + 3.0 / 40);
	assert_non_null(g11->cell->assessment);	/* its evidence */
	assert_string_equal(g11->topic, "legislation-drafting");
	assert_string_equal(g11->target, "legislators");
	assert_int_equal(g9->terms[1].weight, NW_PARTLY);
	assert_true(g9->score == 3.0 * 1);
	assert_int_equal(g9->cell->nevidence, 1);	/* the partial provision */
	text = needs_terms_text(p, g11);
	assert_non_null(strstr(text, "category criminalization \xc3\x97 3, not covered "
			       "\xc3\x97 2, 1 of "));
	assert_non_null(strstr(text, "countries of the sub-region cover it +0.1"));
	/* the order is by score */
	for (size_t i = 1; i < n; i++)
		assert_true(v[i - 1].score >= v[i].score);
	/* a bad country, topic */
	err_clear(&e);
	assert_int_equal(needs_country(s, p, &fixture_local, &w, "XX", &q, &v, &n, &e),
			 ERR_INVALID);
	q.topic = "nothing";
	err_clear(&e);
	assert_int_equal(needs_country(s, p, &fixture_local, &w, "KE", &q, &v, &n, &e),
			 ERR_INVALID);
	assert_true(!strncmp(e.msg, "topic:", 6));
	pool_free(p);
	store_close(s);
}

static void test_weights_reorder(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	struct needs_query q = { .at = "2020-01-01" };
	struct need_weights w;
	struct need *v;
	struct err e = { 0 };
	size_t n;

	(void)state;
	needs_weights_default(&w);
	assert_int_equal(needs_weight_set(&w, "need-weight-not-covered", "0.1", &e), ERR_OK);
	assert_int_equal(needs_weight_set(&w, "subregion", "0", &e), ERR_OK);
	err_clear(&e);
	assert_int_equal(needs_weight_set(&w, "urgency", "abc", &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "need-weight-urgency"));
	assert_int_equal(needs_weight_set(&w, "urgency", "101", &e), ERR_INVALID);
	assert_int_equal(needs_weight_set(&w, "colour", "1", &e), ERR_INVALID);
	/* the setting need-weights: all or nothing */
	{
		struct need_weights t;

		needs_weights_default(&t);
		assert_int_equal(needs_weights_parse(&t, "urgency=1,age=0.5", &e), ERR_OK);
		assert_true(t.w[NW_URGENCY] == 1 && t.w[NW_AGE] == 0.5);
		assert_int_equal(needs_weights_parse(&t, "", &e), ERR_OK);
		assert_int_equal(needs_weights_parse(&t, "urgency=3,age", &e), ERR_INVALID);
		assert_int_equal(needs_weights_parse(&t, "urgency=3,colour=1", &e),
				 ERR_INVALID);
		assert_true(t.w[NW_URGENCY] == 1);
	}
	assert_int_equal(needs_country(s, p, &fixture_local, &w, "KE", &q, &v, &n, &e), ERR_OK);
	/* not covered now weighs less than partly covered: un-cc/11 is last */
	assert_int_equal(v[n - 1].article->number, 11);
	assert_true(v[n - 1].score < 0.31 && v[n - 1].score > 0.29);
	assert_int_equal(v[0].cell->status, COV_PARTLY);
	pool_free(p);
	store_close(s);
}

static void test_stated(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	struct actor cur = fixture_actor(s, "cora", ROLE_CURATOR, "UNODC", NULL);
	struct actor fp = fixture_actor(s, "kamau", ROLE_FOCAL_POINT, "KE-MoICT", "KE");
	struct actor fp_ug = fixture_actor(s, "okello", ROLE_FOCAL_POINT, "UG-NITA", "UG");
	struct actor rd = fixture_actor(s, "rita", ROLE_READER, "UNODC", NULL);
	struct need_stated in = { .country = "KE", .topic = "digital-forensics",
				  .target = "police", .urgency = 3, .note = "no lab" };
	struct audit_filter f = { .action = "need.state" };
	struct audit_entry *en;
	struct need_stated *st;
	struct need_weights w;
	struct needs_query q = { .at = "2020-01-01" };
	struct need *v;
	struct err e = { 0 };
	long long id, id2, id3;
	char *big;
	size_t n;

	(void)state;
	needs_weights_default(&w);
	/* who may state a need */
	err_clear(&e);
	assert_int_equal(needs_state(s, &fp_ug, &in, &id, &e), ERR_FORBIDDEN);
	assert_int_equal(needs_state(s, NULL, &in, &id, &e), ERR_FORBIDDEN);
	assert_int_equal(needs_state(s, &rd, &in, &id, &e), ERR_FORBIDDEN);
	err_clear(&e);
	assert_int_equal(needs_state(s, &fp, &in, &id, &e), ERR_OK);
	/* bad fields, each named */
	{
		struct need_stated bad = in;

		bad.topic = "astrology";
		err_clear(&e);
		assert_int_equal(needs_state(s, &cur, &bad, &id2, &e), ERR_INVALID);
		assert_true(!strncmp(e.msg, "topic:", 6));
		bad = in;
		bad.target = "cooks";
		err_clear(&e);
		assert_int_equal(needs_state(s, &cur, &bad, &id2, &e), ERR_INVALID);
		assert_true(!strncmp(e.msg, "target:", 7));
		bad = in;
		bad.urgency = 4;
		err_clear(&e);
		assert_int_equal(needs_state(s, &cur, &bad, &id2, &e), ERR_INVALID);
		assert_true(!strncmp(e.msg, "urgency:", 8));
		bad = in;
		bad.tlp = "RED";
		err_clear(&e);
		assert_int_equal(needs_state(s, &cur, &bad, &id2, &e), ERR_INVALID);
		assert_true(!strncmp(e.msg, "tlp:", 4));
		bad = in;
		bad.country = "XX";
		err_clear(&e);
		assert_int_equal(needs_state(s, &cur, &bad, &id2, &e), ERR_INVALID);
		assert_true(!strncmp(e.msg, "country:", 8));
		big = malloc(LIMIT_NEED_NOTE + 2);
		memset(big, 'a', LIMIT_NEED_NOTE + 1);
		big[LIMIT_NEED_NOTE + 1] = 0;
		bad = in;
		bad.note = big;
		err_clear(&e);
		assert_int_equal(needs_state(s, &cur, &bad, &id2, &e), ERR_INVALID);
		assert_true(!strncmp(e.msg, "note:", 5));
		big[LIMIT_NEED_NOTE] = 0;
		err_clear(&e);
		assert_int_equal(needs_state(s, &cur, &bad, &id2, &e), ERR_OK);
		free(big);
	}
	/* audited */
	assert_int_equal(store_audit_list(s, p, &f, 10, 0, &en, &n, NULL), ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(en[n - 1].target, "country/KE");
	assert_non_null(strstr(en[n - 1].detail, "digital-forensics for police, urgency 3, "
				"GREEN"));
	/* ranked: urgency 3 x 2.5 = 7.5 above the gaps */
	assert_int_equal(needs_country(s, p, &fp, &w, "KE", &q, &v, &n, &e), ERR_OK);
	assert_int_equal(v[0].source, NEED_STATED);
	assert_int_equal(v[0].nterms, 2);
	assert_true(v[0].score >= 7.5 && v[0].score < 7.5 + NEEDS_AGE_CAP);
	assert_non_null(strstr(needs_terms_text(p, &v[0]), "urgency 3 \xc3\x97 2.5 = 7.5"));
	/* the age counts: two years later, capped */
	q.at = "2099-01-01";
	assert_int_equal(needs_country(s, p, &fp, &w, "KE", &q, &v, &n, &e), ERR_OK);
	assert_true(v[0].score == 7.5 + NEEDS_AGE_CAP);
	/* closing: not by another country's focal point; then gone from the list */
	err_clear(&e);
	assert_int_equal(needs_close(s, &fp_ug, id, "done", &e), ERR_FORBIDDEN);
	assert_int_equal(needs_close(s, &fp, id, "trained 20 officers", &e), ERR_OK);
	err_clear(&e);
	assert_int_equal(needs_close(s, &cur, id, "again", &e), ERR_NOTFOUND);
	assert_int_equal(needs_close(s, &cur, 9999, "x", &e), ERR_NOTFOUND);
	f.action = "need.close";
	assert_int_equal(store_audit_list(s, p, &f, 10, 0, &en, &n, NULL), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(needs_stated_list(s, p, &cur, "KE", &st, &n, &e), ERR_OK);
	assert_int_equal(n, 1);	/* the curator's */
	/* clearance: the public sees CLEAR only, AMBER only curators and the country's */
	in.tlp = "CLEAR";
	assert_int_equal(needs_state(s, &cur, &in, &id2, &e), ERR_OK);
	in.tlp = "AMBER";
	assert_int_equal(needs_state(s, &cur, &in, &id3, &e), ERR_OK);
	assert_int_equal(needs_stated_list(s, p, NULL, "KE", &st, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(st[0].id, id2);
	assert_int_equal(needs_stated_list(s, p, &rd, "KE", &st, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(needs_stated_list(s, p, &fp_ug, "KE", &st, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(needs_stated_list(s, p, &fp, "KE", &st, &n, &e), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(needs_close(s, &fp_ug, id3, "x", &e), ERR_NOTFOUND);
	pool_free(p);
	store_close(s);
}

static void test_region_shared(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	struct actor cur = fixture_actor(s, "cora", ROLE_CURATOR, "UNODC", NULL);
	struct need_stated in = { .country = "KE", .topic = "cryptocurrency",
				  .target = "police", .urgency = 2, .note = "" };
	struct needs_query q = { .at = "2020-01-01", .region = "014" };
	struct need_weights w;
	struct need_shared *sh;
	struct need *v;
	struct err e = { 0 };
	long long id;
	size_t n, nsh;

	(void)state;
	needs_weights_default(&w);
	assert_int_equal(needs_state(s, &cur, &in, &id, &e), ERR_OK);
	in.country = "UG";
	assert_int_equal(needs_state(s, &cur, &in, &id, &e), ERR_OK);
	in.country = "FR";	/* not of the region */
	assert_int_equal(needs_state(s, &cur, &in, &id, &e), ERR_OK);
	assert_int_equal(needs_all(s, p, &fixture_local, &w, &q, &v, &n, &e), ERR_OK);
	assert_int_equal(n, 5);	/* KE's three gaps, two stated */
	for (size_t i = 1; i < n; i++)
		assert_true(v[i - 1].score >= v[i].score);
	needs_shared(p, v, n, 2, &sh, &nsh);
	assert_int_equal(nsh, 1);
	assert_null(sh[0].article);
	assert_string_equal(sh[0].topic, "cryptocurrency");
	assert_int_equal(sh[0].ncountries, 2);
	/* filters */
	q.topic = "cryptocurrency";
	assert_int_equal(needs_all(s, p, &fixture_local, &w, &q, &v, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	q.topic = NULL;
	q.target = "legislators";
	assert_int_equal(needs_all(s, p, &fixture_local, &w, &q, &v, &n, &e), ERR_OK);
	assert_int_equal(n, 3);
	q.target = NULL;
	q.region = "999";
	err_clear(&e);
	assert_int_equal(needs_all(s, p, &fixture_local, &w, &q, &v, &n, &e), ERR_INVALID);
	assert_true(!strncmp(e.msg, "region:", 7));
	pool_free(p);
	store_close(s);
}

/* Needs from questionnaire answers: stage questions below the target and "no" or
 * "partly" answers, scored stage weight x stages short; only from answers the reader
 * may read; the dimension filter; weights changed in the database re-rank at once. */
static void test_answers(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	struct actor cur = fixture_actor(s, "cora", ROLE_CURATOR, "UNODC", NULL);
	struct actor fp = fixture_actor(s, "kamau", ROLE_FOCAL_POINT, "KE-MoICT", "KE");
	struct actor fp_ug = fixture_actor(s, "okello", ROLE_FOCAL_POINT, "UG-NITA", "UG");
	const char *json = "{\"id\": \"t\", \"version\": 1, \"title\": \"T\", "
		"\"dimensions\": [{\"id\": \"legal\", \"questions\": ["
		"{\"id\": \"l.stage\", \"kind\": \"stage\", \"text\": \"How far?\", "
		"\"stages\": [\"1\", \"2\", \"3\", \"4\", \"5\"]}]}, "
		"{\"id\": \"training\", \"questions\": ["
		"{\"id\": \"t.yn\", \"kind\": \"yes_partly_no\", \"text\": \"Trainers?\"}, "
		"{\"id\": \"t.stage\", \"kind\": \"stage\", \"text\": \"Skills?\", "
		"\"stages\": [\"1\", \"2\", \"3\", \"4\", \"5\"]}]}]}";
	const char *ke[] = { "KE" };
	struct camp_open in = { .title = "R", .template_ref = "t", .deadline = NULL,
				.countries = ke, .ncountries = 1 };
	struct camp_value v[3] = { { "l.stage", "1", NULL }, { "t.yn", "partly", NULL },
				   { "t.stage", "4", NULL } };
	struct needs_query q = { 0 };
	struct need *nv;
	struct need_weights w;
	const struct need *a1 = NULL, *a2 = NULL;
	struct err e = { 0 };
	size_t n, nans = 0;
	long long id, rev;
	char d[11];
	time_t later = time(NULL) + 30 * 86400L;

	(void)state;
	strftime(d, sizeof(d), "%Y-%m-%d", gmtime(&later));
	in.deadline = d;
	if (qn_import(s, p, &cur, json, strlen(json), 1, NULL, &e) ||
	    camp_open(s, p, &cur, &in, &id, &e) ||
	    camp_answer_save(s, p, &fp, id, "KE", 0, v, 3, NULL, &rev, &e))
		fail_msg("%s", e.msg);
	/* a draft is no answer yet */
	assert_int_equal(needs_country(s, p, &fp, NULL, "KE", &q, &nv, &n, &e), ERR_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(nv[i].source, NEED_ANSWER);
	assert_int_equal(camp_answer_submit(s, p, &fp, id, "KE", rev, &e), ERR_OK);
	assert_int_equal(needs_country(s, p, &fp, NULL, "KE", &q, &nv, &n, &e), ERR_OK);
	for (size_t i = 0; i < n; i++) {
		if (nv[i].source != NEED_ANSWER)
			continue;
		nans++;
		if (!strcmp(nv[i].question->id, "l.stage"))
			a1 = &nv[i];
		if (!strcmp(nv[i].question->id, "t.yn"))
			a2 = &nv[i];
	}
	assert_int_equal(nans, 2);	/* t.stage 4 meets the target 3 */
	assert_non_null(a1);
	assert_non_null(a2);
	assert_true(a1->score == 2 * 2.0);	/* two stages short, weight 2 */
	assert_true(a2->score == 2 * 1.0);	/* partly: one short */
	assert_string_equal(a1->dimension, "legal");
	assert_string_equal(a2->dimension, "training");
	assert_string_equal(a2->topic, "digital-forensics");
	assert_int_equal(a1->campaign->id, id);
	assert_non_null(strstr(needs_terms_text(p, a1), "l.stage: answer 1, 2 stages short"));
	/* GREEN: not another country's focal point, nor the public */
	assert_int_equal(needs_country(s, p, &fp_ug, NULL, "KE", &q, &nv, &n, &e), ERR_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(nv[i].source, NEED_ANSWER);
	assert_int_equal(needs_all(s, p, NULL, NULL, &q, &nv, &n, &e), ERR_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(nv[i].source, NEED_ANSWER);
	assert_int_equal(needs_all(s, p, &cur, NULL, &q, &nv, &n, &e), ERR_OK);
	nans = 0;
	for (size_t i = 0; i < n; i++)
		nans += nv[i].source == NEED_ANSWER;
	assert_int_equal(nans, 2);
	/* the dimension filter */
	q.dimension = "training";
	assert_int_equal(needs_country(s, p, &fp, NULL, "KE", &q, &nv, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(nv[0].question->id, "t.yn");
	q.dimension = "nope";
	assert_int_equal(needs_country(s, p, &fp, NULL, "KE", &q, &nv, &n, &e), ERR_INVALID);
	q.dimension = NULL;
	/* the weights: a curator's change applies at the next ranking */
	assert_int_equal(needs_weights_save(s, &fp, "stage=10", &e), ERR_FORBIDDEN);
	e = (struct err){ 0 };
	assert_int_equal(needs_weights_save(s, &cur, "stage=200", &e), ERR_INVALID);
	e = (struct err){ 0 };
	assert_int_equal(needs_weights_save(s, &cur, "target-stage=6", &e), ERR_INVALID);
	e = (struct err){ 0 };
	assert_int_equal(needs_weights_save(s, &cur, "stage=10,target-stage=5", &e), ERR_OK);
	assert_int_equal(needs_weights_current(s, &w, &e), ERR_OK);
	assert_true(w.w[NW_STAGE] == 10 && w.w[NW_TARGET] == 5);
	assert_int_equal(needs_country(s, p, &fp, NULL, "KE", &q, &nv, &n, &e), ERR_OK);
	assert_int_equal(nv[0].source, NEED_ANSWER);	/* 4 short x 10 leads now */
	assert_true(nv[0].score == 40);
	nans = 0;
	for (size_t i = 0; i < n; i++)
		nans += nv[i].source == NEED_ANSWER;
	assert_int_equal(nans, 3);	/* t.stage 4 is short of 5 */
	/* the earlier change stays when another weight changes; "" resets */
	assert_int_equal(needs_weights_save(s, &cur, "age=3", &e), ERR_OK);
	assert_int_equal(needs_weights_current(s, &w, &e), ERR_OK);
	assert_true(w.w[NW_STAGE] == 10 && w.w[NW_AGE] == 3);
	assert_int_equal(needs_weights_save(s, &cur, "", &e), ERR_OK);
	assert_int_equal(needs_weights_current(s, &w, &e), ERR_OK);
	assert_true(w.w[NW_STAGE] == 2 && w.w[NW_TARGET] == 3);
	pool_free(p);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gap_scores),
		cmocka_unit_test(test_weights_reorder),
		cmocka_unit_test(test_stated),
		cmocka_unit_test(test_region_shared),
		cmocka_unit_test(test_answers),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
