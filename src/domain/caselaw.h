/* caselaw: court decisions: court, date, citation, parties (may be anonymised),
 * summary, facts, outcome, the provisions applied, electronic-evidence issues,
 * keywords; optionally the judgment's text as a document. */
#ifndef DOMAIN_CASELAW_H
#define DOMAIN_CASELAW_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/record.h"

struct store;

struct case_link {
	const char *work_uri, *eid;
};

struct caselaw {
	struct record rec;	/* rec.title: the case name */
	const char *court, *decided, *citation, *parties, *summary, *facts, *outcome;
	const char *evidence_issues, *keywords;	/* keywords: comma-separated */
	const char *work_uri;	/* the judgment's text as a document, or NULL */
	struct case_link *applied;
	size_t napplied;
};

#define CASE_APPLIED_MAX 500	/* provisions applied by one case */

int caselaw_validate(const struct caselaw *c, struct err *e);
/* The case as a new JSON object: record_json's fields, court ... work_uri, and
 * applied: [{work_uri, eid}]. */
json_t *caselaw_json(const struct caselaw *c);
/* The fields of JSON object o into c (strings in p); what o lacks keeps its value,
 * null clears it. ERR_INVALID naming the field. */
int caselaw_from_json(struct store *s, pool *p, json_t *o, struct caselaw *c,
		      struct err *e);
/* Create (c->rec.id == 0) or update a case; *id receives it. An edit of a published
 * case keeps the old revision. */
int caselaw_save(struct store *s, const struct actor *a, struct caselaw *c, long long *id,
		 struct err *e);
int caselaw_get(struct store *s, pool *p, long long id, struct caselaw **out, struct err *e);
int caselaw_list(struct store *s, pool *p, const struct record_query *q,
		 struct caselaw **out, size_t *n, struct err *e);

#endif
