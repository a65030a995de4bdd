/* xml: what the XML importers (import/akn, import/clml) share about libxml2 trees:
 * line numbers, white space and attributes. Parsing itself (safe: no network, no
 * entities) is akn_xml_parse() in import/akn.h. */
#ifndef IMPORT_XML_H
#define IMPORT_XML_H

#include <libxml/tree.h>

#include "core/pool.h"

/* The source line of n for messages; 0 when unknown. */
int xml_line(const xmlNode *n);
/* Whether c is XML white space (space, tab, newline, carriage return). */
int xml_is_ws(int c);
/* Attribute name of n without its surrounding white space, a string of p; NULL when n
 * is NULL or the attribute is absent or blank. */
const char *xml_prop(pool *p, const xmlNode *n, const char *name);

#endif
