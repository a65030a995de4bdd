/* The cooperation directory: tables of kinds, channels, legal bases and needs; the
 * validators; the entry's JSON; the reading, staleness and editing rules; and the
 * store's rows through them (domain/directory.h, docs/directory.md). */
#include "domain/directory.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/utf8.h"
#include "domain/audit.h"
#include "domain/country.h"
#include "domain/instrument.h"
#include "domain/legislation.h"
#include "domain/limits.h"
#include "domain/record.h"
#include "domain/tx.h"
#include "domain/user.h"
#include "store/store.h"

const struct dir_key dir_kinds[DIR_KIND_COUNT] = {
	[DIR_K_247] = { "24x7", "24/7 point of contact" },
	[DIR_K_MLA] = { "mla", "Central authority for mutual legal assistance" },
	[DIR_K_EXTRADITION] = { "extradition", "Extradition authority" },
	[DIR_K_PRESERVATION] = { "preservation", "Competent authority for preservation" },
	[DIR_K_CERT] = { "cert", "CERT/CSIRT" },
	[DIR_K_CYBER_UNIT] = { "cyber-unit", "Specialised cybercrime unit" },
	[DIR_K_PROSECUTION] = { "prosecution", "Prosecution service" },
};

const struct dir_key dir_channels[DIR_CH_COUNT] = {
	[DIR_CH_PHONE] = { "phone", "Telephone" },
	[DIR_CH_EMAIL] = { "email", "E-mail" },
	[DIR_CH_PORTAL] = { "portal", "Secure portal" },
	[DIR_CH_DIPLOMATIC] = { "diplomatic", "Diplomatic channel" },
};

const struct dir_key dir_bases[] = {
	{ "coe-185", "Budapest Convention" },
	{ "un-cc", "UN Convention against Cybercrime" },
	{ "untoc", "UN Convention against Transnational Organized Crime" },
	{ "regional", "Regional treaty" },
	{ "bilateral", "Bilateral treaty" },
	{ "reciprocity", "Reciprocity" },
	{ "domestic", "Domestic law alone" },
};
const size_t dir_basis_count = sizeof(dir_bases) / sizeof(dir_bases[0]);

static const char *const preserve_articles[] = { "coe-185/29", "coe-185/30", "coe-185/35",
						  "un-cc/41", "un-cc/42", "un-cc/43", NULL };
static const char *const preserve_powers[] = { "coe-185/16", "coe-185/17", "un-cc/25",
						"un-cc/26", NULL };
static const char *const subscriber_articles[] = { "coe-185/31", "coe-185/35", "un-cc/41",
						    "un-cc/44", NULL };
static const char *const subscriber_powers[] = { "coe-185/18", "un-cc/27", NULL };
static const char *const mla_articles[] = { "coe-185/25", "coe-185/27", "coe-185/31",
					     "un-cc/40", "un-cc/44", NULL };
static const char *const mla_powers[] = { "coe-185/25", "coe-185/27", "un-cc/40", NULL };
static const char *const extradite_articles[] = { "coe-185/24", "un-cc/37", NULL };

const struct dir_need_def dir_needs[DIR_NEED_COUNT] = {
	[DIR_N_PRESERVE] = { "preserve", "Preserve data",
			     { DIR_K_247, DIR_K_PRESERVATION }, 2,
			     preserve_articles, preserve_powers },
	[DIR_N_SUBSCRIBER] = { "subscriber", "Obtain subscriber information",
			       { DIR_K_247, DIR_K_MLA }, 2,
			       subscriber_articles, subscriber_powers },
	[DIR_N_MLA] = { "mla", "Mutual legal assistance", { DIR_K_MLA, DIR_K_PROSECUTION }, 2,
			mla_articles, mla_powers },
	[DIR_N_EXTRADITE] = { "extradite", "Extradition", { DIR_K_EXTRADITION }, 1,
			      extradite_articles, extradite_articles },
};

static int key_index(const struct dir_key *t, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(t[i].key, key))
			return (int)i;
	return -1;
}

int dir_kind_parse(const char *key)
{
	return key_index(dir_kinds, DIR_KIND_COUNT, key);
}

int dir_channel_parse(const char *key)
{
	return key_index(dir_channels, DIR_CH_COUNT, key);
}

int dir_basis_valid(const char *key)
{
	return key_index(dir_bases, dir_basis_count, key) >= 0;
}

int dir_need_parse(const char *key)
{
	for (int i = 0; key && i < DIR_NEED_COUNT; i++)
		if (!strcmp(dir_needs[i].key, key))
			return i;
	return -1;
}

/* ---- validators ---- */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int dir_phone_valid(const char *field, const char *s, struct err *e)
{
	size_t n = 0;

	if (s && s[0] == '+' && s[1] >= '1' && s[1] <= '9')
		for (n = 1; is_digit((unsigned char)s[n]); n++)
			;
	if (!s || s[0] != '+' || s[n] || n - 1 < 8 || n - 1 > 15)
		return err_set(e, ERR_INVALID, "%s: '%.40s' is not a telephone number in "
			       "E.164 form (+ and 8 to 15 digits)", field, s ? s : "");
	return ERR_OK;
}

/* Whether [s, s+n) is a domain name: labels of letters, digits and inner hyphens,
 * 1-63 bytes each, two at least (or "localhost" when local_ok), 253 at most. */
static int host_ok(const char *s, size_t n, int local_ok)
{
	size_t labels = 0, len = 0;

	if (local_ok && n == 9 && !strncmp(s, "localhost", 9))
		return 1;
	if (!n || n > 253)
		return 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (!len || len > 63 || s[i - 1] == '-')
				return 0;
			labels++;
			len = 0;
			continue;
		}
		if (!is_alnum((unsigned char)s[i]) && !(s[i] == '-' && len))
			return 0;
		len++;
	}
	return labels >= 2;
}

int dir_email_valid(const char *field, const char *s, struct err *e)
{
	static const char atext[] = "!#$%&'*+-/=?^_`{|}~";
	const char *at = s ? strrchr(s, '@') : NULL;
	size_t local = at ? (size_t)(at - s) : 0;
	int ok = at && local >= 1 && local <= 64 && strlen(s) <= 254 && s[0] != '.' &&
		 s[local - 1] != '.';

	for (size_t i = 0; ok && i < local; i++) {
		unsigned char c = (unsigned char)s[i];

		ok = is_alnum(c) || (c && strchr(atext, c)) || (c == '.' && s[i + 1] != '.');
	}
	if (!ok || !host_ok(at + 1, strlen(at + 1), 0))
		return err_set(e, ERR_INVALID, "%s: '%.80s' is not an e-mail address", field,
			       s ? s : "");
	return ERR_OK;
}

static int hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int dir_url_valid(const char *field, const char *s, int http_ok, struct err *e)
{
	static const char rest[] = "-._~!$&'()*+,;=:@/?#";
	const char *h, *end;
	int ok = 0;

	if (!s || strlen(s) > LIMIT_DIR_URL)
		goto out;
	if (!strncmp(s, "https://", 8))
		h = s + 8;
	else if (http_ok && !strncmp(s, "http://", 7))
		h = s + 7;
	else
		goto out;
	for (end = h; *end && *end != ':' && *end != '/' && *end != '?' && *end != '#'; end++)
		;
	if (!host_ok(h, (size_t)(end - h), 1))
		goto out;
	if (*end == ':') {
		long port = 0;

		for (end++; is_digit((unsigned char)*end) && port <= 65535; end++)
			port = port * 10 + (*end - '0');
		if (port < 1 || port > 65535 || (*end && *end != '/' && *end != '?' &&
						 *end != '#'))
			goto out;
	}
	for (; *end; end++) {
		unsigned char c = (unsigned char)*end;

		if (c == '%') {
			if (!hex((unsigned char)end[1]) || !hex((unsigned char)end[2]))
				goto out;
			end += 2;
		} else if (!is_alnum(c) && !strchr(rest, c)) {
			goto out;
		}
	}
	ok = 1;
out:
	if (!ok)
		return err_set(e, ERR_INVALID, "%s: '%.80s' is not a web address (https://...)",
			       field, s ? s : "");
	return ERR_OK;
}

/* Whether name has the shape of a zone name (no path tricks). */
static int zone_shape(const char *s)
{
	size_t n = strlen(s), comp = 0;

	if (!n || n > 64)
		return 0;
	for (size_t i = 0; i <= n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!c || c == '/') {
			if (!comp)
				return 0;
			comp = 0;
			continue;
		}
		if (!comp && (c == '.' || c == '-'))
			return 0;
		if (!is_alnum(c) && c != '_' && c != '-' && c != '+')
			return 0;
		comp++;
	}
	return 1;
}

int dir_timezone_valid(const char *root, const char *field, const char *s, struct err *e)
{
	char path[512], magic[4];
	struct stat st;
	int fd = -1, ok = 0;

	if (!root)
		root = "/usr/share/zoneinfo";
	if (s && zone_shape(s) &&
	    (size_t)snprintf(path, sizeof(path), "%s/%s", root, s) < sizeof(path) &&
	    (fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) >= 0 &&
	    !fstat(fd, &st) && S_ISREG(st.st_mode) &&
	    read(fd, magic, sizeof(magic)) == (ssize_t)sizeof(magic) &&
	    !memcmp(magic, "TZif", 4))
		ok = 1;
	if (fd >= 0)
		close(fd);
	if (!ok)
		return err_set(e, ERR_INVALID, "%s: '%.64s' is not a time zone of the zone "
			       "database (such as Africa/Nairobi)", field, s ? s : "");
	return ERR_OK;
}

/* ISO 639-1, from Debian's iso-codes (iso_639-2.json, alpha_2). */
static const char iso639_1[] =
	"aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co "
	"cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl "
	"gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg "
	"ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk "
	"ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps "
	"pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta "
	"te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za "
	"zh zu";

int dir_lang_valid(const char *field, const char *s, struct err *e)
{
	int ok = 0;

	if (s && strlen(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z')
		for (size_t i = 0; !ok && i + 1 < sizeof(iso639_1); i += 3)
			ok = iso639_1[i] == s[0] && iso639_1[i + 1] == s[1];
	if (!ok)
		return err_set(e, ERR_INVALID, "%s: '%.20s' is not an ISO 639-1 language code",
			       field, s ? s : "");
	return ERR_OK;
}

/* ---- JSON ---- */

/* A text value: UTF-8, no control characters (but line breaks and tabs when
 * multiline), at most max bytes; required: not empty. */
static int text_ok(const char *field, const char *s, size_t max, int multiline,
		   int required, struct err *e)
{
	size_t n = strlen(s);

	if (required && !n)
		return err_set(e, ERR_INVALID, "%s: required", field);
	if (n > max)
		return err_set(e, ERR_INVALID, "%s: longer than %zu bytes", field, max);
	if (!utf8_valid(s, n))
		return err_set(e, ERR_INVALID, "%s: not valid UTF-8", field);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 32 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) ||
		    c == 127)
			return err_set(e, ERR_INVALID, "%s: contains a control character",
				       field);
	}
	return ERR_OK;
}

/* Member key of j as a string in p: "" when absent or null (required: an error). */
static int str_member(pool *p, const json_t *j, const char *key, size_t max, int multiline,
		      int required, const char **out, struct err *e)
{
	const json_t *v = json_object_get(j, key);

	*out = "";
	if (!v || json_is_null(v)) {
		if (required)
			return err_set(e, ERR_INVALID, "%s: required", key);
		return ERR_OK;
	}
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return err_set(e, ERR_INVALID, "%s: must be a string", key);
	*out = pool_strdup(p, json_string_value(v));
	return text_ok(key, *out, max, multiline, required, e);
}

/* Member key of j as an array of at most LIMIT_DIR_ITEMS (absent: none). */
static int arr_member(const json_t *j, const char *key, const json_t **out, size_t *n,
		      struct err *e)
{
	const json_t *v = json_object_get(j, key);

	*out = v;
	*n = 0;
	if (!v || json_is_null(v))
		return ERR_OK;
	if (!json_is_array(v))
		return err_set(e, ERR_INVALID, "%s: must be an array", key);
	if ((*n = json_array_size(v)) > LIMIT_DIR_ITEMS)
		return err_set(e, ERR_INVALID, "%s: at most %zu", key, (size_t)LIMIT_DIR_ITEMS);
	return ERR_OK;
}

/* Element i of array a as a string (field "key[i]"). */
static int str_elem(pool *p, const json_t *a, const char *key, size_t i, size_t max,
		    const char **out, const char **field, struct err *e)
{
	const json_t *v = json_array_get(a, i);

	*field = pool_printf(p, "%s[%zu]", key, i);
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return err_set(e, ERR_INVALID, "%s: must be a string", *field);
	*out = pool_strdup(p, json_string_value(v));
	return text_ok(*field, *out, max, 0, 1, e);
}

/* "coe-185/35" into a: an instrument id of [a-z0-9-] and a number 1-9999. */
static int article_parse(pool *p, const char *field, const char *s, struct dir_article *a,
			 struct err *e)
{
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : 0;
	int num = 0, ok = n >= 1 && n <= 40 && slash[1] >= '1' && slash[1] <= '9';

	for (size_t i = 0; ok && i < n; i++)
		ok = (s[i] >= 'a' && s[i] <= 'z') || is_digit((unsigned char)s[i]) || s[i] == '-';
	for (const char *d = ok ? slash + 1 : ""; ok && *d; d++)
		ok = is_digit((unsigned char)*d) && (num = num * 10 + (*d - '0')) <= 9999;
	if (!ok)
		return err_set(e, ERR_INVALID, "%s: '%.80s' is not an article of the "
			       "instruments (such as coe-185/35)", field, s);
	a->instrument = pool_strndup(p, s, n);
	a->number = num;
	return ERR_OK;
}

static int names_of(pool *p, const json_t *j, struct dir_entry *out, struct err *e)
{
	const json_t *v = json_object_get(j, "names"), *name;
	const char *lang;
	size_t k = 0;
	int rc;

	if (!json_is_object(v) || !json_object_size(v))
		return err_set(e, ERR_INVALID, "%s: a name in one language at least", "names");
	if (json_object_size(v) > LIMIT_DIR_ITEMS)
		return err_set(e, ERR_INVALID, "%s: at most %zu", "names",
			       (size_t)LIMIT_DIR_ITEMS);
	out->names = pool_calloc(p, json_object_size(v), sizeof(*out->names));
	json_object_foreach((json_t *)v, lang, name) {
		const char *field = pool_printf(p, "names.%.20s", lang);

		if ((rc = dir_lang_valid("names", lang, e)))
			return rc;
		if (!json_is_string(name) ||
		    strlen(json_string_value(name)) != json_string_length(name))
			return err_set(e, ERR_INVALID, "%s: must be a string", field);
		out->names[k].lang = pool_strdup(p, lang);
		out->names[k].name = pool_strdup(p, json_string_value(name));
		if ((rc = text_ok(field, out->names[k].name, LIMIT_DIR_NAME, 0, 1, e)))
			return rc;
		k++;
	}
	out->nnames = k;
	return ERR_OK;
}

static int channels_of(pool *p, const json_t *j, struct dir_entry *out, struct err *e)
{
	const json_t *a;
	size_t n;
	int rc;

	if ((rc = arr_member(j, "channels", &a, &n, e)))
		return rc;
	out->channels = pool_calloc(p, n ? n : 1, sizeof(*out->channels));
	for (size_t i = 0; i < n; i++) {
		const json_t *c = json_array_get(a, i);
		struct dir_channel *ch = &out->channels[i];
		const char *field = pool_printf(p, "channels[%zu]", i), *type;

		if (!json_is_object(c))
			return err_set(e, ERR_INVALID, "%s: must be an object", field);
		if ((rc = str_member(p, c, "type", 20, 0, 1, &type, e)) ||
		    (rc = str_member(p, c, "value", LIMIT_DIR_URL, 0, 1, &ch->value, e)) ||
		    (rc = str_member(p, c, "note", LIMIT_DIR_NOTE, 0, 0, &ch->note, e))) {
			err_prefix(e, "%s", field);
			return rc;
		}
		field = pool_printf(p, "channels[%zu].value", i);
		if ((ch->kind = dir_channel_parse(type)) < 0)
			return err_set(e, ERR_INVALID, "%s: '%.40s' is not a channel (phone, "
				       "email, portal, diplomatic)", pool_printf(p,
				       "channels[%zu].type", i), type);
		if (ch->kind == DIR_CH_PHONE)
			rc = dir_phone_valid(field, ch->value, e);
		else if (ch->kind == DIR_CH_EMAIL)
			rc = dir_email_valid(field, ch->value, e);
		else if (ch->kind == DIR_CH_PORTAL)
			rc = dir_url_valid(field, ch->value, 0, e);
		else
			rc = text_ok(field, ch->value, LIMIT_DIR_VALUE, 0, 1, e);
		if (rc)
			return rc;
		if (ch->kind != DIR_CH_PORTAL && strlen(ch->value) > LIMIT_DIR_VALUE)
			return err_set(e, ERR_INVALID, "%s: longer than %zu bytes", field,
				       (size_t)LIMIT_DIR_VALUE);
	}
	out->nchannels = n;
	return ERR_OK;
}

/* The string lists: articles, legal bases, languages. */
static int lists_of(pool *p, const json_t *j, struct dir_entry *out, struct err *e)
{
	const json_t *a;
	const char *s, *field;
	size_t n;
	int rc;

	if ((rc = arr_member(j, "articles", &a, &n, e)))
		return rc;
	out->articles = pool_calloc(p, n ? n : 1, sizeof(*out->articles));
	for (size_t i = 0; i < n; i++)
		if ((rc = str_elem(p, a, "articles", i, LIMIT_ARTICLE_REF, &s, &field, e)) ||
		    (rc = article_parse(p, field, s, &out->articles[i], e)))
			return rc;
	out->narticles = n;
	if ((rc = arr_member(j, "legal_bases", &a, &n, e)))
		return rc;
	out->bases = pool_calloc(p, n ? n : 1, sizeof(*out->bases));
	for (size_t i = 0; i < n; i++) {
		if ((rc = str_elem(p, a, "legal_bases", i, 40, &out->bases[i], &field, e)))
			return rc;
		if (!dir_basis_valid(out->bases[i]))
			return err_set(e, ERR_INVALID, "%s: '%.40s' is not a legal basis "
				       "(coe-185, un-cc, untoc, regional, bilateral, "
				       "reciprocity, domestic)", field, out->bases[i]);
	}
	out->nbases = n;
	if ((rc = arr_member(j, "languages", &a, &n, e)))
		return rc;
	out->languages = pool_calloc(p, n ? n : 1, sizeof(*out->languages));
	for (size_t i = 0; i < n; i++)
		if ((rc = str_elem(p, a, "languages", i, 20, &out->languages[i], &field, e)) ||
		    (rc = dir_lang_valid(field, out->languages[i], e)))
			return rc;
	out->nlanguages = n;
	return ERR_OK;
}

/* dir_from_json; check_tz: check the time zone against the zone database (not when
 * reading what was stored: the database may have dropped a zone since). */
static int from_json(pool *p, const json_t *j, struct dir_entry *out, int check_tz,
		     struct err *e)
{
	const char *kind, *tz;
	const json_t *pub;
	char cc[4];
	int rc;

	static const char *const known[] = {
		"country", "kind", "tlp", "public_part", "names", "articles", "legal_bases",
		"legal_basis_text", "languages", "channels", "hours", "timezone",
		"requirements",
		/* what dir_to_json adds, ignored: an entry read can be sent back */
		"id", "version", "created_at", "created_by", "changed_at", "changed_by",
		"verified_on", "verified_by", "verified_version", "stale", "only_public",
	};
	const char *key;
	const json_t *v;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(j))
		return err_set(e, ERR_INVALID, "the entry must be a JSON object");
	json_object_foreach((json_t *)j, key, v) {
		size_t i = 0;

		while (i < sizeof(known) / sizeof(known[0]) && strcmp(known[i], key))
			i++;
		if (i == sizeof(known) / sizeof(known[0]))
			return err_set(e, ERR_INVALID, "%.40s: not a field of a directory entry",
				       key);
	}
	if ((rc = str_member(p, j, "country", 3, 0, 1, &out->country, e)) ||
	    (rc = country_code_normalize(out->country, cc, e)))
		return rc;
	out->country = pool_strdup(p, cc);
	if ((rc = str_member(p, j, "kind", 40, 0, 1, &kind, e)))
		return rc;
	if ((out->kind = dir_kind_parse(kind)) < 0)
		return err_set(e, ERR_INVALID, "%s: '%.40s' is not a kind of authority",
			       "kind", kind);
	if ((rc = str_member(p, j, "tlp", 20, 0, 0, &out->tlp, e)))
		return rc;
	if (!*out->tlp)
		out->tlp = "AMBER";
	if (strcmp(out->tlp, "CLEAR") && strcmp(out->tlp, "GREEN") && strcmp(out->tlp, "AMBER"))
		return err_set(e, ERR_INVALID, "%s: '%.20s' must be CLEAR, GREEN or AMBER",
			       "tlp", out->tlp);
	pub = json_object_get(j, "public_part");
	if (pub && !json_is_boolean(pub) && !json_is_null(pub))
		return err_set(e, ERR_INVALID, "%s: must be true or false", "public_part");
	out->public_part = json_is_true(pub);
	if ((rc = names_of(p, j, out, e)) || (rc = lists_of(p, j, out, e)) ||
	    (rc = channels_of(p, j, out, e)) ||
	    (rc = str_member(p, j, "legal_basis_text", LIMIT_DIR_TEXT, 1, 0,
			     &out->basis_text, e)) ||
	    (rc = str_member(p, j, "hours", LIMIT_DIR_NOTE, 0, 0, &out->hours, e)) ||
	    (rc = str_member(p, j, "timezone", 64, 0, 0, &tz, e)) ||
	    (rc = str_member(p, j, "requirements", LIMIT_DIR_TEXT, 1, 0,
			     &out->requirements, e)))
		return rc;
	if (check_tz && *tz && (rc = dir_timezone_valid(NULL, "timezone", tz, e)))
		return rc;
	out->timezone = tz;
	return ERR_OK;
}

int dir_from_json(pool *p, const json_t *j, struct dir_entry *out, struct err *e)
{
	return from_json(p, j, out, 1, e);
}

const char *dir_article_ref(pool *p, const struct dir_article *a)
{
	return pool_printf(p, "%s/%d", a->instrument, a->number);
}

static json_t *str_array(const char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The values kept in the store's body (dir_row). */
static json_t *body_json(const struct dir_entry *en)
{
	json_t *j = json_object(), *names = json_object(), *arts = json_array(),
	       *chans = json_array();
	char ref[64];

	for (size_t i = 0; i < en->nnames; i++)
		json_object_set_new(names, en->names[i].lang, json_string(en->names[i].name));
	json_object_set_new(j, "names", names);
	for (size_t i = 0; i < en->narticles; i++) {
		snprintf(ref, sizeof(ref), "%s/%d", en->articles[i].instrument,
			 en->articles[i].number);
		json_array_append_new(arts, json_string(ref));
	}
	json_object_set_new(j, "articles", arts);
	json_object_set_new(j, "legal_bases", str_array(en->bases, en->nbases));
	json_object_set_new(j, "legal_basis_text", json_string(en->basis_text ?
							       en->basis_text : ""));
	json_object_set_new(j, "languages", str_array(en->languages, en->nlanguages));
	for (size_t i = 0; i < en->nchannels; i++)
		json_array_append_new(chans, json_pack("{s:s, s:s, s:s}", "type",
				      dir_channels[en->channels[i].kind].key, "value",
				      en->channels[i].value, "note",
				      en->channels[i].note ? en->channels[i].note : ""));
	json_object_set_new(j, "channels", chans);
	json_object_set_new(j, "hours", json_string(en->hours ? en->hours : ""));
	json_object_set_new(j, "timezone", json_string(en->timezone ? en->timezone : ""));
	json_object_set_new(j, "requirements", json_string(en->requirements ?
							   en->requirements : ""));
	return j;
}

json_t *dir_to_json(const struct dir_entry *en)
{
	json_t *j;

	if (en->only_public) {
		json_t *names = json_object();

		for (size_t i = 0; i < en->nnames; i++)
			json_object_set_new(names, en->names[i].lang,
					    json_string(en->names[i].name));
		return json_pack("{s:I, s:s, s:s, s:s, s:o, s:b}", "id", (json_int_t)en->id,
				 "country", en->country, "kind", dir_kinds[en->kind].key,
				 "tlp", "CLEAR", "names", names, "only_public", 1);
	}
	j = body_json(en);
	json_object_set_new(j, "id", json_integer(en->id));
	json_object_set_new(j, "country", json_string(en->country));
	json_object_set_new(j, "kind", json_string(dir_kinds[en->kind].key));
	json_object_set_new(j, "tlp", json_string(en->tlp));
	json_object_set_new(j, "public_part", json_boolean(en->public_part));
	json_object_set_new(j, "version", json_integer(en->version));
	json_object_set_new(j, "created_at", jstr(en->created_at));
	json_object_set_new(j, "created_by", jstr(en->created_by));
	json_object_set_new(j, "changed_at", jstr(en->changed_at));
	json_object_set_new(j, "changed_by", jstr(en->changed_by));
	json_object_set_new(j, "verified_on", jstr(en->verified_on));
	json_object_set_new(j, "verified_by", jstr(en->verified_by));
	json_object_set_new(j, "verified_version", json_integer(en->verified_version));
	json_object_set_new(j, "stale", json_boolean(en->stale));
	return j;
}

/* ---- rules ---- */

int dir_stale(const struct dir_entry *en, const char *today)
{
	const char *from = en->verified_on ? en->verified_on : en->created_at;
	char due[16];
	int y;

	if (!from || strlen(from) < 10 || !today)
		return 1;
	/* twelve months later: the same month and day a year on (a 29 February
	 * compares between the 28th and 1 March as text) */
	y = (from[0] - '0') * 1000 + (from[1] - '0') * 100 + (from[2] - '0') * 10 +
	    (from[3] - '0');
	snprintf(due, sizeof(due), "%04d%.6s", (y + 1) % 10000, from + 4);
	return strncmp(today, due, 10) >= 0;
}

static int signed_in(const struct actor *a)
{
	return a && a->user_id && a->role >= 0 && a->role < ROLE_COUNT;
}

static int curator(const struct actor *a)
{
	return signed_in(a) && (a->role == ROLE_CURATOR || a->role == ROLE_ADMIN);
}

int dir_reader_init(struct store *s, pool *p, const struct actor *a, struct dir_reader *r,
		    struct err *e)
{
	memset(r, 0, sizeof(*r));
	r->a = a;
	if (!signed_in(a) || !a->org_id || a->local)
		return ERR_OK;
	return store_dir_partners(s, p, a->org_id, &r->partners, &r->npartners, e);
}

enum dir_access dir_readable(const struct dir_reader *r, const struct dir_entry *en)
{
	const struct actor *a = r->a;

	if (!strcmp(en->tlp, "CLEAR") || (a && a->local))
		return DIR_FULL;
	if (signed_in(a)) {
		if (!strcmp(en->tlp, "GREEN") || curator(a) ||
		    (en->created_by_user && en->created_by_user == a->user_id) ||
		    (a->role == ROLE_FOCAL_POINT && a->country &&
		     !strcmp(a->country, en->country)))
			return DIR_FULL;
		for (size_t i = 0; i < r->npartners; i++)
			if (!strcmp(r->partners[i], en->country))
				return DIR_FULL;
	}
	return en->public_part ? DIR_PUBLIC : DIR_NONE;
}

int dir_may_edit(const struct actor *a, const char *country)
{
	struct record rec = { .country = country };

	return !record_allow(a, ACT_DIRECTORY, &rec, NULL);
}

int dir_may_verify(const struct actor *a)
{
	return !record_allow(a, ACT_VERIFY, NULL, NULL);
}

static const char *today(pool *p)
{
	char day[16];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	return pool_strdup(p, day);
}

/* A row of the store into an entry (its body decoded); ERR_INTERNAL when the body
 * is not what dir_to_json wrote. */
static int from_row(pool *p, const struct dir_row *row, const char *day,
		    struct dir_entry *en, struct err *e)
{
	json_t *j = json_loads(row->body, JSON_REJECT_DUPLICATES, NULL);
	struct err local = { 0 };
	int rc;

	if (!j)
		return err_set(e, ERR_INTERNAL, "directory entry %lld: unreadable body",
			       row->id);
	json_object_set_new(j, "country", json_string(row->country));
	json_object_set_new(j, "kind", json_string(row->kind));
	json_object_set_new(j, "tlp", json_string(row->tlp));
	rc = from_json(p, j, en, 0, &local);
	json_decref(j);
	if (rc)
		return err_set(e, ERR_INTERNAL, "directory entry %lld: %s", row->id,
			       local.msg);
	en->id = row->id;
	en->public_part = row->public_part;
	en->version = row->version;
	en->created_at = row->created_at;
	en->created_by = row->created_by;
	en->created_by_user = row->created_by_user;
	en->changed_at = row->changed_at;
	en->changed_by = row->changed_by;
	en->verified_on = row->verified_on;
	en->verified_by = row->verified_by;
	en->verified_version = row->verified_version;
	en->stale = dir_stale(en, day);
	return ERR_OK;
}

/* Keep of en only what its public part shows. */
static void only_public(struct dir_entry *en)
{
	en->only_public = 1;
	en->narticles = en->nbases = en->nlanguages = en->nchannels = 0;
	en->basis_text = en->hours = en->timezone = en->requirements = "";
	en->created_by = en->changed_by = en->verified_by = NULL;
	en->created_at = en->changed_at = en->verified_on = NULL;
	en->verified_version = 0;
	en->stale = 0;
	en->tlp = "CLEAR";
}

/* The read of a whole AMBER entry by anybody but the command line: audited. */
static int read_audit(struct store *s, const struct actor *a, const struct dir_entry *en,
		      struct err *e)
{
	char target[48];

	if ((a && a->local) || en->only_public || strcmp(en->tlp, "AMBER"))
		return ERR_OK;
	snprintf(target, sizeof(target), "directory/%lld", en->id);
	return audit_read_once(s, a, target, en->tlp, e);
}

/* The entry as the actor may change it: the store's row by id, whole. */
static int row_entry(struct store *s, pool *p, long long id, struct dir_entry *en,
		     struct err *e)
{
	struct dir_row *row;
	struct err local = { 0 };
	int rc = store_dir_get(s, p, id, &row, &local);

	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no directory entry %lld", id);
	if (rc)
		return err_set(e, rc, "%s", local.msg);
	return from_row(p, row, today(p), en, e);
}

static void row_of(pool *p, const struct dir_entry *en, struct dir_row *row)
{
	json_t *b = body_json(en);
	char *text = json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS);

	memset(row, 0, sizeof(*row));
	row->id = en->id;
	row->country = en->country;
	row->kind = dir_kinds[en->kind].key;
	row->tlp = en->tlp;
	row->public_part = en->public_part;
	row->body = pool_strdup(p, text);
	free(text);
	json_decref(b);
	row->version = en->version;
	row->created_at = en->created_at;
	row->created_by = en->created_by;
	row->created_by_user = en->created_by_user;
	row->changed_at = en->changed_at;
	row->changed_by = en->changed_by;
	row->verified_on = en->verified_on;
	row->verified_by = en->verified_by;
	row->verified_version = en->verified_version;
}

/* Check the articles exist in the instruments' reference data. */
static int articles_exist(struct store *s, pool *p, const struct dir_entry *en,
			  struct err *e)
{
	struct article *art;

	for (size_t i = 0; i < en->narticles; i++)
		if (instrument_article(s, p, en->articles[i].instrument,
				       en->articles[i].number, &art, NULL))
			return err_set(e, ERR_INVALID, "%s: '%.80s' is not an article of the "
				       "instruments (such as coe-185/35)",
				       pool_printf(p, "articles[%zu]", i),
				       dir_article_ref(p, &en->articles[i]));
	return ERR_OK;
}

/* Add the history step action of en (as it is now) inside the caller's transaction. */
static int history_add(struct store *s, pool *p, const struct dir_entry *en,
		       const char *action, const char *at, const char *by, struct err *e)
{
	json_t *j = dir_to_json(en);
	char *text;
	struct dir_revision rev = { .entry = en->id, .action = action, .version = en->version,
				    .at = at, .by = by };
	int rc;

	json_object_del(j, "stale");
	text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	rev.snapshot = pool_strdup(p, text);
	free(text);
	json_decref(j);
	rc = store_dir_rev_add(s, &rev, e);
	return rc;
}

static const char *actor_name(const struct actor *a)
{
	return a && a->name ? a->name : "unknown";
}

static int allow(const struct actor *a, enum record_action act, const char *country,
		 struct err *e)
{
	struct record rec = { .country = country };

	return record_allow(a, act, &rec, e);
}

int dir_add(struct store *s, const struct actor *a, struct dir_entry *en, long long *id,
	    struct err *e)
{
	pool *p = pool_new();
	struct dir_row row;
	struct tx t = { 0 };
	struct country *c;
	int rc;

	if ((rc = allow(a, ACT_DIRECTORY, en->country, e)) ||
	    (rc = country_get(s, p, en->country, &c, e)) ||
	    (rc = articles_exist(s, p, en, e)))
		goto out;
	en->version = 1;
	en->created_at = en->changed_at = record_now(p);
	en->created_by = en->changed_by = actor_name(a);
	en->created_by_user = a && !a->local ? a->user_id : 0;
	en->verified_on = en->verified_by = NULL;
	en->verified_version = 0;
	en->only_public = 0;
	row_of(p, en, &row);
	if ((rc = tx_begin(&t, s, e)) || (rc = store_dir_insert(s, &row, id, e)))
		goto out;
	en->id = *id;
	if ((rc = history_add(s, p, en, "create", en->created_at, en->created_by, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_DIR_CREATE, pool_printf(p, "directory/%lld", *id),
		      pool_printf(p, "%s %s", en->country, dir_kinds[en->kind].key), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

int dir_edit(struct store *s, const struct actor *a, long long id, int version,
	     struct dir_entry *en, struct err *e)
{
	pool *p = pool_new();
	struct dir_entry old;
	struct dir_row row;
	struct tx t = { 0 };
	int rc;

	if ((rc = tx_begin(&t, s, e)) || (rc = row_entry(s, p, id, &old, e)))
		goto out;
	if (allow(a, ACT_DIRECTORY, old.country, NULL)) {
		/* one who may not edit it learns no more than a reader would */
		struct dir_reader r;

		if ((rc = dir_reader_init(s, p, a, &r, e)))
			goto out;
		if (dir_readable(&r, &old) == DIR_NONE)
			rc = err_set(e, ERR_NOTFOUND, "no directory entry %lld", id);
		else
			rc = allow(a, ACT_DIRECTORY, old.country, e);
		goto out;
	}
	if (strcmp(old.country, en->country)) {
		rc = err_set(e, ERR_INVALID, "%s: an entry stays in its country (%s)",
			     "country", old.country);
		goto out;
	}
	if (old.version != version) {
		rc = err_set(e, ERR_CONFLICT, "the entry changed since version %d (it is at "
			     "version %d); reload it and edit again", version, old.version);
		goto out;
	}
	if ((rc = articles_exist(s, p, en, e)))
		goto out;
	en->id = id;
	en->version = old.version + 1;
	en->created_at = old.created_at;
	en->created_by = old.created_by;
	en->created_by_user = old.created_by_user;
	en->changed_at = record_now(p);
	en->changed_by = actor_name(a);
	en->verified_on = old.verified_on;
	en->verified_by = old.verified_by;
	en->verified_version = old.verified_version;
	en->only_public = 0;
	row_of(p, en, &row);
	if ((rc = store_dir_update(s, &row, e)) ||
	    (rc = history_add(s, p, en, "edit", en->changed_at, en->changed_by, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_DIR_EDIT, pool_printf(p, "directory/%lld", id),
		      pool_printf(p, "version %d", en->version), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

int dir_verify(struct store *s, const struct actor *a, long long id, struct err *e)
{
	pool *p = pool_new();
	struct dir_entry en;
	struct tx t = { 0 };
	int rc;

	if ((rc = allow(a, ACT_VERIFY, NULL, e)) || (rc = tx_begin(&t, s, e)) ||
	    (rc = row_entry(s, p, id, &en, e)))
		goto out;
	en.verified_on = today(p);
	en.verified_by = actor_name(a);
	en.verified_version = en.version;
	if ((rc = store_dir_verified(s, id, en.verified_on, en.verified_by, en.version, e)) ||
	    (rc = history_add(s, p, &en, "verify", record_now(p), en.verified_by, e)))
		goto out;
	rc = audit_by(s, a, AUDIT_DIR_VERIFY, pool_printf(p, "directory/%lld", id),
		      pool_printf(p, "version %d", en.version), e);
out:
	rc = tx_end(&t, rc, e);
	pool_free(p);
	return rc;
}

int dir_get(struct store *s, pool *p, const struct actor *a, long long id,
	    struct dir_entry **out, struct err *e)
{
	struct dir_reader r;
	struct dir_entry *en = pool_calloc(p, 1, sizeof(*en));
	enum dir_access acc;
	int rc;

	if ((rc = row_entry(s, p, id, en, e)) || (rc = dir_reader_init(s, p, a, &r, e)))
		return rc;
	if ((acc = dir_readable(&r, en)) == DIR_NONE)
		return err_set(e, ERR_NOTFOUND, "no directory entry %lld", id);
	if (acc == DIR_PUBLIC)
		only_public(en);
	if ((rc = read_audit(s, a, en, e)))
		return rc;
	*out = en;
	return ERR_OK;
}

static int has_lang(const struct dir_entry *en, const char *lang)
{
	for (size_t i = 0; i < en->nlanguages; i++)
		if (!strcmp(en->languages[i], lang))
			return 1;
	return 0;
}

static int serves(pool *p, const struct dir_entry *en, const char *ref)
{
	for (size_t i = 0; i < en->narticles; i++)
		if (!strcmp(dir_article_ref(p, &en->articles[i]), ref))
			return 1;
	return 0;
}

/* Whether en (as read) passes q's filters on what only whole entries show. */
static int matches(pool *p, const struct dir_query *q, const struct dir_entry *en)
{
	if (q->kind >= 0 && en->kind != q->kind)
		return 0;
	if (q->language && !has_lang(en, q->language))
		return 0;
	if (q->article && !serves(p, en, q->article))
		return 0;
	if (q->stale_only && !en->stale)
		return 0;
	return 1;
}

/* The entries matching q as r reads them, without auditing. */
static int read_list(struct store *s, pool *p, const struct dir_reader *r,
		     const struct dir_query *q, struct dir_entry **out, size_t *n,
		     struct err *e)
{
	struct dir_row *rows;
	struct dir_entry *v;
	struct region *g = NULL;
	struct country *cs = NULL;
	size_t nrows, k = 0, ncs = 0;
	const char *day = today(p);
	int rc;

	struct dir_query qq = *q;
	struct dir_article art;
	struct country *one;

	*out = NULL;
	*n = 0;
	/* the filters: checked, each error naming its parameter */
	if (q->country && (rc = country_get(s, p, q->country, &one, e)))
		return rc;
	if (q->country)
		qq.country = one->alpha2;
	if (q->language && (rc = dir_lang_valid("language", q->language, e)))
		return rc;
	if (q->article && (rc = article_parse(p, "article", q->article, &art, e)))
		return rc;
	if (q->article)
		qq.article = dir_article_ref(p, &art);
	q = &qq;
	if (q->region && ((rc = region_get(s, p, q->region, &g, e)) ||
			  (rc = country_list(s, p, &cs, &ncs, e))))
		return rc;
	if ((rc = store_dir_list(s, p, q->country, &rows, &nrows, e)))
		return rc;
	v = pool_calloc(p, nrows ? nrows : 1, sizeof(*v));
	for (size_t i = 0; i < nrows && k < LIMIT_DIR_LIST; i++) {
		enum dir_access acc;
		int in_region = !g;

		if ((rc = from_row(p, &rows[i], day, &v[k], e)))
			return rc;
		for (size_t c = 0; !in_region && c < ncs; c++)
			in_region = !strcmp(cs[c].alpha2, v[k].country) &&
				    region_contains(g, &cs[c]);
		if (!in_region || (acc = dir_readable(r, &v[k])) == DIR_NONE)
			continue;
		if (acc == DIR_PUBLIC)
			only_public(&v[k]);
		if (matches(p, q, &v[k]))
			k++;
	}
	*out = v;
	*n = k;
	return ERR_OK;
}

/* Audit the whole AMBER entries of v[0..n) read by a, in one transaction. */
static int audit_each(struct store *s, const struct actor *a, const struct dir_entry *v,
		      size_t n, struct err *e)
{
	struct tx t = { 0 };
	int rc = ERR_OK;

	for (size_t i = 0; i < n && !rc; i++) {
		if ((a && a->local) || v[i].only_public || strcmp(v[i].tlp, "AMBER"))
			continue;
		if (!t.open && (rc = tx_begin(&t, s, e)))
			return rc;
		rc = read_audit(s, a, &v[i], e);
	}
	return tx_end(&t, rc, e);
}

int dir_list(struct store *s, pool *p, const struct actor *a, const struct dir_query *q,
	     struct dir_entry **out, size_t *n, struct err *e)
{
	struct dir_reader r;
	int rc;

	if ((rc = dir_reader_init(s, p, a, &r, e)) || (rc = read_list(s, p, &r, q, out, n, e)))
		return rc;
	return audit_each(s, a, *out, *n, e);
}

/* The names of the top-level members whose values differ between a and b. */
static const char *changed_fields(pool *p, const char *a, const char *b)
{
	static const char *const skip[] = { "version", "changed_at", "changed_by",
					    "verified_on", "verified_by", "verified_version" };
	json_t *ja = a ? json_loads(a, 0, NULL) : NULL, *jb = json_loads(b, 0, NULL), *v;
	struct sbuf out;
	const char *key, *res;

	sbuf_init(&out);
	if (jb)
		json_object_foreach(jb, key, v) {
			int skipped = 0;

			for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
				skipped |= !strcmp(skip[i], key);
			if (!skipped && ja && !json_equal(v, json_object_get(ja, key)))
				sbuf_addf(&out, "%s%s", out.len ? ", " : "", key);
		}
	res = pool_strdup(p, sbuf_str(&out));
	sbuf_release(&out);
	json_decref(ja);
	json_decref(jb);
	return res;
}

int dir_history(struct store *s, pool *p, const struct actor *a, long long id,
		struct dir_revision **out, size_t *n, struct err *e)
{
	struct dir_entry *en;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = dir_get(s, p, a, id, &en, e)))
		return rc;
	if (en->only_public)
		return err_set(e, ERR_NOTFOUND, "no directory entry %lld", id);
	if ((rc = store_dir_revs(s, p, id, out, n, e)))
		return rc;
	for (size_t i = 0; i < *n; i++)
		(*out)[i].changed = changed_fields(p, i ? (*out)[i - 1].snapshot : NULL,
						   (*out)[i].snapshot);
	return ERR_OK;
}

int dir_stale_list(struct store *s, pool *p, const struct actor *a,
		   struct dir_entry **out, size_t *n, struct err *e)
{
	struct dir_query q = { .kind = -1, .stale_only = 1 };
	struct dir_reader r;
	int rc;

	*out = NULL;
	*n = 0;
	if (!(a && a->local) && !curator(a)) {
		if (!signed_in(a) || a->role != ROLE_FOCAL_POINT || !a->country)
			return ERR_OK;
		q.country = a->country;
	}
	if ((rc = dir_reader_init(s, p, a, &r, e)) || (rc = read_list(s, p, &r, &q, out, n, e)))
		return rc;
	return audit_each(s, a, *out, *n, e);
}

/* The rank of en for need d: the kinds in d's order, those serving one of d's
 * articles before the others. */
static int rank(pool *p, const struct dir_need_def *d, const struct dir_entry *en)
{
	int r = 0, serving = 0;

	for (int i = 0; i < d->nkinds; i++)
		if (d->kinds[i] == en->kind)
			r = i * 2;
	for (size_t i = 0; d->articles[i] && !serving; i++)
		serving = serves(p, en, d->articles[i]);
	return r + !serving;
}

int dir_ask(struct store *s, pool *p, const struct actor *a, const char *country,
	    const char *need, struct dir_answer *out, struct err *e)
{
	struct dir_query q = { .country = country, .kind = -1 };
	struct dir_entry *v;
	struct country *c;
	size_t n, k = 0;
	int ni = dir_need_parse(need), rc;

	memset(out, 0, sizeof(*out));
	if (ni < 0)
		return err_set(e, ERR_INVALID, "%s: '%.20s' is not a need (preserve, "
			       "subscriber, mla, extradite)", "need", need ? need : "");
	out->need = &dir_needs[ni];
	if ((rc = country_get(s, p, country, &c, e)))
		return rc;
	q.country = out->country = c->alpha2;
	if ((rc = dir_list(s, p, a, &q, &v, &n, e)))
		return rc;
	out->entries = pool_calloc(p, n ? n : 1, sizeof(*out->entries));
	/* stable selection by rank: ranks are small */
	for (int want = 0; want < 2 * out->need->nkinds; want++)
		for (size_t i = 0; i < n; i++) {
			int in = 0;

			for (int kk = 0; kk < out->need->nkinds; kk++)
				in |= out->need->kinds[kk] == v[i].kind;
			if (in && rank(p, out->need, &v[i]) == want)
				out->entries[k++] = v[i];
		}
	out->nentries = k;
	/* the powers: accepted mappings of the country's provisions (as the clearance
	 * on s reads them) to the power articles */
	for (size_t i = 0; out->need->powers[i]; i++) {
		struct dir_article art;
		struct mapping *m;
		size_t nm;

		if ((rc = article_parse(p, "need", out->need->powers[i], &art, e)) ||
		    (rc = mapping_list_article(s, p, art.instrument, art.number, &m, &nm, e)))
			return rc;
		for (size_t j = 0; j < nm; j++) {
			if (!m[j].country || strcmp(m[j].country, c->alpha2))
				continue;
			if (!(out->npowers & 15)) {
				struct mapping *grown = pool_calloc(p, out->npowers + 16,
								    sizeof(*grown));

				if (out->npowers)
					memcpy(grown, out->powers,
					       out->npowers * sizeof(*grown));
				out->powers = grown;
			}
			out->powers[out->npowers++] = m[j];
		}
	}
	return ERR_OK;
}

const char *dir_entry_name(const struct dir_entry *en, const char *lang)
{
	for (size_t i = 0; lang && i < en->nnames; i++)
		if (!strcmp(en->names[i].lang, lang))
			return en->names[i].name;
	for (size_t i = 0; i < en->nnames; i++)
		if (!strcmp(en->names[i].lang, "en"))
			return en->names[i].name;
	return en->nnames ? en->names[0].name : "";
}
