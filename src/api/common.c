#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "core/log.h"
#include "core/utf8.h"

static int dump_cb(const char *buf, size_t size, void *data)
{
	sbuf_add(data, buf, size);
	return 0;
}

int api_send(struct resp *out, int status, json_t *j)
{
	out->content_type = "application/json";
	sbuf_reset(&out->body);
	json_dump_callback(j, dump_cb, &out->body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	sbuf_addc(&out->body, '\n');
	json_decref(j);
	out->status = status;
	return status;
}

json_t *api_body(struct req *r, struct resp *out)
{
	json_error_t je;
	json_t *j;
	size_t n;

	if (!r->content_type || strncasecmp(r->content_type, "application/json", 16)) {
		http_error(r, out, 415, "send the body as application/json");
		return NULL;
	}
	if (!r->body || !r->body_len) {
		http_error(r, out, 400, "the request body is empty; send a JSON object");
		return NULL;
	}
	if (!utf8_valid(r->body, r->body_len)) {
		http_error(r, out, 400, "the request body is not valid UTF-8");
		return NULL;
	}
	n = r->body_len;
	j = json_loadb(r->body, n, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		http_error(r, out, 400, pool_printf(r->pool, "the body is not valid JSON: %s "
						    "(line %d, column %d)", je.text, je.line,
						    je.column));
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		http_error(r, out, 400, "the body must be a JSON object");
		return NULL;
	}
	return j;
}

json_t *api_str(const char *s)
{
	return s ? json_string(s) : json_null();
}
