/* assist: technical assistance (DESIGN capability 6, issue 16; docs/assistance.md):
 * requests from countries, their lifecycle, offers from providers, suggested and
 * confirmed matches, duplication warnings, pledges and disbursements.
 *
 * The rules, in one place each:
 *   - requests (assist.c): a focal point for their own country or a curator on its
 *     behalf (ACT_ASSIST); fields checked by assist_request_check; every edit names
 *     the revision it was made from (ERR_CONFLICT otherwise);
 *   - reading (assist_can_read): CLEAR everybody, GREEN signed-in accounts, AMBER
 *     curators, the country's focal points and the providers matched to it;
 *   - the lifecycle (assist_moves[], assist.c): a table of {from, to, who, condition,
 *     comment required}; a move the table lacks is ERR_CONFLICT naming both stages;
 *     every move is a row of the timeline (table assist_move) and an audit entry
 *     (assist.move) in one transaction;
 *   - offers, matching and evaluations (assist_match.c): the score is a sum of terms
 *     from the table assist_weights[], each written out; the topic is required;
 *   - duplication warnings (assist_overlaps, assist_match.c);
 *   - money (assist_funds.c): currencies of ISO 4217 with their minor units (table
 *     currency), amounts as exact integers of minor units, never floating point;
 *     disbursements within pledges; the gap; totals per currency.
 * Everything that comes back lives in the pool p given. */
#ifndef DOMAIN_ASSIST_H
#define DOMAIN_ASSIST_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/limits.h"

struct store;
struct actor;
struct assist_request;

/* ---- the lifecycle ---- */

enum assist_stage {
	AS_REQUESTED, AS_ASSESSED, AS_MATCHED, AS_FUNDED, AS_IN_DELIVERY, AS_DELIVERED,
	AS_EVALUATED, AS_CLOSED, AS_DECLINED, AS_WITHDRAWN, AS_STAGE_COUNT
};
/* "requested", ..., "in_delivery", ... (kept in the database) and their English
 * names ("in delivery"), msgids of data/messages.tsv. */
extern const char *const assist_stage_names[AS_STAGE_COUNT];
extern const char *const assist_stage_titles[AS_STAGE_COUNT];
/* The stage called s, or -1. */
int assist_stage_parse(const char *s);
/* Whether a request at stage st is open: not closed, declined or withdrawn. */
int assist_stage_open(enum assist_stage st);

/* Who may make a move: a mask of these. */
enum assist_who {
	AW_FOCAL = 1,		/* a focal point of the request's country */
	AW_CURATOR = 2,		/* a curator or admin (and the command line) */
	AW_PROVIDER = 4,	/* an account of the provider of an accepted match */
	AW_DONOR = 8,		/* an account of a donor organisation (ORG_DONOR) that
				 * pledged to the request */
};
/* What must hold besides who. */
enum assist_cond {
	AC_NONE,
	AC_ACCEPTED_MATCH,	/* a match of the request was accepted by its provider */
	AC_FUNDED,		/* no budget, or pledges in its currency reach it */
};
struct assist_move_rule {
	enum assist_stage from, to;
	unsigned who;		/* enum assist_who mask */
	enum assist_cond cond;
	int comment;		/* a comment is required */
};
extern const struct assist_move_rule assist_moves[];
extern const size_t assist_move_count;
/* The rule of the move from -> to, or NULL when the table has none. */
const struct assist_move_rule *assist_move_rule(enum assist_stage from, enum assist_stage to);

/* What may be done to a request besides moving it, each at some stages and by some
 * people (assist_ops[], assist.c): the domain's checks and the forms a page shows
 * read the same table. */
enum assist_op {
	ASSIST_OP_EDIT,		/* edit the request: open, before in delivery */
	ASSIST_OP_MATCH,	/* confirm a match: open, before funded */
	ASSIST_OP_EVALUATE,	/* evaluate a provider: delivered or evaluated */
	ASSIST_OP_ACT_RECORD,	/* record activities: funded to delivered */
	ASSIST_OP_ACT_EVALUATE,	/* evaluate an activity: in delivery to evaluated */
	ASSIST_OP_COUNT
};
/* Whether request r's stage allows op. */
int assist_op_stage(const struct assist_request *r, enum assist_op op);
/* Whether who (a mask of enum assist_who, from assist_who) may do op on r now: its
 * stage allows it and who holds one of the op's roles. The domain's checks are the
 * word (a provider records only the activities its organisation provides); this is
 * what a page asks to show a form. */
int assist_op_may(const struct assist_request *r, unsigned who, enum assist_op op);

/* ---- requests ---- */

#define ASSIST_MAX_AMOUNT 1000000000000000LL	/* 10^15 minor units */

struct assist_request {
	long long id;
	const char *country;		/* alpha-2 */
	const char *title;		/* 1..LIMIT_ASSIST_TITLE bytes */
	const char *topic;		/* a key of need_topics */
	const char *beneficiary;	/* the institution, as written */
	const char *beneficiary_key;	/* case-folded, white space collapsed */
	const char *targets;		/* keys of need_targets, "police,judges" */
	const char *languages;		/* 2-letter codes, "en,fr" */
	const char *date_from, *date_to;	/* YYYY-MM-DD or NULL (both or none) */
	int urgency;			/* 1..3 */
	const char *modes;		/* of assist_modes, "online,mentoring"; "" none */
	const char *budget_currency;	/* ISO 4217 or NULL: no budget */
	long long budget_amount;	/* minor units */
	const char *needs;		/* refs, "stated:12,gap:un-cc/7"; "" none */
	const char *description;	/* 0..LIMIT_ASSIST_TEXT bytes */
	const char *tlp;		/* "CLEAR", "GREEN" (default), "AMBER" */
	enum assist_stage stage;
	long long revision;		/* 1 when made, +1 at each change */
	const char *created_at, *created_by, *updated_at, *updated_by;
};

/* What a request is made from: the fields above as text (lists comma-separated;
 * the budget as "CUR" and an amount "1234.56"). NULL or "" is absent. */
struct assist_request_in {
	const char *country, *title, *topic, *beneficiary, *targets, *languages;
	const char *date_from, *date_to, *urgency, *modes;
	const char *budget_currency, *budget_amount;
	const char *needs, *description, *tlp;
};

/* The delivery modes (a controlled list; msgids). */
extern const char *const assist_modes[];
/* Whether comma-separated list has key as one of its items. */
int assist_list_has(const char *list, const char *key);

/* Whether a (NULL: the public) may read r: CLEAR everybody; GREEN any signed-in
 * account and the command line; AMBER curators, the command line, the focal points
 * of r's country, and accounts of an organisation that matched is true for (a
 * provider with a match, confirmed or accepted, on r). The one reading rule. */
int assist_can_read(const struct actor *a, const struct assist_request *r, int matched);

/* Check in and make the request it describes into *out (in p): ERR_INVALID naming
 * the field ("title: ...", "targets: ...", "budget_amount: ..."). Reads the store
 * for the country, the currency and the needs named (that a stated need or a
 * campaign exists, that an article does). */
int assist_request_check(struct store *s, pool *p, const struct assist_request_in *in,
			 struct assist_request **out, struct err *e);
/* Add a request (permit ACT_ASSIST on its country: its focal points, curators),
 * stage requested, with the first row of its timeline; audited assist.request.
 * *id receives its id. */
int assist_request_add(struct store *s, pool *p, const struct actor *a,
		       const struct assist_request_in *in, long long *id, struct err *e);
/* Replace the fields of request id by in (the country stays), made from revision:
 * ERR_CONFLICT "the request changed since revision N: it is at revision M" otherwise;
 * only while open and before in_delivery. Audited assist.edit. */
int assist_request_edit(struct store *s, pool *p, const struct actor *a, long long id,
			long long revision, const struct assist_request_in *in,
			struct err *e);
/* Request id if a may read it; ERR_NOTFOUND ("no request N") otherwise. */
int assist_request_get(struct store *s, pool *p, const struct actor *a, long long id,
		       struct assist_request **out, struct err *e);
/* The requests a may read, of country (any ISO form; NULL all) and stage (-1 all),
 * newest first. */
int assist_request_list(struct store *s, pool *p, const struct actor *a,
			const char *country, int stage, struct assist_request **out,
			size_t *n, struct err *e);

/* One row of a request's timeline. */
struct assist_step {
	long long id, request;
	const char *from, *to;		/* stage names; from NULL for the first */
	const char *comment;		/* NULL when none */
	const char *at, *by;
};
/* The timeline of request id (as assist_request_get reads it), oldest first. */
int assist_timeline(struct store *s, pool *p, const struct actor *a, long long id,
		    struct assist_step **out, size_t *n, struct err *e);
/* The mask of enum assist_who that a holds for request r. */
int assist_who(struct store *s, pool *p, const struct actor *a,
	       const struct assist_request *r, unsigned *who, struct err *e);
/* Move request id to stage to (a name) with comment (0..LIMIT_ASSIST_COMMENT bytes;
 * required where the rule says), as the table allows for a and its condition holds:
 * ERR_CONFLICT "no move from FROM to TO" when the table has none, ERR_FORBIDDEN
 * naming who may, ERR_CONFLICT naming the condition. Audited assist.move with the
 * timeline row, in one transaction. */
int assist_move(struct store *s, pool *p, const struct actor *a, long long id,
		const char *to, const char *comment, struct err *e);

/* ---- offers ---- */

struct assist_offer {
	long long id;
	long long org;			/* the provider organisation */
	const char *org_name;
	const char *title;
	const char *topics;		/* keys of need_topics, 1..n */
	const char *regions;		/* M49 codes, "" the world */
	const char *languages;		/* 2-letter codes, 1..n */
	const char *modes;		/* of assist_modes, 1..n */
	long long capacity;		/* activities a year, 1..LIMIT_ASSIST_CAPACITY */
	const char *period_from, *period_to;	/* YYYY-MM-DD or NULL */
	const char *created_at, *created_by;
	const char *withdrawn_at, *withdrawn_by;	/* NULL while offered */
};
struct assist_offer_in {
	const char *org;		/* organisation name; NULL: a's own */
	const char *title, *topics, *regions, *languages, *modes, *capacity;
	const char *period_from, *period_to;
};
/* Add an offer of in->org (ACT_OFFER: a provider for their own organisation, a
 * curator for any); audited assist.offer. */
int assist_offer_add(struct store *s, pool *p, const struct actor *a,
		     const struct assist_offer_in *in, long long *id, struct err *e);
/* Withdraw offer id (its organisation's accounts, curators); audited
 * assist.offer_withdraw. ERR_CONFLICT when withdrawn already. */
int assist_offer_withdraw(struct store *s, pool *p, const struct actor *a, long long id,
			  struct err *e);
/* Offer id (ERR_NOTFOUND "no offer N"); offers are public. */
int assist_offer_get(struct store *s, pool *p, long long id, struct assist_offer **out,
		     struct err *e);
/* Every offer, newest first; withdrawn ones only with all. */
int assist_offer_list(struct store *s, pool *p, int all, struct assist_offer **out,
		      size_t *n, struct err *e);

/* ---- suggestions and matches ---- */

enum assist_weight { AWT_LANGUAGE, AWT_REGION, AWT_CAPACITY, AWT_MODE, AWT_RATING,
		     AWT_COUNT };
struct assist_weight_def {
	const char *name;
	double w;
	const char *help;	/* a msgid */
};
extern const struct assist_weight_def assist_weights[AWT_COUNT];

/* One term: weight times x (0..1), and what it rests on in words. */
struct assist_term {
	enum assist_weight weight;
	double w, x, value;
	const char *why;		/* "2 of 3 languages (en, fr)" */
};
struct assist_suggestion {
	const struct assist_offer *offer;
	double score;
	struct assist_term terms[AWT_COUNT];
	long long capacity_left;	/* in year */
	int year;
};
/* The reasons of s written out ("topic digital forensics; languages: 1 of 2 (fr)
 * 3 x 0.50 = 1.50; ..."), in p. */
const char *assist_reasons(pool *p, const struct assist_suggestion *s);
/* The offers for request id (as a reads it), best first (score, then offer id),
 * each with its terms: only offers on its topic, not withdrawn, whose period has not
 * ended before the request's start (or today). */
int assist_suggest(struct store *s, pool *p, const struct actor *a, long long id,
		   struct assist_suggestion **out, size_t *n, struct err *e);

enum assist_match_status { AM_CONFIRMED, AM_ACCEPTED, AM_DECLINED, AM_STATUS_COUNT };
extern const char *const assist_match_status_names[AM_STATUS_COUNT];
struct assist_match {
	long long id, request, offer, org;	/* org: the offer's */
	enum assist_match_status status;
	double score;
	const char *comment;
	const char *confirmed_at, *confirmed_by, *answered_at, *answered_by;
};
/* A curator confirms offer for request (ACT_MATCH): the offer must not be withdrawn
 * ("offer: N was withdrawn on DATE: a match to a withdrawn offer is refused"), must
 * have the request's topic; the request open and before funded. Audited
 * assist.match. *id receives its id. */
int assist_match_confirm(struct store *s, pool *p, const struct actor *a, long long request,
			 long long offer, long long *id, struct err *e);
/* The provider (an account of the offer's organisation, or the command line)
 * accepts or declines confirmed match id (comment optional); audited
 * assist.match_accept / assist.match_decline. */
int assist_match_answer(struct store *s, pool *p, const struct actor *a, long long id,
			int accept, const char *comment, struct err *e);
/* The matches of request id (as a reads it). */
int assist_matches(struct store *s, pool *p, const struct actor *a, long long request,
		   struct assist_match **out, size_t *n, struct err *e);

/* The beneficiary rates the assistance of the provider org (a name) on request id,
 * 1..5, and names the needs it closed (refs as in requests; "" none): the country's
 * focal points or a curator, at delivered or evaluated; the org must have an
 * accepted match on it. One rating per request and provider (again: replaced).
 * The stated needs named ("stated:N") that are open are closed as met by the request
 * (audited need.close each), so they leave the ranked needs. Audited
 * assist.evaluate, all in one transaction. */
int assist_evaluate(struct store *s, pool *p, const struct actor *a, long long id,
		    const char *org, int rating, const char *closed_needs, struct err *e);

/* A provider's evaluations: how many and their sum (ratings 1..5). */
struct assist_rating {
	long long org, count, sum;
};
/* How many of an offer's matches were accepted in a year. */
struct assist_used {
	long long offer, count;
};

/* ---- duplication warnings ---- */

enum assist_overlap_kind { AO_BENEFICIARY, AO_TARGET };
struct assist_overlap {
	const struct assist_request *a, *b;	/* a->id < b->id */
	enum assist_overlap_kind kind;
	const char *target;		/* AO_TARGET: the first shared target group */
};
/* The period a request covers: its dates, or without dates the whole year it was
 * made in (YYYY-01-01 .. YYYY-12-31); into from/to (11 bytes each). */
void assist_period(const struct assist_request *r, char from[11], char to[11]);
/* The overlaps among r[0..n): two open requests on the same topic in the same
 * country whose periods overlap (both days included) and that are for the same
 * beneficiary (beneficiary_key) or share a target group. Sorted by topic and
 * country, then start: a sweep over each group's intervals, O(n log n + pairs).
 * Into *out (in p; pointing into r, which is left as it is), ordered by a's then b's
 * id. */
void assist_overlaps_find(pool *p, struct assist_request *r, size_t n,
			  struct assist_overlap **out, size_t *nout);
/* assist_overlaps_find over the requests a may read (of country when not NULL). */
int assist_overlaps(struct store *s, pool *p, const struct actor *a, const char *country,
		    struct assist_overlap **out, size_t *n, struct err *e);

/* ---- money ---- */

struct assist_currency {
	char code[4];
	const char *name;
	int minor;			/* digits after the point: 0..4 */
};
/* Currency code (ISO 4217 alpha-3, upper case) from the table; ERR_INVALID
 * "currency: 'X' is not an ISO 4217 code" otherwise. */
int assist_currency_get(struct store *s, pool *p, const char *code,
			struct assist_currency **out, struct err *e);
/* Parse text as an amount of a currency with minor digits after the point:
 * "1234", "1234.5", "1234.56" for 2; no sign, no exponent, no separators, at most
 * minor decimals, more than 0 and at most ASSIST_MAX_AMOUNT minor units (zero_ok:
 * 0 too). ERR_INVALID naming field. No floating point. */
int assist_amount_parse(const char *field, const char *text, int minor, int zero_ok,
			long long *out, struct err *e);
/* amount (minor units) as text with minor decimals ("1234.56"), in p. */
const char *assist_amount_text(pool *p, long long amount, int minor);
/* *sum += add unless it would pass ASSIST_MAX_AMOUNT * 1000 (the totals' bound) or
 * overflow: then -1 and *sum unchanged. */
int assist_add(long long *sum, long long add);

enum assist_fund_kind { AF_PLEDGE, AF_DISBURSEMENT, AF_KIND_COUNT };
extern const char *const assist_fund_kind_names[AF_KIND_COUNT];
struct assist_fund {
	long long id, request, donor;
	const char *donor_name;
	enum assist_fund_kind kind;
	char currency[4];
	long long amount;		/* minor units */
	const char *on_date;		/* YYYY-MM-DD */
	const char *at, *by;
};
struct assist_fund_in {
	const char *donor;		/* organisation name (kind donor) */
	const char *kind;		/* "pledge" or "disbursement" */
	const char *currency, *amount, *on_date;
};
/* Record a pledge or a disbursement of in->donor for request id: the donor's own
 * accounts or a curator (ACT_FUND); a disbursement may not take the donor's
 * disbursements in that currency for the request above its pledges ("amount: ...
 * above the pledges of ORG"). Audited assist.fund. */
int assist_fund(struct store *s, pool *p, const struct actor *a, long long id,
		const struct assist_fund_in *in, struct err *e);
/* The funding of request id (as a reads it), oldest first. */
int assist_funds(struct store *s, pool *p, const struct actor *a, long long id,
		 struct assist_fund **out, size_t *n, struct err *e);

/* A sum per currency. */
struct assist_sum {
	const char *key;		/* what it is the total of (a donor, ...); NULL */
	char currency[4];
	int minor;
	long long pledged, disbursed;
};
/* The gap of request r given its funding f[0..n): *gap the budget minus the pledges
 * in the budget's currency (0 when they reach it; -1 without a budget), *pledged
 * those pledges; the pledges and disbursements in other currencies into *other (never
 * converted). ERR_INVALID on overflow. */
int assist_gap(pool *p, const struct assist_request *r, const struct assist_fund *f,
	       size_t n, long long *gap, long long *pledged, struct assist_sum **other,
	       size_t *nother, struct err *e);

enum assist_by { AB_DONOR, AB_COUNTRY, AB_REGION, AB_TOPIC, AB_COUNT };
extern const char *const assist_by_names[AB_COUNT];
/* Totals of pledges and disbursements by by (a name: donor, country, region, topic)
 * and currency, over the requests a may read, ordered by key then currency. */
int assist_totals(struct store *s, pool *p, const struct actor *a, const char *by,
		  struct assist_sum **out, size_t *n, struct err *e);

/* ---- activities and trainings (assist_activity.c; docs/assistance.md, "Activities
 * and trainings") ----
 *
 * An activity is what a provider delivers under a request: dates, mode (of
 * assist_modes), place, language, the provider organisations, a title. A training
 * record gives its participants by role and gender (counts), an optional declared
 * total that must equal their sum, and optional pre- and post-test mean scores in
 * tenths of a point (0..1000: "72.5" is 725). The attendance list (the participants'
 * names) is RED: only curators (and the command line) and the accounts of the
 * activity's provider organisations read it, each read audited
 * (assist.attendance_read); everybody else, and every list, total or export, has its
 * count only. The beneficiary (the country's focal points, a curator) evaluates an
 * activity 1..5 and names the request's needs it closed; the open stated needs
 * named leave the ranked needs at once (need.close), as in assist_evaluate.
 * Activities are read as their request is (assist_can_read). */

enum assist_role { AR_POLICE, AR_PROSECUTOR, AR_JUDGE, AR_CERT, AR_OTHER, AR_COUNT };
enum assist_gender { AG_FEMALE, AG_MALE, AG_OTHER, AG_COUNT };
/* "police", "prosecutor", "judge", "cert", "other" and "female", "male", "other"
 * (kept in the database and typed), and their English titles ("CERT staff", "other
 * or not stated"), msgids of data/messages.tsv. */
extern const char *const assist_role_names[AR_COUNT];
extern const char *const assist_role_titles[AR_COUNT];
extern const char *const assist_gender_names[AG_COUNT];
extern const char *const assist_gender_titles[AG_COUNT];
/* The role or gender called s (a gender also by its first letter: f, m, o), or -1. */
int assist_role_parse(const char *s);
int assist_gender_parse(const char *s);

/* An organisation that provides an activity. */
struct assist_party {
	long long id;
	const char *name;
};

/* An organisation of an activity, as the store lists them (store_assist_activity_orgs). */
struct assist_activity_org {
	long long activity, org;
	const char *name;
};

struct assist_activity {
	long long id, request;
	const char *country;		/* the request's, alpha-2 */
	const char *title;		/* 1..LIMIT_ASSIST_TITLE bytes */
	const char *description;	/* 0..LIMIT_ASSIST_TEXT bytes */
	const char *date_from, *date_to;	/* YYYY-MM-DD, to not before from */
	const char *mode;		/* one of assist_modes */
	const char *place;		/* 0..LIMIT_ASSIST_NAME bytes; "" none */
	const char *language;		/* ISO 639-1 */
	struct assist_party *providers;	/* 1..LIMIT_ASSIST_PROVIDERS, by name */
	size_t nproviders;
	/* the training record: trained_at NULL while there is none */
	long long count[AR_COUNT][AG_COUNT];	/* participants, 0..LIMIT_ASSIST_COUNT */
	long long declared;		/* the declared total, -1 none; else the sum */
	int pre, post;			/* mean test scores in tenths, 0..1000; -1 none */
	const char *trained_at, *trained_by;
	long long attendance;		/* how many names the attendance list has */
	/* the evaluation: rating 0 while there is none */
	int rating;			/* 1..5 */
	const char *closed_needs;	/* refs of the request's needs, "" none */
	const char *evaluated_at, *evaluated_by;
	const char *created_at, *created_by;
};

/* What an activity is made from, as text (NULL or "" absent). providers are
 * organisation names (none: the actor's organisation for a provider, the providers
 * of the request's accepted matches for a curator). */
struct assist_activity_in {
	const char *title, *description, *date_from, *date_to, *mode, *place, *language;
	const char *const *providers;
	size_t nproviders;
};

/* Add an activity to request id: its curators, or an account of the provider of an
 * accepted match on it (whose organisation must then be among the providers), while
 * the request is funded, in delivery or delivered (ERR_CONFLICT "request N is
 * withdrawn: activities are recorded while it is funded, in delivery or delivered");
 * "no request N" when a may not read it. ERR_INVALID naming the field ("date_to:",
 * "mode:", "language:", "providers:", "title:", "place:", "description:").
 * Audited assist.activity. *aid receives its id. */
int assist_activity_add(struct store *s, pool *p, const struct actor *a, long long id,
			const struct assist_activity_in *in, long long *aid, struct err *e);
/* Activity aid (with its providers), if a may read its request; ERR_NOTFOUND "no
 * activity N" otherwise. */
int assist_activity_get(struct store *s, pool *p, const struct actor *a, long long aid,
			struct assist_activity **out, struct err *e);
/* The activities a may read of request (0: every request; a request a may not read
 * is "no request N") or, without a request, of country (any ISO form; NULL: all),
 * oldest first, with their providers. */
int assist_activity_list(struct store *s, pool *p, const struct actor *a, long long request,
			 const char *country, struct assist_activity **out, size_t *n,
			 struct err *e);

/* A training record as text: counts[role][gender] whole numbers 0..LIMIT_ASSIST_COUNT
 * (NULL or "": 0), total the declared total (NULL: none), pre and post mean scores
 * 0..100 with at most one decimal (NULL: none). */
struct assist_training_in {
	const char *count[AR_COUNT][AG_COUNT];
	const char *total, *pre, *post;
};
/* Read the compact form "police:f=3,m=2;judge:female=1" (roles of assist_role_names,
 * genders by name or first letter; a pair at most once) into in's counts (in p;
 * the others are left). ERR_INVALID "participants: ..." naming the item. */
int assist_participants_parse(pool *p, const char *text, struct assist_training_in *in,
			      struct err *e);
/* Record (or replace) the training record of activity aid: who may add activities to
 * its request, at the same stages. ERR_INVALID naming the field ("police_female: '-3'
 * is not a whole number from 0 to 100000", "total: 12 but the counts add up to 11",
 * "pre: ..."). Audited assist.training. */
int assist_training_set(struct store *s, pool *p, const struct actor *a, long long aid,
			const struct assist_training_in *in, struct err *e);

/* Whether a may read the attendance names of activity act: curators, the command
 * line and the accounts of its provider organisations (an API token reads as its
 * account). */
int assist_attendance_can_read(const struct actor *a, const struct assist_activity *act);
/* Replace the attendance list of activity aid by names[0..n) (each 1..
 * LIMIT_ASSIST_PERSON bytes of UTF-8 without control characters, at most
 * LIMIT_ASSIST_NAMES; blank ones skipped): who may add activities to its request
 * and may read the list. The names are never in the audit log: assist.attendance
 * says how many. */
int assist_attendance_set(struct store *s, pool *p, const struct actor *a, long long aid,
			  const char *const *names, size_t n, struct err *e);
/* The attendance names of activity aid, in the order given, if
 * assist_attendance_can_read: each read audited assist.attendance_read (the count,
 * never the names). ERR_FORBIDDEN "the attendance list of activity N is RED: only
 * curators and its providers read the names" when a may read the activity but not
 * the names; ERR_NOTFOUND when not the activity. */
int assist_attendance_get(struct store *s, pool *p, const struct actor *a, long long aid,
			  const char ***names, size_t *n, struct err *e);

/* The beneficiary (the focal points of the request's country, or a curator) rates
 * activity aid 1..5 and names the needs of its request it closed (refs as in requests,
 * a subset of the request's; "" none), while the request is in delivery, delivered
 * or evaluated. Again: replaced. The open stated needs named are closed as met by the
 * activity (need.close each) and leave the ranked needs; gaps and answers close when
 * the law's coverage or the next answer changes. Audited assist.activity_evaluate,
 * all in one transaction. */
int assist_activity_evaluate(struct store *s, pool *p, const struct actor *a, long long aid,
			     int rating, const char *closed_needs, struct err *e);

/* People trained: the participants of the training records of the activities a may
 * read (of request when not 0, else of country when not NULL), by role and
 * gender, summed per by: "request" (key the request's id), "country" (key alpha-2),
 * NULL or "" one row (key NULL). Rows by key. ERR_INVALID "by: ..." otherwise. */
struct assist_trained {
	const char *key;
	long long count[AR_COUNT][AG_COUNT];
	long long role[AR_COUNT], gender[AG_COUNT], total;
	long long activities;		/* with a training record */
};
int assist_trained(struct store *s, pool *p, const struct actor *a, const char *country,
		   long long request, const char *by, struct assist_trained **out, size_t *n,
		   struct err *e);

/* ---- by organisation (a provider's page, a donor's page; assist_org.c) ---- */

/* The matches of the offers of organisation org on the requests a may read, oldest
 * first, with (*reqs)[i] the request of (*out)[i]. */
int assist_org_matches(struct store *s, pool *p, const struct actor *a, long long org,
		       struct assist_match **out, const struct assist_request ***reqs,
		       size_t *n, struct err *e);
/* The pledges and disbursements of donor org on the requests a may read, oldest first,
 * with (*reqs)[i] the request of (*out)[i]. */
int assist_org_funds(struct store *s, pool *p, const struct actor *a, long long org,
		     struct assist_fund **out, const struct assist_request ***reqs,
		     size_t *n, struct err *e);
/* The activities organisation org provides, of the requests a may read, by id, with
 * their providers (assist_activity_list's form). */
int assist_org_activities(struct store *s, pool *p, const struct actor *a, long long org,
			  struct assist_activity **out, size_t *n, struct err *e);

#endif
