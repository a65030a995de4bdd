/* Fuzz target of import/clml: the input is a CLML document. A parsed doc must hold
 * only nodes with a kind and an eId, unique across the doc, nested no deeper than
 * CLML_MAX_DEPTH, with valid UTF-8 strings and an /akn/gb/act/ work URI; a refusal
 * must be ERR_INVALID or ERR_TOOLARGE with a message that starts with the origin.
 * clml_sniff() must not read past the input. abort() otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc_check.h"
#include "import/clml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct doc *d)
{
	if (!d->work_uri || strncmp(d->work_uri, "/akn/gb/act/", 12) || !d->country ||
	    strcmp(d->country, "GB") || !d->title || !d->date || !d->expr_date ||
	    d->root->text)
		abort();
	fuzz_check_tree(d, CLML_MAX_NODES, CLML_MAX_DEPTH);
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
