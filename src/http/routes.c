#include "http/routes.h"

#include "api/api.h"
#include "web/web.h"

#define GET HTTP_GET
#define C ROUTE_CACHE

const struct route routes[] = {
	{ GET, "/", web_home, C },
	{ GET, "/countries", web_countries, C },
	{ GET, "/countries/:code", web_country, C },
	{ GET, "/regions", web_regions, C },
	{ GET, "/regions/:code", web_region, C },
	{ GET, "/instruments", web_instruments, C },
	{ GET, "/instruments/:id", web_instrument, C },
	{ GET, "/instruments/:id/:number", web_article, C },
	{ GET, "/static/*", NULL, 0 },	/* embedded files, served by the server */
	{ GET, "/healthz", api_health, 0 },
	{ GET, "/api/v1/openapi.json", api_openapi, C },
	{ GET, "/api/v1/countries", api_countries, C },
	{ HTTP_POST, "/api/v1/countries/resolve", api_countries_resolve, 0 },
	{ GET, "/api/v1/countries/:code", api_country, C },
	{ GET, "/api/v1/regions", api_regions, C },
	{ GET, "/api/v1/regions/:code", api_region, C },
	{ GET, "/api/v1/instruments", api_instruments, C },
	{ GET, "/api/v1/instruments/:id", api_instrument, C },
	{ GET, "/api/v1/instruments/:id/articles", api_articles, C },
	{ GET, "/api/v1/instruments/:id/articles/:number", api_article, C },
	{ GET, "/api/v1/crosswalk", api_crosswalk, C },
};

const int routes_count = (int)(sizeof(routes) / sizeof(routes[0]));

void routes_init(void)
{
	http_set_error_page(web_error_page);
}
