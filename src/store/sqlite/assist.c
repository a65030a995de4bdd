/* The SQLite store of technical assistance (domain/assist.h; tables currency,
 * assist_request, assist_move, assist_offer, assist_match, assist_evaluation and
 * assist_funding, migration 19). */
#include <stddef.h>

#include "store/sqlite/internal.h"

static const struct sq_col currency_cols[] = {
	SQ_BUF(struct assist_currency, code),
	SQ_STR(struct assist_currency, name),
	SQ_NUM(struct assist_currency, minor),
};
static const struct sq_reader currency_reader = SQ_READER(struct assist_currency,
							  currency_cols);

/* the columns of a request after its id, in the order of the INSERT and UPDATE */
static const struct sq_col req_fields[] = {
	SQ_STR(struct assist_request, title),
	SQ_STR(struct assist_request, topic),
	SQ_STR(struct assist_request, beneficiary),
	SQ_STR(struct assist_request, beneficiary_key),
	SQ_STR(struct assist_request, targets),
	SQ_STR(struct assist_request, languages),
	SQ_STR0(struct assist_request, date_from),
	SQ_STR0(struct assist_request, date_to),
	SQ_NUM(struct assist_request, urgency),
	SQ_STR(struct assist_request, modes),
	SQ_STR0(struct assist_request, budget_currency),
	SQ_NUM(struct assist_request, budget_amount),
	SQ_STR(struct assist_request, needs),
	SQ_STR(struct assist_request, description),
	SQ_STR(struct assist_request, tlp),
	SQ_NAME(struct assist_request, stage, assist_stage_names, AS_STAGE_COUNT),
	SQ_NUM(struct assist_request, revision),
	SQ_STR(struct assist_request, updated_at),
	SQ_STR(struct assist_request, updated_by),
};
static const struct sq_reader req_fields_reader = SQ_READER(struct assist_request,
							    req_fields);
static const struct sq_col req_cols[] = {
	SQ_NUM(struct assist_request, id),
	SQ_STR(struct assist_request, country),
	SQ_SAME(req_fields_reader),
	SQ_STR(struct assist_request, created_at),
	SQ_STR(struct assist_request, created_by),
};
static const struct sq_reader req_reader = SQ_READER(struct assist_request, req_cols);
#define REQ_FIELDS "title, topic, beneficiary, beneficiary_key, targets, languages, " \
	"date_from, date_to, urgency, modes, budget_currency, budget_amount, needs, " \
	"description, tlp, stage, revision, updated_at, updated_by"
#define REQ_SELECT "SELECT id, country, " REQ_FIELDS ", created_at, created_by " \
	"FROM assist_request "

static const struct sq_col step_cols[] = {
	SQ_NUM(struct assist_step, id),
	SQ_NUM(struct assist_step, request),
	SQ_STR(struct assist_step, from),
	SQ_STR(struct assist_step, to),
	SQ_STR(struct assist_step, comment),
	SQ_STR(struct assist_step, at),
	SQ_STR(struct assist_step, by),
};
static const struct sq_reader step_reader = SQ_READER(struct assist_step, step_cols);

static const struct sq_col offer_cols[] = {
	SQ_NUM(struct assist_offer, id),
	SQ_NUM(struct assist_offer, org),
	SQ_STR(struct assist_offer, org_name),
	SQ_STR(struct assist_offer, title),
	SQ_STR(struct assist_offer, topics),
	SQ_STR(struct assist_offer, regions),
	SQ_STR(struct assist_offer, languages),
	SQ_STR(struct assist_offer, modes),
	SQ_NUM(struct assist_offer, capacity),
	SQ_STR(struct assist_offer, period_from),
	SQ_STR(struct assist_offer, period_to),
	SQ_STR(struct assist_offer, created_at),
	SQ_STR(struct assist_offer, created_by),
	SQ_STR(struct assist_offer, withdrawn_at),
	SQ_STR(struct assist_offer, withdrawn_by),
};
static const struct sq_reader offer_reader = SQ_READER(struct assist_offer, offer_cols);
#define OFFER_SELECT "SELECT f.id, f.org, o.name, f.title, f.topics, f.regions, " \
	"f.languages, f.modes, f.capacity, f.period_from, f.period_to, f.created_at, " \
	"f.created_by, f.withdrawn_at, f.withdrawn_by FROM assist_offer f JOIN " \
	"organisation o ON o.id = f.org "

static const struct sq_col match_cols[] = {
	SQ_NUM(struct assist_match, id),
	SQ_NUM(struct assist_match, request),
	SQ_NUM(struct assist_match, offer),
	SQ_NUM(struct assist_match, org),
	SQ_NAME(struct assist_match, status, assist_match_status_names, AM_STATUS_COUNT),
	SQ_DBL(struct assist_match, score),
	SQ_STR(struct assist_match, comment),
	SQ_STR(struct assist_match, confirmed_at),
	SQ_STR(struct assist_match, confirmed_by),
	SQ_STR(struct assist_match, answered_at),
	SQ_STR(struct assist_match, answered_by),
};
static const struct sq_reader match_reader = SQ_READER(struct assist_match, match_cols);

static const struct sq_col rating_cols[] = {
	SQ_NUM(struct assist_rating, org),
	SQ_NUM(struct assist_rating, count),
	SQ_NUM(struct assist_rating, sum),
};
static const struct sq_reader rating_reader = SQ_READER(struct assist_rating, rating_cols);

static const struct sq_col used_cols[] = {
	SQ_NUM(struct assist_used, offer),
	SQ_NUM(struct assist_used, count),
};
static const struct sq_reader used_reader = SQ_READER(struct assist_used, used_cols);

static const struct sq_col fund_cols[] = {
	SQ_NUM(struct assist_fund, id),
	SQ_NUM(struct assist_fund, request),
	SQ_NUM(struct assist_fund, donor),
	SQ_STR(struct assist_fund, donor_name),
	SQ_NAME(struct assist_fund, kind, assist_fund_kind_names, AF_KIND_COUNT),
	SQ_BUF(struct assist_fund, currency),
	SQ_NUM(struct assist_fund, amount),
	SQ_STR(struct assist_fund, on_date),
	SQ_STR(struct assist_fund, at),
	SQ_STR(struct assist_fund, by),
};
static const struct sq_reader fund_reader = SQ_READER(struct assist_fund, fund_cols);

int sq_currency_put(struct store *s, const struct assist_currency *c, struct err *e)
{
	return sq_run((struct sq *)s, SQ_CURRENCY_PUT, "INSERT OR REPLACE INTO "
		      "currency(code, name, minor) VALUES (?1, ?2, ?3)",
		      SQ_VALS(SQ_TEXT(c->code), SQ_TEXT(c->name), SQ_INT(c->minor)),
		      "store currency", e);
}

int sq_currency_get(struct store *s, pool *p, const char *code,
		    struct assist_currency **out, struct err *e)
{
	return sq_get((struct sq *)s, SQ_CURRENCY_GET, "SELECT code, name, minor FROM "
		      "currency WHERE code = ?1", SQ_VALS(SQ_TEXT(code)), p,
		      &currency_reader, (void **)out, "currency", e);
}

int sq_assist_request_put(struct store *s, const struct assist_request *r, long long *id,
			  struct err *e)
{
	return sq_insert((struct sq *)s, SQ_ASSIST_REQ_INSERT, "INSERT INTO "
			 "assist_request(country, " REQ_FIELDS ", created_at, created_by) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
			 "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
			 SQ_VALS(SQ_TEXT(r->country), SQ_ROW(req_fields_reader, r),
				 SQ_TEXT(r->created_at), SQ_TEXT(r->created_by)), id,
			 "add request", e);
}

int sq_assist_request_update(struct store *s, const struct assist_request *r,
			     long long from, struct err *e)
{
	int rc = sq_change((struct sq *)s, SQ_ASSIST_REQ_UPDATE, "UPDATE assist_request "
			   "SET (" REQ_FIELDS ") = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
			   "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) WHERE id = ?20 AND "
			   "revision = ?21",
			   SQ_VALS(SQ_ROW(req_fields_reader, r), SQ_INT(r->id), SQ_INT(from)),
			   "save request", "the request changed meanwhile", e);

	if (rc == ERR_NOTFOUND)
		e->code = rc = ERR_CONFLICT;
	return rc;
}

int sq_assist_request_get(struct store *s, pool *p, long long id,
			  struct assist_request **out, struct err *e)
{
	return sq_get((struct sq *)s, SQ_ASSIST_REQ_GET, REQ_SELECT "WHERE id = ?1",
		      SQ_VALS(SQ_INT(id)), p, &req_reader, (void **)out, "request", e);
}

/* The lists below take one statement per filter given, so that SQLite uses the
 * index of what is given: "?1 IS NULL OR col = ?1" would scan the table at every
 * call (the plan is made before the values are known). */

int sq_assist_request_list(struct store *s, pool *p, const char *country,
			   const char *stage, struct assist_request **out, size_t *n,
			   struct err *e)
{
	if (country)
		return sq_list((struct sq *)s, SQ_ASSIST_REQ_LIST_COUNTRY, REQ_SELECT "WHERE "
			       "country = ?1 AND (?2 IS NULL OR stage = ?2) ORDER BY id DESC",
			       SQ_VALS(SQ_TEXT(country), SQ_TEXT(stage)), p, &req_reader,
			       (void **)out, n, "list requests", e);
	return sq_list((struct sq *)s, SQ_ASSIST_REQ_LIST, REQ_SELECT "WHERE ?1 IS NULL AND "
		       "(?2 IS NULL OR stage = ?2) ORDER BY id DESC",
		       SQ_VALS(SQ_TEXT(country), SQ_TEXT(stage)), p, &req_reader,
		       (void **)out, n, "list requests", e);
}

int sq_assist_step_put(struct store *s, const struct assist_step *st, struct err *e)
{
	return sq_run((struct sq *)s, SQ_ASSIST_STEP_PUT, "INSERT INTO assist_move(request, "
		      "from_stage, to_stage, comment, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		      SQ_VALS(SQ_INT(st->request), SQ_TEXT(st->from), SQ_TEXT(st->to),
			      SQ_TEXT(st->comment && *st->comment ? st->comment : NULL),
			      SQ_TEXT(st->at), SQ_TEXT(st->by)), "record move", e);
}

int sq_assist_steps(struct store *s, pool *p, long long id, struct assist_step **out,
		    size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_ASSIST_STEPS, "SELECT id, request, from_stage, "
		       "to_stage, comment, at, by FROM assist_move WHERE request = ?1 "
		       "ORDER BY id", SQ_VALS(SQ_INT(id)), p, &step_reader, (void **)out, n,
		       "read timeline", e);
}

int sq_assist_offer_put(struct store *s, const struct assist_offer *o, long long *id,
			struct err *e)
{
	return sq_insert((struct sq *)s, SQ_ASSIST_OFFER_INSERT, "INSERT INTO assist_offer("
			 "org, title, topics, regions, languages, modes, capacity, period_from, "
			 "period_to, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
			 "?8, ?9, ?10, ?11)",
			 SQ_VALS(SQ_INT(o->org), SQ_TEXT(o->title), SQ_TEXT(o->topics),
				 SQ_TEXT(o->regions), SQ_TEXT(o->languages), SQ_TEXT(o->modes),
				 SQ_INT(o->capacity), SQ_TEXT(o->period_from),
				 SQ_TEXT(o->period_to), SQ_TEXT(o->created_at),
				 SQ_TEXT(o->created_by)), id, "add offer", e);
}

int sq_assist_offer_get(struct store *s, pool *p, long long id, struct assist_offer **out,
			struct err *e)
{
	return sq_get((struct sq *)s, SQ_ASSIST_OFFER_GET, OFFER_SELECT "WHERE f.id = ?1",
		      SQ_VALS(SQ_INT(id)), p, &offer_reader, (void **)out, "offer", e);
}

int sq_assist_offer_list(struct store *s, pool *p, int all, struct assist_offer **out,
			 size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_ASSIST_OFFER_LIST, OFFER_SELECT "WHERE ?1 OR "
		       "f.withdrawn_at IS NULL ORDER BY f.id DESC", SQ_VALS(SQ_BOOL(all)), p,
		       &offer_reader, (void **)out, n, "list offers", e);
}

int sq_assist_offer_topic(struct store *s, pool *p, const char *topic,
			  struct assist_offer **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_ASSIST_OFFER_TOPIC, OFFER_SELECT "WHERE "
		       "f.withdrawn_at IS NULL AND instr(',' || f.topics || ',', ',' || ?1 || "
		       "',') > 0 ORDER BY f.id DESC", SQ_VALS(SQ_TEXT(topic)), p,
		       &offer_reader, (void **)out, n, "list offers", e);
}

int sq_assist_offer_used(struct store *s, pool *p, const char *year,
			 struct assist_used **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_ASSIST_OFFER_USED, "SELECT offer, count(*) FROM "
		       "assist_match WHERE status = 'accepted' AND substr(answered_at, 1, 4) "
		       "= ?1 GROUP BY offer ORDER BY offer", SQ_VALS(SQ_TEXT(year)), p,
		       &used_reader, (void **)out, n, "count matches", e);
}

int sq_assist_matched(struct store *s, pool *p, long long org, long long **out, size_t *n,
		      struct err *e)
{
	return sq_list((struct sq *)s, SQ_ASSIST_MATCHED, "SELECT DISTINCT m.request FROM "
		       "assist_match m JOIN assist_offer f ON f.id = m.offer WHERE f.org = ?1 "
		       "AND m.status <> 'declined' ORDER BY m.request", SQ_VALS(SQ_INT(org)),
		       p, &sq_ll_reader, (void **)out, n, "list matches", e);
}

int sq_assist_offer_withdraw(struct store *s, long long id, const char *at, const char *by,
			     struct err *e)
{
	return sq_change((struct sq *)s, SQ_ASSIST_OFFER_WITHDRAW, "UPDATE assist_offer SET "
			 "withdrawn_at = ?2, withdrawn_by = ?3 WHERE id = ?1 AND withdrawn_at "
			 "IS NULL", SQ_VALS(SQ_INT(id), SQ_TEXT(at), SQ_TEXT(by)),
			 "withdraw offer", "no such offer on offer", e);
}

int sq_assist_match_put(struct store *s, const struct assist_match *m, long long *id,
			struct err *e)
{
	return sq_insert((struct sq *)s, SQ_ASSIST_MATCH_INSERT, "INSERT INTO assist_match("
			 "request, offer, status, score, confirmed_at, confirmed_by) VALUES "
			 "(?1, ?2, ?3, ?4, ?5, ?6)",
			 SQ_VALS(SQ_INT(m->request), SQ_INT(m->offer),
				 SQ_TEXT(assist_match_status_names[m->status]),
				 { .type = SQ_V_REAL, .d = m->score }, SQ_TEXT(m->confirmed_at),
				 SQ_TEXT(m->confirmed_by)), id, "confirm match", e);
}

int sq_assist_match_answer(struct store *s, const struct assist_match *m, struct err *e)
{
	return sq_change((struct sq *)s, SQ_ASSIST_MATCH_ANSWER, "UPDATE assist_match SET "
			 "status = ?2, comment = ?3, answered_at = ?4, answered_by = ?5 WHERE "
			 "id = ?1 AND status = 'confirmed'",
			 SQ_VALS(SQ_INT(m->id), SQ_TEXT(assist_match_status_names[m->status]),
				 SQ_TEXT(m->comment && *m->comment ? m->comment : NULL),
				 SQ_TEXT(m->answered_at), SQ_TEXT(m->answered_by)),
			 "answer match", "no such match waiting for an answer", e);
}

#define MATCH_SELECT "SELECT m.id, m.request, m.offer, f.org, m.status, m.score, " \
	"m.comment, m.confirmed_at, m.confirmed_by, m.answered_at, m.answered_by FROM " \
	"assist_match m JOIN assist_offer f ON f.id = m.offer "

int sq_assist_match_list(struct store *s, pool *p, long long request, long long offer,
			 struct assist_match **out, size_t *n, struct err *e)
{
	/* by request (the index of UNIQUE (request, offer)), by offer
	 * (assist_match_offer), or all */
	static const struct {
		enum sq_stmt id;
		const char *sql;
	} by[] = {
		{ SQ_ASSIST_MATCH_LIST, MATCH_SELECT "WHERE m.request = ?1 AND (?2 = 0 OR "
		  "m.offer = ?2) ORDER BY m.id" },
		{ SQ_ASSIST_MATCH_LIST_OFFER, MATCH_SELECT "WHERE ?1 = 0 AND m.offer = ?2 ORDER "
		  "BY m.id" },
		{ SQ_ASSIST_MATCH_LIST_ALL, MATCH_SELECT "WHERE ?1 = 0 AND ?2 = 0 ORDER BY m.id" },
	};
	int k = request ? 0 : offer ? 1 : 2;

	return sq_list((struct sq *)s, by[k].id, by[k].sql,
		       SQ_VALS(SQ_INT(request), SQ_INT(offer)), p, &match_reader,
		       (void **)out, n, "list matches", e);
}

int sq_assist_match_list_org(struct store *s, pool *p, long long org,
			     struct assist_match **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_ASSIST_MATCH_LIST_ORG, MATCH_SELECT "WHERE f.org = "
		       "?1 ORDER BY m.id", SQ_VALS(SQ_INT(org)), p, &match_reader,
		       (void **)out, n, "list matches", e);
}

int sq_assist_eval_put(struct store *s, long long id, long long org, int rating,
		       const char *closed_needs, const char *at, const char *by,
		       struct err *e)
{
	return sq_run((struct sq *)s, SQ_ASSIST_EVAL_PUT, "INSERT OR REPLACE INTO "
		      "assist_evaluation(request, org, rating, closed_needs, at, by) VALUES "
		      "(?1, ?2, ?3, ?4, ?5, ?6)",
		      SQ_VALS(SQ_INT(id), SQ_INT(org), SQ_INT(rating),
			      SQ_TEXT(closed_needs ? closed_needs : ""), SQ_TEXT(at),
			      SQ_TEXT(by)), "record evaluation", e);
}

int sq_assist_rating_refresh(struct store *s, long long org, struct err *e)
{
	return sq_run((struct sq *)s, SQ_ASSIST_RATING_REFRESH, "INSERT OR REPLACE INTO "
		      "assist_org_rating(org, count, sum) SELECT ?1, count(*), "
		      "coalesce(sum(rating), 0) FROM (SELECT rating FROM assist_evaluation WHERE "
		      "org = ?1 UNION ALL SELECT a.rating FROM assist_activity_org x JOIN "
		      "assist_activity a ON a.id = x.activity WHERE x.org = ?1 AND a.rating IS "
		      "NOT NULL)", SQ_VALS(SQ_INT(org)), "count evaluations", e);
}

int sq_assist_ratings(struct store *s, pool *p, struct assist_rating **out, size_t *n,
		      struct err *e)
{
	return sq_list((struct sq *)s, SQ_ASSIST_RATINGS, "SELECT org, count, sum FROM "
		       "assist_org_rating WHERE count > 0 ORDER BY org", SQ_NOVALS, p,
		       &rating_reader, (void **)out, n, "read evaluations", e);
}

int sq_assist_fund_put(struct store *s, const struct assist_fund *f, struct err *e)
{
	return sq_run((struct sq *)s, SQ_ASSIST_FUND_INSERT, "INSERT INTO assist_funding("
		      "request, donor, kind, currency, amount, on_date, at, by) VALUES (?1, "
		      "?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		      SQ_VALS(SQ_INT(f->request), SQ_INT(f->donor),
			      SQ_TEXT(assist_fund_kind_names[f->kind]), SQ_TEXT(f->currency),
			      SQ_INT(f->amount), SQ_TEXT(f->on_date), SQ_TEXT(f->at),
			      SQ_TEXT(f->by)), "record funding", e);
}

#define FUND_SELECT "SELECT f.id, f.request, f.donor, o.name, f.kind, f.currency, " \
	"f.amount, f.on_date, f.at, f.by FROM assist_funding f JOIN organisation o ON " \
	"o.id = f.donor "

int sq_assist_fund_list(struct store *s, pool *p, long long id, struct assist_fund **out,
			size_t *n, struct err *e)
{
	if (id)
		return sq_list((struct sq *)s, SQ_ASSIST_FUND_LIST, FUND_SELECT "WHERE "
			       "f.request = ?1 ORDER BY f.id", SQ_VALS(SQ_INT(id)), p,
			       &fund_reader, (void **)out, n, "list funding", e);
	return sq_list((struct sq *)s, SQ_ASSIST_FUND_LIST_ALL, FUND_SELECT "ORDER BY f.id",
		       SQ_NOVALS, p, &fund_reader, (void **)out, n, "list funding", e);
}

int sq_assist_fund_list_donor(struct store *s, pool *p, long long donor,
			      struct assist_fund **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_ASSIST_FUND_LIST_DONOR, FUND_SELECT "WHERE "
		       "f.donor = ?1 ORDER BY f.id", SQ_VALS(SQ_INT(donor)), p, &fund_reader,
		       (void **)out, n, "list funding", e);
}
