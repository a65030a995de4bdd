/* clml: legislation.gov.uk's Crown Legislation Markup Language (root <Legislation> in
 * http://www.legislation.gov.uk/namespaces/legislation, metadata in ukm:Metadata and
 * Dublin Core) into the common document form. Parsed as akn_xml_parse() parses: no
 * network, no DTD, a document that declares entities is refused.
 *
 * The work: "http://www.legislation.gov.uk/id/ukpga/2000/32" becomes
 * /akn/gb/act/2000/32 (type "act"). Other kinds of legislation keep "act" as their
 * type with their kind as the Akoma Ntoso subtype, the convention for delegated
 * legislation (/akn/za/act/gn/2019/123): uksi/2017/1325 -> /akn/gb/act/si/2017/1325,
 * ssi -> /akn/gb/act/ssi/..., asp -> /akn/gb/act/asp/..., and any other code as
 * itself. The work date is the enactment date (ukm:EnactmentDate) or the made date
 * (ukm:Made), else the year; the version's date is the document's RestrictStartDate
 * (a revised version valid from that day), else the work date for an enacted or made
 * version, else dc:modified. A revised version's extent (RestrictExtent) and the
 * dates it is valid from and to are reported in doc->warnings, since the common form
 * has no place for them.
 *
 * The tree: the long title and preamble become "preamble"; Part "part", Chapter
 * "chapter", Pblock "crossheading", a P1group holding several P1 "crossheading"
 * (with one P1, its title is the P1's heading); P1 is the provision its IdURI names
 * (section, article, regulation, rule; paragraph in a schedule), P2.. below it
 * subsection, paragraph, subparagraph, clause, subclause under a section, paragraph
 * then point under an article, subparagraph then point under a schedule's paragraph;
 * Schedule "schedule" after the body; the signature "conclusions". Text quoted from
 * another act (BlockAmendment, BlockExtract) is text of the provision that quotes it.
 * Footnotes, margin notes and commentaries are left out. eIds follow doc_make_eid():
 * part_I, part_I__crossheading_1, sec_1 (provisions are numbered across the body, so
 * no grouping prefix), sec_3__subsec_2__para_a, sched_1, sched_1__para_2__subpara_1;
 * a repeated one gets "_2", with a warning. */
#ifndef IMPORT_CLML_H
#define IMPORT_CLML_H
#include <stddef.h>

#include "core/err.h"
#include "import/doc.h"

#define CLML_NS "http://www.legislation.gov.uk/namespaces/legislation"
#define CLML_MAX_BYTES (64u * 1024 * 1024)	/* size of one document */
#define CLML_MAX_NODES 200000			/* nodes of its tree */
#define CLML_MAX_DEPTH 64			/* levels of nested provisions */

/* Whether xml[0..len) looks like CLML: its root element, among the first 4096 bytes,
 * is Legislation and the CLML namespace is declared there. */
int clml_sniff(const char *xml, size_t len);
/* Parse the CLML document xml[0..len) (need not be NUL-terminated) into a new doc in
 * *out, which the caller frees with doc_free(). origin (a file name, may be NULL)
 * starts every message. Errors, with *out untouched: ERR_INVALID when it is empty,
 * not well-formed XML, declares entities, is not CLML (root and namespace), has no
 * identifier (IdURI or dc:identifier) or no Primary or Secondary body; ERR_TOOLARGE
 * over CLML_MAX_BYTES, CLML_MAX_NODES or CLML_MAX_DEPTH. Thread-safe. */
int clml_parse(const char *xml, size_t len, const char *origin, struct doc **out,
	       struct err *e);

#endif
