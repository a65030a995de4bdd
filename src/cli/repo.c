#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/log.h"
#include "core/num.h"
#include "core/sbuf.h"
#include "domain/audit.h"
#include "domain/bundle.h"
#include "domain/importer.h"
#include "domain/legislation.h"
#include "domain/kind.h"
#include "domain/refdata.h"
#include "export/akn.h"
#include "export/csv.h"
#include "export/iati.h"
#include "import/doc.h"
#include "store/store.h"

const char *cli_opt(int argc, char **argv, const char *name)
{
	size_t n = strlen(name);
	const char *v = NULL;

	for (int i = 0; i < argc; i++)
		if (!strncmp(argv[i], name, n) && argv[i][n] == '=')
			v = argv[i] + n + 1;
	return v;
}

int cli_switch(int argc, char **argv, const char *name)
{
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return 0;
}

/* Positional arguments: those that are not options. */
static int positional(int argc, char **argv, char **out, int max)
{
	int n = 0;

	for (int i = 0; i < argc && n < max; i++)
		if (strncmp(argv[i], "--", 2))
			out[n++] = argv[i];
	return n;
}

struct store *cli_open(const struct config *cfg)
{
	struct store *s = NULL;
	struct err e = { 0 };
	int from, to, loaded;

	if (store_open(cfg->db, &s, &e) || store_migrate(s, &from, &to, &e) ||
	    refdata_ensure(s, cfg->iso_codes_dir, cfg->locale_dir, 0, &loaded, NULL, &e) ||
	    record_use_clearance(s, cli_actor(), &e)) {	/* the operator reads all */
		fprintf(stderr, "ccrepo: %s\n", e.msg);
		store_close(s);
		return NULL;
	}
	return s;
}

int cli_run(const struct config *cfg, struct cli_ctx *c, cli_fn *fn)
{
	int rc;

	if (!(c->s = cli_open(cfg)))
		return 1;
	c->p = pool_new();
	rc = fn(c);
	pool_free(c->p);
	store_close(c->s);
	return rc;
}

int cli_dispatch(const struct config *cfg, struct cli_ctx *c, const struct cli_sub *subs,
		 size_t n, int (*usage)(void))
{
	char *pos[8];
	int np = 0;

	for (int i = 0; i < c->argc; i++)
		if (strncmp(c->argv[i], "--", 2) && np < 8)
			pos[np++] = c->argv[i];
	for (size_t i = 0; np && i < n; i++) {
		int words = subs[i].sub ? 2 : 1;

		if (strcmp(pos[0], subs[i].name) ||
		    (subs[i].sub && (np < 2 || strcmp(pos[1], subs[i].sub))))
			continue;
		if (np != subs[i].npos + words)
			return usage();
		c->pos = pos + words;
		c->name = subs[i].label;
		return cli_run(cfg, c, subs[i].fn);
	}
	return -1;
}

int cli_failed(const struct cli_ctx *c)
{
	fprintf(stderr, "ccrepo %s: %s\n", c->name, c->e.msg);
	return 1;
}

const struct actor *cli_actor(void)
{
	static struct actor a = { .name = "cli", .local = 1, .role = -1 };
	const char *user = getenv("USER");

	if (user && *user && strlen(user) < 64)
		a.name = user;
	return &a;
}

/* What ccrepo export writes (what import reads is the importer's). */
enum format { FMT_AKN, FMT_JSON, FMT_CSV, FMT_IATI };

static const struct {
	const char *name;
	enum format f;
} formats[] = {
	{ "akn", FMT_AKN }, { "xml", FMT_AKN }, { "json", FMT_JSON }, { "csv", FMT_CSV },
	{ "iati", FMT_IATI },
};

static int format_parse(const char *s)
{
	for (size_t i = 0; s && i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(s, formats[i].name))
			return (int)formats[i].f;
	return -1;
}

/* The request ccrepo import makes of its options (content and len not set). */
static struct importer_request import_request(const char *path, int argc, char **argv)
{
	struct importer_request q = {
		.format = cli_opt(argc, argv, "--format"), .origin = path,
		.uri = cli_opt(argc, argv, "--uri"), .title = cli_opt(argc, argv, "--title"),
		.country = cli_opt(argc, argv, "--country"), .type = cli_opt(argc, argv, "--type"),
		.number = cli_opt(argc, argv, "--number"), .date = cli_opt(argc, argv, "--date"),
		.language = cli_opt(argc, argv, "--language"),
		.version_date = cli_opt(argc, argv, "--version-date"),
		.source = cli_opt(argc, argv, "--source"),
		.status = cli_opt(argc, argv, "--status"), .tlp = cli_opt(argc, argv, "--tlp"),
		.no_suggest = cli_switch(argc, argv, "--no-suggest"),
	};

	return q;
}

static int node_depth(const struct doc_node *n)
{
	int k = 0;

	while ((n = n->parent) && n->parent)
		k++;
	return k;
}

/* What --dry-run prints: the document's metadata, its tree and its warnings. */
static void print_doc(const char *path, const struct doc *d)
{
	printf("%s: %s %s (date %s, language %s): %zu elements, nothing stored\n", path,
	       d->work_uri ? d->work_uri : "(no uri)", d->title ? d->title : "(no title)",
	       d->date ? d->date : "-", d->language ? d->language : "-", doc_count(d));
	for (const struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n))
		printf("  %*s%s%s%s%s%s  [%s]\n", node_depth(n) * 2, "", n->kind, n->num ? " " : "",
		       n->num ? n->num : "", n->heading ? " – " : "", n->heading ? n->heading : "",
		       n->eid);
	for (size_t i = 0; i < d->nwarnings; i++)
		printf("  warning: %s\n", d->warnings[i]);
}

/* ccrepo import --dry-run FILE: parse, print, store nothing. */
static int dry_run_file(const char *path, int argc, char **argv)
{
	struct importer_request q = import_request(path, argc, argv);
	struct err e = { 0 };
	struct doc *d = NULL;
	char *data = NULL;
	int rc = 1;

	if (file_read(path, (size_t)BUNDLE_MAX_BYTES, &data, &q.len, &e)) {
		fprintf(stderr, "ccrepo import: %s\n", e.msg);
		goto out;
	}
	q.content = data;
	if (importer_parse(&q, &d, &e)) {
		fprintf(stderr, "ccrepo import: %s: %s\n", path, e.msg);
		goto out;
	}
	print_doc(path, d);
	rc = 0;
out:
	doc_free(d);
	free(data);
	return rc;
}

static int import_file(struct store *s, const char *path, int argc, char **argv)
{
	struct importer_request q = import_request(path, argc, argv);
	struct importer_result res;
	struct err e = { 0 };
	char *data = NULL;
	pool *p = pool_new();
	int rc = 1;

	if (file_read(path, (size_t)BUNDLE_MAX_BYTES, &data, &q.len, &e)) {
		fprintf(stderr, "ccrepo import: %s\n", e.msg);
		goto out;
	}
	q.content = data;
	if (importer_run(s, p, cli_actor(), &q, &res, &e)) {
		fprintf(stderr, "ccrepo import: %s: %s\n", path, e.msg);
		goto out;
	}
	rc = 0;
	if (res.bundle) {
		printf("%s: %zu legislation, %zu cases, %zu lessons, %zu versions, %zu provisions, "
		       "%zu mappings\n", path, res.counts.legislation, res.counts.cases,
		       res.counts.lessons, res.counts.expressions, res.counts.provisions,
		       res.counts.mappings);
		goto out;
	}
	if (res.suggest_error)
		fprintf(stderr, "ccrepo import: %s: imported, but suggesting mappings failed: %s\n",
			path, res.suggest_error);
	printf("%s: %s %s@%s: %zu provisions, %zu mapping suggestions (record %lld)%s\n", path,
	       res.uri, res.language, res.date, res.nprovisions, res.nsuggested, res.id,
	       res.nwarnings ? ", with warnings:" : "");
	for (size_t i = 0; i < res.nwarnings && i < 20; i++)
		printf("  warning: %s\n", res.warnings[i]);
	if (res.nwarnings > 20)
		printf("  ... and %zu more warnings\n", res.nwarnings - 20);
out:
	free(data);
	pool_free(p);
	return rc;
}

int cli_import(const struct config *cfg, int argc, char **argv)
{
	char *files[64];
	int n = positional(argc, argv, files, 64), failed = 0;
	const char *fmt = cli_opt(argc, argv, "--format");
	enum record_status st = ST_DRAFT;
	struct err e = { 0 };
	struct store *s;

	if (!n) {
		fprintf(stderr, "usage: ccrepo import [OPTIONS] FILE...  (see ccrepo import --help)\n");
		return 2;
	}
	if (fmt && importer_format_parse(fmt) < 0) {
		fprintf(stderr, "ccrepo import: --format must be akn, clml, xml, pdf, text or "
			"json\n");
		return 2;
	}
	if (importer_status_parse(cli_opt(argc, argv, "--status"), &st, &e)) {
		fprintf(stderr, "ccrepo import: --status: %s\n", e.msg);
		return 2;
	}
	if (cli_switch(argc, argv, "--dry-run")) {
		for (int i = 0; i < n; i++)
			failed |= dry_run_file(files[i], argc, argv);
		return failed ? 1 : 0;
	}
	if (!(s = cli_open(cfg)))
		return 1;
	for (int i = 0; i < n; i++)
		failed |= import_file(s, files[i], argc, argv);
	store_close(s);
	return failed ? 1 : 0;
}

/* Find the work and the version an argument names: a work URI, optionally with
 * "/lang@date" or "@date" (the version in force that day), or a record id. */
static int find_version(struct store *s, pool *p, const char *arg, struct work **w,
			struct expression **x, struct err *e)
{
	const char *uri, *lang, *date;
	long long id = num_id(arg);
	int rc;

	if (id)
		rc = legislation_get_id(s, p, id, w, e);
	else if (!(rc = legislation_split_uri(p, arg, &uri, &lang, &date, e)))
		rc = legislation_get(s, p, uri, w, e);
	else
		return rc;
	if (rc)
		return rc;
	if (id)
		lang = date = NULL;
	if (date && lang)
		return legislation_expression(s, p, (*w)->rec.id, lang, date, x, e);
	return legislation_as_of(s, p, (*w)->rec.id, lang, date, x, e);
}

static int write_out(const char *path, const struct sbuf *b)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	int rc = 0;

	if (!f) {
		fprintf(stderr, "ccrepo export: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (fwrite(sbuf_str(b), 1, b->len, f) != b->len || fflush(f))
		rc = 1;
	if (path && fclose(f))
		rc = 1;
	if (rc)
		fprintf(stderr, "ccrepo export: cannot write %s\n", path ? path : "output");
	return rc;
}

static int export_records_csv(struct store *s, pool *p, const struct record_query *q,
			      struct sbuf *out, struct err *e)
{
	static const char *const head[] = { "id", "kind", "country", "region", "language",
					    "title", "status", "tlp", "revision", "source_url",
					    "created_at", "changed_at" };
	struct record_query page = *q;
	int rc;

	csv_row(out, head, sizeof(head) / sizeof(head[0]));
	page.limit = 500;
	for (page.offset = 0;; page.offset += page.limit) {
		struct record *rs;
		size_t n;

		if ((rc = record_list(s, p, &page, &rs, &n, e)))
			return rc;
		for (size_t i = 0; i < n; i++) {
			const char *row[] = {
				pool_printf(p, "%lld", rs[i].id), record_kind_name(rs[i].kind),
				rs[i].country, rs[i].region, rs[i].language, rs[i].title,
				record_status_name(rs[i].status), rs[i].tlp,
				pool_printf(p, "%d", rs[i].revision), rs[i].source_url,
				rs[i].created_at, rs[i].changed_at,
			};

			csv_row(out, row, sizeof(row) / sizeof(row[0]));
		}
		if (n < (size_t)page.limit)
			return ERR_OK;
	}
}

/* What ccrepo export was asked for: its options, checked */
struct export_req {
	int format;			/* enum format */
	const char *fmt, *out, *kind;	/* as given, NULL when not */
	struct record_query q;		/* --country, --kind */
	struct iati_org org;		/* iati: the settings iati-org-ref and -name */
	int public;			/* iati: --public, what the public reads */
};

static int export_cmd(struct cli_ctx *c)
{
	const struct export_req *x = c->data;
	const char *arg = c->pos ? c->pos[0] : NULL;
	struct record_query q = x->q;
	struct sbuf b = SBUF_INIT;
	int rc = 1;

	if (x->format == FMT_IATI) {
		size_t n;

		if (iati_export(c->s, c->p, x->public ? NULL : cli_actor(), &x->org,
				q.country, NULL, &b, &n, &c->e))
			goto fail;
		if (!n)
			fprintf(stderr, "ccrepo export: no request to export: the document has no "
					"iati-activity, which the IATI schema refuses\n");
		else if (!x->public)
			fprintf(stderr, "ccrepo export: this document holds every request, GREEN "
					"and AMBER ones too; the one to publish is made with "
					"--public\n");
	} else if (arg) {
		struct work *w;
		struct expression *ex;
		struct doc *d;

		if (find_version(c->s, c->p, arg, &w, &ex, &c->e))
			goto fail;
		if (x->format == FMT_JSON) {
			q.id = w->rec.id;
			q.kind = -1;
			q.country = NULL;
			if (bundle_export(c->s, NULL, &q, &b, NULL, &c->e))
				goto fail;
		} else {
			if (legislation_to_doc(c->s, w, ex, &d, &c->e))
				goto fail;
			rc = x->format == FMT_AKN ? akn_export(d, &b, &c->e) :
						    csv_doc_provisions(d, &b, &c->e);
			doc_free(d);
			if (rc)
				goto fail;
		}
	} else if (x->format == FMT_JSON) {
		if (bundle_export(c->s, NULL, &q, &b, NULL, &c->e))
			goto fail;
	} else if (export_records_csv(c->s, c->p, &q, &b, &c->e)) {
		goto fail;
	}
	if (audit_by(c->s, cli_actor(), AUDIT_EXPORT, arg,
		     pool_printf(c->p, "format %s, country %s, kind %s", x->fmt ? x->fmt : "json",
				 q.country ? q.country : "any", x->kind ? x->kind : "any"),
		     &c->e))
		goto fail;
	rc = write_out(x->out, &b);
	goto done;
fail:
	rc = cli_failed(c);
done:
	sbuf_release(&b);
	return rc;
}

int cli_export(const struct config *cfg, int argc, char **argv)
{
	char *args[4];
	int n = positional(argc, argv, args, 4);
	struct export_req x = {
		.format = FMT_JSON, .fmt = cli_opt(argc, argv, "--format"),
		.out = cli_opt(argc, argv, "--out"), .kind = cli_opt(argc, argv, "--kind"),
		.q = { -1, cli_opt(argc, argv, "--country"), -1, NULL, 0, 0, 0, 0 },
		.org = { cfg->iati_org_ref, cfg->iati_org_name },
		.public = cli_switch(argc, argv, "--public"),
	};

	if (x.fmt && (x.format = format_parse(x.fmt)) < 0) {
		fprintf(stderr, "ccrepo export: --format must be akn, json, csv or iati\n");
		return 2;
	}
	if (x.kind && (x.q.kind = record_kind_parse(x.kind)) < 0) {
		fprintf(stderr, "ccrepo export: --kind must be legislation, case or lesson\n");
		return 2;
	}
	if (n > 1 || (x.format == FMT_AKN && n != 1) || (x.format == FMT_IATI && n) ||
	    (x.public && x.format != FMT_IATI)) {
		fprintf(stderr, "usage: ccrepo export [--format akn|json|csv] [--out FILE] "
				"[--country CC] [--kind K] [WORK-URI[@DATE] | ID]\n"
				"       ccrepo export --format iati [--out FILE] [--country CC] "
				"[--public]\n");
		return 2;
	}
	return cli_run(cfg, &(struct cli_ctx){ .name = "export", .pos = n ? args : NULL,
					       .argc = argc, .argv = argv, .data = &x },
		       export_cmd);
}

static void show_work(struct store *s, pool *p, struct work *w, struct expression *x, int all)
{
	struct expression *xs;
	struct provision *pv;
	struct mapping *ms;
	size_t nx = 0, np = 0, nm = 0, shown = 0;

	printf("%s\n%s\n", w->rec.title, w->uri);
	printf("record %lld · %s · %s · %s · %s · TLP:%s · revision %d\n", w->rec.id,
	       record_kind_name(w->rec.kind), w->rec.country ? w->rec.country : "-",
	       w->type, record_status_name(w->rec.status), w->rec.tlp, w->rec.revision);
	if (!legislation_expressions(s, p, w->rec.id, &xs, &nx, NULL)) {
		printf("versions:\n");
		for (size_t i = 0; i < nx; i++)
			printf("  %s %s@%s %s, %d provisions\n", xs[i].id == x->id ? "*" : " ",
			       xs[i].language, xs[i].date, expr_status_name(xs[i].status),
			       xs[i].provision_count);
	}
	if (!mapping_list_work(s, p, w->rec.id, &ms, &nm, NULL) && nm)
		printf("mappings: %zu\n", nm);
	if (legislation_provisions(s, p, x->id, &pv, &np, NULL))
		return;
	printf("contents of %s@%s:\n", x->language, x->date);
	for (size_t i = 0; i < np; i++) {
		if (!all && pv[i].depth > 2)
			continue;
		if (!all && shown++ == 200) {
			printf("  ... (--all shows every provision)\n");
			break;
		}
		printf("  %*s%s %s%s%s  [%s]\n", pv[i].depth * 2, "", pv[i].kind,
		       pv[i].num ? pv[i].num : "", pv[i].heading ? " – " : "",
		       pv[i].heading ? pv[i].heading : "", pv[i].eid);
	}
}


/* The fields of record r, of a kind described by fields, in the order of its table:
 * one-line values as "key: value", paragraphs after them, links one per line. */
static void show_fields(struct cli_ctx *c, const struct record *r)
{
	const struct kind *k = kind_by_id(r->kind);
	void *obj;

	if (!k || !k->table || kind_get(c->s, c->p, k, r->id, &obj, &c->e))
		return;
	for (size_t i = 0; i < k->nfields; i++) {
		const struct kind_field *f = &k->fields[i];
		const char *v = kind_value(obj, f);
		struct record_link *l;
		size_t n;

		if (f->type == KT_LINKS) {
			kind_links(obj, f, &l, &n);
			for (size_t x = 0; x < n; x++)
				printf("%s: %s/~%s\n", f->key, l[x].work_uri, l[x].eid);
		} else if (f->type != KT_LONG && f->type != KT_MARKDOWN) {
			printf("%s: %s\n", f->key, v ? v : "-");
		}
	}
	for (size_t i = 0; i < k->nfields; i++) {
		const char *v = kind_value(obj, &k->fields[i]);

		if ((k->fields[i].type == KT_LONG || k->fields[i].type == KT_MARKDOWN) && v && *v)
			printf("\n%s:\n%s\n", k->fields[i].key, v);
	}
}

static int show_cmd(struct cli_ctx *c)
{
	const char *arg = c->pos[0];
	struct work *w;
	struct expression *x;
	struct record *r;

	if (!find_version(c->s, c->p, arg, &w, &x, &c->e)) {
		show_work(c->s, c->p, w, x, cli_switch(c->argc, c->argv, "--all"));
	} else if (num_id(arg) && !record_get(c->s, c->p, num_id(arg), &r, &c->e)) {
		printf("%s\nrecord %lld · %s · %s · %s · TLP:%s · revision %d\n", r->title, r->id,
		       record_kind_name(r->kind), r->country ? r->country : r->region,
		       record_status_name(r->status), r->tlp, r->revision);
		show_fields(c, r);
	} else {
		return cli_failed(c);
	}
	return 0;
}

int cli_show(const struct config *cfg, int argc, char **argv)
{
	char *args[2];

	if (positional(argc, argv, args, 2) != 1) {
		fprintf(stderr, "usage: ccrepo show [--all] WORK-URI[@DATE] | ID\n");
		return 2;
	}
	return cli_run(cfg, &(struct cli_ctx){ .name = "show", .pos = args, .argc = argc,
					       .argv = argv }, show_cmd);
}
