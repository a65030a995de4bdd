#include "domain/permit.h"

#include <string.h>

#include "domain/user.h"

/* What a role may do to a record, beyond reading. */
enum cond {
	NO,		/* never */
	ANY,		/* any record */
	OWN_COUNTRY,	/* the record's country is the account's (a focal point's) */
	OWN_ORG,	/* the account's organisation owns the record, or it made it */
};

#define NACT (ACT_VERIFY + 1)

static const unsigned char table[ROLE_COUNT][NACT] = {
	/* LABEL: only the owning organisation (or the author), curators and admins
	 * change who may read a record; a focal point edits the text of its country's
	 * records but not the label of another organisation's */
	/* ASSESS, DISPUTE, DECIDE: coverage of a country (rec names the country): a
	 * focal point assesses and disputes their own country's status; a curator
	 * assesses any country's and decides disputes (a comment on one needs DISPUTE
	 * or DECIDE: coverage.c)
	 * QUESTIONNAIRE: import and publish questionnaire templates: curators only
	 * NEED: state or close a country's capacity-building need (needs.c): a focal
	 * point for their own country, curators for any
	 * CAMPAIGN: open campaigns, return, accept, reopen answers, publish aggregates:
	 * curators only
	 * ANSWER: save and submit a country's answer: its focal points, curators for any
	 * ASSIST: request assistance (domain/assist.h): a focal point for their own
	 * country, curators for any
	 * OFFER: offer assistance: providers for their own organisation, curators for any
	 * MATCH: confirm an offer for a request: curators only
	 * FUND: pledges and disbursements: a provider account of the donor organisation
	 * (the domain checks it is a donor), curators for any
	 * DIRECTORY: add and edit the cooperation directory's entries of a country: its
	 * focal points, curators for any; VERIFY: confirm an entry is right: curators */
	/*                   READ CREATE       EDIT         SUBMIT       PUBLISH WITHDRAW MAP LABEL
	 *                   ASSESS       DISPUTE      DECIDE QUESTIONNAIRE NEED
	 *                   CAMPAIGN ANSWER ASSIST OFFER MATCH FUND DIRECTORY VERIFY */
	[ROLE_READER]      = { NO, NO,          NO,          NO,          NO,  NO,  NO,  NO,
			       NO,          NO,          NO,  NO,  NO,
			       NO,  NO,  NO,  NO,  NO,  NO,  NO, NO },
	[ROLE_FOCAL_POINT] = { NO, OWN_COUNTRY, OWN_COUNTRY, OWN_COUNTRY, NO,  NO,  NO,  OWN_ORG,
			       OWN_COUNTRY, OWN_COUNTRY, NO,  NO,  OWN_COUNTRY,
			       NO,  OWN_COUNTRY, OWN_COUNTRY, NO, NO, NO, OWN_COUNTRY, NO },
	[ROLE_PROVIDER]    = { NO, ANY,         OWN_ORG,     OWN_ORG,     NO,  NO,  NO,  OWN_ORG,
			       NO,          NO,          NO,  NO,  NO,
			       NO,  NO,  NO,  OWN_ORG, NO, OWN_ORG, NO, NO },
	[ROLE_CURATOR]     = { NO, ANY,         ANY,         ANY,         ANY, ANY, ANY, ANY,
			       ANY,         NO,          ANY, ANY, ANY,
			       ANY, ANY, ANY, ANY, ANY, ANY, ANY, ANY },
	[ROLE_ADMIN]       = { NO, ANY,         ANY,         ANY,         ANY, ANY, ANY, ANY,
			       ANY,         NO,          ANY, ANY, ANY,
			       ANY, ANY, ANY, ANY, ANY, ANY, ANY, ANY },
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
	return signed_in(a) && rec->created_by_user == a->user_id;
}

static int same_country(const struct actor *a, const struct record *rec)
{
	return a->country && rec->country && !strcmp(a->country, rec->country);
}

static int same_org(const struct actor *a, const struct record *rec)
{
	return a->org_id && rec->owner_org == a->org_id;
}

void record_clearance(const struct actor *a, struct clearance *c)
{
	memset(c, 0, sizeof(*c));
	if (!a)
		return;
	if (a->local) {
		c->all = 1;
		return;
	}
	if (!signed_in(a))
		return;
	c->curator = curator(a);
	c->user_id = a->user_id;
	c->org_id = a->org_id;
	c->country = a->role == ROLE_FOCAL_POINT ? a->country : NULL;
}

int permit(const struct actor *a, enum record_action action, const struct record *rec,
	   struct err *e)
{
	enum cond c;

	if (a && a->local)
		return ERR_OK;
	/* reading is the store's: a record in hand came through the caller's clearance
	 * (store_set_clearance), and one it may not read was never found */
	if (action == ACT_READ)
		return rec ? ERR_OK : err_set(e, ERR_NOTFOUND, "no such record");
	if ((unsigned)action >= NACT)
		return err_set(e, ERR_FORBIDDEN, "unknown action");
	if (!signed_in(a))
		return err_set(e, ERR_FORBIDDEN, "sign in to make changes");
	if (a->read_only)
		return err_set(e, ERR_FORBIDDEN, "this API token may only read");
	c = (enum cond)table[a->role][action];
	switch (c) {
	case ANY:
		return ERR_OK;
	case OWN_COUNTRY:
		if (!rec || same_country(a, rec))
			return ERR_OK;
		return err_set(e, ERR_FORBIDDEN, "a focal point changes only the records of "
			       "their own country");
	case OWN_ORG:
		if (!rec || same_org(a, rec) || author(a, rec))
			return ERR_OK;
		if (action == ACT_LABEL)
			return err_set(e, ERR_FORBIDDEN, "only the organisation that owns a "
				       "record, curators and admins change its sharing label");
		return err_set(e, ERR_FORBIDDEN, "a provider changes only the records of "
			       "their organisation");
	case NO:
	default:
		return err_set(e, ERR_FORBIDDEN, "the role %s may not do this",
			       role_name((enum role)a->role));
	}
}
