/* Tests of domain/kind: the list of kinds and the tables of fields (names once, keys
 * unique, what is searched is indexed), and what a table drives without a database:
 * validation and the JSON both ways. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/caselaw.h"
#include "domain/kind.h"
#include "domain/lesson.h"

/* Each kind is in the list under its own enum value and name. */
static void test_kinds_named_once(void **state)
{
	(void)state;
	for (int k = 0; k < REC_KIND_COUNT; k++) {
		const struct kind *kd = kind_by_id((enum record_kind)k);

		assert_non_null(kd);
		assert_int_equal(kd->id, k);
		assert_ptr_equal(kind_by_name(kd->name), kd);
		assert_int_equal(record_kind_parse(record_kind_name((enum record_kind)k)), k);
	}
	assert_null(kind_by_id(REC_KIND_COUNT));
	assert_null(kind_by_name("contact"));
	assert_string_equal(record_tlp_name(0), "CLEAR");
	assert_string_equal(record_tlp_name(4), "RED");
	assert_null(record_tlp_name(5));
}

/* Keys are unique, at most one list of links (kept in a struct member), a field
 * without a member has a slot in struct record's values. (What is searched is indexed:
 * test_store's test_views_made.) */
static void test_tables(void **state)
{
	(void)state;
	for (int k = 0; k < REC_KIND_COUNT; k++) {
		const struct kind *kd = kind_by_id((enum record_kind)k);
		int links = 0;

		if (!kd->table)
			continue;
		assert_true(kd->size >= sizeof(struct record));
		for (size_t i = 0; i < kd->nfields; i++) {
			const struct kind_field *f = &kd->fields[i];

			links += f->type == KT_LINKS;
			assert_non_null(f->label);
			assert_true(f->max > 0);
			if (f->off || f->type == KT_LINKS)
				assert_true(f->off >= sizeof(struct record) && f->off < kd->size);
			else
				assert_true(i < RECORD_VALUES_MAX);
			for (size_t j = 0; j < i; j++)
				assert_string_not_equal(kd->fields[j].key, f->key);
		}
		assert_true(links <= 1);
	}
}

/* Validation from the table: required, limits, dates, links. */
/* kind_validate with e emptied first (err keeps the first message). */
static int check(const struct kind *k, const void *obj, struct err *e)
{
	memset(e, 0, sizeof(*e));
	return kind_validate(k, obj, e);
}

static void test_validate(void **state)
{
	struct record_link bad[] = { { "ke/act/2018/5", "sec_1" } };
	struct caselaw c = { .rec = { .country = "KE", .language = "en", .title = "R v X" } };
	struct lesson l = { .rec = { .region = "014", .language = "en", .title = "L" } };
	struct err e = { 0 };
	char big[300];

	(void)state;
	assert_int_equal(check(&caselaw_kind, &c, &e), ERR_INVALID);
	assert_string_equal(e.msg, "court is required");
	c.court = "High Court";
	assert_int_equal(check(&caselaw_kind, &c, &e), ERR_OK);
	c.decided = "2020-02-30";
	assert_int_equal(check(&caselaw_kind, &c, &e), ERR_INVALID);
	assert_string_equal(e.msg, "decided must be a date (YYYY-MM-DD)");
	c.decided = "2020-02-29";
	c.applied = bad;
	c.napplied = 1;
	assert_int_equal(check(&caselaw_kind, &c, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "applied"));
	c.napplied = 0;
	assert_int_equal(check(&caselaw_kind, &c, &e), ERR_OK);

	assert_int_equal(check(&lesson_kind, &l, &e), ERR_INVALID);
	assert_string_equal(e.msg, "body is required");
	l.body = "Text";
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	l.topic = big;
	assert_int_equal(check(&lesson_kind, &l, &e), ERR_INVALID);
	assert_string_equal(e.msg, "topic is longer than 200 bytes");
	l.topic = "Training";
	assert_int_equal(check(&lesson_kind, &l, &e), ERR_OK);
}

/* kind_json and back: every field, links included; what the JSON lacks keeps its value,
 * null clears it. */
static void test_json(void **state)
{
	struct record_link links[] = { { "/akn/ke/act/2018/5", "sec_14" } };
	struct caselaw c = { .rec = { .kind = REC_CASE, .country = "KE", .language = "en",
				      .title = "R v X", .tlp = "AMBER" },
			     .court = "High Court", .summary = "Accessed.", .applied = links,
			     .napplied = 1 };
	struct caselaw got = { .rec = { .kind = REC_CASE }, .facts = "kept" };
	pool *p = pool_new();
	struct err e = { 0 };
	json_t *j = kind_json(&caselaw_kind, &c), *patch;

	(void)state;
	assert_string_equal(json_string_value(json_object_get(j, "court")), "High Court");
	assert_true(json_is_null(json_object_get(j, "facts")));
	json_object_del(j, "facts");
	json_object_del(j, "country");	/* no store here to resolve it */
	assert_int_equal(kind_from_json(NULL, p, &caselaw_kind, j, &got, &e), ERR_OK);
	assert_string_equal(got.court, "High Court");
	assert_string_equal(got.summary, "Accessed.");
	assert_string_equal(got.facts, "kept");
	assert_string_equal(got.rec.tlp, "AMBER");
	assert_int_equal(got.napplied, 1);
	assert_string_equal(got.applied[0].eid, "sec_14");
	patch = json_pack("{s:n, s:n}", "summary", "applied");
	assert_int_equal(kind_from_json(NULL, p, &caselaw_kind, patch, &got, &e), ERR_OK);
	assert_null(got.summary);
	assert_int_equal(got.napplied, 0);
	json_decref(patch);
	patch = json_pack("{s:i}", "court", 7);
	assert_int_equal(kind_from_json(NULL, p, &caselaw_kind, patch, &got, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "court"));
	json_decref(patch);
	json_decref(j);
	pool_free(p);
}

/* A field of the table without a struct member (lesson's audience): its value lives in
 * the record's values, validated, in the JSON both ways, kept apart from other
 * records'. */
static void test_field_without_member(void **state)
{
	const struct kind_field *f = NULL;
	struct lesson l = { .rec = { .kind = REC_LESSON, .region = "014", .language = "en",
				     .title = "L" }, .body = "Text" };
	struct lesson other = l, got = { .rec = { .kind = REC_LESSON } };
	char big[1100];
	pool *p = pool_new();
	struct err e = { 0 };
	json_t *j;

	(void)state;
	for (size_t i = 0; i < lesson_kind.nfields; i++)
		if (!strcmp(lesson_kind.fields[i].key, "audience"))
			f = &lesson_kind.fields[i];
	assert_non_null(f);
	assert_int_equal(f->off, 0);
	assert_null(kind_value(&l, f));
	kind_set(&l, f, "prosecutors, judges");
	assert_string_equal(kind_value(&l, f), "prosecutors, judges");
	assert_null(kind_value(&other, f));
	j = kind_json(&lesson_kind, &l);
	assert_string_equal(json_string_value(json_object_get(j, "audience")),
			    "prosecutors, judges");
	json_object_del(j, "country");
	json_object_del(j, "region");
	assert_int_equal(kind_from_json(NULL, p, &lesson_kind, j, &got, &e), ERR_OK);
	assert_string_equal(kind_value(&got, f), "prosecutors, judges");
	assert_string_equal(got.body, "Text");
	json_decref(j);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	kind_set(&l, f, big);
	assert_int_equal(check(&lesson_kind, &l, &e), ERR_INVALID);
	assert_string_equal(e.msg, "audience is longer than 1000 bytes");
	pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_named_once),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_field_without_member),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
