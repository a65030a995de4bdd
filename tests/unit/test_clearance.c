/* Tests of the reading rules of the sharing labels, which live in the store
 * (store/sqlite/clearance.c): row by row, who reads which record, by label, status,
 * owning organisation, sharing groups and named readers; and for each row the record
 * lookup (ccr_visible) and search (the index's tags) must agree. Runs on a temporary
 * database with the real reference data; skipped without iso-codes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

#include "core/log.h"
#include "domain/lesson.h"
#include "domain/refdata.h"
#include "domain/search.h"
#include "domain/share.h"
#include "store/store.h"

static struct store *S;
static pool *P;
static const struct clearance operator_clearance = { .all = 1 };

/* The people: who they are and where they work. */
enum who { PUBLIC, ANN, OLA, BO, CY, FK, FU, CU, CU2, RD, NWHO };
static const struct person {
	const char *name;
	int role;		/* -1: the public */
	const char *org;	/* organisation, by name */
	const char *country;	/* a focal point's */
} people[NWHO] = {
	[PUBLIC] = { "public", -1, NULL, NULL },
	[ANN] = { "ann", ROLE_PROVIDER, "kict", NULL },	/* makes every record */
	[OLA] = { "ola", ROLE_READER, "kict", NULL },		/* the owning organisation */
	[BO] = { "bob", ROLE_READER, "acme", NULL },		/* in the sharing group */
	[CY] = { "cyd", ROLE_READER, "civic", NULL },		/* in none */
	[FK] = { "fke", ROLE_FOCAL_POINT, "police", "KE" },
	[FU] = { "fug", ROLE_FOCAL_POINT, "police", "UG" },
	[CU] = { "cur", ROLE_CURATOR, "unodc", NULL },
	[CU2] = { "cur2", ROLE_CURATOR, "unodc", NULL },	/* named on a RED draft */
	[RD] = { "rdr", ROLE_READER, "civic", NULL },		/* named on the RED ones */
};
static struct actor actors[NWHO];

/* The records: Kenyan lessons by ann, each with a canary word of its own. */
enum rec { R_CLEAR, R_GREEN, R_AMBER, R_AMBER_GROUP, R_STRICT, R_RED, R_DRAFT,
	   R_RED_DRAFT, R_WITHDRAWN, NREC };
static const struct rspec {
	const char *canary, *tlp;
	enum record_status status;
	int group;		/* shared with the group "partners" */
	int reader;		/* RED: rd named; 2: rd and cu2 */
} recs[NREC] = {
	[R_CLEAR] = { "zqclear", "CLEAR", ST_PUBLISHED, 0, 0 },
	[R_GREEN] = { "zqgreen", "GREEN", ST_PUBLISHED, 0, 0 },
	[R_AMBER] = { "zqamber", "AMBER", ST_PUBLISHED, 0, 0 },
	[R_AMBER_GROUP] = { "zqambergroup", "AMBER", ST_PUBLISHED, 1, 0 },
	[R_STRICT] = { "zqstrict", "AMBER+STRICT", ST_PUBLISHED, 1, 0 },
	[R_RED] = { "zqred", "RED", ST_PUBLISHED, 0, 1 },
	[R_DRAFT] = { "zqdraft", "CLEAR", ST_DRAFT, 0, 0 },
	[R_RED_DRAFT] = { "zqreddraft", "RED", ST_SUBMITTED, 0, 2 },
	[R_WITHDRAWN] = { "zqwithdrawn", "CLEAR", ST_WITHDRAWN, 0, 0 },
};
static long long ids[NREC];

/* The rules, row by row: 1 reads, 0 does not. */
static const unsigned char want[NWHO][NREC] = {
	/*          CLEAR GREEN AMBER AMB+G STRICT RED DRAFT REDDR WITHDR */
	[PUBLIC] = { 1,    0,    0,    0,    0,     0,  0,    0,    0 },
	[ANN]    = { 1,    1,    1,    1,    1,     1,  1,    1,    1 },	/* author */
	[OLA]    = { 1,    1,    1,    1,    1,     0,  0,    0,    0 },	/* owner org */
	[BO]     = { 1,    1,    0,    1,    0,     0,  0,    0,    0 },	/* group */
	[CY]     = { 1,    1,    0,    0,    0,     0,  0,    0,    0 },
	[FK]     = { 1,    1,    1,    1,    0,     0,  0,    0,    0 },	/* KE */
	[FU]     = { 1,    1,    0,    0,    0,     0,  0,    0,    0 },	/* UG */
	[CU]     = { 1,    1,    1,    1,    1,     0,  1,    0,    1 },
	[CU2]    = { 1,    1,    1,    1,    1,     0,  1,    1,    1 },	/* named */
	[RD]     = { 1,    1,    0,    0,    0,     1,  0,    0,    0 },	/* named */
};

static int setup(void **state)
{
	static const struct { const char *name; enum org_kind kind; const char *country; }
	orgs[] = {
		{ "kict", ORG_NATIONAL_AUTHORITY, "KE" },
		{ "acme", ORG_PRIVATE_SECTOR, NULL },
		{ "civic", ORG_CIVIL_SOCIETY, NULL },
		{ "police", ORG_NATIONAL_AUTHORITY, NULL },
		{ "unodc", ORG_UNODC, NULL },
	};
	static const char *const partners[] = { "acme" };
	struct err e = { 0 };

	if (!fixture_have_isocodes())
		return 0;	/* each test skips */
	if (fixture_group_setup(state))
		return -1;
	if (fixture_db_open("c.db", FIX_REFDATA, &S, &e))
		goto fail;
	P = pool_new();
	for (size_t i = 0; i < sizeof(orgs) / sizeof(orgs[0]); i++)
		fixture_org(S, orgs[i].name, orgs[i].kind, orgs[i].country);
	for (int w = 1; w < NWHO; w++)
		actors[w] = fixture_actor(S, people[w].name, (enum role)people[w].role,
					  people[w].org, people[w].country);
	actors[PUBLIC] = (struct actor){ .name = "public", .role = -1 };
	fixture_group(S, "partners", partners, 1);
	for (int r = 0; r < NREC; r++) {
		struct lesson l = { .rec = { .country = "KE", .language = "en",
					     .tlp = recs[r].tlp },
				    .topic = "Evidence", .date = "2024-01-01" };
		const char *readers[] = { "rdr", "cur2" }, *groups[] = { "partners" };
		struct record *rec;

		l.rec.title = pool_printf(P, "Lesson %s", recs[r].canary);
		l.body = pool_printf(P, "What we learned: %s.", recs[r].canary);
		if (lesson_save(S, &actors[ANN], &l, &ids[r], &e) ||
		    record_share_set(S, P, &actors[ANN], ids[r], groups, recs[r].group ? 1 : 0,
				     readers, (size_t)recs[r].reader, &e))
			goto fail;
		/* the workflow as the operator: straight to the status wanted */
		if (store_record_get(S, P, ids[r], &rec, &e))
			goto fail;
		rec->status = recs[r].status;
		if (store_begin(S, &e) || store_record_update(S, rec, &e) || store_commit(S, &e))
			goto fail;
	}
	return 0;
fail:
	fprintf(stderr, "setup: %s\n", e.msg);
	return -1;
}

static int teardown(void **state)
{
	if (S)
		store_close(S);
	if (P)
		pool_free(P);
	return fixture_group_teardown(state);
}

static void as(int w)
{
	struct clearance c;
	struct err e = { 0 };

	record_clearance(&actors[w], &c);
	if (store_set_clearance(S, &c, &e))
		fail_msg("clearance of %s: %s", people[w].name, e.msg);
}

static int found_by_search(const char *canary)
{
	struct search_result *res;
	struct err e = { 0 };

	if (search_run(S, P, NULL, canary, 10, 0, &res, &e))
		fail_msg("search %s: %s", canary, e.msg);
	return res->total == 1 ? 1 : res->total == 0 ? 0 : -1;
}

static void test_table(void **state)
{
	(void)state;
	if (!S)
		skip();
	for (int w = 0; w < NWHO; w++) {
		as(w);
		for (int r = 0; r < NREC; r++) {
			struct record *rec;
			struct err e = { 0 };
			int got = store_record_get(S, P, ids[r], &rec, &e), by_search;

			if (got != ERR_OK && got != ERR_NOTFOUND)
				fail_msg("%s reads %s: %s", people[w].name, recs[r].canary, e.msg);
			if ((got == ERR_OK) != want[w][r])
				fail_msg("%s %s %s, want the opposite", people[w].name,
					 got == ERR_OK ? "reads" : "does not read", recs[r].canary);
			by_search = found_by_search(recs[r].canary);
			if (by_search != want[w][r])
				fail_msg("search as %s for %s: %d hits, want %d", people[w].name,
					 recs[r].canary, by_search, want[w][r]);
		}
	}
}

/* Lists, totals and facets hold only what the caller reads. */
static void test_lists_and_totals(void **state)
{
	(void)state;
	if (!S)
		skip();
	for (int w = 0; w < NWHO; w++) {
		struct record_query q = { .kind = REC_LESSON, .status = -1 };
		struct record *rs;
		struct search_result *res;
		struct err e = { 0 };
		size_t n, wanted = 0;

		for (int r = 0; r < NREC; r++)
			wanted += want[w][r];
		as(w);
		assert_int_equal(store_record_list(S, P, &q, &rs, &n, &e), ERR_OK);
		if (n != wanted)
			fail_msg("%s lists %zu records, want %zu", people[w].name, n, wanted);
		assert_int_equal(search_run(S, P, NULL, "learned", 50, 0, &res, &e), ERR_OK);
		if (res->total != (long long)wanted)
			fail_msg("%s: search total %lld, want %zu", people[w].name, res->total,
				 wanted);
	}
}

/* Leaving a group, or no longer being named, takes the record away at once; the
 * search index follows the record's grants. */
static void test_changes(void **state)
{
	struct record *rec;
	struct err e = { 0 };
	const char *none[1] = { NULL };

	(void)state;
	if (!S)
		skip();
	assert_int_equal(store_set_clearance(S, &operator_clearance, &e), ERR_OK);
	assert_int_equal(share_group_member(S, P, "partners", "acme", 0, &e), ERR_OK);
	as(BO);
	assert_int_equal(store_record_get(S, P, ids[R_AMBER_GROUP], &rec, &e), ERR_NOTFOUND);
	assert_int_equal(found_by_search("zqambergroup"), 0);
	assert_int_equal(store_set_clearance(S, &operator_clearance, &e), ERR_OK);
	assert_int_equal(share_group_member(S, P, "partners", "acme", 1, &e), ERR_OK);
	as(BO);
	assert_int_equal(store_record_get(S, P, ids[R_AMBER_GROUP], &rec, &e), ERR_OK);
	assert_int_equal(found_by_search("zqambergroup"), 1);
	/* rd is no longer named */
	as(ANN);
	assert_int_equal(record_share_set(S, P, &actors[ANN], ids[R_RED], none, 0, none, 0, &e),
			 ERR_OK);
	as(RD);
	assert_int_equal(store_record_get(S, P, ids[R_RED], &rec, &e), ERR_NOTFOUND);
	assert_int_equal(found_by_search("zqred"), 0);
	/* someone who may not change the record may not share it */
	as(CY);
	e = (struct err){ 0 };
	assert_int_not_equal(record_share_set(S, P, &actors[CY], ids[R_CLEAR], none, 0, none, 0,
					      &e), ERR_OK);
	/* a new connection reads as the public */
	{
		struct store *t;

		assert_int_equal(store_open(fixture_path("c.db"), &t, &e), ERR_OK);
		assert_int_equal(store_record_get(t, P, ids[R_GREEN], &rec, &e), ERR_NOTFOUND);
		assert_int_equal(store_record_get(t, P, ids[R_CLEAR], &rec, &e), ERR_OK);
		store_close(t);
	}
}

/* The public list of grants to private-sector and civil-society organisations. */
static void test_events(void **state)
{
	struct share_event *ev;
	size_t n;
	struct err e = { 0 };
	const char *readers[] = { "rdr" };

	(void)state;
	if (!S)
		skip();
	as(ANN);
	assert_int_equal(record_share_set(S, P, &actors[ANN], ids[R_RED], NULL, 0, readers, 1,
					  &e), ERR_OK);
	as(PUBLIC);
	assert_int_equal(share_events(S, P, 100, 0, &ev, &n, &e), ERR_OK);
	/* AMBER shared through "partners" with acme; RED with rd of civic; not the
	 * AMBER+STRICT record (the label keeps groups out) nor the RED draft */
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(ev[i].country, "KE");
		if (ev[i].group) {
			assert_string_equal(ev[i].group, "partners");
			assert_string_equal(ev[i].org, "acme");
			assert_string_equal(ev[i].tlp, "AMBER");
		} else {
			assert_string_equal(ev[i].org, "civic");
			assert_string_equal(ev[i].tlp, "RED");
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_lists_and_totals),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_events),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
