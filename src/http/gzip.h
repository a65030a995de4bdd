/* gzip: compress response bodies for clients that accept it. */
#ifndef HTTP_GZIP_H
#define HTTP_GZIP_H
#include <stddef.h>

/* Whether a body of this type and size is worth compressing. */
int gzip_worth(const char *content_type, size_t len);
/* The gzip (RFC 1952) form of data; malloc'd, caller frees. NULL when it would not
 * be smaller. */
unsigned char *gzip_compress(const void *data, size_t len, size_t *out_len);
/* Whether an Accept-Encoding header value accepts gzip (not "gzip;q=0"). */
int gzip_accepted(const char *accept_encoding);

#endif
