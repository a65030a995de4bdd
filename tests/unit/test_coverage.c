/* Tests of domain/coverage: the status rules (covered, partly, derived through the
 * cross-walk, not covered by an assessment, unknown), evidence against an assessment,
 * the date (before a version, after its last valid day, a pending version), the
 * clearance (an AMBER law does not count for the public), scores, the safeguards
 * flag, aggregates, the timeline, and the writes with their permissions and limits.
 * On temporary databases with the real reference data; skipped without iso-codes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

#include "domain/audit.h"
#include "domain/coverage.h"
#include "domain/legislation.h"
#include "domain/limits.h"
#include "domain/record.h"
#include "import/doc.h"
#include "store/store.h"

#define KE_ACT "/akn/ke/act/2018/5"
#define KE_OLD "/akn/ke/act/2010/1"
#define KE_AMBER "/akn/ke/act/2019/9"

/* The Kenyan act of test_legislation, shortened: version 1 (2018-05-30) has sections
 * 14, 16, 20 and 21; version 2 (2020-01-01) adds section 15. */
static struct doc *ke_act(int version)
{
	struct doc *d = doc_new();
	struct doc_node *part;

	d->kind = DOC_LEGISLATION;
	d->work_uri = KE_ACT;
	d->country = "KE";
	d->type = "act";
	d->number = "5";
	d->date = "2018-05-16";
	d->title = "Computer Misuse and Cybercrimes Act, 2018";
	d->language = "eng";
	d->expr_date = version == 1 ? "2018-05-30" : "2020-01-01";
	part = doc_add(d, NULL, "part", "part_2", "II", "Offences", NULL, 1);
	doc_add(d, part, "section", "part_2__sec_14", "14", "Unauthorised access",
		"A person who causes a computer system to perform a function ...", 2);
	if (version == 2)
		doc_add(d, part, "section", "part_2__sec_15", "15", "Computer forgery",
			"A person who intentionally inputs, alters ... data ...", 3);
	doc_add(d, part, "section", "part_2__sec_16", "16", "Unauthorised interference",
		"A person who intentionally and without authorisation ...", 4);
	doc_add(d, part, "section", "part_2__sec_20", "20", "Preservation order",
		"A police officer may apply for an order ...", 5);
	doc_add(d, part, "section", "part_2__sec_21", "21", "Safeguards",
		"An order under this Part respects the rights ...", 6);
	return d;
}

/* A one-section law of uri, version date, last valid day (NULL: open). */
static struct doc *small_act(const char *uri, const char *number, const char *date,
			     const char *valid_to)
{
	struct doc *d = doc_new();

	d->kind = DOC_LEGISLATION;
	d->work_uri = uri;
	d->country = "KE";
	d->type = "act";
	d->number = number;
	d->date = date;
	d->title = "Another act";
	d->language = "eng";
	d->expr_date = date;
	d->expr_end = valid_to;
	doc_add(d, NULL, "section", "sec_1", "1", "Corporate liability",
		"A body corporate is liable ...", 1);
	return d;
}

static long long import(struct store *s, struct doc *d, const char *tlp)
{
	long long id = 0;
	size_t n = 0;
	struct err e = { 0 };

	if (legislation_import_doc(s, &fixture_local, d, ST_PUBLISHED, tlp, &id, &n, &e))
		fail_msg("import %s: %s", d->work_uri, e.msg);
	doc_free(d);
	return id;
}

static void map(struct store *s, long long work, const char *eid, const char *inst, int art,
		const char *extent)
{
	struct err e = { 0 };

	if (mapping_set(s, &fixture_local, work, eid, inst, art, "accepted", extent, NULL, &e))
		fail_msg("map %s -> %s/%d: %s", eid, inst, art, e.msg);
}

static long long ke_id;

/* A database with Kenya's act in two versions and its mappings:
 *   sec 14 -> coe-185/2 full   (un-cc/7 derived)
 *   sec 16 -> un-cc/9 partial  (coe-185/4 derived, partly)
 *   sec 15 -> un-cc/12 full    (only in version 2)
 *   sec 20 -> coe-185/16 full  (procedural) */
static struct store *scenario(void)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);

	ke_id = import(s, ke_act(1), NULL);
	import(s, ke_act(2), NULL);
	map(s, ke_id, "part_2__sec_14", "coe-185", 2, "full");
	map(s, ke_id, "part_2__sec_16", "un-cc", 9, "partial");
	map(s, ke_id, "part_2__sec_15", "un-cc", 12, "full");
	map(s, ke_id, "part_2__sec_20", "coe-185", 16, "full");
	return s;
}

static struct cov_matrix *matrix(struct store *s, pool *p, const struct actor *a,
				 const char *at, const char *instrument, const char *category)
{
	static const char *const ke[] = { "KE" };
	struct cov_query q = { .at = at, .instrument = instrument, .category = category,
			       .countries = ke, .ncountries = 1 };
	struct cov_matrix *m;
	struct err e = { 0 };

	if (cov_matrix(s, p, a, &q, &m, &e))
		fail_msg("cov_matrix: %s", e.msg);
	return m;
}

static const struct cov_cell *cell(const struct cov_matrix *m, const char *inst, int art)
{
	const struct cov_country_row *r = cov_matrix_row(m, "KE");
	long col = cov_matrix_column(m, inst, art);

	assert_non_null(r);
	assert_true(col >= 0);
	return &r->cells[col];
}

static void test_status_rules(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	struct cov_matrix *m = matrix(s, p, &fixture_local, "2019-01-01", NULL, NULL);
	const struct cov_cell *c;

	(void)state;
	assert_string_equal(m->at, "2019-01-01");
	assert_int_equal(m->public_only, 0);
	assert_int_equal(m->nrows, 1);
	/* 34 counted articles of Budapest, 48 of the UN convention */
	assert_int_equal(m->narticles, 82);
	assert_int_equal(cov_matrix_column(m, "coe-185", 1), -1);	/* definitions */
	assert_int_equal(cov_matrix_column(m, "un-cc", 60), -1);	/* final */
	assert_string_equal(cov_status_name(COV_PARTLY), "partly_covered");
	assert_string_equal(cov_status_label(COV_PARTLY), "partly covered");
	assert_int_equal(cov_status_parse("not_covered"), COV_NOT);
	assert_int_equal(cov_status_parse("gap"), -1);
	assert_int_equal(cov_category_index("safeguards"), 4);
	assert_int_equal(cov_category_index("final"), -1);

	c = cell(m, "coe-185", 2);
	assert_int_equal(c->status, COV_COVERED);
	assert_int_equal(c->derived, 0);
	assert_int_equal(c->nevidence, 1);
	assert_string_equal(c->evidence[0].work_uri, KE_ACT);
	assert_string_equal(c->evidence[0].eid, "part_2__sec_14");
	assert_string_equal(c->evidence[0].num, "14");
	assert_string_equal(c->evidence[0].heading, "Unauthorised access");
	assert_string_equal(c->evidence[0].version_date, "2018-05-30");
	assert_string_equal(c->evidence[0].version_language, "eng");
	assert_string_equal(c->evidence[0].extent, "full");
	assert_int_equal(c->evidence[0].derived, 0);
	/* derived through the cross-walk: coe-185/2 counts for un-cc/7 */
	c = cell(m, "un-cc", 7);
	assert_int_equal(c->status, COV_COVERED);
	assert_int_equal(c->derived, 1);
	assert_int_equal(c->nevidence, 1);
	assert_int_equal(c->evidence[0].derived, 1);
	assert_string_equal(c->evidence[0].via_instrument, "coe-185");
	assert_int_equal(c->evidence[0].via_article, 2);
	/* partly, and the reverse direction */
	assert_int_equal(cell(m, "un-cc", 9)->status, COV_PARTLY);
	assert_int_equal(cell(m, "un-cc", 9)->derived, 0);
	assert_int_equal(cell(m, "coe-185", 4)->status, COV_PARTLY);
	assert_int_equal(cell(m, "coe-185", 4)->derived, 1);
	/* procedural powers have no cross-walk equivalence row here: unknown stays */
	assert_int_equal(cell(m, "coe-185", 3)->status, COV_UNKNOWN);
	assert_int_equal(cell(m, "coe-185", 3)->nevidence, 0);
	/* a mapping of a section only version 2 has */
	assert_int_equal(cell(m, "un-cc", 12)->status, COV_UNKNOWN);
	m = matrix(s, p, &fixture_local, "2021-01-01", NULL, NULL);
	assert_int_equal(cell(m, "un-cc", 12)->status, COV_COVERED);
	assert_string_equal(cell(m, "un-cc", 12)->evidence[0].version_date, "2020-01-01");
	assert_string_equal(cell(m, "coe-185", 2)->evidence[0].version_date, "2020-01-01");
	/* before the first version: nothing */
	m = matrix(s, p, &fixture_local, "2018-05-29", NULL, NULL);
	assert_int_equal(cell(m, "coe-185", 2)->status, COV_UNKNOWN);
	assert_int_equal(cov_matrix_row(m, "KE")->overall.unknown, 82);
	m = matrix(s, p, &fixture_local, "2018-05-30", NULL, NULL);	/* its own day */
	assert_int_equal(cell(m, "coe-185", 2)->status, COV_COVERED);
	/* statuses only: the same statuses, no evidence */
	{
		static const char *const ke[] = { "KE" };
		struct cov_query q = { .at = "2019-01-01", .countries = ke, .ncountries = 1,
				       .statuses_only = 1 };
		struct cov_matrix *lean, *full = matrix(s, p, &fixture_local, "2019-01-01",
							 NULL, NULL);
		struct err e = { 0 };

		assert_int_equal(cov_matrix(s, p, &fixture_local, &q, &lean, &e), ERR_OK);
		for (size_t j = 0; j < full->narticles; j++) {
			assert_int_equal(lean->rows[0].cells[j].status,
					 full->rows[0].cells[j].status);
			assert_int_equal(lean->rows[0].cells[j].derived,
					 full->rows[0].cells[j].derived);
			assert_int_equal(lean->rows[0].cells[j].nevidence, 0);
		}
		/* one article: its own mappings and its counterparts' */
		q.statuses_only = 0;
		q.instrument = "un-cc";
		q.article = 7;
		assert_int_equal(cov_matrix(s, p, &fixture_local, &q, &lean, &e), ERR_OK);
		assert_int_equal(lean->narticles, 1);
		assert_int_equal(lean->rows[0].cells[0].status, COV_COVERED);
		assert_int_equal(lean->rows[0].cells[0].derived, 1);
		assert_int_equal(lean->rows[0].cells[0].nevidence, 1);
		assert_int_equal(lean->rows[0].overall.counted, 1);
		assert_int_equal(lean->rows[0].overall.covered, 1);
	}
	/* full wins over partial, direct over derived when as good */
	map(s, ke_id, "part_2__sec_16", "coe-185", 4, "full");
	m = matrix(s, p, &fixture_local, "2019-01-01", NULL, NULL);
	assert_int_equal(cell(m, "coe-185", 4)->status, COV_COVERED);
	assert_int_equal(cell(m, "coe-185", 4)->derived, 0);
	/* the provision is direct evidence: its mapping to un-cc/9 is not listed again
	 * as derived evidence of the same cell */
	assert_int_equal(cell(m, "coe-185", 4)->nevidence, 1);
	assert_int_equal(cell(m, "coe-185", 4)->evidence[0].derived, 0);
	assert_int_equal(cell(m, "un-cc", 9)->status, COV_COVERED);
	assert_int_equal(cell(m, "un-cc", 9)->derived, 1);
	pool_free(p);
	store_close(s);
}

/* A version waiting for review is in force nowhere; a version past its last valid
 * day is not in force. */
static void test_dates(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	struct expression x = { 0 };
	struct cov_matrix *m;
	struct err e = { 0 };
	long long xid, old;

	(void)state;
	/* a pending version without section 14, dated before the date asked */
	x.work_id = ke_id;
	x.language = "eng";
	x.date = "2019-06-01";
	x.pending = 1;
	if (store_expr_put(s, &x, &xid, &e))
		fail_msg("expr_put: %s", e.msg);
	m = matrix(s, p, &fixture_local, "2019-07-01", NULL, NULL);
	assert_int_equal(cell(m, "coe-185", 2)->status, COV_COVERED);
	assert_string_equal(cell(m, "coe-185", 2)->evidence[0].version_date, "2018-05-30");
	/* the same version published: section 14 is gone from the version in force */
	x.pending = 0;
	if (store_expr_put(s, &x, &xid, &e))
		fail_msg("expr_put: %s", e.msg);
	m = matrix(s, p, &fixture_local, "2019-07-01", NULL, NULL);
	assert_int_equal(cell(m, "coe-185", 2)->status, COV_UNKNOWN);
	m = matrix(s, p, &fixture_local, "2019-05-31", NULL, NULL);
	assert_int_equal(cell(m, "coe-185", 2)->status, COV_COVERED);

	/* a translation dated later: the work's own language still decides, as on the law
	 * pages (legislation_as_of) */
	{
		struct doc *fr = ke_act(1);

		fr->language = "fra";
		fr->expr_date = "2019-03-01";
		import(s, fr, NULL);
	}
	m = matrix(s, p, &fixture_local, "2019-05-01", NULL, NULL);
	assert_string_equal(cell(m, "coe-185", 2)->evidence[0].version_language, "eng");
	assert_string_equal(cell(m, "coe-185", 2)->evidence[0].version_date, "2018-05-30");
	/* a law valid until 2015-12-31 */
	old = import(s, small_act(KE_OLD, "1", "2010-01-01", "2015-12-31"), NULL);
	map(s, old, "sec_1", "un-cc", 21, "full");
	m = matrix(s, p, &fixture_local, "2015-12-31", NULL, NULL);
	assert_int_equal(cell(m, "un-cc", 21)->status, COV_COVERED);
	m = matrix(s, p, &fixture_local, "2016-01-01", NULL, NULL);
	assert_int_equal(cell(m, "un-cc", 21)->status, COV_UNKNOWN);
	pool_free(p);
	store_close(s);
}

static void test_clearance(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	struct clearance pub;
	struct cov_matrix *m;
	long long amber;

	(void)state;
	amber = import(s, small_act(KE_AMBER, "9", "2019-02-01", NULL), "AMBER");
	map(s, amber, "sec_1", "un-cc", 8, "full");
	m = matrix(s, p, &fixture_local, "2020-01-01", NULL, NULL);
	assert_int_equal(cell(m, "un-cc", 8)->status, COV_COVERED);
	assert_int_equal(cell(m, "coe-185", 3)->status, COV_COVERED);	/* derived */
	/* the public reads the CLEAR law only */
	record_clearance(NULL, &pub);
	assert_int_equal(store_set_clearance(s, &pub, NULL), ERR_OK);
	m = matrix(s, p, NULL, "2020-01-01", NULL, NULL);
	assert_int_equal(m->public_only, 1);
	assert_int_equal(cell(m, "un-cc", 8)->status, COV_UNKNOWN);
	assert_int_equal(cell(m, "coe-185", 3)->status, COV_UNKNOWN);
	assert_int_equal(cell(m, "coe-185", 2)->status, COV_COVERED);
	pool_free(p);
	store_close(s);
}

static void test_assessments(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	struct actor cur = fixture_actor(s, "cora", ROLE_CURATOR, "UNODC", NULL);
	struct actor fp = fixture_actor(s, "kamau", ROLE_FOCAL_POINT, "KE-MoICT", "KE");
	struct actor fp_ug = fixture_actor(s, "okello", ROLE_FOCAL_POINT, "UG-NITA", "UG");
	struct cov_matrix *m;
	struct cov_assessment *as;
	struct cov_dispute *ds;
	struct cov_comment *cs;
	struct err e = { 0 };
	char *big;
	long long id, id2, did;
	size_t n;

	(void)state;
	/* a focal point records that Kenya has no misuse-of-devices offence */
	err_clear(&e);
	assert_int_equal(cov_assess(s, &fp, "KE", "un-cc", 11, "2017-01-01",
				    "No provision criminalises the misuse of devices.", &id, &e),
			 ERR_OK);
	m = matrix(s, p, &fixture_local, "2019-01-01", NULL, NULL);
	assert_int_equal(cell(m, "un-cc", 11)->status, COV_NOT);
	assert_non_null(cell(m, "un-cc", 11)->assessment);
	assert_string_equal(cell(m, "un-cc", 11)->assessment->recorded_by, "kamau");
	assert_int_equal(cell(m, "un-cc", 11)->conflict, 0);
	/* not yet on an earlier date */
	m = matrix(s, p, &fixture_local, "2016-12-31", NULL, NULL);
	assert_int_equal(cell(m, "un-cc", 11)->status, COV_UNKNOWN);
	/* evidence wins over an assessment, which stays visible */
	err_clear(&e);
	assert_int_equal(cov_assess(s, &cur, "ke", "coe-185", 2, "2017-01-01",
				    "Believed missing.", &id2, &e), ERR_OK);
	m = matrix(s, p, &fixture_local, "2019-01-01", NULL, NULL);
	assert_int_equal(cell(m, "coe-185", 2)->status, COV_COVERED);
	assert_int_equal(cell(m, "coe-185", 2)->conflict, 1);
	assert_non_null(cell(m, "coe-185", 2)->assessment);
	/* another country's focal point may not; nor the public */
	err_clear(&e);
	assert_int_equal(cov_assess(s, &fp_ug, "KE", "un-cc", 12, NULL, "x", &id, &e),
			 ERR_FORBIDDEN);
	err_clear(&e);
	assert_int_equal(cov_assess(s, NULL, "KE", "un-cc", 12, NULL, "x", &id, &e),
			 ERR_FORBIDDEN);
	/* bad input */
	err_clear(&e);
	assert_int_equal(cov_assess(s, &cur, "XX", "un-cc", 12, NULL, "x", &id, &e),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "country"));
	err_clear(&e);
	assert_int_equal(cov_assess(s, &cur, "KE", "un-cc", 99, NULL, "x", &id, &e),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "article"));
	err_clear(&e);
	assert_int_equal(cov_assess(s, &cur, "KE", "coe-185", 1, NULL, "x", &id, &e),
			 ERR_INVALID);	/* definitions are not counted */
	err_clear(&e);
	assert_int_equal(cov_assess(s, &cur, "KE", "un-cc", 12, "1899-12-31", "x", &id, &e),
			 ERR_INVALID);
	err_clear(&e);
	assert_int_equal(cov_assess(s, &cur, "KE", "un-cc", 12, NULL, "", &id, &e),
			 ERR_INVALID);
	/* the note's limit */
	big = malloc(LIMIT_COV_NOTE + 2);
	memset(big, 'a', LIMIT_COV_NOTE + 1);
	big[LIMIT_COV_NOTE + 1] = '\0';
	err_clear(&e);
	assert_int_equal(cov_assess(s, &cur, "KE", "un-cc", 12, NULL, big, &id, &e),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "4000"));
	big[LIMIT_COV_NOTE] = '\0';
	err_clear(&e);
	assert_int_equal(cov_assess(s, &cur, "KE", "un-cc", 13, NULL, big, &id, &e), ERR_OK);
	free(big);
	assert_int_equal(cov_assessments(s, p, "KE", 0, &as, &n, NULL), ERR_OK);
	assert_int_equal(n, 3);
	/* withdrawn: unknown again */
	assert_int_equal(cov_withdraw(s, &fp_ug, id2, &e), ERR_FORBIDDEN);
	assert_int_equal(cov_withdraw(s, &cur, id2, &e), ERR_OK);
	assert_int_equal(cov_withdraw(s, &cur, id2, &e), ERR_NOTFOUND);
	m = matrix(s, p, &fixture_local, "2019-01-01", NULL, NULL);
	assert_int_equal(cell(m, "coe-185", 2)->conflict, 0);
	assert_int_equal(cov_assessments(s, p, "KEN", 1, &as, &n, NULL), ERR_OK);
	assert_int_equal(n, 3);	/* 11, 2 (withdrawn), 13 */

	/* disputes: the focal point opens, a curator comments and decides */
	assert_int_equal(cov_dispute_open(s, &fp_ug, "KE", "un-cc", 11, "no", &did, &e),
			 ERR_FORBIDDEN);
	assert_int_equal(cov_dispute_open(s, &cur, "KE", "un-cc", 11, "no", &did, &e),
			 ERR_FORBIDDEN);	/* curators decide */
	assert_int_equal(cov_dispute_open(s, NULL, "KE", "un-cc", 11, "no", &did, &e),
			 ERR_FORBIDDEN);
	assert_int_equal(cov_dispute_open(s, &fp, "KE", "un-cc", 11,
					  "Section 16 covers devices.", &did, &e), ERR_OK);
	m = matrix(s, p, &fixture_local, "2019-01-01", NULL, NULL);
	assert_int_equal(cell(m, "un-cc", 11)->disputed, 1);
	assert_int_equal(cov_dispute_comment(s, &cur, did, "It does not.", &e), ERR_OK);
	assert_int_equal(cov_dispute_comment(s, &fp_ug, did, "It does.", &e), ERR_FORBIDDEN);
	assert_int_equal(cov_dispute_decide(s, &fp, did, "upheld", "ok", &e), ERR_FORBIDDEN);
	assert_int_equal(cov_dispute_decide(s, &cur, did, "maybe", "ok", &e), ERR_INVALID);
	assert_int_equal(cov_dispute_decide(s, &cur, did, "rejected", "Section 16 is "
					    "interference only.", &e), ERR_OK);
	assert_int_equal(cov_dispute_comment(s, &fp, did, "late", &e), ERR_CONFLICT);
	assert_int_equal(cov_disputes(s, p, "KE", &ds, &n, NULL), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ds[0].state, "rejected");
	assert_string_equal(ds[0].decided_by, "cora");
	assert_int_equal(cov_comments(s, p, did, &cs, &n, NULL), ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(cs[0].by, "kamau");
	m = matrix(s, p, &fixture_local, "2019-01-01", NULL, NULL);
	assert_int_equal(cell(m, "un-cc", 11)->disputed, 0);
	pool_free(p);
	store_close(s);
}

static void test_writes_audited(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	struct audit_filter f = { .action = "coverage.assess" };
	struct audit_entry *en;
	struct err e = { 0 };
	long long id;
	size_t n;

	(void)state;
	err_clear(&e);
	assert_int_equal(cov_assess(s, &fixture_local, "KE", "un-cc", 11, NULL, "none", &id,
				    &e), ERR_OK);
	assert_int_equal(store_audit_list(s, p, &f, 10, 0, &en, &n, NULL), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(en[0].target, "country/KE");
	assert_non_null(strstr(en[0].detail, "un-cc/11"));
	pool_free(p);
	store_close(s);
}

static void test_scores(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	struct cov_matrix *m;
	const struct cov_country_row *r;
	int crim = cov_category_index("criminalization");
	int proc = cov_category_index("procedural");

	(void)state;
	/* Budapest at 2019: criminalization 2 covered (2 direct... 4 derived partly) */
	m = matrix(s, p, &fixture_local, "2019-01-01", "coe-185", NULL);
	assert_int_equal(m->narticles, 34);
	r = cov_matrix_row(m, "KE");
	assert_int_equal(r->by_category[crim].counted, 9);
	assert_int_equal(r->by_category[crim].covered, 1);
	assert_int_equal(r->by_category[crim].partly, 1);
	assert_true(r->by_category[crim].score > 1.5 / 9 - 1e-9 &&
		    r->by_category[crim].score < 1.5 / 9 + 1e-9);
	assert_int_equal(r->by_category[proc].covered, 1);
	assert_int_equal(r->overall.counted, 34);
	assert_int_equal(r->overall.covered, 2);
	assert_int_equal(r->overall.partly, 1);
	assert_int_equal(r->overall.unknown, 31);
	assert_true(r->overall.score > 2.5 / 34 - 1e-9 && r->overall.score < 2.5 / 34 + 1e-9);
	/* procedural powers without safeguards */
	assert_int_equal(r->safeguards_flag, 1);
	/* a category: its columns, and the flag still over every category */
	m = matrix(s, p, &fixture_local, "2019-01-01", "coe-185", "criminalization");
	assert_int_equal(m->narticles, 9);
	r = cov_matrix_row(m, "KE");
	assert_int_equal(r->overall.counted, 9);
	assert_int_equal(r->safeguards_flag, 1);
	/* a safeguard mapped, even partly, clears the flag */
	map(s, ke_id, "part_2__sec_21", "un-cc", 24, "partial");
	m = matrix(s, p, &fixture_local, "2019-01-01", NULL, NULL);
	assert_int_equal(cov_matrix_row(m, "KE")->safeguards_flag, 0);
	assert_int_equal(cell(m, "coe-185", 15)->status, COV_PARTLY);	/* derived */
	pool_free(p);
	store_close(s);
}

static void test_query_check(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	static const char *const bad[] = { "KE", "ZZ" };
	struct cov_query q = { 0 };
	struct cov_matrix *m;
	struct err e = { 0 };

	(void)state;
	q.at = "1899-12-31";
	err_clear(&e);
	assert_int_equal(cov_matrix(s, p, NULL, &q, &m, &e), ERR_INVALID);
	assert_true(!strncmp(e.msg, "at:", 3));
	q.at = "2101-01-01";
	err_clear(&e);
	assert_int_equal(cov_query_check(s, p, &q, &e), ERR_INVALID);
	q.at = "2019-02-30";
	err_clear(&e);
	assert_int_equal(cov_query_check(s, p, &q, &e), ERR_INVALID);
	q.at = "2100-12-31";
	err_clear(&e);
	assert_int_equal(cov_query_check(s, p, &q, &e), ERR_OK);
	q.countries = bad;
	q.ncountries = 2;
	err_clear(&e);
	assert_int_equal(cov_query_check(s, p, &q, &e), ERR_INVALID);
	assert_true(!strncmp(e.msg, "country:", 8));
	assert_non_null(strstr(e.msg, "ZZ"));
	q.ncountries = 1;
	q.instrument = "coe-999";
	err_clear(&e);
	assert_int_equal(cov_query_check(s, p, &q, &e), ERR_INVALID);
	assert_true(!strncmp(e.msg, "instrument:", 11));
	q.instrument = "un-cc";
	q.article = 999;
	err_clear(&e);
	assert_int_equal(cov_query_check(s, p, &q, &e), ERR_INVALID);
	assert_true(!strncmp(e.msg, "article:", 8));
	q.article = 7;
	q.category = "final";
	err_clear(&e);
	assert_int_equal(cov_query_check(s, p, &q, &e), ERR_INVALID);
	assert_true(!strncmp(e.msg, "category:", 9));
	q.category = NULL;
	q.region = "999";
	err_clear(&e);
	assert_int_equal(cov_query_check(s, p, &q, &e), ERR_INVALID);
	assert_true(!strncmp(e.msg, "region:", 7));
	q.region = "014";
	err_clear(&e);
	assert_int_equal(cov_query_check(s, p, &q, &e), ERR_OK);
	/* today by default */
	memset(&q, 0, sizeof(q));
	q.countries = bad;
	q.ncountries = 1;
	err_clear(&e);
	assert_int_equal(cov_matrix(s, p, NULL, &q, &m, &e), ERR_OK);
	assert_int_equal(strlen(m->at), 10);
	pool_free(p);
	store_close(s);
}

/* The world, a region, least covered articles, gaps and the sub-region. */
static void test_aggregates(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	struct cov_query q = { .at = "2019-01-01", .region = "014" };	/* Eastern Africa */
	struct cov_matrix *m;
	struct cov_article_share *sh;
	struct cov_comparison cmp;
	struct cov_gap *g;
	struct err e = { 0 };
	long long ug, id;
	size_t n;
	long col;

	(void)state;
	/* Uganda covers un-cc/11, which Kenya has assessed as not covered */
	{
		struct doc *d = small_act("/akn/ug/act/2011/2", "2", "2011-01-01", NULL);

		d->country = "UG";
		ug = import(s, d, NULL);
	}
	map(s, ug, "sec_1", "un-cc", 11, "full");
	err_clear(&e);
	assert_int_equal(cov_assess(s, &fixture_local, "KE", "un-cc", 11, "2017-01-01",
				    "none", &id, &e), ERR_OK);
	err_clear(&e);
	assert_int_equal(cov_matrix(s, p, &fixture_local, &q, &m, &e), ERR_OK);
	assert_true(m->nrows > 10);
	assert_null(cov_matrix_row(m, "FR"));
	col = cov_matrix_column(m, "un-cc", 11);
	assert_int_equal(cov_matrix_row(m, "UG")->cells[col].status, COV_COVERED);
	assert_int_equal(cov_region_shares(s, p, m, "014", &sh, &n, &e), ERR_OK);
	assert_int_equal(n, m->narticles);
	assert_int_equal(sh[col].countries, (int)m->nrows);
	assert_int_equal(sh[col].covered, 1);
	assert_int_equal(sh[col].not_covered, 1);
	assert_int_equal(sh[col].unknown, (int)m->nrows - 2);
	assert_true(sh[col].share > 0.99 / m->nrows && sh[col].share < 1.01 / m->nrows);
	assert_true(sh[col].score > 0.99 / m->nrows && sh[col].score < 1.01 / m->nrows);
	cov_least_covered(sh, &n, 5);
	assert_int_equal(n, 5);
	assert_true(sh[0].score <= sh[4].score);
	assert_int_equal(sh[0].covered, 0);
	/* Kenya's gaps: un-cc/11 (covered by a neighbour) first, then its partly ones */
	assert_int_equal(cov_gaps(p, m, "KE", &g, &n, &e), ERR_OK);
	assert_true(n >= 2);
	assert_string_equal(g[0].article->instrument, "un-cc");
	assert_int_equal(g[0].article->number, 11);
	assert_int_equal(g[0].subregion_covering, 1);
	assert_int_equal(g[1].cell->status, COV_PARTLY);
	assert_int_equal(cov_compare_subregion(m, "KE", &cmp, &e), ERR_OK);
	assert_string_equal(cmp.subregion, "202");	/* Sub-Saharan Africa */
	assert_true(cmp.score > cmp.subregion_mean);
	assert_int_equal(cov_compare_subregion(m, "FR", &cmp, &e), ERR_NOTFOUND);
	/* the profile: the country with its evidence, its sub-region, its gaps */
	{
		struct cov_query pq = { .at = "2019-01-01", .region = "150" };	/* ignored */
		struct cov_profile *pr;

		assert_int_equal(cov_profile(s, p, &fixture_local, &pq, "KEN", 1, &pr, &e),
				 ERR_OK);
		assert_string_equal(pr->row->country->alpha2, "KE");
		assert_int_equal(pr->matrix->nrows, 1);
		assert_int_equal(pr->row->cells[cov_matrix_column(pr->matrix, "coe-185", 2)]
				 .nevidence, 1);
		assert_string_equal(pr->subregion.subregion, "202");
		assert_true(pr->subregion.subregion_countries > 40);
		assert_true(pr->ngaps >= 2);
		assert_int_equal(pr->gaps[0].article->number, 11);
		assert_non_null(pr->timeline);
		assert_true(pr->timeline->npoints >= 2);
		err_clear(&e);
		assert_int_equal(cov_profile(s, p, &fixture_local, &pq, "XX", 0, &pr, &e),
				 ERR_INVALID);
		assert_true(!strncmp(e.msg, "country:", 8));
	}
	pool_free(p);
	store_close(s);
}

static void test_timeline(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new();
	static const char *const ke[] = { "KE" };
	struct cov_query q = { .at = "2022-01-01", .countries = ke, .ncountries = 1 };
	struct cov_timeline *t;
	struct err e = { 0 };
	long long old, id;

	(void)state;
	old = import(s, small_act(KE_OLD, "1", "2010-01-01", "2015-12-31"), NULL);
	map(s, old, "sec_1", "un-cc", 21, "full");
	err_clear(&e);
	assert_int_equal(cov_assess(s, &fixture_local, "KE", "un-cc", 11, "2017-01-01",
				    "none", &id, &e), ERR_OK);
	assert_int_equal(cov_timeline(s, p, &fixture_local, &q, &t, &e), ERR_OK);
	/* 2010-01-01, 2016-01-01, 2017-01-01, 2018-05-30, 2020-01-01 */
	assert_int_equal(t->npoints, 5);
	assert_string_equal(t->points[0].date, "2010-01-01");
	assert_int_equal(t->points[0].overall.covered, 2);	/* un-cc/21, coe-185/13 */
	assert_string_equal(t->points[1].date, "2016-01-01");
	assert_int_equal(t->points[1].overall.covered, 0);
	assert_string_equal(t->points[2].date, "2017-01-01");
	assert_int_equal(t->points[2].overall.not_covered, 1);
	assert_string_equal(t->points[3].date, "2018-05-30");
	assert_string_equal(t->points[4].date, "2020-01-01");
	assert_true(t->points[4].overall.score > t->points[3].overall.score);
	for (size_t j = 0; j < t->narticles; j++) {
		const struct cov_since *a = &t->articles[j];

		if (!strcmp(a->article->instrument, "un-cc") && a->article->number == 12)
			assert_string_equal(a->covered_since, "2020-01-01");
		else if (!strcmp(a->article->instrument, "un-cc") && a->article->number == 7)
			assert_string_equal(a->covered_since, "2018-05-30");
		else if (!strcmp(a->article->instrument, "un-cc") && a->article->number == 21)
			assert_null(a->covered_since);	/* no longer */
	}
	pool_free(p);
	store_close(s);
}

/* Statuses only are kept between calls: the same query borrows the same matrix; a
 * commit, another asker or another date computes again; a borrowed matrix stays
 * readable while its borrower's pool lives, whatever else is computed meanwhile. */
static void test_cache(void **state)
{
	struct store *s = scenario();
	pool *p = pool_new(), *p2 = pool_new();
	static const char *const ke[] = { "KE" };
	struct cov_query q = { .at = "2019-01-01", .countries = ke, .ncountries = 1,
			       .statuses_only = 1 };
	struct cov_matrix *a, *b, *c, *pub;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(cov_matrix(s, p, &fixture_local, &q, &a, &e), ERR_OK);
	assert_int_equal(cov_matrix(s, p2, &fixture_local, &q, &b, &e), ERR_OK);
	assert_ptr_equal(a, b);
	assert_int_equal(cov_matrix(s, p2, NULL, &q, &pub, &e), ERR_OK);
	assert_ptr_not_equal(a, pub);
	assert_int_equal(pub->public_only, 1);
	assert_int_equal(a->public_only, 0);
	q.at = "2018-01-01";
	assert_int_equal(cov_matrix(s, p2, &fixture_local, &q, &c, &e), ERR_OK);
	assert_ptr_not_equal(a, c);
	q.at = "2019-01-01";
	assert_int_equal(cell(a, "un-cc", 11)->status, COV_UNKNOWN);
	/* a commit: computed again, with the new mapping */
	map(s, ke_id, "part_2__sec_14", "un-cc", 11, "partial");
	assert_int_equal(cov_matrix(s, p2, &fixture_local, &q, &c, &e), ERR_OK);
	assert_ptr_not_equal(a, c);
	assert_int_equal(cell(c, "un-cc", 11)->status, COV_PARTLY);
	/* the first borrower's matrix is as it was while p lives, through many queries
	 * that fill the cache */
	for (int i = 0; i < 20; i++) {
		struct cov_matrix *x;

		q.at = pool_printf(p2, "2019-01-%02d", i + 2);
		assert_int_equal(cov_matrix(s, p2, &fixture_local, &q, &x, &e), ERR_OK);
	}
	assert_int_equal(cell(a, "un-cc", 11)->status, COV_UNKNOWN);
	assert_int_equal(cell(a, "coe-185", 2)->status, COV_COVERED);
	/* a bad query is refused before any key is made */
	q.at = "1800-01-01";
	assert_int_equal(cov_matrix(s, p2, &fixture_local, &q, &c, &e), ERR_INVALID);
	pool_free(p2);
	pool_free(p);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_rules),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_clearance),
		cmocka_unit_test(test_assessments),
		cmocka_unit_test(test_writes_audited),
		cmocka_unit_test(test_scores),
		cmocka_unit_test(test_query_check),
		cmocka_unit_test(test_aggregates),
		cmocka_unit_test(test_timeline),
		cmocka_unit_test(test_cache),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
