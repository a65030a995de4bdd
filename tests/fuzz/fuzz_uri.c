/* Fuzz target: Akoma Ntoso URIs with a version (legislation_split_uri). The work
 * part is a prefix of the input; a date, when given, is a real date. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/legislation.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *uri = malloc(size + 1);
	pool *p = pool_new();
	const char *work, *lang, *date;
	struct err e = { 0 };

	memcpy(uri, data, size);
	uri[size] = '\0';
	if (legislation_split_uri(p, uri, &work, &lang, &date, &e) == ERR_OK) {
		if (strncmp(uri, work, strlen(work)))
			abort();
		if (date && !record_date_valid(date))
			abort();
		if (lang && strlen(lang) != 3)
			abort();
	}
	pool_free(p);
	free(uri);
	return 0;
}
