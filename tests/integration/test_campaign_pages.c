/* The pages of questionnaire campaigns through the real binary (src/web/campaign.c):
 * the list, opening one with the form (a curator; refused to a focal point), the
 * answer form of Kenya's focal point (save, reload, a conflict that keeps what was
 * typed, submit), the CSV downloaded, filled and uploaded back (and a bad one refused
 * naming its row), the printable page (self-contained), the curator's return and
 * accept, another country's focal point and the public kept out, the answers of an
 * earlier campaign carried over, and the hooks of the home page and the profile. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "integration/harness.h"

static struct srv *S;
static char *dir;
static char cur[256], fp[256], gh[256];	/* a curator, KE's and GH's focal points */
static char deadline[16];

static int setup(void **state)
{
	time_t t = time(NULL) + 30 * 86400;
	struct tm tm;

	(void)state;
	gmtime_r(&t, &tm);
	strftime(deadline, sizeof(deadline), "%Y-%m-%d", &tm);
	if (!(dir = harness_tmpdir()))
		return -1;
	if (harness_cli(dir, NULL, (const char *const[]){ "migrate", NULL }, NULL, 0) ||
	    harness_cli(dir, NULL, (const char *const[]){ "org", "add", "UNODC", "--kind", "unodc",
			NULL }, NULL, 0) ||
	    harness_cli(dir, NULL, (const char *const[]){ "org", "add", "KE-NA", "--kind",
			"national_authority", "--country", "KE", NULL }, NULL, 0) ||
	    harness_cli(dir, NULL, (const char *const[]){ "org", "add", "GH-NA", "--kind",
			"national_authority", "--country", "GH", NULL }, NULL, 0) ||
	    harness_account(dir, "cora", "curator", "UNODC", NULL, "t", cur, sizeof(cur)) ||
	    harness_account(dir, "kamau", "focal_point", "KE-NA", "KE", "t", fp, sizeof(fp)) ||
	    harness_account(dir, "kofi", "focal_point", "GH-NA", "GH", "t", gh, sizeof(gh)))
		return -1;
	S = srv_start_with(&(struct srv_options){ .dir = dir });
	return S ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	harness_done(S, dir);
	return 0;
}

static struct http_response *get(const char *auth, const char *path, int status)
{
	struct http_response *r = http_get(S, path, auth);

	assert_non_null(r);
	if (r->status != status)
		fail_msg("GET %s: %d, not %d: %.400s", path, r->status, status, r->body);
	return r;
}

static struct http_response *post(const char *auth, const char *path, const char *body,
				  int status)
{
	char h[512];
	struct http_response *r;

	snprintf(h, sizeof(h), "%sContent-Type: application/x-www-form-urlencoded\r\n",
		 auth ? auth : "");
	r = http_request(S, "POST", path, h, body, strlen(body));
	assert_non_null(r);
	if (r->status != status)
		fail_msg("POST %s: %d, not %d: %.600s", path, r->status, status,
			 r->body ? (strstr(r->body, "role=\"alert\"") ? strstr(r->body,
			 "role=\"alert\"") : r->body) : "");
	return r;
}

static void done(struct http_response *r)
{
	http_response_free(r);
}

/* The answer's revision as the page's form says it. */
static long long revision_of(const char *body)
{
	const char *p = strstr(body, "name=\"revision\" value=\"");

	assert_non_null(p);
	return atoll(p + strlen("name=\"revision\" value=\""));
}

/* s percent-encoded for a form body, into a new string. */
static char *form_enc(const char *s)
{
	char *out = malloc(strlen(s) * 3 + 1), *o = out;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_')
			*o++ = (char)c;
		else
			o += sprintf(o, "%%%02X", c);
	}
	*o = '\0';
	return out;
}

static void test_list_and_open(void **state)
{
	char body[512];
	struct http_response *r;

	(void)state;
	/* the public sees the list, not the form */
	r = get(NULL, "/campaigns", 200);
	assert_has(r->body, "<h1>Campaigns</h1>");
	assert_has(r->body, "No campaigns yet.");
	assert_lacks(r->body, "Open a campaign");
	assert_has(r->body, "href=\"/campaigns\"");	/* the navigation */
	done(r);
	/* a curator sees the form with the shipped template */
	r = get(cur, "/campaigns", 200);
	assert_has(r->body, "Open a campaign");
	assert_has(r->body, "<option value=\"ccrepo-needs@1\"");
	done(r);
	/* a focal point may not open one */
	snprintf(body, sizeof(body), "title=Round&template=ccrepo-needs%%401&deadline=%s&who=all",
		 deadline);
	done(post(fp, "/campaigns", body, 403));
	/* errors show on the form, which keeps what was typed */
	snprintf(body, sizeof(body), "title=Kept+title&template=ccrepo-needs%%401&deadline=%s"
		 "&who=list&countries=", deadline);
	r = post(cur, "/campaigns", body, 400);
	assert_has(r->body, "role=\"alert\"");
	assert_has(r->body, "no country is asked");
	assert_has(r->body, "value=\"Kept title\"");
	done(r);
	r = post(cur, "/campaigns", "title=Late&template=ccrepo-needs%401&deadline=2000-01-01"
		 "&who=all", 400);
	assert_has(r->body, "role=\"alert\"");
	done(r);
	/* opened */
	snprintf(body, sizeof(body), "title=Round+%%3Cone%%3E&template=ccrepo-needs%%401"
		 "&deadline=%s&who=list&countries=KE+GH", deadline);
	r = post(cur, "/campaigns", body, 303);
	assert_header_has(r, "Location", "/campaigns/1");
	done(r);
	r = get(NULL, "/campaigns", 200);
	assert_has(r->body, "Round &lt;one&gt;");
	assert_has(r->body, "<code>ccrepo-needs@1</code>");
	assert_has(r->body, "not started 2");
	done(r);
	/* French: the deadline in French */
	r = get(NULL, "/campaigns/1?lang=fr", 200);
	assert_has(r->body, "Date limite");
	done(r);
}

static void test_tracking_public(void **state)
{
	struct http_response *r;

	(void)state;
	r = get(NULL, "/campaigns/1", 200);
	assert_has(r->body, "Countries by status");
	assert_lacks(r->body, "id=\"tracking\"");
	assert_lacks(r->body, "Reminders");
	assert_lacks(r->body, "Publish the aggregates");
	assert_has(r->body, "The aggregates are not published yet.");
	done(r);
	r = get(cur, "/campaigns/1", 200);
	assert_has(r->body, "id=\"tracking\"");
	assert_has(r->body, "<a href=\"/campaigns/1/answers/KE\">Kenya</a>");
	assert_has(r->body, "<a href=\"/campaigns/1/answers/GH\">Ghana</a>");
	assert_has(r->body, "readonly");
	assert_has(r->body, "Publish the aggregates");
	done(r);
	/* a focal point sees a link to its own answer, not the others' */
	r = get(fp, "/campaigns/1", 200);
	assert_has(r->body, "Your country&#39;s answer");
	assert_lacks(r->body, "id=\"tracking\"");
	done(r);
	/* the answers: 404 for the public and another country's focal point */
	done(get(NULL, "/campaigns/1/answers/KE", 404));
	done(get(gh, "/campaigns/1/answers/KE", 404));
	done(get(gh, "/campaigns/1/answers/KE.csv", 404));
	done(get(gh, "/campaigns/1/answers/KE/print", 404));
	done(post(gh, "/campaigns/1/answers/KE/save", "revision=0&v-legal.offences=5", 404));
	done(get(gh, "/campaigns/1/answers/GH", 200));
	done(get(fp, "/campaigns/1/answers/US", 404));
	done(get(fp, "/campaigns/9/answers/KE", 404));
	done(post(fp, "/campaigns/1/answers/KE/nothing", "revision=0", 404));
}

static void test_answer_form(void **state)
{
	struct http_response *r;
	char *ev = form_enc("https://example.org/law?a=1&b=<2>");
	char body[1024];
	long long rev;

	(void)state;
	r = get(fp, "/campaigns/1/answers/KE", 200);
	assert_has(r->body, "<h1>Kenya</h1>");
	assert_has(r->body, "Save draft");
	assert_has(r->body, "formaction=\"/campaigns/1/answers/KE/submit\"");
	assert_has(r->body, "name=\"v-legal.offences\" value=\"5\"");
	assert_has(r->body, "type=\"number\"");
	assert_has(r->body, "<option selected>GREEN</option>");
	assert_has(r->body, "Legal framework");
	assert_int_equal(revision_of(r->body), 0);
	done(r);
	/* a draft saved, then seen again */
	snprintf(body, sizeof(body), "revision=0&v-legal.offences=3&e-legal.offences=%s"
		 "&v-legal.reform=Draft+bill+%%3Cb%%3E&tlp=GREEN", ev);
	done(post(fp, "/campaigns/1/answers/KE/save", body, 303));
	r = get(fp, "/campaigns/1/answers/KE", 200);
	assert_has(r->body, "name=\"v-legal.offences\" value=\"3\" checked");
	assert_has(r->body, "value=\"https://example.org/law?a=1&amp;b=&lt;2&gt;\"");
	assert_has(r->body, "Draft bill &lt;b&gt;</textarea>");
	assert_has(r->body, "<strong class=\"status\">draft</strong>");
	rev = revision_of(r->body);
	assert_true(rev > 0);
	done(r);
	/* a save from the old revision: a conflict, and what was typed is kept */
	r = post(fp, "/campaigns/1/answers/KE/save",
		 "revision=0&v-legal.reform=My+own+words&v-legal.offences=4", 409);
	assert_has(r->body, "role=\"alert\"");
	assert_has(r->body, "My own words</textarea>");
	assert_has(r->body, "name=\"v-legal.offences\" value=\"4\" checked");
	/* the form now carries the current revision: saving again is the user's choice */
	assert_int_equal(revision_of(r->body), rev);
	done(r);
	/* nothing was stored */
	r = get(fp, "/campaigns/1/answers/KE", 200);
	assert_has(r->body, "Draft bill &lt;b&gt;</textarea>");
	assert_int_equal(revision_of(r->body), rev);
	done(r);
	/* an incomplete answer cannot be submitted: the message names a question */
	snprintf(body, sizeof(body), "revision=%lld", rev);
	r = post(fp, "/campaigns/1/answers/KE/submit", body, 400);
	assert_has(r->body, "role=\"alert\"");
	assert_has(r->body, "legal.");
	done(r);
	/* a value out of range names the question */
	r = get(fp, "/campaigns/1/answers/KE", 200);
	rev = revision_of(r->body);
	done(r);
	snprintf(body, sizeof(body), "revision=%lld&v-legal.offences=9", rev);
	r = post(fp, "/campaigns/1/answers/KE/save", body, 400);
	assert_has(r->body, "legal.offences");
	done(r);
	free(ev);
}

/* The cells of one CSV record at *p (RFC 4180), at most max; *p moves past it. */
static int csv_record(const char **p, char cells[][2048], int max)
{
	int n = 0;

	if (!**p)
		return 0;
	for (;;) {
		size_t k = 0;
		const char *s = *p;

		if (*s == '"') {
			for (s++; *s; s++) {
				if (*s == '"' && s[1] == '"')
					s++;
				else if (*s == '"') {
					s++;
					break;
				}
				if (k < 2047 && n < max)
					cells[n][k++] = *s;
			}
		} else {
			for (; *s && *s != ',' && *s != '\r' && *s != '\n'; s++)
				if (k < 2047 && n < max)
					cells[n][k++] = *s;
		}
		if (n < max)
			cells[n][k] = '\0';
		n++;
		*p = s;
		if (**p == ',') {
			(*p)++;
			continue;
		}
		if (**p == '\r')
			(*p)++;
		if (**p == '\n')
			(*p)++;
		return n;
	}
}

/* A value the question accepts, by its kind and allowed tokens. */
static const char *fill(const char *kind, const char *allowed, char *buf, size_t size)
{
	if (!strcmp(kind, "stage"))
		return "3";
	if (!strcmp(kind, "yes_partly_no"))
		return "partly";
	if (!strcmp(kind, "number")) {
		if (strstr(allowed, "..") && allowed[0] != '.') {
			snprintf(buf, size, "%.*s", (int)strcspn(allowed, "."), allowed);
			return buf;
		}
		return "7";
	}
	if (!strcmp(kind, "choice")) {
		snprintf(buf, size, "%.*s", (int)strcspn(allowed, "|"), allowed);
		return buf;
	}
	return "Filled offline";
}

/* Campaign id's CSV for country cc downloaded by auth, every question filled (fill()),
 * evidence where asked: the CSV to upload (free it). */
static char *filled_csv_of(const char *auth, long long id, const char *cc)
{
	static char cells[8][2048];
	struct http_response *r;
	const char *p;
	char *csv = calloc(1, 200000), path[64];
	int col_q = -1, col_kind = -1, col_allowed = -1, col_ev = -1, n;
	size_t len = 0;

	snprintf(path, sizeof(path), "/campaigns/%lld/answers/%s.csv", id, cc);
	r = get(auth, path, 200);
	assert_header_has(r, "Content-Type", "text/csv");
	assert_header_has(r, "Content-Disposition", "attachment");
	/* the comment line is kept: it names the campaign and the revision */
	p = r->body;
	assert_true(!strncmp(p, "# ccrepo campaign ", 18));
	len += (size_t)sprintf(csv + len, "%.*s\r\nquestion,value,evidence\r\n",
			       (int)strcspn(p, "\r\n"), p);
	p += strcspn(p, "\n") + 1;
	n = csv_record(&p, cells, 8);
	for (int i = 0; i < n && i < 8; i++) {
		if (!strcmp(cells[i], "question"))
			col_q = i;
		else if (!strcmp(cells[i], "kind"))
			col_kind = i;
		else if (!strcmp(cells[i], "allowed"))
			col_allowed = i;
		else if (!strcmp(cells[i], "evidence_needed"))
			col_ev = i;
	}
	assert_true(col_q >= 0 && col_kind >= 0 && col_allowed >= 0 && col_ev >= 0);
	while ((n = csv_record(&p, cells, 8)) > 0) {
		char buf[256];

		if (n <= col_ev || !cells[col_q][0])
			continue;
		len += (size_t)sprintf(csv + len, "%s,%s,%s\r\n", cells[col_q],
				       fill(cells[col_kind], cells[col_allowed], buf, sizeof(buf)),
				       strcmp(cells[col_ev], "none") ? "https://example.org/evidence" :
				       "");
	}
	done(r);
	return csv;
}

static char *filled_csv(long long id)
{
	return filled_csv_of(fp, id, "KE");
}

/* csv uploaded by auth as a file to campaign id's answer of country cc, as the form
 * sends it. */
static void upload_file_of(const char *auth, long long id, const char *cc, const char *csv)
{
	char *mp = calloc(1, strlen(csv) + 1024), h[512], path[64];
	struct http_response *r;
	size_t len;

	len = (size_t)sprintf(mp, "--XyZ\r\nContent-Disposition: form-data; name=\"revision\"\r\n\r\n"
			      "0\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
			      "filename=\"answers.csv\"\r\nContent-Type: text/csv\r\n\r\n%s\r\n"
			      "--XyZ--\r\n", csv);
	snprintf(h, sizeof(h), "%sContent-Type: multipart/form-data; boundary=XyZ\r\n", auth);
	snprintf(path, sizeof(path), "/campaigns/%lld/answers/%s/upload", id, cc);
	r = http_request(S, "POST", path, h, mp, len);
	assert_non_null(r);
	if (r->status != 303)
		fail_msg("upload: %d: %.600s", r->status, strstr(r->body, "role=\"alert\"") ?
			 strstr(r->body, "role=\"alert\"") : r->body);
	done(r);
	free(mp);
}

static void upload_file(long long id, const char *csv)
{
	upload_file_of(fp, id, "KE", csv);
}

static void test_csv_round_trip(void **state)
{
	struct http_response *r;
	char *csv, *enc, *body, h[512];
	long long rev;

	(void)state;
	r = get(fp, "/campaigns/1/answers/KE.csv", 200);
	assert_header_has(r, "Content-Disposition", "campaign-1-KE.csv");
	done(r);
	csv = filled_csv(1);
	/* uploaded as a file, as the form sends it */
	upload_file(1, csv);
	r = get(fp, "/campaigns/1/answers/KE", 200);
	assert_has(r->body, "name=\"v-legal.offences\" value=\"3\" checked");
	assert_has(r->body, "name=\"v-legal.illegal-access\" value=\"partly\" checked");
	assert_has(r->body, "value=\"https://example.org/evidence\"");
	assert_has(r->body, "Filled offline</textarea>");
	rev = revision_of(r->body);
	done(r);
	/* a bad file is refused naming its row and question; nothing is stored */
	enc = form_enc("question,value\r\nlegal.offences,3\r\nlegal.nothing,yes\r\n");
	body = malloc(strlen(enc) + 64);
	sprintf(body, "revision=%lld&csv=%s", rev, enc);
	r = post(fp, "/campaigns/1/answers/KE/upload", body, 400);
	assert_has(r->body, "role=\"alert\"");
	assert_has(r->body, "row 3");
	assert_has(r->body, "legal.nothing");
	done(r);
	free(enc);
	free(body);
	r = post(fp, "/campaigns/1/answers/KE/upload", "revision=0&csv=", 400);
	assert_has(r->body, "Choose the CSV file to upload.");
	done(r);
	/* submitted */
	snprintf(h, sizeof(h), "revision=%lld", rev);
	done(post(fp, "/campaigns/1/answers/KE/submit", h, 303));
	r = get(fp, "/campaigns/1/answers/KE", 200);
	assert_has(r->body, "<strong class=\"status\">submitted</strong>");
	assert_lacks(r->body, "Save draft");
	assert_lacks(r->body, "Return with comment");
	done(r);
	free(csv);
}

static void test_print(void **state)
{
	struct http_response *r = get(fp, "/campaigns/1/answers/KE/print?lang=ar", 200);

	(void)state;
	assert_header_has(r, "Content-Security-Policy", "style-src 'unsafe-inline'");
	assert_has(r->body, "<html lang=\"ar\" dir=\"rtl\">");
	assert_has(r->body, "<style>");
	assert_has(r->body, "break-before:page");
	assert_has(r->body, "class=\"box\"");
	/* self-contained: nothing to load */
	assert_lacks(r->body, "src=");
	assert_lacks(r->body, "href=");
	assert_lacks(r->body, "<link");
	assert_lacks(r->body, "<script");
	assert_lacks(r->body, "url(");
	/* the deadline in Arabic */
	assert_has(r->body, "الموعد النهائي");
	done(r);
}

static void test_decisions(void **state)
{
	struct http_response *r;
	char body[128];

	(void)state;
	r = get(cur, "/campaigns/1/answers/KE", 200);
	assert_has(r->body, "Return with comment");
	assert_has(r->body, "Accept");
	assert_has(r->body, "Reopen until");
	done(r);
	/* a focal point may not decide */
	done(post(fp, "/campaigns/1/answers/KE/accept", "", 403));
	r = post(cur, "/campaigns/1/answers/KE/return", "comment=", 400);
	assert_has(r->body, "role=\"alert\"");
	done(r);
	done(post(cur, "/campaigns/1/answers/KE/return",
		  "comment=Please+give+the+law%27s+section+%3Cs%3E", 303));
	r = get(fp, "/campaigns/1/answers/KE", 200);
	assert_has(r->body, "<strong class=\"status\">returned</strong>");
	assert_has(r->body, "Please give the law&#39;s section &lt;s&gt;");
	assert_has(r->body, "Save draft");
	snprintf(body, sizeof(body), "revision=%lld", revision_of(r->body));
	done(r);
	done(post(fp, "/campaigns/1/answers/KE/submit", body, 303));
	done(post(cur, "/campaigns/1/answers/KE/accept", "", 303));
	r = get(fp, "/campaigns/1/answers/KE", 200);
	assert_has(r->body, "<strong class=\"status\">accepted</strong>");
	done(r);
	r = get(cur, "/campaigns/1", 200);
	assert_has(r->body, "Aggregates");
	assert_has(r->body, "Fewer than three answers");
	done(r);
	done(post(cur, "/campaigns/1/publish", "", 303));
	r = get(NULL, "/campaigns/1", 200);
	assert_lacks(r->body, "The aggregates are not published yet.");
	assert_has(r->body, "Fewer than three answers");
	done(r);
}

static void test_hooks(void **state)
{
	struct http_response *r;
	char body[256];

	(void)state;
	/* another campaign, open for Kenya: on its focal point's home page */
	snprintf(body, sizeof(body), "title=Round+two&template=ccrepo-needs%%401&deadline=%s"
		 "&who=region&region=014", deadline);
	done(post(cur, "/campaigns", body, 303));
	r = get(fp, "/", 200);
	assert_has(r->body, "Questionnaires to answer");
	assert_has(r->body, "<a href=\"/campaigns/2/answers/KE\">Round two</a>");
	assert_has(r->body, "not started");
	done(r);
	r = get(NULL, "/", 200);
	assert_lacks(r->body, "Questionnaires to answer");
	done(r);
	r = get(gh, "/", 200);
	assert_lacks(r->body, "Round two");
	done(r);
	/* the profile: the status for those who may see it */
	r = get(fp, "/countries/KE", 200);
	assert_has(r->body, "id=\"questionnaires\"");
	assert_has(r->body, "Round &lt;one&gt;");
	assert_has(r->body, "accepted");
	done(r);
	r = get(NULL, "/countries/KE", 200);
	assert_has(r->body, "id=\"questionnaires\"");
	assert_has(r->body, "Round two");
	assert_lacks(r->body, "<span class=\"tag\">not started</span>");
	done(r);
	/* Kenya answers the second campaign too: the profile shows the change per
	 * dimension */
	r = get(fp, "/campaigns/2/answers/KE", 200);
	assert_has(r->body, "action=\"/campaigns/2/answers/KE/carry\"");
	assert_lacks(r->body, "name=\"v-legal.offences\" value=\"3\" checked");
	snprintf(body, sizeof(body), "revision=%lld", revision_of(r->body));
	done(r);
	/* the answers of the first campaign carried over */
	done(post(fp, "/campaigns/2/answers/KE/carry", body, 303));
	r = get(fp, "/campaigns/2/answers/KE", 200);
	assert_has(r->body, "name=\"v-legal.offences\" value=\"3\" checked");
	done(r);
	/* nothing to carry: said on the page */
	r = post(gh, "/campaigns/1/answers/GH/carry", "revision=0", 400);
	assert_has(r->body, "no earlier answer to carry over");
	done(r);
	{
		char *csv = filled_csv(2);
		long long rev;

		upload_file(2, csv);
		free(csv);
		r = get(fp, "/campaigns/2/answers/KE", 200);
		rev = revision_of(r->body);
		done(r);
		snprintf(body, sizeof(body), "revision=%lld", rev);
		done(post(fp, "/campaigns/2/answers/KE/submit", body, 303));
	}
	r = get(fp, "/countries/KE", 200);
	assert_has(r->body, "Mean stage per dimension, first and latest answer");
	assert_has(r->body, "<th scope=\"row\">Legal framework</th><td>3.0</td><td>3.0</td>"
		   "<td>0.0</td>");
	assert_has(r->body, "<table class=\"bars\"><caption>Round two</caption>");
	done(r);
	/* Arabic pages are right to left */
	r = get(fp, "/campaigns/2/answers/KE?lang=ar", 200);
	assert_has(r->body, "<html lang=\"ar\" dir=\"rtl\">");
	assert_has(r->body, "<strong class=\"status\">مقدَّم</strong>");
	done(r);
	r = get(gh, "/campaigns/1/answers/GH?lang=ar", 200);
	assert_has(r->body, "<button>حفظ المسودة</button>");
	assert_has(r->body, "الإطار القانوني");	/* the dimension's title */
	done(r);
}

/* Three answers accepted (a curator answers for each country: curators may): the
 * figures are shown, to curators, then to everybody once published. */
static void test_aggregates(void **state)
{
	static const char *const cc[] = { "KE", "GH", "SN" };
	char body[256], path[96];
	struct http_response *r;

	(void)state;
	snprintf(body, sizeof(body), "title=Round+three&template=ccrepo-needs%%401&deadline=%s"
		 "&who=list&countries=KE+GH+SN", deadline);
	r = post(cur, "/campaigns", body, 303);
	assert_header_has(r, "Location", "/campaigns/3");
	done(r);
	for (size_t i = 0; i < 3; i++) {
		char *csv = filled_csv_of(cur, 3, cc[i]);

		upload_file_of(cur, 3, cc[i], csv);
		free(csv);
		snprintf(path, sizeof(path), "/campaigns/3/answers/%s", cc[i]);
		r = get(cur, path, 200);
		snprintf(body, sizeof(body), "revision=%lld", revision_of(r->body));
		done(r);
		snprintf(path, sizeof(path), "/campaigns/3/answers/%s/submit", cc[i]);
		done(post(cur, path, body, 303));
		snprintf(path, sizeof(path), "/campaigns/3/answers/%s/accept", cc[i]);
		done(post(cur, path, "", 303));
	}
	r = get(NULL, "/campaigns/3", 200);
	assert_has(r->body, "The aggregates are not published yet.");
	assert_lacks(r->body, "class=\"agg\"");
	done(r);
	r = get(cur, "/campaigns/3", 200);
	assert_has(r->body, "not published yet: only curators see them");
	assert_has(r->body, "<code>legal.offences</code>");
	/* every country answered stage 3: three in the third row of its bars */
	assert_has(r->body, "<th scope=\"row\">3</th>");
	assert_has(r->body, "<dt>Median</dt>");
	assert_lacks(r->body, "Fewer than three answers: the figures are not shown.");
	done(r);
	done(post(cur, "/campaigns/3/publish", "", 303));
	r = get(NULL, "/campaigns/3", 200);
	assert_has(r->body, "<code>legal.offences</code>");
	assert_has(r->body, "Over the accepted answers labelled CLEAR or GREEN; published.");
	done(r);
	r = get(NULL, "/campaigns", 200);
	assert_has(r->body, "accepted 3");
	done(r);
	/* the public still reads no single country's GREEN answer */
	done(get(NULL, "/campaigns/3/answers/KE", 404));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_and_open),
		cmocka_unit_test(test_tracking_public),
		cmocka_unit_test(test_answer_form),
		cmocka_unit_test(test_csv_round_trip),
		cmocka_unit_test(test_print),
		cmocka_unit_test(test_decisions),
		cmocka_unit_test(test_hooks),
		cmocka_unit_test(test_aggregates),
	};

	harness_bin();
	return harness_exit(cmocka_run_group_tests(tests, setup, teardown));
}
