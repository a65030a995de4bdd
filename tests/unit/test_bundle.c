/* Tests of domain/bundle (docs/bundle.md): a database with a work in two versions and
 * its mappings, cases (one with provisions applied, one with the judgment's text) and
 * lessons (a country's and a region's) is exported, imported into a fresh database
 * and exported again: the same bundle but for "exported_at". Importing twice does not
 * duplicate; a bad bundle is refused as a whole with a message naming the file and
 * the record; a remote actor's export leaves out what it may not read. On temporary
 * databases with the real reference data; skipped when iso-codes is not installed. */
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
#include "core/sbuf.h"
#include "domain/bundle.h"
#include "domain/caselaw.h"
#include "domain/legislation.h"
#include "domain/lesson.h"
#include "domain/record.h"
#include "domain/refdata.h"
#include "import/doc.h"
#include "store/store.h"

#define KE_ACT "/akn/ke/act/2018/5"
#define ORIGIN "test-bundle.json"

static const struct record_query all = { -1, NULL, -1, NULL, 0, 0, 0, 0 };

/* ---- helpers ---- */

/* Provisions and mappings of every work, summed. */
static void count_parts(struct store *s, size_t *exprs, size_t *provs, size_t *maps)
{
	pool *p = pool_new();
	struct record_query q = { -1, NULL, -1, NULL, 10000, 0, 0, 0 };
	struct work *ws;
	size_t nw;

	*exprs = *provs = *maps = 0;
	assert_int_equal(store_work_list(s, p, &q, &ws, &nw, NULL), ERR_OK);
	for (size_t i = 0; i < nw; i++) {
		struct expression *xs;
		struct mapping *ms;
		size_t nx, nm;

		assert_int_equal(legislation_expressions(s, p, ws[i].rec.id, &xs, &nx, NULL),
				 ERR_OK);
		*exprs += nx;
		for (size_t k = 0; k < nx; k++)
			*provs += (size_t)xs[k].provision_count;
		assert_int_equal(mapping_list_work(s, p, ws[i].rec.id, &ms, &nm, NULL), ERR_OK);
		*maps += nm;
	}
	pool_free(p);
}

/* The act in two versions: the second changes section 14 and adds section 15. */
static struct doc *make_act(int version)
{
	struct doc *d = doc_new();
	struct doc_node *part, *sec;

	d->kind = DOC_LEGISLATION;
	d->work_uri = KE_ACT;
	d->country = "KE";
	d->type = "act";
	d->number = "5";
	d->date = "2018-05-16";
	d->title = "Computer Misuse and Cybercrimes Act, 2018";
	d->language = "eng";
	d->expr_date = version == 1 ? "2018-05-30" : "2020-01-01";
	d->source = "https://kenyalaw.org/akn/ke/act/2018/5";
	part = doc_add(d, NULL, "part", "part_1", "I", "Preliminary", NULL, 1);
	doc_add(d, part, "section", "part_1__sec_1", "1", "Short title",
		"This Act may be cited as the Computer Misuse and Cybercrimes Act, 2018.", 2);
	part = doc_add(d, NULL, "part", "part_2", "II", "Offences", NULL, 3);
	sec = doc_add(d, part, "section", "part_2__sec_14", "14",
		      "Unauthorised access to computer material",
		      version == 1 ? "A person who causes a computer system to perform a function "
				     "... commits an offence."
				   : "A person who causes, whether temporarily or permanently, a "
				     "computer system to perform a function ... commits an offence.",
		      4);
	doc_add(d, sec, "subsection", "part_2__sec_14__subsec_1", "(1)", NULL,
		"Access is unauthorised if ...\n\nSecond paragraph — «quoted» 中文.", 5);
	if (version == 2)
		doc_add(d, part, "section", "part_2__sec_15", "15",
			"Access with intent to commit a further offence", "A person who ...", 6);
	doc_add(d, part, "section", "part_2__sec_16", "16",
		"Unauthorised interference with a computer system", "A person who ...", 7);
	return d;
}

static long long import_doc(struct store *s, const struct doc *d, enum record_status st)
{
	long long id = 0;
	size_t n;
	struct err e;

	err_clear(&e);
	if (legislation_import_doc(s, &fixture_local, d, st, NULL, &id, &n, &e))
		print_error("import: %s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	return id;
}

static void publish(struct store *s, long long id)
{
	struct err e;

	err_clear(&e);
	if (record_set_status(s, &fixture_local, id, ST_SUBMITTED, NULL, &e) ||
	    record_set_status(s, &fixture_local, id, ST_PUBLISHED, NULL, &e))
		print_error("publish %lld: %s\n", id, e.msg);
	assert_int_equal(e.code, ERR_OK);
}

static long long save_lesson(struct store *s, const char *country, const char *region,
			     const char *title, const char *tlp, int published)
{
	struct lesson l;
	long long id = 0;
	struct err e;

	memset(&l, 0, sizeof(l));
	l.rec.country = country;
	l.rec.region = region;
	l.rec.language = "en";
	l.rec.title = title;
	l.rec.tlp = tlp;
	l.topic = "cooperation";
	l.body = "# Lesson\n\nAsk early; *preserve* data first.\n\n- one\n- two\n";
	l.date = "2023-03-01";
	err_clear(&e);
	if (lesson_save(s, &fixture_local, &l, &id, &e))
		print_error("lesson_save: %s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	if (published)
		publish(s, id);
	return id;
}

/* The database every round trip starts from. */
static struct store *make_source(void)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	struct doc *v1 = make_act(1), *v2 = make_act(2), *j = doc_new();
	struct record_link links[] = { { KE_ACT, "part_2__sec_14" },
				     { KE_ACT, "part_2__sec_14__subsec_1" } };
	struct caselaw c;
	long long id, cid = 0;
	struct err e;

	id = import_doc(s, v1, ST_DRAFT);
	assert_int_equal(import_doc(s, v2, ST_DRAFT), id);
	err_clear(&e);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_14", "coe-185", 2, "accepted",
				     "full", "Mirrors article 2 \"illegal access\"", &e), ERR_OK);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_14", "un-cc", 7, "accepted",
				     "partial", NULL, &e), ERR_OK);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_16", "coe-185", 3, "rejected",
				     NULL, "interference, not interception", &e), ERR_OK);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_15", "coe-185", 4, "suggested",
				     NULL, NULL, &e), ERR_OK);
	assert_int_equal(e.code, ERR_OK);
	publish(s, id);

	/* a case with provisions applied */
	memset(&c, 0, sizeof(c));
	c.rec.country = "KE";
	c.rec.language = "en";
	c.rec.title = "Republic v J.M.";
	c.rec.source_url = "https://kenyalaw.org/caselaw/1";
	c.court = "High Court of Kenya at Nairobi";
	c.decided = "2019-06-14";
	c.citation = "[2019] eKLR 123";
	c.parties = "Republic v J.M.";
	c.summary = "Unauthorised access to a bank's systems.";
	c.facts = "The accused used a colleague's password.";
	c.outcome = "Convicted";
	c.evidence_issues = "Chain of custody";
	c.keywords = "illegal access,electronic evidence";
	c.applied = links;
	c.napplied = 2;
	err_clear(&e);
	assert_int_equal(caselaw_save(s, &fixture_local, &c, &cid, &e), ERR_OK);
	publish(s, cid);

	/* a case with the judgment's text */
	j->kind = DOC_JUDGMENT;
	j->work_uri = "/akn/za/judgment/zasca/2008/134";
	j->country = "ZA";
	j->type = "judgment";
	j->number = "134";
	j->date = "2008-11-26";
	j->title = "Fourway Haulage SA (Pty) Ltd v SA National Roads Agency Ltd";
	j->language = "eng";
	j->court = "Supreme Court of Appeal";
	j->citation = "[2008] ZASCA 134";
	doc_add(j, NULL, "introduction", "introduction", NULL, NULL, "BRAND JA:", 1);
	doc_add(j, NULL, "decision", "decision", NULL, NULL, "Dismissed.", 2);
	import_doc(s, j, ST_DRAFT);

	/* lessons: a country's, a region's, a draft and an AMBER one */
	save_lesson(s, "KE", NULL, "Seizing phones", "CLEAR", 1);
	save_lesson(s, NULL, "002", "Mutual legal assistance in Africa", "CLEAR", 1);
	save_lesson(s, "KE", NULL, "Draft notes on cloud evidence", "CLEAR", 0);
	save_lesson(s, "KE", NULL, "Sensitive operation debrief", "AMBER", 1);
	doc_free(v1);
	doc_free(v2);
	doc_free(j);
	return s;
}

static char *export_text(struct store *s, const struct actor *a, struct bundle_counts *c)
{
	struct clearance cl;
	struct sbuf sb = SBUF_INIT;
	struct err e;

	err_clear(&e);
	record_clearance(a, &cl);
	assert_int_equal(store_set_clearance(s, &cl, &e), ERR_OK);
	if (bundle_export(s, NULL, &all, &sb, c, &e))
		print_error("bundle_export: %s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	return sbuf_detach(&sb, NULL);
}

static int import_text(struct store *s, const char *text, size_t len, struct bundle_counts *c,
		       struct err *e)
{
	err_clear(e);
	return bundle_import(s, &fixture_local, text, len, ORIGIN, c, e);
}

/* A copy of a bundle without its "exported_at" line. */
static char *without_exported_at(const char *text)
{
	const char *at = strstr(text, "\"exported_at\"");
	const char *eol;
	char *copy;

	assert_non_null(at);
	eol = strchr(at, '\n');
	assert_non_null(eol);
	copy = malloc(strlen(text) + 1);
	memcpy(copy, text, (size_t)(at - text));
	strcpy(copy + (at - text), eol + 1);
	return copy;
}

/* Two bundles are the same but for exported_at; else show the first difference. */
static void check_same_bundle(const char *a, const char *b)
{
	char *x = without_exported_at(a), *y = without_exported_at(b);

	if (strcmp(x, y)) {
		const char *p = x, *q = y;
		int line = 1;

		while (*p && *p == *q) {
			if (*p == '\n')
				line++;
			p++, q++;
		}
		print_error("bundles differ at line %d:\n  first:  %.120s\n  second: %.120s\n",
			    line, p, q);
	}
	assert_true(strcmp(x, y) == 0);
	free(x);
	free(y);
}

static void check_counts(const struct bundle_counts *c, size_t legislation, size_t cases,
			 size_t lessons, size_t exprs, size_t provs, size_t maps)
{
	if (c->legislation != legislation || c->cases != cases || c->lessons != lessons ||
	    c->expressions != exprs || c->provisions != provs || c->mappings != maps)
		print_error("counts: %zu legislation, %zu cases, %zu lessons, %zu expressions, "
			    "%zu provisions, %zu mappings\n", c->legislation, c->cases, c->lessons,
			    c->expressions, c->provisions, c->mappings);
	assert_int_equal(c->legislation, legislation);
	assert_int_equal(c->cases, cases);
	assert_int_equal(c->lessons, lessons);
	assert_int_equal(c->expressions, exprs);
	assert_int_equal(c->provisions, provs);
	assert_int_equal(c->mappings, maps);
}

/* ---- round trip ---- */

static void test_round_trip(void **state)
{
	struct store *a = make_source(), *b = fixture_db(NULL, FIX_REFDATA);
	struct bundle_counts ca, cb, ci;
	char *first, *second, *third;
	json_t *root, *rec;
	json_error_t je;
	size_t exprs, provs, maps;
	struct err e;
	size_t i;

	(void)state;
	first = export_text(a, &fixture_local, &ca);
	/* 1 act (2 versions: 6 + 7 provisions, 4 mappings), 2 cases (one with its
	 * judgment: 1 version, 2 provisions), 4 lessons */
	check_counts(&ca, 1, 2, 4, 3, 15, 4);

	/* what the bundle says, in the documented format */
	root = json_loads(first, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		print_error("export: %s\n", je.text);
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "format")), "ccrepo-bundle");
	assert_int_equal(json_integer_value(json_object_get(root, "version")), 1);
	assert_true(record_date_valid(json_string_value(json_object_get(root, "exported_at"))) ==
		    0);	/* a timestamp, not a date */
	assert_non_null(json_string_value(json_object_get(root, "exported_at")));
	assert_int_equal(json_array_size(json_object_get(root, "records")), 7);
	json_array_foreach(json_object_get(root, "records"), i, rec) {
		const char *type = json_string_value(json_object_get(rec, "type"));

		assert_non_null(type);
		if (!strcmp(type, "legislation")) {
			json_t *xs = json_object_get(rec, "expressions"), *m;
			size_t k;

			assert_string_equal(json_string_value(json_object_get(
						    json_object_get(rec, "work"), "uri")), KE_ACT);
			assert_string_equal(json_string_value(json_object_get(rec, "status")),
					    "published");
			assert_int_equal(json_array_size(xs), 2);
			/* oldest first, nested provisions */
			assert_string_equal(json_string_value(json_object_get(
						    json_array_get(xs, 0), "date")), "2018-05-30");
			assert_string_equal(json_string_value(json_object_get(json_array_get(
				json_object_get(json_array_get(json_object_get(json_array_get(xs, 0),
				"provisions"), 1), "children"), 0), "eid")), "part_2__sec_14");
			json_array_foreach(json_object_get(rec, "mappings"), k, m)
				if (!strcmp(json_string_value(json_object_get(m, "state")), "accepted"))
					assert_non_null(json_string_value(json_object_get(m,
											  "extent")));
		}
	}
	json_decref(root);

	/* into a fresh database */
	if (import_text(b, first, strlen(first), &cb, &e))
		print_error("bundle_import: %s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	check_counts(&cb, 1, 2, 4, 3, 15, 4);
	assert_int_equal(fixture_count(b, -1), 7);
	count_parts(b, &exprs, &provs, &maps);
	assert_int_equal(exprs, 3);
	assert_int_equal(provs, 15);
	assert_int_equal(maps, 4);

	/* and out again (compared below) */
	second = export_text(b, &fixture_local, &ci);
	check_counts(&ci, 1, 2, 4, 3, 15, 4);

	/* importing again updates, never duplicates */
	if (import_text(b, first, strlen(first), &cb, &e))
		print_error("bundle_import again: %s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	check_counts(&cb, 1, 2, 4, 3, 15, 4);
	assert_int_equal(fixture_count(b, -1), 7);
	assert_int_equal(fixture_count(b, REC_LEGISLATION), 1);
	assert_int_equal(fixture_count(b, REC_CASE), 2);
	assert_int_equal(fixture_count(b, REC_LESSON), 4);
	count_parts(b, &exprs, &provs, &maps);
	assert_int_equal(exprs, 3);
	assert_int_equal(provs, 15);
	assert_int_equal(maps, 4);
	third = export_text(b, &fixture_local, &ci);
	check_counts(&ci, 1, 2, 4, 3, 15, 4);

	/* export, import, export: the same bundle */
	check_same_bundle(first, second);

	free(first);
	free(second);
	free(third);
	store_close(a);
	store_close(b);
}

/* What came back, field by field, for the records a round trip carries. */
static void test_round_trip_fields(void **state)
{
	struct store *a = make_source(), *b = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	char *text = export_text(a, &fixture_local, NULL);
	struct record_query q = { REC_CASE, "KE", -1, NULL, 0, 0, 0, 0 };
	struct caselaw *cs;
	struct lesson *ls;
	struct work *w;
	struct expression *x;
	struct provision *pv;
	struct mapping *ms;
	size_t n;
	struct err e;

	(void)state;
	assert_int_equal(import_text(b, text, strlen(text), NULL, &e), ERR_OK);
	assert_int_equal(legislation_get(b, p, KE_ACT, &w, NULL), ERR_OK);
	assert_int_equal(w->rec.status, ST_PUBLISHED);
	assert_string_equal(w->rec.created_by, "curator");
	assert_string_equal(w->rec.source_url, "https://kenyalaw.org/akn/ke/act/2018/5");
	assert_string_equal(w->date, "2018-05-16");
	assert_int_equal(legislation_as_of(b, p, w->rec.id, "eng", "2019-01-01", &x, NULL),
			 ERR_OK);
	assert_string_equal(x->date, "2018-05-30");
	assert_int_equal(legislation_provision(b, p, x->id, "part_2__sec_14__subsec_1", &pv,
					       NULL), ERR_OK);
	assert_string_equal(pv->text, "Access is unauthorised if ...\n\nSecond paragraph — "
			    "«quoted» 中文.");
	assert_int_equal(pv->depth, 2);
	assert_int_equal(mapping_list_work(b, p, w->rec.id, &ms, &n, NULL), ERR_OK);
	assert_int_equal(n, 4);
	assert_string_equal(ms[0].eid, "part_2__sec_14");
	assert_string_equal(ms[0].instrument, "coe-185");
	assert_string_equal(ms[0].extent, "full");
	assert_string_equal(ms[0].comment, "Mirrors article 2 \"illegal access\"");

	assert_int_equal(caselaw_list(b, p, &q, &cs, &n, NULL), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(cs[0].citation, "[2019] eKLR 123");
	assert_string_equal(cs[0].facts, "The accused used a colleague's password.");
	assert_int_equal(cs[0].rec.status, ST_PUBLISHED);
	assert_int_equal(cs[0].napplied, 2);
	assert_string_equal(cs[0].applied[0].work_uri, KE_ACT);
	assert_string_equal(cs[0].applied[0].eid, "part_2__sec_14");

	q.country = "ZA";
	assert_int_equal(caselaw_list(b, p, &q, &cs, &n, NULL), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(cs[0].court, "Supreme Court of Appeal");
	assert_string_equal(cs[0].work_uri, "/akn/za/judgment/zasca/2008/134");

	q.kind = REC_LESSON;
	q.country = NULL;
	assert_int_equal(lesson_list(b, p, &q, &ls, &n, NULL), ERR_OK);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(ls[i].rec.title, "Mutual legal assistance in Africa")) {
			assert_null(ls[i].rec.country);
			assert_string_equal(ls[i].rec.region, "002");
			assert_int_equal(ls[i].rec.status, ST_PUBLISHED);
		} else if (!strcmp(ls[i].rec.title, "Draft notes on cloud evidence")) {
			assert_int_equal(ls[i].rec.status, ST_DRAFT);
		} else if (!strcmp(ls[i].rec.title, "Sensitive operation debrief")) {
			assert_string_equal(ls[i].rec.tlp, "AMBER");
		}
		assert_string_equal(ls[i].date, "2023-03-01");
		assert_non_null(strstr(ls[i].body, "*preserve*"));
	}
	free(text);
	pool_free(p);
	store_close(a);
	store_close(b);
}

/* Lessons are matched by title and place: the same title elsewhere is another lesson. */
static void test_lesson_place_match(void **state)
{
	static const char one[] =
		"{\"format\": \"ccrepo-bundle\", \"version\": 1, \"records\": ["
		"{\"type\": \"lesson\", \"region\": \"002\", \"title\": \"Lessons learned\", "
		"\"body\": \"Africa.\"},"
		"{\"type\": \"lesson\", \"country\": \"KE\", \"title\": \"Lessons learned\", "
		"\"body\": \"Kenya.\"}]}";
	static const char two[] =
		"{\"format\": \"ccrepo-bundle\", \"version\": 1, \"records\": ["
		"{\"type\": \"lesson\", \"region\": \"142\", \"title\": \"Lessons learned\", "
		"\"body\": \"Asia.\"},"
		"{\"type\": \"lesson\", \"country\": \"NG\", \"title\": \"Lessons learned\", "
		"\"body\": \"Nigeria.\"},"
		"{\"type\": \"lesson\", \"country\": \"KE\", \"title\": \"Lessons learned\", "
		"\"body\": \"Kenya, revised.\"}]}";
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct record_query q = { REC_LESSON, NULL, -1, NULL, 0, 0, 0, 0 };
	struct lesson *ls;
	size_t n;
	struct err e;
	int africa = 0, asia = 0, kenya = 0, nigeria = 0;

	(void)state;
	if (import_text(s, one, strlen(one), NULL, &e))
		print_error("%s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	if (import_text(s, two, strlen(two), NULL, &e))
		print_error("%s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	assert_int_equal(lesson_list(s, p, &q, &ls, &n, NULL), ERR_OK);
	for (size_t i = 0; i < n; i++) {
		const char *b = ls[i].body;

		africa += !strcmp(b, "Africa.") && !strcmp(ls[i].rec.region, "002");
		asia += !strcmp(b, "Asia.") && !strcmp(ls[i].rec.region, "142");
		nigeria += !strcmp(b, "Nigeria.");
		kenya += !strcmp(b, "Kenya, revised.");
	}
	if (n != 4)
		for (size_t i = 0; i < n; i++)
			print_error("lesson %lld: %s/%s \"%s\"\n", ls[i].rec.id,
				    ls[i].rec.country ? ls[i].rec.country : "-",
				    ls[i].rec.region ? ls[i].rec.region : "-", ls[i].body);
	assert_int_equal(kenya, 1);
	assert_int_equal(nigeria, 1);
	assert_int_equal(asia, 1);
	assert_int_equal(africa, 1);
	assert_int_equal(n, 4);
	pool_free(p);
	store_close(s);
}

/* A bundle written by hand, without timestamps: its statuses still hold. */
static void test_status_without_provenance(void **state)
{
	static const char text[] =
		"{\"format\": \"ccrepo-bundle\", \"version\": 1, \"records\": ["
		"{\"type\": \"lesson\", \"country\": \"KE\", \"title\": \"Published lesson\", "
		"\"body\": \"Text.\", \"status\": \"published\"},"
		"{\"type\": \"case\", \"country\": \"KE\", \"title\": \"Republic v X\", "
		"\"court\": \"High Court\", \"citation\": \"[2020] eKLR 1\", "
		"\"status\": \"submitted\"},"
		"{\"type\": \"legislation\", \"country\": \"KE\", \"title\": \"Act\", "
		"\"status\": \"published\", \"work\": {\"uri\": \"/akn/ke/act/2019/1\"}, "
		"\"expressions\": [{\"language\": \"eng\", \"date\": \"2019-01-01\", "
		"\"provisions\": [{\"eid\": \"sec_1\", \"kind\": \"section\"}]}]}]}";
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct record_query q = { -1, NULL, -1, NULL, 0, 0, 0, 0 };
	struct record *rs;
	size_t n;
	struct err e;

	(void)state;
	if (import_text(s, text, strlen(text), NULL, &e))
		print_error("%s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	assert_int_equal(store_record_list(s, p, &q, &rs, &n, NULL), ERR_OK);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		enum record_status want = rs[i].kind == REC_CASE ? ST_SUBMITTED : ST_PUBLISHED;

		if (rs[i].status != want)
			print_error("%s \"%s\" is %s\n", record_kind_name(rs[i].kind),
				    rs[i].title, record_status_name(rs[i].status));
		assert_int_equal(rs[i].status, want);
	}
	pool_free(p);
	store_close(s);
}

/* ---- errors: nothing stored, the file and the record named ---- */

#define GOOD_LESSON "{\"type\": \"lesson\", \"country\": \"KE\", \"title\": \"Good lesson\", " \
		    "\"body\": \"Text.\"}"
#define GOOD_ACT "{\"type\": \"legislation\", \"country\": \"KE\", \"title\": \"Act\", " \
		 "\"work\": {\"uri\": \"/akn/ke/act/2019/1\", \"type\": \"act\"}, " \
		 "\"expressions\": [{\"language\": \"eng\", \"date\": \"2019-01-01\", " \
		 "\"provisions\": [{\"eid\": \"sec_1\", \"kind\": \"section\", " \
		 "\"heading\": \"Unauthorised access\"}]}], " \
		 "\"mappings\": [{\"eid\": \"sec_1\", \"article\": \"un-cc/7\", " \
		 "\"state\": \"accepted\", \"extent\": \"full\"}]}"
#define ACT_WITH(provisions, mappings) \
	"{\"type\": \"legislation\", \"country\": \"KE\", \"title\": \"Bad act\", " \
	"\"work\": {\"uri\": \"/akn/ke/act/2019/2\"}, \"expressions\": [{\"language\": " \
	"\"eng\", \"date\": \"2019-01-01\", \"provisions\": " provisions "}], " \
	"\"mappings\": " mappings "}"
#define BUNDLE(records) "{\"format\": \"ccrepo-bundle\", \"version\": 1, \"records\": [" \
			records "]}"

/* Import text into s: refused with code (0: any), a message naming the origin and,
 * when record is non-NULL, that record; nothing stored. */
static void expect_refused(struct store *s, const char *text, size_t len, int code,
			   const char *record)
{
	struct bundle_counts c;
	size_t before = fixture_count(s, -1), exprs, provs, maps;
	struct err e;
	int rc = import_text(s, text, len, &c, &e);

	if (rc == ERR_OK || (code && rc != code) || !strstr(e.msg, ORIGIN) ||
	    (record && !strstr(e.msg, record)))
		print_error("rc %d (%s) for:\n%.300s\n", rc, e.msg, text);
	assert_int_not_equal(rc, ERR_OK);
	assert_int_equal(e.code, rc);
	if (code)
		assert_int_equal(rc, code);
	assert_non_null(strstr(e.msg, ORIGIN));
	if (record)
		assert_non_null(strstr(e.msg, record));
	assert_int_equal(fixture_count(s, -1), before);
	count_parts(s, &exprs, &provs, &maps);
	assert_int_equal(exprs, 0);
	assert_int_equal(maps, 0);
}

static void test_errors(void **state)
{
	static const char *const bad_second[] = {
		/* no type */
		BUNDLE(GOOD_LESSON ", {\"country\": \"KE\", \"title\": \"T\", \"body\": \"x\"}"),
		/* an unknown type, not an object, a type that is not a string */
		BUNDLE(GOOD_LESSON ", {\"type\": \"statute\", \"country\": \"KE\", \"title\": "
		       "\"T\"}"),
		BUNDLE(GOOD_LESSON ", 42"),
		BUNDLE(GOOD_LESSON ", {\"type\": 1, \"country\": \"KE\", \"title\": \"T\"}"),
		/* an unknown status, a bad country, a bad TLP */
		BUNDLE(GOOD_LESSON ", {\"type\": \"lesson\", \"country\": \"KE\", \"title\": "
		       "\"T\", \"body\": \"x\", \"status\": \"approved\"}"),
		BUNDLE(GOOD_LESSON ", {\"type\": \"lesson\", \"country\": \"XX\", \"title\": "
		       "\"T\", \"body\": \"x\"}"),
		BUNDLE(GOOD_LESSON ", {\"type\": \"lesson\", \"country\": \"KE\", \"title\": "
		       "\"T\", \"body\": \"x\", \"tlp\": \"WHITE\"}"),
		/* a case without a court */
		BUNDLE(GOOD_LESSON ", {\"type\": \"case\", \"country\": \"KE\", \"title\": "
		       "\"T\"}"),
		/* a provision without eid, without kind; provisions not an array */
		BUNDLE(GOOD_LESSON ", " ACT_WITH("[{\"kind\": \"section\", \"text\": \"x\"}]",
						 "[]")),
		BUNDLE(GOOD_LESSON ", " ACT_WITH("[{\"eid\": \"sec_1\"}]", "[]")),
		BUNDLE(GOOD_LESSON ", " ACT_WITH("{\"eid\": \"sec_1\"}", "[]")),
		/* a mapping to an article that does not exist, to an unknown eid */
		BUNDLE(GOOD_LESSON ", " ACT_WITH("[{\"eid\": \"sec_1\", \"kind\": \"section\"}]",
						 "[{\"eid\": \"sec_1\", \"article\": \"un-cc/999\", "
						 "\"state\": \"accepted\", \"extent\": \"full\"}]")),
		BUNDLE(GOOD_LESSON ", " ACT_WITH("[{\"eid\": \"sec_1\", \"kind\": \"section\"}]",
						 "[{\"eid\": \"sec_9\", \"article\": \"un-cc/7\", "
						 "\"state\": \"accepted\", \"extent\": \"full\"}]")),
		BUNDLE(GOOD_LESSON ", " ACT_WITH("[{\"eid\": \"sec_1\", \"kind\": \"section\"}]",
						 "[{\"eid\": \"sec_1\", \"article\": \"7\"}]")),
		/* a legislation record first: its savepoint is undone too */
		BUNDLE(GOOD_ACT ", {\"type\": \"lesson\", \"country\": \"KE\"}"),
	};
	static const char *const bad_file[] = {
		"not JSON {",
		"",
		"[]",
		"{\"format\": \"other\", \"version\": 1, \"records\": [" GOOD_LESSON "]}",
		"{\"version\": 1, \"records\": [" GOOD_LESSON "]}",
		"{\"format\": \"ccrepo-bundle\", \"version\": 2, \"records\": [" GOOD_LESSON "]}",
		"{\"format\": \"ccrepo-bundle\", \"version\": \"1\", \"records\": [" GOOD_LESSON
		"]}",
		"{\"format\": \"ccrepo-bundle\", \"records\": [" GOOD_LESSON "]}",
		"{\"format\": \"ccrepo-bundle\", \"version\": 1, \"records\": {}}",
		"{\"format\": \"ccrepo-bundle\", \"format\": \"ccrepo-bundle\", \"version\": 1, "
		"\"records\": []}",
		/* a string with a NUL in the second record (refused by the parser, which
		 * names the line and column) */
		BUNDLE(GOOD_LESSON ", {\"type\": \"lesson\", \"country\": \"KE\", \"title\": "
		       "\"A\\u0000B\", \"body\": \"x\"}"),
		BUNDLE(GOOD_LESSON ", " ACT_WITH("[{\"eid\": \"sec_1\", \"kind\": \"section\", "
						 "\"text\": \"a\\u0000b\"}]", "[]")),
		/* invalid UTF-8 in the second record */
		BUNDLE(GOOD_LESSON ", {\"type\": \"lesson\", \"country\": \"KE\", \"title\": "
		       "\"Bad \xff\xfe\", \"body\": \"x\"}"),
		BUNDLE(GOOD_LESSON ", {\"type\": \"lesson\", \"country\": \"KE\", \"title\": "
		       "\"Overlong \xc0\xaf\", \"body\": \"x\"}"),
	};
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	struct sbuf deep = SBUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(bad_second) / sizeof(bad_second[0]); i++)
		expect_refused(s, bad_second[i], strlen(bad_second[i]), 0, "record 2");
	for (size_t i = 0; i < sizeof(bad_file) / sizeof(bad_file[0]); i++)
		expect_refused(s, bad_file[i], strlen(bad_file[i]), ERR_INVALID, NULL);
	/* a NUL byte in the file itself */
	expect_refused(s, BUNDLE(GOOD_LESSON) "\0", sizeof(BUNDLE(GOOD_LESSON)), 0, NULL);

	/* provisions nested 70 deep */
	sbuf_adds(&deep, "{\"format\": \"ccrepo-bundle\", \"version\": 1, \"records\": ["
		  GOOD_LESSON ", {\"type\": \"legislation\", \"country\": \"KE\", \"title\": "
		  "\"Deep\", \"work\": {\"uri\": \"/akn/ke/act/2019/3\"}, \"expressions\": "
		  "[{\"language\": \"eng\", \"date\": \"2019-01-01\", \"provisions\": ");
	for (int i = 0; i < 70; i++)
		sbuf_addf(&deep, "[{\"eid\": \"p%d\", \"kind\": \"paragraph\", \"children\": ", i);
	sbuf_adds(&deep, "[]");
	for (int i = 0; i < 70; i++)
		sbuf_adds(&deep, "}]");
	sbuf_adds(&deep, "}]}]}");
	expect_refused(s, deep.buf, deep.len, ERR_TOOLARGE, "record 2");

	/* and the good parts alone go in */
	{
		static const char good[] = BUNDLE(GOOD_LESSON ", " GOOD_ACT);
		struct bundle_counts c;
		struct err e;

		if (import_text(s, good, strlen(good), &c, &e))
			print_error("%s\n", e.msg);
		assert_int_equal(e.code, ERR_OK);
		check_counts(&c, 1, 0, 1, 1, 1, 1);
		assert_int_equal(fixture_count(s, -1), 2);
	}
	sbuf_release(&deep);
	store_close(s);
}

/* Nested at most 64 deep: a tree just within the limit goes in whole. */
static void test_deep_within_limit(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct sbuf sb = SBUF_INIT;
	struct bundle_counts c;
	struct work *w;
	struct expression *x;
	struct provision *pv;
	size_t n;
	struct err e;
	const int depth = 64;

	(void)state;
	sbuf_adds(&sb, BUNDLE("{\"type\": \"legislation\", \"country\": \"KE\", \"title\": "
			      "\"Deep\", \"work\": {\"uri\": \"/akn/ke/act/2019/3\"}, "
			      "\"expressions\": [{\"language\": \"eng\", \"date\": "
			      "\"2019-01-01\", \"provisions\": "));
	sb.len -= 2;	/* drop "]}" to go on */
	for (int i = 0; i < depth; i++)
		sbuf_addf(&sb, "[{\"eid\": \"p%d\", \"kind\": \"paragraph\", \"children\": ", i);
	sbuf_adds(&sb, "[]");
	for (int i = 0; i < depth; i++)
		sbuf_adds(&sb, "}]");
	sbuf_adds(&sb, "}]}]}");
	if (import_text(s, sb.buf, sb.len, &c, &e))
		print_error("%s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	assert_int_equal(c.provisions, depth);
	assert_int_equal(legislation_get(s, p, "/akn/ke/act/2019/3", &w, NULL), ERR_OK);
	assert_int_equal(legislation_as_of(s, p, w->rec.id, NULL, NULL, &x, NULL), ERR_OK);
	assert_int_equal(legislation_provisions(s, p, x->id, &pv, &n, NULL), ERR_OK);
	assert_int_equal(n, depth);
	assert_int_equal(pv[depth - 1].depth, depth - 1);
	assert_int_equal(pv[depth - 1].parent_id, pv[depth - 2].id);
	sbuf_release(&sb);
	pool_free(p);
	store_close(s);
}

/* ---- access ---- */

static void test_export_remote(void **state)
{
	struct store *a = make_source();
	struct bundle_counts c;
	char *text;
	json_t *root, *rec;
	size_t i;

	(void)state;
	text = export_text(a, &fixture_visitor, &c);
	/* the published CLEAR act, case and two lessons; not the judgment (a draft), the
	 * draft lesson or the AMBER one */
	check_counts(&c, 1, 1, 2, 2, 13, 4);
	assert_null(strstr(text, "Draft notes on cloud evidence"));
	assert_null(strstr(text, "Sensitive operation debrief"));
	assert_null(strstr(text, "Fourway Haulage"));
	assert_non_null(strstr(text, "Seizing phones"));
	assert_non_null(strstr(text, "Mutual legal assistance in Africa"));
	root = json_loads(text, 0, NULL);
	assert_non_null(root);
	assert_int_equal(json_array_size(json_object_get(root, "records")), 4);
	json_array_foreach(json_object_get(root, "records"), i, rec) {
		assert_string_equal(json_string_value(json_object_get(rec, "status")), "published");
		assert_string_equal(json_string_value(json_object_get(rec, "tlp")), "CLEAR");
	}
	json_decref(root);
	free(text);

	/* nor may a remote actor import */
	{
		static const char good[] = BUNDLE(GOOD_LESSON);
		size_t before = fixture_count(a, -1);
		struct err e;

		err_clear(&e);
		assert_int_not_equal(bundle_import(a, &fixture_visitor, good, strlen(good), ORIGIN, NULL, &e),
				     ERR_OK);
		assert_int_equal(e.code, ERR_FORBIDDEN);
		assert_int_equal(fixture_count(a, -1), before);
	}
	store_close(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_round_trip_fields),
		cmocka_unit_test(test_lesson_place_match),
		cmocka_unit_test(test_status_without_provenance),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_deep_within_limit),
		cmocka_unit_test(test_export_remote),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
