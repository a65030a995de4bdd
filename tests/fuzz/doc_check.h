/* What the fuzz targets of the XML importers (fuzz_akn, fuzz_clml) ask of every doc
 * they parse: each node with a kind and an eId, the eIds unique (checked pairwise on
 * the first 300 nodes), nesting below max_depth, at most max_nodes nodes, every num,
 * heading and text valid UTF-8 and not empty, and doc_count() right. abort()
 * otherwise. Header only: each target is one program. */
#ifndef FUZZ_DOC_CHECK_H
#define FUZZ_DOC_CHECK_H
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "import/doc.h"

static void fuzz_check_text(const char *s)
{
	if (s && (!*s || !utf8_valid(s, strlen(s))))
		abort();
}

static void fuzz_check_tree(const struct doc *d, size_t max_nodes, int max_depth)
{
	size_t n = 0;

	for (const struct doc_node *a = doc_next(d, d->root); a; a = doc_next(d, a)) {
		int depth = 0;

		if (!a->kind || !*a->kind || !a->eid || !*a->eid || ++n > max_nodes)
			abort();
		for (const struct doc_node *p = a->parent; p != d->root; p = p->parent)
			depth++;
		if (depth >= max_depth)
			abort();
		fuzz_check_text(a->num);
		fuzz_check_text(a->heading);
		fuzz_check_text(a->text);
		if (n < 300)
			for (const struct doc_node *b = doc_next(d, a); b; b = doc_next(d, b))
				if (!strcmp(a->eid, b->eid))
					abort();
	}
	if (n != doc_count(d))
		abort();
}

#endif
