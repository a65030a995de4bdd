/* Tests of domain/dev: each kind of development with its date and updated time, the
 * order, the filters (country, region, article with its cross-walk equivalent, kind,
 * topic, period, limit), the clearance (an AMBER law and GREEN events are absent for
 * the public and present for the country's focal point; another country's focal
 * point does not read them) and the errors of the query, each naming its parameter.
 * On a temporary database with the real reference data; skipped without iso-codes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

#include "domain/assist.h"
#include "domain/audit.h"
#include "domain/campaign.h"
#include "domain/caselaw.h"
#include "domain/dev.h"
#include "domain/legislation.h"
#include "domain/lesson.h"
#include "domain/questionnaire.h"
#include "domain/record.h"
#include "import/doc.h"
#include "store/store.h"

#define KE_ACT "/akn/ke/act/2018/5"
#define KE_AMBER "/akn/ke/act/2019/9"

static struct store *S;
static pool *P;
static struct actor CUR, FKE, FUG;
static long long act_id, amber_id, case_id, lesson_id, camp_id, req_id;

/* Kenya's act: version 1 (2018-05-30) has sections 14 and 16; version 2
 * (2020-01-01) adds section 15. */
static struct doc *ke_act(int version)
{
	struct doc *d = doc_new();

	d->kind = DOC_LEGISLATION;
	d->work_uri = KE_ACT;
	d->country = "KE";
	d->type = "act";
	d->number = "5";
	d->date = "2018-05-16";
	d->title = "Computer Misuse and Cybercrimes Act, 2018";
	d->language = "eng";
	d->expr_date = version == 1 ? "2018-05-30" : "2020-01-01";
	doc_add(d, NULL, "section", "sec_14", "14", "Unauthorised access",
		"A person who causes a computer system to perform a function ...", 1);
	if (version == 2)
		doc_add(d, NULL, "section", "sec_15", "15", "Computer forgery",
			"A person who intentionally inputs, alters ... data ...", 2);
	doc_add(d, NULL, "section", "sec_16", "16", "Unauthorised interference",
		"A person who intentionally and without authorisation ...", 3);
	return d;
}

static struct doc *amber_act(void)
{
	struct doc *d = doc_new();

	d->kind = DOC_LEGISLATION;
	d->work_uri = KE_AMBER;
	d->country = "KE";
	d->type = "act";
	d->number = "9";
	d->date = "2019-07-01";
	d->title = "Critical Infrastructure (Restricted) Act";
	d->language = "eng";
	d->expr_date = "2019-07-01";
	doc_add(d, NULL, "section", "sec_1", "1", "Protected systems", "The Minister ...", 1);
	return d;
}

static long long import(struct doc *d, const char *tlp)
{
	long long id = 0;
	size_t n = 0;
	struct err e = { 0 };

	if (legislation_import_doc(S, &fixture_local, d, ST_PUBLISHED, tlp, &id, &n, &e))
		fail_msg("import %s: %s", d->work_uri, e.msg);
	doc_free(d);
	return id;
}

static void publish(long long id)
{
	struct err e = { 0 };

	if (record_set_status(S, &fixture_local, id, ST_SUBMITTED, NULL, &e) ||
	    record_set_status(S, &fixture_local, id, ST_PUBLISHED, NULL, &e))
		fail_msg("publish %lld: %s", id, e.msg);
}

static const char *const tmpl =
	"{\"id\": \"t\", \"version\": 1, \"title\": \"T\", \"dimensions\": ["
	"{\"id\": \"legal\", \"questions\": ["
	"{\"id\": \"l.stage\", \"kind\": \"stage\", \"text\": \"How far?\", \"stages\": "
	"[\"s1\", \"s2\", \"s3\", \"s4\", \"s5\"]}]}]}";

static int setup(void **state)
{
	struct err e = { 0 };
	static const char *const asked[] = { "KE", "UG" };

	if (!fixture_have_isocodes())
		return 0;
	if (fixture_group_setup(state) || fixture_db_open("dev.db", FIX_REFDATA, &S, &e))
		return -1;
	P = pool_new();
	CUR = fixture_actor(S, "cora", ROLE_CURATOR, "UNODC", NULL);
	FKE = fixture_actor(S, "kamau", ROLE_FOCAL_POINT, "KE-MoICT", "KE");
	FUG = fixture_actor(S, "okello", ROLE_FOCAL_POINT, "UG-NITA", "UG");

	/* laws: two versions of a CLEAR act, an AMBER act; mappings make coe-185/2
	 * covered since version 1 (un-cc/7 through the cross-walk) and un-cc/12 since
	 * version 2 */
	act_id = import(ke_act(1), NULL);
	import(ke_act(2), NULL);
	amber_id = import(amber_act(), "AMBER");
	if (mapping_set(S, &fixture_local, act_id, "sec_14", "coe-185", 2, "accepted", "full",
			NULL, &e) ||
	    mapping_set(S, &fixture_local, act_id, "sec_15", "un-cc", 12, "accepted", "full",
			NULL, &e) ||
	    mapping_set(S, &fixture_local, amber_id, "sec_1", "coe-185", 11, "accepted", "full",
			NULL, &e))
		goto fail;

	/* a case and a lesson */
	{
		struct caselaw c = { .rec = { .country = "KE", .language = "en",
					      .title = "Republic v. Mwangi" },
				     .court = "High Court", .decided = "2021-02-03" };
		struct lesson l = { .rec = { .country = "KE", .language = "en",
					     .title = "Preserve data first" },
				    .topic = "Electronic evidence", .body = "Ask early.",
				    .date = "2023-03-01" };

		if (caselaw_save(S, &fixture_local, &c, &case_id, &e) ||
		    lesson_save(S, &fixture_local, &l, &lesson_id, &e))
			goto fail;
		publish(case_id);
		publish(lesson_id);
	}

	/* a campaign opened 2024-03-01, Kenya's GREEN answer submitted 2024-04-02 */
	if (qn_import(S, P, &CUR, tmpl, strlen(tmpl), 1, NULL, &e))
		goto fail;
	{
		struct campaign c = { .title = "Round 2024", .template_id = "t",
				      .template_version = 1, .opens_on = "2024-03-01",
				      .deadline = "2024-06-01", .scope = "list",
				      .opened_at = "2024-02-20T08:00:00Z", .opened_by = "cora" };
		struct camp_answer x = { .country = "KE", .status = CAMP_SUBMITTED,
					 .revision = 1, .tlp = "GREEN",
					 .updated_at = "2024-04-02T10:00:00Z",
					 .updated_by = "kamau",
					 .submitted_at = "2024-04-02T10:00:00Z",
					 .submitted_by = "kamau" };

		if (store_camp_put(S, &c, asked, 2, &camp_id, &e))
			goto fail;
		x.campaign = camp_id;
		if (store_camp_answer_update(S, &x, 0, &e))
			goto fail;
	}

	/* a GREEN request of Kenya, delivered 2024-05-05 */
	{
		struct assist_request_in in = {
			.country = "KE", .title = "Forensics lab", .topic = "digital-forensics",
			.beneficiary = "DCI Cyber Unit", .targets = "police",
			.languages = "en", .urgency = "2", .tlp = "GREEN",
		};
		struct assist_step st = { .from = "in_delivery", .to = "delivered",
					  .at = "2024-05-05T09:00:00Z", .by = "cora" };

		if (assist_request_add(S, P, &FKE, &in, &req_id, &e))
			goto fail;
		st.request = req_id;
		if (store_assist_step_put(S, &st, &e))
			goto fail;
	}
	return 0;
fail:
	print_error("setup: %s\n", e.msg);
	return -1;
}

static int teardown(void **state)
{
	if (P)
		pool_free(P);
	if (S)
		store_close(S);
	return fixture_group_teardown(state);
}

/* The developments of params as a reads them; fails the test on an error. */
static struct dev *list(const struct actor *a, const struct dev_params *in, size_t *n)
{
	struct dev_query q;
	struct dev *v;
	struct err e = { 0 };

	if (!S)
		skip();
	if (record_use_clearance(S, a, &e) ||
	    dev_query_parse(S, P, in, "2026-12-07", &q, &e) ||
	    dev_list(S, P, a, &q, &v, n, NULL, &e))
		fail_msg("dev: %s", e.msg);
	return v;
}

/* The entry of kind k (and date, when not NULL) in v, or NULL. */
static const struct dev *find(const struct dev *v, size_t n, enum dev_kind k, const char *date)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].kind == k && (!date || !strcmp(v[i].date, date)))
			return &v[i];
	return NULL;
}

static const struct dev *covered(const struct dev *v, size_t n, const char *inst, int art)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].kind == DEV_COVERED && !strcmp(v[i].instrument, inst) &&
		    v[i].article == art)
			return &v[i];
	return NULL;
}

static void test_kinds_and_dates(void **state)
{
	struct dev_params in = { 0 };
	const struct dev *d;
	size_t n;
	struct dev *v = list(&CUR, &in, &n);

	(void)state;
	d = find(v, n, DEV_LAW_ADOPTED, "2018-05-30");
	assert_non_null(d);
	assert_string_equal(d->uri, KE_ACT);
	assert_string_equal(d->country, "KE");
	assert_string_equal(d->path, KE_ACT "/eng@2018-05-30");
	assert_null(d->diff_path);
	assert_int_equal(strlen(d->updated), 20);	/* 2026-12-07T14:00:00Z */
	d = find(v, n, DEV_LAW_AMENDED, "2020-01-01");
	assert_non_null(d);
	assert_string_equal(d->diff_path, KE_ACT "?diff=eng@2018-05-30..eng@2020-01-01");
	assert_string_equal(d->key, pool_printf(P, "law/%lld/2020-01-01", act_id));
	assert_non_null(find(v, n, DEV_LAW_ADOPTED, "2019-07-01"));	/* AMBER: curator */
	d = find(v, n, DEV_CASE, "2021-02-03");
	assert_non_null(d);
	assert_int_equal(d->id, case_id);
	assert_string_equal(d->detail, "High Court");
	assert_string_equal(d->path, pool_printf(P, "/cases/%lld", case_id));
	d = find(v, n, DEV_LESSON, "2023-03-01");
	assert_non_null(d);
	assert_int_equal(d->id, lesson_id);
	d = covered(v, n, "coe-185", 2);
	assert_non_null(d);
	assert_string_equal(d->date, "2018-05-30");
	assert_string_equal(d->country, "KE");
	assert_non_null(covered(v, n, "un-cc", 7));	/* through the cross-walk */
	d = covered(v, n, "un-cc", 12);
	assert_non_null(d);
	assert_string_equal(d->date, "2020-01-01");
	d = find(v, n, DEV_CAMPAIGN_OPENED, "2024-03-01");
	assert_non_null(d);
	assert_int_equal(d->id, camp_id);
	assert_string_equal(d->updated, "2024-02-20T08:00:00Z");
	assert_null(d->country);
	d = find(v, n, DEV_CAMPAIGN_ANSWERED, "2024-04-02");
	assert_non_null(d);
	assert_string_equal(d->country, "KE");
	assert_string_equal(d->path, pool_printf(P, "/campaigns/%lld/answers/KE", camp_id));
	d = find(v, n, DEV_ASSIST_DELIVERED, "2024-05-05");
	assert_non_null(d);
	assert_int_equal(d->id, req_id);
	assert_string_equal(d->updated, "2024-05-05T09:00:00Z");
	/* newest first, by date */
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(v[i - 1].date, v[i].date) >= 0);
	assert_int_equal(v[0].kind, DEV_ASSIST_DELIVERED);
	/* by updated: the events stored with their own times come after today's records */
	in.order = "updated";
	v = list(&CUR, &in, &n);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(v[i - 1].updated, v[i].updated) >= 0);
	/* keys are unique */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			assert_string_not_equal(v[i].key, v[j].key);
}

static void test_filters(void **state)
{
	struct dev_params in = { 0 };
	struct dev *v;
	size_t n;

	(void)state;
	in.country = "UGA";	/* asked in the campaign, nothing else */
	v = list(&CUR, &in, &n);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].kind, DEV_CAMPAIGN_OPENED);
	in.country = NULL;
	in.region = "014";	/* Eastern Africa */
	v = list(&CUR, &in, &n);
	assert_non_null(find(v, n, DEV_CASE, NULL));
	in.region = "150";	/* Europe */
	v = list(&CUR, &in, &n);
	assert_int_equal(n, 0);
	in.region = NULL;
	in.kind = "case,lesson";
	v = list(&CUR, &in, &n);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].kind, DEV_LESSON);
	assert_int_equal(v[1].kind, DEV_CASE);
	in.kind = NULL;
	/* un-cc/7 is coe-185/2's equivalent: the act that covers it, and the coverage */
	in.article = "un-cc/7";
	v = list(&CUR, &in, &n);
	assert_non_null(find(v, n, DEV_LAW_ADOPTED, "2018-05-30"));
	assert_null(find(v, n, DEV_LAW_ADOPTED, "2019-07-01"));	/* not mapped */
	assert_non_null(covered(v, n, "un-cc", 7));
	assert_null(covered(v, n, "un-cc", 12));
	assert_null(find(v, n, DEV_CASE, NULL));
	assert_null(find(v, n, DEV_CAMPAIGN_OPENED, NULL));
	in.article = NULL;
	in.period = "2020";
	v = list(&CUR, &in, &n);
	assert_int_equal(n, 3);	/* the amendment, un-cc/12 and its equivalent covered */
	assert_non_null(find(v, n, DEV_LAW_AMENDED, "2020-01-01"));
	assert_non_null(covered(v, n, "un-cc", 12));
	assert_non_null(covered(v, n, "coe-185", 7));
	in.period = NULL;
	in.topic = "digital-forensics";
	v = list(&CUR, &in, &n);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].kind, DEV_ASSIST_DELIVERED);
	in.topic = "electronic-evidence";	/* the lesson's topic by its name */
	v = list(&CUR, &in, &n);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].kind, DEV_LESSON);
	in.topic = NULL;
	in.limit = "2";
	v = list(&CUR, &in, &n);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].kind, DEV_ASSIST_DELIVERED);
	assert_int_equal(v[1].kind, DEV_CAMPAIGN_ANSWERED);
}

/* A shorter list is the beginning of a longer one, in both orders (coverage is
 * computed only for the countries whose days can still enter the list). */
static void test_limit_prefix(void **state)
{
	static const char *const orders[] = { "date", "updated" };
	static const char *const limits[] = { "1", "2", "3", "5", "8", "13" };

	(void)state;
	for (size_t o = 0; o < 2; o++) {
		struct dev_params in = { .order = orders[o] };
		size_t nall, n;
		struct dev *all = list(&CUR, &in, &nall), *v;

		assert_true(nall > 13);
		for (size_t l = 0; l < sizeof(limits) / sizeof(limits[0]); l++) {
			in.limit = limits[l];
			v = list(&CUR, &in, &n);
			assert_int_equal(n, (size_t)atoi(limits[l]));
			for (size_t i = 0; i < n; i++)
				assert_string_equal(v[i].key, all[i].key);
		}
	}
}

static void test_clearance(void **state)
{
	struct dev_params in = { 0 };
	struct dev *v;
	size_t n;

	(void)state;
	/* the public: the AMBER act, the GREEN answer and the GREEN request are absent */
	v = list(NULL, &in, &n);
	assert_null(find(v, n, DEV_LAW_ADOPTED, "2019-07-01"));
	assert_non_null(find(v, n, DEV_LAW_ADOPTED, "2018-05-30"));
	assert_null(find(v, n, DEV_CAMPAIGN_ANSWERED, NULL));
	assert_null(find(v, n, DEV_ASSIST_DELIVERED, NULL));
	assert_non_null(find(v, n, DEV_CAMPAIGN_OPENED, NULL));
	for (size_t i = 0; i < n; i++)
		assert_true(v[i].id != amber_id || v[i].kind > DEV_LAW_AMENDED);
	/* nor what the AMBER act covers (coe-185/11 only through it) */
	assert_null(covered(v, n, "coe-185", 11));
	/* Kenya's focal point reads them all */
	v = list(&FKE, &in, &n);
	assert_non_null(find(v, n, DEV_LAW_ADOPTED, "2019-07-01"));
	assert_non_null(covered(v, n, "coe-185", 11));
	assert_string_equal(covered(v, n, "coe-185", 11)->date, "2019-07-01");
	assert_non_null(find(v, n, DEV_CAMPAIGN_ANSWERED, NULL));
	assert_non_null(find(v, n, DEV_ASSIST_DELIVERED, NULL));
	/* shown to Kenya's focal point, the AMBER act is a restricted read, audited once a
	 * day; the CLEAR act is not */
	{
		struct audit_filter af = { .actor = "kamau", .action = "read.restricted" };
		struct audit_entry *en;
		size_t ne;
		struct err e = { 0 };

		assert_int_equal(audit_list(S, P, &af, 0, 0, &en, &ne, &e), ERR_OK);
		assert_int_equal(ne, 1);
		assert_string_equal(en[0].target, pool_printf(P, "record/%lld", amber_id));
		list(&FKE, &in, &n);
		assert_int_equal(audit_list(S, P, &af, 0, 0, &en, &ne, &e), ERR_OK);
		assert_int_equal(ne, 1);
	}
	/* Uganda's: the GREEN request (signed in), not the AMBER act nor Kenya's answer */
	v = list(&FUG, &in, &n);
	assert_null(find(v, n, DEV_LAW_ADOPTED, "2019-07-01"));
	assert_null(find(v, n, DEV_CAMPAIGN_ANSWERED, NULL));
	assert_non_null(find(v, n, DEV_ASSIST_DELIVERED, NULL));
}

/* dev_query_parse's message for params, which must fail. */
static const char *refused(const struct dev_params *in)
{
	struct dev_query q;
	struct err e = { 0 };

	if (!S)
		skip();
	assert_int_equal(dev_query_parse(S, P, in, "2026-12-07", &q, &e), ERR_INVALID);
	return pool_strdup(P, e.msg);
}

static void test_query(void **state)
{
	struct dev_query q;
	struct err e = { 0 };
	struct dev_params in = { 0 };

	(void)state;
	if (!S)
		skip();
	assert_int_equal(dev_query_parse(S, P, &in, "2026-12-07", &q, &e), ERR_OK);
	assert_string_equal(q.period.from, "1996-12-08");	/* 30 years */
	assert_string_equal(q.period.to, "2026-12-07");
	assert_int_equal(q.limit, DEV_LIMIT_DEFAULT);
	assert_string_equal(dev_query_string(P, &q), "");
	assert_int_equal(dev_query_parse(S, P, &in, "2024-02-29", &q, &e), ERR_OK);
	assert_string_equal(q.period.from, "1994-03-01");
	in = (struct dev_params){ .country = "ke", .kind = "lesson,case", .limit = "500",
				  .from = "2020", .to = "2021-06" };
	assert_int_equal(dev_query_parse(S, P, &in, NULL, &q, &e), ERR_OK);
	assert_string_equal(dev_query_string(P, &q),
			    "from=2020-01-01&to=2021-06-30&country=KE&kind=case,lesson&limit=500");
	assert_int_equal(dev_kind_parse("assistance-delivered"), DEV_ASSIST_DELIVERED);
	assert_int_equal(dev_kind_parse("law"), -1);

	assert_string_equal(refused(&(struct dev_params){ .limit = "501" }),
			    "limit: 501 is more than 500");
	assert_string_equal(refused(&(struct dev_params){ .limit = "0" }),
			    "limit: '0' is not a number from 1 to 500");
	assert_string_equal(refused(&(struct dev_params){ .country = "XX" }),
			    "country: no country 'XX'");
	assert_string_equal(refused(&(struct dev_params){ .region = "999" }),
			    "region: no M49 region '999'");
	assert_string_equal(refused(&(struct dev_params){ .article = "coe-185/999" }),
			    "article: no article 'coe-185/999'");
	assert_non_null(strstr(refused(&(struct dev_params){ .article = "seven" }), "article:"));
	assert_string_equal(refused(&(struct dev_params){ .kind = "case,law" }),
			    "kind: no kind of development 'law'");
	assert_string_equal(refused(&(struct dev_params){ .topic = "knitting" }),
			    "topic: no topic 'knitting'");
	assert_string_equal(refused(&(struct dev_params){ .order = "random" }),
			    "order: 'random' is neither date nor updated");
	assert_non_null(strstr(refused(&(struct dev_params){ .from = "1990", .to = "2025" }),
			       "period:"));
	assert_non_null(strstr(refused(&(struct dev_params){ .from = "2025", .to = "2024" }),
			       "to:"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_and_dates),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_limit_prefix),
		cmocka_unit_test(test_clearance),
		cmocka_unit_test(test_query),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
