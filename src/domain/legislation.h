/* legislation: works (a law, identified by its FRBR work URI), their versions
 * (expressions: a language and a date, in force, amended or repealed) and each
 * version's provisions (the tree of parts, chapters, sections, subsections ...). */
#ifndef DOMAIN_LEGISLATION_H
#define DOMAIN_LEGISLATION_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/record.h"

struct store;
struct doc;

struct work {
	struct record rec;
	const char *uri;	/* "/akn/ke/act/2018/5" */
	const char *type;	/* act, constitution, code, decree, regulation, treaty,
				 * judgment, ... */
	const char *subtype, *number, *date;	/* may be NULL */
};

enum expr_status { EXPR_IN_FORCE, EXPR_AMENDED, EXPR_REPEALED };

struct expression {
	long long id, work_id;
	const char *language;	/* as in the FRBR URI: "eng" */
	const char *date;	/* YYYY-MM-DD */
	enum expr_status status;
	const char *title;	/* may be NULL: the work's */
	int provision_count;
	int pending;		/* a new version waiting for review: read only by curators
				 * and its proposer, not searched, not in force */
	long long proposed_by_user;	/* who imported a pending version; 0: none */
	const char *extent;	/* where it applies ("E+W+S+N.I."), as the source says;
				 * NULL: not said */
	const char *valid_to;	/* the last day it is valid (YYYY-MM-DD); NULL: open */
	const char *long_title;	/* "To introduce a new Constitution ..."; NULL: none */
};

struct provision {
	long long id, expression_id, parent_id;	/* parent_id 0 at the top */
	int ordinal, depth;	/* document order, nesting (0 at the top) */
	const char *eid, *kind, *num, *heading, *text;
};

/* One accepted or suggested mapping of a provision to an instrument article. */
struct mapping {
	long long id, work_id;
	const char *work_uri, *eid;
	const char *instrument;
	int article;
	const char *state;	/* "suggested", "accepted", "rejected" */
	const char *extent;	/* "full", "partial" (accepted); NULL for suggestions */
	double score;		/* of a suggestion */
	const char *reason, *comment;
	const char *country;	/* of the work, for grouping */
	const char *work_title, *heading, *num;	/* for display */
	const char *phrase;	/* of a suggestion: the phrase that weighed most; NULL */
};

const char *expr_status_name(enum expr_status s);
int expr_status_parse(const char *s);

/* Check a work URI: "/akn/CC/TYPE/DATE-OR-YEAR/NUMBER..." with safe characters. The
 * two-letter country part must exist in the store; *country gets it uppercased
 * (pool string). "/akn/int/..." (an international instrument) is valid with
 * *country NULL. */
int legislation_uri_valid(struct store *s, pool *p, const char *uri, const char **country,
			  struct err *e);
/* Whether t is a law's type word: lowercase letters, '_' and '-', 1 to LIMIT_TYPE
 * bytes ("act", "code"). */
int legislation_type_valid(const char *t);
/* Check the eId of one provision named in an address (after "/~"): 1 to LIMIT_EID
 * bytes, no '/'. ERR_INVALID otherwise. */
int legislation_eid_valid(const char *eid, struct err *e);
/* Split "/akn/ke/act/2018/5/eng@2018-05-30" or "/akn/ke/act/2018/5@2019-01-01" into
 * the work URI and the rest: language (NULL when absent) and date (NULL when
 * absent). Strings in p. */
int legislation_split_uri(pool *p, const char *uri, const char **work, const char **lang,
			  const char **date, struct err *e);

/* Store a parsed document as a work (created when new) with one expression (its
 * language and date; replaced when it exists) and its provisions, in one
 * transaction. A judgment becomes a case record with the document as its text.
 * status and tlp (NULL: CLEAR) are the record's when created; a, who must be allowed
 * to create a record of the document's country, must also be allowed to move one to
 * that status (submit, publish), else ERR_FORBIDDEN. *record_id receives the record,
 * *nprov the number of provisions stored. */
int legislation_import_doc(struct store *s, const struct actor *a, const struct doc *d,
			   enum record_status status, const char *tlp, long long *record_id,
			   size_t *nprov, struct err *e);

/* Build the document of one version of a work (for export). The doc is new;
 * doc_free() it. */
int legislation_to_doc(struct store *s, const struct work *w, const struct expression *x,
		       struct doc **out, struct err *e);

/* The work at uri (or of record id), what the connection's clearance reads, in p;
 * ERR_NOTFOUND. Without auditing: for the domain's own use and links. */
int legislation_get(struct store *s, pool *p, const char *uri, struct work **out,
		    struct err *e);
int legislation_get_id(struct store *s, pool *p, long long id, struct work **out,
		       struct err *e);
/* legislation_get and legislation_get_id to show the work to a: record_read's check,
 * and the read of a restricted one goes to the audit log. */
int legislation_read(struct store *s, pool *p, const struct actor *a, const char *uri,
		     struct work **out, struct err *e);
int legislation_read_id(struct store *s, pool *p, const struct actor *a, long long id,
			struct work **out, struct err *e);
/* The works q selects, in p. When a is not NULL the list is shown to a: the
 * restricted works in it go to the audit log (record_read_each). */
int legislation_list(struct store *s, pool *p, const struct actor *a,
		     const struct record_query *q, struct work **out, size_t *n,
		     struct err *e);
/* Versions of a work, newest first. */
int legislation_expressions(struct store *s, pool *p, long long work_id,
			    struct expression **out, size_t *n, struct err *e);
/* The version in force on date (YYYY-MM-DD; NULL: today) in language (NULL: any,
 * preferring the work's language): the latest expression dated on or before it.
 * ERR_NOTFOUND when the work did not exist yet on that date. */
int legislation_as_of(struct store *s, pool *p, long long work_id, const char *lang,
		      const char *date, struct expression **out, struct err *e);
/* Find one expression by language and date. */
int legislation_expression(struct store *s, pool *p, long long work_id, const char *lang,
			   const char *date, struct expression **out, struct err *e);
/* All provisions of an expression in document order. */
int legislation_provisions(struct store *s, pool *p, long long expression_id,
			   struct provision **out, size_t *n, struct err *e);
/* One provision by eid. */
int legislation_provision(struct store *s, pool *p, long long expression_id, const char *eid,
			  struct provision **out, struct err *e);
/* The provision with eid in every expression of the work, oldest first (NULL
 * entries where a version lacks it); exprs receives the expressions in the same
 * order. */
int legislation_history(struct store *s, pool *p, long long work_id, const char *eid,
			struct expression **exprs, struct provision ***provs, size_t *n,
			struct err *e);

/* Mappings. */
int mapping_list_work(struct store *s, pool *p, long long work_id, struct mapping **out,
		      size_t *n, struct err *e);
int mapping_list_article(struct store *s, pool *p, const char *instrument, int article,
			 struct mapping **out, size_t *n, struct err *e);
/* Accept (extent "full"/"partial"), reject or set a mapping of work/eid to
 * instrument/article. */
int mapping_set(struct store *s, const struct actor *a, long long work_id, const char *eid,
		const char *instrument, int article, const char *state, const char *extent,
		const char *comment, struct err *e);
/* Record a curator's decision on a mapping as people write it: the work by its URI, the
 * article as "instrument/number" (un-cc/7), decision "full" or "partial" (accepted, with
 * that extent) or "reject" (rejected), comment (may be NULL). Through mapping_set, which
 * checks that a may map the work and audits. ERR_NOTFOUND when no work has the URI,
 * ERR_INVALID for a malformed article or decision, or mapping_set's error. */
int mapping_decide(struct store *s, const struct actor *a, const char *work_uri,
		   const char *eid, const char *article, const char *decision,
		   const char *comment, struct err *e);

/* What mapping_load_tsv did: rows stored, skipped (none, scope) and not stored. */
struct mapping_load {
	size_t stored, skipped, bad;
};
/* Told of each row of a mapping file that was not stored: its line (from 1) and why. */
typedef void mapping_bad_row_fn(void *ud, size_t line, const struct err *why);
/* Load a file of curators' mappings in the format of tests/relevance/mappings.tsv
 * (UTF-8; lines of five TAB-separated fields: work URI, eId, instrument/number, judgment,
 * note; '#' comments and blank lines skipped): each full or partial row becomes an
 * accepted mapping with that extent and its note as comment (mapping_decide); none and
 * scope rows are skipped. All in one transaction. A row that cannot be stored (a work or
 * eId that does not exist, a malformed field) is reported to bad (may be NULL) and
 * counted; with strict, the first such row stops the load, nothing is stored and the
 * error (prefixed "line N") is returned; so it is, whatever strict, when the store
 * fails (ERR_DB, ERR_FULL, ...). Text over LIMIT_MAPPING_FILE bytes is
 * ERR_TOOLARGE, text that is not UTF-8 ERR_INVALID, before any row. *out is filled in
 * either way. */
int mapping_load_tsv(struct store *s, const struct actor *a, const char *text, size_t len,
		     int strict, mapping_bad_row_fn *bad, void *ud, struct mapping_load *out,
		     struct err *e);
/* Compute suggestions for every provision of the work's latest expression (the rules
 * of suggest_work) and store them in place of the work's earlier suggestions (never
 * over an accepted or rejected mapping). *n receives how many. */
int mapping_suggest_work(struct store *s, const struct actor *a, long long work_id,
			 size_t *n, struct err *e);

#endif
