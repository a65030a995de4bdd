#include "http/cache.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define NBUCKETS 1024

struct entry {
	struct entry *next, *older, *newer;
	char *key;
	unsigned long gen;
	struct MHD_Response *plain, *gz, *not_modified;
	size_t plain_len, gz_len;
	char etag[40];
};

struct cache {
	pthread_rwlock_t lock;
	struct entry *buckets[NBUCKETS];
	struct entry *oldest, *newest;
	size_t max, bytes, count;
};

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

struct cache *cache_new(size_t max_bytes)
{
	struct cache *c = xcalloc(1, sizeof(*c));

	pthread_rwlock_init(&c->lock, NULL);
	c->max = max_bytes;
	return c;
}

static void release(struct MHD_Response *plain, struct MHD_Response *gz,
		    struct MHD_Response *not_modified)
{
	MHD_destroy_response(plain);
	if (gz)
		MHD_destroy_response(gz);
	if (not_modified)
		MHD_destroy_response(not_modified);
}

static void entry_free(struct entry *en)
{
	release(en->plain, en->gz, en->not_modified);
	free(en->key);
	free(en);
}

/* Unlink en from its bucket and the age list. Caller holds the write lock. */
static void unlink_entry(struct cache *c, struct entry *en)
{
	struct entry **pp = &c->buckets[hash(en->key) % NBUCKETS];

	while (*pp != en)
		pp = &(*pp)->next;
	*pp = en->next;
	if (en->older)
		en->older->newer = en->newer;
	else
		c->oldest = en->newer;
	if (en->newer)
		en->newer->older = en->older;
	else
		c->newest = en->older;
	c->bytes -= en->plain_len + en->gz_len;
	c->count--;
}

void cache_free(struct cache *c)
{
	if (!c)
		return;
	while (c->oldest) {
		struct entry *en = c->oldest;

		unlink_entry(c, en);
		entry_free(en);
	}
	pthread_rwlock_destroy(&c->lock);
	free(c);
}

int cache_etag_match(const char *inm, const char *etag)
{
	size_t n = strlen(etag);
	const char *p = inm;

	if (!inm || !*etag)
		return 0;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		/* etag is quoted: "abc"; accept "abc" and "abc-gz" */
		if (!strncmp(p, etag, n - 1) &&
		    (p[n - 1] == '"' || !strncmp(p + n - 1, "-gz\"", 4)))
			return 1;
		p += strcspn(p, ",");
	}
	return 0;
}

int cache_serve(struct cache *c, const char *key, unsigned long gen, int gz,
		const char *inm, struct MHD_Connection *conn, int *status, size_t *bytes)
{
	struct entry *en;
	int served = 0;

	if (!c->max)
		return 0;
	pthread_rwlock_rdlock(&c->lock);
	for (en = c->buckets[hash(key) % NBUCKETS]; en; en = en->next)
		if (!strcmp(en->key, key))
			break;
	if (en && en->gen == gen) {
		/* the read lock keeps the responses alive until MHD holds its reference */
		if (inm && en->not_modified && cache_etag_match(inm, en->etag)) {
			*status = MHD_HTTP_NOT_MODIFIED;
			*bytes = 0;
			served = MHD_queue_response(conn, *status, en->not_modified) == MHD_YES;
		} else {
			int use_gz = gz && en->gz;

			*status = MHD_HTTP_OK;
			*bytes = use_gz ? en->gz_len : en->plain_len;
			served = MHD_queue_response(conn, *status,
						    use_gz ? en->gz : en->plain) == MHD_YES;
		}
	}
	pthread_rwlock_unlock(&c->lock);
	return served;
}

int cache_may_keep(const struct cache *c, size_t plain_len)
{
	return c && plain_len <= c->max / 4;
}

void cache_put(struct cache *c, const char *key, unsigned long gen, struct MHD_Response *plain,
	       size_t plain_len, struct MHD_Response *gz, size_t gz_len,
	       struct MHD_Response *not_modified, const char *etag)
{
	struct entry *en, *old;
	size_t size = plain_len + gz_len;

	if (size > c->max / 4) { /* one entry may not take over the cache */
		release(plain, gz, not_modified);
		return;
	}
	en = xcalloc(1, sizeof(*en));
	en->key = xstrdup(key);
	en->gen = gen;
	en->plain = plain;
	en->gz = gz;
	en->not_modified = not_modified;
	en->plain_len = plain_len;
	en->gz_len = gz_len;
	snprintf(en->etag, sizeof(en->etag), "%s", etag ? etag : "");
	pthread_rwlock_wrlock(&c->lock);
	for (old = c->buckets[hash(key) % NBUCKETS]; old; old = old->next)
		if (!strcmp(old->key, key))
			break;
	if (old) {
		unlink_entry(c, old);
		entry_free(old);
	}
	while (c->oldest && c->bytes + size > c->max) {
		old = c->oldest;
		unlink_entry(c, old);
		entry_free(old);
	}
	en->next = c->buckets[hash(key) % NBUCKETS];
	c->buckets[hash(key) % NBUCKETS] = en;
	en->older = c->newest;
	if (c->newest)
		c->newest->newer = en;
	else
		c->oldest = en;
	c->newest = en;
	c->bytes += size;
	c->count++;
	pthread_rwlock_unlock(&c->lock);
}

void cache_stats(struct cache *c, size_t *entries, size_t *bytes)
{
	pthread_rwlock_rdlock(&c->lock);
	*entries = c->count;
	*bytes = c->bytes;
	pthread_rwlock_unlock(&c->lock);
}
