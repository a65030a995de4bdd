/* ccrepo assist: technical assistance at the command line: requests and their moves,
 * offers, suggested and confirmed matches, evaluations, funding, totals and
 * overlaps; activities, their training records, attendance lists and evaluations,
 * and the people trained. The subcommands are rows of a table; the rules are domain/assist's. The
 * command line acts as the operator (a curator); offers and funding name their
 * organisation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/file.h"
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
	struct assist_activity *act;
	size_t nst, nm, nf, nother, nact;
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
	if (assist_activity_list(c->s, c->p, cli_actor(), id, NULL, &act, &nact, &c->e))
		return cli_failed(c);
	printf("activities:\n");
	for (size_t i = 0; i < nact; i++)
		printf("  activity %lld\t%s..%s\t%s\t%s\n", act[i].id, act[i].date_from,
		       act[i].date_to, act[i].mode, act[i].title);
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

/* ---- activities and trainings ---- */

/* Every value of option name (repeated: --provider=A --provider=B), in c->p. */
static const char *const *opts(struct cli_ctx *c, const char *name, size_t *n)
{
	const char **v = pool_calloc(c->p, (size_t)c->argc + 1, sizeof(*v));
	size_t len = strlen(name);

	*n = 0;
	for (int i = 0; i < c->argc; i++)
		if (!strncmp(c->argv[i], name, len) && c->argv[i][len] == '=')
			v[(*n)++] = c->argv[i] + len + 1;
	return v;
}

static int activity_add(struct cli_ctx *c)
{
	struct assist_activity_in in = {
		.title = opt(c, "--title"), .description = opt(c, "--description"),
		.date_from = opt(c, "--from"), .date_to = opt(c, "--to"),
		.mode = opt(c, "--mode"), .place = opt(c, "--place"),
		.language = opt(c, "--language"),
	};
	long long id = id_of(c, c->pos[0], "a request"), aid;

	in.providers = opts(c, "--provider", &in.nproviders);
	if (id <= 0 || assist_activity_add(c->s, c->p, cli_actor(), id, &in, &aid, &c->e))
		return cli_failed(c);
	printf("activity %lld added to request %lld\n", aid, id);
	return 0;
}

/* A score in tenths as "72.5", or "-" for none. */
static const char *tenths(struct cli_ctx *c, int v)
{
	return v < 0 ? "-" : pool_printf(c->p, "%d.%d", v / 10, v % 10);
}

static void activity_print(struct cli_ctx *c, const struct assist_activity *a)
{
	printf("activity %lld of request %lld (%s): %s\n%s..%s, %s%s%s, language %s\n"
	       "providers:", a->id, a->request, a->country, a->title, a->date_from,
	       a->date_to, a->mode, *a->place ? ", " : "", a->place, a->language);
	for (size_t i = 0; i < a->nproviders; i++)
		printf("%s %s", i ? ";" : "", a->providers[i].name);
	printf("\n");
	if (*a->description)
		printf("%s\n", a->description);
	if (a->trained_at) {
		long long sum = 0;

		printf("participants\tfemale\tmale\tother\n");
		for (int r = 0; r < AR_COUNT; r++) {
			printf("  %s", assist_role_names[r]);
			for (int g = 0; g < AG_COUNT; g++) {
				printf("\t%lld", a->count[r][g]);
				sum += a->count[r][g];
			}
			printf("\n");
		}
		printf("total %lld; pre-test %s, post-test %s (%s, %s)\n", sum,
		       tenths(c, a->pre), tenths(c, a->post), a->trained_at, a->trained_by);
	} else {
		printf("no training record\n");
	}
	printf("attendance list: %lld names (RED)\n", a->attendance);
	if (a->rating)
		printf("evaluation %d of 5; closed %s (%s, %s)\n", a->rating,
		       *a->closed_needs ? a->closed_needs : "-", a->evaluated_at,
		       a->evaluated_by);
}

static int activity_list(struct cli_ctx *c)
{
	struct assist_activity *a;
	size_t n;
	long long id = id_of(c, c->pos[0], "a request");

	if (id <= 0 || assist_activity_list(c->s, c->p, cli_actor(), id, NULL, &a, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++) {
		long long sum = 0;

		for (int r = 0; r < AR_COUNT; r++)
			for (int g = 0; g < AG_COUNT; g++)
				sum += a[i].count[r][g];
		printf("%lld\t%s..%s\t%s\t%s\t%lld trained\t%s\t%s\n", a[i].id,
		       a[i].date_from, a[i].date_to, a[i].mode, a[i].language, sum,
		       a[i].rating ? pool_printf(c->p, "rated %d", a[i].rating) : "not rated",
		       a[i].title);
	}
	return 0;
}

static int activity_show(struct cli_ctx *c)
{
	struct assist_activity *a;
	long long id = id_of(c, c->pos[0], "an activity");

	if (id <= 0 || assist_activity_get(c->s, c->p, cli_actor(), id, &a, &c->e))
		return cli_failed(c);
	activity_print(c, a);
	return 0;
}

static int activity_training(struct cli_ctx *c)
{
	struct assist_training_in in;
	long long id = id_of(c, c->pos[0], "an activity");

	memset(&in, 0, sizeof(in));
	if (id <= 0 || assist_participants_parse(c->p, opt(c, "--participants"), &in, &c->e))
		return cli_failed(c);
	in.total = opt(c, "--total");
	in.pre = opt(c, "--pre");
	in.post = opt(c, "--post");
	if (assist_training_set(c->s, c->p, cli_actor(), id, &in, &c->e))
		return cli_failed(c);
	printf("training of activity %lld recorded\n", id);
	return 0;
}

/* The lines of file path (one name each) into *names. */
static int names_read(struct cli_ctx *c, const char *path, const char ***names, size_t *n)
{
	char *buf = NULL, *text;
	size_t len, k = 0;
	const char **v;
	int rc;

	if ((rc = file_read(path, (size_t)LIMIT_ASSIST_NAMES * (LIMIT_ASSIST_PERSON + 2) + 4096,
			    &buf, &len, &c->e)))
		return rc;
	text = pool_strndup(c->p, buf, len);
	free(buf);
	v = pool_calloc(c->p, len + 1, sizeof(*v));
	for (char *at = text; *at;) {
		size_t l = strcspn(at, "\n");

		v[k++] = at;
		at += l + (at[l] != 0);
		if (at[-1] == '\n')
			at[-1] = 0;
	}
	*names = v;
	*n = k;
	return ERR_OK;
}

static int activity_attendance(struct cli_ctx *c)
{
	const char *file = opt(c, "--file");
	const char **names;
	size_t n;
	long long id = id_of(c, c->pos[0], "an activity");
	int show = cli_switch(c->argc, c->argv, "--show");

	if (id > 0 && !file == !show)
		err_set(&c->e, ERR_INVALID, "give --file=NAMES.txt (one name a line) or --show");
	if (id <= 0 || !file == !show)
		return cli_failed(c);
	if (show) {
		if (assist_attendance_get(c->s, c->p, cli_actor(), id, &names, &n, &c->e))
			return cli_failed(c);
		for (size_t i = 0; i < n; i++)
			printf("%s\n", names[i]);
		return 0;
	}
	if (names_read(c, file, &names, &n) ||
	    assist_attendance_set(c->s, c->p, cli_actor(), id, names, n, &c->e))
		return cli_failed(c);
	printf("attendance list of activity %lld recorded\n", id);
	return 0;
}

static int activity_evaluate(struct cli_ctx *c)
{
	const char *rating = opt(c, "--rating");
	long long id = id_of(c, c->pos[0], "an activity");
	int r = 0;

	/* anything but one digit is out of range for the domain to name */
	if (rating && rating[0] >= '0' && rating[0] <= '9' && !rating[1])
		r = rating[0] - '0';
	if (id <= 0 || assist_activity_evaluate(c->s, c->p, cli_actor(), id, r,
						opt(c, "--closes"), &c->e))
		return cli_failed(c);
	printf("activity %lld evaluated\n", id);
	return 0;
}

static int trained(struct cli_ctx *c)
{
	struct assist_trained *t;
	const char *req = opt(c, "--request");
	long long id = req ? id_of(c, req, "a request") : 0;
	size_t n;

	if (id < 0 || (req && id == 0) ||
	    assist_trained(c->s, c->p, cli_actor(), opt(c, "--country"), id, opt(c, "--by"),
			   &t, &n, &c->e))
		return cli_failed(c);
	printf("key\tactivities\ttotal\tfemale\tmale\tgender_other");
	for (int r = 0; r < AR_COUNT; r++)
		printf("\t%s", assist_role_names[r]);
	printf("\n");
	for (size_t i = 0; i < n; i++) {
		printf("%s\t%lld\t%lld", t[i].key ? t[i].key : "all", t[i].activities,
		       t[i].total);
		for (int g = 0; g < AG_COUNT; g++)
			printf("\t%lld", t[i].gender[g]);
		for (int r = 0; r < AR_COUNT; r++)
			printf("\t%lld", t[i].role[r]);
		printf("\n");
	}
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
	{ "activity", "add", "assist activity add", 1, activity_add },
	{ "activity", "list", "assist activity list", 1, activity_list },
	{ "activity", "show", "assist activity show", 1, activity_show },
	{ "activity", "training", "assist activity training", 1, activity_training },
	{ "activity", "attendance", "assist activity attendance", 1, activity_attendance },
	{ "activity", "evaluate", "assist activity evaluate", 1, activity_evaluate },
	{ "trained", NULL, "assist trained", 0, trained },
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
		"       ccrepo assist overlaps [--country=CC]\n"
		"       ccrepo assist activity add REQUEST --title=T --from=DATE --to=DATE "
		"--mode=MODE\n"
		"                      --language=LL [--place=PLACE] [--provider=ORG ...] "
		"[--description=TEXT]\n"
		"       ccrepo assist activity list REQUEST | show ID\n"
		"       ccrepo assist activity training ID "
		"--participants='police:f=3,m=2;judge:f=1'\n"
		"                      [--total=N] [--pre=SCORE] [--post=SCORE]\n"
		"                      (roles police prosecutor judge cert other; genders "
		"female|f male|m other|o;\n"
		"                      scores 0-100, one decimal at most)\n"
		"       ccrepo assist activity attendance ID --file=NAMES.txt (one name a "
		"line) | --show\n"
		"       ccrepo assist activity evaluate ID --rating=1-5 [--closes=REF,REF]\n"
		"       ccrepo assist trained [--country=CC] [--request=ID] "
		"[--by=request|country]\n");
	return 2;
}

int cli_assist(const struct config *cfg, int argc, char **argv)
{
	struct cli_ctx c = { .argc = argc, .argv = argv, .name = "assist" };
	int rc = cli_dispatch(cfg, &c, subs, sizeof(subs) / sizeof(subs[0]), usage);

	return rc < 0 ? usage() : rc;
}
