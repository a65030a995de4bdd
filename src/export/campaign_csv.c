/* The offline form of a campaign's answer: the CSV a country downloads, fills in a
 * spreadsheet and uploads (camp_csv_write, camp_csv_read; contract in
 * domain/campaign.h, format in docs/questionnaire.md). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "domain/campaign.h"
#include "core/utf8.h"
#include "export/csv.h"

/* The columns, in the order written. */
enum { COL_QUESTION, COL_DIMENSION, COL_KIND, COL_TEXT, COL_ALLOWED, COL_EVIDENCE_NEEDED,
       COL_VALUE, COL_EVIDENCE, NCOLS };
static const char *const col_names[NCOLS] = {
	"question", "dimension", "kind", "text", "allowed", "evidence_needed", "value",
	"evidence",
};
#define MAX_FIELDS 64		/* columns of one row read; more is an error */

static const char *text_in(const struct qn_text *t, enum lang lang)
{
	return t->t[lang] ? t->t[lang] : t->t[LANG_EN];
}

/* What the value of q may be, in tokens (no prose: the file is in any language). */
static const char *allowed(pool *p, const struct qn_question *q)
{
	struct sbuf b;
	const char *r;

	switch (q->kind) {
	case QN_STAGE:
		return "1|2|3|4|5";
	case QN_YES_PARTLY_NO:
		return "yes|partly|no";
	case QN_NUMBER:
		if (!q->has_min && !q->has_max)
			return "number";
		return pool_printf(p, "%s..%s", q->has_min ? pool_printf(p, "%g", q->min) : "",
				   q->has_max ? pool_printf(p, "%g", q->max) : "");
	case QN_CHOICE:
		sbuf_init(&b);
		for (size_t i = 0; i < q->noptions; i++)
			sbuf_addf(&b, "%s%s", i ? "|" : "", q->options[i].id);
		r = pool_strdup(p, sbuf_str(&b));
		sbuf_release(&b);
		return r;
	default:
		return "";
	}
}

/* The question's text in lang, with its stages' or options' texts on lines below. */
static const char *question_text(pool *p, const struct qn_question *q, enum lang lang)
{
	struct sbuf b;
	const char *r;

	sbuf_init(&b);
	sbuf_adds(&b, text_in(&q->text, lang));
	for (int i = 0; q->kind == QN_STAGE && i < QN_STAGES; i++)
		sbuf_addf(&b, "\n%d = %s", i + 1, text_in(&q->stages[i], lang));
	for (size_t i = 0; q->kind == QN_CHOICE && i < q->noptions; i++)
		sbuf_addf(&b, "\n%s = %s", q->options[i].id, text_in(&q->options[i].text, lang));
	r = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return r;
}

void camp_csv_write(pool *p, const struct campaign *c, const struct qn_template *t,
		    const char *country, const struct camp_answer *x, enum lang lang,
		    struct sbuf *out)
{
	const char *f[NCOLS];

	sbuf_addf(out, "# ccrepo campaign %lld template %s@%d country %s revision %lld\r\n",
		  c->id, t->id, t->version, country, x ? x->revision : 0LL);
	csv_row_raw(out, col_names, NCOLS);
	for (size_t i = 0; i < t->nquestions; i++) {
		const struct qn_question *q = &t->questions[i];
		const struct camp_value *v = NULL;

		for (size_t k = 0; x && k < x->nvalues && !v; k++)
			if (!strcmp(x->values[k].question, q->id))
				v = &x->values[k];
		f[COL_QUESTION] = q->id;
		f[COL_DIMENSION] = qn_dimensions[q->dimension];
		f[COL_KIND] = qn_kind_names[q->kind];
		f[COL_TEXT] = question_text(p, q, lang);
		f[COL_ALLOWED] = allowed(p, q);
		f[COL_EVIDENCE_NEEDED] = qn_evidence_names[q->evidence];
		f[COL_VALUE] = v ? v->value : NULL;
		f[COL_EVIDENCE] = v ? v->evidence : NULL;
		/* guarded against formulas; camp_csv_read takes the guard off again */
		csv_row(out, f, NCOLS);
	}
}

/* ---- reading ---- */

struct reader {
	const char *at, *end;
	size_t row;			/* of the record last read, from 1 */
	pool *p;
};

/* Read the next record's fields into f (at most MAX_FIELDS; *nf their count). 0 at the
 * end, 1 for a record, -1 when a quote is not closed or a row has too many fields. */
static int record(struct reader *r, const char **f, size_t *nf)
{
	struct sbuf b;
	int quoted;

	*nf = 0;
	if (r->at >= r->end)
		return 0;
	r->row++;
	sbuf_init(&b);
	for (;;) {
		sbuf_reset(&b);
		quoted = r->at < r->end && *r->at == '"';
		if (quoted) {
			for (r->at++;; r->at++) {
				if (r->at >= r->end) {
					sbuf_release(&b);
					return -1;
				}
				if (*r->at == '"') {
					if (r->at + 1 < r->end && r->at[1] == '"')
						r->at++;
					else
						break;
				}
				sbuf_addc(&b, *r->at);
			}
			r->at++;
		}
		/* unquoted bytes (also any after a closing quote) to the separator */
		while (r->at < r->end && *r->at != ',' && *r->at != '\n' && *r->at != '\r')
			sbuf_addc(&b, *r->at++);
		if (*nf == MAX_FIELDS) {
			sbuf_release(&b);
			return -1;
		}
		f[(*nf)++] = pool_strdup(r->p, sbuf_str(&b));
		if (r->at < r->end && *r->at == ',') {
			r->at++;
			continue;
		}
		if (r->at < r->end && *r->at == '\r')
			r->at++;
		if (r->at < r->end && *r->at == '\n')
			r->at++;
		break;
	}
	sbuf_release(&b);
	return 1;
}

/* s without ASCII white space around it, in p. */
static const char *trim(pool *p, const char *s)
{
	size_t n;

	while (*s && isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return pool_strndup(p, s, n);
}

/* s without the formula guard camp_csv_write adds ('= becomes =). */
static const char *unguard(const char *s)
{
	return s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]) ? s + 1 : s;
}

static int blank(const char *const *f, size_t nf)
{
	for (size_t i = 0; i < nf; i++)
		for (const char *c = f[i]; *c; c++)
			if (!isspace((unsigned char)*c))
				return 0;
	return 1;
}

/* The first line's comment: which campaign, template and country the file is for. */
static int comment_check(pool *p, const char *line, const struct campaign *c,
			 const struct qn_template *t, const char *country, long long *revision,
			 struct err *e)
{
	long long id = 0, rev = 0;
	char tmpl[LIMIT_QN_ID + 16] = "", who[8] = "";

	if (sscanf(line, "# ccrepo campaign %lld template %79s country %7s revision %lld",
		   &id, tmpl, who, &rev) != 4)
		return err_set(e, ERR_INVALID, "row 1: the first line is not the comment "
			       "'# ccrepo campaign N template ID@V country CC revision R'");
	if (id != c->id || strcmp(tmpl, pool_printf(p, "%s@%d", t->id, t->version)) ||
	    strcmp(who, country))
		return err_set(e, ERR_INVALID, "the CSV is for campaign %lld, %s, %s; this is "
			       "campaign %lld, %s@%d, %s", id, tmpl, who, c->id, t->id,
			       t->version, country);
	if (revision)
		*revision = rev;
	return ERR_OK;
}

/* Find the columns of the header f[0..nf): col[i] for col_names[i], or -1. */
static int header(const char *const *f, size_t nf, int col[NCOLS], struct reader *r,
		  struct err *e)
{
	for (int i = 0; i < NCOLS; i++) {
		col[i] = -1;
		for (size_t k = 0; k < nf; k++)
			if (!strcasecmp(trim(r->p, f[k]), col_names[i]))
				col[i] = (int)k;
	}
	if (col[COL_QUESTION] < 0 || col[COL_VALUE] < 0)
		return err_set(e, ERR_INVALID, "row %zu: the header names no 'question' and "
			       "'value' columns", r->row);
	return ERR_OK;
}

static const char *field(const char *const *f, size_t nf, int col)
{
	return col >= 0 && (size_t)col < nf ? f[col] : "";
}

/* The message of e without its "ID: " start (camp_value_check's). */
static const char *after_id(const struct err *e, const char *id)
{
	size_t n = strlen(id);

	return !strncmp(e->msg, id, n) && !strncmp(e->msg + n, ": ", 2) ? e->msg + n + 2
									: e->msg;
}

int camp_csv_read(pool *p, const struct campaign *c, const struct qn_template *t,
		  const char *country, const char *csv, size_t len, struct camp_value **out,
		  size_t *n, long long *revision, struct err *e)
{
	struct reader r = { csv, csv + len, 0, p };
	const char *f[MAX_FIELDS];
	size_t nf, *row_of;
	int col[NCOLS], have_header = 0, rc;

	*out = NULL;
	*n = 0;
	if (revision)
		*revision = 0;
	if (len > LIMIT_CAMP_CSV_BYTES)
		return err_set(e, ERR_INVALID, "the CSV is larger than %d bytes",
			       LIMIT_CAMP_CSV_BYTES);
	if (len >= 3 && !memcmp(csv, "\xef\xbb\xbf", 3))
		r.at += 3;	/* a spreadsheet's byte order mark */
	if (memchr(csv, 0, len) || !utf8_valid(csv, len))
		return err_set(e, ERR_INVALID, "the CSV is not UTF-8 text");
	/* the limit on rows first, whatever the rows hold (a line is at most one row) */
	{
		size_t lines = 0;

		for (const char *nl = memchr(csv, '\n', len); nl;
		     nl = memchr(nl + 1, '\n', len - (size_t)(nl + 1 - csv)))
			if (++lines > LIMIT_CAMP_ROWS)
				return err_set(e, ERR_INVALID, "the CSV has more than %d rows",
					       LIMIT_CAMP_ROWS);
	}
	*out = pool_calloc(p, t->nquestions ? t->nquestions : 1, sizeof(**out));
	row_of = pool_calloc(p, t->nquestions ? t->nquestions : 1, sizeof(size_t));
	while ((rc = record(&r, f, &nf)) == 1) {
		const char *id, *value, *ev;
		const struct qn_question *q = NULL;
		struct err ve = { 0 };
		size_t qi;

		if (r.row > LIMIT_CAMP_ROWS)
			return err_set(e, ERR_INVALID, "the CSV has more than %d rows",
				       LIMIT_CAMP_ROWS);
		if (r.row == 1 && nf && !strncmp(trim(p, f[0]), "#", 1)) {
			if ((rc = comment_check(p, trim(p, f[0]), c, t, country, revision, e)))
				return rc;
			continue;
		}
		if (blank(f, nf) || !strncmp(trim(p, f[0]), "#", 1))
			continue;
		if (!have_header) {
			if ((rc = header(f, nf, col, &r, e)))
				return rc;
			have_header = 1;
			continue;
		}
		id = trim(p, field(f, nf, col[COL_QUESTION]));
		if (!*id)
			return err_set(e, ERR_INVALID, "row %zu: no question id", r.row);
		for (qi = 0; qi < t->nquestions && strcmp(t->questions[qi].id, id); qi++)
			;
		if (qi == t->nquestions)
			return err_set(e, ERR_INVALID, "row %zu (question %.64s): no such question "
				       "in %s@%d", r.row, id, t->id, t->version);
		q = &t->questions[qi];
		if (row_of[qi])
			return err_set(e, ERR_INVALID, "row %zu (question %s): answered twice (also "
				       "row %zu)", r.row, id, row_of[qi]);
		row_of[qi] = r.row;
		value = unguard(field(f, nf, col[COL_VALUE]));
		if (q->kind != QN_TEXT)
			value = trim(p, value);
		ev = trim(p, unguard(field(f, nf, col[COL_EVIDENCE])));
		if (camp_value_check(q, value, ev, &ve))
			return err_set(e, ERR_INVALID, "row %zu (question %s): %s", r.row, id,
				       after_id(&ve, id));
		(*out)[*n].question = q->id;
		(*out)[*n].value = value;
		(*out)[*n].evidence = ev;
		(*n)++;
	}
	if (rc < 0)
		return err_set(e, ERR_INVALID, "row %zu: a quote is not closed or the row has "
			       "more than %d columns", r.row, MAX_FIELDS);
	if (!have_header)
		return err_set(e, ERR_INVALID, "the CSV has no header row");
	return ERR_OK;
}
