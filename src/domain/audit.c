/* The audit log: appending entries chained by BLAKE2b-256, verifying the chain, and
 * listing entries. The store keeps the rows (store/sqlite/audit.c, append-only by
 * trigger); the chain is made and checked here. */
#include "domain/audit.h"
#include "domain/limits.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "core/names.h"
#include "domain/record.h"
#include "domain/tx.h"
#include "store/store.h"

static const char *const action_names[AUDIT_ACTION_COUNT] = {
	[AUDIT_RECORD_CREATE] = "record.create",
	[AUDIT_RECORD_EDIT] = "record.edit",
	[AUDIT_RECORD_STATUS] = "record.status",
	[AUDIT_MAPPING_SET] = "mapping.set",
	[AUDIT_MAPPING_SUGGEST] = "mapping.suggest",
	[AUDIT_IMPORT] = "import",
	[AUDIT_EXPORT] = "export",
	[AUDIT_SIGNIN] = "signin",
	[AUDIT_SIGNIN_FAILED] = "signin.failed",
	[AUDIT_SIGNOUT] = "signout",
	[AUDIT_USER_ADD] = "user.add",
	[AUDIT_USER_DISABLE] = "user.disable",
	[AUDIT_USER_ENABLE] = "user.enable",
	[AUDIT_USER_PASSWD] = "user.passwd",
	[AUDIT_TOKEN_CREATE] = "token.create",
	[AUDIT_TOKEN_REVOKE] = "token.revoke",
	[AUDIT_ORG_ADD] = "org.add",
	[AUDIT_READ_RESTRICTED] = "read.restricted",
	[AUDIT_GROUP_ADD] = "group.add",
	[AUDIT_GROUP_JOIN] = "group.join",
	[AUDIT_GROUP_LEAVE] = "group.leave",
	[AUDIT_RECORD_SHARE] = "record.share",
	[AUDIT_RECORD_PROPOSE] = "record.propose",
	[AUDIT_CHANGE_PUBLISH] = "change.publish",
	[AUDIT_CHANGE_REJECT] = "change.reject",
	[AUDIT_COV_ASSESS] = "coverage.assess",
	[AUDIT_COV_WITHDRAW] = "coverage.withdraw",
	[AUDIT_COV_DISPUTE] = "coverage.dispute",
	[AUDIT_COV_COMMENT] = "coverage.comment",
	[AUDIT_COV_DECIDE] = "coverage.decide",
	[AUDIT_QN_IMPORT] = "questionnaire.import",
	[AUDIT_QN_PUBLISH] = "questionnaire.publish",
	[AUDIT_NEED_STATE] = "need.state",
	[AUDIT_NEED_CLOSE] = "need.close",
	[AUDIT_CAMP_OPEN] = "campaign.open",
	[AUDIT_CAMP_PUBLISH] = "campaign.publish",
	[AUDIT_ANSWER_SAVE] = "answer.save",
	[AUDIT_ANSWER_SUBMIT] = "answer.submit",
	[AUDIT_ANSWER_RETURN] = "answer.return",
	[AUDIT_ANSWER_ACCEPT] = "answer.accept",
	[AUDIT_ANSWER_REOPEN] = "answer.reopen",
	[AUDIT_NEED_WEIGHTS] = "need.weights",
	[AUDIT_ASSIST_REQUEST] = "assist.request",
	[AUDIT_ASSIST_EDIT] = "assist.edit",
	[AUDIT_ASSIST_MOVE] = "assist.move",
	[AUDIT_ASSIST_OFFER] = "assist.offer",
	[AUDIT_ASSIST_OFFER_WITHDRAW] = "assist.offer_withdraw",
	[AUDIT_ASSIST_MATCH] = "assist.match",
	[AUDIT_ASSIST_MATCH_ACCEPT] = "assist.match_accept",
	[AUDIT_ASSIST_MATCH_DECLINE] = "assist.match_decline",
	[AUDIT_ASSIST_EVALUATE] = "assist.evaluate",
	[AUDIT_ASSIST_FUND] = "assist.fund",
	[AUDIT_ASSIST_ACTIVITY] = "assist.activity",
	[AUDIT_ASSIST_TRAINING] = "assist.training",
	[AUDIT_ASSIST_ATTENDANCE] = "assist.attendance",
	[AUDIT_ASSIST_ATTENDANCE_READ] = "assist.attendance_read",
	[AUDIT_ASSIST_ACTIVITY_EVALUATE] = "assist.activity_evaluate",
	[AUDIT_DIR_CREATE] = "directory.create",
	[AUDIT_DIR_EDIT] = "directory.edit",
	[AUDIT_DIR_VERIFY] = "directory.verify",
	[AUDIT_REPORT_SAVE] = "report.save",
	[AUDIT_REPORT_PROSE] = "report.prose",
};

/* Entries read per step of audit_verify. */
#define VERIFY_BATCH 1000
#define CONTEXT_MAX 256

/* This thread's context: who acts and from where (audit_context_set), and the depth
 * of audit_batch_begin. */
static _Thread_local char ctx_actor[CONTEXT_MAX], ctx_address[CONTEXT_MAX];
static _Thread_local int batch_depth;

const char *audit_action_name(enum audit_action a)
{
	return names_at(action_names, AUDIT_ACTION_COUNT, (int)a, "unknown");
}

int audit_action_parse(const char *s)
{
	return names_index(action_names, AUDIT_ACTION_COUNT, s);
}

/* s cut to at most max bytes at a UTF-8 boundary, in p (NULL stays NULL). */
static const char *cut(pool *p, const char *s, size_t max)
{
	size_t n;

	if (!s)
		return NULL;
	n = strlen(s);
	if (n <= max)
		return s;
	n = max;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return pool_strndup(p, s, n);
}

static void copy_context(char *dst, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= CONTEXT_MAX) {
		n = CONTEXT_MAX - 1;
		while (n && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

void audit_context_set(const char *actor_name, const char *address)
{
	copy_context(ctx_actor, actor_name);
	copy_context(ctx_address, address);
}

void audit_batch_begin(void)
{
	batch_depth++;
}

void audit_batch_end(void)
{
	if (batch_depth > 0)
		batch_depth--;
}

static void put_u64(crypto_generichash_state *h, unsigned long long v)
{
	unsigned char b[8];

	for (int i = 7; i >= 0; i--, v >>= 8)
		b[i] = (unsigned char)(v & 0xff);
	crypto_generichash_update(h, b, sizeof(b));
}

static void put_text(crypto_generichash_state *h, const char *s)
{
	unsigned char present = s != NULL;

	crypto_generichash_update(h, &present, 1);
	if (!s)
		return;
	put_u64(h, strlen(s));
	crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
}

void audit_hash(const struct audit_entry *en, unsigned char out[AUDIT_HASH_BYTES])
{
	static const char domain[] = "ccrepo-audit-1";
	crypto_generichash_state h;

	crypto_generichash_init(&h, NULL, 0, AUDIT_HASH_BYTES);
	crypto_generichash_update(&h, en->prev_hash, AUDIT_HASH_BYTES);
	crypto_generichash_update(&h, (const unsigned char *)domain, sizeof(domain) - 1);
	put_u64(&h, (unsigned long long)en->id);
	put_text(&h, en->at);
	put_text(&h, en->actor);
	put_text(&h, en->action);
	put_text(&h, en->target);
	put_text(&h, en->address);
	put_text(&h, en->detail);
	crypto_generichash_final(&h, out, AUDIT_HASH_BYTES);
}

int audit_append(struct store *s, const char *actor_name, enum audit_action action,
		 const char *target, const char *address, const char *detail, time_t now,
		 struct err *e)
{
	pool *p = pool_new();
	struct tx t = {0};
	struct audit_entry en;
	char at[32];
	struct tm tm;
	long long last;
	int rc;

	if ((unsigned)action >= AUDIT_ACTION_COUNT) {
		rc = err_set(e, ERR_INTERNAL, "audit: unknown action %d", (int)action);
		goto out;
	}
	if (sodium_init() < 0) {
		rc = err_set(e, ERR_INTERNAL, "audit: libsodium cannot start");
		goto out;
	}
	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	memset(&en, 0, sizeof(en));
	en.at = at;
	en.actor = cut(p, actor_name && *actor_name ? actor_name : "unknown", AUDIT_TEXT_MAX);
	en.action = action_names[action];
	en.target = cut(p, target, AUDIT_TEXT_MAX);
	en.address = cut(p, address && *address ? address : NULL, AUDIT_TEXT_MAX);
	en.detail = cut(p, detail, AUDIT_TEXT_MAX);
	if ((rc = tx_begin(&t, s, e)) || (rc = store_audit_last(s, &last, en.prev_hash, e)))
		goto out;
	en.id = last + 1;
	audit_hash(&en, en.hash);
	rc = store_audit_insert(s, &en, e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

int audit_by(struct store *s, const struct actor *a, enum audit_action action,
	     const char *target, const char *detail, struct err *e)
{
	if (batch_depth)
		return ERR_OK;
	return audit_append(s, a && a->name ? a->name : ctx_actor, action, target,
			    ctx_address, detail, time(NULL), e);
}

int audit_read_once(struct store *s, const struct actor *a, const char *target,
		    const char *detail, struct err *e)
{
	const char *who = a && a->name ? a->name : ctx_actor;
	char day[16];
	time_t now = time(NULL);
	struct tm tm;
	long long count = 0;
	struct tx t;
	int rc;

	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	if ((rc = tx_begin(&t, s, e)))
		return rc;
	if (!(rc = store_audit_read_count(s, day, who, target, &count, e)) && count == 1)
		rc = audit_append(s, who, AUDIT_READ_RESTRICTED, target, ctx_address, detail,
				  now, e);
	return tx_end(&t, rc, e);
}

int audit_ctx(struct store *s, enum audit_action action, const char *target,
	      const char *detail, time_t now, struct err *e)
{
	return audit_append(s, ctx_actor, action, target, ctx_address, detail, now, e);
}

int audit_verify(struct store *s, long long *checked, long long *first_bad,
		 struct err *e)
{
	unsigned char prev[AUDIT_HASH_BYTES], want[AUDIT_HASH_BYTES];
	long long next = 1;
	int rc = ERR_OK;

	*checked = 0;
	*first_bad = 0;
	memset(prev, 0, sizeof(prev));
	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, "audit: libsodium cannot start");
	for (;;) {
		pool *p = pool_new();
		struct audit_entry *en;
		size_t n;

		rc = store_audit_scan(s, p, next - 1, VERIFY_BATCH, &en, &n, e);
		for (size_t i = 0; !rc && i < n; i++, next++) {
			if (en[i].id != next && next == 1) {
				*first_bad = next;
				rc = err_set(e, ERR_CONFLICT, "missing (the log starts at entry "
					     "%lld)", en[i].id);
			} else if (en[i].id != next) {
				*first_bad = next;
				rc = err_set(e, ERR_CONFLICT, "missing (the log goes from entry "
					     "%lld to %lld)", next - 1, en[i].id);
			} else if (sodium_memcmp(en[i].prev_hash, prev, AUDIT_HASH_BYTES)) {
				*first_bad = next;
				rc = err_set(e, ERR_CONFLICT, "its previous hash is not the hash "
					     "of entry %lld", next - 1);
			} else {
				audit_hash(&en[i], want);
				if (sodium_memcmp(want, en[i].hash, AUDIT_HASH_BYTES)) {
					*first_bad = next;
					rc = err_set(e, ERR_CONFLICT, "its content does not match "
						     "its hash");
				}
			}
			if (!rc) {
				memcpy(prev, en[i].hash, AUDIT_HASH_BYTES);
				(*checked)++;
			}
		}
		pool_free(p);
		if (rc || n < VERIFY_BATCH)
			return rc;
	}
}

int audit_list(struct store *s, pool *p, const struct audit_filter *f, int limit,
	       int offset, struct audit_entry **out, size_t *n, struct err *e)
{
	if (limit <= 0)
		limit = 100;
	if (limit > LIMIT_AUDIT_LIST_MAX)
		limit = LIMIT_AUDIT_LIST_MAX;
	if (offset < 0)
		offset = 0;
	return store_audit_list(s, p, f, limit, offset, out, n, e);
}

int audit_entry_get(struct store *s, pool *p, long long id, struct audit_entry **out,
		    struct err *e)
{
	size_t n = 0;
	int rc;

	if ((rc = store_audit_scan(s, p, id - 1, 1, out, &n, e)))
		return rc;
	if (n != 1 || (*out)->id != id)
		return err_set(e, ERR_NOTFOUND, "the audit log has no entry %lld", id);
	return ERR_OK;
}
