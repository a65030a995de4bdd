/* Tests of import/judgment: a judgment as plain text (its header read, its numbered
 * paragraphs, page breaks inside a paragraph, a number out of sequence left as text),
 * what judgment_sniff() takes and what it leaves to the statute parser, and what it
 * refuses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/judgment.h"

static const char judgment[] =
	"Asha Rao vs State Of Karnataka on 3 July, 2019\n"
	"Equivalent citations: AIR 2019 SC 100, (2019) 5 SCC 1\n"
	"Author: A. Judge\n"
	"IN THE SUPREME COURT OF INDIA\n"
	"CRIMINAL APPELLATE JURISDICTION\n"
	"ASHA RAO ... APPELLANT\n"
	"VERSUS\n"
	"STATE OF KARNATAKA ... RESPONDENT\n"
	"J U D G M E N T\n"
	"1. The appellant was convicted under section 66 of the Act.\n"
	"The High Court upheld the conviction.\n"
	"\f"
	"2. Three questions arise:\n"
	"1. whether the data was accessed;\n"
	"2. whether it was without authority;\n"
	"\n"
	"and whether the intent was shown.\n"
	"4. This number does not follow and is text.\n"
	"3. The appeal is allowed.\n";

static const struct doc_node *by_eid(const struct doc *d, const char *eid)
{
	for (const struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n))
		if (!strcmp(n->eid, eid))
			return n;
	return NULL;
}

static void test_parse(void **state)
{
	struct doc *d = NULL;
	struct err e = { 0 };
	const struct doc_node *n;

	(void)state;
	assert_int_equal(judgment_parse(judgment, sizeof(judgment) - 1, "j.txt", NULL, &d, &e),
			 ERR_OK);
	assert_int_equal(d->kind, DOC_JUDGMENT);
	assert_string_equal(d->type, "judgment");
	assert_string_equal(d->title, "Asha Rao vs State Of Karnataka on 3 July, 2019");
	assert_string_equal(d->court, "Supreme Court of India");
	assert_string_equal(d->date, "2019-07-03");
	assert_string_equal(d->parties, "Asha Rao vs State Of Karnataka");
	assert_string_equal(d->citation, "AIR 2019 SC 100");
	n = by_eid(d, "introduction");
	assert_non_null(n);
	assert_non_null(strstr(n->text, "IN THE SUPREME COURT OF INDIA"));
	n = by_eid(d, "para_1");
	assert_non_null(n);
	assert_string_equal(n->kind, "paragraph");
	assert_string_equal(n->num, "1.");
	assert_string_equal(n->parent->eid, "decision");
	/* a page break inside a paragraph: one paragraph of text */
	assert_string_equal(n->text, "The appellant was convicted under section 66 of the Act. "
				     "The High Court upheld the conviction.");
	/* a list restarting at 1 stays in paragraph 2; so does a number out of sequence */
	n = by_eid(d, "para_2");
	assert_string_equal(n->text, "Three questions arise: 1. whether the data was accessed; "
				     "2. whether it was without authority;\n\nand whether the "
				     "intent was shown. 4. This number does not follow and is text.");
	assert_string_equal(by_eid(d, "para_3")->text, "The appeal is allowed.");
	assert_null(by_eid(d, "para_4"));
	doc_free(d);
}

static void test_meta_wins(void **state)
{
	struct text_meta m = { .work_uri = "/akn/in/judgment/insc/2019/7", .title = "Rao",
			       .date = "2019-07-04", .country = "IN" };
	struct doc *d = NULL;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(judgment_parse(judgment, sizeof(judgment) - 1, "j.txt", &m, &d, &e),
			 ERR_OK);
	assert_string_equal(d->work_uri, "/akn/in/judgment/insc/2019/7");
	assert_string_equal(d->title, "Rao");
	assert_string_equal(d->date, "2019-07-04");
	assert_string_equal(d->country, "IN");
	assert_string_equal(d->court, "Supreme Court of India");	/* still read */
	doc_free(d);
}

static void test_sniff(void **state)
{
	static const char statute[] = "COMPUTER MISUSE ACT\nPART 1\n1. Short title\nThis Act "
				      "is the Computer Misuse Act.\n2. The High Court has "
				      "jurisdiction over offences under this Act.\n";
	static const char uk[] = "Neutral Citation Number: [2017] EWHC 3414 (Ch)\nIN THE HIGH "
				 "COURT OF JUSTICE\nDate: 21 December 2017\nUEFA Claimant\n- and -"
				 "\nBT Defendants\nAPPROVED JUDGMENT\n";
	struct doc *d = NULL;
	struct err e = { 0 };

	(void)state;
	assert_true(judgment_sniff(judgment, sizeof(judgment) - 1));
	assert_false(judgment_sniff(statute, sizeof(statute) - 1));
	assert_false(judgment_sniff("", 0));
	/* role words in capitals are needed: "Claimant" is not enough */
	assert_false(judgment_sniff(uk, sizeof(uk) - 1));
	/* the other UN languages: a judgment's head, and a procedure code that names the
	 * same courts and roles */
	{
		static const char *const yes[] = {
			"RÉPUBLIQUE FRANÇAISE\nAU NOM DU PEUPLE FRANÇAIS\nCOUR DE CASSATION\n"
			"Chambre criminelle\nARRÊT N° 1234 DU 12 MARS 2019\nStatuant sur le pourvoi "
			"formé par M. X, prévenu",
			"TRIBUNAL SUPREMO\nSala de lo Penal\nSENTENCIA NÚM. 123/2020\nEn Madrid, a 3 "
			"de marzo de 2020. Recurso de casación interpuesto por el acusado",
			"ПРИГОВОР\nИМЕНЕМ РОССИЙСКОЙ ФЕДЕРАЦИИ\nМещанский районный суд г. Москвы "
			"рассмотрел уголовное дело в отношении подсудимого",
			"محكمة النقض\nباسم الشعب\nأصدرت الحكم الآتي في الطعن المقدم من المتهم",
			"北京市第一中级人民法院\n刑事判决书\n（2019）京01刑初1号\n公诉机关北京市人民检察院"
			"第一分院。被告人张某。",
		};
		static const char *const no[] = {
			"CODE DE PROCÉDURE PÉNALE\nLIVRE II : DES JURIDICTIONS DE JUGEMENT\nTITRE I : "
			"DE LA COUR D'ASSISES\nArticle 231\nLa cour d'assises a plénitude de "
			"juridiction pour juger les accusés. Le TRIBUNAL correctionnel juge le prévenu. "
			"DU JUGEMENT DES DÉLITS",
			"LEY DE ENJUICIAMIENTO CRIMINAL\nTÍTULO III\nDE LA SENTENCIA\nArtículo 142. "
			"La sentencia del TRIBUNAL SUPREMO contra el acusado",
			"УГОЛОВНО-ПРОЦЕССУАЛЬНЫЙ КОДЕКС\nГлава 39. ПРИГОВОР\nСтатья 296. Суд "
			"постановляет приговор в отношении подсудимого",
			"中华人民共和国刑事诉讼法\n第二百条 人民法院应当作出判决书。被告人有权上诉。",
		};

		for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
			if (!judgment_sniff(yes[i], strlen(yes[i])))
				fail_msg("not read as a judgment: %.60s", yes[i]);
		for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
			if (judgment_sniff(no[i], strlen(no[i])))
				fail_msg("read as a judgment: %.60s", no[i]);
	}
	assert_int_equal(judgment_parse(uk, sizeof(uk) - 1, "uk.txt", NULL, &d, &e), ERR_OK);
	assert_string_equal(d->court, "High Court of Justice");
	assert_string_equal(d->date, "2017-12-21");
	assert_string_equal(d->citation, "[2017] EWHC 3414 (Ch)");
	assert_non_null(d->nwarnings);	/* no numbered paragraphs */
	doc_free(d);
}

static void test_refused(void **state)
{
	struct doc *d = NULL;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(judgment_parse(" \n\f\n", 4, "b.txt", NULL, &d, &e), ERR_INVALID);
	assert_string_equal(e.msg, "b.txt: no text");
	err_clear(&e);
	assert_int_equal(judgment_parse("a\0b", 3, "n.txt", NULL, &d, &e), ERR_INVALID);
	err_clear(&e);
	assert_int_equal(judgment_parse("\xff\xfe", 2, "u.txt", NULL, &d, &e), ERR_INVALID);
	err_clear(&e);
	assert_int_equal(judgment_parse("x", TEXT_MAX_SIZE + 1, "big.txt", NULL, &d, &e),
			 ERR_TOOLARGE);
	assert_null(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_meta_wins),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
