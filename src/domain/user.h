/* user: organisations, accounts, roles, passwords (argon2id), API tokens, sessions
 * and the counters that slow down guessing of passwords. The rules live here; the
 * store keeps only hashes of passwords, tokens and session secrets. Times are passed
 * in (time_t now) so that tests can move the clock. See docs/security.md. */
#ifndef DOMAIN_USER_H
#define DOMAIN_USER_H
#include <stddef.h>
#include <time.h>

#include "core/err.h"
#include "core/pool.h"

struct actor;
struct store;

enum role { ROLE_READER, ROLE_FOCAL_POINT, ROLE_PROVIDER, ROLE_CURATOR, ROLE_ADMIN,
	    ROLE_COUNT };

enum org_kind { ORG_NATIONAL_AUTHORITY, ORG_UNODC, ORG_DONOR, ORG_IMPLEMENTING,
		ORG_PRIVATE_SECTOR, ORG_CIVIL_SOCIETY, ORG_ACADEMIA, ORG_KIND_COUNT };

enum token_scope { SCOPE_READ, SCOPE_WRITE, SCOPE_COUNT };

/* Limits of the fields (bytes unless said). */
#define USER_NAME_MIN 3
#define USER_NAME_MAX 64
#define USER_PASSWORD_MIN 12	/* characters */
#define USER_PASSWORD_MAX 1024
#define USER_TEXT_MAX 200	/* display name, organisation name, token name */
#define USER_EMAIL_MAX 254

/* Sessions end after this long without a request, and this long after sign-in. */
#define SESSION_IDLE_SECONDS (12 * 3600)
#define SESSION_MAX_SECONDS (7 * 24 * 3600)

/* Failed sign-ins: SIGNIN_MAX_FAILURES within SIGNIN_WINDOW_SECONDS lock the key (an
 * account or an address) for SIGNIN_LOCK_SECONDS. */
#define SIGNIN_MAX_FAILURES 5
#define SIGNIN_WINDOW_SECONDS (15 * 60)
#define SIGNIN_LOCK_SECONDS (15 * 60)

struct org {
	long long id;
	const char *name;
	enum org_kind kind;
	const char *country;	/* alpha-2, or NULL */
	const char *created_at;
};

struct user {
	long long id;
	const char *username;	/* lowercase */
	const char *display_name, *email;	/* may be NULL */
	long long org_id;
	const char *org_name;
	enum role role;
	const char *country;	/* alpha-2 for a focal point, NULL otherwise */
	int disabled;
	const char *created_at, *password_changed_at;
};

/* An API token as listed: never its secret. */
struct token {
	const char *id;		/* public id, 16 hex digits */
	long long user_id;
	const char *username;
	const char *name;
	enum token_scope scope;
	const char *created_at, *last_used_at, *revoked_at;	/* NULL when not */
};

/* A signed-in session as the HTTP layer sees it. */
struct session {
	struct user user;
	const char *csrf;	/* the form token of this session */
	time_t created_at, expires_at, last_seen_at;
	const char *ip;
};

/* Names ("reader", "focal_point", ...; "national_authority", ...; "read", "write")
 * and back (-1 when unknown). Static strings. */
const char *role_name(enum role r);
int role_parse(const char *s);
const char *org_kind_name(enum org_kind k);
int org_kind_parse(const char *s);
const char *token_scope_name(enum token_scope sc);
int token_scope_parse(const char *s);

/* Make libsodium ready (once per process; any thread). ERR_INTERNAL when it cannot
 * start. Every function below calls it; callers need not. */
int user_crypto_init(struct err *e);
/* The argon2id cost of new password hashes (defaults: libsodium's INTERACTIVE
 * limits). For tests; call before threads start. Hashes made with other limits are
 * replaced at the next successful sign-in. */
void user_pwhash_limits(unsigned long long opslimit, size_t memlimit);

/* ---- organisations ---- */

/* Add an organisation (name 1-200 bytes of UTF-8 without control characters, a kind,
 * an optional country in any code form). o->id is set, o->country normalised (in p).
 * ERR_INVALID naming the field, ERR_NOTFOUND for an unknown country, ERR_CONFLICT
 * when the name exists. */
int org_add(struct store *s, pool *p, struct org *o, struct err *e);
/* Every organisation by name; the array and strings belong to p. */
int org_list(struct store *s, pool *p, struct org **out, size_t *n, struct err *e);
/* One organisation by name; ERR_NOTFOUND when absent. Memory from p. */
int org_get(struct store *s, pool *p, const char *name, struct org **out, struct err *e);

/* ---- accounts ---- */

/* name with ASCII letters lowered, as account names are stored and compared (a
 * copy in p; NULL stays NULL). */
const char *user_name_fold(pool *p, const char *name);
/* Whether a username is well formed: 3-64 of [a-z0-9._-] (after lowering ASCII).
 * ERR_INVALID naming the field otherwise. */
int user_name_valid(const char *name, struct err *e);
/* Whether password is acceptable for username: at least 12 characters, at most 1024
 * bytes of UTF-8, not the username. ERR_INVALID ("password: ...") otherwise. */
int user_password_valid(const char *username, const char *password, struct err *e);
/* Add an account: u->username (lowered), u->role, u->org_name (must exist),
 * u->country (required for a focal point, refused otherwise), optional display name
 * and email; the password is hashed with argon2id. u->id, u->org_id and u->country
 * (normalised, in p) are set. ERR_INVALID naming the field, ERR_NOTFOUND for an
 * unknown organisation or country, ERR_CONFLICT when the username is taken. */
int user_add(struct store *s, pool *p, struct user *u, const char *password, time_t now,
	     struct err *e);
/* Every account by username; memory from p. */
int user_list(struct store *s, pool *p, struct user **out, size_t *n, struct err *e);
/* One account by username (any case); ERR_NOTFOUND when absent. Memory from p. */
int user_get(struct store *s, pool *p, const char *name, struct user **out,
	     struct err *e);
/* Disable an account (its sessions end, its tokens stop working) or enable it again.
 * ERR_NOTFOUND when absent. */
int user_disable(struct store *s, const char *name, struct err *e);
int user_enable(struct store *s, const char *name, struct err *e);
/* Replace an account's password (validated as in user_add); its sessions end.
 * ERR_NOTFOUND when absent. */
int user_set_password(struct store *s, const char *name, const char *password, time_t now,
		      struct err *e);
/* Check a username and password. The account (memory from p) when both are right
 * and it is enabled; otherwise ERR_FORBIDDEN with one message that does not say
 * which part was wrong, after the same work (a dummy hash is verified for an unknown
 * name). A hash made with older limits is replaced. */
int user_authenticate(struct store *s, pool *p, const char *name, const char *password,
		      time_t now, struct user **out, struct err *e);

/* ---- API tokens ---- */

/* Prefix and length of the text of a token: "ccr_" ID(16 hex) "_" SECRET(64 hex). */
#define TOKEN_PREFIX "ccr_"
#define TOKEN_TEXT_LEN (4 + 16 + 1 + 64)

/* Create a token for an account (name: a label of 1-200 bytes). *text (in p) is the
 * only copy of the secret: it is stored as its BLAKE2b-256 hash. *id (in p) is the
 * public id. ERR_NOTFOUND for an unknown account, ERR_INVALID for a bad name. */
int token_create(struct store *s, pool *p, const char *username, const char *name,
		 enum token_scope scope, time_t now, char **id, char **text, struct err *e);
/* The account and scope of a token's text, when it is well formed, its hash matches
 * (compared in constant time), it is not revoked and its account is enabled; marks
 * it used (at most once a minute). ERR_FORBIDDEN ("invalid token") otherwise. Memory
 * from p. */
int token_verify(struct store *s, pool *p, const char *text, time_t now, struct user **user,
		 enum token_scope *scope, struct err *e);
/* An account's tokens, newest first, or with username NULL every account's, by
 * username then newest first (no secrets). ERR_NOTFOUND for an unknown account.
 * Memory from p. */
int token_list(struct store *s, pool *p, const char *username, struct token **out,
	       size_t *n, struct err *e);
/* Revoke a token by its public id. ERR_NOTFOUND when absent; revoking twice is not an
 * error. */
int token_revoke(struct store *s, const char *id, time_t now, struct err *e);
/* token_revoke for the owner: only when the token belongs to account user_id;
 * ERR_NOTFOUND, as for an absent one, when it belongs to someone else. p holds
 * what is read on the way. */
int token_revoke_own(struct store *s, pool *p, long long user_id, const char *id,
		     time_t now, struct err *e);

/* ---- sessions ---- */

/* Start a session for an account (from address ip, may be NULL). *secret (64 hex,
 * for the cookie) and *csrf (64 hex, for forms) are in p; only a hash of the secret
 * is stored. */
int session_create(struct store *s, pool *p, long long user_id, const char *ip, time_t now,
		   char **secret, char **csrf, struct err *e);
/* The session of a secret with its account, when it exists, has been used within
 * SESSION_IDLE_SECONDS, is younger than SESSION_MAX_SECONDS and its account is
 * enabled; ERR_NOTFOUND otherwise (an expired one is deleted). Memory from p. */
int session_get(struct store *s, pool *p, const char *secret, time_t now,
		struct session **out, struct err *e);
/* Record that the session was used now (restarts the idle time). Each call is a
 * write: callers touch when se->last_seen_at is a minute old or more, not on every
 * request. ERR_NOTFOUND when the session does not exist. */
int session_touch(struct store *s, const char *secret, time_t now, struct err *e);
/* Sign out: forget the session. Not an error when it does not exist. */
int session_delete(struct store *s, const char *secret, struct err *e);
/* End every session of an account. */
int session_delete_user(struct store *s, long long user_id, struct err *e);

/* ---- who asks ---- */

/* What a request's credentials make of its actor, as of now. An API token (bearer:
 * the text after "Bearer ", or NULL) wins: *a becomes its account, with token and
 * read_only set by its scope; a bad one is token_verify()'s error (a program should
 * know). Else a session cookie (session, or NULL): a valid one makes *a its account,
 * *csrf (in p) its form token, and restarts its idle time at most once a minute; an
 * unknown or expired one sets *stale (the caller clears the cookie) and leaves *a as
 * it was (the public). *csrf and *stale are set only in those cases. */
int user_actor_from_credentials(struct store *s, pool *p, const char *bearer,
				const char *session, time_t now, struct actor *a,
				const char **csrf, int *stale, struct err *e);

/* The actor of a feed's token (text: as given in ?token= or after "Bearer "): a
 * feed is read with a token of scope read only, never a session. *a becomes its
 * account, read-only. token_verify()'s ERR_FORBIDDEN for a bad, revoked or disabled
 * one; ERR_INVALID ("token: a feed takes a token of scope read ...") for a token that
 * may write, which should not travel in addresses. */
int user_actor_from_feed_token(struct store *s, pool *p, const char *text, time_t now,
			       struct actor *a, struct err *e);

/* ---- failed sign-ins ---- */

/* Keys are "user:NAME" or "ip:ADDRESS" (at most 300 bytes). */
/* The key of a typed user name, "user:" and the name case-folded (as accounts are
 * stored), so that "VICTIM" and "victim" share one lock. In p. */
const char *signin_user_key(pool *p, const char *name);
/* ERR_OK when key may try to sign in now; ERR_FORBIDDEN with a message naming the
 * minutes to wait, and *wait (seconds, may be NULL) set, while it is locked. */
int signin_allowed(struct store *s, const char *key, time_t now, long *wait,
		   struct err *e);
/* Count a failed sign-in of key; the SIGNIN_MAX_FAILURES-th within the window
 * locks it for SIGNIN_LOCK_SECONDS. */
int signin_failed(struct store *s, const char *key, time_t now, struct err *e);
/* Forget the failures of key after a successful sign-in. */
int signin_succeeded(struct store *s, const char *key, struct err *e);

#endif
