/* search: ranked full-text search over provisions (of each law's latest version),
 * cases and lessons, with filters, facet counts, snippets, and grouping per record
 * so that one long law does not bury everything else. What the asker may not read
 * appears nowhere: not in hits, counts nor facets. */
#ifndef DOMAIN_SEARCH_H
#define DOMAIN_SEARCH_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/record.h"

struct store;

/* Each record's first SEARCH_PER_RECORD hits rank before any record's further hits,
 * which still fill the page when few records match. */
#define SEARCH_PER_RECORD 3
#define SEARCH_LIMIT_MAX 100

/* Snippets mark matched words with these bytes; escape the text, then turn them
 * into markup (<mark>) at output. */
#define SEARCH_MARK_OPEN '\x02'
#define SEARCH_MARK_CLOSE '\x03'

struct search_hit {
	enum record_kind kind;
	long long record_id;
	const char *title;		/* the law's, case's or lesson's */
	const char *work_uri;		/* for provisions and judgments, else NULL */
	const char *eid;		/* the provision, NULL for a case or lesson */
	const char *heading;		/* the provision's number and heading */
	const char *path;		/* its place in the law: "Part II › 5 Offences", or
					   NULL at the top */
	const char *snippet;		/* with SEARCH_MARK_* around matches */
	const char *country;		/* may be NULL */
	double score;			/* lower is better (bm25) */
	const char *concept;		/* "un-cc/7" when found through a concept, else NULL */
};

struct search_facet {
	const char *value;		/* country code, M49 region code, kind name,
					   article ("un-cc/7"), year, language */
	long long count;
};

enum search_facet_kind { FACET_COUNTRY, FACET_REGION, FACET_KIND, FACET_ARTICLE, FACET_YEAR,
			 FACET_LANG, FACET_COUNT };

/* What the store is asked: the domain builds it from the user's query. */
struct search_request {
	const char *match;		/* FTS5 expression (see query_fts5) */
	const char *countries;		/* ",KE,NG," or NULL */
	const char *regions;		/* ",002,202,014," regional records' places, or NULL */
	unsigned kinds;			/* bit 1 << enum record_kind; 0 any */
	int year_from, year_to;		/* 0 open */
	const char *languages;		/* ",en,fr," or NULL */
	const char *articles;		/* ",un-cc/7,coe-185/2," or NULL */
	int candidates;			/* best matches ranked before grouping per record */
	int limit, offset;
};

struct search_result {
	struct search_hit *hits;
	size_t nhits;
	long long total;		/* matching provisions, cases and lessons */
	struct search_facet *facets[FACET_COUNT];
	size_t nfacets[FACET_COUNT];
	const char *canonical;		/* the query as understood */
	int lang;			/* the language whose word forms were searched
					   (enum lang), from lang: or guessed */
	int lang_guessed;		/* 1 when guessed from the words */
	const char **concepts;		/* instrument articles the query names ("un-cc/7") */
	size_t nconcepts;
};

/* Concept search: when the query names an instrument concept (in any of the six
 * languages, from data/concepts.tsv) the provisions curators mapped to that article
 * come first, marked with the article, even when their words differ. */
#define SEARCH_CONCEPT_HITS 5

/* Run the query text as the clearance set on s (store_set_clearance) allows:
 * limit results from offset (limit 0: 10; at most SEARCH_LIMIT_MAX). ERR_INVALID
 * with a message for the user when the query is malformed. All memory in p. */
int search_run(struct store *s, pool *p, const char *text, int limit,
	       int offset, struct search_result **out, struct err *e);
/* Rebuild the whole search index in one transaction; *rows receives how many
 * entries it holds. */
int search_reindex(struct store *s, long long *rows, struct err *e);
/* Name of a facet ("country", "type", "year", "lang"). */
const char *search_facet_name(enum search_facet_kind k);

#endif
