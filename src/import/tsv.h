/* tsv: the tab-separated files of the project's reference data (data/README.md):
 * UTF-8, LF, a '#' header line, '#' comments, no quoting. */
#ifndef IMPORT_TSV_H
#define IMPORT_TSV_H
#include <stddef.h>

#include "core/err.h"

#define TSV_MAX_FIELDS 16
#define TSV_MAX_LINE 4096

/* Called once per data row with its fields (NUL-terminated copies valid during the
 * call). lineno counts from 1. Return non-zero (with e set) to stop. */
typedef int (*tsv_row_fn)(void *ud, int lineno, char **fields, int nfields, struct err *e);

/* Parse text (len bytes, need not be NUL-terminated). Every data row must have
 * exactly nfields fields; lines over TSV_MAX_LINE bytes, NUL bytes, CR and invalid
 * UTF-8 are ERR_INVALID with origin:line in the message. */
int tsv_parse(const char *text, size_t len, int nfields, const char *origin, tsv_row_fn cb,
	      void *ud, struct err *e);

#endif
