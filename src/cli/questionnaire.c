/* ccrepo questionnaire: import a template (a draft, or published with --publish),
 * publish a draft, list the stored versions, show one. The subcommands are rows of a
 * table; the rules are domain/questionnaire's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/sbuf.h"
#include "domain/questionnaire.h"
#include "store/store.h"

static int import(struct cli_ctx *c)
{
	int publish = cli_switch(c->argc, c->argv, "--publish");
	struct qn_template *t;
	size_t len = 0;
	char *json = NULL;
	int rc;

	/* one byte over the limit, so that the domain refuses it with its message */
	if (file_read(c->pos[0], LIMIT_QN_BYTES + 1, &json, &len, &c->e))
		return cli_failed(c);
	rc = qn_import(c->s, c->p, cli_actor(), json, len, publish, &t, &c->e);
	free(json);
	if (rc)
		return cli_failed(c);
	printf("questionnaire %s version %d imported (%s): %zu questions in %d dimensions\n",
	       t->id, t->version, publish ? "published" : "draft", t->nquestions,
	       t->ndimensions);
	return 0;
}

static int publish(struct cli_ctx *c)
{
	const char *id;
	int version;

	if (qn_ref(c->p, c->pos[0], &id, &version, &c->e) ||
	    qn_publish(c->s, cli_actor(), id, version, &c->e))
		return cli_failed(c);
	printf("questionnaire %s published\n", c->pos[0]);
	return 0;
}

static int list(struct cli_ctx *c)
{
	struct qn_version *v;
	size_t n;

	if (qn_list(c->s, c->p, &v, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%s@%d\t%s\t%lld questions\t%s\n", v[i].id, v[i].version, v[i].status,
		       v[i].nquestions, v[i].title);
	return 0;
}

static int show(struct cli_ctx *c)
{
	struct qn_template *t;
	struct qn_version *v;
	const char *id;
	int version, dim = -1;

	if (qn_ref(c->p, c->pos[0], &id, &version, &c->e) ||
	    qn_get(c->s, c->p, id, version, &v, &t, &c->e))
		return cli_failed(c);
	if (cli_switch(c->argc, c->argv, "--json")) {
		fputs(v->json, stdout);
		return 0;
	}
	printf("%s@%d %s (%s; imported %s by %s)\n", v->id, v->version, v->title, v->status,
	       v->imported_at, v->imported_by);
	for (size_t i = 0; i < t->nquestions; i++) {
		const struct qn_question *q = &t->questions[i];

		if (q->dimension != dim) {
			dim = q->dimension;
			printf("\n%s: %s\n", qn_dimensions[dim], qn_dimension_titles[dim]);
		}
		printf("  %-3d %s [%s%s%s] %s\n", q->ordinal, q->id, qn_kind_names[q->kind],
		       q->evidence ? ", evidence " : "",
		       q->evidence ? qn_evidence_names[q->evidence] : "", q->text.t[LANG_EN]);
		for (int k = 0; q->kind == QN_STAGE && k < QN_STAGES; k++)
			printf("        %d. %s\n", k + 1, q->stages[k].t[LANG_EN]);
		for (size_t k = 0; k < q->noptions; k++)
			printf("        - %s: %s\n", q->options[k].id, q->options[k].text.t[LANG_EN]);
		if (q->has_min || q->has_max)
			printf("        range %s%g .. %s%g\n", q->has_min ? "" : "(none) ",
			       q->has_min ? q->min : 0, q->has_max ? "" : "(none) ",
			       q->has_max ? q->max : 0);
		for (size_t k = 0; k < q->narticles; k++)
			printf("%s%s%s", k ? ", " : "        about ", q->articles[k],
			       k + 1 == q->narticles ? "\n" : "");
	}
	return 0;
}

static const struct cli_sub subs[] = {
	{ "import", NULL, "questionnaire import", 1, import },
	{ "publish", NULL, "questionnaire publish", 1, publish },
	{ "list", NULL, "questionnaire list", 0, list },
	{ "show", NULL, "questionnaire show", 1, show },
};

static int usage(void)
{
	fprintf(stderr, "usage: ccrepo questionnaire import FILE [--publish]\n"
		"       ccrepo questionnaire publish ID[@VERSION]\n"
		"       ccrepo questionnaire list\n"
		"       ccrepo questionnaire show ID[@VERSION] [--json]\n");
	return 2;
}

int cli_questionnaire(const struct config *cfg, int argc, char **argv)
{
	struct cli_ctx c = { .argc = argc, .argv = argv, .name = "questionnaire" };
	int rc = cli_dispatch(cfg, &c, subs, sizeof(subs) / sizeof(subs[0]), usage);

	return rc < 0 ? usage() : rc;
}
