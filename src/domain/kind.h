/* kind: record kinds described by data. Each kind of repository record (case law,
 * lessons learned, and the kinds to come) is a table of its fields: key, type, limit,
 * whether required, searched, listed, and its labels in the message catalog. The table
 * drives validation, the JSON of the API, the form and the record page (src/web), the
 * store's columns (src/store/sqlite/repo.c) and the review of proposed changes.
 *
 * A kind's record is a C struct that begins with struct record. A field's value is in
 * a member of that struct when C code reads it by name (the row gives its offsetof),
 * else (offset 0) in struct record's values, by the row's place in the table. To add
 * a field: a row of the kind's table, its labels in the catalog (data/messages.tsv)
 * and a migration that adds the column; the form, the page, the API, the bundle,
 * `ccrepo show`, the review of changes and, for KF_SEARCH, the search index (the
 * kind's search view is made from the table: store/sqlite/views.c) follow from the
 * row. To add a kind: an enum record_kind value, its struct and table (see caselaw.c,
 * lesson.c), its entry in kind.c's list, its routes and a migration for its table. */
#ifndef DOMAIN_KIND_H
#define DOMAIN_KIND_H
#include <stddef.h>

#include <jansson.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/record.h"

struct store;

enum kind_type {
	KT_TEXT,	/* one line */
	KT_LONG,	/* paragraphs: a section of the record's page */
	KT_MARKDOWN,	/* Markdown, shown through cmark in safe mode */
	KT_DATE,	/* YYYY-MM-DD */
	KT_KEYWORDS,	/* comma-separated, shown as tags */
	KT_LINKS,	/* provisions of laws: struct record_link, at most one such field
			 * per kind; max counts items */
	KT_WORK,	/* the URI of a work in the repository (the judgment's text) */
};

enum kind_flag {
	KF_REQUIRED = 1,	/* not empty */
	KF_SEARCH = 2,	/* in the search index (search_sql.h says how) */
	KF_LIST = 4,		/* a column of the list page */
	KF_NOFORM = 8,	/* not on the form: an edit keeps its value */
	KF_SUBTITLE = 16,	/* under the title in the list page */
};

/* A provision a record refers to. */
struct record_link {
	const char *work_uri, *eid;
};

struct kind_field {
	const char *key;	/* the JSON key, the form's field name and the column */
	enum kind_type type;
	size_t max;		/* bytes (KT_LINKS: items) */
	unsigned flags;		/* enum kind_flag */
	const char *label;	/* catalog: the form's label, and the page's by default */
	const char *heading;	/* catalog: the label on the record's page and lists;
				 * NULL: label */
	const char *hint;	/* catalog: under the label on the form; for KT_WORK the
				 * text of the link on the page; may be NULL */
	size_t off;		/* offsetof the value (const char *; KT_LINKS: struct
				 * record_link *) in the kind's struct; 0: no member,
				 * the value is in struct record's values (not for
				 * KT_LINKS) */
	size_t off_n;		/* KT_LINKS: offsetof the count (size_t) */
};

struct kind {
	enum record_kind id;
	const char *name;	/* "case": JSON, audit, search filters */
	const char *path;	/* "cases": /cases, /api/v1/cases and the list's JSON key */
	const char *api;	/* the API's collection ("works" for legislation) */
	const char *table;	/* the store's table; NULL: not described by fields */
	size_t size;		/* sizeof the kind's struct */
	const struct kind_field *fields;
	size_t nfields;
	int regional;		/* a record of a region rather than a country may be */
	/* catalog strings of its pages */
	const char *title_label;	/* the title's label ("Case name") */
	const char *plural;		/* the list's title ("Case law") */
	const char *heading;		/* the list's heading */
	const char *intro;		/* under the list's heading */
	const char *add, *edit;		/* "Add a case", "Edit the case" */
	const char *none;		/* "No cases match." */
	const char *missing;		/* "There is no such case." */
	const char *no_country;		/* the form's message without a country */
	const char *country_hint;	/* under the country's label; may be NULL */
};

/* The kind k; NULL when there is none. */
const struct kind *kind_by_id(enum record_kind k);
/* The kind named name ("case"); NULL when there is none. */
const struct kind *kind_by_name(const char *name);
/* Element i of an array of records of kind k. */
void *kind_at(const struct kind *k, void *arr, size_t i);
/* A new zeroed record of kind k in p. */
void *kind_new(pool *p, const struct kind *k);
/* The text value of field f of obj (NULL for none); for KT_LINKS NULL. */
const char *kind_value(const void *obj, const struct kind_field *f);
void kind_set(void *obj, const struct kind_field *f, const char *v);
/* The links of KT_LINKS field f of obj. */
void kind_links(const void *obj, const struct kind_field *f, struct record_link **v,
		size_t *n);
void kind_set_links(void *obj, const struct kind_field *f, struct record_link *v, size_t n);

/* Check obj (common fields and every field of k): ERR_INVALID naming the field. */
int kind_validate(const struct kind *k, const void *obj, struct err *e);
/* obj as a new JSON object: record_json's fields and one per field of k (null for
 * none; KT_LINKS: [{work_uri, eid}]). The caller owns the reference. */
json_t *kind_json(const struct kind *k, const void *obj);
/* The fields of JSON object o into obj (strings in p): what o lacks keeps its value,
 * null clears it. ERR_INVALID naming the field. */
int kind_from_json(struct store *s, pool *p, const struct kind *k, json_t *o, void *obj,
		   struct err *e);
/* Create (rec.id 0) or update obj as a; *id receives it. An edit of a published
 * record keeps the old revision, or, by someone who may not publish it, waits for
 * review (rec.pending set; see record_store). One transaction. */
int kind_save(struct store *s, const struct actor *a, const struct kind *k, void *obj,
	      long long *id, struct err *e);
/* Record id of kind k (what the clearance lets the connection read) into *out, in
 * p, without auditing: for editing and the domain's own use. ERR_NOTFOUND. */
int kind_get(struct store *s, pool *p, const struct kind *k, long long id, void **out,
	     struct err *e);
/* kind_get to show the record to a: record_read's check, and the read of a restricted
 * record goes to the audit log. */
int kind_read(struct store *s, pool *p, const struct actor *a, const struct kind *k,
	      long long id, void **out, struct err *e);
/* The records of kind k that q selects, an array of k->size elements in p. When a is
 * not NULL, the list is shown to a: the restricted records in it go to the audit log
 * (record_read_each). */
int kind_list(struct store *s, pool *p, const struct actor *a, const struct kind *k,
	      const struct record_query *q, void **out, size_t *n, struct err *e);
/* Apply content (a proposed change: the kind's JSON) to record id as a, whatever its
 * kind. ERR_INVALID for a kind without proposed changes. */
int kind_apply(struct store *s, pool *p, const struct actor *a, const struct record *rec,
	       json_t *content, struct err *e);
/* The record as published, in the form of its proposals (kind_json, or record_json
 * for a kind not described by fields). */
int kind_current_json(struct store *s, pool *p, const struct record *rec, json_t **out,
		      struct err *e);
/* KT_MARKDOWN as safe HTML (cmark, raw HTML and unsafe links dropped), in p. */
const char *kind_markdown_html(pool *p, const char *markdown);

#endif
