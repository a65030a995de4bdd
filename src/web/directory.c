/* The cooperation directory's pages (domain/directory.h, docs/directory.md):
 * /directory (filters: kind, region, language, article; CSV), /directory/ask ("who
 * do I ask?"), /directory/:id (an entry, its history, the curators' verify button),
 * the focal points' forms (/directory/new?country=, /directory/:id/edit),
 * /countries/:code/contacts (a country's entries, those to verify, vCard and CSV)
 * and the profile's "Contacts" section. What each reader sees is the domain's
 * (dir_readable); nothing here is cached. */
#include <limits.h>
#include <string.h>

#include "core/num.h"
#include "domain/country.h"
#include "domain/directory.h"
#include "domain/legislation.h"
#include "domain/limits.h"
#include "domain/user.h"
#include "export/directory.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/web.h"

#define T(s) layout_t(r, s)

static const char *arg(const struct req *r, const char *name)
{
	const char *v = req_arg(r, name);

	return v && *v ? v : NULL;
}

static const char *const tlps[] = { "AMBER", "GREEN", "CLEAR" };

/* The language of the reader's interface as ISO 639-1 ("ar"). */
static const char *ui_lang(struct req *r)
{
	return lang_code(r->lang);
}

/* An entry's name, marked with its language. */
static void entry_name(struct req *r, struct sbuf *b, const struct dir_entry *en)
{
	const char *name = dir_entry_name(en, ui_lang(r)), *lang = "";

	for (size_t i = 0; i < en->nnames; i++)
		if (en->names[i].name == name)
			lang = en->names[i].lang;
	html_fmt(b, "<span lang=\"%s\" dir=\"auto\">%s</span>", lang, name);
}

static void channel_value(struct req *r, struct sbuf *b, const struct dir_channel *c)
{
	(void)r;
	if (c->kind == DIR_CH_PHONE)
		html_fmt(b, "<a href=\"tel:%s\" dir=\"ltr\">%s</a>", c->value, c->value);
	else if (c->kind == DIR_CH_EMAIL)
		html_fmt(b, "<a href=\"mailto:%s\" dir=\"ltr\">%s</a>", c->value, c->value);
	else if (c->kind == DIR_CH_PORTAL)
		html_fmt(b, "<a href=\"%s\" rel=\"noopener noreferrer\" dir=\"ltr\">%s</a>",
			 c->value, c->value);
	else
		html_fmt(b, "<span dir=\"auto\">%s</span>", c->value);
	if (c->note && *c->note)
		html_fmt(b, " <span class=\"muted\" dir=\"auto\">(%s)</span>", c->note);
}

static void channels_list(struct req *r, struct sbuf *b, const struct dir_entry *en)
{
	if (!en->nchannels)
		return;
	html_fmt(b, "<ul class=\"channels\">\n");
	for (size_t i = 0; i < en->nchannels; i++) {
		html_fmt(b, "<li>%s: ", T(dir_channels[en->channels[i].kind].label));
		channel_value(r, b, &en->channels[i]);
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ul>\n");
}

static const char *basis_label(struct req *r, const char *key)
{
	for (size_t i = 0; i < dir_basis_count; i++)
		if (!strcmp(dir_bases[i].key, key))
			return T(dir_bases[i].label);
	return key;
}

static void bases_text(struct req *r, struct sbuf *b, const struct dir_entry *en)
{
	for (size_t i = 0; i < en->nbases; i++)
		html_fmt(b, "%S%s", i ? ", " : "", basis_label(r, en->bases[i]));
	if (en->basis_text && *en->basis_text)
		html_fmt(b, "%S<span dir=\"auto\">%s</span>", en->nbases ? " · " : "",
			 en->basis_text);
}

static void articles_text(struct req *r, struct sbuf *b, const struct dir_entry *en)
{
	for (size_t i = 0; i < en->narticles; i++) {
		const struct dir_article *a = &en->articles[i];

		html_fmt(b, "%S<a href=\"/instruments/%u/%d%S\">%s %d</a>", i ? ", " : "",
			 a->instrument, a->number, layout_q(r),
			 strcmp(a->instrument, "un-cc") ? "CETS 185" : "UNCC", a->number);
	}
}

/* The verification line: verified on, by, at version; stale marked. */
static void verified_text(struct req *r, struct sbuf *b, const struct dir_entry *en)
{
	if (en->verified_on)
		html_fmt(b, "%s %s (%s)", T("Verified on"), layout_date(r, en->verified_on),
			 en->verified_by);
	else
		html_fmt(b, "%s", T("Not verified yet"));
	if (en->verified_on && en->verified_version != en->version)
		html_fmt(b, " · %s", T("changed since it was verified"));
	if (en->stale)
		html_fmt(b, " <strong class=\"tag stale\">%s</strong>",
			 T("Stale: not verified for 12 months"));
}

/* One entry as a card under a heading of level (2 or 3): its name, kind, and, when
 * read whole, everything. */
static void entry_card(struct req *r, struct sbuf *b, const struct dir_entry *en, int link,
		       int level)
{
	html_fmt(b, "<article class=\"contact\" id=\"entry-%S\">\n<h%d>",
		 pool_printf(r->pool, "%lld", en->id), level);
	if (link)
		html_fmt(b, "<a href=\"/directory/%S%S\">", pool_printf(r->pool, "%lld", en->id),
			 layout_q(r));
	entry_name(r, b, en);
	if (link)
		html_fmt(b, "</a>");
	html_fmt(b, "</h%d>\n<p><span class=\"tag\">%s</span> <span class=\"tag tlp\">TLP:%s"
		 "</span></p>\n", level, T(dir_kinds[en->kind].label), en->tlp);
	if (en->only_public) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n</article>\n",
			 T("Only the name and kind of this entry are public; its channels are "
			   "for cooperation partners."));
		return;
	}
	channels_list(r, b, en);
	html_fmt(b, "<dl class=\"facts\">\n");
	if (en->narticles) {
		html_fmt(b, "<dt>%s</dt><dd>", T("Instrument articles"));
		articles_text(r, b, en);
		html_fmt(b, "</dd>\n");
	}
	if (en->nbases || *en->basis_text) {
		html_fmt(b, "<dt>%s</dt><dd>", T("Legal bases accepted"));
		bases_text(r, b, en);
		html_fmt(b, "</dd>\n");
	}
	if (en->nlanguages) {
		html_fmt(b, "<dt>%s</dt><dd>", T("Languages accepted"));
		for (size_t i = 0; i < en->nlanguages; i++)
			html_fmt(b, "%S<code>%s</code>", i ? " " : "", en->languages[i]);
		html_fmt(b, "</dd>\n");
	}
	if (*en->hours || *en->timezone)
		html_fmt(b, "<dt>%s</dt><dd><span dir=\"auto\">%s</span> <code>%s</code></dd>\n",
			 T("Working hours"), en->hours, en->timezone);
	if (*en->requirements)
		html_fmt(b, "<dt>%s</dt><dd class=\"pre\" dir=\"auto\">%s</dd>\n",
			 T("What a request must contain"), en->requirements);
	html_fmt(b, "<dt>%s</dt><dd>", T("Verification"));
	verified_text(r, b, en);
	html_fmt(b, "</dd>\n</dl>\n</article>\n");
}

static void kind_select(struct req *r, struct sbuf *b, const char *id, int selected, int any)
{
	html_fmt(b, "<select id=\"%s\" name=\"kind\">\n", id);
	if (any)
		html_fmt(b, "<option value=\"\">%s</option>\n", T("any"));
	for (int k = 0; k < DIR_KIND_COUNT; k++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", dir_kinds[k].key,
			 k == selected ? " selected" : "", T(dir_kinds[k].label));
	html_fmt(b, "</select>\n");
}

/* ---- /directory ---- */

int web_directory(struct req *r, struct resp *out)
{
	struct dir_query q = { .kind = -1, .region = arg(r, "region"),
			       .language = arg(r, "language"), .article = arg(r, "article"),
			       .country = arg(r, "country") };
	struct dir_entry *v;
	size_t n;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	struct region *rs;
	size_t nr;

	if (arg(r, "kind") && (q.kind = dir_kind_parse(arg(r, "kind"))) < 0)
		return http_error(r, out, 400, "kind: not a kind of authority");
	if (dir_list(r->store, r->pool, r->actor, &q, &v, &n, &e) ||
	    region_list(r->store, r->pool, &rs, &nr, &e))
		return http_fail(r, out, &e);
	out->cache_control = "no-store";
	if (r->route_data) {
		out->content_type = "text/csv; charset=utf-8";
		out->disposition = "attachment; filename=\"directory.csv\"";
		directory_csv(b, r->pool, v, n);
		return 200;
	}
	web_page_begin(r, out, T("Cooperation directory"), "countries", "no-store");
	web_heading(b, T("Cooperation directory"),
		    T("Competent authorities and 24/7 points of contact for international "
		      "cooperation, per country."));
	html_fmt(b, "<p><a href=\"/directory/ask%S\">%s</a></p>\n", layout_q(r),
		 T("Who do I ask?"));
	html_fmt(b, "<form method=\"get\" action=\"/directory\" class=\"filters\">\n"
		 "<label for=\"d-kind\">%s</label>\n", T("Kind"));
	kind_select(r, b, "d-kind", q.kind, 1);
	html_fmt(b, "<label for=\"d-region\">%s</label>\n<select id=\"d-region\" "
		 "name=\"region\">\n<option value=\"\">%s</option>\n", T("Region"), T("any"));
	for (size_t i = 0; i < nr; i++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", rs[i].code,
			 q.region && !strcmp(q.region, rs[i].code) ? " selected" : "",
			 region_name(&rs[i], r->lang));
	html_fmt(b, "</select>\n<label for=\"d-language\">%s</label> <input id=\"d-language\" "
		 "name=\"language\" size=\"3\" maxlength=\"2\" value=\"%s\" placeholder=\"en\">\n"
		 "<label for=\"d-article\">%s</label> <input id=\"d-article\" name=\"article\" "
		 "size=\"12\" maxlength=\"%d\" value=\"%s\" placeholder=\"coe-185/35\">\n"
		 "<button>%s</button>\n</form>\n", T("Language accepted"),
		 q.language ? q.language : "", T("Instrument article"), LIMIT_ARTICLE_REF,
		 q.article ? q.article : "", T("Show"));
	html_fmt(b, "<p>%s</p>\n", layout_plural(r, (long long)n, "{n} entry|{n} entries"));
	if (n) {
		static const char *const head[] = { "Country", "Kind", "Name", "Channels",
						    "Verification", NULL };

		web_table_begin(r, b, head);
		for (size_t i = 0; i < n; i++) {
			html_fmt(b, "<tr><td><a href=\"/countries/%u/contacts%S\">%s</a></td>"
				 "<td>%s</td><td><a href=\"/directory/%S%S\">", v[i].country,
				 layout_q(r), web_country_name(r, v[i].country),
				 T(dir_kinds[v[i].kind].label),
				 pool_printf(r->pool, "%lld", v[i].id), layout_q(r));
			entry_name(r, b, &v[i]);
			html_fmt(b, "</a></td><td>");
			channels_list(r, b, &v[i]);
			html_fmt(b, "</td><td>");
			if (!v[i].only_public)
				verified_text(r, b, &v[i]);
			html_fmt(b, "</td></tr>\n");
		}
		html_fmt(b, "</tbody>\n</table>\n");
	}
	html_fmt(b, "<p><a href=\"/directory.csv?kind=%u&amp;region=%u&amp;language=%u&amp;"
		 "article=%u\">CSV</a> · <a href=\"/api/v1/directory\">JSON</a></p>\n",
		 q.kind >= 0 ? dir_kinds[q.kind].key : "", q.region ? q.region : "",
		 q.language ? q.language : "", q.article ? q.article : "");
	layout_end(r, b);
	return 200;
}

/* ---- /directory/ask ---- */

int web_directory_ask(struct req *r, struct resp *out)
{
	const char *country = arg(r, "country"), *need = arg(r, "need");
	struct dir_answer ans;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	int rc = 0;

	if (country && need)
		rc = dir_ask(r->store, r->pool, r->actor, country, need, &ans, &e);
	if (rc && rc != ERR_INVALID && rc != ERR_NOTFOUND)
		return http_fail(r, out, &e);
	web_page_begin(r, out, T("Who do I ask?"), "countries", "no-store");
	web_heading(b, T("Who do I ask?"),
		    T("Pick a country and what you need: the authority to ask, how to reach "
		      "it, on which legal basis, and the provisions of the country's law that "
		      "give the power."));
	html_fmt(b, "<form method=\"get\" action=\"/directory/ask\" class=\"filters\">\n"
		 "<label for=\"f-country\">%s</label>\n", T("Country"));
	web_country_select(r, b, "country", country, T("Choose a country"));
	html_fmt(b, "<label for=\"a-need\">%s</label>\n<select id=\"a-need\" name=\"need\">\n",
		 T("What you need"));
	for (int i = 0; i < DIR_NEED_COUNT; i++)
		html_fmt(b, "<option value=\"%s\"%S>%s</option>\n", dir_needs[i].key,
			 need && !strcmp(need, dir_needs[i].key) ? " selected" : "",
			 T(dir_needs[i].label));
	html_fmt(b, "</select>\n<button>%s</button>\n</form>\n", T("Show"));
	if (rc) {
		web_message(b, web_msg(r, e.msg), 1);
	} else if (country && need) {
		html_fmt(b, "<section aria-labelledby=\"ask-who\">\n<h2 id=\"ask-who\">%s</h2>\n",
			 T("Whom to ask"));
		if (!ans.nentries)
			html_fmt(b, "<p class=\"muted\">%s</p>\n",
				 T("No authority for this need is listed that you may read."));
		for (size_t i = 0; i < ans.nentries; i++)
			entry_card(r, b, &ans.entries[i], 1, 3);
		html_fmt(b, "<p class=\"muted\">%s ", T("International cooperation under"));
		for (size_t i = 0; ans.need->articles[i]; i++) {
			const char *ref = ans.need->articles[i], *slash = strchr(ref, '/');

			html_fmt(b, "%S<a href=\"/instruments/%u/%S%S\">%s</a>", i ? ", " : "",
				 pool_strndup(r->pool, ref, (size_t)(slash - ref)), slash + 1,
				 layout_q(r), ref);
		}
		html_fmt(b, "</p>\n</section>\n<section aria-labelledby=\"ask-law\">\n"
			 "<h2 id=\"ask-law\">%s</h2>\n", T("The power in the country's law"));
		if (!ans.npowers)
			html_fmt(b, "<p class=\"muted\">%s</p>\n",
				 T("No provision of this country's law is mapped to these articles "
				   "yet."));
		else
			html_fmt(b, "<ul>\n");
		for (size_t i = 0; i < ans.npowers; i++) {
			const struct mapping *m = &ans.powers[i];

			html_fmt(b, "<li><a href=\"%s/~%s%S\">%s %s</a> <span class=\"muted\">"
				 "(%s %d)</span></li>\n", m->work_uri, m->eid, layout_q(r),
				 m->work_title ? m->work_title : m->work_uri,
				 m->num ? m->num : m->eid,
				 strcmp(m->instrument, "un-cc") ? "CETS 185" : "UNCC", m->article);
		}
		if (ans.npowers)
			html_fmt(b, "</ul>\n");
		html_fmt(b, "</section>\n");
	}
	layout_end(r, b);
	return 200;
}

/* ---- one entry ---- */

static int entry_id(struct req *r, long long *id)
{
	return num_parse(r->params[0], 1, LLONG_MAX, id);
}

static void history_table(struct req *r, struct sbuf *b, const struct dir_revision *h,
			  size_t n)
{
	static const char *const head[] = { "When", "Who", "What", "Version",
					    "Fields changed", NULL };
	static const struct dir_key actions[] = {
		{ "create", "created" }, { "edit", "edited" }, { "verify", "verified" },
	};

	html_fmt(b, "<h2 id=\"history\">%s</h2>\n", T("History"));
	web_table_begin(r, b, head);
	for (size_t i = n; i-- > 0;) {
		const char *what = h[i].action;

		for (size_t k = 0; k < sizeof(actions) / sizeof(actions[0]); k++)
			if (!strcmp(actions[k].key, h[i].action))
				what = T(actions[k].label);
		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%d</td><td>%s</td></tr>\n",
			 layout_datetime(r, h[i].at), h[i].by, what, h[i].version, h[i].changed);
	}
	html_fmt(b, "</tbody>\n</table>\n");
}

int web_directory_entry(struct req *r, struct resp *out)
{
	struct dir_entry *en;
	struct dir_revision *h = NULL;
	size_t nh = 0;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	long long id;
	const char *ids;

	if (entry_id(r, &id))
		return http_error(r, out, 404, "There is no such directory entry.");
	if (dir_get(r->store, r->pool, r->actor, id, &en, &e) ||
	    (!en->only_public && dir_history(r->store, r->pool, r->actor, id, &h, &nh, &e)))
		return http_fail(r, out, &e);
	ids = pool_printf(r->pool, "%lld", id);
	web_page_begin(r, out, dir_entry_name(en, ui_lang(r)), "countries", "no-store");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/directory%S\">%s</a> › <a "
		 "href=\"/countries/%u/contacts%S\">%s</a></p>\n<h1>", layout_q(r),
		 T("Cooperation directory"), en->country, layout_q(r),
		 web_country_name(r, en->country));
	entry_name(r, b, en);
	html_fmt(b, "</h1>\n");
	if (en->nnames > 1 && !en->only_public) {
		html_fmt(b, "<ul class=\"names\">\n");
		for (size_t i = 0; i < en->nnames; i++)
			html_fmt(b, "<li><code>%s</code> <span lang=\"%s\" dir=\"auto\">%s</span>"
				 "</li>\n", en->names[i].lang, en->names[i].lang,
				 en->names[i].name);
		html_fmt(b, "</ul>\n");
	}
	entry_card(r, b, en, 0, 2);
	if (!en->only_public && dir_may_edit(r->actor, en->country))
		html_fmt(b, "<p><a href=\"/directory/%S/edit%S\">%s</a></p>\n", ids, layout_q(r),
			 T("Edit this entry"));
	if (!en->only_public && dir_may_verify(r->actor)) {
		html_fmt(b, "<form method=\"post\" action=\"");
		layout_href(r, b, pool_printf(r->pool, "/directory/%s/verify", ids));
		html_fmt(b, "\">\n<p>%s</p>\n", T("Confirm that this entry is right today."));
		web_form_end(r, b, T("Mark as verified"));
	}
	if (!en->only_public)
		history_table(r, b, h, nh);
	html_fmt(b, "<p><a href=\"/api/v1/directory/%S\">JSON</a></p>\n", ids);
	layout_end(r, b);
	return 200;
}

int web_directory_verify(struct req *r, struct resp *out)
{
	struct err e = { 0 };
	long long id;

	if (entry_id(r, &id))
		return http_error(r, out, 404, "There is no such directory entry.");
	if (dir_verify(r->store, r->actor, id, &e))
		return http_fail(r, out, &e);
	return web_redirect(r, out, pool_printf(r->pool, "/directory/%lld", id));
}

/* ---- the focal points' form ---- */

static const char *form_or(struct req *r, const char *name, const char *dflt)
{
	const char *v = r->form ? req_form(r, name) : NULL;

	return v ? v : dflt ? dflt : "";
}

/* Split text at commas, spaces and line breaks into a JSON array of strings. */
static json_t *words(const char *text)
{
	json_t *a = json_array();
	const char *s = text;

	while (s && *s) {
		size_t n;

		s += strspn(s, ", \t\r\n");
		n = strcspn(s, ", \t\r\n");
		if (n)
			json_array_append_new(a, json_stringn(s, n));
		s += n;
	}
	return a;
}

/* The lines of text, each trimmed; empty ones skipped. */
static size_t lines(pool *p, const char *text, const char ***out)
{
	size_t n = 0, cap = 0;
	const char **v = NULL;

	while (text && *text) {
		size_t len = strcspn(text, "\r\n");
		const char *s = text, *end = text + len;

		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > s) {
			if (n == cap) {
				const char **g = pool_calloc(p, cap = cap ? 2 * cap : 8, sizeof(*g));

				if (n)
					memcpy(g, v, n * sizeof(*g));
				v = g;
			}
			v[n++] = pool_strndup(p, s, (size_t)(end - s));
		}
		text += len;
		text += strspn(text, "\r\n");
	}
	*out = v;
	return n;
}

/* The form's fields as the entry's JSON (domain/directory.h): names as "en: Name"
 * lines, channels as "type value | note" lines, lists separated by commas or spaces. */
static json_t *form_json(struct req *r, const char *country)
{
	json_t *j = json_object(), *names = json_object(), *chans = json_array(),
	       *bases = json_array();
	const char **ls;
	size_t n;

	json_object_set_new(j, "country", json_string(country));
	json_object_set_new(j, "kind", json_string(form_or(r, "kind", "")));
	json_object_set_new(j, "tlp", json_string(form_or(r, "tlp", "AMBER")));
	json_object_set_new(j, "public_part", json_boolean(req_form(r, "public_part") != NULL));
	n = lines(r->pool, form_or(r, "names", ""), &ls);
	for (size_t i = 0; i < n; i++) {
		const char *colon = strchr(ls[i], ':'), *name = colon ? colon + 1 : ls[i];

		while (*name == ' ')
			name++;
		json_object_set_new(names, colon ? pool_strndup(r->pool, ls[i],
				    (size_t)(colon - ls[i])) : "", json_string(name));
	}
	json_object_set_new(j, "names", names);
	json_object_set_new(j, "articles", words(form_or(r, "articles", "")));
	for (size_t i = 0; i < dir_basis_count; i++)
		if (req_form(r, pool_printf(r->pool, "basis-%s", dir_bases[i].key)))
			json_array_append_new(bases, json_string(dir_bases[i].key));
	json_object_set_new(j, "legal_bases", bases);
	json_object_set_new(j, "legal_basis_text", json_string(form_or(r, "legal_basis_text",
								       "")));
	json_object_set_new(j, "languages", words(form_or(r, "languages", "")));
	n = lines(r->pool, form_or(r, "channels", ""), &ls);
	for (size_t i = 0; i < n; i++) {
		size_t t = strcspn(ls[i], " \t");
		const char *value = ls[i] + t, *bar = strchr(value, '|');
		const char *note = bar ? bar + 1 : "";
		size_t vl = bar ? (size_t)(bar - value) : strlen(value);

		while (*value == ' ' || *value == '\t')
			value++, vl--;
		while (vl && (value[vl - 1] == ' ' || value[vl - 1] == '\t'))
			vl--;
		while (*note == ' ')
			note++;
		json_array_append_new(chans, json_pack("{s:s%, s:s%, s:s}", "type", ls[i], t,
						       "value", value, vl, "note", note));
	}
	json_object_set_new(j, "channels", chans);
	json_object_set_new(j, "hours", json_string(form_or(r, "hours", "")));
	json_object_set_new(j, "timezone", json_string(form_or(r, "timezone", "")));
	json_object_set_new(j, "requirements", json_string(form_or(r, "requirements", "")));
	return j;
}

static void entry_form(struct req *r, struct sbuf *b, const char *action, const char *country,
		       const struct dir_entry *en, const char *error)
{
	struct sbuf names, chans, list;
	const char *tlp = form_or(r, "tlp", en ? en->tlp : "AMBER");
	int kind = dir_kind_parse(form_or(r, "kind", en ? dir_kinds[en->kind].key : ""));

	sbuf_init(&names);
	sbuf_init(&chans);
	sbuf_init(&list);
	for (size_t i = 0; en && i < en->nnames; i++)
		sbuf_addf(&names, "%s: %s\n", en->names[i].lang, en->names[i].name);
	for (size_t i = 0; en && i < en->nchannels; i++)
		sbuf_addf(&chans, "%s %s%s%s\n", dir_channels[en->channels[i].kind].key,
			  en->channels[i].value, *en->channels[i].note ? " | " : "",
			  en->channels[i].note);
	web_message(b, error, 1);
	html_fmt(b, "<form method=\"post\" class=\"stacked\" action=\"");
	layout_href(r, b, action);
	html_fmt(b, "\">\n<p>%s: <strong>%s</strong></p>\n<div><label for=\"e-kind\">%s</label>\n",
		 T("Country"), web_country_name(r, country), T("Kind"));
	kind_select(r, b, "e-kind", kind, 0);
	html_fmt(b, "</div>\n<div><label for=\"e-names\">%s</label>\n<textarea id=\"e-names\" "
		 "name=\"names\" rows=\"3\" aria-describedby=\"e-names-hint\">%s</textarea>"
		 "<p id=\"e-names-hint\" class=\"hint\">%s</p></div>\n", T("Names"),
		 form_or(r, "names", sbuf_str(&names)),
		 T("One line per language: a two-letter code, a colon, the name (en: National "
		   "Cybercrime Unit)."));
	html_fmt(b, "<div><label for=\"e-channels\">%s</label>\n<textarea id=\"e-channels\" "
		 "name=\"channels\" rows=\"4\" dir=\"ltr\" aria-describedby=\"e-channels-hint\">"
		 "%s</textarea><p id=\"e-channels-hint\" class=\"hint\">%s</p></div>\n",
		 T("Channels"), form_or(r, "channels", sbuf_str(&chans)),
		 T("One line per channel: phone, email, portal or diplomatic, then the value, "
		   "then optionally | and a note (phone +254201234567 | duty officer)."));
	for (size_t i = 0; en && i < en->narticles; i++)
		sbuf_addf(&list, "%s%s", i ? " " : "", dir_article_ref(r->pool, &en->articles[i]));
	html_fmt(b, "<div><label for=\"e-articles\">%s</label>\n<input id=\"e-articles\" "
		 "name=\"articles\" value=\"%s\" placeholder=\"coe-185/35 un-cc/41\"></div>\n",
		 T("Instrument articles"), form_or(r, "articles", sbuf_str(&list)));
	html_fmt(b, "<fieldset><legend>%s</legend>\n", T("Legal bases accepted"));
	for (size_t i = 0; i < dir_basis_count; i++) {
		const char *name = pool_printf(r->pool, "basis-%s", dir_bases[i].key);
		int on = 0;

		if (r->form)
			on = req_form(r, name) != NULL;
		for (size_t k = 0; !r->form && en && k < en->nbases; k++)
			on |= !strcmp(en->bases[k], dir_bases[i].key);
		html_fmt(b, "<label><input type=\"checkbox\" name=\"%s\"%S> %s</label>\n", name,
			 on ? " checked" : "", T(dir_bases[i].label));
	}
	sbuf_reset(&list);
	for (size_t i = 0; en && i < en->nlanguages; i++)
		sbuf_addf(&list, "%s%s", i ? " " : "", en->languages[i]);
	html_fmt(b, "</fieldset>\n<div><label for=\"e-basis\">%s</label>\n<textarea "
		 "id=\"e-basis\" name=\"legal_basis_text\" rows=\"2\" maxlength=\"%d\">%s"
		 "</textarea></div>\n<div><label for=\"e-languages\">%s</label>\n<input "
		 "id=\"e-languages\" name=\"languages\" value=\"%s\" placeholder=\"en fr\"></div>\n"
		 "<div><label for=\"e-hours\">%s</label>\n<input id=\"e-hours\" name=\"hours\" "
		 "maxlength=\"%d\" value=\"%s\" placeholder=\"24/7\"></div>\n<div><label "
		 "for=\"e-tz\">%s</label>\n<input id=\"e-tz\" name=\"timezone\" value=\"%s\" "
		 "placeholder=\"Africa/Nairobi\" dir=\"ltr\"></div>\n<div><label for=\"e-req\">"
		 "%s</label>\n<textarea id=\"e-req\" name=\"requirements\" rows=\"4\" "
		 "maxlength=\"%d\">%s</textarea></div>\n<div><label for=\"e-tlp\">%s</label>\n"
		 "<select id=\"e-tlp\" name=\"tlp\">\n", T("Other legal basis"), LIMIT_DIR_TEXT,
		 form_or(r, "legal_basis_text", en ? en->basis_text : ""),
		 T("Languages accepted"), form_or(r, "languages", sbuf_str(&list)),
		 T("Working hours"), LIMIT_DIR_NOTE, form_or(r, "hours", en ? en->hours : ""),
		 T("Time zone"), form_or(r, "timezone", en ? en->timezone : ""),
		 T("What a request must contain"), LIMIT_DIR_TEXT,
		 form_or(r, "requirements", en ? en->requirements : ""), T("Sharing label"));
	for (size_t i = 0; i < sizeof(tlps) / sizeof(tlps[0]); i++)
		html_fmt(b, "<option%S>%s</option>\n", !strcmp(tlp, tlps[i]) ? " selected" : "",
			 tlps[i]);
	html_fmt(b, "</select></div>\n<div><label><input type=\"checkbox\" name=\"public_part\""
		 "%S> %s</label></div>\n", (r->form ? req_form(r, "public_part") != NULL :
		 en && en->public_part) ? " checked" : "",
		 T("Show the name and kind to everybody (TLP:CLEAR)"));
	if (en)
		html_fmt(b, "<input type=\"hidden\" name=\"version\" value=\"%S\">\n",
			 pool_printf(r->pool, "%d", en->version));
	web_form_end(r, b, T("Save"));
	sbuf_release(&names);
	sbuf_release(&chans);
	sbuf_release(&list);
}

/* GET the form to add an entry to ?country=, POST it. */
int web_directory_new(struct req *r, struct resp *out)
{
	struct country *c;
	struct dir_entry en;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *error = NULL, *country = arg(r, "country");
	long long id;

	if (r->method == HTTP_POST && req_form_parse(r, &e))
		return http_fail(r, out, &e);
	if (!country && r->form)
		country = req_form(r, "country");
	if (!country)
		return http_error(r, out, 400, "country: required");
	if (country_get(r->store, r->pool, country, &c, &e))
		return http_fail(r, out, &e);
	if (!dir_may_edit(r->actor, c->alpha2))
		return http_error(r, out, 403, "Only the country's focal points and curators "
				  "add its directory entries.");
	if (r->method == HTTP_POST) {
		json_t *j = form_json(r, c->alpha2);
		int rc = dir_from_json(r->pool, j, &en, &e) ||
			 dir_add(r->store, r->actor, &en, &id, &e);

		json_decref(j);
		if (!rc)
			return web_redirect(r, out, pool_printf(r->pool, "/directory/%lld", id));
		if (e.code != ERR_INVALID && e.code != ERR_CONFLICT)
			return http_fail(r, out, &e);
		error = web_msg(r, e.msg);
	}
	web_page_begin(r, out, T("Add a directory entry"), "countries", "no-store");
	web_heading(b, T("Add a directory entry"), NULL);
	entry_form(r, b, pool_printf(r->pool, "/directory/new?country=%s", c->alpha2),
		   c->alpha2, NULL, error);
	layout_end(r, b);
	return 200;
}

/* GET the form to edit entry :id, POST it. */
int web_directory_edit(struct req *r, struct resp *out)
{
	struct dir_entry *old, en;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *error = NULL;
	long long id, version;

	if (entry_id(r, &id))
		return http_error(r, out, 404, "There is no such directory entry.");
	if (dir_get(r->store, r->pool, r->actor, id, &old, &e))
		return http_fail(r, out, &e);
	if (old->only_public || !dir_may_edit(r->actor, old->country))
		return http_error(r, out, 403, "Only the country's focal points and curators "
				  "edit its directory entries.");
	if (r->method == HTTP_POST) {
		json_t *j;
		int rc;

		if (req_form_parse(r, &e))
			return http_fail(r, out, &e);
		if (num_parse(form_or(r, "version", ""), 1, INT_MAX, &version))
			return http_error(r, out, 400, "version: the version the edit was made "
					  "from");
		j = form_json(r, old->country);
		rc = dir_from_json(r->pool, j, &en, &e) ||
		     dir_edit(r->store, r->actor, id, (int)version, &en, &e);
		json_decref(j);
		if (!rc)
			return web_redirect(r, out, pool_printf(r->pool, "/directory/%lld", id));
		if (e.code != ERR_INVALID && e.code != ERR_CONFLICT)
			return http_fail(r, out, &e);
		error = web_msg(r, e.msg);
	}
	web_page_begin(r, out, T("Edit a directory entry"), "countries", "no-store");
	web_heading(b, T("Edit a directory entry"), NULL);
	entry_form(r, b, pool_printf(r->pool, "/directory/%lld/edit", id), old->country, old,
		   error);
	layout_end(r, b);
	return 200;
}

/* ---- a country's contacts ---- */

/* The stale entries of country c the actor acts on (its focal points, curators). */
static int stale_section(struct req *r, struct sbuf *b, const struct country *c,
			 struct err *e)
{
	struct dir_entry *v;
	size_t n, shown = 0;
	int rc;

	if (!dir_may_edit(r->actor, c->alpha2))
		return ERR_OK;
	if ((rc = dir_stale_list(r->store, r->pool, r->actor, &v, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].country, c->alpha2))
			continue;
		if (!shown++)
			html_fmt(b, "<section aria-labelledby=\"stale\" class=\"notice\">\n"
				 "<h2 id=\"stale\">%s</h2>\n<p>%s</p>\n<ul>\n",
				 T("Entries to verify"),
				 T("Not verified for 12 months: check them with the authority, "
				   "update them and ask a curator to verify them."));
		html_fmt(b, "<li><a href=\"/directory/%S%S\">", pool_printf(r->pool, "%lld",
			 v[i].id), layout_q(r));
		entry_name(r, b, &v[i]);
		html_fmt(b, "</a> · %s</li>\n", T(dir_kinds[v[i].kind].label));
	}
	if (shown)
		html_fmt(b, "</ul>\n</section>\n");
	return ERR_OK;
}

int web_country_contacts(struct req *r, struct resp *out)
{
	struct country *c;
	struct dir_query q = { .kind = -1 };
	struct dir_entry *v;
	size_t n;
	struct err e = { 0 };
	struct sbuf *b = &out->body;
	const char *name;

	if (country_get(r->store, r->pool, r->params[0], &c, &e))
		return http_fail(r, out, &e);
	q.country = c->alpha2;
	if (dir_list(r->store, r->pool, r->actor, &q, &v, &n, &e))
		return http_fail(r, out, &e);
	out->cache_control = "no-store";
	if (r->route_data && !strcmp(r->route_data, "vcf")) {
		out->content_type = "text/vcard; charset=utf-8";
		out->disposition = pool_printf(r->pool, "attachment; filename=\"contacts-%s.vcf\"",
					       c->alpha2);
		directory_vcard(b, r->pool, v, n);
		return 200;
	}
	if (r->route_data) {
		out->content_type = "text/csv; charset=utf-8";
		out->disposition = pool_printf(r->pool, "attachment; filename=\"contacts-%s.csv\"",
					       c->alpha2);
		directory_csv(b, r->pool, v, n);
		return 200;
	}
	name = country_name(c, r->lang);
	web_page_begin(r, out, pool_printf(r->pool, "%s: %s", T("Contacts"), name), "countries",
		       "no-store");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/countries/%S%S\">%s</a> › <a "
		 "href=\"/directory%S\">%s</a></p>\n<h1>%s: %s</h1>\n", c->alpha2, layout_q(r),
		 name, layout_q(r), T("Cooperation directory"), T("Contacts"), name);
	if (stale_section(r, b, c, &e))
		return http_fail(r, out, &e);
	if (!n)
		html_fmt(b, "<p class=\"muted\">%s</p>\n",
			 T("No directory entry of this country that you may read."));
	for (size_t i = 0; i < n; i++)
		entry_card(r, b, &v[i], 1, 2);
	html_fmt(b, "<p><a href=\"/countries/%S/contacts.vcf\">vCard</a> · <a "
		 "href=\"/countries/%S/contacts.csv\">CSV</a> · <a "
		 "href=\"/api/v1/directory?country=%S\">JSON</a> · <a "
		 "href=\"/directory/ask?country=%S\">%s</a></p>\n", c->alpha2, c->alpha2,
		 c->alpha2, c->alpha2, T("Who do I ask?"));
	if (dir_may_edit(r->actor, c->alpha2))
		html_fmt(b, "<p><a href=\"/directory/new?country=%S\">%s</a></p>\n", c->alpha2,
			 T("Add a directory entry"));
	layout_end(r, b);
	return 200;
}

int web_country_contacts_section(struct req *r, struct sbuf *b, const struct country *c,
				 struct err *e)
{
	struct dir_query q = { .country = c->alpha2, .kind = -1 };
	struct dir_entry *v;
	size_t n;
	int rc;

	if ((rc = dir_list(r->store, r->pool, r->actor, &q, &v, &n, e)))
		return rc;
	if (!n) {
		html_fmt(b, "<p class=\"muted\">%s</p>\n",
			 T("No directory entry of this country that you may read."));
	} else {
		html_fmt(b, "<ul>\n");
		for (size_t i = 0; i < n; i++) {
			html_fmt(b, "<li><a href=\"/directory/%S%S\">", pool_printf(r->pool,
				 "%lld", v[i].id), layout_q(r));
			entry_name(r, b, &v[i]);
			html_fmt(b, "</a> · %s", T(dir_kinds[v[i].kind].label));
			if (v[i].stale)
				html_fmt(b, " · <strong class=\"tag stale\">%s</strong>",
					 T("stale"));
			html_fmt(b, "</li>\n");
		}
		html_fmt(b, "</ul>\n");
	}
	html_fmt(b, "<p><a href=\"/countries/%S/contacts%S\">%s</a></p>\n", c->alpha2,
		 layout_q(r), T("All contacts, vCard and CSV"));
	return ERR_OK;
}

int web_home_directory(struct req *r, struct sbuf *b, struct err *e)
{
	struct dir_entry *v;
	size_t n;
	int rc;

	if (!r->actor || !r->actor->user_id || r->actor->role != ROLE_FOCAL_POINT ||
	    !r->actor->country)
		return ERR_OK;
	if ((rc = dir_stale_list(r->store, r->pool, r->actor, &v, &n, e)) || !n)
		return rc;
	html_fmt(b, "<section aria-labelledby=\"home-stale\">\n<h2 id=\"home-stale\">%s</h2>\n"
		 "<p>%s</p>\n<ul>\n", T("Directory entries to verify"),
		 T("Not verified for 12 months: check them with the authority, update them and "
		   "ask a curator to verify them."));
	for (size_t i = 0; i < n; i++) {
		html_fmt(b, "<li><a href=\"/directory/%S%S\">", pool_printf(r->pool, "%lld",
			 v[i].id), layout_q(r));
		entry_name(r, b, &v[i]);
		html_fmt(b, "</a> · %s</li>\n", T(dir_kinds[v[i].kind].label));
	}
	html_fmt(b, "</ul>\n</section>\n");
	return ERR_OK;
}
