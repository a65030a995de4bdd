/* The search index in memory: documents, terms and postings (see ix.h). */
#include "store/sqlite/ix.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct ix_tuning ix_tuning = { IX_IMPACT_MIN, IX_WALK_MIN, IX_WALK_MIN };

struct ix *ix_new(void)
{
	struct ix *x = xcalloc(1, sizeof(struct ix));

	x->impact_min = ix_tuning.impact_min;
	x->walk_min = ix_tuning.walk_min;
	x->walk_slack = ix_tuning.walk_slack;
	pthread_mutex_init(&x->ulock, NULL);
	return x;
}

static void drop_unions(struct ix *x, int all)
{
	struct ix_union **pu = &x->unions;

	while (*pu) {
		struct ix_union *u = *pu;
		uint32_t later = x->ndocs - u->ndocs;

		if (!all && (later <= IX_IMPACT_MIN || later <= u->n / 8)) {
			pu = &u->next;
			continue;
		}
		*pu = u->next;
		free(u->dn);
		free(u->wg);
		free(u);
		x->nunions--;
	}
}

static void drop_impacts(struct ix_term *t)
{
	free(t->imp);
	free(t->wg);
	t->imp = NULL;
	t->wg = NULL;
	t->nimp = t->nwg = 0;
}

static void free_terms(struct ix *x)
{
	for (uint32_t i = 0; i < x->nterms; i++) {
		free(x->terms[i].doc);
		free(x->terms[i].slot);
		free(x->terms[i].more);
		drop_impacts(&x->terms[i]);
	}
	free(x->terms);
}

void ix_free(struct ix *x)
{
	if (!x)
		return;
	drop_unions(x, 1);
	pthread_mutex_destroy(&x->ulock);
	free_terms(x);
	free(x->thash);
	free(x->chars);
	free(x->rowid);
	free(x->record);
	free(x->len);
	free(x->alive);
	free(x->map);
	free(x);
}

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static uint64_t hash_id(int64_t id)
{
	uint64_t h = (uint64_t)id * 0x9e3779b97f4a7c15ull;

	return h ^ (h >> 29);
}

/* ---- row id -> document number ---- */

static size_t map_slot(const struct ix *x, int64_t rowid)
{
	size_t k = hash_id(rowid) & (x->mapcap - 1);

	while (x->map[k] && x->rowid[x->map[k] - 1] != rowid)
		k = (k + 1) & (x->mapcap - 1);
	return k;
}

static void map_grow(struct ix *x)
{
	uint32_t *old = x->map;
	size_t oldcap = x->mapcap;

	x->mapcap = oldcap ? oldcap * 2 : 1024;
	x->map = xcalloc(x->mapcap, sizeof(*x->map));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i])
			x->map[map_slot(x, x->rowid[old[i] - 1])] = old[i];
	free(old);
}

int64_t ix_find(const struct ix *x, int64_t rowid)
{
	size_t k;

	if (!x->mapcap)
		return -1;
	k = map_slot(x, rowid);
	if (!x->map[k] || !(x->alive[(x->map[k] - 1) >> 6] >> ((x->map[k] - 1) & 63) & 1))
		return -1;
	return x->map[k] - 1;
}

/* ---- terms ---- */

static void thash_grow(struct ix *x)
{
	free(x->thash);
	x->thcap = x->thcap ? x->thcap * 2 : 4096;
	x->thash = xcalloc(x->thcap, sizeof(*x->thash));
	for (uint32_t i = 0; i < x->nterms; i++) {
		const struct ix_term *t = &x->terms[i];
		size_t k = hash_bytes(x->chars + t->key, t->len) & (x->thcap - 1);

		while (x->thash[k])
			k = (k + 1) & (x->thcap - 1);
		x->thash[k] = i + 1;
	}
}

static size_t term_slot(const struct ix *x, const char *s, size_t n)
{
	size_t k = hash_bytes(s, n) & (x->thcap - 1);

	while (x->thash[k]) {
		const struct ix_term *t = &x->terms[x->thash[k] - 1];

		if (t->len == n && !memcmp(x->chars + t->key, s, n))
			break;
		k = (k + 1) & (x->thcap - 1);
	}
	return k;
}

const struct ix_term *ix_term_get(const struct ix *x, const char *s, size_t n)
{
	size_t k;

	if (!x->thcap)
		return NULL;
	k = term_slot(x, s, n);
	return x->thash[k] ? &x->terms[x->thash[k] - 1] : NULL;
}

/* The index of the term s[0..n), added when new. */
static uint32_t term_id(struct ix *x, const char *s, size_t n)
{
	size_t k;

	if (!x->thcap || (size_t)x->nterms * 2 >= x->thcap)
		thash_grow(x);
	k = term_slot(x, s, n);
	if (x->thash[k])
		return x->thash[k] - 1;
	if (x->nterms == x->capterms) {
		x->capterms = x->capterms ? x->capterms * 2 : 1024;
		x->terms = xrealloc(x->terms, x->capterms * sizeof(*x->terms));
	}
	if (x->nchars + n > x->capchars) {
		x->capchars = (x->nchars + n) * 2 + 4096;
		x->chars = xrealloc(x->chars, x->capchars);
	}
	memcpy(x->chars + x->nchars, s, n);
	memset(&x->terms[x->nterms], 0, sizeof(x->terms[0]));
	x->terms[x->nterms].key = (uint32_t)x->nchars;
	x->terms[x->nterms].len = (uint32_t)n;
	x->nchars += n;
	x->thash[k] = x->nterms + 1;
	return x->nterms++;
}

uint32_t ix_term_df(const struct ix *x, const struct ix_term *t)
{
	uint32_t n = 0;

	if (x->nalive == x->ndocs)
		return t->n;
	for (uint32_t i = 0; i < t->n; i++)
		n += x->alive[t->doc[i] >> 6] >> (t->doc[i] & 63) & 1;
	return n;
}

uint32_t ix_positions(const struct ix_term *t, uint32_t i, const uint32_t **pos,
		      uint32_t *one)
{
	uint32_t s;

	if (!t->slot)
		return 0;
	s = t->slot[i];
	if (s & IX_INLINE) {
		*one = s & ~IX_INLINE;
		*pos = one;
		return 1;
	}
	*pos = t->more + s + 2;
	return t->more[s];
}

/* ---- adding a row ---- */

struct tok {
	uint32_t term, pos;
};

struct addctx {
	struct ix *x;
	struct tok *t;
	size_t n, cap;
	int col, size;		/* the column, its tokens so far */
	uint32_t tokens;	/* the row's */
};

static int on_doc_token(void *p, int tflags, const char *tok, int ntok, int start, int end)
{
	struct addctx *c = p;

	(void)start;
	(void)end;
	if (ntok <= 0)
		return SQLITE_OK;
	if (ntok > IX_TOKEN_MAX)
		ntok = IX_TOKEN_MAX;
	/* FTS5: a token counts (and takes the next position) unless colocated */
	if (!(tflags & FTS5_TOKEN_COLOCATED) || c->size == 0) {
		c->size++;
		c->tokens++;
	}
	if ((uint32_t)(c->size - 1) >= IX_OFF_MAX)
		return SQLITE_OK;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->t = xrealloc(c->t, c->cap * sizeof(*c->t));
	}
	c->t[c->n].term = term_id(c->x, tok, (size_t)ntok);
	c->t[c->n++].pos = (uint32_t)c->col << IX_OFF_BITS | (uint32_t)(c->size - 1);
	return SQLITE_OK;
}

static int by_term_pos(const void *a, const void *b)
{
	const struct tok *x = a, *y = b;

	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static void docs_grow(struct ix *x)
{
	uint32_t cap = x->cap ? x->cap * 2 : 1024;

	x->rowid = xrealloc(x->rowid, cap * sizeof(*x->rowid));
	x->record = xrealloc(x->record, cap * sizeof(*x->record));
	x->len = xrealloc(x->len, cap * sizeof(*x->len));
	x->alive = xrealloc(x->alive, (cap / 64) * sizeof(*x->alive));
	memset(x->alive + x->cap / 64, 0, (cap - x->cap) / 64 * sizeof(*x->alive));
	x->cap = cap;
}

/* Append the postings of the row's tokens t[0..n) (sorted) for document dn. */
static void post(struct ix *x, uint32_t dn, const struct tok *t, size_t n)
{
	for (size_t i = 0; i < n;) {
		struct ix_term *tm = &x->terms[t[i].term];
		int tag = x->chars[tm->key] == IX_MARK;
		size_t j = i, k;

		while (j < n && t[j].term == t[i].term)
			j++;
		if (tm->n == tm->cap) {
			tm->cap = tm->cap ? tm->cap * 2 : 4;
			tm->doc = xrealloc(tm->doc, tm->cap * sizeof(*tm->doc));
			if (!tag)
				tm->slot = xrealloc(tm->slot, tm->cap * sizeof(*tm->slot));
		}
		tm->doc[tm->n] = dn;
		if (!tag) {
			/* positions without repeats */
			size_t np = 1;

			for (k = i + 1; k < j; k++)
				np += t[k].pos != t[k - 1].pos;
			if (np == 1) {
				tm->slot[tm->n] = t[i].pos | IX_INLINE;
			} else {
				uint32_t wf = 0;

				if (tm->nmore + np + 2 > tm->capmore) {
					tm->capmore = (tm->nmore + (uint32_t)np + 2) * 2;
					tm->more = xrealloc(tm->more, tm->capmore * sizeof(*tm->more));
				}
				tm->slot[tm->n] = tm->nmore;
				tm->more[tm->nmore++] = (uint32_t)np;
				tm->nmore++;	/* the weight, below */
				for (k = i; k < j; k++)
					if (k == i || t[k].pos != t[k - 1].pos) {
						tm->more[tm->nmore++] = t[k].pos;
						wf += rank_col_halves[t[k].pos >> IX_OFF_BITS];
					}
				tm->more[tm->slot[tm->n] + 1] = wf;
			}
		}
		tm->n++;
		i = j;
	}
}

int ix_add(struct ix *x, const struct ix_tokenizer *t, int64_t rowid, int64_t record,
	   const char *const col[IX_COLS], const int n[IX_COLS])
{
	struct addctx c = { x, NULL, 0, 0, 0, 0, 0 };
	uint32_t dn;
	int rc = 0;

	ix_remove(x, rowid);
	for (int i = 0; i < IX_COLS && !rc; i++) {
		c.col = i;
		c.size = 0;
		if (col[i] && t->tokenize(t->tok, &c, FTS5_TOKENIZE_DOCUMENT, col[i], n[i],
					  on_doc_token) != SQLITE_OK)
			rc = -1;
	}
	if (rc) {
		free(c.t);
		return -1;
	}
	if (x->ndocs == x->cap)
		docs_grow(x);
	if (!x->mapcap || ((size_t)x->ndocs + 1) * 2 >= x->mapcap)
		map_grow(x);
	dn = x->ndocs++;
	x->rowid[dn] = rowid;
	x->record[dn] = record;
	x->len[dn] = c.tokens;
	x->alive[dn >> 6] |= 1ull << (dn & 63);
	x->nalive++;
	x->total += c.tokens;
	x->map[map_slot(x, rowid)] = dn + 1;
	if (c.n > 1)
		qsort(c.t, c.n, sizeof(*c.t), by_term_pos);
	post(x, dn, c.t, c.n);
	free(c.t);
	return 0;
}

void ix_remove(struct ix *x, int64_t rowid)
{
	int64_t dn = ix_find(x, rowid);

	if (dn < 0)
		return;
	x->alive[dn >> 6] &= ~(1ull << (dn & 63));
	x->nalive--;
	x->total -= x->len[dn];
}

void ix_compact(struct ix *x)
{
	uint32_t *to = xmalloc(((size_t)x->ndocs + 1) * sizeof(*to)), n = 0;

	drop_unions(x, 1);
	for (uint32_t d = 0; d < x->ndocs; d++) {
		to[d] = n;
		if (x->alive[d >> 6] >> (d & 63) & 1) {
			x->rowid[n] = x->rowid[d];
			x->record[n] = x->record[d];
			x->len[n] = x->len[d];
			n++;
		}
	}
	for (uint32_t i = 0; i < x->nterms; i++) {
		struct ix_term *t = &x->terms[i];
		uint32_t *more = NULL, nmore = 0, k = 0;

		if (t->slot && t->nmore) {
			more = xmalloc(t->nmore * sizeof(*more));
		}
		for (uint32_t j = 0; j < t->n; j++) {
			uint32_t d = t->doc[j];

			if (!(x->alive[d >> 6] >> (d & 63) & 1))
				continue;
			t->doc[k] = to[d];
			if (t->slot) {
				uint32_t s = t->slot[j];

				if (!(s & IX_INLINE)) {
					memcpy(more + nmore, t->more + s, (t->more[s] + 2) * sizeof(*more));
					s = nmore;
					nmore += t->more[t->slot[j]] + 2;
				}
				t->slot[k] = s;
			}
			k++;
		}
		t->n = k;
		free(t->more);
		t->more = more;
		t->nmore = t->capmore = nmore;
	}
	if (x->cap)
		memset(x->alive, 0, (x->cap / 64) * sizeof(*x->alive));
	for (uint32_t d = 0; d < n; d++)
		x->alive[d >> 6] |= 1ull << (d & 63);
	x->ndocs = x->nalive = n;
	if (x->mapcap)
		memset(x->map, 0, x->mapcap * sizeof(*x->map));
	for (uint32_t d = 0; d < n; d++)
		x->map[map_slot(x, x->rowid[d])] = d + 1;
	free(to);
	ix_shrink(x);
}

/* The impact order of n items (weight w[i], length len[i]) into perm (item numbers):
 * two stable counting sorts, by capped length, then by capped weight, heaviest first,
 * so that items of one weight and length stay in their order; its groups of one
 * weight into *wg (then one past the last) and *nwg. */
static void sort_impacts(uint32_t n, const uint32_t *w, const uint32_t *len, uint32_t *perm,
			 struct ix_wgroup **wg, uint32_t *nwg)
{
	uint32_t *by_len = xmalloc(((size_t)n + 1) * sizeof(*by_len));
	uint32_t *cnt = xcalloc(IX_IMPACT_LEN + 2, sizeof(*cnt)), ng = 0;
	struct ix_wgroup *g;

	for (uint32_t i = 0; i < n; i++)
		cnt[(len[i] < IX_IMPACT_LEN ? len[i] : IX_IMPACT_LEN) + 1]++;
	for (uint32_t l = 1; l <= IX_IMPACT_LEN + 1; l++)
		cnt[l] += cnt[l - 1];
	for (uint32_t i = 0; i < n; i++)
		by_len[cnt[len[i] < IX_IMPACT_LEN ? len[i] : IX_IMPACT_LEN]++] = i;
	memset(cnt, 0, (IX_IMPACT_WF + 2) * sizeof(*cnt));
	for (uint32_t i = 0; i < n; i++)
		cnt[IX_IMPACT_WF - (w[i] < IX_IMPACT_WF ? w[i] : IX_IMPACT_WF) + 1]++;
	for (uint32_t k = 0; k <= IX_IMPACT_WF; k++)
		ng += cnt[k + 1] > 0;
	g = xmalloc(((size_t)ng + 1) * sizeof(*g));
	ng = 0;
	for (uint32_t k = 0; k <= IX_IMPACT_WF; k++) {
		if (cnt[k + 1]) {
			g[ng].start = cnt[k];
			g[ng++].wmax = IX_IMPACT_WF - k;
		}
		cnt[k + 1] += cnt[k];
	}
	g[ng].start = n;
	g[ng].wmax = 0;
	for (uint32_t j = 0; j < n; j++) {
		uint32_t i = by_len[j];

		perm[cnt[IX_IMPACT_WF - (w[i] < IX_IMPACT_WF ? w[i] : IX_IMPACT_WF)]++] = i;
		if (w[i] > IX_IMPACT_WF && w[i] > g[0].wmax)
			g[0].wmax = w[i];	/* the capped group is the first */
	}
	*wg = g;
	*nwg = ng;
	free(cnt);
	free(by_len);
}

/* t's impact order. */
static void make_impacts(const struct ix *x, struct ix_term *t)
{
	uint32_t n = t->n, *w = xmalloc(((size_t)n + 1) * sizeof(*w));
	uint32_t *len = xmalloc(((size_t)n + 1) * sizeof(*len));

	drop_impacts(t);
	for (uint32_t i = 0; i < n; i++) {
		w[i] = ix_wf(t, i);
		len[i] = x->len[t->doc[i]];
	}
	t->imp = xmalloc(((size_t)n + 1) * sizeof(*t->imp));
	sort_impacts(n, w, len, t->imp, &t->wg, &t->nwg);
	t->nimp = n;
	free(w);
	free(len);
}

/* The weight of the union of the positions of t[a] at postings at[a] for the forms in
 * has[0..m) (ascending positions each; a position once). */
static uint32_t union_wf(const struct ix_term *const *t, const uint32_t *at, const int *has,
			 int m)
{
	const uint32_t *p[IX_UNION_FORMS];
	uint32_t np[IX_UNION_FORMS], one[IX_UNION_FORMS], k[IX_UNION_FORMS] = { 0 }, w = 0;
	uint32_t last = UINT32_MAX;

	for (int a = 0; a < m; a++)
		np[a] = ix_positions(t[has[a]], at[has[a]], &p[a], &one[a]);
	for (;;) {
		int b = -1;

		for (int a = 0; a < m; a++)
			if (k[a] < np[a] && (b < 0 || p[a][k[a]] < p[b][k[b]]))
				b = a;
		if (b < 0)
			return w;
		if (p[b][k[b]] != last)
			w += rank_col_halves[p[b][k[b]] >> IX_OFF_BITS];
		last = p[b][k[b]++];
	}
}

static struct ix_union *make_union(const struct ix *x, const struct ix_term *const *t, int n)
{
	struct ix_union *u = xcalloc(1, sizeof(*u));
	uint32_t at[IX_UNION_FORMS] = { 0 }, cap = 0, m = 0, *w = NULL, *len = NULL, *dn = NULL;

	for (int a = 0; a < n; a++)
		cap += t[a]->n;
	w = xmalloc(((size_t)cap + 1) * sizeof(*w));
	len = xmalloc(((size_t)cap + 1) * sizeof(*len));
	dn = xmalloc(((size_t)cap + 1) * sizeof(*dn));
	for (;;) {	/* the forms' rows in document order, each once */
		uint32_t d = UINT32_MAX;
		int has[IX_UNION_FORMS], nh = 0;

		for (int a = 0; a < n; a++)
			if (at[a] < t[a]->n && t[a]->doc[at[a]] < d)
				d = t[a]->doc[at[a]];
		if (d == UINT32_MAX)
			break;
		for (int a = 0; a < n; a++)
			if (at[a] < t[a]->n && t[a]->doc[at[a]] == d)
				has[nh++] = a;
		w[m] = nh == 1 ? ix_wf(t[has[0]], at[has[0]]) : union_wf(t, at, has, nh);
		len[m] = x->len[d];
		dn[m++] = d;
		for (int a = 0; a < nh; a++)
			at[has[a]]++;
	}
	u->nterms = (uint32_t)n;
	for (int a = 0; a < n; a++)
		u->term[a] = (uint32_t)(t[a] - x->terms);
	u->ndocs = x->ndocs;
	u->n = m;
	u->dn = xmalloc(((size_t)m + 1) * sizeof(*u->dn));
	sort_impacts(m, w, len, u->dn, &u->wg, &u->nwg);
	for (uint32_t j = 0; j < m; j++)
		u->dn[j] = dn[u->dn[j]];
	free(w);
	free(len);
	free(dn);
	return u;
}

static int by_term(const void *a, const void *b)
{
	const struct ix_term *const *x = a, *const *y = b;

	return *x < *y ? -1 : *x > *y;
}

const struct ix_union *ix_union_get(const struct ix *cx, const struct ix_term *const *t, int n)
{
	struct ix *x = (struct ix *)cx;	/* the unions: under ulock */
	const struct ix_term *s[IX_UNION_FORMS];
	struct ix_union *u;

	if (n < 2 || n > IX_UNION_FORMS)
		return NULL;
	memcpy(s, t, (size_t)n * sizeof(*s));
	qsort(s, (size_t)n, sizeof(*s), by_term);
	pthread_mutex_lock(&x->ulock);
	for (u = x->unions; u; u = u->next) {
		int same = u->nterms == (uint32_t)n;

		for (int a = 0; a < n && same; a++)
			same = u->term[a] == (uint32_t)(s[a] - x->terms);
		if (same)
			goto out;
	}
	if (x->nunions < IX_UNIONS_MAX) {
		u = make_union(x, s, n);
		u->next = x->unions;
		x->unions = u;
		x->nunions++;
	}
out:
	pthread_mutex_unlock(&x->ulock);
	return u;
}

void ix_impacts(struct ix *x, int all)
{
	drop_unions(x, all);
	for (uint32_t i = 0; i < x->nterms; i++) {
		struct ix_term *t = &x->terms[i];

		if (!t->slot || t->n < x->impact_min) {
			if (t->imp)
				drop_impacts(t);
			continue;
		}
		if (all || !t->imp ||
		    (t->n - t->nimp > IX_IMPACT_MIN && t->n - t->nimp > t->nimp / 8))
			make_impacts(x, t);
	}
}

void ix_shrink(struct ix *x)
{
	for (uint32_t i = 0; i < x->nterms; i++) {
		struct ix_term *t = &x->terms[i];

		if (t->n && t->cap > t->n) {
			t->doc = xrealloc(t->doc, t->n * sizeof(*t->doc));
			if (t->slot)
				t->slot = xrealloc(t->slot, t->n * sizeof(*t->slot));
			t->cap = t->n;
		}
		if (t->nmore && t->capmore > t->nmore) {
			t->more = xrealloc(t->more, t->nmore * sizeof(*t->more));
			t->capmore = t->nmore;
		}
	}
	if (x->nchars && x->capchars > x->nchars) {
		x->chars = xrealloc(x->chars, x->nchars);
		x->capchars = x->nchars;
	}
	ix_impacts(x, 1);
}

size_t ix_bytes(const struct ix *x)
{
	size_t b = sizeof(*x) + (size_t)x->cap * (2 * sizeof(int64_t) + sizeof(uint32_t)) +
		   x->cap / 8 + x->mapcap * sizeof(uint32_t) + x->capterms * sizeof(struct ix_term) +
		   x->thcap * sizeof(uint32_t) + x->capchars;

	for (uint32_t i = 0; i < x->nterms; i++) {
		const struct ix_term *t = &x->terms[i];

		b += (size_t)t->cap * sizeof(uint32_t) * (t->slot ? 2 : 1) +
		     (size_t)t->capmore * sizeof(uint32_t);
		if (t->imp)
			b += ((size_t)t->nimp + 1) * sizeof(uint32_t) +
			     ((size_t)t->nwg + 1) * sizeof(struct ix_wgroup);
	}
	for (const struct ix_union *u = x->unions; u; u = u->next)
		b += sizeof(*u) + ((size_t)u->n + 1) * sizeof(uint32_t) +
		     ((size_t)u->nwg + 1) * sizeof(struct ix_wgroup);
	return b;
}

void ix_stats(const struct ix *x, struct ix_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->rows = x->nalive;
	st->terms = x->nterms;
	st->bytes = ix_bytes(x);
	for (uint32_t i = 0; i < x->nterms; i++) {
		const struct ix_term *t = &x->terms[i];

		st->postings += t->n;
		for (uint32_t j = 0; t->slot && j < t->n; j++)
			st->positions += t->slot[j] & IX_INLINE ? 0 : t->more[t->slot[j]];
		if (!t->slot)
			st->tag_postings += t->n;
	}
}
