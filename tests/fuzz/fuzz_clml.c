/* Fuzz target of import/clml: the input is a CLML document. A parsed doc must hold
 * only nodes with a kind and an eId, unique across the doc, nested no deeper than
 * CLML_MAX_DEPTH, with valid UTF-8 strings and an /akn/gb/act/ work URI; a refusal
 * must be ERR_INVALID or ERR_TOOLARGE with a message that starts with the origin.
 * clml_sniff() must not read past the input. abort() otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "import/clml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s)
{
	if (s && (!*s || !utf8_valid(s, strlen(s))))
		abort();
}

static void check(const struct doc *d)
{
	size_t n = 0;

	if (!d->work_uri || strncmp(d->work_uri, "/akn/gb/act/", 12) || !d->country ||
	    strcmp(d->country, "GB") || !d->title || !d->date || !d->expr_date ||
	    d->root->text)
		abort();
	for (const struct doc_node *a = doc_next(d, d->root); a; a = doc_next(d, a)) {
		int depth = 0;

		if (!a->kind || !*a->kind || !a->eid || !*a->eid || ++n > CLML_MAX_NODES)
			abort();
		for (const struct doc_node *p = a->parent; p != d->root; p = p->parent)
			depth++;
		if (depth >= CLML_MAX_DEPTH)
			abort();
		check_text(a->num);
		check_text(a->heading);
		check_text(a->text);
		if (n < 300)
			for (const struct doc_node *b = doc_next(d, a); b; b = doc_next(d, b))
				if (!strcmp(a->eid, b->eid))
					abort();
	}
	if (n != doc_count(d))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc *d = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	(void)clml_sniff((const char *)data, size);
	rc = clml_parse((const char *)data, size, "fuzz.xml", &d, &e);
	if (rc != (int)e.code)
		abort();
	if (rc == ERR_OK) {
		if (!d)
			abort();
		check(d);
		doc_free(d);
	} else if (d || (rc != ERR_INVALID && rc != ERR_TOOLARGE) ||
		   strncmp(e.msg, "fuzz.xml", 8)) {
		abort();
	}
	return 0;
}
