/* xml: what the XML importers (import/akn, import/clml) share about libxml2 trees:
 * line numbers, white space and attributes. Parsing itself (safe: no network, no
 * entities) is akn_xml_parse() in import/akn.h. */
#ifndef IMPORT_XML_H
#define IMPORT_XML_H

#include <libxml/tree.h>

#include "core/err.h"
#include "core/pool.h"
#include "import/doc.h"

/* The source line of n for messages; 0 when unknown. */
int xml_line(const xmlNode *n);
/* Whether c is XML white space (space, tab, newline, carriage return). */
int xml_is_ws(int c);
/* Attribute name of n without its surrounding white space, a string of p; NULL when n
 * is NULL or the attribute is absent or blank. */
const char *xml_prop(pool *p, const xmlNode *n, const char *name);
/* Whether len bytes of xml may be parsed: ERR_TOOLARGE over max bytes, ERR_INVALID
 * when there is nothing but white space ("origin: empty document"). */
int xml_input_ok(const char *xml, size_t len, const char *origin, size_t max,
		 struct err *e);
/* Set e to "origin:line: message" ("origin: message" when line is 0); returns code. */
int xml_fail(struct err *e, const char *origin, enum err_code code, int line,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A warning of d, "line N: message" (the message alone when line is 0), unless d holds
 * max already: then it is counted in *dropped. */
void xml_warn(struct doc *d, size_t max, size_t *dropped, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
