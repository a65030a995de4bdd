/* Tests of import/pdf: PDFs drawn here with cairo's PDF surface (which poppler-glib
 * links already): one column, two columns, a marginal note, running footers and page
 * numbers over several pages, a page without a text layer; and the PDFs it must refuse
 * (not a PDF, damaged, encrypted, a scan). Skipped when cairo finds no font. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>

#include "core/sbuf.h"
#include "import/pdf.h"

#define PAGE_W 595.0
#define PAGE_H 842.0

/* One piece of text on a page: where its baseline starts. */
struct piece {
	int page;
	double x, y;
	const char *text;
};

static cairo_status_t to_sbuf(void *closure, const unsigned char *data, unsigned int len)
{
	sbuf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* A PDF of npages pages with the pieces drawn (11 pt sans); a rectangle on every
 * page, so that a PDF of no pieces is a "scan". */
static void make_pdf(const struct piece *p, size_t n, int npages, struct sbuf *out)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_sbuf, out, PAGE_W, PAGE_H);
	cairo_t *cr = cairo_create(s);

	cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 11);
	for (int pg = 0; pg < npages; pg++) {
		cairo_rectangle(cr, 40, 40, 20, 20);
		cairo_fill(cr);
		for (size_t i = 0; i < n; i++)
			if (p[i].page == pg) {
				cairo_move_to(cr, p[i].x, p[i].y);
				cairo_show_text(cr, p[i].text);
			}
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
}

/* The text of the PDF of the pieces, or NULL with the error in e. */
static char *text_of(const struct piece *p, size_t n, int npages, struct err *e)
{
	struct sbuf pdf = SBUF_INIT;
	char *t = NULL;
	size_t len = 0;

	make_pdf(p, n, npages, &pdf);
	err_clear(e);
	if (pdf_text(pdf.buf, pdf.len, "t.pdf", &t, &len, e))
		t = NULL;
	else
		assert_int_equal(strlen(t), len);
	sbuf_release(&pdf);
	return t;
}

static int no_fonts(void)
{
	static const struct piece one[] = { { 0, 100, 100, "Hello" } };
	struct err e;
	char *t = text_of(one, 1, 1, &e);
	int none = !t || !strstr(t, "Hello");

	free(t);
	return none;
}

#define NEED_FONTS()                                                     \
	do {                                                             \
		if (no_fonts()) {                                        \
			printf("skipped: cairo found no font\n");       \
			skip();                                          \
		}                                                        \
	} while (0)

static void test_one_column(void **state)
{
	static const struct piece p[] = {
		{ 0, 72, 100, "CYBERCRIMES ACT" },
		{ 0, 72, 130, "1. Short title" },
		{ 0, 72, 145, "This Act may be cited as the Cybercrimes Act." },
		{ 0, 72, 175, "2. Unauthorised access" },
		{ 0, 72, 190, "(1) A person who accesses a computer commits an offence." },
	};
	struct err e;
	char *t;

	(void)state;
	NEED_FONTS();
	t = text_of(p, sizeof(p) / sizeof(p[0]), 1, &e);
	assert_non_null(t);
	assert_string_equal(t, "CYBERCRIMES ACT\n1. Short title\n"
			       "This Act may be cited as the Cybercrimes Act.\n"
			       "2. Unauthorised access\n"
			       "(1) A person who accesses a computer commits an offence.\n");
	free(t);
}

/* Two columns side by side, lines at the same heights: the left column first, and
 * no line with words of both. A heading over both columns comes first. */
static void test_two_columns(void **state)
{
	static const struct piece p[] = {
		{ 0, 200, 80, "GAZETTE OF THE REPUBLIC SPANNING BOTH COLUMNS HERE" },
		{ 0, 50, 120, "Left one alpha text" },  { 0, 320, 120, "Right one omega text" },
		{ 0, 50, 135, "Left two alpha text" },  { 0, 320, 135, "Right two omega text" },
		{ 0, 50, 150, "Left three alpha" },     { 0, 320, 150, "Right three omega" },
		{ 0, 50, 165, "Left four alpha text" }, { 0, 320, 165, "Right four omega text" },
		{ 0, 50, 180, "Left five alpha text" }, { 0, 320, 180, "Right five omega text" },
		{ 0, 50, 195, "Left six alpha text" },  { 0, 320, 195, "Right six omega text" },
		{ 0, 50, 210, "Left seven alpha" },     { 0, 320, 210, "Right seven omega" },
		{ 0, 50, 225, "Left eight alpha text" }, { 0, 320, 225, "Right eight omega" },
		{ 0, 50, 240, "Left nine alpha text" }, { 0, 320, 240, "Right nine omega text" },
	};
	struct err e;
	char *t, *left, *right;

	(void)state;
	NEED_FONTS();
	t = text_of(p, sizeof(p) / sizeof(p[0]), 1, &e);
	assert_non_null(t);

	left = strstr(t, "Left one alpha text\nLeft two alpha text\n");
	right = strstr(t, "Right one omega text\nRight two omega text\n");
	assert_non_null(left);
	assert_non_null(right);
	assert_true(left < right);
	assert_non_null(strstr(t, "Left nine alpha text\nRight one omega text\n"));
	assert_true(strstr(t, "SPANNING") < left);
	free(t);
}

/* A note in the right margin beside the first line of a section: its heading, on a
 * line of its own with the section's number; the section's lines are whole. A note
 * beside other lines is dropped. */
static void test_marginal_note(void **state)
{
	static const struct piece p[] = {
		{ 0, 60, 100, "5. (1) Any person who with intent commits an offence against" },
		{ 0, 470, 100, "Offences" },
		{ 0, 60, 115, "any critical national information infrastructure shall be" },
		{ 0, 470, 115, "against critical" },
		{ 0, 60, 130, "liable on conviction to imprisonment for a term of not" },
		{ 0, 470, 130, "infrastructure." },
		{ 0, 60, 145, "more than ten years without an option of fine." },
		{ 0, 60, 160, "(2) Where the offence committed under subsection (1)" },
		{ 0, 60, 175, "results in grievous bodily harm to any person, the" },
		{ 0, 60, 190, "offender shall be liable on conviction to imprisonment" },
		{ 0, 60, 205, "for a term of not more than fifteen years." },
		{ 0, 60, 220, "(3) Where the offence results in the death of a person" },
		{ 0, 470, 220, "Act No. 3 of 2001" },
	};
	struct err e;
	char *t;

	(void)state;
	NEED_FONTS();
	t = text_of(p, sizeof(p) / sizeof(p[0]), 1, &e);
	assert_non_null(t);
	assert_non_null(strstr(t, "5. Offences against critical infrastructure.\n"
				  "(1) Any person who with intent commits an offence against\n"
				  "any critical national information infrastructure shall be\n"));
	assert_null(strstr(t, "Act No. 3"));
	free(t);
}

/* A footer and a page number on every page go; the pages are separated by '\f'; the
 * running header stays once, on the first page. */
static void test_running_heads(void **state)
{
	struct piece p[4 * 4];
	char num[4][8];
	struct err e;
	size_t n = 0, ff = 0;
	char *t;

	(void)state;
	NEED_FONTS();
	for (int pg = 0; pg < 4; pg++) {
		snprintf(num[pg], sizeof(num[pg]), "%d", pg + 1);
		p[n++] = (struct piece){ pg, 200, 50, "Official Gazette Running Head" };
		p[n++] = (struct piece){ pg, 72, 300, pg % 2 ? "Body text of an odd page."
							    : "Body text of an even page." };
		p[n++] = (struct piece){ pg, 150, 810, "Printed by the Government Printer" };
		p[n++] = (struct piece){ pg, 290, 825, num[pg] };
	}
	t = text_of(p, n, 4, &e);
	assert_non_null(t);
	assert_null(strstr(t, "Government Printer"));
	assert_non_null(strstr(t, "Official Gazette Running Head\n"));
	assert_null(strstr(strstr(t, "Running Head") + 1, "Running Head"));
	for (const char *c = t; *c; c++)
		ff += *c == '\f';
	assert_int_equal(ff, 3);
	assert_string_equal(t, "Official Gazette Running Head\nBody text of an even page.\n"
			       "\fBody text of an odd page.\n\fBody text of an even page.\n"
			       "\fBody text of an odd page.\n");
	free(t);
}

static void test_scan_refused(void **state)
{
	struct err e;
	char *t;

	(void)state;
	t = text_of(NULL, 0, 2, &e);
	assert_null(t);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.msg, "t.pdf: no text layer: the PDF is a scan; run OCR first");
}

static void test_not_pdf_and_damaged(void **state)
{
	static const char damaged[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n";
	struct sbuf pdf = SBUF_INIT;
	struct err e = { 0 };
	char *t = NULL;
	size_t len;

	(void)state;
	assert_int_equal(pdf_text("hello", 5, "x.pdf", &t, &len, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "x.pdf: not a PDF"));
	err_clear(&e);
	assert_int_equal(pdf_text(damaged, sizeof(damaged) - 1, "d.pdf", &t, &len, &e),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "d.pdf: not a readable PDF"));
	assert_null(t);
	/* a real PDF cut in half */
	NEED_FONTS();
	{
		static const struct piece one[] = { { 0, 100, 100, "Cut short" } };

		make_pdf(one, 1, 1, &pdf);
		err_clear(&e);
		pdf.len /= 2;
		if (pdf_text(pdf.buf, pdf.len, "cut.pdf", &t, &len, &e)) {
			assert_int_equal(e.code, ERR_INVALID);
			assert_non_null(strstr(e.msg, "cut.pdf: "));
		} else {
			free(t);	/* poppler may repair it: then the text came out */
		}
	}
	sbuf_release(&pdf);
}

/* A standard security handler whose user password is not empty. */
static void test_encrypted(void **state)
{
	static const char enc[] =
		"%PDF-1.4\n"
		"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
		"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
		"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
		"4 0 obj << /Filter /Standard /V 1 /R 2 /P -4\n"
		"/O <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef>\n"
		"/U <fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210> >>\n"
		"endobj\n"
		"trailer << /Root 1 0 R /Size 5 /Encrypt 4 0 R\n"
		"/ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\n"
		"%%EOF\n";
	struct err e = { 0 };
	char *t = NULL;
	size_t len;

	(void)state;
	assert_int_equal(pdf_text(enc, sizeof(enc) - 1, "e.pdf", &t, &len, &e), ERR_INVALID);
	assert_null(t);
	assert_non_null(strstr(e.msg, "e.pdf: "));
	assert_non_null(strstr(e.msg, "encrypted"));
}

static void test_limits(void **state)
{
	struct err e = { 0 };
	char *t = NULL;
	size_t len;

	(void)state;
	/* the size is checked before anything is read */
	assert_int_equal(pdf_text("%PDF-", PDF_MAX_BYTES + 1, "big.pdf", &t, &len, &e),
			 ERR_TOOLARGE);
	assert_non_null(strstr(e.msg, "big.pdf: "));
}

/* The text goes through text_parse(): sections come out. */
static void test_parse(void **state)
{
	static const struct piece p[] = {
		{ 0, 72, 100, "1. Short title" },
		{ 0, 72, 115, "This Act may be cited as the Cybercrimes Act." },
		{ 0, 72, 145, "2. Unauthorised access" },
		{ 0, 72, 160, "(1) A person who accesses a computer commits an offence." },
		{ 1, 72, 100, "(2) A person convicted is liable to a fine." },
		{ 1, 72, 130, "3. Interception" },
		{ 1, 72, 145, "A person who intercepts data commits an offence." },
	};
	struct text_meta m = { .work_uri = "/akn/ng/act/2015/17", .title = "Cybercrimes Act",
			       .date = "2015-05-15" };
	struct sbuf pdf = SBUF_INIT;
	struct err e = { 0 };
	struct doc *d = NULL;
	const struct doc_node *s2 = NULL;

	(void)state;
	NEED_FONTS();
	make_pdf(p, sizeof(p) / sizeof(p[0]), 2, &pdf);
	assert_int_equal(pdf_parse(pdf.buf, pdf.len, "p.pdf", &m, &d, &e), ERR_OK);
	for (const struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n))
		if (!strcmp(n->eid, "sec_2"))
			s2 = n;
	assert_non_null(s2);
	assert_string_equal(s2->heading, "Unauthorised access");
	assert_non_null(s2->first);
	assert_non_null(s2->first->next);	/* (2) on the next page continues it */
	doc_free(d);
	sbuf_release(&pdf);
}

struct job {
	const struct sbuf *pdf;
	char *text;
};

static void *run_job(void *arg)
{
	struct job *j = arg;
	struct err e = { 0 };
	size_t len;

	if (pdf_text(j->pdf->buf, j->pdf->len, "t.pdf", &j->text, &len, &e))
		j->text = NULL;
	return NULL;
}

/* Threads reading PDFs at once (the server's workers) get the same text. */
static void test_threads(void **state)
{
	static const struct piece p[] = {
		{ 0, 72, 100, "1. Short title" }, { 0, 72, 115, "This Act is the Test Act." },
		{ 1, 72, 100, "2. Offence" },
	};
	struct sbuf pdf = SBUF_INIT;
	struct job jobs[4];
	pthread_t t[4];

	(void)state;
	NEED_FONTS();
	make_pdf(p, sizeof(p) / sizeof(p[0]), 2, &pdf);
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){ &pdf, NULL };
		assert_int_equal(pthread_create(&t[i], NULL, run_job, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_non_null(jobs[i].text);
		assert_string_equal(jobs[i].text, "1. Short title\nThis Act is the Test Act.\n"
						  "\f2. Offence\n");
		free(jobs[i].text);
	}
	sbuf_release(&pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_column),
		cmocka_unit_test(test_two_columns),
		cmocka_unit_test(test_marginal_note),
		cmocka_unit_test(test_running_heads),
		cmocka_unit_test(test_scan_refused),
		cmocka_unit_test(test_not_pdf_and_damaged),
		cmocka_unit_test(test_encrypted),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_threads),
	};

	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	void (*fc_fini)(void);

	/* cairo's and fontconfig's caches, so that LeakSanitizer sees only ours
	 * (fontconfig comes with cairo: found without linking it) */
	cairo_debug_reset_static_data();
	*(void **)&fc_fini = dlsym(RTLD_DEFAULT, "FcFini");
	if (fc_fini)
		fc_fini();
	return rc;
}
