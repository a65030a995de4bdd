/* Fuzz target: urlencoded form bodies (req_form_parse). Every decoded field must be
 * valid UTF-8 without NUL bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/pool.h"
#include "core/utf8.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req r;
	struct err e = { 0 };
	char *body = malloc(size + 1);

	memcpy(body, data, size);
	body[size] = '\0';
	memset(&r, 0, sizeof(r));
	r.pool = pool_new();
	r.body = body;
	r.body_len = size;
	r.content_type = "application/x-www-form-urlencoded; charset=utf-8";
	if (req_form_parse(&r, &e) == ERR_OK) {
		for (int i = 0; i < r.nform; i++) {
			if (!utf8_valid(r.form[i].name, strlen(r.form[i].name)) ||
			    !utf8_valid(r.form[i].value, strlen(r.form[i].value)))
				abort();
			if (req_form(&r, r.form[i].name) == NULL)
				abort();
		}
	} else if (!e.msg[0]) {
		abort();	/* every refusal says why */
	}
	pool_free(r.pool);
	free(body);
	return 0;
}
