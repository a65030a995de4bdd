#include "core/utf8.h"

#include <stdint.h>
#include <string.h>

uint32_t utf8_decode(const unsigned char *s, size_t len, size_t *n)
{
	uint32_t c = s[0], cp;
	size_t k;

	*n = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xc2 && c <= 0xdf)
		k = 1, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		k = 2, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 3, cp = c & 0x07;
	else
		return UTF8_INVALID;
	if (len <= k)
		return UTF8_INVALID;
	for (size_t i = 1; i <= k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return UTF8_INVALID;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return UTF8_INVALID;
	*n = k + 1;
	return cp;
}

int utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n;

	while (i < len) {
		if (utf8_decode(s + i, len - i, &n) == UTF8_INVALID)
			return 0;
		i += n;
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

uint32_t utf8_latin_base(uint32_t cp)
{
	if (cp >= 0xc0 && cp <= 0x17f && latin_base[cp - 0xc0] != '*')
		return (unsigned char)latin_base[cp - 0xc0];
	return cp;
}

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
	cp = utf8_latin_base(cp);
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

void utf8_collate_key(const char *s, uint32_t *key)
{
	const unsigned char *p = (const unsigned char *)s;

	while ((*key++ = fold_next(&p)))
		;
}

/* What utf8_fold makes of code point cp: 0 to drop it, else its replacement. */
static uint32_t fold_cp(uint32_t cp)
{
	cp = utf8_latin_base(cp);
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x64b && cp <= 0x65f) || cp == 0x670 ||
	    cp == 0x640)
		return 0;		/* combining accents, Arabic vowel marks, tatweel */
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 0x20;
	if (cp == 0x401 || cp == 0x451)
		return 0x435;
	switch (cp) {
	case 0x622: case 0x623: case 0x625: return 0x627;	/* alef with madda, hamza */
	case 0x649: return 0x64a;				/* alef maksura */
	case 0x629: return 0x647;				/* teh marbuta */
	case 0x218: case 0x219: return 's';
	case 0x21a: case 0x21b: return 't';
	default: return cp;
	}
}

size_t utf8_fold(const char *in, size_t n, char *out)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, k = 0;

	while (i < n) {
		size_t len;
		uint32_t cp = utf8_decode(s + i, n - i, &len), f;

		if (cp == UTF8_INVALID) {
			out[k++] = (char)s[i++];
			continue;
		}
		f = fold_cp(cp);
		if (f == cp) {
			memcpy(out + k, s + i, len);
			k += len;
		} else if (f < 0x80) {
			if (f)
				out[k++] = (char)f;
		} else {		/* two-byte replacements of two-byte letters */
			out[k++] = (char)(0xc0 | (f >> 6));
			out[k++] = (char)(0x80 | (f & 0x3f));
		}
		i += len;
	}
	return k;
}

int utf8_is_cjk(uint32_t cp)
{
	return (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) ||
	       (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
}
