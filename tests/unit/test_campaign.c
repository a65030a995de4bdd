/* Tests of domain/campaign and its CSV (export/campaign_csv.c): opening (checks,
 * who is asked, permissions), answering (values checked per kind, the revision
 * check, submit's completeness, the days, return, accept, reopen), who reads what,
 * tracking and lateness, aggregates (only accepted GREEN/CLEAR, hidden below
 * CAMP_AGG_MIN, published), the CSV round trip and its row errors, progress, and the
 * audit of every step. On temporary databases with the real reference data; skipped
 * without iso-codes. */
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
#include "domain/limits.h"
#include "domain/questionnaire.h"
#include "domain/user.h"
#include "store/store.h"

/* e, cleared: err_set keeps the first message, and each call here is checked alone */
#define E (err_clear(&e), &e)

/* One question of each kind; l.stage and c.ev (evidence required) in "legal",
 * p.* in "procedural". */
static const char *const tmpl_json =
	"{\"id\": \"t\", \"version\": %d, \"title\": \"T\", \"dimensions\": ["
	"{\"id\": \"legal\", \"questions\": ["
	"{\"id\": \"l.stage\", \"kind\": \"stage\", \"text\": \"How far?\", \"stages\": "
	"[\"s1\", \"s2\", \"s3\", \"s4\", \"s5\"]},"
	"{\"id\": \"c.ev\", \"kind\": \"yes_partly_no\", \"text\": \"Unit?\", "
	"\"evidence\": \"required\"}]},"
	"{\"id\": \"procedural\", \"questions\": ["
	"{\"id\": \"p.stage\", \"kind\": \"stage\", \"text\": {\"en\": \"Powers?\", "
	"\"fr\": \"Pouvoirs ?\"}, \"stages\": [\"s1\", \"s2\", \"s3\", \"s4\", \"s5\"]},"
	"{\"id\": \"p.num\", \"kind\": \"number\", \"text\": \"How many?\", \"min\": 0, "
	"\"max\": 1000},"
	"{\"id\": \"p.choice\", \"kind\": \"choice\", \"text\": \"Which?\", \"options\": "
	"[{\"id\": \"a\", \"text\": \"A\"}, {\"id\": \"b\", \"text\": \"B\"}]},"
	"{\"id\": \"p.text\", \"kind\": \"text\", \"text\": \"Say, \\\"more\\\"\", "
	"\"evidence\": \"optional\"}]}]}";

struct world {
	struct store *s;
	pool *p;
	struct actor cur, ke, ke2, ng, rd;
};

static void world_make(struct world *w)
{
	struct err e = { 0 };
	char json[4096];

	w->s = fixture_db(NULL, FIX_REFDATA);
	w->p = pool_new();
	w->cur = fixture_actor(w->s, "cora", ROLE_CURATOR, "UNODC", NULL);
	w->ke = fixture_actor(w->s, "kamau", ROLE_FOCAL_POINT, "KE-MoICT", "KE");
	w->ke2 = fixture_actor(w->s, "wanjiru", ROLE_FOCAL_POINT, "KE-ODPP", "KE");
	w->ng = fixture_actor(w->s, "ada", ROLE_FOCAL_POINT, "NG-NITDA", "NG");
	w->rd = fixture_actor(w->s, "rita", ROLE_READER, "UNODC", NULL);
	snprintf(json, sizeof(json), tmpl_json, 1);
	if (qn_import(w->s, w->p, &w->cur, json, strlen(json), 1, NULL, E))
		fail_msg("template: %s", e.msg);
}

static void world_free(struct world *w)
{
	pool_free(w->p);
	store_close(w->s);
}

/* The day n days from today, YYYY-MM-DD, in p. */
static const char *day_in(pool *p, long n)
{
	char d[11];
	time_t t = time(NULL) + n * 86400;

	strftime(d, sizeof(d), "%Y-%m-%d", gmtime(&t));
	return pool_strdup(p, d);
}

/* A campaign of template t@1 for the listed countries, open from today for 60 days. */
static long long campaign(struct world *w, const char *const *codes, size_t n)
{
	struct camp_open in = { .title = "Round", .template_ref = "t",
				.deadline = day_in(w->p, 60), .countries = codes,
				.ncountries = n };
	struct err e = { 0 };
	long long id = 0;

	if (camp_open(w->s, w->p, &w->cur, &in, &id, E))
		fail_msg("open: %s", e.msg);
	return id;
}

/* A complete answer of stage st. */
static void complete(struct camp_value v[6], const char *st)
{
	v[0] = (struct camp_value){ "l.stage", st, NULL };
	v[1] = (struct camp_value){ "c.ev", "partly", "https://example.org/law" };
	v[2] = (struct camp_value){ "p.stage", st, NULL };
	v[3] = (struct camp_value){ "p.num", "12.5", NULL };
	v[4] = (struct camp_value){ "p.choice", "b", NULL };
	v[5] = (struct camp_value){ "p.text", "=SUM(A1), said \"we\"", "/records/1" };
}

static size_t audits(struct world *w, const char *action)
{
	struct audit_filter f = { .action = action };
	struct audit_entry *en;
	size_t n;
	struct err e = { 0 };

	assert_int_equal(audit_list(w->s, w->p, &f, 1000, 0, &en, &n, E), ERR_OK);
	return n;
}

/* Opening: every check names its field; who is asked; only curators. */
static void test_open(void **state)
{
	struct world w;
	struct err e = { 0 };
	const char *two[] = { "KE", "nga" }, *dup[] = { "KE", "KEN" }, *bad[] = { "XX" };
	struct camp_open in = { .title = "R", .template_ref = "t@1", .deadline = "2099-01-01" };
	struct campaign *c;
	long long id;

	(void)state;
	world_make(&w);
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_INVALID);
	assert_true(!strncmp(e.msg, "deadline:", 9));	/* too far from today */
	in.opens_on = "2098-06-01";
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_INVALID);
	if (strncmp(e.msg, "countries: no country is asked", 30)) fail_msg("%s", e.msg);
	in.countries = bad;
	in.ncountries = 1;
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_INVALID);
	assert_true(!strncmp(e.msg, "countries:", 10));
	in.countries = dup;
	in.ncountries = 2;
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_INVALID);
	assert_non_null(strstr(e.msg, "twice"));
	in.countries = two;
	in.all = 1;
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_INVALID);
	in.all = 0;
	in.deadline = "2098-05-31";
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_INVALID);
	assert_true(!strncmp(e.msg, "deadline:", 9));
	in.deadline = "2098-13-01";
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_INVALID);
	in.deadline = "2099-01-01";
	in.template_ref = "nope";
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_INVALID);
	assert_true(!strncmp(e.msg, "template:", 9));
	in.template_ref = "t";
	in.title = "";
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_INVALID);
	assert_true(!strncmp(e.msg, "title:", 6));
	in.title = " \t ";
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_INVALID);
	in.title = "R";
	/* a past deadline: the command line only (a past round) */
	in.opens_on = "2020-01-01";
	in.deadline = "2020-03-01";
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_INVALID);
	assert_int_equal(camp_open(w.s, w.p, &fixture_local, &in, &id, E), ERR_OK);
	in.opens_on = "2098-06-01";
	in.deadline = "2099-01-01";
	assert_int_equal(camp_open(w.s, w.p, &w.ke, &in, &id, E), ERR_FORBIDDEN);
	assert_int_equal(camp_open(w.s, w.p, NULL, &in, &id, E), ERR_FORBIDDEN);
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_OK);
	assert_int_equal(camp_get(w.s, w.p, id, &c, E), ERR_OK);
	assert_int_equal(c->ncountries, 2);
	assert_int_equal(c->count[CAMP_NOT_STARTED], 2);
	assert_string_equal(c->scope, "list");
	/* a region: every country of Eastern Africa (014) */
	in.countries = NULL;
	in.ncountries = 0;
	in.region = "014";
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_OK);
	assert_int_equal(camp_get(w.s, w.p, id, &c, E), ERR_OK);
	assert_true(c->ncountries > 10);
	assert_string_equal(c->scope, "region:014");
	/* all: the 193 member states of the United Nations, by name in the tracking */
	in.region = NULL;
	in.all = 1;
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_OK);
	assert_int_equal(camp_get(w.s, w.p, id, &c, E), ERR_OK);
	assert_int_equal(c->ncountries, 193);
	{
		struct camp_answer *x;
		size_t n;

		assert_int_equal(camp_tracking(w.s, w.p, &w.cur, id, NULL, &x, &n, E), ERR_OK);
		assert_int_equal(n, 193);
		assert_string_equal(x[0].country, "AF");	/* Afghanistan */
		assert_string_equal(x[1].country, "AL");	/* Albania */
		for (size_t i = 0; i < n; i++)
			assert_string_not_equal(x[i].country, "AQ");
	}
	in.all = 0;
	in.region = "999";
	assert_int_equal(camp_open(w.s, w.p, &w.cur, &in, &id, E), ERR_INVALID);
	assert_true(!strncmp(e.msg, "region:", 7));
	assert_int_equal(audits(&w, "campaign.open"), 4);
	world_free(&w);
}

/* Values per kind. */
static void test_values(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct campaign *c;
	struct qn_template *t;
	const char *ke[] = { "KE" };
	const struct qn_question *st, *yn, *num, *ch, *tx;

	(void)state;
	world_make(&w);
	assert_int_equal(camp_template(w.s, w.p, campaign(&w, ke, 1), &c, &t, E), ERR_OK);
	st = &t->questions[0];
	yn = &t->questions[1];
	num = &t->questions[3];
	ch = &t->questions[4];
	tx = &t->questions[5];
	assert_int_equal(camp_value_check(st, "3", NULL, E), ERR_OK);
	assert_int_equal(camp_value_check(st, "", NULL, E), ERR_OK);
	assert_int_equal(camp_value_check(st, "6", NULL, E), ERR_INVALID);
	assert_true(!strncmp(e.msg, "l.stage: '6' is not a stage", 27));
	assert_int_equal(camp_value_check(st, "0", NULL, E), ERR_INVALID);
	assert_int_equal(camp_value_check(st, "33", NULL, E), ERR_INVALID);
	assert_int_equal(camp_value_check(st, "3", "a note", E), ERR_INVALID);	/* none */
	assert_int_equal(camp_value_check(yn, "partly", "x", E), ERR_OK);
	assert_int_equal(camp_value_check(yn, "maybe", NULL, E), ERR_INVALID);
	assert_int_equal(camp_value_check(num, "1000", NULL, E), ERR_OK);
	assert_int_equal(camp_value_check(num, "-1", NULL, E), ERR_INVALID);
	assert_int_equal(camp_value_check(num, "1e9", NULL, E), ERR_INVALID);
	assert_int_equal(camp_value_check(num, "12abc", NULL, E), ERR_INVALID);
	assert_int_equal(camp_value_check(num, "nan", NULL, E), ERR_INVALID);
	assert_int_equal(camp_value_check(num, "0x10", NULL, E), ERR_INVALID);
	assert_int_equal(camp_value_check(num, " 12", NULL, E), ERR_INVALID);
	assert_int_equal(camp_value_check(num, "--1", NULL, E), ERR_INVALID);
	assert_int_equal(camp_value_check(num, "+12.5", NULL, E), ERR_OK);
	assert_int_equal(camp_value_check(num, "1e2", NULL, E), ERR_OK);
	assert_int_equal(camp_value_check(ch, "b", NULL, E), ERR_OK);
	assert_int_equal(camp_value_check(ch, "c", NULL, E), ERR_INVALID);
	assert_int_equal(camp_value_check(tx, "anything at all", NULL, E), ERR_OK);
	assert_int_equal(camp_value_check(tx, "\xff\xfe", NULL, E), ERR_INVALID);
	{
		char *big = calloc(1, LIMIT_CAMP_VALUE + 2);

		memset(big, 'a', LIMIT_CAMP_VALUE + 1);
		assert_int_equal(camp_value_check(tx, big, NULL, E), ERR_INVALID);
		big[LIMIT_CAMP_EVIDENCE + 1] = 0;
		assert_int_equal(camp_value_check(tx, "x", big, E), ERR_INVALID);
		free(big);
	}
	world_free(&w);
}

/* The whole path of one answer: save, the revision check, submit, return, accept;
 * who may do what; every step audited. */
static void test_answer_path(void **state)
{
	struct world w;
	struct err e = { 0 };
	const char *codes[] = { "KE", "NG" };
	struct camp_value v[6];
	struct camp_answer *x;
	long long id, rev = 0, rev2;

	(void)state;
	world_make(&w);
	id = campaign(&w, codes, 2);
	complete(v, "2");
	/* NG's focal point, a reader, the public: not KE's answer */
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ng, id, "KE", 0, v, 1, NULL, &rev, E),
			 ERR_NOTFOUND);
	assert_int_equal(camp_answer_save(w.s, w.p, &w.rd, id, "KE", 0, v, 1, NULL, &rev, E),
			 ERR_NOTFOUND);
	assert_int_equal(camp_answer_save(w.s, w.p, NULL, id, "KE", 0, v, 1, NULL, &rev, E),
			 ERR_NOTFOUND);
	/* a country not asked */
	assert_int_equal(camp_answer_save(w.s, w.p, &w.cur, id, "US", 0, v, 1, NULL, &rev, E),
			 ERR_NOTFOUND);
	/* a draft of one value, by one of KE's focal points */
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ke, id, "KE", 0, v, 1, NULL, &rev, E),
			 ERR_OK);
	assert_int_equal(rev, 1);
	/* the other works from revision 0: refused, nothing stored */
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ke2, id, "KE", 0, v + 1, 1, "CLEAR",
					  &rev2, E), ERR_CONFLICT);
	if (!strstr(e.msg, "revision 1")) fail_msg("%s", e.msg);
	assert_int_equal(camp_answer_get(w.s, w.p, &w.ke2, id, "KE", &x, E), ERR_OK);
	assert_int_equal(x->status, CAMP_DRAFT);
	assert_int_equal(x->nvalues, 1);
	assert_string_equal(x->tlp, "GREEN");
	/* an unknown question, a bad value: nothing stored, revision unchanged */
	{
		struct camp_value bad[2] = { { "p.num", "5", NULL }, { "zz", "1", NULL } };

		assert_int_equal(camp_answer_save(w.s, w.p, &w.ke2, id, "KE", 1, bad, 2, NULL,
						  &rev2, E), ERR_INVALID);
		assert_true(!strncmp(e.msg, "zz: no such question in t@1", 27));
		bad[1] = (struct camp_value){ "p.stage", "9", NULL };
		assert_int_equal(camp_answer_save(w.s, w.p, &w.ke2, id, "KE", 1, bad, 2, NULL,
						  &rev2, E), ERR_INVALID);
		bad[1] = (struct camp_value){ "p.num", "6", NULL };
		assert_int_equal(camp_answer_save(w.s, w.p, &w.ke2, id, "KE", 1, bad, 2, NULL,
						  &rev2, E), ERR_INVALID);
		assert_non_null(strstr(e.msg, "twice"));
		assert_int_equal(camp_answer_save(w.s, w.p, &w.ke2, id, "KE", 1, bad, 1, "PINK",
						  &rev2, E), ERR_INVALID);
		assert_int_equal(camp_answer_get(w.s, w.p, &w.ke, id, "KE", &x, E), ERR_OK);
		assert_int_equal(x->revision, 1);
		assert_int_equal(x->nvalues, 1);
	}
	/* submit an incomplete answer: names the first question without one */
	assert_int_equal(camp_answer_submit(w.s, w.p, &w.ke, id, "KE", 1, E), ERR_INVALID);
	assert_string_equal(e.msg, "c.ev: has no answer");
	/* evidence required */
	v[1].evidence = NULL;
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ke2, id, "KE", 1, v, 6, NULL, &rev, E),
			 ERR_OK);
	assert_int_equal(camp_answer_submit(w.s, w.p, &w.ke, id, "KE", rev, E), ERR_INVALID);
	assert_string_equal(e.msg, "c.ev: needs evidence");
	v[1].evidence = "https://example.org/law";
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ke2, id, "KE", rev, v + 1, 1, NULL, &rev,
					  E), ERR_OK);
	/* clearing a value with "" */
	{
		struct camp_value clr = { "p.text", "", NULL };

		assert_int_equal(camp_answer_save(w.s, w.p, &w.ke, id, "KE", rev, &clr, 1, NULL,
						  &rev, E), ERR_OK);
		assert_int_equal(camp_answer_get(w.s, w.p, &w.ke, id, "KE", &x, E), ERR_OK);
		assert_int_equal(x->nvalues, 5);
		/* in template order */
		assert_string_equal(x->values[0].question, "l.stage");
		assert_string_equal(x->values[4].question, "p.choice");
	}
	/* text is optional: submit; curators only return or accept */
	assert_int_equal(camp_answer_submit(w.s, w.p, &w.ke, id, "KE", rev - 1, E),
			 ERR_CONFLICT);
	assert_int_equal(camp_answer_submit(w.s, w.p, &w.ke, id, "KE", rev, E), ERR_OK);
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ke, id, "KE", rev + 1, v, 1, NULL, &rev2,
					  E), ERR_CONFLICT);
	assert_int_equal(camp_answer_accept(w.s, &w.ke, id, "KE", E), ERR_FORBIDDEN);
	assert_int_equal(camp_answer_return(w.s, &w.cur, id, "KE", "", E), ERR_INVALID);
	assert_int_equal(camp_answer_return(w.s, &w.cur, id, "KE", "Explain p.num", E), ERR_OK);
	assert_int_equal(camp_answer_accept(w.s, &w.cur, id, "KE", E), ERR_CONFLICT);
	assert_int_equal(camp_answer_get(w.s, w.p, &w.ke, id, "KE", &x, E), ERR_OK);
	assert_int_equal(x->status, CAMP_RETURNED);
	assert_string_equal(x->comment, "Explain p.num");
	/* returned stays returned while edited, then is submitted again and accepted */
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ke, id, "KE", x->revision, v + 5, 1,
					  NULL, &rev, E), ERR_OK);
	assert_int_equal(camp_answer_get(w.s, w.p, &w.ke, id, "KE", &x, E), ERR_OK);
	assert_int_equal(x->status, CAMP_RETURNED);
	assert_int_equal(camp_answer_submit(w.s, w.p, &w.ke, id, "KE", rev, E), ERR_OK);
	assert_int_equal(camp_answer_accept(w.s, &w.cur, id, "KE", E), ERR_OK);
	assert_int_equal(camp_answer_get(w.s, w.p, &w.ke, id, "KE", &x, E), ERR_OK);
	assert_int_equal(x->status, CAMP_ACCEPTED);
	assert_non_null(x->accepted_at);
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ke, id, "KE", x->revision, v, 1, NULL,
					  &rev, E), ERR_CONFLICT);
	/* a reopening makes an accepted answer returned */
	assert_int_equal(camp_reopen(w.s, &w.ke, id, "KE", "2099-01-01", E), ERR_FORBIDDEN);
	assert_int_equal(camp_reopen(w.s, &w.cur, id, "KE", "2001-01-01", E), ERR_INVALID);
	assert_int_equal(camp_reopen(w.s, &w.cur, id, "KE", day_in(w.p, 90), E), ERR_OK);
	assert_int_equal(camp_answer_get(w.s, w.p, &w.ke, id, "KE", &x, E), ERR_OK);
	assert_int_equal(x->status, CAMP_RETURNED);
	assert_int_equal(audits(&w, "answer.save"), 5);
	assert_int_equal(audits(&w, "answer.submit"), 2);
	assert_int_equal(audits(&w, "answer.return"), 1);
	assert_int_equal(audits(&w, "answer.accept"), 1);
	assert_int_equal(audits(&w, "answer.reopen"), 1);
	world_free(&w);
}

/* Who reads an answer and the tracking; lateness; the days of a past round. */
static void test_reading(void **state)
{
	struct world w;
	struct err e = { 0 };
	const char *codes[] = { "KE", "NG" };
	struct camp_value v[6];
	struct camp_answer *x;
	struct campaign *list;
	struct sbuf b;
	int *status;
	size_t n;
	long long id, past, rev;
	struct camp_open in = { .title = "2020 round", .template_ref = "t",
				.opens_on = "2020-01-01", .deadline = "2020-03-01",
				.countries = codes, .ncountries = 2 };

	(void)state;
	world_make(&w);
	id = campaign(&w, codes, 2);
	complete(v, "3");
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ke, id, "KE", 0, v, 6, NULL, &rev, E),
			 ERR_OK);
	assert_int_equal(camp_answer_submit(w.s, w.p, &w.ke, id, "KE", rev, E), ERR_OK);
	assert_int_equal(camp_answer_accept(w.s, &w.cur, id, "KE", E), ERR_OK);
	/* GREEN: KE's focal points and curators only */
	assert_int_equal(camp_answer_get(w.s, w.p, &w.ke2, id, "KE", &x, E), ERR_OK);
	assert_int_equal(camp_answer_get(w.s, w.p, &w.cur, id, "KE", &x, E), ERR_OK);
	assert_int_equal(camp_answer_get(w.s, w.p, &w.ng, id, "KE", &x, E), ERR_NOTFOUND);
	assert_int_equal(camp_answer_get(w.s, w.p, &w.rd, id, "KE", &x, E), ERR_NOTFOUND);
	assert_int_equal(camp_answer_get(w.s, w.p, NULL, id, "KE", &x, E), ERR_NOTFOUND);
	/* the tracking: curators only */
	assert_int_equal(camp_tracking(w.s, w.p, &w.ke, id, NULL, &x, &n, E), ERR_FORBIDDEN);
	assert_int_equal(camp_tracking(w.s, w.p, NULL, id, NULL, &x, &n, E), ERR_FORBIDDEN);
	assert_int_equal(camp_tracking(w.s, w.p, &w.cur, id, NULL, &x, &n, E), ERR_OK);
	assert_int_equal(n, 2);
	assert_false(x[0].late || x[1].late);
	/* a day after the deadline: NG late, KE not */
	assert_int_equal(camp_tracking(w.s, w.p, &w.cur, id, "2099-12-31", &x, &n, E), ERR_OK);
	assert_string_equal(x[0].country, "KE");
	assert_false(x[0].late);
	assert_true(x[1].late);
	/* the status in a country's list: its own focal points, not others */
	assert_int_equal(camp_of_country(w.s, w.p, &w.ke, "KE", &list, &status, &n, E), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(status[0], CAMP_ACCEPTED);
	assert_int_equal(camp_of_country(w.s, w.p, &w.ng, "KE", &list, &status, &n, E), ERR_OK);
	assert_int_equal(status[0], -1);
	assert_int_equal(camp_open_for(w.s, w.p, &w.ng, &list, &n, E), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(camp_open_for(w.s, w.p, &w.rd, &list, &n, E), ERR_OK);
	assert_int_equal(n, 0);
	/* reminders: NG, not KE */
	sbuf_init(&b);
	assert_int_equal(camp_reminders(w.s, w.p, &w.ng, id, &b, E), ERR_FORBIDDEN);
	assert_int_equal(camp_reminders(w.s, w.p, &w.cur, id, &b, E), ERR_OK);
	assert_non_null(strstr(sbuf_str(&b), "Nigeria\tnot started"));
	assert_null(strstr(sbuf_str(&b), "Kenya"));
	sbuf_release(&b);
	/* CLEAR and accepted: everybody reads it */
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ng, id, "NG", 0, v, 6, "CLEAR", &rev, E),
			 ERR_OK);
	assert_int_equal(camp_answer_get(w.s, w.p, NULL, id, "NG", &x, E), ERR_NOTFOUND);
	assert_int_equal(camp_answer_submit(w.s, w.p, &w.ng, id, "NG", rev, E), ERR_OK);
	assert_int_equal(camp_answer_get(w.s, w.p, NULL, id, "NG", &x, E), ERR_NOTFOUND);
	assert_int_equal(camp_answer_accept(w.s, &w.cur, id, "NG", E), ERR_OK);
	assert_int_equal(camp_answer_get(w.s, w.p, NULL, id, "NG", &x, E), ERR_OK);
	assert_int_equal(x->nvalues, 6);
	assert_int_equal(camp_answer_get(w.s, w.p, &w.ke, id, "NG", &x, E), ERR_OK);
	/* a past round: after its deadline nobody but the command line writes, until a
	 * curator reopens */
	assert_int_equal(camp_open(w.s, w.p, &fixture_local, &in, &past, E), ERR_OK);
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ke, past, "KE", 0, v, 6, NULL, &rev, E),
			 ERR_CONFLICT);
	if (!strstr(e.msg, "closed on 2020-03-01")) fail_msg("%s", e.msg);
	assert_int_equal(camp_answer_save(w.s, w.p, &fixture_local, past, "NG", 0, v, 6, NULL,
					  &rev, E), ERR_OK);
	assert_int_equal(camp_reopen(w.s, &w.cur, past, "KE", day_in(w.p, 2), E), ERR_OK);
	if (camp_answer_save(w.s, w.p, &w.ke, past, "KE", 1, v, 6, NULL, &rev, E))
		fail_msg("%s", e.msg);
	assert_int_equal(camp_answer_submit(w.s, w.p, &w.ke, past, "KE", rev, E), ERR_OK);
	assert_int_equal(camp_tracking(w.s, w.p, &w.cur, past, NULL, &x, &n, E), ERR_OK);
	assert_true(x[0].late);		/* KE submitted after the deadline */
	assert_true(x[1].late);		/* NG never submitted */
	world_free(&w);
}

/* Aggregates: accepted GREEN and CLEAR answers only, hidden under CAMP_AGG_MIN,
 * published for everybody. */
static void test_aggregates(void **state)
{
	struct world w;
	struct err e = { 0 };
	const char *codes[] = { "KE", "NG", "GH", "US" };
	const char *stage[] = { "1", "3", "3", "5" };
	const char *tlp[] = { "GREEN", "CLEAR", "GREEN", "AMBER" };
	struct camp_value v[6];
	struct camp_agg *g;
	size_t n;
	long long id, rev;

	(void)state;
	world_make(&w);
	id = campaign(&w, codes, 4);
	for (int i = 0; i < 4; i++) {
		complete(v, stage[i]);
		assert_int_equal(camp_answer_save(w.s, w.p, &fixture_local, id, codes[i], 0, v, 6,
						  tlp[i], &rev, E), ERR_OK);
		assert_int_equal(camp_answer_submit(w.s, w.p, &fixture_local, id, codes[i], rev,
						    E), ERR_OK);
		if (i < 2)
			assert_int_equal(camp_answer_accept(w.s, &w.cur, id, codes[i], E), ERR_OK);
	}
	/* not published: curators only */
	assert_int_equal(camp_aggregates(w.s, w.p, NULL, id, NULL, &g, &n, E), ERR_FORBIDDEN);
	assert_int_equal(camp_aggregates(w.s, w.p, &w.ke, id, NULL, &g, &n, E), ERR_FORBIDDEN);
	assert_int_equal(camp_aggregates(w.s, w.p, &w.cur, id, NULL, &g, &n, E), ERR_OK);
	assert_int_equal(n, 6);
	/* two accepted: too few to show */
	assert_int_equal(g[0].answered, 2);
	assert_false(g[0].shown);
	assert_int_equal(g[0].count[0] + g[0].count[2], 0);
	assert_int_equal(camp_answer_accept(w.s, &w.cur, id, "GH", E), ERR_OK);
	assert_int_equal(camp_answer_accept(w.s, &w.cur, id, "US", E), ERR_OK);	/* AMBER */
	assert_int_equal(camp_publish(w.s, &w.ke, id, E), ERR_FORBIDDEN);
	assert_int_equal(camp_publish(w.s, &w.cur, id, E), ERR_OK);
	assert_int_equal(camp_aggregates(w.s, w.p, NULL, id, NULL, &g, &n, E), ERR_OK);
	assert_int_equal(g[0].answered, 3);	/* not the AMBER one */
	assert_true(g[0].shown);
	assert_int_equal(g[0].count[0], 1);
	assert_int_equal(g[0].count[2], 2);
	assert_int_equal(g[0].count[4], 0);
	assert_int_equal(g[1].count[1], 3);	/* partly */
	assert_true(g[3].median == 12.5 && g[3].min == 12.5);
	assert_int_equal(g[4].count[1], 3);	/* option b */
	assert_int_equal(g[5].answered, 3);	/* text: a count */
	assert_int_equal(audits(&w, "campaign.publish"), 1);
	world_free(&w);
}

/* The CSV: written, filled, read back; every row error names the row and question. */
static void test_csv(void **state)
{
	struct world w;
	struct err e = { 0 };
	const char *ke[] = { "KE" };
	struct campaign *c;
	struct qn_template *t;
	struct camp_answer *x;
	struct camp_value v[6], *got;
	struct sbuf b;
	size_t n;
	long long id, rev, r;
	const char *head = "# ccrepo campaign %lld template t@1 country KE revision 0\r\n"
			   "question,value,evidence\r\n";
	char buf[2048];

	(void)state;
	world_make(&w);
	id = campaign(&w, ke, 1);
	assert_int_equal(camp_template(w.s, w.p, id, &c, &t, E), ERR_OK);
	complete(v, "4");
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ke, id, "KE", 0, v, 6, NULL, &rev, E),
			 ERR_OK);
	assert_int_equal(camp_answer_get(w.s, w.p, &w.ke, id, "KE", &x, E), ERR_OK);
	sbuf_init(&b);
	camp_csv_write(w.p, c, t, "KE", x, LANG_FR, &b);
	assert_non_null(strstr(sbuf_str(&b), "revision 1\r\n"));
	assert_non_null(strstr(sbuf_str(&b), "Pouvoirs ?"));	/* the French text */
	assert_non_null(strstr(sbuf_str(&b), "\"'=SUM(A1), said \"\"we\"\"\""));	/* guard */
	assert_non_null(strstr(sbuf_str(&b), "1|2|3|4|5"));
	assert_non_null(strstr(sbuf_str(&b), "0..1000"));
	/* read back: the same values, the guard taken off, the revision */
	assert_int_equal(camp_csv_read(w.p, c, t, "KE", sbuf_str(&b), b.len, &got, &n, &r, E),
			 ERR_OK);
	assert_int_equal(n, 6);
	assert_int_equal(r, 1);
	assert_string_equal(got[5].value, "=SUM(A1), said \"we\"");
	assert_string_equal(got[5].evidence, "/records/1");
	assert_string_equal(got[0].value, "4");
	sbuf_release(&b);
	/* another country's or campaign's file */
	assert_int_equal(camp_csv_read(w.p, c, t, "NG", sbuf_str(&b), 0, &got, &n, &r, E),
			 ERR_INVALID);	/* empty: no header */
	snprintf(buf, sizeof(buf), head, id);
	assert_int_equal(camp_csv_read(w.p, c, t, "NG", buf, strlen(buf), &got, &n, &r, E),
			 ERR_INVALID);
	if (strncmp(e.msg, "the CSV is for campaign", 23)) fail_msg("%s", e.msg);
	snprintf(buf, sizeof(buf), head, id + 1);
	assert_int_equal(camp_csv_read(w.p, c, t, "KE", buf, strlen(buf), &got, &n, &r, E),
			 ERR_INVALID);
	/* row errors */
	snprintf(buf, sizeof(buf), "\xef\xbb\xbf" "question,value\r\nl.stage, 2 \r\n\r\n"
		 "p.stage,7\r\n");
	assert_int_equal(camp_csv_read(w.p, c, t, "KE", buf, strlen(buf), &got, &n, &r, E),
			 ERR_INVALID);
	assert_string_equal(e.msg, "row 4 (question p.stage): '7' is not a stage from 1 to 5");
	snprintf(buf, sizeof(buf), "question,value\nl.stage,2\nnope,1\n");
	assert_int_equal(camp_csv_read(w.p, c, t, "KE", buf, strlen(buf), &got, &n, &r, E),
			 ERR_INVALID);
	assert_string_equal(e.msg, "row 3 (question nope): no such question in t@1");
	snprintf(buf, sizeof(buf), "question,value\nl.stage,2\nl.stage,3\n");
	assert_int_equal(camp_csv_read(w.p, c, t, "KE", buf, strlen(buf), &got, &n, &r, E),
			 ERR_INVALID);
	assert_string_equal(e.msg, "row 3 (question l.stage): answered twice (also row 2)");
	snprintf(buf, sizeof(buf), "question,value\n\"l.stage,2\n");
	assert_int_equal(camp_csv_read(w.p, c, t, "KE", buf, strlen(buf), &got, &n, &r, E),
			 ERR_INVALID);
	snprintf(buf, sizeof(buf), "kind,text\nstage,x\n");
	assert_int_equal(camp_csv_read(w.p, c, t, "KE", buf, strlen(buf), &got, &n, &r, E),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "header"));
	/* more than LIMIT_CAMP_ROWS rows */
	sbuf_init(&b);
	sbuf_adds(&b, "question,value\n");
	for (int i = 0; i < LIMIT_CAMP_ROWS + 1; i++)
		sbuf_adds(&b, "#\n");
	assert_int_equal(camp_csv_read(w.p, c, t, "KE", sbuf_str(&b), b.len, &got, &n, &r, E),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "more than 10000 rows"));
	sbuf_release(&b);
	world_free(&w);
}

/* Progress: a country's mean stage per dimension in each campaign, oldest first. */
static void test_progress(void **state)
{
	struct world w;
	struct err e = { 0 };
	const char *ke[] = { "KE" };
	struct camp_value v[6];
	struct camp_progress *g;
	struct camp_answer *x;
	struct campaign *c;
	struct qn_template *t;
	size_t n;
	long long a, b, rev;

	(void)state;
	world_make(&w);
	a = campaign(&w, ke, 1);
	b = campaign(&w, ke, 1);
	complete(v, "2");
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ke, a, "KE", 0, v, 6, NULL, &rev, E),
			 ERR_OK);
	assert_int_equal(camp_answer_submit(w.s, w.p, &w.ke, a, "KE", rev, E), ERR_OK);
	complete(v, "4");
	v[2].value = "5";
	assert_int_equal(camp_answer_save(w.s, w.p, &w.ke, b, "KE", 0, v, 6, NULL, &rev, E),
			 ERR_OK);
	assert_int_equal(camp_progress(w.s, w.p, &w.ke, "KE", &g, &n, E), ERR_OK);
	assert_int_equal(n, 1);		/* b is a draft */
	assert_int_equal(camp_answer_submit(w.s, w.p, &w.ke, b, "KE", rev, E), ERR_OK);
	assert_int_equal(camp_progress(w.s, w.p, &w.ke, "KE", &g, &n, E), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(g[0].campaign->id, a);
	assert_true(g[0].mean[0] == 2 && g[1].mean[0] == 4 && g[1].mean[1] == 5);
	assert_int_equal(g[1].answered[1], 1);
	/* others read nothing of a GREEN answer */
	assert_int_equal(camp_progress(w.s, w.p, &w.ng, "KE", &g, &n, E), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(camp_latest_answer(w.s, w.p, &w.ke, "KE", NULL, &x, &c, &t, E), ERR_OK);
	assert_non_null(x);
	assert_int_equal(c->id, b);
	assert_int_equal(camp_latest_answer(w.s, w.p, NULL, "KE", NULL, &x, &c, &t, E), ERR_OK);
	assert_null(x);
	/* carry-over into a third campaign: the unanswered questions from b */
	{
		long long c3 = campaign(&w, ke, 1), r3;
		struct camp_value one = { "p.num", "7", NULL };
		size_t carried;

		assert_int_equal(camp_answer_carry(w.s, w.p, &w.ng, c3, "KE", 0, &carried, &r3,
						   E), ERR_NOTFOUND);
		assert_int_equal(camp_answer_save(w.s, w.p, &w.ke, c3, "KE", 0, &one, 1, NULL,
						  &r3, E), ERR_OK);
		assert_int_equal(camp_answer_carry(w.s, w.p, &w.ke, c3, "KE", r3, &carried, &r3,
						   E), ERR_OK);
		assert_int_equal(carried, 5);	/* not p.num, answered already */
		assert_int_equal(camp_answer_get(w.s, w.p, &w.ke, c3, "KE", &x, E), ERR_OK);
		assert_int_equal(x->nvalues, 6);
		assert_string_equal(x->values[2].value, "5");	/* p.stage from b */
		assert_string_equal(x->values[3].value, "7");	/* p.num kept */
		assert_int_equal(x->status, CAMP_DRAFT);
	}
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_answer_path),
		cmocka_unit_test(test_reading),
		cmocka_unit_test(test_aggregates),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_progress),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
