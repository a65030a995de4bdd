/* lesson: lessons learned and good practices, written in Markdown. Described by its
 * kind table (lesson_kind, see domain/kind.h). */
#ifndef DOMAIN_LESSON_H
#define DOMAIN_LESSON_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/kind.h"
#include "domain/record.h"

struct store;

struct lesson {
	struct record rec;	/* rec.country or rec.region */
	const char *topic;
	const char *body;	/* Markdown */
	const char *date;	/* YYYY-MM-DD, may be NULL */
};

extern const struct kind lesson_kind;

/* kind_save of a lesson: create (l->rec.id == 0) or update; *id receives it. */
int lesson_save(struct store *s, const struct actor *a, struct lesson *l, long long *id,
		struct err *e);
/* kind_get of a lesson (no audit: the domain's own use), in p. */
int lesson_get(struct store *s, pool *p, long long id, struct lesson **out, struct err *e);
/* kind_list of lessons without an actor (no audit), in p. */
int lesson_list(struct store *s, pool *p, const struct record_query *q, struct lesson **out,
		size_t *n, struct err *e);

#endif
