/* judgment: a judgment given as plain text (or a PDF's text, import/pdf) into the
 * common form: its header (the text before the first numbered paragraph) as an
 * "introduction", then a "decision" holding its numbered paragraphs ("1. This batch
 * of writ petitions ..." -> paragraph "1.", eId para_1, as Akoma Ntoso judgments
 * number theirs); and what its header says about it. */
#ifndef IMPORT_JUDGMENT_H
#define IMPORT_JUDGMENT_H
#include <stddef.h>

#include "core/err.h"
#include "import/doc.h"
#include "import/text.h"

#define JUDGMENT_HEAD 8192		/* bytes of the header looked at */
#define JUDGMENT_MAX_PARAGRAPHS 20000	/* numbered paragraphs of one judgment */

/* Whether text[0..len) reads as a judgment: in its first JUDGMENT_HEAD bytes, in one
 * of the six UN languages, a court, the decision's title word and a party's role: in
 * English all in capitals ("HIGH COURT", "SUPREME COURT", "COURT OF APPEAL",
 * "TRIBUNAL", "CONSTITUTIONAL COURT"; JUDGMENT; PETITIONER, RESPONDENT, APPELLANT,
 * CLAIMANT, DEFENDANT, PLAINTIFF, ACCUSED, APPLICANT); "COUR DE CASSATION", "ARRÊT N°",
 * "pourvoi"...; "TRIBUNAL SUPREMO", "SENTENCIA NÚM.", "recurrente"...; "СУД", "ИМЕНЕМ",
 * "подсудимый"...; "محكمة", "باسم الشعب", "المتهم"...; "法院", "刑事判决书", "被告人"...
 * (the table signals[] in judgment.c). */
int judgment_sniff(const char *text, size_t len);
/* Parse the judgment text[0..len) (UTF-8, need not be NUL-terminated; lines by LF or
 * CRLF, '\f' between pages) into a new doc (*out, freed by the caller with
 * doc_free()) of kind DOC_JUDGMENT, type "judgment": meta's fields (may be NULL)
 * first, then judgment_read(). A numbered paragraph starts at a line "N. text" whose
 * N follows the last one's; other lines are its text (joined with a space; a blank
 * line between paragraphs of text). The title is meta's, else the first line.
 * ERR_INVALID for invalid UTF-8, a NUL byte or no text; ERR_TOOLARGE over
 * TEXT_MAX_SIZE or JUDGMENT_MAX_PARAGRAPHS. *out is untouched on error. */
int judgment_parse(const char *text, size_t len, const char *origin,
		   const struct text_meta *meta, struct doc **out, struct err *e);
/* Make d a judgment (kind DOC_JUDGMENT, type "judgment") and fill, where d has none,
 * what its title and first nodes say: court ("IN THE SUPREME COURT OF INDIA" ->
 * "Supreme Court of India"), date ("on 24 March, 2015", "Date: 21 December 2017",
 * "March 24, 2015"; YYYY-MM-DD), parties (a title "A vs B on ..." -> "A vs B"),
 * citation (the first of "Equivalent citations:" or "Neutral Citation Number:").
 * Returns the jurisdiction the court names ("India", in d's pool), NULL when none:
 * the caller may resolve it to a country. */
const char *judgment_read(struct doc *d);

#endif
