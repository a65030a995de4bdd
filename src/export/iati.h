/* iati (export): technical assistance requests as an IATI Activity Standard 2.03
 * document (<iati-activities version="2.03">), for the IATI registry and the aid
 * management systems that read it (issue 16; docs/assistance.md "IATI export").
 * Validated in tests/unit/test_iati.c against the official 2.03 schema kept in
 * tests/iati/ (data/README.md says where it comes from).
 *
 * One <iati-activity> per request the reader may read (assist_request_list: the one
 * reading rule, assist_can_read), newest first:
 *   iati-identifier    {org ref}-{request id}
 *   reporting-org      ref and name from the settings iati-org-ref and iati-org-name,
 *                      type 40 (multilateral)
 *   title, description narratives in the request's first language (xml:lang); the
 *                      description is the request's, or its title when it has none
 *   participating-org  1 Funding: each donor that pledged or disbursed; 2
 *                      Accountable: the beneficiary institution; 4 Implementing: the
 *                      providers of accepted matches and of activities
 *   activity-status    iati_status[] below (stage -> ActivityStatus 1..5)
 *   activity-date      1 planned start, 3 planned end: the preferred dates, else the
 *                      year the request was made in (assist_period); 2 actual start
 *                      (4 end), once moved to in_delivery (delivered): the first
 *                      start (last end) of its trained activities, else that move
 *   recipient-country  the request's country (alpha-2)
 *   sector             vocabulary 1 (DAC 5), iati_sectors[] below by topic
 *   budget             the request's budget over its period (type 1 original,
 *                      status 1 indicative), value-date its start
 *   transaction        pledges 2 Outgoing Commitment, disbursements 3 Disbursement:
 *                      date, value in its currency (exact minor units written as a
 *                      decimal, never through floating point), the donor as
 *                      provider-org, the beneficiary as receiver-org
 *   result             of the request's activities (assist_activity_list): people
 *                      trained by role and gender (output), test scores before and
 *                      after and the beneficiary's ratings (outcomes); counts only,
 *                      attendance names are never read
 * Text is escaped by libxml2's writer; control characters other than tab and
 * newline are dropped, so the output is always well-formed. */
#ifndef EXPORT_IATI_H
#define EXPORT_IATI_H

#include "core/err.h"
#include "core/pool.h"
#include "core/sbuf.h"

struct store;
struct actor;

/* The reporting organisation: its IATI organisation identifier and its name. */
struct iati_org {
	const char *ref, *name;
};
#define IATI_ORG_REF_DEFAULT "XM-DAC-41128"	/* UNODC in IATI's OrganisationIdentifier
						 * codelist (DAC channel 41128) */
#define IATI_ORG_NAME_DEFAULT "United Nations Office on Drugs and Crime"

/* Use org (copied; its strings must outlive the program: the settings) as the
 * reporting organisation of iati_org_current(); the server's start does, from the
 * settings iati-org-ref and iati-org-name. */
void iati_org_use(const struct iati_org *org);
/* The reporting organisation in use: the defaults until iati_org_use. */
const struct iati_org *iati_org_current(void);

/* The DAC 5 purpose code of a request's topic (a key of need_topics), or NULL. */
const char *iati_sector(const char *topic);
/* The IATI ActivityStatus code (1..5) of a stage name, or 0. */
int iati_status(const char *stage);

/* Whether ref may be an IATI organisation identifier: 1..100 bytes of letters,
 * digits, '-', '_', '.', ':' and '/'. */
int iati_ref_ok(const char *ref);

/* Append to out the IATI 2.03 document of the requests a (NULL: the public) may read,
 * of country (any ISO form; NULL every country), reported by org, generated at now
 * ("YYYY-MM-DDTHH:MM:SSZ"; NULL: the current time); *n (when not NULL) receives how
 * many activities it holds. ERR_INVALID for a bad country or org ref; the store's
 * errors. A document with no request has no iati-activity and is still written (the
 * schema wants one or more: the caller says so to users). */
int iati_export(struct store *s, pool *p, const struct actor *a, const struct iati_org *org,
		const char *country, const char *now, struct sbuf *out, size_t *n,
		struct err *e);

#endif
