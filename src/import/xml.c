#include "import/xml.h"

#include <limits.h>
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
