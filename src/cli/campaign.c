/* ccrepo campaign: open a questionnaire campaign, follow it, record a country's answer
 * from its CSV (a round answered on paper or offline), return, accept, reopen, publish
 * the figures. The subcommands are rows of a table; the rules are domain/campaign's.
 * The command line is not held to a campaign's days (it records past rounds). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/num.h"
#include "core/sbuf.h"
#include "domain/campaign.h"
#include "store/store.h"

static long long id_of(struct cli_ctx *c, const char *s)
{
	long long id = num_id(s);

	if (id <= 0)
		err_set(&c->e, ERR_INVALID, "'%.40s' is not a campaign id", s);
	return id;
}

/* "KE,NG, US" into codes (in p). */
static size_t split(pool *p, const char *list, const char ***out)
{
	size_t n = 0, cap = 8;
	const char **v = pool_calloc(p, cap, sizeof(*v));

	for (const char *at = list; at && *at;) {
		size_t len = strcspn(at, ", ");

		if (len) {
			if (n == cap) {
				const char **w = pool_calloc(p, cap * 2, sizeof(*w));

				memcpy(w, v, n * sizeof(*v));
				v = w;
				cap *= 2;
			}
			v[n++] = pool_strndup(p, at, len);
		}
		at += len + (at[len] != 0);
	}
	*out = v;
	return n;
}

static int open_(struct cli_ctx *c)
{
	struct camp_open in = {
		.title = cli_opt(c->argc, c->argv, "--title"),
		.template_ref = cli_opt(c->argc, c->argv, "--template"),
		.opens_on = cli_opt(c->argc, c->argv, "--opens"),
		.deadline = cli_opt(c->argc, c->argv, "--deadline"),
		.all = cli_switch(c->argc, c->argv, "--all"),
		.region = cli_opt(c->argc, c->argv, "--region"),
	};
	const char **codes;
	long long id;

	in.ncountries = split(c->p, cli_opt(c->argc, c->argv, "--countries"), &codes);
	in.countries = codes;
	if (!in.template_ref)
		in.template_ref = "ccrepo-needs";
	if (camp_open(c->s, c->p, cli_actor(), &in, &id, &c->e))
		return cli_failed(c);
	printf("campaign %lld opened\n", id);
	return 0;
}

static int list(struct cli_ctx *c)
{
	struct campaign *v;
	size_t n;

	if (camp_list(c->s, c->p, &v, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%s@%d\t%s..%s\t%lld countries\t%lld submitted\t%lld accepted\t%s\n",
		       v[i].id, v[i].template_id, v[i].template_version, v[i].opens_on,
		       v[i].deadline, v[i].ncountries, v[i].count[CAMP_SUBMITTED],
		       v[i].count[CAMP_ACCEPTED], v[i].title);
	return 0;
}

static int show(struct cli_ctx *c)
{
	struct campaign *k;
	struct camp_agg *g;
	size_t n;
	long long id = id_of(c, c->pos[0]);

	if (id <= 0 || camp_get(c->s, c->p, id, &k, &c->e) ||
	    camp_aggregates(c->s, c->p, cli_actor(), id, NULL, &g, &n, &c->e))
		return cli_failed(c);
	printf("campaign %lld: %s\ntemplate %s@%d, %s to %s, %s, opened %s by %s\n", k->id,
	       k->title, k->template_id, k->template_version, k->opens_on, k->deadline,
	       k->scope, k->opened_at, k->opened_by);
	printf("countries %lld:", k->ncountries);
	for (int s = 0; s < CAMP_STATUS_COUNT; s++)
		printf(" %s %lld%s", camp_status_titles[s], k->count[s],
		       s + 1 < CAMP_STATUS_COUNT ? "," : "\n");
	printf("figures %s\n", k->published_at ? k->published_at : "not published");
	for (size_t i = 0; i < n; i++) {
		printf("  %s\t%lld answered", g[i].q->id, g[i].answered);
		if (g[i].shown && g[i].q->kind == QN_NUMBER)
			printf("\tmedian %g, %g..%g", g[i].median, g[i].min, g[i].max);
		else if (g[i].shown && g[i].q->kind != QN_TEXT) {
			size_t m = g[i].q->kind == QN_STAGE ? QN_STAGES :
				   g[i].q->kind == QN_CHOICE ? g[i].q->noptions : 3;

			for (size_t j = 0; j < m; j++)
				printf("%s%lld", j ? "/" : "\t", g[i].count[j]);
		}
		printf("\n");
	}
	return 0;
}

static int tracking(struct cli_ctx *c)
{
	struct camp_answer *x;
	size_t n;
	long long id = id_of(c, c->pos[0]);

	if (id <= 0 || camp_tracking(c->s, c->p, cli_actor(), id, NULL, &x, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%s\t%s%s\trevision %lld\t%s\t%s\n", x[i].country,
		       camp_status_names[x[i].status], x[i].late ? " (late)" : "", x[i].revision,
		       x[i].updated_at ? x[i].updated_at : "-",
		       x[i].submitted_at ? x[i].submitted_at : "-");
	return 0;
}

static int reminders(struct cli_ctx *c)
{
	struct sbuf b;
	long long id = id_of(c, c->pos[0]);
	int rc;

	sbuf_init(&b);
	if (id <= 0 || (rc = camp_reminders(c->s, c->p, cli_actor(), id, &b, &c->e))) {
		sbuf_release(&b);
		return cli_failed(c);
	}
	fputs(sbuf_str(&b), stdout);
	sbuf_release(&b);
	return 0;
}

static int csv(struct cli_ctx *c)
{
	struct campaign *k;
	struct qn_template *t;
	struct camp_answer *x;
	struct sbuf b;
	long long id = id_of(c, c->pos[0]);
	const char *lang = cli_opt(c->argc, c->argv, "--lang");
	int l = lang ? lang_parse(lang, -1) : LANG_EN;

	if (l < 0)
		err_set(&c->e, ERR_INVALID, "--lang: '%.10s' is not ar, zh, en, fr, ru or es",
			lang);
	if (id <= 0 || l < 0 || camp_template(c->s, c->p, id, &k, &t, &c->e) ||
	    camp_answer_get(c->s, c->p, cli_actor(), id, c->pos[1], &x, &c->e))
		return cli_failed(c);
	sbuf_init(&b);
	camp_csv_write(c->p, k, t, x->country, x, (enum lang)l, &b);
	fputs(sbuf_str(&b), stdout);
	sbuf_release(&b);
	return 0;
}

static int answer(struct cli_ctx *c)
{
	struct campaign *k;
	struct qn_template *t;
	struct camp_answer *x;
	struct camp_value *v;
	const char *file = cli_opt(c->argc, c->argv, "--csv");
	long long id = id_of(c, c->pos[0]), rev;
	size_t len = 0, n;
	char *text = NULL;
	int rc = 1;

	if (!file)
		err_set(&c->e, ERR_INVALID, "--csv=FILE is required");
	if (id <= 0 || !file || camp_template(c->s, c->p, id, &k, &t, &c->e) ||
	    camp_answer_get(c->s, c->p, cli_actor(), id, c->pos[1], &x, &c->e) ||
	    file_read(file, LIMIT_CAMP_CSV_BYTES, &text, &len, &c->e) ||
	    camp_csv_read(c->p, k, t, x->country, text, len, &v, &n, NULL, &c->e) ||
	    camp_answer_save(c->s, c->p, cli_actor(), id, x->country, x->revision, v, n,
			     cli_opt(c->argc, c->argv, "--tlp"), &rev, &c->e) ||
	    (cli_switch(c->argc, c->argv, "--submit") &&
	     camp_answer_submit(c->s, c->p, cli_actor(), id, x->country, rev, &c->e)))
		goto out;
	printf("answer of %s to campaign %lld saved: %zu values, revision %lld%s\n",
	       x->country, id, n, rev, cli_switch(c->argc, c->argv, "--submit") ?
	       ", submitted" : "");
	rc = 0;
out:
	free(text);
	return rc ? cli_failed(c) : 0;
}

static int carry(struct cli_ctx *c)
{
	struct camp_answer *x;
	long long id = id_of(c, c->pos[0]), rev;
	size_t n;

	if (id <= 0 || camp_answer_get(c->s, c->p, cli_actor(), id, c->pos[1], &x, &c->e) ||
	    camp_answer_carry(c->s, c->p, cli_actor(), id, x->country, x->revision, &n, &rev,
			      &c->e))
		return cli_failed(c);
	printf("answer of %s to campaign %lld: %zu values carried over, revision %lld\n",
	       x->country, id, n, rev);
	return 0;
}

static int decide(struct cli_ctx *c, int accept)
{
	long long id = id_of(c, c->pos[0]);
	const char *comment = cli_opt(c->argc, c->argv, "--comment");

	if (id <= 0 || (accept ? camp_answer_accept(c->s, cli_actor(), id, c->pos[1], &c->e)
			       : camp_answer_return(c->s, cli_actor(), id, c->pos[1], comment,
						    &c->e)))
		return cli_failed(c);
	printf("answer of %s to campaign %lld %s\n", c->pos[1], id,
	       accept ? "accepted" : "returned");
	return 0;
}

static int accept(struct cli_ctx *c)
{
	return decide(c, 1);
}

static int return_(struct cli_ctx *c)
{
	return decide(c, 0);
}

static int reopen(struct cli_ctx *c)
{
	long long id = id_of(c, c->pos[0]);
	const char *until = cli_opt(c->argc, c->argv, "--until");

	if (id <= 0 || camp_reopen(c->s, cli_actor(), id, c->pos[1], until, &c->e))
		return cli_failed(c);
	printf("answer of %s to campaign %lld open until %s\n", c->pos[1], id, until);
	return 0;
}

static int publish(struct cli_ctx *c)
{
	long long id = id_of(c, c->pos[0]);

	if (id <= 0 || camp_publish(c->s, cli_actor(), id, &c->e))
		return cli_failed(c);
	printf("figures of campaign %lld published\n", id);
	return 0;
}

static const struct cli_sub subs[] = {
	{ "open", NULL, "campaign open", 0, open_ },
	{ "list", NULL, "campaign list", 0, list },
	{ "show", NULL, "campaign show", 1, show },
	{ "tracking", NULL, "campaign tracking", 1, tracking },
	{ "reminders", NULL, "campaign reminders", 1, reminders },
	{ "csv", NULL, "campaign csv", 2, csv },
	{ "answer", NULL, "campaign answer", 2, answer },
	{ "carry", NULL, "campaign carry", 2, carry },
	{ "accept", NULL, "campaign accept", 2, accept },
	{ "return", NULL, "campaign return", 2, return_ },
	{ "reopen", NULL, "campaign reopen", 2, reopen },
	{ "publish", NULL, "campaign publish", 1, publish },
};

static int usage(void)
{
	fprintf(stderr, "usage: ccrepo campaign open --title=T --deadline=DATE "
		"[--template=ID[@V]] [--opens=DATE]\n"
		"                      (--all | --region=M49 | --countries=KE,NG,...)\n"
		"       ccrepo campaign list | show ID | tracking ID | reminders ID | "
		"publish ID\n"
		"       ccrepo campaign csv ID COUNTRY [--lang=LL]\n"
		"       ccrepo campaign answer ID COUNTRY --csv=FILE [--tlp=LABEL] [--submit]\n"
		"       ccrepo campaign carry ID COUNTRY\n"
		"       ccrepo campaign accept ID COUNTRY | return ID COUNTRY --comment=TEXT\n"
		"       ccrepo campaign reopen ID COUNTRY --until=DATE\n");
	return 2;
}

int cli_campaign(const struct config *cfg, int argc, char **argv)
{
	struct cli_ctx c = { .argc = argc, .argv = argv, .name = "campaign" };
	int rc = cli_dispatch(cfg, &c, subs, sizeof(subs) / sizeof(subs[0]), usage);

	return rc < 0 ? usage() : rc;
}
