/* campaign: questionnaire campaigns and the countries' answers (DESIGN capability 5,
 * issue 15, "Campaigns and answers"; docs/questionnaire.md).
 *
 * A curator opens a campaign on a published template version (domain/questionnaire.h)
 * for a set of countries (all, a region, a list), with an opening date and a deadline.
 * Each country asked has one answer (table campaign_country, migration 18), which goes
 *
 *     not started -> draft -> submitted -> accepted
 *                      ^          |
 *                      +- returned <-+  (a curator returns it with a comment)
 *
 * The rules, in one place (campaign.c):
 *   - who: the focal points of the country save and submit (ACT_ANSWER, own country;
 *     curators may too, for any); curators return, accept, reopen, publish
 *     (ACT_CAMPAIGN). Every step is audited in the same transaction as the change.
 *   - when: saving and submitting only from the opening date to the deadline (UTC
 *     days, both included), or to the day a curator reopened the country's answer
 *     until. An accepted answer is final; a curator who reopens it makes it returned.
 *     The command line (a->local) is not held to the days: it records past rounds
 *     (a campaign opened and answered on paper), so it may open a campaign whose
 *     deadline has passed and save into it.
 *   - revision check: every save names the revision it was made from (0 for a new
 *     answer); another revision now is ERR_CONFLICT, nothing is stored.
 *   - values: checked against the question (camp_value_check); submit needs a value
 *     for every question except free text, and evidence where the question requires
 *     it. Errors name the question ("legal.3: ...").
 *   - reading: an answer is labelled CLEAR, GREEN (the default) or AMBER. Its
 *     country's focal points, curators and the command line read it whatever its
 *     label; anyone else reads it only when CLEAR and accepted. GREEN and CLEAR
 *     accepted answers count in the campaign's aggregates, AMBER ones do not. The
 *     aggregates are read by curators, and by everybody once a curator published
 *     them; a question with fewer than CAMP_AGG_MIN answers shows its count only.
 *   - what a campaign is (title, template, dates, countries asked, counts per status)
 *     is public; the status of each country (tracking) only curators and the
 *     country's own focal points read.
 *   - every step (save, submit, return, accept, reopen, carry) makes a new revision:
 *     clients read the answer again after one. Who may not read an answer gets
 *     ERR_NOTFOUND when writing it too; a write outside the days or into a
 *     submitted or accepted answer is ERR_CONFLICT. Published aggregates follow the
 *     answers accepted (or reopened) after the publication. */
#ifndef DOMAIN_CAMPAIGN_H
#define DOMAIN_CAMPAIGN_H
#include <stddef.h>

#include "core/err.h"
#include "core/lang.h"
#include "core/pool.h"
#include "core/sbuf.h"
#include "domain/limits.h"
#include "domain/questionnaire.h"

struct store;
struct actor;

#define CAMP_AGG_MIN 3		/* answers a question's aggregate needs to be shown */

enum camp_status {
	CAMP_NOT_STARTED, CAMP_DRAFT, CAMP_SUBMITTED, CAMP_RETURNED, CAMP_ACCEPTED,
	CAMP_STATUS_COUNT
};
/* "not_started", "draft", "submitted", "returned", "accepted" (kept in the
 * database); their English names ("not started", ...), msgids of data/messages.tsv. */
extern const char *const camp_status_names[CAMP_STATUS_COUNT];
extern const char *const camp_status_titles[CAMP_STATUS_COUNT];
/* The status called s, or -1. */
int camp_status_parse(const char *s);

struct campaign {
	long long id;
	const char *title;		/* 1..LIMIT_CAMP_TITLE bytes */
	const char *template_id;
	int template_version;
	const char *opens_on, *deadline;	/* YYYY-MM-DD, UTC days, both included */
	const char *scope;		/* as opened: "all", "region:M49" or "list" */
	const char *opened_at, *opened_by;
	const char *published_at, *published_by;	/* aggregates; NULL: not yet */
	long long ncountries;		/* asked */
	long long count[CAMP_STATUS_COUNT];	/* countries per status */
};

/* One value of an answer: question id, value, evidence (NULL or ""; none). */
struct camp_value {
	const char *question;
	const char *value;		/* stage "1".."5"; "yes" "partly" "no"; a
					 * decimal number; an option id; text */
	const char *evidence;		/* a URL, a ccrepo path ("/records/12",
					 * "/countries/KE/..."), or a note */
};

/* One country's answer to one campaign. */
struct camp_answer {
	long long campaign;
	const char *country;		/* alpha-2 */
	enum camp_status status;
	long long revision;		/* 0 before the first save */
	const char *tlp;		/* "CLEAR", "GREEN", "AMBER" */
	const char *comment;		/* the curator's last comment on returning, or NULL */
	const char *reopened_until;	/* YYYY-MM-DD, or NULL */
	const char *updated_at, *updated_by;	/* the last save, or NULL */
	const char *submitted_at, *submitted_by;	/* the last submission, or NULL */
	const char *accepted_at, *accepted_by;
	int late;			/* past the deadline (and any reopening) and not
					 * submitted, or submitted after the deadline */
	struct camp_value *values;	/* camp_answer_get only; in template order */
	size_t nvalues;
};

/* ---- opening and reading campaigns ---- */

/* What a curator opens. Exactly one of all, region, countries says who is asked. */
struct camp_open {
	const char *title;
	const char *template_ref;	/* "ID" or "ID@VERSION" (0 / none: the latest
					 * published version) */
	const char *opens_on, *deadline;	/* YYYY-MM-DD; opens_on NULL: today */
	int all;			/* every country */
	const char *region;		/* an M49 region or sub-region code */
	const char *const *countries;	/* ISO codes in any form */
	size_t ncountries;
};
/* Open campaign in by a (ACT_CAMPAIGN: curators), audited campaign.open: the template
 * version must be published; the deadline not before the opening date nor more than
 * LIMIT_CAMP_DAYS after it, nor in the past (except for the command line); at least one country (ERR_INVALID "no
 * country is asked" otherwise); at most one of all / region / countries. Errors name
 * the field ("title:", "template:", "opens_on:", "deadline:", "region:",
 * "countries:"). *id receives its id. */
int camp_open(struct store *s, pool *p, const struct actor *a, const struct camp_open *in,
	      long long *id, struct err *e);
/* Every campaign, newest first (count[] filled), in p. */
int camp_list(struct store *s, pool *p, struct campaign **out, size_t *n, struct err *e);
/* Campaign id (count[] filled). ERR_NOTFOUND when absent. */
int camp_get(struct store *s, pool *p, long long id, struct campaign **out, struct err *e);
/* Campaign id and its template (parsed) in p; either out may be NULL. */
int camp_template(struct store *s, pool *p, long long id, struct campaign **c,
		  struct qn_template **t, struct err *e);
/* The campaigns that ask country (any ISO form), open ones (today between opening
 * and deadline, or reopened for it) first, then newest; status[i] (in p; may be NULL)
 * the country's status in each when a may read it (camp_can_track), else -1. */
int camp_of_country(struct store *s, pool *p, const struct actor *a, const char *country,
		    struct campaign **out, int **status, size_t *n, struct err *e);
/* The campaigns a's country is asked in and that are open today (a focal point's home
 * page); none for others. */
int camp_open_for(struct store *s, pool *p, const struct actor *a, struct campaign **out,
		  size_t *n, struct err *e);

/* ---- tracking ---- */

/* Whether a may see country's status and answer in any campaign: curators, the
 * command line, the country's focal points. */
int camp_can_track(const struct actor *a, const char *country);
/* Whether a may read answer x (its values): camp_can_track, or CLEAR and accepted. */
int camp_can_read(const struct actor *a, const struct camp_answer *x);
/* The answers of campaign id (values not filled), by the countries' English names: every country for
 * curators and the command line; ERR_FORBIDDEN for anyone else. today: YYYY-MM-DD
 * (NULL: today) to tell who is late. */
int camp_tracking(struct store *s, pool *p, const struct actor *a, long long id,
		  const char *today, struct camp_answer **out, size_t *n, struct err *e);
/* One line per country of campaign id that has not submitted (not started, draft,
 * returned), "Country name <TAB> status <TAB> e-mail, e-mail" (the e-mail addresses
 * of its focal points' accounts; "-" when none), in English, into out; for curators
 * (ERR_FORBIDDEN otherwise). */
int camp_reminders(struct store *s, pool *p, const struct actor *a, long long id,
		   struct sbuf *out, struct err *e);

/* ---- answering ---- */

/* The answer of country to campaign id with its values, if a may read it
 * (camp_can_read); ERR_NOTFOUND when the country is not asked or a may not read it
 * (the same message: nothing says it exists). */
int camp_answer_get(struct store *s, pool *p, const struct actor *a, long long id,
		    const char *country, struct camp_answer **out, struct err *e);
/* Check value and evidence for question q (value NULL or "": no answer, allowed; the
 * evidence at most LIMIT_CAMP_EVIDENCE bytes, a value at most LIMIT_CAMP_VALUE).
 * ERR_INVALID "ID: ..." naming what is wrong (the stages, options or range allowed). */
int camp_value_check(const struct qn_question *q, const char *value, const char *evidence,
		     struct err *e);
/* Save values v[0..n) (each replaces that question's value; an empty value clears
 * it; at most LIMIT_CAMP_VALUES) and, when tlp is not NULL, the label, into the
 * answer of country to campaign id, made from revision (ERR_CONFLICT "the answer
 * changed since revision N: it is at revision M" when it is not the current one).
 * Allowed in not started, draft and returned (a returned answer stays returned until
 * submitted), in the campaign's days. Unknown questions ERR_INVALID "ID: no such
 * question in TEMPLATE@V"; nothing is stored on any error. Audited answer.save.
 * *revision_out (may be NULL) receives the new revision. */
int camp_answer_save(struct store *s, pool *p, const struct actor *a, long long id,
		     const char *country, long long revision, const struct camp_value *v,
		     size_t n, const char *tlp, long long *revision_out, struct err *e);
/* Carry over into country's answer to campaign id (made from revision, as
 * camp_answer_save) the values of its latest submitted or accepted answer to another
 * campaign of the same template (any version) whose questions are unchanged
 * (qn_unchanged), into questions not answered yet. *carried (may be NULL) the count;
 * ERR_NOTFOUND "no earlier answer to carry over" when there is none. */
int camp_answer_carry(struct store *s, pool *p, const struct actor *a, long long id,
		      const char *country, long long revision, size_t *carried,
		      long long *revision_out, struct err *e);
/* Submit the answer (draft or returned, at revision), complete as the header says;
 * audited answer.submit. */
int camp_answer_submit(struct store *s, pool *p, const struct actor *a, long long id,
		       const char *country, long long revision, struct err *e);
/* A curator returns a submitted answer with comment (1..LIMIT_CAMP_COMMENT bytes),
 * audited answer.return; or accepts it, audited answer.accept. ERR_CONFLICT when the
 * answer is not submitted. */
int camp_answer_return(struct store *s, const struct actor *a, long long id,
		       const char *country, const char *comment, struct err *e);
int camp_answer_accept(struct store *s, const struct actor *a, long long id,
		       const char *country, struct err *e);
/* A curator lets country answer campaign id until date (YYYY-MM-DD, today or later,
 * at most LIMIT_CAMP_DAYS after today); an accepted answer becomes returned.
 * Audited answer.reopen. */
int camp_reopen(struct store *s, const struct actor *a, long long id, const char *country,
		const char *until, struct err *e);

/* ---- aggregates ---- */

/* One question's figures over the campaign's accepted GREEN and CLEAR answers. */
struct camp_agg {
	const struct qn_question *q;
	long long answered;		/* how many answered it */
	int shown;			/* answered >= CAMP_AGG_MIN: the figures below */
	/* stage: count[0..4] stages 1..5; yes_partly_no: count[0..2] yes, partly, no;
	 * choice: count[i] option i */
	long long count[LIMIT_QN_OPTIONS];
	double median, min, max;	/* number */
};
/* Publish campaign id's aggregates (a curator, audited campaign.publish). */
int camp_publish(struct store *s, const struct actor *a, long long id, struct err *e);
/* The aggregates of campaign id, one per question (text questions: answered only), in
 * template order, in p; *t (may be NULL) the template. ERR_FORBIDDEN unless published
 * or a is a curator or the command line. */
int camp_aggregates(struct store *s, pool *p, const struct actor *a, long long id,
		    struct qn_template **t, struct camp_agg **out, size_t *n, struct err *e);

/* ---- offline: CSV (written and read in src/export/campaign_csv.c) ---- */

/* The CSV of campaign c's template t for country (RFC 4180, UTF-8, CRLF): a first
 * comment line "# ccrepo campaign N template ID@V country CC revision R", a header
 * "question,dimension,kind,text,allowed,evidence_needed,value,evidence", then one row
 * per question in order with the question's text in lang (English where it has none)
 * and its stages' or options' texts, what the value may be in tokens ("1|2|3|4|5",
 * "yes|partly|no", "MIN..MAX", option ids), and answer x's value and evidence (x may
 * be NULL: empty), guarded against formulas (export/csv.h). Into out. */
void camp_csv_write(pool *p, const struct campaign *c, const struct qn_template *t,
		    const char *country, const struct camp_answer *x, enum lang lang,
		    struct sbuf *out);
/* Read a CSV as camp_csv_write writes it (columns found by the header's names:
 * question and value are needed, evidence read when present, the others ignored;
 * blank lines and lines starting with '#' skipped except that the first line, when
 * it is the comment, must name campaign c, its template and version and country;
 * the formula guard is taken off; values of questions other than text trimmed): values into *out (in p).
 * ERR_INVALID "row N (question ID): ..." for the first bad row: an unknown question,
 * a question twice, a value camp_value_check refuses, more than LIMIT_CAMP_ROWS rows,
 * a malformed line; "the CSV is for campaign N, ID@V, CC; this is ..." for another
 * campaign's, version's or country's file; *revision (may be NULL) the revision the
 * comment names (0 without one). */
int camp_csv_read(pool *p, const struct campaign *c, const struct qn_template *t,
		  const char *country, const char *csv, size_t len, struct camp_value **out,
		  size_t *n, long long *revision, struct err *e);

/* ---- progress ---- */

/* A country's answer to one campaign, summed per dimension: the mean stage of its
 * stage questions answered (0 when none). */
struct camp_progress {
	const struct campaign *campaign;
	double mean[8];			/* by qn_dimensions index */
	int answered[8];		/* stage questions answered per dimension */
};
/* For country, every campaign whose answer (submitted or accepted) a may read, oldest
 * first, in p. */
int camp_progress(struct store *s, pool *p, const struct actor *a, const char *country,
		  struct camp_progress **out, size_t *n, struct err *e);

/* ---- for ranked needs (domain/needs.c) ---- */

/* Campaigns and their parsed templates already read, so that walking many countries
 * reads and parses each once (zero it before the first use; lives in the pool p of
 * the calls that fill it). */
#define CAMP_MEMO_MAX 32
struct camp_memo {
	long long id[CAMP_MEMO_MAX];
	struct campaign *c[CAMP_MEMO_MAX];
	struct qn_template *t[CAMP_MEMO_MAX];
	size_t n;
};
/* The latest answer of country (alpha-2) a may read (submitted or accepted; newest
 * campaign first), with its values, campaign and template, or *out NULL when none.
 * memo may be NULL. */
int camp_latest_answer(struct store *s, pool *p, const struct actor *a, const char *country,
		       struct camp_memo *memo, struct camp_answer **out, struct campaign **c,
		       struct qn_template **t, struct err *e);

#endif
