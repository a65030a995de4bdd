/* embed: files built into the binary (static/ and data/), see tools/embed.c. */
#ifndef CORE_EMBED_H
#define CORE_EMBED_H
#include <stddef.h>

/* The bytes of the embedded file at path ("data/articles.tsv"), or NULL when there is
 * none. The memory is static; len receives the size. */
const unsigned char *embed_find(const char *path, size_t *len);
/* The i-th embedded file (0 <= i < embed_count()); its path and bytes. */
size_t embed_count(void);
const char *embed_name(size_t i, const unsigned char **data, size_t *len);

#endif
