/* GET /api/v1/developments: the developments of a period and filter (domain/dev.h) as
 * JSON, with the same parameters as the page and the feed (period, from, to, country,
 * region, article, kind, topic, limit, order); 400 naming a bad one. What the asker
 * reads only: the public, or the account of its token or session. */
#include <string.h>

#include "api/api.h"
#include "domain/dev.h"
#include "domain/record.h"

static const char *arg(const struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v && *v ? v : NULL;
}

static void set_str(json_t *o, const char *key, const char *v)
{
	json_object_set_new(o, key, v ? json_string(v) : json_null());
}

static json_t *dev_json(const struct dev *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", json_string(dev_kind_names[d->kind]));
	json_object_set_new(o, "id", json_integer((json_int_t)d->id));
	set_str(o, "key", d->key);
	set_str(o, "date", d->date);
	set_str(o, "updated", d->updated);
	set_str(o, "country", d->country);
	set_str(o, "region", d->region);
	set_str(o, "title", d->title);
	set_str(o, "language", d->language);
	set_str(o, "path", d->path);
	set_str(o, "diff_path", d->diff_path);
	set_str(o, "uri", d->uri);
	if (d->kind == DEV_COVERED)
		json_object_set_new(o, "article", api_article_ref(d->instrument, d->article));
	else
		json_object_set_new(o, "article", json_null());
	set_str(o, "detail", d->detail);
	return o;
}

int api_developments(struct req *r, struct resp *out)
{
	struct dev_params in = {
		.period = arg(r, "period"), .from = arg(r, "from"), .to = arg(r, "to"),
		.country = arg(r, "country"), .region = arg(r, "region"),
		.article = arg(r, "article"), .kind = arg(r, "kind"), .topic = arg(r, "topic"),
		.limit = arg(r, "limit"), .order = arg(r, "order"),
	};
	struct dev_query q;
	struct dev *v;
	size_t n;
	struct err e = { 0 };
	const char *newest;
	json_t *j, *arr;

	out->cache_control = "no-store";
	if (dev_query_parse(r->store, r->pool, &in, NULL, &q, &e) ||
	    dev_list(r->store, r->pool, r->actor, &q, &v, &n, &newest, &e))
		return http_fail(r, out, &e);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, dev_json(&v[i]));
	j = json_object();
	json_object_set_new(j, "from", json_string(q.period.from));
	json_object_set_new(j, "to", json_string(q.period.to));
	json_object_set_new(j, "query", json_string(dev_query_string(r->pool, &q)));
	json_object_set_new(j, "limit", json_integer(q.limit));
	json_object_set_new(j, "order", json_string(q.order == DEV_BY_UPDATED ? "updated" :
						    "date"));
	json_object_set_new(j, "public_only", json_boolean(!r->actor || !r->actor->user_id));
	set_str(j, "updated", newest);
	json_object_set_new(j, "count", json_integer((json_int_t)n));
	json_object_set_new(j, "developments", arr);
	return api_send(out, 200, j);
}
