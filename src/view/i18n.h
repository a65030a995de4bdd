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
 * English too), one that is a msgid as its translation, and one that is a message
 * with values of its own (what a prefix such as "law.xml:12: %s" carries) as its
 * translation by the patterns (one level deep). A value the msgid quotes ('%s', "%s",
 * <%s>: a text as typed, an element's name) shows as it is. msg itself when nothing
 * matches. */
const char *i18n_msg(pool *p, enum lang lang, const char *msg, const struct i18n_name *names,
		     size_t nnames);
/* Whether the conversions of pattern msgid and of its translation text agree: the
 * same count, and each "%N$" within it. For the catalog's test. */
int i18n_pattern_ok(const char *msgid, const char *text);

/* Plural forms. A plural message is a catalog row whose msgid is the English forms
 * "one|other" with {n} where the number goes ("{n} country|{n} countries"); each
 * translation holds its language's forms, separated by '|', in CLDR's order of the
 * categories the language has:
 *   ar  zero|one|two|few|many|other      ru  one|few|many|other
 *   fr  one|many|other                   en, es  one|other
 *   zh  other
 * (a form may leave {n} out: "دولة واحدة"). */

/* The CLDR plural category of the integer n in lang: "zero", "one", "two", "few",
 * "many" or "other". Static string. */
const char *i18n_plural_category(enum lang lang, long long n);
/* How many plural forms lang's translations hold (6 ar, 4 ru, 3 fr, 2 en es, 1 zh). */
int i18n_plural_forms(enum lang lang);
/* How many '|'-separated forms s has. */
int i18n_count_forms(const char *s);
/* The form of plural message msgid for n in lang, with {n} replaced by shown (n as
 * the page writes it: layout_number()), in p. A translation with the wrong number of
 * forms falls back to English. */
const char *i18n_plural(pool *p, enum lang lang, long long n, const char *shown,
			const char *msgid);
/* The i-th '|'-separated form of msgid's translation into lang (the last when there
 * are fewer), in p: the catalog's lists (month names). */
const char *i18n_form(pool *p, enum lang lang, const char *msgid, int i);

#endif
