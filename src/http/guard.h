/* guard: deadlines for the phases of an HTTP connection, against slow clients. An
 * idle timeout does not stop a client that sends one byte a second; a deadline does.
 * The server registers each connection when it opens and says when a phase begins;
 * a watcher thread closes (shutdown(2)) every connection whose phase has lasted
 * longer than its limit, so the HTTP library sees the socket end and frees it:
 *
 *   GUARD_HEADERS  from the connection's start, or the end of its previous answer,
 *                  until its request headers are complete: header limit;
 *   GUARD_BODY     from the end of the headers until the body is complete: body limit;
 *   GUARD_BUSY     the handler runs and the answer is sent: no limit here (the
 *                  library's idle timeout applies). */
#ifndef HTTP_GUARD_H
#define HTTP_GUARD_H

enum guard_phase { GUARD_HEADERS, GUARD_BODY, GUARD_BUSY };

struct guard;
struct guard_conn;

/* Start the watcher: header_ms and body_ms are the limits in milliseconds (0: none).
 * Never NULL (aborts when no thread can be made); stop with guard_stop. */
struct guard *guard_start(long header_ms, long body_ms);
/* Stop the watcher and free g; every connection must have been closed (guard_close). */
void guard_stop(struct guard *g);
/* Register a connection's socket fd, in phase GUARD_HEADERS from now; addr (copied,
 * may be NULL) names it in the log. The handle is freed by guard_close. */
struct guard_conn *guard_open(struct guard *g, int fd, const char *addr);
/* Phase p begins now for c. c may be NULL (nothing happens). */
void guard_phase(struct guard *g, struct guard_conn *c, enum guard_phase p);
/* The connection ends: forget it and free c (before its fd is closed). c may be NULL. */
void guard_close(struct guard *g, struct guard_conn *c);

#endif
