/* ccrepo map: the curators' mappings of tests/relevance/mappings.tsv loaded with the real
 * binary into a database holding part of the shared corpus (18 U.S.C., the Singapore and
 * Nigerian PDFs, the Code pénal, the Chinese Criminal Law): the counts the command prints
 * are those of the file, the rows of the works not imported are reported by line, one
 * mapping per country is read back (state, extent, the note as comment) through `ccrepo
 * export`; --strict stores nothing; a file of bad rows is reported line by line; one
 * mapping set and rejected by hand; usage and limits. */
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

static char shared[1024], src[1024], tsv[3000];

/* The works the test imports: a file of the corpus, its URI and date, more options. */
static const struct {
	const char *file, *uri, *date, *more[6];
} works[] = {
	{ "us/18-usc-1030.md", "/akn/us/act/1986/usc-18-1030", "1986-10-16",
	  { "--title", "18 U.S.C. 1030", NULL } },
	{ "us/18-usc-2701-2703.md", "/akn/us/act/1986/usc-18-2701", "1986-10-21",
	  { "--title", "18 U.S.C. 2701-2703", NULL } },
	{ "sg/computer_misuse_act_1993.pdf", "/akn/sg/act/1993/19", "1993-08-30", { NULL } },
	{ "ng/cybercrimes-act-2015.pdf", "/akn/ng/act/2015/17", "2015-05-15", { NULL } },
	{ "fr/code_penal_LEGITEXT000006070719.md", "/akn/fr/act/1992/code-penal", "1992-07-22",
	  { "--language", "fra", "--title", "Code pénal", NULL } },
	{ "cn/cn_criminal_law_1997_as_amended_xingfa.md", "/akn/cn/act/1997/criminal-law",
	  "1997-03-14", { "--country", "CN", "--language", "chi", NULL } },
};
#define NWORKS (sizeof(works) / sizeof(works[0]))

/* One mapping per country, as the file has it. */
static const struct {
	const char *uri, *eid, *article, *extent;
} probes[] = {
	{ "/akn/us/act/1986/usc-18-1030", "sec_1030__subsec_a__para_2", "coe-185/2", "full" },
	{ "/akn/sg/act/1993/19", "sec_3", "un-cc/7", "full" },
	{ "/akn/ng/act/2015/17", "sec_12", "coe-185/3", "full" },
	{ "/akn/ng/act/2015/17", "sec_6__subsec_1", "coe-185/2", "partial" },
	{ "/akn/fr/act/1992/code-penal", "art_323-1", "coe-185/2", "full" },
	{ "/akn/cn/act/1997/criminal-law", "art_285", "un-cc/7", "partial" },
};

static int imported(const char *uri)
{
	for (size_t i = 0; i < NWORKS; i++)
		if (!strcmp(works[i].uri, uri))
			return 1;
	return 0;
}

/* What the file should give: stored (full and partial rows of imported works), skipped
 * (none, scope), bad (full and partial rows of the others, whose lines are marked in
 * badline[]); the note of each probe. */
struct expect {
	int stored, skipped, bad;
	char badline[4096];
	char note[sizeof(probes) / sizeof(probes[0])][512];
};

static void read_expect(struct expect *x)
{
	char *text = harness_read_file(tsv, NULL), *line, *p;
	int lineno = 0;

	assert_non_null(text);
	memset(x, 0, sizeof(*x));
	/* line by line, empty ones counted */
	for (p = text, line = text; *p; p++) {
		char *f[5] = { 0 }, *q;
		int nf = 0;

		if (*p != '\n')
			continue;
		lineno++;
		*p = '\0';
		if (*line && *line != '#') {
			for (q = line; nf < 5 && q;) {
				f[nf++] = q;
				if ((q = strchr(q, '\t')))
					*q++ = '\0';
			}
			assert_true(nf >= 4);
			if (!strcmp(f[3], "none") || !strcmp(f[3], "scope")) {
				x->skipped++;
			} else if (imported(f[0])) {
				x->stored++;
				for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
					if (!strcmp(f[0], probes[i].uri) && !strcmp(f[1], probes[i].eid) &&
					    !strcmp(f[2], probes[i].article)) {
						assert_string_equal(f[3], probes[i].extent);
						snprintf(x->note[i], sizeof(x->note[i]), "%s", f[4] ? f[4] : "");
					}
			} else {
				x->bad++;
				assert_true(lineno < (int)sizeof(x->badline));
				x->badline[lineno] = 1;
			}
		}
		line = p + 1;
	}
	free(text);
	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		if (!x->note[i][0])
			fail_msg("mappings.tsv has no %s %s %s", probes[i].uri, probes[i].eid,
				 probes[i].article);
}

static void import_works(const char *d)
{
	for (size_t i = 0; i < NWORKS; i++) {
		char path[1200];
		const char *args[16] = { "import", "--log-level", "error", "--no-suggest", "--uri",
					 works[i].uri, "--date", works[i].date };
		int n = 8;

		for (int k = 0; works[i].more[k]; k++)
			args[n++] = works[i].more[k];
		snprintf(path, sizeof(path), "%s/%s", shared, works[i].file);
		args[n++] = path;
		args[n] = NULL;
		assert_int_equal(harness_cli(d, NULL, args, NULL, 0), 0);
	}
}

static long long count_rows(const char *d, const char *sql)
{
	char path[1200];
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;

	snprintf(path, sizeof(path), "%s/ccrepo.db", d);
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* The mapping uri#eid -> article as `ccrepo export` gives it (NULL when absent); the
 * bundle in *bundle, to json_decref. */
static json_t *exported(const char *d, const char *uri, const char *eid, const char *article,
			json_t **bundle)
{
	char *out = NULL, *err = NULL;
	json_error_t je;
	json_t *m;
	size_t i;

	assert_int_equal(harness_cli_keep(d, NULL, (const char *const[]){ "export", "--format",
				"json", uri, NULL }, &out, &err), 0);
	*bundle = json_loads(out, 0, &je);
	free(out);
	free(err);
	assert_non_null(*bundle);
	json_array_foreach(json_object_get(json_array_get(json_object_get(*bundle, "records"), 0),
					   "mappings"), i, m)
		if (!strcmp(json_string_value(json_object_get(m, "eid")), eid) &&
		    !strcmp(json_string_value(json_object_get(m, "article")), article))
			return m;
	return NULL;
}

static void test_load_file(void **state)
{
	struct expect x;
	char *d, *out = NULL, *err = NULL, want[256];
	const char *line;
	int nerr = 0;

	(void)state;
	if (!shared[0]) {
		printf("skipped: ../shared absent (set CCREPO_SHARED)\n");
		skip();
	}
	read_expect(&x);
	assert_true(x.stored >= 200);
	assert_true(x.bad > 0);
	d = harness_tmpdir();
	assert_non_null(d);
	import_works(d);

	/* --strict: the rows of the works not imported stop it, and nothing is stored */
	assert_int_equal(harness_cli_keep(d, NULL, (const char *const[]){ "map", "--file", tsv,
				"--strict", NULL }, &out, &err), 1);
	assert_has(err, "nothing stored (--strict)");
	assert_int_equal(count_rows(d, "SELECT count(*) FROM mapping"), 0);

	/* without it: those rows reported by line, the others stored */
	assert_int_equal(harness_cli_keep(d, NULL, (const char *const[]){ "map", "--file", tsv,
				NULL }, &out, &err), 0);
	snprintf(want, sizeof(want), "%d mappings stored, %d rows skipped (none, scope), %d rows "
		 "not stored", x.stored, x.skipped, x.bad);
	assert_has(out, want);
	printf("map --file: %s\n", want);
	for (line = err; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		const char *colon;
		int n;

		if (*line == '\n')
			continue;
		assert_true(!strncmp(line, tsv, strlen(tsv)) && line[strlen(tsv)] == ':');
		colon = line + strlen(tsv) + 1;
		n = atoi(colon);
		if (n <= 0 || n >= (int)sizeof(x.badline) || !x.badline[n])
			fail_msg("reported a line that is not a row of a work not imported: %.200s",
				 line);
		assert_true(!strncmp(strchr(colon, ':'), ": no work has the URI /akn/", 27));
		nerr++;
	}
	assert_int_equal(nerr, x.bad);
	assert_int_equal(count_rows(d, "SELECT count(*) FROM mapping WHERE state = 'accepted'"),
			 x.stored);
	/* the audit log has one entry per mapping stored */
	assert_true(count_rows(d, "SELECT count(*) FROM audit_log WHERE action = 'mapping.set'") >=
		    x.stored);

	/* one mapping per country, as a curator made it */
	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		json_t *b, *m = exported(d, probes[i].uri, probes[i].eid, probes[i].article, &b);

		if (!m)
			fail_msg("%s#%s %s not exported", probes[i].uri, probes[i].eid,
				 probes[i].article);
		assert_string_equal(json_string_value(json_object_get(m, "state")), "accepted");
		assert_string_equal(json_string_value(json_object_get(m, "extent")),
				    probes[i].extent);
		assert_string_equal(json_string_value(json_object_get(m, "comment")), x.note[i]);
		json_decref(b);
	}

	/* loading again changes nothing */
	assert_int_equal(harness_cli_keep(d, NULL, (const char *const[]){ "map", "--file", tsv,
				NULL }, &out, &err), 0);
	assert_has(out, want);
	assert_int_equal(count_rows(d, "SELECT count(*) FROM mapping WHERE state = 'accepted'"),
			 x.stored);
	free(out);
	free(err);
	harness_rmtree(d);
	free(d);
}

/* Bad rows of a small file, each reported with its line; one mapping by hand. */
static void test_bad_rows(void **state)
{
	static const char file[] =
		"# a comment\n"
		"/akn/ng/act/2015/17\tsec_12\tcoe-185/3\tfull\tintercepts\n"		/* 2 */
		"/akn/zz/act/1\tsec_1\tun-cc/7\tfull\tno such work\n"			/* 3 */
		"\n"
		"/akn/ng/act/2015/17\tsec_999\tun-cc/7\tpartial\tno such eId\n"		/* 5 */
		"/akn/ng/act/2015/17\tsec_12\tun-cc/8\tmaybe\tbad judgment\n"		/* 6 */
		"/akn/ng/act/2015/17\tsec_12\n"						/* 7 */
		"/akn/ng/act/2015/17\tsec_12\tun-cc\tfull\tbad article\n"		/* 8 */
		"/akn/ng/act/2015/17\tsec_12\tun-cc/999\tfull\tno such article\n"	/* 9 */
		"/akn/ng/act/2015/17\tsec_12\tun-cc/8\tpartial\n"			/* 10 */
		"/akn/ng/act/2015/17\tsec_12\tun-cc/9\tnone\tnot a mapping\n"		/* 11 */
		"/akn/ng/act/2015/17\t*\t-\tscope\tall judged\n";			/* 12 */
	static const char *const bad[] = {
		"bad.tsv:3: no work has the URI /akn/zz/act/1",
		"bad.tsv:5: the work has no provision sec_999",
		"bad.tsv:6: the judgment is full, partial, none or scope",
		"bad.tsv:7: a row has work URI, eId, article, judgment and note",
		"bad.tsv:8: name the article as instrument/number",
		"bad.tsv:9: un-cc has no article 999",
	};
	char *d, *out = NULL, *err = NULL, path[1200], *big;
	size_t nbig = 4000001;
	FILE *f;

	(void)state;
	if (!shared[0]) {
		printf("skipped: ../shared absent (set CCREPO_SHARED)\n");
		skip();
	}
	d = harness_tmpdir();
	assert_non_null(d);
	snprintf(path, sizeof(path), "%s/%s", shared, "ng/cybercrimes-act-2015.pdf");
	assert_int_equal(harness_cli(d, NULL, (const char *const[]){ "import", "--no-suggest",
				"--uri", "/akn/ng/act/2015/17", "--date", "2015-05-15", path, NULL },
				NULL, 0), 0);
	snprintf(path, sizeof(path), "%s/bad.tsv", d);
	assert_int_equal(harness_write_file(path, file, sizeof(file) - 1), 0);
	assert_int_equal(harness_cli_keep(d, NULL, (const char *const[]){ "map",
				"--file=bad.tsv", NULL }, &out, &err), 0);
	assert_has(out, "bad.tsv: 2 mappings stored, 2 rows skipped (none, scope), 6 rows not "
		   "stored");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_has(err, bad[i]);
	assert_int_equal(count_rows(d, "SELECT count(*) FROM mapping WHERE state = 'accepted' "
				       "AND eid = 'sec_12' AND ((instrument = 'coe-185' AND "
				       "article = 3 AND extent = 'full' AND comment = 'intercepts') "
				       "OR (instrument = 'un-cc' AND article = 8 AND extent = "
				       "'partial' AND comment IS NULL))"), 2);
	/* --strict: the first bad row (line 3) stops it */
	assert_int_equal(harness_cli_keep(d, NULL, (const char *const[]){ "map",
				"--file=bad.tsv", "--strict", NULL }, &out, &err), 1);
	assert_has(err, "bad.tsv:3: no work has the URI");
	assert_null(strstr(err, "bad.tsv:5:"));

	/* one by hand: rejected, then accepted with a comment */
	assert_int_equal(harness_cli_keep(d, NULL, (const char *const[]){ "map",
				"/akn/ng/act/2015/17", "sec_38__subsec_1", "coe-185/16", "reject",
				NULL }, &out, &err), 0);
	assert_has(out, "/akn/ng/act/2015/17#sec_38__subsec_1 -> coe-185/16: rejected");
	assert_int_equal(count_rows(d, "SELECT count(*) FROM mapping WHERE eid = "
				       "'sec_38__subsec_1' AND state = 'rejected'"), 1);
	assert_int_equal(harness_cli_keep(d, NULL, (const char *const[]){ "map",
				"/akn/ng/act/2015/17", "sec_39", "un-cc/30", "full",
				"--comment=a judge orders interception", NULL }, &out, &err), 0);
	assert_int_equal(count_rows(d, "SELECT count(*) FROM mapping WHERE eid = 'sec_39' AND "
				       "extent = 'full' AND comment = 'a judge orders "
				       "interception'"), 1);
	assert_int_equal(harness_cli_keep(d, NULL, (const char *const[]){ "map",
				"/akn/ng/act/2015/17", "sec_39", "un-cc/30", "maybe", NULL },
				&out, &err), 1);
	assert_has(err, "a decision is full, partial or reject");
	assert_int_equal(harness_cli_keep(d, NULL, (const char *const[]){ "map",
				"/akn/ng/act/2015/17", "sec_39", NULL }, &out, &err), 2);
	assert_has(err, "usage: ccrepo map");
	assert_int_equal(harness_cli_keep(d, NULL, (const char *const[]){ "map",
				"--file=missing.tsv", NULL }, &out, &err), 1);
	assert_has(err, "missing.tsv");

	/* over the size limit (LIMIT_MAPPING_FILE): refused before any row */
	snprintf(path, sizeof(path), "%s/big.tsv", d);
	big = malloc(nbig);
	assert_non_null(big);
	memset(big, '#', nbig);
	for (size_t i = 80; i < nbig; i += 80)
		big[i] = '\n';
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(big, 1, nbig, f), nbig);
	fclose(f);
	free(big);
	assert_int_equal(harness_cli_keep(d, NULL, (const char *const[]){ "map",
				"--file=big.tsv", NULL }, &out, &err), 1);
	assert_has(err, "over 4000000 bytes");
	free(out);
	free(err);
	harness_rmtree(d);
	free(d);
}

int main(void)
{
	const char *env = getenv("CCREPO_SHARED"), *s = getenv("CCREPO_SRC");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_bad_rows),
	};

	harness_bin();
	snprintf(shared, sizeof(shared), "%s/corpus", env && *env ? env : "../shared");
	if (access(shared, R_OK))
		shared[0] = '\0';
	snprintf(src, sizeof(src), "%s", s && *s ? s : ".");
	snprintf(tsv, sizeof(tsv), "%s/tests/relevance/mappings.tsv", src);
	if (tsv[0] != '/') {	/* the commands run in their own directory */
		char cwd[1024];

		if (getcwd(cwd, sizeof(cwd)))
			snprintf(tsv, sizeof(tsv), "%s/%s/tests/relevance/mappings.tsv", cwd, src);
	}
	return harness_exit(cmocka_run_group_tests(tests, NULL, NULL));
}
