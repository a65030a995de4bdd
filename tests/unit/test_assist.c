/* Tests of domain/assist (technical assistance, issue 16): the lifecycle table (every
 * move allowed to the right people and refused to the others, moves the table lacks
 * named), the checks of a request naming their fields and the revision check, who
 * reads AMBER, GREEN and CLEAR requests, suggestions (score, terms, the topic
 * required, withdrawn offers), matches (a withdrawn offer refused, only the provider
 * answers), overlaps (the rules and 20,000 requests in well under a second), money
 * (minor units 0, 2, 3, parse errors, overflow, disbursements above pledges, the gap,
 * totals) and the audit entries. On temporary databases with the real reference data;
 * skipped without iso-codes. */
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

#include "domain/assist.h"
#include "domain/audit.h"
#include "domain/needs.h"
#include "domain/user.h"
#include "store/store.h"

/* e, cleared: err_set keeps the first message, and each call here is checked alone */
#define E (err_clear(&e), &e)
/* how much slower the sanitizers (make test SANITIZE=1) may make a timed step */
#if defined(__SANITIZE_ADDRESS__)
#define SLOW 10
#else
#define SLOW 1
#endif

struct world {
	struct store *s;
	pool *p;
	/* a curator, focal points of KE and NG, the provider of the offer (CoE), another
	 * provider (Other), an account of the donor GIZ, a reader */
	struct actor cur, ke, ng, prov, prov2, donor, rd;
};

static void world_make(struct world *w)
{
	w->s = fixture_db(NULL, FIX_REFDATA);
	w->p = pool_new();
	fixture_org(w->s, "CoE", ORG_IMPLEMENTING, NULL);
	fixture_org(w->s, "Other", ORG_IMPLEMENTING, NULL);
	fixture_org(w->s, "GIZ", ORG_DONOR, NULL);
	fixture_org(w->s, "Norway", ORG_DONOR, NULL);
	w->cur = fixture_actor(w->s, "cora", ROLE_CURATOR, "UNODC", NULL);
	w->ke = fixture_actor(w->s, "kamau", ROLE_FOCAL_POINT, "KE-MoICT", "KE");
	w->ng = fixture_actor(w->s, "ada", ROLE_FOCAL_POINT, "NG-NITDA", "NG");
	w->prov = fixture_actor(w->s, "pia", ROLE_PROVIDER, "CoE", NULL);
	w->prov2 = fixture_actor(w->s, "otto", ROLE_PROVIDER, "Other", NULL);
	w->donor = fixture_actor(w->s, "gita", ROLE_PROVIDER, "GIZ", NULL);
	w->rd = fixture_actor(w->s, "rita", ROLE_READER, "UNODC", NULL);
}

static void world_free(struct world *w)
{
	pool_free(w->p);
	store_close(w->s);
}

/* A request of KE (by its focal point) with the given label and budget. */
static long long request(struct world *w, const char *tlp, const char *cur,
			 const char *budget)
{
	struct assist_request_in in = {
		.country = "KE", .title = "Forensics", .topic = "digital-forensics",
		.beneficiary = "DCI Cyber Unit", .targets = "police,prosecutors",
		.languages = "en,sw", .date_from = "2030-01-10", .date_to = "2030-03-01",
		.urgency = "3", .modes = "in_person,online", .budget_currency = cur,
		.budget_amount = budget, .tlp = tlp,
	};
	struct err e = { 0 };
	long long id = 0;

	if (assist_request_add(w->s, w->p, &w->ke, &in, &id, E))
		fail_msg("request: %s", e.msg);
	return id;
}

static long long offer(struct world *w, const struct actor *a, const char *org,
		       const char *topics, const char *langs, const char *modes,
		       const char *regions, const char *capacity)
{
	struct assist_offer_in in = {
		.org = org, .title = "Offer", .topics = topics, .regions = regions,
		.languages = langs, .modes = modes, .capacity = capacity,
	};
	struct err e = { 0 };
	long long id = 0;

	if (assist_offer_add(w->s, w->p, a, &in, &id, E))
		fail_msg("offer: %s", e.msg);
	return id;
}

static void fund(struct world *w, long long id, const char *donor, const char *kind,
		 const char *cur, const char *amount, int expect)
{
	struct assist_fund_in in = { donor, kind, cur, amount, "2030-01-01" };
	struct err e = { 0 };
	int rc = assist_fund(w->s, w->p, &w->cur, id, &in, E);

	if (rc != expect)
		fail_msg("fund %s %s %s %s: %d %s", donor, kind, cur, amount, rc, e.msg);
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

static size_t audits(struct world *w, const char *action)
{
	struct audit_filter f = { .action = action };
	struct audit_entry *en;
	size_t n;
	struct err e = { 0 };

	assert_int_equal(audit_list(w->s, w->p, &f, 1000, 0, &en, &n, E), ERR_OK);
	return n;
}

/* Every move of the table is allowed to exactly the people it names, and every move
 * it lacks is ERR_CONFLICT naming both stages. */
static void test_lifecycle(void **state)
{
	struct world w;
	struct err e = { 0 };
	long long id, o, m;
	struct {
		const struct actor *a;
		unsigned who;
	} people[7];
	size_t moves = 0;

	(void)state;
	world_make(&w);
	id = request(&w, "GREEN", NULL, NULL);
	o = offer(&w, &w.prov, NULL, "digital-forensics", "en", "online", "", "3");
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.cur, id, o, &m, E), ERR_OK);
	assert_int_equal(assist_match_answer(w.s, w.p, &w.prov, m, 1, NULL, E), ERR_OK);
	fund(&w, id, "GIZ", "pledge", "EUR", "100", ERR_OK);
	people[0].a = &w.ke, people[0].who = AW_FOCAL;
	people[1].a = &w.ng, people[1].who = 0;
	people[2].a = &w.cur, people[2].who = AW_CURATOR;
	people[3].a = &w.prov, people[3].who = AW_PROVIDER;
	people[4].a = &w.prov2, people[4].who = 0;
	people[5].a = &w.donor, people[5].who = AW_DONOR;
	people[6].a = &w.rd, people[6].who = 0;
	for (size_t i = 0; i < assist_move_count; i++) {
		const struct assist_move_rule *r = &assist_moves[i];

		for (size_t k = 0; k < 7; k++) {
			int rc;

			force(&w, id, r->from);
			rc = assist_move(w.s, w.p, people[k].a, id, assist_stage_names[r->to],
					 "a reason", E);
			if (people[k].who & r->who) {
				if (rc)
					fail_msg("%s -> %s by %s: %s", assist_stage_names[r->from],
						 assist_stage_names[r->to], people[k].a->name, e.msg);
				moves++;
			} else if (rc != ERR_FORBIDDEN) {
				fail_msg("%s -> %s by %s: %d %s", assist_stage_names[r->from],
					 assist_stage_names[r->to], people[k].a->name, rc, e.msg);
			}
		}
	}
	assert_int_equal(audits(&w, "assist.move"), moves);
	/* the moves the table lacks, even for a curator */
	for (int from = 0; from < AS_STAGE_COUNT; from++)
		for (int to = 0; to < AS_STAGE_COUNT; to++) {
			if (assist_move_rule((enum assist_stage)from, (enum assist_stage)to))
				continue;
			force(&w, id, (enum assist_stage)from);
			assert_int_equal(assist_move(w.s, w.p, &w.cur, id, assist_stage_names[to],
						     "x", E), ERR_CONFLICT);
			assert_non_null(strstr(e.msg, assist_stage_titles[from]));
			assert_non_null(strstr(e.msg, assist_stage_titles[to]));
		}
	/* declining and withdrawing say why; an unknown stage is named */
	force(&w, id, AS_REQUESTED);
	assert_int_equal(assist_move(w.s, w.p, &w.cur, id, "declined", "", E), ERR_INVALID);
	assert_non_null(strstr(e.msg, "comment"));
	assert_int_equal(assist_move(w.s, w.p, &w.ke, id, "withdrawn", NULL, E), ERR_INVALID);
	assert_int_equal(assist_move(w.s, w.p, &w.cur, id, "assessed", NULL, E), ERR_OK);
	assert_int_equal(assist_move(w.s, w.p, &w.cur, id, "nowhere", NULL, E), ERR_INVALID);
	/* the timeline has every move with its comment */
	{
		struct assist_step *st;
		size_t n;

		assert_int_equal(assist_timeline(w.s, w.p, &w.cur, id, &st, &n, E), ERR_OK);
		assert_int_equal(n, 1 + moves + 1);
		assert_string_equal(st[0].to, "requested");
		assert_null(st[0].from);
		assert_string_equal(st[1].comment, "a reason");
	}
	world_free(&w);
}

/* What the moves need besides who: an accepted match, the budget pledged. */
static void test_conditions(void **state)
{
	struct world w;
	struct err e = { 0 };
	long long id, o, m;

	(void)state;
	world_make(&w);
	id = request(&w, "GREEN", "EUR", "1000.00");
	o = offer(&w, &w.prov, NULL, "digital-forensics", "en", "online", "", "3");
	assert_int_equal(assist_move(w.s, w.p, &w.cur, id, "assessed", NULL, E), ERR_OK);
	assert_int_equal(assist_move(w.s, w.p, &w.cur, id, "matched", NULL, E), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "accepted match"));
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.cur, id, o, &m, E), ERR_OK);
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.cur, id, o, &m, E), ERR_CONFLICT);
	assert_int_equal(assist_move(w.s, w.p, &w.cur, id, "matched", NULL, E), ERR_CONFLICT);
	/* only the provider answers; once */
	assert_int_equal(assist_match_answer(w.s, w.p, &w.prov2, m, 1, NULL, E), ERR_FORBIDDEN);
	assert_int_equal(assist_match_answer(w.s, w.p, &w.cur, m, 1, NULL, E), ERR_FORBIDDEN);
	assert_int_equal(assist_match_answer(w.s, w.p, &w.prov, m, 1, "yes", E), ERR_OK);
	assert_int_equal(assist_match_answer(w.s, w.p, &w.prov, m, 0, NULL, E), ERR_CONFLICT);
	assert_int_equal(assist_move(w.s, w.p, &w.cur, id, "matched", NULL, E), ERR_OK);
	/* pledges in the budget's currency must reach it; others do not count */
	fund(&w, id, "GIZ", "pledge", "EUR", "600", ERR_OK);
	fund(&w, id, "Norway", "pledge", "USD", "400", ERR_OK);
	assert_int_equal(assist_move(w.s, w.p, &w.cur, id, "funded", NULL, E), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "400.00 EUR"));
	fund(&w, id, "Norway", "pledge", "EUR", "400", ERR_OK);
	/* the donor that pledged may move it too */
	assert_int_equal(assist_move(w.s, w.p, &w.donor, id, "funded", NULL, E), ERR_OK);
	assert_int_equal(assist_move(w.s, w.p, &w.prov, id, "in_delivery", NULL, E), ERR_OK);
	assert_int_equal(assist_move(w.s, w.p, &w.prov, id, "delivered", NULL, E), ERR_OK);
	/* evaluation: by the beneficiary, of a provider with an accepted match */
	assert_int_equal(assist_evaluate(w.s, w.p, &w.prov, id, "CoE", 4, NULL, E),
			 ERR_FORBIDDEN);
	assert_int_equal(assist_evaluate(w.s, w.p, &w.ke, id, "Other", 4, NULL, E),
			 ERR_CONFLICT);
	assert_int_equal(assist_evaluate(w.s, w.p, &w.ke, id, "CoE", 6, NULL, E), ERR_INVALID);
	assert_non_null(strstr(e.msg, "rating"));
	assert_int_equal(assist_evaluate(w.s, w.p, &w.ke, id, "CoE", 4, "gap:un-cc/7", E),
			 ERR_INVALID);
	assert_int_equal(assist_evaluate(w.s, w.p, &w.ke, id, "CoE", 4, "", E), ERR_OK);
	assert_int_equal(assist_move(w.s, w.p, &w.ke, id, "evaluated", NULL, E), ERR_OK);
	assert_int_equal(assist_move(w.s, w.p, &w.cur, id, "closed", NULL, E), ERR_OK);
	assert_int_equal(audits(&w, "assist.match"), 1);
	assert_int_equal(audits(&w, "assist.match_accept"), 1);
	assert_int_equal(audits(&w, "assist.evaluate"), 1);
	assert_int_equal(audits(&w, "assist.fund"), 3);
	assert_int_equal(audits(&w, "assist.request"), 1);
	world_free(&w);
}

/* Evaluating closes the stated needs the request answers: they leave the ranked list. */
static void test_evaluation_closes_needs(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct need_stated in = { .country = "KE", .topic = "digital-forensics",
				  .target = "police", .urgency = 3, .note = "a lab" };
	struct need_stated *n;
	struct need *ranked;
	struct needs_query q = { 0 };
	long long need, id, o, m;
	size_t nr, before;

	(void)state;
	world_make(&w);
	assert_int_equal(needs_state(w.s, &w.ke, &in, &need, E), ERR_OK);
	{
		struct assist_request_in r = {
			.country = "KE", .title = "Lab", .topic = "digital-forensics",
			.beneficiary = "DCI", .targets = "police", .languages = "en",
			.needs = pool_printf(w.p, "stated:%lld,gap:un-cc/7", need),
		};

		assert_int_equal(assist_request_add(w.s, w.p, &w.ke, &r, &id, E), ERR_OK);
	}
	assert_int_equal(needs_country(w.s, w.p, &w.ke, NULL, "KE", &q, &ranked, &before, E),
			 ERR_OK);
	o = offer(&w, &w.prov, NULL, "digital-forensics", "en", "online", "", "3");
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.cur, id, o, &m, E), ERR_OK);
	assert_int_equal(assist_match_answer(w.s, w.p, &w.prov, m, 1, NULL, E), ERR_OK);
	force(&w, id, AS_DELIVERED);
	assert_int_equal(assist_evaluate(w.s, w.p, &w.ke, id, "CoE", 4,
					 pool_printf(w.p, "stated:%lld", need), E), ERR_OK);
	assert_int_equal(needs_get(w.s, w.p, &w.ke, need, &n, E), ERR_OK);
	assert_non_null(n->closed_at);
	assert_non_null(strstr(n->close_note, "assistance request"));
	assert_int_equal(needs_country(w.s, w.p, &w.ke, NULL, "KE", &q, &ranked, &nr, E),
			 ERR_OK);
	assert_int_equal(nr + 1, before);
	assert_int_equal(audits(&w, "need.close"), 1);
	/* again (a new rating replaces the old): the need is closed already */
	assert_int_equal(assist_evaluate(w.s, w.p, &w.ke, id, "CoE", 5,
					 pool_printf(w.p, "stated:%lld", need), E), ERR_OK);
	assert_int_equal(audits(&w, "need.close"), 1);
	assert_int_equal(audits(&w, "assist.evaluate"), 2);
	world_free(&w);
}

/* Every check names its field; the revision check; who may request. */
static void test_request_checks(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct assist_request *r;
	long long id;
	static const struct {
		const char *field, *value, *name;
	} bad[] = {
		{ "country", "XX", "country" }, { "title", "", "title" },
		{ "topic", "cooking", "topic" }, { "beneficiary", "", "beneficiary" },
		{ "targets", "police,police", "targets" }, { "targets", "", "targets" },
		{ "targets", "chefs", "targets" }, { "languages", "xx", "languages" },
		{ "languages", "eng", "languages" }, { "date_to", "2029-01-01", "date_to" },
		{ "date_from", "2030-02-30", "date_from" }, { "urgency", "4", "urgency" },
		{ "modes", "telepathy", "modes" }, { "budget_amount", "-5", "budget_amount" },
		{ "budget_currency", "ZZZ", "budget_currency: 'ZZZ'" },
		{ "needs", "stated:999", "needs" }, { "needs", "gap:un-cc/999", "needs" },
		{ "needs", "answer:999/legal.x", "needs" }, { "needs", "wish:1", "needs" },
		{ "tlp", "RED", "tlp" },
	};

	(void)state;
	world_make(&w);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct assist_request_in in = {
			.country = "KE", .title = "T", .topic = "cert", .beneficiary = "B",
			.targets = "police", .languages = "en", .date_from = "2030-01-01",
			.date_to = "2030-02-01", .budget_currency = "EUR",
			.budget_amount = "10",
		};
		const char **f = !strcmp(bad[i].field, "country") ? &in.country :
			!strcmp(bad[i].field, "title") ? &in.title :
			!strcmp(bad[i].field, "topic") ? &in.topic :
			!strcmp(bad[i].field, "beneficiary") ? &in.beneficiary :
			!strcmp(bad[i].field, "targets") ? &in.targets :
			!strcmp(bad[i].field, "languages") ? &in.languages :
			!strcmp(bad[i].field, "date_to") ? &in.date_to :
			!strcmp(bad[i].field, "date_from") ? &in.date_from :
			!strcmp(bad[i].field, "urgency") ? &in.urgency :
			!strcmp(bad[i].field, "modes") ? &in.modes :
			!strcmp(bad[i].field, "budget_amount") ? &in.budget_amount :
			!strcmp(bad[i].field, "budget_currency") ? &in.budget_currency :
			!strcmp(bad[i].field, "needs") ? &in.needs : &in.tlp;

		*f = bad[i].value;
		if (assist_request_add(w.s, w.p, &w.cur, &in, &id, E) != ERR_INVALID ||
		    strncmp(e.msg, bad[i].name, strlen(bad[i].name)))
			fail_msg("%s=%s: %s", bad[i].field, bad[i].value, e.msg);
	}
	assert_int_equal(audits(&w, "assist.request"), 0);
	/* who: the country's focal point, curators; not another country's, not readers */
	{
		struct assist_request_in in = {
			.country = "ken", .title = "T", .topic = "cert", .beneficiary = "B",
			.targets = "police", .languages = "en", .needs = "gap:un-cc/7",
		};

		assert_int_equal(assist_request_add(w.s, w.p, &w.ng, &in, &id, E), ERR_FORBIDDEN);
		assert_int_equal(assist_request_add(w.s, w.p, &w.rd, &in, &id, E), ERR_FORBIDDEN);
		assert_int_equal(assist_request_add(w.s, w.p, &w.prov, &in, &id, E),
				 ERR_FORBIDDEN);
		assert_int_equal(assist_request_add(w.s, w.p, &w.cur, &in, &id, E), ERR_OK);
		assert_int_equal(assist_request_get(w.s, w.p, &w.cur, id, &r, E), ERR_OK);
		assert_string_equal(r->country, "KE");
		assert_int_equal(r->urgency, 2);
		assert_string_equal(r->tlp, "GREEN");
		assert_int_equal(r->revision, 1);
		/* edits name their revision */
		in.title = "T2";
		assert_int_equal(assist_request_edit(w.s, w.p, &w.ke, id, 1, &in, E), ERR_OK);
		assert_int_equal(assist_request_edit(w.s, w.p, &w.ke, id, 1, &in, E),
				 ERR_CONFLICT);
		assert_non_null(strstr(e.msg, "revision 2"));
		assert_int_equal(assist_request_edit(w.s, w.p, &w.ng, id, 2, &in, E),
				 ERR_FORBIDDEN);
		assert_int_equal(assist_request_get(w.s, w.p, &w.cur, id, &r, E), ERR_OK);
		assert_string_equal(r->title, "T2");
		assert_int_equal(r->revision, 2);
		assert_int_equal(audits(&w, "assist.edit"), 1);
	}
	world_free(&w);
}

/* The reading rule, alone and through the domain. */
static void test_reading(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct assist_request *r, *list;
	struct assist_request fake = { .country = "KE", .tlp = "AMBER" };
	long long amber, green, clear, o, m;
	size_t n;

	(void)state;
	world_make(&w);
	assert_true(assist_can_read(&w.cur, &fake, 0));
	assert_true(assist_can_read(&fixture_local, &fake, 0));
	assert_true(assist_can_read(&w.ke, &fake, 0));
	assert_false(assist_can_read(&w.ng, &fake, 0));
	assert_false(assist_can_read(&w.rd, &fake, 0));
	assert_false(assist_can_read(&w.prov, &fake, 0));
	assert_true(assist_can_read(&w.prov, &fake, 1));
	assert_false(assist_can_read(NULL, &fake, 0));
	assert_false(assist_can_read(&fixture_visitor, &fake, 1));
	fake.tlp = "GREEN";
	assert_true(assist_can_read(&w.rd, &fake, 0));
	assert_true(assist_can_read(&w.ng, &fake, 0));
	assert_false(assist_can_read(NULL, &fake, 0));
	fake.tlp = "CLEAR";
	assert_true(assist_can_read(NULL, &fake, 0));

	amber = request(&w, "AMBER", NULL, NULL);
	green = request(&w, "GREEN", NULL, NULL);
	clear = request(&w, "CLEAR", NULL, NULL);
	assert_int_equal(assist_request_get(w.s, w.p, &w.rd, amber, &r, E), ERR_NOTFOUND);
	assert_int_equal(assist_request_get(w.s, w.p, &w.ng, amber, &r, E), ERR_NOTFOUND);
	assert_int_equal(assist_request_get(w.s, w.p, &w.prov, amber, &r, E), ERR_NOTFOUND);
	assert_int_equal(assist_request_get(w.s, w.p, &w.ke, amber, &r, E), ERR_OK);
	assert_int_equal(assist_request_get(w.s, w.p, NULL, green, &r, E), ERR_NOTFOUND);
	assert_int_equal(assist_request_get(w.s, w.p, &w.rd, green, &r, E), ERR_OK);
	assert_int_equal(assist_request_get(w.s, w.p, NULL, clear, &r, E), ERR_OK);
	/* what one may not read leaks through no other door */
	{
		struct assist_suggestion *sg;
		struct assist_fund *f;
		struct assist_step *st;

		assert_int_equal(assist_suggest(w.s, w.p, &w.rd, amber, &sg, &n, E),
				 ERR_NOTFOUND);
		assert_int_equal(assist_funds(w.s, w.p, &w.rd, amber, &f, &n, E), ERR_NOTFOUND);
		assert_int_equal(assist_timeline(w.s, w.p, &w.rd, amber, &st, &n, E),
				 ERR_NOTFOUND);
	}
	assert_int_equal(assist_request_list(w.s, w.p, &w.rd, NULL, -1, &list, &n, E), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(assist_request_list(w.s, w.p, NULL, NULL, -1, &list, &n, E), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(assist_request_list(w.s, w.p, &w.ke, "KE", -1, &list, &n, E), ERR_OK);
	assert_int_equal(n, 3);
	/* the provider matched to it reads it */
	o = offer(&w, &w.prov, NULL, "digital-forensics", "en", "online", "", "3");
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.cur, amber, o, &m, E), ERR_OK);
	assert_int_equal(assist_request_get(w.s, w.p, &w.prov, amber, &r, E), ERR_OK);
	assert_int_equal(assist_request_get(w.s, w.p, &w.prov2, amber, &r, E), ERR_NOTFOUND);
	assert_int_equal(assist_request_list(w.s, w.p, &w.prov, NULL, -1, &list, &n, E), ERR_OK);
	assert_int_equal(n, 3);
	/* declined: no longer */
	assert_int_equal(assist_match_answer(w.s, w.p, &w.prov, m, 0, "busy", E), ERR_OK);
	assert_int_equal(assist_request_get(w.s, w.p, &w.prov, amber, &r, E), ERR_NOTFOUND);
	assert_int_equal(audits(&w, "assist.match_decline"), 1);
	world_free(&w);
}

/* By organisation: a provider's matches and a donor's funding, of the requests the
 * asker may read only, each with its request; other organisations' rows absent. */
static void test_by_org(void **state)
{
	struct world w;
	struct err e = { 0 };
	const struct assist_request **q;
	struct assist_match *m;
	struct assist_fund *f;
	struct assist_activity *act;
	long long amber, green, o, o2, mid, coe, giz;
	size_t n;

	(void)state;
	world_make(&w);
	coe = fixture_org_id(w.s, "CoE");
	giz = fixture_org_id(w.s, "GIZ");
	amber = request(&w, "AMBER", "EUR", "1000");
	green = request(&w, "GREEN", "EUR", "1000");
	o = offer(&w, &w.prov, NULL, "digital-forensics", "en", "online", "", "3");
	o2 = offer(&w, &w.prov2, NULL, "digital-forensics", "en", "online", "", "3");
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.cur, amber, o, &mid, E), ERR_OK);
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.cur, green, o, &mid, E), ERR_OK);
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.cur, green, o2, &mid, E), ERR_OK);
	fund(&w, amber, "GIZ", "pledge", "EUR", "10", ERR_OK);
	fund(&w, green, "GIZ", "pledge", "EUR", "20", ERR_OK);
	fund(&w, green, "Norway", "pledge", "EUR", "30", ERR_OK);

	assert_int_equal(assist_org_matches(w.s, w.p, &w.cur, coe, &m, &q, &n, E), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(q[0]->id, amber);
	assert_int_equal(m[1].request, green);
	assert_int_equal(q[1]->id, green);
	/* a reader: the GREEN one only; the public: none */
	assert_int_equal(assist_org_matches(w.s, w.p, &w.rd, coe, &m, &q, &n, E), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(q[0]->id, green);
	assert_int_equal(assist_org_matches(w.s, w.p, NULL, coe, &m, &q, &n, E), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(assist_org_funds(w.s, w.p, &w.cur, giz, &f, &q, &n, E), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(f[0].amount, 1000);
	assert_int_equal(q[1]->id, green);
	assert_int_equal(assist_org_funds(w.s, w.p, &w.ng, giz, &f, &q, &n, E), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].amount, 2000);
	assert_int_equal(assist_org_activities(w.s, w.p, &w.cur, coe, &act, &n, E), ERR_OK);
	assert_int_equal(n, 0);
	world_free(&w);
}

/* Suggestions: the topic is required, each term shown, best first. */
static void test_suggest(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct assist_suggestion *sg;
	long long id, world_offer, africa, other_topic, gone, asia, m;
	size_t n;
	const char *why;

	(void)state;
	world_make(&w);
	id = request(&w, "GREEN", NULL, NULL);
	/* en and sw, both modes, the world, capacity 2: everything */
	world_offer = offer(&w, &w.prov, NULL, "digital-forensics", "en,sw",
			    "online,in_person", "", "2");
	/* half the languages, one of two modes, Africa (002), 4 a year */
	africa = offer(&w, &w.prov2, NULL, "cert,digital-forensics", "en,fr", "in_person",
		       "002", "4");
	other_topic = offer(&w, &w.prov, NULL, "cert", "en,sw", "online", "", "5");
	gone = offer(&w, &w.cur, "Other", "digital-forensics", "en,sw", "online", "", "5");
	asia = offer(&w, &w.cur, "Other", "digital-forensics", "fr", "equipment", "142", "1");
	assert_int_equal(assist_offer_withdraw(w.s, w.p, &w.prov, gone, E), ERR_FORBIDDEN);
	assert_int_equal(assist_offer_withdraw(w.s, w.p, &w.prov2, gone, E), ERR_OK);
	assert_int_equal(assist_offer_withdraw(w.s, w.p, &w.prov2, gone, E), ERR_CONFLICT);
	assert_int_equal(assist_suggest(w.s, w.p, &w.ke, id, &sg, &n, E), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(sg[0].offer->id, world_offer);
	assert_int_equal(sg[1].offer->id, africa);
	assert_int_equal(sg[2].offer->id, asia);
	(void)other_topic;
	/* 3 + 2 + 2 + 1 + 2 x 0.5 */
	assert_true(sg[0].score > 8.999 && sg[0].score < 9.001);
	/* 3 x 0.5 + 2 + 2 + 1 x 0.5 + 1 */
	assert_true(sg[1].score > 6.999 && sg[1].score < 7.001);
	/* 0 + 0 + 2 + 0 + 1 */
	assert_true(sg[2].score > 2.999 && sg[2].score < 3.001);
	why = assist_reasons(w.p, &sg[1]);
	assert_non_null(strstr(why, "1 of 2 languages (en)"));
	assert_non_null(strstr(why, "offered in the region of KE"));
	assert_non_null(strstr(why, "4 of 4 activities left in 2030"));
	assert_non_null(strstr(why, "1 of 2 modes (in_person)"));
	assert_non_null(strstr(why, "no evaluations yet"));
	why = assist_reasons(w.p, &sg[2]);
	assert_non_null(strstr(why, "not offered in the region of KE"));
	/* a withdrawn offer is not matched; nor one without the topic */
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.cur, id, gone, &m, E), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "withdrawn"));
	assert_int_equal(strncmp(e.msg, "offer:", 6), 0);
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.cur, id, other_topic, &m, E),
			 ERR_CONFLICT);
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.ke, id, africa, &m, E),
			 ERR_FORBIDDEN);
	/* an accepted match takes capacity; an evaluation counts */
	assert_int_equal(assist_match_confirm(w.s, w.p, &w.cur, id, world_offer, &m, E), ERR_OK);
	assert_int_equal(assist_match_answer(w.s, w.p, &w.prov, m, 1, NULL, E), ERR_OK);
	force(&w, id, AS_DELIVERED);
	assert_int_equal(assist_evaluate(w.s, w.p, &w.ke, id, "CoE", 5, NULL, E), ERR_OK);
	{
		long long id2 = request(&w, "GREEN", NULL, NULL);
		char year[8];
		time_t now = time(NULL);

		assert_int_equal(assist_suggest(w.s, w.p, &w.ke, id2, &sg, &n, E), ERR_OK);
		assert_int_equal(sg[0].offer->id, world_offer);
		/* accepted this year, the request is for 2030: the capacity of 2030 is
		 * whole unless this is 2030 */
		strftime(year, sizeof(year), "%Y", gmtime(&now));
		assert_int_equal(sg[0].capacity_left, strcmp(year, "2030") ? 2 : 1);
		assert_true(sg[0].terms[AWT_RATING].x > 0.999);
		assert_non_null(strstr(assist_reasons(w.p, &sg[0]), "mean evaluation 5.0 of 5"));
	}
	/* offers: checks name their fields */
	{
		struct assist_offer_in in = { .title = "T", .topics = "cert", .languages = "en",
					      .modes = "online", .capacity = "0" };
		long long oid;

		assert_int_equal(assist_offer_add(w.s, w.p, &w.prov, &in, &oid, E), ERR_INVALID);
		assert_int_equal(strncmp(e.msg, "capacity:", 9), 0);
		in.capacity = "2";
		in.regions = "999";
		assert_int_equal(assist_offer_add(w.s, w.p, &w.prov, &in, &oid, E), ERR_INVALID);
		assert_int_equal(strncmp(e.msg, "regions:", 8), 0);
		in.regions = NULL;
		in.org = "Other";
		assert_int_equal(assist_offer_add(w.s, w.p, &w.prov, &in, &oid, E),
				 ERR_FORBIDDEN);
		assert_int_equal(assist_offer_add(w.s, w.p, &w.ke, &in, &oid, E), ERR_FORBIDDEN);
	}
	assert_int_equal(audits(&w, "assist.offer"), 5);
	assert_int_equal(audits(&w, "assist.offer_withdraw"), 1);
	world_free(&w);
}

/* An in-memory request for the overlap tests. */
static struct assist_request req(long long id, const char *country, const char *topic,
				 const char *key, const char *targets, const char *from,
				 const char *to)
{
	struct assist_request r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.country = country;
	r.topic = topic;
	r.beneficiary = r.beneficiary_key = key;
	r.targets = targets;
	r.date_from = from;
	r.date_to = to;
	r.created_at = "2030-05-05T10:00:00Z";
	r.tlp = "GREEN";
	r.stage = AS_REQUESTED;
	return r;
}

static size_t brute(struct assist_request *r, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			char f1[11], t1[11], f2[11], t2[11];
			int shared = 0;

			if (!assist_stage_open(r[i].stage) || !assist_stage_open(r[j].stage) ||
			    strcmp(r[i].topic, r[j].topic) || strcmp(r[i].country, r[j].country))
				continue;
			assist_period(&r[i], f1, t1);
			assist_period(&r[j], f2, t2);
			if (strcmp(f1, t2) > 0 || strcmp(f2, t1) > 0)
				continue;
			for (const char *at = r[i].targets; *at;) {
				size_t len = strcspn(at, ",");
				char item[32];

				snprintf(item, sizeof(item), "%.*s", (int)len, at);
				shared |= assist_list_has(r[j].targets, item);
				at += len + (at[len] != 0);
			}
			k += shared || !strcmp(r[i].beneficiary_key, r[j].beneficiary_key);
		}
	return k;
}

static void test_overlaps(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct assist_overlap *o;
	size_t n;
	pool *p = pool_new();
	struct assist_request r[8];

	(void)state;
	r[0] = req(1, "KE", "cert", "dci cyber unit", "police", "2030-01-01", "2030-02-01");
	r[1] = req(2, "KE", "cert", "dci cyber unit", "judges", "2030-02-01", "2030-03-01");
	r[2] = req(3, "KE", "cert", "odpp", "judges", "2030-02-15", "2030-02-20");
	r[3] = req(4, "KE", "cert", "odpp", "police", "2030-03-02", "2030-04-01");
	r[4] = req(5, "KE", "cert", "judiciary", "judges", NULL, NULL);	/* all 2030 */
	r[5] = req(6, "NG", "cert", "dci cyber unit", "police", "2030-01-01", "2030-02-01");
	r[6] = req(7, "KE", "cryptocurrency", "odpp", "judges", "2030-02-15", "2030-02-20");
	r[7] = req(8, "KE", "cert", "odpp", "judges", "2030-02-15", "2030-02-20");
	r[7].stage = AS_WITHDRAWN;
	assist_overlaps_find(p, r, 8, &o, &n);
	/* 1-2 same beneficiary (the days touch), 2-3 judges, 2-5 judges, 3-5 judges,
	 * 4-5? police vs judges: no; 1-5? police vs judges, other beneficiary: no */
	assert_int_equal(n, 4);
	assert_int_equal(o[0].a->id, 1);
	assert_int_equal(o[0].b->id, 2);
	assert_int_equal(o[0].kind, AO_BENEFICIARY);
	assert_int_equal(o[1].a->id, 2);
	assert_int_equal(o[1].b->id, 3);
	assert_int_equal(o[1].kind, AO_TARGET);
	assert_string_equal(o[1].target, "judges");
	assert_int_equal(o[2].a->id, 2);
	assert_int_equal(o[2].b->id, 5);
	assert_int_equal(o[3].a->id, 3);
	assert_int_equal(o[3].b->id, 5);
	assert_int_equal(brute(r, 8), 4);
	/* 20,000 requests: the same as comparing every pair, and fast */
	{
		static const char *const countries[] = { "KE", "NG", "GH", "FR", "BR", "IN",
							  "JP", "US", "ZA", "EG" };
		static const char *const topics[] = { "cert", "cryptocurrency", "prevention",
						       "digital-forensics", "human-rights" };
		static const char *const targets[] = { "police", "judges", "prosecutors",
							"police,judges", "cert-staff" };
		size_t big = 20000, small = 3000;
		struct assist_request *many = pool_calloc(p, big, sizeof(*many));
		struct timespec t0, t1;
		double secs;

		srand(16);
		for (size_t i = 0; i < big; i++) {
			int m1 = 1 + rand() % 12, d1 = 1 + rand() % 28, len = rand() % 40;
			int m2 = m1 + len / 28 > 12 ? 12 : m1 + len / 28;

			many[i] = req((long long)i + 1, countries[rand() % 10], topics[rand() % 5],
				      pool_printf(p, "inst %d", rand() % 400),
				      targets[rand() % 5],
				      rand() % 10 ? pool_printf(p, "2030-%02d-%02d", m1, d1) : NULL,
				      NULL);
			if (many[i].date_from)
				many[i].date_to = pool_printf(p, "2030-%02d-%02d", m2,
							      m2 > m1 ? 1 + rand() % 28 : d1);
			if (!(rand() % 20))
				many[i].stage = AS_CLOSED;
		}
		assist_overlaps_find(p, many, small, &o, &n);
		assert_int_equal(n, brute(many, small));
		/* CPU time: a busy machine does not inflate it */
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
		assist_overlaps_find(p, many, big, &o, &n);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
		secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		print_message("overlaps of 20,000 requests: %zu pairs in %.3f s of CPU\n", n,
			      secs);
		assert_true(n > 0);
		assert_true(secs < SLOW * 1.0);
	}
	pool_free(p);
	/* through the store: what one may read, beneficiaries compared folded */
	world_make(&w);
	{
		long long a = request(&w, "GREEN", NULL, NULL), b;
		struct assist_request_in in = {
			.country = "KE", .title = "Again", .topic = "digital-forensics",
			.beneficiary = "  dci   CYBER unit ", .targets = "judges",
			.languages = "en", .date_from = "2030-02-01", .date_to = "2030-02-10",
			.tlp = "AMBER",
		};

		assert_int_equal(assist_request_add(w.s, w.p, &w.cur, &in, &b, E), ERR_OK);
		assert_int_equal(assist_overlaps(w.s, w.p, &w.cur, NULL, &o, &n, E), ERR_OK);
		assert_int_equal(n, 1);
		assert_int_equal(o[0].a->id, a);
		assert_int_equal(o[0].b->id, b);
		assert_int_equal(o[0].kind, AO_BENEFICIARY);
		assert_int_equal(assist_overlaps(w.s, w.p, &w.rd, NULL, &o, &n, E), ERR_OK);
		assert_int_equal(n, 0);
	}
	world_free(&w);
}

/* Exact amounts: minor units 0, 2, 3; parse errors; overflow. */
static void test_amounts(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct assist_currency *c;
	long long v, sum;
	pool *p = pool_new();
	static const struct {
		const char *text;
		int minor;
		long long want;		/* -1: an error */
	} cases[] = {
		{ "1234", 0, 1234 }, { "1234.", 0, -1 }, { "12.5", 0, -1 },
		{ "1234.56", 2, 123456 }, { "1234.5", 2, 123450 }, { "7", 2, 700 },
		{ "12.345", 2, -1 }, { "12.345", 3, 12345 }, { "0.001", 3, 1 },
		{ "1.2345", 4, 12345 }, { "0", 2, -1 }, { "0.00", 2, -1 }, { "-5", 2, -1 },
		{ "+5", 2, -1 }, { "1e3", 2, -1 }, { "1,000", 2, -1 }, { ".5", 2, -1 },
		{ "", 2, -1 }, { " 5", 2, -1 }, { "5 ", 2, -1 }, { "1.2.3", 2, -1 },
		{ "10000000000000.00", 2, 1000000000000000LL },
		{ "10000000000000.01", 2, -1 }, { "1000000000000000", 0, 1000000000000000LL },
		{ "1000000000000001", 0, -1 }, { "99999999999999999999999", 0, -1 },
		{ "9223372036854775807", 2, -1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = assist_amount_parse("amount", cases[i].text, cases[i].minor, 0, &v, E);

		if (cases[i].want < 0 ? rc != ERR_INVALID || strncmp(e.msg, "amount:", 7) :
					rc || v != cases[i].want)
			fail_msg("'%s' (%d): %d %lld %s", cases[i].text, cases[i].minor, rc, v,
				 e.msg);
	}
	assert_int_equal(assist_amount_parse("amount", "0", 2, 1, &v, E), ERR_OK);
	assert_int_equal(v, 0);
	assert_string_equal(assist_amount_text(p, 123456, 2), "1234.56");
	assert_string_equal(assist_amount_text(p, 5, 2), "0.05");
	assert_string_equal(assist_amount_text(p, 1234, 0), "1234");
	assert_string_equal(assist_amount_text(p, 12345, 3), "12.345");
	assert_string_equal(assist_amount_text(p, -150, 2), "-1.50");
	sum = 0;
	assert_int_equal(assist_add(&sum, ASSIST_MAX_AMOUNT), 0);
	assert_int_equal(assist_add(&sum, -1), -1);
	sum = ASSIST_MAX_AMOUNT * 1000 - 1;
	assert_int_equal(assist_add(&sum, 2), -1);
	assert_int_equal(sum, ASSIST_MAX_AMOUNT * 1000 - 1);
	assert_int_equal(assist_add(&sum, 1), 0);
	pool_free(p);
	/* the currencies of iso-codes with their minor units */
	world_make(&w);
	assert_int_equal(assist_currency_get(w.s, w.p, "eur", &c, E), ERR_OK);
	assert_string_equal(c->code, "EUR");
	assert_int_equal(c->minor, 2);
	assert_int_equal(assist_currency_get(w.s, w.p, "JPY", &c, E), ERR_OK);
	assert_int_equal(c->minor, 0);
	assert_int_equal(assist_currency_get(w.s, w.p, "BHD", &c, E), ERR_OK);
	assert_int_equal(c->minor, 3);
	assert_int_equal(assist_currency_get(w.s, w.p, "KWD", &c, E), ERR_OK);
	assert_int_equal(c->minor, 3);
	assert_int_equal(assist_currency_get(w.s, w.p, "ZZZ", &c, E), ERR_INVALID);
	assert_int_equal(strncmp(e.msg, "currency:", 9), 0);
	assert_int_equal(assist_currency_get(w.s, w.p, "EURO", &c, E), ERR_INVALID);
	world_free(&w);
}

/* Pledges, disbursements within them, the gap, totals. */
static void test_funding(void **state)
{
	struct world w;
	struct err e = { 0 };
	struct assist_fund *f;
	struct assist_sum *other, *t;
	struct assist_request *r;
	long long id, id2, gap, pledged;
	size_t n, nother;

	(void)state;
	world_make(&w);
	id = request(&w, "GREEN", "JPY", "1000000");
	id2 = request(&w, "GREEN", "BHD", "10.500");
	fund(&w, id, "GIZ", "pledge", "JPY", "600000", ERR_OK);
	fund(&w, id, "GIZ", "pledge", "JPY", "600000.5", ERR_INVALID);
	fund(&w, id, "GIZ", "disbursement", "JPY", "600001", ERR_INVALID);
	fund(&w, id, "GIZ", "disbursement", "JPY", "400000", ERR_OK);
	fund(&w, id, "GIZ", "disbursement", "JPY", "200001", ERR_INVALID);
	{
		struct assist_fund_in in = { "GIZ", "disbursement", "JPY", "200001",
					     "2030-01-01" };

		assert_int_equal(assist_fund(w.s, w.p, &w.cur, id, &in, E), ERR_INVALID);
		assert_non_null(strstr(e.msg, "above the pledges of GIZ (600000 JPY)"));
	}
	fund(&w, id, "GIZ", "disbursement", "JPY", "200000", ERR_OK);
	/* another donor's pledge or another currency does not cover GIZ */
	fund(&w, id, "Norway", "pledge", "JPY", "100000", ERR_OK);
	fund(&w, id, "GIZ", "disbursement", "JPY", "1", ERR_INVALID);
	fund(&w, id, "GIZ", "pledge", "EUR", "50.25", ERR_OK);
	fund(&w, id, "GIZ", "disbursement", "EUR", "50.26", ERR_INVALID);
	fund(&w, id, "CoE", "pledge", "EUR", "5", ERR_INVALID);	/* not a donor */
	fund(&w, id, "GIZ", "gift", "EUR", "5", ERR_INVALID);
	fund(&w, id, "GIZ", "pledge", "ZZZ", "5", ERR_INVALID);
	fund(&w, id, "GIZ", "pledge", "EUR", "-5", ERR_INVALID);
	fund(&w, id2, "GIZ", "pledge", "BHD", "10.5", ERR_OK);
	fund(&w, id2, "GIZ", "pledge", "BHD", "10.0005", ERR_INVALID);
	/* only the donor's accounts and curators */
	{
		struct assist_fund_in in = { "GIZ", "pledge", "EUR", "1", "2030-01-01" };

		assert_int_equal(assist_fund(w.s, w.p, &w.prov, id, &in, E), ERR_FORBIDDEN);
		assert_int_equal(assist_fund(w.s, w.p, &w.ke, id, &in, E), ERR_FORBIDDEN);
		assert_int_equal(assist_fund(w.s, w.p, &w.donor, id, &in, E), ERR_OK);
		in.on_date = "2030-13-01";
		assert_int_equal(assist_fund(w.s, w.p, &w.donor, id, &in, E), ERR_INVALID);
		assert_int_equal(strncmp(e.msg, "on:", 3), 0);
	}
	assert_int_equal(assist_request_get(w.s, w.p, &w.cur, id, &r, E), ERR_OK);
	assert_int_equal(assist_funds(w.s, w.p, &w.cur, id, &f, &n, E), ERR_OK);
	assert_int_equal(n, 6);
	assert_int_equal(assist_gap(w.p, r, f, n, &gap, &pledged, &other, &nother, E), ERR_OK);
	assert_int_equal(pledged, 700000);
	assert_int_equal(gap, 300000);
	assert_int_equal(nother, 1);
	assert_string_equal(other[0].currency, "EUR");
	assert_int_equal(other[0].pledged, 5125);
	assert_int_equal(other[0].disbursed, 0);
	/* totals by donor and currency */
	assert_int_equal(assist_totals(w.s, w.p, &w.cur, "donor", &t, &n, E), ERR_OK);
	assert_int_equal(n, 4);	/* GIZ BHD, EUR, JPY; Norway JPY */
	assert_string_equal(t[0].key, "GIZ");
	assert_string_equal(t[0].currency, "BHD");
	assert_int_equal(t[0].pledged, 10500);
	assert_int_equal(t[0].minor, 3);
	assert_string_equal(t[2].currency, "JPY");
	assert_int_equal(t[2].pledged, 600000);
	assert_int_equal(t[2].disbursed, 600000);
	assert_int_equal(assist_totals(w.s, w.p, &w.cur, "region", &t, &n, E), ERR_OK);
	assert_int_equal(n, 3);
	assert_string_equal(t[0].key, "002");
	assert_int_equal(assist_totals(w.s, w.p, &w.cur, "topic", &t, &n, E), ERR_OK);
	assert_string_equal(t[0].key, "digital-forensics");
	assert_int_equal(assist_totals(w.s, w.p, &w.cur, "planet", &t, &n, E), ERR_INVALID);
	/* an AMBER request's money is not in a reader's totals */
	{
		long long amber = request(&w, "AMBER", NULL, NULL);

		fund(&w, amber, "Norway", "pledge", "CHF", "5", ERR_OK);
		assert_int_equal(assist_totals(w.s, w.p, &w.rd, "donor", &t, &n, E), ERR_OK);
		assert_int_equal(n, 4);
		assert_int_equal(assist_totals(w.s, w.p, &w.cur, "donor", &t, &n, E), ERR_OK);
		assert_int_equal(n, 5);
	}
	/* a request no longer open takes no money */
	force(&w, id2, AS_CLOSED);
	fund(&w, id2, "GIZ", "pledge", "BHD", "1", ERR_CONFLICT);
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lifecycle),
		cmocka_unit_test(test_conditions),
		cmocka_unit_test(test_evaluation_closes_needs),
		cmocka_unit_test(test_request_checks),
		cmocka_unit_test(test_reading),
		cmocka_unit_test(test_by_org),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_overlaps),
		cmocka_unit_test(test_amounts),
		cmocka_unit_test(test_funding),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
