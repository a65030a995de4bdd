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

/* How the words of a phrase match the words of a text. */
enum match_mode {
	MATCH_LOOSE,	/* inflections, across languages (see suggest.h) */
	MATCH_STRICT,	/* inflections that keep the whole word or replace one letter */
	MATCH_EXACT,	/* the same letters: a phrase in another language than the text's */
};

/* Whether text word w matches phrase word p in this mode (see suggest.h). In strict
 * mode the text word keeps the whole phrase word and adds at most three letters, or
 * changes its last letter at most ("sanctions" matches "sanction", "access"
 * "accessed"; "entraide" not "entraîner", "compétence" not "compétent"). */
static int word_match(const uint32_t *p, int pn, const uint32_t *w, int wn,
		      enum match_mode mode)
{
	int common = 0, loose = pn >= 7 ? 2 : pn >= 5 ? 1 : 0;

	if (pn < KEY_LEN || mode == MATCH_EXACT)
		return pn == wn && !memcmp(p, w, (size_t)pn * sizeof(*p));
	while (common < pn && common < wn && p[common] == w[common])
		common++;
	if (mode == MATCH_STRICT && common < pn)
		return pn - common <= 1 && wn - common <= 1;
	return common >= pn - loose && wn - common <= 3;
}

/* ---- the table ---- */

/* What an article is for the rules of suggest_work(). */
enum {
	ART_SUBSTANTIVE = 1,	/* category criminalization or procedural (articles.tsv) */
	ART_DEFINITIONS = 2,	/* category definitions */
	ART_PENALTY = 4,	/* served by a concept of penalty_concepts[] */
	ART_IN_PENALTY = 8,	/* served by a concept of in_penalty_concepts[] */
	ART_FIRST = 16,		/* of the first instrument in articles.tsv */
	ART_OFFENCE = 32,	/* category criminalization */
};

struct art {
	char instrument[32];
	int number;
	unsigned flags;		/* ART_* */
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
	arts[narts].flags = !strcmp(f[4], "criminalization") || !strcmp(f[4], "procedural") ?
			    ART_SUBSTANTIVE : !strcmp(f[4], "definitions") ? ART_DEFINITIONS : 0;
	if (!narts || !strcmp(arts[0].instrument, f[0]))
		arts[narts].flags |= ART_FIRST;
	if (!strcmp(f[4], "criminalization"))
		arts[narts].flags |= ART_OFFENCE;
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

/* Concepts whose articles a penalty provision names (ART_PENALTY), and those a
 * provision under a penalty provision may still suggest (ART_IN_PENALTY). */
static const char *const penalty_concepts[] = { "sanctions", NULL };
static const char *const in_penalty_concepts[] = { "sanctions", "confiscation", NULL };

static int listed(const char *const *names, const char *name)
{
	for (; *names; names++)
		if (!strcmp(*names, name))
			return 1;
	return 0;
}

static void mark_concepts(void)
{
	for (size_t i = 0; i < nphrases; i++)
		for (int a = 0; a < phrases[i].nart; a++)
			arts[phrases[i].art[a]].flags |=
				(listed(penalty_concepts, rows[i].concept) ? ART_PENALTY : 0) |
				(listed(in_penalty_concepts, rows[i].concept) ? ART_IN_PENALTY : 0);
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
	mark_concepts();
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

/* Where a phrase matched: bits of hits[]. */
#define IN_HEADING 1
#define IN_TEXT 2
#define IN_LEAD 4		/* in the text's first LEAD_WORDS words */
#define LEAD_WORDS 15

/* How find() matches. */
struct finding {
	enum match_mode mode;	/* MATCH_LOOSE, or MATCH_STRICT for the text's own language */
	int lang;		/* the text's language (strict), or -1 */
};

/* The mode for the words of phrase k. */
static enum match_mode phrase_mode(const struct finding *f, size_t k)
{
	if (f->mode == MATCH_LOOSE || f->lang < 0 || rows[k].lang == (enum lang)f->lang)
		return f->mode;
	return MATCH_EXACT;
}

/* Mark in hits[] (bit flag, and IN_LEAD for a text match that starts in the first
 * LEAD_WORDS words) the phrases found in s[0..len) and not inside a longer match. */
static void find(const char *s, size_t len, unsigned char *hits, unsigned char flag,
		 const struct finding *f)
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
			enum match_mode mode = phrase_mode(f, (size_t)by_key[k]);
			int j;

			if (key_cmp(ph->key, ph->keylen, key, keylen))
				break;
			if (i + ph->nwords > ws.n)
				continue;
			for (j = 0; j < ph->nwords; j++) {
				const struct word *pw = &ph->w[j], *tw = &ws.w[i + j];

				if (!word_match(ph->cp + pw->start, pw->len, ws.cp + tw->start,
						tw->len, mode))
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
		if (flag == IN_TEXT && m[k].start < LEAD_WORDS)
			hits[m[k].phrase] |= IN_LEAD;
	}
	free(m);
	words_release(&ws);
}

/* One matched phrase as evidence for one article. */
struct evidence {
	int art, phrase, weight;
	unsigned char where;	/* IN_HEADING, IN_TEXT, IN_LEAD */
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
	unsigned char where;	/* where its phrases matched, together */
	int phrase;		/* the heaviest phrase, -1 for a marker */
	const char *matched;	/* its words (static), or the marker */
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

	for (unsigned char where = IN_HEADING; where <= IN_TEXT; where++) {
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

/* A phrase of one word of letters ("fraud", "peines"): it says little by itself. */
static int generic(int k)
{
	return phrases[k].nwords == 1 && !cjk(phrases[k].cp[0]);
}

/* The weight of phrase k found at hits (see the rules at the end of this file): in
 * strict mode a generic phrase counts in the text only at its lead. */
static int weight(int k, unsigned char hits, int strict)
{
	int text = hits & IN_TEXT && (!strict || !generic(k) || hits & IN_LEAD);

	return (hits & IN_HEADING ? HEADING_WEIGHT : 0) + (text ? TEXT_WEIGHT : 0);
}

/* The evidence of the phrases marked in hits, per article, heaviest first; *n of them
 * (one entry per distinct phrase text: the same words may be a phrase of several
 * languages). Free the array. */
static struct evidence *collect(const unsigned char *hits, enum lang lang_hint, int strict,
				size_t *n)
{
	struct evidence *ev = NULL;
	size_t nev = 0;

	for (size_t i = 0; i < nphrases; i++) {
		int hinted = (unsigned)lang_hint < LANG_COUNT && rows[i].lang == lang_hint;
		int w = hits[i] ? weight((int)i, hits[i], strict) : 0;

		if (!w)
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
			ev[nev++].weight = w;
		}
	}
	if (nev)
		qsort(ev, nev, sizeof(*ev), evidence_cmp);
	*n = nev;
	return ev;
}

/* The articles of the phrases found in heading and text, best first, in *n entries of
 * an array to free (reasons in p). */
static struct ranked *rank(pool *p, const char *heading, const char *text,
			   enum lang lang_hint, const struct finding *f, size_t *n)
{
	unsigned char *hits = xcalloc(nphrases, 1);
	struct evidence *ev;
	struct ranked *rk = NULL;
	size_t nev, nrk = 0;

	if (heading)
		find(heading, strlen(heading), hits, IN_HEADING, f);
	if (text)
		find(text, strlen(text), hits, IN_TEXT, f);
	ev = collect(hits, lang_hint, f->mode != MATCH_LOOSE, &nev);
	if (nev)
		rk = xmalloc(nev * sizeof(*rk));
	for (size_t i = 0, j; i < nev; i = j) {
		double raw = 0, w = 1;
		int hinted = 0;
		unsigned char where = 0;

		for (j = i; j < nev && ev[j].art == ev[i].art; j++) {
			raw += w * ev[j].weight;
			w /= 2;
			hinted |= ev[j].hinted;
			where |= ev[j].where;
		}
		rk[nrk].art = ev[i].art;
		rk[nrk].score = raw / (raw + SATURATION);
		rk[nrk].hinted = hinted;
		rk[nrk].where = where;
		rk[nrk].phrase = ev[i].phrase;
		rk[nrk].matched = rows[ev[i].phrase].phrase;
		rk[nrk++].reason = reason(p, ev + i, j - i);
	}
	if (nrk)
		qsort(rk, nrk, sizeof(*rk), ranked_cmp);
	free(hits);
	free(ev);
	*n = nrk;
	return rk;
}

/* The first SUGGEST_MAX of rk[0..nrk) as suggestions in p. */
static void emit(pool *p, const struct ranked *rk, size_t nrk, struct suggestion **out,
		 size_t *n)
{
	*n = nrk < SUGGEST_MAX ? nrk : SUGGEST_MAX;
	*out = *n ? pool_calloc(p, *n, sizeof(**out)) : NULL;
	for (size_t i = 0; i < *n; i++) {
		(*out)[i].instrument = arts[rk[i].art].instrument;
		(*out)[i].article = arts[rk[i].art].number;
		(*out)[i].score = rk[i].score;
		(*out)[i].reason = rk[i].reason;
		(*out)[i].phrase = rk[i].matched;
		(*out)[i].in_heading = !!(rk[i].where & IN_HEADING);
	}
}

int suggest_articles(pool *p, const char *heading, const char *text, enum lang lang_hint,
		     struct suggestion **out, size_t *n, struct err *e)
{
	static const struct finding loose = { MATCH_LOOSE, -1 };
	struct ranked *rk = NULL;
	size_t nrk = 0;
	int rc = ERR_OK;

	*out = NULL;
	*n = 0;
	pthread_once(&once, load);
	if (!nphrases) {
		rc = err_set(e, ERR_INTERNAL, "the concept table did not load: %s", load_err.msg);
		goto cleanup;
	}
	rk = rank(p, heading, text, lang_hint, &loose, &nrk);
	emit(p, rk, nrk, out, n);
cleanup:
	free(rk);
	return rc;
}

/* ---- a whole work ---- */

/* What a provision is, from words at the start of its text or in its heading. */
enum {
	ROLE_DEFINITIONS = 1,	/* introduces definitions ("As used in this section—") */
	ROLE_EXCEPTION = 2,	/* an exception, saving or report: nothing maps */
	ROLE_PENALTY = 4,	/* sets the penalties (found from its suggestions) */
	ROLE_OFFENCE = 8,	/* defines an offence (found from its suggestions) */
};

#define DEFINITIONS_LEAD_WORDS 12	/* a text introducing definitions is this short */
#define MARKER_BYTES 512		/* of a text examined for markers */
#define ON_TOPIC_PROVISIONS 2		/* with offences or powers in the text: on topic */

/* Marker words, folded as phrases are; where: IN_HEADING anywhere in the heading,
 * IN_LEAD at the start of the text. */
static const struct {
	const char *words;
	unsigned char where, role;
} markers[] = {
	{ "as used in this", IN_LEAD, ROLE_DEFINITIONS },
	{ "in this act", IN_LEAD, ROLE_DEFINITIONS },
	{ "in this part", IN_LEAD, ROLE_DEFINITIONS },
	{ "in this chapter", IN_LEAD, ROLE_DEFINITIONS },
	{ "in this section", IN_LEAD, ROLE_DEFINITIONS },
	{ "in this subsection", IN_LEAD, ROLE_DEFINITIONS },
	{ "in this schedule", IN_LEAD, ROLE_DEFINITIONS },
	{ "in this law", IN_LEAD, ROLE_DEFINITIONS },
	{ "for the purposes of this act", IN_LEAD, ROLE_DEFINITIONS },
	{ "au sens du present", IN_LEAD, ROLE_DEFINITIONS },
	{ "pour l application du present", IN_LEAD, ROLE_DEFINITIONS },
	{ "a los efectos de la presente", IN_LEAD, ROLE_DEFINITIONS },
	{ "a los efectos de esta", IN_LEAD, ROLE_DEFINITIONS },
	{ "does not prohibit", IN_LEAD, ROLE_EXCEPTION },
	{ "does not apply", IN_LEAD, ROLE_EXCEPTION },
	{ "shall not apply", IN_LEAD, ROLE_EXCEPTION },
	{ "nothing in this", IN_LEAD, ROLE_EXCEPTION },
	{ "le present chapitre n est pas applicable", IN_LEAD, ROLE_EXCEPTION },
	{ "n est pas applicable", IN_LEAD, ROLE_EXCEPTION },
	{ "ne s applique pas", IN_LEAD, ROLE_EXCEPTION },
	{ "no se aplica", IN_LEAD, ROLE_EXCEPTION },
	{ "no sera aplicable", IN_LEAD, ROLE_EXCEPTION },
	{ "exception", IN_HEADING, ROLE_EXCEPTION },
	{ "exceptions", IN_HEADING, ROLE_EXCEPTION },
	{ "saving", IN_HEADING, ROLE_EXCEPTION },
	{ "savings", IN_HEADING, ROLE_EXCEPTION },
	{ "report", IN_HEADING, ROLE_EXCEPTION },
	{ "reports", IN_HEADING, ROLE_EXCEPTION },
	{ "reporting", IN_HEADING, ROLE_EXCEPTION },
};

/* Whether the words of m are those of t from word at on. */
static int words_at(const struct words *t, int at, const struct words *m)
{
	if (at + m->n > t->n)
		return 0;
	for (int j = 0; j < m->n; j++) {
		const struct word *a = &t->w[at + j], *b = &m->w[j];

		if (a->len != b->len ||
		    memcmp(t->cp + a->start, m->cp + b->start, (size_t)a->len * sizeof(*t->cp)))
			return 0;
	}
	return 1;
}

/* The ROLE_* of a provision from markers[]; *marker gets the first marker found. */
static unsigned roles(const char *heading, const char *text, const char **marker)
{
	size_t hl = heading ? strlen(heading) : 0, tl = text ? strlen(text) : 0;
	struct words h, t, m;
	unsigned r = 0;

	hl = hl > MARKER_BYTES ? MARKER_BYTES : hl;
	words_alloc(&h, hl);
	words_alloc(&t, tl > MARKER_BYTES ? MARKER_BYTES : tl);
	split(heading ? heading : "", hl, &h);
	split(text ? text : "", tl > MARKER_BYTES ? MARKER_BYTES : tl, &t);
	for (size_t i = 0; i < sizeof(markers) / sizeof(*markers); i++) {
		size_t ml = strlen(markers[i].words);
		int found = 0;

		words_alloc(&m, ml);
		split(markers[i].words, ml, &m);
		if (markers[i].where == IN_LEAD)
			found = words_at(&t, 0, &m) && (markers[i].role != ROLE_DEFINITIONS ||
				(tl <= MARKER_BYTES && t.n <= DEFINITIONS_LEAD_WORDS));
		for (int k = 0; markers[i].where == IN_HEADING && k < h.n && !found; k++)
			found = words_at(&h, k, &m);
		words_release(&m);
		if (found && !(r & markers[i].role) && !r)
			*marker = markers[i].words;
		r |= found ? markers[i].role : 0;
	}
	words_release(&h);
	words_release(&t);
	return r;
}

/* One provision while its work is examined. */
struct item {
	struct ranked *rk;
	size_t nrk;
	int children;		/* direct children */
	int headed;		/* direct children with a heading of their own */
	unsigned roles, above;	/* its own ROLE_*, those of its ancestors */
	const char *marker;
};

/* Whether a ranked article has evidence in the heading or the lead of the text. */
static int prominent(const struct ranked *r)
{
	return r->where & (IN_HEADING | IN_LEAD);
}

/* Whether the rules keep article r of item it (see the rules at the end). */
static int keep(const struct item *it, const struct ranked *r, int on_topic)
{
	unsigned f = arts[r->art].flags;

	if ((it->roles | it->above) & ROLE_EXCEPTION || it->above & ROLE_DEFINITIONS)
		return 0;
	if (!(it->roles & ROLE_DEFINITIONS) != !(f & ART_DEFINITIONS))
		return 0;
	if (it->above & ROLE_PENALTY && !(f & ART_IN_PENALTY))
		return 0;
	if (it->headed && r->where == IN_HEADING && r->phrase >= 0 && generic(r->phrase))
		return 0;	/* a group of headed provisions: one word names a field */
	if (it->roles & ROLE_OFFENCE && !(f & ART_OFFENCE) && !prominent(r))
		return 0;	/* an element or aggravating circumstance of the offence */
	if (!on_topic)
		return f & ART_SUBSTANTIVE && r->where & IN_HEADING;
	return 1;
}

/* Add the definition articles to an item that introduces definitions without naming
 * them, as if its marker were in its heading. */
static void add_definitions(pool *p, struct item *it)
{
	double score = HEADING_WEIGHT / (HEADING_WEIGHT + SATURATION);

	for (size_t a = 0; a < narts; a++) {
		size_t k;

		if (!(arts[a].flags & ART_DEFINITIONS))
			continue;
		for (k = 0; k < it->nrk && it->rk[k].art != (int)a; k++)
			;
		if (k < it->nrk)
			continue;
		it->rk = xrealloc(it->rk, (it->nrk + 1) * sizeof(*it->rk));
		it->rk[it->nrk].art = (int)a;
		it->rk[it->nrk].score = score;
		it->rk[it->nrk].hinted = 1;
		it->rk[it->nrk].where = IN_LEAD;
		it->rk[it->nrk].phrase = -1;
		it->rk[it->nrk].matched = it->marker;
		it->rk[it->nrk++].reason = pool_printf(p, "text: \"%s\"", it->marker);
	}
}

/* The roles of item i, from its markers and its suggestions. */
static void item_roles(pool *p, struct item *it, const struct suggest_item *in)
{
	it->roles = roles(in->heading, in->text, &it->marker);
	for (size_t k = 0; k < it->nrk; k++) {
		unsigned f = arts[it->rk[k].art].flags;

		if (f & ART_DEFINITIONS && it->rk[k].where & IN_HEADING) {
			it->roles |= ROLE_DEFINITIONS;
			it->marker = it->rk[k].matched;
		}
		if (f & ART_PENALTY && prominent(&it->rk[k]))
			it->roles |= ROLE_PENALTY;
		if (f & ART_OFFENCE && prominent(&it->rk[k]))
			it->roles |= ROLE_OFFENCE;
	}
	if (it->roles & ROLE_DEFINITIONS && it->marker)
		add_definitions(p, it);
}

/* Whether the work speaks of the conventions' offences and powers: a substantive
 * article in a heading, or substantive articles of the first instrument of
 * articles.tsv (the Budapest Convention) in the text of ON_TOPIC_PROVISIONS
 * provisions, by phrases of more than one word. */
static int on_topic(const struct item *its, size_t n)
{
	int texts = 0;

	for (size_t i = 0; i < n; i++) {
		int text = 0;

		if ((its[i].roles | its[i].above) & ROLE_EXCEPTION)
			continue;
		for (size_t k = 0; k < its[i].nrk; k++) {
			const struct ranked *r = &its[i].rk[k];
			unsigned f = arts[r->art].flags;

			if (!(f & ART_SUBSTANTIVE))
				continue;
			if (r->where & IN_HEADING)
				return 1;
			text |= f & ART_FIRST && r->phrase >= 0 && !generic(r->phrase);
		}
		texts += text;
	}
	return texts >= ON_TOPIC_PROVISIONS;
}

/* Akoma Ntoso's groups of sections, above the level where a rule is stated. */
static const char *const groups[] = {
	"book", "part", "subpart", "title", "subtitle", "chapter", "subchapter", "division",
	"subdivision", "crossheading", NULL
};

static int grouping(const char *kind)
{
	return kind && listed(groups, kind);
}

/* Whether s has a letter or digit. */
static int has_words(const char *s)
{
	for (; s && *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || (unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* A provision without text of its own and without suggestions (a numbered container,
 * "(5)" over "(A)", "(B)", "(C)"; a section of headed subsections) takes the articles
 * that its first child (which states the rule) or at least half of its direct children
 * suggest from their text, with the best of their scores and that child's phrase. */
static void inherit(struct item *its, const struct suggest_item *items, size_t n, size_t i)
{
	size_t *kids = xmalloc((size_t)its[i].children * sizeof(*kids)), nk = 0;

	for (size_t c = i + 1; c < n && nk < (size_t)its[i].children; c++)
		if (items[c].parent == (long)i)
			kids[nk++] = c;
	for (size_t a = 0; a < nk; a++) {
		for (size_t k = 0; k < its[kids[a]].nrk; k++) {
			const struct ranked *best = &its[kids[a]].rk[k];
			size_t votes = 0, j;

			if (best->where & IN_HEADING || arts[best->art].flags & ART_DEFINITIONS)
				continue;	/* a heading names its own subject; rule 3 */
			for (j = 0; j < its[i].nrk && its[i].rk[j].art != best->art; j++)
				;
			if (j < its[i].nrk)
				continue;	/* taken already */
			for (size_t b = a; b < nk; b++)
				for (size_t m = 0; m < its[kids[b]].nrk; m++) {
					const struct ranked *r = &its[kids[b]].rk[m];

					if (r->art != best->art || r->where & IN_HEADING)
						continue;
					votes++;
					if (r->score > best->score)
						best = r;
				}
			if (2 * votes < nk && a)
				continue;	/* neither the first child nor half of them */
			its[i].rk = xrealloc(its[i].rk, (its[i].nrk + 1) * sizeof(*its[i].rk));
			its[i].rk[its[i].nrk++] = *best;
		}
	}
	free(kids);
}

int suggest_work(pool *p, struct suggest_item *items, size_t n, int lang, struct err *e)
{
	struct finding strict = { MATCH_STRICT, lang };
	struct item *its = NULL;
	int rc = ERR_OK, topic;

	for (size_t i = 0; i < n; i++) {
		items[i].sg = NULL;
		items[i].n = 0;
	}
	pthread_once(&once, load);
	if (!nphrases) {
		rc = err_set(e, ERR_INTERNAL, "the concept table did not load: %s", load_err.msg);
		goto cleanup;
	}
	its = xcalloc(n ? n : 1, sizeof(*its));
	for (size_t i = 0; i < n; i++) {
		long up = items[i].parent;

		its[i].rk = rank(p, items[i].heading, items[i].text, (enum lang)lang, &strict,
				 &its[i].nrk);
		item_roles(p, &its[i], &items[i]);
		if (up >= 0 && (size_t)up < i)
			its[i].above = its[up].roles | its[up].above;
	}
	for (size_t i = 0; i < n; i++)
		if (items[i].parent >= 0 && (size_t)items[i].parent < i) {
			its[items[i].parent].children++;
			its[items[i].parent].headed += has_words(items[i].heading);
		}
	topic = on_topic(its, n);
	for (size_t i = 0; i < n; i++) {
		size_t kept = 0;

		for (size_t k = 0; k < its[i].nrk; k++)
			if (keep(&its[i], &its[i].rk[k], topic))
				its[i].rk[kept++] = its[i].rk[k];
		its[i].nrk = kept;
	}
	/* children before their parents: a container takes their common articles */
	for (size_t i = n; i-- > 0;)
		if (!its[i].nrk && its[i].children && !has_words(items[i].text) &&
		    !grouping(items[i].kind))
			inherit(its, items, n, i);
	for (size_t i = 0; i < n; i++) {
		if (its[i].nrk)
			qsort(its[i].rk, its[i].nrk, sizeof(*its[i].rk), ranked_cmp);
		emit(p, its[i].rk, its[i].nrk, &items[i].sg, &items[i].n);
	}
cleanup:
	for (size_t i = 0; its && i < n; i++)
		free(its[i].rk);
	free(its);
	return rc;
}

/* ---- the rules of suggest_work(), and what they are worth ----
 *
 * suggest_articles() matches phrases loosely, in any language, for concept search.
 * A curator who accepted every suggestion made that way on the shared corpus made
 * search worse: most were wrong. suggest_work(), which the importer and the "Suggest
 * mappings" button use, looks at a whole work and keeps a suggestion only when:
 *
 *  1. its phrase is in the provision's language, or in another language with exactly
 *     its words ("penas" no longer finds "penalty", nor "compétence" "competent"); and
 *     an inflection keeps the phrase word whole or changes its last letter;
 *  2. a phrase of one word ("fraud", "attempt", "peines", "jurisdiction") counts in a
 *     heading or in the first LEAD_WORDS words of the text, where the provision says
 *     what it is about; elsewhere it is a passing mention; nor in the heading of a
 *     group of headed provisions (a chapter "Fraud and false statements"): there it
 *     names a field of law, not an offence;
 *  3. the provision is not under one that introduces definitions ("As used in this
 *     section", a heading "Definitions"; the definition articles go to that one alone,
 *     the terms it defines name no offence) nor an exception, saving or report
 *     (markers[]); under a penalty provision (sanctions at its heading or lead) only
 *     penalties and confiscation are suggested, not the attempts a penalty clause names;
 *  4. the work is on topic: an offence or power of the conventions in a heading, or
 *     offences or powers of the Budapest Convention in the text of ON_TOPIC_PROVISIONS
 *     provisions; otherwise (a pensions act, a constitution) only offences and powers
 *     named in a heading remain, none of the ancillary articles (definitions,
 *     penalties, liability, jurisdiction, cooperation);
 *  5. in a provision that defines an offence (an offence at its heading or lead), an
 *     article of another kind found only further on is an element or an aggravating
 *     circumstance ("... against a system holding personal data"), not a mapping;
 *  6. a provision without text and without suggestions of its own (a numbered
 *     container, "(5)" over "(A)", "(B)", "(C)"; a section of headed subsections)
 *     takes the articles its first child, which states the rule, or half of its
 *     children suggest from their text, so that the section is suggested, not only its
 *     sub-paragraphs; groups of sections (chapter, part, crossheading) take nothing.
 *
 * The pairs of the cross-walk stay together because each concept of
 * data/concepts.tsv names the articles of both conventions. A few phrases were added
 * to data/concepts.tsv where statutes say it otherwise ("computer without
 * authorization", "password or similar information", "punishment", "subject to
 * forfeiture", "participation à un groupement").
 *
 * Measured by tests/integration/test_suggest_quality.c against
 * tests/relevance/mappings.tsv (113 mappings a curator confirmed, with negatives, on
 * the US, UK, ZA, KE and FR texts of ../shared/corpus), on judged provisions:
 *
 *                 precision        recall           top-1 precision  top-1 recall
 *   before        0.12 (45/388)    0.40 (45/113)    0.12 (41/352)    0.41 (41/99)
 *   after         0.75 (92/123)    0.81 (92/113)    0.75 (78/104)    0.79 (78/99)
 *   coe-185       0.11 -> 0.73     0.40 -> 0.81     0.11 -> 0.73     0.41 -> 0.78
 *   un-cc         0.12 -> 0.77     0.40 -> 0.82     0.12 -> 0.76     0.42 -> 0.79
 *
 * What is still wrong: extortion by threat of damage read as interference, password
 * trafficking "with intent to defraud" read as fraud and access, comity clauses that
 * name disclosure; what is still missed: provisions whose wording shares no
 * phrase (2703(d)'s standard for an order as a safeguard, a French penalty clause
 * "la peine est portée à"), definitions of single terms under a definitions provision.
 */
