#include "view/layout.h"

#include <stdio.h>
#include <string.h>

#include "core/sbuf.h"

#include "domain/record.h"
#include "view/html.h"
#include "view/i18n.h"

static const struct {
	const char *section, *path, *label;
} nav[] = {
	{ "home", "/", "Home" },
	{ "countries", "/countries", "Countries" },
	{ "regions", "/regions", "Regions" },
	{ "instruments", "/instruments", "Instruments" },
	{ "coverage", "/coverage", "Coverage" },
	{ "campaigns", "/campaigns", "Campaigns" },
	{ "laws", "/laws", "Laws" },
	{ "cases", "/cases", "Cases" },
	{ "lessons", "/lessons", "Lessons" },
	{ "developments", "/developments", "Developments" },
	{ "reports", "/reports", "Reports" },
	{ "search", "/search", "Search" },
};

const char *layout_t(const struct req *r, const char *msgid)
{
	return i18n(r->lang, msgid);
}

const char *layout_msg(const struct req *r, const char *msg, const struct i18n_name *names,
		       size_t n)
{
	return i18n_msg(r->pool, r->lang, msg, names, n);
}

/* How each language groups a number's digits (CLDR): the separator, and the fewest
 * digits before the first group for grouping to start (Spanish writes 1234 but
 * 12.345). Arabic pages use Western digits with a comma, as UN Arabic documents do. */
static const struct {
	const char *sep;
	int min_digits;
} grouping[LANG_COUNT] = {
	[LANG_AR] = { ",", 4 },
	[LANG_ZH] = { ",", 4 },
	[LANG_EN] = { ",", 4 },
	[LANG_FR] = { "\u202f", 4 },	/* a narrow no-break space */
	[LANG_RU] = { "\u00a0", 4 },	/* a no-break space */
	[LANG_ES] = { ".", 5 },
};

const char *layout_number(const struct req *r, long long n)
{
	char digits[32];
	struct sbuf b = SBUF_INIT;
	enum lang l = (unsigned)r->lang < LANG_COUNT ? r->lang : LANG_EN;
	const char *d = digits, *out;
	size_t len;

	snprintf(digits, sizeof(digits), "%lld", n);
	if (*d == '-')
		sbuf_addc(&b, *d++);
	len = strlen(d);
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0 && (int)len >= grouping[l].min_digits)
			sbuf_adds(&b, grouping[l].sep);
		sbuf_addc(&b, d[i]);
	}
	out = pool_strdup(r->pool, sbuf_str(&b));
	sbuf_release(&b);
	return out;
}

const char *layout_plural(const struct req *r, long long n, const char *msgid)
{
	return i18n_plural(r->pool, r->lang, n, layout_number(r, n), msgid);
}

/* text with each {name} of names[] replaced by values[], in p */
static const char *fill_named(pool *p, const char *text, const char *const *names,
			      const char *const *values, size_t n)
{
	struct sbuf b = SBUF_INIT;
	const char *out;

	for (const char *s = text; *s;) {
		size_t i = 0, k;

		if (*s == '{')
			for (; i < n; i++)
				if (!strncmp(s + 1, names[i], (k = strlen(names[i]))) &&
				    s[1 + k] == '}')
					break;
		if (*s == '{' && i < n) {
			sbuf_adds(&b, values[i]);
			s += strlen(names[i]) + 2;
		} else {
			sbuf_addc(&b, *s++);
		}
	}
	out = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return out;
}

/* The numbers of "YYYY-MM-DD" at the start of s, 0 when it is not one. */
static int parse_date(const char *s, int *y, int *m, int *d)
{
	int n = 0;

	if (!s || sscanf(s, "%4d-%2d-%2d%n", y, m, d, &n) != 3 || n != 10 || *m < 1 ||
	    *m > 12 || *d < 1 || *d > 31)
		return 0;
	return 1;
}

const char *layout_date(const struct req *r, const char *iso)
{
	int y, m, d;
	char day[8], year[8];
	static const char *const names[] = { "day", "month", "year" };
	const char *values[3];

	if (!parse_date(iso, &y, &m, &d))
		return iso;
	snprintf(day, sizeof(day), "%d", d);
	snprintf(year, sizeof(year), "%d", y);
	values[0] = day;
	values[1] = i18n_form(r->pool, r->lang, "January|February|March|April|May|June|July|"
			      "August|September|October|November|December", m - 1);
	values[2] = year;
	return fill_named(r->pool, layout_t(r, "{day} {month} {year}"), names, values, 3);
}

const char *layout_datetime(const struct req *r, const char *iso)
{
	int h, min;
	char time[8];
	static const char *const names[] = { "date", "time" };
	const char *values[2];

	if (!iso || strlen(iso) < 16 || (iso[10] != ' ' && iso[10] != 'T') ||
	    sscanf(iso + 11, "%2d:%2d", &h, &min) != 2)
		return layout_date(r, iso);
	snprintf(time, sizeof(time), "%02d:%02d", h, min);
	values[0] = layout_date(r, iso);
	values[1] = time;
	return fill_named(r->pool, layout_t(r, "{date}, {time} UTC"), names, values, 2);
}

const char *layout_lang(const struct req *r, const char *text_lang)
{
	int l;

	if (!text_lang || !*text_lang)
		return " dir=\"auto\"";
	if (!strcmp(text_lang, "zxx"))	/* codes, URIs: no language, left to right */
		return lang_rtl(r->lang) ? " dir=\"ltr\"" : "";
	text_lang = lang_bcp47(text_lang);	/* a version's "eng" is "en" */
	l = lang_parse(text_lang, -1);
	if (l == (int)r->lang)
		return "";
	if (l < 0)
		return pool_printf(r->pool, " lang=\"%s\" dir=\"auto\"", text_lang);
	return pool_printf(r->pool, " lang=\"%s\" dir=\"%s\"", lang_code((enum lang)l),
			   lang_rtl((enum lang)l) ? "rtl" : "ltr");
}

void layout_csrf(const struct req *r, struct sbuf *sb)
{
	if (r->csrf)
		html_fmt(sb, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
}

const char *layout_q(const struct req *r)
{
	static const char *const q[LANG_COUNT] = {
		"?lang=ar", "?lang=zh", "?lang=en", "?lang=fr", "?lang=ru", "?lang=es",
	};

	return r->lang_explicit && (unsigned)r->lang < LANG_COUNT ? q[r->lang] : "";
}

void layout_href(const struct req *r, struct sbuf *sb, const char *path)
{
	html_esc(sb, path);
	if (r->lang_explicit)
		html_fmt(sb, "%Slang=%s", strchr(path, '?') ? "&amp;" : "?", lang_code(r->lang));
}

/* The head's link to the page's Atom feed (r->feed), or "". */
static const char *feed_link(const struct req *r)
{
	struct sbuf b = SBUF_INIT;
	const char *out;

	if (!r->feed)
		return "";
	html_fmt(&b, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"%s\" "
		 "href=\"%s\">\n", r->feed_title ? r->feed_title : "", r->feed);
	out = pool_strdup(r->pool, sbuf_str(&b));
	sbuf_release(&b);
	return out;
}

void layout_begin(const struct req *r, struct sbuf *sb, const char *title, const char *section)
{
	html_fmt(sb, "<!doctype html>\n<html lang=\"%s\" dir=\"%S\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		 "<title>%s · ccrepo</title>\n"
		 "<link rel=\"stylesheet\" href=\"/static/site.css\">\n"
		 "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
		 "%S</head>\n<body>\n<a class=\"skip\" href=\"#main\">%s</a>\n"
		 "<header class=\"site\"><a class=\"brand\" href=\"",
		 lang_code(r->lang), lang_rtl(r->lang) ? "rtl" : "ltr", title,
		 feed_link(r), layout_t(r, "Skip to content"));
	layout_href(r, sb, "/");
	html_fmt(sb, "\">ccrepo</a>\n<nav aria-label=\"%s\"><ul>", layout_t(r, "Main"));
	for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		int cur = section && !strcmp(section, nav[i].section);

		html_fmt(sb, "<li><a href=\"");
		layout_href(r, sb, nav[i].path);
		html_fmt(sb, "\"%S>%s</a></li>", cur ? " aria-current=\"page\"" : "",
			 layout_t(r, nav[i].label));
	}
	/* who is signed in, or the way to sign in */
	html_fmt(sb, "<li><a href=\"");
	layout_href(r, sb, r->actor && r->actor->user_id ? "/account" : "/signin");
	html_fmt(sb, "\"%S>%s</a></li>", section && !strcmp(section, "account") ?
		 " aria-current=\"page\"" : "", r->actor && r->actor->user_id ?
		 r->actor->name : layout_t(r, "Sign in"));
	html_fmt(sb, "</ul></nav>\n<nav class=\"langs\" aria-label=\"%s\"><ul>",
		 layout_t(r, "Language"));
	/* the same page in each language: its query (a search, a filter) kept */
	for (int l = 0; l < LANG_COUNT; l++) {
		html_fmt(sb, "<li><a href=\"%s?", r->path);
		for (int i = 0; i < r->nargs; i++)
			if (strcmp(r->args[i].name, "lang"))
				html_fmt(sb, "%u=%u&amp;", r->args[i].name, r->args[i].value);
		html_fmt(sb, "lang=%s\" lang=\"%s\" hreflang=\"%s\"%S>%s</a></li>",
			 lang_code((enum lang)l), lang_code((enum lang)l), lang_code((enum lang)l),
			 (int)r->lang == l ? " aria-current=\"true\"" : "",
			 lang_native((enum lang)l));
	}
	html_fmt(sb, "</ul></nav>\n</header>\n<main id=\"main\">\n");
}

void layout_end(const struct req *r, struct sbuf *sb)
{
	html_fmt(sb, "</main>\n<footer class=\"site\"><p>%s · <a href=\"/api/v1/openapi.json\">"
		 "%s</a> · <a href=\"", layout_t(r, "ccrepo: a shared cybercrime repository and "
						   "capacity-building platform"),
		 layout_t(r, "JSON API"));
	layout_href(r, sb, "/shared");
	html_fmt(sb, "\">%s</a> · <a href=\"", layout_t(r, "Shared with private sector and civil "
						     "society"));
	layout_href(r, sb, "/about");
	html_fmt(sb, "\">%s</a> · <a href=\"", layout_t(r, "About"));
	layout_href(r, sb, "/help");
	html_fmt(sb, "\">%s</a> · <a href=\"", layout_t(r, "Help"));
	layout_href(r, sb, "/contact");
	html_fmt(sb, "\">%s</a></p></footer>\n</body>\n</html>\n", layout_t(r, "Contact"));
}
