/* lesson: lessons learned and good practices, written in Markdown. */
#ifndef DOMAIN_LESSON_H
#define DOMAIN_LESSON_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/record.h"

struct store;

struct lesson {
	struct record rec;	/* rec.country or rec.region */
	const char *topic;
	const char *body;	/* Markdown */
	const char *date;	/* YYYY-MM-DD, may be NULL */
};

int lesson_validate(const struct lesson *l, struct err *e);
/* The lesson as a new JSON object: record_json's fields and topic, date, body. */
json_t *lesson_json(const struct lesson *l);
/* The fields of JSON object o into l (strings in p); what o lacks keeps its value,
 * null clears it. ERR_INVALID naming the field. */
int lesson_from_json(struct store *s, pool *p, json_t *o, struct lesson *l, struct err *e);
int lesson_save(struct store *s, const struct actor *a, struct lesson *l, long long *id,
		struct err *e);
int lesson_get(struct store *s, pool *p, long long id, struct lesson **out, struct err *e);
int lesson_list(struct store *s, pool *p, const struct record_query *q, struct lesson **out,
		size_t *n, struct err *e);
/* The body as safe HTML (cmark, raw HTML and unsafe links dropped), in p. */
const char *lesson_html(pool *p, const char *markdown);

#endif
