/* Fuzz target: JSON bundles (bundle_import) against a real database with the
 * reference data loaded. Each input runs inside an outer transaction that is rolled
 * back, so that inputs do not see each other's records. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "domain/bundle.h"
#include "domain/refdata.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *db;
static char dir[] = "/tmp/ccrepo-fuzz-bundle-XXXXXX";

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
	/* without iso-codes the countries are missing; the parser is still exercised */
	refdata_ensure(db, "/usr/share/iso-codes/json", "/usr/share/locale", 0, &loaded, NULL,
		       NULL);
	atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct actor local = { .name = "fuzz", .local = 1, .role = -1 };
	struct bundle_counts c;
	struct err e = { 0 };

	if (!db)
		open_db();
	if (store_begin(db, &e))
		abort();
	if (bundle_import(db, &local, (const char *)data, size, "fuzz.json", &c, &e) &&
	    !strstr(e.msg, "fuzz.json"))
		abort();	/* every error names its origin */
	store_rollback(db);
	return 0;
}
