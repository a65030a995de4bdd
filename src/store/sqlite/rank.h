/* Private to the SQLite backend: the rules of ccrank(), the search ranking, shared by
 * FTS5's ranking function (fts.c) and the index in memory (ixq.c), which must give the
 * same scores (test_search and fuzz_ix compare them). */
#ifndef STORE_SQLITE_RANK_H
#define STORE_SQLITE_RANK_H

#define RANK_PHRASES_MAX 64	/* phrases ranked, concepts seen */
#define RANK_PROX_INST_MAX 1024	/* instances of a column looked at for closeness */
#define RANK_TIERS 16		/* the tier of the rows with every group of words */
#define RANK_CONCEPT_GAIN 1.5
#define RANK_COLS 6		/* lang, title, heading, body, tags, context */
#define RANK_COORD_UNIT 1e4	/* a row ranks by tier x RANK_COORD_UNIT + score */

/* The weight of each column of the search table; the same in halves (every weight
 * is a multiple of one half, so that a sum of them is exact in either form). */
extern const double rank_col_weight[RANK_COLS];
extern const unsigned rank_col_halves[RANK_COLS];

/* The query's groups as ccrank's spec gives them: per phrase its OR group (-1: an
 * exclusion or a concept's tag, or beyond the first k), and whether it is a concept's
 * tag. */
struct rank_groups {
	int k;			/* text phrases */
	int ngroups;
	signed char group[RANK_PHRASES_MAX];
	unsigned char concept[RANK_PHRASES_MAX];
};
/* spec (a word per phrase: its group number, "-" or "c"; NULL: each of the first k
 * phrases a group of its own) into g. */
void rank_spec(struct rank_groups *g, int k, const char *spec);

/* A sliding window over one column's instances (in offset order): the shortest span
 * of tokens that holds one instance of each of the m distinct phrases seen there. */
struct rank_window {
	int have[RANK_PHRASES_MAX];
	int distinct, best;	/* best: the shortest span, 0 none yet */
	int ph[RANK_PROX_INST_MAX], off[RANK_PROX_INST_MAX];
	int a, n;
};
/* Empty w for the next column. */
void rank_window_reset(struct rank_window *w);
/* Phrase's instance at offset into w (m: the distinct phrases of the column); past
 * RANK_PROX_INST_MAX instances, nothing. */
void rank_window_add(struct rank_window *w, int phrase, int offset, int m);

/* A row's tier: every group (coord of ngroups) RANK_TIERS; some of them, by their
 * share (matched) of the query's idf (idf_sum); none but a concept's tag of weight cw:
 * RANK_TIERS when the mapping is sure (3 or 4), else one less; else 0. */
int rank_tier(int coord, int ngroups, double matched, double idf_sum, int cw);
/* What a concept's mapping of weight cw (1..4; 0 none) adds to a row's score. */
double rank_concept_boost(int cw, double idf_sum);

#endif
