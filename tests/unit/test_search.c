/* Tests of domain/search (search_run) on a temporary database loaded from a bundle: a
 * Kenyan act of 16 sections in two versions, a Nigerian act, a Cameroonian act in
 * French, a draft act and an AMBER act (hidden from remote actors), a case and a
 * regional lesson. Ranking, the limit per record, totals, facets, filters, the query
 * language, snippets, diacritics, errors, and that the index follows changes (a new
 * version, an edited case, store_reindex). Skipped when iso-codes is not installed. */
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
#include "domain/bundle.h"
#include "domain/caselaw.h"
#include "domain/legislation.h"
#include "domain/record.h"
#include "domain/refdata.h"
#include "core/lang.h"
#include "domain/audit.h"
#include "domain/search.h"
#include "domain/user.h"
#include "store/store.h"
#include "store/sqlite/internal.h"
#include "store/sqlite/ix.h"

#define KE_ACT "/akn/ke/act/2018/5"
#define NSECTIONS 16
#define SEC_ACCESS 14	/* "Unauthorised access to a computer system" */
#define SEC_CHANGED 2	/* its text changes with each version */
/* rows of the KE act that match "computer": its sections and its part "Offences"
 * (every provision carries the act's title, "Computer Misuse ...") */
#define KE_ROWS (NSECTIONS + 1)

static struct store *S;
static const struct clearance operator_clearance = { .all = 1 };

/* ---- the bundle ---- */

static const char *const headings[NSECTIONS] = {
	"Short title", "Interpretation", "Objects of the Act", "Committee",
	"Functions of the Committee", "Reporting", "Regulations", "Offences generally",
	"Interception", "Child pornography", "Cyber harassment", "False publications",
	"Computer forgery", "Unauthorised access to a computer system", "Computer fraud",
	"Cyber terrorism",
};

static json_t *section(int n, int version)
{
	char eid[48], num[16], text[512];

	snprintf(eid, sizeof(eid), "part_2__sec_%d", n);
	snprintf(num, sizeof(num), "%d", n);
	if (n == SEC_ACCESS)
		snprintf(text, sizeof(text), "A person who causes a computer system to perform "
			 "a function, knowing that the access is unauthorised, commits an offence "
			 "of accessing a computer system without authority.");
	else if (n == SEC_CHANGED)
		snprintf(text, sizeof(text), "In this Act, computer means an electronic device "
			 "including %s equipment.", version == 1 ? "telegraphy" :
			 version == 2 ? "telecommunications" : "radiocommunication");
	else if (n == 9)
		snprintf(text, sizeof(text), "A person who intercepts any transmission to or "
			 "from a computer commits an offence.");
	else
		snprintf(text, sizeof(text), "Rules on %s where a computer is used.", headings[n - 1]);
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "eid", eid, "kind", "section", "num", num,
			 "heading", headings[n - 1], "text", text);
}

static json_t *ke_expression(int version)
{
	static const char *const dates[] = { "", "2018-05-30", "2020-01-01", "2021-06-01" };
	json_t *secs = json_array();

	for (int n = 1; n <= NSECTIONS; n++)
		json_array_append_new(secs, section(n, version));
	return json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:o}]}", "language", "eng",
			 "date", dates[version], "status", "in_force", "title",
			 "Computer Misuse and Cybercrimes Act, 2018", "provisions", "eid", "part_2",
			 "kind", "part", "num", "II", "heading", "Offences", "children", secs);
}

/* A law with one section. */
static json_t *law(const char *country, const char *lang, const char *xlang, const char *uri,
		   const char *date, const char *title, const char *status, const char *tlp,
		   const char *heading, const char *text)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s},"
			 " s:[{s:s, s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:s}]}]}",
			 "type", "legislation", "country", country, "language", lang, "title",
			 title, "status", status, "tlp", tlp, "work", "uri", uri, "type", "act",
			 "number", "1", "date", date, "expressions", "language", xlang, "date",
			 date, "status", "in_force", "title", title, "provisions", "eid", "sec_1",
			 "kind", "section", "num", "1", "heading", heading, "text", text);
}

static json_t *ke_act(int from, int to)
{
	json_t *xs = json_array();

	for (int v = from; v <= to; v++)
		json_array_append_new(xs, ke_expression(v));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}, s:o}", "type",
			 "legislation", "country", "KE", "language", "en", "title",
			 "Computer Misuse and Cybercrimes Act, 2018", "status", "published", "work",
			 "uri", KE_ACT, "type", "act", "number", "5", "date", "2018-05-16",
			 "expressions", xs);
}

static void import(json_t *records)
{
	json_t *b = json_pack("{s:s, s:i, s:o}", "format", "ccrepo-bundle", "version", 1,
			      "records", records);
	char *text = json_dumps(b, 0);
	struct bundle_counts c;
	struct err e = { 0 };

	if (store_set_clearance(S, &operator_clearance, &e) ||
	    bundle_import(S, &fixture_local, text, strlen(text), "test-search.json", &c, &e))
		fail_msg("import: %s", e.msg);
	free(text);
	json_decref(b);
}

static void load_all(void)
{
	json_t *rs = json_array();

	json_array_append_new(rs, ke_act(1, 2));
	json_array_append_new(rs, law("NG", "en", "eng", "/akn/ng/act/2015/17", "2015-05-15",
		"Cybercrimes (Prohibition, Prevention, etc) Act, 2015", "published", "CLEAR",
		"Unlawful access to a computer", "Any person who without authorisation "
		"intentionally accesses in whole or in part a computer system or network "
		"for fraudulent purposes commits an offence; this is unauthorised access "
		"within the meaning of the Convention, and the person is liable on "
		"conviction to imprisonment."));
	json_array_append_new(rs, law("CM", "fr", "fra", "/akn/cm/act/2010/12", "2010-12-21",
		"Loi relative à la cybercriminalité", "published", "CLEAR",
		"Accès frauduleux", "Est puni quiconque accède ou se maintient frauduleusement "
		"dans un système informatique; l'accès frauduleux est un délit."));
	json_array_append_new(rs, law("UG", "en", "eng", "/akn/ug/act/2011/2", "2011-02-14",
		"Computer Misuse Bill", "draft", "CLEAR", "Cyberstalking",
		"A person who wilfully and repeatedly uses a computer for cyberstalking commits "
		"an offence."));
	json_array_append_new(rs, law("GH", "en", "eng", "/akn/gh/act/2020/1038", "2020-12-29",
		"Cybersecurity Act, 2020", "published", "AMBER", "Critical information "
		"infrastructure", "The operator of a computer designated as critical "
		"information infrastructure shall report incidents."));
	json_array_append_new(rs, json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "type", "case",
		"country", "KE", "language", "en", "title", "Republic v Mwangi", "status",
		"published", "court", "High Court of Kenya", "decided", "2019-03-01",
		"citation", "[2019] eKLR 1", "summary", "The accused gained unauthorised access "
		"to a computer system of a bank by card skimming.", "outcome", "Convicted.",
		"keywords", "computer, bank"));
	json_array_append_new(rs, json_pack(
		"{s:s, s:n, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "type", "lesson", "country",
		"region", "002", "language", "en", "title", "Regional cooperation on evidence",
		"status", "published", "topic", "Cooperation", "body", "Preserving computer "
		"evidence across borders needs mutual legal assistance.", "date", "2021-04-01"));
	import(rs);
}

/* ---- setup ---- */

/* One database for the whole program: the tests run in order on it. */
static int group_setup(void **state)
{
	struct err e = { 0 };

	if (fixture_group_setup(state))
		return -1;
	if (!fixture_have_isocodes())
		return 0;	/* every test skips */
	if (fixture_db_open("s.db", FIX_REFDATA, &S, &e)) {
		fprintf(stderr, "s.db: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	if (S)
		store_close(S);
	return fixture_group_teardown(state);
}

/* ---- helpers ---- */

static pool *P;

/* Two scores equal but for rounding. */
static int near(double a, double b)
{
	double d = a > b ? a - b : b - a, m = a < 0 ? -a : a;

	return d <= 1e-9 * m + 1e-9;
}

/* Every search of these tests is run twice: by the index in memory (ix.h) and by
 * FTS5 alone; both give the same total, facets and hits in the same order with the
 * same scores and snippets. */
static void same_as_fts5(const char *q, int limit, const struct search_result *r)
{
	struct search_result *f = NULL;
	struct err e = { 0 };

	((struct sq *)S)->ix_off = 1;
	if (search_run(S, P, NULL, q, limit, 0, &f, &e))
		fail_msg("search \"%s\" by FTS5: %s", q, e.msg);
	((struct sq *)S)->ix_off = 0;
	if (f->total != r->total || f->nhits != r->nhits)
		fail_msg("\"%s\": FTS5 %lld matches %zu hits, the index %lld and %zu", q,
			 f->total, f->nhits, r->total, r->nhits);
	for (int k = 0; k < FACET_COUNT; k++) {
		assert_int_equal(f->nfacets[k], r->nfacets[k]);
		for (size_t i = 0; i < r->nfacets[k]; i++) {
			assert_string_equal(f->facets[k][i].value, r->facets[k][i].value);
			assert_int_equal(f->facets[k][i].count, r->facets[k][i].count);
		}
	}
	for (size_t i = 0; i < r->nhits; i++) {
		double a = f->hits[i].score, b = r->hits[i].score;

		if (!near(a, b))
			fail_msg("\"%s\": hit %zu scored %.12g by FTS5, %.12g by the index", q, i,
				 a, b);
		/* the same row, unless its score ties with a neighbour's (to rounding) */
		if ((i == 0 || !near(f->hits[i - 1].score, a)) &&
		    (i + 1 == r->nhits || !near(f->hits[i + 1].score, a)) &&
		    (f->hits[i].record_id != r->hits[i].record_id ||
		     strcmp(f->hits[i].eid ? f->hits[i].eid : "", r->hits[i].eid ? r->hits[i].eid : "")))
			fail_msg("\"%s\": hit %zu differs", q, i);
		/* the snippet: FTS5's snippet(), or made from the index's instances */
		if (f->hits[i].record_id == r->hits[i].record_id &&
		    !strcmp(f->hits[i].eid ? f->hits[i].eid : "", r->hits[i].eid ? r->hits[i].eid : "") &&
		    strcmp(f->hits[i].snippet ? f->hits[i].snippet : "(null)",
			   r->hits[i].snippet ? r->hits[i].snippet : "(null)"))
			fail_msg("\"%s\": hit %zu: snippet by FTS5 \"%s\", by the index \"%s\"", q, i,
				 f->hits[i].snippet ? f->hits[i].snippet : "(null)",
				 r->hits[i].snippet ? r->hits[i].snippet : "(null)");
	}
}

static struct search_result *run_as(const struct actor *a, const char *q, int limit)
{
	struct search_result *r = NULL;
	struct clearance c;
	struct err e = { 0 };

	record_clearance(a, &c);	/* what the server does per request */
	if (store_set_clearance(S, &c, &e) || search_run(S, P, NULL, q, limit, 0, &r, &e))
		fail_msg("search \"%s\": %s", q, e.msg);
	same_as_fts5(q, limit, r);
	return r;
}

#define run(q) run_as(&fixture_visitor, (q), 100)

static long long total(const char *q)
{
	return run(q)->total;
}

static long long facet(const struct search_result *r, enum search_facet_kind f, const char *v)
{
	for (size_t i = 0; i < r->nfacets[f]; i++)
		if (!strcmp(r->facets[f][i].value, v))
			return r->facets[f][i].count;
	return 0;
}

static int has_country(const struct search_result *r, const char *c)
{
	for (size_t i = 0; i < r->nhits; i++)
		if (r->hits[i].country && !strcmp(r->hits[i].country, c))
			return 1;
	return 0;
}

static void invalid(const char *q, const char *msg_part)
{
	struct search_result *r = NULL;
	struct err e = { 0 };

	assert_int_equal(store_set_clearance(S, NULL, &e), ERR_OK);
	assert_int_equal(search_run(S, P, NULL, q, 10, 0, &r, &e), ERR_INVALID);
	assert_true(e.msg[0] != '\0');
	if (msg_part && !strstr(e.msg, msg_part))
		fail_msg("query %s: message \"%s\" lacks \"%s\"", q, e.msg, msg_part);
}

static long long ke_id;

static int setup(void **state)
{
	(void)state;
	if (!S)
		skip();
	P = pool_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pool_free(P);
	P = NULL;
	return 0;
}

/* ---- tests (in order: they share the database) ---- */

static void test_load(void **state)
{
	struct search_result *r;

	(void)state;
	load_all();
	r = run("unauthorised access");
	assert_true(r->nhits > 0);
	ke_id = r->hits[0].record_id;
}

static void test_ranking(void **state)
{
	struct search_result *r = run("unauthorised access");

	(void)state;
	assert_int_equal(r->total, 3);	/* the KE section, the NG section, the case */
	assert_int_equal(r->nhits, 3);
	assert_int_equal(r->hits[0].kind, REC_LEGISLATION);
	assert_string_equal(r->hits[0].eid, "part_2__sec_14");
	assert_string_equal(r->hits[0].country, "KE");
	assert_string_equal(r->hits[0].work_uri, KE_ACT);
	assert_string_equal(r->hits[0].title, "Computer Misuse and Cybercrimes Act, 2018");
	assert_non_null(strstr(r->hits[0].heading, "Unauthorised access"));
	for (size_t i = 1; i < r->nhits; i++)
		assert_true(r->hits[i - 1].score <= r->hits[i].score);
	assert_string_equal(r->canonical, "unauthorised access");
}

static void test_per_record_limit(void **state)
{
	struct search_result *r = run("computer");
	size_t ke = 0;

	(void)state;
	/* KE 17 (latest version only), NG 1, CM 0 (French), case 1, lesson 1; the draft
	 * and the AMBER act are hidden */
	assert_int_equal(r->total, KE_ROWS + 3);
	/* every record's first SEARCH_PER_RECORD hits come before any record's further
	 * ones; those further ones still fill the page */
	{
		int beyond = 0;

		for (size_t i = 0; i < r->nhits; i++) {
			size_t before = 0;

			for (size_t k = 0; k < i; k++)
				before += r->hits[k].record_id == r->hits[i].record_id;
			if (before >= SEARCH_PER_RECORD)
				beyond = 1;
			else
				assert_false(beyond);
			ke += r->hits[i].record_id == ke_id;
		}
		assert_true(beyond);
	}
	assert_int_equal(r->nhits, r->total);	/* the page has room for all */
	assert_int_equal(ke, KE_ROWS);
	/* limit and offset */
	r = run_as(&fixture_visitor, "computer", 2);
	assert_int_equal(r->nhits, 2);
	assert_int_equal(r->total, KE_ROWS + 3);
}

static void test_facets_and_visibility(void **state)
{
	struct search_result *r = run("computer"), *l;

	(void)state;
	assert_int_equal(facet(r, FACET_COUNTRY, "KE"), KE_ROWS + 1);
	assert_int_equal(facet(r, FACET_COUNTRY, "NG"), 1);
	assert_int_equal(facet(r, FACET_COUNTRY, "UG"), 0);
	assert_int_equal(facet(r, FACET_COUNTRY, "GH"), 0);
	assert_int_equal(facet(r, FACET_KIND, "legislation"), KE_ROWS + 1);
	assert_int_equal(facet(r, FACET_KIND, "case"), 1);
	assert_int_equal(facet(r, FACET_KIND, "lesson"), 1);
	assert_int_equal(facet(r, FACET_YEAR, "2018"), KE_ROWS);
	assert_int_equal(facet(r, FACET_YEAR, "2015"), 1);
	assert_int_equal(facet(r, FACET_YEAR, "2019"), 1);
	assert_int_equal(facet(r, FACET_YEAR, "2021"), 1);
	assert_int_equal(facet(r, FACET_YEAR, "2011"), 0);
	assert_int_equal(facet(r, FACET_YEAR, "2020"), 0);
	assert_int_equal(facet(r, FACET_LANG, "en"), KE_ROWS + 3);
	/* regions: each country in its region and sub-region, a regional record in its own */
	assert_int_equal(facet(r, FACET_REGION, "014"), KE_ROWS + 1);	/* Eastern Africa: KE */
	assert_int_equal(facet(r, FACET_REGION, "011"), 1);	/* Western Africa: NG */
	assert_int_equal(facet(r, FACET_REGION, "002"), KE_ROWS + 1 + 1 + 1);	/* + lesson */
	assert_int_equal(facet(r, FACET_REGION, "202"), KE_ROWS + 1 + 1);
	assert_string_equal(search_facet_name(FACET_COUNTRY), "country");
	assert_string_equal(search_facet_name(FACET_REGION), "region");
	assert_string_equal(search_facet_name(FACET_ARTICLE), "article");
	assert_string_equal(search_facet_name(FACET_KIND), "type");

	/* hidden from the remote actor: nothing at all */
	assert_int_equal(total("cyberstalking"), 0);
	assert_int_equal(total("infrastructure"), 0);
	assert_int_equal(run("cyberstalking")->nfacets[FACET_COUNTRY], 0);
	/* a local actor reads everything */
	l = run_as(&fixture_local, "computer", 100);
	assert_int_equal(l->total, KE_ROWS + 5);
	assert_int_equal(facet(l, FACET_COUNTRY, "UG"), 1);
	assert_int_equal(facet(l, FACET_COUNTRY, "GH"), 1);
	assert_int_equal(run_as(&fixture_local, "cyberstalking", 10)->total, 1);
	assert_true(has_country(run_as(&fixture_local, "cyberstalking", 10), "UG"));
	assert_int_equal(run_as(&fixture_local, "infrastructure", 10)->total, 1);
	/* a NULL actor is the public */
	assert_int_equal(run_as(NULL, "cyberstalking", 10)->total, 0);
}

static void test_filters(void **state)
{
	struct search_result *r;

	(void)state;
	r = run("computer country:KE");
	assert_int_equal(r->total, KE_ROWS + 1);
	assert_false(has_country(r, "NG"));
	r = run("computer country:NGA");
	assert_int_equal(r->total, 1);
	assert_string_equal(r->hits[0].country, "NG");
	assert_int_equal(total("computer country:KE|NG"), KE_ROWS + 2);
	assert_int_equal(total("computer country:ke country:ng"), KE_ROWS + 2);
	/* KE, NG (and CM) are in Africa; Eastern Africa has KE only */
	assert_true(total("computer region:africa") >= KE_ROWS + 2);
	assert_int_equal(total("computer region:014"), KE_ROWS + 1);
	assert_int_equal(total("computer region:\"eastern africa\""), KE_ROWS + 1);
	assert_int_equal(total("computer region:011"), 1);
	/* type */
	r = run("computer type:case");
	assert_int_equal(r->total, 1);
	assert_int_equal(r->hits[0].kind, REC_CASE);
	assert_null(r->hits[0].eid);
	r = run("computer type:lesson");
	assert_int_equal(r->total, 1);
	assert_int_equal(r->hits[0].kind, REC_LESSON);
	assert_int_equal(total("computer type:legislation"), KE_ROWS + 1);
	assert_int_equal(total("computer type:case|lesson"), 2);
	/* year: the law's date, the decision's, the lesson's */
	assert_int_equal(total("computer year:2018..2019"), KE_ROWS + 1);
	assert_int_equal(total("computer year:2015"), 1);
	assert_int_equal(total("computer year:..2017"), 1);
	assert_int_equal(total("computer year:2020.."), 1);
	/* language */
	assert_int_equal(total("computer lang:en"), KE_ROWS + 3);
	assert_int_equal(total("computer lang:fr"), 0);
	assert_int_equal(total("frauduleusement lang:fr"), 1);
	assert_int_equal(total("frauduleusement lang:en"), 0);
}

/* A region's own lesson (region 002, no country) is in that region. */
static void test_region_lesson(void **state)
{
	(void)state;
	assert_int_equal(total("evidence region:002 type:lesson"), 1);
	assert_int_equal(total("evidence region:africa"), 1);
}

static void test_article(void **state)
{
	struct err e = { 0 };
	struct search_result *r;

	(void)state;
	assert_int_equal(total("computer article:un-cc/7"), 0);
	if (mapping_set(S, &fixture_local, ke_id, "part_2__sec_13", "un-cc", 7, "accepted", "full", NULL,
			&e))
		fail_msg("mapping_set: %s", e.msg);
	r = run("computer article:un-cc/7");
	assert_int_equal(r->total, 1);
	assert_string_equal(r->hits[0].eid, "part_2__sec_13");
	assert_int_equal(total("computer article:UN-CC/7"), 1);
	assert_int_equal(total("computer article:un-cc/8"), 0);
	/* a suggestion does not count */
	if (mapping_set(S, &fixture_local, ke_id, "part_2__sec_15", "un-cc", 7, "suggested", NULL, NULL,
			&e))
		fail_msg("mapping_set: %s", e.msg);
	assert_int_equal(total("computer article:un-cc/7"), 1);
}

/* Filters alone list what they let through; articles through the cross-walk; the
 * article facet; a provision's place in its law. */
static void test_filters_alone_and_articles(void **state)
{
	struct err e = { 0 };
	struct search_result *r;

	(void)state;
	r = run("country:KE");
	assert_int_equal(r->total, KE_ROWS + 1);	/* the law's rows and the case */
	assert_int_equal(run("type:case")->total, 1);
	assert_int_equal(run("type:lesson region:africa")->total, 1);
	/* interception (section 9) mapped to un-cc/8, whose counterpart is Budapest 3 */
	if (mapping_set(S, &fixture_local, ke_id, "part_2__sec_9", "un-cc", 8, "accepted", "full", NULL,
			&e))
		fail_msg("mapping_set: %s", e.msg);
	r = run("article:un-cc/8");
	assert_int_equal(r->total, 1);
	assert_string_equal(r->hits[0].eid, "part_2__sec_9");
	assert_string_equal(r->hits[0].path, "II Offences");
	assert_int_equal(facet(r, FACET_ARTICLE, "un-cc/8"), 1);
	assert_int_equal(run("article:coe-185/3")->total, 1);
	assert_int_equal(run("article:coe-185/4")->total, 0);
	assert_int_equal(facet(run("computer"), FACET_ARTICLE, "un-cc/8"), 1);
	/* rejecting the mapping takes it out again */
	if (mapping_set(S, &fixture_local, ke_id, "part_2__sec_9", "un-cc", 8, "rejected", NULL, NULL,
			&e))
		fail_msg("mapping_set: %s", e.msg);
	assert_int_equal(run("article:un-cc/8")->total, 0);
}

/* Word forms and scripts: stems by the record's language, Chinese by characters. */
static void test_languages(void **state)
{
	json_t *rs = json_array();
	struct search_result *r;

	(void)state;
	json_array_append_new(rs, law("CN", "zh", "zho", "/akn/cn/act/2017/1", "2017-06-01",
		"网络安全法", "published", "CLEAR", "非法侵入计算机信息系统罪",
		"违反国家规定，侵入计算机信息系统的，处三年以下有期徒刑。"));
	json_array_append_new(rs, law("RU", "ru", "rus", "/akn/ru/act/1996/63", "1996-06-13",
		"Уголовный кодекс", "published", "CLEAR", "Неправомерный доступ",
		"Неправомерный доступ к охраняемой законом компьютерной информации."));
	json_array_append_new(rs, law("EG", "ar", "ara", "/akn/eg/act/2018/175", "2018-08-14",
		"قانون مكافحة جرائم تقنية المعلومات", "published", "CLEAR", "الدخول غير المشروع",
		"كل من دخل عمدا أو بخطأ غير عمدي إلى موقع أو نظام معلوماتي."));
	import(rs);
	assert_int_equal(total("计算机信息系统"), 1);
	assert_int_equal(total("侵入"), 1);
	assert_int_equal(total("系统计算"), 0);
	r = run("компьютерная информация");	/* other endings than the text's */
	assert_int_equal(r->total, 1);
	assert_int_equal(r->lang, LANG_RU);
	assert_int_equal(r->lang_guessed, 1);
	assert_int_equal(total("المشروع"), 1);
	assert_int_equal(total("مشروع"), 1);		/* the stem without the article */
	/* English word forms; lang: says which language's forms */
	assert_int_equal(total("offences"), total("offence"));
	r = run("lang:fr accès");
	assert_int_equal(r->lang, LANG_FR);
	assert_int_equal(r->lang_guessed, 0);
	assert_int_equal(run("frauduleusement")->hits[0].country[0], 'C');
}

/* What each account may read is what it finds: the labels and statuses of
 * domain/permit.h, as filters of the index. */
static void test_clearance(void **state)
{
	const struct actor reader = { .name = "rd", .user_id = 5, .role = ROLE_READER };
	const struct actor fp_gh = { .name = "fg", .user_id = 6, .role = ROLE_FOCAL_POINT,
				     .country = "GH" };
	const struct actor fp_ug = { .name = "fu", .user_id = 7, .role = ROLE_FOCAL_POINT,
				     .country = "UG" };
	const struct actor cur = { .name = "cu", .user_id = 8, .role = ROLE_CURATOR };
	json_t *rs = json_array();

	(void)state;
	json_array_append_new(rs, law("MW", "en", "eng", "/akn/mw/act/2016/33", "2016-10-01",
		"Electronic Transactions and Cyber Security Act", "published", "GREEN",
		"Cyber squatting", "A person who registers a domain name in bad faith commits "
		"an offence of cybersquatting."));
	import(rs);
	/* GREEN: anyone signed in */
	assert_int_equal(total("cybersquatting"), 0);
	assert_int_equal(run_as(&reader, "cybersquatting", 10)->total, 1);
	/* AMBER (GH): the country's focal points and curators, not other accounts */
	assert_int_equal(run_as(&reader, "infrastructure", 10)->total, 0);
	assert_int_equal(run_as(&fp_ug, "infrastructure", 10)->total, 0);
	assert_int_equal(run_as(&fp_gh, "infrastructure", 10)->total, 1);
	assert_int_equal(facet(run_as(&fp_gh, "computer", 100), FACET_COUNTRY, "GH"), 1);
	assert_int_equal(facet(run_as(&reader, "computer", 100), FACET_COUNTRY, "GH"), 0);
	/* a draft (UG): its author and curators, not even the country's focal points */
	assert_int_equal(run_as(&reader, "cyberstalking", 10)->total, 0);
	assert_int_equal(run_as(&fp_gh, "cyberstalking", 10)->total, 0);
	assert_int_equal(run_as(&fp_ug, "cyberstalking", 10)->total, 0);
	assert_int_equal(run_as(&cur, "cyberstalking", 10)->total, 1);
	assert_int_equal(run_as(&cur, "infrastructure", 10)->total, 1);
	/* reading an AMBER record is in the audit log; a CLEAR one and the server's own
	 * machine are not */
	{
		struct record *amber, *clear;
		struct audit_filter f = { .action = "read.restricted" };
		struct audit_entry *en;
		size_t n0, n;
		struct err e = { 0 };

		assert_int_equal(record_get(S, P, run_as(&cur, "infrastructure", 10)->hits[0].record_id,
					    &amber, &e), ERR_OK);
		assert_int_equal(record_get(S, P, run("unauthorised")->hits[0].record_id, &clear,
					    &e), ERR_OK);
		assert_int_equal(audit_list(S, P, &f, 100, 0, &en, &n0, &e), ERR_OK);
		assert_int_equal(record_read(S, &fp_gh, amber, &e), ERR_OK);
		assert_int_equal(record_read(S, &fixture_local, amber, &e), ERR_OK);
		assert_int_equal(record_read(S, &fp_gh, clear, &e), ERR_OK);
		assert_int_equal(audit_list(S, P, &f, 100, 0, &en, &n, &e), ERR_OK);
		assert_int_equal(n, n0 + 1);
		assert_string_equal(en[0].actor, "fg");
		assert_string_equal(en[0].detail, "AMBER");
	}
}

static void test_syntax(void **state)
{
	struct search_result *r;

	(void)state;
	/* phrase */
	r = run("\"computer system\"");
	assert_int_equal(r->total, 3);	/* KE s.14, NG, the case */
	assert_int_equal(total("\"system computer\""), 0);
	/* OR */
	assert_int_equal(total("cyberstalking OR skimming"), 1);
	assert_int_equal(total("skimming OR frauduleusement"), 2);
	assert_int_equal(total("skimming or frauduleusement"), 0);	/* "or" is a word */
	/* exclusion */
	assert_int_equal(total("computer -skimming"), KE_ROWS + 2);
	assert_int_equal(total("computer -\"computer system\""), KE_ROWS + 3 - 3);
	/* prefix */
	r = run("interc*");
	assert_int_equal(r->total, 1);
	assert_string_equal(r->hits[0].eid, "part_2__sec_9");
	assert_int_equal(total("interc"), 0);
	/* snippets mark the matches */
	r = run("unauthorised access");
	{
		size_t t = 0;	/* the first hit by its words (concept hits come first) */

		while (t < r->nhits && r->hits[t].concept)
			t++;
		assert_true(t < r->nhits);
		assert_string_equal(r->hits[t].eid, "part_2__sec_14");
		assert_non_null(strstr(r->hits[t].snippet, "\x02" "unauthorised" "\x03"));
		assert_non_null(strstr(r->hits[t].snippet, "\x02" "access" "\x03"));
	}
	for (size_t i = 0; i < r->nhits; i++) {
		assert_non_null(r->hits[i].snippet);
		if (r->hits[i].concept)	/* mapped to the concept, not matched by words */
			continue;
		assert_non_null(strchr(r->hits[i].snippet, SEARCH_MARK_OPEN));
		assert_non_null(strchr(r->hits[i].snippet, SEARCH_MARK_CLOSE));
	}
	/* concept hits keep to the type filter (mapped provisions are of laws) */
	{
		size_t all = 0, laws = 0, cases = 0;

		r = run("unauthorised access");
		for (size_t i = 0; i < r->nhits; i++)
			all += r->hits[i].concept != NULL;
		r = run("unauthorised access type:legislation");
		for (size_t i = 0; i < r->nhits; i++)
			laws += r->hits[i].concept != NULL;
		r = run("unauthorised access type:case|lesson");
		for (size_t i = 0; i < r->nhits; i++)
			cases += r->hits[i].concept != NULL;
		assert_true(all > 0);
		assert_int_equal(laws, all);
		assert_int_equal(cases, 0);
	}
	/* diacritics folded both ways */
	r = run("lang:fr acces");
	assert_int_equal(r->total, 1);
	assert_string_equal(r->hits[0].country, "CM");
	assert_string_equal(run("acces")->hits[0].country, "CM");
	assert_int_equal(total("accès"), 1);
	/* "système" has the stem of English "system": French alone has the word */
	assert_int_equal(total("lang:fr SYSTÈME"), 1);
	assert_true(total("SYSTÈME") > 1);
	assert_int_equal(total("delit"), 1);
	/* the old version is not searched */
	assert_int_equal(total("telegraphy"), 0);
	assert_int_equal(run_as(&fixture_local, "telegraphy", 10)->total, 0);
	assert_int_equal(total("telecommunications"), 1);
}

/* All the words first, then some of them; the headings above a provision; hyphens and
 * spellings. */
static void test_fallback(void **state)
{
	struct search_result *r;

	(void)state;
	/* no row has both words: those with one of them, the total still of both */
	r = run("skimming frauduleusement");
	assert_int_equal(r->total, 0);
	assert_int_equal(r->partial, 1);
	assert_int_equal(r->partial_total, 2);
	assert_int_equal(r->nhits, 2);
	assert_int_equal(facet(r, FACET_COUNTRY, "CM"), 1);	/* facets: what is shown */
	/* a page of rows with every word: no fallback */
	r = run_as(&fixture_visitor, "computer system", 2);
	assert_int_equal(r->partial, 0);
	/* fewer than a page with all the words: they come first, then the others */
	r = run("unauthorised access skimming");
	assert_int_equal(r->partial, 1);
	/* the case has all three (and provisions mapped to the concept count as all) */
	assert_true(r->total >= 1);
	assert_true(r->partial_total > r->total);
	{
		int found = 0;

		for (long long i = 0; i < r->total && i < (long long)r->nhits; i++)
			found |= r->hits[i].kind == REC_CASE;
		assert_true(found);
	}
	/* one word: nothing to fall back to */
	assert_int_equal(run("xylophone")->partial, 0);
	/* the part's heading ("II Offences") counts for its sections */
	r = run("offences cyber harassment");
	assert_int_equal(r->total, 1);
	assert_int_equal(r->partial, 1);	/* fewer than a page (100) */
	assert_string_equal(r->hits[0].eid, "part_2__sec_11");
	/* a hyphenated word: its parts in a row or joined */
	r = run("cyber-harassment");
	assert_true(r->nhits > 0);
	assert_string_equal(r->hits[0].eid, "part_2__sec_11");
	assert_int_equal(total("cyberharassment"), 0);	/* not joined: no hyphen there */
	/* a concept's hits: once per provision, with every article it serves (the UN
	 * convention's and the Budapest Convention's, through the cross-walk) */
	r = run("unauthorised access");
	{
		size_t nconcept = 0;

		for (size_t i = 0; i < r->nhits; i++) {
			for (size_t k = 0; k < i; k++)
				assert_false(r->hits[k].record_id == r->hits[i].record_id &&
					     r->hits[k].eid && r->hits[i].eid &&
					     !strcmp(r->hits[k].eid, r->hits[i].eid));
			if (!r->hits[i].concept)
				continue;
			nconcept++;
			assert_non_null(r->hits[i].articles);
			assert_non_null(strstr(r->hits[i].articles, "un-cc/"));
			assert_non_null(strstr(r->hits[i].articles, "coe-185/"));
		}
		assert_true(nconcept > 0);
	}
	/* a French elision typed is dropped: "d'accès" finds "l'accès" */
	assert_int_equal(total("d'accès"), total("accès"));
	assert_true(total("qu\xe2\x80\x99" "accède") > 0);
	/* spellings meet: "unauthorized" finds "unauthorised" */
	assert_int_equal(total("unauthorized"), total("unauthorised"));
	assert_true(total("offense") > 0);
}

static void test_invalid(void **state)
{
	struct search_result *r = NULL;
	struct err e = { 0 };

	(void)state;
	invalid("contry:KE x", "contry");
	invalid("\"unclosed", "unclosed");
	invalid("-only", NULL);
	invalid("computer country:ZZ", NULL);
	invalid("computer region:atlantis", NULL);
	/* an empty query */
	assert_int_equal(store_set_clearance(S, NULL, &e), ERR_OK);
	assert_int_not_equal(search_run(S, P, NULL, "", 10, 0, &r, &e), ERR_OK);
	/* query text that would be FTS5 syntax is only words */
	e = (struct err){ 0 };
	assert_int_equal(search_run(S, P, NULL, "computer NEAR(a b) ^x * :", 10, 0, &r, &e),
			 ERR_OK);
}

static void test_follows_new_version(void **state)
{
	json_t *rs = json_array();

	(void)state;
	json_array_append_new(rs, ke_act(3, 3));
	import(rs);
	assert_int_equal(total("telecommunications"), 0);
	assert_int_equal(total("radiocommunication"), 1);
	assert_int_equal(total("telegraphy"), 0);
	/* still one version's worth of sections */
	assert_int_equal(total("computer country:KE type:legislation"), KE_ROWS);
	assert_int_equal(facet(run("computer"), FACET_COUNTRY, "KE"), KE_ROWS + 1);
}

/* The facet counts follow changes: the in-memory copy is brought up to date row by
 * row from search_changed, and loaded whole again after a rebuild. */
static void test_facets_follow_changes(void **state)
{
	json_t *rs = json_array();
	struct search_result *r;
	long long rows;
	struct err e = { 0 };

	(void)state;
	r = run("computer");	/* the copy is made */
	assert_int_equal(facet(r, FACET_COUNTRY, "TZ"), 0);
	assert_int_equal(facet(r, FACET_YEAR, "2022"), 0);
	json_array_append_new(rs, law("TZ", "en", "eng", "/akn/tz/act/2015/14", "2022-09-01",
		"Cybercrimes Act", "published", "CLEAR", "Illegal access",
		"A person who intentionally accesses a computer system without right commits "
		"an offence."));
	import(rs);
	r = run("computer");
	assert_int_equal(facet(r, FACET_COUNTRY, "TZ"), 1);
	assert_int_equal(facet(r, FACET_YEAR, "2022"), 1);
	assert_int_equal(facet(r, FACET_REGION, "014"), KE_ROWS + 1 + 1);
	/* withdrawn: gone from what the public reads, facets too */
	assert_int_equal(record_set_status(S, &fixture_local, run("country:TZ")->hits[0].record_id,
					   ST_WITHDRAWN, NULL, &e), ERR_OK);
	r = run("computer");
	assert_int_equal(facet(r, FACET_COUNTRY, "TZ"), 0);
	assert_int_equal(facet(run_as(&fixture_local, "computer", 10), FACET_COUNTRY, "TZ"), 1);
	/* a rebuild: everything again */
	assert_int_equal(store_begin(S, &e), ERR_OK);
	assert_int_equal(store_reindex(S, &rows, &e), ERR_OK);
	assert_int_equal(store_commit(S, &e), ERR_OK);
	assert_int_equal(facet(run_as(&fixture_local, "computer", 10), FACET_COUNTRY, "TZ"), 1);
	assert_int_equal(facet(run("computer"), FACET_COUNTRY, "KE"), KE_ROWS + 1);
}

static void test_follows_case_edit(void **state)
{
	struct search_result *r = run("skimming");
	struct caselaw *c;
	struct err e = { 0 };
	long long id;

	(void)state;
	assert_int_equal(r->total, 1);
	id = r->hits[0].record_id;
	assert_int_equal(caselaw_get(S, P, id, &c, &e), ERR_OK);
	c->summary = "The accused gained unauthorised access to a computer system of a bank "
		     "by phishing.";
	if (caselaw_save(S, &fixture_local, c, &id, &e))
		fail_msg("caselaw_save: %s", e.msg);
	assert_int_equal(run_as(&fixture_local, "skimming", 10)->total, 0);
	assert_int_equal(run_as(&fixture_local, "phishing", 10)->total, 1);
	assert_int_equal(total("skimming"), 0);
	assert_int_equal(total("phishing"), 1);
}

static void test_reindex(void **state)
{
	static const char *const qs[] = { "computer", "unauthorised access", "acces",
					  "phishing", "radiocommunication", "computer country:KE" };
	struct search_result *before[6], *after;
	struct err e = { 0 };
	long long rows = 0;

	(void)state;
	for (size_t i = 0; i < 6; i++)
		before[i] = run_as(&fixture_local, qs[i], 100);
	if (store_begin(S, &e) || store_reindex(S, &rows, &e) || store_commit(S, &e))
		fail_msg("reindex: %s", e.msg);
	assert_true(rows >= NSECTIONS + 5);
	for (size_t i = 0; i < 6; i++) {
		after = run_as(&fixture_local, qs[i], 100);
		assert_int_equal(after->total, before[i]->total);
		assert_int_equal(after->nhits, before[i]->nhits);
		for (size_t k = 0; k < after->nhits; k++) {
			assert_int_equal(after->hits[k].record_id, before[i]->hits[k].record_id);
			assert_true((!after->hits[k].eid && !before[i]->hits[k].eid) ||
				    !strcmp(after->hits[k].eid, before[i]->hits[k].eid));
		}
	}
	assert_int_equal(total("telegraphy"), 0);
	assert_int_equal(total("skimming"), 0);
}

/* A lesson's snippet (Markdown, cut by FTS5) as plain text, the marks kept. */
static void test_plain(void **state)
{
	pool *p = pool_new();

	(void)state;
	assert_string_equal(search_plain(p, "## What happened\n\nThe police seized a **\x02phone\x03** "
					 "without a warrant; see [the act](https://x.org/a)."),
			    "What happened: The police seized a \x02phone\x03 without a warrant; "
			    "see the act.");
	/* what the cut left unpaired or unparsed */
	assert_string_equal(search_plain(p, "…a **bold \x02phone\x03 and [the act](https…"),
			    "…a bold \x02phone\x03 and the act…");
	assert_string_equal(search_plain(p, "- one\n- *two*\n\n> three `x`"), "one two three x");
	assert_string_equal(search_plain(p, "a <b>raw</b> html"), "a raw html");
	assert_string_equal(search_plain(p, ""), "");
	pool_free(p);
}

/* Inside a transaction the index in memory answers only at the generation the
 * transaction sees; a rolled-back import leaves nothing in it. */
static void test_index_transaction(void **state)
{
	struct err e = { 0 };
	json_t *rs = json_array();

	(void)state;
	assert_int_equal(store_begin(S, &e), ERR_OK);
	json_array_append_new(rs, law("TZ", "en", "eng", "/akn/tz/act/2016/99", "2016-09-01",
		"Cybercrimes Act", "published", "CLEAR", "Pornography", "A person who "
		"publishes zanzibarine material commits an offence."));
	import(rs);
	assert_int_equal(total("zanzibarine"), 0);	/* indexed at commit */
	store_rollback(S);
	assert_int_equal(total("zanzibarine"), 0);
	rs = json_array();
	json_array_append_new(rs, law("TZ", "en", "eng", "/akn/tz/act/2016/99", "2016-09-01",
		"Cybercrimes Act", "published", "CLEAR", "Pornography", "A person who "
		"publishes zanzibarine material commits an offence."));
	import(rs);
	assert_int_equal(total("zanzibarine"), 1);
}

/* A large index is built in a thread of its own while FTS5 answers; then the index
 * answers, the same. */
static void test_index_background(void **state)
{
	struct store *t = NULL;
	struct search_result *r = NULL, *again = NULL;
	struct err e = { 0 };
	const struct ix *x = NULL;
	long long keep = sq_ix_sync_rows;
	const char *copy = NULL;
	int ready = 0;

	(void)state;
	copy = pool_strdup(P, fixture_path("bg.db"));
	assert_int_equal(store_backup(S, copy, &e), ERR_OK);
	sq_ix_sync_rows = 0;	/* every index is large */
	assert_int_equal(store_open(copy, &t, &e), ERR_OK);
	assert_int_equal(store_set_clearance(t, &operator_clearance, &e), ERR_OK);
	assert_int_equal(search_run(t, P, NULL, "computer", 10, 0, &r, &e), ERR_OK);
	assert_true(r->total > 0);
	for (int i = 0; i < 500 && !ready; i++) {	/* at most 5 s */
		if (sq_ix_acquire((struct sq *)t, &x) == 1) {
			ready = 1;
			sq_ix_release((struct sq *)t);
		} else {
			usleep(10000);
		}
	}
	sq_ix_sync_rows = keep;
	assert_true(ready);
	assert_int_equal(search_run(t, P, NULL, "computer", 10, 0, &again, &e), ERR_OK);
	assert_int_equal(again->total, r->total);
	assert_int_equal(again->nhits, r->nhits);
	for (size_t i = 0; i < r->nhits; i++)
		assert_true(near(again->hits[i].score, r->hits[i].score));
	store_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ranking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_per_record_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_facets_and_visibility, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_region_lesson, setup, teardown),
		cmocka_unit_test_setup_teardown(test_article, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters_alone_and_articles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_languages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clearance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fallback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_follows_new_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_follows_case_edit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_facets_follow_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reindex, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_background, setup, teardown),
		cmocka_unit_test(test_plain),
	};

	int failed = cmocka_run_group_tests(tests, group_setup, group_teardown);

	/* again with every term in impact order and every one-word search walked in it
	 * (ixq.c), as the index does from IX_IMPACT_MIN postings and IX_WALK_MIN matches */
	ix_tuning = (struct ix_tuning){ 1, 1, 1000 };
	return failed + cmocka_run_group_tests_name("walked", tests, group_setup, group_teardown);
}
