/* Ranking quality on the shared corpus: the judged queries of tests/relevance/queries.tsv
 * are run through ccrepo's search (GET /api/v1/search of the real server), through
 * plain SQLite FTS5 over the same rows (the views search_source_*: title, heading, body),
 * built in memory with unicode61 and default bm25 (equal column weights, ORDER BY
 * rank, no limit per record), and through Xapian (tests/relevance/xapian_ref.cc:
 * stemmed by language, headings weighted, all words then any word), in the same run;
 * nDCG@10 and MRR of the three are printed per query, per language and on average;
 * ccrepo's are held to a floor and to at least both references'. A second run
 * accepts every mapping the importer suggested (a hurried curator) and holds ccrepo
 * to within MAX_LOSS of the first. See tests/relevance/README.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "integration/harness.h"

/* Floors for ccrepo's means over the first set (42 queries, "# set 1"): measured
 * nDCG@10 0.77 and MRR 0.83 when it was written (fts5: 0.52 and 0.54), less 0.05; and
 * over the whole set (113 queries, with "# set 2": the Code pénal in French, more
 * English): measured 0.62 and 0.67 when it was written, less 0.05. See the README. */
#define FLOOR_NDCG 0.72
#define FLOOR_MRR 0.78
#define FLOOR_ALL_NDCG 0.57
#define FLOOR_ALL_MRR 0.62
/* nDCG@10 the run with every suggestion accepted may lose at most */
#define MAX_LOSS 0.02
#define K 10
#define MAXQ 256
#define MAXJ 32

struct judgment {
	char key[256];		/* work_uri#eid */
	int grade;
};

struct rquery {
	char text[256];
	char lang[8];
	struct judgment j[MAXJ];
	int nj;
	int set;		/* 1: the first 42 (the floors' set), 2: added later */
};

static struct rquery Q[MAXQ];
static int NQ;
static char shared[1024];
static char XK[MAXQ][K][256];	/* Xapian's top 10 per query */
static int XN[MAXQ];

/* Mappings the curators of this test set accepted: concept search brings provisions
 * mapped to the article a non-English query names. Also listed in the README. */
static const char *const MAPPINGS[][3] = {
	{ "/akn/int/treaty/coe/2001/185", "art_2", "un-cc/7" },
	{ "/akn/us/act/1986/usc-18-1030", "sec_1030__subsec_a__para_2", "un-cc/7" },
	{ "/akn/int/treaty/coe/2001/185", "art_3", "un-cc/8" },
	{ "/akn/int/treaty/coe/2001/185", "art_4", "un-cc/9" },
	{ "/akn/us/act/1986/usc-18-1030", "sec_1030__subsec_a__para_5", "un-cc/9" },
	{ "/akn/int/treaty/coe/2001/185", "art_5", "un-cc/10" },
	{ "/akn/int/treaty/coe/2001/185", "art_8", "un-cc/13" },
	{ "/akn/us/act/1986/usc-18-1030", "sec_1030__subsec_a__para_4", "un-cc/13" },
	{ "/akn/int/treaty/coe/2001/185", "art_9", "un-cc/14" },
	{ "/akn/int/treaty/coe/2001/185", "art_16", "un-cc/25" },
	{ "/akn/us/act/1986/usc-18-2701", "sec_2703__subsec_f", "un-cc/25" },
	{ "/akn/int/treaty/coe/2001/185", "art_18", "un-cc/27" },
};

/* Copy src into dst of size bytes, failing the test when it does not fit. */
static void copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		fail_msg("too long: %.60s", src);
	memcpy(dst, src, n + 1);
}

static void key(char *dst, const char *uri, const char *eid)
{
	size_t a = strlen(uri), b = strlen(eid);

	if (a + b + 2 > 256)
		fail_msg("too long: %.60s", uri);
	memcpy(dst, uri, a);
	dst[a] = '#';
	memcpy(dst + a + 1, eid, b + 1);
}

static int setup(void **state)
{
	const char *env = getenv("CCREPO_SHARED");

	(void)state;
	snprintf(shared, sizeof(shared), "%s/corpus", env && *env ? env : "../shared");
	if (access(shared, R_OK))
		shared[0] = '\0';
	return 0;
}

static void load_queries(void)
{
	const char *src = getenv("CCREPO_SRC");
	char path[1200], line[8192];
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/relevance/queries.tsv", src && *src ? src : ".");
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	int set = 1;

	NQ = 0;
	while (fgets(line, sizeof(line), f)) {
		char *q, *lang, *js, *tok, *save = NULL;
		struct rquery *r;

		line[strcspn(line, "\r\n")] = '\0';
		if (!strncmp(line, "# set ", 6))	/* the queries below belong to set N */
			set = atoi(line + 6);
		if (!line[0] || line[0] == '#')
			continue;
		q = line;
		lang = strchr(q, '\t');
		assert_non_null(lang);
		*lang++ = '\0';
		js = strchr(lang, '\t');
		assert_non_null(js);
		*js++ = '\0';
		assert_true(NQ < MAXQ);
		r = &Q[NQ++];
		memset(r, 0, sizeof(*r));
		copy(r->text, sizeof(r->text), q);
		copy(r->lang, sizeof(r->lang), lang);
		r->set = set;
		for (tok = strtok_r(js, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			char *eq = strrchr(tok, '=');

			assert_non_null(eq);
			assert_true(r->nj < MAXJ);
			*eq = '\0';
			copy(r->j[r->nj].key, sizeof(r->j[r->nj].key), tok);
			r->j[r->nj].grade = atoi(eq + 1);
			assert_true(r->j[r->nj].grade >= 1 && r->j[r->nj].grade <= 3);
			r->nj++;
		}
		assert_true(r->nj > 0);
	}
	fclose(f);
}

/* log2(rank + 1) for ranks 1..10 (the tests link without libm). */
static const double LOG2[K + 1] = { 0, 1, 1.5849625007211561, 2, 2.3219280948873622, 2.5849625007211561, 2.8073549220576042, 3, 3.1699250014423122, 3.3219280948873622, 3.4594316186372973 };

static int grade_of(const struct rquery *r, const char *key)
{
	for (int i = 0; i < r->nj; i++)
		if (!strcmp(r->j[i].key, key))
			return r->j[i].grade;
	return 0;
}

/* nDCG@10 (gain = grade, discount 1/log2(rank + 1)) and reciprocal rank of the first
 * result graded 2 or 3, for a ranked list of keys (duplicates count once). */
static void score(const struct rquery *r, char keys[][256], int n, double *ndcg, double *rr)
{
	double dcg = 0, idcg = 0;
	int g[MAXJ], ng = 0, rank = 0;

	*rr = 0;
	for (int i = 0; i < n && i < K; i++) {
		int dup = 0, gr;

		for (int k = 0; k < i; k++)
			dup |= !strcmp(keys[k], keys[i]);
		if (dup)
			continue;
		rank = i + 1;
		gr = grade_of(r, keys[i]);
		dcg += gr / LOG2[rank];
		if (gr >= 2 && *rr == 0)
			*rr = 1.0 / rank;
	}
	for (int i = 0; i < r->nj; i++)
		g[ng++] = r->j[i].grade;
	for (int i = 0; i < ng; i++)	/* descending */
		for (int k = i + 1; k < ng; k++)
			if (g[k] > g[i]) {
				int t = g[i];

				g[i] = g[k];
				g[k] = t;
			}
	for (int i = 0; i < ng && i < K; i++)
		idcg += g[i] / LOG2[i + 1];
	*ndcg = idcg > 0 ? dcg / idcg : 0;
}

static void url_encode(char *out, size_t size, const char *s)
{
	size_t n = 0;

	for (; *s && n + 4 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.')
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, size - n, "%%%02X", c);
	}
	out[n] = '\0';
}

/* ccrepo: the top 10 of the API, asked by the operator (the corpus is in drafts). */
static int run_ccrepo(const struct srv *s, const char *q, char keys[][256])
{
	char enc[1024], path[1200];
	struct http_response *r;
	json_error_t je;
	json_t *j, *h;
	size_t i;
	int n = 0;

	url_encode(enc, sizeof(enc), q);
	snprintf(path, sizeof(path), "/api/v1/search?q=%s&limit=%d", enc, K);
	r = http_op_get(s, path, NULL);
	assert_status(r, 200);
	j = json_loads(r->body, 0, &je);
	assert_non_null(j);
	json_array_foreach(json_object_get(j, "hits"), i, h) {
		const char *u = json_string_value(json_object_get(h, "work_uri"));
		const char *e = json_string_value(json_object_get(h, "eid"));

		if (n < K)
			key(keys[n++], u ? u : "", e ? e : "");
	}
	json_decref(j);
	http_response_free(r);
	return n;
}

/* Plain FTS5: every word quoted, ANDed, ORDER BY rank (bm25, equal weights). */
static int run_fts5(sqlite3 *db, const char *q, char keys[][256])
{
	char expr[2048], words[512], *w, *save = NULL;
	size_t n = 0;
	sqlite3_stmt *st;
	int k = 0;

	copy(words, sizeof(words), q);
	expr[0] = '\0';
	for (w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		n += (size_t)snprintf(expr + n, sizeof(expr) - n, "%s\"", n ? " AND " : "");
		for (const char *c = w; *c && n + 3 < sizeof(expr); c++) {
			if (*c == '"')
				expr[n++] = '"';
			expr[n++] = *c;
		}
		n += (size_t)snprintf(expr + n, sizeof(expr) - n, "\"");
	}
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT uri, eid FROM plain WHERE plain MATCH ?1 ORDER BY rank LIMIT 10", -1,
		&st, NULL),
		SQLITE_OK);
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW && k < K) {
		const char *u = (const char *)sqlite3_column_text(st, 0);
		const char *e = (const char *)sqlite3_column_text(st, 1);

		key(keys[k++], u ? u : "", e ? e : "");
	}
	sqlite3_finalize(st);
	return k;
}

#define IMPORT(dir, ...) harness_cli((dir), NULL, (const char *const[]){ "import", "--db", \
					  "ccrepo.db", "--log-level", "warn", __VA_ARGS__, NULL }, NULL, 0)

static void import_corpus(const char *d)
{
	char p[12][1200];
	const char *files[] = {
		"treaties/coe-ets185-budapest-convention.md",
		"treaties/coe-ets189-additional-protocol.md",
		"us/18-usc-1030.md",
		"us/18-usc-2701-2703.md",
		"za/za-constitution-1996.akn.xml",
		"ke/ke-act-1997-3-retirement-benefits.akn2.xml",
		"uk/ukpga-2014-27-dripa.akn.xml",
		"uk/ukpga-1998-29-data-protection.akn.xml",
		"za/zasca-2008-134-judgment.akn.xml",
		"fr/code_penal_LEGITEXT000006070719.md",
		"cn/cn_criminal_law_1997_as_amended_xingfa.md",
	};

	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++)
		snprintf(p[i], sizeof(p[i]), "%s/%s", shared, files[i]);
	assert_int_equal(IMPORT(d, "--uri", "/akn/int/treaty/coe/2001/185", "--date",
				"2001-11-23", "--title", "Convention on Cybercrime", "--language",
				"eng", p[0]), 0);
	assert_int_equal(IMPORT(d, "--uri", "/akn/int/treaty/coe/2003/189", "--date",
				"2003-01-28", "--title", "Additional Protocol", p[1]), 0);
	assert_int_equal(IMPORT(d, "--uri", "/akn/us/act/1986/usc-18-1030", "--date",
				"1986-10-16", "--title", "18 U.S.C. 1030", p[2]), 0);
	assert_int_equal(IMPORT(d, "--uri", "/akn/us/act/1986/usc-18-2701", "--date",
				"1986-10-21", "--title", "18 U.S.C. 2701-2703", p[3]), 0);
	assert_int_equal(IMPORT(d, p[4], p[5], p[6], p[7], p[8]), 0);
	assert_int_equal(IMPORT(d, "--uri", "/akn/fr/act/1992/code-penal", "--date",
				"2026-04-02", "--title", "Code pénal", "--language", "fra", p[9]), 0);
	assert_int_equal(IMPORT(d, "--uri", "/akn/cn/act/1997/criminal-law", "--date",
				"2023-12-29", "--title", "中华人民共和国刑法", "--language", "chi",
				p[10]), 0);
}

static long long work_id(sqlite3 *db, const char *uri)
{
	sqlite3_stmt *st;
	long long id = 0;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT record_id FROM work WHERE uri = ?1", -1,
					    &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, uri, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!id)
		fail_msg("work %s was not imported", uri);
	return id;
}

/* Every judged provision exists in the index (a typo would silently lower the bar). */
static void check_judgments(sqlite3 *db)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT count(*) FROM search_doc s JOIN work w ON w.record_id = s.record_id "
		"WHERE w.uri || '#' || s.eid = ?1", -1, &st, NULL), SQLITE_OK);
	for (int i = 0; i < NQ; i++)
		for (int k = 0; k < Q[i].nj; k++) {
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, Q[i].j[k].key, -1, SQLITE_TRANSIENT);
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			if (sqlite3_column_int(st, 0) < 1)
				fail_msg("query \"%s\": no provision %s", Q[i].text, Q[i].j[k].key);
		}
	sqlite3_finalize(st);
}

/* Spaces that pad s (UTF-8) to width columns. */
static int pad(const char *s, int width)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n < width ? width - n : 0;
}

enum { CC, FTS, XAP, NRANK };
static const char *const RANKER[NRANK] = { "ccrepo", "fts5", "xapian" };

struct mean {
	char lang[8];
	double ndcg[NRANK], rr[NRANK];
	int n;
};

/* The mean of m for lang (added when new; NULL when the table is full). */
static struct mean *mean_of(struct mean *by, int *nby, int max, const char *lang)
{
	for (int k = 0; k < *nby; k++)
		if (!strcmp(by[k].lang, lang))
			return &by[k];
	if (*nby >= max)
		return NULL;
	memset(&by[*nby], 0, sizeof(by[*nby]));
	copy(by[*nby].lang, sizeof(by[*nby].lang), lang);
	return &by[(*nby)++];
}

static void add(struct mean *m, const double *nd, const double *rr)
{
	for (int r = 0; r < NRANK; r++) {
		m->ndcg[r] += nd[r];
		m->rr[r] += rr[r];
	}
	m->n++;
}

/* Field f of a TSV line: tabs and line ends of the text as spaces. */
static void tsv_field(FILE *f, const unsigned char *t, int last)
{
	for (; t && *t; t++)
		fputc(*t == '\t' || *t == '\n' || *t == '\r' ? ' ' : *t, f);
	fputc(last ? '\n' : '\t', f);
}

/* Xapian's top 10 of every query into XK: the indexed rows and the queries as TSV
 * files in d, then tests/relevance/xapian_ref (next to the binary under test, or
 * $CCREPO_XAPIAN_REF) reads both. */
static void run_xapian(sqlite3 *db, const char *d)
{
	const char *bin = getenv("CCREPO_BIN"), *ref = getenv("CCREPO_XAPIAN_REF");
	char docs[1200], qs[1200], exe[1200], cmd[4000], line[K * 256 + 64];
	sqlite3_stmt *st;
	FILE *f, *o;
	int i = 0;

	snprintf(docs, sizeof(docs), "%s/xapian-docs.tsv", d);
	snprintf(qs, sizeof(qs), "%s/xapian-queries.tsv", d);
	if (ref && *ref) {
		copy(exe, sizeof(exe), ref);
	} else {
		const char *slash = bin ? strrchr(bin, '/') : NULL;

		snprintf(exe, sizeof(exe), "%.*s/tests/relevance/xapian_ref",
			 slash ? (int)(slash - bin) : 1, slash ? bin : ".");
	}
	if (access(exe, X_OK))
		fail_msg("no Xapian reference at %s (make %s; needs libxapian-dev and g++)", exe,
			 "build/rel/tests/relevance/xapian_ref");
	assert_non_null(f = fopen(docs, "w"));
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT coalesce(w.uri, '') || '#' || coalesce(s.eid, ''), lower(s.language), "
		"s.title, s.heading, s.body FROM (SELECT * FROM search_source_provision UNION ALL "
		"SELECT * FROM search_source_case UNION ALL SELECT * FROM search_source_lesson) s "
		"LEFT JOIN work w ON w.record_id = s.record_id", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int c = 0; c < 5; c++)
			tsv_field(f, sqlite3_column_text(st, c), c == 4);
	sqlite3_finalize(st);
	fclose(f);
	assert_non_null(f = fopen(qs, "w"));
	for (int k = 0; k < NQ; k++)
		fprintf(f, "%s\t%s\n", Q[k].text, Q[k].lang);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "'%s' '%s' '%s'", exe, docs, qs);
	assert_non_null(o = popen(cmd, "r"));
	while (i < NQ && fgets(line, sizeof(line), o)) {
		char *save = NULL, *tok;

		line[strcspn(line, "\n")] = '\0';
		XN[i] = 0;
		for (tok = strtok_r(line, " ", &save); tok && XN[i] < K; tok = strtok_r(NULL, " ", &save))
			copy(XK[i][XN[i]++], 256, tok);
		i++;
	}
	if (pclose(o) != 0 || i != NQ)
		fail_msg("the Xapian reference failed (%d of %d queries)", i, NQ);
}

/* Every mapping the importer suggested, accepted as the operator (POST
 * /api/v1/works/{id}/mappings, extent full): a curator who accepts them all unread. */
static int accept_all(const struct srv *s, sqlite3 *db)
{
	sqlite3_stmt *st;
	int n = 0;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT record_id FROM work ORDER BY record_id", -1,
					    &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		char path[128];
		struct http_response *r;
		json_error_t je;
		json_t *j, *m;
		size_t i;

		snprintf(path, sizeof(path), "/api/v1/works/%lld/mappings?state=suggested", id);
		r = http_op_get(s, path, NULL);
		assert_status(r, 200);
		assert_non_null(j = json_loads(r->body, 0, &je));
		http_response_free(r);
		snprintf(path, sizeof(path), "/api/v1/works/%lld/mappings", id);
		json_array_foreach(json_object_get(j, "mappings"), i, m) {
			json_t *body = json_pack("{s:O, s:O, s:s, s:s}", "eid",
						 json_object_get(m, "eid"), "article",
						 json_object_get(m, "article"), "state", "accepted",
						 "extent", "full");
			char *txt = json_dumps(body, 0);

			r = http_op_post_json(s, path, txt);
			assert_status(r, 200);
			http_response_free(r);
			free(txt);
			json_decref(body);
			n++;
		}
		json_decref(j);
	}
	sqlite3_finalize(st);
	return n;
}

/* The per-language table and the overall line of by[0..nby) and all. */
static void print_means(const char *title, const struct mean *by, int nby, const struct mean *all)
{
	printf("\n%s\n%-6s %7s  %-13s  %-13s  %-13s\n", title, "lang", "queries",
	       "ccrepo nDCG MRR", "fts5 nDCG MRR", "xapian nDCG MRR");
	for (int k = 0; k <= nby; k++) {
		const struct mean *m = k < nby ? &by[k] : all;

		printf("%-6s %7d ", m->lang, m->n);
		for (int r = 0; r < NRANK; r++)
			printf("  %5.2f %5.2f   ", m->ndcg[r] / m->n, m->rr[r] / m->n);
		printf("\n");
	}
	for (int k = 0; k <= nby; k++) {
		const struct mean *m = k < nby ? &by[k] : all;

		printf("relevance%s%s%s:", k < nby ? " [" : "", k < nby ? m->lang : "",
		       k < nby ? "]" : "");
		for (int r = 0; r < NRANK; r++)
			printf("%s %s nDCG@10 %.2f MRR %.2f", r ? " |" : "", RANKER[r],
			       m->ndcg[r] / m->n, m->rr[r] / m->n);
		printf(" (%d queries)\n", m->n);
	}
}

/* ccrepo's nDCG@10 and RR of every query into nd[] and rr[] (the top 10 of the API). */
static void run_all_ccrepo(const struct srv *s, double *nd, double *rr)
{
	static char ck[K][256];

	for (int i = 0; i < NQ; i++)
		score(&Q[i], ck, run_ccrepo(s, Q[i].text, ck), &nd[i], &rr[i]);
}

static void test_relevance(void **state)
{
	struct srv_options o = { 0 };
	struct srv *s;
	sqlite3 *db;
	char dbpath[1200], body[512], path[128];
	char *d;
	static char fk[K][256];
	static double cn[MAXQ], cr[MAXQ], an[MAXQ], ar[MAXQ];
	struct mean all = { "all", { 0 }, { 0 }, 0 }, by[8], acc = { "all", { 0 }, { 0 }, 0 };
	struct mean first = { "set 1", { 0 }, { 0 }, 0 };
	int nby = 0, naccepted;

	(void)state;
	if (!shared[0]) {
		printf("skipped: ../shared absent (set CCREPO_SHARED)\n");
		skip();
	}
	load_queries();
	assert_true(NQ >= 100);
	d = harness_tmpdir();
	assert_non_null(d);
	import_corpus(d);
	snprintf(dbpath, sizeof(dbpath), "%s/ccrepo.db", d);
	/* the database read-only, beside a scratch one in memory for the reference */
	assert_int_equal(sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI,
					 NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	{
		char *sql = sqlite3_mprintf("ATTACH 'file:%q?mode=ro' AS src", dbpath);

		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_free(sql);
	}
	check_judgments(db);
	/* the references: plain FTS5 over the same rows, and Xapian */
	assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE plain USING fts5(title, heading, body, uri UNINDEXED, "
		"eid UNINDEXED, tokenize = 'unicode61'); "
		"INSERT INTO plain SELECT s.title, s.heading, s.body, w.uri, s.eid "
		"FROM (SELECT * FROM search_source_provision UNION ALL SELECT * FROM "
		"search_source_case UNION ALL SELECT * FROM search_source_lesson) s "
		"LEFT JOIN work w ON w.record_id = s.record_id", NULL, NULL,
		NULL), SQLITE_OK);
	run_xapian(db, d);
	o.dir = d;
	s = srv_start_with(&o);
	assert_non_null(s);
	for (size_t i = 0; i < sizeof(MAPPINGS) / sizeof(*MAPPINGS); i++) {
		struct http_response *r;

		snprintf(path, sizeof(path), "/api/v1/works/%lld/mappings",
			 work_id(db, MAPPINGS[i][0]));
		snprintf(body, sizeof(body), "{\"eid\":\"%s\",\"article\":\"%s\",\"state\":"
			 "\"accepted\",\"extent\":\"full\"}", MAPPINGS[i][1], MAPPINGS[i][2]);
		r = http_op_post_json(s, path, body);	/* mapping is a curator's */
		assert_status(r, 200);
		http_response_free(r);
	}

	run_all_ccrepo(s, cn, cr);
	printf("%-48s %4s  %-13s  %-13s  %-13s\n", "query", "lang", "ccrepo nDCG RR",
	       "fts5 nDCG RR", "xapian nDCG RR");
	for (int i = 0; i < NQ; i++) {
		double nd[NRANK], rr[NRANK];
		struct mean *m;

		nd[CC] = cn[i];
		rr[CC] = cr[i];
		score(&Q[i], fk, run_fts5(db, Q[i].text, fk), &nd[FTS], &rr[FTS]);
		score(&Q[i], XK[i], XN[i], &nd[XAP], &rr[XAP]);
		printf("%s%*s %4s  %5.2f %5.2f    %5.2f %5.2f    %5.2f %5.2f%s%s\n", Q[i].text,
		       pad(Q[i].text, 48), "", Q[i].lang, nd[CC], rr[CC], nd[FTS], rr[FTS],
		       nd[XAP], rr[XAP], nd[CC] + 1e-9 < nd[FTS] ? "  <- fts5 better" : "",
		       nd[CC] + 1e-9 < nd[XAP] ? "  <- xapian better" : "");
		add(&all, nd, rr);
		if (Q[i].set == 1)
			add(&first, nd, rr);
		if ((m = mean_of(by, &nby, 8, Q[i].lang)))
			add(m, nd, rr);
	}
	print_means("Per language (means)", by, nby, &all);
	printf("relevance [set 1]: ccrepo nDCG@10 %.2f MRR %.2f | fts5 nDCG@10 %.2f MRR %.2f | "
	       "xapian nDCG@10 %.2f MRR %.2f (%d queries)\n", first.ndcg[CC] / first.n,
	       first.rr[CC] / first.n, first.ndcg[FTS] / first.n, first.rr[FTS] / first.n,
	       first.ndcg[XAP] / first.n, first.rr[XAP] / first.n, first.n);

	/* a hurried curator: every suggestion accepted; ccrepo alone again */
	naccepted = accept_all(s, db);
	run_all_ccrepo(s, an, ar);
	for (int i = 0; i < NQ; i++) {
		double nd[NRANK] = { an[i], 0, 0 }, rr[NRANK] = { ar[i], 0, 0 };

		add(&acc, nd, rr);
		if (an[i] + 0.1 < cn[i])
			printf("accepted all: %-48s %5.2f (was %5.2f)\n", Q[i].text, an[i], cn[i]);
	}
	printf("relevance with every suggestion accepted (%d mappings): ccrepo nDCG@10 %.2f "
	       "MRR %.2f (without: %.2f %.2f)\n", naccepted, acc.ndcg[CC] / acc.n,
	       acc.rr[CC] / acc.n, all.ndcg[CC] / all.n, all.rr[CC] / all.n);
	fflush(stdout);

	sqlite3_close(db);
	assert_int_equal(srv_stop(s), 0);
	harness_rmtree(d);
	free(d);

	if (first.ndcg[CC] / first.n < FLOOR_NDCG)
		fail_msg("ccrepo nDCG@10 %.3f is below the floor %.2f", first.ndcg[CC] / first.n,
			 FLOOR_NDCG);
	if (first.rr[CC] / first.n < FLOOR_MRR)
		fail_msg("ccrepo MRR %.3f is below the floor %.2f", first.rr[CC] / first.n,
			 FLOOR_MRR);
	if (all.ndcg[CC] / all.n < FLOOR_ALL_NDCG)
		fail_msg("ccrepo nDCG@10 %.3f is below the floor %.2f", all.ndcg[CC] / all.n,
			 FLOOR_ALL_NDCG);
	if (all.rr[CC] / all.n < FLOOR_ALL_MRR)
		fail_msg("ccrepo MRR %.3f is below the floor %.2f", all.rr[CC] / all.n,
			 FLOOR_ALL_MRR);
	for (int r = FTS; r < NRANK; r++) {
		if (all.ndcg[CC] < all.ndcg[r])
			fail_msg("ccrepo nDCG@10 %.3f is below %s's %.3f", all.ndcg[CC] / all.n,
				 RANKER[r], all.ndcg[r] / all.n);
		if (all.rr[CC] < all.rr[r])
			fail_msg("ccrepo MRR %.3f is below %s's %.3f", all.rr[CC] / all.n,
				 RANKER[r], all.rr[r] / all.n);
	}
	/* English alone too: there FTS5 is not helped out of the race by the language */
	for (int k = 0; k < nby; k++)
		if (!strcmp(by[k].lang, "en") && by[k].ndcg[CC] < by[k].ndcg[FTS])
			fail_msg("English: ccrepo nDCG@10 %.3f is below plain FTS5's %.3f",
				 by[k].ndcg[CC] / by[k].n, by[k].ndcg[FTS] / by[k].n);
	if (acc.ndcg[CC] / acc.n < all.ndcg[CC] / all.n - MAX_LOSS)
		fail_msg("with every suggestion accepted ccrepo's nDCG@10 falls from %.3f to %.3f "
			 "(more than %.2f)", all.ndcg[CC] / all.n, acc.ndcg[CC] / acc.n, MAX_LOSS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_relevance),
	};

	return harness_exit(cmocka_run_group_tests(tests, setup, NULL));
}
