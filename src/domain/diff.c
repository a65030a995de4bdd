#include "domain/diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

/* ---- tokens ---- */

enum tok_class { TOK_WORD, TOK_SPACE, TOK_PUNCT, TOK_CJK };

#define NOT_UTF8 UTF8_INVALID


static enum tok_class classify(uint32_t c)
{
	if (c < 0x80) {
		if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return TOK_WORD;
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			return TOK_SPACE;
		return TOK_PUNCT;
	}
	if (c < 0x100) {
		if (c == 0xa0)
			return TOK_SPACE;
		if (c >= 0xa1 && c <= 0xbf)
			return TOK_PUNCT;
		return TOK_WORD;
	}
	if ((c >= 0x2000 && c <= 0x200a) || c == 0x202f || c == 0x205f || c == 0x3000)
		return TOK_SPACE;
	if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e))
		return TOK_PUNCT;
	if ((c >= 0x3001 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xff00 && c <= 0xffef))
		return TOK_CJK;
	return TOK_WORD;
}

/* Length of the token at s[0..len) (len >= 1) and its class. */
static size_t token(const unsigned char *s, size_t len, enum tok_class *cls)
{
	size_t n, i;
	enum tok_class k = classify(utf8_decode(s, len, &n));

	*cls = k;
	if (k == TOK_PUNCT || k == TOK_CJK)
		return n;
	for (i = n; i < len; i += n)
		if (classify(utf8_decode(s + i, len - i, &n)) != k)
			break;
	return i;
}

/* ---- one text as a sequence of interned tokens ---- */

struct toks {
	uint32_t *id;		/* token ids: equal ids, equal bytes */
	uint32_t *off;		/* byte offset of each token, off[n] = length */
	size_t n;
	uint32_t *wid, *wpos;	/* ids and indexes of the tokens that are not space */
	size_t nw;
};

struct slot {
	uint64_t hash;
	const char *p;
	uint32_t len, id;	/* id 0: empty slot */
};

struct intern {
	struct slot *t;
	size_t mask;
	uint32_t next;
};

static uint64_t fnv(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3ull;
	return h;
}

static uint32_t intern_id(struct intern *in, const char *p, uint32_t len)
{
	uint64_t h = fnv(p, len);
	size_t i = (size_t)h & in->mask;

	for (;; i = (i + 1) & in->mask) {
		struct slot *s = &in->t[i];

		if (!s->id) {
			s->hash = h, s->p = p, s->len = len, s->id = ++in->next;
			return s->id;
		}
		if (s->hash == h && s->len == len && !memcmp(s->p, p, len))
			return s->id;
	}
}

static void toks_split(struct toks *t, const char *s, size_t len, struct intern *in)
{
	size_t cap = len + 1, i = 0;

	t->id = xmalloc(cap * sizeof(*t->id));
	t->off = xmalloc((cap + 1) * sizeof(*t->off));
	t->wid = xmalloc(cap * sizeof(*t->wid));
	t->wpos = xmalloc(cap * sizeof(*t->wpos));
	t->n = t->nw = 0;
	while (i < len) {
		enum tok_class cls;
		size_t k = token((const unsigned char *)s + i, len - i, &cls);

		t->off[t->n] = (uint32_t)i;
		t->id[t->n] = intern_id(in, s + i, (uint32_t)k);
		if (cls != TOK_SPACE) {
			t->wid[t->nw] = t->id[t->n];
			t->wpos[t->nw++] = (uint32_t)t->n;
		}
		t->n++;
		i += k;
	}
	t->off[t->n] = (uint32_t)len;
}

static void toks_release(struct toks *t)
{
	free(t->id);
	free(t->off);
	free(t->wid);
	free(t->wpos);
}

/* ---- Myers' algorithm ---- */

/* An edit script: runs of tokens kept, deleted or inserted. */
struct script {
	struct edit {
		enum diff_kind kind;
		int n;
	} *ed;
	size_t n, cap;
};

struct run {
	const uint32_t *a, *b;
	struct script sc;
	int *v1, *v2;		/* bisect scratch, vlen each */
	int vlen;
	uint64_t work;
	int over;		/* a bound was hit: give up */
};

static void push(struct script *sc, enum diff_kind kind, int n)
{
	if (n <= 0)
		return;
	if (sc->n && sc->ed[sc->n - 1].kind == kind) {
		sc->ed[sc->n - 1].n += n;
		return;
	}
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? 2 * sc->cap : 64;
		sc->ed = xrealloc(sc->ed, sc->cap * sizeof(*sc->ed));
	}
	sc->ed[sc->n].kind = kind;
	sc->ed[sc->n++].n = n;
}

/* One step of bisect on diagonal k of v (at index koff) in round d: from the better
 * neighbour, then down the snake of equal tokens, a and b read from their ends when
 * rev. The x reached, or -1 when the work budget ran out. */
static int snake(struct run *r, const int *v, int koff, int k, int d, const uint32_t *a,
		 int N, const uint32_t *b, int M, int rev)
{
	int x, y;

	if (k == -d || (k != d && v[koff - 1] < v[koff + 1]))
		x = v[koff + 1];
	else
		x = v[koff - 1] + 1;
	y = x - k;
	r->work++;
	while (x < N && y < M && (rev ? a[N - x - 1] == b[M - y - 1] : a[x] == b[y]))
		x++, y++, r->work++;
	return r->work > DIFF_MAX_WORK ? -1 : x;
}

/* Find the middle snake of a[a0..a0+N) against b[b0..b0+M) (both non-empty, their
 * first and last tokens differ) and put a point on it in *sx, *sy: the script splits
 * there into two of about half the cost. -1 when the cost is over the bound (the
 * search stops at d = vlen/2 - 1) or the work budget ran out. After
 * diff_match_patch's bisect (Neil Fraser), itself after Myers 1986 section 4b. */
static int bisect(struct run *r, int a0, int N, int b0, int M, int *sx, int *sy)
{
	const uint32_t *a = r->a + a0, *b = r->b + b0;
	int max_d = (N + M + 1) / 2 + 1, off, delta = N - M, front = (N - M) & 1;
	int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
	int *v1 = r->v1, *v2 = r->v2;

	if (max_d > r->vlen / 2 - 1)
		max_d = r->vlen / 2 - 1;
	off = max_d;
	for (int i = 0; i < 2 * max_d + 2; i++)
		v1[i] = v2[i] = -1;
	v1[off + 1] = v2[off + 1] = 0;
	for (int d = 0; d < max_d; d++) {
		for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
			int k1off = off + k1, x1 = snake(r, v1, k1off, k1, d, a, N, b, M, 0), y1;

			if (x1 < 0)
				return -1;
			y1 = x1 - k1;
			v1[k1off] = x1;
			if (x1 > N) {
				k1end += 2;
			} else if (y1 > M) {
				k1start += 2;
			} else if (front) {
				int k2off = off + delta - k1;

				if (k2off >= 0 && k2off < 2 * max_d + 2 && v2[k2off] != -1 &&
				    x1 >= N - v2[k2off]) {
					*sx = x1, *sy = y1;
					return 0;
				}
			}
		}
		for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
			int k2off = off + k2, x2 = snake(r, v2, k2off, k2, d, a, N, b, M, 1), y2;

			if (x2 < 0)
				return -1;
			y2 = x2 - k2;
			v2[k2off] = x2;
			if (x2 > N) {
				k2end += 2;
			} else if (y2 > M) {
				k2start += 2;
			} else if (!front) {
				int k1off = off + delta - k2;

				if (k1off >= 0 && k1off < 2 * max_d + 2 && v1[k1off] != -1) {
					int x1 = v1[k1off], y1 = off + x1 - k1off;

					if (x1 >= N - x2) {
						*sx = x1, *sy = y1;
						return 0;
					}
				}
			}
		}
	}
	return -1;
}

/* The edit script of a[a0..a1) against b[b0..b1), appended to r->sc. */
static void diff_rec(struct run *r, int a0, int a1, int b0, int b1, int depth)
{
	int pre = 0, suf = 0, x, y;

	if (r->over)
		return;
	while (a0 < a1 && b0 < b1 && r->a[a0] == r->b[b0])
		a0++, b0++, pre++;
	while (a0 < a1 && b0 < b1 && r->a[a1 - 1] == r->b[b1 - 1])
		a1--, b1--, suf++;
	r->work += (uint64_t)pre + (uint64_t)suf;
	push(&r->sc, DIFF_SAME, pre);
	if (a0 == a1) {
		push(&r->sc, DIFF_INS, b1 - b0);
	} else if (b0 == b1) {
		push(&r->sc, DIFF_DEL, a1 - a0);
	} else if (depth > 64 || bisect(r, a0, a1 - a0, b0, b1 - b0, &x, &y) ||
		   (x == 0 && y == 0) || (x == a1 - a0 && y == b1 - b0)) {
		r->over = 1;	/* over a bound (the last two cannot happen) */
		return;
	} else {
		diff_rec(r, a0, a0 + x, b0, b0 + y, depth + 1);
		diff_rec(r, a0 + x, a1, b0 + y, b1, depth + 1);
	}
	push(&r->sc, DIFF_SAME, suf);
}

/* Put the changes between a[a0..a1) and b[b0..b1) into sc: common tokens at both
 * ends kept, the rest deleted and inserted. */
static void gap(struct script *sc, const struct toks *ta, const struct toks *tb, int a0,
		int a1, int b0, int b1)
{
	int pre = 0, suf = 0;

	while (a0 + pre < a1 && b0 + pre < b1 && ta->id[a0 + pre] == tb->id[b0 + pre])
		pre++;
	while (a0 + pre < a1 - suf && b0 + pre < b1 - suf &&
	       ta->id[a1 - 1 - suf] == tb->id[b1 - 1 - suf])
		suf++;
	push(sc, DIFF_SAME, pre);
	push(sc, DIFF_DEL, a1 - a0 - pre - suf);
	push(sc, DIFF_INS, b1 - b0 - pre - suf);
	push(sc, DIFF_SAME, suf);
}

/* The script of all tokens from the script red of the tokens that are not space:
 * the space between two kept tokens is kept when equal, else replaced; the space
 * around changed tokens goes with them, less what is common at the ends. */
static void widen(const struct script *red, const struct toks *ta, const struct toks *tb,
		  struct script *full)
{
	int ia = 0, ib = 0, wa = 0, wb = 0;

	for (size_t k = 0; k < red->n; k++) {
		const struct edit *ed = &red->ed[k];

		if (ed->kind == DIFF_DEL) {
			wa += ed->n;
			continue;
		}
		if (ed->kind == DIFF_INS) {
			wb += ed->n;
			continue;
		}
		for (int m = 0; m < ed->n; m++, wa++, wb++) {
			int fa = (int)ta->wpos[wa], fb = (int)tb->wpos[wb];

			gap(full, ta, tb, ia, fa, ib, fb);
			push(full, DIFF_SAME, 1);
			ia = fa + 1, ib = fb + 1;
		}
	}
	gap(full, ta, tb, ia, (int)ta->n, ib, (int)tb->n);
}

/* ---- from the edit script to ops ---- */

/* A stretch of both texts: equal (SAME) or a change (DEL of a_n tokens, INS of b_n). */
struct seg {
	int same;
	int a0, an, b0, bn;
};

/* Append a stretch to segs, merging it with the last one of its kind. */
static void seg_add(struct seg *segs, size_t *nseg, struct seg s)
{
	struct seg *last = *nseg ? &segs[*nseg - 1] : NULL;

	if (s.an == 0 && s.bn == 0)
		return;
	if (last && last->same == s.same) {
		last->an += s.an, last->bn += s.bn;
		return;
	}
	segs[(*nseg)++] = s;
}

static void emit(struct diff_op *ops, size_t *n, enum diff_kind kind, const char *base,
		 const struct toks *t, int from, int count)
{
	if (count <= 0)
		return;
	ops[*n].kind = kind;
	ops[*n].text = base + t->off[from];
	ops[*n].len = t->off[from + count] - t->off[from];
	(*n)++;
}

int diff_words(pool *p, const char *a, const char *b, struct diff_op **ops, size_t *n,
	       struct err *e)
{
	size_t alen, blen, nseg = 0, size;
	struct toks ta = { 0 }, tb = { 0 };
	struct intern in = { 0 };
	struct run r = { 0 };
	struct script full = { 0 };
	struct seg *segs = NULL;
	int rc = ERR_OK, i, j;

	*ops = NULL;
	*n = 0;
	a = a ? a : "";
	b = b ? b : "";
	alen = strlen(a);
	blen = strlen(b);
	if (alen > DIFF_MAX_INPUT || blen > DIFF_MAX_INPUT) {
		rc = err_set(e, ERR_TOOLARGE, "a text to compare is longer than %d bytes",
			     DIFF_MAX_INPUT);
		goto cleanup;
	}
	for (size = 64; size < 2 * (alen + blen + 1); size *= 2)
		;
	in.t = xcalloc(size, sizeof(*in.t));
	in.mask = size - 1;
	toks_split(&ta, a, alen, &in);
	toks_split(&tb, b, blen, &in);

	/* the words and punctuation first, then the space between them */
	r.a = ta.wid, r.b = tb.wid;
	r.vlen = 2 * (DIFF_MAX_EDITS / 2 + 2) + 2;
	r.v1 = xmalloc(2 * (size_t)r.vlen * sizeof(int));
	r.v2 = r.v1 + r.vlen;
	diff_rec(&r, 0, (int)ta.nw, 0, (int)tb.nw, 0);
	if (r.over) {	/* the middle replaced as a whole */
		int pre = 0, suf = 0, na = (int)ta.nw, nb = (int)tb.nw;

		while (pre < na && pre < nb && ta.wid[pre] == tb.wid[pre])
			pre++;
		while (suf < na - pre && suf < nb - pre &&
		       ta.wid[na - 1 - suf] == tb.wid[nb - 1 - suf])
			suf++;
		r.sc.n = 0;
		push(&r.sc, DIFF_SAME, pre);
		push(&r.sc, DIFF_DEL, na - pre - suf);
		push(&r.sc, DIFF_INS, nb - pre - suf);
		push(&r.sc, DIFF_SAME, suf);
	}
	widen(&r.sc, &ta, &tb, &full);

	segs = xmalloc((full.n + 1) * sizeof(*segs));
	i = j = 0;
	for (size_t k = 0; k < full.n; k++) {
		struct seg s = { full.ed[k].kind == DIFF_SAME, i, 0, j, 0 };

		if (full.ed[k].kind != DIFF_INS)
			s.an = full.ed[k].n;
		if (full.ed[k].kind != DIFF_DEL)
			s.bn = full.ed[k].n;
		i += s.an, j += s.bn;
		seg_add(segs, &nseg, s);
	}
	if (i != (int)ta.n || j != (int)tb.n) {	/* cannot happen */
		rc = err_set(e, ERR_INTERNAL, "diff: edit script does not cover the texts");
		goto cleanup;
	}

	*ops = pool_calloc(p, 2 * nseg + 1, sizeof(**ops));
	for (size_t k = 0; k < nseg; k++) {
		if (segs[k].same) {
			emit(*ops, n, DIFF_SAME, a, &ta, segs[k].a0, segs[k].an);
		} else {
			emit(*ops, n, DIFF_DEL, a, &ta, segs[k].a0, segs[k].an);
			emit(*ops, n, DIFF_INS, b, &tb, segs[k].b0, segs[k].bn);
		}
	}
	if (!*n)
		*ops = NULL;

cleanup:
	free(segs);
	free(full.ed);
	free(r.sc.ed);
	free(r.v1);
	free(in.t);
	toks_release(&ta);
	toks_release(&tb);
	return rc;
}

static size_t count_words(const char *s, size_t len)
{
	size_t words = 0;

	for (size_t i = 0; i < len;) {
		enum tok_class cls;

		i += token((const unsigned char *)s + i, len - i, &cls);
		words += cls == TOK_WORD || cls == TOK_CJK;
	}
	return words;
}

int diff_stats(const struct diff_op *ops, size_t n, size_t *inserted_words,
	       size_t *deleted_words)
{
	size_t ins = 0, del = 0;

	if (!ops && n)
		return ERR_INVALID;
	for (size_t i = 0; i < n; i++) {
		if (ops[i].kind == DIFF_INS)
			ins += count_words(ops[i].text, ops[i].len);
		else if (ops[i].kind == DIFF_DEL)
			del += count_words(ops[i].text, ops[i].len);
	}
	if (inserted_words)
		*inserted_words = ins;
	if (deleted_words)
		*deleted_words = del;
	return ERR_OK;
}

/* Skip white space at *s (advancing it); whether there was any. */
static int skip_space(const unsigned char **s, const unsigned char *end)
{
	const unsigned char *start = *s;

	while (*s < end) {
		size_t n;

		if (classify(utf8_decode(*s, (size_t)(end - *s), &n)) != TOK_SPACE)
			break;
		*s += n;
	}
	return *s != start;
}

enum diff_change diff_classify(const char *a, const char *b)
{
	const unsigned char *p, *q, *pe, *qe;

	if (!a && !b)
		return DIFF_UNCHANGED;
	if (!a)
		return DIFF_ADDED;
	if (!b)
		return DIFF_REMOVED;
	p = (const unsigned char *)a, pe = p + strlen(a);
	q = (const unsigned char *)b, qe = q + strlen(b);
	skip_space(&p, pe);
	skip_space(&q, qe);
	for (;;) {
		int sp = skip_space(&p, pe), sq = skip_space(&q, qe);
		size_t np, nq;

		if (p == pe && q == qe)
			return DIFF_UNCHANGED;
		if (p == pe || q == qe || sp != sq)
			return DIFF_CHANGED;
		utf8_decode(p, (size_t)(pe - p), &np);
		utf8_decode(q, (size_t)(qe - q), &nq);
		if (np != nq || memcmp(p, q, np))
			return DIFF_CHANGED;
		p += np, q += nq;
	}
}

const char *diff_change_name(enum diff_change c)
{
	static const char *const names[] = { "unchanged", "added", "removed", "changed" };

	return (unsigned)c < sizeof(names) / sizeof(names[0]) ? names[c] : "changed";
}
