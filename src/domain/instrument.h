/* instrument: international instruments (the Budapest Convention, the UN Convention
 * against Cybercrime), their chapters and articles, and the cross-walk between them. */
#ifndef DOMAIN_INSTRUMENT_H
#define DOMAIN_INSTRUMENT_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"

struct store;

struct instrument {
	const char *id;		/* "coe-185" */
	const char *short_name, *title, *adopted, *work_uri;
	int article_count;
};

struct chapter {
	const char *instrument, *code, *parent;	/* parent "" at top level */
	int ordinal, depth;
	const char *title;
};

struct article {
	const char *instrument;
	int number;
	const char *title, *chapter, *category;
};

/* One article's counterpart through the cross-walk. */
struct xwalk_link {
	const char *topic;
	const char *instrument;
	int number;
	const char *title;	/* of the counterpart article */
	const char *relation;	/* "equivalent" or "related" */
};

/* One cross-walk row: a topic and the article of each instrument that serves it
 * (number 0 when that instrument has none). */
struct xwalk_row {
	int ordinal;
	const char *topic;
	const char *a_instrument, *b_instrument;
	int a_number, b_number;
	const char *relation;	/* "equivalent" or "related" */
};

/* The gap-analysis categories in display order, and a check. */
extern const char *const instrument_categories[];
extern const size_t instrument_category_count;
int instrument_category_valid(const char *s);

/* All instruments; memory belongs to p. */
int instrument_list(struct store *s, pool *p, struct instrument **out, size_t *n,
		    struct err *e);
/* One instrument; ERR_NOTFOUND when absent; ERR_INVALID when id is malformed. */
int instrument_get(struct store *s, pool *p, const char *id, struct instrument **out,
		   struct err *e);
/* Chapters (display order, depth filled) and articles (by number) of an instrument. */
int instrument_chapters(struct store *s, pool *p, const char *id, struct chapter **out,
			size_t *n, struct err *e);
int instrument_articles(struct store *s, pool *p, const char *id, struct article **out,
			size_t *n, struct err *e);
/* Parse an article number ("7"); ERR_INVALID unless 1..9999. */
int instrument_article_number(const char *s, int *out, struct err *e);
/* One article; ERR_NOTFOUND when absent. */
int instrument_article(struct store *s, pool *p, const char *id, int number,
		       struct article **out, struct err *e);
/* Counterparts of an article in the other instruments through the cross-walk. */
int instrument_counterparts(struct store *s, pool *p, const char *id, int number,
			    struct xwalk_link **out, size_t *n, struct err *e);
/* The whole cross-walk in table order. */
int instrument_crosswalk(struct store *s, pool *p, struct xwalk_row **out, size_t *n,
			 struct err *e);

#endif
