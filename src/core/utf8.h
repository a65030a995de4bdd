/* utf8: validation of UTF-8 text from outside. */
#ifndef CORE_UTF8_H
#define CORE_UTF8_H
#include <stddef.h>

/* Whether s[0..len) is valid UTF-8 (no overlongs, surrogates or values > U+10FFFF). */
int utf8_valid(const char *s, size_t len);
/* Compare two UTF-8 strings for sorting names: case and the accents of Latin letters
 * are ignored first ("Réunion" sorts between "Qatar" and "Romania"), then bytes
 * break ties. Other scripts compare by code point. */
int utf8_collate(const char *a, const char *b);

#endif
