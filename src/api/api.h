/* api: JSON handlers under /api/v1. Each decodes its request, asks the domain and
 * encodes the answer with jansson. Errors are RFC 9457 problem details. */
#ifndef API_API_H
#define API_API_H

#include <jansson.h>

#include "core/err.h"
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

/* Write j (taking the reference) as the body with status. Returns status. */
int api_send(struct resp *out, int status, json_t *j);
/* Parse the request body as a JSON object; on failure answer 400/415 in out and
 * return NULL. */
json_t *api_body(struct req *r, struct resp *out);
/* A JSON string, or null for NULL. */
json_t *api_str(const char *s);

#endif
