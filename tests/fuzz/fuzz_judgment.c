/* Fuzz target of import/judgment: any bytes go through judgment_sniff() and
 * judgment_parse() with no metadata. The result must be an error from the documented
 * set with a message that starts with the origin, or a judgment whose nodes have a
 * kind and a unique eId, paragraphs numbered 1, 2, 3... under the decision, and valid
 * UTF-8 strings. abort() otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "import/judgment.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s)
{
	if (s && !utf8_valid(s, strlen(s)))
		abort();
}

static void check(const struct doc *d)
{
	long next = 1;

	if (d->kind != DOC_JUDGMENT || !d->title || d->root->text)
		abort();
	check_text(d->title);
	check_text(d->court);
	check_text(d->parties);
	check_text(d->citation);
	if (d->date && strlen(d->date) != 10)
		abort();
	for (const struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n)) {
		char eid[32];

		if (!n->kind || !*n->kind || !n->eid || !*n->eid)
			abort();
		check_text(n->text);
		if (strcmp(n->kind, "paragraph"))
			continue;
		snprintf(eid, sizeof(eid), "para_%ld", next++);
		if (strcmp(n->eid, eid) || strcmp(n->parent->eid, "decision"))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc *d = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	(void)judgment_sniff((const char *)data, size);
	rc = judgment_parse((const char *)data, size, "fuzz.txt", NULL, &d, &e);
	if (rc != (int)e.code)
		abort();
	if (rc == ERR_OK) {
		if (!d)
			abort();
		check(d);
		doc_free(d);
	} else if (d || (rc != ERR_INVALID && rc != ERR_TOOLARGE) ||
		   strncmp(e.msg, "fuzz.txt: ", 10)) {
		abort();
	}
	return 0;
}
