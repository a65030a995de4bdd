/* The SQLite backend: the audit log (migration 6). The store keeps entries as they
 * are given; the chain (ids, hashes) is made and checked by domain/audit.c. The
 * table's triggers refuse UPDATE and DELETE. */
#include <string.h>

#include "store/sqlite/internal.h"

#define AUDIT_COLS "id, at, actor, action, target, address, detail, prev_hash, hash"

/* A blob column of AUDIT_HASH_BYTES into buf (zeros when it has another length). */
static void hash_col(sqlite3_stmt *st, int i, unsigned char *buf)
{
	const void *b = sqlite3_column_blob(st, i);

	if (b && sqlite3_column_bytes(st, i) == AUDIT_HASH_BYTES)
		memcpy(buf, b, AUDIT_HASH_BYTES);
	else
		memset(buf, 0, AUDIT_HASH_BYTES);
}

/* Columns 0..8 of AUDIT_COLS into an entry. */
static void entry_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct audit_entry *en = row;

	en->id = sqlite3_column_int64(st, 0);
	en->at = sq_col(p, st, 1);
	en->actor = sq_col(p, st, 2);
	en->action = sq_col(p, st, 3);
	en->target = sq_col(p, st, 4);
	en->address = sq_col(p, st, 5);
	en->detail = sq_col(p, st, 6);
	hash_col(st, 7, en->prev_hash);
	hash_col(st, 8, en->hash);
}

int sq_audit_last(struct store *s, long long *id, unsigned char *hash, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_AUDIT_LAST,
		"SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", e);
	int rc;

	if (!st)
		return ERR_DB;
	*id = 0;
	memset(hash, 0, AUDIT_HASH_BYTES);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		hash_col(st, 1, hash);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(q, "read the last audit entry", e);
	return ERR_OK;
}

int sq_audit_insert(struct store *s, const struct audit_entry *en, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_AUDIT_INSERT,
		"INSERT INTO audit_log(" AUDIT_COLS ") "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", e);

	if (!st)
		return ERR_DB;
	sqlite3_bind_int64(st, 1, en->id);
	sq_bind_text(st, 2, en->at);
	sq_bind_text(st, 3, en->actor);
	sq_bind_text(st, 4, en->action);
	sq_bind_text(st, 5, en->target);
	sq_bind_text(st, 6, en->address);
	sq_bind_text(st, 7, en->detail);
	sqlite3_bind_blob(st, 8, en->prev_hash, AUDIT_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(st, 9, en->hash, AUDIT_HASH_BYTES, SQLITE_STATIC);
	return sq_done(q, st, "append to the audit log", e);
}

int sq_audit_scan(struct store *s, pool *p, long long after, int limit,
		  struct audit_entry **out, size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_AUDIT_SCAN,
		"SELECT " AUDIT_COLS " FROM audit_log WHERE id > ?1 ORDER BY id LIMIT ?2", e);

	if (st) {
		sqlite3_bind_int64(st, 1, after);
		sqlite3_bind_int(st, 2, limit);
	}
	return sq_rows(q, st, p, sizeof(**out), entry_row, (void **)out, n,
		       "read the audit log", e);
}

/* The entries a reader restricted to records (audit_filter.records_only, bound as
 * ?8) may see: those whose target is a record the caller may read (the connection's
 * clearance, clearance.c). Every restriction of what a curator
 * sees of the log belongs here, in this one condition of SQ_AUDIT_LIST. */
#define AUDIT_RECORDS_ONLY "(?8 = 0 OR (substr(target, 1, 7) = 'record/' AND EXISTS " \
	"(SELECT 1 FROM record r WHERE r.id = CAST(substr(target, 8) AS INTEGER) AND " \
	SQ_VISIBLE("r") ")))"

int sq_audit_list(struct store *s, pool *p, const struct audit_filter *f, int limit,
		  int offset, struct audit_entry **out, size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	static const struct audit_filter none;
	sqlite3_stmt *st = sq_prep(q, SQ_AUDIT_LIST,
		"SELECT " AUDIT_COLS " FROM audit_log "
		"WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR action = ?2) "
		"AND (?3 IS NULL OR substr(target, 1, length(?3)) = ?3) "
		"AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5) "
		"AND " AUDIT_RECORDS_ONLY " "
		"ORDER BY id DESC LIMIT ?6 OFFSET ?7", e);

	if (!f)
		f = &none;
	if (st) {
		sq_bind_text(st, 1, f->actor);
		sq_bind_text(st, 2, f->action);
		sq_bind_text(st, 3, f->target);
		sq_bind_text(st, 4, f->since);
		sq_bind_text(st, 5, f->until);
		sqlite3_bind_int(st, 6, limit);
		sqlite3_bind_int(st, 7, offset);
		sqlite3_bind_int(st, 8, f->records_only != 0);
	}
	return sq_rows(q, st, p, sizeof(**out), entry_row, (void **)out, n,
		       "list the audit log", e);
}
