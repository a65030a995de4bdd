/* review: what waits for a curator besides submitted records. A change to a published
 * record by someone who may not publish it is kept as the record's proposed change
 * (record_change, made by record_store); a new version of a published law imported
 * by such a person is a pending version (legislation_import_doc). Curators publish or
 * reject them here; until then the public reads the record as published. */
#ifndef DOMAIN_REVIEW_H
#define DOMAIN_REVIEW_H

#include "core/err.h"
#include "core/pool.h"
#include "domain/record.h"

struct store;

enum review_decision { REVIEW_PUBLISH, REVIEW_REJECT };

/* "publish", "reject" and back (-1: unknown). */
int review_decision_parse(const char *s);
/* The proposed change of record id, for the curators and its proposer (ERR_NOTFOUND
 * for anybody else, or when there is none). Memory from p. */
int review_change_get(struct store *s, pool *p, long long id, struct record_change **out,
		      struct err *e);
/* One field that a proposed change alters: its key, its value as published and as
 * proposed (text; NULL for none). */
struct review_field {
	const char *key, *published, *proposed;
};
/* The fields the proposed change c of record rec alters (the workflow's own fields
 * left out), in p. */
int review_change_diff(struct store *s, pool *p, const struct record *rec,
		       const struct record_change *c, struct review_field **out, size_t *n,
		       struct err *e);
/* Publish or reject what waits for review on record id, as a (who must be allowed to
 * publish it): its proposed change, and the pending versions of a law; version
 * ("eng@2020-01-01", NULL: all) picks one version. Publishing applies the change as an
 * edit by a (the old state kept as a revision) or puts the version in force; rejecting
 * drops it. note (may be NULL, at most 1000 bytes) goes to the audit log. One
 * transaction. ERR_NOTFOUND when nothing waits. */
int review_decide(struct store *s, const struct actor *a, long long id, const char *version,
		  enum review_decision d, const char *note, struct err *e);

#endif
