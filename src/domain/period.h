/* period: the dates a report or a feed covers (issue 17), and day arithmetic.
 *
 * A period is two calendar dates, both included, written YYYY-MM-DD. It is read from
 * what people type: a from and a to date, or one word for a whole span: a year
 * ("2025"), a half ("2025-H2"), a quarter ("2025-Q1"), a month ("2025-06") or a day
 * ("2025-06-30"). Years 1900..2100, as everywhere in the program; a period at most
 * PERIOD_MAX_YEARS long. Days are counted on the proleptic Gregorian calendar. */
#ifndef DOMAIN_PERIOD_H
#define DOMAIN_PERIOD_H

#include "core/err.h"

#define PERIOD_MAX_YEARS 30
#define PERIOD_YEAR_MIN 1900
#define PERIOD_YEAR_MAX 2100

struct period {
	char from[11], to[11];		/* YYYY-MM-DD, from <= to */
};

/* The day number of date d (YYYY-MM-DD, a real date in PERIOD_YEAR_MIN..MAX): days
 * since 1970-01-01 (negative before); into *day. 0 or -1 when d is not such a date. */
int period_day(const char *d, long *day);
/* The date of day number day into out (11 bytes). */
void period_date(long day, char out[11]);

/* Read a period: span alone (one of the words above), or from and to (dates; either
 * may be a span too: its first day for from, its last day for to; a missing one is
 * the other's span). ERR_INVALID naming the parameter ("from: '2025-02-30' is not a
 * date", "to: 2024-01-01 is before from 2025-01-01", "period: 31 years, more than
 * 30") when it is not one. With neither, ERR_INVALID "from: missing". */
int period_parse(const char *span, const char *from, const char *to, struct period *out,
		 struct err *e);

/* Days in p, both ends included. */
long period_days(const struct period *p);
/* Whether date d (YYYY-MM-DD..., compared on its first 10 bytes) is in p. */
int period_contains(const struct period *p, const char *d);
/* The period of the same number of days that ends the day before p starts (to
 * compare a report with the one before it); 0, or -1 when it would begin before
 * PERIOD_YEAR_MIN. */
int period_previous(const struct period *p, struct period *out);

#endif
