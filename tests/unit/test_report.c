/* Tests of domain/report: the query and its errors (each naming its parameter), each
 * section's figures and tables on a small world (laws over several dates, an AMBER
 * law, a case, a lesson, a stated need, requests with activities, trainings and
 * funding, a campaign), the public against the GREEN level, the figures equal to
 * those of the coverage, needs and assistance pages for the same scope and dates
 * (the same domain functions called here), the JSON kept and read back, a report
 * made again and compared, and saving and the prose (who may). On a temporary
 * database with the real reference data; skipped without iso-codes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

#include "domain/assist.h"
#include "domain/campaign.h"
#include "domain/caselaw.h"
#include "domain/coverage.h"
#include "domain/dev.h"
#include "domain/legislation.h"
#include "domain/lesson.h"
#include "domain/needs.h"
#include "domain/questionnaire.h"
#include "domain/record.h"
#include "domain/report.h"
#include "export/report_json.h"
#include "import/doc.h"
#include "store/store.h"

#define E (err_clear(&e), &e)
#define KE_ACT "/akn/ke/act/2018/5"

static struct store *S;
static pool *P;
static struct actor CUR, RD, PROV, FKE;
static long long act_id, case_id, lesson_id, need_id, req_ke, req_ug, camp_id;

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
	doc_add(d, NULL, "section", "sec_14", "14", "Unauthorised access", "A person ...", 1);
	if (version == 2)
		doc_add(d, NULL, "section", "sec_15", "15", "Computer forgery", "A person ...", 2);
	return d;
}

static struct doc *amber_act(void)
{
	struct doc *d = doc_new();

	d->kind = DOC_LEGISLATION;
	d->work_uri = "/akn/ke/act/2019/9";
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

/* A request of country with label tlp, matched to CoE (accepted), at stage funded,
 * with an activity of 2025-03-01..05 whose training record is participants. */
static long long request(const char *country, const char *tlp, const char *participants)
{
	struct assist_request_in in = {
		.country = country, .title = "Forensics", .topic = "digital-forensics",
		.beneficiary = "DCI Cyber Unit", .targets = "police,prosecutors",
		.languages = "en", .tlp = tlp,
	};
	struct assist_offer_in off = {
		.org = "CoE", .title = "Offer", .topics = "digital-forensics",
		.languages = "en", .modes = "online", .capacity = "100",
	};
	struct assist_activity_in act = {
		.title = "First responders", .date_from = "2025-03-01", .date_to = "2025-03-05",
		.mode = "online", .language = "en",
	};
	struct assist_training_in tr = { 0 };
	struct assist_request *r;
	struct err e = { 0 };
	long long id = 0, o = 0, m = 0, aid = 0;

	if (assist_request_add(S, P, &CUR, &in, &id, E) ||
	    assist_offer_add(S, P, &CUR, &off, &o, E) ||
	    assist_match_confirm(S, P, &CUR, id, o, &m, E) ||
	    assist_match_answer(S, P, &PROV, m, 1, NULL, E) ||
	    store_assist_request_get(S, P, id, &r, E))
		fail_msg("request: %s", e.msg);
	r->stage = AS_FUNDED;
	r->revision++;
	if (store_assist_request_update(S, r, r->revision - 1, E) ||
	    assist_activity_add(S, P, &CUR, id, &act, &aid, E) ||
	    assist_participants_parse(P, participants, &tr, E) ||
	    assist_training_set(S, P, &CUR, aid, &tr, E))
		fail_msg("activity: %s", e.msg);
	return id;
}

static void fund(long long id, const char *kind, const char *amount, const char *on)
{
	struct assist_fund_in in = { .donor = "Donor", .kind = kind, .currency = "EUR",
				     .amount = amount, .on_date = on };
	struct err e = { 0 };

	if (assist_fund(S, P, &CUR, id, &in, E))
		fail_msg("fund: %s", e.msg);
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
	if (fixture_group_setup(state) || fixture_db_open("report.db", FIX_REFDATA, &S, &e))
		return -1;
	P = pool_new();
	fixture_org(S, "CoE", ORG_IMPLEMENTING, NULL);
	fixture_org(S, "Donor", ORG_DONOR, NULL);
	CUR = fixture_actor(S, "cora", ROLE_CURATOR, "UNODC", NULL);
	RD = fixture_actor(S, "rita", ROLE_READER, "Police", NULL);
	PROV = fixture_actor(S, "pia", ROLE_PROVIDER, "CoE", NULL);
	FKE = fixture_actor(S, "kamau", ROLE_FOCAL_POINT, "KE-MoICT", "KE");

	/* a law in two versions, coe-185/2 covered from 2018-05-30 and un-cc/12 from
	 * 2020-01-01; an AMBER law of 2019 */
	act_id = import(ke_act(1), NULL);
	import(ke_act(2), NULL);
	import(amber_act(), "AMBER");
	if (mapping_set(S, &fixture_local, act_id, "sec_14", "coe-185", 2, "accepted", "full",
			NULL, &e) ||
	    mapping_set(S, &fixture_local, act_id, "sec_15", "un-cc", 12, "accepted", "full",
			NULL, &e))
		goto fail;
	/* gaps: coe-185/3 partly covered from 2020 (a gap found), coe-185/4 assessed not
	 * covered from 2018 (a gap at both ends) */
	{
		long long aid;

		if (mapping_set(S, &fixture_local, act_id, "sec_15", "coe-185", 3, "accepted",
				"partial", NULL, &e) ||
		    cov_assess(S, &CUR, "KE", "coe-185", 4, "2018-01-01", "No provision.", &aid,
			       &e))
			goto fail;
	}
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
	/* a CLEAR stated need of Kenya (raised today) */
	{
		struct need_stated n = { .country = "KE", .topic = "digital-forensics",
					 .target = "police", .urgency = 3, .note = "A lab",
					 .tlp = "CLEAR" };

		if (needs_state(S, &CUR, &n, &need_id, &e))
			goto fail;
	}
	/* assistance: Kenya's CLEAR request (3 people trained) with a pledge of 1000 EUR
	 * and a disbursement of 400 EUR in 2025; Uganda's GREEN request (2 trained) with a
	 * pledge of 50 EUR */
	req_ke = request("KE", "CLEAR", "police:f=2,m=1");
	req_ug = request("UG", "GREEN", "judge:f=1;prosecutor:m=1");
	fund(req_ke, "pledge", "1000.00", "2025-02-01");
	fund(req_ke, "disbursement", "400.00", "2025-04-01");
	fund(req_ug, "pledge", "50.00", "2025-02-01");
	/* a campaign opened 2024-03-01 asking KE and UG; Kenya submitted */
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

/* The report of in as a makes it (NULL: the public); fails the test on an error. */
static struct report *make(const struct actor *a, const struct report_params *in)
{
	struct report_query q;
	struct report *r;
	struct err e = { 0 };

	if (!S)
		skip();
	if (report_query_parse(S, P, a, in, &q, E) || report_make(S, P, a, &q, &r, E))
		fail_msg("report: %s", e.msg);
	return r;
}

static double fig(const struct report *r, const char *key)
{
	const struct report_figure *f = report_figure(r, key);

	if (!f)
		fail_msg("no figure %s", key);
	return f->value;
}

static const char *cellv(const struct report *r, const char *table, size_t row, const char *col)
{
	const struct report_table *t = report_table_find(r, table);

	assert_non_null(t);
	assert_true(row < t->nrows);
	for (size_t c = 0; c < t->ncols; c++)
		if (!strcmp(t->cols[c].key, col))
			return t->cells[row * t->ncols + c];
	fail_msg("no column %s in %s", col, table);
	return NULL;
}

/* The error of in (as a), its code and message. */
static void refused(const struct actor *a, const struct report_params *in, int code,
		    const char *msg)
{
	struct report_query q;
	struct err e = { 0 };

	assert_int_equal(report_query_parse(S, P, a, in, &q, E), code);
	assert_string_equal(e.msg, msg);
}

static void test_query(void **state)
{
	struct report_query q;
	struct err e = { 0 };

	(void)state;
	if (!S)
		skip();
	refused(NULL, &(struct report_params){ .from = "1990-01-01", .to = "2025-12-31" },
		ERR_INVALID, "period: 1990-01-01 to 2025-12-31 is longer than 30 years");
	refused(NULL, &(struct report_params){ .from = "2025-01-01", .to = "2024-01-01" },
		ERR_INVALID, "to: 2024-01-01 is before from 2025-01-01");
	refused(NULL, &(struct report_params){ .from = "2025-02-30", .to = "2025-03-01" },
		ERR_INVALID, "from: '2025-02-30' is not a date or a period (2025, 2025-Q1, "
		"2025-H2, 2025-06, 2025-06-30)");
	refused(NULL, &(struct report_params){ .period = "2025", .region = "999" },
		ERR_INVALID, "region: no region '999'");
	refused(NULL, &(struct report_params){ .period = "2025", .country = "KE,XX,UG" },
		ERR_INVALID, "country: no country 'XX'");
	refused(NULL, &(struct report_params){ .period = "2025", .country = "KE",
					       .region = "014" },
		ERR_INVALID, "region: a region and countries: give one");
	refused(&RD, &(struct report_params){ .period = "2025", .level = "green" },
		ERR_FORBIDDEN, "level: GREEN data in a report is for curators");
	refused(&CUR, &(struct report_params){ .period = "2025", .level = "amber" },
		ERR_INVALID, "level: 'amber' is not public or green");
	/* a list: codes in any form, sorted, duplicates dropped */
	assert_int_equal(report_query_parse(S, P, NULL, &(struct report_params){
		.period = "2025", .country = "UGA, ke,KEN" }, &q, E), ERR_OK);
	assert_int_equal(q.ncountries, 2);
	assert_string_equal(q.countries[0], "KE");
	assert_string_equal(report_scope(P, &q), "KE,UG");
	assert_string_equal(q.period.from, "2025-01-01");
	assert_string_equal(q.period.to, "2025-12-31");
	assert_int_equal(report_query_parse(S, P, &CUR, &(struct report_params){
		.period = "2025", .region = "014", .level = "green" }, &q, E), ERR_OK);
	assert_string_equal(report_scope(P, &q), "region:014");
	assert_int_equal(q.level, REPORT_GREEN);
}

static void test_legislation(void **state)
{
	struct report_params in = { .from = "2018-01-01", .to = "2020-12-31", .country = "KE" };
	struct report *r = make(NULL, &in), *g;
	const struct report_table *t;

	(void)state;
	assert_int_equal(fig(r, "laws.adopted"), 1);	/* the AMBER law is not public */
	assert_int_equal(fig(r, "laws.amended"), 1);
	t = report_table_find(r, "laws");
	assert_int_equal(t->nrows, 2);
	assert_string_equal(cellv(r, "laws", 0, "date"), "2020-01-01");	/* newest first */
	assert_string_equal(cellv(r, "laws", 0, "kind"), "Law amended");
	assert_string_equal(cellv(r, "laws", 1, "country"), "KE");
	/* the articles each version newly covers */
	assert_non_null(strstr(cellv(r, "laws", 1, "articles"), "coe-185/2"));
	assert_non_null(strstr(cellv(r, "laws", 0, "articles"), "un-cc/12"));
	assert_true(fig(r, "articles.covered") >= 2);
	/* a period after: nothing */
	in.from = "2022-01-01";
	in.to = "2022-12-31";
	r = make(NULL, &in);
	assert_int_equal(fig(r, "laws.adopted"), 0);
	assert_int_equal(report_table_find(r, "laws")->nrows, 0);
	/* a GREEN report never reads AMBER */
	in.from = "2019-01-01";
	in.to = "2019-12-31";
	in.level = "green";
	g = make(&CUR, &in);
	assert_int_equal(fig(g, "laws.adopted"), 0);
}

static void test_cases_lessons(void **state)
{
	struct report *r = make(NULL, &(struct report_params){ .from = "2021-01-01",
							      .to = "2023-12-31" });

	(void)state;
	assert_int_equal(fig(r, "cases.count"), 1);
	assert_int_equal(fig(r, "lessons.count"), 1);
	assert_string_equal(cellv(r, "cases", 0, "court"), "High Court");
	assert_string_equal(cellv(r, "cases", 0, "path"), pool_printf(P, "/cases/%lld", case_id));
	assert_string_equal(cellv(r, "lessons", 0, "date"), "2023-03-01");
	r = make(NULL, &(struct report_params){ .period = "2022", .region = "002" });
	assert_int_equal(fig(r, "cases.count"), 0);
	assert_int_equal(fig(r, "lessons.count"), 0);
}

/* Coverage: a country's figures are its profile's (the country page), the world's
 * the sums and means of the coverage matrix's rows (the coverage page). */
static void test_coverage_equals_pages(void **state)
{
	struct report *r = make(NULL, &(struct report_params){ .from = "2019-01-01",
							      .to = "2021-06-30", .country = "KE" });
	struct cov_profile *pf;
	struct cov_matrix *m;
	struct err e = { 0 };
	long long covered = 0;

	(void)state;
	assert_int_equal(record_use_clearance(S, NULL, E), ERR_OK);
	for (int end = 0; end < 2; end++) {
		struct cov_query q = { .at = end ? "2021-06-30" : "2019-01-01" };

		assert_int_equal(cov_profile(S, P, NULL, &q, "KE", 0, &pf, E), ERR_OK);
		for (size_t i = 0; i < cov_category_count; i++)
			assert_true(fabs(fig(r, pool_printf(P, "coverage.%s.%s", end ? "end" :
						"start", cov_categories[i])) -
					 pf->row->by_category[i].score) < 1e-9);
		assert_true(fabs(fig(r, end ? "coverage.end.overall" : "coverage.start.overall") -
				 pf->row->overall.score) < 1e-9);
		assert_int_equal(fig(r, end ? "coverage.covered.end" : "coverage.covered.start"),
				 pf->row->overall.covered);
	}
	/* more is covered at the end (un-cc/12 from 2020) */
	assert_true(fig(r, "coverage.covered.end") > fig(r, "coverage.covered.start"));
	/* the world: the matrix's rows */
	r = make(NULL, &(struct report_params){ .period = "2020" });
	assert_int_equal(record_use_clearance(S, NULL, E), ERR_OK);
	assert_int_equal(cov_matrix(S, P, NULL, &(struct cov_query){ .at = "2020-12-31",
				    .statuses_only = 1 }, &m, E), ERR_OK);
	for (size_t i = 0; i < m->nrows; i++)
		covered += m->rows[i].overall.covered;
	assert_int_equal(fig(r, "coverage.covered.end"), covered);
	assert_true(covered > 0);
	assert_string_equal(cellv(r, "coverage", 6, "category"), "Overall");
	assert_int_equal(strtoll(cellv(r, "coverage", 6, "countries"), NULL, 10), m->nrows);
}

/* Needs: the gaps at both ends are the needs page's (needs_country, needs_all); the
 * stated need raised today is in a period that holds today. */
static void test_needs_equal_pages(void **state)
{
	struct report *r = make(NULL, &(struct report_params){ .from = "2019-01-01",
							      .to = "2026-12-31", .country = "KE" });
	struct need *v;
	size_t n, gaps[2] = { 0 };
	struct err e = { 0 };

	(void)state;
	assert_int_equal(record_use_clearance(S, NULL, E), ERR_OK);
	for (int end = 0; end < 2; end++) {
		struct needs_query q = { .at = end ? "2026-12-31" : "2019-01-01" };

		assert_int_equal(needs_country(S, P, NULL, NULL, "KE", &q, &v, &n, E), ERR_OK);
		for (size_t i = 0; i < n; i++)
			gaps[end] += v[i].source == NEED_GAP;
	}
	assert_int_equal(fig(r, "needs.gaps.start"), gaps[0]);
	assert_int_equal(fig(r, "needs.gaps.end"), gaps[1]);
	assert_true(gaps[0] >= 1);			/* coe-185/4 */
	assert_true(fig(r, "needs.gaps.found") >= 1);	/* coe-185/3, partly from 2020 */
	assert_int_equal(fig(r, "needs.gaps.end") - fig(r, "needs.gaps.start"),
			 fig(r, "needs.gaps.found") - fig(r, "needs.gaps.closed"));
	assert_int_equal(fig(r, "needs.stated.raised"), 1);
	assert_int_equal(fig(r, "needs.stated.closed"), 0);
	assert_string_equal(cellv(r, "stated", 0, "id"), pool_printf(P, "%lld", need_id));
	r = make(NULL, &(struct report_params){ .period = "2024", .country = "KE" });
	assert_int_equal(fig(r, "needs.stated.raised"), 0);
	/* Africa: the needs page of the region (needs_all) */
	r = make(NULL, &(struct report_params){ .from = "2019-01-01", .to = "2026-12-31",
						.region = "002" });
	assert_int_equal(record_use_clearance(S, NULL, E), ERR_OK);
	gaps[1] = 0;
	assert_int_equal(needs_all(S, P, NULL, NULL, &(struct needs_query){ .at = "2026-12-31",
				   .region = "002" }, &v, &n, E), ERR_OK);
	for (size_t i = 0; i < n; i++)
		gaps[1] += v[i].source == NEED_GAP;
	assert_int_equal(fig(r, "needs.gaps.end"), gaps[1]);
	assert_true(gaps[1] > 0);
}

/* Assistance: the public reads Kenya's CLEAR request only; the GREEN level Uganda's
 * too; over a period that holds every activity and payment, the people trained and
 * the funding equal the assistance pages' (assist_trained, assist_totals). */
static void test_assistance_equal_pages(void **state)
{
	struct report_params in = { .period = "2025" };
	struct report *pub = make(NULL, &in), *g;
	struct assist_trained *t;
	struct assist_sum *sum;
	size_t n;
	struct err e = { 0 };
	static const struct actor reader = { .name = "x", .user_id = -1, .role = ROLE_READER };

	(void)state;
	assert_int_equal(fig(pub, "assist.activities"), 1);
	assert_int_equal(fig(pub, "assist.trained.total"), 3);
	assert_int_equal(fig(pub, "assist.trained.police"), 3);
	assert_int_equal(fig(pub, "assist.trained.female"), 2);
	assert_int_equal(fig(pub, "assist.pledged.EUR"), 1000);
	assert_int_equal(fig(pub, "assist.disbursed.EUR"), 400);
	assert_string_equal(cellv(pub, "funding", 0, "pledged"), "1000.00");
	assert_int_equal(record_use_clearance(S, NULL, E), ERR_OK);
	assert_int_equal(assist_trained(S, P, NULL, NULL, 0, NULL, &t, &n, E), ERR_OK);
	assert_int_equal(fig(pub, "assist.trained.total"), t[0].total);
	assert_int_equal(fig(pub, "assist.trained.female"), t[0].gender[AG_FEMALE]);
	assert_int_equal(assist_totals(S, P, NULL, "country", &sum, &n, E), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(fig(pub, "assist.pledged.EUR") * 100, sum[0].pledged);
	assert_int_equal(fig(pub, "assist.disbursed.EUR") * 100, sum[0].disbursed);

	in.level = "green";
	g = make(&CUR, &in);
	assert_int_equal(fig(g, "assist.activities"), 2);
	assert_int_equal(fig(g, "assist.trained.total"), 5);
	assert_int_equal(fig(g, "assist.trained.judge"), 1);
	assert_int_equal(fig(g, "assist.pledged.EUR"), 1050);
	assert_int_equal(fig(g, "assist.countries"), 2);
	assert_int_equal(record_use_clearance(S, &reader, E), ERR_OK);
	assert_int_equal(assist_trained(S, P, &reader, NULL, 0, NULL, &t, &n, E), ERR_OK);
	assert_int_equal(fig(g, "assist.trained.total"), t[0].total);
	assert_int_equal(assist_totals(S, P, &reader, "donor", &sum, &n, E), ERR_OK);
	assert_int_equal(fig(g, "assist.pledged.EUR") * 100, sum[0].pledged);
	assert_int_equal(record_use_clearance(S, NULL, E), ERR_OK);
	/* a country's report; a period without activities */
	g = make(&CUR, &(struct report_params){ .period = "2025", .country = "UG",
						 .level = "green" });
	assert_int_equal(fig(g, "assist.trained.total"), 2);
	assert_int_equal(fig(g, "assist.pledged.EUR"), 50);
	pub = make(NULL, &(struct report_params){ .period = "2024" });
	assert_int_equal(fig(pub, "assist.activities"), 0);
	assert_null(report_figure(pub, "assist.pledged.EUR"));
}

static void test_campaigns(void **state)
{
	struct report *r = make(NULL, &(struct report_params){ .period = "2024" });

	(void)state;
	assert_int_equal(fig(r, "campaigns.opened"), 1);
	assert_int_equal(fig(r, "campaigns.asked"), 2);
	assert_int_equal(fig(r, "campaigns.answered"), 1);
	assert_true(fabs(fig(r, "campaigns.rate") - 0.5) < 1e-9);
	assert_int_equal(fig(r, "campaigns.answers"), 0);	/* GREEN, not accepted */
	assert_string_equal(cellv(r, "campaigns", 0, "title"), "Round 2024");
	r = make(NULL, &(struct report_params){ .period = "2024", .country = "NG" });
	assert_int_equal(fig(r, "campaigns.opened"), 0);
}

/* JSON: written and read back, the same figures and tables; the CSV of a table. */
static void test_json_csv(void **state)
{
	struct report *r = make(NULL, &(struct report_params){ .from = "2018-01-01",
							      .to = "2025-12-31" }), *back;
	struct report_change *ch;
	size_t n;
	json_t *j;
	char *text;
	struct err e = { 0 };
	struct sbuf b = SBUF_INIT;
	const struct report_table *t, *u;

	(void)state;
	j = report_json(r);
	assert_int_equal(json_array_size(json_object_get(j, "commission")), 9);
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	assert_int_equal(report_json_read(P, text, &back, E), ERR_OK);
	free(text);
	report_compare(P, r, back, &ch, &n);
	assert_int_equal(n, 0);
	t = report_table_find(r, "laws");
	u = report_table_find(back, "laws");
	assert_int_equal(t->nrows, u->nrows);
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		assert_string_equal(t->cells[i] ? t->cells[i] : "", u->cells[i] ? u->cells[i] : "");
	assert_int_equal(report_json_read(P, "{\"from\": 1}", &back, E), ERR_INVALID);
	assert_int_equal(report_json_read(P, "[", &back, E), ERR_INVALID);
	report_csv(&b, report_table_find(r, "cases"), NULL);
	assert_string_equal(sbuf_str(&b), pool_printf(P, "date,country,title,path,court\r\n"
						  "2021-02-03,KE,Republic v. Mwangi,/cases/%lld,"
						  "High Court\r\n", case_id));
	sbuf_release(&b);
	/* the paragraphs' figures */
	assert_true(report_paragraph_has(&report_paragraphs[1], "assist.trained.police"));
	assert_false(report_paragraph_has(&report_paragraphs[1], "laws.adopted"));
	assert_int_equal(report_paragraphs[8].number, 13);
}

/* Saving: who may; reading a saved one by level; the prose; made again and compared
 * after a new case. */
static void test_save_again(void **state)
{
	struct report_params in = { .period = "2021", .country = "KE", .title = "KE 2021" };
	struct report *r = make(&RD, &in), *g, *back, *now;
	struct report_saved *sv, *list;
	struct report_change *ch;
	struct report_query q;
	size_t n;
	long long id, gid, cid;
	struct err e = { 0 };
	json_t *j;
	char *text;

	(void)state;
	j = report_json(r);
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	assert_int_equal(report_save(S, NULL, r, text, &id, E), ERR_FORBIDDEN);
	assert_string_equal(e.msg, "sign in to save a report");
	assert_int_equal(report_save(S, &RD, r, text, &id, E), ERR_OK);
	free(text);
	assert_int_equal(r->id, id);
	/* a GREEN one: a curator's only, read by signed-in accounts only */
	in.level = "green";
	g = make(&CUR, &in);
	g->q.level = REPORT_GREEN;
	assert_int_equal(report_save(S, &RD, g, "{}", &gid, E), ERR_FORBIDDEN);
	assert_int_equal(report_save(S, &CUR, g, "{}", &gid, E), ERR_OK);
	assert_int_equal(report_get(S, P, NULL, gid, &sv, E), ERR_NOTFOUND);
	assert_string_equal(e.msg, pool_printf(P, "no report %lld", gid));
	assert_int_equal(report_get(S, P, &RD, gid, &sv, E), ERR_OK);
	assert_int_equal(report_list(S, P, NULL, 100, &list, &n, E), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(report_list(S, P, &RD, 100, &list, &n, E), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, gid);	/* newest first */
	/* the prose: its maker or a curator */
	assert_int_equal(report_prose_set(S, &FKE, id, 6, "Trained.", E), ERR_FORBIDDEN);
	assert_int_equal(report_prose_set(S, &RD, id, 4, "x", E), ERR_INVALID);
	assert_string_equal(e.msg, "paragraph: 4 is not from 5 to 13");
	assert_int_equal(report_prose_set(S, &RD, id, 6, "Trained\n\nthree.", E), ERR_OK);
	assert_int_equal(report_prose_set(S, &CUR, id, 13, "Pledged.", E), ERR_OK);
	assert_int_equal(report_get(S, P, NULL, id, &sv, E), ERR_OK);
	assert_string_equal(sv->scope, "KE");
	assert_string_equal(sv->title, "KE 2021");
	assert_int_equal(report_json_read(P, sv->content, &back, E), ERR_OK);
	report_json_prose(P, sv->prose, back);
	assert_string_equal(back->prose[1], "Trained\n\nthree.");
	assert_string_equal(back->prose[8], "Pledged.");
	assert_null(back->prose[0]);
	/* made again after a new case of 2021: cases.count changed */
	{
		struct caselaw c = { .rec = { .country = "KE", .language = "en",
					      .title = "Republic v. Otieno" },
				     .court = "Court of Appeal", .decided = "2021-09-01" };

		assert_int_equal(caselaw_save(S, &fixture_local, &c, &cid, E), ERR_OK);
		publish(cid);
	}
	assert_int_equal(report_saved_query(S, P, sv, &q, E), ERR_OK);
	assert_int_equal(report_make(S, P, NULL, &q, &now, E), ERR_OK);
	report_compare(P, back, now, &ch, &n);
	assert_int_equal(n, 1);
	assert_string_equal(ch[0].key, "cases.count");
	assert_int_equal(ch[0].before, 1);
	assert_int_equal(ch[0].after, 2);
}

/* More developments than dev_list gives at once (DEV_LIMIT_MAX): the report halves
 * the period until each part fits, so the count is whole and not marked truncated. */
static void test_many(void **state)
{
	struct report *r;
	const struct report_table *t;
	struct err e = { 0 };
	size_t want = DEV_LIMIT_MAX + 20;

	(void)state;
	if (!S)
		skip();
	assert_int_equal(record_use_clearance(S, &fixture_local, E), ERR_OK);
	for (size_t i = 0; i < want; i++) {
		struct lesson l = { .rec = { .country = "TZ", .language = "en",
					     .title = "A lesson" },
				    .topic = "Training", .body = "Text.",
				    .date = pool_printf(P, "2010-%02zu-%02zu", 1 + i % 12,
							1 + i % 28) };
		long long id;

		if (lesson_save(S, &fixture_local, &l, &id, E))
			fail_msg("lesson: %s", e.msg);
		publish(id);
	}
	r = make(NULL, &(struct report_params){ .period = "2010", .country = "TZ" });
	assert_int_equal(fig(r, "lessons.count"), want);
	t = report_table_find(r, "lessons");
	assert_int_equal(t->nrows, want);
	assert_false(t->truncated);
	assert_string_equal(cellv(r, "lessons", 0, "date"), "2010-12-28");	/* newest first */
	r = make(NULL, &(struct report_params){ .from = "2010-01-01", .to = "2010-06-30",
						.region = "014" });
	assert_true(fig(r, "lessons.count") > 200 && fig(r, "lessons.count") < want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_legislation),
		cmocka_unit_test(test_cases_lessons),
		cmocka_unit_test(test_coverage_equals_pages),
		cmocka_unit_test(test_needs_equal_pages),
		cmocka_unit_test(test_assistance_equal_pages),
		cmocka_unit_test(test_campaigns),
		cmocka_unit_test(test_json_csv),
		cmocka_unit_test(test_save_again),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
