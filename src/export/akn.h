/* akn (export): a struct doc written as an Akoma Ntoso 3.0 XML document
 * (OASIS LegalDocML, namespace AKN_NS), for exchange with other legal information
 * systems and read back by import/akn.
 *
 * What goes where:
 *   <akomaNtoso><act name="TYPE"> (<judgment name="TYPE"> for DOC_JUDGMENT)
 *   <meta><identification source="#ccrepo">
 *     FRBRWork: FRBRthis WORK/!main, FRBRuri WORK, FRBRdate (date), FRBRauthor,
 *       FRBRcountry (country, lowercased), FRBRsubtype, FRBRnumber, FRBRname (the
 *       citation, judgments only)
 *     FRBRExpression: FRBRuri WORK/LANG@EXPR_DATE (LANG "und" when unknown),
 *       FRBRdate, FRBRlanguage
 *     FRBRManifestation: FRBRuri WORK/LANG@EXPR_DATE.akn, dated expr_date so that
 *       the same doc always gives the same bytes
 *   <references source="#ccrepo"><TLCOrganization eId="ccrepo" .../>
 *   <proprietary source="#ccrepo">: court, citation, parties, summary, outcome and
 *     source as elements of the AKN_NS_CCREPO namespace, exactly as in the doc
 *     (only those present; left out when none is). Outcome and source are only
 *     here; the others are also in the judgment's header.
 *   act: <preface><p><docTitle>; judgment: <header> with a <p> each for
 *     <docTitle>, <courtType>, <neutralCitation>, <docDate>, <party> (the parties
 *     as one, referring to a TLCPerson "parties") and <p class="summary">, those
 *     present; the outcome is only in <proprietary> (AKN's <result type> takes
 *     only a fixed list of values)
 *   act: <body> (a leading run of top-level "preamble" nodes without num, heading
 *     or children goes before it as <preamble>); judgment: <judgmentBody>.
 * Nodes: kinds that are AKN hierarchical elements (part, chapter, section, article,
 * paragraph, point, list, ...) keep their name; any other kind ("item", "schedule",
 * ...) becomes <hcontainer name="KIND">. Each gets eId (left out when empty),
 * <num>, <heading>, then its text as <content><p>..</p></content> for a leaf or
 * <intro><p>..</p></intro> before the children, one <p> per "\n\n"-separated
 * paragraph. At the top of a judgment, kinds introduction, background, arguments,
 * remedies, motivation and decision become those blocks (text as <p>s directly
 * inside), and other kinds <hcontainer> (as are blocks with a num or heading,
 * which the AKN blocks cannot hold).
 * Not schema-valid, but well-formed and read back: an <hcontainer> directly in a
 * judgmentBody, an empty <body/>, metadata a doc lacks (elements whose value is
 * NULL are left out, even required ones such as FRBRdate). import/akn collapses runs of
 * whitespace, so text reads back equal up to that (a lone "\n" inside a paragraph
 * becomes a space); paragraph breaks ("\n\n") are kept.
 *
 * Text and attribute values are escaped (& < > "); control characters other than
 * tab and newline (C0, DEL, C1) are removed, U+FFFE/U+FFFF and bytes that are not
 * valid UTF-8 become U+FFFD, so the output is always well-formed UTF-8 XML. */
#ifndef EXPORT_AKN_H
#define EXPORT_AKN_H

#include "core/err.h"
#include "core/sbuf.h"
#include "import/doc.h"

#ifndef AKN_NS
#define AKN_NS "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#endif
/* the namespace of ccrepo's elements inside <proprietary> */
#define AKN_NS_CCREPO "urn:ccrepo:akn:1"

/* Append d as a complete AKN 3.0 document (XML declaration included) to out.
 * Returns ERR_OK, or ERR_INVALID (message in e) when d is NULL or has no work
 * URI; out may then hold a partial document, which the caller discards. */
int akn_export(const struct doc *d, struct sbuf *out, struct err *e);

#endif
