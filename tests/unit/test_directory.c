/* Tests of domain/directory and export/directory: the validators (E.164, e-mail, URL,
 * time zone with path tricks, ISO 639-1), the entry's JSON and the fields its errors
 * name, the vCard writer (escaping, folding at 75 octets without splitting UTF-8,
 * CRLF, parsed back), the staleness rule, the reading rule (public, outsiders,
 * cooperation partners through sharing groups, focal points, curators) with the
 * audit of AMBER reads, and the history of edits and verifications with their
 * permissions. */
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

#include "domain/audit.h"
#include "domain/directory.h"
#include "domain/legislation.h"
#include "import/doc.h"
#include "domain/share.h"
#include "export/directory.h"
#include "store/store.h"

static int ok(int rc, struct err *e)
{
	if (rc)
		print_message("  (%s)\n", e->msg);
	err_clear(e);
	return rc == ERR_OK;
}

static void bad(int rc, struct err *e, const char *field)
{
	assert_int_equal(rc, ERR_INVALID);
	if (field && !strstr(e->msg, field))
		fail_msg("'%s' does not name %s", e->msg, field);
	err_clear(e);
}

static void test_phone(void **state)
{
	static const char *const good[] = { "+254201234567", "+12345678", "+123456789012345" };
	static const char *const no[] = { "254201234567", "+0123456789", "+1234567",
					  "+1234567890123456", "+25420 123456", "", "+",
					  "+2542012345a7", "++254201234567", "+254-201234567" };
	struct err e = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(ok(dir_phone_valid("tel", good[i], &e), &e));
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		bad(dir_phone_valid("channels[0].value", no[i], &e), &e, "channels[0].value");
	bad(dir_phone_valid("tel", NULL, &e), &e, "tel");
}

static void test_email(void **state)
{
	static const char *const good[] = { "247@cyber.go.ke", "a.b+c@x-y.example.org",
					    "o'neil@example.ie" };
	static const char *const no[] = { "a@b", ".a@x.org", "a.@x.org", "a..b@x.org",
					  "a@x..org", "a@-x.org", "a@x-.org", "@x.org", "a b@x.org",
					  "a@x.org\n", "a@", "ab", "a,b@x.org", "a;b@x.org",
					  "a\\b@x.org", "a@x_y.org", "a@.x.org" };
	char longlocal[80];
	struct err e = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(ok(dir_email_valid("email", good[i], &e), &e));
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		bad(dir_email_valid("email", no[i], &e), &e, "email");
	memset(longlocal, 'a', 65);
	strcpy(longlocal + 65, "@x.org");
	bad(dir_email_valid("email", longlocal, &e), &e, "email");
}

static void test_url(void **state)
{
	static const char *const good[] = { "https://portal.cyber.go.ke/requests?x=1&y=2#top",
					    "https://a.bc:8443/", "https://a.bc",
					    "https://a.bc/x%20y/~z", "https://localhost:8080/p" };
	static const char *const no[] = { "http://a.bc", "javascript:alert(1)",
					  "https://a.bc/ x", "https://a..b/", "https://a.bc:0/",
					  "https://a.bc:70000/", "https://a.bc/%zz", "https://",
					  "https://a.bc/\"><script>", "ftp://a.bc", "https://-a.bc/",
					  "https://a.bc:80x/", "https://user@a.bc/" };
	struct err e = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(ok(dir_url_valid("portal", good[i], 0, &e), &e));
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		bad(dir_url_valid("portal", no[i], 0, &e), &e, "portal");
	assert_true(ok(dir_url_valid("url", "http://a.bc/", 1, &e), &e));
}

static void test_timezone(void **state)
{
	static const char *const no[] = { "../etc/passwd", "Europe/Nowhere", "zone.tab",
					  "Africa", "/etc/passwd", "Africa//Nairobi",
					  "Africa/./Nairobi", "Africa/../Africa/Nairobi", "",
					  "Africa/Nairobi/", ".", "..", "Africa/Nairobi\n",
					  "-Africa", "Africa/Nair obi", "iso3166.tab" };
	struct err e = { 0 };
	char root[512], path[600];
	FILE *f;

	(void)state;
	assert_true(ok(dir_timezone_valid(NULL, "timezone", "Africa/Nairobi", &e), &e));
	assert_true(ok(dir_timezone_valid(NULL, "timezone", "UTC", &e), &e));
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		bad(dir_timezone_valid(NULL, "timezone", no[i], &e), &e, "timezone");
	bad(dir_timezone_valid(NULL, "timezone", NULL, &e), &e, "timezone");
	/* a root of our own: a TZif file passes, a text file of the same shape does not,
	 * and a link out of the root to a file that is no zone does not either */
	snprintf(root, sizeof(root), "%s", fixture_path("zones"));
	assert_int_equal(mkdir(root, 0700), 0);
	snprintf(path, sizeof(path), "%s/Good", root);
	assert_non_null(f = fopen(path, "w"));
	fputs("TZif2 and the rest", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/Text", root);
	assert_non_null(f = fopen(path, "w"));
	fputs("# not a zone", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/Link", root);
	assert_int_equal(symlink("/etc/hostname", path), 0);
	assert_true(ok(dir_timezone_valid(root, "timezone", "Good", &e), &e));
	bad(dir_timezone_valid(root, "timezone", "Text", &e), &e, "timezone");
	bad(dir_timezone_valid(root, "timezone", "Link", &e), &e, "timezone");
}

static void test_lang(void **state)
{
	struct err e = { 0 };

	(void)state;
	assert_true(ok(dir_lang_valid("languages[0]", "sw", &e), &e));
	assert_true(ok(dir_lang_valid("languages[0]", "zu", &e), &e));
	bad(dir_lang_valid("languages[0]", "xx", &e), &e, "languages[0]");
	bad(dir_lang_valid("languages[0]", "EN", &e), &e, NULL);
	bad(dir_lang_valid("languages[0]", "eng", &e), &e, NULL);
	bad(dir_lang_valid("languages[0]", "", &e), &e, NULL);
}

/* ---- vCard ---- */

/* Undo RFC 6350 folding: CRLF followed by a space disappears. */
static char *unfold(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	while (*s) {
		if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ') {
			s += 3;
			continue;
		}
		*o++ = *s++;
	}
	*o = 0;
	return out;
}

/* Undo the value escaping. */
static char *unescape(const char *s, size_t n)
{
	char *out = malloc(n + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			*o++ = s[i] == 'n' || s[i] == 'N' ? '\n' : s[i];
		} else {
			*o++ = s[i];
		}
	}
	*o = 0;
	return out;
}

/* Every physical line ends with CRLF, is at most 75 octets, and no continuation
 * starts inside a UTF-8 sequence. */
static void check_lines(const char *s)
{
	const char *line = s;

	while (*line) {
		const char *end = strstr(line, "\r\n");

		assert_non_null(end);
		assert_true(end - line <= 75);
		for (const char *c = line; c < end; c++)
			assert_true(*c != '\r' && *c != '\n');
		if (line != s && line[0] == ' ')
			assert_false(((unsigned char)line[1] & 0xC0) == 0x80);
		line = end + 2;
	}
}

static void test_vcard_escape_fold(void **state)
{
	const char *name = "Unit; Nairobi, \\HQ\nline two\r\nthree";
	struct sbuf b, line;
	char *u, *v;

	(void)state;
	sbuf_init(&b);
	directory_vcard_escape(&b, name);
	assert_string_equal(sbuf_str(&b), "Unit\\; Nairobi\\, \\\\HQ\\nline two\\nthree");
	v = unescape(b.buf, b.len);
	assert_string_equal(v, "Unit; Nairobi, \\HQ\nline two\nthree");
	free(v);
	/* folding: 200 two-byte characters, and a mix with three- and four-byte ones */
	sbuf_reset(&b);
	sbuf_init(&line);
	sbuf_adds(&line, "NOTE:");
	for (int i = 0; i < 200; i++)
		sbuf_adds(&line, i % 3 ? "é" : i % 5 ? "中" : "😀");
	directory_vcard_fold(&b, sbuf_str(&line));
	check_lines(sbuf_str(&b));
	assert_true(b.len > 3 * 75);
	u = unfold(sbuf_str(&b));
	assert_int_equal(strlen(u), line.len + 2);
	assert_memory_equal(u, line.buf, line.len);
	assert_string_equal(u + line.len, "\r\n");
	free(u);
	/* a short line is not folded */
	sbuf_reset(&b);
	directory_vcard_fold(&b, "FN:x");
	assert_string_equal(sbuf_str(&b), "FN:x\r\n");
	sbuf_release(&b);
	sbuf_release(&line);
}

static void test_vcard_entry(void **state)
{
	const char *name = "Unité; \"nationale\", cyber \\ crime\nsecond line — très longue "
			   "pour dépasser soixante-quinze octets sur une seule ligne";
	struct dir_name names[] = { { "fr", name }, { "ar", "وحدة الجرائم السيبرانية" } };
	struct dir_channel ch[] = { { DIR_CH_PHONE, "+254201234567", "duty; officer" },
				    { DIR_CH_PORTAL, "https://p.go.ke/a,b;c", "" } };
	const char *langs[] = { "fr", "ar" };
	struct dir_entry en = { .id = 7, .country = "KE", .kind = DIR_K_247, .tlp = "AMBER",
				.names = names, .nnames = 2, .channels = ch, .nchannels = 2,
				.languages = langs, .nlanguages = 2, .hours = "24/7",
				.timezone = "Africa/Nairobi", .requirements = "a;b,c",
				.basis_text = "", .changed_at = "2026-12-07T10:11:12Z" };
	pool *p = pool_new();
	struct sbuf b;
	char *u, *fn, *end, *v;

	(void)state;
	sbuf_init(&b);
	directory_vcard(&b, p, &en, 1);
	check_lines(sbuf_str(&b));
	u = unfold(sbuf_str(&b));
	assert_true(!strncmp(u, "BEGIN:VCARD\r\nVERSION:4.0\r\n", 26));
	assert_non_null(strstr(u, "END:VCARD\r\n"));
	/* the French name comes back whole (no English: the first name) */
	assert_non_null(fn = strstr(u, "\r\nFN:"));
	fn += 5;
	end = strstr(fn, "\r\n");
	v = unescape(fn, (size_t)(end - fn));
	assert_string_equal(v, name);
	free(v);
	assert_non_null(strstr(u, "TEL;VALUE=uri;TYPE=voice:tel:+254201234567\r\n"));
	assert_non_null(strstr(u, "URL:https://p.go.ke/a%2Cb%3Bc\r\n"));
	assert_non_null(strstr(u, "NOTE:Telephone: duty\\; officer\r\n"));
	assert_non_null(strstr(u, "X-CCREPO-REQUIREMENTS:a\\;b\\,c\r\n"));
	assert_non_null(strstr(u, "TZ;VALUE=text:Africa/Nairobi\r\n"));
	assert_non_null(strstr(u, "REV:20261207T101112Z\r\n"));
	/* no bare LF anywhere */
	for (const char *c = sbuf_str(&b); *c; c++)
		if (*c == '\n')
			assert_int_equal(c[-1], '\r');
	free(u);
	/* only the public part: name and kind, nothing else */
	en.only_public = 1;
	en.nchannels = en.nlanguages = 0;
	en.hours = en.timezone = en.requirements = "";
	sbuf_reset(&b);
	directory_vcard(&b, p, &en, 1);
	assert_null(strstr(sbuf_str(&b), "TEL"));
	assert_null(strstr(sbuf_str(&b), "REV"));
	assert_non_null(strstr(sbuf_str(&b), "X-CCREPO-TLP:CLEAR"));
	sbuf_release(&b);
	pool_free(p);
}

/* ---- staleness ---- */

static void test_stale(void **state)
{
	struct dir_entry en = { .created_at = "2025-01-10T08:00:00Z" };

	(void)state;
	assert_false(dir_stale(&en, "2026-01-09"));
	assert_true(dir_stale(&en, "2026-01-10"));
	en.verified_on = "2025-12-07";
	assert_false(dir_stale(&en, "2026-01-10"));
	assert_false(dir_stale(&en, "2026-12-06"));
	assert_true(dir_stale(&en, "2026-12-07"));
	assert_true(dir_stale(&en, "2030-01-01"));
	en.verified_on = "2024-02-29";
	assert_false(dir_stale(&en, "2025-02-28"));
	assert_true(dir_stale(&en, "2025-03-01"));
	en.verified_on = NULL;
	en.created_at = NULL;
	assert_true(dir_stale(&en, "2026-01-01"));
}

/* ---- the entry's JSON ---- */

static const char *entry_json =
	"{\"country\": \"ke\", \"kind\": \"24x7\", \"public_part\": true,"
	" \"names\": {\"en\": \"National Cybercrime Unit\", \"sw\": \"Kitengo cha Uhalifu\"},"
	" \"articles\": [\"coe-185/35\", \"un-cc/41\"],"
	" \"legal_bases\": [\"coe-185\", \"reciprocity\"],"
	" \"languages\": [\"en\", \"sw\"],"
	" \"channels\": [{\"type\": \"phone\", \"value\": \"+254201234567\"},"
	"  {\"type\": \"email\", \"value\": \"247@cyber.go.ke\", \"note\": \"24/7\"}],"
	" \"hours\": \"24/7\", \"timezone\": \"Africa/Nairobi\","
	" \"requirements\": \"Case reference\\nData to preserve\"}";

/* entry_json with member key replaced by value (JSON text). */
static int parse_with(pool *p, const char *key, const char *value, struct dir_entry *en,
		      struct err *e)
{
	json_t *j = json_loads(entry_json, 0, NULL), *v = value ? json_loads(value,
							 JSON_DECODE_ANY, NULL) : NULL;
	int rc;

	assert_non_null(j);
	if (key)
		json_object_set_new(j, key, v ? v : json_null());
	rc = dir_from_json(p, j, en, e);
	json_decref(j);
	return rc;
}

static void test_json(void **state)
{
	pool *p = pool_new();
	struct dir_entry en;
	struct err e = { 0 };
	char longname[400];
	json_t *back;

	(void)state;
	assert_true(ok(parse_with(p, NULL, NULL, &en, &e), &e));
	assert_string_equal(en.country, "KE");
	assert_string_equal(en.tlp, "AMBER");	/* the default */
	assert_int_equal(en.kind, DIR_K_247);
	assert_int_equal(en.nnames, 2);
	assert_int_equal(en.narticles, 2);
	assert_string_equal(en.articles[1].instrument, "un-cc");
	assert_int_equal(en.articles[1].number, 41);
	assert_int_equal(en.nchannels, 2);
	assert_int_equal(en.channels[1].kind, DIR_CH_EMAIL);
	/* and back: the same values */
	back = dir_to_json(&en);
	assert_string_equal(json_string_value(json_object_get(json_object_get(back, "names"),
							      "sw")), "Kitengo cha Uhalifu");
	json_decref(back);
	/* each error names its field */
	bad(parse_with(p, "channels", "[{\"type\": \"phone\", \"value\": \"0720 123\"}]", &en,
		       &e), &e, "channels[0].value");
	bad(parse_with(p, "channels", "[{\"type\": \"email\", \"value\": \"x@y\"}]", &en, &e),
	    &e, "channels[0].value");
	bad(parse_with(p, "channels", "[{\"type\": \"portal\", \"value\": \"http://x.org\"}]",
		       &en, &e), &e, "channels[0].value");
	bad(parse_with(p, "channels", "[{\"type\": \"fax\", \"value\": \"1\"}]", &en, &e), &e,
	    "channels[0].type");
	bad(parse_with(p, "channels", "[{\"type\": \"phone\"}]", &en, &e), &e, "value");
	bad(parse_with(p, "timezone", "\"../etc/passwd\"", &en, &e), &e, "timezone");
	bad(parse_with(p, "timezone", "\"Europe/Nowhere\"", &en, &e), &e, "timezone");
	bad(parse_with(p, "names", "{}", &en, &e), &e, "names");
	bad(parse_with(p, "names", "{\"xx\": \"A\"}", &en, &e), &e, "names");
	bad(parse_with(p, "names", "{\"en\": \"\"}", &en, &e), &e, "names.en");
	memset(longname, 'a', sizeof(longname) - 1);
	longname[0] = '"';
	longname[sizeof(longname) - 2] = '"';
	longname[sizeof(longname) - 1] = 0;
	bad(parse_with(p, "names", pool_printf(p, "{\"en\": %s}", longname), &en, &e), &e,
	    "names.en");
	bad(parse_with(p, "kind", "\"police\"", &en, &e), &e, "kind");
	bad(parse_with(p, "tlp", "\"RED\"", &en, &e), &e, "tlp");
	bad(parse_with(p, "country", "\"Kenya\"", &en, &e), &e, NULL);
	bad(parse_with(p, "articles", "[\"coe-185\"]", &en, &e), &e, "articles[0]");
	bad(parse_with(p, "articles", "[\"COE-185/35\"]", &en, &e), &e, "articles[0]");
	bad(parse_with(p, "legal_bases", "[\"friendship\"]", &en, &e), &e, "legal_bases[0]");
	bad(parse_with(p, "languages", "[\"english\"]", &en, &e), &e, "languages[0]");
	bad(parse_with(p, "languages", "\"en\"", &en, &e), &e, "languages");
	bad(parse_with(p, "hours", "\"24/7\\u0007\"", &en, &e), &e, "hours");
	bad(parse_with(p, "requirements", pool_printf(p, "\"%05000d\"", 1), &en, &e), &e,
	    "requirements");
	bad(parse_with(p, "colour", "\"red\"", &en, &e), &e, "colour");
	bad(parse_with(p, "public_part", "\"yes\"", &en, &e), &e, "public_part");
	pool_free(p);
}

/* ---- with a database ---- */

static long long add_entry(struct store *s, const struct actor *a, const char *country,
			   int public_part, int *rc_out)
{
	pool *p = pool_new();
	struct dir_entry en;
	struct err e = { 0 };
	long long id = 0;
	int rc;

	if (parse_with(p, "public_part", public_part ? "true" : "false", &en, &e))
		fail_msg("entry: %s", e.msg);
	en.country = country;
	rc = dir_add(s, a, &en, &id, &e);
	if (rc_out)
		*rc_out = rc;
	else if (rc)
		fail_msg("dir_add: %s", e.msg);
	pool_free(p);
	return id;
}

static long long count_audit(struct store *s, const char *action, const char *target)
{
	pool *p = pool_new();
	struct audit_filter f = { .action = action, .target = target };
	struct audit_entry *v;
	size_t n = 0;
	struct err e = { 0 };

	if (audit_list(s, p, &f, 1000, 0, &v, &n, &e))
		fail_msg("audit: %s", e.msg);
	pool_free(p);
	return (long long)n;
}

/* What actor a reads of entry id: 0 nothing, 1 the public part, 2 all. */
static int reads(struct store *s, const struct actor *a, long long id)
{
	pool *p = pool_new();
	struct dir_entry *en;
	struct err e = { 0 };
	int rc = dir_get(s, p, a, id, &en, &e), res;

	if (rc && rc != ERR_NOTFOUND)
		fail_msg("dir_get: %s", e.msg);
	res = rc ? 0 : en->only_public ? 1 : 2;
	if (res == 1)
		assert_int_equal(en->nchannels, 0);
	pool_free(p);
	return res;
}

static void test_reading_rule(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	struct actor cur, fp_ke, fp_ug, outsider, partner, ke_org, reader, ke_bank;
	const char *members[] = { "KE Police", "Partner Telco" };
	long long pub, hidden;
	char target[40];
	pool *p = pool_new();
	struct dir_query q = { .kind = -1 };
	struct dir_entry *v;
	size_t n;
	struct err e = { 0 };

	(void)state;
	fixture_org(s, "KE Police", ORG_NATIONAL_AUTHORITY, "KE");
	fixture_org(s, "Partner Telco", ORG_PRIVATE_SECTOR, "FR");
	fixture_org(s, "Other Telco", ORG_PRIVATE_SECTOR, "UG");
	fixture_org(s, "KE Bank", ORG_PRIVATE_SECTOR, "KE");	/* of the country, no group */
	fixture_group(s, "East Africa partners", members, 2);
	cur = fixture_actor(s, "cora", ROLE_CURATOR, "UNODC", NULL);
	fp_ke = fixture_actor(s, "kamau", ROLE_FOCAL_POINT, "KE-MoICT", "KE");
	fp_ug = fixture_actor(s, "okello", ROLE_FOCAL_POINT, "UG-NITA", "UG");
	outsider = fixture_actor(s, "olga", ROLE_PROVIDER, "Other Telco", NULL);
	partner = fixture_actor(s, "pierre", ROLE_PROVIDER, "Partner Telco", NULL);
	ke_org = fixture_actor(s, "wanjiru", ROLE_READER, "KE Police", NULL);
	reader = fixture_actor(s, "rita", ROLE_READER, "UNODC", NULL);
	ke_bank = fixture_actor(s, "bob", ROLE_READER, "KE Bank", NULL);
	pub = add_entry(s, &fixture_local, "KE", 1, NULL);
	hidden = add_entry(s, &fixture_local, "KE", 0, NULL);
	/* the public part shows to everybody; the rest only to partners */
	assert_int_equal(reads(s, &fixture_visitor, pub), 1);
	assert_int_equal(reads(s, NULL, pub), 1);
	assert_int_equal(reads(s, &fixture_visitor, hidden), 0);
	assert_int_equal(reads(s, &outsider, pub), 1);
	assert_int_equal(reads(s, &outsider, hidden), 0);
	assert_int_equal(reads(s, &reader, hidden), 0);
	assert_int_equal(reads(s, &ke_bank, hidden), 0);	/* a company is no authority */
	assert_int_equal(reads(s, &fp_ug, pub), 1);
	assert_int_equal(reads(s, &fp_ug, hidden), 0);
	assert_int_equal(reads(s, &partner, hidden), 2);
	assert_int_equal(reads(s, &ke_org, hidden), 2);
	assert_int_equal(reads(s, &fp_ke, hidden), 2);
	assert_int_equal(reads(s, &cur, hidden), 2);
	assert_int_equal(reads(s, &fixture_local, hidden), 2);
	/* whole AMBER reads are audited (once a day per reader), public parts not */
	snprintf(target, sizeof(target), "directory/%lld", hidden);
	/* pierre, wanjiru, kamau, cora; not the command line */
	assert_int_equal(count_audit(s, "read.restricted", target), 4);
	snprintf(target, sizeof(target), "directory/%lld", pub);
	assert_int_equal(reads(s, &outsider, pub), 1);	/* a public part: not audited */
	assert_int_equal(count_audit(s, "read.restricted", target), 0);
	reads(s, &partner, pub);
	reads(s, &partner, pub);
	assert_int_equal(count_audit(s, "read.restricted", target), 1);
	/* lists: the outsider sees one entry by its public part, the partner both */
	assert_true(ok(dir_list(s, p, &outsider, &q, &v, &n, &e), &e));
	assert_int_equal(n, 1);
	assert_true(v[0].only_public);
	assert_int_equal(v[0].nchannels, 0);
	assert_true(ok(dir_list(s, p, &partner, &q, &v, &n, &e), &e));
	assert_int_equal(n, 2);
	assert_false(v[0].only_public);
	/* a GREEN entry: every signed-in account, not the public */
	{
		struct dir_entry *en;

		assert_true(ok(dir_get(s, p, &cur, hidden, &en, &e), &e));
		en->tlp = "GREEN";
		assert_true(ok(dir_edit(s, &cur, hidden, en->version, en, &e), &e));
		assert_int_equal(reads(s, &outsider, hidden), 2);
		assert_int_equal(reads(s, &fixture_visitor, hidden), 0);
	}
	pool_free(p);
	store_close(s);
}

static void test_history(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	struct actor cur = fixture_actor(s, "cora", ROLE_CURATOR, "UNODC", NULL);
	struct actor fp_ke = fixture_actor(s, "kamau", ROLE_FOCAL_POINT, "KE-MoICT", "KE");
	struct actor fp_ug = fixture_actor(s, "okello", ROLE_FOCAL_POINT, "UG-NITA", "UG");
	struct actor prov = fixture_actor(s, "pat", ROLE_PROVIDER, "Telco", NULL);
	pool *p = pool_new();
	struct dir_entry *en, edit;
	struct dir_revision *h;
	size_t nh;
	struct err e = { 0 };
	long long id;
	int rc;
	char target[40];

	(void)state;
	/* who adds: a focal point for their country, not another's, not a provider */
	id = add_entry(s, &fp_ke, "KE", 0, NULL);
	add_entry(s, &fp_ug, "KE", 0, &rc);
	assert_int_equal(rc, ERR_FORBIDDEN);
	add_entry(s, &prov, "KE", 0, &rc);
	assert_int_equal(rc, ERR_FORBIDDEN);
	add_entry(s, &fixture_visitor, "KE", 0, &rc);
	assert_int_equal(rc, ERR_FORBIDDEN);
	/* an article the instruments do not have is refused, naming it */
	assert_true(ok(parse_with(p, "articles", "[\"coe-185/35\", \"coe-185/99\"]", &edit,
				  &e), &e));
	assert_int_equal(dir_add(s, &fp_ke, &edit, &id, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "articles[1]"));
	err_clear(&e);
	id = add_entry(s, &fp_ke, "KE", 0, NULL);
	/* edit: the focal point, at the version read; a stale version conflicts */
	assert_true(ok(parse_with(p, "channels", "[{\"type\": \"phone\", \"value\": "
				  "\"+254700000000\"}]", &edit, &e), &e));
	assert_int_equal(dir_edit(s, &fp_ug, id, 1, &edit, &e), ERR_NOTFOUND);
	err_clear(&e);
	assert_int_equal(dir_edit(s, &fp_ke, id, 2, &edit, &e), ERR_CONFLICT);
	err_clear(&e);
	assert_true(ok(dir_edit(s, &fp_ke, id, 1, &edit, &e), &e));
	assert_int_equal(dir_edit(s, &fp_ke, id, 1, &edit, &e), ERR_CONFLICT);
	err_clear(&e);
	edit.country = "UG";
	assert_int_equal(dir_edit(s, &cur, id, 2, &edit, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "country"));
	err_clear(&e);
	/* verify: curators only */
	assert_int_equal(dir_verify(s, &fp_ke, id, &e), ERR_FORBIDDEN);
	err_clear(&e);
	assert_true(ok(dir_verify(s, &cur, id, &e), &e));
	assert_true(ok(dir_get(s, p, &fp_ke, id, &en, &e), &e));
	assert_int_equal(en->version, 2);
	assert_int_equal(en->verified_version, 2);
	assert_string_equal(en->verified_by, "cora");
	assert_non_null(en->verified_on);
	assert_false(en->stale);
	assert_int_equal(en->nchannels, 1);
	assert_string_equal(en->channels[0].value, "+254700000000");
	/* the history: create, edit (the channels changed), verify */
	assert_true(ok(dir_history(s, p, &fp_ke, id, &h, &nh, &e), &e));
	assert_int_equal(nh, 3);
	assert_string_equal(h[0].action, "create");
	assert_string_equal(h[0].by, "kamau");
	assert_string_equal(h[1].action, "edit");
	assert_int_equal(h[1].version, 2);
	assert_string_equal(h[1].changed, "channels, public_part");
	assert_non_null(strstr(h[0].snapshot, "+254201234567"));
	assert_non_null(strstr(h[1].snapshot, "+254700000000"));
	assert_string_equal(h[2].action, "verify");
	/* the public reads no history of an entry it does not read whole */
	assert_int_equal(dir_history(s, p, &fixture_visitor, id, &h, &nh, &e), ERR_NOTFOUND);
	err_clear(&e);
	/* the history is append-only in the store too */
	snprintf(target, sizeof(target), "directory/%lld", id);
	assert_int_equal(count_audit(s, "directory.create", target), 1);
	assert_int_equal(count_audit(s, "directory.edit", target), 1);
	assert_int_equal(count_audit(s, "directory.verify", target), 1);
	/* stale lists: the focal point's country's, all for curators, none for others */
	{
		struct dir_entry *v;
		size_t n;

		assert_true(ok(dir_stale_list(s, p, &fp_ke, &v, &n, &e), &e));
		assert_int_equal(n, 0);
		assert_true(ok(dir_stale_list(s, p, &fixture_visitor, &v, &n, &e), &e));
		assert_int_equal(n, 0);
	}
	pool_free(p);
	store_close(s);
}

/* A published one-section law of country mapped to inst/art (accepted). */
static void law(struct store *s, const char *country, const char *uri, const char *inst,
		int art)
{
	struct doc *d = doc_new();
	struct err e = { 0 };
	long long id = 0;
	size_t n = 0;

	d->kind = DOC_LEGISLATION;
	d->work_uri = uri;
	d->country = country;
	d->type = "act";
	d->number = "1";
	d->date = "2015-01-01";
	d->title = "Computer Misuse Act";
	d->language = "eng";
	d->expr_date = "2015-01-01";
	doc_add(d, NULL, "section", "sec_1", "1", "Preservation order", "A police officer ...",
		1);
	if (legislation_import_doc(s, &fixture_local, d, ST_PUBLISHED, NULL, &id, &n, &e))
		fail_msg("import %s: %s", uri, e.msg);
	doc_free(d);
	if (mapping_set(s, &fixture_local, id, "sec_1", inst, art, "accepted", "full", NULL,
			&e))
		fail_msg("map: %s", e.msg);
}

/* "Who do I ask?": the need's kinds in order, those serving its articles first, and the
 * country's provisions mapped to the articles that give the power. */
static void test_ask(void **state)
{
	struct store *s = fixture_db(NULL, FIX_REFDATA);
	pool *p = pool_new();
	struct dir_entry en;
	struct dir_answer ans;
	struct err e = { 0 };
	long long id247, idpres, idmla;

	(void)state;
	law(s, "KE", "/akn/ke/act/2015/1", "coe-185", 16);
	law(s, "UG", "/akn/ug/act/2015/1", "coe-185", 16);	/* another country's */
	law(s, "KE", "/akn/ke/act/2016/1", "coe-185", 18);	/* another need's */
	assert_true(ok(parse_with(p, "articles", "[\"coe-185/29\"]", &en, &e), &e));
	en.kind = DIR_K_PRESERVATION;
	assert_true(ok(dir_add(s, &fixture_local, &en, &idpres, &e), &e));
	assert_true(ok(parse_with(p, "articles", "[]", &en, &e), &e));
	assert_true(ok(dir_add(s, &fixture_local, &en, &id247, &e), &e));	/* 24/7 */
	assert_true(ok(parse_with(p, "kind", "\"mla\"", &en, &e), &e));
	assert_true(ok(dir_add(s, &fixture_local, &en, &idmla, &e), &e));
	assert_true(ok(dir_ask(s, p, &fixture_local, "ken", "preserve", &ans, &e), &e));
	assert_string_equal(ans.country, "KE");
	assert_int_equal(ans.nentries, 2);
	/* the 24/7 point serves no preservation article: after the 24/7 kind's serving
	 * ones, before the preservation authority (the second kind) */
	assert_int_equal(ans.entries[0].id, id247);
	assert_int_equal(ans.entries[1].id, idpres);
	assert_int_equal(ans.npowers, 1);
	assert_string_equal(ans.powers[0].work_uri, "/akn/ke/act/2015/1");
	assert_int_equal(ans.powers[0].article, 16);
	assert_true(ok(dir_ask(s, p, &fixture_local, "KE", "subscriber", &ans, &e), &e));
	assert_int_equal(ans.nentries, 2);	/* 24/7 and mla */
	assert_int_equal(ans.entries[1].id, idmla);
	assert_int_equal(ans.npowers, 1);
	assert_string_equal(ans.powers[0].work_uri, "/akn/ke/act/2016/1");
	assert_true(ok(dir_ask(s, p, &fixture_local, "KE", "extradite", &ans, &e), &e));
	assert_int_equal(ans.nentries, 0);
	bad(dir_ask(s, p, &fixture_local, "KE", "bribe", &ans, &e), &e, "need");
	assert_int_equal(dir_ask(s, p, &fixture_local, "ZZ", "mla", &ans, &e),
			 ERR_NOTFOUND);
	pool_free(p);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_timezone),
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_vcard_escape_fold),
		cmocka_unit_test(test_vcard_entry),
		cmocka_unit_test(test_stale),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_reading_rule),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_ask),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
