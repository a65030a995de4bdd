/* Fuzz target of import/isocodes: any bytes go through isocodes_parse_json(); a list
 * that parses is checked against the contract and freed. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/isocodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct isocodes_country *list = NULL;
	struct err e;
	size_t n = 0;

	err_clear(&e);
	if (isocodes_parse_json((const char *)data, size, &list, &n, &e) != ERR_OK)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const struct isocodes_country *c = &list[i];

		if (strlen(c->alpha2) != 2 || strlen(c->alpha3) != 3 ||
		    strlen(c->numeric) != 3 || !*c->name ||
		    strlen(c->name) >= ISOCODES_NAME_MAX || c->names[LANG_EN] != c->name ||
		    c->names[LANG_FR])
			abort();
	}
	isocodes_free(list, n);
	return 0;
}
