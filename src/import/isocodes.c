#include "import/isocodes.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "core/log.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "import/mo.h"

/* The fields of a country in the JSON; the three codes come first (see seen[]). */
enum field_kind { FIELD_ALPHA, FIELD_DIGIT, FIELD_NAME };

#define OFF(f) offsetof(struct isocodes_country, f)
static const struct field {
	const char *key;
	enum field_kind kind;
	size_t len;		/* exact length of a code */
	int required;
	size_t off;		/* where the string goes in struct isocodes_country */
} fields[] = {
	{ "alpha_2", FIELD_ALPHA, 2, 1, OFF(alpha2) },
	{ "alpha_3", FIELD_ALPHA, 3, 1, OFF(alpha3) },
	{ "numeric", FIELD_DIGIT, 3, 1, OFF(numeric) },
	{ "name", FIELD_NAME, 0, 1, OFF(name) },
	{ "official_name", FIELD_NAME, 0, 0, OFF(official_name) },
	{ "common_name", FIELD_NAME, 0, 0, OFF(common_name) },
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))
#define NCODES 3
#define SEEN_BYTES ((26 * 26 * 26 + 7) / 8)	/* a bit per possible code */

/* The directory of each language's catalog under the locale directory; none for
 * English, the language of the JSON. */
static const char *const catalog_dir[LANG_COUNT] = {
	[LANG_AR] = "ar", [LANG_ZH] = "zh_CN", [LANG_FR] = "fr", [LANG_RU] = "ru",
	[LANG_ES] = "es",
};

int isocodes_catalog_path(const char *locale_dir, enum lang lang, char *buf, size_t size)
{
	int n;

	if ((unsigned)lang >= LANG_COUNT || !catalog_dir[lang])
		return 0;
	n = snprintf(buf, size, "%s/%s/LC_MESSAGES/iso_3166-1.mo", locale_dir,
		     catalog_dir[lang]);
	return n > 0 && (size_t)n < size;
}

static int is_code(const char *s, size_t len, const struct field *f)
{
	char lo = f->kind == FIELD_ALPHA ? 'A' : '0', hi = f->kind == FIELD_ALPHA ? 'Z' : '9';

	if (len != f->len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] < lo || s[i] > hi)
			return 0;
	return 1;
}

/* A number for a code that is_code() accepted: its bit in seen[]. */
static unsigned code_key(const char *s, const struct field *f)
{
	unsigned k = 0;

	for (size_t i = 0; i < f->len; i++)
		k = f->kind == FIELD_ALPHA ? k * 26 + (unsigned)(s[i] - 'A')
					   : k * 10 + (unsigned)(s[i] - '0');
	return k;
}

/* Check entry idx of the array and fill c; its JSON strings go into one block owned
 * by c->alpha2. */
static int parse_country(json_t *obj, size_t idx, struct isocodes_country *c,
			 unsigned char seen[NCODES][SEEN_BYTES], struct err *e)
{
	const char *val[NFIELDS];
	size_t vlen[NFIELDS], total = 0;
	char *p;

	if (!json_is_object(obj))
		return err_set(e, ERR_INVALID, "3166-1[%zu]: not an object", idx);
	for (size_t i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		json_t *v = json_object_get(obj, f->key);

		val[i] = NULL;
		vlen[i] = 0;
		if (!v) {
			if (f->required)
				return err_set(e, ERR_INVALID, "3166-1[%zu].%s: missing", idx,
					       f->key);
			continue;
		}
		if (!json_is_string(v))
			return err_set(e, ERR_INVALID, "3166-1[%zu].%s: not a string", idx,
				       f->key);
		val[i] = json_string_value(v);
		vlen[i] = json_string_length(v);
		if (f->kind == FIELD_NAME) {
			if (vlen[i] == 0 || vlen[i] >= ISOCODES_NAME_MAX)
				return err_set(e, ERR_INVALID, "3166-1[%zu].%s: empty or "
					       "not under %d bytes", idx, f->key,
					       ISOCODES_NAME_MAX);
		} else {
			const char *what = f->kind == FIELD_ALPHA ? "letters A-Z" : "digits";
			unsigned k;

			if (!is_code(val[i], vlen[i], f))
				return err_set(e, ERR_INVALID, "3166-1[%zu].%s: not %zu %s",
					       idx, f->key, f->len, what);
			k = code_key(val[i], f);
			if (seen[i][k / 8] & (1u << (k % 8)))
				return err_set(e, ERR_INVALID, "3166-1[%zu].%s: %s appears "
					       "twice", idx, f->key, val[i]);
			seen[i][k / 8] |= (unsigned char)(1u << (k % 8));
		}
		total += vlen[i] + 1;
	}
	p = xmalloc(total);
	for (size_t i = 0; i < NFIELDS; i++) {
		if (!val[i])
			continue;
		memcpy(p, val[i], vlen[i] + 1);
		*(const char **)((char *)c + fields[i].off) = p;
		p += vlen[i] + 1;
	}
	c->names[LANG_EN] = c->name;
	return ERR_OK;
}

int isocodes_parse_json(const char *text, size_t len, struct isocodes_country **out,
			size_t *count, struct err *e)
{
	unsigned char seen[NCODES][SEEN_BYTES];
	struct isocodes_country *list = NULL;
	json_t *root = NULL, *arr;
	json_error_t jerr;
	size_t n = 0;
	int rc = ERR_OK;

	if (len > ISOCODES_JSON_MAX)
		return err_set(e, ERR_TOOLARGE, "country list of %zu bytes is over %u bytes",
			       len, ISOCODES_JSON_MAX);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		rc = err_set(e, ERR_INVALID, "line %d, column %d: %s", jerr.line, jerr.column,
			     jerr.text);
		goto out;
	}
	arr = json_object_get(root, "3166-1");
	if (!json_is_array(arr)) {
		rc = err_set(e, ERR_INVALID, "expected an object with a \"3166-1\" array");
		goto out;
	}
	n = json_array_size(arr);
	if (n > 26 * 26) {
		/* the alpha_2 codes must differ, so there cannot be more */
		rc = err_set(e, ERR_INVALID, "%zu entries, more than there are two-letter "
			     "codes", n);
		n = 0;
		goto out;
	}
	list = xcalloc(n, sizeof(*list));
	memset(seen, 0, sizeof(seen));
	for (size_t i = 0; i < n; i++)
		if ((rc = parse_country(json_array_get(arr, i), i, &list[i], seen, e)))
			goto out;
	*out = list;
	*count = n;
	list = NULL;
out:
	isocodes_free(list, n);
	json_decref(root);
	return rc;
}

int isocodes_translate(struct isocodes_country *list, size_t count, const char *locale_dir,
		       struct err *e)
{
	struct mo_catalog *mo[LANG_COUNT] = { NULL };
	int rc = ERR_OK;

	/* load every catalog first, so that a bad one leaves list as it was */
	for (int l = 0; l < LANG_COUNT; l++) {
		char path[4096];
		struct err le;

		if (!catalog_dir[l])
			continue;
		if (!isocodes_catalog_path(locale_dir, (enum lang)l, path, sizeof(path))) {
			rc = err_set(e, ERR_INVALID, "locale directory name too long");
			goto out;
		}
		err_clear(&le);
		rc = mo_load(path, &mo[l], &le);
		if (rc == ERR_IO) {
			log_warn("isocodes: %s country names missing, English used instead: %s",
				 lang_name(l), le.msg);
			rc = ERR_OK;
		} else if (rc) {
			err_set(e, rc, "%s", le.msg);
			goto out;
		}
	}
	for (int l = 0; l < LANG_COUNT; l++) {
		size_t fallbacks = 0;

		if (!catalog_dir[l])
			continue;
		for (size_t i = 0; i < count; i++) {
			const char *t = mo_lookup(mo[l], list[i].name);
			size_t tlen = t ? strlen(t) : 0;

			/* keep the names as sound as the English ones from the JSON */
			if (t && (tlen >= ISOCODES_NAME_MAX || !utf8_valid(t, tlen)))
				t = NULL;
			if (!t) {
				t = list[i].name;
				fallbacks++;
			}
			free((char *)list[i].names[l]);
			list[i].names[l] = xstrdup(t);
		}
		if (mo[l] && fallbacks)
			log_info("isocodes: %zu of %zu country names have no %s translation, "
				 "English used", fallbacks, count, lang_name(l));
	}
out:
	for (int l = 0; l < LANG_COUNT; l++)
		mo_free(mo[l]);
	return rc;
}

/* Read the whole file at path, at most limit bytes, into a buffer the caller frees. */
int isocodes_load(const char *json_dir, const char *locale_dir, struct isocodes_country **out,
		  size_t *count, struct err *e)
{
	struct isocodes_country *list = NULL;
	char path[4096], *text = NULL;
	size_t len = 0, n = 0;
	struct err pe;
	int rc;

	if ((size_t)snprintf(path, sizeof(path), "%s/iso_3166-1.json", json_dir) >=
	    sizeof(path))
		return err_set(e, ERR_INVALID, "iso-codes directory name too long");
	if ((rc = file_read(path, ISOCODES_JSON_MAX, &text, &len, e)))
		return rc;
	err_clear(&pe);
	/* the message names the file it is about */
	if ((rc = isocodes_parse_json(text, len, &list, &n, &pe))) {
		err_set(e, rc, "%s: %s", path, pe.msg);
		goto out;
	}
	if ((rc = isocodes_translate(list, n, locale_dir, e)))
		goto out;
	*out = list;
	*count = n;
	list = NULL;
out:
	isocodes_free(list, n);
	free(text);
	return rc;
}

void isocodes_free(struct isocodes_country *list, size_t count)
{
	if (!list)
		return;
	for (size_t i = 0; i < count; i++) {
		/* alpha2 starts the block of the JSON strings; names[LANG_EN] is in it */
		free((char *)list[i].alpha2);
		for (int l = 0; l < LANG_COUNT; l++)
			if (l != LANG_EN)
				free((char *)list[i].names[l]);
	}
	free(list);
}

int isocodes_currencies(const char *json_dir, isocodes_currency_fn fn, void *ud,
			struct err *e)
{
	char path[4096], *text = NULL;
	json_t *root = NULL, *arr;
	json_error_t jerr;
	size_t len = 0;
	int rc;

	if ((size_t)snprintf(path, sizeof(path), "%s/iso_4217.json", json_dir) >=
	    sizeof(path))
		return err_set(e, ERR_INVALID, "iso-codes directory name too long");
	if ((rc = file_read(path, ISOCODES_JSON_MAX, &text, &len, e)))
		return rc;
	if (!(root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr))) {
		rc = err_set(e, ERR_INVALID, "%s: line %d, column %d: %s", path, jerr.line,
			     jerr.column, jerr.text);
		goto out;
	}
	arr = json_object_get(root, "4217");
	if (!json_is_array(arr)) {
		rc = err_set(e, ERR_INVALID, "%s: expected an object with a \"4217\" array",
			     path);
		goto out;
	}
	for (size_t i = 0; i < json_array_size(arr) && !rc; i++) {
		json_t *it = json_array_get(arr, i);
		const char *code = json_string_value(json_object_get(it, "alpha_3"));
		const char *name = json_string_value(json_object_get(it, "name"));

		if (!code || strlen(code) != 3 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3 ||
		    !name || !*name || strlen(name) >= ISOCODES_NAME_MAX ||
		    !utf8_valid(name, strlen(name)))
			rc = err_set(e, ERR_INVALID, "%s: entry %zu: alpha_3 or name is missing "
				     "or malformed", path, i + 1);
		else
			rc = fn(ud, code, name, e);
	}
out:
	json_decref(root);
	free(text);
	return rc;
}
