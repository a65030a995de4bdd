/* Tests of the search index in memory (store/sqlite/ix.c, ixq.c) on its own: rows
 * added, replaced, removed and compacted; phrases, prefixes, a word and its stem,
 * AND, OR, NOT and tags; what it declines (FTS5 answers those); document
 * frequencies; ranking order; the page bound. The tokenizer is the program's own
 * (fts.c), from an in-memory SQLite database. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "store/sqlite/internal.h"
#include "store/sqlite/ix.h"

static sqlite3 *db;
static struct sq_rank_io io;
static struct ix_tokenizer tk;

static int group_setup(void **state)
{
	(void)state;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || sq_fts_register(db, &io) != SQLITE_OK ||
	    sq_fts_tokenizer(db, &tk))
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	sq_fts_tokenizer_free(&tk);
	sqlite3_close(db);
	return 0;
}

/* Row rowid of record rec: English text in the body, a heading, tags. */
static void add(struct ix *x, int64_t rowid, const char *heading, const char *body,
		const char *tags)
{
	const char *col[IX_COLS] = { "\x1fLen", "", heading, body, tags, "" };
	int n[IX_COLS];

	for (int i = 0; i < IX_COLS; i++)
		n[i] = (int)strlen(col[i]);
	assert_int_equal(ix_add(x, &tk, rowid, rowid * 10, col, n), 0);
}

static struct ix_result run(const struct ix *x, pool *p, const char *match, int k)
{
	struct ix_query q = { match, k, NULL, 10, NULL, NULL, 0, NULL, NULL, 0 };
	struct ix_result r;
	const char *why = NULL;

	if (ix_search(x, &tk, p, &q, &r, &why))
		fail_msg("%s: declined: %s", match, why);
	return r;
}

static int has(const struct ix_result *r, int64_t rowid)
{
	for (long long i = 0; i < r->total; i++)
		if (r->rowids[i] == rowid)
			return 1;
	return 0;
}

static struct ix *sample(void)
{
	struct ix *x = ix_new();

	add(x, 1, "Unauthorised access", "A person who accesses a computer system without "
	    "authority commits an offence.", "\x1f# kl tclear");
	add(x, 2, "Interception", "A person who intercepts a transmission to or from a "
	    "computer commits an offence.", "\x1f# kl tclear");
	add(x, 3, "Computer forgery", "Whoever inputs computer data resulting in "
	    "inauthentic data commits forgery; e-mail included.", "\x1f# kl tamber xp");
	add(x, -4, "Lessons", "Access to computers seized in the search was delayed.",
	    "\x1f# kc tclear");
	return x;
}

static void test_match(void **state)
{
	pool *p = pool_new();
	struct ix *x = sample();
	struct ix_result r;

	(void)state;
	r = run(x, p, "\"computer\"", 1);
	assert_int_equal(r.total, 3);	/* "computers" is another word without its stem */
	assert_true(has(&r, 1) && has(&r, 2) && has(&r, 3));
	r = run(x, p, "\"\x1fSen\x1f" "computer\"", 1);	/* with the stem: the fourth too */
	assert_int_equal(r.total, 4);
	r = run(x, p, "\"computer data\"", 1);	/* a phrase: in a row */
	assert_int_equal(r.total, 1);
	assert_true(has(&r, 3));
	r = run(x, p, "\"data computer\"", 1);
	assert_int_equal(r.total, 0);
	r = run(x, p, "\"comp\" *", 1);	/* a prefix */
	assert_int_equal(r.total, 4);
	r = run(x, p, "\"computer\" AND \"offence\"", 2);
	assert_int_equal(r.total, 2);
	r = run(x, p, "( \"forgery\" OR \"interception\" ) NOT \"\x1f#xp\"", 2);
	assert_int_equal(r.total, 1);	/* the tag xp leaves row 3 out */
	assert_true(has(&r, 2));
	r = run(x, p, "\"computer\" AND ( \"\x1f#kc\" OR \"\x1f#tamber\" )", 1);
	assert_int_equal(r.total, 1);
	r = run(x, p, "\"email\"", 1);	/* a hyphenated word, joined */
	assert_int_equal(r.total, 1);
	r = run(x, p, "\"nowhere\" OR \"seized\"", 2);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.rowids[0], -4);
	assert_int_equal(r.top[0].record, -40);
	ix_free(x);
	pool_free(p);
}

static void test_declined(void **state)
{
	static const char *const bad[] = {
		"", "computer", "\"computer\" AND", "( \"computer\"", "{heading} : \"x\"",
		"\"a\" ( \"b\" )", "\"unclosed", "NEAR(\"a\" \"b\")", "\"a\" and \"b\"", "\"!!!\"",
		"\"a\" OR",
	};
	pool *p = pool_new();
	struct ix *x = sample();

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ix_query q = { bad[i], 1, NULL, 10, NULL, NULL, 0, NULL, NULL, 0 };
		struct ix_result r;
		const char *why = NULL;

		if (!ix_search(x, &tk, p, &q, &r, &why))
			fail_msg("took %s", bad[i]);
		assert_non_null(why);
		assert_int_equal(ix_parse_check(bad[i], p, &why), i == 9 ? 0 : 1);
	}
	ix_free(x);
	pool_free(p);
}

static void test_changes(void **state)
{
	pool *p = pool_new();
	struct ix *x = sample();
	struct ix_stats st;
	struct ix_result r;

	(void)state;
	ix_stats(x, &st);
	assert_int_equal(st.rows, 4);
	/* replaced: the old text is gone, the new one found */
	add(x, 2, "Interception", "A person who listens to a transmission.", "\x1f# kl tclear");
	assert_int_equal(run(x, p, "\"intercepts\"", 1).total, 0);
	assert_int_equal(run(x, p, "\"listens\"", 1).total, 1);
	ix_remove(x, 1);
	ix_remove(x, 1);	/* twice: nothing */
	assert_int_equal(ix_find(x, 1), -1);
	r = run(x, p, "\"person\"", 1);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.rowids[0], 2);
	ix_stats(x, &st);
	assert_int_equal(st.rows, 3);
	/* compacted: the same answers, numbers from 0 again */
	ix_compact(x);
	assert_int_equal(x->ndocs, 3);
	r = run(x, p, "\"person\"", 1);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.rowids[0], 2);
	assert_int_equal(run(x, p, "\"\x1fSen\x1f" "computer\"", 1).total, 2);
	assert_true(ix_find(x, -4) >= 0);
	/* and added to again */
	add(x, 1, "Unauthorised access", "A person who accesses a computer.", "\x1f# kl");
	assert_int_equal(run(x, p, "\"person\"", 1).total, 2);
	ix_free(x);
	pool_free(p);
}

static void test_rank(void **state)
{
	pool *p = pool_new();
	struct ix *x = ix_new();
	int have[4] = { 0 };
	double df[4] = { 0 };
	struct ix_query q = { "\"fraud\"", 1, NULL, 3, have, df, 4, NULL, NULL, 0 };
	struct ix_result r;
	const char *why;
	char body[64];

	(void)state;
	/* fraud in the heading (weight 4) beats the body; fewer words beat more */
	add(x, 1, "Other", "fraud and many other words in a long body of text here", "");
	add(x, 2, "Fraud", "nothing", "");
	add(x, 3, "Other", "fraud", "");
	for (int i = 4; i < 40; i++) {	/* more rows than the page: the bound prunes */
		snprintf(body, sizeof(body), "fraud number %d among the rest", i);
		add(x, i, "Other", body, "");
	}
	assert_int_equal(ix_search(x, &tk, p, &q, &r, &why), 0);
	assert_int_equal(r.total, 39);
	assert_int_equal(r.ntop, 3);
	assert_int_equal(r.top[0].rowid, 2);
	assert_int_equal(r.top[1].rowid, 3);
	assert_true(r.top[0].score < r.top[1].score && r.top[1].score < r.top[2].score);
	assert_int_equal(have[0], 1);	/* the document frequency found is given back */
	assert_true(df[0] == 39.0);
	ix_free(x);
	pool_free(p);
}

/* The best rows of query with want, walked in impact order (slack: how many rows
 * beyond a quarter it may look at) or with every match scored. */
static struct ix_result best(struct ix *x, pool *p, const char *match, int want, int walk,
			     uint32_t slack)
{
	int k = 1;

	for (const char *c = match; (c = strstr(c, " OR ")); c += 4)
		k++;
	struct ix_query q = { match, k, NULL, want, NULL, NULL, 0, NULL, NULL, 0 };
	struct ix_result r;
	const char *why;

	x->walk_min = walk ? 1 : UINT32_MAX;
	x->walk_slack = slack;
	assert_int_equal(ix_search(x, &tk, p, &q, &r, &why), 0);
	return r;
}

/* The walk in impact order finds the page a scan of every match finds: a word alone
 * and a word with its stem, rows longer than the capped length, weights past the
 * capped weight, rows of one score (the earlier first), rows added after the order;
 * and any of two words, the rows with the commoner alone walked after the rarer's
 * (scan_phases: fewer than half the rows scored on a page of one). */
static void test_walk(void **state)
{
	static const char *const q[] = { "\"fraud\"", "\"\x1fSen\x1f" "frauds\"",
					 "\"fraud\" NOT \"\x1f#kb\"", "\"quasar\" OR \"fraud\"",
					 "\"\x1fSen\x1f" "frauds\" OR \"quasar\"",
					 "\"fraud\" OR \"nowhere\"" };
	pool *p = pool_new();
	struct ix *x = ix_new();
	struct sbuf { char *s; size_t n; } b = { malloc(64 * 1024), 0 };
	int id = 1;

	(void)state;
	for (int i = 0; i < 300; i++) {
		int words = i % 7 == 0 ? 5000 : 3 + i % 23, hits = i % 11 == 0 ? 700 : 1 + i % 3;

		b.n = 0;
		for (int w = 0; w < words; w++)
			b.n += (size_t)snprintf(b.s + b.n, 64 * 1024 - b.n, "%s ",
						w < hits ? (i % 2 ? "fraud" : "frauds") :
						w == hits && i % 41 == 3 ? "quasar" : "other");
		add(x, id++, i % 5 == 0 ? "Fraud" : i % 3 == 0 ? "Frauds" : "Heading", b.s,
		    i % 2 ? "\x1f# ka" : "\x1f# kb");
	}
	x->impact_min = 1;
	ix_impacts(x, 1);
	for (int round = 0; round < 2; round++) {
		for (size_t k = 0; k < sizeof(q) / sizeof(*q); k++)
			for (int want = 1; want <= 40; want += 13) {
				struct ix_result a = best(x, p, q[k], want, 0, 0);
				struct ix_result w = best(x, p, q[k], want, 1, 100000);
				struct ix_result g = best(x, p, q[k], want, 1, 0);

				assert_true(a.total > 0);
				assert_int_equal(w.total, a.total);
				if (want == 1 && round == 0)
					assert_true(w.scored * 2 < (size_t)a.total);
				assert_int_equal(w.ntop, a.ntop);
				assert_int_equal(g.ntop, a.ntop);
				for (size_t i = 0; i < a.ntop; i++) {
					assert_int_equal(w.top[i].rowid, a.top[i].rowid);
					assert_true(w.top[i].score == a.top[i].score);
					assert_int_equal(g.top[i].rowid, a.top[i].rowid);
				}
			}
		/* rows added after the orders were made, better than any before */
		for (int i = 0; i < 20; i++)
			add(x, id++, "Fraud", "fraud frauds fraud", "\x1f# ka");
		add(x, 7, "Fraud", "fraud fraud", "\x1f# ka");	/* replaced */
	}
	free(b.s);
	ix_free(x);
	pool_free(p);
}

/* Any of several words, scored by phases (the rows with the rarest first): the rows
 * left after a phase are scored while their tier can still reach the page. Two words
 * as rare as each other, the second's rows better: the page is theirs. */
static void test_phases(void **state)
{
	pool *p = pool_new();
	struct ix *x = ix_new();
	char body[96];

	(void)state;
	for (int i = 1; i <= 8; i++) {
		snprintf(body, sizeof(body), "alpha in a long body of many words number %d", i);
		add(x, i, "Other", body, "");
		add(x, 100 + i, "Beta", "beta", "");
	}
	for (int i = 0; i < 2; i++)
		add(x, 200 + i, "Alpha beta", "alpha beta", "");
	for (int i = 0; i < 40; i++) {
		snprintf(body, sizeof(body), "nothing of note %d", i);
		add(x, 300 + i, "Other", body, "");
	}
	for (int want = 1; want <= 12; want++) {
		struct ix_result a, w;
		struct ix_query q = { "\"alpha\" OR \"beta\"", 2, NULL, want, NULL, NULL, 0,
				      NULL, NULL, 0 };
		const char *why;

		x->walk_min = UINT32_MAX;	/* every match scored */
		assert_int_equal(ix_search(x, &tk, p, &q, &a, &why), 0);
		x->walk_min = 1;		/* by phases */
		assert_int_equal(ix_search(x, &tk, p, &q, &w, &why), 0);
		assert_int_equal(a.total, 18);
		assert_int_equal(w.total, 18);
		assert_int_equal(w.ntop, a.ntop);
		for (size_t i = 0; i < a.ntop; i++) {
			assert_int_equal(w.top[i].rowid, a.top[i].rowid);
			assert_true(w.top[i].score == a.top[i].score);
		}
		if (want >= 3)	/* both words, then the second's short rows */
			assert_true(a.top[2].rowid > 100 && a.top[2].rowid < 200);
	}
	ix_free(x);
	pool_free(p);
}

/* Two words every match has, one of them in most rows (its idf the floor): a short
 * page, whose rows are bounded word by word, the weightiest first, is the start of
 * the list scored without bounds (a page larger than the matches). */
static void test_bound_each(void **state)
{
	pool *p = pool_new();
	struct ix *x = ix_new();
	char body[512];
	struct ix_query q = { "\"alpha\" \"beta\"", 2, NULL, 1000, NULL, NULL, 0, NULL, NULL, 0 };
	struct ix_result all;
	const char *why;

	(void)state;
	for (int i = 0; i < 300; i++) {
		size_t n = 0;
		int len = 3 + (i * 7) % 40, at = (i * 13) % len;

		for (int w = 0; w < len; w++)
			n += (size_t)snprintf(body + n, sizeof(body) - n, "%s ",
					      w == at || (i % 9 == 0 && w == at + 1) ? "beta" :
					      w % 5 == 0 || w == at - 1 ? "alpha" : "other");
		add(x, i + 1, i % 4 ? "Heading" : "Alpha", i % 3 ? body : "alpha only", "");
	}
	assert_int_equal(ix_search(x, &tk, p, &q, &all, &why), 0);
	assert_true(all.total > 100 && (size_t)all.total == all.ntop);
	for (int want = 1; want <= 12; want++) {
		struct ix_result r;

		q.want = want;
		assert_int_equal(ix_search(x, &tk, p, &q, &r, &why), 0);
		assert_int_equal(r.total, all.total);
		assert_int_equal(r.ntop, (size_t)want);
		for (size_t i = 0; i < r.ntop; i++) {
			assert_int_equal(r.top[i].rowid, all.top[i].rowid);
			assert_true(r.top[i].score == all.top[i].score);
		}
	}
	ix_free(x);
	pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_declined),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_rank),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_phases),
		cmocka_unit_test(test_bound_each),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
