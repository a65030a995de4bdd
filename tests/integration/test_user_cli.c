/* ccrepo org and ccrepo user through the real binary: no account at first, the first
 * admin, passwords from standard input (and the refusal to read one without a
 * terminal), listing, disabling, password change, API tokens shown once and revoked,
 * exit codes of bad usage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integration/harness.h"

static char *D;			/* the scratch directory of the whole program */
static char *OUT, *ERR;		/* output of the last run */

static int group_setup(void **state)
{
	(void)state;
	D = harness_tmpdir();
	return D ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	free(OUT);
	free(ERR);
	harness_rmtree(D);
	free(D);
	return 0;
}

/* Run ccrepo in D on database D/ccrepo.db with input as its standard input; the exit
 * status, output in OUT and ERR. */
static int run_in(const char *input, const char *const *args)
{
	return harness_cli_keep(D, input, args, &OUT, &ERR);
}

#define RUN(...) run_in("", (const char *const[]){ __VA_ARGS__, NULL })
#define RUN_IN(input, ...) run_in((input), (const char *const[]){ __VA_ARGS__, NULL })

static int has(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle);
}

#define EXPECT(rc, want, stream, text) do { \
	if ((rc) != (want) || !has((stream), (text))) \
		fail_msg("exit %d (want %d); stdout: %s; stderr: %s; want '%s'", (rc), (want), \
			 OUT, ERR, (text)); \
} while (0)

static void test_first_admin(void **state)
{
	int rc;

	(void)state;
	/* a new database has no account */
	rc = RUN("user", "list");
	EXPECT(rc, 0, OUT, "no users yet");
	rc = RUN("org", "add", "UNODC");
	EXPECT(rc, 2, ERR, "--kind is required");
	rc = RUN("org", "add", "UNODC", "--kind", "ngo");
	EXPECT(rc, 1, ERR, "kind: not one of");
	rc = RUN("org", "add", "UNODC", "--kind", "unodc");
	EXPECT(rc, 0, OUT, "organisation 'UNODC' added");
	rc = RUN("org", "add", "UNODC", "--kind=donor");
	EXPECT(rc, 1, ERR, "exists already");
	rc = RUN("org", "add", "Kenya NC4", "--kind", "national_authority", "--country", "ken");
	EXPECT(rc, 0, OUT, "KE");
	rc = RUN("org", "list");
	EXPECT(rc, 0, OUT, "Kenya NC4");
	assert_true(has(OUT, "unodc"));

	/* no terminal and no --password-stdin: refused, nothing made */
	rc = RUN("user", "add", "admin", "--role", "admin", "--org", "UNODC");
	EXPECT(rc, 1, ERR, "--password-stdin");
	rc = RUN_IN("short\n", "user", "add", "admin", "--role", "admin", "--org", "UNODC",
		    "--password-stdin");
	EXPECT(rc, 1, ERR, "password: at least 12 characters");
	rc = RUN_IN("\n", "user", "add", "admin", "--role", "admin", "--org", "UNODC",
		    "--password-stdin");
	EXPECT(rc, 1, ERR, "empty");
	rc = RUN_IN("correct horse battery\n", "user", "add", "admin", "--role", "root",
		    "--org", "UNODC", "--password-stdin");
	EXPECT(rc, 2, ERR, "--role is one of");
	rc = RUN_IN("correct horse battery\n", "user", "add", "admin", "--role", "admin",
		    "--org", "Nobody", "--password-stdin");
	EXPECT(rc, 1, ERR, "organisation 'Nobody' not found");
	rc = RUN("user", "list");
	EXPECT(rc, 0, OUT, "no users yet");

	rc = RUN_IN("correct horse battery\n", "user", "add", "Admin", "--role", "admin",
		    "--org", "UNODC", "--password-stdin");
	EXPECT(rc, 0, OUT, "user 'admin' added");
	rc = RUN_IN("correct horse battery\n", "user", "add", "admin", "--role", "reader",
		    "--org", "UNODC", "--password-stdin");
	EXPECT(rc, 1, ERR, "exists already");
	rc = RUN_IN("another good password\r\n", "user", "add", "wanjiru", "--role",
		    "focal_point", "--org", "Kenya NC4", "--password-stdin");
	EXPECT(rc, 1, ERR, "country: required for a focal point");
	rc = RUN_IN("another good password\r\n", "user", "add", "wanjiru", "--role",
		    "focal_point", "--org", "Kenya NC4", "--country", "KE", "--display-name",
		    "Grace Wanjiru", "--email", "grace@example.org", "--password-stdin");
	EXPECT(rc, 0, OUT, "focal_point of Kenya NC4, KE");
	rc = RUN("user", "list");
	EXPECT(rc, 0, OUT, "Grace Wanjiru");
	assert_true(has(OUT, "admin"));
}

static void test_manage(void **state)
{
	char token[128] = "", id[17] = "";
	int rc;

	(void)state;
	rc = RUN("user", "disable", "wanjiru");
	EXPECT(rc, 0, OUT, "disabled");
	rc = RUN("user", "list");
	EXPECT(rc, 0, OUT, "disabled");
	rc = RUN("user", "enable", "wanjiru");
	EXPECT(rc, 0, OUT, "enabled");
	rc = RUN("user", "disable", "nobody");
	EXPECT(rc, 1, ERR, "user 'nobody' not found");
	rc = RUN_IN("tiny\n", "user", "passwd", "wanjiru", "--password-stdin");
	EXPECT(rc, 1, ERR, "password: at least 12");
	rc = RUN_IN("a brand new passphrase\n", "user", "passwd", "wanjiru",
		    "--password-stdin");
	EXPECT(rc, 0, OUT, "password of 'wanjiru' changed");

	/* a token is printed once, alone on standard output */
	rc = RUN("user", "token", "admin");
	EXPECT(rc, 2, ERR, "--name LABEL is required");
	rc = RUN("user", "token", "admin", "--name", "nightly import", "--scope", "write");
	EXPECT(rc, 0, ERR, "shown only this once");
	assert_int_equal(strncmp(OUT, "ccr_", 4), 0);
	assert_int_equal(strlen(OUT), 4 + 16 + 1 + 64 + 1);
	memcpy(token, OUT, strlen(OUT) - 1);
	memcpy(id, token + 4, 16);
	rc = RUN("user", "tokens", "admin");
	EXPECT(rc, 0, OUT, id);
	assert_true(has(OUT, "nightly import"));
	assert_true(has(OUT, "write"));
	assert_false(has(OUT, token + 21));	/* never the secret */
	rc = RUN("user", "revoke", id);
	EXPECT(rc, 0, OUT, "revoked");
	rc = RUN("user", "tokens", "admin");
	EXPECT(rc, 0, OUT, "REVOKED");
	rc = RUN("user", "revoke", "0123456789abcdef");
	EXPECT(rc, 1, ERR, "not found");
	rc = RUN("user", "tokens", "wanjiru");
	EXPECT(rc, 0, OUT, "no API tokens");

	/* bad usage */
	rc = RUN("user");
	EXPECT(rc, 2, ERR, "usage:");
	rc = RUN("user", "frobnicate");
	EXPECT(rc, 2, ERR, "user revoke TOKEN_ID");
	rc = RUN("user", "disable");
	EXPECT(rc, 2, ERR, "usage: ccrepo user disable NAME");
	rc = RUN("org", "list", "extra");
	EXPECT(rc, 2, ERR, "usage: ccrepo org list");
	rc = RUN("user", "--help");
	EXPECT(rc, 0, OUT, "first admin");
	rc = RUN("check");
	EXPECT(rc, 0, OUT, "schema version");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_admin),
		cmocka_unit_test(test_manage),
	};

	return harness_exit(cmocka_run_group_tests(tests, group_setup, group_teardown));
}
