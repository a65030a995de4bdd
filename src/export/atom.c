/* atom: Atom 1.0 feeds (atom.h). */
#include "export/atom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* ---- XML text ---- */

/* Whether XML 1.0 allows code point cp in a document (production Char). */
static int xml_char(uint32_t cp)
{
	return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
	       (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* Append s escaped as XML text (attr: inside a double-quoted attribute, where " and
 * the white space that attribute normalisation would fold are written as
 * references too). */
static void xml_esc(struct sbuf *out, const char *s, int attr)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = s ? strlen(s) : 0, i = 0;

	while (i < len) {
		size_t n = 1;
		uint32_t cp = u[i] < 0x80 ? u[i] : utf8_decode(u + i, len - i, &n);

		if (cp == UTF8_INVALID || !xml_char(cp))
			sbuf_adds(out, "\xef\xbf\xbd");	/* U+FFFD */
		else if (cp == '&')
			sbuf_adds(out, "&amp;");
		else if (cp == '<')
			sbuf_adds(out, "&lt;");
		else if (cp == '>')
			sbuf_adds(out, "&gt;");
		else if (attr && cp == '"')
			sbuf_adds(out, "&quot;");
		else if (cp == '\r' || (attr && (cp == '\n' || cp == '\t')))
			sbuf_addf(out, "&#x%X;", (unsigned)cp);
		else
			sbuf_add(out, u + i, n);
		i += n;
	}
}

/* <name attrs>text</name> on a line of its own; nothing when text is NULL */
static void element(struct sbuf *out, const char *indent, const char *name,
		    const char *attrs, const char *text)
{
	if (!text)
		return;
	sbuf_addf(out, "%s<%s%s>", indent, name, attrs ? attrs : "");
	xml_esc(out, text, 0);
	sbuf_addf(out, "</%s>\n", name);
}

static void link_el(struct sbuf *out, const char *indent, const char *rel, const char *type,
		    const char *href)
{
	if (!href)
		return;
	sbuf_addf(out, "%s<link rel=\"%s\"%s%s%s href=\"", indent, rel, type ? " type=\"" : "",
		  type ? type : "", type ? "\"" : "");
	xml_esc(out, href, 1);
	sbuf_adds(out, "\"/>\n");
}

static void author_el(struct sbuf *out, const char *indent, const char *name)
{
	if (!name)
		return;
	sbuf_addf(out, "%s<author>\n%s  <name>", indent, indent);
	xml_esc(out, name, 0);
	sbuf_addf(out, "</name>\n%s</author>\n", indent);
}

/* ---- dates ---- */

static int num(const char *s, size_t n, int *v)
{
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

static int real_date(const char *d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, day, leap;

	if (strlen(d) < 10 || d[4] != '-' || d[7] != '-' || !num(d, 4, &y) ||
	    !num(d + 5, 2, &m) || !num(d + 8, 2, &day))
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m >= 1 && m <= 12 && day >= 1 && day <= days[m - 1] + (m == 2 && leap);
}

/* HH:MM:SS at t, a real time of day (60 seconds for a leap second) */
static int real_time(const char *t)
{
	int h, m, s;

	return t[2] == ':' && t[5] == ':' && num(t, 2, &h) && num(t + 3, 2, &m) &&
	       num(t + 6, 2, &s) && h <= 23 && m <= 59 && s <= 60;
}

const char *atom_date(pool *p, const char *d)
{
	size_t len, i;
	int h, m;

	if (!d || !real_date(d))
		return NULL;
	len = strlen(d);
	if (len == 10)
		return pool_printf(p, "%.10sT00:00:00Z", d);
	if ((d[10] != 'T' && d[10] != ' ') || len < 19 || !real_time(d + 11))
		return NULL;
	if (len == 19 && d[10] == ' ')		/* a store's UTC time */
		return pool_printf(p, "%.10sT%.8sZ", d, d + 11);
	i = 19;
	if (d[i] == '.') {			/* fractions of a second */
		size_t k = strspn(d + i + 1, "0123456789");

		if (!k)
			return NULL;
		i += 1 + k;
	}
	if (d[10] == 'T' && d[i] == 'Z' && !d[i + 1])
		return pool_strdup(p, d);
	if (d[10] == 'T' && (d[i] == '+' || d[i] == '-') && strlen(d + i) == 6 &&
	    d[i + 3] == ':' && num(d + i + 1, 2, &h) && num(d + i + 4, 2, &m) && h <= 23 &&
	    m <= 59)
		return pool_strdup(p, d);
	return NULL;
}

/* ---- ids ---- */

const char *atom_tag(pool *p, const char *authority, const char *date, const char *specific)
{
	/* RFC 4151: specific is pchar / "/" / "?" (RFC 3986), here without '%' so that
	 * what is written is never read as an escape it was not */
	static const char keep[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789-._~!$&'()*+,;=:@/?";
	struct sbuf b;
	const char *out;

	sbuf_init(&b);
	sbuf_addf(&b, "tag:%s,%s:", authority, date);
	for (const unsigned char *c = (const unsigned char *)(specific ? specific : "");
	     *c; c++)
		if (strchr(keep, *c))
			sbuf_addc(&b, (char)*c);
		else
			sbuf_addf(&b, "%%%02X", *c);
	out = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return out;
}

/* ---- the feed ---- */

/* What the feed lacks, in words (in p), or NULL when it is complete. The dates of
 * the feed and of each entry in RFC 3339 into upd (feed) and eu/ep (entries). */
static const char *check(pool *p, const struct atom_feed *f, const char **upd,
			 const char **eu, const char **ep)
{
	if (!f->id || !*f->id)
		return "id: missing";
	if (!f->title || !*f->title)
		return "title: missing";
	if (!(*upd = atom_date(p, f->updated)))
		return pool_printf(p, "updated: '%.40s' is not an RFC 3339 date",
				   f->updated ? f->updated : "");
	if (f->n > ATOM_MAX_ENTRIES)
		return pool_printf(p, "entries: %zu, more than %d", f->n, ATOM_MAX_ENTRIES);
	for (size_t i = 0; i < f->n; i++) {
		const struct atom_entry *x = &f->entries[i];

		if (!x->id || !*x->id)
			return pool_printf(p, "entry %zu: id: missing", i + 1);
		if (!x->title || !*x->title)
			return pool_printf(p, "entry %zu: title: missing", i + 1);
		if (!(eu[i] = atom_date(p, x->updated)))
			return pool_printf(p, "entry %zu: updated: '%.40s' is not an RFC 3339 "
					   "date", i + 1, x->updated ? x->updated : "");
		if (x->published && !(ep[i] = atom_date(p, x->published)))
			return pool_printf(p, "entry %zu: published: '%.40s' is not an RFC "
					   "3339 date", i + 1, x->published);
		if (!f->author && (!x->author || !*x->author))
			return pool_printf(p, "entry %zu: author: missing (the feed has "
					   "none)", i + 1);
		for (size_t j = 0; j < i; j++)	/* n <= 500: pairs are cheap */
			if (!strcmp(f->entries[j].id, x->id))
				return pool_printf(p, "entry %zu: id: the same as entry %zu",
						   i + 1, j + 1);
	}
	return NULL;
}

int atom_write(struct sbuf *out, const struct atom_feed *f, struct err *e)
{
	pool *p = pool_new();
	const char **eu = pool_calloc(p, f->n + 1, sizeof(*eu));
	const char **ep = pool_calloc(p, f->n + 1, sizeof(*ep));
	const char *upd = NULL, *why;
	int rc = ERR_OK;

	if ((why = check(p, f, &upd, eu, ep))) {
		rc = err_set(e, ERR_INVALID, "feed: %s", why);
		goto out;
	}
	sbuf_adds(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		  "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
	if (f->lang) {
		sbuf_adds(out, " xml:lang=\"");
		xml_esc(out, f->lang, 1);
		sbuf_adds(out, "\"");
	}
	sbuf_adds(out, ">\n");
	element(out, "  ", "id", NULL, f->id);
	element(out, "  ", "title", NULL, f->title);
	element(out, "  ", "subtitle", NULL, f->subtitle);
	element(out, "  ", "updated", NULL, upd);
	link_el(out, "  ", "self", "application/atom+xml", f->self);
	link_el(out, "  ", "alternate", "text/html", f->alternate);
	author_el(out, "  ", f->author);
	element(out, "  ", "generator", NULL, f->generator);
	for (size_t i = 0; i < f->n; i++) {
		const struct atom_entry *x = &f->entries[i];

		sbuf_adds(out, "  <entry>\n");
		element(out, "    ", "id", NULL, x->id);
		element(out, "    ", "title", NULL, x->title);
		element(out, "    ", "updated", NULL, eu[i]);
		element(out, "    ", "published", NULL, ep[i]);
		link_el(out, "    ", "alternate", "text/html", x->link);
		author_el(out, "    ", x->author);
		if (x->category) {
			sbuf_adds(out, "    <category term=\"");
			xml_esc(out, x->category, 1);
			sbuf_adds(out, "\"/>\n");
		}
		element(out, "    ", "summary", NULL, x->summary);
		element(out, "    ", "content", " type=\"html\"", x->content);
		sbuf_adds(out, "  </entry>\n");
	}
	sbuf_adds(out, "</feed>\n");
out:
	pool_free(p);
	return rc;
}
