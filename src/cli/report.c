/* ccrepo report: periodic reports at the command line (domain/report.h): make one
 * (saved unless --dry-run) and print it as JSON, CSV or a printable HTML document;
 * list the saved ones; show one, or make it again and print the figures that changed.
 * The command line reads as the operator: a GREEN report is allowed (--level=green). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/num.h"
#include "domain/record.h"
#include "domain/report.h"
#include "export/report_json.h"
#include "http/http.h"
#include "store/store.h"
#include "web/web.h"

static const char *opt(struct cli_ctx *c, const char *name)
{
	return cli_opt(c->argc, c->argv, name);
}

/* Print rep in the format asked (--format json (the default), csv with --table=KEY
 * or every table each after a line "# table KEY", html). */
static int print(struct cli_ctx *c, const struct report *rep)
{
	const char *format = opt(c, "--format") ? opt(c, "--format") : "json";
	const char *table = opt(c, "--table");
	struct sbuf b = SBUF_INIT;

	if (!strcmp(format, "json")) {
		json_t *j = report_json(rep);
		char *text = json_dumps(j, JSON_INDENT(1));

		json_decref(j);
		fputs(text, stdout);
		fputc('\n', stdout);
		free(text);
		return 0;
	}
	if (!strcmp(format, "csv")) {
		for (size_t i = 0; i < rep->nsections; i++)
			for (size_t k = 0; k < rep->sections[i].ntables; k++) {
				const struct report_table *t = &rep->sections[i].tables[k];

				if (table && strcmp(table, t->key))
					continue;
				if (!table)
					sbuf_addf(&b, "%s# table %s\r\n", b.len ? "\r\n" : "", t->key);
				report_csv(&b, t, rep->q.level == REPORT_GREEN ?
					   REPORT_GREEN_NOTE : NULL);
			}
		if (table && !b.len) {
			err_set(&c->e, ERR_INVALID, "table: no table '%.40s' in a report", table);
			sbuf_release(&b);
			return cli_failed(c);
		}
	} else if (!strcmp(format, "html")) {
		struct req r = { .pool = c->p, .store = c->s, .lang = LANG_EN };
		const char *lang = opt(c, "--lang");

		if (lang && lang_parse(lang, (int)strlen(lang)) >= 0)
			r.lang = (enum lang)lang_parse(lang, (int)strlen(lang));
		web_report_document(&r, &b, rep);
	} else {
		err_set(&c->e, ERR_INVALID, "format: '%.20s' is not json, csv or html", format);
		return cli_failed(c);
	}
	fwrite(b.buf ? b.buf : "", 1, b.len, stdout);
	sbuf_release(&b);
	return 0;
}

static int make(struct cli_ctx *c)
{
	const char *scope = opt(c, "--scope");
	struct report_params in = {
		.period = opt(c, "--period"), .from = opt(c, "--from"), .to = opt(c, "--to"),
		.region = opt(c, "--region"), .country = opt(c, "--country"),
		.level = opt(c, "--level"), .title = opt(c, "--title"),
	};
	struct report_query q;
	struct report *rep;
	long long id;

	if (scope && !strncmp(scope, "region:", 7))
		in.region = scope + 7;
	else if (scope && strlen(scope) == 3 && scope[0] >= '0' && scope[0] <= '9')
		in.region = scope;
	else if (scope && strcmp(scope, "world"))
		in.country = scope;
	if (report_query_parse(c->s, c->p, cli_actor(), &in, &q, &c->e) ||
	    report_make(c->s, c->p, cli_actor(), &q, &rep, &c->e))
		return cli_failed(c);
	if (!cli_switch(c->argc, c->argv, "--dry-run")) {
		json_t *j = report_json(rep);
		char *text = json_dumps(j, JSON_COMPACT);
		int rc;

		json_decref(j);
		rc = report_save(c->s, cli_actor(), rep, text, &id, &c->e);
		free(text);
		if (rc)
			return cli_failed(c);
		fprintf(stderr, "report %lld saved\n", id);
	}
	return print(c, rep);
}

static int list(struct cli_ctx *c)
{
	struct report_saved *v;
	size_t n;

	if (report_list(c->s, c->p, cli_actor(), 500, &v, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", v[i].id, v[i].made_at, v[i].date_from,
		       v[i].date_to, v[i].scope, v[i].level, v[i].title ? v[i].title : "");
	return 0;
}

static int show(struct cli_ctx *c)
{
	long long id = num_id(c->pos[0]);
	struct report_saved *sv;
	struct report *rep, *now;
	struct report_change *ch;
	size_t n;

	if (id <= 0) {
		err_set(&c->e, ERR_INVALID, "'%.40s' is not a report id", c->pos[0]);
		return cli_failed(c);
	}
	if (report_get(c->s, c->p, cli_actor(), id, &sv, &c->e) ||
	    report_json_saved(c->p, sv, &rep, &c->e))
		return cli_failed(c);
	if (!cli_switch(c->argc, c->argv, "--again"))
		return print(c, rep);
	if (report_make(c->s, c->p, cli_actor(), &rep->q, &now, &c->e))
		return cli_failed(c);
	report_compare(c->p, rep, now, &ch, &n);
	printf("# report %lld made %s, again %s: %zu figures changed\n", id, rep->made_at,
	       now->made_at, n);
	for (size_t i = 0; i < n; i++) {
		printf("%s\t", ch[i].key);
		if (ch[i].was)
			printf("%.15g", ch[i].before);
		else
			printf("-");
		if (ch[i].is)
			printf("\t%.15g\n", ch[i].after);
		else
			printf("\t-\n");
	}
	return 0;
}

static const struct cli_sub subs[] = {
	{ "make", NULL, "report make", 0, make },
	{ "list", NULL, "report list", 0, list },
	{ "show", NULL, "report show", 1, show },
};

static int usage(void)
{
	fprintf(stderr, "usage: ccrepo report make --from=DATE --to=DATE | --period=2025|2025-H1|...\n"
		"                      [--scope=world|REGION|CC,CC] [--region=M49] [--country=CC,CC]\n"
		"                      [--level=public|green] [--title=T] [--dry-run]\n"
		"                      [--format=json|csv|html] [--table=KEY] [--lang=LL]\n"
		"       ccrepo report list\n"
		"       ccrepo report show ID [--format=json|csv|html] [--table=KEY] | --again\n");
	return 2;
}

int cli_report(const struct config *cfg, int argc, char **argv)
{
	struct cli_ctx c = { .argc = argc, .argv = argv, .name = "report" };
	int rc = cli_dispatch(cfg, &c, subs, sizeof(subs) / sizeof(subs[0]), usage);

	return rc < 0 ? usage() : rc;
}
