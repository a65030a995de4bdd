/* ccrepo audit verify and ccrepo audit list: check the audit log's hash chain and
 * print its entries. Each subcommand is a row of a table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/audit.h"
#include "store/store.h"

struct audit_cmd {
	const char *name;
	int (*run)(struct store *s, int argc, char **argv);
	const char *usage;
};

/* Print s (NULL as "-") with tabs, line ends and other control characters as
 * spaces, so that each entry stays one line of tab-separated fields. */
static void field(const char *s)
{
	if (!s || !*s) {
		fputs("-", stdout);
		return;
	}
	for (; *s; s++)
		putchar((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

/* With --anchor ID:HASH (a "newest entry" line kept from an earlier verify), check
 * that entry ID still exists with that hash: a log cut or rewritten from some entry
 * on still chains, but no longer matches what was kept. 0, 1 (printed) or 2. */
static int check_anchor(struct store *s, const char *anchor, long long checked)
{
	unsigned char want[AUDIT_HASH_BYTES];
	struct audit_entry *en;
	char idbuf[24];
	const char *colon = anchor ? strchr(anchor, ':') : NULL;
	long long id = 0;
	pool *p;
	int rc = 0;

	if (!anchor)
		return 0;
	if (colon && (size_t)(colon - anchor) < sizeof(idbuf)) {
		memcpy(idbuf, anchor, (size_t)(colon - anchor));
		idbuf[colon - anchor] = '\0';
		id = num_id(idbuf);
	}
	if (!id || strlen(colon + 1) != 2 * AUDIT_HASH_BYTES ||
	    strspn(colon + 1, "0123456789abcdefABCDEF") != 2 * AUDIT_HASH_BYTES) {
		fprintf(stderr, "ccrepo audit verify: --anchor is ID:HASH as printed on the "
			"\"newest entry\" line\n");
		return 2;
	}
	for (int i = 0; i < AUDIT_HASH_BYTES; i++)
		sscanf(colon + 1 + 2 * i, "%2hhx", &want[i]);
	if (id > checked) {
		printf("audit log broken at entry %lld: missing (the log ends at entry %lld)\n",
		       id, checked);
		return 1;
	}
	p = pool_new();
	if (audit_entry_get(s, p, id, &en, NULL) || memcmp(en->hash, want, AUDIT_HASH_BYTES)) {
		printf("audit log broken at entry %lld: its hash is not the one kept\n", id);
		rc = 1;
	}
	pool_free(p);
	return rc;
}

static int audit_cmd_verify(struct store *s, int argc, char **argv)
{
	long long checked, bad;
	struct audit_entry *en;
	struct err e = { 0 };
	size_t n;
	pool *p;
	int rc;

	rc = audit_verify(s, &checked, &bad, &e);
	if (rc == ERR_CONFLICT) {
		printf("audit log broken at entry %lld: %s\n", bad, e.msg);
		return 1;
	}
	if (rc) {
		fprintf(stderr, "ccrepo audit verify: %s\n", e.msg);
		return 1;
	}
	if ((rc = check_anchor(s, cli_opt(argc, argv, "--anchor"), checked)))
		return rc;
	printf("audit log intact: %lld entries\n", checked);
	/* the newest hash: kept elsewhere, it shows later whether the tail was cut */
	p = pool_new();
	if (checked && !audit_list(s, p, NULL, 1, 0, &en, &n, NULL) && n) {
		printf("newest entry: %lld ", en->id);
		for (int i = 0; i < AUDIT_HASH_BYTES; i++)
			printf("%02x", en->hash[i]);
		putchar('\n');
	}
	pool_free(p);
	return 0;
}

static int audit_cmd_list(struct store *s, int argc, char **argv)
{
	struct audit_filter f = {
		.actor = cli_opt(argc, argv, "--actor"),
		.action = cli_opt(argc, argv, "--action"),
		.target = cli_opt(argc, argv, "--target"),
		.since = cli_opt(argc, argv, "--since"),
		.until = cli_opt(argc, argv, "--until"),
	};
	const char *limit_s = cli_opt(argc, argv, "--limit");
	struct audit_entry *en;
	struct err e = { 0 };
	int limit = 100;
	size_t n;
	pool *p;
	int rc = 0;

	if (limit_s && num_int(limit_s, 1, LIMIT_AUDIT_LIST_MAX, &limit)) {
		fprintf(stderr, "ccrepo audit list: --limit must be 1 to %d\n",
			LIMIT_AUDIT_LIST_MAX);
		return 2;
	}
	if (f.action && audit_action_parse(f.action) < 0) {
		fprintf(stderr, "ccrepo audit list: unknown action '%s'; one of:", f.action);
		for (int i = 0; i < AUDIT_ACTION_COUNT; i++)
			fprintf(stderr, " %s", audit_action_name((enum audit_action)i));
		fputc('\n', stderr);
		return 2;
	}
	p = pool_new();
	if (audit_list(s, p, &f, (int)limit, 0, &en, &n, &e)) {
		fprintf(stderr, "ccrepo audit list: %s\n", e.msg);
		rc = 1;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const char *fields[] = { en[i].at, en[i].actor, en[i].action, en[i].target,
					 en[i].address, en[i].detail };

		printf("%lld", en[i].id);
		for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
			putchar('\t');
			field(fields[k]);
		}
		putchar('\n');
	}
out:
	pool_free(p);
	return rc;
}

static const struct audit_cmd audit_commands[] = {
	{ "verify", audit_cmd_verify, "verify [--anchor ID:HASH]" },
	{ "list", audit_cmd_list, "list [--actor NAME] [--action ACTION] [--target PREFIX] "
	  "[--since DATE] [--until DATE] [--limit N]" },
};
#define NAUDIT (sizeof(audit_commands) / sizeof(audit_commands[0]))

int cli_audit(const struct config *cfg, int argc, char **argv)
{
	const struct audit_cmd *c = NULL;
	const char *pos[2];
	struct store *s = NULL;
	struct err e = { 0 };
	int npos = 0, from, to, version = 0, rc;

	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "--", 2) && npos < 2)
			pos[npos++] = argv[i];
	for (size_t i = 0; npos == 1 && i < NAUDIT; i++)
		if (!strcmp(pos[0], audit_commands[i].name))
			c = &audit_commands[i];
	if (!c) {
		for (size_t i = 0; i < NAUDIT; i++)
			fprintf(stderr, "%s ccrepo audit %s\n", i ? "      " : "usage:",
				audit_commands[i].usage);
		return 2;
	}
	/* verifying writes nothing: only a database without the current schema is
	 * migrated (or refused, when newer or not ccrepo's); dropped triggers are
	 * reported by 'ccrepo check' and restored by 'ccrepo migrate' */
	if (store_open(cfg->db, &s, &e) || store_schema_version(s, &version, &e) ||
	    (version != store_schema_latest() && store_migrate(s, &from, &to, &e))) {
		fprintf(stderr, "ccrepo audit: %s\n", e.msg);
		store_close(s);
		return 1;
	}
	rc = c->run(s, argc, argv);
	store_close(s);
	return rc;
}
