/* Fuzz target: the cookies of one response (resp_set_cookie). The input is a list
 * of Set-Cookie values, one per line, set in order on one struct resp, as handlers
 * and the server do (a sign-in with a stale session cookie clears it and sets two
 * more). However many are set, the list stays within RESP_MAX_COOKIES, holds each
 * name once, and holds for each name the last value that was accepted. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/pool.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t name_len(const char *v)
{
	return strcspn(v, "=;");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pool *p = pool_new();
	struct resp out;
	const char *accepted[64];	/* the last accepted value of each name */
	int naccepted = 0;
	const char *s = (const char *)data, *end = s + size;

	memset(&out, 0, sizeof(out));
	while (s < end && naccepted < 64) {
		const char *nl = memchr(s, '\n', (size_t)(end - s)), *le = nl ? nl : end;
		char *v = pool_alloc(p, (size_t)(le - s) + 1);
		size_t n;
		int rc, k;

		memcpy(v, s, (size_t)(le - s));
		v[le - s] = '\0';
		s = nl ? nl + 1 : end;
		rc = resp_set_cookie(&out, v);
		if (out.ncookies < 0 || out.ncookies > RESP_MAX_COOKIES)
			abort();
		n = name_len(v);
		for (k = 0; k < naccepted; k++)
			if (name_len(accepted[k]) == n && !strncmp(accepted[k], v, n))
				break;
		if (rc == ERR_OK) {
			if (!n || v[n] != '=')
				abort();	/* a value without a name was taken */
			accepted[k] = v;
			if (k == naccepted)
				naccepted++;
		} else if (n && v[n] == '=' && k < naccepted) {
			abort();	/* a name already set must be replaceable */
		}
	}
	/* each name once, with its last accepted value */
	if (out.ncookies != naccepted)
		abort();
	for (int i = 0; i < out.ncookies; i++) {
		int found = 0;

		for (int j = 0; j < naccepted; j++)
			found += out.cookies[i] == accepted[j];
		if (found != 1)
			abort();
	}
	pool_free(p);
	return 0;
}
