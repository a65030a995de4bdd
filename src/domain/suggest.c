#include "domain/suggest.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/sbuf.h"
#include "core/xalloc.h"
#include "import/tsv.h"

#define CONCEPTS "data/concepts.tsv"
#define ARTICLES "data/articles.tsv"
#define MAX_PHRASE_WORDS 24
#define MAX_PHRASE_ARTICLES 8
#define MAX_MATCHES 4096	/* per field; more are ignored */
#define KEY_LEN 4		/* letters of a word that must match exactly */
#define HEADING_WEIGHT 3
#define TEXT_WEIGHT 1
#define SATURATION 3.0		/* score = raw / (raw + SATURATION) */
#define REASON_PHRASES 4	/* per field */

/* ---- folding and words ---- */

#define SEP 0xffffffffu		/* a character between words */
#define DROP 0xfffffffeu	/* a mark that does not count (accents, harakat) */


/* c folded for matching: a letter or digit, SEP or DROP. */
static uint32_t fold(uint32_t c)
{
	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z')
			return c + 32;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			return c;
		return SEP;
	}
	if (c < 0xc0 || c == 0xd7 || c == 0xf7)
		return SEP;
	if (c <= 0x17f)
		return utf8_latin_base(c);
	if (c >= 0x300 && c <= 0x36f)		/* combining accents */
		return DROP;
	if (c >= 0x410 && c <= 0x42f)		/* Cyrillic capitals */
		return c + 0x20;
	if (c == 0x401 || c == 0x451)		/* Ё ё as е */
		return 0x435;
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	if ((c >= 0x64b && c <= 0x652) || c == 0x670 || c == 0x640)	/* harakat, tatweel */
		return DROP;
	if (c == 0x622 || c == 0x623 || c == 0x625 || c == 0x671)	/* alef forms */
		return 0x627;
	if (c == 0x649)				/* alef maksura as ya */
		return 0x64a;
	if (c == 0x629)				/* ta marbuta as ha */
		return 0x647;
	if (c == 0x60c || c == 0x61b || c == 0x61f || (c >= 0x66a && c <= 0x66d) || c == 0x6d4)
		return SEP;			/* Arabic punctuation */
	if (c >= 0xff10 && c <= 0xff19)		/* full-width digits and letters */
		return c - 0xff10 + '0';
	if (c >= 0xff21 && c <= 0xff3a)
		return c - 0xff21 + 'a';
	if (c >= 0xff41 && c <= 0xff5a)
		return c - 0xff41 + 'a';
	if ((c >= 0x2000 && c <= 0x2bff) || (c >= 0x2e00 && c <= 0x2e7f) ||
	    (c >= 0x3000 && c <= 0x303f) || (c >= 0xfe30 && c <= 0xfe6f) ||
	    (c >= 0xff00 && c <= 0xff65) || c == 0xfeff || c == 0xfffd)
		return SEP;			/* punctuation, symbols, spaces */
	return c;
}

/* Whether folded c is a character that is a word by itself (CJK). */
static int cjk(uint32_t c)
{
	return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0x20000 && c <= 0x2ffff);
}

struct word {
	int start, len;		/* in the code point buffer */
};

/* Words of a text as folded code points. */
struct words {
	uint32_t *cp;
	struct word *w;
	int n;
};

#define AR_ALEF 0x627
#define AR_BA 0x628
#define AR_FA 0x641
#define AR_KAF 0x643
#define AR_LAM 0x644
#define AR_WAW 0x648

/* Drop Arabic prefixes as light10 does: و when three letters remain, then ال, بال,
 * كال, فال or لل when two remain. */
static void arabic_prefix(const uint32_t *cp, struct word *w)
{
	const uint32_t *s = cp + w->start;
	int k = 0;

	if (w->len > 3 && s[0] == AR_WAW && s[1] >= 0x600 && s[1] <= 0x6ff)
		k = 1;
	if (w->len - k >= 4 && s[k] == AR_ALEF && s[k + 1] == AR_LAM)
		k += 2;
	else if (w->len - k >= 5 && (s[k] == AR_BA || s[k] == AR_KAF || s[k] == AR_FA) &&
		 s[k + 1] == AR_ALEF && s[k + 2] == AR_LAM)
		k += 3;
	else if (w->len - k >= 4 && s[k] == AR_LAM && s[k + 1] == AR_LAM)
		k += 2;
	w->start += k;
	w->len -= k;
}

static void word_end(struct words *ws, int *open)
{
	struct word *w;

	if (!*open)
		return;
	*open = 0;
	w = &ws->w[ws->n - 1];
	if (ws->cp[w->start] >= 0x600 && ws->cp[w->start] <= 0x6ff)
		arabic_prefix(ws->cp, w);
}

/* Split s[0..len) into folded words; ws holds room for len code points and words. */
static void split(const char *s, size_t len, struct words *ws)
{
	const unsigned char *p = (const unsigned char *)s;
	int open = 0, ncp = 0;

	ws->n = 0;
	for (size_t i = 0, n; i < len; i += n) {
		uint32_t c = fold(utf8_decode(p + i, len - i, &n));

		if (c == DROP)
			continue;
		if (c == SEP || cjk(c))
			word_end(ws, &open);
		if (c == SEP)
			continue;
		if (!open) {
			ws->w[ws->n].start = ncp;
			ws->w[ws->n++].len = 0;
			open = !cjk(c);
		}
		ws->cp[ncp++] = c;
		ws->w[ws->n - 1].len++;
	}
	word_end(ws, &open);
}

static void words_alloc(struct words *ws, size_t len)
{
	ws->cp = xmalloc((len + 1) * sizeof(*ws->cp));
	ws->w = xmalloc((len + 1) * sizeof(*ws->w));
	ws->n = 0;
}

static void words_release(struct words *ws)
{
	free(ws->cp);
	free(ws->w);
}

/* Whether text word w matches phrase word p (see suggest.h). */
static int word_match(const uint32_t *p, int pn, const uint32_t *w, int wn)
{
	int common = 0, loose = pn >= 7 ? 2 : pn >= 5 ? 1 : 0;

	if (pn < KEY_LEN)
		return pn == wn && !memcmp(p, w, (size_t)pn * sizeof(*p));
	while (common < pn && common < wn && p[common] == w[common])
		common++;
	return common >= pn - loose && wn - common <= 3;
}

/* ---- the table ---- */

struct art {
	char instrument[32];
	int number;
};

struct phrase {
	uint32_t *cp;		/* folded words */
	struct word w[MAX_PHRASE_WORDS];
	int nwords;
	int art[MAX_PHRASE_ARTICLES];	/* indexes into arts */
	int nart;
	uint32_t key[KEY_LEN];	/* the first letters of the first word */
	int keylen;
};

static struct art *arts;
static size_t narts;
static struct suggest_phrase *rows;
static struct phrase *phrases;
static size_t nphrases;
static int *by_key;		/* phrase indexes sorted by key */
static struct err load_err;
static int nbad;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int key_cmp(const uint32_t *a, int an, const uint32_t *b, int bn)
{
	for (int i = 0; i < an && i < bn; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return an - bn;
}

static void set_key(const uint32_t *cp, const struct word *w, uint32_t *key, int *keylen)
{
	*keylen = w->len < KEY_LEN ? w->len : KEY_LEN;
	memcpy(key, cp + w->start, (size_t)*keylen * sizeof(*key));
}

static int art_find(const char *instrument, int number)
{
	for (size_t i = 0; i < narts; i++)
		if (arts[i].number == number && !strcmp(arts[i].instrument, instrument))
			return (int)i;
	return -1;
}

static int on_article(void *ud, int lineno, char **f, int nf, struct err *e)
{
	char *end;
	long num = strtol(f[1], &end, 10);

	(void)ud, (void)nf;
	if (*end || num < 1 || num > 9999 || strlen(f[0]) >= sizeof(arts->instrument))
		return err_set(e, ERR_INVALID, ARTICLES ":%d: bad article", lineno);
	arts = xrealloc(arts, (narts + 1) * sizeof(*arts));
	snprintf(arts[narts].instrument, sizeof(arts->instrument), "%s", f[0]);
	arts[narts++].number = (int)num;
	return ERR_OK;
}

/* Check one row of the concept table and fill ph; a message in msg when it is bad. */
static int row_parse(char **f, struct phrase *ph, int *lang, char *msg, size_t msgsize)
{
	char refs[TSV_MAX_LINE], *save = NULL, *tok;
	size_t plen = strlen(f[3]);
	struct words ws;
	int rc = -1;

	memset(ph, 0, sizeof(*ph));
	if (!*f[0] || strspn(f[0], "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(f[0])) {
		snprintf(msg, msgsize, "concept '%.40s' is not lowercase letters, digits and -",
			 f[0]);
		return -1;
	}
	if (strlen(f[2]) != 2 || (*lang = lang_parse(f[2], 2)) < 0 ||
	    strcmp(f[2], lang_code(*lang))) {
		snprintf(msg, msgsize, "language '%.40s' is not one of ar zh en fr ru es", f[2]);
		return -1;
	}
	for (const char *c = f[3]; *c; c++) {
		if (*c >= 'A' && *c <= 'Z') {
			snprintf(msg, msgsize, "phrase '%.80s' is not lowercase", f[3]);
			return -1;
		}
	}
	snprintf(refs, sizeof(refs), "%s", f[1]);
	for (tok = strtok_r(refs, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *slash = strchr(tok, '/'), *end;
		long num;
		int a;

		if (!slash) {
			snprintf(msg, msgsize, "article '%.40s' is not instrument/number", tok);
			return -1;
		}
		*slash = '\0';
		num = strtol(slash + 1, &end, 10);
		if (*end || slash[1] == '\0' || num < 1 || num > 9999 ||
		    (a = art_find(tok, (int)num)) < 0) {
			snprintf(msg, msgsize, "no article %.40s/%.20s", tok, slash + 1);
			return -1;
		}
		if (ph->nart == MAX_PHRASE_ARTICLES) {
			snprintf(msg, msgsize, "more than %d articles", MAX_PHRASE_ARTICLES);
			return -1;
		}
		for (int i = 0; i < ph->nart; i++) {
			if (ph->art[i] == a) {
				snprintf(msg, msgsize, "article %.40s/%ld twice", tok, num);
				return -1;
			}
		}
		ph->art[ph->nart++] = a;
	}
	if (!ph->nart) {
		snprintf(msg, msgsize, "no article");
		return -1;
	}
	words_alloc(&ws, plen);
	split(f[3], plen, &ws);
	if (ws.n == 0 || ws.n > MAX_PHRASE_WORDS) {
		snprintf(msg, msgsize, "phrase '%.80s' has %d words (1 to %d)", f[3], ws.n,
			 MAX_PHRASE_WORDS);
		goto cleanup;
	}
	ph->cp = ws.cp;
	ws.cp = NULL;
	ph->nwords = ws.n;
	memcpy(ph->w, ws.w, (size_t)ws.n * sizeof(*ws.w));
	set_key(ph->cp, &ph->w[0], ph->key, &ph->keylen);
	rc = 0;
cleanup:
	words_release(&ws);
	return rc;
}

static int on_concept(void *ud, int lineno, char **f, int nf, struct err *e)
{
	struct phrase ph;
	char msg[256];
	int lang = 0;

	(void)ud, (void)nf, (void)e;
	if (row_parse(f, &ph, &lang, msg, sizeof(msg)) == 0) {
		for (size_t i = 0; i < nphrases; i++) {
			if (!strcmp(rows[i].concept, f[0]) && !strcmp(rows[i].phrase, f[3]) &&
			    rows[i].lang == (enum lang)lang) {
				snprintf(msg, sizeof(msg), "phrase '%.80s' twice in %.40s (%s)",
					 f[3], f[0], f[2]);
				free(ph.cp);
				goto bad;
			}
		}
		phrases = xrealloc(phrases, (nphrases + 1) * sizeof(*phrases));
		rows = xrealloc(rows, (nphrases + 1) * sizeof(*rows));
		phrases[nphrases] = ph;
		rows[nphrases].concept = xstrdup(f[0]);
		rows[nphrases].articles = xstrdup(f[1]);
		rows[nphrases].lang = (enum lang)lang;
		rows[nphrases].phrase = xstrdup(f[3]);
		nphrases++;
		return ERR_OK;
	}
bad:
	log_error(CONCEPTS ":%d: %s", lineno, msg);
	err_set(&load_err, ERR_INVALID, CONCEPTS ":%d: %s", lineno, msg);
	nbad++;
	return ERR_OK;	/* skip the row, keep loading */
}

static int by_key_cmp(const void *a, const void *b)
{
	const struct phrase *p = &phrases[*(const int *)a], *q = &phrases[*(const int *)b];
	int c = key_cmp(p->key, p->keylen, q->key, q->keylen);

	return c ? c : *(const int *)a - *(const int *)b;
}

/* The built-in tables, in the order they load. */
static const struct {
	const char *name;
	int nfields;
	tsv_row_fn row;
	int needed;	/* the tables after it refer to it: without it, none loads */
} tables[] = {
	{ ARTICLES, 5, on_article, 1 },
	{ CONCEPTS, 4, on_concept, 0 },
};

static void load(void)
{
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		const char *d;
		size_t len;
		struct err e = { 0 };

		if ((d = (const char *)embed_find(tables[i].name, &len)) &&
		    !tsv_parse(d, len, tables[i].nfields, tables[i].name, tables[i].row, NULL,
			       &e))
			continue;
		if (!e.code)
			err_set(&e, ERR_INTERNAL, "%s is not built in", tables[i].name);
		log_error("concept table: %s", e.msg);
		err_set(&load_err, ERR_INVALID, "%s", e.msg);
		nbad++;
		if (tables[i].needed)
			return;
	}
	by_key = xmalloc((nphrases + 1) * sizeof(*by_key));
	for (size_t i = 0; i < nphrases; i++)
		by_key[i] = (int)i;
	qsort(by_key, nphrases, sizeof(*by_key), by_key_cmp);
}

const struct suggest_phrase *suggest_phrases(size_t *n)
{
	pthread_once(&once, load);
	*n = nphrases;
	return rows;
}

int suggest_check(struct err *e)
{
	pthread_once(&once, load);
	if (!nbad)
		return ERR_OK;
	err_set(e, ERR_INVALID, "%s (%d row%s left out)", load_err.msg, nbad,
		nbad == 1 ? "" : "s");
	return ERR_INVALID;
}

/* ---- matching ---- */

struct match {
	int phrase, start, end;	/* words [start, end) */
};

static int match_cmp(const void *a, const void *b)
{
	const struct match *x = a, *y = b;

	if (x->start != y->start)
		return x->start - y->start;
	if (x->end != y->end)
		return y->end - x->end;	/* longest first */
	return x->phrase - y->phrase;
}

/* Whether a match before m[k] covers the same words with another phrase for one of
 * the same articles ("production order" and "production orders" count once; the
 * same phrase in two languages is merged later). */
static int same_span(const struct match *m, size_t k, int start, int end)
{
	const struct phrase *ph = &phrases[m[k].phrase];

	for (size_t i = k; i-- > 0 && m[i].start == start && m[i].end == end;) {
		const struct phrase *other = &phrases[m[i].phrase];

		if (!strcmp(rows[m[i].phrase].phrase, rows[m[k].phrase].phrase))
			continue;

		for (int a = 0; a < ph->nart; a++)
			for (int b = 0; b < other->nart; b++)
				if (ph->art[a] == other->art[b])
					return 1;
	}
	return 0;
}

/* The first phrase index (in by_key) whose key is not below key. */
static size_t key_lower(const uint32_t *key, int keylen)
{
	size_t lo = 0, hi = nphrases;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct phrase *ph = &phrases[by_key[mid]];

		if (key_cmp(ph->key, ph->keylen, key, keylen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Mark in hits[] (bit flag) the phrases found in s[0..len) and not inside a longer
 * match. */
static void find(const char *s, size_t len, unsigned char *hits, unsigned char flag)
{
	struct words ws;
	struct match *m;
	size_t nm = 0;
	int maxend = -1, group_start = -1, group_end = -1;

	if (len > SUGGEST_MAX_INPUT)
		len = SUGGEST_MAX_INPUT;
	words_alloc(&ws, len);
	m = xmalloc(MAX_MATCHES * sizeof(*m));
	split(s, len, &ws);
	for (int i = 0; i < ws.n && nm < MAX_MATCHES; i++) {
		uint32_t key[KEY_LEN];
		int keylen;

		set_key(ws.cp, &ws.w[i], key, &keylen);
		for (size_t k = key_lower(key, keylen); k < nphrases && nm < MAX_MATCHES; k++) {
			const struct phrase *ph = &phrases[by_key[k]];
			int j;

			if (key_cmp(ph->key, ph->keylen, key, keylen))
				break;
			if (i + ph->nwords > ws.n)
				continue;
			for (j = 0; j < ph->nwords; j++) {
				const struct word *pw = &ph->w[j], *tw = &ws.w[i + j];

				if (!word_match(ph->cp + pw->start, pw->len, ws.cp + tw->start,
						tw->len))
					break;
			}
			if (j == ph->nwords) {
				m[nm].phrase = by_key[k];
				m[nm].start = i;
				m[nm++].end = i + ph->nwords;
			}
		}
	}
	/* a match inside a longer one does not count: sorted by start, longest first,
	 * a match is inside another when one that starts before it ends at or after its
	 * end, or one that starts with it ends after it */
	qsort(m, nm, sizeof(*m), match_cmp);
	for (size_t k = 0; k < nm; k++) {
		if (m[k].start != group_start) {
			if (group_end > maxend)
				maxend = group_end;
			group_start = m[k].start;
			group_end = m[k].end;
		}
		if (maxend >= m[k].end || group_end > m[k].end ||
		    same_span(m, k, m[k].start, m[k].end))
			continue;
		hits[m[k].phrase] |= flag;
	}
	free(m);
	words_release(&ws);
}

/* One matched phrase as evidence for one article. */
struct evidence {
	int art, phrase, weight;
	unsigned char where;	/* 1 heading, 2 text */
	unsigned char hinted;	/* the phrase is in the hint language */
};

static int evidence_cmp(const void *a, const void *b)
{
	const struct evidence *x = a, *y = b;

	if (x->art != y->art)
		return x->art - y->art;
	if (x->weight != y->weight)
		return y->weight - x->weight;
	return x->phrase - y->phrase;
}

struct ranked {
	int art;
	double score;
	int hinted;		/* matched by a phrase in the hint language */
	const char *reason;
};

static int ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->hinted != y->hinted)
		return y->hinted - x->hinted;
	return x->art - y->art;	/* table order: coe-185 before un-cc, by number */
}

/* `heading: "a", "b"; text: "c"` for the evidence ev[0..n) of one article. */
static const char *reason(pool *p, const struct evidence *ev, size_t n)
{
	static const char *const label[] = { NULL, "heading", "text" };
	struct sbuf sb = SBUF_INIT;
	const char *r;

	for (unsigned char where = 1; where <= 2; where++) {
		int shown = 0, more = 0;

		for (size_t i = 0; i < n; i++) {
			if (!(ev[i].where & where))
				continue;
			if (shown == REASON_PHRASES) {
				more = 1;
				continue;
			}
			sbuf_adds(&sb, shown ? ", " : sb.len ? "; " : "");
			if (!shown)
				sbuf_addf(&sb, "%s: ", label[where]);
			sbuf_addf(&sb, "\"%s\"", rows[ev[i].phrase].phrase);
			shown++;
		}
		if (more)
			sbuf_adds(&sb, ", …");
	}
	r = pool_strdup(p, sbuf_str(&sb));
	sbuf_release(&sb);
	return r;
}

int suggest_articles(pool *p, const char *heading, const char *text, enum lang lang_hint,
		     struct suggestion **out, size_t *n, struct err *e)
{
	unsigned char *hits = NULL;
	struct evidence *ev = NULL;
	struct ranked *rk = NULL;
	size_t nev = 0, nrk = 0;
	int rc = ERR_OK;

	*out = NULL;
	*n = 0;
	pthread_once(&once, load);
	if (!nphrases) {
		rc = err_set(e, ERR_INTERNAL, "the concept table did not load: %s", load_err.msg);
		goto cleanup;
	}
	hits = xcalloc(nphrases, 1);
	if (heading)
		find(heading, strlen(heading), hits, 1);
	if (text)
		find(text, strlen(text), hits, 2);

	/* evidence per article, one entry per distinct phrase text (the same words may
	 * be a phrase of several languages) */
	for (size_t i = 0; i < nphrases; i++) {
		int hinted = (unsigned)lang_hint < LANG_COUNT && rows[i].lang == lang_hint;

		if (!hits[i])
			continue;
		for (int a = 0; a < phrases[i].nart; a++) {
			size_t k;

			for (k = 0; k < nev; k++)
				if (ev[k].art == phrases[i].art[a] &&
				    !strcmp(rows[ev[k].phrase].phrase, rows[i].phrase))
					break;
			if (k < nev) {
				ev[k].hinted |= hinted;
				continue;
			}
			ev = xrealloc(ev, (nev + 1) * sizeof(*ev));
			ev[nev].art = phrases[i].art[a];
			ev[nev].phrase = (int)i;
			ev[nev].where = hits[i];
			ev[nev].hinted = hinted;
			ev[nev++].weight = (hits[i] & 1 ? HEADING_WEIGHT : 0) +
					   (hits[i] & 2 ? TEXT_WEIGHT : 0);
		}
	}
	if (!nev)
		goto cleanup;
	qsort(ev, nev, sizeof(*ev), evidence_cmp);

	rk = xmalloc(nev * sizeof(*rk));
	for (size_t i = 0, j; i < nev; i = j) {
		double raw = 0, w = 1;
		int hinted = 0;

		for (j = i; j < nev && ev[j].art == ev[i].art; j++) {
			raw += w * ev[j].weight;
			w /= 2;
			hinted |= ev[j].hinted;
		}
		rk[nrk].art = ev[i].art;
		rk[nrk].score = raw / (raw + SATURATION);
		rk[nrk].hinted = hinted;
		rk[nrk++].reason = reason(p, ev + i, j - i);
	}
	qsort(rk, nrk, sizeof(*rk), ranked_cmp);

	*n = nrk < SUGGEST_MAX ? nrk : SUGGEST_MAX;
	*out = pool_calloc(p, *n, sizeof(**out));
	for (size_t i = 0; i < *n; i++) {
		(*out)[i].instrument = arts[rk[i].art].instrument;
		(*out)[i].article = arts[rk[i].art].number;
		(*out)[i].score = rk[i].score;
		(*out)[i].reason = rk[i].reason;
	}

cleanup:
	free(hits);
	free(ev);
	free(rk);
	return rc;
}
