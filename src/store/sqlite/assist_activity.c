/* The SQLite store of activities and trainings (domain/assist.h; tables
 * assist_activity, assist_activity_org and assist_attendance, migration 20). The
 * attendance names are read by one function only (sq_assist_attendance_names), which
 * the domain calls after its reading rule. */
#include <stddef.h>
#include <stdio.h>

#include "store/sqlite/internal.h"

#define ACT_COUNT(r, g) SQ_NUM(struct assist_activity, count[r][g])
#define ACT_ROLE(r) ACT_COUNT(r, AG_FEMALE), ACT_COUNT(r, AG_MALE), ACT_COUNT(r, AG_OTHER)

static const struct sq_col act_cols[] = {
	SQ_NUM(struct assist_activity, id),
	SQ_NUM(struct assist_activity, request),
	SQ_STR(struct assist_activity, country),
	SQ_STR(struct assist_activity, title),
	SQ_STR(struct assist_activity, description),
	SQ_STR(struct assist_activity, date_from),
	SQ_STR(struct assist_activity, date_to),
	SQ_STR(struct assist_activity, mode),
	SQ_STR(struct assist_activity, place),
	SQ_STR(struct assist_activity, language),
	ACT_ROLE(AR_POLICE), ACT_ROLE(AR_PROSECUTOR), ACT_ROLE(AR_JUDGE), ACT_ROLE(AR_CERT),
	ACT_ROLE(AR_OTHER),
	SQ_NUM(struct assist_activity, declared),
	SQ_NUM(struct assist_activity, pre),
	SQ_NUM(struct assist_activity, post),
	SQ_STR(struct assist_activity, trained_at),
	SQ_STR(struct assist_activity, trained_by),
	SQ_NUM(struct assist_activity, attendance),
	SQ_NUM(struct assist_activity, rating),
	SQ_STR(struct assist_activity, closed_needs),
	SQ_STR(struct assist_activity, evaluated_at),
	SQ_STR(struct assist_activity, evaluated_by),
	SQ_STR(struct assist_activity, created_at),
	SQ_STR(struct assist_activity, created_by),
};
static const struct sq_reader act_reader = SQ_READER(struct assist_activity, act_cols);

/* the participant columns, in the order of enum assist_role and enum assist_gender */
#define ACT_PEOPLE "police_female, police_male, police_other, prosecutor_female, " \
	"prosecutor_male, prosecutor_other, judge_female, judge_male, judge_other, " \
	"cert_female, cert_male, cert_other, other_female, other_male, other_other"
#define ACT_SELECT "SELECT a.id, a.request, r.country, a.title, a.description, " \
	"a.date_from, a.date_to, a.mode, a.place, a.language, " ACT_PEOPLE ", " \
	"coalesce(a.declared, -1), coalesce(a.pre_score, -1), coalesce(a.post_score, -1), " \
	"a.trained_at, a.trained_by, (SELECT count(*) FROM assist_attendance t WHERE " \
	"t.activity = a.id), coalesce(a.rating, 0), a.closed_needs, a.evaluated_at, " \
	"a.evaluated_by, a.created_at, a.created_by FROM assist_activity a JOIN " \
	"assist_request r ON r.id = a.request "

static const struct sq_col org_cols[] = {
	SQ_NUM(struct assist_activity_org, activity),
	SQ_NUM(struct assist_activity_org, org),
	SQ_STR(struct assist_activity_org, name),
};
static const struct sq_reader org_reader = SQ_READER(struct assist_activity_org, org_cols);

/* s as a parameter, NULL when NULL */
#define SQ_TEXT_OR_NULL(s) { .type = (s) ? SQ_V_TEXT : SQ_V_NULL, .ptr = (s) }

/* n as a parameter, NULL when negative (none) */
#define SQ_NONNEG(n) { .type = (n) < 0 ? SQ_V_NULL : SQ_V_INT, .i = (long long)(n) }

int sq_assist_activity_put(struct store *s, const struct assist_activity *act,
			   long long *id, struct err *e)
{
	struct sq *q = (struct sq *)s;
	int rc;

	if ((rc = sq_insert(q, SQ_ACT_INSERT, "INSERT INTO assist_activity(request, title, "
			    "description, date_from, date_to, mode, place, language, "
			    "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
			    "?10)",
			    SQ_VALS(SQ_INT(act->request), SQ_TEXT(act->title),
				    SQ_TEXT(act->description ? act->description : ""),
				    SQ_TEXT(act->date_from), SQ_TEXT(act->date_to),
				    SQ_TEXT(act->mode), SQ_TEXT(act->place ? act->place : ""),
				    SQ_TEXT(act->language), SQ_TEXT(act->created_at),
				    SQ_TEXT(act->created_by)), id, "add activity", e)))
		return rc;
	for (size_t i = 0; i < act->nproviders && !rc; i++)
		rc = sq_run(q, SQ_ACT_ORG_INSERT, "INSERT INTO assist_activity_org(activity, org) "
			    "VALUES (?1, ?2)", SQ_VALS(SQ_INT(*id), SQ_INT(act->providers[i].id)),
			    "add activity provider", e);
	return rc;
}

int sq_assist_activity_get(struct store *s, pool *p, long long id,
			   struct assist_activity **out, struct err *e)
{
	return sq_get((struct sq *)s, SQ_ACT_GET, ACT_SELECT "WHERE a.id = ?1",
		      SQ_VALS(SQ_INT(id)), p, &act_reader, (void **)out, "activity", e);
}

/* Which activities a list takes: one statement per scope, so that each uses its
 * index (assist_activity_request; assist_request_country for a country) instead of
 * a scan that "?1 = 0 OR ..." would make. */
enum act_scope { AS_ONE_REQUEST, AS_ONE_COUNTRY, AS_EVERY };
static const struct {
	enum sq_stmt list, orgs;
	const char *where;
} act_scopes[] = {
	[AS_ONE_REQUEST] = { SQ_ACT_LIST, SQ_ACT_ORGS, "WHERE a.request = ?1 AND ?2 IS NULL " },
	[AS_ONE_COUNTRY] = { SQ_ACT_LIST_COUNTRY, SQ_ACT_ORGS_COUNTRY,
			     "WHERE ?1 = 0 AND r.country = ?2 " },
	[AS_EVERY] = { SQ_ACT_LIST_ALL, SQ_ACT_ORGS_ALL, "WHERE ?1 = 0 AND ?2 IS NULL " },
};

static enum act_scope act_scope(long long request, const char *country)
{
	return request ? AS_ONE_REQUEST : country ? AS_ONE_COUNTRY : AS_EVERY;
}

int sq_assist_activity_list(struct store *s, pool *p, long long request, const char *country,
			    struct assist_activity **out, size_t *n, struct err *e)
{
	enum act_scope k = act_scope(request, country);
	char sql[2048];

	snprintf(sql, sizeof(sql), "%s%sORDER BY a.id", ACT_SELECT, act_scopes[k].where);
	return sq_list((struct sq *)s, act_scopes[k].list, sql,
		       SQ_VALS(SQ_INT(request), SQ_TEXT_OR_NULL(request ? NULL : country)), p,
		       &act_reader, (void **)out, n, "list activities", e);
}

int sq_assist_activity_orgs(struct store *s, pool *p, long long request, const char *country,
			    struct assist_activity_org **out, size_t *n, struct err *e)
{
	enum act_scope k = act_scope(request, country);
	char sql[1024];

	snprintf(sql, sizeof(sql), "SELECT x.activity, x.org, o.name FROM assist_activity a "
		 "JOIN assist_request r ON r.id = a.request JOIN assist_activity_org x ON "
		 "x.activity = a.id JOIN organisation o ON o.id = x.org %sORDER BY x.activity, "
		 "o.name", act_scopes[k].where);
	return sq_list((struct sq *)s, act_scopes[k].orgs, sql,
		       SQ_VALS(SQ_INT(request), SQ_TEXT_OR_NULL(request ? NULL : country)), p,
		       &org_reader, (void **)out, n, "list activity providers", e);
}

int sq_assist_activity_list_org(struct store *s, pool *p, long long org,
				struct assist_activity **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_ACT_LIST_ORG, ACT_SELECT "WHERE a.id IN (SELECT "
		       "activity FROM assist_activity_org WHERE org = ?1) ORDER BY a.id",
		       SQ_VALS(SQ_INT(org)), p, &act_reader, (void **)out, n,
		       "list activities", e);
}

int sq_assist_activity_orgs_org(struct store *s, pool *p, long long org,
				struct assist_activity_org **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_ACT_ORGS_ORG, "SELECT x.activity, x.org, o.name FROM "
		       "assist_activity_org x JOIN organisation o ON o.id = x.org WHERE "
		       "x.activity IN (SELECT activity FROM assist_activity_org WHERE org = ?1) "
		       "ORDER BY x.activity, o.name", SQ_VALS(SQ_INT(org)), p, &org_reader,
		       (void **)out, n, "list activity providers", e);
}

int sq_assist_training_put(struct store *s, const struct assist_activity *act,
			   struct err *e)
{
	const long long (*c)[AG_COUNT] = act->count;

	return sq_change((struct sq *)s, SQ_ACT_TRAINING, "UPDATE assist_activity SET ("
			 ACT_PEOPLE ", declared, pre_score, post_score, trained_at, trained_by) "
			 "= (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
			 "?16, ?17, ?18, ?19, ?20) WHERE id = ?21",
			 SQ_VALS(SQ_INT(c[0][0]), SQ_INT(c[0][1]), SQ_INT(c[0][2]),
				 SQ_INT(c[1][0]), SQ_INT(c[1][1]), SQ_INT(c[1][2]),
				 SQ_INT(c[2][0]), SQ_INT(c[2][1]), SQ_INT(c[2][2]),
				 SQ_INT(c[3][0]), SQ_INT(c[3][1]), SQ_INT(c[3][2]),
				 SQ_INT(c[4][0]), SQ_INT(c[4][1]), SQ_INT(c[4][2]),
				 SQ_NONNEG(act->declared), SQ_NONNEG(act->pre),
				 SQ_NONNEG(act->post), SQ_TEXT(act->trained_at),
				 SQ_TEXT(act->trained_by), SQ_INT(act->id)),
			 "record training", "no such activity", e);
}

int sq_assist_activity_eval_put(struct store *s, long long id, int rating,
				const char *closed_needs, const char *at, const char *by,
				struct err *e)
{
	return sq_change((struct sq *)s, SQ_ACT_EVAL, "UPDATE assist_activity SET rating = ?2, "
			 "closed_needs = ?3, evaluated_at = ?4, evaluated_by = ?5 WHERE id = ?1",
			 SQ_VALS(SQ_INT(id), SQ_INT(rating),
				 SQ_TEXT(closed_needs ? closed_needs : ""), SQ_TEXT(at),
				 SQ_TEXT(by)), "record evaluation", "no such activity", e);
}

int sq_assist_attendance_put(struct store *s, long long id, const char *const *names,
			     size_t n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	int rc = sq_run(q, SQ_ACT_ATTEND_DELETE, "DELETE FROM assist_attendance WHERE "
			"activity = ?1", SQ_VALS(SQ_INT(id)), "replace attendance", e);

	for (size_t i = 0; i < n && !rc; i++)
		rc = sq_run(q, SQ_ACT_ATTEND_INSERT, "INSERT INTO assist_attendance(activity, "
			    "seq, name) VALUES (?1, ?2, ?3)",
			    SQ_VALS(SQ_INT(id), SQ_INT(i + 1), SQ_TEXT(names[i])),
			    "record attendance", e);
	return rc;
}

int sq_assist_attendance_names(struct store *s, pool *p, long long id, const char ***out,
			       size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_ACT_ATTEND_NAMES, "SELECT name FROM "
		       "assist_attendance WHERE activity = ?1 ORDER BY seq", SQ_VALS(SQ_INT(id)),
		       p, &sq_str_reader, (void **)out, n, "read attendance", e);
}
