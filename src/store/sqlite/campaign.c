/* The SQLite store of questionnaire campaigns (domain/campaign.h; tables campaign,
 * campaign_country and answer_value, migration 18). */
#include <stddef.h>

#include "store/sqlite/internal.h"

/* count[i] of struct campaign, read from its own column */
#define COUNT_COL(i) { .type = SQ_C_NUM, .off = offsetof(struct campaign, count) + \
	(i) * sizeof(long long), .size = sizeof(long long) }

static const struct sq_col camp_cols[] = {
	SQ_NUM(struct campaign, id),
	SQ_STR(struct campaign, title),
	SQ_STR(struct campaign, template_id),
	SQ_NUM(struct campaign, template_version),
	SQ_STR(struct campaign, opens_on),
	SQ_STR(struct campaign, deadline),
	SQ_STR(struct campaign, scope),
	SQ_STR(struct campaign, opened_at),
	SQ_STR(struct campaign, opened_by),
	SQ_STR(struct campaign, published_at),
	SQ_STR(struct campaign, published_by),
	SQ_NUM(struct campaign, ncountries),
	COUNT_COL(CAMP_NOT_STARTED), COUNT_COL(CAMP_DRAFT), COUNT_COL(CAMP_SUBMITTED),
	COUNT_COL(CAMP_RETURNED), COUNT_COL(CAMP_ACCEPTED),
};
static const struct sq_reader camp_reader = SQ_READER(struct campaign, camp_cols);
/* the counts in enum camp_status order */
#define STATUS_COUNT(st) "(SELECT count(*) FROM campaign_country x WHERE x.campaign = c.id " \
	"AND x.status = '" st "')"
#define CAMP_SELECT "SELECT id, title, template, version, opens_on, deadline, scope, " \
	"opened_at, opened_by, published_at, published_by, (SELECT count(*) FROM " \
	"campaign_country x WHERE x.campaign = c.id), " STATUS_COUNT("not_started") ", " \
	STATUS_COUNT("draft") ", " STATUS_COUNT("submitted") ", " STATUS_COUNT("returned") \
	", " STATUS_COUNT("accepted") " FROM campaign c "

static const struct sq_col answer_cols[] = {
	SQ_NUM(struct camp_answer, campaign),
	SQ_STR(struct camp_answer, country),
	SQ_NAME(struct camp_answer, status, camp_status_names, CAMP_STATUS_COUNT),
	SQ_NUM(struct camp_answer, revision),
	SQ_STR(struct camp_answer, tlp),
	SQ_STR(struct camp_answer, comment),
	SQ_STR(struct camp_answer, reopened_until),
	SQ_STR(struct camp_answer, updated_at),
	SQ_STR(struct camp_answer, updated_by),
	SQ_STR(struct camp_answer, submitted_at),
	SQ_STR(struct camp_answer, submitted_by),
	SQ_STR(struct camp_answer, accepted_at),
	SQ_STR(struct camp_answer, accepted_by),
};
static const struct sq_reader answer_reader = SQ_READER(struct camp_answer, answer_cols);
#define ANSWER_SELECT "SELECT campaign, country, status, revision, tlp, comment, " \
	"reopened_until, updated_at, updated_by, submitted_at, submitted_by, accepted_at, " \
	"accepted_by FROM campaign_country "

static const struct sq_col value_cols[] = {
	SQ_STR(struct camp_value, question),
	SQ_STR(struct camp_value, value),
	SQ_STR(struct camp_value, evidence),
};
static const struct sq_reader value_reader = SQ_READER(struct camp_value, value_cols);

int sq_camp_put(struct store *s, const struct campaign *c, const char *const *countries,
		size_t n, long long *id, struct err *e)
{
	struct sq *q = (struct sq *)s;
	int rc;

	if ((rc = sq_insert(q, SQ_CAMP_INSERT, "INSERT INTO campaign(title, template, "
			    "version, opens_on, deadline, scope, opened_at, opened_by) VALUES "
			    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			    SQ_VALS(SQ_TEXT(c->title), SQ_TEXT(c->template_id),
				    SQ_INT(c->template_version), SQ_TEXT(c->opens_on),
				    SQ_TEXT(c->deadline), SQ_TEXT(c->scope),
				    SQ_TEXT(c->opened_at), SQ_TEXT(c->opened_by)), id,
			    "open campaign", e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if ((rc = sq_run(q, SQ_CAMP_COUNTRY_INSERT, "INSERT INTO campaign_country"
				 "(campaign, country) VALUES (?1, ?2)",
				 SQ_VALS(SQ_INT(*id), SQ_TEXT(countries[i])),
				 "ask country", e)))
			return rc;
	return ERR_OK;
}

int sq_camp_get(struct store *s, pool *p, long long id, struct campaign **out, struct err *e)
{
	return sq_get((struct sq *)s, SQ_CAMP_GET, CAMP_SELECT "WHERE id = ?1",
		      SQ_VALS(SQ_INT(id)), p, &camp_reader, (void **)out, "campaign", e);
}

int sq_camp_list(struct store *s, pool *p, struct campaign **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_CAMP_LIST, CAMP_SELECT "ORDER BY id DESC",
		       SQ_NOVALS, p, &camp_reader, (void **)out, n, "list campaigns", e);
}

int sq_camp_answers(struct store *s, pool *p, long long id, const char *country,
		    struct camp_answer **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_CAMP_ANSWERS, ANSWER_SELECT
		       "WHERE campaign = ?1 AND (?2 IS NULL OR country = ?2) ORDER BY country",
		       SQ_VALS(SQ_INT(id), SQ_TEXT(country)), p, &answer_reader,
		       (void **)out, n, "list answers", e);
}

int sq_camp_of_country(struct store *s, pool *p, const char *country,
		       struct camp_answer **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_CAMP_OF_COUNTRY, ANSWER_SELECT
		       "WHERE country = ?1 ORDER BY campaign DESC",
		       SQ_VALS(SQ_TEXT(country)), p, &answer_reader, (void **)out, n,
		       "list a country's answers", e);
}

int sq_camp_values(struct store *s, pool *p, long long id, const char *country,
		   struct camp_value **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_CAMP_VALUES, "SELECT question, value, evidence "
		       "FROM answer_value WHERE campaign = ?1 AND country = ?2 ORDER BY question",
		       SQ_VALS(SQ_INT(id), SQ_TEXT(country)), p, &value_reader, (void **)out,
		       n, "read answer", e);
}

int sq_camp_answer_update(struct store *s, const struct camp_answer *x, long long from,
			  struct err *e)
{
	int rc = sq_change((struct sq *)s, SQ_CAMP_ANSWER_UPDATE,
		"UPDATE campaign_country SET status = ?3, revision = ?4, tlp = ?5, "
		"comment = ?6, reopened_until = ?7, updated_at = ?8, updated_by = ?9, "
		"submitted_at = ?10, submitted_by = ?11, accepted_at = ?12, accepted_by = ?13 "
		"WHERE campaign = ?1 AND country = ?2 AND revision = ?14",
		SQ_VALS(SQ_INT(x->campaign), SQ_TEXT(x->country),
			SQ_TEXT(camp_status_names[x->status]), SQ_INT(x->revision),
			SQ_TEXT(x->tlp), SQ_TEXT(x->comment), SQ_TEXT(x->reopened_until),
			SQ_TEXT(x->updated_at), SQ_TEXT(x->updated_by),
			SQ_TEXT(x->submitted_at), SQ_TEXT(x->submitted_by),
			SQ_TEXT(x->accepted_at), SQ_TEXT(x->accepted_by), SQ_INT(from)),
		"save answer", "the answer changed meanwhile", e);

	if (rc == ERR_NOTFOUND)
		e->code = rc = ERR_CONFLICT;
	return rc;
}

int sq_camp_value_put(struct store *s, long long id, const char *country,
		      const struct camp_value *v, struct err *e)
{
	struct sq *q = (struct sq *)s;

	if (!v->value || !*v->value)
		return sq_run(q, SQ_CAMP_VALUE_DELETE, "DELETE FROM answer_value WHERE "
			      "campaign = ?1 AND country = ?2 AND question = ?3",
			      SQ_VALS(SQ_INT(id), SQ_TEXT(country), SQ_TEXT(v->question)),
			      "clear value", e);
	return sq_run(q, SQ_CAMP_VALUE_PUT, "INSERT OR REPLACE INTO answer_value(campaign, "
		      "country, question, value, evidence) VALUES (?1, ?2, ?3, ?4, ?5)",
		      SQ_VALS(SQ_INT(id), SQ_TEXT(country), SQ_TEXT(v->question),
			      SQ_TEXT(v->value), SQ_TEXT(v->evidence && *v->evidence ?
							 v->evidence : NULL)),
		      "save value", e);
}

int sq_camp_publish(struct store *s, long long id, const char *at, const char *by,
		    struct err *e)
{
	return sq_change((struct sq *)s, SQ_CAMP_PUBLISH, "UPDATE campaign SET "
			 "published_at = ?2, published_by = ?3 WHERE id = ?1",
			 SQ_VALS(SQ_INT(id), SQ_TEXT(at), SQ_TEXT(by)), "publish aggregates",
			 "no such campaign", e);
}

int sq_camp_agg_values(struct store *s, pool *p, long long id, struct camp_value **out,
		       size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_CAMP_AGG_VALUES, "SELECT v.question, v.value, NULL "
		       "FROM answer_value v JOIN campaign_country c ON c.campaign = v.campaign "
		       "AND c.country = v.country WHERE v.campaign = ?1 AND c.status = "
		       "'accepted' AND c.tlp IN ('CLEAR', 'GREEN') ORDER BY v.question",
		       SQ_VALS(SQ_INT(id)), p, &value_reader, (void **)out, n,
		       "read aggregates", e);
}

int sq_camp_emails(struct store *s, pool *p, const char *country, const char ***out,
		   size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_CAMP_EMAILS, "SELECT DISTINCT email FROM app_user "
		       "WHERE role = 'focal_point' AND country = ?1 AND disabled = 0 AND "
		       "email IS NOT NULL AND email <> '' ORDER BY email",
		       SQ_VALS(SQ_TEXT(country)), p, &sq_str_reader, (void **)out, n,
		       "list focal points' addresses", e);
}
