#include "import/clml.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "core/sbuf.h"
#include "core/xalloc.h"
#include "import/akn.h"
#include "import/xml.h"

#define NS_UKM "http://www.legislation.gov.uk/namespaces/metadata"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_DCT "http://purl.org/dc/terms/"
#define NS_XHTML "http://www.w3.org/1999/xhtml"
#define MAX_XML_DEPTH 1024	/* the walks stop below this (libxml2 stops at 256) */
#define MAX_WARNINGS 100
#define SNIFF_BYTES 4096
#define MAX_LEVEL 7		/* P1..P7 */

/* What an element of the CLML namespace is to the walk; anything else is inline. */
enum role {
	R_INLINE,
	R_GROUP,	/* Part, Chapter, Pblock, Schedule...: a node of its kind */
	R_P1GROUP,	/* a title over one P1 (its heading) or several (a crossheading) */
	R_PROV,		/* P1..P7 */
	R_BLOCK,	/* a paragraph of its own */
	R_QUOTE,	/* another text quoted: its provisions are paragraphs of text */
	R_OWN,		/* Number, Pnumber, Title: read by the element they belong to */
	R_SKIP,		/* left out with its text */
};

/* Sorted by strcmp for bsearch; P1..P7 and P1para.. are recognised by name. */
static const struct role_entry {
	const char *name;
	enum role role;
	const char *kind;
} roles[] = {
	{ "AppendText", R_BLOCK, NULL }, { "Approved", R_SKIP, NULL },
	{ "BlockAmendment", R_QUOTE, NULL }, { "BlockExtract", R_QUOTE, NULL },
	{ "BlockText", R_BLOCK, NULL }, { "Chapter", R_GROUP, "chapter" },
	{ "ComingIntoForce", R_SKIP, NULL }, { "Commentaries", R_SKIP, NULL },
	{ "Commentary", R_SKIP, NULL }, { "CommentaryRef", R_SKIP, NULL },
	{ "CorrectionSlip", R_SKIP, NULL }, { "DateOfEnactment", R_SKIP, NULL },
	{ "EarlierOrders", R_SKIP, NULL }, { "ExplanatoryNotes", R_SKIP, NULL },
	{ "FootnoteRef", R_SKIP, NULL }, { "Footnotes", R_SKIP, NULL },
	{ "Image", R_SKIP, NULL }, { "LaidDate", R_SKIP, NULL },
	{ "ListItem", R_BLOCK, NULL }, { "LongTitle", R_BLOCK, NULL },
	{ "MadeDate", R_SKIP, NULL },
	{ "MarginNoteRef", R_SKIP, NULL }, { "MarginNotes", R_SKIP, NULL },
	{ "Number", R_OWN, NULL }, { "OrderedList", R_BLOCK, NULL },
	{ "P", R_BLOCK, NULL }, { "P1group", R_P1GROUP, NULL }, { "Para", R_BLOCK, NULL },
	{ "Part", R_GROUP, "part" }, { "Pblock", R_GROUP, "crossheading" },
	{ "Pnumber", R_OWN, NULL }, { "PsubBlock", R_GROUP, "crossheading" },
	{ "Reference", R_BLOCK, NULL }, { "Resources", R_SKIP, NULL },
	{ "Schedule", R_GROUP, "schedule" }, { "SiftedDate", R_SKIP, NULL },
	{ "SignedSection", R_GROUP, "conclusions" }, { "SubjectInformation", R_SKIP, NULL },
	{ "Subtitle", R_OWN, NULL }, { "Tabular", R_BLOCK, NULL }, { "Text", R_BLOCK, NULL },
	{ "Title", R_OWN, NULL }, { "TitleBlock", R_OWN, NULL },
	{ "UnorderedList", R_BLOCK, NULL },
};

/* A P1 is the provision its IdURI names; below it, the kinds of P2, P3, ... */
static const struct p1kind {
	const char *segment, *kind;
	const char *sub[MAX_LEVEL - 1];
} p1kinds[] = {
	{ "/section/", "section",
	  { "subsection", "paragraph", "subparagraph", "clause", "subclause", "item" } },
	{ "/article/", "article", { "paragraph", "point", "point", "point", "point", "point" } },
	{ "/regulation/", "regulation",
	  { "paragraph", "subparagraph", "clause", "subclause", "item", "item" } },
	{ "/rule/", "rule", { "paragraph", "subparagraph", "clause", "subclause", "item", "item" } },
	{ "/paragraph/", "paragraph",
	  { "subparagraph", "point", "point", "point", "point", "point" } },
};
#define P1_SECTION (&p1kinds[0])
#define P1_PARAGRAPH (&p1kinds[4])

/* legislation.gov.uk's kinds of legislation as Akoma Ntoso subtypes of "act";
 * any other code is its own subtype. */
static const struct {
	const char *code, *subtype;
} subtypes[] = { { "ukpga", NULL }, { "uksi", "si" } };

static const struct {
	const char *code, *lang;
} languages[] = { { "en", "eng" }, { "cy", "wel" } };

struct scope {
	struct doc_node *node;		/* NULL: text only */
	struct doc_node *base;		/* numbering of P1s: a schedule, NULL in the body */
	const struct p1kind *p1;	/* the provision this is in, NULL outside */
	const char *heading;		/* a P1group's title, for its one P1 */
	struct doc_text t;
	int depth;
};

struct clml {
	struct doc *d;
	const char *origin;
	struct err *e;
	size_t nodes, dropped;
	struct doc_ids ids;	/* eIds taken */
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Errors and warnings of the document being read (import/xml); warnings say their
 * line themselves. */
#define fail(c, code, line, ...) xml_fail((c)->e, (c)->origin, code, line, __VA_ARGS__)
#define warn(c, line, ...) xml_warn((c)->d, MAX_WARNINGS, &(c)->dropped, line, __VA_ARGS__)

static const char *lname(const xmlNode *n)
{
	return (const char *)n->name;
}

/* Whether n is an element of namespace ns (named name, if given). */
static int is_ns(const xmlNode *n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       xmlStrEqual(n->ns->href, BAD_CAST ns) && (!name || !strcmp(lname(n), name));
}

static int is_leg(const xmlNode *n, const char *name)
{
	return is_ns(n, CLML_NS, name);
}

static xmlNode *child(const xmlNode *n, const char *ns, const char *name)
{
	for (xmlNode *k = n ? n->children : NULL; k; k = k->next)
		if (is_ns(k, ns, name))
			return k;
	return NULL;
}

/* The first element ns:name under top, depth first, or NULL. */
static xmlNode *find(const xmlNode *top, const char *ns, const char *name, int depth)
{
	for (xmlNode *k = top && depth < 16 ? top->children : NULL; k; k = k->next) {
		xmlNode *hit;

		if (is_ns(k, ns, name))
			return k;
		if (k->type == XML_ELEMENT_NODE && (hit = find(k, ns, name, depth + 1)))
			return hit;
	}
	return NULL;
}

static int by_name(const void *key, const void *entry)
{
	return strcmp(key, ((const struct role_entry *)entry)->name);
}

/* The role of a CLML element; *level is set for P1..P7. */
static const struct role_entry *role_of(const xmlNode *n, enum role *r, int *level)
{
	const char *s = lname(n);
	const struct role_entry *e;

	*level = 0;
	if (s[0] == 'P' && s[1] >= '1' && s[1] <= '0' + MAX_LEVEL) {
		if (!s[2]) {
			*level = s[1] - '0';
			*r = R_PROV;
			return NULL;
		}
		if (!strcmp(s + 2, "para") || !strcmp(s + 2, "group")) {
			*r = s[1] == '1' && s[2] == 'g' ? R_P1GROUP : R_BLOCK;
			return NULL;
		}
	}
	e = bsearch(s, roles, COUNT(roles), sizeof(roles[0]), by_name);
	*r = e ? e->role : R_INLINE;
	return e;
}

/* ---- text ---- */

/* ---- eIds ---- */

static const char *unique(struct clml *c, const char *id, int line)
{
	const char *again;
	size_t k = 2;

	if (doc_ids_add(&c->ids, id))
		return id;
	do {
		again = pool_printf(c->d->pool, "%s_%zu", id, k);
		k += k < 16 ? 1 : c->nodes + 1;
	} while (!doc_ids_add(&c->ids, again));
	warn(c, line, "eId \"%s\" appears again: this one is now \"%s\"", id, again);
	return again;
}

/* ---- the walk ---- */

static int walk(struct clml *c, struct scope *s, const xmlNode *n, int quoted, int xdepth);

/* The text of el on one line, in the doc's pool (NULL when empty). */
static const char *flatten(struct clml *c, const xmlNode *el)
{
	struct scope s;
	const char *r;

	if (!el)
		return NULL;
	memset(&s, 0, sizeof(s));
	s.t.oneline = 1;
	walk(c, &s, el, 1, 0);
	r = doc_text_take(&s.t, c->d->pool);
	sbuf_release(&s.t.sb);
	return r;
}

/* "Part I" -> "I", "SCHEDULE 1" -> "1"; a lone word -> NULL. */
static const char *strip_keyword(const char *num)
{
	const char *sp = num ? strchr(num, ' ') : NULL;

	if (!num)
		return NULL;
	if (sp && sp[1])
		return sp + 1;
	return *num >= '0' && *num <= '9' ? num : NULL;
}

static int node_open(struct clml *c, struct scope *ps, const xmlNode *el, const char *kind,
		     const char *eid, const char *num, const char *heading, struct scope *s)
{
	int line = xml_line(el);

	memset(s, 0, sizeof(*s));
	if (c->nodes >= CLML_MAX_NODES)
		return fail(c, ERR_TOOLARGE, line, "more than %d provisions", CLML_MAX_NODES);
	if (ps->depth >= CLML_MAX_DEPTH)
		return fail(c, ERR_TOOLARGE, line, "provisions nested more than %d deep",
			    CLML_MAX_DEPTH);
	s->depth = ps->depth + 1;
	s->base = ps->base;
	s->p1 = ps->p1;
	s->node = doc_add(c->d, ps->node, kind, NULL, num, heading, NULL, line);
	s->node->eid = unique(c, eid, line);
	c->nodes++;
	return ERR_OK;
}

static void node_close(struct clml *c, struct scope *s)
{
	if (s->node) {
		const char *t = doc_text_take(&s->t, c->d->pool);

		if (t)
			s->node->text = t;
	}
	sbuf_release(&s->t.sb);
}

static int ordinal(const struct doc_node *parent)
{
	int n = 1;

	for (const struct doc_node *k = parent ? parent->first : NULL; k; k = k->next)
		n++;
	return n;
}

/* The loose text of the root so far becomes a node of its own. */
static int flush_loose(struct clml *c, struct scope *root, const xmlNode *at)
{
	struct scope s;
	int rc;

	if (root->node != c->d->root || !root->t.sb.len)
		return ERR_OK;
	if ((rc = node_open(c, root, at, "hcontainer",
			    doc_make_eid(c->d, NULL, "hcontainer", NULL, ordinal(root->node)),
			    NULL, NULL, &s)))
		return rc;
	s.node->text = doc_text_take(&root->t, c->d->pool);
	node_close(c, &s);
	warn(c, xml_line(at), "text outside any provision kept as \"%s\"", s.node->eid);
	return ERR_OK;
}

/* Part, Chapter, Pblock, Schedule, the signature: a node with its children. */
static int build_group(struct clml *c, struct scope *ps, const xmlNode *el, const char *kind,
		       int xdepth)
{
	const xmlNode *title = child(el, CLML_NS, "Title");
	const char *num = strip_keyword(flatten(c, child(el, CLML_NS, "Number")));
	const char *eid;
	struct scope s;
	int rc;

	if (!title)
		title = child(child(el, CLML_NS, "TitleBlock"), CLML_NS, "Title");
	if (!strcmp(kind, "conclusions"))
		eid = "conclusions";
	else
		eid = doc_make_eid(c->d, ps->node, kind, num, ordinal(ps->node));
	if ((rc = node_open(c, ps, el, kind, eid, num, flatten(c, title), &s)))
		return rc;
	if (!strcmp(kind, "schedule")) {
		s.base = s.node;
		s.p1 = NULL;
	}
	rc = walk(c, &s, el, 0, xdepth + 1);
	node_close(c, &s);
	return rc;
}

static const struct p1kind *p1kind_of(struct clml *c, const struct scope *ps, const xmlNode *el)
{
	const char *uri = xml_prop(c->d->pool, el, "IdURI");

	if (!uri)
		uri = xml_prop(c->d->pool, el, "DocumentURI");
	for (size_t i = 0; uri && i < COUNT(p1kinds); i++)
		if (strstr(uri, p1kinds[i].segment))
			return &p1kinds[i];
	return ps->base ? P1_PARAGRAPH : P1_SECTION;
}

/* P1..P7: a provision with its number, heading and children. */
static int build_prov(struct clml *c, struct scope *ps, const xmlNode *el, int level,
		      int xdepth)
{
	const char *num = flatten(c, child(el, CLML_NS, "Pnumber")), *kind, *eid, *heading;
	const struct p1kind *k = ps->p1;
	const struct doc_node *under = ps->node;
	struct scope s;
	int rc;

	if (level == 1 || !k) {
		k = p1kind_of(c, ps, el);
		kind = k->kind;
		under = ps->base;	/* numbered across the body or the schedule */
	} else {
		kind = k->sub[level - 2];
		if (num)
			num = pool_printf(c->d->pool, "(%s)", num);
	}
	heading = flatten(c, child(el, CLML_NS, "Title"));
	if (!heading && level == 1)
		heading = ps->heading;
	eid = doc_make_eid(c->d, under, kind, num, ordinal(ps->node));
	if ((rc = node_open(c, ps, el, kind, eid, num, heading, &s)))
		return rc;
	s.p1 = k;
	rc = walk(c, &s, el, 0, xdepth + 1);
	node_close(c, &s);
	return rc;
}

/* A P1group: its title is the heading of its one P1, or a crossheading over several. */
static int build_p1group(struct clml *c, struct scope *ps, const xmlNode *el, int xdepth)
{
	const char *saved = ps->heading;
	int n = 0, rc;

	for (const xmlNode *k = el->children; k; k = k->next)
		n += is_leg(k, "P1");
	if (n > 1)
		return build_group(c, ps, el, "crossheading", xdepth);
	ps->heading = flatten(c, child(el, CLML_NS, "Title"));
	rc = walk(c, ps, el, 0, xdepth + 1);
	ps->heading = saved;
	return rc;
}

/* An element of another namespace: a table cell, a row, or inline text. */
static int walk_foreign(struct clml *c, struct scope *s, const xmlNode *el, int quoted,
			int xdepth)
{
	int cell = is_ns(el, NS_XHTML, "td") || is_ns(el, NS_XHTML, "th"), rc;

	if (cell) {
		if (s->t.sb.len && !s->t.brk) {
			sbuf_adds(&s->t.sb, " |");
			s->t.space = 1;
		}
		s->t.cell++;
	} else if (is_ns(el, NS_XHTML, "tr")) {
		doc_text_break(&s->t);
	}
	rc = walk(c, s, el, quoted, xdepth + 1);
	if (cell)
		s->t.cell--;
	return rc;
}

static int walk(struct clml *c, struct scope *s, const xmlNode *n, int quoted, int xdepth)
{
	int rc = ERR_OK;

	if (xdepth > MAX_XML_DEPTH)
		return ERR_OK;
	for (const xmlNode *k = n->children; k && !rc; k = k->next) {
		const struct role_entry *e;
		enum role r;
		int level;

		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			if (k->content)
				doc_text_add(&s->t, (const char *)k->content);
			continue;
		}
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (!is_leg(k, NULL)) {
			rc = walk_foreign(c, s, k, quoted, xdepth);
			continue;
		}
		e = role_of(k, &r, &level);
		if ((r == R_GROUP || r == R_PROV || r == R_P1GROUP) && (quoted || !s->node))
			r = R_BLOCK;
		if ((r == R_GROUP || r == R_PROV || r == R_P1GROUP) &&
		    (rc = flush_loose(c, s, k)))
			break;
		switch (r) {
		case R_SKIP:
		case R_OWN:
			break;
		case R_GROUP:
			doc_text_break(&s->t);
			rc = build_group(c, s, k, e->kind, xdepth);
			doc_text_break(&s->t);
			break;
		case R_P1GROUP:
			doc_text_break(&s->t);
			rc = build_p1group(c, s, k, xdepth);
			doc_text_break(&s->t);
			break;
		case R_PROV:
			doc_text_break(&s->t);
			rc = build_prov(c, s, k, level, xdepth);
			doc_text_break(&s->t);
			break;
		case R_BLOCK:
		case R_QUOTE:
			doc_text_break(&s->t);
			rc = walk(c, s, k, quoted || r == R_QUOTE, xdepth + 1);
			doc_text_break(&s->t);
			break;
		default:
			rc = walk(c, s, k, quoted, xdepth + 1);
			break;
		}
	}
	return rc;
}

/* ---- metadata ---- */

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

static int lower_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (i && s[i] >= '0' && s[i] <= '9')))
			return 0;
	return n > 0 && n < 16;
}

/* "http://www.legislation.gov.uk/id/ukpga/2000/32" -> type code, year, number. */
static int split_id(const char *uri, const char **seg, size_t *len, int max)
{
	const char *p = uri ? strstr(uri, "legislation.gov.uk/") : NULL;
	int n = 0;

	if (!p)
		return 0;
	p += strlen("legislation.gov.uk/");
	if (!strncmp(p, "id/", 3))
		p += 3;
	while (*p && n < max) {
		seg[n] = p;
		len[n] = strcspn(p, "/");
		p += len[n];
		n++;
		if (*p == '/')
			p++;
	}
	return n;
}

static const char *meta_value(struct clml *c, const xmlNode *meta, const char *name,
			      const char *attr)
{
	return xml_prop(c->d->pool, find(meta, NS_UKM, name, 0), attr);
}

static const char *meta_text(struct clml *c, const xmlNode *meta, const char *ns,
			     const char *name)
{
	xmlNode *n = find(meta, ns, name, 0);
	xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
	const char *r = NULL;

	if (v) {
		struct doc_text t = { SBUF_INIT, 0, 0, 1, 0 };

		doc_text_add(&t, (const char *)v);
		r = doc_text_take(&t, c->d->pool);
		sbuf_release(&t.sb);
		xmlFree(v);
	}
	return r;
}

static int is_ymd(const char *s)
{
	return s && strlen(s) >= 10 && all_digits(s, 4) && s[4] == '-' && all_digits(s + 5, 2) &&
	       s[7] == '-' && all_digits(s + 8, 2);
}

static const char *ymd(struct clml *c, const char *s)
{
	return is_ymd(s) ? pool_strndup(c->d->pool, s, 10) : NULL;
}

static int read_work(struct clml *c, const xmlNode *root, const xmlNode *meta)
{
	struct doc *d = c->d;
	const char *id = xml_prop(c->d->pool, root, "IdURI"), *seg[8], *year, *subtype, *code, *lang;
	size_t len[8];
	int n;

	if (!id)
		id = meta_text(c, meta, NS_DC, "identifier");
	if ((n = split_id(id, seg, len, 8)) < 3 || !lower_word(seg[0], len[0]))
		return fail(c, ERR_INVALID, xml_line(root), "no legislation.gov.uk identifier "
			    "(IdURI or dc:identifier) such as http://www.legislation.gov.uk/id/"
			    "ukpga/2000/32");
	code = pool_strndup(d->pool, seg[0], len[0]);
	subtype = code;
	for (size_t i = 0; i < COUNT(subtypes); i++)
		if (!strcmp(code, subtypes[i].code))
			subtype = subtypes[i].subtype;
	year = meta_value(c, meta, "Year", "Value");
	if (!year && all_digits(seg[1], len[1]) && len[1] == 4)
		year = pool_strndup(d->pool, seg[1], len[1]);
	d->number = meta_value(c, meta, "Number", "Value");
	if (!d->number && all_digits(seg[2], len[2]))
		d->number = pool_strndup(d->pool, seg[2], len[2]);
	if (!year || !all_digits(year, strlen(year)) || !d->number ||
	    !all_digits(d->number, strlen(d->number)))
		return fail(c, ERR_INVALID, xml_line(root), "the identifier \"%.120s\" has no year "
			    "and number", id);
	d->country = "GB";
	d->type = "act";
	d->subtype = subtype;
	d->work_uri = subtype ? pool_printf(d->pool, "/akn/gb/act/%s/%s/%s", subtype, year,
					    d->number)
			      : pool_printf(d->pool, "/akn/gb/act/%s/%s", year, d->number);
	d->date = ymd(c, meta_value(c, meta, "EnactmentDate", "Date"));
	if (!d->date)
		d->date = ymd(c, meta_value(c, meta, "Made", "Date"));
	if (!d->date)
		d->date = pool_printf(d->pool, "%s-01-01", year);
	d->title = meta_text(c, meta, NS_DC, "title");
	lang = meta_text(c, meta, NS_DC, "language");
	d->language = "eng";
	for (size_t i = 0; lang && i < COUNT(languages); i++)
		if (!strcmp(lang, languages[i].code))
			d->language = languages[i].lang;
	return ERR_OK;
}

/* The version: its date, its extent and the last day it is valid. */
static void read_version(struct clml *c, const xmlNode *root, const xmlNode *meta)
{
	struct doc *d = c->d;
	const char *docuri = xml_prop(c->d->pool, root, "DocumentURI"), *extent, *end;

	d->source = docuri;
	d->expr_date = ymd(c, xml_prop(c->d->pool, root, "RestrictStartDate"));
	if (!d->expr_date)
		d->expr_date = ymd(c, meta_text(c, meta, NS_DCT, "valid"));
	if (!d->expr_date && docuri &&
	    (strstr(docuri, "/enacted") || strstr(docuri, "/made") || strstr(docuri, "/adopted")))
		d->expr_date = d->date;
	if (!d->expr_date)
		d->expr_date = ymd(c, meta_text(c, meta, NS_DC, "modified"));
	if (!d->expr_date)
		d->expr_date = d->date;
	if ((extent = xml_prop(c->d->pool, root, "RestrictExtent")) && strlen(extent) <= 60)
		d->extent = extent;
	else if (extent)
		warn(c, 0, "RestrictExtent \"%.40s...\" is over 60 bytes: not kept", extent);
	if ((end = xml_prop(c->d->pool, root, "RestrictEndDate")) && !(d->expr_end = ymd(c, end)))
		warn(c, 0, "RestrictEndDate \"%.40s\" is not a date: the version is kept as open",
		     end);
}

/* ---- the document ---- */

static int read_body(struct clml *c, const xmlNode *top)
{
	const xmlNode *prelims = NULL, *body = child(top, CLML_NS, "Body");
	struct scope root, pre;
	int rc;

	for (const xmlNode *k = top->children; k && !prelims; k = k->next)
		if (is_leg(k, NULL) && strstr(lname(k), "Prelims"))
			prelims = k;
	if (!body)
		return fail(c, ERR_INVALID, xml_line(top), "<%s> has no <Body>", lname(top));
	memset(&root, 0, sizeof(root));
	root.node = c->d->root;
	if (prelims) {
		if ((rc = node_open(c, &root, prelims, "preamble", "preamble", NULL, NULL, &pre)))
			return rc;
		if (!(rc = walk(c, &pre, prelims, 1, 0)) && !pre.t.sb.len) {
			/* nothing in it: take it back */
			struct doc_node *prev = NULL, *k = c->d->root->first;

			for (; k != pre.node; k = k->next)
				prev = k;
			if (prev)
				prev->next = NULL;
			else
				c->d->root->first = NULL;
			c->d->root->last = prev;
			c->nodes--;
		}
		node_close(c, &pre);
		if (rc)
			return rc;
	}
	if ((rc = walk(c, &root, body, 0, 0)) || (rc = flush_loose(c, &root, body)))
		goto out;
	if ((body = child(top, CLML_NS, "Schedules")))
		rc = walk(c, &root, body, 0, 0);
out:
	sbuf_release(&root.t.sb);
	return rc;
}

int clml_sniff(const char *xml, size_t len)
{
	size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES, i = 0;
	char head[SNIFF_BYTES + 1];

	if (n)
		memcpy(head, xml, n);
	head[n] = '\0';
	for (i = 0; i < n; i++)
		if (head[i] == '\0')
			head[i] = ' ';
	/* the first element that is not <?...?> or <!...> */
	for (const char *p = strchr(head, '<'); p; p = strchr(p + 1, '<')) {
		const char *colon;
		size_t k;

		if (p[1] == '?' || p[1] == '!')
			continue;
		k = strcspn(p + 1, " \t\r\n>/");
		colon = memchr(p + 1, ':', k);
		if (colon)
			k -= (size_t)(colon + 1 - (p + 1)), p = colon;
		return k == strlen("Legislation") && !strncmp(p + 1, "Legislation", k) &&
		       strstr(head, CLML_NS) != NULL;
	}
	return 0;
}

int clml_parse(const char *xml, size_t len, const char *origin, struct doc **out,
	       struct err *e)
{
	struct clml c;
	xmlDocPtr x = NULL;
	xmlNode *root, *meta, *top = NULL;
	int rc;

	if (!origin)
		origin = "input";
	if ((rc = xml_input_ok(xml, len, origin, CLML_MAX_BYTES, e)) ||
	    (rc = akn_xml_parse(xml, len, origin, &x, e)))
		return rc;
	memset(&c, 0, sizeof(c));
	c.origin = origin;
	c.e = e;
	c.d = doc_new();
	root = xmlDocGetRootElement(x);
	if (!root || !is_leg(root, "Legislation")) {
		rc = fail(&c, ERR_INVALID, root ? xml_line(root) : 0, "not a legislation.gov.uk "
			  "CLML document (root <%.40s> in namespace \"%.100s\")",
			  root ? lname(root) : "", root && root->ns && root->ns->href ?
			  (const char *)root->ns->href : "");
		goto out;
	}
	meta = child(root, NS_UKM, "Metadata");
	if (!(top = child(root, CLML_NS, "Primary")))
		top = child(root, CLML_NS, "Secondary");
	if (!top) {
		rc = fail(&c, ERR_INVALID, xml_line(root), "<Legislation> has neither <Primary> "
			  "nor <Secondary>");
		goto out;
	}
	if ((rc = read_work(&c, root, meta)))
		goto out;
	read_version(&c, root, meta);
	c.d->long_title = flatten(&c, find(top, CLML_NS, "LongTitle", 0));
	if (c.d->long_title && strlen(c.d->long_title) > DOC_LONG_TITLE_MAX) {
		doc_warn(c.d, "the long title is over %d bytes: not kept", DOC_LONG_TITLE_MAX);
		c.d->long_title = NULL;
	}
	if (!c.d->title)
		c.d->title = flatten(&c, find(top, CLML_NS, "Title", 0));
	if (!c.d->title)
		c.d->title = c.d->work_uri;
	if ((rc = read_body(&c, top)))
		goto out;
	if (c.dropped)
		doc_warn(c.d, "%zu more warnings not shown", c.dropped);
	*out = c.d;
	c.d = NULL;
out:
	doc_free(c.d);
	doc_ids_free(&c.ids);
	xmlFreeDoc(x);
	return rc;
}
