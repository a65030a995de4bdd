/* pdf: the text of a PDF (a gazette, a consolidated act, a judgment) with poppler-glib,
 * laid out for the structure detection of import/text.
 *
 * Each page's characters and their boxes (poppler_page_get_text_layout) are grouped
 * into words, the words into physical lines (by vertical overlap, left to right), and
 * the lines are written top to bottom, pages separated by '\f'. What only the layout
 * tells is used on the way:
 * - columns: an empty vertical strip (at least PDF_GUTTER points wide, crossed by at
 *   most one line in 20, or one line) splits the page into regions. Two or more regions that each
 *   hold a fifth of the page's characters are columns: between two lines that cross
 *   the strip (a heading over both columns), the left column's lines come before the
 *   right column's, so words of two columns never share a line;
 * - marginal notes: a small region (under a fifth of the characters) to the right of
 *   the text holds notes, and one to its left when it is mostly words of letters; a
 *   small region of numbers ("4.", "(1)") stays with the text beside it. A note beside
 *   a line that opens a section ("6. (1) Any person ...") is the section's heading:
 *   "6. Unlawful access to a computer." on a line of its own, then "(1) Any person
 *   ..."; other notes (citations beside a definition) are dropped;
 * - running headers and footers: a line in the top or bottom 12% of a page whose
 *   words (in any order, numbers ignored: "3 Act 1993 2020 Ed." and "2020 Ed. Act 1993
 *   4" are the same head) come back on at least 30% of the pages (and two), or that
 *   is only a page number ("3", "- 3 -", "Page 3 of 40", "iv"), is left out; but a running
 *   header on the first page stays once (it is often the document's title).
 * Soft hyphens and control characters are dropped; a gap wider than a tenth of the
 * line's height between two words becomes one space. */
#ifndef IMPORT_PDF_H
#define IMPORT_PDF_H
#include <stddef.h>

#include "core/err.h"
#include "import/doc.h"
#include "import/text.h"

#define PDF_MAX_BYTES ((size_t)256 << 20)	/* size of the file */
#define PDF_MAX_PAGES 5000			/* pages of one document */
#define PDF_GUTTER 8				/* points: narrowest gap between columns */

/* The text of the PDF data[0..len) as UTF-8, lines in reading order, pages separated
 * by '\f', NUL-terminated: *out (xmalloc'd, the caller frees) and its length *outlen.
 * origin (a file name, may be NULL) starts every message. Errors, *out untouched:
 * ERR_INVALID when it is not a PDF or is damaged (or has no pages), is encrypted with
 * a password, or has no text layer (a scan: "no text layer: the PDF is a scan; run OCR first");
 * ERR_TOOLARGE over PDF_MAX_BYTES, PDF_MAX_PAGES or TEXT_MAX_SIZE of text. poppler's
 * own warnings are silenced. Thread-safe. */
int pdf_text(const char *data, size_t len, const char *origin, char **out, size_t *outlen,
	     struct err *e);
/* pdf_text(), then text_parse() of the text with meta (may be NULL) into a new doc in
 * *out, which the caller frees with doc_free(). The errors of both. */
int pdf_parse(const char *data, size_t len, const char *origin, const struct text_meta *meta,
	      struct doc **out, struct err *e);

#endif
