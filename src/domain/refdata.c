#include "domain/refdata.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/embed.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/xalloc.h"
#include "domain/assist.h"
#include "domain/country.h"
#include "domain/instrument.h"
#include "domain/tx.h"
#include "import/isocodes.h"
#include "import/tsv.h"
#include "store/store.h"

/* Bump when the way reference data is derived changes, to force a reload. */
#define REFDATA_FORMAT 2

static const char *const data_files[] = {
	"data/m49-regions.tsv", "data/m49-countries.tsv", "data/instruments.tsv",
	"data/chapters.tsv", "data/articles.tsv", "data/crosswalk.tsv",
	"data/currency-minor.tsv",
};

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

/* A fingerprint of every source: embedded tables, iso-codes JSON and catalogs. */
static void fingerprint(const char *iso_dir, const char *locale_dir, char out[40])
{
	uint64_t h = 0xcbf29ce484222325ull;
	char path[2048];
	struct stat st;
	int fmt = REFDATA_FORMAT;

	h = fnv(h, &fmt, sizeof(fmt));
	for (size_t i = 0; i < sizeof(data_files) / sizeof(data_files[0]); i++) {
		size_t len = 0;
		const unsigned char *d = embed_find(data_files[i], &len);

		h = fnv(h, d ? d : (const unsigned char *)"", len);
	}
	for (int k = 0; k < 2; k++) {
		snprintf(path, sizeof(path), "%s/%s", iso_dir, k ? "iso_4217.json" :
			 "iso_3166-1.json");
		h = fnv(h, path, strlen(path));
		if (!stat(path, &st)) {
			h = fnv(h, &st.st_size, sizeof(st.st_size));
			h = fnv(h, &st.st_mtime, sizeof(st.st_mtime));
		}
	}
	for (int l = 0; l < LANG_COUNT; l++) {
		if (isocodes_catalog_path(locale_dir, (enum lang)l, path, sizeof(path)) &&
		    !stat(path, &st)) {
			h = fnv(h, &st.st_size, sizeof(st.st_size));
			h = fnv(h, &st.st_mtime, sizeof(st.st_mtime));
		}
	}
	snprintf(out, 40, "%d-%016llx", fmt, (unsigned long long)h);
}

struct loader {
	struct store *s;
	pool *p;
	struct refdata_counts *counts;
	/* M49 membership by alpha-3, from m49-countries.tsv */
	struct m49 {
		char alpha3[4], region[4], subregion[4], intermediate[4];
	} *m49;
	size_t nm49;
	/* regions held until all are read, to insert parents first */
	struct region *regions;
	size_t nregions, capregions;
	const char *xw_a, *xw_b;
	int xw_ordinal;
	/* currencies whose minor unit is not 2, from currency-minor.tsv */
	struct minor {
		char code[4];
		int minor;
	} minor[64];
	size_t nminor;
};

static int parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static int code3(const char *s, char out[4], int empty_ok)
{
	if (!*s && empty_ok) {
		out[0] = '\0';
		return 0;
	}
	if (strlen(s) != 3 || strspn(s, "0123456789") != 3)
		return -1;
	memcpy(out, s, 4);
	return 0;
}

static int on_region(void *ud, int lineno, char **f, int nf, struct err *e)
{
	struct loader *L = ud;
	struct region *r;
	/* file columns: code level parent en fr es ru ar zh */
	static const int col[LANG_COUNT] = {
		[LANG_EN] = 3, [LANG_FR] = 4, [LANG_ES] = 5, [LANG_RU] = 6, [LANG_AR] = 7,
		[LANG_ZH] = 8,
	};
	int level = region_level_parse(f[1]);

	(void)nf;
	if (L->nregions == L->capregions) {
		L->capregions = L->capregions ? L->capregions * 2 : 32;
		L->regions = xrealloc(L->regions, L->capregions * sizeof(*L->regions));
	}
	r = &L->regions[L->nregions];
	memset(r, 0, sizeof(*r));
	if (level < 0 || code3(f[0], r->code, 0) || code3(f[2], r->parent, 1))
		return err_set(e, ERR_INVALID, "data/m49-regions.tsv:%d: bad code or level",
			       lineno);
	r->level = (enum region_level)level;
	for (int l = 0; l < LANG_COUNT; l++) {
		if (!*f[col[l]])
			return err_set(e, ERR_INVALID, "data/m49-regions.tsv:%d: empty name",
				       lineno);
		r->names[l] = pool_strdup(L->p, f[col[l]]);
	}
	L->nregions++;
	return ERR_OK;
}

static int on_m49(void *ud, int lineno, char **f, int nf, struct err *e)
{
	struct loader *L = ud;
	struct m49 *m;
	char num[4];

	(void)nf;
	L->m49 = xrealloc(L->m49, (L->nm49 + 1) * sizeof(*L->m49));
	m = &L->m49[L->nm49];
	if (strlen(f[0]) != 3 || code3(f[1], num, 0) || code3(f[2], m->region, 1) ||
	    code3(f[3], m->subregion, 1) || code3(f[4], m->intermediate, 1))
		return err_set(e, ERR_INVALID, "data/m49-countries.tsv:%d: bad code", lineno);
	memcpy(m->alpha3, f[0], 4);
	L->nm49++;
	return ERR_OK;
}

static int on_instrument(void *ud, int lineno, char **f, int nf, struct err *e)
{
	struct loader *L = ud;
	struct instrument in = { f[0], f[1], f[2], f[3], f[4], 0 };

	(void)nf;
	if (parse_int(f[5], 1, 9999, &in.article_count))
		return err_set(e, ERR_INVALID, "data/instruments.tsv:%d: bad article count",
			       lineno);
	L->counts->instruments++;
	return store_instrument_put(L->s, &in, e);
}

static int on_chapter(void *ud, int lineno, char **f, int nf, struct err *e)
{
	struct loader *L = ud;
	struct chapter c = { f[0], f[1], f[2], 0, 0, f[4] };

	(void)nf;
	if (parse_int(f[3], 1, 100000, &c.ordinal))
		return err_set(e, ERR_INVALID, "data/chapters.tsv:%d: bad ordinal", lineno);
	L->counts->chapters++;
	return store_chapter_put(L->s, &c, e);
}

static int on_article(void *ud, int lineno, char **f, int nf, struct err *e)
{
	struct loader *L = ud;
	struct article a = { f[0], 0, f[2], f[3], f[4] };

	(void)nf;
	if (parse_int(f[1], 1, 9999, &a.number) || !instrument_category_valid(f[4]))
		return err_set(e, ERR_INVALID, "data/articles.tsv:%d: bad number or category",
			       lineno);
	L->counts->articles++;
	return store_article_put(L->s, &a, e);
}

static int on_xwalk(void *ud, int lineno, char **f, int nf, struct err *e)
{
	struct loader *L = ud;
	struct xwalk_row r = { ++L->xw_ordinal, f[0], L->xw_a, L->xw_b, 0, 0, f[3] };

	(void)nf;
	if ((*f[1] && parse_int(f[1], 1, 9999, &r.a_number)) ||
	    (*f[2] && parse_int(f[2], 1, 9999, &r.b_number)) || (!*f[1] && !*f[2]) ||
	    (strcmp(f[3], "equivalent") && strcmp(f[3], "related")))
		return err_set(e, ERR_INVALID, "data/crosswalk.tsv:%d: bad row", lineno);
	L->counts->crosswalk++;
	return store_xwalk_put(L->s, &r, e);
}

static int load_table(struct loader *L, const char *name, int nfields, tsv_row_fn fn,
		      struct err *e);

static int on_minor(void *ud, int lineno, char **f, int nf, struct err *e)
{
	struct loader *L = ud;
	int m;

	(void)nf;
	if (strlen(f[0]) != 3 || parse_int(f[1], 0, 4, &m) ||
	    L->nminor == sizeof(L->minor) / sizeof(L->minor[0]))
		return err_set(e, ERR_INVALID, "data/currency-minor.tsv:%d: bad code or minor "
			       "unit", lineno);
	memcpy(L->minor[L->nminor].code, f[0], 4);
	L->minor[L->nminor++].minor = m;
	return ERR_OK;
}

/* One currency of iso-codes, with its minor unit (2 unless currency-minor.tsv says). */
static int on_currency(void *ud, const char *code, const char *name, struct err *e)
{
	struct loader *L = ud;
	struct assist_currency c;

	memset(&c, 0, sizeof(c));
	memcpy(c.code, code, 4);
	c.name = name;
	c.minor = 2;
	for (size_t i = 0; i < L->nminor; i++)
		if (!strcmp(L->minor[i].code, code))
			c.minor = L->minor[i].minor;
	L->counts->currencies++;
	return store_currency_put(L->s, &c, e);
}

/* The currencies, when iso-codes has them (a warning otherwise: amounts then have no
 * currency to be in). */
static int load_currencies(struct loader *L, const char *iso_dir, struct err *e)
{
	struct err ce = { 0 };
	int rc;

	if ((rc = load_table(L, "data/currency-minor.tsv", 2, on_minor, e)))
		return rc;
	rc = isocodes_currencies(iso_dir, on_currency, L, &ce);
	if (rc == ERR_IO) {
		log_warn("no currencies: %s", ce.msg);
		return ERR_OK;
	}
	return rc ? err_set(e, rc, "%s", ce.msg) : ERR_OK;
}

static int load_table(struct loader *L, const char *name, int nfields, tsv_row_fn fn,
		      struct err *e)
{
	size_t len;
	const unsigned char *d = embed_find(name, &len);

	if (!d)
		return err_set(e, ERR_INTERNAL, "%s is not built into this binary", name);
	return tsv_parse((const char *)d, len, nfields, name, fn, L, e);
}

/* The cross-walk header names its two instruments: "#topic<TAB>A<TAB>B<TAB>relation". */
static int xwalk_header(struct loader *L, struct err *e)
{
	size_t len;
	const char *d = (const char *)embed_find("data/crosswalk.tsv", &len);
	const char *nl = d ? memchr(d, '\n', len) : NULL;
	char head[256], *a, *b;

	if (!nl || (size_t)(nl - d) >= sizeof(head))
		return err_set(e, ERR_INVALID, "data/crosswalk.tsv: no header line");
	memcpy(head, d, (size_t)(nl - d));
	head[nl - d] = '\0';
	if (!(a = strchr(head, '\t')) || !(b = strchr(a + 1, '\t')) || !strchr(b + 1, '\t'))
		return err_set(e, ERR_INVALID, "data/crosswalk.tsv: header needs 4 columns");
	*strchr(b + 1, '\t') = '\0';
	*b++ = '\0';
	L->xw_a = pool_strdup(L->p, a + 1);
	L->xw_b = pool_strdup(L->p, b);
	return ERR_OK;
}

static const struct m49 *m49_find(const struct loader *L, const char *alpha3)
{
	for (size_t i = 0; i < L->nm49; i++)
		if (!strcmp(L->m49[i].alpha3, alpha3))
			return &L->m49[i];
	return NULL;
}

static int load_countries(struct loader *L, const char *iso_dir, const char *locale_dir,
			  struct err *e)
{
	struct isocodes_country *list = NULL;
	size_t n = 0;
	int rc;

	if ((rc = isocodes_load(iso_dir, locale_dir, &list, &n, e)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct isocodes_country *ic = &list[i];
		const struct m49 *m = m49_find(L, ic->alpha3);
		struct country c;

		memset(&c, 0, sizeof(c));
		memcpy(c.alpha2, ic->alpha2, 3);
		memcpy(c.alpha3, ic->alpha3, 4);
		memcpy(c.numeric, ic->numeric, 4);
		c.official_name = ic->official_name;
		for (int l = 0; l < LANG_COUNT; l++)
			c.names[l] = ic->names[l] ? ic->names[l] : ic->name;
		if (m) {
			memcpy(c.region, m->region, 4);
			memcpy(c.subregion, m->subregion, 4);
			memcpy(c.intermediate, m->intermediate, 4);
		} else {
			L->counts->without_region++;
			log_debug("country %s is not in UN M49; it has no region", ic->alpha3);
		}
		rc = store_country_put(L->s, &c, e);
		L->counts->countries++;
	}
	isocodes_free(list, n);
	return rc;
}

int refdata_ensure(struct store *s, const char *iso_dir, const char *locale_dir, int force,
		   int *loaded, struct refdata_counts *counts, struct err *e)
{
	struct refdata_counts local;
	struct loader L;
	char print[40], *have = NULL;
	pool *p = pool_new();
	struct tx t = {0};
	int rc;

	memset(&L, 0, sizeof(L));
	L.s = s;
	L.p = p;
	L.counts = counts ? counts : &local;
	memset(L.counts, 0, sizeof(*L.counts));
	*loaded = 0;
	fingerprint(iso_dir, locale_dir, print);
	if (!force && !store_meta_get(s, p, "refdata_version", &have, NULL) && have &&
	    !strcmp(have, print)) {
		rc = ERR_OK;
		goto out;
	}
	if ((rc = tx_begin(&t, s, e)) ||
	    (rc = load_table(&L, "data/m49-regions.tsv", 9, on_region, e)) ||
	    (rc = load_table(&L, "data/m49-countries.tsv", 5, on_m49, e)))
		goto out;
	/* parents before children: the foreign key checks each row as it goes in */
	for (int level = REGION_WORLD; level <= REGION_INTERMEDIATE; level++)
		for (size_t i = 0; i < L.nregions && !rc; i++)
			if ((int)L.regions[i].level == level)
				rc = store_region_put(s, &L.regions[i], e);
	if (rc)
		goto out;
	L.counts->regions = L.nregions;
	if ((rc = load_countries(&L, iso_dir, locale_dir, e)) ||
	    (rc = load_table(&L, "data/instruments.tsv", 6, on_instrument, e)) ||
	    (rc = load_table(&L, "data/chapters.tsv", 5, on_chapter, e)) ||
	    (rc = load_table(&L, "data/articles.tsv", 5, on_article, e)) ||
	    (rc = xwalk_header(&L, e)) || (rc = store_xwalk_clear(s, e)) ||
	    (rc = load_table(&L, "data/crosswalk.tsv", 4, on_xwalk, e)) ||
	    (rc = load_currencies(&L, iso_dir, e)))
		goto out;
	rc = store_meta_set(s, "refdata_version", print, e);
out:
	/* loaded: the tables were written and committed */
	if (t.open && (rc = tx_end(&t, rc, e)) == ERR_OK)
		*loaded = 1;
	free(L.m49);
	free(L.regions);
	pool_free(p);
	return rc;
}
