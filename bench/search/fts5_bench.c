/* fts5_bench: the plain SQLite FTS5 reference of the search benchmark.
 *
 *   fts5_bench build DB docs.tsv      index gen.py's provisions; prints
 *                                     BUILD fts5 seconds bytes
 *   fts5_bench run DB queries.tsv [--threads 1,2] [--max N] [--counts FILE]
 *                                     [--max-seconds S]
 *
 * The index: an FTS5 table over title, heading, body (tokenize='unicode61', default
 * options, default bm25 weights, no stemming) and an attribute table (country, kind,
 * year, lang) keyed by the same rowid. A query's words and phrases are ANDed
 * ("w1" "a b"), its filters are a WHERE on the attribute table. Per query, as ccrepo:
 * the top 10 by rank (ORDER BY rank LIMIT 10), then title, heading and a snippet of
 * each of the 10, then the total and the facets (country, kind, year, lang) from one
 * GROUP BY over every match. One connection per thread, opened read-only with
 * SQLITE_OPEN_NOMUTEX. */
#include <sqlite3.h>
#include <sys/stat.h>

#include "harness.h"

static int exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "fts5_bench: %s: %s\n", sql, msg);
		sqlite3_free(msg);
		return 1;
	}
	return 0;
}

/* Undo gen.py's escapes (\t \n \\) in place. */
static char *unesc(char *s)
{
	char *d = s, *r = s;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*d++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
		} else {
			*d++ = *s;
		}
	}
	*d = 0;
	return r;
}

static long long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : (long long)st.st_size;
}

static int build(const char *dbpath, const char *tsv)
{
	sqlite3 *db;
	sqlite3_stmt *fts, *attr;
	FILE *f = fopen(tsv, "r");
	size_t cap = 0;
	char *line = NULL;
	long long n = 0;
	double t0 = bench_now();

	if (!f) {
		perror(tsv);
		return 1;
	}
	remove(dbpath);
	if (sqlite3_open(dbpath, &db) != SQLITE_OK)
		return fprintf(stderr, "fts5_bench: cannot open %s\n", dbpath), 1;
	if (exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		 "CREATE VIRTUAL TABLE doc USING fts5(title, heading, body, "
		 "tokenize = 'unicode61');"
		 "CREATE TABLE attr(id INTEGER PRIMARY KEY, country TEXT, kind TEXT, "
		 "year INTEGER, lang TEXT);"
		 "BEGIN;"))
		return 1;
	sqlite3_prepare_v2(db, "INSERT INTO doc(rowid, title, heading, body) VALUES (?, ?, ?, ?)",
			   -1, &fts, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO attr(id, country, kind, year, lang) "
			   "VALUES (?, ?, ?, ?, ?)", -1, &attr, NULL);
	while (getline(&line, &cap, f) > 0) {
		char *s = line, *c[11];

		line[strcspn(line, "\n")] = 0;
		for (int i = 0; i < 11; i++)
			c[i] = bench_field(&s);
		/* id uri eid country kind year lang title heading body articles */
		long long id = atoll(c[0]);
		sqlite3_bind_int64(fts, 1, id);
		sqlite3_bind_text(fts, 2, unesc(c[7]), -1, SQLITE_STATIC);
		sqlite3_bind_text(fts, 3, unesc(c[8]), -1, SQLITE_STATIC);
		sqlite3_bind_text(fts, 4, unesc(c[9]), -1, SQLITE_STATIC);
		sqlite3_bind_int64(attr, 1, id);
		sqlite3_bind_text(attr, 2, c[3], -1, SQLITE_STATIC);
		sqlite3_bind_text(attr, 3, c[4], -1, SQLITE_STATIC);
		sqlite3_bind_int(attr, 4, atoi(c[5]));
		sqlite3_bind_text(attr, 5, c[6], -1, SQLITE_STATIC);
		if (sqlite3_step(fts) != SQLITE_DONE || sqlite3_step(attr) != SQLITE_DONE) {
			fprintf(stderr, "fts5_bench: insert: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		sqlite3_reset(fts);
		sqlite3_reset(attr);
		n++;
	}
	free(line);
	fclose(f);
	sqlite3_finalize(fts);
	sqlite3_finalize(attr);
	if (exec(db, "COMMIT; INSERT INTO doc(doc) VALUES ('optimize');"
		 "PRAGMA wal_checkpoint(TRUNCATE);"))
		return 1;
	sqlite3_close(db);
	printf("BUILD fts5 %.1f %lld %lld\n", bench_now() - t0, file_size(dbpath), n);
	return 0;
}

struct ctx {
	sqlite3 *db;
	sqlite3_stmt *top, *topf, *show, *facets;
	char match[2048];
};

static const char *dbfile;

#define FILTERS \
	"(?2 IS NULL OR a.country = ?2) AND (?3 IS NULL OR a.kind = ?3) AND " \
	"(?4 = 0 OR a.year >= ?4) AND (?5 = 0 OR a.year <= ?5) AND (?6 IS NULL OR a.lang = ?6)"

static void *ctx_open(void *arg, int thread)
{
	struct ctx *c = (struct ctx *)calloc(1, sizeof(*c));

	(void)arg;
	(void)thread;
	if (sqlite3_open_v2(dbfile, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) ||
	    exec(c->db, "PRAGMA temp_store = MEMORY") ||
	    sqlite3_prepare_v2(c->db, "SELECT rowid FROM doc WHERE doc MATCH ?1 "
			       "ORDER BY rank LIMIT 10", -1, &c->top, NULL) ||
	    sqlite3_prepare_v2(c->db, "SELECT d.rowid FROM doc d JOIN attr a ON a.id = d.rowid "
			       "WHERE doc MATCH ?1 AND " FILTERS " ORDER BY rank LIMIT 10", -1,
			       &c->topf, NULL) ||
	    sqlite3_prepare_v2(c->db, "SELECT title, heading, snippet(doc, 2, char(2), char(3), "
			       "'…', 14) FROM doc WHERE doc MATCH ?1 AND rowid = ?2", -1,
			       &c->show, NULL) ||
	    sqlite3_prepare_v2(c->db, "SELECT a.country, a.kind, a.year, a.lang, count(*) "
			       "FROM doc d JOIN attr a ON a.id = d.rowid WHERE doc MATCH ?1 AND "
			       FILTERS " GROUP BY 1, 2, 3, 4", -1, &c->facets, NULL)) {
		fprintf(stderr, "fts5_bench: %s: %s\n", dbfile, sqlite3_errmsg(c->db));
		return NULL;
	}
	return c;
}

static void ctx_close(void *p)
{
	struct ctx *c = (struct ctx *)p;

	sqlite3_finalize(c->top);
	sqlite3_finalize(c->topf);
	sqlite3_finalize(c->show);
	sqlite3_finalize(c->facets);
	sqlite3_close(c->db);
	free(c);
}

static void bind_filters(sqlite3_stmt *st, const struct bq *q)
{
	if (*q->country)
		sqlite3_bind_text(st, 2, q->country, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	if (*q->kind)
		sqlite3_bind_text(st, 3, q->kind, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int(st, 4, q->year_from);
	sqlite3_bind_int(st, 5, q->year_to);
	if (*q->lang)
		sqlite3_bind_text(st, 6, q->lang, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 6);
}

/* Facet values as ccrepo keeps them: distinct values with counts, linear search. */
struct facet {
	char value[32];
	long long n;
};

static void facet_add(struct facet *f, int *n, const char *v, long long k)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp(f[i].value, v)) {
			f[i].n += k;
			return;
		}
	if (*n < 512) {
		snprintf(f[*n].value, sizeof(f[*n].value), "%s", v);
		f[(*n)++].n = k;
	}
}

static long long run(void *p, const struct bq *q)
{
	struct ctx *c = (struct ctx *)p;
	int filtered = *q->country || *q->kind || q->year_from || q->year_to || *q->lang;
	sqlite3_stmt *top = filtered ? c->topf : c->top;
	long long ids[10], total = 0;
	int nids = 0, rc;
	size_t len = 0;
	static __thread struct facet fs[4][512];
	int nf[4] = { 0 };
	char buf[32];

	/* "w1" "a phrase" ...: ANDed */
	for (const char *t = q->terms; *t;) {
		size_t k = strcspn(t, "|");

		len += (size_t)snprintf(c->match + len, sizeof(c->match) - len, "%s\"%.*s\"",
					len ? " " : "", (int)k, t);
		t += k + (t[k] == '|');
	}
	sqlite3_bind_text(top, 1, c->match, -1, SQLITE_STATIC);
	if (filtered)
		bind_filters(top, q);
	while ((rc = sqlite3_step(top)) == SQLITE_ROW)
		ids[nids++] = sqlite3_column_int64(top, 0);
	sqlite3_reset(top);
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_bind_text(c->show, 1, c->match, -1, SQLITE_STATIC);
	for (int i = 0; i < nids; i++) {
		sqlite3_bind_int64(c->show, 2, ids[i]);
		while ((rc = sqlite3_step(c->show)) == SQLITE_ROW)
			(void)sqlite3_column_text(c->show, 2);
		sqlite3_reset(c->show);
	}
	sqlite3_bind_text(c->facets, 1, c->match, -1, SQLITE_STATIC);
	bind_filters(c->facets, q);
	while ((rc = sqlite3_step(c->facets)) == SQLITE_ROW) {
		long long k = sqlite3_column_int64(c->facets, 4);

		total += k;
		for (int f = 0; f < 4; f++) {
			const char *v = (const char *)sqlite3_column_text(c->facets, f);

			if (f == 2) {
				snprintf(buf, sizeof(buf), "%d", sqlite3_column_int(c->facets, 2));
				v = buf;
			}
			facet_add(fs[f], &nf[f], v ? v : "", k);
		}
	}
	sqlite3_reset(c->facets);
	if (rc != SQLITE_DONE)
		goto fail;
	return total;
fail:
	fprintf(stderr, "fts5_bench: query %d %s: %s\n", q->id, q->query, sqlite3_errmsg(c->db));
	return -1;
}

int main(int argc, char **argv)
{
	struct bench_engine e = { "fts5", ctx_open, run, ctx_close, NULL };

	/* SQLite keeps memory statistics under one global mutex unless told not to:
	 * BENCH_SQLITE_MEMSTATUS=0 shows what that costs threads (default: as shipped) */
	if (getenv("BENCH_SQLITE_MEMSTATUS") && !strcmp(getenv("BENCH_SQLITE_MEMSTATUS"), "0"))
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (argc == 4 && !strcmp(argv[1], "build"))
		return build(argv[2], argv[3]);
	if (argc >= 4 && !strcmp(argv[1], "run")) {
		dbfile = argv[2];
		return bench_main(&e, argv[3], argc - 4, argv + 4);
	}
	fprintf(stderr, "usage: fts5_bench build DB docs.tsv\n"
		"       fts5_bench run DB queries.tsv [--threads 1,2] [--max N] [--counts FILE] "
		"[--max-seconds S]\n");
	return 2;
}
