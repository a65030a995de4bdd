/* /api/v1/openapi.json and /healthz */
#include <string.h>

#include "api/api.h"
#include "core/embed.h"
#include "store/store.h"

int api_openapi(struct req *r, struct resp *out)
{
	size_t len;
	const unsigned char *d = embed_find("data/openapi.json", &len);

	if (!d)
		return http_error(r, out, 500, "the OpenAPI document is not built in");
	out->content_type = "application/json";
	sbuf_add(&out->body, d, len);
	return 200;
}

int api_health(struct req *r, struct resp *out)
{
	struct err e = { 0 };
	int version = 0;
	json_t *j;

	out->cache_control = "no-store";
	if (store_schema_version(r->store, &version, &e)) {
		j = json_pack("{s:s, s:s}", "status", "unavailable", "detail", e.msg);
		return api_send(out, 503, j);
	}
	j = json_pack("{s:s, s:i}", "status", "ok", "schema", version);
	return api_send(out, 200, j);
}
