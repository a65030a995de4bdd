/* The search index in memory: queries (see ix.h). An FTS5 MATCH expression is
 * parsed into a tree of phrases under AND, OR and NOT; each phrase becomes the list
 * of documents that have it (with the positions where it starts), each node a bitmap
 * over document numbers. The rows of the root's bitmap are counted and ranked as
 * ccrank() ranks them (fts.c: BM25 over weighted columns, times 1 + the closeness of
 * the query's words, tiers by the groups present, concept boosts): the closeness is
 * the costly part, and is computed only for rows whose bound (the score with the
 * closeness at its most, twice) could still enter the page. */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite/ix.h"
#include "store/sqlite/rank.h"

#define DEPTH_MAX 64		/* of parentheses */
#define PHRASE_TOKENS_MAX 64	/* tokens of one phrase */
#define ALT_MAX 4096		/* forms at one position (a prefix's terms) */
#define ALT_SIDE 8		/* forms read side by side (struct plist) */
#define PHRASES_MAX RANK_PHRASES_MAX
#define PROX_INST_MAX RANK_PROX_INST_MAX
#define TIERS RANK_TIERS
#define COORD_UNIT RANK_COORD_UNIT
#define col_weight rank_col_weight

/* ---- the expression ---- */

enum ntype { N_PHRASE, N_AND, N_OR, N_NOT };
struct node {
	enum ntype type;
	int a, b;		/* children (nodes) */
	int phrase;		/* N_PHRASE: its number, in order of appearance */
	unsigned char ranked;	/* a ranked phrase is in it (ix_search) */
	unsigned char keep;	/* its bitmap is kept: a ranked child of OR */
};

struct pstr {			/* a phrase as written */
	const char *text;	/* between the quotes, quotes single */
	int len, prefix;
};

struct parser {
	pool *p;
	const char *s;
	struct node *nodes;
	int nnodes, capnodes;
	struct pstr *ph;
	int nph, capph;
	const char *why;
	int depth;
};

static int new_node(struct parser *ps, enum ntype t, int a, int b)
{
	if (ps->nnodes == ps->capnodes) {
		struct node *n = pool_calloc(ps->p, (size_t)ps->capnodes * 2 + 16, sizeof(*n));

		if (ps->nnodes)
			memcpy(n, ps->nodes, (size_t)ps->nnodes * sizeof(*n));
		ps->nodes = n;
		ps->capnodes = ps->capnodes * 2 + 16;
	}
	ps->nodes[ps->nnodes] = (struct node){ t, a, b, -1, 0, 0 };
	return ps->nnodes++;
}

static void skip_space(struct parser *ps)
{
	while (*ps->s == ' ' || *ps->s == '\t' || *ps->s == '\n' || *ps->s == '\r')
		ps->s++;
}

/* Whether the keyword kw (AND, OR, NOT) comes next, as a word of its own. */
static int keyword(struct parser *ps, const char *kw)
{
	size_t n = strlen(kw);
	char c;

	skip_space(ps);
	if (strncmp(ps->s, kw, n))
		return 0;
	c = ps->s[n];
	if (c && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '(' && c != '"')
		return 0;
	ps->s += n;
	return 1;
}

/* A quoted string and its optional "*": a phrase node; -1 when none is next. */
static int phrase(struct parser *ps)
{
	const char *c;
	char *b;
	int node, n = 0;

	skip_space(ps);
	if (*ps->s != '"')
		return -1;
	b = pool_alloc(ps->p, strlen(ps->s) + 1);
	for (c = ps->s + 1;; c++) {
		if (!*c) {
			ps->why = "a string without its closing quote";
			return -2;
		}
		if (*c == '"') {
			if (c[1] != '"')
				break;
			c++;
		}
		b[n++] = *c;
	}
	b[n] = '\0';
	ps->s = c + 1;
	if (ps->nph == ps->capph) {
		struct pstr *more = pool_calloc(ps->p, (size_t)ps->capph * 2 + 16, sizeof(*more));

		if (ps->nph)
			memcpy(more, ps->ph, (size_t)ps->nph * sizeof(*more));
		ps->ph = more;
		ps->capph = ps->capph * 2 + 16;
	}
	ps->ph[ps->nph] = (struct pstr){ b, n, 0 };
	skip_space(ps);
	if (*ps->s == '*') {
		ps->ph[ps->nph].prefix = 1;
		ps->s++;
	}
	node = new_node(ps, N_PHRASE, -1, -1);
	ps->nodes[node].phrase = ps->nph++;
	return node;
}

static int or_expr(struct parser *ps);

/* '(' or ')' | phrase phrase* (adjacent phrases: implicit AND, FTS5's tightest) */
static int primary(struct parser *ps)
{
	int n, m;

	skip_space(ps);
	if (*ps->s == '(') {
		if (++ps->depth > DEPTH_MAX) {
			ps->why = "too deep";
			return -2;
		}
		ps->s++;
		if ((n = or_expr(ps)) < 0)
			return n;
		skip_space(ps);
		if (*ps->s != ')') {
			ps->why = "a parenthesis not closed";
			return -2;
		}
		ps->s++;
		ps->depth--;
		return n;
	}
	if ((n = phrase(ps)) == -1) {
		ps->why = *ps->s ? "a word that is not a quoted string, or a column filter" :
			  "an expression that ends too soon";
		return -2;
	}
	while (n >= 0) {
		const char *at = ps->s;

		skip_space(ps);
		if (*ps->s != '"') {
			ps->s = at;
			break;
		}
		if ((m = phrase(ps)) < 0)
			return m;
		n = new_node(ps, N_AND, n, m);
	}
	return n;
}

static int not_expr(struct parser *ps)
{
	int n = primary(ps), m;

	while (n >= 0 && keyword(ps, "NOT")) {
		if ((m = primary(ps)) < 0)
			return m;
		n = new_node(ps, N_NOT, n, m);
	}
	return n;
}

static int and_expr(struct parser *ps)
{
	int n = not_expr(ps), m;

	while (n >= 0 && keyword(ps, "AND")) {
		if ((m = not_expr(ps)) < 0)
			return m;
		n = new_node(ps, N_AND, n, m);
	}
	return n;
}

static int or_expr(struct parser *ps)
{
	int n = and_expr(ps), m;

	while (n >= 0 && keyword(ps, "OR")) {
		if ((m = and_expr(ps)) < 0)
			return m;
		n = new_node(ps, N_OR, n, m);
	}
	return n;
}

static int parse(struct parser *ps, pool *p, const char *match)
{
	int root;

	memset(ps, 0, sizeof(*ps));
	ps->p = p;
	ps->s = match;
	root = or_expr(ps);
	skip_space(ps);
	if (root >= 0 && *ps->s) {
		ps->why = "something after the expression";
		root = -2;
	}
	if (root < 0 && !ps->why)
		ps->why = "an empty expression";
	return root;
}

int ix_parse_check(const char *match, pool *p, const char **why)
{
	struct parser ps;

	if (parse(&ps, p, match) < 0) {
		*why = ps.why;
		return 1;
	}
	return 0;
}

/* ---- phrases as lists of documents ---- */

/* The documents with a phrase (ascending) and where it starts in each: from a term
 * directly (t), or built (istart, inst), or without positions (a tag). */
struct plist {
	uint32_t n;
	const uint32_t *doc;
	const struct ix_term *t;
	const uint32_t *istart, *inst;
	/* or, with nalt > 1, the lists of a word's forms (the word and its stem) read
	 * side by side instead of merged (n: the sum of theirs) */
	int nalt;
	struct plist *alt;
};

static uint32_t pl_pos(const struct plist *l, uint32_t i, const uint32_t **pos,
		       uint32_t *one)
{
	if (l->t)
		return ix_positions(l->t, i, pos, one);
	if (!l->istart)
		return 0;
	*pos = l->inst + l->istart[i];
	return l->istart[i + 1] - l->istart[i];
}

static struct plist from_term(const struct ix_term *t)
{
	struct plist l = { t->n, t->doc, t, NULL, NULL, 0, NULL };

	return l;
}

/* a and b merged: every document of either, positions merged without repeats */
static struct plist merge2(pool *p, const struct plist *a, const struct plist *b)
{
	struct plist r = { 0, NULL, NULL, NULL, NULL, 0, NULL };
	uint32_t *doc = pool_alloc(p, ((size_t)a->n + b->n + 1) * sizeof(*doc));
	uint32_t *istart = pool_alloc(p, ((size_t)a->n + b->n + 1) * sizeof(*istart));
	uint32_t *inst = NULL, ni = 0, cap = 0, i = 0, j = 0, k = 0;
	int positions = (a->t && a->t->slot) || a->istart || (b->t && b->t->slot) || b->istart;

	while (i < a->n || j < b->n) {
		const uint32_t *pa = NULL, *pb = NULL;
		uint32_t na = 0, nb = 0, oa, ob, d;

		if (j >= b->n || (i < a->n && a->doc[i] < b->doc[j])) {
			d = a->doc[i];
			if (positions)
				na = pl_pos(a, i, &pa, &oa);
			i++;
		} else if (i >= a->n || b->doc[j] < a->doc[i]) {
			d = b->doc[j];
			if (positions)
				nb = pl_pos(b, j, &pb, &ob);
			j++;
		} else {
			d = a->doc[i];
			if (positions) {
				na = pl_pos(a, i, &pa, &oa);
				nb = pl_pos(b, j, &pb, &ob);
			}
			i++;
			j++;
		}
		doc[k] = d;
		istart[k++] = ni;
		if (ni + na + nb > cap) {
			uint32_t *more;

			cap = (ni + na + nb) * 2 + 1024;
			more = pool_alloc(p, (size_t)cap * sizeof(*more));
			if (ni)
				memcpy(more, inst, (size_t)ni * sizeof(*more));
			inst = more;
		}
		for (uint32_t x = 0, y = 0; x < na || y < nb;) {
			uint32_t v = y >= nb || (x < na && pa[x] <= pb[y]) ? pa[x++] : pb[y++];

			if (!ni || inst[ni - 1] != v || istart[k - 1] == ni)
				inst[ni++] = v;
		}
	}
	istart[k] = ni;
	r.n = k;
	r.doc = doc;
	if (positions) {
		r.istart = istart;
		r.inst = inst ? inst : istart;
	}
	return r;
}

/* The union of l[0..n) (divide and conquer: each posting merged log n times) */
static struct plist merge_all(pool *p, struct plist *l, int n)
{
	struct plist a, b;

	if (n == 1)
		return l[0];
	a = merge_all(p, l, n / 2);
	b = merge_all(p, l + n / 2, n - n / 2);
	return merge2(p, &a, &b);
}

/* The first index at or after i in l's documents with a document >= d. */
static uint32_t seek(const struct plist *l, uint32_t i, uint32_t d)
{
	uint32_t step = 1, lo, hi;

	if (i >= l->n || l->doc[i] >= d)
		return i;
	/* gallop, then bisect */
	lo = i;
	while (lo + step < l->n && l->doc[lo + step] < d) {
		lo += step;
		step *= 2;
	}
	hi = lo + step < l->n ? lo + step : l->n;
	while (lo + 1 < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (l->doc[mid] < d)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

static int has_pos(const uint32_t *pos, uint32_t n, uint32_t v)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (pos[mid] == v)
			return 1;
		if (pos[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The tokens of a phrase string, as the query tokenizer gives them: per position
 * its forms. */
struct qtok {
	pool *p;
	const struct ix *x;
	int prefix;
	int npos;
	int nalt[PHRASE_TOKENS_MAX];
	const char *alt[PHRASE_TOKENS_MAX][8];
	int altn[PHRASE_TOKENS_MAX][8];
	int over;
};

static int on_query_token(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
	struct qtok *q = ctx;

	(void)start;
	(void)end;
	if (ntok <= 0)
		return SQLITE_OK;
	if (ntok > IX_TOKEN_MAX)
		ntok = IX_TOKEN_MAX;
	if (!(tflags & FTS5_TOKEN_COLOCATED) || !q->npos) {
		if (q->npos == PHRASE_TOKENS_MAX) {
			q->over = 1;
			return SQLITE_OK;
		}
		q->nalt[q->npos++] = 0;
	}
	if (q->nalt[q->npos - 1] == 8) {
		q->over = 1;
		return SQLITE_OK;
	}
	q->alt[q->npos - 1][q->nalt[q->npos - 1]] = pool_strndup(q->p, tok, (size_t)ntok);
	q->altn[q->npos - 1][q->nalt[q->npos - 1]++] = ntok;
	return SQLITE_OK;
}

/* The documents of the forms at one position: the terms (with prefix, every term
 * that starts with one of them), merged, or with side set and a few forms, read side
 * by side. */
static int position_list(pool *p, const struct ix *x, const struct qtok *q, int j,
			 int side, struct plist *out)
{
	int last = q->prefix && j == q->npos - 1, n = 0;
	struct plist *l = pool_calloc(p, last ? ALT_MAX : 8, sizeof(*l));

	for (int a = 0; a < q->nalt[j]; a++) {
		if (!last) {
			const struct ix_term *t = ix_term_get(x, q->alt[j][a], (size_t)q->altn[j][a]);

			if (t && t->n)
				l[n++] = from_term(t);
			continue;
		}
		for (uint32_t i = 0; i < x->nterms; i++) {
			const struct ix_term *t = &x->terms[i];

			if (t->len >= (uint32_t)q->altn[j][a] && t->n &&
			    !memcmp(x->chars + t->key, q->alt[j][a], (size_t)q->altn[j][a])) {
				int dup = 0;

				for (int b = 0; b < n && !dup; b++)
					dup = l[b].t == t;
				if (dup)
					continue;
				if (n == ALT_MAX)
					return 1;
				l[n++] = from_term(t);
			}
		}
	}
	if (!n) {
		memset(out, 0, sizeof(*out));
		return 0;
	}
	if (side && n > 1 && n <= ALT_SIDE) {
		memset(out, 0, sizeof(*out));
		out->nalt = n;
		out->alt = l;
		for (int a = 0; a < n; a++)
			out->n += l[a].n;
		return 0;
	}
	*out = merge_all(p, l, n);
	return 0;
}

/* The documents where the positions' lists l[0..m) stand in a row, with where (the
 * first position's offsets). The shortest list leads; the others are sought. */
static struct plist in_a_row(pool *p, const struct plist *l, int m)
{
	struct plist r = { 0, NULL, NULL, NULL, NULL, 0, NULL };
	uint32_t *cur = pool_calloc(p, (size_t)m, sizeof(*cur));
	uint32_t *inst = NULL, ni = 0, cap = 0, k = 0, *doc, *istart;
	int lead = 0;

	for (int j = 1; j < m; j++)
		if (l[j].n < l[lead].n)
			lead = j;
	doc = pool_alloc(p, ((size_t)l[lead].n + 1) * sizeof(*doc));
	istart = pool_alloc(p, ((size_t)l[lead].n + 1) * sizeof(*istart));
	for (uint32_t i = 0; i < l[lead].n; i++) {
		uint32_t d = l[lead].doc[i], onel, nl;
		const uint32_t *pl;
		int all = 1;

		cur[lead] = i;
		for (int j = 0; j < m && all; j++) {
			if (j == lead)
				continue;
			cur[j] = seek(&l[j], cur[j], d);
			all = cur[j] < l[j].n && l[j].doc[cur[j]] == d;
		}
		if (!all)
			continue;
		nl = pl_pos(&l[lead], i, &pl, &onel);
		istart[k] = ni;
		for (uint32_t a = 0; a < nl; a++) {
			uint32_t start = pl[a] - (uint32_t)lead;
			int ok = pl[a] >= (uint32_t)lead &&
				 (pl[a] >> IX_OFF_BITS) == (start >> IX_OFF_BITS);

			for (int j = 0; j < m && ok; j++) {
				const uint32_t *pj;
				uint32_t onej, nj;

				if (j == lead)
					continue;
				nj = pl_pos(&l[j], cur[j], &pj, &onej);
				ok = has_pos(pj, nj, start + (uint32_t)j);
			}
			if (!ok)
				continue;
			if (ni == cap) {
				uint32_t *more;

				cap = cap * 2 + 1024;
				more = pool_alloc(p, (size_t)cap * sizeof(*more));
				if (ni)
					memcpy(more, inst, (size_t)ni * sizeof(*more));
				inst = more;
			}
			inst[ni++] = start;
		}
		if (ni > istart[k])
			doc[k++] = d;
	}
	istart[k] = ni;
	r.n = k;
	r.doc = doc;
	r.istart = istart;
	r.inst = inst ? inst : istart;
	return r;
}

/* Phrase s as a list of documents into *out: 0, or 1 with *why when it cannot be
 * evaluated here. */
static int phrase_list(pool *p, const struct ix *x, const struct ix_tokenizer *tk,
		       const struct pstr *s, struct plist *out, const char **why)
{
	struct qtok q;
	struct plist *l;
	int flags = FTS5_TOKENIZE_QUERY | (s->prefix ? FTS5_TOKENIZE_PREFIX : 0);

	memset(&q, 0, sizeof(q));
	q.p = p;
	q.x = x;
	q.prefix = s->prefix;
	if (tk->tokenize(tk->tok, &q, flags, s->text, s->len, on_query_token) != SQLITE_OK) {
		*why = "the tokenizer failed";
		return 1;
	}
	if (q.over || !q.npos) {
		*why = q.over ? "a phrase too long" : "a phrase without words";
		return 1;
	}
	l = pool_calloc(p, (size_t)q.npos, sizeof(*l));
	for (int j = 0; j < q.npos; j++) {
		if (position_list(p, x, &q, j, q.npos == 1 && !q.prefix, &l[j])) {
			*why = "a prefix of too many words";
			return 1;
		}
		if (!l[j].n) {	/* a form nowhere: the phrase nowhere */
			memset(out, 0, sizeof(*out));
			return 0;
		}
	}
	*out = q.npos == 1 ? l[0] : in_a_row(p, l, q.npos);
	return 0;
}

/* A ranked phrase's place while rows are scored in order. */
struct pcur {
	uint32_t i, a[ALT_SIDE];
	unsigned char has[ALT_SIDE];
	uint32_t *buf, cap;	/* the positions of a list read side by side */
};

/* A phrase's place from the first row again (its buffer kept). */
static void pcur_reset(struct pcur *c)
{
	c->i = 0;
	memset(c->a, 0, sizeof(c->a));
	memset(c->has, 0, sizeof(c->has));
}

/* Whether l has row dn (at or after the rows before: c moves forward). */
static int at_row(const struct plist *l, struct pcur *c, uint32_t dn)
{
	int any = 0;

	if (!l->nalt) {
		c->i = seek(l, c->i, dn);
		return c->i < l->n && l->doc[c->i] == dn;
	}
	for (int a = 0; a < l->nalt; a++) {
		c->a[a] = seek(&l->alt[a], c->a[a], dn);
		c->has[a] = c->a[a] < l->alt[a].n && l->alt[a].doc[c->a[a]] == dn;
		any |= c->has[a];
	}
	return any;
}

/* The positions of the row at_row found, ascending and without repeats: one form's
 * as they are, several forms' merged. */
static uint32_t row_pos(pool *p, const struct plist *l, struct pcur *c, const uint32_t **pos,
			uint32_t *one)
{
	const uint32_t *ap[ALT_SIDE];
	uint32_t an[ALT_SIDE], ao[ALT_SIDE], at[ALT_SIDE] = { 0 }, n = 0, want = 0;
	int m = 0, only = -1;

	if (!l->nalt)
		return pl_pos(l, c->i, pos, one);
	for (int a = 0; a < l->nalt; a++)
		if (c->has[a]) {
			only = a;
			m++;
		}
	if (m == 1) {
		n = pl_pos(&l->alt[only], c->a[only], pos, one);
		if (n == 1 && *pos != one) {	/* kept in the posting: copied to one */
			*one = **pos;
			*pos = one;
		}
		return n;
	}
	m = 0;
	for (int a = 0; a < l->nalt; a++)
		if (c->has[a]) {
			an[m] = pl_pos(&l->alt[a], c->a[a], &ap[m], &ao[m]);
			if (an[m] == 1 && ap[m] != &ao[m]) {
				ao[m] = *ap[m];
				ap[m] = &ao[m];
			}
			want += an[m++];
		}
	/* a word and its stem: in a row of the stem's language, the same positions */
	if (m == 2 && an[0] == an[1] && !memcmp(ap[0], ap[1], an[0] * sizeof(*ap[0]))) {
		if (an[0] == 1) {
			*one = ap[0][0];
			*pos = one;
			return 1;
		}
		*pos = ap[0] == &ao[0] ? ap[1] : ap[0];
		return an[0];
	}
	if (want > c->cap) {
		c->cap = want * 2 + 16;
		c->buf = pool_alloc(p, c->cap * sizeof(*c->buf));
	}
	for (;;) {	/* the smallest head of the forms, once */
		int b = -1;

		for (int a = 0; a < m; a++)
			if (at[a] < an[a] && (b < 0 || ap[a][at[a]] < ap[b][at[b]]))
				b = a;
		if (b < 0)
			break;
		if (!n || c->buf[n - 1] != ap[b][at[b]])
			c->buf[n++] = ap[b][at[b]];
		at[b]++;
	}
	*pos = c->buf;
	return n;
}

/* ---- bitmaps ---- */

struct eval {
	pool *p;
	const struct ix *x;
	size_t words;
	const struct node *nodes;
	const struct plist *pl;
	uint64_t **bm;		/* the kept nodes' bitmaps */
};

static void set_bits(uint64_t *b, const struct plist *l)
{
	for (int a = 0; a < l->nalt; a++)
		set_bits(b, &l->alt[a]);
	if (l->nalt)
		return;
	for (uint32_t i = 0; i < l->n; i++)
		b[l->doc[i] >> 6] |= 1ull << (l->doc[i] & 63);
}

/* Node n's bitmap (a kept child's copied before its parent changes it). */
static uint64_t *eval(struct eval *e, int n)
{
	const struct node *nd = &e->nodes[n];
	uint64_t *r, *o;

	if (nd->type == N_PHRASE) {
		r = pool_calloc(e->p, e->words, sizeof(*r));
		set_bits(r, &e->pl[nd->phrase]);
		return r;
	}
	r = eval(e, nd->a);
	if (e->nodes[nd->a].keep) {
		uint64_t *c = pool_alloc(e->p, e->words * sizeof(*c));

		memcpy(c, r, e->words * sizeof(*c));
		e->bm[nd->a] = r;
		r = c;
	}
	if (nd->type == N_OR && e->nodes[nd->b].type == N_PHRASE) {
		set_bits(r, &e->pl[e->nodes[nd->b].phrase]);
		return r;
	}
	o = eval(e, nd->b);
	if (e->nodes[nd->b].keep)
		e->bm[nd->b] = o;
	for (size_t i = 0; i < e->words; i++)
		r[i] = nd->type == N_AND ? r[i] & o[i] : nd->type == N_OR ? r[i] | o[i] :
		       r[i] & ~o[i];
	return r;
}

/* Which nodes hold a ranked phrase (bottom up: children come first), and which
 * keep their bitmaps. */
static void mark_ranked(struct node *nodes, int nnodes, const unsigned char *ranked)
{
	for (int n = 0; n < nnodes; n++) {
		struct node *nd = &nodes[n];

		nd->ranked = nd->type == N_PHRASE ? ranked[nd->phrase] :
			     nodes[nd->a].ranked || nodes[nd->b].ranked;
		if (nd->type == N_OR) {
			nodes[nd->a].keep = nodes[nd->a].ranked && nodes[nd->a].type != N_PHRASE;
			nodes[nd->b].keep = nodes[nd->b].ranked && nodes[nd->b].type != N_PHRASE;
		}
	}
}

/* Whether a ranked phrase under node n may be in a row without FTS5 reporting it:
 * under an AND or NOT that is itself under an OR (or_above), which may not match
 * the row while the phrase does. */
static int needs_live(const struct node *nodes, int n, int or_above)
{
	const struct node *nd = &nodes[n];

	if (!nd->ranked || nd->type == N_PHRASE)
		return 0;
	if (or_above && nd->type != N_OR)
		return 1;
	or_above |= nd->type == N_OR;
	return needs_live(nodes, nd->a, or_above) || needs_live(nodes, nd->b, or_above);
}

/* The phrases FTS5 reports instances of in a row that node n matches: those whose
 * every AND above them matched it (an OR's side that did not match the row is
 * positioned elsewhere, and reports none: fts5_expr.c's sqlite3Fts5ExprPoslist).
 * present[p]: phrase p has the row; live[p] is set for the reported ones. */
static void live_phrases(const struct eval *e, int n, uint32_t dn, const unsigned char *present,
			 unsigned char *live)
{
	const struct node *nd = &e->nodes[n];

	if (!nd->ranked)
		return;
	switch (nd->type) {
	case N_PHRASE:
		live[nd->phrase] = present[nd->phrase];
		return;
	case N_AND:
		live_phrases(e, nd->a, dn, present, live);
		live_phrases(e, nd->b, dn, present, live);
		return;
	case N_NOT:
		live_phrases(e, nd->a, dn, present, live);
		return;
	case N_OR:
		for (int side = 0; side < 2; side++) {
			int c = side ? nd->b : nd->a;
			const struct node *cn = &e->nodes[c];
			int hit = cn->type == N_PHRASE ? present[cn->phrase] :
				  cn->keep ? (int)(e->bm[c][dn >> 6] >> (dn & 63) & 1) : 0;

			if (hit)
				live_phrases(e, c, dn, present, live);
		}
		return;
	}
}

/* ---- ranking (ccrank, fts.c) ---- */

struct rank {
	struct rank_groups g;	/* the phrases' groups (rank_spec) */
	double idf[PHRASES_MAX], gidf[PHRASES_MAX], idf_sum, avgdl;
};

struct inst {
	uint32_t pos;
	int phrase;
};

/* ccrank's closeness: the instances in[0..n) in (column, offset, phrase) order. */
static double closeness(const struct rank *d, const struct inst *in, int n, struct rank_window *w)
{
	int col = -1, m = 0, on = 0;
	double near = 0.0;

	for (int i = 0; i <= n; i++) {
		int ic = i < n ? (int)(in[i].pos >> IX_OFF_BITS) : IX_COLS;

		if (ic != col) {
			if (on && m >= 2 && w->best) {
				double cl = (double)m / (w->best > m ? w->best : m);

				if (cl * m > near)
					near = cl * m;
			}
			col = ic;
			m = 0;
			rank_window_reset(w);
			if (i < n && d->g.k > 1 && col_weight[ic] > 0.0) {
				unsigned char in_col[PHRASES_MAX] = { 0 };

				for (int j = i; j < n && (int)(in[j].pos >> IX_OFF_BITS) == ic; j++)
					if (!in_col[in[j].phrase]++)
						m++;
				if (m >= 2)
					on = 1;
			}
		}
		if (i == n)
			break;
		if (on && m >= 2)
			rank_window_add(w, in[i].phrase, (int)(in[i].pos & ((1u << IX_OFF_BITS) - 1)), m);
	}
	return near;
}

/* closeness() for a row with two phrases (a before b in the query): the same value
 * from one merge of their positions, without the instance list. In each weighted
 * column with both, the shortest span holding both is between two neighbours of
 * different phrases in (offset, phrase) order, among the column's first
 * PROX_INST_MAX instances as the window sees them. */
static double closeness2(const uint32_t *pa, uint32_t na, const uint32_t *pb, uint32_t nb)
{
	uint32_t i = 0, j = 0, col = UINT32_MAX, seen = 0, last = 0;
	int lastph = -1, have = 0, best = 0;
	double near = 0.0;

	for (;;) {
		int ph, end = i >= na && j >= nb;
		uint32_t v = 0, c;

		if (!end) {
			ph = j >= nb || (i < na && pa[i] <= pb[j]) ? 0 : 1;
			v = ph ? pb[j++] : pa[i++];
		} else {
			ph = -1;
		}
		c = end ? UINT32_MAX : v >> IX_OFF_BITS;
		if (c != col) {
			if (have == 3 && best) {
				double cl = 2.0 / (best > 2 ? best : 2);

				if (cl * 2 > near)
					near = cl * 2;
			}
			if (end)
				return near;
			col = c;
			seen = 0;
			have = 0;
			lastph = -1;
			best = 0;
		}
		if (col_weight[c] <= 0.0)
			continue;
		have |= 1 << ph;	/* both in the column: the window is on */
		if (seen++ >= PROX_INST_MAX)
			continue;
		if (lastph >= 0 && lastph != ph) {
			int span = (int)((v & ((1u << IX_OFF_BITS) - 1)) - last) + 1;

			if (!best || span < best)
				best = span;
		}
		lastph = ph;
		last = v & ((1u << IX_OFF_BITS) - 1);
	}
}

struct heap {
	struct ix_hit *h;	/* score: the goodness (higher is better) */
	uint32_t *dn;
	size_t n, cap;
};

/* worse: a lower goodness, or the same and a later document */
static int worse(const struct heap *hp, size_t i, size_t j)
{
	if (hp->h[i].score != hp->h[j].score)
		return hp->h[i].score < hp->h[j].score;
	return hp->dn[i] > hp->dn[j];
}

static void swap(struct heap *hp, size_t i, size_t j)
{
	struct ix_hit t = hp->h[i];
	uint32_t d = hp->dn[i];

	hp->h[i] = hp->h[j];
	hp->dn[i] = hp->dn[j];
	hp->h[j] = t;
	hp->dn[j] = d;
}

static void sift_down(struct heap *hp, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < hp->n && worse(hp, l, m))
			m = l;
		if (r < hp->n && worse(hp, r, m))
			m = r;
		if (m == i)
			return;
		swap(hp, i, m);
		i = m;
	}
}

/* Offer document dn with goodness g: kept when the heap has room or it beats the
 * worst kept (a lower goodness loses, and of equal ones the later document). */
static void offer(struct heap *hp, uint32_t dn, const struct ix *x, double g)
{
	size_t i;

	if (hp->n == hp->cap) {
		if (g < hp->h[0].score || (g == hp->h[0].score && dn > hp->dn[0]))
			return;
		hp->h[0] = (struct ix_hit){ x->rowid[dn], x->record[dn], g };
		hp->dn[0] = dn;
		sift_down(hp, 0);
		return;
	}
	i = hp->n++;
	hp->h[i] = (struct ix_hit){ x->rowid[dn], x->record[dn], g };
	hp->dn[i] = dn;
	while (i && worse(hp, i, (i - 1) / 2)) {
		swap(hp, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static int concept_weight(const struct ix_query *q, int64_t rowid)
{
	size_t lo = 0, hi = q->nboost;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (q->boost_id[mid] == rowid)
			return q->boost_w[mid];
		if (q->boost_id[mid] < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 1;
}

/* The document frequency of phrase i as ccrank's caller finds it: known, else
 * from the vocabulary (per position its most frequent form, the least frequent
 * position: sq_fts_phrase_df), a prefix's by counting its rows. */
static double phrase_df(const struct ix *x, const struct ix_tokenizer *tk, pool *p,
			const struct pstr *s, const struct plist *l)
{
	struct qtok q;
	uint32_t min = 0;

	if (!s->prefix) {
		memset(&q, 0, sizeof(q));
		q.p = p;
		if (tk->tokenize(tk->tok, &q, FTS5_TOKENIZE_QUERY, s->text, s->len,
				 on_query_token) == SQLITE_OK && !q.over && q.npos) {
			for (int j = 0; j < q.npos; j++) {
				uint32_t most = 0;

				for (int a = 0; a < q.nalt[j]; a++) {
					const struct ix_term *t = ix_term_get(x, q.alt[j][a],
									      (size_t)q.altn[j][a]);
					uint32_t df = t ? ix_term_df(x, t) : 0;

					most = df > most ? df : most;
				}
				min = j == 0 || most < min ? most : min;
			}
			return min;
		}
	}
	for (uint32_t i = 0; i < l->n; i++)
		min += x->alive[l->doc[i] >> 6] >> (l->doc[i] & 63) & 1;
	return min;
}

struct ranked {
	struct ix_hit h;
	uint32_t dn;
};

static int by_goodness(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->h.score != y->h.score)
		return x->h.score > y->h.score ? -1 : 1;
	return x->dn < y->dn ? -1 : x->dn > y->dn;
}

/* The weight of the row at_row found for l in halves (ix_wf): exact, or with several
 * forms there (*exact 0) the sum of theirs, at least the weight of their positions
 * together. */
static uint32_t phrase_wf(const struct plist *l, const struct pcur *c, int *exact)
{
	uint32_t w = 0;
	int m = 0;

	*exact = 1;
	if (l->t)
		return ix_wf(l->t, c->i);
	if (l->istart) {
		for (uint32_t j = l->istart[c->i]; j < l->istart[c->i + 1]; j++)
			w += rank_col_halves[l->inst[j] >> IX_OFF_BITS];
		return w;
	}
	for (int a = 0; a < l->nalt; a++)
		if (c->has[a]) {
			w += ix_wf(l->alt[a].t, c->a[a]);
			m++;
		}
	*exact = m <= 1;
	return w;
}

/* What scoring a row needs (ix_search). */
struct rctx {
	const struct ix *x;
	const struct ix_query *q;
	pool *p;
	const struct eval *ev;
	int root;
	const struct plist *pl;
	const struct rank *d;
	int k, ncon;
	const int *con, *rk;
	int nrk, some_live;
	double len_scale;
	struct rank_window *win;
	struct inst *in;
	size_t incap;
	size_t scored;		/* rows scored or bounded (ix_result) */
	/* when every match has every ranked phrase (no concept, none live apart): the
	 * phrases by idf, the highest first (nby of them, else 0), the most the ones after
	 * each can add, and the tier of a row with all */
	int nby, by[PHRASES_MAX], tall;
	double rest[PHRASES_MAX];
};

/* Phrase i found in a row: its group counted into *coord and its idf into *matched
 * (what rank_tier takes) unless seen already. */
static void group_add(const struct rank *d, int i, unsigned char *seen, int *coord,
		      double *matched)
{
	if (d->g.group[i] >= 0 && !seen[d->g.group[i]]++) {
		(*coord)++;
		*matched += d->gidf[d->g.group[i]];
	}
}

/* A row's goodness from its tier and score (ccrank's, negated: higher is better), the
 * score capped below the tier unit. */
static double goodness(int tier, double score)
{
	return tier * COORD_UNIT + (score < COORD_UNIT - 1 ? score : COORD_UNIT - 1);
}

/* Row dn's goodness as ccrank ranks it (tier x COORD_UNIT + score, higher is better)
 * into *out; pc: the ranked phrases' places, moved forward to dn. 0 when a bound
 * shows it cannot pass t, the page's last (-1: none yet); closeness, the costly part,
 * is computed only past the last bound. */
static int score_row(struct rctx *c, uint32_t dn, struct pcur *pc, double t, double *out)
{
	const struct rank *d = c->d;
	const struct ix *x = c->x;
	int k = c->k, npresent = 0, coord = 0, cw = 0, tier, exact = 1;
	double f[PHRASES_MAX], score = 0.0, matched = 0.0, norm, cb, hi;
	const uint32_t *pos[PHRASES_MAX];
	uint32_t npos[PHRASES_MAX], one[PHRASES_MAX];
	unsigned char seen[PHRASES_MAX], present[PHRASES_MAX], live[PHRASES_MAX];
	size_t ninst = 0;

	c->scored++;
	/* BM25's length norm, 1.2 x (0.25 + 0.75 x len / avgdl), without a division */
	norm = 0.3 + c->len_scale * (double)x->len[dn];
	/* every phrase there: a bound phrase by phrase, the weightiest first, each from its
	 * postings' weight, the rest at their most, closeness doubling the sum */
	if (t >= 0 && c->nby) {
		double part = 0.0;

		for (int r = 0; r < c->nby; r++) {
			int i = c->by[r], ex;
			double fi;

			if (!at_row(&c->pl[i], &pc[i], dn))
				break;
			fi = phrase_wf(&c->pl[i], &pc[i], &ex) / 2.0;
			if (fi > 0)
				part += d->idf[i] * fi * 2.2 / (fi + norm);
			if (goodness(c->tall, 2 * (part + c->rest[r]) * (1 + 1e-9)) < t)
				return 0;
		}
	}
	/* the ranked phrases the row has, and those FTS5 would report */
	for (int r = 0; r < c->nrk; r++) {
		int i = c->rk[r];

		present[i] = (unsigned char)at_row(&c->pl[i], &pc[i], dn);
		live[i] = c->some_live ? 0 : present[i];
	}
	if (c->some_live)
		live_phrases(c->ev, c->root, dn, present, live);
	for (int i = 0; i < d->g.ngroups && i < PHRASES_MAX; i++)
		seen[i] = 0;
	for (int i = 0; i < c->ncon && !cw; i++)
		if (live[c->con[i]])
			cw = concept_weight(c->q, x->rowid[dn]);
	cb = rank_concept_boost(cw, d->idf_sum);
	/* a bound before any position is read: each phrase's weight (f) from its
	 * postings (exact for a word alone, for a word and its stem at most the sum of
	 * theirs); whether it is there (f > 0), and so the tier, is exact */
	for (int i = 0; i < k; i++) {
		int ex = 1;

		f[i] = live[i] ? phrase_wf(&c->pl[i], &pc[i], &ex) / 2.0 : 0.0;
		exact &= ex;
		if (f[i] > 0) {
			npresent++;
			group_add(d, i, seen, &coord, &matched);
		}
	}
	/* one phrase: told without dividing (A f / (f + norm) < t) */
	if (k == 1 && !c->ncon && t >= TIERS * COORD_UNIT && f[0] > 0) {
		double tt = t - TIERS * COORD_UNIT;

		if (f[0] * (d->idf[0] * 2.2 - tt) < tt * norm)
			return 0;
	}
	for (int i = 0; i < k; i++)
		if (f[i] > 0)
			score += d->idf[i] * f[i] * 2.2 / (f[i] + norm);
	tier = rank_tier(coord, d->g.ngroups, matched, d->idf_sum, cw);
	if (t >= 0) {
		/* closeness at most doubles the score */
		hi = (npresent >= 2 ? 2 * score : score) + cb;
		if (goodness(tier, hi) < t)
			return 0;
	}
	if (npresent < 2 && exact)
		goto done;
	/* the positions: the weights of a word and its stem together, the closeness */
	score = 0.0;
	for (int i = 0; i < k; i++) {
		npos[i] = 0;
		if (f[i] <= 0)
			continue;
		npos[i] = row_pos(c->p, &c->pl[i], &pc[i], &pos[i], &one[i]);
		f[i] = 0.0;
		for (uint32_t j = 0; j < npos[i]; j++)
			f[i] += col_weight[pos[i][j] >> IX_OFF_BITS];
		ninst += npos[i];
		score += d->idf[i] * f[i] * 2.2 / (f[i] + norm);
	}
	/* closeness at most doubles the score */
	hi = (npresent >= 2 ? 2 * score : score) + cb;
	if (goodness(tier, hi) < t)
		return 0;
	if (npresent == 2) {
		int a = -1, b = -1;

		for (int i = 0; i < k; i++)
			if (f[i] > 0) {
				if (a < 0)
					a = i;
				else
					b = i;
			}
		score *= 1.0 + closeness2(pos[a], npos[a], pos[b], npos[b]) / 2;
	} else if (npresent > 2) {
		/* the instances in (column, offset, phrase) order */
		size_t at[PHRASES_MAX] = { 0 }, o = 0;

		if (ninst > c->incap) {
			c->incap = ninst * 2;
			c->in = pool_alloc(c->p, c->incap * sizeof(*c->in));
		}
		while (o < ninst) {
			int b = -1;

			for (int i = 0; i < k; i++)
				if (at[i] < npos[i] && (b < 0 || pos[i][at[i]] < pos[b][at[b]]))
					b = i;
			c->in[o].pos = pos[b][at[b]++];
			c->in[o++].phrase = b;
		}
		score *= 1.0 + closeness(d, c->in, (int)ninst, c->win) / npresent;
	}
done:
	score += cb;
	*out = goodness(tier, score);
	return 1;
}

/* ---- the impact walk: one ranked phrase, its best rows first ---- */

/* The order a walk follows: a term's postings (t) or a union's rows (u), in groups of
 * one weight; per group its next place, the groups in a heap by the bound of their
 * next row, f / (f + norm) with the group's heaviest weight and the row's capped
 * length (the rows after it in the group are as light or lighter, and as long or
 * longer). */
struct order {
	const struct ix_term *t;
	const struct ix_union *u;
	const struct ix_wgroup *wg;
	uint32_t nwg, *at, *heap, nh;
	double *r;
};

static uint32_t order_dn(const struct order *o, uint32_t j)
{
	return o->t ? o->t->doc[o->t->imp[j]] : o->u->dn[j];
}

static double group_bound(const struct rctx *c, const struct order *o, uint32_t g)
{
	uint32_t l = c->x->len[order_dn(o, o->at[g])];
	double f = o->wg[g].wmax / 2.0;

	l = l < IX_IMPACT_LEN ? l : IX_IMPACT_LEN;
	return f > 0 ? f / (f + 0.3 + c->len_scale * (double)l) : 0.0;
}

static void order_sift(struct order *o, uint32_t i)
{
	for (;;) {
		uint32_t l = 2 * i + 1, r = l + 1, b = i, tmp;

		if (l < o->nh && o->r[o->heap[l]] > o->r[o->heap[b]])
			b = l;
		if (r < o->nh && o->r[o->heap[r]] > o->r[o->heap[b]])
			b = r;
		if (b == i)
			return;
		tmp = o->heap[i];
		o->heap[i] = o->heap[b];
		o->heap[b] = tmp;
		i = b;
	}
}

static void order_start(struct rctx *c, struct order *o)
{
	o->at = pool_alloc(c->p, ((size_t)o->nwg + 1) * sizeof(*o->at));
	o->heap = pool_alloc(c->p, ((size_t)o->nwg + 1) * sizeof(*o->heap));
	o->r = pool_alloc(c->p, ((size_t)o->nwg + 1) * sizeof(*o->r));
	o->nh = 0;
	for (uint32_t g = 0; g < o->nwg; g++) {
		o->at[g] = o->wg[g].start;
		if (o->wg[g].start < o->wg[g + 1].start) {
			o->r[g] = group_bound(c, o, g);
			o->heap[o->nh++] = g;
		}
	}
	for (uint32_t i = o->nh / 2 + 1; i-- > 0;)
		order_sift(o, i);
}

/* The next place in o's order (its best group's head) and its group. */
static uint32_t order_pop(const struct rctx *c, struct order *o, uint32_t *group)
{
	uint32_t g = o->heap[0], j = o->at[g]++;

	if (o->at[g] < o->wg[g + 1].start)
		o->r[g] = group_bound(c, o, g);
	else
		o->heap[0] = o->heap[--o->nh];
	order_sift(o, 0);
	*group = g;
	return j;
}

/* The goodness of row dn whose only ranked phrase present is ph (no concept), of
 * weight f, as score_row gives it. */
static double one_phrase_goodness(struct rctx *c, int ph, uint32_t dn, double f)
{
	const struct rank *d = c->d;
	double norm = 0.3 + c->len_scale * (double)c->x->len[dn], score = 0.0;
	int grp = d->g.group[ph], tier;

	c->scored++;
	if (f > 0)
		score += d->idf[ph] * f * 2.2 / (f + norm);
	tier = rank_tier(f > 0 && grp >= 0, d->g.ngroups, f > 0 && grp >= 0 ? d->gidf[grp] : 0.0,
			 d->idf_sum, 0);
	score += rank_concept_boost(0, d->idf_sum);
	return goodness(tier, score);
}

/* Every ranked phrase's place from the first row again. */
static void pcur_reset_all(const struct rctx *c, struct pcur *pc)
{
	for (int r = 0; r < c->nrk; r++)
		pcur_reset(&pc[c->rk[r]]);
}

/* The order of the one ranked phrase l's rows into *o: its term's, or its forms'
 * together (made now on their first query); 0 when there is none. */
static int walk_order(const struct rctx *c, const struct plist *l, struct order *o)
{
	memset(o, 0, sizeof(*o));
	if (!l->nalt) {
		if (!l->t || !l->t->imp)
			return 0;
		o->t = l->t;
		o->wg = l->t->wg;
		o->nwg = l->t->nwg;
		return 1;
	} else {
		const struct ix_term *t[ALT_SIDE];

		for (int a = 0; a < l->nalt; a++)
			if (!(t[a] = l->alt[a].t) || !t[a]->slot || t[a]->n < c->x->impact_min)
				return 0;
		if (!(o->u = ix_union_get(c->x, t, l->nalt)))
			return 0;
		o->wg = o->u->wg;
		o->nwg = o->u->nwg;
		return 1;
	}
}

/* The best rows of m into hp, in the order o of ranked phrase ph, the only ranked
 * phrase each row of m has (and every one has it), until no row not looked at can
 * pass the page's last: 0, or 1 when more than budget rows were looked at (the
 * caller scans instead; the rows offered are still in hp). The rows the order does
 * not hold (added since it was made) are scored first. */
static int walk(struct rctx *c, int ph, struct order *o, const uint64_t *m,
		struct heap *hp, struct pcur *pc, size_t budget)
{
	const struct rank *d = c->d;
	int grp = d->g.group[ph];
	double a = d->idf[ph] * 2.2, cb = rank_concept_boost(0, d->idf_sum);
	int t1 = rank_tier(grp >= 0, d->g.ngroups, grp >= 0 ? d->gidf[grp] : 0.0, d->idf_sum, 0);
	int t0 = rank_tier(0, d->g.ngroups, 0.0, d->idf_sum, 0);
	size_t looked = 0;

	t1 = t1 > t0 ? t1 : t0;
	/* after the order: a term's postings past it, a union's documents past it */
	pcur_reset_all(c, pc);
	if (o->t) {
		for (uint32_t i = o->t->nimp; i < o->t->n; i++) {
			uint32_t dn = o->t->doc[i];
			double g;

			if (!(m[dn >> 6] >> (dn & 63) & 1))
				continue;
			if (++looked > budget)
				return 1;
			g = one_phrase_goodness(c, ph, dn, ix_wf(o->t, i) / 2.0);
			offer(hp, dn, c->x, g);
		}
	} else {
		uint32_t words = (c->x->ndocs + 63) / 64, from = o->u->ndocs;

		for (uint32_t w = from / 64; w < words; w++)
			for (uint64_t bits = m[w] & (w == from / 64 ? ~0ull << (from & 63) : ~0ull);
			     bits; bits &= bits - 1) {
				uint32_t dn = (uint32_t)(w * 64 + (uint32_t)__builtin_ctzll(bits));
				double g;

				if (++looked > budget)
					return 1;
				if (score_row(c, dn, pc, -1.0, &g))
					offer(hp, dn, c->x, g);
			}
	}
	order_start(c, o);
	while (o->nh) {
		double b = a * o->r[o->heap[0]] * (1 + 1e-9) + cb;
		uint32_t g, j, dn;

		if (hp->n == hp->cap &&
		    goodness(t1, b) < hp->h[0].score)
			return 0;
		j = order_pop(c, o, &g);
		dn = order_dn(o, j);
		if (!(m[dn >> 6] >> (dn & 63) & 1))
			continue;
		if (++looked > budget)
			return 1;
		if (o->t) {
			offer(hp, dn, c->x,
			      one_phrase_goodness(c, ph, dn, ix_wf(o->t, o->t->imp[j]) / 2.0));
		} else if (o->wg[g].wmax <= IX_IMPACT_WF) {
			offer(hp, dn, c->x, one_phrase_goodness(c, ph, dn, o->wg[g].wmax / 2.0));
		} else {	/* a capped weight: the row's own */
			double gd;

			pcur_reset_all(c, pc);
			if (score_row(c, dn, pc, -1.0, &gd))
				offer(hp, dn, c->x, gd);
		}
	}
	return 0;
}

/* ---- scoring by phases of groups ---- */

/* Whether every row node n matches has phrase ph (on the path of ANDs and the left
 * of NOTs, or on both sides of an OR). */
static int must_have(const struct node *nodes, int n, int ph)
{
	const struct node *nd = &nodes[n];

	switch (nd->type) {
	case N_PHRASE:
		return nd->phrase == ph;
	case N_AND:
		return must_have(nodes, nd->a, ph) || must_have(nodes, nd->b, ph);
	case N_NOT:
		return must_have(nodes, nd->a, ph);
	case N_OR:
		return must_have(nodes, nd->a, ph) && must_have(nodes, nd->b, ph);
	}
	return 0;
}

/* Whether every match of node root has a phrase of each group (one of them on its
 * path of ANDs: must_have). */
static int every_group(const struct node *nodes, int root, const struct rank_groups *g)
{
	for (int grp = 0; grp < g->ngroups && grp < PHRASES_MAX; grp++) {
		int has = 0;

		for (int i = 0; i < g->k && !has; i++)
			has = g->group[i] == grp && must_have(nodes, root, i);
		if (!has)
			return 0;
	}
	return 1;
}

/* Score the rows of bits (their place in dn order) and offer them; past the first
 * phase (late), rows come after better ones of later documents: no bound that
 * rounding could turn against a row equal to the page's last. */
static void score_bits(struct rctx *c, const uint64_t *bits, size_t words, struct heap *hp,
		       struct pcur *pc, int nph, int late)
{
	for (int i = 0; i < nph; i++)
		pcur_reset(&pc[i]);
	for (size_t w = 0; w < words; w++)
		for (uint64_t b = bits[w]; b; b &= b - 1) {
			uint32_t dn = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(b));
			double g, t = hp->n == hp->cap ? hp->h[0].score : -1.0;

			if (late && t >= 0)
				t -= 1e-9 * (t > 1 ? t : 1);
			if (score_row(c, dn, pc, t, &g))
				offer(hp, dn, c->x, g);
		}
}

/* The rows ph (n of them) of the last phase, whose only ranked phrase present is one
 * of group grp, by a walk when the group has one phrase, with an order, and the rows
 * are many and most of its rows: 1 when done, 0 when the caller scores them (hp as
 * before). */
static int walk_phase(struct rctx *c, int grp, const uint64_t *ph, size_t n, struct heap *hp,
		      struct pcur *pc)
{
	const struct rank *d = c->d;
	struct order o;
	struct ix_hit *h;
	uint32_t *dn;
	size_t had = hp->n;
	int one = -1;

	for (int i = 0; i < c->k; i++)
		if (d->g.group[i] == grp || d->g.group[i] < 0)	/* (a phrase of no group: any row) */
			one = one < 0 && d->g.group[i] == grp ? i : PHRASES_MAX;
	if (one < 0 || one == PHRASES_MAX || (uint64_t)n < c->x->walk_min ||
	    (uint64_t)n * 4 < c->pl[one].n || !walk_order(c, &c->pl[one], &o))
		return 0;
	h = pool_alloc(c->p, (had + 1) * sizeof(*h));
	dn = pool_alloc(c->p, (had + 1) * sizeof(*dn));
	memcpy(h, hp->h, had * sizeof(*h));
	memcpy(dn, hp->dn, had * sizeof(*dn));
	if (!walk(c, one, &o, ph, hp, pc, n / 4 + c->x->walk_slack))
		return 1;
	memcpy(hp->h, h, had * sizeof(*h));	/* too many looked at: as it was */
	memcpy(hp->dn, dn, had * sizeof(*dn));
	hp->n = had;
	return 0;
}

/* The matches m scored by phases, when the query's groups of words are not all in
 * every match (any word of several): first the rows with the rarest group, then
 * those with the next and not the rarer, and so on. The rows left after a phase lack
 * every group done, so their tier is at most that of all the other groups together:
 * once the page's last is above it, they are counted and not scored. 0, or 1 when
 * every match has the rarest group (nothing done: the caller scans). */
static int scan_phases(struct rctx *c, uint64_t *m, size_t words, struct heap *hp,
		       struct pcur *pc, int nph)
{
	const struct rank *d = c->d;
	int ng = d->g.ngroups < PHRASES_MAX ? d->g.ngroups : PHRASES_MAX, order[PHRASES_MAX];
	uint64_t *gb = pool_alloc(c->p, words * sizeof(*gb));
	uint64_t *ph = pool_alloc(c->p, words * sizeof(*ph));
	double rest = 0.0;

	for (int g = 0; g < ng; g++) {	/* rarest first */
		int j = g;

		while (j > 0 && d->gidf[order[j - 1]] < d->gidf[g]) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = g;
	}
	for (int j = 0; j < ng; j++) {
		uint64_t any = 0;
		size_t nrows = 0;
		int tier;

		memset(gb, 0, words * sizeof(*gb));
		for (int i = 0; i < c->k; i++)
			if (d->g.group[i] == order[j])
				set_bits(gb, &c->pl[i]);
		for (size_t w = 0; w < words; w++) {
			ph[w] = m[w] & gb[w];
			m[w] &= ~gb[w];
			any |= m[w];
			nrows += (size_t)__builtin_popcountll(ph[w]);
		}
		if (j == 0 && !any) {	/* restore: every match has the rarest group */
			for (size_t w = 0; w < words; w++)
				m[w] |= ph[w];
			return 1;
		}
		if (j != ng - 1 || !walk_phase(c, order[j], ph, nrows, hp, pc))
			score_bits(c, ph, words, hp, pc, nph, j > 0);
		/* the best a row without groups order[0..j] can have (the idf of the others
		 * a little more, lest rounding lower their tier) */
		rest = 0.0;
		for (int l = j + 1; l < ng; l++)
			rest += d->gidf[order[l]];
		tier = rank_tier(ng - j - 1, ng, rest * (1 + 1e-9), d->idf_sum, 0);
		if (hp->n == hp->cap && hp->h[0].score > goodness(tier, COORD_UNIT))	/* its most */
			return 0;
		if (!any)
			return 0;
	}
	score_bits(c, m, words, hp, pc, nph, 1);	/* rows with none of the groups */
	return 0;
}

/* c's phrases by idf for score_row's bound phrase by phrase, when every match of root
 * has each of them. */
static void all_there(struct rctx *c, const struct node *nodes, int root)
{
	const struct rank *d = c->d;
	unsigned char seen[PHRASES_MAX] = { 0 };
	double matched = 0.0, after = 0.0;
	int coord = 0;

	for (int i = 0; i < c->k; i++)
		if (!must_have(nodes, root, i))
			return;
	for (int i = 0; i < c->k; i++) {	/* by idf, the highest first */
		int j = i;

		while (j > 0 && d->idf[c->by[j - 1]] < d->idf[i]) {
			c->by[j] = c->by[j - 1];
			j--;
		}
		c->by[j] = i;
		group_add(d, i, seen, &coord, &matched);
	}
	for (int r = c->k; r-- > 0;) {
		c->rest[r] = after;
		after += d->idf[c->by[r]] * 2.2;
	}
	c->tall = rank_tier(coord, d->g.ngroups, matched * (1 + 1e-9), d->idf_sum, 0);
	c->nby = c->k;
}

int ix_search(const struct ix *x, const struct ix_tokenizer *tk, pool *p,
	      const struct ix_query *q, struct ix_result *out, const char **why)
{
	struct parser ps;
	struct eval ev;
	struct plist *pl;
	struct rank d;
	struct heap hp;
	uint64_t *m;
	struct pcur *pc;
	int *rk, nrk = 0, some_live = 0;
	struct rctx rc;
	int root, k, nranked, ncon = 0, con[PHRASES_MAX];
	unsigned char *ranked;
	long long total = 0;
	size_t nr = 0;
	double rows, len_scale;

	memset(out, 0, sizeof(*out));
	if ((root = parse(&ps, p, q->match)) < 0) {
		*why = ps.why;
		return 1;
	}
	pl = pool_calloc(p, (size_t)ps.nph, sizeof(*pl));
	for (int i = 0; i < ps.nph; i++)
		if (phrase_list(p, x, tk, &ps.ph[i], &pl[i], why))
			return 1;
	/* ranking: as ccrank(k, any, spec); the phrases it looks at */
	memset(&d, 0, sizeof(d));
	k = q->k < 0 ? 0 : q->k > ps.nph ? ps.nph : q->k;
	k = k > PHRASES_MAX ? PHRASES_MAX : k;
	rank_spec(&d.g, k, q->spec);
	ranked = pool_calloc(p, (size_t)ps.nph + 1, 1);
	for (int i = 0; i < ps.nph && i < PHRASES_MAX; i++)
		ranked[i] = i < k || d.g.concept[i];
	mark_ranked(ps.nodes, ps.nnodes, ranked);
	/* the matches: the root's bitmap, less the dead */
	ev = (struct eval){ p, x, ((size_t)x->ndocs + 63) / 64, ps.nodes, pl,
			    pool_calloc(p, (size_t)ps.nnodes, sizeof(uint64_t *)) };
	if (!ev.words) {
		out->rowids = pool_alloc(p, sizeof(int64_t));
		out->top = pool_alloc(p, sizeof(struct ix_hit));
		return 0;
	}
	m = eval(&ev, root);
	for (size_t i = 0; i < ev.words; i++) {
		m[i] &= x->alive[i];
		total += __builtin_popcountll(m[i]);
	}
	out->total = total;
	out->rowids = pool_alloc(p, ((size_t)total + 1) * sizeof(int64_t));
	rows = (double)x->nalive;
	d.avgdl = x->nalive ? (double)x->total / rows : 1.0;
	len_scale = 0.9 / d.avgdl;
	{
		double best[PHRASES_MAX] = { 0 };

		for (int i = 0; i < k; i++) {
			double n, idf;

			if (q->have && (size_t)i < q->ndf && q->have[i]) {
				n = q->df[i];
			} else {
				n = phrase_df(x, tk, p, &ps.ph[i], &pl[i]);
				if (q->have && (size_t)i < q->ndf) {
					q->df[i] = n;
					q->have[i] = 1;
				}
			}
			if (n > rows)
				n = rows;
			idf = log(rows - n + 0.5) - log(n + 0.5);
			d.idf[i] = idf > 1e-6 ? idf : 1e-6;
			if (d.g.group[i] >= 0 && d.idf[i] > best[d.g.group[i]])
				best[d.g.group[i]] = d.idf[i];
		}
		for (int g = 0; g < PHRASES_MAX; g++)
			d.idf_sum += best[g];
		memcpy(d.gidf, best, sizeof(d.gidf));
	}
	for (int i = 0; i < ps.nph && i < PHRASES_MAX; i++)
		if (d.g.concept[i])
			con[ncon++] = i;
	nranked = q->want > 0 ? q->want : 1;
	hp.cap = (size_t)nranked;
	hp.n = 0;
	hp.h = pool_alloc(p, hp.cap * sizeof(*hp.h));
	hp.dn = pool_alloc(p, hp.cap * sizeof(*hp.dn));
	pc = pool_calloc(p, (size_t)ps.nph + 1, sizeof(*pc));
	rk = pool_calloc(p, (size_t)ps.nph + 1, sizeof(*rk));
	for (int i = 0; i < ps.nph && i < PHRASES_MAX; i++)
		if (ranked[i])
			rk[nrk++] = i;
	some_live = needs_live(ps.nodes, root, 0);	/* else every phrase the row has counts */
	rc = (struct rctx){ x, q, p, &ev, root, pl, &d, k, ncon, con, rk, nrk, some_live,
			    len_scale, pool_alloc(p, sizeof(struct rank_window)), NULL, 0, 0, 0,
			    { 0 }, 0, { 0 } };
	if (k >= 2 && !ncon && nrk == k && !some_live)
		all_there(&rc, ps.nodes, root);
	/* one ranked phrase that every match has, and many matches of its rows: its best
	 * rows first (walk), while they can still reach the page */
	if (k == 1 && !ncon && nrk == 1 && !some_live && (uint64_t)total >= x->walk_min &&
	    (uint64_t)total * 4 >= pl[0].n && must_have(ps.nodes, root, 0)) {
		struct order o;

		if (walk_order(&rc, &pl[0], &o)) {
			for (size_t w = 0; w < ev.words; w++)
				for (uint64_t bits = m[w]; bits; bits &= bits - 1)
					out->rowids[nr++] =
						x->rowid[w * 64 + (size_t)__builtin_ctzll(bits)];
			if (!walk(&rc, 0, &o, m, &hp, pc, (size_t)total / 4 + x->walk_slack))
				goto ranked;
			/* too many looked at: every match scored after all */
			hp.n = 0;
			nr = 0;
			memset(pc, 0, ((size_t)ps.nph + 1) * sizeof(*pc));
		}
	}
	/* groups of words not in every match: by phases, the rarest groups first */
	if (k >= 2 && !ncon && !some_live && d.g.ngroups >= 2 &&
	    (uint64_t)total >= x->walk_min && !every_group(ps.nodes, root, &d.g)) {
		for (size_t w = 0; w < ev.words; w++)
			for (uint64_t bits = m[w]; bits; bits &= bits - 1)
				out->rowids[nr++] = x->rowid[w * 64 + (size_t)__builtin_ctzll(bits)];
		if (!scan_phases(&rc, m, ev.words, &hp, pc, ps.nph))
			goto ranked;
		nr = 0;
	}
	/* every match counted, and scored unless a bound says it cannot reach the page */
	for (size_t w = 0; w < ev.words; w++) {
		for (uint64_t bits = m[w]; bits; bits &= bits - 1) {
			uint32_t dn = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(bits));
			double g;

			out->rowids[nr++] = x->rowid[dn];
			if (score_row(&rc, dn, pc, hp.n == hp.cap ? hp.h[0].score : -1.0, &g))
				offer(&hp, dn, x, g);
		}
	}
ranked:
	/* best first, ties by document; the score as ccrank gives it (lower is better) */
	{
		struct ranked *r = pool_alloc(p, (hp.n + 1) * sizeof(*r));

		for (size_t i = 0; i < hp.n; i++) {
			r[i].h = hp.h[i];
			r[i].dn = hp.dn[i];
		}
		qsort(r, hp.n, sizeof(*r), by_goodness);
		out->top = pool_alloc(p, (hp.n + 1) * sizeof(*out->top));
		for (size_t i = 0; i < hp.n; i++) {
			out->top[i] = r[i].h;
			out->top[i].score = -r[i].h.score;
		}
		out->ntop = hp.n;
	}
	out->scored = rc.scored;
	return 0;
}

/* ---- a row's instances (the snippet of a hit) ---- */

/* Whether the row matches node n, its phrases' presence given. */
static int row_has(const struct node *nodes, int n, const unsigned char *present)
{
	const struct node *nd = &nodes[n];

	switch (nd->type) {
	case N_PHRASE:
		return present[nd->phrase];
	case N_AND:
		return row_has(nodes, nd->a, present) && row_has(nodes, nd->b, present);
	case N_OR:
		return row_has(nodes, nd->a, present) || row_has(nodes, nd->b, present);
	case N_NOT:
		return row_has(nodes, nd->a, present) && !row_has(nodes, nd->b, present);
	}
	return 0;
}

/* The phrases FTS5 reports instances of in a row node n matches (as live_phrases). */
static void row_live(const struct node *nodes, int n, const unsigned char *present,
		     unsigned char *live)
{
	const struct node *nd = &nodes[n];

	switch (nd->type) {
	case N_PHRASE:
		live[nd->phrase] = present[nd->phrase];
		return;
	case N_AND:
		row_live(nodes, nd->a, present, live);
		row_live(nodes, nd->b, present, live);
		return;
	case N_NOT:
		row_live(nodes, nd->a, present, live);
		return;
	case N_OR:
		if (row_has(nodes, nd->a, present))
			row_live(nodes, nd->a, present, live);
		if (row_has(nodes, nd->b, present))
			row_live(nodes, nd->b, present, live);
		return;
	}
}

/* The positions of the forms at position j of q in document dn, merged, into *out
 * (count returned); *has: a form is in the document (a tag has no positions). */
static uint32_t row_forms(pool *p, const struct ix *x, const struct qtok *q, int j, uint32_t dn,
			  uint32_t **out, int *has)
{
	uint32_t n = 0, *v = NULL;

	for (int a = 0; a < q->nalt[j]; a++) {
		const struct ix_term *t = ix_term_get(x, q->alt[j][a], (size_t)q->altn[j][a]);
		struct plist l;
		const uint32_t *pos;
		uint32_t one, i, np, *m, k = 0, u = 0, w = 0;

		if (!t || !t->n)
			continue;
		l = from_term(t);
		if ((i = seek(&l, 0, dn)) >= l.n || l.doc[i] != dn)
			continue;
		*has = 1;
		np = ix_positions(t, i, &pos, &one);
		m = pool_alloc(p, ((size_t)n + np + 1) * sizeof(*m));
		while (u < n || w < np) {	/* merged, once each */
			uint32_t val = w >= np || (u < n && v[u] <= pos[w]) ? v[u++] : pos[w++];

			if (!k || m[k - 1] != val)
				m[k++] = val;
		}
		v = m;
		n = k;
	}
	*out = v;
	return n;
}

int ix_instances(const struct ix *x, const struct ix_tokenizer *tk, pool *p, const char *match,
		 int64_t rowid, int col, struct ix_inst **out, size_t *nout, const char **why)
{
	struct parser ps;
	unsigned char *present, *live;
	uint32_t **starts, *nstarts;
	int *size, root;
	int64_t dn = ix_find(x, rowid);
	size_t n = 0, cap = 0;
	struct ix_inst *in = NULL;

	*out = NULL;
	*nout = 0;
	if (dn < 0) {
		*why = "the row is not in the index";
		return 1;
	}
	if ((root = parse(&ps, p, match)) < 0) {
		*why = ps.why;
		return 1;
	}
	present = pool_calloc(p, (size_t)ps.nph + 1, 1);
	live = pool_calloc(p, (size_t)ps.nph + 1, 1);
	starts = pool_calloc(p, (size_t)ps.nph + 1, sizeof(*starts));
	nstarts = pool_calloc(p, (size_t)ps.nph + 1, sizeof(*nstarts));
	size = pool_calloc(p, (size_t)ps.nph + 1, sizeof(*size));
	for (int i = 0; i < ps.nph; i++) {
		const struct pstr *s = &ps.ph[i];
		struct qtok q;
		uint32_t **pos, *npos;

		if (s->prefix) {
			*why = "a prefix";
			return 1;
		}
		memset(&q, 0, sizeof(q));
		q.p = p;
		q.x = x;
		if (tk->tokenize(tk->tok, &q, FTS5_TOKENIZE_QUERY, s->text, s->len,
				 on_query_token) != SQLITE_OK || q.over) {
			*why = "a phrase it cannot tokenize";
			return 1;
		}
		size[i] = q.npos;
		if (!q.npos)
			continue;
		pos = pool_calloc(p, (size_t)q.npos, sizeof(*pos));
		npos = pool_calloc(p, (size_t)q.npos, sizeof(*npos));
		for (int j = 0; j < q.npos; j++) {
			int has = 0;

			npos[j] = row_forms(p, x, &q, j, (uint32_t)dn, &pos[j], &has);
			if (q.npos == 1)
				present[i] = (unsigned char)has;	/* a tag too */
		}
		starts[i] = pool_alloc(p, ((size_t)npos[0] + 1) * sizeof(**starts));
		for (uint32_t a = 0; a < npos[0]; a++) {
			int ok = 1;

			for (int j = 1; j < q.npos && ok; j++)
				ok = has_pos(pos[j], npos[j], pos[0][a] + (uint32_t)j);
			if (ok)
				starts[i][nstarts[i]++] = pos[0][a];
		}
		if (q.npos > 1)
			present[i] = nstarts[i] > 0;
	}
	if (!row_has(ps.nodes, root, present)) {
		*why = "the row does not match";
		return 1;
	}
	row_live(ps.nodes, root, present, live);
	/* the instances in column col, by offset, then phrase (as FTS5 gives them) */
	for (;;) {
		int best = -1;
		uint32_t bo = 0;

		for (int i = 0; i < ps.nph; i++) {
			while (live[i] && nstarts[i] && (int)(starts[i][0] >> IX_OFF_BITS) < col) {
				starts[i]++;
				nstarts[i]--;
			}
			if (!live[i] || !nstarts[i] || (int)(starts[i][0] >> IX_OFF_BITS) != col)
				continue;
			if (best < 0 || starts[i][0] < bo) {
				best = i;
				bo = starts[i][0];
			}
		}
		if (best < 0)
			break;
		if (n == cap) {
			struct ix_inst *more;

			cap = cap * 2 + 16;
			more = pool_alloc(p, cap * sizeof(*more));
			if (n)
				memcpy(more, in, n * sizeof(*in));
			in = more;
		}
		in[n++] = (struct ix_inst){ best, (int)(bo & ((1u << IX_OFF_BITS) - 1)), size[best] };
		starts[best]++;
		nstarts[best]--;
	}
	*out = in;
	*nout = n;
	return 0;
}
