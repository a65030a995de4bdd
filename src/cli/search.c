/* ccrepo search and ccrepo reindex */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/sbuf.h"
#include "domain/refdata.h"
#include "domain/search.h"
#include "store/store.h"

/* A snippet for a terminal: matches in [brackets]. */
static void print_marked(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == SEARCH_MARK_OPEN ? '[' : *s == SEARCH_MARK_CLOSE ? ']' : *s);
}

int cli_search(const struct config *cfg, int argc, char **argv)
{
	struct sbuf q = SBUF_INIT;
	const char *lim = cli_opt(argc, argv, "--limit");
	struct search_result *res;
	struct err e = { 0 };
	struct store *s;
	pool *p;
	int rc = 1, limit = 10, bad = lim && num_int(lim, 1, SEARCH_LIMIT_MAX, &limit);

	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "--", 2))
			continue;
		if (q.len)
			sbuf_addc(&q, ' ');
		sbuf_adds(&q, argv[i]);
	}
	if (!q.len || bad) {
		fprintf(stderr, "usage: ccrepo search [--limit N (1-100)] QUERY...\n");
		sbuf_release(&q);
		return 2;
	}
	if (!(s = cli_open(cfg))) {
		sbuf_release(&q);
		return 1;
	}
	p = pool_new();
	if (search_run(s, p, NULL, sbuf_str(&q), limit, 0, &res, &e)) {
		fprintf(stderr, "ccrepo search: %s\n", e.msg);
		goto out;
	}
	{
		long long n = res->partial ? res->partial_total : res->total;

		printf("%lld %s for %s\n", n, n == 1 ? "match" : "matches", res->canonical);
		if (res->partial)
			printf("(%s; with all the words: %lld)\n", res->message, res->total);
	}
	for (size_t i = 0; i < res->nconcepts; i++)
		printf("%s %s", i ? "," : "concepts:", res->concepts[i]);
	if (res->nconcepts)
		putchar('\n');
	for (size_t i = 0; i < res->nhits; i++) {
		const struct search_hit *h = &res->hits[i];

		printf("\n%zu. %s%s%s\n   %s%s%s\n   ", i + 1, h->title,
		       h->country ? " · " : "", h->country ? h->country : "",
		       h->work_uri ? h->work_uri : record_kind_name(h->kind),
		       h->eid ? "/~" : "", h->eid ? h->eid : "");
		if (h->heading && *h->heading)
			printf("%s: ", h->heading);
		print_marked(h->snippet);
		putchar('\n');
		if (h->concept)
			printf("   (mapped to %s)\n", h->concept);
	}
	rc = 0;
out:
	pool_free(p);
	store_close(s);
	sbuf_release(&q);
	return rc;
}

int cli_reindex(const struct config *cfg, int argc, char **argv)
{
	struct store *s;
	struct err e = { 0 };
	long long rows = 0;
	int rc = 1;

	(void)argv;
	if (argc) {
		fprintf(stderr, "usage: ccrepo reindex\n");
		return 2;
	}
	if (!(s = cli_open(cfg)))
		return 1;
	if (search_reindex(s, &rows, &e)) {
		fprintf(stderr, "ccrepo reindex: %s\n", e.msg);
	} else {
		printf("search index rebuilt: %lld entries\n", rows);
		rc = 0;
	}
	store_close(s);
	return rc;
}
