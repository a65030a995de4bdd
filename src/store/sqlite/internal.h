/* Private to the SQLite backend: the connection struct and statement cache. */
#ifndef STORE_SQLITE_INTERNAL_H
#define STORE_SQLITE_INTERNAL_H
#include <stddef.h>

#include <sqlite3.h>

#include "store/store.h"
#include "store/sqlite/ix.h"
#include "store/sqlite/rank.h"

/* Every statement the backend runs, prepared once per connection on first use. */
enum sq_stmt {
	SQ_META_GET, SQ_META_SET,
	SQ_REGION_PUT, SQ_REGION_LIST,
	SQ_COUNTRY_PUT, SQ_COUNTRY_LIST, SQ_COUNTRY_GET, SQ_REF_GENERATION,
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
	SQ_MAPPING_UNSUGGEST,
	/* search.c */
	SQ_SEARCH_HITS, SQ_SEARCH_PAGE, SQ_SEARCH_PAGE_ROW, SQ_SEARCH_TOTAL, SQ_SEARCH_MAPPED, SQ_SEARCH_YEARS, SQ_SEARCH_PATH, SQ_SEARCH_QUEUED,
	SQ_SEARCH_GENERATION, SQ_SEARCH_ROWIDS, SQ_SEARCH_SAMPLE, SQ_SEARCH_COUNT, SQ_SEARCH_BOOST,
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
	/* coverage.c */
	SQ_COV_EVIDENCE, SQ_COV_EVIDENCE_TEXT, SQ_COV_EVIDENCE_SOME,
	SQ_COV_EVIDENCE_SOME_TEXT, SQ_COV_EVIDENCE_ARTICLES, SQ_COV_EVIDENCE_ARTICLES_TEXT,
	SQ_COV_ASSESS_PUT, SQ_COV_ASSESS_WITHDRAW, SQ_COV_ASSESS_GET,
	SQ_COV_ASSESS_LIST, SQ_COV_DISPUTE_PUT, SQ_COV_DISPUTE_DECIDE, SQ_COV_DISPUTE_GET,
	SQ_COV_DISPUTE_LIST, SQ_COV_COMMENT_PUT, SQ_COV_COMMENT_LIST,
	/* questionnaire.c */
	SQ_QN_DELETE, SQ_QN_INSERT, SQ_QN_QUESTION_INSERT, SQ_QN_PUBLISH,
	SQ_QN_GET, SQ_QN_LIST, SQ_QN_QUESTIONS,
	/* needs.c */
	SQ_NEED_PUT, SQ_NEED_CLOSE, SQ_NEED_GET, SQ_NEED_LIST,
	/* campaign.c */
	SQ_CAMP_INSERT, SQ_CAMP_COUNTRY_INSERT, SQ_CAMP_GET, SQ_CAMP_LIST, SQ_CAMP_ANSWERS,
	SQ_CAMP_OF_COUNTRY, SQ_CAMP_VALUES, SQ_CAMP_ANSWER_UPDATE, SQ_CAMP_VALUE_PUT,
	SQ_CAMP_VALUE_DELETE, SQ_CAMP_PUBLISH, SQ_CAMP_AGG_VALUES, SQ_CAMP_EMAILS,
	/* assist.c */
	SQ_CURRENCY_PUT, SQ_CURRENCY_GET, SQ_ASSIST_REQ_INSERT, SQ_ASSIST_REQ_UPDATE,
	SQ_ASSIST_REQ_GET, SQ_ASSIST_REQ_LIST, SQ_ASSIST_STEP_PUT, SQ_ASSIST_STEPS,
	SQ_ASSIST_OFFER_INSERT, SQ_ASSIST_OFFER_GET, SQ_ASSIST_OFFER_LIST,
	SQ_ASSIST_OFFER_WITHDRAW, SQ_ASSIST_MATCH_INSERT, SQ_ASSIST_MATCH_ANSWER,
	SQ_ASSIST_MATCH_LIST, SQ_ASSIST_EVAL_PUT, SQ_ASSIST_RATINGS, SQ_ASSIST_FUND_INSERT,
	SQ_ASSIST_FUND_LIST, SQ_ASSIST_OFFER_TOPIC, SQ_ASSIST_OFFER_USED, SQ_ASSIST_MATCHED,
	SQ_ASSIST_REQ_LIST_COUNTRY, SQ_ASSIST_MATCH_LIST_OFFER, SQ_ASSIST_MATCH_LIST_ALL,
	SQ_ASSIST_MATCH_LIST_ORG, SQ_ASSIST_FUND_LIST_ALL, SQ_ASSIST_FUND_LIST_DONOR,
	SQ_ACT_LIST_ORG, SQ_ACT_ORGS_ORG, SQ_ASSIST_RATING_REFRESH,
	/* assist_activity.c */
	SQ_ACT_INSERT, SQ_ACT_ORG_INSERT, SQ_ACT_GET, SQ_ACT_LIST, SQ_ACT_ORGS,
	SQ_ACT_TRAINING, SQ_ACT_EVAL, SQ_ACT_ATTEND_DELETE, SQ_ACT_ATTEND_INSERT,
	SQ_ACT_ATTEND_NAMES, SQ_ACT_LIST_COUNTRY, SQ_ACT_LIST_ALL, SQ_ACT_ORGS_COUNTRY,
	SQ_ACT_ORGS_ALL,
	/* dev.c */
	SQ_DEV_RECORDS, SQ_DEV_RECORDS_UPDATED, SQ_DEV_EVENTS, SQ_DEV_EVENTS_UPDATED,
	/* directory.c */
	SQ_DIR_INSERT, SQ_DIR_UPDATE, SQ_DIR_VERIFIED, SQ_DIR_GET, SQ_DIR_LIST,
	SQ_DIR_LIST_ALL, SQ_DIR_REV_ADD, SQ_DIR_REVS, SQ_DIR_PARTNERS,
	SQ_DEV_LAW_DAYS,
	/* report.c */
	SQ_REPORT_PUT, SQ_REPORT_GET, SQ_REPORT_LIST, SQ_REPORT_PROSE, SQ_REPORT_NEEDS,
	SQ_COUNT
};

/* See sq_fts_register. */
#define SQ_RANK_PHRASES 64
/* ccrank(k, any, spec) ranks by tier x SQ_COORD_UNIT + score (fts.c) */
#define SQ_COORD_UNIT RANK_COORD_UNIT
struct sq_rank_io {
	int have[SQ_RANK_PHRASES];
	double df[SQ_RANK_PHRASES];	/* rows with the phrase */
	/* concept search: the rows mapped to a concept of the query, by row id
	 * (ascending), and the weight of each (1..4, search.c) */
	const long long *boost_id;
	const unsigned char *boost_w;
	size_t nboost;
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
	struct ixshared *ixs;	/* ixsync.c: the search index in memory */
	struct ix_tokenizer ixtok;	/* search.c: the query tokenizer for it */
	int ix_off;		/* 1: searches go to FTS5 only (tests compare the two) */
	struct sq_refcache *ref;	/* ref.c: the region and country lists */
	struct places *places;	/* search.c: hits' places in their laws */
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
/* ?n (unix seconds) as stored ISO 8601 text (UTC). */
#define SQ_ISO(n) "strftime('%Y-%m-%dT%H:%M:%SZ', " n ", 'unixepoch')"
/* The names the schema stores for enum org_kind (record kinds: record_kind_name). */
extern const char *const sq_org_kinds[ORG_KIND_COUNT];
/* The index in names[0..n) of text column col of the current row; 0 when absent. */
int sq_col_index(const char *const *names, int n, sqlite3_stmt *st, int col);

/* ---- Rows: the columns of a result, or the parameters of a write, as a table of
 * struct fields ---- */
enum sq_ctype {
	SQ_C_STR,	/* char *: a pool string, NULL stays NULL */
	SQ_C_STRS,	/* char *[size]: as many string columns */
	SQ_C_BUF,	/* char [size]: copied, "" for NULL */
	SQ_C_NUM,	/* an integer of size bytes (int, enum, long long, time_t): 0 for NULL */
	SQ_C_REAL,	/* double */
	SQ_C_NAME,	/* an enum stored as its name in names[0..n): 0 when absent */
	SQ_C_KIND,	/* enum record_kind stored as its name: REC_LEGISLATION when unknown */
	SQ_C_BLOB,	/* unsigned char [size]: zeros when the blob has another length */
	SQ_C_SUB,	/* a struct read by sub, from as many columns as sub has */
};
struct sq_reader;
struct sq_col {
	enum sq_ctype type;
	size_t off, size;
	const char *const *names;	/* SQ_C_NAME */
	int n;				/* SQ_C_NAME */
	const struct sq_reader *sub;	/* SQ_C_SUB */
	int none;	/* bound as NULL when "" (a text) or 0 (a number) */
};
/* How to read a row into one struct of size bytes, or bind one: cols[i] from
 * column i (a sub reader takes as many columns as it has). */
struct sq_reader {
	size_t size;
	const struct sq_col *cols;
	size_t ncols;
};
#define SQ_FSIZE(T, f) sizeof(((T *)0)->f)
#define SQ_COL_(t, T, f) .type = (t), .off = offsetof(T, f), .size = SQ_FSIZE(T, f)
#define SQ_STR(T, f) { SQ_COL_(SQ_C_STR, T, f) }
#define SQ_STRS(T, f) { .type = SQ_C_STRS, .off = offsetof(T, f), \
			.size = SQ_FSIZE(T, f) / sizeof(char *) }
#define SQ_BUF(T, f) { SQ_COL_(SQ_C_BUF, T, f) }
#define SQ_NUM(T, f) { SQ_COL_(SQ_C_NUM, T, f) }
#define SQ_DBL(T, f) { SQ_COL_(SQ_C_REAL, T, f) }
#define SQ_NAME(T, f, nm, cnt) { SQ_COL_(SQ_C_NAME, T, f), .names = (nm), .n = (cnt) }
#define SQ_KIND(T, f) { SQ_COL_(SQ_C_KIND, T, f) }
#define SQ_BYTES(T, f) { SQ_COL_(SQ_C_BLOB, T, f) }
#define SQ_SUB(T, f, reader) { SQ_COL_(SQ_C_SUB, T, f), .sub = &(reader) }
/* The columns of reader, read into (or bound from) the same struct. */
#define SQ_SAME(reader) { .type = SQ_C_SUB, .sub = &(reader) }
/* The same, bound as NULL when empty or 0 (read as SQ_STR, SQ_BUF, SQ_NUM). */
#define SQ_STR0(T, f) { SQ_COL_(SQ_C_STR, T, f), .none = 1 }
#define SQ_BUF0(T, f) { SQ_COL_(SQ_C_BUF, T, f), .none = 1 }
#define SQ_NUM0(T, f) { SQ_COL_(SQ_C_NUM, T, f), .none = 1 }
/* The reader of struct T from the column table cols (an array). */
#define SQ_READER(T, cols) { sizeof(T), cols, sizeof(cols) / sizeof((cols)[0]) }
/* The reader of a row of one column of type t into a value of type T. */
#define SQ_READER1(T, t) { sizeof(T), (const struct sq_col[]){ { .type = (t), \
			   .size = sizeof(T) } }, 1 }
/* A row of one integer column, into a long long; of one text, into a char *. */
extern const struct sq_reader sq_ll_reader, sq_str_reader;
/* A row of table stated_need (its columns in order) into a struct need_stated
 * (needs.c; the reports read needs of a period with it too). */
extern const struct sq_reader sq_need_reader;

/* ---- Parameters: the values of ?1..?n as a table of typed values ---- */
enum sq_vtype { SQ_V_NULL, SQ_V_TEXT, SQ_V_INT, SQ_V_REAL, SQ_V_BLOB, SQ_V_ROW };
struct sq_val {
	enum sq_vtype type;
	const void *ptr;	/* SQ_V_TEXT (NULL binds NULL), SQ_V_BLOB, SQ_V_ROW */
	long long i;		/* SQ_V_INT; SQ_V_BLOB: its length */
	double d;		/* SQ_V_REAL */
	const struct sq_reader *r;	/* SQ_V_ROW */
};
#define SQ_TEXT(s) { .type = SQ_V_TEXT, .ptr = (s) }
#define SQ_INT(n) { .type = SQ_V_INT, .i = (long long)(n) }
/* an id or count where 0 means none: NULL when 0 */
#define SQ_ID(n) { .type = (n) ? SQ_V_INT : SQ_V_NULL, .i = (long long)(n) }
/* a flag as 0 or 1 */
#define SQ_BOOL(n) { .type = SQ_V_INT, .i = (n) ? 1 : 0 }
/* a real where 0 or less means none: NULL then */
#define SQ_REAL(x) { .type = (x) > 0 ? SQ_V_REAL : SQ_V_NULL, .d = (x) }
#define SQ_BLOB(b, n) { .type = SQ_V_BLOB, .ptr = (b), .i = (n) }
/* the fields of *row as reader describes them, one parameter per column */
#define SQ_ROW(reader, row) { .type = SQ_V_ROW, .ptr = (row), .r = &(reader) }
/* The two arguments (values, count) for the values given: SQ_VALS(SQ_TEXT(a), SQ_INT(b)). */
#define SQ_VALS(...) (const struct sq_val[]){ __VA_ARGS__ }, \
	sizeof((const struct sq_val[]){ __VA_ARGS__ }) / sizeof(struct sq_val)
#define SQ_NOVALS NULL, 0
/* Bind v[0..n) to ?1, ?2, ... of st (a row takes as many as it has columns). Texts
 * and blobs are bound without a copy: they must outlive the statement's step. */
void sq_bind(sqlite3_stmt *st, const struct sq_val *v, size_t n);
/* Prepare statement id (its SQL sql, or sq_stmt's table when sql is NULL), bind
 * v[0..n) and step it once (to done, or to a first row that is not read). ERR_DB
 * with e set when preparing or stepping failed ("what: SQLite's message"). */
int sq_run(struct sq *q, enum sq_stmt id, const char *sql, const struct sq_val *v,
	   size_t n, const char *what, struct err *e);
/* sq_run for an INSERT: *rowid receives the new row's id. */
int sq_insert(struct sq *q, enum sq_stmt id, const char *sql, const struct sq_val *v,
	      size_t n, long long *rowid, const char *what, struct err *e);
/* sq_run for a write that must touch a row: ERR_NOTFOUND with the message notfound
 * (NULL: "what: not found") when it touched none. */
int sq_change(struct sq *q, enum sq_stmt id, const char *sql, const struct sq_val *v,
	      size_t n, const char *what, const char *notfound, struct err *e);

/* A copy of row src (read by r) into dst, its strings copied into p. */
void sq_copy(pool *p, const struct sq_reader *r, void *dst, const void *src);
/* Free the region and country lists a connection keeps (ref.c); NULL is fine. */
void sq_ref_free(struct sq_refcache *c);

/* Read the current row of st from column col on into row, as r says; strings go to
 * p. Returns the column after the last read. */
int sq_read(pool *p, sqlite3_stmt *st, const struct sq_reader *r, void *row, int col);
/* Prepare statement id (as sq_run), bind v[0..nv) and step it to the end, one zeroed
 * struct per row in a pool array read by r. *out and *n receive the array and its
 * length (NULL and 0 when there are none, and on error). */
int sq_list(struct sq *q, enum sq_stmt id, const char *sql, const struct sq_val *v,
	    size_t nv, pool *p, const struct sq_reader *r, void **out, size_t *n,
	    const char *what, struct err *e);
/* Prepare statement id (as sq_run), bind v[0..nv) and step it to the end, reading
 * the first row (if any) into row, which is left as it is when there is none;
 * *found (when not NULL) is whether there was one. Strings go to p (NULL when r
 * reads none). */
int sq_row(struct sq *q, enum sq_stmt id, const char *sql, const struct sq_val *v,
	   size_t nv, pool *p, const struct sq_reader *r, void *row, int *found,
	   const char *what, struct err *e);
/* sq_list for a statement that returns at most one row: *out is it, or ERR_NOTFOUND
 * ("what: not found") when there is none. */
int sq_get(struct sq *q, enum sq_stmt id, const char *sql, const struct sq_val *v,
	   size_t nv, pool *p, const struct sq_reader *r, void **out, const char *what,
	   struct err *e);
/* Run SQL text that has no parameters (schema, pragmas). */
int sq_exec(struct sq *q, const char *sql, struct err *e);

/* views.c: compare the search view of each record kind described by fields with the
 * one its table makes (domain/kind.h); each that differs is a line of report (may be
 * NULL) and counts in *problems. With restore, make it again and index the kind's
 * records again, inside the caller's write transaction. */
int sq_views_compare(struct sq *q, int restore, struct sbuf *report, int *problems,
		     struct err *e);

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
/* A tokenizer of db's "ccrepo" for the index in memory (ix.h): 0, or -1. Free it
 * with sq_fts_tokenizer_free. */
int sq_fts_tokenizer(sqlite3 *db, struct ix_tokenizer *out);
void sq_fts_tokenizer_free(struct ix_tokenizer *t);

/* ixsync.c: the search index in memory (ix.h), one per database file in this
 * process, attached by a connection on its first search and detached when it
 * closes. sq_ix_acquire gives it current for a search on q: 1 with *out set and a
 * read lock held until sq_ix_release; 0 when the search goes to FTS5 instead (it is
 * being built in the background, q is in a transaction that sees another
 * generation, or q->ix_off). An index of more than sq_ix_sync_rows rows is built
 * in a thread of its own, unless sq_ix_warm is told to wait. */
struct ixshared;
struct ixshared *sq_ix_attach(const char *path);
void sq_ix_detach(struct ixshared *s);
int sq_ix_acquire(struct sq *q, const struct ix **out);
void sq_ix_release(struct sq *q);
void sq_ix_warm(struct sq *q, int wait);
extern long long sq_ix_sync_rows;

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
/* The same for the rows ids[0..n) (the matches the index in memory found). */
int sq_facets_count_ids(struct sq *q, struct fcache *c, pool *p, const int64_t *ids,
			size_t n, struct search_result *out, struct err *e);

/* search.c */
void sq_idf_free(struct idf_cache *c);
void sq_places_free(struct places *c);

/* match.c: the FTS5 MATCH expression of the search terms t[0..n) (the filters are
 * search.c's), from p; NULL when there is no positive term (a query of filters only).
 * Words "w", phrases "a b", prefixes "pre" *, OR groups ( "a" OR "b" ), groups joined
 * by AND, then the exclusions: P NOT "x", or ( P1 AND P2 ) NOT ( "x" OR "y" ). A word
 * with stem set is "\x1fSfr\x1fw", which the tokenizer (fts.c) reads as the word and
 * its stem in French. *phrases receives the expression's phrases in FTS5's order
 * (what ccrank() numbers), *nphrases their count. */
struct sq_phrase {
	const char *key;	/* as written in the expression ("w", "pre" *) */
	const char *text;	/* between its quotes, quotes single, stem mark kept */
	int prefix;
	int group;		/* the term's OR group; -1 for an exclusion */
};
const char *sq_match_terms(pool *p, const struct search_term *t, size_t n,
			   struct sq_phrase **phrases, size_t *nphrases);
/* The same with any set: the groups joined by OR instead of AND (rows with some of
 * the words: the fallback when few rows have them all). */
const char *sq_match_any(pool *p, const struct search_term *t, size_t n, int any,
			 struct sq_phrase **phrases, size_t *nphrases);

/* migrations.c */
/* The schema part of check: version (not newer, not older, ccrepo's), and triggers
 * the same as the migrations make. Problems as lines of report, counted; *current
 * is set when the database has this program's schema version. */
int sq_check_schema(struct store *s, struct sbuf *report, int *problems, int *current,
		    struct err *e);
extern const int sq_schema_latest;

/* The backend's functions, sq_NAME for each entry of store/store_fns.h (where each
 * has its contract), each in the file of its area: sqlite.c (transactions, meta,
 * check, health, backup), migrations.c (schema_version, migrate), ref.c (reference
 * data), clearance.c (set_clearance), repo.c (records, laws, cases, lessons,
 * mappings), search.c (search, reindex, search_mapped), user.c (accounts, tokens,
 * sessions, sign-in failures), share.c (sharing groups and grants), review.c
 * (proposed changes, pending versions, the daily count of restricted reads), audit.c
 * (the audit log). */
#define STORE_FN(ret, name, params, args) ret sq_##name params;
#include "store/store_fns.h"

#endif
