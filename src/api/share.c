/* The API of sharing: whom a record is shared with (GET, PUT
 * /api/v1/records/:id/sharing), the sharing groups (GET /api/v1/groups, signed in)
 * and the public list of grants to private-sector and civil-society organisations
 * (GET /api/v1/shared). */
#include <string.h>

#include "api/api.h"
#include "domain/share.h"
#include "domain/limits.h"

static json_t *names_json(const char **names, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(names[i]));
	return a;
}

/* body[key]: absent (keep *n = -1), or an array of at most SHARE_NAMES_MAX strings. */
static int names_from(struct req *r, json_t *body, const char *key, const char **out,
		      long *n, struct err *e)
{
	json_t *v = json_object_get(body, key), *x;
	size_t i;

	*n = -1;
	if (!v)
		return ERR_OK;
	if (!json_is_array(v) || json_array_size(v) > SHARE_NAMES_MAX)
		return err_set(e, ERR_INVALID, "%s: an array of at most %d names", key,
			       SHARE_NAMES_MAX);
	json_array_foreach(v, i, x) {
		if (!json_is_string(x) || !json_string_length(x) ||
		    json_string_length(x) > LIMIT_NAME ||
		    strlen(json_string_value(x)) != json_string_length(x))
			return err_set(e, ERR_INVALID, "%s: each name is a string of 1 to %d "
				       "bytes", key, LIMIT_NAME);
		out[i] = pool_strdup(r->pool, json_string_value(x));
	}
	*n = (long)json_array_size(v);
	return ERR_OK;
}

int api_record_sharing(struct req *r, struct resp *out)
{
	const char *groups[SHARE_NAMES_MAX], *readers[SHARE_NAMES_MAX];
	long id = (long)num_id(r->params[0]), ng, nr;
	struct record_share sh;
	struct err e = { 0 };
	json_t *body;

	out->cache_control = "no-store";
	if (!id)
		return http_error(r, out, 404, "there is no record with that id; ids are numbers");
	if (record_share_get(r->store, r->pool, r->actor, id, &sh, &e))
		return http_fail(r, out, &e);
	if (r->method & HTTP_PUT) {
		if (!(body = api_body(r, out)))
			return out->status;
		if (names_from(r, body, "groups", groups, &ng, &e) ||
		    names_from(r, body, "readers", readers, &nr, &e)) {
			json_decref(body);
			return http_fail(r, out, &e);
		}
		json_decref(body);
		/* what the body leaves out stays (no memcpy from an empty list's NULL) */
		if (ng < 0 && (ng = (long)sh.ngroups))
			memcpy(groups, sh.groups, (size_t)ng * sizeof(*groups));
		if (nr < 0 && (nr = (long)sh.nreaders))
			memcpy(readers, sh.readers, (size_t)nr * sizeof(*readers));
		if (record_share_set(r->store, r->pool, r->actor, id, groups, (size_t)ng, readers,
				     (size_t)nr, &e) ||
		    record_share_get(r->store, r->pool, r->actor, id, &sh, &e))
			return http_fail(r, out, &e);
	}
	return api_send(out, 200, json_pack("{s:I, s:o, s:o}", "record", (json_int_t)id,
					    "groups", names_json(sh.groups, sh.ngroups),
					    "readers", names_json(sh.readers, sh.nreaders)));
}

int api_groups(struct req *r, struct resp *out)
{
	struct share_group *g;
	struct err e = { 0 };
	size_t n;
	json_t *arr;

	out->cache_control = "no-store";
	if (!r->actor->user_id)
		return http_error(r, out, 401, "sign in (or send an API token) to see the "
				  "sharing groups");
	if (share_group_list(r->store, r->pool, &g, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:o, s:o}", "name", g[i].name,
						     "members", api_str(g[i].members),
						     "created_at", api_str(g[i].created_at)));
	return api_send(out, 200, json_pack("{s:I, s:o}", "count", (json_int_t)n, "groups",
					    arr));
}

int api_shared(struct req *r, struct resp *out)
{
	struct share_event *ev;
	struct err e = { 0 };
	int limit, offset;
	size_t n;
	json_t *arr;

	if (api_paging(r, out, &limit, &offset))
		return out->status;
	if (share_events(r->store, r->pool, limit, offset, &ev, &n, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:o}",
			"at", ev[i].at, "type", record_kind_name(ev[i].kind),
			"country", api_str(ev[i].country), "tlp", ev[i].tlp,
			"organisation", ev[i].org, "organisation_kind", org_kind_name(ev[i].org_kind),
			"group", api_str(ev[i].group)));
	return api_send(out, 200, json_pack("{s:I, s:o}", "count", (json_int_t)n, "shared",
					    arr));
}
