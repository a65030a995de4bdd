#include "import/doc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct doc *doc_new(void)
{
	pool *p = pool_new();
	struct doc *d = pool_calloc(p, 1, sizeof(*d));

	d->pool = p;
	d->root = pool_calloc(p, 1, sizeof(*d->root));
	d->root->kind = "body";
	d->root->eid = "";
	return d;
}

void doc_free(struct doc *d)
{
	if (d)
		pool_free(d->pool);
}

struct doc_node *doc_add(struct doc *d, struct doc_node *parent, const char *kind,
			 const char *eid, const char *num, const char *heading, const char *text,
			 int line)
{
	struct doc_node *n = pool_calloc(d->pool, 1, sizeof(*n));

	if (!parent)
		parent = d->root;
	n->kind = pool_strdup(d->pool, kind ? kind : "section");
	n->eid = pool_strdup(d->pool, eid ? eid : "");
	n->num = pool_strdup(d->pool, num);
	n->heading = pool_strdup(d->pool, heading);
	n->text = pool_strdup(d->pool, text);
	n->line = line;
	n->parent = parent;
	if (parent->last)
		parent->last->next = n;
	else
		parent->first = n;
	parent->last = n;
	return n;
}

void doc_warn(struct doc *d, const char *fmt, ...)
{
	va_list ap;
	const char *msg;

	va_start(ap, fmt);
	msg = pool_vprintf(d->pool, fmt, ap);
	va_end(ap);
	if (d->nwarnings == d->capwarnings) {
		const char **bigger;

		d->capwarnings = d->capwarnings ? d->capwarnings * 2 : 16;
		bigger = pool_calloc(d->pool, d->capwarnings, sizeof(*bigger));
		if (d->nwarnings)
			memcpy(bigger, d->warnings, d->nwarnings * sizeof(*bigger));
		d->warnings = bigger;
	}
	d->warnings[d->nwarnings++] = msg;
}

struct doc_node *doc_next(const struct doc *d, const struct doc_node *n)
{
	if (n->first)
		return n->first;
	while (n && n != d->root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

size_t doc_count(const struct doc *d)
{
	size_t k = 0;

	for (const struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n))
		k++;
	return k;
}

static const struct {
	const char *kind, *prefix;
} eid_prefix[] = {
	{ "part", "part" }, { "subpart", "subpart" }, { "chapter", "chp" },
	{ "section", "sec" }, { "subsection", "subsec" }, { "article", "art" },
	{ "paragraph", "para" }, { "subparagraph", "subpara" }, { "point", "point" },
	{ "division", "dvs" }, { "title", "title" }, { "schedule", "sched" },
	{ "clause", "cl" }, { "item", "item" }, { "list", "list" },
};

const char *doc_make_eid(struct doc *d, const struct doc_node *parent, const char *kind,
			 const char *num, int ordinal)
{
	const char *prefix = kind;
	char numbuf[64];
	size_t k = 0;

	for (size_t i = 0; i < sizeof(eid_prefix) / sizeof(eid_prefix[0]); i++)
		if (!strcmp(kind, eid_prefix[i].kind))
			prefix = eid_prefix[i].prefix;
	/* "(1)" -> "1", "14A" -> "14A", "II." -> "II" */
	for (const char *s = num; s && *s && k < sizeof(numbuf) - 1; s++)
		if (isalnum((unsigned char)*s) || *s == '-')
			numbuf[k++] = *s;
	numbuf[k] = '\0';
	if (!k)
		snprintf(numbuf, sizeof(numbuf), "%d", ordinal);
	if (parent && parent->eid && parent->eid[0])
		return pool_printf(d->pool, "%s__%s_%s", parent->eid, prefix, numbuf);
	return pool_printf(d->pool, "%s_%s", prefix, numbuf);
}
