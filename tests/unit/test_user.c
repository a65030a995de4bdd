/* Tests of domain/user with the SQLite store on temporary files: names of roles,
 * kinds and scopes; organisations; every validation error of an account; password
 * hashing, sign-in (a wrong password, an unknown name and a disabled account give the
 * same answer), rehashing with new limits; API tokens; sessions and their expiry;
 * failed sign-in counting and locking. The clock is passed in, so expiry is tested by
 * moving it. Hashing uses libsodium's minimum limits to stay fast. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"

#include "core/log.h"
#include "domain/record.h"
#include "domain/user.h"
#include "store/sqlite/internal.h"
#include "store/store.h"

#define T0 ((time_t)1800000000)	/* 2027-01-15 */
#define PW "correct horse battery"

static struct store *S;
static pool *P;

/* A migrated database with Kenya, an organisation "UNODC" and one of Kenya's
 * authority. */
static int setup(void **state)
{
	struct err e = { 0 };

	if (fixture_group_setup(state))
		return -1;
	if (fixture_db_open("db.sqlite", FIX_KENYA, &S, &e)) {
		print_error("setup: %s\n", e.msg);
		return -1;
	}
	P = pool_new();
	fixture_org(S, "UNODC", ORG_UNODC, NULL);
	fixture_org(S, "NC4 Kenya", ORG_NATIONAL_AUTHORITY, "KE");
	return 0;
}

static int teardown(void **state)
{
	store_close(S);
	pool_free(P);
	return fixture_group_teardown(state);
}

/* One value from SQL on the test connection (white box). */
static char *sql_text(const char *sql)
{
	sqlite3_stmt *st;
	char *out = NULL;

	assert_int_equal(sqlite3_prepare_v2(((struct sq *)S)->db, sql, -1, &st, NULL),
			 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = pool_strdup(P, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* Add an account; returns its id. */
static long long add(const char *name, enum role role, const char *country)
{
	struct user u = { .username = name, .role = role, .org_name = "UNODC",
			  .country = country };
	struct err e = { 0 };

	if (user_add(S, P, &u, PW, T0, &e))
		print_error("user_add %s: %s\n", name, e.msg);
	assert_int_equal(e.code, ERR_OK);
	return u.id;
}

static void test_names(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++)
		assert_int_equal(role_parse(role_name((enum role)r)), r);
	for (int k = 0; k < ORG_KIND_COUNT; k++)
		assert_int_equal(org_kind_parse(org_kind_name((enum org_kind)k)), k);
	for (int sc = 0; sc < SCOPE_COUNT; sc++)
		assert_int_equal(token_scope_parse(token_scope_name((enum token_scope)sc)), sc);
	assert_string_equal(role_name(ROLE_FOCAL_POINT), "focal_point");
	assert_int_equal(role_parse("root"), -1);
	assert_int_equal(role_parse(NULL), -1);
	assert_int_equal(org_kind_parse("Donor"), -1);
	assert_int_equal(token_scope_parse("admin"), -1);
}

static void test_orgs(void **state)
{
	struct org dup = { .name = "UNODC", .kind = ORG_DONOR };
	struct org empty = { .name = "", .kind = ORG_DONOR };
	struct org ctl = { .name = "a\tb", .kind = ORG_DONOR };
	struct org kind = { .name = "X", .kind = (enum org_kind)99 };
	struct org nocountry = { .name = "Y", .kind = ORG_DONOR, .country = "ZZ" };
	struct org badcountry = { .name = "Y", .kind = ORG_DONOR, .country = "K" };
	struct org ok = { .name = "Académie", .kind = ORG_ACADEMIA, .country = "ken" };
	struct org *list, *one;
	struct err e = { 0 };
	size_t n;

	(void)state;
	assert_int_equal(org_add(S, P, &dup, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "exists already"));
	err_clear(&e);
	assert_int_equal(org_add(S, P, &empty, &e), ERR_INVALID);
	assert_string_equal(e.msg, "name: required");
	err_clear(&e);
	assert_int_equal(org_add(S, P, &ctl, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "name: contains a control"));
	err_clear(&e);
	assert_int_equal(org_add(S, P, &kind, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "kind:"));
	err_clear(&e);
	assert_int_equal(org_add(S, P, &nocountry, &e), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "country"));
	err_clear(&e);
	assert_int_equal(org_add(S, P, &badcountry, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "country"));
	err_clear(&e);
	assert_int_equal(org_add(S, P, &ok, &e), ERR_OK);
	assert_string_equal(ok.country, "KE");
	assert_true(ok.id > 0);

	assert_int_equal(org_list(S, P, &list, &n, &e), ERR_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].name, "Académie");
	assert_string_equal(list[1].name, "NC4 Kenya");
	assert_int_equal(list[1].kind, ORG_NATIONAL_AUTHORITY);
	assert_string_equal(list[1].country, "KE");
	assert_string_equal(list[2].name, "UNODC");
	assert_null(list[2].country);
	assert_int_equal(org_get(S, P, "UNODC", &one, &e), ERR_OK);
	assert_int_equal(one->kind, ORG_UNODC);
	assert_int_equal(org_get(S, P, "nobody", &one, &e), ERR_NOTFOUND);
	assert_string_equal(e.msg, "organisation 'nobody' not found");
}

/* Every way user_add refuses an account, and the message names the field. */
static void test_user_validation(void **state)
{
	static char long_pw[USER_PASSWORD_MAX + 2];
	static const struct {
		const char *name, *org, *country, *display, *email, *password;
		int role;
		enum err_code code;
		const char *msg;
	} cases[] = {
		{ "ab", "UNODC", NULL, NULL, NULL, PW, ROLE_READER, ERR_INVALID, "username:" },
		{ NULL, "UNODC", NULL, NULL, NULL, PW, ROLE_READER, ERR_INVALID, "username:" },
		{ "a b c", "UNODC", NULL, NULL, NULL, PW, ROLE_READER, ERR_INVALID,
		  "username: only" },
		{ "émile", "UNODC", NULL, NULL, NULL, PW, ROLE_READER, ERR_INVALID,
		  "username: only" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "UNODC",
		  NULL, NULL, NULL, PW, ROLE_READER, ERR_INVALID, "username: 3 to 64" },
		{ "alice", "UNODC", NULL, NULL, NULL, PW, 7, ERR_INVALID, "role:" },
		{ "alice", "UNODC", NULL, NULL, NULL, PW, -1, ERR_INVALID, "role:" },
		{ "alice", "UNODC", NULL, "a\nb", NULL, PW, ROLE_READER, ERR_INVALID,
		  "display name: contains a control" },
		{ "alice", "UNODC", NULL, "\xff", NULL, PW, ROLE_READER, ERR_INVALID,
		  "display name: not valid UTF-8" },
		{ "alice", "UNODC", NULL, NULL, "alice", PW, ROLE_READER, ERR_INVALID,
		  "email:" },
		{ "alice", "UNODC", NULL, NULL, "a@b@c.org", PW, ROLE_READER, ERR_INVALID,
		  "email:" },
		{ "alice", "UNODC", NULL, NULL, "@c.org", PW, ROLE_READER, ERR_INVALID,
		  "email:" },
		{ "alice", "UNODC", NULL, NULL, "a b@c.org", PW, ROLE_READER, ERR_INVALID,
		  "email:" },
		{ "alice", NULL, NULL, NULL, NULL, PW, ROLE_READER, ERR_INVALID,
		  "organisation: required" },
		{ "alice", "Nobody", NULL, NULL, NULL, PW, ROLE_READER, ERR_NOTFOUND,
		  "organisation 'Nobody' not found" },
		{ "alice", "UNODC", NULL, NULL, NULL, "short", ROLE_READER, ERR_INVALID,
		  "password: at least 12" },
		{ "alice", "UNODC", NULL, NULL, NULL, "", ROLE_READER, ERR_INVALID,
		  "password: at least 12" },
		{ "alice", "UNODC", NULL, NULL, NULL, NULL, ROLE_READER, ERR_INVALID,
		  "password: at least 12" },
		/* eleven characters in 22 bytes */
		{ "alice", "UNODC", NULL, NULL, NULL, "ééééééééééé", ROLE_READER,
		  ERR_INVALID, "password: at least 12" },
		{ "alice", "UNODC", NULL, NULL, NULL, "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6"
		  "\xf5\xf4", ROLE_READER, ERR_INVALID, "password: not valid UTF-8" },
		{ "alice.example", "UNODC", NULL, NULL, NULL, "Alice.Example", ROLE_READER,
		  ERR_INVALID, "password: must not be the username" },
		{ "alice", "UNODC", NULL, NULL, NULL, long_pw, ROLE_READER, ERR_INVALID,
		  "password: longer than 1024" },
		{ "alice", "UNODC", NULL, NULL, NULL, PW, ROLE_FOCAL_POINT, ERR_INVALID,
		  "country: required for a focal point" },
		{ "alice", "UNODC", "ZZ", NULL, NULL, PW, ROLE_FOCAL_POINT, ERR_NOTFOUND,
		  "country" },
		{ "alice", "UNODC", "KE", NULL, NULL, PW, ROLE_CURATOR, ERR_INVALID,
		  "country: only a focal point" },
	};

	(void)state;
	memset(long_pw, 'x', sizeof(long_pw) - 1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct user u = { .username = cases[i].name, .org_name = cases[i].org,
				  .country = cases[i].country,
				  .display_name = cases[i].display, .email = cases[i].email,
				  .role = (enum role)cases[i].role };
		struct err e = { 0 };

		if (user_add(S, P, &u, cases[i].password, T0, &e) != (int)cases[i].code ||
		    !strstr(e.msg, cases[i].msg))
			fail_msg("case %zu (%s): got %d '%s', want %d '%s'", i,
				 cases[i].name ? cases[i].name : "NULL", e.code, e.msg,
				 cases[i].code, cases[i].msg);
	}
	assert_null(sql_text("SELECT username FROM app_user"));
}

static void test_user_add_get(void **state)
{
	struct user u = { .username = "Alice", .role = ROLE_FOCAL_POINT, .org_name =
			  "NC4 Kenya", .country = "ken", .display_name = "Alice Wanjiru",
			  .email = "alice@example.org" };
	struct user dup = { .username = "ALICE", .role = ROLE_READER, .org_name = "UNODC" };
	struct user *got, *list;
	struct err e = { 0 };
	char *hash;
	size_t n;

	(void)state;
	assert_int_equal(user_add(S, P, &u, PW, T0, &e), ERR_OK);
	assert_true(u.id > 0);
	assert_string_equal(u.username, "alice");
	assert_string_equal(u.country, "KE");
	assert_int_equal(user_add(S, P, &dup, PW, T0, &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "user 'alice' exists already");
	err_clear(&e);
	add("bob", ROLE_ADMIN, NULL);

	assert_int_equal(user_get(S, P, "ALICE", &got, &e), ERR_OK);
	assert_int_equal(got->id, u.id);
	assert_string_equal(got->org_name, "NC4 Kenya");
	assert_int_equal(got->role, ROLE_FOCAL_POINT);
	assert_string_equal(got->country, "KE");
	assert_string_equal(got->display_name, "Alice Wanjiru");
	assert_string_equal(got->email, "alice@example.org");
	assert_string_equal(got->created_at, "2027-01-15T08:00:00Z");
	assert_int_equal(got->disabled, 0);
	assert_int_equal(user_get(S, P, "carol", &got, &e), ERR_NOTFOUND);
	assert_string_equal(e.msg, "user 'carol' not found");
	err_clear(&e);
	assert_int_equal(user_get(S, P, "a;b", &got, &e), ERR_NOTFOUND);
	err_clear(&e);

	assert_int_equal(user_list(S, P, &list, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].username, "alice");
	assert_string_equal(list[1].username, "bob");
	assert_int_equal(list[1].role, ROLE_ADMIN);
	assert_null(list[1].country);

	/* an argon2id string, not the password */
	hash = sql_text("SELECT password_hash FROM app_user WHERE username = 'alice'");
	assert_non_null(hash);
	assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
	assert_null(strstr(hash, PW));
}

static void test_authenticate(void **state)
{
	struct user *u;
	struct err e1 = { 0 }, e2 = { 0 }, e3 = { 0 }, e = { 0 };
	char *secret, *csrf;
	struct session *se;

	(void)state;
	add("alice", ROLE_READER, NULL);
	assert_int_equal(user_authenticate(S, P, "alice", PW, T0, &u, &e), ERR_OK);
	assert_string_equal(u->username, "alice");
	assert_int_equal(user_authenticate(S, P, "Alice", PW, T0, &u, &e), ERR_OK);

	/* wrong password, unknown user, malformed name: the same answer */
	assert_int_equal(user_authenticate(S, P, "alice", PW "!", T0, &u, &e1), ERR_FORBIDDEN);
	assert_int_equal(user_authenticate(S, P, "nobody", PW, T0, &u, &e2), ERR_FORBIDDEN);
	assert_int_equal(user_authenticate(S, P, "x", PW, T0, &u, &e3), ERR_FORBIDDEN);
	assert_string_equal(e1.msg, e2.msg);
	assert_string_equal(e1.msg, e3.msg);
	assert_null(strstr(e1.msg, "alice"));
	err_clear(&e3);
	assert_int_equal(user_authenticate(S, P, "alice", NULL, T0, &u, &e3), ERR_FORBIDDEN);
	assert_string_equal(e1.msg, e3.msg);

	/* disabled: refused with the same message, its sessions end */
	assert_int_equal(session_create(S, P, u->id, NULL, T0, &secret, &csrf, &e), ERR_OK);
	assert_int_equal(user_disable(S, "alice", &e), ERR_OK);
	err_clear(&e3);
	assert_int_equal(user_authenticate(S, P, "alice", PW, T0, &u, &e3), ERR_FORBIDDEN);
	assert_string_equal(e1.msg, e3.msg);
	assert_int_equal(user_get(S, P, "alice", &u, &e), ERR_OK);
	assert_int_equal(u->disabled, 1);
	assert_int_equal(session_get(S, P, secret, T0, &se, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(user_enable(S, "alice", &e), ERR_OK);
	assert_int_equal(user_authenticate(S, P, "alice", PW, T0, &u, &e), ERR_OK);
	assert_int_equal(user_disable(S, "nobody", &e), ERR_NOTFOUND);
	err_clear(&e);

	/* a new password: the old one fails, sessions end, the change is dated */
	assert_int_equal(session_create(S, P, u->id, NULL, T0, &secret, &csrf, &e), ERR_OK);
	assert_int_equal(user_set_password(S, "alice", "short", T0, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "password:"));
	err_clear(&e);
	assert_int_equal(user_set_password(S, "alice", "ALICE", T0, &e), ERR_INVALID);
	err_clear(&e);
	assert_int_equal(user_set_password(S, "nobody", PW, T0, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(user_set_password(S, "alice", "a new long passphrase", T0 + 60, &e),
			 ERR_OK);
	assert_int_equal(user_authenticate(S, P, "alice", PW, T0, &u, &e), ERR_FORBIDDEN);
	err_clear(&e);
	assert_int_equal(user_authenticate(S, P, "alice", "a new long passphrase", T0, &u, &e),
			 ERR_OK);
	assert_string_equal(u->password_changed_at, "2027-01-15T08:01:00Z");
	assert_int_equal(session_get(S, P, secret, T0, &se, &e), ERR_NOTFOUND);
}

/* A hash made with other limits is replaced at the next successful sign-in. */
static void test_rehash(void **state)
{
	struct user *u;
	struct err e = { 0 };
	char *before, *after;

	(void)state;
	add("alice", ROLE_READER, NULL);
	before = sql_text("SELECT password_hash FROM app_user");
	user_pwhash_limits(crypto_pwhash_OPSLIMIT_MIN + 1, crypto_pwhash_MEMLIMIT_MIN * 2);
	/* a wrong password changes nothing */
	assert_int_equal(user_authenticate(S, P, "alice", "wrong password!", T0, &u, &e),
			 ERR_FORBIDDEN);
	assert_string_equal(sql_text("SELECT password_hash FROM app_user"), before);
	err_clear(&e);
	assert_int_equal(user_authenticate(S, P, "alice", PW, T0 + 5, &u, &e), ERR_OK);
	after = sql_text("SELECT password_hash FROM app_user");
	user_pwhash_limits(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	assert_string_not_equal(before, after);
	assert_int_equal(crypto_pwhash_str_needs_rehash(after, crypto_pwhash_OPSLIMIT_MIN + 1,
							 crypto_pwhash_MEMLIMIT_MIN * 2), 0);
	/* not a password change */
	assert_string_equal(sql_text("SELECT password_changed_at FROM app_user"),
			    "2027-01-15T08:00:00Z");
	assert_int_equal(user_authenticate(S, P, "alice", PW, T0, &u, &e), ERR_OK);
}

static void test_tokens(void **state)
{
	struct err e = { 0 };
	struct user *u;
	struct token *list;
	enum token_scope scope;
	char *id, *text, *id2, *text2, *bad;
	size_t n;

	(void)state;
	add("alice", ROLE_PROVIDER, NULL);
	assert_int_equal(token_create(S, P, "alice", "nightly import", SCOPE_WRITE, T0, &id,
				      &text, &e), ERR_OK);
	assert_int_equal(strlen(text), TOKEN_TEXT_LEN);
	assert_int_equal(strncmp(text, "ccr_", 4), 0);
	assert_int_equal(strncmp(text + 4, id, 16), 0);
	assert_int_equal(text[20], '_');
	assert_int_equal(token_create(S, P, "alice", "read only", SCOPE_READ, T0 + 1, &id2,
				      &text2, &e), ERR_OK);
	assert_string_not_equal(id, id2);

	assert_int_equal(token_verify(S, P, text, T0 + 10, &u, &scope, &e), ERR_OK);
	assert_string_equal(u->username, "alice");
	assert_int_equal(scope, SCOPE_WRITE);
	assert_int_equal(token_verify(S, P, text2, T0 + 10, &u, &scope, &e), ERR_OK);
	assert_int_equal(scope, SCOPE_READ);

	/* a wrong secret, a malformed text, an unknown id */
	bad = pool_strdup(P, text);
	bad[TOKEN_TEXT_LEN - 1] = bad[TOKEN_TEXT_LEN - 1] == '0' ? '1' : '0';
	assert_int_equal(token_verify(S, P, bad, T0, &u, &scope, &e), ERR_FORBIDDEN);
	assert_string_equal(e.msg, "invalid token");
	err_clear(&e);
	assert_int_equal(token_verify(S, P, "ccr_1234", T0, &u, &scope, &e), ERR_FORBIDDEN);
	err_clear(&e);
	assert_int_equal(token_verify(S, P, NULL, T0, &u, &scope, &e), ERR_FORBIDDEN);
	err_clear(&e);
	bad = pool_strdup(P, text);
	memcpy(bad + 4, "0000000000000000", 16);
	assert_int_equal(token_verify(S, P, bad, T0, &u, &scope, &e), ERR_FORBIDDEN);
	err_clear(&e);
	bad = pool_strdup(P, text);
	bad[30] = 'A';	/* hex digits are lowercase */
	assert_int_equal(token_verify(S, P, bad, T0, &u, &scope, &e), ERR_FORBIDDEN);
	err_clear(&e);

	/* the list: newest first, used dates, no secret anywhere in the database */
	assert_int_equal(token_list(S, P, "alice", &list, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "read only");
	assert_string_equal(list[1].id, id);
	assert_int_equal(list[1].scope, SCOPE_WRITE);
	assert_string_equal(list[1].last_used_at, "2027-01-15T08:00:10Z");
	assert_null(list[1].revoked_at);
	/* the last use is kept to the minute: no write for every request */
	assert_int_equal(token_verify(S, P, text, T0 + 69, &u, &scope, &e), ERR_OK);
	assert_int_equal(token_list(S, P, "alice", &list, &n, &e), ERR_OK);
	assert_string_equal(list[1].last_used_at, "2027-01-15T08:00:10Z");
	assert_int_equal(token_verify(S, P, text, T0 + 71, &u, &scope, &e), ERR_OK);
	assert_int_equal(token_list(S, P, "alice", &list, &n, &e), ERR_OK);
	assert_string_equal(list[1].last_used_at, "2027-01-15T08:01:11Z");
	assert_null(sql_text(pool_printf(P, "SELECT 1 FROM api_token WHERE instr(secret_hash,"
					 " '%s') OR instr(hex(secret_hash), upper('%s'))",
					 text + 21, text + 21)));

	/* a feed takes the read token (its account, reading only), not the write one */
	{
		struct actor a = { 0 };

		assert_int_equal(user_actor_from_feed_token(S, P, text2, T0 + 12, &a, &e), ERR_OK);
		assert_string_equal(a.name, "alice");
		assert_true(a.user_id > 0);
		assert_int_equal(a.read_only, 1);
		assert_int_equal(a.token, 1);
		memset(&a, 0, sizeof(a));
		assert_int_equal(user_actor_from_feed_token(S, P, text, T0 + 12, &a, &e),
				 ERR_INVALID);
		assert_non_null(strstr(e.msg, "token: a feed takes a token of scope read"));
		assert_int_equal(a.user_id, 0);
		err_clear(&e);
		assert_int_equal(user_actor_from_feed_token(S, P, "ccr_nope", T0, &a, &e),
				 ERR_FORBIDDEN);
		err_clear(&e);
	}

	/* errors of creation */
	assert_int_equal(token_create(S, P, "nobody", "x", SCOPE_READ, T0, &id2, &text2, &e),
			 ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(token_create(S, P, "alice", "", SCOPE_READ, T0, &id2, &text2, &e),
			 ERR_INVALID);
	assert_string_equal(e.msg, "name: required");
	err_clear(&e);
	assert_int_equal(token_create(S, P, "alice", "x", (enum token_scope)5, T0, &id2, &text2,
				      &e), ERR_INVALID);
	err_clear(&e);

	/* revoked */
	assert_int_equal(token_revoke(S, id, T0 + 20, &e), ERR_OK);
	assert_int_equal(token_revoke(S, id, T0 + 30, &e), ERR_OK);
	assert_int_equal(token_verify(S, P, text, T0, &u, &scope, &e), ERR_FORBIDDEN);
	err_clear(&e);
	assert_int_equal(token_list(S, P, "alice", &list, &n, &e), ERR_OK);
	assert_string_equal(list[1].revoked_at, "2027-01-15T08:00:20Z");
	assert_int_equal(token_revoke(S, "0123456789abcdef", T0, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(token_revoke(S, "xyz", T0, &e), ERR_INVALID);
	err_clear(&e);

	/* a disabled account's tokens stop working, and work again when enabled */
	assert_int_equal(user_disable(S, "alice", &e), ERR_OK);
	assert_int_equal(token_verify(S, P, text2, T0, &u, &scope, &e), ERR_FORBIDDEN);
	err_clear(&e);
	assert_int_equal(user_enable(S, "alice", &e), ERR_OK);
	assert_int_equal(token_verify(S, P, text2, T0, &u, &scope, &e), ERR_OK);
}

/* Every account's tokens (for admins), and revoking only one's own. */
static void test_tokens_all_and_own(void **state)
{
	struct err e = { 0 };
	struct token *list;
	char *ida, *idb, *text;
	long long alice, bob;
	size_t n;

	(void)state;
	alice = add("alice", ROLE_PROVIDER, NULL);
	bob = add("bob", ROLE_READER, NULL);
	assert_int_equal(token_create(S, P, "bob", "b1", SCOPE_READ, T0, &idb, &text, &e),
			 ERR_OK);
	assert_int_equal(token_create(S, P, "alice", "a1", SCOPE_READ, T0, &ida, &text, &e),
			 ERR_OK);
	assert_int_equal(token_create(S, P, "alice", "a2", SCOPE_WRITE, T0 + 5, &ida, &text,
				      &e), ERR_OK);
	assert_int_equal(token_list(S, P, NULL, &list, &n, &e), ERR_OK);
	assert_int_equal(n, 3);	/* by username, then newest first */
	assert_string_equal(list[0].username, "alice");
	assert_string_equal(list[0].name, "a2");
	assert_string_equal(list[1].name, "a1");
	assert_string_equal(list[2].username, "bob");
	assert_int_equal(list[2].user_id, bob);
	assert_int_equal(token_list(S, P, "nobody", &list, &n, &e), ERR_NOTFOUND);
	err_clear(&e);

	/* bob cannot revoke alice's token, and is told it does not exist */
	assert_int_equal(token_revoke_own(S, P, bob, ida, T0 + 10, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(token_list(S, P, "alice", &list, &n, &e), ERR_OK);
	assert_null(list[0].revoked_at);
	assert_int_equal(token_revoke_own(S, P, alice, ida, T0 + 10, &e), ERR_OK);
	assert_int_equal(token_list(S, P, "alice", &list, &n, &e), ERR_OK);
	assert_string_equal(list[0].revoked_at, "2027-01-15T08:00:10Z");
	assert_int_equal(token_revoke_own(S, P, bob, "0123456789abcdef", T0, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(token_revoke_own(S, P, bob, "../x", T0, &e), ERR_INVALID);
	err_clear(&e);
	assert_int_equal(token_revoke_own(S, P, bob, NULL, T0, &e), ERR_INVALID);
	err_clear(&e);
}

static void test_sessions(void **state)
{
	struct err e = { 0 };
	struct session *se;
	char *secret, *csrf, *s2, *c2;
	long long alice, bob;
	time_t t;

	(void)state;
	alice = add("alice", ROLE_FOCAL_POINT, "KE");
	bob = add("bob", ROLE_READER, NULL);
	assert_int_equal(session_create(S, P, alice, "192.0.2.1", T0, &secret, &csrf, &e),
			 ERR_OK);
	assert_int_equal(strlen(secret), 64);
	assert_int_equal(strlen(csrf), 64);
	assert_string_not_equal(secret, csrf);
	assert_int_equal(session_get(S, P, secret, T0 + 1, &se, &e), ERR_OK);
	assert_int_equal(se->user.id, alice);
	assert_string_equal(se->user.username, "alice");
	assert_int_equal(se->user.role, ROLE_FOCAL_POINT);
	assert_string_equal(se->user.country, "KE");
	assert_string_equal(se->user.org_name, "UNODC");
	assert_string_equal(se->csrf, csrf);
	assert_string_equal(se->ip, "192.0.2.1");
	assert_int_equal(se->created_at, T0);
	assert_int_equal(se->expires_at, T0 + SESSION_MAX_SECONDS);
	/* only a hash is stored */
	assert_null(sql_text(pool_printf(P, "SELECT 1 FROM session WHERE "
					 "instr(lower(hex(id_hash)), '%s')", secret)));

	/* malformed and unknown secrets */
	assert_int_equal(session_get(S, P, "abc", T0, &se, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(session_get(S, P, NULL, T0, &se, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(session_get(S, P, csrf, T0, &se, &e), ERR_NOTFOUND);
	err_clear(&e);

	/* idle: used every 11 hours it lives, until the absolute limit */
	for (t = T0; t + 11 * 3600 < T0 + SESSION_MAX_SECONDS; t += 11 * 3600) {
		assert_int_equal(session_get(S, P, secret, t + 11 * 3600, &se, &e), ERR_OK);
		assert_int_equal(session_touch(S, secret, t + 11 * 3600, &e), ERR_OK);
	}
	assert_int_equal(session_get(S, P, secret, T0 + SESSION_MAX_SECONDS, &se, &e),
			 ERR_NOTFOUND);
	assert_string_equal(e.msg, "the session has expired");
	err_clear(&e);
	/* and it was deleted */
	assert_int_equal(session_get(S, P, secret, T0, &se, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(session_touch(S, secret, T0, &e), ERR_NOTFOUND);
	err_clear(&e);

	/* idle for 12 hours */
	assert_int_equal(session_create(S, P, bob, NULL, T0, &secret, &csrf, &e), ERR_OK);
	assert_int_equal(session_get(S, P, secret, T0 + SESSION_IDLE_SECONDS - 1, &se, &e),
			 ERR_OK);
	assert_null(se->ip);
	assert_int_equal(session_get(S, P, secret, T0 + SESSION_IDLE_SECONDS, &se, &e),
			 ERR_NOTFOUND);
	err_clear(&e);

	/* sign-out ends one session; session_delete_user all of an account's */
	assert_int_equal(session_create(S, P, bob, NULL, T0, &secret, &csrf, &e), ERR_OK);
	assert_int_equal(session_create(S, P, bob, NULL, T0, &s2, &c2, &e), ERR_OK);
	assert_int_equal(session_delete(S, secret, &e), ERR_OK);
	assert_int_equal(session_delete(S, secret, &e), ERR_OK);
	assert_int_equal(session_delete(S, "junk", &e), ERR_OK);
	assert_int_equal(session_get(S, P, secret, T0, &se, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(session_get(S, P, s2, T0, &se, &e), ERR_OK);
	assert_int_equal(session_create(S, P, bob, NULL, T0, &secret, &csrf, &e), ERR_OK);
	assert_int_equal(session_delete_user(S, bob, &e), ERR_OK);
	assert_int_equal(session_get(S, P, s2, T0, &se, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(session_get(S, P, secret, T0, &se, &e), ERR_NOTFOUND);
	err_clear(&e);
	/* an ip with a control character is refused */
	assert_int_equal(session_create(S, P, bob, "a\nb", T0, &secret, &csrf, &e),
			 ERR_INVALID);
}

static void test_signin_limits(void **state)
{
	struct err e = { 0 };
	long wait = -1;

	(void)state;
	for (int i = 0; i < SIGNIN_MAX_FAILURES - 1; i++) {
		assert_int_equal(signin_allowed(S, "user:alice", T0 + i, &wait, &e), ERR_OK);
		assert_int_equal(signin_failed(S, "user:alice", T0 + i, &e), ERR_OK);
	}
	assert_int_equal(signin_allowed(S, "user:alice", T0 + 10, &wait, &e), ERR_OK);
	assert_int_equal(wait, 0);
	assert_int_equal(signin_failed(S, "user:alice", T0 + 10, &e), ERR_OK);	/* 5th */
	assert_int_equal(signin_allowed(S, "user:alice", T0 + 10, &wait, &e), ERR_FORBIDDEN);
	assert_int_equal(wait, SIGNIN_LOCK_SECONDS);
	assert_string_equal(e.msg,
			    "too many failed sign-ins; minutes before you may try again: 15");
	err_clear(&e);
	assert_int_equal(signin_allowed(S, "user:alice", T0 + 10 + SIGNIN_LOCK_SECONDS - 30,
					&wait, &e), ERR_FORBIDDEN);
	assert_int_equal(wait, 30);
	assert_string_equal(e.msg, "too many failed sign-ins; minutes before you may try again: 1");
	err_clear(&e);
	/* other keys are not affected */
	assert_int_equal(signin_allowed(S, "ip:192.0.2.1", T0 + 10, &wait, &e), ERR_OK);
	/* unlocked after the lock time; the next failure starts a new count */
	assert_int_equal(signin_allowed(S, "user:alice", T0 + 10 + SIGNIN_LOCK_SECONDS, &wait,
					&e), ERR_OK);
	assert_int_equal(signin_failed(S, "user:alice", T0 + 10 + SIGNIN_LOCK_SECONDS, &e),
			 ERR_OK);
	assert_int_equal(signin_allowed(S, "user:alice", T0 + 11 + SIGNIN_LOCK_SECONDS, &wait,
					&e), ERR_OK);

	/* failures further apart than the window do not add up */
	for (int i = 0; i < 2 * SIGNIN_MAX_FAILURES; i++) {
		time_t t = T0 + (time_t)i * (SIGNIN_WINDOW_SECONDS / 4 + 1);

		assert_int_equal(signin_allowed(S, "ip:192.0.2.9", t, &wait, &e), ERR_OK);
		assert_int_equal(signin_failed(S, "ip:192.0.2.9", t, &e), ERR_OK);
	}
	/* success clears the count */
	for (int i = 0; i < SIGNIN_MAX_FAILURES - 1; i++)
		assert_int_equal(signin_failed(S, "user:bob", T0, &e), ERR_OK);
	assert_int_equal(signin_succeeded(S, "user:bob", &e), ERR_OK);
	assert_int_equal(signin_failed(S, "user:bob", T0, &e), ERR_OK);
	assert_int_equal(signin_allowed(S, "user:bob", T0, &wait, &e), ERR_OK);
	assert_int_equal(signin_allowed(S, "", T0, &wait, &e), ERR_INVALID);
}

/* The one call the server makes: a token wins over a cookie, a stale cookie is said,
 * the public stays the public. */
static void test_actor_from_credentials(void **state)
{
	struct err e = { 0 };
	struct actor a = { .name = "public", .role = -1 };
	const char *csrf = NULL;
	char *secret, *scsrf, *id, *text;
	long long alice;
	int stale = 0;

	(void)state;
	alice = add("alice", ROLE_FOCAL_POINT, "KE");
	add("bob", ROLE_READER, NULL);
	assert_int_equal(session_create(S, P, alice, NULL, T0, &secret, &scsrf, &e), ERR_OK);
	assert_int_equal(token_create(S, P, "bob", "t", SCOPE_READ, T0, &id, &text, &e),
			 ERR_OK);
	/* nothing: the public */
	assert_int_equal(user_actor_from_credentials(S, P, NULL, NULL, T0 + 1, &a, &csrf,
						     &stale, &e), ERR_OK);
	assert_int_equal(a.user_id, 0);
	assert_string_equal(a.name, "public");
	/* the session */
	assert_int_equal(user_actor_from_credentials(S, P, NULL, secret, T0 + 1, &a, &csrf,
						     &stale, &e), ERR_OK);
	assert_int_equal(a.user_id, alice);
	assert_int_equal(a.role, ROLE_FOCAL_POINT);
	assert_string_equal(a.country, "KE");
	assert_int_equal(a.token, 0);
	assert_string_equal(csrf, scsrf);
	assert_int_equal(stale, 0);
	/* a token wins over the cookie, with its scope */
	memset(&a, 0, sizeof(a));
	assert_int_equal(user_actor_from_credentials(S, P, text, secret, T0 + 2, &a, &csrf,
						     &stale, &e), ERR_OK);
	assert_string_equal(a.name, "bob");
	assert_int_equal(a.token, 1);
	assert_int_equal(a.read_only, 1);
	/* a bad token is an error; a stale cookie only says so */
	assert_int_not_equal(user_actor_from_credentials(S, P, "ccr_nope", NULL, T0, &a, &csrf,
							 &stale, &e), ERR_OK);
	err_clear(&e);
	memset(&a, 0, sizeof(a));
	assert_int_equal(user_actor_from_credentials(S, P, NULL, "0123", T0, &a, &csrf, &stale,
						     &e), ERR_OK);
	assert_int_equal(stale, 1);
	assert_int_equal(a.user_id, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_orgs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_validation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_add_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_authenticate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rehash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens_all_and_own, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_actor_from_credentials, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signin_limits, setup, teardown),
	};

	log_set_level(LOG_ERROR);
	user_pwhash_limits(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
