#include "view/layout.h"

#include <string.h>

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
	{ "laws", "/laws", "Laws" },
	{ "cases", "/cases", "Cases" },
	{ "lessons", "/lessons", "Lessons" },
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

void layout_begin(const struct req *r, struct sbuf *sb, const char *title, const char *section)
{
	html_fmt(sb, "<!doctype html>\n<html lang=\"%s\" dir=\"%S\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		 "<title>%s · ccrepo</title>\n"
		 "<link rel=\"stylesheet\" href=\"/static/site.css\">\n"
		 "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
		 "</head>\n<body>\n<a class=\"skip\" href=\"#main\">%s</a>\n"
		 "<header class=\"site\"><a class=\"brand\" href=\"",
		 lang_code(r->lang), lang_rtl(r->lang) ? "rtl" : "ltr", title,
		 layout_t(r, "Skip to content"));
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
	html_fmt(sb, "\">%s</a></p></footer>\n</body>\n</html>\n",
		 layout_t(r, "Shared with private sector and civil society"));
}
