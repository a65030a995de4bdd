#include "core/stem.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

/* Snowball's name of each language's algorithm (NULL: none). */
static const char *const algorithms[LANG_COUNT] = {
	[LANG_AR] = "arabic", [LANG_ZH] = NULL, [LANG_EN] = "english",
	[LANG_FR] = "french", [LANG_RU] = "russian", [LANG_ES] = "spanish",
};

/* Stems of recent short words, by hash (tokenizing a law asks for the same few
 * thousand words again and again; Snowball and the tables below cost more). */
#define CACHE_SLOTS 4096
#define CACHE_WORD 32
struct cached {
	unsigned char lang, n, sn, used;
	char w[CACHE_WORD], s[CACHE_WORD];
};

struct stemmer {
	struct sb_stemmer *sb[LANG_COUNT];
	int failed[LANG_COUNT];
	char word[STEM_WORD_MAX + 8];	/* the word respelled (English) */
	struct cached *cache;		/* CACHE_SLOTS, made on first use */
};

/* English spelling variants: American forms that no rule below catches, as the
 * British one (both are then stemmed alike). Lowercase; a word's inflections are
 * listed when Snowball keeps them apart. */
static const char *const respell[][2] = {
	{ "offense", "offence" }, { "offenses", "offences" },
	{ "defense", "defence" }, { "defenses", "defences" },
	{ "license", "licence" }, { "licenses", "licences" }, { "licensed", "licenced" },
	{ "pretense", "pretence" }, { "program", "programme" }, { "programs", "programmes" },
	{ "judgment", "judgement" }, { "judgments", "judgements" },
	{ "acknowledgment", "acknowledgement" }, { "center", "centre" },
	{ "centers", "centres" }, { "behavior", "behaviour" }, { "behaviors", "behaviours" },
	{ "labor", "labour" }, { "favor", "favour" }, { "honor", "honour" },
	{ "color", "colour" }, { "neighbor", "neighbour" }, { "harbor", "harbour" },
	{ "catalog", "catalogue" }, { "dialog", "dialogue" }, { "enroll", "enrol" },
	{ "fulfill", "fulfil" }, { "installment", "instalment" }, { "traveled", "travelled" },
	{ "canceled", "cancelled" }, { "labeled", "labelled" }, { "modeled", "modelled" },
	{ "counseled", "counselled" }, { "aging", "ageing" }, { "gray", "grey" },
	{ "maneuver", "manoeuvre" }, { "pedophile", "paedophile" },
	{ "pedophilia", "paedophilia" },
};

/* Suffixes respelled in English words that have at least min letters before them:
 * -ize/-ization (authorized, organization) as -ise, -yze (analyze) as -yse. min keeps
 * seize, size and prize as they are. */
static const struct { const char *from, *to; size_t min; } resuffix[] = {
	{ "izations", "isations", 3 }, { "ization", "isation", 3 }, { "izing", "ising", 3 },
	{ "ized", "ised", 3 }, { "izes", "ises", 3 }, { "izer", "iser", 3 },
	{ "izers", "isers", 3 }, { "ize", "ise", 3 },
	{ "yzed", "ysed", 2 }, { "yzes", "yses", 2 }, { "yzing", "ysing", 2 }, { "yze", "yse", 2 },
};

/* Word families Snowball splits that the law needs together: a stem as another (the
 * noun's stem as the verb's). Per language; stems as Snowball writes them. */
static const struct { enum lang lang; const char *from, *to; } family[] = {
	{ LANG_EN, "seizur", "seiz" }, { LANG_EN, "disclosur", "disclos" },
	{ LANG_EN, "erasur", "eras" }, { LANG_EN, "exposur", "expos" },
	{ LANG_EN, "failur", "fail" }, { LANG_EN, "storag", "store" },
	{ LANG_EN, "retent", "retain" }, { LANG_EN, "detent", "detain" },
	{ LANG_EN, "destruct", "destroy" }, { LANG_EN, "modifi", "modif" },
	{ LANG_EN, "falsifi", "falsif" }, { LANG_EN, "forgeri", "forg" },
	{ LANG_EN, "transmiss", "transmit" }, { LANG_EN, "submiss", "submit" },
	{ LANG_EN, "permiss", "permit" }, { LANG_EN, "decept", "deceiv" },
	{ LANG_EN, "children", "child" }, { LANG_EN, "reproduct", "reproduc" },
	{ LANG_FR, "acced", "acces" }, { LANG_FR, "d\xc3\xa9truir", "destruct" },
};

/* w[0..n) respelled the British way into buf (STEM_WORD_MAX + 8 bytes); its length. */
static size_t respell_en(const char *w, size_t n, char *buf)
{
	memcpy(buf, w, n);
	buf[n] = '\0';
	for (size_t i = 0; i < sizeof(respell) / sizeof(respell[0]); i++)
		if (!strcmp(buf, respell[i][0])) {
			strcpy(buf, respell[i][1]);
			return strlen(buf);
		}
	for (size_t i = 0; i < sizeof(resuffix) / sizeof(resuffix[0]); i++) {
		size_t f = strlen(resuffix[i].from), t = strlen(resuffix[i].to);

		if (n >= f + resuffix[i].min && n - f + t <= STEM_WORD_MAX &&
		    !memcmp(buf + n - f, resuffix[i].from, f)) {
			memcpy(buf + n - f, resuffix[i].to, t + 1);
			return n - f + t;
		}
	}
	return n;
}

/* The family's stem for stem s[0..*n) in language l (s itself when none). */
static const char *family_of(enum lang l, const char *s, size_t *n)
{
	for (size_t i = 0; i < sizeof(family) / sizeof(family[0]); i++)
		if (family[i].lang == l && strlen(family[i].from) == *n &&
		    !memcmp(family[i].from, s, *n)) {
			*n = strlen(family[i].to);
			return family[i].to;
		}
	return s;
}

struct stemmer *stem_new(void)
{
	return xcalloc(1, sizeof(struct stemmer));
}

void stem_free(struct stemmer *st)
{
	if (!st)
		return;
	for (int l = 0; l < LANG_COUNT; l++)
		if (st->sb[l])
			sb_stemmer_delete(st->sb[l]);
	free(st->cache);
	free(st);
}

int stem_word(struct stemmer *st, enum lang l, const char *w, size_t n, const char **out,
	      size_t *outlen)
{
	const sb_symbol *r;
	struct cached *c = NULL;

	if ((unsigned)l >= LANG_COUNT || !algorithms[l] || !n || n > STEM_WORD_MAX ||
	    st->failed[l])
		return 0;
	if (!st->sb[l] && !(st->sb[l] = sb_stemmer_new(algorithms[l], "UTF_8"))) {
		st->failed[l] = 1;
		return 0;
	}
	if (n < CACHE_WORD) {
		uint32_t h = 2166136261u ^ (uint32_t)l;

		for (size_t i = 0; i < n; i++)
			h = (h ^ (unsigned char)w[i]) * 16777619u;
		if (!st->cache)
			st->cache = xcalloc(CACHE_SLOTS, sizeof(*st->cache));
		c = &st->cache[h & (CACHE_SLOTS - 1)];
		if (c->used && c->lang == l && c->n == n && !memcmp(c->w, w, n)) {
			*out = c->s;
			*outlen = c->sn;
			return 1;
		}
		memcpy(c->w, w, n);
		c->n = (unsigned char)n;
		c->lang = (unsigned char)l;
		c->used = 0;
	}
	if (l == LANG_EN) {
		n = respell_en(w, n, st->word);
		w = st->word;
	}
	if (!(r = sb_stemmer_stem(st->sb[l], (const sb_symbol *)w, (int)n)))
		return 0;
	*outlen = (size_t)sb_stemmer_length(st->sb[l]);
	*out = family_of(l, (const char *)r, outlen);
	if (c && *outlen < CACHE_WORD) {
		memcpy(c->s, *out, *outlen);
		c->sn = (unsigned char)*outlen;
		c->used = 1;
	}
	return 1;
}

/* Words common in one of the Latin-script languages and rare in the other two. */
static const struct { const char *word; enum lang lang; } markers[] = {
	{ "the", LANG_EN }, { "of", LANG_EN }, { "and", LANG_EN }, { "to", LANG_EN },
	{ "for", LANG_EN }, { "with", LANG_EN }, { "by", LANG_EN }, { "on", LANG_EN },
	{ "data", LANG_EN }, { "computer", LANG_EN }, { "access", LANG_EN },
	{ "offence", LANG_EN }, { "offense", LANG_EN }, { "law", LANG_EN },
	{ "illegal", LANG_EN }, { "order", LANG_EN }, { "system", LANG_EN },
	{ "le", LANG_FR }, { "les", LANG_FR }, { "des", LANG_FR }, { "du", LANG_FR },
	{ "et", LANG_FR }, { "une", LANG_FR }, { "pour", LANG_FR }, { "par", LANG_FR },
	{ "sur", LANG_FR }, { "au", LANG_FR }, { "aux", LANG_FR }, { "dans", LANG_FR },
	{ "donnees", LANG_FR }, { "acces", LANG_FR }, { "infraction", LANG_FR },
	{ "informatique", LANG_FR }, { "loi", LANG_FR }, { "systeme", LANG_FR },
	{ "injonction", LANG_FR }, { "conservation", LANG_FR }, { "entraide", LANG_FR },
	{ "el", LANG_ES }, { "los", LANG_ES }, { "las", LANG_ES }, { "del", LANG_ES },
	{ "y", LANG_ES }, { "para", LANG_ES }, { "por", LANG_ES }, { "con", LANG_ES },
	{ "una", LANG_ES }, { "datos", LANG_ES }, { "acceso", LANG_ES },
	{ "delito", LANG_ES }, { "ley", LANG_ES }, { "sistema", LANG_ES },
	{ "informatico", LANG_ES }, { "orden", LANG_ES }, { "asistencia", LANG_ES },
};

/* Latin letters that point to French or Spanish. */
static enum lang accent_lang(uint32_t cp)
{
	switch (cp) {
	case 0xe8: case 0xea: case 0xeb: case 0xe0: case 0xe2: case 0xe7: case 0xee:
	case 0xef: case 0xf4: case 0xfb: case 0xf9: case 0x153:
		return LANG_FR;
	case 0xf1: case 0xe1: case 0xed: case 0xf3: case 0xfa: case 0xbf: case 0xa1:
		return LANG_ES;
	default:
		return LANG_COUNT;
	}
}

static enum lang script_lang(uint32_t cp)
{
	if ((cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x750 && cp <= 0x77f) ||
	    (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff))
		return LANG_AR;
	if (cp >= 0x400 && cp <= 0x4ff)
		return LANG_RU;
	if ((cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0x20000 && cp <= 0x2ffff))
		return LANG_ZH;
	return LANG_COUNT;
}

enum lang stem_guess_lang(const char *text, int *sure)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), i = 0;
	int score[LANG_COUNT] = { 0 }, script[LANG_COUNT] = { 0 };
	enum lang best = LANG_EN;

	while (i < n) {
		size_t len, w = i;
		uint32_t cp = utf8_decode(s + i, n - i, &len);
		enum lang l;

		if (cp == UTF8_INVALID) {
			i++;
			continue;
		}
		if ((l = script_lang(cp)) != LANG_COUNT)
			script[l]++;
		if ((l = accent_lang(cp)) != LANG_COUNT)
			score[l] += 2;
		if (cp == 0xe9)			/* é: French mostly, Spanish too */
			score[LANG_FR]++;
		i += len;
		/* a whole Latin word: look it up folded */
		if ((cp < 0x80 && ((cp | 32) >= 'a' && (cp | 32) <= 'z')) || (cp >= 0xc0 && cp < 0x250)) {
			char word[32], folded[32];
			size_t k;

			while (i < n && (s[i] >= 0x80 || ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')))
				i++;
			if (i - w < sizeof(word)) {
				k = utf8_fold((const char *)s + w, i - w, folded);
				memcpy(word, folded, k);
				word[k] = '\0';
				for (size_t m = 0; m < sizeof(markers) / sizeof(markers[0]); m++)
					if (!strcmp(word, markers[m].word))
						score[markers[m].lang] += 2;
			}
			/* the accents of the rest of the word count too */
			for (size_t j = w + 1; j < i;) {
				size_t l2;
				uint32_t c2 = utf8_decode(s + j, i - j, &l2);
				enum lang a;

				if (c2 != UTF8_INVALID && (a = accent_lang(c2)) != LANG_COUNT)
					score[a] += 2;
				if (c2 == 0xe9)
					score[LANG_FR]++;
				if (c2 != UTF8_INVALID && (a = script_lang(c2)) != LANG_COUNT)
					script[a]++;
				j += l2;
			}
		}
	}
	for (int l = 0; l < LANG_COUNT; l++)
		if (script[l] > script[best] || (script[l] && !script[best]))
			best = (enum lang)l;
	if (script[best]) {
		*sure = 1;
		return best;
	}
	best = LANG_EN;
	if (score[LANG_FR] > score[best])
		best = LANG_FR;
	if (score[LANG_ES] > score[best])
		best = LANG_ES;
	*sure = score[best] > 0 && (best != LANG_EN || (score[LANG_EN] > score[LANG_FR] &&
							  score[LANG_EN] > score[LANG_ES]));
	return best;
}
