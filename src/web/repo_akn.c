/* Legislation pages under /akn/: a work in the version in force today (or on a date,
 * or an exact version), one provision with its children, a provision's history across
 * versions and the word difference between two versions; the mapping forms; and the
 * national provisions on an instrument article's page.
 *
 * Addresses (Akoma Ntoso FRBR URIs and portion syntax):
 *   /akn/ke/act/2018/5                   the version in force today (?as_of=DATE)
 *   /akn/ke/act/2018/5@2019-01-01        the version in force on that date
 *   /akn/ke/act/2018/5/eng@2018-05-30    that exact version
 *   .../~sec_14                          one provision of any of those
 *   .../~sec_14?history=1                the provision in every version
 *   .../~sec_14?diff=eng@A..eng@B        what changed between two versions */
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "domain/country.h"
#include "domain/diff.h"
#include "domain/instrument.h"
#include "domain/legislation.h"
#include "domain/limits.h"
#include "domain/record.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define T(s) layout_t(r, (s))
/* beyond this many entries the contents list only the top two levels */
#define TOC_ALL_MAX 400
#define LABEL_WORDS 8	/* a provision without a heading is named by its first words */
#define LABEL_BYTES 72	/* ... at most this long (a text without spaces: Chinese) */
#define WORK_PAGE_MAX 400	/* provisions shown on one page by default */

struct target {
	struct work *w;
	struct expression *x;	/* the version shown; NULL for history and diff */
	const char *eid;	/* one provision, or NULL for the whole work */
	const char *as_of;	/* the date asked for, or NULL (today) */
	int exact;		/* the version was named by language and date */
};

/* Find the work, provision and version that rest (the path after "/akn/") names. */
static int resolve(struct req *r, const char *rest, int need_version, struct target *t,
		   struct err *e)
{
	const char *full = pool_printf(r->pool, "/akn/%s", rest), *tilde = strstr(full, "/~");
	const char *uri, *lang, *date;
	int rc;

	memset(t, 0, sizeof(*t));
	if (tilde) {
		t->eid = tilde + 2;
		if ((rc = legislation_eid_valid(t->eid, e)))
			return rc;
		full = pool_strndup(r->pool, full, (size_t)(tilde - full));
	}
	if ((rc = legislation_split_uri(r->pool, full, &uri, &lang, &date, e)) ||
	    (rc = legislation_read(r->store, r->pool, r->actor, uri, &t->w, e)))
		return rc;
	if (lang && date) {
		t->exact = 1;
		return legislation_expression(r->store, r->pool, t->w->rec.id, lang, date, &t->x,
					      e);
	}
	if (!date && (date = req_arg(r, "as_of")) && !*date)
		date = NULL;
	t->as_of = date;
	if (!need_version && !date)
		return ERR_OK;
	return legislation_as_of(r->store, r->pool, t->w->rec.id, lang, date, &t->x, e);
}

static const char *version_path(struct req *r, const struct work *w,
				const struct expression *x)
{
	return web_path_enc(r, pool_printf(r->pool, "%s/%s@%s", w->uri, x->language, x->date));
}

static const char *expr_status_label(struct req *r, enum expr_status s)
{
	static const char *const names[] = { "in force", "amended", "repealed" };

	return T((unsigned)s <= EXPR_REPEALED ? names[s] : names[0]);
}

/* Kinds whose number reads better after the word: "Part II", "Article 2". */
static const struct {
	const char *kind, *word;
} kind_words[] = {
	{ "part", "Part" }, { "chapter", "Chapter" }, { "title", "Title" }, { "book", "Book" },
	{ "division", "Division" }, { "subpart", "Subpart" }, { "article", "Article" },
	{ "schedule", "Schedule" }, { "annex", "Annex" },
};

/* The number as a reader names it: "Part II" for a part numbered "II", the number
 * as printed otherwise ("14", "(1)", "PART II"). */
static const char *prov_num(struct req *r, const struct provision *p)
{
	if (!p->num || !p->kind || strchr(p->num, ' '))
		return p->num;
	for (size_t i = 0; i < sizeof(kind_words) / sizeof(kind_words[0]); i++)
		if (!strcmp(p->kind, kind_words[i].kind))
			return pool_printf(r->pool, "%s %s", T(kind_words[i].word), p->num);
	return p->num;
}

/* The first words of text (LABEL_WORDS, at most LABEL_BYTES), then "…" when there
 * is more; NULL when there is no text. In r's pool. */
static const char *first_words(struct req *r, const char *text)
{
	static const char space[] = " \t\r\n";
	const char *s = text;
	char out[LABEL_BYTES + 8];
	size_t len = 0;
	int words = 0;

	if (!text)
		return NULL;
	for (s += strspn(s, space); *s && words < LABEL_WORDS; s += strspn(s, space)) {
		size_t w = strcspn(s, space);

		if (len + (len > 0) + w > LABEL_BYTES) {	/* a long word: cut at a character */
			if (len)
				break;
			for (w = LABEL_BYTES; w && ((unsigned char)s[w] & 0xC0) == 0x80; w--)
				;
		}
		if (len)
			out[len++] = ' ';
		memcpy(out + len, s, w);
		len += w;
		s += w;
		words++;
	}
	if (!len)
		return NULL;
	out[len] = '\0';
	return *s ? pool_printf(r->pool, "%s…", out) : pool_strdup(r->pool, out);
}

/* The word for a kind of provision without number, heading or text ("Part"). */
static const char *kind_word(struct req *r, const char *kind)
{
	for (size_t i = 0; kind && i < sizeof(kind_words) / sizeof(kind_words[0]); i++)
		if (!strcmp(kind, kind_words[i].kind))
			return T(kind_words[i].word);
	return T("Provision");
}

/* What a provision is called: its number and heading, else its number and first
 * words (pv[i+1...] are its descendants when it has no text of its own), never its
 * eId. */
static const char *prov_label_in(struct req *r, const struct provision *pv, size_t n,
				 size_t i)
{
	const struct provision *p = &pv[i];
	const char *num = prov_num(r, p), *words = NULL;

	if (p->heading)
		return num ? pool_printf(r->pool, "%s %s", num, p->heading) : p->heading;
	for (size_t j = i; j < n && !words && (j == i || pv[j].depth > p->depth); j++)
		words = first_words(r, pv[j].text);
	if (num && words)
		return pool_printf(r->pool, "%s %s", num, words);
	return num ? num : words ? words : kind_word(r, p->kind);
}

static const char *prov_label(struct req *r, const struct provision *p)
{
	return prov_label_in(r, p, 1, 0);
}

/* A section or an article (or what a schedule numbers as its units): where the
 * contents stop by default, the unit a citation names, and the smallest provision
 * with a "Provision page" link. */
static int is_unit(const char *kind)
{
	static const char *const units[] = { "section", "article", "rule", "regulation",
					     "clause", "paragraph" };

	for (size_t i = 0; kind && i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(kind, units[i]))
			return 1;
	return 0;
}

/* Kinds that are always a piece of a unit, wherever they stand (a schedule's list of
 * items, a subsection outside any section). */
static int is_piece(const char *kind)
{
	static const char *const pieces[] = { "subsection", "subparagraph", "item", "point",
					      "list", "indent", "subclause", "subrule",
					      "subregulation", "alinea", "intro", "wrapUp" };

	for (size_t i = 0; kind && i < sizeof(pieces) / sizeof(pieces[0]); i++)
		if (!strcmp(kind, pieces[i]))
			return 1;
	return 0;
}

/* For each of pv[0..n), 1 when it is a unit or contains one, 0 inside a unit or a
 * piece of one. */
static char *unit_marks(struct req *r, const struct provision *pv, size_t n)
{
	char *m = pool_calloc(r->pool, n ? n : 1, 1);
	int inside = -1;	/* the depth of the unit or piece being passed, or -1 */

	for (size_t i = 0; i < n; i++) {
		if (inside >= 0 && pv[i].depth > inside)
			continue;
		inside = is_unit(pv[i].kind) || is_piece(pv[i].kind) ? pv[i].depth : -1;
		m[i] = !is_piece(pv[i].kind);
	}
	return m;
}

/* The mappings of one eId in ms (sorted by eId): how many, from *first. */
static size_t maps_for(const struct mapping *ms, size_t nm, const char *eid, size_t *first)
{
	size_t lo = 0, hi = nm, k;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ms[mid].eid, eid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < nm && !strcmp(ms[k].eid, eid); k++)
		;
	*first = lo;
	return k - lo;
}

/* The index after the subtree of pv[i]. */
static size_t subtree_end(const struct provision *pv, size_t n, size_t i)
{
	size_t j = i + 1;

	while (j < n && pv[j].depth > pv[i].depth)
		j++;
	return j;
}

static int find_eid(const struct provision *pv, size_t n, const char *eid, size_t *at)
{
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(pv[i].eid, eid)) {
			*at = i;
			return 1;
		}
	}
	return 0;
}

/* text as paragraphs (split on blank lines); num, when given, starts the first. */
static void paragraphs(struct req *r, struct sbuf *b, const char *text, const char *num)
{
	const char *p = text;
	int first = 1;

	while (p && *p) {
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *para = pool_strndup(r->pool, p, n);

		if (para[strspn(para, " \t\r\n")]) {
			html_fmt(b, "<p>");
			if (first && num)
				html_fmt(b, "<span class=\"num\">%s</span> ", num);
			html_fmt(b, "%s</p>\n", para);
			first = 0;
		}
		p = end ? end + 2 : NULL;
	}
	if (first && num)
		html_fmt(b, "<p><span class=\"num\">%s</span></p>\n", num);
}

/* "coe-185/2 Illegal access", linked to the article's page. */
static void article_link(struct req *r, struct sbuf *b, const struct mapping *m)
{
	struct article *a;

	if (instrument_article(r->store, r->pool, m->instrument, m->article, &a, NULL))
		a = NULL;
	html_fmt(b, "<a href=\"/instruments/%u/%d%S\">%s/%d%S%s</a>", m->instrument, m->article,
		 layout_q(r), m->instrument, m->article, a && a->title ? " " : "",
		 a ? a->title : NULL);
}

static void extent_select(struct req *r, struct sbuf *b, const char *id)
{
	if (id)
		html_fmt(b, "<select id=\"%s\" name=\"extent\">", id);
	else
		html_fmt(b, "<label>%s <select name=\"extent\">", T("Extent"));
	html_fmt(b, "<option value=\"full\">%s</option><option value=\"partial\">%s</option>"
		 "</select>%S\n", T("full"), T("partial"), id ? "" : "</label>");
}

/* Accept and reject buttons for one mapping (view: where to come back). */
static void mapping_form(struct req *r, struct sbuf *b, const struct work *w,
			 const struct mapping *m, const char *view)
{
	html_fmt(b, "<form method=\"post\" class=\"inline\" action=\"");
	layout_href(r, b, pool_printf(r->pool, "/works/%lld/mappings", w->rec.id));
	html_fmt(b, "\">\n<input type=\"hidden\" name=\"eid\" value=\"%s\">"
		 "<input type=\"hidden\" name=\"article\" value=\"%s/%d\">"
		 "<input type=\"hidden\" name=\"view\" value=\"%s\">\n", m->eid, m->instrument,
		 m->article, view);
	if (strcmp(m->state, "accepted")) {
		extent_select(r, b, NULL);
		html_fmt(b, "<label>%s <input name=\"comment\" maxlength=\"%d\"></label>\n"
			 "<button name=\"action\" value=\"accept\">%s</button>\n", T("Comment"),
			 LIMIT_MAPPING_COMMENT, T("Accept"));
	}
	if (strcmp(m->state, "rejected"))
		html_fmt(b, "<button name=\"action\" value=\"reject\">%s</button>\n", T("Reject"));
	layout_csrf(r, b);
	html_fmt(b, "</form>\n");
}

/* A suggestion's score and the phrase that matched (all of them in the title). */
static void suggestion_note(struct req *r, struct sbuf *b, const struct mapping *m)
{
	html_fmt(b, " <span class=\"muted\"%S%s%S>(%s %s", m->reason ? " title=\"" : "",
		 m->reason, m->reason ? "\"" : "", T("Score"),
		 pool_printf(r->pool, "%.2f", m->score));
	if (m->phrase)
		html_fmt(b, " · %s “%s”", T("Matched:"), m->phrase);
	else if (m->reason)
		html_fmt(b, " · %s", m->reason);
	html_fmt(b, ")</span>");
}

static void mappings_list(struct req *r, struct sbuf *b, const struct work *w,
			  const struct mapping *ms, size_t n, int can_map, const char *view,
			  int show_rejected)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const struct mapping *m = &ms[i];
		int accepted = !strcmp(m->state, "accepted"), rejected = !strcmp(m->state, "rejected");

		/* suggestions and rejections are for those who may act on them: the
		 * public reads accepted mappings only */
		if ((rejected && !show_rejected) || (!accepted && !can_map))
			continue;
		if (!k++)
			html_fmt(b, "<ul class=\"maps\">\n");
		if (accepted) {
			html_fmt(b, "<li>%s ", T("Implements"));
			article_link(r, b, m);
			html_fmt(b, " <span class=\"tag\">%s</span>", T(m->extent ? m->extent : "full"));
			if (m->comment && *m->comment)
				html_fmt(b, " <span class=\"muted\">%s</span>", m->comment);
		} else if (rejected) {
			html_fmt(b, "<li class=\"muted\">%s ", T("Rejected:"));
			article_link(r, b, m);
		} else {
			html_fmt(b, "<li class=\"suggested\">%s ", T("Suggested:"));
			article_link(r, b, m);
			suggestion_note(r, b, m);
		}
		if (can_map && !rejected)
			mapping_form(r, b, w, m, view);
		html_fmt(b, "</li>\n");
	}
	if (k)
		html_fmt(b, "</ul>\n");
}

/* One provision: heading, text (marked as written in lang, the version's language,
 * when it is not the page's) and mappings; base links to the provision pages; view
 * ("work", "provision") is where the mapping forms come back to, NULL for a page of
 * several versions (no anchors). */
static void render_prov(struct req *r, struct sbuf *b, const struct work *w,
			const struct provision *p, const char *lang, int base_depth,
			const struct mapping *ms, size_t nm, int can_map, const char *view,
			const char *base)
{
	int d = p->depth - base_depth, h = d + 3 > 6 ? 6 : d + 3;
	size_t first = 0, k = ms ? maps_for(ms, nm, p->eid, &first) : 0;

	if (view)
		html_fmt(b, "<div class=\"prov d%d\" id=\"%s\">\n", d > 6 ? 6 : d, p->eid);
	else	/* several versions on one page: no anchors */
		html_fmt(b, "<div class=\"prov d%d\">\n", d > 6 ? 6 : d);
	html_fmt(b, "<div class=\"ptext\"%S>\n", layout_lang(r, lang));
	if (p->heading) {
		html_fmt(b, "<h%d>", h);
		if (p->num)
			html_fmt(b, "<span class=\"num\">%s</span> ", prov_num(r, p));
		html_fmt(b, "%s</h%d>\n", p->heading, h);
		paragraphs(r, b, p->text, NULL);
	} else {
		paragraphs(r, b, p->text, p->num);
	}
	html_fmt(b, "</div>\n");
	if (k)
		mappings_list(r, b, w, ms + first, k, can_map, view, 0);
	if (base) {
		html_fmt(b, "<p class=\"plink\"><a href=\"");
		layout_href(r, b, pool_printf(r->pool, "%s/~%s", base, web_path_enc(r, p->eid)));
		html_fmt(b, "\" aria-label=\"%s: %s\">%s</a></p>\n", T("Provision page"),
			 prov_label(r, p), T("Provision page"));
	}
	html_fmt(b, "</div>\n");
}

/* The number of p as a citation writes it after its unit's: "14" for "14.", "(1)". */
static const char *cite_num(struct req *r, const struct provision *p)
{
	size_t n = p->num ? strlen(p->num) : 0;

	while (n && (p->num[n - 1] == '.' || p->num[n - 1] == ' '))
		n--;
	return n ? pool_strndup(r->pool, p->num, n) : NULL;
}

/* How a citation names pv[at]: "section 14(1)(a)" (its unit's word and number, then
 * those of the provisions down to it), "Article 2", "Part II"; NULL when it has no
 * number. */
static const char *cite_ref(struct req *r, const struct provision *pv, size_t at)
{
	const struct provision *chain[32];
	size_t k = 0;
	int d = pv[at].depth + 1;
	struct sbuf sb = SBUF_INIT;
	const char *out, *num;

	for (size_t i = at + 1; i-- > 0 && k < 32;) {
		if (pv[i].depth >= d)
			continue;
		chain[k++] = &pv[i];
		d = pv[i].depth;
		if (is_unit(pv[i].kind) || !d)
			break;
	}
	if (!is_unit(chain[k - 1]->kind))	/* a part, chapter ...: itself */
		k = 1;
	if (!(num = cite_num(r, chain[k - 1])))
		return NULL;
	if (!strcmp(chain[k - 1]->kind, "section"))
		html_fmt(&sb, "%s %s", T("section"), num);
	else
		html_fmt(&sb, "%s", strchr(num, ' ') ? num : prov_num(r, &(struct provision){
			.kind = chain[k - 1]->kind, .num = num }));
	while (--k > 0)	/* "(1)", or "1" as legislation.gov.uk prints it: "(1)" */
		if ((num = cite_num(r, chain[k - 1])))
			html_fmt(&sb, *num == '(' ? "%s" : "(%s)", num);
	out = pool_strdup(r->pool, sbuf_str(&sb));
	sbuf_release(&sb);
	return out;
}

/* "Cite this": the Akoma Ntoso URI of the version (and provision) and a citation
 * ("Computer Misuse and Cybercrimes Act, 2018 (Kenya), section 14, version of
 * 2018-05-30"), each in a box that selects all at a click, to copy. */
static void cite_this(struct req *r, struct sbuf *b, const struct work *w,
		      const struct expression *x, const char *title, const char *eid,
		      const char *ref)
{
	const char *country = w->rec.country ? web_country_name(r, w->rec.country) : NULL;

	html_fmt(b, "<section class=\"cite\" aria-labelledby=\"ccrepo-cite\">\n"
		 "<h2 id=\"ccrepo-cite\">%s</h2>\n<dl class=\"facts\">\n<dt>%s</dt><dd><code "
		 "class=\"copy\">%s%S%s%S%S%s%S %s %s</code></dd>\n", T("Cite this"),
		 T("Citation"), title, country ? " (" : "", country, country ? ")" : "",
		 ref ? ", " : "", ref, ",", T("version of"), x->date);
	html_fmt(b, "<dt>%s</dt><dd><code class=\"copy\" dir=\"ltr\">%s/%s@%s%S%s</code></dd>\n</dl>\n"
		 "</section>\n", T("Akoma Ntoso URI"), w->uri, x->language, x->date,
		 eid ? "/~" : "", eid);
}

/* Which dates version xs[i] (newest first) is in force: from its date until
 * the next version's in its language (or its own last day), "in force since" for the
 * latest; "waiting for review" for a pending one. */
const char *web_version_period(struct req *r, const struct expression *xs, size_t i)
{
	const struct expression *x = &xs[i];
	const char *until = x->valid_to, *period;

	if (x->pending)
		return T("waiting for review");
	for (size_t j = i; !until && j-- > 0;)
		if (!xs[j].pending && !strcmp(xs[j].language, x->language) &&
		    strcmp(xs[j].date, x->date))
			until = xs[j].date;
	period = until ? layout_msg(r, pool_printf(r->pool, "in force from %s until %s",
						   x->date, until), NULL, 0) :
			 layout_msg(r, pool_printf(r->pool, "in force since %s", x->date), NULL, 0);
	if (x->status != EXPR_REPEALED)	/* "amended": the next version's date says it */
		return period;
	return pool_printf(r->pool, "%s · %s", expr_status_label(r, x->status), period);
}

/* The contents: a nested list of pv[0..n) (those marks says, all when NULL), each
 * named by prov_label_in, linking to its anchor on this page or, with link_base, to
 * its own page (link_base/~eid). */
static void toc(struct req *r, struct sbuf *b, const struct provision *pv, size_t n,
		const char *link_base, const char *marks)
{
	int maxd = 1 << 20, cur = -1, base = n ? pv[0].depth : 0;
	size_t entries = 0;

	for (size_t i = 0; i < n; i++)
		entries += !marks || marks[i];
	if (entries > TOC_ALL_MAX)
		maxd = base + 1;
	html_fmt(b, "<nav class=\"toc\" aria-labelledby=\"ccrepo-toc\">\n<h2 id=\"ccrepo-toc\">%s"
		 "</h2>\n", T("Contents"));
	if (entries > TOC_ALL_MAX)
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("The top two levels."));
	for (size_t i = 0; i < n; i++) {
		int d = pv[i].depth - base;

		if (pv[i].depth > maxd || (marks && !marks[i]) || d < 0)
			continue;
		if (d > cur) {
			html_fmt(b, "<ul>");
			for (cur++; cur < d; cur++)
				html_fmt(b, "<li><ul>");
		} else {
			html_fmt(b, "</li>\n");
			for (; cur > d; cur--)
				html_fmt(b, "</ul></li>\n");
		}
		if (link_base) {
			html_fmt(b, "<li><a href=\"");
			layout_href(r, b, pool_printf(r->pool, "%s/~%s", link_base,
						      web_path_enc(r, pv[i].eid)));
			html_fmt(b, "\">%s</a>", prov_label_in(r, pv, n, i));
		} else {
			html_fmt(b, "<li><a href=\"#%u\">%s</a>", pv[i].eid,
				 prov_label_in(r, pv, n, i));
		}
	}
	if (cur >= 0) {
		html_fmt(b, "</li>");
		for (; cur > 0; cur--)
			html_fmt(b, "</ul></li>");
		html_fmt(b, "</ul>\n");
	}
	html_fmt(b, "</nav>\n");
}

static void crumbs(struct req *r, struct sbuf *b, const struct work *w, const char *work_title,
		   const char *work_href)
{
	html_fmt(b, "<p class=\"crumbs\"><a href=\"");
	layout_href(r, b, "/laws");
	html_fmt(b, "\">%s</a>", T("Laws"));
	if (w->rec.country) {
		html_fmt(b, " › <a href=\"");
		layout_href(r, b, pool_printf(r->pool, "/laws?country=%s", w->rec.country));
		html_fmt(b, "\">%s</a>", web_country_name(r, w->rec.country));
	}
	if (work_href) {
		const char *hash = strchr(work_href, '#');

		html_fmt(b, " › <a href=\"");
		layout_href(r, b, hash ? pool_strndup(r->pool, work_href,
						      (size_t)(hash - work_href)) : work_href);
		html_fmt(b, "%S\">%s</a>", hash ? hash : "", work_title);	/* encoded */
	}
	html_fmt(b, "</p>\n");
}

static int work_page(struct req *r, struct resp *out, const struct target *t)
{
	const struct work *w = t->w;
	const struct expression *x = t->x;
	struct expression *xs;
	struct provision *pv;
	struct mapping *ms;
	size_t nx, np, nm, shown = (size_t)-1;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *title = x->title ? x->title : w->rec.title;
	const char *vpath = version_path(r, w, x), *wpath = web_path_enc(r, w->uri);
	const char *base = t->exact ? vpath : wpath, *suggested = req_arg(r, "suggested");
	char *marks;
	int can_map = !record_allow(r->actor, ACT_MAP, &w->rec, NULL);

	if (legislation_expressions(r->store, r->pool, w->rec.id, &xs, &nx, &e) ||
	    legislation_provisions(r->store, r->pool, x->id, &pv, &np, &e) ||
	    mapping_list_work(r->store, r->pool, w->rec.id, &ms, &nm, &e))
		return http_fail(r, out, &e);
	marks = unit_marks(r, pv, np);
	web_page_begin(r, out, title, "laws", NULL);
	crumbs(r, b, w, NULL, NULL);
	web_heading(b, title, NULL);
	if (x->long_title && strcmp(x->long_title, title))
		html_fmt(b, "<p class=\"longtitle\">%s</p>\n", x->long_title);
	if (suggested)
		html_fmt(b, "<p class=\"note\" role=\"status\">%s %s</p>\n",
			 T("Suggestions computed:"), suggested);
	html_fmt(b, "<dl class=\"facts\">\n<dt>%s</dt><dd><code>%s</code></dd>\n"
		 "<dt>%s</dt><dd>%s</dd>\n", T("Work URI"), w->uri, T("Type"), w->type);
	if (w->number)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Number"), w->number);
	if (w->date)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("Date"), w->date);
	for (size_t i = 0; i < nx; i++)
		if (xs[i].id == x->id)
			shown = i;
	html_fmt(b, "<dt>%s</dt><dd><code>%s@%s</code> · %s</dd>\n", T("Version"), x->language,
		 x->date, shown < nx ? web_version_period(r, xs, shown) : x->pending ?
		 T("waiting for review") : expr_status_label(r, x->status));
	if (t->as_of)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("In force on"), t->as_of);
	web_record_facts(r, b, &w->rec);
	html_fmt(b, "</dl>\n<p><a href=\"/api/v1%S%S\">JSON</a> · <a href=\"/api/v1%S?format=xml\">"
		 "Akoma Ntoso XML</a></p>\n", base, t->as_of ? pool_printf(r->pool, "?as_of=%s",
		 web_path_enc(r, t->as_of)) : "", vpath);
	if (can_map) {
		html_fmt(b, "<form method=\"post\" class=\"inline\" action=\"");
		layout_href(r, b, pool_printf(r->pool, "/works/%lld/suggest", w->rec.id));
		html_fmt(b, "\">");
		layout_csrf(r, b);
		html_fmt(b, "<input type=\"hidden\" name=\"go\" value=\"1\"><button>%s</button> "
			 "<span class=\"muted\">%s</span></form>\n", T("Suggest mappings"),
			 T("from the headings and text of the latest version; a suggestion is "
			   "never a mapping until accepted."));
	}
	html_fmt(b, "<h2>%s</h2>\n<ul>\n", T("Versions"));
	for (size_t i = 0; i < nx; i++) {
		const char *p = version_path(r, w, &xs[i]);

		html_fmt(b, "<li><a href=\"");
		layout_href(r, b, p);
		html_fmt(b, "\"%S><code>%s@%s</code></a> · %s · %d %s",
			 xs[i].id == x->id ? " aria-current=\"page\"" : "", xs[i].language,
			 xs[i].date, web_version_period(r, xs, i), xs[i].provision_count,
			 T("provisions"));
		if (xs[i].extent)
			html_fmt(b, " · %s %s", T("Extent:"), xs[i].extent);
		if (xs[i].id == x->id)
			html_fmt(b, " <strong>(%s)</strong>", T("shown"));
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ul>\n");
	cite_this(r, b, w, x, title, NULL, NULL);
	/* a long law would make a page too heavy for a slow connection: then this page
	 * is its contents, and each part has its own page (?all=1 shows everything) */
	if (np > WORK_PAGE_MAX && !req_arg(r, "all")) {
		toc(r, b, pv, np, base, marks);
		html_fmt(b, "<p>%s <a href=\"", T("This law is long: each part has its own "
						    "page."));
		layout_href(r, b, pool_printf(r->pool, "%s?all=1", base));
		html_fmt(b, "\">%s</a> (%d %s)</p>\n", T("Show the whole text on one page"),
			 (int)np, T("provisions"));
		web_record_workflow(r, b, &w->rec);
		layout_end(r, b);
		return 200;
	}
	if (np)
		toc(r, b, pv, np, NULL, marks);
	html_fmt(b, "<h2>%s</h2>\n", T("Text"));
	if (!np)
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("This version has no provisions."));
	for (size_t i = 0; i < np; i++)
		render_prov(r, b, w, &pv[i], x->language, 0, ms, nm, can_map, "work",
			    marks[i] ? base : NULL);
	web_record_workflow(r, b, &w->rec);
	layout_end(r, b);
	return 200;
}

static int provision_page(struct req *r, struct resp *out, const struct target *t)
{
	const struct work *w = t->w;
	const struct expression *x = t->x;
	struct provision *pv;
	struct mapping *ms;
	size_t np, nm, at, end, first = 0, k;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *title = x->title ? x->title : w->rec.title, *label;
	const char *vpath = version_path(r, w, x), *wpath = web_path_enc(r, w->uri);
	const char *base = t->exact ? vpath : wpath;
	const char *ppath = pool_printf(r->pool, "%s/~%s", wpath, web_path_enc(r, t->eid));
	int can_map = !record_allow(r->actor, ACT_MAP, &w->rec, NULL);
	char *marks;

	if (legislation_provisions(r->store, r->pool, x->id, &pv, &np, &e) ||
	    mapping_list_work(r->store, r->pool, w->rec.id, &ms, &nm, &e))
		return http_fail(r, out, &e);
	if (!find_eid(pv, np, t->eid, &at))
		return http_error(r, out, 404, pool_printf(r->pool, "The version %s@%s of this law "
							   "has no provision %.100s.",
							   x->language, x->date, t->eid));
	end = subtree_end(pv, np, at);
	label = prov_label_in(r, pv, np, at);
	marks = unit_marks(r, pv, np);
	web_page_begin(r, out, pool_printf(r->pool, "%s – %s", label, title), "laws", NULL);
	crumbs(r, b, w, title, pool_printf(r->pool, "%s#%s", base, web_path_enc(r, t->eid)));
	html_fmt(b, "<h1>%s</h1>\n<dl class=\"facts\">\n<dt>%s</dt><dd><code>%s</code></dd>\n"
		 "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd><code>%s@%s</code> · %s</dd>\n",
		 label, T("eId"), pv[at].eid, T("Kind"), pv[at].kind, T("Version"), x->language,
		 x->date, expr_status_label(r, x->status));
	if (t->as_of)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", T("In force on"), t->as_of);
	html_fmt(b, "</dl>\n<p><a href=\"");
	layout_href(r, b, pool_printf(r->pool, "%s?history=1", ppath));
	html_fmt(b, "\">%s</a> · <a href=\"/api/v1%S/~%S\">JSON</a></p>\n",
		 T("History of this provision"), base, web_path_enc(r, t->eid));
	cite_this(r, b, w, x, title, t->eid, cite_ref(r, pv, at));
	/* a part's page: its contents, to the last level */
	if (!is_unit(pv[at].kind) && end - at > 2)
		toc(r, b, pv + at + 1, end - at - 1, NULL, NULL);
	html_fmt(b, "<h2>%s</h2>\n", T("Text"));
	for (size_t i = at; i < end; i++)
		render_prov(r, b, w, &pv[i], x->language, pv[at].depth, i == at ? NULL : ms, nm,
			    can_map, "provision", i == at || !marks[i] ? NULL : base);
	html_fmt(b, "<h2>%s</h2>\n", T("Instrument articles"));
	k = maps_for(ms, nm, t->eid, &first);
	if (!k)
		html_fmt(b, "<p class=\"muted\">%s</p>\n",
			 T("This provision is not mapped to any instrument article yet."));
	mappings_list(r, b, w, ms + first, k, can_map, "provision", 1);
	if (can_map) {
		html_fmt(b, "<h3>%s</h3>\n<form method=\"post\" class=\"record\" action=\"",
			 T("Add a mapping"));
		layout_href(r, b, pool_printf(r->pool, "/works/%lld/mappings", w->rec.id));
		html_fmt(b, "\">\n<input type=\"hidden\" name=\"eid\" value=\"%s\">"
			 "<input type=\"hidden\" name=\"view\" value=\"provision\">\n"
			 "<div><label for=\"map-article\">%s</label>\n<input id=\"map-article\" "
			 "name=\"article\" required placeholder=\"un-cc/7\" size=\"12\"></div>\n"
			 "<div><label for=\"map-extent\">%s</label>\n", t->eid,
			 T("Instrument article"), T("Extent"));
		extent_select(r, b, "map-extent");
		html_fmt(b, "</div>\n<div><label for=\"map-comment\">%s</label>\n<input "
			 "id=\"map-comment\" name=\"comment\" maxlength=\"%d\"></div>\n",
			 T("Comment"), LIMIT_MAPPING_COMMENT);
		layout_csrf(r, b);
		html_fmt(b, "<div><button name=\"action\" value=\"accept\">%s</button></div>\n"
			 "</form>\n", T("Add the mapping"));
	}
	layout_end(r, b);
	return 200;
}

/* The provision eid and its children in version x as text (num and heading, then
 * text, for each), or NULL when x lacks it. */
static const char *subtree_text(struct req *r, long long expression_id, const char *eid,
				struct err *e, int *rc)
{
	struct provision *pv;
	size_t np, at, end;
	struct sbuf sb = SBUF_INIT;
	char *s;

	if ((*rc = legislation_provisions(r->store, r->pool, expression_id, &pv, &np, e)))
		return NULL;
	if (!find_eid(pv, np, eid, &at))
		return NULL;
	end = subtree_end(pv, np, at);
	for (size_t i = at; i < end; i++) {
		if (sb.len)
			sbuf_adds(&sb, "\n\n");
		/* "14 Heading", blank line, text; or "(1) Text" */
		if (pv[i].num)
			sbuf_adds(&sb, pv[i].num);
		if (pv[i].num && (pv[i].heading || pv[i].text))
			sbuf_addc(&sb, ' ');
		if (pv[i].heading) {
			sbuf_adds(&sb, pv[i].heading);
			if (pv[i].text)
				sbuf_adds(&sb, "\n\n");
		}
		if (pv[i].text)
			sbuf_adds(&sb, pv[i].text);
	}
	s = pool_strdup(r->pool, sbuf_str(&sb));
	sbuf_release(&sb);
	return s;
}

static int history_page(struct req *r, struct resp *out, const struct target *t)
{
	const struct work *w = t->w;
	struct expression *xs;
	struct provision **ps;
	const char **texts, *label = t->eid;
	size_t n;
	int rc = 0;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *wpath = web_path_enc(r, w->uri), *eid_enc = web_path_enc(r, t->eid);

	if (legislation_history(r->store, r->pool, w->rec.id, t->eid, &xs, &ps, &n, &e))
		return http_fail(r, out, &e);
	texts = pool_calloc(r->pool, n ? n : 1, sizeof(*texts));
	for (size_t i = 0; i < n; i++) {
		texts[i] = ps[i] ? subtree_text(r, xs[i].id, t->eid, &e, &rc) : NULL;
		if (rc)
			return http_fail(r, out, &e);
		if (ps[i])
			label = prov_label(r, ps[i]);
	}
	web_page_begin(r, out, pool_printf(r->pool, "%s – %s", label, T("History")), "laws", NULL);
	crumbs(r, b, w, w->rec.title, pool_printf(r->pool, "%s/~%s", wpath, eid_enc));
	html_fmt(b, "<h1>%s <span class=\"muted\">– %s</span></h1>\n<p>%s</p>\n<dl class=\"facts\">"
		 "<dt>%s</dt><dd><code>%s</code></dd></dl>\n", label, T("History"),
		 T("The provision in every version of the law, oldest first."), T("eId"), t->eid);
	web_table_begin(r, b, (const char *const[]){ "Version", "Change from the version before",
			"Compare", NULL });
	for (size_t i = 0; i < n; i++) {
		enum diff_change c = i ? diff_classify(texts[i - 1], texts[i]) :
				     texts[i] ? DIFF_ADDED : DIFF_UNCHANGED;
		html_fmt(b, "<tr><td><a href=\"#v%d\"><code>%s@%s</code></a> · %s</td><td>%s</td><td>",
			 (int)i, xs[i].language, xs[i].date, expr_status_label(r, xs[i].status),
			 !i && texts[i] ? T("first version") : !texts[i] && (!i || !texts[i - 1]) ?
			 T("not in this version") : T(diff_change_name(c)));
		if (i && c != DIFF_UNCHANGED) {
			html_fmt(b, "<a href=\"");
			layout_href(r, b, pool_printf(r->pool, "%s/~%s?diff=%s@%s..%s@%s", wpath, eid_enc,
						      xs[i - 1].language, xs[i - 1].date,
						      xs[i].language, xs[i].date));
			html_fmt(b, "\">%s</a>", T("Show the changes"));
		}
		html_fmt(b, "</td></tr>\n");
	}
	html_fmt(b, "</tbody>\n</table>\n");
	for (size_t i = 0; i < n; i++) {
		struct provision *pv;
		size_t np, at;
		const char *vp = version_path(r, w, &xs[i]);

		html_fmt(b, "<section aria-labelledby=\"v%d\">\n<h2 id=\"v%d\"><a href=\"", (int)i,
			 (int)i);
		layout_href(r, b, pool_printf(r->pool, "%s/~%s", vp, eid_enc));
		html_fmt(b, "\"><code>%s@%s</code></a> <span class=\"muted\">%s</span></h2>\n",
			 xs[i].language, xs[i].date, expr_status_label(r, xs[i].status));
		if (!ps[i] || legislation_provisions(r->store, r->pool, xs[i].id, &pv, &np, NULL) ||
		    !find_eid(pv, np, t->eid, &at)) {
			html_fmt(b, "<p class=\"muted\">%s</p>\n", T("Not in this version."));
		} else {
			size_t end = subtree_end(pv, np, at);

			for (size_t j = at; j < end; j++)
				render_prov(r, b, w, &pv[j], xs[i].language, pv[at].depth, NULL,
					    0, 0, NULL, NULL);
		}
		html_fmt(b, "</section>\n");
	}
	layout_end(r, b);
	return 200;
}

static int date_ok(const char *d)
{
	return d && strlen(d) == 10 && d[4] == '-' && d[7] == '-' &&
	       strspn(d, "0123456789-") == 10;
}

/* "eng@2018-05-30" (or "@2018-05-30") into a version of work w. */
static int find_side(struct req *r, const struct work *w, const char *s, size_t n,
		     struct expression **x, struct err *e)
{
	const char *side = pool_strndup(r->pool, s, n), *at = strchr(side, '@');
	const char *lang = NULL, *date = side;

	if (at) {
		lang = at > side ? pool_strndup(r->pool, side, (size_t)(at - side)) : NULL;
		date = at + 1;
	}
	if (!date_ok(date))
		return err_set(e, ERR_INVALID, "'%.60s' is not a version such as eng@2018-05-30",
			       side);
	return legislation_expression(r->store, r->pool, w->rec.id, lang, date, x, e);
}

static void diff_render(struct sbuf *b, struct req *r, const struct diff_op *ops, size_t n)
{
	html_fmt(b, "<div class=\"diff\">");
	for (size_t i = 0; i < n; i++) {
		const char *text = pool_strndup(r->pool, ops[i].text, ops[i].len);

		switch (ops[i].kind) {
		case DIFF_DEL:
			html_fmt(b, "<del><span class=\"sr\">[%s] </span>%s</del>", T("deleted"), text);
			break;
		case DIFF_INS:
			html_fmt(b, "<ins><span class=\"sr\">[%s] </span>%s</ins>", T("inserted"), text);
			break;
		default:
			html_esc(b, text);
		}
	}
	html_fmt(b, "</div>\n");
}

static int diff_page(struct req *r, struct resp *out, const struct target *t)
{
	const struct work *w = t->w;
	const char *spec = req_arg(r, "diff"), *dots = spec ? strstr(spec, "..") : NULL;
	const char *ta, *tb = NULL, *wpath = web_path_enc(r, w->uri);
	const char *eid_enc = web_path_enc(r, t->eid), *label = t->eid;
	struct expression *xa, *xb;
	struct diff_op *ops;
	size_t n, ins = 0, del = 0;
	int rc = 0;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (!dots)
		return http_error(r, out, 400, "diff takes two versions: ?diff=eng@2018-05-30.."
				  "eng@2019-01-01");
	if (find_side(r, w, spec, (size_t)(dots - spec), &xa, &e) ||
	    find_side(r, w, dots + 2, strlen(dots + 2), &xb, &e))
		return http_fail(r, out, &e);
	ta = subtree_text(r, xa->id, t->eid, &e, &rc);
	if (!rc)
		tb = subtree_text(r, xb->id, t->eid, &e, &rc);
	if (rc)
		return http_fail(r, out, &e);
	if (!ta && !tb)
		return http_error(r, out, 404, pool_printf(r->pool, "Neither version has a "
							   "provision %.100s.", t->eid));
	if (diff_words(r->pool, ta, tb, &ops, &n, &e))
		return http_fail(r, out, &e);
	diff_stats(ops, n, &ins, &del);
	{
		struct provision *pv;
		size_t np, at;

		if (!legislation_provisions(r->store, r->pool, (tb ? xb : xa)->id, &pv, &np, NULL) &&
		    find_eid(pv, np, t->eid, &at))
			label = prov_label(r, &pv[at]);
	}
	web_page_begin(r, out, pool_printf(r->pool, "%s – %s", label, T("Changes")), "laws", NULL);
	crumbs(r, b, w, w->rec.title, pool_printf(r->pool, "%s/~%s", wpath, eid_enc));
	html_fmt(b, "<h1>%s <span class=\"muted\">– %s</span></h1>\n"
		 "<p>%s <code>%s@%s</code> %s <code>%s@%s</code>.</p>\n"
		 "<p class=\"muted\">%s: %z · %s: %z</p>\n", label, T("Changes"), T("From"),
		 xa->language, xa->date, T("to"), xb->language, xb->date, T("Words inserted"), ins,
		 T("Words deleted"), del);
	if (!ta)
		html_fmt(b, "<p class=\"note\">%s</p>\n", T("The provision is new in the later "
							      "version."));
	if (!tb)
		html_fmt(b, "<p class=\"note\">%s</p>\n", T("The provision is gone from the later "
							      "version."));
	diff_render(b, r, ops, n);
	html_fmt(b, "<p><a href=\"");
	layout_href(r, b, pool_printf(r->pool, "%s/~%s?history=1", wpath, eid_enc));
	html_fmt(b, "\">%s</a></p>\n", T("History of this provision"));
	layout_end(r, b);
	return 200;
}

/* A provision's own words (number, heading, text; not its children's), in p. */
static const char *own_text(struct req *r, const struct provision *pv)
{
	return pool_printf(r->pool, "%s %s\n\n%s", pv->num ? pv->num : "",
			   pv->heading ? pv->heading : "", pv->text ? pv->text : "");
}

/* The differences between two versions of a whole law (?diff= without a provision):
 * the provisions added, removed or changed, in the later version's order (removed
 * ones after), each linked to its word difference. The page a development "law
 * amended" links to. */
static int work_diff_page(struct req *r, struct resp *out, const struct target *t)
{
	const struct work *w = t->w;
	const char *spec = req_arg(r, "diff"), *dots = spec ? strstr(spec, "..") : NULL;
	const char *wpath = web_path_enc(r, w->uri);
	struct expression *xa, *xb;
	struct provision *pa, *pb;
	size_t na, nb, shown = 0;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (!dots)
		return http_error(r, out, 400, "diff takes two versions: ?diff=eng@2018-05-30.."
				  "eng@2019-01-01");
	if (find_side(r, w, spec, (size_t)(dots - spec), &xa, &e) ||
	    find_side(r, w, dots + 2, strlen(dots + 2), &xb, &e) ||
	    legislation_provisions(r->store, r->pool, xa->id, &pa, &na, &e) ||
	    legislation_provisions(r->store, r->pool, xb->id, &pb, &nb, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, pool_printf(r->pool, "%s – %s", w->rec.title, T("Changes")),
		       "laws", NULL);
	crumbs(r, b, w, w->rec.title, wpath);
	html_fmt(b, "<h1>%s <span class=\"muted\">– %s</span></h1>\n"
		 "<p>%s <code>%s@%s</code> %s <code>%s@%s</code>.</p>\n", w->rec.title,
		 T("Changes"), T("From"), xa->language, xa->date, T("to"), xb->language, xb->date);
	web_table_begin(r, b, (const char *const[]){ "Provision", "Change from the version "
						     "before", "Compare", NULL });
	for (size_t pass = 0; pass < 2; pass++) {
		const struct provision *list = pass ? pa : pb;
		size_t n = pass ? na : nb;

		for (size_t i = 0; i < n; i++) {
			size_t at;
			int in_a = find_eid(pa, na, list[i].eid, &at);
			const char *ta = in_a ? own_text(r, &pa[at]) : NULL, *tb = NULL;
			enum diff_change c;

			if (pass && find_eid(pb, nb, list[i].eid, &at))
				continue;	/* listed in the first pass */
			if (!pass)
				tb = own_text(r, &list[i]);
			c = diff_classify(ta, tb);
			if (c == DIFF_UNCHANGED)
				continue;
			html_fmt(b, "<tr><td>%s</td><td>%s</td><td><a href=\"",
				 prov_label(r, &list[i]), T(diff_change_name(c)));
			layout_href(r, b, pool_printf(r->pool, "%s/~%s?diff=%s@%s..%s@%s", wpath,
						      web_path_enc(r, list[i].eid), xa->language,
						      xa->date, xb->language, xb->date));
			html_fmt(b, "\">%s</a></td></tr>\n", T("Show the changes"));
			shown++;
		}
	}
	html_fmt(b, "</tbody>\n</table>\n");
	if (!shown)
		html_fmt(b, "<p class=\"muted\">%s</p>\n", T("unchanged"));
	layout_end(r, b);
	return 200;
}

int web_akn(struct req *r, struct resp *out)
{
	struct target t;
	struct err e = { 0 };
	int history = req_arg(r, "history") != NULL, diff = req_arg(r, "diff") != NULL;

	if (resolve(r, r->params[0], !(history || diff), &t, &e))
		return http_fail(r, out, &e);
	if (t.eid && history)
		return history_page(r, out, &t);
	if (t.eid && diff)
		return diff_page(r, out, &t);
	if (diff)
		return work_diff_page(r, out, &t);
	if (!t.x && legislation_as_of(r->store, r->pool, t.w->rec.id, NULL, NULL, &t.x, &e))
		return http_fail(r, out, &e);
	if (t.eid)
		return provision_page(r, out, &t);
	return work_page(r, out, &t);
}

static int work_of(struct req *r, struct resp *out, struct work **w)
{
	struct err e = { 0 };
	long long id = num_id(r->params[0]);

	if (!id)
		return http_error(r, out, 404, "There is no such law.");
	if (legislation_read_id(r->store, r->pool, r->actor, id, w, &e))
		return http_fail(r, out, &e);
	return 0;
}

int web_work(struct req *r, struct resp *out)
{
	struct work *w;

	if (work_of(r, out, &w))
		return out->status;
	return web_redirect(r, out, web_path_enc(r, w->uri));
}

/* "un-cc/7" into an instrument and an article number. */
static int article_ref(struct req *r, const char *ref, const char **instrument, int *number,
		       struct err *e)
{
	const char *slash = ref ? strrchr(ref, '/') : NULL;

	if (!slash || slash == ref || strlen(ref) > LIMIT_ARTICLE_REF)
		return err_set(e, ERR_INVALID, "name the article as instrument/number, such as "
			       "un-cc/7 or coe-185/2");
	*instrument = pool_strndup(r->pool, ref, (size_t)(slash - ref));
	return instrument_article_number(slash + 1, number, e);
}

int web_work_mappings(struct req *r, struct resp *out)
{
	struct work *w;
	struct err e = { 0 };
	struct expression *xs;
	struct provision **ps;
	size_t n;
	const char *eid, *action, *extent, *comment, *view, *instrument = NULL, *state;
	int number = 0;

	if (work_of(r, out, &w))
		return out->status;
	if (req_form_parse(r, &e))
		return http_fail(r, out, &e);
	eid = req_form(r, "eid");
	action = req_form(r, "action");
	extent = req_form(r, "extent");
	comment = req_form(r, "comment");
	view = req_form(r, "view");
	if (!eid || !*eid)
		return http_error(r, out, 400, "Say which provision (eid).");
	if (!action || (strcmp(action, "accept") && strcmp(action, "reject")))
		return http_error(r, out, 400, "Accept or reject the mapping.");
	state = !strcmp(action, "accept") ? "accepted" : "rejected";
	if (!extent || !*extent)
		extent = "full";
	if (comment && !*comment)
		comment = NULL;
	if (article_ref(r, req_form(r, "article"), &instrument, &number, &e) ||
	    legislation_history(r->store, r->pool, w->rec.id, eid, &xs, &ps, &n, &e) ||
	    mapping_set(r->store, r->actor, w->rec.id, eid, instrument, number, state, extent,
			comment, &e))
		return http_fail(r, out, &e);
	if (view && !strcmp(view, "provision"))
		return web_redirect(r, out, pool_printf(r->pool, "%s/~%s", web_path_enc(r, w->uri),
							web_path_enc(r, eid)));
	return web_redirect(r, out, pool_printf(r->pool, "%s#%s", web_path_enc(r, w->uri),
						web_path_enc(r, eid)));
}

int web_work_suggest(struct req *r, struct resp *out)
{
	struct work *w;
	struct err e = { 0 };
	size_t n = 0;

	if (work_of(r, out, &w))
		return out->status;
	if (mapping_suggest_work(r->store, r->actor, w->rec.id, &n, &e))
		return http_fail(r, out, &e);
	return web_redirect(r, out, pool_printf(r->pool, "%s?suggested=%zu",
						web_path_enc(r, w->uri), n));
}

void web_article_provisions(struct req *r, struct sbuf *b, const char *instrument, int number)
{
	struct mapping *ms;
	struct record *rec = NULL;
	size_t n = 0, shown = 0;
	const char *country = NULL;

	html_fmt(b, "<h2>%s</h2>\n", T("National provisions implementing this article"));
	if (mapping_list_article(r->store, r->pool, instrument, number, &ms, &n, NULL))
		n = 0;
	/* sorted by country, then work: one group per country */
	for (size_t i = 0; i < n; i++) {
		/* the store lists only what the caller may read */
		if (!rec || rec->id != ms[i].work_id)
			if (record_get(r->store, r->pool, ms[i].work_id, &rec, NULL))
				rec = NULL;
		if (!rec)
			continue;
		if (!country || strcmp(country, ms[i].country ? ms[i].country : "")) {
			if (country)
				html_fmt(b, "</ul>\n");
			country = ms[i].country ? ms[i].country : "";
			html_fmt(b, "<h3>%s</h3>\n<ul>\n", *country ? web_country_name(r, country) :
							      T("Other"));
		}
		shown++;
		html_fmt(b, "<li><a href=\"");
		layout_href(r, b, pool_printf(r->pool, "%s/~%s", web_path_enc(r, ms[i].work_uri),
					      web_path_enc(r, ms[i].eid)));
		html_fmt(b, "\">%s%S%s%S%s</a> <span class=\"muted\">(%s)</span> "
			 "<span class=\"tag\">%s</span>", ms[i].work_title, ms[i].num ? ", " : "",
			 ms[i].num, ms[i].heading ? " " : "", ms[i].heading, ms[i].work_uri,
			 T(ms[i].extent ? ms[i].extent : "full"));
		if (ms[i].comment && *ms[i].comment)
			html_fmt(b, " <span class=\"muted\">%s</span>", ms[i].comment);
		html_fmt(b, "</li>\n");
	}
	if (shown)
		html_fmt(b, "</ul>\n");
	else
		html_fmt(b, "<p class=\"muted\">%s</p>\n",
			 T("No published national provision is mapped to this article yet."));
	html_fmt(b, "<p><a href=\"/api/v1/instruments/%u/articles/%d/provisions\">JSON</a></p>\n",
		 instrument, number);
}
