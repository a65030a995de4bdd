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

/* ---- organisations ---- */

int sq_org_insert(struct store *s, const struct org *o, time_t now, long long *id,
		  struct err *e)
{
	return sq_insert((struct sq *)s, SQ_ORG_INSERT,
			 "INSERT INTO organisation(name, kind, country, created_at) "
			 "VALUES (?1, ?2, ?3, " SQ_ISO("?4") ")",
			 SQ_VALS(SQ_TEXT(o->name), SQ_TEXT(sq_org_kinds[o->kind]),
				 SQ_TEXT(o->country), SQ_INT(now)), id, "add organisation", e);
}

static const struct sq_col org_cols[] = {
	SQ_NUM(struct org, id),
	SQ_STR(struct org, name),
	SQ_NAME(struct org, kind, sq_org_kinds, ORG_KIND_COUNT),
	SQ_STR(struct org, country),
	SQ_STR(struct org, created_at),
};
static const struct sq_reader org_reader = SQ_READER(struct org, org_cols);

#define ORG_SELECT "SELECT id, name, kind, country, created_at FROM organisation "

int sq_org_list(struct store *s, pool *p, const char *name, struct org **out, size_t *n,
		struct err *e)
{
	if (name) {
		*n = 1;
		return sq_get((struct sq *)s, SQ_ORG_GET, ORG_SELECT "WHERE name = ?1",
			      SQ_VALS(SQ_TEXT(name)), p, &org_reader, (void **)out,
			      "organisation", e);
	}
	return sq_list((struct sq *)s, SQ_ORG_LIST, ORG_SELECT "ORDER BY name", SQ_NOVALS, p,
		       &org_reader, (void **)out, n, "list organisations", e);
}

/* ---- accounts ---- */

#define USER_COLS "u.id, u.username, u.display_name, u.email, u.org_id, o.name, u.role, " \
		  "u.country, u.disabled, u.created_at, u.password_changed_at"
#define USER_FROM " FROM app_user u JOIN organisation o ON o.id = u.org_id "

/* The columns of USER_COLS. */
static const struct sq_col user_cols[] = {
	SQ_NUM(struct user, id),
	SQ_STR(struct user, username),
	SQ_STR(struct user, display_name),
	SQ_STR(struct user, email),
	SQ_NUM(struct user, org_id),
	SQ_STR(struct user, org_name),
	SQ_NAME(struct user, role, roles, ROLE_COUNT),
	SQ_STR(struct user, country),
	SQ_NUM(struct user, disabled),
	SQ_STR(struct user, created_at),
	SQ_STR(struct user, password_changed_at),
};
static const struct sq_reader user_reader = SQ_READER(struct user, user_cols);

int sq_user_insert(struct store *s, const struct user *u, const char *hash, time_t now,
		   long long *id, struct err *e)
{
	return sq_insert((struct sq *)s, SQ_USER_INSERT,
		"INSERT INTO app_user(username, display_name, email, org_id, role, country, "
		"password_hash, disabled, created_at, password_changed_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, " SQ_ISO("?9") ", " SQ_ISO("?9") ")",
		SQ_VALS(SQ_TEXT(u->username), SQ_TEXT(u->display_name), SQ_TEXT(u->email),
			SQ_INT(u->org_id), SQ_TEXT(roles[u->role]), SQ_TEXT(u->country),
			SQ_TEXT(hash), SQ_BOOL(u->disabled), SQ_INT(now)), id, "add user", e);
}

int sq_user_list(struct store *s, pool *p, struct user **out, size_t *n, struct err *e)
{
	return sq_list((struct sq *)s, SQ_USER_LIST,
		       "SELECT " USER_COLS USER_FROM "ORDER BY u.username", SQ_NOVALS, p,
		       &user_reader, (void **)out, n, "list users", e);
}

/* A user row followed by its password hash (column 11). */
struct user_hash {
	struct user u;
	char *hash;
};
static const struct sq_col user_hash_cols[] = {
	SQ_SUB(struct user_hash, u, user_reader),
	SQ_STR(struct user_hash, hash),
};
static const struct sq_reader user_hash_reader = SQ_READER(struct user_hash, user_hash_cols);

#define USER_HASH_SELECT "SELECT " USER_COLS ", u.password_hash" USER_FROM

int sq_user_get(struct store *s, pool *p, const char *name, long long id,
		struct user **out, char **hash, struct err *e)
{
	struct user_hash *uh = NULL;
	int rc = name ?
		sq_get((struct sq *)s, SQ_USER_GET_NAME, USER_HASH_SELECT "WHERE u.username = ?1",
		       SQ_VALS(SQ_TEXT(name)), p, &user_hash_reader, (void **)&uh, "user", e) :
		sq_get((struct sq *)s, SQ_USER_GET_ID, USER_HASH_SELECT "WHERE u.id = ?1",
		       SQ_VALS(SQ_INT(id)), p, &user_hash_reader, (void **)&uh, "user", e);

	if (rc)
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
	int rc = sq_row(q, SQ_USER_DISABLE,
			"UPDATE app_user SET disabled = ?2 WHERE username = ?1 RETURNING id",
			SQ_VALS(SQ_TEXT(name), SQ_BOOL(disabled)), NULL, &sq_ll_reader, id, NULL,
			"change user", e);

	if (!rc && !sqlite3_changes(q->db))
		return err_set(e, ERR_NOTFOUND, "user '%s' not found", name);
	return rc;
}

int sq_user_set_hash(struct store *s, long long id, const char *hash, time_t now,
		     int changed, struct err *e)
{
	if (changed)
		return sq_change((struct sq *)s, SQ_USER_HASH, "UPDATE app_user SET "
				 "password_hash = ?2, password_changed_at = " SQ_ISO("?3")
				 " WHERE id = ?1", SQ_VALS(SQ_INT(id), SQ_TEXT(hash), SQ_INT(now)),
				 "user", NULL, e);
	return sq_change((struct sq *)s, SQ_USER_REHASH, "UPDATE app_user SET password_hash = ?2 "
			 "WHERE id = ?1", SQ_VALS(SQ_INT(id), SQ_TEXT(hash)), "user", NULL, e);
}

/* ---- API tokens ---- */

#define TOKEN_COLS "t.id, t.user_id, u.username, t.name, t.scope, t.created_at, " \
		   "t.last_used_at, t.revoked_at"
#define TOKEN_FROM " FROM api_token t JOIN app_user u ON u.id = t.user_id "

static const struct sq_col token_cols[] = {
	SQ_STR(struct token, id),
	SQ_NUM(struct token, user_id),
	SQ_STR(struct token, username),
	SQ_STR(struct token, name),
	SQ_NAME(struct token, scope, scopes, SCOPE_COUNT),
	SQ_STR(struct token, created_at),
	SQ_STR(struct token, last_used_at),
	SQ_STR(struct token, revoked_at),
};
static const struct sq_reader token_reader = SQ_READER(struct token, token_cols);

int sq_token_insert(struct store *s, const struct token *t, const unsigned char *hash,
		    time_t now, struct err *e)
{
	return sq_run((struct sq *)s, SQ_TOKEN_INSERT,
		      "INSERT INTO api_token(id, user_id, name, scope, secret_hash, created_at) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, " SQ_ISO("?6") ")",
		      SQ_VALS(SQ_TEXT(t->id), SQ_INT(t->user_id), SQ_TEXT(t->name),
			      SQ_TEXT(scopes[t->scope]), SQ_BLOB(hash, 32), SQ_INT(now)),
		      "add token", e);
}

/* A token row followed by its secret hash (column 8). */
struct token_hash {
	struct token t;
	unsigned char hash[32];
};
static const struct sq_col token_hash_cols[] = {
	SQ_SUB(struct token_hash, t, token_reader),
	SQ_BYTES(struct token_hash, hash),
};
static const struct sq_reader token_hash_reader =
	SQ_READER(struct token_hash, token_hash_cols);

int sq_token_get(struct store *s, pool *p, const char *id, struct token **out,
		 unsigned char *hash, struct err *e)
{
	struct token_hash *th = NULL;
	int rc = sq_get((struct sq *)s, SQ_TOKEN_GET,
			"SELECT " TOKEN_COLS ", t.secret_hash" TOKEN_FROM "WHERE t.id = ?1",
			SQ_VALS(SQ_TEXT(id)), p, &token_hash_reader, (void **)&th, "token", e);

	if (rc)
		return rc;
	*out = &th->t;
	memcpy(hash, th->hash, 32);
	return ERR_OK;
}

int sq_token_list(struct store *s, pool *p, long long user_id, struct token **out,
		  size_t *n, struct err *e)
{
	if (user_id)
		return sq_list((struct sq *)s, SQ_TOKEN_LIST, "SELECT " TOKEN_COLS TOKEN_FROM
			       "WHERE t.user_id = ?1 ORDER BY t.created_at DESC, t.rowid DESC",
			       SQ_VALS(SQ_INT(user_id)), p, &token_reader, (void **)out, n,
			       "list tokens", e);
	return sq_list((struct sq *)s, SQ_TOKEN_LIST_ALL, "SELECT " TOKEN_COLS TOKEN_FROM
		       "ORDER BY u.username, t.created_at DESC, t.rowid DESC", SQ_NOVALS, p,
		       &token_reader, (void **)out, n, "list tokens", e);
}

int sq_token_mark(struct store *s, const char *id, time_t now, int revoke, struct err *e)
{
	if (revoke)
		return sq_change((struct sq *)s, SQ_TOKEN_REVOKE, "UPDATE api_token SET "
				 "revoked_at = coalesce(revoked_at, " SQ_ISO("?2") ") WHERE id = ?1",
				 SQ_VALS(SQ_TEXT(id), SQ_INT(now)), "token", NULL, e);
	return sq_change((struct sq *)s, SQ_TOKEN_USED, "UPDATE api_token SET last_used_at = "
			 SQ_ISO("?2") " WHERE id = ?1", SQ_VALS(SQ_TEXT(id), SQ_INT(now)),
			 "token", NULL, e);
}

/* ---- sessions ---- */

int sq_session_insert(struct store *s, const unsigned char *hash, const struct session *se,
		      struct err *e)
{
	return sq_run((struct sq *)s, SQ_SESSION_INSERT,
		      "INSERT INTO session(id_hash, user_id, csrf, created_at, expires_at, "
		      "last_seen_at, ip) VALUES (?1, ?2, ?3, " SQ_ISO("?4") ", " SQ_ISO("?5")
		      ", " SQ_ISO("?6") ", ?7)",
		      SQ_VALS(SQ_BLOB(hash, 32), SQ_INT(se->user.id), SQ_TEXT(se->csrf),
			      SQ_INT(se->created_at), SQ_INT(se->expires_at),
			      SQ_INT(se->last_seen_at), SQ_TEXT(se->ip)), "add session", e);
}

static const struct sq_col session_cols[] = {
	SQ_SUB(struct session, user, user_reader),
	SQ_STR(struct session, csrf),
	SQ_NUM(struct session, created_at),
	SQ_NUM(struct session, expires_at),
	SQ_NUM(struct session, last_seen_at),
	SQ_STR(struct session, ip),
};
static const struct sq_reader session_reader = SQ_READER(struct session, session_cols);

int sq_session_get(struct store *s, pool *p, const unsigned char *hash,
		   struct session **out, struct err *e)
{
	return sq_get((struct sq *)s, SQ_SESSION_GET,
		"SELECT " USER_COLS ", x.csrf, " SECS("x.created_at") ", " SECS("x.expires_at")
		", " SECS("x.last_seen_at") ", x.ip FROM session x "
		"JOIN app_user u ON u.id = x.user_id JOIN organisation o ON o.id = u.org_id "
		"WHERE x.id_hash = ?1", SQ_VALS(SQ_BLOB(hash, 32)), p, &session_reader,
		(void **)out, "session", e);
}

int sq_session_touch(struct store *s, const unsigned char *hash, time_t now, struct err *e)
{
	return sq_change((struct sq *)s, SQ_SESSION_TOUCH,
			 "UPDATE session SET last_seen_at = " SQ_ISO("?2") " WHERE id_hash = ?1",
			 SQ_VALS(SQ_BLOB(hash, 32), SQ_INT(now)), "session", NULL, e);
}

int sq_session_delete(struct store *s, const unsigned char *hash, long long user_id,
		      struct err *e)
{
	if (hash)
		return sq_run((struct sq *)s, SQ_SESSION_DELETE,
			      "DELETE FROM session WHERE id_hash = ?1", SQ_VALS(SQ_BLOB(hash, 32)),
			      "end session", e);
	return sq_run((struct sq *)s, SQ_SESSION_DELETE_USER,
		      "DELETE FROM session WHERE user_id = ?1", SQ_VALS(SQ_INT(user_id)),
		      "end session", e);
}

/* ---- failed sign-ins ---- */

struct signin {
	int failures;
	time_t window_start, locked_until;
};
static const struct sq_col signin_cols[] = {
	SQ_NUM(struct signin, failures),
	SQ_NUM(struct signin, window_start),
	SQ_NUM(struct signin, locked_until),
};
static const struct sq_reader signin_reader = SQ_READER(struct signin, signin_cols);

int sq_signin_get(struct store *s, const char *key, int *failures, time_t *window_start,
		  time_t *locked_until, struct err *e)
{
	struct signin si = { 0, 0, 0 };
	int rc = sq_row((struct sq *)s, SQ_SIGNIN_GET,
			"SELECT failures, " SECS("window_start") ", coalesce(" SECS("locked_until")
			", 0) FROM sign_in_failure WHERE key = ?1", SQ_VALS(SQ_TEXT(key)), NULL,
			&signin_reader, &si, NULL, "sign-in failures", e);

	*failures = si.failures;
	*window_start = si.window_start;
	*locked_until = si.locked_until;
	return rc;
}

int sq_signin_put(struct store *s, const char *key, int failures, time_t window_start,
		  time_t locked_until, struct err *e)
{
	return sq_run((struct sq *)s, SQ_SIGNIN_PUT,
		      "INSERT OR REPLACE INTO sign_in_failure(key, failures, window_start, "
		      "locked_until) VALUES (?1, ?2, " SQ_ISO("?3") ", "
		      "CASE WHEN ?4 > 0 THEN " SQ_ISO("?4") " END)",
		      SQ_VALS(SQ_TEXT(key), SQ_INT(failures), SQ_INT(window_start),
			      SQ_INT(locked_until)), "count sign-in failure", e);
}

int sq_signin_clear(struct store *s, const char *key, struct err *e)
{
	return sq_run((struct sq *)s, SQ_SIGNIN_CLEAR,
		      "DELETE FROM sign_in_failure WHERE key = ?1", SQ_VALS(SQ_TEXT(key)),
		      "clear sign-in failures", e);
}
