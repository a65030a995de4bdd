#include "view/html.h"

#include <stdarg.h>
#include <string.h>

void html_esc(struct sbuf *sb, const char *s)
{
	const char *run;

	if (!s)
		return;
	while (*s) {
		run = s;
		while (*s && !strchr("&<>\"'", *s))
			s++;
		sbuf_add(sb, run, (size_t)(s - run));
		switch (*s) {
		case '&': sbuf_add(sb, "&amp;", 5); break;
		case '<': sbuf_add(sb, "&lt;", 4); break;
		case '>': sbuf_add(sb, "&gt;", 4); break;
		case '"': sbuf_add(sb, "&quot;", 6); break;
		case '\'': sbuf_add(sb, "&#39;", 5); break;
		default: return;
		}
		s++;
	}
}

void html_marked(struct sbuf *sb, const char *s)
{
	int open = 0;

	if (!s)
		return;
	while (*s) {
		size_t n = strcspn(s, "\x02\x03");
		char chunk[256];

		while (n) {	/* escape the plain run in pieces */
			size_t k = n < sizeof(chunk) - 1 ? n : sizeof(chunk) - 1;

			memcpy(chunk, s, k);
			chunk[k] = '\0';
			html_esc(sb, chunk);
			s += k;
			n -= k;
		}
		if (*s == '\x02' && !open) {
			sbuf_adds(sb, "<mark>");
			open = 1;
		} else if (*s == '\x03' && open) {
			sbuf_adds(sb, "</mark>");
			open = 0;
		}
		if (*s)
			s++;
	}
	if (open)
		sbuf_adds(sb, "</mark>");
}

void html_url(struct sbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	if (!s)
		return;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			sbuf_addc(sb, (char)c);
		} else {
			sbuf_addc(sb, '%');
			sbuf_addc(sb, hex[c >> 4]);
			sbuf_addc(sb, hex[c & 15]);
		}
	}
}

void html_fmt(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	const char *run;

	va_start(ap, fmt);
	while (*fmt) {
		run = fmt;
		while (*fmt && *fmt != '%')
			fmt++;
		sbuf_add(sb, run, (size_t)(fmt - run));
		if (!*fmt)
			break;
		switch (fmt[1]) {
		case 's': html_esc(sb, va_arg(ap, const char *)); break;
		case 'u': html_url(sb, va_arg(ap, const char *)); break;
		case 'S': {
			const char *raw = va_arg(ap, const char *);

			if (raw)
				sbuf_adds(sb, raw);
			break;
		}
		case 'd': sbuf_addf(sb, "%d", va_arg(ap, int)); break;
		case 'z': sbuf_addf(sb, "%zu", va_arg(ap, size_t)); break;
		case '%': sbuf_addc(sb, '%'); break;
		default:
			sbuf_addc(sb, '?');
			if (!fmt[1]) {
				fmt++;
				continue;
			}
			break;
		}
		fmt += 2;
	}
	va_end(ap);
}
