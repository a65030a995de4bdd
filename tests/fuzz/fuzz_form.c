/* Fuzz target: urlencoded and multipart form bodies (req_form_parse). Every decoded
 * field must be valid UTF-8 without NUL bytes, but a multipart form's file, whose
 * bytes are kept with their length. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/pool.h"
#include "core/utf8.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse(const char *body, size_t size, const char *content_type)
{
	struct req r;
	struct err e = { 0 };

	memset(&r, 0, sizeof(r));
	r.pool = pool_new();
	r.body = body;
	r.body_len = size;
	r.content_type = content_type;
	if (req_form_parse(&r, &e) == ERR_OK) {
		for (int i = 0; i < r.nform; i++) {
			const struct req_arg *a = &r.form[i];
			size_t len;

			if (!utf8_valid(a->name, strlen(a->name)) || a->value[a->len] ||
			    (!a->filename && (a->len != strlen(a->value) ||
					      !utf8_valid(a->value, a->len))))
				abort();
			if (req_form(&r, a->name) == NULL ||
			    req_form_bytes(&r, a->name, &len, NULL) == NULL)
				abort();
		}
	} else if (!e.msg[0]) {
		abort();	/* every refusal says why */
	}
	pool_free(r.pool);
}

/* The same bytes as an urlencoded form and as a multipart form (boundary XyZ: the
 * seeds with "--XyZ" exercise it; a file's bytes may hold anything). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = malloc(size + 1);

	memcpy(body, data, size);
	body[size] = '\0';
	parse(body, size, "application/x-www-form-urlencoded; charset=utf-8");
	parse(body, size, "multipart/form-data; boundary=XyZ");
	free(body);
	return 0;
}
