/* ccrepo assist through the real binary: a request from added to closed (assessed,
 * an offer suggested and confirmed, accepted, pledged, funded, delivered, evaluated),
 * the errors that name their field or both stages, a withdrawn offer refused, totals
 * per currency, overlaps, exit codes of bad usage. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),
	};

	return harness_exit(cmocka_run_group_tests(tests, group_setup, group_teardown));
}
