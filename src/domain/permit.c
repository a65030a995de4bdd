#include "domain/permit.h"

#include <string.h>

#include "domain/user.h"

/* What a role may do to a record, beyond reading. */
enum cond {
	NO,		/* never */
	ANY,		/* any record */
	OWN_COUNTRY,	/* the record's country is the account's (a focal point's) */
	OWN,		/* the account made the record */
};

#define NACT (ACT_MAP + 1)

static const unsigned char table[ROLE_COUNT][NACT] = {
	/*                   READ CREATE       EDIT         SUBMIT       PUBLISH WITHDRAW MAP */
	[ROLE_READER]      = { NO, NO,          NO,          NO,          NO,     NO,      NO },
	[ROLE_FOCAL_POINT] = { NO, OWN_COUNTRY, OWN_COUNTRY, OWN_COUNTRY, NO,     NO,      NO },
	[ROLE_PROVIDER]    = { NO, ANY,         OWN,         OWN,         NO,     NO,      NO },
	[ROLE_CURATOR]     = { NO, ANY,         ANY,         ANY,         ANY,    ANY,     ANY },
	[ROLE_ADMIN]       = { NO, ANY,         ANY,         ANY,         ANY,    ANY,     ANY },
};

static int signed_in(const struct actor *a)
{
	return a && a->user_id && a->role >= 0 && a->role < ROLE_COUNT;
}

static int curator(const struct actor *a)
{
	return signed_in(a) && (a->role == ROLE_CURATOR || a->role == ROLE_ADMIN);
}

static int author(const struct actor *a, const struct record *rec)
{
	return signed_in(a) && rec->created_by && !strcmp(rec->created_by, a->name);
}

static int same_country(const struct actor *a, const struct record *rec)
{
	return a->country && rec->country && !strcmp(a->country, rec->country);
}

/* The reading rules: the label of a published record; drafts, submissions and
 * withdrawn records to their authors and curators, and drafts and submissions also to
 * the focal points of the record's country (who edit them). */
static int may_read(const struct actor *a, const struct record *rec)
{
	const char *tlp = rec->tlp ? rec->tlp : "CLEAR";

	if (curator(a) || author(a, rec))
		return 1;
	if (rec->status == ST_DRAFT || rec->status == ST_SUBMITTED)
		return signed_in(a) && a->role == ROLE_FOCAL_POINT && same_country(a, rec);
	if (rec->status != ST_PUBLISHED)
		return 0;
	if (!strcmp(tlp, "CLEAR"))
		return 1;
	if (!strcmp(tlp, "GREEN"))
		return signed_in(a);
	/* AMBER: also the country's focal points (the owning organisation and sharing
	 * groups come with record ownership); AMBER+STRICT and RED: curators, authors */
	if (!strcmp(tlp, "AMBER"))
		return signed_in(a) && a->role == ROLE_FOCAL_POINT && same_country(a, rec);
	return 0;
}

int permit(const struct actor *a, enum record_action action, const struct record *rec,
	   struct err *e)
{
	enum cond c;

	if (a && a->local)
		return ERR_OK;
	if (action == ACT_READ)
		return rec && may_read(a, rec) ? ERR_OK :
			err_set(e, ERR_NOTFOUND, "no such record");	/* do not reveal it */
	if ((unsigned)action >= NACT)
		return err_set(e, ERR_FORBIDDEN, "unknown action");
	if (!signed_in(a))
		return err_set(e, ERR_FORBIDDEN, "sign in to make changes");
	if (a->read_only)
		return err_set(e, ERR_FORBIDDEN, "this API token may only read");
	if (rec && action != ACT_CREATE && !may_read(a, rec))
		return err_set(e, ERR_NOTFOUND, "no such record");
	c = (enum cond)table[a->role][action];
	switch (c) {
	case ANY:
		return ERR_OK;
	case OWN_COUNTRY:
		if (!rec || same_country(a, rec))
			return ERR_OK;
		return err_set(e, ERR_FORBIDDEN, "a focal point changes only the records of "
			       "their own country");
	case OWN:
		if (!rec || author(a, rec))
			return ERR_OK;
		return err_set(e, ERR_FORBIDDEN, "a provider changes only the records they made");
	case NO:
	default:
		return err_set(e, ERR_FORBIDDEN, "the role %s may not do this",
			       role_name((enum role)a->role));
	}
}
