/* caselaw: court decisions: court, date, citation, parties (may be anonymised),
 * summary, facts, outcome, the provisions applied, electronic-evidence issues,
 * keywords; optionally the judgment's text as a document. Described by its kind
 * table (caselaw_kind, see domain/kind.h). */
#ifndef DOMAIN_CASELAW_H
#define DOMAIN_CASELAW_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/kind.h"
#include "domain/record.h"

struct store;

struct caselaw {
	struct record rec;	/* rec.title: the case name */
	const char *court, *decided, *citation, *parties, *summary, *facts, *outcome;
	const char *evidence_issues, *keywords;	/* keywords: comma-separated */
	const char *work_uri;	/* the judgment's text as a document, or NULL */
	struct record_link *applied;
	size_t napplied;
};

#define CASE_APPLIED_MAX 500	/* provisions applied by one case */

extern const struct kind caselaw_kind;

/* kind_save of a case: create (c->rec.id == 0) or update; *id receives it. */
int caselaw_save(struct store *s, const struct actor *a, struct caselaw *c, long long *id,
		 struct err *e);
/* kind_get of a case (no audit: the domain's own use), in p. */
int caselaw_get(struct store *s, pool *p, long long id, struct caselaw **out, struct err *e);
/* kind_list of cases without an actor (no audit), in p. */
int caselaw_list(struct store *s, pool *p, const struct record_query *q,
		 struct caselaw **out, size_t *n, struct err *e);

#endif
