/* The pages that explain the repository: what it is (/about), how to search, read
 * the labels and cite a provision (/help), and whom to ask (/contact). Every word
 * through the catalog. */
#include <string.h>

#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

/* The search language by example (see domain/query.h): what one types, as code,
 * and what it finds (a msgid). */
static const struct {
	const char *query, *meaning;
} examples[] = {
	{ "\"illegal access\"", "The exact phrase" },
	{ "access OR interception", "Either word (OR in capitals)" },
	{ "fraud -copyright", "Results with the first word but not the second" },
	{ "intercept*", "Words that begin with these letters (at least two)" },
	{ "country:KE", "Records of one country, by its two- or three-letter code" },
	{ "region:africa", "Records of the countries of a UN M49 region, by its name or code" },
	{ "type:case", "One kind of record: legislation, case or lesson" },
	{ "year:2019..2021", "Records of those years (year:2019, year:..2021 and year:2019.. "
			     "also work)" },
	{ "article:coe-185/2", "Provisions mapped to an article of an instrument" },
	{ "lang:fr", "Records in one language (ar, zh, en, fr, ru, es)" },
};

/* The TLP 2.0 labels and who may read a record that carries one (docs/security.md). */
static const struct {
	const char *label, *readers;
} labels[] = {
	{ "CLEAR", "Everybody, signed in or not." },
	{ "GREEN", "Every signed-in account." },
	{ "AMBER", "The owning organisation, the focal points of the record's country, "
		   "curators and administrators, and the organisations of the record's "
		   "sharing groups." },
	{ "AMBER+STRICT", "The owning organisation, curators and administrators." },
	{ "RED", "Its named readers only, and its author." },
};

/* The three pages, each linking to the other two at its end. */
static const char *const pages[][2] = {	/* path, title */
	{ "/about", "About ccrepo" }, { "/help", "Help" }, { "/contact", "Contact" },
};

/* Links to the pages other than path, and the page's end. */
static int see_also(struct req *r, struct sbuf *b, const char *path)
{
	int k = 0;

	html_fmt(b, "<p>");
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		if (strcmp(pages[i][0], path))
			html_fmt(b, "%S<a href=\"%s%S\">%s</a>", k++ ? " · " : "", pages[i][0],
				 layout_q(r), layout_t(r, pages[i][1]));
	html_fmt(b, "</p>\n");
	layout_end(r, b);
	return 200;
}

int web_about(struct req *r, struct resp *out)
{
	struct sbuf *b = &out->body;

	web_page_begin(r, out, layout_t(r, "About ccrepo"), NULL, NULL);
	web_heading(b, layout_t(r, "About ccrepo"),
		    layout_t(r, "ccrepo is a shared repository of national cybercrime laws, case "
				"law and lessons learned, compared with the international "
				"instruments, in the six official languages of the United Nations."));
	html_fmt(b, "<h2>%s</h2>\n<p>%s</p>\n", layout_t(r, "Why it exists"),
		 layout_t(r, "In its resolution on promoting technical assistance and "
			     "capacity-building to strengthen national measures and international "
			     "cooperation to combat cybercrime, including information-sharing "
			     "(seventy-fourth session, 2019), the General Assembly reaffirmed the "
			     "role of the United Nations Office on Drugs and Crime as a central "
			     "repository of cybercrime laws and lessons learned, to help assess "
			     "needs and deliver technical assistance."));
	html_fmt(b, "<h2>%s</h2>\n<ul>\n<li>%s</li>\n<li>%s</li>\n<li>%s</li>\n<li>%s</li>\n"
		 "<li>%s</li>\n<li>%s</li>\n</ul>\n", layout_t(r, "What it offers"),
		 layout_t(r, "National laws in Akoma Ntoso, every version kept, each provision at "
			     "a permanent address."),
		 layout_t(r, "The articles of the international instruments, and the national "
			     "provisions that correspond to them."),
		 layout_t(r, "Case law and lessons learned, reviewed before they are published."),
		 layout_t(r, "Search across laws, cases and lessons in the six languages."),
		 layout_t(r, "Sharing under the Traffic Light Protocol, with a public list of what "
			     "was shared with the private sector and civil society."),
		 layout_t(r, "The same data as JSON, through an API described by an OpenAPI "
			     "document."));
	return see_also(r, b, "/about");
}

int web_help(struct req *r, struct resp *out)
{
	struct sbuf *b = &out->body;
	const char *code = layout_lang(r, "zxx");

	web_page_begin(r, out, layout_t(r, "Help"), NULL, NULL);
	web_heading(b, layout_t(r, "Help"), NULL);
	html_fmt(b, "<h2 id=\"search\">%s</h2>\n<p>%s</p>\n<table class=\"compact\">\n"
		 "<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		 layout_t(r, "How to search"),
		 layout_t(r, "Type words in the search box: every result contains all of them."),
		 layout_t(r, "The search language"), layout_t(r, "You type"),
		 layout_t(r, "It finds"));
	/* the examples are typed as they are in every language: English words, codes */
	for (size_t i = 0; i < sizeof(examples) / sizeof(examples[0]); i++)
		html_fmt(b, "<tr><td><code%S>%s</code></td><td>%s</td></tr>\n",
			 layout_lang(r, "en"), examples[i].query,
			 layout_t(r, examples[i].meaning));
	html_fmt(b, "</tbody>\n</table>\n<p>%s</p>\n",
		 layout_t(r, "A filter may take several values separated by a vertical bar, "
			     "and filters combine with words."));
	html_fmt(b, "<p><code%S>country:KE|UG type:legislation \"illegal access\"</code></p>\n",
		 layout_lang(r, "en"));
	html_fmt(b, "<h2 id=\"tlp\">%s</h2>\n<p>%s</p>\n<dl class=\"facts\">\n",
		 layout_t(r, "What the TLP labels mean"),
		 layout_t(r, "Every record carries a label of the Traffic Light Protocol (TLP "
			     "2.0), which says who may read it:"));
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		html_fmt(b, "<dt><span%S>TLP:%s</span></dt><dd>%s</dd>\n", code, labels[i].label,
			 layout_t(r, labels[i].readers));
	html_fmt(b, "</dl>\n<h2 id=\"cite\">%s</h2>\n<p>%s</p>\n"
		 "<p><code%S>/akn/ke/act/2018/5/~sec_14</code></p>\n<p>%s</p>\n"
		 "<p><code%S>/akn/ke/act/2018/5@2019-01-01/~sec_14</code><br>\n"
		 "<code%S>/akn/ke/act/2018/5/eng@2018-05-30/~sec_14</code></p>\n",
		 layout_t(r, "How to cite a provision"),
		 layout_t(r, "Each provision has a permanent address, its Akoma Ntoso URI: the "
			     "country, the kind of document, the year and the number, then the "
			     "provision. For example, section 14 of a Kenyan act of 2018:"),
		 code,
		 layout_t(r, "To cite the version in force on a date, add the date after an @; "
			     "to cite one exact version, add its language and date:"),
		 code, code);
	return see_also(r, b, "/help");
}

static const char *contact_address = "";

void web_set_contact(const char *address)
{
	contact_address = address ? address : "";
}

int web_contact(struct req *r, struct resp *out)
{
	struct sbuf *b = &out->body;
	int mail = *contact_address && strncmp(contact_address, "http", 4);

	/* without the setting contact the page says whom to ask and invents no address */
	web_page_begin(r, out, layout_t(r, "Contact"), NULL, NULL);
	web_heading(b, layout_t(r, "Contact"),
		    layout_t(r, "This repository is run by its operator, who makes the accounts "
				"of contributors and reviewers. For an account, a correction or a "
				"question about a record, ask the operator of this site."));
	html_fmt(b, "<p>%s</p>\n",
		 layout_t(r, "To report an error in a law or a case, give its address (the "
			     "URI shown on its page) and what should change."));
	if (*contact_address)
		html_fmt(b, "<p>%s <a href=\"%S%s\" dir=\"ltr\">%s</a></p>\n",
			 layout_t(r, mail ? "Write to the operator:" : "The operator's contact page:"),
			 mail ? "mailto:" : "", contact_address, contact_address);
	return see_also(r, b, "/contact");
}
