/* questionnaire: the templates of the needs assessment (DESIGN capability 5, issue 15,
 * "Questionnaires"): a versioned JSON document (docs/questionnaire.md) of six
 * dimensions, each with questions of five kinds; parsed and checked here, kept by the
 * store as imported with one row per question, published by curators and never
 * changed after. Campaigns and answers come later and read these.
 *
 * The rules, in one place (questionnaire.c):
 *   - the dimensions are those of qn_dimensions[], each at most once, in any order;
 *   - a question's kind is one of qn_kind_names[]: stage (exactly QN_STAGES stage
 *     descriptions), yes_partly_no, number (optional min <= max), choice (2 to
 *     LIMIT_QN_OPTIONS options, each with an id and a text), text;
 *   - every text is a string (English) or an object of the six UN languages
 *     (ar zh en fr ru es), English required;
 *   - ids: question ids are unique in a template and stable across its versions;
 *   - evidence: none (the default), optional or required;
 *   - articles: "instrument/number" refs, checked against the articles table on import;
 *   - a published version never changes; a draft may be imported again. */
#ifndef DOMAIN_QUESTIONNAIRE_H
#define DOMAIN_QUESTIONNAIRE_H
#include <stddef.h>

#include "core/err.h"
#include "core/lang.h"
#include "core/pool.h"

struct store;
struct actor;

#define QN_STAGES 5		/* maturity stages 1..5 of a stage question */
/* The shipped template (data/questionnaire-v1.json), its id. */
#define QN_SHIPPED_PATH "data/questionnaire-v1.json"

enum qn_kind { QN_STAGE, QN_YES_PARTLY_NO, QN_NUMBER, QN_CHOICE, QN_TEXT, QN_KIND_COUNT };
enum qn_evidence { QN_EV_NONE, QN_EV_OPTIONAL, QN_EV_REQUIRED, QN_EV_COUNT };

/* The dimensions' ids in order ("legal", "procedural", "cooperation",
 * "institutions", "training", "prevention"), qn_dimension_count of them; their
 * English titles in qn_dimension_titles[], each a msgid of data/messages.tsv (pages
 * translate them). */
extern const char *const qn_dimensions[];
extern const char *const qn_dimension_titles[];
extern const size_t qn_dimension_count;
/* "stage", "yes_partly_no", "number", "choice", "text"; "none", "optional",
 * "required". */
extern const char *const qn_kind_names[];
extern const char *const qn_evidence_names[];

/* A text in the UN languages (by enum lang); t[LANG_EN] is never NULL. */
struct qn_text {
	const char *t[LANG_COUNT];
};

struct qn_option {
	const char *id;
	struct qn_text text;
};

struct qn_question {
	const char *id;
	int dimension;			/* index in qn_dimensions */
	enum qn_kind kind;
	struct qn_text text;
	const struct qn_text *help;	/* NULL: none */
	enum qn_evidence evidence;
	struct qn_text stages[QN_STAGES];	/* QN_STAGE only */
	struct qn_option *options;	/* QN_CHOICE only */
	size_t noptions;
	int has_min, has_max;		/* QN_NUMBER only */
	double min, max;
	const char **articles;		/* "un-cc/7" */
	size_t narticles;
	int ordinal;			/* from 1, in the template's order */
};

struct qn_template {
	const char *id;
	int version;
	struct qn_text title;
	struct qn_question *questions;	/* in order, dimension by dimension */
	size_t nquestions;
	int ndimensions;		/* dimensions present */
};

/* A stored version, as the store keeps it. */
struct qn_version {
	const char *id;
	int version;
	const char *status;		/* "draft", "published" */
	const char *title;		/* English */
	const char *json;		/* as imported */
	long long nquestions;
	const char *imported_at, *imported_by;
	const char *published_at, *published_by;	/* NULL while a draft */
};

/* One question as a row of the store (for queries across templates). */
struct qn_question_row {
	const char *template_id;
	int version;
	const char *question, *dimension, *kind, *evidence;
	int ordinal;
	const char *articles;		/* JSON array of "un-cc/7" */
};

/* Parse and check template json (len bytes, at most LIMIT_QN_BYTES) into *out (in
 * p). ERR_INVALID with a message naming the dimension or question and what is wrong.
 * Does not look articles up (qn_import does). */
int qn_parse(pool *p, const char *json, size_t len, struct qn_template **out,
	     struct err *e);

/* The questions of newer that are unchanged in older (same id, kind, text, stages,
 * options, min and max): answers to them can carry over. keep[i] (newer's
 * nquestions entries, in p) is 1 for those, 0 for the others; returns their count. */
size_t qn_unchanged(pool *p, const struct qn_template *older, const struct qn_template *newer,
		    int **keep);

/* Import template json as a draft (or, with publish, published) version, by a:
 * parses it (qn_parse), checks its articles against the articles table, and stores
 * the JSON as given and a row per question, audited in the same transaction.
 * Importing again a draft version replaces it; a published version is refused
 * (ERR_CONFLICT). ERR_FORBIDDEN unless a is a curator (ACT_QUESTIONNAIRE). The
 * template (in p) into *out when out is not NULL. */
int qn_import(struct store *s, pool *p, const struct actor *a, const char *json, size_t len,
	      int publish, struct qn_template **out, struct err *e);
/* Publish draft version of template id (0: its latest), by a (a curator), audited.
 * ERR_NOTFOUND when absent, ERR_CONFLICT when published already. */
int qn_publish(struct store *s, const struct actor *a, const char *id, int version,
	       struct err *e);
/* The stored versions, by id and version (in p). */
int qn_list(struct store *s, pool *p, struct qn_version **out, size_t *n, struct err *e);
/* Version of template id (0: its latest) and its parsed template (in p; tmpl may be
 * NULL). ERR_NOTFOUND when absent. */
int qn_get(struct store *s, pool *p, const char *id, int version, struct qn_version **out,
	   struct qn_template **tmpl, struct err *e);
/* "ID" or "ID@VERSION" into id (in p) and version (0 without one). ERR_INVALID when
 * malformed. */
int qn_ref(pool *p, const char *ref, const char **id, int *version, struct err *e);
/* Import the shipped template (QN_SHIPPED_PATH, embedded) as published version 1 when
 * the database has no version of it; *loaded says whether it did. By the command line
 * (ccrepo migrate). */
int qn_ensure_shipped(struct store *s, const struct actor *a, int *loaded, struct err *e);

#endif
