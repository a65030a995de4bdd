/* What the pages of technical assistance share (contract in web/assist_web.h): the
 * names of the domain's keys in the page's language, amounts, links, form fields. */
#include <limits.h>
#include <string.h>

#include "core/num.h"
#include "domain/assist.h"
#include "domain/country.h"
#include "domain/needs.h"
#include "domain/record.h"
#include "export/assist_csv.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/assist_web.h"
#include "web/web.h"

#define T(s) layout_t(r, s)
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

void aw_ctx_init(struct aw_ctx *k, struct req *r)
{
	memset(k, 0, sizeof(*k));
	k->r = r;
}

int aw_minor(void *ctx, const char *code)
{
	struct aw_ctx *k = ctx;
	struct assist_currency *c;

	for (size_t i = 0; i < k->ncur; i++)
		if (!strcmp(k->code[i], code))
			return k->minor[i];
	if (assist_currency_get(k->r->store, k->r->pool, code, &c, NULL))
		return -1;
	if (k->ncur < AW_CURRENCIES) {
		memcpy(k->code[k->ncur], c->code, 4);
		k->minor[k->ncur++] = c->minor;
	}
	return c->minor;
}

const char *aw_amount(struct aw_ctx *k, const char *code, long long amount)
{
	struct req *r = k->r;
	int minor = aw_minor(k, code);
	long long unit = 1;

	if (minor < 0)
		return pool_printf(r->pool, "%lld (%s)", amount, code);
	for (int i = 0; i < minor; i++)
		unit *= 10;
	if (!minor)
		return pool_printf(r->pool, "%s %s", layout_number(r, amount), code);
	return pool_printf(r->pool, "%s.%0*lld %s", layout_number(r, amount / unit), minor,
			   amount % unit, code);
}

static void aw_orgs_read(struct aw_ctx *k)
{
	if (!k->orgs_read && org_list(k->r->store, k->r->pool, &k->orgs, &k->norgs, NULL))
		k->norgs = 0;
	k->orgs_read = 1;
}

const struct org *aw_org(struct aw_ctx *k, long long id)
{
	aw_orgs_read(k);
	for (size_t i = 0; i < k->norgs; i++)
		if (k->orgs[i].id == id)
			return &k->orgs[i];
	return NULL;
}

const struct org *aw_own_org(struct aw_ctx *k)
{
	const struct actor *a = k->r->actor;

	return a && a->user_id && a->org_id ? aw_org(k, a->org_id) : NULL;
}

const char *aw_topic(struct req *r, const char *key)
{
	const struct need_term_def *t = needs_topic(key);

	return t ? T(t->name) : key;
}

/* list's items, each named by name(), joined with ", ". */
static const char *aw_list(struct req *r, const char *list,
			   const char *(*name)(struct req *, const char *))
{
	const char *out = "";

	for (const char *at = list; at && *at;) {
		size_t len = strcspn(at, ",");
		const char *item = name(r, pool_strndup(r->pool, at, len));

		out = *out ? pool_printf(r->pool, "%s, %s", out, item) : item;
		at += len + (at[len] != 0);
	}
	return out;
}

static const char *aw_target(struct req *r, const char *key)
{
	const struct need_term_def *t = needs_target(key);

	return t ? T(t->name) : key;
}

const char *aw_targets(struct req *r, const char *list)
{
	return aw_list(r, list, aw_target);
}

const char *const aw_mode_labels[AW_MODES] = { "in person", "online", "mentoring",
					       "equipment" };

static const char *aw_mode(struct req *r, const char *key)
{
	for (size_t i = 0; assist_modes[i] && i < NELEM(aw_mode_labels); i++)
		if (!strcmp(key, assist_modes[i]))
			return T(aw_mode_labels[i]);
	return key;
}

const char *aw_modes(struct req *r, const char *list)
{
	return aw_list(r, list, aw_mode);
}

const char *aw_stage(struct req *r, int stage)
{
	return stage >= 0 && stage < AS_STAGE_COUNT ? T(assist_stage_titles[stage]) : "";
}

const char *aw_urgency(struct req *r, int urgency)
{
	return T(urgency >= 3 ? "high" : urgency == 2 ? "medium" : "low");
}

const char *aw_msg(struct req *r, const char *msg)
{
	static const struct i18n_name fields[] = {
		{ "country", "Country" }, { "title", "Title" }, { "topic", "Topic" },
		{ "beneficiary", "Beneficiary institution" }, { "targets", "Target groups" },
		{ "languages", "Languages" }, { "date_from", "Preferred start" },
		{ "date_to", "Preferred end" }, { "urgency", "Urgency" },
		{ "modes", "Delivery modes" }, { "budget_currency", "Budget currency" },
		{ "budget_amount", "Budget" }, { "needs", "Needs answered" },
		{ "description", "Description" }, { "tlp", "Sharing label" },
		{ "comment", "Comment" }, { "offer", "Offer" }, { "donor", "Donor" },
		{ "currency", "Currency" }, { "amount", "Amount" }, { "on_date", "Date" },
		{ "org", "Organisation" }, { "rating", "Rating" }, { "topics", "Topics" },
		{ "regions", "Regions" }, { "capacity", "Activities a year" },
		{ "period_from", "Offered from" }, { "period_to", "Offered until" },
	};

	return layout_msg(r, msg, fields, NELEM(fields));
}

const char *aw_msg_activity(struct req *r, const char *msg)
{
	static const struct i18n_name fields[] = {
		{ "title", "Title" }, { "date_from", "From" }, { "date_to", "To" },
		{ "mode", "Delivery mode" }, { "place", "Place" }, { "language", "Language" },
		{ "providers", "Providers" }, { "description", "Description" },
		{ "total", "Declared total" }, { "pre", "Pre-test mean score" },
		{ "post", "Post-test mean score" }, { "rating", "Rating" },
		{ "activity", "Activity" },
	};

	return layout_msg(r, msg, fields, NELEM(fields));
}

int aw_curator(const struct req *r)
{
	return !record_allow(r->actor, ACT_MATCH, NULL, NULL);
}

int aw_may_request(const struct req *r, const char *country)
{
	struct record rec = { .country = country ? country : r->actor ? r->actor->country :
				NULL };

	if (aw_curator(r))
		return 1;
	return rec.country && !record_allow(r->actor, ACT_ASSIST, &rec, NULL);
}

void aw_request_link(struct req *r, struct sbuf *b, const struct assist_request *q)
{
	html_fmt(b, "<a href=\"");
	layout_href(r, b, pool_printf(r->pool, "/assistance/%lld", q->id));
	html_fmt(b, "\">#%S %s</a>", pool_printf(r->pool, "%lld", q->id), q->title);
}

void aw_org_link(struct req *r, struct sbuf *b, const char *kind, const char *name)
{
	struct sbuf path;

	sbuf_init(&path);
	html_url(&path, name ? name : "");
	html_fmt(b, "<a href=\"/assistance/%S/%S%S\">%s</a>", kind, sbuf_str(&path),
		 layout_q(r), name);
	sbuf_release(&path);
}

void aw_checkboxes(struct req *r, struct sbuf *b, const char *name, const char *legend,
		   const char *const *keys, const char *const *labels, size_t n,
		   const char *list)
{
	html_fmt(b, "<fieldset class=\"choices\"><legend>%s</legend>\n", legend);
	for (size_t i = 0; i < n; i++)
		html_fmt(b, "<label><input type=\"checkbox\" name=\"%s\" value=\"%s\"%S> %s"
			 "</label>\n", name, keys[i], assist_list_has(list, keys[i]) ?
			 " checked" : "", labels && labels[i] ? T(labels[i]) : keys[i]);
	html_fmt(b, "</fieldset>\n");
}

const char *aw_form_list(struct req *r, const char *name)
{
	const char *out = NULL;

	for (int i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].name, name) && r->form[i].value && *r->form[i].value)
			out = out ? pool_printf(r->pool, "%s,%s", out, r->form[i].value) :
				    r->form[i].value;
	return out;
}

const char *aw_form_or(const struct req *r, const char *name, const char *dflt)
{
	const char *v = r->form ? req_form(r, name) : NULL;

	return v ? v : dflt;
}

int aw_page(struct req *r, size_t n, size_t *from, size_t *to)
{
	long long page = 1, last = n ? (long long)((n + AW_PAGE_ROWS - 1) / AW_PAGE_ROWS) : 1;
	const char *arg = req_arg(r, "page");

	if (!arg || num_parse(arg, 1, last, &page))
		page = 1;
	*from = (size_t)(page - 1) * AW_PAGE_ROWS;
	*to = *from + AW_PAGE_ROWS < n ? *from + AW_PAGE_ROWS : n;
	return (int)page;
}

void aw_pager(struct req *r, struct sbuf *b, const char *base, size_t n, int page)
{
	size_t from = (size_t)(page - 1) * AW_PAGE_ROWS, to = from + AW_PAGE_ROWS < n ?
			from + AW_PAGE_ROWS : n;
	const char *sep = strchr(base, '?') ? "&amp;" : "?";

	if (n <= AW_PAGE_ROWS)
		return;
	html_fmt(b, "<nav class=\"pager\" aria-label=\"%s\"><p>%s", T("Pages"),
		 layout_plural(r, (long long)n, "{n} row|{n} rows"));
	html_fmt(b, ": %s–%s", layout_number(r, (long long)from + 1),
		 layout_number(r, (long long)to));
	if (page > 1)
		html_fmt(b, " · <a rel=\"prev\" href=\"%S%Spage=%d\">%s</a>", base, sep, page - 1,
			 T("Previous"));
	if (to < n)
		html_fmt(b, " · <a rel=\"next\" href=\"%S%Spage=%d\">%s</a>", base, sep, page + 1,
			 T("Next"));
	html_fmt(b, "</p></nav>\n");
}

int aw_csv_begin(struct req *r, struct resp *out, const char *file)
{
	out->content_type = "text/csv; charset=utf-8";
	out->disposition = pool_printf(r->pool, "attachment; filename=\"%s\"", file);
	return out->status = 200;
}
