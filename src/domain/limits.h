/* limits: every limit on what people and programs send, in one table. The handlers
 * (src/web, src/api, src/cli) and the domain check against these names and never
 * against a number of their own; docs/api.md lists them. Numbers are parsed with
 * num_parse() (src/core/num.h). Limits of formats (AKN_MAX_*, TEXT_MAX_SIZE,
 * BUNDLE_MAX_BYTES), of kinds' fields (record.c, caselaw.c, lesson.c) and of the
 * server (--max-body, connections) stay with the module that owns them.
 *
 *   name                    value  what
 */
#ifndef DOMAIN_LIMITS_H
#define DOMAIN_LIMITS_H

#define LIMIT_OFFSET_MAX      10000	/* rows a page may skip: every list, the
					 * search, the audit log, shared-with log */
#define LIMIT_PAGE_MAX        500	/* rows of one page of an API list (?limit=) */
#define LIMIT_PAGE_DEFAULT    100	/* ... when ?limit= is not given */
#define LIMIT_AUDIT_PAGE_MAX  200	/* entries of one page of /admin/audit */
#define LIMIT_AUDIT_LIST_MAX  1000	/* entries ccrepo audit list prints */
#define LIMIT_NOTE            1000	/* bytes of the note of a status change or a
					 * review decision */
#define LIMIT_MAPPING_COMMENT 2000	/* bytes of the comment on a mapping */
#define LIMIT_EID             500	/* bytes of a provision's eId (in a path) */
#define LIMIT_TYPE            40	/* bytes of a law's type word (act, code) */
#define LIMIT_VERSION         60	/* bytes of a version (eng@2018-05-30) named in
					 * a review decision */
#define LIMIT_ARTICLE_REF     80	/* bytes of an article reference (un-cc/7) */
#define LIMIT_QUERY           1000	/* bytes of a search query in the forms */
#define LIMIT_FILTER          200	/* bytes of a filter's text (/admin/audit) */
#define LIMIT_NEXT_PATH       500	/* bytes of the page to go back to after
					 * signing in (?next=) */
#define LIMIT_LIST_PAGE       100	/* rows of one list page (/laws,
					 * /admin/shared) */
#define LIMIT_KIND_LIST       500	/* records of a kind on its list page (/cases) */
#define LIMIT_COV_PAGE        50	/* countries on one page of the coverage matrix
					 * (/coverage) */
#define LIMIT_PROFILE_ROWS    50	/* laws, cases or lessons listed on a country's
					 * profile; the rest through a link to the list */
#define LIMIT_AUDIT_PAGE_DEFAULT 50	/* entries of /admin/audit without ?limit= */
#define LIMIT_RESOLVE_CODES   1000	/* codes in one /api/v1/countries/resolve */
#define LIMIT_NAME            200	/* bytes of a name: a country to resolve, an
					 * organisation, a sharing group or reader */
#define LIMIT_LONG_TITLE      4000	/* bytes of a version's long title */
#define LIMIT_EXTENT          60	/* bytes of a version's extent (E+W+S+N.I.) */
#define LIMIT_WARNINGS_SHOWN  200	/* an import's warnings listed on its page */
#define LIMIT_COV_NOTE        4000	/* bytes of a coverage assessment's note, a
					 * dispute's comment or decision */
#define LIMIT_COV_COUNTRIES   300	/* countries named in one coverage query */
#define LIMIT_NEED_NOTE       2000	/* bytes of a stated need's note, or of the
					 * note closing it */
#define LIMIT_NEED_COUNTRIES  300	/* countries listed with one shared need */
#define LIMIT_NEED_PAGE       200	/* needs listed on /needs and in one JSON
					 * answer without ?country= */
#define LIMIT_MAPPING_FILE    4000000	/* bytes of a file of curators' mappings
					 * (ccrepo map --file) */
#define LIMIT_QN_BYTES        1000000	/* bytes of a questionnaire template (JSON) */
#define LIMIT_QN_QUESTIONS    200	/* questions of one template */
#define LIMIT_QN_OPTIONS      30	/* options of a choice question */
#define LIMIT_QN_ARTICLES     20	/* articles one question names */
#define LIMIT_QN_TEXT         2000	/* bytes of a template's text: a title,
					 * question, help, stage or option */
#define LIMIT_QN_ID           64	/* bytes of a template's, question's or
					 * option's id */
#define LIMIT_QN_VERSION      100000	/* a template's highest version number */

#define LIMIT_CAMP_TITLE      200	/* bytes of a campaign's title */
#define LIMIT_CAMP_DAYS       730	/* days from a campaign's opening to its
					 * deadline, and from today to the end of
					 * a reopening */
#define LIMIT_CAMP_VALUE      4000	/* bytes of one answer's value */
#define LIMIT_CAMP_EVIDENCE   1000	/* bytes of one answer's evidence */
#define LIMIT_CAMP_VALUES     200	/* values saved at once (a template's
					 * questions) */
#define LIMIT_CAMP_COMMENT    2000	/* bytes of a curator's comment returning
					 * an answer */
#define LIMIT_CAMP_ROWS       10000	/* rows of an uploaded answer CSV */
#define LIMIT_CAMP_CSV_BYTES  4000000	/* bytes of an uploaded answer CSV */
#define LIMIT_CAMP_COUNTRIES  300	/* countries listed when opening one */
#define LIMIT_CAMP_LIST       500	/* campaigns listed on one page */

#define LIMIT_ASSIST_TITLE    300	/* bytes of an assistance request's or
					 * offer's title */
#define LIMIT_ASSIST_NAME     300	/* bytes of a request's beneficiary
					 * institution */
#define LIMIT_ASSIST_TEXT     8000	/* bytes of a request's description */
#define LIMIT_ASSIST_COMMENT  2000	/* bytes of the comment of a move, a match's
					 * answer */
#define LIMIT_ASSIST_ITEMS    20	/* items of one list of a request or offer:
					 * target groups, languages, modes, topics,
					 * regions */
#define LIMIT_ASSIST_NEEDS    50	/* needs one request answers */
#define LIMIT_ASSIST_CAPACITY 10000	/* activities a year an offer may promise */
#define LIMIT_ASSIST_PROVIDERS 20	/* provider organisations of one activity */
#define LIMIT_ASSIST_COUNT    100000	/* participants of one role and gender in
					 * one training */
#define LIMIT_ASSIST_NAMES    2000	/* names of one attendance list */
#define LIMIT_ASSIST_PERSON   200	/* bytes of one name of an attendance list */

#define LIMIT_DIR_NAME        300	/* bytes of a directory entry's name in one
					 * language */
#define LIMIT_DIR_ITEMS       20	/* names, articles, legal bases, languages or
					 * channels of one directory entry */
#define LIMIT_DIR_VALUE       320	/* bytes of a channel's value (an e-mail
					 * address, a telephone number, the
					 * diplomatic route) */
#define LIMIT_DIR_URL         2000	/* bytes of a secure portal's URL */
#define LIMIT_DIR_NOTE        300	/* bytes of a channel's note, of the working
					 * hours */
#define LIMIT_DIR_TEXT        4000	/* bytes of what a request must contain, of
					 * the legal basis in words */
#define LIMIT_DIR_BODY        65536	/* bytes of one entry as JSON (API, CLI) */
#define LIMIT_DIR_LIST        5000	/* entries of one directory list or export */

#endif
