#include <string.h>

#include "core/err.h"
#include "core/log.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

/* The detail is looked up in the catalog too: the fixed messages of the handlers and
 * the domain read in the page's language (one with a number or a name in it stays as
 * it is). */
void web_error_page(struct req *r, struct resp *out, int status, const char *title,
		    const char *detail)
{
	const char *heading = status == 404 ? layout_t(r, "Page not found") :
				layout_t(r, title);

	out->content_type = "text/html; charset=utf-8";
	layout_begin(r, &out->body, heading, NULL);
	html_fmt(&out->body, "<h1>%s</h1>\n<p>%s</p>\n<p class=\"muted\">%s %d</p>\n"
		 "<p><a href=\"", heading, detail ? layout_t(r, detail) : "",
		 layout_t(r, "HTTP status"),
		 status);
	layout_href(r, &out->body, "/");
	html_fmt(&out->body, "\">%s</a></p>\n", layout_t(r, "Go to the home page"));
	layout_end(r, &out->body);
}

