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

int store_schema_latest(void)
{
	return backend_for(NULL)->schema_latest();
}

/* The wrappers of store_fns.h that do more than pass the call on (STORE_FN_HAND). */
int store_migrate(struct store *s, int *from, int *to, struct err *e)
{
	int rc = s->be->migrate(s, from, to, e);

	atomic_fetch_add(&generation, 1);
	return rc;
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

int store_share_get(struct store *s, pool *p, long long record_id, struct record_share *out,
		    struct err *e)
{
	memset(out, 0, sizeof(*out));
	return s->be->share_get(s, p, record_id, out, e);
}

/* The others, generated: each passes the call on. */
#define STORE_FN(ret, name, params, args) \
	ret store_##name params { return s->be->name args; }
#define STORE_FN_HAND(ret, name, params, args)
#include "store/store_fns.h"
