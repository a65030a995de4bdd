/* isocodes: the ISO 3166-1 country list of Debian's iso-codes (iso_3166-1.json) with
 * the short names translated into the six UN languages from its gettext catalogs
 * (<locale_dir>/<ll>/LC_MESSAGES/iso_3166-1.mo). */
#ifndef IMPORT_ISOCODES_H
#define IMPORT_ISOCODES_H
#include <stddef.h>

#include "core/err.h"
#include "core/lang.h"

#define ISOCODES_JSON_MAX (16u * 1024 * 1024)	/* bytes of iso_3166-1.json */
#define ISOCODES_NAME_MAX 256			/* names are shorter than this (bytes) */

struct isocodes_country {
	const char *alpha2, *alpha3, *numeric;	/* "KE", "KEN", "404" */
	const char *name;			/* English short name from the JSON */
	const char *official_name;		/* NULL when the JSON has none */
	const char *common_name;		/* NULL when none */
	const char *names[LANG_COUNT];		/* see core/lang.h; names[LANG_EN] == name */
};

/* A callback that takes one country at a time (for callers that hand the list on,
 * e.g. to the store); a non-zero return stops the caller's iteration. */
typedef int (*isocodes_country_fn)(void *ud, const struct isocodes_country *c, struct err *e);

/* Parse the text of iso_3166-1.json (text need not be NUL-terminated) into a new
 * array of *count countries, in the order of the file. Every string of the array,
 * including those isocodes_translate() adds later, is freed by isocodes_free(). After
 * parsing, names[LANG_EN] == name and the other names[] are NULL. ERR_INVALID (naming
 * the entry and field) when the JSON is malformed, a code is not of the form "KE",
 * "KEN", "404", a code appears twice (so there are at most 676 entries), or a name
 * (also official_name, common_name) is empty or not under ISOCODES_NAME_MAX bytes;
 * ERR_TOOLARGE over ISOCODES_JSON_MAX bytes. *out and *count are untouched on
 * failure. */
int isocodes_parse_json(const char *text, size_t len, struct isocodes_country **out,
			size_t *count, struct err *e);
/* Set names[] of every language but English to the translation of name from the
 * catalog <locale_dir>/<ar|zh_CN|fr|ru|es>/LC_MESSAGES/iso_3166-1.mo; a name the
 * catalog lacks stays English. A catalog that cannot be read is logged as a warning
 * and that language stays English: this is not an error. A malformed catalog is an
 * error (ERR_INVALID or ERR_TOOLARGE, as mo_load()) and leaves list unchanged. A
 * translation that is not valid UTF-8 or not under ISOCODES_NAME_MAX bytes is not
 * used. May be called again: names set before are replaced. */
int isocodes_translate(struct isocodes_country *list, size_t count, const char *locale_dir,
		       struct err *e);
/* Read <json_dir>/iso_3166-1.json, parse and translate it, as the two functions
 * above. ERR_IO when the JSON file cannot be read. Free with isocodes_free(). */
int isocodes_load(const char *json_dir, const char *locale_dir, struct isocodes_country **out,
		  size_t *count, struct err *e);
/* Free list and every string it holds. NULL is a no-op. */
void isocodes_free(struct isocodes_country *list, size_t count);

/* ISO 4217 currencies from <json_dir>/iso_4217.json: fn(ud, "EUR", "Euro", e) for
 * each entry in the file's order, stopping at the first non-zero return (which is
 * returned). ERR_IO when the file cannot be read, ERR_INVALID naming the entry when
 * the JSON has no "4217" array or an entry's alpha_3 is not three capitals or its
 * name is empty or not under ISOCODES_NAME_MAX bytes. */
typedef int (*isocodes_currency_fn)(void *ud, const char *code, const char *name,
				    struct err *e);
int isocodes_currencies(const char *json_dir, isocodes_currency_fn fn, void *ud,
			struct err *e);

/* The catalog file of lang's names under locale_dir
 * ("<locale_dir>/fr/LC_MESSAGES/iso_3166-1.mo") written into buf; 0 when lang has
 * none (English, the language of the JSON) or buf is too small. */
int isocodes_catalog_path(const char *locale_dir, enum lang lang, char *buf, size_t size);

#endif
