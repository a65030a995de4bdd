/* web: HTML handlers. Each decodes its request, asks the domain, and renders with
 * src/view. */
#ifndef WEB_WEB_H
#define WEB_WEB_H

#include "core/num.h"
#include "domain/limits.h"
#include "http/http.h"

struct article;
struct country;
struct region;
struct expression;

struct record;

int web_home(struct req *r, struct resp *out);
/* /about, /help, /contact: what the repository is, how to search, read the labels
 * and cite a provision, whom to ask (src/web/about.c). */
int web_about(struct req *r, struct resp *out);
int web_help(struct req *r, struct resp *out);
int web_contact(struct req *r, struct resp *out);
/* When version i of xs (a work's versions, newest first) is in force, in r's language:
 * "in force from 2019-01-01 until 2021-06-30", "in force since ...", "repealed · ...",
 * "waiting for review". In r's pool. */
const char *web_version_period(struct req *r, const struct expression *xs, size_t i);
/* The operator's address that /contact shows (the setting contact: an e-mail or an
 * http(s) address, already checked); "" or NULL: none. Once, before the server starts;
 * the string must outlive it. */
void web_set_contact(const char *address);
int web_search(struct req *r, struct resp *out);
int web_signin(struct req *r, struct resp *out);		/* GET form, POST sign in */
int web_signout(struct req *r, struct resp *out);		/* POST */
int web_account(struct req *r, struct resp *out);
int web_account_password(struct req *r, struct resp *out);	/* POST */
int web_admin_users(struct req *r, struct resp *out);		/* GET, POST (admins) */
/* API tokens (src/web/tokens.c): the account's own, and every account's for admins. */
int web_account_tokens(struct req *r, struct resp *out);	/* GET list, POST create */
int web_account_tokens_revoke(struct req *r, struct resp *out);	/* POST */
int web_admin_tokens(struct req *r, struct resp *out);		/* GET (admins) */
int web_admin_tokens_revoke(struct req *r, struct resp *out);	/* POST (admins) */
/* The audit log (src/web/audit.c): admins all of it, curators the entries about
 * records. */
int web_admin_audit(struct req *r, struct resp *out);		/* GET */
int web_countries(struct req *r, struct resp *out);
int web_country(struct req *r, struct resp *out);
int web_regions(struct req *r, struct resp *out);
int web_region(struct req *r, struct resp *out);
int web_instruments(struct req *r, struct resp *out);
int web_instrument(struct req *r, struct resp *out);
int web_article(struct req *r, struct resp *out);
/* /coverage (route_data NULL) and /coverage.csv (route_data non-NULL): the matrix of
 * countries by articles; /coverage/map: the world map. */
int web_coverage(struct req *r, struct resp *out);
int web_coverage_map(struct req *r, struct resp *out);
/* The coverage section of country c's profile (its scores, gaps, timeline and the
 * articles by category with their evidence), at the page's ?at=. */
int web_country_coverage(struct req *r, struct sbuf *b, const struct country *c,
			 struct err *e);
/* POST /countries/:code/coverage/:action (assess, withdraw, dispute, comment,
 * decide): the profile's forms, each through domain/coverage.h; back to the profile. */
int web_country_coverage_post(struct req *r, struct resp *out);
/* The needs (src/web/needs.c): /countries/:code/needs (the page with the forms),
 * the profile's Needs section (the top three), POST /countries/:code/needs/:action
 * (state, close), /needs and /needs.csv (route_data non-NULL) with ?region=,
 * ?topic=, ?target=. */
int web_country_needs_page(struct req *r, struct resp *out);
int web_country_needs(struct req *r, struct sbuf *b, const struct country *c,
		      struct err *e);
int web_country_needs_post(struct req *r, struct resp *out);
int web_needs(struct req *r, struct resp *out);
/* Questionnaire campaigns (src/web/campaign.c, domain/campaign.h): /campaigns (GET
 * the list, with the form that opens one for curators; POST opens it),
 * /campaigns/:id, POST /campaigns/:id/publish (the aggregates), the answer of one
 * country /campaigns/:id/answers/:code (its form; :code "KE.csv": the CSV; with
 * route_data non-NULL, /campaigns/:id/answers/:code/print: the printable page) and
 * POST /campaigns/:id/answers/:code/:action (save, submit, return, accept, reopen,
 * upload, carry). */
int web_campaigns(struct req *r, struct resp *out);
int web_campaign(struct req *r, struct resp *out);
int web_campaign_publish(struct req *r, struct resp *out);
int web_campaign_answer(struct req *r, struct resp *out);
int web_campaign_answer_post(struct req *r, struct resp *out);
/* The home page's list of the campaigns open for a focal point's country, with its
 * status in each (nothing for anybody else, nor when none is open). */
int web_home_campaigns(struct req *r, struct sbuf *b, struct err *e);
/* The profile's "Questionnaires" section: the campaigns that asked country c (the
 * status where the visitor may see it) and, from two answers on, the change per
 * dimension. */
int web_country_campaigns(struct req *r, struct sbuf *b, const struct country *c,
			  struct err *e);
int web_needs_weights_post(struct req *r, struct resp *out);	/* POST /needs/weights */
/* Technical assistance (src/web/assist.c, assist_lists.c; domain/assist.h):
 * /assistance (GET the requests with ?country=, ?region=, ?topic=, ?stage=,
 * ?urgency= and the counts by stage; POST adds a request) and /assistance.csv
 * (route_data non-NULL), the request page /assistance/:id (route_data non-NULL:
 * /assistance/requests/:id, 301 to it once the request is read) and its forms' posts
 * /assistance/:id/:action (move, confirm, answer, fund, evaluate), /assistance/offers
 * (GET, POST offers; .csv with route_data), POST /assistance/offers/:id/withdraw, a
 * provider's page /assistance/providers/:org (:org "NAME.csv": its matches as CSV),
 * a donor's /assistance/donors/:org (:org "NAME.csv": its funding as CSV), /assistance/overlaps and
 * /assistance/totals?by= (each .csv with route_data). A request the visitor may not
 * read is 404 on every one. */
int web_assistance(struct req *r, struct resp *out);
int web_assistance_request(struct req *r, struct resp *out);
int web_assistance_post(struct req *r, struct resp *out);
int web_assistance_offers(struct req *r, struct resp *out);
int web_assistance_offer_withdraw(struct req *r, struct resp *out);
int web_assistance_provider(struct req *r, struct resp *out);
int web_assistance_donor(struct req *r, struct resp *out);
int web_assistance_overlaps(struct req *r, struct resp *out);
int web_assistance_totals(struct req *r, struct resp *out);
/* The profile's "Assistance" section: country c's requests the visitor may read by
 * stage, its activities delivered (ended by today), the people trained and the
 * stated needs its requests met. */
int web_country_assistance(struct req *r, struct sbuf *b, const struct country *c,
			   struct err *e);
/* On the review queue, for those who decide them: the open disputes of coverage
 * statuses, oldest first, each linked to its country's profile. */
int web_review_disputes(struct req *r, struct sbuf *b, struct err *e);
/* The coverage section of region g's page: the articles least covered by its
 * countries, and the share of them covering each article; at the page's ?at=. */
int web_region_coverage(struct req *r, struct sbuf *b, const struct region *g,
			struct err *e);
/* The coverage section of an article's page: the countries covering it, partly or
 * not, by region, with their evidence; at the page's ?at=. */
int web_article_coverage(struct req *r, struct sbuf *b, const struct article *a,
			 struct err *e);
/* The repository (src/web/repo*.c): legislation, case law, lessons learned, review. */
int web_laws(struct req *r, struct resp *out);
int web_laws_import(struct req *r, struct resp *out);		/* GET form, POST import */
int web_akn(struct req *r, struct resp *out);		/* /akn/...: work, provision, history, diff */
int web_work(struct req *r, struct resp *out);		/* /works/:id -> its /akn/ page */
int web_work_mappings(struct req *r, struct resp *out);	/* POST: accept, reject, add */
int web_work_suggest(struct req *r, struct resp *out);	/* POST: compute suggestions */
/* The pages of a record kind (src/web/repo_records.c), the kind (struct kind) being
 * the route's data: its list, a record's page, and the form (/new, /:id/edit). */
int web_kind_list(struct req *r, struct resp *out);
int web_kind_page(struct req *r, struct resp *out);
int web_kind_form(struct req *r, struct resp *out);	/* GET form, POST save */
int web_review(struct req *r, struct resp *out);
int web_record_status(struct req *r, struct resp *out);	/* POST /records/:id/status */
/* web/share.c */
int web_record_sharing_post(struct req *r, struct resp *out);	/* POST /records/:id/sharing */
int web_record_change(struct req *r, struct resp *out);	/* POST /records/:id/change */
int web_shared(struct req *r, struct resp *out);	/* /shared: grants to private sector and
							 * civil society (public) */
/* The sharing section of a record's page, for those who may change the record. */
void web_record_sharing(struct req *r, struct sbuf *b, const struct record *rec);

/* Whether the request comes from an account signed in with a browser (not by API
 * token: a token cannot manage the account or its tokens). */
int web_signed_in(const struct req *r);
/* Whether the request may use the admin pages: a signed-in admin in a browser (not
 * by API token), wherever it comes from. The one check of every admin page. */
int web_is_admin(const struct req *r);
/* The navigation between the admin pages, current (a path such as "/admin/users")
 * marked as the current page. */
void web_admin_nav(struct req *r, struct sbuf *b, const char *current);

/* The parts of every page (src/web/page.c). */
/* Begin an HTML page in out: its content type, Cache-Control when cache_control is
 * not NULL ("no-store" for forms and private pages), and the layout's head and
 * navigation (title, section: see layout_begin). */
void web_page_begin(struct req *r, struct resp *out, const char *title, const char *section,
		    const char *cache_control);
/* <h1>heading</h1>, then <p>intro</p> when intro is not NULL (text, escaped here). */
void web_heading(struct sbuf *b, const char *heading, const char *intro);
/* A notice (error 0) or an error message (role alert) when message is not NULL. */
void web_message(struct sbuf *b, const char *message, int error);
/* A message of the domain (an error with its values) in r's language: the names of
 * the account, token and organisation forms' fields show as their labels (see
 * layout_msg). In r's pool. */
const char *web_msg(struct req *r, const char *msg);
/* Open a <table> with a head row of column labels (msgids, translated here; NULL
 * ends the list) and its <tbody>. */
void web_table_begin(struct req *r, struct sbuf *b, const char *const *labels);
/* The end of a POST form: the form token, the submit button labelled button, and
 * </form>. */
void web_form_end(struct req *r, struct sbuf *b, const char *button);

/* Helpers shared by the repository pages. */
/* What a form posted to a record does to record id, its form parsed: returns 0 when
 * done; otherwise the error in e, or (e untouched) the answer written in out. */
typedef int web_record_act(struct req *r, struct resp *out, long long id, struct err *e);
/* POST /records/:id/...: 404 for an id that is no number, parse the form, act, then
 * answer 303 to /review (form field back=review) or to the record's page. Returns
 * the status. */
int web_record_post(struct req *r, struct resp *out, web_record_act *act);
/* path with every byte but unreserved ones, '/', '@', ':' and '~' percent-encoded, in
 * r's pool: safe in an attribute and as a Location. */
const char *web_path_enc(const struct req *r, const char *path);
/* Answer 303 See Other to path (a local path this program built), keeping an
 * explicit ?lang= choice. Returns 303. */
int web_redirect(struct req *r, struct resp *out, const char *path);
/* The page of a record: /akn/... for legislation (looked up), /cases/ID, /lessons/ID
 * (pool string). */
const char *web_record_path(struct req *r, const struct record *rec);
/* The facts every record has (country, language, status, TLP, revision, created and
 * changed), as <dt>/<dd> pairs inside an open <dl>. */
void web_record_facts(struct req *r, struct sbuf *b, const struct record *rec);
/* A <select> of the TLP labels named name (id f-NAME), value selected (NULL or "":
 * CLEAR). */
void web_tlp_select(struct sbuf *b, const char *name, const char *value);
/* The review section of a record's page: its status, the workflow buttons when the
 * actor may use them, and its earlier revisions; nothing for those who may neither
 * edit nor publish the record (the public, readers). */
void web_record_workflow(struct req *r, struct sbuf *b, const struct record *rec);
/* The display name of country code cc in the request's language, or cc. */
const char *web_country_name(struct req *r, const char *cc);
/* A <select name="name"> of every country (sorted for the reader), with an empty
 * first option labelled empty_label; selected is an alpha-2 code or NULL. */
void web_country_select(struct req *r, struct sbuf *b, const char *name, const char *selected,
			const char *empty_label);
/* The section "National provisions implementing this article" of an article page:
 * accepted mappings of published TLP:CLEAR works only (the page is cached for
 * everybody), grouped by country. */
void web_article_provisions(struct req *r, struct sbuf *b, const char *instrument, int number);

/* The cooperation directory (src/web/directory.c, domain/directory.h): /directory
 * (route data non-NULL: its CSV), /directory/ask, /directory/:id, POST
 * /directory/:id/verify, the forms /directory/new?country= and /directory/:id/edit
 * (GET, POST), /countries/:code/contacts (route data "vcf" or "csv": the exports)
 * and the profile's "Contacts" section. */
int web_directory(struct req *r, struct resp *out);
int web_directory_ask(struct req *r, struct resp *out);
int web_directory_entry(struct req *r, struct resp *out);
int web_directory_verify(struct req *r, struct resp *out);
int web_directory_new(struct req *r, struct resp *out);
int web_directory_edit(struct req *r, struct resp *out);
int web_country_contacts(struct req *r, struct resp *out);
int web_country_contacts_section(struct req *r, struct sbuf *b, const struct country *c,
				 struct err *e);
/* The home page's list of a focal point's country's stale directory entries (nothing
 * for others, or when none is stale). */
int web_home_directory(struct req *r, struct sbuf *b, struct err *e);

/* Developments (src/web/developments.c, domain/dev.h): GET /developments (the page;
 * POST: a signed-in account makes a feed token for the query it posts and sees the
 * private feed's address once) and GET /feeds/developments.atom (the Atom feed). */
struct dev;
int web_developments(struct req *r, struct resp *out);
int web_feed_developments(struct req *r, struct resp *out);
/* The authority and date of the feeds' tag URIs: the setting feed-authority
 * ("HOST[,DATE]"; "" the host's name). Once, before the server starts. */
void web_set_feed_authority(const char *setting);
/* Link the head of the page about to begin to the developments feed of query (a
 * query string of domain/dev's, "country=KE"; "" every development), titled title. */
void web_feed_link(struct req *r, const char *query, const char *title);
/* A development's title ("Law adopted: Cybercrimes Act (Kenya)", text) and its summary
 * as HTML (links prefixed with base: "" on a page, "https://host" in a feed), in r's
 * language. */
const char *web_dev_title(struct req *r, const struct dev *d);
void web_dev_summary(struct req *r, struct sbuf *b, const struct dev *d, const char *base);

/* The HTML error page (registered with http_set_error_page). */
void web_error_page(struct req *r, struct resp *out, int status, const char *title,
		    const char *detail);

/* Reports (src/web/report.c, domain/report.h): GET /reports and /reports/new (the
 * form, the saved reports; POST /reports/new saves the report posted), GET
 * /reports/view and /reports/view.csv (route data "csv") made from the query string,
 * GET /reports/:id and /reports/:id/:file (TABLE.csv, commission.md), GET
 * /reports/:id/again (made again, compared), POST /reports/:id/prose. */
int web_reports(struct req *r, struct resp *out);
int web_report_view(struct req *r, struct resp *out);
int web_report_save(struct req *r, struct resp *out);
int web_report(struct req *r, struct resp *out);
int web_report_again(struct req *r, struct resp *out);
int web_report_prose(struct req *r, struct resp *out);
/* Report rep as a whole HTML document of its own (its print style inside) in r's
 * language, for the command line (r needs a pool, a store and a language). */
struct report;
void web_report_document(struct req *r, struct sbuf *b, const struct report *rep);

#endif
