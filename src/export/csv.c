#include "export/csv.h"

#include <stdio.h>
#include <string.h>

static void put_field(struct sbuf *out, const char *s, int guard)
{
	size_t len;
	int prefix, quote;

	if (!s || !*s)
		return;
	len = strlen(s);
	prefix = guard && strchr("=+-@\t\r", s[0]);
	quote = s[strcspn(s, ",\"\r\n")] || s[0] == ' ' || s[0] == '\t' ||
		s[len - 1] == ' ' || s[len - 1] == '\t';
	if (!quote && !prefix) {
		sbuf_add(out, s, len);
		return;
	}
	sbuf_grow(out, len + 4);
	if (quote)
		sbuf_addc(out, '"');
	if (prefix)
		sbuf_addc(out, '\'');
	if (quote) {
		for (const char *q; (q = strchr(s, '"')); s = q + 1) {
			sbuf_add(out, s, (size_t)(q - s) + 1);
			sbuf_addc(out, '"');
		}
		sbuf_adds(out, s);
		sbuf_addc(out, '"');
	} else {
		sbuf_add(out, s, len);
	}
}

void csv_field(struct sbuf *out, const char *s)
{
	put_field(out, s, 1);
}

void csv_field_raw(struct sbuf *out, const char *s)
{
	put_field(out, s, 0);
}

static void put_row(struct sbuf *out, const char *const *fields, size_t n, int guard)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_addc(out, ',');
		put_field(out, fields[i], guard);
	}
	sbuf_add(out, "\r\n", 2);
}

void csv_row(struct sbuf *out, const char *const *fields, size_t n)
{
	put_row(out, fields, n, 1);
}

void csv_row_raw(struct sbuf *out, const char *const *fields, size_t n)
{
	put_row(out, fields, n, 0);
}

int csv_doc_provisions(const struct doc *d, struct sbuf *out, struct err *e)
{
	static const char *const header[] = {
		"work_uri", "expression", "eid", "kind", "num", "heading", "text",
		"parent_eid", "depth",
	};
	struct sbuf expr = SBUF_INIT;
	char depth[24];
	int rc = ERR_OK;

	if (!d || !d->root) {
		rc = err_set(e, ERR_INVALID, "csv export: no document");
		goto done;
	}
	if (d->language || d->expr_date)
		sbuf_addf(&expr, "%s@%s", d->language ? d->language : "",
			  d->expr_date ? d->expr_date : "");
	csv_row(out, header, sizeof(header) / sizeof(header[0]));
	for (const struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n)) {
		const char *row[9];
		size_t k = 0;

		for (const struct doc_node *a = n; a != d->root; a = a->parent)
			k++;
		snprintf(depth, sizeof(depth), "%zu", k);
		row[0] = d->work_uri;
		row[1] = sbuf_str(&expr);
		row[2] = n->eid;
		row[3] = n->kind;
		row[4] = n->num;
		row[5] = n->heading;
		row[6] = n->text;
		row[7] = n->parent->eid;
		row[8] = depth;
		csv_row(out, row, 9);
	}
done:
	sbuf_release(&expr);
	return rc;
}

static const char *const coverage_head[] = {
	"country", "instrument", "article", "title", "category", "status", "derived",
	"evidence", "assessment", "disputed",
};
#define COVERAGE_COLS (sizeof(coverage_head) / sizeof(coverage_head[0]))

/* The evidence of a cell as one field (csv_coverage), in p. */
static const char *coverage_evidence(pool *p, const struct cov_cell *c)
{
	struct sbuf b = SBUF_INIT;
	const char *out;

	for (size_t k = 0; k < c->nevidence; k++) {
		const struct cov_evidence *v = &c->evidence[k];

		sbuf_addf(&b, "%s%s~%s (%s%s%s@%s, %s", k ? "; " : "", v->work_uri, v->eid,
			  v->num ? v->num : "", v->num ? ", " : "", v->version_language,
			  v->version_date, v->extent);
		if (v->derived)
			sbuf_addf(&b, ", through %s/%d", v->via_instrument, v->via_article);
		sbuf_addc(&b, ')');
	}
	out = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return out;
}

void csv_coverage(struct sbuf *out, pool *p, const struct cov_matrix *m)
{
	csv_row(out, coverage_head, COVERAGE_COLS);
	for (size_t i = 0; i < m->nrows; i++) {
		for (size_t j = 0; j < m->narticles; j++) {
			const struct article *a = &m->articles[j];
			const struct cov_cell *c = &m->rows[i].cells[j];
			const char *f[COVERAGE_COLS] = {
				m->rows[i].country->alpha2, a->instrument,
				pool_printf(p, "%d", a->number), a->title, a->category,
				cov_status_name(c->status), c->derived ? "1" : "0",
				coverage_evidence(p, c), c->assessment ? c->assessment->note : "",
				c->disputed ? "1" : "0",
			};

			csv_row(out, f, COVERAGE_COLS);
		}
	}
}
