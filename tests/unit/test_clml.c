/* Tests of import/clml: small CLML documents written here (a public general act with
 * Parts, crossheadings, sections, an amendment quoting another act and a Schedule; a
 * statutory instrument of articles), what clml_sniff() takes, the documents it must
 * refuse (Akoma Ntoso, no identifier, no body, entities, not XML), and the real
 * documents of the shared corpus ($CCREPO_SHARED/corpus, default ../shared; skipped
 * when absent). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/file.h"
#include "import/clml.h"

#define NS "xmlns=\"" CLML_NS "\" xmlns:ukm=\"http://www.legislation.gov.uk/namespaces/metadata\" " \
	   "xmlns:dc=\"http://purl.org/dc/elements/1.1/\""

static const char act[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<Legislation " NS " IdURI=\"http://www.legislation.gov.uk/id/ukpga/2000/32\"\n"
	" DocumentURI=\"http://www.legislation.gov.uk/ukpga/2000/32/2020-01-01\"\n"
	" RestrictStartDate=\"2020-01-01\" RestrictEndDate=\"2021-06-30\"\n"
	" RestrictExtent=\"E+W+S+N.I.\">\n"
	"<ukm:Metadata><dc:title>Test Act 2000</dc:title><dc:language>en</dc:language>\n"
	"<ukm:PrimaryMetadata><ukm:Year Value=\"2000\"/><ukm:Number Value=\"32\"/>\n"
	"<ukm:EnactmentDate Date=\"2000-11-23\"/></ukm:PrimaryMetadata></ukm:Metadata>\n"
	"<Primary><PrimaryPrelims><Title>Test Act 2000</Title><Number>2000 c. 32</Number>\n"
	"<LongTitle>An Act to test things.</LongTitle><DateOfEnactment><DateText>[23rd "
	"November 2000]</DateText></DateOfEnactment></PrimaryPrelims>\n"
	"<Body>\n"
	"<Part IdURI=\"http://www.legislation.gov.uk/id/ukpga/2000/32/part/I\">"
	"<Number>Part I</Number><Title>Preliminary</Title>\n"
	"<P1group><Title>Name of the police</Title>\n"
	"<P1 IdURI=\"http://www.legislation.gov.uk/id/ukpga/2000/32/section/1\">"
	"<Pnumber>1</Pnumber><P1para>\n"
	"<P2><Pnumber>1</Pnumber><P2para><Text>The body shall continue<FootnoteRef Ref=\"f1\"/>"
	" in being.</Text></P2para></P2>\n"
	"<P2><Pnumber>2</Pnumber><P2para><Text>The Board shall secure that—</Text>\n"
	"<P3><Pnumber>a</Pnumber><P3para><Text>the police,</Text></P3para></P3>\n"
	"<P3><Pnumber>b</Pnumber><P3para><Text>the staff,</Text></P3para></P3>\n"
	"<Text>are efficient.</Text></P2para></P2>\n"
	"</P1para></P1></P1group>\n"
	"<Pblock><Title>Amendments</Title>\n"
	"<P1group><Title>Amendment of the 1998 Act</Title>\n"
	"<P1 IdURI=\"http://www.legislation.gov.uk/id/ukpga/2000/32/section/2\">"
	"<Pnumber>2</Pnumber><P1para><Text>After section 9 insert—</Text>\n"
	"<BlockAmendment><P1group><Title>Quoted</Title><P1><Pnumber>9A</Pnumber><P1para>"
	"<Text>Quoted text.</Text></P1para></P1></P1group></BlockAmendment>\n"
	"</P1para></P1>\n"
	"<P1 IdURI=\"http://www.legislation.gov.uk/id/ukpga/2000/32/section/3\">"
	"<Pnumber>3</Pnumber><P1para><Text>Three.</Text></P1para></P1>\n"
	"</P1group></Pblock>\n"
	"</Part>\n"
	"</Body>\n"
	"<Schedules><Title>SCHEDULES</Title>\n"
	"<Schedule><Number>SCHEDULE 1</Number><TitleBlock><Title>The Board</Title></TitleBlock>"
	"<Reference>Section 2.</Reference>\n"
	"<ScheduleBody><P1group><Title>Status</Title>"
	"<P1 IdURI=\"http://www.legislation.gov.uk/id/ukpga/2000/32/schedule/1/paragraph/1\">"
	"<Pnumber>1</Pnumber><P1para><P2><Pnumber>1</Pnumber><P2para><Text>Not a servant."
	"</Text></P2para></P2></P1para></P1></P1group>\n"
	"<Tabular><table xmlns=\"http://www.w3.org/1999/xhtml\"><tr><td>A</td><td>B</td></tr>"
	"</table></Tabular>\n"
	"</ScheduleBody></Schedule>\n"
	"</Schedules></Primary>\n"
	"<Footnotes><Footnote id=\"f1\"><FootnoteText><Para><Text>A footnote.</Text></Para>"
	"</FootnoteText></Footnote></Footnotes>\n"
	"</Legislation>\n";

static const char si[] =
	"<Legislation " NS " IdURI=\"http://www.legislation.gov.uk/id/uksi/2017/1325\"\n"
	" DocumentURI=\"http://www.legislation.gov.uk/uksi/2017/1325/made\">\n"
	"<ukm:Metadata><dc:title>The Test Order 2017</dc:title>\n"
	"<ukm:SecondaryMetadata><ukm:Year Value=\"2017\"/><ukm:Number Value=\"1325\"/>\n"
	"<ukm:Made Date=\"2017-12-21\"/></ukm:SecondaryMetadata></ukm:Metadata>\n"
	"<Secondary><SecondaryPrelims><Title>The Test Order 2017</Title></SecondaryPrelims>\n"
	"<Body><P1group><Title>Citation</Title>\n"
	"<P1 IdURI=\"http://www.legislation.gov.uk/id/uksi/2017/1325/article/1\"><Pnumber>1"
	"</Pnumber><P1para><P2><Pnumber>1</Pnumber><P2para><Text>This Order may be cited.</Text>"
	"</P2para></P2></P1para></P1></P1group>\n"
	"<SignedSection><Signatory><Signee><PersonName>A Minister</PersonName></Signee>"
	"</Signatory></SignedSection>\n"
	"</Body></Secondary></Legislation>\n";

static const struct doc_node *by_eid(const struct doc *d, const char *eid)
{
	for (const struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n))
		if (!strcmp(n->eid, eid))
			return n;
	return NULL;
}

static struct doc *parse_ok(const char *xml)
{
	struct doc *d = NULL;
	struct err e = { 0 };

	if (clml_parse(xml, strlen(xml), "t.xml", &d, &e))
		fail_msg("%s", e.msg);
	return d;
}

static void test_act(void **state)
{
	struct doc *d = parse_ok(act);
	const struct doc_node *n;
	int extent = 0;

	(void)state;
	assert_string_equal(d->work_uri, "/akn/gb/act/2000/32");
	assert_string_equal(d->country, "GB");
	assert_string_equal(d->type, "act");
	assert_null(d->subtype);
	assert_string_equal(d->number, "32");
	assert_string_equal(d->date, "2000-11-23");
	assert_string_equal(d->expr_date, "2020-01-01");
	assert_string_equal(d->language, "eng");
	assert_string_equal(d->title, "Test Act 2000");
	assert_int_equal(d->kind, DOC_LEGISLATION);
	assert_string_equal(by_eid(d, "preamble")->text, "An Act to test things.");
	n = by_eid(d, "part_I");
	assert_non_null(n);
	assert_string_equal(n->num, "I");
	assert_string_equal(n->heading, "Preliminary");
	n = by_eid(d, "sec_1");
	assert_non_null(n);
	assert_string_equal(n->kind, "section");
	assert_string_equal(n->heading, "Name of the police");
	assert_string_equal(n->parent->eid, "part_I");
	assert_string_equal(by_eid(d, "sec_1__subsec_1")->text, "The body shall continue in being.");
	assert_string_equal(by_eid(d, "sec_1__subsec_1")->num, "(1)");
	n = by_eid(d, "sec_1__subsec_2__para_a");
	assert_non_null(n);
	assert_string_equal(n->kind, "paragraph");
	assert_string_equal(n->text, "the police,");
	assert_string_equal(by_eid(d, "sec_1__subsec_2")->text,
			    "The Board shall secure that—\n\nare efficient.");
	/* a crossheading; a P1group of two sections is one too */
	n = by_eid(d, "part_I__crossheading_2");
	assert_non_null(n);
	assert_string_equal(n->heading, "Amendments");
	n = by_eid(d, "sec_2");
	assert_non_null(n);
	assert_string_equal(n->parent->kind, "crossheading");
	assert_string_equal(n->parent->heading, "Amendment of the 1998 Act");
	assert_null(n->heading);
	/* quoted provisions are text, not provisions of this act */
	assert_null(by_eid(d, "sec_9A"));
	assert_non_null(strstr(n->text, "Quoted text."));
	assert_non_null(by_eid(d, "sec_3"));
	/* the schedule, its paragraphs numbered within it */
	n = by_eid(d, "sched_1");
	assert_non_null(n);
	assert_string_equal(n->kind, "schedule");
	assert_string_equal(n->num, "1");
	assert_string_equal(n->heading, "The Board");
	assert_ptr_equal(n->parent, d->root);
	assert_non_null(strstr(n->text, "Section 2."));
	assert_non_null(strstr(n->text, "A | B"));
	assert_string_equal(by_eid(d, "sched_1__para_1")->heading, "Status");
	assert_string_equal(by_eid(d, "sched_1__para_1__subpara_1")->text, "Not a servant.");
	/* footnotes are left out; the version's extent and last valid day are kept */
	for (n = doc_next(d, d->root); n; n = doc_next(d, n))
		assert_true(!n->text || !strstr(n->text, "A footnote"));
	for (size_t i = 0; i < d->nwarnings; i++)
		extent |= strstr(d->warnings[i], "E+W+S+N.I.") != NULL;
	assert_false(extent);
	assert_string_equal(d->extent, "E+W+S+N.I.");
	assert_string_equal(d->expr_end, "2021-06-30");
	doc_free(d);
}

static void test_si(void **state)
{
	struct doc *d = parse_ok(si);
	const struct doc_node *n;

	(void)state;
	assert_string_equal(d->work_uri, "/akn/gb/act/si/2017/1325");
	assert_string_equal(d->subtype, "si");
	assert_string_equal(d->date, "2017-12-21");
	assert_string_equal(d->expr_date, "2017-12-21");
	n = by_eid(d, "art_1");
	assert_non_null(n);
	assert_string_equal(n->kind, "article");
	assert_string_equal(n->heading, "Citation");
	assert_string_equal(by_eid(d, "art_1__para_1")->text, "This Order may be cited.");
	assert_string_equal(by_eid(d, "conclusions")->text, "A Minister");
	assert_null(by_eid(d, "preamble"));	/* nothing but a title in the prelims */
	doc_free(d);
}

static void test_sniff(void **state)
{
	static const char akn[] = "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/"
				  "ns/akn/3.0\"><act/></akomaNtoso>";
	static const char prefixed[] = "<?xml version=\"1.0\"?>\n<!-- c -->\n<leg:Legislation "
				       "xmlns:leg=\"" CLML_NS "\"/>";
	static const char other[] = "<Legislation xmlns=\"urn:other\"/>";

	(void)state;
	assert_true(clml_sniff(act, strlen(act)));
	assert_true(clml_sniff(si, strlen(si)));
	assert_true(clml_sniff(prefixed, strlen(prefixed)));
	assert_false(clml_sniff(akn, strlen(akn)));
	assert_false(clml_sniff(other, strlen(other)));
	assert_false(clml_sniff("", 0));
	assert_false(clml_sniff("<", 1));
}

static void refused(const char *xml, enum err_code code, const char *part)
{
	struct doc *d = NULL;
	struct err e = { 0 };

	assert_int_equal(clml_parse(xml, strlen(xml), "r.xml", &d, &e), code);
	assert_null(d);
	assert_non_null(strstr(e.msg, "r.xml"));
	if (!strstr(e.msg, part))
		fail_msg("\"%s\" not in \"%s\"", part, e.msg);
}

static void test_refused(void **state)
{
	(void)state;
	refused("<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"/>",
		ERR_INVALID, "not a legislation.gov.uk CLML document");
	refused("<Legislation xmlns=\"" CLML_NS "\"><Primary><Body/></Primary></Legislation>",
		ERR_INVALID, "no legislation.gov.uk identifier");
	refused("<Legislation xmlns=\"" CLML_NS "\" IdURI=\"http://www.legislation.gov.uk/id/"
		"ukpga/2000/32\"/>", ERR_INVALID, "neither <Primary> nor <Secondary>");
	refused("<Legislation xmlns=\"" CLML_NS "\" IdURI=\"http://www.legislation.gov.uk/id/"
		"ukpga/2000/32\"><Primary/></Legislation>", ERR_INVALID, "has no <Body>");
	refused("<Legislation xmlns=\"" CLML_NS "\" IdURI=\"http://www.legislation.gov.uk/id/"
		"ukpga/x/y\"><Primary/></Legislation>", ERR_INVALID, "no year and number");
	refused("<?xml version=\"1.0\"?>\n<!DOCTYPE Legislation [<!ENTITY x SYSTEM "
		"\"file:///etc/passwd\">]>\n<Legislation xmlns=\"" CLML_NS "\">&x;</Legislation>",
		ERR_INVALID, "entit");
	refused("<Legislation", ERR_INVALID, "r.xml");
	refused(" \n", ERR_INVALID, "r.xml: empty document");
}

static void test_too_deep(void **state)
{
	char *xml = malloc(64 * 1024);
	size_t n = 0;
	struct doc *d = NULL;
	struct err e = { 0 };

	(void)state;
	n += (size_t)sprintf(xml + n, "<Legislation xmlns=\"" CLML_NS "\" IdURI=\"http://www."
			     "legislation.gov.uk/id/ukpga/2000/1\"><Primary><Body>");
	for (int i = 0; i < CLML_MAX_DEPTH + 2; i++)
		n += (size_t)sprintf(xml + n, "<Part><Number>Part %d</Number>", i);
	for (int i = 0; i < CLML_MAX_DEPTH + 2; i++)
		n += (size_t)sprintf(xml + n, "</Part>");
	n += (size_t)sprintf(xml + n, "</Body></Primary></Legislation>");
	assert_int_equal(clml_parse(xml, n, "deep.xml", &d, &e), ERR_TOOLARGE);
	assert_null(d);
	assert_int_equal(clml_parse(xml, CLML_MAX_BYTES + 1u, "big.xml", &d, &e), ERR_TOOLARGE);
	free(xml);
}

/* The shared corpus, when present. */
static char *corpus_file(const char *name, size_t *len)
{
	const char *env = getenv("CCREPO_SHARED");
	char path[1024];
	char *data = NULL;
	struct err e = { 0 };

	snprintf(path, sizeof(path), "%s/corpus/%s", env && *env ? env : "../shared", name);
	if (access(path, R_OK) || file_read(path, CLML_MAX_BYTES, &data, len, &e))
		return NULL;
	return data;
}

static void test_corpus_police_ni(void **state)
{
	size_t len, sections = 0, schedules = 0;
	char *xml = corpus_file("uk/ukpga_20000032_en.xml", &len);
	struct doc *d = NULL;
	struct err e = { 0 };
	const struct doc_node *n;

	(void)state;
	if (!xml) {
		printf("skipped: ../shared absent (set CCREPO_SHARED)\n");
		skip();
	}
	assert_int_equal(clml_parse(xml, len, "ni.xml", &d, &e), ERR_OK);
	assert_string_equal(d->work_uri, "/akn/gb/act/2000/32");
	assert_string_equal(d->title, "Police (Northern Ireland) Act 2000");
	assert_string_equal(d->date, "2000-11-23");
	assert_string_equal(by_eid(d, "sec_1")->heading, "Name of the police in Northern Ireland");
	assert_string_equal(by_eid(d, "part_II")->heading, "The Northern Ireland Policing Board");
	assert_string_equal(by_eid(d, "sec_3__subsec_3__para_b__subpara_i")->text,
			    "carrying out the general duty under section 32(1);");
	for (n = doc_next(d, d->root); n; n = doc_next(d, n)) {
		sections += !strcmp(n->kind, "section");
		schedules += !strcmp(n->kind, "schedule");
	}
	assert_int_equal(sections, 81);
	assert_int_equal(schedules, 8);
	assert_string_equal(by_eid(d, "sched_8")->heading, "Repeals");
	assert_non_null(by_eid(d, "sched_1__part_I__crossheading_1"));
	doc_free(d);
	free(xml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_act),
		cmocka_unit_test(test_si),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_too_deep),
		cmocka_unit_test(test_corpus_police_ni),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
