/* period: report and feed periods, day arithmetic (period.h). */
#include "domain/period.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* days since 1970-01-01 of y-m-d (H. Hinnant's days_from_civil) */
static long civil_day(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static unsigned month_days(long y, unsigned m)
{
	static const unsigned days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return days[m - 1] + (m == 2 && leap);
}

/* n digits at s into *v */
static int digits(const char *s, size_t n, unsigned *v)
{
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return 1;
}

int period_day(const char *d, long *day)
{
	unsigned y, m, dd;

	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-' || !digits(d, 4, &y) ||
	    !digits(d + 5, 2, &m) || !digits(d + 8, 2, &dd) || y < PERIOD_YEAR_MIN ||
	    y > PERIOD_YEAR_MAX || m < 1 || m > 12 || dd < 1 || dd > month_days(y, m))
		return -1;
	*day = civil_day(y, m, dd);
	return 0;
}

void period_date(long day, char out[11])
{
	/* H. Hinnant's civil_from_days */
	long z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097, y;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;

	y = (long)yoe + era * 400 + (m <= 2);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y % 10000 + 10000) % 10000, m % 13,
		 d % 32);
}

/* The first and last day of span s (a word of period.h) into first and last; -1 when
 * s is none. */
static int span(const char *s, long *first, long *last)
{
	size_t n = strlen(s);
	unsigned y, k, m0, m1;

	if (n < 4 || !digits(s, 4, &y) || y < PERIOD_YEAR_MIN || y > PERIOD_YEAR_MAX)
		return -1;
	if (n == 10)
		return period_day(s, first) ? -1 : (*last = *first, 0);
	if (n == 4) {
		m0 = 1, m1 = 12;
	} else if (n == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q') &&
		   digits(s + 6, 1, &k) && k >= 1 && k <= 4) {
		m0 = 3 * k - 2, m1 = 3 * k;
	} else if (n == 7 && s[4] == '-' && (s[5] == 'H' || s[5] == 'h') &&
		   digits(s + 6, 1, &k) && k >= 1 && k <= 2) {
		m0 = 6 * k - 5, m1 = 6 * k;
	} else if (n == 7 && s[4] == '-' && digits(s + 5, 2, &k) && k >= 1 && k <= 12) {
		m0 = m1 = k;
	} else {
		return -1;
	}
	*first = civil_day(y, m0, 1);
	*last = civil_day(y, m1, month_days(y, m1));
	return 0;
}

static int bad(struct err *e, const char *field, const char *s)
{
	return err_set(e, ERR_INVALID, "%s: '%.40s' is not a date or a period (2025, "
		       "2025-Q1, 2025-H2, 2025-06, 2025-06-30)", field, s);
}

int period_parse(const char *sp, const char *from, const char *to, struct period *out,
		 struct err *e)
{
	long f0, f1, t0, t1, years;

	if (sp && *sp) {
		if (span(sp, &f0, &f1))
			return bad(e, "period", sp);
		t0 = f0, t1 = f1;
	} else if ((!from || !*from) && (!to || !*to)) {
		return err_set(e, ERR_INVALID, "from: missing (a date or a period)");
	} else {
		if (from && *from && span(from, &f0, &f1))
			return bad(e, "from", from);
		if (to && *to && span(to, &t0, &t1))
			return bad(e, "to", to);
		if (!from || !*from)
			f0 = t0;
		if (!to || !*to)
			t1 = f1;
	}
	period_date(f0, out->from);
	period_date(t1, out->to);
	if (t1 < f0)
		return err_set(e, ERR_INVALID, "to: %s is before from %s", out->to, out->from);
	/* longer than 30 years: its last day is on or after the day 30 years after its
	 * first */
	years = atoi(out->to) - atoi(out->from);
	if (years > PERIOD_MAX_YEARS ||
	    (years == PERIOD_MAX_YEARS && strcmp(out->to + 4, out->from + 4) >= 0))
		return err_set(e, ERR_INVALID, "period: %s to %s is longer than %d years",
			       out->from, out->to, PERIOD_MAX_YEARS);
	return ERR_OK;
}

long period_days(const struct period *p)
{
	long a = 0, b = 0;

	period_day(p->from, &a);
	period_day(p->to, &b);
	return b - a + 1;
}

int period_contains(const struct period *p, const char *d)
{
	return d && strlen(d) >= 10 && strncmp(d, p->from, 10) >= 0 &&
	       strncmp(d, p->to, 10) <= 0;
}

int period_previous(const struct period *p, struct period *out)
{
	long a = 0, n = period_days(p);
	char first[11];

	period_day(p->from, &a);
	period_date(a - n, first);
	if (atoi(first) < PERIOD_YEAR_MIN || a - n < civil_day(PERIOD_YEAR_MIN, 1, 1))
		return -1;
	memcpy(out->from, first, sizeof(out->from));
	period_date(a - 1, out->to);
	return 0;
}
