#include "export/akn.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

/* AKN 3.0 hierarchical elements (group ANhier); a node of any other kind becomes
 * <hcontainer name="kind">. */
static const char *const hier_names[] = {
	"alinea", "article", "book", "chapter", "clause", "division", "indent", "level",
	"list", "paragraph", "part", "point", "proviso", "rule", "section", "subchapter",
	"subclause", "subdivision", "sublist", "subparagraph", "subpart", "subrule",
	"subsection", "subtitle", "title", "tome", "transitional",
};

/* the blocks of a judgmentBody (group judgmentBlock) */
static const char *const judgment_blocks[] = {
	"introduction", "background", "arguments", "remedies", "motivation", "decision",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* How a node is written. */
enum shape {
	SHAPE_HIER,	/* num, heading, content or intro + children */
	SHAPE_BLOCK,	/* judgment block: <p>s, then children */
};

struct elem {
	const char *name;	/* element name */
	const char *hname;	/* name="" of an hcontainer, else NULL */
	enum shape shape;
};

static const char *find_name(const char *kind, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(kind, names[i]))
			return names[i];
	return NULL;
}

static struct elem node_elem(const struct doc *d, const struct doc_node *n)
{
	struct elem el = { NULL, NULL, SHAPE_HIER };

	if (d->kind == DOC_JUDGMENT && n->parent == d->root) {
		el.name = find_name(n->kind, judgment_blocks, NELEM(judgment_blocks));
		if (el.name && !n->num && !n->heading) {
			el.shape = SHAPE_BLOCK;
			return el;
		}
	} else {
		el.name = find_name(n->kind, hier_names, NELEM(hier_names));
		if (el.name)
			return el;
	}
	el.name = "hcontainer";
	el.hname = n->kind;
	return el;
}

/* Whether byte c may be copied as it is into text content. */
static inline int is_plain(unsigned c)
{
	return (c - 0x20u < 0x5fu && c != '&' && c != '<' && c != '>' && c != '"') ||
	       c == '\t' || c == '\n';
}

/* Length of the valid UTF-8 sequence at s (its code point in *cp); 0 when it is
 * ill-formed, with *bad the length of its maximal ill-formed subpart (Unicode 3.9,
 * U+FFFD substitution of maximal subparts). */
static size_t utf8_next(const unsigned char *s, const unsigned char *end, uint32_t *cp,
			size_t *bad)
{
	unsigned c = s[0], lo = 0x80, hi = 0xbf;
	size_t n;

	if (c >= 0xc2 && c <= 0xdf) {
		n = 2, *cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, *cp = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (c == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, *cp = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;	/* overlong */
		else if (c == 0xf4)
			hi = 0x8f;	/* over U+10FFFF */
	} else {
		*bad = 1;
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if (s + i >= end || s[i] < lo || s[i] > hi) {
			*bad = i;
			return 0;
		}
		*cp = (*cp << 6) | (s[i] & 0x3f);
		lo = 0x80, hi = 0xbf;
	}
	return n;
}

#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

/* Escape s[0..len) for text content, or for a "-quoted attribute value when attr
 * (where tab and newline are written as references, which parsers keep). */
static void put_esc(struct sbuf *out, const char *s, size_t len, int attr)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len, *run = p;

	sbuf_grow(out, len);
	while (p < end) {
		const char *rep;
		size_t skip = 1, bad;
		uint32_t cp;

		if (is_plain(*p) && !(attr && *p < 0x20)) {
			p++;
			continue;
		}
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\t': rep = "&#9;"; break;
		case '\n': rep = "&#10;"; break;
		default:
			if (*p < 0x80) {
				rep = "";	/* C0 control or DEL: dropped */
			} else if ((skip = utf8_next(p, end, &cp, &bad))) {
				if (cp <= 0x9f)
					rep = "";	/* C1 control: dropped */
				else if (cp == 0xfffe || cp == 0xffff)
					rep = REPLACEMENT;	/* not an XML Char */
				else {
					p += skip;
					continue;
				}
			} else {
				rep = REPLACEMENT;
				skip = bad;
			}
		}
		sbuf_add(out, run, (size_t)(p - run));
		sbuf_adds(out, rep);
		p += skip;
		run = p;
	}
	sbuf_add(out, run, (size_t)(p - run));
}

static void esc(struct sbuf *out, const char *s)
{
	put_esc(out, s, strlen(s), 0);
}

/* The attribute ` name="v"` with v escaped; nothing when v is NULL. */
static void put_attr(struct sbuf *out, const char *name, const char *v)
{
	if (!v)
		return;
	sbuf_addf(out, " %s=\"", name);
	put_esc(out, v, strlen(v), 1);
	sbuf_addc(out, '"');
}

/* A new line indented by depth tabs (at most INDENT_MAX, so that a deep tree does
 * not cost quadratic space). */
#define INDENT_MAX 16

static void indent(struct sbuf *out, int depth)
{
	static const char line[INDENT_MAX + 2] = "\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";

	if (depth > INDENT_MAX)
		depth = INDENT_MAX;
	sbuf_add(out, line, 1 + (size_t)(depth > 0 ? depth : 0));
}

/* tag (markup, not escaped) on a new line indented by depth. */
static void put_tag(struct sbuf *out, int depth, const char *tag)
{
	indent(out, depth);
	sbuf_adds(out, tag);
}

/* <el attr="v"/> on a line of its own; nothing when v is NULL. */
static void put_value(struct sbuf *out, int depth, const char *el, const char *attr,
		      const char *v)
{
	if (!v)
		return;
	indent(out, depth);
	sbuf_addf(out, "<%s", el);
	put_attr(out, attr, v);
	sbuf_adds(out, "/>");
}

/* <el attr="v"/> on a line of its own, v formatted from fmt. */
static void put_valuef(struct sbuf *out, int depth, const char *el, const char *attr,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void put_valuef(struct sbuf *out, int depth, const char *el, const char *attr,
		       const char *fmt, ...)
{
	struct sbuf v = SBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&v, fmt, ap);
	va_end(ap);
	put_value(out, depth, el, attr, sbuf_str(&v));
	sbuf_release(&v);
}

/* <el>text</el> on a line of its own; nothing when text is NULL. */
static void put_text(struct sbuf *out, int depth, const char *el, const char *text)
{
	if (!text)
		return;
	indent(out, depth);
	sbuf_addf(out, "<%s>", el);
	esc(out, text);
	sbuf_addf(out, "</%s>", el);
}

static void put_date(struct sbuf *out, int depth, const char *date, const char *name)
{
	if (!date)
		return;
	put_tag(out, depth, "<FRBRdate");
	put_attr(out, "date", date);
	put_attr(out, "name", name);
	sbuf_adds(out, "/>");
}

/* One <p> per "\n\n"-separated paragraph of text; <p/> when text is NULL or "". */
static void put_paras(struct sbuf *out, int depth, const char *text)
{
	const char *p = text, *q;

	if (!text || !*text) {
		put_tag(out, depth, "<p/>");
		return;
	}
	for (;;) {
		q = strstr(p, "\n\n");
		put_tag(out, depth, "<p>");
		put_esc(out, p, q ? (size_t)(q - p) : strlen(p), 0);
		sbuf_adds(out, "</p>");
		if (!q)
			break;
		p = q + 2;
	}
}

/* The opening tag and everything of n before its children (for a leaf: all but
 * the closing tag). */
static void open_node(struct sbuf *out, const struct doc *d, const struct doc_node *n,
		      int depth)
{
	struct elem el = node_elem(d, n);

	indent(out, depth);
	sbuf_addf(out, "<%s", el.name);
	put_attr(out, "name", el.hname);
	put_attr(out, "eId", n->eid[0] ? n->eid : NULL);
	sbuf_addc(out, '>');
	if (el.shape == SHAPE_BLOCK) {
		if (n->text || !n->first)
			put_paras(out, depth + 1, n->text);
		return;
	}
	put_text(out, depth + 1, "num", n->num);
	put_text(out, depth + 1, "heading", n->heading);
	if (n->first && !n->text)
		return;
	indent(out, depth + 1);
	sbuf_adds(out, n->first ? "<intro>" : "<content>");
	put_paras(out, depth + 2, n->text);
	indent(out, depth + 1);
	sbuf_adds(out, n->first ? "</intro>" : "</content>");
}

static void close_node(struct sbuf *out, const struct doc *d, const struct doc_node *n,
		       int depth)
{
	indent(out, depth);
	sbuf_addf(out, "</%s>", node_elem(d, n).name);
}

/* from (a top-level node) and its following siblings with all they contain, depth
 * first without recursion (so that a deep tree cannot exhaust the stack). */
static void put_nodes(struct sbuf *out, const struct doc *d, const struct doc_node *from,
		      int depth)
{
	const struct doc_node *n = from;

	while (n) {
		open_node(out, d, n, depth);
		if (n->first) {
			n = n->first;
			depth++;
			continue;
		}
		for (;;) {
			close_node(out, d, n, depth);
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			depth--;
			if (n == d->root) {
				n = NULL;
				break;
			}
		}
	}
}

static int is_lone_preamble(const struct doc_node *n)
{
	return !strcmp(n->kind, "preamble") && !n->num && !n->heading && !n->first;
}

static void put_meta(struct sbuf *out, const struct doc *d, const char *expr)
{
	const char *work = d->work_uri;
	struct sbuf tmp = SBUF_INIT;

	put_tag(out, 2, "<meta>");
	put_tag(out, 3, "<identification source=\"#ccrepo\">");

	put_tag(out, 4, "<FRBRWork>");
	put_valuef(out, 5, "FRBRthis", "value", "%s/!main", work);
	put_value(out, 5, "FRBRuri", "value", work);
	put_date(out, 5, d->date, d->kind == DOC_JUDGMENT ? "judgment" : "enactment");
	put_value(out, 5, "FRBRauthor", "href", "");
	if (d->country) {
		for (const char *c = d->country; *c; c++)
			sbuf_addc(&tmp, *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c);
		put_value(out, 5, "FRBRcountry", "value", tmp.buf);
	}
	put_value(out, 5, "FRBRsubtype", "value", d->subtype);
	put_value(out, 5, "FRBRnumber", "value", d->number);
	put_value(out, 5, "FRBRname", "value", d->citation);
	put_tag(out, 4, "</FRBRWork>");

	put_tag(out, 4, "<FRBRExpression>");
	put_valuef(out, 5, "FRBRthis", "value", "%s/!main", expr);
	put_value(out, 5, "FRBRuri", "value", expr);
	put_date(out, 5, d->expr_date, "expression");
	put_value(out, 5, "FRBRauthor", "href", "#ccrepo");
	put_value(out, 5, "FRBRlanguage", "language", d->language);
	put_tag(out, 4, "</FRBRExpression>");

	put_tag(out, 4, "<FRBRManifestation>");
	put_valuef(out, 5, "FRBRthis", "value", "%s/!main.xml", expr);
	put_valuef(out, 5, "FRBRuri", "value", "%s.akn", expr);
	put_date(out, 5, d->expr_date, "manifestation");
	put_value(out, 5, "FRBRauthor", "href", "#ccrepo");
	put_tag(out, 4, "</FRBRManifestation>");

	put_tag(out, 3, "</identification>");
	put_tag(out, 3, "<references source=\"#ccrepo\">");
	indent(out, 4);
	sbuf_adds(out, "<TLCOrganization eId=\"ccrepo\" href=\"/ontology/organization/ccrepo\" "
		  "showAs=\"ccrepo\"/>");
	if (d->kind == DOC_JUDGMENT && d->parties) {
		indent(out, 4);
		sbuf_adds(out, "<TLCPerson eId=\"parties\" "
			  "href=\"/ontology/person/ccrepo.parties\"");
		put_attr(out, "showAs", d->parties);
		sbuf_adds(out, "/>");
		indent(out, 4);
		sbuf_adds(out, "<TLCRole eId=\"party\" href=\"/ontology/role/ccrepo.party\" "
			  "showAs=\"party\"/>");
	}
	put_tag(out, 3, "</references>");

	if (d->court || d->citation || d->parties || d->summary || d->outcome || d->source) {
		indent(out, 3);
		sbuf_adds(out, "<proprietary source=\"#ccrepo\" xmlns:ccrepo=\"" AKN_NS_CCREPO
			  "\">");
		put_text(out, 4, "ccrepo:court", d->court);
		put_text(out, 4, "ccrepo:citation", d->citation);
		put_text(out, 4, "ccrepo:parties", d->parties);
		put_text(out, 4, "ccrepo:summary", d->summary);
		put_text(out, 4, "ccrepo:outcome", d->outcome);
		put_text(out, 4, "ccrepo:source", d->source);
		put_tag(out, 3, "</proprietary>");
	}
	put_tag(out, 2, "</meta>");
	sbuf_release(&tmp);
}

/* <p>open value close</p> on a line of its own; 0 when value is NULL. */
static int put_line(struct sbuf *out, int depth, const char *open, const char *value,
		    const char *close)
{
	if (!value)
		return 0;
	indent(out, depth);
	sbuf_adds(out, open);
	esc(out, value);
	sbuf_adds(out, close);
	return 1;
}

/* <header> of a judgment: title, court, citation, date, parties and summary, each
 * in a <p>. The parties are one <party> that refers to a TLCPerson "parties". */
static void put_judgment_header(struct sbuf *out, const struct doc *d)
{
	int any = 0;

	put_tag(out, 2, "<header>");
	any |= put_line(out, 3, "<p><docTitle>", d->title, "</docTitle></p>");
	any |= put_line(out, 3, "<p><courtType>", d->court, "</courtType></p>");
	any |= put_line(out, 3, "<p><neutralCitation>", d->citation, "</neutralCitation></p>");
	if (d->date) {
		put_tag(out, 3, "<p><docDate");
		put_attr(out, "date", d->date);
		sbuf_addc(out, '>');
		esc(out, d->date);
		sbuf_adds(out, "</docDate></p>");
		any = 1;
	}
	any |= put_line(out, 3, "<p><party refersTo=\"#parties\" as=\"#party\">", d->parties,
			"</party></p>");
	any |= put_line(out, 3, "<p class=\"summary\">", d->summary, "</p>");
	if (!any) {
		put_tag(out, 3, "<p/>");
	}
	put_tag(out, 2, "</header>");
}

int akn_export(const struct doc *d, struct sbuf *out, struct err *e)
{
	const int judgment = d && d->kind == DOC_JUDGMENT;
	const char *docel = judgment ? "judgment" : "act";
	const char *bodyel = judgment ? "judgmentBody" : "body";
	const struct doc_node *n;
	struct sbuf expr = SBUF_INIT;
	int rc = ERR_OK;

	if (!d || !d->root) {
		rc = err_set(e, ERR_INVALID, "akn export: no document");
		goto done;
	}
	if (!d->work_uri || !d->work_uri[0]) {
		rc = err_set(e, ERR_INVALID, "akn export: the document has no work URI");
		goto done;
	}
	sbuf_addf(&expr, "%s/%s@%s", d->work_uri, d->language ? d->language : "und",
		  d->expr_date ? d->expr_date : "");

	sbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		  "<akomaNtoso xmlns=\"" AKN_NS "\">");
	indent(out, 1);
	sbuf_addf(out, "<%s", docel);
	put_attr(out, "name", d->type ? d->type : docel);
	sbuf_addc(out, '>');
	put_meta(out, d, expr.buf);

	n = d->root->first;
	if (judgment) {
		put_judgment_header(out, d);
	} else {
		if (d->title) {
			put_tag(out, 2, "<preface>");
			put_tag(out, 3, "<p><docTitle>");
			esc(out, d->title);
			sbuf_adds(out, "</docTitle></p>");
			put_line(out, 3, "<longTitle><p>", d->long_title, "</p></longTitle>");
			put_tag(out, 2, "</preface>");
		}
		for (; n && is_lone_preamble(n); n = n->next) {
			put_tag(out, 2, "<preamble");
			put_attr(out, "eId", n->eid[0] ? n->eid : NULL);
			sbuf_addc(out, '>');
			put_paras(out, 3, n->text);
			put_tag(out, 2, "</preamble>");
		}
	}
	indent(out, 2);
	if (n) {
		sbuf_addf(out, "<%s>", bodyel);
		put_nodes(out, d, n, 3);
		indent(out, 2);
		sbuf_addf(out, "</%s>", bodyel);
	} else {
		sbuf_addf(out, "<%s/>", bodyel);
	}
	indent(out, 1);
	sbuf_addf(out, "</%s>\n</akomaNtoso>\n", docel);
done:
	sbuf_release(&expr);
	return rc;
}
