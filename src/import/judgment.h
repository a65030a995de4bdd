/* judgment: what a judgment given as plain text (or a PDF's text) says about itself,
 * read from the doc import/text made of it: its title and the text of its first
 * nodes (at most JUDGMENT_HEAD bytes), where a judgment's header is. */
#ifndef IMPORT_JUDGMENT_H
#define IMPORT_JUDGMENT_H

#include "import/doc.h"

#define JUDGMENT_HEAD 8192	/* bytes of the header looked at */

/* Whether d reads as a judgment: its header names a court ("IN THE SUPREME COURT",
 * "HIGH COURT", "COURT OF APPEAL", "TRIBUNAL"), says JUDGMENT (or "J U D G M E N T")
 * and names a party's role (petitioner, respondent, appellant, claimant, defendant,
 * plaintiff, accused), all in capitals. */
int judgment_sniff(const struct doc *d);
/* Make d a judgment (kind DOC_JUDGMENT, type "judgment") and fill, where d has none,
 * what its header says: court ("IN THE SUPREME COURT OF INDIA" -> "Supreme Court of
 * India"), date ("on 24 March, 2015", "Date: 21 December 2017", "March 24, 2015";
 * YYYY-MM-DD), parties (a title "A vs B on ..." -> "A vs B"), citation (the first of
 * "Equivalent citations:" or "Neutral Citation Number:"). Returns the jurisdiction
 * the court names ("India", in d's pool), NULL when none: the caller may resolve it
 * to a country. */
const char *judgment_read(struct doc *d);

#endif
