/* ccrepo directory: the cooperation directory at the command line (domain/directory.h):
 * add and edit entries from a JSON file (the API's form), list them (as text, vCard
 * or CSV), show one with its history, verify one, list the stale ones. The command
 * line acts as the operator; the rules are the domain's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/file.h"
#include "domain/directory.h"
#include "export/directory.h"
#include "store/store.h"

static const char *opt(struct cli_ctx *c, const char *name)
{
	return cli_opt(c->argc, c->argv, name);
}

static long long id_of(struct cli_ctx *c, const char *s)
{
	long long id = num_id(s);

	if (id <= 0)
		err_set(&c->e, ERR_INVALID, "'%.40s' is not an entry id", s);
	return id;
}

/* The entry of --file (JSON) into en; *body keeps the JSON (decref it). */
static int read_entry(struct cli_ctx *c, struct dir_entry *en, json_t **body)
{
	const char *path = opt(c, "--file");
	char *text = NULL;
	size_t len;
	json_error_t je;

	*body = NULL;
	if (!path)
		return err_set(&c->e, ERR_INVALID, "--file: the entry as JSON (docs/directory.md)");
	if (file_read(path, LIMIT_DIR_BODY, &text, &len, &c->e))
		return c->e.code;
	*body = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	free(text);
	if (!*body)
		return err_set(&c->e, ERR_INVALID, "%s:%d: %s", path, je.line, je.text);
	return dir_from_json(c->p, *body, en, &c->e);
}

static int add(struct cli_ctx *c)
{
	struct dir_entry en;
	json_t *body;
	long long id;
	int rc = read_entry(c, &en, &body) || dir_add(c->s, cli_actor(), &en, &id, &c->e);

	json_decref(body);
	if (rc)
		return cli_failed(c);
	printf("entry %lld added\n", id);
	return 0;
}

static int edit(struct cli_ctx *c)
{
	struct dir_entry en;
	json_t *body;
	long long id = id_of(c, c->pos[0]), version = 0;
	int rc;

	if (id <= 0)
		return cli_failed(c);
	rc = read_entry(c, &en, &body);
	if (!rc) {
		version = opt(c, "--version") ? num_id(opt(c, "--version")) :
			  json_integer_value(json_object_get(body, "version"));
		if (version <= 0 || version > 1000000000)
			rc = err_set(&c->e, ERR_INVALID, "--version: the version the edit was "
				     "made from (or \"version\" in the file)");
	}
	if (!rc)
		rc = dir_edit(c->s, cli_actor(), id, (int)version, &en, &c->e);
	json_decref(body);
	if (rc)
		return cli_failed(c);
	printf("entry %lld saved at version %lld\n", id, version + 1);
	return 0;
}

static int list(struct cli_ctx *c)
{
	struct dir_query q = { .country = opt(c, "--country"), .region = opt(c, "--region"),
			       .language = opt(c, "--language"), .article = opt(c, "--article"),
			       .kind = -1 };
	const char *kind = opt(c, "--kind"), *format = opt(c, "--format");
	struct dir_entry *v;
	size_t n;
	struct sbuf b;

	if (kind && (q.kind = dir_kind_parse(kind)) < 0) {
		err_set(&c->e, ERR_INVALID, "--kind: '%.40s' is not a kind of authority", kind);
		return cli_failed(c);
	}
	if (format && strcmp(format, "text") && strcmp(format, "vcard") && strcmp(format, "csv")) {
		err_set(&c->e, ERR_INVALID, "--format: text, vcard or csv");
		return cli_failed(c);
	}
	if (dir_list(c->s, c->p, cli_actor(), &q, &v, &n, &c->e))
		return cli_failed(c);
	if (format && strcmp(format, "text")) {
		sbuf_init(&b);
		if (!strcmp(format, "vcard"))
			directory_vcard(&b, c->p, v, n);
		else
			directory_csv(&b, c->p, v, n);
		fwrite(b.buf, 1, b.len, stdout);
		sbuf_release(&b);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\t%s%s\n", v[i].id, v[i].country,
		       dir_kinds[v[i].kind].key, v[i].tlp, dir_entry_name(&v[i], "en"),
		       v[i].verified_on ? v[i].verified_on : "unverified",
		       v[i].stale ? "\tstale" : "");
	return 0;
}

static int show(struct cli_ctx *c)
{
	struct dir_entry *en;
	struct dir_revision *h;
	size_t nh;
	long long id = id_of(c, c->pos[0]);
	json_t *j, *hist = json_array();
	char *text;

	if (id <= 0 || dir_get(c->s, c->p, cli_actor(), id, &en, &c->e) ||
	    dir_history(c->s, c->p, cli_actor(), id, &h, &nh, &c->e)) {
		json_decref(hist);
		return cli_failed(c);
	}
	j = dir_to_json(en);
	for (size_t i = 0; i < nh; i++)
		json_array_append_new(hist, json_pack("{s:i, s:s, s:i, s:s, s:s, s:s}", "seq",
				      h[i].seq, "action", h[i].action, "version", h[i].version,
				      "at", h[i].at, "by", h[i].by, "changed", h[i].changed));
	json_object_set_new(j, "history", hist);
	text = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
	puts(text);
	free(text);
	json_decref(j);
	return 0;
}

static int verify(struct cli_ctx *c)
{
	long long id = id_of(c, c->pos[0]);

	if (id <= 0 || dir_verify(c->s, cli_actor(), id, &c->e))
		return cli_failed(c);
	printf("entry %lld verified\n", id);
	return 0;
}

static int stale(struct cli_ctx *c)
{
	struct dir_entry *v;
	size_t n;

	if (dir_stale_list(c->s, c->p, cli_actor(), &v, &n, &c->e))
		return cli_failed(c);
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\n", v[i].id, v[i].country, dir_kinds[v[i].kind].key,
		       dir_entry_name(&v[i], "en"), v[i].verified_on ? v[i].verified_on :
		       "never verified");
	return 0;
}

static const struct cli_sub subs[] = {
	{ "add", NULL, "directory add", 0, add },
	{ "edit", NULL, "directory edit", 1, edit },
	{ "list", NULL, "directory list", 0, list },
	{ "show", NULL, "directory show", 1, show },
	{ "verify", NULL, "directory verify", 1, verify },
	{ "stale", NULL, "directory stale", 0, stale },
};

static int usage(void)
{
	fprintf(stderr, "usage: ccrepo directory add --file=ENTRY.json\n"
		"       ccrepo directory edit ID --file=ENTRY.json [--version=N]\n"
		"       ccrepo directory list [--country=CC] [--kind=KIND] [--region=M49]\n"
		"                      [--language=LL] [--article=coe-185/35] "
		"[--format=text|vcard|csv]\n"
		"       ccrepo directory show ID | verify ID | stale\n");
	return 2;
}

int cli_directory(const struct config *cfg, int argc, char **argv)
{
	struct cli_ctx c = { .argc = argc, .argv = argv, .name = "directory" };
	int rc = cli_dispatch(cfg, &c, subs, sizeof(subs) / sizeof(subs[0]), usage);

	return rc < 0 ? usage() : rc;
}
