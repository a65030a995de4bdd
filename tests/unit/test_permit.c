/* Tests of domain/permit: the permission table row by row (every role, every action,
 * own country or not, own record or organisation or not), the public, read-only
 * tokens, the command line, and the clearance each kind of account reads with (the
 * reading rules themselves are the store's: test_clearance). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/permit.h"
#include "domain/user.h"

#define R ROLE_READER
#define F ROLE_FOCAL_POINT
#define P ROLE_PROVIDER
#define C ROLE_CURATOR
#define A ROLE_ADMIN
#define PUBLIC -1

/* Records: a KE law by "ann" of organisation 3 under each label and status. */
static struct record rec(const char *tlp, enum record_status st)
{
	struct record r = { .id = 1, .country = "KE", .status = st, .tlp = tlp,
			    .created_by = "ann", .created_by_user = 11, .owner_org = 3 };

	return r;
}

static struct actor who(int role, const char *name, const char *country)
{
	struct actor a = { .name = name, .role = role, .country = country,
			   .user_id = role == PUBLIC ? 0 : !strcmp(name, "ann") ? 11 : 7,
			   .org_id = !strcmp(name, "po") ? 3 : 9 };	/* "po": ann's colleague */

	return a;
}

static const struct row {
	int role;
	const char *name, *country;	/* the account */
	enum record_action act;
	const char *tlp;		/* the record; NULL: no record (create) */
	enum record_status st;
	int want;			/* ERR_OK, ERR_FORBIDDEN, ERR_NOTFOUND */
} rows[] = {
	/* reading is the store's (test_clearance): a record in hand was read through the
	 * caller's clearance */
	{ PUBLIC, "x", NULL, ACT_READ, "CLEAR", ST_PUBLISHED, ERR_OK },
	{ R, "bo", NULL, ACT_READ, "RED", ST_DRAFT, ERR_OK },
	/* creating */
	{ PUBLIC, "x", NULL, ACT_CREATE, NULL, ST_DRAFT, ERR_FORBIDDEN },
	{ R, "bo", NULL, ACT_CREATE, NULL, ST_DRAFT, ERR_FORBIDDEN },
	{ F, "fp", "KE", ACT_CREATE, NULL, ST_DRAFT, ERR_OK },
	{ F, "fp", "KE", ACT_CREATE, "CLEAR", ST_PUBLISHED, ERR_OK },
	{ F, "fp", "UG", ACT_CREATE, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ P, "pr", NULL, ACT_CREATE, NULL, ST_DRAFT, ERR_OK },
	{ P, "pr", NULL, ACT_CREATE, "CLEAR", ST_DRAFT, ERR_OK },	/* not its author yet */
	{ C, "cu", NULL, ACT_CREATE, NULL, ST_DRAFT, ERR_OK },
	{ A, "ad", NULL, ACT_CREATE, NULL, ST_DRAFT, ERR_OK },
	/* editing and submitting: own country, own record, anything */
	{ R, "bo", NULL, ACT_EDIT, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ F, "fp", "KE", ACT_EDIT, "CLEAR", ST_PUBLISHED, ERR_OK },
	{ F, "fp", "UG", ACT_EDIT, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ F, "fp", "KE", ACT_SUBMIT, "CLEAR", ST_PUBLISHED, ERR_OK },
	{ P, "ann", NULL, ACT_EDIT, "CLEAR", ST_DRAFT, ERR_OK },
	{ P, "pr", NULL, ACT_EDIT, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ P, "po", NULL, ACT_EDIT, "CLEAR", ST_PUBLISHED, ERR_OK },	/* own organisation */
	{ P, "ann", NULL, ACT_SUBMIT, "CLEAR", ST_DRAFT, ERR_OK },
	{ C, "cu", NULL, ACT_EDIT, "RED", ST_PUBLISHED, ERR_OK },
	/* publishing, withdrawing, mapping: curators and admins */
	{ F, "fp", "KE", ACT_PUBLISH, "CLEAR", ST_SUBMITTED, ERR_FORBIDDEN },
	{ P, "ann", NULL, ACT_PUBLISH, "CLEAR", ST_SUBMITTED, ERR_FORBIDDEN },
	{ C, "cu", NULL, ACT_PUBLISH, "CLEAR", ST_SUBMITTED, ERR_OK },
	{ A, "ad", NULL, ACT_WITHDRAW, "CLEAR", ST_PUBLISHED, ERR_OK },
	{ F, "fp", "KE", ACT_WITHDRAW, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ R, "bo", NULL, ACT_MAP, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ F, "fp", "KE", ACT_MAP, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ C, "cu", NULL, ACT_MAP, "CLEAR", ST_PUBLISHED, ERR_OK },
	/* a label or sharing: the owning organisation (or the author), curators, admins;
	 * not a focal point of the country who may edit the text */
	{ F, "fp", "KE", ACT_LABEL, "AMBER", ST_PUBLISHED, ERR_FORBIDDEN },
	{ F, "fp", "KE", ACT_LABEL, "CLEAR", ST_DRAFT, ERR_FORBIDDEN },
	{ R, "bo", NULL, ACT_LABEL, "AMBER", ST_PUBLISHED, ERR_FORBIDDEN },
	{ P, "pr", NULL, ACT_LABEL, "AMBER", ST_PUBLISHED, ERR_FORBIDDEN },
	{ P, "po", NULL, ACT_LABEL, "AMBER", ST_PUBLISHED, ERR_OK },	/* own organisation */
	{ P, "ann", NULL, ACT_LABEL, "RED", ST_DRAFT, ERR_OK },		/* its author */
	{ C, "cu", NULL, ACT_LABEL, "AMBER", ST_PUBLISHED, ERR_OK },
	{ A, "ad", NULL, ACT_LABEL, "RED", ST_PUBLISHED, ERR_OK },
	/* coverage of a country (the record names Kenya): assess, dispute, decide */
	{ PUBLIC, "x", NULL, ACT_ASSESS, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ R, "bo", NULL, ACT_ASSESS, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ P, "po", NULL, ACT_ASSESS, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ F, "fp", "KE", ACT_ASSESS, "CLEAR", ST_PUBLISHED, ERR_OK },
	{ F, "fp", "UG", ACT_ASSESS, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ C, "cu", NULL, ACT_ASSESS, "CLEAR", ST_PUBLISHED, ERR_OK },
	{ A, "ad", NULL, ACT_ASSESS, "CLEAR", ST_PUBLISHED, ERR_OK },
	{ F, "fp", "KE", ACT_DISPUTE, "CLEAR", ST_PUBLISHED, ERR_OK },
	{ F, "fp", "UG", ACT_DISPUTE, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ C, "cu", NULL, ACT_DISPUTE, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },	/* decides */
	{ R, "bo", NULL, ACT_DISPUTE, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ F, "fp", "KE", ACT_DECIDE, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ P, "po", NULL, ACT_DECIDE, "CLEAR", ST_PUBLISHED, ERR_FORBIDDEN },
	{ C, "cu", NULL, ACT_DECIDE, "CLEAR", ST_PUBLISHED, ERR_OK },
	{ A, "ad", NULL, ACT_DECIDE, "CLEAR", ST_PUBLISHED, ERR_OK },
	/* questionnaire templates (no record): curators and admins only */
	{ C, "cu", NULL, ACT_QUESTIONNAIRE, NULL, ST_DRAFT, ERR_OK },
	{ A, "ad", NULL, ACT_QUESTIONNAIRE, NULL, ST_DRAFT, ERR_OK },
	{ F, "fp", "KE", ACT_QUESTIONNAIRE, NULL, ST_DRAFT, ERR_FORBIDDEN },
	{ P, "po", NULL, ACT_QUESTIONNAIRE, NULL, ST_DRAFT, ERR_FORBIDDEN },
	{ R, "bo", NULL, ACT_QUESTIONNAIRE, NULL, ST_DRAFT, ERR_FORBIDDEN },
	{ PUBLIC, "x", NULL, ACT_QUESTIONNAIRE, NULL, ST_DRAFT, ERR_FORBIDDEN },
};

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *w = &rows[i];
		struct actor a = who(w->role, w->name, w->country);
		struct record r = rec(w->tlp ? w->tlp : "CLEAR", w->st);
		struct err e = { 0 };
		int got = permit(w->role == PUBLIC && !strcmp(w->name, "x") && i % 2 ? NULL : &a,
				 w->act, w->tlp ? &r : NULL, &e);

		if (got != w->want)
			fail_msg("row %zu (role %d, action %d, %s, status %d): got %d, want %d (%s)",
				 i, w->role, (int)w->act, w->tlp ? w->tlp : "-", (int)w->st, got,
				 w->want, e.msg);
		if (got != ERR_OK && !e.msg[0])
			fail_msg("row %zu: no message", i);
	}
}

static void test_tokens_and_local(void **state)
{
	struct record r = rec("CLEAR", ST_PUBLISHED);
	struct actor cu = who(C, "cu", NULL), local = { .name = "cli", .local = 1, .role = -1 };
	struct err e = { 0 };

	(void)state;
	cu.token = 1;
	assert_int_equal(permit(&cu, ACT_EDIT, &r, &e), ERR_OK);
	cu.read_only = 1;
	assert_int_equal(permit(&cu, ACT_EDIT, &r, &e), ERR_FORBIDDEN);
	assert_non_null(strstr(e.msg, "only read"));
	assert_int_equal(permit(&cu, ACT_READ, &r, NULL), ERR_OK);
	/* the command line (never an HTTP request): everything, even a RED draft */
	r = rec("RED", ST_DRAFT);
	assert_int_equal(permit(&local, ACT_READ, &r, NULL), ERR_OK);
	assert_int_equal(permit(&local, ACT_PUBLISH, &r, NULL), ERR_OK);
	/* no record to read */
	assert_int_equal(permit(NULL, ACT_READ, NULL, NULL), ERR_NOTFOUND);
}

/* The clearance each kind of actor reads with. */
static void test_clearances(void **state)
{
	struct actor fp = who(F, "fp", "KE"), cu = who(C, "cu", NULL), ad = who(A, "ad", NULL);
	struct actor rd = who(R, "bo", NULL), local = { .name = "cli", .local = 1, .role = -1 };
	struct clearance c;

	(void)state;
	record_clearance(NULL, &c);
	assert_true(!c.all && !c.curator && !c.user_id && !c.org_id && !c.country);
	record_clearance(&local, &c);
	assert_true(c.all);
	record_clearance(&fp, &c);
	assert_true(!c.all && !c.curator && c.user_id == 7 && c.org_id == 9);
	assert_string_equal(c.country, "KE");
	record_clearance(&rd, &c);
	assert_null(c.country);
	rd.country = "KE";	/* only a focal point reads by country */
	record_clearance(&rd, &c);
	assert_null(c.country);
	record_clearance(&cu, &c);
	assert_true(c.curator && !c.all);
	record_clearance(&ad, &c);
	assert_true(c.curator && !c.all);
}

/* An edit is allowed on the record as it is and as it will be: a focal point keeps its
 * records in its country; a label changes only by its owners and curators. */
static void test_edit_allowed(void **state)
{
	struct record old = rec("AMBER", ST_PUBLISHED), new = old;
	struct actor fp = who(F, "fp", "KE"), po = who(P, "po", NULL), cu = who(C, "cu", NULL);
	struct err e = { 0 };

	(void)state;
	assert_int_equal(record_edit_allowed(&fp, &old, &new, &e), ERR_OK);
	new.country = "US";
	assert_int_equal(record_edit_allowed(&fp, &old, &new, &e), ERR_FORBIDDEN);
	err_clear(&e);
	new.country = NULL;
	new.region = "002";
	assert_int_equal(record_edit_allowed(&fp, &old, &new, &e), ERR_FORBIDDEN);
	err_clear(&e);
	assert_int_equal(record_edit_allowed(&cu, &old, &new, &e), ERR_OK);
	assert_int_equal(record_edit_allowed(&po, &old, &new, &e), ERR_OK);
	new = old;
	new.tlp = "CLEAR";
	assert_int_equal(record_edit_allowed(&fp, &old, &new, &e), ERR_FORBIDDEN);
	err_clear(&e);
	new.tlp = "RED";
	assert_int_equal(record_edit_allowed(&fp, &old, &new, &e), ERR_FORBIDDEN);
	err_clear(&e);
	assert_int_equal(record_edit_allowed(&po, &old, &new, &e), ERR_OK);
	assert_int_equal(record_edit_allowed(&cu, &old, &new, &e), ERR_OK);
	new.tlp = "AMBER";
	assert_int_equal(record_edit_allowed(&fp, &old, &new, &e), ERR_OK);
}

/* The sign-in lock of a typed name is the account's, whatever its case. */
static void test_signin_key(void **state)
{
	pool *p = pool_new();

	(void)state;
	assert_string_equal(signin_user_key(p, "VICTIM"), "user:victim");
	assert_string_equal(signin_user_key(p, "ViCtIm"), signin_user_key(p, "victim"));
	assert_string_equal(user_name_fold(p, "Ann.B-2"), "ann.b-2");
	pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_tokens_and_local),
		cmocka_unit_test(test_clearances),
		cmocka_unit_test(test_edit_allowed),
		cmocka_unit_test(test_signin_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
