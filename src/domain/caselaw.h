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

int caselaw_validate(const struct caselaw *c, struct err *e);
/* Create (c->rec.id == 0) or update a case; *id receives it. An edit of a published
 * case keeps the old revision. */
int caselaw_save(struct store *s, const struct actor *a, struct caselaw *c, long long *id,
		 struct err *e);
int caselaw_get(struct store *s, pool *p, long long id, struct caselaw **out, struct err *e);
int caselaw_list(struct store *s, pool *p, const struct record_query *q,
		 struct caselaw **out, size_t *n, struct err *e);

#endif
