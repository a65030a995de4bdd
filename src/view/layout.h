/* layout: the frame of every page (head, navigation, language choice, footer). */
#ifndef VIEW_LAYOUT_H
#define VIEW_LAYOUT_H

#include "core/sbuf.h"
#include "http/http.h"
#include "view/i18n.h"

/* Begin a page: doctype, head with title, header with navigation (section is the
 * current one: "home", "countries", "regions", "instruments", "campaigns"..., or NULL), and open
 * <main>. title is text (escaped here). */
void layout_begin(const struct req *r, struct sbuf *sb, const char *title, const char *section);
/* Close <main>, write the footer, close the document. */
void layout_end(const struct req *r, struct sbuf *sb);
/* Write an href value for path (a trusted path built by the caller from escaped
 * parts), keeping an explicit ?lang= choice. */
void layout_href(const struct req *r, struct sbuf *sb, const char *path);
/* "?lang=xx" when the language was chosen explicitly, else "": append to links
 * built with html_fmt("%S"). Static string. */
const char *layout_q(const struct req *r);
/* The hidden form field with the session's form token (nothing when not signed in):
 * every POST form of a page carries it (see req_form_parse). */
void layout_csrf(const struct req *r, struct sbuf *sb);
/* The interface string msgid in the request's language (see i18n.h). */
const char *layout_t(const struct req *r, const char *msgid);
/* A message of the domain (an error, values included) in the request's language
 * (i18n_msg): a value equal to one of names[0..n) shows as its label. In r's pool. */
const char *layout_msg(const struct req *r, const char *msg, const struct i18n_name *names,
		       size_t n);

/* n written as lang writes numbers: grouped by thousands with the language's
 * separator (en 1,234; fr 1 234 with U+202F; ru 1 234 with U+00A0; es 1234 and
 * 12.345; zh 1,234; ar Western digits, 1,234). In r's pool. */
const char *layout_number(const struct req *r, long long n);
/* The plural message msgid ("{n} country|{n} countries", see i18n_plural) for n in
 * the request's language, {n} written by layout_number. Text: escape it (%s). In r's
 * pool. */
const char *layout_plural(const struct req *r, long long n, const char *msgid);
/* A date "YYYY-MM-DD" (more may follow) in the request's language: "30 May 2018",
 * "30 mai 2018", "30 de mayo de 2018", "30 мая 2018 г.", "2018年5月30日",
 * "30 مايو 2018" (month names and the order are catalog rows). iso itself when it is
 * not a date. In r's pool. */
const char *layout_date(const struct req *r, const char *iso);
/* A timestamp "YYYY-MM-DD HH:MM[:SS]" or "...THH:MM...Z" (UTC) as a date and the
 * hour with "UTC" said: "30 May 2018, 14:05 UTC". In r's pool. */
const char *layout_datetime(const struct req *r, const char *iso);
/* The attributes to write on an element whose text is in text_lang (a BCP 47 tag)
 * when that is not the page's language: ' lang="en" dir="ltr"'; "" when it is the
 * page's. NULL or "": unknown, ' dir="auto"'. "zxx": codes, URIs, identifiers (no
 * language): ' dir="ltr"' on a right-to-left page. Markup: write it with %S. */
const char *layout_lang(const struct req *r, const char *text_lang);

#endif
