/* Fuzz target: the strict number parser (num_parse). What it takes is exactly what a
 * slow reference takes: optional '-' (only when the range allows negatives), then
 * digits, with the value in range; and the value is the reference's. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The reference: the shape checked by hand, the value by strtoll (errno on overflow). */
static int reference(const char *s, long long min, long long max, long long *out)
{
	const char *d = s;
	size_t n;
	char *end;

	if (*d == '-' && min < 0)
		d++;
	n = strlen(d);
	if (!n || strspn(d, "0123456789") != n)
		return -1;
	while (n > 1 && *d == '0')
		d++, n--;
	if (n > 19)
		return -1;
	errno = 0;
	*out = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	return *out < min || *out > max ? -1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long long ranges[][2] = {
		{ 0, LLONG_MAX }, { 1, 500 }, { LLONG_MIN, LLONG_MAX }, { -10, 10 },
	};
	char *s = malloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		long long got = 7, want = 7;
		int a = num_parse(s, ranges[i][0], ranges[i][1], &got);
		int b = reference(s, ranges[i][0], ranges[i][1], &want);

		if (a != b || (!a && got != want) || (a && got != 7))
			abort();
	}
	free(s);
	return 0;
}
