/* doc: a legal document on its way in or out: the common form every importer
 * (Akoma Ntoso, plain text or Markdown, JSON bundle) produces and every exporter
 * reads. Everything in a doc, strings and nodes, belongs to its pool. */
#ifndef IMPORT_DOC_H
#define IMPORT_DOC_H
#include <stddef.h>

#include "core/pool.h"
#include "core/sbuf.h"

enum doc_kind { DOC_LEGISLATION, DOC_JUDGMENT };

/* The longest long title importers keep (the store's limit, LIMIT_LONG_TITLE). */
#define DOC_LONG_TITLE_MAX 4000

/* One element of the body: a part, chapter, section, subsection, article,
 * paragraph... Children are in document order. */
struct doc_node {
	const char *kind;	/* lowercase Akoma Ntoso name: "part", "chapter", "section",
				 * "subsection", "article", "paragraph", "point", "title",
				 * "subpart", "division", "schedule", "preamble", ... */
	const char *eid;	/* Akoma Ntoso eId: "chp_2__sec_14__subsec_1"; never NULL */
	const char *num;	/* as printed, e.g. "14", "(1)", "II"; may be NULL */
	const char *heading;	/* may be NULL */
	const char *text;	/* the node's own text (intro, content, wrap-up), paragraphs
				 * separated by "\n\n"; NULL when it only has children */
	int line;		/* where it was found in the source (line number), 0 if
				 * unknown: for messages */
	struct doc_node *parent, *first, *last, *next;
};

struct doc {
	pool *pool;
	enum doc_kind kind;
	/* FRBR work: "/akn/ke/act/1997/3" (country lowercase, as Akoma Ntoso writes it) */
	const char *work_uri;
	const char *country;	/* ISO 3166-1 alpha-2, uppercase: "KE" */
	const char *type;	/* "act", "constitution", "treaty", "code", "decree",
				 * "regulation", "judgment", ... */
	const char *subtype;	/* may be NULL */
	const char *number;	/* "3", "134"; may be NULL */
	const char *date;	/* work date YYYY-MM-DD (enactment, signature, judgment) */
	const char *title;	/* the short title: "Data Protection Act 1998" */
	const char *long_title;	/* "An Act to make new provision for ..."; may be NULL;
				 * at most DOC_LONG_TITLE_MAX bytes */
	const char *language;	/* ISO 639-2/B or 639-3 of the expression: "eng", "fra" */
	const char *expr_date;	/* expression (version) date YYYY-MM-DD */
	const char *expr_end;	/* the last day the version is valid, YYYY-MM-DD (CLML's
				 * RestrictEndDate); NULL: open */
	const char *extent;	/* where the version applies, as the source writes it
				 * ("E+W+S+N.I.": CLML's RestrictExtent); may be NULL */
	const char *source;	/* where it came from (URL or file name); may be NULL */
	/* judgments only (NULL otherwise) */
	const char *court, *citation, *parties, *summary, *outcome;
	/* the body */
	struct doc_node *root;	/* kind "body"; its children are the top level */
	/* what the importer could not place, one message per entry, with line or
	 * element: "line 212: text before the first section" */
	const char **warnings;
	size_t nwarnings, capwarnings;
};

/* A new empty doc with its own pool (root node created, kind "body", eid ""). */
struct doc *doc_new(void);
/* Free the doc and everything in its pool. NULL is a no-op. */
void doc_free(struct doc *d);
/* A new node appended as the last child of parent; strings are copied into the
 * doc's pool (NULL stays NULL; eid NULL becomes ""). */
struct doc_node *doc_add(struct doc *d, struct doc_node *parent, const char *kind,
			 const char *eid, const char *num, const char *heading, const char *text,
			 int line);
/* Record a warning (printf-style), kept in the doc's pool. */
void doc_warn(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Count the nodes under root (not counting root). */
size_t doc_count(const struct doc *d);
/* Depth-first walk: the node after n in document order under root, NULL at the end. */
struct doc_node *doc_next(const struct doc *d, const struct doc_node *n);
/* The eId a node would get from its ancestry when the source gave none:
 * "chp_2__sec_14__subsec_1" (AKN 3.0 naming convention: part "part", chapter "chp",
 * section "sec", subsection "subsec", article "art", paragraph "para", point "point",
 * others their kind; num stripped of brackets and spaces, else the ordinal).
 * Returned string belongs to the doc's pool. */
const char *doc_make_eid(struct doc *d, const struct doc_node *parent, const char *kind,
			 const char *num, int ordinal);

/* Text an importer collects from markup (Akoma Ntoso, CLML): words joined by one space
 * whatever the white space between them, paragraphs (doc_text_break) by a blank line,
 * or by one space when oneline is set or inside a table cell (cell). Zero it to start. */
struct doc_text {
	struct sbuf sb;
	int space, brk;		/* white space, a paragraph break, seen before the next word */
	int oneline;		/* breaks are spaces (a title, a number) */
	int cell;		/* inside a table cell: paragraphs run on */
};

/* Add the words of s. */
void doc_text_add(struct doc_text *t, const char *s);
/* A paragraph ends here. */
void doc_text_break(struct doc_text *t);
/* The text so far as a string of p (NULL when empty); t is emptied for more. */
const char *doc_text_take(struct doc_text *t, pool *p);

/* A set of eIds (strings that outlive it: the doc's), to keep them unique. Zero it to
 * start, doc_ids_free() at the end. */
struct doc_ids {
	const char **slots;	/* open addressing, at most half full */
	size_t n, cap;
};

/* Take id: 1, or 0 when it was taken already. */
int doc_ids_add(struct doc_ids *set, const char *id);
void doc_ids_free(struct doc_ids *set);

#endif
