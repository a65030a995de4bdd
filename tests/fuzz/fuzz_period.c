/* Fuzz target: period parsing (period_parse). The input is split at the first two
 * '|' into span, from and to. Whatever it takes must be a real period: both ends real
 * dates that period_day reads, from <= to, at most 30 years, and the same period
 * read again from its two dates; a refusal must say which parameter. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *parts[3] = { NULL, NULL, NULL };
	struct period p, q;
	struct err e = { 0 };
	long a, b;

	memcpy(s, data, size);
	s[size] = '\0';
	parts[0] = s;
	for (int i = 1; i < 3 && parts[i - 1]; i++) {
		char *bar = strchr(parts[i - 1], '|');

		if (bar) {
			*bar = '\0';
			parts[i] = bar + 1;
		}
	}
	if (period_parse(parts[0], parts[1], parts[2], &p, &e) == ERR_OK) {
		if (period_day(p.from, &a) || period_day(p.to, &b) || a > b ||
		    period_days(&p) != b - a + 1 || b - a > 31 * 366)
			abort();
		err_clear(&e);
		if (period_parse(NULL, p.from, p.to, &q, &e) || strcmp(p.from, q.from) ||
		    strcmp(p.to, q.to))
			abort();
	} else if (strncmp(e.msg, "from:", 5) && strncmp(e.msg, "to:", 3) &&
		   strncmp(e.msg, "period:", 7)) {
		abort();
	}
	free(s);
	return 0;
}
