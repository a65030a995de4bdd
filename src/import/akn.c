#include "import/akn.h"

#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "core/file.h"
#include "core/sbuf.h"
#include "core/xalloc.h"
#include "import/xml.h"

#define NS_AKN3 "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#define NS_AKN2 "http://www.akomantoso.org/2.0"

/* No NOENT (entities are not substituted), no DTDLOAD, DTDATTR or XINCLUDE (nothing
 * outside the input is read), no HUGE (libxml2 keeps its limits on depth and text).
 * Errors reach on_error() instead of stderr. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
		       XML_PARSE_BIG_LINES)
#define MAX_WARNINGS 100	/* kept in doc->warnings; the rest are counted */
#define MAX_XML_DEPTH 1024	/* the walks stop below this (libxml2 stops at 256) */
#define MAX_EID 200		/* longer ids are replaced by generated ones */
#define MAX_PARTIES 64
#define KIND_SLOTS 16

/* What an element is to the walk over a body; anything not listed is inline text. */
enum role {
	R_INLINE,
	R_HIER,		/* a provision: becomes a node of its own */
	R_BLOCK,	/* a paragraph of its own */
	R_QUOTE,	/* provisions of another text quoted: flattened into paragraphs */
	R_CELL,		/* a table cell: " | " between the cells of a row */
	R_SPACE,	/* a line or page break */
	R_SKIP,		/* left out with its text */
};

/* Sorted by strcmp for bsearch. "item" (of a blockList) counts as a provision. */
static const struct role_entry {
	const char *name;
	enum role role;
} roles[] = {
	{ "alinea", R_HIER }, { "article", R_HIER }, { "authorialNote", R_SKIP },
	{ "block", R_BLOCK }, { "blockContainer", R_BLOCK }, { "blockList", R_BLOCK },
	{ "book", R_HIER }, { "br", R_SPACE }, { "caption", R_BLOCK },
	{ "chapter", R_HIER }, { "citation", R_BLOCK }, { "citations", R_BLOCK },
	{ "clause", R_HIER }, { "componentRef", R_SKIP }, { "container", R_BLOCK },
	{ "content", R_BLOCK }, { "crossHeading", R_BLOCK }, { "del", R_SKIP },
	{ "div", R_BLOCK }, { "division", R_HIER }, { "embeddedStructure", R_QUOTE },
	{ "eol", R_SPACE }, { "eop", R_SPACE }, { "foreign", R_SKIP },
	{ "formula", R_BLOCK }, { "hcontainer", R_HIER }, { "heading", R_BLOCK },
	{ "indent", R_HIER }, { "intro", R_BLOCK }, { "item", R_HIER },
	{ "level", R_HIER }, { "li", R_BLOCK }, { "list", R_HIER },
	{ "listConclusion", R_BLOCK }, { "listIntroduction", R_BLOCK },
	{ "listWrapUp", R_BLOCK }, { "longTitle", R_BLOCK }, { "meta", R_SKIP },
	{ "noteRef", R_SKIP }, { "num", R_BLOCK }, { "ol", R_BLOCK }, { "p", R_BLOCK },
	{ "paragraph", R_HIER }, { "part", R_HIER }, { "point", R_HIER },
	{ "proviso", R_HIER }, { "quotedStructure", R_QUOTE }, { "recital", R_BLOCK },
	{ "recitals", R_BLOCK }, { "rule", R_HIER }, { "section", R_HIER },
	{ "subchapter", R_HIER }, { "subclause", R_HIER }, { "subdivision", R_HIER },
	{ "subheading", R_BLOCK }, { "sublist", R_HIER }, { "subparagraph", R_HIER },
	{ "subpart", R_HIER }, { "subrule", R_HIER }, { "subsection", R_HIER },
	{ "subtitle", R_HIER }, { "table", R_BLOCK }, { "tblock", R_BLOCK },
	{ "td", R_CELL }, { "th", R_CELL }, { "title", R_HIER }, { "toc", R_SKIP },
	{ "tome", R_HIER }, { "tr", R_BLOCK }, { "transitional", R_HIER },
	{ "ul", R_BLOCK }, { "wrap", R_BLOCK }, { "wrapUp", R_BLOCK },
};

/* The document types taken, and where each keeps its body. */
static const struct doctype {
	const char *name;
	enum doc_kind kind;
	const char *body[3];
} doctypes[] = {
	{ "act", DOC_LEGISLATION, { "body", NULL, NULL } },
	{ "bill", DOC_LEGISLATION, { "body", NULL, NULL } },
	{ "doc", DOC_LEGISLATION, { "mainBody", "mainContent", "body" } },
	{ "judgment", DOC_JUDGMENT, { "judgmentBody", NULL, NULL } },
};
#define NDOCTYPES (sizeof(doctypes) / sizeof(doctypes[0]))

/* What the SAX handlers saw while libxml2 parsed. */
struct parse_state {
	int line;		/* of the first error */
	int code;		/* its libxml2 code, 0 when none */
	char msg[256];
	int entity_line;	/* an entity declaration stopped the parser */
	char entity[64];
};

/* The paragraphs of one node being collected: whitespace collapsed, paragraphs
 * separated by "\n\n" (by " " when oneline). */
/* The node whose own text a walk collects. */
struct scope {
	struct doc_node *node;			/* NULL: only text (a title, a num) */
	const xmlNode *num, *heading;		/* its own, not part of its text */
	struct doc_text t;
	int depth;				/* of node; the root is 0 */
	int loose_line;				/* root: where loose text began */
	struct { const char *kind; int n; } kinds[KIND_SLOTS];	/* children so far */
	int nkinds, nchildren;
};

struct akn {
	struct doc *d;
	const char *origin;
	const xmlChar *ns;	/* the document's namespace */
	struct err *e;
	size_t nodes;
	size_t dropped;		/* warnings over MAX_WARNINGS */
	struct doc_ids ids;	/* eIds taken */
};

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
	/* role_of() bsearches the table */
	for (size_t i = 1; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(roles[i - 1].name, roles[i].name) >= 0) {
			fprintf(stderr, "akn: roles[] not sorted at %s\n", roles[i].name);
			abort();
		}
	xmlInitParser();
}

/* Errors and warnings of the document being read (import/xml). */
#define fail(a, code, line, ...) xml_fail((a)->e, (a)->origin, code, line, __VA_ARGS__)
#define warn(a, line, ...) xml_warn((a)->d, MAX_WARNINGS, &(a)->dropped, line, __VA_ARGS__)

static const char *lname(const xmlNode *n)
{
	return (const char *)n->name;
}

/* Whether n is an element of the document's namespace (named name, if given). */
static int is_akn(const struct akn *a, const xmlNode *n, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || !n->ns || !n->ns->href)
		return 0;
	if (n->ns->href != a->ns && !xmlStrEqual(n->ns->href, a->ns))
		return 0;
	return !name || !strcmp(lname(n), name);
}

/* bsearch's comparison of an element's name with an entry of roles. */
static int by_name(const void *key, const void *entry)
{
	return strcmp(key, ((const struct role_entry *)entry)->name);
}

static enum role role_of(const xmlNode *n)
{
	const struct role_entry *r = bsearch(lname(n), roles, sizeof(roles) / sizeof(roles[0]),
					     sizeof(roles[0]), by_name);

	return r ? r->role : R_INLINE;
}

/* The first child element called name, or NULL (n may be NULL). */
static xmlNode *child(const struct akn *a, const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is_akn(a, c, name))
			return c;
	return NULL;
}

/* The element after n in document order under top (n == top: the first one). */
static xmlNode *next_element(const xmlNode *top, xmlNode *n)
{
	for (;;) {
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
		} else {
			while (n != top && !n->next)
				n = n->parent;
			if (n == top)
				return NULL;
			n = n->next;
		}
		if (n->type == XML_ELEMENT_NODE)
			return n;
	}
}

/* The first element called name under top (not top itself), or NULL. */
static xmlNode *find(const struct akn *a, const xmlNode *top, const char *name)
{
	if (!top)
		return NULL;
	for (xmlNode *n = next_element(top, (xmlNode *)top); n; n = next_element(top, n))
		if (is_akn(a, n, name))
			return n;
	return NULL;
}

/* ---- text ---- */

/* Between two cells of a row: " | ". */
static void text_cell(struct doc_text *t)
{
	if (t->sb.len && !t->brk) {
		sbuf_adds(&t->sb, " |");
		t->space = 1;
	}
}

/* ---- eIds ---- */

static int good_eid(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if ((unsigned char)s[n] <= ' ' || s[n] == 0x7f)
			return 0;
	return n > 0 && n <= MAX_EID;
}

/* Count a new child of kind under s; its ordinal among the children of that kind. */
static int ordinal(struct scope *s, const char *kind)
{
	s->nchildren++;
	for (int i = 0; i < s->nkinds; i++)
		if (!strcmp(s->kinds[i].kind, kind))
			return ++s->kinds[i].n;
	if (s->nkinds == KIND_SLOTS)
		return s->nchildren;
	s->kinds[s->nkinds].kind = kind;
	s->kinds[s->nkinds++].n = 1;
	return 1;
}

/* The eId of el (eId in 3.0, id in 2.0), else one made up; unique in the doc.
 * fixed: el is a container the naming convention names by its kind alone
 * ("preamble", "motivation"): its made-up eId is not worth a warning. */
static const char *make_eid(struct akn *a, struct scope *ps, const xmlNode *el,
			    const char *kind, const char *num, int fixed)
{
	const char *id = el ? xml_prop(a->d->pool, el, "eId") : NULL;
	int ord = ordinal(ps, kind), line = el ? xml_line(el) : 0;

	if (!id && el)
		id = xml_prop(a->d->pool, el, "id");
	if (id && !good_eid(id)) {
		warn(a, line, "<%s> has an eId that is blank, too long or has spaces: "
		     "replaced", kind);
		id = NULL;
	}
	if (!id && fixed) {
		id = ps->node->eid[0] ? pool_printf(a->d->pool, "%s__%s", ps->node->eid, kind)
				      : pool_strdup(a->d->pool, kind);
	} else if (!id) {
		id = doc_make_eid(a->d, ps->node, kind, num, ord);
		if (el)
			warn(a, line, "<%s> has no eId or id: \"%s\" generated", kind, id);
	}
	if (!doc_ids_add(&a->ids, id)) {
		const char *again;
		size_t k = 2;

		do {
			again = pool_printf(a->d->pool, "%s_%zu", id, k);
			k += k < 16 ? 1 : a->nodes + 1;
		} while (!doc_ids_add(&a->ids, again));
		warn(a, line, "eId \"%s\" appears again: this one is now \"%s\"", id, again);
		id = again;
	}
	return id;
}

/* ---- the walk over a body ---- */

static int walk(struct akn *a, struct scope *s, const xmlNode *n, int quoted, int xdepth);
static int build(struct akn *a, struct scope *ps, const xmlNode *el, const char *kind,
		 int fixed, int xdepth);

/* The text of el on one line (xmalloc'd, NULL when empty): for num, heading,
 * titles. Provisions inside are flattened, not made nodes. */
static char *flatten(struct akn *a, const xmlNode *el)
{
	struct scope s;

	if (!el)
		return NULL;
	memset(&s, 0, sizeof(s));
	s.t.oneline = 1;
	walk(a, &s, el, 1, 0);
	if (!s.t.sb.len) {
		sbuf_release(&s.t.sb);
		return NULL;
	}
	return sbuf_detach(&s.t.sb, NULL);
}

static const char *flatten_pool(struct akn *a, const xmlNode *el)
{
	char *s = flatten(a, el);
	const char *r = pool_strdup(a->d->pool, s);

	free(s);
	return r;
}

/* A new node under ps for el (or for a made-up container when el is NULL), with the
 * scope s that collects its text. */
static int node_open(struct akn *a, struct scope *ps, const xmlNode *el, int line,
		     const char *kind, int fixed, const char *num, const char *heading,
		     struct scope *s)
{
	memset(s, 0, sizeof(*s));
	if (a->nodes >= AKN_MAX_NODES)
		return fail(a, ERR_TOOLARGE, line, "more than %d provisions", AKN_MAX_NODES);
	if (ps->depth >= AKN_MAX_DEPTH)
		return fail(a, ERR_TOOLARGE, line, "provisions nested more than %d deep",
			    AKN_MAX_DEPTH);
	s->depth = ps->depth + 1;
	s->node = doc_add(a->d, ps->node, kind, NULL, num, heading, NULL, line);
	s->node->eid = make_eid(a, ps, el, s->node->kind, num, fixed);
	a->nodes++;
	return ERR_OK;
}

static void node_close(struct akn *a, struct scope *s)
{
	if (s->node)
		s->node->text = doc_text_take(&s->t, a->d->pool);
	sbuf_release(&s->t.sb);
}

/* The loose text collected at the top of a body becomes a node of its own. */
static int flush_loose(struct akn *a, struct scope *root)
{
	struct scope s;
	int rc;

	if (!root->t.sb.len)
		return ERR_OK;
	if ((rc = node_open(a, root, NULL, root->loose_line, "hcontainer", 0, NULL, NULL, &s)))
		return rc;
	node_close(a, &s);
	s.node->text = doc_text_take(&root->t, a->d->pool);
	warn(a, root->loose_line, "text outside any provision kept as <hcontainer> \"%s\"",
	     s.node->eid);
	return ERR_OK;
}

/* name as a node kind: lowercase, NULL unless a short word ("crossheading"). */
static const char *kind_word(const char *name)
{
	size_t i;

	for (i = 0; name && name[i]; i++)
		if (i >= 32 || !((name[i] >= 'a' && name[i] <= 'z') ||
				 (name[i] >= 'A' && name[i] <= 'Z') ||
				 (i && ((name[i] >= '0' && name[i] <= '9') || name[i] == '_' ||
					name[i] == '-'))))
			return NULL;
	if (!i)
		return NULL;
	for (char *p = (char *)name; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return name;
}

/* An hcontainer is of the kind its name says ("schedule", "crossheading"). */
static const char *kind_of(struct akn *a, const xmlNode *el)
{
	const char *kind;

	if (strcmp(lname(el), "hcontainer") || !(kind = kind_word(xml_prop(a->d->pool, el, "name"))))
		return lname(el);
	return kind;
}

static int is_cell(const struct akn *a, const xmlNode *n)
{
	return is_akn(a, n, "td") || is_akn(a, n, "th");
}

/* Collect the text of n's children into s; provisions among them (unless quoted)
 * become children of s->node. */
static int walk(struct akn *a, struct scope *s, const xmlNode *n, int quoted, int xdepth)
{
	int rc;

	if (xdepth > MAX_XML_DEPTH)
		return ERR_OK;
	for (const xmlNode *c = n->children; c; c = c->next) {
		enum role r;

		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (s->node && s->node == a->d->root && !s->t.sb.len)
				s->loose_line = xml_line(c);
			if (c->content)
				doc_text_add(&s->t, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || c == s->num || c == s->heading)
			continue;
		/* an element of another namespace is inline text */
		r = is_akn(a, c, NULL) ? role_of(c) : R_INLINE;
		if (r == R_HIER && quoted)
			r = R_BLOCK;
		switch (r) {
		case R_SKIP:
			break;
		case R_SPACE:
			s->t.space = 1;
			break;
		case R_HIER:
			if (s->node == a->d->root && (rc = flush_loose(a, s)))
				return rc;
			doc_text_break(&s->t);
			if ((rc = build(a, s, c, kind_of(a, c), 0, xdepth + 1)))
				return rc;
			doc_text_break(&s->t);
			break;
		case R_CELL: {
			const xmlNode *p = c->prev;

			while (p && p->type != XML_ELEMENT_NODE)
				p = p->prev;
			if (p && is_cell(a, p))
				text_cell(&s->t);
			s->t.cell++;
			rc = walk(a, s, c, quoted, xdepth + 1);
			s->t.cell--;
			if (rc)
				return rc;
			break;
		}
		case R_BLOCK:
		case R_QUOTE:
			if (s->node && s->node == a->d->root && !s->t.sb.len)
				s->loose_line = xml_line(c);
			doc_text_break(&s->t);
			if ((rc = walk(a, s, c, quoted || r == R_QUOTE, xdepth + 1)))
				return rc;
			doc_text_break(&s->t);
			break;
		default:
			if ((rc = walk(a, s, c, quoted, xdepth + 1)))
				return rc;
			break;
		}
	}
	return ERR_OK;
}

/* A node for the provision (or container) el under ps, with its children. */
static int build(struct akn *a, struct scope *ps, const xmlNode *el, const char *kind,
		 int fixed, int xdepth)
{
	const xmlNode *num = child(a, el, "num"), *heading = child(a, el, "heading");
	char *numtext = flatten(a, num), *headtext = flatten(a, heading);
	struct scope s;
	int rc;

	rc = node_open(a, ps, el, xml_line(el), kind, fixed, numtext, headtext, &s);
	free(numtext);
	free(headtext);
	if (rc)
		return rc;
	s.num = num;
	s.heading = heading;
	rc = walk(a, &s, el, 0, xdepth);
	node_close(a, &s);
	return rc;
}

/* ---- metadata ---- */

static const struct doctype *doctype_of(const struct akn *a, const xmlNode *n)
{
	for (size_t i = 0; i < NDOCTYPES; i++)
		if (is_akn(a, n, doctypes[i].name))
			return &doctypes[i];
	return NULL;
}

static const xmlNode *body_of(const struct akn *a, const xmlNode *docel,
			      const struct doctype *t)
{
	for (size_t i = 0; i < 3 && t->body[i]; i++) {
		const xmlNode *b = child(a, docel, t->body[i]);

		if (b)
			return b;
	}
	return NULL;
}

/* "za", "GB-UKM", "uk" -> "ZA", "GB", "GB"; NULL when it is not two letters. */
static const char *country_code(struct akn *a, const char *v, size_t n)
{
	char cc[3];

	if (!v)
		return NULL;
	if (n > 2 && v[2] != '-' && v[2] != '_')
		return NULL;
	if (n < 2)
		return NULL;
	for (int i = 0; i < 2; i++) {
		char c = v[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c < 'A' || c > 'Z')
			return NULL;
		cc[i] = c;
	}
	cc[2] = '\0';
	if (!strcmp(cc, "UK"))
		return "GB";
	if (!strcmp(cc, "EL"))	/* the EU's code for Greece */
		return "GR";
	return pool_strdup(a->d->pool, cc);
}

/* The components of an FRBR URI after "/akn" (or the leading "/" of a 2.0 URI). */
struct uri_parts {
	const char *seg[8];
	size_t len[8];
	int n;
};

static void uri_split(const char *uri, struct uri_parts *u)
{
	const char *p = uri;

	u->n = 0;
	if (!p || *p != '/')
		return;
	if (!strncmp(p, "/akn/", 5))
		p += 4;
	while (*p == '/' && u->n < 8) {
		const char *s = ++p;

		while (*p && *p != '/')
			p++;
		if (p == s)
			break;
		u->seg[u->n] = s;
		u->len[u->n++] = (size_t)(p - s);
	}
}

static int is_date(const char *s, size_t n)
{
	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* A URI value from FRBRuri, else FRBRthis without its component ("/!main"). */
static const char *frbr_uri(struct akn *a, const xmlNode *level)
{
	const char *v = xml_prop(a->d->pool, child(a, level, "FRBRuri"), "value");
	char *cut, *end;

	if (!v && (v = xml_prop(a->d->pool, child(a, level, "FRBRthis"), "value")) &&
	    (cut = strstr((char *)v, "/!")))
		*cut = '\0';
	if (v) {
		for (end = (char *)v + strlen(v); end > v + 1 && end[-1] == '/'; end--)
			;
		*end = '\0';
	}
	return v && *v ? v : NULL;
}

static const char *title_text(struct akn *a, const xmlNode *docel)
{
	static const char *const where[] = { "preface", "header", "coverPage" };
	static const char *const what[] = { "shortTitle", "docTitle" };

	for (size_t w = 0; w < sizeof(what) / sizeof(what[0]); w++)
		for (size_t i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
			const char *t = flatten_pool(a, find(a, child(a, docel, where[i]),
							     what[w]));

			if (t)
				return t;
		}
	return NULL;
}

/* The name a "Short title" provision gives the law ("This Act is called the
 * Constitution of the Republic of South Africa, 1996, and comes into effect ..." or
 * "... may be cited as the Computer Misuse Act, 2018."), in d's pool, or NULL. */
static const char *short_title_in(struct doc *d, const char *text)
{
	static const char *const leads[] = { "may be cited as ", "is called ", "be called " };
	static const char *const ends[] = { ", and ", ". ", ".\n", ";", " and shall ",
					    " and comes ", "\n" };
	const char *s = NULL, *end;

	for (size_t i = 0; !s && text && i < sizeof(leads) / sizeof(leads[0]); i++)
		if ((s = strstr(text, leads[i])))
			s += strlen(leads[i]);
	if (!s)
		return NULL;
	if (!strncmp(s, "the ", 4))
		s += 4;
	end = s + strlen(s);
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		const char *x = strstr(s, ends[i]);

		if (x && x < end)
			end = x;
	}
	while (end > s && (end[-1] == '.' || end[-1] == ' '))
		end--;
	if (end - s < 4 || end - s > 200)
		return NULL;
	return pool_strndup(d->pool, s, (size_t)(end - s));
}

/* When the document gives no short title, the one its "Short title" provision (or
 * its first subsection) names becomes d->title. */
static void short_title_from_body(struct doc *d)
{
	for (struct doc_node *n = doc_next(d, d->root); n; n = doc_next(d, n)) {
		const char *t;

		if (!n->heading || strncasecmp(n->heading, "short title", 11))
			continue;
		if ((t = short_title_in(d, n->text)) ||
		    (n->first && (t = short_title_in(d, n->first->text)))) {
			d->title = t;
			return;
		}
	}
}

/* The court of a judgment's web address as a URI segment: the lowercase words of
 * its path before the year ("https://caselaw.nationalarchives.gov.uk/id/ewhc/ch/
 * 2017/3414" -> "/ewhc-ch"), appended to sb; nothing when there are none. */
static void web_actor(const char *uri, struct sbuf *sb)
{
	const char *p = uri ? strstr(uri, "://") : NULL;
	size_t start = sb->len;
	int words = 0;

	if (!p || !(p = strchr(p + 3, '/')))
		return;
	for (; *p == '/'; p += strcspn(p, "/")) {
		size_t n = strcspn(++p, "/"), lower = 0;

		while (lower < n && p[lower] >= 'a' && p[lower] <= 'z')
			lower++;
		if (n && p[0] >= '0' && p[0] <= '9')
			return;		/* the year: done */
		if (!n || lower != n || n > 12 || words == 4)
			break;
		if (n == 2 && !strncmp(p, "id", 2))
			continue;
		sbuf_addc(sb, words++ ? '-' : '/');
		sbuf_add(sb, p, n);
	}
	sb->len = start;	/* no year after the words: not a court's address */
	sb->buf[start] = '\0';
}

static int read_identification(struct akn *a, const xmlNode *docel, const char *type)
{
	struct doc *d = a->d;
	const xmlNode *meta = child(a, docel, "meta");
	const xmlNode *ident = child(a, meta, "identification");
	const xmlNode *work = child(a, ident, "FRBRWork");
	const xmlNode *expr = child(a, ident, "FRBRExpression");
	const char *uri, *country, *euri, *at;
	struct uri_parts u;
	int line = xml_line(work ? work : meta ? meta : docel);

	if (!work)
		return fail(a, ERR_INVALID, line, "<%s> has no <meta><identification>"
			    "<FRBRWork>", lname(docel));
	uri = frbr_uri(a, work);
	uri_split(uri, &u);
	if ((country = xml_prop(a->d->pool, child(a, work, "FRBRcountry"), "value"))) {
		if (!(d->country = country_code(a, country, strlen(country))))
			return fail(a, ERR_INVALID, line, "FRBRcountry \"%.40s\" is not a "
				    "two-letter country code", country);
	} else if (!uri) {
		return fail(a, ERR_INVALID, line, "<FRBRWork> has neither FRBRcountry nor an "
			    "FRBRuri");
	} else if (!u.n || !(d->country = country_code(a, u.seg[0], u.len[0]))) {
		return fail(a, ERR_INVALID, line, "no FRBRcountry, and the work URI \"%.80s\" "
			    "does not start with a country", uri);
	}
	d->type = type;
	d->subtype = xml_prop(a->d->pool, child(a, work, "FRBRsubtype"), "value");
	d->number = xml_prop(a->d->pool, child(a, work, "FRBRnumber"), "value");
	d->date = xml_prop(a->d->pool, child(a, work, "FRBRdate"), "date");
	for (int i = 2; i + 1 < u.n && !d->number; i++)
		if (is_date(u.seg[i], u.len[i]))
			d->number = pool_strndup(d->pool, u.seg[i + 1], u.len[i + 1]);
	/* "/akn/ke/act/1997-08-22/3"; a 2.0 "/ke/act/..." gets the prefix; anything
	 * else (a web address) is replaced by one made from the parts */
	if (uri && !strncmp(uri, "/akn/", 5)) {
		d->work_uri = uri;
	} else if (u.n >= 2 && country_code(a, u.seg[0], u.len[0]) &&
		   !strcmp(country_code(a, u.seg[0], u.len[0]), d->country)) {
		d->work_uri = pool_printf(d->pool, "/akn%s", uri);
	} else {
		struct sbuf sb = SBUF_INIT;

		sbuf_addf(&sb, "/akn/%c%c/%s", d->country[0] - 'A' + 'a',
			  d->country[1] - 'A' + 'a', type);
		if (!strcmp(type, "judgment"))
			web_actor(uri, &sb);
		if (d->date && strlen(d->date) >= 4 && is_date(d->date, 4))
			sbuf_addf(&sb, "/%.4s", d->date);
		if (d->number)
			sbuf_addf(&sb, "/%s", d->number);
		d->work_uri = pool_strdup(d->pool, sbuf_str(&sb));
		sbuf_release(&sb);
		if (uri)
			warn(a, line, "work URI \"%.200s\" is not an Akoma Ntoso URI: \"%s\" "
			     "used instead", uri, d->work_uri);
		else
			warn(a, line, "no work URI: \"%s\" made from the metadata",
			     d->work_uri);
	}
	/* the expression: ".../eng@2003-12-19" */
	euri = frbr_uri(a, expr);
	d->language = xml_prop(a->d->pool, find(a, expr, "FRBRlanguage"), "language");
	if (euri && (at = strrchr(euri, '@')) && at > euri) {
		const char *seg = at, *end = strchr(at, '/');
		size_t n = end ? (size_t)(end - at - 1) : strlen(at + 1);

		if (n)
			d->expr_date = pool_strndup(d->pool, at + 1, n);
		while (seg > euri && seg[-1] != '/')
			seg--;
		if (!d->language && at > seg)
			d->language = pool_strndup(d->pool, seg, (size_t)(at - seg));
	}
	if (!d->expr_date)
		d->expr_date = xml_prop(a->d->pool, child(a, expr, "FRBRdate"), "date");
	if (!d->language)
		warn(a, line, "no FRBRlanguage: the language is unknown");
	/* the title: from the preface (or header), else the FRBR names */
	if (!(d->title = title_text(a, docel)))
		d->title = xml_prop(a->d->pool, child(a, work, "FRBRname"), "value");
	for (const xmlNode *c = work->children; c && !d->title; c = c->next) {
		const char *v;

		if (is_akn(a, c, "FRBRalias") && (v = xml_prop(a->d->pool, c, "value")) &&
		    strcmp(v, "Untitled"))
			d->title = v;
	}
	/* the long title: <longTitle>, else a <docTitle> that is not the short title
	 * (legislation.gov.uk's: "An Act to make provision ...") */
	d->long_title = flatten_pool(a, find(a, child(a, docel, "preface"), "longTitle"));
	for (size_t i = 0; !d->long_title && i < 2; i++) {
		const char *t = flatten_pool(a, find(a, child(a, docel, i ? "header" : "preface"),
						     "docTitle"));

		if (t && d->title && strcmp(t, d->title))
			d->long_title = t;
	}
	if (!d->title)	/* short_title_from_body may find a better one */
		d->title = d->long_title;
	if (d->long_title && strlen(d->long_title) > DOC_LONG_TITLE_MAX) {
		doc_warn(d, "the long title is over %d bytes: not kept", DOC_LONG_TITLE_MAX);
		d->long_title = NULL;
	}
	if (!d->title)
		d->title = d->work_uri;
	return ERR_OK;
}

/* "A v B": the parties of the header, those of one role (@as) joined by ", ". */
static const char *parties(struct akn *a, xmlNode *header)
{
	char *seen[MAX_PARTIES];
	const char *prev_as = NULL, *r;
	struct sbuf sb = SBUF_INIT;
	int n = 0;

	for (xmlNode *p = header; p && n < MAX_PARTIES; p = next_element(header, p)) {
		const char *as;
		char *name;
		int dup = 0;

		if (!is_akn(a, p, "party") || !(name = flatten(a, p)))
			continue;
		for (int i = 0; i < n && !dup; i++)
			dup = !strcmp(seen[i], name);
		if (dup) {
			free(name);
			continue;
		}
		as = xml_prop(a->d->pool, p, "as");
		if (n)
			sbuf_adds(&sb, as && prev_as && !strcmp(as, prev_as) ? ", " : " v ");
		sbuf_adds(&sb, name);
		seen[n++] = name;
		prev_as = as;
	}
	r = n ? pool_strdup(a->d->pool, sbuf_str(&sb)) : NULL;
	for (int i = 0; i < n; i++)
		free(seen[i]);
	sbuf_release(&sb);
	return r;
}

/* The showAs of the TLC element of references whose eId (or id) is href
 * without its '#'. */
static const char *tlc_name(struct akn *a, const xmlNode *docel, const char *href)
{
	xmlNode *refs = child(a, child(a, docel, "meta"), "references");

	if (!href || href[0] != '#')
		return NULL;
	for (xmlNode *c = refs ? refs->children : NULL; c; c = c->next) {
		const char *id;

		if (is_akn(a, c, NULL) && ((id = xml_prop(a->d->pool, c, "eId")) || (id = xml_prop(a->d->pool, c, "id"))) &&
		    !strcmp(id, href + 1))
			return xml_prop(a->d->pool, c, "showAs");
	}
	return NULL;
}

static void read_judgment(struct akn *a, const xmlNode *docel)
{
	struct doc *d = a->d;
	xmlNode *header = child(a, docel, "header");
	xmlNode *cover = child(a, docel, "coverPage");
	xmlNode *proponent = find(a, header, "docProponent");
	const char *date = NULL;
	const xmlNode *sum = NULL;

	d->court = flatten_pool(a, find(a, header, "courtType"));
	if (!d->court)
		d->court = flatten_pool(a, proponent);
	if (!d->court && proponent)
		d->court = tlc_name(a, docel, xml_prop(a->d->pool, proponent, "refersTo"));
	if (!d->court)
		d->court = tlc_name(a, docel, xml_prop(a->d->pool, find(a, child(a, child(a, child(a,
			docel, "meta"), "identification"), "FRBRWork"), "FRBRauthor"), "href"));
	d->citation = flatten_pool(a, find(a, header, "neutralCitation"));
	if (!d->citation)
		d->citation = flatten_pool(a, find(a, header, "docNumber"));
	if (!(d->parties = parties(a, header)))
		d->parties = parties(a, cover);
	for (xmlNode *n = header; n && !date; n = next_element(header, n))
		if (is_akn(a, n, "docDate"))
			date = xml_prop(a->d->pool, n, "date");
	if (date)
		d->date = date;
	for (xmlNode *n = header; n && !sum; n = next_element(header, n)) {
		const char *cls = n != header ? xml_prop(a->d->pool, n, "class") : NULL;

		if (cls && !strcmp(cls, "summary"))
			sum = n;
	}
	if (sum) {
		const char *s = flatten_pool(a, sum);

		if (s && !strncasecmp(s, "summary:", 8))
			for (s += 8; xml_is_ws(*s); s++)
				;
		d->summary = s && *s ? s : NULL;
	}
	d->outcome = xml_prop(a->d->pool, find(a, child(a, child(a, docel, "meta"), "analysis"),
				  "result"), "type");
}

/* ---- the document ---- */

/* The schedules and annexes of legislation: a node each, its body underneath. */
static int read_attachments(struct akn *a, struct scope *root, const xmlNode *docel)
{
	const xmlNode *atts = child(a, docel, "attachments");
	int rc;

	for (const xmlNode *c = atts ? atts->children : NULL; c; c = c->next) {
		const xmlNode *inner = NULL, *body;
		char *num = NULL, *head = NULL;
		const char *kind;
		struct scope s;

		if (!is_akn(a, c, NULL))
			continue;
		if (doctype_of(a, c))
			inner = c;
		else if (is_akn(a, c, "attachment"))
			for (const xmlNode *k = c->children; k && !inner; k = k->next)
				if (doctype_of(a, k))
					inner = k;
		if (!inner || !(body = body_of(a, inner, doctype_of(a, inner))))
			continue;
		if (!(kind = kind_word(xml_prop(a->d->pool, inner, "name"))))
			kind = "attachment";
		if (c != inner) {
			/* "Schedule 1" over "National flag": a number and a heading */
			head = flatten(a, child(a, c, "heading"));
			if ((num = flatten(a, child(a, c, "subheading")))) {
				char *tmp = num;

				num = head;
				head = tmp;
			}
		}
		if (!head)
			head = flatten(a, find(a, child(a, inner, "preface"), "docTitle"));
		rc = node_open(a, root, c, xml_line(c), kind, 0, num, head, &s);
		free(num);
		free(head);
		if (rc)
			return rc;
		rc = walk(a, &s, body, 0, 0);
		node_close(a, &s);
		if (rc)
			return rc;
	}
	return ERR_OK;
}

static int read_body(struct akn *a, const xmlNode *docel, const struct doctype *t)
{
	const xmlNode *body = body_of(a, docel, t), *pre;
	struct scope root;
	int rc;

	if (!body)
		return fail(a, ERR_INVALID, xml_line(docel), "<%s> has no <%s>", t->name,
			    t->body[0]);
	memset(&root, 0, sizeof(root));
	root.node = a->d->root;
	if (t->kind == DOC_JUDGMENT) {
		/* introduction, background, arguments, remedies, motivation, decision */
		for (const xmlNode *c = body->children; c; c = c->next)
			if (is_akn(a, c, NULL) && role_of(c) != R_SKIP &&
			    (rc = build(a, &root, c, kind_of(a, c), role_of(c) != R_HIER, 0)))
				goto out;
		rc = ERR_OK;
		goto out;
	}
	if ((pre = child(a, docel, "preamble"))) {
		struct doc_node *n;

		if ((rc = build(a, &root, pre, "preamble", 1, 0)))
			goto out;
		n = a->d->root->last;
		if (!n->text && !n->first) {
			/* nothing in it: take it back */
			struct doc_node **pp = &a->d->root->first, *prev = NULL;

			while (*pp != n) {
				prev = *pp;
				pp = &(*pp)->next;
			}
			*pp = NULL;
			a->d->root->last = prev;
			a->nodes--;
		}
	}
	if ((rc = walk(a, &root, body, 0, 0)) || (rc = flush_loose(a, &root)))
		goto out;
	rc = read_attachments(a, &root, docel);
out:
	sbuf_release(&root.t.sb);
	return rc;
}

/* Errors libxml2 raises outside the parser context (the encoders: "input
 * conversion failed") would go to stderr: keep the first as the parse error. */
static void on_lib_error(void *ctx, xmlErrorPtr err)
{
	struct parse_state *ps = ctx;
	size_t n;

	if (!err || err->level < XML_ERR_ERROR || ps->code)
		return;
	ps->code = err->code ? err->code : -1;
	ps->line = err->line;
	snprintf(ps->msg, sizeof(ps->msg), "%s", err->message ? err->message : "error");
	for (n = strlen(ps->msg); n && xml_is_ws(ps->msg[n - 1]); n--)
		ps->msg[n - 1] = '\0';
}

/* SAX: keep the first error of the parser. */
static void on_error(void *ctx, xmlErrorPtr err)
{
	struct parse_state *ps = ((xmlParserCtxtPtr)ctx)->_private;

	if (ps)
		on_lib_error(ps, err);
}

static void on_generic_error(void *ctx, const char *fmt, ...)
{
	(void)ctx, (void)fmt;
}

/* SAX: an entity declaration stops the parse before anything can refer to it. */
static void refuse_entity(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *ps = ctxt->_private;

	if (ps && !ps->entity_line) {
		ps->entity_line = ctxt->input ? ctxt->input->line : 0;
		if (ps->entity_line <= 0)
			ps->entity_line = -1;
		snprintf(ps->entity, sizeof(ps->entity), "%s", name ? (const char *)name : "");
	}
	xmlStopParser(ctxt);
}

static void on_entity(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
		      const xmlChar *system_id, xmlChar *content)
{
	(void)type, (void)public_id, (void)system_id, (void)content;
	refuse_entity(ctx, name);
}

static void on_unparsed_entity(void *ctx, const xmlChar *name, const xmlChar *public_id,
			       const xmlChar *system_id, const xmlChar *notation)
{
	(void)public_id, (void)system_id, (void)notation;
	refuse_entity(ctx, name);
}

int akn_xml_parse(const char *xml, size_t len, const char *origin, xmlDocPtr *out,
		  struct err *e)
{
	/* libxml2's handlers are per thread: set ours for this parse, then put back */
	xmlStructuredErrorFunc old_serror = xmlStructuredError;
	void *old_sctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_error = xmlGenericError;
	void *old_ctx = xmlGenericErrorContext;
	struct parse_state ps;
	xmlParserCtxtPtr ctxt;
	int rc = ERR_OK;

	if (len > INT_MAX)
		return err_set(e, ERR_TOOLARGE, "%s: %zu bytes is too large for the XML parser",
			       origin, len);
	if (!len)
		return err_set(e, ERR_INVALID, "%s: empty document", origin);
	pthread_once(&init_once, init_libxml);
	memset(&ps, 0, sizeof(ps));
	xmlSetStructuredErrorFunc(&ps, on_lib_error);
	xmlSetGenericErrorFunc(NULL, on_generic_error);
	if (!(ctxt = xmlCreateMemoryParserCtxt(xml, (int)len))) {
		rc = err_set(e, ERR_INTERNAL, "%s: cannot start the XML parser", origin);
		goto out;
	}
	xmlCtxtUseOptions(ctxt, PARSE_OPTIONS);
	ctxt->_private = &ps;
	ctxt->sax->serror = on_error;
	ctxt->sax->entityDecl = on_entity;
	ctxt->sax->unparsedEntityDecl = on_unparsed_entity;
	xmlParseDocument(ctxt);
	if (ps.entity_line) {
		rc = err_set(e, ERR_INVALID, "%s:%d: the DTD declares entity \"%s\": documents "
			     "that declare entities are refused", origin,
			     ps.entity_line > 0 ? ps.entity_line : 1, ps.entity);
	} else if (!ctxt->wellFormed || !ctxt->myDoc) {
		/* libxml2 2.9 says "Excessive depth in document: 256 use XML_PARSE_HUGE" */
		int deep = ps.code == XML_ERR_INTERNAL_ERROR && strstr(ps.msg, "depth");

		if (!ps.code)
			snprintf(ps.msg, sizeof(ps.msg), "not well-formed XML");
		if (ps.line > 0)
			rc = err_set(e, deep ? ERR_TOOLARGE : ERR_INVALID, "%s:%d: %s", origin,
				     ps.line, ps.msg);
		else
			rc = err_set(e, deep ? ERR_TOOLARGE : ERR_INVALID, "%s: %s", origin,
				     ps.msg);
	}
	if (rc)
		xmlFreeDoc(ctxt->myDoc);
	else
		*out = ctxt->myDoc;
	ctxt->myDoc = NULL;
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
out:
	xmlSetStructuredErrorFunc(old_sctx, old_serror);
	xmlSetGenericErrorFunc(old_ctx, old_error);
	return rc;
}

static int namespace_ok(const xmlChar *href)
{
	size_t n = strlen(NS_AKN3);
	const char *s = (const char *)href;

	if (!s)
		return 0;
	if (!strncmp(s, NS_AKN3, n) && (s[n] == '\0' || s[n] == '/'))
		return 3;
	return strcmp(s, NS_AKN2) ? 0 : 2;
}

int akn_parse(const char *xml, size_t len, const char *origin, struct doc **out,
	      struct err *e)
{
	struct akn a;
	xmlDocPtr x = NULL;
	xmlNode *root, *docel = NULL;
	const struct doctype *t;
	int rc;

	if (!origin)
		origin = "input";
	if ((rc = xml_input_ok(xml, len, origin, AKN_MAX_BYTES, e)) ||
	    (rc = akn_xml_parse(xml, len, origin, &x, e)))
		return rc;
	memset(&a, 0, sizeof(a));
	a.origin = origin;
	a.e = e;
	a.d = doc_new();
	root = xmlDocGetRootElement(x);
	if (!root || strcmp(lname(root), "akomaNtoso") || !root->ns ||
	    !namespace_ok(root->ns->href)) {
		rc = fail(&a, ERR_INVALID, root ? xml_line(root) : 0, "not an Akoma Ntoso document "
			  "(root <%.40s> in namespace \"%.100s\")", root ? lname(root) : "",
			  root && root->ns && root->ns->href ? (const char *)root->ns->href : "");
		goto out;
	}
	a.ns = root->ns->href;
	for (xmlNode *c = root->children; c && !docel; c = c->next)
		if (is_akn(&a, c, NULL))
			docel = c;
	if (!docel) {
		rc = fail(&a, ERR_INVALID, xml_line(root), "<akomaNtoso> holds no document");
		goto out;
	}
	if (!(t = doctype_of(&a, docel))) {
		rc = fail(&a, ERR_INVALID, xml_line(docel), "<%.40s> documents are not taken "
			  "(only act, bill, doc and judgment)", lname(docel));
		goto out;
	}
	a.d->kind = t->kind;
	a.d->source = pool_strdup(a.d->pool, origin);
	if ((rc = read_identification(&a, docel, t->name)))
		goto out;
	if (t->kind == DOC_JUDGMENT)
		read_judgment(&a, docel);
	if ((rc = read_body(&a, docel, t)))
		goto out;
	if (a.d->title == a.d->long_title || a.d->title == a.d->work_uri)
		short_title_from_body(a.d);
	if (a.dropped)
		doc_warn(a.d, "%zu more warnings not shown", a.dropped);
	*out = a.d;
	a.d = NULL;
out:
	doc_free(a.d);
	doc_ids_free(&a.ids);
	xmlFreeDoc(x);
	return rc;
}

int akn_load(const char *path, struct doc **out, struct err *e)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	if ((rc = file_read(path, AKN_MAX_BYTES, &text, &len, e)))
		return rc;
	rc = akn_parse(text, len, path, out, e);
	free(text);
	return rc;
}
