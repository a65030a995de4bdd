/* i18n: the message catalog. Every string of the interface goes through i18n();
 * translations live in data/messages.tsv (msgid, then ar zh fr ru es), built into
 * the binary, so that adding one touches no handler. */
#ifndef VIEW_I18N_H
#define VIEW_I18N_H

#include <stddef.h>

#include "core/lang.h"
#include "core/pool.h"

/* The translation of msgid (English) into lang, or msgid itself when there is none.
 * The result is static or msgid. Thread-safe. */
const char *i18n(enum lang lang, const char *msgid);
/* How many messages the catalog has with a translation into lang. */
int i18n_count(enum lang lang);

/* A value a message may carry and how to show it: a form field's key ("court") and
 * its label in the catalog ("Court"). */
struct i18n_name {
	const char *value, *label;
};

/* The message msg (English, as the domain writes it, values included: "court is
 * longer than 500 bytes") in lang, in p. msg is looked up as it is, then matched
 * against the catalog's patterns (msgids with printf conversions: "%s is longer than
 * %zu bytes"), whose translations put the values back in their order, or where
 * "%N$s" says. A value equal to names[i].value shows as that name's label (in lang,
 * English too), one that is a msgid as its translation. msg itself when nothing
 * matches. */
const char *i18n_msg(pool *p, enum lang lang, const char *msg, const struct i18n_name *names,
		     size_t nnames);
/* Whether the conversions of pattern msgid and of its translation text agree: the
 * same count, and each "%N$" within it. For the catalog's test. */
int i18n_pattern_ok(const char *msgid, const char *text);

#endif
