#include "http/routes.h"

#include "api/api.h"
#include "domain/caselaw.h"
#include "domain/lesson.h"
#include "web/web.h"

#define GET HTTP_GET
#define POST HTTP_POST
#define PUT HTTP_PUT
#define C ROUTE_CACHE

/* The pages of a record kind (struct kind) under /path */
#define KIND_PAGES(path, kind) \
	{ GET, "/" path, web_kind_list, 0, (kind) }, \
	{ GET | POST, "/" path "/new", web_kind_form, 0, (kind) }, \
	{ GET, "/" path "/:id", web_kind_page, 0, (kind) }, \
	{ GET | POST, "/" path "/:id/edit", web_kind_form, 0, (kind) }

const struct route routes[] = {
	{ GET, "/", web_home, C, NULL },
	{ GET, "/about", web_about, C, NULL },
	{ GET, "/help", web_help, C, NULL },
	{ GET, "/contact", web_contact, C, NULL },
	{ GET, "/search", web_search, 0, NULL },
	{ GET, "/api/v1/search", api_search, 0, NULL },
	{ GET | POST, "/signin", web_signin, ROUTE_OWN_TOKEN, NULL },
	{ POST, "/signout", web_signout, 0, NULL },
	{ GET, "/account", web_account, 0, NULL },
	{ POST, "/account/password", web_account_password, 0, NULL },
	{ GET | POST, "/account/tokens", web_account_tokens, 0, NULL },
	{ POST, "/account/tokens/revoke", web_account_tokens_revoke, 0, NULL },
	{ GET | POST, "/admin/users", web_admin_users, 0, NULL },
	{ GET, "/admin/tokens", web_admin_tokens, 0, NULL },
	{ POST, "/admin/tokens/revoke", web_admin_tokens_revoke, 0, NULL },
	{ GET, "/admin/audit", web_admin_audit, 0, NULL },
	{ GET, "/api/v1/me", api_me, 0, NULL },
	{ GET, "/countries", web_countries, C, NULL },
	{ GET, "/countries/:code", web_country, C, NULL },
	{ POST, "/countries/:code/coverage/:action", web_country_coverage_post, 0, NULL },
	{ GET, "/countries/:code/needs", web_country_needs_page, C, NULL },
	{ POST, "/countries/:code/needs/:action", web_country_needs_post, 0, NULL },
	{ GET, "/needs", web_needs, C, NULL },
	{ GET, "/needs.csv", web_needs, C, "csv" },
	/* campaigns: who asks decides what shows (tracking, answers): not cached */
	{ GET | POST, "/campaigns", web_campaigns, 0, NULL },
	{ GET, "/campaigns/:id", web_campaign, 0, NULL },
	{ POST, "/campaigns/:id/publish", web_campaign_publish, 0, NULL },
	{ GET, "/campaigns/:id/answers/:code", web_campaign_answer, 0, NULL },
	{ GET, "/campaigns/:id/answers/:code/print", web_campaign_answer, 0, "print" },
	{ POST, "/campaigns/:id/answers/:code/:action", web_campaign_answer_post, 0, NULL },
	{ POST, "/needs/weights", web_needs_weights_post, 0, NULL },
	/* technical assistance (src/web/assist*.c): who reads a request depends on who
	 * asks, and the forms are on the pages: not cached; the literal paths before
	 * /assistance/:id */
	{ GET | POST, "/assistance", web_assistance, 0, NULL },
	{ GET, "/assistance.csv", web_assistance, 0, "csv" },
	{ GET | POST, "/assistance/offers", web_assistance_offers, 0, NULL },
	{ GET, "/assistance/offers.csv", web_assistance_offers, 0, "csv" },
	{ POST, "/assistance/offers/:id/withdraw", web_assistance_offer_withdraw, 0, NULL },
	{ GET, "/assistance/providers/:org", web_assistance_provider, 0, NULL },
	{ GET, "/assistance/donors/:org", web_assistance_donor, 0, NULL },
	{ GET, "/assistance/overlaps", web_assistance_overlaps, 0, NULL },
	{ GET, "/assistance/overlaps.csv", web_assistance_overlaps, 0, "csv" },
	{ GET, "/assistance/totals", web_assistance_totals, 0, NULL },
	{ GET, "/assistance/totals.csv", web_assistance_totals, 0, "csv" },
	{ GET, "/assistance/requests/:id", web_assistance_request, 0, "redirect" },
	{ GET, "/assistance/:id", web_assistance_request, 0, NULL },
	{ POST, "/assistance/:id/:action", web_assistance_post, 0, NULL },
	{ GET, "/regions", web_regions, C, NULL },
	{ GET, "/regions/:code", web_region, C, NULL },
	{ GET, "/instruments", web_instruments, C, NULL },
	{ GET, "/instruments/:id", web_instrument, C, NULL },
	{ GET, "/instruments/:id/:number", web_article, C, NULL },
	{ GET, "/coverage", web_coverage, C, NULL },
	{ GET, "/coverage.csv", web_coverage, C, "csv" },
	{ GET, "/coverage/map", web_coverage_map, C, NULL },
	/* the repository: nothing here is cached, since drafts and labels decide who
	 * sees what; forms answer no-store */
	{ GET, "/laws", web_laws, 0, NULL },
	{ GET | POST, "/laws/import", web_laws_import, 0, NULL },
	{ GET, "/akn/*", web_akn, 0, NULL },
	{ GET, "/works/:id", web_work, 0, NULL },
	{ POST, "/works/:id/mappings", web_work_mappings, 0, NULL },
	{ POST, "/works/:id/suggest", web_work_suggest, 0, NULL },
	KIND_PAGES("cases", &caselaw_kind),
	KIND_PAGES("lessons", &lesson_kind),
	{ GET, "/review", web_review, 0, NULL },
	{ POST, "/records/:id/status", web_record_status, 0, NULL },
	{ POST, "/records/:id/change", web_record_change, 0, NULL },
	{ POST, "/records/:id/sharing", web_record_sharing_post, 0, NULL },
	{ GET, "/shared", web_shared, C, NULL },
	{ GET, "/static/*", NULL, 0, NULL },	/* embedded files, served by the server */
	{ GET, "/healthz", api_health, 0, NULL },
	{ GET, "/api/v1/openapi.json", api_openapi, C, NULL },
	{ GET, "/api/v1/countries", api_countries, C, NULL },
	{ POST, "/api/v1/countries/resolve", api_countries_resolve, 0, NULL },
	{ GET, "/api/v1/countries/:code", api_country, C, NULL },
	{ GET, "/api/v1/regions", api_regions, C, NULL },
	{ GET, "/api/v1/regions/:code", api_region, C, NULL },
	{ GET, "/api/v1/instruments", api_instruments, C, NULL },
	{ GET, "/api/v1/instruments/:id", api_instrument, C, NULL },
	{ GET, "/api/v1/instruments/:id/articles", api_articles, C, NULL },
	{ GET, "/api/v1/instruments/:id/articles/:number", api_article, C, NULL },
	{ GET, "/api/v1/crosswalk", api_crosswalk, C, NULL },
	{ GET, "/api/v1/instruments/:id/articles/:number/provisions", api_article_provisions, 0,
	  NULL },
	{ GET, "/api/v1/works", api_works, 0, NULL },
	{ POST, "/api/v1/works/import", api_works_import, 0, NULL },
	{ GET, "/api/v1/works/:id", api_work, 0, NULL },
	{ GET | POST, "/api/v1/works/:id/mappings", api_work_mappings, 0, NULL },
	{ POST, "/api/v1/works/:id/suggestions", api_work_suggestions, 0, NULL },
	{ GET, "/api/v1/akn/*", api_akn, 0, NULL },
	{ GET | POST, "/api/v1/cases", api_kind_list, 0, &caselaw_kind },
	{ GET | PUT, "/api/v1/cases/:id", api_kind_one, 0, &caselaw_kind },
	{ GET | POST, "/api/v1/lessons", api_kind_list, 0, &lesson_kind },
	{ GET | PUT, "/api/v1/lessons/:id", api_kind_one, 0, &lesson_kind },
	{ POST, "/api/v1/records/:id/status", api_record_status, 0, NULL },
	{ GET, "/api/v1/records/:id/revisions", api_record_revisions, 0, NULL },
	{ GET | POST, "/api/v1/records/:id/change", api_record_change, 0, NULL },
	{ GET | PUT, "/api/v1/records/:id/sharing", api_record_sharing, 0, NULL },
	{ GET, "/api/v1/groups", api_groups, 0, NULL },
	{ GET, "/api/v1/shared", api_shared, C, NULL },
	{ GET, "/api/v1/review", api_review, 0, NULL },
	{ GET, "/api/v1/export", api_export, 0, NULL },
	/* coverage: what counts depends on who asks (the clearance): not cached */
	{ GET, "/api/v1/coverage", api_coverage, 0, NULL },
	{ GET | POST, "/api/v1/needs", api_needs, 0, NULL },
	{ POST, "/api/v1/needs/:id/close", api_need_close, 0, NULL },
	{ GET | PUT, "/api/v1/needs/weights", api_need_weights, 0, NULL },
	/* assistance as IATI 2.03 XML (issue 16): what it holds depends on who asks (the
	 * reading rule of assist_can_read); the public's (CLEAR requests) is the same for
	 * everybody and costs a query per request and part, so it is kept rendered until
	 * the next change (an account's never is) */
	{ GET, "/api/v1/assistance/iati.xml", api_assist_iati, C, NULL },
	{ GET | POST, "/api/v1/coverage/assessments", api_coverage_assessments, 0, NULL },
	{ POST, "/api/v1/coverage/assessments/:id/withdraw", api_coverage_withdraw, 0, NULL },
	{ GET | POST, "/api/v1/coverage/disputes", api_coverage_disputes, 0, NULL },
	{ GET | POST, "/api/v1/coverage/disputes/:id", api_coverage_dispute, 0, NULL },
	{ POST, "/api/v1/coverage/disputes/:id/decision", api_coverage_decide, 0, NULL },
	/* campaigns: who reads an answer or a campaign's tracking depends on who asks */
	{ GET | POST, "/api/v1/campaigns", api_campaigns, 0, NULL },
	{ GET, "/api/v1/campaigns/:id", api_campaign, 0, NULL },
	{ GET, "/api/v1/campaigns/:id/tracking", api_campaign_tracking, 0, NULL },
	{ GET, "/api/v1/campaigns/:id/reminders", api_campaign_reminders, 0, NULL },
	{ GET, "/api/v1/campaigns/:id/aggregates", api_campaign_aggregates, 0, NULL },
	{ POST, "/api/v1/campaigns/:id/publish", api_campaign_publish, 0, NULL },
	{ GET | PUT | POST, "/api/v1/campaigns/:id/answers/:code", api_answer, 0, NULL },
	{ POST, "/api/v1/campaigns/:id/answers/:code/submit", api_answer_step, 0, "submit" },
	{ POST, "/api/v1/campaigns/:id/answers/:code/return", api_answer_step, 0, "return" },
	{ POST, "/api/v1/campaigns/:id/answers/:code/accept", api_answer_step, 0, "accept" },
	{ POST, "/api/v1/campaigns/:id/answers/:code/reopen", api_answer_step, 0, "reopen" },
	{ POST, "/api/v1/campaigns/:id/answers/:code/carry", api_answer_step, 0, "carry" },
	{ GET, "/api/v1/countries/:code/progress", api_country_progress, 0, NULL },
	/* developments and their feeds (issue 17): the public's are kept by the page
	 * cache (the server never caches what an account sees: a feed's token, on
	 * /feeds/ only, or a session on the page) */
	{ GET, "/developments", web_developments, C, NULL },
	{ POST, "/developments", web_developments, 0, NULL },
	{ GET, "/feeds/developments.atom", web_feed_developments, C, NULL },
	{ GET, "/api/v1/developments", api_developments, 0, NULL },
	/* technical assistance (api/assist*.c): who reads a request decides what shows,
	 * so nothing is cached */
	{ GET | POST, "/api/v1/assistance/requests", api_assist_requests, 0, NULL },
	{ GET | PUT, "/api/v1/assistance/requests/:id", api_assist_request, 0, NULL },
	{ GET, "/api/v1/assistance/requests/:id/timeline", api_assist_timeline, 0, NULL },
	{ POST, "/api/v1/assistance/requests/:id/moves", api_assist_moves, 0, NULL },
	{ GET, "/api/v1/assistance/requests/:id/suggestions", api_assist_suggestions, 0, NULL },
	{ GET | POST, "/api/v1/assistance/requests/:id/matches", api_assist_matches, 0, NULL },
	{ GET | POST, "/api/v1/assistance/requests/:id/funding", api_assist_funding, 0, NULL },
	{ POST, "/api/v1/assistance/requests/:id/evaluation", api_assist_evaluation, 0, NULL },
	{ POST, "/api/v1/assistance/matches/:id/accept", api_assist_match_answer, 0, "accept" },
	{ POST, "/api/v1/assistance/matches/:id/decline", api_assist_match_answer, 0, "decline" },
	{ GET | POST, "/api/v1/assistance/offers", api_assist_offers, 0, NULL },
	{ GET, "/api/v1/assistance/offers/:id", api_assist_offer, 0, NULL },
	{ POST, "/api/v1/assistance/offers/:id/withdraw", api_assist_offer_withdraw, 0, NULL },
	{ GET, "/api/v1/assistance/overlaps", api_assist_overlaps, 0, NULL },
	{ GET, "/api/v1/assistance/totals", api_assist_totals, 0, NULL },
	{ GET | POST, "/api/v1/assistance/requests/:id/activities", api_assist_request_activities, 0,
	  NULL },
	{ GET, "/api/v1/assistance/activities", api_assist_activities, 0, NULL },
	{ GET, "/api/v1/assistance/activities/:id", api_assist_activity, 0, NULL },
	{ PUT | POST, "/api/v1/assistance/activities/:id/training", api_assist_training, 0, NULL },
	{ GET | PUT, "/api/v1/assistance/activities/:id/attendance", api_assist_attendance, 0,
	  NULL },
	{ POST, "/api/v1/assistance/activities/:id/evaluation", api_assist_activity_evaluation, 0,
	  NULL },
	{ GET, "/api/v1/assistance/trained", api_assist_trained, 0, NULL },
	/* the cooperation directory (issue 18; web/directory.c, api/directory.c): what an
	 * entry shows depends on who asks (dir_readable), so nothing is cached; the
	 * literal paths before /directory/:id */
	{ GET, "/directory", web_directory, 0, NULL },
	{ GET, "/directory.csv", web_directory, 0, "csv" },
	{ GET, "/directory/ask", web_directory_ask, 0, NULL },
	{ GET | POST, "/directory/new", web_directory_new, 0, NULL },
	{ GET, "/directory/:id", web_directory_entry, 0, NULL },
	{ GET | POST, "/directory/:id/edit", web_directory_edit, 0, NULL },
	{ POST, "/directory/:id/verify", web_directory_verify, 0, NULL },
	{ GET, "/countries/:code/contacts", web_country_contacts, 0, NULL },
	{ GET, "/countries/:code/contacts.vcf", web_country_contacts, 0, "vcf" },
	{ GET, "/countries/:code/contacts.csv", web_country_contacts, 0, "csv" },
	{ GET | POST, "/api/v1/directory", api_directory, 0, NULL },
	{ GET, "/api/v1/directory/stale", api_directory_stale, 0, NULL },
	{ GET, "/api/v1/directory/ask", api_directory_ask, 0, NULL },
	{ GET | PUT, "/api/v1/directory/:id", api_directory_entry, 0, NULL },
	{ POST, "/api/v1/directory/:id/verify", api_directory_verify, 0, NULL },
	/* reports (issue 17, src/web/report.c, src/api/report.c): made for who asks (a
	 * curator may include GREEN data), saved ones read by level: not cached; the
	 * literal paths before /reports/:id */
	{ GET | POST, "/reports", web_reports, 0, NULL },
	{ GET | POST, "/reports/new", web_reports, 0, NULL },
	{ GET, "/reports/view", web_report_view, 0, NULL },
	{ GET, "/reports/view.csv", web_report_view, 0, "csv" },
	{ GET, "/reports/:id", web_report, 0, NULL },
	{ GET, "/reports/:id/again", web_report_again, 0, NULL },
	{ POST, "/reports/:id/prose", web_report_prose, 0, NULL },
	{ GET, "/reports/:id/:file", web_report, 0, NULL },
	{ GET, "/api/v1/report", api_report, 0, NULL },
	{ GET | POST, "/api/v1/reports", api_reports, 0, NULL },
	{ GET, "/api/v1/reports/:id", api_report_saved, 0, NULL },
	{ GET, "/api/v1/reports/:id/again", api_report_again, 0, NULL },
	{ PUT | POST, "/api/v1/reports/:id/prose/:paragraph", api_report_prose, 0, NULL },
};

const int routes_count = (int)(sizeof(routes) / sizeof(routes[0]));

void routes_init(void)
{
	http_set_error_page(web_error_page);
}
