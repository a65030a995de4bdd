/* query: the search query language, what a user types in the search box.
 *
 * Syntax (terms are ANDed; OR binds tighter than AND):
 *   word          any UTF-8 run without spaces, quotes or parentheses ("非法访问" too)
 *   "a phrase"    exact phrase; spaces inside are collapsed
 *   a OR b        alternatives; uppercase OR only ("or" is a word). `a OR b c` means
 *                 (a OR b) AND c. Parentheses are read as spaces: they are not needed
 *                 for OR and cannot nest groups.
 *   -word -"a b"  exclude a word or a phrase (never inside OR; not filters)
 *   pre*          prefix; at least 2 characters before the *
 *   name:value    filters; value may be quoted (region:"eastern africa"); | separates
 *                 alternatives (OR) within a filter; repeating a filter also means OR:
 *       country:KE|KEN   region:africa|014   type:legislation|case|lesson
 *       article:un-cc/7  year:2015  year:2015..2020  year:..2020  year:2015..
 *       lang:fr (ar zh en fr ru es)
 *   Any other letters-then-colon with a value (title:x, contry:KE) is an error naming
 *   the filters; a word ending in a colon ("note:") is a word.
 * Spaces are ASCII blanks, control characters and Unicode spaces (NBSP, U+3000, ...).
 * Tokens of ASCII punctuation only ("-", "&", "!!*") are dropped.
 * Limits: QUERY_MAX_BYTES of input, QUERY_MAX_TERMS terms, QUERY_MAX_FILTERS distinct
 * filter values (a type or a language counts once, a year range once). */
#ifndef DOMAIN_QUERY_H
#define DOMAIN_QUERY_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"

#define QUERY_MAX_BYTES 1000
#define QUERY_MAX_TERMS 32
#define QUERY_MAX_FILTERS 16

enum query_term_kind { QT_WORD, QT_PHRASE, QT_PREFIX };

/* Record kinds of the type: filter. */
enum {
	QUERY_TYPE_LEGISLATION = 1,
	QUERY_TYPE_CASE = 2,
	QUERY_TYPE_LESSON = 4,
};

struct query_term {
	enum query_term_kind kind;
	const char *text;	/* word, phrase words joined by one space, prefix without * */
	int exclude;
	int group;		/* same group: alternatives (OR); groups are ANDed */
};

struct query_article {
	const char *instrument;	/* "un-cc", lowercase */
	int number;		/* 1..9999 */
};

struct query {
	struct query_term *terms;	/* in the order typed; OR alternatives adjacent */
	size_t nterms;
	int ngroups;			/* groups are numbered 0..ngroups-1 */
	const char **countries;		/* uppercase alpha-2 or alpha-3, sorted, distinct */
	size_t ncountries;
	const char **regions;		/* M49 code (3 digits) or name as typed, ASCII
					   lowercased, spaces collapsed; sorted, distinct */
	size_t nregions;
	unsigned types;			/* QUERY_TYPE_* bits; 0 any */
	struct query_article *articles;	/* sorted, distinct */
	size_t narticles;
	int year_from, year_to;		/* 0 when open; equal for one year */
	unsigned langs;			/* bit (1u << enum lang) per language; 0 any */
};

/* Parse text (NUL-terminated UTF-8) into *out, allocated from p. Returns ERR_OK;
 * ERR_INVALID for malformed input and ERR_TOOLARGE over a limit, with a message in e
 * that names what is wrong and where (`unclosed quote after "illegal acc`). A query
 * must have a search term or a filter, and a positive term when it excludes. */
int query_parse(pool *p, const char *text, struct query **out, struct err *e);

/* A normalised text of q for caches and logs, which query_parse reads back to an
 * equal query: terms in order with single spaces, filters after them in a fixed order
 * with sorted values (`a OR b -"c d" pre* country:KE|UG type:case year:2015..`).
 * Allocated from p; "" for an empty query. */
const char *query_canonical(pool *p, const struct query *q);

/* The plain words of q for highlighting and concept lookup: positive words and the
 * words of positive phrases, in order, distinct (no excludes, no prefixes). *out is an
 * array from p (NULL when there are none); returns its length. */
size_t query_words(const struct query *q, const char ***out, pool *p);

#endif
