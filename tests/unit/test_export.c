/* Tests of export/akn (Akoma Ntoso 3.0 out of a struct doc: well-formed, the right
 * elements and metadata, escaping and UTF-8 repair, read back by import/akn when it
 * is there) and export/csv (RFC 4180 quoting, CRLF, the formula-injection guard,
 * the provisions table), with a timing of a 100,000-node document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "core/sbuf.h"
#include "core/utf8.h"
#include "export/akn.h"
#include "export/csv.h"
#include "import/doc.h"

#if defined(__has_include)
#if __has_include("import/akn.h")
#include "import/akn.h"
#define HAVE_AKN_IMPORT 1
/* the header may come before its implementation: weak, so that the round trip is
 * skipped rather than the link failing while akn_parse is not there */
#pragma weak akn_parse
#endif
#endif

#define INTL "Côte d’Ivoire — 中文 — كينيا"
#define SPECIALS "Fines & costs < 5 > 2 \"quoted\" 'single'"

/* ---- helpers ---- */

static xmlDocPtr parse(const struct sbuf *sb)
{
	xmlDocPtr x = xmlReadMemory(sb->buf, (int)sb->len, "export.xml", NULL, XML_PARSE_NONET);

	if (!x)
		fprintf(stderr, "not well-formed:\n%s\n", sbuf_str(sb));
	assert_non_null(x);
	return x;
}

static xmlXPathObjectPtr xpath(xmlDocPtr x, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(x);
	xmlXPathObjectPtr r;

	assert_non_null(ctx);
	xmlXPathRegisterNs(ctx, BAD_CAST "akn", BAD_CAST AKN_NS);
	xmlXPathRegisterNs(ctx, BAD_CAST "cc", BAD_CAST AKN_NS_CCREPO);
	ctx->node = xmlDocGetRootElement(x);
	r = xmlXPathEval(BAD_CAST expr, ctx);
	xmlXPathFreeContext(ctx);
	assert_non_null(r);
	return r;
}

/* How many nodes expr selects. */
static int hits(xmlDocPtr x, const char *expr)
{
	xmlXPathObjectPtr r = xpath(x, expr);
	int n = r->nodesetval ? r->nodesetval->nodeNr : 0;

	xmlXPathFreeObject(r);
	return n;
}

/* The string value of expr ("string(...)" is added); compared with want. */
static void check_str(xmlDocPtr x, const char *expr, const char *want)
{
	char full[512];
	xmlXPathObjectPtr r;

	snprintf(full, sizeof(full), "string(%s)", expr);
	r = xpath(x, full);
	if (strcmp((const char *)r->stringval, want))
		fprintf(stderr, "%s: got \"%s\"\n", expr, (const char *)r->stringval);
	assert_string_equal((const char *)r->stringval, want);
	xmlXPathFreeObject(r);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Kenya's Computer Misuse and Cybercrimes Act, shortened: preamble, part > section >
 * subsection, a section with its own text and children, a schedule, an item. */
static struct doc *make_act(void)
{
	struct doc *d = doc_new();
	struct doc_node *part, *sec, *sch;

	d->kind = DOC_LEGISLATION;
	d->work_uri = "/akn/ke/act/2018/5";
	d->country = "KE";
	d->type = "act";
	d->number = "5";
	d->date = "2018-05-16";
	d->title = "Computer Misuse & Cybercrimes Act, 2018";
	d->long_title = "An Act of Parliament to provide for offences relating to computer "
			"systems & for connected purposes";
	d->language = "eng";
	d->expr_date = "2018-05-30";
	d->source = "https://example.org/ke/act/2018/5?a=1&b=2";
	doc_add(d, NULL, "preamble", "preamble", NULL, NULL, "AN ACT of Parliament\n\nto provide",
		1);
	part = doc_add(d, NULL, "part", "part_I", "I", "PRELIMINARY", NULL, 2);
	sec = doc_add(d, part, "section", "sec_1", "1.", "Short title", NULL, 3);
	doc_add(d, sec, "subsection", "sec_1__subsec_1", "(1)", NULL, SPECIALS, 4);
	doc_add(d, sec, "subsection", "sec_1__subsec_2", "(2)", NULL,
		"Applies in " INTL ".\n\nSecond paragraph.\nWith a line break.", 5);
	sec = doc_add(d, part, "section", "sec_2", "2.", "Interpretation",
		      "In this Act, unless the context otherwise requires—", 6);
	doc_add(d, sec, "paragraph", "sec_2__para_a", "(a)", NULL, "\"access\" means", 7);
	doc_add(d, sec, "paragraph", "sec_2__para_b", "(b)", NULL, NULL, 8);
	sch = doc_add(d, NULL, "schedule", "sched_1", NULL, "FIRST SCHEDULE", NULL, 9);
	doc_add(d, sch, "item", "sched_1__item_1", "1", NULL, "An item.", 10);
	return d;
}

static struct doc *make_judgment(void)
{
	struct doc *d = doc_new();
	struct doc_node *m;

	d->kind = DOC_JUDGMENT;
	d->work_uri = "/akn/za/judgment/zasca/2008/134";
	d->country = "ZA";
	d->type = "judgment";
	d->number = "134";
	d->date = "2008-11-26";
	d->title = "Fourway Haulage SA (Pty) Ltd v SA National Roads Agency Ltd";
	d->language = "eng";
	d->expr_date = "2008-11-26";
	d->court = "Supreme Court of Appeal";
	d->citation = "[2008] ZASCA 134";
	d->parties = "Fourway Haulage SA (Pty) Ltd v SA National Roads Agency Ltd";
	d->summary = "Delict — pure economic loss <wrongfulness>";
	d->outcome = "Appeal dismissed with costs";
	doc_add(d, NULL, "introduction", "introduction", NULL, NULL, "BRAND JA:", 1);
	doc_add(d, NULL, "background", "background", NULL, NULL, "The facts.\n\nMore facts.", 2);
	m = doc_add(d, NULL, "motivation", "motivation", NULL, NULL, NULL, 3);
	doc_add(d, m, "paragraph", "para_1", "[1]", NULL, "The appellant claims & more.", 4);
	doc_add(d, m, "paragraph", "para_2", "[2]", NULL, "It fails.", 5);
	doc_add(d, NULL, "order", "order", NULL, "Order", "The appeal is dismissed.", 6);
	doc_add(d, NULL, "decision", "decision", "", NULL, "Dismissed.", 7);
	return d;
}

/* ---- Akoma Ntoso ---- */

static void test_akn_act(void **state)
{
	struct doc *d = make_act();
	struct sbuf sb = SBUF_INIT;
	struct err e = { 0 };
	xmlDocPtr x;
	xmlNodePtr root;

	(void)state;
	assert_int_equal(akn_export(d, &sb, &e), ERR_OK);
	assert_true(utf8_valid(sb.buf, sb.len));
	x = parse(&sb);
	root = xmlDocGetRootElement(x);
	assert_string_equal((const char *)root->name, "akomaNtoso");
	assert_non_null(root->ns);
	assert_string_equal((const char *)root->ns->href, AKN_NS);

	/* metadata */
	check_str(x, "/akn:akomaNtoso/akn:act/@name", "act");
	check_str(x, "//akn:identification/@source", "#ccrepo");
	check_str(x, "//akn:FRBRWork/akn:FRBRthis/@value", "/akn/ke/act/2018/5/!main");
	check_str(x, "//akn:FRBRWork/akn:FRBRuri/@value", "/akn/ke/act/2018/5");
	check_str(x, "//akn:FRBRWork/akn:FRBRdate/@date", "2018-05-16");
	check_str(x, "//akn:FRBRWork/akn:FRBRcountry/@value", "ke");
	check_str(x, "//akn:FRBRWork/akn:FRBRnumber/@value", "5");
	assert_int_equal(hits(x, "//akn:FRBRWork/akn:FRBRauthor"), 1);
	assert_int_equal(hits(x, "//akn:FRBRWork/akn:FRBRsubtype"), 0);
	check_str(x, "//akn:FRBRExpression/akn:FRBRuri/@value",
		  "/akn/ke/act/2018/5/eng@2018-05-30");
	check_str(x, "//akn:FRBRExpression/akn:FRBRlanguage/@language", "eng");
	check_str(x, "//akn:FRBRExpression/akn:FRBRdate/@date", "2018-05-30");
	assert_int_equal(hits(x, "//akn:identification/akn:FRBRManifestation/akn:FRBRuri"), 1);
	check_str(x, "//akn:references/akn:TLCOrganization[@eId='ccrepo']/@href",
		  "/ontology/organization/ccrepo");
	check_str(x, "//akn:proprietary/cc:source", "https://example.org/ke/act/2018/5?a=1&b=2");
	check_str(x, "/akn:akomaNtoso/akn:act/akn:preface/akn:p/akn:docTitle",
		  "Computer Misuse & Cybercrimes Act, 2018");

	/* preamble before the body, with one <p> per paragraph */
	assert_int_equal(hits(x, "/akn:akomaNtoso/akn:act/akn:preamble[@eId='preamble']/akn:p"), 2);
	assert_int_equal(hits(x, "//akn:body//akn:preamble"), 0);
	assert_int_equal(hits(x, "/akn:akomaNtoso/akn:act/*[2][self::akn:preface]"), 1);
	assert_int_equal(hits(x, "/akn:akomaNtoso/akn:act/*[4][self::akn:body]"), 1);

	/* the body */
	assert_int_equal(hits(x, "//akn:section[@eId='sec_1']"), 1);
	assert_int_equal(hits(x, "//akn:body/akn:part[@eId='part_I']/akn:section"), 2);
	check_str(x, "//akn:part[@eId='part_I']/akn:num", "I");
	check_str(x, "//akn:part[@eId='part_I']/akn:heading", "PRELIMINARY");
	check_str(x, "//akn:section[@eId='sec_1']/akn:heading", "Short title");
	check_str(x, "//akn:section[@eId='sec_1']/akn:num", "1.");
	assert_int_equal(hits(x, "//akn:section[@eId='sec_1']/akn:content"), 0);
	assert_int_equal(hits(x, "//akn:section[@eId='sec_1']/akn:intro"), 0);
	check_str(x, "//akn:subsection[@eId='sec_1__subsec_1']/akn:num", "(1)");
	assert_int_equal(hits(x, "//akn:subsection[@eId='sec_1__subsec_1']/akn:heading"), 0);
	check_str(x, "//akn:subsection[@eId='sec_1__subsec_1']/akn:content/akn:p", SPECIALS);
	assert_int_equal(hits(x, "//akn:subsection[@eId='sec_1__subsec_2']/akn:content/akn:p"), 2);
	check_str(x, "//akn:subsection[@eId='sec_1__subsec_2']/akn:content/akn:p[1]",
		  "Applies in " INTL ".");
	check_str(x, "//akn:subsection[@eId='sec_1__subsec_2']/akn:content/akn:p[2]",
		  "Second paragraph.\nWith a line break.");
	/* a section with text and children: intro first, then the children */
	check_str(x, "//akn:section[@eId='sec_2']/akn:intro/akn:p",
		  "In this Act, unless the context otherwise requires—");
	assert_int_equal(hits(x, "//akn:section[@eId='sec_2']/*[3][self::akn:intro]"), 1);
	assert_int_equal(hits(x, "//akn:section[@eId='sec_2']/akn:paragraph"), 2);
	check_str(x, "//akn:paragraph[@eId='sec_2__para_a']/akn:content/akn:p", "\"access\" means");
	/* a leaf without text still has its content */
	assert_int_equal(hits(x, "//akn:paragraph[@eId='sec_2__para_b']/akn:content/akn:p"), 1);
	/* kinds that are not AKN hierarchical elements */
	check_str(x, "//akn:body/akn:hcontainer[@eId='sched_1']/@name", "schedule");
	check_str(x, "//akn:hcontainer[@eId='sched_1']/akn:heading", "FIRST SCHEDULE");
	check_str(x, "//akn:hcontainer[@eId='sched_1']/akn:hcontainer/@name", "item");
	assert_int_equal(hits(x, "//akn:item"), 0);
	assert_int_equal(hits(x, "//akn:body//*[@eId]"), 9);

	xmlFreeDoc(x);
	sbuf_release(&sb);
	doc_free(d);
}

static void test_akn_judgment(void **state)
{
	struct doc *d = make_judgment();
	struct sbuf sb = SBUF_INIT;
	struct err e = { 0 };
	xmlDocPtr x;

	(void)state;
	assert_int_equal(akn_export(d, &sb, &e), ERR_OK);
	x = parse(&sb);
	check_str(x, "/akn:akomaNtoso/akn:judgment/@name", "judgment");
	assert_int_equal(hits(x, "//akn:act"), 0);
	assert_int_equal(hits(x, "//akn:preface"), 0);
	check_str(x, "//akn:FRBRWork/akn:FRBRcountry/@value", "za");
	check_str(x, "//akn:FRBRWork/akn:FRBRname/@value", "[2008] ZASCA 134");
	check_str(x, "//akn:FRBRExpression/akn:FRBRuri/@value",
		  "/akn/za/judgment/zasca/2008/134/eng@2008-11-26");
	/* header in place of a preface */
	check_str(x, "/akn:akomaNtoso/akn:judgment/akn:header/akn:p/akn:docTitle", d->title);
	check_str(x, "//akn:header//akn:courtType", "Supreme Court of Appeal");
	check_str(x, "//akn:header//akn:neutralCitation", "[2008] ZASCA 134");
	check_str(x, "//akn:header//akn:docDate/@date", "2008-11-26");
	/* what AKN has no place for */
	check_str(x, "//akn:meta/akn:proprietary/cc:court", "Supreme Court of Appeal");
	check_str(x, "//akn:proprietary/cc:parties", d->parties);
	check_str(x, "//akn:header//akn:party[@refersTo='#parties']", d->parties);
	check_str(x, "//akn:references/akn:TLCPerson[@eId='parties']/@showAs", d->parties);
	check_str(x, "//akn:proprietary/cc:summary", d->summary);
	check_str(x, "//akn:header/akn:p[@class='summary']", d->summary);
	check_str(x, "//akn:proprietary/cc:outcome", "Appeal dismissed with costs");
	/* the blocks */
	assert_int_equal(hits(x, "//akn:body"), 0);
	check_str(x, "//akn:judgmentBody/akn:introduction[@eId='introduction']/akn:p", "BRAND JA:");
	assert_int_equal(hits(x, "//akn:judgmentBody/akn:background/akn:p"), 2);
	assert_int_equal(hits(x, "//akn:judgmentBody/akn:motivation/akn:p"), 0);
	assert_int_equal(hits(x, "//akn:judgmentBody/akn:motivation/akn:paragraph"), 2);
	check_str(x, "//akn:motivation/akn:paragraph[@eId='para_1']/akn:num", "[1]");
	check_str(x, "//akn:paragraph[@eId='para_1']/akn:content/akn:p",
		  "The appellant claims & more.");
	/* an unknown kind, and a block with a num (which blocks cannot hold) */
	check_str(x, "//akn:judgmentBody/akn:hcontainer[@eId='order']/@name", "order");
	check_str(x, "//akn:hcontainer[@eId='order']/akn:heading", "Order");
	check_str(x, "//akn:hcontainer[@eId='order']/akn:content/akn:p",
		  "The appeal is dismissed.");
	check_str(x, "//akn:judgmentBody/akn:hcontainer[@eId='decision']/@name", "decision");
	assert_int_equal(hits(x, "//akn:judgmentBody/*"), 5);
	xmlFreeDoc(x);
	sbuf_release(&sb);
	doc_free(d);
}

/* Invalid UTF-8, control characters and the characters XML does not allow. */
static void test_akn_escaping(void **state)
{
	struct doc *d = doc_new();
	struct sbuf sb = SBUF_INIT;
	struct err e = { 0 };
	xmlDocPtr x;

	(void)state;
	d->work_uri = "/akn/ci/act/2013/451";
	d->country = "CI";
	d->language = "fra";
	d->expr_date = "2013-06-19";
	d->title = "Loi <n°> 2013-451 & \"cybercriminalité\"";
	doc_add(d, NULL, "article", "art_1", "1", "<b>bold</b> & \"x\"",
		/* C0 controls, DEL, C1 (U+0085), CRLF, a tab */
		"a\x01" "b\x7f" "c\xc2\x85" "d\r\n\te\x1b", 1);
	doc_add(d, NULL, "article", "art_2", NULL, NULL,
		/* a stray byte, a cut sequence, U+FFFE, a surrogate, an overlong '/' */
		"x\xff" "y\xe4\xb8" "z\xef\xbf\xbe" "s\xed\xa0\x80" "o\xc0\xaf" "!\xe4", 2);
	doc_add(d, NULL, "article", "id with \"quote\"\tand tab", NULL, NULL, INTL, 3);

	assert_int_equal(akn_export(d, &sb, &e), ERR_OK);
	assert_true(utf8_valid(sb.buf, sb.len));
	assert_null(memchr(sb.buf, '\r', sb.len));
	assert_non_null(strstr(sb.buf, "<docTitle>Loi &lt;n°&gt; 2013-451 &amp; &quot;"));
	assert_non_null(strstr(sb.buf, "eId=\"id with &quot;quote&quot;&#9;and tab\""));
	x = parse(&sb);
	check_str(x, "//akn:docTitle", "Loi <n°> 2013-451 & \"cybercriminalité\"");
	check_str(x, "//akn:FRBRcountry/@value", "ci");
	check_str(x, "//akn:article[@eId='art_1']/akn:heading", "<b>bold</b> & \"x\"");
	check_str(x, "//akn:article[@eId='art_1']/akn:content/akn:p", "abcd\n\te");
	/* one U+FFFD per maximal ill-formed subpart (the cut 3-byte sequence is one) */
	check_str(x, "//akn:article[@eId='art_2']/akn:content/akn:p",
		  "x\xef\xbf\xbdy\xef\xbf\xbdz\xef\xbf\xbds\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
		  "o\xef\xbf\xbd\xef\xbf\xbd!\xef\xbf\xbd");
	assert_int_equal(hits(x, "//akn:article[@eId='id with \"quote\"\tand tab']"), 1);
	check_str(x, "//akn:article[3]/akn:content/akn:p", INTL);
	xmlFreeDoc(x);
	sbuf_release(&sb);
	doc_free(d);
}

static void test_akn_empty(void **state)
{
	struct doc *d = doc_new();
	struct sbuf sb = SBUF_INIT;
	struct err e = { 0 };
	xmlDocPtr x;

	(void)state;
	/* no work URI: nothing to identify it by */
	assert_int_equal(akn_export(d, &sb, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "work URI"));
	err_clear(&e);
	assert_int_equal(akn_export(NULL, &sb, &e), ERR_INVALID);
	err_clear(&e);

	/* only a work URI: optional metadata left out, an empty body */
	sbuf_reset(&sb);
	d->work_uri = "/akn/xx/act/2020/1";
	assert_int_equal(akn_export(d, &sb, &e), ERR_OK);
	x = parse(&sb);
	check_str(x, "/akn:akomaNtoso/akn:act/@name", "act");
	assert_int_equal(hits(x, "/akn:akomaNtoso/akn:act/akn:body"), 1);
	assert_int_equal(hits(x, "//akn:body/*"), 0);
	assert_int_equal(hits(x, "//akn:preface"), 0);
	assert_int_equal(hits(x, "//akn:proprietary"), 0);
	assert_int_equal(hits(x, "//akn:FRBRcountry | //akn:FRBRlanguage | //akn:FRBRdate"), 0);
	check_str(x, "//akn:FRBRExpression/akn:FRBRuri/@value", "/akn/xx/act/2020/1/und@");
	xmlFreeDoc(x);

	/* an empty judgment: header and judgmentBody still there */
	sbuf_reset(&sb);
	d->kind = DOC_JUDGMENT;
	assert_int_equal(akn_export(d, &sb, &e), ERR_OK);
	x = parse(&sb);
	check_str(x, "/akn:akomaNtoso/akn:judgment/@name", "judgment");
	assert_int_equal(hits(x, "/akn:akomaNtoso/akn:judgment/akn:header/akn:p"), 1);
	assert_int_equal(hits(x, "/akn:akomaNtoso/akn:judgment/akn:judgmentBody"), 1);
	xmlFreeDoc(x);

	/* a preamble that is not at the start stays in the body */
	sbuf_reset(&sb);
	d->kind = DOC_LEGISLATION;
	doc_add(d, NULL, "section", "sec_1", "1", NULL, "text", 1);
	doc_add(d, NULL, "preamble", "preamble", NULL, NULL, "late", 2);
	assert_int_equal(akn_export(d, &sb, &e), ERR_OK);
	x = parse(&sb);
	check_str(x, "//akn:body/akn:hcontainer[@eId='preamble']/@name", "preamble");
	assert_int_equal(hits(x, "//akn:preamble"), 0);
	xmlFreeDoc(x);
	sbuf_release(&sb);
	doc_free(d);
}

/* A chain 200 deep is written without recursion and closes every element. */
static void test_akn_deep(void **state)
{
	struct doc *d = doc_new();
	struct doc_node *n = NULL;
	struct sbuf sb = SBUF_INIT;
	struct err e = { 0 };
	char eid[32];
	xmlDocPtr x;

	(void)state;
	d->work_uri = "/akn/xx/act/2020/2";
	for (int i = 0; i < 200; i++) {
		snprintf(eid, sizeof(eid), "lvl_%d", i);
		n = doc_add(d, n, "level", eid, NULL, NULL, i == 199 ? "bottom" : NULL, i);
	}
	doc_add(d, NULL, "level", "after", NULL, NULL, "after", 300);
	assert_int_equal(akn_export(d, &sb, &e), ERR_OK);
	x = parse(&sb);
	assert_int_equal(hits(x, "//akn:level"), 201);
	check_str(x, "//akn:level[@eId='lvl_199']/akn:content/akn:p", "bottom");
	assert_int_equal(hits(x, "//akn:level[@eId='lvl_198']/akn:level"), 1);
	assert_int_equal(hits(x, "//akn:body/akn:level"), 2);
	xmlFreeDoc(x);
	sbuf_release(&sb);
	doc_free(d);
}

#ifdef HAVE_AKN_IMPORT
/* s as import/akn reads text back: each "\n\n" paragraph with its runs of
 * whitespace collapsed to one space and trimmed, empty paragraphs left out; NULL
 * for nothing. */
static char *norm(const char *s)
{
	struct sbuf sb = SBUF_INIT;
	int space = 0, brk = 0;

	for (; s && *s; s++) {
		if (s[0] == '\n' && s[1] == '\n') {
			brk = 1;
			s++;
		} else if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = 1;
		} else {
			if (sb.len && (brk || space))
				sbuf_adds(&sb, brk ? "\n\n" : " ");
			brk = space = 0;
			sbuf_addc(&sb, *s);
		}
	}
	return sb.len ? sbuf_detach(&sb, NULL) : NULL;
}

/* Whether a and b are equal as import/akn reads them back; prints the difference. */
static int same(const char *what, const char *eid, const char *a, const char *b)
{
	char *na = norm(a), *nb = norm(b);
	int eq = !strcmp(na ? na : "", nb ? nb : "");

	if (!eq)
		fprintf(stderr, "round trip: %s%s%s: \"%s\" became \"%s\"\n", eid ? eid : "",
			eid ? " " : "", what, a ? a : "(null)", b ? b : "(null)");
	free(na);
	free(nb);
	return eq;
}

/* Export d, import it again, count the differences. */
static int roundtrip(struct doc *d)
{
	struct sbuf sb = SBUF_INIT;
	struct err e = { 0 };
	struct doc *back = NULL;
	const struct doc_node *a, *b;
	int bad = 0;

	assert_int_equal(akn_export(d, &sb, &e), ERR_OK);
	if (akn_parse(sb.buf, sb.len, "export.xml", &back, &e) != ERR_OK)
		fprintf(stderr, "akn_parse: %s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	assert_non_null(back);
	for (size_t i = 0; i < back->nwarnings; i++)
		fprintf(stderr, "round trip: import warning: %s\n", back->warnings[i]);
	bad += back->kind != d->kind;
	bad += !same("work_uri", NULL, d->work_uri, back->work_uri);
	bad += !same("country", NULL, d->country, back->country);
	bad += !same("type", NULL, d->type, back->type);
	bad += !same("subtype", NULL, d->subtype, back->subtype);
	bad += !same("number", NULL, d->number, back->number);
	bad += !same("date", NULL, d->date, back->date);
	bad += !same("title", NULL, d->title, back->title);
	bad += !same("long_title", NULL, d->long_title, back->long_title);
	bad += !same("language", NULL, d->language, back->language);
	bad += !same("expr_date", NULL, d->expr_date, back->expr_date);
	if (d->kind == DOC_JUDGMENT) {
		bad += !same("court", NULL, d->court, back->court);
		bad += !same("citation", NULL, d->citation, back->citation);
		bad += !same("parties", NULL, d->parties, back->parties);
		bad += !same("summary", NULL, d->summary, back->summary);
		/* AKN has no free-text outcome; only <proprietary> carries it */
		if (!same("outcome (not counted)", NULL, d->outcome, back->outcome))
			fprintf(stderr, "round trip: the outcome is in <proprietary> only\n");
	}
	if (doc_count(back) != doc_count(d)) {
		fprintf(stderr, "round trip: %zu nodes became %zu\n", doc_count(d),
			doc_count(back));
		bad++;
	}
	for (a = doc_next(d, d->root), b = doc_next(back, back->root); a && b;
	     a = doc_next(d, a), b = doc_next(back, b)) {
		bad += !same("kind", a->eid, a->kind, b->kind);
		bad += !same("eid", a->eid, a->eid, b->eid);
		bad += !same("num", a->eid, a->num, b->num);
		bad += !same("heading", a->eid, a->heading, b->heading);
		bad += !same("text", a->eid, a->text, b->text);
		bad += !same("parent", a->eid, a->parent->eid, b->parent->eid);
	}
	doc_free(back);
	sbuf_release(&sb);
	return bad;
}

static void test_akn_roundtrip(void **state)
{
	struct doc *act, *judgment;
	int bad;

	(void)state;
	if (!akn_parse) {
		print_message("skipped: import/akn.h is there but akn_parse is not linked yet\n");
		skip();
		return;
	}
	act = make_act();
	judgment = make_judgment();
	bad = roundtrip(act) + roundtrip(judgment);
	doc_free(act);
	doc_free(judgment);
	assert_int_equal(bad, 0);
}
#else
static void test_akn_roundtrip(void **state)
{
	(void)state;
	print_message("skipped: import/akn.h (akn_parse) is not there yet\n");
	skip();
}
#endif

/* ---- CSV ---- */

static const char *field(struct sbuf *sb, const char *s, int raw)
{
	sbuf_reset(sb);
	if (raw)
		csv_field_raw(sb, s);
	else
		csv_field(sb, s);
	return sbuf_str(sb);
}

static void test_csv_quoting(void **state)
{
	struct sbuf sb = SBUF_INIT;

	(void)state;
	assert_string_equal(field(&sb, "plain", 0), "plain");
	assert_string_equal(field(&sb, NULL, 0), "");
	assert_string_equal(field(&sb, "", 0), "");
	assert_string_equal(field(&sb, "a,b", 0), "\"a,b\"");
	assert_string_equal(field(&sb, "say \"hi\"", 0), "\"say \"\"hi\"\"\"");
	assert_string_equal(field(&sb, "\"", 0), "\"\"\"\"");
	assert_string_equal(field(&sb, "line\nbreak", 0), "\"line\nbreak\"");
	assert_string_equal(field(&sb, "cr\rlf", 0), "\"cr\rlf\"");
	assert_string_equal(field(&sb, " lead", 0), "\" lead\"");
	assert_string_equal(field(&sb, "trail ", 0), "\"trail \"");
	assert_string_equal(field(&sb, "in side", 0), "in side");
	assert_string_equal(field(&sb, "semi;colon 'q'", 0), "semi;colon 'q'");
	assert_string_equal(field(&sb, INTL, 0), INTL);
	sbuf_release(&sb);
}

static void test_csv_injection(void **state)
{
	struct sbuf sb = SBUF_INIT;

	(void)state;
	assert_string_equal(field(&sb, "=HYPERLINK(\"http://x\")", 0),
			    "\"'=HYPERLINK(\"\"http://x\"\")\"");
	assert_string_equal(field(&sb, "=1+2", 0), "'=1+2");
	assert_string_equal(field(&sb, "+1", 0), "'+1");
	assert_string_equal(field(&sb, "-1", 0), "'-1");
	assert_string_equal(field(&sb, "@SUM(A1)", 0), "'@SUM(A1)");
	assert_string_equal(field(&sb, "\t=1", 0), "\"'\t=1\"");
	assert_string_equal(field(&sb, "\r=1", 0), "\"'\r=1\"");
	assert_string_equal(field(&sb, "=a,b", 0), "\"'=a,b\"");
	assert_string_equal(field(&sb, "a=1", 0), "a=1");
	/* raw: exact data, quoting only */
	assert_string_equal(field(&sb, "=1+2", 1), "=1+2");
	assert_string_equal(field(&sb, "-1", 1), "-1");
	assert_string_equal(field(&sb, "\t=1", 1), "\"\t=1\"");
	assert_string_equal(field(&sb, "=a,b", 1), "\"=a,b\"");
	sbuf_release(&sb);
}

static void test_csv_rows(void **state)
{
	struct sbuf sb = SBUF_INIT;
	const char *const row[] = { "a", NULL, "", "b,c", "=x" };
	const char *const one[] = { "only" };

	(void)state;
	csv_row(&sb, row, 5);
	csv_row_raw(&sb, row, 5);
	csv_row(&sb, one, 1);
	csv_row(&sb, NULL, 0);
	assert_string_equal(sbuf_str(&sb), "a,,,\"b,c\",'=x\r\n"
					   "a,,,\"b,c\",=x\r\n"
					   "only\r\n"
					   "\r\n");
	sbuf_release(&sb);
}

static void test_csv_provisions(void **state)
{
	struct doc *d = doc_new();
	struct doc_node *part, *sec;
	struct sbuf sb = SBUF_INIT;
	struct err e = { 0 };

	(void)state;
	d->work_uri = "/akn/ke/act/2018/5";
	d->language = "eng";
	d->expr_date = "2018-05-30";
	part = doc_add(d, NULL, "part", "part_I", "I", "PRELIMINARY", NULL, 1);
	sec = doc_add(d, part, "section", "sec_1", "1.", "Short title, commencement",
		      "This is the \"Computer Misuse\" Act.\n\nIt starts now.", 2);
	doc_add(d, sec, "subsection", "sec_1__subsec_1", "(1)", NULL, "- a person who", 3);
	doc_add(d, NULL, "section", "sec_2", "2", NULL, " Côte d’Ivoire ", 4);
	assert_int_equal(csv_doc_provisions(d, &sb, &e), ERR_OK);
	assert_string_equal(sbuf_str(&sb),
		"work_uri,expression,eid,kind,num,heading,text,parent_eid,depth\r\n"
		"/akn/ke/act/2018/5,eng@2018-05-30,part_I,part,I,PRELIMINARY,,,1\r\n"
		"/akn/ke/act/2018/5,eng@2018-05-30,sec_1,section,1.,\"Short title, commencement\","
		"\"This is the \"\"Computer Misuse\"\" Act.\n\nIt starts now.\",part_I,2\r\n"
		"/akn/ke/act/2018/5,eng@2018-05-30,sec_1__subsec_1,subsection,(1),,'- a person who,"
		"sec_1,3\r\n"
		"/akn/ke/act/2018/5,eng@2018-05-30,sec_2,section,2,,\" Côte d’Ivoire \",,1\r\n");

	/* an empty doc: the header alone; no doc: an error */
	doc_free(d);
	d = doc_new();
	sbuf_reset(&sb);
	assert_int_equal(csv_doc_provisions(d, &sb, &e), ERR_OK);
	assert_string_equal(sbuf_str(&sb),
			    "work_uri,expression,eid,kind,num,heading,text,parent_eid,depth\r\n");
	assert_int_equal(csv_doc_provisions(NULL, &sb, &e), ERR_INVALID);
	sbuf_release(&sb);
	doc_free(d);
}

/* ---- performance: 100,000 nodes (printed, loosely bounded) ---- */

/* A coverage matrix of one country and two articles as CSV: the header, one row per
 * cell, the evidence in one field, a note that starts like a formula guarded. */
static void test_csv_coverage(void **state)
{
	struct country ke = { .alpha2 = "KE" };
	struct article arts[2] = {
		{ .instrument = "coe-185", .number = 2, .title = "Illegal access",
		  .category = "criminalization" },
		{ .instrument = "un-cc", .number = 11, .title = "Misuse of devices",
		  .category = "criminalization" },
	};
	struct cov_evidence ev[2] = {
		{ .work_uri = "/akn/ke/act/2018/5", .eid = "sec_14", .num = "14",
		  .version_date = "2018-05-30", .version_language = "eng", .extent = "full" },
		{ .work_uri = "/akn/ke/act/2018/5", .eid = "sec_16", .version_date = "2018-05-30",
		  .version_language = "eng", .extent = "partial", .derived = 1,
		  .via_instrument = "un-cc", .via_article = 9 },
	};
	struct cov_assessment as = { .note = "=no offence, see 2019 review" };
	struct cov_cell cells[2] = {
		{ .status = COV_COVERED, .evidence = ev, .nevidence = 2 },
		{ .status = COV_NOT, .assessment = &as, .disputed = 1 },
	};
	struct cov_country_row row = { .country = &ke, .cells = cells };
	struct cov_matrix m = { .at = "2019-01-01", .articles = arts, .narticles = 2,
				.rows = &row, .nrows = 1 };
	struct sbuf out = SBUF_INIT;
	pool *p = pool_new();

	(void)state;
	csv_coverage(&out, p, &m);
	assert_string_equal(sbuf_str(&out),
		"country,instrument,article,title,category,status,derived,evidence,assessment,"
		"disputed\r\n"
		"KE,coe-185,2,Illegal access,criminalization,covered,0,\"/akn/ke/act/2018/5~sec_14 "
		"(14, eng@2018-05-30, full); /akn/ke/act/2018/5~sec_16 (eng@2018-05-30, partial, "
		"through un-cc/9)\",,0\r\n"
		"KE,un-cc,11,Misuse of devices,criminalization,not_covered,0,,"
		"\"'=no offence, see 2019 review\",1\r\n");
	sbuf_release(&out);
	pool_free(p);
}

static void test_export_perf(void **state)
{
	struct doc *d = doc_new();
	struct sbuf sb = SBUF_INIT;
	struct err e = { 0 };
	char eid[64], num[16];
	size_t nodes = 0;
	int nsub = 0;
	double t0, t_akn, t_parse, t_csv;
	xmlDocPtr x;

	(void)state;
	d->work_uri = "/akn/xx/act/2024/1";
	d->country = "XX";
	d->language = "eng";
	d->expr_date = "2024-01-01";
	d->title = "A generated act";
	for (int p = 1; nodes < 100000; p++) {
		struct doc_node *part;

		snprintf(eid, sizeof(eid), "part_%d", p);
		snprintf(num, sizeof(num), "%d", p);
		part = doc_add(d, NULL, "part", eid, num, "Offences & penalties", NULL, 0);
		nodes++;
		for (int s = 1; s <= 10 && nodes < 100000; s++) {
			struct doc_node *sec;

			snprintf(eid, sizeof(eid), "part_%d__sec_%d", p, s);
			snprintf(num, sizeof(num), "%d.", s);
			sec = doc_add(d, part, "section", eid, num, "Unauthorised access",
				      "A person who—", 0);
			nodes++;
			for (int k = 1; k <= 4 && nodes < 100000; k++) {
				snprintf(eid, sizeof(eid), "part_%d__sec_%d__subsec_%d", p, s, k);
				snprintf(num, sizeof(num), "(%d)", k);
				doc_add(d, sec, "subsection", eid, num, NULL,
					"knowingly accesses a computer system without "
					"authorisation, or in excess of it, commits an offence "
					"& is liable to a fine < 5,000,000 \"shillings\" — "
					"Côte d’Ivoire.\n\nSecond paragraph.", 0);
				nodes++;
				nsub++;
			}
		}
	}
	assert_int_equal(doc_count(d), 100000);

	t0 = now();
	assert_int_equal(akn_export(d, &sb, &e), ERR_OK);
	t_akn = now() - t0;
	t0 = now();
	x = xmlReadMemory(sb.buf, (int)sb.len, "big.xml", NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
	t_parse = now() - t0;
	assert_non_null(x);
	assert_int_equal(hits(x, "//akn:subsection"), nsub);
	xmlFreeDoc(x);
	print_message("akn: 100000 nodes in %.0f ms, %zu bytes (libxml2 parses it in %.0f ms)\n",
		      t_akn * 1e3, sb.len, t_parse * 1e3);
	assert_true(t_akn < 10.0);
#ifdef HAVE_AKN_IMPORT
	if (akn_parse) {
		struct doc *back = NULL;

		t0 = now();
		assert_int_equal(akn_parse(sb.buf, sb.len, "big.xml", &back, &e), ERR_OK);
		print_message("akn: read back by akn_parse in %.0f ms\n", (now() - t0) * 1e3);
		assert_int_equal(doc_count(back), 100000);
		doc_free(back);
	}
#endif

	sbuf_reset(&sb);
	t0 = now();
	assert_int_equal(csv_doc_provisions(d, &sb, &e), ERR_OK);
	t_csv = now() - t0;
	print_message("csv: 100000 nodes in %.0f ms, %zu bytes\n", t_csv * 1e3, sb.len);
	assert_true(t_csv < 10.0);
	sbuf_release(&sb);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_akn_act),
		cmocka_unit_test(test_akn_judgment),
		cmocka_unit_test(test_akn_escaping),
		cmocka_unit_test(test_akn_empty),
		cmocka_unit_test(test_akn_deep),
		cmocka_unit_test(test_akn_roundtrip),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_injection),
		cmocka_unit_test(test_csv_rows),
		cmocka_unit_test(test_csv_provisions),
		cmocka_unit_test(test_csv_coverage),
		cmocka_unit_test(test_export_perf),
	};
	int rc;

	xmlInitParser();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
