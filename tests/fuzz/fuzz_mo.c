/* Fuzz target of import/mo: any bytes go through mo_parse(); a catalog that parses is
 * looked up with a few keys, including strings taken from the input itself. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "import/mo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "", "Kenya", "Germany", "a", "\xff" };
	struct mo_catalog *c = NULL;
	struct err e;
	char key[64];

	err_clear(&e);
	if (mo_parse(data, size, &c, &e) != ERR_OK)
		return 0;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *t = mo_lookup(c, keys[i]);

		if (t)
			(void)strlen(t);
	}
	/* the tail of the input as a key: it is where the strings are */
	if (size) {
		size_t n = size < sizeof(key) - 1 ? size : sizeof(key) - 1;

		memcpy(key, data + size - n, n);
		key[n] = '\0';
		mo_lookup(c, key);
		mo_lookup(c, key + strlen(key) / 2);
	}
	(void)mo_count(c);
	mo_free(c);
	return 0;
}
