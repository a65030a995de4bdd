/* The SQLite backend: connections, statements, transactions, meta, check. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "store/sqlite/internal.h"

/* The names of a region or country, one column per language (enum lang's order), as
 * columns of alias a ("r." or ""), and as the SET of an upsert. */
#define NAME_COLS(a) a "name_ar, " a "name_zh, " a "name_en, " a "name_fr, " a "name_ru, " \
		     a "name_es"
#define NAME_SET "name_ar = excluded.name_ar, name_zh = excluded.name_zh, " \
		 "name_en = excluded.name_en, name_fr = excluded.name_fr, " \
		 "name_ru = excluded.name_ru, name_es = excluded.name_es"
_Static_assert(LANG_COUNT == 6, "NAME_COLS has a column for every language");
#define COUNTRY_SELECT "SELECT alpha2, alpha3, numeric, official_name, " NAME_COLS("") \
		       ", region, subregion, intermediate FROM country "

static const char *const sql[SQ_COUNT] = {
	[SQ_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[SQ_META_SET] = "INSERT INTO meta(key, value) VALUES (?1, ?2) "
			"ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[SQ_REGION_PUT] =
		"INSERT INTO region(code, level, parent, " NAME_COLS("") ") "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
		"ON CONFLICT(code) DO UPDATE SET level = excluded.level, parent = excluded.parent, "
		NAME_SET,
	[SQ_REGION_LIST] =
		/* the counts in one pass over the countries (a correlated count over an OR
		 * of three columns read every country for every region) */
		"SELECT r.code, r.level, r.parent, " NAME_COLS("r.") ", CASE WHEN r.level = "
		"'world' THEN (SELECT count(*) FROM country) ELSE coalesce(k.n, 0) END "
		"FROM region r LEFT JOIN (SELECT code, count(DISTINCT alpha2) AS n FROM ("
		"SELECT alpha2, region AS code FROM country UNION ALL "
		"SELECT alpha2, subregion FROM country UNION ALL "
		"SELECT alpha2, intermediate FROM country) WHERE code <> '' GROUP BY code) k "
		"ON k.code = r.code ORDER BY r.level = 'intermediate', r.code",
	[SQ_COUNTRY_PUT] =
		"INSERT INTO country(alpha2, alpha3, numeric, official_name, " NAME_COLS("")
		", region, subregion, intermediate) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
		"ON CONFLICT(alpha2) DO UPDATE SET alpha3 = excluded.alpha3, "
		"numeric = excluded.numeric, official_name = excluded.official_name, "
		NAME_SET ", region = excluded.region, subregion = excluded.subregion, "
		"intermediate = excluded.intermediate",
	[SQ_COUNTRY_LIST] = COUNTRY_SELECT "ORDER BY name_en",
	[SQ_COUNTRY_GET] = COUNTRY_SELECT "WHERE alpha2 = ?1 OR alpha3 = ?1 OR numeric = ?1 "
			   "LIMIT 1",
	[SQ_REF_GENERATION] = "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta "
			      "WHERE key = 'ref_generation'), 0)",
	[SQ_INSTRUMENT_PUT] =
		"INSERT INTO instrument(id, short_name, title, adopted, work_uri, article_count) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO UPDATE SET "
		"short_name = excluded.short_name, title = excluded.title, "
		"adopted = excluded.adopted, work_uri = excluded.work_uri, "
		"article_count = excluded.article_count",
	[SQ_INSTRUMENT_LIST] =
		"SELECT id, short_name, title, adopted, work_uri, article_count FROM instrument "
		"ORDER BY adopted",
	[SQ_CHAPTER_PUT] =
		"INSERT INTO chapter(instrument, code, parent, ordinal, title) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(instrument, code) DO UPDATE SET "
		"parent = excluded.parent, ordinal = excluded.ordinal, title = excluded.title",
	[SQ_CHAPTER_LIST] =
		"SELECT instrument, code, coalesce(parent, ''), ordinal, title FROM chapter "
		"WHERE instrument = ?1 ORDER BY ordinal",
	[SQ_ARTICLE_PUT] =
		"INSERT INTO article(instrument, number, title, chapter, category) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(instrument, number) DO UPDATE SET "
		"title = excluded.title, chapter = excluded.chapter, category = excluded.category",
	[SQ_ARTICLE_LIST] =
		"SELECT instrument, number, title, chapter, category FROM article "
		"WHERE instrument = ?1 ORDER BY number",
	[SQ_XWALK_CLEAR] = "DELETE FROM crosswalk",
	[SQ_XWALK_PUT] =
		"INSERT INTO crosswalk(ordinal, topic, a_instrument, a_number, b_instrument, "
		"b_number, relation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[SQ_XWALK_LIST] =
		"SELECT ordinal, topic, a_instrument, coalesce(a_number, 0), b_instrument, "
		"coalesce(b_number, 0), relation FROM crosswalk ORDER BY ordinal",
	[SQ_BEGIN] = "BEGIN IMMEDIATE",
	[SQ_COMMIT] = "COMMIT",
	[SQ_ROLLBACK] = "ROLLBACK",
	[SQ_DATA_VERSION] = "PRAGMA data_version",
};

/* Set while the last write of this process failed for want of space, until a commit
 * succeeds or the file system has room again (sq_health reports it); full_avail
 * is the room there was when it failed. */
static atomic_int full_flag;
static atomic_llong full_avail;

/* Bytes free for us on the file system of path's directory; -1 when unknown. */
static long long room_for(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct statvfs v;
	long long n = -1;

	if (slash)
		slash[slash == dir] = '\0';
	if (!statvfs(slash ? dir : ".", &v))
		n = (long long)v.f_bavail * (long long)v.f_frsize;
	free(dir);
	return n;
}

/* A write error that SQLite reports without its errno (it may have been reset by
 * the rollback): full when the file system has less than a megabyte left, or when
 * the database or its -wal file has reached the process's file size limit. */
static int looks_full(struct sq *q)
{
	long long room = room_for(q->path);
	struct rlimit rl;
	struct stat sb;
	char *wal;
	int full = 0;

	if (room >= 0 && room < 1024 * 1024)
		return 1;
	if (getrlimit(RLIMIT_FSIZE, &rl) || rl.rlim_cur == RLIM_INFINITY)
		return 0;
	wal = xmalloc(strlen(q->path) + 5);
	sprintf(wal, "%s-wal", q->path);
	full = (!stat(q->path, &sb) && (rlim_t)sb.st_size + 65536 >= rl.rlim_cur) ||
	       (!stat(wal, &sb) && (rlim_t)sb.st_size + 65536 >= rl.rlim_cur);
	free(wal);
	return full;
}

static void note_full(struct sq *q)
{
	atomic_store(&full_avail, room_for(q->path));
	atomic_store(&full_flag, 1);
}

int sq_code(struct sq *q)
{
	int code = sqlite3_extended_errcode(q->db), sys = sqlite3_system_errno(q->db);

	switch (code & 0xff) {
	case SQLITE_CONSTRAINT:
		return ERR_CONFLICT;
	case SQLITE_FULL:
		note_full(q);
		return ERR_FULL;
	case SQLITE_READONLY:
		return ERR_READONLY;
	case SQLITE_IOERR:	/* a write refused by the disk or a file size limit */
		if (sys == ENOSPC || sys == EFBIG || sys == EDQUOT ||
		    (code == SQLITE_IOERR_WRITE && looks_full(q))) {
			note_full(q);
			return ERR_FULL;
		}
		return ERR_DB;
	default:
		return ERR_DB;
	}
}

int sq_fail(struct sq *q, const char *what, struct err *e)
{
	return err_set(e, sq_code(q), "%s: %s", what, sqlite3_errmsg(q->db));
}

sqlite3_stmt *sq_stmt(struct sq *q, enum sq_stmt id, struct err *e)
{
	return sq_prep(q, id, sql[id], e);
}

sqlite3_stmt *sq_prep(struct sq *q, enum sq_stmt id, const char *text, struct err *e)
{
	sqlite3_stmt *st = q->stmt[id];

	if (!st) {
		if (sqlite3_prepare_v3(q->db, text, -1, SQLITE_PREPARE_PERSISTENT, &q->stmt[id],
				       NULL) != SQLITE_OK) {
			sq_fail(q, "prepare", e);
			return NULL;
		}
		return q->stmt[id];
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int sq_done(struct sq *q, sqlite3_stmt *st, const char *what, struct err *e)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sq_fail(q, what, e);
	return ERR_OK;
}

const char *const sq_org_kinds[ORG_KIND_COUNT] = {
	"national_authority", "unodc", "donor", "implementing", "private_sector",
	"civil_society", "academia",
};

int sq_col_index(const char *const *names, int n, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return 0;
}

/* An integer from a field of size bytes (int or long long sized: SQ_NUM's fields),
 * and back; a field of another size reads 0 and is not written. */
static long long get_num(const void *f, size_t size)
{
	int i;
	long long v = 0;

	if (size == sizeof(i)) {
		memcpy(&i, f, sizeof(i));
		return i;
	}
	if (size == sizeof(v))
		memcpy(&v, f, sizeof(v));
	return v;
}

static void put_num(void *f, size_t size, long long v)
{
	int i = (int)v;

	if (size == sizeof(i))
		memcpy(f, &i, sizeof(i));
	else if (size == sizeof(v))
		memcpy(f, &v, sizeof(v));
}

/* A text where "" means none: NULL then. */
static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* Bind the fields of row as r describes them to ?at, ?at+1, ...; returns the next. */
static int bind_row(sqlite3_stmt *st, int at, const struct sq_reader *r, const void *row)
{
	for (size_t i = 0; i < r->ncols; i++) {
		const struct sq_col *c = &r->cols[i];
		const unsigned char *f = (const unsigned char *)row + c->off;
		const char *const *strs = (const char *const *)(const void *)f;
		long long n;
		double d;

		switch (c->type) {
		case SQ_C_STR:
			sq_bind_text(st, at++, c->none ? nonempty(*strs) : *strs);
			break;
		case SQ_C_STRS:
			for (size_t k = 0; k < c->size; k++)
				sq_bind_text(st, at++, strs[k]);
			break;
		case SQ_C_BUF:
			sq_bind_text(st, at++, c->none ? nonempty((const char *)f) :
				     (const char *)f);
			break;
		case SQ_C_NUM:
			if ((n = get_num(f, c->size)) || !c->none)
				sqlite3_bind_int64(st, at, (sqlite3_int64)n);
			at++;
			break;
		case SQ_C_REAL:
			memcpy(&d, f, sizeof(d));
			sqlite3_bind_double(st, at++, d);
			break;
		case SQ_C_NAME:
			sq_bind_text(st, at++, c->names[get_num(f, c->size)]);
			break;
		case SQ_C_KIND:
			sq_bind_text(st, at++, record_kind_name((enum record_kind)get_num(f, c->size)));
			break;
		case SQ_C_BLOB:
			sqlite3_bind_blob(st, at++, f, (int)c->size, SQLITE_STATIC);
			break;
		case SQ_C_SUB:
			at = bind_row(st, at, c->sub, f);
			break;
		}
	}
	return at;
}

static void copy_strings(pool *p, const struct sq_reader *r, unsigned char *row)
{
	for (size_t i = 0; i < r->ncols; i++) {
		const struct sq_col *c = &r->cols[i];
		char **strs = (char **)(void *)(row + c->off);

		if (c->type == SQ_C_STR && *strs)
			*strs = pool_strdup(p, *strs);
		else if (c->type == SQ_C_STRS)
			for (size_t k = 0; k < c->size; k++)
				strs[k] = strs[k] ? pool_strdup(p, strs[k]) : NULL;
		else if (c->type == SQ_C_SUB)
			copy_strings(p, c->sub, row + c->off);
	}
}

void sq_copy(pool *p, const struct sq_reader *r, void *dst, const void *src)
{
	memcpy(dst, src, r->size);
	copy_strings(p, r, dst);
}

void sq_bind(sqlite3_stmt *st, const struct sq_val *v, size_t n)
{
	int at = 1;

	for (size_t i = 0; i < n; i++) {
		switch (v[i].type) {
		case SQ_V_NULL:
			break;	/* bindings are cleared when the statement is prepared */
		case SQ_V_TEXT:
			sq_bind_text(st, at, v[i].ptr);
			break;
		case SQ_V_INT:
			sqlite3_bind_int64(st, at, (sqlite3_int64)v[i].i);
			break;
		case SQ_V_REAL:
			sqlite3_bind_double(st, at, v[i].d);
			break;
		case SQ_V_BLOB:
			sqlite3_bind_blob(st, at, v[i].ptr, (int)v[i].i, SQLITE_STATIC);
			break;
		case SQ_V_ROW:
			at = bind_row(st, at, v[i].r, v[i].ptr);
			continue;
		}
		at++;
	}
}

/* The statement id prepared (sql NULL: the table's) and bound; NULL with e set. */
static sqlite3_stmt *prep_bound(struct sq *q, enum sq_stmt id, const char *text,
				const struct sq_val *v, size_t n, struct err *e)
{
	sqlite3_stmt *st = text ? sq_prep(q, id, text, e) : sq_stmt(q, id, e);

	if (st)
		sq_bind(st, v, n);
	return st;
}

int sq_run(struct sq *q, enum sq_stmt id, const char *text, const struct sq_val *v,
	   size_t n, const char *what, struct err *e)
{
	sqlite3_stmt *st = prep_bound(q, id, text, v, n, e);

	return st ? sq_done(q, st, what, e) : ERR_DB;
}

int sq_insert(struct sq *q, enum sq_stmt id, const char *text, const struct sq_val *v,
	      size_t n, long long *rowid, const char *what, struct err *e)
{
	int rc = sq_run(q, id, text, v, n, what, e);

	if (!rc)
		*rowid = sqlite3_last_insert_rowid(q->db);
	return rc;
}

int sq_change(struct sq *q, enum sq_stmt id, const char *text, const struct sq_val *v,
	      size_t n, const char *what, const char *notfound, struct err *e)
{
	int rc = sq_run(q, id, text, v, n, what, e);

	if (!rc && !sqlite3_changes(q->db))
		rc = notfound ? err_set(e, ERR_NOTFOUND, "%s", notfound) :
		     err_set(e, ERR_NOTFOUND, "%s: not found", what);
	return rc;
}

const struct sq_reader sq_ll_reader = SQ_READER1(long long, SQ_C_NUM);
const struct sq_reader sq_str_reader = SQ_READER1(char *, SQ_C_STR);

int sq_read(pool *p, sqlite3_stmt *st, const struct sq_reader *r, void *row, int col)
{
	for (size_t i = 0; i < r->ncols; i++) {
		const struct sq_col *c = &r->cols[i];
		unsigned char *f = (unsigned char *)row + c->off;
		char **strs = (char **)f;
		int kind;

		switch (c->type) {
		case SQ_C_STR:
			*strs = sq_col(p, st, col++);
			break;
		case SQ_C_STRS:
			for (size_t k = 0; k < c->size; k++)
				strs[k] = sq_col(p, st, col++);
			break;
		case SQ_C_BUF:
			sq_col_buf(st, col++, (char *)f, c->size);
			break;
		case SQ_C_NUM:
			put_num(f, c->size, sqlite3_column_int64(st, col++));
			break;
		case SQ_C_REAL:
			*(double *)f = sqlite3_column_double(st, col++);
			break;
		case SQ_C_NAME:
			put_num(f, c->size, sq_col_index(c->names, c->n, st, col++));
			break;
		case SQ_C_KIND:
			kind = record_kind_parse((const char *)sqlite3_column_text(st, col++));
			put_num(f, c->size, kind < 0 ? REC_LEGISLATION : kind);
			break;
		case SQ_C_BLOB:
			if (sqlite3_column_bytes(st, col) == (int)c->size)
				memcpy(f, sqlite3_column_blob(st, col), c->size);
			else
				memset(f, 0, c->size);
			col++;
			break;
		case SQ_C_SUB:
			col = sq_read(p, st, c->sub, f, col);
			break;
		}
	}
	return col;
}

int sq_list(struct sq *q, enum sq_stmt id, const char *text, const struct sq_val *v,
	    size_t nv, pool *p, const struct sq_reader *r, void **out, size_t *n,
	    const char *what, struct err *e)
{
	sqlite3_stmt *st = prep_bound(q, id, text, v, nv, e);
	unsigned char *arr = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	*out = NULL;
	if (!st)
		return ERR_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) { /* double; the old copy stays in the pool until it ends */
			unsigned char *bigger;

			cap = cap ? cap * 2 : 64;
			bigger = pool_calloc(p, cap, r->size);
			if (*n)
				memcpy(bigger, arr, *n * r->size);
			arr = bigger;
		}
		sq_read(p, st, r, arr + *n * r->size, 0);
		(*n)++;
	}
	sqlite3_reset(st);
	*out = arr;
	return rc == SQLITE_DONE ? ERR_OK : sq_fail(q, what, e);
}

int sq_row(struct sq *q, enum sq_stmt id, const char *text, const struct sq_val *v,
	   size_t nv, pool *p, const struct sq_reader *r, void *row, int *found,
	   const char *what, struct err *e)
{
	sqlite3_stmt *st = prep_bound(q, id, text, v, nv, e);
	int rc, n = 0;

	if (found)
		*found = 0;
	if (!st)
		return ERR_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!n++)
			sq_read(p, st, r, row, 0);
	sqlite3_reset(st);
	if (found)
		*found = n > 0;
	return rc == SQLITE_DONE ? ERR_OK : sq_fail(q, what, e);
}

int sq_get(struct sq *q, enum sq_stmt id, const char *text, const struct sq_val *v,
	   size_t nv, pool *p, const struct sq_reader *r, void **out, const char *what,
	   struct err *e)
{
	void *arr;
	size_t n;
	int rc = sq_list(q, id, text, v, nv, p, r, &arr, &n, what, e);

	if (rc)
		return rc;
	if (!n)
		return err_set(e, ERR_NOTFOUND, "%s: not found", what);
	*out = arr;
	return ERR_OK;
}

int sq_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

char *sq_col(pool *p, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	if (!t)
		return NULL;
	return pool_strndup(p, (const char *)t, (size_t)sqlite3_column_bytes(st, i));
}

void sq_col_buf(sqlite3_stmt *st, int i, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	size_t n = t ? (size_t)sqlite3_column_bytes(st, i) : 0;

	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(buf, t, n);
	buf[n] = '\0';
}

int sq_exec(struct sq *q, const char *text, struct err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(q->db, text, NULL, NULL, &msg) != SQLITE_OK) {
		int code = sq_code(q);

		err_set(e, code, "%s", msg ? msg : sqlite3_errmsg(q->db));
		sqlite3_free(msg);
		return code;
	}
	return ERR_OK;
}

/* mkdir -p of the directory part of path. */
static int make_parent(const char *path, struct err *e)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int rc = ERR_OK;

	if (!slash || slash == dir)
		goto out;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0750) && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(dir, 0750) && errno != EEXIST)
		goto fail;
	goto out;
fail:
	rc = err_set(e, ERR_IO, "cannot create directory %s: %s", dir, strerror(errno));
out:
	free(dir);
	return rc;
}

static void sq_close(struct store *s)
{
	struct sq *q = (struct sq *)s;

	for (int i = 0; i < SQ_COUNT; i++)
		sqlite3_finalize(q->stmt[i]);
	sq_fts_release(q);
	sq_facets_detach(q->facets);
	sq_ix_detach(q->ixs);
	if (q->ixtok.tok)
		sq_fts_tokenizer_free(&q->ixtok);
	sq_idf_free(q->idf);
	sq_places_free(q->places);
	sq_ref_free(q->ref);
	sqlite3_close_v2(q->db);
	free(q->path);
	free(q);
}

/* Once per process, before SQLite starts: no memory statistics. They take one global
 * mutex on every allocation, so two threads searching at once went no faster than
 * one (measured by bench/search.sh). */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);	/* SQLITE_MISUSE if too late: harmless */
	sqlite3_initialize();
}

/* "file:" and path percent-encoded, then "?" query: a URI for sqlite3_open_v2. */
static char *file_uri(const char *path, const char *query)
{
	struct sbuf b = SBUF_INIT;
	char *out;

	sbuf_adds(&b, "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("/-._~", *c))
			sbuf_addc(&b, (char)*c);
		else
			sbuf_addf(&b, "%%%02X", *c);
	}
	sbuf_addf(&b, "?%s", query);
	out = xstrdup(sbuf_str(&b));
	sbuf_release(&b);
	return out;
}

/* How a connection is opened: read-write (and created when missing), or, for a
 * database on read-only media, read-only, or immutable (no locks and no -shm: a
 * read-only directory where the -shm cannot be made; only without a -wal file,
 * whose commits it would not see). */
enum sq_mode { SQ_RW, SQ_RO, SQ_IMMUTABLE, SQ_MODES };

static int sq_connect(struct sq *q, const char *dsn, enum sq_mode mode, struct err *e)
{
	static const char *const query[SQ_MODES] = { NULL, "mode=ro", "immutable=1" };
	char *uri = mode == SQ_RW ? NULL : file_uri(dsn, query[mode]);
	int flags = mode == SQ_RW ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE :
		    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
	char pragma[64];
	int rc = ERR_OK;

	if (sqlite3_open_v2(uri ? uri : dsn, &q->db, flags | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		rc = err_set(e, ERR_DB, "cannot open database %s: %s", dsn,
			     q->db ? sqlite3_errmsg(q->db) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(q->db, 5000);
	/* WAL lets readers run while one writer commits; NORMAL sync is durable across
	 * application crashes and loses at most the last commits on power loss.
	 * trusted_schema stays on: the search index is kept by triggers on an FTS5
	 * table, which SQLite refuses otherwise. ccrepo only opens its own database
	 * files (records travel between nodes as bundles, never as database files). */
	if (sq_fts_register(q->db, &q->rank) != SQLITE_OK) {
		rc = err_set(e, ERR_DB, "cannot register the search tokenizer: %s",
			     sqlite3_errmsg(q->db));
		goto out;
	}
	if (sq_clear_register(q) != SQLITE_OK) {
		rc = err_set(e, ERR_DB, "cannot register ccr_visible: %s", sqlite3_errmsg(q->db));
		goto out;
	}
	/* pages cached: a pragma takes no parameters; the value is our own number */
	snprintf(pragma, sizeof(pragma), "PRAGMA cache_size = -%ld", store_cache_bytes / 1024);
	if ((rc = sq_exec(q, pragma, e)))
		goto out;
	/* the first read: a file that is not a database, or that cannot be opened on
	 * read-only media, fails here */
	if ((rc = sq_exec(q, "SELECT count(*) FROM sqlite_master", e)))
		goto out;
	q->readonly = sqlite3_db_readonly(q->db, "main") == 1;
	if (!q->readonly && (rc = sq_exec(q, "PRAGMA journal_mode = WAL; "
					     "PRAGMA synchronous = NORMAL;", e)))
		goto out;
	rc = sq_exec(q, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;", e);
out:
	free(uri);
	return rc;
}

static int sq_open(const char *dsn, struct store **out, struct err *e)
{
	struct sq *q = xcalloc(1, sizeof(*q));
	struct err first = { 0 }, again = { 0 };
	struct stat sb;
	char *wal = NULL;
	int rc, why = 0;

	pthread_once(&sqlite_once, sqlite_setup);
	q->base.be = &store_sqlite;
	q->path = xstrdup(dsn);
	if ((rc = make_parent(dsn, e)))
		goto fail;
	if (!(rc = sq_connect(q, dsn, SQ_RW, &first)))
		goto done;
	why = q->db ? sqlite3_extended_errcode(q->db) & 0xff : 0;
	if (why == SQLITE_NOTADB) {
		rc = err_set(e, ERR_INVALID, "%s is not a ccrepo database (SQLite: %s)", dsn,
			     first.msg);
		goto fail;
	}
	/* read-only media: the -shm cannot be made, or nothing can be written */
	if ((why != SQLITE_CANTOPEN && why != SQLITE_READONLY) || stat(dsn, &sb)) {
		rc = err_set(e, first.code, "%s", first.msg);
		goto fail;
	}
	sqlite3_close_v2(q->db);
	q->db = NULL;
	if (!(rc = sq_connect(q, dsn, SQ_RO, &again)))
		goto done;
	sqlite3_close_v2(q->db);
	q->db = NULL;
	wal = xmalloc(strlen(dsn) + 5);
	sprintf(wal, "%s-wal", dsn);
	if (!stat(wal, &sb) && sb.st_size > 0) {
		rc = err_set(e, ERR_READONLY, "cannot read %s: it cannot be written and its "
			     "-wal file holds changes that only a writable copy can apply "
			     "(copy the database with its -wal file to writable storage)", dsn);
		goto fail;
	}
	err_clear(&again);
	if ((rc = sq_connect(q, dsn, SQ_IMMUTABLE, &again))) {
		rc = err_set(e, again.code, "%s", again.msg);
		goto fail;
	}
done:
	q->readonly = q->readonly || why;
	free(wal);
	*out = &q->base;
	return ERR_OK;
fail:
	if (e && e->code == ERR_DB && !strstr(e->msg, dsn))
		err_prefix(e, "%s", dsn);
	free(wal);
	sq_close(&q->base);
	*out = NULL;
	return rc;
}

static int run_simple(struct store *s, enum sq_stmt id, const char *what, struct err *e)
{
	return sq_run((struct sq *)s, id, NULL, SQ_NOVALS, what, e);
}

/* Transactions nest: the outermost is BEGIN IMMEDIATE ... COMMIT, inner ones are
 * savepoints, so that a domain function that makes its own transaction can also run
 * inside a larger one (a bundle import is one transaction). */
int sq_begin(struct store *s, struct err *e)
{
	struct sq *q = (struct sq *)s;
	int rc;

	if (q->depth == 0)
		rc = run_simple(s, SQ_BEGIN, "begin", e);
	else
		rc = sq_exec(q, "SAVEPOINT nested", e);
	if (!rc)
		q->depth++;
	return rc;
}

int sq_commit(struct store *s, struct err *e)
{
	struct sq *q = (struct sq *)s;
	int rc;

	if (q->depth <= 0)
		return err_set(e, ERR_INTERNAL, "commit without begin");
	/* the search index follows in the same transaction */
	if (q->depth == 1) {
		rc = sq_search_flush(q, e);
		if (!rc)
			rc = run_simple(s, SQ_COMMIT, "commit", e);
		if (!rc)	/* there was room for this one: the disk is no longer full */
			atomic_store(&full_flag, 0);
	} else {
		rc = sq_exec(q, "RELEASE nested", e);
	}
	if (!rc)
		q->depth--;
	return rc;
}

void sq_rollback(struct store *s)
{
	struct sq *q = (struct sq *)s;

	if (q->depth > 1) {
		sq_exec(q, "ROLLBACK TO nested; RELEASE nested", NULL);
		q->depth--;
		return;
	}
	if (!sqlite3_get_autocommit(q->db))
		run_simple(s, SQ_ROLLBACK, "rollback", NULL);
	q->depth = 0;
}

/* Whether another connection (of this process or another) committed since the last
 * call on this one. PRAGMA data_version reads the database header, so it sees other
 * processes' commits even when this connection has read nothing since. */
static int sq_changed(struct store *s)
{
	struct sq *q = (struct sq *)s;
	long long v = 0;
	int found, r;

	if (sq_row(q, SQ_DATA_VERSION, NULL, SQ_NOVALS, NULL, &sq_ll_reader, &v, &found,
		   "data version", NULL) || !found)
		return 1;
	r = q->data_version && (int)v != q->data_version;
	q->data_version = (int)v;
	return r;
}

int sq_meta_get(struct store *s, pool *p, const char *key, char **value,
		       struct err *e)
{
	int found, rc;

	*value = NULL;
	rc = sq_row((struct sq *)s, SQ_META_GET, NULL, SQ_VALS(SQ_TEXT(key)), p, &sq_str_reader,
		    value, &found, "meta", e);
	if (!rc && !found)
		rc = err_set(e, ERR_NOTFOUND, "no setting %s", key);
	return rc;
}

int sq_meta_set(struct store *s, const char *key, const char *value, struct err *e)
{
	return sq_run((struct sq *)s, SQ_META_SET, NULL, SQ_VALS(SQ_TEXT(key), SQ_TEXT(value)),
		      "meta", e);
}

/* Read-only first; then full from a write that failed for want of space until a
 * commit succeeds or the file system has gained a megabyte since (a file size limit
 * therefore lasts until a write succeeds). No write is made to find out: a small
 * one would pass where the writes that failed do not. */
int sq_health(struct store *s, struct err *e)
{
	struct sq *q = (struct sq *)s;
	long long was = atomic_load(&full_avail), now;

	if (q->readonly || sqlite3_db_readonly(q->db, "main") == 1)
		return err_set(e, ERR_READONLY, "the database is read-only: changes are "
			       "refused");
	if (!atomic_load(&full_flag))
		return ERR_OK;
	now = room_for(q->path);
	if (was >= 0 && now >= was + 1024 * 1024) {
		atomic_store(&full_flag, 0);
		return ERR_OK;
	}
	return err_set(e, ERR_FULL, "the storage holding the database is full: writes fail "
		       "(%lld bytes free)", now);
}

/* Run a query whose rows are messages; each row is one problem. */
static int check_rows(struct sq *q, const char *text, const char *ok, struct sbuf *report,
		      int *problems, struct err *e)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	if (sqlite3_prepare_v2(q->db, text, -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "check", e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);

		if (ok && msg && !strcmp(msg, ok))
			continue;
		sbuf_addf(report, "problem: %s\n", msg ? msg : "(null)");
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, "check", e);
	*problems += n;
	return ERR_OK;
}

int sq_check(struct store *s, struct sbuf *report, int *problems, struct err *e)
{
	struct sq *q = (struct sq *)s;
	int rc, current = 0;

	*problems = 0;
	if ((rc = check_rows(q, "PRAGMA integrity_check", "ok", report, problems, e)))
		return rc;
	sbuf_addf(report, "integrity: %s\n", *problems ? "FAILED" : "ok");
	if ((rc = check_rows(q, "SELECT 'foreign key: ' || \"table\" || ' row ' || rowid || "
			     "' refers to missing ' || parent FROM pragma_foreign_key_check",
			     NULL, report, problems, e)))
		return rc;
	if ((rc = sq_check_schema(s, report, problems, &current, e)))
		return rc;
	if (!current)
		return ERR_OK;	/* not a current ccrepo schema: the rest would mislead */
	return check_rows(q, "SELECT 'no ' || t || ' loaded' FROM ("
			  "SELECT 'countries' t, (SELECT count(*) FROM country) n UNION ALL "
			  "SELECT 'regions', (SELECT count(*) FROM region) UNION ALL "
			  "SELECT 'instruments', (SELECT count(*) FROM instrument) UNION ALL "
			  "SELECT 'articles', (SELECT count(*) FROM article)) WHERE n = 0",
			  NULL, report, problems, e);
}

static int sq_schema_latest_fn(void)
{
	return sq_schema_latest;
}

/* VACUUM INTO writes a compact, consistent copy from one read transaction. */
int sq_backup(struct store *s, const char *dest, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;
	struct stat sb;
	int rc;

	if (!stat(dest, &sb))
		return err_set(e, ERR_CONFLICT, "%s exists already; choose a new file", dest);
	if ((rc = make_parent(dest, e)))
		return rc;
	if (sqlite3_prepare_v2(q->db, "VACUUM INTO ?1", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "backup", e);
	sq_bind_text(st, 1, dest);
	rc = sq_done(q, st, "backup", e);
	sqlite3_finalize(st);
	return rc;
}

/* The table: the four slots store.h writes out, then one sq_NAME per entry of
 * store/store_fns.h (prototypes in internal.h). */
const struct store_backend store_sqlite = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.changed = sq_changed,
	.schema_latest = sq_schema_latest_fn,
#define STORE_FN(ret, name, params, args) .name = sq_##name,
#include "store/store_fns.h"
};
