/* Fuzz target of the search index in memory (store/sqlite/ix.c, ixq.c) against FTS5.
 * The input's lines are rows (the first byte of each picks its language, the rest is
 * its text; odd rows carry the tag "ka", even ones "kb"), its last line a MATCH
 * expression. The rows go both into an FTS5 table with the tokenizer "ccrepo" and
 * into an index in memory. When the index takes the expression, FTS5 must take it
 * too and find the same rows, and ccrank() must give each the score the index gives
 * (with the same document frequencies), and a page of three must hold the three best
 * scores (the bounds that skip rows are exact); each row's snippet made from the
 * index's instances (ix_snippet) must be FTS5's snippet(). Then the first row is removed from both,
 * the index compacted, and the two compared again. abort() on any difference. */
#include <math.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/pool.h"
#include "store/sqlite/internal.h"
#include "store/sqlite/ix.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ROWS_MAX 16
#define LINE_MAX_BYTES 2000

static sqlite3 *db;
static struct sq_rank_io io;
static struct ix_tokenizer tk;

static void setup(void)
{
	if (db)
		return;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || sq_fts_register(db, &io) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(lang, title, heading, body, "
			 "tags, context, tokenize = 'ccrepo')", NULL, NULL, NULL) != SQLITE_OK ||
	    sq_fts_tokenizer(db, &tk))
		abort();
}

/* The text phrases of match: its quoted strings before the first tag's ("\x1f#"),
 * ranked as the store ranks them (the tags after them are not). */
static int text_phrases(const char *match)
{
	int k = 0;

	for (const char *c = match; *c; c++) {
		if (*c != '"')
			continue;
		if (c[1] == '\x1f' && c[2] == '#')
			return k;
		k++;
		for (c++; *c && (*c != '"' || c[1] == '"'); c += *c == '"' ? 2 : 1)
			;
		if (!*c)
			break;
	}
	return k;
}

/* Compare the index's answer to q with FTS5's. */
static void compare(const struct ix *x, pool *p, const char *match)
{
	int have[SQ_RANK_PHRASES] = { 0 };
	double df[SQ_RANK_PHRASES] = { 0 };
	struct ix_query q = { match, text_phrases(match), NULL, 64, have, df, SQ_RANK_PHRASES,
			      NULL, NULL, 0 };
	struct ix_result r;
	const char *why;
	sqlite3_stmt *st;
	long long n = 0;
	int rc;

	if (ix_search(x, &tk, p, &q, &r, &why))
		return;		/* not an expression the index takes: FTS5's alone */
	memcpy(io.have, have, sizeof(io.have));
	memcpy(io.df, df, sizeof(io.df));
	if (sqlite3_prepare_v2(db, "SELECT rowid, ccrank(t, ?2), snippet(t, 3, char(2), char(3), '…', 14), body "
			       "FROM t WHERE t MATCH ?1", -1, &st,
			       NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, q.k);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		double s = sqlite3_column_double(st, 1);
		size_t i = 0;

		while (i < r.ntop && r.top[i].rowid != id)
			i++;
		if (i == r.ntop || fabs(r.top[i].score - s) > 1e-9 * (fabs(s) + 1)) {
			fprintf(stderr, "row %lld: FTS5 %.12g, index %s %.12g\n", id, s,
				i == r.ntop ? "none" : "", i == r.ntop ? 0.0 : r.top[i].score);
			abort();
		}
		/* the snippet from the index's instances, as FTS5 makes it */
		{
			const char *fs = (const char *)sqlite3_column_text(st, 2);
			const char *body = (const char *)sqlite3_column_text(st, 3);
			struct ix_inst *in;
			size_t nin;
			const char *w;
			int nph = 0;

			if (!ix_instances(x, &tk, p, match, id, 3, &in, &nin, &w)) {
				for (size_t j = 0; j < nin; j++)
					nph = in[j].phrase >= nph ? in[j].phrase + 1 : nph;
				const char *ours = ix_snippet(p, &tk, body, (int)strlen(body), in, nin,
							      nph, "\x02", "\x03", "…", 14);

				if (strcmp(fs ? fs : "", ours)) {
					fprintf(stderr, "row %lld: snippet by FTS5 \"%s\", by the "
						"index \"%s\"\n", id, fs ? fs : "", ours);
					abort();
				}
			} else if (strcmp(w, "a prefix")) {
				fprintf(stderr, "row %lld: no instances: %s: %s\n", id, w, match);
				abort();
			}
		}
		n++;
	}
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "FTS5 refused what the index took: %s: %s\n", match,
			sqlite3_errmsg(db));
		abort();
	}
	sqlite3_finalize(st);
	memset(&io, 0, sizeof(io));
	if (n != r.total || (size_t)n != r.ntop)
		abort();
	/* a short page (the bounds skip rows): the best scores of the full list */
	{
		struct ix_query q3 = q;
		struct ix_result r3;

		q3.want = 3;
		if (ix_search(x, &tk, p, &q3, &r3, &why) || r3.total != r.total ||
		    r3.ntop != (r.ntop < 3 ? r.ntop : 3))
			abort();
		for (size_t i = 0; i < r3.ntop; i++)
			if (fabs(r3.top[i].score - r.top[i].score) > 1e-9 * (fabs(r.top[i].score) + 1)) {
				fprintf(stderr, "page of 3, hit %zu: %.12g, full list %.12g\n", i,
					r3.top[i].score, r.top[i].score);
				abort();
			}
	}
}

/* compare() again with every term in impact order and walked (ixq.c's walk): with
 * room to finish, then with none (it gives up and every match is scored); a row
 * added after the order was made (the last row again) is looked at apart. */
static const char *last_col[IX_COLS];
static char last_lang[8], last_tags[8];
static int last_n[IX_COLS];
static int64_t last_id;

static void walked(struct ix *x, pool *p, const char *match)
{
	uint32_t was[3] = { x->impact_min, x->walk_min, x->walk_slack };

	x->impact_min = 1;
	x->walk_min = 1;
	ix_impacts(x, 1);
	x->walk_slack = 1000;
	compare(x, p, match);
	x->walk_slack = 0;
	compare(x, p, match);
	if (last_id && ix_find(x, last_id) >= 0) {
		x->walk_slack = 1000;
		if (ix_add(x, &tk, last_id, last_id, last_col, last_n))
			abort();
		compare(x, p, match);
	}
	x->impact_min = was[0];
	x->walk_min = was[1];
	x->walk_slack = was[2];
	ix_impacts(x, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *line[ROWS_MAX + 1];
	int nl = 0;
	struct ix *x = ix_new();
	pool *p = pool_new();

	setup();
	memcpy(s, data, size);
	s[size] = '\0';
	for (char *c = s; c && nl <= ROWS_MAX;) {
		char *nlc = strchr(c, '\n');

		line[nl++] = c;
		if (nlc)
			*nlc = '\0';
		c = nlc ? nlc + 1 : NULL;
	}
	if (sqlite3_exec(db, "DELETE FROM t", NULL, NULL, NULL) != SQLITE_OK)
		abort();
	for (int i = 0; i + 1 < nl; i++) {
		char lang[8], tags[8];
		const char *text = line[i][0] ? line[i] + 1 : line[i];
		const char *col[IX_COLS];
		int n[IX_COLS];
		sqlite3_stmt *st;

		if (strlen(text) > LINE_MAX_BYTES)
			continue;
		snprintf(lang, sizeof(lang), "\x1fL%s",
			 lang_code((enum lang)((unsigned char)line[i][0] % LANG_COUNT)));
		snprintf(tags, sizeof(tags), "\x1f# k%c", i % 2 ? 'a' : 'b');
		col[0] = lang;
		col[1] = col[2] = col[5] = "";
		col[3] = text;
		col[4] = tags;
		for (int c = 0; c < IX_COLS; c++)
			n[c] = (int)strlen(col[c]);
		if (sqlite3_prepare_v2(db, "INSERT INTO t(rowid, lang, title, heading, body, tags, "
				       "context) VALUES (?1, ?2, '', '', ?3, ?4, '')", -1, &st,
				       NULL) != SQLITE_OK)
			abort();
		sqlite3_bind_int(st, 1, i + 1);
		sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, tags, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE || ix_add(x, &tk, i + 1, i + 1, col, n))
			abort();
		memcpy(last_col, col, sizeof(col));
		memcpy(last_n, n, sizeof(n));
		memcpy(last_lang, lang, sizeof(lang));
		memcpy(last_tags, tags, sizeof(tags));
		last_col[0] = last_lang;
		last_col[4] = last_tags;
		last_id = i + 1;
		sqlite3_finalize(st);
	}
	compare(x, p, line[nl - 1]);
	walked(x, p, line[nl - 1]);
	last_id = 0;		/* its text is the input's, freed below */
	/* the first row gone from both, the index compacted */
	if (sqlite3_exec(db, "DELETE FROM t WHERE rowid = 1", NULL, NULL, NULL) != SQLITE_OK)
		abort();
	ix_remove(x, 1);
	if (ix_find(x, 1) >= 0)
		abort();
	compare(x, p, line[nl - 1]);
	ix_compact(x);
	compare(x, p, line[nl - 1]);
	walked(x, p, line[nl - 1]);
	ix_free(x);
	pool_free(p);
	free(s);
	return 0;
}
