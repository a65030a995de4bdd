/* Fuzz target of the header parsers: Accept-Language (http_negotiate_lang),
 * Accept-Encoding (gzip_accepted) and If-None-Match (cache_etag_match), each on a
 * NUL-terminated copy of the input; the input split at its first newline also gives
 * an If-None-Match value and an ETag. Results must be in range; abort() otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/cache.h"
#include "http/gzip.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *nl;
	enum lang l;
	int r;

	memcpy(s, data, size);
	s[size] = '\0';
	l = http_negotiate_lang(s);
	if ((unsigned)l >= LANG_COUNT)
		abort();
	(void)gzip_accepted(s);	/* "whether": any non-zero is yes */
	r = cache_etag_match(s, "\"0123456789abcdef\"");
	if (r != 0 && r != 1)
		abort();
	/* a list that names the ETag matches wherever the input puts it */
	if ((nl = strchr(s, '\n'))) {
		*nl = '\0';
		r = cache_etag_match(s, nl + 1);
		if (r != 0 && r != 1)
			abort();
		if (nl[1] && !cache_etag_match(nl + 1, nl + 1) && nl[1] == '"' &&
		    !strchr(nl + 1, ',') && !strchr(nl + 1, ' ') && nl[strlen(nl + 1)] == '"')
			abort();	/* a quoted ETag must match itself */
	}
	free(s);
	return 0;
}
