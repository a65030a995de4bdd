/* store: the storage layer. Only the store speaks SQL. A backend is a table of
 * functions (struct store_backend); SQLite is the first. Callers hold a struct store,
 * one connection, and call the store_* wrappers below, which dispatch through the
 * table. Each worker thread has its own connection (store_thread()). */
#ifndef STORE_STORE_H
#define STORE_STORE_H
#include <stddef.h>
#include <time.h>

#include "core/err.h"
#include "core/pool.h"
#include "core/sbuf.h"
#include "domain/audit.h"
#include "domain/country.h"
#include "domain/kind.h"
#include "domain/instrument.h"
#include "domain/legislation.h"
#include "domain/record.h"
#include "domain/search.h"
#include "domain/share.h"
#include "domain/user.h"

struct store;

struct store_backend {
	const char *name;
	int (*open)(const char *dsn, struct store **out, struct err *e);
	void (*close)(struct store *s);
	/* schema */
	int (*schema_version)(struct store *s, int *version, struct err *e);
	int (*schema_latest)(void);
	int (*migrate)(struct store *s, int *from, int *to, struct err *e);
	int (*check)(struct store *s, struct sbuf *report, int *problems, struct err *e);
	int (*health)(struct store *s, struct err *e);
	int (*backup)(struct store *s, const char *dest, struct err *e);
	/* transactions and change detection */
	int (*begin)(struct store *s, struct err *e);
	int (*commit)(struct store *s, struct err *e);
	void (*rollback)(struct store *s);
	int (*changed)(struct store *s);
	/* settings kept in the database */
	int (*meta_get)(struct store *s, pool *p, const char *key, char **value, struct err *e);
	int (*meta_set)(struct store *s, const char *key, const char *value, struct err *e);
	/* reference data */
	int (*region_put)(struct store *s, const struct region *r, struct err *e);
	int (*region_list)(struct store *s, pool *p, struct region **out, size_t *n,
			   struct err *e);
	int (*country_put)(struct store *s, const struct country *c, struct err *e);
	int (*country_list)(struct store *s, pool *p, struct country **out, size_t *n,
			    struct err *e);
	int (*country_get)(struct store *s, pool *p, const char *code, struct country **out,
			   struct err *e);
	int (*instrument_put)(struct store *s, const struct instrument *in, struct err *e);
	int (*instrument_list)(struct store *s, pool *p, struct instrument **out, size_t *n,
			       struct err *e);
	int (*chapter_put)(struct store *s, const struct chapter *c, struct err *e);
	int (*chapter_list)(struct store *s, pool *p, const char *instrument,
			    struct chapter **out, size_t *n, struct err *e);
	int (*article_put)(struct store *s, const struct article *a, struct err *e);
	int (*article_list)(struct store *s, pool *p, const char *instrument,
			    struct article **out, size_t *n, struct err *e);
	int (*xwalk_clear)(struct store *s, struct err *e);
	int (*xwalk_put)(struct store *s, const struct xwalk_row *r, struct err *e);
	int (*xwalk_list)(struct store *s, pool *p, struct xwalk_row **out, size_t *n,
			  struct err *e);
	/* who reads through this connection from now on (NULL: the public) */
	int (*set_clearance)(struct store *s, const struct clearance *c, struct err *e);
	/* repository records */
	int (*record_insert)(struct store *s, const struct record *r, long long *id,
			     struct err *e);
	int (*record_update)(struct store *s, const struct record *r, struct err *e);
	int (*record_get)(struct store *s, pool *p, long long id, struct record **out,
			  struct err *e);
	int (*record_list)(struct store *s, pool *p, const struct record_query *q,
			   struct record **out, size_t *n, struct err *e);
	int (*revision_add)(struct store *s, long long id, const struct revision *rv,
			    struct err *e);
	int (*revision_list)(struct store *s, pool *p, long long id, struct revision **out,
			     size_t *n, struct err *e);
	int (*work_put)(struct store *s, const struct work *w, struct err *e);
	/* by uri when uri is non-NULL, else by record id */
	int (*work_get)(struct store *s, pool *p, const char *uri, long long id,
			struct work **out, struct err *e);
	int (*work_list)(struct store *s, pool *p, const struct record_query *q,
			 struct work **out, size_t *n, struct err *e);
	/* insert, or when work/language/date exists, update it and drop its provisions */
	int (*expr_put)(struct store *s, const struct expression *x, long long *id,
			struct err *e);
	int (*expr_list)(struct store *s, pool *p, long long work_id, struct expression **out,
			 size_t *n, struct err *e);
	int (*prov_put)(struct store *s, const struct provision *pv, long long *id,
			struct err *e);
	int (*prov_list)(struct store *s, pool *p, long long expression_id,
			 struct provision **out, size_t *n, struct err *e);
	/* one provision of an expression by eid; ERR_NOTFOUND when absent */
	int (*prov_get)(struct store *s, pool *p, long long expression_id, const char *eid,
			struct provision **out, struct err *e);
	/* whether any version of the work has a provision eid */
	int (*prov_in_work)(struct store *s, long long work_id, const char *eid, int *found,
			    struct err *e);
	/* a record of a kind described by fields (domain/kind.h): its own columns */
	int (*kind_put)(struct store *s, const struct kind *k, const void *obj,
			struct err *e);
	int (*kind_get)(struct store *s, pool *p, const struct kind *k, long long id,
			void **out, struct err *e);
	int (*mapping_put)(struct store *s, const struct mapping *m, const char *at,
			   const char *by, struct err *e);
	/* by work (work_id > 0) or by instrument article */
	int (*mapping_list)(struct store *s, pool *p, long long work_id, const char *instrument,
			    int article, struct mapping **out, size_t *n, struct err *e);
	/* full-text search: hits, total and facets into out */
	int (*search)(struct store *s, pool *p, const struct search_request *rq,
		      struct search_result *out, struct err *e);
	/* provisions with an accepted mapping to one of rq->articles, under rq's other
	 * filters (rq->match is ignored), best mapped first */
	int (*search_mapped)(struct store *s, pool *p, const struct search_request *rq,
			     struct search_hit **out, size_t *n, struct err *e);
	/* rebuild the search index from the records */
	int (*reindex)(struct store *s, long long *rows, struct err *e);
	/* accounts (domain/user.h). Times are unix seconds, kept as ISO 8601 text. */
	int (*org_insert)(struct store *s, const struct org *o, time_t now, long long *id,
			  struct err *e);
	/* every organisation by name, or the one named name (ERR_NOTFOUND) */
	int (*org_list)(struct store *s, pool *p, const char *name, struct org **out,
			size_t *n, struct err *e);
	int (*user_insert)(struct store *s, const struct user *u, const char *hash,
			   time_t now, long long *id, struct err *e);
	int (*user_list)(struct store *s, pool *p, struct user **out, size_t *n,
			 struct err *e);
	/* by name when non-NULL, else by id; ERR_NOTFOUND when absent; *hash (may be
	 * NULL) receives the password hash */
	int (*user_get)(struct store *s, pool *p, const char *name, long long id,
			struct user **out, char **hash, struct err *e);
	/* set disabled; *id receives the account's id; ERR_NOTFOUND when absent */
	int (*user_set_disabled)(struct store *s, const char *name, int disabled,
				 long long *id, struct err *e);
	/* replace the hash; changed: also set password_changed_at (not for a rehash) */
	int (*user_set_hash)(struct store *s, long long id, const char *hash, time_t now,
			     int changed, struct err *e);
	int (*token_insert)(struct store *s, const struct token *t, const unsigned char *hash,
			    time_t now, struct err *e);
	/* one token by id with its 32-byte secret hash into hash; ERR_NOTFOUND */
	int (*token_get)(struct store *s, pool *p, const char *id, struct token **out,
			 unsigned char *hash, struct err *e);
	/* the tokens of user_id, or of every account when user_id is 0 (by username),
	 * newest first */
	int (*token_list)(struct store *s, pool *p, long long user_id, struct token **out,
			  size_t *n, struct err *e);
	/* set last_used_at (revoke 0) or revoked_at if not yet (revoke 1); ERR_NOTFOUND */
	int (*token_mark)(struct store *s, const char *id, time_t now, int revoke,
			  struct err *e);
	/* sessions by the 32-byte hash of their secret; se->user.id is the account */
	int (*session_insert)(struct store *s, const unsigned char *hash,
			      const struct session *se, struct err *e);
	int (*session_get)(struct store *s, pool *p, const unsigned char *hash,
			   struct session **out, struct err *e);
	int (*session_touch)(struct store *s, const unsigned char *hash, time_t now,
			     struct err *e);
	/* the one session of hash, or when hash is NULL every session of user_id */
	int (*session_delete)(struct store *s, const unsigned char *hash, long long user_id,
			      struct err *e);
	/* failed sign-ins of key (zeros when none; locked_until 0 when not locked) */
	int (*signin_get)(struct store *s, const char *key, int *failures,
			  time_t *window_start, time_t *locked_until, struct err *e);
	int (*signin_put)(struct store *s, const char *key, int failures, time_t window_start,
			  time_t locked_until, struct err *e);
	int (*signin_clear)(struct store *s, const char *key, struct err *e);
	/* sharing (domain/share.h) */
	int (*group_insert)(struct store *s, const char *name, time_t now, long long *id,
			    struct err *e);
	/* every group by name, or the one named name (ERR_NOTFOUND) */
	int (*group_list)(struct store *s, pool *p, const char *name, struct share_group **out,
			  size_t *n, struct err *e);
	int (*group_member)(struct store *s, long long group_id, long long org_id, int join,
			    time_t now, struct err *e);
	/* a record's groups and named readers; empty when the caller may not read it */
	int (*share_get)(struct store *s, pool *p, long long record_id,
			 struct record_share *out, struct err *e);
	/* replace them by these ids (grants that stay keep their time) */
	int (*share_set)(struct store *s, long long record_id, const long long *groups,
			 size_t ng, const long long *readers, size_t nr, time_t now,
			 struct err *e);
	int (*share_events)(struct store *s, pool *p, int limit, int offset,
			    struct share_event **out, size_t *n, struct err *e);
	/* review (store/sqlite/review.c): a proposed change to a published record, one
	 * per record (put replaces it); get applies the clearance of a draft by its
	 * proposer (curators and the proposer) */
	int (*change_put)(struct store *s, const struct record_change *c, struct err *e);
	int (*change_get)(struct store *s, pool *p, long long record_id,
			  struct record_change **out, struct err *e);
	int (*change_delete)(struct store *s, long long record_id, struct err *e);
	/* a version of a law waiting for review (1) or published (0); ERR_NOTFOUND */
	int (*expr_set_pending)(struct store *s, long long expr_id, int pending,
				struct err *e);
	/* a version and its provisions (a rejected pending one); ERR_NOTFOUND */
	int (*expr_delete)(struct store *s, long long expr_id, struct err *e);
	/* per language, the latest published version of work_id in force, older ones
	 * amended (repealed ones stay) */
	int (*expr_restatus)(struct store *s, long long work_id, struct err *e);
	/* count one read of target by actor on day (YYYY-MM-DD): *count is the reads so
	 * far that day, 1 for the first */
	int (*audit_read_count)(struct store *s, const char *day, const char *actor,
				const char *target, long long *count, struct err *e);
	/* the audit log (domain/audit.h): the last entry's id and hash (0 and zeros when
	 * empty) */
	int (*audit_last)(struct store *s, long long *id, unsigned char *hash,
			  struct err *e);
	/* insert en as it is (id, hashes and all) */
	int (*audit_insert)(struct store *s, const struct audit_entry *en, struct err *e);
	/* at most limit entries with id > after, in id order */
	int (*audit_scan)(struct store *s, pool *p, long long after, int limit,
			  struct audit_entry **out, size_t *n, struct err *e);
	/* entries matching f (NULL: all), newest first */
	int (*audit_list)(struct store *s, pool *p, const struct audit_filter *f, int limit,
			  int offset, struct audit_entry **out, size_t *n, struct err *e);
};

/* Every connection starts with a pointer to its backend. */
struct store {
	const struct store_backend *be;
};

extern const struct store_backend store_sqlite;

/* Open a connection to dsn (for SQLite, a file path; the directory is created).
 * Close with store_close(). */
int store_open(const char *dsn, struct store **out, struct err *e);
/* Memory for cached database pages of each connection opened from now on (bytes;
 * the setting db-cache). Before any store_open of the threads that use it. */
void store_set_cache(long bytes);
extern long store_cache_bytes;
void store_close(struct store *s);

/* Set the dsn that store_thread() opens; call once before threads start. */
void store_thread_setup(const char *dsn);
/* The calling thread's own connection, opened on first use; NULL with e set on
 * failure. Owned by the store module: close them all with store_thread_close_all(). */
struct store *store_thread(struct err *e);
void store_thread_close_all(void);

/* A number that grows whenever the database changes (through this process or
 * another); caches compare it to know when they are stale. s is the caller's
 * connection. */
unsigned long store_generation(struct store *s);

/* Wrappers over the backend table: see struct store_backend. store_commit() also
 * bumps the generation. */
int store_schema_version(struct store *s, int *version, struct err *e);
int store_migrate(struct store *s, int *from, int *to, struct err *e);
/* The schema version this program's (default) backend migrates to. */
int store_schema_latest(void);
int store_check(struct store *s, struct sbuf *report, int *problems, struct err *e);
/* Whether writes can succeed now: ERR_OK; ERR_READONLY when the database cannot be
 * written; ERR_FULL while the disk (or a file size limit) refuses writes: from the
 * first write that failed for want of space until a write (or the small one this
 * makes to find out) succeeds. The reason is in e. */
int store_health(struct store *s, struct err *e);
/* Write a consistent copy of the whole database to dest (which must not exist) while
 * others go on reading and writing. */
int store_backup(struct store *s, const char *dest, struct err *e);
/* Transactions nest: an inner begin/commit is a savepoint of the outer one, and an
 * inner rollback undoes only what it covered. */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);
int store_meta_get(struct store *s, pool *p, const char *key, char **value, struct err *e);
int store_meta_set(struct store *s, const char *key, const char *value, struct err *e);
int store_region_put(struct store *s, const struct region *r, struct err *e);
int store_region_list(struct store *s, pool *p, struct region **out, size_t *n,
		      struct err *e);
int store_country_put(struct store *s, const struct country *c, struct err *e);
int store_country_list(struct store *s, pool *p, struct country **out, size_t *n,
		       struct err *e);
int store_country_get(struct store *s, pool *p, const char *code, struct country **out,
		      struct err *e);
int store_instrument_put(struct store *s, const struct instrument *in, struct err *e);
int store_instrument_list(struct store *s, pool *p, struct instrument **out, size_t *n,
			  struct err *e);
int store_chapter_put(struct store *s, const struct chapter *c, struct err *e);
int store_chapter_list(struct store *s, pool *p, const char *instrument,
		       struct chapter **out, size_t *n, struct err *e);
int store_article_put(struct store *s, const struct article *a, struct err *e);
int store_article_list(struct store *s, pool *p, const char *instrument,
		       struct article **out, size_t *n, struct err *e);
int store_xwalk_clear(struct store *s, struct err *e);
int store_xwalk_put(struct store *s, const struct xwalk_row *r, struct err *e);
int store_xwalk_list(struct store *s, pool *p, struct xwalk_row **out, size_t *n,
		     struct err *e);
/* Every read of a record through s from now on shows only what clearance c may read
 * (record_clearance; NULL: the public, which is also where a new connection starts):
 * records, works, cases, lessons, lists, revisions, mappings and search hits, totals
 * and facets. A record c may not read is not found. On failure s reads as the public. */
int store_set_clearance(struct store *s, const struct clearance *c, struct err *e);
int store_record_insert(struct store *s, const struct record *r, long long *id,
			struct err *e);
int store_record_update(struct store *s, const struct record *r, struct err *e);
int store_record_get(struct store *s, pool *p, long long id, struct record **out,
		     struct err *e);
int store_record_list(struct store *s, pool *p, const struct record_query *q,
		      struct record **out, size_t *n, struct err *e);
int store_revision_add(struct store *s, long long id, const struct revision *rv,
		       struct err *e);
int store_revision_list(struct store *s, pool *p, long long id, struct revision **out,
			size_t *n, struct err *e);
int store_work_put(struct store *s, const struct work *w, struct err *e);
int store_work_get(struct store *s, pool *p, const char *uri, long long id,
		   struct work **out, struct err *e);
int store_work_list(struct store *s, pool *p, const struct record_query *q,
		    struct work **out, size_t *n, struct err *e);
int store_expr_put(struct store *s, const struct expression *x, long long *id,
		   struct err *e);
int store_expr_list(struct store *s, pool *p, long long work_id, struct expression **out,
		    size_t *n, struct err *e);
int store_prov_put(struct store *s, const struct provision *pv, long long *id,
		   struct err *e);
int store_prov_list(struct store *s, pool *p, long long expression_id,
		    struct provision **out, size_t *n, struct err *e);
int store_prov_get(struct store *s, pool *p, long long expression_id, const char *eid,
		   struct provision **out, struct err *e);
int store_prov_in_work(struct store *s, long long work_id, const char *eid, int *found,
		       struct err *e);
/* Store the fields of obj, a record of kind k whose common fields are stored
 * (obj's rec.id), in the kind's table: one column per field (the field's key) but
 * KT_LINKS, kept in a table of their own. Inside the caller's transaction. */
int store_kind_put(struct store *s, const struct kind *k, const void *obj, struct err *e);
/* Record id of kind k with its fields, if the connection's clearance reads it: a new
 * struct of k->size bytes in p. ERR_NOTFOUND ("case: not found"). */
int store_kind_get(struct store *s, pool *p, const struct kind *k, long long id,
		   void **out, struct err *e);
int store_mapping_put(struct store *s, const struct mapping *m, const char *at,
		      const char *by, struct err *e);
int store_mapping_list(struct store *s, pool *p, long long work_id, const char *instrument,
		       int article, struct mapping **out, size_t *n, struct err *e);
int store_search(struct store *s, pool *p, const struct search_request *rq,
		 struct search_result *out, struct err *e);
int store_reindex(struct store *s, long long *rows, struct err *e);
int store_search_mapped(struct store *s, pool *p, const struct search_request *rq,
			struct search_hit **out, size_t *n, struct err *e);
int store_org_insert(struct store *s, const struct org *o, time_t now, long long *id,
		     struct err *e);
int store_org_list(struct store *s, pool *p, const char *name, struct org **out, size_t *n,
		   struct err *e);
int store_user_insert(struct store *s, const struct user *u, const char *hash, time_t now,
		      long long *id, struct err *e);
int store_user_list(struct store *s, pool *p, struct user **out, size_t *n, struct err *e);
int store_user_get(struct store *s, pool *p, const char *name, long long id,
		   struct user **out, char **hash, struct err *e);
int store_user_set_disabled(struct store *s, const char *name, int disabled, long long *id,
			    struct err *e);
int store_user_set_hash(struct store *s, long long id, const char *hash, time_t now,
			int changed, struct err *e);
int store_token_insert(struct store *s, const struct token *t, const unsigned char *hash,
		       time_t now, struct err *e);
int store_token_get(struct store *s, pool *p, const char *id, struct token **out,
		    unsigned char *hash, struct err *e);
int store_token_list(struct store *s, pool *p, long long user_id, struct token **out,
		     size_t *n, struct err *e);
int store_token_mark(struct store *s, const char *id, time_t now, int revoke,
		     struct err *e);
int store_session_insert(struct store *s, const unsigned char *hash,
			 const struct session *se, struct err *e);
int store_session_get(struct store *s, pool *p, const unsigned char *hash,
		      struct session **out, struct err *e);
int store_session_touch(struct store *s, const unsigned char *hash, time_t now,
			struct err *e);
int store_session_delete(struct store *s, const unsigned char *hash, long long user_id,
			 struct err *e);
int store_signin_get(struct store *s, const char *key, int *failures, time_t *window_start,
		     time_t *locked_until, struct err *e);
int store_signin_put(struct store *s, const char *key, int failures, time_t window_start,
		     time_t locked_until, struct err *e);
int store_signin_clear(struct store *s, const char *key, struct err *e);
int store_group_insert(struct store *s, const char *name, time_t now, long long *id,
		       struct err *e);
int store_group_list(struct store *s, pool *p, const char *name, struct share_group **out,
		     size_t *n, struct err *e);
int store_group_member(struct store *s, long long group_id, long long org_id, int join,
		       time_t now, struct err *e);
int store_share_get(struct store *s, pool *p, long long record_id, struct record_share *out,
		    struct err *e);
int store_share_set(struct store *s, long long record_id, const long long *groups, size_t ng,
		    const long long *readers, size_t nr, time_t now, struct err *e);
int store_share_events(struct store *s, pool *p, int limit, int offset,
		       struct share_event **out, size_t *n, struct err *e);
/* See the backend table above (review). */
int store_change_put(struct store *s, const struct record_change *c, struct err *e);
int store_change_get(struct store *s, pool *p, long long record_id,
		     struct record_change **out, struct err *e);
int store_change_delete(struct store *s, long long record_id, struct err *e);
int store_expr_set_pending(struct store *s, long long expr_id, int pending, struct err *e);
int store_expr_restatus(struct store *s, long long work_id, struct err *e);
int store_expr_delete(struct store *s, long long expr_id, struct err *e);
int store_audit_read_count(struct store *s, const char *day, const char *actor,
			   const char *target, long long *count, struct err *e);
int store_audit_last(struct store *s, long long *id, unsigned char *hash, struct err *e);
int store_audit_insert(struct store *s, const struct audit_entry *en, struct err *e);
int store_audit_scan(struct store *s, pool *p, long long after, int limit,
		     struct audit_entry **out, size_t *n, struct err *e);
int store_audit_list(struct store *s, pool *p, const struct audit_filter *f, int limit,
		     int offset, struct audit_entry **out, size_t *n, struct err *e);

#endif
