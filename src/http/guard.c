#include "http/guard.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "core/log.h"
#include "core/xalloc.h"

/* How often the watcher looks: a connection is closed at most this late. */
#define GUARD_TICK_MS 100

struct guard_conn {
	struct guard_conn *prev, *next;
	int fd;
	enum guard_phase phase;
	long long since;	/* ms on the monotonic clock when the phase began */
	int cut;		/* shut down already */
	char addr[48];
};

struct guard {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	int stopping;
	long limit[3];		/* ms per phase; 0: none */
	struct guard_conn *conns;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *const phase_what[] = {
	[GUARD_HEADERS] = "request headers",
	[GUARD_BODY] = "request body",
	[GUARD_BUSY] = "answer",
};

/* One pass: shut down the connections past their deadline; one log line per phase. */
static void sweep(struct guard *g)
{
	long long now = now_ms();
	unsigned n[3] = { 0 };
	char example[3][48] = { "", "", "" };

	for (struct guard_conn *c = g->conns; c; c = c->next) {
		long limit = g->limit[c->phase];

		if (c->cut || !limit || now - c->since <= limit)
			continue;
		shutdown(c->fd, SHUT_RDWR);
		c->cut = 1;
		if (!n[c->phase]++)
			snprintf(example[c->phase], sizeof(example[0]), "%s", c->addr);
	}
	for (int p = 0; p < 3; p++)
		if (n[p])
			log_info("http: closed %u connection%s whose %s took longer than %ld ms "
				 "(from %s%s)", n[p], n[p] == 1 ? "" : "s", phase_what[p],
				 g->limit[p], example[p], n[p] > 1 ? " and others" : "");
}

static void *watch(void *arg)
{
	struct guard *g = arg;
	struct timespec ts;

	pthread_mutex_lock(&g->lock);
	while (!g->stopping) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += GUARD_TICK_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L)
			ts.tv_sec++, ts.tv_nsec -= 1000000000L;
		pthread_cond_timedwait(&g->wake, &g->lock, &ts);
		if (!g->stopping)
			sweep(g);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

struct guard *guard_start(long header_ms, long body_ms)
{
	struct guard *g = xcalloc(1, sizeof(*g));
	pthread_condattr_t ca;

	g->limit[GUARD_HEADERS] = header_ms > 0 ? header_ms : 0;
	g->limit[GUARD_BODY] = body_ms > 0 ? body_ms : 0;
	pthread_mutex_init(&g->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&g->wake, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&g->thread, NULL, watch, g)) {
		log_error("guard: cannot start the watcher thread");
		abort();
	}
	return g;
}

void guard_stop(struct guard *g)
{
	if (!g)
		return;
	pthread_mutex_lock(&g->lock);
	g->stopping = 1;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->thread, NULL);
	while (g->conns) {	/* none should be left; do not leak them */
		struct guard_conn *c = g->conns;

		g->conns = c->next;
		free(c);
	}
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

struct guard_conn *guard_open(struct guard *g, int fd, const char *addr)
{
	struct guard_conn *c = xcalloc(1, sizeof(*c));

	c->fd = fd;
	c->phase = GUARD_HEADERS;
	c->since = now_ms();
	snprintf(c->addr, sizeof(c->addr), "%s", addr ? addr : "?");
	pthread_mutex_lock(&g->lock);
	c->next = g->conns;
	if (g->conns)
		g->conns->prev = c;
	g->conns = c;
	pthread_mutex_unlock(&g->lock);
	return c;
}

void guard_phase(struct guard *g, struct guard_conn *c, enum guard_phase p)
{
	if (!c)
		return;
	pthread_mutex_lock(&g->lock);
	c->phase = p;
	c->since = now_ms();
	pthread_mutex_unlock(&g->lock);
}

void guard_close(struct guard *g, struct guard_conn *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&g->lock);
	if (c->prev)
		c->prev->next = c->next;
	else
		g->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	pthread_mutex_unlock(&g->lock);
	free(c);
}
