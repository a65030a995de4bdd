/* The command line of the real binary: help, exit codes, migrate, check, settings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "integration/harness.h"

static char *D;	/* a scratch directory for the whole program */

static int group_setup(void **state)
{
	(void)state;
	D = harness_tmpdir();
	return D ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	harness_rmtree(D);
	free(D);
	return 0;
}

/* Run ccrepo with the arguments (NULL-terminated) in D; returns the exit status and
 * keeps the output in *out and *err (freed by the next call or by run_free). */
static char *OUT, *ERR;

static void run_free(void)
{
	free(OUT);
	free(ERR);
	OUT = ERR = NULL;
}

static int run_env(const char *const *env, const char *const *args)
{
	return harness_run_keep(args, env, D, NULL, &OUT, &ERR);
}

#define RUN(...) run_env(NULL, (const char *const[]){ __VA_ARGS__, NULL })
#define RUN_ENV(env, ...) run_env((env), (const char *const[]){ __VA_ARGS__, NULL })

static char *path_in(const char *name)
{
	static char buf[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", D, name);
	return buf[k];
}

static void write_text(const char *path, const char *text)
{
	assert_int_equal(harness_write_file(path, text, strlen(text)), 0);
}

static void test_help(void **state)
{
	(void)state;
	assert_int_equal(RUN("--help"), 0);
	assert_has(OUT, "usage: ccrepo");
	assert_has(OUT, "serve");
	assert_has(OUT, "migrate");
	assert_has(OUT, "check");
	assert_string_equal(ERR, "");
	assert_int_equal(RUN("help", "check"), 0);
	assert_has(OUT, "usage: ccrepo check");
	assert_int_equal(RUN("--version"), 0);
	assert_has(OUT, "ccrepo ");
	run_free();
}

static void test_no_command(void **state)
{
	(void)state;
	assert_int_equal(RUN(NULL), 2);
	assert_has(ERR, "usage: ccrepo");
	assert_has(ERR, "serve");
	assert_string_equal(OUT, "");
	run_free();
}

static void test_serve_help(void **state)
{
	static const char *const opts[] = { "--listen", "--db", "--threads", "--log-level",
					    "--config", "--max-body", "--timeout",
					    "--header-timeout", "--body-timeout",
					    "--max-connections", "--max-per-address" };

	(void)state;
	assert_int_equal(RUN("serve", "--help"), 0);
	assert_has(OUT, "usage: ccrepo serve");
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		assert_has(OUT, opts[i]);
	assert_has(OUT, "CCREPO_LISTEN");
	/* migrate has no server options */
	assert_int_equal(RUN("migrate", "--help"), 0);
	assert_has(OUT, "--db");
	assert_lacks(OUT, "--listen");
	run_free();
}

static void test_bad_usage(void **state)
{
	(void)state;
	assert_int_equal(RUN("bogus"), 2);
	assert_has(ERR, "bogus");
	assert_has(ERR, "usage: ccrepo");

	assert_int_equal(RUN("serve", "--bogus"), 2);
	assert_has(ERR, "--bogus");

	assert_int_equal(RUN("serve", "--bogus=1"), 2);
	assert_has(ERR, "--bogus");

	/* a value missing, out of range, not a number */
	assert_int_equal(RUN("serve", "--threads"), 2);
	assert_has(ERR, "--threads");
	assert_int_equal(RUN("serve", "--threads", "999", "--db", path_in("never.db")), 2);
	assert_has(ERR, "threads");
	assert_int_equal(RUN("serve", "--threads", "two", "--db", path_in("never.db")), 2);
	assert_has(ERR, "two");
	assert_int_equal(RUN("serve", "--listen", "nowhere", "--db", path_in("never.db")), 2);
	assert_has(ERR, "nowhere");
	assert_int_equal(RUN("serve", "--log-level", "loud", "--db", path_in("never.db")), 2);
	assert_has(ERR, "loud");
	/* an option of another command */
	assert_int_equal(RUN("migrate", "--listen", "127.0.0.1:1", "--db", path_in("never.db")),
			 2);
	assert_has(ERR, "--listen");
	/* a stray argument */
	assert_int_equal(RUN("check", "--db", path_in("never.db"), "extra"), 2);
	assert_has(ERR, "extra");
	/* none of these created a database */
	assert_int_not_equal(access(path_in("never.db"), F_OK), 0);
	run_free();
}

/* The schema version printed by migrate, or -1. */
static int printed_version(const char *out)
{
	const char *p = strstr(out, "schema version ");

	return p ? atoi(p + strlen("schema version ")) : -1;
}

static void test_migrate(void **state)
{
	const char *db = path_in("m.db");
	struct stat st;
	int v;

	(void)state;
	assert_int_equal(RUN("migrate", "--db", db, "--log-level", "warn"), 0);
	assert_int_equal(stat(db, &st), 0);
	assert_true(st.st_size > 4096);
	v = printed_version(OUT);
	assert_true(v >= 1);
	assert_has(OUT, db);
	/* twice is fine and changes nothing */
	assert_int_equal(RUN("migrate", "--db", db), 0);
	assert_int_equal(printed_version(OUT), v);
	assert_lacks(ERR, "reference data loaded");
	assert_int_equal(RUN("migrate", "--db", db, "--bogus-arg"), 2);
	assert_has(ERR, "--bogus-arg");
	/* missing directories are made */
	assert_int_equal(RUN("migrate", "--db", path_in("new/dir/x.db")), 0);
	assert_int_equal(access(path_in("new/dir/x.db"), F_OK), 0);
	/* a directory that cannot be made: m.db is a file */
	assert_int_equal(RUN("migrate", "--db", path_in("m.db/x.db")), 1);
	assert_true(strlen(ERR) > 0);
	run_free();
}

/* ccrepo questionnaire: migrate loads the shipped template once; import, a published
 * version refused, publish, list, show, bad usage. */
static void test_questionnaire(void **state)
{
	const char *db = path_in("q.db"), *file = path_in("q.json");

	(void)state;
	assert_int_equal(RUN("migrate", "--db", db), 0);
	assert_has(OUT, "shipped questionnaire loaded");
	assert_int_equal(RUN("migrate", "--db", db), 0);
	assert_lacks(OUT, "shipped questionnaire loaded");
	assert_int_equal(RUN("questionnaire", "list", "--db", db), 0);
	assert_has(OUT, "ccrepo-needs@1\tpublished\t");
	assert_int_equal(RUN("questionnaire", "show", "ccrepo-needs@1", "--db", db), 0);
	assert_has(OUT, "legal: Legal framework");
	assert_has(OUT, "about un-cc/7");
	write_text(file, "{\"id\": \"ccrepo-needs\", \"version\": 1, \"title\": \"T\", "
		   "\"dimensions\": [{\"id\": \"legal\", \"questions\": [{\"id\": \"a\", "
		   "\"kind\": \"text\", \"text\": \"T\"}]}]}");
	assert_int_equal(RUN("questionnaire", "import", file, "--db", db), 1);
	assert_has(ERR, "is published and never changes");
	write_text(file, "{\"id\": \"t2\", \"version\": 1, \"title\": \"T\", "
		   "\"dimensions\": [{\"id\": \"legal\", \"questions\": [{\"id\": \"a\", "
		   "\"kind\": \"stage\", \"text\": \"T\"}]}]}");
	assert_int_equal(RUN("questionnaire", "import", file, "--db", db), 1);
	assert_has(ERR, "question a: stages is missing");
	write_text(file, "{\"id\": \"t2\", \"version\": 1, \"title\": \"T\", "
		   "\"dimensions\": [{\"id\": \"legal\", \"questions\": [{\"id\": \"a\", "
		   "\"kind\": \"text\", \"text\": \"T\"}]}]}");
	assert_int_equal(RUN("questionnaire", "import", file, "--db", db), 0);
	assert_has(OUT, "t2 version 1 imported (draft)");
	assert_int_equal(RUN("questionnaire", "publish", "t2", "--db", db), 0);
	assert_int_equal(RUN("questionnaire", "list", "--db", db), 0);
	assert_has(OUT, "t2@1\tpublished\t1 questions");
	assert_int_equal(RUN("questionnaire", "show", "t2", "--json", "--db", db), 0);
	assert_has(OUT, "\"kind\": \"text\"");
	assert_int_equal(RUN("questionnaire", "show", "nope", "--db", db), 1);
	assert_int_equal(RUN("questionnaire", "bogus", "--db", db), 2);
	assert_int_equal(RUN("help", "questionnaire"), 0);
	assert_has(OUT, "docs/questionnaire.md");
	run_free();
}

/* `migrate --force-refdata`, as its help says, reloads the reference data. */
static void test_migrate_force_refdata(void **state)
{
	const char *db = path_in("f.db");

	(void)state;
	assert_int_equal(RUN("migrate", "--db", db), 0);
	assert_int_equal(RUN("migrate", "--help"), 0);
	assert_has(OUT, "--force-refdata");
	assert_int_equal(RUN("migrate", "--db", db, "--force-refdata", "--log-level", "info"), 0);
	assert_has(ERR, "reference data loaded: 249 countries");
	assert_int_equal(RUN("migrate", "--force-refdata", "--db", db), 0);
	run_free();
}

static void test_check(void **state)
{
	const char *db = path_in("c.db");

	(void)state;
	assert_int_equal(RUN("migrate", "--db", db), 0);
	assert_int_equal(RUN("check", "--db", db), 0);
	assert_has(OUT, "0 problems");
	assert_has(OUT, "integrity: ok");

	assert_int_equal(RUN("check", "--db", path_in("missing.db")), 1);
	assert_has(ERR, "missing.db");
	/* check does not create it */
	assert_int_not_equal(access(path_in("missing.db"), F_OK), 0);
	run_free();
}

static void corrupt_middle(const char *path)
{
	size_t len = 0;
	char *data = harness_read_file(path, &len);
	size_t page = 4096, from, to;

	assert_non_null(data);
	assert_true(len >= 8 * page);
	/* keep page 1 (the header) and trash the pages in the middle of the file */
	from = (len / page / 4) * page;
	to = (len / page * 3 / 4) * page;
	srand(42);
	for (size_t i = from; i < to; i++)
		data[i] = (char)(rand() & 0xff);
	assert_int_equal(harness_write_file(path, data, len), 0);
	free(data);
}

static void test_check_corrupt(void **state)
{
	const char *db = path_in("bad.db"), *db2 = path_in("short.db"), *db3 = path_in("junk.db");
	size_t len = 0;
	char *data;
	int rc;

	(void)state;
	assert_int_equal(RUN("migrate", "--db", db), 0);
	/* a clean close leaves everything in the main file */
	assert_int_not_equal(access(path_in("bad.db-wal"), F_OK), 0);
	corrupt_middle(db);
	rc = RUN("check", "--db", db);
	if (rc == 0)
		fail_msg("check passed a corrupted database: %s", OUT);
	assert_true(rc == 1);
	assert_lacks(OUT, " 0 problems");

	/* truncated to half */
	assert_int_equal(RUN("migrate", "--db", db2), 0);
	data = harness_read_file(db2, &len);
	assert_non_null(data);
	assert_int_equal(harness_write_file(db2, data, len / 2), 0);
	free(data);
	rc = RUN("check", "--db", db2);
	if (rc == 0)
		fail_msg("check passed a truncated database: %s", OUT);
	assert_true(rc == 1);

	/* not a database at all */
	write_text(db3, "this is not a database, just some text that is long enough\n");
	assert_int_equal(RUN("check", "--db", db3), 1);
	assert_true(strlen(ERR) > 0 || strstr(OUT, "problem"));
	run_free();
}

/* Whether something answers HTTP on port. */
static int answers(unsigned port)
{
	int fd = net_connect(port);

	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

/* Issue 10, defect 7: a second server on a port that one already serves must not
 * start (with SO_REUSEPORT it did, and the kernel split the requests between two
 * databases): it exits at once, non-zero, saying the address is in use, and the
 * first goes on serving. */
static void test_port_in_use(void **state)
{
	struct srv *s = srv_start(NULL);
	char listen[64];
	char *out = NULL, *err = NULL;
	double t0;
	int rc;

	(void)state;
	assert_non_null(s);
	snprintf(listen, sizeof(listen), "127.0.0.1:%u", s->port);
	t0 = harness_now_ms();
	rc = harness_run((const char *const[]){ "serve", "--listen", listen, "--db",
			 path_in("second.db"), "--log-level", "error", NULL }, NULL, D, &out,
			 &err);
	assert_int_not_equal(rc, 0);
	assert_true(rc < 128);	/* it exited by itself, not killed after 20 s */
	assert_true(harness_now_ms() - t0 < 10000);
	assert_has(err, "already in use");
	assert_has(err, listen);
	free(out);
	free(err);
	assert_true(srv_healthy(s));
	assert_int_equal(srv_stop(s), 0);
}

static void test_config_precedence(void **state)
{
	char *conf = path_in("prec.conf"), env_a[64], listen_b[64], text[256], want[96];
	unsigned pa = harness_free_port(), pb = harness_free_port(), pc = harness_free_port();
	struct srv_options o = { 0 };
	struct srv *s;
	char *out;

	(void)state;
	assert_true(pa && pb && pc && pa != pb && pb != pc && pa != pc);
	write_text(conf, "# settings\nlisten = 127.0.0.1:1\nlog-level = debug\n");
	snprintf(env_a, sizeof(env_a), "CCREPO_LISTEN=127.0.0.1:%u", pa);
	snprintf(listen_b, sizeof(listen_b), "127.0.0.1:%u", pb);

	/* file < environment < flag: the flag wins */
	{
		const char *const args[] = { "--config", conf, "--listen", listen_b, NULL };
		const char *const env[] = { env_a, NULL };

		o.args = args;
		o.env = env;
		o.no_listen = 1;
		o.port = pb;
		s = srv_start_with(&o);
		assert_non_null(s);
		assert_false(answers(pa));
		out = harness_read_file(s->out_path, NULL);
		snprintf(want, sizeof(want), "serving http://127.0.0.1:%u/", pb);
		assert_has(out, want);
		free(out);
		assert_int_equal(srv_stop(s), 0);
	}
	/* without the flag: the environment */
	{
		const char *const args[] = { "--config", conf, NULL };
		const char *const env[] = { env_a, NULL };

		o.args = args;
		o.env = env;
		o.port = pa;
		s = srv_start_with(&o);
		assert_non_null(s);
		assert_false(answers(pb));
		out = harness_read_file(s->out_path, NULL);
		snprintf(want, sizeof(want), "serving http://127.0.0.1:%u/", pa);
		assert_has(out, want);
		free(out);
		assert_int_equal(srv_stop(s), 0);
	}
	/* only the file, named by $CCREPO_CONFIG */
	{
		char env_c[600];
		const char *const env[] = { env_c, NULL };

		snprintf(text, sizeof(text), "listen = 127.0.0.1:%u\n", pc);
		write_text(path_in("c.conf"), text);
		snprintf(env_c, sizeof(env_c), "CCREPO_CONFIG=%s", path_in("c.conf"));
		o.args = NULL;
		o.env = env;
		o.port = pc;
		s = srv_start_with(&o);
		assert_non_null(s);
		out = harness_read_file(s->out_path, NULL);
		snprintf(want, sizeof(want), "serving http://127.0.0.1:%u/", pc);
		assert_has(out, want);
		free(out);
		assert_int_equal(srv_stop(s), 0);
	}
	/* ./ccrepo.conf in the working directory is read when nothing else is named; a
	 * new database logs at info level while it loads the reference data */
	write_text(path_in("ccrepo.conf"), "log-level = error\n");
	assert_int_equal(RUN("migrate", "--db", path_in("cwd1.db")), 0);
	assert_string_equal(ERR, "");
	/* the environment beats the file */
	{
		const char *const env[] = { "CCREPO_LOG_LEVEL=info", NULL };

		assert_int_equal(RUN_ENV(env, "migrate", "--db", path_in("cwd2.db")), 0);
		assert_has(ERR, " info ");
		/* and the flag beats the environment */
		assert_int_equal(RUN_ENV(env, "migrate", "--db", path_in("cwd3.db"), "--log-level",
					 "error"), 0);
		assert_string_equal(ERR, "");
	}
	unlink(path_in("ccrepo.conf"));
	run_free();
}

static void test_config_errors(void **state)
{
	char *bad = path_in("bad.conf"), want[600];

	(void)state;
	write_text(bad, "# a comment\nthreads = 0x\n");
	assert_int_equal(RUN("serve", "--config", bad, "--db", path_in("never.db")), 2);
	snprintf(want, sizeof(want), "%s:2", bad);
	assert_has(ERR, want);
	assert_has(ERR, "0x");

	write_text(bad, "listen = 127.0.0.1:8080\n\nno-such-setting = 1\n");
	assert_int_equal(RUN("serve", "--config", bad, "--db", path_in("never.db")), 2);
	snprintf(want, sizeof(want), "%s:3", bad);
	assert_has(ERR, want);
	assert_has(ERR, "no-such-setting");

	write_text(bad, "just words\n");
	assert_int_equal(RUN("serve", "--config", bad, "--db", path_in("never.db")), 2);
	snprintf(want, sizeof(want), "%s:1", bad);
	assert_has(ERR, want);

	/* a bad value in the environment names the variable */
	{
		const char *const env[] = { "CCREPO_THREADS=lots", NULL };

		assert_int_equal(RUN_ENV(env, "serve", "--db", path_in("never.db")), 2);
		assert_has(ERR, "CCREPO_THREADS");
	}
	/* a config file that does not exist */
	assert_int_equal(RUN("serve", "--config", path_in("nope.conf"), "--db",
			     path_in("never.db")), 2);
	assert_has(ERR, "nope.conf");
	assert_int_not_equal(access(path_in("never.db"), F_OK), 0);
	run_free();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_no_command),
		cmocka_unit_test(test_serve_help),
		cmocka_unit_test(test_bad_usage),
		cmocka_unit_test(test_migrate),
		cmocka_unit_test(test_migrate_force_refdata),
		cmocka_unit_test(test_questionnaire),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_check_corrupt),
		cmocka_unit_test(test_port_in_use),
		cmocka_unit_test(test_config_precedence),
		cmocka_unit_test(test_config_errors),
	};

	return harness_exit(cmocka_run_group_tests(tests, group_setup, group_teardown));
}
