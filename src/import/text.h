/* text: statutes and treaties as plain text (extracted from a PDF gazette) or
 * Markdown, read into the common form of import/doc.h.
 *
 * The input is read line by line (UTF-8, LF or CRLF; a form feed '\f', as pdftotext
 * writes between pages, starts a page). Each line is cleaned first: tabs, other control
 * characters and Unicode spaces (no-break, narrow no-break U+202F, thin...) become one
 * space, runs of spaces collapse, soft hyphens go, U+2010/2011/2012/2212 become '-'
 * ("-" + soft hyphen + U+2010 is one '-'), a Markdown heading prefix ("#".."######",
 * with or without the space) and a whole-line **bold** are noted and removed, then link
 * syntax ("[text](url)" -> "text"), emphasis markers and backslash escapes are stripped.
 *
 * Before the structure is read, in this order:
 * a. YAML front matter ("---" ... "---" opening a Markdown file): its title and date
 *    (title:, date:, publication_date:, enacted:) are kept, its lines dropped.
 * b. Page furniture. With form feeds: a line among the first or last 4 non-blank lines
 *    of a page (6 for a bare number) that comes back, digits aside, on at least 3 pages
 *    and a fifth of them ("Computer Misuse Act 1993 2020 Ed. 4", "A 123", a bare page
 *    number). Without form feeds and without Markdown headings: a line of at most 12
 *    words with a digit and a letter, not ending a sentence (an abbreviation such as
 *    "Ed." may end it), repeated 5 times. Never a keyword line, a subdivision marker or
 *    a Markdown line. Each is dropped with one warning. Then a sentence cut by a page
 *    break goes on: when the last line before the break does not end in . : ; ! ? and
 *    the next page starts in lowercase, the blank lines between are dropped.
 * c. The table of contents. It opens with a title line ("Arrangement of sections",
 *    "Contents", "Table of contents", "Sommaire", "Table des matières", "Índice",
 *    "Содержание", "目录"...) or, untitled, at the first structure line when at least a
 *    third of the lines up to the first repeat are entries and none is body text (a
 *    subdivision marker, over 30 words or 400 bytes; an entry over 200 bytes has its
 *    text). Entries are keyword lines, "12. Heading", "12." and bare "12" (not a page
 *    number at a page edge, not "PART 2 DIRECTION" under "PART 3"). The list ends
 *    where a provision entry (a section, an article, a numbered line: groupings
 *    restart, as Division 1 in each Part) comes again: the body starts there, or at
 *    the groupings and short headings just above it (up to 8 lines, stopping at text
 *    such as "ENACTED by ..."). The list's lines, up to its last entry and the
 *    "SCHEDULES"/"First Schedule — ..." lines after it, are dropped; the text between
 *    the list and the body (long title, enacting words) stays. A "SCHEDULE" in the list
 *    is no schedule. The list is parsed apart and a section of the body (not of a
 *    schedule) with no heading takes the list's heading for its kind and number, unless
 *    the list is in columns (fewer than 3 in 4 of its entries have a heading). A titled
 *    list whose entries never come again is kept as text, with a warning.
 *
 * What a line can be, tried in this order:
 * 1. A keyword line: a keyword, a number and optionally a heading, case-insensitive:
 *    groupings Part/Partie/Parte, Subpart, Book/Livre/Libro, Title/Titre/Título,
 *    Subtitle/Sous-titre, Chapter/Chapitre/Capítulo, Division, Sous-section/Subsection,
 *    Paragraphe; provisions Article/Art./Artículo, Section/Sec./Sección and "§";
 *    Schedule/Annex/Annexe/Anexo/Appendix (a grouping at the top level), also after an
 *    ordinal ("FIRST SCHEDULE", "Second Annex — Heading"). Numbers: 2, 14A, 2 bis,
 *    12-1, 1º, roman II, "Ier"/"Ire" (roman I), a code's letter before digits (R131-1,
 *    eId R131-1), a final capital letter ("224-1 A", eId 224-1A), a capital letter, or
 *    a word (One..Twenty, First..Tenth, premier, première, primero, único...). A
 *    Markdown or bold "Part"/"Partie" line followed by a word in lowercase ("##
 *    Partie législative") is a part without a number (eId part_1, part_2 by order).
 *    A grouping heading starting in lowercase is not one ("Part 4 — general" is a
 *    section's heading). Chinese: 第 + number (Chinese numerals 一..九, 十, 百, 千, 零,
 *    or digits) + 编 (book), 分编 (subtitle), 章 (chapter), 节 (section, a grouping among
 *    articles) or 条 (article), optionally 之 + number: num is the printed
 *    "第二百八十六条之一", eId art_286-1; an article's words follow on its line as text.
 *    The heading follows a separator ("Article 2 – Illegal access", "CHAPTER 2.
 *    Heading", "§ 1030. Fraud ...", "Title 18— CRIMES") or, when the line has none,
 *    comes on the next line ("### Article 2" then "#### Illegal access", or a short
 *    plain line without final punctuation). A plain line with no separator is a
 *    keyword line only when nothing or a short capitalised heading follows the number,
 *    so "Article 2 of the Convention ..." stays text.
 *    "Section" is a provision unless the document has Article lines: then "Section N"
 *    is a grouping above articles (as in the Budapest Convention). "§ N" is always a
 *    provision (kind "section"). A line that starts in lowercase after a line that
 *    does not end a sentence (. : ;) goes on with it and is never a structure line
 *    ("... described in" + "section 16 —").
 *    Groupings nest in the order the text first nests their kinds: a kind seen above an
 *    open one closes it (Titre II closes Chapitre III and its sections), whatever the
 *    Markdown heading levels say.
 * 2. A numbered section "1. Short title" / "3. (1) A person ..." / "2.—(1) In this
 *    Act" / "8A. ...", only in documents with neither Article nor Section/§ lines, and
 *    only when the number is higher than the previous section's (or equal, with a
 *    letter: 8A after 8) but not by more than 50 ("2015." is a year), or a grouping
 *    opened since; otherwise "1." is a subdivision marker. The words after the number
 *    are text, not a heading, when the next line goes on in lowercase or when the
 *    heading came before the number: up to 3 short lines, after a blank line, the end
 *    of a sentence, a bracketed note ("[3/2013]"), a capitalised line or a grouping
 *    line, right before the numbered line ("Interpretation" + "2.—(1) In this Act"),
 *    are its heading (marginal notes as PDFs give them).
 * 3. The testimonium ("IN WITNESS WHEREOF", "EN FOI DE QUOI", "EN FE DE LO CUAL")
 *    after the last provision: a top-level node of kind "conclusions".
 * 4. A subdivision inside a provision: "(1)", "(a)", "(i)", "(A)", "(I)", "(aa)",
 *    "(1A)", "a)", "1.", "1°" at the start of the line, several in a row ("(a)(1) text"),
 *    "[(B) Repealed ...]". Nesting follows what comes first in each provision: a new
 *    marker class opens a level below the deepest open one, a class already open
 *    continues that level (closing the deeper ones); its first value ((a) again) starts
 *    it over at that level, as a definition's own list after another's does (the
 *    repeated eIds get "_2", "_3" with a warning), never a level below itself. So (a) > (1) > (A) > (i) > (I) in
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
 *    meta gives none; the title the statute gives itself ("This Act may be cited as
 *    the X Act, 2015.", "This Act is the X Act 1993." in its first provisions or one
 *    headed "Short title" or "Citation") wins over it when it ends with a year.
 *
 * Headings on two lines: a capitalised grouping heading goes on over the next
 * capitalised line of at most 8 words ("PART II - PROTECTION OF CRITICAL" +
 * "INFRASTRUCTURE"); after "PART 3" without a heading, a capitalised "PART 2
 * DIRECTION — APPEAL" line is its heading. A schedule's heading may come after a
 * reference line ("[Section 42]", "Sections 2(1) and 20"), which stays as its text.
 *
 * Dates: the work's date is the caller's (a year alone, "2015", is 2015-01-01), else the
 * front matter's, else the first date printed before the first provision on a line of
 * its own in brackets ("[15th May, 2015]", "[30 August 1993]") or after "Date of
 * commencement", "Date of assent", "Commencement", "Assented to", "Entry into force"
 * and their French and Spanish forms ("1st August 1993", "May 15, 2015", "1er août
 * 1993", "2015-05-15"; English, French and Spanish month names).
 *
 * Running heads: a grouping line equal to one currently open (same kind, number and
 * heading, when both have one), or a provision line equal to the open provision,
 * opens nothing: the text after it continues where it was.
 *
 * Warnings (with the line): text before the first provision; page furniture dropped;
 * a table of contents not found again; a provision numbered out of order, after a gap
 * ("section 15 after section 8A: 6 missing") or with the number of the one before
 * (plain numbers only: "12-1" and "2 bis" are not compared, numbering restarting at 1
 * under a new grouping is not warned); a provision or grouping with a heading and no
 * text; duplicate eIds; nesting too deep.
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
