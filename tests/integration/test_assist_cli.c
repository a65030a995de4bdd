/* ccrepo assist through the real binary: a request from added to closed (assessed,
 * an offer suggested and confirmed, accepted, pledged, funded, delivered, evaluated),
 * the errors that name their field or both stages, a withdrawn offer refused, totals
 * per currency, overlaps, exit codes of bad usage; activities (added, listed,
 * shown), their training records in the compact form and by option, the attendance
 * list (its names only with --show, each read audited), an evaluation that closes a
 * stated need, the people trained, and the errors naming their fields; the IATI
 * export of the operator and of the public (--public). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integration/harness.h"

static char *D;			/* the scratch directory of the whole program */
static char *OUT, *ERR;		/* output of the last run */

static int group_setup(void **state)
{
	(void)state;
	D = harness_tmpdir();
	return D ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	free(OUT);
	free(ERR);
	harness_rmtree(D);
	free(D);
	return 0;
}

static int run_in(const char *const *args)
{
	return harness_cli_keep(D, "", args, &OUT, &ERR);
}

#define RUN(...) run_in((const char *const[]){ __VA_ARGS__, NULL })

static int has(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle);
}

#define EXPECT(rc, want, stream, text) do { \
	if ((rc) != (want) || !has((stream), (text))) \
		fail_msg("exit %d (want %d); stdout: %s; stderr: %s; want '%s'", (rc), (want), \
			 OUT, ERR, (text)); \
} while (0)

static void test_path(void **state)
{
	int rc;

	(void)state;
	EXPECT(RUN("org", "add", "GIZ", "--kind", "donor"), 0, OUT, "added");
	EXPECT(RUN("org", "add", "CoE", "--kind", "implementing"), 0, OUT, "added");
	rc = RUN("assist", "request", "add", "--country=KEN", "--title=Forensics training",
		 "--topic=digital-forensics", "--beneficiary=DCI Cyber Unit",
		 "--targets=police,prosecutors", "--languages=en,sw", "--from=2030-01-10",
		 "--to=2030-03-01", "--urgency=3", "--modes=in_person", "--currency=EUR",
		 "--budget=1000.50", "--needs=gap:un-cc/7");
	EXPECT(rc, 0, OUT, "request 1 added");
	rc = RUN("assist", "request", "add", "--country=KE", "--title=T", "--topic=cert",
		 "--beneficiary=B", "--targets=police", "--languages=en", "--currency=JPY",
		 "--budget=10.5");
	EXPECT(rc, 1, ERR, "budget_amount: '10.5' has more than 0 decimals");
	rc = RUN("assist", "request", "add", "--country=KE", "--title=T", "--topic=cert",
		 "--beneficiary=B", "--targets=police", "--languages=en", "--from=2030-02-01",
		 "--to=2030-01-01");
	EXPECT(rc, 1, ERR, "date_to: 2030-01-01 is before 2030-02-01");
	rc = RUN("assist", "request", "add", "--country=KE", "--title=Again",
		 "--topic=digital-forensics", "--beneficiary=dci  cyber UNIT",
		 "--targets=judges", "--languages=en", "--tlp=AMBER", "--from=2030-02-01",
		 "--to=2030-02-10");
	EXPECT(rc, 0, OUT, "request 2 added");
	EXPECT(RUN("assist", "overlaps"), 0, OUT, "same beneficiary");
	EXPECT(RUN("assist", "request", "list", "--country=KE"), 0, OUT, "AMBER");
	rc = RUN("assist", "offer", "add", "--org=CoE", "--title=GLACY",
		 "--topics=digital-forensics", "--languages=en,fr", "--modes=in_person",
		 "--capacity=4", "--regions=002");
	EXPECT(rc, 0, OUT, "offer 1 added");
	rc = RUN("assist", "offer", "add", "--org=CoE", "--title=Old",
		 "--topics=digital-forensics", "--languages=en", "--modes=online",
		 "--capacity=1");
	EXPECT(rc, 0, OUT, "offer 2 added");
	EXPECT(RUN("assist", "offer", "withdraw", "2"), 0, OUT, "withdrawn");
	EXPECT(RUN("assist", "offer", "list", "--all"), 0, OUT, "(withdrawn)");
	EXPECT(RUN("assist", "suggest", "1"), 0, OUT, "1 of 2 languages (en)");
	assert_false(has(OUT, "offer 2"));
	EXPECT(RUN("assist", "move", "1", "funded"), 1, ERR, "no move from requested to funded");
	EXPECT(RUN("assist", "move", "1", "assessed", "--comment=in the plan"), 0, OUT,
	       "assessed");
	EXPECT(RUN("assist", "match", "confirm", "1", "2"), 1, ERR,
	       "a match to a withdrawn offer is refused");
	EXPECT(RUN("assist", "match", "confirm", "1", "1"), 0, OUT, "match 1 confirmed");
	EXPECT(RUN("assist", "match", "accept", "1"), 0, OUT, "accepted");
	EXPECT(RUN("assist", "move", "1", "matched"), 0, OUT, "matched");
	rc = RUN("assist", "fund", "1", "--donor=GIZ", "--kind=pledge", "--currency=EUR",
		 "--amount=1000", "--on=2030-01-01");
	EXPECT(rc, 0, OUT, "recorded");
	EXPECT(RUN("assist", "move", "1", "funded"), 1, ERR, "0.50 EUR of its budget");
	rc = RUN("assist", "fund", "1", "--donor=CoE", "--kind=pledge", "--currency=EUR",
		 "--amount=1", "--on=2030-01-01");
	EXPECT(rc, 1, ERR, "donor: CoE is not a donor organisation");
	rc = RUN("assist", "fund", "1", "--donor=GIZ", "--kind=disbursement",
		 "--currency=EUR", "--amount=1000.01", "--on=2030-01-01");
	EXPECT(rc, 1, ERR, "above the pledges of GIZ (1000.00 EUR)");
	rc = RUN("assist", "fund", "1", "--donor=GIZ", "--kind=pledge", "--currency=eur",
		 "--amount=0.5", "--on=2030-01-02");
	EXPECT(rc, 0, OUT, "recorded");
	rc = RUN("assist", "fund", "1", "--donor=GIZ", "--kind=pledge", "--currency=BHD",
		 "--amount=2.125", "--on=2030-01-02");
	EXPECT(rc, 0, OUT, "recorded");
	EXPECT(RUN("assist", "move", "1", "funded"), 0, OUT, "funded");
	EXPECT(RUN("assist", "move", "1", "in_delivery"), 0, OUT, "in_delivery");
	EXPECT(RUN("assist", "move", "1", "delivered"), 0, OUT, "delivered");
	EXPECT(RUN("assist", "evaluate", "1", "--org=CoE", "--rating=5",
		   "--closed=gap:un-cc/7"), 0, OUT, "evaluated");
	EXPECT(RUN("assist", "move", "1", "evaluated"), 0, OUT, "evaluated");
	EXPECT(RUN("assist", "move", "1", "closed"), 0, OUT, "closed");
	EXPECT(RUN("assist", "move", "1", "withdrawn", "--comment=late"), 1, ERR,
	       "no move from closed to withdrawn");
	EXPECT(RUN("assist", "request", "show", "1"), 0, OUT, "gap 0.00 EUR");
	assert_true(has(OUT, "other currency: pledged 2.125 BHD"));
	assert_true(has(OUT, "requested -> assessed"));
	assert_true(has(OUT, ": in the plan"));
	EXPECT(RUN("assist", "totals", "--by=donor"), 0, OUT, "GIZ\tEUR\tpledged 1000.50");
	assert_true(has(OUT, "GIZ\tBHD\tpledged 2.125"));
	EXPECT(RUN("assist", "totals", "--by=planet"), 1, ERR, "by: 'planet'");
	/* closed: no longer overlapping */
	EXPECT(RUN("assist", "overlaps"), 0, OUT, "");
	assert_false(has(OUT, "same beneficiary"));
	EXPECT(RUN("audit", "list", "--action=assist.move"), 0, OUT, "assist/1");
	EXPECT(RUN("assist", "request"), 2, ERR, "usage: ccrepo assist");
	EXPECT(RUN("assist", "move", "1"), 2, ERR, "usage: ccrepo assist");
	EXPECT(RUN("assist", "--help"), 0, OUT, "technical assistance");
}

/* Activities and trainings, after test_path (requests 1 and 2, offers 1 and 2). */
static void test_activities(void **state)
{
	char *file = NULL;
	int rc;

	(void)state;
	rc = RUN("assist", "request", "add", "--country=KE", "--title=Lab",
		 "--topic=digital-forensics", "--beneficiary=DCI Lab", "--targets=police",
		 "--languages=en", "--needs=gap:un-cc/7,gap:un-cc/8");
	EXPECT(rc, 0, OUT, "request 3 added");
	rc = RUN("assist", "activity", "add", "3", "--title=Workshop", "--from=2030-02-01",
		 "--to=2030-02-03", "--mode=online", "--language=en", "--provider=CoE");
	EXPECT(rc, 1, ERR, "request 3 is requested: activities are recorded while");
	EXPECT(RUN("assist", "move", "3", "assessed"), 0, OUT, "assessed");
	rc = RUN("assist", "offer", "add", "--org=CoE", "--title=Labs",
		 "--topics=digital-forensics", "--languages=en", "--modes=online",
		 "--capacity=4");
	EXPECT(rc, 0, OUT, "offer 3 added");
	EXPECT(RUN("assist", "match", "confirm", "3", "3"), 0, OUT, "match 2 confirmed");
	EXPECT(RUN("assist", "match", "accept", "2"), 0, OUT, "accepted");
	EXPECT(RUN("assist", "move", "3", "matched"), 0, OUT, "matched");
	EXPECT(RUN("assist", "move", "3", "funded"), 0, OUT, "funded");
	rc = RUN("assist", "activity", "add", "3", "--title=Workshop", "--from=2030-02-03",
		 "--to=2030-02-01", "--mode=online", "--language=en");
	EXPECT(rc, 1, ERR, "date_to: 2030-02-01 is before 2030-02-03");
	rc = RUN("assist", "activity", "add", "3", "--title=Workshop", "--from=2030-02-01",
		 "--to=2030-02-03", "--mode=in_person", "--place=Nairobi", "--language=en",
		 "--provider=Nobody");
	EXPECT(rc, 1, ERR, "providers: 'Nobody' is no organisation");
	rc = RUN("assist", "activity", "add", "3", "--title=Workshop", "--from=2030-02-01",
		 "--to=2030-02-03", "--mode=in_person", "--place=Nairobi", "--language=en");
	EXPECT(rc, 0, OUT, "activity 1 added to request 3");
	EXPECT(RUN("assist", "activity", "add", "99", "--title=W", "--from=2030-02-01",
		   "--to=2030-02-03", "--mode=online", "--language=en"), 1, ERR,
	       "no request 99");
	/* training: the compact form, the sum and each count checked */
	rc = RUN("assist", "activity", "training", "1",
		 "--participants=police:f=3,m=2;judge:o=1", "--total=7");
	EXPECT(rc, 1, ERR, "total: 7 but the counts add up to 6");
	rc = RUN("assist", "activity", "training", "1", "--participants=police:f=3,m=2;chef:f=1");
	EXPECT(rc, 1, ERR, "participants: 'chef' is not one of the roles");
	rc = RUN("assist", "activity", "training", "1", "--participants=police:f=3;judge:m=-1");
	EXPECT(rc, 1, ERR, "judge_male: '-1' is not a whole number");
	rc = RUN("assist", "activity", "training", "1", "--participants=police:f=3,m=4",
		 "--total=7", "--pre=41.5", "--post=101");
	EXPECT(rc, 1, ERR, "post: '101' is not a score from 0 to 100");
	rc = RUN("assist", "activity", "training", "1", "--participants=police:f=3,m=4",
		 "--total=7", "--pre=41.5", "--post=78");
	EXPECT(rc, 0, OUT, "training of activity 1 recorded");
	EXPECT(RUN("assist", "activity", "show", "1"), 0, OUT, "pre-test 41.5, post-test 78.0");
	assert_true(has(OUT, "  police\t3\t4\t0"));
	assert_true(has(OUT, "providers: CoE"));
	/* attendance: the count everywhere, the names only on request, audited */
	if (asprintf(&file, "%s/names.txt", D) < 0)
		fail();
	assert_int_equal(harness_write_file(file, "Wanjiru Kamau\n\nOtieno Odhiambo\n", 31),
			 0);
	free(file);
	if (asprintf(&file, "--file=%s/names.txt", D) < 0)
		fail();
	EXPECT(RUN("assist", "activity", "attendance", "1", file), 0, OUT, "recorded");
	EXPECT(RUN("assist", "activity", "list", "3"), 0, OUT, "7 trained");
	EXPECT(RUN("assist", "request", "show", "3"), 0, OUT,
	       "activity 1\t2030-02-01..2030-02-03\tin_person\tWorkshop");
	assert_false(has(OUT, "Wanjiru"));
	EXPECT(RUN("assist", "activity", "show", "1"), 0, OUT, "attendance list: 2 names");
	assert_false(has(OUT, "Wanjiru"));
	EXPECT(RUN("assist", "activity", "attendance", "1"), 1, ERR, "--file");
	EXPECT(RUN("assist", "activity", "attendance", "1", "--show"), 0, OUT,
	       "Wanjiru Kamau\nOtieno Odhiambo\n");
	EXPECT(RUN("audit", "list", "--action=assist.attendance_read"), 0, OUT,
	       "assist/3/activity/1");
	assert_false(has(OUT, "Wanjiru"));
	/* evaluation: names the needs it closed (gaps are recorded; they close when the
	 * law's coverage changes) */
	EXPECT(RUN("assist", "activity", "evaluate", "1", "--rating=4"), 1, ERR,
	       "request 3 is funded: activities are evaluated while");
	EXPECT(RUN("assist", "move", "3", "in_delivery"), 0, OUT, "in_delivery");
	EXPECT(RUN("assist", "activity", "evaluate", "1", "--rating=6"), 1, ERR,
	       "rating: from 1 to 5");
	EXPECT(RUN("assist", "activity", "evaluate", "1", "--rating=4.5"), 1, ERR,
	       "rating: from 1 to 5");
	EXPECT(RUN("assist", "activity", "evaluate", "1", "--rating=4",
		   "--closes=gap:un-cc/9"), 1, ERR, "closed_needs: 'gap:un-cc/9' is not a need");
	EXPECT(RUN("assist", "activity", "evaluate", "1", "--rating=4",
		   "--closes=gap:un-cc/8"), 0, OUT, "activity 1 evaluated");
	EXPECT(RUN("assist", "activity", "show", "1"), 0, OUT,
	       "evaluation 4 of 5; closed gap:un-cc/8");
	EXPECT(RUN("audit", "list", "--action=assist.activity_evaluate"), 0, OUT,
	       "assist/3/activity/1");
	EXPECT(RUN("assist", "trained", "--by=country"), 0, OUT, "KE\t1\t7\t3\t4\t0\t7");
	EXPECT(RUN("assist", "trained", "--by=donor"), 1, ERR, "by: 'donor'");
	EXPECT(RUN("assist", "activity", "show", "12"), 1, ERR, "no activity 12");
	EXPECT(RUN("assist", "activity", "show"), 2, ERR, "usage: ccrepo assist");
	free(file);
}

/* ccrepo export --format iati: the operator's document holds the AMBER request and
 * says to publish the --public one; --public holds the CLEAR requests only. */
static void test_iati_export(void **state)
{
	int rc;

	(void)state;
	rc = RUN("assist", "request", "add", "--country=KE", "--title=Open desk",
		 "--topic=international-cooperation", "--beneficiary=Central Authority",
		 "--targets=central-authority", "--languages=en", "--tlp=CLEAR");
	EXPECT(rc, 0, OUT, "added");
	EXPECT(RUN("export", "--format", "iati"), 0, OUT, "<iati-activities");
	EXPECT(0, 0, OUT, "Again");		/* the AMBER request */
	EXPECT(0, 0, OUT, "Open desk");
	EXPECT(0, 0, ERR, "--public");
	EXPECT(RUN("export", "--format", "iati", "--public"), 0, OUT, "Open desk");
	if (has(OUT, "Again") || has(OUT, "Forensics training") || has(ERR, "--public"))
		fail_msg("--public: stdout %s stderr %s", OUT, ERR);
	EXPECT(RUN("export", "--format", "iati", "--public", "--country=NG"), 0, ERR,
	       "no request to export");
	EXPECT(RUN("export", "--format", "json", "--public"), 2, ERR, "usage");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_activities),
		cmocka_unit_test(test_iati_export),
	};

	return harness_exit(cmocka_run_group_tests(tests, group_setup, group_teardown));
}
