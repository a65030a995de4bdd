#include "core/pool.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define POOL_BLOCK 8192
#define POOL_ALIGN 16

struct block {
	struct block *next;
	size_t size, used;
	_Alignas(POOL_ALIGN) unsigned char data[];
};

struct deferred {
	struct deferred *next;
	void (*fn)(void *arg);
	void *arg;
};

struct pool {
	struct block *head;
	struct deferred *deferred;	/* newest first */
	size_t total;
};

pool *pool_new(void)
{
	return xcalloc(1, sizeof(pool));
}

void pool_free(pool *p)
{
	struct block *b, *next;

	if (!p)
		return;
	for (struct deferred *d = p->deferred; d; d = d->next)
		d->fn(d->arg);
	for (b = p->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(p);
}

void *pool_alloc(pool *p, size_t n)
{
	struct block *b = p->head;
	size_t need = (n + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1);
	void *r;

	if (need < n) {
		fprintf(stderr, "ccrepo: pool allocation overflow\n");
		abort();
	}
	if (!b || b->size - b->used < need) {
		size_t size = need > POOL_BLOCK / 2 ? need : POOL_BLOCK;
		struct block *nb = xmalloc(sizeof(*nb) + size);

		nb->size = size;
		nb->used = 0;
		if (b && size != POOL_BLOCK) {
			/* a large one-off block goes behind the current one so the
			 * current block's free space stays usable */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			p->head = nb;
		}
		b = nb;
	}
	r = b->data + b->used;
	b->used += need;
	p->total += n;
	return r;
}

void pool_defer(pool *p, void (*fn)(void *arg), void *arg)
{
	struct deferred *d = pool_alloc(p, sizeof(*d));

	d->fn = fn;
	d->arg = arg;
	d->next = p->deferred;
	p->deferred = d;
}

void *pool_calloc(pool *p, size_t nmemb, size_t size)
{
	void *r;

	if (size && nmemb > SIZE_MAX / size) {
		fprintf(stderr, "ccrepo: pool allocation overflow\n");
		abort();
	}
	r = pool_alloc(p, nmemb * size);
	memset(r, 0, nmemb * size);
	return r;
}

char *pool_strndup(pool *p, const char *s, size_t n)
{
	char *r = pool_alloc(p, n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *pool_strdup(pool *p, const char *s)
{
	return s ? pool_strndup(p, s, strlen(s)) : NULL;
}

char *pool_vprintf(pool *p, const char *fmt, va_list ap)
{
	va_list cp;
	char small[256];
	int n;
	char *r;

	va_copy(cp, ap);
	n = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (n < 0)
		return pool_strdup(p, "");
	r = pool_alloc(p, (size_t)n + 1);
	if ((size_t)n < sizeof(small))
		memcpy(r, small, (size_t)n + 1);
	else
		vsnprintf(r, (size_t)n + 1, fmt, ap);
	return r;
}

char *pool_printf(pool *p, const char *fmt, ...)
{
	va_list ap;
	char *r;

	va_start(ap, fmt);
	r = pool_vprintf(p, fmt, ap);
	va_end(ap);
	return r;
}

size_t pool_used(const pool *p)
{
	return p->total;
}
