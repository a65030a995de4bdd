/* cli: the repository's commands (import, export, show, search, org, user). main.c's command table
 * points here; these decode arguments, call the domain, and print. */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include "core/config.h"
#include "core/err.h"
#include "core/num.h"
#include "core/pool.h"
#include "domain/limits.h"

/* Each takes the resolved settings and the remaining arguments: positional ones and
 * the command's own options as "--name=value" or "--switch". Returns the exit
 * status: 0 done, 1 failed, 2 bad usage. */
int cli_import(const struct config *cfg, int argc, char **argv);
int cli_export(const struct config *cfg, int argc, char **argv);
int cli_show(const struct config *cfg, int argc, char **argv);
int cli_search(const struct config *cfg, int argc, char **argv);
int cli_reindex(const struct config *cfg, int argc, char **argv);
/* cli/user.c: "org add|list" and "user add|list|disable|enable|passwd|token|tokens|
 * revoke"; the subcommand is the first positional argument. */
int cli_org(const struct config *cfg, int argc, char **argv);
int cli_user(const struct config *cfg, int argc, char **argv);
/* cli/coverage.c: "coverage COUNTRY", "coverage --article=REF", "coverage assess",
 * "coverage withdraw". */
int cli_coverage(const struct config *cfg, int argc, char **argv);
/* cli/questionnaire.c: "questionnaire import|publish|list|show". */
int cli_questionnaire(const struct config *cfg, int argc, char **argv);
/* cli/campaign.c: "campaign open|list|show|tracking|reminders|csv|answer|accept|
 * return|reopen|publish". */
int cli_campaign(const struct config *cfg, int argc, char **argv);
/* cli/assist.c: "assist request add|edit|list|show", "move", "offer add|list|
 * withdraw", "suggest", "match confirm|accept|decline", "evaluate", "fund", "totals",
 * "overlaps". */
int cli_assist(const struct config *cfg, int argc, char **argv);
/* cli/directory.c: "directory add|edit|list|show|verify|stale". */
int cli_directory(const struct config *cfg, int argc, char **argv);
/* cli/report.c: "report make|list|show". */
int cli_report(const struct config *cfg, int argc, char **argv);
/* cli/map.c: "map WORK-URI EID ARTICLE full|partial|reject" and "map --file=FILE". */
int cli_map(const struct config *cfg, int argc, char **argv);
/* cli/audit.c: "audit verify" and "audit list". */
int cli_audit(const struct config *cfg, int argc, char **argv);

/* The database the commands work on: migrated, reference data loaded, read by the
 * operator (every record: whoever runs the command line holds the file anyway).
 * NULL after printing why. */
struct store;
struct store *cli_open(const struct config *cfg);
/* Who acts at the command line: the operator, named by $USER ("cli" without it),
 * allowed everything (actor.local). */
struct actor;
const struct actor *cli_actor(void);
/* cli/user.c: "group add|list|join|leave" and "share RECORD [--groups] [--readers]". */
int cli_group(const struct config *cfg, int argc, char **argv);
int cli_share(const struct config *cfg, int argc, char **argv);
/* A command at work: the open database, a pool freed after it, its positional
 * arguments (after a subcommand's name), all its arguments (for options), its name
 * for messages ("user add") and a place for the domain's error. */
struct cli_ctx {
	struct store *s;
	pool *p;
	char **pos;
	int argc;
	char **argv;
	const char *name;
	const void *data;	/* what the command parsed before opening the database */
	struct err e;
};
/* What a command does with the database; returns the exit status. */
typedef int cli_fn(struct cli_ctx *c);
/* Open the database (cli_open) into c->s, run fn with a new pool in c->p, close
 * both (the caller fills in the rest of c). Returns fn's exit status, or 1 when the
 * database does not open. */
int cli_run(const struct config *cfg, struct cli_ctx *c, cli_fn *fn);
/* A subcommand: its first word, an optional second word (NULL: none), its name in
 * messages ("campaign open"), how many positional arguments follow its word(s), and
 * what it does. */
struct cli_sub {
	const char *name, *sub, *label;
	int npos;
	cli_fn *fn;
};
/* Run the subcommand of subs[0..n) that argv's positional arguments (those not
 * starting with "--") name, with c's argc and argv (c->name, c->pos set for it): its
 * exit status; usage()'s when it is named with the wrong number of arguments; -1 when
 * none is named (the caller decides: usage, or a command without a subcommand). */
int cli_dispatch(const struct config *cfg, struct cli_ctx *c, const struct cli_sub *subs,
		 size_t n, int (*usage)(void));
/* Print "ccrepo NAME: " and c->e's message on standard error. Returns 1. */
int cli_failed(const struct cli_ctx *c);
/* The value of own option name ("--uri") among argv, or NULL; the last one wins. */
const char *cli_opt(int argc, char **argv, const char *name);
/* Whether switch name ("--dry-run") is among argv. */
int cli_switch(int argc, char **argv, const char *name);

#endif
