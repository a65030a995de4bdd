#include "domain/country.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "store/store.h"

static const char *const level_names[] = {
	[REGION_WORLD] = "world",
	[REGION_REGION] = "region",
	[REGION_SUBREGION] = "subregion",
	[REGION_INTERMEDIATE] = "intermediate",
};

const char *region_level_name(enum region_level level)
{
	return (unsigned)level <= REGION_INTERMEDIATE ? level_names[level] : "region";
}

int region_level_parse(const char *s)
{
	for (int i = 0; i <= REGION_INTERMEDIATE; i++)
		if (!strcmp(s, level_names[i]))
			return i;
	return -1;
}

int country_code_normalize(const char *code, char buf[4], struct err *e)
{
	size_t n = strlen(code), digits = 0, alpha = 0;

	for (size_t i = 0; i < n; i++) {
		digits += isdigit((unsigned char)code[i]) != 0;
		alpha += isalpha((unsigned char)code[i]) != 0;
	}
	if (!((n == 2 || n == 3) && alpha == n) && !(n >= 1 && n <= 3 && digits == n))
		return err_set(e, ERR_INVALID, "'%.16s' is not a country code: use ISO 3166-1 "
			       "alpha-2 (KE), alpha-3 (KEN) or numeric (404)", code);
	if (digits == n) { /* numeric codes have three digits: 4 -> 004 */
		memset(buf, '0', 3);
		memcpy(buf + 3 - n, code, n);
		buf[3] = '\0';
		return ERR_OK;
	}
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)toupper((unsigned char)code[i]);
	buf[n] = '\0';
	return ERR_OK;
}

int country_list(struct store *s, pool *p, struct country **out, size_t *n, struct err *e)
{
	return store_country_list(s, p, out, n, e);
}

/* A country and its name's sort key (utf8_collate_key). */
struct keyed {
	struct country c;
	const char *name;
	uint32_t *key;
};

static int by_key(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	size_t i = 0;

	while (x->key[i] == y->key[i] && x->key[i])
		i++;
	if (x->key[i] != y->key[i])
		return x->key[i] < y->key[i] ? -1 : 1;
	return strcmp(x->name, y->name);
}

void country_sort(struct country *list, size_t n, enum lang lang)
{
	struct keyed *k;

	if (n < 2)
		return;
	k = xmalloc(n * sizeof(*k));
	for (size_t i = 0; i < n; i++) {
		k[i].c = list[i];
		k[i].name = country_name(&list[i], lang);
		k[i].key = xmalloc((strlen(k[i].name) + 1) * sizeof(*k[i].key));
		utf8_collate_key(k[i].name, k[i].key);
	}
	qsort(k, n, sizeof(*k), by_key);	/* as utf8_collate sorts the names */
	for (size_t i = 0; i < n; i++) {
		list[i] = k[i].c;
		free(k[i].key);
	}
	free(k);
}

int country_get(struct store *s, pool *p, const char *code, struct country **out,
		struct err *e)
{
	char norm[4];
	int rc = country_code_normalize(code, norm, e);

	return rc ? rc : store_country_get(s, p, norm, out, e);
}

int country_resolve(struct store *s, pool *p, const char *text, struct country **out,
		    struct err *e)
{
	struct country *all;
	size_t n;
	char norm[4];
	int rc;

	if (!country_code_normalize(text, norm, NULL) &&
	    (rc = store_country_get(s, p, norm, out, NULL)) != ERR_NOTFOUND)
		return rc ? err_set(e, rc, "cannot look up %.40s", text) : ERR_OK;
	if ((rc = store_country_list(s, p, &all, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		for (int l = 0; l < LANG_COUNT; l++) {
			if (all[i].names[l] && !strcasecmp(all[i].names[l], text)) {
				*out = &all[i];
				return ERR_OK;
			}
		}
	}
	return err_set(e, ERR_NOTFOUND, "no country is called or coded '%.80s'", text);
}

int region_list(struct store *s, pool *p, struct region **out, size_t *n, struct err *e)
{
	return store_region_list(s, p, out, n, e);
}

int region_get(struct store *s, pool *p, const char *code, struct region **out,
	       struct err *e)
{
	struct region *all;
	size_t n, len = strlen(code);
	char norm[4];
	int rc;

	if (len < 1 || len > 3 || strspn(code, "0123456789") != len)
		return err_set(e, ERR_INVALID, "'%.16s' is not a UN M49 region code (three "
			       "digits, such as 014)", code);
	memset(norm, '0', 3);
	memcpy(norm + 3 - len, code, len);
	norm[3] = '\0';
	if ((rc = store_region_list(s, p, &all, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(all[i].code, norm)) {
			*out = &all[i];
			return ERR_OK;
		}
	}
	return err_set(e, ERR_NOTFOUND, "no region with code %s", norm);
}

int region_contains(const struct region *g, const struct country *c)
{
	if (g->level == REGION_WORLD)
		return 1;
	return !strcmp(c->region, g->code) || !strcmp(c->subregion, g->code) ||
	       !strcmp(c->intermediate, g->code);
}

const struct region *region_find(const struct region *list, size_t n, const char *code)
{
	if (!code || !code[0])
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i].code, code))
			return &list[i];
	return NULL;
}

const char *country_name(const struct country *c, enum lang lang)
{
	const char *s = (unsigned)lang < LANG_COUNT ? c->names[lang] : NULL;

	return s && *s ? s : c->names[LANG_EN];
}

const char *region_name(const struct region *r, enum lang lang)
{
	const char *s = (unsigned)lang < LANG_COUNT ? r->names[lang] : NULL;

	return s && *s ? s : r->names[LANG_EN];
}

/* The 193 member states of the United Nations (ISO 3166-1 alpha-2, sorted; South
 * Sudan, 2011, the last to join). Observer states and territories are not members. */
static const char *const un_members[] = {
	"AD", "AE", "AF", "AG", "AL", "AM", "AO", "AR", "AT", "AU", "AZ", "BA", "BB",
	"BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BN", "BO", "BR", "BS", "BT", "BW",
	"BY", "BZ", "CA", "CD", "CF", "CG", "CH", "CI", "CL", "CM", "CN", "CO", "CR",
	"CU", "CV", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG",
	"ER", "ES", "ET", "FI", "FJ", "FM", "FR", "GA", "GB", "GD", "GE", "GH", "GM",
	"GN", "GQ", "GR", "GT", "GW", "GY", "HN", "HR", "HT", "HU", "ID", "IE", "IL",
	"IN", "IQ", "IR", "IS", "IT", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM",
	"KN", "KP", "KR", "KW", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT",
	"LU", "LV", "LY", "MA", "MC", "MD", "ME", "MG", "MH", "MK", "ML", "MM", "MN",
	"MR", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NE", "NG", "NI", "NL",
	"NO", "NP", "NR", "NZ", "OM", "PA", "PE", "PG", "PH", "PK", "PL", "PT", "PW",
	"PY", "QA", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SI",
	"SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SY", "SZ", "TD", "TG",
	"TH", "TJ", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TZ", "UA", "UG", "US",
	"UY", "UZ", "VC", "VE", "VN", "VU", "WS", "YE", "ZA", "ZM", "ZW",
};

static int code_cmp(const void *k, const void *m)
{
	return strcmp(k, *(const char *const *)m);
}

int country_un_member(const char *alpha2)
{
	return alpha2 && bsearch(alpha2, un_members, sizeof(un_members) / sizeof(un_members[0]),
				 sizeof(un_members[0]), code_cmp) != NULL;
}
