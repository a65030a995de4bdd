/* Fuzz target: what the cooperation directory parses and writes (domain/directory.h,
 * export/directory.h). The first byte chooses:
 *   0: the validators (E.164, e-mail, URL, time zone, ISO 639-1) on the rest as text:
 *      a refusal names the field; what is taken has the shape each promises (a phone
 *      is + and 8-15 digits; an address one '@' and no space or control character; a
 *      URL starts with https:// and has no space, quote or angle bracket; a zone has
 *      no "..", no leading '/' and exists under /usr/share/zoneinfo);
 *   1: an entry's JSON (dir_from_json): a refusal has a message; an entry taken,
 *      written back (dir_to_json) and read again, is taken again and writes the same
 *      JSON;
 *   2: the vCard writer on the rest as one value: escaped and folded, every physical
 *      line ends with CRLF and is at most 75 octets, no bare CR or LF, a valid UTF-8
 *      value is never cut inside a character, and unfolded and unescaped it is the
 *      value with its line breaks as LF and other control characters dropped. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/utf8.h"
#include "domain/directory.h"
#include "export/directory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void named(int rc, const struct err *e, const char *field)
{
	if (rc && (rc != ERR_INVALID || strncmp(e->msg, field, strlen(field))))
		abort();
}

static void validators(const char *s)
{
	struct err e = { 0 };
	int rc;

	rc = dir_phone_valid("phone", s, &e);
	named(rc, &e, "phone");
	if (!rc && (s[0] != '+' || strspn(s + 1, "0123456789") != strlen(s + 1) ||
		    strlen(s) < 9 || strlen(s) > 16 || s[1] == '0'))
		abort();
	err_clear(&e);
	rc = dir_email_valid("email", s, &e);
	named(rc, &e, "email");
	if (!rc && (!strchr(s, '@') || strchr(s, '@') != strrchr(s, '@') ||
		    strpbrk(s, " \t\r\n\"<>,;\\") || strlen(s) > 254))
		abort();
	err_clear(&e);
	for (int http = 0; http < 2; http++) {
		rc = dir_url_valid("url", s, http, &e);
		named(rc, &e, "url");
		if (!rc && ((strncmp(s, "https://", 8) && (!http || strncmp(s, "http://", 7))) ||
			    strpbrk(s, " \t\r\n\"<>\\`{}|^")))
			abort();
		err_clear(&e);
	}
	rc = dir_timezone_valid(NULL, "timezone", s, &e);
	named(rc, &e, "timezone");
	if (!rc && (strstr(s, "..") || s[0] == '/' || strstr(s, "//") || strlen(s) > 64))
		abort();
	err_clear(&e);
	rc = dir_lang_valid("lang", s, &e);
	named(rc, &e, "lang");
	if (!rc && (strlen(s) != 2 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z'))
		abort();
}

static void entry(const char *s, size_t n)
{
	json_t *j = json_loadb(s, n, JSON_REJECT_DUPLICATES, NULL), *back, *again;
	pool *p = pool_new();
	struct dir_entry en, en2;
	struct err e = { 0 };
	char *a, *b;

	if (!j)
		goto out;
	if (dir_from_json(p, j, &en, &e)) {
		if (!e.msg[0] || e.code != ERR_INVALID)
			abort();
		goto out;
	}
	back = dir_to_json(&en);
	if (dir_from_json(p, back, &en2, &e))
		abort();
	again = dir_to_json(&en2);
	a = json_dumps(back, JSON_SORT_KEYS);
	b = json_dumps(again, JSON_SORT_KEYS);
	if (!a || !b || strcmp(a, b))
		abort();
	free(a);
	free(b);
	json_decref(back);
	json_decref(again);
out:
	json_decref(j);
	pool_free(p);
}

static void vcard(const char *s)
{
	struct sbuf v, out, want;
	size_t i = 0;
	int utf8 = utf8_valid(s, strlen(s));

	sbuf_init(&v);
	sbuf_init(&out);
	sbuf_init(&want);
	sbuf_adds(&v, "NOTE:");
	directory_vcard_escape(&v, s);
	directory_vcard_fold(&out, sbuf_str(&v));
	/* the lines */
	while (i < out.len) {
		const char *end = strstr(out.buf + i, "\r\n");

		if (!end || (size_t)(end - (out.buf + i)) > 75)
			abort();
		if (memchr(out.buf + i, '\r', (size_t)(end - (out.buf + i))) ||
		    memchr(out.buf + i, '\n', (size_t)(end - (out.buf + i))))
			abort();
		if (i && (out.buf[i] != ' ' || (utf8 && ((unsigned char)out.buf[i + 1] & 0xC0) ==
						0x80 && end > out.buf + i + 1)))
			abort();
		i = (size_t)(end - out.buf) + 2;
	}
	/* unfolded and unescaped: the value */
	sbuf_reset(&v);
	for (i = 0; i < out.len; i++) {
		if (out.buf[i] == '\r' && out.buf[i + 1] == '\n') {
			i += out.buf[i + 2] == ' ' ? 2 : 1;
			continue;
		}
		sbuf_addc(&v, out.buf[i]);
	}
	for (i = 5; i < v.len; i++) {
		if (v.buf[i] == '\\') {
			i++;
			sbuf_addc(&want, v.buf[i] == 'n' ? '\n' : v.buf[i]);
		} else {
			sbuf_addc(&want, v.buf[i]);
		}
	}
	sbuf_reset(&v);
	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\r' || c == '\n') {
			if (c == '\r' && s[i + 1] == '\n')
				i++;
			sbuf_addc(&v, '\n');
		} else if (c >= 32 && c != 127) {
			sbuf_addc(&v, (char)c);
		}
	}
	if (strcmp(sbuf_str(&v), sbuf_str(&want)))
		abort();
	sbuf_release(&v);
	sbuf_release(&out);
	sbuf_release(&want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (size < 1 || size > 20000)
		return 0;
	s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = 0;
	switch (data[0] % 3) {
	case 0:
		validators(s);
		break;
	case 1:
		entry((const char *)data + 1, size - 1);
		break;
	default:
		vcard(s);
		break;
	}
	free(s);
	return 0;
}
