/* assist_bench: the technical assistance benchmark's driver (bench/assist.sh).
 *
 *   assist_bench gen DB REQUESTS OFFERS MATCHES ACTIVITIES SEED
 *   assist_bench run DB QUERIES SEED
 *
 * Linked against the program's objects and driving only the domain's entry points
 * (src/domain/assist.h) as the command line does (the operator: reads everything).
 *
 * gen fills DB (made by `ccrepo migrate`, reference data loaded) through the domain,
 * each write its own transaction with its audit entry, as in use: 40 provider and 10
 * donor organisations; REQUESTS requests spread over 60 countries (8 beneficiary
 * institutions each, 1..3 target groups, 1..2 languages, four in five with dates in
 * 2024..2028 lasting 1..120 days; 20 % CLEAR, 10 % AMBER, the rest GREEN); OFFERS
 * offers (1..3 topics, the world or one M49 region, 1..3 languages and modes, 5..50
 * activities a year); MATCHES matches confirmed on random requests to an offer on
 * the request's topic, four in five accepted; the requests with an accepted match
 * moved on to delivery and ACTIVITIES activities spread over them, four in five
 * with a training record, one in three evaluated. The generator is a fixed LCG from SEED:
 * the same arguments make the same data.
 *
 * run times, in one process, each with a fresh pool:
 *   suggest   assist_suggest for QUERIES random requests (what a request page and
 *             GET .../suggestions cost)
 *   overlaps  assist_overlaps over every request, 20 times
 *   overlaps1 assist_overlaps for one country, QUERIES random countries
 *   list-*    assist_request_list (the /assistance page) as the operator and as an
 *             account of a provider, every country (20 times) and one (QUERIES)
 *   activities1  assist_activity_list of one request (its page), QUERIES times
 *   trained1  assist_trained of one country (its profile), QUERIES times
 *   iati-all, iati1  iati_export of every request (5 times) and of one country
 *             (QUERIES / 10 times)
 * and the reference, plain SQL through sqlite3 on the same file:
 *   ref-suggest   the candidate offers of the request's topic, not withdrawn, with
 *                 their accepted matches counted (no scoring, no reasons: a floor)
 *   ref-overlaps  the overlap rule as one self-join (same topic and country,
 *                 periods overlapping, same beneficiary or a shared target group)
 * Printed: "RESULT name n p50_ms p99_ms max_ms", and "CHECK overlaps ccrepo=N sql=M"
 * (the two must agree). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/pool.h"
#include "domain/assist.h"
#include "domain/needs.h"
#include "domain/record.h"
#include "domain/user.h"
#include "export/iati.h"
#include "store/store.h"

static const struct actor cli = { .name = "bench", .local = 1, .role = -1 };

static const char *const countries[] = {
	"KE", "NG", "GH", "ZA", "EG", "MA", "SN", "CI", "CM", "ET", "TZ", "UG", "RW",
	"ZM", "ZW", "MZ", "AO", "NA", "BW", "TN", "DZ", "LY", "SD", "ML", "BF", "NE",
	"IN", "PK", "BD", "LK", "NP", "ID", "MY", "TH", "VN", "PH", "KH", "LA", "MN",
	"BR", "AR", "CL", "CO", "PE", "EC", "BO", "PY", "UY", "MX", "GT", "HN", "SV",
	"JM", "TT", "DO", "FJ", "PG", "JO", "LB", "IQ",
};
#define NCOUNTRIES (sizeof(countries) / sizeof(countries[0]))
static const char *const languages[] = { "en", "fr", "es", "ar", "ru", "zh", "pt", "sw" };
static const char *const modes[] = { "in_person", "online", "mentoring", "equipment" };
static const char *const regions[] = { "", "", "002", "019", "142", "150", "009",
				       "202", "419" };

static unsigned long long rng;
static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng >> 33) % n);
}

/* k distinct items of names[0..n) joined by commas, in p */
static const char *pick(pool *p, const char *const *names, size_t n, unsigned k)
{
	char buf[512] = "";
	unsigned used = 0;

	for (unsigned i = 0; i < k && i < n; i++) {
		unsigned j;

		do
			j = rnd((unsigned)n);
		while (used & (1u << j));
		used |= 1u << j;
		if (*buf)
			strcat(buf, ",");
		strcat(buf, names[j]);
	}
	return pool_strdup(p, buf);
}

static const char *topic_key(unsigned i)
{
	return need_topics[i].key;
}

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *name, double *t, size_t n)
{
	if (!n)
		return;
	qsort(t, n, sizeof(*t), cmp_d);
	printf("RESULT %-13s %6zu %9.3f %9.3f %9.3f\n", name, n, t[n / 2],
	       t[n * 99 / 100 < n ? n * 99 / 100 : n - 1], t[n - 1]);
}

static void date_text(char out[11], unsigned day)
{
	/* day 0 = 2024-01-01; a 360-day year of 30-day months whose days 29 and 30 are
	 * the 28th keeps dates valid and in order */
	snprintf(out, 11, "%04u-%02u-%02u", 2024 + day / 360, 1 + day % 360 / 30,
		 1 + (day % 30 < 27 ? day % 30 : 27));
}

static int gen(struct store *s, long nreq, long noff, long nmatch, long nact)
{
	struct err e = { 0 };
	long long *offer_ids = calloc((size_t)noff + 1, sizeof(long long));
	char **offer_topics = calloc((size_t)noff + 1, sizeof(char *));
	long long *delivering = calloc((size_t)nmatch + 1, sizeof(long long));
	size_t ndel = 0;
	int rc = 1;
	double t0 = now_ms();

	if (!offer_ids || !offer_topics || !delivering)
		goto out;
	for (int i = 0; i < 50; i++) {
		pool *p = pool_new();
		struct org o = { .name = pool_printf(p, "%s %d", i < 40 ? "Provider" : "Donor", i),
				 .kind = i < 40 ? ORG_IMPLEMENTING : ORG_DONOR };

		if (org_add(s, p, &o, &e)) {
			fprintf(stderr, "organisation: %s\n", e.msg);
			pool_free(p);
			goto out;
		}
		pool_free(p);
	}
	for (long i = 0; i < nreq; i++) {
		pool *p = pool_new();
		unsigned c = rnd(NCOUNTRIES), start = rnd(5 * 360 - 130);
		char from[11], to[11];
		unsigned tlp = rnd(10);
		struct assist_request_in in = {
			.country = countries[c],
			.title = pool_printf(p, "Request %ld", i + 1),
			.topic = topic_key(rnd((unsigned)need_topic_count)),
			.beneficiary = pool_printf(p, "Institution %u of %s", rnd(8), countries[c]),
			.languages = pick(p, languages, 8, 1 + rnd(2)),
			.urgency = pool_printf(p, "%u", 1 + rnd(3)),
			.modes = pick(p, modes, 4, rnd(3)),
			.tlp = tlp < 2 ? "CLEAR" : tlp < 3 ? "AMBER" : "GREEN",
		};
		const char *tk[16];
		long long id;

		for (size_t k = 0; k < need_target_count && k < 16; k++)
			tk[k] = need_targets[k].key;
		in.targets = pick(p, tk, need_target_count < 16 ? need_target_count : 16,
				  1 + rnd(3));
		if (rnd(5)) {
			date_text(from, start);
			date_text(to, start + rnd(120));
			in.date_from = from;
			in.date_to = to;
		}
		if (assist_request_add(s, p, &cli, &in, &id, &e)) {
			fprintf(stderr, "request %ld: %s\n", i + 1, e.msg);
			pool_free(p);
			goto out;
		}
		pool_free(p);
	}
	fprintf(stderr, "  %ld requests in %.1f s\n", nreq, (now_ms() - t0) / 1e3);
	t0 = now_ms();
	for (long i = 0; i < noff; i++) {
		pool *p = pool_new();
		const char *tk[32];
		struct assist_offer_in in = {
			.org = pool_printf(p, "Provider %u", rnd(40)),
			.title = pool_printf(p, "Offer %ld", i + 1),
			.regions = regions[rnd(sizeof(regions) / sizeof(regions[0]))],
			.languages = pick(p, languages, 8, 1 + rnd(3)),
			.modes = pick(p, modes, 4, 1 + rnd(3)),
			.capacity = pool_printf(p, "%u", 5 + rnd(46)),
			.period_from = "2024-01-01", .period_to = "2028-12-31",
		};

		for (size_t k = 0; k < need_topic_count && k < 32; k++)
			tk[k] = topic_key((unsigned)k);
		in.topics = pick(p, tk, need_topic_count < 32 ? need_topic_count : 32, 1 + rnd(3));
		if (assist_offer_add(s, p, &cli, &in, &offer_ids[i], &e)) {
			fprintf(stderr, "offer %ld: %s\n", i + 1, e.msg);
			pool_free(p);
			goto out;
		}
		offer_topics[i] = strdup(in.topics);
		pool_free(p);
	}
	fprintf(stderr, "  %ld offers in %.1f s\n", noff, (now_ms() - t0) / 1e3);
	t0 = now_ms();
	for (long i = 0, made = 0; made < nmatch && i < nmatch * 20; i++) {
		pool *p = pool_new();
		long long req = 1 + rnd((unsigned)nreq), mid;
		struct assist_request *r;

		if (assist_request_get(s, p, &cli, req, &r, &e) == ERR_OK) {
			for (unsigned tries = 0; tries < 50; tries++) {
				unsigned k = rnd((unsigned)noff);

				if (!assist_list_has(offer_topics[k], r->topic))
					continue;
				err_clear(&e);
				if (assist_match_confirm(s, p, &cli, req, offer_ids[k], &mid, &e))
					break;
				made++;
				if (rnd(5) && !assist_match_answer(s, p, &cli, mid, 1, NULL, &e))
					delivering[ndel++] = req;
				break;
			}
		}
		err_clear(&e);
		pool_free(p);
	}
	fprintf(stderr, "  matches in %.1f s\n", (now_ms() - t0) / 1e3);
	/* the requests with an accepted match go on to delivery (no budget: funded
	 * holds), and the activities are spread over them, four in five with a training
	 * record, one in three evaluated */
	t0 = now_ms();
	for (size_t i = 0; i < ndel; i++) {
		static const char *const path[] = { "assessed", "matched", "funded",
						     "in_delivery" };
		pool *p = pool_new();

		for (size_t k = 0; k < 4; k++)
			if (assist_move(s, p, &cli, delivering[i], path[k], NULL, &e))
				break;	/* matched twice: a request already moved on */
		err_clear(&e);
		pool_free(p);
	}
	fprintf(stderr, "  %zu requests moved to delivery in %.1f s\n", ndel,
		(now_ms() - t0) / 1e3);
	t0 = now_ms();
	for (long i = 0; ndel && i < nact; i++) {
		pool *p = pool_new();
		long long req = delivering[rnd((unsigned)ndel)], aid;
		unsigned start = rnd(5 * 360 - 10);
		char from[11], to[11];
		struct assist_activity_in in = {
			.title = pool_printf(p, "Activity %ld", i + 1),
			.mode = modes[rnd(4)], .language = languages[rnd(8)],
		};

		if (!strcmp(in.mode, "in_person"))
			in.place = "Nairobi";
		date_text(from, start);
		date_text(to, start + rnd(5));
		in.date_from = from;
		in.date_to = to;
		if (assist_activity_add(s, p, &cli, req, &in, &aid, &e)) {
			fprintf(stderr, "activity %ld (request %lld): %s\n", i + 1, req, e.msg);
			pool_free(p);
			goto out;
		}
		if (rnd(5)) {
			struct assist_training_in tr = { .pre = "55.5", .post = "78" };

			for (int r = 0; r < AR_COUNT; r++)
				for (int g = 0; g < AG_COUNT; g++)
					tr.count[r][g] = pool_printf(p, "%u", rnd(6));
			tr.count[0][0] = "1";
			if (assist_training_set(s, p, &cli, aid, &tr, &e)) {
				fprintf(stderr, "training %lld: %s\n", aid, e.msg);
				pool_free(p);
				goto out;
			}
		}
		if (!rnd(3) && assist_activity_evaluate(s, p, &cli, aid, 1 + (int)rnd(5), "",
							&e)) {
			fprintf(stderr, "evaluation %lld: %s\n", aid, e.msg);
			pool_free(p);
			goto out;
		}
		pool_free(p);
	}
	fprintf(stderr, "  %ld activities in %.1f s\n", nact, (now_ms() - t0) / 1e3);
	rc = 0;
out:
	free(delivering);
	for (long i = 0; offer_topics && i < noff; i++)
		free(offer_topics[i]);
	free(offer_topics);
	free(offer_ids);
	return rc;
}

static const char ref_suggest_sql[] =
	"SELECT o.id, o.org, o.languages, o.regions, o.modes, o.capacity, "
	"(SELECT count(*) FROM assist_match m WHERE m.offer = o.id AND m.status = "
	"'accepted') FROM assist_offer o WHERE o.withdrawn_at IS NULL AND "
	"instr(',' || o.topics || ',', ',' || (SELECT topic FROM assist_request WHERE "
	"id = ?1) || ',') > 0";

/* the overlap rule of assist_overlaps_find in SQL: periods as assist_period makes
 * them (the dates, or the year the request was made in) */
static const char ref_overlaps_sql[] =
	"WITH r AS (SELECT id, topic, country, beneficiary_key AS b, targets, "
	"coalesce(date_from, substr(created_at, 1, 4) || '-01-01') AS f, "
	"coalesce(date_to, substr(created_at, 1, 4) || '-12-31') AS t FROM assist_request "
	"WHERE stage NOT IN ('closed', 'declined', 'withdrawn')) "
	"SELECT count(*) FROM r a JOIN r b ON a.topic = b.topic AND a.country = b.country "
	"AND a.id < b.id AND a.f <= b.t AND b.f <= a.t AND (a.b = b.b OR EXISTS ("
	"SELECT 1 FROM json_each('[\"' || replace(a.targets, ',', '\",\"') || '\"]') j "
	"WHERE instr(',' || b.targets || ',', ',' || j.value || ',') > 0))";

static int run(struct store *s, const char *dbfile, long nq)
{
	struct err e = { 0 };
	double *t = calloc((size_t)nq + 20, sizeof(double));
	long long *with = calloc((size_t)nq + 1, sizeof(long long));
	size_t nwith = 0;
	long nreq = 0;
	size_t ours = 0;
	long long sqlcount = 0;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = 1;

	if (!t || !with || sqlite3_open_v2(dbfile, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_prepare_v2(db, "SELECT max(id) FROM assist_request", -1, &st, NULL) ||
	    sqlite3_step(st) != SQLITE_ROW)
		goto out;
	nreq = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (nreq < 1)
		goto out;

	/* warm: the page cache and the prepared statements */
	for (int i = 0; i < 20; i++) {
		pool *p = pool_new();
		struct assist_suggestion *sg;
		size_t n;

		assist_suggest(s, p, &cli, 1 + rnd((unsigned)nreq), &sg, &n, &e);
		err_clear(&e);
		pool_free(p);
	}
	for (long i = 0; i < nq; i++) {
		pool *p = pool_new();
		struct assist_suggestion *sg;
		size_t n;
		long long id = 1 + rnd((unsigned)nreq);
		double t0 = now_ms();

		if (assist_suggest(s, p, &cli, id, &sg, &n, &e)) {
			fprintf(stderr, "suggest %lld: %s\n", id, e.msg);
			pool_free(p);
			goto out;
		}
		for (size_t k = 0; k < n && k < 10; k++)
			(void)assist_reasons(p, &sg[k]);	/* what the page shows */
		t[i] = now_ms() - t0;
		pool_free(p);
	}
	report("suggest", t, (size_t)nq);

	if (sqlite3_prepare_v2(db, ref_suggest_sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "ref-suggest: %s\n", sqlite3_errmsg(db));
		goto out;
	}
	for (long i = 0; i < nq; i++) {
		double t0 = now_ms();

		sqlite3_bind_int64(st, 1, 1 + rnd((unsigned)nreq));
		while (sqlite3_step(st) == SQLITE_ROW)
			;
		sqlite3_reset(st);
		t[i] = now_ms() - t0;
	}
	sqlite3_finalize(st);
	st = NULL;
	report("ref-suggest", t, (size_t)nq);

	for (int i = 0; i < 20; i++) {
		pool *p = pool_new();
		struct assist_overlap *o;
		double t0 = now_ms();

		if (assist_overlaps(s, p, &cli, NULL, &o, &ours, &e)) {
			fprintf(stderr, "overlaps: %s\n", e.msg);
			pool_free(p);
			goto out;
		}
		t[i] = now_ms() - t0;
		pool_free(p);
	}
	report("overlaps", t, 20);

	for (long i = 0; i < nq; i++) {
		pool *p = pool_new();
		struct assist_overlap *o;
		size_t n;
		double t0 = now_ms();

		if (assist_overlaps(s, p, &cli, countries[rnd(NCOUNTRIES)], &o, &n, &e)) {
			fprintf(stderr, "overlaps: %s\n", e.msg);
			pool_free(p);
			goto out;
		}
		t[i] = now_ms() - t0;
		pool_free(p);
	}
	report("overlaps1", t, (size_t)nq);

	/* the request list (the /assistance page): as the operator (no reading rule
	 * beyond the label) and as an account of a provider organisation (the AMBER
	 * requests it is matched to), every country and one */
	{
		pool *p = pool_new();
		struct org *o;
		struct actor prov = { .name = "bench-provider", .user_id = 1,
				      .role = ROLE_PROVIDER };
		const struct actor *who[2] = { &cli, &prov };
		static const char *const names[2][2] = { { "list-all", "list-one" },
							 { "list-all-prov", "list-one-prov" } };

		if (org_get(s, p, "Provider 0", &o, &e)) {
			fprintf(stderr, "Provider 0: %s\n", e.msg);
			pool_free(p);
			goto out;
		}
		prov.org_id = o->id;
		for (int w = 0; w < 2; w++)
			for (int one = 0; one < 2; one++) {
				long runs = one ? nq : 20;

				for (long i = 0; i < runs; i++) {
					pool *q = pool_new();
					struct assist_request *r;
					size_t n;
					double t0 = now_ms();

					if (assist_request_list(s, q, who[w], one ?
								countries[rnd(NCOUNTRIES)] : NULL,
								-1, &r, &n, &e)) {
						fprintf(stderr, "list: %s\n", e.msg);
						pool_free(q);
						pool_free(p);
						goto out;
					}
					t[i] = now_ms() - t0;
					pool_free(q);
				}
				report(names[w][one], t, (size_t)runs);
			}
		pool_free(p);
	}

	/* a request's activities (its page: requests that have some) and the people
	 * trained in a country (its profile) */
	if (sqlite3_prepare_v2(db, "SELECT DISTINCT request FROM assist_activity ORDER BY "
			       "request", -1, &st, NULL) != SQLITE_OK)
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW && nwith < (size_t)nq)
		with[nwith++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	for (long i = 0; nwith && i < nq; i++) {
		pool *p = pool_new();
		struct assist_activity *act;
		size_t n;
		double t0 = now_ms();

		if (assist_activity_list(s, p, &cli, with[rnd((unsigned)nwith)], NULL, &act, &n,
					 &e)) {
			fprintf(stderr, "activities: %s\n", e.msg);
			pool_free(p);
			goto out;
		}
		t[i] = now_ms() - t0;
		pool_free(p);
	}
	report("activities1", t, nwith ? (size_t)nq : 0);
	for (long i = 0; i < nq; i++) {
		pool *p = pool_new();
		struct assist_trained *tr;
		size_t n;
		double t0 = now_ms();

		if (assist_trained(s, p, &cli, countries[rnd(NCOUNTRIES)], 0, NULL, &tr, &n,
				   &e)) {
			fprintf(stderr, "trained: %s\n", e.msg);
			pool_free(p);
			goto out;
		}
		t[i] = now_ms() - t0;
		pool_free(p);
	}
	report("trained1", t, (size_t)nq);

	/* the IATI document: every request (5 times) and one country's (QUERIES / 10) */
	for (int all = 1; all >= 0; all--) {
		long runs = all ? 5 : nq / 10 ? nq / 10 : 1;

		for (long i = 0; i < runs; i++) {
			pool *p = pool_new();
			struct sbuf b;
			size_t n;
			double t0 = now_ms();

			sbuf_init(&b);
			if (iati_export(s, p, &cli, iati_org_current(), all ? NULL :
					countries[rnd(NCOUNTRIES)], NULL, &b, &n, &e)) {
				fprintf(stderr, "iati: %s\n", e.msg);
				sbuf_release(&b);
				pool_free(p);
				goto out;
			}
			t[i] = now_ms() - t0;
			if (all && !i)
				printf("SIZE iati-all %zu activities %zu bytes\n", n, b.len);
			sbuf_release(&b);
			pool_free(p);
		}
		report(all ? "iati-all" : "iati1", t, (size_t)runs);
	}

	if (sqlite3_prepare_v2(db, ref_overlaps_sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "ref-overlaps: %s\n", sqlite3_errmsg(db));
		goto out;
	}
	for (int i = 0; i < 5; i++) {
		double t0 = now_ms();

		if (sqlite3_step(st) == SQLITE_ROW)
			sqlcount = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		t[i] = now_ms() - t0;
	}
	report("ref-overlaps", t, 5);
	printf("CHECK overlaps ccrepo=%zu sql=%lld %s\n", ours, sqlcount,
	       (long long)ours == sqlcount ? "agree" : "DIFFER");
	rc = (long long)ours == sqlcount ? 0 : 2;
out:
	if (st)
		sqlite3_finalize(st);
	if (db)
		sqlite3_close(db);
	free(t);
	free(with);
	return rc;
}

int main(int argc, char **argv)
{
	struct store *s = NULL;
	struct err e = { 0 };
	int rc = 1;

	if (argc < 4 || (strcmp(argv[1], "gen") && strcmp(argv[1], "run")) ||
	    (!strcmp(argv[1], "gen") && argc != 8) || (!strcmp(argv[1], "run") && argc != 5)) {
		fprintf(stderr, "usage: assist_bench gen DB REQUESTS OFFERS MATCHES ACTIVITIES SEED\n"
			"       assist_bench run DB QUERIES SEED\n");
		return 2;
	}
	rng = strtoull(argv[argc - 1], NULL, 10) * 2654435761ULL + 1;
	if (store_open(argv[2], &s, &e)) {
		fprintf(stderr, "assist_bench: %s: %s\n", argv[2], e.msg);
		return 1;
	}
	if (!strcmp(argv[1], "gen"))
		rc = gen(s, atol(argv[3]), atol(argv[4]), atol(argv[5]), atol(argv[6]));
	else
		rc = run(s, argv[2], atol(argv[3]));
	store_close(s);
	return rc;
}
