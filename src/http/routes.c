#include "http/routes.h"

#include "api/api.h"
#include "web/web.h"

#define GET HTTP_GET
#define POST HTTP_POST
#define PUT HTTP_PUT
#define C ROUTE_CACHE

const struct route routes[] = {
	{ GET, "/", web_home, C },
	{ GET, "/search", web_search, 0 },
	{ GET, "/api/v1/search", api_search, 0 },
	{ GET | POST, "/signin", web_signin, ROUTE_OWN_TOKEN },
	{ POST, "/signout", web_signout, 0 },
	{ GET, "/account", web_account, 0 },
	{ POST, "/account/password", web_account_password, 0 },
	{ GET | POST, "/account/tokens", web_account_tokens, 0 },
	{ POST, "/account/tokens/revoke", web_account_tokens_revoke, 0 },
	{ GET | POST, "/admin/users", web_admin_users, 0 },
	{ GET, "/admin/tokens", web_admin_tokens, 0 },
	{ POST, "/admin/tokens/revoke", web_admin_tokens_revoke, 0 },
	{ GET, "/admin/audit", web_admin_audit, 0 },
	{ GET, "/api/v1/me", api_me, 0 },
	{ GET, "/countries", web_countries, C },
	{ GET, "/countries/:code", web_country, C },
	{ GET, "/regions", web_regions, C },
	{ GET, "/regions/:code", web_region, C },
	{ GET, "/instruments", web_instruments, C },
	{ GET, "/instruments/:id", web_instrument, C },
	{ GET, "/instruments/:id/:number", web_article, C },
	/* the repository: nothing here is cached, since drafts and labels decide who
	 * sees what; forms answer no-store */
	{ GET, "/laws", web_laws, 0 },
	{ GET | POST, "/laws/import", web_laws_import, 0 },
	{ GET, "/akn/*", web_akn, 0 },
	{ GET, "/works/:id", web_work, 0 },
	{ POST, "/works/:id/mappings", web_work_mappings, 0 },
	{ POST, "/works/:id/suggest", web_work_suggest, 0 },
	{ GET, "/cases", web_cases, 0 },
	{ GET | POST, "/cases/new", web_case_form, 0 },
	{ GET, "/cases/:id", web_case, 0 },
	{ GET | POST, "/cases/:id/edit", web_case_form, 0 },
	{ GET, "/lessons", web_lessons, 0 },
	{ GET | POST, "/lessons/new", web_lesson_form, 0 },
	{ GET, "/lessons/:id", web_lesson, 0 },
	{ GET | POST, "/lessons/:id/edit", web_lesson_form, 0 },
	{ GET, "/review", web_review, 0 },
	{ POST, "/records/:id/status", web_record_status, 0 },
	{ POST, "/records/:id/change", web_record_change, 0 },
	{ POST, "/records/:id/sharing", web_record_sharing_post, 0 },
	{ GET, "/shared", web_shared, C },
	{ GET, "/static/*", NULL, 0 },	/* embedded files, served by the server */
	{ GET, "/healthz", api_health, 0 },
	{ GET, "/api/v1/openapi.json", api_openapi, C },
	{ GET, "/api/v1/countries", api_countries, C },
	{ POST, "/api/v1/countries/resolve", api_countries_resolve, 0 },
	{ GET, "/api/v1/countries/:code", api_country, C },
	{ GET, "/api/v1/regions", api_regions, C },
	{ GET, "/api/v1/regions/:code", api_region, C },
	{ GET, "/api/v1/instruments", api_instruments, C },
	{ GET, "/api/v1/instruments/:id", api_instrument, C },
	{ GET, "/api/v1/instruments/:id/articles", api_articles, C },
	{ GET, "/api/v1/instruments/:id/articles/:number", api_article, C },
	{ GET, "/api/v1/crosswalk", api_crosswalk, C },
	{ GET, "/api/v1/instruments/:id/articles/:number/provisions", api_article_provisions, 0 },
	{ GET, "/api/v1/works", api_works, 0 },
	{ POST, "/api/v1/works/import", api_works_import, 0 },
	{ GET, "/api/v1/works/:id", api_work, 0 },
	{ GET | POST, "/api/v1/works/:id/mappings", api_work_mappings, 0 },
	{ POST, "/api/v1/works/:id/suggestions", api_work_suggestions, 0 },
	{ GET, "/api/v1/akn/*", api_akn, 0 },
	{ GET | POST, "/api/v1/cases", api_cases, 0 },
	{ GET | PUT, "/api/v1/cases/:id", api_case, 0 },
	{ GET | POST, "/api/v1/lessons", api_lessons, 0 },
	{ GET | PUT, "/api/v1/lessons/:id", api_lesson, 0 },
	{ POST, "/api/v1/records/:id/status", api_record_status, 0 },
	{ GET, "/api/v1/records/:id/revisions", api_record_revisions, 0 },
	{ GET | POST, "/api/v1/records/:id/change", api_record_change, 0 },
	{ GET | PUT, "/api/v1/records/:id/sharing", api_record_sharing, 0 },
	{ GET, "/api/v1/groups", api_groups, 0 },
	{ GET, "/api/v1/shared", api_shared, C },
	{ GET, "/api/v1/review", api_review, 0 },
	{ GET, "/api/v1/export", api_export, 0 },
};

const int routes_count = (int)(sizeof(routes) / sizeof(routes[0]));

void routes_init(void)
{
	http_set_error_page(web_error_page);
}
