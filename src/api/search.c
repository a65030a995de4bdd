/* GET /api/v1/search */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/lang.h"
#include "domain/search.h"
#include "domain/record.h"
#include "domain/user.h"

/* The space-separated articles of a hit as a JSON array ([] for NULL). */
static json_t *articles_json(const char *a)
{
	json_t *arr = json_array();

	while (a && *a) {
		size_t n = strcspn(a, " ");

		json_array_append_new(arr, json_stringn(a, n));
		a += n;
		a += *a == ' ';
	}
	return arr;
}

int api_search(struct req *r, struct resp *out)
{
	const char *q = req_arg(r, "q"), *ls = req_arg(r, "limit"), *os = req_arg(r, "offset");
	int limit = 10, offset = 0;
	struct search_result *res;
	struct err e = { 0 };
	json_t *j, *hits, *facets, *concepts;

	if (!q || !*q)
		return http_error(r, out, 400, "give a query: ?q=words");
	if ((ls && num_int(ls, 1, SEARCH_LIMIT_MAX, &limit)) ||
	    (os && num_int(os, 0, LIMIT_OFFSET_MAX, &offset)))
		return http_error(r, out, 400, pool_printf(r->pool, "limit is 1 to %d and offset "
							   "0 to %d", SEARCH_LIMIT_MAX,
							   LIMIT_OFFSET_MAX));
	out->cache_control = "no-store";
	if (search_run(r->store, r->pool, r->actor, q, limit, offset, &res, &e))
		return http_fail(r, out, &e);
	hits = json_array();
	for (size_t i = 0; i < res->nhits; i++) {
		const struct search_hit *h = &res->hits[i];

		json_array_append_new(hits, json_pack(
			"{s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:f}",
			"type", record_kind_name(h->kind), "record_id", (json_int_t)h->record_id,
			"title", api_str(h->title), "work_uri", api_str(h->work_uri),
			"eid", api_str(h->eid), "heading", api_str(h->heading),
			"snippet", api_str(h->snippet), "country", api_str(h->country),
			"score", h->score));
		json_object_set_new(json_array_get(hits, i), "concept", api_str(h->concept));
		json_object_set_new(json_array_get(hits, i), "path", api_str(h->path));
		json_object_set_new(json_array_get(hits, i), "section", api_str(h->section));
		json_object_set_new(json_array_get(hits, i), "section_path",
				    api_str(h->section_path));
		json_object_set_new(json_array_get(hits, i), "citation", api_str(h->citation));
		json_object_set_new(json_array_get(hits, i), "articles", articles_json(h->articles));
	}
	facets = json_object();
	for (int f = 0; f < FACET_COUNT; f++) {
		json_t *arr = json_array();

		for (size_t i = 0; i < res->nfacets[f]; i++)
			json_array_append_new(arr, json_pack("{s:s, s:I}", "value",
							     res->facets[f][i].value, "count",
							     (json_int_t)res->facets[f][i].count));
		json_object_set_new(facets, search_facet_name((enum search_facet_kind)f), arr);
	}
	concepts = json_array();
	for (size_t i = 0; i < res->nconcepts; i++)
		json_array_append_new(concepts, json_string(res->concepts[i]));
	j = json_pack("{s:s, s:o, s:I, s:i, s:i, s:o, s:o}", "query", q, "understood",
		      api_str(res->canonical), "total", (json_int_t)res->total, "limit", limit,
		      "offset", offset, "hits", hits, "facets", facets);
	json_object_set_new(j, "concepts", concepts);
	json_object_set_new(j, "lang", json_string(lang_code((enum lang)res->lang)));
	json_object_set_new(j, "lang_guessed", json_boolean(res->lang_guessed));
	json_object_set_new(j, "partial", json_boolean(res->partial));
	if (res->partial) {
		json_object_set_new(j, "partial_total", json_integer(res->partial_total));
		json_object_set_new(j, "message", json_string(res->message));
	}
	return api_send(out, 200, j);
}

/* GET /api/v1/me: who the server takes the caller to be. */
int api_me(struct req *r, struct resp *out)
{
	const struct actor *a = r->actor;
	json_t *j;

	out->cache_control = "no-store";
	if (!a->user_id)
		return api_send(out, 200, json_pack("{s:b}", "signed_in", 0));
	j = json_pack("{s:b, s:s, s:s, s:I, s:o, s:s, s:b}", "signed_in", 1, "username", a->name,
		      "role", role_name((enum role)a->role), "org_id", (json_int_t)a->org_id,
		      "country", api_str(a->country), "via", a->token ? "token" : "session",
		      "read_only", a->read_only);
	/* a browser's script signed in with the cookie sends this as X-CSRF-Token with
	 * every change (no other site can read this answer) */
	if (r->csrf)
		json_object_set_new(j, "csrf_token", json_string(r->csrf));
	return api_send(out, 200, j);
}
