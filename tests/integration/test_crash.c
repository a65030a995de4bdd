/* The crash test: writers through the API (new lessons, cases and laws, edits, status
 * changes) while the server is killed with SIGKILL at random moments and restarted on
 * the same database. Afterwards every write that was acknowledged (2xx received) is
 * there, found by search, and `ccrepo check`, `ccrepo audit verify` and every anchor
 * kept during the run (`--anchor ID:HASH`) agree.
 *
 * CCREPO_CRASH_KILLS sets the number of kills (default 50; `make soak` gives more),
 * CCREPO_CRASH_WRITERS the writer threads (default 4), CCREPO_CRASH_SEED the random
 * seed (default: the time, printed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "integration/harness.h"

enum kind { K_LESSON, K_CASE, K_LAW };
static const char *const kind_path[] = { "/api/v1/lessons", "/api/v1/cases",
					 "/api/v1/works" };

/* A record a writer made and was told so, with what it was last told of it. When a
 * later change got no answer (the server died), that change may or may not be
 * there: maybe holds it, and the record is changed no more. */
struct rec {
	enum kind kind;
	long long id;
	char word[24];		/* acknowledged: in its title (and text) */
	char maybe[24];		/* an unanswered edit's word, or "" */
	int submitted;		/* acknowledged status: 0 draft, 1 submitted */
	int maybe_submitted;	/* an unanswered move to submitted */
	int frozen;
};

struct writer {
	pthread_t thread;
	int n;			/* its number */
	unsigned seed;
	struct rec *recs;
	size_t nrecs, cap;
	long acked, unanswered, refused;
};

static atomic_uint port;	/* where the server answers now (0: down) */
static atomic_int stopping;
static atomic_long acks;	/* writes acknowledged, by every writer */
static char token[128];

static struct srv *current(struct srv *tmpl)
{
	memset(tmpl, 0, sizeof(*tmpl));
	tmpl->port = atomic_load(&port);
	snprintf(tmpl->token, sizeof(tmpl->token), "%s", token);
	snprintf(tmpl->auth, sizeof(tmpl->auth), "Authorization: Bearer %s\r\n", token);
	return tmpl->port ? tmpl : NULL;
}

/* A word no other write uses: letters only, so search finds it as one word. */
static void make_word(char *buf, size_t size, int writer, long n)
{
	char tmp[24];
	int k = 0;
	unsigned long v = (unsigned long)writer * 1000000UL + (unsigned long)n;

	do {
		tmp[k++] = (char)('a' + v % 26);
		v /= 26;
	} while (v && k < 20);
	snprintf(buf, size, "qz%.*s", k, tmp);
}

/* Send one request; the response (NULL when nothing could be sent: the server is
 * down, which is no attempt). */
static struct http_response *send_req(const char *method, const char *path,
				      const char *type, const char *body)
{
	struct srv s;
	char head[128];

	if (!current(&s))
		return NULL;
	snprintf(head, sizeof(head), "Content-Type: %s\r\n", type);
	return http_op_request(&s, method, path, head, body, strlen(body));
}

static long long id_of(const struct http_response *r)
{
	json_t *j = json_loads(r->body ? r->body : "", 0, NULL);
	long long id = j ? json_integer_value(json_object_get(j, "id")) : 0;

	json_decref(j);
	return id;
}

static void add_rec(struct writer *w, enum kind k, long long id, const char *word)
{
	struct rec *r;

	if (w->nrecs == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 64;
		w->recs = realloc(w->recs, w->cap * sizeof(*w->recs));
		assert_non_null(w->recs);
	}
	r = &w->recs[w->nrecs++];
	memset(r, 0, sizeof(*r));
	r->kind = k;
	r->id = id;
	snprintf(r->word, sizeof(r->word), "%s", word);
}

/* One write; 1 when an attempt was made (answered or not). */
static int one_write(struct writer *w, long n)
{
	char word[24], path[256], body[1024];
	struct http_response *r;
	struct rec *rec = NULL;
	int op = (int)(rand_r(&w->seed) % 100), ok;
	enum kind k = K_LESSON;

	make_word(word, sizeof(word), w->n, n);
	if (op >= 50 && w->nrecs) {	/* change one of its records */
		rec = &w->recs[rand_r(&w->seed) % w->nrecs];
		if (rec->frozen || rec->kind == K_LAW)
			rec = NULL;
	}
	if (rec && op < 80) {	/* an edit */
		snprintf(path, sizeof(path), "%s/%lld", kind_path[rec->kind], rec->id);
		snprintf(body, sizeof(body), "{\"title\":\"Edited %s\"}", word);
		r = send_req("PUT", path, "application/json", body);
	} else if (rec && !rec->submitted) {	/* a status change */
		snprintf(path, sizeof(path), "/api/v1/records/%lld/status", rec->id);
		r = send_req("POST", path, "application/json",
			     "{\"to\":\"submitted\",\"note\":\"crash test\"}");
	} else if (rec) {
		return 0;
	} else if (op < 25) {
		k = K_CASE;
		snprintf(body, sizeof(body), "{\"title\":\"Case %s\",\"country\":\"KE\","
			 "\"language\":\"en\",\"court\":\"High Court\",\"summary\":\"About "
			 "%s.\"}", word, word);
		r = send_req("POST", kind_path[k], "application/json", body);
	} else if (op < 35) {
		k = K_LAW;
		snprintf(path, sizeof(path), "/api/v1/works/import?uri=/akn/ke/act/2030/%s&"
			 "title=Act%%20%s&country=KE&date=2030-01-01&language=eng", word, word);
		snprintf(body, sizeof(body), "PART I - OFFENCES\n\nSection 1. Access\n\n"
			 "A person who %s a computer system commits an offence.\n\n"
			 "Section 2. Penalty\n\nA fine.\n", word);
		r = send_req("POST", path, "text/plain", body);
	} else {
		snprintf(body, sizeof(body), "{\"title\":\"Lesson %s\",\"country\":\"KE\","
			 "\"language\":\"en\",\"body\":\"Learned %s the hard way.\"}", word,
			 word);
		r = send_req("POST", kind_path[k], "application/json", body);
	}
	if (!r)
		return 0;
	ok = r->status >= 200 && r->status < 300;
	if (ok) {
		w->acked++;
		atomic_fetch_add(&acks, 1);
	} else if (!r->status)
		w->unanswered++;
	else
		w->refused++;
	if (!rec) {
		if (ok)
			add_rec(w, k, id_of(r), word);
	} else if (op < 80) {	/* the edit */
		if (ok)
			snprintf(rec->word, sizeof(rec->word), "%s", word);
		else if (!r->status || r->status >= 500)
			rec->frozen = 1, snprintf(rec->maybe, sizeof(rec->maybe), "%s", word);
	} else {
		if (ok)
			rec->submitted = 1;
		else if (!r->status || r->status >= 500)
			rec->frozen = rec->maybe_submitted = 1;
	}
	http_response_free(r);
	return 1;
}

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	long n = 0;

	while (!atomic_load(&stopping)) {
		if (!one_write(w, n++))
			usleep(2000);	/* the server is down */
	}
	return NULL;
}

static int env_int(const char *name, int dflt)
{
	const char *v = getenv(name);

	return v && atoi(v) > 0 ? atoi(v) : dflt;
}

/* `ccrepo audit verify` on the database now (the server running): the anchor it
 * prints into anchor ("ID:HASH"), or "" when the log is empty. */
static void take_anchor(const char *dir, char *anchor, size_t size)
{
	const char *const args[] = { "audit", "verify", NULL };
	char *all = NULL, *err = NULL, *line, db[400];
	const char *const env[] = { db, "CCREPO_LOG_LEVEL=error", NULL };
	int rc;

	snprintf(db, sizeof(db), "CCREPO_DB=%s/ccrepo.db", dir);
	rc = harness_run(args, env, dir, &all, &err);
	if (rc)
		fail_msg("audit verify during the run: %d: %s%s", rc, all ? all : "",
			 err ? err : "");
	anchor[0] = '\0';
	line = strstr(all ? all : "", "newest entry: ");
	if (line) {	/* "newest entry: ID HASH" -> "ID:HASH" */
		long long id;
		char hash[65];

		if (sscanf(line + 14, "%lld %64s", &id, hash) == 2)
			snprintf(anchor, size, "%lld:%s", id, hash);
	}
	free(all);
	free(err);
}

/* The record as the server has it now, as the operator: 0 when it holds the words
 * and status it should. */
static int verify_rec(const struct srv *s, const struct rec *r)
{
	char path[128];
	struct http_response *h;
	const char *status;
	int bad = 0;

	snprintf(path, sizeof(path), "%s/%lld", kind_path[r->kind], r->id);
	h = http_op_get(s, path, NULL);
	if (!h || h->status != 200) {
		printf("# lost: %s (status %d)\n", path, h ? h->status : 0);
		http_response_free(h);
		return 1;
	}
	if (!strstr(h->body, r->word) && !(*r->maybe && strstr(h->body, r->maybe))) {
		printf("# lost: %s has not %s%s%s\n", path, r->word, *r->maybe ? " nor " : "",
		       r->maybe);
		bad = 1;
	}
	status = strstr(h->body, "\"status\":\"submitted\"") ? "submitted" : "draft";
	if (r->kind != K_LAW && r->submitted && strcmp(status, "submitted")) {
		printf("# lost: %s is %s, not submitted\n", path, status);
		bad = 1;
	}
	http_response_free(h);
	/* and search finds it, by its word (or the unanswered edit's) */
	snprintf(path, sizeof(path), "/api/v1/search?q=%s%s%s&limit=5", r->word,
		 *r->maybe ? "+OR+" : "", r->maybe);
	h = http_op_get(s, path, NULL);
	if (!h || h->status != 200 || strstr(h->body, "\"total\":0")) {
		printf("# not found by search: record %lld (%s)\n", r->id, r->word);
		bad = 1;
	}
	http_response_free(h);
	return bad;
}

static void test_crash(void **state)
{
	int kills = env_int("CCREPO_CRASH_KILLS", 50);
	int nwriters = env_int("CCREPO_CRASH_WRITERS", 4);
	unsigned seed = (unsigned)env_int("CCREPO_CRASH_SEED", (int)time(NULL));
	struct writer *w = calloc((size_t)nwriters, sizeof(*w));
	char anchors[16][160];
	int nanchors = 0, lost = 0;
	long acked = 0, unanswered = 0, refused = 0, records = 0;
	double t0 = harness_now_ms();
	struct srv_options o = { 0 };
	struct srv *s;
	char *dir = harness_tmpdir(), *out = NULL, *err = NULL, db[400];

	(void)state;
	assert_non_null(w);
	assert_non_null(dir);
	printf("# crash test: %d kills, %d writers, seed %u\n", kills, nwriters, seed);
	srand(seed);
	o.dir = dir;
	s = srv_start_with(&o);
	assert_non_null(s);
	snprintf(token, sizeof(token), "%s", s->token);
	o.token = token;
	atomic_store(&port, s->port);
	for (int i = 0; i < nwriters; i++) {
		w[i].n = i;
		w[i].seed = seed + (unsigned)i * 7919u;
		assert_int_equal(pthread_create(&w[i].thread, NULL, writer_main, &w[i]), 0);
	}
	for (int k = 0; k < kills; k++) {
		long before = atomic_load(&acks);

		/* let them write for 30 to 250 ms, and until the server has acknowledged a
		 * write since it came back (at most 5 s more: a loaded machine or the
		 * sanitizers start it slowly), then kill without warning */
		usleep((useconds_t)(30000 + rand() % 220000));
		for (int t = 0; t < 500 && atomic_load(&acks) == before; t++)
			usleep(10000);
		if (k % 10 == 5 && nanchors < 16) {
			take_anchor(dir, anchors[nanchors], sizeof(anchors[0]));
			if (anchors[nanchors][0])
				nanchors++;
		}
		atomic_store(&port, 0);
		srv_kill(s);
		s = srv_start_with(&o);
		if (!s)
			fail_msg("the server did not come back after kill %d", k + 1);
		atomic_store(&port, s->port);
	}
	usleep(100000);
	atomic_store(&stopping, 1);
	for (int i = 0; i < nwriters; i++) {
		pthread_join(w[i].thread, NULL);
		acked += w[i].acked;
		unanswered += w[i].unanswered;
		refused += w[i].refused;
		records += (long)w[i].nrecs;
	}
	/* one more kill after the last write: nothing is left to a clean stop */
	srv_kill(s);
	s = srv_start_with(&o);
	assert_non_null(s);
	for (int i = 0; i < nwriters; i++)
		for (size_t j = 0; j < w[i].nrecs; j++)
			lost += verify_rec(s, &w[i].recs[j]);
	assert_int_equal(srv_stop(s), 0);
	printf("# crash test: %d kills, %ld writes acknowledged (%ld records), %ld unanswered, "
	       "%ld refused, %d lost, %d anchors, %.1f s\n", kills + 1, acked, records,
	       unanswered, refused, lost, nanchors, (harness_now_ms() - t0) / 1000);
	assert_int_equal(lost, 0);
	assert_true(acked >= kills);	/* each life of the server acknowledged writes */

	snprintf(db, sizeof(db), "%s/ccrepo.db", dir);
	assert_int_equal(harness_run((const char *const[]){ "check", "--db", db, NULL }, NULL,
				     dir, &out, &err), 0);
	assert_has(out, ": 0 problems");
	free(out);
	free(err);
	assert_int_equal(harness_run((const char *const[]){ "audit", "verify", "--db", db,
							    NULL }, NULL, dir, &out, &err), 0);
	assert_has(out, "audit log intact");
	free(out);
	free(err);
	for (int i = 0; i < nanchors; i++) {
		const char *const args[] = { "audit", "verify", "--db", db, "--anchor",
					     anchors[i], NULL };

		if (harness_run(args, NULL, dir, &out, &err))
			fail_msg("audit verify --anchor %s: %s%s", anchors[i], out ? out : "",
				 err ? err : "");
		free(out);
		free(err);
	}
	for (int i = 0; i < nwriters; i++)
		free(w[i].recs);
	free(w);
	harness_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crash),
	};

	return harness_exit(cmocka_run_group_tests(tests, NULL, NULL));
}
