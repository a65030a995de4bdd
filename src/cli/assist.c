/* ccrepo assist: technical assistance at the command line: requests and their moves,
 * offers, suggested and confirmed matches, evaluations, funding, totals and
 * overlaps. The subcommands are rows of a table; the rules are domain/assist's. The
 * command line acts as the operator (a curator); offers and funding name their
 * organisation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/num.h"
#include "domain/assist.h"
#include "store/store.h"

static long long id_of(struct cli_ctx *c, const char *s, const char *what)
{
	long long id = num_id(s);

	if (id <= 0)
		err_set(&c->e, ERR_INVALID, "'%.40s' is not %s id", s, what);
	return id;
}

static const char *opt(struct cli_ctx *c, const char *name)
{
	return cli_opt(c->argc, c->argv, name);
}

static struct assist_request_in request_in(struct cli_ctx *c)
{
	struct assist_request_in in = {
		.country = opt(c, "--country"), .title = opt(c, "--title"),
		.topic = opt(c, "--topic"), .beneficiary = opt(c, "--beneficiary"),
		.targets = opt(c, "--targets"), .languages = opt(c, "--languages"),
		.date_from = opt(c, "--from"), .date_to = opt(c, "--to"),
		.urgency = opt(c, "--urgency"), .modes = opt(c, "--modes"),
		.budget_currency = opt(c, "--currency"), .budget_amount = opt(c, "--budget"),
		.needs = opt(c, "--needs"), .description = opt(c, "--description"),
		.tlp = opt(c, "--tlp"),
	};

	return in;
}

static int request_add(struct cli_ctx *c)
{
	struct assist_request_in in = request_in(c);
	long long id;

	if (assist_request_add(c->s, c->p, cli_actor(), &in, &id, &c->e))
		return cli_failed(c);
	printf("request %lld added\n", id);
	return 0;
}

static int request_edit(struct cli_ctx *c)
{
	struct assist_request_in in = request_in(c);
	long long id = id_of(c, c->pos[0], "a request"), rev = num_id(opt(c, "--revision"));

	if (id > 0 && rev <= 0)
		err_set(&c->e, ERR_INVALID, "--revision: the revision the edit was made from");
	if (id <= 0 || rev <= 0 ||
	    assist_request_edit(c->s, c->p, cli_actor(), id, rev, &in, &c->e))
		return cli_failed(c);
	printf("request %lld saved\n", id);
	return 0;
}

static int request_list(struct cli_ctx *c)
{
	struct assist_request *r;
	const char *stage = opt(c, "--stage");
	int st = stage ? assist_stage_parse(stage) : -1;
	size_t n;

	if (stage && st < 0)
		err_set(&c->e, ERR_INVALID, "--stage: '%.40s' is not a stage", stage);
	if ((stage && st < 0) ||
	    assist_request_list(c->s, c->p, cli_actor(), opt(c, "--country"), st, &r, &n,
				&c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\turgency %d\t%s\t%s\n", r[i].id, r[i].country,
		       assist_stage_names[r[i].stage], r[i].topic, r[i].urgency, r[i].tlp,
		       r[i].title);
	return 0;
}

/* An amount with its currency's decimals. */
static const char *money(struct cli_ctx *c, const char *currency, long long amount)
{
	struct assist_currency *cur;
	int minor = assist_currency_get(c->s, c->p, currency, &cur, NULL) ? 2 : cur->minor;

	return pool_printf(c->p, "%s %s", assist_amount_text(c->p, amount, minor), currency);
}

static int request_show(struct cli_ctx *c)
{
	struct assist_request *r;
	struct assist_step *st;
	struct assist_match *m;
	struct assist_fund *f;
	struct assist_sum *other;
	size_t nst, nm, nf, nother;
	long long id = id_of(c, c->pos[0], "a request"), gap, pledged;

	if (id <= 0 || assist_request_get(c->s, c->p, cli_actor(), id, &r, &c->e) ||
	    assist_timeline(c->s, c->p, cli_actor(), id, &st, &nst, &c->e) ||
	    assist_matches(c->s, c->p, cli_actor(), id, &m, &nm, &c->e) ||
	    assist_funds(c->s, c->p, cli_actor(), id, &f, &nf, &c->e) ||
	    assist_gap(c->p, r, f, nf, &gap, &pledged, &other, &nother, &c->e))
		return cli_failed(c);
	printf("request %lld (revision %lld): %s\ncountry %s, stage %s, TLP:%s\n"
	       "topic %s; beneficiary %s; targets %s; languages %s; urgency %d\n",
	       r->id, r->revision, r->title, r->country, assist_stage_titles[r->stage],
	       r->tlp, r->topic, r->beneficiary, r->targets, r->languages, r->urgency);
	printf("dates %s..%s; modes %s; needs %s\n", r->date_from ? r->date_from : "-",
	       r->date_to ? r->date_to : "-", *r->modes ? r->modes : "-",
	       *r->needs ? r->needs : "-");
	if (r->budget_currency)
		printf("budget %s, pledged %s, gap %s\n",
		       money(c, r->budget_currency, r->budget_amount),
		       money(c, r->budget_currency, pledged), money(c, r->budget_currency, gap));
	else
		printf("no budget\n");
	for (size_t i = 0; i < nother; i++)
		printf("  other currency: pledged %s, disbursed %s\n",
		       money(c, other[i].currency, other[i].pledged),
		       money(c, other[i].currency, other[i].disbursed));
	if (*r->description)
		printf("%s\n", r->description);
	printf("timeline:\n");
	for (size_t i = 0; i < nst; i++)
		printf("  %s\t%s -> %s\t%s%s%s\n", st[i].at, st[i].from ? st[i].from : "-",
		       st[i].to, st[i].by, st[i].comment ? ": " : "",
		       st[i].comment ? st[i].comment : "");
	printf("matches:\n");
	for (size_t i = 0; i < nm; i++)
		printf("  match %lld\toffer %lld\t%s\tscore %.2f\n", m[i].id, m[i].offer,
		       assist_match_status_names[m[i].status], m[i].score);
	printf("funding:\n");
	for (size_t i = 0; i < nf; i++)
		printf("  %s\t%s\t%s\t%s\n", f[i].on_date, f[i].donor_name,
		       assist_fund_kind_names[f[i].kind], money(c, f[i].currency, f[i].amount));
	return 0;
}

static int move(struct cli_ctx *c)
{
	long long id = id_of(c, c->pos[0], "a request");

	if (id <= 0 || assist_move(c->s, c->p, cli_actor(), id, c->pos[1],
				   opt(c, "--comment"), &c->e))
		return cli_failed(c);
	printf("request %lld is %s\n", id, c->pos[1]);
	return 0;
}

static int offer_add(struct cli_ctx *c)
{
	struct assist_offer_in in = {
		.org = opt(c, "--org"), .title = opt(c, "--title"),
		.topics = opt(c, "--topics"), .regions = opt(c, "--regions"),
		.languages = opt(c, "--languages"), .modes = opt(c, "--modes"),
		.capacity = opt(c, "--capacity"), .period_from = opt(c, "--from"),
		.period_to = opt(c, "--to"),
	};
	long long id;

	if (assist_offer_add(c->s, c->p, cli_actor(), &in, &id, &c->e))
		return cli_failed(c);
	printf("offer %lld added\n", id);
	return 0;
}

static int offer_list(struct cli_ctx *c)
{
	struct assist_offer *o;
	size_t n;

	if (assist_offer_list(c->s, c->p, cli_switch(c->argc, c->argv, "--all"), &o, &n,
			      &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\t%s\t%lld a year\t%s%s\n", o[i].id, o[i].org_name,
		       o[i].topics, *o[i].regions ? o[i].regions : "world", o[i].languages,
		       o[i].modes, o[i].capacity, o[i].title,
		       o[i].withdrawn_at ? " (withdrawn)" : "");
	return 0;
}

static int offer_withdraw(struct cli_ctx *c)
{
	long long id = id_of(c, c->pos[0], "an offer");

	if (id <= 0 || assist_offer_withdraw(c->s, c->p, cli_actor(), id, &c->e))
		return cli_failed(c);
	printf("offer %lld withdrawn\n", id);
	return 0;
}

static int suggest(struct cli_ctx *c)
{
	struct assist_suggestion *sg;
	size_t n;
	long long id = id_of(c, c->pos[0], "a request");

	if (id <= 0 || assist_suggest(c->s, c->p, cli_actor(), id, &sg, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("offer %lld\t%s\tscore %.2f\n  %s\n", sg[i].offer->id,
		       sg[i].offer->org_name, sg[i].score, assist_reasons(c->p, &sg[i]));
	return 0;
}

static int match_confirm(struct cli_ctx *c)
{
	long long r = id_of(c, c->pos[0], "a request"), o, id;

	if (r <= 0 || (o = id_of(c, c->pos[1], "an offer")) <= 0 ||
	    assist_match_confirm(c->s, c->p, cli_actor(), r, o, &id, &c->e))
		return cli_failed(c);
	printf("match %lld confirmed\n", id);
	return 0;
}

static int match_answer(struct cli_ctx *c, int accept)
{
	long long id = id_of(c, c->pos[0], "a match");

	if (id <= 0 || assist_match_answer(c->s, c->p, cli_actor(), id, accept,
					   opt(c, "--comment"), &c->e))
		return cli_failed(c);
	printf("match %lld %s\n", id, accept ? "accepted" : "declined");
	return 0;
}

static int match_accept(struct cli_ctx *c)
{
	return match_answer(c, 1);
}

static int match_decline(struct cli_ctx *c)
{
	return match_answer(c, 0);
}

static int evaluate(struct cli_ctx *c)
{
	long long id = id_of(c, c->pos[0], "a request");
	const char *rating = opt(c, "--rating");

	if (id <= 0 || assist_evaluate(c->s, c->p, cli_actor(), id, opt(c, "--org"),
				       rating ? atoi(rating) : 0, opt(c, "--closed"), &c->e))
		return cli_failed(c);
	printf("request %lld evaluated\n", id);
	return 0;
}

static int fund(struct cli_ctx *c)
{
	struct assist_fund_in in = {
		.donor = opt(c, "--donor"), .kind = opt(c, "--kind"),
		.currency = opt(c, "--currency"), .amount = opt(c, "--amount"),
		.on_date = opt(c, "--on"),
	};
	long long id = id_of(c, c->pos[0], "a request");

	if (id <= 0 || assist_fund(c->s, c->p, cli_actor(), id, &in, &c->e))
		return cli_failed(c);
	printf("%s of %s for request %lld recorded\n", in.kind, in.donor, id);
	return 0;
}

static int totals(struct cli_ctx *c)
{
	struct assist_sum *t;
	size_t n;

	if (assist_totals(c->s, c->p, cli_actor(), opt(c, "--by") ? opt(c, "--by") : "donor",
			  &t, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%s\t%s\tpledged %s\tdisbursed %s\n", t[i].key ? t[i].key : "-",
		       t[i].currency, assist_amount_text(c->p, t[i].pledged, t[i].minor),
		       assist_amount_text(c->p, t[i].disbursed, t[i].minor));
	return 0;
}

static int overlaps(struct cli_ctx *c)
{
	struct assist_overlap *o;
	size_t n;

	if (assist_overlaps(c->s, c->p, cli_actor(), opt(c, "--country"), &o, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%lld\t%s\t%s\t%s\n", o[i].a->id, o[i].b->id, o[i].a->country,
		       o[i].a->topic, o[i].kind == AO_BENEFICIARY ? "same beneficiary" :
		       pool_printf(c->p, "same target group: %s", o[i].target));
	return 0;
}

static const struct cli_sub subs[] = {
	{ "request", "add", "assist request add", 0, request_add },
	{ "request", "edit", "assist request edit", 1, request_edit },
	{ "request", "list", "assist request list", 0, request_list },
	{ "request", "show", "assist request show", 1, request_show },
	{ "move", NULL, "assist move", 2, move },
	{ "offer", "add", "assist offer add", 0, offer_add },
	{ "offer", "list", "assist offer list", 0, offer_list },
	{ "offer", "withdraw", "assist offer withdraw", 1, offer_withdraw },
	{ "suggest", NULL, "assist suggest", 1, suggest },
	{ "match", "confirm", "assist match confirm", 2, match_confirm },
	{ "match", "accept", "assist match accept", 1, match_accept },
	{ "match", "decline", "assist match decline", 1, match_decline },
	{ "evaluate", NULL, "assist evaluate", 1, evaluate },
	{ "fund", NULL, "assist fund", 1, fund },
	{ "totals", NULL, "assist totals", 0, totals },
	{ "overlaps", NULL, "assist overlaps", 0, overlaps },
};

static int usage(void)
{
	fprintf(stderr, "usage: ccrepo assist request add --country=CC --title=T --topic=KEY "
		"--beneficiary=NAME\n"
		"                      --targets=K,K --languages=en,fr [--from=DATE --to=DATE]\n"
		"                      [--urgency=1-3] [--modes=M,M] [--currency=EUR "
		"--budget=1000.00]\n"
		"                      [--needs=REF,REF] [--description=TEXT] [--tlp=LABEL]\n"
		"       ccrepo assist request edit ID --revision=N (the same options)\n"
		"       ccrepo assist request list [--country=CC] [--stage=STAGE] | show ID\n"
		"       ccrepo assist move ID STAGE [--comment=TEXT]\n"
		"       ccrepo assist offer add --org=ORG --title=T --topics=K,K "
		"--languages=L,L --modes=M,M\n"
		"                      --capacity=N [--regions=M49,M49] [--from=DATE "
		"--to=DATE]\n"
		"       ccrepo assist offer list [--all] | withdraw ID\n"
		"       ccrepo assist suggest ID\n"
		"       ccrepo assist match confirm REQUEST OFFER | accept MATCH | decline "
		"MATCH [--comment=TEXT]\n"
		"       ccrepo assist evaluate ID --org=ORG --rating=1-5 [--closed=REF,REF]\n"
		"       ccrepo assist fund ID --donor=ORG --kind=pledge|disbursement "
		"--currency=EUR\n"
		"                      --amount=1000.00 --on=DATE\n"
		"       ccrepo assist totals [--by=donor|country|region|topic]\n"
		"       ccrepo assist overlaps [--country=CC]\n");
	return 2;
}

int cli_assist(const struct config *cfg, int argc, char **argv)
{
	struct cli_ctx c = { .argc = argc, .argv = argv, .name = "assist" };
	int rc = cli_dispatch(cfg, &c, subs, sizeof(subs) / sizeof(subs[0]), usage);

	return rc < 0 ? usage() : rc;
}
