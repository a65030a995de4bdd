/* Fuzz target of domain/diff: the input split at its first NUL byte (or, without
 * one, in the middle) gives the two texts a and b. The ops must rebuild a from
 * SAME+DEL and b from SAME+INS, point into a or b, never be empty or follow one of
 * the same kind; the word counts and the classification must agree with them.
 * abort() otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether the ops other than those of kind skip concatenate to s (len bytes); those
 * of kind own (and SAME ops when own is DEL) must point into s. */
static int rebuilds(const struct diff_op *ops, size_t n, enum diff_kind skip,
		    enum diff_kind own, const char *s, size_t len)
{
	size_t at = 0;

	for (size_t i = 0; i < n; i++) {
		int inside = ops[i].kind == own ||
			     (own == DIFF_DEL && ops[i].kind == DIFF_SAME);

		if (ops[i].kind == skip)
			continue;
		if (ops[i].len > len - at || (inside && ops[i].text != s + at) ||
		    memcmp(ops[i].text, s + at, ops[i].len))
			return 0;
		at += ops[i].len;
	}
	return at == len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t alen = nul ? (size_t)(nul - data) : size / 2;
	char *a = malloc(alen + 1), *b = malloc(size - alen + 1);
	size_t blen, n, ins, del;
	struct diff_op *ops;
	struct err e;
	pool *p = pool_new();
	int rc;

	memcpy(a, data, alen);
	a[alen] = '\0';
	blen = size - alen - (nul != NULL);
	memcpy(b, data + alen + (nul != NULL), blen);
	b[blen] = '\0';
	blen = strlen(b);	/* up to a second NUL */

	err_clear(&e);
	rc = diff_words(p, a, b, &ops, &n, &e);
	if (alen > DIFF_MAX_INPUT || blen > DIFF_MAX_INPUT) {
		if (rc != ERR_TOOLARGE || e.code != ERR_TOOLARGE)
			abort();
		goto done;
	}
	if (rc != ERR_OK)
		abort();
	for (size_t i = 0; i < n; i++)
		if (!ops[i].len || (unsigned)ops[i].kind > DIFF_INS ||
		    (i && ops[i].kind == ops[i - 1].kind))
			abort();
	if (!rebuilds(ops, n, DIFF_INS, DIFF_DEL, a, alen) ||
	    !rebuilds(ops, n, DIFF_DEL, DIFF_INS, b, blen))
		abort();
	if ((n == 0) != (alen == 0 && blen == 0))
		abort();
	if (diff_stats(ops, n, &ins, &del) != ERR_OK)
		abort();
	if (!strcmp(a, b) && (n > 1 || ins || del || diff_classify(a, b) != DIFF_UNCHANGED))
		abort();
	if (diff_classify(a, b) == DIFF_UNCHANGED && (ins || del))
		abort();	/* only white space may differ */
	if (diff_classify(NULL, b) != DIFF_ADDED || diff_classify(a, NULL) != DIFF_REMOVED)
		abort();
done:
	pool_free(p);
	free(a);
	free(b);
	return 0;
}
