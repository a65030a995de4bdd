#include "domain/search.h"

#include "core/utf8.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/lang.h"
#include "core/stem.h"
#include "core/sbuf.h"
#include "core/utf8.h"
#include "domain/country.h"
#include "domain/instrument.h"
#include "domain/query.h"
#include "domain/suggest.h"
#include "domain/user.h"
#include "domain/tx.h"
#include "store/store.h"

static const char *const facet_names[FACET_COUNT] = {
	[FACET_COUNTRY] = "country", [FACET_REGION] = "region", [FACET_KIND] = "type",
	[FACET_ARTICLE] = "article", [FACET_YEAR] = "year", [FACET_LANG] = "lang",
};

const char *search_facet_name(enum search_facet_kind k)
{
	return (unsigned)k < FACET_COUNT ? facet_names[k] : "facet";
}

/* Whether region a is g or inside it (following parents). */
static int region_within(const struct region *rs, size_t nr, const struct region *a,
			 const struct region *g)
{
	for (int depth = 0; a && depth < 8; depth++) {
		if (!strcmp(a->code, g->code))
			return 1;
		a = region_find(rs, nr, a->parent);
	}
	return 0;
}

/* The places a regional record (a lesson for a region) may have to match the region
 * filters: each named region and the regions inside it. */
static const char **allowed_regions(pool *p, const struct query *q, const struct region *rs,
				    size_t nr, size_t *n)
{
	const char **list = pool_calloc(p, nr + 1, sizeof(*list));
	size_t k = 0;

	for (size_t i = 0; i < nr; i++) {
		int in = 0;

		for (size_t j = 0; j < q->nregions && !in; j++)
			for (size_t g = 0; g < nr && !in; g++)
				in = (!strcmp(q->regions[j], rs[g].code) ||
				      !strcasecmp(q->regions[j], rs[g].names[LANG_EN])) &&
				     region_within(rs, nr, &rs[i], &rs[g]);
		if (in)
			list[k++] = rs[i].code;
	}
	*n = k;
	return list;
}

/* The places the filters allow into rq: the countries named (alpha-3 turned into
 * alpha-2) within the regions named (by M49 code or English name), or when only
 * regions are named, their countries and the regions themselves. */
static int allowed_places(struct store *s, pool *p, const struct query *q,
			  struct search_request *rq, struct err *e)
{
	struct country *cs;
	struct region *rs;
	size_t nc, nr, k = 0;
	const char **list;
	int rc;

	if (!q->ncountries && !q->nregions)
		return ERR_OK;
	if ((rc = country_list(s, p, &cs, &nc, e)) || (rc = region_list(s, p, &rs, &nr, e)))
		return rc;
	if (q->nregions && !q->ncountries)
		rq->regions = allowed_regions(p, q, rs, nr, &rq->nregions);
	list = pool_calloc(p, nc + 1, sizeof(*list));
	for (size_t i = 0; i < nc; i++) {
		int ok = !q->ncountries, in = !q->nregions;

		for (size_t j = 0; j < q->ncountries && !ok; j++)
			ok = !strcmp(q->countries[j], cs[i].alpha2) ||
			     !strcmp(q->countries[j], cs[i].alpha3);
		for (size_t j = 0; j < q->nregions && !in; j++)
			for (size_t g = 0; g < nr && !in; g++)
				in = (!strcmp(q->regions[j], rs[g].code) ||
				      !strcasecmp(q->regions[j], rs[g].names[LANG_EN])) &&
				     region_contains(&rs[g], &cs[i]);
		if (ok && in)
			list[k++] = cs[i].alpha2;
	}
	if (!k && !rq->nregions)
		return err_set(e, ERR_INVALID, "no country matches the country and region "
			       "filters (regions are UN M49 codes such as 014 or names such as "
			       "\"eastern africa\")");
	rq->by_place = 1;
	rq->countries = list;
	rq->ncountries = k;
	return ERR_OK;
}

/* The instrument articles a query names as a concept ("illegal access",
 * "injonction de produire", ...): suggestions for the query text as if it were a
 * heading, at least one whole concept phrase matched. */
static size_t concepts_of(pool *p, const struct query *q, const char ***out)
{
	const char **words, **refs;
	struct suggestion *sg;
	struct sbuf text = SBUF_INIT;
	size_t nw = query_words(q, &words, p), ns = 0, k = 0;

	*out = NULL;
	for (size_t i = 0; i < nw; i++) {
		if (i)
			sbuf_addc(&text, ' ');
		sbuf_adds(&text, words[i]);
	}
	if (nw && suggest_articles(p, sbuf_str(&text), NULL, LANG_EN, &sg, &ns, NULL))
		ns = 0;
	sbuf_release(&text);
	refs = pool_calloc(p, ns + 1, sizeof(*refs));
	for (size_t i = 0; i < ns; i++)
		if (sg[i].score >= 0.5)
			refs[k++] = pool_printf(p, "%s/%d", sg[i].instrument, sg[i].article);
	*out = refs;
	return k;
}

/* The articles an article: filter stands for: each one named and its counterparts
 * in the other instrument through the cross-walk. */
static int articles_with_crosswalk(struct store *s, pool *p, const struct query *q,
				   struct search_request *rq, struct err *e)
{
	const char **arts;
	size_t k = 0, cap = 1;
	int rc;

	for (size_t i = 0; i < q->narticles; i++) {
		struct xwalk_link *l;
		size_t nl;

		if ((rc = instrument_counterparts(s, p, q->articles[i].instrument,
						  q->articles[i].number, &l, &nl, e)))
			return rc;
		cap += 1 + nl;
	}
	arts = pool_calloc(p, cap, sizeof(*arts));
	for (size_t i = 0; i < q->narticles; i++) {
		struct xwalk_link *l;
		size_t nl;

		arts[k++] = pool_printf(p, "%s/%d", q->articles[i].instrument,
					q->articles[i].number);
		if ((rc = instrument_counterparts(s, p, q->articles[i].instrument,
						  q->articles[i].number, &l, &nl, e)))
			return rc;
		for (size_t j = 0; j < nl; j++)
			if (l[j].number > 0)
				arts[k++] = pool_printf(p, "%s/%d", l[j].instrument, l[j].number);
	}
	rq->articles = arts;
	rq->narticles = k;
	return ERR_OK;
}

/* The language whose word forms the query searches: the one lang: names, else a
 * guess from its words. */
static int query_lang(pool *p, const struct query *q, int *guessed)
{
	const char **words;
	size_t nw = query_words(q, &words, p);
	struct sbuf b = SBUF_INIT;
	int sure, l = -1, n = 0;

	*guessed = 0;
	for (int i = 0; i < LANG_COUNT; i++)
		if (q->langs & (1u << i)) {
			l = i;
			n++;
		}
	if (n == 1)
		return l;
	for (size_t i = 0; i < nw; i++) {
		sbuf_adds(&b, words[i]);
		sbuf_addc(&b, ' ');
	}
	l = (int)stem_guess_lang(sbuf_str(&b), &sure);
	sbuf_release(&b);
	*guessed = 1;
	return l;
}

static int by_count(const void *a, const void *b)
{
	const struct search_facet *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->value, y->value);
}

static int by_value_desc(const void *a, const void *b)
{
	return strcmp(((const struct search_facet *)b)->value,
		      ((const struct search_facet *)a)->value);
}

#define FACET_SHOWN 50

/* Every facet in order: by count, years newest first; at most FACET_SHOWN each. */
static void finish_facets(struct search_result *res)
{
	for (int f = 0; f < FACET_COUNT; f++) {
		if (res->nfacets[f] > 1)
			qsort(res->facets[f], res->nfacets[f], sizeof(*res->facets[f]),
			      f == FACET_YEAR ? by_value_desc : by_count);
		if (res->nfacets[f] > FACET_SHOWN)
			res->nfacets[f] = FACET_SHOWN;
	}
}

/* French elided words ("l'", "d'", "qu'"...): a query word that starts with one is
 * searched without it, as the text has it apart ("s'introduire" finds
 * "d'introduire"). */
static const char *const elisions[] = {
	"l", "d", "s", "n", "m", "t", "j", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
};

/* w without a leading elision and its apostrophe (' or U+2019), else w. */
static const char *unelide(const char *w)
{
	for (size_t i = 0; i < sizeof(elisions) / sizeof(elisions[0]); i++) {
		size_t n = strlen(elisions[i]);
		const char *a = w + n;

		if (strncasecmp(w, elisions[i], n))
			continue;
		if (*a == '\'' && a[1])
			return a + 1;
		if (!strncmp(a, "\xe2\x80\x99", 3) && a[3])
			return a + 3;
	}
	return w;
}

/* Whether w is a hyphenated word: letters or digits on both sides of each hyphen. */
static int hyphenated(const char *w)
{
	const char *h = strchr(w, '-');

	return h && h > w && h[1] && h[1] != '-' && h[-1] != '-' && !strstr(w, "--");
}

/* w with its hyphens as spaces (sep ' ') or dropped (sep 0), in p. */
static const char *unhyphen(pool *p, const char *w, char sep)
{
	char *r = pool_strdup(p, w), *o = r;

	for (const char *c = w; *c; c++)
		if (*c != '-')
			*o++ = *c;
		else if (sep)
			*o++ = sep;
	*o = '\0';
	return r;
}

/* The byte offsets of the characters of w when it is a run of three or more CJK
 * characters and nothing else (at most CJK_RUN_MAX); 0 otherwise. off[m] is the end. */
#define CJK_RUN_MAX 32
static int cjk_run(const char *w, size_t off[CJK_RUN_MAX + 1])
{
	size_t len = strlen(w), i = 0, n;
	int m = 0;

	while (i < len) {
		uint32_t cp = utf8_decode((const unsigned char *)w + i, len - i, &n);

		if (cp == UTF8_INVALID || !utf8_is_cjk(cp) || m == CJK_RUN_MAX)
			return 0;
		off[m++] = i;
		i += n;
	}
	off[m] = len;
	return m >= 3 ? m : 0;
}

const struct search_term *search_terms(pool *p, const struct query *q, int lang,
				       size_t *n)
{
	struct search_term *t;
	size_t k = 0, cap = 0;
	int groups = 0;

	*n = 0;
	if (!q->nterms)
		return NULL;
	for (size_t i = 0; i < q->nterms; i++) {
		size_t off[CJK_RUN_MAX + 1];
		int m = q->terms[i].kind == QT_WORD ? cjk_run(q->terms[i].text, off) : 0;

		cap += m ? (size_t)m : 2;
		groups = q->terms[i].group >= groups ? q->terms[i].group + 1 : groups;
	}
	t = pool_calloc(p, cap, sizeof(*t));
	for (size_t i = 0; i < q->nterms; i++) {
		size_t off[CJK_RUN_MAX + 1];
		int m = q->terms[i].kind == QT_WORD && !q->terms[i].exclude ?
			cjk_run(q->terms[i].text, off) : 0;

		/* Chinese, Japanese, Korean are written without spaces: a run of characters
		 * is its pairs, each a word of its own (its own group: the run's words need
		 * not stand in a row, and a pair that spans two of its words is found in no
		 * provision, which the fallback to some of the words then ranks) */
		for (int c = 0; m && c + 1 < m; c++) {
			t[k] = (struct search_term){ QT_WORD,
				pool_strndup(p, q->terms[i].text + off[c], off[c + 2] - off[c]),
				lang >= 0 && lang < LANG_COUNT ? lang : -1, 0,
				c ? groups++ : q->terms[i].group, 0 };
			k++;
		}
		if (m)
			continue;
		t[k].kind = q->terms[i].kind;
		t[k].text = q->terms[i].kind == QT_WORD ? unelide(q->terms[i].text) :
			    q->terms[i].text;
		t[k].lang = lang >= 0 && lang < LANG_COUNT ? lang : -1;
		t[k].stem = t[k].lang >= 0 && t[k].kind == QT_WORD;
		t[k].group = q->terms[i].group;
		t[k].exclude = q->terms[i].exclude;
		k++;
		/* "e-mail": the parts in a row ("e mail", "e-mail"), or joined ("email") */
		if (q->terms[i].kind == QT_WORD && hyphenated(t[k - 1].text)) {
			const char *w = t[k - 1].text;

			t[k] = t[k - 1];
			t[k - 1].kind = QT_PHRASE;
			t[k - 1].stem = 0;
			t[k - 1].text = unhyphen(p, w, ' ');
			t[k].text = unhyphen(p, w, 0);
			k++;
		}
	}
	*n = k;
	return t;
}

/* How many groups of positive terms rq has. */
static int positive_groups(const struct search_request *rq)
{
	int n = 0;

	for (size_t i = 0; i < rq->nterms; i++)
		n += !rq->terms[i].exclude && (i == 0 || rq->terms[i].group != rq->terms[i - 1].group);
	return n;
}

/* Article a added to the space-separated list in b, unless there already. */
static void add_article(struct sbuf *b, const char *a)
{
	const char *have = sbuf_str(b), *at = have;
	size_t n = strlen(a);

	while ((at = strstr(at, a))) {
		if ((at == have || at[-1] == ' ') && (at[n] == ' ' || !at[n]))
			return;
		at += n;
	}
	if (b->len)
		sbuf_addc(b, ' ');
	sbuf_adds(b, a);
}

/* Each hit's articles with their cross-walk counterparts (a Budapest article's UN
 * one and the other way round), each once. */
static int hit_articles(struct store *s, pool *p, struct search_result *res, struct err *e)
{
	for (size_t i = 0; i < res->nhits; i++) {
		struct search_hit *h = &res->hits[i];
		struct sbuf b = SBUF_INIT;
		const char *a = h->articles;
		int rc = ERR_OK;

		while (a && *a && !rc) {
			size_t len = strcspn(a, " ");
			char *one = pool_strndup(p, a, len), *slash = strrchr(one, '/');
			struct xwalk_link *l;
			size_t nl = 0;

			add_article(&b, one);
			if (slash) {
				*slash = '\0';
				rc = instrument_counterparts(s, p, one, atoi(slash + 1), &l, &nl, e);
			}
			for (size_t j = 0; !rc && j < nl; j++)
				if (l[j].number > 0)
					add_article(&b, pool_printf(p, "%s/%d", l[j].instrument,
								    l[j].number));
			a += len;
			a += *a == ' ';
		}
		if (b.len)
			h->articles = pool_strdup(p, sbuf_str(&b));
		sbuf_release(&b);
		if (rc)
			return rc;
	}
	return ERR_OK;
}

/* The records of res's hits shown to a: each restricted one a read (record_read_each).
 * The public reads nothing restricted, so only accounts are looked at. */
static int hits_read(struct store *s, pool *p, const struct actor *a,
		     const struct search_result *res, struct err *e)
{
	struct record *recs;
	size_t n = 0;

	if (!a || a->local || !a->user_id || !res->nhits)
		return ERR_OK;
	recs = pool_calloc(p, res->nhits, sizeof(*recs));
	for (size_t i = 0; i < res->nhits; i++) {
		struct record *r;
		size_t k = 0;

		while (k < n && recs[k].id != res->hits[i].record_id)
			k++;
		if (k == n && !store_record_get(s, p, res->hits[i].record_id, &r, NULL))
			recs[n++] = *r;
	}
	return record_read_each(s, a, recs, sizeof(*recs), n, e);
}

const char *search_plain(pool *p, const char *md)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	cmark_iter *it;
	cmark_event_type ev;
	struct sbuf b = SBUF_INIT, o = SBUF_INIT;
	const char *t, *out;

	if (!doc)
		return md;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type ty = cmark_node_get_type(n);

		if (ev == CMARK_EVENT_ENTER && (ty == CMARK_NODE_TEXT || ty == CMARK_NODE_CODE ||
						ty == CMARK_NODE_CODE_BLOCK))
			sbuf_adds(&b, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
		else if (ev == CMARK_EVENT_EXIT && ty == CMARK_NODE_HEADING)
			sbuf_adds(&b, ": ");
		else if ((ev == CMARK_EVENT_ENTER && (ty == CMARK_NODE_SOFTBREAK ||
						       ty == CMARK_NODE_LINEBREAK)) ||
			 (ev == CMARK_EVENT_EXIT && ty >= CMARK_NODE_FIRST_BLOCK &&
			  ty <= CMARK_NODE_LAST_BLOCK))
			sbuf_addc(&b, ' ');
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	/* spaces collapsed; "**" and "__" left by a cut dropped, and a link the cut left
	 * unparsed ("[the act](https…") its text only */
	for (t = sbuf_str(&b); *t; t++) {
		if (t[0] == ']' && t[1] == '(') {
			const char *o0 = sbuf_str(&o), *open = o.len ? memrchr(o0, '[', o.len) : NULL;

			if (open) {
				memmove((char *)open, open + 1, o.len - (size_t)(open - o0) - 1);
				o.len--;
			}
			t += 2;
			/* the target, up to its end or the cut's "…" (kept) */
			while (*t && *t != ')' && *t != ' ' && *t != '\n' && strncmp(t, "…", 3))
				t++;
			if (*t != ')')
				t--;
			continue;
		}
		if ((t[0] == '*' || t[0] == '_') && t[1] == t[0]) {
			while (t[1] == t[0])
				t++;
			continue;
		}
		if ((*t == ' ' || *t == '\n' || *t == '\t') &&
		    (!o.len || sbuf_str(&o)[o.len - 1] == ' '))
			continue;
		sbuf_addc(&o, *t == '\n' || *t == '\t' ? ' ' : *t);
	}
	while (o.len && sbuf_str(&o)[o.len - 1] == ' ')
		o.len--;
	out = pool_strndup(p, sbuf_str(&o), o.len);
	sbuf_release(&b);
	sbuf_release(&o);
	return out;
}

int search_run(struct store *s, pool *p, const struct actor *a, const char *text, int limit,
	       int offset, struct search_result **out, struct err *e)
{
	struct search_request rq;
	struct search_result *res = pool_calloc(p, 1, sizeof(*res));
	struct query *q;
	int rc;

	memset(&rq, 0, sizeof(rq));
	if ((rc = query_parse(p, text, &q, e)))
		return rc;
	res->lang = query_lang(p, q, &res->lang_guessed);
	rq.terms = search_terms(p, q, res->lang, &rq.nterms);	/* none: filters only */
	if ((rc = allowed_places(s, p, q, &rq, e)))
		return rc;
	rq.kinds = q->types;	/* QUERY_TYPE_* are 1 << enum record_kind */
	rq.year_from = q->year_from;
	rq.year_to = q->year_to;
	rq.langs = q->langs;
	if ((rc = articles_with_crosswalk(s, p, q, &rq, e)))
		return rc;
	res->nconcepts = concepts_of(p, q, &res->concepts);
	if (!rq.narticles) {	/* an article: filter already names what is wanted */
		rq.concepts = res->concepts;
		rq.nconcepts = res->nconcepts;
	}
	/* the clearance: the store applies the one set on s (store_set_clearance) */
	rq.limit = limit <= 0 ? 10 : limit > SEARCH_LIMIT_MAX ? SEARCH_LIMIT_MAX : limit;
	rq.offset = offset < 0 ? 0 : offset;
	if ((rc = store_search(s, p, &rq, res, e)))
		return rc;
	/* fewer than a page with every word: the best with some of them */
	if (res->total < rq.limit && positive_groups(&rq) >= 2) {
		struct search_result *some = pool_calloc(p, 1, sizeof(*some));

		rq.any = 1;
		if ((rc = store_search(s, p, &rq, some, e)))
			return rc;
		if (some->total > res->total) {	/* its hits and facets, both totals */
			some->partial = 1;
			some->partial_total = some->total;
			some->total = res->total;
			some->message = res->total ? SEARCH_PARTIAL_MORE_MSG : SEARCH_PARTIAL_MSG;
			some->lang = res->lang;
			some->lang_guessed = res->lang_guessed;
			some->concepts = res->concepts;
			some->nconcepts = res->nconcepts;
			res = some;
		}
	}
	finish_facets(res);
	for (size_t i = 0; i < res->nhits; i++)	/* a lesson's text is Markdown */
		if (res->hits[i].kind == REC_LESSON && res->hits[i].snippet)
			res->hits[i].snippet = search_plain(p, res->hits[i].snippet);
	if ((rc = hit_articles(s, p, res, e)) || (rc = hits_read(s, p, a, res, e)))
		return rc;
	res->canonical = query_canonical(p, q);
	*out = res;
	return ERR_OK;
}

int search_reindex(struct store *s, long long *rows, struct err *e)
{
	struct tx t;
	int rc;

	if ((rc = tx_begin(&t, s, e)))
		return rc;
	return tx_end(&t, store_reindex(s, rows, e), e);
}
