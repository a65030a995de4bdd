/* server: the HTTP server (libmicrohttpd, a pool of worker threads). It validates
 * requests, routes them, gives each a memory pool and the thread's store
 * connection, caches public pages, compresses, sets the security headers, and logs
 * one access line per request. */
#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H

#include "core/err.h"
#include "http/router.h"

struct server_options {
	const char *listen;	/* "127.0.0.1:8080", "[::1]:8080", port 0 picks one */
	int threads;		/* >= 1 */
	long max_body;		/* bytes */
	int timeout;		/* seconds without traffic before a connection is closed */
	int header_timeout;	/* seconds for a request's headers (0: no limit) */
	int body_timeout;	/* seconds for a request's body (0: no limit) */
	int max_connections;	/* open at once; 0: 1000 */
	int max_per_address;	/* open at once from one address; 0: no limit */
	long cache_max;		/* bytes */
	int trust_proxy;	/* take the client's address from X-Forwarded-For when
				 * the connection comes from loopback */
};

struct server;

/* Start serving routes (the table must outlive the server). Store connections come
 * from store_thread(), so store_thread_setup() must have been called. */
int server_start(const struct server_options *o, const struct route *routes, int nroutes,
		 struct server **out, struct err *e);
/* The port actually bound. */
unsigned server_port(const struct server *s);
/* Stop accepting, finish what is in flight, free everything. */
void server_stop(struct server *s);

#endif
