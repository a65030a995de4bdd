/* Fuzz target of import/tsv: the first byte chooses the field count (1..16) and the
 * row at which the callback stops; the rest is the text. Every row delivered must
 * have exactly that many fields of valid UTF-8 without tabs, CR or LF; abort()
 * otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "import/tsv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct state {
	int nfields, rows, stop_at, last_line;
};

static int row(void *ud, int lineno, char **fields, int nfields, struct err *e)
{
	struct state *st = ud;

	if (nfields != st->nfields || lineno <= st->last_line)
		abort();
	st->last_line = lineno;
	if (fields[0][0] == '#')
		abort();	/* a comment delivered as data */
	for (int i = 0; i < nfields; i++) {
		size_t n = strlen(fields[i]);

		if (n > TSV_MAX_LINE || strpbrk(fields[i], "\t\r\n") ||
		    !utf8_valid(fields[i], n))
			abort();
	}
	if (++st->rows == st->stop_at)
		return err_set(e, ERR_CONFLICT, "stop");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct state st = { 0, 0, 0, 0 };
	struct err e;
	int rc;

	if (!size)
		return 0;
	st.nfields = data[0] % 16 + 1;
	st.stop_at = data[0] >> 4;	/* 0: never */
	err_clear(&e);
	rc = tsv_parse((const char *)data + 1, size - 1, st.nfields, "fuzz.tsv", row, &st, &e);
	if (rc != (int)e.code || (rc == ERR_CONFLICT && st.rows != st.stop_at) ||
	    (rc && rc != ERR_CONFLICT && rc != ERR_INVALID))
		abort();
	return 0;
}
