/* Tests of domain/audit with the SQLite store on temporary files: a chain of entries
 * verifies; an edited detail, a deleted entry, two entries swapped, a changed hash
 * and a changed previous hash are each found and name the first broken entry; the
 * table's triggers refuse UPDATE and DELETE; long texts are cut; list filters; and
 * the domain's writes (records, status, mappings, imports, bundles, accounts, tokens,
 * organisations) leave entries with the right action, actor and target and no
 * secrets. Tampering is done white box, on the test's own connection, with the
 * triggers dropped first, as someone editing the file would. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"

#include "core/log.h"
#include "domain/audit.h"
#include "domain/bundle.h"
#include "domain/legislation.h"
#include "domain/lesson.h"
#include "domain/record.h"
#include "domain/refdata.h"
#include "domain/user.h"
#include "import/doc.h"
#include "store/sqlite/internal.h"
#include "store/store.h"

#define T0 ((time_t)1800000000)	/* 2027-01-15T08:00:00Z */
#define PW "correct horse battery"

static const struct actor curator = { .name = "carla", .local = 1 };


/* Run SQL on the test's connection; the SQLite result code. */
static int sql(struct store *s, const char *text)
{
	return sqlite3_exec(((struct sq *)s)->db, text, NULL, NULL, NULL);
}

static void drop_triggers(struct store *s)
{
	assert_int_equal(sql(s, "DROP TRIGGER audit_log_no_update; "
			     "DROP TRIGGER audit_log_no_delete"), SQLITE_OK);
}

/* Append n entries by "alice" with details "entry 1".."entry n". */
static void append_n(struct store *s, int n)
{
	for (int i = 1; i <= n; i++) {
		struct err e = { 0 };
		char detail[32];

		snprintf(detail, sizeof(detail), "entry %d", i);
		if (audit_append(s, "alice", AUDIT_RECORD_EDIT, "record/1", i % 2 ? NULL
				 : "192.0.2.1", detail, T0 + i, &e))
			print_error("audit_append: %s\n", e.msg);
		assert_int_equal(e.code, ERR_OK);
	}
}

/* audit_verify must find the log broken first at entry bad, saying why. */
static void expect_broken(struct store *s, long long bad, const char *why)
{
	long long checked = -1, first = -1;
	struct err e = { 0 };

	assert_int_equal(audit_verify(s, &checked, &first, &e), ERR_CONFLICT);
	if (first != bad || !strstr(e.msg, why))
		print_error("broken at %lld (%s), expected %lld (%s)\n", first, e.msg, bad, why);
	assert_int_equal(first, bad);
	assert_non_null(strstr(e.msg, why));
	assert_int_equal(checked, bad - 1);
}

static void expect_intact(struct store *s, long long entries)
{
	long long checked = -1, first = -1;
	struct err e = { 0 };

	if (audit_verify(s, &checked, &first, &e))
		print_error("audit_verify: %s (entry %lld)\n", e.msg, first);
	assert_int_equal(e.code, ERR_OK);
	assert_int_equal(checked, entries);
	assert_int_equal(first, 0);
}

/* The newest entry (of action, when non-NULL), in p. */
static struct audit_entry *newest(struct store *s, pool *p, const char *action)
{
	struct audit_filter f = { .action = action };
	struct audit_entry *en;
	struct err e = { 0 };
	size_t n = 0;

	assert_int_equal(audit_list(s, p, &f, 1, 0, &en, &n, &e), ERR_OK);
	if (!n)
		print_error("no %s entry\n", action ? action : "audit");
	assert_int_equal(n, 1);
	return en;
}

static void test_names(void **state)
{
	(void)state;
	for (int a = 0; a < AUDIT_ACTION_COUNT; a++)
		assert_int_equal(audit_action_parse(audit_action_name((enum audit_action)a)), a);
	assert_int_equal(audit_action_parse("record.delete"), -1);
	assert_string_equal(audit_action_name(AUDIT_READ_RESTRICTED), "read.restricted");
	assert_string_equal(audit_action_name(AUDIT_SIGNIN_FAILED), "signin.failed");
}

static void test_chain(void **state)
{
	struct store *s = fixture_db(NULL, 0);
	pool *p = pool_new();
	unsigned char zero[AUDIT_HASH_BYTES] = { 0 }, h[AUDIT_HASH_BYTES];
	struct audit_entry *en;
	struct err e = { 0 };
	size_t n;

	(void)state;
	expect_intact(s, 0);
	append_n(s, 5);
	expect_intact(s, 5);
	assert_int_equal(store_audit_scan(s, p, 0, 10, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 5);
	assert_memory_equal(en[0].prev_hash, zero, AUDIT_HASH_BYTES);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(en[i].id, (long long)i + 1);
		audit_hash(&en[i], h);
		assert_memory_equal(h, en[i].hash, AUDIT_HASH_BYTES);
		if (i)
			assert_memory_equal(en[i].prev_hash, en[i - 1].hash, AUDIT_HASH_BYTES);
	}
	assert_string_equal(en[0].at, "2027-01-15T08:00:01Z");
	assert_string_equal(en[0].actor, "alice");
	assert_string_equal(en[0].action, "record.edit");
	assert_null(en[0].address);
	assert_string_equal(en[1].address, "192.0.2.1");
	assert_string_equal(en[4].detail, "entry 5");
	/* NULL and "" are different texts to the hash */
	en[0].detail = "";
	audit_hash(&en[0], h);
	en[0].detail = NULL;
	audit_hash(&en[0], zero);
	assert_memory_not_equal(h, zero, AUDIT_HASH_BYTES);
	/* a rolled-back transaction takes its entries with it */
	assert_int_equal(store_begin(s, &e), ERR_OK);
	append_n(s, 2);
	store_rollback(s);
	expect_intact(s, 5);
	pool_free(p);
	store_close(s);
}

static void test_append_only(void **state)
{
	struct store *s = fixture_db(NULL, 0);
	struct sq *q = (struct sq *)s;

	(void)state;
	append_n(s, 3);
	assert_int_equal(sql(s, "UPDATE audit_log SET detail = 'x' WHERE id = 2"),
			 SQLITE_CONSTRAINT);
	assert_non_null(strstr(sqlite3_errmsg(q->db), "the audit log is append-only"));
	assert_int_equal(sql(s, "DELETE FROM audit_log WHERE id = 3"), SQLITE_CONSTRAINT);
	assert_non_null(strstr(sqlite3_errmsg(q->db), "the audit log is append-only"));
	assert_int_equal(sql(s, "DELETE FROM audit_log"), SQLITE_CONSTRAINT);
	expect_intact(s, 3);
	store_close(s);
}

static void test_edited_detail(void **state)
{
	struct store *s = fixture_db(NULL, 0);

	(void)state;
	append_n(s, 5);
	drop_triggers(s);
	assert_int_equal(sql(s, "UPDATE audit_log SET detail = 'nothing happened' "
			     "WHERE id = 3"), SQLITE_OK);
	expect_broken(s, 3, "content does not match its hash");
	store_close(s);
}

static void test_edited_fields(void **state)
{
	static const char *const edits[] = {
		"UPDATE audit_log SET actor = 'bob' WHERE id = 2",
		"UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE id = 2",
		"UPDATE audit_log SET address = '198.51.100.7' WHERE id = 2",
		"UPDATE audit_log SET target = NULL WHERE id = 2",
		"UPDATE audit_log SET action = 'record.create' WHERE id = 2",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		struct store *s = fixture_db(NULL, 0);

		append_n(s, 4);
		drop_triggers(s);
		assert_int_equal(sql(s, edits[i]), SQLITE_OK);
		expect_broken(s, 2, "content does not match its hash");
		store_close(s);
	}
}

static void test_deleted(void **state)
{
	struct store *s = fixture_db(NULL, 0);

	(void)state;
	append_n(s, 5);
	drop_triggers(s);
	assert_int_equal(sql(s, "DELETE FROM audit_log WHERE id = 3"), SQLITE_OK);
	expect_broken(s, 3, "missing (the log goes from entry 2 to 4)");
	store_close(s);

	/* the first entry */
	s = fixture_db(NULL, 0);
	append_n(s, 3);
	drop_triggers(s);
	assert_int_equal(sql(s, "DELETE FROM audit_log WHERE id = 1"), SQLITE_OK);
	expect_broken(s, 1, "missing (the log starts at entry 2)");
	store_close(s);

	/* deleted and the later ids renumbered to close the gap */
	s = fixture_db(NULL, 0);
	append_n(s, 5);
	drop_triggers(s);
	assert_int_equal(sql(s, "DELETE FROM audit_log WHERE id = 3; "
			     "UPDATE audit_log SET id = id - 1 WHERE id > 3"), SQLITE_OK);
	expect_broken(s, 3, "previous hash is not the hash of entry 2");
	store_close(s);
}

static void test_reordered(void **state)
{
	struct store *s = fixture_db(NULL, 0);

	(void)state;
	append_n(s, 5);
	drop_triggers(s);
	/* entries 2 and 3 change places, each keeping its own hashes */
	assert_int_equal(sql(s, "UPDATE audit_log SET id = 100 WHERE id = 2; "
			     "UPDATE audit_log SET id = 2 WHERE id = 3; "
			     "UPDATE audit_log SET id = 3 WHERE id = 100"), SQLITE_OK);
	expect_broken(s, 2, "previous hash is not the hash of entry 1");
	store_close(s);
}

static void test_changed_hash(void **state)
{
	struct store *s = fixture_db(NULL, 0);

	(void)state;
	append_n(s, 5);
	drop_triggers(s);
	assert_int_equal(sql(s, "UPDATE audit_log SET hash = zeroblob(32) WHERE id = 4"),
			 SQLITE_OK);
	expect_broken(s, 4, "content does not match its hash");
	store_close(s);

	/* a forged entry with a recomputed own hash still breaks the next link */
	s = fixture_db(NULL, 0);
	append_n(s, 5);
	drop_triggers(s);
	{
		pool *p = pool_new();
		struct audit_entry *en;
		unsigned char h[AUDIT_HASH_BYTES];
		sqlite3_stmt *st;
		size_t n;

		assert_int_equal(store_audit_scan(s, p, 1, 1, &en, &n, NULL), ERR_OK);
		en[0].detail = "forged";
		audit_hash(&en[0], h);
		assert_int_equal(sqlite3_prepare_v2(((struct sq *)s)->db,
			"UPDATE audit_log SET detail = 'forged', hash = ?1 WHERE id = 2", -1,
			&st, NULL), SQLITE_OK);
		sqlite3_bind_blob(st, 1, h, AUDIT_HASH_BYTES, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
		pool_free(p);
	}
	expect_broken(s, 3, "previous hash is not the hash of entry 2");
	store_close(s);

	/* the first entry's previous hash must be zeros */
	s = fixture_db(NULL, 0);
	append_n(s, 2);
	drop_triggers(s);
	assert_int_equal(sql(s, "UPDATE audit_log SET prev_hash = randomblob(32) "
			     "WHERE id = 1"), SQLITE_OK);
	expect_broken(s, 1, "previous hash is not the hash of entry 0");
	store_close(s);
}

/* More entries than audit_verify reads at a time. */
static void test_long_chain(void **state)
{
	struct store *s = fixture_db(NULL, 0);
	struct err e = { 0 };

	(void)state;
	assert_int_equal(store_begin(s, &e), ERR_OK);
	for (int i = 0; i < 2500; i++)
		assert_int_equal(audit_append(s, "bulk", AUDIT_SIGNIN, NULL, NULL, NULL,
					      T0 + i, &e), ERR_OK);
	assert_int_equal(store_commit(s, &e), ERR_OK);
	expect_intact(s, 2500);
	drop_triggers(s);
	assert_int_equal(sql(s, "UPDATE audit_log SET actor = 'x' WHERE id = 2222"),
			 SQLITE_OK);
	expect_broken(s, 2222, "content does not match");
	store_close(s);
}

static void test_list_and_limits(void **state)
{
	struct store *s = fixture_db(NULL, 0);
	pool *p = pool_new();
	struct audit_entry *en;
	struct audit_filter f = { 0 };
	struct err e = { 0 };
	char *big = pool_alloc(p, 5000);
	size_t n;

	(void)state;
	append_n(s, 4);
	assert_int_equal(audit_append(s, "bob", AUDIT_SIGNIN, "user/bob", "203.0.113.9", NULL,
				      T0 + 86400, &e), ERR_OK);
	assert_int_equal(audit_append(s, "bob", AUDIT_RECORD_CREATE, "record/12", NULL, NULL,
				      T0 + 2 * 86400, &e), ERR_OK);
	assert_int_equal(audit_list(s, p, NULL, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 6);
	assert_int_equal(en[0].id, 6);	/* newest first */
	assert_int_equal(en[5].id, 1);
	f.actor = "bob";
	assert_int_equal(audit_list(s, p, &f, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	f.action = "signin";
	assert_int_equal(audit_list(s, p, &f, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(en[0].address, "203.0.113.9");
	memset(&f, 0, sizeof(f));
	f.target = "record/";
	assert_int_equal(audit_list(s, p, &f, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 5);
	f.target = "record/1";
	assert_int_equal(audit_list(s, p, &f, 2, 1, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(en[0].id, 4);
	memset(&f, 0, sizeof(f));
	f.since = "2027-01-16";
	f.until = "2027-01-17";
	assert_int_equal(audit_list(s, p, &f, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(en[0].id, 5);
	/* long texts are cut, not refused; a NULL actor is "unknown" */
	memset(big, 'x', 4999);
	big[4999] = '\0';
	assert_int_equal(audit_append(s, NULL, AUDIT_IMPORT, NULL, NULL, big, T0, &e), ERR_OK);
	en = newest(s, p, "import");
	assert_int_equal(strlen(en->detail), AUDIT_TEXT_MAX);
	assert_string_equal(en->actor, "unknown");
	expect_intact(s, 7);
	pool_free(p);
	store_close(s);
}

/* records_only keeps the entries whose target is a record the caller may read, with
 * the other filters, and drops those about accounts, tokens, exports without a
 * target, look-alikes ("records/", "xrecord/") and records the caller may not read
 * (a RED one for a curator who is not named on it). */
static void test_list_records_only(void **state)
{
	static const char *const tlps[] = { "CLEAR", "CLEAR", "RED" };
	struct store *s = fixture_db(NULL, 0);
	pool *p = pool_new();
	struct audit_entry *en;
	struct audit_filter f = { .records_only = 1 };
	struct clearance cur = { .curator = 1, .user_id = 5 };
	struct err e = { 0 };
	long long id[3];
	const char *targets[9];
	size_t n;

	(void)state;
	for (int i = 0; i < 3; i++) {
		struct record r = { .kind = REC_LESSON, .language = "en", .title = "t",
				    .status = ST_PUBLISHED, .tlp = tlps[i], .revision = 1,
				    .created_at = "2024-01-01T00:00:00Z", .created_by = "ann",
				    .changed_at = "2024-01-01T00:00:00Z", .changed_by = "ann" };

		assert_int_equal(store_record_insert(s, &r, &id[i], &e), ERR_OK);
	}
	targets[0] = pool_printf(p, "record/%lld", id[0]);
	targets[1] = "user/bob";
	targets[2] = NULL;
	targets[3] = "token/0123456789abcdef";
	targets[4] = pool_printf(p, "record/%lld", id[1]);
	targets[5] = "records/3";
	targets[6] = "xrecord/1";
	targets[7] = "record/";
	targets[8] = pool_printf(p, "record/%lld", id[2]);
	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		assert_int_equal(audit_append(s, i % 2 ? "bob" : "alice", i == 4 ?
					      AUDIT_RECORD_STATUS : AUDIT_RECORD_EDIT,
					      targets[i], NULL, NULL, T0 + (time_t)i, &e), ERR_OK);
	assert_int_equal(audit_list(s, p, &f, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 3);		/* the operator reads every record */
	assert_string_equal(en[0].target, targets[8]);
	assert_string_equal(en[1].target, targets[4]);
	assert_string_equal(en[2].target, targets[0]);
	assert_int_equal(store_set_clearance(s, &cur, &e), ERR_OK);
	assert_int_equal(audit_list(s, p, &f, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 2);		/* not the RED record's */
	assert_string_equal(en[0].target, targets[4]);
	/* with the other filters and paging */
	f.actor = "alice";
	assert_int_equal(audit_list(s, p, &f, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	f.action = "record.status";
	assert_int_equal(audit_list(s, p, &f, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(en[0].target, targets[4]);
	memset(&f, 0, sizeof(f));
	f.records_only = 1;
	assert_int_equal(audit_list(s, p, &f, 1, 1, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(en[0].target, targets[0]);
	f.target = "user/";	/* a target filter cannot widen it */
	assert_int_equal(audit_list(s, p, &f, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	/* without it, everything */
	assert_int_equal(audit_list(s, p, NULL, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 9);
	pool_free(p);
	store_close(s);
}

static struct doc *small_act(void)
{
	struct doc *d = doc_new();
	struct doc_node *part;

	d->kind = DOC_LEGISLATION;
	d->work_uri = "/akn/ke/act/2018/5";
	d->country = "KE";
	d->type = "act";
	d->date = "2018-05-16";
	d->title = "Computer Misuse and Cybercrimes Act, 2018";
	d->language = "eng";
	d->expr_date = "2018-05-30";
	part = doc_add(d, NULL, "part", "part_2", "II", "Offences", NULL, 1);
	doc_add(d, part, "section", "part_2__sec_14", "14", "Unauthorised access",
		"A person who causes a computer system to perform a function with intent "
		"to secure access commits an offence.", 2);
	return d;
}

static void test_record_hooks(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct doc *d = small_act();
	struct audit_entry *en;
	struct lesson l;
	struct err e = { 0 };
	long long id = 0, lid = 0;
	size_t nprov, n;
	char target[32];

	(void)state;
	assert_int_equal(legislation_import_doc(s, &curator, d, ST_DRAFT, NULL, &id, &nprov, &e),
			 ERR_OK);
	doc_free(d);
	snprintf(target, sizeof(target), "record/%lld", id);
	en = newest(s, p, "import");
	assert_string_equal(en->actor, "carla");
	assert_string_equal(en->target, target);
	assert_non_null(strstr(en->detail, "/akn/ke/act/2018/5 eng@2018-05-30"));
	assert_non_null(strstr(en->detail, "new record"));

	if (mapping_set(s, &curator, id, "part_2__sec_14", "un-cc", 7, "accepted", "full",
			NULL, &e))
		print_error("mapping_set: %s\n", e.msg);
	assert_int_equal(e.code, ERR_OK);
	en = newest(s, p, "mapping.set");
	assert_string_equal(en->actor, "carla");
	assert_string_equal(en->target, target);
	assert_string_equal(en->detail, "part_2__sec_14 -> un-cc/7: accepted, full");
	/* a refused mapping leaves no entry */
	assert_int_not_equal(mapping_set(s, &curator, id, "part_9", "un-cc", 7, "accepted",
					 "full", NULL, &e), ERR_OK);
	err_clear(&e);

	assert_int_equal(record_set_status(s, &curator, id, ST_SUBMITTED, "ready", &e),
			 ERR_OK);
	en = newest(s, p, "record.status");
	assert_string_equal(en->target, target);
	assert_string_equal(en->detail, "draft -> submitted: ready");
	/* a refused move leaves no entry */
	assert_int_equal(record_set_status(s, &curator, id, ST_WITHDRAWN, NULL, &e),
			 ERR_INVALID);
	err_clear(&e);

	memset(&l, 0, sizeof(l));
	l.rec.country = "KE";
	l.rec.language = "en";
	l.rec.title = "Preserving volatile evidence";
	l.rec.tlp = "AMBER";
	l.topic = "evidence";
	l.body = "Seize devices powered on.";
	assert_int_equal(lesson_save(s, &curator, &l, &lid, &e), ERR_OK);
	en = newest(s, p, "record.create");
	snprintf(target, sizeof(target), "record/%lld", lid);
	assert_string_equal(en->target, target);
	assert_string_equal(en->detail, "lesson, TLP:AMBER");
	l.body = "Seize devices powered on; photograph the screen.";
	assert_int_equal(lesson_save(s, &curator, &l, &lid, &e), ERR_OK);
	en = newest(s, p, "record.edit");
	assert_string_equal(en->target, target);
	assert_string_equal(en->actor, "carla");

	assert_int_equal(audit_list(s, p, NULL, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 5);
	expect_intact(s, 5);
	pool_free(p);
	store_close(s);
}

static void test_bundle_one_entry(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct sbuf b = SBUF_INIT;
	struct record_query q = { -1, NULL, -1, NULL, 0, 0, 0, 0 };
	struct doc *d = small_act();
	const char *bad = "{\"format\": \"ccrepo-bundle\", \"version\": 1, "
			  "\"records\": [{\"type\": \"x\", \"country\": \"KE\", "
			  "\"language\": \"en\", \"title\": \"t\"}]}";
	struct audit_entry *en;
	struct bundle_counts c;
	struct err e = { 0 };
	long long id;
	size_t nprov, n;

	(void)state;
	assert_int_equal(legislation_import_doc(s, &curator, d, ST_DRAFT, NULL, &id, &nprov, &e),
			 ERR_OK);
	doc_free(d);
	assert_int_equal(mapping_set(s, &curator, id, "part_2__sec_14", "un-cc", 7, "accepted",
				     "partial", NULL, &e), ERR_OK);
	assert_int_equal(bundle_export(s, NULL, &q, &b, NULL, &e), ERR_OK);
	store_close(s);

	s = fixture_db(NULL, FIX_REFDATA);
	assert_int_equal(bundle_import(s, &curator, b.buf, b.len, "ke.json", &c, &e), ERR_OK);
	assert_int_equal(audit_list(s, p, NULL, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(en[0].action, "import");
	assert_string_equal(en[0].target, "ke.json");
	assert_string_equal(en[0].actor, "carla");
	assert_non_null(strstr(en[0].detail, "1 legislation"));
	assert_non_null(strstr(en[0].detail, "1 mappings"));
	/* after the bundle, single writes are logged again */
	assert_int_equal(record_set_status(s, &curator, id, ST_SUBMITTED, NULL, &e), ERR_OK);
	newest(s, p, "record.status");
	/* a refused bundle leaves nothing, and does not leave logging off */
	assert_int_not_equal(bundle_import(s, &curator, bad, strlen(bad), "bad.json", &c, &e),
			     ERR_OK);
	assert_non_null(strstr(e.msg, "\"type\" must be"));
	err_clear(&e);
	assert_int_equal(record_set_status(s, &curator, id, ST_DRAFT, NULL, &e), ERR_OK);
	assert_int_equal(audit_list(s, p, NULL, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 3);
	expect_intact(s, 3);
	sbuf_release(&b);
	pool_free(p);
	store_close(s);
}

static void test_account_hooks(void **state)
{
	struct store *s = fixture_db(NULL, FIX_KENYA);
	pool *p = pool_new();
	struct org un = { .name = "UNODC", .kind = ORG_UNODC };
	struct user u = { .username = "Alice", .role = ROLE_CURATOR, .org_name = "UNODC" };
	struct audit_entry *en;
	struct err e = { 0 };
	char *tid, *text;
	size_t n;

	(void)state;
	audit_context_set("root", NULL);
	assert_int_equal(org_add(s, p, &un, &e), ERR_OK);
	en = newest(s, p, "org.add");
	assert_string_equal(en->actor, "root");
	assert_string_equal(en->target, "org/UNODC");

	/* the server sets who acts and from where, per request */
	audit_context_set("admin", "192.0.2.10");
	assert_int_equal(user_add(s, p, &u, PW, T0, &e), ERR_OK);
	en = newest(s, p, "user.add");
	assert_string_equal(en->actor, "admin");
	assert_string_equal(en->address, "192.0.2.10");
	assert_string_equal(en->target, "user/alice");
	assert_string_equal(en->at, "2027-01-15T08:00:00Z");
	/* a refused account leaves no entry */
	assert_int_equal(user_add(s, p, &u, PW, T0, &e), ERR_CONFLICT);
	err_clear(&e);

	assert_int_equal(user_set_password(s, "alice", "another long password", T0 + 5, &e),
			 ERR_OK);
	en = newest(s, p, "user.passwd");
	assert_string_equal(en->target, "user/alice");
	assert_null(en->detail);
	assert_int_equal(user_disable(s, "alice", &e), ERR_OK);
	assert_string_equal(newest(s, p, "user.disable")->target, "user/alice");
	assert_int_equal(user_enable(s, "alice", &e), ERR_OK);
	assert_string_equal(newest(s, p, "user.enable")->target, "user/alice");
	assert_int_equal(user_disable(s, "nobody", &e), ERR_NOTFOUND);
	err_clear(&e);

	assert_int_equal(token_create(s, p, "alice", "nightly", SCOPE_WRITE, T0, &tid, &text,
				      &e), ERR_OK);
	en = newest(s, p, "token.create");
	assert_string_equal(en->target, pool_printf(p, "token/%s", tid));
	assert_string_equal(en->detail, "user alice, scope write");
	assert_int_equal(token_revoke(s, tid, T0 + 9, &e), ERR_OK);
	assert_string_equal(newest(s, p, "token.revoke")->target,
			    pool_printf(p, "token/%s", tid));
	assert_int_equal(token_revoke(s, "0123456789abcdef", T0, &e), ERR_NOTFOUND);
	err_clear(&e);

	/* no secret reaches the log: not the passwords, not the token's secret */
	assert_int_equal(audit_list(s, p, NULL, 0, 0, &en, &n, &e), ERR_OK);
	assert_int_equal(n, 7);
	for (size_t i = 0; i < n; i++) {
		const char *fields[] = { en[i].actor, en[i].target, en[i].address,
					 en[i].detail };

		for (size_t k = 0; k < 4; k++) {
			if (!fields[k])
				continue;
			assert_null(strstr(fields[k], "horse"));
			assert_null(strstr(fields[k], "another long"));
			assert_null(strstr(fields[k], text + 21));
		}
	}
	expect_intact(s, 7);
	audit_context_set(NULL, NULL);
	pool_free(p);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_append_only),
		cmocka_unit_test(test_edited_detail),
		cmocka_unit_test(test_edited_fields),
		cmocka_unit_test(test_deleted),
		cmocka_unit_test(test_reordered),
		cmocka_unit_test(test_changed_hash),
		cmocka_unit_test(test_long_chain),
		cmocka_unit_test(test_list_and_limits),
		cmocka_unit_test(test_list_records_only),
		cmocka_unit_test(test_record_hooks),
		cmocka_unit_test(test_bundle_one_entry),
		cmocka_unit_test(test_account_hooks),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
