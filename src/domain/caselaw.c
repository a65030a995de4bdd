#include "domain/caselaw.h"

#include <stddef.h>

#define CASE_TEXT_MAX (256 * 1024)
#define F(m) offsetof(struct caselaw, m)

static const struct kind_field fields[] = {
	{ "court", KT_TEXT, 500, KF_REQUIRED | KF_SEARCH | KF_LIST, "Court", NULL, NULL,
	  F(court), 0 },
	{ "decided", KT_DATE, 10, KF_LIST, "Date of the decision", "Decided", NULL,
	  F(decided), 0 },
	{ "citation", KT_TEXT, 500, KF_SEARCH | KF_SUBTITLE, "Citation", NULL, NULL,
	  F(citation), 0 },
	{ "parties", KT_TEXT, 2000, KF_SEARCH, "Parties", NULL, "They may be anonymised.",
	  F(parties), 0 },
	{ "summary", KT_LONG, CASE_TEXT_MAX, KF_SEARCH, "Summary", NULL, NULL, F(summary), 0 },
	{ "facts", KT_LONG, CASE_TEXT_MAX, KF_SEARCH, "Facts", NULL, NULL, F(facts), 0 },
	{ "outcome", KT_LONG, CASE_TEXT_MAX, KF_SEARCH, "Outcome", NULL, NULL, F(outcome), 0 },
	{ "evidence_issues", KT_LONG, CASE_TEXT_MAX, KF_SEARCH, "Electronic evidence issues",
	  NULL, NULL, F(evidence_issues), 0 },
	{ "keywords", KT_KEYWORDS, 2000, KF_SEARCH, "Keywords", NULL, "Separated by commas.",
	  F(keywords), 0 },
	{ "applied", KT_LINKS, CASE_APPLIED_MAX, 0, "Provisions applied", NULL,
	  "One per line, such as /akn/ke/act/2018/5/~sec_14", F(applied), F(napplied) },
	{ "work_uri", KT_WORK, 1000, KF_NOFORM, "Judgment", NULL, "The text of the judgment",
	  F(work_uri), 0 },
};

const struct kind caselaw_kind = {
	.id = REC_CASE, .name = "case", .path = "cases", .api = "cases", .table = "caselaw",
	.size = sizeof(struct caselaw), .fields = fields,
	.nfields = sizeof(fields) / sizeof(fields[0]),
	.title_label = "Case name", .plural = "Case law", .heading = "Case law",
	.intro = "Court decisions on cybercrime and electronic evidence, with the provisions "
		 "they applied.",
	.add = "Add a case", .edit = "Edit the case", .none = "No cases match.",
	.missing = "There is no such case.", .no_country = "Choose the country of the court.",
};

int caselaw_save(struct store *s, const struct actor *a, struct caselaw *c, long long *id,
		 struct err *e)
{
	return kind_save(s, a, &caselaw_kind, c, id, e);
}

int caselaw_get(struct store *s, pool *p, long long id, struct caselaw **out, struct err *e)
{
	return kind_get(s, p, &caselaw_kind, id, (void **)out, e);
}

int caselaw_list(struct store *s, pool *p, const struct record_query *q,
		 struct caselaw **out, size_t *n, struct err *e)
{
	return kind_list(s, p, NULL, &caselaw_kind, q, (void **)out, n, e);
}
