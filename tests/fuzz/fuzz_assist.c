/* Fuzz target: the parsers of technical assistance input (domain/assist.h).
 *   amounts (assist_amount_parse) for 0..4 minor digits: what is taken is exactly what
 *   a slow reference takes (digits, at most one point with 1..minor digits after it,
 *   a value of 1..ASSIST_MAX_AMOUNT minor units), with the reference's value, and
 *   written back (assist_amount_text) it reads as the same value;
 *   participants (assist_participants_parse, "police:f=3,m=2;judge:female=1"): a
 *   refusal names the field, and what is taken fills only counts of known roles and
 *   genders with the text given.
 * The first byte chooses the parser; the rest is the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/assist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the reference: the amount of s in minor units, or -1 */
static long long reference(const char *s, int minor)
{
	const char *dot = strchr(s, '.');
	size_t whole = dot ? (size_t)(dot - s) : strlen(s), frac = dot ? strlen(dot + 1) : 0;
	long long v = 0;

	if (!whole || strspn(s, "0123456789") != whole || (dot && (!frac ||
	    strspn(dot + 1, "0123456789") != frac || frac > (size_t)minor)))
		return -1;
	for (size_t i = 0; i < whole + (dot ? 1 + frac : 0); i++) {
		if (s[i] == '.')
			continue;
		if (v > (ASSIST_MAX_AMOUNT - (s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	for (size_t k = frac; k < (size_t)minor; k++) {
		if (v > ASSIST_MAX_AMOUNT / 10)
			return -1;
		v *= 10;
	}
	return v >= 1 && v <= ASSIST_MAX_AMOUNT ? v : -1;
}

static void amounts(const char *s)
{
	for (int minor = 0; minor <= 4; minor++) {
		pool *p = pool_new();
		struct err e = { 0 };
		long long got = -7, again = -7, want = reference(s, minor);
		int rc = assist_amount_parse("amount", s, minor, 0, &got, &e);

		if (rc ? want != -1 || strncmp(e.msg, "amount:", 7) : got != want)
			abort();
		if (!rc && (assist_amount_parse("amount", assist_amount_text(p, got, minor),
						minor, 0, &again, &e) || again != got))
			abort();
		pool_free(p);
	}
}

static void participants(const char *s)
{
	pool *p = pool_new();
	struct assist_training_in in;
	struct err e = { 0 };

	memset(&in, 0, sizeof(in));
	if (assist_participants_parse(p, s, &in, &e)) {
		if (strncmp(e.msg, "participants:", 13))
			abort();
	} else {
		for (int r = 0; r < AR_COUNT; r++)
			for (int g = 0; g < AG_COUNT; g++)
				if (in.count[r][g] && strlen(in.count[r][g]) > strlen(s))
					abort();
	}
	pool_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (!size)
		return 0;
	s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	if (data[0] & 1)
		participants(s);
	else
		amounts(s);
	free(s);
	return 0;
}
