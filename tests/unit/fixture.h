/* fixture: what unit tests that need a database share (tests/unit/fixture.c, linked
 * into every unit test program). A test program calls fixture_setup() once (its
 * group setup), makes as many databases as it likes with fixture_db(), people with
 * fixture_org(), fixture_user(), fixture_actor() and fixture_group(), and
 * fixture_teardown() at the end, which removes every file it made. The helpers that
 * return a value fail the running test (cmocka) when the store refuses. */
#ifndef TESTS_UNIT_FIXTURE_H
#define TESTS_UNIT_FIXTURE_H
#include <stddef.h>

#include "core/err.h"
#include "domain/record.h"
#include "domain/user.h"
#include "store/store.h"

/* Where fixture_db(FIX_REFDATA) loads reference data from (Debian iso-codes). */
#define FIXTURE_ISO_DIR "/usr/share/iso-codes/json"
#define FIXTURE_LOCALE_DIR "/usr/share/locale"

/* What fixture_db() puts into a new database besides the migrated schema. */
enum fixture_flags {
	FIX_BARE = 1,		/* not migrated */
	FIX_REFDATA = 2,	/* the reference data (skip() without iso-codes) */
	FIX_KENYA = 4,		/* only the country KE, named "Kenya" in every language */
	FIX_PUBLIC = 8,		/* read as the public, not as the operator */
};

/* Two actors of the command line: the operator ("curator", local, may do anything)
 * and an anonymous caller over HTTP ("visitor", the public). */
extern const struct actor fixture_local;
extern const struct actor fixture_visitor;

/* Make the program's temporary directory /tmp/ccrepo-NAME-XXXXXX; quiet the log
 * (errors only) and make password hashing as cheap as libsodium allows. 0, or -1
 * when the directory cannot be made: the return of a cmocka group setup. */
int fixture_setup(const char *name);
/* Remove the directory and everything in it; 0 or -1 (a group teardown). Closes no
 * database: tests close the ones they opened. */
int fixture_teardown(void);
/* fixture_setup and fixture_teardown as cmocka group fixtures, the directory named
 * after the program: cmocka_run_group_tests(tests, fixture_group_setup,
 * fixture_group_teardown). */
int fixture_group_setup(void **state);
int fixture_group_teardown(void **state);
/* The path of file name inside the directory, in a static buffer that the next call
 * overwrites. */
const char *fixture_path(const char *name);
/* Whether Debian's iso-codes is installed (FIX_REFDATA needs it). */
int fixture_have_isocodes(void);

/* Open a new database file name in the directory (NULL: "N.db", numbered) with what
 * flags say; by default migrated and read by the operator (clearance all). Without
 * asserting: ERR_OK, or the error with the message in e (*out may then be a
 * connection to close, or NULL). For group setups that report their own failures. */
int fixture_db_open(const char *name, int flags, struct store **out, struct err *e);
/* The same, failing the test on error; with FIX_REFDATA, skip() the test when
 * iso-codes is missing. Close the result with store_close(). */
struct store *fixture_db(const char *name, int flags);

/* Add an organisation (org_add: checked and audited); its id. country may be NULL. */
long long fixture_org(struct store *s, const char *name, enum org_kind kind,
		      const char *country);
/* The id of organisation name, made (a national authority, no country) if absent. */
long long fixture_org_id(struct store *s, const char *name);
/* Add an account straight to the store (no password: its hash is "not-a-hash"), of
 * organisation org (made if absent); its id. country: a focal point's, else NULL. */
long long fixture_user(struct store *s, const char *name, enum role role,
		       const char *org, const char *country);
/* An account made with fixture_user, as the actor that signs in as it. The actor
 * keeps the pointers name and country: pass strings that outlive it. */
struct actor fixture_actor(struct store *s, const char *name, enum role role,
			   const char *org, const char *country);
/* How many records of kind (enum record_kind; -1: every kind) s reads, up to 10,000. */
size_t fixture_count(struct store *s, int kind);
/* Add a sharing group whose members are the organisations orgs[0..n) (made if
 * absent); its id. */
long long fixture_group(struct store *s, const char *name, const char *const *orgs,
			size_t n);

#endif
