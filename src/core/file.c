#include "core/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

int file_read(const char *path, size_t limit, char **out, size_t *outlen, struct err *e)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc = ERR_OK;

	if (!f)
		return err_set(e, ERR_IO, "cannot open %s: %s", path, strerror(errno));
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > limit + 1)
				cap = limit + 1;
			buf = xrealloc(buf, cap);
		}
		len += fread(buf + len, 1, cap - len, f);
	} while (len <= limit && !feof(f) && !ferror(f));
	if (ferror(f)) {
		rc = err_set(e, ERR_IO, "cannot read %s: %s", path, strerror(errno));
		goto out;
	}
	if (len > limit) {
		rc = err_set(e, ERR_TOOLARGE, "%s is over %zu bytes", path, limit);
		goto out;
	}
	*out = buf;
	*outlen = len;
	buf = NULL;
out:
	free(buf);
	fclose(f);
	return rc;
}
