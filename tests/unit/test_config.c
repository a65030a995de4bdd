/* Tests of core/config: defaults, the config file syntax, value checks, and the whole
 * precedence (flags over environment over file over defaults) of config_resolve().
 * Each test runs in a fresh temporary directory so that a ./ccrepo.conf of the
 * checkout does not interfere, with every CCREPO_* variable unset. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/log.h"

static const char *const env_names[] = {
	"CCREPO_CONFIG", "CCREPO_LISTEN", "CCREPO_DB", "CCREPO_THREADS", "CCREPO_LOG_LEVEL",
	"CCREPO_ISO_CODES_DIR", "CCREPO_LOCALE_DIR", "CCREPO_MAX_BODY", "CCREPO_TIMEOUT",
	"CCREPO_CACHE_MAX",
};

static char olddir[PATH_MAX];
static char tmpdir[64];

static void unset_all(void)
{
	for (size_t i = 0; i < sizeof(env_names) / sizeof(env_names[0]); i++)
		unsetenv(env_names[i]);
}

static int setup(void **state)
{
	(void)state;
	unset_all();
	if (!getcwd(olddir, sizeof(olddir)))
		return -1;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ccrepo-config-XXXXXX");
	if (!mkdtemp(tmpdir) || chdir(tmpdir))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	static const char *const files[] = { "ccrepo.conf", "a.conf", "b.conf", "big.conf" };

	(void)state;
	unset_all();
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		unlink(files[i]);
	if (chdir(olddir))
		return -1;
	return rmdir(tmpdir);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static int parse(struct config *c, const char *text, struct err *e)
{
	err_clear(e);
	return config_parse(c, text, strlen(text), "f.conf", e);
}

/* config_resolve over a NULL-terminated list of arguments. */
static int resolve(struct config *c, unsigned mask, const char **args, char **rest,
		   int *nrest, struct err *e)
{
	int argc = 0;
	char *tmp[4];
	int ntmp = 4;

	while (args && args[argc])
		argc++;
	err_clear(e);
	if (!rest) {
		rest = tmp;
		nrest = &ntmp;
	}
	return config_resolve(c, mask, argc, (char **)args, rest, nrest, e);
}

static void assert_defaults(const struct config *c)
{
	assert_string_equal(c->listen, "127.0.0.1:8080");
	assert_string_equal(c->db, "data/ccrepo.db");
	assert_int_equal(c->threads, 0);
	assert_int_equal(c->log_level, LOG_INFO);
	assert_string_equal(c->iso_codes_dir, "/usr/share/iso-codes/json");
	assert_string_equal(c->locale_dir, "/usr/share/locale");
	assert_int_equal(c->max_body, 1024 * 1024);
	assert_int_equal(c->timeout, 30);
	assert_int_equal(c->cache_max, 32L * 1024 * 1024);
	assert_int_equal(c->db_cache, 64L * 1024 * 1024);
}

static void test_defaults(void **state)
{
	struct config c;
	struct err e;

	(void)state;
	memset(&c, 0x5a, sizeof(c));
	config_defaults(&c);
	assert_defaults(&c);
	/* resolve with nothing anywhere gives the same */
	memset(&c, 0x5a, sizeof(c));
	assert_int_equal(resolve(&c, CONFIG_OPT_ALL, NULL, NULL, NULL, &e), ERR_OK);
	assert_defaults(&c);
}

static void test_parse_syntax(void **state)
{
	static const char text[] =
		"# a comment\n"
		"\n"
		"   \n"
		"listen=10.0.0.1:80\n"
		"  db   =   /var/lib/ccrepo/x.db   \n"
		"\t# indented comment\n"
		"threads\t=\t4\r\n"
		"log-level = debug\n"
		"locale-dir = /opt/a=b\n"	/* '=' in a value */
		"timeout = 60";			/* no final newline */
	struct config c;
	struct err e;

	(void)state;
	config_defaults(&c);
	assert_int_equal(parse(&c, text, &e), ERR_OK);
	assert_string_equal(c.listen, "10.0.0.1:80");
	assert_string_equal(c.db, "/var/lib/ccrepo/x.db");
	assert_int_equal(c.threads, 4);
	assert_int_equal(c.log_level, LOG_DEBUG);
	assert_string_equal(c.locale_dir, "/opt/a=b");
	assert_int_equal(c.timeout, 60);
	/* untouched settings keep their defaults */
	assert_string_equal(c.iso_codes_dir, "/usr/share/iso-codes/json");
	/* empty text */
	assert_int_equal(parse(&c, "", &e), ERR_OK);
	/* the text need not be NUL-terminated: only len bytes count */
	{
		const char buf[] = { 't', 'h', 'r', 'e', 'a', 'd', 's', '=', '9', '9', '9' };

		err_clear(&e);
		assert_int_equal(config_parse(&c, buf, 9, "buf", &e), ERR_OK);
		assert_int_equal(c.threads, 9);
	}
}

static void test_parse_errors(void **state)
{
	struct config c;
	struct err e;

	(void)state;
	config_defaults(&c);
	assert_int_equal(parse(&c, "# ok\nthreads = 2\nbogus = 1\n", &e), ERR_INVALID);
	assert_string_equal(e.msg, "f.conf:3: unknown setting 'bogus'");
	assert_int_equal(c.threads, 2);	/* lines before the error were applied */

	assert_int_equal(parse(&c, "\n\nthreads = many\n", &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "f.conf:3"));
	assert_non_null(strstr(e.msg, "threads"));
	assert_non_null(strstr(e.msg, "many"));

	assert_int_equal(parse(&c, "listen 127.0.0.1:80\n", &e), ERR_INVALID);
	assert_string_equal(e.msg, "f.conf:1: expected 'name = value'");

	assert_int_equal(parse(&c, "db =\n", &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "f.conf:1"));
	assert_non_null(strstr(e.msg, "must not be empty"));

	assert_int_equal(parse(&c, "= value\n", &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "unknown setting ''"));

	/* names are exact: case and prefixes do not match */
	assert_int_equal(parse(&c, "Threads = 1\n", &e), ERR_INVALID);
	assert_int_equal(parse(&c, "thread = 1\n", &e), ERR_INVALID);
	assert_int_equal(parse(&c, "log_level = info\n", &e), ERR_INVALID);

	/* a NUL byte inside a line */
	{
		static const char nul[] = "db = a\0b\n";

		err_clear(&e);
		assert_int_equal(config_parse(&c, nul, sizeof(nul) - 1, "n.conf", &e),
				 ERR_INVALID);
		assert_non_null(strstr(e.msg, "n.conf:1"));
	}
	/* a value longer than a setting holds */
	{
		char *big = malloc(CONFIG_STR_MAX + 32);

		assert_non_null(big);
		strcpy(big, "db = ");
		memset(big + 5, 'x', CONFIG_STR_MAX + 10);
		big[CONFIG_STR_MAX + 15] = '\0';
		assert_int_equal(parse(&c, big, &e), ERR_INVALID);
		assert_non_null(strstr(e.msg, "f.conf:1"));
		free(big);
	}
	assert_string_equal(c.db, "data/ccrepo.db");
}

static void test_sizes(void **state)
{
	struct config c;
	struct err e;

	(void)state;
	config_defaults(&c);
	assert_int_equal(parse(&c, "max-body = 64k\ncache-max = 2M\n", &e), ERR_OK);
	assert_int_equal(c.max_body, 64 * 1024);
	assert_int_equal(c.cache_max, 2 * 1024 * 1024);
	assert_int_equal(parse(&c, "max-body = 3K\ncache-max = 5m\n", &e), ERR_OK);
	assert_int_equal(c.max_body, 3 * 1024);
	assert_int_equal(c.cache_max, 5 * 1024 * 1024);
	assert_int_equal(parse(&c, "db-cache = 256M\n", &e), ERR_OK);
	assert_int_equal(c.db_cache, 256L * 1024 * 1024);
	assert_int_equal(parse(&c, "db-cache = 1k\n", &e), ERR_INVALID);	/* under 1M */
	assert_int_equal(parse(&c, "max-body = 1000\ncache-max = 0\n", &e), ERR_OK);
	assert_int_equal(c.max_body, 1000);
	assert_int_equal(c.cache_max, 0);
	assert_int_equal(parse(&c, "max-body = 256M\n", &e), ERR_OK);
	assert_int_equal(c.max_body, 256L * 1024 * 1024);

	assert_int_equal(parse(&c, "max-body = 257M\n", &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "outside"));
	assert_int_equal(parse(&c, "max-body = 64kb\n", &e), ERR_INVALID);
	assert_int_equal(parse(&c, "max-body = 64 k\n", &e), ERR_INVALID);
	assert_int_equal(parse(&c, "max-body = k\n", &e), ERR_INVALID);
	assert_int_equal(parse(&c, "max-body = -1\n", &e), ERR_INVALID);
	assert_int_equal(parse(&c, "max-body = 99999999999999999999\n", &e), ERR_INVALID);
	assert_int_equal(parse(&c, "max-body = 9999999999999999M\n", &e), ERR_INVALID);
	assert_int_equal(c.max_body, 256L * 1024 * 1024);	/* unchanged by the failures */

	assert_int_equal(parse(&c, "threads = 256\ntimeout = 1\n", &e), ERR_OK);
	assert_int_equal(c.threads, 256);
	assert_int_equal(c.timeout, 1);
	assert_int_equal(parse(&c, "threads = 257\n", &e), ERR_INVALID);
	assert_int_equal(parse(&c, "threads = -1\n", &e), ERR_INVALID);
	assert_int_equal(parse(&c, "timeout = 0\n", &e), ERR_INVALID);
	assert_int_equal(parse(&c, "timeout = 3601\n", &e), ERR_INVALID);
	assert_int_equal(parse(&c, "threads = 4.5\n", &e), ERR_INVALID);
	assert_int_equal(c.threads, 256);
	assert_int_equal(c.timeout, 1);
}

/* A negative number with a size suffix must not overflow: n * 1024 on
 * -18014398509481983 is signed overflow (undefined behaviour); wrapped, it would be
 * 1024 and accepted. */
static void test_sizes_negative_overflow(void **state)
{
	struct config c;
	struct err e;

	(void)state;
	config_defaults(&c);
	assert_int_equal(parse(&c, "max-body = -18014398509481983k\n", &e), ERR_INVALID);
	assert_int_equal(parse(&c, "cache-max = -9000000000000M\n", &e), ERR_INVALID);
	assert_int_equal(c.max_body, 1024 * 1024);
	assert_int_equal(c.cache_max, 32L * 1024 * 1024);
}

static void test_listen(void **state)
{
	static const char *const good[] = { "127.0.0.1:8080", "0.0.0.0:0", "localhost:65535",
					    "[::1]:8443", "example.org:80" };
	static const char *const bad[] = { "8080", ":8080", "host:", "host:65536",
					   "host:-1", "host:80x", "host:http", "" };
	struct config c;
	struct err e;

	(void)state;
	config_defaults(&c);
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		err_clear(&e);
		assert_int_equal(config_set(&c, "listen", good[i], &e), ERR_OK);
		assert_string_equal(c.listen, good[i]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&e);
		if (config_set(&c, "listen", bad[i], &e) != ERR_INVALID)
			print_error("accepted listen '%s'\n", bad[i]);
		assert_int_equal(e.code, ERR_INVALID);
		assert_non_null(strstr(e.msg, "listen"));
	}
	assert_string_equal(c.listen, "example.org:80");
}

/* contact: an e-mail or http(s) address, or empty; nothing that could break out of
 * the link the contact page makes of it. */
static void test_contact(void **state)
{
	static const char *const good[] = { "help@example.org", "a.b+c@un.example.int",
					    "https://example.org/contact", "http://x.example", "" };
	static const char *const bad[] = { "help", "@example.org", "help@example",
					   "help@.org", "a@b@c.org", "help@example.org.",
					   "https://", "javascript:alert(1)", "a b@example.org",
					   "\"x\"@example.org", "https://example.org/<x>",
					   "ftp://example.org" };
	struct config c;
	struct err e;

	(void)state;
	config_defaults(&c);
	assert_string_equal(c.contact, "");
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		err_clear(&e);
		assert_int_equal(config_set(&c, "contact", good[i], &e), ERR_OK);
		assert_string_equal(c.contact, good[i]);
	}
	config_set(&c, "contact", "help@example.org", &e);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&e);
		if (config_set(&c, "contact", bad[i], &e) != ERR_INVALID)
			print_error("accepted contact '%s'\n", bad[i]);
		assert_int_equal(e.code, ERR_INVALID);
		assert_non_null(strstr(e.msg, "contact"));
	}
	assert_string_equal(c.contact, "help@example.org");
}

static void test_log_level(void **state)
{
	static const struct {
		const char *s;
		int level;
	} t[] = {
		{ "error", LOG_ERROR }, { "warn", LOG_WARN }, { "info", LOG_INFO },
		{ "debug", LOG_DEBUG },
	};
	struct config c;
	struct err e;

	(void)state;
	config_defaults(&c);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		err_clear(&e);
		assert_int_equal(config_set(&c, "log-level", t[i].s, &e), ERR_OK);
		assert_int_equal(c.log_level, t[i].level);
	}
	static const char *const bad[] = { "verbose", "INFO", "warning", "3", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&e);
		assert_int_equal(config_set(&c, "log-level", bad[i], &e), ERR_INVALID);
		assert_non_null(strstr(e.msg, "log-level"));
	}
	assert_int_equal(c.log_level, LOG_DEBUG);
	err_clear(&e);
	assert_int_equal(config_set(&c, "nope", "1", &e), ERR_INVALID);
	assert_string_equal(e.msg, "unknown setting 'nope'");
}

/* The precedence, setting by setting: file < env < flag. */
static void test_precedence(void **state)
{
	const char *file_only[] = { "--config", "a.conf", NULL };
	const char *flags[] = { "--listen", "[::1]:3333", "--db=flag.db", "--threads", "7",
				"--config=a.conf", "--log-level=error", NULL };
	struct config c;
	struct err e;

	(void)state;
	write_file("a.conf", "listen = 127.0.0.1:1111\ndb = file.db\nthreads = 3\n"
			     "log-level = warn\n");
	/* file beats defaults */
	assert_int_equal(resolve(&c, CONFIG_OPT_ALL, file_only, NULL, NULL, &e), ERR_OK);
	assert_string_equal(c.listen, "127.0.0.1:1111");
	assert_string_equal(c.db, "file.db");
	assert_int_equal(c.threads, 3);
	assert_int_equal(c.log_level, LOG_WARN);
	assert_int_equal(c.timeout, 30);

	/* env beats the file */
	setenv("CCREPO_LISTEN", "0.0.0.0:2222", 1);
	setenv("CCREPO_DB", "env.db", 1);
	setenv("CCREPO_THREADS", "5", 1);
	setenv("CCREPO_LOG_LEVEL", "debug", 1);
	assert_int_equal(resolve(&c, CONFIG_OPT_ALL, file_only, NULL, NULL, &e), ERR_OK);
	assert_string_equal(c.listen, "0.0.0.0:2222");
	assert_string_equal(c.db, "env.db");
	assert_int_equal(c.threads, 5);
	assert_int_equal(c.log_level, LOG_DEBUG);

	/* flags beat the env */
	assert_int_equal(resolve(&c, CONFIG_OPT_ALL, flags, NULL, NULL, &e), ERR_OK);
	assert_string_equal(c.listen, "[::1]:3333");
	assert_string_equal(c.db, "flag.db");
	assert_int_equal(c.threads, 7);
	assert_int_equal(c.log_level, LOG_ERROR);

	/* each setting from its own source */
	unsetenv("CCREPO_LISTEN");
	unsetenv("CCREPO_THREADS");
	unsetenv("CCREPO_LOG_LEVEL");
	write_file("a.conf", "listen = 127.0.0.1:1111\n");
	{
		const char *mixed[] = { "--config", "a.conf", "--threads=9", NULL };

		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, mixed, NULL, NULL, &e), ERR_OK);
	}
	assert_string_equal(c.listen, "127.0.0.1:1111");	/* file */
	assert_string_equal(c.db, "env.db");			/* env */
	assert_int_equal(c.threads, 9);				/* flag */
	assert_int_equal(c.log_level, LOG_INFO);		/* default */
	unsetenv("CCREPO_DB");

	/* a bad value in the environment names the variable */
	setenv("CCREPO_THREADS", "lots", 1);
	assert_int_equal(resolve(&c, CONFIG_OPT_ALL, NULL, NULL, NULL, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "$CCREPO_THREADS"));
	unsetenv("CCREPO_THREADS");
}

static void test_config_file_choice(void **state)
{
	struct config c;
	struct err e;

	(void)state;
	write_file("a.conf", "db = a.db\n");
	write_file("b.conf", "db = b.db\n");
	/* no file anywhere: defaults */
	assert_int_equal(resolve(&c, CONFIG_OPT_ALL, NULL, NULL, NULL, &e), ERR_OK);
	assert_string_equal(c.db, "data/ccrepo.db");
	/* ./ccrepo.conf when present */
	write_file("ccrepo.conf", "db = local.db\n");
	assert_int_equal(resolve(&c, CONFIG_OPT_ALL, NULL, NULL, NULL, &e), ERR_OK);
	assert_string_equal(c.db, "local.db");
	/* $CCREPO_CONFIG beats ./ccrepo.conf */
	setenv("CCREPO_CONFIG", "a.conf", 1);
	assert_int_equal(resolve(&c, CONFIG_OPT_ALL, NULL, NULL, NULL, &e), ERR_OK);
	assert_string_equal(c.db, "a.db");
	/* --config FILE and --config=FILE beat $CCREPO_CONFIG */
	{
		const char *a1[] = { "--config", "b.conf", NULL };
		const char *a2[] = { "--config=b.conf", NULL };

		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a1, NULL, NULL, &e), ERR_OK);
		assert_string_equal(c.db, "b.db");
		config_defaults(&c);
		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a2, NULL, NULL, &e), ERR_OK);
		assert_string_equal(c.db, "b.db");
	}
	/* an explicit file that is missing is an error, not a silent default */
	setenv("CCREPO_CONFIG", "missing.conf", 1);
	assert_int_equal(resolve(&c, CONFIG_OPT_ALL, NULL, NULL, NULL, &e), ERR_IO);
	assert_non_null(strstr(e.msg, "missing.conf"));
	unsetenv("CCREPO_CONFIG");
	{
		const char *a[] = { "--config", "nope.conf", NULL };

		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a, NULL, NULL, &e), ERR_IO);
		assert_non_null(strstr(e.msg, "nope.conf"));
	}
	/* an error in the file names file and line */
	write_file("b.conf", "# x\nthreads = 1000\n");
	{
		const char *a[] = { "--config=b.conf", NULL };

		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a, NULL, NULL, &e), ERR_INVALID);
		assert_non_null(strstr(e.msg, "b.conf:2"));
	}
	/* over 64 KiB */
	{
		FILE *f = fopen("big.conf", "w");
		const char *a[] = { "--config", "big.conf", NULL };

		assert_non_null(f);
		for (int i = 0; i < 7000; i++)
			fputs("# padding\n", f);
		fclose(f);
		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a, NULL, NULL, &e), ERR_TOOLARGE);
	}
	/* exactly 64 KiB is fine */
	{
		FILE *f = fopen("big.conf", "w");

		assert_non_null(f);
		for (int i = 0; i < 65536 / 8; i++)
			fputs("#345678\n", f);
		fclose(f);
		err_clear(&e);
		assert_int_equal(config_load_file(&c, "big.conf", &e), ERR_OK);
	}
}

static void test_flags(void **state)
{
	struct config c;
	struct err e;
	char *rest[8];
	int nrest;

	(void)state;
	{
		const char *a[] = { "--bogus", "x", NULL };

		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a, NULL, NULL, &e), ERR_INVALID);
		assert_non_null(strstr(e.msg, "unknown option --bogus"));
	}
	{
		const char *a[] = { "--bogus=x", NULL };

		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a, NULL, NULL, &e), ERR_INVALID);
		assert_string_equal(e.msg, "unknown option --bogus");
	}
	{
		const char *a[] = { "--threads", "2", "--db", NULL };

		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a, NULL, NULL, &e), ERR_INVALID);
		assert_non_null(strstr(e.msg, "--db needs a value"));
	}
	{
		const char *a[] = { "--config", NULL };

		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a, NULL, NULL, &e), ERR_INVALID);
		assert_non_null(strstr(e.msg, "--config needs a value"));
	}
	{
		const char *a[] = { "--threads=x", NULL };

		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a, NULL, NULL, &e), ERR_INVALID);
		assert_non_null(strstr(e.msg, "threads"));
	}
	/* a flag not in the command's mask is rejected, and its env var ignored */
	setenv("CCREPO_LISTEN", "1.2.3.4:5", 1);
	{
		const char *a[] = { "--db", "x.db", NULL };

		assert_int_equal(resolve(&c, CONFIG_OPT_DB, a, NULL, NULL, &e), ERR_OK);
		assert_string_equal(c.db, "x.db");
		assert_string_equal(c.listen, "127.0.0.1:8080");
	}
	{
		const char *a[] = { "--db", "x.db", "--listen", "1.1.1.1:1", NULL };

		assert_int_equal(resolve(&c, CONFIG_OPT_DB, a, NULL, NULL, &e), ERR_INVALID);
		assert_string_equal(e.msg, "unknown option --listen");
	}
	unsetenv("CCREPO_LISTEN");

	/* positional arguments go to rest; "-x" and "-" are positional */
	{
		const char *a[] = { "import", "--db", "y.db", "file.json", "-", "-x", NULL };

		nrest = 8;
		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a, rest, &nrest, &e), ERR_OK);
		assert_int_equal(nrest, 4);
		assert_string_equal(rest[0], "import");
		assert_string_equal(rest[1], "file.json");
		assert_string_equal(rest[2], "-");
		assert_string_equal(rest[3], "-x");
		assert_string_equal(c.db, "y.db");
	}
	/* "--" ends the flags */
	{
		const char *a[] = { "a", "--threads=3", "--", "--listen", "b", "--config", NULL };

		nrest = 8;
		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a, rest, &nrest, &e), ERR_OK);
		assert_int_equal(c.threads, 3);
		assert_string_equal(c.listen, "127.0.0.1:8080");
		assert_int_equal(nrest, 4);
		assert_string_equal(rest[0], "a");
		assert_string_equal(rest[1], "--listen");
		assert_string_equal(rest[2], "b");
		assert_string_equal(rest[3], "--config");
	}
	/* more positionals than room */
	{
		const char *a[] = { "a", "b", "c", NULL };

		nrest = 2;
		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a, rest, &nrest, &e), ERR_INVALID);
		assert_non_null(strstr(e.msg, "unexpected argument 'c'"));
	}
	{
		const char *a[] = { "x", NULL };

		nrest = 0;
		assert_int_equal(resolve(&c, CONFIG_OPT_ALL, a, rest, &nrest, &e), ERR_INVALID);
	}
}

static void test_help(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	f = open_memstream(&text, &len);
	assert_non_null(f);
	config_print_help(f, CONFIG_OPT_DB | CONFIG_OPT_MAX_BODY);
	fclose(f);
	assert_non_null(strstr(text, "--db FILE"));
	assert_non_null(strstr(text, "CCREPO_DB"));
	assert_non_null(strstr(text, "data/ccrepo.db"));
	assert_non_null(strstr(text, "--max-body BYTES"));
	assert_non_null(strstr(text, "--config FILE"));
	assert_null(strstr(text, "--listen"));
	assert_null(strstr(text, "CCREPO_THREADS"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_syntax, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sizes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_listen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_level, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_precedence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_file_choice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help, setup, teardown),
		/* last: under UBSan the overflow it shows ends the program */
		cmocka_unit_test_setup_teardown(test_sizes_negative_overflow, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
