#include <string.h>

#include "core/err.h"
#include "core/log.h"
#include "domain/record.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

/* The detail is looked up in the catalog too (with its values: layout_msg), so the
 * messages of the handlers and the domain read in the page's language. A 403 to
 * someone not signed in offers to sign in and come back. */
void web_error_page(struct req *r, struct resp *out, int status, const char *title,
		    const char *detail)
{
	const char *heading = status == 404 ? layout_t(r, "Page not found") :
				layout_t(r, title);

	out->content_type = "text/html; charset=utf-8";
	layout_begin(r, &out->body, heading, NULL);
	html_fmt(&out->body, "<h1>%s</h1>\n<p>%s</p>\n", heading,
		 detail ? layout_msg(r, detail, NULL, 0) : "");
	if (status == 403 && !(r->actor && r->actor->user_id)) {
		html_fmt(&out->body, "<p>%s <a href=\"/signin?next=%u",
			 layout_t(r, "If you have an account that may do this:"),
			 r->path ? r->path : "/");
		if (r->lang_explicit)
			html_fmt(&out->body, "&amp;lang=%s", lang_code(r->lang));
		html_fmt(&out->body, "\">%s</a></p>\n", layout_t(r, "Sign in"));
	}
	html_fmt(&out->body, "<p class=\"muted\">%s %d</p>\n<p><a href=\"",
		 layout_t(r, "HTTP status"), status);
	layout_href(r, &out->body, "/");
	html_fmt(&out->body, "\">%s</a></p>\n", layout_t(r, "Go to the home page"));
	layout_end(r, &out->body);
}
