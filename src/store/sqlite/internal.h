/* Private to the SQLite backend: the connection struct and statement cache. */
#ifndef STORE_SQLITE_INTERNAL_H
#define STORE_SQLITE_INTERNAL_H
#include <sqlite3.h>

#include "store/store.h"

/* Every statement the backend runs, prepared once per connection on first use. */
enum sq_stmt {
	SQ_META_GET, SQ_META_SET,
	SQ_REGION_PUT, SQ_REGION_LIST,
	SQ_COUNTRY_PUT, SQ_COUNTRY_LIST, SQ_COUNTRY_GET,
	SQ_INSTRUMENT_PUT, SQ_INSTRUMENT_LIST,
	SQ_CHAPTER_PUT, SQ_CHAPTER_LIST,
	SQ_ARTICLE_PUT, SQ_ARTICLE_LIST,
	SQ_XWALK_CLEAR, SQ_XWALK_PUT, SQ_XWALK_LIST,
	SQ_BEGIN, SQ_COMMIT, SQ_ROLLBACK, SQ_DATA_VERSION,
	SQ_COUNT
};

struct sq {
	struct store base;
	sqlite3 *db;
	sqlite3_stmt *stmt[SQ_COUNT];
	int data_version;
	char *path;
};

/* The prepared statement for id, reset and with bindings cleared; NULL with e set. */
sqlite3_stmt *sq_stmt(struct sq *q, enum sq_stmt id, struct err *e);
/* Set e from the connection's last error; returns ERR_DB (ERR_CONFLICT on constraint). */
int sq_fail(struct sq *q, const char *what, struct err *e);
/* Run a statement that returns no rows to completion. */
int sq_done(struct sq *q, sqlite3_stmt *st, const char *what, struct err *e);
/* Bind a text or NULL. */
int sq_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Column i as a pool string (NULL stays NULL). */
char *sq_col(pool *p, sqlite3_stmt *st, int i);
/* Copy column i into a fixed buffer ("" for NULL). */
void sq_col_buf(sqlite3_stmt *st, int i, char *buf, size_t size);
/* Fill one element of a list from the current row; strings go to p. */
typedef void (*sq_row_fn)(pool *p, sqlite3_stmt *st, void *row);
/* Step st (already bound; NULL means preparing failed and e is set) to the end,
 * one zeroed element of size bytes per row in a pool array filled by fn. *out and
 * *n receive the array and its length. */
int sq_rows(struct sq *q, sqlite3_stmt *st, pool *p, size_t size, sq_row_fn fn, void **out,
	    size_t *n, const char *what, struct err *e);
/* Run SQL text that has no parameters (schema, pragmas). */
int sq_exec(struct sq *q, const char *sql, struct err *e);

/* migrations.c */
int sq_schema_version(struct store *s, int *version, struct err *e);
int sq_migrate(struct store *s, int *from, int *to, struct err *e);
extern const int sq_schema_latest;

/* ref.c */
int sq_region_put(struct store *s, const struct region *r, struct err *e);
int sq_region_list(struct store *s, pool *p, struct region **out, size_t *n, struct err *e);
int sq_country_put(struct store *s, const struct country *c, struct err *e);
int sq_country_list(struct store *s, pool *p, struct country **out, size_t *n,
		    struct err *e);
int sq_country_get(struct store *s, pool *p, const char *code, struct country **out,
		   struct err *e);
int sq_instrument_put(struct store *s, const struct instrument *in, struct err *e);
int sq_instrument_list(struct store *s, pool *p, struct instrument **out, size_t *n,
		       struct err *e);
int sq_chapter_put(struct store *s, const struct chapter *c, struct err *e);
int sq_chapter_list(struct store *s, pool *p, const char *instrument, struct chapter **out,
		    size_t *n, struct err *e);
int sq_article_put(struct store *s, const struct article *a, struct err *e);
int sq_article_list(struct store *s, pool *p, const char *instrument, struct article **out,
		    size_t *n, struct err *e);
int sq_xwalk_clear(struct store *s, struct err *e);
int sq_xwalk_put(struct store *s, const struct xwalk_row *r, struct err *e);
int sq_xwalk_list(struct store *s, pool *p, struct xwalk_row **out, size_t *n,
		  struct err *e);

#endif
