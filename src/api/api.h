/* api: JSON handlers under /api/v1. Each decodes its request, asks the domain and
 * encodes the answer with jansson. Errors are RFC 9457 problem details. */
#ifndef API_API_H
#define API_API_H

#include <jansson.h>
#include <stddef.h>

#include "core/err.h"
#include "core/num.h"
#include "domain/limits.h"
#include "http/http.h"

int api_countries(struct req *r, struct resp *out);
int api_country(struct req *r, struct resp *out);
int api_countries_resolve(struct req *r, struct resp *out);
int api_regions(struct req *r, struct resp *out);
int api_region(struct req *r, struct resp *out);
int api_instruments(struct req *r, struct resp *out);
int api_instrument(struct req *r, struct resp *out);
int api_articles(struct req *r, struct resp *out);
int api_article(struct req *r, struct resp *out);
int api_crosswalk(struct req *r, struct resp *out);
int api_openapi(struct req *r, struct resp *out);
int api_health(struct req *r, struct resp *out);
int api_search(struct req *r, struct resp *out);
int api_me(struct req *r, struct resp *out);		/* GET /api/v1/me */
/* GET /api/v1/developments (src/api/developments.c, domain/dev.h) */
int api_developments(struct req *r, struct resp *out);

/* The repository (src/api/repo*.c): legislation, case law, lessons learned, review,
 * mappings, import and export. */
int api_works(struct req *r, struct resp *out);
int api_work(struct req *r, struct resp *out);
int api_works_import(struct req *r, struct resp *out);
int api_akn(struct req *r, struct resp *out);
int api_work_mappings(struct req *r, struct resp *out);	/* GET list, POST set */
int api_work_suggestions(struct req *r, struct resp *out);
int api_article_provisions(struct req *r, struct resp *out);
int api_export(struct req *r, struct resp *out);
/* The records of a kind, the kind (struct kind) being the route's data. */
int api_kind_list(struct req *r, struct resp *out);	/* GET list, POST create */
int api_kind_one(struct req *r, struct resp *out);	/* GET, PUT */
int api_record_status(struct req *r, struct resp *out);
int api_record_revisions(struct req *r, struct resp *out);
int api_review(struct req *r, struct resp *out);
int api_record_change(struct req *r, struct resp *out);	/* GET, POST */
/* api/share.c */
int api_record_sharing(struct req *r, struct resp *out);	/* GET, PUT */
int api_groups(struct req *r, struct resp *out);		/* GET, signed in */
int api_shared(struct req *r, struct resp *out);		/* GET, public */

/* api/coverage.c: GET /api/v1/coverage (?country=, ?article=, else the matrix);
 * assessments (GET list, POST record), withdraw (POST); disputes (GET list, POST
 * open), one dispute (GET, POST comment), its decision (POST). */
int api_coverage(struct req *r, struct resp *out);
/* api/needs.c: GET /api/v1/needs (?country=; else all, ?region=, ?topic=, ?target=,
 * and with ?region= the shared needs). */
int api_needs(struct req *r, struct resp *out);
/* api/assist_iati.c: GET /api/v1/assistance/iati.xml (?country=): the requests the
 * caller may read as IATI 2.03 XML (export/iati.h). */
int api_assist_iati(struct req *r, struct resp *out);
int api_need_close(struct req *r, struct resp *out);	/* POST /api/v1/needs/:id/close */
int api_need_weights(struct req *r, struct resp *out);	/* GET|PUT /api/v1/needs/weights */
/* api/directory.c: the cooperation directory (domain/directory.h): GET list and
 * POST add; GET one (with its history) and PUT edit; POST verify; GET the stale
 * entries the asker acts on; GET "who do I ask?" (?country=, ?need=). */
int api_directory(struct req *r, struct resp *out);
int api_directory_entry(struct req *r, struct resp *out);
int api_directory_verify(struct req *r, struct resp *out);
int api_directory_stale(struct req *r, struct resp *out);
int api_directory_ask(struct req *r, struct resp *out);
int api_coverage_assessments(struct req *r, struct resp *out);
/* api/campaign.c: questionnaire campaigns (domain/campaign.h). GET list (?country=),
 * POST open; one campaign; its tracking and reminders (curators); its aggregates and
 * their publication; a country's answer (GET as JSON or CSV, PUT or POST to save as
 * JSON or CSV) and the steps of its workflow, the step ("submit", "return", "accept",
 * "reopen", "carry") being the route's data; a country's progress over campaigns. */
int api_campaigns(struct req *r, struct resp *out);
int api_campaign(struct req *r, struct resp *out);
int api_campaign_tracking(struct req *r, struct resp *out);
int api_campaign_reminders(struct req *r, struct resp *out);
int api_campaign_aggregates(struct req *r, struct resp *out);
int api_campaign_publish(struct req *r, struct resp *out);
int api_answer(struct req *r, struct resp *out);
int api_answer_step(struct req *r, struct resp *out);
int api_country_progress(struct req *r, struct resp *out);
int api_coverage_withdraw(struct req *r, struct resp *out);
int api_coverage_disputes(struct req *r, struct resp *out);
int api_coverage_dispute(struct req *r, struct resp *out);
int api_coverage_decide(struct req *r, struct resp *out);

/* api/assist*.c: technical assistance (domain/assist.h) under /api/v1/assistance.
 * Requests (GET list with filters and counts per stage, POST create), one request
 * (GET, PUT edit from a revision), its timeline, its moves (POST), suggestions,
 * matches (GET, POST confirm), funding (GET, POST a pledge or disbursement),
 * evaluation (POST); a match's answer (POST, "accept" or "decline" the route's
 * data); offers (GET, POST), one offer, its withdrawal; overlaps; totals. */
int api_assist_requests(struct req *r, struct resp *out);
int api_assist_request(struct req *r, struct resp *out);
int api_assist_timeline(struct req *r, struct resp *out);
int api_assist_moves(struct req *r, struct resp *out);
int api_assist_suggestions(struct req *r, struct resp *out);
int api_assist_matches(struct req *r, struct resp *out);
int api_assist_match_answer(struct req *r, struct resp *out);
int api_assist_funding(struct req *r, struct resp *out);
int api_assist_evaluation(struct req *r, struct resp *out);
int api_assist_offers(struct req *r, struct resp *out);
int api_assist_offer(struct req *r, struct resp *out);
int api_assist_offer_withdraw(struct req *r, struct resp *out);
int api_assist_overlaps(struct req *r, struct resp *out);
int api_assist_totals(struct req *r, struct resp *out);
/* api/assist_activity.c: a request's activities (GET, POST add), every activity the
 * asker reads (?country=), one activity, its training record (PUT or POST), its RED
 * attendance list (GET, PUT: only for those the domain lets read the names), its
 * evaluation (POST); the people trained (?country=, ?request=, ?by=). */
int api_assist_request_activities(struct req *r, struct resp *out);
int api_assist_activities(struct req *r, struct resp *out);
int api_assist_activity(struct req *r, struct resp *out);
int api_assist_training(struct req *r, struct resp *out);
int api_assist_attendance(struct req *r, struct resp *out);
int api_assist_activity_evaluation(struct req *r, struct resp *out);
int api_assist_trained(struct req *r, struct resp *out);

struct record;
/* ?limit= (1..LIMIT_PAGE_MAX, default LIMIT_PAGE_DEFAULT) and ?offset= (0..
 * LIMIT_OFFSET_MAX) into *limit and *offset; on a
 * bad value answer 400 in out and return non-zero. */
int api_paging(struct req *r, struct resp *out, int *limit, int *offset);

/* Write j (taking the reference) as the body with status. Returns status. */
int api_send(struct resp *out, int status, json_t *j);
/* Parse the request body as a JSON object; on failure answer 400/415 in out and
 * return NULL. */
json_t *api_body(struct req *r, struct resp *out);
/* The string members keys[0..n) of body into dst (in r's pool; NULL when absent),
 * then release body; on a member that is not a string (record_json_take), answer 400
 * in out and return its status, else 0. */
int api_take(struct req *r, struct resp *out, json_t *body, const char *const *keys,
	     const char **dst, size_t n);
/* Whether every member of body is one of keys[0..n): when one is not, release body,
 * answer 400 naming it (with where, "values[2]", before it when not NULL) and the
 * members allowed, and return the status; else 0. */
int api_members(struct req *r, struct resp *out, json_t *body, const char *where,
		const char *const *keys, size_t n);
/* A JSON string, or null for NULL. */
json_t *api_str(const char *s);

/* How api_fields encodes one member of a struct. */
enum api_type {
	API_STR,	/* const char *, with json_string: the key is left out when NULL */
	API_STR_NULL,	/* const char *: a string, or null for NULL */
	API_CODE,	/* char[]: a string */
	API_CODE_NULL,	/* char[]: a string, or null when empty */
	API_INT,	/* int */
	API_LLONG,	/* long long */
	API_NAMES,	/* const char *[LANG_COUNT]: {"en": ..., "fr": ...}, null for NULL */
	API_CALL,	/* computed from the whole struct by fn */
};
/* One member of a struct as one key of its JSON object. A struct's table of fields,
 * ended by API_END, is its encoding: the keys in the table's order. */
struct api_field {
	const char *key;
	enum api_type type;
	size_t offset;
	json_t *(*fn)(const void *obj);	/* API_CALL only */
};
#define API_FIELD(st, member, type) { #member, (type), offsetof(st, member), NULL }
#define API_FIELD_AS(key, st, member, type) { (key), (type), offsetof(st, member), NULL }
#define API_COMPUTED(key, fn) { (key), API_CALL, 0, (fn) }
#define API_END { NULL, API_STR, 0, NULL }
/* Set the members of obj (a struct that fields describe) in the object j. Returns j. */
json_t *api_fields(json_t *j, const void *obj, const struct api_field *fields);
/* A new object with the members of obj that fields describe (see api_fields). */
json_t *api_object(const void *obj, const struct api_field *fields);
/* An array of the n structs at items (size bytes each), each encoded by fields. */
json_t *api_array(const void *items, size_t n, size_t size, const struct api_field *fields);
/* The article reference used across the API, "coe-185/2", as a JSON string. */
json_t *api_article_ref(const char *instrument, int number);

/* The article of /instruments/:id/articles/:number (r->params[0] and [1]) into *in
 * and *a (pool memory); when there is none answer in out and return non-zero. */
struct instrument;
struct article;
int api_article_of(struct req *r, struct resp *out, struct instrument **in, struct article **a);

/* Answer 200 with a list: {"count": the size of arr, "limit" and "offset" of q when q
 * is not NULL, key: arr} (taking arr). Returns 200. */
struct record_query;
int api_send_list(struct resp *out, const char *key, json_t *arr, const struct record_query *q);
/* ?country= (alpha-2, alpha-3, numeric or a name; absent or empty: no filter) into
 * *country (pool string); on an unknown country answer in out and return non-zero. */
int api_country_arg(struct req *r, struct resp *out, const char **country);

/* Reports (api/report.c, domain/report.h): GET /api/v1/report (made from the query
 * string, not saved), GET|POST /api/v1/reports (the saved ones; make and save), GET
 * /api/v1/reports/:id, GET /api/v1/reports/:id/again (made again with the changes),
 * PUT /api/v1/reports/:id/prose/:paragraph. */
int api_report(struct req *r, struct resp *out);
int api_reports(struct req *r, struct resp *out);
int api_report_saved(struct req *r, struct resp *out);
int api_report_again(struct req *r, struct resp *out);
int api_report_prose(struct req *r, struct resp *out);

#endif
