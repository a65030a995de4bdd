/* Fuzz target of import/akn: the input is an Akoma Ntoso document. A parsed doc
 * must hold only nodes with a kind and an eId, unique across the doc, nested no
 * deeper than AKN_MAX_DEPTH; a refusal must be ERR_INVALID or ERR_TOOLARGE with a
 * message that starts with the origin. abort() otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc_check.h"
#include "import/akn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct doc *d)
{
	if (!d->work_uri || strncmp(d->work_uri, "/akn/", 5) || !d->country ||
	    strlen(d->country) != 2 || !d->type || !d->title || d->root->text)
		abort();
	fuzz_check_tree(d, AKN_MAX_NODES, AKN_MAX_DEPTH);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc *d = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = akn_parse((const char *)data, size, "fuzz.xml", &d, &e);
	if (rc != (int)e.code)
		abort();
	if (rc == ERR_OK) {
		if (!d)
			abort();
		check(d);
		doc_free(d);
	} else if (d || (rc != ERR_INVALID && rc != ERR_TOOLARGE) ||
		   strncmp(e.msg, "fuzz.xml:", 9)) {
		abort();
	}
	return 0;
}
