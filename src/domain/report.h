/* report: a periodic report (issue 17, DESIGN capability 7; docs/reports.md) for a
 * period (domain/period.h) and a scope (the world, an M49 region, a country, a list of
 * countries), in sections computed by the functions the pages use, never a second
 * count of the same thing:
 *   - legislation: laws adopted and amended, the articles newly covered (dev_list);
 *   - case law, lessons learned (dev_list);
 *   - coverage: the counts per category at the period's first and last day
 *     (cov_matrix, the coverage pages' rows' by_category; a country's equal
 *     cov_profile's);
 *   - needs: the gaps at both ends (needs_all, needs_country: the needs pages'),
 *     the stated needs raised and closed in the period (as needs_can_read reads);
 *   - assistance: requests delivered (dev_list), the activities that ended in the
 *     period with their people trained by role and gender (assist_activity_list, the
 *     records assist_trained sums), pledges and disbursements dated in the period
 *     per currency (the rows assist_totals sums, of the requests assist_request_list
 *     reads);
 *   - campaigns opened in the period asking the scope, their response rates
 *     (camp_get), answers submitted (dev_list).
 * Who reads what: a report is made at one of two levels. REPORT_PUBLIC reads as the
 * public does (CLEAR records, public aggregates), whoever asks; REPORT_GREEN reads as
 * any signed-in reader does (CLEAR and GREEN, never AMBER or RED) and only a curator
 * (or the command line) may make one: its pages say so (REPORT_GREEN_NOTE).
 *
 * A report is a value: sections of named figures and tables of cells (text, numbers,
 * dates), which the handlers write as HTML, CSV and JSON (export/report_json.h), and
 * which a saved report keeps (table report, migration 25) with its parameters, its
 * time and the prose written around the report to the Commission
 * (report_paragraphs: paragraphs 5 to 13 of the resolution). Making a saved report
 * again compares the figures (report_compare). */
#ifndef DOMAIN_REPORT_H
#define DOMAIN_REPORT_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/period.h"

struct store;
struct actor;

#define REPORT_COUNTRIES_MAX 60		/* a list scope */
#define REPORT_PROSE_MAX 20000		/* bytes of prose per paragraph */
#define REPORT_TITLE_MAX 200
/* What the GREEN report's pages say at their top and foot (a msgid). */
#define REPORT_GREEN_NOTE "Includes GREEN data: do not share beyond the accounts of this " \
	"repository and their organisations."
#define REPORT_PUBLIC_NOTE "Public data only: records marked CLEAR and published figures."

enum report_level { REPORT_PUBLIC, REPORT_GREEN };

/* What a caller asks, as typed (NULL or "": not given). */
struct report_params {
	const char *period, *from, *to;	/* period_parse: a span or dates */
	const char *region;		/* M49 code ("001": the world) */
	const char *country;		/* one country or a list, "KE,UG,TZ", any ISO form */
	const char *level;		/* "public" (none) or "green" */
	const char *title;		/* a saved report's title, 0..REPORT_TITLE_MAX */
};

/* A checked query. */
struct report_query {
	struct period period;
	char region[4];			/* "" none (the world, or countries) */
	const char **countries;		/* alpha-2, as given (duplicates dropped) */
	size_t ncountries;
	enum report_level level;
	const char *title;		/* NULL none */
};

/* Check in into *out (in p): ERR_INVALID naming the parameter ("from: ...", "to: ...",
 * "period: ..." from period_parse; "region: no region '999'", "country: no country
 * 'XX'", "country: more than 60 countries", "region: a region and countries: give
 * one", "level: ...", "title: ..."); ERR_FORBIDDEN "level: GREEN data in a report is
 * for curators" when a may not make a GREEN report. */
int report_query_parse(struct store *s, pool *p, const struct actor *a,
		       const struct report_params *in, struct report_query *out, struct err *e);
/* Whether a may make a GREEN report: curators, admins and the command line. */
int report_can_green(const struct actor *a);
/* The scope of q in words for the machine: "world", "region:014", "KE", "KE,UG". */
const char *report_scope(pool *p, const struct report_query *q);

/* ---- a report's content ---- */

enum report_ctype {
	RC_TEXT,	/* as written (a title) */
	RC_MSG,		/* a msgid: pages translate it */
	RC_NUM,		/* a whole number */
	RC_SHARE,	/* a share 0..1: pages write a percentage */
	RC_DATE,	/* YYYY-MM-DD */
	RC_COUNTRY,	/* alpha-2: pages write its name */
	RC_PATH,	/* a path of this site: pages link the previous column to it */
	RC_AMOUNT,	/* an amount in a currency, as text ("1234.56") */
};

struct report_column {
	const char *key;		/* the CSV's and JSON's name: "country" */
	const char *label;		/* a msgid */
	enum report_ctype type;
};

struct report_table {
	const char *key;		/* "laws": the CSV's name */
	const char *title;		/* a msgid */
	const struct report_column *cols;
	size_t ncols;
	const char **cells;		/* nrows * ncols, row by row; NULL: empty */
	size_t nrows;
	int truncated;			/* a source gave its most rows: counts are at
					 * least these */
};

struct report_figure {
	const char *key;		/* "laws.adopted", "coverage.end.criminalization" */
	const char *label;		/* a msgid */
	const char *of;			/* a msgid of what it is about (a category), or
					 * NULL */
	const char *unit;		/* a currency code, or NULL */
	double value;
	int share;			/* a share 0..1 (a percentage); else a count or
					 * an amount */
};

struct report_section {
	const char *key;		/* "legislation", "coverage", ... */
	const char *title;		/* a msgid */
	const char *note;		/* a msgid, or NULL */
	struct report_figure *figures;
	size_t nfigures;
	struct report_table *tables;
	size_t ntables;
};

/* A paragraph of the resolution the report to the Commission follows: its number,
 * its gist (a msgid), and the figures that answer it (keys, a prefix when it ends
 * with '.'). */
struct report_paragraph {
	int number;
	const char *gist;
	const char *const *figures;
};
#define REPORT_PARAGRAPH_COUNT 9	/* 5 to 13 */
extern const struct report_paragraph report_paragraphs[REPORT_PARAGRAPH_COUNT];
/* Whether figure key answers paragraph g. */
int report_paragraph_has(const struct report_paragraph *g, const char *key);

struct report {
	long long id;			/* 0 until saved */
	const char *title;		/* NULL: none */
	const char *made_at;		/* "YYYY-MM-DDTHH:MM:SSZ" */
	const char *made_by;		/* the account's name, NULL: the public */
	struct report_query q;
	struct report_section *sections;
	size_t nsections;
	const char *prose[REPORT_PARAGRAPH_COUNT];	/* around paragraphs 5..13; NULL
							 * none */
};

/* Make the report q asks for, as q's level reads (the store's clearance is set for
 * that and restored to a's before returning), made by a (NULL: the public; its name is
 * made_by). Everything in p. */
int report_make(struct store *s, pool *p, const struct actor *a, const struct report_query *q,
		struct report **out, struct err *e);
/* The section called key in r, or NULL; the figure called key, or NULL. */
const struct report_section *report_section(const struct report *r, const char *key);
const struct report_figure *report_figure(const struct report *r, const char *key);

/* A figure that differs between two makings of a report. */
struct report_change {
	const char *key, *label, *of, *unit;
	int share;
	double before, after;		/* a figure absent from one: 0 there */
	int was, is;			/* present before, after */
};
/* The figures of after that differ from before's (by key, in after's order, then
 * those only before had), into *out (in p). */
void report_compare(pool *p, const struct report *before, const struct report *after,
		    struct report_change **out, size_t *n);

/* ---- saved reports (table report, migration 25) ---- */

/* Whether a (NULL: the public) may read saved report r: a public one everybody; a
 * GREEN one signed-in accounts and the command line. */
int report_can_read(const struct actor *a, const struct report *r);
/* Save r (made by report_make) with its content json (its JSON, export/report_json.h)
 * as a signed-in account or the command line: ERR_FORBIDDEN "sign in to save a
 * report" for the public; a GREEN report only by a curator. Audited report.save.
 * *id receives its id (and r->id is set). */
int report_save(struct store *s, const struct actor *a, struct report *r, const char *json,
		long long *id, struct err *e);
/* Replace the prose of paragraph number (5..13) of saved report id by text
 * (0..REPORT_PROSE_MAX bytes of UTF-8): its maker or a curator (ERR_FORBIDDEN
 * otherwise); ERR_INVALID naming "paragraph" or "prose". Audited report.prose. */
int report_prose_set(struct store *s, const struct actor *a, long long id, int number,
		     const char *text, struct err *e);
/* Whether a may write the prose of saved report r. */
int report_can_edit(const struct actor *a, const struct report *r);

/* What the store keeps of a saved report. */
struct report_saved {
	long long id;
	const char *made_at, *made_by, *title;
	const char *date_from, *date_to;
	const char *scope;		/* report_scope's */
	const char *level;		/* "public", "green" */
	const char *content;		/* its JSON */
	const char *prose;		/* JSON object {"5": "...", ...} or NULL */
};
/* Saved report id if a may read it (ERR_NOTFOUND "no report N" otherwise), as the
 * store keeps it. */
int report_get(struct store *s, pool *p, const struct actor *a, long long id,
	       struct report_saved **out, struct err *e);
/* The saved reports a may read, newest first, at most limit (1..500). */
int report_list(struct store *s, pool *p, const struct actor *a, int limit,
		struct report_saved **out, size_t *n, struct err *e);
/* The parameters of a saved report again as a query (to make it again). */
int report_saved_query(struct store *s, pool *p, const struct report_saved *sv,
		       struct report_query *out, struct err *e);

#endif
