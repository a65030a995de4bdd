/* ccrepo import, export and show through the real binary: every file of the shared
 * corpus imports with the right numbers and headings, a broken file leaves nothing
 * behind, and a bundle exported then imported into a new database exports the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integration/harness.h"

static char *D;			/* scratch directory */
static char *OUT, *ERR;
static char shared[1024];	/* ../shared/corpus, or "" when absent */

static int setup(void **state)
{
	const char *env = getenv("CCREPO_SHARED");

	(void)state;
	D = harness_tmpdir();
	snprintf(shared, sizeof(shared), "%s/corpus", env && *env ? env : "../shared");
	if (access(shared, R_OK))
		shared[0] = '\0';
	return D ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(OUT);
	free(ERR);
	harness_rmtree(D);
	free(D);
	return 0;
}

static int run(const char *const *args)
{
	return harness_run_keep(args, NULL, D, NULL, &OUT, &ERR);
}

#define RUN(...) run((const char *const[]){ __VA_ARGS__, NULL })

static const char *in_dir(const char *name)
{
	static char buf[2][1200];
	static int k;

	k = (k + 1) % 2;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", D, name);
	return buf[k];
}

static const char *corpus(const char *name)
{
	static char buf[4][1200];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", shared, name);
	return buf[k];
}

#define NEED_CORPUS()                                                                  \
	do {                                                                           \
		if (!shared[0]) {                                                      \
			printf("skipped: ../shared absent (set CCREPO_SHARED)\n");   \
			skip();                                                        \
		}                                                                      \
	} while (0)

/* The JSON bundle of one work, parsed. */
static json_t *bundle_of(const char *db, const char *uri)
{
	json_error_t je;
	json_t *j;

	assert_int_equal(RUN("export", "--db", db, "--log-level", "warn", uri), 0);
	j = json_loads(OUT, 0, &je);
	assert_non_null(j);
	return j;
}

/* Find a provision by eid anywhere in a bundle's first expression; NULL if absent. */
static json_t *find_eid(json_t *arr, const char *eid, json_t **parent, json_t *up)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		json_t *c = json_object_get(v, "children"), *hit;

		if (!strcmp(json_string_value(json_object_get(v, "eid")), eid)) {
			if (parent)
				*parent = up;
			return v;
		}
		if (c && (hit = find_eid(c, eid, parent, v)))
			return hit;
	}
	return NULL;
}

static json_t *provisions(json_t *bundle)
{
	json_t *rec = json_array_get(json_object_get(bundle, "records"), 0);
	json_t *x = json_array_get(json_object_get(rec, "expressions"), 0);

	return json_object_get(x, "provisions");
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static void test_budapest(void **state)
{
	json_t *b, *p, *parent = NULL;

	(void)state;
	NEED_CORPUS();
	assert_int_equal(RUN("import", "--db", "c.db", "--log-level", "warn", "--uri",
			     "/akn/int/treaty/coe/2001/185", "--date", "2001-11-23", "--title",
			     "Convention on Cybercrime", "--language", "eng",
			     corpus("treaties/coe-ets185-budapest-convention.md")), 0);
	assert_non_null(strstr(OUT, "/akn/int/treaty/coe/2001/185 eng@2001-11-23"));
	b = bundle_of("c.db", "/akn/int/treaty/coe/2001/185");
	p = provisions(b);
	/* article 2 "Illegal access", under Chapter II > Section 1 > Title 1 */
	json_t *a2 = NULL;
	size_t i;
	json_t *v;

	/* search every node for an article numbered 2 */
	{
		json_t *stack[64];
		int top = 0;

		stack[top++] = p;
		while (top && !a2) {
			json_t *arr = stack[--top];

			json_array_foreach(arr, i, v) {
				if (!strcmp(str(v, "kind"), "article") && !strcmp(str(v, "num"), "2"))
					a2 = v;
				if (json_object_get(v, "children") && top < 64)
					stack[top++] = json_object_get(v, "children");
			}
		}
	}
	assert_non_null(a2);
	assert_string_equal(str(a2, "heading"), "Illegal access");
	assert_non_null(find_eid(p, str(a2, "eid"), &parent, NULL));
	assert_non_null(parent);
	assert_string_equal(str(parent, "kind"), "title");
	json_decref(b);
	/* show prints the contents */
	assert_int_equal(RUN("show", "--db", "c.db", "--log-level", "warn", "--all",
			     "/akn/int/treaty/coe/2001/185"), 0);
	assert_non_null(strstr(OUT, "article 35 – 24/7 Network"));
	/* the protocol */
	assert_int_equal(RUN("import", "--db", "c.db", "--log-level", "warn", "--uri",
			     "/akn/int/treaty/coe/2003/189", "--date", "2003-01-28", "--title",
			     "Additional Protocol", corpus("treaties/coe-ets189-additional-protocol.md")),
			 0);
}

static void test_us_code(void **state)
{
	json_t *b, *parent = NULL, *a2;

	(void)state;
	NEED_CORPUS();
	assert_int_equal(RUN("import", "--db", "c.db", "--log-level", "warn", "--uri",
			     "/akn/us/act/1986/usc-18-1030", "--date", "1986-10-16", "--title",
			     "18 U.S.C. 1030", corpus("us/18-usc-1030.md")), 0);
	b = bundle_of("c.db", "/akn/us/act/1986/usc-18-1030");
	/* 1030(a)(2) is found under 1030(a) */
	a2 = find_eid(provisions(b), "sec_1030__subsec_a__para_2", &parent, NULL);
	assert_non_null(a2);
	assert_non_null(parent);
	assert_string_equal(str(parent, "eid"), "sec_1030__subsec_a");
	assert_non_null(strstr(str(a2, "text"), "intentionally accesses a computer without "
					       "authorization"));
	/* and the import suggested 1030(a)(2) be mapped to illegal access */
	{
		json_t *ms = json_object_get(json_array_get(json_object_get(b, "records"), 0),
					     "mappings"), *m;
		size_t i;
		int found = 0;

		json_array_foreach(ms, i, m)
			found |= !strcmp(str(m, "eid"), "sec_1030__subsec_a__para_2") &&
				 !strcmp(str(m, "article"), "un-cc/7") &&
				 !strcmp(str(m, "state"), "suggested");
		assert_true(found);
	}
	json_decref(b);
	assert_int_equal(RUN("import", "--db", "c.db", "--log-level", "warn", "--uri",
			     "/akn/us/act/1986/usc-18-2701", "--date", "1986-10-21", "--title",
			     "18 U.S.C. 2701-2703", corpus("us/18-usc-2701-2703.md")), 0);
}

static void test_akoma_ntoso(void **state)
{
	json_t *b, *p;
	size_t i, chapters = 0;
	json_t *v;

	(void)state;
	NEED_CORPUS();
	assert_int_equal(RUN("import", "--db", "c.db", "--log-level", "warn",
			     corpus("za/za-constitution-1996.akn.xml"),
			     corpus("ke/ke-act-1997-3-retirement-benefits.akn2.xml"),
			     corpus("uk/ukpga-2014-27-dripa.akn.xml"),
			     corpus("uk/ukpga-1998-29-data-protection.akn.xml")), 0);
	b = bundle_of("c.db", "/akn/za/act/1996/constitution");
	p = provisions(b);
	json_array_foreach(p, i, v)
		chapters += !strcmp(str(v, "kind"), "chapter");
	assert_int_equal(chapters, 14);	/* the South African Constitution has 14 */
	assert_string_equal(str(find_eid(p, "chp_2", NULL, NULL), "heading"), "Bill of Rights");
	json_decref(b);
	b = bundle_of("c.db", "/akn/ke/act/1997-08-22/3");
	assert_string_equal(str(json_array_get(json_object_get(b, "records"), 0), "country"), "KE");
	json_decref(b);
	/* Akoma Ntoso export is well-formed enough to import again */
	assert_int_equal(RUN("export", "--db", "c.db", "--log-level", "warn", "--format", "akn",
			     "--out", "za.xml", "/akn/za/act/1996/constitution"), 0);
	assert_int_equal(RUN("import", "--db", "c2.db", "--log-level", "warn", "za.xml"), 0);
	assert_non_null(strstr(OUT, "2124 provisions"));
}

static void test_judgment(void **state)
{
	(void)state;
	NEED_CORPUS();
	assert_int_equal(RUN("import", "--db", "c.db", "--log-level", "warn",
			     corpus("za/zasca-2008-134-judgment.akn.xml")), 0);
	assert_int_equal(RUN("export", "--db", "c.db", "--log-level", "warn", "--kind", "case"), 0);
	assert_non_null(strstr(OUT, "\"type\": \"case\""));
	assert_non_null(strstr(OUT, "ZASCA 134"));
}

static void test_broken_file_leaves_nothing(void **state)
{
	const char *path;
	static const char bad_bundle[] =
		"{\"format\":\"ccrepo-bundle\",\"version\":1,\"records\":["
		"{\"type\":\"lesson\",\"country\":\"KE\",\"title\":\"Good\",\"body\":\"ok\"},"
		"{\"type\":\"lesson\",\"country\":\"KE\",\"title\":\"Bad\"}]}";

	(void)state;
	path = in_dir("bad.json");
	assert_int_equal(harness_write_file(path, bad_bundle, sizeof(bad_bundle) - 1), 0);
	assert_int_equal(RUN("import", "--db", "b.db", "--log-level", "warn", "bad.json"), 1);
	assert_non_null(strstr(ERR, "bad.json"));
	assert_non_null(strstr(ERR, "record 2"));
	assert_non_null(strstr(ERR, "body is required"));
	/* the first lesson of the bundle is not there either */
	assert_int_equal(RUN("export", "--db", "b.db", "--log-level", "warn", "--format", "csv"),
			 0);
	assert_null(strstr(OUT, "Good"));
	/* broken XML: the message names the file and the line */
	path = in_dir("bad.xml");
	assert_int_equal(harness_write_file(path, "<akomaNtoso>\n<act>\n</oops>", 26), 0);
	assert_int_equal(RUN("import", "--db", "b.db", "--log-level", "warn", "bad.xml"), 1);
	assert_non_null(strstr(ERR, "bad.xml:"));
	/* text without a work URI */
	path = in_dir("act.txt");
	assert_int_equal(harness_write_file(path, "1. Short title\nThis Act.\n", 25), 0);
	assert_int_equal(RUN("import", "--db", "b.db", "--log-level", "warn", "act.txt"), 1);
	assert_non_null(strstr(ERR, "work URI"));
	assert_int_equal(RUN("import", "--db", "b.db", "--log-level", "warn", "--uri",
			     "/akn/zz/act/2020/1", "--title", "X", "--date", "2020-01-01", "act.txt"),
			 1);
	assert_non_null(strstr(ERR, "not a country"));
	/* usage errors */
	assert_int_equal(RUN("import", "--db", "b.db"), 2);
	assert_int_equal(RUN("import", "--db", "b.db", "--format", "pdf", "act.txt"), 2);
	/* the same statuses as the form and the API: withdrawn is not a way in */
	assert_int_equal(RUN("import", "--db", "b.db", "--status", "withdrawn", "act.txt"), 2);
	assert_non_null(strstr(ERR, "draft, submitted or published"));
}

static void test_bundle_round_trip(void **state)
{
	char *first, *second;
	char *a, *b;

	(void)state;
	/* c.db holds what the tests above imported (or little, without the corpus) */
	assert_int_equal(RUN("import", "--db", "c.db", "--log-level", "warn", "--uri",
			     "/akn/ke/act/2018/5", "--title", "Computer Misuse Act", "--date",
			     "2018-05-16", "--language", "eng", "--status", "published",
			     "/dev/stdin"), 1);	/* empty input: an error, nothing stored */
	assert_int_equal(RUN("export", "--db", "c.db", "--log-level", "warn", "--out", "all.json"),
			 0);
	assert_int_equal(RUN("import", "--db", "fresh.db", "--log-level", "warn", "--no-suggest",
			     "all.json"), 0);
	assert_int_equal(RUN("export", "--db", "fresh.db", "--log-level", "warn", "--out",
			     "again.json"), 0);
	first = harness_read_file(in_dir("all.json"), NULL);
	second = harness_read_file(in_dir("again.json"), NULL);
	assert_non_null(first);
	assert_non_null(second);
	/* equal but for the export time */
	a = strstr(first, "\"records\"");
	b = strstr(second, "\"records\"");
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a, b);
	free(first);
	free(second);
}

/* The French Code pénal and the Chinese Criminal Law in Markdown: every level nests,
 * articles keep their numbers. */
static void test_codes(void **state)
{
	json_t *b, *p, *parent = NULL, *a;

	(void)state;
	NEED_CORPUS();
	assert_int_equal(RUN("import", "--db", "m.db", "--log-level", "warn", "--no-suggest",
			     "--uri", "/akn/fr/act/1992/code-penal", "--country", "FR", "--language",
			     "fra", corpus("fr/code_penal_LEGITEXT000006070719.md")), 0);
	/* the date and title come from the front matter */
	assert_non_null(strstr(OUT, "/akn/fr/act/1992/code-penal fra@1990-09-01"));
	b = bundle_of("m.db", "/akn/fr/act/1992/code-penal");
	p = provisions(b);
	a = find_eid(p, "art_323-1", &parent, NULL);
	assert_non_null(a);
	assert_string_equal(str(parent, "eid"), "part_1__book_III__title_II__chp_III");
	assert_string_equal(str(parent, "heading"),
			    "Des atteintes aux syst\xc3\xa8mes de traitement automatis\xc3\xa9 de "
			    "donn\xc3\xa9" "es");
	assert_non_null(find_eid(p, "art_323-8", NULL, NULL));
	assert_non_null(find_eid(p, "part_1__book_I__title_III__chp_I__sec_1__subsec_1", NULL,
				 NULL));
	assert_non_null(find_eid(p, "art_R131-1", NULL, NULL));
	assert_string_equal(str(json_array_get(json_object_get(b, "records"), 0), "title"),
			    "Code p\xc3\xa9nal");
	json_decref(b);

	assert_int_equal(RUN("import", "--db", "m.db", "--log-level", "warn", "--no-suggest",
			     "--uri", "/akn/cn/act/1997/criminal-law", "--country", "CN", "--date",
			     "1997-03-14", "--language", "chi",
			     corpus("cn/cn_criminal_law_1997_as_amended_xingfa.md")), 0);
	b = bundle_of("m.db", "/akn/cn/act/1997/criminal-law");
	p = provisions(b);
	a = find_eid(p, "art_286-1", &parent, NULL);
	assert_non_null(a);
	assert_string_equal(str(a, "num"), "\xe7\xac\xac\xe4\xba\x8c\xe7\x99\xbe\xe5\x85\xab\xe5\x8d"
					   "\x81\xe5\x85\xad\xe6\x9d\xa1\xe4\xb9\x8b\xe4\xb8\x80");
	assert_string_equal(str(parent, "eid"), "book_2__chp_6__sec_1");
	assert_non_null(find_eid(p, "art_287-2", NULL, NULL));
	assert_non_null(find_eid(p, "art_1", &parent, NULL));
	assert_string_equal(str(parent, "eid"), "book_1__chp_1");
	json_decref(b);
}

/* pdftotext's text of a corpus PDF in the scratch directory; 0 when pdftotext or the
 * corpus is missing. */
static int pdf_text(const char *pdf, const char *out, int layout)
{
	char cmd[2600];

	if (!shared[0] || system("command -v pdftotext >/dev/null 2>&1")) {
		printf("skipped: pdftotext or ../shared absent\n");
		return 0;
	}
	snprintf(cmd, sizeof(cmd), "pdftotext %s '%s' '%s' 2>/dev/null", layout ? "-layout" : "",
		 corpus(pdf), in_dir(out));
	return system(cmd) == 0;
}

/* Text from gazette PDFs (as the PDF importer will hand it): the arrangement of
 * sections is skipped, running headers dropped, sections keep plain eIds under their
 * parts, schedules come after the body. */
static void test_pdf_text(void **state)
{
	json_t *b, *p, *parent = NULL, *v;
	size_t i, n;
	char eid[16];

	(void)state;
	if (!pdf_text("ng/cybercrimes-act-2015.pdf", "ng.txt", 1))
		skip();
	assert_int_equal(RUN("import", "--db", "p.db", "--log-level", "warn", "--no-suggest",
			     "--format", "text", "--uri", "/akn/ng/act/2015/cybercrimes", "--country",
			     "NG", "--date", "2015", in_dir("ng.txt")), 0);
	assert_non_null(strstr(OUT, "/akn/ng/act/2015/cybercrimes eng@2015-01-01"));
	b = bundle_of("p.db", "/akn/ng/act/2015/cybercrimes");
	p = provisions(b);
	for (int k = 1; k <= 59; k++) {
		snprintf(eid, sizeof(eid), "sec_%d", k);
		assert_non_null(find_eid(p, eid, &parent, NULL));
		assert_non_null(parent);
		assert_string_equal(str(parent, "kind"), "part");
	}
	assert_string_equal(str(find_eid(p, "sec_7", NULL, NULL), "heading"),
			    "Registration of cybercaf\xc3\xa9");
	assert_string_equal(str(find_eid(p, "sec_6", NULL, NULL), "heading"),
			    "Unlawful access to a computer");
	find_eid(p, "sec_3", &parent, NULL);
	assert_string_equal(str(parent, "eid"), "part_II");
	n = json_array_size(p);
	assert_string_equal(str(json_array_get(p, n - 2), "eid"), "sched_1");
	assert_string_equal(str(json_array_get(p, n - 1), "eid"), "sched_2");
	assert_string_equal(str(json_array_get(p, n - 3), "eid"), "part_VIII");
	json_array_foreach(p, i, v)
		assert_null(strstr(str(v, "eid"), "sched_1__part_"));
	json_decref(b);

	if (!pdf_text("sg/computer_misuse_act_1993.pdf", "cma.txt", 0))
		skip();
	assert_int_equal(RUN("import", "--db", "p.db", "--log-level", "warn", "--no-suggest",
			     "--format", "text", "--uri", "/akn/sg/act/1993/cma", "--country", "SG",
			     "--title", "Computer Misuse Act 1993", in_dir("cma.txt")), 0);
	/* the date printed under the long title */
	assert_non_null(strstr(OUT, "/akn/sg/act/1993/cma eng@1993-08-30"));
	assert_non_null(strstr(OUT, "\"Computer Misuse Act 1993\" repeated"));
	b = bundle_of("p.db", "/akn/sg/act/1993/cma");
	p = provisions(b);
	v = find_eid(p, "sec_3", &parent, NULL);
	assert_non_null(v);
	assert_string_equal(str(v, "heading"), "Unauthorised access to computer material");
	assert_string_equal(str(parent, "eid"), "part_2");
	assert_string_equal(str(find_eid(p, "sec_8A", NULL, NULL), "heading"),
			    "Disclosure of password, access code, etc., in relation to national "
			    "digital identity service");
	assert_non_null(find_eid(p, "sec_20", NULL, NULL));
	assert_non_null(find_eid(p, "sched_2", NULL, NULL));
	assert_null(find_eid(p, "sched_3", NULL, NULL));
	json_decref(b);
}

/* --dry-run prints the tree and stores nothing, without a database. */
static void test_dry_run(void **state)
{
	static const char act[] = "THE SAMPLE ACT\n[1st March, 2020]\nARRANGEMENT OF SECTIONS\n"
				  "1. Short title\n2. Offences\n3. Penalties\n\nPART I\n"
				  "1. This Act is the Sample Act.\n2. (1) A person commits an "
				  "offence.\n3. The penalty is a fine.\n";

	(void)state;
	assert_int_equal(harness_write_file(in_dir("dry.txt"), act, sizeof(act) - 1), 0);
	assert_int_equal(RUN("import", "--db", "dry.db", "--dry-run", "--uri",
			     "/akn/ke/act/2020/9", "dry.txt"), 0);
	assert_non_null(strstr(OUT, "/akn/ke/act/2020/9 THE SAMPLE ACT (date 2020-03-01"));
	assert_non_null(strstr(OUT, "nothing stored"));
	assert_non_null(strstr(OUT, "\n  part I  [part_I]\n"));
	assert_non_null(strstr(OUT, "\n    section 2 \xe2\x80\x93 Offences  [sec_2]\n"));
	assert_non_null(strstr(OUT, "\n      subsection (1)  [sec_2__subsec_1]\n"));
	assert_true(access(in_dir("dry.db"), F_OK) != 0);
	/* a bundle has no tree to show */
	assert_int_equal(harness_write_file(in_dir("b.json"), "{}", 2), 0);
	assert_int_equal(RUN("import", "--dry-run", "b.json"), 1);
	assert_non_null(strstr(ERR, "nothing to parse"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_budapest),
		cmocka_unit_test(test_us_code),
		cmocka_unit_test(test_akoma_ntoso),
		cmocka_unit_test(test_judgment),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_pdf_text),
		cmocka_unit_test(test_dry_run),
		cmocka_unit_test(test_broken_file_leaves_nothing),
		cmocka_unit_test(test_bundle_round_trip),
	};

	return harness_exit(cmocka_run_group_tests(tests, setup, teardown));
}
