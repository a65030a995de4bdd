#include "domain/record.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/lang.h"
#include "core/names.h"
#include "core/utf8.h"
#include "domain/audit.h"
#include "domain/limits.h"
#include "domain/country.h"
#include "domain/kind.h"
#include "domain/permit.h"
#include "domain/tx.h"
#include "store/store.h"

static const char *const status_names[ST_COUNT] = { "draft", "submitted", "published",
						    "withdrawn" };
static const char *const tlp_names[] = { "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED" };

const char *record_kind_name(enum record_kind k)
{
	const struct kind *kd = kind_by_id(k);

	return kd ? kd->name : "record";
}

int record_kind_parse(const char *s)
{
	const struct kind *kd = kind_by_name(s);

	return kd ? (int)kd->id : -1;
}

const char *record_status_name(enum record_status s)
{
	return names_at(status_names, ST_COUNT, (int)s, "draft");
}

int record_status_parse(const char *s)
{
	return names_index(status_names, ST_COUNT, s);
}

const char *record_tlp_name(int i)
{
	return names_at(tlp_names, NAMES_COUNT(tlp_names), i, NULL);
}

int record_tlp_valid(const char *s)
{
	return names_index(tlp_names, NAMES_COUNT(tlp_names), s) >= 0;
}

int record_allow(const struct actor *a, enum record_action action, const struct record *rec,
		 struct err *e)
{
	return permit(a, action, rec, e);	/* the table and the labels: domain/permit.c */
}

/* Whether reading rec by a goes to the audit log: AMBER, AMBER+STRICT and RED, but not
 * by the command line. */
static int read_audited(const struct actor *a, const struct record *rec)
{
	return !(a && a->local) && rec->tlp && strcmp(rec->tlp, "CLEAR") &&
	       strcmp(rec->tlp, "GREEN");
}

int record_read(struct store *s, const struct actor *a, const struct record *rec,
		struct err *e)
{
	char target[48];
	int rc = record_allow(a, ACT_READ, rec, e);

	if (rc || !read_audited(a, rec))
		return rc;
	snprintf(target, sizeof(target), "record/%lld", rec->id);
	return audit_read_once(s, a, target, rec->tlp, e);
}

int record_read_each(struct store *s, const struct actor *a, const void *recs,
		     size_t stride, size_t n, struct err *e)
{
	char target[48];
	struct tx t = {0};
	int rc = ERR_OK;

	for (size_t i = 0; i < n && !rc; i++) {
		const struct record *rec = (const void *)((const char *)recs + i * stride);

		if (!read_audited(a, rec))
			continue;
		/* one transaction for the list: one commit however many */
		if (!t.open && (rc = tx_begin(&t, s, e)))
			return rc;
		snprintf(target, sizeof(target), "record/%lld", rec->id);
		rc = audit_read_once(s, a, target, rec->tlp, e);
	}
	return tx_end(&t, rc, e);
}

/* The workflow: which statuses each status may move to. */
static const unsigned allowed_next[ST_COUNT] = {
	[ST_DRAFT] = 1u << ST_SUBMITTED,
	[ST_SUBMITTED] = 1u << ST_PUBLISHED | 1u << ST_DRAFT,
	[ST_PUBLISHED] = 1u << ST_WITHDRAWN,
	[ST_WITHDRAWN] = 1u << ST_PUBLISHED,
};

int record_transition_valid(enum record_status from, enum record_status to, struct err *e)
{
	if ((unsigned)from < ST_COUNT && (unsigned)to < ST_COUNT && (allowed_next[from] & (1u << to)))
		return ERR_OK;
	return err_set(e, ERR_INVALID, "a %s record cannot become %s (draft -> submitted -> "
		       "published -> withdrawn; submitted may go back to draft; withdrawn may "
		       "be published again)", record_status_name(from), record_status_name(to));
}

static int text_ok(const char *field, const char *s, size_t max, int required, struct err *e)
{
	size_t n = s ? strlen(s) : 0;

	if (required && (!s || !*s))
		return err_set(e, ERR_INVALID, "%s is required", field);
	if (n > max)
		return err_set(e, ERR_INVALID, "%s is longer than %zu bytes", field, max);
	if (s && !utf8_valid(s, n))
		return err_set(e, ERR_INVALID, "%s is not valid UTF-8", field);
	return ERR_OK;
}

int record_validate(const struct record *r, struct err *e)
{
	int rc;

	if ((rc = text_ok("title", r->title, 1000, 1, e)) ||
	    (rc = text_ok("source_url", r->source_url, 2000, 0, e)) ||
	    (rc = text_ok("language", r->language, 16, 1, e)))
		return rc;
	if (lang_parse(r->language, -1) < 0 && strspn(r->language, "abcdefghijklmnopqrstuvwxyz-")
	    != strlen(r->language))
		return err_set(e, ERR_INVALID, "language '%.16s' is not a language code such as en",
			       r->language);
	if (r->country && (strlen(r->country) != 2 || !isupper((unsigned char)r->country[0]) ||
			   !isupper((unsigned char)r->country[1])))
		return err_set(e, ERR_INVALID, "country '%.8s' is not an ISO 3166-1 alpha-2 code",
			       r->country);
	if (r->region && (strlen(r->region) != 3 || strspn(r->region, "0123456789") != 3))
		return err_set(e, ERR_INVALID, "region '%.8s' is not a UN M49 code", r->region);
	if (!r->country && !r->region)
		return err_set(e, ERR_INVALID, "a record needs a country or a region");
	if (r->tlp && !record_tlp_valid(r->tlp))
		return err_set(e, ERR_INVALID, "tlp '%.16s' is not CLEAR, GREEN, AMBER, "
			       "AMBER+STRICT or RED", r->tlp);
	if (r->source_url && *r->source_url && strncmp(r->source_url, "https://", 8) &&
	    strncmp(r->source_url, "http://", 7))
		return err_set(e, ERR_INVALID, "source_url must start with http:// or https://");
	return ERR_OK;
}

int record_date_valid(const char *d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, day, leap;

	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-' ||
	    strspn(d, "0123456789") != 4 || strspn(d + 5, "0123456789") != 2 ||
	    strspn(d + 8, "0123456789") != 2)
		return 0;
	y = atoi(d);
	m = atoi(d + 5);
	day = atoi(d + 8);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1000 && m >= 1 && m <= 12 && day >= 1 &&
	       day <= days[m - 1] + (m == 2 && leap);
}

int record_place_valid(struct store *s, const struct record *r, struct err *e)
{
	pool *p = pool_new();
	struct country *c;
	struct region *g;
	int rc = ERR_OK;

	if (r->country && country_get(s, p, r->country, &c, NULL))
		rc = err_set(e, ERR_INVALID, "country %.8s does not exist", r->country);
	else if (r->region && region_get(s, p, r->region, &g, NULL))
		rc = err_set(e, ERR_INVALID, "region %.8s is not a UN M49 region", r->region);
	pool_free(p);
	return rc;
}

const char *record_now(pool *p)
{
	char buf[32];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return pool_strdup(p, buf);
}

int record_get(struct store *s, pool *p, long long id, struct record **out, struct err *e)
{
	return store_record_get(s, p, id, out, e);
}

int record_queue(struct store *s, pool *p, const struct actor *a, struct record **out,
		 size_t *n, struct err *e)
{
	struct record_query q = { -1, NULL, ST_SUBMITTED, NULL, 500, 0, 0, 0 };
	struct record *sub, *chg;
	size_t nsub, nchg;
	int rc;

	if ((rc = store_record_list(s, p, &q, &sub, &nsub, e)))
		return rc;
	q.status = ST_PUBLISHED;
	q.pending = 1;
	nchg = 0;
	/* that a published record has a change waiting is the reviewers' business */
	if (!record_allow(a, ACT_PUBLISH, NULL, NULL) &&
	    (rc = store_record_list(s, p, &q, &chg, &nchg, e)))
		return rc;
	*out = pool_calloc(p, nsub + nchg + 1, sizeof(**out));
	if (nsub)
		memcpy(*out, sub, nsub * sizeof(*sub));
	if (nchg)
		memcpy(*out + nsub, chg, nchg * sizeof(*chg));
	*n = nsub + nchg;
	return ERR_OK;
}

#define TEXT(name) { #name, RF_TEXT, offsetof(struct record, name) }
const struct record_field record_fields[] = {
	TEXT(country), TEXT(region), TEXT(language), TEXT(title), TEXT(source_url),
	{ "status", RF_STATUS, offsetof(struct record, status) }, TEXT(tlp),
	{ "revision", RF_INT, offsetof(struct record, revision) },
	TEXT(created_at), TEXT(created_by), TEXT(changed_at), TEXT(changed_by),
};
#undef TEXT
const size_t record_nfields = sizeof(record_fields) / sizeof(record_fields[0]);

json_t *record_json_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

void record_json_fields(json_t *j, const struct record *rec)
{
	for (size_t i = 0; i < record_nfields; i++) {
		const struct record_field *f = &record_fields[i];
		const char *at = (const char *)rec + f->off;
		json_t *v;

		switch (f->type) {
		case RF_TEXT:
			v = record_json_str(*(const char *const *)(const void *)at);
			break;
		case RF_STATUS:
			v = json_string(record_status_name(rec->status));
			break;
		default:
			v = json_integer(*(const int *)(const void *)at);
			break;
		}
		json_object_set_new(j, f->key, v);
	}
}

json_t *record_json(const struct record *rec)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(rec->id));
	json_object_set_new(j, "kind", json_string(record_kind_name(rec->kind)));
	record_json_fields(j, rec);
	return j;
}

int record_json_take(pool *p, json_t *o, const char *key, const char **dst, struct err *e)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return ERR_OK;
	if (json_is_null(v)) {
		*dst = NULL;
		return ERR_OK;
	}
	if (!json_is_string(v))
		return err_set(e, ERR_INVALID, "%s must be a string or null", key);
	if (strlen(json_string_value(v)) != json_string_length(v))
		return err_set(e, ERR_INVALID, "%s contains a NUL character", key);
	*dst = json_string_length(v) ? pool_strdup(p, json_string_value(v)) : NULL;
	return ERR_OK;
}

int record_from_json(struct store *s, pool *p, json_t *o, struct record *rec, struct err *e)
{
	const struct {
		const char *key;
		const char **dst;
	} f[] = {
		{ "title", &rec->title }, { "country", &rec->country },
		{ "region", &rec->region }, { "language", &rec->language },
		{ "source_url", &rec->source_url }, { "tlp", &rec->tlp },
	};
	struct country *c;
	int rc;

	if (!json_is_object(o))
		return err_set(e, ERR_INVALID, "a record is a JSON object");
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if ((rc = record_json_take(p, o, f[i].key, f[i].dst, e)))
			return rc;
	/* any code form: "ke", "KEN", "404" */
	if (rec->country) {
		if (country_get(s, p, rec->country, &c, NULL))
			return err_set(e, ERR_INVALID, "country '%.20s' is not an ISO 3166-1 code",
				       rec->country);
		rec->country = pool_strdup(p, c->alpha2);
	}
	return ERR_OK;
}

void record_workflow_clear(struct record *r)
{
	r->created_at = r->created_by = r->changed_at = r->changed_by = NULL;
}

const char *record_json_text(pool *p, json_t *j)
{
	char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
	const char *copy = pool_strdup(p, text ? text : "{}");

	free(text);
	json_decref(j);
	return copy;
}

/* The common fields as JSON, for revisions. */
static char *snapshot(pool *p, const struct record *r)
{
	/* s? everywhere a field may be NULL: json_pack fails on a NULL s, and the
	 * snapshot would be "{}" */
	json_t *j = json_pack("{s:I, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s, s:s?, s:i, s:s?, "
			      "s:s?}",
			      "id", (json_int_t)r->id, "kind", record_kind_name(r->kind),
			      "country", r->country, "region", r->region, "language",
			      r->language, "title", r->title, "source_url", r->source_url,
			      "status", record_status_name(r->status), "tlp", r->tlp,
			      "revision", r->revision, "changed_at", r->changed_at,
			      "changed_by", r->changed_by);
	char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
	char *copy = pool_strdup(p, text ? text : "{}");

	free(text);
	json_decref(j);
	return copy;
}

/* Keep r as it is before a change by a as a revision with note; rv receives it
 * (changed_at is now, in p). */
static int revision_keep(struct store *s, pool *p, const struct actor *a,
			 const struct record *r, const char *note, struct revision *rv,
			 struct err *e)
{
	rv->revision = r->revision;
	rv->status = r->status;
	rv->snapshot = snapshot(p, r);
	rv->changed_at = record_now(p);
	rv->changed_by = a->name;
	rv->note = note;
	return store_revision_add(s, r->id, rv, e);
}

int record_set_status(struct store *s, const struct actor *a, long long id,
		      enum record_status to, const char *note, struct err *e)
{
	static const enum record_action action_for[ST_COUNT] = {
		[ST_DRAFT] = ACT_EDIT, [ST_SUBMITTED] = ACT_SUBMIT,
		[ST_PUBLISHED] = ACT_PUBLISH, [ST_WITHDRAWN] = ACT_WITHDRAW,
	};
	pool *p = pool_new();
	struct record *r;
	struct revision rv;
	struct tx t = {0};
	int rc;

	if (note && strlen(note) > LIMIT_NOTE) {
		rc = err_set(e, ERR_INVALID, "the note is longer than %d bytes", LIMIT_NOTE);
		goto out;
	}
	if ((rc = tx_begin(&t, s, e)) || (rc = store_record_get(s, p, id, &r, e)) ||
	    (rc = record_allow(a, action_for[to], r, e)) ||
	    (rc = record_transition_valid(r->status, to, e)) ||
	    (rc = revision_keep(s, p, a, r, note, &rv, e)))
		goto out;
	r->status = to;
	r->changed_at = rv.changed_at;
	r->changed_by = a->name;
	if ((rc = store_record_update(s, r, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_RECORD_STATUS, pool_printf(p, "record/%lld", id),
		      pool_printf(p, "%s -> %s%s%s", record_status_name(rv.status),
				  record_status_name(to), note && *note ? ": " : "",
				  note ? note : ""), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

static int same_text(const char *x, const char *y)
{
	return (!x || !*x) ? (!y || !*y) : (y && !strcmp(x, y));
}

int record_edit_allowed(const struct actor *a, const struct record *old,
			const struct record *new, struct err *e)
{
	struct record moved;
	int rc;

	if ((rc = record_allow(a, ACT_EDIT, old, e)))
		return rc;
	/* the record as it will be must be allowed too: a focal point does not move its
	 * records to another country */
	if (!same_text(old->country, new->country) || !same_text(old->region, new->region)) {
		moved = *old;
		moved.country = new->country;
		moved.region = new->region;
		if (record_allow(a, ACT_EDIT, &moved, NULL) ||
		    record_allow(a, ACT_CREATE, &moved, NULL)) {
			if (!new->country && !new->region)
				return err_set(e, ERR_FORBIDDEN, "you may not take this record's "
					       "country away");
			return err_set(e, ERR_FORBIDDEN, "you may not move this record to %s",
				       new->country ? new->country : new->region);
		}
	}
	if (!same_text(old->tlp ? old->tlp : "CLEAR", new->tlp ? new->tlp : "CLEAR"))
		return record_allow(a, ACT_LABEL, old, e);
	return ERR_OK;
}

int record_before_edit(struct store *s, pool *p, const struct actor *a, struct record *old,
		       struct err *e)
{
	struct revision rv;
	int rc;

	if ((rc = record_allow(a, ACT_EDIT, old, e)))
		return rc;
	if (old->status == ST_PUBLISHED) {
		if ((rc = revision_keep(s, p, a, old, "edited after publication", &rv, e)))
			return rc;
		old->revision++;
	}
	old->changed_at = record_now(p);
	old->changed_by = a->name;
	return ERR_OK;
}

int record_store(struct store *s, pool *p, const struct actor *a, struct record *rec,
		 enum record_kind k, const char *proposal, struct err *e)
{
	struct record *old;
	struct record_change c;
	int rc;

	rec->kind = k;
	rec->pending = 0;
	if (!rec->id) {
		if ((rc = record_allow(a, ACT_CREATE, rec, e)))	/* its country counts */
			return rc;
		rec->status = ST_DRAFT;
		rec->revision = 1;
		rec->created_at = rec->changed_at = record_now(p);
		rec->created_by = rec->changed_by = a->name;
		rec->owner_org = a->org_id;	/* 0 from the command line: no owner */
		rec->created_by_user = a->user_id;
		if ((rc = store_record_insert(s, rec, &rec->id, e)))
			return rc;
		return audit_by(s, a, AUDIT_RECORD_CREATE, pool_printf(p, "record/%lld", rec->id),
				pool_printf(p, "%s, TLP:%s", record_kind_name(k),
					    rec->tlp ? rec->tlp : "CLEAR"), e);
	}
	if ((rc = store_record_get(s, p, rec->id, &old, e)))
		return rc;
	if (old->kind != k)
		return err_set(e, ERR_INVALID, "record %lld is not a %s", rec->id,
			       record_kind_name(k));
	if ((rc = record_edit_allowed(a, old, rec, e)))
		return rc;
	/* a change to published content by someone who may not publish waits for a
	 * curator; the public keeps reading the published record */
	if (old->status == ST_PUBLISHED && record_allow(a, ACT_PUBLISH, old, NULL)) {
		if (!proposal)
			return err_set(e, ERR_INTERNAL, "no proposal for record %lld", rec->id);
		c.record_id = old->id;
		c.content = proposal;
		c.proposed_at = record_now(p);
		c.proposed_by = a->name;
		c.proposed_by_user = a->user_id;
		rec->pending = 1;
		if ((rc = store_change_put(s, &c, e)))
			return rc;
		return audit_by(s, a, AUDIT_RECORD_PROPOSE, pool_printf(p, "record/%lld", old->id),
				pool_printf(p, "%s, waits for review", record_kind_name(k)), e);
	}
	if ((rc = record_before_edit(s, p, a, old, e)))
		return rc;
	rec->status = old->status;
	rec->revision = old->revision;
	rec->created_at = old->created_at;
	rec->created_by = old->created_by;
	rec->changed_at = old->changed_at;
	rec->changed_by = old->changed_by;
	rec->owner_org = old->owner_org;
	rec->created_by_user = old->created_by_user;
	if ((rc = store_record_update(s, rec, e)))
		return rc;
	return audit_by(s, a, AUDIT_RECORD_EDIT, pool_printf(p, "record/%lld", rec->id),
			pool_printf(p, "%s, revision %d", record_kind_name(k), rec->revision), e);
}

int record_revisions(struct store *s, pool *p, const struct actor *a, long long id,
		     struct revision **out, size_t *n, struct err *e)
{
	struct record *rec;
	int rc;

	if ((rc = store_record_get(s, p, id, &rec, e)) || (rc = record_read(s, a, rec, e)))
		return rc;
	return store_revision_list(s, p, id, out, n, e);
}

int record_use_clearance(struct store *s, const struct actor *a, struct err *e)
{
	struct clearance c;

	record_clearance(a, &c);
	return store_set_clearance(s, &c, e);
}

int record_list(struct store *s, pool *p, const struct record_query *q,
		struct record **out, size_t *n, struct err *e)
{
	return store_record_list(s, p, q, out, n, e);
}
