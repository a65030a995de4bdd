/* The SQLite backend: the audit log (migration 6). The store keeps entries as they
 * are given; the chain (ids, hashes) is made and checked by domain/audit.c. The
 * table's triggers refuse UPDATE and DELETE. */
#include <string.h>

#include "store/sqlite/internal.h"

#define AUDIT_COLS "id, at, actor, action, target, address, detail, prev_hash, hash"

/* The columns of AUDIT_COLS (the hashes: zeros when a blob has another length). */
static const struct sq_col entry_cols[] = {
	SQ_NUM(struct audit_entry, id),
	SQ_STR(struct audit_entry, at),
	SQ_STR(struct audit_entry, actor),
	SQ_STR(struct audit_entry, action),
	SQ_STR(struct audit_entry, target),
	SQ_STR(struct audit_entry, address),
	SQ_STR(struct audit_entry, detail),
	SQ_BYTES(struct audit_entry, prev_hash),
	SQ_BYTES(struct audit_entry, hash),
};
static const struct sq_reader entry_reader = SQ_READER(struct audit_entry, entry_cols);

/* The last entry's id and hash. */
struct audit_tip {
	long long id;
	unsigned char hash[AUDIT_HASH_BYTES];
};
static const struct sq_col tip_cols[] = {
	SQ_NUM(struct audit_tip, id),
	SQ_BYTES(struct audit_tip, hash),
};
static const struct sq_reader tip_reader = SQ_READER(struct audit_tip, tip_cols);

int sq_audit_last(struct store *s, long long *id, unsigned char *hash, struct err *e)
{
	struct audit_tip tip = { 0 };
	int rc = sq_row((struct sq *)s, SQ_AUDIT_LAST,
			"SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", SQ_NOVALS, NULL,
			&tip_reader, &tip, NULL, "read the last audit entry", e);

	*id = tip.id;
	memcpy(hash, tip.hash, AUDIT_HASH_BYTES);
	return rc;
}

int sq_audit_insert(struct store *s, const struct audit_entry *en, struct err *e)
{
	return sq_run((struct sq *)s, SQ_AUDIT_INSERT,
		      "INSERT INTO audit_log(" AUDIT_COLS ") "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		      SQ_VALS(SQ_ROW(entry_reader, en)),
		      "append to the audit log", e);
}

int sq_audit_scan(struct store *s, pool *p, long long after, int limit,
		  struct audit_entry **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_AUDIT_SCAN,
		       "SELECT " AUDIT_COLS " FROM audit_log WHERE id > ?1 ORDER BY id LIMIT ?2",
		       SQ_VALS(SQ_INT(after), SQ_INT(limit)), p, &entry_reader, (void **)out, n,
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
	static const struct audit_filter none;

	if (!f)
		f = &none;
	return sq_list((struct sq *)s, SQ_AUDIT_LIST,
		       "SELECT " AUDIT_COLS " FROM audit_log "
		       "WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR action = ?2) "
		       "AND (?3 IS NULL OR substr(target, 1, length(?3)) = ?3) "
		       "AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5) "
		       "AND " AUDIT_RECORDS_ONLY " "
		       "ORDER BY id DESC LIMIT ?6 OFFSET ?7",
		       SQ_VALS(SQ_TEXT(f->actor), SQ_TEXT(f->action), SQ_TEXT(f->target),
			       SQ_TEXT(f->since), SQ_TEXT(f->until), SQ_INT(limit),
			       SQ_INT(offset), SQ_BOOL(f->records_only)),
		       p, &entry_reader, (void **)out, n, "list the audit log", e);
}
