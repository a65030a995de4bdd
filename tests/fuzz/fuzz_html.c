/* Fuzz target of view/html: the input, NUL-terminated, goes through html_esc (the
 * output must hold no raw '<', '>', '"' or '\''), html_url (only unreserved
 * characters and %XX) and html_fmt, both as an argument and as the format itself.
 * As a format, %d and %z are rewritten to %s so that every directive takes a string,
 * and at most eight directives are kept; abort() on any broken promise. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "view/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 8

static int unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '~';
}

static int hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

/* Rewrite fmt in place to take only string arguments, at most MAX_ARGS of them. */
static void tame(char *fmt)
{
	int args = 0;

	for (size_t i = 0; fmt[i]; i++) {
		if (fmt[i] != '%')
			continue;
		if (!fmt[i + 1])
			break;
		if (strchr("suSdz", fmt[i + 1])) {
			if (++args > MAX_ARGS) {
				fmt[i] = '\0';
				break;
			}
			if (fmt[i + 1] == 'd' || fmt[i + 1] == 'z')
				fmt[i + 1] = 's';
		}
		i++;	/* the directive's letter, as html_fmt skips it */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf sb = SBUF_INIT;
	char *s = malloc(size + 1);
	size_t len;

	memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);

	html_esc(&sb, s);
	if (strpbrk(sbuf_str(&sb), "<>\"'"))
		abort();
	if (sb.len < len || strlen(sbuf_str(&sb)) != sb.len)
		abort();
	sbuf_reset(&sb);

	html_url(&sb, s);
	if (sb.len < len)
		abort();
	for (size_t i = 0; i < sb.len; i++) {
		unsigned char c = (unsigned char)sb.buf[i];

		if (c == '%') {
			if (i + 2 >= sb.len)
				abort();
			if (!hex((unsigned char)sb.buf[i + 1]) || !hex((unsigned char)sb.buf[i + 2]))
				abort();
			i += 2;
		} else if (!unreserved(c)) {
			abort();
		}
	}
	sbuf_reset(&sb);

	/* the input as data: text and URL escaped, trusted %S as is */
	html_fmt(&sb, "<a href=\"/c/%u?q=%u\" title=\"%s\">%s</a>%S %d %z %%", s, s, s, s,
		 "<b>", (int)size, size);
	sbuf_reset(&sb);

	/* the input as a format */
	tame(s);
	html_fmt(&sb, s, "<&>", "'\"", NULL, "", "x", "\xc3\xa9", "%s", "%%");
	if (strlen(sbuf_str(&sb)) != sb.len)
		abort();
	sbuf_release(&sb);
	free(s);
	return 0;
}
