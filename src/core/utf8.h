/* utf8: validation of UTF-8 text from outside. */
#ifndef CORE_UTF8_H
#define CORE_UTF8_H
#include <stddef.h>

/* Whether s[0..len) is valid UTF-8 (no overlongs, surrogates or values > U+10FFFF). */
int utf8_valid(const char *s, size_t len);

#endif
