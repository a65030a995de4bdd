/* needs: a country's ranked capacity-building needs (DESIGN capability 5, issue 15),
 * from two sources, each with its evidence:
 *   - coverage gaps (domain/coverage.h): articles not covered or partly covered, with
 *     the cell (its assessment, its partial provisions) as evidence;
 *   - stated needs: a focal point (their own country) or a curator records a need
 *     directly (table stated_need, migration 17): topic, target group, urgency, note;
 *     closed when met. Labelled like records, GREEN by default; the public reads only
 *     CLEAR ones, signed-in accounts GREEN, AMBER only curators and the country's
 *     focal points (needs_can_read).
 *   - questionnaire answers (domain/campaign.h): in the latest answer of the country
 *     that the reader may read (submitted or accepted), each stage question answered
 *     below the target stage, and each yes / partly / no question answered "no" (two
 *     stages short) or "partly" (one short): the template phrases those questions so
 *     that "yes" is the capability (docs/questionnaire.md). The answer, its campaign
 *     and its evidence are the need's evidence.
 * Every need belongs to a dimension of the questionnaire (qn_dimensions): a gap by
 * its article's category, a stated need by its topic, an answer by its question.
 *
 * The priority score of a need is a sum of terms, each shown on the pages
 * (NEEDS_FORMULA); its weights are the table need_weight_defs (defaults), which the
 * settings need-weight-NAME override (docs/operations.md). Computing is reads only;
 * nothing is kept, so a changed weight re-ranks at the next request. */
#ifndef DOMAIN_NEEDS_H
#define DOMAIN_NEEDS_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/campaign.h"
#include "domain/coverage.h"

struct store;
struct actor;

#define NEEDS_FORMULA "gap: category weight \xc3\x97 status weight + sub-region weight " \
	"\xc3\x97 share of the sub-region's countries covering it; stated: urgency weight " \
	"\xc3\x97 urgency (1-3) + age weight \xc3\x97 years since raised (at most 2); " \
	"answer: stage weight \xc3\x97 stages short of the target stage"

/* The weights, in the order of need_weight_defs. */
enum need_weight {
	NW_CRIMINALIZATION, NW_LIABILITY, NW_JURISDICTION, NW_PROCEDURAL, NW_SAFEGUARDS,
	NW_COOPERATION,		/* the counted categories, in cov_categories order */
	NW_NOT_COVERED, NW_PARTLY,	/* the status of the gap */
	NW_SUBREGION,		/* times the share of the sub-region covering it */
	NW_URGENCY,		/* times the urgency stated, 1..3 */
	NW_AGE,			/* times the years since raised, at most NEEDS_AGE_CAP */
	NW_STAGE,		/* times the stages an answer is short of the target */
	NW_TARGET,		/* not a weight: the target stage (1..5) */
	NEED_WEIGHT_COUNT
};
#define NEEDS_AGE_CAP 2.0

/* The table of weights: a name (the setting is need-weight-NAME), its default, and
 * what it weighs (a msgid). */
struct need_weight_def {
	const char *name;
	double def;
	const char *help;
};
extern const struct need_weight_def need_weight_defs[NEED_WEIGHT_COUNT];

struct need_weights {
	double w[NEED_WEIGHT_COUNT];
};
/* The defaults of need_weight_defs into w. */
void needs_weights_default(struct need_weights *w);
/* Set the weight called name (need_weight_defs, with or without "need-weight-") from
 * value, a number from 0 to 100: ERR_INVALID naming the weight otherwise. */
int needs_weight_set(struct need_weights *w, const char *name, const char *value,
		     struct err *e);
/* Set the weights of list, "NAME=N,NAME=N" (the setting need-weights; "" or NULL:
 * nothing), each as needs_weight_set; w is unchanged on error. */
int needs_weights_parse(struct need_weights *w, const char *list, struct err *e);
/* The weights the server uses (defaults until needs_weights_use is called, which
 * `serve` does once before its worker threads start, with the settings). */
const struct need_weights *needs_weights(void);
void needs_weights_use(const struct need_weights *w);
/* The weights in force: needs_weights() with the weights a curator changed in the
 * database on top (needs_weights_save), into *w; read at every ranking, so a change
 * re-ranks at once. */
int needs_weights_current(struct store *s, struct need_weights *w, struct err *e);
/* Change the weights in the database, list as needs_weights_parse reads it (the
 * names given change, the others stay; "" resets them all to the settings'), by a
 * (a curator: ACT_CAMPAIGN), audited needs.weights. */
int needs_weights_save(struct store *s, const struct actor *a, const char *list,
		       struct err *e);

/* ---- the controlled lists (kept as data: the tables in needs.c; each name a msgid
 * of data/messages.tsv) ---- */

struct need_term_def {
	const char *key;		/* "digital-forensics" */
	const char *name;		/* "digital forensics" (msgid) */
};
extern const struct need_term_def need_topics[];
extern const size_t need_topic_count;
extern const struct need_term_def need_targets[];
extern const size_t need_target_count;
/* The entry of key in need_topics / need_targets, or NULL. */
const struct need_term_def *needs_topic(const char *key);
const struct need_term_def *needs_target(const char *key);

/* ---- stated needs ---- */

struct need_stated {
	long long id;
	const char *country;		/* alpha-2 */
	const char *topic, *target;	/* keys of need_topics, need_targets */
	int urgency;			/* 1 low, 2 medium, 3 high */
	const char *note;		/* 0..LIMIT_NEED_NOTE bytes */
	const char *tlp;		/* "CLEAR", "GREEN", "AMBER" */
	const char *raised_at, *raised_by;
	const char *closed_at, *closed_by, *close_note;	/* NULL while open */
};

/* Whether a (NULL: the public) may read stated need n: CLEAR everybody; GREEN any
 * signed-in account and the command line; AMBER curators, the command line and the
 * focal points of its country. */
int needs_can_read(const struct actor *a, const struct need_stated *n);
/* State need in (country in any ISO form, topic, target, urgency, note; tlp NULL:
 * GREEN): permit ACT_NEED (a focal point for their own country, curators for any),
 * audited need.state in the same transaction. ERR_INVALID naming the field
 * ("country:", "topic:", "target:", "urgency:", "note:", "tlp:"). *id receives its
 * id. */
int needs_state(struct store *s, const struct actor *a, const struct need_stated *in,
		long long *id, struct err *e);
/* Close stated need id as met, with a note (0..LIMIT_NEED_NOTE bytes), as
 * needs_state permits for its country; audited need.close. ERR_NOTFOUND when absent,
 * closed already or unreadable to a. */
int needs_close(struct store *s, const struct actor *a, long long id, const char *note,
		struct err *e);
/* Stated need id (open or closed) if a may read it; ERR_NOTFOUND otherwise. */
int needs_get(struct store *s, pool *p, const struct actor *a, long long id,
	      struct need_stated **out, struct err *e);
/* The open stated needs of country (any ISO form; NULL: all) that a may read, oldest
 * first. */
int needs_stated_list(struct store *s, pool *p, const struct actor *a, const char *country,
		      struct need_stated **out, size_t *n, struct err *e);

/* ---- ranked needs ---- */

enum need_source { NEED_GAP, NEED_STATED, NEED_ANSWER };
/* "gap", "stated", "answer" (by enum need_source). */
extern const char *const need_source_names[];

/* One term of a score: weight (need_weight_defs index) times x. For NW_SUBREGION,
 * count of of countries cover the article. */
struct need_term {
	enum need_weight weight;
	double w, x, value;		/* value = w * x */
	int count, of;
};

#define NEEDS_TERMS_MAX 3
struct need {
	enum need_source source;
	const char *country;		/* alpha-2 */
	const char *topic, *target;	/* keys; a gap's from its article's category */
	/* NEED_GAP: the article and the country's cell (its evidence when computed
	 * with evidence: needs_country) */
	const struct article *article;
	const struct cov_cell *cell;
	/* NEED_STATED */
	const struct need_stated *stated;
	/* NEED_ANSWER: the question, its value (and evidence), the campaign answered */
	const struct qn_question *question;
	const struct camp_value *value;
	const struct campaign *campaign;
	const char *dimension;		/* a key of qn_dimensions */
	double score;
	struct need_term terms[NEEDS_TERMS_MAX];
	size_t nterms;
};

/* The terms of n written out in English ("category criminalization \xc3\x97 3,
 * not covered \xc3\x97 2, 5 of 11 countries of the sub-region cover it +1.4"), in p. */
const char *needs_terms_text(pool *p, const struct need *n);
/* Sort needs by score, highest first, then country, then column/stated order. */
void needs_sort(struct need *needs, size_t n);

/* What to list. Every member may be NULL. */
struct needs_query {
	const char *at;			/* YYYY-MM-DD: coverage's date and the age's
					 * reference; NULL: today */
	const char *region;		/* M49 code */
	const char *topic, *target;	/* keys */
	const char *dimension;		/* a key of qn_dimensions */
};
/* Check q: ERR_INVALID naming the parameter ("at:", "region:", "topic:",
 * "target:", "dimension:"). */
int needs_query_check(struct store *s, pool *p, const struct needs_query *q, struct err *e);

/* The needs of country (any ISO form) under w (NULL: the weights in force,
 * needs_weights_current), ranked, as a and the connection's
 * clearance read (store_set_clearance as for coverage): its gaps with their evidence
 * (cov_profile) and its open stated needs a may read. q's region is ignored; topic
 * and target filter. Everything in p. */
int needs_country(struct store *s, pool *p, const struct actor *a,
		  const struct need_weights *w, const char *country,
		  const struct needs_query *q, struct need **out, size_t *n, struct err *e);
/* The needs of every country (of q->region) under w (NULL: in force), ranked,
 * filtered by q; gaps without evidence (statuses only). */
int needs_all(struct store *s, pool *p, const struct actor *a, const struct need_weights *w,
	      const struct needs_query *q, struct need **out, size_t *n, struct err *e);

/* A need shared by several countries: the same article (gaps) or topic (stated). */
struct need_shared {
	const struct article *article;	/* NULL for a topic */
	const char *topic;		/* the topic key (a gap's from its category) */
	const char **countries;		/* alpha-2, by score */
	size_t ncountries;
	double score;			/* the sum of the countries' scores */
};
/* The needs of needs (ranked, e.g. needs_all's) shared by at least min_countries
 * countries, by number of countries then score, in p. */
void needs_shared(pool *p, const struct need *needs, size_t n, size_t min_countries,
		  struct need_shared **out, size_t *nout);

#endif
