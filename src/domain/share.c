#include "domain/share.h"

#include <string.h>
#include <time.h>

#include "core/utf8.h"
#include "domain/audit.h"
#include "domain/tx.h"
#include "store/store.h"

#define GROUP_NAME_MAX 200

static int name_valid(const char *s, struct err *e)
{
	size_t n = s ? strlen(s) : 0;

	if (!n)
		return err_set(e, ERR_INVALID, "name: required");
	if (n > GROUP_NAME_MAX)
		return err_set(e, ERR_INVALID, "name: longer than %d bytes", GROUP_NAME_MAX);
	if (!utf8_valid(s, n))
		return err_set(e, ERR_INVALID, "name: not valid UTF-8");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f || s[i] == ',')
			return err_set(e, ERR_INVALID, "name: contains a control character "
				       "or a comma");
	return ERR_OK;
}

int share_group_add(struct store *s, pool *p, const char *name, long long *id,
		    struct err *e)
{
	struct share_group *g;
	size_t n;
	struct err probe = { 0 };
	struct tx t;
	int rc;

	if ((rc = name_valid(name, e)))
		return rc;
	if (!store_group_list(s, p, name, &g, &n, &probe))
		return err_set(e, ERR_CONFLICT, "sharing group '%s' exists already", name);
	if ((rc = tx_begin(&t, s, e)))
		return rc;
	if (!(rc = store_group_insert(s, name, time(NULL), id, e)))
		rc = audit_ctx(s, AUDIT_GROUP_ADD, pool_printf(p, "group/%s", name), NULL,
			       time(NULL), e);
	return tx_end(&t, rc, e);
}

int share_group_list(struct store *s, pool *p, struct share_group **out, size_t *n,
		     struct err *e)
{
	return store_group_list(s, p, NULL, out, n, e);
}

int share_group_member(struct store *s, pool *p, const char *group, const char *org,
		       int join, struct err *e)
{
	struct share_group *g;
	struct org *o;
	size_t n;
	struct tx t;
	int rc;

	if ((rc = store_group_list(s, p, group, &g, &n, e)) ||
	    (rc = org_get(s, p, org, &o, e)) || (rc = tx_begin(&t, s, e)))
		return rc;
	if (!(rc = store_group_member(s, g->id, o->id, join, time(NULL), e)))
		rc = audit_ctx(s, join ? AUDIT_GROUP_JOIN : AUDIT_GROUP_LEAVE,
			       pool_printf(p, "group/%s", group), pool_printf(p, "org/%s", org),
			       time(NULL), e);
	return tx_end(&t, rc, e);
}

int record_share_get(struct store *s, pool *p, const struct actor *a, long long id,
		     struct record_share *out, struct err *e)
{
	struct record *r;
	int rc;

	/* whom a record is shared with (account names among them) is for those who
	 * may change it */
	if ((rc = store_record_get(s, p, id, &r, e)) ||
	    (rc = record_allow(a, ACT_LABEL, r, e)))
		return rc;
	return store_share_get(s, p, id, out, e);
}

int share_names_split(pool *p, const char *list, const char **out, int max)
{
	char *copy = pool_strdup(p, list ? list : ""), *save = NULL;
	int n = 0;

	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char *end;

		while (*t == ' ')
			t++;
		end = t + strlen(t);
		while (end > t && end[-1] == ' ')
			*--end = '\0';
		if (!*t)
			continue;
		if (n == max)
			return -1;
		out[n++] = t;
	}
	return n;
}

const char *share_names_join(pool *p, const char *const *names, size_t n)
{
	const char *out = "";

	for (size_t i = 0; i < n; i++)
		out = pool_printf(p, "%s%s%s", out, i ? ", " : "", names[i]);
	return out;
}

int record_share_set(struct store *s, pool *p, const struct actor *a, long long id,
		     const char *const *groups, size_t ngroups, const char *const *readers,
		     size_t nreaders, struct err *e)
{
	long long gids[SHARE_NAMES_MAX], uids[SHARE_NAMES_MAX];
	struct record *r;
	struct tx t;
	int rc;

	if (ngroups > SHARE_NAMES_MAX || nreaders > SHARE_NAMES_MAX)
		return err_set(e, ERR_INVALID, "at most %d groups and %d readers",
			       SHARE_NAMES_MAX, SHARE_NAMES_MAX);
	if ((rc = store_record_get(s, p, id, &r, e)) ||
	    (rc = record_allow(a, ACT_LABEL, r, e)))
		return rc;
	for (size_t i = 0; i < ngroups; i++) {
		struct share_group *g;
		size_t n;

		if ((rc = store_group_list(s, p, groups[i], &g, &n, e)))
			return rc;
		gids[i] = g->id;
	}
	for (size_t i = 0; i < nreaders; i++) {
		struct user *u;

		if ((rc = user_get(s, p, readers[i], &u, e)))
			return rc;
		uids[i] = u->id;
	}
	if ((rc = tx_begin(&t, s, e)))
		return rc;
	if (!(rc = store_share_set(s, id, gids, ngroups, uids, nreaders, time(NULL), e)))
		rc = audit_by(s, a, AUDIT_RECORD_SHARE, pool_printf(p, "record/%lld", id),
			      pool_printf(p, "groups: %s; readers: %s",
					  share_names_join(p, groups, ngroups),
					  share_names_join(p, readers, nreaders)), e);
	return tx_end(&t, rc, e);
}

int share_events(struct store *s, pool *p, int limit, int offset, struct share_event **out,
		 size_t *n, struct err *e)
{
	if (limit < 1 || limit > 500)
		limit = 100;
	return store_share_events(s, p, limit, offset < 0 ? 0 : offset, out, n, e);
}
