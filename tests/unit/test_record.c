/* Tests of domain/record (names, the workflow, the one permission check, validation
 * of the common fields, dates and places, status changes and revisions) and, through
 * it, of domain/caselaw and domain/lesson (saving, editing after publication, the
 * Markdown of lessons rendered safely). The store tests run on a temporary database
 * with the real reference data; they are skipped when iso-codes is not installed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "fixture.h"

#include "core/log.h"
#include "domain/caselaw.h"
#include "domain/lesson.h"
#include "domain/record.h"
#include "domain/refdata.h"
#include "store/store.h"

/* ---- helpers ---- */

/* A valid record to vary. */
static struct record base_record(void)
{
	struct record r;

	memset(&r, 0, sizeof(r));
	r.kind = REC_CASE;
	r.country = "KE";
	r.language = "en";
	r.title = "Republic v Mwangi";
	r.source_url = "https://kenyalaw.org/caselaw/cases/view/1";
	r.status = ST_DRAFT;
	r.tlp = "CLEAR";
	r.revision = 1;
	return r;
}

/* record_validate on r: ERR_OK, or the code with a message naming field. */
static void expect_invalid(const struct record *r, const char *field)
{
	struct err e;

	err_clear(&e);
	assert_int_equal(record_validate(r, &e), ERR_INVALID);
	if (field && !strstr(e.msg, field))
		print_error("message \"%s\" does not name %s\n", e.msg, field);
	if (field)
		assert_non_null(strstr(e.msg, field));
}

static void expect_valid(const struct record *r)
{
	struct err e;

	err_clear(&e);
	if (record_validate(r, &e))
		print_error("record_validate: %s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
}

/* ---- names ---- */

static void test_names(void **state)
{
	(void)state;
	for (int k = 0; k < REC_KIND_COUNT; k++)
		assert_int_equal(record_kind_parse(record_kind_name((enum record_kind)k)), k);
	for (int s = 0; s < ST_COUNT; s++)
		assert_int_equal(record_status_parse(record_status_name((enum record_status)s)),
				 s);
	assert_string_equal(record_kind_name(REC_LEGISLATION), "legislation");
	assert_string_equal(record_kind_name(REC_CASE), "case");
	assert_string_equal(record_kind_name(REC_LESSON), "lesson");
	assert_string_equal(record_status_name(ST_DRAFT), "draft");
	assert_string_equal(record_status_name(ST_SUBMITTED), "submitted");
	assert_string_equal(record_status_name(ST_PUBLISHED), "published");
	assert_string_equal(record_status_name(ST_WITHDRAWN), "withdrawn");
	assert_int_equal(record_kind_parse("Case"), -1);
	assert_int_equal(record_kind_parse(""), -1);
	assert_int_equal(record_kind_parse(NULL), -1);
	assert_int_equal(record_status_parse("PUBLISHED"), -1);
	assert_int_equal(record_status_parse("draft "), -1);
	assert_int_equal(record_status_parse(NULL), -1);
	/* out of range: a name all the same, never a crash */
	assert_non_null(record_kind_name((enum record_kind)42));
	assert_non_null(record_status_name((enum record_status)42));

	assert_true(record_tlp_valid("CLEAR"));
	assert_true(record_tlp_valid("GREEN"));
	assert_true(record_tlp_valid("AMBER"));
	assert_true(record_tlp_valid("AMBER+STRICT"));
	assert_true(record_tlp_valid("RED"));
	assert_false(record_tlp_valid("WHITE"));
	assert_false(record_tlp_valid("clear"));
	assert_false(record_tlp_valid(""));
	assert_false(record_tlp_valid(NULL));
}

/* ---- workflow ---- */

static void test_transitions(void **state)
{
	/* allowed[from][to] */
	static const int allowed[ST_COUNT][ST_COUNT] = {
		[ST_DRAFT] = { [ST_SUBMITTED] = 1 },
		[ST_SUBMITTED] = { [ST_DRAFT] = 1, [ST_PUBLISHED] = 1 },
		[ST_PUBLISHED] = { [ST_WITHDRAWN] = 1 },
		[ST_WITHDRAWN] = { [ST_PUBLISHED] = 1 },
	};
	struct err e;

	(void)state;
	for (int from = 0; from < ST_COUNT; from++) {
		for (int to = 0; to < ST_COUNT; to++) {
			int rc;

			err_clear(&e);
			rc = record_transition_valid((enum record_status)from,
						     (enum record_status)to, &e);
			if (allowed[from][to]) {
				assert_int_equal(rc, ERR_OK);
				assert_int_equal(e.code, ERR_OK);
				continue;
			}
			if (rc != ERR_INVALID)
				print_error("%s -> %s was allowed\n",
					    record_status_name((enum record_status)from),
					    record_status_name((enum record_status)to));
			assert_int_equal(rc, ERR_INVALID);
			assert_int_equal(e.code, ERR_INVALID);
			/* the message names both ends */
			assert_non_null(strstr(e.msg, record_status_name((enum record_status)from)));
			assert_non_null(strstr(e.msg, record_status_name((enum record_status)to)));
		}
	}
	/* the ones the workflow names, spelled out */
	assert_int_equal(record_transition_valid(ST_DRAFT, ST_SUBMITTED, NULL), ERR_OK);
	assert_int_equal(record_transition_valid(ST_SUBMITTED, ST_DRAFT, NULL), ERR_OK);
	assert_int_equal(record_transition_valid(ST_PUBLISHED, ST_WITHDRAWN, NULL), ERR_OK);
	assert_int_equal(record_transition_valid(ST_WITHDRAWN, ST_PUBLISHED, NULL), ERR_OK);
	err_clear(&e);
	assert_int_equal(record_transition_valid(ST_DRAFT, ST_PUBLISHED, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "a draft record cannot become published"));
	/* out of range: refused, not read out of bounds */
	assert_int_equal(record_transition_valid((enum record_status)9, ST_DRAFT, NULL),
			 ERR_INVALID);
	assert_int_equal(record_transition_valid(ST_DRAFT, (enum record_status)-1, NULL),
			 ERR_INVALID);
}

/* ---- permissions ---- */

static void test_allow(void **state)
{
	static const enum record_action all[] = { ACT_READ, ACT_CREATE, ACT_EDIT, ACT_SUBMIT,
						  ACT_PUBLISH, ACT_WITHDRAW, ACT_MAP };
	static const enum record_action changes[] = { ACT_EDIT, ACT_SUBMIT, ACT_PUBLISH,
						      ACT_WITHDRAW, ACT_MAP };
	static const char *const tlps[] = { "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED" };
	struct record r = base_record();
	struct err e;

	(void)state;
	/* a local actor may do everything to any record */
	for (int st = 0; st < ST_COUNT; st++) {
		for (size_t t = 0; t < sizeof(tlps) / sizeof(tlps[0]); t++) {
			r.status = (enum record_status)st;
			r.tlp = tlps[t];
			for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
				err_clear(&e);
				assert_int_equal(record_allow(&fixture_local, all[i],
							      all[i] == ACT_CREATE ? NULL : &r, &e),
						 ERR_OK);
				assert_int_equal(e.code, ERR_OK);
			}
		}
	}

	/* reading is decided by the store before a record is in hand (test_clearance) */
	err_clear(&e);
	assert_int_equal(record_allow(&fixture_visitor, ACT_READ, NULL, &e), ERR_NOTFOUND);

	/* the public may not change anything, even a published CLEAR record */
	r.status = ST_PUBLISHED;
	r.tlp = "CLEAR";
	err_clear(&e);
	assert_int_equal(record_allow(&fixture_visitor, ACT_CREATE, NULL, &e), ERR_FORBIDDEN);
	assert_true(strlen(e.msg) > 10);
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		err_clear(&e);
		assert_int_equal(record_allow(&fixture_visitor, changes[i], &r, &e), ERR_FORBIDDEN);
		assert_true(strlen(e.msg) > 10);
	}
	/* no actor at all is not local */
	assert_int_equal(record_allow(NULL, ACT_CREATE, NULL, NULL), ERR_FORBIDDEN);
	assert_int_equal(record_allow(NULL, ACT_READ, &r, NULL), ERR_OK);
}

/* ---- validation ---- */

static void test_validate(void **state)
{
	struct record r;
	char *longer;

	(void)state;
	r = base_record();
	expect_valid(&r);

	r = base_record();
	r.title = NULL;
	expect_invalid(&r, "title");
	r.title = "";
	expect_invalid(&r, "title");

	r = base_record();
	r.country = "ke";
	expect_invalid(&r, "country");
	r.country = "KEN";
	expect_invalid(&r, "country");
	r.country = "K";
	expect_invalid(&r, "country");

	r = base_record();
	r.region = "1234";
	expect_invalid(&r, "region");
	r.region = "01";
	expect_invalid(&r, "region");
	r.region = "0a4";
	expect_invalid(&r, "region");
	r.region = "014";
	expect_valid(&r);

	r = base_record();
	r.tlp = "WHITE";
	expect_invalid(&r, "tlp");
	r.tlp = "amber";
	expect_invalid(&r, "tlp");
	r.tlp = "AMBER+STRICT";
	expect_valid(&r);

	r = base_record();
	r.source_url = "javascript:alert(1)";
	expect_invalid(&r, "source_url");
	r.source_url = "ftp://example.org/a";
	expect_invalid(&r, "source_url");
	r.source_url = "data:text/html,<script>alert(1)</script>";
	expect_invalid(&r, "source_url");
	r.source_url = "http://example.org/a";
	expect_valid(&r);
	r.source_url = "https://example.org/a?b=1&c=2";
	expect_valid(&r);
	r.source_url = NULL;
	expect_valid(&r);
	r.source_url = "";
	expect_valid(&r);

	/* a country or a region */
	r = base_record();
	r.country = NULL;
	expect_invalid(&r, "country or a region");
	r.region = "002";
	expect_valid(&r);

	/* language */
	r = base_record();
	r.language = NULL;
	expect_invalid(&r, "language");
	r.language = "E N";
	expect_invalid(&r, "language");
	r.language = "fr";
	expect_valid(&r);

	/* text: UTF-8 and lengths */
	r = base_record();
	r.title = "Bad \xff\xfe title";
	expect_invalid(&r, "UTF-8");
	r.title = "Overlong \xc0\xaf slash";
	expect_invalid(&r, "UTF-8");
	r.title = "République c. Kouassi — 中文 — كينيا";
	expect_valid(&r);

	longer = malloc(1002);
	memset(longer, 'x', 1001);
	longer[1001] = '\0';
	r = base_record();
	r.title = longer;
	expect_invalid(&r, "title");
	longer[1000] = '\0';
	expect_valid(&r);	/* exactly at the limit */
	free(longer);

	longer = malloc(2002);
	memset(longer, 'a', 2001);
	memcpy(longer, "https://", 8);
	longer[2001] = '\0';
	r = base_record();
	r.source_url = longer;
	expect_invalid(&r, "source_url");
	free(longer);
}

static void test_date_valid(void **state)
{
	(void)state;
	assert_true(record_date_valid("2024-02-29"));
	assert_true(record_date_valid("2000-02-29"));	/* divisible by 400 */
	assert_true(record_date_valid("2019-04-30"));
	assert_true(record_date_valid("2019-12-31"));
	assert_true(record_date_valid("1000-01-01"));
	assert_true(record_date_valid("9999-12-31"));
	assert_false(record_date_valid("2023-02-29"));
	assert_false(record_date_valid("1900-02-29"));	/* divisible by 100 */
	assert_false(record_date_valid("2019-13-01"));
	assert_false(record_date_valid("2019-00-10"));
	assert_false(record_date_valid("2019-04-31"));
	assert_false(record_date_valid("2019-04-00"));
	assert_false(record_date_valid("0999-01-01"));
	assert_false(record_date_valid("2019-1-01"));
	assert_false(record_date_valid("2019-01-1"));
	assert_false(record_date_valid("2019/01/01"));
	assert_false(record_date_valid("2019-01-01T00:00:00Z"));
	assert_false(record_date_valid("2019-01-01 "));
	assert_false(record_date_valid("+019-01-01"));
	assert_false(record_date_valid(" 019-01-01"));
	assert_false(record_date_valid("2019-+1-01"));
	assert_false(record_date_valid(""));
	assert_false(record_date_valid(NULL));
}

static void test_place_valid(void **state)
{
	struct store *s = fixture_db("place.db", FIX_REFDATA);
	struct record r = base_record();
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(record_place_valid(s, &r, &e), ERR_OK);

	r.country = "XX";
	err_clear(&e);
	assert_int_equal(record_place_valid(s, &r, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "XX"));

	r.country = NULL;
	r.region = "014";	/* Eastern Africa */
	err_clear(&e);
	assert_int_equal(record_place_valid(s, &r, &e), ERR_OK);

	r.region = "999";
	err_clear(&e);
	assert_int_equal(record_place_valid(s, &r, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "999"));

	r.country = "KE";
	r.region = "002";	/* both: each must exist */
	err_clear(&e);
	assert_int_equal(record_place_valid(s, &r, &e), ERR_OK);
	r.region = "998";
	err_clear(&e);
	assert_int_equal(record_place_valid(s, &r, &e), ERR_INVALID);
	store_close(s);
}

/* ---- case law: saving, the workflow and revisions ---- */

static struct caselaw make_case(const char *title)
{
	static struct record_link links[] = {
		{ "/akn/ke/act/2018/5", "part_2__sec_14" },
		{ "/akn/ke/act/2018/5", "part_2__sec_16" },
	};
	struct caselaw c;

	memset(&c, 0, sizeof(c));
	c.rec = base_record();
	c.rec.title = title;
	c.court = "High Court of Kenya at Nairobi";
	c.decided = "2019-06-14";
	c.citation = "[2019] eKLR 123";
	c.parties = "Republic v J.M.";
	c.summary = "Unauthorised access to a bank's systems.";
	c.outcome = "Convicted";
	c.evidence_issues = "Chain of custody of a seized phone";
	c.keywords = "illegal access,electronic evidence";
	c.applied = links;
	c.napplied = 2;
	return c;
}

static void test_case_revisions(void **state)
{
	struct store *s = fixture_db("case.db", FIX_REFDATA);
	pool *p = pool_new();
	struct caselaw c = make_case("Republic v J.M."), *got;
	struct revision *rv;
	size_t n;
	long long id = 0, id2 = 0;
	struct err e;
	json_t *snap;
	json_error_t je;

	(void)state;
	/* create: a draft at revision 1 */
	err_clear(&e);
	if (caselaw_save(s, &fixture_local, &c, &id, &e))
		print_error("caselaw_save: %s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	assert_true(id > 0);
	assert_int_equal(caselaw_get(s, p, id, &got, NULL), ERR_OK);
	assert_int_equal(got->rec.kind, REC_CASE);
	assert_int_equal(got->rec.status, ST_DRAFT);
	assert_int_equal(got->rec.revision, 1);
	assert_string_equal(got->rec.title, "Republic v J.M.");
	assert_string_equal(got->rec.created_by, "curator");
	assert_string_equal(got->court, "High Court of Kenya at Nairobi");
	assert_string_equal(got->citation, "[2019] eKLR 123");
	assert_string_equal(got->decided, "2019-06-14");
	assert_int_equal(got->napplied, 2);
	assert_string_equal(got->applied[0].eid, "part_2__sec_14");
	assert_string_equal(got->applied[1].eid, "part_2__sec_16");

	/* editing a draft keeps revision 1 and keeps no revision */
	c = make_case("Republic v J.M. (corrected)");
	c.rec.id = id;
	c.napplied = 1;
	err_clear(&e);
	assert_int_equal(caselaw_save(s, &fixture_local, &c, &id2, &e), ERR_OK);
	assert_int_equal(id2, id);
	assert_int_equal(caselaw_get(s, p, id, &got, NULL), ERR_OK);
	assert_int_equal(got->rec.revision, 1);
	assert_int_equal(got->rec.status, ST_DRAFT);
	assert_string_equal(got->rec.title, "Republic v J.M. (corrected)");
	assert_int_equal(got->napplied, 1);
	assert_int_equal(record_revisions(s, p, &fixture_local, id, &rv, &n, NULL), ERR_OK);
	assert_int_equal(n, 0);

	/* a remote actor may not edit it */
	c = make_case("Vandalised");
	c.rec.id = id;
	err_clear(&e);
	assert_int_equal(caselaw_save(s, &fixture_visitor, &c, &id2, &e), ERR_FORBIDDEN);
	assert_int_equal(caselaw_get(s, p, id, &got, NULL), ERR_OK);
	assert_string_equal(got->rec.title, "Republic v J.M. (corrected)");

	/* submitted, then published: each change keeps the state before it */
	err_clear(&e);
	assert_int_equal(record_set_status(s, &fixture_local, id, ST_SUBMITTED, "ready", &e), ERR_OK);
	assert_int_equal(record_set_status(s, &fixture_local, id, ST_PUBLISHED, NULL, &e), ERR_OK);
	assert_int_equal(caselaw_get(s, p, id, &got, NULL), ERR_OK);
	assert_int_equal(got->rec.status, ST_PUBLISHED);
	assert_int_equal(got->rec.revision, 1);
	assert_int_equal(record_revisions(s, p, &fixture_local, id, &rv, &n, NULL), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rv[0].status, ST_SUBMITTED);	/* newest first */
	assert_int_equal(rv[1].status, ST_DRAFT);
	assert_string_equal(rv[1].note, "ready");

	/* an edit after publication makes revision 2 and keeps revision 1 */
	c = make_case("Republic v J.M. (2nd edition)");
	c.rec.id = id;
	c.rec.status = ST_DRAFT;	/* ignored: the workflow owns the status */
	err_clear(&e);
	assert_int_equal(caselaw_save(s, &fixture_local, &c, &id2, &e), ERR_OK);
	assert_int_equal(caselaw_get(s, p, id, &got, NULL), ERR_OK);
	assert_int_equal(got->rec.revision, 2);
	assert_int_equal(got->rec.status, ST_PUBLISHED);
	assert_string_equal(got->rec.title, "Republic v J.M. (2nd edition)");
	assert_int_equal(record_revisions(s, p, &fixture_local, id, &rv, &n, NULL), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(rv[0].revision, 1);
	assert_int_equal(rv[0].status, ST_PUBLISHED);
	assert_string_equal(rv[0].changed_by, "curator");
	assert_non_null(rv[0].changed_at);
	snap = json_loads(rv[0].snapshot, 0, &je);
	if (!snap)
		print_error("snapshot: %s: %s\n", je.text, rv[0].snapshot);
	assert_non_null(snap);
	assert_string_equal(json_string_value(json_object_get(snap, "title")),
			    "Republic v J.M. (corrected)");
	assert_string_equal(json_string_value(json_object_get(snap, "status")), "published");
	assert_string_equal(json_string_value(json_object_get(snap, "kind")), "case");
	assert_string_equal(json_string_value(json_object_get(snap, "country")), "KE");
	assert_int_equal(json_integer_value(json_object_get(snap, "revision")), 1);
	assert_int_equal(json_integer_value(json_object_get(snap, "id")), id);
	json_decref(snap);

	/* one more edit: revision 3, revision 2 kept */
	c = make_case("Republic v J.M. (3rd edition)");
	c.rec.id = id;
	err_clear(&e);
	assert_int_equal(caselaw_save(s, &fixture_local, &c, &id2, &e), ERR_OK);
	assert_int_equal(caselaw_get(s, p, id, &got, NULL), ERR_OK);
	assert_int_equal(got->rec.revision, 3);
	assert_int_equal(record_revisions(s, p, &fixture_local, id, &rv, &n, NULL), ERR_OK);
	assert_int_equal(n, 4);
	assert_int_equal(rv[0].revision, 2);
	snap = json_loads(rv[0].snapshot, 0, NULL);
	assert_non_null(snap);
	assert_string_equal(json_string_value(json_object_get(snap, "title")),
			    "Republic v J.M. (2nd edition)");
	json_decref(snap);

	/* withdrawn and restored */
	err_clear(&e);
	assert_int_equal(record_set_status(s, &fixture_local, id, ST_WITHDRAWN, "superseded", &e),
			 ERR_OK);
	assert_int_equal(record_set_status(s, &fixture_local, id, ST_PUBLISHED, "restored", &e),
			 ERR_OK);

	/* a case that does not validate is not saved */
	c = make_case("No court");
	c.court = NULL;
	id2 = 0;
	err_clear(&e);
	assert_int_equal(caselaw_save(s, &fixture_local, &c, &id2, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "court"));
	c = make_case("Bad date");
	c.decided = "2019-02-30";
	err_clear(&e);
	assert_int_equal(caselaw_save(s, &fixture_local, &c, &id2, &e), ERR_INVALID);
	c = make_case("Bad link");
	c.applied[0].work_uri = "http://example.org/law";
	err_clear(&e);
	assert_int_equal(caselaw_save(s, &fixture_local, &c, &id2, &e), ERR_INVALID);
	c.applied[0].work_uri = "/akn/ke/act/2018/5";
	c = make_case("Nowhere");
	c.rec.country = "XX";
	err_clear(&e);
	assert_int_equal(caselaw_save(s, &fixture_local, &c, &id2, &e), ERR_INVALID);
	c = make_case("Remote");
	err_clear(&e);
	assert_int_equal(caselaw_save(s, &fixture_visitor, &c, &id2, &e), ERR_FORBIDDEN);
	assert_int_equal(fixture_count(s, -1), 1);

	pool_free(p);
	store_close(s);
}

static void test_set_status_refused(void **state)
{
	struct store *s = fixture_db("status.db", FIX_REFDATA);
	pool *p = pool_new();
	struct caselaw c = make_case("Republic v A.B.");
	struct record *before, *after;
	struct revision *rv;
	size_t n;
	long long id = 0;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(caselaw_save(s, &fixture_local, &c, &id, &e), ERR_OK);
	assert_int_equal(record_get(s, p, id, &before, NULL), ERR_OK);

	/* draft -> published skips review */
	err_clear(&e);
	assert_int_equal(record_set_status(s, &fixture_local, id, ST_PUBLISHED, NULL, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "cannot become"));
	err_clear(&e);
	assert_int_equal(record_set_status(s, &fixture_local, id, ST_WITHDRAWN, NULL, &e), ERR_INVALID);
	err_clear(&e);
	assert_int_equal(record_set_status(s, &fixture_local, id, ST_DRAFT, NULL, &e), ERR_INVALID);
	/* a remote actor may not move it at all */
	err_clear(&e);
	assert_int_equal(record_set_status(s, &fixture_visitor, id, ST_SUBMITTED, NULL, &e),
			 ERR_FORBIDDEN);
	/* no such record */
	err_clear(&e);
	assert_int_equal(record_set_status(s, &fixture_local, id + 1000, ST_SUBMITTED, NULL, &e),
			 ERR_NOTFOUND);

	/* unchanged, no revision kept */
	assert_int_equal(record_get(s, p, id, &after, NULL), ERR_OK);
	assert_int_equal(after->status, ST_DRAFT);
	assert_int_equal(after->revision, before->revision);
	assert_string_equal(after->changed_at, before->changed_at);
	assert_string_equal(after->changed_by, before->changed_by);
	assert_string_equal(after->title, before->title);
	assert_int_equal(record_revisions(s, p, &fixture_local, id, &rv, &n, NULL), ERR_OK);
	assert_int_equal(n, 0);

	/* and the store still works: a legal change goes through */
	err_clear(&e);
	assert_int_equal(record_set_status(s, &fixture_local, id, ST_SUBMITTED, NULL, &e), ERR_OK);
	assert_int_equal(record_get(s, p, id, &after, NULL), ERR_OK);
	assert_int_equal(after->status, ST_SUBMITTED);
	/* submitted -> draft (returned), then the queue is empty again */
	{
		struct record *queue;

		assert_int_equal(record_queue(s, p, NULL, &queue, &n, NULL), ERR_OK);
		assert_int_equal(n, 1);
		assert_int_equal(queue[0].id, id);
		err_clear(&e);
		assert_int_equal(record_set_status(s, &fixture_local, id, ST_DRAFT, "incomplete", &e),
				 ERR_OK);
		assert_int_equal(record_queue(s, p, NULL, &queue, &n, NULL), ERR_OK);
		assert_int_equal(n, 0);
	}
	pool_free(p);
	store_close(s);
}

/* ---- lessons ---- */

static void test_lesson(void **state)
{
	static const char body[] =
		"# Seizing phones\n\n"
		"Keep the *chain of custody* and **document** every step.\n\n"
		"- photograph the screen\n"
		"- isolate from the network\n\n"
		"1. first\n2. second\n\n"
		"<script>alert('x')</script>\n\n"
		"<div onclick=\"steal()\">raw block</div>\n\n"
		"Inline <b>bold</b> and <img src=x onerror=alert(1)>.\n\n"
		"[click](javascript:alert(1)) [vb](vbscript:msgbox) [ok](https://unodc.org/)\n";
	struct store *s = fixture_db("lesson.db", FIX_REFDATA);
	pool *p = pool_new();
	struct lesson l, *got;
	long long id = 0, rid = 0;
	struct err e;
	const char *html;

	(void)state;
	memset(&l, 0, sizeof(l));
	l.rec = base_record();
	l.rec.title = "Seizing phones";
	l.topic = "electronic evidence";
	l.body = body;
	l.date = "2023-03-01";
	err_clear(&e);
	if (lesson_save(s, &fixture_local, &l, &id, &e))
		print_error("lesson_save: %s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	assert_int_equal(lesson_get(s, p, id, &got, NULL), ERR_OK);
	assert_int_equal(got->rec.kind, REC_LESSON);
	assert_int_equal(got->rec.status, ST_DRAFT);
	assert_string_equal(got->body, body);
	assert_string_equal(got->topic, "electronic evidence");
	assert_string_equal(got->date, "2023-03-01");

	html = kind_markdown_html(p, got->body);
	assert_non_null(strstr(html, "<h1>Seizing phones</h1>"));
	assert_non_null(strstr(html, "<em>chain of custody</em>"));
	assert_non_null(strstr(html, "<strong>document</strong>"));
	assert_non_null(strstr(html, "<ul>"));
	assert_non_null(strstr(html, "<li>photograph the screen</li>"));
	assert_non_null(strstr(html, "<ol>"));
	assert_non_null(strstr(html, "href=\"https://unodc.org/\""));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "alert"));
	assert_null(strstr(html, "javascript:"));
	assert_null(strstr(html, "vbscript:"));
	assert_null(strstr(html, "onclick"));
	assert_null(strstr(html, "onerror"));
	assert_null(strstr(html, "<div"));
	assert_null(strstr(html, "<b>"));
	assert_null(strstr(html, "<img"));
	/* the link texts stay */
	assert_non_null(strstr(html, ">click</a>"));
	assert_string_equal(kind_markdown_html(p, ""), "");

	/* a regional lesson: region, no country */
	memset(&l, 0, sizeof(l));
	l.rec = base_record();
	l.rec.country = NULL;
	l.rec.region = "002";
	l.rec.title = "Regional cooperation in Africa";
	l.body = "Mutual legal assistance takes months.";
	err_clear(&e);
	assert_int_equal(lesson_save(s, &fixture_local, &l, &rid, &e), ERR_OK);
	assert_int_equal(lesson_get(s, p, rid, &got, NULL), ERR_OK);
	assert_null(got->rec.country);
	assert_string_equal(got->rec.region, "002");

	/* refused: no body, a bad date, an unknown region, a remote actor */
	memset(&l, 0, sizeof(l));
	l.rec = base_record();
	l.rec.title = "Empty";
	l.body = "";
	err_clear(&e);
	assert_int_equal(lesson_save(s, &fixture_local, &l, &rid, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "body"));
	l.body = "Text.";
	l.date = "2023-02-29";
	err_clear(&e);
	assert_int_equal(lesson_save(s, &fixture_local, &l, &rid, &e), ERR_INVALID);
	l.date = NULL;
	l.rec.country = NULL;
	l.rec.region = "999";
	err_clear(&e);
	assert_int_equal(lesson_save(s, &fixture_local, &l, &rid, &e), ERR_INVALID);
	l.rec.country = "KE";
	l.rec.region = NULL;
	err_clear(&e);
	assert_int_equal(lesson_save(s, &fixture_visitor, &l, &rid, &e), ERR_FORBIDDEN);
	assert_int_equal(fixture_count(s, -1), 2);

	/* a lesson cannot be saved over a case */
	{
		struct caselaw c = make_case("Republic v C.D.");
		long long cid = 0;

		err_clear(&e);
		assert_int_equal(caselaw_save(s, &fixture_local, &c, &cid, &e), ERR_OK);
		l.rec.id = cid;
		err_clear(&e);
		assert_int_equal(lesson_save(s, &fixture_local, &l, &rid, &e), ERR_INVALID);
		assert_int_equal(caselaw_get(s, p, cid, &(struct caselaw *){ NULL }, NULL),
				 ERR_OK);
	}
	pool_free(p);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_allow),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_place_valid),
		cmocka_unit_test(test_case_revisions),
		cmocka_unit_test(test_set_status_refused),
		cmocka_unit_test(test_lesson),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
