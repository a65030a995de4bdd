/* Quality of the mapping suggestions on the shared corpus: the national laws of
 * ../shared/corpus are imported with the real binary (`ccrepo import`, which suggests
 * mappings), and the suggestions are compared with tests/relevance/mappings.tsv, the
 * mappings a careful curator confirmed. Printed: precision and recall overall, at the
 * top suggestion of each provision (per instrument), and per instrument; held to
 * floors just below what the suggester reaches, so that a regression fails. The API
 * and the work's page show each suggestion's score and matched phrase.
 * See tests/relevance/README.md, "Mappings". */
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
#include <unistd.h>

#include "integration/harness.h"

/* Floors, a little below what the suggester reaches, so that a regression fails.
 * Set 1 (the works judged first, set1[] below): when the rules of suggest_work() were
 * written it reached precision 0.75, recall 0.81, top-1 precision 0.75 and recall 0.79
 * (before its rules: 0.12, 0.40, 0.12, 0.41; see the end of src/domain/suggest.c). The
 * file then gained mappings in the same works (Code pénal articles beyond 323-x, the
 * South African Bill of Rights, the DPA principles, DRIPA, 18 U.S.C.) that the rules never
 * saw: measured 0.74, 0.66, 0.74, 0.64 with the same suggester. */
#define FLOOR_PRECISION 0.71
#define FLOOR_RECALL 0.63
#define FLOOR_TOP_PRECISION 0.71
#define FLOOR_TOP_RECALL 0.61
/* The whole set (set 1 and the texts added with the PDFs of Singapore and Nigeria, the
 * Chinese code and the Police (Northern Ireland) Act), where the suggester does much
 * worse: measured 0.55, 0.44, 0.53, 0.43 when these were set. */
#define FLOOR_ALL_PRECISION 0.52
#define FLOOR_ALL_RECALL 0.42
#define FLOOR_ALL_TOP_PRECISION 0.50
#define FLOOR_ALL_TOP_RECALL 0.41

#define MAXROWS 1024
#define MAXSUG 8192

/* One row of mappings.tsv. */
struct row {
	char uri[96], eid[128], article[24], judgment[12];
};

/* One suggestion read back from the database. */
struct sug {
	char uri[96], eid[128], article[24];
	double score;
	int judged, positive;
};

static struct row R[MAXROWS];
static int NR;
static struct sug *S;
static int NS;
static char shared[1024], src[1024];

static void copy(char *dst, size_t size, const char *s)
{
	snprintf(dst, size, "%s", s);
}

static void load_rows(void)
{
	char path[1200], *text, *line, *save = NULL;

	snprintf(path, sizeof(path), "%s/tests/relevance/mappings.tsv", src);
	text = harness_read_file(path, NULL);
	if (!text)
		fail_msg("cannot read %s", path);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[5] = { 0 }, *p = line;
		int nf = 0;

		if (*line == '#' || !*line)
			continue;
		while (nf < 5 && p) {
			f[nf++] = p;
			if ((p = strchr(p, '\t')))
				*p++ = '\0';
		}
		if (nf < 4)
			fail_msg("mappings.tsv: a line with %d fields: %s", nf, line);
		assert_true(NR < MAXROWS);
		copy(R[NR].uri, sizeof(R[NR].uri), f[0]);
		copy(R[NR].eid, sizeof(R[NR].eid), f[1]);
		copy(R[NR].article, sizeof(R[NR].article), f[2]);
		copy(R[NR].judgment, sizeof(R[NR].judgment), f[3]);
		if (strcmp(f[3], "full") && strcmp(f[3], "partial") && strcmp(f[3], "none") &&
		    strcmp(f[3], "scope"))
			fail_msg("mappings.tsv: judgment '%s' is not full, partial, none or scope",
				 f[3]);
		NR++;
	}
	free(text);
}

static int is_positive(const struct row *r)
{
	return !strcmp(r->judgment, "full") || !strcmp(r->judgment, "partial");
}

/* Whether a scope row covers eid: a prefix ending in '*'. */
static int in_scope(const struct row *r, const char *uri, const char *eid)
{
	size_t n = strlen(r->eid) - 1;

	return !strcmp(r->judgment, "scope") && !strcmp(r->uri, uri) &&
	       r->eid[n] == '*' && !strncmp(r->eid, eid, n);
}

static void judge(struct sug *s)
{
	for (int i = 0; i < NR; i++) {
		if (in_scope(&R[i], s->uri, s->eid))
			s->judged = 1;
		if (strcmp(R[i].uri, s->uri) || strcmp(R[i].eid, s->eid))
			continue;
		s->judged = 1;
		if (!strcmp(R[i].article, s->article) && is_positive(&R[i]))
			s->positive = 1;
	}
}

#define IMPORT(dir, ...)                                                                \
	harness_cli((dir), NULL, (const char *const[]){ "import", "--db", "ccrepo.db",   \
		    "--log-level", "error", __VA_ARGS__, NULL }, NULL, 0)

static void import_corpus(const char *d)
{
	char p[13][1200];
	const char *files[] = {
		"us/18-usc-1030.md",
		"us/18-usc-2701-2703.md",
		"za/za-constitution-1996.akn.xml",
		"ke/ke-act-1997-3-retirement-benefits.akn2.xml",
		"uk/ukpga-2014-27-dripa.akn.xml",
		"uk/ukpga-1998-29-data-protection.akn.xml",
		"za/zasca-2008-134-judgment.akn.xml",
		"fr/code_penal_LEGITEXT000006070719.md",
		"uk/ukpga_20000032_en.xml",
		"sg/computer_misuse_act_1993.pdf",
		"sg/online_criminal_harms_act_2023.pdf",
		"ng/cybercrimes-act-2015.pdf",
		"cn/cn_criminal_law_1997_as_amended_xingfa.md",
	};

	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++)
		snprintf(p[i], sizeof(p[i]), "%s/%s", shared, files[i]);
	assert_int_equal(IMPORT(d, "--uri", "/akn/us/act/1986/usc-18-1030", "--date",
				"1986-10-16", "--title", "18 U.S.C. 1030", p[0]), 0);
	assert_int_equal(IMPORT(d, "--uri", "/akn/us/act/1986/usc-18-2701", "--date",
				"1986-10-21", "--title", "18 U.S.C. 2701-2703", p[1]), 0);
	assert_int_equal(IMPORT(d, p[2], p[3], p[4], p[5], p[6], p[8]), 0);
	assert_int_equal(IMPORT(d, "--uri", "/akn/fr/act/1992/code-penal", "--date",
				"1992-07-22", "--language", "fra", "--title", "Code pénal",
				p[7]), 0);
	/* the URIs and dates of tests/integration/test_import.c */
	assert_int_equal(IMPORT(d, "--uri", "/akn/sg/act/1993/19", "--date", "1993-08-30", p[9]),
			 0);
	assert_int_equal(IMPORT(d, "--uri", "/akn/sg/act/2023/19", "--date", "2023-07-05", p[10]),
			 0);
	assert_int_equal(IMPORT(d, "--uri", "/akn/ng/act/2015/17", "--date", "2015-05-15", p[11]),
			 0);
	assert_int_equal(IMPORT(d, "--uri", "/akn/cn/act/1997/criminal-law", "--country", "CN",
				"--date", "1997-03-14", "--language", "chi", p[12]), 0);
}

/* Every provision named in the file exists (a typo would silently lower the bar). */
static void check_rows(sqlite3 *db)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT count(*) FROM provision p JOIN expression x ON x.id = p.expression_id "
		"JOIN work w ON w.record_id = x.work_id WHERE w.uri = ?1 AND p.eid = ?2", -1,
		&st, NULL), SQLITE_OK);
	for (int i = 0; i < NR; i++) {
		if (!strcmp(R[i].judgment, "scope"))
			continue;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, R[i].uri, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, R[i].eid, -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		if (sqlite3_column_int(st, 0) < 1)
			fail_msg("mappings.tsv: no provision %s in %s", R[i].eid, R[i].uri);
	}
	sqlite3_finalize(st);
}

static void load_suggestions(sqlite3 *db)
{
	sqlite3_stmt *st;

	S = calloc(MAXSUG, sizeof(*S));
	assert_non_null(S);
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT w.uri, m.eid, m.instrument || '/' || m.article, m.score FROM mapping m "
		"JOIN work w ON w.record_id = m.work_id WHERE m.state = 'suggested' "
		"ORDER BY w.uri, m.eid, m.instrument, m.score DESC, m.article", -1, &st, NULL),
		SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		assert_true(NS < MAXSUG);
		copy(S[NS].uri, sizeof(S[NS].uri), (const char *)sqlite3_column_text(st, 0));
		copy(S[NS].eid, sizeof(S[NS].eid), (const char *)sqlite3_column_text(st, 1));
		copy(S[NS].article, sizeof(S[NS].article),
		     (const char *)sqlite3_column_text(st, 2));
		S[NS].score = sqlite3_column_double(st, 3);
		judge(&S[NS]);
		NS++;
	}
	sqlite3_finalize(st);
}

struct counts {
	int tp, fp, pos, found;			/* suggestions, positives of the file */
	int top, top_ok, top_pos, top_pos_ok;	/* top suggestion per provision */
};

static int has_prefix(const char *s, const char *prefix)
{
	return !prefix || !strncmp(s, prefix, strlen(prefix));
}

/* The works judged when the first floors were set (set 1); the texts added later (the
 * PDFs of Singapore and Nigeria, the Chinese code, the Police (Northern Ireland) Act) are
 * judged in the whole set only. */
static const char *const set1[] = {
	"/akn/us/act/1986/usc-18-1030", "/akn/us/act/1986/usc-18-2701",
	"/akn/gb/act/2014/27", "/akn/gb/act/1998/29", "/akn/za/act/1996/constitution",
	"/akn/ke/act/1997-08-22/3", "/akn/za/judgement/2008-11-26/653-07",
	"/akn/fr/act/1992/code-penal",
};

/* Whether uri counts: every work, or (only1) those of set 1. */
static int in_set(const char *uri, int only1)
{
	for (size_t i = 0; only1 && i < sizeof(set1) / sizeof(*set1); i++)
		if (!strcmp(uri, set1[i]))
			return 1;
	return !only1;
}

/* The figures for the articles starting with prefix (NULL: all), on every work or (only1)
 * on those of set 1. */
static void count(const char *prefix, int only1, struct counts *c)
{
	memset(c, 0, sizeof(*c));
	for (int i = 0; i < NS; i++) {
		if (!S[i].judged || !has_prefix(S[i].article, prefix) || !in_set(S[i].uri, only1))
			continue;
		if (S[i].positive)
			c->tp++;
		else
			c->fp++;
	}
	for (int i = 0; i < NR; i++) {
		int found = 0;

		if (!is_positive(&R[i]) || !has_prefix(R[i].article, prefix) ||
		    !in_set(R[i].uri, only1))
			continue;
		c->pos++;
		for (int k = 0; k < NS && !found; k++)
			found = !strcmp(S[k].uri, R[i].uri) && !strcmp(S[k].eid, R[i].eid) &&
				!strcmp(S[k].article, R[i].article);
		c->found += found;
	}
	/* top suggestion of each provision and instrument: the first of its group (sorted
	 * by score, best first); a provision and instrument with a positive counts for the
	 * top recall */
	for (int i = 0; i < NS; i++) {
		size_t inst = strcspn(S[i].article, "/");
		int first = !i || strcmp(S[i - 1].uri, S[i].uri) ||
			    strcmp(S[i - 1].eid, S[i].eid) ||
			    strncmp(S[i - 1].article, S[i].article, inst + 1);

		if (!first || !S[i].judged || !has_prefix(S[i].article, prefix) ||
		    !in_set(S[i].uri, only1))
			continue;
		c->top++;
		c->top_ok += S[i].positive;
	}
	for (int i = 0; i < NR; i++) {
		size_t inst = strcspn(R[i].article, "/");
		int dup = 0, ok = 0;

		if (!is_positive(&R[i]) || !has_prefix(R[i].article, prefix) ||
		    !in_set(R[i].uri, only1))
			continue;
		for (int k = 0; k < i && !dup; k++)	/* one per provision and instrument */
			dup = is_positive(&R[k]) && !strcmp(R[k].uri, R[i].uri) &&
			      !strcmp(R[k].eid, R[i].eid) &&
			      !strncmp(R[k].article, R[i].article, inst + 1);
		if (dup)
			continue;
		c->top_pos++;
		for (int k = 0; k < NS; k++) {
			int first = !k || strcmp(S[k - 1].uri, S[k].uri) ||
				    strcmp(S[k - 1].eid, S[k].eid) ||
				    strncmp(S[k - 1].article, S[k].article, inst + 1);

			if (first && S[k].positive && !strcmp(S[k].uri, R[i].uri) &&
			    !strcmp(S[k].eid, R[i].eid) &&
			    !strncmp(S[k].article, R[i].article, inst + 1))
				ok = 1;
		}
		c->top_pos_ok += ok;
	}
}

static double ratio(int a, int b)
{
	return b ? (double)a / b : 0;
}

static void print(const char *label, const struct counts *c)
{
	printf("suggest quality [%s]: precision %.2f (%d of %d) recall %.2f (%d of %d) | "
	       "top-1 precision %.2f (%d of %d) recall %.2f (%d of %d)\n", label,
	       ratio(c->tp, c->tp + c->fp), c->tp, c->tp + c->fp, ratio(c->found, c->pos),
	       c->found, c->pos, ratio(c->top_ok, c->top), c->top_ok, c->top,
	       ratio(c->top_pos_ok, c->top_pos), c->top_pos_ok, c->top_pos);
}

/* With CCREPO_VERBOSE set: each wrong suggestion and each mapping not suggested. */
static void print_details(void)
{
	if (!getenv("CCREPO_VERBOSE"))
		return;
	for (int i = 0; i < NS; i++)
		if (S[i].judged && !S[i].positive)
			printf("  wrong   %s#%s %s %.2f\n", S[i].uri, S[i].eid, S[i].article,
			       S[i].score);
	for (int i = 0; i < NR; i++) {
		int found = 0;

		for (int k = 0; k < NS && !found; k++)
			found = !strcmp(S[k].uri, R[i].uri) && !strcmp(S[k].eid, R[i].eid) &&
				!strcmp(S[k].article, R[i].article);
		if (is_positive(&R[i]) && !found)
			printf("  missed  %s#%s %s\n", R[i].uri, R[i].eid, R[i].article);
	}
}

/* The suggestions of the API carry a score and the phrase that matched. */
static void check_api(const char *d, sqlite3 *db)
{
	struct srv_options o = { 0 };
	struct srv *s;
	struct http_response *r;
	sqlite3_stmt *st;
	long long id = 0;
	char path[128];
	json_error_t je;
	json_t *j, *m;
	size_t i;
	int n = 0;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT record_id FROM work WHERE uri = "
		"'/akn/us/act/1986/usc-18-1030'", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	assert_true(id > 0);
	o.dir = d;
	s = srv_start_with(&o);
	assert_non_null(s);
	snprintf(path, sizeof(path), "/api/v1/works/%lld/mappings?state=suggested", id);
	r = http_op_get(s, path, NULL);
	assert_status(r, 200);
	j = json_loads(r->body, 0, &je);
	assert_non_null(j);
	json_array_foreach(json_object_get(j, "mappings"), i, m) {
		const char *phrase = json_string_value(json_object_get(m, "phrase"));

		assert_true(json_is_real(json_object_get(m, "score")));
		assert_non_null(phrase);
		assert_true(*phrase != '\0');
		n++;
	}
	assert_true(n > 0);
	json_decref(j);
	http_response_free(r);
	/* the work's page: the score and the matched phrase beside each suggestion */
	r = http_op_get(s, "/akn/us/act/1986/usc-18-1030", NULL);
	assert_status(r, 200);
	assert_has(r->body, "class=\"suggested\"");
	if (getenv("CCREPO_VERBOSE"))
		printf("  page: %.400s\n", strstr(r->body, "class=\"suggested\""));
	assert_has(r->body, "Score");
	assert_has(r->body, "Matched");
	http_response_free(r);
	assert_int_equal(srv_stop(s), 0);
}

static void test_quality(void **state)
{
	char *d, dbpath[1200];
	sqlite3 *db;
	struct counts all, coe, un, one;
	int unjudged = 0;

	(void)state;
	if (!shared[0]) {
		printf("skipped: ../shared absent (set CCREPO_SHARED)\n");
		skip();
	}
	load_rows();
	assert_true(NR >= 100);
	d = harness_tmpdir();
	assert_non_null(d);
	import_corpus(d);
	snprintf(dbpath, sizeof(dbpath), "%s/ccrepo.db", d);
	assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	check_rows(db);
	load_suggestions(db);
	for (int i = 0; i < NS; i++)
		unjudged += !S[i].judged;
	count(NULL, 0, &all);
	count("coe-185/", 0, &coe);
	count("un-cc/", 0, &un);
	count(NULL, 1, &one);
	print_details();
	print("all", &all);
	print("coe-185", &coe);
	print("un-cc", &un);
	print("set 1", &one);
	printf("suggest quality: %d suggestions, %d on provisions outside the judged ones\n",
	       NS, unjudged);
	assert_true(ratio(one.tp, one.tp + one.fp) >= FLOOR_PRECISION);
	assert_true(ratio(one.found, one.pos) >= FLOOR_RECALL);
	assert_true(ratio(one.top_ok, one.top) >= FLOOR_TOP_PRECISION);
	assert_true(ratio(one.top_pos_ok, one.top_pos) >= FLOOR_TOP_RECALL);
	assert_true(ratio(all.tp, all.tp + all.fp) >= FLOOR_ALL_PRECISION);
	assert_true(ratio(all.found, all.pos) >= FLOOR_ALL_RECALL);
	assert_true(ratio(all.top_ok, all.top) >= FLOOR_ALL_TOP_PRECISION);
	assert_true(ratio(all.top_pos_ok, all.top_pos) >= FLOOR_ALL_TOP_RECALL);
	check_api(d, db);
	sqlite3_close(db);
	free(S);
	harness_rmtree(d);
	free(d);
}

int main(void)
{
	const char *env = getenv("CCREPO_SHARED"), *s = getenv("CCREPO_SRC");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quality),
	};

	harness_bin();
	snprintf(shared, sizeof(shared), "%s/corpus", env && *env ? env : "../shared");
	if (access(shared, R_OK))
		shared[0] = '\0';
	snprintf(src, sizeof(src), "%s", s && *s ? s : ".");
	return harness_exit(cmocka_run_group_tests(tests, NULL, NULL));
}
