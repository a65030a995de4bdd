/* country: countries and areas (ISO 3166-1) and the UN M49 regions they belong to. */
#ifndef DOMAIN_COUNTRY_H
#define DOMAIN_COUNTRY_H
#include <stddef.h>

#include "core/err.h"
#include "core/lang.h"
#include "core/pool.h"

struct store;

enum region_level { REGION_WORLD, REGION_REGION, REGION_SUBREGION, REGION_INTERMEDIATE };

struct region {
	char code[4];			/* M49, "014" */
	enum region_level level;
	char parent[4];			/* "" for the world */
	const char *names[LANG_COUNT];
	int country_count;		/* filled by lists */
};

struct country {
	char alpha2[3], alpha3[4], numeric[4];
	const char *official_name;	/* English, may be NULL */
	const char *names[LANG_COUNT];
	char region[4], subregion[4], intermediate[4];	/* M49 codes, "" when none */
};

/* "world", "region", "subregion", "intermediate"; and back (-1 when unknown). */
const char *region_level_name(enum region_level level);
int region_level_parse(const char *s);

/* Normalise a country code given as alpha-2, alpha-3 (any case) or numeric into
 * buf (4 bytes). Returns ERR_INVALID when it cannot be a code. */
int country_code_normalize(const char *code, char buf[4], struct err *e);

/* All countries, ordered by English name; the array and strings belong to p. */
int country_list(struct store *s, pool *p, struct country **out, size_t *n, struct err *e);
/* Sort countries by their names in lang, the way a reader expects
 * (utf8_collate). */
void country_sort(struct country *list, size_t n, enum lang lang);
/* One country by any code form; ERR_NOTFOUND when absent, ERR_INVALID when the code
 * is malformed. */
int country_get(struct store *s, pool *p, const char *code, struct country **out,
		struct err *e);
/* Resolve what a user typed: a code in any form, or a country's name in any of the
 * six languages (ASCII case ignored). ERR_NOTFOUND when nothing matches. */
int country_resolve(struct store *s, pool *p, const char *text, struct country **out,
		    struct err *e);
/* All regions in M49 order with their country counts. */
int region_list(struct store *s, pool *p, struct region **out, size_t *n, struct err *e);
/* One region by M49 code ("014" or "14"). */
int region_get(struct store *s, pool *p, const char *code, struct region **out,
	       struct err *e);
/* Whether country c is in region g at any level. The world holds every country and
 * area, also those M49 places in no region (Antarctica) or does not list (Taiwan). */
int region_contains(const struct region *g, const struct country *c);
/* Find a region in a list by code; NULL when absent. */
const struct region *region_find(const struct region *list, size_t n, const char *code);
/* Whether alpha2 is one of the 193 member states of the United Nations. */
int country_un_member(const char *alpha2);
/* The name of x in lang, falling back to English. */
const char *country_name(const struct country *c, enum lang lang);
const char *region_name(const struct region *r, enum lang lang);

#endif
