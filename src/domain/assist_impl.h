/* assist_impl: what the files of the assist module share (assist.c, assist_match.c,
 * assist_funds.c, assist_activity.c); not for other modules. */
#ifndef DOMAIN_ASSIST_IMPL_H
#define DOMAIN_ASSIST_IMPL_H

#include "domain/assist.h"
#include "domain/record.h"

/* Whether a is a curator, an admin or the command line. */
int assist_curator(const struct actor *a);
/* record_allow(act) on country's records (NULL: the role alone). */
int assist_allow(const struct actor *a, enum record_action act, const char *country,
		 struct err *e);
/* The name a acts under ("unknown" without one). */
const char *assist_actor_name(const struct actor *a);
/* Whether s is absent: NULL or "". */
int assist_none(const char *s);
/* Whether text is at most max bytes of valid UTF-8 without control characters other
 * than new lines and tabs. */
int assist_text_ok(const char *s, size_t max);
/* Check comma-separated list field: items of list (a NULL-terminated array of keys)
 * or, when list is NULL, checked by ok; 1..max items (0..max when may_be_empty),
 * each once. The canonical list ("a,b", no spaces) into *out (in p). */
int assist_keys(pool *p, const char *field, const char *in, const char *const *list,
		int (*ok)(const char *item), size_t max, int may_be_empty, const char **out,
		struct err *e);
/* Whether a's organisation has a confirmed or accepted match on request id (for
 * assist_can_read). */
int assist_matched(struct store *s, pool *p, const struct actor *a, long long id,
		   int *matched, struct err *e);
/* The organisation with id (its kind and name) into *kind and *name (may be NULL);
 * ERR_NOTFOUND when there is none. */
int assist_org_by_id(struct store *s, pool *p, long long id, int *kind, const char **name,
		     struct err *e);
/* Check a pair of YYYY-MM-DD dates: both or neither, to not before from;
 * ERR_INVALID naming the field. */
int assist_dates(const char *from_field, const char *from, const char *to_field,
		 const char *to, struct err *e);

/* Close the open stated needs among refs ("stated:N", comma-separated; the other
 * refs are skipped) as met by what ("assistance request 4", "activity 2 of assistance
 * request 4": the note is "met by WHAT"), each audited need.close, inside the
 * caller's transaction: they leave the ranked needs (needs_country). Gaps and answers
 * close when the law's coverage or the next answer changes, not here. Shared by
 * assist_evaluate and assist_activity_evaluate. */
int assist_close_needs(struct store *s, pool *p, const struct actor *a, const char *refs,
		       const char *what, struct err *e);
/* Check closed (refs of needs, comma-separated) against request r's: each must be
 * one of its needs ("closed_needs: 'REF' is not a need of request N"). Shared by
 * assist_evaluate and assist_activity_evaluate. */
int assist_needs_subset(pool *p, const struct assist_request *r, const char *closed,
			struct err *e);

/* The requests of ids[0..n) that a may read: sorted and made unique in place (*n
 * becomes how many distinct), with (*reqs)[i] the request of ids[i] or NULL when a
 * may not read it (in p). For lists by organisation (assist_org.c). */
int assist_readable(struct store *s, pool *p, const struct actor *a, long long *ids,
		    size_t *n, struct assist_request ***reqs, struct err *e);
/* The request of id among ids[0..n) / reqs of assist_readable, or NULL. */
const struct assist_request *assist_readable_find(const long long *ids,
						  struct assist_request *const *reqs,
						  size_t n, long long id);

/* Whether k is an ISO 639-1 code (two lower-case letters that iso-codes lists). */
int assist_language_ok(const char *k);

#endif
