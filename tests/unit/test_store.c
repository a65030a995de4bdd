/* Tests of store/ with the SQLite backend on temporary files: opening (parent
 * directories), migrations and the schema version, refusing a newer schema, meta
 * settings, the consistency check, foreign keys, transactions, per-thread
 * connections and the change generation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"

#include "core/log.h"
#include "domain/kind.h"
#include "domain/lesson.h"
#include "store/sqlite/internal.h"
#include "store/sqlite/search_sql.h"
#include "store/store.h"

/* One integer from SQL on the connection behind s (white box: the SQLite handle). */
static long long sql_int(struct store *s, const char *sql)
{
	sqlite3 *db = ((struct sq *)s)->db;
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void test_open_creates_dirs(void **state)
{
	struct stat st;
	struct store *s;

	(void)state;
	s = fixture_db("a/b/c/test.db", FIX_BARE);
	assert_int_equal(stat(fixture_path("a/b/c"), &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(stat(fixture_path("a/b/c/test.db"), &st), 0);
	assert_true(S_ISREG(st.st_mode));
	/* WAL mode, foreign keys on */
	assert_int_equal(sql_int(s, "PRAGMA foreign_keys"), 1);
	{
		sqlite3_stmt *q;

		assert_int_equal(sqlite3_prepare_v2(((struct sq *)s)->db, "PRAGMA journal_mode",
						    -1, &q, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
		sqlite3_finalize(q);
	}
	store_close(s);
	store_close(NULL);	/* a no-op */
	/* existing directories are fine */
	s = fixture_db("a/b/c/other.db", FIX_BARE);
	store_close(s);
}

static void test_open_fails(void **state)
{
	struct store *s = (struct store *)1;
	struct err e;
	FILE *f;

	(void)state;
	/* a parent that is a file cannot become a directory */
	f = fopen(fixture_path("plain"), "w");
	assert_non_null(f);
	fclose(f);
	err_clear(&e);
	assert_int_not_equal(store_open(fixture_path("plain/x.db"), &s, &e), ERR_OK);
	assert_null(s);
	assert_true(e.msg[0] != '\0');
	/* a file that is not a database */
	f = fopen(fixture_path("junk.db"), "w");
	assert_non_null(f);
	fputs("this is not an SQLite database, not at all, and it is long enough\n", f);
	fclose(f);
	err_clear(&e);
	s = (struct store *)1;
	assert_int_equal(store_open(fixture_path("junk.db"), &s, &e), ERR_INVALID);
	assert_null(s);
	assert_non_null(strstr(e.msg, "junk.db"));
	assert_non_null(strstr(e.msg, "is not a ccrepo database"));
}

static void test_migrate(void **state)
{
	struct store *s = fixture_db("m.db", FIX_BARE);
	struct err e;
	int from = -1, to = -1, v = -1;

	(void)state;
	err_clear(&e);
	assert_int_equal(store_schema_version(s, &v, &e), ERR_OK);
	assert_int_equal(v, 0);
	assert_int_equal(store_migrate(s, &from, &to, &e), ERR_OK);
	assert_int_equal(from, 0);
	assert_int_equal(to, sq_schema_latest);
	assert_true(sq_schema_latest >= 1);
	assert_int_equal(store_schema_version(s, &v, &e), ERR_OK);
	assert_int_equal(v, sq_schema_latest);
	/* each step is recorded */
	assert_int_equal(sql_int(s, "SELECT count(*) FROM schema_migration"), sq_schema_latest);
	assert_int_equal(sql_int(s, "SELECT max(version) FROM schema_migration"),
			 sq_schema_latest);
	/* again: nothing to do */
	from = to = -1;
	assert_int_equal(store_migrate(s, &from, &to, &e), ERR_OK);
	assert_int_equal(from, sq_schema_latest);
	assert_int_equal(to, sq_schema_latest);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM schema_migration"), sq_schema_latest);
	store_close(s);
	/* and from another connection later */
	s = fixture_db("m.db", FIX_BARE);
	assert_int_equal(store_migrate(s, &from, &to, &e), ERR_OK);
	assert_int_equal(from, to);
	store_close(s);
}

static void test_newer_schema_refused(void **state)
{
	struct store *s;
	sqlite3 *db;
	struct err e;
	struct sbuf report = SBUF_INIT;
	int from = -1, to = -1, v = 0, problems = 0;
	char want[64];

	(void)state;
	assert_int_equal(sqlite3_open(fixture_path("new.db"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);

	s = fixture_db("new.db", FIX_BARE);
	err_clear(&e);
	assert_int_equal(store_schema_version(s, &v, &e), ERR_OK);
	assert_int_equal(v, 99);
	assert_int_equal(store_migrate(s, &from, &to, &e), ERR_INVALID);
	assert_int_equal(from, 99);
	assert_non_null(strstr(e.msg, "99"));
	assert_non_null(strstr(e.msg, "newer"));
	assert_non_null(strstr(e.msg, "upgrade"));
	snprintf(want, sizeof(want), "(%d)", sq_schema_latest);
	assert_non_null(strstr(e.msg, want));
	/* nothing was created, the version is unchanged */
	assert_int_equal(sql_int(s, "SELECT count(*) FROM sqlite_schema"), 0);
	err_clear(&e);
	assert_int_equal(store_schema_version(s, &v, &e), ERR_OK);
	assert_int_equal(v, 99);
	/* and the transaction was ended: a write works */
	assert_int_equal(store_begin(s, &e), ERR_OK);
	store_rollback(s);
	/* check reports it */
	assert_int_equal(store_check(s, &report, &problems, &e), ERR_OK);
	assert_int_equal(problems, 1);
	assert_non_null(strstr(sbuf_str(&report), "is newer than this ccrepo knows"));
	sbuf_release(&report);
	store_close(s);
}

static void test_meta(void **state)
{
	struct store *s = fixture_db("meta.db", 0);
	pool *p = pool_new();
	char *v = (char *)"sentinel";
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(store_meta_get(s, p, "missing", &v, &e), ERR_NOTFOUND);
	assert_null(v);
	assert_non_null(strstr(e.msg, "missing"));
	err_clear(&e);
	assert_int_equal(store_meta_set(s, "k", "one", &e), ERR_OK);
	assert_int_equal(store_meta_get(s, p, "k", &v, &e), ERR_OK);
	assert_string_equal(v, "one");
	assert_int_equal(store_meta_set(s, "k", "two \xc3\xa9", &e), ERR_OK);	/* replace */
	assert_int_equal(store_meta_get(s, p, "k", &v, &e), ERR_OK);
	assert_string_equal(v, "two \xc3\xa9");
	assert_int_equal(store_meta_set(s, "empty", "", &e), ERR_OK);
	assert_int_equal(store_meta_get(s, p, "empty", &v, &e), ERR_OK);
	assert_string_equal(v, "");
	assert_int_equal(sql_int(s, "SELECT count(*) FROM meta WHERE key IN ('k', 'empty')"), 2);
	/* value NOT NULL */
	assert_int_not_equal(store_meta_set(s, "null", NULL, &e), ERR_OK);
	/* visible to another connection */
	{
		struct store *s2 = fixture_db("meta.db", FIX_BARE);

		err_clear(&e);
		assert_int_equal(store_meta_get(s2, p, "k", &v, &e), ERR_OK);
		assert_string_equal(v, "two \xc3\xa9");
		store_close(s2);
	}
	pool_free(p);
	store_close(s);
}

static void test_transactions(void **state)
{
	struct store *s = fixture_db("tx.db", 0);
	pool *p = pool_new();
	char *v;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(store_begin(s, &e), ERR_OK);
	assert_int_equal(store_meta_set(s, "a", "1", &e), ERR_OK);
	store_rollback(s);
	assert_int_equal(store_meta_get(s, p, "a", &v, NULL), ERR_NOTFOUND);
	store_rollback(s);	/* outside a transaction: harmless */
	assert_int_equal(store_begin(s, &e), ERR_OK);
	assert_int_equal(store_meta_set(s, "a", "2", &e), ERR_OK);
	assert_int_equal(store_commit(s, &e), ERR_OK);
	assert_int_equal(store_meta_get(s, p, "a", &v, &e), ERR_OK);
	assert_string_equal(v, "2");
	/* a commit without a transaction is a bug in the caller */
	assert_int_equal(store_commit(s, &e), ERR_INTERNAL);
	/* nested: an inner rollback undoes only the inner part */
	err_clear(&e);
	assert_int_equal(store_begin(s, &e), ERR_OK);
	assert_int_equal(store_meta_set(s, "outer", "1", &e), ERR_OK);
	assert_int_equal(store_begin(s, &e), ERR_OK);
	assert_int_equal(store_meta_set(s, "inner", "1", &e), ERR_OK);
	store_rollback(s);
	assert_int_equal(store_begin(s, &e), ERR_OK);
	assert_int_equal(store_meta_set(s, "inner2", "1", &e), ERR_OK);
	assert_int_equal(store_commit(s, &e), ERR_OK);
	assert_int_equal(store_commit(s, &e), ERR_OK);
	assert_int_equal(store_meta_get(s, p, "outer", &v, NULL), ERR_OK);
	assert_int_equal(store_meta_get(s, p, "inner", &v, NULL), ERR_NOTFOUND);
	assert_int_equal(store_meta_get(s, p, "inner2", &v, NULL), ERR_OK);
	/* an outer rollback undoes everything, committed inner parts included */
	assert_int_equal(store_begin(s, &e), ERR_OK);
	assert_int_equal(store_begin(s, &e), ERR_OK);
	assert_int_equal(store_meta_set(s, "gone", "1", &e), ERR_OK);
	assert_int_equal(store_commit(s, &e), ERR_OK);
	store_rollback(s);
	assert_int_equal(store_meta_get(s, p, "gone", &v, NULL), ERR_NOTFOUND);
	pool_free(p);
	store_close(s);
}

static void test_check(void **state)
{
	struct store *s = fixture_db("check.db", 0);
	struct sbuf report = SBUF_INIT;
	struct err e;
	int problems = -1;
	struct instrument in = { "x-1", "X", "Treaty X", "2020-01-01", "/akn/x", 1 };
	struct chapter ch = { "x-1", "I", "", 1, 0, "Chapter I" };
	struct article a = { "x-1", 1, "Definitions", "I", "definitions" };

	(void)state;
	err_clear(&e);
	assert_int_equal(store_check(s, &report, &problems, &e), ERR_OK);
	assert_int_equal(problems, 4);
	assert_non_null(strstr(sbuf_str(&report), "integrity: ok"));
	assert_non_null(strstr(sbuf_str(&report), "problem: no countries loaded"));
	assert_non_null(strstr(sbuf_str(&report), "problem: no regions loaded"));
	assert_non_null(strstr(sbuf_str(&report), "problem: no instruments loaded"));
	assert_non_null(strstr(sbuf_str(&report), "problem: no articles loaded"));
	/* with an instrument and an article, two problems remain */
	assert_int_equal(store_instrument_put(s, &in, &e), ERR_OK);
	assert_int_equal(store_chapter_put(s, &ch, &e), ERR_OK);
	assert_int_equal(store_article_put(s, &a, &e), ERR_OK);
	sbuf_reset(&report);
	assert_int_equal(store_check(s, &report, &problems, &e), ERR_OK);
	assert_int_equal(problems, 2);
	assert_null(strstr(sbuf_str(&report), "no articles"));
	sbuf_release(&report);
	store_close(s);

	/* an empty, unmigrated database: the schema is the problem */
	s = fixture_db("check0.db", FIX_BARE);
	assert_int_equal(store_check(s, &report, &problems, &e), ERR_OK);
	assert_int_equal(problems, 1);
	assert_non_null(strstr(sbuf_str(&report), "schema version: 0"));
	assert_non_null(strstr(sbuf_str(&report), "run 'ccrepo migrate'"));
	sbuf_release(&report);
	store_close(s);
}

static void test_foreign_keys(void **state)
{
	struct store *s = fixture_db("fk.db", 0);
	pool *p = pool_new();
	struct err e;
	struct instrument in = { "x-1", "X", "Treaty X", "2020-01-01", "/akn/x", 1 };
	struct chapter ch = { "x-1", "I", "", 1, 0, "Chapter I" };
	struct article orphan = { "nope", 1, "Definitions", "I", "definitions" };
	struct article nochap = { "x-1", 2, "Scope", "IX", "definitions" };
	struct article good = { "x-1", 1, "Definitions", "I", "definitions" };
	struct region child = { "014", REGION_INTERMEDIATE, "202", { "a", "b", "c", "d",
								    "e", "f" }, 0 };
	struct article *list;
	size_t n;
	int rc;

	(void)state;
	assert_int_equal(sql_int(s, "PRAGMA foreign_keys"), 1);
	err_clear(&e);
	rc = store_article_put(s, &orphan, &e);
	assert_true(rc == ERR_CONFLICT || rc == ERR_DB);
	assert_non_null(strstr(e.msg, "FOREIGN KEY"));
	err_clear(&e);
	assert_int_equal(store_instrument_put(s, &in, &e), ERR_OK);
	assert_int_equal(store_chapter_put(s, &ch, &e), ERR_OK);
	rc = store_article_put(s, &nochap, &e);	/* no chapter IX */
	assert_true(rc == ERR_CONFLICT || rc == ERR_DB);
	err_clear(&e);
	assert_int_equal(store_article_put(s, &good, &e), ERR_OK);
	/* a region whose parent is missing */
	rc = store_region_put(s, &child, &e);
	assert_true(rc == ERR_CONFLICT || rc == ERR_DB);
	err_clear(&e);
	/* only the good rows are there */
	assert_int_equal(store_article_list(s, p, "x-1", &list, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].number, 1);
	assert_string_equal(list[0].title, "Definitions");
	assert_int_equal(store_article_list(s, p, "nope", &list, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	pool_free(p);
	store_close(s);
}

struct thread_result {
	struct store *first, *second;
	struct err e;
};

static void *thread_main(void *arg)
{
	struct thread_result *r = arg;

	err_clear(&r->e);
	r->first = store_thread(&r->e);
	r->second = store_thread(&r->e);
	return NULL;
}

static void test_threads(void **state)
{
	struct thread_result r1, r2;
	pthread_t t1, t2;
	struct store *mine;
	struct err e;
	pool *p = pool_new();
	char *v;

	(void)state;
	/* before setup */
	store_thread_close_all();
	err_clear(&e);
	assert_null(store_thread(&e));
	assert_int_equal(e.code, ERR_INTERNAL);

	store_close(fixture_db("threads.db", 0));
	store_thread_setup(fixture_path("threads.db"));
	memset(&r1, 0, sizeof(r1));
	memset(&r2, 0, sizeof(r2));
	assert_int_equal(pthread_create(&t1, NULL, thread_main, &r1), 0);
	assert_int_equal(pthread_create(&t2, NULL, thread_main, &r2), 0);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	assert_non_null(r1.first);
	assert_non_null(r2.first);
	assert_ptr_equal(r1.first, r1.second);	/* one per thread, kept */
	assert_ptr_equal(r2.first, r2.second);
	assert_ptr_not_equal(r1.first, r2.first);
	/* the main thread gets a third */
	err_clear(&e);
	mine = store_thread(&e);
	assert_non_null(mine);
	assert_ptr_not_equal(mine, r1.first);
	assert_ptr_not_equal(mine, r2.first);
	assert_ptr_equal(store_thread(&e), mine);
	/* they all see the same database */
	assert_int_equal(store_meta_set(r1.first, "from", "t1", &e), ERR_OK);
	assert_int_equal(store_meta_get(mine, p, "from", &v, &e), ERR_OK);
	assert_string_equal(v, "t1");
	store_thread_close_all();
	pool_free(p);
}

static void test_generation_same_process(void **state)
{
	struct store *a = fixture_db("gen.db", 0);
	struct store *b = fixture_db("gen.db", FIX_BARE);
	unsigned long g0, g1, g2;
	struct err e;

	(void)state;
	g0 = store_generation(a);
	assert_true(g0 >= 1);
	assert_int_equal(store_generation(a), g0);	/* nothing changed */
	err_clear(&e);
	assert_int_equal(store_begin(b, &e), ERR_OK);
	assert_int_equal(store_meta_set(b, "x", "1", &e), ERR_OK);
	assert_int_equal(store_commit(b, &e), ERR_OK);
	g1 = store_generation(a);
	assert_true(g1 > g0);
	g2 = store_generation(NULL);
	assert_true(g2 >= g1);
	store_close(a);
	store_close(b);
}

/* A commit by another process (here a plain SQLite connection that knows nothing
 * of the store module) must show in store_generation() of a connection that has not
 * read since: the server asks for the generation before it serves from its cache,
 * without touching the database otherwise. */
static void test_generation_other_process(void **state)
{
	struct store *a = fixture_db("gen2.db", 0);
	pool *p = pool_new();
	unsigned long g0, g1;
	sqlite3 *db;
	char *v;

	(void)state;
	/* a has read something and primed its generation */
	assert_int_equal(store_meta_get(a, p, "none", &v, NULL), ERR_NOTFOUND);
	store_generation(a);
	g0 = store_generation(a);
	assert_int_equal(sqlite3_open(fixture_path("gen2.db"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO meta(key, value) VALUES ('y', '2')",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	g1 = store_generation(a);
	if (g1 <= g0)
		print_error("generation %lu did not grow after another connection's commit\n",
			    g1);
	assert_true(g1 > g0);
	pool_free(p);
	store_close(a);
}

static int quiet(void **state)
{
	(void)state;
	log_set_level(LOG_ERROR);
	return 0;
}

/* Run SQL on the connection behind s (white box). */
static void sql_exec(struct store *s, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(((struct sq *)s)->db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* Dropped, altered or foreign triggers: check reports each one, migrate restores
 * what the migrations make (whatever the latest migration is) and drops the rest. */
static void test_triggers_restored(void **state)
{
	struct store *s = fixture_db("t.db", 0);
	struct sbuf report = SBUF_INIT;
	struct err e;
	int problems = -1, from, to;
	long long triggers = sql_int(s, "SELECT count(*) FROM sqlite_master WHERE type = "
				     "'trigger'");
	const char *r;

	int base = -1;

	(void)state;
	err_clear(&e);
	assert_true(triggers > 10);
	/* (no reference data loaded here: those problems are the base line) */
	assert_int_equal(store_check(s, &report, &base, &e), ERR_OK);
	assert_non_null(strstr(sbuf_str(&report), "triggers: ok"));
	sbuf_release(&report);
	sql_exec(s, "DROP TRIGGER audit_log_no_update; DROP TRIGGER search_lesson_ai; "
		 "DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete "
		 "BEFORE DELETE ON audit_log BEGIN SELECT 1; END; CREATE TRIGGER "
		 "intruder AFTER INSERT ON meta BEGIN SELECT 1; END;");
	assert_int_equal(store_check(s, &report, &problems, &e), ERR_OK);
	r = sbuf_str(&report);
	assert_non_null(strstr(r, "problem: trigger audit_log_no_update is missing"));
	assert_non_null(strstr(r, "problem: trigger search_lesson_ai is missing"));
	assert_non_null(strstr(r, "problem: trigger audit_log_no_delete is altered"));
	assert_non_null(strstr(r, "problem: trigger intruder is not ccrepo's"));
	assert_non_null(strstr(r, "triggers: FAILED"));
	assert_int_equal(problems, base + 4);
	sbuf_release(&report);

	assert_int_equal(store_migrate(s, &from, &to, &e), ERR_OK);
	assert_int_equal(from, to);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM sqlite_master WHERE type = "
				 "'trigger'"), triggers);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM sqlite_master WHERE name = "
				 "'intruder'"), 0);
	/* the log is append-only again */
	sql_exec(s, "INSERT INTO audit_log(at, actor, action, prev_hash, hash) VALUES "
		 "('2026-01-01T00:00:00Z', 'x', 'signin', zeroblob(32), zeroblob(32))");
	assert_int_not_equal(sqlite3_exec(((struct sq *)s)->db, "DELETE FROM audit_log",
					  NULL, NULL, NULL), SQLITE_OK);
	problems = -1;
	assert_int_equal(store_check(s, &report, &problems, &e), ERR_OK);
	assert_int_equal(problems, base);
	assert_non_null(strstr(sbuf_str(&report), "triggers: ok"));
	sbuf_release(&report);
	store_close(s);
}

/* The search views of the kinds described by fields are made from their tables: every
 * searched field is in its view; a view that differs (an older ccrepo's, or altered) is
 * reported by check, made again by migrate, and the kind's records indexed again. */
static void test_views_made(void **state)
{
	struct store *s = fixture_db("v.db", FIX_KENYA);
	struct sbuf report = SBUF_INIT;
	struct lesson l = { .rec = { .country = "KE", .language = "en", .title = "Phones",
				     .status = ST_PUBLISHED }, .body = "Bag the phone." };
	const struct kind_field *audience = NULL;
	struct err e;
	int base = -1, problems = -1, from, to;
	long long id = 0;

	(void)state;
	err_clear(&e);
	for (int k = 0; k < REC_KIND_COUNT; k++) {
		const struct kind *kd = kind_by_id((enum record_kind)k);
		char sql[200], *view;
		sqlite3_stmt *st;

		if (!kd->table)
			continue;
		snprintf(sql, sizeof(sql), "SELECT sql FROM sqlite_master WHERE name = "
			 "'search_source_%s'", kd->name);
		assert_int_equal(sqlite3_prepare_v2(((struct sq *)s)->db, sql, -1, &st, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		view = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		for (size_t i = 0; i < kd->nfields; i++) {
			char col[80];

			snprintf(col, sizeof(col), "t.%s", kd->fields[i].key);
			if ((kd->fields[i].flags & KF_SEARCH) && !strstr(view, col))
				fail_msg("%s.%s is searched but its view does not read it: %s",
					 kd->name, kd->fields[i].key, view);
		}
		free(view);
	}
	for (size_t i = 0; i < lesson_kind.nfields; i++)
		if (!strcmp(lesson_kind.fields[i].key, "audience"))
			audience = &lesson_kind.fields[i];
	assert_non_null(audience);
	kind_set(&l, audience, "magistrates");
	assert_int_equal(store_check(s, &report, &base, &e), ERR_OK);
	assert_non_null(strstr(sbuf_str(&report), "search views: ok"));
	sbuf_release(&report);

	/* the lesson view of schema version 4, which did not read audience */
	sql_exec(s, "DROP VIEW search_source_lesson; CREATE VIEW search_source_lesson AS "
		 SEARCH_SOURCE_LESSON);
	assert_int_equal(lesson_save(s, &fixture_local, &l, &id, &e), ERR_OK);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM search WHERE search MATCH "
				 "'magistrates'"), 0);
	assert_int_equal(store_check(s, &report, &problems, &e), ERR_OK);
	assert_non_null(strstr(sbuf_str(&report), "problem: view search_source_lesson is not"));
	assert_non_null(strstr(sbuf_str(&report), "search views: FAILED"));
	assert_int_equal(problems, base + 1);
	sbuf_release(&report);

	assert_int_equal(store_migrate(s, &from, &to, &e), ERR_OK);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM search WHERE search MATCH "
				 "'magistrates'"), 1);
	problems = -1;
	assert_int_equal(store_check(s, &report, &problems, &e), ERR_OK);
	assert_int_equal(problems, base);
	sbuf_release(&report);
	store_close(s);
}

/* Another application's SQLite database is refused, not migrated into. */
static void test_foreign_refused(void **state)
{
	struct store *s;
	sqlite3 *db;
	struct sbuf report = SBUF_INIT;
	struct err e;
	int from, to, problems = 0;

	(void)state;
	assert_int_equal(sqlite3_open(fixture_path("other.db"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE notes(x); CREATE TABLE meta(k, v)",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	s = fixture_db("other.db", FIX_BARE);
	err_clear(&e);
	assert_int_equal(store_migrate(s, &from, &to, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "is not a ccrepo database"));
	assert_int_equal(sql_int(s, "SELECT count(*) FROM sqlite_master"), 2);
	assert_int_equal(store_check(s, &report, &problems, &e), ERR_OK);
	assert_int_equal(problems, 1);
	assert_non_null(strstr(sbuf_str(&report), "is not a ccrepo database"));
	sbuf_release(&report);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_creates_dirs, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_open_fails, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_migrate, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_meta, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_transactions, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_check, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_foreign_keys, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_threads, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_generation_same_process, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_generation_other_process, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_triggers_restored, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_views_made, fixture_group_setup, fixture_group_teardown),
		cmocka_unit_test_setup_teardown(test_foreign_refused, fixture_group_setup, fixture_group_teardown),
	};

	return cmocka_run_group_tests(tests, quiet, NULL);
}
