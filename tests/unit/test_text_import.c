/* Tests of import/text: the shared corpus (Budapest Convention and its Protocol, 18
 * U.S.C. 1030 and 2701-2703, skipped when $CCREPO_SHARED or ../shared is absent),
 * inline Commonwealth, French and Markdown texts, the subdivision nesting rules,
 * running heads, eIds, warnings, every rejection, and speed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/sbuf.h"
#include "import/text.h"

/* ---- helpers ---- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Path of a corpus file, or NULL (with the skip message) when the corpus is absent. */
static const char *corpus(const char *rel, char *buf, size_t cap)
{
	const char *dir = getenv("CCREPO_SHARED");

	if (!dir || !*dir)
		dir = "../shared";
	snprintf(buf, cap, "%s/corpus/%s", dir, rel);
	if (access(buf, R_OK) != 0) {
		printf("test_text_import: skipped: ../shared absent (%s)\n", buf);
		return NULL;
	}
	return buf;
}

static struct doc *parse(const char *text)
{
	struct doc *d = NULL;
	struct err e = { 0 };

	assert_int_equal(text_parse(text, strlen(text), "t.txt", NULL, &d, &e), ERR_OK);
	assert_non_null(d);
	return d;
}

/* The n-th node (from 1) of that kind and num, in document order; NULL if none. */
static struct doc_node *find_nth(const struct doc *d, const char *kind, const char *num, int nth)
{
	for (struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n))
		if (!strcmp(n->kind, kind) && (!num || (n->num && !strcmp(n->num, num))) &&
		    !--nth)
			return n;
	return NULL;
}

static struct doc_node *find(const struct doc *d, const char *kind, const char *num)
{
	return find_nth(d, kind, num, 1);
}

static int count(const struct doc *d, const char *kind, const char *num)
{
	int k = 0;

	for (struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n))
		if (!strcmp(n->kind, kind) && (!num || (n->num && !strcmp(n->num, num))))
			k++;
	return k;
}

static struct doc_node *by_eid(const struct doc *d, const char *eid)
{
	for (struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n))
		if (!strcmp(n->eid, eid))
			return n;
	return NULL;
}

/* The direct child of parent with that num. */
static struct doc_node *child(const struct doc_node *parent, const char *num)
{
	for (struct doc_node *n = parent->first; n; n = n->next)
		if (n->num && !strcmp(n->num, num))
			return n;
	return NULL;
}

/* All text of n and its descendants (headings too) into sb. */
static void subtree_text(const struct doc_node *n, struct sbuf *sb)
{
	if (n->heading)
		sbuf_addf(sb, "%s\n", n->heading);
	if (n->text)
		sbuf_addf(sb, "%s\n", n->text);
	for (const struct doc_node *c = n->first; c; c = c->next)
		subtree_text(c, sb);
}

static int subtree_has(const struct doc_node *n, const char *needle)
{
	struct sbuf sb = SBUF_INIT;
	int r;

	subtree_text(n, &sb);
	r = strstr(sbuf_str(&sb), needle) != NULL;
	sbuf_release(&sb);
	return r;
}

/* No text of any node has Markdown link syntax, a CR or a stray emphasis marker. */
static void assert_clean(const struct doc *d)
{
	for (struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n)) {
		const char *f[] = { n->text, n->heading };

		for (int i = 0; i < 2; i++) {
			if (!f[i])
				continue;
			if (strstr(f[i], "](") || strchr(f[i], '\r') || strstr(f[i], "**") ||
			    strstr(f[i], "  ")) {
				print_error("unclean text in %s: %s\n", n->eid, f[i]);
				fail();
			}
		}
		assert_non_null(n->eid);
		assert_true(n->eid[0] != '\0');
	}
}

/* Every eId is unique. */
static void assert_unique_eids(const struct doc *d)
{
	size_t n = doc_count(d), k = 0;
	const char **all = calloc(n, sizeof(*all));

	for (struct doc_node *x = doc_next(d, d->root); x; x = doc_next(d, x))
		all[k++] = x->eid;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (!strcmp(all[i], all[j])) {
				print_error("duplicate eId %s\n", all[i]);
				fail();
			}
	free(all);
}

static void print_summary(const char *name, const struct doc *d, double secs)
{
	printf("test_text_import: %s: %zu nodes, %zu warnings, read and parsed in %.3f ms\n",
	       name, doc_count(d), d->nwarnings, secs * 1e3);
	for (size_t i = 0; i < d->nwarnings; i++)
		printf("  warning: %s\n", d->warnings[i]);
}

/* ---- the shared corpus ---- */

static void test_budapest(void **state)
{
	char path[1024], num[8];
	struct doc *d = NULL;
	struct err e = { 0 };
	struct doc_node *n;
	double t;
	static const char *const chapters[] = { "I", "II", "III", "IV" };

	(void)state;
	if (!corpus("treaties/coe-ets185-budapest-convention.md", path, sizeof(path)))
		skip();
	t = now();
	assert_int_equal(text_load(path, NULL, &d, &e), ERR_OK);
	t = now() - t;
	print_summary("Budapest Convention", d, t);
	assert_string_equal(d->title, "Convention on Cybercrime");
	assert_int_equal(count(d, "article", NULL), 48);
	for (int i = 1; i <= 48; i++) {
		snprintf(num, sizeof(num), "%d", i);
		assert_int_equal(count(d, "article", num), 1);
		snprintf(num, sizeof(num), "art_%d", i);
		assert_non_null(by_eid(d, num));
	}
	assert_string_equal(find(d, "article", "2")->heading, "Illegal access");
	assert_string_equal(find(d, "article", "35")->heading, "24/7 Network");
	assert_string_equal(find(d, "article", "1")->heading, "Definitions");
	assert_true(subtree_has(find(d, "article", "1"), "computer system"));
	/* chapters I-IV at the top level */
	assert_int_equal(count(d, "chapter", NULL), 4);
	for (int i = 0; i < 4; i++) {
		n = find(d, "chapter", chapters[i]);
		assert_non_null(n);
		assert_ptr_equal(n->parent, d->root);
	}
	assert_string_equal(find(d, "chapter", "II")->heading,
			    "MEASURES TO BE TAKEN AT THE NATIONAL LEVEL");
	/* articles 2-6: Chapter II > Section 1 > Title 1 */
	for (int i = 2; i <= 6; i++) {
		snprintf(num, sizeof(num), "%d", i);
		n = find(d, "article", num)->parent;
		assert_string_equal(n->kind, "title");
		assert_string_equal(n->num, "1");
		assert_string_equal(n->eid, "chp_II__sec_1__title_1");
		n = n->parent;
		assert_string_equal(n->kind, "section");
		assert_string_equal(n->num, "1");
		assert_string_equal(n->heading, "SUBSTANTIVE CRIMINAL LAW");
		n = n->parent;
		assert_string_equal(n->kind, "chapter");
		assert_string_equal(n->num, "II");
		assert_ptr_equal(n->parent, d->root);
	}
	/* article 1 directly under chapter I; articles 36-48 directly under chapter IV */
	assert_string_equal(find(d, "article", "1")->parent->num, "I");
	assert_string_equal(find(d, "article", "48")->parent->num, "IV");
	/* paragraphs and points: Article 6(1)(a)(ii) */
	n = by_eid(d, "art_6__para_1__point_a__point_ii");
	assert_non_null(n);
	assert_non_null(strstr(n->text, "computer password"));
	assert_string_equal(n->parent->parent->parent->num, "6");
	/* the preamble and the testimonium are kept, with one warning for the preamble */
	n = d->root->first;
	assert_string_equal(n->kind, "preamble");
	assert_non_null(strstr(n->text, "inter alia,"));	/* "*inter alia,*" unmarked */
	assert_string_equal(d->root->last->kind, "conclusions");
	assert_non_null(strstr(d->root->last->text, "DONE at Budapest"));
	assert_int_equal(d->nwarnings, 1);
	assert_non_null(strstr(d->warnings[0], "line 3:"));
	assert_clean(d);
	assert_unique_eids(d);
	doc_free(d);
}

static void test_protocol(void **state)
{
	char path[1024], num[8];
	struct doc *d = NULL;
	struct err e = { 0 };
	struct doc_node *n;
	double t;

	(void)state;
	if (!corpus("treaties/coe-ets189-additional-protocol.md", path, sizeof(path)))
		skip();
	t = now();
	assert_int_equal(text_load(path, NULL, &d, &e), ERR_OK);
	t = now() - t;
	print_summary("Additional Protocol", d, t);
	assert_int_equal(count(d, "article", NULL), 16);
	for (int i = 1; i <= 16; i++) {
		snprintf(num, sizeof(num), "%d", i);
		assert_int_equal(count(d, "article", num), 1);
	}
	assert_string_equal(find(d, "article", "3")->heading,
			    "Dissemination of racist and xenophobic material through computer systems");
	/* link syntax stripped in headings and text */
	assert_string_equal(find(d, "article", "8")->heading,
			    "Relations between the Convention and this Protocol");
	assert_string_equal(find(d, "chapter", "III")->heading,
			    "RELATIONS BETWEEN THE CONVENTION AND THIS PROTOCOL");
	n = by_eid(d, "art_8__para_1");
	assert_non_null(n);
	assert_true(strncmp(n->text, "Articles 1, 12, 13,", 19) == 0);
	assert_non_null(strstr(d->root->first->text, "Convention on Cybercrime"));
	assert_non_null(strstr(by_eid(d, "art_2__para_1")->text,
			       "\xe2\x80\x9cracist and xenophobic material\xe2\x80\x9d"));
	assert_true(strncmp(d->title, "Additional Protocol to the Convention on Cybercrime", 51) == 0);
	assert_int_equal(count(d, "chapter", NULL), 4);
	assert_int_equal(d->nwarnings, 1);
	assert_clean(d);
	assert_unique_eids(d);
	doc_free(d);
}

static void test_usc_1030(void **state)
{
	char path[1024], num[8];
	struct doc *d = NULL;
	struct err e = { 0 };
	struct doc_node *sec, *n;
	double t;

	(void)state;
	if (!corpus("us/18-usc-1030.md", path, sizeof(path)))
		skip();
	t = now();
	assert_int_equal(text_load(path, NULL, &d, &e), ERR_OK);
	t = now() - t;
	print_summary("18 U.S.C. 1030", d, t);
	/* the running heads, three times in the file, open one node each */
	assert_int_equal(count(d, "title", NULL), 1);
	assert_int_equal(count(d, "chapter", NULL), 1);
	assert_int_equal(count(d, "section", NULL), 1);
	sec = find(d, "section", "1030");
	assert_non_null(sec);
	assert_string_equal(sec->eid, "sec_1030");
	assert_non_null(strstr(sec->heading, "Fraud and related activity in connection with computers"));
	assert_string_equal(sec->parent->kind, "chapter");
	assert_string_equal(sec->parent->num, "47");
	assert_string_equal(sec->parent->parent->kind, "title");
	assert_string_equal(sec->parent->parent->num, "18");
	/* (a) through (j), once each, in order, as subsections of 1030 */
	n = sec->first;
	for (char c = 'a'; c <= 'j'; c++, n = n->next) {
		snprintf(num, sizeof(num), "(%c)", c);
		assert_non_null(n);
		assert_string_equal(n->kind, "subsection");
		assert_string_equal(n->num, num);
		assert_int_equal(count(d, "subsection", num), 1);
	}
	assert_null(n);
	/* (a)(2): sec 1030 > subsec a > para 2 */
	n = by_eid(d, "sec_1030__subsec_a__para_2");
	assert_non_null(n);
	assert_string_equal(n->kind, "paragraph");
	assert_string_equal(n->num, "(2)");
	assert_ptr_equal(n->parent, child(sec, "(a)"));
	assert_ptr_equal(n->parent->parent, sec);
	assert_non_null(strstr(n->text, "intentionally accesses a computer without authorization"));
	assert_string_equal(child(sec, "(a)")->text, "Whoever");
	/* deeper: (c)(4)(A)(i)(I) and (e)(4)(I), where (I) follows (H) */
	n = by_eid(d, "sec_1030__subsec_c__para_4__subpara_A__cl_i__subclause_I");
	assert_non_null(n);
	assert_string_equal(n->kind, "subclause");
	n = by_eid(d, "sec_1030__subsec_e__para_4__subpara_I");
	assert_non_null(n);
	assert_string_equal(n->kind, "subparagraph");
	/* (h) is followed by subsection (i), not a clause */
	assert_non_null(by_eid(d, "sec_1030__subsec_i__para_1__subpara_A"));
	assert_int_equal(d->nwarnings, 0);
	assert_null(d->title);
	assert_clean(d);
	assert_unique_eids(d);
	doc_free(d);
}

static void test_usc_2701(void **state)
{
	static const char *const heads[] = {
		"Unlawful access to stored communications",
		"Voluntary disclosure of customer communications or records",
		"Required disclosure of customer communications or records",
	};
	char path[1024], num[16];
	struct doc *d = NULL;
	struct err e = { 0 };
	struct doc_node *sec, *n;
	double t;

	(void)state;
	if (!corpus("us/18-usc-2701-2703.md", path, sizeof(path)))
		skip();
	t = now();
	assert_int_equal(text_load(path, NULL, &d, &e), ERR_OK);
	t = now() - t;
	print_summary("18 U.S.C. 2701-2703", d, t);
	assert_int_equal(count(d, "section", NULL), 3);
	assert_int_equal(count(d, "chapter", NULL), 1);
	for (int i = 0; i < 3; i++) {
		snprintf(num, sizeof(num), "%d", 2701 + i);
		sec = find(d, "section", num);
		assert_non_null(sec);
		assert_string_equal(sec->heading, heads[i]);
	}
	sec = find(d, "section", "2703");
	n = sec->first;
	for (char c = 'a'; c <= 'h'; c++, n = n->next) {
		snprintf(num, sizeof(num), "(%c)", c);
		assert_non_null(n);
		assert_string_equal(n->num, num);
	}
	assert_null(n);
	/* subsection headings "(a) Offense ." and paragraph headings "(1) Definitions ." */
	assert_string_equal(by_eid(d, "sec_2701__subsec_a")->heading, "Offense");
	assert_non_null(strstr(by_eid(d, "sec_2701__subsec_a")->text, "Except as provided"));
	assert_string_equal(child(sec, "(f)")->heading, "Requirement To Preserve Evidence");
	assert_string_equal(by_eid(d, "sec_2703__subsec_h__para_1")->heading, "Definitions");
	assert_string_equal(by_eid(d, "sec_2703__subsec_h__para_1")->text, "In this subsection");
	/* "[(B) Repealed ...]" and (7)(A)(i) */
	assert_non_null(strstr(by_eid(d, "sec_2702__subsec_b__para_7__subpara_B")->text, "Repealed"));
	assert_non_null(by_eid(d, "sec_2702__subsec_b__para_7__subpara_A__cl_ii"));
	assert_int_equal(d->nwarnings, 0);
	assert_clean(d);
	assert_unique_eids(d);
	doc_free(d);
}

/* ---- inline texts ---- */

static void test_commonwealth(void **state)
{
	struct doc *d;
	struct doc_node *n;

	(void)state;
	d = parse("THE COMPUTER MISUSE ACT, 2020\n"
		  "\n"
		  "An Act to provide for the prevention of computer misuse.\n"
		  "\n"
		  "PART I \xe2\x80\x94 PRELIMINARY\n"
		  "\n"
		  "1. Short title\n"
		  "This Act may be cited as the Computer Misuse Act, 2020.\n"
		  "\n"
		  "2. Interpretation\n"
		  "(1) In this Act, unless the context otherwise requires\xe2\x80\x94\n"
		  "(a) \"computer\" means an electronic device;\n"
		  "(b) \"data\" means information in any form and\xe2\x80\x94\n"
		  "(i) includes programs;\n"
		  "(ii) includes records\n"
		  "held in storage.\n"
		  "(2) A reference to a computer includes a network.\n"
		  "\n"
		  "PART II \xe2\x80\x94 OFFENCES\n"
		  "\n"
		  "3. Unauthorised access\n"
		  "(1) A person who accesses a computer without authority commits an offence.\n"
		  "\n"
		  "(2) A person convicted is liable to a fine.\n"
		  "4. (1) A person who intercepts data commits an offence.\n"
		  "(2) Subsection (1) does not apply to a service provider.\n"
		  "5. Penalties.\xe2\x80\x94(1) Fines under this Act are in shillings.\n");
	/* the short title the act gives itself, not its cover line in capitals */
	assert_string_equal(d->title, "Computer Misuse Act, 2020");
	assert_string_equal(d->root->first->kind, "preamble");
	assert_int_equal(d->nwarnings, 1);
	assert_non_null(strstr(d->warnings[0], "line 3: text before the first provision"));
	n = find(d, "part", "I");
	assert_string_equal(n->heading, "PRELIMINARY");
	assert_string_equal(n->eid, "part_I");
	assert_int_equal(count(d, "section", NULL), 5);
	n = find(d, "section", "1");
	assert_string_equal(n->heading, "Short title");
	assert_string_equal(n->eid, "sec_1");
	assert_string_equal(n->parent->eid, "part_I");
	assert_string_equal(n->text, "This Act may be cited as the Computer Misuse Act, 2020.");
	/* (1) > (a) > (i) */
	n = by_eid(d, "sec_2__subsec_1__para_b__subpara_ii");
	assert_non_null(n);
	assert_string_equal(n->kind, "subparagraph");
	assert_string_equal(n->text, "includes records held in storage.");
	assert_string_equal(n->parent->kind, "paragraph");
	assert_string_equal(n->parent->parent->kind, "subsection");
	assert_non_null(by_eid(d, "sec_2__subsec_2"));
	assert_string_equal(find(d, "section", "3")->parent->eid, "part_II");
	assert_string_equal(by_eid(d, "sec_3__subsec_2")->text, "A person convicted is liable to a fine.");
	/* "4. (1) text" */
	n = find(d, "section", "4");
	assert_null(n->heading);
	assert_null(n->text);
	assert_string_equal(n->first->eid, "sec_4__subsec_1");
	assert_string_equal(n->first->text, "A person who intercepts data commits an offence.");
	/* "5. Penalties.—(1) text" */
	n = find(d, "section", "5");
	assert_string_equal(n->heading, "Penalties");
	assert_string_equal(n->first->eid, "sec_5__subsec_1");
	assert_clean(d);
	doc_free(d);
}

static void test_french(void **state)
{
	struct doc *d;
	struct doc_node *n;

	(void)state;
	d = parse("Loi n\xc2\xb0 2020-1 relative \xc3\xa0 la cybercriminalit\xc3\xa9\n\n"
		  "Le Parlement a adopt\xc3\xa9, le Pr\xc3\xa9sident promulgue la loi dont la "
		  "teneur suit :\n\n"
		  "Chapitre premier \xe2\x80\x93 Dispositions g\xc3\xa9n\xc3\xa9rales\n\n"
		  "Article premier\n"
		  "La pr\xc3\xa9sente loi s'applique aux infractions commises au moyen d'un "
		  "syst\xc3\xa8me informatique.\n\n"
		  "Article 2\n"
		  "D\xc3\xa9" "finitions\n"
		  "Au sens de la pr\xc3\xa9sente loi, on entend par :\n"
		  "1\xc2\xb0 syst\xc3\xa8me informatique : tout dispositif ;\n"
		  "2\xc2\xb0 donn\xc3\xa9" "es : toute repr\xc3\xa9sentation.\n\n"
		  "CHAPITRE II\n"
		  "INFRACTIONS\n"
		  "Art. 3. - Acc\xc3\xa8s frauduleux. Le fait d'acc\xc3\xa9" "der est puni.\n"
		  "Article 3 bis : Tentative\n"
		  "La tentative est punie.\n");
	assert_string_equal(d->title, "Loi n\xc2\xb0 2020-1 relative \xc3\xa0 la cybercriminalit\xc3\xa9");
	n = find(d, "article", "premier");
	assert_non_null(n);
	assert_string_equal(n->eid, "art_1");
	assert_null(n->heading);
	assert_string_equal(n->parent->eid, "chp_1");
	assert_string_equal(n->parent->heading, "Dispositions g\xc3\xa9n\xc3\xa9rales");
	n = find(d, "article", "2");
	assert_string_equal(n->heading, "D\xc3\xa9" "finitions");
	assert_string_equal(n->text, "Au sens de la pr\xc3\xa9sente loi, on entend par :");
	assert_string_equal(by_eid(d, "art_2__para_2")->text,
			    "donn\xc3\xa9" "es : toute repr\xc3\xa9sentation.");
	n = find(d, "chapter", "II");
	assert_string_equal(n->heading, "INFRACTIONS");
	n = find(d, "article", "3");
	assert_string_equal(n->heading, "Acc\xc3\xa8s frauduleux");
	assert_string_equal(n->text, "Le fait d'acc\xc3\xa9" "der est puni.");
	assert_string_equal(n->parent->eid, "chp_II");
	n = find(d, "article", "3 bis");
	assert_non_null(n);
	assert_string_equal(n->eid, "art_3bis");
	assert_string_equal(n->heading, "Tentative");
	assert_int_equal(count(d, "article", NULL), 4);
	/* the enacting formula before any provision is kept as preamble, with a warning */
	assert_string_equal(d->root->first->kind, "preamble");
	assert_int_equal(d->nwarnings, 1);
	doc_free(d);
}

static void test_spanish_and_sections(void **state)
{
	struct doc *d;
	struct doc_node *n;

	(void)state;
	d = parse("CAP\xc3\x8dTULO I\n"
		  "Disposiciones generales\n"
		  "Art\xc3\xad" "culo 1\xc2\xba.- Objeto. La presente ley tiene por objeto prevenir delitos.\n"
		  "T\xc3\x8dTULO II \xe2\x80\x93 Delitos\n"
		  "Art\xc3\xad" "culo 2.- Acceso il\xc3\xad" "cito\n"
		  "El que acceda sin autorizaci\xc3\xb3n ser\xc3\xa1 sancionado.\n");
	n = find(d, "article", "1\xc2\xba");
	assert_non_null(n);
	assert_string_equal(n->eid, "art_1");
	assert_string_equal(n->heading, "Objeto");
	assert_string_equal(n->text, "La presente ley tiene por objeto prevenir delitos.");
	assert_string_equal(n->parent->heading, "Disposiciones generales");
	/* a title after a chapter nests under it: first seen, first level */
	n = find(d, "article", "2");
	assert_string_equal(n->heading, "Acceso il\xc3\xad" "cito");
	assert_string_equal(n->parent->kind, "title");
	assert_string_equal(n->parent->parent->kind, "chapter");
	doc_free(d);

	/* "Section N" is a provision when the document has no articles */
	d = parse("Section 1 \xe2\x80\x93 Short title\n"
		  "This Act is the Cybercrime Act.\n"
		  "Section 2. Offences\n"
		  "(a) In general.\xe2\x80\x94Whoever accesses a computer shall be fined.\n"
		  "(b) Attempt.\xe2\x80\x94Whoever attempts shall be fined.\n"
		  "SEC. 3. APPLICATION.\n"
		  "This Act applies everywhere.\n");
	assert_int_equal(count(d, "section", NULL), 3);
	assert_string_equal(find(d, "section", "1")->heading, "Short title");
	assert_string_equal(find(d, "section", "1")->parent->kind, "body");
	n = by_eid(d, "sec_2__subsec_a");
	assert_non_null(n);
	assert_string_equal(n->heading, "In general");
	assert_string_equal(n->text, "Whoever accesses a computer shall be fined.");
	assert_string_equal(find(d, "section", "3")->heading, "APPLICATION");
	assert_int_equal(d->nwarnings, 0);
	doc_free(d);
}

static void test_markdown(void **state)
{
	struct doc *d;
	struct doc_node *n;

	(void)state;
	d = parse("# The *Cybercrime* Act\n"
		  "\n"
		  "## Part 1 \xe2\x80\x93 General\n"
		  "**Article 1 \xe2\x80\x93 Scope**\n"
		  "This Act applies to [computer systems](https://example.org/cs \"title\") and "
		  "**all** data, as in _the_ [Convention](../x.md) and ![logo](l.png) "
		  "snake_case and 2 * 3 * 4 and \\*stars\\*.\n"
		  "\n"
		  "Second   paragraph\xc2\xa0with\xe2\x80\xaf" "odd\tspaces.   \n"
		  "### Article 2 ###\n"
		  "#### Definitions\n"
		  "1. In this Act:\n"
		  "   a) *computer* means a device;\n"
		  "   b) __data__ means information.\n"
		  "2. Nothing else.\n");
	assert_string_equal(d->title, "The Cybercrime Act");
	n = find(d, "article", "1");
	assert_string_equal(n->heading, "Scope");
	assert_string_equal(n->eid, "art_1");
	assert_string_equal(n->parent->eid, "part_1");
	assert_string_equal(n->text,
			    "This Act applies to computer systems and all data, as in the Convention "
			    "and logo snake_case and 2 * 3 * 4 and *stars*.\n\n"
			    "Second paragraph with odd spaces.");
	n = find(d, "article", "2");
	assert_string_equal(n->heading, "Definitions");
	assert_string_equal(by_eid(d, "art_2__para_1__point_a")->text, "computer means a device;");
	assert_string_equal(by_eid(d, "art_2__para_1__point_b")->text, "data means information.");
	assert_string_equal(by_eid(d, "art_2__para_2")->text, "Nothing else.");
	assert_int_equal(d->nwarnings, 0);
	doc_free(d);
}

/* The nesting rules of subdivisions, in US Code style. */
static void test_us_nesting(void **state)
{
	struct doc *d;
	struct doc_node *n;

	(void)state;
	d = parse("\xc2\xa7 5. Offenses\n"
		  "(a)(1) Whoever accesses\n"
		  "(A) a computer; or\n"
		  "(i) a network; or\n"
		  "(ii) a server;\n"
		  "(I) first;\n"
		  "(II) second;\n"
		  "(iii) a phone;\n"
		  "(B) a device.\n"
		  "(2) Whoever else.\n"
		  "(9) out of sequence: text\n"
		  "(b) Second.\n"
		  "(c)\n"
		  "(d) Fourth, (c) being blank.\n"
		  "(f) Sixth, (e) repealed.\n"
		  "(g)\n(h) Eighth.\n"
		  "(1) under (h).\n"
		  "(A) under (1).\n"
		  "(i) a clause under (A), not subsection (i).\n"
		  "(ii) clause two.\n"
		  "(i) Ninth: a letter after (h).\n"
		  "(j) Tenth.\n"
		  "(1A) text (1A) without (1)\n"
		  "(1) One.\n"
		  "(1A) Inserted.\n"
		  "(2) Two.\n");
	n = find(d, "section", "5");
	assert_string_equal(n->eid, "sec_5");
	assert_string_equal(n->heading, "Offenses");
	assert_non_null(by_eid(d, "sec_5__subsec_a__para_1__subpara_A__cl_i"));
	n = by_eid(d, "sec_5__subsec_a__para_1__subpara_A__cl_ii__subclause_II");
	assert_non_null(n);
	assert_string_equal(n->text, "second;");
	assert_non_null(by_eid(d, "sec_5__subsec_a__para_1__subpara_A__cl_iii"));
	assert_non_null(by_eid(d, "sec_5__subsec_a__para_1__subpara_B"));
	n = by_eid(d, "sec_5__subsec_a__para_2");
	assert_string_equal(n->text, "Whoever else. (9) out of sequence: text");
	assert_non_null(by_eid(d, "sec_5__subsec_c"));
	assert_non_null(by_eid(d, "sec_5__subsec_f"));
	n = by_eid(d, "sec_5__subsec_h__para_1__subpara_A__cl_i");
	assert_non_null(n);
	assert_string_equal(n->kind, "clause");
	assert_string_equal(n->text, "a clause under (A), not subsection (i).");
	n = by_eid(d, "sec_5__subsec_i");
	assert_non_null(n);
	assert_string_equal(n->kind, "subsection");
	assert_string_equal(n->text, "Ninth: a letter after (h).");
	n = by_eid(d, "sec_5__subsec_j");
	assert_non_null(n);
	assert_string_equal(n->text, "Tenth. (1A) text (1A) without (1)");
	assert_non_null(by_eid(d, "sec_5__subsec_j__para_1A"));
	assert_non_null(by_eid(d, "sec_5__subsec_j__para_2"));
	assert_int_equal(count(d, "subsection", NULL), 9);
	assert_int_equal(d->nwarnings, 0);
	assert_unique_eids(d);
	doc_free(d);
}

static void test_running_heads_and_eids(void **state)
{
	struct doc *d;
	struct doc_node *n;

	(void)state;
	/* page heads repeated by a PDF: the same chapter and article again */
	d = parse("CHAPTER 1 \xe2\x80\x93 OFFENCES\n"
		  "Article 1 \xe2\x80\x93 Illegal access\n"
		  "(1) A person who\n"
		  "CHAPTER 1 \xe2\x80\x93 OFFENCES\n"
		  "Article 1 \xe2\x80\x93 Illegal access\n"
		  "(2) Another paragraph.\n"
		  "CHAPTER 1\n"
		  "OFFENCES\n"
		  "(3) Third.\n"
		  "CHAPTER 2 \xe2\x80\x93 PROCEDURE\n"
		  "Article 1 \xe2\x80\x93 Renumbered\n"
		  "Text.\n"
		  "Article 1 \xe2\x80\x93 Again\n"
		  "Article 1 \xe2\x80\x93 And again\n");
	assert_int_equal(count(d, "chapter", NULL), 2);
	n = find(d, "article", "1");
	assert_string_equal(n->eid, "art_1");
	assert_non_null(by_eid(d, "art_1__para_2"));
	n = by_eid(d, "art_1__para_3");
	assert_non_null(n);
	assert_string_equal(n->text, "Third.");
	/* numbering restarting in chapter 2: the chapter prefix, then suffixes + warnings */
	assert_string_equal(find_nth(d, "article", "1", 2)->eid, "chp_2__art_1");
	assert_string_equal(find_nth(d, "article", "1", 3)->eid, "chp_2__art_1_2");
	assert_string_equal(find_nth(d, "article", "1", 4)->eid, "chp_2__art_1_3");
	assert_int_equal(d->nwarnings, 6);
	assert_non_null(strstr(d->warnings[0],
			       "line 13: duplicate eId chp_2__art_1 renamed chp_2__art_1_2"));
	assert_non_null(strstr(d->warnings[1], "line 13: article 1 has the number of the one before"));
	/* a provision with a heading and no text */
	assert_non_null(strstr(d->warnings[4],
			       "line 13: article 1 \"Again\" has a heading and no text"));
	assert_unique_eids(d);
	doc_free(d);
}

static void test_nothing_recognisable(void **state)
{
	struct doc *d;

	(void)state;
	d = parse("lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\n"
		  "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi.\n"
		  "\n"
		  "(a) not a subdivision without a provision\n");
	assert_int_equal(doc_count(d), 1);
	assert_string_equal(d->root->first->kind, "preamble");
	assert_string_equal(d->root->first->eid, "preamble");
	assert_string_equal(d->root->first->text,
			    "lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod. "
			    "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi."
			    "\n\n(a) not a subdivision without a provision");
	assert_int_equal(d->nwarnings, 1);
	assert_non_null(strstr(d->warnings[0], "line 1: no part, chapter, article or section found"));
	assert_null(d->title);
	doc_free(d);
}

static void test_meta(void **state)
{
	static const struct text_meta meta = {
		.work_uri = "/akn/ke/act/2018/5", .country = "KE", .type = "act", .number = "5",
		.date = "2018-05-16", .title = "Computer Misuse and Cybercrimes Act",
		.language = "eng", .expr_date = "2018-05-30", .source = "https://example.org/a.pdf",
	};
	struct doc *d = NULL;
	struct err e = { 0 };
	const char *text = "# A heading that is not the title\n\n1. Short title\nText.\n";

	(void)state;
	assert_int_equal(text_parse(text, strlen(text), "a.md", &meta, &d, &e), ERR_OK);
	assert_string_equal(d->title, "Computer Misuse and Cybercrimes Act");
	assert_string_equal(d->work_uri, "/akn/ke/act/2018/5");
	assert_string_equal(d->country, "KE");
	assert_string_equal(d->type, "act");
	assert_string_equal(d->number, "5");
	assert_string_equal(d->date, "2018-05-16");
	assert_string_equal(d->language, "eng");
	assert_string_equal(d->expr_date, "2018-05-30");
	assert_string_equal(d->source, "https://example.org/a.pdf");
	assert_int_equal(d->kind, DOC_LEGISLATION);
	/* the heading is kept, as preamble */
	assert_string_equal(d->root->first->text, "A heading that is not the title");
	assert_int_equal(d->nwarnings, 1);
	doc_free(d);
	d = NULL;
	assert_int_equal(text_parse(text, strlen(text), "a.md", NULL, &d, &e), ERR_OK);
	assert_string_equal(d->title, "A heading that is not the title");
	assert_string_equal(d->source, "a.md");
	assert_null(d->country);
	assert_int_equal(d->nwarnings, 0);
	doc_free(d);
}

static void test_crlf(void **state)
{
	const char *lf = "\xef\xbb\xbfPART 1 \xe2\x80\x93 General\n\n1. Scope\n(1) First\nline.\n\n"
			 "(2) Second.\n";
	const char *crlf = "\xef\xbb\xbfPART 1 \xe2\x80\x93 General\r\n\r\n1. Scope\r\n(1) First\r\n"
			   "line.\r\n\r\n(2) Second.\r\n";
	struct doc *a = parse(lf), *b = parse(crlf);
	struct doc_node *x, *y;

	(void)state;
	assert_int_equal(doc_count(a), 4);
	assert_int_equal(doc_count(a), doc_count(b));
	for (x = doc_next(a, a->root), y = doc_next(b, b->root); x && y;
	     x = doc_next(a, x), y = doc_next(b, y)) {
		assert_string_equal(x->eid, y->eid);
		assert_string_equal(x->kind, y->kind);
		assert_int_equal(x->line, y->line);
		if (x->text)
			assert_string_equal(x->text, y->text);
		else
			assert_null(y->text);
	}
	assert_string_equal(by_eid(b, "sec_1__subsec_1")->text, "First line.");
	assert_string_equal(find(b, "part", "1")->heading, "General");
	assert_clean(b);
	doc_free(a);
	doc_free(b);
}

static void test_errors(void **state)
{
	struct doc *d = NULL;
	struct err e = { 0 };
	char path[] = "/tmp/ccrepo-text-XXXXXX";
	int fd;

	(void)state;
	/* invalid UTF-8 names the origin and the line */
	assert_int_equal(text_parse("Article 1\nok\nbad \xff byte\n", 24, "law.txt", NULL, &d, &e),
			 ERR_INVALID);
	assert_null(d);
	assert_non_null(strstr(e.msg, "law.txt:3"));
	assert_non_null(strstr(e.msg, "UTF-8"));
	err_clear(&e);
	assert_int_equal(text_parse("Article 1\n\xed\xa0\x80\n", 14, "s.txt", NULL, &d, &e),
			 ERR_INVALID);	/* a surrogate */
	assert_non_null(strstr(e.msg, "s.txt:2"));
	err_clear(&e);
	assert_int_equal(text_parse("a\nb\0c\n", 6, "nul.txt", NULL, &d, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "nul.txt:2: NUL"));
	/* no text */
	err_clear(&e);
	assert_int_equal(text_parse("", 0, "empty.txt", NULL, &d, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "no text"));
	err_clear(&e);
	assert_int_equal(text_parse(" \r\n\t\n\xc2\xa0\n\n", 9, "blank.txt", NULL, &d, &e),
			 ERR_INVALID);
	assert_string_equal(e.msg, "blank.txt: no text");
	assert_null(d);
	/* files */
	err_clear(&e);
	assert_int_equal(text_load("/nonexistent/law.txt", NULL, &d, &e), ERR_IO);
	assert_non_null(strstr(e.msg, "/nonexistent/law.txt"));
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)TEXT_MAX_SIZE + 1), 0);
	close(fd);
	err_clear(&e);
	assert_int_equal(text_load(path, NULL, &d, &e), ERR_TOOLARGE);
	unlink(path);
	assert_null(d);
	/* over the limit in memory: refused before reading */
	{
		char *big = calloc(TEXT_MAX_SIZE + 1, 1);

		err_clear(&e);
		assert_int_equal(text_parse(big, TEXT_MAX_SIZE + 1, "big.txt", NULL, &d, &e),
				 ERR_TOOLARGE);
		free(big);
	}
	assert_null(d);
}

/* A generated statute of about 10 MB: parts, sections, subsections, paragraphs. */
static void test_speed(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct doc *d = NULL;
	struct err e = { 0 };
	size_t nodes, len;
	double t;
	char *text;
	int sec = 0;

	(void)state;
	sbuf_addf(&sb, "THE GENERATED ACT\n\n");
	for (int part = 1; sb.len < 10u << 20; part++) {
		sbuf_addf(&sb, "PART %d \xe2\x80\x94 PROVISIONS OF GROUP %d\n\n", part, part);
		for (int k = 0; k < 50; k++) {
			sec++;
			sbuf_addf(&sb, "%d. Heading of section %d\n", sec, sec);
			for (int s = 1; s <= 3; s++) {
				sbuf_addf(&sb, "(%d) A person who, without lawful excuse, accesses a "
					  "computer system or any part of it commits an offence "
					  "under this section and is liable\xe2\x80\x94\n", s);
				sbuf_addf(&sb, "(a) on conviction, to a fine not exceeding %d "
					  "shillings;\n(b) to imprisonment for a term not "
					  "exceeding %d years; or\n(c) to both.\n\n", s * 1000, s);
			}
		}
	}
	text = sbuf_detach(&sb, &len);
	t = now();
	assert_int_equal(text_parse(text, len, "generated.txt", NULL, &d, &e), ERR_OK);
	t = now() - t;
	nodes = doc_count(d);
	printf("test_text_import: generated statute: %.1f MB, %d sections, %zu nodes in %.3f s: "
	       "%.0f provisions/s, %.1f MB/s\n", (double)len / (1 << 20), sec, nodes, t,
	       (double)nodes / t, (double)len / (1 << 20) / t);
	assert_int_equal(count(d, "section", NULL), sec);
	assert_non_null(by_eid(d, "sec_1__subsec_3__para_c"));
	assert_int_equal(d->nwarnings, 0);
	doc_free(d);
	free(text);
}

/* A warning containing s, else NULL. */
static const char *warned(const struct doc *d, const char *s)
{
	for (size_t i = 0; i < d->nwarnings; i++)
		if (strstr(d->warnings[i], s))
			return d->warnings[i];
	return NULL;
}

/* An arrangement of sections before the act: skipped, even its SCHEDULES line; a
 * section the body gives no heading takes the list's. */
static void test_table_of_contents(void **state)
{
	struct doc *d;
	struct doc_node *n;

	(void)state;
	d = parse("THE EXAMPLE CYBER ACT, 2019\n"
		  "ARRANGEMENT OF SECTIONS\n"
		  "Section\n"
		  "PART I - PRELIMINARY\n"
		  "1. Short title.\n"
		  "2. Interpretation.\n"
		  "PART II - OFFENCES\n"
		  "3. Unauthorised access to a computer system\n"
		  "   or network.\n"
		  "4. Interference with data.\n"
		  "SCHEDULES\n"
		  "\n"
		  "An Act to provide for offences against computer systems.\n"
		  "ENACTED by the Parliament as follows:\n"
		  "PART I - PRELIMINARY\n"
		  "1. This Act may be cited as the Example Cyber Act.\n"
		  "2. In this Act \"computer\" means a device.\n"
		  "PART II - OFFENCES\n"
		  "3. (1) A person who accesses a computer without authority commits an offence.\n"
		  "(2) The penalty is a fine.\n"
		  "4. Interference with data\n"
		  "A person who deletes data commits an offence.\n"
		  "FIRST SCHEDULE\n"
		  "[Section 3]\n"
		  "FORMS\n"
		  "1. Form of a notice.\n");
	assert_int_equal(count(d, "section", NULL), 5);	/* 4 and the schedule's 1 */
	n = by_eid(d, "sec_3");
	assert_non_null(n);
	assert_string_equal(n->parent->eid, "part_II");
	assert_string_equal(n->heading, "Unauthorised access to a computer system or network");
	assert_non_null(by_eid(d, "sec_3__subsec_1"));
	assert_string_equal(by_eid(d, "sec_1")->heading, "Short title");
	assert_string_equal(by_eid(d, "sec_4")->heading, "Interference with data");
	assert_string_equal(by_eid(d, "sec_4")->text, "A person who deletes data commits an offence.");
	n = by_eid(d, "sched_1");
	assert_non_null(n);
	assert_null(n->next);	/* after the body */
	assert_string_equal(n->heading, "FORMS");
	assert_non_null(by_eid(d, "sched_1__sec_1"));
	assert_null(by_eid(d, "sched_2"));
	/* the long title stays as the preamble */
	assert_non_null(strstr(find(d, "preamble", NULL)->text, "An Act to provide"));
	assert_unique_eids(d);
	doc_free(d);

	/* without a title: a run of numbered headings that restart is a list */
	d = parse("1. Short title\n2. Offences\n3. Penalties\n\n"
		  "1. This Act is the Short Act.\n"
		  "2. A person who accesses a computer without authority commits an offence.\n"
		  "3. The penalty is a fine.\n");
	assert_int_equal(count(d, "section", NULL), 3);
	assert_string_equal(by_eid(d, "sec_2")->heading, "Offences");
	assert_string_equal(by_eid(d, "sec_2")->text,
			    "A person who accesses a computer without authority commits an offence.");
	doc_free(d);

	/* a titled list whose entries never come again is text, with a warning */
	d = parse("Contents\n1. Short title\n2. Offences\n3. Penalties\n");
	assert_non_null(warned(d, "line 1: a table of contents whose entries are not found again"));
	doc_free(d);
}

/* PDF text: running headers and footers at page breaks, page numbers, a sentence cut by
 * a page break, tabs, soft hyphens and U+2010. */
static void test_page_furniture(void **state)
{
	struct sbuf b;
	struct doc *d;
	struct err e = { 0 };
	struct doc_node *n;

	(void)state;
	sbuf_init(&b);
	static const char *const words[] = { "alpha", "bravo", "charlie", "delta", "echo",
					     "foxtrot" };

	sbuf_adds(&b, "Sample Misuse Act 2001\n\nAn Act about computers.\n");
	for (int page = 1; page <= 6; page++) {
		const char *w = words[page - 1];

		sbuf_addf(&b, "%sSample Misuse Act 2001\t2020 Ed.\t%d\n\n", page > 1 ? "\f" : "",
			  page);
		sbuf_addf(&b, "%d. A person who does the %s act commits an offence and\n"
			  "is liable to a fine. The %s offence is punishable whether\n"
			  "the act was done here or elsewhere, by any %s means.\n\n"
			  "The court may order the forfeiture of any %s device used\n"
			  "in the commission of the offence, and of any %s proceeds,\n"
			  "and may make any order for the payment of %s compensation\n",
			  page, w, w, w, w, w, w);
		sbuf_addf(&b, "Informal Consolidation \xe2\x80\x93 version in force from 1/1/2025\n"
			  "%d\n", page);
		sbuf_addf(&b, "\fSample Misuse Act 2001\t2020 Ed.\t%d\n\n", page + 100);
		sbuf_addf(&b, "where the %s victim has lost money, with co-\xc2\xad\xe2\x80\x90"
			  "operation.\n\nThe %s order is subject to appeal to the High\n"
			  "Court within %s days of the order, and the appeal\n"
			  "court may confirm, vary or set aside the %s order.\n\n", w, w, w, w);
		sbuf_adds(&b, "Informal Consolidation \xe2\x80\x93 version in force from 1/1/2025\n");
	}
	assert_int_equal(text_parse(b.buf, b.len, "t.txt", NULL, &d, &e), ERR_OK);
	assert_int_equal(count(d, "section", NULL), 6);
	n = by_eid(d, "sec_4");
	assert_non_null(n);
	assert_non_null(strstr(n->text, "payment of delta compensation where the delta victim has "
					"lost money, with co-operation.\n\nThe delta order"));
	assert_non_null(warned(d, "\"Sample Misuse Act 2001 2020 Ed. 1\" repeated 12 times at "
				  "page breaks: dropped as a running header or footer"));
	assert_non_null(warned(d, "\"Informal Consolidation"));
	for (n = doc_next(d, d->root); n; n = doc_next(d, n))
		assert_true(!n->text || !strstr(n->text, "Informal"));
	doc_free(d);
	sbuf_release(&b);

	/* without form feeds: a short line with a number repeated through the text */
	sbuf_init(&b);
	for (int k = 1; k <= 6; k++)
		sbuf_addf(&b, "%d. Offence %d\nA person who does thing %d commits an offence.\n"
			    "No. 13 Sample Act, 2015 A %d\n", k, k, k, 100 + k);
	assert_int_equal(text_parse(b.buf, b.len, "t.txt", NULL, &d, &e), ERR_OK);
	assert_string_equal(by_eid(d, "sec_6")->text, "A person who does thing 6 commits an offence.");
	assert_non_null(warned(d, "\"No. 13 Sample Act, 2015 A 101\" repeated 6 times"));
	doc_free(d);
	sbuf_release(&b);
}

/* Headings printed before the section number (marginal notes), wrapped headings,
 * "2.—(1)" and "8A.". */
static void test_headings_around_numbers(void **state)
{
	struct doc *d;
	struct doc_node *n;

	(void)state;
	d = parse("PART 1\n"
		  "PRELIMINARY\n"
		  "Short title\n"
		  "1. This Act is the Sample Act 2001.\n"
		  "[3/2013]\n"
		  "\n"
		  "Interpretation\n"
		  "2.\xe2\x80\x94(1) In this Act \xe2\x80\x94\n"
		  "(a) \"computer\" means a device;\n"
		  "(2) A reference includes a network.\n"
		  "PART 2 - PROTECTION OF CRITICAL NATIONAL\n"
		  "INFORMATION INFRASTRUCTURE\n"
		  "Disclosure of password, access code, etc., in relation to national\n"
		  "digital identity service\n"
		  "8A.\xe2\x80\x94(1) Any user who discloses a password commits an offence.\n"
		  "Jurisdiction of Courts\n"
		  "15. A District Court has jurisdiction to hear\n"
		  "and determine all offences under this Act.\n"
		  "2015.\n");
	n = by_eid(d, "sec_1");
	assert_string_equal(n->heading, "Short title");
	assert_string_equal(n->text, "This Act is the Sample Act 2001. [3/2013]");
	n = by_eid(d, "sec_2");
	assert_string_equal(n->heading, "Interpretation");
	assert_non_null(by_eid(d, "sec_2__subsec_1__para_a"));
	assert_non_null(by_eid(d, "sec_2__subsec_2"));
	assert_string_equal(by_eid(d, "part_1")->heading, "PRELIMINARY");
	assert_string_equal(by_eid(d, "part_2")->heading,
			    "PROTECTION OF CRITICAL NATIONAL INFORMATION INFRASTRUCTURE");
	n = by_eid(d, "sec_8A");
	assert_non_null(n);
	assert_string_equal(n->heading, "Disclosure of password, access code, etc., in relation "
					"to national digital identity service");
	n = by_eid(d, "sec_15");
	assert_string_equal(n->heading, "Jurisdiction of Courts");
	/* the year is text, not section 2015 */
	assert_string_equal(n->text, "A District Court has jurisdiction to hear and determine all "
				     "offences under this Act. 2015.");
	/* 2 then 8A: a gap */
	assert_non_null(warned(d, "line 17: section 15 after section 8A: 6 missing"));
	doc_free(d);
}

/* The work's date: a printed date of assent or commencement, front matter, a year. */
static void test_dates(void **state)
{
	static const struct {
		const char *text, *date;
	} cases[] = {
		{ "AN ACT\n[15th May, 2015]\n1. Short title\nText.\n", "2015-05-15" },
		{ "AN ACT\nDate of Commencement: 1st August 1993\n1. Short title\nText.\n",
		  "1993-08-01" },
		{ "AN ACT\n[30 August 1993]\nPART 1\n1. Text.\n", "1993-08-30" },
		{ "AN ACT\nCommencement: May 15, 2015\n1. Text.\n", "2015-05-15" },
		{ "LOI\n[1er ao\xc3\xbbt 1993]\nArticle 1\nTexte.\n", "1993-08-01" },
		{ "---\ntitle: \"Code\"\npublication_date: \"1990-09-01\"\n---\n# Code\n"
		  "## Article 1\nTexte.\n", "1990-09-01" },
		{ "AN ACT\n[Section 4]\n1. Text.\n", NULL },
		{ "AN ACT\n{ Commencement.\n}\n1. Text.\n", NULL },
	};
	struct text_meta meta = { .date = "2015" };
	struct err e = { 0 };
	struct doc *d;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		d = parse(cases[i].text);
		if (cases[i].date)
			assert_string_equal(d->date, cases[i].date);
		else
			assert_null(d->date);
		doc_free(d);
	}
	d = parse(cases[5].text);
	assert_string_equal(d->title, "Code");
	assert_null(find(d, "preamble", NULL));
	doc_free(d);
	/* a year for the date: that year's first day; the caller's date wins */
	assert_int_equal(text_parse(cases[0].text, strlen(cases[0].text), "t.txt", &meta, &d, &e),
			 ERR_OK);
	assert_string_equal(d->date, "2015-01-01");
	doc_free(d);
}

/* Numbers out of order, a gap, a repeat; empty sections. */
static void test_order_warnings(void **state)
{
	struct doc *d;

	(void)state;
	d = parse("Section 1 Short title\nText.\nSection 2 Offences\nText.\n"
		  "Section 5 Penalties\nText.\nSection 4 Misplaced\nText.\n"
		  "Section 6 Empty\nSection 7 Last\nText.\n");
	assert_non_null(warned(d, "line 5: section 5 after section 2: 2 missing"));
	assert_non_null(warned(d, "line 7: section 4 after section 5: out of order"));
	assert_non_null(warned(d, "line 9: section 6 \"Empty\" has a heading and no text"));
	doc_free(d);
}

/* The title a statute gives itself wins over its cover's first line when it ends with
 * its year; without a year, the cover line stays. */
static void test_short_title(void **state)
{
	struct doc *d;

	(void)state;
	d = parse("THE LAWS OF EXAMPLELAND\n\n1. Short title\nThis Act may be cited as the "
		  "Computer Crimes (Amendment) Act, 2019, and shall come into force on a day "
		  "the Minister appoints.\n2. Offence\nA person commits an offence.\n");
	assert_string_equal(d->title, "Computer Crimes (Amendment) Act, 2019");
	doc_free(d);
	d = parse("Republic Gazette\n\n1. Interpretation\nIn this Act, words mean things.\n"
		  "2. Offence\nA person commits an offence.\n"
		  "3. Short title\nThis Act is the Data Misuse Act 2001.\n");
	assert_string_equal(d->title, "Data Misuse Act 2001");
	doc_free(d);
	d = parse("THE DATA ACT\n\n1. Citation\nThis Bill may be cited as the Data Bill.\n");
	assert_string_equal(d->title, "THE DATA ACT");
	doc_free(d);
}

/* Definitions, each with its own (a), (b) list: the second list starts over at the
 * level of the first (the same class never nests under itself). */
static void test_definition_lists(void **state)
{
	struct doc *d;
	struct doc_node *a2;

	(void)state;
	d = parse("1. Short title\nThis Act is the Test Act.\n"
		  "2. Interpretation\n(1) In this Act —\n\"computer\" means —\n"
		  "(a) an electronic device; or\n(b) a group of them;\n"
		  "\"data\" means —\n(a) facts; or\n(b) instructions;\n"
		  "(2) A reference to a computer includes its parts.\n"
		  "3. Offence\nA person who accesses a computer commits an offence.\n");
	a2 = find_nth(d, "paragraph", "(a)", 2);
	assert_non_null(a2);
	assert_string_equal(a2->eid, "sec_2__subsec_1__para_a_2");
	assert_string_equal(a2->parent->eid, "sec_2__subsec_1");
	assert_string_equal(find(d, "subsection", "(2)")->parent->eid, "sec_2");
	assert_non_null(find(d, "section", "3"));
	doc_free(d);
}

/* A French code in Markdown: every level nests, whatever the heading levels say. */
static void test_french_code(void **state)
{
	struct doc *d;
	struct doc_node *n;

	(void)state;
	d = parse("# Code p\xc3\xa9nal\n"
		  "## Partie l\xc3\xa9gislative\n"
		  "### Livre Ier : Dispositions g\xc3\xa9n\xc3\xa9rales\n"
		  "#### Titre Ier : De la loi p\xc3\xa9nale\n"
		  "#### Chapitre Ier : Des principes g\xc3\xa9n\xc3\xa9raux\n"
		  "##### Article 111-1\nTexte.\n"
		  "#### Section 1 : Des peines\n"
		  "#### Sous-section 1 : Des peines criminelles\n"
		  "#### Paragraphe 1 : Du travail\n"
		  "##### Article 131-1\nTexte.\n"
		  "#### Sous-section 2 : Des peines correctionnelles\n"
		  "##### Article 131-3\nTexte.\n"
		  "#### Titre II : De la responsabilit\xc3\xa9\n"
		  "#### Chapitre Ier : Dispositions g\xc3\xa9n\xc3\xa9rales\n"
		  "##### Article 121-1\nTexte.\n"
		  "##### Article 224-1 A\nTexte.\n"
		  "## Partie r\xc3\xa9glementaire\n"
		  "### Livre Ier : Dispositions g\xc3\xa9n\xc3\xa9rales\n"
		  "##### Article R131-1\nTexte.\n");
	n = by_eid(d, "art_131-1");
	assert_non_null(n);
	assert_string_equal(n->parent->eid, "part_1__book_I__title_I__chp_I__sec_1__subsec_1__para_1");
	assert_string_equal(by_eid(d, "art_131-3")->parent->eid,
			    "part_1__book_I__title_I__chp_I__sec_1__subsec_2");
	/* Titre II closes the chapter, section and subsection of Titre Ier */
	assert_string_equal(by_eid(d, "art_121-1")->parent->eid, "part_1__book_I__title_II__chp_I");
	assert_string_equal(by_eid(d, "part_1__book_I__title_I")->num, "Ier");
	assert_string_equal(by_eid(d, "part_1")->heading, "Partie l\xc3\xa9gislative");
	assert_non_null(by_eid(d, "art_224-1A"));
	assert_string_equal(by_eid(d, "art_R131-1")->parent->eid, "part_2__book_I");
	assert_null(warned(d, "duplicate"));
	doc_free(d);
}

/* Chinese law: 编, 章, 节 and 条 with Chinese numerals. */
static void test_chinese(void **state)
{
	struct doc *d;
	struct doc_node *n;

	(void)state;
	d = parse("# \xe5\x88\x91\xe6\xb3\x95\n"	/* 刑法 */
		  "## \xe7\xac\xac\xe4\xb8\x80\xe7\xbc\x96 \xe6\x80\xbb\xe5\x88\x99\n"	/* 第一编 总则 */
		  "### \xe7\xac\xac\xe4\xb8\x80\xe7\xab\xa0 \xe4\xbb\xbb\xe5\x8a\xa1\n"	/* 第一章 任务 */
		  "\xe7\xac\xac\xe4\xb8\x80\xe6\x9d\xa1 \xe4\xb8\xba\xe4\xba\x86\xe3\x80\x82\n"	/* 第一条 为了。 */
		  "\xe7\xac\xac\xe5\x8d\x81\xe6\x9d\xa1 \xe5\x87\xa1\xe3\x80\x82\n"	/* 第十条 凡。 */
		  "\xe7\xac\xac\xe4\xba\x8c\xe7\xbc\x96 \xe5\x88\x86\xe5\x88\x99\n"	/* 第二编 分则 */
		  "### \xe7\xac\xac\xe4\xb8\x80\xe7\xab\xa0 \xe7\xbd\xaa\n"	/* 第一章 罪 */
		  "#### \xe7\xac\xac\xe4\xb8\x80\xe8\x8a\x82 \xe7\xbd\xaa\n"	/* 第一节 罪 */
		  /* 第二百八十六条之一 */
		  "\xe7\xac\xac\xe4\xba\x8c\xe7\x99\xbe\xe5\x85\xab\xe5\x8d\x81\xe5\x85\xad\xe6\x9d\xa1"
		  "\xe4\xb9\x8b\xe4\xb8\x80 \xe7\xbd\x91\xe7\xbb\x9c\xe3\x80\x82\n"
		  "\xe7\xac\xac\xe4\xb8\x80\xe7\x99\xbe\xe9\x9b\xb6\xe4\xba\x94\xe6\x9d\xa1 x\n");	/* 第一百零五条 */
	n = by_eid(d, "art_286-1");
	assert_non_null(n);
	assert_string_equal(n->num, "\xe7\xac\xac\xe4\xba\x8c\xe7\x99\xbe\xe5\x85\xab\xe5\x8d\x81"
				    "\xe5\x85\xad\xe6\x9d\xa1\xe4\xb9\x8b\xe4\xb8\x80");
	assert_string_equal(n->text, "\xe7\xbd\x91\xe7\xbb\x9c\xe3\x80\x82");
	assert_null(n->heading);
	assert_string_equal(n->parent->eid, "book_2__chp_1__sec_1");
	assert_string_equal(by_eid(d, "art_10")->parent->eid, "book_1__chp_1");
	assert_non_null(by_eid(d, "art_105"));
	assert_string_equal(by_eid(d, "book_1")->heading, "\xe6\x80\xbb\xe5\x88\x99");
	assert_null(find(d, "preamble", NULL));
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_budapest),
		cmocka_unit_test(test_protocol),
		cmocka_unit_test(test_usc_1030),
		cmocka_unit_test(test_usc_2701),
		cmocka_unit_test(test_commonwealth),
		cmocka_unit_test(test_french),
		cmocka_unit_test(test_spanish_and_sections),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_us_nesting),
		cmocka_unit_test(test_running_heads_and_eids),
		cmocka_unit_test(test_nothing_recognisable),
		cmocka_unit_test(test_meta),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_table_of_contents),
		cmocka_unit_test(test_page_furniture),
		cmocka_unit_test(test_headings_around_numbers),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_order_warnings),
		cmocka_unit_test(test_french_code),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_definition_lists),
		cmocka_unit_test(test_short_title),
		cmocka_unit_test(test_speed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
