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

static int text_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void doc_text_add(struct doc_text *t, const char *s)
{
	while (*s) {
		size_t n = 0;

		if (text_ws(*s)) {
			t->space = 1;
			s++;
			continue;
		}
		while (s[n] && !text_ws(s[n]))
			n++;
		if (t->sb.len) {
			if (t->brk)
				sbuf_adds(&t->sb, t->oneline ? " " : "\n\n");
			else if (t->space)
				sbuf_addc(&t->sb, ' ');
		}
		t->brk = t->space = 0;
		sbuf_add(&t->sb, s, n);
		s += n;
	}
}

void doc_text_break(struct doc_text *t)
{
	if (t->cell)
		t->space = 1;
	else
		t->brk = 1;
}

const char *doc_text_take(struct doc_text *t, pool *p)
{
	const char *r = t->sb.len ? pool_strndup(p, t->sb.buf, t->sb.len) : NULL;

	sbuf_reset(&t->sb);
	t->space = t->brk = 0;
	return r;
}

static size_t ids_hash(const char *s)
{
	size_t h = 1469598103934665603u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

int doc_ids_add(struct doc_ids *set, const char *id)
{
	size_t i;

	if ((set->n + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 1024;
		const char **slots = xcalloc(cap, sizeof(*slots));

		for (size_t k = 0; k < set->cap; k++) {
			if (!set->slots[k])
				continue;
			for (i = ids_hash(set->slots[k]) & (cap - 1); slots[i];
			     i = (i + 1) & (cap - 1))
				;
			slots[i] = set->slots[k];
		}
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	for (i = ids_hash(id) & (set->cap - 1); set->slots[i]; i = (i + 1) & (set->cap - 1))
		if (!strcmp(set->slots[i], id))
			return 0;
	set->slots[i] = id;
	set->n++;
	return 1;
}

void doc_ids_free(struct doc_ids *set)
{
	free(set->slots);
	memset(set, 0, sizeof(*set));
}
