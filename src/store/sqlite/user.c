/* The SQLite backend: organisations, accounts, API tokens, sessions and failed
 * sign-ins (migration 5). Times cross this file as unix seconds and are kept as ISO
 * 8601 text (UTC), converted by SQLite on the way in and out. */
#include <string.h>

#include "store/sqlite/internal.h"

/* a stored text column back to unix seconds (SQ_ISO goes the other way) */
#define SECS(c) "CAST(strftime('%s', " c ") AS INTEGER)"

static const char *const roles[ROLE_COUNT] = {
	"reader", "focal_point", "provider", "curator", "admin",
};
static const char *const scopes[SCOPE_COUNT] = { "read", "write" };

/* Run a write that must touch one row; ERR_NOTFOUND naming what otherwise. */
static int one_change(struct sq *q, sqlite3_stmt *st, const char *what, struct err *e)
{
	int rc;

	if (!st)
		return ERR_DB;
	if ((rc = sq_done(q, st, what, e)))
		return rc;
	if (!sqlite3_changes(q->db))
		return err_set(e, ERR_NOTFOUND, "%s: not found", what);
	return ERR_OK;
}

/* ---- organisations ---- */

int sq_org_insert(struct store *s, const struct org *o, time_t now, long long *id,
		  struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_ORG_INSERT,
		"INSERT INTO organisation(name, kind, country, created_at) "
		"VALUES (?1, ?2, ?3, " SQ_ISO("?4") ")", e);
	int rc;

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, o->name);
	sq_bind_text(st, 2, sq_org_kinds[o->kind]);
	sq_bind_text(st, 3, o->country);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
	if ((rc = sq_done(q, st, "add organisation", e)))
		return rc;
	*id = sqlite3_last_insert_rowid(q->db);
	return ERR_OK;
}

static void org_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct org *o = row;

	o->id = sqlite3_column_int64(st, 0);
	o->name = sq_col(p, st, 1);
	o->kind = (enum org_kind)sq_col_index(sq_org_kinds, ORG_KIND_COUNT, st, 2);
	o->country = sq_col(p, st, 3);
	o->created_at = sq_col(p, st, 4);
}

int sq_org_list(struct store *s, pool *p, const char *name, struct org **out, size_t *n,
		struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;

	if (name) {
		st = sq_prep(q, SQ_ORG_GET, "SELECT id, name, kind, country, created_at "
			     "FROM organisation WHERE name = ?1", e);
		if (st)
			sq_bind_text(st, 1, name);
		*n = 1;
		return sq_one_row(q, st, p, sizeof(**out), org_row, (void **)out, "organisation",
			       e);
	}
	st = sq_prep(q, SQ_ORG_LIST, "SELECT id, name, kind, country, created_at "
		     "FROM organisation ORDER BY name", e);
	return sq_rows(q, st, p, sizeof(**out), org_row, (void **)out, n, "list organisations",
		       e);
}

/* ---- accounts ---- */

#define USER_COLS "u.id, u.username, u.display_name, u.email, u.org_id, o.name, u.role, " \
		  "u.country, u.disabled, u.created_at, u.password_changed_at"
#define USER_FROM " FROM app_user u JOIN organisation o ON o.id = u.org_id "

/* Columns 0..10 of USER_COLS into u. */
static void user_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct user *u = row;

	u->id = sqlite3_column_int64(st, 0);
	u->username = sq_col(p, st, 1);
	u->display_name = sq_col(p, st, 2);
	u->email = sq_col(p, st, 3);
	u->org_id = sqlite3_column_int64(st, 4);
	u->org_name = sq_col(p, st, 5);
	u->role = (enum role)sq_col_index(roles, ROLE_COUNT, st, 6);
	u->country = sq_col(p, st, 7);
	u->disabled = sqlite3_column_int(st, 8);
	u->created_at = sq_col(p, st, 9);
	u->password_changed_at = sq_col(p, st, 10);
}

int sq_user_insert(struct store *s, const struct user *u, const char *hash, time_t now,
		   long long *id, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_USER_INSERT,
		"INSERT INTO app_user(username, display_name, email, org_id, role, country, "
		"password_hash, disabled, created_at, password_changed_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, " SQ_ISO("?9") ", " SQ_ISO("?9") ")", e);
	int rc;

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, u->username);
	sq_bind_text(st, 2, u->display_name);
	sq_bind_text(st, 3, u->email);
	sqlite3_bind_int64(st, 4, u->org_id);
	sq_bind_text(st, 5, roles[u->role]);
	sq_bind_text(st, 6, u->country);
	sq_bind_text(st, 7, hash);
	sqlite3_bind_int(st, 8, u->disabled ? 1 : 0);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)now);
	if ((rc = sq_done(q, st, "add user", e)))
		return rc;
	*id = sqlite3_last_insert_rowid(q->db);
	return ERR_OK;
}

int sq_user_list(struct store *s, pool *p, struct user **out, size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_USER_LIST,
		"SELECT " USER_COLS USER_FROM "ORDER BY u.username", e);

	return sq_rows(q, st, p, sizeof(**out), user_row, (void **)out, n, "list users", e);
}

/* A user row followed by its password hash (column 11). */
struct user_hash {
	struct user u;
	char *hash;
};

static void user_hash_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct user_hash *uh = row;

	user_row(p, st, &uh->u);
	uh->hash = sq_col(p, st, 11);
}

int sq_user_get(struct store *s, pool *p, const char *name, long long id,
		struct user **out, char **hash, struct err *e)
{
	struct sq *q = (struct sq *)s;
	struct user_hash *uh = NULL;
	sqlite3_stmt *st;
	int rc;

	if (name) {
		st = sq_prep(q, SQ_USER_GET_NAME, "SELECT " USER_COLS ", u.password_hash"
			     USER_FROM "WHERE u.username = ?1", e);
		if (st)
			sq_bind_text(st, 1, name);
	} else {
		st = sq_prep(q, SQ_USER_GET_ID, "SELECT " USER_COLS ", u.password_hash"
			     USER_FROM "WHERE u.id = ?1", e);
		if (st)
			sqlite3_bind_int64(st, 1, id);
	}
	if ((rc = sq_one_row(q, st, p, sizeof(*uh), user_hash_row, (void **)&uh, "user", e)))
		return rc;
	*out = &uh->u;
	if (hash)
		*hash = uh->hash;
	return ERR_OK;
}

int sq_user_set_disabled(struct store *s, const char *name, int disabled, long long *id,
			 struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_USER_DISABLE,
		"UPDATE app_user SET disabled = ?2 WHERE username = ?1 RETURNING id", e);
	int rc;

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, name);
	sqlite3_bind_int(st, 2, disabled ? 1 : 0);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW ? sqlite3_step(st) : rc;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, "change user", e);
	if (!sqlite3_changes(q->db))
		return err_set(e, ERR_NOTFOUND, "user '%s' not found", name);
	return ERR_OK;
}

int sq_user_set_hash(struct store *s, long long id, const char *hash, time_t now,
		     int changed, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = changed
		? sq_prep(q, SQ_USER_HASH, "UPDATE app_user SET password_hash = ?2, "
			  "password_changed_at = " SQ_ISO("?3") " WHERE id = ?1", e)
		: sq_prep(q, SQ_USER_REHASH, "UPDATE app_user SET password_hash = ?2 "
			  "WHERE id = ?1", e);

	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sq_bind_text(st, 2, hash);
		if (changed)
			sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	}
	return one_change(q, st, "user", e);
}

/* ---- API tokens ---- */

#define TOKEN_COLS "t.id, t.user_id, u.username, t.name, t.scope, t.created_at, " \
		   "t.last_used_at, t.revoked_at"

static void token_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct token *t = row;

	t->id = sq_col(p, st, 0);
	t->user_id = sqlite3_column_int64(st, 1);
	t->username = sq_col(p, st, 2);
	t->name = sq_col(p, st, 3);
	t->scope = (enum token_scope)sq_col_index(scopes, SCOPE_COUNT, st, 4);
	t->created_at = sq_col(p, st, 5);
	t->last_used_at = sq_col(p, st, 6);
	t->revoked_at = sq_col(p, st, 7);
}

int sq_token_insert(struct store *s, const struct token *t, const unsigned char *hash,
		    time_t now, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_TOKEN_INSERT,
		"INSERT INTO api_token(id, user_id, name, scope, secret_hash, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, " SQ_ISO("?6") ")", e);

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, t->id);
	sqlite3_bind_int64(st, 2, t->user_id);
	sq_bind_text(st, 3, t->name);
	sq_bind_text(st, 4, scopes[t->scope]);
	sqlite3_bind_blob(st, 5, hash, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)now);
	return sq_done(q, st, "add token", e);
}

/* A token row followed by its secret hash (column 8). */
struct token_hash {
	struct token t;
	unsigned char hash[32];
};

static void token_hash_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct token_hash *th = row;

	token_row(p, st, &th->t);
	if (sqlite3_column_bytes(st, 8) == 32)
		memcpy(th->hash, sqlite3_column_blob(st, 8), 32);
}

int sq_token_get(struct store *s, pool *p, const char *id, struct token **out,
		 unsigned char *hash, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_TOKEN_GET,
		"SELECT " TOKEN_COLS ", t.secret_hash FROM api_token t "
		"JOIN app_user u ON u.id = t.user_id WHERE t.id = ?1", e);
	struct token_hash *th = NULL;
	int rc;

	if (st)
		sq_bind_text(st, 1, id);
	if ((rc = sq_one_row(q, st, p, sizeof(*th), token_hash_row, (void **)&th, "token", e)))
		return rc;
	*out = &th->t;
	memcpy(hash, th->hash, 32);
	return ERR_OK;
}

int sq_token_list(struct store *s, pool *p, long long user_id, struct token **out,
		  size_t *n, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = user_id
		? sq_prep(q, SQ_TOKEN_LIST, "SELECT " TOKEN_COLS " FROM api_token t "
			  "JOIN app_user u ON u.id = t.user_id WHERE t.user_id = ?1 "
			  "ORDER BY t.created_at DESC, t.rowid DESC", e)
		: sq_prep(q, SQ_TOKEN_LIST_ALL, "SELECT " TOKEN_COLS " FROM api_token t "
			  "JOIN app_user u ON u.id = t.user_id "
			  "ORDER BY u.username, t.created_at DESC, t.rowid DESC", e);

	if (st && user_id)
		sqlite3_bind_int64(st, 1, user_id);
	return sq_rows(q, st, p, sizeof(**out), token_row, (void **)out, n, "list tokens", e);
}

int sq_token_mark(struct store *s, const char *id, time_t now, int revoke, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = revoke
		? sq_prep(q, SQ_TOKEN_REVOKE, "UPDATE api_token SET revoked_at = "
			  "coalesce(revoked_at, " SQ_ISO("?2") ") WHERE id = ?1", e)
		: sq_prep(q, SQ_TOKEN_USED, "UPDATE api_token SET last_used_at = " SQ_ISO("?2")
			  " WHERE id = ?1", e);

	if (st) {
		sq_bind_text(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
	}
	return one_change(q, st, "token", e);
}

/* ---- sessions ---- */

int sq_session_insert(struct store *s, const unsigned char *hash, const struct session *se,
		      struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_SESSION_INSERT,
		"INSERT INTO session(id_hash, user_id, csrf, created_at, expires_at, "
		"last_seen_at, ip) VALUES (?1, ?2, ?3, " SQ_ISO("?4") ", " SQ_ISO("?5") ", "
		SQ_ISO("?6") ", ?7)", e);

	if (!st)
		return ERR_DB;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, se->user.id);
	sq_bind_text(st, 3, se->csrf);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)se->created_at);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)se->expires_at);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)se->last_seen_at);
	sq_bind_text(st, 7, se->ip);
	return sq_done(q, st, "add session", e);
}

static void session_row(pool *p, sqlite3_stmt *st, void *row)
{
	struct session *se = row;

	user_row(p, st, &se->user);
	se->csrf = sq_col(p, st, 11);
	se->created_at = (time_t)sqlite3_column_int64(st, 12);
	se->expires_at = (time_t)sqlite3_column_int64(st, 13);
	se->last_seen_at = (time_t)sqlite3_column_int64(st, 14);
	se->ip = sq_col(p, st, 15);
}

int sq_session_get(struct store *s, pool *p, const unsigned char *hash,
		   struct session **out, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_SESSION_GET,
		"SELECT " USER_COLS ", x.csrf, " SECS("x.created_at") ", " SECS("x.expires_at")
		", " SECS("x.last_seen_at") ", x.ip FROM session x "
		"JOIN app_user u ON u.id = x.user_id JOIN organisation o ON o.id = u.org_id "
		"WHERE x.id_hash = ?1", e);

	if (st)
		sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	return sq_one_row(q, st, p, sizeof(**out), session_row, (void **)out, "session", e);
}

int sq_session_touch(struct store *s, const unsigned char *hash, time_t now, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_SESSION_TOUCH,
		"UPDATE session SET last_seen_at = " SQ_ISO("?2") " WHERE id_hash = ?1", e);

	if (st) {
		sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
	}
	return one_change(q, st, "session", e);
}

int sq_session_delete(struct store *s, const unsigned char *hash, long long user_id,
		      struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;

	if (hash) {
		st = sq_prep(q, SQ_SESSION_DELETE, "DELETE FROM session WHERE id_hash = ?1", e);
		if (st)
			sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	} else {
		st = sq_prep(q, SQ_SESSION_DELETE_USER, "DELETE FROM session WHERE user_id = ?1",
			     e);
		if (st)
			sqlite3_bind_int64(st, 1, user_id);
	}
	return st ? sq_done(q, st, "end session", e) : ERR_DB;
}

/* ---- failed sign-ins ---- */

int sq_signin_get(struct store *s, const char *key, int *failures, time_t *window_start,
		  time_t *locked_until, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_SIGNIN_GET,
		"SELECT failures, " SECS("window_start") ", coalesce(" SECS("locked_until")
		", 0) FROM sign_in_failure WHERE key = ?1", e);
	int rc;

	*failures = 0;
	*window_start = *locked_until = 0;
	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*failures = sqlite3_column_int(st, 0);
		*window_start = (time_t)sqlite3_column_int64(st, 1);
		*locked_until = (time_t)sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : sq_fail(q, "sign-in failures", e);
}

int sq_signin_put(struct store *s, const char *key, int failures, time_t window_start,
		  time_t locked_until, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_SIGNIN_PUT,
		"INSERT OR REPLACE INTO sign_in_failure(key, failures, window_start, "
		"locked_until) VALUES (?1, ?2, " SQ_ISO("?3") ", "
		"CASE WHEN ?4 > 0 THEN " SQ_ISO("?4") " END)", e);

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, failures);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)window_start);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)locked_until);
	return sq_done(q, st, "count sign-in failure", e);
}

int sq_signin_clear(struct store *s, const char *key, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = sq_prep(q, SQ_SIGNIN_CLEAR,
		"DELETE FROM sign_in_failure WHERE key = ?1", e);

	if (!st)
		return ERR_DB;
	sq_bind_text(st, 1, key);
	return sq_done(q, st, "clear sign-in failures", e);
}
