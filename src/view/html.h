/* html: escaping at the point of output. Every byte of data that reaches a page goes
 * through one of these, chosen by context (text, attribute, URL segment). */
#ifndef VIEW_HTML_H
#define VIEW_HTML_H
#include <stddef.h>

#include "core/sbuf.h"

/* Text or attribute value: & < > " ' escaped. NULL writes nothing. */
void html_esc(struct sbuf *sb, const char *s);
/* One URL path segment or query value: everything but unreserved characters
 * percent-encoded (RFC 3986). */
void html_url(struct sbuf *sb, const char *s);
/* Text with search matches marked by \x02 (open) and \x03 (close): escaped, the
 * marks written as <mark> and </mark> (always balanced). */
void html_marked(struct sbuf *sb, const char *s);
/* A format where data is escaped by default:
 *   %s  text, HTML-escaped (NULL writes nothing)
 *   %u  URL path segment or query value, percent-encoded
 *   %S  trusted markup, written as is (only for strings this program built)
 *   %d  int, %z size_t, %%  a percent sign
 * Anything else is a bug in the caller; it writes '?' so that it shows. */
void html_fmt(struct sbuf *sb, const char *fmt, ...);

#endif
