/* Fuzz target of core/config: any bytes go through config_parse() on a struct filled
 * with the defaults. Whatever is accepted must leave every setting in its range and
 * every string NUL-terminated inside its buffer; abort() otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_str(const char *s)
{
	if (!memchr(s, '\0', CONFIG_STR_MAX) || !*s)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct err e;
	int rc;

	config_defaults(&cfg);
	err_clear(&e);
	rc = config_parse(&cfg, (const char *)data, size, "fuzz.conf", &e);
	if (rc != (int)e.code || (rc && !e.msg[0]))
		abort();
	/* failed or not, what was applied is valid */
	check_str(cfg.listen);
	check_str(cfg.db);
	check_str(cfg.iso_codes_dir);
	check_str(cfg.locale_dir);
	if (!strrchr(cfg.listen, ':'))
		abort();
	if (cfg.threads < 0 || cfg.threads > 256 || cfg.log_level < 0 || cfg.log_level > 3 ||
	    cfg.timeout < 1 || cfg.timeout > 3600 || cfg.max_body < 0 ||
	    cfg.max_body > 256L * 1024 * 1024 || cfg.cache_max < 0 ||
	    cfg.cache_max > 4096L * 1024 * 1024)
		abort();
	return 0;
}
