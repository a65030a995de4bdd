/* cache: rendered responses of public, deterministic routes, kept in memory and
 * served without running the handler again while the database generation is the
 * same. Thread-safe. */
#ifndef HTTP_CACHE_H
#define HTTP_CACHE_H
#include <stddef.h>

struct MHD_Connection;
struct MHD_Response;
struct cache;

/* A cache holding at most max_bytes of bodies (0: a cache that keeps nothing). */
struct cache *cache_new(size_t max_bytes);
void cache_free(struct cache *c);

/* When key is cached for generation gen, queue it on conn and return 1: the gzip
 * form when gz and there is one, or 304 Not Modified when if_none_match names its
 * ETag. *status and *bytes tell what was queued. Return 0 on a miss. */
int cache_serve(struct cache *c, const char *key, unsigned long gen, int gz,
		const char *if_none_match, struct MHD_Connection *conn, int *status,
		size_t *bytes);
/* Keep responses for key (the cache takes the references: do not destroy them).
 * gz and not_modified may be NULL. When over the limit, older entries are dropped. */
void cache_put(struct cache *c, const char *key, unsigned long gen, struct MHD_Response *plain,
	       size_t plain_len, struct MHD_Response *gz, size_t gz_len,
	       struct MHD_Response *not_modified, const char *etag);
/* Whether an answer of plain_len bytes could be kept (an entry may take at most a
 * quarter of the cache, its plain and gzip forms together: the plain form alone is a
 * lower bound). Callers skip the work of preparing what would not be kept. */
int cache_may_keep(const struct cache *c, size_t plain_len);
/* Entries and bytes held (for /healthz and tests). */
void cache_stats(struct cache *c, size_t *entries, size_t *bytes);

/* Whether an If-None-Match value names etag (a list, "*", weak or -gz forms). */
int cache_etag_match(const char *if_none_match, const char *etag);

#endif
