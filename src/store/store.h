/* store: the storage layer. Only the store speaks SQL. A backend is a table of
 * functions (struct store_backend); SQLite is the first. Callers hold a struct store,
 * one connection, and call the store_* wrappers below, which dispatch through the
 * table. Each worker thread has its own connection (store_thread()). */
#ifndef STORE_STORE_H
#define STORE_STORE_H
#include <stddef.h>
#include <time.h>

#include "core/err.h"
#include "core/pool.h"
#include "core/sbuf.h"
#include "domain/assist.h"
#include "domain/audit.h"
#include "domain/campaign.h"
#include "domain/country.h"
#include "domain/coverage.h"
#include "domain/report.h"
#include "domain/dev.h"
#include "domain/directory.h"
#include "domain/questionnaire.h"
#include "domain/kind.h"
#include "domain/instrument.h"
#include "domain/legislation.h"
#include "domain/needs.h"
#include "domain/record.h"
#include "domain/search.h"
#include "domain/share.h"
#include "domain/user.h"

struct store;

struct store_backend {
	const char *name;
	/* The connection's life (store_open, store_close), its change detection and the
	 * backend's schema version are written out here; they are not store_ wrappers
	 * of one connection. */
	int (*open)(const char *dsn, struct store **out, struct err *e);
	void (*close)(struct store *s);
	/* Whether another connection (of this process or another) committed since the
	 * last call on s; the first call says no, a failure yes (store_generation). */
	int (*changed)(struct store *s);
	/* The schema version this backend migrates to (store_schema_latest). */
	int (*schema_latest)(void);
	/* Everything else: one member per entry of store_fns.h. */
#define STORE_FN(ret, name, params, args) ret (*name) params;
#include "store/store_fns.h"
};

/* Every connection starts with a pointer to its backend. */
struct store {
	const struct store_backend *be;
};

extern const struct store_backend store_sqlite;

/* Open a connection to dsn (for SQLite, a file path; the directory is created).
 * Close with store_close(). */
int store_open(const char *dsn, struct store **out, struct err *e);
/* Memory for cached database pages of each connection opened from now on (bytes;
 * the setting db-cache). Before any store_open of the threads that use it. */
void store_set_cache(long bytes);
extern long store_cache_bytes;
/* Close s, rolling back a transaction left open; NULL is fine. */
void store_close(struct store *s);

/* Set the dsn that store_thread() opens; call once before threads start. */
void store_thread_setup(const char *dsn);
/* The calling thread's own connection, opened on first use; NULL with e set on
 * failure. Owned by the store module: close them all with store_thread_close_all(). */
struct store *store_thread(struct err *e);
/* Close every thread's connection and forget the dsn (at shutdown, threads stopped). */
void store_thread_close_all(void);

/* A number that grows whenever the database changes (through this process or
 * another); caches compare it to know when they are stale. s is the caller's
 * connection. */
unsigned long store_generation(struct store *s);

/* The schema version this program's (default) backend migrates to. */
int store_schema_latest(void);

/* The wrappers over the backend table, store_NAME for each entry of store_fns.h
 * (where each has its contract): each passes the call on to s->be->NAME. */
#define STORE_FN(ret, name, params, args) ret store_##name params;
#include "store/store_fns.h"

#endif
