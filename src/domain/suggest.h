/* suggest: instrument articles a national provision may implement, found from its
 * heading and text, for a curator to accept or reject (a suggestion is never a
 * mapping by itself).
 *
 * The phrases come from data/concepts.tsv (built into the binary): one row per
 * phrase, naming a concept, the articles that serve it, a language and the phrase as
 * it appears in statutes. A phrase matches whole words in any of the six languages,
 * whatever the hint: case, Latin accents, Cyrillic case and ё, Arabic diacritics,
 * tatweel, alef forms, ى and ة are folded; Arabic words lose the prefixes و and ال
 * (with ب, ك, ف, ل before it) as in Larkey's light10 stemmer; a word of a phrase also
 * matches an inflected form that shares all but its last one (five or six letters) or
 * two (seven or more) letters and adds at most three ("access" matches "accessed"
 * and "accès", not "accessibility"; "доступ" matches "доступа"). Each CJK character
 * is a word, so Chinese phrases match anywhere in a run of characters. A match inside
 * a longer match in the same field does not count.
 *
 * Score of an article: each matched phrase weighs 3 when in the heading plus 1 when
 * in the text; the phrases of an article, heaviest first, add up with halving weights
 * (w1 + w2/2 + w3/4 ...), and the score is raw / (raw + 3), in 0..1: a phrase in the
 * heading alone gives 0.5, in the text alone 0.25.
 *
 * suggest_work() suggests for a whole work with stricter rules (the provision's
 * language, the place of a phrase, the provision's role, whether the work is about
 * cybercrime at all); the importer uses it. The rules and their measured precision and
 * recall are at the end of suggest.c. */
#ifndef DOMAIN_SUGGEST_H
#define DOMAIN_SUGGEST_H
#include <stddef.h>

#include "core/err.h"
#include "core/lang.h"
#include "core/pool.h"

#define SUGGEST_MAX 8			/* suggestions returned at most */
#define SUGGEST_MAX_INPUT 65536		/* bytes of heading and of text examined */

struct suggestion {
	const char *instrument;	/* "coe-185"; static */
	int article;		/* 2 */
	double score;		/* 0 < score < 1 */
	const char *reason;	/* `heading: "unauthorised access"; text: "computer material"` */
	const char *phrase;	/* the phrase that weighed most: "unauthorised access";
				 * static, or in the pool */
	int in_heading;		/* a phrase matched in the heading */
};

/* One provision of a work for suggest_work(). */
struct suggest_item {
	const char *heading, *text;	/* either may be NULL */
	long parent;		/* index of its parent, before it in the array; -1 at the top */
	struct suggestion *sg;	/* out: up to SUGGEST_MAX, best first, in the pool */
	size_t n;		/* out: how many */
	const char *kind;	/* Akoma Ntoso element ("section", "chapter"), or NULL */
};

/* One row of data/concepts.tsv. */
struct suggest_phrase {
	const char *concept;	/* "illegal-access" */
	const char *articles;	/* "coe-185/2 un-cc/7" */
	enum lang lang;
	const char *phrase;	/* "unauthorised access" */
};

/* Suggest up to SUGGEST_MAX articles for a provision with this heading and text
 * (either may be NULL or empty; only the first SUGGEST_MAX_INPUT bytes of each are
 * examined; invalid UTF-8 separates words). *out receives them best first in an array
 * owned by p, reasons too (NULL when *n is 0). lang_hint, the provision's language
 * (or -1), only breaks ties in favour of articles matched by phrases of that
 * language. ERR_INTERNAL when the concept table did not load at all. */
int suggest_articles(pool *p, const char *heading, const char *text, enum lang lang_hint,
		     struct suggestion **out, size_t *n, struct err *e);

/* Suggest articles for every provision of one work, items[0..n) in document order,
 * with the rules that keep a curator from wrong suggestions (suggest.c explains them):
 * phrases match in the provision's language lang (-1: any) and their exact words in
 * another; a one-word phrase counts in the text only at its start; nothing under a
 * definitions, exception or report provision, only penalties under a penalty one;
 * the definition articles only where definitions are introduced; and in a work that
 * never names an offence or power in a heading (nor in the text of a few provisions),
 * only offences and powers named in a heading; an offence's provision loses other
 * articles named past its start; a container without text takes what its first child
 * or half its children suggest (not a chapter, part or crossheading: kind). Each
 * item's sg and n are set (reasons and arrays in p). ERR_INTERNAL when the concept
 * table did not load. */
int suggest_work(pool *p, struct suggest_item *items, size_t n, int lang, struct err *e);

/* The rows of data/concepts.tsv that loaded, in file order, and their number in *n;
 * static memory (the table is loaded once, on first use, thread-safely). For concept
 * search: the phrases of a concept in every language. */
const struct suggest_phrase *suggest_phrases(size_t *n);

/* ERR_OK when every row of data/concepts.tsv loaded; else ERR_INVALID with the first
 * problem ("data/concepts.tsv:12: no article coe-185/99") and the number of rows
 * left out in e. Each problem was also logged with log_error when the table loaded. */
int suggest_check(struct err *e);

#endif
