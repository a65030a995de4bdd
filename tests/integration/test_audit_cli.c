/* ccrepo audit through the real binary: an import, an export and account changes
 * leave entries naming the operator; `audit verify` says the log is intact; after
 * the database file is edited behind the program's back (triggers dropped, a detail
 * changed, with the sqlite3 library), verify exits 1 naming that entry; a log whose
 * newest entry was cut off still chains, but fails against the anchor kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integration/harness.h"

static char *D;			/* scratch directory: the database and files */
static char *OUT, *ERR;
static const char *const ENV[] = { "USER=ops", NULL };

static const char act[] =
	"PART I – PRELIMINARY\n\n"
	"Section 1. Short title\n\n"
	"This Act may be cited as the Computer Misuse and Cybercrimes Act, 2018.\n\n"
	"PART II – OFFENCES\n\n"
	"Section 14. Unauthorised access to a computer system\n\n"
	"A person who causes a computer system to perform a function, by infringing "
	"security measures, with intent to gain access commits an offence.\n";

static int setup(void **state)
{
	(void)state;
	D = harness_tmpdir();
	return D ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(OUT);
	free(ERR);
	harness_rmtree(D);
	free(D);
	return 0;
}

static int run(const char *const *args)
{
	return harness_run_keep(args, ENV, D, NULL, &OUT, &ERR);
}

#define RUN(...) run((const char *const[]){ __VA_ARGS__, NULL })
#define DB "--db", "a.db", "--log-level", "warn"

/* Run SQL on the database file as another program would; 0 when it worked. */
static int tamper(const char *sql)
{
	char path[1200];
	sqlite3 *db = NULL;
	char *msg = NULL;
	int rc;

	snprintf(path, sizeof(path), "%s/a.db", D);
	if (sqlite3_open(path, &db) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_close(db);
	return rc;
}

static void test_help(void **state)
{
	(void)state;
	assert_int_equal(RUN("audit", "--help"), 0);
	assert_has(OUT, "usage: ccrepo audit");
	assert_has(OUT, "verify");
	assert_has(OUT, "BLAKE2b");
	assert_int_equal(RUN("audit", DB), 2);
	assert_has(ERR, "usage: ccrepo audit verify");
	assert_int_equal(RUN("audit", "erase", DB), 2);
	assert_int_equal(RUN("audit", "list", "--action", "record.delete", DB), 2);
	assert_has(ERR, "unknown action 'record.delete'");
	assert_int_equal(RUN("audit", "list", "--limit", "0", DB), 2);
}

static void test_verify_and_tamper(void **state)
{
	char path[1200], anchor[80];
	char *line;

	(void)state;
	assert_int_equal(RUN("audit", "verify", DB), 0);
	assert_has(OUT, "audit log intact: 0 entries");

	snprintf(path, sizeof(path), "%s/act.txt", D);
	assert_int_equal(harness_write_file(path, act, strlen(act)), 0);
	assert_int_equal(RUN("import", DB, "--uri", "/akn/ke/act/2018/5", "--date",
			     "2018-05-16", "--title", "Computer Misuse and Cybercrimes Act",
			     "--language", "eng", "--no-suggest", "act.txt"), 0);
	assert_int_equal(RUN("export", DB, "--format", "csv"), 0);
	assert_int_equal(RUN("org", "add", "UNODC", "--kind", "unodc", DB), 0);
	assert_int_equal(RUN("audit", "verify", DB), 0);
	assert_has(OUT, "audit log intact: 3 entries");

	assert_int_equal(RUN("audit", "list", DB), 0);
	/* newest first, tab-separated: id, time, actor, action, target, address, detail */
	assert_before(OUT, "3\t", "\tops\torg.add\torg/UNODC\t-\tunodc\n");
	assert_before(OUT, "\texport\t-\t-\tformat csv", "1\t");
	assert_has(OUT, "\tops\timport\trecord/1\t-\t/akn/ke/act/2018/5 eng@2018-05-16: "
		   "4 provisions, new record\n");
	assert_int_equal(RUN("audit", "list", "--action", "import", DB), 0);
	assert_has(OUT, "1\t");
	assert_lacks(OUT, "org.add");
	assert_int_equal(RUN("audit", "list", "--actor", "nobody", DB), 0);
	assert_string_equal(OUT, "");
	assert_int_equal(RUN("audit", "list", "--limit", "1", DB), 0);
	line = strchr(OUT, '\n');
	assert_non_null(line);
	assert_string_equal(line + 1, "");

	/* the triggers stop the plain way of editing the log */
	assert_int_not_equal(tamper("UPDATE audit_log SET detail = 'nothing' WHERE id = 2"),
			     SQLITE_OK);
	assert_int_not_equal(tamper("DELETE FROM audit_log WHERE id = 2"), SQLITE_OK);
	assert_int_equal(RUN("audit", "verify", DB), 0);

	/* the newest entry cut off: the chain still holds, the kept anchor does not */
	assert_int_equal(RUN("audit", "verify", DB), 0);
	line = strstr(OUT, "newest entry: 3 ");
	assert_non_null(line);
	snprintf(anchor, sizeof(anchor), "3:%.64s", line + 16);
	assert_int_equal(RUN("audit", "verify", DB, "--anchor", anchor), 0);
	assert_int_equal(tamper("DROP TRIGGER audit_log_no_delete; "
				"DELETE FROM audit_log WHERE id = 3"), SQLITE_OK);
	assert_int_equal(RUN("audit", "verify", DB), 0);
	assert_has(OUT, "audit log intact: 2 entries");
	assert_int_equal(RUN("audit", "verify", DB, "--anchor", anchor), 1);
	assert_has(OUT, "audit log broken at entry 3: missing (the log ends at entry 2)");
	anchor[2] = anchor[2] == 'a' ? 'b' : 'a';
	anchor[0] = '2';
	assert_int_equal(RUN("audit", "verify", DB, "--anchor", anchor), 1);
	assert_has(OUT, "audit log broken at entry 2: its hash is not the one kept");
	assert_int_equal(RUN("audit", "verify", DB, "--anchor", "2:xyz"), 2);

	/* someone with the file drops them and rewrites entry 2 */
	assert_int_equal(tamper("DROP TRIGGER audit_log_no_update; "
				"UPDATE audit_log SET detail = 'format csv, nothing' "
				"WHERE id = 2"), SQLITE_OK);
	assert_int_equal(RUN("audit", "verify", DB), 1);
	assert_has(OUT, "audit log broken at entry 2: its content does not match its hash");

	/* and a deleted entry is found too */
	assert_int_equal(tamper("DELETE FROM audit_log WHERE id = 1"), SQLITE_OK);
	assert_int_equal(RUN("audit", "verify", DB), 1);
	assert_has(OUT, "audit log broken at entry 1: missing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_verify_and_tamper),
	};

	return harness_exit(cmocka_run_group_tests(tests, setup, teardown));
}
