#include "core/utf8.h"

#include <stdint.h>
#include <string.h>

int utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + len;

	while (s < end) {
		unsigned c = *s;
		size_t n;
		uint32_t cp;

		if (c < 0x80) {
			s++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1, cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2, cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3, cp = c & 0x07;
		} else {
			return 0;
		}
		if ((size_t)(end - s) <= n)
			return 0;
		for (size_t i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		s += n + 1;
	}
	return 1;
}

/* Base letters of U+00C0..U+017F ('*' where there is none). */
static const char latin_base[] =
	"aaaaaaaceeeeiiiidnooooo*ouuuuyts"	/* U+00C0..U+00DF */
	"aaaaaaaceeeeiiiidnooooo*ouuuuyty"	/* U+00E0..U+00FF */
	"aaaaaaccccccccddddeeeeeeeeeegggg"	/* U+0100..U+011F */
	"gggghhhhiiiiiiiiiiiijjkkklllllll"	/* U+0120..U+013F */
	"lllnnnnnnnnnoooooooorrrrrrssssss"	/* U+0140..U+015F */
	"ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";	/* U+0160..U+017F */

/* Next code point of *s (advancing it), folded for sorting; 0 at the end. */
static unsigned fold_next(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned c = *p, cp;
	int n;

	if (!c)
		return 0;
	if (c < 0x80) {
		*s = p + 1;
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	}
	n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	cp = c & (0x3f >> n);
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80) { /* broken sequence: the byte as is */
			*s = p + 1;
			return c;
		}
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	*s = p + n + 1;
	if (cp >= 0xc0 && cp <= 0x17f && latin_base[cp - 0xc0] != '*')
		return (unsigned char)latin_base[cp - 0xc0];
	if (cp >= 0x410 && cp <= 0x42f)		/* Cyrillic capitals */
		return cp + 0x20;
	if (cp == 0x401 || cp == 0x451)		/* Ё ё sort with Е */
		return 0x435;
	return cp;
}

int utf8_collate(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	for (;;) {
		unsigned x = fold_next(&p), y = fold_next(&q);

		if (x != y)
			return x < y ? -1 : 1;
		if (!x)
			return strcmp(a, b);
	}
}
