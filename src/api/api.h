/* api: JSON handlers under /api/v1. Each decodes its request, asks the domain and
 * encodes the answer with jansson. Errors are RFC 9457 problem details. */
#ifndef API_API_H
#define API_API_H

#include <jansson.h>

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
int api_cases(struct req *r, struct resp *out);		/* GET list, POST create */
int api_case(struct req *r, struct resp *out);		/* GET, PUT */
int api_lessons(struct req *r, struct resp *out);
int api_lesson(struct req *r, struct resp *out);
int api_record_status(struct req *r, struct resp *out);
int api_record_revisions(struct req *r, struct resp *out);
int api_review(struct req *r, struct resp *out);
int api_record_change(struct req *r, struct resp *out);	/* GET, POST */
/* api/share.c */
int api_record_sharing(struct req *r, struct resp *out);	/* GET, PUT */
int api_groups(struct req *r, struct resp *out);		/* GET, signed in */
int api_shared(struct req *r, struct resp *out);		/* GET, public */

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
/* A JSON string, or null for NULL. */
json_t *api_str(const char *s);

#endif
