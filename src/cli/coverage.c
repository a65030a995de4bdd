/* ccrepo coverage: a country's coverage of the instruments' articles, the countries
 * covering one article, as text or CSV; and recording or withdrawing a "not covered"
 * assessment. The subcommands are rows of a table; the rules are domain/coverage's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/sbuf.h"
#include "domain/coverage.h"
#include "export/csv.h"
#include "store/store.h"

/* What the command parsed before opening the database. */
struct cov_args {
	struct cov_query q;
	const char *country, *article_ref;
	int csv;
};

/* The evidence of a cell as one line: "URI~EID (num, lang@date, extent)" joined by
 * "; ". */
static void print_evidence(const struct cov_cell *c)
{
	for (size_t k = 0; k < c->nevidence; k++) {
		const struct cov_evidence *v = &c->evidence[k];

		printf("%s%s~%s (%s%s%s@%s, %s", k ? "; " : "        ", v->work_uri, v->eid,
		       v->num ? v->num : "", v->num ? ", " : "", v->version_language,
		       v->version_date, v->extent);
		if (v->derived)
			printf(", through %s/%d", v->via_instrument, v->via_article);
		putchar(')');
	}
	if (c->nevidence)
		putchar('\n');
}

/* The matrix as CSV on standard output. */
static void print_csv(pool *p, const struct cov_matrix *m)
{
	struct sbuf out = SBUF_INIT;

	csv_coverage(&out, p, m);
	fwrite(sbuf_str(&out), 1, out.len, stdout);
	sbuf_release(&out);
}

static void print_score(const char *label, const struct cov_score *s)
{
	printf("  %-16s %3.0f%%  (covered %d, partly %d, not covered %d, unknown %d of %d)\n",
	       label, 100 * s->score, s->covered, s->partly, s->not_covered, s->unknown,
	       s->counted);
}

static int country_report(struct cli_ctx *c)
{
	const struct cov_args *ar = c->data;
	struct cov_query q = ar->q;
	const char *one[] = { ar->country };
	const struct cov_country_row *r;
	struct cov_matrix *m;

	q.countries = one;
	q.ncountries = 1;
	if (cov_matrix(c->s, c->p, cli_actor(), &q, &m, &c->e))
		return cli_failed(c);
	r = &m->rows[0];
	if (ar->csv) {
		print_csv(c->p, m);
		return 0;
	}
	printf("%s (%s) on %s\n%s\n", country_name(r->country, LANG_EN), r->country->alpha2,
	       m->at, COV_FORMULA);
	print_score("overall", &r->overall);
	for (size_t k = 0; k < cov_category_count; k++)
		if (r->by_category[k].counted &&
		    (!q.category || !strcmp(q.category, cov_categories[k])))
			print_score(cov_categories[k], &r->by_category[k]);
	if (r->safeguards_flag)
		printf("  procedural powers without any safeguard covered\n");
	putchar('\n');
	for (size_t j = 0; j < m->narticles; j++) {
		const struct cov_cell *cl = &r->cells[j];
		const struct article *a = &m->articles[j];

		printf("%s/%-3d %-15s%s %s\n", a->instrument, a->number, cov_status_label(cl->status),
		       cl->derived ? " (derived)" : "", a->title);
		print_evidence(cl);
		if (cl->assessment)
			printf("        assessment %lld (%s, from %s): %s\n", cl->assessment->id,
			       cl->assessment->recorded_by, cl->assessment->as_of,
			       cl->assessment->note);
		if (cl->disputed)
			printf("        disputed\n");
	}
	return 0;
}

static int article_report(struct cli_ctx *c)
{
	const struct cov_args *ar = c->data;
	struct cov_matrix *m;
	int count[COV_STATUS_COUNT] = { 0 };

	if (cov_matrix(c->s, c->p, cli_actor(), &ar->q, &m, &c->e))
		return cli_failed(c);
	if (!m->narticles) {
		err_set(&c->e, ERR_INVALID, "article: not counted");
		return cli_failed(c);
	}
	if (ar->csv) {
		print_csv(c->p, m);
		return 0;
	}
	printf("%s/%d %s on %s\n", m->articles[0].instrument, m->articles[0].number,
	       m->articles[0].title, m->at);
	for (size_t i = 0; i < m->nrows; i++) {
		const struct cov_cell *cl = &m->rows[i].cells[0];

		count[cl->status]++;
		if (cl->status == COV_UNKNOWN)
			continue;
		printf("%s %-15s%s %s\n", m->rows[i].country->alpha2,
		       cov_status_label(cl->status), cl->derived ? " (derived)" : "",
		       country_name(m->rows[i].country, LANG_EN));
		print_evidence(cl);
		if (!cl->nevidence && cl->assessment)
			printf("        %s\n", cl->assessment->note);
	}
	printf("covered %d, partly %d, not covered %d, unknown %d of %zu countries\n",
	       count[COV_COVERED], count[COV_PARTLY], count[COV_NOT], count[COV_UNKNOWN],
	       m->nrows);
	return 0;
}

static int assess(struct cli_ctx *c)
{
	const char *instrument;
	int number;
	long long id;

	if (cov_article_ref(c->p, c->pos[1], &instrument, &number, &c->e) ||
	    cov_assess(c->s, cli_actor(), c->pos[0], instrument, number,
		       cli_opt(c->argc, c->argv, "--as-of"), cli_opt(c->argc, c->argv, "--note"),
		       &id, &c->e))
		return cli_failed(c);
	printf("assessment %lld recorded: %s %s not covered\n", id, c->pos[0], c->pos[1]);
	return 0;
}

static int withdraw(struct cli_ctx *c)
{
	long long id = num_id(c->pos[0]);

	if (!id) {
		err_set(&c->e, ERR_INVALID, "give the assessment's id");
		return cli_failed(c);
	}
	if (cov_withdraw(c->s, cli_actor(), id, &c->e))
		return cli_failed(c);
	printf("assessment %lld withdrawn\n", id);
	return 0;
}

static const struct cli_sub subs[] = {
	{ "assess", NULL, "coverage assess", 2, assess },
	{ "withdraw", NULL, "coverage withdraw", 1, withdraw },
};

static int usage(void)
{
	fprintf(stderr, "usage: ccrepo coverage COUNTRY [--at=DATE] [--instrument=ID] "
		"[--category=NAME] [--csv]\n"
		"       ccrepo coverage --article=un-cc/7 [--at=DATE] [--region=M49] [--csv]\n"
		"       ccrepo coverage assess COUNTRY ARTICLE --note=TEXT [--as-of=DATE]\n"
		"       ccrepo coverage withdraw ID\n");
	return 2;
}

int cli_coverage(const struct config *cfg, int argc, char **argv)
{
	struct cli_ctx c = { .argc = argc, .argv = argv, .name = "coverage" };
	struct cov_args ar = { 0 };
	char *pos[4];
	pool *p;
	int n = 0, rc;

	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "--", 2) && n < 4)
			pos[n++] = argv[i];
	if ((rc = cli_dispatch(cfg, &c, subs, sizeof(subs) / sizeof(subs[0]), usage)) >= 0)
		return rc;
	ar.q.at = cli_opt(argc, argv, "--at");
	ar.q.instrument = cli_opt(argc, argv, "--instrument");
	ar.q.category = cli_opt(argc, argv, "--category");
	ar.q.region = cli_opt(argc, argv, "--region");
	ar.article_ref = cli_opt(argc, argv, "--article");
	ar.csv = cli_switch(argc, argv, "--csv");
	if ((ar.article_ref != NULL) == (n == 1) || n > 1)
		return usage();
	c.data = &ar;
	if (n == 1) {
		ar.country = pos[0];
		return cli_run(cfg, &c, country_report);
	}
	p = pool_new();
	if (cov_article_ref(p, ar.article_ref, &ar.q.instrument, &ar.q.article, &c.e)) {
		rc = cli_failed(&c);
		goto out;
	}
	rc = cli_run(cfg, &c, article_report);
out:
	pool_free(p);
	return rc;
}
