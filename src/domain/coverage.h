/* coverage: how far each country's law covers the articles of the instruments (gap
 * analysis, DESIGN capability 4, issue 14), at any date, with its evidence; scores
 * per country, category, region and the world; the timeline of a country; and the
 * assessments ("the law has no such provision") and disputes that curators and focal
 * points record.
 *
 * The rules, in one place (coverage.c):
 *   - counted articles: those of the categories in cov_categories[] (not definitions,
 *     final clauses, assistance or prevention); our data files "sanctions" under
 *     liability (coe-185/13, un-cc/21);
 *   - COV_COVERED: a published law of the country (that the connection's clearance
 *     reads) has, in its version in force at the date, a provision mapped (accepted)
 *     to the article `full`; COV_PARTLY: only `partial` mappings;
 *   - derived: a mapping to an article counts for its counterparts through the
 *     cross-walk rows of relation "equivalent" (coe-185/2 <-> un-cc/7). A cell's status
 *     is the best of direct and derived; it is marked derived when the best comes only
 *     through the cross-walk;
 *   - COV_NOT: no evidence, and an assessment (not withdrawn, as_of on or before the
 *     date) says the law has no such provision. Evidence wins over an assessment: the
 *     assessment stays on the cell (conflict set);
 *   - COV_UNKNOWN: nothing. Unknown is never a gap.
 * The version in force at a date is the rule of the law pages (legislation_as_of):
 * the latest version dated on or before it that is not pending, in the work's own
 * language when it has one by then, else in any language; and none when that
 * version's last valid day (valid_to) is before the date.
 *
 * All computing is reads: one query gathers the evidence rows, the rest is C. */
#ifndef DOMAIN_COVERAGE_H
#define DOMAIN_COVERAGE_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/country.h"
#include "domain/instrument.h"

struct store;
struct actor;

/* The statuses, ordered: a better one compares greater. */
enum cov_status { COV_UNKNOWN, COV_NOT, COV_PARTLY, COV_COVERED, COV_STATUS_COUNT };

/* The score, as pages and the API write it. */
#define COV_FORMULA "score = (covered + 0.5 \xc3\x97 partly covered) / counted articles"
/* Dates a query may ask about. */
#define COV_DATE_MIN "1900-01-01"
#define COV_DATE_MAX "2100-12-31"

/* The counted categories in display order (a subset of instrument_categories);
 * COV_CATEGORY_COUNT of them, the size of the by_category arrays below. */
#define COV_CATEGORY_COUNT 6
extern const char *const cov_categories[];
extern const size_t cov_category_count;
/* The index of category in cov_categories, or -1 when it is not counted. */
int cov_category_index(const char *category);
/* "unknown", "not_covered", "partly_covered", "covered" (the API's, CSV's names);
 * and back (-1: unknown name). */
const char *cov_status_name(enum cov_status s);
int cov_status_parse(const char *s);
/* The status for people: "unknown", "not covered", "partly covered", "covered", each a
 * msgid of data/messages.tsv (pages translate it). Static. */
const char *cov_status_label(enum cov_status s);
/* What a page says when the asker is the public (cov_matrix's public_only): a msgid. */
#define COV_PUBLIC_NOTE "Coverage from public records only."

/* "un-cc/7" into its instrument (in p) and number: ERR_INVALID naming "article"
 * unless it is instrument/number (at most LIMIT_ARTICLE_REF bytes). Does not look
 * the article up (cov_query_check does). */
int cov_article_ref(pool *p, const char *ref, const char **instrument, int *number,
		    struct err *e);

/* ---- what the store keeps and returns ---- */

/* One evidence row the store gathers (store_cov_evidence): an accepted mapping of a
 * provision of a published law that the clearance reads, with one of the work's
 * versions that are not pending; present says whether that version has the
 * provision (num and heading then are its). Without cov_filter.text, work_uri, title,
 * eid, num and heading are NULL. */
struct cov_row {
	long long work_id, expression_id;
	const char *country;		/* the work's, alpha-2 */
	const char *work_uri, *title;
	const char *work_language;	/* the record's, BCP 47 ("en") */
	const char *eid, *instrument;
	int article;
	const char *extent;		/* "full", "partial" */
	const char *version_date, *version_language;	/* "2018-05-30", "eng" */
	const char *valid_to;		/* the version's last day; NULL: open */
	int present;
	const char *num, *heading;
};

/* What store_cov_evidence gathers. */
struct cov_filter {
	const char *countries;		/* JSON array of alpha-2 codes; NULL: all */
	const char *articles;		/* JSON array of "instrument/number"; NULL: all */
	int text;			/* with the strings of the evidence */
};

/* A recorded assessment: the law of country has no provision for the article. */
struct cov_assessment {
	long long id;
	const char *country, *instrument;
	int article;
	const char *status;		/* "not_covered" */
	const char *note;		/* 1..LIMIT_COV_NOTE bytes */
	const char *as_of;		/* YYYY-MM-DD: holds from this day */
	const char *recorded_at, *recorded_by;
	const char *withdrawn_at, *withdrawn_by;	/* NULL while in force */
};

/* A focal point's dispute of a cell's status, decided by a curator. */
struct cov_dispute {
	long long id;
	const char *country, *instrument;
	int article;
	const char *opened_at, *opened_by;
	const char *state;		/* "open", "upheld", "rejected" */
	const char *decided_at, *decided_by, *decision;	/* NULL while open */
};

struct cov_comment {
	long long id, dispute_id;
	const char *at, *by, *text;
};

/* ---- a computed matrix ---- */

/* What to compute. Every member may be 0/NULL. */
struct cov_query {
	const char *at;			/* YYYY-MM-DD, COV_DATE_MIN..MAX; NULL: today */
	const char *instrument;		/* "coe-185", "un-cc"; NULL: both */
	const char *category;		/* one of cov_categories; NULL: all counted */
	const char *region;		/* M49 code at any level ("014"); NULL: the world */
	const char *const *countries;	/* codes in any ISO form; NULL: every country
					 * (of region) */
	size_t ncountries;
	int article;			/* with instrument: only this article's column
					 * (only its evidence is read: each row's overall
					 * score is the column's, by_category and the
					 * safeguards flag are zero) */
	int statuses_only;		/* no evidence (cells' nevidence 0), much cheaper:
					 * for maps and matrices; statuses, derived,
					 * assessments and disputes are the same */
};

/* One piece of evidence of a cell: a provision of a law in force at the date. */
struct cov_evidence {
	const char *work_uri, *title;	/* the law's: /akn/ke/act/2018/5, its title */
	const char *eid, *num, *heading;	/* the provision's (num, heading may be
						 * NULL) */
	const char *version_date, *version_language;	/* the version in force */
	const char *extent;		/* "full", "partial" */
	int derived;			/* mapped to the counterpart below */
	const char *via_instrument;	/* the article the provision is mapped to */
	int via_article;
};

struct cov_cell {
	enum cov_status status;
	int derived;			/* the status comes only through the cross-walk */
	const struct cov_evidence *evidence;	/* direct first, then derived; NULL
						 * when none or statuses_only */
	size_t nevidence;
	const struct cov_assessment *assessment;	/* in force at the date, or NULL */
	int conflict;			/* an assessment, but evidence wins */
	int disputed;			/* an open dispute */
};

/* Counts and the score of a set of cells (COV_FORMULA); score is 0 when counted is 0. */
struct cov_score {
	int counted, covered, partly, not_covered, unknown;
	double score;
};

struct cov_country_row {
	const struct country *country;
	const struct cov_cell *cells;	/* one per article of the matrix */
	struct cov_score overall;
	struct cov_score by_category[COV_CATEGORY_COUNT];	/* index: cov_categories */
	int safeguards_flag;		/* a procedural article covered or partly and no
					 * safeguards article covered or partly (over all
					 * counted articles of the instrument(s), whatever the
					 * category filter) */
};

struct cov_matrix {
	const char *at;			/* the date computed */
	int public_only;		/* the asker is the public: public records only */
	const struct article *articles;	/* the columns: counted, by instrument, number */
	size_t narticles;
	const struct cov_country_row *rows;	/* the countries, by alpha-2 */
	size_t nrows;
};

/* Check q (the date, instrument, category, region, country codes, article): ERR_OK,
 * or ERR_INVALID whose message begins with the parameter's name ("at: ...",
 * "instrument:", "category:", "region:", "country:", "article:"). */
int cov_query_check(struct store *s, pool *p, const struct cov_query *q, struct err *e);
/* Compute the matrix q asks for, as the connection's clearance reads (the caller has
 * set it for a: store_set_clearance(record_clearance(a))); a only decides
 * public_only (NULL: the public). Everything is in p. Errors as cov_query_check. */
int cov_matrix(struct store *s, pool *p, const struct actor *a, const struct cov_query *q,
	       struct cov_matrix **out, struct err *e);
/* The row of country alpha2 in m, or NULL; the column of instrument/article, or -1. */
const struct cov_country_row *cov_matrix_row(const struct cov_matrix *m, const char *alpha2);
long cov_matrix_column(const struct cov_matrix *m, const char *instrument, int article);

/* ---- aggregates of a computed matrix (no store access; results in p) ---- */

/* One article across a set of countries. */
struct cov_article_share {
	const struct article *article;
	int countries, covered, partly, not_covered, unknown;
	double share;			/* covered / countries: the share of countries
					 * covering it; 0 when none */
	double score;			/* (covered + 0.5 partly) / countries (COV_FORMULA
					 * over countries); 0 when none */
};

/* Per article of m, over m's countries in region code (NULL or "001": all of m's
 * rows), in m's column order. ERR_NOTFOUND when the code is no region. */
int cov_region_shares(struct store *s, pool *p, const struct cov_matrix *m,
		      const char *region, struct cov_article_share **out, size_t *n,
		      struct err *e);
/* The k articles of shares least covered (lowest score, then most unknown), sorted in
 * place; *n receives min(k, n). */
void cov_least_covered(struct cov_article_share *shares, size_t *n, size_t k);

/* A country's overall score against the mean of its sub-region's countries in m
 * (itself included). ERR_NOTFOUND when m has no row for it. */
struct cov_comparison {
	const char *subregion;		/* M49 code; "" when the country has none */
	double score, subregion_mean;
	int subregion_countries;
};
int cov_compare_subregion(const struct cov_matrix *m, const char *alpha2,
			  struct cov_comparison *out, struct err *e);

/* The gaps of a country (cells COV_NOT or COV_PARTLY; unknown is no gap), most
 * urgent first: by how many countries of its sub-region in m cover the article
 * (COV_COVERED), then by column order. */
struct cov_gap {
	const struct article *article;
	const struct cov_cell *cell;
	int subregion_covering;
};
int cov_gaps(pool *p, const struct cov_matrix *m, const char *alpha2, struct cov_gap **out,
	     size_t *n, struct err *e);

/* ---- one country over time ---- */

/* The scores at each date where something changes for the country: a version's date,
 * the day after a version's valid_to, an assessment's as_of. */
struct cov_point {
	const char *date;
	struct cov_score overall;
	struct cov_score by_category[COV_CATEGORY_COUNT];
};
/* Per article: since when it is covered (COV_COVERED without a break up to at), or
 * NULL. */
struct cov_since {
	const struct article *article;
	enum cov_status status;		/* at the query's date */
	const char *covered_since;
};
struct cov_timeline {
	const struct country *country;
	const struct cov_point *points;	/* oldest first; the last is at or before at */
	size_t npoints;
	const struct cov_since *articles;
	size_t narticles;
};
/* The timeline of the one country of q->countries up to q->at, under q's instrument
 * and category (region and article are ignored), as the connection's clearance
 * reads. ERR_INVALID naming "country" unless q names exactly one. Everything in p. */
int cov_timeline(struct store *s, pool *p, const struct actor *a, const struct cov_query *q,
		 struct cov_timeline **out, struct err *e);

/* ---- a country's profile: everything its page and the API show ---- */

struct cov_profile {
	const struct cov_matrix *matrix;	/* the country alone, with evidence */
	const struct cov_country_row *row;	/* its row */
	struct cov_comparison subregion;	/* against its sub-region's mean */
	const struct cov_gap *gaps;		/* ranked within its sub-region; their
						 * cells are the sub-region's (statuses
						 * only: the evidence is in row) */
	size_t ngaps;
	const struct cov_timeline *timeline;	/* NULL unless asked */
};
/* The profile of country (any ISO form) under q's date, instrument and category (its
 * countries, region and article are ignored), as the connection's clearance reads:
 * two computations, the country with its evidence and its sub-region's statuses
 * (cov_compare_subregion, cov_gaps), and with_timeline cov_timeline. Everything in
 * p. Errors as cov_query_check. */
int cov_profile(struct store *s, pool *p, const struct actor *a, const struct cov_query *q,
		const char *country, int with_timeline, struct cov_profile **out,
		struct err *e);

/* ---- writes: permitted (permit.c), audited in the same transaction ---- */

/* Record that country's law has no provision for instrument/article from as_of
 * (NULL: today) with note (1..LIMIT_COV_NOTE bytes). Curators for any country, a
 * focal point for their own. *id receives the assessment's id. */
int cov_assess(struct store *s, const struct actor *a, const char *country,
	       const char *instrument, int article, const char *as_of, const char *note,
	       long long *id, struct err *e);
/* Withdraw assessment id (as cov_assess permits for its country). ERR_NOTFOUND when
 * absent or withdrawn already. */
int cov_withdraw(struct store *s, const struct actor *a, long long id, struct err *e);
/* Open a dispute of a cell (the country's focal point) with a first comment text
 * (1..LIMIT_COV_NOTE bytes). *id receives the dispute's id. */
int cov_dispute_open(struct store *s, const struct actor *a, const char *country,
		     const char *instrument, int article, const char *text, long long *id,
		     struct err *e);
/* Comment on an open dispute (its country's focal point, curators); ERR_CONFLICT
 * once decided. */
int cov_dispute_comment(struct store *s, const struct actor *a, long long dispute_id,
			const char *text, struct err *e);
/* Decide an open dispute: state "upheld" or "rejected", with a note (curators). */
int cov_dispute_decide(struct store *s, const struct actor *a, long long dispute_id,
		       const char *state, const char *note, struct err *e);
/* The assessments of country (any ISO form; NULL: all), by country, article and date,
 * the withdrawn ones too when with_withdrawn; the disputes of country (NULL: all),
 * newest first; the comments of a dispute, oldest first. ERR_INVALID naming
 * "country" for an unknown country. */
int cov_assessments(struct store *s, pool *p, const char *country, int with_withdrawn,
		    struct cov_assessment **out, size_t *n, struct err *e);
int cov_disputes(struct store *s, pool *p, const char *country, struct cov_dispute **out,
		 size_t *n, struct err *e);
int cov_comments(struct store *s, pool *p, long long dispute_id, struct cov_comment **out,
		 size_t *n, struct err *e);
/* One assessment, one dispute by id (ERR_NOTFOUND when absent). */
int cov_assessment_get(struct store *s, pool *p, long long id, struct cov_assessment **out,
		       struct err *e);
int cov_dispute_get(struct store *s, pool *p, long long id, struct cov_dispute **out,
		    struct err *e);

#endif
