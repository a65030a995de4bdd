/* chart: bars and timelines drawn on the server (see chart.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "view/chart.h"
#include "view/html.h"
#include "view/layout.h"

/* The timeline's drawing, in the units of its viewBox: the plot between X0 and X1,
 * from 100% at YTOP to 0% at YBOT, the dates written at YDATE. */
enum { TL_W = 400, TL_H = 130, TL_X0 = 48, TL_X1 = 392, TL_YTOP = 8, TL_YBOT = 98,
       TL_YDATE = 122 };

const char *chart_percent(const struct req *r, double v)
{
	if (isnan(v))
		v = 0;
	return layout_plural(r, llround(v * 100), "{n}%|{n}%");
}

const char *chart_decimal(const struct req *r, double v)
{
	long long t = isnan(v) ? 0 : llround(v * 10);
	int comma = r->lang == LANG_FR || r->lang == LANG_RU || r->lang == LANG_ES;

	return pool_printf(r->pool, "%s%s%s%lld", t < 0 ? "-" : "",
			   layout_number(r, llabs(t) / 10), comma ? "," : ".", llabs(t) % 10);
}

/* A number of the SVG, one decimal at most ("12", "12.5"). */
static void chart_num(struct sbuf *sb, double v)
{
	long t = lround(v * 10);

	if (t % 10)
		sbuf_addf(sb, "%s%ld.%ld", t < 0 ? "-" : "", labs(t) / 10, labs(t) % 10);
	else
		sbuf_addf(sb, "%ld", t / 10);
}

void chart_bars(const struct req *r, struct sbuf *sb, const struct chart_bars *c)
{
	double max = c->max;
	int rtl = lang_rtl(r->lang);

	if (max <= 0) {
		max = c->percent ? 1 : 0;
		for (size_t i = 0; !c->percent && i < c->n; i++)
			if (c->bars[i].value > max)
				max = c->bars[i].value;
	}
	html_fmt(sb, "<table class=\"bars\"><caption>%s</caption>\n<thead><tr>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		 c->title, c->label_heading, c->value_heading);
	for (size_t i = 0; i < c->n; i++) {
		const struct chart_bar *b = &c->bars[i];
		double v = isnan(b->value) || b->value < 0 ? 0 : b->value;
		double w = max > 0 ? 100 * (v > max ? max : v) / max : 0;

		sbuf_adds(sb, "<tr><th scope=\"row\">");
		if (b->href) {
			sbuf_adds(sb, "<a href=\"");
			layout_href(r, sb, b->href);
			html_fmt(sb, "\">%s</a>", b->label);
		} else {
			html_fmt(sb, "%s", b->label);
		}
		/* the bar grows from the start of the line: the right on a right-to-left page */
		sbuf_adds(sb, "</th><td><svg class=\"bar\" viewBox=\"0 0 100 10\" "
			      "preserveAspectRatio=\"none\" aria-hidden=\"true\">"
			      "<rect class=\"track\" width=\"100\" height=\"10\"/><rect x=\"");
		chart_num(sb, rtl ? 100 - w : 0);
		sbuf_adds(sb, "\" width=\"");
		chart_num(sb, w);
		html_fmt(sb, "\" height=\"10\"/></svg> %s</td></tr>\n",
			 c->percent ? chart_percent(r, v) : c->decimal ? chart_decimal(r, v) :
			 layout_number(r, llround(v)));
	}
	sbuf_adds(sb, "</tbody></table>\n");
}

/* The day number of "YYYY-MM-DD" (days since 1970-01-01), or 0 with *ok cleared when
 * it is not a date. */
static long chart_day(const char *s, int *ok)
{
	int y, m, d, n = 0;

	if (!s || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || m < 1 ||
	    m > 12 || d < 1 || d > 31) {
		*ok = 0;
		return 0;
	}
	*ok = 1;
	/* days from civil (H. Hinnant) */
	y -= m <= 2;
	{
		long era = (y >= 0 ? y : y - 399) / 400;
		long yoe = y - era * 400;
		long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
		long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

		return era * 146097 + doe - 719468;
	}
}

/* A label of the axes: text at x, y, anchored at its start or end (as seen on a
 * left-to-right page, since the chart is drawn left to right); on a right-to-left page
 * the text is isolated right to left, so that a date reads in its order. */
static void chart_label(const struct req *r, struct sbuf *sb, int x, int y, int end,
			const char *text)
{
	int rtl = lang_rtl(r->lang);

	html_fmt(sb, "<text x=\"%d\" y=\"%d\"%S>%S%s%S</text>", x, y,
		 end ? " text-anchor=\"end\"" : "", rtl ? "\xe2\x81\xa7" : "", text,
		 rtl ? "\xe2\x81\xa9" : "");
}

static double chart_y(double v)
{
	if (isnan(v) || v < 0)
		v = 0;
	if (v > 1)
		v = 1;
	return TL_YBOT - v * (TL_YBOT - TL_YTOP);
}

void chart_timeline(const struct req *r, struct sbuf *sb, const struct chart_timeline *c)
{
	const char *id = c->id ? c->id : "tl";
	const char *first = NULL, *last = NULL;
	long d0 = 0, d1 = 0, to;
	int ok, any = 0;
	struct sbuf line = SBUF_INIT;

	for (size_t i = 0; i < c->n; i++) {
		long d = chart_day(c->points[i].date, &ok);

		if (!ok)
			continue;
		if (!any++)
			d0 = d, first = c->points[i].date;
		d1 = d, last = c->points[i].date;
	}
	to = chart_day(c->to, &ok);
	if (ok && to > d1)
		d1 = to, last = c->to;
	if (d1 <= d0)
		d1 = d0 + 1;

	html_fmt(sb, "<svg class=\"tl\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		 "role=\"img\" aria-labelledby=\"%s-t\"", TL_W, TL_H, id);
	if (c->desc)
		html_fmt(sb, " aria-describedby=\"%s-d\"", id);
	html_fmt(sb, " dir=\"ltr\"><title id=\"%s-t\">%s</title>", id, c->title);
	if (c->desc)
		html_fmt(sb, "<desc id=\"%s-d\">%s</desc>", id, c->desc);
	html_fmt(sb, "\n<path class=\"grid\" d=\"M%d %dH%dM%d %dH%d\"/>", TL_X0, TL_YTOP, TL_X1,
		 TL_X0, TL_YBOT, TL_X1);
	chart_label(r, sb, TL_X0 - 6, TL_YTOP + 4, 1, chart_percent(r, 1));
	chart_label(r, sb, TL_X0 - 6, TL_YBOT + 4, 1, chart_percent(r, 0));
	if (any) {
		chart_label(r, sb, TL_X0, TL_YDATE, 0, layout_date(r, first));
		chart_label(r, sb, TL_X1, TL_YDATE, 1, layout_date(r, last));
	}
	/* the steps: each value from its date to the next, the last to the axis' end */
	for (size_t i = 0, k = 0; i < c->n; i++) {
		long d = chart_day(c->points[i].date, &ok);
		double x = TL_X0 + (double)(d - d0) * (TL_X1 - TL_X0) / (double)(d1 - d0);

		if (!ok)
			continue;
		sbuf_adds(&line, k++ ? "H" : "M");
		chart_num(&line, x);
		sbuf_adds(&line, k > 1 ? "V" : " ");
		chart_num(&line, chart_y(c->points[i].value));
	}
	if (any) {
		sbuf_addf(&line, "H%d", TL_X1);
		html_fmt(sb, "\n<path class=\"area\" d=\"%SV%dH%dz\"/>", sbuf_str(&line), TL_YBOT,
			 TL_X0);
		html_fmt(sb, "<path class=\"step\" d=\"%S\"/>", sbuf_str(&line));
	}
	sbuf_release(&line);
	sbuf_adds(sb, "\n</svg>\n");

	/* the same points as text */
	html_fmt(sb, "<table class=\"sr\"><caption>%s</caption>\n<thead><tr><th scope=\"col\">%s"
		 "</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", c->title,
		 c->date_heading, c->value_heading);
	for (size_t i = 0; i < c->n; i++) {
		chart_day(c->points[i].date, &ok);
		if (ok)
			html_fmt(sb, "<tr><td>%s</td><td>%s</td></tr>\n",
				 layout_date(r, c->points[i].date), chart_percent(r, c->points[i].value));
	}
	sbuf_adds(sb, "</tbody></table>\n");
}

/* The pairs' drawing: a label column, then the bars from PX0 to PX1, each pair ROW
 * high, the legend at the top. */
enum { PR_W = 480, PR_X0 = 170, PR_X1 = 430, PR_ROW = 26, PR_TOP = 28 };

void chart_pairs(const struct req *r, struct sbuf *sb, const struct chart_pairs *c)
{
	const char *id = c->id ? c->id : "pr";
	int h = PR_TOP + (int)c->n * PR_ROW + 8;

	html_fmt(sb, "<svg class=\"pairs\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
		 "%d %d\" role=\"img\" aria-labelledby=\"%s-t\" aria-describedby=\"%s-d\" "
		 "dir=\"ltr\"><title id=\"%s-t\">%s</title><desc id=\"%s-d\">", PR_W, h, id, id, id,
		 c->title, id);
	for (size_t i = 0; i < c->n; i++)
		html_fmt(sb, "%s%s: %s %s, %s %s.", i ? " " : "", c->pairs[i].label, c->a_label,
			 chart_percent(r, c->pairs[i].a), c->b_label, chart_percent(r, c->pairs[i].b));
	sbuf_adds(sb, "</desc>\n");
	/* the legend */
	html_fmt(sb, "<rect class=\"pa\" x=\"%d\" y=\"6\" width=\"12\" height=\"10\"/>", PR_X0);
	chart_label(r, sb, PR_X0 + 16, 15, 0, c->a_label);
	html_fmt(sb, "<rect class=\"pb\" x=\"%d\" y=\"6\" width=\"12\" height=\"10\"/>",
		 PR_X0 + 130);
	chart_label(r, sb, PR_X0 + 146, 15, 0, c->b_label);
	for (size_t i = 0; i < c->n; i++) {
		int y = PR_TOP + (int)i * PR_ROW;
		double va = isnan(c->pairs[i].a) || c->pairs[i].a < 0 ? 0 : c->pairs[i].a > 1 ? 1 :
			    c->pairs[i].a;
		double vb = isnan(c->pairs[i].b) || c->pairs[i].b < 0 ? 0 : c->pairs[i].b > 1 ? 1 :
			    c->pairs[i].b;

		chart_label(r, sb, PR_X0 - 6, y + 15, 1, c->pairs[i].label);
		html_fmt(sb, "\n<rect class=\"track\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\"/>",
			 PR_X0, y + 1, PR_X1 - PR_X0);
		html_fmt(sb, "<rect class=\"pa\" x=\"%d\" y=\"%d\" height=\"9\" width=\"", PR_X0,
			 y + 1);
		chart_num(sb, va * (PR_X1 - PR_X0));
		html_fmt(sb, "\"/><rect class=\"pb\" x=\"%d\" y=\"%d\" height=\"9\" width=\"", PR_X0,
			 y + 12);
		chart_num(sb, vb * (PR_X1 - PR_X0));
		sbuf_adds(sb, "\"/>");
		chart_label(r, sb, PR_X1 + 4, y + 15, 0, chart_percent(r, vb));
	}
	sbuf_adds(sb, "\n</svg>\n");
}
