/* akn: Akoma Ntoso XML (OASIS LegalDocML 3.0 and its drafts, and the older 2.0) into
 * the common document form. Acts, bills and docs become DOC_LEGISLATION, judgments
 * DOC_JUDGMENT. The parser never reads the network or a file an entity names: a
 * document whose DTD declares entities is refused. */
#ifndef IMPORT_AKN_H
#define IMPORT_AKN_H
#include <stddef.h>

#include "core/err.h"
#include "import/doc.h"

#define AKN_MAX_BYTES (64u * 1024 * 1024)	/* size of one document */
#define AKN_MAX_NODES 200000			/* nodes of its body */
#define AKN_MAX_DEPTH 256			/* levels of nested provisions */

/* Parse the Akoma Ntoso document xml[0..len) (need not be NUL-terminated) into a new
 * doc in *out, which the caller frees with doc_free(). origin (a file name, may be
 * NULL) starts every message: "za.akn.xml:12: ...". Metadata come from the FRBR
 * identification, the preface or the judgment header; the body becomes a tree of
 * provisions (legislation: body, preamble and attachments; judgments: each block of
 * the judgmentBody) with their eId, num, heading and plain text. What the importer
 * had to make up (an eId, the work URI) is in doc->warnings. Errors, with nothing
 * allocated and *out untouched: ERR_INVALID when it is not well-formed XML (the
 * message has libxml2's line), not in an Akoma Ntoso namespace, of a type other than
 * act, bill, doc or judgment, lacks identification or a body, or declares entities;
 * ERR_TOOLARGE over AKN_MAX_BYTES, AKN_MAX_NODES or AKN_MAX_DEPTH (or nested deeper
 * than libxml2 allows). Thread-safe. */
int akn_parse(const char *xml, size_t len, const char *origin, struct doc **out,
	      struct err *e);
struct _xmlDoc;
/* The XML parse of every XML importer (this one, import/clml): xml[0..len) into a
 * libxml2 document in *out (the caller frees it with xmlFreeDoc), without network,
 * DTD loading, entity substitution or XInclude, libxml2's errors kept off stderr.
 * Errors, *out untouched: ERR_INVALID when it is not well-formed (the message names
 * origin and libxml2's line) or declares an entity; ERR_TOOLARGE when nested deeper
 * than libxml2 allows. Thread-safe. */
int akn_xml_parse(const char *xml, size_t len, const char *origin, struct _xmlDoc **out,
		  struct err *e);
/* Read the file at path (at most AKN_MAX_BYTES) and akn_parse() it with the path as
 * origin. ERR_IO when it cannot be read. */
int akn_load(const char *path, struct doc **out, struct err *e);

#endif
