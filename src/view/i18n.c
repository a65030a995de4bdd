#include "view/i18n.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/log.h"
#include "core/sbuf.h"
#include "core/xalloc.h"
#include "import/tsv.h"

struct message {
	char *msgid;
	char *text[LANG_COUNT];
};

static struct message *catalog;
static size_t ncatalog;
/* the catalog's patterns: messages with printf conversions, in catalog order */
static const struct message **patterns;
static size_t npatterns;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* file columns after msgid */
static const enum lang columns[] = { LANG_AR, LANG_ZH, LANG_FR, LANG_RU, LANG_ES };

static int on_row(void *ud, int lineno, char **f, int nf, struct err *e)
{
	struct message *m;

	(void)ud, (void)lineno, (void)nf, (void)e;
	catalog = xrealloc(catalog, (ncatalog + 1) * sizeof(*catalog));
	m = &catalog[ncatalog++];
	memset(m, 0, sizeof(*m));
	m->msgid = xstrdup(f[0]);
	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		m->text[columns[i]] = *f[i + 1] ? xstrdup(f[i + 1]) : NULL;
	return ERR_OK;
}

static int by_msgid(const void *a, const void *b)
{
	return strcmp(((const struct message *)a)->msgid, ((const struct message *)b)->msgid);
}

/* Patterns by their literal text (about: the length less three per conversion),
 * longest first, then by msgid. */
static size_t literals(const char *s)
{
	size_t n = strlen(s);

	for (const char *c = s; (c = strchr(c, '%')); c++)
		n = n > 3 ? n - 3 : 0;
	return n;
}

static int by_literals(const void *a, const void *b)
{
	const struct message *x = *(const struct message *const *)a;
	const struct message *y = *(const struct message *const *)b;
	size_t lx = literals(x->msgid), ly = literals(y->msgid);

	return lx != ly ? (lx < ly ? 1 : -1) : strcmp(x->msgid, y->msgid);
}

static void load(void)
{
	size_t len;
	const char *d = (const char *)embed_find("data/messages.tsv", &len);
	struct err e = { 0 };

	if (d && tsv_parse(d, len, 6, "data/messages.tsv", on_row, NULL, &e))
		log_error("message catalog: %s", e.msg);
	if (ncatalog)
		qsort(catalog, ncatalog, sizeof(*catalog), by_msgid);
	for (size_t i = 0; i < ncatalog; i++)
		if (strchr(catalog[i].msgid, '%')) {
			patterns = xrealloc(patterns, (npatterns + 1) * sizeof(*patterns));
			patterns[npatterns++] = &catalog[i];
		}
	/* the most specific first: "password: longer than %d bytes" before
	 * "%s: longer than %zu bytes" */
	if (npatterns)
		qsort(patterns, npatterns, sizeof(*patterns), by_literals);
}

static const struct message *find(const char *msgid)
{
	struct message key;

	pthread_once(&once, load);
	key.msgid = (char *)msgid;
	return ncatalog ? bsearch(&key, catalog, ncatalog, sizeof(*catalog), by_msgid) : NULL;
}

const char *i18n(enum lang lang, const char *msgid)
{
	const struct message *m;

	if (lang == LANG_EN || (unsigned)lang >= LANG_COUNT)
		return msgid;
	m = find(msgid);
	return m && m->text[lang] ? m->text[lang] : msgid;
}

#define CAPS_MAX 8	/* values one message may carry */

struct cap {
	const char *at;
	size_t len;
};

/* The length of the printf conversion at s ("%s", "%zu", "%lld", "%d", "%2$s",
 * "%.80s"...),
 * 0 when there is none; *numeric whether it stands for a number, *pos its "N$" (0:
 * none). */
static size_t conversion(const char *s, int *numeric, int *pos)
{
	static const char *const convs[] = { "s", "zu", "lld", "llu", "ld", "lu", "d", "u" };
	const char *q = s + 1;

	if (s[0] != '%')
		return 0;
	*pos = 0;
	if (q[0] >= '1' && q[0] <= '9' && q[1] == '$') {
		*pos = q[0] - '0';
		q += 2;
	}
	/* a precision ("%.100s") bounds what the code printed: the value matches alike */
	if (q[0] == '.')
		for (q++; *q >= '0' && *q <= '9'; q++)
			;
	for (size_t i = 0; i < sizeof(convs) / sizeof(convs[0]); i++)
		if (!strncmp(q, convs[i], strlen(convs[i]))) {
			*numeric = convs[i][0] != 's';
			return (size_t)(q - s) + strlen(convs[i]);
		}
	return 0;
}

/* Whether msg is pattern pat with values in place of its conversions, each value into
 * caps[*n...] (the shortest that lets the rest match; numbers one digit or more, text
 * possibly empty: a namespace ""). */
static int match(const char *pat, const char *msg, struct cap *caps, int *n)
{
	int numeric, pos;
	size_t cl;

	while (*pat) {
		if ((cl = conversion(pat, &numeric, &pos))) {
			size_t max = strlen(msg);

			if (*n >= CAPS_MAX)
				return 0;
			for (size_t len = (size_t)numeric; len <= max; len++) {
				char c = len ? msg[len - 1] : '\0';

				if (numeric && !isdigit((unsigned char)c) && !(len == 1 && c == '-'))
					break;
				caps[*n] = (struct cap){ msg, len };
				(*n)++;
				if (match(pat + cl, msg + len, caps, n))
					return 1;
				(*n)--;
			}
			return 0;
		}
		if (pat[0] == '%' && pat[1] == '%')
			pat++;
		if (*pat++ != *msg++)
			return 0;
	}
	return *msg == '\0';
}

static const char *msg_at(pool *p, enum lang lang, const char *msg,
			  const struct i18n_name *names, size_t nnames, int depth);

/* Value c (of a message at depth) as shown in lang: a name's label, a msgid's
 * translation, a message with values of its own (a message given a prefix, such as
 * "law.xml:12: %s") as its translation, or itself. */
static const char *shown(pool *p, enum lang lang, struct cap c,
			 const struct i18n_name *names, size_t nnames, int depth)
{
	const char *v = pool_strndup(p, c.at, c.len);

	for (size_t i = 0; i < nnames; i++)
		if (names[i].value && !strcmp(names[i].value, v))
			return i18n(lang, names[i].label);
	return depth < 1 ? msg_at(p, lang, v, names, nnames, depth + 1) : i18n(lang, v);
}

/* Whether the value of the k-th conversion of msgid stands between quotes or angle
 * brackets ('%s', "%s:", <%s>): a text as typed (a name, a code, a filter) or an
 * element's name, shown as it is, never taken for a msgid ("admin", "date",
 * "section"). */
static int quoted(const char *msgid, int k)
{
	int numeric, pos, i = 0;
	size_t cl;

	for (const char *s = msgid; *s;) {
		if (!(cl = conversion(s, &numeric, &pos))) {
			s += s[0] == '%' && s[1] == '%' ? 2 : 1;
			continue;
		}
		if (i++ == k) {
			char o = s > msgid ? s[-1] : '\0', c = o == '<' ? '>' : o;
			const char *end = strchr("'\"<", o) && o ? strchr(s + cl, c) : NULL;

			return end && !memchr(s + cl, '%', (size_t)(end - s - cl));
		}
		s += cl;
	}
	return 0;
}

/* text, the translation of msgid, with the values caps[0..n) in place of its
 * conversions, in p. */
static const char *fill(pool *p, enum lang lang, const char *msgid, const char *text,
			const struct cap *caps, int n, const struct i18n_name *names,
			size_t nnames, int depth)
{
	struct sbuf b = SBUF_INIT;
	int next = 0, numeric, pos;
	const char *r;
	size_t cl;

	for (const char *s = text; *s;) {
		if ((cl = conversion(s, &numeric, &pos))) {
			int i = pos ? pos - 1 : next++;

			if (i < n && quoted(msgid, i))
				sbuf_add(&b, caps[i].at, caps[i].len);
			else if (i < n)
				sbuf_adds(&b, shown(p, lang, caps[i], names, nnames, depth));
			s += cl;
		} else if (s[0] == '%' && s[1] == '%') {
			sbuf_addc(&b, '%');
			s += 2;
		} else {
			sbuf_addc(&b, *s++);
		}
	}
	r = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return r;
}

const char *i18n_msg(pool *p, enum lang lang, const char *msg, const struct i18n_name *names,
		     size_t nnames)
{
	return msg_at(p, lang, msg, names, nnames, 0);
}

/* i18n_msg() of a message (depth 0) or of one of its values (1). */
static const char *msg_at(pool *p, enum lang lang, const char *msg,
			  const struct i18n_name *names, size_t nnames, int depth)
{
	const struct message *m;

	if (!msg || (unsigned)lang >= LANG_COUNT)
		return msg;
	if ((m = find(msg)))
		return lang == LANG_EN || !m->text[lang] ? msg : m->text[lang];
	for (size_t i = 0; i < npatterns; i++) {
		struct cap caps[CAPS_MAX];
		int n = 0;
		const char *text = lang == LANG_EN ? patterns[i]->msgid : patterns[i]->text[lang];

		if (!text || !match(patterns[i]->msgid, msg, caps, &n))
			continue;
		return fill(p, lang, patterns[i]->msgid, text, caps, n, names, nnames, depth);
	}
	return msg;
}

/* The conversions of s: how many, the highest "N$" (0 for none), whether any is
 * sequential. */
static void conversions(const char *s, int *count, int *maxpos, int *seq)
{
	int numeric, pos;
	size_t cl;

	*count = *maxpos = *seq = 0;
	while (*s) {
		if ((cl = conversion(s, &numeric, &pos))) {
			(*count)++;
			*seq |= !pos;
			*maxpos = pos > *maxpos ? pos : *maxpos;
			s += cl;
		} else {
			s += s[0] == '%' && s[1] == '%' ? 2 : 1;
		}
	}
}

int i18n_pattern_ok(const char *msgid, const char *text)
{
	int n, maxpos, seq, tn, tmax, tseq;

	conversions(msgid, &n, &maxpos, &seq);
	conversions(text, &tn, &tmax, &tseq);
	if (maxpos || n > CAPS_MAX)
		return 0;	/* a msgid's values come in order */
	if (!tmax)
		return tn == n;
	return !tseq && tmax <= n;
}

int i18n_count(enum lang lang)
{
	int n = 0;

	pthread_once(&once, load);
	for (size_t i = 0; i < ncatalog; i++)
		n += lang == LANG_EN || catalog[i].text[lang] != NULL;
	return n;
}

int i18n_count_forms(const char *s)
{
	int n = 1;

	for (; (s = strchr(s, '|')); s++)
		n++;
	return n;
}

/* ---- Plural forms ----
 * The CLDR plural categories of integers, per language: which categories the
 * language has, in the order its forms are written in the catalog, and the rule
 * that picks one for n (CLDR's plural rules, integer part, v = 0). */

enum { PL_ZERO, PL_ONE, PL_TWO, PL_FEW, PL_MANY, PL_OTHER };

static int plural_ar(unsigned long long n)
{
	unsigned long long h = n % 100;

	return n == 0 ? PL_ZERO : n == 1 ? PL_ONE : n == 2 ? PL_TWO :
	       h >= 3 && h <= 10 ? PL_FEW : h >= 11 ? PL_MANY : PL_OTHER;
}

static int plural_ru(unsigned long long n)
{
	unsigned long long t = n % 10, h = n % 100;

	return t == 1 && h != 11 ? PL_ONE : t >= 2 && t <= 4 && (h < 12 || h > 14) ? PL_FEW :
	       PL_MANY;
}

static int plural_fr(unsigned long long n)
{
	return n <= 1 ? PL_ONE : n % 1000000 == 0 ? PL_MANY : PL_OTHER;
}

static int plural_one(unsigned long long n)
{
	return n == 1 ? PL_ONE : PL_OTHER;
}

static int plural_none(unsigned long long n)
{
	(void)n;
	return PL_OTHER;
}

static const struct {
	int (*rule)(unsigned long long n);
	int ncats;
	int cats[6];	/* the categories, in the catalog's order of forms */
} plurals[LANG_COUNT] = {
	[LANG_AR] = { plural_ar, 6, { PL_ZERO, PL_ONE, PL_TWO, PL_FEW, PL_MANY, PL_OTHER } },
	[LANG_ZH] = { plural_none, 1, { PL_OTHER } },
	[LANG_EN] = { plural_one, 2, { PL_ONE, PL_OTHER } },
	[LANG_FR] = { plural_fr, 3, { PL_ONE, PL_MANY, PL_OTHER } },
	[LANG_RU] = { plural_ru, 4, { PL_ONE, PL_FEW, PL_MANY, PL_OTHER } },
	[LANG_ES] = { plural_one, 2, { PL_ONE, PL_OTHER } },
};

static const char *const category_names[] = { "zero", "one", "two", "few", "many", "other" };

const char *i18n_plural_category(enum lang lang, long long n)
{
	unsigned long long a = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;

	if ((unsigned)lang >= LANG_COUNT)
		lang = LANG_EN;
	return category_names[plurals[lang].rule(a)];
}

int i18n_plural_forms(enum lang lang)
{
	return (unsigned)lang < LANG_COUNT ? plurals[lang].ncats : 0;
}

/* The i-th of the forms of s separated by '|' into p (the last when there are fewer). */
static const char *form(pool *p, const char *s, int i)
{
	const char *end;

	for (; i > 0 && (end = strchr(s, '|')); i--)
		s = end + 1;
	end = strchr(s, '|');
	return end ? pool_strndup(p, s, (size_t)(end - s)) : s;
}

const char *i18n_form(pool *p, enum lang lang, const char *msgid, int i)
{
	return form(p, i18n(lang, msgid), i);
}

const char *i18n_plural(pool *p, enum lang lang, long long n, const char *shown,
			const char *msgid)
{
	const char *text, *f, *at;
	int cat, i = 0;
	struct sbuf b = SBUF_INIT;

	if ((unsigned)lang >= LANG_COUNT)
		lang = LANG_EN;
	text = i18n(lang, msgid);
	/* a translation without the language's number of forms: the English ones */
	if (lang != LANG_EN && i18n_count_forms(text) != plurals[lang].ncats)
		lang = LANG_EN, text = msgid;
	cat = plurals[lang].rule(n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n);
	while (i < plurals[lang].ncats - 1 && plurals[lang].cats[i] != cat)
		i++;
	f = form(p, text, i);
	while ((at = strstr(f, "{n}"))) {
		sbuf_add(&b, f, (size_t)(at - f));
		sbuf_adds(&b, shown);
		f = at + 3;
	}
	sbuf_adds(&b, f);
	f = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return f;
}

