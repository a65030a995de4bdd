/* xalloc: allocation wrappers that abort on out-of-memory. */
#ifndef CORE_XALLOC_H
#define CORE_XALLOC_H
#include <stddef.h>

/* Like malloc/calloc/realloc/strdup, but never return NULL: print and abort. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
