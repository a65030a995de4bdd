/* ccrepo_bench: ccrepo's own search, in-process, for the search benchmark.
 *
 *   ccrepo_bench run DB queries.tsv [--threads 1,2] [--max N] [--counts FILE]
 *                                   [--max-seconds S]
 *
 * Linked against the program's objects (see bench/search.sh) and driving only the
 * public entry points: store_open() per thread, then per query a pool, search_run()
 * for the top 10 with the total and the facets (snippets, the per-record grouping
 * and concept search included: what a search page costs), pool_free(). Each
 * connection reads with the clearance BENCH_CLEARANCE names: "all" (the default: the
 * operator, no condition), "public", or "account" (a signed-in focal point of Kenya,
 * account 1 of organisation 1: what bench/clearance.sh compares). The database is
 * made by `ccrepo migrate` and `ccrepo import` beforehand; the queries are gen.py's,
 * in ccrepo's syntax. */
#include <sqlite3.h>

#include "harness.h"

#include "core/log.h"
#include "core/pool.h"
#include "domain/search.h"
#include "store/store.h"

static const char *dbfile;

static const struct {
	const char *name;
	struct clearance c;
} clearances[] = {
	{ "all", { .all = 1 } },
	{ "public", { 0 } },
	{ "account", { .user_id = 1, .org_id = 1, .country = "KE" } },
};
static const struct clearance *clearance = &clearances[0].c;

/* VmRSS of this process in MB, from /proc (0 when unknown). */
static long rss_mb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = 0;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmRSS:", 6))
			kb = atol(line + 6);
	if (f)
		fclose(f);
	return kb / 1024;
}

/* The search index loaded into memory once, before any query is timed. */
static void warm(struct store *s)
{
	static int done;
	struct timespec a, b;
	struct err e = { 0 };
	long before = rss_mb();

	if (done++)
		return;
	clock_gettime(CLOCK_MONOTONIC, &a);
	log_set_level(LOG_INFO);	/* the index's size */
	store_search_warm(s, 1, &e);
	log_set_level(LOG_WARN);
	clock_gettime(CLOCK_MONOTONIC, &b);
	fprintf(stderr, "ccrepo_bench: search index loaded in %.1f s; resident memory %ld MB "
		"before, %ld MB after\n", (double)(b.tv_sec - a.tv_sec) +
		(double)(b.tv_nsec - a.tv_nsec) / 1e9, before, rss_mb());
}

static void *ctx_open(void *arg, int thread)
{
	struct store *s = NULL;
	struct err e = { 0 };

	(void)arg;
	(void)thread;
	if (store_open(dbfile, &s, &e) || store_set_clearance(s, clearance, &e)) {
		fprintf(stderr, "ccrepo_bench: %s: %s\n", dbfile, e.msg);
		if (s)
			store_close(s);
		return NULL;
	}
	warm(s);
	return s;
}

static void ctx_close(void *s)
{
	store_close((struct store *)s);
}

static long long run(void *s, const struct bq *q)
{
	struct search_result *res = NULL;
	struct err e = { 0 };
	pool *p = pool_new();
	long long total;

	if (search_run((struct store *)s, p, NULL, q->query, 10, 0, &res, &e)) {
		fprintf(stderr, "ccrepo_bench: query %d %s: %s\n", q->id, q->query, e.msg);
		total = -1;
	} else {
		total = res->total;
	}
	pool_free(p);
	return total;
}

int main(int argc, char **argv)
{
	struct bench_engine e = { "ccrepo", ctx_open, run, ctx_close, NULL };
	const char *want = getenv("BENCH_CLEARANCE");

	for (size_t i = 0; want && i < sizeof(clearances) / sizeof(clearances[0]); i++)
		if (!strcmp(want, clearances[i].name))
			clearance = &clearances[i].c;
	if (want && clearance == &clearances[0].c && strcmp(want, "all")) {
		fprintf(stderr, "ccrepo_bench: BENCH_CLEARANCE is all, public or account\n");
		return 2;
	}

	/* SQLite keeps memory statistics under one global mutex unless told not to:
	 * BENCH_SQLITE_MEMSTATUS=0 shows what that costs threads (default: as shipped) */
	if (getenv("BENCH_SQLITE_MEMSTATUS") && !strcmp(getenv("BENCH_SQLITE_MEMSTATUS"), "0"))
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (argc >= 4 && !strcmp(argv[1], "run")) {
		dbfile = argv[2];
		return bench_main(&e, argv[3], argc - 4, argv + 4);
	}
	fprintf(stderr, "usage: ccrepo_bench run DB queries.tsv [--threads 1,2] [--max N] "
		"[--counts FILE] [--max-seconds S]\n");
	return 2;
}
