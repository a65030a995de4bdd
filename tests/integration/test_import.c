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

/* A growing string (the harness links no sbuf). */
struct sbuf_lite {
	char *buf;
	size_t len;
};

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

/* Every provision's heading and text under arr, appended to sb (a line each). */
static void all_text(json_t *arr, struct sbuf_lite *sb)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		const char *parts[] = { str(v, "heading"), str(v, "text") };

		for (size_t k = 0; k < 2; k++) {
			size_t n = strlen(parts[k]);

			sb->buf = realloc(sb->buf, sb->len + n + 2);
			memcpy(sb->buf + sb->len, parts[k], n);
			sb->len += n;
			sb->buf[sb->len++] = '\n';
			sb->buf[sb->len] = '\0';
		}
		if (json_object_get(v, "children"))
			all_text(json_object_get(v, "children"), sb);
	}
}

/* The number of provisions of kind under arr. */
static size_t count_kind(json_t *arr, const char *kind)
{
	size_t i, n = 0;
	json_t *v;

	json_array_foreach(arr, i, v) {
		n += !strcmp(str(v, "kind"), kind);
		if (json_object_get(v, "children"))
			n += count_kind(json_object_get(v, "children"), kind);
	}
	return n;
}

static void test_clml(void **state)
{
	json_t *b, *p, *n;

	(void)state;
	NEED_CORPUS();
	assert_int_equal(RUN("import", "--db", "u.db", "--log-level", "warn", "--no-suggest",
			     corpus("uk/ukpga_20000032_en.xml"), corpus("uk/uksi-2017-1325-made.xml")),
			 0);
	assert_non_null(strstr(OUT, "/akn/gb/act/2000/32 eng@2000-11-23"));
	assert_non_null(strstr(OUT, "/akn/gb/act/si/2017/1325 eng@2017-12-21"));
	b = bundle_of("u.db", "/akn/gb/act/2000/32");
	p = provisions(b);
	assert_string_equal(str(json_array_get(json_object_get(b, "records"), 0), "title"),
			    "Police (Northern Ireland) Act 2000");
	assert_string_equal(str(find_eid(p, "sec_1", NULL, NULL), "heading"),
			    "Name of the police in Northern Ireland");
	assert_string_equal(str(find_eid(p, "part_II", NULL, NULL), "heading"),
			    "The Northern Ireland Policing Board");
	n = find_eid(p, "sched_1", NULL, NULL);
	assert_non_null(n);
	assert_string_equal(str(n, "kind"), "schedule");
	assert_string_equal(str(n, "heading"), "The Northern Ireland Policing Board");
	assert_non_null(find_eid(p, "sched_8", NULL, NULL));
	assert_non_null(strstr(str(find_eid(p, "sec_1__subsec_1", NULL, NULL), "text"),
			       "Royal Ulster Constabulary shall continue in being"));
	assert_int_equal(count_kind(p, "section"), 81);
	assert_int_equal(count_kind(p, "schedule"), 8);
	json_decref(b);
	b = bundle_of("u.db", "/akn/gb/act/si/2017/1325");
	p = provisions(b);
	assert_string_equal(str(find_eid(p, "art_2", NULL, NULL), "heading"),
			    "Proscribed organisations");
	assert_non_null(find_eid(p, "art_1__para_2", NULL, NULL));
	json_decref(b);
}

/* The case of a work URI from `export --kind case`, and its provisions' text. */
static json_t *case_of(const char *db, const char *uri, char **text)
{
	json_error_t je;
	json_t *j, *r, *found = NULL;
	size_t i;

	assert_int_equal(RUN("export", "--db", db, "--log-level", "warn", "--kind", "case"), 0);
	j = json_loads(OUT, 0, &je);
	assert_non_null(j);
	json_array_foreach(json_object_get(j, "records"), i, r)
		if (!strcmp(str(json_object_get(r, "work"), "uri"), uri))
			found = r;
	if (!found)
		fail_msg("no case %s in %.300s", uri, OUT);
	json_incref(found);
	if (text) {
		struct sbuf_lite sb = { NULL, 0 };

		all_text(json_object_get(json_array_get(json_object_get(found, "expressions"), 0),
					 "provisions"), &sb);
		*text = sb.buf;
	}
	json_decref(j);
	return found;
}

static void test_judgments_as_cases(void **state)
{
	json_t *c;
	char *text = NULL;

	(void)state;
	NEED_CORPUS();
	/* the UK National Archives' Akoma Ntoso judgment */
	assert_int_equal(RUN("import", "--db", "j.db", "--log-level", "warn", "--no-suggest",
			     corpus("uk/ewhc_ch_2017_3414.xml")), 0);
	assert_non_null(strstr(OUT, "/akn/gb/judgment/ewhc-ch/2017/3414 eng@2017-12-21"));
	c = case_of("j.db", "/akn/gb/judgment/ewhc-ch/2017/3414", NULL);
	assert_string_equal(str(c, "citation"), "[2017] EWHC 3414 (Ch)");
	assert_string_equal(str(c, "decided"), "2017-12-21");
	assert_string_equal(str(c, "country"), "GB");
	assert_non_null(strstr(str(c, "court"), "High Court"));
	assert_non_null(strstr(str(c, "parties"), "BRITISH TELECOMMUNICATIONS PLC"));
	json_decref(c);
	/* Indian Kanoon's PDF of a Supreme Court judgment: recognised as one */
	assert_int_equal(RUN("import", "--db", "j.db", "--log-level", "warn", "--no-suggest",
			     corpus("in/Shreya_Singhal_vs_U_O_I_on_24_March_2015.PDF")), 0);
	c = case_of("j.db", "/akn/in/judgment/supreme-court-of-india/2015-03-24/"
			    "shreya-singhal-vs-u-o-i", &text);
	assert_string_equal(str(c, "court"), "Supreme Court of India");
	assert_string_equal(str(c, "decided"), "2015-03-24");
	assert_string_equal(str(c, "country"), "IN");
	assert_string_equal(str(c, "parties"), "Shreya Singhal vs U.O.I");
	assert_string_equal(str(c, "citation"), "AIR 2015 SUPREME COURT 1523");
	assert_non_null(text);
	/* its numbered paragraphs, as an Akoma Ntoso judgment numbers them */
	assert_non_null(strstr(text, "\nThis batch of writ petitions filed under Article 32"));
	{
		json_t *p = json_object_get(json_array_get(json_object_get(c, "expressions"), 0),
					    "provisions");

		assert_string_equal(str(find_eid(p, "para_1", NULL, NULL), "num"), "1.");
		assert_non_null(find_eid(p, "para_119", NULL, NULL));
		assert_string_equal(str(find_eid(p, "decision", NULL, NULL), "kind"), "decision");
	}
	assert_null(strstr(text, "Indian Kanoon"));
	assert_null(strstr(text, "indiankanoon.org"));
	free(text);
	json_decref(c);
	/* --type judgment: the same as a case under the URI given */
	assert_int_equal(RUN("import", "--db", "j2.db", "--log-level", "warn", "--no-suggest",
			     "--type", "judgment", "--uri", "/akn/in/judgment/insc/2015/1",
			     corpus("in/Shreya_Singhal_vs_U_O_I_on_24_March_2015.PDF")), 0);
	c = case_of("j2.db", "/akn/in/judgment/insc/2015/1", NULL);
	assert_string_equal(str(c, "decided"), "2015-03-24");
	json_decref(c);
}

/* The PDFs of the corpus: the import succeeds, sentences of the body are there, the
 * running heads and footers (or the words of a marginal note, in the Nigerian act)
 * are not. */
static void test_pdfs(void **state)
{
	static const struct {
		const char *file, *uri, *date, *sentence, *footer;
	} pdfs[] = {
		{ "sg/computer_misuse_act_1993.pdf", "/akn/sg/act/1993/19", "1993-08-30",
		  "This Act is the Computer Misuse Act 1993.", "Informal Consolidation" },
		{ "sg/online_criminal_harms_act_2023.pdf", "/akn/sg/act/2023/19", "2023-07-05",
		  "Online Criminal Harms Act 2023", "Informal Consolidation" },
		{ "ng/cybercrimes-act-2015.pdf", "/akn/ng/act/2015/17", "2015-05-15",
		  "National Security Adviser to audit and inspect any Critical National",
		  "Office of the Audit" },	/* the marginal note in the line */
		{ "zm/si-zm-2021-052-cyber-security-and-cyber-crimes-council-regulations-2021.pdf",
		  "/akn/zm/act/si/2021/52", "2021-05-14",
		  "There is constituted the Council which consists of the",
		  "Statutory Instruments 14th May" },
	};

	(void)state;
	NEED_CORPUS();
	for (size_t i = 0; i < sizeof(pdfs) / sizeof(pdfs[0]); i++) {
		struct sbuf_lite sb = { NULL, 0 };
		json_t *b;

		if (RUN("import", "--db", "p.db", "--log-level", "warn", "--no-suggest", "--uri",
			pdfs[i].uri, "--date", pdfs[i].date, corpus(pdfs[i].file)))
			fail_msg("%s: %s", pdfs[i].file, ERR);
		b = bundle_of("p.db", pdfs[i].uri);
		all_text(provisions(b), &sb);
		assert_non_null(sb.buf);
		if (!strstr(sb.buf, pdfs[i].sentence))
			fail_msg("%s: \"%s\" not found", pdfs[i].file, pdfs[i].sentence);
		if (strstr(sb.buf, pdfs[i].footer))
			fail_msg("%s: \"%s\" found", pdfs[i].file, pdfs[i].footer);
		free(sb.buf);
		json_decref(b);
	}
	/* marginal notes beside the first line of a section are its heading (the tree
	 * itself is import/text's reading of the PDF's text) */
	{
		json_t *b = bundle_of("p.db", "/akn/zm/act/si/2021/52"), *p = provisions(b);

		assert_string_equal(str(find_eid(p, "sec_1", NULL, NULL), "heading"), "Title");
		assert_string_equal(str(find_eid(p, "sec_3", NULL, NULL), "heading"),
				    "Composition of the Council");
		assert_non_null(find_eid(p, "sec_3__subsec_1__para_a__subpara_i", NULL, NULL));
		json_decref(b);
		b = bundle_of("p.db", "/akn/ng/act/2015/17");
		p = provisions(b);
		assert_string_equal(str(find_eid(p, "sec_6", NULL, NULL), "heading"),
				    "Unlawful access to a computer");
		json_decref(b);
	}
	/* Singapore, read from the PDF itself: the arrangement of sections skipped, the
	 * sections under their parts with plain eIds and the headings of their margin
	 * notes, the schedules after the body, the title its short-title section gives */
	{
		json_t *b = bundle_of("p.db", "/akn/sg/act/1993/19"), *p = provisions(b), *up;

		assert_string_equal(str(json_array_get(json_object_get(b, "records"), 0), "title"),
				    "Computer Misuse Act 1993");
		assert_string_equal(str(find_eid(p, "part_2", NULL, NULL), "heading"), "OFFENCES");
		assert_string_equal(str(find_eid(p, "sec_3", &up, NULL), "heading"),
				    "Unauthorised access to computer material");
		assert_string_equal(str(up, "eid"), "part_2");
		assert_non_null(find_eid(p, "sec_3__subsec_1", NULL, NULL));
		assert_non_null(find_eid(p, "sec_8A", NULL, NULL));
		assert_null(find_eid(p, "part_1_2", NULL, NULL));
		assert_null(find_eid(p, "sched_1__part_2", NULL, NULL));
		json_decref(b);
		b = bundle_of("p.db", "/akn/sg/act/2023/19");
		assert_string_equal(str(json_array_get(json_object_get(b, "records"), 0), "title"),
				    "Online Criminal Harms Act 2023");
		json_decref(b);
	}
}

/* A revised CLML version keeps where it applies and its last valid day: in the bundle
 * (and through it a round trip) and in the API's versions. */
static void test_clml_version(void **state)
{
	static const char clml[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<Legislation xmlns=\"http://www.legislation.gov.uk/namespaces/legislation\" "
		"xmlns:ukm=\"http://www.legislation.gov.uk/namespaces/metadata\" "
		"xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
		"IdURI=\"http://www.legislation.gov.uk/id/ukpga/1990/18\" "
		"RestrictStartDate=\"2015-05-03\" RestrictEndDate=\"2022-06-29\" "
		"RestrictExtent=\"E+W+S+N.I.\">\n"
		"<ukm:Metadata><dc:title>Computer Misuse Act 1990</dc:title>"
		"<ukm:PrimaryMetadata><ukm:Year Value=\"1990\"/><ukm:Number Value=\"18\"/>"
		"<ukm:EnactmentDate Date=\"1990-06-29\"/></ukm:PrimaryMetadata></ukm:Metadata>\n"
		"<Primary><Body><P1group><Title>Unauthorised access to computer material</Title>"
		"<P1><Pnumber>1</Pnumber><P1para><Text>A person is guilty of an offence if he "
		"causes a computer to perform any function.</Text></P1para></P1></P1group>"
		"</Body></Primary></Legislation>\n";
	json_t *b, *x;

	(void)state;
	assert_int_equal(harness_write_file(in_dir("cma.xml"), clml, sizeof(clml) - 1), 0);
	if (RUN("import", "--db", "v.db", "--log-level", "warn", "--no-suggest", "cma.xml"))
		fail_msg("%s", ERR);
	b = bundle_of("v.db", "/akn/gb/act/1990/18");
	x = json_array_get(json_object_get(json_array_get(json_object_get(b, "records"), 0),
					   "expressions"), 0);
	assert_string_equal(str(x, "date"), "2015-05-03");
	assert_string_equal(str(x, "extent"), "E+W+S+N.I.");
	assert_string_equal(str(x, "valid_to"), "2022-06-29");
	json_decref(b);
	/* a bundle's version with a last valid day that is no date is refused */
	assert_int_equal(harness_write_file(in_dir("bad-end.json"),
		"{\"format\":\"ccrepo-bundle\",\"version\":1,\"records\":[{\"type\":"
		"\"legislation\",\"country\":\"GB\",\"title\":\"X\",\"work\":{\"uri\":"
		"\"/akn/gb/act/1999/1\",\"type\":\"act\",\"date\":\"1999-01-01\"},"
		"\"expressions\":[{\"language\":\"eng\",\"date\":\"1999-01-01\","
		"\"valid_to\":\"soon\",\"provisions\":[{\"eid\":\"sec_1\",\"kind\":"
		"\"section\",\"text\":\"T.\"}]}]}]}", 302), 0);
	assert_int_equal(RUN("import", "--db", "v.db", "--log-level", "warn", "bad-end.json"), 1);
	assert_non_null(strstr(ERR, "last valid day"));
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
	assert_int_equal(RUN("import", "--db", "b.db", "--format", "docx", "act.txt"), 2);
	assert_int_equal(RUN("import", "--db", "b.db", "--format", "pdf", "act.txt"), 1);
	assert_non_null(strstr(ERR, "act.txt: not a PDF"));
	/* a PDF is recognised by its first bytes too; CLML is asked for by name */
	{
		static const char pdf[] =
			"%PDF-1.4\n%\xe2\xe3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
			"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
			"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents "
			"4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
			"4 0 obj << /Length 58 >> stream\n"
			"BT /F1 12 Tf 20 250 Td (Section 1. Magic recognised) Tj ET\n"
			"endstream endobj\n"
			"5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
			"trailer << /Root 1 0 R /Size 6 >>\n%%EOF\n";

		assert_int_equal(harness_write_file(in_dir("gazette"), pdf, sizeof(pdf) - 1), 0);
		assert_int_equal(RUN("import", "--db", "m.db", "--log-level", "warn", "--no-suggest",
				     "--uri", "/akn/ke/act/2020/2", "--title", "Magic", "--date",
				     "2020-01-01", "gazette"), 0);
		assert_non_null(strstr(OUT, "1 provisions"));
		static const char akn[] = "<akomaNtoso xmlns=\"http://docs.oasis-open.org/"
					  "legaldocml/ns/akn/3.0\"/>";

		assert_int_equal(harness_write_file(in_dir("akn.xml"), akn, sizeof(akn) - 1), 0);
		assert_int_equal(RUN("import", "--db", "m.db", "--format", "clml", "akn.xml"), 1);
		assert_non_null(strstr(ERR, "not a legislation.gov.uk CLML document"));
	}
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
		cmocka_unit_test(test_clml),
		cmocka_unit_test(test_judgments_as_cases),
		cmocka_unit_test(test_pdfs),
		cmocka_unit_test(test_clml_version),
		cmocka_unit_test(test_broken_file_leaves_nothing),
		cmocka_unit_test(test_bundle_round_trip),
	};

	return harness_exit(cmocka_run_group_tests(tests, setup, teardown));
}
