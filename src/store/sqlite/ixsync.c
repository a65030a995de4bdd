/* The search index in memory (ix.h), shared by the connections of this process to
 * one database file: built from the FTS5 table's rows, kept at the generation of the
 * search index (meta 'search_generation') by applying the rows search_changed lists
 * (search_sql.h), as facets.c does for its copy.
 *
 * A small index (IX_SYNC_ROWS rows or fewer) is built by the first search that
 * needs it; a larger one in a thread of its own with its own connection, while the
 * searches go to FTS5 (search.c) until it is ready. Inside a transaction the index
 * is used only when it is at the generation the transaction sees (a transaction
 * that changed the index sees a newer one, which only FTS5 has); it is brought up
 * to date only outside one, from committed rows. */
#include <pthread.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "store/sqlite/internal.h"
#include "store/sqlite/ix.h"

#define IX_SYNC_ROWS 20000

struct ixshared {
	struct ixshared *next;
	char *path;
	int refs;
	pthread_rwlock_t lock;	/* over x */
	struct ix *x;		/* NULL: not built */
	int building;		/* a thread builds it (under lock) */
	time_t failed;		/* when a build last failed: not tried again for a minute */
};

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ixshared *reg;
long long sq_ix_sync_rows = IX_SYNC_ROWS;

struct ixshared *sq_ix_attach(const char *path)
{
	struct ixshared *s;

	pthread_mutex_lock(&reg_lock);
	for (s = reg; s; s = s->next)
		if (!strcmp(s->path, path))
			break;
	if (!s) {
		s = xcalloc(1, sizeof(*s));
		s->path = xstrdup(path);
		pthread_rwlock_init(&s->lock, NULL);
		s->next = reg;
		reg = s;
	}
	s->refs++;
	pthread_mutex_unlock(&reg_lock);
	return s;
}

void sq_ix_detach(struct ixshared *s)
{
	struct ixshared **pp;

	if (!s)
		return;
	pthread_mutex_lock(&reg_lock);
	if (--s->refs == 0) {
		for (pp = &reg; *pp && *pp != s; pp = &(*pp)->next)
			;
		if (*pp)
			*pp = s->next;
		ix_free(s->x);
		pthread_rwlock_destroy(&s->lock);
		free(s->path);
		free(s);
	}
	pthread_mutex_unlock(&reg_lock);
}

/* The generation of the search index as db sees it (0 before the first change);
 * -1 on error. */
static long long generation_of(sqlite3 *db)
{
	sqlite3_stmt *st;
	long long g = -1;

	if (sqlite3_prepare_v2(db, "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta "
			       "WHERE key = 'search_generation'), 0)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		g = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return g;
}

/* The row's columns from st (record id at col 1, the six columns from col 2) into x. */
static int add_row(struct ix *x, const struct ix_tokenizer *t, sqlite3_stmt *st)
{
	const char *col[IX_COLS];
	int n[IX_COLS];

	for (int i = 0; i < IX_COLS; i++) {
		col[i] = (const char *)sqlite3_column_text(st, 2 + i);
		n[i] = sqlite3_column_bytes(st, 2 + i);
	}
	return ix_add(x, t, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), col, n);
}

#define ROW_COLS "d.record_id, s.lang, s.title, s.heading, s.body, s.tags, s.context"

/* A new index of every row, read in one transaction on db: 0, or -1 with the
 * reason logged. */
static int build(sqlite3 *db, struct ix **out)
{
	struct ix_tokenizer t;
	struct ix *x = NULL;
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_OK, ok = -1;

	*out = NULL;
	if (sq_fts_tokenizer(db, &t)) {
		log_warn("search index: no tokenizer");
		return -1;
	}
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	x = ix_new();
	if ((x->generation = generation_of(db)) < 0 ||
	    sqlite3_prepare_v2(db, "SELECT s.rowid, " ROW_COLS " FROM search_doc d "
			       "JOIN search s ON s.rowid = d.id ORDER BY d.id", -1, &st,
			       NULL) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (add_row(x, &t, st))
			goto out;
	if (rc == SQLITE_DONE) {
		struct ix_stats is;

		ok = 0;
		ix_shrink(x);
		ix_stats(x, &is);
		log_info("search index: %zu rows, %zu terms, %zu postings (%zu of tags), %zu "
			 "positions apart, %zu MB in memory", is.rows, is.terms, is.postings,
			 is.tag_postings, is.positions, is.bytes >> 20);
	}
out:
	if (ok)
		log_warn("search index: cannot build it: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sq_fts_tokenizer_free(&t);
	if (ok)
		ix_free(x);
	else
		*out = x;
	return ok;
}

/* Bring x to the generation db sees now from the rows search_changed lists: 0, 1
 * when it cannot (the changes were not all kept: build again), -1 on error. */
static int update(sqlite3 *db, struct ix *x)
{
	struct ix_tokenizer t;
	sqlite3_stmt *st = NULL;
	long long g, oldest = -1;
	int rc = -1, n = 0, step;

	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	if ((g = generation_of(db)) < 0)
		goto out;
	if (g == x->generation) {
		rc = 0;
		goto out;
	}
	if (g < x->generation ||
	    sqlite3_prepare_v2(db, "SELECT min(generation) FROM search_changed", -1, &st,
			       NULL) != SQLITE_OK) {
		rc = g < x->generation ? 1 : -1;
		goto out;
	}
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		oldest = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (oldest < 0 || oldest > x->generation + 1) {
		rc = 1;
		goto out;
	}
	if (sq_fts_tokenizer(db, &t))
		goto out;
	if (sqlite3_prepare_v2(db, "SELECT c.id, " ROW_COLS " FROM (SELECT DISTINCT id FROM "
			       "search_changed WHERE generation > ?1) c LEFT JOIN search_doc d "
			       "ON d.id = c.id LEFT JOIN search s ON s.rowid = d.id", -1, &st,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, x->generation);
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			n++;
			if (sqlite3_column_type(st, 1) == SQLITE_NULL)
				ix_remove(x, sqlite3_column_int64(st, 0));
			else if (add_row(x, &t, st))
				break;
		}
		if (step == SQLITE_DONE) {
			log_debug("search index: %d rows from generation %lld to %lld", n,
				  x->generation, g);
			x->generation = g;
			rc = 0;
		}
	}
	sq_fts_tokenizer_free(&t);
	if (!rc && x->ndocs - x->nalive > 1024 && x->ndocs - x->nalive > x->ndocs / 4)
		ix_compact(x);
	if (!rc)
		ix_impacts(x, 0);	/* the orders of terms with many rows added */
out:
	if (rc < 0)
		log_warn("search index: cannot bring it up to date: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* ---- building in the background ---- */

static struct sq_rank_io unused_io;

static void *build_thread(void *arg)
{
	struct ixshared *s = arg;
	struct ix *x = NULL;
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(s->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) ==
	    SQLITE_OK && sq_fts_register(db, &unused_io) == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		build(db, &x);
	}
	sqlite3_close_v2(db);
	pthread_rwlock_wrlock(&s->lock);
	ix_free(s->x);
	s->x = x;
	s->building = 0;
	s->failed = x ? 0 : time(NULL);
	pthread_rwlock_unlock(&s->lock);
	sq_ix_detach(s);
	return NULL;
}

/* Start the build in the background (write lock held). */
static void build_later(struct ixshared *s)
{
	pthread_t th;
	pthread_attr_t at;

	if (s->building)
		return;
	pthread_mutex_lock(&reg_lock);
	s->refs++;			/* the thread's */
	pthread_mutex_unlock(&reg_lock);
	s->building = 1;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&th, &at, build_thread, s)) {
		s->building = 0;
		sq_ix_detach(s);
		log_warn("search index: cannot start a thread to build it");
	}
	pthread_attr_destroy(&at);
}

/* Rows in the search index now. */
static long long rows_now(sqlite3 *db)
{
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM search_doc", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Make s->x current for q (write lock held, outside a transaction); a large index
 * is built in the background unless wait. */
static void bring(struct sq *q, struct ixshared *s, int wait)
{
	int rc = 1;

	if (s->building || (s->failed && time(NULL) - s->failed < 60))
		return;
	if (s->x && (rc = update(q->db, s->x)) == 0)
		return;
	ix_free(s->x);		/* stale (or broken): built again */
	s->x = NULL;
	if (rc < 0)
		return;
	if (!wait && rows_now(q->db) > sq_ix_sync_rows) {
		build_later(s);
		return;
	}
	if (build(q->db, &s->x))
		s->failed = time(NULL);
}

static int acquire(struct sq *q, const struct ix **out, int wait)
{
	struct ixshared *s;
	int intx = !sqlite3_get_autocommit(q->db);
	long long g;

	*out = NULL;
	if (q->ix_off)
		return 0;
	if (!q->ixs)
		q->ixs = sq_ix_attach(q->path);
	s = q->ixs;
	if ((g = generation_of(q->db)) < 0)
		return 0;
	for (int tries = 0; tries < 3; tries++) {
		pthread_rwlock_rdlock(&s->lock);
		if (s->x && (s->x->generation == g || (!intx && s->x->generation > g))) {
			*out = s->x;
			return 1;
		}
		pthread_rwlock_unlock(&s->lock);
		if (intx)
			return 0;
		pthread_rwlock_wrlock(&s->lock);
		if (!s->x || s->x->generation < g)
			bring(q, s, wait);
		pthread_rwlock_unlock(&s->lock);
		if ((g = generation_of(q->db)) < 0)
			return 0;
	}
	return 0;
}

int sq_ix_acquire(struct sq *q, const struct ix **out)
{
	return acquire(q, out, 0);
}

void sq_ix_release(struct sq *q)
{
	pthread_rwlock_unlock(&q->ixs->lock);
}

void sq_ix_warm(struct sq *q, int wait)
{
	const struct ix *x;

	if (acquire(q, &x, wait) == 1)
		sq_ix_release(q);
}
