/* Bad, hostile and heavy requests: each is answered right, and the server stays up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "integration/harness.h"

static struct srv *S;	/* --max-body 1k */
static struct srv *T;	/* --timeout 2 */

static int group_setup(void **state)
{
	static const char *const s_args[] = { "--max-body", "1k", NULL };
	static const char *const t_args[] = { "--timeout", "2", NULL };

	(void)state;
	S = srv_start(s_args);
	T = srv_start(t_args);
	return S && T ? 0 : -1;
}

static int teardown_failed;

/* Only when a test failed before test_stop_clean. */
static int group_teardown(void **state)
{
	(void)state;
	if (S && srv_stop(S))
		teardown_failed = 1;
	if (T && srv_stop(T))
		teardown_failed = 1;
	S = T = NULL;
	return teardown_failed ? -1 : 0;
}

/* Last: after all that, SIGTERM still stops both servers with status 0 and "stopped"
 * on stdout. */
static void test_stop_clean(void **state)
{
	struct srv *s = S, *t = T;
	int rs, rt;

	(void)state;
	S = T = NULL;
	rs = srv_stop(s);
	rt = srv_stop(t);
	assert_int_equal(rs, 0);
	assert_int_equal(rt, 0);
}

#define RESOLVE "/api/v1/countries/resolve"

static void still_up(const struct srv *s)
{
	if (!srv_healthy(s))
		fail_msg("the server no longer answers /healthz");
}

/* r is a problem document with this status; returns its detail. */
static char *problem(const struct http_response *r, int status)
{
	json_error_t e;
	json_t *j;
	char *detail;

	assert_status(r, status);
	assert_header_has(r, "Content-Type", "application/problem+json");
	j = json_loadb(r->body, r->body_len, 0, &e);
	if (!j)
		fail_msg("problem is not JSON: %.200s", r->body);
	assert_int_equal(json_integer_value(json_object_get(j, "status")), status);
	assert_true(json_is_string(json_object_get(j, "title")));
	assert_true(json_is_string(json_object_get(j, "detail")));
	detail = strdup(json_string_value(json_object_get(j, "detail")));
	json_decref(j);
	return detail;
}

static void expect_problem(struct http_response *r, int status, const char *detail_has)
{
	char *d = problem(r, status);

	if (detail_has && !strcasestr(d, detail_has))
		fail_msg("detail \"%s\" does not mention \"%s\"", d, detail_has);
	free(d);
	http_response_free(r);
}

static void test_bad_json(void **state)
{
	(void)state;
	expect_problem(http_post_json(S, RESOLVE, "{bad"), 400, "JSON");
	still_up(S);
	expect_problem(http_post_json(S, RESOLVE, "{\"codes\":[\"ke\""), 400, "JSON");
	still_up(S);
	/* invalid UTF-8 inside a JSON string */
	expect_problem(http_post_json(S, RESOLVE, "{\"codes\":[\"\xff\xfe\"]}"), 400, NULL);
	still_up(S);
}

static void test_json_not_object(void **state)
{
	(void)state;
	expect_problem(http_post_json(S, RESOLVE, "[1,2]"), 400, "object");
	expect_problem(http_post_json(S, RESOLVE, "\"ke\""), 400, NULL);
	expect_problem(http_post_json(S, RESOLVE, "{}"), 400, "codes");
	expect_problem(http_post_json(S, RESOLVE, "{\"codes\":\"ke\"}"), 400, "codes");
	still_up(S);
}

static void test_wrong_content_type(void **state)
{
	(void)state;
	expect_problem(http_request(S, "POST", RESOLVE, "Content-Type: text/plain\r\n",
				    "{\"codes\":[]}", 12), 415, NULL);
	expect_problem(http_request(S, "POST", RESOLVE,
				    "Content-Type: application/x-www-form-urlencoded\r\n",
				    "codes=ke", 8), 415, NULL);
	/* no Content-Type at all */
	expect_problem(http_request(S, "POST", RESOLVE, NULL, "{\"codes\":[]}", 12), 415, NULL);
	still_up(S);
	/* parameters on the right type are fine */
	{
		struct http_response *r = http_request(
			S, "POST", RESOLVE, "Content-Type: application/json; charset=utf-8\r\n",
			"{\"codes\":[\"KE\"]}", 16);

		assert_status(r, 200);
		assert_has(r->body, "\"alpha2\":\"KE\"");
		http_response_free(r);
	}
}

static void test_empty_body(void **state)
{
	(void)state;
	expect_problem(http_request(S, "POST", RESOLVE, "Content-Type: application/json\r\n",
				    "", 0), 400, "empty");
	/* no Content-Length at all */
	expect_problem(HTTP_RAW_STR(S, "POST " RESOLVE " HTTP/1.1\r\nHost: x\r\n"
				       "Content-Type: application/json\r\nConnection: close\r\n\r\n"),
		       400, NULL);
	still_up(S);
}

/* A JSON body of exactly n bytes. */
static char *json_body(size_t n)
{
	static const char head[] = "{\"codes\":[\"KE\"],\"pad\":\"", tail[] = "\"}";
	char *b = malloc(n + 1);

	assert_true(n >= sizeof(head) + sizeof(tail));
	memcpy(b, head, sizeof(head) - 1);
	memset(b + sizeof(head) - 1, 'x', n - (sizeof(head) - 1) - (sizeof(tail) - 1));
	memcpy(b + n - (sizeof(tail) - 1), tail, sizeof(tail) - 1);
	b[n] = '\0';
	return b;
}

static void test_body_limit_declared(void **state)
{
	char *body = json_body(1024);
	struct http_response *r;

	(void)state;
	/* exactly at the limit: accepted (the pad is ignored or refused, but not 413) */
	r = http_request(S, "POST", RESOLVE, "Content-Type: application/json\r\n", body, 1024);
	assert_true(r->status == 200 || r->status == 400);
	http_response_free(r);
	free(body);

	/* one byte over, body sent */
	body = json_body(1025);
	expect_problem(http_request(S, "POST", RESOLVE, "Content-Type: application/json\r\n",
				    body, 1025), 413, "1024");
	free(body);
	still_up(S);

	/* declared far too large, nothing sent: refused before reading the body */
	{
		double t0 = harness_now_ms();

		r = HTTP_RAW_STR(S, "POST " RESOLVE " HTTP/1.1\r\nHost: x\r\n"
				    "Content-Type: application/json\r\n"
				    "Content-Length: 10000000000\r\n\r\n");
		expect_problem(r, 413, NULL);
		assert_true(harness_now_ms() - t0 < 2000);
	}
	still_up(S);
}

static void test_body_limit_chunked(void **state)
{
	char *req = malloc(8192), chunk[600];
	size_t n;
	struct http_response *r;

	(void)state;
	memset(chunk, 'x', sizeof(chunk));
	n = (size_t)sprintf(req, "POST " RESOLVE " HTTP/1.1\r\nHost: x\r\n"
				 "Content-Type: application/json\r\n"
				 "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
	for (int i = 0; i < 4; i++) { /* 2400 bytes in 4 chunks */
		n += (size_t)sprintf(req + n, "%zx\r\n", sizeof(chunk));
		memcpy(req + n, chunk, sizeof(chunk));
		n += sizeof(chunk);
		memcpy(req + n, "\r\n", 2);
		n += 2;
	}
	memcpy(req + n, "0\r\n\r\n", 5);
	n += 5;
	r = http_raw(S, req, n);
	free(req);
	expect_problem(r, 413, NULL);
	still_up(S);

	/* a small chunked body is fine */
	r = HTTP_RAW_STR(S, "POST " RESOLVE " HTTP/1.1\r\nHost: x\r\n"
			    "Content-Type: application/json\r\n"
			    "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
			    "a\r\n{\"codes\":[\r\n6\r\n\"KE\"]}\r\n0\r\n\r\n");
	assert_status(r, 200);
	assert_has(r->body, "\"alpha2\":\"KE\"");
	http_response_free(r);
}

static void test_unknown_route(void **state)
{
	struct http_response *r = http_get(S, "/nowhere/at/all", NULL);

	(void)state;
	assert_status(r, 404);
	assert_header_has(r, "Content-Type", "text/html; charset=utf-8");
	assert_has(r->body, "</html>");
	http_response_free(r);
	expect_problem(http_get(S, "/api/v1/nowhere", NULL), 404, NULL);
	expect_problem(http_get(S, "/api/", NULL), 404, NULL);
	r = http_get(S, "/countries/KE/extra", NULL);
	assert_status(r, 404);
	http_response_free(r);
	still_up(S);
}

static void test_wrong_method(void **state)
{
	struct http_response *r;
	const char *allow;

	(void)state;
	r = http_request(S, "DELETE", "/countries", NULL, NULL, 0);
	assert_status(r, 405);
	allow = http_header(r, "Allow");
	assert_non_null(allow);
	assert_has(allow, "GET");
	assert_has(allow, "HEAD");
	assert_lacks(allow, "DELETE");
	assert_header_has(r, "Content-Type", "text/html");
	http_response_free(r);

	r = http_request(S, "POST", "/countries/KE", "Content-Type: application/json\r\n", "{}",
			 2);
	assert_status(r, 405);
	assert_non_null(http_header(r, "Allow"));
	assert_has(http_header(r, "Allow"), "GET");
	assert_lacks(http_header(r, "Allow"), "POST");
	http_response_free(r);

	r = http_request(S, "DELETE", "/api/v1/countries", NULL, NULL, 0);
	assert_non_null(http_header(r, "Allow"));
	expect_problem(r, 405, NULL);

	r = http_request(S, "BREW", "/countries", NULL, NULL, 0);
	assert_true(r->status == 405 || r->status == 501 || r->status == 400);
	http_response_free(r);
	still_up(S);
}

static void test_dot_segments(void **state)
{
	static const char *const reqs[] = {
		"GET /a/../countries HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /countries/../countries/KE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /countries/./KE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /static/../static/site.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /static/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /api/v1/.. HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		struct http_response *r = http_raw(S, reqs[i], strlen(reqs[i]));

		assert_status(r, 400);
		assert_lacks(r->body, "root:");
		http_response_free(r);
	}
	still_up(S);
}

static void test_invalid_utf8(void **state)
{
	static const char *const reqs[] = {
		"GET /countries/\xff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /countries/%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /countries/%C0%AF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /countries/%ED%A0%80 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /api/v1/countries/%FE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /countries/%01 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		struct http_response *r = http_raw(S, reqs[i], strlen(reqs[i]));

		assert_status(r, 400);
		http_response_free(r);
	}
	still_up(S);
}

static void test_nul_in_path(void **state)
{
	struct http_response *r;

	(void)state;
	/* decoded, %00 must not cut the path short: /countries%00x is not /countries */
	r = HTTP_RAW_STR(S, "GET /countries%00x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	assert_status(r, 400);
	http_response_free(r);
	r = HTTP_RAW_STR(S, "GET /countries/KE%00.html HTTP/1.1\r\nHost: x\r\n"
			    "Connection: close\r\n\r\n");
	assert_status(r, 400);
	http_response_free(r);
	still_up(S);
}

static void test_huge_request_line(void **state)
{
	size_t n = 64 * 1024;
	char *req = malloc(n + 100);
	struct http_response *r;
	size_t k;

	(void)state;
	k = (size_t)sprintf(req, "GET /");
	memset(req + k, 'a', n);
	k += n;
	k += (size_t)sprintf(req + k, " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	r = http_raw(S, req, k);
	assert_true(r->status == 414 || r->status == 431 || r->status == 400);
	http_response_free(r);
	still_up(S);

	/* a long query string too */
	k = (size_t)sprintf(req, "GET /countries?q=");
	memset(req + k, 'b', n);
	k += n;
	k += (size_t)sprintf(req + k, " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	r = http_raw(S, req, k);
	assert_true(r->status == 414 || r->status == 431 || r->status == 400);
	http_response_free(r);
	free(req);
	still_up(S);

	/* a path of 3000 bytes fits in memory but is refused by the path check */
	{
		char path[3100];
		struct http_response *r2;

		path[0] = '/';
		memset(path + 1, 'c', 3000);
		path[3001] = '\0';
		r2 = http_get(S, path, NULL);
		assert_status(r2, 400);
		http_response_free(r2);
	}
}

static void test_huge_header(void **state)
{
	size_t n = 64 * 1024;
	char *req = malloc(n + 200);
	struct http_response *r;
	size_t k;

	(void)state;
	k = (size_t)sprintf(req, "GET /countries HTTP/1.1\r\nHost: x\r\nX-Big: ");
	memset(req + k, 'a', n);
	k += n;
	k += (size_t)sprintf(req + k, "\r\nConnection: close\r\n\r\n");
	r = http_raw(S, req, k);
	assert_true(r->status == 431 || r->status == 400);
	http_response_free(r);
	still_up(S);

	/* many small headers adding up to 64 KiB */
	k = (size_t)sprintf(req, "GET /countries HTTP/1.1\r\nHost: x\r\n");
	while (k < n)
		k += (size_t)sprintf(req + k, "X-H%zu: %s\r\n", k, "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvv");
	k += (size_t)sprintf(req + k, "Connection: close\r\n\r\n");
	r = http_raw(S, req, k);
	assert_true(r->status == 431 || r->status == 400);
	http_response_free(r);
	free(req);
	still_up(S);
}

static void test_too_many_args(void **state)
{
	char path[1024];
	size_t k = (size_t)sprintf(path, "/countries?");
	struct http_response *r;

	(void)state;
	for (int i = 0; i < 32; i++)
		k += (size_t)sprintf(path + k, "%sa%d=1", i ? "&" : "", i);
	r = http_get(S, path, NULL);
	assert_status(r, 200);
	http_response_free(r);
	sprintf(path + k, "&a32=1");
	r = http_get(S, path, NULL);
	assert_status(r, 400);
	assert_has(r->body, "32");
	http_response_free(r);
	/* under /api/ the answer is a problem document */
	memmove(path + strlen("/api/v1"), path, strlen(path) + 1);
	memcpy(path, "/api/v1", strlen("/api/v1"));
	assert_true(!strncmp(path, "/api/v1/countries?a0=1&", 23));
	expect_problem(http_get(S, path, NULL), 400, "32");
	still_up(S);
}

static void test_garbage(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;
	} cases[] = {
		{ "garbage garbage garbage\r\n\r\n", 27 },
		{ "GARBAGE\r\n\r\n", 11 },
		{ "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\x00\x01\x02", 14 }, /* TLS */
		{ "\x00\x01\x02garbage\r\n\r\n", 14 },
		{ "GET / HTTP/9.9\r\nHost: x\r\n\r\n", 27 },
		{ "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 47 },
		{ "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 48 },
		{ "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n", 59 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int fd = net_connect(T->port);
		struct http_response *r;
		long closed_ms;

		assert_true(fd >= 0);
		net_send(fd, cases[i].bytes, cases[i].len);
		/* an error status, or the connection closed within the 2 s timeout */
		r = http_read(fd, 5000, 0);
		if (r->status && r->status < 400)
			fail_msg("case %zu: status %d for garbage", i, r->status);
		if (!r->status && !r->closed) {
			closed_ms = net_wait_closed(fd, 5000);
			if (closed_ms < 0)
				fail_msg("case %zu: connection still open after 10 s", i);
		}
		http_response_free(r);
		close(fd);
		still_up(T);
	}
}

/* RFC 9112 3.2: a server MUST answer 400 to an HTTP/1.1 request without Host. */
static void test_missing_host(void **state)
{
	struct http_response *r;

	(void)state;
	r = HTTP_RAW_STR(S, "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n");
	assert_status(r, 400);
	http_response_free(r);
	/* HTTP/1.0 needs no Host */
	r = HTTP_RAW_STR(S, "GET /healthz HTTP/1.0\r\n\r\n");
	assert_status(r, 200);
	http_response_free(r);
	still_up(S);
}

static void test_slow_client(void **state)
{
	static const char half[] = "GET /countries HTTP/1.1\r\nHost: x\r\nAccept: te";
	static const char slow_body[] = "POST " RESOLVE " HTTP/1.1\r\nHost: x\r\n"
					"Content-Type: application/json\r\n"
					"Content-Length: 100\r\n\r\n{\"codes\":";
	int fd = net_connect(T->port), fd2 = net_connect(T->port);
	double t0;
	long closed, closed2;

	(void)state;
	assert_true(fd >= 0 && fd2 >= 0);
	t0 = harness_now_ms();
	assert_int_equal(net_send(fd, half, sizeof(half) - 1), 0);
	assert_int_equal(net_send(fd2, slow_body, sizeof(slow_body) - 1), 0);
	/* other clients are served meanwhile */
	for (int i = 0; i < 5; i++) {
		struct http_response *r = http_get(T, "/countries/KE", NULL);

		assert_status(r, 200);
		http_response_free(r);
	}
	still_up(T);
	assert_true(harness_now_ms() - t0 < 1500);
	closed = net_wait_closed(fd, 6000);
	closed2 = net_wait_closed(fd2, 6000);
	if (closed < 0 || closed2 < 0)
		fail_msg("a stalled connection is still open 6 s later");
	/* not before the 2 s timeout, and soon after it */
	assert_true(harness_now_ms() - t0 >= 1500);
	assert_true(harness_now_ms() - t0 <= 5500);
	close(fd);
	close(fd2);
	still_up(T);
}

#define NCONC 200

struct conc {
	pthread_barrier_t *barrier;
	int status;
	size_t len;
	int has_ke;
};

static void *conc_worker(void *arg)
{
	struct conc *c = arg;
	struct http_response *r;

	pthread_barrier_wait(c->barrier);
	r = http_get(S, "/api/v1/countries", NULL);
	if (r) {
		c->status = r->status;
		c->len = r->body_len;
		c->has_ke = strstr(r->body, "\"alpha2\":\"KE\"") != NULL;
		http_response_free(r);
	}
	return NULL;
}

static void test_concurrent(void **state)
{
	pthread_t th[NCONC];
	struct conc c[NCONC];
	pthread_barrier_t barrier;
	pthread_attr_t attr;
	int ok = 0;

	(void)state;
	pthread_barrier_init(&barrier, NULL, NCONC);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	memset(c, 0, sizeof(c));
	for (int i = 0; i < NCONC; i++) {
		c[i].barrier = &barrier;
		assert_int_equal(pthread_create(&th[i], &attr, conc_worker, &c[i]), 0);
	}
	for (int i = 0; i < NCONC; i++)
		pthread_join(th[i], NULL);
	pthread_attr_destroy(&attr);
	pthread_barrier_destroy(&barrier);
	for (int i = 0; i < NCONC; i++) {
		if (c[i].status != 200 || !c[i].has_ke || c[i].len != c[0].len)
			fprintf(stderr, "client %d: status %d, %zu bytes\n", i, c[i].status,
				c[i].len);
		else
			ok++;
	}
	assert_int_equal(ok, NCONC);
	still_up(S);
}

static void test_head(void **state)
{
	static const char req[] = "HEAD /countries HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	int fd = net_connect(S->port);
	struct http_response *r;
	char extra[256];
	ssize_t n;
	size_t more = 0;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(net_send(fd, req, sizeof(req) - 1), 0);
	r = http_read(fd, 5000, 1);
	assert_status(r, 200);
	assert_header_has(r, "Content-Type", "text/html");
	assert_int_equal(r->body_len, 0);
	/* nothing follows the headers: the server closes without a body */
	assert_true(strstr(r->raw, "\r\n\r\n") + 4 == r->raw + r->raw_len);
	while ((n = read(fd, extra, sizeof(extra))) > 0)
		more += (size_t)n;
	assert_int_equal(more, 0);
	close(fd);
	http_response_free(r);
	still_up(S);
}

static void test_pipelined(void **state)
{
	static const char reqs[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
				   "GET /countries/KE HTTP/1.1\r\nHost: x\r\n\r\n"
				   "GET /api/v1/countries/FR HTTP/1.1\r\nHost: x\r\n"
				   "Connection: close\r\n\r\n";
	int fd = net_connect(S->port);
	struct http_response *r;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(net_send(fd, reqs, sizeof(reqs) - 1), 0);
	r = http_read(fd, 5000, 0);
	assert_status(r, 200);
	assert_has(r->body, "\"status\":\"ok\"");
	/* what came after the first response belongs to the next ones: read the rest */
	{
		size_t first = (size_t)(strstr(r->raw, "\r\n\r\n") + 4 - r->raw) + r->body_len;
		size_t rest_len = r->raw_len - first;
		char *rest = malloc(rest_len + 1);
		char tmp[65536];
		ssize_t n;

		memcpy(rest, r->raw + first, rest_len);
		while ((n = read(fd, tmp, sizeof(tmp))) > 0) {
			rest = realloc(rest, rest_len + (size_t)n + 1);
			memcpy(rest + rest_len, tmp, (size_t)n);
			rest_len += (size_t)n;
		}
		rest[rest_len] = '\0';
		assert_true(!strncmp(rest, "HTTP/1.1 200", 12));
		assert_has(rest, "<h1>Kenya</h1>");
		/* the third response follows the second */
		assert_has(strstr(rest, "</html>"), "HTTP/1.1 200");
		assert_has(strstr(rest, "</html>"), "\"alpha2\":\"FR\"");
		free(rest);
	}
	close(fd);
	http_response_free(r);
	still_up(S);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_json),
		cmocka_unit_test(test_json_not_object),
		cmocka_unit_test(test_wrong_content_type),
		cmocka_unit_test(test_empty_body),
		cmocka_unit_test(test_body_limit_declared),
		cmocka_unit_test(test_body_limit_chunked),
		cmocka_unit_test(test_unknown_route),
		cmocka_unit_test(test_wrong_method),
		cmocka_unit_test(test_dot_segments),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_nul_in_path),
		cmocka_unit_test(test_huge_request_line),
		cmocka_unit_test(test_huge_header),
		cmocka_unit_test(test_too_many_args),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_missing_host),
		cmocka_unit_test(test_slow_client),
		cmocka_unit_test(test_concurrent),
		cmocka_unit_test(test_head),
		cmocka_unit_test(test_pipelined),
		cmocka_unit_test(test_stop_clean),
	};
	int rc = cmocka_run_group_tests(tests, group_setup, group_teardown);

	return harness_exit(rc ? rc : teardown_failed);
}
