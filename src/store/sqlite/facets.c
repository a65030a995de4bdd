/* The SQLite backend: facet counts from an in-memory copy of search_doc.
 *
 * Counting facets over a query that matches a third of a million provisions with SQL
 * costs a B-tree lookup and a sort per match. Instead the facts of every indexed row
 * (country, its region, sub-region and intermediate region, the record's own region, kind, year, language,
 * mapped articles) are kept by row id, shared by all connections of this process to
 * one database file, and the matches are counted in one pass over their row ids. Many
 * rows have the same facts: each distinct set of them (a combination) is kept once and
 * each row holds its number, so that a large match set is counted by combination, one
 * increment a row, and the counts of each combination added to the facets after. The copy is loaded on first use. Every change of the index bumps meta
 * 'search_generation' and lists the rows it touched in search_changed (search_sql.h);
 * each search reads the generation first and brings the copy up to date row by row
 * (or loads it again whole after a rebuild or a long absence), so changes from
 * other processes are seen too. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "store/sqlite/internal.h"

#define YEARS 4096		/* years counted: 0..4095 */

struct fdoc {
	uint16_t country, region, cregion, csub, cint, year;	/* strings: index, 0 none */
	uint8_t kind, lang;
	uint16_t pad;					/* zero: combinations are hashed */
	uint32_t articles;
};

struct fcache {
	struct fcache *next;
	char *path;
	int refs;
	pthread_rwlock_t lock;
	long long generation;		/* -1: not loaded */
	long long base;			/* row id of a[0] */
	size_t n;
	uint32_t *a;			/* per row its combination, 0 no such row */
	struct fdoc *cb;		/* the combinations, cb[0] unused */
	size_t ncb, capcb;
	uint32_t *cbhash;		/* open addressing into cb, 0 empty */
	size_t cbhcap;
	char **str;			/* interned strings, str[0] unused */
	size_t nstr, cap;
	uint32_t *hash;			/* open addressing into str, 0 empty */
	size_t hcap;
};

static pthread_mutex_t caches_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fcache *caches;

static uint32_t fnv(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void rehash(struct fcache *c)
{
	free(c->hash);
	c->hcap = c->hcap ? c->hcap * 2 : 1024;
	c->hash = xcalloc(c->hcap, sizeof(*c->hash));
	for (uint32_t i = 1; i < c->nstr; i++) {
		size_t k = fnv(c->str[i]) & (c->hcap - 1);

		while (c->hash[k])
			k = (k + 1) & (c->hcap - 1);
		c->hash[k] = i;
	}
}

/* The index of s among the strings (added when new); 0 for NULL. Strings beyond
 * 65535 distinct values (never seen: countries, regions, languages) share index 0
 * where a 16-bit index is needed, see intern16. */
static uint32_t intern(struct fcache *c, const char *s)
{
	size_t k;

	if (!s || !*s)
		return 0;
	if (!c->hash || c->nstr * 2 >= c->hcap)
		rehash(c);
	k = fnv(s) & (c->hcap - 1);
	while (c->hash[k]) {
		if (!strcmp(c->str[c->hash[k]], s))
			return c->hash[k];
		k = (k + 1) & (c->hcap - 1);
	}
	if (c->nstr == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->str = xrealloc(c->str, c->cap * sizeof(*c->str));
		if (c->nstr == 0)
			c->str[c->nstr++] = NULL;
	}
	c->str[c->nstr] = xstrdup(s);
	c->hash[k] = (uint32_t)c->nstr;
	return (uint32_t)c->nstr++;
}

/* The index of s, 0 when it is not among the strings (no change: read lock). */
static uint32_t lookup(const struct fcache *c, const char *s)
{
	size_t k;

	if (!c->hash)
		return 0;
	k = fnv(s) & (c->hcap - 1);
	while (c->hash[k]) {
		if (!strcmp(c->str[c->hash[k]], s))
			return c->hash[k];
		k = (k + 1) & (c->hcap - 1);
	}
	return 0;
}

static uint16_t intern16(struct fcache *c, const char *s)
{
	uint32_t i = intern(c, s);

	return i <= UINT16_MAX ? (uint16_t)i : 0;
}

static void clear(struct fcache *c)
{
	for (size_t i = 1; i < c->nstr; i++)
		free(c->str[i]);
	free(c->str);
	free(c->hash);
	free(c->a);
	free(c->cb);
	free(c->cbhash);
	c->str = NULL;
	c->hash = NULL;
	c->a = NULL;
	c->cb = NULL;
	c->cbhash = NULL;
	c->nstr = c->cap = c->hcap = c->n = c->ncb = c->capcb = c->cbhcap = 0;
}

static uint32_t combo_hash(const struct fdoc *d)
{
	const unsigned char *b = (const unsigned char *)d;
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < sizeof(*d); i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

/* The number of combination d (added when new). */
static uint32_t combo(struct fcache *c, const struct fdoc *d)
{
	size_t k;

	if (!c->cbhash || c->ncb * 2 >= c->cbhcap) {
		free(c->cbhash);
		c->cbhcap = c->cbhcap ? c->cbhcap * 2 : 1024;
		c->cbhash = xcalloc(c->cbhcap, sizeof(*c->cbhash));
		for (uint32_t i = 1; i < c->ncb; i++) {
			k = combo_hash(&c->cb[i]) & (c->cbhcap - 1);
			while (c->cbhash[k])
				k = (k + 1) & (c->cbhcap - 1);
			c->cbhash[k] = i;
		}
	}
	k = combo_hash(d) & (c->cbhcap - 1);
	while (c->cbhash[k]) {
		if (!memcmp(&c->cb[c->cbhash[k]], d, sizeof(*d)))
			return c->cbhash[k];
		k = (k + 1) & (c->cbhcap - 1);
	}
	if (c->ncb == c->capcb) {
		c->capcb = c->capcb ? c->capcb * 2 : 256;
		c->cb = xrealloc(c->cb, c->capcb * sizeof(*c->cb));
		if (c->ncb == 0)
			memset(&c->cb[c->ncb++], 0, sizeof(*c->cb));
	}
	c->cb[c->ncb] = *d;
	c->cbhash[k] = (uint32_t)c->ncb;
	return (uint32_t)c->ncb++;
}

/* Row st's facts (columns from first: country, region, country's region, sub-region,
 * kind, year, language, articles, intermediate region): their combination into *slot. */
static void fill(struct fcache *c, uint32_t *slot, sqlite3_stmt *st, int first)
{
	const char *kind = (const char *)sqlite3_column_text(st, first + 4);
	int year = sqlite3_column_int(st, first + 5);
	struct fdoc facts, *d = &facts;
	uint32_t l;

	memset(d, 0, sizeof(*d));
	d->country = intern16(c, (const char *)sqlite3_column_text(st, first));
	d->region = intern16(c, (const char *)sqlite3_column_text(st, first + 1));
	d->cregion = intern16(c, (const char *)sqlite3_column_text(st, first + 2));
	d->csub = intern16(c, (const char *)sqlite3_column_text(st, first + 3));
	d->cint = intern16(c, (const char *)sqlite3_column_text(st, first + 8));
	d->year = year > 0 && year < YEARS ? (uint16_t)year : 0;
	d->kind = record_kind_parse(kind) > 0 ? (uint8_t)record_kind_parse(kind) : 0;
	l = intern(c, (const char *)sqlite3_column_text(st, first + 6));
	d->lang = l <= 0xfe ? (uint8_t)l : 0;
	d->articles = intern(c, (const char *)sqlite3_column_text(st, first + 7));
	/* and each article of the list, for counting them one by one */
	for (const char *a = (const char *)sqlite3_column_text(st, first + 7); a && *a;) {
		size_t len = strcspn(a, " ");
		char one[64];

		if (len < sizeof(one)) {
			memcpy(one, a, len);
			one[len] = '\0';
			intern(c, one);
		}
		a += len;
		a += *a == ' ';
	}
	*slot = combo(c, d);
}

#define FACTS "d.country, d.region, k.region, k.subregion, d.kind, d.year, d.language, " \
	      "d.articles, k.intermediate"

/* Load the copy from the database (write lock held). */
static int load(struct sq *q, struct fcache *c, long long generation, struct err *e)
{
	sqlite3_stmt *st;
	long long lo = 0, hi = -1;
	int rc;

	clear(c);
	c->generation = -1;
	if (sqlite3_prepare_v2(q->db, "SELECT min(id), max(id) FROM search_doc", -1, &st,
			       NULL) != SQLITE_OK)
		return sq_fail(q, "facets", e);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		lo = sqlite3_column_int64(st, 0);
		hi = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	c->base = lo;
	c->n = hi >= lo ? (size_t)(hi - lo + 1) : 0;
	c->a = xcalloc(c->n ? c->n : 1, sizeof(*c->a));
	if (sqlite3_prepare_v2(q->db, "SELECT d.id, " FACTS " FROM search_doc d "
			       "LEFT JOIN country k ON k.alpha2 = d.country", -1, &st, NULL) !=
	    SQLITE_OK)
		return sq_fail(q, "facets", e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);

		if (id >= lo && id <= hi)	/* else written after min/max were read */
			fill(c, &c->a[id - lo], st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, "facets", e);
	c->generation = generation;
	log_debug("facets: %zu rows loaded (generation %lld)", c->n, generation);
	return ERR_OK;
}

/* Room in the array for row id (new rows extend it at either end). */
static void ensure(struct fcache *c, long long id)
{
	size_t grow;

	if (!c->n) {
		free(c->a);
		c->a = xcalloc(1, sizeof(*c->a));
		c->base = id;
		c->n = 1;
	}
	if (id < c->base) {
		grow = (size_t)(c->base - id) + 1024;
		c->a = xrealloc(c->a, (c->n + grow) * sizeof(*c->a));
		memmove(c->a + grow, c->a, c->n * sizeof(*c->a));
		memset(c->a, 0, grow * sizeof(*c->a));
		c->base -= (long long)grow;
		c->n += grow;
	} else if ((size_t)(id - c->base) >= c->n) {
		size_t want = (size_t)(id - c->base) + 1 + 1024;

		grow = want > c->n + c->n / 2 ? want : c->n + c->n / 2;
		c->a = xrealloc(c->a, grow * sizeof(*c->a));
		memset(c->a + c->n, 0, (grow - c->n) * sizeof(*c->a));
		c->n = grow;
	}
}

/* Bring the copy from its generation to generation: the rows changed since, when
 * search_changed still has every generation in between; else load it whole. */
static int update(struct sq *q, struct fcache *c, long long generation, struct err *e)
{
	sqlite3_stmt *st;
	long long oldest = -1;
	int rc, n = 0;

	if (c->generation < 0 || generation < c->generation)
		return load(q, c, generation, e);
	if (sqlite3_prepare_v2(q->db, "SELECT min(generation) FROM search_changed", -1, &st,
			       NULL) != SQLITE_OK)
		return sq_fail(q, "facets", e);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		oldest = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (oldest < 0 || oldest > c->generation + 1)
		return load(q, c, generation, e);
	if (sqlite3_prepare_v2(q->db, "SELECT DISTINCT s.id, d.id, " FACTS " FROM search_changed s "
			       "LEFT JOIN search_doc d ON d.id = s.id LEFT JOIN country k ON "
			       "k.alpha2 = d.country WHERE s.generation > ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return sq_fail(q, "facets", e);
	sqlite3_bind_int64(st, 1, c->generation);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);

		n++;
		if (sqlite3_column_type(st, 1) == SQLITE_NULL) {	/* gone */
			if (id >= c->base && (size_t)(id - c->base) < c->n)
				c->a[id - c->base] = 0;
			continue;
		}
		ensure(c, id);
		fill(c, &c->a[id - c->base], st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, "facets", e);
	log_debug("facets: %d rows brought from generation %lld to %lld", n, c->generation,
		  generation);
	c->generation = generation;
	return ERR_OK;
}

struct fcache *sq_facets_attach(const char *path)
{
	struct fcache *c;

	pthread_mutex_lock(&caches_lock);
	for (c = caches; c; c = c->next)
		if (!strcmp(c->path, path))
			break;
	if (!c) {
		c = xcalloc(1, sizeof(*c));
		c->path = xstrdup(path);
		c->generation = -1;
		pthread_rwlock_init(&c->lock, NULL);
		c->next = caches;
		caches = c;
	}
	c->refs++;
	pthread_mutex_unlock(&caches_lock);
	return c;
}

void sq_facets_detach(struct fcache *c)
{
	struct fcache **pp;

	if (!c)
		return;
	pthread_mutex_lock(&caches_lock);
	if (--c->refs == 0) {
		for (pp = &caches; *pp && *pp != c; pp = &(*pp)->next)
			;
		if (*pp)
			*pp = c->next;
		clear(c);
		pthread_rwlock_destroy(&c->lock);
		free(c->path);
		free(c);
	}
	pthread_mutex_unlock(&caches_lock);
}

/* The generation of the search index now (0 before the first change). */
static int generation_now(struct sq *q, long long *g, struct err *e)
{
	*g = 0;
	return sq_row(q, SQ_SEARCH_GENERATION, "SELECT CAST(value AS INTEGER) FROM meta "
		      "WHERE key = 'search_generation'", SQ_NOVALS, NULL, &sq_ll_reader, g, NULL,
		      "facets", e);
}

/* Facet f's counts (by string index) as a list in p. */
static void emit(pool *p, const struct fcache *c, const long long *counts,
		 struct search_result *out, enum search_facet_kind f)
{
	size_t n = 0;

	for (size_t i = 1; i < c->nstr; i++)
		n += counts[i] > 0;
	out->facets[f] = n ? pool_calloc(p, n, sizeof(*out->facets[f])) : NULL;
	out->nfacets[f] = 0;
	for (size_t i = 1; i < c->nstr; i++)
		if (counts[i] > 0) {
			out->facets[f][out->nfacets[f]].value = pool_strdup(p, c->str[i]);
			out->facets[f][out->nfacets[f]++].count = counts[i];
		}
}

/* The counts of one search: country, region, language, articles by string index;
 * per combination when counted by combination (bycb). */
struct tally {
	long long *cnt[5], kind[3], *year, total, *bycb;
};

/* Bring c to the generation of the index now and take its read lock: 0, or an
 * error (no lock held). rows: how many will be counted (-1 not known): when they are
 * many for the combinations, by combination. */
static int facets_begin(struct sq *q, struct fcache *c, pool *p, struct tally *t,
			long long rows, struct err *e)
{
	long long g;
	int rc;

	if ((rc = generation_now(q, &g, e)))
		return rc;
	q->generation = g;
	pthread_rwlock_rdlock(&c->lock);
	if (c->generation != g) {
		pthread_rwlock_unlock(&c->lock);
		pthread_rwlock_wrlock(&c->lock);
		rc = c->generation != g ? update(q, c, g, e) : ERR_OK;
		pthread_rwlock_unlock(&c->lock);
		if (rc)
			return rc;
		pthread_rwlock_rdlock(&c->lock);
	}
	memset(t, 0, sizeof(*t));
	for (int i = 0; i < 4; i++)
		t->cnt[i] = pool_calloc(p, c->nstr + 1, sizeof(long long));
	t->year = pool_calloc(p, YEARS, sizeof(long long));
	if (rows >= 0 && (size_t)rows >= c->ncb / 8)
		t->bycb = pool_calloc(p, c->ncb + 1, sizeof(long long));
	return ERR_OK;
}

/* n rows of combination d counted. */
static void tally_combo(struct tally *t, const struct fdoc *d, long long n)
{
	t->cnt[0][d->country] += n;
	t->cnt[1][d->region] += n;
	if (d->cregion != d->region)
		t->cnt[1][d->cregion] += n;
	if (d->csub != d->region && d->csub != d->cregion)
		t->cnt[1][d->csub] += n;
	if (d->cint != d->region && d->cint != d->cregion && d->cint != d->csub)
		t->cnt[1][d->cint] += n;
	t->cnt[2][d->lang] += n;
	t->cnt[3][d->articles] += n;
	t->kind[d->kind] += n;
	t->year[d->year] += n;
}

/* Row rowid counted (read lock held). */
static inline void tally_row(const struct fcache *c, struct tally *t, long long rowid)
{
	long long id = rowid - c->base;
	uint32_t k;

	t->total++;
	if (id < 0 || (size_t)id >= c->n || !(k = c->a[id]))
		return;		/* indexed after the copy was made: counted, no facets */
	if (t->bycb)
		t->bycb[k]++;
	else
		tally_combo(t, &c->cb[k], 1);
}

/* The counts into out's facets; releases the read lock. */
static void facets_end(struct fcache *c, pool *p, struct tally *t, struct search_result *out)
{
	long long **cnt = t->cnt, *kind = t->kind, *year = t->year;

	for (size_t k = 1; t->bycb && k < c->ncb; k++)
		if (t->bycb[k])
			tally_combo(t, &c->cb[k], t->bycb[k]);
	out->total = t->total;
	emit(p, c, cnt[0], out, FACET_COUNTRY);
	emit(p, c, cnt[1], out, FACET_REGION);
	emit(p, c, cnt[2], out, FACET_LANG);
	/* article lists "un-cc/7 coe-185/2": each article of the list */
	cnt[4] = pool_calloc(p, c->nstr + 1, sizeof(long long));
	for (size_t i = 1; i < c->nstr; i++) {
		const char *s = c->str[i];

		if (!cnt[3][i])
			continue;
		while (*s) {
			size_t len = strcspn(s, " ");
			char one[64];

			if (len < sizeof(one)) {
				memcpy(one, s, len);
				one[len] = '\0';
				cnt[4][lookup(c, one)] += cnt[3][i];
			}
			s += len;
			s += *s == ' ';
		}
	}
	emit(p, c, cnt[4], out, FACET_ARTICLE);
	pthread_rwlock_unlock(&c->lock);
	out->facets[FACET_KIND] = pool_calloc(p, 3, sizeof(*out->facets[FACET_KIND]));
	out->nfacets[FACET_KIND] = 0;
	for (int k = 0; k < 3; k++)
		if (kind[k]) {
			out->facets[FACET_KIND][out->nfacets[FACET_KIND]].value =
				record_kind_name((enum record_kind)k);
			out->facets[FACET_KIND][out->nfacets[FACET_KIND]++].count = kind[k];
		}
	{
		size_t n = 0;

		for (int y = 1; y < YEARS; y++)
			n += year[y] > 0;
		out->facets[FACET_YEAR] = pool_calloc(p, n + 1, sizeof(*out->facets[FACET_YEAR]));
		out->nfacets[FACET_YEAR] = 0;
		for (int y = 1; y < YEARS; y++)
			if (year[y]) {
				out->facets[FACET_YEAR][out->nfacets[FACET_YEAR]].value =
					pool_printf(p, "%d", y);
				out->facets[FACET_YEAR][out->nfacets[FACET_YEAR]++].count = year[y];
			}
	}
}

int sq_facets_count(struct sq *q, struct fcache *c, pool *p, const char *match,
		    struct search_result *out, struct err *e)
{
	struct tally t;
	sqlite3_stmt *st;
	int rc;

	if ((rc = facets_begin(q, c, p, &t, -1, e)))
		return rc;
	if (!(st = sq_prep(q, SQ_SEARCH_ROWIDS, "SELECT rowid FROM search WHERE search MATCH ?1",
			   e))) {
		pthread_rwlock_unlock(&c->lock);
		return ERR_DB;
	}
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		tally_row(c, &t, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		pthread_rwlock_unlock(&c->lock);
		return sq_fail(q, "search", e);
	}
	facets_end(c, p, &t, out);
	return ERR_OK;
}

int sq_facets_count_ids(struct sq *q, struct fcache *c, pool *p, const int64_t *ids,
			size_t n, struct search_result *out, struct err *e)
{
	struct tally t;
	int rc;

	if ((rc = facets_begin(q, c, p, &t, (long long)n, e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		tally_row(c, &t, ids[i]);
	facets_end(c, p, &t, out);
	return ERR_OK;
}
