#include "import/mo.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "core/xalloc.h"

#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u
#define MO_HEADER_SIZE 28	/* magic, revision, N, O, T, S, H */

struct mo_entry {
	const char *id, *str;	/* point into the catalog's image */
	size_t seq;		/* position in the file: of equal msgids the first wins */
};

struct mo_catalog {
	char *image;		/* private copy of the file */
	struct mo_entry *ent;	/* sorted by id, ids unique */
	size_t n;
};

static uint32_t get32(const unsigned char *p, int be)
{
	if (be)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* The string of entry i of the table at offset tab (already checked to lie inside the
 * image). The string and the NUL that msgfmt writes after it must lie inside too. */
static int string_at(const unsigned char *img, size_t len, uint32_t tab, uint32_t i, int be,
		     const char *what, const char **s, struct err *e)
{
	const unsigned char *d = img + tab + (size_t)i * 8;
	uint32_t slen = get32(d, be), off = get32(d + 4, be);

	if (off >= len || slen >= len - off)
		return err_set(e, ERR_INVALID, "%s %u: offset %u, length %u beyond the end "
			       "(%zu)", what, i, off, slen, len);
	if (img[off + slen] != '\0')
		return err_set(e, ERR_INVALID, "%s %u: not NUL-terminated", what, i);
	*s = (const char *)img + off;
	return ERR_OK;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct mo_entry *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int mo_parse(const void *data, size_t len, struct mo_catalog **out, struct err *e)
{
	const unsigned char *h = data, *img;
	struct mo_catalog *c = NULL;
	uint32_t magic, rev, n, otab, ttab;
	size_t keep;
	int be, rc = ERR_OK;

	if (len > MO_MAX_SIZE)
		return err_set(e, ERR_TOOLARGE, ".mo catalog of %zu bytes is over %u bytes",
			       len, MO_MAX_SIZE);
	if (len < MO_HEADER_SIZE)
		return err_set(e, ERR_INVALID, ".mo catalog of %zu bytes is shorter than its "
			       "header", len);
	magic = get32(h, 0);
	if (magic == MO_MAGIC)
		be = 0;
	else if (magic == MO_MAGIC_SWAPPED)
		be = 1;
	else
		return err_set(e, ERR_INVALID, "not a .mo catalog (magic 0x%08x)", magic);
	rev = get32(h + 4, be);
	if (rev >> 16 > 1)
		return err_set(e, ERR_INVALID, "unsupported .mo revision %u.%u", rev >> 16,
			       rev & 0xffff);
	n = get32(h + 8, be);
	otab = get32(h + 12, be);
	ttab = get32(h + 16, be);
	if (n > MO_MAX_STRINGS)
		return err_set(e, ERR_TOOLARGE, ".mo catalog of %u strings is over %u", n,
			       MO_MAX_STRINGS);
	if (otab > len || (uint64_t)n * 8 > len - otab)
		return err_set(e, ERR_INVALID, "msgid table (offset %u, %u strings) beyond "
			       "the end", otab, n);
	if (ttab > len || (uint64_t)n * 8 > len - ttab)
		return err_set(e, ERR_INVALID, "msgstr table (offset %u, %u strings) beyond "
			       "the end", ttab, n);

	/* from here on read the private copy only */
	c = xcalloc(1, sizeof(*c));
	c->image = xmalloc(len);
	memcpy(c->image, data, len);
	img = (const unsigned char *)c->image;
	c->ent = xmalloc((size_t)n * sizeof(*c->ent));
	for (uint32_t i = 0; i < n; i++) {
		const char *id, *str;

		if ((rc = string_at(img, len, otab, i, be, "msgid", &id, e)) ||
		    (rc = string_at(img, len, ttab, i, be, "msgstr", &str, e)))
			goto out;
		/* the singular msgid and first msgstr end at the first NUL; skip the header
		 * (empty msgid) and untranslated entries */
		if (!*id || !*str)
			continue;
		c->ent[c->n].id = id;
		c->ent[c->n].str = str;
		c->ent[c->n].seq = i;
		c->n++;
	}
	/* msgfmt sorts the msgids, but nothing else promises it */
	qsort(c->ent, c->n, sizeof(*c->ent), cmp_entry);
	keep = 0;
	for (size_t i = 0; i < c->n; i++)
		if (!keep || strcmp(c->ent[keep - 1].id, c->ent[i].id))
			c->ent[keep++] = c->ent[i];
	c->n = keep;
	*out = c;
	c = NULL;
out:
	mo_free(c);
	return rc;
}

/* Read the whole file at path, at most limit bytes, into a buffer the caller frees. */
int mo_load(const char *path, struct mo_catalog **out, struct err *e)
{
	struct err pe;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if ((rc = file_read(path, MO_MAX_SIZE, &buf, &len, e)))
		return rc;
	err_clear(&pe);
	/* the message names the file it is about */
	if ((rc = mo_parse(buf, len, out, &pe)))
		err_set(e, rc, "%s: %s", path, pe.msg);
	free(buf);
	return rc;
}

/* bsearch's comparison of a msgid with an entry. */
static int by_id(const void *key, const void *ent)
{
	return strcmp(key, ((const struct mo_entry *)ent)->id);
}

const char *mo_lookup(const struct mo_catalog *c, const char *msgid)
{
	const struct mo_entry *m;

	if (!c || !c->n || !msgid)
		return NULL;
	m = bsearch(msgid, c->ent, c->n, sizeof(*c->ent), by_id);
	return m ? m->str : NULL;
}

size_t mo_count(const struct mo_catalog *c)
{
	return c ? c->n : 0;
}

void mo_free(struct mo_catalog *c)
{
	if (!c)
		return;
	free(c->ent);
	free(c->image);
	free(c);
}
