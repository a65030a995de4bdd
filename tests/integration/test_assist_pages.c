/* The pages of technical assistance through the real binary (src/web/assist*.c):
 * /assistance with its filters, counts by stage and CSV; the request page for the
 * public, a reader, Kenya's focal point, Ghana's focal point, a curator, a provider
 * and a donor (what each sees and the forms each gets); the forms (a request added,
 * a move, a match confirmed and accepted, a pledge, an evaluation) and their errors
 * naming the field; the offers, provider, donor, overlaps and totals pages and their
 * CSVs; the country profile's section. An AMBER request (matched, funded) is on no
 * page and in no CSV
 * for those who may not read it, and its page is 404 for them as for a number that
 * is no request. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integration/harness.h"

static struct srv *S;
static char *dir;
/* a curator, a reader, KE's and GH's focal points, CoE's provider, GIZ's donor */
static char cur[256], rd[256], fp[256], gh[256], prov[256], don[256];

#define SECRET "Secret AMBER forensics"

static int cli(const char *const *args)
{
	return harness_cli(dir, NULL, args, NULL, 0);
}

#define CLI(...) cli((const char *const[]){ __VA_ARGS__, NULL })

static int setup(void **state)
{
	(void)state;
	if (!(dir = harness_tmpdir()))
		return -1;
	if (CLI("migrate") || CLI("org", "add", "UNODC", "--kind", "unodc") ||
	    CLI("org", "add", "KE-NA", "--kind", "national_authority", "--country", "KE") ||
	    CLI("org", "add", "GH-NA", "--kind", "national_authority", "--country", "GH") ||
	    CLI("org", "add", "CoE", "--kind", "implementing") ||
	    CLI("org", "add", "GIZ", "--kind", "donor") ||
	    harness_account(dir, "cora", "curator", "UNODC", NULL, "t", cur, sizeof(cur)) ||
	    harness_account(dir, "rita", "reader", "UNODC", NULL, "t", rd, sizeof(rd)) ||
	    harness_account(dir, "kamau", "focal_point", "KE-NA", "KE", "t", fp, sizeof(fp)) ||
	    harness_account(dir, "kofi", "focal_point", "GH-NA", "GH", "t", gh, sizeof(gh)) ||
	    harness_account(dir, "paul", "provider", "CoE", NULL, "t", prov, sizeof(prov)) ||
	    harness_account(dir, "dana", "provider", "GIZ", NULL, "t", don, sizeof(don)))
		return -1;
	/* 1: KE, CLEAR, a budget; 2: KE, AMBER, the same beneficiary (an overlap);
	 * 3: GH, GREEN; an offer of CoE on the topic */
	if (CLI("assist", "request", "add", "--country=KE", "--title=Forensics training",
		"--topic=digital-forensics", "--beneficiary=DCI Cyber Unit", "--targets=police",
		"--languages=en,sw", "--from=2030-01-10", "--to=2030-03-01", "--urgency=3",
		"--modes=in_person", "--currency=EUR", "--budget=50000", "--tlp=CLEAR",
		"--needs=gap:un-cc/7") ||
	    CLI("assist", "request", "add", "--country=KE", "--title=" SECRET,
		"--topic=digital-forensics", "--beneficiary=DCI cyber unit", "--targets=judges",
		"--languages=en", "--from=2030-02-01", "--to=2030-02-10", "--tlp=AMBER") ||
	    CLI("assist", "request", "add", "--country=GH", "--title=Cooperation desk",
		"--topic=international-cooperation", "--beneficiary=Central Authority",
		"--targets=central-authority", "--languages=en") ||
	    CLI("assist", "offer", "add", "--org=CoE", "--title=GLACY+",
		"--topics=digital-forensics", "--languages=en,fr", "--modes=in_person",
		"--capacity=4", "--regions=002"))
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

/* GET path as auth: status, and the body has (or lacks) the AMBER request. */
static void sees(const char *auth, const char *path, int status, int secret)
{
	struct http_response *r = get(auth, path, status);

	if (secret)
		assert_has(r->body, SECRET);
	else
		assert_lacks(r->body, SECRET);
	done(r);
}

static void test_list(void **state)
{
	struct http_response *r;

	(void)state;
	r = get(NULL, "/assistance", 200);
	assert_has(r->body, "<h1>Technical assistance</h1>");
	assert_has(r->body, "Forensics training");
	assert_lacks(r->body, "Cooperation desk");	/* GREEN: signed-in accounts */
	assert_lacks(r->body, "Request assistance");	/* no form for the public */
	assert_has(r->body, "data-stage=\"requested\">1<");
	done(r);
	r = get(rd, "/assistance", 200);
	assert_has(r->body, "Cooperation desk");
	assert_lacks(r->body, "name=\"beneficiary\"");	/* a reader may not request */
	done(r);
	/* a focal point gets the form for their own country only */
	r = get(fp, "/assistance", 200);
	assert_has(r->body, "id=\"r-country\" name=\"country\" value=\"KE\" readonly");
	assert_has(r->body, "data-stage=\"requested\">3<");	/* with the AMBER one */
	done(r);
	r = get(cur, "/assistance?country=KE&stage=requested", 200);
	assert_has(r->body, "<select id=\"r-country\" name=\"country\">");
	assert_has(r->body, SECRET);
	assert_lacks(r->body, "Cooperation desk");
	done(r);
	/* filters */
	r = get(cur, "/assistance?topic=international-cooperation", 200);
	assert_has(r->body, "Cooperation desk");
	assert_lacks(r->body, "Forensics training");
	done(r);
	r = get(cur, "/assistance?region=002&urgency=3", 200);	/* Africa, high */
	assert_has(r->body, "Forensics training");
	assert_lacks(r->body, "Cooperation desk");
	done(r);
	r = get(cur, "/assistance?stage=nowhere", 400);
	assert_has(r->body, "stage: &#39;nowhere&#39; is not a stage");
	done(r);
	done(get(cur, "/assistance?region=999", 400));
	done(get(cur, "/assistance?urgency=7", 400));
	/* the AMBER request: readers, the public, another country's focal point, a provider
	 * without a match do not see it; Kenya's focal point and curators do */
	sees(NULL, "/assistance", 200, 0);
	sees(rd, "/assistance", 200, 0);
	sees(gh, "/assistance", 200, 0);
	sees(prov, "/assistance", 200, 0);
	sees(fp, "/assistance", 200, 1);
	sees(cur, "/assistance", 200, 1);
}

static void test_csv(void **state)
{
	struct http_response *r;

	(void)state;
	r = get(cur, "/assistance.csv?country=KE", 200);
	assert_has(http_header(r, "Content-Type"), "text/csv");
	assert_has(http_header(r, "Content-Disposition"), "assistance.csv");
	assert_has(r->body, "id,country,title,topic,beneficiary,targets,languages,date_from,"
		   "date_to,urgency,modes,budget_currency,budget_amount,needs,tlp,stage,");
	assert_has(r->body, ",KE,Forensics training,digital-forensics,DCI Cyber Unit,police,"
		   "\"en,sw\",2030-01-10,2030-03-01,3,in_person,EUR,50000.00,gap:un-cc/7,CLEAR,");
	assert_has(r->body, SECRET);
	assert_lacks(r->body, "Cooperation desk");
	done(r);
	sees(NULL, "/assistance.csv", 200, 0);
	sees(gh, "/assistance.csv", 200, 0);
	sees(rd, "/assistance.csv?topic=digital-forensics", 200, 0);
	r = get(NULL, "/assistance/offers.csv", 200);
	assert_has(r->body, "id,org,title,topics,regions,languages,modes,capacity,period_from,"
		   "period_to,created_at,withdrawn_at\r\n");
	assert_has(r->body, ",CoE,GLACY+,digital-forensics,002,\"en,fr\",in_person,4,");
	done(r);
	r = get(cur, "/assistance/overlaps.csv", 200);
	assert_has(r->body, "request_a,request_b,country,topic,kind,target,beneficiary_a,"
		   "beneficiary_b,from_a,to_a,from_b,to_b\r\n");
	assert_has(r->body, "1,2,KE,digital-forensics,beneficiary,,DCI Cyber Unit,DCI cyber unit,"
		   "2030-01-10,2030-03-01,2030-02-01,2030-02-10\r\n");
	done(r);
	/* the overlap names the AMBER request: not for those who may not read it */
	r = get(gh, "/assistance/overlaps.csv", 200);
	assert_lacks(r->body, "DCI cyber unit");
	assert_lacks(r->body, "\r\n1,2,");
	done(r);
	sees(NULL, "/assistance/overlaps", 200, 0);
	sees(gh, "/assistance/overlaps", 200, 0);
	sees(cur, "/assistance/overlaps", 200, 1);
}

static void test_request_page(void **state)
{
	struct http_response *r;

	(void)state;
	/* the public reads the CLEAR request: facts, timeline, funding; no forms */
	r = get(NULL, "/assistance/1", 200);
	assert_has(r->body, "<h1>Forensics training</h1>");
	assert_has(r->body, "DCI Cyber Unit");
	assert_has(r->body, "id=\"timeline\"");
	assert_has(r->body, "id=\"gap\" data-open=\"1\">50,000.00 EUR");
	assert_has(r->body, "href=\"/instruments/un-cc/7\"");
	assert_lacks(r->body, "<form method=\"post\"");
	assert_lacks(r->body, "Suggested matches");
	assert_lacks(r->body, SECRET);	/* the overlap with the AMBER request */
	done(r);
	/* the curator: the moves the table allows, suggestions with their reasons, the
	 * duplication warning, the funding form */
	r = get(cur, "/assistance/1", 200);
	assert_has(r->body, "name=\"to\" value=\"assessed\"");
	assert_has(r->body, "name=\"to\" value=\"declined\"");
	assert_lacks(r->body, "name=\"to\" value=\"funded\"");
	assert_has(r->body, "Suggested matches");
	assert_has(r->body, "GLACY+");
	assert_has(r->body, "1 of 2 languages (en)");
	assert_has(r->body, "Confirm this match");
	assert_has(r->body, "Duplication warnings");
	assert_has(r->body, SECRET);
	assert_has(r->body, "Record a pledge or a disbursement");
	done(r);
	/* Kenya's focal point: may withdraw, not assess; no suggestions */
	r = get(fp, "/assistance/1", 200);
	assert_has(r->body, "name=\"to\" value=\"withdrawn\"");
	assert_lacks(r->body, "name=\"to\" value=\"assessed\"");
	assert_lacks(r->body, "Confirm this match");
	done(r);
	/* Ghana's focal point: reads it, no moves */
	r = get(gh, "/assistance/1", 200);
	assert_lacks(r->body, "name=\"to\"");
	assert_lacks(r->body, SECRET);
	done(r);
	/* the AMBER request: 404 as a number that is no request, for whoever may not read
	 * it; its page for Kenya's focal point and curators */
	r = get(NULL, "/assistance/2", 404);
	assert_has(r->body, "no request 2");
	assert_lacks(r->body, SECRET);
	done(r);
	done(get(rd, "/assistance/2", 404));
	done(get(gh, "/assistance/2", 404));
	done(get(prov, "/assistance/2", 404));
	sees(fp, "/assistance/2", 200, 1);
	sees(cur, "/assistance/2", 200, 1);
	done(get(cur, "/assistance/99", 404));
	/* the API's shape of the address leads to the page, once the request is read */
	r = get(NULL, "/assistance/requests/1", 301);
	assert_string_equal(http_header(r, "Location"), "/assistance/1");
	done(r);
	done(get(NULL, "/assistance/requests/2", 404));
	done(get(cur, "/assistance/x", 404));
	/* nor can they act on it */
	done(post(gh, "/assistance/2/move", "to=withdrawn&comment=x", 404));
	/* the GREEN request of Ghana: not for the public */
	done(get(NULL, "/assistance/3", 404));
	done(get(rd, "/assistance/3", 200));
}

static void test_forms(void **state)
{
	struct http_response *r;

	(void)state;
	/* a request added by the form: errors name the field and keep what was typed */
	r = post(fp, "/assistance", "country=KE&title=Prosecutors+course&topic=electronic-evidence"
		 "&beneficiary=ODPP&targets=prosecutors&targets=chefs&languages=en", 400);
	assert_has(r->body, "role=\"alert\"");
	assert_has(r->body, "Target groups: &#39;chefs&#39; is not one of the allowed values");
	assert_has(r->body, "value=\"Prosecutors course\"");
	done(r);
	r = post(fp, "/assistance", "country=KE&title=Prosecutors+course&topic=electronic-evidence"
		 "&beneficiary=ODPP&targets=prosecutors&languages=en&budget_currency=EUR"
		 "&budget_amount=-5", 400);
	assert_has(r->body, "Budget: &#39;-5&#39; is not an amount");
	done(r);
	/* another country's focal point may not request for Kenya */
	done(post(gh, "/assistance", "country=KE&title=X&topic=cert&beneficiary=B&targets=police"
		  "&languages=en", 403));
	r = post(fp, "/assistance", "country=KE&title=Prosecutors+course&topic=electronic-evidence"
		 "&beneficiary=ODPP&targets=prosecutors&targets=judges&languages=en"
		 "&modes=online&modes=mentoring&urgency=2&tlp=GREEN", 303);
	assert_has(http_header(r, "Location"), "/assistance/4");
	done(r);
	r = get(fp, "/assistance/4", 200);
	assert_has(r->body, "prosecutors, judges");
	assert_has(r->body, "online, mentoring");
	done(r);
	/* edited by its focal point from the revision the form carries; a stale revision
	 * is a conflict that keeps what was typed; another country's focal point may not */
	r = get(fp, "/assistance/4", 200);
	assert_has(r->body, "Edit the request");
	assert_has(r->body, "name=\"revision\" value=\"1\"");
	assert_has(r->body, "value=\"ODPP\"");
	done(r);
	r = get(gh, "/assistance/4", 200);
	assert_lacks(r->body, "Edit the request");
	done(r);
	done(post(gh, "/assistance/4/edit", "revision=1&title=X&topic=cert&beneficiary=B"
		  "&targets=police&languages=en", 403));
	r = post(fp, "/assistance/4/edit", "revision=1&title=&topic=electronic-evidence"
		 "&beneficiary=ODPP&targets=prosecutors&languages=en", 400);
	assert_has(r->body, "title:");
	done(r);
	done(post(fp, "/assistance/4/edit", "revision=1&title=Prosecutors+course+2027"
		  "&topic=electronic-evidence&beneficiary=ODPP&targets=prosecutors&languages=en,fr",
		  303));
	r = post(fp, "/assistance/4/edit", "revision=1&title=Stale+title&topic=electronic-evidence"
		 "&beneficiary=ODPP&targets=prosecutors&languages=en", 409);
	assert_has(r->body, "the request changed since revision 1: it is at revision 2");
	assert_has(r->body, "value=\"Stale title\"");
	done(r);
	r = get(NULL, "/assistance/4", 404);	/* GREEN */
	done(r);
	r = get(rd, "/assistance/4", 200);
	assert_has(r->body, "<h1>Prosecutors course 2027</h1>");
	done(r);

	/* the lifecycle through the forms: a move the visitor may not make is refused
	 * with who may; a comment required names the field */
	r = post(fp, "/assistance/1/move", "to=assessed", 403);
	assert_has(r->body, "only curators move a request from requested to assessed");
	done(r);
	r = post(fp, "/assistance/1/move", "to=funded", 409);
	assert_has(r->body, "no move from requested to funded");
	done(r);
	done(post(cur, "/assistance/1/move", "to=assessed&comment=in+the+plan", 303));
	r = get(NULL, "/assistance/1", 200);
	assert_has(r->body, "data-stage=\"assessed\"");
	assert_has(r->body, "in the plan");
	assert_has(r->body, "cora");
	done(r);
	/* a curator confirms the match; the provider sees it and accepts it */
	r = post(cur, "/assistance/1/confirm", "offer=1", 303);
	done(r);
	r = get(prov, "/assistance/1", 200);
	assert_has(r->body, "data-status=\"confirmed\"");
	assert_has(r->body, "name=\"answer\" value=\"accept\"");
	done(r);
	/* nobody else gets the buttons, nor may answer */
	r = get(fp, "/assistance/1", 200);
	assert_lacks(r->body, "name=\"answer\" value=\"accept\"");
	done(r);
	done(post(fp, "/assistance/1/answer", "match=1&answer=accept", 403));
	done(post(prov, "/assistance/1/answer", "match=1&answer=accept&comment=glad+to", 303));
	/* the provider now has a match on the AMBER-free request 1; not on 2 */
	done(get(prov, "/assistance/2", 404));
	done(post(cur, "/assistance/1/move", "to=matched", 303));

	/* funding: the form's errors name the field and keep what was typed */
	r = post(cur, "/assistance/1/fund", "donor=GIZ&kind=pledge&currency=EUR&amount=12.345"
		 "&on_date=2030-01-01", 400);
	assert_has(r->body, "Amount: &#39;12.345&#39; has more than 2 decimals");
	assert_has(r->body, "value=\"12.345\"");
	done(r);
	r = post(cur, "/assistance/1/fund", "donor=CoE&kind=pledge&currency=EUR&amount=1"
		 "&on_date=2030-01-01", 400);
	assert_has(r->body, "donor: CoE is not a donor organisation");
	done(r);
	/* the donor's own account pledges part of the budget */
	r = get(don, "/assistance/1", 200);
	assert_has(r->body, "name=\"donor\" value=\"GIZ\"");
	done(r);
	done(post(don, "/assistance/1/fund", "donor=GIZ&kind=pledge&currency=EUR&amount=30000"
		  "&on_date=2030-01-01", 303));
	r = get(NULL, "/assistance/1", 200);
	assert_has(r->body, "id=\"gap\" data-open=\"1\">20,000.00 EUR");
	assert_has(r->body, "href=\"/assistance/donors/GIZ\"");
	done(r);
	r = post(cur, "/assistance/1/move", "to=funded", 409);
	assert_has(r->body, "20000.00 EUR of its budget are not pledged");
	done(r);
	done(post(cur, "/assistance/1/fund", "donor=GIZ&kind=pledge&currency=EUR&amount=20000"
		  "&on_date=2030-01-02", 303));
	done(post(cur, "/assistance/1/fund", "donor=GIZ&kind=disbursement&currency=EUR"
		  "&amount=10000&on_date=2030-01-03", 303));
	done(post(don, "/assistance/1/move", "to=funded", 303));
	r = get(NULL, "/assistance/1", 200);
	assert_has(r->body, "id=\"gap\" data-open=\"0\">0.00 EUR");
	done(r);
	/* the provider delivers */
	done(post(prov, "/assistance/1/move", "to=in_delivery", 303));
	/* an activity and its training record, by the provider: errors name the field */
	r = get(prov, "/assistance/1", 200);
	assert_has(r->body, "Record an activity");
	done(r);
	r = get(fp, "/assistance/1", 200);
	assert_lacks(r->body, "Record an activity");	/* the beneficiary does not */
	done(r);
	r = post(prov, "/assistance/1/activity", "title=Forensics+course+1&date_from=2030-02-01"
		 "&date_to=2030-01-01&mode=in_person&place=Nairobi&language=en", 400);
	assert_has(r->body, "To: 2030-01-01 is before 2030-02-01");
	assert_has(r->body, "value=\"Forensics course 1\"");
	done(r);
	done(post(prov, "/assistance/1/activity", "title=Forensics+course+1&date_from=2030-02-01"
		  "&date_to=2030-02-05&mode=in_person&place=Nairobi&language=en", 303));
	r = post(prov, "/assistance/1/training", "activity=1&police_female=4&police_male=-1", 400);
	assert_has(r->body, "police_male:");
	done(r);
	r = post(prov, "/assistance/1/training", "activity=1&police_female=4&police_male=6"
		 "&judge_female=2&total=13", 400);
	assert_has(r->body, "total: 13 but the counts add up to 12");
	done(r);
	done(post(prov, "/assistance/1/training", "activity=1&police_female=4&police_male=6"
		  "&judge_female=2&total=12&pre=48.5&post=81", 303));
	done(post(prov, "/assistance/1/training", "activity=99&police_female=1", 404));
	r = get(NULL, "/assistance/1", 200);
	assert_has(r->body, "Forensics course 1");
	assert_has(r->body, "Nairobi");
	assert_has(r->body, "data-total=\"12\"");
	assert_has(r->body, "<strong>48.5</strong>");
	assert_has(r->body, "<strong>81.0</strong>");
	assert_lacks(r->body, "Record the training");
	done(r);
	r = get(fp, "/assistance/1", 200);
	assert_has(r->body, "Evaluate this activity");
	done(r);
	done(post(fp, "/assistance/1/activity_evaluate", "activity=1&rating=5", 303));
	r = get(NULL, "/assistance/1", 200);
	assert_has(r->body, "class=\"rating\">5 / 5");
	done(r);
	done(post(prov, "/assistance/1/move", "to=delivered", 303));
	/* the country evaluates: the rating's error names it */
	r = get(fp, "/assistance/1", 200);
	assert_has(r->body, "Evaluate the assistance");
	assert_has(r->body, "<option>CoE</option>");
	done(r);
	r = post(fp, "/assistance/1/evaluate", "org=CoE&rating=9", 400);
	assert_has(r->body, "rating: from 1 to 5");
	done(r);
	done(post(fp, "/assistance/1/evaluate", "org=CoE&rating=4&closed=gap%3Aun-cc%2F7", 303));
	done(post(fp, "/assistance/1/move", "to=evaluated", 303));
}

static void test_other_pages(void **state)
{
	struct http_response *r;

	(void)state;
	/* offers: the public reads them; a provider gets the form for its own
	 * organisation, a curator names any */
	r = get(NULL, "/assistance/offers", 200);
	assert_has(r->body, "GLACY+");
	assert_lacks(r->body, "Offer assistance");
	done(r);
	r = get(prov, "/assistance/offers", 200);
	assert_has(r->body, "Offer assistance");
	assert_lacks(r->body, "name=\"org\"");
	assert_has(r->body, "Withdraw");
	done(r);
	r = post(prov, "/assistance/offers", "title=Mentoring&topics=cert&languages=en"
		 "&modes=mentoring&capacity=0", 400);
	assert_has(r->body, "capacity: activities a year, from 1 to 10000");
	assert_has(r->body, "value=\"Mentoring\"");
	done(r);
	done(post(prov, "/assistance/offers", "title=Mentoring&topics=cert&topics=prevention"
		  "&languages=en&modes=mentoring&capacity=2", 303));
	done(post(rd, "/assistance/offers", "title=X&topics=cert&languages=en&modes=online"
		  "&capacity=2", 403));
	r = get(NULL, "/assistance/offers", 200);
	assert_has(r->body, "Mentoring");
	assert_has(r->body, "CERT and incident response, prevention and awareness");
	done(r);
	done(post(gh, "/assistance/offers/2/withdraw", "", 403));
	done(post(prov, "/assistance/offers/2/withdraw", "", 303));
	r = get(NULL, "/assistance/offers", 200);
	assert_lacks(r->body, "Mentoring");
	done(r);
	r = get(NULL, "/assistance/offers?all=1", 200);
	assert_has(r->body, "Mentoring");
	done(r);

	/* the provider's page: its offers and matches (of the requests one may read) */
	r = get(NULL, "/assistance/providers/CoE", 200);
	assert_has(r->body, "<h1>CoE</h1>");
	assert_has(r->body, "GLACY+");
	assert_has(r->body, "Forensics training");
	assert_has(r->body, "Forensics course 1");	/* its activity, rated */
	assert_has(r->body, "id=\"mean-rating\">Mean evaluation: <strong>5.0 / 5</strong>");
	done(r);
	r = get(NULL, "/", 200);	/* the home page leads here */
	assert_has(r->body, "href=\"/assistance\"");
	done(r);
	done(get(NULL, "/assistance/providers/Nobody", 404));
	r = get(NULL, "/assistance/providers/CoE.csv", 200);
	assert_has(r->body, "request,country,title,offer,org,status,score,stage,confirmed_at,"
		   "answered_at\r\n1,KE,Forensics training,1,CoE,accepted,");
	done(r);

	/* the donor's page: its funding and totals by currency, and its CSV */
	r = get(NULL, "/assistance/donors/GIZ", 200);
	assert_has(r->body, "50,000.00 EUR");	/* pledged */
	assert_has(r->body, "10,000.00 EUR");	/* disbursed */
	done(r);
	r = get(NULL, "/assistance/donors/GIZ.csv", 200);
	assert_has(r->body, "request,donor,kind,currency,amount,on_date,at,by\r\n");
	assert_has(r->body, "1,GIZ,pledge,EUR,30000.00,2030-01-01,");
	done(r);
	done(get(NULL, "/assistance/donors/CoE", 404));	/* not a donor */

	/* totals by donor, country, region, topic, and their CSV */
	r = get(NULL, "/assistance/totals?by=country", 200);
	assert_has(r->body, "Kenya");
	assert_has(r->body, "50,000.00 EUR");
	done(r);
	r = get(NULL, "/assistance/totals.csv?by=topic", 200);
	assert_has(r->body, "topic,currency,pledged,disbursed\r\n"
		   "digital-forensics,EUR,50000.00,10000.00\r\n");
	done(r);
	r = get(NULL, "/assistance/totals?by=planet", 400);
	done(r);

	/* the profile's section: by stage, for what the visitor may read */
	r = get(NULL, "/countries/KE", 200);
	assert_has(r->body, "id=\"assistance\"");
	assert_has(r->body, "data-stage=\"evaluated\">1<");
	assert_lacks(r->body, "data-stage=\"requested\"");	/* the AMBER one and #4 */
	assert_has(r->body, "id=\"activities-delivered\">0<");	/* in 2030 */
	assert_has(r->body, "id=\"people-trained\">12<");
	done(r);
	r = get(fp, "/countries/KE", 200);
	assert_has(r->body, "data-stage=\"requested\">2<");
	done(r);
}

/* The AMBER request matched to CoE and funded by GIZ: on the provider's, the donor's
 * and the totals pages (and their CSV) only for those who may read it. */
static void test_amber_elsewhere(void **state)
{
	/* each page, and what shows the AMBER request on it */
	static const char *const pages[][2] = {
		{ "/assistance/providers/CoE", SECRET }, { "/assistance/providers/CoE.csv", SECRET },
		{ "/assistance/donors/GIZ", SECRET }, { "/assistance/donors/GIZ.csv", "777.00" },
	};
	const char *const no[] = { NULL, rd, gh }, *const yes[] = { cur, fp };
	struct http_response *r;

	(void)state;
	done(post(cur, "/assistance/2/confirm", "offer=1", 303));
	done(post(cur, "/assistance/2/fund", "donor=GIZ&kind=pledge&currency=EUR&amount=777"
		  "&on_date=2030-02-01", 303));
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		for (size_t k = 0; k < sizeof(no) / sizeof(no[0]); k++) {
			r = get(no[k], pages[i][0], 200);
			assert_lacks(r->body, pages[i][1]);
			done(r);
		}
		for (size_t k = 0; k < sizeof(yes) / sizeof(yes[0]); k++) {
			r = get(yes[k], pages[i][0], 200);
			assert_has(r->body, pages[i][1]);
			done(r);
		}
	}
	/* the provider with a (confirmed) match reads it */
	sees(prov, "/assistance/providers/CoE", 200, 1);
	sees(prov, "/assistance/2", 200, 1);
	/* the pledge counts in the totals of those who read the request only */
	r = get(NULL, "/assistance/totals.csv?by=country", 200);
	assert_has(r->body, "KE,EUR,50000.00,10000.00\r\n");
	done(r);
	r = get(gh, "/assistance/donors/GIZ", 200);
	assert_lacks(r->body, "777");
	done(r);
	r = get(cur, "/assistance/totals.csv?by=country", 200);
	assert_has(r->body, "KE,EUR,50777.00,10000.00\r\n");
	done(r);
	r = get(cur, "/assistance/donors/GIZ", 200);
	assert_has(r->body, "777.00 EUR");
	done(r);
}

static void test_arabic(void **state)
{
	struct http_response *r;

	(void)state;
	r = get(cur, "/assistance/1?lang=ar", 200);
	assert_has(r->body, "<html lang=\"ar\" dir=\"rtl\">");
	assert_lacks(r->body, ">Timeline<");
	done(r);
	r = get(NULL, "/assistance?lang=ar", 200);
	assert_has(r->body, "dir=\"rtl\"");
	assert_lacks(r->body, "<h1>Technical assistance</h1>");
	done(r);
}

/* A list longer than a page: 100 rows a page, the count, the links before and
 * after keeping the filters and the language, a page past the last shows the first;
 * the CSV has every row. */
static void test_paging(void **state)
{
	struct http_response *r;
	char h[512];

	(void)state;
	snprintf(h, sizeof(h), "%sContent-Type: application/json\r\n", cur);
	for (int i = 0; i < 105; i++) {	/* 106 offers with the one of setup */
		char body[256];
		int n = snprintf(body, sizeof(body), "{\"org\":\"CoE\",\"title\":\"Offer %03d\","
				 "\"topics\":\"cert\",\"languages\":\"en\",\"modes\":"
				 "\"online\",\"capacity\":2}", i);

		r = http_request(S, "POST", "/api/v1/assistance/offers", h, body, (size_t)n);
		assert_non_null(r);
		if (r->status != 201)
			fail_msg("offer %d: %d %.300s", i, r->status, r->body);
		done(r);
	}
	r = get(NULL, "/assistance/offers", 200);
	assert_has(r->body, "106 rows: 1–100");
	assert_has(r->body, "<a rel=\"next\" href=\"/assistance/offers?page=2\">Next</a>");
	assert_lacks(r->body, "rel=\"prev\"");
	assert_has(r->body, "Offer 104");	/* newest first */
	assert_lacks(r->body, "GLACY+");
	done(r);
	r = get(NULL, "/assistance/offers?page=2&lang=fr", 200);
	assert_has(r->body, "101–106");
	assert_has(r->body, "GLACY+");
	assert_has(r->body, "href=\"/assistance/offers?lang=fr&amp;page=1\">Précédent</a>");
	assert_lacks(r->body, "rel=\"next\"");
	done(r);
	r = get(NULL, "/assistance/offers?page=99", 200);
	assert_has(r->body, "106 rows: 1–100");
	done(r);
	r = get(NULL, "/assistance/offers.csv", 200);
	assert_has(r->body, "GLACY+");
	assert_has(r->body, "Offer 104");
	done(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_request_page),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_other_pages),
		cmocka_unit_test(test_amber_elsewhere),
		cmocka_unit_test(test_arabic),
		cmocka_unit_test(test_paging),
	};

	return harness_exit(cmocka_run_group_tests(tests, setup, teardown));
}
