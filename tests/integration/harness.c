#include "integration/harness.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

extern char **environ;

#define START_TIMEOUT_MS 10000
#define STOP_TIMEOUT_MS 10000
#define REQUEST_TIMEOUT_MS 5000
#define RUN_TIMEOUT_MS 20000

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "harness: out of memory\n");
		abort();
	}
	return p;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p) {
		fprintf(stderr, "harness: out of memory\n");
		abort();
	}
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "harness: out of memory\n");
		abort();
	}
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* A growable byte buffer, always NUL-terminated. */
struct buf {
	char *p;
	size_t len, cap;
};

static void buf_add(struct buf *b, const void *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char tmp[1024];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		buf_add(b, tmp, (size_t)n);
		return;
	}
	{
		char *big = xmalloc((size_t)n + 1);

		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		buf_add(b, big, (size_t)n);
		free(big);
	}
}

double harness_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

const char *harness_bin(void)
{
	const char *b = getenv("CCREPO_BIN");

	if (!b || !*b) {
		fprintf(stderr, "harness: CCREPO_BIN is not set (run through `make test`)\n");
		exit(1);
	}
	return b;
}

char *harness_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	char *d = xmalloc(300);

	snprintf(d, 300, "%s/ccrepo-it-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(d)) {
		fprintf(stderr, "harness: mkdtemp %s: %s\n", d, strerror(errno));
		free(d);
		return NULL;
	}
	return d;
}

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st, (void)type, (void)ftw;
	if (remove(path))
		fprintf(stderr, "harness: remove %s: %s\n", path, strerror(errno));
	return 0;
}

void harness_rmtree(const char *dir)
{
	if (dir && *dir)
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int harness_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (!f)
		return -1;
	if (fwrite(data, 1, len, f) != len)
		rc = -1;
	if (fclose(f))
		rc = -1;
	return rc;
}

char *harness_read_file(const char *path, size_t *len)
{
	struct buf b = { 0 };
	char tmp[8192];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return NULL;
	buf_add(&b, "", 0);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	if (len)
		*len = b.len;
	return b.p;
}

unsigned harness_free_port(void)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	unsigned port = 0;

	if (fd < 0)
		return 0;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (!bind(fd, (struct sockaddr *)&a, sizeof(a)) &&
	    !getsockname(fd, (struct sockaddr *)&a, &alen))
		port = ntohs(a.sin_port);
	close(fd);
	return port;
}

/* The environment for a child: ours without CCREPO_*, plus extra. */
static char **child_env(const char *const *extra)
{
	size_t n = 0, k = 0;
	char **env;

	for (char **e = environ; *e; e++)
		n++;
	for (const char *const *e = extra; e && *e; e++)
		n++;
	env = xcalloc(n + 1, sizeof(*env));
	for (char **e = environ; *e; e++)
		if (strncmp(*e, "CCREPO_", 7))
			env[k++] = *e;
	for (const char *const *e = extra; e && *e; e++)
		env[k++] = (char *)*e;
	env[k] = NULL;
	return env;
}

/* In a child: die with the parent, so no server outlives a crashed test. */
static void child_tie_to_parent(pid_t parent, int sig)
{
	prctl(PR_SET_PDEATHSIG, sig);
	if (getppid() != parent)
		_exit(127);
}

/* ---- HTTP client ---- */

int net_connect(unsigned port)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	while (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		if (errno == EINTR)
			continue;
		close(fd);
		return -1;
	}
	return fd;
}

int net_send(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

long net_wait_closed(int fd, int timeout_ms)
{
	double start = harness_now_ms(), deadline = start + timeout_ms;
	char tmp[4096];

	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		double left = deadline - harness_now_ms();
		ssize_t n;

		if (left <= 0)
			return -1;
		if (poll(&pfd, 1, (int)left + 1) <= 0)
			continue;
		n = recv(fd, tmp, sizeof(tmp), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return (long)(harness_now_ms() - start);
	}
}

const char *http_header(const struct http_response *r, const char *name)
{
	for (size_t i = 0; r && i < r->nheaders; i++)
		if (!strcasecmp(r->headers[i].name, name))
			return r->headers[i].value;
	return NULL;
}

static void clear_parsed(struct http_response *r)
{
	for (size_t i = 0; i < r->nheaders; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	free(r->headers);
	free(r->reason);
	free(r->body);
	r->headers = NULL;
	r->nheaders = 0;
	r->reason = NULL;
	r->body = NULL;
	r->body_len = 0;
	r->status = 0;
	r->chunked = 0;
}

void http_response_free(struct http_response *r)
{
	if (!r)
		return;
	clear_parsed(r);
	free(r->raw);
	free(r);
}

static const char *find_crlf(const char *p, const char *end)
{
	for (; p + 1 < end; p++)
		if (p[0] == '\r' && p[1] == '\n')
			return p;
	return NULL;
}

static const char *find_head_end(const char *p, const char *end)
{
	for (; p + 3 < end; p++)
		if (!memcmp(p, "\r\n\r\n", 4))
			return p;
	return NULL;
}

static int header_has_token(const char *value, const char *token)
{
	size_t tl = strlen(token);

	for (const char *p = value; p && *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!strncasecmp(p, token, tl) &&
		    (p[tl] == '\0' || p[tl] == ',' || p[tl] == ' ' || p[tl] == ';'))
			return 1;
		p = strchr(p, ',');
	}
	return 0;
}

/* Decode a chunked body from p..end into out; 1 when complete, 0 when more is needed,
 * -1 when malformed. */
static int dechunk(const char *p, const char *end, struct buf *out)
{
	for (;;) {
		const char *eol = find_crlf(p, end);
		char *hexend;
		unsigned long size;

		if (!eol)
			return 0;
		size = strtoul(p, &hexend, 16);
		if (hexend == p || (hexend < eol && *hexend != ';' && *hexend != ' '))
			return -1;
		p = eol + 2;
		if (size == 0) {
			/* trailers until an empty line */
			for (;;) {
				eol = find_crlf(p, end);
				if (!eol)
					return 0;
				if (eol == p)
					return 1;
				p = eol + 2;
			}
		}
		if ((size_t)(end - p) < size + 2)
			return 0;
		if (p[size] != '\r' || p[size + 1] != '\n')
			return -1;
		buf_add(out, p, size);
		p += size + 2;
	}
}

/* Parse what has arrived: 1 complete, 0 need more, -1 malformed. */
static int parse_response(struct http_response *r, int head, int closed)
{
	const char *start = r->raw, *end = r->raw + r->raw_len, *he, *p, *eol, *v;
	int rc;

	for (;;) {
		clear_parsed(r);
		he = find_head_end(start, end);
		if (!he)
			return closed ? -1 : 0;
		eol = find_crlf(start, he + 2);
		if (strncmp(start, "HTTP/1.", 7) || eol - start < 12 || start[8] != ' ')
			return -1;
		r->status = atoi(start + 9);
		r->reason = xstrndup(start + 13 < eol ? start + 13 : eol,
				     start + 13 < eol ? (size_t)(eol - start - 13) : 0);
		if (r->status >= 100 && r->status < 200) { /* interim: skip it */
			start = he + 4;
			continue;
		}
		break;
	}
	for (p = eol + 2; p < he + 2; p = eol + 2) {
		const char *colon, *ns, *ne, *vs, *ve;

		eol = find_crlf(p, he + 2);
		colon = memchr(p, ':', (size_t)(eol - p));
		if (!colon)
			return -1;
		ns = p, ne = colon, vs = colon + 1, ve = eol;
		while (vs < ve && (*vs == ' ' || *vs == '\t'))
			vs++;
		while (ve > vs && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		r->headers = xrealloc(r->headers, (r->nheaders + 1) * sizeof(*r->headers));
		r->headers[r->nheaders].name = xstrndup(ns, (size_t)(ne - ns));
		r->headers[r->nheaders].value = xstrndup(vs, (size_t)(ve - vs));
		r->nheaders++;
	}
	p = he + 4;
	if (head || r->status == 204 || r->status == 304) {
		r->body = xstrndup("", 0);
		return 1;
	}
	if ((v = http_header(r, "Transfer-Encoding")) && header_has_token(v, "chunked")) {
		struct buf b = { 0 };

		buf_add(&b, "", 0);
		r->chunked = 1;
		rc = dechunk(p, end, &b);
		r->body = b.p;
		r->body_len = b.len;
		return rc < 0 ? -1 : rc ? 1 : closed ? -1 : 0;
	}
	if ((v = http_header(r, "Content-Length"))) {
		size_t cl = strtoull(v, NULL, 10), have = (size_t)(end - p);

		r->body_len = have < cl ? have : cl;
		r->body = xstrndup(p, r->body_len);
		return have >= cl ? 1 : closed ? -1 : 0;
	}
	r->body_len = (size_t)(end - p);
	r->body = xstrndup(p, r->body_len);
	return closed ? 1 : 0;
}

struct http_response *http_read(int fd, int timeout_ms, int head)
{
	struct http_response *r = xcalloc(1, sizeof(*r));
	struct buf b = { 0 };
	double deadline = harness_now_ms() + timeout_ms;
	char tmp[65536];

	buf_add(&b, "", 0);
	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		double left;
		ssize_t n;
		int rc;

		r->raw = b.p;
		r->raw_len = b.len;
		rc = parse_response(r, head, r->closed);
		if (rc != 0 || r->closed)
			break;
		left = deadline - harness_now_ms();
		if (left <= 0) {
			r->timed_out = 1;
			break;
		}
		if (poll(&pfd, 1, (int)left + 1) <= 0)
			continue;
		n = recv(fd, tmp, sizeof(tmp), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			r->closed = 1;
			continue;
		}
		buf_add(&b, tmp, (size_t)n);
	}
	if (!r->body)
		r->body = xstrndup("", 0);
	return r;
}

struct http_response *http_raw(const struct srv *s, const void *req, size_t len)
{
	struct http_response *r;
	int fd = net_connect(s->port);
	int head = len >= 5 && !memcmp(req, "HEAD ", 5);

	if (fd < 0) {
		fprintf(stderr, "harness: connect to port %u: %s\n", s->port, strerror(errno));
		return NULL;
	}
	if (net_send(fd, req, len)) {
		/* the server may answer and close before taking everything: read anyway */
	}
	r = http_read(fd, REQUEST_TIMEOUT_MS, head);
	close(fd);
	return r;
}

struct http_response *http_request(const struct srv *s, const char *method, const char *path,
				   const char *extra_headers, const void *body,
				   size_t body_len)
{
	struct buf b = { 0 };
	struct http_response *r;

	buf_addf(&b, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n", method,
		 path, s->port);
	if (extra_headers)
		buf_add(&b, extra_headers, strlen(extra_headers));
	if (body)
		buf_addf(&b, "Content-Length: %zu\r\n", body_len);
	buf_add(&b, "\r\n", 2);
	if (body)
		buf_add(&b, body, body_len);
	r = http_raw(s, b.p, b.len);
	free(b.p);
	return r;
}

struct http_response *http_get(const struct srv *s, const char *path,
			       const char *extra_headers)
{
	return http_request(s, "GET", path, extra_headers, NULL, 0);
}

struct http_response *http_post_json(const struct srv *s, const char *path, const char *body)
{
	return http_request(s, "POST", path, "Content-Type: application/json\r\n", body,
			    strlen(body));
}

struct http_response *http_op_request(const struct srv *s, const char *method,
				      const char *path, const char *extra_headers,
				      const void *body, size_t body_len)
{
	struct buf h = { 0 };
	struct http_response *r;

	buf_addf(&h, "%s%s", s->auth, extra_headers ? extra_headers : "");
	r = http_request(s, method, path, h.p, body, body_len);
	free(h.p);
	return r;
}

struct http_response *http_op_get(const struct srv *s, const char *path,
				  const char *extra_headers)
{
	return http_op_request(s, "GET", path, extra_headers, NULL, 0);
}

struct http_response *http_op_post_json(const struct srv *s, const char *path,
					const char *body)
{
	return http_op_request(s, "POST", path, "Content-Type: application/json\r\n", body,
			       strlen(body));
}

char *http_gunzip(const void *data, size_t len, size_t *out_len)
{
	z_stream z;
	struct buf b = { 0 };
	unsigned char tmp[16384];
	int rc;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return NULL;
	buf_add(&b, "", 0);
	z.next_in = (unsigned char *)data;
	z.avail_in = (uInt)len;
	do {
		z.next_out = tmp;
		z.avail_out = sizeof(tmp);
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END)
			break;
		buf_add(&b, tmp, sizeof(tmp) - z.avail_out);
	} while (rc != Z_STREAM_END && (z.avail_in || !z.avail_out));
	inflateEnd(&z);
	if (rc != Z_STREAM_END || z.avail_in) {
		free(b.p);
		return NULL;
	}
	if (out_len)
		*out_len = b.len;
	return b.p;
}

/* ---- the server process ---- */

static void print_file(const char *label, const char *path)
{
	char *text = harness_read_file(path, NULL);

	fprintf(stderr, "---- server %s (%s) ----\n%s%s---- end ----\n", label, path,
		text ? text : "(unreadable)\n",
		text && *text && text[strlen(text) - 1] != '\n' ? "\n" : "");
	free(text);
}

static void srv_free(struct srv *s)
{
	if (!s->keep_dir)
		harness_rmtree(s->dir);
	free(s);
}

static pid_t spawn_server(struct srv *s, const struct srv_options *o)
{
	const char *argv[64];
	char listen[64], threads[] = "2";
	int n = 0;
	char **env = child_env(o->env);
	pid_t parent = getpid(), pid;

	argv[n++] = harness_bin();
	argv[n++] = "serve";
	if (!o->no_listen) {
		snprintf(listen, sizeof(listen), "127.0.0.1:%u", s->port);
		argv[n++] = "--listen";
		argv[n++] = listen;
	}
	argv[n++] = "--db";
	argv[n++] = s->db;
	argv[n++] = "--threads";
	argv[n++] = threads;
	argv[n++] = "--log-level";
	argv[n++] = "warn";
	for (const char *const *a = o->args; a && *a && n < 63; a++)
		argv[n++] = *a;
	argv[n] = NULL;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		int out = open(s->out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int err = open(s->err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int nul = open("/dev/null", O_RDONLY);

		child_tie_to_parent(parent, SIGTERM);
		setpgid(0, 0); /* its own group, so that srv_stop can end what it started */
		if (o->fsize_limit > 0) {
			struct rlimit rl = { (rlim_t)o->fsize_limit, (rlim_t)o->fsize_limit };

			signal(SIGXFSZ, SIG_IGN);	/* stays ignored across exec */
			if (setrlimit(RLIMIT_FSIZE, &rl))
				_exit(127);
		}
		if (out < 0 || err < 0 || nul < 0 || chdir(s->dir))
			_exit(127);
		dup2(nul, 0);
		dup2(out, 1);
		dup2(err, 2);
		execve(argv[0], (char *const *)argv, env);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	free(env);
	return pid;
}

/* Ask /healthz once: 1 when it answered 200 (any status with any). */
static int ping_any(const struct srv *s, int timeout_ms, int any)
{
	static const char req[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	struct http_response *r;
	int fd = net_connect(s->port), ok;

	if (fd < 0)
		return 0;
	if (net_send(fd, req, sizeof(req) - 1)) {
		close(fd);
		return 0;
	}
	r = http_read(fd, timeout_ms, 0);
	close(fd);
	ok = any ? r->status != 0 : r->status == 200;
	http_response_free(r);
	return ok;
}

static int ping(const struct srv *s, int timeout_ms)
{
	return ping_any(s, timeout_ms, 0);
}

/* Make SRV_OPERATOR in s's database with the CLI, and its token: 0 or -1. */
static int make_operator(struct srv *s)
{
	char db[400];
	const char *env[] = { db, "CCREPO_LOG_LEVEL=error", NULL };
	const char *const org[] = { "org", "add", SRV_OPERATOR_ORG, "--kind", "unodc", NULL };
	const char *const user[] = { "user", "add", SRV_OPERATOR, "--role", "admin", "--org",
				     SRV_OPERATOR_ORG, "--password-stdin", NULL };
	const char *const token[] = { "user", "token", SRV_OPERATOR, "--name", "tests",
				      "--scope", "write", NULL };
	const char *const *steps[] = { org, user, token };
	char *out = NULL, *err = NULL;
	int rc = 0;

	snprintf(db, sizeof(db), "CCREPO_DB=%s", s->db);
	for (size_t i = 0; i < sizeof(steps) / sizeof(*steps) && !rc; i++) {
		free(out);
		free(err);
		if (harness_run_input(steps[i], env, s->dir, steps[i] == user ?
				      SRV_OPERATOR_PASSWORD "\n" : "", &out, &err)) {
			fprintf(stderr, "harness: ccrepo %s %s: %s\n", steps[i][0], steps[i][1],
				err ? err : "");
			rc = -1;
		}
	}
	if (!rc) {
		size_t n = out ? strcspn(out, "\r\n") : 0;

		if (n < 4 || n >= sizeof(s->token) || strncmp(out, "ccr_", 4)) {
			fprintf(stderr, "harness: no token from ccrepo user token: %s\n",
				out ? out : "");
			rc = -1;
		} else {
			snprintf(s->token, sizeof(s->token), "%.*s", (int)n, out);
			snprintf(s->auth, sizeof(s->auth), "Authorization: Bearer %s\r\n",
				 s->token);
		}
	}
	free(out);
	free(err);
	return rc;
}

struct srv *srv_start_with(const struct srv_options *o)
{
	for (int attempt = 0; attempt < 5; attempt++) {
		struct srv *s = xcalloc(1, sizeof(*s));
		double t0, deadline;
		int status, retry = 0;

		if (o->dir) {
			snprintf(s->dir, sizeof(s->dir), "%s", o->dir);
			s->keep_dir = 1;
		} else {
			char *d = harness_tmpdir();

			if (!d) {
				free(s);
				return NULL;
			}
			snprintf(s->dir, sizeof(s->dir), "%s", d);
			free(d);
		}
		if (o->db)
			snprintf(s->db, sizeof(s->db), "%s", o->db);
		else
			snprintf(s->db, sizeof(s->db), "%s/ccrepo.db", s->dir);
		snprintf(s->out_path, sizeof(s->out_path), "%s/stdout", s->dir);
		snprintf(s->err_path, sizeof(s->err_path), "%s/stderr", s->dir);
		s->port = o->no_listen ? o->port : harness_free_port();
		if (!s->port) {
			fprintf(stderr, "harness: no free port\n");
			srv_free(s);
			return NULL;
		}
		t0 = harness_now_ms();
		s->pid = spawn_server(s, o);
		if (s->pid < 0) {
			fprintf(stderr, "harness: fork: %s\n", strerror(errno));
			srv_free(s);
			return NULL;
		}
		deadline = t0 + START_TIMEOUT_MS;
		while (harness_now_ms() < deadline) {
			pid_t w = waitpid(s->pid, &status, WNOHANG);

			if (w == s->pid) {
				char *err = harness_read_file(s->err_path, NULL);

				retry = !o->no_listen && err && strstr(err, "cannot listen");
				free(err);
				if (!retry) {
					fprintf(stderr, "harness: the server exited early (status "
						"0x%x)\n", status);
					print_file("stdout", s->out_path);
					print_file("stderr", s->err_path);
				}
				s->pid = 0;
				break;
			}
			if (ping_any(s, 2000, o->any_health)) {
				s->ready_ms = harness_now_ms() - t0;
				printf("# harness: server pid %d on port %u answered %.0f ms after "
				       "spawn\n", (int)s->pid, s->port, s->ready_ms);
				fflush(stdout);
				if (o->token) {
					snprintf(s->token, sizeof(s->token), "%s", o->token);
					snprintf(s->auth, sizeof(s->auth), "Authorization: Bearer "
						 "%s\r\n", s->token);
					return s;
				}
				if (make_operator(s)) {
					srv_stop(s);
					return NULL;
				}
				return s;
			}
			sleep_ms(10);
		}
		if (s->pid) {
			fprintf(stderr, "harness: the server did not answer /healthz within "
				"%d ms\n", START_TIMEOUT_MS);
			kill(-s->pid, SIGKILL);
			waitpid(s->pid, &status, 0);
			print_file("stdout", s->out_path);
			print_file("stderr", s->err_path);
		}
		srv_free(s);
		if (!retry)
			return NULL;
	}
	fprintf(stderr, "harness: no port could be listened on after 5 attempts\n");
	return NULL;
}

struct srv *srv_start(const char *const *extra_args)
{
	struct srv_options o = { 0 };

	o.args = extra_args;
	return srv_start_with(&o);
}

int srv_stop(struct srv *s)
{
	double deadline;
	int status = 0, rc = 0;
	pid_t w = 0;
	char *out;

	if (!s)
		return -1;
	if (kill(s->pid, SIGTERM)) {
		fprintf(stderr, "harness: kill %d: %s\n", (int)s->pid, strerror(errno));
		rc = -1;
	}
	deadline = harness_now_ms() + STOP_TIMEOUT_MS;
	while ((w = waitpid(s->pid, &status, WNOHANG)) == 0 && harness_now_ms() < deadline)
		sleep_ms(10);
	if (w != s->pid) {
		fprintf(stderr, "harness: the server did not stop within %d ms of SIGTERM\n",
			STOP_TIMEOUT_MS);
		kill(-s->pid, SIGKILL);
		waitpid(s->pid, &status, 0);
		rc = -1;
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFSIGNALED(status))
			fprintf(stderr, "harness: the server died of signal %d\n",
				WTERMSIG(status));
		else
			fprintf(stderr, "harness: the server exited with status %d\n",
				WEXITSTATUS(status));
		rc = -1;
	}
	kill(-s->pid, SIGKILL); /* whatever else is left in its process group */
	out = harness_read_file(s->out_path, NULL);
	if (rc == 0 && (!out || !strstr(out, "stopped"))) {
		fprintf(stderr, "harness: the server's stdout does not say \"stopped\"\n");
		rc = -1;
	}
	free(out);
	if (rc) {
		print_file("stdout", s->out_path);
		print_file("stderr", s->err_path);
	}
	srv_free(s);
	return rc;
}

void srv_kill(struct srv *s)
{
	int status;

	if (!s)
		return;
	kill(-s->pid, SIGKILL);
	kill(s->pid, SIGKILL);
	waitpid(s->pid, &status, 0);
	srv_free(s);
}

int srv_healthy(const struct srv *s)
{
	int status;

	if (!s || waitpid(s->pid, &status, WNOHANG) != 0) {
		fprintf(stderr, "harness: the server process is gone\n");
		if (s)
			print_file("stderr", s->err_path);
		return 0;
	}
	return ping(s, REQUEST_TIMEOUT_MS);
}

int harness_exit(int rc)
{
	if (rc) {
		fflush(stdout);
		fflush(stderr);
		_exit(rc);
	}
	return rc;
}

/* ---- running the CLI ---- */

int harness_run(const char *const *args, const char *const *env, const char *cwd,
		char **out, char **err)
{
	return harness_run_input(args, env, cwd, NULL, out, err);
}

int harness_run_input(const char *const *args, const char *const *env, const char *cwd,
		      const char *input, char **out, char **err)
{
	const char *argv[64];
	int po[2], pe[2], pi[2] = { -1, -1 }, n = 0, status = 0, open_fds = 2, rc;
	char *tmp = NULL, **cenv;
	struct buf bo = { 0 }, be = { 0 };
	double deadline;
	pid_t pid, parent = getpid();

	*out = *err = NULL;
	if (!cwd && !(cwd = tmp = harness_tmpdir()))
		return -1;
	argv[n++] = harness_bin();
	for (const char *const *a = args; a && *a && n < 63; a++)
		argv[n++] = *a;
	argv[n] = NULL;
	if (pipe2(po, O_CLOEXEC) || pipe2(pe, O_CLOEXEC)) {
		free(tmp);
		return -1;
	}
	/* a short input fits in the pipe's buffer: written whole before the child runs */
	if (input && (strlen(input) > 4096 || pipe2(pi, O_CLOEXEC) ||
		      write(pi[1], input, strlen(input)) != (ssize_t)strlen(input))) {
		fprintf(stderr, "harness: no standard input for %s\n", argv[1]);
		free(tmp);
		return -1;
	}
	if (input)
		close(pi[1]);
	cenv = child_env(env);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		child_tie_to_parent(parent, SIGKILL);
		if (chdir(cwd))
			_exit(127);
		if (input)
			dup2(pi[0], 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		execve(argv[0], (char *const *)argv, cenv);
		_exit(127);
	}
	free(cenv);
	if (input)
		close(pi[0]);
	close(po[1]);
	close(pe[1]);
	buf_add(&bo, "", 0);
	buf_add(&be, "", 0);
	deadline = harness_now_ms() + RUN_TIMEOUT_MS;
	while (open_fds && pid > 0) {
		struct pollfd p[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
		double left = deadline - harness_now_ms();
		char b[8192];

		if (left <= 0) {
			fprintf(stderr, "harness: %s did not finish within %d ms\n", argv[1],
				RUN_TIMEOUT_MS);
			kill(pid, SIGKILL);
			break;
		}
		if (p[0].fd < 0 && p[1].fd < 0)
			break;
		if (poll(p, 2, (int)left + 1) <= 0)
			continue;
		for (int i = 0; i < 2; i++) {
			int *fd = i ? &pe[0] : &po[0];
			ssize_t k;

			if (*fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			k = read(*fd, b, sizeof(b));
			if (k > 0) {
				buf_add(i ? &be : &bo, b, (size_t)k);
			} else if (k == 0 || errno != EINTR) {
				close(*fd);
				*fd = -1;
				open_fds--;
			}
		}
	}
	if (po[0] >= 0)
		close(po[0]);
	if (pe[0] >= 0)
		close(pe[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		rc = -1;
	else if (WIFEXITED(status))
		rc = WEXITSTATUS(status);
	else
		rc = 128 + WTERMSIG(status);
	if (tmp) {
		harness_rmtree(tmp);
		free(tmp);
	}
	*out = bo.p;
	*err = be.p;
	return rc;
}

struct srv *srv_one;
int srv_one_failed;

int srv_one_setup(void **state)
{
	(void)state;
	srv_one = srv_start(NULL);
	return srv_one ? 0 : -1;
}

int srv_one_teardown(void **state)
{
	int rc = 0;

	(void)state;
	if (srv_one && srv_stop(srv_one))
		rc = -1, srv_one_failed = 1;
	srv_one = NULL;
	return rc;
}

void srv_one_test_stop(void **state)
{
	struct srv *s = srv_one;

	(void)state;
	srv_one = NULL;
	assert_int_equal(srv_stop(s), 0);
}

int harness_run_keep(const char *const *args, const char *const *env, const char *cwd,
		     const char *input, char **out, char **err)
{
	free(*out);
	free(*err);
	*out = *err = NULL;
	return harness_run_input(args, env, cwd, input, out, err);
}

int harness_cli_keep(const char *dir, const char *input, const char *const *args,
		     char **out, char **err)
{
	char db[512];
	const char *env[] = { db, "CCREPO_LOG_LEVEL=error", NULL };

	snprintf(db, sizeof(db), "CCREPO_DB=%s/ccrepo.db", dir);
	return harness_run_keep(args, env, dir, input ? input : "", out, err);
}

int harness_cli(const char *dir, const char *input, const char *const *args, char *out,
		size_t size)
{
	char *o = NULL, *err = NULL;
	int rc = harness_cli_keep(dir, input, args, &o, &err);

	if (out) {
		snprintf(out, size, "%s", o ? o : "");
		out[strcspn(out, "\r\n")] = '\0';
	}
	if (rc)
		fprintf(stderr, "ccrepo %s %s: %s\n", args[0], args[1] ? args[1] : "",
			err ? err : "");
	free(o);
	free(err);
	return rc;
}

int harness_account(const char *dir, const char *name, const char *role, const char *org,
		    const char *country, const char *token_name, char *auth, size_t size)
{
	char token[160];

	if (harness_cli(dir, HARNESS_PASSWORD "\n", (const char *const[]){ "user", "add", name,
			"--role", role, "--org", org, "--password-stdin",
			country ? "--country" : NULL, country, NULL }, NULL, 0) ||
	    harness_cli(dir, "", (const char *const[]){ "user", "token", name, "--name",
			token_name, "--scope", "write", NULL }, token, sizeof(token)))
		return -1;
	snprintf(auth, size, "Authorization: Bearer %s\r\n", token);
	return 0;
}

void harness_done(struct srv *s, char *dir)
{
	if (s)
		srv_stop(s);
	harness_rmtree(dir);
	free(dir);
}

struct srv *harness_corpus_srv(const char *shared, char *cur, char *fp, size_t size)
{
	char cmd[4096], *dir = harness_tmpdir();
	const char *src = getenv("CCREPO_SRC");
	struct srv *s = NULL;

	if (!dir)
		return NULL;
	snprintf(cmd, sizeof(cmd), "CCREPO_BIN='%s' '%s/tests/relevance/load-corpus.sh' "
		 "'%s/ccrepo.db' '%s' >/dev/null", harness_bin(), src && *src ? src : ".", dir,
		 shared);
	if (system(cmd))
		fprintf(stderr, "load-corpus.sh failed: %s\n", cmd);
	else if (!harness_cli(dir, NULL, (const char *const[]){ "org", "add", "UNODC",
			      "--kind", "unodc", NULL }, NULL, 0) &&
		 !harness_cli(dir, NULL, (const char *const[]){ "org", "add", "KE-NA", "--kind",
			      "national_authority", "--country", "KE", NULL }, NULL, 0) &&
		 !harness_account(dir, "cora", "curator", "UNODC", NULL, "t", cur, size) &&
		 !harness_account(dir, "kamau", "focal_point", "KE-NA", "KE", "t", fp, size))
		s = srv_start_with(&(struct srv_options){ .dir = dir });
	free(dir);
	return s;
}
