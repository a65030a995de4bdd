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
	/* repo.c: prepared with sq_prep, SQL text at the call */
	SQ_RECORD_INSERT, SQ_RECORD_UPDATE, SQ_RECORD_GET, SQ_RECORD_LIST,
	SQ_REVISION_ADD, SQ_REVISION_LIST,
	SQ_WORK_PUT, SQ_WORK_GET_URI, SQ_WORK_GET_ID, SQ_WORK_LIST,
	SQ_EXPR_FIND, SQ_EXPR_INSERT, SQ_EXPR_UPDATE, SQ_EXPR_CLEAR, SQ_EXPR_LIST,
	SQ_PROV_INSERT, SQ_PROV_LIST, SQ_PROV_GET, SQ_PROV_IN_WORK,
	/* a kind's statements, one of each per enum record_kind (SQL made from its table) */
	SQ_KIND_PUT, SQ_KIND_GET = SQ_KIND_PUT + REC_KIND_COUNT,
	SQ_KIND_LINKS_CLEAR = SQ_KIND_GET + REC_KIND_COUNT,
	SQ_KIND_LINK_ADD = SQ_KIND_LINKS_CLEAR + REC_KIND_COUNT,
	SQ_KIND_LINKS = SQ_KIND_LINK_ADD + REC_KIND_COUNT,
	SQ_MAPPING_PUT = SQ_KIND_LINKS + REC_KIND_COUNT, SQ_MAPPING_BY_WORK, SQ_MAPPING_BY_ARTICLE,
	/* search.c */
	SQ_SEARCH_HITS, SQ_SEARCH_PAGE, SQ_SEARCH_TOTAL, SQ_SEARCH_MAPPED, SQ_SEARCH_YEARS, SQ_SEARCH_PATH, SQ_SEARCH_QUEUED,
	SQ_SEARCH_GENERATION, SQ_SEARCH_ROWIDS, SQ_SEARCH_SAMPLE, SQ_SEARCH_COUNT,
	/* user.c */
	SQ_ORG_INSERT, SQ_ORG_LIST, SQ_ORG_GET,
	SQ_USER_INSERT, SQ_USER_LIST, SQ_USER_GET_NAME, SQ_USER_GET_ID, SQ_USER_DISABLE,
	SQ_USER_HASH, SQ_USER_REHASH,
	SQ_TOKEN_INSERT, SQ_TOKEN_GET, SQ_TOKEN_LIST, SQ_TOKEN_LIST_ALL, SQ_TOKEN_USED, SQ_TOKEN_REVOKE,
	SQ_SESSION_INSERT, SQ_SESSION_GET, SQ_SESSION_TOUCH, SQ_SESSION_DELETE,
	SQ_SESSION_DELETE_USER,
	SQ_SIGNIN_GET, SQ_SIGNIN_PUT, SQ_SIGNIN_CLEAR,
	/* audit.c */
	SQ_AUDIT_LAST, SQ_AUDIT_INSERT, SQ_AUDIT_SCAN, SQ_AUDIT_LIST,
	/* clearance.c */
	SQ_CLEAR_ORG_GROUPS, SQ_CLEAR_NAMED, SQ_CLEAR_GROUPS,
	/* share.c */
	SQ_GROUP_INSERT, SQ_GROUP_LIST, SQ_GROUP_JOIN, SQ_GROUP_LEAVE,
	SQ_SHARE_GROUPS, SQ_SHARE_READERS, SQ_SHARE_GROUPS_DROP, SQ_SHARE_GROUPS_ADD,
	SQ_SHARE_READERS_DROP, SQ_SHARE_READERS_ADD, SQ_SHARE_EVENTS,
	/* review.c */
	SQ_CHANGE_PUT, SQ_CHANGE_GET, SQ_CHANGE_DELETE, SQ_AUDIT_READ_COUNT,
	SQ_EXPR_PENDING, SQ_EXPR_RESTATUS, SQ_EXPR_DELETE,
	SQ_COUNT
};

/* See sq_fts_register. */
#define SQ_RANK_PHRASES 64
struct sq_rank_io {
	int have[SQ_RANK_PHRASES];
	double df[SQ_RANK_PHRASES];	/* rows with the phrase */
};

/* The caller's clearance as the connection keeps it (clearance.c). */
#define SQ_CLEAR_GROUPS_MAX 256
struct sq_clear {
	int all, curator;
	long long user_id, org_id;
	char country[4];	/* "" when none */
	long long groups[SQ_CLEAR_GROUPS_MAX];	/* the organisation's sharing groups */
	int ngroups;
};

struct sq {
	struct store base;
	sqlite3 *db;
	sqlite3_stmt *stmt[SQ_COUNT];
	int data_version;
	int depth;		/* open transactions: 1 BEGIN, more are savepoints */
	int readonly;		/* opened read-only (read-only file or media) */
	char *path;
	struct fcache *facets;	/* facets.c, attached on first search */
	struct sq_rank_io rank;	/* fts.c, search.c */
	struct idf_cache *idf;	/* search.c: phrase -> idf for this generation */
	long long generation;	/* of the search index at the last search */
	void *qtok;		/* fts.c: a tokenizer for sq_fts_phrase_df */
	sqlite3_stmt *vocab;	/* fts.c: the vocabulary lookup */
	struct sq_clear clear;	/* clearance.c: who reads through this connection */
};

/* The prepared statement for id, reset and with bindings cleared; NULL with e set. */
sqlite3_stmt *sq_stmt(struct sq *q, enum sq_stmt id, struct err *e);
/* Like sq_stmt for statements whose SQL text is given at the call (the same text
 * every time for one id). */
sqlite3_stmt *sq_prep(struct sq *q, enum sq_stmt id, const char *sql, struct err *e);
/* The error code of the connection's last error: ERR_CONFLICT for a constraint,
 * ERR_FULL when the disk or a file size limit refused a write (also noted for
 * sq_health), ERR_READONLY when the database cannot be written, else ERR_DB. */
int sq_code(struct sq *q);
/* Set e from the connection's last error ("what: SQLite's message"); returns
 * sq_code(q). */
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
/* ?n (unix seconds) as stored ISO 8601 text (UTC). */
#define SQ_ISO(n) "strftime('%Y-%m-%dT%H:%M:%SZ', " n ", 'unixepoch')"
/* The names the schema stores for enum org_kind (record kinds: record_kind_name). */
extern const char *const sq_org_kinds[ORG_KIND_COUNT];
/* The index in names[0..n) of text column col of the current row; 0 when absent. */
int sq_col_index(const char *const *names, int n, sqlite3_stmt *st, int col);
/* sq_rows for a statement that returns at most one row: *out is it, or ERR_NOTFOUND
 * ("what: not found") when there is none. */
int sq_one_row(struct sq *q, sqlite3_stmt *st, pool *p, size_t size, sq_row_fn fn,
	       void **out, const char *what, struct err *e);
/* Run SQL text that has no parameters (schema, pragmas). */
int sq_exec(struct sq *q, const char *sql, struct err *e);

/* fts.c: register the tokenizer "ccrepo" and the ranking function ccrank() on db
 * (before anything touches the search table). An SQLite result code.
 * io passes document frequencies between the store and ccrank(): the store sets
 * have[i]/df[i] for the query's phrases it knows, ccrank counts the others (a pass
 * over their rows) and leaves every phrase's value in df[i] with have[i] set. */
int sq_fts_register(sqlite3 *db, struct sq_rank_io *io);
/* The number of rows with the phrase text[0..n) (as inside an FTS5 string, quotes
 * single), from the index's vocabulary: per position the most frequent of its forms
 * (word, stem), and the least frequent position. -1 when it cannot be told. */
long long sq_fts_phrase_df(struct sq *q, const char *text, int n);
void sq_fts_release(struct sq *q);

/* clearance.c: the reading rules of the sharing labels, in one place. SQ_VISIBLE(r)
 * is the SQL condition that the record row aliased r may be read by the connection's
 * caller: every query that reads records has it. sq_clear_register adds the function
 * it calls to db; sq_clear_match appends to b, right after a parenthesised FTS5
 * expression, " NOT ( ... )": the search rows the caller may not read, from the
 * index's access tags (search_sql.h); nothing when the caller reads everything. */
#define SQ_VISIBLE(r) "ccr_visible(" r ".id, " r ".status, " r ".tlp, " r ".country, " \
		      r ".created_by_user, " r ".owner_org)"
/* The condition that the caller may read record r's content were it a draft made by
 * the account in column author: a change waiting for review (curators and its
 * proposer). */
#define SQ_VISIBLE_AS_DRAFT(r, author) "ccr_visible(" r ".id, 'draft', " r ".tlp, " \
		      r ".country, " author ", " r ".owner_org)"
int sq_clear_register(struct sq *q);
void sq_clear_match(struct sq *q, struct sbuf *b);
int sq_set_clearance(struct store *s, const struct clearance *c, struct err *e);

/* search.c: apply the queued changes to the search index (inside the transaction
 * that made them, before it commits). */
int sq_search_flush(struct sq *q, struct err *e);

/* facets.c: the in-memory copy of search_doc shared by the connections of this
 * process to the database at path (attach on first use, detach on close), and the
 * total and facets (country, region, kind, article, year, language) of the rows
 * matching match, counted with it. Facet values are not sorted. */
struct fcache;
struct fcache *sq_facets_attach(const char *path);
void sq_facets_detach(struct fcache *c);
/* (sets q->generation) */
int sq_facets_count(struct sq *q, struct fcache *c, pool *p, const char *match,
		    struct search_result *out, struct err *e);

/* search.c */
void sq_idf_free(struct idf_cache *c);

/* migrations.c */
int sq_schema_version(struct store *s, int *version, struct err *e);
int sq_migrate(struct store *s, int *from, int *to, struct err *e);
/* The schema part of check: version (not newer, not older, ccrepo's), and triggers
 * the same as the migrations make. Problems as lines of report, counted; *current
 * is set when the database has this program's schema version. */
int sq_check_schema(struct store *s, struct sbuf *report, int *problems, int *current,
		    struct err *e);
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

/* repo.c */
int sq_record_insert(struct store *s, const struct record *r, long long *id, struct err *e);
int sq_record_update(struct store *s, const struct record *r, struct err *e);
int sq_record_get(struct store *s, pool *p, long long id, struct record **out,
		  struct err *e);
int sq_record_list(struct store *s, pool *p, const struct record_query *q,
		   struct record **out, size_t *n, struct err *e);
int sq_revision_add(struct store *s, long long id, const struct revision *rv,
		    struct err *e);
int sq_revision_list(struct store *s, pool *p, long long id, struct revision **out,
		     size_t *n, struct err *e);
int sq_work_put(struct store *s, const struct work *w, struct err *e);
int sq_work_get(struct store *s, pool *p, const char *uri, long long id, struct work **out,
		struct err *e);
int sq_work_list(struct store *s, pool *p, const struct record_query *q, struct work **out,
		 size_t *n, struct err *e);
int sq_expr_put(struct store *s, const struct expression *x, long long *id, struct err *e);
int sq_expr_list(struct store *s, pool *p, long long work_id, struct expression **out,
		 size_t *n, struct err *e);
int sq_prov_put(struct store *s, const struct provision *pv, long long *id, struct err *e);
int sq_prov_list(struct store *s, pool *p, long long expression_id, struct provision **out,
		 size_t *n, struct err *e);
int sq_prov_get(struct store *s, pool *p, long long expression_id, const char *eid,
		struct provision **out, struct err *e);
int sq_prov_in_work(struct store *s, long long work_id, const char *eid, int *found,
		    struct err *e);
int sq_kind_put(struct store *s, const struct kind *k, const void *obj, struct err *e);
int sq_kind_get(struct store *s, pool *p, const struct kind *k, long long id, void **out,
		  struct err *e);
int sq_mapping_put(struct store *s, const struct mapping *m, const char *at, const char *by,
		   struct err *e);
int sq_mapping_list(struct store *s, pool *p, long long work_id, const char *instrument,
		    int article, struct mapping **out, size_t *n, struct err *e);

/* search.c */
int sq_search(struct store *s, pool *p, const struct search_request *rq,
	      struct search_result *out, struct err *e);
int sq_reindex(struct store *s, long long *rows, struct err *e);
int sq_search_mapped(struct store *s, pool *p, const struct search_request *rq,
		     struct search_hit **out, size_t *n, struct err *e);

/* user.c */
int sq_group_insert(struct store *s, const char *name, time_t now, long long *id,
		    struct err *e);
int sq_group_list(struct store *s, pool *p, const char *name, struct share_group **out,
		  size_t *n, struct err *e);
int sq_group_member(struct store *s, long long group_id, long long org_id, int join,
		    time_t now, struct err *e);
int sq_share_get(struct store *s, pool *p, long long record_id, struct record_share *out,
		 struct err *e);
int sq_share_set(struct store *s, long long record_id, const long long *groups, size_t ng,
		 const long long *readers, size_t nr, time_t now, struct err *e);
int sq_share_events(struct store *s, pool *p, int limit, int offset,
		    struct share_event **out, size_t *n, struct err *e);
/* review.c */
int sq_change_put(struct store *s, const struct record_change *c, struct err *e);
int sq_change_get(struct store *s, pool *p, long long id, struct record_change **out,
		  struct err *e);
int sq_change_delete(struct store *s, long long id, struct err *e);
int sq_audit_read_count(struct store *s, const char *day, const char *actor,
			const char *target, long long *count, struct err *e);
int sq_expr_set_pending(struct store *s, long long expr_id, int pending, struct err *e);
int sq_expr_restatus(struct store *s, long long work_id, struct err *e);
int sq_expr_delete(struct store *s, long long expr_id, struct err *e);
int sq_org_insert(struct store *s, const struct org *o, time_t now, long long *id,
		  struct err *e);
int sq_org_list(struct store *s, pool *p, const char *name, struct org **out, size_t *n,
		struct err *e);
int sq_user_insert(struct store *s, const struct user *u, const char *hash, time_t now,
		   long long *id, struct err *e);
int sq_user_list(struct store *s, pool *p, struct user **out, size_t *n, struct err *e);
int sq_user_get(struct store *s, pool *p, const char *name, long long id,
		struct user **out, char **hash, struct err *e);
int sq_user_set_disabled(struct store *s, const char *name, int disabled, long long *id,
			 struct err *e);
int sq_user_set_hash(struct store *s, long long id, const char *hash, time_t now,
		     int changed, struct err *e);
int sq_token_insert(struct store *s, const struct token *t, const unsigned char *hash,
		    time_t now, struct err *e);
int sq_token_get(struct store *s, pool *p, const char *id, struct token **out,
		 unsigned char *hash, struct err *e);
int sq_token_list(struct store *s, pool *p, long long user_id, struct token **out,
		  size_t *n, struct err *e);
int sq_token_mark(struct store *s, const char *id, time_t now, int revoke, struct err *e);
int sq_session_insert(struct store *s, const unsigned char *hash, const struct session *se,
		      struct err *e);
int sq_session_get(struct store *s, pool *p, const unsigned char *hash,
		   struct session **out, struct err *e);
int sq_session_touch(struct store *s, const unsigned char *hash, time_t now,
		     struct err *e);
int sq_session_delete(struct store *s, const unsigned char *hash, long long user_id,
		      struct err *e);
int sq_signin_get(struct store *s, const char *key, int *failures, time_t *window_start,
		  time_t *locked_until, struct err *e);
int sq_signin_put(struct store *s, const char *key, int failures, time_t window_start,
		  time_t locked_until, struct err *e);
int sq_signin_clear(struct store *s, const char *key, struct err *e);

/* audit.c */
int sq_audit_last(struct store *s, long long *id, unsigned char *hash, struct err *e);
int sq_audit_insert(struct store *s, const struct audit_entry *en, struct err *e);
int sq_audit_scan(struct store *s, pool *p, long long after, int limit,
		  struct audit_entry **out, size_t *n, struct err *e);
int sq_audit_list(struct store *s, pool *p, const struct audit_filter *f, int limit,
		  int offset, struct audit_entry **out, size_t *n, struct err *e);

#endif
