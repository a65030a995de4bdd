/* record: what every repository record has (legislation, case law, lessons learned):
 * country, language, source, status in the review workflow, TLP label, revision,
 * and who created and changed it when; the workflow and the one permission check. */
#ifndef DOMAIN_RECORD_H
#define DOMAIN_RECORD_H
#include <stddef.h>

#include <jansson.h>

#include "core/err.h"
#include "core/pool.h"

struct store;

enum record_kind { REC_LEGISLATION, REC_CASE, REC_LESSON, REC_KIND_COUNT };

/* Fields a kind's table may have (domain/kind.h). */
#define RECORD_VALUES_MAX 24
enum record_status { ST_DRAFT, ST_SUBMITTED, ST_PUBLISHED, ST_WITHDRAWN, ST_COUNT };

struct record {
	long long id;
	enum record_kind kind;
	const char *country;	/* ISO 3166-1 alpha-2, or NULL (a regional lesson) */
	const char *region;	/* UN M49 code, or NULL */
	const char *language;	/* BCP 47 ("en") */
	const char *title;
	const char *source_url;	/* may be NULL */
	enum record_status status;
	const char *tlp;	/* "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED" */
	int revision;		/* 1, then +1 per edit of a published record */
	const char *created_at, *created_by, *changed_at, *changed_by;
	long long owner_org;	/* the organisation of the account that made it; 0: none
				 * (made by the operator from the command line) */
	long long created_by_user;	/* the account that made it (its author, who always
					 * reads it); 0: none (the command line) */
	int pending;		/* a change to it waits for review: a proposed edit
				 * (record_change) or a new version of a law; read only */
	/* the values of its kind's fields that have no member in the kind's struct
	 * (domain/kind.h: offset 0), by their place in the kind's table */
	const char *values[RECORD_VALUES_MAX];
};

/* A change to a published record proposed by someone who may not publish: it waits
 * for a curator (record_change_publish, record_change_reject); the public keeps
 * reading the record as published meanwhile. One per record: a later proposal
 * replaces it. */
struct record_change {
	long long record_id;
	const char *content;	/* the record as proposed: its kind's JSON (the API's) */
	const char *proposed_at, *proposed_by;
	long long proposed_by_user;	/* 0: the command line */
};

/* A filter for lists. Zero/NULL fields do not filter. */
struct record_query {
	int kind;		/* -1: any */
	const char *country;
	int status;		/* -1: any */
	const char *type;	/* legislation type ("act") */
	int limit, offset;	/* limit 0: 100 */
	long long id;		/* one record; 0: any */
	int pending;		/* 1: only records with a change waiting for review */
};

/* Who is asking: the access-control issue fills this in with accounts and roles. */
struct actor {
	const char *name;	/* recorded as created_by / changed_by */
	int local;		/* the command line (the operator, who has the database file);
			 * never set for an HTTP request, wherever it comes from */
	/* a signed-in account (user_id != 0), from a session cookie or an API token */
	long long user_id;
	int role;		/* enum role (domain/user.h); meaningful when user_id != 0 */
	long long org_id;
	const char *country;	/* a focal point's country, else NULL */
	int token;		/* by API token: no form token needed (not a browser) */
	int read_only;		/* a token of scope read */
};

/* What a caller may read: the store applies it to every read of a record (see
 * store_set_clearance and docs/security.md). Made from an actor by record_clearance. */
struct clearance {
	int all;		/* everything: the operator at the command line */
	int curator;		/* a curator or admin: every record but RED ones they are
				 * not named on */
	long long user_id;	/* the signed-in account (and the records it made); 0: the
				 * public */
	long long org_id;	/* its organisation (owning organisation, sharing groups) */
	const char *country;	/* a focal point's country (AMBER of that country) */
};

/* The clearance of actor a (NULL: the public). The strings stay a's. */
void record_clearance(const struct actor *a, struct clearance *c);
/* Set on s what a may read (record_clearance): every read through s applies it until
 * it is set again. The strings stay a's. */
int record_use_clearance(struct store *s, const struct actor *a, struct err *e);

/* ACT_LABEL: change a record's sharing (its TLP label, groups, named readers).
 * ACT_ASSESS, ACT_DISPUTE, ACT_DECIDE: coverage (domain/coverage.h) of the country of
 * rec (a record that only names the country): record or withdraw a "not covered"
 * assessment; open a dispute of a status or comment on one; decide a dispute.
 * ACT_QUESTIONNAIRE: import and publish questionnaire templates (rec NULL;
 * domain/questionnaire.h).
 * ACT_NEED: state or close a capacity-building need of rec's country
 * (domain/needs.h).
 * ACT_CAMPAIGN: open a questionnaire campaign, return, accept or reopen an answer,
 * publish aggregates (rec NULL or naming the country; domain/campaign.h).
 * ACT_ANSWER: save and submit rec's country's answer to a campaign.
 * ACT_ASSIST: request technical assistance for rec's country, edit the request
 * (domain/assist.h). ACT_OFFER: offer assistance as rec's owner_org, withdraw it.
 * ACT_MATCH: confirm an offer for a request (curators). ACT_FUND: record a pledge or
 * disbursement of the donor rec's owner_org.
 * ACT_DIRECTORY: add or edit the cooperation directory's entries of rec's country
 * (domain/directory.h). ACT_VERIFY: mark a directory entry verified (curators). */
enum record_action { ACT_READ, ACT_CREATE, ACT_EDIT, ACT_SUBMIT, ACT_PUBLISH, ACT_WITHDRAW,
		     ACT_MAP, ACT_LABEL, ACT_ASSESS, ACT_DISPUTE, ACT_DECIDE,
		     ACT_QUESTIONNAIRE, ACT_NEED, ACT_CAMPAIGN, ACT_ANSWER, ACT_ASSIST,
		     ACT_OFFER, ACT_MATCH, ACT_FUND, ACT_DIRECTORY, ACT_VERIFY };

/* Names: "legislation", "case", "lesson"; "draft", ...; and back (-1 unknown). */
const char *record_kind_name(enum record_kind k);
int record_kind_parse(const char *s);
const char *record_status_name(enum record_status s);
int record_status_parse(const char *s);
/* Whether s is one of the TLP 2.0 labels. */
int record_tlp_valid(const char *s);
/* The TLP 2.0 labels in order, from 0 ("CLEAR") to 4 ("RED"); NULL past the end. */
const char *record_tlp_name(int i);

/* The one permission check: whether actor a may do action on rec (NULL for a record
 * not made yet), by the permission table and the sharing labels of domain/permit.h.
 * ERR_OK; ERR_NOTFOUND for a record a may not read (never revealed); ERR_FORBIDDEN
 * with a message for the user. */
int record_allow(const struct actor *a, enum record_action action, const struct record *rec,
		 struct err *e);
/* record_allow(ACT_READ) for showing one record (rec not NULL), and the read of an
 * AMBER, AMBER+STRICT or RED record by anybody but the command line (a->local) goes to
 * the audit log (read.restricted). */
int record_read(struct store *s, const struct actor *a, const struct record *rec,
		struct err *e);
/* For a list or an export shown to a: the n records at recs (each stride bytes
 * apart, each beginning with struct record) that are AMBER, AMBER+STRICT or RED
 * each go to the audit log as record_read does (one read.restricted entry per
 * reader, record and day), in one transaction. The records must be readable by a
 * (the store's clearance chose them). */
int record_read_each(struct store *s, const struct actor *a, const void *recs,
		     size_t stride, size_t n, struct err *e);
/* Whether the workflow lets a record go from one status to another:
 * draft -> submitted -> published -> withdrawn; submitted -> draft (returned);
 * withdrawn -> published (restored). ERR_INVALID with the reason otherwise. */
int record_transition_valid(enum record_status from, enum record_status to, struct err *e);
/* Validate the common fields (lengths, country code form, language, TLP, URL
 * scheme http/https). ERR_INVALID naming the field. */
int record_validate(const struct record *r, struct err *e);
/* The common fields of the records matching q that the clearance on s lets through,
 * whatever their kind. Memory from p. */
int record_list(struct store *s, pool *p, const struct record_query *q,
		struct record **out, size_t *n, struct err *e);
/* One record's common fields, whatever its kind. */
int record_get(struct store *s, pool *p, long long id, struct record **out, struct err *e);
/* Records waiting for review that the caller reads, oldest first: submitted ones, then,
 * for those who may publish (a), published ones with a proposed change or a new
 * version waiting (rec->pending). At most 500 of each. */
int record_queue(struct store *s, pool *p, const struct actor *a, struct record **out,
		 size_t *n, struct err *e);
/* Move a record through the workflow (see record_transition_valid), keeping the
 * previous state as a revision; note (may be NULL, at most LIMIT_NOTE bytes, else
 * ERR_INVALID) says why. */
int record_set_status(struct store *s, const struct actor *a, long long id,
		      enum record_status to, const char *note, struct err *e);

struct revision {
	int revision;
	enum record_status status;
	const char *snapshot;	/* JSON of the record as it was */
	const char *changed_at, *changed_by, *note;
};
/* Whether actor a may change old into new: edit old, and, when the country or region
 * changes, edit and create the record where it goes; when the label changes, change
 * old's label (ACT_LABEL: its owning organisation, curators, admins). ERR_OK, or
 * ERR_FORBIDDEN with the reason. */
int record_edit_allowed(const struct actor *a, const struct record *old,
			const struct record *new, struct err *e);
/* Before an edit of old (inside the caller's transaction): check the actor may
 * edit it, and when it is published, keep its current state as a revision and
 * count the next one in old->revision. Sets old->changed_at/by. */
int record_before_edit(struct store *s, pool *p, const struct actor *a, struct record *old,
		       struct err *e);
/* Store the common fields of rec (kind k) inside the caller's transaction: a new
 * record (rec->id == 0) starts as a draft at revision 1 by a; an existing one must be
 * of kind k, a must be allowed the change (record_edit_allowed), and it keeps what the
 * workflow owns (status, revision, creation). rec->id is set.
 * An edit of a published record by someone who may not publish it is not applied: it
 * becomes the record's proposed change (proposal: the kind's JSON of rec as edited,
 * see record_change), rec->pending is set, and the caller stores nothing more (the
 * record stays as published). */
int record_store(struct store *s, pool *p, const struct actor *a, struct record *rec,
		 enum record_kind k, const char *proposal, struct err *e);
/* Earlier revisions of record id, newest first, shown to a: record_read's check, and
 * the read of a restricted record goes to the audit log (the snapshots are its
 * content). */
int record_revisions(struct store *s, pool *p, const struct actor *a, long long id,
		     struct revision **out, size_t *n, struct err *e);
/* Whether s is a real calendar date written YYYY-MM-DD (years 1000-9999). */
int record_date_valid(const char *s);
/* Whether the record's country and region exist in the reference data. */
int record_place_valid(struct store *s, const struct record *r, struct err *e);
/* The common fields of struct record in the order of their JSON form (country, region,
 * language, title, source_url, status, tlp, revision, created/changed at/by): the key,
 * what the member is, and where it is in the struct. */
enum record_field_type { RF_TEXT, RF_STATUS, RF_INT };
struct record_field {
	const char *key;
	enum record_field_type type;	/* RF_TEXT: const char *; RF_STATUS; RF_INT: int */
	size_t off;
};
extern const struct record_field record_fields[];
extern const size_t record_nfields;
/* s as a new JSON string, or JSON null for NULL. */
json_t *record_json_str(const char *s);
/* The common fields of record_fields set in object j (the status by name, NULL
 * strings as null). */
void record_json_fields(json_t *j, const struct record *rec);
/* The common fields as a new JSON object (the API's form): id, kind, then those of
 * record_json_fields. */
json_t *record_json(const struct record *rec);
/* Forget who created and changed r when (strings the workflow sets, which may belong
 * to a pool already freed when a caller saves the same struct again). */
void record_workflow_clear(struct record *r);
/* j as compact text in p, taking the reference ("{}" for NULL). */
const char *record_json_text(pool *p, json_t *j);
/* The string under key of object o into *dst (a copy in p): absent leaves *dst, null
 * or "" clears it; another type or an embedded NUL is ERR_INVALID naming key. */
int record_json_take(pool *p, json_t *o, const char *key, const char **dst, struct err *e);
/* The editable common fields of JSON object o into rec (title, country in any ISO
 * 3166-1 form, region, language, source_url, tlp), as record_json_take does: what o
 * lacks keeps its value. ERR_INVALID naming the field. */
int record_from_json(struct store *s, pool *p, json_t *o, struct record *rec, struct err *e);
/* Now as "YYYY-MM-DDTHH:MM:SSZ" in p. */
const char *record_now(pool *p);

#endif
