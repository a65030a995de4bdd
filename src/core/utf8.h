/* utf8: validation of UTF-8 text from outside. */
#ifndef CORE_UTF8_H
#define CORE_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Whether s[0..len) is valid UTF-8 (no overlongs, surrogates or values > U+10FFFF). */
int utf8_valid(const char *s, size_t len);
#define UTF8_INVALID 0xffffffffu

/* The code point at s[0..len) (len >= 1) and its length in *n; UTF8_INVALID with
 * *n = 1 when s does not start a valid sequence (overlong, surrogate, truncated,
 * beyond U+10FFFF). */
uint32_t utf8_decode(const unsigned char *s, size_t len, size_t *n);
/* Whether cp is written without spaces between words: CJK ideographs, kana, hangul
 * (U+2E80..U+9FFF, U+AC00..U+D7AF, U+F900..U+FAFF, U+20000..U+3FFFF). */
int utf8_is_cjk(uint32_t cp);
/* The base letter of a Latin letter of U+00C0..U+017F ('e' for U+00E9 and U+011A),
 * lowercase; cp itself outside that range and for the two signs in it (U+00D7 and
 * U+00F7). */
uint32_t utf8_latin_base(uint32_t cp);
/* Compare two UTF-8 strings for sorting names: case and the accents of Latin letters
 * are ignored first ("Réunion" sorts between "Qatar" and "Romania"), then bytes
 * break ties. Other scripts compare by code point. */
int utf8_collate(const char *a, const char *b);
/* The sort key of s as utf8_collate compares it: its folded code points, then 0, into
 * key (room for strlen(s) + 1). utf8_collate(a, b) has the sign of comparing the keys
 * (as arrays, the first difference), then strcmp(a, b). */
void utf8_collate_key(const char *s, uint32_t *key);

/* Fold the word in[0..n) for search: ASCII and Cyrillic lowercased, Latin letters
 * without their accents (U+00C0..U+017F and combining marks), Ё as Е, and Arabic
 * normalised (short vowels and tatweel dropped, alef forms as bare alef, alef maksura
 * as yeh, teh marbuta as heh). Writes at most n bytes to out (never more than in);
 * returns the length written. Invalid bytes are copied as they are. */
size_t utf8_fold(const char *in, size_t n, char *out);

#endif
