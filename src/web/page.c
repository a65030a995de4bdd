/* The parts every HTML page of src/web shares: its beginning, its heading, the
 * message above a form and the end of a form. */
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

void web_page_begin(struct req *r, struct resp *out, const char *title, const char *section,
		    const char *cache_control)
{
	out->content_type = "text/html; charset=utf-8";
	if (cache_control)
		out->cache_control = cache_control;
	layout_begin(r, &out->body, title, section);
}

void web_heading(struct sbuf *b, const char *heading, const char *intro)
{
	html_fmt(b, "<h1>%s</h1>\n", heading);
	if (intro)
		html_fmt(b, "<p>%s</p>\n", intro);
}

const char *web_msg(struct req *r, const char *msg)
{
	static const struct i18n_name names[] = {
		{ "username", "User name" }, { "password", "Password" }, { "name", "Name" },
		{ "email", "Email" }, { "note", "Note" }, { "country", "Country" },
		{ "language", "Language" }, { "region", "Region" }, { "title", "Title" },
	};

	return layout_msg(r, msg, names, sizeof(names) / sizeof(names[0]));
}

void web_message(struct sbuf *b, const char *message, int error)
{
	if (message)
		html_fmt(b, "<p class=\"%s\" role=\"%s\">%s</p>\n", error ? "error" : "notice",
			 error ? "alert" : "status", message);
}

void web_table_begin(struct req *r, struct sbuf *b, const char *const *labels)
{
	html_fmt(b, "<table>\n<thead><tr>");
	for (; *labels; labels++)
		html_fmt(b, "<th scope=\"col\">%s</th>", layout_t(r, *labels));
	html_fmt(b, "</tr></thead>\n<tbody>\n");
}

void web_form_end(struct req *r, struct sbuf *b, const char *button)
{
	layout_csrf(r, b);
	html_fmt(b, "<div><button>%s</button></div>\n</form>\n", button);
}
