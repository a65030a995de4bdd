/* The cooperation directory's JSON (domain/directory.h, docs/directory.md):
 * GET /api/v1/directory (filters ?country= ?kind= ?region= ?language= ?article=),
 * POST /api/v1/directory (add: focal points for their country, curators),
 * GET|PUT /api/v1/directory/:id (one entry with its history; edit with "version"),
 * POST /api/v1/directory/:id/verify (curators), GET /api/v1/directory/stale (what
 * the asker should verify or update) and GET /api/v1/directory/ask?country=&need=
 * ("who do I ask?"). */
#include <limits.h>
#include <string.h>

#include "api/api.h"
#include "core/num.h"
#include "domain/directory.h"
#include "domain/legislation.h"
#include "domain/limits.h"

static const char *arg(const struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v && *v ? v : NULL;
}

static json_t *entries_json(const struct dir_entry *v, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, dir_to_json(&v[i]));
	return arr;
}

static int send_entries(struct resp *out, const struct dir_entry *v, size_t n)
{
	return api_send(out, 200, json_pack("{s:I, s:o}", "count", (json_int_t)n, "entries",
					    entries_json(v, n)));
}

/* Entry id as the asker reads it, with its history when read whole. */
static int send_entry(struct req *r, struct resp *out, int status, long long id)
{
	struct dir_entry *en;
	struct dir_revision *h = NULL;
	size_t nh = 0;
	struct err e = { 0 };
	json_t *j, *hist;

	if (dir_get(r->store, r->pool, r->actor, id, &en, &e) ||
	    (!en->only_public && dir_history(r->store, r->pool, r->actor, id, &h, &nh, &e)))
		return http_fail(r, out, &e);
	j = dir_to_json(en);
	if (!en->only_public) {
		hist = json_array();
		for (size_t i = 0; i < nh; i++) {
			json_t *snap = json_loads(h[i].snapshot, 0, NULL);

			json_array_append_new(hist, json_pack("{s:i, s:s, s:i, s:s, s:s, s:s, "
				"s:o}", "seq", h[i].seq, "action", h[i].action, "version",
				h[i].version, "at", h[i].at, "by", h[i].by, "changed",
				h[i].changed, "entry", snap ? snap : json_null()));
		}
		json_object_set_new(j, "history", hist);
	}
	return api_send(out, status, j);
}

static int entry_of_body(struct req *r, struct resp *out, json_t **body, struct dir_entry *en)
{
	struct err e = { 0 };

	if (!(*body = api_body(r, out)))
		return out->status;
	if (dir_from_json(r->pool, *body, en, &e)) {
		json_decref(*body);
		return http_fail(r, out, &e);
	}
	return 0;
}

int api_directory(struct req *r, struct resp *out)
{
	struct dir_query q = { .country = arg(r, "country"), .region = arg(r, "region"),
			       .language = arg(r, "language"), .article = arg(r, "article"),
			       .kind = -1 };
	struct dir_entry *v, en;
	size_t n, from, to;
	long long id;
	struct err e = { 0 };
	json_t *body;
	int rc, limit, offset;

	out->cache_control = "no-store";
	if (r->method == HTTP_POST) {
		if ((rc = entry_of_body(r, out, &body, &en)))
			return rc;
		rc = dir_add(r->store, r->actor, &en, &id, &e);
		json_decref(body);
		if (rc)
			return http_fail(r, out, &e);
		out->location = pool_printf(r->pool, "/api/v1/directory/%lld", id);
		return send_entry(r, out, 201, id);
	}
	if (arg(r, "kind") && (q.kind = dir_kind_parse(arg(r, "kind"))) < 0)
		return http_error(r, out, 400, pool_printf(r->pool, "kind: '%.40s' is not a "
				  "kind of authority", arg(r, "kind")));
	if (api_paging(r, out, &limit, &offset))
		return out->status;
	if (dir_list(r->store, r->pool, r->actor, &q, &v, &n, &e))
		return http_fail(r, out, &e);
	/* a page of them: count is the page's, total all the asker reads */
	from = (size_t)offset < n ? (size_t)offset : n;
	to = from + (size_t)limit < n ? from + (size_t)limit : n;
	return api_send(out, 200, json_pack("{s:I, s:I, s:i, s:i, s:o}", "count",
					    (json_int_t)(to - from), "total", (json_int_t)n,
					    "limit", limit, "offset", offset,
					    "entries", entries_json(v + from, to - from)));
}

int api_directory_entry(struct req *r, struct resp *out)
{
	struct dir_entry en;
	struct err e = { 0 };
	long long id;
	json_t *body, *ver;
	int rc;

	out->cache_control = "no-store";
	if (num_parse(r->params[0], 1, LLONG_MAX, &id))
		return http_error(r, out, 404, "There is no such directory entry.");
	if (r->method != HTTP_PUT)
		return send_entry(r, out, 200, id);
	if ((rc = entry_of_body(r, out, &body, &en)))
		return rc;
	ver = json_object_get(body, "version");
	if (!json_is_integer(ver) || json_integer_value(ver) < 1 ||
	    json_integer_value(ver) > INT_MAX) {
		json_decref(body);
		return http_error(r, out, 400, "version: the version the edit was made from");
	}
	rc = dir_edit(r->store, r->actor, id, (int)json_integer_value(ver), &en, &e);
	json_decref(body);
	if (rc)
		return http_fail(r, out, &e);
	return send_entry(r, out, 200, id);
}

int api_directory_verify(struct req *r, struct resp *out)
{
	struct err e = { 0 };
	long long id;

	out->cache_control = "no-store";
	if (num_parse(r->params[0], 1, LLONG_MAX, &id))
		return http_error(r, out, 404, "There is no such directory entry.");
	if (dir_verify(r->store, r->actor, id, &e))
		return http_fail(r, out, &e);
	return send_entry(r, out, 200, id);
}

int api_directory_stale(struct req *r, struct resp *out)
{
	struct dir_entry *v;
	size_t n;
	struct err e = { 0 };

	out->cache_control = "no-store";
	if (dir_stale_list(r->store, r->pool, r->actor, &v, &n, &e))
		return http_fail(r, out, &e);
	return send_entries(out, v, n);
}

int api_directory_ask(struct req *r, struct resp *out)
{
	struct dir_answer ans;
	struct err e = { 0 };
	json_t *powers = json_array(), *kinds = json_array(), *arts = json_array();

	out->cache_control = "no-store";
	if (!arg(r, "country")) {
		json_decref(powers);
		json_decref(kinds);
		json_decref(arts);
		return http_error(r, out, 400, "country: required");
	}
	if (dir_ask(r->store, r->pool, r->actor, arg(r, "country"), arg(r, "need"), &ans,
		    &e)) {
		json_decref(powers);
		json_decref(kinds);
		json_decref(arts);
		return http_fail(r, out, &e);
	}
	for (size_t i = 0; i < ans.npowers; i++) {
		const struct mapping *m = &ans.powers[i];

		json_array_append_new(powers, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:s}",
			"work_uri", m->work_uri, "eid", m->eid, "num", api_str(m->num),
			"heading", api_str(m->heading), "title", api_str(m->work_title),
			"article", api_article_ref(m->instrument, m->article), "extent",
			m->extent ? m->extent : ""));
	}
	for (int i = 0; i < ans.need->nkinds; i++)
		json_array_append_new(kinds, json_string(dir_kinds[ans.need->kinds[i]].key));
	for (size_t i = 0; ans.need->articles[i]; i++)
		json_array_append_new(arts, json_string(ans.need->articles[i]));
	return api_send(out, 200, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "country",
		ans.country, "need", ans.need->key,
		"kinds", kinds, "articles", arts, "entries",
		entries_json(ans.entries, ans.nentries), "powers", powers));
}
