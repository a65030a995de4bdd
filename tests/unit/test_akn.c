/* Tests of import/akn: small Akoma Ntoso 3.0 and 2.0 documents written here (acts,
 * a judgment, made-up eIds), the documents it must refuse (not XML, another
 * namespace, entity declarations, too deep, too many provisions, empty, cut short),
 * and the real documents of the shared corpus ($CCREPO_SHARED/corpus, default
 * ../shared; skipped when absent). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/file.h"
#include "core/sbuf.h"
#include "import/akn.h"

#define NS3 "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#define NS2 "http://www.akomantoso.org/2.0"

static const char act30[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<akomaNtoso xmlns=\"" NS3 "\">\n"
	"<act name=\"act\">\n"
	"<meta>\n"
	"<identification source=\"#x\">\n"
	"<FRBRWork>\n"
	"<FRBRthis value=\"/akn/ke/act/2018/5/!main\"/>\n"
	"<FRBRuri value=\"/akn/ke/act/2018/5\"/>\n"
	"<FRBRdate date=\"2018-05-16\" name=\"Generation\"/>\n"
	"<FRBRauthor href=\"#parliament\"/>\n"
	"<FRBRcountry value=\"ke\"/>\n"
	"<FRBRnumber value=\"5\"/>\n"
	"</FRBRWork>\n"
	"<FRBRExpression>\n"
	"<FRBRthis value=\"/akn/ke/act/2018/5/eng@2018-05-30/!main\"/>\n"
	"<FRBRuri value=\"/akn/ke/act/2018/5/eng@2018-05-30\"/>\n"
	"<FRBRdate date=\"2018-06-01\" name=\"Generation\"/>\n"
	"<FRBRauthor href=\"#x\"/>\n"
	"<FRBRlanguage language=\"eng\"/>\n"
	"</FRBRExpression>\n"
	"</identification>\n"
	"</meta>\n"
	"<preface><p><shortTitle>Computer Misuse and Cybercrimes Act</shortTitle></p></preface>\n"
	"<preamble><p>ENACTED by the Parliament of Kenya</p><toc><tocItem>1. Short title"
	"</tocItem></toc></preamble>\n"
	"<body>\n"
	"<part eId=\"part_I\">\n"						/* 26 */
	"<num>PART I</num>\n"
	"<heading>PRELIMINARY</heading>\n"
	"<section eId=\"part_I__sec_1\">\n"					/* 29 */
	"<num>1.</num>\n"
	"<heading>Short <i>title</i></heading>\n"
	"<content><p>This Act may be cited as the <b>Computer Misuse</b> and\n"
	"   <i>Cybercrimes</i> Act, 2018.</p></content>\n"
	"</section>\n"
	"<section eId=\"part_I__sec_2\">\n"
	"<num>2.</num>\n"
	"<heading>Interpretation</heading>\n"
	"<subsection eId=\"part_I__sec_2__subsec_1\">\n"
	"<num> (1) </num>\n"
	"<intro><p>In this Act\xe2\x80\x94</p></intro>\n"
	"<paragraph eId=\"part_I__sec_2__subsec_1__para_a\"><num>(a)</num><content><p>"
	"<def refersTo=\"#computer\">\"computer\"</def> means   an\telectronic device;</p>"
	"</content></paragraph>\n"
	"<wrapUp><p>and <term refersTo=\"#r\">related</term> expressions<authorialNote "
	"marker=\"1\"><p>NOTE TEXT</p></authorialNote> shall be construed accordingly.</p>"
	"</wrapUp>\n"
	"</subsection>\n"
	"<subsection eId=\"part_I__sec_2__subsec_2\"><num>(2)</num><content>"
	"<p>First paragraph with <ref href=\"/akn/ke/act/2011/1\">the Act</ref>.</p>"
	"<p>Second <remark status=\"editorial\">[amended]</remark> paragraph.</p>"
	"<table><tr><th>Term</th><th>Meaning</th></tr><tr><td>A</td><td>B</td></tr></table>"
	"</content></subsection>\n"
	"</section>\n"
	"<hcontainer eId=\"part_I__crossheading_1\" name=\"crossheading\"><heading>Offences"
	"</heading><section eId=\"part_I__sec_3\"><num>3.</num><heading>Unauthorised access"
	"</heading><content><p>A person who accesses a computer system commits an offence:"
	"</p><quotedStructure><section><num>9A</num><heading>Quoted</heading><content><p>"
	"quoted text</p></content></section></quotedStructure></content></section></hcontainer>\n"
	"</part>\n"
	"</body>\n"
	"<attachments><attachment eId=\"att_1\"><heading>Schedule</heading><subheading>Forms"
	"</subheading><doc name=\"schedule\"><meta><identification source=\"#x\"><FRBRWork>"
	"<FRBRuri value=\"/akn/ke/act/2018/5\"/><FRBRcountry value=\"ke\"/></FRBRWork>"
	"</identification></meta><mainBody><p>Form A.</p><paragraph eId=\"att_1__para_1\">"
	"<num>1.</num><content><p>Form B.</p></content></paragraph></mainBody></doc>"
	"</attachment></attachments>\n"
	"</act>\n"
	"</akomaNtoso>\n";

static const char act20[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<akomaNtoso xmlns=\"" NS2 "\">\n"
	"<act contains=\"singleVersion\">\n"
	"<meta><identification source=\"#x\">\n"
	"<FRBRWork><FRBRthis value=\"/tz/act/2015-04-01/14/main\"/>"
	"<FRBRuri value=\"/tz/act/2015-04-01/14\"/><FRBRdate date=\"2015-04-01\" "
	"name=\"Generation\"/><FRBRauthor href=\"#p\" as=\"#author\"/>"
	"<FRBRcountry value=\"tz\"/></FRBRWork>\n"
	"<FRBRExpression><FRBRthis value=\"/tz/act/2015-04-01/14/eng@2015-05-01/main\"/>"
	"<FRBRuri value=\"/tz/act/2015-04-01/14/eng@2015-05-01\"/><FRBRdate "
	"date=\"2015-06-01\" name=\"Generation\"/><FRBRauthor href=\"#x\" as=\"#editor\"/>"
	"</FRBRExpression>\n"
	"</identification></meta>\n"
	"<preface><p>No. 14 <docTitle id=\"t\">THE CYBERCRIMES ACT, 2015</docTitle></p></preface>\n"
	"<body>\n"
	"<part id=\"prt1\"><num>PART I</num><heading>PRELIMINARY</heading>\n"
	"<section id=\"sec1\"><num>1.</num><heading>Short title</heading><content><p>This "
	"Act may be cited as the Cybercrimes Act.</p></content></section>\n"
	"<section id=\"sec4\"><num>4.</num><heading>Illegal access</heading>\n"
	"<subsection id=\"sec4-sub1\"><num>(1)</num><content><p>A person shall not "
	"intentionally access a computer system.</p></content></subsection>\n"
	"</section></part>\n"
	"</body>\n"
	"</act>\n"
	"</akomaNtoso>\n";

static const char judgment30[] =
	"<akomaNtoso xmlns=\"" NS3 "/CSD13\"><judgment name=\"judgment\">\n"
	"<meta><identification source=\"#x\"><FRBRWork>"
	"<FRBRthis value=\"/akn/ng/judgment/ngsc/2019-03-01/12/!main\"/>"
	"<FRBRuri value=\"/akn/ng/judgment/ngsc/2019-03-01/12\"/>"
	"<FRBRdate date=\"2019-01-15\" name=\"hearing\"/><FRBRauthor href=\"#court\"/>"
	"<FRBRcountry value=\"ng\"/><FRBRnumber value=\"12\"/></FRBRWork>"
	"<FRBRExpression><FRBRuri value=\"/akn/ng/judgment/ngsc/2019-03-01/12/eng@\"/>"
	"<FRBRdate date=\"2019-03-02\" name=\"x\"/><FRBRauthor href=\"#x\"/>"
	"<FRBRlanguage language=\"eng\"/></FRBRExpression></identification>\n"
	"<analysis source=\"#x\"><judicial><result type=\"deny\"/></judicial></analysis>\n"
	"<references source=\"#x\"><TLCOrganization eId=\"court\" href=\"/o/ngsc\" "
	"showAs=\"Supreme Court of Nigeria (TLC)\"/></references></meta>\n"
	"<header><p><docProponent refersTo=\"#court\">Supreme Court of Nigeria</docProponent></p>\n"
	"<p><party as=\"#appellant\">State</party> v <party as=\"#respondent\">John Doe</party> "
	"and <party as=\"#respondent\">Jane Roe</party></p>\n"
	"<p><docTitle>State v Doe</docTitle> <neutralCitation>[2019] NGSC 12</neutralCitation> "
	"<docDate date=\"2019-03-01\">1 March 2019</docDate></p>\n"
	"<p class=\"summary\">Summary: Cybercrime \xe2\x80\x93 illegal access.</p></header>\n"
	"<judgmentBody>\n"
	"<introduction><p>The appellant appeals.</p></introduction>\n"
	"<background><paragraph eId=\"para_1\"><num>1.</num><content><p>The respondent "
	"accessed a computer without authorisation.</p></content></paragraph></background>\n"
	"<motivation><p>Section 6 applies.</p></motivation>\n"
	"<decision><p>The appeal is dismissed.</p></decision>\n"
	"</judgmentBody>\n"
	"<conclusions><p>Signed</p></conclusions>\n"
	"</judgment></akomaNtoso>\n";

/* A 3.0 <doc> whose provisions have no eIds, loose text and an eId used twice. */
static const char noeids[] =
	"<akomaNtoso xmlns=\"" NS3 "\"><doc name=\"guideline\">\n"
	"<meta><identification source=\"#x\"><FRBRWork><FRBRuri value=\"/akn/za/doc/2020/7\"/>"
	"<FRBRcountry value=\"za\"/></FRBRWork><FRBRExpression><FRBRlanguage language=\"eng\"/>"
	"</FRBRExpression></identification></meta>\n"
	"<mainBody>\n"
	"<p>Loose text.</p>\n"
	"<section><num>3</num><heading>H</heading>\n"
	"<subsection><num>(1)</num><content><p>x</p></content></subsection>\n"
	"<subsection><content><p>y</p></content></subsection>\n"
	"</section>\n"
	"<section eId=\"sec_9\"><content><p>first</p></content></section>\n"
	"<section eId=\"sec_9\"><content><p>second</p></content></section>\n"
	"</mainBody></doc></akomaNtoso>\n";

static int parse(const char *xml, const char *origin, struct doc **d, struct err *e)
{
	err_clear(e);
	*d = NULL;
	return akn_parse(xml, strlen(xml), origin, d, e);
}

static const struct doc_node *by_eid(const struct doc *d, const char *eid)
{
	for (const struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n))
		if (!strcmp(n->eid, eid))
			return n;
	return NULL;
}

static const struct doc_node *by_num(const struct doc *d, const char *kind, const char *num)
{
	for (const struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n))
		if (!strcmp(n->kind, kind) && n->num && !strcmp(n->num, num))
			return n;
	return NULL;
}

static size_t count_kind(const struct doc *d, const char *kind, int top_only)
{
	size_t k = 0;

	for (const struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n))
		if (!strcmp(n->kind, kind) && (!top_only || n->parent == d->root))
			k++;
	return k;
}

static int has_warning(const struct doc *d, const char *part)
{
	for (size_t i = 0; i < d->nwarnings; i++)
		if (strstr(d->warnings[i], part))
			return 1;
	return 0;
}

static void test_act30(void **state)
{
	const struct doc_node *n;
	struct doc *d;
	struct err e;

	(void)state;
	assert_int_equal(parse(act30, "act30.xml", &d, &e), ERR_OK);
	assert_int_equal(d->kind, DOC_LEGISLATION);
	assert_string_equal(d->work_uri, "/akn/ke/act/2018/5");
	assert_string_equal(d->country, "KE");
	assert_string_equal(d->type, "act");
	assert_string_equal(d->number, "5");
	assert_string_equal(d->date, "2018-05-16");
	assert_string_equal(d->language, "eng");
	assert_string_equal(d->expr_date, "2018-05-30");	/* the URI's, not FRBRdate */
	assert_string_equal(d->title, "Computer Misuse and Cybercrimes Act");
	assert_string_equal(d->source, "act30.xml");
	assert_null(d->court);
	assert_int_equal(d->nwarnings, 0);
	/* preamble (toc left out), part, schedule at the top */
	n = d->root->first;
	assert_string_equal(n->kind, "preamble");
	assert_string_equal(n->eid, "preamble");
	assert_string_equal(n->text, "ENACTED by the Parliament of Kenya");
	n = n->next;
	assert_string_equal(n->kind, "part");
	assert_string_equal(n->eid, "part_I");
	assert_string_equal(n->num, "PART I");
	assert_string_equal(n->heading, "PRELIMINARY");
	assert_null(n->text);
	assert_int_equal(n->line, 26);
	n = by_eid(d, "part_I__sec_1");
	assert_non_null(n);
	assert_string_equal(n->parent->eid, "part_I");
	assert_string_equal(n->num, "1.");
	assert_string_equal(n->heading, "Short title");
	assert_string_equal(n->text, "This Act may be cited as the Computer Misuse and "
			    "Cybercrimes Act, 2018.");
	assert_int_equal(n->line, 29);
	/* intro and wrap-up are the subsection's text; the paragraph is a child */
	n = by_eid(d, "part_I__sec_2__subsec_1");
	assert_string_equal(n->num, "(1)");
	assert_null(n->heading);
	assert_string_equal(n->text, "In this Act\xe2\x80\x94\n\nand related expressions shall "
			    "be construed accordingly.");
	assert_string_equal(n->first->eid, "part_I__sec_2__subsec_1__para_a");
	assert_string_equal(n->first->kind, "paragraph");
	assert_string_equal(n->first->text, "\"computer\" means an electronic device;");
	assert_ptr_equal(n->first, n->last);
	n = by_eid(d, "part_I__sec_2__subsec_2");
	assert_string_equal(n->text, "First paragraph with the Act.\n\nSecond [amended] "
			    "paragraph.\n\nTerm | Meaning\n\nA | B");
	/* an hcontainer is of the kind its name says; quoted provisions are text */
	n = by_eid(d, "part_I__crossheading_1");
	assert_string_equal(n->kind, "crossheading");
	assert_string_equal(n->heading, "Offences");
	n = by_eid(d, "part_I__sec_3");
	assert_string_equal(n->parent->eid, "part_I__crossheading_1");
	assert_string_equal(n->text, "A person who accesses a computer system commits an "
			    "offence:\n\n9A\n\nQuoted\n\nquoted text");
	assert_null(n->first);
	/* the schedule */
	n = d->root->last;
	assert_string_equal(n->kind, "schedule");
	assert_string_equal(n->eid, "att_1");
	assert_string_equal(n->num, "Schedule");
	assert_string_equal(n->heading, "Forms");
	assert_string_equal(n->text, "Form A.");
	assert_string_equal(n->first->eid, "att_1__para_1");
	assert_string_equal(n->first->text, "Form B.");
	assert_int_equal(doc_count(d), 11);
	assert_int_equal(count_kind(d, "section", 0), 3);
	doc_free(d);
}

static void test_act20(void **state)
{
	const struct doc_node *n;
	struct doc *d;
	struct err e;

	(void)state;
	assert_int_equal(parse(act20, "act20.xml", &d, &e), ERR_OK);
	assert_string_equal(d->work_uri, "/akn/tz/act/2015-04-01/14");
	assert_string_equal(d->country, "TZ");
	assert_string_equal(d->number, "14");	/* from the URI */
	assert_string_equal(d->date, "2015-04-01");
	assert_string_equal(d->language, "eng");	/* from the URI: no FRBRlanguage */
	assert_string_equal(d->expr_date, "2015-05-01");
	assert_string_equal(d->title, "THE CYBERCRIMES ACT, 2015");
	assert_int_equal(doc_count(d), 4);
	assert_int_equal(d->nwarnings, 0);
	n = by_eid(d, "prt1");
	assert_non_null(n);
	assert_string_equal(n->first->eid, "sec1");
	assert_string_equal(n->first->heading, "Short title");
	n = by_eid(d, "sec4-sub1");
	assert_non_null(n);
	assert_string_equal(n->parent->eid, "sec4");
	assert_string_equal(n->text, "A person shall not intentionally access a computer system.");
	doc_free(d);
}

static void test_generated_eids(void **state)
{
	const struct doc_node *n;
	struct doc *d;
	struct err e;

	(void)state;
	assert_int_equal(parse(noeids, "noeids.xml", &d, &e), ERR_OK);
	assert_string_equal(d->type, "doc");
	assert_string_equal(d->work_uri, "/akn/za/doc/2020/7");
	assert_string_equal(d->number, "7");
	/* no title anywhere: the work URI stands in */
	assert_string_equal(d->title, "/akn/za/doc/2020/7");
	n = d->root->first;
	assert_string_equal(n->kind, "hcontainer");
	assert_string_equal(n->eid, "hcontainer_1");
	assert_string_equal(n->text, "Loose text.");
	assert_int_equal(n->line, 4);
	n = n->next;
	assert_string_equal(n->eid, "sec_3");
	assert_string_equal(n->heading, "H");
	assert_string_equal(n->first->eid, "sec_3__subsec_1");
	assert_string_equal(n->last->eid, "sec_3__subsec_2");	/* the ordinal */
	assert_string_equal(n->last->text, "y");
	n = n->next;
	assert_string_equal(n->eid, "sec_9");
	assert_string_equal(n->text, "first");
	n = n->next;
	assert_string_equal(n->eid, "sec_9_2");
	assert_string_equal(n->text, "second");
	assert_true(has_warning(d, "line 4: text outside any provision"));
	assert_true(has_warning(d, "line 5: <section> has no eId or id: \"sec_3\" generated"));
	assert_true(has_warning(d, "\"sec_3__subsec_2\" generated"));
	assert_true(has_warning(d, "eId \"sec_9\" appears again"));
	assert_int_equal(d->nwarnings, 5);
	doc_free(d);
}

static void test_judgment(void **state)
{
	const struct doc_node *n;
	struct doc *d;
	struct err e;

	(void)state;
	assert_int_equal(parse(judgment30, "j.xml", &d, &e), ERR_OK);
	assert_int_equal(d->kind, DOC_JUDGMENT);
	assert_string_equal(d->type, "judgment");
	assert_string_equal(d->work_uri, "/akn/ng/judgment/ngsc/2019-03-01/12");
	assert_string_equal(d->country, "NG");
	assert_string_equal(d->date, "2019-03-01");	/* the header's, not the hearing */
	assert_string_equal(d->expr_date, "2019-03-02");
	assert_string_equal(d->court, "Supreme Court of Nigeria");
	assert_string_equal(d->citation, "[2019] NGSC 12");
	assert_string_equal(d->parties, "State v John Doe, Jane Roe");
	assert_string_equal(d->title, "State v Doe");
	assert_string_equal(d->summary, "Cybercrime \xe2\x80\x93 illegal access.");
	assert_string_equal(d->outcome, "deny");
	assert_int_equal(d->nwarnings, 0);
	n = d->root->first;
	assert_string_equal(n->kind, "introduction");
	assert_string_equal(n->eid, "introduction");
	assert_string_equal(n->text, "The appellant appeals.");
	n = n->next;
	assert_string_equal(n->kind, "background");
	assert_null(n->text);
	assert_string_equal(n->first->eid, "para_1");
	assert_string_equal(n->first->num, "1.");
	n = n->next;
	assert_string_equal(n->kind, "motivation");
	n = n->next;
	assert_string_equal(n->kind, "decision");
	assert_string_equal(n->text, "The appeal is dismissed.");
	assert_null(n->next);	/* conclusions are left out */
	doc_free(d);
}

/* Each refused document: the code, and a message that starts with the origin and
 * holds part. */
static void refused(const char *xml, size_t len, int code, const char *part)
{
	struct doc *d = NULL;
	struct err e;

	err_clear(&e);
	assert_int_equal(akn_parse(xml, len, "bad.xml", &d, &e), code);
	assert_null(d);
	assert_int_equal(e.code, code);
	if (strncmp(e.msg, "bad.xml:", 8) || !strstr(e.msg, part))
		fail_msg("message \"%s\" lacks \"%s\"", e.msg, part);
}

static void refused_s(const char *xml, int code, const char *part)
{
	refused(xml, strlen(xml), code, part);
}

static void test_not_xml(void **state)
{
	(void)state;
	refused_s("<akomaNtoso xmlns=\"" NS3 "\">\n<act>\n</akomaNtoso>\n", ERR_INVALID,
		  "bad.xml:3: Opening and ending tag mismatch");
	refused_s("just some text", ERR_INVALID, "bad.xml:1: ");
	refused_s("{\"json\": true}", ERR_INVALID, "bad.xml:1: ");
	refused("<a>\0</a>", 8, ERR_INVALID, "bad.xml:1: ");
}

static void test_wrong_namespace(void **state)
{
	(void)state;
	refused_s("<akomaNtoso xmlns=\"http://example.org/akn\"><act/></akomaNtoso>",
		  ERR_INVALID, "not an Akoma Ntoso document");
	refused_s("<akomaNtoso><act/></akomaNtoso>", ERR_INVALID,
		  "not an Akoma Ntoso document");
	refused_s("<akomaNtoso xmlns=\"" NS3 "x\"><act/></akomaNtoso>", ERR_INVALID,
		  "not an Akoma Ntoso document");
	refused_s("<html xmlns=\"" NS3 "\"><act/></html>", ERR_INVALID,
		  "not an Akoma Ntoso document");
	refused_s("<akomaNtoso xmlns=\"" NS3 "\"><debate/></akomaNtoso>", ERR_INVALID,
		  "<debate> documents are not taken");
	refused_s("<akomaNtoso xmlns=\"" NS3 "\"></akomaNtoso>", ERR_INVALID,
		  "holds no document");
	refused_s("<akomaNtoso xmlns=\"" NS3 "\"><act><body/></act></akomaNtoso>", ERR_INVALID,
		  "has no <meta><identification><FRBRWork>");
	refused_s("<akomaNtoso xmlns=\"" NS3 "\"><act><meta><identification><FRBRWork>"
		  "<FRBRuri value=\"/akn/ke/act/2018/5\"/></FRBRWork></identification></meta>"
		  "</act></akomaNtoso>", ERR_INVALID, "<act> has no <body>");
	refused_s("<akomaNtoso xmlns=\"" NS3 "\"><act><meta><identification><FRBRWork>"
		  "<FRBRcountry value=\"kenya\"/></FRBRWork></identification></meta><body/>"
		  "</act></akomaNtoso>", ERR_INVALID, "not a two-letter country code");
}

static void test_entities_refused(void **state)
{
	static const char laughs[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE akomaNtoso [\n"
		" <!ENTITY lol \"lol\">\n"
		" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		" <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		"]>\n"
		"<akomaNtoso xmlns=\"" NS3 "\"><act a=\"&lol3;\">&lol3;</act></akomaNtoso>\n";
	static const char xxe[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
		"<akomaNtoso xmlns=\"" NS3 "\"><act><meta><identification><FRBRWork>"
		"<FRBRuri value=\"/akn/ke/act/2018/5\"/></FRBRWork></identification></meta>"
		"<body><section eId=\"s\"><content><p>&xxe;</p></content></section></body>"
		"</act></akomaNtoso>\n";
	static const char param[] =
		"<!DOCTYPE akomaNtoso [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n"
		"<akomaNtoso xmlns=\"" NS3 "\"/>\n";
	static const char unparsed[] =
		"<!DOCTYPE akomaNtoso [<!NOTATION n SYSTEM \"x\">"
		"<!ENTITY u SYSTEM \"file:///etc/passwd\" NDATA n>]>\n"
		"<akomaNtoso xmlns=\"" NS3 "\"/>\n";

	(void)state;
	refused_s(laughs, ERR_INVALID, "bad.xml:3: the DTD declares entity \"lol\"");
	refused_s(xxe, ERR_INVALID, "bad.xml:2: the DTD declares entity \"xxe\"");
	refused_s(param, ERR_INVALID, "declares entity \"p\"");
	refused_s(unparsed, ERR_INVALID, "declares entity \"u\"");
}

/* An external DTD is not read: an entity it declares stays empty. */
static void test_external_dtd_not_loaded(void **state)
{
	char dir[] = "/tmp/test_akn_XXXXXX", dtd[64];
	struct sbuf sb = SBUF_INIT;
	struct doc *d = NULL;
	struct err e;
	FILE *f;
	int rc;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(dtd, sizeof(dtd), "%s/x.dtd", dir);
	f = fopen(dtd, "w");
	assert_non_null(f);
	fputs("<!ENTITY leak \"LEAKED\">\n", f);
	fclose(f);
	sbuf_addf(&sb, "<!DOCTYPE akomaNtoso SYSTEM \"file://%s\">\n"
		  "<akomaNtoso xmlns=\"" NS3 "\"><act><meta><identification><FRBRWork>"
		  "<FRBRuri value=\"/akn/ke/act/2018/5\"/></FRBRWork></identification></meta>"
		  "<body><section eId=\"s\"><content><p>a &leak; b</p></content></section>"
		  "</body></act></akomaNtoso>\n", dtd);
	rc = parse(sbuf_str(&sb), "ext.xml", &d, &e);
	if (rc == ERR_OK) {
		assert_string_equal(by_eid(d, "s")->text, "a b");
		doc_free(d);
	} else {
		assert_null(strstr(e.msg, "LEAKED"));
	}
	sbuf_release(&sb);
	unlink(dtd);
	rmdir(dir);
}

static void test_too_deep(void **state)
{
	struct sbuf sb = SBUF_INIT;

	(void)state;
	sbuf_adds(&sb, "<akomaNtoso xmlns=\"" NS3 "\"><act><meta><identification><FRBRWork>"
		  "<FRBRuri value=\"/akn/ke/act/2018/5\"/></FRBRWork></identification></meta>"
		  "<body>");
	for (int i = 0; i < 300; i++)
		sbuf_adds(&sb, "<section>");
	for (int i = 0; i < 300; i++)
		sbuf_adds(&sb, "</section>");
	sbuf_adds(&sb, "</body></act></akomaNtoso>");
	refused(sb.buf, sb.len, ERR_TOOLARGE, "bad.xml:1: ");
	sbuf_release(&sb);
}

static void test_too_many(void **state)
{
	struct sbuf sb = SBUF_INIT;

	(void)state;
	sbuf_adds(&sb, "<akomaNtoso xmlns=\"" NS3 "\"><act><meta><identification><FRBRWork>"
		  "<FRBRuri value=\"/akn/ke/act/2018/5\"/></FRBRWork></identification></meta>"
		  "<body>");
	for (int i = 0; i <= AKN_MAX_NODES; i++)
		sbuf_addf(&sb, "<point eId=\"p%d\"/>", i);
	sbuf_adds(&sb, "</body></act></akomaNtoso>");
	refused(sb.buf, sb.len, ERR_TOOLARGE, "more than 200000 provisions");
	/* the size limit is checked before anything is read */
	refused(sb.buf, (size_t)AKN_MAX_BYTES + 1, ERR_TOOLARGE, "over the limit");
	sbuf_release(&sb);
}

static void test_empty_and_truncated(void **state)
{
	size_t len = strlen(act30);

	(void)state;
	refused("", 0, ERR_INVALID, "empty document");
	refused_s(" \n\t\n", ERR_INVALID, "empty document");
	refused(act30, len / 2, ERR_INVALID, "bad.xml:");
	refused(act30, len - 3, ERR_INVALID, "bad.xml:");
	refused(act30, 20, ERR_INVALID, "bad.xml:1: ");
	/* every cut of the judgment is refused or parsed, never half-done */
	for (size_t n = 1; n < sizeof(judgment30) - 1; n += 7) {
		struct doc *d = NULL;
		struct err e;

		err_clear(&e);
		if (akn_parse(judgment30, n, "cut.xml", &d, &e) == ERR_OK)
			doc_free(d);
		else
			assert_int_equal(strncmp(e.msg, "cut.xml:", 8), 0);
	}
}

static void test_load(void **state)
{
	char path[] = "/tmp/test_akn_XXXXXX";
	struct doc *d = NULL;
	struct err e;
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(noeids, f);
	fclose(f);
	err_clear(&e);
	assert_int_equal(akn_load(path, &d, &e), ERR_OK);
	assert_string_equal(d->source, path);
	assert_int_equal(doc_count(d), 6);
	doc_free(d);
	unlink(path);
	err_clear(&e);
	assert_int_equal(akn_load(path, &d, &e), ERR_IO);
}

/* A minimal act whose FRBRWork holds work (the URI, the country). */
static int minimal(const char *work, struct doc **d, struct err *e)
{
	struct sbuf sb = SBUF_INIT;
	int rc;

	sbuf_addf(&sb, "<akomaNtoso xmlns=\"" NS3 "\"><act><meta><identification>"
		  "<FRBRWork>%s</FRBRWork></identification></meta><body><section eId=\"s\">"
		  "<content><p>t</p></content></section></body></act></akomaNtoso>", work);
	rc = parse(sbuf_str(&sb), "min.xml", d, e);
	sbuf_release(&sb);
	return rc;
}

static void test_countries_and_uris(void **state)
{
	static const struct {
		const char *work, *country, *uri;
	} cases[] = {
		{ "<FRBRuri value=\"/akn/ke/act/2018/5/\"/>", "KE", "/akn/ke/act/2018/5" },
		{ "<FRBRthis value=\"/akn/za/act/1996/constitution/!main\"/>", "ZA",
		  "/akn/za/act/1996/constitution" },
		{ "<FRBRuri value=\"/ke/act/1997-08-22/3\"/>", "KE", "/akn/ke/act/1997-08-22/3" },
		{ "<FRBRcountry value=\"uk\"/><FRBRdate date=\"1990-06-29\"/>"
		  "<FRBRnumber value=\"18\"/>", "GB", "/akn/gb/act/1990/18" },
		{ "<FRBRuri value=\"http://www.legislation.gov.uk/id/ukpga/1990/18\"/>"
		  "<FRBRcountry value=\"GB-UKM\"/><FRBRnumber value=\"18\"/>", "GB",
		  "/akn/gb/act/18" },
		{ "<FRBRuri value=\"/akn/gr/act/2016/4411\"/><FRBRcountry value=\"el\"/>",
		  "GR", "/akn/gr/act/2016/4411" },
	};
	struct doc *d;
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (minimal(cases[i].work, &d, &e) != ERR_OK)
			fail_msg("%s: %s", cases[i].work, e.msg);
		assert_string_equal(d->country, cases[i].country);
		assert_string_equal(d->work_uri, cases[i].uri);
		assert_string_equal(d->title, d->work_uri);
		doc_free(d);
	}
	assert_int_equal(minimal("<FRBRuri value=\"http://example.org/x\"/>", &d, &e),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "does not start with a country"));
	assert_int_equal(minimal("", &d, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "neither FRBRcountry nor an FRBRuri"));
}

/* Parses on several threads at once give the same docs. */
static void *parse_many(void *arg)
{
	(void)arg;
	for (int i = 0; i < 200; i++) {
		struct doc *d = NULL;
		struct err e;

		err_clear(&e);
		if (akn_parse(judgment30, strlen(judgment30), "j.xml", &d, &e) ||
		    strcmp(d->parties, "State v John Doe, Jane Roe") || doc_count(d) != 5)
			return (void *)1;
		doc_free(d);
		err_clear(&e);
		if (akn_parse(act30, strlen(act30) / 2, "cut.xml", &d, &e) != ERR_INVALID ||
		    strncmp(e.msg, "cut.xml:", 8))
			return (void *)1;
	}
	return NULL;
}

static void test_threads(void **state)
{
	pthread_t t[4];

	(void)state;
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, parse_many, NULL), 0);
	for (int i = 0; i < 4; i++) {
		void *r;

		assert_int_equal(pthread_join(t[i], &r), 0);
		assert_null(r);
	}
}

/* ---- the shared corpus ---- */

static char *corpus_path(const char *name)
{
	static char path[1024];
	const char *shared = getenv("CCREPO_SHARED");

	if (!shared || !*shared)
		shared = "../shared";
	snprintf(path, sizeof(path), "%s/corpus/%s", shared, name);
	if (access(path, R_OK) != 0) {
		printf("test_akn: skipped: %s absent\n", path);
		return NULL;
	}
	return path;
}

static struct doc *load_corpus(const char *name)
{
	const char *path = corpus_path(name);
	struct doc *d = NULL;
	struct err e;

	if (!path)
		return NULL;
	err_clear(&e);
	if (akn_load(path, &d, &e) != ERR_OK)
		fail_msg("%s: %s", name, e.msg);
	return d;
}

static void test_corpus_za_constitution(void **state)
{
	const char *name = "za/za-constitution-1996.akn.xml";
	const struct doc_node *n;
	struct doc *d;
	struct timespec t0, t1;
	char *text, *path;
	size_t len;
	double ms = 1e9;
	struct err e;

	(void)state;
	if (!(d = load_corpus(name)))
		skip();
	assert_string_equal(d->work_uri, "/akn/za/act/1996/constitution");
	assert_string_equal(d->country, "ZA");
	assert_string_equal(d->language, "eng");
	assert_string_equal(d->expr_date, "2021-09-15");
	assert_string_equal(d->date, "1996");
	assert_string_equal(d->number, "constitution");
	assert_int_equal(count_kind(d, "chapter", 1), 14);
	n = by_eid(d, "chp_2");
	assert_string_equal(n->heading, "Bill of Rights");
	n = by_eid(d, "chp_1__sec_1");
	assert_string_equal(n->num, "1.");
	assert_string_equal(n->heading, "Republic of South Africa");
	assert_string_equal(by_eid(d, "chp_2__sec_14")->heading, "Privacy");
	assert_string_equal(by_eid(d, "chp_2__sec_16")->heading, "Freedom of expression");
	assert_string_equal(by_eid(d, "chp_14__subpart_nn_2__sec_243")->heading,
			    "Short title and commencement");
	n = by_eid(d, "chp_2__sec_14");
	assert_non_null(n->first);
	assert_string_equal(n->first->kind, "item");
	assert_string_equal(n->first->num, "(a)");
	assert_string_equal(n->first->text, "their person or home searched;");
	assert_string_equal(d->root->first->kind, "preamble");
	assert_non_null(strstr(d->root->first->text, "We, the people of South Africa,\n\n"));
	assert_int_equal(count_kind(d, "schedule", 1), 7);
	assert_int_equal(count_kind(d, "section", 0), 286);
	assert_int_equal(doc_count(d), 2124);
	assert_int_equal(d->nwarnings, 0);
	printf("test_akn: %s: %zu nodes (%zu chapters, %zu sections, %zu subsections, "
	       "%zu items)\n", name, doc_count(d), count_kind(d, "chapter", 0),
	       count_kind(d, "section", 0), count_kind(d, "subsection", 0),
	       count_kind(d, "item", 0));
	doc_free(d);
	/* the parse alone, best of five */
	path = corpus_path(name);
	err_clear(&e);
	assert_int_equal(file_read(path, AKN_MAX_BYTES, &text, &len, &e), ERR_OK);
	for (int i = 0; i < 5; i++) {
		double t;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		assert_int_equal(akn_parse(text, len, name, &d, &e), ERR_OK);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		doc_free(d);
		t = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		if (t < ms)
			ms = t;
	}
	printf("test_akn: %s: %zu bytes parsed in %.1f ms\n", name, len, ms);
	free(text);
}

static void test_corpus_ke(void **state)
{
	const struct doc_node *n;
	struct doc *d;

	(void)state;
	if (!(d = load_corpus("ke/ke-act-1997-3-retirement-benefits.akn2.xml")))
		skip();
	assert_string_equal(d->country, "KE");
	assert_string_equal(d->work_uri, "/akn/ke/act/1997-08-22/3");
	assert_string_equal(d->number, "3");
	assert_string_equal(d->date, "1997-08-22");
	assert_non_null(strstr(d->title, "RETIREMENT"));
	assert_string_equal(d->language, "eng");
	assert_string_equal(d->expr_date, "2003-12-19");
	n = by_eid(d, "sec1");
	assert_string_equal(n->num, "1.");
	assert_string_equal(n->heading, "Short title and commencement.");
	assert_string_equal(n->parent->eid, "prtI");
	assert_string_equal(n->parent->num, "PART I");
	assert_int_equal(count_kind(d, "part", 1), 7);
	assert_int_equal(count_kind(d, "section", 0), 59);
	/* the footnote marks and the inserted text of section 2 */
	n = by_eid(d, "sec2");
	assert_non_null(strstr(n->text, "established by section 3; \"Board\""));
	assert_non_null(strstr(n->text, "\"pooled fund\" means a fund"));
	printf("test_akn: ke: %zu nodes, %zu sections, %zu subsections\n", doc_count(d),
	       count_kind(d, "section", 0), count_kind(d, "subsection", 0));
	doc_free(d);
}

static void test_corpus_uk(void **state)
{
	const struct doc_node *n;
	struct doc *d;

	(void)state;
	if (!(d = load_corpus("uk/ukpga-2014-27-dripa.akn.xml")))
		skip();
	assert_string_equal(d->country, "GB");
	assert_string_equal(d->work_uri, "/akn/gb/act/2014/27");
	assert_true(has_warning(d, "is not an Akoma Ntoso URI"));
	assert_string_equal(d->title, "Data Retention and Investigatory Powers Act 2014");
	assert_string_equal(d->date, "2014-07-17");
	n = by_eid(d, "sec_1");
	assert_string_equal(n->heading, "Powers for retention of relevant communications data "
			    "subject to safeguards");
	assert_string_equal(n->parent->kind, "crossheading");
	assert_int_equal(count_kind(d, "section", 0), 8);
	printf("test_akn: dripa: %zu nodes, %zu sections\n", doc_count(d),
	       count_kind(d, "section", 0));
	doc_free(d);

	if (!(d = load_corpus("uk/ukpga-1998-29-data-protection.akn.xml")))
		skip();
	assert_string_equal(d->country, "GB");
	assert_string_equal(d->work_uri, "/akn/gb/act/1998/29");
	assert_string_equal(d->title, "Data Protection Act 1998");
	assert_string_equal(d->expr_date, "2017-10-31");
	n = by_eid(d, "section-1");
	assert_string_equal(n->num, "1");
	assert_string_equal(n->heading, "Basic interpretative provisions.");
	assert_string_equal(by_eid(d, "section-5")->num, "5");
	assert_string_equal(by_eid(d, "section-55")->heading,
			    "Unlawful obtaining etc. of personal data.");
	/* the margin note of a schedule heading is left out */
	n = by_eid(d, "schedule-1");
	assert_string_equal(n->kind, "schedule");
	assert_string_equal(n->num, "SCHEDULE 1");
	assert_string_equal(n->heading, "The data protection principles");
	assert_int_equal(count_kind(d, "section", 0), 95);
	assert_int_equal(count_kind(d, "schedule", 0), 16);
	printf("test_akn: dpa 1998: %zu nodes, %zu sections, %zu schedules, %zu warnings\n",
	       doc_count(d), count_kind(d, "section", 0), count_kind(d, "schedule", 0),
	       d->nwarnings);
	doc_free(d);
}

static void test_corpus_za_judgment(void **state)
{
	struct doc *d;

	(void)state;
	if (!(d = load_corpus("za/zasca-2008-134-judgment.akn.xml")))
		skip();
	assert_int_equal(d->kind, DOC_JUDGMENT);
	assert_string_equal(d->country, "ZA");
	assert_non_null(strcasestr(d->court, "Supreme Court of Appeal"));
	assert_string_equal(d->date, "2008-11-26");
	assert_non_null(strcasestr(d->parties, "Fourway Haulage"));
	assert_string_equal(d->parties, "FOURWAY HAULAGE SA (PTY) LTD v SA NATIONAL ROADS "
			    "AGENCY LTD");
	assert_non_null(strstr(d->citation, "134"));
	assert_string_equal(d->title, "Fourway Haulage v SA National Roads Agency (653/07)");
	assert_non_null(d->summary);
	assert_int_equal(count_kind(d, "background", 1), 1);
	assert_int_equal(count_kind(d, "introduction", 1), 1);
	assert_int_equal(count_kind(d, "motivation", 1), 1);
	assert_int_equal(count_kind(d, "decision", 1), 1);
	assert_string_equal(by_eid(d, "decision__list_1__item_36")->text,
			    "For these reasons the appeal is dismissed with costs, including "
			    "the costs of two counsel.");
	assert_non_null(by_num(d, "item", "[4]"));
	printf("test_akn: zasca 2008/134: %zu nodes, %zu paragraphs (items)\n", doc_count(d),
	       count_kind(d, "item", 0));
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_act30),
		cmocka_unit_test(test_act20),
		cmocka_unit_test(test_generated_eids),
		cmocka_unit_test(test_judgment),
		cmocka_unit_test(test_not_xml),
		cmocka_unit_test(test_wrong_namespace),
		cmocka_unit_test(test_entities_refused),
		cmocka_unit_test(test_external_dtd_not_loaded),
		cmocka_unit_test(test_too_deep),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_empty_and_truncated),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_countries_and_uris),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_corpus_za_constitution),
		cmocka_unit_test(test_corpus_ke),
		cmocka_unit_test(test_corpus_uk),
		cmocka_unit_test(test_corpus_za_judgment),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
