/* fixture: temporary databases and people for unit tests (fixture.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"

#include "core/log.h"
#include "core/pool.h"
#include "domain/refdata.h"
#include "domain/share.h"

const struct actor fixture_local = { .name = "curator", .local = 1, .role = -1 };
const struct actor fixture_visitor = { .name = "visitor", .local = 0, .role = -1 };

static char dir[64];
static int ndb;

int fixture_setup(const char *name)
{
	log_set_level(LOG_ERROR);
	user_pwhash_limits(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	snprintf(dir, sizeof(dir), "/tmp/ccrepo-%.20s-XXXXXX", name);
	if (!mkdtemp(dir)) {
		dir[0] = '\0';
		return -1;
	}
	return 0;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

int fixture_teardown(void)
{
	int rc = 0;

	if (dir[0])
		rc = nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) ? -1 : 0;
	dir[0] = '\0';
	return rc;
}

int fixture_group_setup(void **state)
{
	(void)state;
	return fixture_setup(program_invocation_short_name);
}

int fixture_group_teardown(void **state)
{
	(void)state;
	return fixture_teardown();
}

const char *fixture_path(const char *name)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

int fixture_have_isocodes(void)
{
	return access(FIXTURE_ISO_DIR "/iso_3166-1.json", R_OK) == 0;
}

static int put_kenya(struct store *s, struct err *e)
{
	struct country ke = { .alpha2 = "KE", .alpha3 = "KEN", .numeric = "404" };

	for (int l = 0; l < LANG_COUNT; l++)
		ke.names[l] = "Kenya";
	return store_country_put(s, &ke, e);
}

int fixture_db_open(const char *name, int flags, struct store **out, struct err *e)
{
	static const struct clearance operator = { .all = 1 };
	char numbered[32];
	int from, to, did = 0;

	*out = NULL;
	if (!name) {
		snprintf(numbered, sizeof(numbered), "%d.db", ++ndb);
		name = numbered;
	}
	if (store_open(fixture_path(name), out, e))
		return e->code;
	if ((!(flags & FIX_BARE) && store_migrate(*out, &from, &to, e)) ||
	    (!(flags & FIX_PUBLIC) && store_set_clearance(*out, &operator, e)) ||
	    ((flags & FIX_KENYA) && put_kenya(*out, e)) ||
	    ((flags & FIX_REFDATA) && refdata_ensure(*out, FIXTURE_ISO_DIR,
						     FIXTURE_LOCALE_DIR, 0, &did, NULL, e)))
		return e->code;
	return ERR_OK;
}

struct store *fixture_db(const char *name, int flags)
{
	struct store *s = NULL;
	struct err e = { 0 };

	if ((flags & FIX_REFDATA) && !fixture_have_isocodes())
		skip();
	if (fixture_db_open(name, flags, &s, &e))
		fail_msg("database %s: %s", name ? name : "(numbered)", e.msg);
	return s;
}

long long fixture_org(struct store *s, const char *name, enum org_kind kind,
		      const char *country)
{
	struct org o = { .name = name, .kind = kind, .country = country };
	pool *p = pool_new();
	struct err e = { 0 };

	if (org_add(s, p, &o, &e))
		fail_msg("organisation %s: %s", name, e.msg);
	pool_free(p);
	return o.id;
}

long long fixture_org_id(struct store *s, const char *name)
{
	pool *p = pool_new();
	struct org *o;
	struct err e = { 0 };
	long long id;

	if (org_get(s, p, name, &o, &e) == ERR_OK)
		id = o->id;
	else
		id = fixture_org(s, name, ORG_NATIONAL_AUTHORITY, NULL);
	pool_free(p);
	return id;
}

long long fixture_user(struct store *s, const char *name, enum role role,
		       const char *org, const char *country)
{
	struct user u = { .username = name, .role = role, .country = country };
	struct err e = { 0 };
	long long id;

	u.org_id = fixture_org_id(s, org);
	if (store_user_insert(s, &u, "not-a-hash", 0, &id, &e))
		fail_msg("account %s: %s", name, e.msg);
	return id;
}

struct actor fixture_actor(struct store *s, const char *name, enum role role,
			   const char *org, const char *country)
{
	struct actor a = { .name = name, .role = (int)role, .country = country };

	a.user_id = fixture_user(s, name, role, org, country);
	a.org_id = fixture_org_id(s, org);
	return a;
}

size_t fixture_count(struct store *s, int kind)
{
	pool *p = pool_new();
	struct record_query q = { kind, NULL, -1, NULL, 10000, 0, 0, 0 };
	struct record *rs;
	size_t n = 0;
	struct err e = { 0 };

	if (store_record_list(s, p, &q, &rs, &n, &e))
		fail_msg("list records: %s", e.msg);
	pool_free(p);
	return n;
}

long long fixture_group(struct store *s, const char *name, const char *const *orgs,
			size_t n)
{
	pool *p = pool_new();
	struct err e = { 0 };
	long long id;

	if (share_group_add(s, p, name, &id, &e))
		fail_msg("sharing group %s: %s", name, e.msg);
	for (size_t i = 0; i < n; i++) {
		fixture_org_id(s, orgs[i]);
		if (share_group_member(s, p, name, orgs[i], 1, &e))
			fail_msg("%s in %s: %s", orgs[i], name, e.msg);
	}
	pool_free(p);
	return id;
}
