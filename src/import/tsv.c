#include "import/tsv.h"

#include "core/utf8.h"

#include <string.h>

int tsv_parse(const char *text, size_t len, int nfields, const char *origin, tsv_row_fn cb,
	      void *ud, struct err *e)
{
	const char *p = text, *end = text + len;
	char line[TSV_MAX_LINE + 1];
	char *fields[TSV_MAX_FIELDS];
	int lineno = 0, rc;

	if (nfields < 1 || nfields > TSV_MAX_FIELDS)
		return err_set(e, ERR_INTERNAL, "%s: bad field count %d", origin, nfields);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		int k = 0;

		lineno++;
		if (n > TSV_MAX_LINE)
			return err_set(e, ERR_INVALID, "%s:%d: line longer than %d bytes", origin,
				       lineno, TSV_MAX_LINE);
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl ? nl + 1 : end;
		if (memchr(line, '\0', n) || memchr(line, '\r', n))
			return err_set(e, ERR_INVALID, "%s:%d: NUL or CR byte", origin, lineno);
		if (!utf8_valid(line, n))
			return err_set(e, ERR_INVALID, "%s:%d: invalid UTF-8", origin, lineno);
		if (n == 0 || line[0] == '#')
			continue;
		fields[k++] = line;
		for (char *c = line; *c; c++) {
			if (*c != '\t')
				continue;
			*c = '\0';
			if (k == TSV_MAX_FIELDS || k == nfields)
				return err_set(e, ERR_INVALID, "%s:%d: more than %d fields", origin,
					       lineno, nfields);
			fields[k++] = c + 1;
		}
		if (k != nfields)
			return err_set(e, ERR_INVALID, "%s:%d: %d fields, expected %d", origin,
				       lineno, k, nfields);
		if ((rc = cb(ud, lineno, fields, k, e)))
			return rc;
	}
	return ERR_OK;
}
