/* text: statutes and treaties as plain text (extracted from a PDF gazette) or
 * Markdown, read into the common form of import/doc.h.
 *
 * The input is read line by line (UTF-8, LF or CRLF). Each line is cleaned first:
 * Unicode spaces (no-break, narrow no-break U+202F, thin...) become one space, runs of
 * spaces collapse, a Markdown heading prefix ("#".."######", with or without the
 * space) and a whole-line **bold** are noted and removed, then link syntax
 * ("[text](url)" -> "text"), emphasis markers and backslash escapes are stripped.
 *
 * What a line can be, tried in this order:
 * 1. A keyword line: a keyword, a number and optionally a heading, case-insensitive:
 *    groupings Part/Partie/Parte, Subpart, Book/Livre/Libro, Title/Titre/Título,
 *    Chapter/Chapitre/Capítulo, Division; provisions Article/Art./Artículo,
 *    Section/Sec./Sección and "§"; Schedule/Annex/Annexe/Anexo/Appendix (a grouping
 *    at the top level). Numbers: 2, 14A, 2 bis, 12-1, 1º, roman II, a capital letter,
 *    or a word (One..Twenty, First..Tenth, premier, première, primero, único...).
 *    The heading follows a separator ("Article 2 – Illegal access", "CHAPTER 2.
 *    Heading", "§ 1030. Fraud ...", "Title 18— CRIMES") or, when the line has none,
 *    comes on the next line ("### Article 2" then "#### Illegal access", or a short
 *    plain line without final punctuation). A plain line with no separator is a
 *    keyword line only when nothing or a short capitalised heading follows the number,
 *    so "Article 2 of the Convention ..." stays text.
 *    "Section" is a provision unless the document has Article lines: then "Section N"
 *    is a grouping above articles (as in the Budapest Convention). "§ N" is always a
 *    provision (kind "section").
 * 2. A numbered section "1. Short title" / "3. (1) A person ...", only in documents
 *    with neither Article nor Section/§ lines, and only when the number is higher than
 *    the previous section's or a grouping opened since; otherwise "1." is a
 *    subdivision marker.
 * 3. The testimonium ("IN WITNESS WHEREOF", "EN FOI DE QUOI", "EN FE DE LO CUAL")
 *    after the last provision: a top-level node of kind "conclusions".
 * 4. A subdivision inside a provision: "(1)", "(a)", "(i)", "(A)", "(I)", "(aa)",
 *    "(1A)", "a)", "1.", "1°" at the start of the line, several in a row ("(a)(1) text"),
 *    "[(B) Repealed ...]". Nesting follows what comes first in each provision: a new
 *    marker class opens a level below the deepest open one, a class already open
 *    continues that level (closing the deeper ones). So (a) > (1) > (A) > (i) > (I) in
 *    US Code style and (1) > (a) > (i) in Commonwealth style come out of the same rule.
 *    A marker belongs to the open level whose sequence it continues ((h) -> (i)),
 *    looking from the deepest; "(i)"/"(I)" (roman or letter) opens a roman level
 *    instead when the deepest open level is one roman numerals nest under (letters for
 *    (i), (i)-numerals for (I)). A marker that neither continues a level (gaps of up to
 *    5 allowed) nor starts a new one at its first value ((1), (a), (i), (A), (I)) is
 *    text, unless the line is a Markdown heading ("###### (h) ..."): then it goes to
 *    the shallowest open level of its class. Kinds under a section: subsection,
 *    paragraph, subparagraph, clause, subclause, item by depth; under an article:
 *    "paragraph" for numbers and "point" for letters and roman numerals. A heading may
 *    follow the marker ("(1) Definitions .", "(a) Offense.—Whoever ...", or in a
 *    Markdown heading line "(a) Offense .").
 * 5. Otherwise text, for the deepest open node: lines of a paragraph are joined with a
 *    space, paragraphs (blank lines between) with "\n\n". Text before any grouping or
 *    provision goes to a "preamble" node, with a warning. The first heading of the
 *    document (a Markdown or bold line, or a short first line) becomes the title when
 *    meta gives none.
 *
 * Running heads: a grouping line equal to one currently open (same kind, number and
 * heading, when both have one), or a provision line equal to the open provision,
 * opens nothing: the text after it continues where it was.
 *
 * eIds come from doc_make_eid(). Groupings nest (chp_II__sec_1__title_1); provisions
 * are numbered across the document so their eId has no grouping prefix (art_2,
 * sec_1030, sec_1030__subsec_a__para_2); when a provision number repeats (numbering
 * restarting per part) the grouping prefix is added, and any eId still taken gets a
 * "_2", "_3"... suffix and a warning. */
#ifndef IMPORT_TEXT_H
#define IMPORT_TEXT_H
#include <stddef.h>

#include "core/err.h"
#include "import/doc.h"

/* The largest input text_parse() and text_load() accept. */
#define TEXT_MAX_SIZE ((size_t)32 << 20)

/* What the caller knows about the document (the CLI's flags). Any field may be NULL;
 * title is then taken from the text's first heading. */
struct text_meta {
	const char *work_uri, *country, *type, *number, *date, *title, *language, *expr_date,
		*source;
};

/* Parse len bytes of text (need not be NUL-terminated) into a new doc (*out, freed by
 * the caller with doc_free()). origin names the input in messages; meta may be NULL.
 * ERR_INVALID for invalid UTF-8 or a NUL byte ("origin:line: ...") and for input with
 * no text; ERR_TOOLARGE over TEXT_MAX_SIZE. What could not be placed is reported in
 * (*out)->warnings, never dropped. *out is untouched on error. */
int text_parse(const char *text, size_t len, const char *origin, const struct text_meta *meta,
	       struct doc **out, struct err *e);
/* text_parse() of the file at path (path is the origin). ERR_IO when it cannot be
 * read, ERR_TOOLARGE over TEXT_MAX_SIZE. */
int text_load(const char *path, const struct text_meta *meta, struct doc **out,
	      struct err *e);

#endif
