/* refdata: the reference data every other record points to: UN M49 regions,
 * countries (Debian iso-codes, names in the six UN languages), the instruments with
 * their chapters and articles, and the cross-walk. The project's own tables travel
 * in the binary (the data directory); iso-codes are read from the system. */
#ifndef DOMAIN_REFDATA_H
#define DOMAIN_REFDATA_H
#include <stddef.h>

#include "core/err.h"

struct store;

struct refdata_counts {
	size_t regions, countries, instruments, chapters, articles, crosswalk;
	size_t currencies;	/* ISO 4217 (iso_4217.json), 0 when it is missing */
	size_t without_region;	/* countries iso-codes has and M49 lacks */
};

/* Load reference data into s in one transaction when it is missing or its sources
 * changed since the last load (or always when force). iso_dir holds
 * iso_3166-1.json, locale_dir the gettext catalogs. *loaded is 1 when it loaded,
 * 0 when the database was current; counts (may be NULL) receives what was loaded. */
int refdata_ensure(struct store *s, const char *iso_dir, const char *locale_dir, int force,
		   int *loaded, struct refdata_counts *counts, struct err *e);

#endif
