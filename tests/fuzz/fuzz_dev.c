/* Fuzz target of domain/dev's query reader (dev_query_parse): the input is split at
 * '|' into the eight parameters (period, from, to, country, region, article, kind,
 * topic, limit, order: missing ones absent) and read against a migrated database with
 * the reference data. It must refuse with ERR_INVALID and a message naming one of the
 * parameters, or give a query that keeps the reader's promises (abort() otherwise): a
 * real period of at most 30 years, a limit of 1..DEV_LIMIT_MAX, kinds within the
 * mask, a country of two capitals; and its canonical query string, read again, gives
 * the same query string. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "domain/dev.h"
#include "domain/refdata.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *db;
static char dir[] = "/tmp/ccrepo-fuzz-dev-XXXXXX";

static void cleanup(void)
{
	char path[128];
	static const char *const files[] = { "db", "db-wal", "db-shm" };

	store_close(db);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void open_db(void)
{
	char path[128];
	struct err e = { 0 };
	int from, to, loaded;

	log_set_level(LOG_ERROR);
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof(path), "%s/db", dir);
	if (store_open(path, &db, &e) || store_migrate(db, &from, &to, &e))
		abort();
	/* without iso-codes the countries are missing; the reader is still exercised */
	refdata_ensure(db, "/usr/share/iso-codes/json", "/usr/share/locale", 0, &loaded, NULL,
		       NULL);
	atexit(cleanup);
}

/* the parameters of text, split at '|' (in p) */
static void split(pool *p, const char *text, struct dev_params *in)
{
	const char **f[] = { &in->period, &in->from, &in->to, &in->country, &in->region,
			     &in->article, &in->kind, &in->topic, &in->limit, &in->order };
	const char *at = text;

	memset(in, 0, sizeof(*in));
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]) && at; i++) {
		const char *bar = strchr(at, '|');

		*f[i] = bar ? pool_strndup(p, at, (size_t)(bar - at)) : pool_strdup(p, at);
		at = bar ? bar + 1 : NULL;
	}
}

/* the parameters of a canonical query string ("country=KE&kind=case") */
static void from_query(pool *p, const char *qs, struct dev_params *in)
{
	static const char *const names[] = { "period", "from", "to", "country", "region",
					     "article", "kind", "topic", "limit", "order" };
	const char **f[] = { &in->period, &in->from, &in->to, &in->country, &in->region,
			     &in->article, &in->kind, &in->topic, &in->limit, &in->order };

	memset(in, 0, sizeof(*in));
	for (const char *at = qs; *at;) {
		size_t len = strcspn(at, "&"), k;
		const char *eq = memchr(at, '=', len);

		if (!eq)
			abort();	/* every parameter has a value */
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (strlen(names[k]) == (size_t)(eq - at) &&
			    !strncmp(at, names[k], (size_t)(eq - at)))
				break;
		if (k == sizeof(names) / sizeof(names[0]))
			abort();	/* only the parameters of the reader */
		*f[k] = pool_strndup(p, eq + 1, len - (size_t)(eq - at) - 1);
		at += len + (at[len] == '&');
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fields[] = { "period:", "from:", "to:", "country:", "region:",
					      "article:", "kind:", "topic:", "limit:", "order:" };
	pool *p;
	char *text;
	struct dev_params in;
	struct dev_query q, q2;
	struct err e = { 0 };
	const char *qs;
	long a, b;

	if (!db)
		open_db();
	p = pool_new();
	text = pool_strndup(p, (const char *)data, size);
	split(p, text, &in);
	if (dev_query_parse(db, p, &in, "2026-12-07", &q, &e)) {
		int named = 0;

		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			named |= !strncmp(e.msg, fields[i], strlen(fields[i]));
		if (e.code != ERR_INVALID || !named)
			abort();
		pool_free(p);
		return 0;
	}
	if (period_day(q.period.from, &a) || period_day(q.period.to, &b) || a > b ||
	    q.limit < 1 || q.limit > DEV_LIMIT_MAX || (q.kinds >> DEV_KIND_COUNT) ||
	    (q.country[0] && (strlen(q.country) != 2 || q.country[0] < 'A' ||
			      q.country[0] > 'Z' || q.country[1] < 'A' || q.country[1] > 'Z')))
		abort();
	qs = dev_query_string(p, &q);
	from_query(p, qs, &in);
	err_clear(&e);
	if (dev_query_parse(db, p, &in, "2026-12-07", &q2, &e) ||
	    strcmp(dev_query_string(p, &q2), qs))
		abort();
	pool_free(p);
	return 0;
}
