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

/* 200 {"status":"ok"} when reads and writes can succeed; 503 with the reason
 * otherwise: "unavailable" (the database cannot be read), "full" (the storage
 * refuses writes) or "read-only". */
int api_health(struct req *r, struct resp *out)
{
	static const struct {
		enum err_code code;
		const char *status;
	} states[] = {
		{ ERR_FULL, "full" }, { ERR_READONLY, "read-only" },
	};
	struct err e = { 0 };
	int version = 0;
	json_t *j;

	out->cache_control = "no-store";
	if (store_schema_version(r->store, &version, &e)) {
		j = json_pack("{s:s, s:s}", "status", "unavailable", "detail", e.msg);
		return api_send(out, 503, j);
	}
	if (store_health(r->store, &e)) {
		const char *status = "unavailable";

		for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++)
			if (states[i].code == e.code)
				status = states[i].status;
		j = json_pack("{s:s, s:i, s:s}", "status", status, "schema", version,
			      "detail", e.msg);
		return api_send(out, 503, j);
	}
	j = json_pack("{s:s, s:i}", "status", "ok", "schema", version);
	return api_send(out, 200, j);
}
