/* diff: a readable word-level difference between two versions of a text, for
 * showing how a provision changed between two versions of a law.
 *
 * Tokens: a run of word characters (ASCII letters and digits and any other UTF-8
 * sequence, including bytes that are not valid UTF-8), a run of white space (ASCII
 * space, tab, CR, LF, VT, FF and U+00A0, U+2000-U+200A, U+202F, U+205F, U+3000), or a
 * single punctuation mark (other ASCII, U+00A1-U+00BF, U+2010-U+2027, U+2030-U+205E).
 * A character of U+3001-U+9FFF (CJK), U+F900-U+FAFF or U+FF00-U+FFEF (full-width
 * forms) is a token by itself, since those scripts do not separate words by spaces.
 *
 * Words and punctuation are aligned first, so that a change of white space never
 * hides a kept word; the white space between two kept tokens is then kept or
 * replaced.
 *
 * Bounds: each text is at most DIFF_MAX_INPUT bytes. After the common prefix and
 * suffix are set aside, Myers' O(ND) algorithm (linear space, middle-snake
 * bisection) looks for the shortest edit script of at most about DIFF_MAX_EDITS
 * insertions and deletions of tokens other than white space, spending at most
 * DIFF_MAX_WORK steps (diagonals visited plus tokens compared). When either bound is
 * hit the middle is reported as replaced as a whole: common prefix, one deletion,
 * one insertion, common suffix. So a call costs O(|a| + |b| + DIFF_MAX_WORK) time
 * and O(|a| + |b|) memory: 10 to 30 ms for two unrelated 64 KiB texts on a 2020s
 * machine, well under 100 ms for any two texts. */
#ifndef DOMAIN_DIFF_H
#define DOMAIN_DIFF_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"

#define DIFF_MAX_INPUT 65536		/* bytes per text */
#define DIFF_MAX_EDITS 2000		/* tokens inserted plus deleted */
#define DIFF_MAX_WORK 8000000		/* steps of the search */

struct diff_op {
	enum diff_kind { DIFF_SAME, DIFF_DEL, DIFF_INS } kind;
	const char *text;	/* points into a (SAME, DEL) or b (INS); not NUL-terminated */
	size_t len;		/* never 0 */
};

enum diff_change { DIFF_UNCHANGED, DIFF_ADDED, DIFF_REMOVED, DIFF_CHANGED };

/* The difference from a to b (NUL-terminated; NULL counts as ""). *ops receives the
 * operations in text order in an array owned by p, *n their number (0 when both
 * texts are empty; one SAME op when they are equal). Op texts point into a and b, so
 * those must outlive the ops. Adjacent ops never have the same kind; within a change
 * the DEL comes before the INS, and the white space between changed words belongs to
 * the change (DEL "quick brown", INS "slow red" rather than two pairs). The SAME and DEL
 * texts in order concatenate to a, the SAME and INS texts to b. ERR_TOOLARGE when a
 * text is over DIFF_MAX_INPUT bytes. */
int diff_words(pool *p, const char *a, const char *b, struct diff_op **ops, size_t *n,
	       struct err *e);

/* Count the words (runs of word characters; each CJK character is one) inserted and
 * deleted by ops; punctuation and white space do not count. Either output may be
 * NULL. ERR_INVALID when ops is NULL and n is not 0, else ERR_OK. */
int diff_stats(const struct diff_op *ops, size_t n, size_t *inserted_words,
	       size_t *deleted_words);

/* How a provision changed from version a to version b: DIFF_ADDED when only a is
 * NULL, DIFF_REMOVED when only b is NULL, DIFF_UNCHANGED when both are NULL or the
 * texts are equal once runs of white space are collapsed and ends trimmed, else
 * DIFF_CHANGED. */
enum diff_change diff_classify(const char *a, const char *b);

/* "unchanged", "added", "removed" or "changed" (static). */
const char *diff_change_name(enum diff_change c);

#endif
