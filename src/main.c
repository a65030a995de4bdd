/* ccrepo: one program and one database file; the command table. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/config.h"
#include "domain/needs.h"
#include "core/log.h"
#include "core/pool.h"
#include "domain/audit.h"
#include "domain/questionnaire.h"
#include "domain/refdata.h"
#include "domain/user.h"
#include "export/iati.h"
#include "http/routes.h"
#include "web/web.h"
#include "http/server.h"
#include "store/store.h"

#define VERSION "0.1.0"

struct command {
	const char *name;
	int (*run)(const struct config *cfg, int argc, char **argv);
	unsigned opts;
	const char *args;	/* positional arguments, for help */
	const char *flags[64];	/* the command's own options ("--x=" takes a value) */
	const char *summary;
	const char *help;
};

static int cmd_serve(const struct config *cfg, int argc, char **argv);
static int cmd_migrate(const struct config *cfg, int argc, char **argv);
static int cmd_check(const struct config *cfg, int argc, char **argv);
static int cmd_backup(const struct config *cfg, int argc, char **argv);
static int cmd_version(const struct config *cfg, int argc, char **argv);

#define DB_OPTS (CONFIG_OPT_DB | CONFIG_OPT_LOG_LEVEL | CONFIG_OPT_ISO_CODES | \
		 CONFIG_OPT_LOCALE_DIR | CONFIG_OPT_DB_CACHE)

static const struct command commands[] = {
	{ "serve", cmd_serve, CONFIG_OPT_ALL, "", { NULL },
	  "serve the web pages and the JSON API",
	  "Create or upgrade the database, load the reference data when it is missing or\n"
	  "changed, and serve HTTP until interrupted (Ctrl-C or SIGTERM).\n" },
	{ "migrate", cmd_migrate, DB_OPTS, "", { "--force-refdata", NULL },
	  "create or upgrade the database schema and reference data",
	  "Apply the schema migrations the database lacks and (re)load the reference data\n"
	  "(countries, M49 regions, instruments, cross-walk) when its sources changed; load\n"
	  "the shipped questionnaire template as published version 1 when absent.\n"
	  "  --force-refdata   reload the reference data even when it is current\n" },
	{ "check", cmd_check, DB_OPTS, "", { NULL },
	  "check the database: integrity, foreign keys, schema version, reference data",
	  "Exit status 0 when every check passes, 1 when a problem is found.\n" },
	{ "backup", cmd_backup, CONFIG_OPT_DB | CONFIG_OPT_LOG_LEVEL, "FILE", { NULL },
	  "write a consistent copy of the database to FILE",
	  "Safe while the server runs. FILE must not exist. Restore by stopping the\n"
	  "server and putting the copy in place of the database file.\n" },
	{ "import", cli_import, DB_OPTS, "FILE...",
	  { "--format=", "--uri=", "--country=", "--type=", "--number=", "--date=",
	    "--title=", "--language=", "--version-date=", "--source=", "--status=",
	    "--tlp=", "--no-suggest", "--dry-run", NULL },
	  "import laws, judgments, cases and lessons",
	  "Each FILE is one transaction: all of it is stored, or nothing. Formats, by\n"
	  "extension or content unless --format says: Akoma Ntoso 3.0 or 2.0 XML (.xml),\n"
	  "legislation.gov.uk CLML XML (.xml), a ccrepo JSON bundle (.json), PDF with a\n"
	  "text layer (.pdf), or plain text or Markdown (anything else), whose structure\n"
	  "(parts, chapters, sections, articles, subsections) is detected. Text or a PDF\n"
	  "with --type judgment, or that reads as a judgment, is imported as a case.\n"
	  "  --format akn|clml|xml|pdf|text|json\n"
	  "  --uri URI            work URI, such as /akn/ke/act/2018/5 (needed for text)\n"
	  "  --title TEXT, --country CC, --type act|judgment, --number N,\n"
	  "  --date YYYY-MM-DD    the work's date (or YYYY: its 1 January); for text,\n"
	  "                       else a date of assent or commencement printed in it\n"
	  "  --language eng       the version's language (ISO 639-2)\n"
	  "  --version-date DATE  the version's date (default: --date)\n"
	  "  --source URL         where the text came from\n"
	  "  --status draft|submitted|published   for new records (default draft)\n"
	  "  --tlp CLEAR|GREEN|AMBER|AMBER+STRICT|RED   the label of new records\n"
	  "                       (default CLEAR)\n"
	  "  --no-suggest         do not suggest mappings to instrument articles\n"
	  "  --dry-run            parse and print the tree that would be stored (kind,\n"
	  "                       number, heading, eId) and the warnings; store nothing\n"
	  "                       and open no database\n" },
	{ "export", cli_export, DB_OPTS | CONFIG_OPT_IATI_ORG_REF | CONFIG_OPT_IATI_ORG_NAME,
	  "[WORK-URI[@DATE] | ID]",
	  { "--format=", "--out=", "--country=", "--kind=", "--public", NULL },
	  "export records as Akoma Ntoso, JSON or CSV; assistance as IATI",
	  "With a work URI (or record id): that work. --format akn writes the version in\n"
	  "force today (or on @DATE, or the exact /lang@DATE) as Akoma Ntoso 3.0; json a\n"
	  "bundle with every version, provision and mapping; csv its provisions.\n"
	  "Without one: every record (--country, --kind narrow it) as a JSON bundle or a\n"
	  "CSV list. A bundle imports back with 'ccrepo import'.\n"
	  "--format iati: the technical assistance requests (--country narrows them) as\n"
	  "IATI 2.03 activities, reported by --iati-org-ref (docs/assistance.md); every\n"
	  "request, or with --public only those the public reads (CLEAR).\n"
	  "  --format akn|json|csv|iati (default json), --out FILE (default standard output)\n" },
	{ "show", cli_show, DB_OPTS, "WORK-URI[@DATE] | ID", { "--all", NULL },
	  "print a record: metadata, versions, table of contents",
	  "  --all   every provision, not the first 200 of the top three levels\n" },
	{ "search", cli_search, DB_OPTS, "QUERY...", { "--limit=", NULL },
	  "search laws, cases and lessons",
	  "Words, \"exact phrases\", OR, -exclude, prefix*, and filters country:KE,\n"
	  "region:014, type:legislation|case|lesson, article:un-cc/7, year:2015..2020,\n"
	  "lang:fr. Matches are shown in [brackets].\n"
	  "  --limit N   results to show (default 10, at most 100)\n" },
	{ "map", cli_map, DB_OPTS, "WORK-URI EID INSTRUMENT/NUMBER full|partial|reject | --file=FILE",
	  { "--comment=", "--file=", "--strict", NULL },
	  "record curators' mappings of provisions to instrument articles",
	  "Accept (full or partial) or reject the mapping of one provision, named by its\n"
	  "work URI and eId (see 'ccrepo show --all'), to an article such as un-cc/7 or\n"
	  "coe-185/2, as the operator (audited like any change). Or load a file of them:\n"
	  "  ccrepo map /akn/ke/act/2018/5 sec_14 un-cc/7 full --comment \"why\"\n"
	  "  ccrepo map --file tests/relevance/mappings.tsv\n"
	  "The file: UTF-8 lines of five TAB-separated fields, work URI, eId, article,\n"
	  "judgment (full, partial, none or scope) and note; '#' starts a comment line.\n"
	  "full and partial rows become accepted mappings with the note as comment; none\n"
	  "and scope rows are skipped. At most 4,000,000 bytes, in one transaction.\n"
	  "  --comment TEXT   why (at most 2000 bytes)\n"
	  "  --strict         a row that cannot be stored (no such work or eId, a bad field)\n"
	  "                   stores nothing; without it such rows are reported as\n"
	  "                   FILE:LINE: why on standard error, counted, and the rest stored\n" },
	{ "reindex", cli_reindex, DB_OPTS, "", { NULL },
	  "rebuild the search index from the records",
	  "The index is kept up to date with every change; this rebuilds it in one\n"
	  "transaction (after a restore, or to compact it).\n" },
	{ "org", cli_org, DB_OPTS, "add NAME | list", { "--kind=", "--country=", NULL },
	  "add and list organisations",
	  "Every account belongs to one organisation.\n"
	  "  ccrepo org add NAME --kind KIND [--country CC]\n"
	  "      KIND: national_authority, unodc, donor, implementing, private_sector,\n"
	  "      civil_society, academia; CC: the country of a national authority\n"
	  "  ccrepo org list\n" },
	{ "user", cli_user, DB_OPTS, "SUBCOMMAND [NAME]",
	  { "--role=", "--org=", "--country=", "--display-name=", "--email=",
	    "--password-stdin", "--name=", "--scope=", NULL },
	  "manage accounts, passwords and API tokens",
	  "No account and no default password exist until you add one; the first admin:\n"
	  "  ccrepo org add UNODC --kind unodc\n"
	  "  ccrepo user add admin --role admin --org UNODC\n"
	  "Subcommands:\n"
	  "  add NAME --role ROLE --org ORG [--country CC] [--display-name X] [--email X]\n"
	  "      ROLE: reader, focal_point (needs --country), provider, curator, admin.\n"
	  "      The password is asked twice on the terminal (at least 12 characters),\n"
	  "      or read from the first line of standard input with --password-stdin.\n"
	  "  list                       every account\n"
	  "  disable NAME, enable NAME  a disabled account cannot sign in; its sessions\n"
	  "                             end and its API tokens stop working\n"
	  "  passwd NAME [--password-stdin]   set a new password; its sessions end\n"
	  "  token NAME --name LABEL [--scope read|write]   create an API token (default\n"
	  "                             read), printed once: only its hash is kept\n"
	  "  tokens NAME                the account's tokens (never their secrets)\n"
	  "  revoke TOKEN_ID            revoke a token (its id, or the whole token)\n" },
	{ "group", cli_group, DB_OPTS, "add NAME | list | join GROUP ORG | leave GROUP ORG",
	  { NULL },
	  "manage sharing groups (named sets of organisations)",
	  "An AMBER record shared with a group is read by the group's organisations.\n"
	  "  ccrepo group add NAME\n"
	  "  ccrepo group list           each group with its organisations\n"
	  "  ccrepo group join GROUP ORG, ccrepo group leave GROUP ORG\n" },
	{ "share", cli_share, DB_OPTS, "RECORD_ID [--groups=A,B] [--readers=NAME,NAME]",
	  { "--groups=", "--readers=", NULL },
	  "show or set whom a record is shared with",
	  "Without options, prints the record's sharing groups and named readers. An\n"
	  "AMBER record is also read by the organisations of its groups; a RED record\n"
	  "only by its named readers (accounts) and its author. Each option replaces\n"
	  "that list (--groups= empties it).\n" },
	{ "audit", cli_audit, DB_OPTS, "verify | list",
	  { "--actor=", "--action=", "--target=", "--since=", "--until=", "--limit=",
	    "--anchor=", NULL },
	  "verify and list the audit log",
	  "Every write, sign-in, failed sign-in, export and read of an AMBER or RED record\n"
	  "is an entry of an append-only log; each entry's BLAKE2b hash covers the one\n"
	  "before it. Entries hold no passwords, token secrets or session ids.\n"
	  "  verify   check the whole chain: exit 0 and \"audit log intact: N entries\", or\n"
	  "           exit 1 and \"audit log broken at entry ID: reason\". When intact it\n"
	  "           also prints \"newest entry: ID HASH\": keep that elsewhere and give\n"
	  "           it later as --anchor ID:HASH to find a log cut or rewritten after it\n"
	  "  list     entries, newest first, one per line, tab-separated: id, time,\n"
	  "           actor, action, target, address, detail (\"-\" when empty)\n"
	  "      --actor NAME, --action ACTION (record.create, import, signin, ...),\n"
	  "      --target PREFIX (record/12, user/alice), --since DATE, --until DATE\n"
	  "      (since <= time < until, as text: 2026-01-31 or 2026-01-31T12:00:00Z),\n"
	  "      --limit N (default 100, at most 1000)\n" },
	{ "coverage", cli_coverage, DB_OPTS,
	  "COUNTRY | --article=REF | assess COUNTRY REF --note=TEXT | withdraw ID",
	  { "--at=", "--instrument=", "--category=", "--region=", "--article=", "--csv",
	    "--note=", "--as-of=", NULL },
	  "show how a country's law covers the conventions' articles",
	  "Each counted article of the Budapest Convention (coe-185) and the UN Convention\n"
	  "against Cybercrime (un-cc) is covered (a provision in force mapped in full),\n"
	  "partly covered (only partial mappings), not covered (an assessment says so) or\n"
	  "unknown; a mapping also counts for its cross-walk counterpart (derived).\n"
	  "  ccrepo coverage KE          the scores and every article with its evidence\n"
	  "      --at DATE              on that date (default today; 1900-01-01..2100-12-31)\n"
	  "      --instrument coe-185|un-cc, --category NAME   fewer articles\n"
	  "  ccrepo coverage --article=un-cc/7 [--region M49]   the countries covering it\n"
	  "  --csv                      one CSV row per country and article\n"
	  "  ccrepo coverage assess KE un-cc/7 --note TEXT [--as-of DATE]   record that\n"
	  "                             the law has no such provision (note: 4000 bytes)\n"
	  "  ccrepo coverage withdraw ID   withdraw an assessment\n" },
	{ "questionnaire", cli_questionnaire, DB_OPTS,
	  "import FILE [--publish] | publish ID[@VERSION] | list | show ID[@VERSION]",
	  { "--publish", "--json", NULL },
	  "import, publish, list and show needs-assessment questionnaire templates",
	  "A template is a JSON file (docs/questionnaire.md): an id, a version, a title and\n"
	  "six dimensions of questions (stage 1-5, yes_partly_no, number, choice, text).\n"
	  "Curators import and publish; a published version never changes. ccrepo migrate\n"
	  "loads the shipped template (data/questionnaire-v1.json) as published version 1\n"
	  "when the database has none of it.\n"
	  "  ccrepo questionnaire import FILE   import as a draft (again: replace the draft)\n"
	  "      --publish                    and publish it\n"
	  "  ccrepo questionnaire publish ID[@VERSION]   publish a draft (default: latest)\n"
	  "  ccrepo questionnaire list        every version: id@version, status, questions\n"
	  "  ccrepo questionnaire show ID[@VERSION]   the questions (default: latest)\n"
	  "      --json                       the template as imported\n" },
	{ "campaign", cli_campaign, DB_OPTS,
	  "open ... | list | show ID | tracking ID | reminders ID | csv ID COUNTRY | "
	  "answer ID COUNTRY --csv=FILE | carry | accept | return | reopen | publish",
	  { "--title=", "--template=", "--opens=", "--deadline=", "--all", "--region=",
	    "--countries=", "--lang=", "--csv=", "--tlp=", "--submit", "--comment=",
	    "--until=", NULL },
	  "open and follow needs-assessment campaigns; record answers from their CSV",
	  "A campaign asks countries (all, an M49 region or a list) to answer a published\n"
	  "questionnaire template between an opening date and a deadline\n"
	  "(docs/questionnaire.md). Focal points answer online; the command line records\n"
	  "answers given offline or in past rounds and is not held to the deadline.\n"
	  "  ccrepo campaign open --title=T --deadline=DATE [--template=ID[@V]]\n"
	  "      [--opens=DATE] (--all | --region=M49 | --countries=KE,NG)\n"
	  "                             (template: latest published ccrepo-needs)\n"
	  "  ccrepo campaign list        id, template, dates, countries, submitted, accepted\n"
	  "  ccrepo campaign show ID     the campaign and its figures per question\n"
	  "  ccrepo campaign tracking ID every country's status, late or not\n"
	  "  ccrepo campaign reminders ID  who has not submitted, with focal points' e-mail\n"
	  "  ccrepo campaign publish ID  publish the figures (aggregates) to everybody\n"
	  "  ccrepo campaign csv ID COUNTRY [--lang=fr]   the answer as CSV on stdout\n"
	  "  ccrepo campaign answer ID COUNTRY --csv=FILE [--tlp=CLEAR|GREEN|AMBER]\n"
	  "      [--submit]              save the CSV's values (and submit them)\n"
	  "  ccrepo campaign carry ID COUNTRY   fill unanswered questions from the country's\n"
	  "                             last answer to the same template, where unchanged\n"
	  "  ccrepo campaign accept ID COUNTRY | return ID COUNTRY --comment=TEXT\n"
	  "  ccrepo campaign reopen ID COUNTRY --until=DATE   let it answer late\n" },
	{ "assist", cli_assist, DB_OPTS,
	  "request add|edit|list|show | move ID STAGE | offer add|list|withdraw | suggest ID "
	  "| match confirm|accept|decline | evaluate | fund ID | totals | overlaps "
	  "| activity add|list|show|training|attendance|evaluate | trained",
	  { "--country=", "--title=", "--topic=", "--beneficiary=", "--targets=",
	    "--languages=", "--from=", "--to=", "--urgency=", "--modes=", "--currency=",
	    "--budget=", "--needs=", "--description=", "--tlp=", "--revision=", "--stage=",
	    "--comment=", "--org=", "--topics=", "--regions=", "--capacity=", "--all",
	    "--rating=", "--closed=", "--donor=", "--kind=", "--amount=", "--on=", "--by=",
	    "--mode=", "--place=", "--language=", "--provider=", "--participants=",
	    "--total=", "--pre=", "--post=", "--file=", "--show", "--closes=", "--request=",
	    NULL },
	  "technical assistance: requests, their lifecycle, offers, matches, funding",
	  "Requests for technical assistance go requested, assessed, matched, funded, in\n"
	  "delivery, delivered, evaluated, closed (or declined, withdrawn); providers offer\n"
	  "assistance, curators confirm matches, providers accept them, donors pledge and\n"
	  "disburse (docs/assistance.md). Lists are comma-separated keys: topics and\n"
	  "target groups as for stated needs, languages ISO 639-1, modes in_person,\n"
	  "online, mentoring, equipment; amounts exact, in the currency's decimals.\n"
	  "  ccrepo assist request add --country=CC --title=T --topic=KEY --beneficiary=NAME\n"
	  "      --targets=police,judges --languages=en,fr [--from=DATE --to=DATE]\n"
	  "      [--urgency=1-3] [--modes=online] [--currency=EUR --budget=1000.00]\n"
	  "      [--needs=stated:12,gap:un-cc/7,answer:3/legal.offences] [--description=T]\n"
	  "      [--tlp=CLEAR|GREEN|AMBER]\n"
	  "  ccrepo assist request edit ID --revision=N ...   replace the fields\n"
	  "  ccrepo assist request list [--country=CC] [--stage=STAGE]\n"
	  "  ccrepo assist request show ID   fields, budget and gap, timeline, matches,\n"
	  "                             funding\n"
	  "  ccrepo assist move ID STAGE [--comment=TEXT]   (declined, withdrawn: a comment)\n"
	  "  ccrepo assist offer add --org=ORG --title=T --topics=K,K --languages=en\n"
	  "      --modes=online --capacity=N [--regions=002,142] [--from=DATE --to=DATE]\n"
	  "  ccrepo assist offer list [--all] | offer withdraw ID\n"
	  "  ccrepo assist suggest ID     offers for a request, best first, with reasons\n"
	  "  ccrepo assist match confirm REQUEST OFFER | match accept|decline MATCH\n"
	  "  ccrepo assist evaluate ID --org=ORG --rating=1-5 [--closed=REF,REF]\n"
	  "  ccrepo assist fund ID --donor=ORG --kind=pledge|disbursement --currency=EUR\n"
	  "      --amount=1000.00 --on=DATE\n"
	  "  ccrepo assist totals [--by=donor|country|region|topic]   per currency\n"
	  "  ccrepo assist overlaps [--country=CC]   possible duplicated assistance\n"
	  "Activities and trainings (funded, in delivery or delivered; curators or the\n"
	  "provider of an accepted match):\n"
	  "  ccrepo assist activity add REQUEST --title=T --from=DATE --to=DATE\n"
	  "      --mode=in_person|online|mentoring|equipment --language=en [--place=P]\n"
	  "      [--provider=ORG ...] [--description=T]   (no provider: the accepted ones)\n"
	  "  ccrepo assist activity list REQUEST | activity show ID\n"
	  "  ccrepo assist activity training ID --participants='police:f=3,m=2;judge:f=1'\n"
	  "      [--total=N] [--pre=72.5] [--post=88]   roles police, prosecutor, judge,\n"
	  "      cert, other; genders female (f), male (m), other (o: other or not\n"
	  "      stated); the total, if given, must be the sum; scores 0-100, one decimal\n"
	  "  ccrepo assist activity attendance ID --file=NAMES.txt | --show   names are\n"
	  "      RED: curators and the providers read them, each read audited\n"
	  "  ccrepo assist activity evaluate ID --rating=1-5 [--closes=stated:12,...]\n"
	  "  ccrepo assist trained [--country=CC] [--request=ID] [--by=request|country]\n" },
	{ "directory", cli_directory, DB_OPTS,
	  "add|edit|list|show|verify|stale",
	  { "--file=", "--version=", "--country=", "--kind=", "--region=", "--language=",
	    "--article=", "--format=", NULL },
	  "the cooperation directory: competent authorities and 24/7 points of contact",
	  "Entries are written as JSON, the API's form (docs/directory.md); the operator\n"
	  "adds, edits and verifies any country's. An entry not verified for 12 months is\n"
	  "stale.\n"
	  "  ccrepo directory add --file=ENTRY.json\n"
	  "  ccrepo directory edit ID --file=ENTRY.json [--version=N]   N: the version the\n"
	  "                             edit was made from (else \"version\" in the file)\n"
	  "  ccrepo directory list [--country=CC] [--kind=KIND] [--region=M49]\n"
	  "      [--language=LL] [--article=coe-185/35] [--format=text|vcard|csv]\n"
	  "  ccrepo directory show ID     the entry and its history as JSON\n"
	  "  ccrepo directory verify ID   mark it verified today\n"
	  "  ccrepo directory stale       entries not verified for 12 months\n" },
	{ "report", cli_report, DB_OPTS,
	  "make | list | show ID",
	  { "--from=", "--to=", "--period=", "--scope=", "--region=", "--country=", "--level=",
	    "--title=", "--format=", "--table=", "--lang=", "--dry-run", "--again", NULL },
	  "periodic reports: developments, coverage, needs, assistance, campaigns",
	  "A report for a period (at most 30 years) and a scope (the world, an M49 region,\n"
	  "a country or a list), its sections computed by the functions the pages use\n"
	  "(docs/reports.md). make saves it (unless --dry-run) and prints it; show prints a\n"
	  "saved one, or with --again makes it again and prints the figures that changed.\n\n"
	  "  ccrepo report make --from=2025-01-01 --to=2025-12-31 [--scope=world|014|KE,UG]\n"
	  "      [--level=public|green] [--title=T] [--format=json|csv|html] [--table=KEY]\n"
	  "  ccrepo report list\n"
	  "  ccrepo report show ID [--format=...] | --again\n" },
	{ "version", cmd_version, 0, "", { NULL }, "print the version", "" },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	fprintf(out, "usage: ccrepo COMMAND [OPTIONS]\n\n"
		     "ccrepo: a shared cybercrime repository and capacity-building platform.\n\n"
		     "Commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nRun 'ccrepo COMMAND --help' for a command's options.\n"
		     "Settings come from flags, then CCREPO_* environment variables, then the\n"
		     "config file (--config FILE, $CCREPO_CONFIG or ./ccrepo.conf); flags win.\n");
}

static void command_help(const struct command *c)
{
	printf("usage: ccrepo %s [OPTIONS]%s%s\n\n%s.\n%s%s", c->name, *c->args ? " " : "",
	       c->args, c->summary, *c->help ? "\n" : "", c->help);
	if (c->opts) {
		printf("\nOptions:\n");
		config_print_help(stdout, c->opts);
	}
	printf("  %-28s %s\n", "--help", "show this help");
}

/* Open the database, migrate, and make sure the reference data is loaded. */
static int open_ready(const struct config *cfg, int force_refdata, struct store **out)
{
	struct err e = { 0 };
	struct refdata_counts counts;
	struct store *s = NULL;
	int from = 0, to = 0, loaded = 0;

	if (store_open(cfg->db, &s, &e) || store_migrate(s, &from, &to, &e))
		goto fail;
	if (from != to)
		log_info("database %s: schema version %d -> %d", cfg->db, from, to);
	if (refdata_ensure(s, cfg->iso_codes_dir, cfg->locale_dir, force_refdata, &loaded,
			   &counts, &e))
		goto fail;
	if (loaded)
		log_info("reference data loaded: %zu countries (%zu outside M49 regions), %zu "
			 "regions, %zu instruments, %zu chapters, %zu articles, %zu cross-walk "
			 "rows", counts.countries, counts.without_region, counts.regions,
			 counts.instruments, counts.chapters, counts.articles, counts.crosswalk);
	*out = s;
	return 0;
fail:
	fprintf(stderr, "ccrepo: %s\n", e.msg);
	store_close(s);
	return 1;
}

static int cmd_serve(const struct config *cfg, int argc, char **argv)
{
	struct server_options o = {
		.listen = cfg->listen, .threads = cfg->threads, .max_body = cfg->max_body,
		.timeout = cfg->timeout, .cache_max = cfg->cache_max,
		.trust_proxy = cfg->trust_proxy, .header_timeout = cfg->header_timeout,
		.body_timeout = cfg->body_timeout, .max_connections = cfg->max_connections,
		.max_per_address = cfg->max_per_address,
	};
	struct server *srv = NULL;
	struct store *s = NULL;
	struct err e = { 0 };
	sigset_t set;
	int sig = 0, rc = 1;
	long ncpu;

	web_set_contact(cfg->contact);
	web_set_feed_authority(cfg->feed_authority);
	iati_org_use(&(struct iati_org){ cfg->iati_org_ref, cfg->iati_org_name });
	{
		struct need_weights w;

		needs_weights_default(&w);
		if (needs_weights_parse(&w, cfg->need_weights, &e)) {
			fprintf(stderr, "ccrepo serve: %s\n", e.msg);
			return 2;
		}
		needs_weights_use(&w);
	}

	(void)argv;
	if (argc) {
		fprintf(stderr, "ccrepo serve: unexpected argument '%s'\n", argv[0]);
		return 2;
	}
	if (!o.threads) {	/* one per CPU the process may run on (taskset, a cpuset) */
		cpu_set_t cs;

		ncpu = sched_getaffinity(0, sizeof(cs), &cs) ? sysconf(_SC_NPROCESSORS_ONLN) :
		       CPU_COUNT(&cs);
		o.threads = ncpu > 0 ? (int)(ncpu > 64 ? 64 : ncpu) : 2;
	}
	/* block the stop signals in every thread; this one waits for them */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (open_ready(cfg, 0, &s))
		return 1;
	{
		pool *p = pool_new();
		struct user *us;
		size_t n = 0;

		/* nobody can sign in yet: say how to make the first admin */
		if (!user_list(s, p, &us, &n, NULL) && !n)
			log_warn("no account exists yet: make the first admin with "
				 "`ccrepo org add NAME --kind unodc` and `ccrepo user add NAME "
				 "--role admin --org NAME` (README, \"First admin\")");
		pool_free(p);
	}
	store_search_warm(s, 0, NULL);
	store_close(s);
	store_thread_setup(cfg->db);
	routes_init();
	if (server_start(&o, routes, routes_count, &srv, &e)) {
		fprintf(stderr, "ccrepo: %s\n", e.msg);
		goto out;
	}
	{
		char host[CONFIG_STR_MAX];
		const char *colon = strrchr(cfg->listen, ':');

		snprintf(host, sizeof(host), "%.*s", (int)(colon - cfg->listen), cfg->listen);
		printf("ccrepo %s: serving http://%s:%u/ with %d threads, database %s\n"
		       "press Ctrl-C to stop\n", VERSION, host, server_port(srv), o.threads,
		       cfg->db);
		fflush(stdout);
	}
	while (sigwait(&set, &sig) == 0 && sig != SIGINT && sig != SIGTERM)
		;
	log_info("signal %d: stopping", sig);
	rc = 0;
out:
	server_stop(srv);
	store_thread_close_all();
	if (!rc)
		printf("ccrepo: stopped\n");
	return rc;
}

static int cmd_migrate(const struct config *cfg, int argc, char **argv)
{
	struct store *s;
	int force = 0, version = 0, loaded = 0;
	struct err e = { 0 };

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--force-refdata")) {
			force = 1;
		} else {
			fprintf(stderr, "ccrepo migrate: unexpected argument '%s'\n", argv[i]);
			return 2;
		}
	}
	if (open_ready(cfg, force, &s))
		return 1;
	if (qn_ensure_shipped(s, cli_actor(), &loaded, &e)) {
		fprintf(stderr, "ccrepo migrate: %s\n", e.msg);
		store_close(s);
		return 1;
	}
	if (loaded)
		printf("shipped questionnaire loaded (%s, published version 1)\n",
		       QN_SHIPPED_PATH);
	store_schema_version(s, &version, &e);
	printf("database %s is at schema version %d\n", cfg->db, version);
	store_close(s);
	return 0;
}

static int cmd_check(const struct config *cfg, int argc, char **argv)
{
	struct store *s = NULL;
	struct sbuf report = SBUF_INIT;
	struct err e = { 0 };
	int problems = 0, rc = 1;

	if (argc) {
		fprintf(stderr, "ccrepo check: unexpected argument '%s'\n", argv[0]);
		return 2;
	}
	if (access(cfg->db, F_OK)) {
		fprintf(stderr, "ccrepo check: %s: %s\n", cfg->db, strerror(errno));
		return 1;
	}
	if (store_open(cfg->db, &s, &e) || store_check(s, &report, &problems, &e)) {
		fprintf(stderr, "ccrepo check: %s\n", e.msg);
		goto out;
	}
	fputs(sbuf_str(&report), stdout);
	printf("%s: %d problem%s\n", cfg->db, problems, problems == 1 ? "" : "s");
	rc = problems ? 1 : 0;
out:
	sbuf_release(&report);
	store_close(s);
	return rc;
}

static int cmd_backup(const struct config *cfg, int argc, char **argv)
{
	struct store *s = NULL;
	struct err e = { 0 };
	int rc = 1;

	if (argc != 1) {
		fprintf(stderr, "usage: ccrepo backup [--db FILE] DEST\n");
		return 2;
	}
	if (access(cfg->db, F_OK)) {
		fprintf(stderr, "ccrepo backup: %s: %s\n", cfg->db, strerror(errno));
		return 1;
	}
	if (store_open(cfg->db, &s, &e) || store_backup(s, argv[0], &e)) {
		fprintf(stderr, "ccrepo backup: %s\n", e.msg);
		goto out;
	}
	printf("%s: copied to %s\n", cfg->db, argv[0]);
	rc = 0;
out:
	store_close(s);
	return rc;
}

static int cmd_version(const struct config *cfg, int argc, char **argv)
{
	(void)cfg, (void)argc, (void)argv;
	printf("ccrepo %s\n", VERSION);
	return 0;
}

/* Whether arg is one of the command's own options: 1 for a switch ("--dry-run"),
 * 2 for an option that takes a value ("--uri X" or "--uri=X"; declared "--uri="). */
static int own_flag(const struct command *c, const char *arg)
{
	for (int i = 0; c->flags[i]; i++) {
		size_t n = strlen(c->flags[i]);

		if (c->flags[i][n - 1] != '=') {
			if (!strcmp(arg, c->flags[i]))
				return 1;
		} else if (!strncmp(arg, c->flags[i], n - 1) &&
			   (arg[n - 1] == '\0' || arg[n - 1] == '=')) {
			return 2;
		}
	}
	return 0;
}

/* Option strings made while splitting the arguments live until exit. */
static pool *args_pool;

static void free_args(void)
{
	pool_free(args_pool);
}

int main(int argc, char **argv)
{
	const struct command *c = NULL;
	struct config cfg;
	struct err e = { 0 };
	char *rest[64], *own[64], *settings[256];
	int nrest = 64, nown = 0, nsettings = 0;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		if (argc >= 3 && !strcmp(argv[1], "help"))
			for (size_t i = 0; i < NCOMMANDS; i++)
				if (!strcmp(argv[2], commands[i].name)) {
					command_help(&commands[i]);
					return 0;
				}
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "--version"))
		return cmd_version(NULL, 0, NULL);
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			c = &commands[i];
	if (!c) {
		fprintf(stderr, "ccrepo: '%s' is not a command\n\n", argv[1]);
		usage(stderr);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			command_help(c);
			return 0;
		}
	}
	args_pool = pool_new();
	atexit(free_args);
	if (argc > 256) {
		fprintf(stderr, "ccrepo %s: too many arguments\n", c->name);
		return 2;
	}
	/* the command's own switches go to it; the rest are settings and arguments */
	for (int i = 2; i < argc; i++) {
		int kind = own_flag(c, argv[i]);

		if (kind && nown >= 64) {
			fprintf(stderr, "ccrepo %s: too many options\n", c->name);
			return 2;
		}
		if (kind == 2 && !strchr(argv[i], '=')) {	/* "--uri X" -> "--uri=X" */
			if (i + 1 >= argc) {
				fprintf(stderr, "ccrepo %s: option %s needs a value\n", c->name,
					argv[i]);
				return 2;
			}
			own[nown++] = pool_printf(args_pool, "%s=%s", argv[i], argv[i + 1]);
			i++;
		} else if (kind) {
			own[nown++] = argv[i];
		} else {
			settings[nsettings++] = argv[i];
		}
	}
	if (config_resolve(&cfg, c->opts, nsettings, settings, rest, &nrest, &e)) {
		fprintf(stderr, "ccrepo %s: %s\n", c->name, e.msg);
		return 2;
	}
	for (int i = 0; i < nown && nrest < 64; i++)
		rest[nrest++] = own[i];
	log_set_level((enum log_level)cfg.log_level);
	store_set_cache(cfg.db_cache);
	/* who the audit log names for changes made from the command line (the server
	 * sets it per request) */
	audit_context_set(getenv("USER") && *getenv("USER") ? getenv("USER") : "cli", NULL);
	return c->run(&cfg, nrest, rest);
}
