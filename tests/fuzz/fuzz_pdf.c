/* Fuzz target of import/pdf: any bytes go through pdf_text(). The result must be an
 * error from the documented set (ERR_INVALID, ERR_TOOLARGE) with a message that starts
 * with the origin and no text, or a NUL-terminated text of the length given, valid
 * UTF-8 (poppler's text is), within TEXT_MAX_SIZE. abort() otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "import/pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e;
	char *t = NULL;
	size_t len = 0;
	int rc;

	err_clear(&e);
	rc = pdf_text((const char *)data, size, "fuzz.pdf", &t, &len, &e);
	if (rc != (int)e.code)
		abort();
	if (rc == ERR_OK) {
		if (!t || strlen(t) != len || len > TEXT_MAX_SIZE || !utf8_valid(t, len))
			abort();
		free(t);
	} else if (t || (rc != ERR_INVALID && rc != ERR_TOOLARGE) ||
		   strncmp(e.msg, "fuzz.pdf: ", 10)) {
		abort();
	}
	return 0;
}
