/* share: with whom a record is shared beyond its label. Sharing groups are named
 * sets of organisations; an AMBER record may name groups whose organisations then
 * read it, and a RED record names the accounts that read it (docs/security.md). The
 * store applies both when it reads (store/sqlite/clearance.c). Also the public list
 * of what was shared with private-sector and civil-society organisations, and when
 * (para 12 of the resolution: cooperation "in a transparent and accountable
 * manner"). */
#ifndef DOMAIN_SHARE_H
#define DOMAIN_SHARE_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/record.h"
#include "domain/user.h"

struct store;

#define SHARE_NAMES_MAX 64	/* groups or readers named on one record */

struct share_group {
	long long id;
	const char *name;
	const char *created_at;	/* may be NULL (made before schema version 7) */
	const char *members;	/* the organisations' names joined by ", "; NULL: none */
};

/* Whom one record is shared with: group names and account names, sorted. */
struct record_share {
	const char **groups;
	size_t ngroups;
	const char **readers;
	size_t nreaders;
};

/* One grant to a private-sector or civil-society organisation, without personal
 * data: no names of people, no titles. */
struct share_event {
	const char *at;			/* when it was granted */
	enum record_kind kind;
	const char *country;		/* may be NULL (a regional record) */
	const char *tlp;
	const char *org;		/* the organisation's name */
	enum org_kind org_kind;
	const char *group;		/* through this sharing group, or NULL: a named
					 * reader of a RED record */
};

/* A comma-separated list of names ("Partners, East Africa") into at most max names in
 * p, each trimmed of spaces, empty ones skipped: their number, or -1 when there are
 * more than max. */
int share_names_split(pool *p, const char *list, const char **out, int max);
/* names[0..n) joined by ", " in p ("" for none). */
const char *share_names_join(pool *p, const char *const *names, size_t n);
/* Add a sharing group (1-200 bytes of text, unique). ERR_INVALID, ERR_CONFLICT. */
int share_group_add(struct store *s, pool *p, const char *name, long long *id,
		    struct err *e);
/* Every group by name, with its members. */
int share_group_list(struct store *s, pool *p, struct share_group **out, size_t *n,
		     struct err *e);
/* Add (join 1) or remove (join 0) organisation org to or from group, both by name.
 * ERR_NOTFOUND naming which does not exist. Written to the audit log. */
int share_group_member(struct store *s, pool *p, const char *group, const char *org,
		       int join, struct err *e);
/* Whom record id is shared with, for actor a who must be able to read it (ERR_NOTFOUND
 * otherwise) and to change its sharing (ACT_LABEL; ERR_FORBIDDEN otherwise). */
int record_share_get(struct store *s, pool *p, const struct actor *a, long long id,
		     struct record_share *out, struct err *e);
/* Share record id with exactly these groups and accounts (by name; at most
 * SHARE_NAMES_MAX each), replacing what it was shared with; grants that stay keep
 * their time. Whoever may edit the record may do this (ACT_EDIT); ERR_NOTFOUND for an
 * unknown group or account, naming it. Written to the audit log. */
int record_share_set(struct store *s, pool *p, const struct actor *a, long long id,
		     const char *const *groups, size_t ngroups, const char *const *readers,
		     size_t nreaders, struct err *e);
/* What published AMBER records were shared with private-sector and civil-society
 * organisations through sharing groups, and RED records with accounts of such
 * organisations, newest first: limit (1-500) from offset. For everybody to see. */
int share_events(struct store *s, pool *p, int limit, int offset, struct share_event **out,
		 size_t *n, struct err *e);

#endif
