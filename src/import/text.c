#include "import/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "core/sbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define MAX_GROUPS 8		/* grouping levels (part > chapter > ...) */
#define MAX_LEVELS 8		/* subdivision levels inside a provision */
#define MAX_RANKS 16		/* grouping kinds whose order is learnt */
#define HEADING_WORDS 15	/* a longer plain line is text, not a heading */
#define HEADING_BYTES 200
#define MD_HEADING_WORDS 30	/* the same for a Markdown heading line */
#define MARK_GAP 5		/* (a) then (d): accepted, (a) then (z): text */
#define NUMBER_JUMP 50		/* "1." then "60.": text, not a numbered section */

/* How the document numbers its provisions (decided by a first pass). */
enum style { STYLE_NUMBERED, STYLE_SECTION, STYLE_ARTICLE };

enum role {
	ROLE_GROUP,	/* part, chapter, title... */
	ROLE_SCHEDULE,	/* a grouping at the top level */
	ROLE_SECTION,	/* a provision, or a grouping in a document of articles */
	ROLE_SIGN,	/* "§": always a provision */
	ROLE_ARTICLE,
};

static const struct keyword {
	const char *word;	/* lowercase UTF-8; a final '.' marks an abbreviation */
	const char *kind;
	enum role role;
} keywords[] = {
	{ "part", "part", ROLE_GROUP },
	{ "partie", "part", ROLE_GROUP },
	{ "parte", "part", ROLE_GROUP },
	{ "subpart", "subpart", ROLE_GROUP },
	{ "sub-part", "subpart", ROLE_GROUP },
	{ "book", "book", ROLE_GROUP },
	{ "livre", "book", ROLE_GROUP },
	{ "libro", "book", ROLE_GROUP },
	{ "title", "title", ROLE_GROUP },
	{ "titre", "title", ROLE_GROUP },
	{ "t\xc3\xadtulo", "title", ROLE_GROUP },
	{ "titulo", "title", ROLE_GROUP },
	{ "chapter", "chapter", ROLE_GROUP },
	{ "chapitre", "chapter", ROLE_GROUP },
	{ "cap\xc3\xadtulo", "chapter", ROLE_GROUP },
	{ "capitulo", "chapter", ROLE_GROUP },
	{ "division", "division", ROLE_GROUP },
	{ "sous-titre", "subtitle", ROLE_GROUP },
	{ "subtitle", "subtitle", ROLE_GROUP },
	{ "sous-section", "subsection", ROLE_GROUP },
	{ "subsection", "subsection", ROLE_GROUP },
	{ "paragraphe", "paragraph", ROLE_GROUP },
	{ "schedule", "schedule", ROLE_SCHEDULE },
	{ "annex", "schedule", ROLE_SCHEDULE },
	{ "annexe", "schedule", ROLE_SCHEDULE },
	{ "anexo", "schedule", ROLE_SCHEDULE },
	{ "appendix", "schedule", ROLE_SCHEDULE },
	{ "section", "section", ROLE_SECTION },
	{ "sec.", "section", ROLE_SECTION },
	{ "secci\xc3\xb3n", "section", ROLE_SECTION },
	{ "seccion", "section", ROLE_SECTION },
	{ "\xc2\xa7", "section", ROLE_SIGN },
	{ "article", "article", ROLE_ARTICLE },
	{ "art.", "article", ROLE_ARTICLE },
	{ "art", "article", ROLE_ARTICLE },
	{ "art\xc3\xad" "culo", "article", ROLE_ARTICLE },
	{ "articulo", "article", ROLE_ARTICLE },
};

/* Chinese structure: 第 + number + unit ("第二百八十六条之一"); the unit says the kind. */
static const struct keyword cjk_units[] = {
	{ "\xe7\xbc\x96", "book", ROLE_GROUP },		/* 编 */
	{ "\xe5\x88\x86\xe7\xbc\x96", "subtitle", ROLE_GROUP },	/* 分编 */
	{ "\xe7\xab\xa0", "chapter", ROLE_GROUP },		/* 章 */
	{ "\xe8\x8a\x82", "section", ROLE_SECTION },		/* 节 */
	{ "\xe6\x9d\xa1", "article", ROLE_ARTICLE },		/* 条 */
};

/* Chinese numerals: digits, and the multipliers 十 百 千. */
static const struct {
	const char *ch;
	int value;
	int mult;	/* 1: multiplies what is before it */
} cjk_digits[] = {
	{ "\xe3\x80\x87", 0, 0 }, { "\xe9\x9b\xb6", 0, 0 }, { "\xe4\xb8\x80", 1, 0 },
	{ "\xe4\xba\x8c", 2, 0 }, { "\xe4\xb8\xa4", 2, 0 }, { "\xe4\xb8\x89", 3, 0 },
	{ "\xe5\x9b\x9b", 4, 0 }, { "\xe4\xba\x94", 5, 0 }, { "\xe5\x85\xad", 6, 0 },
	{ "\xe4\xb8\x83", 7, 0 }, { "\xe5\x85\xab", 8, 0 }, { "\xe4\xb9\x9d", 9, 0 },
	{ "\xe5\x8d\x81", 10, 1 }, { "\xe7\x99\xbe", 100, 1 }, { "\xe5\x8d\x83", 1000, 1 },
};

#define CJK_ORDINAL "\xe7\xac\xac"	/* 第 */
#define CJK_SUFFIX "\xe4\xb9\x8b"	/* 之: 第二百八十六条之一 */

/* Numbers written as words ("PART ONE", "Article premier"). */
static const struct {
	const char *word;
	int value;
} num_words[] = {
	{ "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 }, { "five", 5 },
	{ "six", 6 }, { "seven", 7 }, { "eight", 8 }, { "nine", 9 }, { "ten", 10 },
	{ "eleven", 11 }, { "twelve", 12 }, { "thirteen", 13 }, { "fourteen", 14 },
	{ "fifteen", 15 }, { "sixteen", 16 }, { "seventeen", 17 }, { "eighteen", 18 },
	{ "nineteen", 19 }, { "twenty", 20 }, { "first", 1 }, { "second", 2 },
	{ "third", 3 }, { "fourth", 4 }, { "fifth", 5 }, { "sixth", 6 }, { "seventh", 7 },
	{ "eighth", 8 }, { "ninth", 9 }, { "tenth", 10 }, { "premier", 1 },
	{ "premi\xc3\xa8re", 1 }, { "unique", 1 }, { "primero", 1 }, { "primera", 1 },
	{ "\xc3\xbanico", 1 }, { "\xc3\xbanica", 1 },
};

/* Latin qualifiers after a number: "Article 2 bis". */
static const char *const num_qualifiers[] = {
	"bis", "ter", "quater", "quinquies", "sexies", "septies", "octies",
};

/* Letters after digits that only mark an ordinal ("1er", "2nd"): not in the eId. */
static const char *const ordinal_suffixes[] = {
	"er", "re", "e", "st", "nd", "rd", "th", "o", "a",
};

/* The testimonium that closes a treaty. */
static const char *const conclusion_openers[] = {
	"in witness whereof", "en foi de quoi", "en fe de lo cual", "en testimonio de lo cual",
};

/* Kinds of the subdivisions of a section, by depth. */
static const char *const section_levels[] = {
	"subsection", "paragraph", "subparagraph", "clause", "subclause", "item",
};

/* A number after a keyword. */
struct num {
	char text[48];	/* as printed: "2", "II", "premier", "2 bis" */
	char eid[48];	/* for the eId: "2", "II", "1", "2bis" */
	long value;	/* for ordering numbered sections; 0 when unknown */
	size_t len;	/* bytes consumed */
};

/* Subdivision marker classes. */
enum mclass { MC_NONE, MC_DIG, MC_DOT, MC_LOW, MC_LROM, MC_UP, MC_UROM };

struct mark {
	char num[16];		/* as printed: "(a)", "a)", "1." */
	enum mclass cls[2];	/* "(i)" may be a letter or a roman numeral */
	long val[2];
	int ncls;
	int insert;		/* "(1A)": inserted after (1) */
	size_t len;		/* bytes up to the text after it */
};

/* One cleaned line. */
struct line {
	char *s;	/* NUL-terminated, owned by the parser */
	size_t len;
	int md;		/* Markdown heading level, 0 when none */
	int bold;	/* the whole line was bold */
	int page;	/* a form feed: the line starts a page */
	int drop;	/* page furniture or table of contents: not parsed */
};

/* A keyword line or a numbered section line, split. */
struct hit {
	const struct keyword *kw;	/* NULL for "1. Heading" */
	struct num num;
	const char *head;		/* heading, headlen bytes; NULL when none */
	size_t headlen;
	const char *text;		/* text after the heading; NULL when none */
};

struct level {
	struct doc_node *node;
	enum mclass cls;
	long last;
};

struct delim {
	size_t pos, len;
	char ch;
	int open, close, matched;
};

/* eIds taken, with the next suffix to try for each. */
struct eid_slot {
	const char *eid;
	size_t hash;
	int next;
};

struct parser {
	struct doc *d;
	const char *origin;
	enum style style;
	int lineno;
	struct doc_node *groups[MAX_GROUPS];
	int ngroups;
	struct doc_node *prov;	/* the open article or section */
	struct level levels[MAX_LEVELS];
	int nlevels;
	struct doc_node *preamble, *concl;
	size_t preamble_warning;	/* index of its warning in d->warnings */
	struct doc_node *pending;	/* waits for its heading on the next line */
	int pending_match;		/* ... which it has already: skip a copy of it */
	int seen_structure, title_done, group_since_prov, nschedules;
	long nprov, last_value;
	const char *last_num;	/* the last provision's number when plain digits */
	int nonblank;
	struct doc_node *target;	/* whose text is in text */
	struct sbuf text;
	int para_break;
	struct sbuf ws, tmp, line;	/* work buffers of line cleaning */
	struct delim *delims;
	size_t ndelims, capdelims;
	size_t *stack;
	struct eid_slot *eids;
	size_t neids, capeids;
	struct line *lines;	/* every line, cleaned by the first pass */
	size_t nlines, cur;	/* ... and the one being parsed */
	size_t skip;		/* lines after it already taken (a wrapped heading) */
	char *arena;		/* the cleaned lines' bytes */
	struct doc *toc;	/* the table of contents, parsed apart for its headings */
	const char *marginal;	/* a heading printed before its section's number */
	struct doc_node *wrap;	/* a grouping whose capitalised heading may go on */
	int in_toc;		/* parsing a table of contents: text goes on headings */
	const char *ranks[MAX_RANKS];	/* grouping kinds, outermost first, as the text
					 * nested them */
	int nranks, nunnumbered;
	const char *front_date;	/* the date the text gives itself, YYYY-MM-DD */
	const char *text_date;	/* the date printed before the first provision */
};

/* ---- eIds ---- */

static size_t eid_hash(const char *s)
{
	unsigned long long h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)(h ^ (h >> 29));
}

/* The slot of eid, or the empty slot where it would go (the table is never full). */
static struct eid_slot *eid_find(struct parser *p, const char *eid, size_t hash)
{
	size_t i = hash & (p->capeids - 1);

	while (p->eids[i].eid && (p->eids[i].hash != hash || strcmp(p->eids[i].eid, eid)))
		i = (i + 1) & (p->capeids - 1);
	return &p->eids[i];
}

/* The slot of eid, room made for one more. */
static struct eid_slot *eid_slot(struct parser *p, const char *eid, size_t hash)
{
	if (2 * (p->neids + 1) > p->capeids) {
		struct eid_slot *old = p->eids;
		size_t oldcap = p->capeids;

		p->capeids = oldcap ? oldcap * 2 : 256;
		p->eids = xcalloc(p->capeids, sizeof(*p->eids));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].eid)
				*eid_find(p, old[i].eid, old[i].hash) = old[i];
		free(old);
	}
	return eid_find(p, eid, hash);
}

static int eid_taken(struct parser *p, const char *eid)
{
	return p->capeids && eid_find(p, eid, eid_hash(eid))->eid;
}

/* Take eid, or eid_2, eid_3... with a warning when it is taken. */
static const char *eid_claim(struct parser *p, const char *eid)
{
	size_t hash = eid_hash(eid);
	struct eid_slot *slot = eid_slot(p, eid, hash);
	const char *alt;
	int k;

	if (!slot->eid) {
		slot->eid = eid;
		slot->hash = hash;
		p->neids++;
		return eid;
	}
	k = slot->next > 2 ? slot->next : 2;
	do
		alt = pool_printf(p->d->pool, "%s_%d", eid, k++);
	while (eid_taken(p, alt));
	slot->next = k;
	doc_warn(p->d, "line %d: duplicate eId %s renamed %s", p->lineno, eid, alt);
	hash = eid_hash(alt);
	slot = eid_slot(p, alt, hash);
	slot->eid = alt;
	slot->hash = hash;
	p->neids++;
	return alt;
}

/* ---- characters and words ---- */

/* Bytes of a space character at s (n bytes available), 0 if none. */
static size_t space_len(const unsigned char *s, size_t n)
{
	if (s[0] < 0x20 || s[0] == ' ' || s[0] == 0x7f)
		return 1;
	if (s[0] == 0xc2 && n >= 2 && s[1] == 0xa0)
		return 2;
	if (n < 3)
		return 0;
	if (s[0] == 0xe2 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8a) || s[2] == 0xa8 || s[2] == 0xa9 || s[2] == 0xaf))
		return 3;
	if ((s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f) ||
	    (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80))
		return 3;
	return 0;
}

/* Bytes of an invisible character at s (zero-width space, joiners, BOM), 0 if none. */
static size_t invisible_len(const unsigned char *s, size_t n)
{
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0x8b && s[2] <= 0x8d)
		return 3;
	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		return 3;
	if (n >= 2 && s[0] == 0xc2 && s[1] == 0xad)	/* soft hyphen */
		return 2;
	return 0;
}

/* Bytes of a hyphen other than '-' at s (U+2010, U+2011, U+2012, U+2212), 0 if none. */
static size_t hyphen_len(const unsigned char *s, size_t n)
{
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0x92)
		return 3;
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x88 && s[2] == 0x92)
		return 3;
	return 0;
}

/* If s starts with word (lowercase) ignoring the case of ASCII and Latin-1 letters,
 * the bytes of s it covers; else 0. */
static size_t match_word(const char *s, const char *word)
{
	const unsigned char *a = (const unsigned char *)s, *b = (const unsigned char *)word;
	size_t i = 0;

	for (; b[i]; i++) {
		unsigned char c = a[i];

		if (!c)
			return 0;
		if (c < 0x80)
			c = (unsigned char)tolower(c);
		else if (i > 0 && a[i - 1] == 0xc3 && c >= 0x80 && c <= 0x9e && c != 0x97)
			c += 0x20;
		if (c != b[i])
			return 0;
	}
	return i;
}

/* Whether c ends a word: not an ASCII letter or digit, nor the start of a Latin
 * letter. */
static int boundary(unsigned char c)
{
	if (c < 0x80)
		return !isalnum(c);
	return c == 0xc2 || c >= 0xe0;
}

static int is_upper_start(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Whether s has letters and no lowercase ASCII letter. */
static int all_caps(const char *s)
{
	int letters = 0;

	for (; *s; s++) {
		if (islower((unsigned char)*s))
			return 0;
		letters |= isupper((unsigned char)*s) != 0;
	}
	return letters;
}

static size_t count_words(const char *s, size_t len)
{
	size_t k = len ? 1 : 0;

	for (size_t i = 0; i < len; i++)
		if (s[i] == ' ')
			k++;
	return k;
}

/* Bytes of a separator between a number and its heading at s: . : - – — */
static size_t sep_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*u == '.' || *u == ':' || *u == '-')
		return 1;
	if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94))
		return 3;
	return 0;
}

/* Whether s (len bytes) can be a heading: a Markdown heading line of reasonable size,
 * or a short capitalised line without final , ; : (with a final '.' only when short
 * and dot_ok). */
static int heading_like(const char *s, size_t len, int md, int dot_ok)
{
	size_t words = count_words(s, len);
	char last;

	if (!len)
		return 0;
	if (md)
		return len <= 2 * HEADING_BYTES && words <= MD_HEADING_WORDS;
	if (len > HEADING_BYTES || words > HEADING_WORDS || !is_upper_start(s))
		return 0;
	last = s[len - 1];
	if (last == ',' || last == ';' || last == ':')
		return 0;
	if (last == '.' && (!dot_ok || words > 6))
		return 0;
	return 1;
}

/* The length of heading h without final punctuation and spaces ("Offense ." ->
 * "Offense"). */
static size_t heading_trim(const char *h, size_t len)
{
	for (;;) {
		while (len && h[len - 1] == ' ')
			len--;
		if (len && (h[len - 1] == '.' || h[len - 1] == ':' || h[len - 1] == '-'))
			len--;
		else if (len >= 3 && (unsigned char)h[len - 3] == 0xe2 &&
			 (unsigned char)h[len - 2] == 0x80 &&
			 ((unsigned char)h[len - 1] == 0x93 || (unsigned char)h[len - 1] == 0x94))
			len -= 3;
		else
			return len;
	}
}

/* ---- numbers and markers ---- */

static int roman_digit(int c)
{
	switch (tolower(c)) {
	case 'i': return 1;
	case 'v': return 5;
	case 'x': return 10;
	case 'l': return 50;
	case 'c': return 100;
	case 'd': return 500;
	case 'm': return 1000;
	default: return 0;
	}
}

/* The value of a canonical roman numeral (case-insensitive) of n letters, else 0. */
static long roman_value(const char *s, size_t n)
{
	static const struct {
		const char *sym;
		int val;
	} r[] = { { "m", 1000 }, { "cm", 900 }, { "d", 500 }, { "cd", 400 }, { "c", 100 },
		  { "xc", 90 }, { "l", 50 }, { "xl", 40 }, { "x", 10 }, { "ix", 9 },
		  { "v", 5 }, { "iv", 4 }, { "i", 1 } };
	char canon[32];
	long v = 0, rest;
	size_t k = 0;

	if (!n || n > 12)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int d = roman_digit((unsigned char)s[i]);
		int d2 = i + 1 < n ? roman_digit((unsigned char)s[i + 1]) : 0;

		if (!d)
			return 0;
		v += d < d2 ? -d : d;
	}
	if (v <= 0 || v >= 4000)
		return 0;
	/* canonical form only: "IIII" and "IC" are not numerals */
	for (rest = v; rest > 0;) {
		for (size_t j = 0; j < sizeof(r) / sizeof(r[0]); j++) {
			if (rest >= r[j].val) {
				size_t l = strlen(r[j].sym);

				if (k + l > n)
					return 0;
				memcpy(canon + k, r[j].sym, l);
				k += l;
				rest -= r[j].val;
				break;
			}
		}
	}
	if (k != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != canon[i])
			return 0;
	return v;
}

/* The value of a run of one repeated lowercase or uppercase letter: a=1, z=26,
 * aa=27...; 0 otherwise. */
static long letter_value(const char *s, size_t n)
{
	int c = tolower((unsigned char)s[0]);

	if (!n || n > 3 || c < 'a' || c > 'z')
		return 0;
	for (size_t i = 1; i < n; i++)
		if (s[i] != s[0])
			return 0;
	return (long)(n - 1) * 26 + (c - 'a' + 1);
}

static void num_put(char *buf, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* Parse the number of a keyword line at s. 1 when there is one. */
static int parse_num(const char *s, struct num *n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, elen;

	memset(n, 0, sizeof(*n));
	if (isupper(u[0]) && isdigit(u[1]) && parse_num(s + 1, n)) {
		/* "R131-1", "D712-9": a code's letter before the number */
		memmove(n->eid + 1, n->eid, sizeof(n->eid) - 1);
		n->eid[0] = s[0];
		n->eid[sizeof(n->eid) - 1] = '\0';
		memmove(n->text + 1, n->text, sizeof(n->text) - 1);
		n->text[0] = s[0];
		n->text[sizeof(n->text) - 1] = '\0';
		n->len++;
		return 1;
	}
	if (isdigit(u[0])) {
		size_t j;

		while (isdigit(u[i]) && i < 9)
			n->value = n->value * 10 + (u[i++] - '0');
		if (isdigit(u[i]))
			return 0;
		elen = i;
		for (j = i; isalpha(u[j]) && j - i < 4; j++)
			;
		if (j > i) {
			int ordinal = 0;

			for (size_t k = 0; k < sizeof(ordinal_suffixes) / sizeof(ordinal_suffixes[0]); k++)
				if (strlen(ordinal_suffixes[k]) == j - i &&
				    !strncmp(s + i, ordinal_suffixes[k], j - i))
					ordinal = 1;
			if (!ordinal)
				elen = j;
			i = j;
		}
		/* º ° ª */
		if (u[i] == 0xc2 && (u[i + 1] == 0xba || u[i + 1] == 0xb0 || u[i + 1] == 0xaa))
			i += 2;
		/* 12.3, 12-1 */
		while ((u[i] == '.' || u[i] == '-') && isdigit(u[i + 1])) {
			int keep = elen == i;

			i++;
			while (isdigit(u[i]) && i < 40)
				i++;
			if (keep)
				elen = i;
		}
		if (!boundary(u[i]))
			return 0;
		num_put(n->eid, sizeof(n->eid), s, elen);
	} else {
		size_t j = 0;

		while (isalpha(u[j]) && j < 13)
			j++;
		if (!j || !boundary(u[j]))
			goto words;
		if ((n->value = roman_value(s, j)) && (isupper(u[0]) || j <= 4)) {
			i = j;
		} else if (j > 2 && isupper(u[0]) && (!strncmp(s + j - 2, "er", 2) ||
						      !strncmp(s + j - 2, "re", 2)) &&
			   (n->value = roman_value(s, j - 2))) {
			num_put(n->eid, sizeof(n->eid), s, j - 2);	/* "Ier", "Ire" */
			i = j;
			goto qualifier;
		} else if (j == 1 && isupper(u[0])) {
			n->value = u[0] - 'A' + 1;
			i = 1;
		} else {
			goto words;
		}
		num_put(n->eid, sizeof(n->eid), s, i);
	}
	goto qualifier;
words:
	for (size_t k = 0; k < sizeof(num_words) / sizeof(num_words[0]); k++) {
		size_t l = match_word(s, num_words[k].word);

		if (l && boundary(u[l])) {
			n->value = num_words[k].value;
			snprintf(n->eid, sizeof(n->eid), "%d", num_words[k].value);
			i = l;
			goto qualifier;
		}
	}
	return 0;
qualifier:
	if (s[i] == ' ' && isupper(u[i + 1]) && !u[i + 2] && isdigit(u[0])) {
		size_t el = strlen(n->eid);	/* "224-1 A" at the end of the line */

		num_put(n->eid + el, sizeof(n->eid) - el, s + i + 1, 1);
		i += 2;
	} else if (s[i] == ' ') {
		for (size_t k = 0; k < sizeof(num_qualifiers) / sizeof(num_qualifiers[0]); k++) {
			size_t l = match_word(s + i + 1, num_qualifiers[k]);

			if (l && boundary(u[i + 1 + l])) {
				size_t el = strlen(n->eid);

				num_put(n->eid + el, sizeof(n->eid) - el, num_qualifiers[k], l);
				i += 1 + l;
				break;
			}
		}
	}
	num_put(n->text, sizeof(n->text), s, i);
	n->len = i;
	return 1;
}

/* Parse a subdivision marker at the start of s: "(a)", "(1A)", "a)", "1.", "1°". 1 when
 * there is one (whether it fits the open levels is for mark_resolve()). */
static int parse_mark(const char *s, struct mark *m)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, t0, t1, ndig = 0, nalpha = 0;
	int paren = 0, dot = 0;

	memset(m, 0, sizeof(*m));
	if (u[0] == '(') {
		paren = 1;
		i = 1;
	}
	t0 = i;
	while (isdigit(u[i]) && ndig < 7)
		i++, ndig++;
	while (isalpha(u[i]) && nalpha < 5)
		i++, nalpha++;
	t1 = i;
	if (t1 == t0 || (ndig && nalpha > 2) || isalnum(u[i]))
		return 0;
	if (u[i] == ')') {
		if (!paren && t1 - t0 > 4)
			return 0;
		i++;
	} else if (u[i] == '.' && !paren && ndig && (!nalpha || (nalpha == 1 && isupper(u[i - 1])))) {
		dot = 1;
		i++;
	} else if (u[i] == 0xc2 && (u[i + 1] == 0xb0 || u[i + 1] == 0xba) && !paren && ndig &&
		   !nalpha) {
		i += 2;	/* French "1°" */
	} else {
		return 0;
	}
	if (dot && u[i] == 0xe2 && u[i + 1] == 0x80 && (u[i + 2] == 0x93 || u[i + 2] == 0x94)) {
		num_put(m->num, sizeof(m->num), s, i);	/* "2.—(1) In this Act" */
		m->len = i + 3;
		goto value;
	}
	if (u[i] != ' ' && u[i] != '\0' && !(u[i] == '(' && !dot))
		return 0;
	num_put(m->num, sizeof(m->num), s, i);
	if (u[i] == ' ')
		i++;
	m->len = i;
value:
	if (ndig) {
		long v = 0;

		if (ndig > (dot ? 6 : 4))
			return 0;
		for (size_t k = t0; k < t0 + ndig; k++)
			v = v * 10 + (u[k] - '0');
		m->cls[0] = dot ? MC_DOT : MC_DIG;
		m->val[0] = v;
		m->ncls = 1;
		m->insert = nalpha > 0;
		return v > 0;
	}
	{
		int upper = isupper(u[t0]) != 0;
		long lv, rv;

		for (size_t k = t0; k < t1; k++)
			if ((isupper(u[k]) != 0) != upper)
				return 0;
		lv = letter_value(s + t0, t1 - t0);
		rv = roman_value(s + t0, t1 - t0);
		if (lv) {
			m->cls[m->ncls] = upper ? MC_UP : MC_LOW;
			m->val[m->ncls++] = lv;
		}
		if (rv) {
			m->cls[m->ncls] = upper ? MC_UROM : MC_LROM;
			m->val[m->ncls++] = rv;
		}
	}
	return m->ncls > 0;
}

/* Whether a new roman level of class cls belongs under a level of class deep. */
static int roman_nests_under(enum mclass cls, enum mclass deep)
{
	if (cls == MC_LROM)
		return deep == MC_LOW || deep == MC_UP;
	if (cls == MC_UROM)
		return deep == MC_LROM;
	return 0;
}

/* Where marker m goes: the index of the open level it continues, or p->nlevels for
 * a new level below the deepest; *which is the class chosen (index into m->cls).
 * -1 when it fits nowhere (the line is text), unless force (a Markdown heading line
 * says it is a subdivision): then the shallowest level of its class, or a new one. */
static int mark_resolve(const struct parser *p, const struct mark *m, int force, int *which)
{
	int n = p->nlevels, cont = -1, ccls = 0, fresh = -1;

	for (int i = n - 1; i >= 0 && cont < 0; i--)
		for (int c = 0; c < m->ncls; c++)
			if (p->levels[i].cls == m->cls[c] &&
			    m->val[c] == p->levels[i].last + (m->insert ? 0 : 1)) {
				cont = i;
				ccls = c;
				break;
			}
	for (int c = 0; c < m->ncls; c++)
		if (m->val[c] == 1 && !m->insert)
			fresh = c;
	if (cont >= 0 && fresh >= 0 && cont < n - 1 &&
	    roman_nests_under(m->cls[fresh], p->levels[n - 1].cls))
		cont = -1;
	if (cont >= 0) {
		*which = ccls;
		return cont;
	}
	if (fresh >= 0) {
		*which = fresh;
		/* a class already open starts again at its level (a definition's own (a),
		 * (b) list after another's), never one below itself */
		for (int i = n - 1; i >= 0; i--)
			if (p->levels[i].cls == m->cls[fresh])
				return i;
		return n;
	}
	for (int i = n - 1; i >= 0; i--)
		for (int c = 0; c < m->ncls; c++)
			if (p->levels[i].cls == m->cls[c] && m->val[c] > p->levels[i].last &&
			    m->val[c] <= p->levels[i].last + MARK_GAP) {
				*which = c;
				return i;
			}
	if (!force)
		return -1;
	for (int i = 0; i < n; i++)
		for (int c = 0; c < m->ncls; c++)
			if (p->levels[i].cls == m->cls[c]) {
				*which = c;
				return i;
			}
	*which = 0;
	return n;
}

/* ---- line cleaning ---- */

static struct delim *delim_push(struct parser *p)
{
	if (p->ndelims == p->capdelims) {
		p->capdelims = p->capdelims ? p->capdelims * 2 : 64;
		p->delims = xrealloc(p->delims, p->capdelims * sizeof(*p->delims));
		p->stack = xrealloc(p->stack, p->capdelims * sizeof(*p->stack));
	}
	memset(&p->delims[p->ndelims], 0, sizeof(*p->delims));
	return &p->delims[p->ndelims++];
}

/* Copy s to out without link syntax: "[text](url)" and "![alt](url)" -> the text. The
 * text runs to the first ']', the URL to the first ')' (no nesting): both searches
 * only move forward, so a line of brackets stays linear. */
static void strip_links(const char *s, size_t n, struct sbuf *out)
{
	size_t i = 0, from = 0, rb = 0, rp = 0;

	sbuf_reset(out);
	while (i < n) {
		size_t t;

		if (s[i] == '\\' && i + 1 < n) {
			i += 2;
			continue;
		}
		t = i + (s[i] == '!' && i + 1 < n && s[i + 1] == '[');
		if (s[t] != '[') {
			i++;
			continue;
		}
		if (rb <= t)
			rb = t + 1;
		while (rb < n && (s[rb] != ']' || s[rb - 1] == '\\'))
			rb++;
		if (rb + 1 >= n || s[rb + 1] != '(') {
			i = t + 1;
			continue;
		}
		if (rp < rb + 2)
			rp = rb + 2;
		while (rp < n && s[rp] != ')')
			rp++;
		if (rp >= n) {
			i = t + 1;
			continue;
		}
		sbuf_add(out, s + from, i - from);
		sbuf_add(out, s + t + 1, rb - t - 1);
		i = from = rp + 1;
	}
	sbuf_add(out, s + from, n - from);
}

/* Copy s to out without emphasis markers (* ** *** _ __ ___ in matching pairs) and
 * backslash escapes. */
static void strip_emphasis(struct parser *p, const char *s, size_t n, struct sbuf *out)
{
	size_t i, top = 0, d = 0, from = 0;

	sbuf_reset(out);
	p->ndelims = 0;
	for (i = 0; i < n;) {
		char c = s[i];
		unsigned char prev, next;
		struct delim *dl;
		size_t j;

		if (c == '\\' && i + 1 < n && ispunct((unsigned char)s[i + 1])) {
			i += 2;
			continue;
		}
		if (c != '*' && c != '_') {
			i++;
			continue;
		}
		for (j = i; j < n && s[j] == c; j++)
			;
		prev = i ? (unsigned char)s[i - 1] : ' ';
		next = j < n ? (unsigned char)s[j] : ' ';
		if (j - i <= 3 && !(c == '_' && isalnum(prev) && isalnum(next))) {
			dl = delim_push(p);
			dl->pos = i;
			dl->len = j - i;
			dl->ch = c;
			dl->open = next != ' ';
			dl->close = prev != ' ';
		}
		i = j;
	}
	/* pair closers with the nearest opener of the same character and length, looking
	 * a bounded way down the stack */
	for (size_t k = 0; k < p->ndelims; k++) {
		struct delim *dl = &p->delims[k];

		if (dl->close) {
			size_t t = top, floor = top > 16 ? top - 16 : 0;

			while (t > floor && !(p->delims[p->stack[t - 1]].ch == dl->ch &&
					      p->delims[p->stack[t - 1]].len == dl->len))
				t--;
			if (t > floor) {
				p->delims[p->stack[t - 1]].matched = 1;
				dl->matched = 1;
				top = t - 1;
				continue;
			}
		}
		if (dl->open)
			p->stack[top++] = k;
	}
	for (i = 0; i < n;) {
		if (d < p->ndelims && p->delims[d].pos == i) {
			if (p->delims[d].matched) {
				sbuf_add(out, s + from, i - from);
				from = i + p->delims[d].len;
			}
			i += p->delims[d++].len;
			continue;
		}
		if (s[i] == '\\' && i + 1 < n && ispunct((unsigned char)s[i + 1])) {
			sbuf_add(out, s + from, i - from);
			from = i + 1;
			i += 2;
			continue;
		}
		i++;
	}
	sbuf_add(out, s + from, n - from);
}

/* Clean raw line (n bytes, valid UTF-8, no NUL) into ln. */
static void line_clean(struct parser *p, const char *raw, size_t n, struct line *ln)
{
	const unsigned char *u = (const unsigned char *)raw;
	struct sbuf *ws = &p->ws;
	size_t i = 0, start, len;
	char *s;

	sbuf_reset(ws);
	while (i < n) {
		size_t run = i, l;

		while (run < n && ((u[run] > ' ' && u[run] < 0x7f && u[run] != '-') ||
				   (u[run] > 0x7f && u[run] != 0xc2 && u[run] != 0xe2 &&
				    u[run] != 0xe3 && u[run] != 0xef)))
			run++;
		sbuf_add(ws, raw + i, run - i);
		i = run;
		if (i >= n)
			break;
		if ((l = space_len(u + i, n - i))) {
			if (ws->len && ws->buf[ws->len - 1] != ' ')
				sbuf_addc(ws, ' ');
			i += l;
		} else if ((l = invisible_len(u + i, n - i))) {
			i += l;
		} else if ((l = hyphen_len(u + i, n - i))) {
			/* "-" + soft hyphen + U+2010 in PDF text is one hyphen */
			if (!ws->len || ws->buf[ws->len - 1] != '-')
				sbuf_addc(ws, '-');
			i += l;
		} else if (raw[i] == '-' && ws->len && ws->buf[ws->len - 1] == '-' &&
			   i > 0 && raw[i - 1] != '-') {
			i++;	/* U+2010 then '-' */
		} else {
			sbuf_addc(ws, raw[i++]);
		}
	}
	s = ws->buf ? ws->buf : (char *)"";
	len = ws->len;
	start = 0;
	while (start < len && s[start] == ' ')
		start++;
	while (len > start && s[len - 1] == ' ')
		len--;
	ln->md = ln->bold = 0;
	/* Markdown heading: 1 to 6 '#', the space after them is often missing */
	if (start < len && s[start] == '#') {
		size_t k = start;

		while (k < len && s[k] == '#')
			k++;
		if (k - start <= 6) {
			size_t j;

			ln->md = (int)(k - start);
			start = k;
			while (start < len && s[start] == ' ')
				start++;
			/* a closing sequence " ##" */
			for (j = len; j > start && s[j - 1] == '#'; j--)
				;
			if (j < len && j > start && s[j - 1] == ' ')
				len = j - 1;
			else if (j == start)
				len = start;
		}
	}
	/* a whole line in ** or __ */
	if (len - start > 4 && (s[start] == '*' || s[start] == '_') && s[start + 1] == s[start] &&
	    s[len - 1] == s[start] && s[len - 2] == s[start]) {
		int inner = 0;

		for (size_t k = start + 2; k + 3 < len; k++)
			if (s[k] == s[start] && s[k + 1] == s[start])
				inner = 1;
		if (!inner) {
			ln->bold = 1;
			start += 2;
			len -= 2;
			while (start < len && s[start] == ' ')
				start++;
			while (len > start && s[len - 1] == ' ')
				len--;
		}
	}
	strip_links(s + start, len - start, &p->tmp);
	strip_emphasis(p, p->tmp.buf ? p->tmp.buf : "", p->tmp.len, &p->line);
	sbuf_addc(&p->line, '\0');
	p->line.len--;
	ln->s = p->line.buf;
	ln->len = p->line.len;
	/* stripping may leave spaces at the ends: "* item *" */
	while (ln->len && ln->s[ln->len - 1] == ' ')
		ln->s[--ln->len] = '\0';
	while (ln->len && ln->s[0] == ' ') {
		ln->s++;
		ln->len--;
	}
}

/* ---- structure lines ---- */

/* Split rest (the part of a keyword line after the number and separator) into
 * heading and text. group: all of it is the heading. */
static void split_rest(const char *rest, int md, int group, struct hit *h)
{
	size_t len = strlen(rest), words;
	const char *dot;
	struct mark m;

	h->head = NULL;
	h->headlen = 0;
	h->text = NULL;
	if (!len)
		return;
	if (group) {
		h->head = rest;
		h->headlen = heading_trim(rest, len);
		return;
	}
	if (parse_mark(rest, &m)) {
		h->text = rest;
		return;
	}
	/* "Heading.—Text", "Objeto.- Text" */
	for (const char *q = rest; (q = strchr(q, '.')) && q - rest <= HEADING_BYTES; q++) {
		const unsigned char *a = (const unsigned char *)q + 1;
		size_t skip = 0;

		if (a[0] == ' ')
			a++, skip++;
		if (a[0] == 0xe2 && a[1] == 0x80 && (a[2] == 0x93 || a[2] == 0x94))
			skip += 3;
		else if (a[0] == '-')
			skip += 1;
		else
			continue;
		words = count_words(rest, (size_t)(q - rest));
		if (words > 12 || !is_upper_start(rest))
			break;
		h->head = rest;
		h->headlen = heading_trim(rest, (size_t)(q - rest));
		h->text = q + 1 + skip;
		while (*h->text == ' ')
			h->text++;
		if (!*h->text)
			h->text = NULL;
		return;
	}
	if (heading_like(rest, len, md, 1)) {
		h->head = rest;
		h->headlen = heading_trim(rest, len);
		return;
	}
	/* "Objeto. La presente ley ..." */
	dot = strstr(rest, ". ");
	if (dot && is_upper_start(rest) && count_words(rest, (size_t)(dot - rest)) <= 5 &&
	    isupper((unsigned char)dot[2])) {
		h->head = rest;
		h->headlen = heading_trim(rest, (size_t)(dot - rest));
		h->text = dot + 2;
		return;
	}
	h->text = rest;
}

/* A Chinese number at s (digits or numerals): its value, *len its bytes; 0 if none. */
static long cjk_number(const char *s, size_t *len)
{
	long total = 0, digit = 0;
	size_t i = 0;
	int any = 0;

	for (;;) {
		size_t k, n = sizeof(cjk_digits) / sizeof(cjk_digits[0]);

		if (isdigit((unsigned char)s[i]) && total < 100000) {
			digit = digit * 10 + (s[i++] - '0');
			any = 1;
			continue;
		}
		for (k = 0; k < n && strncmp(s + i, cjk_digits[k].ch, 3); k++)
			;
		if (k == n || total > 100000)
			break;
		any = 1;
		i += 3;
		if (cjk_digits[k].mult) {
			total += (digit ? digit : 1) * cjk_digits[k].value;
			digit = 0;
		} else {
			digit = cjk_digits[k].value;
		}
	}
	*len = i;
	return any ? total + digit : 0;
}

/* "第二百八十六条之一 text", "第一编 总则": a Chinese structure line. Fills h. */
static int cjk_line(const struct line *ln, struct hit *h)
{
	const char *s = ln->s, *q;
	size_t l, l2, k, nu = sizeof(cjk_units) / sizeof(cjk_units[0]);
	long v, sub = 0;

	if (strncmp(s, CJK_ORDINAL, 3) || !(v = cjk_number(s + 3, &l)))
		return 0;
	q = s + 3 + l;
	for (k = 0; k < nu && strncmp(q, cjk_units[k].word, strlen(cjk_units[k].word)); k++)
		;
	if (k == nu)
		return 0;
	q += strlen(cjk_units[k].word);
	if (!strncmp(q, CJK_SUFFIX, 3) && (sub = cjk_number(q + 3, &l2)))
		q += 3 + l2;
	if (*q && *q != ' ')
		return 0;
	memset(h, 0, sizeof(*h));
	h->kw = &cjk_units[k];
	num_put(h->num.text, sizeof(h->num.text), s, (size_t)(q - s));
	if (sub)
		snprintf(h->num.eid, sizeof(h->num.eid), "%ld-%ld", v, sub);
	else
		snprintf(h->num.eid, sizeof(h->num.eid), "%ld", v);
	h->num.value = v;
	while (*q == ' ')
		q++;
	if (!*q)
		return 1;
	if (h->kw->role == ROLE_ARTICLE) {
		h->text = q;	/* an article's words follow its number */
	} else {
		h->head = q;
		h->headlen = heading_trim(q, strlen(q));
	}
	return 1;
}

/* "FIRST SCHEDULE", "Second Annex – Heading": an ordinal word before a schedule
 * keyword, alone on its line or before a separator. Fills h. */
static int ordinal_schedule(const struct line *ln, struct hit *h)
{
	const char *s = ln->s;

	for (size_t k = 0; k < sizeof(num_words) / sizeof(num_words[0]); k++) {
		size_t l = match_word(s, num_words[k].word), sl;
		const char *q = s + l + 1;

		if (!l || s[l] != ' ' || num_words[k].value > 10)
			continue;
		for (size_t j = 0; j < sizeof(keywords) / sizeof(keywords[0]); j++) {
			size_t kl;

			if (keywords[j].role != ROLE_SCHEDULE || !(kl = match_word(q, keywords[j].word)))
				continue;
			q += kl;
			while (*q == ' ')
				q++;
			if (*q && !(sl = sep_len(q)))
				return 0;
			while ((sl = sep_len(q)))
				for (q += sl; *q == ' '; q++)
					;
			memset(h, 0, sizeof(*h));
			num_put(h->num.text, sizeof(h->num.text), s, l);
			snprintf(h->num.eid, sizeof(h->num.eid), "%d", num_words[k].value);
			h->num.value = num_words[k].value;
			split_rest(q, 1, 1, h);
			h->kw = &keywords[j];
			return 1;
		}
		return 0;
	}
	return 0;
}

/* Whether ln is a keyword line (whatever the document's style); fills h. */
static int keyword_line(const struct line *ln, struct hit *h)
{
	const char *s = ln->s;

	if (ordinal_schedule(ln, h) || cjk_line(ln, h))
		return 1;

	/* every keyword starts with one of these */
	if (!*s || !strchr("abcdlpst\xc2", tolower((unsigned char)*s)))
		return 0;
	for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++) {
		const struct keyword *kw = &keywords[k];
		size_t l = match_word(s, kw->word), wl;
		const char *q;
		int sep = 0, nonum = 0;

		if (!l)
			continue;
		q = s + l;
		wl = strlen(kw->word);
		if (kw->role == ROLE_SIGN) {
			if (!strncmp(q, "\xc2\xa7", 2))
				continue;
			if (*q == ' ')
				q++;
		} else if (kw->word[wl - 1] == '.') {
			if (*q == ' ')
				q++;
		} else if (*q == ' ') {
			q++;
		} else if (!(*q == '\0' && kw->role == ROLE_SCHEDULE)) {
			continue;
		}
		if (!parse_num(q, &h->num)) {
			/* "## Partie législative": a part named, not numbered */
			int named = !strcmp(kw->kind, "part") && (ln->md || ln->bold) &&
				    (islower((unsigned char)*q) || (unsigned char)*q >= 0x80);

			if (!named && (kw->role != ROLE_SCHEDULE || (*q && !ln->md && !ln->bold)))
				continue;
			if (named)
				q = s;
			memset(&h->num, 0, sizeof(h->num));
			nonum = 1;
		}
		q += h->num.len;
		while (*q == ' ')
			q++;
		if (!nonum) {
			size_t sl;

			while ((sl = sep_len(q))) {
				sep = 1;
				q += sl;
				while (*q == ' ')
					q++;
			}
		}
		if (*q && !sep && !ln->md && !ln->bold && !nonum &&
		    !(is_upper_start(q) && heading_like(q, strlen(q), 0, 0)))
			continue;
		/* "Part 4 — general" is a section's heading: a grouping's is capitalised */
		if (kw->role == ROLE_GROUP && !ln->md && !ln->bold && islower((unsigned char)*q))
			continue;
		split_rest(q, ln->md || ln->bold, kw->role == ROLE_GROUP || kw->role == ROLE_SCHEDULE, h);
		h->kw = kw;
		return 1;
	}
	return 0;
}

/* ---- dates ---- */

static const struct {
	const char *name;	/* lowercase */
	int month;
} months[] = {
	{ "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 }, { "may", 5 },
	{ "june", 6 }, { "july", 7 }, { "august", 8 }, { "september", 9 }, { "october", 10 },
	{ "november", 11 }, { "december", 12 }, { "janvier", 1 }, { "f\xc3\xa9vrier", 2 },
	{ "fevrier", 2 }, { "mars", 3 }, { "avril", 4 }, { "mai", 5 }, { "juin", 6 },
	{ "juillet", 7 }, { "ao\xc3\xbbt", 8 }, { "aout", 8 }, { "septembre", 9 },
	{ "octobre", 10 }, { "novembre", 11 }, { "d\xc3\xa9" "cembre", 12 }, { "decembre", 12 },
	{ "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 }, { "mayo", 5 },
	{ "junio", 6 }, { "julio", 7 }, { "agosto", 8 }, { "septiembre", 9 },
	{ "setiembre", 9 }, { "octubre", 10 }, { "noviembre", 11 }, { "diciembre", 12 },
};

/* Words a date may have between its parts: "15th of May", "1 de mayo de 2015". */
static const char *const date_fillers[] = { "of", "de", "del", "the" };

/* What introduces a printed date of commencement or assent (lowercase). */
static const char *const date_openers[] = {
	"date of commencement", "date of assent", "date of entry into force", "commencement",
	"assented to", "assent", "entry into force", "date d'entr\xc3\xa9" "e en vigueur",
	"entr\xc3\xa9" "e en vigueur", "fecha de entrada en vigor", "entrada en vigor",
};

static int word_in(const char *s, size_t n, const char *const *list, size_t count)
{
	for (size_t k = 0; k < count; k++)
		if (strlen(list[k]) == n && match_word(s, list[k]) == n)
			return 1;
	return 0;
}

/* A date written out ("15th May, 2015", "May 15, 2015", "1er août 1993",
 * "2015-05-15"), nothing else but brackets and punctuation: YYYY-MM-DD in the doc's
 * pool, else NULL. */
static const char *date_parse(struct parser *p, const char *s)
{
	int d = 0, m = 0, y = 0, n = 0;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 && !isdigit((unsigned char)s[n]))
		goto done;
	y = m = d = 0;
	while (*s) {
		size_t w = 0;

		if (strchr(" ,.[](){}", *s)) {
			s++;
			continue;
		}
		if (isdigit((unsigned char)*s)) {
			long v = strtol(s, NULL, 10);

			while (isdigit((unsigned char)s[w]))
				w++;
			if (w == 4 && !y)
				y = (int)v;
			else if (w <= 2 && !d && v >= 1 && v <= 31)
				d = (int)v;
			else
				return NULL;
			while (isalpha((unsigned char)s[w]) && w < 8)	/* 15th, 1er */
				w++;
			if (!strncmp(s + w, "\xc2\xba", 2))
				w += 2;
			s += w;
			continue;
		}
		while (s[w] && !strchr(" ,.[](){}", s[w]))
			w++;
		for (size_t k = 0; k < sizeof(months) / sizeof(months[0]) && !m; k++)
			if (strlen(months[k].name) == w && match_word(s, months[k].name) == w)
				m = months[k].month;
		if (!m && !word_in(s, w, date_fillers, sizeof(date_fillers) / sizeof(date_fillers[0])))
			return NULL;
		s += w;
	}
done:
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31)
		return NULL;
	return pool_printf(p->d->pool, "%04d-%02d-%02d", y, m, d);
}

/* The date of a line that prints one: "[15th May, 2015]", "Date of Commencement: 1st
 * August 1993", "Commencement: ..."; NULL when none. */
static const char *date_line(struct parser *p, const struct line *ln)
{
	const char *s = ln->s;

	if (ln->len > 80)
		return NULL;
	if (s[0] == '[' && s[ln->len - 1] == ']')
		return date_parse(p, s);
	for (size_t k = 0; k < sizeof(date_openers) / sizeof(date_openers[0]); k++) {
		size_t l = match_word(s, date_openers[k]);

		if (!l || !boundary((unsigned char)s[l]))
			continue;
		s += l;
		while (*s == ' ' || *s == ':' || *s == '.' || *s == '-' || *s == ',')
			s++;
		return *s ? date_parse(p, s) : NULL;
	}
	return NULL;
}

/* ---- building the tree ---- */

static void text_flush(struct parser *p)
{
	struct doc_node *n = p->target;

	if (!n || !p->text.len)
		return;
	if (n->text)
		n->text = pool_printf(p->d->pool, "%s\n\n%s", n->text, p->text.buf);
	else
		n->text = pool_strndup(p->d->pool, p->text.buf, p->text.len);
	sbuf_reset(&p->text);
}

/* The node text goes to now; creates the preamble when nothing is open. */
static struct doc_node *text_target(struct parser *p)
{
	if (p->nlevels)
		return p->levels[p->nlevels - 1].node;
	if (p->prov)
		return p->prov;
	if (p->ngroups)
		return p->groups[p->ngroups - 1];
	if (p->concl)
		return p->concl;
	if (!p->preamble) {
		p->preamble = doc_add(p->d, NULL, "preamble", eid_claim(p, "preamble"), NULL, NULL,
				      NULL, p->lineno);
		p->preamble_warning = p->d->nwarnings;
		doc_warn(p->d, "line %d: text before the first provision kept as preamble",
			 p->lineno);
	}
	return p->preamble;
}

static void add_text(struct parser *p, const char *s)
{
	struct doc_node *n;

	if (!*s)
		return;
	n = text_target(p);
	if (n != p->target) {
		text_flush(p);
		p->target = n;
		p->para_break = 0;
	}
	if (p->text.len)
		sbuf_adds(&p->text, p->para_break ? "\n\n" : " ");
	sbuf_adds(&p->text, s);
	p->para_break = 0;
}

/* After a structure line: its heading, if it has none yet, may come next. */
static void expect_heading(struct parser *p, struct doc_node *n, int given)
{
	p->pending = given ? NULL : n;
	p->pending_match = n->heading != NULL;
}

/* The rank of a grouping kind (0 outermost), -1 when not seen yet. */
static int rank_of(const struct parser *p, const char *kind)
{
	for (int i = 0; i < p->nranks; i++)
		if (!strcmp(p->ranks[i], kind))
			return i;
	return -1;
}

/* A kind seen for the first time goes right below its parent's. */
static void rank_learn(struct parser *p, const char *kind, const struct doc_node *parent)
{
	int at = parent ? rank_of(p, parent->kind) + 1 : 0;

	if (rank_of(p, kind) >= 0 || p->nranks == MAX_RANKS)
		return;
	memmove(p->ranks + at + 1, p->ranks + at, (size_t)(p->nranks - at) * sizeof(*p->ranks));
	p->ranks[at] = kind;
	p->nranks++;
}

static void open_group(struct parser *p, const char *kind, const struct num *num,
		       const char *heading, int top)
{
	struct doc_node *parent, *g;
	const char *eid;
	int i, r;

	/* a running head: the same grouping again while it is open */
	for (i = 0; i < p->ngroups && num->text[0]; i++) {
		g = p->groups[i];
		if (strcmp(g->kind, kind) || !g->num || strcmp(g->num, num->text))
			continue;
		if (heading && g->heading && strcmp(heading, g->heading))
			break;
		if (heading && !g->heading)
			g->heading = heading;
		expect_heading(p, g, heading != NULL);
		return;
	}
	for (i = 0; i < p->ngroups; i++)
		if (!strcmp(p->groups[i]->kind, kind))
			break;
	/* a kind seen above an open one closes it: Titre II closes Chapitre III */
	if (i == p->ngroups && (r = rank_of(p, kind)) >= 0)
		for (i = 0; i < p->ngroups; i++)
			if (rank_of(p, p->groups[i]->kind) >= r)
				break;
	p->ngroups = top ? 0 : i;
	if (p->ngroups == MAX_GROUPS) {
		doc_warn(p->d, "line %d: groupings nested deeper than %d levels: "
			 "%s %s placed beside the last", p->lineno, MAX_GROUPS, kind, num->text);
		p->ngroups--;
	}
	parent = p->ngroups ? p->groups[p->ngroups - 1] : NULL;
	if (top)
		p->nschedules++;
	else
		rank_learn(p, kind, parent);
	if (!top && !num->eid[0])
		p->nunnumbered++;
	eid = eid_claim(p, doc_make_eid(p->d, parent, kind, num->eid,
					top ? p->nschedules : p->nunnumbered));
	g = doc_add(p->d, parent, kind, eid, num->text[0] ? num->text : NULL, NULL, NULL, p->lineno);
	g->heading = heading;
	p->groups[p->ngroups++] = g;
	p->prov = NULL;
	p->nlevels = 0;
	p->concl = NULL;
	p->seen_structure = 1;
	p->group_since_prov = 1;
	expect_heading(p, g, heading != NULL);
	p->wrap = heading && all_caps(heading) ? g : NULL;
}

static void handle_marks(struct parser *p, const struct line *ln, char *s, int top);
static int structural(const struct line *ln);
static int toc_trailer(const struct line *ln);
static int toc_key(const struct line *ln, char *buf, size_t cap);

/* Warnings for a provision numbered out of order, after a gap or with the number of the
 * one before (plain numbers only: "12-1", "2 bis", "8A" are not compared). */
static void check_order(struct parser *p, const char *kind, const struct num *num)
{
	const char *last = p->last_num;
	long v = num->value, lv = p->last_value;
	int plain = num->eid[0] && strspn(num->eid, "0123456789") == strlen(num->eid);

	p->last_num = v ? pool_strdup(p->d->pool, num->text) : NULL;
	if (!last || !v || !plain || p->in_toc || (p->group_since_prov && v == 1))
		return;
	if (v == lv)
		doc_warn(p->d, "line %d: %s %s has the number of the one before", p->lineno, kind,
			 num->text);
	else if (v < lv)
		doc_warn(p->d, "line %d: %s %s after %s %s: out of order", p->lineno, kind,
			 num->text, kind, last);
	else if (v > lv + 1)
		doc_warn(p->d, "line %d: %s %s after %s %s: %ld missing", p->lineno, kind,
			 num->text, kind, last, v - lv - 1);
}

static void open_prov(struct parser *p, const char *kind, const struct num *num,
		      const char *heading, char *text, const struct line *ln)
{
	struct doc_node *parent = p->ngroups ? p->groups[p->ngroups - 1] : NULL, *n;
	const char *eid;

	/* a running head: the open provision again */
	if (p->prov && !text && !strcmp(p->prov->kind, kind) && p->prov->num &&
	    !strcmp(p->prov->num, num->text) &&
	    (!heading || !p->prov->heading || !strcmp(heading, p->prov->heading))) {
		if (heading && !p->prov->heading)
			p->prov->heading = heading;
		expect_heading(p, p->prov, heading != NULL);
		return;
	}
	eid = doc_make_eid(p->d, NULL, kind, num->eid, (int)p->nprov + 1);
	if (eid_taken(p, eid) && parent)
		eid = doc_make_eid(p->d, parent, kind, num->eid, (int)p->nprov + 1);
	eid = eid_claim(p, eid);
	n = doc_add(p->d, parent, kind, eid, num->text, NULL, NULL, p->lineno);
	n->heading = heading;
	p->prov = n;
	p->nlevels = 0;
	p->concl = NULL;
	p->nprov++;
	check_order(p, kind, num);
	p->last_value = num->value;
	p->group_since_prov = 0;
	p->seen_structure = 1;
	expect_heading(p, n, heading != NULL || text != NULL);
	if (text)
		handle_marks(p, ln, text, 0);
}

static void open_level(struct parser *p, const struct mark *m, int which, int at)
{
	struct doc_node *parent = at ? p->levels[at - 1].node : p->prov, *n;
	const char *kind;

	if (!strcmp(p->prov->kind, "article"))
		kind = m->cls[which] == MC_DIG || m->cls[which] == MC_DOT ? "paragraph" : "point";
	else
		kind = at < (int)(sizeof(section_levels) / sizeof(section_levels[0])) ?
			       section_levels[at] : "point";
	n = doc_add(p->d, parent, kind, NULL, m->num, NULL, NULL, p->lineno);
	n->eid = eid_claim(p, doc_make_eid(p->d, parent, kind, m->num, 1));
	p->levels[at].node = n;
	p->levels[at].cls = m->cls[which];
	p->levels[at].last = m->val[which];
	p->nlevels = at + 1;
}

/* Heading of a subdivision in the text after its marker: "Definitions ." (US Code
 * headings), "Offense.—Whoever ...", or a Markdown heading line ending in '.'. */
static void split_subheading(struct parser *p, const char *rest, int md, const char **text)
{
	struct doc_node *n = p->levels[p->nlevels - 1].node;
	size_t len = strlen(rest), words = count_words(rest, len);
	const char *q;

	*text = rest;
	if (!len || !is_upper_start(rest))
		return;
	for (q = rest; (q = strchr(q, '.')) && q - rest <= HEADING_BYTES; q++) {
		const unsigned char *a = (const unsigned char *)q + 1;

		if (a[0] == 0xe2 && a[1] == 0x80 && (a[2] == 0x93 || a[2] == 0x94) &&
		    count_words(rest, (size_t)(q - rest)) <= 12) {
			n->heading = pool_strndup(p->d->pool, rest, (size_t)(q - rest));
			*text = q + 4;
			while (**text == ' ')
				(*text)++;
			return;
		}
	}
	if ((md && rest[len - 1] == '.' && words <= MD_HEADING_WORDS) ||
	    (len >= 2 && rest[len - 1] == '.' && rest[len - 2] == ' ' && words <= HEADING_WORDS)) {
		n->heading = pool_strndup(p->d->pool, rest, heading_trim(rest, len));
		*text = "";
	}
}

/* A line of subdivision markers and text in the open provision ("(a)(1) text"). top:
 * the line itself starts with the marker (else it is text after a provision's
 * number). Text that fits no level is added as text. */
static void handle_marks(struct parser *p, const struct line *ln, char *s, int top)
{
	struct mark m;
	const char *text = s;
	int which, at, opened = 0;
	size_t len = strlen(s);

	if (s[0] == '[' && s[1] == '(' && len > 2 && s[len - 1] == ']') {
		s[len - 1] = '\0';
		s++;
	}
	while (p->prov && parse_mark(s, &m) &&
	       (at = mark_resolve(p, &m, top && ln->md && !opened, &which)) >= 0) {
		if (at == MAX_LEVELS) {
			doc_warn(p->d, "line %d: %s nested deeper than %d levels, kept as text",
				 p->lineno, m.num, MAX_LEVELS);
			break;
		}
		open_level(p, &m, which, at);
		opened = 1;
		s += m.len;
		text = s;
		if (s[0] != '(')
			break;
	}
	if (opened)
		split_subheading(p, text, top && ln->md, &text);
	add_text(p, opened ? text : s);
}

static int is_conclusion(const char *s)
{
	for (size_t k = 0; k < sizeof(conclusion_openers) / sizeof(conclusion_openers[0]); k++)
		if (match_word(s, conclusion_openers[k]))
			return 1;
	return 0;
}

/* A numbered section line "1. Short title" in a document of numbered sections. */
static int numbered_line(struct parser *p, const struct line *ln, struct hit *h)
{
	struct mark m;
	size_t digits = strspn(ln->s, "0123456789");

	if (p->style == STYLE_NUMBERED && p->in_toc && digits && digits <= 4 &&
	    (!ln->s[digits] || ln->s[digits] == ' ')) {
		memset(&m, 0, sizeof(m));	/* a list's "10 Tampering with ..." */
		num_put(m.num, sizeof(m.num), ln->s, digits + 1);
		m.num[digits] = '.';
		m.val[0] = strtol(ln->s, NULL, 10);
		m.len = digits + (ln->s[digits] == ' ');
		m.cls[0] = MC_DOT;
	} else if (p->style != STYLE_NUMBERED || !parse_mark(ln->s, &m) || m.cls[0] != MC_DOT) {
		return 0;
	}
	if (p->nprov && !p->group_since_prov && m.val[0] <= p->last_value &&
	    !(m.insert && m.val[0] == p->last_value))
		return 0;
	if (p->nprov && m.val[0] > p->last_value + NUMBER_JUMP)
		return 0;	/* "2015." is a year */
	memset(h, 0, sizeof(*h));
	num_put(h->num.text, sizeof(h->num.text), ln->s, strlen(m.num) - 1);
	memcpy(h->num.eid, h->num.text, sizeof(h->num.eid));
	h->num.value = m.val[0];
	split_rest(ln->s + m.len, ln->md || ln->bold, 0, h);
	return 1;
}

/* Whether line i goes on with the sentence of the line before: it starts in
 * lowercase after a line that does not end one ("... described in" + "section 16 —"). */
static int continuation(const struct parser *p, size_t i)
{
	const struct line *ln = &p->lines[i];

	if (!islower((unsigned char)ln->s[0]) || ln->md || ln->bold)
		return 0;
	while (i > 0 && p->lines[i - 1].drop)
		i--;
	if (!i || !p->lines[i - 1].len || p->lines[i - 1].md || p->lines[i - 1].bold)
		return 0;
	ln = &p->lines[i - 1];
	return !strchr(".:;", ln->s[ln->len - 1]);
}

/* The next line to parse after the current one, NULL at the end. */
static const struct line *next_kept(const struct parser *p, size_t after)
{
	for (size_t i = after + 1; i < p->nlines; i++)
		if (!p->lines[i].drop)
			return &p->lines[i];
	return NULL;
}

/* Whether the line after the current one goes on with it (it starts in lowercase). */
static int continues(const struct parser *p)
{
	const struct line *n = p->lines ? next_kept(p, p->cur) : NULL;

	return n && n->len && islower((unsigned char)n->s[0]);
}

/* A capitalised grouping heading wrapped onto this line ("PART II - PROTECTION OF
 * CRITICAL" + "INFRASTRUCTURE"): appended to it. */
static int heading_goes_on(struct parser *p, const struct line *ln)
{
	struct doc_node *g = p->wrap;

	if (!g->heading || !all_caps(ln->s) || count_words(ln->s, ln->len) > 8 || structural(ln))
		return 0;
	g->heading = pool_printf(p->d->pool, "%s %.*s", g->heading,
				 (int)heading_trim(ln->s, ln->len), ln->s);
	return 1;
}

#define MARGINAL_LINES 3	/* a heading before its number: at most this many lines */

/* A heading printed before its section's number, as marginal notes come out of a PDF
 * ("Interpretation" then "2.—(1) In this Act"): up to MARGINAL_LINES short lines after
 * a blank line or the end of a sentence, right before a numbered section line that
 * gives no heading. Kept in p->marginal; the lines are taken. */
static int marginal_heading(struct parser *p)
{
	const struct line *ln = &p->lines[p->cur], *prev = NULL;
	struct sbuf *b = &p->tmp;
	size_t i = p->cur, k;
	struct hit h;

	if (!p->lines || !heading_like(ln->s, ln->len, 0, 0) || ln->s[ln->len - 1] == '.')
		return 0;
	for (size_t j = p->cur; j-- > 0;)
		if (!p->lines[j].drop) {
			prev = &p->lines[j];
			break;
		}
	if (prev && prev->len && !strchr(".;:])", prev->s[prev->len - 1]) && prev->s[0] != '[' &&
	    !all_caps(prev->s) && !keyword_line(prev, &h))
		return 0;
	for (k = 1; k <= MARGINAL_LINES; k++) {
		const struct line *n;

		for (i++; i < p->nlines && p->lines[i].drop; i++)
			;
		if (i >= p->nlines || !(n = &p->lines[i])->len)
			return 0;
		if (numbered_line(p, n, &h))
			break;
		if (count_words(n->s, n->len) > HEADING_WORDS || strchr(",;:.", n->s[n->len - 1]) ||
		    !isalpha((unsigned char)n->s[0]) || keyword_line(n, &h))
			return 0;
	}
	if (k > MARGINAL_LINES)
		return 0;
	sbuf_reset(b);
	for (size_t j = p->cur; j < i; j++) {
		if (p->lines[j].drop)
			continue;
		if (b->len)
			sbuf_addc(b, ' ');
		sbuf_add(b, p->lines[j].s, p->lines[j].len);
	}
	p->marginal = pool_strndup(p->d->pool, b->buf, b->len);
	p->skip = i - p->cur - 1;
	return 1;
}

/* A line that refers to the provisions a schedule serves: "[Section 42]", "Sections
 * 2(1) and 20". */
static int reference_line(const struct line *ln)
{
	size_t l = match_word(ln->s, "section");

	if (ln->s[0] == '[' && ln->s[ln->len - 1] == ']')
		return 1;
	if (!l)
		return 0;
	if (ln->s[l] == 's')
		l++;
	return ln->s[l] == ' ' && isdigit((unsigned char)ln->s[l + 1]);
}

static void handle_line(struct parser *p, struct line *ln)
{
	struct hit h;
	struct mark m;
	char key[64];

	if (!ln->len) {
		p->para_break = 1;
		return;
	}
	p->nonblank++;
	if (!p->nprov && !p->text_date && !p->in_toc)
		p->text_date = date_line(p, ln);
	if (p->wrap && heading_goes_on(p, ln))
		return;
	p->wrap = NULL;
	if (p->pending && !p->pending->heading && !p->pending_match && keyword_line(ln, &h) &&
	    h.kw->role == ROLE_GROUP && !strcmp(h.kw->kind, p->pending->kind) && h.head &&
	    all_caps(ln->s)) {
		/* "PART 3" then "PART 2 DIRECTION — RECONSIDERATION": the heading */
		p->pending->heading = pool_strndup(p->d->pool, ln->s, heading_trim(ln->s, ln->len));
		p->pending = NULL;
		return;
	}
	if (!(p->lines && continuation(p, p->cur)) &&
	    (keyword_line(ln, &h) || numbered_line(p, ln, &h))) {
		char *heading;
		enum role role = h.kw ? h.kw->role : ROLE_SECTION;

		if (role != ROLE_GROUP && role != ROLE_SCHEDULE && h.head && !h.text &&
		    !p->in_toc && (p->marginal || continues(p))) {
			h.text = h.head;	/* "15. A court has jurisdiction to hear" + "any ..." */
			h.head = NULL;
		}
		if (p->in_toc && !h.head && h.text) {
			h.head = h.text;	/* a list has no text: "4. Audit of ... ." */
			h.headlen = heading_trim(h.text, strlen(h.text));
			h.text = NULL;
		}
		heading = h.head ? pool_strndup(p->d->pool, h.head, h.headlen) : NULL;
		if (heading && !*heading)
			heading = NULL;
		if (!heading && p->marginal)
			heading = (char *)p->marginal;
		p->marginal = NULL;
		if (h.kw && (role == ROLE_GROUP || role == ROLE_SCHEDULE ||
			     (role == ROLE_SECTION && p->style == STYLE_ARTICLE))) {
			open_group(p, h.kw->kind, &h.num, heading, role == ROLE_SCHEDULE);
		} else {
			open_prov(p, role == ROLE_ARTICLE ? "article" : "section", &h.num, heading,
				  (char *)h.text, ln);
		}
		return;
	}
	if (p->nprov && is_conclusion(ln->s)) {
		p->concl = doc_add(p->d, NULL, "conclusions", eid_claim(p, "conclusions"), NULL,
				   NULL, NULL, p->lineno);
		p->ngroups = 0;
		p->prov = NULL;
		p->nlevels = 0;
		p->pending = NULL;
		add_text(p, ln->s);
		return;
	}
	if (p->prov && parse_mark(ln->s[0] == '[' && ln->s[1] == '(' ? ln->s + 1 : ln->s, &m)) {
		int which;

		if (mark_resolve(p, &m, ln->md, &which) >= 0) {
			p->pending = NULL;
			handle_marks(p, ln, ln->s, 1);
			return;
		}
	}
	if (p->pending && !strcmp(p->pending->kind, "schedule") && reference_line(ln)) {
		add_text(p, ln->s);	/* "[Section 42]" before the schedule's heading */
		return;
	}
	if (p->pending) {
		struct doc_node *n = p->pending;

		p->pending = NULL;
		if (p->pending_match) {
			size_t hl = heading_trim(ln->s, ln->len);

			if (!strncmp(ln->s, n->heading, hl) && !n->heading[hl])
				return;
		}
		if (!p->pending_match &&
		    (ln->md || ln->bold || heading_like(ln->s, ln->len, 0, 0) ||
		     (p->in_toc && count_words(ln->s, ln->len) <= HEADING_WORDS))) {
			n->heading = pool_strndup(p->d->pool, ln->s, heading_trim(ln->s, ln->len));
			if (strcmp(n->kind, "section") && strcmp(n->kind, "article") &&
			    all_caps(n->heading))
				p->wrap = n;
			return;
		}
	}
	if (p->in_toc && p->prov && p->prov->heading && !p->nlevels && !toc_trailer(ln) &&
	    !toc_key(ln, key, sizeof(key))) {
		p->prov->heading = pool_printf(p->d->pool, "%s %.*s", p->prov->heading,
					       (int)heading_trim(ln->s, ln->len), ln->s);
		return;	/* a heading of the list wrapped onto this line */
	}
	if (!p->title_done && !p->seen_structure && !p->preamble) {
		p->title_done = 1;
		if (!p->d->title && (ln->md || ln->bold ||
				     (p->nonblank == 1 && heading_like(ln->s, ln->len, 0, 0)))) {
			p->d->title = pool_strndup(p->d->pool, ln->s, heading_trim(ln->s, ln->len));
			return;
		}
		if (p->d->title && (ln->md || ln->bold) && !strcmp(p->d->title, ln->s))
			return;	/* the title the front matter or the caller gave */
	}
	if (p->style == STYLE_NUMBERED && !p->in_toc && marginal_heading(p))
		return;
	add_text(p, ln->s);
}

/* The next line of text[0..len) from *pos: its bytes without LF or CRLF. */
static const char *next_line(const char *text, size_t len, size_t *pos, size_t *n)
{
	const char *start = text + *pos, *nl;

	if (*pos >= len)
		return NULL;
	nl = memchr(start, '\n', len - *pos);
	*n = (size_t)((nl ? nl : text + len) - start);
	*pos += *n + (nl ? 1 : 0);
	if (*n && start[*n - 1] == '\r')
		(*n)--;
	return start;
}

/* First pass: check the bytes, clean every line into p->lines and decide how
 * provisions are numbered. */
static int first_pass(struct parser *p, const char *text, size_t len, struct err *e)
{
	size_t pos = 0, n, articles = 0, sections = 0, used = 0, nl = 1;
	const char *raw;

	for (size_t i = 0; i < len; i++)
		nl += text[i] == '\n';
	p->lines = xcalloc(nl, sizeof(*p->lines));
	p->arena = xmalloc(len + nl + 1);
	while ((raw = next_line(text, len, &pos, &n))) {
		struct line *ln = &p->lines[p->nlines];
		struct hit h;

		if (memchr(raw, '\0', n))
			return err_set(e, ERR_INVALID, "%s:%zu: NUL byte", p->origin, p->nlines + 1);
		if (!utf8_valid(raw, n))
			return err_set(e, ERR_INVALID, "%s:%zu: invalid UTF-8", p->origin,
				       p->nlines + 1);
		line_clean(p, raw, n, ln);
		/* cleaning never lengthens a line */
		memcpy(p->arena + used, ln->s, ln->len + 1);
		ln->s = p->arena + used;
		used += ln->len + 1;
		ln->page = memchr(raw, '\f', n) != NULL;
		p->nlines++;
		if (continuation(p, p->nlines - 1) || !keyword_line(ln, &h))
			continue;
		if (h.kw->role == ROLE_ARTICLE)
			articles++;
		else if (h.kw->role == ROLE_SECTION || h.kw->role == ROLE_SIGN)
			sections++;
	}
	p->style = articles ? STYLE_ARTICLE : sections ? STYLE_SECTION : STYLE_NUMBERED;
	return ERR_OK;
}

/* ---- page furniture: running headers, footers, page numbers ---- */

#define FURNITURE_EDGE 4	/* lines at the top and at the bottom of a page */
#define FURNITURE_EDGE_NUM 6	/* the same for a bare page number */
#define FURNITURE_WORDS 12	/* a longer line is never furniture */
#define FURNITURE_REPEAT 5	/* without form feeds: repeated this often */

struct furn {
	const char *key;	/* the line with digit runs as '#' */
	size_t line;
	int page;
};

static int furn_cmp(const void *a, const void *b)
{
	const struct furn *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Whether line i is a structure line (a keyword line or a subdivision marker): never
 * furniture. */
static int structural(const struct line *ln)
{
	struct hit h;
	struct mark m;

	return ln->md || ln->bold || keyword_line(ln, &h) || parse_mark(ln->s, &m);
}

/* The key of a furniture candidate: digit runs become '#' ("A 123" -> "A #"). */
static const char *furn_key(struct parser *p, const struct line *ln)
{
	struct sbuf *b = &p->tmp;

	sbuf_reset(b);
	for (size_t i = 0; i < ln->len; i++) {
		if (!isdigit((unsigned char)ln->s[i]))
			sbuf_addc(b, ln->s[i]);
		else if (!i || !isdigit((unsigned char)ln->s[i - 1]))
			sbuf_addc(b, '#');
	}
	return pool_strndup(p->d->pool, b->buf ? b->buf : "", b->len);
}

static int has_digit_and_letter(const char *s)
{
	int d = 0, a = 0;

	for (; *s; s++) {
		d |= isdigit((unsigned char)*s) != 0;
		a |= isalpha((unsigned char)*s) != 0;
	}
	return d && a;
}

/* Without form feeds, what a running header may be: a digit and a letter, and no end
 * of a sentence but an abbreviation ("2020 Ed."). */
static int header_like(const struct line *ln)
{
	const char *last = strrchr(ln->s, ' ');
	char c = ln->s[ln->len - 1];

	if (!has_digit_and_letter(ln->s) || strchr(",;:", c))
		return 0;
	return c != '.' || (last && strlen(last + 1) <= 4);
}

/* Candidates: with form feeds the first and last FURNITURE_EDGE lines of each page;
 * without, every short line with a digit and a letter. */
static size_t furn_collect(struct parser *p, int pages, struct furn *c)
{
	size_t k = 0, i = 0;
	int page = 0;

	while (i < p->nlines) {
		size_t end = i + 1, nonblank = 0, top = 0, j;

		while (pages && end < p->nlines && !p->lines[end].page)
			end++;
		if (!pages)
			end = p->nlines;
		for (j = i; j < end; j++)
			nonblank += p->lines[j].len > 0;
		for (j = i; j < end; j++) {
			const struct line *ln = &p->lines[j];
			size_t edge = strspn(ln->s, "0123456789") == ln->len ? FURNITURE_EDGE_NUM :
									       FURNITURE_EDGE;

			if (!ln->len)
				continue;
			top++;
			if (pages ? top > edge && nonblank - top >= edge : !header_like(ln))
				continue;
			if (count_words(ln->s, ln->len) > FURNITURE_WORDS || structural(ln))
				continue;
			c[k].key = furn_key(p, ln);
			c[k].line = j;
			c[k++].page = page;
		}
		page++;
		i = end;
	}
	return k;
}

/* Drop the lines that repeat at page breaks (or, without form feeds, through the
 * document): one warning for each. */
static void furniture(struct parser *p)
{
	int pages = 1, npages = 1;
	struct furn *c;
	size_t n, i = 0;

	for (size_t j = 1; j < p->nlines; j++)
		npages += p->lines[j].page;
	pages = npages > 1;
	for (size_t j = 0; j < p->nlines && !pages; j++)
		if (p->lines[j].md)
			return;	/* Markdown does not come from a page */
	c = xcalloc(p->nlines + 1, sizeof(*c));
	n = furn_collect(p, pages, c);
	qsort(c, n, sizeof(*c), furn_cmp);
	while (i < n) {
		size_t j = i + 1;
		int distinct = 1, need;

		for (; j < n && !strcmp(c[j].key, c[i].key); j++)
			distinct += c[j].page != c[j - 1].page;
		need = pages ? (npages / 5 > 3 ? npages / 5 : 3) : FURNITURE_REPEAT;
		if (!pages)
			distinct = (int)(j - i);
		if (distinct >= need) {
			for (size_t k = i; k < j; k++)
				p->lines[c[k].line].drop = 1;
			if (pages)
				doc_warn(p->d, "line %zu: \"%s\" repeated %d times at page breaks: "
					 "dropped as a running header or footer", c[i].line + 1,
					 p->lines[c[i].line].s, distinct);
			else
				doc_warn(p->d, "line %zu: \"%s\" repeated %d times through the text: "
					 "dropped as a running header or footer", c[i].line + 1,
					 p->lines[c[i].line].s, distinct);
		}
		i = j;
	}
	free(c);
}

/* A sentence cut by a page break goes on: the blank lines around the break are
 * dropped when the next page starts in lowercase. */
static void page_joins(struct parser *p)
{
	for (size_t i = 1; i < p->nlines; i++) {
		size_t a = i, b = i;

		if (!p->lines[i].page)
			continue;
		while (a > 0 && (p->lines[a - 1].drop || !p->lines[a - 1].len))
			a--;
		while (b < p->nlines && (p->lines[b].drop || !p->lines[b].len))
			b++;
		if (!a || b >= p->nlines || !islower((unsigned char)p->lines[b].s[0]) ||
		    strchr(".:;!?", p->lines[a - 1].s[p->lines[a - 1].len - 1]))
			continue;
		for (size_t k = a; k < b; k++)
			p->lines[k].drop = 1;
	}
}

/* ---- YAML front matter of Markdown ---- */

#define FRONT_LINES 60		/* a longer front matter is text */

/* Front matter keys worth keeping. */
static const struct {
	const char *key;
	int date;	/* 1: the work's date, 0: its title */
} front_keys[] = {
	{ "title:", 0 }, { "date:", 1 }, { "publication_date:", 1 }, { "enacted:", 1 },
};

/* The value of a front matter line after its key, quotes removed, in the doc's pool. */
static const char *front_value(struct parser *p, const char *v)
{
	size_t n;

	while (*v == ' ')
		v++;
	n = strlen(v);
	if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
		v++;
		n -= 2;
	}
	return n ? pool_strndup(p->d->pool, v, n) : NULL;
}

/* "---" ... "---" at the start: its title and date are kept (p->front_date), its lines
 * dropped. */
static void front_matter(struct parser *p)
{
	size_t end;

	if (!p->nlines || strcmp(p->lines[0].s, "---"))
		return;
	for (end = 1; end < p->nlines && end < FRONT_LINES && strcmp(p->lines[end].s, "---"); end++)
		;
	if (end >= p->nlines || end >= FRONT_LINES)
		return;
	for (size_t i = 0; i <= end; i++) {
		for (size_t k = 0; k < sizeof(front_keys) / sizeof(front_keys[0]); k++) {
			size_t l = strlen(front_keys[k].key);
			const char *v;

			if (strncmp(p->lines[i].s, front_keys[k].key, l) ||
			    !(v = front_value(p, p->lines[i].s + l)))
				continue;
			if (front_keys[k].date && !p->front_date)
				p->front_date = date_parse(p, v);
			else if (!front_keys[k].date && !p->d->title)
				p->d->title = v;
		}
		p->lines[i].drop = 1;
	}
}

/* ---- table of contents ---- */

#define TOC_MAX 4000		/* entries looked at */
#define TOC_WALKBACK 8		/* groupings and headings before the body's first entry */
#define TOC_SLACK 30		/* an untitled list: lines beyond 3 per entry allowed */

/* Lines that open a table of contents (lowercase; a final ':' or '.' allowed). */
static const char *const toc_titles[] = {
	"arrangement of sections", "arrangement of provisions", "arrangement of parts",
	"arrangement of regulations", "arrangement of rules", "arrangement of articles",
	"table of contents", "contents", "sommaire", "table des mati\xc3\xa8res",
	"\xc3\xadndice", "indice", "\xd1\x81\xd0\xbe\xd0\xb4\xd0\xb5\xd1\x80\xd0\xb6\xd0\xb0\xd0\xbd\xd0\xb8\xd0\xb5",
	"\xd0\xa1\xd0\xbe\xd0\xb4\xd0\xb5\xd1\x80\xd0\xb6\xd0\xb0\xd0\xbd\xd0\xb8\xd0\xb5",
	"\xd0\xa1\xd0\x9e\xd0\x94\xd0\x95\xd0\xa0\xd0\x96\xd0\x90\xd0\x9d\xd0\x98\xd0\x95",
	"\xe7\x9b\xae\xe5\xbd\x95", "\xe7\x9b\xae \xe5\xbd\x95",
};

/* Words that end a table of contents without an entry's number ("SCHEDULES"). */
static const char *const toc_trailers[] = {
	"schedule", "schedules", "annex", "annexes", "annexe", "appendix", "appendices",
	"anexo", "anexos",
};

static int toc_title(const struct line *ln)
{
	for (size_t k = 0; k < sizeof(toc_titles) / sizeof(toc_titles[0]); k++) {
		size_t l = match_word(ln->s, toc_titles[k]);

		if (l && (l == ln->len || (l + 1 == ln->len && strchr(":.", ln->s[l]))))
			return 1;
	}
	return 0;
}

/* A line naming a schedule in a table of contents: "SCHEDULES", "First Schedule —
 * Definitions". */
static int toc_trailer(const struct line *ln)
{
	const char *w = ln->s;

	if (count_words(ln->s, ln->len) > FURNITURE_WORDS)
		return 0;
	for (int word = 0; word < 3 && w; word++) {
		for (size_t k = 0; k < sizeof(toc_trailers) / sizeof(toc_trailers[0]); k++) {
			size_t l = match_word(w, toc_trailers[k]);

			if (l && boundary((unsigned char)w[l]))
				return 1;
		}
		if ((w = strchr(w, ' ')))
			w++;
	}
	return 0;
}

/* The key of an entry of a table of contents, "section:12" or "part:II", in buf;
 * 0 when the line is none: a keyword line, "12. Heading", "12." or a bare "12". */
static int toc_key(const struct line *ln, char *buf, size_t cap)
{
	struct hit h;
	struct mark m;
	size_t i = 0;

	if (keyword_line(ln, &h) && h.num.eid[0]) {
		snprintf(buf, cap, "%s:%s", h.kw->kind, h.num.eid);
		return 1;
	}
	if (parse_mark(ln->s, &m) && m.cls[0] == MC_DOT) {
		snprintf(buf, cap, "section:%.*s", (int)strcspn(m.num, "."), m.num);
		return 1;
	}
	while (i < ln->len && isdigit((unsigned char)ln->s[i]))
		i++;
	if (i && i <= 4 && (i == ln->len || (ln->s[i] == ' ' && is_upper_start(ln->s + i + 1)))) {
		snprintf(buf, cap, "section:%.*s", (int)i, ln->s);
		return 1;
	}
	return 0;
}

/* Whether ln is a grouping line in this document (Section is one among articles). */
static int toc_group(const struct parser *p, const struct line *ln)
{
	struct hit h;

	return keyword_line(ln, &h) && (h.kw->role == ROLE_GROUP || h.kw->role == ROLE_SCHEDULE ||
					(h.kw->role == ROLE_SECTION && p->style == STYLE_ARTICLE));
}

/* Whether line i is the capitalised heading of the grouping line before it, though
 * it looks like one: "PART 3" then "PART 2 DIRECTION — APPEAL". */
static int group_heading(const struct parser *p, size_t i)
{
	struct hit a, b;
	size_t j = i;

	while (j > 0 && (p->lines[j - 1].drop || !p->lines[j - 1].len))
		j--;
	if (!j || !keyword_line(&p->lines[j - 1], &a) || a.head || a.kw->role != ROLE_GROUP)
		return 0;
	return keyword_line(&p->lines[i], &b) && b.kw == a.kw && b.head && all_caps(p->lines[i].s);
}

/* Whether line i is a bare number at the top or bottom of a page. */
static int page_number(const struct parser *p, size_t i)
{
	size_t j;

	if (strspn(p->lines[i].s, "0123456789") != p->lines[i].len)
		return 0;
	if (p->lines[i].page)
		return 1;
	for (j = i + 1; j < p->nlines && !p->lines[j].page; j++)
		if (p->lines[j].len && !p->lines[j].drop)
			return 0;
	return j < p->nlines;
}

static int is_group_line(const struct line *ln)
{
	struct hit h;

	return keyword_line(ln, &h) && h.kw->role == ROLE_GROUP;
}

/* A line of body text that cannot be in a table of contents. */
static int body_text(const struct line *ln)
{
	struct mark m;

	return count_words(ln->s, ln->len) > 2 * HEADING_WORDS || ln->len > 2 * HEADING_BYTES ||
	       (parse_mark(ln->s, &m) && m.cls[0] != MC_DOT);
}

/* Look for a table of contents from line from: [*start, *end) is the list (with its
 * title), *body where the text it lists starts; 1 when found. titled: from is the
 * line after a title, so the list is not checked for density. */
static int toc_scan(struct parser *p, size_t from, int titled, size_t *end, size_t *body)
{
	char (*keys)[64] = xcalloc(TOC_MAX, sizeof(*keys));
	size_t nkeys = 0, last = from, entries = 0, lines = 0, i;
	int found = 0;

	for (i = from; i < p->nlines && nkeys < TOC_MAX; i++) {
		const struct line *ln = &p->lines[i];
		char key[64];
		size_t k;

		if (ln->drop || !ln->len)
			continue;
		if (!titled && ++lines > 3 * entries + TOC_SLACK)
			break;	/* too much else for a list */
		if (!toc_key(ln, key, sizeof(key)) || page_number(p, i) || group_heading(p, i)) {
			if (!titled && body_text(ln))
				break;
			continue;
		}
		if (!titled && ln->len > HEADING_BYTES)
			break;	/* an entry with its text */
		if (toc_group(p, ln)) {	/* groupings restart ("Division 1" in each part) */
			last = i;
			entries++;
			continue;
		}
		for (k = 0; k < nkeys && strcmp(keys[k], key); k++)
			;
		if (k < nkeys) {
			found = 1;
			break;
		}
		memcpy(keys[nkeys++], key, sizeof(key));
		last = i;
		entries++;
	}
	free(keys);
	if (!found || entries < 3 || (!titled && 3 * entries + TOC_SLACK < lines))
		return 0;
	/* the body starts with the groupings and headings just above its first entry,
	 * up to a line of text ("ENACTED by ...") */
	*body = i;
	for (size_t j = i, seen = 0; j > from && seen <= TOC_WALKBACK; j--) {
		const struct line *ln = &p->lines[j - 1];
		char key[64];

		if (!ln->len || ln->drop)
			continue;
		if (!is_group_line(ln) &&
		    (toc_key(ln, key, sizeof(key)) || !heading_like(ln->s, ln->len, 0, 0) ||
		     count_words(ln->s, ln->len) > 8)) {
			*body = j;
			break;
		}
		seen++;
	}
	/* ... and the list before it */
	while (last >= *body && last > from) {
		char key[64];

		last--;
		while (last > from && (p->lines[last].drop || !p->lines[last].len ||
				       !toc_key(&p->lines[last], key, sizeof(key))))
			last--;
	}
	if (last < from || *body <= from)
		return 0;
	/* the list ends after its last entry and the schedules named after it */
	*end = last + 1;
	for (int trailer = 0; *end < *body; (*end)++) {
		const struct line *ln = &p->lines[*end];
		char key[64];

		if (!ln->len || ln->drop)
			continue;
		if (toc_trailer(ln))
			trailer = 1;
		else if (!(trailer && islower((unsigned char)ln->s[0])) &&
			 !(toc_key(ln, key, sizeof(key)) && !strchr(ln->s, ' ')))
			break;
	}
	return 1;
}

static void parse_lines(struct parser *p, size_t from, size_t to);
static void parser_release(struct parser *p);

/* Find the table of contents, drop its lines and parse it apart (p->toc) for the
 * headings of sections the body gives none. */
static void toc_find(struct parser *p)
{
	size_t from = p->nlines, start = 0, end = 0, body = 0, i;
	int titled = 0;

	for (i = 0; i < p->nlines && !titled; i++)
		if (!p->lines[i].drop && toc_title(&p->lines[i]))
			titled = 1, from = i + 1;
	if (titled && !toc_scan(p, from, 1, &end, &body)) {
		doc_warn(p->d, "line %zu: a table of contents whose entries are not found again "
			 "in the text: kept as text", from);
		return;
	}
	if (titled) {
		start = from - 1;
	} else {
		char key[64];

		for (i = 0; i < p->nlines; i++)
			if (!p->lines[i].drop && p->lines[i].len &&
			    toc_key(&p->lines[i], key, sizeof(key)))
				break;
		if (i >= p->nlines || !toc_scan(p, i, 0, &end, &body))
			return;
		start = from = i;
	}
	{
		struct parser t;

		memset(&t, 0, sizeof(t));
		t.origin = p->origin;
		t.style = p->style;
		t.lines = p->lines;
		t.nlines = p->nlines;
		t.d = doc_new();
		t.in_toc = 1;
		parse_lines(&t, from, end);
		p->toc = t.d;
		t.d = NULL;
		t.lines = NULL;
		parser_release(&t);
	}
	for (i = start; i < end; i++)
		p->lines[i].drop = 2;
}

/* The heading the table of contents gives a provision of that kind and number; NULL
 * when none, or when the table is in columns (numbers apart from their headings). */
static const char *toc_heading(const struct parser *p, const struct doc_node *n)
{
	size_t with = 0, all = 0;
	const struct doc_node *t, *hit = NULL;

	if (!p->toc || !n->num)
		return NULL;
	for (t = doc_next(p->toc, p->toc->root); t; t = doc_next(p->toc, t)) {
		if (strcmp(t->kind, "section") && strcmp(t->kind, "article"))
			continue;
		all++;
		with += t->heading != NULL;
		if (!hit && !strcmp(t->kind, n->kind) && t->num && !strcmp(t->num, n->num))
			hit = t;
	}
	return hit && 4 * with >= 3 * all ? hit->heading : NULL;
}

static const char *meta_str(struct doc *d, const char *s)
{
	return s ? pool_strdup(d->pool, s) : NULL;
}

static int is_provision(const struct doc_node *n)
{
	return !strcmp(n->kind, "section") || !strcmp(n->kind, "article");
}

static int in_schedule(const struct doc_node *n)
{
	while ((n = n->parent))
		if (!strcmp(n->kind, "schedule"))
			return 1;
	return 0;
}

/* After the text: headings from the table of contents where the body gives none, and
 * a warning for each provision with a heading and no text. */
static void finish(struct parser *p)
{
	const char *h;

	for (struct doc_node *n = doc_next(p->d, p->d->root); n; n = doc_next(p->d, n)) {
		if (!is_provision(n))
			continue;
		if (!n->heading && !in_schedule(n) && (h = toc_heading(p, n)))
			n->heading = pool_strdup(p->d->pool, h);	/* p->toc goes */
		if (n->heading && !n->text && !n->first)
			doc_warn(p->d, "line %d: %s %s \"%s\" has a heading and no text", n->line,
				 n->kind, n->num ? n->num : "", n->heading);
	}
}

static void parse_lines(struct parser *p, size_t from, size_t to)
{
	for (p->cur = from; p->cur < to; p->cur++) {
		if (p->lines[p->cur].drop)
			continue;
		p->lineno = (int)p->cur + 1;
		handle_line(p, &p->lines[p->cur]);
		p->cur += p->skip;
		p->skip = 0;
	}
	text_flush(p);
}

static void parser_release(struct parser *p)
{
	doc_free(p->d);
	doc_free(p->toc);
	sbuf_release(&p->text);
	sbuf_release(&p->ws);
	sbuf_release(&p->tmp);
	sbuf_release(&p->line);
	free(p->delims);
	free(p->stack);
	free(p->eids);
	free(p->lines);
	free(p->arena);
}

/* "2015" -> "2015-01-01": a work dated by its year. Else s (NULL stays NULL). */
static const char *meta_date(struct doc *d, const char *s)
{
	if (s && strlen(s) == 4 && strspn(s, "0123456789") == 4)
		return pool_printf(d->pool, "%s-01-01", s);
	return meta_str(d, s);
}

/* The title a statute gives itself in its short-title provision ("This Act may be
 * cited as the Cybercrimes (Prohibition, Prevention, etc) Act, 2015.", "These
 * Regulations may be cited as ...", "This Act is the Computer Misuse Act 1993."),
 * looked for in the text of its first provisions; NULL when none says. */
#define SHORT_TITLE_MAX 250
static const char *short_title(const struct doc *d)
{
	static const char *const leads[] = { "may be cited as the ", "may be cited as " };
	static const char *const tails[] = { " and comes into", " and come into",
					     " and shall ", ", and " };
	int seen = 0;

	for (struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n)) {
		const char *t = n->text, *from = NULL, *end, *stop;
		/* the first provisions, and one headed "Short title" or "Citation" anywhere
		 * (some acts end with it) */
		int named = n->heading && (strcasestr(n->heading, "short title") ||
					   strcasestr(n->heading, "citation"));

		if (!t || (seen >= 6 && !named))
			continue;
		seen++;
		for (size_t i = 0; i < sizeof(leads) / sizeof(leads[0]) && !from; i++)
			if ((from = strstr(t, leads[i])))
				from += strlen(leads[i]);
		/* "This Act is the X." at the start of the provision */
		if (!from && !strncmp(t, "This ", 5) && (end = strchr(t + 5, ' ')) &&
		    !strncmp(end, " is the ", 8) && end - t < 20)
			from = end + 8;
		if (!from)
			continue;
		end = from;
		while (*end && *end != ';' && *end != '\n' &&
		       !(*end == '.' && (!end[1] || end[1] == ' ' || end[1] == '\n')))
			end++;
		/* "... Act 2023 and comes into operation on ...", "..., and shall ..." */
		for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
			if ((stop = strstr(from, tails[i])) && stop < end)
				end = stop;
		if (end - from >= 3 && end - from <= SHORT_TITLE_MAX)
			return pool_strndup(d->pool, from, (size_t)(end - from));
	}
	return NULL;
}

int text_parse(const char *text, size_t len, const char *origin, const struct text_meta *meta,
	       struct doc **out, struct err *e)
{
	static const struct text_meta none;
	struct parser p;
	int rc;

	if (!meta)
		meta = &none;
	if (!origin)
		origin = "text";
	if (len > TEXT_MAX_SIZE)
		return err_set(e, ERR_TOOLARGE, "%s: over %zu bytes", origin, TEXT_MAX_SIZE);
	memset(&p, 0, sizeof(p));
	p.origin = origin;
	p.d = doc_new();
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		text += 3;
		len -= 3;
	}
	if ((rc = first_pass(&p, text, len, e)))
		goto out;
	p.d->kind = DOC_LEGISLATION;
	p.d->title = meta_str(p.d, meta->title);
	front_matter(&p);
	furniture(&p);
	page_joins(&p);
	toc_find(&p);
	parse_lines(&p, 0, p.nlines);
	if (!p.nonblank) {
		rc = err_set(e, ERR_INVALID, "%s: no text", origin);
		goto out;
	}
	if (p.preamble && !p.seen_structure)
		p.d->warnings[p.preamble_warning] = pool_printf(p.d->pool,
			"line %d: no part, chapter, article or section found: "
			"the whole text kept as preamble",
			p.preamble->line);
	finish(&p);
	/* what the statute says it is called wins over the first line of the page, when
	 * it reads as a short title (it ends with its year) or there is no other */
	if (!meta->title) {
		const char *t = short_title(p.d);
		size_t n = t ? strlen(t) : 0;

		if (t && (!p.d->title || (n > 4 && isdigit((unsigned char)t[n - 1]) &&
					  isdigit((unsigned char)t[n - 4]) && t[n - 5] == ' ')))
			p.d->title = t;
	}
	p.d->work_uri = meta_str(p.d, meta->work_uri);
	p.d->country = meta_str(p.d, meta->country);
	p.d->type = meta_str(p.d, meta->type);
	p.d->number = meta_str(p.d, meta->number);
	p.d->date = meta->date ? meta_date(p.d, meta->date) :
		    p.front_date ? p.front_date : p.text_date;
	p.d->language = meta_str(p.d, meta->language);
	p.d->expr_date = meta_date(p.d, meta->expr_date);
	p.d->source = meta_str(p.d, meta->source ? meta->source : origin);
	*out = p.d;
	p.d = NULL;
out:
	parser_release(&p);
	return rc;
}

int text_load(const char *path, const struct text_meta *meta, struct doc **out,
	      struct err *e)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if ((rc = file_read(path, TEXT_MAX_SIZE, &buf, &len, e)))
		return rc;
	rc = text_parse(buf ? buf : "", len, path, meta, out, e);
	free(buf);
	return rc;
}
