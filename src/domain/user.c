/* user: organisations, accounts, passwords, API tokens, sessions and failed sign-ins.
 * Passwords are argon2id strings (crypto_pwhash_str_alg); token and session secrets
 * are random and stored only as BLAKE2b-256 hashes (crypto_generichash), compared in
 * constant time. See docs/security.md. */
#include "domain/user.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "core/log.h"
#include "core/names.h"
#include "core/utf8.h"
#include "domain/audit.h"
#include "domain/country.h"
#include "domain/tx.h"
#include "store/store.h"

static const char *const role_names[ROLE_COUNT] = {
	"reader", "focal_point", "provider", "curator", "admin",
};
static const char *const kind_names[ORG_KIND_COUNT] = {
	"national_authority", "unodc", "donor", "implementing", "private_sector",
	"civil_society", "academia",
};
static const char *const scope_names[SCOPE_COUNT] = { "read", "write" };

/* One message for every failed sign-in: it must not tell which part was wrong. */
static const char signin_refused[] = "wrong username or password";

const char *role_name(enum role r)
{
	return names_at(role_names, ROLE_COUNT, (int)r, "?");
}

int role_parse(const char *s)
{
	return names_index(role_names, ROLE_COUNT, s);
}

const char *org_kind_name(enum org_kind k)
{
	return names_at(kind_names, ORG_KIND_COUNT, (int)k, "?");
}

int org_kind_parse(const char *s)
{
	return names_index(kind_names, ORG_KIND_COUNT, s);
}

const char *token_scope_name(enum token_scope sc)
{
	return names_at(scope_names, SCOPE_COUNT, (int)sc, "?");
}

int token_scope_parse(const char *s)
{
	return names_index(scope_names, SCOPE_COUNT, s);
}

/* ---- libsodium ---- */

static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;
static int crypto_ready;
static unsigned long long pw_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t pw_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
/* verified instead of a real hash when the username is unknown, so that a missing
 * account costs the same time as a wrong password */
static char dummy_hash[crypto_pwhash_STRBYTES];

static void crypto_start(void)
{
	char pw[33];

	if (sodium_init() < 0)
		return;
	randombytes_buf(pw, sizeof(pw) - 1);
	pw[sizeof(pw) - 1] = '\0';
	if (crypto_pwhash_str_alg(dummy_hash, pw, sizeof(pw) - 1, pw_ops, pw_mem,
				  crypto_pwhash_ALG_ARGON2ID13))
		return;
	sodium_memzero(pw, sizeof(pw));
	crypto_ready = 1;
}

int user_crypto_init(struct err *e)
{
	pthread_once(&crypto_once, crypto_start);
	return crypto_ready ? ERR_OK : err_set(e, ERR_INTERNAL, "libsodium failed to start");
}

void user_pwhash_limits(unsigned long long opslimit, size_t memlimit)
{
	pw_ops = opslimit;
	pw_mem = memlimit;
}

/* An argon2id string of password into out. */
static int password_hash(const char *password, char out[crypto_pwhash_STRBYTES],
			 struct err *e)
{
	if (crypto_pwhash_str_alg(out, password, strlen(password), pw_ops, pw_mem,
				  crypto_pwhash_ALG_ARGON2ID13))
		return err_set(e, ERR_INTERNAL, "cannot hash the password (out of memory)");
	return ERR_OK;
}

/* n random bytes as 2n lowercase hex digits, in p. */
static char *random_hex(pool *p, size_t n)
{
	unsigned char raw[32];
	char *hex = pool_alloc(p, 2 * n + 1);

	randombytes_buf(raw, n);
	sodium_bin2hex(hex, 2 * n + 1, raw, n);
	sodium_memzero(raw, sizeof(raw));
	return hex;
}

/* BLAKE2b-256 of a secret's text. */
static void secret_hash(const char *secret, size_t len, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)secret, len, NULL, 0);
}

static int is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* t as stored: ISO 8601 in UTC, to the second. */
static void iso_time(time_t t, char buf[32])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- field checks ---- */

/* Text of at most max bytes, valid UTF-8 without control characters; required: not
 * empty. ERR_INVALID naming field. */
static int text_valid(const char *field, const char *s, size_t max, int required,
		      struct err *e)
{
	size_t n = s ? strlen(s) : 0;

	if (!n)
		return required ? err_set(e, ERR_INVALID, "%s: required", field) : ERR_OK;
	if (n > max)
		return err_set(e, ERR_INVALID, "%s: longer than %zu bytes", field, max);
	if (!utf8_valid(s, n))
		return err_set(e, ERR_INVALID, "%s: not valid UTF-8", field);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return err_set(e, ERR_INVALID, "%s: contains a control character",
				       field);
	return ERR_OK;
}

static int email_valid(const char *s, struct err *e)
{
	const char *at;
	int rc;

	if (!s || !*s)
		return ERR_OK;
	if ((rc = text_valid("email", s, USER_EMAIL_MAX, 0, e)))
		return rc;
	at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@') || strchr(s, ' ') ||
	    !strchr(at + 1, '.'))
		return err_set(e, ERR_INVALID, "email: '%s' is not an address like "
			       "name@example.org", s);
	return ERR_OK;
}

/* A copy of name in p with ASCII letters lowered (NULL stays NULL). */
static char *lower_name(pool *p, const char *name)
{
	char *s = pool_strdup(p, name);

	for (char *c = s; c && *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return s;
}

const char *user_name_fold(pool *p, const char *name)
{
	return lower_name(p, name);
}

const char *signin_user_key(pool *p, const char *name)
{
	return pool_printf(p, "user:%.64s", name ? lower_name(p, name) : "");
}

int user_name_valid(const char *name, struct err *e)
{
	size_t n = name ? strlen(name) : 0;

	if (n < USER_NAME_MIN || n > USER_NAME_MAX)
		return err_set(e, ERR_INVALID, "username: %d to %d characters", USER_NAME_MIN,
			       USER_NAME_MAX);
	for (size_t i = 0; i < n; i++) {
		char c = (char)tolower((unsigned char)name[i]);

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
		      c == '_' || c == '-'))
			return err_set(e, ERR_INVALID, "username: only letters a-z, digits and "
				       ". _ - are allowed");
	}
	return ERR_OK;
}

int user_password_valid(const char *username, const char *password, struct err *e)
{
	size_t n = password ? strlen(password) : 0, chars = 0;

	if (n > USER_PASSWORD_MAX)
		return err_set(e, ERR_INVALID, "password: longer than %d bytes",
			       USER_PASSWORD_MAX);
	if (!utf8_valid(password ? password : "", n))
		return err_set(e, ERR_INVALID, "password: not valid UTF-8");
	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char)password[i] & 0xc0) != 0x80;
	if (chars < USER_PASSWORD_MIN)
		return err_set(e, ERR_INVALID, "password: at least %d characters",
			       USER_PASSWORD_MIN);
	if (username && !strcasecmp(username, password))
		return err_set(e, ERR_INVALID, "password: must not be the username");
	return ERR_OK;
}

/* ---- organisations ---- */

int org_add(struct store *s, pool *p, struct org *o, struct err *e)
{
	struct org *old;
	struct country *c;
	struct err probe = { 0 };
	struct tx tx;
	int rc;

	if ((rc = text_valid("name", o->name, USER_TEXT_MAX, 1, e)))
		return rc;
	if ((int)o->kind < 0 || o->kind >= ORG_KIND_COUNT)
		return err_set(e, ERR_INVALID, "kind: not one of national_authority, unodc, "
			       "donor, implementing, private_sector, civil_society, academia");
	if (o->country && *o->country) {
		if ((rc = country_get(s, p, o->country, &c, e))) {
			err_prefix(e, "country");
			return rc;
		}
		o->country = c->alpha2;
	} else {
		o->country = NULL;
	}
	if (!store_org_list(s, p, o->name, &old, &(size_t){ 0 }, &probe))
		return err_set(e, ERR_CONFLICT, "organisation '%s' exists already", o->name);
	if ((rc = tx_begin(&tx, s, e)))
		return rc;
	if (!(rc = store_org_insert(s, o, time(NULL), &o->id, e)))
		rc = audit_ctx(s, AUDIT_ORG_ADD, pool_printf(p, "org/%s", o->name),
			       org_kind_name(o->kind), time(NULL), e);
	return tx_end(&tx, rc, e);
}

int org_list(struct store *s, pool *p, struct org **out, size_t *n, struct err *e)
{
	return store_org_list(s, p, NULL, out, n, e);
}

int org_get(struct store *s, pool *p, const char *name, struct org **out, struct err *e)
{
	struct err probe = { 0 };
	size_t n;
	int rc = store_org_list(s, p, name, out, &n, &probe);

	if (rc == ERR_NOTFOUND)
		return err_set(e, rc, "organisation '%s' not found", name);
	return rc ? err_set(e, rc, "%s", probe.msg) : ERR_OK;
}

/* ---- accounts ---- */

int user_add(struct store *s, pool *p, struct user *u, const char *password, time_t now,
	     struct err *e)
{
	char hash[crypto_pwhash_STRBYTES];
	struct err probe = { 0 };
	struct country *c;
	struct user *old;
	struct org *o;
	struct tx tx;
	int rc;

	if ((rc = user_crypto_init(e)) || (rc = user_name_valid(u->username, e)))
		return rc;
	u->username = lower_name(p, u->username);
	if ((int)u->role < 0 || u->role >= ROLE_COUNT)
		return err_set(e, ERR_INVALID, "role: not one of reader, focal_point, "
			       "provider, curator, admin");
	if ((rc = text_valid("display name", u->display_name, USER_TEXT_MAX, 0, e)) ||
	    (rc = email_valid(u->email, e)) ||
	    (rc = text_valid("organisation", u->org_name, USER_TEXT_MAX, 1, e)) ||
	    (rc = user_password_valid(u->username, password, e)))
		return rc;
	if (u->role == ROLE_FOCAL_POINT) {
		if (!u->country || !*u->country)
			return err_set(e, ERR_INVALID, "country: required for a focal point");
		if ((rc = country_get(s, p, u->country, &c, e))) {
			err_prefix(e, "country");
			return rc;
		}
		u->country = c->alpha2;
	} else if (u->country && *u->country) {
		return err_set(e, ERR_INVALID, "country: only a focal point is bound to a "
			       "country");
	} else {
		u->country = NULL;
	}
	if ((rc = org_get(s, p, u->org_name, &o, e)))
		return rc;
	u->org_id = o->id;
	if (!store_user_get(s, p, u->username, 0, &old, NULL, &probe))
		return err_set(e, ERR_CONFLICT, "user '%s' exists already", u->username);
	if ((rc = password_hash(password, hash, e)))
		return rc;
	u->disabled = 0;
	if (!(rc = tx_begin(&tx, s, e)) &&
	    !(rc = store_user_insert(s, u, hash, now, &u->id, e)))
		rc = audit_ctx(s, AUDIT_USER_ADD, pool_printf(p, "user/%s", u->username),
			       pool_printf(p, "role %s, organisation %s", role_name(u->role),
					   u->org_name), now, e);
	rc = tx_end(&tx, rc, e);
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

int user_list(struct store *s, pool *p, struct user **out, size_t *n, struct err *e)
{
	return store_user_list(s, p, out, n, e);
}

int user_get(struct store *s, pool *p, const char *name, struct user **out, struct err *e)
{
	struct err probe = { 0 };
	int rc = user_name_valid(name, NULL) ? ERR_NOTFOUND
		 : store_user_get(s, p, lower_name(p, name), 0, out, NULL, &probe);

	if (rc == ERR_NOTFOUND)
		return err_set(e, rc, "user '%s' not found", name ? name : "");
	return rc ? err_set(e, rc, "%s", probe.msg) : ERR_OK;
}

/* Disable (and end the sessions of) or enable an account, in one transaction. */
static int set_disabled(struct store *s, const char *name, int disabled, struct err *e)
{
	pool *p = pool_new();
	long long id = 0;
	struct tx tx = {0};
	int rc;

	if (user_name_valid(name, NULL)) {
		rc = err_set(e, ERR_NOTFOUND, "user '%s' not found", name ? name : "");
		goto out;
	}
	if ((rc = tx_begin(&tx, s, e)) ||
	    (rc = store_user_set_disabled(s, lower_name(p, name), disabled, &id, e)) ||
	    (disabled && (rc = store_session_delete(s, NULL, id, e))))
		goto out;
	rc = audit_ctx(s, disabled ? AUDIT_USER_DISABLE : AUDIT_USER_ENABLE,
		       pool_printf(p, "user/%s", lower_name(p, name)), NULL, time(NULL), e);
out:
	rc = tx_end(&tx, rc, e);
	pool_free(p);
	return rc;
}

int user_disable(struct store *s, const char *name, struct err *e)
{
	return set_disabled(s, name, 1, e);
}

int user_enable(struct store *s, const char *name, struct err *e)
{
	return set_disabled(s, name, 0, e);
}

int user_set_password(struct store *s, const char *name, const char *password, time_t now,
		      struct err *e)
{
	char hash[crypto_pwhash_STRBYTES];
	pool *p = pool_new();
	struct user *u;
	struct tx tx = {0};
	int rc;

	if ((rc = user_crypto_init(e)) || (rc = user_get(s, p, name, &u, e)) ||
	    (rc = user_password_valid(u->username, password, e)) ||
	    (rc = password_hash(password, hash, e)) || (rc = tx_begin(&tx, s, e)) ||
	    (rc = store_user_set_hash(s, u->id, hash, now, 1, e)) ||
	    (rc = store_session_delete(s, NULL, u->id, e)))
		goto out;
	rc = audit_ctx(s, AUDIT_USER_PASSWD, pool_printf(p, "user/%s", u->username), NULL, now,
		       e);
out:
	rc = tx_end(&tx, rc, e);
	sodium_memzero(hash, sizeof(hash));
	pool_free(p);
	return rc;
}

int user_authenticate(struct store *s, pool *p, const char *name, const char *password,
		      time_t now, struct user **out, struct err *e)
{
	char fresh[crypto_pwhash_STRBYTES];
	struct err probe = { 0 };
	struct user *u = NULL;
	char *hash = NULL;
	size_t n = password ? strlen(password) : 0;
	int rc, ok;

	if ((rc = user_crypto_init(e)))
		return rc;
	if (!password || n > USER_PASSWORD_MAX)
		return err_set(e, ERR_FORBIDDEN, "%s", signin_refused);
	if (!user_name_valid(name, NULL)) {
		rc = store_user_get(s, p, lower_name(p, name), 0, &u, &hash, &probe);
		if (rc && rc != ERR_NOTFOUND)
			return err_set(e, rc, "%s", probe.msg);
	}
	/* the same work whether or not the account exists */
	ok = crypto_pwhash_str_verify(hash ? hash : dummy_hash, password, n) == 0;
	if (!hash || !ok || u->disabled)
		return err_set(e, ERR_FORBIDDEN, "%s", signin_refused);
	if (crypto_pwhash_str_needs_rehash(hash, pw_ops, pw_mem)) {
		struct err re = { 0 };

		if (password_hash(password, fresh, &re) ||
		    store_user_set_hash(s, u->id, fresh, now, 0, &re))
			log_warn("user %s: could not rehash the password: %s", u->username,
				 re.msg);
		sodium_memzero(fresh, sizeof(fresh));
	}
	*out = u;
	return ERR_OK;
}

/* ---- API tokens ---- */

int token_create(struct store *s, pool *p, const char *username, const char *name,
		 enum token_scope scope, time_t now, char **id, char **text, struct err *e)
{
	unsigned char hash[32];
	struct token t = { 0 };
	struct user *u;
	char *secret;
	struct tx tx;
	int rc;

	if ((rc = user_crypto_init(e)) || (rc = user_get(s, p, username, &u, e)) ||
	    (rc = text_valid("name", name, USER_TEXT_MAX, 1, e)))
		return rc;
	if ((int)scope < 0 || scope >= SCOPE_COUNT)
		return err_set(e, ERR_INVALID, "scope: read or write");
	t.id = random_hex(p, 8);
	t.user_id = u->id;
	t.name = name;
	t.scope = scope;
	secret = random_hex(p, 32);
	secret_hash(secret, 64, hash);
	if ((rc = tx_begin(&tx, s, e)))
		return rc;
	if (!(rc = store_token_insert(s, &t, hash, now, e)))
		rc = audit_ctx(s, AUDIT_TOKEN_CREATE, pool_printf(p, "token/%s", t.id),
			       pool_printf(p, "user %s, scope %s", u->username,
					   token_scope_name(scope)), now, e);
	if ((rc = tx_end(&tx, rc, e)))
		return rc;
	*id = (char *)t.id;
	*text = pool_printf(p, TOKEN_PREFIX "%s_%s", t.id, secret);
	sodium_memzero(secret, 64);
	return ERR_OK;
}

int token_verify(struct store *s, pool *p, const char *text, time_t now, struct user **user,
		 enum token_scope *scope, struct err *e)
{
	unsigned char want[32], have[32];
	struct err probe = { 0 };
	struct token *t;
	struct user *u;
	char id[17], cutoff[32];
	int rc;

	if ((rc = user_crypto_init(e)))
		return rc;
	if (!text || strlen(text) != TOKEN_TEXT_LEN || strncmp(text, TOKEN_PREFIX, 4) ||
	    text[20] != '_' || !is_hex(text + 4, 16) || !is_hex(text + 21, 64))
		return err_set(e, ERR_FORBIDDEN, "invalid token");
	memcpy(id, text + 4, 16);
	id[16] = '\0';
	if ((rc = store_token_get(s, p, id, &t, want, &probe)))
		return rc == ERR_NOTFOUND ? err_set(e, ERR_FORBIDDEN, "invalid token")
					  : err_set(e, rc, "%s", probe.msg);
	secret_hash(text + 21, 64, have);
	if (sodium_memcmp(want, have, 32) || t->revoked_at)
		return err_set(e, ERR_FORBIDDEN, "invalid token");
	if ((rc = store_user_get(s, p, NULL, t->user_id, &u, NULL, e)))
		return rc;
	if (u->disabled)
		return err_set(e, ERR_FORBIDDEN, "invalid token");
	/* last use to the minute: not a write for every request */
	iso_time(now - 60, cutoff);
	/* last use is a note, not a condition: a read-only or full database still
	 * takes a valid token (for reading) */
	err_clear(&probe);
	if ((!t->last_used_at || strcmp(t->last_used_at, cutoff) < 0) &&
	    store_token_mark(s, id, now, 0, &probe))
		log_warn("token %s: its last use was not recorded: %s", id, probe.msg);
	*user = u;
	*scope = t->scope;
	return ERR_OK;
}

int token_list(struct store *s, pool *p, const char *username, struct token **out,
	       size_t *n, struct err *e)
{
	struct user *u;
	int rc;

	if (!username)
		return store_token_list(s, p, 0, out, n, e);
	if ((rc = user_get(s, p, username, &u, e)))
		return rc;
	return store_token_list(s, p, u->id, out, n, e);
}

int token_revoke(struct store *s, const char *id, time_t now, struct err *e)
{
	if (!id || strlen(id) != 16 || !is_hex(id, 16))
		return err_set(e, ERR_INVALID, "token id: 16 hex digits (the part after '%s')",
			       TOKEN_PREFIX);
	struct err probe = { 0 };
	char target[32];
	struct tx tx;
	int rc;

	snprintf(target, sizeof(target), "token/%s", id);
	if (!(rc = tx_begin(&tx, s, &probe)) && !(rc = store_token_mark(s, id, now, 1, &probe)))
		rc = audit_ctx(s, AUDIT_TOKEN_REVOKE, target, NULL, now, &probe);
	rc = tx_end(&tx, rc, &probe);
	if (rc == ERR_NOTFOUND)
		return err_set(e, rc, "token %s not found", id);
	return rc ? err_set(e, rc, "%s", probe.msg) : ERR_OK;
}

int token_revoke_own(struct store *s, pool *p, long long user_id, const char *id,
		     time_t now, struct err *e)
{
	unsigned char hash[32];
	struct err probe = { 0 };
	struct token *t;
	int rc;

	if (!id || strlen(id) != 16 || !is_hex(id, 16))
		return token_revoke(s, id, now, e);	/* says what a token id is */
	rc = store_token_get(s, p, id, &t, hash, &probe);
	sodium_memzero(hash, sizeof(hash));
	if (rc == ERR_NOTFOUND || (!rc && t->user_id != user_id))
		return err_set(e, ERR_NOTFOUND, "token %s not found", id);
	if (rc)
		return err_set(e, rc, "%s", probe.msg);
	return token_revoke(s, id, now, e);
}

/* ---- sessions ---- */

/* The hash of a session secret, or ERR_NOTFOUND when it cannot be one. */
static int session_key(const char *secret, unsigned char hash[32], struct err *e)
{
	if (!secret || strlen(secret) != 64 || !is_hex(secret, 64))
		return err_set(e, ERR_NOTFOUND, "no such session");
	secret_hash(secret, 64, hash);
	return ERR_OK;
}

int session_create(struct store *s, pool *p, long long user_id, const char *ip, time_t now,
		   char **secret, char **csrf, struct err *e)
{
	struct session se = { 0 };
	unsigned char hash[32];
	int rc;

	if ((rc = user_crypto_init(e)) || (rc = text_valid("ip", ip, 100, 0, e)))
		return rc;
	se.user.id = user_id;
	se.csrf = random_hex(p, 32);
	se.created_at = se.last_seen_at = now;
	se.expires_at = now + SESSION_MAX_SECONDS;
	se.ip = ip;
	*secret = random_hex(p, 32);
	secret_hash(*secret, 64, hash);
	if ((rc = store_session_insert(s, hash, &se, e)))
		return rc;
	*csrf = (char *)se.csrf;
	return ERR_OK;
}

int session_get(struct store *s, pool *p, const char *secret, time_t now,
		struct session **out, struct err *e)
{
	struct err probe = { 0 };
	unsigned char hash[32];
	struct session *se;
	int rc;

	if ((rc = user_crypto_init(e)) || (rc = session_key(secret, hash, e)))
		return rc;
	if ((rc = store_session_get(s, p, hash, &se, &probe)))
		return rc == ERR_NOTFOUND ? err_set(e, rc, "no such session")
					  : err_set(e, rc, "%s", probe.msg);
	if (now >= se->expires_at || now - se->last_seen_at >= SESSION_IDLE_SECONDS ||
	    se->user.disabled) {
		if ((rc = store_session_delete(s, hash, 0, e)))
			return rc;
		return err_set(e, ERR_NOTFOUND, "the session has expired");
	}
	*out = se;
	return ERR_OK;
}

int session_touch(struct store *s, const char *secret, time_t now, struct err *e)
{
	unsigned char hash[32];
	int rc;

	if ((rc = user_crypto_init(e)) || (rc = session_key(secret, hash, e)))
		return rc;
	return store_session_touch(s, hash, now, e);
}

int session_delete(struct store *s, const char *secret, struct err *e)
{
	unsigned char hash[32];
	int rc;

	if ((rc = user_crypto_init(e)))
		return rc;
	if (session_key(secret, hash, NULL))
		return ERR_OK;	/* no session has such a secret */
	return store_session_delete(s, hash, 0, e);
}

int session_delete_user(struct store *s, long long user_id, struct err *e)
{
	return store_session_delete(s, NULL, user_id, e);
}

/* ---- failed sign-ins ---- */

static int key_valid(const char *key, struct err *e)
{
	return text_valid("sign-in key", key, 300, 1, e);
}

int signin_allowed(struct store *s, const char *key, time_t now, long *wait, struct err *e)
{
	time_t start, until;
	int rc, failures;

	if (wait)
		*wait = 0;
	if ((rc = key_valid(key, e)) ||
	    (rc = store_signin_get(s, key, &failures, &start, &until, e)))
		return rc;
	if (until > now) {
		long secs = (long)(until - now), mins = (secs + 59) / 60;

		if (wait)
			*wait = secs;
		return err_set(e, ERR_FORBIDDEN, "too many failed sign-ins; minutes before you "
			       "may try again: %ld", mins);
	}
	return ERR_OK;
}

int signin_failed(struct store *s, const char *key, time_t now, struct err *e)
{
	time_t start, until;
	int rc, failures;

	if ((rc = key_valid(key, e)) ||
	    (rc = store_signin_get(s, key, &failures, &start, &until, e)))
		return rc;
	/* a new window after the last one ran out or a lock ended */
	if (!failures || now - start >= SIGNIN_WINDOW_SECONDS || (until && until <= now)) {
		failures = 0;
		start = now;
		until = 0;
	}
	failures++;
	if (failures >= SIGNIN_MAX_FAILURES && !until)
		until = now + SIGNIN_LOCK_SECONDS;
	return store_signin_put(s, key, failures, start, until, e);
}

int signin_succeeded(struct store *s, const char *key, struct err *e)
{
	int rc;

	if ((rc = key_valid(key, e)))
		return rc;
	return store_signin_clear(s, key, e);
}

/* The actor of a signed-in account. */
static void actor_of_user(struct actor *a, const struct user *u)
{
	a->name = u->username;
	a->user_id = u->id;
	a->role = (int)u->role;
	a->org_id = u->org_id;
	a->country = u->country;
}

int user_actor_from_credentials(struct store *s, pool *p, const char *bearer,
				const char *session, time_t now, struct actor *a,
				const char **csrf, int *stale, struct err *e)
{
	struct err none = { 0 };
	struct session *ss;
	struct user *u;
	enum token_scope scope;
	int rc;

	if (bearer) {
		if ((rc = token_verify(s, p, bearer, now, &u, &scope, e)))
			return rc;
		actor_of_user(a, u);
		a->token = 1;
		a->read_only = scope == SCOPE_READ;
		return ERR_OK;
	}
	if (!session || !*session)
		return ERR_OK;
	if (session_get(s, p, session, now, &ss, &none)) {
		*stale = 1;
		return ERR_OK;
	}
	actor_of_user(a, &ss->user);
	*csrf = ss->csrf;
	/* the idle time restarts at most once a minute */
	if (now - ss->last_seen_at >= 60 && session_touch(s, session, now, &none))
		log_warn("session: %s", none.msg);
	return ERR_OK;
}

int user_actor_from_feed_token(struct store *s, pool *p, const char *text, time_t now,
			       struct actor *a, struct err *e)
{
	enum token_scope scope;
	struct user *u;
	int rc;

	if ((rc = token_verify(s, p, text, now, &u, &scope, e)))
		return rc;
	if (scope != SCOPE_READ)
		return err_set(e, ERR_INVALID, "token: a feed takes a token of scope read; this "
			       "one may also write: revoke it and make a read token");
	actor_of_user(a, u);
	a->token = 1;
	a->read_only = 1;
	return ERR_OK;
}
