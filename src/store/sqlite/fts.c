/* The SQLite backend: ccrepo's FTS5 tokenizer and ranking function.
 *
 * Tokenizer "ccrepo" wraps unicode61 (case folded, accents kept, combining marks part
 * of words) and then, per word:
 *   - the folded form (utf8_fold: no accents, Arabic normalised) at its position;
 *   - in documents, the Snowball stem of the word in the row's language at the same
 *     position (a colocated token) when it differs;
 *   - Chinese (and other CJK) runs: each character at its own position, with the pair
 *     it starts colocated; a query word asks for its pairs in a row (a phrase), or the
 *     character alone (the domain splits a typed run of three or more characters
 *     into its pairs, each a word: search_terms()).
 * A column value starting with FTS_MARK is an instruction, not text:
 *   FTS_MARK "L" lang          the row's language (the first column of each row);
 *   FTS_MARK "#" tag tag ...   filter tags, indexed as FTS_MARK tag;
 *   FTS_MARK "S" lang FTS_MARK words   (queries) words whose stems in lang count too.
 * Text columns never carry the mark: the index triggers replace it in text.
 *
 * Ranking function ccrank(k [, any, spec]): BM25 (k1 1.2, b 0.75) over the first k
 * phrases of the query (the rest are concept and filter tags), columns weighted lang
 * 0, title 10, heading 4, body 1, tags 0, context (the headings above) 1.5;
 * multiplied by 1 + the closeness of the query's words in the best column (1 when
 * they stand side by side, as a phrase). spec, a space-separated word per phrase,
 * says more: a number is the phrase's OR group (terms), "-" an exclusion, "c" a
 * concept's article tag: a row with one gets a boost of (weight / 4)^2 x
 * RANK_CONCEPT_GAIN (rank.h) x the idf of the query's terms, its weight (1..4) from the caller's
 * list (struct sq_rank_io; 1 when not listed): one score with the text's, not a pin,
 * and a weak mapping (an accepted suggestion of low confidence) adds little.
 * Rows are ranked by how many of the groups they have first (weighted by their idf,
 * so that a rare word counts more than "the" or "dans") (with all the words,
 * all of them; with any set, the fallback when few rows have every word, some), a
 * concept's row without any of the words with those that have all when its mapping
 * is sure (weight 3 or 4), else between those and the rows with fewer; then by the
 * score: -(tier x SQ_COORD_UNIT + score), tier RANK_TIERS for every group, less for some
 * (their share of the query's idf), RANK_TIERS - 1 for a concept's row of weight 1 or 2
 * without words. The argument
 * any is kept for the callers (the tiers are the same). Lower is better, as bm25(). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/stem.h"
#include "core/utf8.h"
#include "store/sqlite/internal.h"
#include "store/sqlite/ix.h"
#include "store/sqlite/rank.h"

#define FTS_MARK '\x1f'
#define TOKEN_MAX 256		/* longer words are indexed folded, not stemmed */
#define TAG_MAX 80

#define NCOLS RANK_COLS

struct ftok {
	fts5_tokenizer inner;		/* unicode61 */
	Fts5Tokenizer *inner_tok;
	struct stemmer *stem;
	int lang;			/* the row's language for stems, -1 none */
};

typedef int (*token_fn)(void *ctx, int tflags, const char *tok, int ntok, int start, int end);

struct tctx {
	struct ftok *t;
	void *ctx;
	token_fn emit;
	int flags;			/* FTS5_TOKENIZE_* */
	int lang;			/* stems in this language, -1 none */
	const char *src;		/* the text given to unicode61 */
	int base;			/* its offset in the caller's text */
	char prev[TOKEN_MAX];		/* documents: the word before, folded (joined
					   with the ones before it by hyphens) */
	int nprev, prev_end;		/* its length, where it ends (-1: none) */
};

/* The language of a code as the triggers write it: "en" or "eng" ... */
static int parse_lang(const char *s, int n)
{
	static const char *const three[LANG_COUNT] = { "ara", "zho", "eng", "fra", "rus", "spa" };

	if (n == 3) {
		for (int l = 0; l < LANG_COUNT; l++)
			if (!memcmp(s, three[l], 3))
				return l;
		return memcmp(s, "chi", 3) ? memcmp(s, "fre", 3) ? -1 : LANG_FR : LANG_ZH;
	}
	return lang_parse(s, n);
}

/* The folded word f[0..k) (from w[0..n)) with tflags, then its stem colocated. */
static int emit_forms(struct tctx *c, int tflags, const char *w, int n, const char *f,
		      size_t k, int start, int end)
{
	char g[STEM_WORD_MAX];
	const char *s;
	size_t sn, gk;
	int rc;

	if ((rc = c->emit(c->ctx, tflags, f, (int)k, start, end)) != SQLITE_OK)
		return rc;
	if (c->lang < 0 || (c->flags & FTS5_TOKENIZE_PREFIX) ||
	    !stem_word(c->t->stem, (enum lang)c->lang, w, (size_t)n, &s, &sn) ||
	    sn > sizeof(g))
		return SQLITE_OK;
	gk = utf8_fold(s, sn, g);
	if (!gk || (gk == k && !memcmp(f, g, k)))
		return SQLITE_OK;
	return c->emit(c->ctx, FTS5_TOKEN_COLOCATED, g, (int)gk, start, end);
}

/* In a document, a word that follows another after one hyphen ("e-mail",
 * "cyber-attack") is also indexed joined to it ("email", "cyberattack") at its own
 * position, so that the joined spelling typed finds the hyphenated one. */
static int emit_joined(struct tctx *c, const char *f, size_t k, int start, int end)
{
	int at = c->prev_end - c->base, rc = SQLITE_OK;
	char j[TOKEN_MAX];

	if (c->nprev && start == c->prev_end + 1 && at >= 0 && c->src[at] == '-' &&
	    c->nprev + k <= sizeof(j)) {
		memcpy(j, c->prev, (size_t)c->nprev);
		memcpy(j + c->nprev, f, k);
		rc = emit_forms(c, FTS5_TOKEN_COLOCATED, j, c->nprev + (int)k, j,
				(size_t)c->nprev + k, start, end);
		memcpy(c->prev, j, (size_t)c->nprev + k);
		c->nprev += (int)k;
	} else if (k <= sizeof(c->prev)) {
		memcpy(c->prev, f, k);
		c->nprev = (int)k;
	} else {
		c->nprev = 0;
	}
	c->prev_end = end;
	return rc;
}

/* A word that is not CJK: its folded form, then its stem (and in a document, joined
 * to the word before it by a hyphen). */
static int emit_word(struct tctx *c, const char *w, int n, int start, int end)
{
	char f[TOKEN_MAX];
	size_t k;
	int rc;

	if (n > TOKEN_MAX)
		return c->emit(c->ctx, 0, w, n, start, end);
	if (!(k = utf8_fold(w, (size_t)n, f)))
		return SQLITE_OK;	/* only marks */
	if ((rc = emit_forms(c, 0, w, n, f, k, start, end)) != SQLITE_OK)
		return rc;
	return c->flags & FTS5_TOKENIZE_DOCUMENT ? emit_joined(c, f, k, start, end) : SQLITE_OK;
}

/* A run of m CJK characters; off[i] is character i's offset in the caller's text
 * (off[m] the end), b[i] its offset in w. */
static int emit_cjk(struct tctx *c, const char *w, const int *b, const int *off, int m)
{
	int rc = SQLITE_OK;

	if ((c->flags & FTS5_TOKENIZE_QUERY) && m > 1) {
		for (int i = 0; i + 1 < m && rc == SQLITE_OK; i++)
			rc = c->emit(c->ctx, 0, w + b[i], b[i + 2] - b[i], off[i], off[i + 2]);
		return rc;
	}
	for (int i = 0; i < m && rc == SQLITE_OK; i++) {
		rc = c->emit(c->ctx, 0, w + b[i], b[i + 1] - b[i], off[i], off[i + 1]);
		if (rc == SQLITE_OK && i + 1 < m)
			rc = c->emit(c->ctx, FTS5_TOKEN_COLOCATED, w + b[i], b[i + 2] - b[i],
				     off[i], off[i + 2]);
	}
	return rc;
}

/* One token from unicode61 (lowercased; its text is src[start..end)): split into CJK
 * and other runs. Folding by unicode61 maps one code point to one, so the token and
 * its source are walked side by side. */
static int on_token(void *p, int tflags, const char *tok, int ntok, int start, int end)
{
	struct tctx *c = p;
	const unsigned char *w = (const unsigned char *)tok;
	const unsigned char *s = (const unsigned char *)c->src + start;
	int nsrc = end - start, i = 0, j = 0, rc = SQLITE_OK;
	int b[TOKEN_MAX + 1], off[TOKEN_MAX + 1];

	(void)tflags;
	for (int k = 0; k < ntok; k++)
		if (w[k] >= 0xe2)	/* CJK starts at U+2E80: three bytes or more */
			goto split;
	return emit_word(c, tok, ntok, c->base + start, c->base + end);
split:
	while (i < ntok && rc == SQLITE_OK) {
		int wi = i, si = j, m = 0, cjk = -1;

		/* the run of characters of the same kind */
		while (i < ntok && m < TOKEN_MAX) {
			size_t l1, l2 = 1;
			uint32_t cp = utf8_decode(w + i, (size_t)(ntok - i), &l1);
			int this = cp != UTF8_INVALID && utf8_is_cjk(cp);

			if (cjk < 0)
				cjk = this;
			else if (this != cjk)
				break;
			b[m] = i - wi;
			off[m++] = c->base + start + j;
			i += (int)l1;
			if (j < nsrc) {
				utf8_decode(s + j, (size_t)(nsrc - j), &l2);
				j += (int)l2;
			}
		}
		b[m] = i - wi;
		off[m] = c->base + start + j;
		if (cjk)
			rc = emit_cjk(c, tok + wi, b, off, m);
		else
			rc = emit_word(c, tok + wi, i - wi, c->base + start + si, off[m]);
	}
	return rc;
}

/* Filter tags: space-separated words after FTS_MARK '#'. */
static int emit_tags(struct tctx *c, const char *text, int n)
{
	int i = 2, rc = SQLITE_OK;

	while (i < n && rc == SQLITE_OK) {
		char tag[TAG_MAX + 1];
		int k = 1, a;

		while (i < n && text[i] == ' ')
			i++;
		a = i;
		tag[0] = FTS_MARK;
		while (i < n && text[i] != ' ') {
			char ch = text[i++];

			if (k <= TAG_MAX)
				tag[k++] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
		}
		if (i > a)
			rc = c->emit(c->ctx, 0, tag, k, a, i);
	}
	return rc;
}

static int tok_tokenize(Fts5Tokenizer *pt, void *ctx, int flags, const char *text, int n,
			token_fn emit)
{
	struct ftok *t = (struct ftok *)pt;
	struct tctx c = { t, ctx, emit, flags, -1, text, 0, { 0 }, 0, -1 };

	if (n >= 2 && text[0] == FTS_MARK) {
		const char *end;

		switch (text[1]) {
		case 'L':
			t->lang = parse_lang(text + 2, n - 2);
			return SQLITE_OK;
		case '#':
			return emit_tags(&c, text, n);
		case 'S':
			if (!(end = memchr(text + 2, FTS_MARK, (size_t)(n - 2))))
				return SQLITE_OK;
			c.lang = parse_lang(text + 2, (int)(end - text - 2));
			c.base = (int)(end + 1 - text);
			c.src = end + 1;
			return t->inner.xTokenize(t->inner_tok, &c, flags, c.src, n - c.base,
						  on_token);
		default:
			break;
		}
	}
	if (flags & FTS5_TOKENIZE_DOCUMENT)
		c.lang = t->lang;
	return t->inner.xTokenize(t->inner_tok, &c, flags, text, n, on_token);
}

static void tok_delete(Fts5Tokenizer *pt)
{
	struct ftok *t = (struct ftok *)pt;

	if (!t)
		return;
	if (t->inner_tok)
		t->inner.xDelete(t->inner_tok);
	stem_free(t->stem);
	free(t);
}

static int tok_create(void *udata, const char **argv, int argc, Fts5Tokenizer **out)
{
	fts5_api *api = udata;
	static const char *args[] = { "remove_diacritics", "0", "categories", "L* N* Co Mn" };
	struct ftok *t = calloc(1, sizeof(*t));
	void *iud = NULL;
	int rc;

	(void)argv;
	*out = NULL;
	if (!t)
		return SQLITE_NOMEM;
	if (argc) {
		free(t);
		return SQLITE_ERROR;	/* the tokenizer takes no options */
	}
	t->lang = -1;
	rc = api->xFindTokenizer(api, "unicode61", &iud, &t->inner);
	if (rc == SQLITE_OK)
		rc = t->inner.xCreate(iud, args, 4, &t->inner_tok);
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	t->stem = stem_new();
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

/* ---- ranking ---- */

#define PHRASES_MAX RANK_PHRASES_MAX

struct rankdata {
	struct rank_groups g;	/* the phrases' groups (rank_spec) */
	double avgdl;
	double gidf[PHRASES_MAX];	/* per group: the idf of its rarest phrase */
	double idf_sum;		/* of the terms, the best per group */
	double idf[];
};

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *n)
{
	(void)api;
	(void)fts;
	(*(sqlite3_int64 *)n)++;
	return SQLITE_OK;
}

static struct rankdata *rank_data(const Fts5ExtensionApi *api, Fts5Context *fts, int k,
				  const char *spec, int *rc)
{
	double best[PHRASES_MAX] = { 0 };
	struct rankdata *d = api->xGetAuxdata(fts, 0);
	sqlite3_int64 rows = 0, total = 0;

	if (d)
		return d;
	if (!(d = calloc(1, sizeof(*d) + (size_t)(k ? k : 1) * sizeof(double)))) {
		*rc = SQLITE_NOMEM;
		return NULL;
	}
	rank_spec(&d->g, k, spec);
	if ((*rc = api->xRowCount(fts, &rows)) == SQLITE_OK)
		*rc = api->xColumnTotalSize(fts, -1, &total);
	d->avgdl = rows ? (double)total / (double)rows : 1.0;
	for (int i = 0; i < k && *rc == SQLITE_OK; i++) {
		struct sq_rank_io *io = api->xUserData(fts);
		sqlite3_int64 n = 0;
		double idf;

		/* known from an earlier query of this connection, else counted (a pass
		 * over the phrase's rows: the costly part for common words) */
		if (io && i < SQ_RANK_PHRASES && io->have[i]) {
			n = (sqlite3_int64)io->df[i];
		} else {
			*rc = api->xQueryPhrase(fts, i, &n, count_row);
			if (io && i < SQ_RANK_PHRASES) {
				io->df[i] = (double)n;
				io->have[i] = 1;
			}
		}
		if (n > rows)
			n = rows;
		idf = log((double)(rows - n) + 0.5) - log((double)n + 0.5);
		d->idf[i] = idf > 1e-6 ? idf : 1e-6;
		if (d->g.group[i] >= 0 && d->idf[i] > best[d->g.group[i]])
			best[d->g.group[i]] = d->idf[i];
	}
	for (int g = 0; g < PHRASES_MAX; g++)
		d->idf_sum += best[g];
	memcpy(d->gidf, best, sizeof(d->gidf));
	if (*rc == SQLITE_OK)
		*rc = api->xSetAuxdata(fts, d, free);
	if (*rc != SQLITE_OK) {
		free(d);
		return NULL;
	}
	return d;
}

/* The concept weight of the current row: from the caller's list, 1 when absent. */
static int concept_weight(const Fts5ExtensionApi *api, Fts5Context *fts)
{
	const struct sq_rank_io *io = api->xUserData(fts);
	sqlite3_int64 id = api->xRowid(fts);
	size_t lo = 0, hi = io ? io->nboost : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (io->boost_id[mid] == id)
			return io->boost_w[mid];
		if (io->boost_id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 1;
}

static void ccrank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
		   int nval, sqlite3_value **val)
{
	int k = nval > 0 ? sqlite3_value_int(val[0]) : api->xPhraseCount(fts);
	int rc = SQLITE_OK, ninst = 0, nt, col = -1;
	double f[PHRASES_MAX] = { 0 }, score = 0.0, near = 0.0;
	unsigned char in_col[PHRASES_MAX];
	struct rankdata *d;
	struct rank_window win, *w = NULL;	/* used from a column with two phrases */
	int m = 0, npresent = 0;
	int cw = 0, coord = 0, tier;	/* a concept's weight; groups present */
	double matched = 0.0;		/* the idf of the groups present */
	unsigned char seen[PHRASES_MAX] = { 0 };
	const char *spec = nval > 2 ? (const char *)sqlite3_value_text(val[2]) : NULL;

	if (k > api->xPhraseCount(fts))
		k = api->xPhraseCount(fts);
	if (k > PHRASES_MAX)
		k = PHRASES_MAX;
	if (k < 0)
		k = 0;
	if (!(d = rank_data(api, fts, k, spec, &rc)))
		goto out;
	if ((rc = api->xInstCount(fts, &ninst)) != SQLITE_OK ||
	    (rc = api->xColumnSize(fts, -1, &nt)) != SQLITE_OK)
		goto out;
	/* one pass: FTS5 gives the instances in column, then offset order. Frequencies
	 * weighted by column; per text column, how close the query's phrases stand. */
	for (int i = 0; i <= ninst; i++) {
		int ip = 0, ic = NCOLS, io = 0;

		if (i < ninst && (rc = api->xInst(fts, i, &ip, &ic, &io)) != SQLITE_OK)
			goto out;
		if (i < ninst && ip >= 0 && ip < PHRASES_MAX && d->g.concept[ip] && !cw)
			cw = concept_weight(api, fts);
		if (i < ninst && (ip >= k || ic < 0 || ic >= NCOLS))
			continue;
		if (ic != col) {
			/* a column ends: its closeness, if two phrases or more were in it */
			if (w && m >= 2 && w->best) {
				double cl = (double)m / (w->best > m ? w->best : m);

				if (cl * m > near)
					near = cl * m;	/* divided by the phrases present below */
			}
			col = ic;
			m = 0;
			if (w)
				rank_window_reset(w);
			if (i < ninst && k > 1 && rank_col_weight[ic] > 0.0) {
				/* the phrases present in this column: one pass ahead */
				memset(in_col, 0, (size_t)k);
				for (int j = i; j < ninst; j++) {
					int jp, jc, jo;

					if (api->xInst(fts, j, &jp, &jc, &jo) != SQLITE_OK || jc != ic)
						break;
					if (jp < k && !in_col[jp]++)
						m++;
				}
				if (m >= 2 && !w) {
					w = &win;
					rank_window_reset(w);
				}
			}
		}
		if (i == ninst)
			break;
		f[ip] += rank_col_weight[ic];
		if (w && m >= 2)
			rank_window_add(w, ip, io, m);
	}
	for (int i = 0; i < k; i++)
		if (f[i] > 0) {
			npresent++;
			score += d->idf[i] * f[i] * 2.2 /
				 (f[i] + 1.2 * (0.25 + 0.75 * (double)nt / d->avgdl));
			if (d->g.group[i] >= 0 && !seen[d->g.group[i]]++) {
				coord++;
				matched += d->gidf[d->g.group[i]];
			}
		}
	if (npresent >= 2)
		score *= 1.0 + near / npresent;
	/* a concept's: by its weight squared, weak mappings count little */
	score += rank_concept_boost(cw, d->idf_sum);
	/* tiers: by the groups present, a rare word weighing more than "the" or "dans"
	 * (rank_tier) */
	tier = rank_tier(coord, d->g.ngroups, matched, d->idf_sum, cw);
	score = tier * SQ_COORD_UNIT +
		(score < SQ_COORD_UNIT - 1 ? score : SQ_COORD_UNIT - 1);
out:
	if (rc == SQLITE_OK)
		sqlite3_result_double(ctx, -score);
	else
		sqlite3_result_error_code(ctx, rc);
}

/* The connection's FTS5 API, or NULL. */
static fts5_api *fts_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

/* ---- document frequencies from the vocabulary ---- */

struct dfctx {
	sqlite3_stmt *st;
	long long pos_df, min_df;
	int npos, failed;
};

static int df_token(void *p, int tflags, const char *tok, int n, int start, int end)
{
	struct dfctx *c = p;
	long long df = 0;
	int rc;

	(void)start;
	(void)end;
	if (!(tflags & FTS5_TOKEN_COLOCATED)) {
		if (c->npos && (c->min_df < 0 || c->pos_df < c->min_df))
			c->min_df = c->pos_df;
		c->npos++;
		c->pos_df = 0;
	}
	sqlite3_bind_text(c->st, 1, tok, n, SQLITE_TRANSIENT);
	rc = sqlite3_step(c->st);
	if (rc == SQLITE_ROW)
		df = sqlite3_column_int64(c->st, 0);
	else if (rc != SQLITE_DONE)
		c->failed = 1;
	sqlite3_reset(c->st);
	if (df > c->pos_df)
		c->pos_df = df;
	return SQLITE_OK;
}

long long sq_fts_phrase_df(struct sq *q, const char *text, int n)
{
	struct dfctx c = { NULL, 0, -1, 0, 0 };
	fts5_api *api = NULL;

	if (!q->qtok && (!(api = fts_api(q->db)) ||
			 tok_create(api, NULL, 0, (Fts5Tokenizer **)&q->qtok) != SQLITE_OK))
		return -1;
	if (!q->vocab &&
	    (sqlite3_exec(q->db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING "
			  "fts5vocab(main, search, row)", NULL, NULL, NULL) != SQLITE_OK ||
	     sqlite3_prepare_v2(q->db, "SELECT doc FROM temp.search_vocab WHERE term = ?1", -1,
				&q->vocab, NULL) != SQLITE_OK))
		return -1;
	c.st = q->vocab;
	if (tok_tokenize((Fts5Tokenizer *)q->qtok, &c, FTS5_TOKENIZE_QUERY, text, n, df_token) !=
	    SQLITE_OK || c.failed || !c.npos)
		return -1;
	if (c.min_df < 0 || c.pos_df < c.min_df)
		c.min_df = c.pos_df;
	return c.min_df;
}

void sq_fts_release(struct sq *q)
{
	sqlite3_finalize(q->vocab);
	q->vocab = NULL;
	tok_delete((Fts5Tokenizer *)q->qtok);
	q->qtok = NULL;
}

static int ix_tokenize(void *tok, void *ctx, int flags, const char *text, int n,
		       ix_token_cb cb)
{
	return tok_tokenize((Fts5Tokenizer *)tok, ctx, flags, text, n, cb);
}

int sq_fts_tokenizer(sqlite3 *db, struct ix_tokenizer *out)
{
	fts5_api *api = fts_api(db);

	out->tokenize = ix_tokenize;
	out->tok = NULL;
	if (!api || tok_create(api, NULL, 0, (Fts5Tokenizer **)&out->tok) != SQLITE_OK)
		return -1;
	return 0;
}

void sq_fts_tokenizer_free(struct ix_tokenizer *t)
{
	tok_delete((Fts5Tokenizer *)t->tok);
	t->tok = NULL;
}

int sq_fts_register(sqlite3 *db, struct sq_rank_io *io)
{
	fts5_api *api = NULL;
	fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	int rc;

	if (!(api = fts_api(db)) || api->iVersion < 2)
		return SQLITE_ERROR;
	if ((rc = api->xCreateTokenizer(api, "ccrepo", api, &tok, NULL)) != SQLITE_OK)
		return rc;
	return api->xCreateFunction(api, "ccrank", io, ccrank, NULL);
}
