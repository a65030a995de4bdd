/* dev: the developments of a period (issue 17, DESIGN capability 7): what changed in
 * the repository and in the work around it, one entry per event, newest first, as
 * the reader may read it. The developments page, the Atom feeds, the API and (later)
 * the reports read them through dev_list only.
 *
 * What counts (enum dev_kind), each with its date (the legal or event date, which
 * the period filters) and its updated time (when the repository learned it):
 *   - law adopted: the first version of a published law (date: the version's);
 *   - law amended: a later version (date: the version's; the previous version's date
 *     for the link to the differences);
 *   - new case (date: decided, else the day it was stored), new lesson learned (date:
 *     its date, else the day it was stored);
 *   - article newly covered in a country (coverage's timeline: covered since a day
 *     in the period and still covered at its end);
 *   - campaign opened (date: its opening day), campaign answered by a country (date:
 *     the submission's day; a returned or unsent answer is no development);
 *   - assistance delivered (date: the move to the stage delivered).
 * Reading: records through the store's clearance (published records only, versions
 * waiting for review never); coverage as cov_timeline computes it under that
 * clearance; an answer as camp_can_read allows; a request as assist_can_read (and
 * assist_request_get for a provider's match) allows.
 *
 * Cost: each source is asked for at most `limit` rows in the order asked, with its
 * filters in SQL; answers and deliveries, whose reading rules are the domain's, are
 * read up to DEV_SCAN_MAX rows before their rule; coverage computes one timeline per
 * country that has a version dated in the period. */
#ifndef DOMAIN_DEV_H
#define DOMAIN_DEV_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/period.h"

struct store;
struct actor;

#define DEV_LIMIT_DEFAULT 50
#define DEV_LIMIT_MAX 500	/* ATOM_MAX_ENTRIES */
#define DEV_SCAN_MAX 5000	/* answers and deliveries read before their rules */

enum dev_kind {
	DEV_LAW_ADOPTED, DEV_LAW_AMENDED, DEV_CASE, DEV_LESSON, DEV_COVERED,
	DEV_CAMPAIGN_OPENED, DEV_CAMPAIGN_ANSWERED, DEV_ASSIST_DELIVERED, DEV_KIND_COUNT
};
/* "law-adopted", "law-amended", "case", "lesson", "coverage", "campaign-opened",
 * "campaign-answered", "assistance-delivered": the API's and the filter's names. */
extern const char *const dev_kind_names[DEV_KIND_COUNT];
/* Their names for people ("Law adopted", ...): msgids of data/messages.tsv. */
extern const char *const dev_kind_titles[DEV_KIND_COUNT];
/* The kind called s, or -1. */
int dev_kind_parse(const char *s);

enum dev_order { DEV_BY_DATE, DEV_BY_UPDATED };

/* What a caller asks, as typed (NULL or "": not given): the query string of the
 * page, the feed and the API. */
struct dev_params {
	const char *period, *from, *to;	/* period_parse; none: the PERIOD_MAX_YEARS
					 * years up to today */
	const char *country;		/* any ISO form */
	const char *region;		/* M49 code at any level */
	const char *article;		/* "coe-185/2", "un-cc/7" */
	const char *kind;		/* dev_kind_names, comma-separated */
	const char *topic;		/* a key of need_topics (domain/needs.h) */
	const char *limit;		/* 1..DEV_LIMIT_MAX; none: DEV_LIMIT_DEFAULT */
	const char *order;		/* "date" (none) or "updated" */
};

/* A checked query. */
struct dev_query {
	struct period period;
	int period_given;		/* asked (else the default, which moves daily) */
	char country[3];		/* alpha-2, "" none */
	char region[4];			/* M49, "" none */
	const char *instrument;		/* with article: "coe-185"; NULL none */
	int article;
	unsigned kinds;			/* a mask of 1u << enum dev_kind */
	const char *topic;		/* a key of need_topics, NULL none */
	int limit;
	enum dev_order order;
};

/* Check in into *out (strings in p): ERR_INVALID naming the parameter ("country: no
 * country 'XX'", "region: ...", "article: ...", "kind: ...", "topic: ...", "limit:
 * 501 is more than 500", "from: ...", "period: ..." from period_parse). today
 * (YYYY-MM-DD; NULL: today) ends the default period. */
int dev_query_parse(struct store *s, pool *p, const struct dev_params *in,
		    const char *today, struct dev_query *out, struct err *e);
/* The query string of q (the parameters given, "country=KE&kind=case"; the period
 * only when it was given), canonical: the same for the same query, for links, feed
 * ids and ETags; "" for everything. In p. */
const char *dev_query_string(pool *p, const struct dev_query *q);

/* One development. */
struct dev {
	enum dev_kind kind;
	long long id;			/* the record; the campaign; the request */
	const char *country;		/* alpha-2; NULL for a campaign opened or a regional
					 * lesson */
	const char *region;		/* a regional lesson's M49 code, else NULL */
	const char *title;		/* the record's, campaign's or request's title; for
					 * coverage the article's title */
	const char *language;		/* the title's language (BCP 47 or the FRBR
					 * three letters), NULL when unknown */
	const char *date;		/* YYYY-MM-DD */
	const char *updated;		/* stored time, "YYYY-MM-DDTHH:MM:SSZ" (coverage:
					 * its version's) */
	const char *path;		/* the page it links to ("/akn/ke/act/2018/5/
					 * eng@2020-01-01", "/cases/12", ...) */
	const char *diff_path;		/* law amended: the differences with the previous
					 * version; else NULL */
	const char *uri;		/* laws: the work's URI; else NULL */
	const char *instrument;		/* coverage: the article's instrument and number */
	int article;
	const char *detail;		/* a case's court, a lesson's topic, a campaign's
					 * template, a request's topic key; NULL */
	const char *key;		/* what identifies it for ever ("law/12/2020-01-01",
					 * "case/7"): the specific part of its feed id */
	const char *tlp;		/* a law's, case's or lesson's label; else NULL */
};

/* The developments q selects that a may read (NULL: the public), q->order first
 * (date or updated, newest first; ties by the other, then kind and id), at most
 * q->limit, into *out (in p). The caller has set the store's clearance for a
 * (record_use_clearance). *newest receives the greatest updated among them (NULL
 * when none). They are shown to a: the AMBER, AMBER+STRICT and RED records among
 * them go to the audit log as a list's do (record_read_each). */
int dev_list(struct store *s, pool *p, const struct actor *a, const struct dev_query *q,
	     struct dev **out, size_t *n, const char **newest, struct err *e);

/* ---- what the store returns (store_dev_records, store_dev_events,
 * store_dev_law_days) ---- */

/* What the store is asked: the period's dates, countries and articles as JSON
 * arrays (NULL: any), the region of a regional lesson, a topic, the kinds (mask),
 * the order and the most rows. */
struct dev_filter {
	const char *from, *to;
	const char *countries;		/* ["KE","UG"] */
	const char *region;		/* "014": lessons of that region too */
	const char *articles;		/* ["coe-185/2","un-cc/7"] */
	const char *topic, *topic_name;	/* key and English name (a lesson's topic
					 * matches either, case-folded) */
	unsigned kinds;
	int by_updated;
	int limit;
};
/* One row: the fields of struct dev the store knows, and what the domain's rules
 * need (an answer's status and label, a request's label). */
struct dev_row {
	int kind;			/* enum dev_kind; a version is DEV_LAW_ADOPTED
					 * when prev is NULL */
	long long id;
	const char *country, *region, *title, *language, *date, *updated;
	const char *uri, *version_language, *prev;	/* laws */
	const char *detail;
	const char *status, *tlp;	/* answers: the answer's; requests and records:
					 * tlp */
};

#endif
