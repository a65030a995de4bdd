/* Pages of the international instruments, their articles and the cross-walk. */
#include <string.h>

#include "domain/instrument.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

int web_instruments(struct req *r, struct resp *out)
{
	struct instrument *ins;
	size_t n;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (instrument_list(r->store, r->pool, &ins, &n, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, layout_t(r, "Instruments"), "instruments", NULL);
	html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n<ul>\n", layout_t(r, "International instruments"),
		 layout_t(r, "National laws are measured against these instruments, article "
			     "by article."));
	for (size_t i = 0; i < n; i++)
		html_fmt(b, "<li><a href=\"/instruments/%u%S\">%s</a><br><span class=\"muted\">"
			 "%s · %s · %s</span></li>\n", ins[i].id, layout_q(r), ins[i].short_name,
			 ins[i].title, ins[i].adopted, layout_msg(r, pool_printf(r->pool,
			 "Articles: %d", ins[i].article_count), NULL, 0));
	html_fmt(b, "</ul>\n");
	layout_end(r, b);
	return 200;
}

int web_instrument(struct req *r, struct resp *out)
{
	struct instrument *in;
	struct chapter *ch;
	struct article *ar;
	size_t nch, nar;
	struct err e = { 0 };
	struct sbuf *b = &out->body;

	if (instrument_get(r->store, r->pool, r->params[0], &in, &e) ||
	    instrument_chapters(r->store, r->pool, in->id, &ch, &nch, &e) ||
	    instrument_articles(r->store, r->pool, in->id, &ar, &nar, &e))
		return http_fail(r, out, &e);
	web_page_begin(r, out, in->short_name, "instruments", NULL);
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/instruments%S\">%s</a></p>\n<h1>%s</h1>\n"
		 "<p>%s</p>\n<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt>"
		 "<dd><code>%s</code></dd><dt>%s</dt><dd>%d</dd></dl>\n",
		 layout_q(r), layout_t(r, "Instruments"), in->short_name, in->title,
		 layout_t(r, "Adopted"), in->adopted, layout_t(r, "Work URI"), in->work_uri,
		 layout_t(r, "Articles"), in->article_count);
	for (size_t i = 0; i < nch; i++) {
		int level = ch[i].depth + 2 > 4 ? 4 : ch[i].depth + 2, k = 0;

		html_fmt(b, "<h%d id=\"ch-%u\">%s</h%d>\n", level, ch[i].code, ch[i].title, level);
		for (size_t j = 0; j < nar; j++) {
			if (strcmp(ar[j].chapter, ch[i].code))
				continue;
			if (!k++)
				web_table_begin(r, b, (const char *const[]){ "Article", "Title",
						"Category", NULL });
			html_fmt(b, "<tr><td>%d</td><td><a href=\"/instruments/%u/%d%S\">%s</a></td>"
				 "<td><span class=\"tag\">%s</span></td></tr>\n", ar[j].number,
				 in->id, ar[j].number, layout_q(r), ar[j].title,
				 layout_t(r, ar[j].category));
		}
		if (k)
			html_fmt(b, "</tbody>\n</table>\n");
	}
	layout_end(r, b);
	return 200;
}

int web_article(struct req *r, struct resp *out)
{
	struct instrument *in, *all;
	struct article *a;
	struct chapter *ch;
	struct xwalk_link *links;
	size_t nch, nlinks, nall;
	int number;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *title;

	if (instrument_get(r->store, r->pool, r->params[0], &in, &e) ||
	    instrument_article_number(r->params[1], &number, &e) ||
	    instrument_article(r->store, r->pool, in->id, number, &a, &e) ||
	    instrument_chapters(r->store, r->pool, in->id, &ch, &nch, &e) ||
	    instrument_counterparts(r->store, r->pool, in->id, number, &links, &nlinks, &e) ||
	    instrument_list(r->store, r->pool, &all, &nall, &e))
		return http_fail(r, out, &e);
	title = pool_printf(r->pool, "%s %d – %s", layout_t(r, "Article"), a->number, a->title);
	web_feed_link(r, pool_printf(r->pool, "article=%s/%d", in->id, a->number),
		      pool_printf(r->pool, "%s: %s", layout_t(r, "Developments"), title));
	web_page_begin(r, out, pool_printf(r->pool, "%s, %s", title, in->short_name), "instruments",
		       NULL);
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/instruments%S\">%s</a> › "
		 "<a href=\"/instruments/%u%S\">%s</a></p>\n<h1>%s</h1>\n<dl class=\"facts\">\n",
		 layout_q(r), layout_t(r, "Instruments"), in->id, layout_q(r), in->short_name,
		 title);
	for (size_t i = 0; i < nch; i++)
		if (!strcmp(ch[i].code, a->chapter))
			html_fmt(b, "<dt>%s</dt><dd><a href=\"/instruments/%u%S#ch-%u\">%s</a></dd>\n",
				 layout_t(r, "Chapter"), in->id, layout_q(r), ch[i].code,
				 ch[i].title);
	html_fmt(b, "<dt>%s</dt><dd><span class=\"tag\">%s</span></dd>\n"
		 "<dt>%s</dt><dd><code>%s/%d</code></dd>\n</dl>\n",
		 layout_t(r, "Category"), layout_t(r, a->category), layout_t(r, "Identifier"),
		 in->id, a->number);
	html_fmt(b, "<h2>%s</h2>\n", layout_t(r, "Cross-walk"));
	if (!nlinks)
		html_fmt(b, "<p class=\"muted\">%s</p>\n",
			 layout_t(r, "This article is not in the cross-walk."));
	else
		web_table_begin(r, b, (const char *const[]){ "Topic", "Counterpart", "Relation",
				NULL });
	for (size_t i = 0; i < nlinks; i++) {
		const char *other = links[i].instrument;

		for (size_t k = 0; k < nall; k++)
			if (!strcmp(all[k].id, links[i].instrument))
				other = all[k].short_name;
		html_fmt(b, "<tr><td>%s</td><td>", links[i].topic);
		if (links[i].number)
			html_fmt(b, "<a href=\"/instruments/%u/%d%S\">%s, %s %d – %s</a>",
				 links[i].instrument, links[i].number, layout_q(r), other,
				 layout_t(r, "Article"), links[i].number, links[i].title);
		else
			html_fmt(b, "<span class=\"muted\">%s: %s</span>", other,
				 layout_t(r, "no counterpart"));
		html_fmt(b, "</td><td>%s</td></tr>\n", layout_t(r, links[i].relation));
	}
	if (nlinks)
		html_fmt(b, "</tbody>\n</table>\n");
	html_fmt(b, "<h2 id=\"coverage\">%s</h2>\n", layout_t(r, "Coverage by country"));
	if (web_article_coverage(r, b, a, &e))
		return http_fail(r, out, &e);
	web_article_provisions(r, b, in->id, a->number);
	html_fmt(b, "<p><a href=\"/api/v1/instruments/%u/articles/%d\">JSON</a></p>\n", in->id,
		 a->number);
	layout_end(r, b);
	return 200;
}
