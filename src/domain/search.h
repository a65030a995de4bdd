/* search: ranked full-text search over provisions (of each law's latest version),
 * cases and lessons, with filters, facet counts, snippets, and grouping per record
 * so that one long law does not bury everything else. What the asker may not read
 * appears nowhere: not in hits, counts nor facets. */
#ifndef DOMAIN_SEARCH_H
#define DOMAIN_SEARCH_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/query.h"
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
	const char *section;		/* for a provision without a heading of its own
					   ("(2)"): the provisions above it up to the
					   nearest with a heading ("14 Unauthorised
					   access"), else NULL */
	const char *section_path;	/* with section: the path above it, or NULL */
	const char *citation;		/* a case's citation, else NULL */
	const char *language;		/* of the record's text (BCP 47 or the FRBR
					   code "eng"), for lang/dir on the page */
	const char *snippet;		/* with SEARCH_MARK_* around matches */
	const char *country;		/* may be NULL */
	double score;			/* lower is better (bm25, see the store's ranking) */
	const char *concept;		/* "un-cc/7": a concept the query names that the
					   provision is mapped to, else NULL */
	const char *articles;		/* every instrument article the provision serves
					   (accepted mappings and their cross-walk
					   counterparts: "coe-185/2 un-cc/7"), space-
					   separated, or NULL */
};

struct search_facet {
	const char *value;		/* country code, M49 region code, kind name,
					   article ("un-cc/7"), year, language */
	long long count;
};

enum search_facet_kind { FACET_COUNTRY, FACET_REGION, FACET_KIND, FACET_ARTICLE, FACET_YEAR,
			 FACET_LANG, FACET_COUNT };

/* What the store is asked: the user's query as the domain parsed and resolved it, in
 * no backend's syntax (the SQLite backend writes its FTS5 expression itself,
 * src/store/sqlite/match.c). */

/* One search term. The rows wanted have every group of positive terms (AND), of a
 * group any term (OR), and none of the excluded terms (NOT). */
struct search_term {
	enum query_term_kind kind;	/* QT_WORD, QT_PHRASE (its words in a row) or
					   QT_PREFIX */
	const char *text;		/* as typed: the word, the phrase's words joined by
					   one space, the prefix without its * */
	int lang;			/* the query's language (enum lang), -1 unknown */
	int stem;			/* 1: also the word's forms in lang (its stem);
					   words only, 0 for phrases and prefixes */
	int group;			/* alternatives (OR) share a group, groups are
					   ANDed; numbered from 0 in the order typed */
	int exclude;			/* 1: NOT, rows with it are left out (never part
					   of an OR) */
};

struct search_request {
	const struct search_term *terms;	/* in the order typed; none (0): a query of
						   filters only, all that they let through */
	size_t nterms;
	/* Filters: each one narrows the rows to those with one of its values. */
	int by_place;			/* 1: only records of the countries or (regional
					   records) the regions below; none listed: none */
	const char **countries;		/* alpha-2 codes */
	size_t ncountries;
	const char **regions;		/* M49 codes of regional records' places */
	size_t nregions;
	unsigned kinds;			/* bit 1 << enum record_kind; 0 any */
	int year_from, year_to;		/* 0 open */
	unsigned langs;			/* bit 1u << enum lang; 0 any */
	const char **articles;		/* accepted mappings ("un-cc/7"), the articles
					   named and their cross-walk counterparts */
	size_t narticles;		/* 0 any */
	/* Concept expansion: the instrument articles ("un-cc/7") the query's words name
	 * (data/concepts.tsv): the provisions mapped to them match too. */
	const char **concepts;
	size_t nconcepts;
	int any;			/* 1: rows with some group of positive terms (OR),
					   those with more of the groups first, then by
					   score: the fallback when few have them all */
	int candidates;			/* best matches ranked before grouping per record */
	int limit, offset;
};

struct search_result {
	struct search_hit *hits;
	size_t nhits;
	long long total;		/* provisions, cases and lessons with all the
					   words (or mapped to a concept the query names) */
	int partial;			/* 1: fewer than a page had all the words; the hits
					   are those with some of them (SEARCH_PARTIAL_MSG),
					   the most words first */
	long long partial_total;	/* with partial: the provisions with some of the
					   words (total's among them): the hits listed, and
					   what the facets count */
	const char *message;		/* with partial: SEARCH_PARTIAL_MSG (none has all
					   the words) or SEARCH_PARTIAL_MORE_MSG, else NULL */
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
 * match too, even when their words differ, ranked with the others by one score (a
 * boost weighted by the mapping: a curator's own full mapping most, an accepted
 * suggestion by the suggester's confidence), and marked with the article. */

/* The messages of a page of partial matches (data/messages.tsv): when none has all
 * the words, and when a few have them, listed first. */
#define SEARCH_PARTIAL_MSG "no provision has all the words; showing provisions with some of them"
#define SEARCH_PARTIAL_MORE_MSG "provisions with some of the words follow"

/* Run the query text as the clearance set on s (store_set_clearance) allows:
 * limit results from offset (limit 0: 10; at most SEARCH_LIMIT_MAX). All the words
 * first; when fewer than limit rows have them all (and the query has two groups of
 * words or more), the rows with some of them (res->partial). The results are shown
 * to a (NULL: the domain's own use, nothing audited): the restricted records among
 * them go to the audit log as reads (record_read_each: their snippets are their
 * content). ERR_INVALID with a message for the user when the query is malformed. All
 * memory in p. */
int search_run(struct store *s, pool *p, const struct actor *a, const char *text, int limit,
	       int offset, struct search_result **out, struct err *e);
/* Rebuild the whole search index in one transaction; *rows receives how many
 * entries it holds. */
int search_reindex(struct store *s, long long *rows, struct err *e);
/* The terms of q as the store matches them (n of them into *n; NULL when none), from
 * p: words also in their forms in lang (enum lang; -1: only as typed), phrases and
 * prefixes as typed; a word without a French elision ("s'introduire" as
 * "introduire"); a hyphenated word ("e-mail") also as its parts in a row and joined
 * ("e mail" OR "email"), alternatives in its group. */
const struct search_term *search_terms(pool *p, const struct query *q, int lang,
				       size_t *n);
/* Markdown text (a lesson's snippet, with SEARCH_MARK_* around matches) as plain
 * text, the marks kept: rendered by cmark and its text kept, a heading followed by
 * ": ", blocks joined by one space, raw HTML and link targets left out; what a cut
 * left unparsed ("**", "[the act](https…") reduced to its text. In p. */
const char *search_plain(pool *p, const char *md);
/* Name of a facet ("country", "type", "year", "lang"). */
const char *search_facet_name(enum search_facet_kind k);

#endif
