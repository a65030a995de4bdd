/* Slow clients and connection limits (issue 10, defect 6). A client that trickles its
 * request a byte at a time is never idle, so --timeout alone kept it forever; 1,000 of
 * them stopped the service, and 1,000 idle ones delayed a normal client by seconds.
 * Now the headers and the body each have a deadline (--header-timeout,
 * --body-timeout), one address may hold only --max-per-address connections, and the
 * others keep being served meanwhile.
 *
 * The slow connections come from other loopback addresses (127.0.0.3, 127.0.2.x: the
 * whole 127/8 reaches this machine) so that the normal client, from 127.0.0.1, is
 * another address, as a visitor would be. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "integration/harness.h"

#define HEADER_S 2
#define BODY_S 3
#define PER_ADDRESS 40

static struct srv *S;

static int group_setup(void **state)
{
	static const char *const args[] = { "--header-timeout", "2", "--body-timeout", "3",
					    "--max-per-address", "40", "--max-connections", "600",
					    NULL };

	(void)state;
	S = srv_start(args);
	return S ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	if (S)
		srv_stop(S);
	S = NULL;
	return 0;
}

/* A non-blocking connection to the server from source address src, or -1. */
static int connect_from(const char *src)
{
	struct sockaddr_in a, b;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -1;
	memset(&b, 0, sizeof(b));
	b.sin_family = AF_INET;
	inet_pton(AF_INET, src, &b.sin_addr);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)S->port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&b, sizeof(b)) ||
	    (connect(fd, (struct sockaddr *)&a, sizeof(a)) && errno != EINPROGRESS)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Whether the server has closed fd (a read sees the end or an error), without waiting. */
static int is_closed(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[512];
	ssize_t n;

	if (poll(&p, 1, 0) <= 0)
		return 0;
	if (p.revents & (POLLERR | POLLHUP))
		return 1;
	while ((n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
		;
	return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
}

/* One byte of a never-ending request (each call sends the next). */
static void trickle(int fd, size_t *at)
{
	static const char req[] = "GET /countries HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				  "X-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
				  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";

	if (send(fd, req + *at % (sizeof(req) - 1), 1, MSG_NOSIGNAL | MSG_DONTWAIT) == 1)
		(*at)++;
}

/* A trickle of headers, one byte every 200 ms (never idle for --timeout): closed
 * after the header deadline, not before. */
static void test_trickled_headers_cut(void **state)
{
	int fd = connect_from("127.0.0.1");
	size_t at = 0;
	double t0 = harness_now_ms(), closed = -1;

	(void)state;
	assert_true(fd >= 0);
	while (harness_now_ms() - t0 < (HEADER_S + 3) * 1000) {
		trickle(fd, &at);
		usleep(200 * 1000);
		if (is_closed(fd)) {
			closed = harness_now_ms() - t0;
			break;
		}
	}
	close(fd);
	if (closed < 0)
		fail_msg("a connection trickling its headers is open after %d s", HEADER_S + 3);
	print_message("# trickled headers: closed after %.0f ms (%zu bytes sent)\n", closed, at);
	assert_true(closed >= HEADER_S * 1000 - 300);
	assert_true(closed <= HEADER_S * 1000 + 1000);
}

/* The headers in time, then a body of 100 bytes a byte every 200 ms: closed after
 * the body deadline. */
static void test_trickled_body_cut(void **state)
{
	static const char head[] = "POST /api/v1/countries/resolve HTTP/1.1\r\nHost: x\r\n"
				   "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n";
	int fd = connect_from("127.0.0.1");
	double t0, closed = -1;

	(void)state;
	assert_true(fd >= 0);
	usleep(50 * 1000);
	assert_int_equal(net_send(fd, head, sizeof(head) - 1), 0);
	t0 = harness_now_ms();
	while (harness_now_ms() - t0 < (BODY_S + 3) * 1000) {
		send(fd, " ", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
		usleep(200 * 1000);
		if (is_closed(fd)) {
			closed = harness_now_ms() - t0;
			break;
		}
	}
	close(fd);
	if (closed < 0)
		fail_msg("a connection trickling its body is open after %d s", BODY_S + 3);
	print_message("# trickled body: closed after %.0f ms\n", closed);
	assert_true(closed >= BODY_S * 1000 - 300);
	assert_true(closed <= BODY_S * 1000 + 1000);
}

#define ONE_ADDRESS 240		/* from 127.0.0.3: all but PER_ADDRESS are refused */
#define SPREAD 50		/* addresses 127.0.2.1 ... */
#define PER_SPREAD 4		/* connections from each */
#define NSLOW (ONE_ADDRESS + SPREAD * PER_SPREAD)
/* the longest a normal client may wait meanwhile: 100 ms; the sanitizers' server
 * (make test SANITIZE=1) does the same work several times slower */
#if defined(__SANITIZE_ADDRESS__)
#define NORMAL_MS 300
#else
#define NORMAL_MS 100
#endif

/* 440 slow connections, half idle and half trickling, from one address and from
 * fifty: a normal client is served within NORMAL_MS all along; the one address gets only
 * its share; every slow connection is closed soon after the header deadline. */
static void test_many_slow_clients(void **state)
{
	static int fds[NSLOW];
	static size_t at[NSLOW];
	static double closed_at[NSLOW];
	double t0, worst = 0, sum = 0;
	int refused = 0, open_from_one = 0, nreq = 0, still_open = 0;

	(void)state;
	for (int i = 0; i < NSLOW; i++) {
		char src[32];

		if (i < ONE_ADDRESS)
			snprintf(src, sizeof(src), "127.0.0.3");
		else
			snprintf(src, sizeof(src), "127.0.2.%d", 1 + (i - ONE_ADDRESS) % SPREAD);
		fds[i] = connect_from(src);
		assert_true(fds[i] >= 0);
		closed_at[i] = -1;
	}
	t0 = harness_now_ms();
	/* for the header deadline and a second more: trickle, and time a normal client */
	while (harness_now_ms() - t0 < (HEADER_S + 1.5) * 1000) {
		struct http_response *r;
		double a, ms;

		for (int i = 0; i < NSLOW; i++) {
			if (closed_at[i] >= 0)
				continue;
			if (i % 2)
				trickle(fds[i], &at[i]);
			if (is_closed(fds[i]))
				closed_at[i] = harness_now_ms() - t0;
		}
		a = harness_now_ms();
		r = http_get(S, "/countries/KE", NULL);
		ms = harness_now_ms() - a;
		assert_status(r, 200);
		http_response_free(r);
		worst = ms > worst ? ms : worst;
		sum += ms;
		nreq++;
		usleep(100 * 1000);
	}
	for (int i = 0; i < NSLOW; i++) {
		if (i < ONE_ADDRESS && closed_at[i] >= 0 && closed_at[i] < 1000)
			refused++;
		if (i < ONE_ADDRESS && (closed_at[i] < 0 || closed_at[i] >= 1000))
			open_from_one++;
		if (closed_at[i] < 0 && !is_closed(fds[i]))
			still_open++;
		close(fds[i]);
	}
	print_message("# %d slow connections: normal client %d requests, mean %.1f ms, max "
		      "%.1f ms; from one address %d kept, %d refused at once; %d open at the "
		      "end\n", NSLOW, nreq, sum / nreq, worst, open_from_one, refused, still_open);
	assert_true(worst < NORMAL_MS);
	assert_true(open_from_one <= PER_ADDRESS);
	assert_true(refused >= ONE_ADDRESS - PER_ADDRESS);
	assert_int_equal(still_open, 0);
	assert_true(srv_healthy(S));
}

static void test_stop(void **state)
{
	struct srv *s = S;

	(void)state;
	S = NULL;
	assert_int_equal(srv_stop(s), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trickled_headers_cut),
		cmocka_unit_test(test_trickled_body_cut),
		cmocka_unit_test(test_many_slow_clients),
		cmocka_unit_test(test_stop),
	};

	return harness_exit(cmocka_run_group_tests(tests, group_setup, group_teardown));
}
