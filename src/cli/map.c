/* ccrepo map: record curators' mappings of provisions to instrument articles, one at a
 * time or a whole file in the format of tests/relevance/mappings.tsv. The rules (what a
 * row is, the permission, the audit, the file's size) are the domain's: mapping_decide
 * and mapping_load_tsv in src/domain/mapping.c; this decodes arguments and prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/file.h"
#include "domain/legislation.h"
#include "store/store.h"

#define MAP_USAGE                                                                       \
	"usage: ccrepo map WORK-URI EID INSTRUMENT/NUMBER full|partial|reject "          \
	"[--comment=TEXT]\n"                                                             \
	"       ccrepo map --file=FILE [--strict]\n"

/* What the command was asked, parsed before the database opens. */
struct map_args {
	const char *uri, *eid, *article, *decision, *comment;	/* one mapping */
	const char *path;					/* or a file */
	char *text;						/* its bytes */
	size_t len;
	int strict;
};

static int map_one(struct cli_ctx *c)
{
	const struct map_args *m = c->data;

	if (mapping_decide(c->s, cli_actor(), m->uri, m->eid, m->article, m->decision,
			   m->comment, &c->e))
		return cli_failed(c);
	printf("%s#%s -> %s: %s\n", m->uri, m->eid, m->article,
	       strcmp(m->decision, "reject") ? m->decision : "rejected");
	return 0;
}

/* Each row that was not stored, on standard error as FILE:LINE: why. */
static void bad_row(void *ud, size_t line, const struct err *why)
{
	fprintf(stderr, "%s:%zu: %s\n", (const char *)ud, line, why->msg);
}

static int map_file(struct cli_ctx *c)
{
	const struct map_args *m = c->data;
	struct mapping_load n;
	int rc;

	rc = mapping_load_tsv(c->s, cli_actor(), m->text, m->len, m->strict, bad_row,
			      (void *)m->path, &n, &c->e);
	if (rc) {
		/* a bad row with --strict (printed already), else the file as a whole (size,
		 * encoding) or the database */
		if (!m->strict || !n.bad)
			cli_failed(c);
		fprintf(stderr, "ccrepo map: %s: nothing stored%s\n", m->path,
			m->strict && n.bad ? " (--strict)" : "");
		return 1;
	}
	printf("%s: %zu mappings stored, %zu rows skipped (none, scope), %zu rows not "
	       "stored\n", m->path, n.stored, n.skipped, n.bad);
	return 0;
}

int cli_map(const struct config *cfg, int argc, char **argv)
{
	struct map_args m = { 0 };
	struct cli_ctx c = { .name = "map", .argc = argc, .argv = argv, .data = &m };
	char *pos[5];
	int npos = 0, rc;

	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "--", 2)) {
			if (npos == 4) {
				fputs(MAP_USAGE, stderr);
				return 2;
			}
			pos[npos++] = argv[i];
		}
	m.path = cli_opt(argc, argv, "--file");
	m.comment = cli_opt(argc, argv, "--comment");
	m.strict = cli_switch(argc, argv, "--strict");
	if (m.path) {
		struct err e = { 0 };

		if (npos || m.comment || !*m.path) {
			fputs(MAP_USAGE, stderr);
			return 2;
		}
		/* the domain checks the size too; reading stops at it */
		if (file_read(m.path, LIMIT_MAPPING_FILE, &m.text, &m.len, &e)) {
			fprintf(stderr, "ccrepo map: %s\n", e.msg);
			return 1;
		}
		rc = cli_run(cfg, &c, map_file);
		free(m.text);
		return rc;
	}
	if (npos != 4 || m.strict) {
		fputs(MAP_USAGE, stderr);
		return 2;
	}
	m.uri = pos[0];
	m.eid = pos[1];
	m.article = pos[2];
	m.decision = pos[3];
	return cli_run(cfg, &c, map_one);
}
