/* Fuzz target of domain/campaign's CSV reader (camp_csv_read): any bytes are an
 * uploaded answer to campaign 7 of a small template (parsed once with qn_parse),
 * for Kenya. It must either refuse them with ERR_INVALID and a message (and nothing
 * in *out), or return values that keep the reader's promises (abort() otherwise): at
 * most LIMIT_CAMP_ROWS and LIMIT_CAMP_VALUES of them, each of a question of the
 * template, no question twice, each accepted by camp_value_check; and written back
 * by camp_csv_write, the values read again are the same. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/campaign.h"
#include "domain/limits.h"
#include "domain/questionnaire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char tmpl[] =
	"{\"id\": \"fz\", \"version\": 2, \"title\": \"Fuzz\", \"dimensions\": ["
	"{\"id\": \"legal\", \"questions\": ["
	" {\"id\": \"legal.s\", \"kind\": \"stage\", \"text\": \"S?\", \"evidence\": "
	"\"required\", \"stages\": [\"1\", \"2\", \"3\", \"4\", \"5\"]},"
	" {\"id\": \"legal.y\", \"kind\": \"yes_partly_no\", \"text\": {\"en\": \"Y?\", "
	"\"fr\": \"O?\"}}]},"
	"{\"id\": \"training\", \"questions\": ["
	" {\"id\": \"training.n\", \"kind\": \"number\", \"text\": \"N?\", \"min\": 0, "
	"\"max\": 9.5},"
	" {\"id\": \"training.c\", \"kind\": \"choice\", \"text\": \"C?\", \"options\": "
	"[{\"id\": \"a\", \"text\": \"A, or \\\"a\\\"\"}, {\"id\": \"b\", \"text\": \"B\"}]},"
	" {\"id\": \"training.t\", \"kind\": \"text\", \"text\": \"T?\", \"evidence\": "
	"\"optional\"}]}]}";

static const struct qn_question *question(const struct qn_template *t, const char *id)
{
	for (size_t i = 0; i < t->nquestions; i++)
		if (!strcmp(t->questions[i].id, id))
			return &t->questions[i];
	return NULL;
}

static int blank(const char *s)
{
	return !s || !*s;
}

/* Whether question id has the same value and evidence (blank ones equal) in a and b. */
static int same(const struct camp_value *a, size_t na, const struct camp_value *b, size_t nb,
		const char *id)
{
	const struct camp_value *x = NULL, *y = NULL;

	for (size_t i = 0; i < na; i++)
		if (!strcmp(a[i].question, id))
			x = &a[i];
	for (size_t i = 0; i < nb; i++)
		if (!strcmp(b[i].question, id))
			y = &b[i];
	if (!x || !y)
		return (!x || (blank(x->value) && blank(x->evidence))) &&
		       (!y || (blank(y->value) && blank(y->evidence)));
	return (blank(x->value) ? blank(y->value) : !blank(y->value) &&
		!strcmp(x->value, y->value)) &&
	       (blank(x->evidence) ? blank(y->evidence) : !blank(y->evidence) &&
		!strcmp(x->evidence, y->evidence));
}

static void check(pool *p, const struct campaign *c, const struct qn_template *t,
		  const struct camp_value *v, size_t n)
{
	struct camp_answer x = { .campaign = c->id, .country = "KE", .status = CAMP_DRAFT,
				 .revision = 3, .tlp = "GREEN" };
	struct camp_value *back;
	struct sbuf csv = SBUF_INIT;
	struct err e = { 0 };
	size_t nback;
	long long rev;

	if (n > LIMIT_CAMP_ROWS || n > LIMIT_CAMP_VALUES)
		abort();
	for (size_t i = 0; i < n; i++) {
		const struct qn_question *q = question(t, v[i].question ? v[i].question : "");

		if (!q || camp_value_check(q, v[i].value, v[i].evidence, &e))
			abort();
		for (size_t k = 0; k < i; k++)
			if (!strcmp(v[k].question, v[i].question))
				abort();
	}
	/* written back and read again: the same values */
	x.values = (struct camp_value *)v;
	x.nvalues = n;
	camp_csv_write(p, c, t, "KE", &x, LANG_FR, &csv);
	if (camp_csv_read(p, c, t, "KE", sbuf_str(&csv), csv.len, &back, &nback, &rev, &e) ||
	    rev != 3)
		abort();
	for (size_t i = 0; i < t->nquestions; i++)
		if (!same(v, n, back, nback, t->questions[i].id))
			abort();
	sbuf_release(&csv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pool *p = pool_new();
	struct qn_template *t = NULL;
	struct campaign c = { .id = 7, .title = "Fuzz", .template_id = "fz",
			      .template_version = 2, .opens_on = "2027-01-01",
			      .deadline = "2027-03-31", .scope = "list" };
	struct camp_value *v = NULL;
	struct err e = { 0 };
	size_t n = 0;
	long long rev = -1;
	int rc;

	if (qn_parse(p, tmpl, sizeof(tmpl) - 1, &t, &e))
		abort();
	rc = camp_csv_read(p, &c, t, "KE", (const char *)data, size, &v, &n, &rev, &e);
	if (rc == ERR_OK)
		check(p, &c, t, v, n);
	else if (rc != ERR_INVALID || !e.msg[0])
		abort();
	pool_free(p);
	return 0;
}
