/* Tests of export/iati (issue 16): requests with budgets, pledges and disbursements
 * exported as IATI 2.03 and validated against the official schema in tests/iati/
 * with libxml2 (files only, no network); a broken document is refused by the same
 * check; titles with < & " ' come back as written; JPY (no minor unit) and KWD (3)
 * amounts as decimals; AMBER and GREEN requests absent for the public; the tables
 * of sectors and statuses. On temporary databases with the real reference data;
 * skipped without iso-codes. Run from the repository's root, or set CCREPO_SRC. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

#include "domain/assist.h"
#include "domain/user.h"
#include "export/iati.h"
#include "store/store.h"

#define E (err_clear(&e), &e)

static const struct iati_org org = { "XM-DAC-41128", "United Nations Office on Drugs and Crime" };

/* The schema, loaded once from tests/iati (its imports from the same directory). */
static xmlSchemaPtr schema;

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static int setup(void **state)
{
	const char *root = getenv("CCREPO_SRC") && *getenv("CCREPO_SRC") ?
			   getenv("CCREPO_SRC") : ".";
	char path[4096];
	xmlSchemaParserCtxtPtr pc;

	if (fixture_group_setup(state))
		return -1;
	snprintf(path, sizeof(path), "%s/tests/iati/iati-activities-schema.xsd", root);
	pc = xmlSchemaNewParserCtxt(path);
	if (!pc)
		return -1;
	schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (!schema)
		fprintf(stderr, "cannot load %s: run from the repository's root\n", path);
	return schema ? 0 : -1;
}

static int teardown(void **state)
{
	xmlSchemaFree(schema);
	xmlCleanupParser();
	return fixture_group_teardown(state);
}

/* Parse doc (no network, no entities) and validate it: 0 valid, else libxml2's
 * nonzero; *out the parsed document when asked (the caller frees). */
static int validate(const char *doc, size_t len, xmlDocPtr *out)
{
	xmlDocPtr d = xmlReadMemory(doc, (int)len, "iati.xml", NULL, XML_PARSE_NONET);
	xmlSchemaValidCtxtPtr vc;
	int rc;

	if (!d)
		return -1;
	vc = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidErrors(vc, quiet, quiet, NULL);
	rc = xmlSchemaValidateDoc(vc, d);
	xmlSchemaFreeValidCtxt(vc);
	if (out)
		*out = d;
	else
		xmlFreeDoc(d);
	return rc;
}

/* The text of the first node xpath selects in d, in a static buffer ("" none). */
static const char *xp(xmlDocPtr d, const char *xpath)
{
	static char buf[1024];
	xmlXPathContextPtr c = xmlXPathNewContext(d);
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST xpath, c);

	buf[0] = 0;
	if (o && o->nodesetval && o->nodesetval->nodeNr) {
		xmlChar *s = xmlNodeGetContent(o->nodesetval->nodeTab[0]);

		snprintf(buf, sizeof(buf), "%s", s ? (const char *)s : "");
		xmlFree(s);
	}
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	return buf;
}

/* How many nodes xpath selects in d. */
static int count(xmlDocPtr d, const char *xpath)
{
	xmlXPathContextPtr c = xmlXPathNewContext(d);
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST xpath, c);
	int n = o && o->nodesetval ? o->nodesetval->nodeNr : 0;

	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	return n;
}

struct world {
	struct store *s;
	pool *p;
	struct actor cur, ke, rd;
};

static void world_make(struct world *w)
{
	w->s = fixture_db(NULL, FIX_REFDATA);
	w->p = pool_new();
	fixture_org(w->s, "CoE", ORG_IMPLEMENTING, NULL);
	fixture_org(w->s, "GIZ", ORG_DONOR, NULL);
	fixture_org(w->s, "Kuwait Fund", ORG_DONOR, NULL);
	w->cur = fixture_actor(w->s, "cora", ROLE_CURATOR, "UNODC", NULL);
	w->ke = fixture_actor(w->s, "kamau", ROLE_FOCAL_POINT, "KE-MoICT", "KE");
	w->rd = fixture_actor(w->s, "rita", ROLE_READER, "UNODC", NULL);
}

static void world_free(struct world *w)
{
	pool_free(w->p);
	store_close(w->s);
}

static long long request(struct world *w, const char *title, const char *topic,
			 const char *tlp, const char *cur, const char *budget)
{
	struct assist_request_in in = {
		.country = "KE", .title = title, .topic = topic,
		.beneficiary = "DCI Cyber Unit & <Forensics>", .targets = "police",
		.languages = "en,sw", .date_from = "2030-01-10", .date_to = "2030-03-01",
		.urgency = "2", .budget_currency = cur, .budget_amount = budget, .tlp = tlp,
	};
	struct err e = { 0 };
	long long id = 0;

	if (assist_request_add(w->s, w->p, &w->ke, &in, &id, E))
		fail_msg("request: %s", e.msg);
	return id;
}

static void fund(struct world *w, long long id, const char *donor, const char *kind,
		 const char *cur, const char *amount)
{
	struct assist_fund_in in = { donor, kind, cur, amount, "2030-01-05" };
	struct err e = { 0 };

	if (assist_fund(w->s, w->p, &w->cur, id, &in, E))
		fail_msg("fund %s %s %s: %s", donor, cur, amount, e.msg);
}

static void move(struct world *w, long long id, const char *to)
{
	struct err e = { 0 };

	if (assist_move(w->s, w->p, &fixture_local, id, to, "ok", E))
		fail_msg("move %lld %s: %s", id, to, e.msg);
}

static void export(struct world *w, const struct actor *a, const char *country,
		   struct sbuf *b)
{
	struct err e = { 0 };

	sbuf_reset(b);
	if (iati_export(w->s, w->p, a, &org, country, "2030-02-01T10:00:00Z", b, NULL, E))
		fail_msg("export: %s", e.msg);
}

/* A request through matched, funded and in delivery, in EUR, JPY and KWD, is valid
 * IATI 2.03 with the values, codes and names in their places. */
static void test_valid(void **state)
{
	struct world w;
	struct sbuf b = SBUF_INIT;
	struct err e = { 0 };
	xmlDocPtr d;
	long long id, jp, kw, off, mid;

	(void)state;
	world_make(&w);
	id = request(&w, "Forensics <lab> & \"training\" for 'DCI'", "digital-forensics",
		     "CLEAR", "EUR", "50000.50");
	jp = request(&w, "Drafting", "legislation-drafting", "CLEAR", "JPY", "1234567");
	kw = request(&w, "Evidence", "electronic-evidence", "CLEAR", "KWD", "12.345");
	fund(&w, id, "GIZ", "pledge", "EUR", "50000.50");
	fund(&w, id, "GIZ", "disbursement", "EUR", "20000");
	fund(&w, jp, "GIZ", "pledge", "JPY", "1000000");
	fund(&w, kw, "Kuwait Fund", "pledge", "KWD", "0.005");
	{
		struct assist_offer_in in = { .org = "CoE", .title = "GLACY",
			.topics = "digital-forensics", .languages = "en", .modes = "in_person",
			.capacity = "4" };

		assert_int_equal(assist_offer_add(w.s, w.p, &w.cur, &in, &off, E), ERR_OK);
	}
	move(&w, id, "assessed");
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.cur, id, off, &mid, E), ERR_OK);
	assert_int_equal(assist_match_answer(w.s, w.p, &fixture_local, mid, 1, NULL, E),
			 ERR_OK);
	move(&w, id, "matched");
	move(&w, id, "funded");
	move(&w, id, "in_delivery");
	/* an activity with its training record, attendance list and evaluation */
	{
		static const char *const provs[] = { "CoE" };
		static const char *const names[] = { "Wanjiru Kamau", "Otieno Ochieng" };
		struct assist_activity_in in = { .title = "Forensics course 1",
			.date_from = "2030-01-12", .date_to = "2030-01-16", .mode = "in_person",
			.place = "Nairobi", .language = "en", .providers = provs,
			.nproviders = 1 };
		struct assist_training_in t = { .total = "7", .pre = "41.5", .post = "72.5" };
		long long aid;

		t.count[AR_POLICE][AG_FEMALE] = "3";
		t.count[AR_POLICE][AG_MALE] = "2";
		t.count[AR_JUDGE][AG_FEMALE] = "2";
		if (assist_activity_add(w.s, w.p, &w.cur, id, &in, &aid, E))
			fail_msg("activity: %s", e.msg);
		if (assist_training_set(w.s, w.p, &w.cur, aid, &t, E))
			fail_msg("training: %s", e.msg);
		if (assist_attendance_set(w.s, w.p, &w.cur, aid, names, 2, E))
			fail_msg("attendance: %s", e.msg);
		if (assist_activity_evaluate(w.s, w.p, &w.ke, aid, 4, "", E))
			fail_msg("evaluate: %s", e.msg);
	}

	export(&w, NULL, NULL, &b);
	/* attendance names never leave */
	assert_null(strstr(sbuf_str(&b), "Wanjiru"));
	assert_null(strstr(sbuf_str(&b), "Ochieng"));
	assert_int_equal(validate(sbuf_str(&b), b.len, &d), 0);
	assert_int_equal(count(d, "//iati-activity"), 3);
	assert_string_equal(xp(d, "/iati-activities/@version"), "2.03");
	{
		char q[256];

		snprintf(q, sizeof(q), "//iati-activity[iati-identifier='XM-DAC-41128-%lld']",
			 id);
		assert_int_equal(count(d, q), 1);
		snprintf(q, sizeof(q), "//iati-activity[iati-identifier='XM-DAC-41128-%lld']"
			 "/title/narrative", id);
		/* escaped on the way out, read back as written */
		assert_string_equal(xp(d, q), "Forensics <lab> & \"training\" for 'DCI'");
	}
	assert_non_null(strstr(sbuf_str(&b), "Forensics &lt;lab&gt; &amp;"));
	assert_string_equal(xp(d, "//iati-activity[recipient-country/@code='KE'][1]"
				  "/reporting-org/@ref"), "XM-DAC-41128");
	/* in delivery: implementation, actual start; the sector by topic */
	assert_string_equal(xp(d, "//iati-activity[sector/@code='15210']/activity-status/@code"),
			    "2");
	assert_string_equal(xp(d, "//iati-activity[sector/@code='15210']"
				  "/activity-date[@type='2']/@iso-date"), "2030-01-12");
	assert_int_equal(count(d, "//iati-activity[sector/@code='15210']"
				  "/activity-date[@type='4']"), 0);
	assert_string_equal(xp(d, "//iati-activity[sector/@code='15130'][budget/value/@currency='JPY']"
				  "/activity-status/@code"), "1");
	/* the implementing provider, the funder once, the beneficiary escaped */
	assert_string_equal(xp(d, "//participating-org[@role='4']/narrative"), "CoE");
	assert_int_equal(count(d, "//iati-activity[sector/@code='15210']"
				  "/participating-org[@role='1']"), 1);
	assert_string_equal(xp(d, "//participating-org[@role='2']/narrative"),
			    "DCI Cyber Unit & <Forensics>");
	/* money: exact decimals, in their minor units */
	assert_string_equal(xp(d, "//budget/value[@currency='EUR']"), "50000.50");
	assert_string_equal(xp(d, "//transaction[transaction-type/@code='3']/value"), "20000.00");
	assert_string_equal(xp(d, "//transaction[transaction-type/@code='2']/value[@currency='EUR']"),
			    "50000.50");
	assert_string_equal(xp(d, "//budget/value[@currency='JPY']"), "1234567");
	assert_string_equal(xp(d, "//transaction/value[@currency='JPY']"), "1000000");
	assert_string_equal(xp(d, "//budget/value[@currency='KWD']"), "12.345");
	assert_string_equal(xp(d, "//transaction/value[@currency='KWD']"), "0.005");
	assert_string_equal(xp(d, "//transaction/value[@currency='KWD']/@value-date"),
			    "2030-01-05");
	/* results: people trained by role and gender, the scores, the rating */
	assert_string_equal(xp(d, "//result[@type='1']/indicator/period/actual[not(dimension)]/@value"),
			    "7");
	assert_string_equal(xp(d, "//result[@type='1']//actual[dimension[@name='role']"
				  "[@value='police']][dimension[@name='sex'][@value='female']]/@value"),
			    "3");
	assert_int_equal(count(d, "//result[@type='1']//actual[dimension]"), 3);
	assert_string_equal(xp(d, "//indicator[@measure='2']/baseline/@value"), "41.5");
	assert_string_equal(xp(d, "//indicator[@measure='2']/period/actual/@value"), "72.5");
	assert_string_equal(xp(d, "//result[@type='2']/indicator[@measure='1']/period/actual/@value"),
			    "4");
	assert_int_equal(count(d, "//participating-org[@role='4']"), 1);
	xmlFreeDoc(d);
	sbuf_release(&b);
	world_free(&w);
}

/* The validation can fail: the export with an element out of order, a value that is
 * not a decimal, a missing identifier are each refused by the schema. */
static void test_broken(void **state)
{
	struct world w;
	struct sbuf b = SBUF_INIT;
	static const struct {
		const char *from, *to;
		int valid;
	} breaks[] = {
		/* an element out of order */
		{ "<iati-identifier>", "<other-identifier ref=\"x\" type=\"A1\"/><iati-identifier>", 0 },
		/* a value that is not a decimal */
		{ ">50000.50<", ">50,000.50<", 0 },
		/* the required version */
		{ "version=\"2.03\"", "", 0 },
		/* an optional element left out: still valid (the check is not refusing all) */
		{ "<recipient-country code=\"KE\"/>", "", 1 },
	};

	(void)state;
	world_make(&w);
	request(&w, "Forensics", "digital-forensics", "CLEAR", "EUR", "50000.50");
	export(&w, NULL, NULL, &b);
	assert_int_equal(validate(sbuf_str(&b), b.len, NULL), 0);
	for (size_t i = 0; i < sizeof(breaks) / sizeof(breaks[0]); i++) {
		const char *doc = sbuf_str(&b), *at = strstr(doc, breaks[i].from);
		struct sbuf bad = SBUF_INIT;

		assert_non_null(at);
		sbuf_add(&bad, doc, (size_t)(at - doc));
		sbuf_adds(&bad, breaks[i].to);
		sbuf_adds(&bad, at + strlen(breaks[i].from));
		if (breaks[i].valid)
			assert_int_equal(validate(sbuf_str(&bad), bad.len, NULL), 0);
		else
			assert_int_not_equal(validate(sbuf_str(&bad), bad.len, NULL), 0);
		sbuf_release(&bad);
	}
	sbuf_release(&b);
	world_free(&w);
}

/* The public sees CLEAR requests only, a signed-in reader GREEN too, the command
 * line everything; a country filters. */
static void test_reading(void **state)
{
	struct world w;
	struct sbuf b = SBUF_INIT;
	xmlDocPtr d;

	(void)state;
	world_make(&w);
	request(&w, "Open", "cert", "CLEAR", NULL, NULL);
	request(&w, "Shared", "cert", "GREEN", NULL, NULL);
	request(&w, "Secret AMBER plan", "cert", "AMBER", NULL, NULL);

	export(&w, NULL, NULL, &b);
	assert_int_equal(validate(sbuf_str(&b), b.len, &d), 0);
	assert_int_equal(count(d, "//iati-activity"), 1);
	assert_string_equal(xp(d, "//title/narrative"), "Open");
	assert_null(strstr(sbuf_str(&b), "Secret"));
	assert_null(strstr(sbuf_str(&b), "Shared"));
	xmlFreeDoc(d);

	export(&w, &w.rd, NULL, &b);
	assert_null(strstr(sbuf_str(&b), "Secret"));
	assert_non_null(strstr(sbuf_str(&b), "Shared"));

	export(&w, &fixture_local, NULL, &b);
	assert_non_null(strstr(sbuf_str(&b), "Secret AMBER plan"));
	assert_int_equal(validate(sbuf_str(&b), b.len, NULL), 0);

	export(&w, &fixture_local, "NG", &b);
	assert_null(strstr(sbuf_str(&b), "<iati-activity"));
	{
		struct err e = { 0 };
		size_t n = 99;

		assert_int_equal(iati_export(w.s, w.p, NULL, &org, NULL, NULL, &b, &n, E), ERR_OK);
		assert_int_equal(n, 1);
		assert_int_equal(iati_export(w.s, w.p, &fixture_local, &org, "KE", NULL, &b, &n,
					     E), ERR_OK);
		assert_int_equal(n, 3);
		assert_int_equal(iati_export(w.s, w.p, NULL, &org, "Atlantis", NULL, &b, &n, E),
				 ERR_INVALID);
		assert_non_null(strstr(e.msg, "country"));
	}
	sbuf_release(&b);
	world_free(&w);
}

/* Every topic has a sector, every stage a status; bad org refs are refused. */
static void test_tables(void **state)
{
	static const char *const topics[] = {
		"legislation-drafting", "digital-forensics", "electronic-evidence",
		"international-cooperation", "financial-investigation", "child-exploitation",
		"cryptocurrency", "cert", "prevention", "human-rights",
	};
	struct err e = { 0 };
	struct sbuf b = SBUF_INIT;
	const struct iati_org bad = { "XM DAC<1>", "x" };

	(void)state;
	for (size_t i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
		assert_non_null(iati_sector(topics[i]));
	assert_string_equal(iati_sector("legislation-drafting"), "15130");
	assert_string_equal(iati_sector("cert"), "15210");
	assert_null(iati_sector("cooking"));
	for (int st = 0; st < AS_STAGE_COUNT; st++) {
		int c = iati_status(assist_stage_names[st]);

		assert_true(c >= 1 && c <= 5);
	}
	assert_int_equal(iati_status("closed"), 4);
	assert_int_equal(iati_status("withdrawn"), 5);
	assert_true(iati_ref_ok("XM-DAC-41128"));
	assert_false(iati_ref_ok(""));
	assert_false(iati_ref_ok("XM DAC"));
	assert_int_equal(iati_export(NULL, NULL, NULL, &bad, NULL, NULL, &b, NULL, E),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "iati-org-ref"));
	sbuf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_reading),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
