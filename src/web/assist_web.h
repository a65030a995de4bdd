/* assist_web: what the pages of technical assistance (src/web/assist*.c) share; not
 * for other modules. Every rule is the domain's (domain/assist.h): these only name
 * its keys in the page's language and write amounts and links. */
#ifndef WEB_ASSIST_WEB_H
#define WEB_ASSIST_WEB_H

#include "domain/assist.h"
#include "domain/user.h"
#include "http/http.h"

/* The currencies' minor units met on one page (a cache in front of
 * assist_currency_get). */
#define AW_CURRENCIES 32
struct aw_ctx {
	struct req *r;
	size_t ncur;
	char code[AW_CURRENCIES][4];
	int minor[AW_CURRENCIES];
	struct org *orgs;		/* every organisation, read once (aw_org) */
	size_t norgs;
	int orgs_read;
};
void aw_ctx_init(struct aw_ctx *k, struct req *r);
/* The digits after the point of currency code, or -1 when unknown (ctx: a struct
 * aw_ctx; export/assist_csv.h's assist_csv_minor_fn). */
int aw_minor(void *ctx, const char *code);
/* amount of currency code as the page writes it: "1,234.50 EUR" (the integer part
 * grouped as the language groups numbers). In r's pool. */
const char *aw_amount(struct aw_ctx *k, const char *code, long long amount);
/* The organisation with id, or NULL. */
const struct org *aw_org(struct aw_ctx *k, long long id);
/* The organisation of the signed-in account, or NULL. */
const struct org *aw_own_org(struct aw_ctx *k);

/* The labels (msgids) of the delivery modes, in assist_modes[] order. */
#define AW_MODES 4
extern const char *const aw_mode_labels[AW_MODES];
/* Names in r's language: a topic key, a list of target keys or of modes ("police,
 * judges" -> "police, judges"), a stage, an urgency (1..3). In r's pool or static. */
const char *aw_topic(struct req *r, const char *key);
const char *aw_targets(struct req *r, const char *list);
const char *aw_modes(struct req *r, const char *list);
const char *aw_stage(struct req *r, int stage);
const char *aw_urgency(struct req *r, int urgency);
/* A domain message in r's language, the forms' field names shown as their labels. */
const char *aw_msg(struct req *r, const char *msg);

/* The same for the activity and training forms (their own labels). */
const char *aw_msg_activity(struct req *r, const char *msg);
/* Whether the actor is a curator or an admin (ACT_MATCH: confirms matches). */
int aw_curator(const struct req *r);
/* A link to request q: its title, "#id" before it. */
void aw_request_link(struct req *r, struct sbuf *b, const struct assist_request *q);
/* A link to the provider or donor page of organisation name (kind "providers" or
 * "donors"). */
void aw_org_link(struct req *r, struct sbuf *b, const char *kind, const char *name);
/* The checkboxes of a list field name: every key of keys (n of them; labels[i] a
 * msgid, NULL: the key) checked when in list (comma-separated). */
void aw_checkboxes(struct req *r, struct sbuf *b, const char *name, const char *legend,
		   const char *const *keys, const char *const *labels, size_t n,
		   const char *list);
/* The values of form field name, every occurrence (checkboxes), joined with commas,
 * in r's pool; NULL when there is none. */
const char *aw_form_list(struct req *r, const char *name);
/* A form field's value as posted, or dflt (a page shown again after an error keeps
 * what was typed). */
const char *aw_form_or(const struct req *r, const char *name, const char *dflt);
/* Rows a list page shows at once (the CSV has them all). */
#define AW_PAGE_ROWS 100
/* The page of a list of n rows that ?page= asks for (1 when absent, not a number or
 * past the last), and its rows [*from, *to). */
int aw_page(struct req *r, size_t n, size_t *from, size_t *to);
/* "N rows: A–B" and the links to the pages before and after: base is the list's
 * path with its query (escaped for HTML, "?" or "&amp;" follows as needed). Nothing
 * when n fits on one page. */
void aw_pager(struct req *r, struct sbuf *b, const char *base, size_t n, int page);
/* Answer out as a CSV download named file ("assistance.csv"). Returns 200. */
int aw_csv_begin(struct req *r, struct resp *out, const char *file);

/* The activities and trainings of request q (assist_activity.c): a section of its
 * page, with the forms who (enum assist_who) may use; error above the form that
 * records an activity. */
int aw_activities(struct req *r, struct sbuf *b, const struct assist_request *q, unsigned who,
		  const char *error, struct err *e);
/* The posts of those forms to /assistance/:id/activity, .../training (field activity,
 * ROLE_GENDER counts, total, pre, post) and .../activity_evaluate (activity, rating,
 * closed): 0 when done, else the error in e. */
int aw_act_activity(struct req *r, long long id, struct err *e);
int aw_act_training(struct req *r, long long id, struct err *e);
int aw_act_activity_evaluate(struct req *r, long long id, struct err *e);

/* Whether the actor may add a request for country (NULL: for some country). */
int aw_may_request(const struct req *r, const char *country);

/* The forms of a request (assist_form.c). */
/* A <select id=id name=name> of the topics, sel selected; any: an empty first choice. */
void aw_topic_select(struct req *r, struct sbuf *b, const char *id, const char *name,
		     const char *sel, int any);
/* The form that adds a request (q NULL: POST /assistance; focal points for their
 * country, curators for any) or edits q (POST /assistance/ID/edit with its revision,
 * the country fixed), filled from q or, when a post was refused, from what was typed;
 * error above it. */
void aw_request_form(struct req *r, struct sbuf *b, const char *error,
		     const struct assist_request *q);
/* The request that form posted, its fields as typed (in r's pool). */
void aw_request_in(struct req *r, struct assist_request_in *in);

#endif
