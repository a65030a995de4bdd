/* chart: small charts drawn on the server, without script or style attributes (the
 * classes are styled by static/site.css), each with its numbers as text:
 *   - bars: a table, one row per bar (label, bar, number), the bars inline SVG hidden
 *     from assistive technology since the number beside each says the same; the table
 *     is the text alternative and follows the page's direction;
 *   - timeline: a step chart of a share over dates, an <svg role="img" dir="ltr"> with
 *     <title> and <desc>, followed by a visually hidden table of its points.
 * Numbers and dates are written in the page's language (layout_number, layout_date). */
#ifndef VIEW_CHART_H
#define VIEW_CHART_H
#include <stddef.h>

#include "core/sbuf.h"
#include "http/http.h"

/* v (0..1) as a percentage in the request's language, rounded to a whole number:
 * "62%", "62 %" (fr, ru, es). In r's pool. */
const char *chart_percent(const struct req *r, double v);

struct chart_bar {
	const char *label;	/* text */
	double value;		/* a share 0..1 (chart_bars.percent) or a count */
	const char *href;	/* a path built from escaped parts, written with
				   layout_href() around the label; NULL: no link */
};

struct chart_bars {
	const char *title;	/* text: the table's caption, the chart's name */
	const char *label_heading, *value_heading;	/* text: the column headings */
	const struct chart_bar *bars;
	size_t n;
	int percent;		/* values are shares shown as percentages; else counts,
				   shown as whole numbers */
	double max;		/* the value of a full bar; 0: 1 for shares, the largest
				   count for counts */
	int decimal;		/* not a share: values shown with one decimal (a mean
				   stage: "2.5", "2,5" in fr ru es) */
};

/* Write the bar chart c into sb as a <table class="bars">. Values below 0 are drawn as
 * 0, above max as max. */
void chart_bars(const struct req *r, struct sbuf *sb, const struct chart_bars *c);

/* v with one decimal in the request's language ("2.5"; "2,5" in fr, ru, es; "-0.5"),
 * the whole part grouped as layout_number does. In r's pool. */
const char *chart_decimal(const struct req *r, double v);

struct chart_point {
	const char *date;	/* YYYY-MM-DD: from this day on, the value is */
	double value;		/* 0..1 */
};

struct chart_timeline {
	const char *id;		/* prefix of the ids in the SVG, unique in the page; NULL:
				   "tl" */
	const char *title;	/* text: the chart's accessible name, the table's caption */
	const char *desc;	/* text or NULL: what it shows, said in words */
	const char *date_heading, *value_heading;	/* text: the table's headings */
	const struct chart_point *points;	/* in date order */
	size_t n;
	const char *to;		/* YYYY-MM-DD: the end of the time axis (today, the date
				   asked for); NULL or earlier: the last point's date */
};

/* Write the step chart c into sb: the SVG (the value holds from each point's date to
 * the next, the last to c->to), its axes labelled with the first and last dates and
 * 0% and 100%, then the points as a visually hidden table (class "sr"). Points whose
 * date is not a date are left out; with no point, the SVG shows empty axes. */
void chart_timeline(const struct req *r, struct sbuf *sb, const struct chart_timeline *c);

/* Two shares per label (a start and an end: coverage at a report's first and last
 * day), drawn as pairs of horizontal bars in an <svg role="img" dir="ltr"> with
 * <title> and <desc> (its text alternative: every pair said in words); the numbers
 * are also in the table the caller writes beside it. */
struct chart_pair {
	const char *label;	/* text */
	double a, b;		/* shares 0..1 */
};
struct chart_pairs {
	const char *id;		/* prefix of the ids in the SVG, unique in the page */
	const char *title;	/* text: the chart's accessible name */
	const char *a_label, *b_label;	/* text: the two series ("start", "end") */
	const struct chart_pair *pairs;
	size_t n;
};
void chart_pairs(const struct req *r, struct sbuf *sb, const struct chart_pairs *c);

#endif
