/* /api/v1/openapi.json and /healthz */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/embed.h"
#include "domain/kind.h"
#include "store/store.h"

/* The schema of field f of a kind: its type, limit and description (the English
 * label and hint of the catalog). */
static json_t *field_schema(const struct kind_field *f)
{
	json_t *j = json_object();
	const char *desc = f->hint ? f->hint : f->label;

	if (f->type == KT_LINKS) {
		json_object_set_new(j, "type", json_pack("[s, s]", "array", "null"));
		json_object_set_new(j, "items", json_pack("{s:s}", "$ref",
							  "#/components/schemas/CaseLink"));
		json_object_set_new(j, "maxItems", json_integer((json_int_t)f->max));
	} else {
		json_object_set_new(j, "type", json_pack("[s, s]", "string", "null"));
		json_object_set_new(j, "maxLength", json_integer((json_int_t)f->max));
		if (f->type == KT_DATE)
			json_object_set_new(j, "format", json_string("date"));
	}
	if (f->type == KT_MARKDOWN)
		desc = "Markdown (rendered on pages by cmark in safe mode)";
	else if (f->type == KT_KEYWORDS)
		desc = "comma-separated";
	json_object_set_new(j, "description", json_string(desc));
	return j;
}

/* Add the fields of kind k to its schemas in doc: "<Name>" (the record as read:
 * allOf[1]) and "<Name>Fields" (what a client sends), Name the kind's name with a
 * capital ("Case"). */
static void kind_schemas(json_t *schemas, const struct kind *k)
{
	char name[64], fields[80];
	json_t *read, *sent, *required = json_array();

	snprintf(name, sizeof(name), "%s", k->name);
	name[0] = (char)toupper((unsigned char)name[0]);
	snprintf(fields, sizeof(fields), "%sFields", name);
	read = json_object_get(json_array_get(json_object_get(json_object_get(schemas, name),
							      "allOf"), 1), "properties");
	sent = json_object_get(json_object_get(schemas, fields), "properties");
	for (size_t i = 0; i < k->nfields; i++) {
		const struct kind_field *f = &k->fields[i];

		if (read)
			json_object_set_new(read, f->key, field_schema(f));
		if (sent && !(f->flags & KF_NOFORM))
			json_object_set_new(sent, f->key, field_schema(f));
		if (f->flags & KF_REQUIRED)
			json_array_append_new(required, json_string(f->key));
	}
	if (read)
		json_object_set_new(json_array_get(json_object_get(json_object_get(schemas, name),
								   "allOf"), 1),
				    "required", required);
	else
		json_decref(required);
}

static char *openapi_doc;
static size_t openapi_len;

/* The embedded document with the kinds' fields added (they live in the kinds'
 * tables, domain/kind.h), once per process. */
static void openapi_make(void)
{
	size_t len;
	const unsigned char *d = embed_find("data/openapi.json", &len);
	json_t *doc = d ? json_loadb((const char *)d, len, 0, NULL) : NULL;
	json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");

	if (!doc)
		return;
	for (int i = 0; i < REC_KIND_COUNT; i++)
		if (kind_by_id(i) && kind_by_id(i)->table)
			kind_schemas(schemas, kind_by_id(i));
	openapi_doc = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	openapi_len = openapi_doc ? strlen(openapi_doc) : 0;
	json_decref(doc);
}

int api_openapi(struct req *r, struct resp *out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, openapi_make);
	if (!openapi_doc)
		return http_error(r, out, 500, "the OpenAPI document is not built in");
	out->content_type = "application/json";
	sbuf_add(&out->body, openapi_doc, openapi_len);
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
