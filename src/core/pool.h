/* pool: a region allocator. Everything allocated from a pool is freed at once by
 * pool_free(); one pool lives for one request (or one command). Not thread-safe:
 * one pool belongs to one thread at a time. */
#ifndef CORE_POOL_H
#define CORE_POOL_H
#include <stdarg.h>
#include <stddef.h>

typedef struct pool pool;

/* A new empty pool. Free with pool_free(). */
pool *pool_new(void);
/* Free every allocation of the pool and the pool itself. NULL is a no-op. */
void pool_free(pool *p);
/* n bytes aligned for any type, owned by the pool; never NULL (aborts on OOM). */
void *pool_alloc(pool *p, size_t n);
/* Zeroed n*size bytes owned by the pool; aborts on overflow. */
void *pool_calloc(pool *p, size_t nmemb, size_t size);
/* Copies owned by the pool. pool_strdup(p, NULL) returns NULL. */
char *pool_strdup(pool *p, const char *s);
char *pool_strndup(pool *p, const char *s, size_t n);
/* printf into a string owned by the pool. */
char *pool_printf(pool *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *pool_vprintf(pool *p, const char *fmt, va_list ap);
/* Run fn(arg) when p is freed, before its memory goes (the last registered first):
 * to give back what the pool's owner borrowed, such as a reference to a shared
 * cache entry. */
void pool_defer(pool *p, void (*fn)(void *arg), void *arg);
/* Total bytes handed out so far (for tests and limits). */
size_t pool_used(const pool *p);

#endif
