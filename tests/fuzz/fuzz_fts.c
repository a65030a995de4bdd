/* Fuzz target of the search tokenizer and ranking function (store/sqlite/fts.c): the
 * input is indexed as one row of an FTS5 table using the tokenizer "ccrepo" (its first
 * byte picks the row's language; the text goes to every column, tags too), searched
 * as a phrase with stems and as typed, ranked with ccrank(), snippeted and
 * highlighted, then FTS5's integrity check re-tokenizes what was stored (the
 * tokenizer must give the same tokens every time) and the row is deleted. abort() on
 * any error but a malformed-query one. */
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;
static struct sq_rank_io io;

static void run(const char *sql, const char *a, const char *b, int may_fail)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		abort();
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE && !may_fail) {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
		abort();
	}
	sqlite3_finalize(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { "en", "fr", "es", "ru", "ar", "zh", "eng", "xx" };
	char *text, *lang, *phrase;
	size_t k = 0;

	if (size > 16384)
		return 0;
	if (!db) {
		if (sqlite3_open(":memory:", &db) != SQLITE_OK || sq_fts_register(db, &io) ||
		    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(lang, title, heading, "
				 "body, tags, tokenize = 'ccrepo')", NULL, NULL, NULL))
			abort();
	}
	/* NUL ends an SQLite text: the input up to its first NUL */
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	lang = malloc(8);
	snprintf(lang, 8, "\x1fL%s", langs[size ? data[0] % 8 : 0]);
	run("INSERT INTO t(rowid, lang, title, heading, body, tags) VALUES (1, ?1, ?2, ?2, ?2, "
	    "char(31) || '# ' || ?2)", lang, text, 0);
	/* the text as a phrase, quotes doubled, with and without stems */
	phrase = malloc(2 * strlen(text) + 16);
	k = (size_t)sprintf(phrase, "\"\x1fS%s\x1f", size > 1 && data[1] % 2 ? "fr" : "en");
	for (const char *c = text; *c; c++) {
		if (*c == '"')
			phrase[k++] = '"';
		phrase[k++] = *c;
	}
	phrase[k++] = '"';
	phrase[k] = '\0';
	memset(&io, 0, sizeof(io));
	run("SELECT rowid, snippet(t, 3, '[', ']', '…', 8), highlight(t, 1, '[', ']') FROM t "
	    "WHERE t MATCH ?1 AND rank MATCH 'ccrank(1)' ORDER BY rank", phrase, NULL, 1);
	/* as typed: the same phrase without the stem mark (5 bytes after the quote) */
	memmove(phrase + 1, phrase + 6, strlen(phrase + 6) + 1);
	run("SELECT rowid, ccrank(t, 3) FROM t WHERE t MATCH ?1", phrase, NULL, 1);
	run("INSERT INTO t(t) VALUES ('integrity-check')", NULL, NULL, 0);
	run("DELETE FROM t WHERE rowid = 1", NULL, NULL, 0);
	free(phrase);
	free(lang);
	free(text);
	return 0;
}
