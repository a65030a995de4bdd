/* Fuzz target of the search query parser (domain/query) on a NUL-terminated copy of
 * the input. When it parses: the FTS5 expression must be accepted by an in-memory
 * FTS5 table (one connection kept open), and the canonical text must parse back to
 * the same canonical text (unless joining tokens typed without a space, a"b", pushed
 * it past the byte limit). abort() otherwise; errors must carry a message. */
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "domain/query.h"
#include "domain/search.h"
#include "store/sqlite/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The FTS5 expression of q's terms as the SQLite backend writes it (words also in
 * their forms in lang, -1: as typed); NULL for a query of filters only. */
static const char *fts5_of(pool *pl, const struct query *q, int lang)
{
	struct sq_phrase *ph;
	size_t n, nph;
	const struct search_term *t = search_terms(pl, q, lang, &n);

	return sq_match_terms(pl, t, n, &ph, &nph);
}

static sqlite3 *db;
static sqlite3_stmt *match;

static void fts5_check(const char *expr)
{
	int rc;

	if (!db) {
		if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
		    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x);"
				 "INSERT INTO t VALUES ('illegal access to a computer system');",
				 NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?", -1,
				       &match, NULL) != SQLITE_OK)
			abort();
	}
	sqlite3_bind_text(match, 1, expr, -1, SQLITE_STATIC);
	rc = sqlite3_step(match);
	if (rc != SQLITE_ROW) {
		fprintf(stderr, "FTS5 rejected [%s]: %s\n", expr, sqlite3_errmsg(db));
		abort();
	}
	sqlite3_reset(match);
	sqlite3_clear_bindings(match);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	pool *p = pool_new();
	struct query *q, *q2;
	struct err e = { 0 };
	const char *expr, *canon, *canon2;

	memcpy(s, data, size);
	s[size] = '\0';
	if (query_parse(p, s, &q, &e) != ERR_OK) {
		if (!e.msg[0] || q)
			abort();
		goto done;
	}
	if ((expr = fts5_of(p, q, (int)(size & 1 ? LANG_FR : -1))))
		fts5_check(expr);
	else if (q->nterms)
		abort();	/* terms but no expression */
	canon = query_canonical(p, q);
	err_clear(&e);
	if (query_parse(p, canon, &q2, &e) != ERR_OK) {
		if (strlen(canon) <= QUERY_MAX_BYTES) {
			fprintf(stderr, "canonical [%s] fails: %s\n", canon, e.msg);
			abort();
		}
		goto done;
	}
	canon2 = query_canonical(p, q2);
	if (strcmp(canon, canon2)) {
		fprintf(stderr, "canonical [%s] -> [%s]\n", canon, canon2);
		abort();
	}
done:
	pool_free(p);
	free(s);
	return 0;
}
