/* The SQLite backend: full-text search (FTS5 table "search" and its facts in
 * search_doc, kept by triggers; see search_sql.h, and fts.c for the tokenizer and the
 * ranking). Filters are tags in the index, so they narrow the matches inside FTS5. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/log.h"
#include "core/sbuf.h"
#include "core/xalloc.h"
#include "store/sqlite/internal.h"
#include "store/sqlite/search_sql.h"

#define MARK "\x1f"	/* the tokenizer's mark (fts.c) */
#define CANDIDATES_MIN 200
#define SEARCH_TIER_MIN 5000	/* matches beyond which headings are ranked first */
#define SEARCH_RANK_MAX 10000	/* matches ranked at most */

/* The tag "#<prefix>value" (lowercased, quotes dropped) as an FTS5 string. */
static void add_tag(struct sbuf *b, char prefix, const char *v)
{
	sbuf_adds(b, "\"" MARK "#");
	sbuf_addc(b, prefix);
	for (const char *c = v; *c; c++)
		if (*c != '"')
			sbuf_addc(b, *c >= 'A' && *c <= 'Z' ? (char)(*c + 32) : *c);
	sbuf_addc(b, '"');
}

/* " AND ( "#<p>a" OR "#<p>b" OR "#<q>c" )": a row with one of values v[0..n) under tag
 * prefix p, or of w[0..nw) under q; a tag no row has when both are empty. */
static void tag_any(struct sbuf *b, char p, const char *const *v, size_t n, char q,
		    const char *const *w, size_t nw)
{
	sbuf_adds(b, " AND (");
	for (size_t i = 0; i < n + nw; i++) {
		sbuf_adds(b, i ? " OR " : " ");
		add_tag(b, i < n ? p : q, i < n ? v[i] : w[i - n]);
	}
	if (!n && !nw)		/* nothing allowed: a tag no row has */
		sbuf_adds(b, " \"" MARK "#none\"");
	sbuf_adds(b, " )");
}

/* The codes of the languages of bit set langs (bit 1u << enum lang), in p. */
static size_t lang_codes(pool *p, unsigned langs, const char ***out)
{
	const char **v = pool_calloc(p, LANG_COUNT, sizeof(*v));
	size_t n = 0;

	for (int l = 0; l < LANG_COUNT; l++)
		if (langs & (1u << l))
			v[n++] = lang_code((enum lang)l);
	*out = v;
	return n;
}

/* The first and last years of the indexed documents (0 when none). */
struct year_span {
	int lo, hi;
};
static const struct sq_col year_span_cols[] = {
	SQ_NUM(struct year_span, lo),
	SQ_NUM(struct year_span, hi),
};
static const struct sq_reader year_span_reader = SQ_READER(struct year_span, year_span_cols);

/* The whole MATCH expression: the terms' expression (from sq_match_any(); NULL for
 * a query of filters only), within the headings when headings is set, or the concept
 * tags (concepts, NULL none), less what the caller may not read, then rq's filters as
 * tags. */
static int full_match(struct sq *q, pool *p, const struct search_request *rq,
		      const char *terms, const char *concepts, int headings, const char **out,
		      struct err *e)
{
	struct sbuf b = SBUF_INIT;

	/* a query of filters only lists everything they let through; less the rows the
	 * caller may not read (clearance.c) */
	sbuf_adds(&b, "( ");
	if (terms && concepts)	/* the rows mapped to a concept the query names too */
		sbuf_addf(&b, headings ? "( ( {heading} : ( %s ) ) OR %s )" : "( ( %s ) OR %s )",
			  terms, concepts);
	else if (terms)
		sbuf_addf(&b, headings ? "( {heading} : ( %s ) )" : "( %s )", terms);
	else
		for (int k = 0; k < REC_KIND_COUNT; k++)
			sbuf_addf(&b, "%s\"" MARK "#k%s\"%s", k ? " OR " : "( ",
				  record_kind_name((enum record_kind)k), k + 1 < REC_KIND_COUNT ?
				  "" : " )");
	sq_clear_match(q, &b);
	sbuf_adds(&b, " )");
	if (rq->by_place)
		tag_any(&b, 'c', rq->countries, rq->ncountries, 'r', rq->regions, rq->nregions);
	if (rq->kinds) {
		sbuf_adds(&b, " AND (");
		for (int k = 0, first = 1; k < 3; k++)
			if (rq->kinds & (1u << k)) {
				sbuf_addf(&b, "%s\"" MARK "#k%s\"", first ? " " : " OR ",
					  record_kind_name((enum record_kind)k));
				first = 0;
			}
		sbuf_adds(&b, " )");
	}
	if (rq->langs) {
		const char **codes;
		size_t n = lang_codes(p, rq->langs, &codes);

		tag_any(&b, 'l', codes, n, 0, NULL, 0);
	}
	if (rq->narticles)
		tag_any(&b, 'a', rq->articles, rq->narticles, 0, NULL, 0);
	if (rq->year_from || rq->year_to) {
		/* the years there are, within the range asked */
		struct year_span span = { 0, 0 };
		int lo, hi, first = 1, rc;

		if ((rc = sq_row(q, SQ_SEARCH_YEARS, "SELECT (SELECT min(year) FROM search_doc), "
				 "(SELECT max(year) FROM search_doc)", SQ_NOVALS, NULL,
				 &year_span_reader, &span, NULL, "search", e))) {
			sbuf_release(&b);
			return rc;
		}
		lo = span.lo;
		hi = span.hi;
		if (rq->year_from > lo)
			lo = rq->year_from;
		if (rq->year_to && rq->year_to < hi)
			hi = rq->year_to;
		sbuf_adds(&b, " AND (");
		for (int y = lo; y <= hi; y++, first = 0)
			sbuf_addf(&b, "%s\"" MARK "#y%d\"", first ? " " : " OR ", y);
		if (first)
			sbuf_adds(&b, " \"" MARK "#none\"");
		sbuf_adds(&b, " )");
	}
	*out = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return ERR_OK;
}

/* Document frequencies of the phrases of earlier queries on this connection, for the
 * index generation they were found in (from the vocabulary, or counted by ccrank() for
 * a prefix). Keys: the phrase as written in the FTS5 expression. */
#define IDF_MAX 4096
struct idf_cache {
	long long generation;
	size_t n;
	char *key[IDF_MAX * 2];
	double df[IDF_MAX * 2];
};

void sq_idf_free(struct idf_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < IDF_MAX * 2; i++)
		free(c->key[i]);
	free(c);
}

static size_t idf_slot(const struct idf_cache *c, const char *key)
{
	uint32_t h = 2166136261u;
	size_t k;

	for (const char *s = key; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	for (k = h & (IDF_MAX * 2 - 1); c->key[k] && strcmp(c->key[k], key);
	     k = (k + 1) & (IDF_MAX * 2 - 1))
		;
	return k;
}

/* Before a ranked query: tell ccrank() what is known. After: keep what it counted. */
static void idf_before(struct sq *q, const struct sq_phrase *ph, const char **keys, size_t n)
{
	memset(&q->rank, 0, sizeof(q->rank));
	if (!q->idf)
		q->idf = xcalloc(1, sizeof(*q->idf));
	if (q->idf->generation != q->generation || q->idf->n >= IDF_MAX) {
		for (size_t i = 0; i < IDF_MAX * 2; i++) {
			free(q->idf->key[i]);
			q->idf->key[i] = NULL;
		}
		q->idf->n = 0;
		q->idf->generation = q->generation;
	}
	for (size_t i = 0; i < n && i < SQ_RANK_PHRASES; i++) {
		size_t k = idf_slot(q->idf, keys[i]);

		if (q->idf->key[k]) {
			q->rank.have[i] = 1;
			q->rank.df[i] = q->idf->df[k];
		} else if (!ph[i].prefix) {
			long long df = sq_fts_phrase_df(q, ph[i].text, (int)strlen(ph[i].text));

			if (df >= 0) {
				q->rank.have[i] = 1;
				q->rank.df[i] = (double)df;
			}
		}
	}
}

static void idf_after(struct sq *q, const char **keys, size_t n)
{
	for (size_t i = 0; i < n && i < SQ_RANK_PHRASES; i++) {
		size_t k;

		if (!q->rank.have[i] || q->idf->n >= IDF_MAX)
			continue;
		k = idf_slot(q->idf, keys[i]);
		if (!q->idf->key[k]) {
			q->idf->key[k] = xstrdup(keys[i]);
			q->idf->df[k] = q->rank.df[i];
			q->idf->n++;
		}
	}
	memset(&q->rank, 0, sizeof(q->rank));
}

/* The concept tags of rq ("#aun-cc/7" OR ...: the rows mapped to one) into *tags
 * (NULL when none), and ccrank()'s spec for the phrases ph[0..nph) and them. */
static const char *concept_tags(pool *p, const struct search_request *rq,
				const struct sq_phrase *ph, size_t nph, const char **tags)
{
	struct sbuf b = SBUF_INIT, sp = SBUF_INIT;
	const char *r;

	*tags = NULL;
	for (size_t i = 0; i < nph; i++) {
		if (ph[i].group >= 0)
			sbuf_addf(&sp, "%d ", ph[i].group);
		else
			sbuf_adds(&sp, "- ");
	}
	for (size_t i = 0; i < rq->nconcepts && !rq->narticles; i++) {
		if (b.len)
			sbuf_adds(&b, " OR ");
		add_tag(&b, 'a', rq->concepts[i]);
		sbuf_adds(&sp, "c ");
	}
	if (b.len)
		*tags = pool_printf(p, "( %s )", sbuf_str(&b));
	r = pool_strdup(p, sbuf_str(&sp));
	sbuf_release(&b);
	sbuf_release(&sp);
	return r;
}

/* A concept's weight for each provision mapped to it (accepted), by how sure the
 * mapping is: 4 for a curator's own (no suggester's score), for an accepted
 * suggestion 3 when the suggester's score was 0.5 or more (a heading that names the
 * article), 2 from 0.35, else 1 (a few words in common: what a curator who accepts
 * every suggestion unread lets through); one less (at least 1) for a partial
 * mapping. Read when the query is run, so always current. */
struct boost {
	long long id;
	long long weight;
};
static const struct sq_col boost_cols[] = {
	SQ_NUM(struct boost, id),
	SQ_NUM(struct boost, weight),
};
static const struct sq_reader boost_reader = SQ_READER(struct boost, boost_cols);

static int by_boost_id(const void *a, const void *b)
{
	const struct boost *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The weights of the rows mapped to rq's concepts into bw's boost_* (from p), the
 * highest per row. */
static int concept_weights(struct sq *q, pool *p, const struct search_request *rq,
			   struct sq_rank_io *bw, struct err *e)
{
	struct boost *all = NULL;
	size_t n = 0, k = 0;
	long long *ids;
	unsigned char *w;

	for (size_t i = 0; i < rq->nconcepts && !rq->narticles; i++) {
		const char *slash = strrchr(rq->concepts[i], '/');
		struct boost *b;
		size_t nb;
		int rc;

		if (!slash)
			continue;
		if ((rc = sq_list(q, SQ_SEARCH_BOOST, "SELECT v.id, max(1, CASE WHEN m.score IS "
			"NULL THEN 4 WHEN m.score >= 0.5 THEN 3 WHEN m.score >= 0.35 THEN 2 ELSE 1 END "
			"- (m.extent = 'partial')) "
			"FROM mapping m JOIN expression x ON x.work_id = m.work_id "
			"JOIN provision v ON v.expression_id = x.id AND v.eid = m.eid "
			"WHERE m.instrument = ?1 AND m.article = ?2 AND m.state = 'accepted'",
			SQ_VALS(SQ_TEXT(pool_strndup(p, rq->concepts[i],
						    (size_t)(slash - rq->concepts[i]))),
				SQ_INT(atoi(slash + 1))), p, &boost_reader, (void **)&b, &nb,
			"concept search", e)))
			return rc;
		if (nb) {
			struct boost *more = pool_calloc(p, n + nb, sizeof(*more));

			if (n)
				memcpy(more, all, n * sizeof(*all));
			memcpy(more + n, b, nb * sizeof(*b));
			all = more;
			n += nb;
		}
	}
	if (n > 1)
		qsort(all, n, sizeof(*all), by_boost_id);
	ids = pool_calloc(p, n + 1, sizeof(*ids));
	w = pool_calloc(p, n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		if (k && ids[k - 1] == all[i].id) {
			if (all[i].weight > w[k - 1])
				w[k - 1] = (unsigned char)all[i].weight;
			continue;
		}
		ids[k] = all[i].id;
		w[k++] = (unsigned char)all[i].weight;
	}
	bw->boost_id = ids;
	bw->boost_w = w;
	bw->nboost = k;
	return ERR_OK;
}

struct cand {
	long long rowid, record_id;
	double score;
	int k;			/* the hit's place among its record's hits, from 1 */
	int coord;		/* with any: how many of the query's groups it has */
	size_t order;
};

static int by_k_score(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->coord != y->coord)	/* more of the words first, then per record */
		return x->coord > y->coord ? -1 : 1;
	if ((x->k > SEARCH_PER_RECORD) != (y->k > SEARCH_PER_RECORD))
		return x->k > SEARCH_PER_RECORD ? 1 : -1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return 0;
}

/* Candidate k of a page (in rank order): its place among its record's. */
static void cand_add(struct cand *c, size_t k, long long rowid, long long record_id,
		     double score)
{
	c[k].rowid = rowid;
	c[k].record_id = record_id;
	c[k].score = score;
	c[k].order = k;
	c[k].coord = (int)(-score / SQ_COORD_UNIT);
	c[k].k = 1;
	for (size_t j = k; j-- > 0;)
		if (c[j].record_id == record_id) {
			c[k].k = c[j].k + 1;
			break;
		}
}

static int count_matches(struct sq *q, const char *match, long long *n, struct err *e)
{
	*n = 0;
	return sq_row(q, SQ_SEARCH_COUNT, "SELECT count(*) FROM search WHERE search MATCH ?1",
		      SQ_VALS(SQ_TEXT(match)), NULL, &sq_ll_reader, n, NULL, "search", e);
}

/* The page: the best candidates by score, a record's first hits before its others.
 * ph[0..nph): the terms' phrases (sq_match_terms), whose document frequencies are
 * cached per connection (keys: A, or H when only headings are ranked, and the phrase). */
static int page_rows(struct sq *q, pool *p, const struct search_request *rq, int headings,
		     long long every, const char *match, const char *spec,
		     const struct sq_phrase *ph, size_t nph, const struct sq_rank_io *bw,
		     struct cand **out, size_t *n, struct err *e)
{
	const char *keys[SQ_RANK_PHRASES];
	size_t nkeys = nph < SQ_RANK_PHRASES ? nph : SQ_RANK_PHRASES;
	/* every > 1: only every so many rows by id are ranked (a sample) */
	sqlite3_stmt *st = every > 1 ?
		sq_prep(q, SQ_SEARCH_SAMPLE, "SELECT t.id, d.record_id, t.r FROM (SELECT rowid "
			"AS id, ccrank(search, ?4, ?6, ?7) AS r FROM search WHERE search MATCH ?1 AND "
			"rowid % ?5 = 0 ORDER BY r LIMIT ?3) t JOIN search_doc d ON d.id = t.id "
			"ORDER BY t.r", e) :
		/* ranked inside FTS5 first: the join only for the rows kept */
		sq_prep(q, SQ_SEARCH_HITS, "SELECT t.id, d.record_id, t.r FROM (SELECT rowid "
			"AS id, rank AS r FROM search WHERE search MATCH ?1 AND rank MATCH ?2 "
			"ORDER BY rank LIMIT ?3) t JOIN search_doc d ON d.id = t.id ORDER BY t.r", e);
	int want = 4 * (rq->offset + rq->limit), rc;
	const char *rank = pool_printf(p, "ccrank(%zu, %d, '%s')", nph, rq->any, spec);
	struct cand *c;
	size_t k = 0;

	if (!st)
		return ERR_DB;
	for (size_t i = 0; i < nkeys; i++)
		keys[i] = pool_printf(p, "%c%s", headings ? 'H' : 'A', ph[i].key);
	if (want < (rq->candidates ? rq->candidates : CANDIDATES_MIN))
		want = rq->candidates ? rq->candidates : CANDIDATES_MIN;
	c = pool_calloc(p, (size_t)want, sizeof(*c));
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, want);
	if (every > 1) {
		sqlite3_bind_int(st, 4, (int)nph);
		sqlite3_bind_int64(st, 5, every);
		sqlite3_bind_int(st, 6, rq->any);
		sqlite3_bind_text(st, 7, spec, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_text(st, 2, rank, -1, SQLITE_STATIC);
	}
	idf_before(q, ph, keys, nkeys);
	q->rank.boost_id = bw->boost_id;
	q->rank.boost_w = bw->boost_w;
	q->rank.nboost = bw->nboost;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && k < (size_t)want) {
		cand_add(c, k, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			 sqlite3_column_double(st, 2));
		k++;
	}
	sqlite3_reset(st);
	idf_after(q, keys, nkeys);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(q, "search", e);
	qsort(c, k, sizeof(*c), by_k_score);
	*out = c;
	*n = k;
	return ERR_OK;
}

/* The candidates from the index in memory (ix.h), with the total and the facets
 * into out: *used 0 when the search goes to FTS5 instead (the index is not ready,
 * or the expression is not one it evaluates). The same ranking as page_rows' and
 * the same document frequencies (cached per connection), over every match. */
static int ix_rows(struct sq *q, pool *p, const struct search_request *rq, const char *match,
		   const char *spec, const struct sq_phrase *ph, size_t nph,
		   const struct sq_rank_io *bw, struct search_result *res, struct cand **out,
		   size_t *n, int *used, struct err *e)
{
	const char *keys[SQ_RANK_PHRASES], *why = NULL;
	size_t nkeys = nph < SQ_RANK_PHRASES ? nph : SQ_RANK_PHRASES;
	int want = 4 * (rq->offset + rq->limit), rc;
	const struct ix *x;
	struct ix_query iq;
	struct ix_result r;
	struct cand *c;

	*used = 0;
	if (!q->ixtok.tok && sq_fts_tokenizer(q->db, &q->ixtok))
		return ERR_OK;
	if (sq_ix_acquire(q, &x) != 1)
		return ERR_OK;
	if (want < (rq->candidates ? rq->candidates : CANDIDATES_MIN))
		want = rq->candidates ? rq->candidates : CANDIDATES_MIN;
	/* document frequencies known on this connection for this generation */
	q->generation = x->generation;
	for (size_t i = 0; i < nkeys; i++)
		keys[i] = pool_printf(p, "A%s", ph[i].key);
	idf_before(q, ph, keys, 0);
	for (size_t i = 0; i < nkeys; i++) {
		size_t k = idf_slot(q->idf, keys[i]);

		if (q->idf->key[k]) {
			q->rank.have[i] = 1;
			q->rank.df[i] = q->idf->df[k];
		}
	}
	iq = (struct ix_query){ match, (int)nph, spec, want, q->rank.have, q->rank.df, nkeys,
				bw->boost_id, bw->boost_w, bw->nboost };
	rc = ix_search(x, &q->ixtok, p, &iq, &r, &why);
	sq_ix_release(q);
	if (rc) {
		memset(&q->rank, 0, sizeof(q->rank));
		if (rc > 0)
			log_debug("search: FTS5 for %s", why);
		return rc > 0 ? ERR_OK : err_set(e, ERR_INTERNAL, "search: the index in memory failed");
	}
	idf_after(q, keys, nkeys);
	if (!q->facets)
		q->facets = sq_facets_attach(q->path);
	if ((rc = sq_facets_count_ids(q, q->facets, p, r.rowids, (size_t)r.total, res, e)))
		return rc;
	c = pool_calloc(p, r.ntop + 1, sizeof(*c));
	for (size_t i = 0; i < r.ntop; i++)
		cand_add(c, i, r.top[i].rowid, r.top[i].record, r.top[i].score);
	qsort(c, r.ntop, sizeof(*c), by_k_score);
	*out = c;
	*n = r.ntop;
	*used = 1;
	return ERR_OK;
}

/* The place of a provision in its law (see struct search_hit). */
struct hit_place {
	const char *path, *section, *section_path;
	long long headed;
};
static const struct sq_col hit_place_cols[] = {
	SQ_STR(struct hit_place, path),
	SQ_STR(struct hit_place, section),
	SQ_STR(struct hit_place, section_path),
	SQ_NUM(struct hit_place, headed),
};
static const struct sq_reader hit_place_reader = SQ_READER(struct hit_place, hit_place_cols);

/* The places of hits read on this connection, for the index generation they were read
 * in (a provision's heading or its ancestors' change the rows of its law, and so the
 * generation): by row id, at most PLACES_MAX, forgotten all at once when full (a page of
 * each of the benchmark's 1,000 queries fits). */
#define PLACES_MAX 16384
struct places {
	long long generation;
	pool *p;
	size_t n;
	long long id[PLACES_MAX * 2];	/* 0 empty */
	struct hit_place v[PLACES_MAX * 2];
};

void sq_places_free(struct places *c)
{
	if (!c)
		return;
	pool_free(c->p);
	free(c);
}

/* The slot of rowid in c (its own, or the empty one it would take). */
static size_t place_slot(const struct places *c, long long rowid)
{
	size_t k = (size_t)((unsigned long long)rowid * 0x9e3779b97f4a7c15ull >> 40) %
		   (PLACES_MAX * 2);

	while (c->id[k] && c->id[k] != rowid)
		k = (k + 1) % (PLACES_MAX * 2);
	return k;
}

/* The place of provision rowid in its law into h: its ancestors' numbers and
 * headings, and for a provision without a heading of its own, those up to the
 * nearest ancestor with one (its section) apart from those above; kept per
 * connection (struct places) outside transactions. */
static void provision_path(struct sq *q, pool *p, long long rowid, struct search_hit *h,
			   struct err *e)
{
	struct hit_place pl = { NULL, NULL, NULL, 1 };
	struct places *c = q->places;
	size_t k;

	if (!c)
		c = q->places = xcalloc(1, sizeof(*c));
	if (c->generation != q->generation || c->n >= PLACES_MAX || !c->p) {
		pool_free(c->p);
		memset(c->id, 0, sizeof(c->id));
		c->p = pool_new();
		c->n = 0;
		c->generation = q->generation;
	}
	k = place_slot(c, rowid);
	if (c->id[k] && !q->depth) {
		pl = c->v[k];
	} else if (!sq_row(q, SQ_SEARCH_PATH,
		   "WITH RECURSIVE up(id, depth) AS (SELECT parent_id, 0 FROM provision "
		   "WHERE id = ?1 AND parent_id IS NOT NULL UNION ALL SELECT v.parent_id, "
		   "up.depth + 1 FROM provision v JOIN up ON v.id = up.id "
		   "WHERE v.parent_id IS NOT NULL LIMIT 16), "
		   "l(label, headed, depth) AS (SELECT trim(coalesce(v.num, '') || ' ' || "
		   "coalesce(v.heading, '')), coalesce(trim(v.heading), '') != '', up.depth "
		   "FROM up JOIN provision v ON v.id = up.id), "
		   "s(d) AS (SELECT coalesce((SELECT min(depth) FROM l WHERE headed), 0)) "
		   "SELECT (SELECT group_concat(label, ' › ') FROM (SELECT label FROM l "
		   "ORDER BY depth DESC)), (SELECT group_concat(label, ' › ') FROM (SELECT label "
		   "FROM l, s WHERE depth <= s.d ORDER BY depth DESC)), "
		   "(SELECT group_concat(label, ' › ') FROM (SELECT label FROM l, s "
		   "WHERE depth > s.d ORDER BY depth DESC)), "
		   "(SELECT coalesce(trim(heading), '') != '' FROM provision WHERE id = ?1)",
		   SQ_VALS(SQ_INT(rowid)), q->depth ? p : c->p, &hit_place_reader, &pl, NULL,
		   "search", e) &&
		   !q->depth) {	/* inside a transaction: it may be rolled back */
		c->id[k] = rowid;
		c->v[k] = pl;
		c->n++;
	}
	h->path = pl.path && *pl.path ? pool_strdup(p, pl.path) : NULL;
	if (!pl.headed && pl.section && *pl.section) {
		h->section = pool_strdup(p, pl.section);
		h->section_path = pl.section_path && *pl.section_path ?
				  pool_strdup(p, pl.section_path) : NULL;
	}
}

/* Whether changes wait in search_queue: 1, 0, or -1 with e set. */
static int queued(struct sq *q, struct err *e)
{
	long long n = 0;

	if (sq_row(q, SQ_SEARCH_QUEUED, "SELECT EXISTS (SELECT 1 FROM search_queue)",
		   SQ_NOVALS, NULL, &sq_ll_reader, &n, NULL, "search index", e))
		return -1;
	return n != 0;
}

int sq_search_flush(struct sq *q, struct err *e)
{
	int n = queued(q, e);

	return n < 0 ? ERR_DB : n ? sq_exec(q, SEARCH_FLUSH, e) : ERR_OK;
}

/* The columns of a hit, in SQ_SEARCH_PAGE (where the score is the ranking's, set
 * after) and SQ_SEARCH_MAPPED. */
static const struct sq_col hit_cols[] = {
	SQ_NUM(struct search_hit, record_id),
	SQ_STR(struct search_hit, eid),
	SQ_STR(struct search_hit, heading),
	SQ_DBL(struct search_hit, score),
	SQ_STR(struct search_hit, snippet),
	SQ_KIND(struct search_hit, kind),
	SQ_STR(struct search_hit, country),
	SQ_STR(struct search_hit, title),
	SQ_STR(struct search_hit, work_uri),
	SQ_STR(struct search_hit, concept),
	SQ_STR(struct search_hit, articles),
	SQ_STR(struct search_hit, citation),
	SQ_STR(struct search_hit, language),
};
static const struct sq_reader hit_reader = SQ_READER(struct search_hit, hit_cols);

/* The first of the concepts rq names that articles (a hit's, space-separated) has,
 * or NULL. */
static const char *hit_concept(pool *p, const struct search_request *rq, const char *articles)
{
	for (size_t i = 0; articles && i < rq->nconcepts; i++) {
		const char *a = articles;
		size_t n = strlen(rq->concepts[i]);

		while ((a = strstr(a, rq->concepts[i]))) {
			if ((a == articles || a[-1] == ' ') && (a[n] == ' ' || !a[n]))
				return pool_strdup(p, rq->concepts[i]);
			a += n;
		}
	}
	return NULL;
}

/* A hit's row (hit_reader), its snippet column snip, the rows where. */
#define PAGE_SQL(snip, where) \
	"SELECT d.record_id, d.eid, s.heading, 0.0, " snip ", d.kind, d.country, s.title, " \
	"w.uri, NULL, d.articles, (SELECT nullif(c.citation, '') FROM caselaw c " \
	"WHERE c.record_id = d.record_id AND d.eid IS NULL), d.language " \
	"FROM search s JOIN search_doc d ON d.id = s.rowid " \
	"LEFT JOIN work w ON w.record_id = d.record_id WHERE " where
#define SNIPPET_TOKENS 14

/* Hit rowid's row into h (*found 0 when it is gone), its snippet marking the words of
 * shown (the query's words, and concept tags): from the index in memory x (held)
 * when it can tell the row's instances, the row read by its id; else by FTS5, which
 * matches shown again for the row. */
static int page_row(struct sq *q, pool *p, const struct ix *x, const char *shown,
		    long long rowid, struct search_hit *h, int *found, struct err *e)
{
	struct ix_inst *in;
	size_t nin;
	const char *why;
	int rc;

	if (x && !ix_instances(x, &q->ixtok, p, shown, rowid, 3, &in, &nin, &why)) {
		if ((rc = sq_row(q, SQ_SEARCH_PAGE_ROW, PAGE_SQL("s.body", "s.rowid = ?1"),
				 SQ_VALS(SQ_INT(rowid)), p, &hit_reader, h, found, "search", e)) ||
		    !*found)
			return rc;
		if (h->snippet) {
			int nph = 0;

			for (size_t i = 0; i < nin; i++)
				nph = in[i].phrase >= nph ? in[i].phrase + 1 : nph;
			h->snippet = ix_snippet(p, &q->ixtok, h->snippet, (int)strlen(h->snippet),
						in, nin, nph, "\x02", "\x03", "…", SNIPPET_TOKENS);
		}
		return ERR_OK;
	}
	return sq_row(q, SQ_SEARCH_PAGE, PAGE_SQL("snippet(search, 3, char(2), char(3), '…', 14)",
						  "search MATCH ?1 AND s.rowid = ?2"),
		      SQ_VALS(SQ_TEXT(shown), SQ_INT(rowid)), p, &hit_reader, h, found, "search", e);
}

int sq_search(struct store *s, pool *p, const struct search_request *rq,
	      struct search_result *out, struct err *e)
{
	struct sq *q = (struct sq *)s;
	struct cand *c = NULL;
	struct sq_phrase *ph;
	size_t nc = 0, nph, first = (size_t)rq->offset;
	const char *terms, *match = NULL, *spec, *concepts, *shown;
	const struct ix *x = NULL;
	struct sq_rank_io bw;
	int rc, used = 0;

	memset(&bw, 0, sizeof(bw));
	/* changes made outside a transaction are indexed now (every write path of the
	 * program uses one: this is a safety net) */
	if (q->depth == 0 && (rc = queued(q, e)) != 0) {
		if (rc < 0)
			return ERR_DB;
		log_warn("search: changes made outside a transaction were not indexed yet");
		if ((rc = store_begin(s, e)) || (rc = store_commit(s, e)))
			return rc;
	}
	/* NULL: filters only */
	terms = sq_match_any(p, rq->terms, rq->nterms, rq->any, &ph, &nph);
	spec = concept_tags(p, rq, ph, nph, &concepts);
	if ((rc = full_match(q, p, rq, terms, concepts, 0, &match, e)) ||
	    (concepts && (rc = concept_weights(q, p, rq, &bw, e))))
		return rc;
	/* the index in memory: every match counted and ranked */
	if ((rc = ix_rows(q, p, rq, match, spec, ph, nph, &bw, out, &c, &nc, &used, e)))
		return rc;
	/* else FTS5: the total and every facet from one pass over the matches */
	if (!used && !q->facets)
		q->facets = sq_facets_attach(q->path);
	if (!used && (rc = sq_facets_count(q, q->facets, p, match, out, e)))
		return rc;
	/* Ranking in FTS5 costs microseconds per match. When very many rows match, the
	 * best are looked for among those with the words in their headings (a tiered
	 * index), if there are enough of them; and at most SEARCH_RANK_MAX rows are
	 * ranked: beyond that, an evenly spread sample (every so many by row id). */
	if (!used) {
		const char *ranked = match;
		long long n = out->total, enough = 4LL * (rq->offset + rq->limit);
		int headings = 0;

		if (terms && out->total > SEARCH_TIER_MIN) {
			const char *tier;
			long long nt;

			if ((rc = full_match(q, p, rq, terms, concepts, 1, &tier, e)) ||
			    (rc = count_matches(q, tier, &nt, e)))
				return rc;
			if (nt >= enough) {
				ranked = tier;
				n = nt;
				headings = 1;
			}
		}
		if ((rc = page_rows(q, p, rq, headings, (n + SEARCH_RANK_MAX - 1) / SEARCH_RANK_MAX,
				    ranked, spec, ph, nph, &bw, &c, &nc, e)))
			return rc;
	}
	/* Each hit's row and snippet: the row is known to match the whole expression, so
	 * its words alone (and the concepts' tags, for a row mapped to one) are enough
	 * for snippet() to mark them; the filters' and the clearance's tags, which FTS5
	 * would look up again for every hit, are in no text. A query of filters alone:
	 * its kinds' tags, one of which every row has. */
	if (terms) {
		shown = concepts ? pool_printf(p, "( %s ) OR %s", terms, concepts) : terms;
	} else {
		struct sbuf b = SBUF_INIT;

		for (int k = 0; k < REC_KIND_COUNT; k++)
			sbuf_addf(&b, "%s\"" MARK "#k%s\"", k ? " OR " : "",
				  record_kind_name((enum record_kind)k));
		shown = pool_strdup(p, sbuf_str(&b));
		sbuf_release(&b);
	}
	out->hits = pool_calloc(p, (size_t)rq->limit + 1, sizeof(*out->hits));
	out->nhits = 0;
	if (used && sq_ix_acquire(q, &x) != 1)
		x = NULL;
	for (size_t i = first; i < nc && out->nhits < (size_t)rq->limit; i++) {
		struct search_hit *h = &out->hits[out->nhits];
		int found;

		if ((rc = page_row(q, p, x, shown, c[i].rowid, h, &found, e)))
			break;
		if (found) {
			h->score = c[i].score;
			h->concept = hit_concept(p, rq, h->articles);
			out->nhits++;
		}
	}
	if (x)
		sq_ix_release(q);
	if (rc)
		return rc;
	for (size_t i = 0; i < out->nhits; i++)
		if (out->hits[i].eid && c[first + i].rowid > 0)
			provision_path(q, p, c[first + i].rowid, &out->hits[i], e);
	return ERR_OK;
}

/* ",a,b," in p for the values v[0..n); NULL when off (any value). */
static const char *comma_list(pool *p, int on, const char *const *v, size_t n)
{
	struct sbuf b = SBUF_INIT;
	const char *r;

	if (!on)
		return NULL;
	sbuf_addc(&b, ',');
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&b, "%s,", v[i]);
	r = pool_strdup(p, sbuf_str(&b));
	sbuf_release(&b);
	return r;
}

int sq_search_mapped(struct store *s, pool *p, const struct search_request *rq,
		     struct search_hit **out, size_t *n, struct err *e)
{
	const char **codes, *kinds[REC_KIND_COUNT];
	size_t nl = lang_codes(p, rq->langs, &codes), nk = 0;

	for (int k = 0; k < REC_KIND_COUNT; k++)	/* the kinds asked for, by name */
		if (rq->kinds & (1u << k))
			kinds[nk++] = record_kind_name((enum record_kind)k);
	/* from the mapping index, not the text: the same filters as MATCH (but the
	 * regions': mapped provisions are of laws, which have a country) */
	return sq_list((struct sq *)s, SQ_SEARCH_MAPPED,
		"SELECT r.id, v.eid, trim(coalesce(v.num, '') || ' ' || coalesce(v.heading, '')), "
		"0.0, substr(coalesce(v.text, ''), 1, 240), r.kind, r.country, r.title, w.uri, "
		"m.instrument || '/' || m.article, NULL, NULL, r.language "
		"FROM mapping m JOIN work w ON w.record_id = m.work_id "
		"JOIN record r ON r.id = m.work_id "
		"JOIN provision v ON v.eid = m.eid AND v.expression_id = (SELECT x.id FROM "
		"  expression x WHERE x.work_id = m.work_id AND x.pending = 0 ORDER BY x.date DESC "
		"  LIMIT 1) "
		"WHERE m.state = 'accepted' AND instr(?8, ',' || m.instrument || '/' || m.article "
		"  || ',') > 0 "
		"AND " SQ_VISIBLE("r") " "
		"AND (?3 IS NULL OR instr(?3, ',' || r.country || ',') > 0) "
		"AND (?4 IS NULL OR instr(?4, ',' || r.kind || ',') > 0) "
		"AND (?7 IS NULL OR instr(?7, ',' || r.language || ',') > 0) "
		"AND (?5 = 0 OR CAST(substr(w.date, 1, 4) AS INTEGER) >= ?5) "
		"AND (?6 = 0 OR CAST(substr(w.date, 1, 4) AS INTEGER) <= ?6) "
		"ORDER BY m.extent = 'full' DESC, r.country, r.title, v.ordinal LIMIT ?9",
		SQ_VALS(SQ_TEXT(NULL), SQ_TEXT(NULL),
			SQ_TEXT(comma_list(p, rq->by_place, rq->countries, rq->ncountries)),
			SQ_TEXT(comma_list(p, nk > 0, kinds, nk)), SQ_INT(rq->year_from),
			SQ_INT(rq->year_to),
			SQ_TEXT(comma_list(p, nl > 0, codes, nl)),
			SQ_TEXT(comma_list(p, 1, rq->concepts, rq->nconcepts)), SQ_INT(rq->limit)),
		p, &hit_reader, (void **)out, n, "concept search", e);
}

int sq_search_warm(struct store *s, int wait, struct err *e)
{
	struct sq *q = (struct sq *)s;

	pool *p = pool_new();
	struct search_result r;
	int rc;

	sq_ix_attach(q->path);	/* kept for the process's life */
	sq_ix_warm(q, wait);
	/* and the facets' copy, loaded by its first count, kept too */
	memset(&r, 0, sizeof(r));
	sq_facets_attach(q->path);
	if (!q->facets)
		q->facets = sq_facets_attach(q->path);
	rc = sq_facets_count_ids(q, q->facets, p, NULL, 0, &r, e);
	pool_free(p);
	return rc;
}

int sq_reindex(struct store *s, long long *rows, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;
	int rc;

	/* the statements that fill the index (search_sql.h), run again from scratch */
	if ((rc = sq_exec(q, SEARCH_REBUILD "INSERT INTO search(search) VALUES ('optimize');",
			  e)))
		return rc;
	if (sqlite3_prepare_v2(q->db, "SELECT count(*) FROM search_doc", -1, &st, NULL) !=
	    SQLITE_OK)
		return sq_fail(q, "reindex", e);
	rc = sqlite3_step(st);
	*rows = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? ERR_OK : sq_fail(q, "reindex", e);
}
