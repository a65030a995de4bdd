/* harness: the query list, the timing loop and the report shared by the three search
 * drivers (ccrepo_bench.c, fts5_bench.c, xapian_bench.cc). Header only; compiles as
 * C11 and as C++.
 *
 * A driver fills a struct bench_engine and calls bench_main(), which reads the
 * queries (gen.py's queries.tsv), runs every one once on one thread (warm-up, and the
 * match count of each query for the comparison of engines), then for each thread
 * count and each query class runs the class's queries spread over the threads (a
 * shared counter: a thread takes the next query when it is done with its last),
 * timing each query and the batch. Printed, one line per thread count and class:
 *
 *   RESULT engine threads class n p50_ms p99_ms max_ms qps errors
 *
 * class "all" is every query; its qps is all queries over the sum of the batches'
 * wall times. A deadline (--max-seconds) stops taking queries: n then says how many
 * ran. --counts FILE writes, from the warm-up pass, one line per query: id, class,
 * matches (-1: error), the query, its latency in ms. --slowest N prints, per thread
 * count, the N slowest queries of the timed runs (the ones that make the p99):
 *
 *   SLOW engine threads ms id class query */
#ifndef BENCH_HARNESS_H
#define BENCH_HARNESS_H
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct bq {
	int id;			/* line number in queries.tsv, from 1 */
	char *cls;		/* rare common multi phrase filter */
	char *query;		/* ccrepo's syntax */
	char *terms;		/* '|'-separated words and phrases (words separated by ' ') */
	char *country, *kind, *lang;	/* "" when not filtered */
	int year_from, year_to;		/* 0 when not filtered */
};

struct bench_engine {
	const char *name;
	/* one context per thread (a connection, a database handle); NULL on failure */
	void *(*open)(void *arg, int thread);
	/* run q: top-10 and whatever else the engine does per query; the number of
	 * matches, or -1 after printing an error to stderr */
	long long (*run)(void *ctx, const struct bq *q);
	void (*close)(void *ctx);
	void *arg;
};

static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *bench_field(char **s)
{
	char *f = *s, *t = strchr(f, '\t');

	if (t) {
		*t = 0;
		*s = t + 1;
	} else {
		*s = f + strlen(f);
	}
	return f;
}

/* Read at most max queries (0: all) from path into *out; the count, or -1. */
static int bench_load(const char *path, int max, struct bq **out)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int n = 0, cap = 1024, lineno = 0;
	struct bq *v;

	if (!f) {
		perror(path);
		return -1;
	}
	v = (struct bq *)calloc((size_t)cap, sizeof(*v));
	while (fgets(line, sizeof(line), f) && (!max || n < max)) {
		char *s = line, *yf, *yt;

		lineno++;
		line[strcspn(line, "\n")] = 0;
		if (line[0] == '#' || !line[0])
			continue;
		if (n == cap)
			v = (struct bq *)realloc(v, (size_t)(cap *= 2) * sizeof(*v));
		v[n].id = lineno;
		v[n].cls = strdup(bench_field(&s));
		v[n].query = strdup(bench_field(&s));
		v[n].terms = strdup(bench_field(&s));
		v[n].country = strdup(bench_field(&s));
		v[n].kind = strdup(bench_field(&s));
		yf = bench_field(&s);
		yt = bench_field(&s);
		v[n].year_from = atoi(yf);
		v[n].year_to = atoi(yt);
		v[n].lang = strdup(bench_field(&s));
		n++;
	}
	fclose(f);
	*out = v;
	return n;
}

struct bench_batch {
	const struct bench_engine *e;
	void **ctx;
	const struct bq **q;	/* the batch's queries */
	double *lat;		/* ms, per query; < 0 not run */
	long long *total;
	int n, next, errors;
	double deadline;
	pthread_mutex_t mu;
};

struct bench_worker {
	struct bench_batch *b;
	int thread;
};

static void *bench_work(void *arg)
{
	struct bench_worker *w = (struct bench_worker *)arg;
	struct bench_batch *b = w->b;

	for (;;) {
		int i;
		double t0;
		long long r;

		pthread_mutex_lock(&b->mu);
		i = b->next < b->n && bench_now() < b->deadline ? b->next++ : -1;
		pthread_mutex_unlock(&b->mu);
		if (i < 0)
			break;
		t0 = bench_now();
		r = b->e->run(b->ctx[w->thread], b->q[i]);
		b->lat[i] = (bench_now() - t0) * 1000.0;
		if (b->total)
			b->total[i] = r;
		if (r < 0) {
			pthread_mutex_lock(&b->mu);
			b->errors++;
			pthread_mutex_unlock(&b->mu);
		}
	}
	return NULL;
}

/* Run the batch on nthreads threads; its wall time in seconds. */
static double bench_batch_run(struct bench_batch *b, int nthreads)
{
	pthread_t th[64];
	struct bench_worker w[64];
	double t0 = bench_now();

	for (int i = 0; i < b->n; i++)
		b->lat[i] = -1;
	b->next = 0;
	b->errors = 0;
	pthread_mutex_init(&b->mu, NULL);
	for (int t = 0; t < nthreads; t++) {
		w[t].b = b;
		w[t].thread = t;
		if (nthreads == 1)
			break;
		pthread_create(&th[t], NULL, bench_work, &w[t]);
	}
	if (nthreads == 1)
		bench_work(&w[0]);
	else
		for (int t = 0; t < nthreads; t++)
			pthread_join(th[t], NULL);
	pthread_mutex_destroy(&b->mu);
	return bench_now() - t0;
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of the sorted v[0..n-1]. */
static double bench_pct(const double *v, int n, double p)
{
	int k = (int)ceil(p * n);

	return n ? v[k < 1 ? 0 : k - 1] : 0;
}

static void bench_report(const char *engine, int threads, const char *cls, double *lat, int n,
			 double wall, int errors)
{
	double *v = (double *)malloc(((size_t)n + 1) * sizeof(*v));
	int m = 0;

	for (int i = 0; i < n; i++)
		if (lat[i] >= 0)
			v[m++] = lat[i];
	qsort(v, (size_t)m, sizeof(*v), bench_cmp);
	printf("RESULT %s %d %s %d %.3f %.3f %.3f %.1f %d\n", engine, threads, cls, m,
	       bench_pct(v, m, 0.5), bench_pct(v, m, 0.99), m ? v[m - 1] : 0,
	       wall > 0 ? m / wall : 0, errors);
	fflush(stdout);
	free(v);
}

static const char *const bench_classes[] = { "rare", "common", "multi", "phrase", "filter" };

struct bench_slow {
	double ms;
	const struct bq *q;
};

static int bench_slow_cmp(const void *a, const void *b)
{
	double x = ((const struct bench_slow *)a)->ms, y = ((const struct bench_slow *)b)->ms;

	return x > y ? -1 : x < y;
}

/* Options: --threads 1,2  --max N (queries)  --counts FILE  --max-seconds S (per
 * thread count; default 1200)  --slowest N. Returns the exit status. */
static int bench_main(const struct bench_engine *e, const char *qpath, int argc, char **argv)
{
	const char *threads = "1,2", *counts = NULL;
	int max = 0, nq, maxth = 1, rc = 0, slowest = 0;
	double limit = 1200;
	struct bq *qs;
	void *ctx[64] = { 0 };
	struct bench_batch b;

	for (int i = 0; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--threads"))
			threads = argv[i + 1];
		else if (!strcmp(argv[i], "--max"))
			max = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--counts"))
			counts = argv[i + 1];
		else if (!strcmp(argv[i], "--max-seconds"))
			limit = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--slowest"))
			slowest = atoi(argv[i + 1]);
		else {
			fprintf(stderr, "%s: unknown option %s\n", e->name, argv[i]);
			return 2;
		}
	}
	if ((nq = bench_load(qpath, max, &qs)) <= 0)
		return 1;
	for (const char *t = threads; *t; t++)
		if (atoi(t) > maxth)
			maxth = atoi(t);
	if (maxth > 64)
		maxth = 64;
	for (int t = 0; t < maxth; t++)
		if (!(ctx[t] = e->open(e->arg, t))) {
			fprintf(stderr, "%s: cannot open thread %d's context\n", e->name, t);
			return 1;
		}

	memset(&b, 0, sizeof(b));
	b.e = e;
	b.ctx = ctx;
	b.q = (const struct bq **)malloc((size_t)nq * sizeof(*b.q));
	b.lat = (double *)malloc((size_t)nq * sizeof(*b.lat));
	b.total = (long long *)malloc((size_t)nq * sizeof(*b.total));
	double *all = (double *)malloc((size_t)nq * sizeof(*all));
	struct bench_slow *slow = (struct bench_slow *)malloc((size_t)nq * sizeof(*slow));

	/* warm-up: every query once, on one thread; and the match counts */
	for (int i = 0; i < nq; i++)
		b.q[i] = &qs[i];
	b.n = nq;
	b.deadline = bench_now() + limit;
	double wall = bench_batch_run(&b, 1);
	int ran = 0;
	for (int i = 0; i < nq; i++)
		ran += b.lat[i] >= 0;
	printf("WARMUP %s %d queries %.1f s %d errors\n", e->name, ran, wall, b.errors);
	if (counts) {
		FILE *f = fopen(counts, "w");

		for (int i = 0; f && i < nq; i++)
			if (b.lat[i] >= 0)
				fprintf(f, "%d\t%s\t%lld\t%s\t%.3f\n", qs[i].id, qs[i].cls,
					b.total[i], qs[i].query, b.lat[i]);
		if (f)
			fclose(f);
	}
	free(b.total);
	b.total = NULL;

	for (const char *t = threads; *t;) {
		int nth = atoi(t), nall = 0, errs = 0;
		double sum = 0;

		if (nth < 1 || nth > maxth)
			nth = 1;
		b.deadline = bench_now() + limit;
		for (size_t c = 0; c < sizeof(bench_classes) / sizeof(*bench_classes); c++) {
			b.n = 0;
			for (int i = 0; i < nq; i++)
				if (!strcmp(qs[i].cls, bench_classes[c]))
					b.q[b.n++] = &qs[i];
			if (!b.n)
				continue;
			wall = bench_batch_run(&b, nth);
			bench_report(e->name, nth, bench_classes[c], b.lat, b.n, wall, b.errors);
			for (int i = 0; i < b.n; i++) {
				slow[nall].ms = b.lat[i];
				slow[nall].q = b.q[i];
				all[nall++] = b.lat[i];
			}
			sum += wall;
			errs += b.errors;
		}
		bench_report(e->name, nth, "all", all, nall, sum, errs);
		qsort(slow, (size_t)nall, sizeof(*slow), bench_slow_cmp);
		for (int i = 0; i < slowest && i < nall && slow[i].ms >= 0; i++)
			printf("SLOW %s %d %.3f %d %s %s\n", e->name, nth, slow[i].ms,
			       slow[i].q->id, slow[i].q->cls, slow[i].q->query);
		if (errs)
			rc = 1;
		t += strcspn(t, ",");
		if (*t)
			t++;
	}
	for (int t = 0; t < maxth; t++)
		e->close(ctx[t]);
	for (int i = 0; i < nq; i++) {
		free(qs[i].cls);
		free(qs[i].query);
		free(qs[i].terms);
		free(qs[i].country);
		free(qs[i].kind);
		free(qs[i].lang);
	}
	free(qs);
	free(b.q);
	free(b.lat);
	free(all);
	free(slow);
	return rc;
}

#endif
