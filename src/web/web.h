/* web: HTML handlers. Each decodes its request, asks the domain, and renders with
 * src/view. */
#ifndef WEB_WEB_H
#define WEB_WEB_H

#include "http/http.h"

int web_home(struct req *r, struct resp *out);
int web_countries(struct req *r, struct resp *out);
int web_country(struct req *r, struct resp *out);
int web_regions(struct req *r, struct resp *out);
int web_region(struct req *r, struct resp *out);
int web_instruments(struct req *r, struct resp *out);
int web_instrument(struct req *r, struct resp *out);
int web_article(struct req *r, struct resp *out);
/* The HTML error page (registered with http_set_error_page). */
void web_error_page(struct req *r, struct resp *out, int status, const char *title,
		    const char *detail);

#endif
