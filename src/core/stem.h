/* stem: Snowball stemming (libstemmer) for the UN languages that have a stemmer
 * (Arabic, English, French, Russian, Spanish; Chinese has none: it is searched by
 * character pairs), and a guess of the language of a short text such as a query. */
#ifndef CORE_STEM_H
#define CORE_STEM_H
#include <stddef.h>

#include "core/lang.h"

struct stemmer;

/* A set of stemmers, created on first use per language. Not thread-safe: one per
 * thread or connection. Never NULL (aborts when out of memory). */
struct stemmer *stem_new(void);
void stem_free(struct stemmer *st);

/* The stem of the lowercased word w[0..n) in language l, in *out (valid until the
 * next call on st) with its length; 0 when l has no stemmer or w is longer than
 * STEM_WORD_MAX bytes, 1 otherwise. Tuned for the law (tables in stem.c): English
 * words are respelled the British way first (offense as offence, authorized as
 * authorised: -ize/-ization as -ise/-isation, analyze as analyse; license, program,
 * defense, behavior, ...), and stems Snowball keeps apart within a family the law needs
 * together are joined (seizure/seize, disclosure/disclose, retention/retain,
 * storage/store, children/child; French accéder/accès). */
#define STEM_WORD_MAX 128
int stem_word(struct stemmer *st, enum lang l, const char *w, size_t n, const char **out,
	      size_t *outlen);

/* The most likely language of text (UTF-8): by script for Arabic, Chinese and
 * Russian; for Latin script, by accented letters and common words of English, French
 * and Spanish. *sure is set to 1 when the evidence is clear (a script, or a word or
 * letter found in one language only), 0 when the answer is the English default. */
enum lang stem_guess_lang(const char *text, int *sure);

#endif
