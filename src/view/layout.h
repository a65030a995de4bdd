/* layout: the frame of every page (head, navigation, language choice, footer). */
#ifndef VIEW_LAYOUT_H
#define VIEW_LAYOUT_H

#include "core/sbuf.h"
#include "http/http.h"
#include "view/i18n.h"

/* Begin a page: doctype, head with title, header with navigation (section is the
 * current one: "home", "countries", "regions", "instruments", or NULL), and open
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

#endif
