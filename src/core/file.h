/* file: whole-file reads with a size limit. */
#ifndef CORE_FILE_H
#define CORE_FILE_H
#include <stddef.h>

#include "core/err.h"

/* Read the file at path into a malloc'd buffer (caller frees *out; not
 * NUL-terminated). ERR_IO when it cannot be read, ERR_TOOLARGE when it is over limit
 * bytes. */
int file_read(const char *path, size_t limit, char **out, size_t *outlen, struct err *e);

#endif
