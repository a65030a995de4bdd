#include "http/gzip.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/xalloc.h"

#define GZIP_MIN 256

int gzip_worth(const char *ct, size_t len)
{
	static const char *const types[] = {
		"text/", "application/json", "application/problem+json",
		"application/xml", "application/atom+xml", "image/svg+xml",
		"application/javascript",
	};

	if (len < GZIP_MIN || !ct)
		return 0;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strncmp(ct, types[i], strlen(types[i])))
			return 1;
	return 0;
}

unsigned char *gzip_compress(const void *data, size_t len, size_t *out_len)
{
	z_stream z;
	unsigned char *out;
	size_t cap;

	memset(&z, 0, sizeof(z));
	if (len > 0x7fffffff || deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
					     Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	cap = deflateBound(&z, (uLong)len);
	out = xmalloc(cap);
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END || z.total_out >= len) {
		deflateEnd(&z);
		free(out);
		return NULL;
	}
	*out_len = z.total_out;
	deflateEnd(&z);
	return out;
}

int gzip_accepted(const char *ae)
{
	const char *p = ae;

	while (p && (p = strcasestr(p, "gzip"))) {
		const char *q = p + 4;

		/* a token boundary on both sides */
		if ((p == ae || p[-1] == ',' || p[-1] == ' ') &&
		    (*q == '\0' || *q == ',' || *q == ';' || *q == ' ')) {
			while (*q == ' ')
				q++;
			if (*q != ';')
				return 1;
			q++;
			while (*q == ' ')
				q++;
			if (strncmp(q, "q=0", 3))
				return 1;
			/* q=0, q=0.0, q=0.000 refuse; q=0.5 accepts */
			q += 3;
			if (*q == '.')
				for (q++; *q == '0'; q++)
					;
			return isdigit((unsigned char)*q);
		}
		p = q;
	}
	return 0;
}
