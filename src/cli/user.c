/* ccrepo org and ccrepo user: organisations, accounts, passwords and API tokens from
 * the command line (the operator's tools; the first admin is made here). Each
 * subcommand is a row of a table. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/refdata.h"
#include "domain/share.h"
#include "domain/user.h"
#include "store/store.h"

struct subcommand {
	const char *name;
	int npos;		/* positional arguments after the subcommand */
	cli_fn *run;
	const char *usage;
};

static const char *dash(const char *s)
{
	return s && *s ? s : "-";
}

/* Run the subcommand named by the first positional argument from table. */
static int dispatch(const char *cmd, const struct subcommand *table, size_t n,
		    const struct config *cfg, int argc, char **argv)
{
	char *pos[8];
	const struct subcommand *sc = NULL;
	char name[64];
	int npos = 0;

	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "--", 2) && npos < 8)
			pos[npos++] = argv[i];
	for (size_t i = 0; npos && i < n; i++)
		if (!strcmp(pos[0], table[i].name))
			sc = &table[i];
	if (!sc || npos - 1 != sc->npos) {
		if (sc)
			fprintf(stderr, "usage: ccrepo %s %s\n", cmd, sc->usage);
		else
			for (size_t i = 0; i < n; i++)
				fprintf(stderr, "%s ccrepo %s %s\n", i ? "      " : "usage:", cmd,
					table[i].usage);
		return 2;
	}
	snprintf(name, sizeof(name), "%s %s", cmd, sc->name);
	return cli_run(cfg, &(struct cli_ctx){ .name = name, .pos = pos + 1, .argc = argc,
					       .argv = argv }, sc->run);
}

/* ---- ccrepo org ---- */

static int org_cmd_add(struct cli_ctx *c)
{
	const char *kind = cli_opt(c->argc, c->argv, "--kind");
	struct org o = { .name = c->pos[0],
			 .country = cli_opt(c->argc, c->argv, "--country") };
	int k = org_kind_parse(kind);

	if (!kind) {
		fprintf(stderr, "ccrepo org add: --kind is required (national_authority, unodc, "
			"donor, implementing, private_sector, civil_society, academia)\n");
		return 2;
	}
	o.kind = (enum org_kind)k;
	if (org_add(c->s, c->p, &o, &c->e))
		return cli_failed(c);
	printf("organisation '%s' added (%s%s%s)\n", o.name, org_kind_name(o.kind),
	       o.country ? ", " : "", o.country ? o.country : "");
	return 0;
}

static int org_cmd_list(struct cli_ctx *c)
{
	struct org *list;
	size_t n;

	if (org_list(c->s, c->p, &list, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%-32s %-18s %s\n", list[i].name, org_kind_name(list[i].kind),
		       dash(list[i].country));
	if (!n)
		printf("no organisations yet: add one with 'ccrepo org add NAME --kind KIND'\n");
	return 0;
}

static const struct subcommand org_commands[] = {
	{ "add", 1, org_cmd_add, "add NAME --kind KIND [--country CC]" },
	{ "list", 0, org_cmd_list, "list" },
};

int cli_org(const struct config *cfg, int argc, char **argv)
{
	return dispatch("org", org_commands, sizeof(org_commands) / sizeof(org_commands[0]),
			cfg, argc, argv);
}

/* ---- passwords ---- */

/* One line of f into buf (size bytes) without its line end; -1 at EOF or when the
 * line is too long for buf. */
static int read_line(FILE *f, char *buf, size_t size)
{
	size_t n;

	if (!fgets(buf, (int)size, f))
		return -1;
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (!feof(f))
		return -1;
	if (n && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return 0;
}

/* Ask for a line on the terminal (standard input) with echo off. */
static int prompt_hidden(const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	int rc;

	fputs(prompt, stderr);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old))
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet))
		return -1;
	rc = read_line(stdin, buf, size);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	return rc;
}

#define PW_BUF (USER_PASSWORD_MAX + 3)

/* The new password into pw (PW_BUF bytes): the first line of standard input with
 * --password-stdin, else typed twice on the terminal. 0, or 1 with a message. */
static int read_password(const struct cli_ctx *c, char *pw)
{
	const char *what = c->name;
	char again[PW_BUF];
	int rc = 1;

	if (cli_switch(c->argc, c->argv, "--password-stdin")) {
		if (read_line(stdin, pw, PW_BUF))
			fprintf(stderr, "ccrepo %s: no password on standard input, or longer "
				"than %d bytes\n", what, USER_PASSWORD_MAX);
		else if (!*pw)
			fprintf(stderr, "ccrepo %s: the password is empty\n", what);
		else
			rc = 0;
		return rc;
	}
	if (!isatty(STDIN_FILENO)) {
		fprintf(stderr, "ccrepo %s: no terminal to ask for the password on; give it "
			"with --password-stdin\n", what);
		return 1;
	}
	fprintf(stderr, "Choose a password of at least %d characters (a few words are "
		"easiest to remember).\n", USER_PASSWORD_MIN);
	if (prompt_hidden("Password: ", pw, PW_BUF) ||
	    prompt_hidden("Again: ", again, sizeof(again)))
		fprintf(stderr, "ccrepo %s: no password read\n", what);
	else if (!*pw)
		fprintf(stderr, "ccrepo %s: the password is empty\n", what);
	else if (strcmp(pw, again))
		fprintf(stderr, "ccrepo %s: the two passwords differ\n", what);
	else
		rc = 0;
	sodium_memzero(again, sizeof(again));
	return rc;
}

/* ---- ccrepo user ---- */

static int user_cmd_add(struct cli_ctx *c)
{
	const char *role = cli_opt(c->argc, c->argv, "--role");
	struct user u = { .username = c->pos[0],
			  .org_name = cli_opt(c->argc, c->argv, "--org"),
			  .country = cli_opt(c->argc, c->argv, "--country"),
			  .display_name = cli_opt(c->argc, c->argv, "--display-name"),
			  .email = cli_opt(c->argc, c->argv, "--email") };
	char pw[PW_BUF];
	int rc = 1;

	if (!role || !u.org_name) {
		fprintf(stderr, "ccrepo user add: --role (reader, focal_point, provider, "
			"curator, admin) and --org are required\n");
		return 2;
	}
	u.role = (enum role)role_parse(role);
	/* check what can be checked before asking for the password */
	if (user_name_valid(u.username, &c->e))
		return cli_failed(c);
	if ((int)u.role < 0) {
		fprintf(stderr, "ccrepo user add: --role is one of reader, focal_point, "
			"provider, curator, admin\n");
		return 2;
	}
	if (org_get(c->s, c->p, u.org_name, &(struct org *){ NULL }, &c->e))
		return cli_failed(c);
	if (read_password(c, pw))
		return 1;
	if (user_add(c->s, c->p, &u, pw, time(NULL), &c->e))
		cli_failed(c);
	else {
		printf("user '%s' added: %s of %s%s%s\n", u.username, role_name(u.role),
		       u.org_name, u.country ? ", " : "", u.country ? u.country : "");
		rc = 0;
	}
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

static int user_cmd_list(struct cli_ctx *c)
{
	struct user *list;
	size_t n;

	if (user_list(c->s, c->p, &list, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%-20s %-12s %-28s %-3s %-9s %s\n", list[i].username,
		       role_name(list[i].role), list[i].org_name, dash(list[i].country),
		       list[i].disabled ? "disabled" : "active", dash(list[i].display_name));
	if (!n)
		printf("no users yet: see 'ccrepo user --help' for the first admin\n");
	return 0;
}

static int user_cmd_disable(struct cli_ctx *c)
{
	if (user_disable(c->s, c->pos[0], &c->e))
		return cli_failed(c);
	printf("user '%s' disabled: its sessions ended and its tokens stopped working\n",
	       c->pos[0]);
	return 0;
}

static int user_cmd_enable(struct cli_ctx *c)
{
	if (user_enable(c->s, c->pos[0], &c->e))
		return cli_failed(c);
	printf("user '%s' enabled\n", c->pos[0]);
	return 0;
}

static int user_cmd_passwd(struct cli_ctx *c)
{
	struct user *u;
	char pw[PW_BUF];
	int rc = 1;

	if (user_get(c->s, c->p, c->pos[0], &u, &c->e))
		return cli_failed(c);
	if (read_password(c, pw))
		return 1;
	if (user_set_password(c->s, u->username, pw, time(NULL), &c->e))
		cli_failed(c);
	else {
		printf("password of '%s' changed; its sessions ended\n", u->username);
		rc = 0;
	}
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

static int user_cmd_token(struct cli_ctx *c)
{
	const char *name = cli_opt(c->argc, c->argv, "--name");
	const char *scope = cli_opt(c->argc, c->argv, "--scope");
	char *id, *text;
	int sc = scope ? token_scope_parse(scope) : SCOPE_READ;

	if (!name) {
		fprintf(stderr, "ccrepo user token: --name LABEL is required (what the token "
			"is for)\n");
		return 2;
	}
	if (token_create(c->s, c->p, c->pos[0], name, (enum token_scope)sc, time(NULL), &id, &text,
			 &c->e))
		return cli_failed(c);
	fprintf(stderr, "API token %s for '%s' (%s). It is shown only this once and cannot "
		"be recovered:\nstore it now. Revoke it with 'ccrepo user revoke %s'.\n", id,
		c->pos[0], token_scope_name((enum token_scope)sc), id);
	printf("%s\n", text);
	sodium_memzero(text, strlen(text));
	return 0;
}

static int user_cmd_tokens(struct cli_ctx *c)
{
	struct token *list;
	size_t n;

	if (token_list(c->s, c->p, c->pos[0], &list, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%s  %-5s created %s  last used %-20s %s%s  %s\n", list[i].id,
		       token_scope_name(list[i].scope), list[i].created_at,
		       dash(list[i].last_used_at), list[i].revoked_at ? "REVOKED " : "",
		       list[i].revoked_at ? list[i].revoked_at : "active", list[i].name);
	if (!n)
		printf("'%s' has no API tokens\n", c->pos[0]);
	return 0;
}

static int user_cmd_revoke(struct cli_ctx *c)
{
	const char *id = c->pos[0];

	/* the whole token text names its id too */
	if (!strncmp(id, TOKEN_PREFIX, strlen(TOKEN_PREFIX)))
		id = pool_strndup(c->p, id + strlen(TOKEN_PREFIX), 16);
	if (token_revoke(c->s, id, time(NULL), &c->e))
		return cli_failed(c);
	printf("token %s revoked\n", id);
	return 0;
}

static const struct subcommand user_commands[] = {
	{ "add", 1, user_cmd_add, "add NAME --role ROLE --org ORG [--country CC] "
	  "[--display-name X] [--email X] [--password-stdin]" },
	{ "list", 0, user_cmd_list, "list" },
	{ "disable", 1, user_cmd_disable, "disable NAME" },
	{ "enable", 1, user_cmd_enable, "enable NAME" },
	{ "passwd", 1, user_cmd_passwd, "passwd NAME [--password-stdin]" },
	{ "token", 1, user_cmd_token, "token NAME --name LABEL [--scope read|write]" },
	{ "tokens", 1, user_cmd_tokens, "tokens NAME" },
	{ "revoke", 1, user_cmd_revoke, "revoke TOKEN_ID" },
};

int cli_user(const struct config *cfg, int argc, char **argv)
{
	return dispatch("user", user_commands,
			sizeof(user_commands) / sizeof(user_commands[0]), cfg, argc, argv);
}

/* ---- ccrepo group ---- */

static int group_cmd_add(struct cli_ctx *c)
{
	long long id;

	if (share_group_add(c->s, c->p, c->pos[0], &id, &c->e))
		return cli_failed(c);
	printf("added sharing group %s\n", c->pos[0]);
	return 0;
}

static int group_cmd_list(struct cli_ctx *c)
{
	struct share_group *g;
	size_t n;

	if (share_group_list(c->s, c->p, &g, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%s\t%s\n", g[i].name, dash(g[i].members));
	return 0;
}

static int group_cmd_join(struct cli_ctx *c)
{
	if (share_group_member(c->s, c->p, c->pos[0], c->pos[1], 1, &c->e))
		return cli_failed(c);
	printf("%s is in sharing group %s\n", c->pos[1], c->pos[0]);
	return 0;
}

static int group_cmd_leave(struct cli_ctx *c)
{
	if (share_group_member(c->s, c->p, c->pos[0], c->pos[1], 0, &c->e))
		return cli_failed(c);
	printf("%s is no longer in sharing group %s\n", c->pos[1], c->pos[0]);
	return 0;
}

static const struct subcommand group_commands[] = {
	{ "add", 1, group_cmd_add, "add NAME" },
	{ "list", 0, group_cmd_list, "list" },
	{ "join", 2, group_cmd_join, "join GROUP ORG" },
	{ "leave", 2, group_cmd_leave, "leave GROUP ORG" },
};

int cli_group(const struct config *cfg, int argc, char **argv)
{
	return dispatch("group", group_commands, sizeof(group_commands) /
			sizeof(group_commands[0]), cfg, argc, argv);
}

/* ---- ccrepo share ---- */

static int share_cmd(struct cli_ctx *c)
{
	const char *gopt = cli_opt(c->argc, c->argv, "--groups");
	const char *ropt = cli_opt(c->argc, c->argv, "--readers");
	const char *groups[SHARE_NAMES_MAX], *readers[SHARE_NAMES_MAX];
	struct record_share sh;
	long long id = num_id(c->pos[0]);
	int ng, nr;

	if (!id) {
		fprintf(stderr, "ccrepo share: %s: not a record id\n", c->pos[0]);
		return 2;
	}
	if (gopt || ropt) {
		if (record_share_get(c->s, c->p, cli_actor(), id, &sh, &c->e))
			return cli_failed(c);
		ng = gopt ? share_names_split(c->p, gopt, groups, SHARE_NAMES_MAX) :
			    (int)sh.ngroups;
		nr = ropt ? share_names_split(c->p, ropt, readers, SHARE_NAMES_MAX) :
			    (int)sh.nreaders;
		if (ng < 0 || nr < 0) {
			fprintf(stderr, "ccrepo share: at most %d groups and %d readers\n",
				SHARE_NAMES_MAX, SHARE_NAMES_MAX);
			return 2;
		}
		for (int i = 0; !gopt && i < ng; i++)
			groups[i] = sh.groups[i];
		for (int i = 0; !ropt && i < nr; i++)
			readers[i] = sh.readers[i];
		if (record_share_set(c->s, c->p, cli_actor(), id, groups, (size_t)ng, readers,
				     (size_t)nr, &c->e))
			return cli_failed(c);
	}
	if (record_share_get(c->s, c->p, cli_actor(), id, &sh, &c->e))
		return cli_failed(c);
	printf("groups:");
	for (size_t i = 0; i < sh.ngroups; i++)
		printf("%s%s", i ? ", " : " ", sh.groups[i]);
	printf("\nreaders:");
	for (size_t i = 0; i < sh.nreaders; i++)
		printf("%s%s", i ? ", " : " ", sh.readers[i]);
	printf("\n");
	return 0;
}

int cli_share(const struct config *cfg, int argc, char **argv)
{
	char *pos[1];
	int npos = 0;

	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "--", 2) && npos++ < 1)
			pos[0] = argv[i];
	if (npos != 1) {
		fprintf(stderr, "usage: ccrepo share RECORD_ID [--groups=A,B] "
			"[--readers=NAME,NAME]\n");
		return 2;
	}
	return cli_run(cfg, &(struct cli_ctx){ .name = "share", .pos = pos, .argc = argc,
					       .argv = argv }, share_cmd);
}
