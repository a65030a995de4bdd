/* assist_activity: activities under a request, their training records, attendance
 * lists (RED) and evaluations, and the people trained (domain/assist.h, "activities
 * and trainings"; docs/assistance.md). Requests, reading and the lifecycle are in
 * assist.c; what the files share is in assist_impl.h. */
#include "domain/assist.h"

#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "domain/assist_impl.h"
#include "domain/audit.h"
#include "domain/tx.h"
#include "domain/user.h"
#include "store/store.h"

const char *const assist_role_names[AR_COUNT] = {
	"police", "prosecutor", "judge", "cert", "other",
};
const char *const assist_role_titles[AR_COUNT] = {
	"police", "prosecutors", "judges", "CERT staff", "other participants",
};
const char *const assist_gender_names[AG_COUNT] = { "female", "male", "other" };
const char *const assist_gender_titles[AG_COUNT] = {
	"women", "men", "other or not stated",
};

/* What is done to an activity, and the stages of its request at which it may be
 * (assist_ops[], assist.c): activities and their records while the work is funded
 * and under way (and after, to record it late), evaluations once it is under way
 * (one activity may be over while others go on) until the request is evaluated. */

int assist_role_parse(const char *s)
{
	for (int i = 0; s && i < AR_COUNT; i++)
		if (!strcmp(assist_role_names[i], s))
			return i;
	return -1;
}

int assist_gender_parse(const char *s)
{
	for (int i = 0; s && i < AG_COUNT; i++)
		if (!strcmp(assist_gender_names[i], s) ||
		    (s[0] == assist_gender_names[i][0] && !s[1]))
			return i;
	return -1;
}

/* Whether request r's stage allows op; ERR_CONFLICT naming the stage otherwise. */
static int stage_allows(const struct assist_request *r, enum assist_op op, struct err *e)
{
	if (assist_op_stage(r, op))
		return ERR_OK;
	return err_set(e, ERR_CONFLICT, op == ASSIST_OP_ACT_RECORD ?
		       "request %lld is %s: activities are recorded while it is funded, in "
		       "delivery or delivered" :
		       "request %lld is %s: activities are evaluated while it is in delivery, "
		       "delivered or evaluated", r->id, assist_stage_titles[r->stage]);
}

/* Whether org is one of act's providers. */
static int provides(const struct assist_activity *act, long long org)
{
	for (size_t i = 0; org && i < act->nproviders; i++)
		if (act->providers[i].id == org)
			return 1;
	return 0;
}

/* Whether a may record on request r (act NULL: add an activity to it; else change
 * act): a curator, or the provider of an accepted match on r (whose organisation
 * provides act); a's mask of enum assist_who into *who. ERR_FORBIDDEN otherwise. */
static int may_record(struct store *s, pool *p, const struct actor *a,
		      const struct assist_request *r, const struct assist_activity *act,
		      unsigned *who, struct err *e)
{
	int rc;

	if ((rc = assist_who(s, p, a, r, who, e)))
		return rc;
	if ((*who & AW_CURATOR) ||
	    ((*who & AW_PROVIDER) && (!act || provides(act, a->org_id))))
		return ERR_OK;
	return err_set(e, ERR_FORBIDDEN, "only curators and the provider of an accepted match "
		       "record the activities of a request");
}

/* ---- reading ---- */

/* Give each of act[0..n) (by id) its providers from o[0..no) (by activity). */
static void attach(pool *p, struct assist_activity *act, size_t n,
		   const struct assist_activity_org *o, size_t no)
{
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		size_t k;

		while (j < no && o[j].activity < act[i].id)
			j++;
		for (k = j; k < no && o[k].activity == act[i].id; k++)
			;
		act[i].nproviders = k - j;
		act[i].providers = pool_calloc(p, k > j ? k - j : 1, sizeof(struct assist_party));
		for (size_t m = j; m < k; m++) {
			act[i].providers[m - j].id = o[m].org;
			act[i].providers[m - j].name = o[m].name;
		}
		j = k;
	}
}

/* Activity aid with its providers and its request, as a reads them; "no activity N"
 * when absent or when a may not read its request. */
static int activity_read(struct store *s, pool *p, const struct actor *a, long long aid,
			 struct assist_activity **out, struct assist_request **req,
			 struct err *e)
{
	struct assist_activity_org *o;
	struct assist_request *r;
	size_t no;
	int rc;

	if (store_assist_activity_get(s, p, aid, out, NULL) ||
	    assist_request_get(s, p, a, (*out)->request, &r, NULL))
		return err_set(e, ERR_NOTFOUND, "no activity %lld", aid);
	if ((rc = store_assist_activity_orgs(s, p, r->id, NULL, &o, &no, e)))
		return rc;
	attach(p, *out, 1, o, no);
	if (req)
		*req = r;
	return ERR_OK;
}

int assist_activity_get(struct store *s, pool *p, const struct actor *a, long long aid,
			struct assist_activity **out, struct err *e)
{
	return activity_read(s, p, a, aid, out, NULL, e);
}

static int by_ll(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return (a > b) - (a < b);
}

int assist_activity_list(struct store *s, pool *p, const struct actor *a, long long request,
			 const char *country, struct assist_activity **out, size_t *n,
			 struct err *e)
{
	struct assist_request *r;
	struct assist_activity *all;
	struct assist_activity_org *o;
	long long *ids;
	size_t nr, nall, no, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (request) {
		if ((rc = assist_request_get(s, p, a, request, &r, e)))
			return rc;
		nr = 1;
	} else if ((rc = assist_request_list(s, p, a, country, -1, &r, &nr, e))) {
		return rc;
	}
	ids = pool_calloc(p, nr ? nr : 1, sizeof(*ids));
	for (size_t i = 0; i < nr; i++)
		ids[i] = r[i].id;
	qsort(ids, nr, sizeof(*ids), by_ll);
	/* the store reads only the request's or the country's activities (the country
	 * as stored: the first request names it; none, none to read) */
	if (!request && country && !nr)
		return ERR_OK;
	if (!request && country)
		country = r[0].country;
	if ((rc = store_assist_activity_list(s, p, request, country, &all, &nall, e)) ||
	    (rc = store_assist_activity_orgs(s, p, request, country, &o, &no, e)))
		return rc;
	for (size_t i = 0; i < nall; i++)
		if (bsearch(&all[i].request, ids, nr, sizeof(*ids), by_ll))
			all[k++] = all[i];
	attach(p, all, k, o, no);
	*out = all;
	*n = k;
	return ERR_OK;
}

int assist_org_activities(struct store *s, pool *p, const struct actor *a, long long org,
			  struct assist_activity **out, size_t *n, struct err *e)
{
	struct assist_activity *all;
	struct assist_activity_org *o;
	struct assist_request **rq;
	long long *ids;
	size_t nall, no, nid, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_assist_activity_list_org(s, p, org, &all, &nall, e)) ||
	    (rc = store_assist_activity_orgs_org(s, p, org, &o, &no, e)))
		return rc;
	ids = pool_calloc(p, nall ? nall : 1, sizeof(*ids));
	for (size_t i = 0; i < nall; i++)
		ids[i] = all[i].request;
	nid = nall;
	if ((rc = assist_readable(s, p, a, ids, &nid, &rq, e)))
		return rc;
	attach(p, all, nall, o, no);
	for (size_t i = 0; i < nall; i++)
		if (assist_readable_find(ids, rq, nid, all[i].request))
			all[k++] = all[i];
	*out = all;
	*n = k;
	return ERR_OK;
}

/* ---- adding ---- */

/* The providers of in (names) into act, or by default a's organisation (a provider)
 * or the providers of r's accepted matches (a curator). */
static int providers(struct store *s, pool *p, const struct actor *a,
		     const struct assist_request *r, const struct assist_activity_in *in,
		     unsigned who, struct assist_activity *act, struct err *e)
{
	struct assist_match *m;
	size_t nm;
	int rc;

	act->providers = pool_calloc(p, LIMIT_ASSIST_PROVIDERS, sizeof(*act->providers));
	act->nproviders = 0;
	if (in->nproviders > LIMIT_ASSIST_PROVIDERS)
		return err_set(e, ERR_INVALID, "%s: at most %zu", "providers",
			       (size_t)LIMIT_ASSIST_PROVIDERS);
	for (size_t i = 0; i < in->nproviders; i++) {
		const char *name = in->providers[i];
		struct org *org;
		size_t no;

		if (assist_none(name))
			continue;
		if (store_org_list(s, p, name, &org, &no, NULL))
			return err_set(e, ERR_INVALID, "%s: '%.60s' is no organisation",
				       "providers", name);
		if (provides(act, org->id))
			return err_set(e, ERR_INVALID, "%s: '%.40s' is listed twice",
				       "providers", name);
		act->providers[act->nproviders].id = org->id;
		act->providers[act->nproviders++].name = org->name;
	}
	if (!act->nproviders && !(who & AW_CURATOR)) {
		act->providers[0].id = a->org_id;
		if ((rc = assist_org_by_id(s, p, a->org_id, NULL, &act->providers[0].name, e)))
			return rc;
		act->nproviders = 1;
	}
	if (!act->nproviders) {
		if ((rc = store_assist_match_list(s, p, r->id, 0, &m, &nm, e)))
			return rc;
		for (size_t i = 0; i < nm && act->nproviders < LIMIT_ASSIST_PROVIDERS; i++) {
			if (m[i].status != AM_ACCEPTED || provides(act, m[i].org))
				continue;
			act->providers[act->nproviders].id = m[i].org;
			if ((rc = assist_org_by_id(s, p, m[i].org, NULL,
						   &act->providers[act->nproviders].name, e)))
				return rc;
			act->nproviders++;
		}
	}
	if (!act->nproviders)
		return err_set(e, ERR_INVALID, "%s: is required", "providers");
	if (!(who & AW_CURATOR) && !provides(act, a->org_id))
		return err_set(e, ERR_INVALID, "providers: your organisation must be one of "
			       "them");
	return ERR_OK;
}

/* Check the fields of in into act. */
static int activity_check(const struct assist_activity_in *in, struct assist_activity *act,
			  struct err *e)
{
	int mode = 0, rc;

	if (assist_none(in->title) || !assist_text_ok(in->title, LIMIT_ASSIST_TITLE))
		return err_set(e, ERR_INVALID, "title: is required, at most %d bytes of UTF-8",
			       LIMIT_ASSIST_TITLE);
	if (!assist_text_ok(in->description, LIMIT_ASSIST_TEXT))
		return err_set(e, ERR_INVALID, "%s: at most %d bytes of UTF-8", "description",
			       LIMIT_ASSIST_TEXT);
	if (assist_none(in->date_from))
		return err_set(e, ERR_INVALID, "%s: is required", "date_from");
	if (assist_none(in->date_to))
		return err_set(e, ERR_INVALID, "%s: is required", "date_to");
	if ((rc = assist_dates("date_from", in->date_from, "date_to", in->date_to, e)))
		return rc;
	for (int i = 0; !mode && in->mode && assist_modes[i]; i++)
		mode = !strcmp(assist_modes[i], in->mode);
	if (!mode)
		return err_set(e, ERR_INVALID, "%s: '%.40s' is not one of the allowed values",
			       "mode", in->mode ? in->mode : "");
	if (!assist_text_ok(in->place, LIMIT_ASSIST_NAME) ||
	    (in->place && strpbrk(in->place, "\n\r\t")))
		return err_set(e, ERR_INVALID, "%s: at most %d bytes of UTF-8", "place",
			       LIMIT_ASSIST_NAME);
	if (!strcmp(in->mode, "in_person") && assist_none(in->place))
		return err_set(e, ERR_INVALID, "place: is required for an activity in person");
	if (assist_none(in->language) || !assist_language_ok(in->language))
		return err_set(e, ERR_INVALID, "%s: '%.40s' is not one of the allowed values",
			       "language", in->language ? in->language : "");
	act->title = in->title;
	act->description = in->description ? in->description : "";
	act->date_from = in->date_from;
	act->date_to = in->date_to;
	act->mode = in->mode;
	act->place = in->place ? in->place : "";
	act->language = in->language;
	return ERR_OK;
}

int assist_activity_add(struct store *s, pool *p, const struct actor *a, long long id,
			const struct assist_activity_in *in, long long *aid, struct err *e)
{
	struct assist_activity *act = pool_calloc(p, 1, sizeof(*act));
	struct assist_request *r;
	struct sbuf names;
	struct tx t = { 0 };
	unsigned who = 0;
	int rc;

	sbuf_init(&names);
	if ((rc = assist_request_get(s, p, a, id, &r, e)) ||
	    (rc = may_record(s, p, a, r, NULL, &who, e)) ||
	    (rc = stage_allows(r, ASSIST_OP_ACT_RECORD, e)) ||
	    (rc = activity_check(in, act, e)) ||
	    (rc = providers(s, p, a, r, in, who, act, e)))
		goto out;
	act->request = id;
	act->created_at = record_now(p);
	act->created_by = assist_actor_name(a);
	for (size_t i = 0; i < act->nproviders; i++)
		sbuf_addf(&names, "%s%s", i ? "; " : "", act->providers[i].name);
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_assist_activity_put(s, act, aid, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_ASSIST_ACTIVITY, pool_printf(p, "assist/%lld/activity/%lld",
							       id, *aid),
		      pool_printf(p, "%s..%s, %s, %s; %s", act->date_from, act->date_to,
				  act->mode, act->language, names.buf), e);
out:
	sbuf_release(&names);
	return tx_end(&t, rc, e);
}

/* ---- training records ---- */

/* text as a whole number 0..max (NULL or "": 0 when none_zero, else -1) into *out;
 * ERR_INVALID naming field. */
static int whole(const char *field, const char *text, long long max, int none_zero,
		 long long *out, struct err *e)
{
	size_t n = text ? strlen(text) : 0;
	long long v = 0;

	if (!n) {
		*out = none_zero ? 0 : -1;
		return ERR_OK;
	}
	for (size_t i = 0; i < n; i++) {
		if (text[i] < '0' || text[i] > '9' || i >= 9)
			return err_set(e, ERR_INVALID, "%s: '%.20s' is not a whole number from 0 "
				       "to %lld", field, text, max);
		v = v * 10 + (text[i] - '0');
	}
	if (v > max)
		return err_set(e, ERR_INVALID, "%s: '%.20s' is not a whole number from 0 to %lld",
			       field, text, max);
	*out = v;
	return ERR_OK;
}

/* A mean test score, 0..100 with at most one decimal ("72", "72.5"), into *out in
 * tenths (-1 for NULL or ""); no floating point. */
static int score(const char *field, const char *text, int *out, struct err *e)
{
	size_t n = text ? strlen(text) : 0, dot = text ? strcspn(text, ".") : 0;
	int v = 0, ok = n && dot && dot <= 3 && (dot == n || n == dot + 2);

	*out = -1;
	if (!n)
		return ERR_OK;
	for (size_t i = 0; ok && i < n; i++)
		if (i != dot) {
			ok = text[i] >= '0' && text[i] <= '9';
			v = v * 10 + (text[i] - '0');
		}
	if (ok && dot == n)
		v *= 10;
	if (!ok || v > 1000)
		return err_set(e, ERR_INVALID, "%s: '%.20s' is not a score from 0 to 100 with "
			       "at most one decimal", field, text);
	*out = v;
	return ERR_OK;
}

int assist_participants_parse(pool *p, const char *text, struct assist_training_in *in,
			      struct err *e)
{
	int seen[AR_COUNT][AG_COUNT] = { { 0 } };

	for (const char *at = text ? text : ""; *at;) {
		size_t len = strcspn(at, ";");
		char *item = pool_strndup(p, at, len), *colon = strchr(item, ':');
		int role;

		at += len + (at[len] != 0);
		while (*item == ' ')
			item++;
		if (!*item)
			continue;
		if (!colon)
			return err_set(e, ERR_INVALID, "participants: '%.40s' is not "
				       "ROLE:GENDER=N,GENDER=N", item);
		*colon = 0;
		if ((role = assist_role_parse(item)) < 0)
			return err_set(e, ERR_INVALID, "participants: '%.40s' is not one of the "
				       "roles police, prosecutor, judge, cert, other", item);
		for (char *pair = colon + 1; *pair;) {
			size_t plen = strcspn(pair, ",");
			char *one = pool_strndup(p, pair, plen), *eq = strchr(one, '=');
			int g;

			pair += plen + (pair[plen] != 0);
			while (*one == ' ')
				one++;
			if (!*one)
				continue;
			if (!eq)
				return err_set(e, ERR_INVALID, "participants: '%.40s' is not "
					       "ROLE:GENDER=N,GENDER=N", one);
			*eq = 0;
			if ((g = assist_gender_parse(one)) < 0)
				return err_set(e, ERR_INVALID, "participants: '%.40s' is not one "
					       "of the genders female, male, other", one);
			if (seen[role][g]++)
				return err_set(e, ERR_INVALID, "participants: %s %s is counted "
					       "twice", assist_role_names[role],
					       assist_gender_names[g]);
			in->count[role][g] = eq + 1;
		}
	}
	return ERR_OK;
}

/* The sum of act's counts (at most AR_COUNT x AG_COUNT x LIMIT_ASSIST_COUNT). */
static long long people(const struct assist_activity *act)
{
	long long sum = 0;

	for (int r = 0; r < AR_COUNT; r++)
		for (int g = 0; g < AG_COUNT; g++)
			sum += act->count[r][g];
	return sum;
}

int assist_training_set(struct store *s, pool *p, const struct actor *a, long long aid,
			const struct assist_training_in *in, struct err *e)
{
	struct assist_activity *act;
	struct assist_request *r;
	struct tx t = { 0 };
	long long sum;
	unsigned who;
	int rc;

	if ((rc = activity_read(s, p, a, aid, &act, &r, e)) ||
	    (rc = may_record(s, p, a, r, act, &who, e)) ||
	    (rc = stage_allows(r, ASSIST_OP_ACT_RECORD, e)))
		goto out;
	for (int i = 0; i < AR_COUNT; i++)
		for (int g = 0; g < AG_COUNT; g++) {
			const char *field = pool_printf(p, "%s_%s", assist_role_names[i],
							assist_gender_names[g]);

			if ((rc = whole(field, in->count[i][g], LIMIT_ASSIST_COUNT, 1,
					&act->count[i][g], e)))
				goto out;
		}
	sum = people(act);
	if ((rc = whole("total", in->total, (long long)AR_COUNT * AG_COUNT *
			LIMIT_ASSIST_COUNT, 0, &act->declared, e)) ||
	    (rc = score("pre", in->pre, &act->pre, e)) ||
	    (rc = score("post", in->post, &act->post, e)))
		goto out;
	if (act->declared >= 0 && act->declared != sum) {
		rc = err_set(e, ERR_INVALID, "total: %lld but the counts add up to %lld",
			     act->declared, sum);
		goto out;
	}
	if (!sum) {
		rc = err_set(e, ERR_INVALID, "participants: no participant is counted");
		goto out;
	}
	act->trained_at = record_now(p);
	act->trained_by = assist_actor_name(a);
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_assist_training_put(s, act, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_ASSIST_TRAINING, pool_printf(p, "assist/%lld/activity/%lld",
							       r->id, aid),
		      pool_printf(p, "%lld participants", sum), e);
out:
	return tx_end(&t, rc, e);
}

/* ---- attendance lists (RED) ---- */

int assist_attendance_can_read(const struct actor *a, const struct assist_activity *act)
{
	if (!a)
		return 0;
	if (a->local || assist_curator(a))
		return 1;
	return a->user_id && provides(act, a->org_id);
}

int assist_attendance_set(struct store *s, pool *p, const struct actor *a, long long aid,
			  const char *const *names, size_t n, struct err *e)
{
	struct assist_activity *act;
	struct assist_request *r;
	struct tx t = { 0 };
	const char **keep = pool_calloc(p, n ? n : 1, sizeof(*keep));
	size_t k = 0;
	unsigned who;
	int rc;

	if ((rc = activity_read(s, p, a, aid, &act, &r, e)) ||
	    (rc = may_record(s, p, a, r, act, &who, e)) ||
	    (rc = stage_allows(r, ASSIST_OP_ACT_RECORD, e)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		const char *name = names[i] ? names[i] : "";
		size_t len;

		while (*name == ' ' || *name == '\t')
			name++;
		len = strlen(name);
		while (len && (name[len - 1] == ' ' || name[len - 1] == '\t' ||
			       name[len - 1] == '\r'))
			len--;
		if (!len)
			continue;
		name = pool_strndup(p, name, len);
		if (!assist_text_ok(name, LIMIT_ASSIST_PERSON) || strpbrk(name, "\n\r\t")) {
			rc = err_set(e, ERR_INVALID, "attendance: name %zu is not one line of at "
				     "most %d bytes of UTF-8", i + 1, LIMIT_ASSIST_PERSON);
			goto out;
		}
		if (k >= LIMIT_ASSIST_NAMES) {
			rc = err_set(e, ERR_INVALID, "attendance: at most %d names",
				     LIMIT_ASSIST_NAMES);
			goto out;
		}
		keep[k++] = name;
	}
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_assist_attendance_put(s, aid, keep, k, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_ASSIST_ATTENDANCE, pool_printf(p, "assist/%lld/activity/%lld",
								 r->id, aid),
		      pool_printf(p, "%zu names", k), e);
out:
	return tx_end(&t, rc, e);
}

int assist_attendance_get(struct store *s, pool *p, const struct actor *a, long long aid,
			  const char ***names, size_t *n, struct err *e)
{
	struct assist_activity *act;
	struct assist_request *r;
	int rc;

	*names = NULL;
	*n = 0;
	if ((rc = activity_read(s, p, a, aid, &act, &r, e)))
		return rc;
	if (!assist_attendance_can_read(a, act))
		return err_set(e, ERR_FORBIDDEN, "the attendance list of activity %lld is RED: "
			       "only curators and its providers read the names", aid);
	if ((rc = store_assist_attendance_names(s, p, aid, names, n, e)) ||
	    (rc = audit_by(s, a, AUDIT_ASSIST_ATTENDANCE_READ,
			   pool_printf(p, "assist/%lld/activity/%lld", r->id, aid),
			   pool_printf(p, "%zu names", *n), e))) {
		*names = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- evaluations ---- */

int assist_activity_evaluate(struct store *s, pool *p, const struct actor *a, long long aid,
			     int rating, const char *closed_needs, struct err *e)
{
	struct assist_activity *act;
	struct assist_request *r;
	struct sbuf refs;
	struct tx t = { 0 };
	unsigned who;
	int rc;

	sbuf_init(&refs);
	if ((rc = activity_read(s, p, a, aid, &act, &r, e)) ||
	    (rc = assist_who(s, p, a, r, &who, e)))
		goto out;
	if (!(who & (AW_FOCAL | AW_CURATOR))) {
		rc = err_set(e, ERR_FORBIDDEN, "only the country's focal points and curators "
			     "evaluate assistance");
		goto out;
	}
	if ((rc = stage_allows(r, ASSIST_OP_ACT_EVALUATE, e)))
		goto out;
	if (rating < 1 || rating > 5) {
		rc = err_set(e, ERR_INVALID, "rating: from 1 to 5");
		goto out;
	}
	if ((rc = assist_needs_subset(p, r, closed_needs, e)))
		goto out;
	for (const char *at = closed_needs ? closed_needs : ""; *at;) {
		size_t len = strcspn(at, ", ");
		const char *ref = pool_strndup(p, at, len);

		if (len && !assist_list_has(refs.len ? refs.buf : "", ref))
			sbuf_addf(&refs, "%s%s", refs.len ? "," : "", ref);
		at += len + (at[len] != 0);
	}
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = store_assist_activity_eval_put(s, aid, rating, refs.len ? refs.buf : "",
						 record_now(p), assist_actor_name(a), e)) ||
	    (rc = assist_close_needs(s, p, a, refs.len ? refs.buf : "",
				     pool_printf(p, "activity %lld of assistance request %lld",
						 aid, r->id), e)))
		goto out;
	/* the providers' evaluations, which the suggestions weigh, include this one */
	for (size_t i = 0; i < act->nproviders && !rc; i++)
		rc = store_assist_rating_refresh(s, act->providers[i].id, e);
	if (rc)
		goto out;
	rc = audit_by(s, a, AUDIT_ASSIST_ACTIVITY_EVALUATE,
		      pool_printf(p, "assist/%lld/activity/%lld", r->id, aid),
		      pool_printf(p, "%d%s%s", rating, refs.len ? "; closed " : "",
				  refs.len ? refs.buf : ""), e);
out:
	sbuf_release(&refs);
	return tx_end(&t, rc, e);
}

/* ---- people trained ---- */

enum trained_by { TB_TOTAL, TB_REQUEST, TB_COUNTRY, TB_COUNT };
static const char *const trained_by_names[TB_COUNT] = { "", "request", "country" };

static int by_request(const void *x, const void *y)
{
	const struct assist_activity *a = *(struct assist_activity *const *)x;
	const struct assist_activity *b = *(struct assist_activity *const *)y;

	return (a->request > b->request) - (a->request < b->request);
}

static int by_country(const void *x, const void *y)
{
	const struct assist_activity *a = *(struct assist_activity *const *)x;
	const struct assist_activity *b = *(struct assist_activity *const *)y;
	int c = strcmp(a->country, b->country);

	return c ? c : by_request(x, y);
}

/* Whether a and b fall in the same row of by. */
static int same_row(enum trained_by by, const struct assist_activity *a,
		    const struct assist_activity *b)
{
	switch (by) {
	case TB_REQUEST:
		return a->request == b->request;
	case TB_COUNTRY:
		return !strcmp(a->country, b->country);
	default:
		return 1;
	}
}

int assist_trained(struct store *s, pool *p, const struct actor *a, const char *country,
		   long long request, const char *by, struct assist_trained **out, size_t *n,
		   struct err *e)
{
	struct assist_activity *act, **t;
	struct assist_trained *row = NULL;
	size_t nact, nt = 0, k = 0;
	int b = -1, rc;

	*out = NULL;
	*n = 0;
	for (int i = 0; i < TB_COUNT; i++)
		if (!strcmp(trained_by_names[i], by ? by : ""))
			b = i;
	if (b < 0)
		return err_set(e, ERR_INVALID, "by: '%.20s' is not request or country", by);
	if ((rc = assist_activity_list(s, p, a, request, country, &act, &nact, e)))
		return rc;
	t = pool_calloc(p, nact ? nact : 1, sizeof(*t));
	for (size_t i = 0; i < nact; i++)
		if (act[i].trained_at)
			t[nt++] = &act[i];
	if (b == TB_REQUEST)
		qsort(t, nt, sizeof(*t), by_request);
	else if (b == TB_COUNTRY)
		qsort(t, nt, sizeof(*t), by_country);
	*out = pool_calloc(p, nt ? nt : 1, sizeof(**out));
	for (size_t i = 0; i < nt; i++) {
		if (!row || !same_row((enum trained_by)b, t[i], t[i - 1])) {
			row = &(*out)[k++];
			row->key = b == TB_REQUEST ? pool_printf(p, "%lld", t[i]->request) :
				   b == TB_COUNTRY ? t[i]->country : NULL;
		}
		row->activities++;
		for (int r = 0; r < AR_COUNT; r++)
			for (int g = 0; g < AG_COUNT; g++) {
				row->count[r][g] += t[i]->count[r][g];
				row->role[r] += t[i]->count[r][g];
				row->gender[g] += t[i]->count[r][g];
				row->total += t[i]->count[r][g];
			}
	}
	if (b == TB_TOTAL && !k)
		k = 1;		/* one row of zeros: nobody trained yet */
	*n = k;
	return ERR_OK;
}
