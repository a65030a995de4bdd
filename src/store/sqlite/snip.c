/* The snippet of a hit from the index's instances (ix.h: ix_snippet), made as FTS5's
 * snippet() makes it (fts5_aux.c), so that a page reads the row by its id instead of
 * asking FTS5 to match the query again for each hit:
 *   - the column's sentences start at its first token and at each token after a "."
 *     or ":" and white space;
 *   - each instance is the start of a window of ntok tokens, scored 1000 for each
 *     phrase first seen in it and 1 for each instance again, the window then moved
 *     so that its instances stand in its middle (within the column); the start of the
 *     sentence the instance is in is a window too, scored the same plus 100 (120 at
 *     the column's start); the first best window wins (none: the column's start);
 *   - the window's text, its instances marked (instances that overlap as one, each
 *     closed at its end; one that starts before the window is not marked), with the
 *     ellipsis before it unless it starts the column and after it unless it ends it.
 * This is SQLite 3.40's snippet (Debian 12); test_search and fuzz_ix compare the two. */
#include <sqlite3.h>
#include <string.h>

#include "core/sbuf.h"
#include "store/sqlite/ix.h"

/* The column's tokens: where each starts and ends in the text, the sentences'
 * first tokens. */
struct toks {
	pool *p;
	const char *text;
	int n, cap, *start, *end;
	int nfirst, capfirst, *first;
};

static int on_aux_token(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
	struct toks *t = ctx;

	(void)tok;
	(void)ntok;
	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (t->n == t->cap) {
		int cap = t->cap * 2 + 64;
		int *s = pool_alloc(t->p, (size_t)cap * sizeof(*s));
		int *e = pool_alloc(t->p, (size_t)cap * sizeof(*e));

		if (t->n) {
			memcpy(s, t->start, (size_t)t->n * sizeof(*s));
			memcpy(e, t->end, (size_t)t->n * sizeof(*e));
		}
		t->start = s;
		t->end = e;
		t->cap = cap;
	}
	/* a sentence starts here: the column's first token, or one after white space
	 * after a "." or ":" */
	{
		int i = start - 1, first = !t->n;

		while (!first && i >= 0 && strchr(" \t\n\r", t->text[i]) && t->text[i])
			i--;
		if (first || (i != start - 1 && i >= 0 && (t->text[i] == '.' || t->text[i] == ':'))) {
			if (t->nfirst == t->capfirst) {
				int cap = t->capfirst * 2 + 16, *f = pool_alloc(t->p, (size_t)cap * sizeof(*f));

				if (t->nfirst)
					memcpy(f, t->first, (size_t)t->nfirst * sizeof(*f));
				t->first = f;
				t->capfirst = cap;
			}
			t->first[t->nfirst++] = t->n;
		}
	}
	t->start[t->n] = start;
	t->end[t->n++] = end;
	return SQLITE_OK;
}

/* The score of the window of ntok tokens from pos; with adj, where it starts once its
 * instances stand in its middle. */
static int window(const struct ix_inst *in, size_t nin, unsigned char *seen, int nphrase,
		  int ncol, int pos, int ntok, int *adj)
{
	long long end = (long long)pos + ntok, a;
	int score = 0, first = -1, last = 0;

	memset(seen, 0, (size_t)nphrase);
	for (size_t i = 0; i < nin; i++)
		if (in[i].off >= pos && in[i].off < end) {
			score += seen[in[i].phrase] ? 1 : 1000;
			seen[in[i].phrase] = 1;
			if (first < 0)
				first = in[i].off;
			last = in[i].off + in[i].size;
		}
	if (adj) {
		a = first - (ntok - (last - first)) / 2;
		if (a + ntok > ncol)
			a = ncol - ntok;
		*adj = a < 0 ? 0 : (int)a;
	}
	return score;
}

/* The next run of overlapping instances from in[*k]: its first and last token. */
static int next_run(const struct ix_inst *in, size_t nin, size_t *k, int *from, int *to)
{
	if (*k >= nin) {
		*from = *to = -1;
		return 0;
	}
	*from = in[*k].off;
	*to = in[*k].off + in[*k].size - 1;
	for ((*k)++; *k < nin && in[*k].off <= *to; (*k)++)
		if (in[*k].off + in[*k].size - 1 > *to)
			*to = in[*k].off + in[*k].size - 1;
	return 1;
}

char *ix_snippet(pool *p, const struct ix_tokenizer *tk, const char *text, int n,
		 const struct ix_inst *in, size_t nin, int nphrase, const char *open,
		 const char *close, const char *ellipsis, int ntok)
{
	struct toks t = { p, text, 0, 0, NULL, NULL, 0, 0, NULL };
	unsigned char *seen = pool_calloc(p, (size_t)nphrase + 1, 1);
	int best = 0, from = 0, is, ie, off = 0, opened = 0, last;
	struct sbuf b = SBUF_INIT;
	size_t k = 0;
	char *out;

	tk->tokenize(tk->tok, &t, FTS5_TOKENIZE_AUX, text, n, on_aux_token);
	for (size_t i = 0; i < nin; i++) {
		int adj, sc = window(in, nin, seen, nphrase, t.n, in[i].off, ntok, &adj), j = 0;

		if (sc > best) {
			best = sc;
			from = adj;
		}
		if (!t.nfirst || t.n <= ntok)
			continue;
		while (j < t.nfirst - 1 && t.first[j + 1] <= in[i].off)
			j++;
		if (t.first[j] < in[i].off) {
			sc = window(in, nin, seen, nphrase, t.n, t.first[j], ntok, NULL) +
			     (t.first[j] == 0 ? 120 : 100);
			if (sc > best) {
				best = sc;
				from = t.first[j];
			}
		}
	}
	last = from + ntok - 1;
	if (from > 0)
		sbuf_adds(&b, ellipsis);
	next_run(in, nin, &k, &is, &ie);
	while (is >= 0 && is < from)
		next_run(in, nin, &k, &is, &ie);
	for (int pos = from; pos <= last && pos < t.n; pos++) {
		int s = t.start[pos], e = t.end[pos];

		if (pos == from && from > 0)
			off = s;
		if (pos == is) {
			sbuf_add(&b, text + off, (size_t)(s - off));
			sbuf_adds(&b, open);
			off = s;
			opened = 1;
		}
		if (pos == ie) {	/* each run closed at its end */
			sbuf_add(&b, text + off, (size_t)(e - off));
			sbuf_adds(&b, close);
			off = e;
			opened = 0;
			next_run(in, nin, &k, &is, &ie);
		}
		if (pos == last) {
			sbuf_add(&b, text + off, (size_t)(e - off));
			off = e;
			if (opened)
				sbuf_adds(&b, close);
			opened = 0;
		}
	}
	if (last >= t.n - 1)
		sbuf_add(&b, text + off, (size_t)(n - off));
	else
		sbuf_adds(&b, ellipsis);
	out = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return out;
}
