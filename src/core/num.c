/* The strict number parser: see num.h. */
#include <limits.h>

#include "core/num.h"

int num_parse(const char *s, long long min, long long max, long long *out)
{
	unsigned long long v = 0, lim;
	int neg = 0;

	if (!s || min > max)
		return -1;
	if (*s == '-' && min < 0)
		neg = 1, s++;
	if (!*s)
		return -1;
	/* the magnitude a negative or positive number may reach before the range check */
	lim = neg ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX;
	for (; *s; s++) {
		unsigned d = (unsigned char)*s - '0';

		if (d > 9 || v > (lim - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	if (neg) {
		long long n = v == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)v;

		if (n < min)
			return -1;
		*out = n;
	} else {
		if ((long long)v > max || (long long)v < min)
			return -1;
		*out = (long long)v;
	}
	return 0;
}

int num_int(const char *s, int min, int max, int *out)
{
	long long v;

	if (num_parse(s, min, max, &v))
		return -1;
	*out = (int)v;
	return 0;
}

long long num_id(const char *s)
{
	long long id;

	return num_parse(s, 1, LLONG_MAX, &id) ? 0 : id;
}
