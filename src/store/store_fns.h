/* store_fns: the one list of the store's backend functions (an X-macro).
 *
 * Each entry STORE_FN(ret, name, (params), (args)) makes, from this list alone:
 *   - the member  ret (*name)(params)  of struct store_backend     (store.h)
 *   - the wrapper ret store_name(params), which calls s->be->name(args)
 *                 (prototype in store.h, definition in store.c)
 *   - the prototype of the SQLite implementation ret sq_name(params)
 *                 (store/sqlite/internal.h)
 *   - the entry   .name = sq_name  of the SQLite table              (sqlite/sqlite.c)
 * STORE_FN_HAND is the same except that store.c writes the store_ wrapper by hand,
 * because it does more than pass the call on (it is declared here all the same).
 *
 * To add a backend function: one entry here, with its contract comment, and sq_name
 * in the SQLite file of its area. args are params' names in order; the first param is
 * always struct store *s.
 *
 * The includer defines STORE_FN (and STORE_FN_HAND when it must differ); this file
 * undefines both at its end, so it has no include guard.
 *
 * What every entry promises unless its comment says otherwise:
 *   - it returns ERR_OK (0) or an error code (core/err.h) with the message in e:
 *     ERR_DB when the database fails, ERR_CONFLICT when a constraint refuses a write
 *     (a duplicate name or key, a missing parent row), ERR_FULL or ERR_READONLY when
 *     the storage refuses it (store_health);
 *   - what comes back through out parameters (structs, arrays, strings) is allocated
 *     in the pool p and lives until p is freed: callers free nothing one by one; *n is
 *     the length of an array *out (0 and possibly NULL when empty);
 *   - inputs are only read, never kept;
 *   - reads of records and of what hangs from them (works, versions, provisions,
 *     cases, lessons, mappings, revisions, shares, search hits and counts) show only
 *     what the connection's clearance may read (store_set_clearance): a record it may
 *     not read is ERR_NOTFOUND, or absent from a list;
 *   - times passed as time_t are unix seconds, kept as ISO 8601 text (UTC). */
#ifndef STORE_FN_HAND
#define STORE_FN_HAND STORE_FN
#endif

/* ---- schema ---- */

/* The schema version of the database (PRAGMA user_version) into *version: 0 for an
 * empty file. */
STORE_FN(int, schema_version, (struct store *s, int *version, struct err *e),
	 (s, version, e))
/* Apply the migrations the database lacks, in one write transaction; *from and *to
 * receive the versions before and after (equal when nothing was to do). ERR_INVALID
 * when the schema is newer than this program or not ccrepo's; nothing changes then.
 * The wrapper also bumps the generation. */
STORE_FN_HAND(int, migrate, (struct store *s, int *from, int *to, struct err *e),
	      (s, from, to, e))
/* Check integrity, foreign keys, the schema (version, triggers) and that reference
 * data is loaded; each problem is a line "problem: ..." appended to report, and
 * *problems their number. ERR_OK even when problems were found: an error only when
 * the check itself could not run. */
STORE_FN(int, check, (struct store *s, struct sbuf *report, int *problems,
		      struct err *e),
	 (s, report, problems, e))
/* Whether writes can succeed now: ERR_OK; ERR_READONLY when the database cannot be
 * written; ERR_FULL while the disk (or a file size limit) refuses writes: from the
 * first write that failed for want of space until a write succeeds or the file system
 * has gained a megabyte. Makes no write to find out. The reason is in e. */
STORE_FN(int, health, (struct store *s, struct err *e), (s, e))
/* Write a consistent copy of the whole database to dest while others go on reading
 * and writing; dest's directory is created. ERR_CONFLICT when dest exists. */
STORE_FN(int, backup, (struct store *s, const char *dest, struct err *e), (s, dest, e))

/* ---- transactions ---- */

/* Begin a write transaction. Transactions nest: an inner begin/commit is a savepoint
 * of the outer one, and an inner rollback undoes only what it covered. Every begin
 * that succeeded is ended by exactly one store_commit or store_rollback. */
STORE_FN(int, begin, (struct store *s, struct err *e), (s, e))
/* End the innermost transaction, keeping its changes; the outermost also applies the
 * queued changes to the search index first, in the same transaction. On failure the
 * transaction is still open: the caller rolls it back. ERR_INTERNAL without a begin.
 * The wrapper also bumps the generation. */
STORE_FN_HAND(int, commit, (struct store *s, struct err *e), (s, e))
/* Undo the innermost transaction; nothing when none is open. Cannot fail. */
STORE_FN_HAND(void, rollback, (struct store *s), (s))

/* ---- settings kept in the database (table meta) ---- */

/* The value of key into *value (in p). ERR_NOTFOUND, with *value NULL, when unset. */
STORE_FN(int, meta_get, (struct store *s, pool *p, const char *key, char **value,
			 struct err *e),
	 (s, p, key, value, e))
/* Set key to value, replacing any earlier value. */
STORE_FN(int, meta_set, (struct store *s, const char *key, const char *value,
			 struct err *e),
	 (s, key, value, e))

/* ---- reference data (domain/country.h, domain/instrument.h) ---- */

/* Insert or replace the M49 region r (by its code). */
STORE_FN(int, region_put, (struct store *s, const struct region *r, struct err *e),
	 (s, r, e))
/* Every region, by code. */
STORE_FN(int, region_list, (struct store *s, pool *p, struct region **out, size_t *n,
			    struct err *e),
	 (s, p, out, n, e))
/* Insert or replace the country c (by its alpha-2 code) with its names. */
STORE_FN(int, country_put, (struct store *s, const struct country *c, struct err *e),
	 (s, c, e))
/* Every country, by code. */
STORE_FN(int, country_list, (struct store *s, pool *p, struct country **out, size_t *n,
			     struct err *e),
	 (s, p, out, n, e))
/* The country with the alpha-2 code into *out. ERR_NOTFOUND when there is none. */
STORE_FN(int, country_get, (struct store *s, pool *p, const char *code,
			    struct country **out, struct err *e),
	 (s, p, code, out, e))
/* Insert or replace the instrument in (by its code). */
STORE_FN(int, instrument_put, (struct store *s, const struct instrument *in,
			       struct err *e),
	 (s, in, e))
/* Every instrument. */
STORE_FN(int, instrument_list, (struct store *s, pool *p, struct instrument **out,
				size_t *n, struct err *e),
	 (s, p, out, n, e))
/* Insert or replace a chapter of an instrument (its instrument must exist). */
STORE_FN(int, chapter_put, (struct store *s, const struct chapter *c, struct err *e),
	 (s, c, e))
/* The chapters of instrument, in order (none for an unknown instrument). */
STORE_FN(int, chapter_list, (struct store *s, pool *p, const char *instrument,
			     struct chapter **out, size_t *n, struct err *e),
	 (s, p, instrument, out, n, e))
/* Insert or replace an article of an instrument (its instrument must exist). */
STORE_FN(int, article_put, (struct store *s, const struct article *a, struct err *e),
	 (s, a, e))
/* The articles of instrument, by number (none for an unknown instrument). */
STORE_FN(int, article_list, (struct store *s, pool *p, const char *instrument,
			     struct article **out, size_t *n, struct err *e),
	 (s, p, instrument, out, n, e))
/* Delete every row of the cross-walk between instruments (before loading it again). */
STORE_FN(int, xwalk_clear, (struct store *s, struct err *e), (s, e))
/* Add one row of the cross-walk. */
STORE_FN(int, xwalk_put, (struct store *s, const struct xwalk_row *r, struct err *e),
	 (s, r, e))
/* Every row of the cross-walk. */
STORE_FN(int, xwalk_list, (struct store *s, pool *p, struct xwalk_row **out, size_t *n,
			   struct err *e),
	 (s, p, out, n, e))

/* ---- who reads ---- */

/* Every read of a record through s from now on shows only what clearance c may read
 * (record_clearance; NULL: the public, which is also where a new connection starts):
 * records, works, cases, lessons, lists, revisions, mappings and search hits, totals
 * and facets. A record c may not read is not found. c is copied. On failure s reads
 * as the public. */
STORE_FN(int, set_clearance, (struct store *s, const struct clearance *c, struct err *e),
	 (s, c, e))

/* ---- repository records (domain/record.h, legislation.h, kind.h) ---- */

/* Insert the common row of a record (r->id is ignored); *id receives its id. */
STORE_FN(int, record_insert, (struct store *s, const struct record *r, long long *id,
			      struct err *e),
	 (s, r, id, e))
/* Replace every field of record r->id by r's (the caller keeps the revision).
 * ERR_NOTFOUND when there is no such record. Not checked against the clearance:
 * record_allow() decides who may change what. */
STORE_FN(int, record_update, (struct store *s, const struct record *r, struct err *e),
	 (s, r, e))
/* The record id into *out. ERR_NOTFOUND when absent or not readable. */
STORE_FN(int, record_get, (struct store *s, pool *p, long long id, struct record **out,
			   struct err *e),
	 (s, p, id, out, e))
/* The readable records matching q (kind, country, status, ..., limit and offset). */
STORE_FN(int, record_list, (struct store *s, pool *p, const struct record_query *q,
			    struct record **out, size_t *n, struct err *e),
	 (s, p, q, out, n, e))
/* Keep rv (a JSON snapshot of the record before a change) as a revision of record id
 * (which must exist). */
STORE_FN(int, revision_add, (struct store *s, long long id, const struct revision *rv,
			     struct err *e),
	 (s, id, rv, e))
/* The revisions of record id, oldest first (none when it is not readable). */
STORE_FN(int, revision_list, (struct store *s, pool *p, long long id,
			      struct revision **out, size_t *n, struct err *e),
	 (s, p, id, out, n, e))
/* Insert or update the work of record w->record_id (which must exist). ERR_CONFLICT
 * when another record has the URI. */
STORE_FN(int, work_put, (struct store *s, const struct work *w, struct err *e), (s, w, e))
/* A work by uri when uri is non-NULL, else by record id, into *out. ERR_NOTFOUND when
 * absent or not readable. */
STORE_FN(int, work_get, (struct store *s, pool *p, const char *uri, long long id,
			 struct work **out, struct err *e),
	 (s, p, uri, id, out, e))
/* The readable works matching q. */
STORE_FN(int, work_list, (struct store *s, pool *p, const struct record_query *q,
			  struct work **out, size_t *n, struct err *e),
	 (s, p, q, out, n, e))
/* Insert a version of a work, or when work/language/date exists, update it and drop
 * its provisions; *id receives its id either way. */
STORE_FN(int, expr_put, (struct store *s, const struct expression *x, long long *id,
			 struct err *e),
	 (s, x, id, e))
/* The versions of work_id, by date; pending ones only for curators and their
 * proposer. */
STORE_FN(int, expr_list, (struct store *s, pool *p, long long work_id,
			  struct expression **out, size_t *n, struct err *e),
	 (s, p, work_id, out, n, e))
/* Insert a provision (its expression and parent must exist); *id receives its id.
 * ERR_CONFLICT when the expression has the eId already. */
STORE_FN(int, prov_put, (struct store *s, const struct provision *pv, long long *id,
			 struct err *e),
	 (s, pv, id, e))
/* The provisions of expression_id in document order. */
STORE_FN(int, prov_list, (struct store *s, pool *p, long long expression_id,
			  struct provision **out, size_t *n, struct err *e),
	 (s, p, expression_id, out, n, e))
/* One provision of an expression by eid into *out. ERR_NOTFOUND when absent. */
STORE_FN(int, prov_get, (struct store *s, pool *p, long long expression_id,
			 const char *eid, struct provision **out, struct err *e),
	 (s, p, expression_id, eid, out, e))
/* *found: whether any version of work_id has a provision eid. */
STORE_FN(int, prov_in_work, (struct store *s, long long work_id, const char *eid,
			     int *found, struct err *e),
	 (s, work_id, eid, found, e))
/* Store the fields of obj, a record of kind k whose common fields are stored (obj's
 * rec.id), in the kind's table: one column per field (the field's key) but KT_LINKS,
 * kept in a table of their own. Inside the caller's transaction. */
STORE_FN(int, kind_put, (struct store *s, const struct kind *k, const void *obj,
			 struct err *e),
	 (s, k, obj, e))
/* Record id of kind k with its fields, if the connection's clearance reads it: a new
 * struct of k->size bytes in p into *out. ERR_NOTFOUND ("case: not found"). */
STORE_FN(int, kind_get, (struct store *s, pool *p, const struct kind *k, long long id,
			 void **out, struct err *e),
	 (s, p, k, id, out, e))
/* Insert or update the mapping of m's provision (work and eId) to m's instrument
 * article, decided at time at (ISO 8601) by by. */
STORE_FN(int, mapping_put, (struct store *s, const struct mapping *m, const char *at,
			    const char *by, struct err *e),
	 (s, m, at, by, e))
/* Remove the suggestions of a work (state suggested; curators' decisions stay), before
 * it is suggested for again. */
STORE_FN(int, mapping_unsuggest, (struct store *s, long long work_id, struct err *e),
	 (s, work_id, e))
/* The mappings of a work (work_id > 0), or else of an instrument article. */
STORE_FN(int, mapping_list, (struct store *s, pool *p, long long work_id,
			     const char *instrument, int article, struct mapping **out,
			     size_t *n, struct err *e),
	 (s, p, work_id, instrument, article, out, n, e))

/* ---- search (domain/search.h) ---- */

/* Full-text search: the page of hits rq asks for, the total and the facets into out
 * (its arrays in p). Applies changes queued outside a transaction first. */
STORE_FN(int, search, (struct store *s, pool *p, const struct search_request *rq,
		       struct search_result *out, struct err *e),
	 (s, p, rq, out, e))
/* Rebuild the search index from the records (inside the caller's transaction);
 * *rows receives the number of rows indexed. */
STORE_FN(int, reindex, (struct store *s, long long *rows, struct err *e), (s, rows, e))
/* Load the search index into memory, kept there for the process's life: with wait,
 * now; else a small one now and a large one in the background (the server at
 * start), searches going to the slower FTS5 index until it is ready. */
STORE_FN(int, search_warm, (struct store *s, int wait, struct err *e), (s, wait, e))
/* The provisions with an accepted mapping to one of rq->concepts, under rq's other
 * filters (its terms are not matched), best mapped first. */
STORE_FN(int, search_mapped, (struct store *s, pool *p, const struct search_request *rq,
			      struct search_hit **out, size_t *n, struct err *e),
	 (s, p, rq, out, n, e))

/* ---- accounts (domain/user.h) ---- */

/* Insert organisation o (o->id is ignored), made at now; *id receives its id.
 * ERR_CONFLICT when the name is taken. */
STORE_FN(int, org_insert, (struct store *s, const struct org *o, time_t now,
			   long long *id, struct err *e),
	 (s, o, now, id, e))
/* Every organisation by name, or when name is non-NULL the one so named (*n 1;
 * ERR_NOTFOUND when there is none). */
STORE_FN(int, org_list, (struct store *s, pool *p, const char *name, struct org **out,
			 size_t *n, struct err *e),
	 (s, p, name, out, n, e))
/* Insert account u with the password hash hash (u->id is ignored), made at now; *id
 * receives its id. ERR_CONFLICT when the name is taken or the organisation absent. */
STORE_FN(int, user_insert, (struct store *s, const struct user *u, const char *hash,
			    time_t now, long long *id, struct err *e),
	 (s, u, hash, now, id, e))
/* Every account, by name. */
STORE_FN(int, user_list, (struct store *s, pool *p, struct user **out, size_t *n,
			  struct err *e),
	 (s, p, out, n, e))
/* One account, by name when non-NULL, else by id, into *out; *hash (hash may be NULL)
 * receives its password hash. ERR_NOTFOUND when absent. */
STORE_FN(int, user_get, (struct store *s, pool *p, const char *name, long long id,
			 struct user **out, char **hash, struct err *e),
	 (s, p, name, id, out, hash, e))
/* Set or clear the account name's disabled flag; *id receives its id. ERR_NOTFOUND
 * when absent. */
STORE_FN(int, user_set_disabled, (struct store *s, const char *name, int disabled,
				  long long *id, struct err *e),
	 (s, name, disabled, id, e))
/* Replace account id's password hash; changed: also set password_changed_at to now
 * (not for a rehash of the same password). ERR_NOTFOUND when absent. */
STORE_FN(int, user_set_hash, (struct store *s, long long id, const char *hash, time_t now,
			      int changed, struct err *e),
	 (s, id, hash, now, changed, e))
/* Insert API token t with the 32-byte hash of its secret, made at now. ERR_CONFLICT
 * when the id is taken. */
STORE_FN(int, token_insert, (struct store *s, const struct token *t,
			     const unsigned char *hash, time_t now, struct err *e),
	 (s, t, hash, now, e))
/* One token by id into *out, its 32-byte secret hash into hash (caller's buffer).
 * ERR_NOTFOUND when absent. */
STORE_FN(int, token_get, (struct store *s, pool *p, const char *id, struct token **out,
			  unsigned char *hash, struct err *e),
	 (s, p, id, out, hash, e))
/* The tokens of user_id, or of every account when user_id is 0 (by username), newest
 * first. */
STORE_FN(int, token_list, (struct store *s, pool *p, long long user_id,
			   struct token **out, size_t *n, struct err *e),
	 (s, p, user_id, out, n, e))
/* Set token id's last_used_at to now (revoke 0), or its revoked_at if not yet set
 * (revoke 1). ERR_NOTFOUND when absent. */
STORE_FN(int, token_mark, (struct store *s, const char *id, time_t now, int revoke,
			   struct err *e),
	 (s, id, now, revoke, e))
/* Insert session se of account se->user.id under the 32-byte hash of its secret. */
STORE_FN(int, session_insert, (struct store *s, const unsigned char *hash,
			       const struct session *se, struct err *e),
	 (s, hash, se, e))
/* The session of the 32-byte hash, with its account, into *out (expired ones too: the
 * caller checks). ERR_NOTFOUND when absent. */
STORE_FN(int, session_get, (struct store *s, pool *p, const unsigned char *hash,
			    struct session **out, struct err *e),
	 (s, p, hash, out, e))
/* Set the session's last_seen_at to now. ERR_NOTFOUND when absent. */
STORE_FN(int, session_touch, (struct store *s, const unsigned char *hash, time_t now,
			      struct err *e),
	 (s, hash, now, e))
/* Delete the one session of hash, or when hash is NULL every session of user_id. ERR_OK
 * when there was none. */
STORE_FN(int, session_delete, (struct store *s, const unsigned char *hash,
			       long long user_id, struct err *e),
	 (s, hash, user_id, e))
/* The failed sign-ins counted under key: zeros when none; *locked_until 0 when not
 * locked. */
STORE_FN(int, signin_get, (struct store *s, const char *key, int *failures,
			   time_t *window_start, time_t *locked_until, struct err *e),
	 (s, key, failures, window_start, locked_until, e))
/* Insert or replace the failed sign-ins counted under key. */
STORE_FN(int, signin_put, (struct store *s, const char *key, int failures,
			   time_t window_start, time_t locked_until, struct err *e),
	 (s, key, failures, window_start, locked_until, e))
/* Forget the failed sign-ins under key (ERR_OK when there were none). */
STORE_FN(int, signin_clear, (struct store *s, const char *key, struct err *e),
	 (s, key, e))

/* ---- sharing (domain/share.h) ---- */

/* Insert sharing group name, made at now; *id receives its id. ERR_CONFLICT when the
 * name is taken. */
STORE_FN(int, group_insert, (struct store *s, const char *name, time_t now,
			     long long *id, struct err *e),
	 (s, name, now, id, e))
/* Every sharing group by name, or when name is non-NULL the one so named
 * (ERR_NOTFOUND when there is none). */
STORE_FN(int, group_list, (struct store *s, pool *p, const char *name,
			   struct share_group **out, size_t *n, struct err *e),
	 (s, p, name, out, n, e))
/* Make organisation org_id a member of group_id (join 1, at now) or not (join 0); ERR_OK
 * when it already was or was not. */
STORE_FN(int, group_member, (struct store *s, long long group_id, long long org_id,
			     int join, time_t now, struct err *e),
	 (s, group_id, org_id, join, now, e))
/* The names of record_id's sharing groups and named readers into out (its arrays in
 * p); all empty when the caller may not read the record. The wrapper zeroes out
 * first. */
STORE_FN_HAND(int, share_get, (struct store *s, pool *p, long long record_id,
			       struct record_share *out, struct err *e),
	      (s, p, record_id, out, e))
/* Share record_id with exactly these group ids and reader (account) ids: grants that
 * stay keep their time, new ones get now. ERR_CONFLICT for an unknown id. */
STORE_FN(int, share_set, (struct store *s, long long record_id, const long long *groups,
			  size_t ng, const long long *readers, size_t nr, time_t now,
			  struct err *e),
	 (s, record_id, groups, ng, readers, nr, now, e))
/* The public list of grants to groups and readers, newest first, a page of at most
 * limit from offset. */
STORE_FN(int, share_events, (struct store *s, pool *p, int limit, int offset,
			     struct share_event **out, size_t *n, struct err *e),
	 (s, p, limit, offset, out, n, e))

/* ---- review (store/sqlite/review.c) ---- */

/* Keep c as the change proposed to a published record, one per record (it replaces an
 * earlier one). */
STORE_FN(int, change_put, (struct store *s, const struct record_change *c,
			   struct err *e),
	 (s, c, e))
/* The change proposed to record_id into *out, under the clearance of a draft by its
 * proposer (curators and the proposer). ERR_NOTFOUND when none or not readable. */
STORE_FN(int, change_get, (struct store *s, pool *p, long long record_id,
			   struct record_change **out, struct err *e),
	 (s, p, record_id, out, e))
/* Forget the change proposed to record_id (ERR_OK when there was none). */
STORE_FN(int, change_delete, (struct store *s, long long record_id, struct err *e),
	 (s, record_id, e))
/* Mark version expr_id as waiting for review (1) or published (0). ERR_NOTFOUND when
 * absent. */
STORE_FN(int, expr_set_pending, (struct store *s, long long expr_id, int pending,
				 struct err *e),
	 (s, expr_id, pending, e))
/* Delete version expr_id and its provisions (a rejected pending one). ERR_NOTFOUND
 * when absent. */
STORE_FN(int, expr_delete, (struct store *s, long long expr_id, struct err *e),
	 (s, expr_id, e))
/* Per language, make the latest published version of work_id in force and older ones
 * amended (repealed ones stay). */
STORE_FN(int, expr_restatus, (struct store *s, long long work_id, struct err *e),
	 (s, work_id, e))

/* ---- the audit log (domain/audit.h) ---- */

/* Count one read of target by actor on day (YYYY-MM-DD): *count receives the reads so
 * far that day, 1 for the first. */
STORE_FN(int, audit_read_count, (struct store *s, const char *day, const char *actor,
				 const char *target, long long *count, struct err *e),
	 (s, day, actor, target, count, e))
/* The last entry's id and hash into *id and hash (AUDIT_HASH_BYTES, caller's buffer);
 * 0 and zeros when the log is empty. */
STORE_FN(int, audit_last, (struct store *s, long long *id, unsigned char *hash,
			   struct err *e),
	 (s, id, hash, e))
/* Append en as it is (id, hashes and all). ERR_CONFLICT when its id exists: the log is
 * append-only (triggers refuse UPDATE and DELETE). */
STORE_FN(int, audit_insert, (struct store *s, const struct audit_entry *en,
			     struct err *e),
	 (s, en, e))
/* At most limit entries with id > after, in id order. */
STORE_FN(int, audit_scan, (struct store *s, pool *p, long long after, int limit,
			   struct audit_entry **out, size_t *n, struct err *e),
	 (s, p, after, limit, out, n, e))
/* The entries matching f (NULL: all), newest first, a page of at most limit from
 * offset. */
STORE_FN(int, audit_list, (struct store *s, pool *p, const struct audit_filter *f,
			   int limit, int offset, struct audit_entry **out, size_t *n,
			   struct err *e),
	 (s, p, f, limit, offset, out, n, e))

/* ---- coverage (domain/coverage.h) ---- */

/* The evidence rows of coverage: every accepted mapping of a provision of a published
 * law that the clearance reads, once with each version of its work that is not
 * pending (present: whether the version has the provision), the rows of one work
 * together (in no other order). f narrows them: f->countries, f->articles (JSON
 * arrays of alpha-2 codes and of "instrument/number"; NULL: all); without f->text
 * the strings only evidence needs (work_uri, title, eid, num, heading) are NULL. */
STORE_FN(int, cov_evidence, (struct store *s, pool *p, const struct cov_filter *f,
			     struct cov_row **out, size_t *n, struct err *e),
	 (s, p, f, out, n, e))
/* Insert assessment a (id, withdrawn_* ignored); *id receives its id. ERR_CONFLICT
 * when the country or article does not exist. */
STORE_FN(int, cov_assessment_put, (struct store *s, const struct cov_assessment *a,
				   long long *id, struct err *e),
	 (s, a, id, e))
/* Mark assessment id withdrawn at, by. ERR_NOTFOUND when absent or withdrawn. */
STORE_FN(int, cov_assessment_withdraw, (struct store *s, long long id, const char *at,
					const char *by, struct err *e),
	 (s, id, at, by, e))
/* One assessment by id (withdrawn or not). ERR_NOTFOUND when absent. */
STORE_FN(int, cov_assessment_get, (struct store *s, pool *p, long long id,
				   struct cov_assessment **out, struct err *e),
	 (s, p, id, out, e))
/* The assessments of country (NULL: all), by country, instrument, article, as_of;
 * without the withdrawn ones unless with_withdrawn. */
STORE_FN(int, cov_assessment_list, (struct store *s, pool *p, const char *country,
				    int with_withdrawn, struct cov_assessment **out,
				    size_t *n, struct err *e),
	 (s, p, country, with_withdrawn, out, n, e))
/* Insert dispute d (state open; decided_* ignored); *id receives its id. */
STORE_FN(int, cov_dispute_put, (struct store *s, const struct cov_dispute *d, long long *id,
				struct err *e),
	 (s, d, id, e))
/* Decide open dispute id: state, at, by, note. ERR_NOTFOUND when absent or decided. */
STORE_FN(int, cov_dispute_decide, (struct store *s, long long id, const char *state,
				   const char *at, const char *by, const char *note,
				   struct err *e),
	 (s, id, state, at, by, note, e))
/* One dispute by id. ERR_NOTFOUND when absent. */
STORE_FN(int, cov_dispute_get, (struct store *s, pool *p, long long id,
				struct cov_dispute **out, struct err *e),
	 (s, p, id, out, e))
/* The disputes of country (NULL: all), newest first. */
STORE_FN(int, cov_dispute_list, (struct store *s, pool *p, const char *country,
				 struct cov_dispute **out, size_t *n, struct err *e),
	 (s, p, country, out, n, e))
/* Add comment c to its dispute; *id receives its id. */
STORE_FN(int, cov_comment_put, (struct store *s, const struct cov_comment *c, long long *id,
				struct err *e),
	 (s, c, id, e))
/* The comments of dispute_id, oldest first. */
STORE_FN(int, cov_comment_list, (struct store *s, pool *p, long long dispute_id,
				 struct cov_comment **out, size_t *n, struct err *e),
	 (s, p, dispute_id, out, n, e))


/* ---- questionnaires (domain/questionnaire.h) ---- */

/* Put version v (id, version, title, json, imported_*; status draft) and replace its
 * question rows with q[0..nq): a draft of the same id and version is replaced, a
 * published one is not (ERR_CONFLICT). Call inside a transaction. */
STORE_FN(int, qn_put, (struct store *s, const struct qn_version *v,
		       const struct qn_question_row *q, size_t nq, struct err *e),
	 (s, v, q, nq, e))
/* Mark draft version of id published at, by. ERR_NOTFOUND when there is no such
 * draft. */
STORE_FN(int, qn_publish, (struct store *s, const char *id, int version, const char *at,
			   const char *by, struct err *e),
	 (s, id, version, at, by, e))
/* Version of template id (0: the highest). ERR_NOTFOUND when absent. */
STORE_FN(int, qn_get, (struct store *s, pool *p, const char *id, int version,
		       struct qn_version **out, struct err *e),
	 (s, p, id, version, out, e))
/* Every version (json NULL), by id and version. */
STORE_FN(int, qn_list, (struct store *s, pool *p, struct qn_version **out, size_t *n,
			struct err *e),
	 (s, p, out, n, e))
/* The question rows of version of id, by ordinal. */
STORE_FN(int, qn_questions, (struct store *s, pool *p, const char *id, int version,
			     struct qn_question_row **out, size_t *n, struct err *e),
	 (s, p, id, version, out, n, e))
/* ---- stated needs (domain/needs.h) ---- */

/* Insert stated need n (id, closed_* ignored); *id receives its id. ERR_CONFLICT when
 * the country does not exist. */
STORE_FN(int, need_put, (struct store *s, const struct need_stated *n, long long *id,
			 struct err *e),
	 (s, n, id, e))
/* Close open stated need id at, by, with note. ERR_NOTFOUND when absent or closed. */
STORE_FN(int, need_close, (struct store *s, long long id, const char *at, const char *by,
			   const char *note, struct err *e),
	 (s, id, at, by, note, e))
/* One stated need by id (closed or not). ERR_NOTFOUND when absent. Stated needs are
 * no records: the caller decides who reads them (needs_can_read). */
STORE_FN(int, need_get, (struct store *s, pool *p, long long id, struct need_stated **out,
			 struct err *e),
	 (s, p, id, out, e))
/* The open stated needs of country (NULL: all), by country, then oldest first. */
STORE_FN(int, need_list, (struct store *s, pool *p, const char *country,
			  struct need_stated **out, size_t *n, struct err *e),
	 (s, p, country, out, n, e))
/* ---- questionnaire campaigns (domain/campaign.h) ---- */

/* Insert campaign c (id, count[], ncountries and published_* ignored) asking
 * countries[0..n) (alpha-2), each not started; *id receives its id. ERR_CONFLICT when
 * the template version or a country does not exist, or a country is twice. */
STORE_FN(int, camp_put, (struct store *s, const struct campaign *c,
			 const char *const *countries, size_t n, long long *id, struct err *e),
	 (s, c, countries, n, id, e))
/* Campaign id with ncountries and count[] per status. ERR_NOTFOUND when absent. */
STORE_FN(int, camp_get, (struct store *s, pool *p, long long id, struct campaign **out,
			 struct err *e),
	 (s, p, id, out, e))
/* Every campaign as camp_get reads it, newest (highest id) first. */
STORE_FN(int, camp_list, (struct store *s, pool *p, struct campaign **out, size_t *n,
			  struct err *e),
	 (s, p, out, n, e))
/* The answers of campaign id (values and late not filled), of country only when not
 * NULL (ERR_OK and *n 0 when it is not asked), by country. */
STORE_FN(int, camp_answers, (struct store *s, pool *p, long long id, const char *country,
			     struct camp_answer **out, size_t *n, struct err *e),
	 (s, p, id, country, out, n, e))
/* The answers of country (alpha-2) to every campaign asking it, newest campaign
 * first (values not filled). */
STORE_FN(int, camp_of_country, (struct store *s, pool *p, const char *country,
				struct camp_answer **out, size_t *n, struct err *e),
	 (s, p, country, out, n, e))
/* The values of country's answer to campaign id, by question id. */
STORE_FN(int, camp_values, (struct store *s, pool *p, long long id, const char *country,
			    struct camp_value **out, size_t *n, struct err *e),
	 (s, p, id, country, out, n, e))
/* Write x's state (status, revision, tlp, comment, reopened_until and the times and names
 * pairs) over the answer (x->campaign, x->country) if it is at revision from;
 * ERR_CONFLICT when it is at another (or absent). */
STORE_FN(int, camp_answer_update, (struct store *s, const struct camp_answer *x,
				   long long from, struct err *e),
	 (s, x, from, e))
/* Set (value not empty) or clear (value NULL or "") the value of question in
 * country's answer to campaign id. */
STORE_FN(int, camp_value_put, (struct store *s, long long id, const char *country,
			       const struct camp_value *v, struct err *e),
	 (s, id, country, v, e))
/* Mark campaign id's aggregates published at, by. ERR_NOTFOUND when absent. */
STORE_FN(int, camp_publish, (struct store *s, long long id, const char *at, const char *by,
			     struct err *e),
	 (s, id, at, by, e))
/* The values of campaign id's accepted CLEAR and GREEN answers (question and value;
 * evidence NULL), by question. */
STORE_FN(int, camp_agg_values, (struct store *s, pool *p, long long id,
				struct camp_value **out, size_t *n, struct err *e),
	 (s, p, id, out, n, e))
/* The e-mail addresses of the enabled focal point accounts of country, by address. */
STORE_FN(int, camp_emails, (struct store *s, pool *p, const char *country,
			    const char ***out, size_t *n, struct err *e),
	 (s, p, country, out, n, e))

/* ---- technical assistance (domain/assist.h) ---- */

/* Insert or replace currency c (reference data). */
STORE_FN(int, currency_put, (struct store *s, const struct assist_currency *c,
			     struct err *e),
	 (s, c, e))
/* Currency code; ERR_NOTFOUND when the table lacks it. */
STORE_FN(int, currency_get, (struct store *s, pool *p, const char *code,
			     struct assist_currency **out, struct err *e),
	 (s, p, code, out, e))
/* Insert request r (id ignored); *id receives its id. */
STORE_FN(int, assist_request_put, (struct store *s, const struct assist_request *r,
				   long long *id, struct err *e),
	 (s, r, id, e))
/* Write every field of request r->id but country, created_*, if it is at revision
 * from: ERR_CONFLICT when it is not (or is absent). */
STORE_FN(int, assist_request_update, (struct store *s, const struct assist_request *r,
				      long long from, struct err *e),
	 (s, r, from, e))
/* Request id; ERR_NOTFOUND when absent. Requests are not records: the domain decides
 * who reads them (assist_can_read). */
STORE_FN(int, assist_request_get, (struct store *s, pool *p, long long id,
				   struct assist_request **out, struct err *e),
	 (s, p, id, out, e))
/* The requests of country (NULL all) at stage (NULL all), newest first. */
STORE_FN(int, assist_request_list, (struct store *s, pool *p, const char *country,
				    const char *stage, struct assist_request **out,
				    size_t *n, struct err *e),
	 (s, p, country, stage, out, n, e))
/* Append step st (id ignored) to its request's timeline. */
STORE_FN(int, assist_step_put, (struct store *s, const struct assist_step *st,
				struct err *e),
	 (s, st, e))
/* The timeline of request id, oldest first. */
STORE_FN(int, assist_steps, (struct store *s, pool *p, long long id,
			     struct assist_step **out, size_t *n, struct err *e),
	 (s, p, id, out, n, e))
/* Insert offer o (id, org_name, withdrawn_* ignored); *id receives its id. */
STORE_FN(int, assist_offer_put, (struct store *s, const struct assist_offer *o,
				 long long *id, struct err *e),
	 (s, o, id, e))
/* Offer id with its organisation's name; ERR_NOTFOUND when absent. */
STORE_FN(int, assist_offer_get, (struct store *s, pool *p, long long id,
				 struct assist_offer **out, struct err *e),
	 (s, p, id, out, e))
/* Every offer (withdrawn ones only when all), newest first. */
STORE_FN(int, assist_offer_list, (struct store *s, pool *p, int all,
				  struct assist_offer **out, size_t *n, struct err *e),
	 (s, p, all, out, n, e))
/* The offers not withdrawn whose topics include topic, newest first. */
STORE_FN(int, assist_offer_topic, (struct store *s, pool *p, const char *topic,
				   struct assist_offer **out, size_t *n, struct err *e),
	 (s, p, topic, out, n, e))
/* Per offer with matches accepted in year ("2026"), how many, by offer. */
STORE_FN(int, assist_offer_used, (struct store *s, pool *p, const char *year,
				  struct assist_used **out, size_t *n, struct err *e),
	 (s, p, year, out, n, e))
/* The requests on which an offer of organisation org has a match that was not
 * declined, by id, each once. */
STORE_FN(int, assist_matched, (struct store *s, pool *p, long long org, long long **out,
			       size_t *n, struct err *e),
	 (s, p, org, out, n, e))
/* Mark offer id withdrawn at, by; ERR_NOTFOUND when absent or withdrawn already. */
STORE_FN(int, assist_offer_withdraw, (struct store *s, long long id, const char *at,
				      const char *by, struct err *e),
	 (s, id, at, by, e))
/* Insert match m (id, org, answered_* ignored); *id receives its id. ERR_CONFLICT
 * when the request and offer are matched already. */
STORE_FN(int, assist_match_put, (struct store *s, const struct assist_match *m,
				 long long *id, struct err *e),
	 (s, m, id, e))
/* Set match m->id's status, comment and answered_* if it is confirmed; ERR_NOTFOUND
 * when absent or answered already. */
STORE_FN(int, assist_match_answer, (struct store *s, const struct assist_match *m,
				    struct err *e),
	 (s, m, e))
/* The matches of request (0 any) and offer (0 any) with their offers' organisation,
 * oldest first. */
STORE_FN(int, assist_match_list, (struct store *s, pool *p, long long request,
				  long long offer, struct assist_match **out, size_t *n,
				  struct err *e),
	 (s, p, request, offer, out, n, e))
/* The matches of the offers of organisation org, oldest first. */
STORE_FN(int, assist_match_list_org, (struct store *s, pool *p, long long org,
				      struct assist_match **out, size_t *n, struct err *e),
	 (s, p, org, out, n, e))
/* Insert or replace the evaluation of request id's provider org. */
STORE_FN(int, assist_eval_put, (struct store *s, long long id, long long org, int rating,
				const char *closed_needs, const char *at, const char *by,
				struct err *e),
	 (s, id, org, rating, closed_needs, at, by, e))
/* Recount the ratings of provider org (its evaluations on requests and the ratings of
 * the activities it provided) into its summary row, which assist_ratings reads; in
 * the transaction of the evaluation that changed them. */
STORE_FN(int, assist_rating_refresh, (struct store *s, long long org, struct err *e),
	 (s, org, e))
/* Per provider organisation, the count and sum of its ratings (evaluations of
 * requests and of activities: the summary rows), by org. */
STORE_FN(int, assist_ratings, (struct store *s, pool *p, struct assist_rating **out,
			       size_t *n, struct err *e),
	 (s, p, out, n, e))
/* Insert funding f (id, donor_name ignored). */
STORE_FN(int, assist_fund_put, (struct store *s, const struct assist_fund *f,
				struct err *e),
	 (s, f, e))
/* The funding of request id (0: every request) with the donors' names, oldest first. */
STORE_FN(int, assist_fund_list, (struct store *s, pool *p, long long id,
				 struct assist_fund **out, size_t *n, struct err *e),
	 (s, p, id, out, n, e))
/* The funding given by donor (an organisation's id) with its name, oldest first. */
STORE_FN(int, assist_fund_list_donor, (struct store *s, pool *p, long long donor,
				       struct assist_fund **out, size_t *n, struct err *e),
	 (s, p, donor, out, n, e))

/* ---- activities and trainings (domain/assist.h, assist_activity.c) ---- */

/* Insert activity act (id, country, providers, training, evaluation ignored) and
 * its provider organisations; *id receives its id. */
STORE_FN(int, assist_activity_put, (struct store *s, const struct assist_activity *act,
				    long long *id, struct err *e),
	 (s, act, id, e))
/* Activity id with its request's country and its attendance count (providers not
 * read); ERR_NOTFOUND when absent. */
STORE_FN(int, assist_activity_get, (struct store *s, pool *p, long long id,
				    struct assist_activity **out, struct err *e),
	 (s, p, id, out, e))
/* The activities of request or, when request is 0, of the requests of country
 * (alpha-2; NULL: every request), as assist_activity_get reads them, by id. */
STORE_FN(int, assist_activity_list, (struct store *s, pool *p, long long request,
				     const char *country, struct assist_activity **out,
				     size_t *n, struct err *e),
	 (s, p, request, country, out, n, e))
/* The provider organisations of the activities of request or country (as
 * assist_activity_list), as (activity, organisation id, name), by activity then
 * name. */
STORE_FN(int, assist_activity_orgs, (struct store *s, pool *p, long long request,
				     const char *country, struct assist_activity_org **out,
				     size_t *n, struct err *e),
	 (s, p, request, country, out, n, e))
/* The activities organisation org provides (assist_activity_list's form) and their
 * providers, by activity. */
STORE_FN(int, assist_activity_list_org, (struct store *s, pool *p, long long org,
					 struct assist_activity **out, size_t *n,
					 struct err *e),
	 (s, p, org, out, n, e))
STORE_FN(int, assist_activity_orgs_org, (struct store *s, pool *p, long long org,
					 struct assist_activity_org **out, size_t *n,
					 struct err *e),
	 (s, p, org, out, n, e))
/* Write the training record of act->id (count, declared, pre, post, trained_*; -1
 * stored as none); ERR_NOTFOUND when absent. */
STORE_FN(int, assist_training_put, (struct store *s, const struct assist_activity *act,
				    struct err *e),
	 (s, act, e))
/* Write the evaluation of activity id; ERR_NOTFOUND when absent. */
STORE_FN(int, assist_activity_eval_put, (struct store *s, long long id, int rating,
					 const char *closed_needs, const char *at,
					 const char *by, struct err *e),
	 (s, id, rating, closed_needs, at, by, e))
/* Replace the attendance list of activity id by names[0..n). */
STORE_FN(int, assist_attendance_put, (struct store *s, long long id,
				      const char *const *names, size_t n, struct err *e),
	 (s, id, names, n, e))
/* The attendance names of activity id, in their order. */
STORE_FN(int, assist_attendance_names, (struct store *s, pool *p, long long id,
					const char ***out, size_t *n, struct err *e),
	 (s, p, id, out, n, e))

/* ---- developments (domain/dev.h) ---- */

/* The versions of published laws (one row per work and date; prev the date of the
 * work's latest earlier version, NULL for its first), the published cases and the
 * published lessons that f selects (period, countries, a regional lesson's region,
 * articles through accepted mappings, a lesson's topic, kinds) and the clearance
 * reads (each row with its record's label, tlp); versions waiting for review never.
 * Newest first by date (f->by_updated: by updated), at most f->limit rows. */
STORE_FN(int, dev_records, (struct store *s, pool *p, const struct dev_filter *f,
			    struct dev_row **out, size_t *n, struct err *e),
	 (s, p, f, out, n, e))
/* Campaigns opened (asking one of f's countries), answers submitted or accepted and
 * requests moved to delivered (a request's topic) in f's period, of f's kinds, in
 * f's order, at most f->limit rows. Not records: the domain decides who reads each
 * (status and tlp are in the rows). */
STORE_FN(int, dev_events, (struct store *s, pool *p, const struct dev_filter *f,
			   struct dev_row **out, size_t *n, struct err *e),
	 (s, p, f, out, n, e))
/* The days on which coverage may have changed in f's period: per country (of f's
 * countries) and date, the versions of published laws the clearance reads dated
 * then (with f's articles: of laws mapped to one of them), with the newest updated of
 * them (rows: country, date, updated), by country and date. */
STORE_FN(int, dev_law_days, (struct store *s, pool *p, const struct dev_filter *f,
			     struct dev_row **out, size_t *n, struct err *e),
	 (s, p, f, out, n, e))

/* ---- the cooperation directory (domain/directory.h) ---- */

/* Insert entry row (id ignored); *id receives its id. ERR_CONFLICT when the country
 * does not exist. */
STORE_FN(int, dir_insert, (struct store *s, const struct dir_row *row, long long *id,
			   struct err *e),
	 (s, row, id, e))
/* Replace the values, version and change of entry row->id (its creation and
 * verification stay). ERR_NOTFOUND when absent. */
STORE_FN(int, dir_update, (struct store *s, const struct dir_row *row, struct err *e),
	 (s, row, e))
/* Set entry id's verification: on (YYYY-MM-DD), by, at version. ERR_NOTFOUND. */
STORE_FN(int, dir_verified, (struct store *s, long long id, const char *on, const char *by,
			     int version, struct err *e),
	 (s, id, on, by, version, e))
/* One entry by id. ERR_NOTFOUND when absent. Entries are no records: the domain
 * decides who reads them (dir_readable). */
STORE_FN(int, dir_get, (struct store *s, pool *p, long long id, struct dir_row **out,
			struct err *e),
	 (s, p, id, out, e))
/* The entries of country (NULL: all), by country, kind and id. */
STORE_FN(int, dir_list, (struct store *s, pool *p, const char *country,
			 struct dir_row **out, size_t *n, struct err *e),
	 (s, p, country, out, n, e))
/* Append a step of an entry's history (seq and changed ignored: the next seq). */
STORE_FN(int, dir_rev_add, (struct store *s, const struct dir_revision *rev,
			    struct err *e),
	 (s, rev, e))
/* The history of entry id, oldest first (changed NULL). */
STORE_FN(int, dir_revs, (struct store *s, pool *p, long long id, struct dir_revision **out,
			 size_t *n, struct err *e),
	 (s, p, id, out, n, e))
/* The countries (alpha-2, sorted, once each) of organisation org when it is a national
 * authority, and of the organisations that share a sharing group with it: whose AMBER
 * directory entries its accounts read. */
STORE_FN(int, dir_partners, (struct store *s, pool *p, long long org, const char ***out,
			     size_t *n, struct err *e),
	 (s, p, org, out, n, e))
/* ---- saved reports (domain/report.h; table report, migration 25) ---- */

/* Insert saved report r (id and prose ignored); *id receives its id. */
STORE_FN(int, report_put, (struct store *s, const struct report_saved *r, long long *id,
			   struct err *e),
	 (s, r, id, e))
/* Saved report id. ERR_NOTFOUND when absent. Reports are no records: the domain
 * decides who reads them (report_can_read). */
STORE_FN(int, report_get, (struct store *s, pool *p, long long id, struct report_saved **out,
			   struct err *e),
	 (s, p, id, out, e))
/* The saved reports, newest first, at most limit: public ones only unless green
 * (then GREEN ones too). Without their content. */
STORE_FN(int, report_list, (struct store *s, pool *p, int green, int limit,
			    struct report_saved **out, size_t *n, struct err *e),
	 (s, p, green, limit, out, n, e))
/* Set the prose called key (a paragraph's number) of saved report id to text ("":
 * none). ERR_NOTFOUND when absent. */
STORE_FN(int, report_prose, (struct store *s, long long id, const char *key,
			     const char *text, struct err *e),
	 (s, id, key, text, e))
/* The stated needs (domain/needs.h) raised or closed from `from` to `to` (UTC days,
 * both included) of the countries of JSON array countries (NULL: all), by raised_at
 * then id. Stated needs are no records: the caller applies needs_can_read. */
STORE_FN(int, report_needs, (struct store *s, pool *p, const char *from, const char *to,
			     const char *countries, struct need_stated **out, size_t *n,
			     struct err *e),
	 (s, p, from, to, countries, out, n, e))

#undef STORE_FN
#undef STORE_FN_HAND
