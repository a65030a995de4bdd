/* Tests of domain/legislation (work URIs, importing documents as works with versions
 * and provisions, the version in force on a date, a provision's history, rebuilding
 * a document, repeated eIds, judgments as cases) and of the mappings of provisions
 * to instrument articles (domain/mapping.c), on temporary databases with the real
 * reference data; skipped when iso-codes is not installed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"

#include "core/log.h"
#include "domain/caselaw.h"
#include "domain/legislation.h"
#include "domain/limits.h"
#include "domain/record.h"
#include "domain/refdata.h"
#include "domain/user.h"
#include "import/doc.h"
#include "store/store.h"

#define KE_ACT "/akn/ke/act/2018/5"
#define SEC14_V1 "A person who causes a computer system to perform a function, knowing " \
		 "that the access is unauthorised, commits an offence."
#define SEC14_V2 "A person who causes, whether temporarily or permanently, a computer " \
		 "system to perform a function, knowing that the access is unauthorised, " \
		 "commits an offence."

/* ---- helpers ---- */

/* Kenya's Computer Misuse and Cybercrimes Act, shortened. Version 1 (2018-05-30):
 * part > section > subsection; version 2 (2020-01-01) changes the text of section
 * 14 and adds section 15. */
static struct doc *make_act(int version)
{
	struct doc *d = doc_new();
	struct doc_node *part, *sec;

	d->kind = DOC_LEGISLATION;
	d->work_uri = KE_ACT;
	d->country = "KE";
	d->type = "act";
	d->number = "5";
	d->date = "2018-05-16";
	d->title = version == 1 ? "Computer Misuse and Cybercrimes Act, 2018"
				: "Computer Misuse and Cybercrimes Act, 2018 (as amended)";
	d->language = "eng";
	d->expr_date = version == 1 ? "2018-05-30" : "2020-01-01";
	d->source = "https://kenyalaw.org/akn/ke/act/2018/5";
	part = doc_add(d, NULL, "part", "part_1", "I", "Preliminary", NULL, 1);
	doc_add(d, part, "section", "part_1__sec_1", "1", "Short title",
		"This Act may be cited as the Computer Misuse and Cybercrimes Act, 2018.", 2);
	sec = doc_add(d, part, "section", "part_1__sec_2", "2", "Interpretation",
		      "In this Act, unless the context otherwise requires—", 3);
	doc_add(d, sec, "subsection", "part_1__sec_2__subsec_1", "(1)", NULL,
		"\"computer system\" means a physical or virtual device ...", 4);
	doc_add(d, sec, "subsection", "part_1__sec_2__subsec_2", "(2)", NULL,
		"\"access\" means gaining entry into any electronic system.\n\nSecond paragraph.",
		5);
	part = doc_add(d, NULL, "part", "part_2", "II", "Offences", NULL, 6);
	sec = doc_add(d, part, "section", "part_2__sec_14", "14",
		      "Unauthorised access to computer material",
		      version == 1 ? SEC14_V1 : SEC14_V2, 7);
	doc_add(d, sec, "subsection", "part_2__sec_14__subsec_1", "(1)", NULL,
		"For the purposes of this section, access is unauthorised if ...", 8);
	doc_add(d, sec, "subsection", "part_2__sec_14__subsec_2", "(2)", NULL,
		"A person who commits an offence under this section is liable, on conviction, "
		"to a fine not exceeding five million shillings.", 9);
	if (version == 2)
		doc_add(d, part, "section", "part_2__sec_15", "15",
			"Access with intent to commit or facilitate a further offence",
			"A person who commits an offence under section 14 with intent ...", 10);
	doc_add(d, part, "section", "part_2__sec_16", "16",
		"Unauthorised interference with a computer system, program or data",
		"A person who intentionally and without authorisation does any act which "
		"causes an unauthorised interference ...", 11);
	return d;
}

/* legislation_import_doc, which must succeed; the record id. */
static long long import_ok(struct store *s, const struct doc *d, enum record_status st,
			   size_t *nprov)
{
	long long id = 0;
	size_t n = 0;
	struct err e;

	err_clear(&e);
	if (legislation_import_doc(s, &fixture_local, d, st, NULL, &id, &n, &e))
		print_error("import %s: %s\n", d->work_uri, e.msg);
	assert_int_equal(e.code, ERR_OK);
	assert_true(id > 0);
	if (nprov)
		*nprov = n;
	return id;
}

static size_t node_depth(const struct doc_node *n)
{
	size_t k = 0;

	for (n = n->parent; n && n->parent; n = n->parent)
		k++;
	return k;
}

static void same_str(const char *want, const char *got, const char *what)
{
	if (!want && !got)
		return;
	if (!want || !got || strcmp(want, got))
		print_error("%s: want \"%s\", got \"%s\"\n", what, want ? want : "(null)",
			    got ? got : "(null)");
	assert_non_null(want);
	assert_non_null(got);
	assert_string_equal(want, got);
}

/* The provisions match the doc node by node: order, depth, parents, fields. */
static void check_provisions(const struct doc *d, const struct provision *pv, size_t n)
{
	size_t i = 0;

	assert_int_equal(n, doc_count(d));
	for (const struct doc_node *nd = doc_next(d, d->root); nd; nd = doc_next(d, nd), i++) {
		same_str(nd->eid, pv[i].eid, "eid");
		same_str(nd->kind, pv[i].kind, "kind");
		same_str(nd->num, pv[i].num, "num");
		same_str(nd->heading, pv[i].heading, "heading");
		same_str(nd->text, pv[i].text, "text");
		assert_int_equal(pv[i].depth, (int)node_depth(nd));
		if (i)
			assert_true(pv[i].ordinal > pv[i - 1].ordinal);
		if (nd->parent == d->root) {
			assert_int_equal(pv[i].parent_id, 0);
		} else {
			/* the parent is an earlier provision with the parent's eid */
			size_t k;

			for (k = 0; k < i && strcmp(pv[k].eid, nd->parent->eid); k++)
				;
			assert_true(k < i);
			assert_int_equal(pv[i].parent_id, pv[k].id);
		}
	}
	assert_int_equal(i, n);
}

/* Two docs have the same tree: kinds, eids, nums, headings, texts node by node. */
static void check_same_tree(const struct doc *want, const struct doc *got)
{
	const struct doc_node *a = doc_next(want, want->root), *b = doc_next(got, got->root);

	for (; a && b; a = doc_next(want, a), b = doc_next(got, b)) {
		same_str(a->kind, b->kind, "kind");
		same_str(a->eid, b->eid, "eid");
		same_str(a->num, b->num, "num");
		same_str(a->heading, b->heading, "heading");
		same_str(a->text, b->text, "text");
		assert_int_equal(node_depth(a), node_depth(b));
		same_str(a->parent->eid, b->parent->eid, "parent eid");
	}
	assert_null(a);
	assert_null(b);
}

/* ---- URIs ---- */

static void test_uri_valid(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	const char *cc = "unset";
	struct err e;
	char longer[400];
	int accepted = 0;
	static const char *const bad[] = {
		"/akn/xx/act/2018/5",		/* no such country */
		"/akn/KE/act/2018/5",		/* uppercase segment */
		"/akn/ke/ACT/2018/5",
		"/akn/ke/act/x/5",		/* not a year */
		"/akn/ke/act",			/* too short */
		"/akn/ke/act/2018",
		"akn/ke/act/2018/5",		/* not absolute */
		"/akn/ke/act/2018/5/../6",	/* dot segments */
		"/akn/ke/act/2018/./5",
		"/akn/ke/act/2018/..",
		"/akn/ke//act/2018/5",		/* empty segment */
		"/akn/ke/act/2018/5 6",
		"/akn/ke/act/2018/5?x=1",
		"/akn/ke/act/2018/5#frag",
		"/akn/ke/act/2018/5@2019-01-01",	/* an expression, not a work */
		"/akn/ken/act/2018/5",		/* three letters */
		"/akn/ke/act/2018/5/a/b/c/d",	/* too long a path */
		"/akn/ke/act/2018/\xc3\xa9",	/* non-ASCII */
		"/akn/",
		"",
		"https://example.org/akn/ke/act/2018/5",
	};

	(void)state;
	err_clear(&e);
	assert_int_equal(legislation_uri_valid(s, p, "/akn/ke/act/2018/5", &cc, &e), ERR_OK);
	assert_string_equal(cc, "KE");
	assert_int_equal(legislation_uri_valid(s, p, "/akn/ke/act/2018-05-16/5", &cc, &e),
			 ERR_OK);
	assert_string_equal(cc, "KE");
	assert_int_equal(legislation_uri_valid(s, p, "/akn/uk/act/2014/27", &cc, &e), ERR_OK);
	assert_string_equal(cc, "GB");
	assert_int_equal(legislation_uri_valid(s, p, "/akn/gb/act/1990/18", &cc, &e), ERR_OK);
	assert_string_equal(cc, "GB");
	cc = "unset";
	assert_int_equal(legislation_uri_valid(s, p, "/akn/int/treaty/coe/2001/185", &cc, &e),
			 ERR_OK);
	assert_null(cc);
	assert_int_equal(e.code, ERR_OK);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&e);
		if (legislation_uri_valid(s, p, bad[i], &cc, &e) != ERR_INVALID ||
		    e.code != ERR_INVALID || !e.msg[0]) {
			print_error("accepted \"%s\"\n", bad[i]);
			accepted++;
		}
	}
	assert_int_equal(accepted, 0);

	/* over-long: 300 bytes at most */
	memset(longer, 'a', sizeof(longer));
	memcpy(longer, "/akn/ke/act/2018/", 17);
	longer[sizeof(longer) - 1] = '\0';
	err_clear(&e);
	assert_int_equal(legislation_uri_valid(s, p, longer, &cc, &e), ERR_INVALID);
	longer[300] = '\0';
	err_clear(&e);
	assert_int_equal(legislation_uri_valid(s, p, longer, &cc, &e), ERR_OK);
	longer[300] = 'a';
	longer[301] = '\0';
	err_clear(&e);
	assert_int_equal(legislation_uri_valid(s, p, longer, &cc, &e), ERR_INVALID);
	pool_free(p);
	store_close(s);
}

/* Akoma Ntoso puts optional segments between the type and the date: the court of a
 * judgment (import/akn reads "/akn/ng/judgment/ngsc/2019-03-01/12"), the subtype
 * of a by-law. */
static void test_uri_with_court(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	const char *cc = NULL;
	struct err e;

	(void)state;
	err_clear(&e);
	if (legislation_uri_valid(s, p, "/akn/ng/judgment/ngsc/2019-03-01/12", &cc, &e))
		print_error("%s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	assert_string_equal(cc, "NG");
	err_clear(&e);
	assert_int_equal(legislation_uri_valid(s, p, "/akn/ke/judgment/kehc/2019/12", &cc, &e),
			 ERR_OK);
	assert_string_equal(cc, "KE");
	err_clear(&e);
	assert_int_equal(legislation_uri_valid(s, p, "/akn/za/act/by-law/2003/public-health",
					       &cc, &e), ERR_OK);
	/* still refused: no date anywhere, or nothing after it */
	err_clear(&e);
	assert_int_equal(legislation_uri_valid(s, p, "/akn/ke/judgment/kehc/x/12", &cc, &e),
			 ERR_INVALID);
	err_clear(&e);
	assert_int_equal(legislation_uri_valid(s, p, "/akn/ke/judgment/kehc/2019", &cc, &e),
			 ERR_INVALID);
	pool_free(p);
	store_close(s);
}

static void test_split_uri(void **state)
{
	pool *p = pool_new();
	const char *work, *lang, *date;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(legislation_split_uri(p, "/akn/ke/act/2018/5", &work, &lang, &date, &e),
			 ERR_OK);
	assert_string_equal(work, "/akn/ke/act/2018/5");
	assert_null(lang);
	assert_null(date);

	assert_int_equal(legislation_split_uri(p, "/akn/ke/act/2018/5@2019-01-01", &work, &lang,
					       &date, &e), ERR_OK);
	assert_string_equal(work, "/akn/ke/act/2018/5");
	assert_null(lang);
	assert_string_equal(date, "2019-01-01");

	assert_int_equal(legislation_split_uri(p, "/akn/ke/act/2018/5/eng@2018-05-30", &work,
					       &lang, &date, &e), ERR_OK);
	assert_string_equal(work, "/akn/ke/act/2018/5");
	assert_string_equal(lang, "eng");
	assert_string_equal(date, "2018-05-30");

	/* "@" alone: the latest version */
	assert_int_equal(legislation_split_uri(p, "/akn/ke/act/2018/5/eng@", &work, &lang, &date,
					       &e), ERR_OK);
	assert_string_equal(work, "/akn/ke/act/2018/5");
	assert_string_equal(lang, "eng");
	assert_null(date);

	/* a number of three letters is not a language when it has no "@" before it */
	assert_int_equal(legislation_split_uri(p, "/akn/int/treaty/coe/2001/185@2004-07-01",
					       &work, &lang, &date, &e), ERR_OK);
	assert_string_equal(work, "/akn/int/treaty/coe/2001/185");
	assert_null(lang);
	assert_int_equal(e.code, ERR_OK);

	/* bad dates */
	err_clear(&e);
	assert_int_equal(legislation_split_uri(p, "/akn/ke/act/2018/5@2019-02-30", &work, &lang,
					       &date, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "2019-02-30"));
	err_clear(&e);
	assert_int_equal(legislation_split_uri(p, "/akn/ke/act/2018/5/eng@yesterday", &work,
					       &lang, &date, &e), ERR_INVALID);
	err_clear(&e);
	assert_int_equal(legislation_split_uri(p, "/akn/ke/act/2018/5/eng@2019-01-01@x", &work,
					       &lang, &date, &e), ERR_INVALID);
	pool_free(p);
}

/* ---- import, versions, provisions ---- */

static void test_import_versions(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct doc *v1 = make_act(1), *v2 = make_act(2), *back;
	struct work *w;
	struct expression *x, *xs, *hx;
	struct provision *pv, **hp;
	size_t n, n1, n2;
	long long id, id2;
	struct err e;

	(void)state;
	id = import_ok(s, v1, ST_DRAFT, &n1);
	assert_int_equal(n1, 10);
	id2 = import_ok(s, v2, ST_DRAFT, &n2);
	assert_int_equal(id2, id);	/* the same work */
	assert_int_equal(n2, 11);
	assert_int_equal(fixture_count(s, -1), 1);

	/* the work */
	err_clear(&e);
	assert_int_equal(legislation_get(s, p, KE_ACT, &w, &e), ERR_OK);
	assert_int_equal(w->rec.id, id);
	assert_int_equal(w->rec.kind, REC_LEGISLATION);
	assert_string_equal(w->rec.country, "KE");
	assert_string_equal(w->rec.language, "en");
	assert_int_equal(w->rec.status, ST_DRAFT);
	assert_int_equal(w->rec.revision, 1);	/* a draft: no revision kept */
	assert_string_equal(w->rec.source_url, "https://kenyalaw.org/akn/ke/act/2018/5");
	assert_string_equal(w->type, "act");
	assert_string_equal(w->number, "5");
	assert_string_equal(w->date, "2018-05-16");
	assert_int_equal(legislation_get_id(s, p, id, &w, NULL), ERR_OK);
	assert_string_equal(w->uri, KE_ACT);
	err_clear(&e);
	assert_int_equal(legislation_get(s, p, "/akn/ke/act/2018/6", &w, &e), ERR_NOTFOUND);
	assert_int_equal(legislation_get(s, p, KE_ACT, &w, NULL), ERR_OK);

	/* its versions, newest first */
	assert_int_equal(legislation_expressions(s, p, id, &xs, &n, NULL), ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(xs[0].date, "2020-01-01");
	assert_string_equal(xs[1].date, "2018-05-30");
	assert_string_equal(xs[0].language, "eng");
	assert_int_equal(xs[0].provision_count, 11);
	assert_int_equal(xs[1].provision_count, 10);
	assert_int_equal(xs[0].status, EXPR_IN_FORCE);
	assert_string_equal(xs[1].title, "Computer Misuse and Cybercrimes Act, 2018");

	/* the version in force on a date */
	err_clear(&e);
	assert_int_equal(legislation_as_of(s, p, id, NULL, "2019-06-01", &x, &e), ERR_OK);
	assert_string_equal(x->date, "2018-05-30");
	assert_int_equal(legislation_as_of(s, p, id, NULL, "2021-01-01", &x, &e), ERR_OK);
	assert_string_equal(x->date, "2020-01-01");
	assert_int_equal(legislation_as_of(s, p, id, NULL, "2020-01-01", &x, &e), ERR_OK);
	assert_string_equal(x->date, "2020-01-01");	/* in force on its own date */
	assert_int_equal(legislation_as_of(s, p, id, NULL, "2019-12-31", &x, &e), ERR_OK);
	assert_string_equal(x->date, "2018-05-30");
	assert_int_equal(legislation_as_of(s, p, id, NULL, NULL, &x, &e), ERR_OK);	/* today */
	assert_string_equal(x->date, "2020-01-01");
	assert_int_equal(legislation_as_of(s, p, id, "eng", "2019-06-01", &x, &e), ERR_OK);
	assert_string_equal(x->date, "2018-05-30");
	assert_int_equal(e.code, ERR_OK);
	err_clear(&e);
	assert_int_equal(legislation_as_of(s, p, id, NULL, "2017-01-01", &x, &e), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "2017-01-01"));
	err_clear(&e);
	assert_int_equal(legislation_as_of(s, p, id, "fra", "2021-01-01", &x, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(legislation_as_of(s, p, id, NULL, "2019-02-29", &x, &e), ERR_INVALID);

	/* a French version of 2019: the language filter picks it */
	{
		struct doc *fr = make_act(1);

		fr->language = "fra";
		fr->expr_date = "2019-03-01";
		fr->title = "Loi sur l'utilisation abusive des ordinateurs et la cybercriminalité";
		assert_int_equal(import_ok(s, fr, ST_DRAFT, NULL), id);
		doc_free(fr);
	}
	err_clear(&e);
	assert_int_equal(legislation_as_of(s, p, id, "fra", "2021-01-01", &x, &e), ERR_OK);
	assert_string_equal(x->language, "fra");
	assert_string_equal(x->date, "2019-03-01");
	assert_int_equal(legislation_as_of(s, p, id, "eng", "2019-06-01", &x, &e), ERR_OK);
	assert_string_equal(x->language, "eng");
	assert_string_equal(x->date, "2018-05-30");
	assert_int_equal(legislation_as_of(s, p, id, "eng", "2021-01-01", &x, &e), ERR_OK);
	assert_string_equal(x->date, "2020-01-01");
	err_clear(&e);
	assert_int_equal(legislation_as_of(s, p, id, "fra", "2019-02-28", &x, &e), ERR_NOTFOUND);

	/* one version by language and date */
	err_clear(&e);
	assert_int_equal(legislation_expression(s, p, id, "eng", "2018-05-30", &x, &e), ERR_OK);
	assert_string_equal(x->date, "2018-05-30");
	assert_int_equal(legislation_expression(s, p, id, NULL, "2019-03-01", &x, &e), ERR_OK);
	assert_string_equal(x->language, "fra");
	err_clear(&e);
	assert_int_equal(legislation_expression(s, p, id, "fra", "2018-05-30", &x, &e),
			 ERR_NOTFOUND);

	/* provisions in document order with depth and parents */
	assert_int_equal(legislation_expression(s, p, id, "eng", "2018-05-30", &x, NULL), ERR_OK);
	assert_int_equal(legislation_provisions(s, p, x->id, &pv, &n, NULL), ERR_OK);
	check_provisions(v1, pv, n);
	assert_string_equal(pv[0].eid, "part_1");
	assert_int_equal(pv[0].depth, 0);
	assert_string_equal(pv[3].eid, "part_1__sec_2__subsec_1");
	assert_int_equal(pv[3].depth, 2);
	assert_int_equal(pv[3].parent_id, pv[2].id);
	assert_int_equal(pv[2].parent_id, pv[0].id);
	assert_int_equal(pv[5].parent_id, 0);
	assert_string_equal(pv[6].text, SEC14_V1);
	assert_int_equal(legislation_expression(s, p, id, "eng", "2020-01-01", &x, NULL), ERR_OK);
	assert_int_equal(legislation_provisions(s, p, x->id, &pv, &n, NULL), ERR_OK);
	check_provisions(v2, pv, n);

	/* one provision */
	err_clear(&e);
	assert_int_equal(legislation_provision(s, p, x->id, "part_2__sec_15", &pv, &e), ERR_OK);
	assert_string_equal(pv->num, "15");
	assert_int_equal(pv->depth, 1);
	err_clear(&e);
	assert_int_equal(legislation_provision(s, p, x->id, "part_9", &pv, &e), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "part_9"));

	/* history of the changed section: three versions, oldest first */
	err_clear(&e);
	assert_int_equal(legislation_history(s, p, id, "part_2__sec_14", &hx, &hp, &n, &e),
			 ERR_OK);
	assert_int_equal(n, 3);
	assert_string_equal(hx[0].date, "2018-05-30");
	assert_string_equal(hx[1].date, "2019-03-01");
	assert_string_equal(hx[2].date, "2020-01-01");
	assert_non_null(hp[0]);
	assert_non_null(hp[1]);
	assert_non_null(hp[2]);
	assert_string_equal(hp[0]->text, SEC14_V1);
	assert_string_equal(hp[2]->text, SEC14_V2);
	assert_int_equal(hp[0]->expression_id, hx[0].id);
	assert_int_equal(hp[2]->expression_id, hx[2].id);
	/* the added section: NULL where absent */
	err_clear(&e);
	assert_int_equal(legislation_history(s, p, id, "part_2__sec_15", &hx, &hp, &n, &e),
			 ERR_OK);
	assert_int_equal(n, 3);
	assert_null(hp[0]);
	assert_null(hp[1]);
	assert_non_null(hp[2]);
	assert_string_equal(hp[2]->heading,
			    "Access with intent to commit or facilitate a further offence");
	err_clear(&e);
	assert_int_equal(legislation_history(s, p, id, "part_7__sec_99", &hx, &hp, &n, &e),
			 ERR_NOTFOUND);

	/* the documents rebuilt: the same trees */
	assert_int_equal(legislation_get_id(s, p, id, &w, NULL), ERR_OK);
	assert_int_equal(legislation_expression(s, p, id, "eng", "2018-05-30", &x, NULL), ERR_OK);
	err_clear(&e);
	assert_int_equal(legislation_to_doc(s, w, x, &back, &e), ERR_OK);
	check_same_tree(v1, back);
	assert_int_equal(back->kind, DOC_LEGISLATION);
	assert_string_equal(back->work_uri, KE_ACT);
	assert_string_equal(back->country, "KE");
	assert_string_equal(back->type, "act");
	assert_string_equal(back->number, "5");
	assert_string_equal(back->date, "2018-05-16");
	assert_string_equal(back->language, "eng");
	assert_string_equal(back->expr_date, "2018-05-30");
	assert_string_equal(back->title, v1->title);
	doc_free(back);
	assert_int_equal(legislation_expression(s, p, id, "eng", "2020-01-01", &x, NULL), ERR_OK);
	assert_int_equal(legislation_to_doc(s, w, x, &back, &e), ERR_OK);
	check_same_tree(v2, back);
	assert_string_equal(back->title, v2->title);
	assert_string_equal(back->expr_date, "2020-01-01");
	doc_free(back);

	/* a remote actor may not import */
	err_clear(&e);
	{
		long long rid = 0;
		size_t rn = 0;

		assert_int_equal(legislation_import_doc(s, &fixture_visitor, v1, ST_DRAFT, NULL, &rid, &rn, &e),
				 ERR_FORBIDDEN);
	}
	doc_free(v1);
	doc_free(v2);
	pool_free(p);
	store_close(s);
}

/* Who may import a law, and with what status and label: a focal point only laws of
 * their country, and not straight to published; a curator anything; the label of a
 * new record as asked, and a bad one refused. */
static void test_import_permissions(void **state)
{
	const struct actor fp_ke = { .name = "fke", .user_id = 3, .role = 1 /* focal point */,
				     .org_id = 2, .country = "KE" };
	const struct actor fp_ug = { .name = "fug", .user_id = 4, .role = 1, .org_id = 2,
				     .country = "UG" };
	const struct actor cur = { .name = "cur", .user_id = 5, .role = 3 /* curator */,
				   .org_id = 1 };
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct doc *d = make_act(1);
	struct record *rec;
	struct err e = { 0 };
	long long id = 0;
	size_t n = 0;

	(void)state;
	fixture_org(s, "UNODC", ORG_UNODC, NULL);
	assert_int_equal(fixture_org(s, "NC4", ORG_NATIONAL_AUTHORITY, NULL), 2);
	for (int i = 1; i <= 5; i++)	/* accounts 1..5: the actors' ids */
		fixture_user(s, pool_printf(p, "user%d", i), ROLE_READER, "UNODC", NULL);
	assert_int_equal(legislation_import_doc(s, &fp_ug, d, ST_DRAFT, NULL, &id, &n, &e),
			 ERR_FORBIDDEN);	/* a Kenyan law */
	assert_non_null(strstr(e.msg, "their own country"));
	err_clear(&e);
	assert_int_equal(legislation_import_doc(s, &fp_ke, d, ST_PUBLISHED, NULL, &id, &n, &e),
			 ERR_FORBIDDEN);	/* no skipping the review */
	err_clear(&e);
	assert_int_equal(legislation_import_doc(s, &cur, d, ST_DRAFT, "PURPLE", &id, &n, &e),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "tlp"));
	err_clear(&e);
	if (legislation_import_doc(s, &fp_ke, d, ST_SUBMITTED, "AMBER", &id, &n, &e))
		fail_msg("import: %s", e.msg);
	assert_int_equal(store_record_get(s, p, id, &rec, &e), ERR_OK);
	assert_string_equal(rec->tlp, "AMBER");
	assert_int_equal(rec->status, ST_SUBMITTED);
	assert_int_equal(rec->owner_org, 2);	/* the focal point's organisation */
	doc_free(d);
	d = make_act(1);
	d->work_uri = "/akn/ug/act/2011/2";
	d->country = "UG";
	assert_int_equal(legislation_import_doc(s, &cur, d, ST_PUBLISHED, NULL, &id, &n, &e),
			 ERR_OK);
	assert_int_equal(store_record_get(s, p, id, &rec, &e), ERR_OK);
	assert_string_equal(rec->tlp, "CLEAR");
	doc_free(d);
	pool_free(p);
	store_close(s);
}

/* With no language asked, the version in the work's language is preferred. */
static void test_as_of_prefers_work_language(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct doc *fr = make_act(1), *en = make_act(1);
	struct expression *x;
	struct work *w;
	long long id;
	struct err e;

	(void)state;
	fr->work_uri = "/akn/sn/loi/2008/11";
	fr->country = "SN";
	fr->language = "fra";
	fr->title = "Loi sur la cybercriminalité";
	en->work_uri = fr->work_uri;
	en->country = "SN";
	en->title = "Law on cybercrime";
	id = import_ok(s, fr, ST_DRAFT, NULL);
	assert_int_equal(import_ok(s, en, ST_DRAFT, NULL), id);
	assert_int_equal(legislation_get_id(s, p, id, &w, NULL), ERR_OK);
	assert_string_equal(w->rec.language, "fr");
	err_clear(&e);
	assert_int_equal(legislation_as_of(s, p, id, NULL, "2019-01-01", &x, &e), ERR_OK);
	assert_string_equal(x->language, "fra");
	doc_free(fr);
	doc_free(en);
	pool_free(p);
	store_close(s);
}

static void test_reimport_replaces(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct doc *v1 = make_act(1), *again = make_act(1);
	struct expression *x, *xs;
	struct provision *pv;
	struct revision *rv;
	size_t n, n1;
	long long id;
	struct err e;

	(void)state;
	id = import_ok(s, v1, ST_DRAFT, &n1);
	assert_int_equal(import_ok(s, v1, ST_DRAFT, &n), id);
	assert_int_equal(n, n1);
	assert_int_equal(legislation_expressions(s, p, id, &xs, &n, NULL), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(xs[0].provision_count, (int)n1);
	assert_int_equal(legislation_provisions(s, p, xs[0].id, &pv, &n, NULL), ERR_OK);
	check_provisions(v1, pv, n);

	/* a corrected text of the same version replaces the old one */
	again->root->last->last->text = "Corrected text of section 16.";
	doc_add(again, again->root, "schedule", "sched_1", NULL, "Schedule", "Forms.", 20);
	assert_int_equal(import_ok(s, again, ST_DRAFT, &n), id);
	assert_int_equal(n, n1 + 1);
	assert_int_equal(legislation_expressions(s, p, id, &xs, &n, NULL), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(legislation_provisions(s, p, xs[0].id, &pv, &n, NULL), ERR_OK);
	check_provisions(again, pv, n);
	err_clear(&e);
	assert_int_equal(legislation_provision(s, p, xs[0].id, "part_2__sec_16", &pv, &e), ERR_OK);
	assert_string_equal(pv->text, "Corrected text of section 16.");

	/* ... and a shorter one drops what it lacks */
	assert_int_equal(import_ok(s, v1, ST_DRAFT, &n), id);
	assert_int_equal(legislation_expression(s, p, id, "eng", "2018-05-30", &x, NULL), ERR_OK);
	assert_int_equal(x->provision_count, (int)n1);
	err_clear(&e);
	assert_int_equal(legislation_provision(s, p, x->id, "sched_1", &pv, &e), ERR_NOTFOUND);

	/* re-importing a published work keeps the earlier state as a revision */
	err_clear(&e);
	assert_int_equal(record_set_status(s, &fixture_local, id, ST_SUBMITTED, NULL, &e), ERR_OK);
	assert_int_equal(record_set_status(s, &fixture_local, id, ST_PUBLISHED, NULL, &e), ERR_OK);
	assert_int_equal(record_revisions(s, p, &fixture_local, id, &rv, &n, NULL), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(import_ok(s, v1, ST_DRAFT, NULL), id);
	{
		struct record *r;

		assert_int_equal(record_get(s, p, id, &r, NULL), ERR_OK);
		assert_int_equal(r->revision, 2);
		assert_int_equal(r->status, ST_PUBLISHED);	/* not the import's status */
	}
	assert_int_equal(record_revisions(s, p, &fixture_local, id, &rv, &n, NULL), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(fixture_count(s, -1), 1);
	doc_free(v1);
	doc_free(again);
	pool_free(p);
	store_close(s);
}

static void test_duplicate_eids(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct doc *d = doc_new();
	struct doc_node *sec;
	struct expression *x;
	struct provision *pv;
	size_t n, np;
	long long id;

	(void)state;
	d->work_uri = "/akn/ng/act/2015/17";
	d->country = "NG";
	d->title = "Cybercrimes (Prohibition, Prevention, etc.) Act, 2015";
	d->language = "eng";
	d->date = "2015-05-15";	/* no expr_date: the work's date */
	sec = doc_add(d, NULL, "section", "sec_1", "1", "Objectives", "one", 1);
	doc_add(d, sec, "subsection", "sec_1__subsec_1", "(1)", NULL, "a", 2);
	doc_add(d, sec, "subsection", "sec_1__subsec_1", "(1)", NULL, "b", 3);	/* typo */
	doc_add(d, NULL, "section", "sec_1", "1", "Objectives again", "two", 4);
	doc_add(d, NULL, "section", "sec_1__dup2", "1A", "Looks like a duplicate", "three", 5);
	doc_add(d, NULL, "section", "sec_1", "1", "Third", "four", 6);
	doc_add(d, NULL, "section", "", "2", "No eid", "five", 7);
	doc_add(d, NULL, "section", "sec_3", "3", "Last", "six", 8);
	id = import_ok(s, d, ST_DRAFT, &np);
	assert_int_equal(np, 8);
	assert_int_equal(legislation_as_of(s, p, id, NULL, NULL, &x, NULL), ERR_OK);
	assert_string_equal(x->date, "2015-05-15");
	assert_int_equal(legislation_provisions(s, p, x->id, &pv, &n, NULL), ERR_OK);
	assert_int_equal(n, 8);
	assert_string_equal(pv[0].eid, "sec_1");
	assert_string_equal(pv[1].eid, "sec_1__subsec_1");
	assert_string_equal(pv[2].eid, "sec_1__subsec_1__dup2");
	assert_string_equal(pv[2].text, "b");
	assert_int_equal(pv[2].parent_id, pv[0].id);
	assert_string_equal(pv[3].eid, "sec_1__dup2");
	assert_string_equal(pv[3].heading, "Objectives again");
	/* the source's own "sec_1__dup2" is taken: it gets the next suffix */
	assert_string_equal(pv[4].eid, "sec_1__dup2__dup2");
	assert_string_equal(pv[4].heading, "Looks like a duplicate");
	assert_string_equal(pv[5].eid, "sec_1__dup3");
	assert_string_equal(pv[5].text, "four");
	assert_true(pv[6].eid[0] != '\0');	/* an eid is never empty */
	assert_string_equal(pv[6].text, "five");
	assert_string_equal(pv[7].eid, "sec_3");
	/* every eid distinct */
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			assert_true(strcmp(pv[i].eid, pv[k].eid) != 0);
	doc_free(d);
	pool_free(p);
	store_close(s);
}

static void test_import_invalid(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct doc *d;
	struct work *w;
	long long id = 0;
	size_t n = 99, before;
	struct err e;

	(void)state;
	d = make_act(1);
	import_ok(s, d, ST_DRAFT, NULL);
	doc_free(d);
	before = fixture_count(s, -1);
	assert_int_equal(before, 1);

	for (int which = 0; which < 9; which++) {
		d = make_act(1);
		d->work_uri = "/akn/za/act/2020/19";
		d->country = "ZA";
		switch (which) {
		case 0: d->work_uri = NULL; break;
		case 1: d->work_uri = ""; break;
		case 2: d->title = NULL; break;
		case 3: d->title = ""; break;
		case 4: d->date = NULL; d->expr_date = NULL; break;
		case 5: d->expr_date = "2020-02-30"; break;
		case 6: d->work_uri = "/akn/zz/act/2020/19"; d->country = NULL; break;
		case 7: d->country = "KE"; break;	/* does not match the URI */
		case 8: d->title = "Bad \xff title"; break;
		}
		err_clear(&e);
		n = 99;
		if (legislation_import_doc(s, &fixture_local, d, ST_DRAFT, NULL, &id, &n, &e) != ERR_INVALID)
			print_error("case %d: accepted (%s)\n", which, e.msg);
		assert_int_equal(e.code, ERR_INVALID);
		assert_true(e.msg[0] != '\0');
		assert_int_equal(n, 0);
		doc_free(d);
		assert_int_equal(fixture_count(s, -1), before);
	}
	err_clear(&e);
	assert_int_equal(legislation_get(s, p, "/akn/za/act/2020/19", &w, &e), ERR_NOTFOUND);
	pool_free(p);
	store_close(s);
}

static void test_judgment_case(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct doc *d = doc_new();
	struct doc_node *m;
	struct caselaw *c;
	struct work *w;
	struct expression *x;
	struct provision *pv;
	size_t n, np;
	long long id;

	(void)state;
	d->kind = DOC_JUDGMENT;
	d->work_uri = "/akn/za/judgment/zasca/2008/134";
	d->country = "ZA";
	d->date = "2008-11-26";
	d->title = "Fourway Haulage SA (Pty) Ltd v SA National Roads Agency Ltd";
	d->language = "eng";
	d->court = "Supreme Court of Appeal";
	d->citation = "[2008] ZASCA 134";
	d->parties = "Fourway Haulage SA (Pty) Ltd v SA National Roads Agency Ltd";
	d->summary = "Delict — pure economic loss";
	d->outcome = "Appeal dismissed with costs";
	doc_add(d, NULL, "introduction", "introduction", NULL, NULL, "BRAND JA:", 1);
	m = doc_add(d, NULL, "motivation", "motivation", NULL, NULL, NULL, 2);
	doc_add(d, m, "paragraph", "para_1", "[1]", NULL, "The appellant claims.", 3);
	doc_add(d, m, "paragraph", "para_2", "[2]", NULL, "It fails.", 4);
	doc_add(d, NULL, "decision", "decision", NULL, NULL, "Dismissed.", 5);
	id = import_ok(s, d, ST_PUBLISHED, &np);
	assert_int_equal(np, 5);

	assert_int_equal(caselaw_get(s, p, id, &c, NULL), ERR_OK);
	assert_int_equal(c->rec.kind, REC_CASE);
	assert_int_equal(c->rec.status, ST_PUBLISHED);
	assert_string_equal(c->rec.country, "ZA");
	assert_string_equal(c->rec.title, d->title);
	assert_string_equal(c->court, "Supreme Court of Appeal");
	assert_string_equal(c->citation, "[2008] ZASCA 134");
	assert_string_equal(c->decided, "2008-11-26");
	assert_string_equal(c->parties, d->parties);
	assert_string_equal(c->summary, d->summary);
	assert_string_equal(c->outcome, d->outcome);
	assert_string_equal(c->work_uri, "/akn/za/judgment/zasca/2008/134");

	/* its text is a work of type judgment */
	assert_int_equal(legislation_get_id(s, p, id, &w, NULL), ERR_OK);
	assert_string_equal(w->type, "judgment");
	assert_int_equal(w->rec.kind, REC_CASE);
	assert_int_equal(legislation_as_of(s, p, id, NULL, "2009-01-01", &x, NULL), ERR_OK);
	assert_string_equal(x->date, "2008-11-26");
	assert_int_equal(legislation_provisions(s, p, x->id, &pv, &n, NULL), ERR_OK);
	check_provisions(d, pv, n);
	{
		struct doc *back;

		assert_int_equal(legislation_to_doc(s, w, x, &back, NULL), ERR_OK);
		assert_int_equal(back->kind, DOC_JUDGMENT);
		check_same_tree(d, back);
		doc_free(back);
	}
	/* listed among cases, not among legislation */
	{
		struct record_query q = { REC_CASE, NULL, -1, NULL, 0, 0, 0, 0 };
		struct caselaw *cs;
		struct work *ws;

		assert_int_equal(caselaw_list(s, p, &q, &cs, &n, NULL), ERR_OK);
		assert_int_equal(n, 1);
		q.kind = REC_LEGISLATION;
		assert_int_equal(legislation_list(s, p, NULL, &q, &ws, &n, NULL), ERR_OK);
		assert_int_equal(n, 0);
	}
	doc_free(d);
	pool_free(p);
	store_close(s);
}

/* ---- mappings ---- */

static const struct mapping *find_mapping(const struct mapping *ms, size_t n, const char *eid,
					  const char *instrument, int article)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ms[i].eid, eid) && !strcmp(ms[i].instrument, instrument) &&
		    ms[i].article == article)
			return &ms[i];
	return NULL;
}

static void test_mapping_set(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct doc *v1 = make_act(1), *v2 = make_act(2);
	struct mapping *ms, m;
	const struct mapping *got;
	size_t n;
	long long id;
	struct err e;

	(void)state;
	id = import_ok(s, v1, ST_DRAFT, NULL);
	import_ok(s, v2, ST_DRAFT, NULL);

	err_clear(&e);
	if (mapping_set(s, &fixture_local, id, "part_2__sec_14", "coe-185", 2, "accepted", "full",
			"Mirrors article 2", &e))
		print_error("mapping_set: %s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_14", "un-cc", 7, "accepted",
				     "partial", NULL, &e), ERR_OK);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_16", "coe-185", 3, "rejected",
				     NULL, "interference, not interception", &e), ERR_OK);
	/* an extent given with a suggestion is dropped */
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_16", "coe-185", 5, "suggested",
				     "full", NULL, &e), ERR_OK);
	/* a provision only in the newer version */
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_15", "coe-185", 2, "accepted",
				     "partial", NULL, &e), ERR_OK);
	assert_int_equal(e.code, ERR_OK);

	assert_int_equal(mapping_list_work(s, p, id, &ms, &n, NULL), ERR_OK);
	assert_int_equal(n, 5);
	got = find_mapping(ms, n, "part_2__sec_14", "coe-185", 2);
	assert_non_null(got);
	assert_string_equal(got->state, "accepted");
	assert_string_equal(got->extent, "full");
	assert_string_equal(got->comment, "Mirrors article 2");
	assert_string_equal(got->work_uri, KE_ACT);
	assert_string_equal(got->country, "KE");
	assert_string_equal(got->heading, "Unauthorised access to computer material");
	assert_string_equal(got->num, "14");
	got = find_mapping(ms, n, "part_2__sec_14", "un-cc", 7);
	assert_non_null(got);
	assert_string_equal(got->extent, "partial");
	got = find_mapping(ms, n, "part_2__sec_16", "coe-185", 3);
	assert_non_null(got);
	assert_string_equal(got->state, "rejected");
	assert_null(got->extent);
	got = find_mapping(ms, n, "part_2__sec_16", "coe-185", 5);
	assert_non_null(got);
	assert_string_equal(got->state, "suggested");
	assert_null(got->extent);

	/* refused, and nothing changes */
	err_clear(&e);
	assert_int_not_equal(mapping_set(s, &fixture_local, id, "part_2__sec_14", "coe-185", 99,
					 "accepted", "full", NULL, &e), ERR_OK);
	assert_non_null(strstr(e.msg, "99"));
	err_clear(&e);
	assert_int_not_equal(mapping_set(s, &fixture_local, id, "part_2__sec_14", "un-cc", 999,
					 "accepted", "full", NULL, &e), ERR_OK);
	err_clear(&e);
	assert_int_not_equal(mapping_set(s, &fixture_local, id, "part_2__sec_14", "xx-1", 2, "accepted",
					 "full", NULL, &e), ERR_OK);
	err_clear(&e);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_9__sec_99", "coe-185", 2, "accepted",
				     "full", NULL, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "part_9__sec_99"));
	err_clear(&e);
	assert_int_equal(mapping_set(s, &fixture_local, id, NULL, "coe-185", 2, "accepted", "full", NULL,
				     &e), ERR_INVALID);
	err_clear(&e);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_16", "coe-185", 4, "accepted",
				     NULL, NULL, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "full or partial"));
	err_clear(&e);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_16", "coe-185", 4, "accepted",
				     "mostly", NULL, &e), ERR_INVALID);
	err_clear(&e);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_16", "coe-185", 4, "maybe",
				     NULL, NULL, &e), ERR_INVALID);
	err_clear(&e);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_16", "coe-185", 4, NULL, NULL,
				     NULL, &e), ERR_INVALID);
	err_clear(&e);
	assert_int_equal(mapping_set(s, &fixture_local, id + 100, "part_2__sec_16", "coe-185", 4,
				     "accepted", "full", NULL, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(mapping_set(s, &fixture_visitor, id, "part_2__sec_16", "coe-185", 4, "accepted",
				     "full", NULL, &e), ERR_FORBIDDEN);
	{
		char *big = malloc(2002);

		memset(big, 'c', 2001);
		big[2001] = '\0';
		err_clear(&e);
		assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_16", "coe-185", 4,
					     "accepted", "full", big, &e), ERR_INVALID);
		free(big);
	}
	assert_int_equal(mapping_list_work(s, p, id, &ms, &n, NULL), ERR_OK);
	assert_int_equal(n, 5);

	/* a suggestion never overrides a curator's decision */
	memset(&m, 0, sizeof(m));
	m.work_id = id;
	m.eid = "part_2__sec_14";
	m.instrument = "coe-185";
	m.article = 2;
	m.state = "suggested";
	m.score = 0.9;
	m.reason = "heading: \"unauthorised access\"";
	err_clear(&e);
	assert_int_equal(store_mapping_put(s, &m, "2030-01-01T00:00:00Z", "ccrepo", &e), ERR_OK);
	m.eid = "part_2__sec_16";
	m.article = 3;	/* rejected */
	assert_int_equal(store_mapping_put(s, &m, "2030-01-01T00:00:00Z", "ccrepo", &e), ERR_OK);
	assert_int_equal(mapping_list_work(s, p, id, &ms, &n, NULL), ERR_OK);
	assert_int_equal(n, 5);
	got = find_mapping(ms, n, "part_2__sec_14", "coe-185", 2);
	assert_string_equal(got->state, "accepted");
	assert_string_equal(got->extent, "full");
	assert_string_equal(got->comment, "Mirrors article 2");
	got = find_mapping(ms, n, "part_2__sec_16", "coe-185", 3);
	assert_string_equal(got->state, "rejected");

	/* but a curator may change their mind */
	err_clear(&e);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_14", "coe-185", 2, "accepted",
				     "partial", NULL, &e), ERR_OK);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_16", "coe-185", 5, "rejected",
				     NULL, NULL, &e), ERR_OK);
	assert_int_equal(mapping_list_work(s, p, id, &ms, &n, NULL), ERR_OK);
	assert_string_equal(find_mapping(ms, n, "part_2__sec_14", "coe-185", 2)->extent,
			    "partial");
	assert_string_equal(find_mapping(ms, n, "part_2__sec_16", "coe-185", 5)->state,
			    "rejected");
	doc_free(v1);
	doc_free(v2);
	pool_free(p);
	store_close(s);
}

static void test_mapping_suggest(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct doc *v1 = make_act(1);
	struct mapping *ms;
	const struct mapping *got;
	size_t n, ns;
	long long id;
	struct err e;

	(void)state;
	id = import_ok(s, v1, ST_DRAFT, NULL);
	/* a curator already rejected un-cc/7 for section 14 */
	err_clear(&e);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_14", "un-cc", 7, "rejected",
				     NULL, "too narrow", &e), ERR_OK);
	err_clear(&e);
	if (mapping_suggest_work(s, &fixture_local, id, &ns, &e))
		print_error("mapping_suggest_work: %s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	assert_true(ns >= 2);
	assert_int_equal(mapping_list_work(s, p, id, &ms, &n, NULL), ERR_OK);
	got = find_mapping(ms, n, "part_2__sec_14", "coe-185", 2);
	assert_non_null(got);
	assert_string_equal(got->state, "suggested");
	assert_null(got->extent);
	assert_true(got->score > 0 && got->score < 1);
	assert_non_null(got->reason);
	assert_non_null(strstr(got->reason, "unauthorised access"));
	got = find_mapping(ms, n, "part_2__sec_14", "un-cc", 7);
	assert_non_null(got);
	assert_string_equal(got->state, "rejected");	/* not overridden */
	assert_string_equal(got->comment, "too narrow");
	/* the short title says nothing about any article */
	for (size_t i = 0; i < n; i++)
		assert_string_not_equal(ms[i].eid, "part_1__sec_1");

	/* accepting a suggestion, then suggesting again, keeps it accepted */
	err_clear(&e);
	assert_int_equal(mapping_set(s, &fixture_local, id, "part_2__sec_14", "coe-185", 2, "accepted",
				     "full", NULL, &e), ERR_OK);
	assert_int_equal(mapping_suggest_work(s, &fixture_local, id, &ns, &e), ERR_OK);
	assert_int_equal(mapping_list_work(s, p, id, &ms, &n, NULL), ERR_OK);
	got = find_mapping(ms, n, "part_2__sec_14", "coe-185", 2);
	assert_string_equal(got->state, "accepted");
	assert_string_equal(got->extent, "full");

	/* a remote actor may not ask for suggestions */
	err_clear(&e);
	assert_int_equal(mapping_suggest_work(s, &fixture_visitor, id, &ns, &e), ERR_FORBIDDEN);
	doc_free(v1);
	pool_free(p);
	store_close(s);
}

/* Counts the rows mapping_load_tsv reports, and keeps the last. */
struct bad_rows {
	int n;
	size_t line;
	char msg[512];
};

static void bad_row(void *ud, size_t line, const struct err *why)
{
	struct bad_rows *b = ud;

	b->n++;
	b->line = line;
	snprintf(b->msg, sizeof(b->msg), "%s", why->msg);
}

/* A curator's decision by work URI and "instrument/number", and a file of them. */
static void test_mapping_decide_and_load(void **state)
{
	static const char file[] =
		"# work\teid\tarticle\tjudgment\tnote\n"
		KE_ACT "\tpart_2__sec_14\tcoe-185/2\tfull\tunauthorised access\n"	/* 2 */
		KE_ACT "\tpart_2__sec_16\tcoe-185/4\tpartial\n"			/* 3 */
		"\n"
		KE_ACT "\tpart_2__sec_16\tcoe-185/3\tnone\tinterference, not interception\n"
		KE_ACT "\t*\t-\tscope\tall judged\n"
		"/akn/zz/act/1\tsec_1\tun-cc/7\tfull\tno such work\n"			/* 7 */
		KE_ACT "\tpart_2__sec_14\tun-cc/7\tmostly\tbad judgment\n"		/* 8 */
		KE_ACT "\tpart_2__sec_14\n"							/* 9 */
		KE_ACT "\tpart_2__sec_14\tun-cc\tfull\tno number\n"			/* 10 */
		KE_ACT "\tpart_9__sec_99\tun-cc/7\tfull\tno such eId\r\n";		/* 11 */
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct doc *v1 = make_act(1);
	struct mapping *ms;
	const struct mapping *got;
	struct mapping_load n;
	struct bad_rows b = { 0 };
	size_t nm;
	long long id;
	struct err e;
	char *big;

	(void)state;
	id = import_ok(s, v1, ST_DRAFT, NULL);

	/* one decision */
	err_clear(&e);
	assert_int_equal(mapping_decide(s, &fixture_local, KE_ACT, "part_2__sec_14", "un-cc/7",
					"partial", "narrower", &e), ERR_OK);
	assert_int_equal(mapping_decide(s, &fixture_local, KE_ACT, "part_2__sec_16", "un-cc/8",
					"reject", "", &e), ERR_OK);
	assert_int_equal(mapping_list_work(s, p, id, &ms, &nm, NULL), ERR_OK);
	got = find_mapping(ms, nm, "part_2__sec_14", "un-cc", 7);
	assert_non_null(got);
	assert_string_equal(got->state, "accepted");
	assert_string_equal(got->extent, "partial");
	assert_string_equal(got->comment, "narrower");
	got = find_mapping(ms, nm, "part_2__sec_16", "un-cc", 8);
	assert_string_equal(got->state, "rejected");
	assert_null(got->extent);
	assert_null(got->comment);	/* an empty comment is none */
	err_clear(&e);
	assert_int_equal(mapping_decide(s, &fixture_local, "/akn/zz/act/1", "sec_1", "un-cc/7",
					"full", NULL, &e), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "/akn/zz/act/1"));
	err_clear(&e);
	assert_int_equal(mapping_decide(s, &fixture_local, KE_ACT, "part_2__sec_14", "un-cc/7",
					"accepted", NULL, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "full, partial or reject"));
	err_clear(&e);
	assert_int_equal(mapping_decide(s, &fixture_local, KE_ACT, "part_2__sec_14", "un-cc/x",
					"full", NULL, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "instrument/number"));
	err_clear(&e);
	assert_int_equal(mapping_decide(s, &fixture_local, KE_ACT, "part_2__sec_14", "/7", "full",
					NULL, &e), ERR_INVALID);
	err_clear(&e);
	assert_int_equal(mapping_decide(s, &fixture_visitor, KE_ACT, "part_2__sec_14", "un-cc/7",
					"full", NULL, &e), ERR_FORBIDDEN);

	/* a file: good rows stored, none and scope skipped, bad ones reported by line */
	err_clear(&e);
	assert_int_equal(mapping_load_tsv(s, &fixture_local, file, sizeof(file) - 1, 0, bad_row, &b,
					  &n, &e), ERR_OK);
	assert_int_equal(n.stored, 2);
	assert_int_equal(n.skipped, 2);
	assert_int_equal(n.bad, 5);
	assert_int_equal(b.n, 5);
	assert_int_equal(b.line, 11);
	assert_non_null(strstr(b.msg, "part_9__sec_99"));
	assert_int_equal(mapping_list_work(s, p, id, &ms, &nm, NULL), ERR_OK);
	got = find_mapping(ms, nm, "part_2__sec_14", "coe-185", 2);
	assert_string_equal(got->extent, "full");
	assert_string_equal(got->comment, "unauthorised access");
	got = find_mapping(ms, nm, "part_2__sec_16", "coe-185", 4);
	assert_string_equal(got->extent, "partial");
	assert_null(got->comment);
	assert_null(find_mapping(ms, nm, "part_2__sec_16", "coe-185", 3));

	/* strict: the first bad row stops it and nothing is stored */
	{
		static const char strict[] =
			KE_ACT "\tpart_2__sec_16\tcoe-185/5\tfull\tstored, then rolled back\n"
			KE_ACT "\tpart_2__sec_14\tcoe-185/99\tfull\tno such article\n"
			KE_ACT "\tpart_2__sec_14\tcoe-185/6\tfull\tnot reached\n";

		memset(&b, 0, sizeof(b));
		err_clear(&e);
		assert_int_not_equal(mapping_load_tsv(s, &fixture_local, strict, sizeof(strict) - 1,
						      1, bad_row, &b, &n, &e), ERR_OK);
		assert_non_null(strstr(e.msg, "line 2: "));
		assert_int_equal(b.n, 1);
		assert_int_equal(n.stored, 0);
		assert_int_equal(mapping_list_work(s, p, id, &ms, &nm, NULL), ERR_OK);
		assert_null(find_mapping(ms, nm, "part_2__sec_16", "coe-185", 5));
		assert_null(find_mapping(ms, nm, "part_2__sec_14", "coe-185", 6));
	}

	/* the file as a whole: its size, its encoding; a reader may not map */
	big = calloc(1, LIMIT_MAPPING_FILE + 1);
	memset(big, '#', LIMIT_MAPPING_FILE + 1);
	err_clear(&e);
	assert_int_equal(mapping_load_tsv(s, &fixture_local, big, LIMIT_MAPPING_FILE + 1, 0, NULL,
					  NULL, &n, &e), ERR_TOOLARGE);
	free(big);
	err_clear(&e);
	assert_int_equal(mapping_load_tsv(s, &fixture_local, "\xff\n", 2, 0, NULL, NULL, &n, &e),
			 ERR_INVALID);
	memset(&b, 0, sizeof(b));
	err_clear(&e);
	assert_int_equal(mapping_load_tsv(s, &fixture_visitor, file, sizeof(file) - 1, 0, bad_row,
					  &b, &n, &e), ERR_OK);
	assert_int_equal(n.stored, 0);
	assert_int_equal(n.bad, 7);
	doc_free(v1);
	pool_free(p);
	store_close(s);
}

static void test_mapping_list_article(void **state)
{
	static const struct {
		const char *uri, *country, *title;
	} acts[] = {
		{ "/akn/za/act/2020/19", "ZA", "Cybercrimes Act, 2020" },
		{ "/akn/ke/act/2018/5", "KE", "Computer Misuse and Cybercrimes Act, 2018" },
		{ "/akn/uk/act/1990/18", "GB", "Computer Misuse Act 1990" },
		{ "/akn/ng/act/2015/17", "NG", "Cybercrimes Act, 2015" },
	};
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct mapping *ms;
	long long ids[4];
	size_t n;
	struct err e;

	(void)state;
	for (int i = 0; i < 4; i++) {
		struct doc *d = make_act(1);

		d->work_uri = acts[i].uri;
		d->country = acts[i].country;
		d->title = acts[i].title;
		ids[i] = import_ok(s, d, ST_DRAFT, NULL);
		doc_free(d);
	}
	err_clear(&e);
	for (int i = 0; i < 3; i++)	/* NG's is only suggested */
		assert_int_equal(mapping_set(s, &fixture_local, ids[i], "part_2__sec_14", "coe-185", 2,
					     "accepted", i == 1 ? "full" : "partial", NULL, &e),
				 ERR_OK);
	assert_int_equal(mapping_set(s, &fixture_local, ids[0], "part_2__sec_16", "coe-185", 2,
				     "accepted", "partial", NULL, &e), ERR_OK);
	assert_int_equal(mapping_set(s, &fixture_local, ids[3], "part_2__sec_14", "coe-185", 2,
				     "suggested", NULL, NULL, &e), ERR_OK);
	assert_int_equal(mapping_set(s, &fixture_local, ids[1], "part_2__sec_16", "coe-185", 2,
				     "rejected", NULL, NULL, &e), ERR_OK);
	assert_int_equal(mapping_set(s, &fixture_local, ids[1], "part_2__sec_16", "coe-185", 5,
				     "accepted", "full", NULL, &e), ERR_OK);
	assert_int_equal(e.code, ERR_OK);

	assert_int_equal(mapping_list_article(s, p, "coe-185", 2, &ms, &n, NULL), ERR_OK);
	assert_int_equal(n, 4);
	/* grouped by country: GB, KE, ZA (two provisions) */
	assert_string_equal(ms[0].country, "GB");
	assert_string_equal(ms[0].work_uri, "/akn/uk/act/1990/18");
	assert_string_equal(ms[0].work_title, "Computer Misuse Act 1990");
	assert_string_equal(ms[1].country, "KE");
	assert_string_equal(ms[1].extent, "full");
	assert_string_equal(ms[2].country, "ZA");
	assert_string_equal(ms[3].country, "ZA");
	assert_string_equal(ms[2].eid, "part_2__sec_14");
	assert_string_equal(ms[3].eid, "part_2__sec_16");
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(ms[i].state, "accepted");
		assert_string_equal(ms[i].instrument, "coe-185");
		assert_int_equal(ms[i].article, 2);
	}
	assert_int_equal(mapping_list_article(s, p, "coe-185", 5, &ms, &n, NULL), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ms[0].heading,
			    "Unauthorised interference with a computer system, program or data");
	assert_int_equal(mapping_list_article(s, p, "un-cc", 7, &ms, &n, NULL), ERR_OK);
	assert_int_equal(n, 0);
	pool_free(p);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uri_valid),
		cmocka_unit_test(test_uri_with_court),
		cmocka_unit_test(test_split_uri),
		cmocka_unit_test(test_import_versions),
		cmocka_unit_test(test_as_of_prefers_work_language),
		cmocka_unit_test(test_import_permissions),
		cmocka_unit_test(test_reimport_replaces),
		cmocka_unit_test(test_duplicate_eids),
		cmocka_unit_test(test_import_invalid),
		cmocka_unit_test(test_judgment_case),
		cmocka_unit_test(test_mapping_set),
		cmocka_unit_test(test_mapping_suggest),
		cmocka_unit_test(test_mapping_decide_and_load),
		cmocka_unit_test(test_mapping_list_article),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
