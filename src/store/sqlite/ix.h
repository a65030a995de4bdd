/* Private to the SQLite backend: the search index in memory (ix.c, ixq.c, ixsync.c).
 *
 * An inverted index of the rows of the FTS5 table "search", derived from it: the same
 * tokenizer (fts.c) gives the same tokens at the same positions, so a MATCH
 * expression means the same here as in FTS5, and ccrank()'s ranking is computed the
 * same way. FTS5 walks every match through the SQL engine to count facets and rank;
 * here a match set is a bitmap over dense document numbers, and the ranking runs over
 * arrays, with a bound that skips the costly closeness of words for rows that cannot
 * reach the page (exact: no sampling).
 *
 * Documents have dense numbers (dn) in the order they were added; a changed row is
 * removed (its number marked dead) and added again at the end, so that postings stay
 * sorted by appending. Dead numbers are dropped by ix_compact. The index is never
 * written anywhere: SQLite is the truth, the index is built from it at start and
 * brought up to date from search_changed (ixsync.c). */
#ifndef STORE_SQLITE_IX_H
#define STORE_SQLITE_IX_H
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "core/pool.h"
#include "store/sqlite/rank.h"

#define IX_MARK '\x1f'		/* tags and instructions start with it (fts.c) */
#define IX_COLS 6		/* lang, title, heading, body, tags, context */
#define IX_OFF_BITS 24		/* a position: column << IX_OFF_BITS | offset */
#define IX_OFF_MAX ((1u << IX_OFF_BITS) - 256)	/* offsets beyond are not indexed */
#define IX_TOKEN_MAX 32768	/* longer tokens are cut, as FTS5 does */

/* The tokenizer, as fts.c gives it: tokenize text[0..n) with FTS5_TOKENIZE_* flags,
 * calling cb for each token (FTS5's xToken). */
typedef int (*ix_token_cb)(void *ctx, int tflags, const char *tok, int ntok, int start,
			   int end);
struct ix_tokenizer {
	void *tok;
	int (*tokenize)(void *tok, void *ctx, int flags, const char *text, int n,
			ix_token_cb cb);
};

struct ix_term {
	uint32_t n, cap;	/* postings */
	uint32_t *doc;		/* document numbers, ascending */
	uint32_t *slot;		/* per posting (text terms; NULL for tags): its one
				   position | IX_INLINE, or the index in more of its
				   count, its weight (ix_wf) and its positions */
	uint32_t *more;
	uint32_t nmore, capmore;
	uint32_t key;		/* the term's bytes: chars + key */
	uint32_t len;
	/* the impact order (ix_impacts; text terms of IX_IMPACT_MIN postings or more):
	 * the postings [0, nimp) by weight (ix_wf), heaviest first, then by the row's
	 * length (capped at IX_IMPACT_LEN), shortest first, then by document. Weights
	 * are capped at IX_IMPACT_WF: a group of one capped weight holds wmax its
	 * largest. A posting past nimp was added after the order was made. */
	uint32_t *imp, nimp;
	struct ix_wgroup {
		uint32_t start, wmax;	/* its first place in imp, its heaviest weight */
	} *wg;			/* the groups of one weight, then one past the last */
	uint32_t nwg;
};
#define IX_IMPACT_MIN 8192
#define IX_IMPACT_LEN 4095
#define IX_IMPACT_WF 1023
#define IX_INLINE 0x80000000u

struct ix {
	/* documents */
	uint32_t ndocs, cap, nalive;
	int64_t *rowid;		/* search's row id */
	int64_t *record;	/* its record */
	uint32_t *len;		/* its tokens, every column (FTS5's column size -1) */
	uint64_t *alive;	/* bitmap */
	uint64_t total;		/* tokens of the live documents */
	uint32_t *map;		/* row id -> dn + 1 (open addressing, 0 empty) */
	size_t mapcap;
	/* terms */
	struct ix_term *terms;
	uint32_t nterms, capterms;
	uint32_t *thash;	/* term index + 1, open addressing */
	size_t thcap;
	char *chars;
	size_t nchars, capchars;
	long long generation;	/* of the search index the content is from */
	uint32_t impact_min;	/* terms with an impact order: this many postings or
				   more */
	uint32_t walk_min;	/* matches walked in impact order: this many or more */
	uint32_t walk_slack;	/* a walk looks at no more than a quarter of the
				   matches and this many, else they are all scored */
	/* the forms' impact orders made by queries: readers add to them under ulock;
	   only a writer (ix_compact, ix_impacts, ix_free) removes one */
	pthread_mutex_t ulock;
	struct ix_union *unions;
	uint32_t nunions;
};

/* The rows of a word's forms together (the word and its stems: a phrase's forms at
 * one position) in impact order, by their weight together (the weight of the union of
 * their positions), made on a first query and kept (ix_union). */
#define IX_UNION_FORMS 8
#define IX_UNIONS_MAX 32	/* kept at once */
struct ix_union {
	struct ix_union *next;
	uint32_t nterms, term[IX_UNION_FORMS];	/* the forms (term numbers), ascending */
	uint32_t ndocs;		/* documents when it was made: later ones are not in it */
	uint32_t n, *dn;	/* the rows, in impact order */
	uint32_t nwg;
	struct ix_wgroup *wg;	/* its groups of one weight, as a term's */
};

/* What ix_new gives impact_min, walk_min and walk_slack: IX_IMPACT_MIN, IX_WALK_MIN
 * twice (tests lower them, so that the walk is taken on a few rows). */
struct ix_tuning {
	uint32_t impact_min, walk_min, walk_slack;
};
extern struct ix_tuning ix_tuning;
#define IX_WALK_MIN 4096

/* A new empty index; ix_free frees one (NULL is fine). */
struct ix *ix_new(void);
void ix_free(struct ix *x);
/* Add the row rowid (of record) with column values col[0..IX_COLS) (lengths n[]; a
 * NULL value is empty), tokenized by t in document mode as FTS5 does: the row's
 * language column first, then the others in order. A row already there is replaced.
 * 0, or -1 when the tokenizer fails. */
int ix_add(struct ix *x, const struct ix_tokenizer *t, int64_t rowid, int64_t record,
	   const char *const col[IX_COLS], const int n[IX_COLS]);
/* Remove row rowid (nothing when absent). */
void ix_remove(struct ix *x, int64_t rowid);
/* The document number of a live row, or -1. */
int64_t ix_find(const struct ix *x, int64_t rowid);
/* Drop the dead documents and number the others again from 0 (when a quarter or
 * more are dead, ix_remove's callers do it). */
void ix_compact(struct ix *x);
/* Give back the room arrays grew into (after a build: growing doubles them), and
 * make every impact order again (ix_impacts). */
void ix_shrink(struct ix *x);
/* Make the impact order of each text term of x->impact_min postings or more that has
 * none, or whose postings added since are more than IX_IMPACT_MIN and an eighth of
 * those it covers (all: every one again); drop the unions likewise out of date (all:
 * every one). */
void ix_impacts(struct ix *x, int all);
/* Bytes the index holds in memory. */
size_t ix_bytes(const struct ix *x);
/* What x holds: live rows, terms, postings (of tags among them), positions kept
 * apart from their postings (a posting's one position is kept in it), bytes. */
struct ix_stats {
	size_t rows, terms, postings, tag_postings, positions, bytes;
};
void ix_stats(const struct ix *x, struct ix_stats *st);
/* The impact order of the terms t[0..n) together (2 to IX_UNION_FORMS of them,
 * each of impact_min postings or more), kept in x for the next queries: made now
 * unless kept already (a reader may call it under its read lock: it is the one part
 * of x a reader changes). NULL when IX_UNIONS_MAX are kept already. */
const struct ix_union *ix_union_get(const struct ix *x, const struct ix_term *const *t, int n);
/* The term with the bytes s[0..n), or NULL. */
const struct ix_term *ix_term_get(const struct ix *x, const char *s, size_t n);
/* Live documents with term t. */
uint32_t ix_term_df(const struct ix *x, const struct ix_term *t);
/* The positions of posting i of text term t into *pos (count returned; a tag: 0). */
uint32_t ix_positions(const struct ix_term *t, uint32_t i, const uint32_t **pos,
		      uint32_t *one);
/* The weight of posting i of text term t in halves: the sum of its positions' column
 * weights (rank_col_halves, rank.h), ccrank's f times two, read without its positions
 * (a tag: 0). */
static inline uint32_t ix_wf(const struct ix_term *t, uint32_t i)
{
	uint32_t s;

	if (!t->slot)
		return 0;
	s = t->slot[i];
	if (s & IX_INLINE)
		return rank_col_halves[(s & ~IX_INLINE) >> IX_OFF_BITS];
	return t->more[s + 1];
}

/* ---- queries (ixq.c) ---- */

/* A ranked query: an FTS5 MATCH expression as search.c writes them (quoted
 * strings with an optional trailing *, AND, OR, NOT, parentheses), ranked as
 * ccrank(k, any, spec) ranks it (fts.c). */
struct ix_query {
	const char *match;
	int k;			/* text phrases: the first k of the expression */
	const char *spec;	/* ccrank's spec */
	int want;		/* the best so many, ranked */
	/* document frequencies known for the first phrases (have[i]: df[i] holds it);
	 * filled for the others */
	int *have;
	double *df;
	size_t ndf;
	/* concept weights by row id (ascending), 1 for a row not listed */
	const long long *boost_id;
	const unsigned char *boost_w;
	size_t nboost;
};
struct ix_hit {
	int64_t rowid, record;
	double score;		/* lower is better, as ccrank's */
};
struct ix_result {
	long long total;
	int64_t *rowids;	/* every match (total of them) */
	struct ix_hit *top;	/* the best, best first (ties: earlier rows first) */
	size_t ntop;
	size_t scored;		/* rows scored or bounded: fewer than total when the best
				 * were found first (a walk in impact order) */
};
/* Run q on x (under the caller's read lock), tokenizing its strings with t (query
 * mode). 0 with *out filled from p; 1 when the expression is not of the kind this
 * evaluates (*why says what: the caller asks FTS5 instead); -1 out of memory. */
int ix_search(const struct ix *x, const struct ix_tokenizer *t, pool *p,
	      const struct ix_query *q, struct ix_result *out, const char **why);
/* A phrase's instance in a row: the phrase (in order of the expression), its first
 * token's offset in the column, its tokens. */
struct ix_inst {
	int phrase, off, size;
};
/* The instances FTS5 reports in column col of row rowid for match (the phrases it
 * reports a row of: those whose every AND above matched the row), by offset, then
 * phrase, into *out from p. 0; 1 with *why when the index cannot tell (the row is not
 * in it, the expression does not match it or is not of the kind ix_search takes, a
 * prefix). For snippets (ix_snippet). */
int ix_instances(const struct ix *x, const struct ix_tokenizer *t, pool *p, const char *match,
		 int64_t rowid, int col, struct ix_inst **out, size_t *n, const char **why);
/* The snippet of the column text[0..n) as FTS5's snippet() makes it with open, close,
 * ellipsis and a window of ntok tokens, from the column's instances in[0..nin)
 * (ix_instances) of nphrase phrases, the text tokenized by t as FTS5 does for its
 * auxiliary functions (snip.c). In p. */
char *ix_snippet(pool *p, const struct ix_tokenizer *t, const char *text, int n,
		 const struct ix_inst *in, size_t nin, int nphrase, const char *open,
		 const char *close, const char *ellipsis, int ntok);

/* Only parse match: 0 when ix_search would take it, 1 with *why otherwise. For the
 * fuzz target. */
int ix_parse_check(const char *match, pool *p, const char **why);

#endif
