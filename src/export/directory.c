/* The cooperation directory's exports: vCard 4.0 (RFC 6350) and CSV. */
#include "export/directory.h"

#include <string.h>

#include "export/csv.h"

#define FOLD 75		/* octets of a line, CRLF not counted (RFC 6350 3.2) */

void directory_vcard_escape(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\' || c == ',' || c == ';') {
			sbuf_addc(b, '\\');
			sbuf_addc(b, (char)c);
		} else if (c == '\r' || c == '\n') {
			if (c == '\r' && s[1] == '\n')
				s++;
			sbuf_adds(b, "\\n");
		} else if (c >= 32 && c != 127) {
			sbuf_addc(b, (char)c);
		}
	}
}

/* A URI value: the characters vCard gives a meaning (\ , ;) percent-encoded, which
 * leaves the URI as it was for the programs that read it. */
static void vcard_uri(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\' || *s == ',' || *s == ';')
			sbuf_addf(b, "%%%02X", (unsigned char)*s);
		else if ((unsigned char)*s >= 33 && *s != 127)
			sbuf_addc(b, *s);
	}
}

void directory_vcard_fold(struct sbuf *b, const char *line)
{
	size_t n = strlen(line), at = 0, room = FOLD;

	while (n - at > room) {
		size_t cut = at + room;

		/* never inside a UTF-8 sequence: back up to the start of a character */
		while (cut > at + 1 && ((unsigned char)line[cut] & 0xC0) == 0x80)
			cut--;
		sbuf_add(b, line + at, cut - at);
		sbuf_adds(b, "\r\n ");
		at = cut;
		room = FOLD - 1;	/* the continuation's space counts */
	}
	sbuf_add(b, line + at, n - at);
	sbuf_adds(b, "\r\n");
}

/* name:text-value, escaped and folded. */
static void prop_text(struct sbuf *b, struct sbuf *line, const char *name, const char *value)
{
	sbuf_reset(line);
	sbuf_adds(line, name);
	sbuf_addc(line, ':');
	directory_vcard_escape(line, value);
	directory_vcard_fold(b, sbuf_str(line));
}

static void prop_uri(struct sbuf *b, struct sbuf *line, const char *name, const char *prefix,
		     const char *value)
{
	sbuf_reset(line);
	sbuf_adds(line, name);
	sbuf_addc(line, ':');
	sbuf_adds(line, prefix);
	vcard_uri(line, value);
	directory_vcard_fold(b, sbuf_str(line));
}

/* "2026-12-07T14:53:00Z" as a vCard timestamp (20261207T145300Z), else NULL. */
static const char *stamp(pool *p, const char *iso)
{
	if (!iso || strlen(iso) != 20)
		return NULL;
	return pool_printf(p, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", iso, iso + 5, iso + 8, iso + 11,
			   iso + 14, iso + 17);
}

static void entry_vcard(struct sbuf *b, struct sbuf *line, pool *p, const struct dir_entry *en)
{
	const char *rev = stamp(p, en->changed_at);

	sbuf_adds(b, "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\n");
	prop_text(b, line, "FN", dir_entry_name(en, "en"));
	for (size_t i = 0; i < en->nnames; i++)
		prop_text(b, line, pool_printf(p, "ORG;LANGUAGE=%s", en->names[i].lang),
			  en->names[i].name);
	prop_text(b, line, "UID;VALUE=text", pool_printf(p, "ccrepo-directory-%lld", en->id));
	prop_text(b, line, "CATEGORIES", dir_kinds[en->kind].key);
	prop_text(b, line, "X-CCREPO-COUNTRY", en->country);
	prop_text(b, line, "X-CCREPO-TLP", en->only_public ? "CLEAR" : en->tlp);
	for (size_t i = 0; i < en->nchannels; i++) {
		const struct dir_channel *c = &en->channels[i];

		if (c->kind == DIR_CH_PHONE)
			prop_uri(b, line, "TEL;VALUE=uri;TYPE=voice", "tel:", c->value);
		else if (c->kind == DIR_CH_EMAIL)
			prop_text(b, line, "EMAIL", c->value);
		else if (c->kind == DIR_CH_PORTAL)
			prop_uri(b, line, "URL", "", c->value);
		else
			prop_text(b, line, "NOTE;LANGUAGE=en",
				  pool_printf(p, "Diplomatic channel: %s", c->value));
		if (c->note && *c->note)
			prop_text(b, line, "NOTE", pool_printf(p, "%s: %s",
				  dir_channels[c->kind].label, c->note));
	}
	for (size_t i = 0; i < en->nlanguages; i++)
		prop_text(b, line, pool_printf(p, "LANG;PREF=%zu", i + 1 > 100 ? 100 : i + 1),
			  en->languages[i]);
	if (en->timezone && *en->timezone)
		prop_text(b, line, "TZ;VALUE=text", en->timezone);
	if (en->hours && *en->hours)
		prop_text(b, line, "X-CCREPO-HOURS", en->hours);
	for (size_t i = 0; i < en->narticles; i++)
		prop_text(b, line, "X-CCREPO-ARTICLE", dir_article_ref(p, &en->articles[i]));
	for (size_t i = 0; i < en->nbases; i++)
		prop_text(b, line, "X-CCREPO-LEGAL-BASIS", en->bases[i]);
	if (en->basis_text && *en->basis_text)
		prop_text(b, line, "X-CCREPO-LEGAL-BASIS-TEXT", en->basis_text);
	if (en->requirements && *en->requirements)
		prop_text(b, line, "X-CCREPO-REQUIREMENTS", en->requirements);
	if (en->verified_on)
		prop_text(b, line, "X-CCREPO-VERIFIED", en->verified_on);
	if (rev && !en->only_public)
		prop_text(b, line, "REV", rev);
	sbuf_adds(b, "END:VCARD\r\n");
}

void directory_vcard(struct sbuf *b, pool *p, const struct dir_entry *en, size_t n)
{
	struct sbuf line;

	sbuf_init(&line);
	for (size_t i = 0; i < n; i++)
		entry_vcard(b, &line, p, &en[i]);
	sbuf_release(&line);
}

void directory_csv(struct sbuf *b, pool *p, const struct dir_entry *en, size_t n)
{
	static const char *const head[] = {
		"id", "country", "kind", "tlp", "names", "articles", "legal_bases",
		"legal_basis_text", "languages", "channels", "hours", "timezone",
		"requirements", "verified_on", "verified_by", "stale",
	};
	struct sbuf f[5];

	csv_row(b, head, sizeof(head) / sizeof(head[0]));
	for (size_t k = 0; k < 5; k++)
		sbuf_init(&f[k]);
	for (size_t i = 0; i < n; i++) {
		const struct dir_entry *e = &en[i];
		const char *row[16];

		for (size_t k = 0; k < 5; k++)
			sbuf_reset(&f[k]);
		for (size_t k = 0; k < e->nnames; k++)
			sbuf_addf(&f[0], "%s%s: %s", k ? "; " : "", e->names[k].lang,
				  e->names[k].name);
		for (size_t k = 0; k < e->narticles; k++)
			sbuf_addf(&f[1], "%s%s", k ? " " : "", dir_article_ref(p, &e->articles[k]));
		for (size_t k = 0; k < e->nbases; k++)
			sbuf_addf(&f[2], "%s%s", k ? " " : "", e->bases[k]);
		for (size_t k = 0; k < e->nlanguages; k++)
			sbuf_addf(&f[3], "%s%s", k ? " " : "", e->languages[k]);
		for (size_t k = 0; k < e->nchannels; k++)
			sbuf_addf(&f[4], "%s%s: %s%s%s%s", k ? "; " : "",
				  dir_channels[e->channels[k].kind].key, e->channels[k].value,
				  *e->channels[k].note ? " (" : "", e->channels[k].note,
				  *e->channels[k].note ? ")" : "");
		row[0] = pool_printf(p, "%lld", e->id);
		row[1] = e->country;
		row[2] = dir_kinds[e->kind].key;
		row[3] = e->only_public ? "CLEAR" : e->tlp;
		row[4] = pool_strdup(p, sbuf_str(&f[0]));
		row[5] = pool_strdup(p, sbuf_str(&f[1]));
		row[6] = pool_strdup(p, sbuf_str(&f[2]));
		row[7] = e->basis_text;
		row[8] = pool_strdup(p, sbuf_str(&f[3]));
		row[9] = pool_strdup(p, sbuf_str(&f[4]));
		row[10] = e->hours;
		row[11] = e->timezone;
		row[12] = e->requirements;
		row[13] = e->verified_on;
		row[14] = e->verified_by;
		row[15] = e->only_public ? "" : e->stale ? "yes" : "no";
		csv_row(b, row, 16);
	}
	for (size_t k = 0; k < 5; k++)
		sbuf_release(&f[k]);
}
