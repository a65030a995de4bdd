/* Fuzz target of import/text: any bytes go through text_parse() with empty metadata.
 * The result must be an error from the documented set, or a doc whose tree is sound:
 * every string valid UTF-8, headings and nums on one line, every eId non-empty and
 * unique, parents consistent, line numbers within the input. abort() otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "import/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_str(const char *s, int oneline)
{
	size_t n;

	if (!s)
		return;
	n = strlen(s);
	if (!utf8_valid(s, n) || strchr(s, '\r') || (oneline && strchr(s, '\n')))
		abort();
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct text_meta meta;
	struct doc *d = NULL;
	struct err e;
	const char **eids;
	size_t lines = 1, n = 0, count;
	int rc;

	err_clear(&e);
	rc = text_parse((const char *)data, size, "fuzz.txt", &meta, &d, &e);
	if (rc != (int)e.code)
		abort();
	if (rc) {
		if ((rc != ERR_INVALID && rc != ERR_TOOLARGE) || d || !e.msg[0])
			abort();
		return 0;
	}
	if (!d || !d->root || d->root->parent)
		abort();
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	count = doc_count(d);
	eids = malloc((count ? count : 1) * sizeof(*eids));
	for (struct doc_node *x = doc_next(d, d->root); x; x = doc_next(d, x)) {
		const struct doc_node *c;

		if (!x->kind || !x->eid || !x->eid[0] || !x->parent || x->line < 1 ||
		    (size_t)x->line > lines || n == count)
			abort();
		for (c = x->parent->first; c && c != x; c = c->next)
			;
		if (!c)
			abort();	/* not among its parent's children */
		check_str(x->eid, 1);
		check_str(x->num, 1);
		check_str(x->heading, 1);
		check_str(x->text, 0);
		eids[n++] = x->eid;
	}
	if (n != count)
		abort();
	qsort(eids, n, sizeof(*eids), cmp_str);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(eids[i - 1], eids[i]))
			abort();
	free(eids);
	check_str(d->title, 1);
	for (size_t i = 0; i < d->nwarnings; i++)
		check_str(d->warnings[i], 1);
	doc_free(d);
	return 0;
}
