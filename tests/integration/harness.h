/* harness: run the real ccrepo binary ($CCREPO_BIN) as a server in a fresh temporary
 * directory and talk to it over raw sockets with a small HTTP/1.1 client, so tests can
 * send any bytes at all (malformed requests, invalid UTF-8, slow bodies).
 *
 * Nothing here uses cmocka: functions return NULL or -1 and print what went wrong to
 * stderr; the tests assert on the results. */
#ifndef TESTS_INTEGRATION_HARNESS_H
#define TESTS_INTEGRATION_HARNESS_H
#include <stddef.h>
#include <sys/types.h>

/* The account srv_start makes in every server's database (with the CLI, once per
 * server: argon2id costs about 80 ms): an admin of the organisation SRV_OPERATOR_ORG,
 * with a write API token in srv.token. Nothing is privileged by coming from loopback:
 * requests that change something, or that must see everything, sign in as it. */
#define SRV_OPERATOR "operator"
#define SRV_OPERATOR_PASSWORD "operator password for the tests"
#define SRV_OPERATOR_ORG "Operators"

/* A running server. */
struct srv {
	pid_t pid;
	unsigned port;
	char dir[256];		/* its temporary directory: database, stdout, stderr */
	char db[320];		/* dir/ccrepo.db */
	char out_path[320];	/* dir/stdout */
	char err_path[320];	/* dir/stderr */
	double ready_ms;	/* from spawn to the first answer of /healthz */
	int keep_dir;		/* the directory was the caller's: do not remove it */
	char token[128];	/* SRV_OPERATOR's API token (scope write) */
	char auth[160];		/* "Authorization: Bearer TOKEN\r\n", for extra_headers */
};

struct srv_options {
	const char *const *args;	/* extra arguments (NULL-terminated), or NULL */
	const char *const *env;		/* extra "NAME=value" entries (NULL-terminated) */
	int no_listen;		/* do not pass --listen; the server listens on port */
	unsigned port;		/* with no_listen: the port it will answer on */
	const char *dir;	/* an existing directory to use (kept), with its database */
	const char *token;	/* the operator's token in that database: not made again */
	const char *db;		/* the database file (default DIR/ccrepo.db) */
	int any_health;		/* ready at any answer of /healthz, not only 200 */
	long long fsize_limit;	/* > 0: the server's RLIMIT_FSIZE in bytes (SIGXFSZ
				 * ignored, so a write past it fails with EFBIG) */
};

/* Start `$CCREPO_BIN serve --listen 127.0.0.1:PORT --db DIR/ccrepo.db --threads 2
 * --log-level warn [extra_args...]` in a new temporary directory (its working
 * directory; the CCREPO_* variables are removed from its environment) and wait up to
 * 10 s until /healthz answers. Retries with another port when that one was taken. Then
 * makes SRV_OPERATOR and its token (srv.token, srv.auth) with the CLI on DIR/ccrepo.db.
 * Returns NULL (after printing the server's stderr) when it did not come up or the
 * account could not be made; free with srv_stop. */
struct srv *srv_start(const char *const *extra_args);
struct srv *srv_start_with(const struct srv_options *o);

/* SIGTERM, wait up to 10 s, and check that the server exited with status 0 and said
 * "stopped" on stdout. Removes its directory and frees s. Returns 0 when all of that
 * held, -1 otherwise (with the reason and the server's output on stderr). */
int srv_stop(struct srv *s);

/* SIGKILL the server (and its process group) at once, reap it, free s; its
 * directory is removed unless it was the caller's. Returns nothing: a crash test
 * restarts on the same directory. */
void srv_kill(struct srv *s);

/* Whether the server process is still running and /healthz answers 200. */
int srv_healthy(const struct srv *s);

/* A response as read off the wire. */
struct http_header {
	char *name, *value;
};

struct http_response {
	int status;		/* 0 when no status line arrived */
	char *reason;
	struct http_header *headers;
	size_t nheaders;
	char *body;		/* NUL-terminated (transfer coding removed) */
	size_t body_len;
	int chunked;		/* the body came with Transfer-Encoding: chunked */
	int closed;		/* the server closed the connection */
	int timed_out;		/* the timeout passed before the response was complete */
	char *raw;		/* all bytes received, NUL-terminated */
	size_t raw_len;
};

/* The value of the first header called name (case-insensitive), or NULL. */
const char *http_header(const struct http_response *r, const char *name);
void http_response_free(struct http_response *r);

/* A TCP connection to 127.0.0.1:port, or -1. */
int net_connect(unsigned port);
/* Send all len bytes; 0 or -1. */
int net_send(int fd, const void *data, size_t len);
/* Wait until the peer closes fd (read returns 0 or an error), discarding what arrives.
 * Returns the milliseconds waited, or -1 when still open after timeout_ms. */
long net_wait_closed(int fd, int timeout_ms);

/* Read one response from fd within timeout_ms. head: the request was HEAD (no body).
 * Never NULL. */
struct http_response *http_read(int fd, int timeout_ms, int head);

/* Connect, send the bytes as they are, read one response (5 s timeout), close. NULL
 * when the connection could not be made. */
struct http_response *http_raw(const struct srv *s, const void *req, size_t len);
#define HTTP_RAW_STR(s, str) http_raw((s), (str), sizeof(str) - 1)

/* A well-formed request with Host and Connection: close. extra_headers: NULL or lines
 * each ending in "\r\n". A body gets a Content-Length. */
struct http_response *http_request(const struct srv *s, const char *method, const char *path,
				   const char *extra_headers, const void *body,
				   size_t body_len);
struct http_response *http_get(const struct srv *s, const char *path,
			       const char *extra_headers);
/* POST with Content-Type: application/json. */
struct http_response *http_post_json(const struct srv *s, const char *path, const char *body);
/* The same as the operator: with s->auth before extra_headers. */
struct http_response *http_op_request(const struct srv *s, const char *method,
				      const char *path, const char *extra_headers,
				      const void *body, size_t body_len);
struct http_response *http_op_get(const struct srv *s, const char *path,
				  const char *extra_headers);
struct http_response *http_op_post_json(const struct srv *s, const char *path,
					const char *body);

/* Inflate a gzip member; NULL when it is not valid gzip. Sets *out_len; the result is
 * NUL-terminated; free with free(). */
char *http_gunzip(const void *data, size_t len, size_t *out_len);

/* Milliseconds on the monotonic clock. */
double harness_now_ms(void);

/* A new empty directory under $TMPDIR or /tmp (free the string; remove with
 * harness_rmtree). */
char *harness_tmpdir(void);
void harness_rmtree(const char *dir);
/* Write len bytes to path; 0 or -1. */
int harness_write_file(const char *path, const void *data, size_t len);
/* The whole file, NUL-terminated, or NULL; free with free(). */
char *harness_read_file(const char *path, size_t *len);
/* A port nothing listens on right now (bound to port 0 and released). */
unsigned harness_free_port(void);
/* $CCREPO_BIN, or exits the test program when it is not set. */
const char *harness_bin(void);

/* The exit status of a test program: when tests failed, exit at once with rc, skipping
 * the leak check of the sanitizers (a failed assertion jumps over the frees; those
 * leaks say nothing); otherwise return rc. */
int harness_exit(int rc);

/* Run $CCREPO_BIN with args (NULL-terminated) in directory cwd (NULL: a new temporary
 * directory), without the CCREPO_* variables but with env (NULL-terminated "NAME=value"
 * entries, or NULL); capture stdout and stderr (free them). Kills it after 20 s.
 * Returns the exit status, 128 + signal when killed, or -1 when it could not run. */
int harness_run(const char *const *args, const char *const *env, const char *cwd,
		char **out, char **err);
/* The same with input on its standard input (NULL: it inherits ours). */
int harness_run_input(const char *const *args, const char *const *env, const char *cwd,
		      const char *input, char **out, char **err);
/* Run a ccrepo command in dir on its database dir/ccrepo.db (log level error), with
 * input on standard input; the first line of its output into out (size bytes; out
 * may be NULL). Prints the command's errors when it fails. Its exit status. */
int harness_cli(const char *dir, const char *input, const char *const *args, char *out,
		size_t size);
/* The password harness_account gives every account it makes. */
#define HARNESS_PASSWORD "a long enough password"
/* Make account name (role, organisation org, country: NULL but for a focal point) in
 * dir's database with HARNESS_PASSWORD and an API token of scope write named
 * token_name, and write "Authorization: Bearer TOKEN\r\n" into auth (size bytes).
 * 0, or -1 (with the command's errors printed). */
int harness_account(const char *dir, const char *name, const char *role, const char *org,
		    const char *country, const char *token_name, char *auth, size_t size);
/* A server on the real laws: tests/relevance/load-corpus.sh imports the texts of
 * shared/corpus that tests/relevance/mappings.tsv judges (published) and loads those
 * mappings into a new directory's database; then a curator "cora" (organisation
 * UNODC) and Kenya's focal point "kamau" (KE-NA) with their "Authorization: ..."
 * lines in cur and fp (size bytes each); then the server. NULL on failure (printed). */
struct srv *harness_corpus_srv(const char *shared, char *cur, char *fp, size_t size);
/* The end of a group of tests on one server in a prepared directory: stop s (when not
 * NULL), remove dir and free it. */
void harness_done(struct srv *s, char *dir);
/* harness_run_input keeping the whole output for a test to look at: *out and *err
 * (the previous run's, or NULL) are freed first; the caller frees the last ones. */
int harness_run_keep(const char *const *args, const char *const *env, const char *cwd,
		     const char *input, char **out, char **err);
/* harness_cli (dir, its database dir/ccrepo.db, input "" when NULL) with the whole
 * output kept as harness_run_keep does, and nothing printed when it fails. */
int harness_cli_keep(const char *dir, const char *input, const char *const *args,
		     char **out, char **err);

/* Assertions for the tests (only when cmocka.h came first). */
#ifdef CMOCKA_H_
#include <string.h>

#define HARNESS_SHOW 400
/* hay contains needle (both strings). */
#define assert_has(hay, needle)                                                         \
	do {                                                                            \
		const char *h_ = (hay), *n_ = (needle);                                 \
		if (!h_ || !strstr(h_, n_))                                             \
			fail_msg("expected \"%s\" in: %.*s", n_, HARNESS_SHOW,          \
				 h_ ? h_ : "(null)");                                   \
	} while (0)
#define assert_lacks(hay, needle)                                                       \
	do {                                                                            \
		const char *h_ = (hay), *n_ = (needle), *at_;                           \
		if (h_ && (at_ = strstr(h_, n_)))                                       \
			fail_msg("unexpected \"%s\" at: %.*s", n_, 200, at_);           \
	} while (0)
/* a occurs in hay, and b after it. */
#define assert_before(hay, a, b)                                                        \
	do {                                                                            \
		const char *hb_ = (hay), *ab_ = (a), *bb_ = (b), *pb_;                  \
		assert_has(hb_, ab_);                                                   \
		pb_ = strstr(hb_, ab_);                                                 \
		if (!strstr(pb_ + strlen(ab_), bb_))                                    \
			fail_msg("expected \"%s\" after \"%s\"", bb_, ab_);            \
	} while (0)
/* r is a response with this status. */
#define assert_status(r, code)                                                          \
	do {                                                                            \
		const struct http_response *r_ = (r);                                   \
		if (!r_)                                                                \
			fail_msg("no connection (expected status %d)", (int)(code));     \
		if (r_->status != (code))                                               \
			fail_msg("status %d, expected %d%s; received: %.*s", r_->status, \
				 (int)(code), r_->timed_out ? " (timed out)" : "",      \
				 HARNESS_SHOW, r_->raw ? r_->raw : "");                 \
	} while (0)
/* r has header name and its value contains needle. */
#define assert_header_has(r, name, needle)                                              \
	do {                                                                            \
		const char *v_ = http_header((r), (name));                              \
		if (!v_)                                                                \
			fail_msg("no %s header", (name));                                \
		if (!strstr(v_, (needle)))                                              \
			fail_msg("%s: \"%s\" does not contain \"%s\"", (name), v_,       \
				 (needle));                                             \
	} while (0)
#endif

/* For programs that share one server started with no extra arguments: srv_one is
 * it; srv_one_setup and srv_one_teardown are the cmocka group setup and teardown
 * (teardown stops it only when a test failed before srv_one_test_stop); put
 * srv_one_test_stop last, so that a stop that is not clean (exit status 0 and
 * "stopped" on stdout) counts as a failed test. */
extern struct srv *srv_one;
extern int srv_one_failed;	/* the teardown could not stop it cleanly */
int srv_one_setup(void **state);
int srv_one_teardown(void **state);
void srv_one_test_stop(void **state);

#endif
