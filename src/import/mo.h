/* mo: a reader of GNU gettext .mo message catalogs (either byte order, revision 0 or
 * 1). The input is untrusted: every offset and length is checked against the image.
 * A catalog maps each msgid to its translation; plural entries keep the singular
 * msgid and the first translation; the header entry (empty msgid) and untranslated
 * entries (empty msgstr) are left out; of duplicate msgids the first one wins. */
#ifndef IMPORT_MO_H
#define IMPORT_MO_H
#include <stddef.h>

#include "core/err.h"

#define MO_MAX_SIZE (64u * 1024 * 1024)	/* bytes of a .mo file */
#define MO_MAX_STRINGS 1000000u		/* entries of a .mo file */

struct mo_catalog;

/* Parse the .mo image data[0..len) into *out (free with mo_free()). The catalog
 * keeps its own copy: data may be freed afterwards. ERR_INVALID when the image is
 * malformed, ERR_TOOLARGE over MO_MAX_SIZE bytes or MO_MAX_STRINGS strings; *out is
 * untouched on failure. */
int mo_parse(const void *data, size_t len, struct mo_catalog **out, struct err *e);
/* Read the file at path and parse it as mo_parse() does. ERR_IO (with the path and
 * the reason) when the file cannot be read. */
int mo_load(const char *path, struct mo_catalog **out, struct err *e);
/* The translation of msgid, or NULL when the catalog has none (or c is NULL). The
 * string belongs to the catalog and lives until mo_free(). */
const char *mo_lookup(const struct mo_catalog *c, const char *msgid);
/* Number of translations in the catalog (header and untranslated entries excluded). */
size_t mo_count(const struct mo_catalog *c);
/* Free the catalog and its strings. NULL is a no-op. */
void mo_free(struct mo_catalog *c);

#endif
