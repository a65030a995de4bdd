/* audit: the append-only, hash-chained log of every write, sign-in, failed sign-in,
 * export and read of a restricted record (DESIGN capability 9). Each entry's hash is
 * BLAKE2b-256 over the previous entry's hash and a length-prefixed encoding of the
 * entry (audit_hash); audit_verify recomputes the chain. Entries never hold secrets:
 * no passwords, token secrets or session ids. See docs/security.md, "Audit log". */
#ifndef DOMAIN_AUDIT_H
#define DOMAIN_AUDIT_H
#include <stddef.h>
#include <time.h>

#include "core/err.h"
#include "core/pool.h"

struct store;
struct actor;

#define AUDIT_HASH_BYTES 32
#define AUDIT_TEXT_MAX 2000	/* actor, target, address and detail are cut to this */

/* What happened: the names stored in the action column. */
enum audit_action {
	AUDIT_RECORD_CREATE, AUDIT_RECORD_EDIT, AUDIT_RECORD_STATUS, AUDIT_MAPPING_SET,
	AUDIT_MAPPING_SUGGEST, AUDIT_IMPORT, AUDIT_EXPORT, AUDIT_SIGNIN, AUDIT_SIGNIN_FAILED,
	AUDIT_SIGNOUT, AUDIT_USER_ADD, AUDIT_USER_DISABLE, AUDIT_USER_ENABLE,
	AUDIT_USER_PASSWD, AUDIT_TOKEN_CREATE, AUDIT_TOKEN_REVOKE, AUDIT_ORG_ADD,
	AUDIT_READ_RESTRICTED, AUDIT_GROUP_ADD, AUDIT_GROUP_JOIN, AUDIT_GROUP_LEAVE,
	AUDIT_RECORD_SHARE, AUDIT_RECORD_PROPOSE, AUDIT_CHANGE_PUBLISH, AUDIT_CHANGE_REJECT,
	AUDIT_COV_ASSESS, AUDIT_COV_WITHDRAW, AUDIT_COV_DISPUTE, AUDIT_COV_COMMENT,
	AUDIT_COV_DECIDE, AUDIT_QN_IMPORT, AUDIT_QN_PUBLISH, AUDIT_NEED_STATE, AUDIT_NEED_CLOSE,
	AUDIT_CAMP_OPEN, AUDIT_CAMP_PUBLISH, AUDIT_ANSWER_SAVE, AUDIT_ANSWER_SUBMIT,
	AUDIT_ANSWER_RETURN, AUDIT_ANSWER_ACCEPT, AUDIT_ANSWER_REOPEN, AUDIT_NEED_WEIGHTS,
	AUDIT_ASSIST_REQUEST, AUDIT_ASSIST_EDIT, AUDIT_ASSIST_MOVE, AUDIT_ASSIST_OFFER,
	AUDIT_ASSIST_OFFER_WITHDRAW, AUDIT_ASSIST_MATCH, AUDIT_ASSIST_MATCH_ACCEPT,
	AUDIT_ASSIST_MATCH_DECLINE, AUDIT_ASSIST_EVALUATE, AUDIT_ASSIST_FUND,
	AUDIT_ASSIST_ACTIVITY, AUDIT_ASSIST_TRAINING, AUDIT_ASSIST_ATTENDANCE,
	AUDIT_ASSIST_ATTENDANCE_READ, AUDIT_ASSIST_ACTIVITY_EVALUATE,
	AUDIT_DIR_CREATE, AUDIT_DIR_EDIT, AUDIT_DIR_VERIFY,
	AUDIT_REPORT_SAVE, AUDIT_REPORT_PROSE,
	AUDIT_ACTION_COUNT
};

struct audit_entry {
	long long id;		/* 1, 2, 3, ... without gaps */
	const char *at;		/* "YYYY-MM-DDTHH:MM:SSZ" (UTC) */
	const char *actor;	/* who: an account's or the CLI user's name */
	const char *action;	/* audit_action_name() */
	const char *target;	/* "record/12", "user/alice", "token/ID", "org/NAME", ...;
				 * may be NULL */
	const char *address;	/* the client's IP address; NULL from the CLI */
	const char *detail;	/* a short description; may be NULL */
	unsigned char prev_hash[AUDIT_HASH_BYTES];	/* zeros for the first entry */
	unsigned char hash[AUDIT_HASH_BYTES];
};

/* A filter for audit_list. NULL fields do not filter. */
struct audit_filter {
	const char *actor;	/* exactly */
	const char *action;	/* exactly */
	const char *target;	/* a prefix of the target ("record/12" also finds
				 * "record/12x"; end it with what follows to be exact) */
	const char *since, *until;	/* since <= at < until, compared as text */
	int records_only;	/* only entries about records (target "record/N") that
				 * the connection's clearance may read: what a curator
				 * sees; decided in one place, the store */
};

/* The action's name ("record.create", ...) and back (-1 when unknown). Static. */
const char *audit_action_name(enum audit_action a);
int audit_action_parse(const char *s);

/* Append an entry, inside the caller's transaction when there is one (a savepoint of
 * it; otherwise its own): reads the last entry's hash, sets the next id, the time
 * (now, unix seconds) and the hash. Strings longer than AUDIT_TEXT_MAX bytes are cut
 * (at a UTF-8 boundary). actor_name NULL is recorded as "unknown". */
int audit_append(struct store *s, const char *actor_name, enum audit_action action,
		 const char *target, const char *address, const char *detail, time_t now,
		 struct err *e);
/* audit_append for a domain write by a (its name; the address of this thread's
 * context, see audit_context_set), at the current time. Does nothing inside
 * audit_batch_begin/end on this thread. */
int audit_by(struct store *s, const struct actor *a, enum audit_action action,
	     const char *target, const char *detail, struct err *e);
/* A read of a restricted record (target "record/ID") by a: the first read of the day
 * by that reader (its name, else this thread's context) writes one read.restricted
 * entry; every read is counted in the store's daily tally (audit_read), so that a
 * reader who reloads a page cannot flood the log. */
int audit_read_once(struct store *s, const struct actor *a, const char *target,
		    const char *detail, struct err *e);
/* audit_append for functions that take no actor (accounts): the actor and address
 * of this thread's context ("unknown" when none was set). */
int audit_ctx(struct store *s, enum audit_action action, const char *target,
	      const char *detail, time_t now, struct err *e);

/* Who acts on this thread, for entries whose callers cannot say (the account
 * functions take no actor) and the client's address for every entry: the CLI sets
 * it once at start, the HTTP server per request (and clears it with NULLs after).
 * The strings are copied (cut to 255 bytes). */
void audit_context_set(const char *actor_name, const char *address);

/* Between begin and end on this thread, audit_by writes nothing: an import writes
 * one entry for the whole file instead of one per record. Calls nest. */
void audit_batch_begin(void);
void audit_batch_end(void);

/* The hash of en (its id, at, actor, action, target, address, detail) chained to
 * en->prev_hash, into out: BLAKE2b-256 of prev_hash || "ccrepo-audit-1" || the id as
 * 8 bytes big-endian || for each of the six texts a byte 0 (NULL) or 1 followed, when
 * 1, by its length as 8 bytes big-endian and its bytes. */
void audit_hash(const struct audit_entry *en, unsigned char out[AUDIT_HASH_BYTES]);

/* Walk the whole log in id order recomputing every hash. ERR_OK when intact, with
 * *checked the number of entries; otherwise ERR_CONFLICT with *first_bad the id of
 * the first entry that is missing (a gap), whose prev_hash is not the previous hash
 * or whose hash does not match its content, and the reason in e. ERR_DB when it
 * cannot be read. */
int audit_verify(struct store *s, long long *checked, long long *first_bad,
		 struct err *e);
/* The entry with id (from 1), ERR_NOTFOUND when the log has none. Memory from p. */
int audit_entry_get(struct store *s, pool *p, long long id, struct audit_entry **out,
		    struct err *e);
/* Entries matching f (NULL: all), newest first, skipping offset and at most limit
 * (0: 100; more than 1000: 1000); the array and strings belong to p. */
int audit_list(struct store *s, pool *p, const struct audit_filter *f, int limit,
	       int offset, struct audit_entry **out, size_t *n, struct err *e);

#endif
