#include "store/store.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* The configured backend. A "postgres://" dsn would select another table here. */
static const struct store_backend *backend_for(const char *dsn)
{
	(void)dsn;
	return &store_sqlite;
}

long store_cache_bytes = 64L * 1024 * 1024;

void store_set_cache(long bytes)
{
	if (bytes > 0)
		store_cache_bytes = bytes;
}

int store_open(const char *dsn, struct store **out, struct err *e)
{
	return backend_for(dsn)->open(dsn, out, e);
}

void store_close(struct store *s)
{
	if (s)
		s->be->close(s);
}

/* Per-thread connections, kept in a list so that shutdown can close them all. */
static char *thread_dsn;
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static struct store **threads;
static size_t nthreads;
static _Thread_local struct store *mine;
static atomic_ulong generation = 1;

void store_thread_setup(const char *dsn)
{
	free(thread_dsn);
	thread_dsn = xstrdup(dsn);
}

struct store *store_thread(struct err *e)
{
	struct store *s;

	if (mine)
		return mine;
	if (!thread_dsn) {
		err_set(e, ERR_INTERNAL, "store_thread before store_thread_setup");
		return NULL;
	}
	if (store_open(thread_dsn, &s, e))
		return NULL;
	pthread_mutex_lock(&threads_lock);
	threads = xrealloc(threads, (nthreads + 1) * sizeof(*threads));
	threads[nthreads++] = s;
	pthread_mutex_unlock(&threads_lock);
	mine = s;
	return s;
}

void store_thread_close_all(void)
{
	pthread_mutex_lock(&threads_lock);
	for (size_t i = 0; i < nthreads; i++)
		store_close(threads[i]);
	free(threads);
	threads = NULL;
	nthreads = 0;
	pthread_mutex_unlock(&threads_lock);
	mine = NULL;
	free(thread_dsn);
	thread_dsn = NULL;
}

unsigned long store_generation(struct store *s)
{
	if (s && s->be->changed(s))
		return atomic_fetch_add(&generation, 1) + 1;
	return atomic_load(&generation);
}

int store_schema_version(struct store *s, int *version, struct err *e)
{
	return s->be->schema_version(s, version, e);
}

int store_schema_latest(void)
{
	return backend_for(NULL)->schema_latest();
}

int store_migrate(struct store *s, int *from, int *to, struct err *e)
{
	int rc = s->be->migrate(s, from, to, e);

	atomic_fetch_add(&generation, 1);
	return rc;
}

int store_check(struct store *s, struct sbuf *report, int *problems, struct err *e)
{
	return s->be->check(s, report, problems, e);
}

int store_health(struct store *s, struct err *e)
{
	return s->be->health(s, e);
}

int store_backup(struct store *s, const char *dest, struct err *e)
{
	return s->be->backup(s, dest, e);
}

int store_begin(struct store *s, struct err *e)
{
	return s->be->begin(s, e);
}

int store_commit(struct store *s, struct err *e)
{
	int rc = s->be->commit(s, e);

	atomic_fetch_add(&generation, 1);
	return rc;
}

void store_rollback(struct store *s)
{
	s->be->rollback(s);
}

int store_meta_get(struct store *s, pool *p, const char *key, char **value, struct err *e)
{
	return s->be->meta_get(s, p, key, value, e);
}

int store_meta_set(struct store *s, const char *key, const char *value, struct err *e)
{
	return s->be->meta_set(s, key, value, e);
}

int store_region_put(struct store *s, const struct region *r, struct err *e)
{
	return s->be->region_put(s, r, e);
}

int store_region_list(struct store *s, pool *p, struct region **out, size_t *n,
		      struct err *e)
{
	return s->be->region_list(s, p, out, n, e);
}

int store_country_put(struct store *s, const struct country *c, struct err *e)
{
	return s->be->country_put(s, c, e);
}

int store_country_list(struct store *s, pool *p, struct country **out, size_t *n,
		       struct err *e)
{
	return s->be->country_list(s, p, out, n, e);
}

int store_country_get(struct store *s, pool *p, const char *code, struct country **out,
		      struct err *e)
{
	return s->be->country_get(s, p, code, out, e);
}

int store_instrument_put(struct store *s, const struct instrument *in, struct err *e)
{
	return s->be->instrument_put(s, in, e);
}

int store_instrument_list(struct store *s, pool *p, struct instrument **out, size_t *n,
			  struct err *e)
{
	return s->be->instrument_list(s, p, out, n, e);
}

int store_chapter_put(struct store *s, const struct chapter *c, struct err *e)
{
	return s->be->chapter_put(s, c, e);
}

int store_chapter_list(struct store *s, pool *p, const char *instrument,
		       struct chapter **out, size_t *n, struct err *e)
{
	return s->be->chapter_list(s, p, instrument, out, n, e);
}

int store_article_put(struct store *s, const struct article *a, struct err *e)
{
	return s->be->article_put(s, a, e);
}

int store_article_list(struct store *s, pool *p, const char *instrument,
		       struct article **out, size_t *n, struct err *e)
{
	return s->be->article_list(s, p, instrument, out, n, e);
}

int store_xwalk_clear(struct store *s, struct err *e)
{
	return s->be->xwalk_clear(s, e);
}

int store_xwalk_put(struct store *s, const struct xwalk_row *r, struct err *e)
{
	return s->be->xwalk_put(s, r, e);
}

int store_xwalk_list(struct store *s, pool *p, struct xwalk_row **out, size_t *n,
		     struct err *e)
{
	return s->be->xwalk_list(s, p, out, n, e);
}

int store_set_clearance(struct store *s, const struct clearance *c, struct err *e)
{
	return s->be->set_clearance(s, c, e);
}

int store_record_insert(struct store *s, const struct record *r, long long *id,
			struct err *e)
{
	return s->be->record_insert(s, r, id, e);
}

int store_record_update(struct store *s, const struct record *r, struct err *e)
{
	return s->be->record_update(s, r, e);
}

int store_record_get(struct store *s, pool *p, long long id, struct record **out,
		     struct err *e)
{
	return s->be->record_get(s, p, id, out, e);
}

int store_record_list(struct store *s, pool *p, const struct record_query *q,
		      struct record **out, size_t *n, struct err *e)
{
	return s->be->record_list(s, p, q, out, n, e);
}

int store_revision_add(struct store *s, long long id, const struct revision *rv,
		       struct err *e)
{
	return s->be->revision_add(s, id, rv, e);
}

int store_revision_list(struct store *s, pool *p, long long id, struct revision **out,
			size_t *n, struct err *e)
{
	return s->be->revision_list(s, p, id, out, n, e);
}

int store_work_put(struct store *s, const struct work *w, struct err *e)
{
	return s->be->work_put(s, w, e);
}

int store_work_get(struct store *s, pool *p, const char *uri, long long id,
		   struct work **out, struct err *e)
{
	return s->be->work_get(s, p, uri, id, out, e);
}

int store_work_list(struct store *s, pool *p, const struct record_query *q,
		    struct work **out, size_t *n, struct err *e)
{
	return s->be->work_list(s, p, q, out, n, e);
}

int store_expr_put(struct store *s, const struct expression *x, long long *id,
		   struct err *e)
{
	return s->be->expr_put(s, x, id, e);
}

int store_expr_list(struct store *s, pool *p, long long work_id, struct expression **out,
		    size_t *n, struct err *e)
{
	return s->be->expr_list(s, p, work_id, out, n, e);
}

int store_prov_put(struct store *s, const struct provision *pv, long long *id,
		   struct err *e)
{
	return s->be->prov_put(s, pv, id, e);
}

int store_prov_list(struct store *s, pool *p, long long expression_id,
		    struct provision **out, size_t *n, struct err *e)
{
	return s->be->prov_list(s, p, expression_id, out, n, e);
}

int store_kind_put(struct store *s, const struct kind *k, const void *obj, struct err *e)
{
	return s->be->kind_put(s, k, obj, e);
}

int store_kind_get(struct store *s, pool *p, const struct kind *k, long long id,
		   void **out, struct err *e)
{
	return s->be->kind_get(s, p, k, id, out, e);
}

int store_mapping_put(struct store *s, const struct mapping *m, const char *at,
		      const char *by, struct err *e)
{
	return s->be->mapping_put(s, m, at, by, e);
}

int store_mapping_list(struct store *s, pool *p, long long work_id, const char *instrument,
		       int article, struct mapping **out, size_t *n, struct err *e)
{
	return s->be->mapping_list(s, p, work_id, instrument, article, out, n, e);
}

int store_prov_get(struct store *s, pool *p, long long expression_id, const char *eid,
		   struct provision **out, struct err *e)
{
	return s->be->prov_get(s, p, expression_id, eid, out, e);
}

int store_prov_in_work(struct store *s, long long work_id, const char *eid, int *found,
		       struct err *e)
{
	return s->be->prov_in_work(s, work_id, eid, found, e);
}

int store_search(struct store *s, pool *p, const struct search_request *rq,
		 struct search_result *out, struct err *e)
{
	return s->be->search(s, p, rq, out, e);
}

int store_reindex(struct store *s, long long *rows, struct err *e)
{
	return s->be->reindex(s, rows, e);
}

int store_search_mapped(struct store *s, pool *p, const struct search_request *rq,
			struct search_hit **out, size_t *n, struct err *e)
{
	return s->be->search_mapped(s, p, rq, out, n, e);
}

int store_org_insert(struct store *s, const struct org *o, time_t now, long long *id,
		     struct err *e)
{
	return s->be->org_insert(s, o, now, id, e);
}

int store_org_list(struct store *s, pool *p, const char *name, struct org **out, size_t *n,
		   struct err *e)
{
	return s->be->org_list(s, p, name, out, n, e);
}

int store_user_insert(struct store *s, const struct user *u, const char *hash, time_t now,
		      long long *id, struct err *e)
{
	return s->be->user_insert(s, u, hash, now, id, e);
}

int store_user_list(struct store *s, pool *p, struct user **out, size_t *n, struct err *e)
{
	return s->be->user_list(s, p, out, n, e);
}

int store_user_get(struct store *s, pool *p, const char *name, long long id,
		   struct user **out, char **hash, struct err *e)
{
	return s->be->user_get(s, p, name, id, out, hash, e);
}

int store_user_set_disabled(struct store *s, const char *name, int disabled, long long *id,
			    struct err *e)
{
	return s->be->user_set_disabled(s, name, disabled, id, e);
}

int store_user_set_hash(struct store *s, long long id, const char *hash, time_t now,
			int changed, struct err *e)
{
	return s->be->user_set_hash(s, id, hash, now, changed, e);
}

int store_token_insert(struct store *s, const struct token *t, const unsigned char *hash,
		       time_t now, struct err *e)
{
	return s->be->token_insert(s, t, hash, now, e);
}

int store_token_get(struct store *s, pool *p, const char *id, struct token **out,
		    unsigned char *hash, struct err *e)
{
	return s->be->token_get(s, p, id, out, hash, e);
}

int store_token_list(struct store *s, pool *p, long long user_id, struct token **out,
		     size_t *n, struct err *e)
{
	return s->be->token_list(s, p, user_id, out, n, e);
}

int store_token_mark(struct store *s, const char *id, time_t now, int revoke,
		     struct err *e)
{
	return s->be->token_mark(s, id, now, revoke, e);
}

int store_session_insert(struct store *s, const unsigned char *hash,
			 const struct session *se, struct err *e)
{
	return s->be->session_insert(s, hash, se, e);
}

int store_session_get(struct store *s, pool *p, const unsigned char *hash,
		      struct session **out, struct err *e)
{
	return s->be->session_get(s, p, hash, out, e);
}

int store_session_touch(struct store *s, const unsigned char *hash, time_t now,
			struct err *e)
{
	return s->be->session_touch(s, hash, now, e);
}

int store_session_delete(struct store *s, const unsigned char *hash, long long user_id,
			 struct err *e)
{
	return s->be->session_delete(s, hash, user_id, e);
}

int store_signin_get(struct store *s, const char *key, int *failures, time_t *window_start,
		     time_t *locked_until, struct err *e)
{
	return s->be->signin_get(s, key, failures, window_start, locked_until, e);
}

int store_signin_put(struct store *s, const char *key, int failures, time_t window_start,
		     time_t locked_until, struct err *e)
{
	return s->be->signin_put(s, key, failures, window_start, locked_until, e);
}

int store_signin_clear(struct store *s, const char *key, struct err *e)
{
	return s->be->signin_clear(s, key, e);
}

int store_audit_last(struct store *s, long long *id, unsigned char *hash, struct err *e)
{
	return s->be->audit_last(s, id, hash, e);
}

int store_audit_insert(struct store *s, const struct audit_entry *en, struct err *e)
{
	return s->be->audit_insert(s, en, e);
}

int store_audit_scan(struct store *s, pool *p, long long after, int limit,
		     struct audit_entry **out, size_t *n, struct err *e)
{
	return s->be->audit_scan(s, p, after, limit, out, n, e);
}

int store_audit_list(struct store *s, pool *p, const struct audit_filter *f, int limit,
		     int offset, struct audit_entry **out, size_t *n, struct err *e)
{
	return s->be->audit_list(s, p, f, limit, offset, out, n, e);
}

int store_group_insert(struct store *s, const char *name, time_t now, long long *id,
		       struct err *e)
{
	return s->be->group_insert(s, name, now, id, e);
}

int store_group_list(struct store *s, pool *p, const char *name, struct share_group **out,
		     size_t *n, struct err *e)
{
	return s->be->group_list(s, p, name, out, n, e);
}

int store_group_member(struct store *s, long long group_id, long long org_id, int join,
		       time_t now, struct err *e)
{
	return s->be->group_member(s, group_id, org_id, join, now, e);
}

int store_share_get(struct store *s, pool *p, long long record_id, struct record_share *out,
		    struct err *e)
{
	memset(out, 0, sizeof(*out));
	return s->be->share_get(s, p, record_id, out, e);
}

int store_share_set(struct store *s, long long record_id, const long long *groups, size_t ng,
		    const long long *readers, size_t nr, time_t now, struct err *e)
{
	return s->be->share_set(s, record_id, groups, ng, readers, nr, now, e);
}

int store_share_events(struct store *s, pool *p, int limit, int offset,
		       struct share_event **out, size_t *n, struct err *e)
{
	return s->be->share_events(s, p, limit, offset, out, n, e);
}

int store_change_put(struct store *s, const struct record_change *c, struct err *e)
{
	return s->be->change_put(s, c, e);
}

int store_change_get(struct store *s, pool *p, long long record_id,
		     struct record_change **out, struct err *e)
{
	return s->be->change_get(s, p, record_id, out, e);
}

int store_change_delete(struct store *s, long long record_id, struct err *e)
{
	return s->be->change_delete(s, record_id, e);
}

int store_expr_set_pending(struct store *s, long long expr_id, int pending, struct err *e)
{
	return s->be->expr_set_pending(s, expr_id, pending, e);
}

int store_expr_restatus(struct store *s, long long work_id, struct err *e)
{
	return s->be->expr_restatus(s, work_id, e);
}

int store_audit_read_count(struct store *s, const char *day, const char *actor,
			   const char *target, long long *count, struct err *e)
{
	return s->be->audit_read_count(s, day, actor, target, count, e);
}

int store_expr_delete(struct store *s, long long expr_id, struct err *e)
{
	return s->be->expr_delete(s, expr_id, e);
}
