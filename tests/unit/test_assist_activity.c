/* Tests of the activities and trainings of domain/assist (assist_activity.c, issue
 * 16): who adds an activity and at which stages, the checks naming their fields
 * (dates out of order, mode, language, providers, place), training records (counts
 * by role and gender, the declared total, scores in tenths, the compact form), the
 * attendance list (RED: who reads the names, every read audited, the names never in
 * the log, the limits), the evaluation of an activity (closed stated needs leave the
 * ranked needs; gaps stay), reading as the request is read, and the people trained by
 * request, country and in total. On temporary databases with the real reference data;
 * skipped without iso-codes. */
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
#include "domain/needs.h"
#include "domain/user.h"
#include "store/store.h"

/* e, cleared: err_set keeps the first message, and each call here is checked alone */
#define E (err_clear(&e), &e)

struct world {
	struct store *s;
	pool *p;
	/* a curator, focal points of KE and NG, the provider of the accepted match (CoE),
	 * another provider (Other), a reader */
	struct actor cur, ke, ng, prov, prov2, rd;
};

static void world_make(struct world *w)
{
	w->s = fixture_db(NULL, FIX_REFDATA);
	w->p = pool_new();
	fixture_org(w->s, "CoE", ORG_IMPLEMENTING, NULL);
	fixture_org(w->s, "Other", ORG_IMPLEMENTING, NULL);
	w->cur = fixture_actor(w->s, "cora", ROLE_CURATOR, "UNODC", NULL);
	w->ke = fixture_actor(w->s, "kamau", ROLE_FOCAL_POINT, "KE-MoICT", "KE");
	w->ng = fixture_actor(w->s, "ada", ROLE_FOCAL_POINT, "NG-NITDA", "NG");
	w->prov = fixture_actor(w->s, "pia", ROLE_PROVIDER, "CoE", NULL);
	w->prov2 = fixture_actor(w->s, "otto", ROLE_PROVIDER, "Other", NULL);
	w->rd = fixture_actor(w->s, "rita", ROLE_READER, "UNODC", NULL);
}

static void world_free(struct world *w)
{
	pool_free(w->p);
	store_close(w->s);
}

/* Put request id at stage st directly (tests only: the domain never skips). */
static void force(struct world *w, long long id, enum assist_stage st)
{
	struct assist_request *r;
	struct err e = { 0 };

	assert_int_equal(store_assist_request_get(w->s, w->p, id, &r, E), ERR_OK);
	r->stage = st;
	r->revision++;
	assert_int_equal(store_assist_request_update(w->s, r, r->revision - 1, E), ERR_OK);
}

/* A request of country (by the curator) with label tlp and needs, with a match of
 * CoE accepted, at stage st. */
static long long request(struct world *w, const char *country, const char *tlp,
			 const char *needs, enum assist_stage st)
{
	struct assist_request_in in = {
		.country = country, .title = "Forensics", .topic = "digital-forensics",
		.beneficiary = "DCI Cyber Unit", .targets = "police,prosecutors",
		.languages = "en", .tlp = tlp, .needs = needs,
	};
	struct assist_offer_in off = {
		.org = "CoE", .title = "Offer", .topics = "digital-forensics",
		.languages = "en", .modes = "online", .capacity = "100",
	};
	struct err e = { 0 };
	long long id = 0, o = 0, m = 0;

	if (assist_request_add(w->s, w->p, &w->cur, &in, &id, E) ||
	    assist_offer_add(w->s, w->p, &w->cur, &off, &o, E) ||
	    assist_match_confirm(w->s, w->p, &w->cur, id, o, &m, E) ||
	    assist_match_answer(w->s, w->p, &w->prov, m, 1, NULL, E))
		fail_msg("request: %s", e.msg);
	force(w, id, st);
	return id;
}

/* The input of a valid activity (online). */
static struct assist_activity_in act_in(void)
{
	struct assist_activity_in in = {
		.title = "First responders", .date_from = "2030-02-01",
		.date_to = "2030-02-05", .mode = "online", .language = "en",
	};

	return in;
}

static long long activity(struct world *w, const struct actor *a, long long id)
{
	struct assist_activity_in in = act_in();
	struct err e = { 0 };
	long long aid = 0;

	if (assist_activity_add(w->s, w->p, a, id, &in, &aid, E))
		fail_msg("activity: %s", e.msg);
	return aid;
}

static size_t audits(struct world *w, const char *action, struct audit_entry **out)
{
	struct audit_filter f = { .action = action };
	struct audit_entry *en;
	size_t n;
	struct err e = { 0 };

	assert_int_equal(audit_list(w->s, w->p, &f, 1000, 0, &en, &n, E), ERR_OK);
	if (out)
		*out = en;
	return n;
}

/* Expect rc and a message that starts with (or, for "~x", contains) what. */
static void expect(int got, const char *msg, int rc, const char *what)
{
	if (got != rc)
		fail_msg("expected %d (%s), got %d: %s", rc, what, got, msg);
	if (what[0] == '~' ? !strstr(msg, what + 1) : strncmp(msg, what, strlen(what)))
		fail_msg("expected '%s' in: %s", what, msg);
}

/* Who adds an activity, at which stages, and every check naming its field. */
static void test_add(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct assist_activity_in in;
	struct assist_activity *act, *list;
	const char *names[] = { "Other", "CoE" }, *unknown[] = { "Nobody Inc" },
		   *twice[] = { "CoE", "CoE" }, *other[] = { "Other" };
	long long id, amber, aid, a2;
	size_t n;

	(void)state;
	world_make(&w);
	id = request(&w, "KE", "GREEN", NULL, AS_FUNDED);
	/* a curator without providers: the accepted match's */
	aid = activity(&w, &w.cur, id);
	assert_int_equal(assist_activity_get(w.s, w.p, &w.ke, aid, &act, E), ERR_OK);
	assert_int_equal(act->request, id);
	assert_string_equal(act->country, "KE");
	assert_int_equal(act->nproviders, 1);
	assert_string_equal(act->providers[0].name, "CoE");
	assert_string_equal(act->mode, "online");
	assert_null(act->trained_at);
	assert_int_equal(act->rating, 0);
	/* the provider of the accepted match, naming another organisation too */
	in = act_in();
	in.providers = names;
	in.nproviders = 2;
	assert_int_equal(assist_activity_add(w.s, w.p, &w.prov, id, &in, &a2, E), ERR_OK);
	assert_int_equal(assist_activity_get(w.s, w.p, &w.cur, a2, &act, E), ERR_OK);
	assert_int_equal(act->nproviders, 2);
	assert_string_equal(act->providers[0].name, "CoE");
	assert_string_equal(act->providers[1].name, "Other");
	assert_int_equal(audits(&w, "assist.activity", NULL), 2);
	/* but not without their own organisation */
	in.providers = other;
	in.nproviders = 1;
	expect(assist_activity_add(w.s, w.p, &w.prov, id, &in, &a2, E), e.msg, ERR_INVALID,
	       "providers:");
	in.providers = unknown;
	expect(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), e.msg, ERR_INVALID,
	       "providers: 'Nobody Inc'");
	in.providers = twice;
	in.nproviders = 2;
	expect(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), e.msg, ERR_INVALID,
	       "providers: 'CoE' is listed twice");
	/* nobody else adds: another provider, the focal point, a reader */
	in = act_in();
	expect(assist_activity_add(w.s, w.p, &w.prov2, id, &in, &a2, E), e.msg, ERR_FORBIDDEN,
	       "only curators and the provider");
	expect(assist_activity_add(w.s, w.p, &w.ke, id, &in, &a2, E), e.msg, ERR_FORBIDDEN,
	       "only curators and the provider");
	expect(assist_activity_add(w.s, w.p, &w.rd, id, &in, &a2, E), e.msg, ERR_FORBIDDEN,
	       "only curators and the provider");
	expect(assist_activity_add(w.s, w.p, NULL, id, &in, &a2, E), e.msg, ERR_NOTFOUND,
	       "no request");	/* the public does not read a GREEN request */
	/* the fields */
	in.date_to = "2030-01-31";
	expect(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), e.msg, ERR_INVALID,
	       "date_to: 2030-01-31 is before 2030-02-01");
	in.date_to = NULL;
	expect(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), e.msg, ERR_INVALID,
	       "date_to: is required");
	in = act_in();
	in.date_from = "2030-02-30";
	expect(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), e.msg, ERR_INVALID,
	       "date_from: '2030-02-30' is not a date");
	in = act_in();
	in.mode = "pigeon";
	expect(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), e.msg, ERR_INVALID,
	       "mode: 'pigeon'");
	in.mode = "in_person";
	expect(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), e.msg, ERR_INVALID,
	       "place: is required");
	in.place = "Nairobi\nKenya";
	expect(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), e.msg, ERR_INVALID,
	       "place:");
	in.place = "Nairobi";
	in.language = "xx";
	expect(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), e.msg, ERR_INVALID,
	       "language: 'xx'");
	in.language = "EN";
	expect(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), e.msg, ERR_INVALID,
	       "language: 'EN'");
	in.language = "sw";
	in.title = "";
	expect(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), e.msg, ERR_INVALID,
	       "title: is required");
	in.title = "Lab set-up";
	assert_int_equal(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), ERR_OK);
	assert_int_equal(audits(&w, "assist.activity", NULL), 3);
	/* the stages: funded, in delivery and delivered; else the stage is named */
	for (int st = 0; st < AS_STAGE_COUNT; st++) {
		int ok = st == AS_FUNDED || st == AS_IN_DELIVERY || st == AS_DELIVERED;
		int rc;

		force(&w, id, (enum assist_stage)st);
		rc = assist_activity_add(w.s, w.p, &w.prov, id, &in, &a2, E);
		if (ok && rc)
			fail_msg("%s: %s", assist_stage_names[st], e.msg);
		if (!ok) {
			assert_int_equal(rc, ERR_CONFLICT);
			assert_non_null(strstr(e.msg, assist_stage_titles[st]));
			assert_non_null(strstr(e.msg, "activities are recorded while"));
		}
	}
	force(&w, id, AS_WITHDRAWN);
	expect(assist_activity_add(w.s, w.p, &w.cur, id, &in, &a2, E), e.msg, ERR_CONFLICT,
	       pool_printf(w.p, "request %lld is withdrawn", id));
	/* a request one may not read is "no request N", for everybody who may not */
	amber = request(&w, "KE", "AMBER", NULL, AS_FUNDED);
	expect(assist_activity_add(w.s, w.p, &w.ng, amber, &in, &a2, E), e.msg, ERR_NOTFOUND,
	       pool_printf(w.p, "no request %lld", amber));
	expect(assist_activity_add(w.s, w.p, &w.cur, 9999, &in, &a2, E), e.msg, ERR_NOTFOUND,
	       "no request 9999");
	/* the list of the request, oldest first */
	assert_int_equal(assist_activity_list(w.s, w.p, &w.rd, id, NULL, &list, &n, E), ERR_OK);
	assert_int_equal(n, 6);
	assert_int_equal(list[0].id, aid);
	assert_string_equal(list[0].providers[0].name, "CoE");
	assert_int_equal(list[1].nproviders, 2);
	world_free(&w);
}

/* Activities are read as their request: AMBER ones by curators, the country's focal
 * points and the matched provider only; everybody else meets "no activity N". */
static void test_reading(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct assist_activity *act, *list;
	long long green, amber, ga, aa;
	size_t n;

	(void)state;
	world_make(&w);
	green = request(&w, "KE", "GREEN", NULL, AS_FUNDED);
	amber = request(&w, "KE", "AMBER", NULL, AS_FUNDED);
	ga = activity(&w, &w.cur, green);
	aa = activity(&w, &w.prov, amber);
	assert_int_equal(assist_activity_get(w.s, w.p, &w.ke, aa, &act, E), ERR_OK);
	assert_int_equal(assist_activity_get(w.s, w.p, &w.prov, aa, &act, E), ERR_OK);
	assert_int_equal(assist_activity_get(w.s, w.p, &w.cur, aa, &act, E), ERR_OK);
	expect(assist_activity_get(w.s, w.p, &w.ng, aa, &act, E), e.msg, ERR_NOTFOUND,
	       pool_printf(w.p, "no activity %lld", aa));
	expect(assist_activity_get(w.s, w.p, &w.rd, aa, &act, E), e.msg, ERR_NOTFOUND,
	       pool_printf(w.p, "no activity %lld", aa));
	expect(assist_activity_get(w.s, w.p, &w.prov2, aa, &act, E), e.msg, ERR_NOTFOUND,
	       "no activity");
	expect(assist_activity_get(w.s, w.p, NULL, ga, &act, E), e.msg, ERR_NOTFOUND,
	       "no activity");
	assert_int_equal(assist_activity_get(w.s, w.p, &w.rd, ga, &act, E), ERR_OK);
	expect(assist_activity_get(w.s, w.p, &w.cur, 777, &act, E), e.msg, ERR_NOTFOUND,
	       "no activity 777");
	/* lists: the request's, or every one the caller reads */
	expect(assist_activity_list(w.s, w.p, &w.ng, amber, NULL, &list, &n, E), e.msg,
	       ERR_NOTFOUND, pool_printf(w.p, "no request %lld", amber));
	assert_int_equal(assist_activity_list(w.s, w.p, &w.ng, 0, NULL, &list, &n, E), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, ga);
	assert_int_equal(assist_activity_list(w.s, w.p, &w.ke, 0, "KEN", &list, &n, E), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(assist_activity_list(w.s, w.p, &w.ke, 0, "NG", &list, &n, E), ERR_OK);
	assert_int_equal(n, 0);
	expect(assist_activity_list(w.s, w.p, &w.ke, 0, "Atlantis", &list, &n, E), e.msg,
	       ERR_INVALID, "country:");
	world_free(&w);
}

/* Training records: counts by role and gender, the declared total, the scores. */
static void test_training(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct assist_training_in in;
	struct assist_activity *act;
	long long id, aid;

	(void)state;
	world_make(&w);
	id = request(&w, "KE", "GREEN", NULL, AS_IN_DELIVERY);
	aid = activity(&w, &w.prov, id);
	memset(&in, 0, sizeof(in));
	in.count[AR_POLICE][AG_FEMALE] = "3";
	in.count[AR_POLICE][AG_MALE] = "2";
	in.count[AR_JUDGE][AG_OTHER] = "1";
	in.total = "6";
	in.pre = "41.5";
	in.post = "78";
	assert_int_equal(assist_training_set(w.s, w.p, &w.prov, aid, &in, E), ERR_OK);
	assert_int_equal(assist_activity_get(w.s, w.p, &w.rd, aid, &act, E), ERR_OK);
	assert_non_null(act->trained_at);
	assert_int_equal(act->count[AR_POLICE][AG_FEMALE], 3);
	assert_int_equal(act->count[AR_POLICE][AG_MALE], 2);
	assert_int_equal(act->count[AR_JUDGE][AG_OTHER], 1);
	assert_int_equal(act->count[AR_CERT][AG_FEMALE], 0);
	assert_int_equal(act->declared, 6);
	assert_int_equal(act->pre, 415);
	assert_int_equal(act->post, 780);
	assert_int_equal(audits(&w, "assist.training", NULL), 1);
	/* sums that do not add up, and each bad count named by its field */
	in.total = "7";
	expect(assist_training_set(w.s, w.p, &w.prov, aid, &in, E), e.msg, ERR_INVALID,
	       "total: 7 but the counts add up to 6");
	in.total = "6";
	in.count[AR_PROSECUTOR][AG_MALE] = "-3";
	expect(assist_training_set(w.s, w.p, &w.prov, aid, &in, E), e.msg, ERR_INVALID,
	       "prosecutor_male: '-3' is not a whole number from 0 to 100000");
	in.count[AR_PROSECUTOR][AG_MALE] = "2.5";
	expect(assist_training_set(w.s, w.p, &w.prov, aid, &in, E), e.msg, ERR_INVALID,
	       "prosecutor_male: '2.5'");
	in.count[AR_PROSECUTOR][AG_MALE] = "100001";
	expect(assist_training_set(w.s, w.p, &w.prov, aid, &in, E), e.msg, ERR_INVALID,
	       "prosecutor_male: '100001'");
	in.count[AR_PROSECUTOR][AG_MALE] = "99999999999999999999";
	expect(assist_training_set(w.s, w.p, &w.prov, aid, &in, E), e.msg, ERR_INVALID,
	       "prosecutor_male:");
	in.count[AR_PROSECUTOR][AG_MALE] = "two";
	expect(assist_training_set(w.s, w.p, &w.prov, aid, &in, E), e.msg, ERR_INVALID,
	       "prosecutor_male: 'two'");
	in.count[AR_PROSECUTOR][AG_MALE] = NULL;
	in.total = "-6";
	expect(assist_training_set(w.s, w.p, &w.prov, aid, &in, E), e.msg, ERR_INVALID,
	       "total: '-6'");
	in.total = NULL;
	/* scores: 0..100 with one decimal at most */
	{
		static const char *const bad[] = { "100.1", "101", "-1", "72.55", ".5", "72.",
						   "7e1", "1000", "abc", " 5" };
		static const struct { const char *in; int tenths; } good[] = {
			{ "0", 0 }, { "100", 1000 }, { "100.0", 1000 }, { "0.5", 5 },
			{ "99.9", 999 }, { "07", 70 },
		};

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			in.post = bad[i];
			expect(assist_training_set(w.s, w.p, &w.prov, aid, &in, E), e.msg,
			       ERR_INVALID, "post:");
		}
		in.post = NULL;
		for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
			in.pre = good[i].in;
			if (assist_training_set(w.s, w.p, &w.prov, aid, &in, E))
				fail_msg("pre %s: %s", good[i].in, e.msg);
			assert_int_equal(assist_activity_get(w.s, w.p, &w.rd, aid, &act, E),
					 ERR_OK);
			assert_int_equal(act->pre, good[i].tenths);
			assert_int_equal(act->post, -1);
			assert_int_equal(act->declared, -1);
		}
	}
	/* nobody counted */
	memset(&in, 0, sizeof(in));
	in.count[AR_OTHER][AG_MALE] = "0";
	expect(assist_training_set(w.s, w.p, &w.prov, aid, &in, E), e.msg, ERR_INVALID,
	       "participants: no participant is counted");
	/* nothing half stored: the record is the last good one */
	assert_int_equal(assist_activity_get(w.s, w.p, &w.rd, aid, &act, E), ERR_OK);
	assert_int_equal(act->count[AR_POLICE][AG_FEMALE], 3);
	assert_int_equal(act->pre, 70);
	/* who: not another provider nor the focal point; not once closed */
	in.count[AR_OTHER][AG_MALE] = "4";
	expect(assist_training_set(w.s, w.p, &w.prov2, aid, &in, E), e.msg, ERR_FORBIDDEN,
	       "only curators");
	expect(assist_training_set(w.s, w.p, &w.ke, aid, &in, E), e.msg, ERR_FORBIDDEN,
	       "only curators");
	force(&w, id, AS_CLOSED);
	expect(assist_training_set(w.s, w.p, &w.cur, aid, &in, E), e.msg, ERR_CONFLICT,
	       pool_printf(w.p, "request %lld is closed", id));
	/* the database refuses a declared total that is not the sum (a last guard) */
	act->declared = 5;
	act->trained_at = "2030-01-01T00:00:00Z";
	act->trained_by = "x";
	assert_int_not_equal(store_assist_training_put(w.s, act, E), ERR_OK);
	world_free(&w);
}

/* The compact form of the command line: ROLE:GENDER=N,...;ROLE:... */
static void test_participants_parse(void **state)
{
	struct assist_training_in in;
	struct err e = { 0 };
	pool *p = pool_new();

	(void)state;
	memset(&in, 0, sizeof(in));
	assert_int_equal(assist_participants_parse(p, "police:f=3,m=2; judge:female=1;"
						   "cert:o=4", &in, E), ERR_OK);
	assert_string_equal(in.count[AR_POLICE][AG_FEMALE], "3");
	assert_string_equal(in.count[AR_POLICE][AG_MALE], "2");
	assert_string_equal(in.count[AR_JUDGE][AG_FEMALE], "1");
	assert_string_equal(in.count[AR_CERT][AG_OTHER], "4");
	assert_null(in.count[AR_PROSECUTOR][AG_FEMALE]);
	expect(assist_participants_parse(p, "chefs:f=1", &in, E), e.msg, ERR_INVALID,
	       "participants: 'chefs' is not one of the roles");
	expect(assist_participants_parse(p, "police:x=1", &in, E), e.msg, ERR_INVALID,
	       "participants: 'x' is not one of the genders");
	expect(assist_participants_parse(p, "police:f=1,female=2", &in, E), e.msg, ERR_INVALID,
	       "participants: police female is counted twice");
	expect(assist_participants_parse(p, "police=3", &in, E), e.msg, ERR_INVALID,
	       "participants: 'police=3' is not ROLE:GENDER=N");
	expect(assist_participants_parse(p, "police:f", &in, E), e.msg, ERR_INVALID,
	       "participants: 'f' is not ROLE:GENDER=N");
	assert_int_equal(assist_role_parse("cert"), AR_CERT);
	assert_int_equal(assist_role_parse("CERT"), -1);
	assert_int_equal(assist_gender_parse("m"), AG_MALE);
	assert_int_equal(assist_gender_parse(""), -1);
	pool_free(p);
}

/* Whether the audit log holds text anywhere. */
static int log_has(struct world *w, const char *text)
{
	struct audit_entry *en;
	size_t n = audits(w, NULL, &en);

	for (size_t i = 0; i < n; i++)
		if ((en[i].detail && strstr(en[i].detail, text)) ||
		    (en[i].target && strstr(en[i].target, text)))
			return 1;
	return 0;
}

/* Attendance lists: RED; curators and the activity's providers read the names, each
 * read audited; everybody else has the count. */
static void test_attendance(void **state)
{
	struct world w;
	struct err e = { 0 };
	const char *names[] = { "Wanjiru Kamau", "  ", "Otieno Odhiambo \r" };
	const char **got, **many;
	struct assist_activity *act, *list;
	struct audit_entry *en;
	long long id, aid;
	size_t n;
	char *longname;

	(void)state;
	world_make(&w);
	id = request(&w, "KE", "CLEAR", NULL, AS_DELIVERED);
	aid = activity(&w, &w.prov, id);
	assert_int_equal(assist_attendance_set(w.s, w.p, &w.prov, aid, names, 3, E), ERR_OK);
	assert_int_equal(audits(&w, "assist.attendance", &en), 1);
	assert_string_equal(en[0].detail, "2 names");
	/* the count for everybody who reads the activity */
	assert_int_equal(assist_activity_get(w.s, w.p, NULL, aid, &act, E), ERR_OK);
	assert_int_equal(act->attendance, 2);
	assert_int_equal(assist_activity_list(w.s, w.p, &w.ke, id, NULL, &list, &n, E), ERR_OK);
	assert_int_equal(list[0].attendance, 2);
	/* the names for the provider and curators, each read audited */
	assert_int_equal(audits(&w, "assist.attendance_read", NULL), 0);
	assert_int_equal(assist_attendance_get(w.s, w.p, &w.prov, aid, &got, &n, E), ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(got[0], "Wanjiru Kamau");
	assert_string_equal(got[1], "Otieno Odhiambo");
	assert_int_equal(audits(&w, "assist.attendance_read", &en), 1);
	assert_string_equal(en[0].actor, "pia");
	assert_string_equal(en[0].target, pool_printf(w.p, "assist/%lld/activity/%lld", id, aid));
	assert_int_equal(assist_attendance_get(w.s, w.p, &w.cur, aid, &got, &n, E), ERR_OK);
	assert_int_equal(assist_attendance_get(w.s, w.p, &w.prov, aid, &got, &n, E), ERR_OK);
	assert_int_equal(audits(&w, "assist.attendance_read", &en), 3);
	assert_string_equal(en[1].actor, "cora");
	assert_int_equal(assist_attendance_get(w.s, w.p, &fixture_local, aid, &got, &n, E),
			 ERR_OK);
	assert_int_equal(audits(&w, "assist.attendance_read", NULL), 4);
	/* nobody else, not even the country's focal point; no names, no entry */
	expect(assist_attendance_get(w.s, w.p, &w.ke, aid, &got, &n, E), e.msg, ERR_FORBIDDEN,
	       pool_printf(w.p, "the attendance list of activity %lld is RED", aid));
	assert_null(got);
	assert_int_equal(n, 0);
	expect(assist_attendance_get(w.s, w.p, &w.rd, aid, &got, &n, E), e.msg, ERR_FORBIDDEN,
	       "the attendance list");
	expect(assist_attendance_get(w.s, w.p, &w.prov2, aid, &got, &n, E), e.msg,
	       ERR_FORBIDDEN, "the attendance list");
	expect(assist_attendance_get(w.s, w.p, NULL, aid, &got, &n, E), e.msg, ERR_FORBIDDEN,
	       "the attendance list");
	expect(assist_attendance_get(w.s, w.p, &w.cur, 4242, &got, &n, E), e.msg, ERR_NOTFOUND,
	       "no activity 4242");
	assert_int_equal(audits(&w, "assist.attendance_read", NULL), 4);
	/* the names are never in the log */
	assert_false(log_has(&w, "Wanjiru"));
	assert_false(log_has(&w, "Otieno"));
	/* who writes: as for training records */
	expect(assist_attendance_set(w.s, w.p, &w.ke, aid, names, 1, E), e.msg, ERR_FORBIDDEN,
	       "only curators");
	expect(assist_attendance_set(w.s, w.p, &w.prov2, aid, names, 1, E), e.msg,
	       ERR_FORBIDDEN, "only curators");
	/* limits: the length of a name, the number of names; nothing half stored */
	longname = pool_alloc(w.p, LIMIT_ASSIST_PERSON + 2);
	memset(longname, 'a', LIMIT_ASSIST_PERSON + 1);
	longname[LIMIT_ASSIST_PERSON + 1] = 0;
	{
		const char *two[] = { "Amina", longname };

		expect(assist_attendance_set(w.s, w.p, &w.cur, aid, two, 2, E), e.msg,
		       ERR_INVALID, "attendance: name 2 is not one line of at most 200 bytes");
		longname[LIMIT_ASSIST_PERSON] = 0;
		assert_int_equal(assist_attendance_set(w.s, w.p, &w.cur, aid, two, 2, E), ERR_OK);
		two[1] = "Line\nbreak";
		expect(assist_attendance_set(w.s, w.p, &w.cur, aid, two, 2, E), e.msg,
		       ERR_INVALID, "attendance: name 2");
		two[1] = "\xff\xfe";
		expect(assist_attendance_set(w.s, w.p, &w.cur, aid, two, 2, E), e.msg,
		       ERR_INVALID, "attendance: name 2");
	}
	many = pool_calloc(w.p, LIMIT_ASSIST_NAMES + 1, sizeof(*many));
	for (size_t i = 0; i <= LIMIT_ASSIST_NAMES; i++)
		many[i] = pool_printf(w.p, "Person %zu", i);
	expect(assist_attendance_set(w.s, w.p, &w.cur, aid, many, LIMIT_ASSIST_NAMES + 1, E),
	       e.msg, ERR_INVALID, "attendance: at most 2000 names");
	assert_int_equal(assist_activity_get(w.s, w.p, NULL, aid, &act, E), ERR_OK);
	assert_int_equal(act->attendance, 2);
	assert_int_equal(assist_attendance_set(w.s, w.p, &w.cur, aid, many, LIMIT_ASSIST_NAMES,
					       E), ERR_OK);
	assert_int_equal(assist_activity_get(w.s, w.p, NULL, aid, &act, E), ERR_OK);
	assert_int_equal(act->attendance, LIMIT_ASSIST_NAMES);
	assert_int_equal(assist_attendance_get(w.s, w.p, &w.prov, aid, &got, &n, E), ERR_OK);
	assert_int_equal(n, LIMIT_ASSIST_NAMES);
	assert_string_equal(got[1999], "Person 1999");
	world_free(&w);
}

/* Whether ranked needs[0..n) hold stated need id. */
static int ranked_has(const struct need *needs, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (needs[i].source == NEED_STATED && needs[i].stated->id == id)
			return 1;
	return 0;
}

/* Evaluating an activity: who, when, the rating, the needs it closed leave the ranked
 * list (stated ones; gaps stay until the law changes). */
static void test_evaluate(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct need_stated in = { .country = "KE", .topic = "digital-forensics",
				  .target = "police", .urgency = 3, .note = "a lab" };
	struct need_stated *ns;
	struct need *ranked;
	struct needs_query q = { 0 };
	struct assist_activity *act;
	struct audit_entry *en;
	long long need, need2, id, aid;
	size_t nr, before, gaps_before = 0, gaps_after = 0;

	(void)state;
	world_make(&w);
	assert_int_equal(needs_state(w.s, &w.ke, &in, &need, E), ERR_OK);
	in.topic = "electronic-evidence";
	assert_int_equal(needs_state(w.s, &w.ke, &in, &need2, E), ERR_OK);
	id = request(&w, "KE", "GREEN", pool_printf(w.p, "stated:%lld,stated:%lld,gap:un-cc/7",
						    need, need2), AS_FUNDED);
	aid = activity(&w, &w.prov, id);
	/* not before delivery has begun */
	expect(assist_activity_evaluate(w.s, w.p, &w.ke, aid, 4, "", E), e.msg, ERR_CONFLICT,
	       pool_printf(w.p, "request %lld is funded: activities are evaluated", id));
	force(&w, id, AS_IN_DELIVERY);
	/* only the beneficiary: the country's focal points, curators */
	expect(assist_activity_evaluate(w.s, w.p, &w.prov, aid, 4, "", E), e.msg,
	       ERR_FORBIDDEN, "only the country's focal points and curators");
	expect(assist_activity_evaluate(w.s, w.p, &w.ng, aid, 4, "", E), e.msg, ERR_FORBIDDEN,
	       "only the country's focal points");
	expect(assist_activity_evaluate(w.s, w.p, &w.rd, aid, 4, "", E), e.msg, ERR_FORBIDDEN,
	       "only the country's focal points");
	/* the rating and the needs named */
	expect(assist_activity_evaluate(w.s, w.p, &w.ke, aid, 0, "", E), e.msg, ERR_INVALID,
	       "rating: from 1 to 5");
	expect(assist_activity_evaluate(w.s, w.p, &w.ke, aid, 6, "", E), e.msg, ERR_INVALID,
	       "rating: from 1 to 5");
	expect(assist_activity_evaluate(w.s, w.p, &w.ke, aid, 4, "stated:99999", E), e.msg,
	       ERR_INVALID, pool_printf(w.p, "closed_needs: 'stated:99999' is not a need of "
					"request %lld", id));
	assert_int_equal(audits(&w, "assist.activity_evaluate", NULL), 0);
	assert_int_equal(needs_country(w.s, w.p, &w.ke, NULL, "KE", &q, &ranked, &before, E),
			 ERR_OK);
	assert_true(ranked_has(ranked, before, need));
	for (size_t i = 0; i < before; i++)
		gaps_before += ranked[i].source == NEED_GAP;
	assert_int_equal(assist_activity_evaluate(w.s, w.p, &w.ke, aid, 4,
						  pool_printf(w.p, "stated:%lld, gap:un-cc/7",
							      need), E), ERR_OK);
	assert_int_equal(assist_activity_get(w.s, w.p, &w.rd, aid, &act, E), ERR_OK);
	assert_int_equal(act->rating, 4);
	assert_string_equal(act->closed_needs, pool_printf(w.p, "stated:%lld,gap:un-cc/7",
							   need));
	assert_non_null(act->evaluated_at);
	/* the stated need is closed, says by what, and leaves the ranked list */
	assert_int_equal(needs_get(w.s, w.p, &w.ke, need, &ns, E), ERR_OK);
	assert_non_null(ns->closed_at);
	assert_non_null(strstr(ns->close_note, pool_printf(w.p, "activity %lld of assistance "
							   "request %lld", aid, id)));
	assert_int_equal(needs_country(w.s, w.p, &w.ke, NULL, "KE", &q, &ranked, &nr, E),
			 ERR_OK);
	assert_int_equal(nr + 1, before);
	assert_false(ranked_has(ranked, nr, need));
	assert_true(ranked_has(ranked, nr, need2));
	/* the gap stays: it closes when the law's coverage changes */
	for (size_t i = 0; i < nr; i++)
		gaps_after += ranked[i].source == NEED_GAP;
	assert_int_equal(gaps_after, gaps_before);
	assert_int_equal(audits(&w, "need.close", NULL), 1);
	assert_int_equal(audits(&w, "assist.activity_evaluate", &en), 1);
	assert_string_equal(en[0].actor, "kamau");
	/* again, by a curator at delivered: replaced; the second need closes too */
	force(&w, id, AS_DELIVERED);
	assert_int_equal(assist_activity_evaluate(w.s, w.p, &w.cur, aid, 5,
						  pool_printf(w.p, "stated:%lld,stated:%lld",
							      need, need2), E), ERR_OK);
	assert_int_equal(assist_activity_get(w.s, w.p, &w.rd, aid, &act, E), ERR_OK);
	assert_int_equal(act->rating, 5);
	assert_int_equal(audits(&w, "need.close", NULL), 2);
	assert_int_equal(needs_country(w.s, w.p, &w.ke, NULL, "KE", &q, &ranked, &nr, E),
			 ERR_OK);
	assert_int_equal(nr + 2, before);
	assert_false(ranked_has(ranked, nr, need2));
	/* the request-level evaluation shares the need-closing code */
	force(&w, id, AS_EVALUATED);
	assert_int_equal(assist_activity_evaluate(w.s, w.p, &w.ke, aid, 3, "", E), ERR_OK);
	/* the provider's evaluations, which suggestions weigh, count the activity once,
	 * with its latest rating */
	{
		struct assist_rating *rt;
		size_t nrt, found = 0;

		assert_int_equal(store_assist_ratings(w.s, w.p, &rt, &nrt, E), ERR_OK);
		for (size_t i = 0; i < nrt; i++)
			if (rt[i].org == w.prov.org_id) {
				found++;
				assert_int_equal(rt[i].count, 1);
				assert_int_equal(rt[i].sum, 3);
			}
		assert_int_equal(found, 1);
	}
	force(&w, id, AS_CLOSED);
	expect(assist_activity_evaluate(w.s, w.p, &w.ke, aid, 3, "", E), e.msg, ERR_CONFLICT,
	       pool_printf(w.p, "request %lld is closed", id));
	world_free(&w);
}

/* People trained, per request, per country and in total, over what the caller reads. */
static void test_trained(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct assist_training_in in;
	struct assist_trained *t;
	long long ke, ke2, ng, amber, a1, a2, a3, a4;
	size_t n;

	(void)state;
	world_make(&w);
	ke = request(&w, "KE", "GREEN", NULL, AS_IN_DELIVERY);
	ke2 = request(&w, "KE", "GREEN", NULL, AS_IN_DELIVERY);
	ng = request(&w, "NG", "GREEN", NULL, AS_IN_DELIVERY);
	amber = request(&w, "NG", "AMBER", NULL, AS_IN_DELIVERY);
	a1 = activity(&w, &w.prov, ke);
	a2 = activity(&w, &w.prov, ke2);
	a3 = activity(&w, &w.prov, ng);
	a4 = activity(&w, &w.prov, amber);
	activity(&w, &w.prov, ng);	/* no training record: not counted */
	memset(&in, 0, sizeof(in));
	assert_int_equal(assist_participants_parse(w.p, "police:f=3,m=2;judge:o=1", &in, E),
			 ERR_OK);
	assert_int_equal(assist_training_set(w.s, w.p, &w.prov, a1, &in, E), ERR_OK);
	assert_int_equal(assist_training_set(w.s, w.p, &w.prov, a2, &in, E), ERR_OK);
	memset(&in, 0, sizeof(in));
	assert_int_equal(assist_participants_parse(w.p, "cert:f=10", &in, E), ERR_OK);
	assert_int_equal(assist_training_set(w.s, w.p, &w.prov, a3, &in, E), ERR_OK);
	memset(&in, 0, sizeof(in));
	assert_int_equal(assist_participants_parse(w.p, "prosecutor:m=100", &in, E), ERR_OK);
	assert_int_equal(assist_training_set(w.s, w.p, &w.prov, a4, &in, E), ERR_OK);
	/* in total, as a curator: every activity */
	assert_int_equal(assist_trained(w.s, w.p, &w.cur, NULL, 0, NULL, &t, &n, E), ERR_OK);
	assert_int_equal(n, 1);
	assert_null(t[0].key);
	assert_int_equal(t[0].total, 122);
	assert_int_equal(t[0].activities, 4);
	assert_int_equal(t[0].count[AR_POLICE][AG_FEMALE], 6);
	assert_int_equal(t[0].role[AR_POLICE], 10);
	assert_int_equal(t[0].gender[AG_FEMALE], 16);
	assert_int_equal(t[0].gender[AG_MALE], 104);
	assert_int_equal(t[0].gender[AG_OTHER], 2);
	/* as KE's focal point: the AMBER request of NG is not read */
	assert_int_equal(assist_trained(w.s, w.p, &w.ke, NULL, 0, "", &t, &n, E), ERR_OK);
	assert_int_equal(t[0].total, 22);
	/* by country */
	assert_int_equal(assist_trained(w.s, w.p, &w.ke, NULL, 0, "country", &t, &n, E),
			 ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].key, "KE");
	assert_int_equal(t[0].total, 12);
	assert_int_equal(t[0].activities, 2);
	assert_string_equal(t[1].key, "NG");
	assert_int_equal(t[1].total, 10);
	assert_int_equal(t[1].role[AR_CERT], 10);
	/* by request, of one country */
	assert_int_equal(assist_trained(w.s, w.p, &w.cur, "NGA", 0, "request", &t, &n, E),
			 ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].key, pool_printf(w.p, "%lld", ng));
	assert_int_equal(t[0].total, 10);
	assert_string_equal(t[1].key, pool_printf(w.p, "%lld", amber));
	assert_int_equal(t[1].count[AR_PROSECUTOR][AG_MALE], 100);
	/* one request */
	assert_int_equal(assist_trained(w.s, w.p, &w.ke, NULL, ke2, NULL, &t, &n, E), ERR_OK);
	assert_int_equal(t[0].total, 6);
	expect(assist_trained(w.s, w.p, &w.ke, NULL, amber, NULL, &t, &n, E), e.msg,
	       ERR_NOTFOUND, pool_printf(w.p, "no request %lld", amber));
	/* nobody trained yet: one row of zeros */
	assert_int_equal(assist_trained(w.s, w.p, &w.cur, "FR", 0, NULL, &t, &n, E), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].total, 0);
	expect(assist_trained(w.s, w.p, &w.cur, NULL, 0, "donor", &t, &n, E), e.msg,
	       ERR_INVALID, "by: 'donor'");
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_reading),
		cmocka_unit_test(test_training),
		cmocka_unit_test(test_participants_parse),
		cmocka_unit_test(test_attendance),
		cmocka_unit_test(test_evaluate),
		cmocka_unit_test(test_trained),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
