#include <string.h>

#include "core/err.h"
#include "core/log.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

void web_error_page(struct req *r, struct resp *out, int status, const char *title,
		    const char *detail)
{
	const char *heading = status == 404 ? layout_t(r, "Page not found") :
				layout_t(r, title);

	out->content_type = "text/html; charset=utf-8";
	layout_begin(r, &out->body, heading, NULL);
	html_fmt(&out->body, "<h1>%s</h1>\n<p>%s</p>\n<p class=\"muted\">%s %d</p>\n"
		 "<p><a href=\"", heading, detail ? detail : "", layout_t(r, "HTTP status"),
		 status);
	layout_href(r, &out->body, "/");
	html_fmt(&out->body, "\">%s</a></p>\n", layout_t(r, "Go to the home page"));
	layout_end(r, &out->body);
}

int web_fail(struct req *r, struct resp *out, const struct err *e)
{
	int status = http_status_of(e->code);

	if (status >= 500) {
		log_error("%s %s: %s", r->path, err_name(e->code), e->msg);
		return http_error(r, out, status, "Something went wrong on our side; the "
				  "problem has been logged.");
	}
	return http_error(r, out, status, e->msg);
}
