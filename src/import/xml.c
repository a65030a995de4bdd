#include "import/xml.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int xml_line(const xmlNode *n)
{
	long l = xmlGetLineNo(n);

	return l > 0 && l < INT_MAX ? (int)l : 0;
}

int xml_is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *xml_prop(pool *p, const xmlNode *n, const char *name)
{
	const char *s, *end, *r = NULL;
	xmlChar *v;

	if (!n || !(v = xmlGetNoNsProp(n, BAD_CAST name)))
		return NULL;
	for (s = (const char *)v; xml_is_ws(*s); s++)
		;
	end = s + strlen(s);
	while (end > s && xml_is_ws(end[-1]))
		end--;
	if (end > s)
		r = pool_strndup(p, s, (size_t)(end - s));
	xmlFree(v);
	return r;
}

int xml_fail(struct err *e, const char *origin, enum err_code code, int line,
	     const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		return err_set(e, code, "%s:%d: %s", origin, line, msg);
	return err_set(e, code, "%s: %s", origin, msg);
}

void xml_warn(struct doc *d, size_t max, size_t *dropped, int line, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (d->nwarnings >= max) {
		(*dropped)++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		doc_warn(d, "line %d: %s", line, msg);
	else
		doc_warn(d, "%s", msg);
}

int xml_input_ok(const char *xml, size_t len, const char *origin, size_t max,
		 struct err *e)
{
	size_t i = 0;

	if (len > max)
		return err_set(e, ERR_TOOLARGE, "%s: %zu bytes is over the limit of %zu", origin,
			       len, max);
	while (i < len && xml_is_ws(xml[i]))
		i++;
	return i == len ? err_set(e, ERR_INVALID, "%s: empty document", origin) : ERR_OK;
}
