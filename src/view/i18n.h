/* i18n: the message catalog. Every string of the interface goes through i18n();
 * translations live in data/messages.tsv (msgid, then ar zh fr ru es), built into
 * the binary, so that adding one touches no handler. */
#ifndef VIEW_I18N_H
#define VIEW_I18N_H

#include "core/lang.h"

/* The translation of msgid (English) into lang, or msgid itself when there is none.
 * The result is static or msgid. Thread-safe. */
const char *i18n(enum lang lang, const char *msgid);
/* How many messages the catalog has with a translation into lang. */
int i18n_count(enum lang lang);

#endif
