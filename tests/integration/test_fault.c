/* Faults of the storage under the real server and commands: a full disk (a small
 * tmpfs where mounting is allowed, else a file size limit), a read-only database (a
 * read-only bind mount of its directory or of the file), a file that is not a ccrepo
 * database (random bytes, another application's SQLite database) and a database
 * written by a newer ccrepo. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "integration/harness.h"

/* A database made by a server (operator and token included) in a new directory;
 * the server is stopped. The caller frees dir and token. */
static void make_db(char **dir, char **token, long long *size)
{
	struct srv_options o = { 0 };
	struct srv *s;
	struct stat sb;
	struct http_response *r;
	char db[400];

	*dir = harness_tmpdir();
	assert_non_null(*dir);
	o.dir = *dir;
	s = srv_start_with(&o);
	assert_non_null(s);
	r = http_op_post_json(s, "/api/v1/lessons", "{\"title\":\"Before the fault\","
			      "\"country\":\"KE\",\"language\":\"en\",\"body\":\"Kept "
			      "faultword safe.\"}");
	assert_status(r, 201);
	http_response_free(r);
	*token = strdup(s->token);
	assert_int_equal(srv_stop(s), 0);
	snprintf(db, sizeof(db), "%s/ccrepo.db", *dir);
	assert_int_equal(stat(db, &sb), 0);
	*size = (long long)sb.st_size;
}

static int copy_file(const char *from, const char *to)
{
	size_t n;
	char *data = harness_read_file(from, &n);
	int rc = data ? harness_write_file(to, data, n) : -1;

	free(data);
	return rc;
}

/* Fill the file system of dir until about keep bytes are left (a file dir/filler). */
static void fill(const char *dir, long long keep)
{
	char path[400], buf[65536];
	struct statvfs v;
	int fd;

	snprintf(path, sizeof(path), "%s/filler", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	memset(buf, 'x', sizeof(buf));
	while (!statvfs(dir, &v)) {
		long long avail = (long long)v.f_bavail * (long long)v.f_frsize;
		size_t n = avail - keep < (long long)sizeof(buf) ? (size_t)(avail - keep) :
								   sizeof(buf);

		if (avail <= keep || write(fd, buf, n) <= 0)
			break;
	}
	close(fd);
}

/* Write lessons of about 200 KB until one is refused; the refusal. */
static struct http_response *write_until_refused(const struct srv *s, int max)
{
	size_t n = 200 * 1024;
	char *body = malloc(n + 200);

	assert_non_null(body);
	for (int i = 0; i < max; i++) {
		struct http_response *r;
		int k = snprintf(body, 200, "{\"title\":\"Big %d\",\"country\":\"KE\","
				 "\"language\":\"en\",\"body\":\"", i);

		for (size_t j = 0; j < n; j++)
			body[k + j] = "abcdefghij klmnopqrst uvwxyz "[(j * 7 + (size_t)i) % 29];
		snprintf(body + k + n, 200, "\"}");
		r = http_op_post_json(s, "/api/v1/lessons", body);
		assert_non_null(r);
		if (r->status != 201) {
			free(body);
			return r;
		}
		http_response_free(r);
	}
	free(body);
	fail_msg("%d writes of 200 KB were all accepted", max);
	return NULL;
}

/* The server on a full disk: writes answer 507 with a clear problem, /healthz says
 * "full" with the reason, reads go on; when room comes back, both recover. */
static void check_full(struct srv *s, const char *filler)
{
	struct http_response *r = write_until_refused(s, 400);

	assert_status(r, 507);
	assert_header_has(r, "Content-Type", "application/problem+json");
	assert_has(r->body, "\"title\":\"Insufficient Storage\"");
	assert_has(r->body, "storage is full: nothing was saved");
	http_response_free(r);
	r = http_get(s, "/healthz", NULL);
	assert_status(r, 503);
	assert_has(r->body, "\"status\":\"full\"");
	assert_has(r->body, "full: writes fail");
	http_response_free(r);
	/* reading works */
	r = http_op_get(s, "/api/v1/search?q=faultword", NULL);
	assert_status(r, 200);
	assert_has(r->body, "Before the fault");
	http_response_free(r);
	/* an HTML form says it too */
	if (filler) {
		assert_int_equal(unlink(filler), 0);
	} else {
		return;
	}
	r = http_get(s, "/healthz", NULL);
	assert_status(r, 200);
	assert_has(r->body, "\"status\":\"ok\"");
	http_response_free(r);
	r = http_op_post_json(s, "/api/v1/lessons", "{\"title\":\"After the fault\","
			      "\"country\":\"KE\",\"language\":\"en\",\"body\":\"Room again.\"}");
	assert_status(r, 201);
	http_response_free(r);
}

static void test_disk_full(void **state)
{
	char *dir, *token, small[400], db[500], from[400], filler[500], opt[64];
	long long size;
	struct srv_options o = { 0 };
	struct srv *s;

	(void)state;
	make_db(&dir, &token, &size);
	snprintf(from, sizeof(from), "%s/ccrepo.db", dir);
	snprintf(small, sizeof(small), "%s/small", dir);
	assert_int_equal(mkdir(small, 0700), 0);
	snprintf(opt, sizeof(opt), "size=%lld", size + 4 * 1024 * 1024);
	o.dir = dir;
	o.token = token;
	/* CCREPO_TEST_NO_MOUNT=1 tries the way taken where mounting is not allowed */
	if (!getenv("CCREPO_TEST_NO_MOUNT") && !mount("tmpfs", small, "tmpfs", 0, opt)) {
		printf("# disk full: a tmpfs of %lld bytes\n", size + 4 * 1024 * 1024);
		snprintf(db, sizeof(db), "%s/ccrepo.db", small);
		assert_int_equal(copy_file(from, db), 0);
		o.db = db;
		s = srv_start_with(&o);
		assert_non_null(s);
		fill(small, 600 * 1024);
		snprintf(filler, sizeof(filler), "%s/filler", small);
		check_full(s, filler);
		assert_int_equal(srv_stop(s), 0);
		/* check reads the full database */
		assert_int_equal(harness_cli(small, NULL, (const char *const[]){ "check",
					     "--db", db, NULL }, NULL, 0), 0);
		umount2(small, MNT_DETACH);
	} else {
		/* no mount here (not root, or no CAP_SYS_ADMIN): a file size limit */
		printf("# disk full: mount: %s; RLIMIT_FSIZE instead\n",
		       getenv("CCREPO_TEST_NO_MOUNT") ? "not tried" : strerror(errno));
		o.fsize_limit = size + 1024 * 1024;
		s = srv_start_with(&o);
		assert_non_null(s);
		check_full(s, NULL);
		assert_int_equal(srv_stop(s), 0);
	}
	harness_rmtree(dir);
	free(dir);
	free(token);
}

/* A read-only bind mount of from at to: 0, or -1 when mounting is not allowed. */
static int mount_ro(const char *from, const char *to)
{
	if (getenv("CCREPO_TEST_NO_MOUNT") || mount(from, to, NULL, MS_BIND, NULL))
		return -1;
	if (mount(NULL, to, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL)) {
		umount2(to, MNT_DETACH);
		return -1;
	}
	return 0;
}

/* The server and the commands on a database they cannot write. */
static void check_read_only(const char *dir, const char *db, const char *token)
{
	struct srv_options o = { 0 };
	struct http_response *r;
	struct srv *s;
	char *out = NULL, *err = NULL;

	o.dir = dir;
	o.db = db;
	o.token = token;
	o.any_health = 1;
	s = srv_start_with(&o);
	assert_non_null(s);
	r = http_get(s, "/healthz", NULL);
	assert_status(r, 503);
	assert_has(r->body, "\"status\":\"read-only\"");
	http_response_free(r);
	/* a valid token still reads */
	r = http_op_get(s, "/api/v1/me", NULL);
	assert_status(r, 200);
	assert_has(r->body, "operator");
	http_response_free(r);
	r = http_op_get(s, "/api/v1/search?q=faultword", NULL);
	assert_status(r, 200);
	assert_has(r->body, "Before the fault");
	http_response_free(r);
	/* a write says why it cannot be made */
	r = http_op_post_json(s, "/api/v1/lessons", "{\"title\":\"Refused\",\"country\":"
			      "\"KE\",\"language\":\"en\",\"body\":\"No.\"}");
	assert_status(r, 503);
	assert_has(r->body, "The database is read-only");
	http_response_free(r);
	assert_int_equal(srv_stop(s), 0);
	/* check and audit verify read without writing */
	assert_int_equal(harness_run((const char *const[]){ "check", "--db", db, NULL }, NULL,
				     dir, &out, &err), 0);
	assert_has(out, "0 problems");
	free(out);
	free(err);
	assert_int_equal(harness_run((const char *const[]){ "audit", "verify", "--db", db,
							    NULL }, NULL, dir, &out, &err), 0);
	assert_has(out, "audit log intact");
	free(out);
	free(err);
}

static void test_read_only(void **state)
{
	char *dir, *token, ro[400], db[500], file[400];
	long long size;
	int mounted = 0;

	(void)state;
	make_db(&dir, &token, &size);
	/* the directory read-only: no -shm can be made */
	snprintf(ro, sizeof(ro), "%s/ro", dir);
	assert_int_equal(mkdir(ro, 0700), 0);
	snprintf(db, sizeof(db), "%s/ccrepo.db", ro);
	if (!mount_ro(dir, ro)) {
		mounted = 1;
		check_read_only(dir, db, token);
		umount2(ro, MNT_DETACH);
		/* only the file read-only, in a writable directory */
		snprintf(file, sizeof(file), "%s/ccrepo.db", dir);
		assert_int_equal(mount_ro(file, file), 0);
		check_read_only(dir, file, token);
		umount2(file, MNT_DETACH);
	} else if (geteuid() != 0) {
		/* without mounts, permissions do (root would ignore them) */
		snprintf(file, sizeof(file), "%s/ccrepo.db", dir);
		assert_int_equal(chmod(file, 0444), 0);
		assert_int_equal(chmod(dir, 0555), 0);
		check_read_only(dir, file, token);
		chmod(dir, 0700);
		mounted = 1;
	}
	harness_rmtree(dir);
	free(dir);
	free(token);
	if (!mounted)
		skip();
}

/* Every command that opens the database on path fails clearly with what. */
static void refused_everywhere(const char *dir, const char *path, const char *what)
{
	static const char *const commands[][4] = {
		{ "check" }, { "migrate" }, { "audit", "verify" }, { "search", "x" },
		{ "user", "list" }, { "serve", "--listen", "127.0.0.1:0" },
	};

	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const char *args[8];
		char *out = NULL, *err = NULL;
		int n = 0, rc;

		for (int k = 0; k < 4 && commands[i][k]; k++)
			args[n++] = commands[i][k];
		args[n++] = "--db";
		args[n++] = path;
		args[n] = NULL;
		rc = harness_run(args, NULL, dir, &out, &err);
		if (rc == 0 || rc >= 128)
			fail_msg("ccrepo %s: exit status %d on %s", args[0], rc, path);
		if (!strstr(err ? err : "", what) && !strstr(out ? out : "", what))
			fail_msg("ccrepo %s: no \"%s\" in: %s%s", args[0], what, out ? out : "",
				 err ? err : "");
		free(out);
		free(err);
	}
}

static long long count_tables(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st,
					    NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void test_not_ccrepo(void **state)
{
	char *dir = harness_tmpdir(), path[400], junk[4096];
	sqlite3 *db;

	(void)state;
	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/random.db", dir);
	srand(7);
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(rand() & 0xff);
	assert_int_equal(harness_write_file(path, junk, sizeof(junk)), 0);
	refused_everywhere(dir, path, "is not a ccrepo database");

	snprintf(path, sizeof(path), "%s/other.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE notes(id INTEGER PRIMARY KEY, text); "
				      "INSERT INTO notes(text) VALUES ('mine')", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(db);
	refused_everywhere(dir, path, "is not a ccrepo database");
	/* and nothing of ccrepo's was added to it */
	assert_int_equal(count_tables(path), 1);
	harness_rmtree(dir);
	free(dir);
}

static void test_newer_version(void **state)
{
	char *dir, *token, path[400];
	long long size;
	sqlite3 *db;

	(void)state;
	make_db(&dir, &token, &size);
	snprintf(path, sizeof(path), "%s/ccrepo.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	refused_everywhere(dir, path, "newer than this");
	harness_rmtree(dir);
	free(dir);
	free(token);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_disk_full),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_not_ccrepo),
		cmocka_unit_test(test_newer_version),
	};

	return harness_exit(cmocka_run_group_tests(tests, NULL, NULL));
}
